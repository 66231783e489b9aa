//! Handling each kind of failure.

use humanloop::types::UnprocessableEntityBody;
use humanloop::{Client, Error, ErrorBody};

/// Runs the example; `pub` so the examples test can call it.
#[tokio::main]
pub async fn main() {
    let client = match Client::from_env() {
        Ok(client) => client,
        Err(error) => return eprintln!("configuration: {error}"),
    };
    match client.completion_model_config("prv_does_not_exist").send().await {
        Ok(response) => println!("{}", response.data[0].output),
        Err(error) => match &error {
            Error::Status(status) => {
                eprintln!("HTTP {} from {}", status.status, status.url);
                match error.body() {
                    Some(ErrorBody::UnprocessableEntityBody(UnprocessableEntityBody::HttpValidationError(v))) => {
                        for item in v.detail.iter().flatten() {
                            eprintln!("invalid {:?}: {}", item.loc, item.msg);
                        }
                    }
                    Some(body) => eprintln!("error body: {body:?}"),
                    // Printing a body redacts the request's secrets, should the server echo them.
                    None => eprintln!("raw body: {}", status.body),
                }
            }
            Error::Timeout { after, limit, .. } => eprintln!("no answer within {after:?} ({limit})"),
            Error::Connection { .. } => eprintln!("could not reach the server: {error}"),
            other => eprintln!("{other}"),
        },
    }
}
