//! A string that matches a schema's `pattern`, for the subset of ECMA-262 regular expressions
//! documents write: literals, escapes (`\d`, `\w`, `\s`, `\.`), classes (`[a-f0-9]`, `[^,]`),
//! `.`, groups (`(…)`, `(?:…)`) with alternatives, the quantifiers `?`, `*`, `+`, `{n}`, `{n,}`,
//! `{n,m}` (lazy or not), and `^`/`$` at the ends of a top-level alternative.
//!
//! The string is made, never checked: there is no regex engine among the dependencies. So only
//! what is read with certainty is made from — each alternative's first branch, each quantifier's
//! least count — and anything else (lookaround, back-references, word boundaries, anchors
//! elsewhere) gives `None`, leaving the caller's own text.

/// The most characters a pattern is read for: longer ones are not worth guessing at.
const MAX_PATTERN: usize = 1_000;
/// The longest string made: a quantifier such as `{1000000}` is not followed.
const MAX_MADE: usize = 4_096;

/// A string `pattern` matches, of at least `min_chars` characters where an unbounded quantifier
/// (`+`, `*`, `{n,}`) can stretch to reach it; `None` when the pattern uses what is not read here.
pub fn matching(pattern: &str, min_chars: usize) -> Option<String> {
    if pattern.chars().count() > MAX_PATTERN {
        return None;
    }
    let made = Maker::new(pattern, 0).top()?;
    let short = min_chars.saturating_sub(made.chars().count());
    if short == 0 {
        return Some(made);
    }
    // Each extra repetition adds at least one character, so this many reach the length.
    Maker::new(pattern, short).top()
}

struct Maker {
    chars: Vec<char>,
    at: usize,
    /// Extra repetitions still to give the first unbounded quantifier met.
    stretch: usize,
}

impl Maker {
    fn new(pattern: &str, stretch: usize) -> Self {
        Maker { chars: pattern.chars().collect(), at: 0, stretch }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.at += 1;
        }
        found
    }

    /// The whole pattern: the first top-level alternative, whose `^` and `$` may stand at its ends.
    fn top(&mut self) -> Option<String> {
        self.eat('^');
        let made = self.sequence(true)?;
        self.eat('$');
        // Later alternatives are not made, only read past (a match of the first is enough).
        while self.eat('|') {
            self.eat('^');
            self.sequence(true)?;
            self.eat('$');
        }
        (self.at == self.chars.len()).then_some(made)
    }

    /// Items up to `|`, `)` or the end (a `$` too at the top level).
    fn sequence(&mut self, top: bool) -> Option<String> {
        let mut made = String::new();
        while let Some(c) = self.peek() {
            let ends_alternative = top && c == '$' && matches!(self.chars.get(self.at + 1), None | Some('|'));
            if c == '|' || c == ')' || ends_alternative {
                break;
            }
            let once = self.atom()?;
            let (least, unbounded) = self.quantifier()?;
            let mut times = least;
            if unbounded && self.stretch > 0 {
                times += std::mem::take(&mut self.stretch);
            }
            if made.len() + once.len().saturating_mul(times) > MAX_MADE {
                return None;
            }
            made.push_str(&once.repeat(times));
        }
        Some(made)
    }

    /// One atom: what a single repetition of it makes.
    fn atom(&mut self) -> Option<String> {
        match self.next()? {
            '(' => self.group(),
            '[' => self.class().map(String::from),
            '.' => Some("a".to_owned()),
            '\\' => self.escape(false).map(String::from),
            // Anchors inside, or a quantifier with nothing before it.
            '^' | '$' | '*' | '+' | '?' | '{' | '}' => None,
            c => Some(c.to_string()),
        }
    }

    /// A group after its `(`: the first alternative made, the others read past.
    fn group(&mut self) -> Option<String> {
        if self.eat('?') {
            // Only `(?:…)`; lookaround and named groups are not read.
            if !self.eat(':') {
                return None;
            }
        }
        let made = self.sequence(false)?;
        while self.eat('|') {
            self.sequence(false)?;
        }
        self.eat(')').then_some(made)
    }

    /// A class after its `[`: its first character, or for `[^…]` one it leaves out.
    fn class(&mut self) -> Option<char> {
        let negated = self.eat('^');
        let mut ranges: Vec<(char, char)> = Vec::new();
        let mut first = true;
        loop {
            let c = self.next()?;
            if c == ']' && !first {
                break;
            }
            first = false;
            if c == '\\' {
                if let Some(members) = self.class_escape(negated)? {
                    ranges.extend(members);
                    continue;
                }
            }
            let low = match c {
                '\\' => self.escape(true)?,
                c => c,
            };
            let high = match (self.peek(), self.chars.get(self.at + 1)) {
                (Some('-'), Some(&next)) if next != ']' => {
                    self.at += 1;
                    match self.next()? {
                        '\\' => self.escape(true)?,
                        c => c,
                    }
                }
                _ => low,
            };
            ranges.push((low, high));
        }
        let inside = |c: char| ranges.iter().any(|(low, high)| (*low..=*high).contains(&c));
        match negated {
            false => ranges.first().map(|(low, _)| *low),
            true => ['a', 'x', '0', '_', '-', ' '].into_iter().find(|c| !inside(*c)),
        }
    }

    /// `\d`, `\w` or `\s` inside a class (after its `\`), as the ranges it stands for; `Some(None)`
    /// for any other escape, left unread. Their complements are not read in a negated class.
    fn class_escape(&mut self, negated: bool) -> Option<Option<Vec<(char, char)>>> {
        let members = match self.peek()? {
            'd' => vec![('0', '9')],
            'w' => vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')],
            's' => vec![(' ', ' '), ('\t', '\r')],
            'D' | 'W' | 'S' if negated => return None,
            _ => return Some(None),
        };
        self.at += 1;
        Some(Some(members))
    }

    /// An escape after its `\`: the character it makes (a member of a class escape like `\d`).
    fn escape(&mut self, in_class: bool) -> Option<char> {
        Some(match self.next()? {
            'd' => '0',
            'w' | 'D' | 'S' => 'a',
            's' => ' ',
            'W' => '-',
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'b' if in_class => '\u{8}',
            'u' => self.hex(4)?,
            'x' => self.hex(2)?,
            // Word boundaries, back-references and other letters' meanings are not read.
            c if c.is_ascii_alphanumeric() => return None,
            c => c,
        })
    }

    fn hex(&mut self, digits: usize) -> Option<char> {
        let text: String = (0..digits).map(|_| self.next()).collect::<Option<_>>()?;
        char::from_u32(u32::from_str_radix(&text, 16).ok()?)
    }

    /// The quantifier after an atom, if any: its least count and whether it has no upper bound.
    fn quantifier(&mut self) -> Option<(usize, bool)> {
        let quantified = match self.peek() {
            Some('?') => (0, false),
            Some('*') => (0, true),
            Some('+') => (1, true),
            Some('{') => return self.braces(),
            _ => return Some((1, false)),
        };
        self.at += 1;
        self.eat('?');
        Some(quantified)
    }

    /// `{n}`, `{n,}` or `{n,m}`, lazy or not.
    fn braces(&mut self) -> Option<(usize, bool)> {
        self.at += 1;
        let least = self.number()?;
        let unbounded = match self.next()? {
            '}' => false,
            ',' if self.eat('}') => true,
            ',' => {
                self.number()?;
                if !self.eat('}') {
                    return None;
                }
                false
            }
            _ => return None,
        };
        self.eat('?');
        Some((least, unbounded))
    }

    fn number(&mut self) -> Option<usize> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let digits: String = self.chars[start..self.at].iter().collect();
        digits.parse().ok().filter(|n| *n <= MAX_MADE)
    }
}

