//! The limits JSON Schema puts on numbers, strings and arrays — `minimum`, `maximum` and their
//! exclusive forms, `multipleOf`, `minLength`, `maxLength`, `minItems`, `maxItems`, `uniqueItems` —
//! read from schema objects, merged the way `allOf` merges them (the strictest of each wins),
//! checked against a value, and used to pick values that keep within them.
//!
//! Integer bounds are compared exactly (as `i128`), so an `int64` limit is not rounded through `f64`.

use sdksmith::spec::{Exclusive, SchemaObject};
use serde_json::{Number, Value};
use std::cmp::Ordering;

/// How close a quotient must be to an integer for a number to count as a multiple: `0.3` is a
/// multiple of `0.1` though `0.3 / 0.1` is `2.9999999999999996` in `f64`.
const MULTIPLE_TOLERANCE: f64 = 1e-9;
/// The most multiples of a fractional `multipleOf` tried in search of an integer.
const MULTIPLE_TRIES: i32 = 100;

/// A lower or upper bound on numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    pub value: Number,
    /// Whether the bound itself is excluded.
    pub exclusive: bool,
}

/// The limits of one schema object, or of several merged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Limits {
    pub lower: Option<Bound>,
    pub upper: Option<Bound>,
    /// A positive `multipleOf`.
    pub multiple_of: Option<f64>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
}

impl Limits {
    /// The limits `s` itself writes (not its `$ref` target's or parts').
    pub fn of(s: &SchemaObject) -> Limits {
        let mut limits = Limits {
            multiple_of: s.multiple_of.as_ref().and_then(Number::as_f64).filter(|m| *m > 0.0 && m.is_finite()),
            min_length: s.min_length,
            max_length: s.max_length,
            min_items: s.min_items,
            max_items: s.max_items,
            unique_items: s.unique_items,
            ..Limits::default()
        };
        let flag = |exclusive: &Option<Exclusive>| matches!(exclusive, Some(Exclusive::Flag(true)));
        let own = |exclusive: &Option<Exclusive>| match exclusive {
            Some(Exclusive::Bound(value)) => Some(Bound { value: value.clone(), exclusive: true }),
            _ => None,
        };
        let minimum = s.minimum.clone().map(|value| Bound { value, exclusive: flag(&s.exclusive_minimum) });
        let maximum = s.maximum.clone().map(|value| Bound { value, exclusive: flag(&s.exclusive_maximum) });
        for bound in [minimum, own(&s.exclusive_minimum)].into_iter().flatten() {
            limits.raise_lower(bound);
        }
        for bound in [maximum, own(&s.exclusive_maximum)].into_iter().flatten() {
            limits.lower_upper(bound);
        }
        limits
    }

    /// Adds `other`'s limits: a value must then keep within both.
    pub fn merge(&mut self, other: Limits) {
        if let Some(bound) = other.lower {
            self.raise_lower(bound);
        }
        if let Some(bound) = other.upper {
            self.lower_upper(bound);
        }
        // Two different divisors are rare; the first is kept.
        self.multiple_of = self.multiple_of.or(other.multiple_of);
        self.min_length = self.min_length.max(other.min_length);
        self.max_length = smaller(self.max_length, other.max_length);
        self.min_items = self.min_items.max(other.min_items);
        self.max_items = smaller(self.max_items, other.max_items);
        self.unique_items |= other.unique_items;
    }

    fn raise_lower(&mut self, bound: Bound) {
        let stricter = match &self.lower {
            None => true,
            Some(lower) => match compare(&bound.value, &lower.value) {
                Some(Ordering::Greater) => true,
                Some(Ordering::Equal) => bound.exclusive,
                _ => false,
            },
        };
        if stricter {
            self.lower = Some(bound);
        }
    }

    fn lower_upper(&mut self, bound: Bound) {
        let stricter = match &self.upper {
            None => true,
            Some(upper) => match compare(&bound.value, &upper.value) {
                Some(Ordering::Less) => true,
                Some(Ordering::Equal) => bound.exclusive,
                _ => false,
            },
        };
        if stricter {
            self.upper = Some(bound);
        }
    }

    /// Why `value` breaks these limits, or `None` when it keeps within them (or they do not apply
    /// to its type).
    pub fn problem(&self, value: &Value) -> Option<String> {
        match value {
            Value::Number(n) => self.number_problem(n),
            Value::String(text) => self.length_problem(text.chars().count() as u64),
            Value::Array(items) => self.items_problem(items),
            _ => None,
        }
    }

