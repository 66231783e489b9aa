//! Calls whose answer comes a page at a time, walked as a stream of pages or of items.
//!
//! Each page is an ordinary call of the operation (retries, time limits and hooks apply to each),
//! the next one made from the page before: a cursor, an offset or a page number in the query, or
//! a link (a URL in the page, or the `Link` header's `rel="next"`). The walk ends after an empty
//! page (unless it says more follow), a page that says it is the last (no next cursor or link,
//! `has_more: false`, an offset past the total), a cursor or link already followed, or a page
//! whose items are the page before's — a server repeating itself must not loop a caller forever.
//! A link to another origin than the client's base URL is never followed: the request would
//! carry the client's credentials there; the walk ends with an error instead.

use super::client::{send_decoded, Client, Response};
use super::error::{Error, ErrorDecoder};
use super::request::{scalar_text, RequestOptions, RequestParts};
use futures_core::Stream;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

/// How an operation's pages follow each other; generated code provides one per operation.
#[derive(Debug)]
pub struct Paging {
    /// How the next page is asked for.
    pub next: NextPage,
    /// Where a page holds its items (keys from the page down; empty: the page is the list).
    pub items: &'static [&'static str],
    /// A boolean of the page saying whether another page follows.
    pub has_more: Option<&'static [&'static str]>,
    /// An integer of the page giving the number of items of all pages.
    pub total: Option<&'static [&'static str]>,
}

/// How the request for the next page is made.
#[derive(Debug)]
pub enum NextPage {
    /// Query parameter `param` takes the value at `from` in the page.
    Cursor {
        /// The query parameter.
        param: &'static str,
        /// Where the page holds the next cursor.
        from: &'static [&'static str],
    },
    /// Query parameter `param` takes the field `field` of the page's last item.
    LastItem {
        /// The query parameter.
        param: &'static str,
        /// The item's field.
        field: &'static str,
    },
    /// Query parameter `param`, an offset, grows by the number of items a page held.
    Offset {
        /// The query parameter.
        param: &'static str,
    },
    /// Query parameter `param`, a page number, grows by one from the caller's (else `first`).
    Page {
        /// The query parameter.
        param: &'static str,
        /// The number of the first page.
        first: i64,
    },
    /// The URL at `from` in the page.
    NextLink {
        /// Where the page holds the URL.
        from: &'static [&'static str],
    },
    /// The `Link` header's `rel="next"` URL.
    LinkHeader,
}

/// A walk's stream, boxed: one type whatever the walk's steps are.
type Boxed<I> = Pin<Box<dyn Stream<Item = I> + Send>>;

/// The pages of a paginated call, each with its status and headers: a [`Stream`] of
/// `Result<Response<T>, Error>`. A failed page is the last item.
#[must_use = "streams do nothing unless polled"]
pub struct Pages<T, B: fmt::Debug> {
    inner: Boxed<Result<Response<T>, Error<B>>>,
    left: Option<u64>,
}

/// The items of every page of a paginated call: a [`Stream`] of `Result<T, Error>`, pages
/// fetched as the items are read. A failed page is the last item.
#[must_use = "streams do nothing unless polled"]
pub struct Items<T, B: fmt::Debug> {
    inner: Boxed<Result<T, Error<B>>>,
    left: Option<u64>,
}

impl<T, B: fmt::Debug> Pages<T, B> {
    /// Ends the walk after `pages` pages (the pages after them are never asked for).
    pub fn max_pages(mut self, pages: u64) -> Self {
        self.left = Some(pages);
        self
    }
}

impl<T, B: fmt::Debug> Items<T, B> {
    /// Ends the walk after `items` items (pages after the one holding the last are never asked for).
    pub fn max_items(mut self, items: u64) -> Self {
        self.left = Some(items);
        self
    }
}

impl<T, B: fmt::Debug> fmt::Debug for Pages<T, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages").field("left", &self.left).finish_non_exhaustive()
    }
}

impl<T, B: fmt::Debug> fmt::Debug for Items<T, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items").field("left", &self.left).finish_non_exhaustive()
    }
}

/// Polls `inner` unless `left` says the caller has had enough.
fn poll_capped<I>(
    inner: &mut Boxed<I>,
    left: &mut Option<u64>,
    cx: &mut Context<'_>,
) -> Poll<Option<I>> {
    if *left == Some(0) {
        return Poll::Ready(None);
    }
    let polled = inner.as_mut().poll_next(cx);
    if let (Poll::Ready(Some(_)), Some(left)) = (&polled, left.as_mut()) {
        *left -= 1;
    }
    polled
}

