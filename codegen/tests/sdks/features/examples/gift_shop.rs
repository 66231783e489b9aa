//! Uses the `gift-shop` part alone: checked with only that feature on (xtask's regen tests).

use fixture_sdk_features::{Client, Error};

#[allow(dead_code)] // compiled to prove the part is whole, never run
async fn shopper(zoo: &Client) -> Result<Vec<String>, Error> {
    let items = zoo.list_items().send().await?;
    let _mascots = items.into_iter().filter_map(|item| item.mascot);
    zoo.announcements().stream().await?.collect_text().await
}

fn main() {}
