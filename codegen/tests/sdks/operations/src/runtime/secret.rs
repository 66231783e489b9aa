// @generated: the runtime every generated crate carries (its tests run in the runtime crate). Do not edit.
//! The set of a request's secrets that everything the server sends back is redacted against
//! before it can be printed.

pub(crate) use super::secret_string::collect_secrets;
use super::secret_string::REDACTED;
use reqwest::header::{HeaderMap, HeaderValue};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

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