    fn number_problem(&self, n: &Number) -> Option<String> {
        if let Some(lower) = &self.lower {
            let order = compare(n, &lower.value);
            if order == Some(Ordering::Less) || (lower.exclusive && order == Some(Ordering::Equal)) {
                let what = if lower.exclusive { "more than" } else { "at least" };
                return Some(format!("{n} is not {what} {}", lower.value));
            }
        }
        if let Some(upper) = &self.upper {
            let order = compare(n, &upper.value);
            if order == Some(Ordering::Greater) || (upper.exclusive && order == Some(Ordering::Equal)) {
                let what = if upper.exclusive { "less than" } else { "at most" };
                return Some(format!("{n} is not {what} {}", upper.value));
            }
        }
        let multiple = |m: f64| n.as_f64().is_none_or(|f| is_multiple(f, m));
        match self.multiple_of {
            Some(m) if !multiple(m) => Some(format!("{n} is not a multiple of {m}")),
            _ => None,
        }
    }

    fn length_problem(&self, length: u64) -> Option<String> {
        match (self.min_length, self.max_length) {
            (Some(min), _) if length < min => Some(format!("length {length}, below `minLength` {min}")),
            (_, Some(max)) if length > max => Some(format!("length {length}, above `maxLength` {max}")),
            _ => None,
        }
    }

    fn items_problem(&self, items: &[Value]) -> Option<String> {
        let count = items.len() as u64;
        match (self.min_items, self.max_items) {
            (Some(min), _) if count < min => return Some(format!("{count} items, below `minItems` {min}")),
            (_, Some(max)) if count > max => return Some(format!("{count} items, above `maxItems` {max}")),
            _ => {}
        }
        let repeated = |(index, item): (usize, &Value)| items[..index].iter().any(|earlier| same(earlier, item));
        match self.unique_items && items.iter().enumerate().any(repeated) {
            true => Some("items are not unique".to_owned()),
            false => None,
        }
    }

    /// How many items to make when `wanted` would do: at least `minItems`, at most `maxItems`;
    /// `None` when no count fits.
    pub fn item_count(&self, wanted: usize) -> Option<usize> {
        let at_least = self.min_items.map_or(0, to_usize);
        let at_most = self.max_items.map_or(usize::MAX, to_usize);
        (at_least <= at_most).then(|| wanted.clamp(at_least, at_most))
    }

    /// `text` made to fit the length limits: padded with `x` up to `minLength` characters, cut to
    /// `maxLength`; `None` when no length fits.
    pub fn text(&self, text: &str) -> Option<String> {
        let at_least = self.min_length.map_or(0, to_usize);
        let at_most = self.max_length.map_or(usize::MAX, to_usize);
        if at_least > at_most {
            return None;
        }
        let length = text.chars().count();
        Some(match (length < at_least, length > at_most) {
            (true, _) => text.chars().chain(std::iter::repeat_n('x', at_least - length)).collect(),
            (_, true) => text.chars().take(at_most).collect(),
            _ => text.to_owned(),
        })
    }

    /// The integer nearest `wanted` within the bounds, and a multiple of `multipleOf`; `None` when
    /// there is none.
    pub fn integer(&self, wanted: i128) -> Option<i128> {
        let lowest = self.lower.as_ref().map_or(i128::MIN, |bound| integer_bound(bound, true));
        let highest = self.upper.as_ref().map_or(i128::MAX, |bound| integer_bound(bound, false));
        if lowest > highest {
            return None;
        }
        let near = wanted.clamp(lowest, highest);
        let Some(m) = self.multiple_of else { return Some(near) };
        let within = |n: &i128| (lowest..=highest).contains(n);
        if m.fract() == 0.0 && m < 1e30 {
            let m = m as i128;
            let up = near.div_euclid(m).saturating_add(i128::from(near.rem_euclid(m) != 0)).saturating_mul(m);
            let down = near.div_euclid(m).saturating_mul(m);
            return [up, down].into_iter().find(within);
        }
        // A fractional divisor: some multiple of it is an integer (0.5 × 2), or none is near.
        let first = (near as f64 / m).ceil() as i32;
        (first..first.saturating_add(MULTIPLE_TRIES))
            .map(|k| f64::from(k) * m)
            .filter(|f| (f - f.round()).abs() <= MULTIPLE_TOLERANCE)
            .map(|f| f.round() as i128)
            .find(within)
    }

