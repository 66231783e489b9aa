//! Which operations are paginated and how: recognised shapes, declared extensions, the config
//! file's `[pagination]`, and declarations that do not fit (a warning naming where, never a
//! failed run). The walks themselves are proved on a loopback server by the fixture crate
//! (`codegen/tests/sdks/pagination/tests/pages.rs`).

use sdksmith::ir::NextPage;
use sdksmith::Settings;
use std::collections::BTreeMap;

const FIXTURE: &str = include_str!("fixtures/pagination.yaml");

/// Each generated operation's method → its pagination style (`-` when not paginated).
fn styles(text: &str, settings: &Settings) -> (BTreeMap<String, String>, Vec<String>) {
    let (model, warnings) = sdksmith::model("pagination.yaml", text, settings).expect("the document generates");
    let styles = model
        .operations
        .iter()
        .map(|op| {
            let style = op.paging.as_ref().map_or("-".to_owned(), |p| match &p.next {
                NextPage::Cursor { param, from } => format!("cursor {param} <- {}", from.join(".")),
                NextPage::LastItem { param, field } => format!("last item {param} <- {field}"),
                NextPage::Offset { param } => format!("offset {param}"),
                NextPage::Page { param, first } => format!("page {param} from {first}"),
                NextPage::NextLink { from } => format!("link <- {}", from.join(".")),
                NextPage::LinkHeader => "Link header".to_owned(),
            });
            (op.method.clone(), format!("{style}; items at `{}`", p_items(op)))
        })
        .collect();
    (styles, warnings.into_iter().map(|w| format!("{} {}", w.pointer, w.message)).collect())
}

fn p_items(op: &sdksmith::model::OperationItem) -> String {
    op.paging.as_ref().map_or(String::new(), |p| p.items.join("."))
}

fn configured() -> Settings {
    let config = "document = \"pagination.yaml\"\n[pagination.listConfigured]\npage = \"p\"\nitems = \"rows\"\nhas-more = \"more\"\n";
    let config = sdksmith::project::config::parse("sdksmith.toml", config).expect("the config reads");
    config.settings("pagination.yaml", "regen", "pagination")
}

