//! Schemas reached by references into properties, paths, parameters and `definitions` are typed
//! once, where they stand, and shared by every use.

#[path = "../../round_trip.rs"]
mod round_trip;

use fixture_sdk_references::types::{Folder, FolderParent, GetUserResponse, UserAddress, UserAddressRegion};
use round_trip::round_trip;
use serde_json::json;

#[test]
fn a_schema_referenced_from_several_places_is_one_type() {
    let response: GetUserResponse = round_trip(json!({
        "user": {"address": {"region": "eu"}},
        "again": {"address": {"region": "us"}},
        "region": "eu"
    }));
    // `again` refers to `user`'s schema, `region` to a property nested in `User`.
    let again: Option<UserAddress> = response.again.and_then(|user| user.address);
    assert_eq!(again.and_then(|a| a.region), Some(UserAddressRegion::Us));
    assert_eq!(response.region, Some(UserAddressRegion::Eu));
}

#[test]
fn recursion_through_nested_references_is_a_type_that_holds_itself() {
    let folder: Folder = round_trip(json!({"parent": {"up": {"up": {}}}, "self": {}}));
    let parent: FolderParent = folder.parent.expect("parent");
    assert!(parent.up.is_some_and(|up| up.up.is_some()));
}
