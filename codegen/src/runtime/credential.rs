//! Credentials the client asks for before each attempt, instead of one fixed key: a
//! [`CredentialProvider`] may fetch, cache and refresh them. OAuth 2 client credentials
//! (RFC 6749 §4.4) are built in: a token fetched from the token URL, cached until shortly before
//! it expires, and fetched anew when the API answers `401` (the call is then sent once more).
//! Tokens and client secrets never appear in `Debug`, errors or logs.

use super::secret::Secrets;
use super::secret_string::SecretString;
use std::fmt;
use std::sync::Mutex;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::time::Instant;

/// What [`CredentialProvider::credential`] returns.
pub type CredentialFuture<'a> = Pin<Box<dyn Future<Output = Result<SecretString, CredentialError>> + Send + 'a>>;

/// Supplies the credential of each attempt (a bearer token, or an API key sent the way the
/// API's scheme says), in place of a fixed key. The client asks before every attempt, so a
/// provider caches what it can.
pub trait CredentialProvider: Send + Sync + 'static {
    /// The credential for the next attempt: a cached one, or one fetched anew.
    fn credential(&self) -> CredentialFuture<'_>;

    /// The API refused `credential` (it answered `401`): forget it, so the next
    /// [`credential`](Self::credential) gets a new one. Returns whether a new one may be
    /// accepted; the call is then sent once more. By default, no.
    fn refused(&self, credential: &SecretString) -> bool {
        let _ = credential;
        false
    }
}

/// A credential could not be obtained (the token URL failed, or its answer held no token).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CredentialError(pub String);

/// OAuth 2 client credentials: access tokens fetched with a client id and secret from a token
/// URL, cached until shortly before they expire, fetched anew after a `401`.
pub struct ClientCredentials {
    token_url: String,
    client_id: String,
    client_secret: SecretString,
    scopes: Vec<String>,
    secret_in_body: bool,
    http: reqwest::Client,
    /// The token in use; read and cleared without waiting for a fetch.
    cached: Mutex<Option<Token>>,
    /// Held while a token is fetched, so calls that start together share one fetch.
    fetching: futures_util::lock::Mutex<()>,
}

/// A token and when to stop using it.
struct Token {
    value: SecretString,
    renew_at: Option<Instant>,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

/// How long before its expiry a token is renewed: a minute, or a tenth of a short lifetime.
fn margin(lifetime: Duration) -> Duration {
    (lifetime / 10).min(Duration::from_secs(60))
}

impl ClientCredentials {
    /// Tokens from `token_url` for this client.
    pub fn new(
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
    ) -> Self {
        ClientCredentials {
            token_url: token_url.into(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            scopes: Vec::new(),
            secret_in_body: false,
            // A token endpoint that never answers must not hold every call for ever.
            http: reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap_or_default(),
            cached: Mutex::new(None),
            fetching: futures_util::lock::Mutex::new(()),
        }
    }

    /// The scopes to ask for (none by default: the server's default scopes).
    pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Sends the client id and secret as form fields (`client_secret_post`) instead of HTTP
    /// Basic authentication (`client_secret_basic`, the default), for servers that want them so.
    pub fn secret_in_body(mut self) -> Self {
        self.secret_in_body = true;
        self
    }

    /// The HTTP client tokens are fetched with (proxies, TLS settings).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = client;
        self
    }

    /// A token from the token URL.
    async fn fetch(&self) -> Result<Token, CredentialError> {
        let mut form = vec![("grant_type", "client_credentials".to_owned())];
        if !self.scopes.is_empty() {
            form.push(("scope", self.scopes.join(" ")));
        }
        let mut request = self.http.post(&self.token_url).header("accept", "application/json");
        request = match self.secret_in_body {
            true => {
                form.push(("client_id", self.client_id.clone()));
                form.push(("client_secret", self.client_secret.expose().to_owned()));
                request
            }
            false => request.basic_auth(&self.client_id, Some(self.client_secret.expose())),
        };
        let url = self.token_url.split('?').next().unwrap_or_default().to_owned();
        let failed = |what: String| CredentialError(format!("no token from {url}: {what}"));
        let response = request.form(&form).send().await.map_err(|e| failed(e.without_url().to_string()))?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| failed(e.without_url().to_string()))?;
        // What the server sends back may echo the secret (alone, or in the Basic header's
        // `id:secret`), and holds the token itself.
        let basic = format!("{}:{}", self.client_id, self.client_secret.expose());
        let secrets = Secrets::new([self.client_secret.expose(), basic.as_str()]);
        let answer: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        let token = answer.get("access_token").and_then(serde_json::Value::as_str).filter(|t| !t.is_empty());
        let Some(token) = token.filter(|_| status.is_success()) else {
            let shown = secrets.with(token).redact_bytes(&body);
            let shown: String = shown.chars().take(500).collect();
            return Err(failed(format!("status {status}, body: {shown}")));
        };
        let lifetime = answer.get("expires_in").and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()));
        // A lifetime too long to count (`i64::MAX` for "never") is no expiry.
        let renew_at = lifetime
            .map(Duration::from_secs)
            .and_then(|lifetime| Instant::now().checked_add(lifetime - margin(lifetime)));
        Ok(Token { value: SecretString::new(token.to_owned()), renew_at })
    }
}

impl ClientCredentials {
    fn cache(&self) -> std::sync::MutexGuard<'_, Option<Token>> {
        self.cached.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The cached token, unless it is due for renewal.
    fn usable(&self) -> Option<SecretString> {
        let cached = self.cache();
        let token = cached.as_ref().filter(|t| t.renew_at.is_none_or(|at| Instant::now() < at))?;
        Some(token.value.clone())
    }
}

impl CredentialProvider for ClientCredentials {
    fn credential(&self) -> CredentialFuture<'_> {
        Box::pin(async move {
            if let Some(value) = self.usable() {
                return Ok(value);
            }
            // One fetch at a time: calls that start together wait for the same token.
            let _fetching = self.fetching.lock().await;
            if let Some(value) = self.usable() {
                return Ok(value);
            }
            let token = self.fetch().await?;
            let value = token.value.clone();
            *self.cache() = Some(token);
            Ok(value)
        })
    }

    fn refused(&self, credential: &SecretString) -> bool {
        // Only the refused token is forgotten: another call may have renewed it already.
        let mut cached = self.cache();
        if cached.as_ref().is_some_and(|t| t.value.expose() == credential.expose()) {
            *cached = None;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_renewed_a_minute_or_a_tenth_of_their_life_early() {
        assert_eq!(margin(Duration::from_secs(3600)), Duration::from_secs(60));
        assert_eq!(margin(Duration::from_secs(100)), Duration::from_secs(10));
    }

    #[test]
    fn the_client_secret_is_never_printed() {
        let credentials = ClientCredentials::new("https://auth.test/token", "app", "s3cr3t-value").scopes(["read"]);
        let shown = format!("{credentials:?}");
        assert!(!shown.contains("s3cr3t-value") && shown.contains("app") && shown.contains("read"), "{shown}");
    }
}