#[test]
fn every_style_is_found_where_it_is_certain_and_nowhere_else() {
    let (styles, warnings) = styles(FIXTURE, &configured());
    let expected = [
        ("list_after", "last item starting_after <- id; items at `data`"),
        ("list_azure", "link <- nextLink; items at `value`"),
        ("list_by_cursor", "cursor cursor <- next_cursor; items at `data`"),
        ("list_by_next_link", "link <- next; items at `results`"),
        ("list_by_offset", "offset offset; items at `items`"),
        ("list_by_page", "page page from 0; items at `results`"),
        ("list_configured", "page p from 1; items at `rows`"),
        ("list_declared", "cursor pos <- paging.following; items at `rows`"),
        ("list_dropshot", "cursor page_token <- next_page; items at `items`"),
        ("list_fern", "cursor token <- meta.after; items at `entries`"),
        ("list_linked", "Link header; items at ``"),
        // `x-pagination: false`; a cursor nothing answers; a POST.
        ("list_not_paged", "-; items at ``"),
        ("list_without_next", "-; items at ``"),
        ("search", "-; items at ``"),
    ];
    let expected: BTreeMap<String, String> = expected.iter().map(|(m, s)| (m.to_string(), s.to_string())).collect();
    assert_eq!(styles, expected);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn without_the_config_the_configured_list_is_not_paginated() {
    let (styles, _) = styles(FIXTURE, &Settings::new("pagination.yaml"));
    assert_eq!(styles["list_configured"], "-; items at ``");
}

#[test]
fn the_config_can_turn_a_recognised_list_off_and_names_what_it_cannot_use() {
    let config = "document = \"p.yaml\"\n[pagination]\nlistByCursor = false\nnoSuchOperation = { offset = \"offset\" }\nlistAfter = { offset = \"nope\", items = \"data\" }\n";
    let settings =
        sdksmith::project::config::parse("sdksmith.toml", config).expect("reads").settings("p.yaml", "regen", "p");
    let (styles, warnings) = styles(FIXTURE, &settings);
    assert_eq!(styles["list_by_cursor"], "-; items at ``");
    assert_eq!(styles["list_after"], "last item starting_after <- id; items at `data`", "left as the document says");
    assert!(
        warnings.iter().any(|w| w.contains("`[pagination]` names `noSuchOperation`, which is no operation")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("`[pagination.listAfter]` names `nope`, which is no query parameter")),
        "{warnings:?}"
    );
    let error =
        sdksmith::project::config::parse("sdksmith.toml", "document = \"p.yaml\"\n[pagination]\nlistAfter = true\n")
            .expect_err("`true` says nothing of how");
    assert!(error.to_string().contains("sdksmith.toml:3: error: `true` does not say how"), "{error}");
}

/// A declaration that does not fit its operation is a warning at the extension, and the
/// operation is generated without pagination.
#[test]
fn a_declaration_that_does_not_fit_is_a_warning_at_its_pointer() {
    let document = r#"
openapi: 3.0.3
info: { title: T, version: "1" }
paths:
  /a:
    get:
      operationId: wrongParam
      x-pagination: { cursor: after, next-cursor: next, items: data }
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Page' } } } } }
  /b:
    get:
      operationId: wrongItems
      x-pagination: { offset: offset, items: next }
      parameters: [{ name: offset, in: query, schema: { type: integer } }]
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Page' } } } } }
  /c:
    get:
      operationId: unreadable
      x-pagination: { cursor: offset, nextCursor: next }
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Page' } } } } }
  /d:
    get:
      operationId: fernPages
      x-fern-pagination: { offset: $request.page, results: $response.data }
      parameters: [{ name: page, in: query, schema: { type: integer, minimum: 1 } }]
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Page' } } } } }
components:
  schemas:
    Page:
      type: object
      properties:
        data: { type: array, items: { type: string } }
        next: { type: string }
"#;
    let (styles, warnings) = styles(document, &Settings::new("t.yaml"));
    assert_eq!(styles["wrong_param"], "-; items at ``");
    assert_eq!(styles["wrong_items"], "-; items at ``");
    assert_eq!(styles["unreadable"], "-; items at ``");
    assert_eq!(styles["fern_pages"], "page page from 1; items at `data`", "Fern's offset without a step counts pages");
    let expected = [
        "/paths/~1a/get/x-pagination `x-pagination` names `after`, which is no query parameter of the operation: the operation is not paginated",
        "/paths/~1b/get/x-pagination `x-pagination` names items at `next`, which is not an array of the answer: the operation is not paginated",
    ];
    for line in expected {
        assert!(warnings.iter().any(|w| w == line), "missing {line:?} in {warnings:#?}");
    }
    assert!(
        warnings
            .iter()
            .any(|w| w
                .starts_with("/paths/~1c/get/x-pagination `x-pagination` cannot be read (unknown field `nextCursor`")),
        "{warnings:#?}"
    );
}

/// Beside a cursor parameter a plain-text `next` is the cursor; a `next` of format `uri` is a
/// link (Django REST framework's cursor pagination).
#[test]
fn a_next_field_is_a_cursor_or_a_link_by_its_format() {
    let document = |format: &str| {
        format!(
            r#"
openapi: 3.0.3
info: {{ title: T, version: "1" }}
paths:
  /a:
    get:
      operationId: list
      parameters: [{{ name: cursor, in: query, schema: {{ type: string }} }}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  results: {{ type: array, items: {{ type: string }} }}
                  next: {{ type: string{format} }}
"#
        )
    };
    let (plain, _) = styles(&document(""), &Settings::new("t.yaml"));
    assert_eq!(plain["list"], "cursor cursor <- next; items at `results`");
    let (uri, _) = styles(&document(", format: uri"), &Settings::new("t.yaml"));
    assert_eq!(uri["list"], "link <- next; items at `results`");
}
