// @generated: copied by `cargo xtask regen` from codegen/runtime/src/runtime/secret.rs. Edit that file instead.
//! Secrets: a string that never shows itself in `Debug` or `Display` (API keys, provider keys,
//! `format: password` values), and the set of a request's secrets that everything the server
//! sends back is redacted against before it can be printed.

use reqwest::header::{HeaderMap, HeaderValue};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

/// What a redacted secret prints as.
pub(crate) const REDACTED: &str = "[REDACTED]";

thread_local! {
    /// Secrets met while serialising a request body (see [`collect_secrets`]).
    static SEEN: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Runs `f` (a serialisation) and returns the secrets it wrote, so errors can redact them.
pub(crate) fn collect_secrets<R>(f: impl FnOnce() -> R) -> (R, Vec<String>) {
    let previous = SEEN.with(|seen| seen.replace(Some(Vec::new())));
    let result = f();
    let secrets = SEEN.with(|seen| seen.replace(previous)).unwrap_or_default();
    (result, secrets)
}

/// The secrets of one request, in every form a server or proxy may echo them: as sent,
/// JSON-escaped, percent-encoded and base64-encoded (as in a Basic `Authorization` header).
/// Cheap to clone.
#[derive(Clone, Default)]
pub(crate) struct Secrets(Arc<[String]>);

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secrets({} forms)", self.0.len())
    }
}

impl Secrets {
    /// The secrets `values`, expanded to their encoded forms; empty values are ignored.
    pub(crate) fn new<'a>(values: impl IntoIterator<Item = &'a str>) -> Self {
        Secrets::from_forms(values.into_iter().flat_map(forms_of).collect())
    }

    /// These secrets and `more` (only `more` is expanded: these are forms already).
    pub(crate) fn with<'a>(&self, more: impl IntoIterator<Item = &'a str>) -> Self {
        let mut forms: Vec<String> = more.into_iter().flat_map(forms_of).collect();
        if forms.is_empty() {
            return self.clone();
        }
        forms.extend(self.0.iter().cloned());
        Secrets::from_forms(forms)
    }

    fn from_forms(mut forms: Vec<String>) -> Self {
        // Longest first, so a form that contains another is replaced whole.
        forms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        forms.dedup();
        Secrets(forms.into())
    }

    /// `text` with every secret replaced by `[REDACTED]`.
    pub(crate) fn redact<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut text = Cow::Borrowed(text);
        for secret in self.0.iter() {
            if text.contains(secret.as_str()) {
                text = Cow::Owned(text.replace(secret.as_str(), REDACTED));
            }
        }
        text
    }

    /// `bytes` as text (invalid UTF-8 replaced), secrets redacted.
    pub(crate) fn redact_bytes(&self, bytes: &[u8]) -> String {
        self.redact(&String::from_utf8_lossy(bytes)).into_owned()
    }

    /// Headers as received, with secrets redacted from their values, so printing them never
    /// shows a secret the server echoed.
    pub(crate) fn redact_headers(&self, headers: &HeaderMap) -> HeaderMap {
        let mut out = headers.clone();
        for value in out.values_mut() {
            let text = String::from_utf8_lossy(value.as_bytes());
            let redacted = self.redact(&text);
            if let Cow::Owned(redacted) = redacted {
                *value = HeaderValue::from_str(&redacted).unwrap_or(HeaderValue::from_static(REDACTED));
            }
        }
        out
    }
}

/// Every form `value` may come back in: as sent, JSON-escaped, percent-encoded, base64-encoded
/// (none for an empty value).
fn forms_of(value: &str) -> Vec<String> {
    use base64::Engine as _;
    if value.is_empty() {
        return Vec::new();
    }
    let json = serde_json::to_string(value).unwrap_or_default();
    let percent = percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC).to_string();
    let base64 = base64::engine::general_purpose::STANDARD.encode(value);
    vec![value.to_owned(), json.trim_matches('"').to_owned(), percent, base64]
}

/// A secret string: serialised as-is on the wire, printed as `[REDACTED]`.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct SecretString(String);

impl SecretString {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        SecretString(secret.into())
    }

    /// The secret itself; call only where it must be sent.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl From<String> for SecretString {
    fn from(secret: String) -> Self {
        SecretString(secret)
    }
}

impl From<&str> for SecretString {
    fn from(secret: &str) -> Self {
        SecretString(secret.to_owned())
    }
}

impl Serialize for SecretString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        SEEN.with(|seen| {
            if let Some(seen) = seen.borrow_mut().as_mut() {
                seen.push(self.0.clone());
            }
        });
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SecretString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(SecretString)
    }
}

#[cfg(test)]
mod tests {
    use super::{SecretString, Secrets};

    #[test]
    fn every_echoed_form_is_redacted() {
        let secrets = Secrets::new(["k/e\"y", "user:pa ss"]);
        let echoed = r#"raw k/e"y json k/e\"y url k%2Fe%22y basic dXNlcjpwYSBzcw== end"#;
        assert_eq!(secrets.redact(echoed), "raw [REDACTED] json [REDACTED] url [REDACTED] basic [REDACTED] end");
        assert_eq!(secrets.redact("nothing here"), "nothing here");
        // Adding secrets expands only the new ones: the forms already held are not re-encoded.
        assert_eq!(Secrets::new(["a-b"]).with(["c"]).0.len(), Secrets::new(["a-b", "c"]).0.len());
    }

    #[test]
    fn never_prints_the_secret() {
        let secret = SecretString::new("sk-live-123");
        assert_eq!(format!("{secret:?} {secret}"), "[REDACTED] [REDACTED]");
        assert_eq!(serde_json::to_string(&secret).ok().as_deref(), Some("\"sk-live-123\""));
    }
}
