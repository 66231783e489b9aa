// @generated: the runtime every generated crate carries (its tests run in the runtime crate). Do not edit.
//! Form bodies: `application/x-www-form-urlencoded` and `multipart/form-data`, encoded from the
//! same serde types as JSON bodies. A file field is a [`FilePart`]; while a body is serialised its
//! files are set aside and replaced by markers, so the encoder sees one JSON value and the file
//! handles beside it. Multipart bodies are streamed: files are read as they are sent, never
//! loaded whole.

use super::request::scalar_text;
use bytes::{Bytes, BytesMut};
use futures_util::stream::{self, BoxStream, StreamExt, TryStreamExt};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::cell::RefCell;
use std::fmt;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncRead, AsyncReadExt};

/// A file sent as one part of a multipart body: bytes in memory, a file read from its path as it
/// is sent, or any `AsyncRead`.
#[derive(Clone)]
pub struct FilePart {
    source: Source,
    file_name: Option<String>,
    content_type: Option<String>,
}

type Reader = Pin<Box<dyn AsyncRead + Send>>;

#[derive(Clone)]
enum Source {
    Bytes(Bytes),
    Path(PathBuf),
    /// Read once: taken by the first attempt that sends it.
    Reader(Arc<Mutex<Option<Reader>>>),
}

impl FilePart {
    /// A file whose content is in memory (sent again as it is on a retry).
    pub fn bytes(content: impl Into<Bytes>) -> Self {
        FilePart { source: Source::Bytes(content.into()), file_name: None, content_type: None }
    }

    /// The file at `path`, opened and streamed when the request is sent (and again on a retry);
    /// its file name is the path's last component unless set.
    pub fn path(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let file_name = path.file_name().map(|name| name.to_string_lossy().into_owned());
        FilePart { source: Source::Path(path), file_name, content_type: None }
    }

    /// Content streamed from `reader`. It can be read only once, so a call that sends it is not
    /// retried.
    pub fn reader(reader: impl AsyncRead + Send + 'static) -> Self {
        FilePart {
            source: Source::Reader(Arc::new(Mutex::new(Some(Box::pin(reader))))),
            file_name: None,
            content_type: None,
        }
    }

    /// The file name the server sees (`filename=` of the part).
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// The part's media type (default: the document's, else `application/octet-stream`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    fn is_one_shot(&self) -> bool {
        matches!(self.source, Source::Reader(_))
    }
}

