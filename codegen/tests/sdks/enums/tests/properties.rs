//! Any string the server sends decodes into the enum and is sent back unchanged.

use fixture_sdk_enums::types::Size;
use proptest::prelude::*;

proptest! {
    #[test]
    fn every_string_round_trips(value in any::<String>()) {
        let decoded: Size = serde_json::from_value(serde_json::Value::String(value.clone())).expect("any string decodes");
        prop_assert_eq!(decoded.as_str(), value.as_str());
        prop_assert_eq!(serde_json::to_value(&decoded).expect("encodes"), serde_json::Value::String(value));
    }
}
