//! A scripted HTTP/1.1 server on 127.0.0.1 for wire tests: answers each request with the next
//! reply of its script (body sent in timed chunks, then the connection closes) and records what
//! it received. Replies can echo the request back, as servers and proxies do: in header values
//! and chunks, `{{header:NAME}}` becomes that request header's value, `{{headers}}` every request
//! header and `{{body}}` the request body (both JSON-string-escaped, without the quotes).

#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// One reply: status, headers, and body chunks each sent after its delay; `None` as the status
/// never answers (the connection stays open and silent).
#[derive(Clone)]
pub struct Reply {
    pub status: Option<u16>,
    pub headers: Vec<(String, String)>,
    pub chunks: Vec<(Duration, Vec<u8>)>,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Self {
        Reply {
            status: Some(status),
            headers: vec![("content-type".into(), "application/json".into())],
            chunks: vec![(Duration::ZERO, body.as_bytes().to_vec())],
        }
    }

    pub fn sse(chunks: Vec<Vec<u8>>) -> Self {
        Reply {
            status: Some(200),
            headers: vec![("content-type".into(), "text/event-stream".into())],
            chunks: chunks.into_iter().map(|c| (Duration::from_millis(5), c)).collect(),
        }
    }

    /// A status line and headers at once, then `chunks` each after its delay.
    pub fn timed(status: u16, chunks: Vec<(Duration, Vec<u8>)>) -> Self {
        Reply { status: Some(status), headers: vec![], chunks }
    }

    /// Never answers.
    pub fn silent() -> Self {
        Reply { status: None, headers: vec![], chunks: vec![] }
    }

    pub fn status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }
}

pub struct Server {
    pub url: String,
    pub requests: Arc<Mutex<Vec<Recorded>>>,
    /// Replies cut short because the client went away (a write failed).
    pub abandoned: Arc<std::sync::atomic::AtomicUsize>,
}

impl Server {
    /// Starts a server answering with `script`, one reply per request (the last one repeats).
    pub async fn start(script: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = requests.clone();
        let abandoned = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let abandoned_by = abandoned.clone();
        tokio::spawn(async move {
            let mut served = 0usize;
            while let Ok((mut socket, _)) = listener.accept().await {
                let Some(request) = read_request(&mut socket).await else { continue };
                recorded.lock().expect("lock").push(request.clone());
                let reply = script[served.min(script.len() - 1)].clone();
                served += 1;
                let abandoned = abandoned_by.clone();
                tokio::spawn(async move {
                    match reply.status {
                        Some(status) => {
                            if !answer(socket, status, reply, &request).await {
                                abandoned.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            }
                        }
                        // Holds the connection open, silent, until the test ends.
                        None => tokio::time::sleep(Duration::from_secs(600)).await,
                    }
                });
            }
        });
        Server { url, requests, abandoned }
    }

    pub fn recorded(&self) -> Vec<Recorded> {
        self.requests.lock().expect("lock").clone()
    }
}

/// A JSON string's content (escaped, without its quotes).
fn escaped(text: &str) -> String {
    let quoted = serde_json::to_string(text).expect("a string encodes");
    quoted[1..quoted.len() - 1].to_owned()
}

/// `template` with the request's echo placeholders filled in.
fn echo(template: &str, request: &Recorded) -> String {
    let headers: Vec<String> = request.headers.iter().map(|(n, v)| format!("{n}: {v}")).collect();
    let mut text = template
        .replace("{{headers}}", &escaped(&headers.join("\n")))
        .replace("{{body}}", &escaped(&String::from_utf8_lossy(&request.body)));
    while let Some(start) = text.find("{{header:") {
        let Some(end) = text[start..].find("}}") else { break };
        let name = text[start + 9..start + end].to_owned();
        text.replace_range(start..start + end + 2, request.header(&name).unwrap_or(""));
    }
    text
}

/// Sends the reply; `false` when the client went away before it was all written.
async fn answer(mut socket: tokio::net::TcpStream, status: u16, reply: Reply, request: &Recorded) -> bool {
    let mut head = format!("HTTP/1.1 {status} X\r\nconnection: close\r\n");
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {}\r\n", echo(value, request)));
    }
    head.push_str("\r\n");
    if socket.write_all(head.as_bytes()).await.is_err() {
        return false;
    }
    for (delay, mut chunk) in reply.chunks {
        tokio::time::sleep(delay).await;
        // Only templates are rewritten: other chunks may split a UTF-8 character on purpose.
        if chunk.windows(2).any(|w| w == b"{{") {
            chunk = echo(&String::from_utf8_lossy(&chunk), request).into_bytes();
        }
        if socket.write_all(&chunk).await.is_err() || socket.flush().await.is_err() {
            return false;
        }
    }
    let _ = socket.shutdown().await;
    true
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<Recorded> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_owned(), first.next()?.to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize =
        headers.iter().find(|(n, _)| n == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let chunked = headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    let mut body = buffer[head_end + 4..].to_vec();
    while if chunked { dechunked(&body).is_none() } else { body.len() < length } {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    if chunked {
        body = dechunked(&body)?;
    }
    Some(Recorded { method, path, headers, body })
}

/// The content of a complete chunked body (`size CRLF data CRLF`…, ended by a zero size), or
/// `None` while more is to come.
fn dechunked(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut content = Vec::new();
    loop {
        let line_end = raw.windows(2).position(|w| w == b"\r\n")?;
        let size_text = String::from_utf8_lossy(&raw[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        raw = &raw[line_end + 2..];
        if size == 0 {
            return raw.starts_with(b"\r\n").then_some(content);
        }
        if raw.len() < size + 2 {
            return None;
        }
        content.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}