/// Shows where the content comes from, never the content.
impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match &self.source {
            Source::Bytes(bytes) => format!("{} bytes", bytes.len()),
            Source::Path(path) => format!("file {}", path.display()),
            Source::Reader(_) => "reader".to_owned(),
        };
        f.debug_struct("FilePart")
            .field("source", &source)
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// Same content source (equal bytes, the same path, the same reader), name and media type.
impl PartialEq for FilePart {
    fn eq(&self, other: &Self) -> bool {
        let same_source = match (&self.source, &other.source) {
            (Source::Bytes(a), Source::Bytes(b)) => a == b,
            (Source::Path(a), Source::Path(b)) => a == b,
            (Source::Reader(a), Source::Reader(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        same_source && self.file_name == other.file_name && self.content_type == other.content_type
    }
}

thread_local! {
    /// Files met while serialising a form body (see [`collect_files`]).
    static FILES: RefCell<Option<Vec<FilePart>>> = const { RefCell::new(None) };
}

/// Marks where a file stood in the serialised body; the index follows it.
const FILE_MARKER: &str = "\u{0}sdk-file-part:";

/// Runs `serialise`, setting aside every [`FilePart`] it serialises.
fn collect_files<R>(serialise: impl FnOnce() -> R) -> (R, Vec<FilePart>) {
    let outer = FILES.with(|files| files.borrow_mut().replace(Vec::new()));
    let result = serialise();
    let files = FILES.with(|files| std::mem::replace(&mut *files.borrow_mut(), outer)).unwrap_or_default();
    (result, files)
}

/// In a form body: a marker, the file set aside. Anywhere else a file cannot be sent.
impl Serialize for FilePart {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let index = FILES.with(|files| {
            files.borrow_mut().as_mut().map(|files| {
                files.push(self.clone());
                files.len() - 1
            })
        });
        match index {
            Some(index) => serializer.serialize_str(&format!("{FILE_MARKER}{index}")),
            None => Err(serde::ser::Error::custom("a file can only be sent in a multipart body")),
        }
    }
}

/// A string decodes as a file of its bytes (a document may use one schema for both directions).
impl<'de> Deserialize<'de> for FilePart {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(FilePart::bytes)
    }
}

/// A body's top-level fields in the order its type declares them (some servers want a file
/// last), each a JSON value.
struct Fields(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Fields;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object (a form body's fields)")
            }
            fn visit_unit<E>(self) -> Result<Fields, E> {
                Ok(Fields(Vec::new()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    fields.push(entry);
                }
                Ok(Fields(fields))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A form body serialised to JSON with its files beside it. Through text, because a JSON
/// `Value` would sort the fields.
fn to_fields(body: &impl Serialize) -> Result<(Fields, Vec<FilePart>), String> {
    let (text, files) = collect_files(|| serde_json::to_string(body));
    let text = text.map_err(|e| format!("request body could not be serialised: {e}"))?;
    let fields =
        serde_json::from_str::<Fields>(&text).map_err(|_| format!("a form body must be an object, not {text}"))?;
    Ok((fields, files))
}

/// The file a marker stands for.
fn file_of<'a>(value: &Value, files: &'a [FilePart]) -> Option<&'a FilePart> {
    let index = value.as_str()?.strip_prefix(FILE_MARKER)?.parse::<usize>().ok()?;
    files.get(index)
}

/// `application/x-www-form-urlencoded` text of a body: scalars as `name=value`, top-level arrays
/// as repeated names (`form` style, exploded), nested objects and arrays by brackets
/// (`meta[key]=value`, `meta[tags][0]=a`); `null` fields are left out.
pub(crate) fn urlencoded(body: &impl Serialize) -> Result<String, String> {
    let (Fields(fields), files) = to_fields(body)?;
    if !files.is_empty() {
        return Err("a file can only be sent in a multipart body".to_owned());
    }
    let mut pairs = Vec::new();
    for (name, value) in &fields {
        match value {
            Value::Array(items) => items.iter().for_each(|item| bracketed(name.clone(), item, &mut pairs)),
            _ => bracketed(name.clone(), value, &mut pairs),
        }
    }
    let encode = |text: &str| percent_encoding::utf8_percent_encode(text, FORM_VALUE).to_string();
    Ok(pairs.iter().map(|(name, value)| format!("{}={}", encode(name), encode(value))).collect::<Vec<_>>().join("&"))
}

/// What form encoding leaves as it is: letters, digits and `*-._`.
const FORM_VALUE: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'*').remove(b'-').remove(b'.').remove(b'_');

fn bracketed(name: String, value: &Value, pairs: &mut Vec<(String, String)>) {
    match value {
        Value::Object(fields) => {
            fields.iter().for_each(|(key, value)| bracketed(format!("{name}[{key}]"), value, pairs));
        }
        Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, value)| bracketed(format!("{name}[{i}]"), value, pairs));
        }
        _ => pairs.extend(scalar_text(value).map(|text| (name, text))),
    }
}

/// A `multipart/form-data` body, kept so each attempt streams it anew.
#[derive(Debug, Clone)]
pub(crate) struct Multipart {
    boundary: String,
    parts: Vec<Part>,
}

#[derive(Debug, Clone)]
struct Part {
    name: String,
    content_type: Option<String>,
    content: Content,
}

#[derive(Debug, Clone)]
enum Content {
    Text(String),
    File(FilePart),
}

