//! The `mock` module: an expectation per operation, typed by what the operation sends and
//! answers, for the crate's `mock` feature.

use crate::model::{BodyItem, Doc, MockMethod, MockReply, OperationItem, Reply, RustType};

/// The expectation of each operation, in the client's order.
pub fn mocks(operations: &[OperationItem]) -> Vec<MockMethod> {
    operations.iter().map(mock).collect()
}

fn mock(op: &OperationItem) -> MockMethod {
    let (reply, response) = match op.send.as_ref().map(|send| &send.reply) {
        Some(Reply::Json(ty)) => (MockReply::Json, Some(ty.clone())),
        Some(Reply::Text) => (MockReply::Text, Some(RustType::String)),
        Some(Reply::Bytes) => (MockReply::Bytes, Some(RustType::Vec(Box::new(RustType::Primitive("u8"))))),
        Some(Reply::Empty) => (MockReply::Empty, None),
        // Several successes, each its own body: any JSON, with `status`.
        Some(Reply::ByStatus(_)) => (MockReply::Json, Some(RustType::Json)),
        // An operation that only streams answers its events.
        None => (MockReply::Json, None),
    };
    let event = op.stream.as_ref().map(|stream| stream.event.clone().unwrap_or(RustType::Json));
    let (http, path) = (op.http.as_str(), &op.path);
    let lines = vec![
        format!(" Expects `{http} {path}`, as [`Client::{0}`](crate::Client::{0}) sends it.", op.method),
        String::new(),
        " Narrow it with `path_param`, `query_param`, `header` or `body`, then answer it with".to_owned(),
        format!(
            " `respond`{}, `respond_error`, or `respond_raw`.",
            if event.is_some() { ", `respond_stream`" } else { "" }
        ),
    ];
    MockMethod {
        method: op.method.clone(),
        module: op.module.clone(),
        cfg: op.cfg.clone(),
        doc: Doc { lines, deprecated: None },
        http: op.http,
        path: op.path.clone(),
        body: op.body.as_ref().and_then(json_body),
        response,
        reply,
        event,
        done: op.stream.as_ref().and_then(|stream| stream.done.clone()),
    }
}

/// A JSON body's type; other encodings are matched as they are sent, not typed.
fn json_body(body: &BodyItem) -> Option<RustType> {
    matches!(body.encoding, crate::ir::BodyEncoding::Json).then(|| body.ty.clone())
}