impl<T, B: fmt::Debug> Stream for Pages<T, B> {
    type Item = Result<Response<T>, Error<B>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        poll_capped(&mut this.inner, &mut this.left, cx)
    }
}

impl<T, B: fmt::Debug> Stream for Items<T, B> {
    type Item = Result<T, Error<B>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        poll_capped(&mut this.inner, &mut this.left, cx)
    }
}

/// Where the walk stands: the next request, or why there is none.
struct Walk<B: fmt::Debug + 'static> {
    client: Client,
    options: RequestOptions,
    errors: ErrorDecoder<B>,
    paging: &'static Paging,
    /// The next page's request; `None` once the walk is over.
    next: Option<RequestParts>,
    /// A failure to report before the walk ends (a request that could not be built, a link
    /// to another origin).
    failed: Option<Error<B>>,
    /// Cursors and links followed so far.
    followed: HashSet<String>,
    /// A digest of the last page's items: a server that answers every request with the same
    /// page (one that ignores the offset) ends the walk.
    last_items: Option<u64>,
}

/// The pages of a call (what a paginated builder's `pages` returns).
pub fn pages<T: DeserializeOwned + Send + 'static, B: fmt::Debug + Send + 'static>(
    client: Client,
    parts: Result<RequestParts, Error<B>>,
    options: RequestOptions,
    errors: ErrorDecoder<B>,
    paging: &'static Paging,
) -> Pages<T, B> {
    let walk = Walk::new(client, parts, options, errors, paging);
    let inner = futures_util::stream::unfold(walk, |mut walk| async move {
        let page = walk.step(|body, _| super::request::json_body::<T>(body)).await?;
        Some((page, walk))
    });
    Pages { inner: Box::pin(inner), left: None }
}

/// The items of every page of a call (what a paginated builder's `items` returns).
pub fn items<T: DeserializeOwned + Send + 'static, B: fmt::Debug + Send + 'static>(
    client: Client,
    parts: Result<RequestParts, Error<B>>,
    options: RequestOptions,
    errors: ErrorDecoder<B>,
    paging: &'static Paging,
) -> Items<T, B> {
    let walk = Walk::new(client, parts, options, errors, paging);
    let state = (walk, VecDeque::<T>::new());
    let inner = futures_util::stream::unfold(state, |(mut walk, mut ready)| async move {
        loop {
            if let Some(item) = ready.pop_front() {
                return Some((Ok(item), (walk, ready)));
            }
            let path = walk.paging.items;
            match walk.step(|_, page| page_items::<T>(page, path)).await? {
                Ok(page) => ready.extend(page.data),
                Err(error) => return Some((Err(error), (walk, ready))),
            }
        }
    });
    Items { inner: Box::pin(inner), left: None }
}

/// The items of a page.
fn page_items<T: DeserializeOwned>(page: &Value, path: &[&str]) -> Result<Vec<T>, serde_json::Error> {
    match at(page, path) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(items) => Vec::<T>::deserialize(items),
    }
}

