//! `cargo xtask doc-links [DIR]`: every link between rustdoc's pages under `DIR` (default
//! `target/doc`) leads to a page that exists and, when it names a fragment (`#method.body`), to
//! an item on that page. rustdoc warns about a link it cannot resolve, but not about one that
//! resolves to an item whose page lacks the target — a method of a type that is re-exported
//! from a hidden module renders no method at all — which is how links to `Error::body()` were
//! once broken in every method's docs without a warning.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A link that leads nowhere: its text, and the pages that hold it.
#[derive(Debug, PartialEq, Eq)]
pub struct Broken {
    /// The `href` as written.
    pub href: String,
    /// The pages it is on.
    pub pages: Vec<PathBuf>,
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            // Source pages anchor lines with script, not ids.
            if path.file_name().is_some_and(|n| n == "src" || n == "static.files") {
                continue;
            }
            html_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

/// The values of `attribute="…"` in `html`.
fn attribute_values<'h>(html: &'h str, attribute: &str) -> Vec<&'h str> {
    let pattern = format!("{attribute}=\"");
    html.match_indices(&pattern)
        .filter_map(|(at, _)| {
            let rest = &html[at + pattern.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// Every broken link between the pages under `dir`, by `href`.
pub fn check(dir: &Path) -> Vec<Broken> {
    let mut pages = Vec::new();
    html_files(dir, &mut pages);
    // rustdoc's own pages at the root (help, settings) link to an index `--no-deps` leaves out.
    pages.retain(|page| page.parent() != Some(dir));
    let mut ids: HashMap<PathBuf, HashSet<String>> = HashMap::new();
    let mut broken: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for page in &pages {
        let Ok(html) = fs::read_to_string(page) else { continue };
        let folder = page.parent().unwrap_or(Path::new("."));
        for href in attribute_values(&html, "href") {
            // Only links between pages: not the web, not assets, not source views, and not the
            // literal text of links another crate's docs could not resolve (`super::Span`).
            let local = !href.contains("://") && !href.starts_with('#') && href.contains(".html");
            if !local || href.contains("/src/") || href.contains("static.files") {
                continue;
            }
            let (file, fragment) = href.split_once('#').unwrap_or((href, ""));
            let target = normalize(&folder.join(file));
            let found = match target.is_file() {
                false => false,
                true if fragment.is_empty() => true,
                true => {
                    let known = ids.entry(target.clone()).or_insert_with(|| {
                        let html = fs::read_to_string(&target).unwrap_or_default();
                        attribute_values(&html, "id").into_iter().map(str::to_owned).collect()
                    });
                    known.contains(fragment)
                }
            };
            if !found {
                broken.entry(href.to_owned()).or_default().push(page.clone());
            }
        }
    }
    broken.into_iter().map(|(href, pages)| Broken { href, pages }).collect()
}

/// `path` with `.` and `..` resolved (the pages need not exist for this).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The command: fails listing each broken link and a page it is on.
pub fn doc_links(dir: Option<&str>) -> Result<(), String> {
    let dir = dir.map(PathBuf::from).unwrap_or_else(|| crate::regen::workspace_root().join("target/doc"));
    if !dir.is_dir() {
        return Err(format!("{}: no docs here; run `cargo doc` first", dir.display()));
    }
    // Absolute, so resolving `..` in links never climbs out of a relative folder's start.
    let dir = fs::canonicalize(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let broken = check(&dir);
    if broken.is_empty() {
        eprintln!("{}: every link between pages leads somewhere", dir.display());
        return Ok(());
    }
    let mut report = String::new();
    for link in &broken {
        report.push_str(&format!("{} ({} pages, e.g. {})\n", link.href, link.pages.len(), link.pages[0].display()));
    }
    Err(format!("{report}{} broken links", broken.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_to_a_missing_page_or_item_is_broken_and_others_are_not() {
        let dir = std::env::temp_dir().join(format!("doc-links-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("sdk/error")).expect("folders");
        // `Error` rendered without its methods, as from a hidden module.
        fs::write(dir.join("sdk/error/enum.Error.html"), r#"<h1 id="main">Error</h1><div id="variant.Status"></div>"#)
            .expect("page");
        fs::write(
            dir.join("sdk/struct.Client.html"),
            r##"<a href="error/enum.Error.html#variant.Status">ok</a>
                <a href="error/enum.Error.html#method.body">body()</a>
                <a href="../sdk/struct.Gone.html">gone</a>
                <a href="https://docs.rs/x">web</a> <a href="#here">here</a>
                <a href="super::Span">unresolved text of another crate</a>"##,
        )
        .expect("page");
        let broken = check(&dir);
        let hrefs: Vec<&str> = broken.iter().map(|b| b.href.as_str()).collect();
        assert_eq!(hrefs, ["../sdk/struct.Gone.html", "error/enum.Error.html#method.body"]);
        let _ = fs::remove_dir_all(&dir);
    }
}