impl Multipart {
    /// The parts of `body`: a file field is a file part, a scalar a text part, an array one part
    /// per item under the same name, and an object (or an array item that is one) a JSON part.
    /// `part_types` are the document's media types per field (its `encoding`).
    pub(crate) fn new(body: &impl Serialize, part_types: &[(&str, &str)]) -> Result<Self, String> {
        let (Fields(fields), files) = to_fields(body)?;
        let declared = |name: &str| {
            part_types
                .iter()
                .find(|(field, _)| *field == name)
                .map(|(_, media)| *media)
                // A list or a wildcard in the document says what is accepted, not what this part is.
                .filter(|media| !media.contains(',') && !media.contains('*'))
                .map(str::to_owned)
        };
        let mut parts = Vec::new();
        for (name, value) in &fields {
            let items = match value {
                Value::Array(items) => items.as_slice(),
                single => std::slice::from_ref(single),
            };
            for item in items {
                let (content, default_type) = match (file_of(item, &files), item) {
                    (Some(file), _) => (Content::File(file.clone()), None),
                    (None, Value::Null) => continue,
                    (None, Value::Object(_) | Value::Array(_)) => {
                        (Content::Text(item.to_string()), Some("application/json".to_owned()))
                    }
                    (None, scalar) => (Content::Text(scalar_text(scalar).unwrap_or_default()), None),
                };
                let content_type = declared(name).or(default_type);
                parts.push(Part { name: name.clone(), content_type, content });
            }
        }
        Ok(Multipart { boundary: format!("sdk-boundary-{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..)), parts })
    }

    /// `multipart/form-data; boundary=…`.
    pub(crate) fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    /// Whether a part can be read only once (so the call is not retried).
    pub(crate) fn is_one_shot(&self) -> bool {
        self.parts.iter().any(|part| matches!(&part.content, Content::File(file) if file.is_one_shot()))
    }

    /// The body: one buffer when every part is in memory (so it has a length), else a stream
    /// of each part's head, then its content as it is read.
    pub(crate) fn body(&self) -> Result<reqwest::Body, String> {
        if let Some(buffer) = self.in_memory() {
            return Ok(buffer.into());
        }
        let mut chunks: Vec<BoxStream<'static, std::io::Result<Bytes>>> = Vec::new();
        for part in &self.parts {
            chunks.push(once(self.head(part)));
            chunks.push(match &part.content {
                Content::Text(text) => once(text.clone()),
                Content::File(file) => file_stream(file)?,
            });
            chunks.push(once("\r\n".to_owned()));
        }
        chunks.push(once(format!("--{}--\r\n", self.boundary)));
        Ok(reqwest::Body::wrap_stream(stream::iter(chunks).flatten()))
    }

    fn in_memory(&self) -> Option<Vec<u8>> {
        let mut buffer = Vec::new();
        for part in &self.parts {
            buffer.extend_from_slice(self.head(part).as_bytes());
            match &part.content {
                Content::Text(text) => buffer.extend_from_slice(text.as_bytes()),
                Content::File(FilePart { source: Source::Bytes(bytes), .. }) => buffer.extend_from_slice(bytes),
                Content::File(_) => return None,
            }
            buffer.extend_from_slice(b"\r\n");
        }
        buffer.extend_from_slice(format!("--{}--\r\n", self.boundary).as_bytes());
        Some(buffer)
    }

    fn head(&self, part: &Part) -> String {
        let mut head =
            format!("--{}\r\nContent-Disposition: form-data; name=\"{}\"", self.boundary, quoted(&part.name));
        let mut content_type = part.content_type.clone();
        if let Content::File(file) = &part.content {
            let file_name = file.file_name.as_deref().unwrap_or(&part.name);
            head.push_str(&format!("; filename=\"{}\"", quoted(file_name)));
            content_type =
                file.content_type.clone().or(content_type).or_else(|| Some("application/octet-stream".into()));
        }
        if let Some(content_type) = content_type {
            head.push_str(&format!("\r\nContent-Type: {content_type}"));
        }
        head.push_str("\r\n\r\n");
        head
    }
}

/// A name in a quoted header parameter: quotes and line breaks percent-encoded, as browsers do.
fn quoted(name: &str) -> String {
    name.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

fn once(text: String) -> BoxStream<'static, std::io::Result<Bytes>> {
    stream::once(async move { Ok(Bytes::from(text)) }).boxed()
}

/// A file's content as chunks: bytes at once, a path opened when the body is first polled, a
/// reader taken (so it cannot be sent twice).
fn file_stream(file: &FilePart) -> Result<BoxStream<'static, std::io::Result<Bytes>>, String> {
    Ok(match &file.source {
        Source::Bytes(bytes) => {
            let bytes = bytes.clone();
            stream::once(async move { Ok(bytes) }).boxed()
        }
        Source::Path(path) => {
            let path = path.clone();
            stream::once(async move {
                let opened = tokio::fs::File::open(&path).await;
                opened
                    .map(|file| read_stream(Box::pin(file)))
                    .map_err(|e| std::io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display())))
            })
            .try_flatten()
            .boxed()
        }
        Source::Reader(reader) => {
            let taken = reader.lock().map_err(|_| "a file reader was poisoned".to_owned())?.take();
            let reader = taken.ok_or("a file given as a reader was already sent; it can be read only once")?;
            read_stream(reader)
        }
    })
}

fn read_stream(reader: Reader) -> BoxStream<'static, std::io::Result<Bytes>> {
    stream::try_unfold(reader, |mut reader| async move {
        let mut chunk = BytesMut::with_capacity(64 * 1024);
        Ok(match reader.read_buf(&mut chunk).await? {
            0 => None,
            _ => Some((chunk.freeze(), reader)),
        })
    })
    .boxed()
}