impl<B: fmt::Debug + Send + 'static> Walk<B> {
    fn new(
        client: Client,
        parts: Result<RequestParts, Error<B>>,
        options: RequestOptions,
        errors: ErrorDecoder<B>,
        paging: &'static Paging,
    ) -> Self {
        let (next, failed) = match parts {
            Ok(parts) => (Some(parts), None),
            Err(error) => (None, Some(error)),
        };
        // The caller's own cursor counts as followed: a page pointing back to it ends the walk.
        let param = match &paging.next {
            NextPage::Cursor { param, .. } | NextPage::LastItem { param, .. } => Some(*param),
            _ => None,
        };
        let followed = next
            .iter()
            .flat_map(|parts: &RequestParts| parts.query.iter())
            .filter(|(name, _)| Some(name.as_str()) == param)
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        Walk { client, options, errors, paging, next, failed, followed, last_items: None }
    }

    /// The next page, decoded by `decode` from its body and its JSON; `None` when the walk is over.
    async fn step<D>(
        &mut self,
        decode: impl FnOnce(&[u8], &Value) -> Result<D, serde_json::Error>,
    ) -> Option<Result<Response<D>, Error<B>>> {
        let Some(parts) = self.next.take() else { return self.failed.take().map(Err) };
        let mut page: Option<Value> = None;
        let sent = send_decoded(&self.client, &parts, &self.options, self.errors, |_, body| {
            // The page as JSON, to find the next cursor or link in; then as the caller's type.
            let json: Value = super::request::json_body(body)?;
            let decoded = decode(body, &json);
            page = Some(json);
            decoded
        })
        .await;
        let response = match sent {
            Ok(response) => response,
            Err(error) => return Some(Err(error)),
        };
        let page = page.unwrap_or(Value::Null);
        match self.following(parts, &page, &response.headers) {
            Ok(next) => self.next = next,
            Err(error) => self.failed = Some(error),
        }
        Some(Ok(response))
    }

    /// The request after `parts`, given its page; `None` when that page was the last.
    fn following(
        &mut self,
        mut parts: RequestParts,
        page: &Value,
        headers: &reqwest::header::HeaderMap,
    ) -> Result<Option<RequestParts>, Error<B>> {
        let paging = self.paging;
        let listed = at(page, paging.items).and_then(Value::as_array);
        let items = listed.map_or(0, Vec::len);
        let more = paging.has_more.and_then(|path| at(page, path)).and_then(Value::as_bool);
        let digest = listed.map(|listed| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            std::hash::Hash::hash(&serde_json::to_string(listed).unwrap_or_default(), &mut hasher);
            std::hash::Hasher::finish(&hasher)
        });
        let repeated = items > 0 && digest.is_some() && digest == self.last_items;
        self.last_items = digest;
        if (items == 0 && more != Some(true)) || more == Some(false) || repeated {
            return Ok(None);
        }
        let next = match &paging.next {
            NextPage::Cursor { param, from } => Some(Step::Query(param, at(page, from).and_then(scalar_text))),
            NextPage::LastItem { param, field } => {
                let last = at(page, paging.items).and_then(Value::as_array).and_then(|items| items.last());
                Some(Step::Query(param, last.and_then(|item| item.get(field)).and_then(scalar_text)))
            }
            NextPage::Offset { param } => {
                let offset = query_integer(&parts, param).unwrap_or(0).saturating_add(items as i64);
                let total = paging.total.and_then(|path| at(page, path)).and_then(integer);
                match total.is_some_and(|total| offset >= total) {
                    true => None,
                    false => Some(Step::Query(param, Some(offset.to_string()))),
                }
            }
            NextPage::Page { param, first } => {
                let number = query_integer(&parts, param).unwrap_or(*first).saturating_add(1);
                Some(Step::Query(param, Some(number.to_string())))
            }
            NextPage::NextLink { from } => Some(Step::Link(at(page, from).and_then(Value::as_str).map(str::to_owned))),
            NextPage::LinkHeader => Some(Step::Link(next_link(headers))),
        };
        match next {
            None | Some(Step::Query(_, None) | Step::Link(None)) => Ok(None),
            Some(Step::Query(_, Some(value))) | Some(Step::Link(Some(value))) if value.is_empty() => Ok(None),
            Some(Step::Query(param, Some(value))) => {
                if !self.followed.insert(format!("{param}={value}")) {
                    return Ok(None);
                }
                parts.query.retain(|(name, _)| name != param);
                parts.query.push(((*param).to_owned(), value));
                Ok(Some(parts))
            }
            Some(Step::Link(Some(link))) => {
                let url = self.link_url(&parts, &link)?;
                if !self.followed.insert(url.clone()) {
                    return Ok(None);
                }
                // The link carries the whole query of the next page.
                parts.query.clear();
                parts.url = Some(url);
                Ok(Some(parts))
            }
        }
    }

    /// `link` read against the URL of the page that gave it; an error when it leaves the
    /// client's origin.
    fn link_url(&self, parts: &RequestParts, link: &str) -> Result<String, Error<B>> {
        let base = self.client.base_url();
        let current = parts.url.clone().unwrap_or_else(|| format!("{base}{}", parts.path));
        let invalid = |what: &str| Error::Request(format!("the next page's link is {what}: not followed"));
        let current = reqwest::Url::parse(&current).map_err(|_| invalid("read against an invalid URL"))?;
        let url = current.join(link).map_err(|_| invalid("not a URL"))?;
        let origin = reqwest::Url::parse(base).map_err(|_| invalid("read against an invalid base URL"))?.origin();
        if url.origin() != origin {
            // Its query may hold what the server wants sent there; only its origin is shown.
            let elsewhere = url.origin().ascii_serialization();
            return Err(invalid(&format!("to another origin ({elsewhere}), where the client's credentials must not go")));
        }
        Ok(url.into())
    }
}

