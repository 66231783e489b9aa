//! What must not compile: missing required inputs, struct literals of non-exhaustive types,
//! setters for fields the API does not have.

#[test]
fn misuse_does_not_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/compile_fail/*.rs");
}