    /// The number nearest `wanted` within the bounds (inside an excluded one), and a multiple of
    /// `multipleOf`; `None` when there is none.
    pub fn number(&self, wanted: f64) -> Option<f64> {
        let lowest = self.lower.as_ref().and_then(|bound| Some((bound.value.as_f64()?, bound.exclusive)));
        let highest = self.upper.as_ref().and_then(|bound| Some((bound.value.as_f64()?, bound.exclusive)));
        let fits = |f: f64| {
            lowest.is_none_or(|(low, exclusive)| f > low || (!exclusive && f == low))
                && highest.is_none_or(|(high, exclusive)| f < high || (!exclusive && f == high))
        };
        let near = match (lowest, highest) {
            _ if fits(wanted) => wanted,
            (Some((low, false)), _) if wanted < low => low,
            (_, Some((high, false))) if wanted > high => high,
            // Inside an excluded bound: halfway to the other one, or one past it.
            (Some((low, true)), Some((high, _))) | (Some((low, _)), Some((high, true))) => low + (high - low) / 2.0,
            (Some((low, true)), None) => low + 1.0,
            (None, Some((high, true))) => high - 1.0,
            _ => wanted,
        };
        let Some(m) = self.multiple_of else { return Some(near).filter(|f| fits(*f)) };
        // The multiple k·m nearest `near` that a binary float holds exactly (1.5, not the
        // 1.2000000000000002 that 12 × 0.1 gives), so a `float` (f32) field decodes and
        // encodes it unchanged; computed as k / (1/m) when 1/m is whole, which rounds once.
        let inverse = 1.0 / m;
        let multiple = |k: f64| match (inverse - inverse.round()).abs() < 1e-9 {
            true => k / inverse.round(),
            false => k * m,
        };
        let start = (near / m).round();
        let exact = (0..=64).flat_map(|step| [start + f64::from(step), start - f64::from(step)]).map(multiple);
        let binary = exact.clone().find(|f| fits(*f) && f64::from(*f as f32) == *f);
        binary.or_else(|| exact.into_iter().find(|f| fits(*f)))
    }
}

/// The smallest (`lower`) or largest integer within `bound`, exactly when the bound is an integer.
fn integer_bound(bound: &Bound, lower: bool) -> i128 {
    let step = if lower { 1 } else { -1 };
    match exact(&bound.value).map(int64_limit) {
        Some(n) if bound.exclusive => n.saturating_add(step),
        Some(n) => n,
        None => {
            let f = bound.value.as_f64().unwrap_or(0.0);
            let rounded = match (lower, bound.exclusive) {
                (true, false) => f.ceil(),
                (true, true) => f.floor() + 1.0,
                (false, false) => f.floor(),
                (false, true) => f.ceil() - 1.0,
            };
            // `as` saturates at i128's limits, which lie far past any JSON integer.
            rounded as i128
        }
    }
}

/// `±9223372036854776000`, `i64`'s limit as a float prints it (documents made by Python or
/// JavaScript tools from 64-bit fields write it so), read as the limit it stands for.
fn int64_limit(n: i128) -> i128 {
    match n {
        9_223_372_036_854_776_000 => i64::MAX.into(),
        -9_223_372_036_854_776_000 => i64::MIN.into(),
        n => n,
    }
}

fn smaller(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        _ => a.or(b),
    }
}

fn to_usize(count: u64) -> usize {
    usize::try_from(count).unwrap_or(usize::MAX)
}

/// `n` as an exact integer, when it is one.
fn exact(n: &Number) -> Option<i128> {
    n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from))
}

/// The order of two JSON numbers: exact between integers, through `f64` otherwise.
pub fn compare(a: &Number, b: &Number) -> Option<Ordering> {
    match (exact(a), exact(b)) {
        (Some(a), Some(b)) => Some(a.cmp(&b)),
        _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}

/// Whether `f` is a multiple of `m`, within [`MULTIPLE_TOLERANCE`] of the quotient.
fn is_multiple(f: f64, m: f64) -> bool {
    let quotient = f / m;
    quotient.is_finite() && (quotient - quotient.round()).abs() <= MULTIPLE_TOLERANCE * quotient.abs().max(1.0)
}

/// Equality as JSON Schema has it, at any depth: `1` and `1.0` are the same number.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => compare(x, y) == Some(Ordering::Equal),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(key, x)| y.get(key).is_some_and(|y| same(x, y)))
        }
        _ => a == b,
    }
}
