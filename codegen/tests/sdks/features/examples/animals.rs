//! Uses the `animals` part alone: checked with only that feature on (xtask's regen tests).

use fixture_sdk_features::{Client, Error};

#[allow(dead_code)] // compiled to prove the part is whole, never run
async fn keeper(zoo: &Client) -> Result<Vec<String>, Error> {
    let animal = zoo.get_animal("a1").send().await?;
    zoo.feed_animal(animal.id, "fish").stream().await?.collect_text().await
}

fn main() {}