#[cfg(test)]
mod tests {
    use super::matching;

    #[test]
    fn patterns_documents_write() {
        let cases = [
            (r"^sha256:[a-f0-9]{64}$", Some(format!("sha256:{}", "a".repeat(64)))),
            (r"^\d+\.\d+\.\d+$", Some("0.0.0".to_owned())),
            (r"^ssh-(rsa|dss|ed25519) |^ecdsa-sha2-nistp(256|384|521) ", Some("ssh-rsa ".to_owned())),
            (r"^([0-9a-fA-F]{40}(?:[0-9a-fA-F]{24})?)$", Some("0".repeat(40))),
            (r"^refs/(heads|tags|pull)/.*$", Some("refs/heads/".to_owned())),
            (r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)$", Some("AA==".to_owned())),
            (r"^[^,\s]+$", Some("a".to_owned())),
            (r"^[A-Za-z0-9.\-_]+$", Some("A".to_owned())),
            (r"github", Some("github".to_owned())),
            (r"^\u00e9{2}\x41$", Some("ééA".to_owned())),
            (r"^[^\w]$", Some("-".to_owned())),
            (r"^[\d_]{3}$", Some("000".to_owned())),
        ];
        for (pattern, expected) in cases {
            assert_eq!(matching(pattern, 0), expected, "{pattern}");
        }
    }

    #[test]
    fn unbounded_quantifiers_stretch_to_a_length() {
        assert_eq!(matching(r"^[a-z]+$", 5).as_deref(), Some("aaaaa"));
        assert_eq!(matching(r"^tunnel_[a-z0-9]{32}$", 3).map(|s| s.len()), Some(39), "already long enough");
    }

    #[test]
    fn what_is_not_read_gives_none() {
        for pattern in
            [r"^(?=a)b$", r"(a)\1", r"\bword\b", r"a^b", r"[a-z", r"(ab", r"*", r"a{2,x}", r"a{99999999}", r"[^\W]"]
        {
            assert_eq!(matching(pattern, 0), None, "{pattern}");
        }
    }
}