/// The next request's change.
enum Step {
    /// Query parameter set to the value (none: no next page).
    Query(&'static str, Option<String>),
    /// The next page's link (none: no next page).
    Link(Option<String>),
}

/// The value at `path` (object keys) in `value`.
fn at<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |value, key| value.get(key))
}

/// An integer, also written as text (`"120"`).
fn integer(value: &Value) -> Option<i64> {
    value.as_i64().or_else(|| value.as_str()?.parse().ok())
}

/// The integer the request's query gives `param` (the caller's offset or page number).
fn query_integer(parts: &RequestParts, param: &str) -> Option<i64> {
    parts.query.iter().rev().find(|(name, _)| name == param).and_then(|(_, value)| value.parse().ok())
}

/// The links of one `Link` header value: split at the commas outside `<…>` (a URL may hold commas).
fn link_values(value: &str) -> Vec<&str> {
    let (mut links, mut start, mut inside) = (Vec::new(), 0, false);
    for (at, c) in value.char_indices() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            ',' if !inside => {
                links.push(&value[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    links.push(&value[start..]);
    links
}

/// The `rel="next"` target of the response's `Link` headers (RFC 8288): `<url>; rel="next"`,
/// links separated by commas, `rel` possibly naming several relations.
fn next_link(headers: &reqwest::header::HeaderMap) -> Option<String> {
    let links = headers.get_all(reqwest::header::LINK).into_iter().filter_map(|value| value.to_str().ok());
    links.flat_map(link_values).find_map(|link| {
        let (target, params) = link.split_once('>')?;
        let target = target.trim().strip_prefix('<')?;
        let next = params.split(';').any(|param| {
            let Some((name, value)) = param.split_once('=') else { return false };
            let relations = value.trim().trim_matches('"');
            name.trim().eq_ignore_ascii_case("rel") && relations.split_whitespace().any(|r| r.eq_ignore_ascii_case("next"))
        });
        next.then(|| target.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue, LINK};

    fn headers(values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        values.iter().for_each(|value| {
            map.append(LINK, HeaderValue::from_str(value).expect("header"));
        });
        map
    }

    #[test]
    fn the_next_link_is_the_one_whose_relations_include_next() {
        let github = r#"<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=5>; rel="last""#;
        assert_eq!(next_link(&headers(&[github])).as_deref(), Some("https://api.github.com/repositories/1/issues?page=2"));
        let first = r#"<https://x.test/a?page=1>; rel="prev first""#;
        assert_eq!(next_link(&headers(&[first, "</b?page=3>; REL=\"last next\""])).as_deref(), Some("/b?page=3"));
        assert_eq!(next_link(&headers(&[r#"<https://x.test/a?page=9>; rel="last""#])), None);
        assert_eq!(next_link(&headers(&["garbage", "<unclosed; rel=next"])), None);
        let commas = r#"<https://x.test/a?fields=a,b&page=2>; rel="next", <https://x.test/a?page=9>; rel="last""#;
        assert_eq!(next_link(&headers(&[commas])).as_deref(), Some("https://x.test/a?fields=a,b&page=2"));
    }

    #[test]
    fn paths_lead_into_objects_and_integers_may_be_text() {
        let page = serde_json::json!({"meta": {"next": "c2", "total": "120"}, "data": [1, 2]});
        assert_eq!(at(&page, &["meta", "next"]), Some(&Value::from("c2")));
        assert_eq!(at(&page, &[]), Some(&page));
        assert_eq!(at(&page, &["data", "next"]), None);
        assert_eq!(at(&page, &["meta", "total"]).and_then(integer), Some(120));
        let items = |json: Value| page_items::<i64>(&json, &["data"]);
        assert_eq!(items(serde_json::json!({"data": [3, 4]})).expect("items"), vec![3, 4]);
        assert_eq!(items(serde_json::json!({"data": null})).expect("items"), Vec::<i64>::new());
        assert!(items(serde_json::json!({"data": ["x"]})).is_err());
    }
}
