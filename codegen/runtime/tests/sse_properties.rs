//! Property tests of the SSE decoder: any events, any line endings, any chunking of the bytes
//! give back exactly the events that were sent.

use proptest::prelude::*;
use sdk_runtime::runtime::{SseDecoder, SseEvent};
use std::collections::VecDeque;

/// An event as a server would write it, with a choice of line ending.
fn encode(events: &[(Option<String>, Vec<String>)], ending: &str) -> Vec<u8> {
    let mut out = String::new();
    for (name, lines) in events {
        if let Some(name) = name {
            out.push_str(&format!("event: {name}{ending}"));
        }
        out.push_str(&format!(": comment{ending}"));
        for line in lines {
            out.push_str(&format!("data: {line}{ending}"));
        }
        out.push_str(ending);
    }
    out.into_bytes()
}

/// Text without line breaks (data lines cannot hold them).
fn line() -> impl Strategy<Value = String> {
    "[^\r\n]{0,12}"
}

proptest! {
    #[test]
    fn decoding_is_independent_of_chunking(
        events in prop::collection::vec((prop::option::of("[a-z]{1,6}"), prop::collection::vec(line(), 1..4)), 0..6),
        ending in prop::sample::select(vec!["\n", "\r\n", "\r"]),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..8),
    ) {
        let bytes = encode(&events, ending);
        let mut points: Vec<usize> = cuts.iter().map(|c| c.index(bytes.len() + 1)).collect();
        points.sort_unstable();
        let mut decoder = SseDecoder::new();
        let mut out = VecDeque::new();
        let mut start = 0;
        for point in points.into_iter().chain([bytes.len()]) {
            decoder.push(&bytes[start..point], &mut out);
            start = point;
        }
        decoder.finish(&mut out);
        let expected: Vec<SseEvent> = events
            .iter()
            .map(|(name, lines)| SseEvent { event: name.clone(), data: lines.join("\n").into_bytes(), id: None, retry: None })
            .collect();
        prop_assert_eq!(out.into_iter().collect::<Vec<_>>(), expected);
    }
}
