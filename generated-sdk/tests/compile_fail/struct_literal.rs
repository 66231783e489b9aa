// Model structs are non-exhaustive: a struct literal (which would break when a field is added)
// does not compile outside the crate; `new` and the setters are the way to build one.
fn main() {
    let _ = humanloop::types::FunctionTool { name: "f".to_owned(), arguments: None };
}
