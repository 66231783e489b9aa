//! A generation run on a crate its owner keeps: the manifest and files they wrote survive
//! regeneration, the generated part is fresh, a file in the way is never overwritten, and the
//! same config gives the same bytes from any folder. Also: the settings the config file feeds
//! (selection, renames, overrides, features) reach the crate model.

use sdksmith::project::{Project, GENERATED_MARKER};
use std::fs;
use std::path::{Path, PathBuf};

const DOCUMENT: &str = r##"
openapi: 3.0.3
info: {title: Pets, version: "1"}
servers: [{url: "https://pets.example.com"}]
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}
  /owners:
    get:
      operationId: listOwners
      tags: [owners]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Owner"}}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        born: {type: string, format: date}
    Owner:
      type: object
      properties:
        pets: {type: array, items: {$ref: "#/components/schemas/Pet"}}
        address: {$ref: "#/components/schemas/Address"}
    Address:
      type: object
      properties:
        city: {type: string}
"##;

/// A fresh folder of its own for a test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sdksmith-project-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("folder");
    }
    fs::write(path, text).expect("write");
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn generate(config: &Path) -> sdksmith::project::Written {
    let project = Project::load(config).unwrap_or_else(|e| panic!("{e}"));
    let plan = project.plan().unwrap_or_else(|d| panic!("{d:?}"));
    plan.write().unwrap_or_else(|d| panic!("{d:?}"))
}

#[test]
fn regeneration_keeps_what_the_owner_wrote_and_refreshes_what_it_generated() {
    let dir = scratch("owner");
    write(&dir.join("api.yaml"), DOCUMENT);
    let config = dir.join("sdksmith.toml");
    write(
        &config,
        "document = \"api.yaml\"\noutput = \"pets\"\nmodules = [\"extras\"]\n\n[package]\nname = \"pets\"\n",
    );
    write(&dir.join("pets/src/extras.rs"), "//! Mine.\n\n/// Mine too.\npub fn mine() {}\n");
    let first = generate(&config);
    assert!(first.written.contains(&"Cargo.toml".to_owned()) && first.written.contains(&"src/lib.rs".to_owned()));
    let manifest = read(&dir.join("pets/Cargo.toml"));
    assert!(manifest.contains("name = \"pets\"") && manifest.contains("chrono = "), "{manifest}");

    // The owner bumps the version, adds a dev-dependency, a README and a hand-written file.
    let owned = manifest.replace("version = \"0.1.0\"", "version = \"3.1.4\"")
        + "\n[dev-dependencies]\n# For my tests.\ntokio = { version = \"1\", features = [\"full\"] }\n";
    write(&dir.join("pets/Cargo.toml"), &owned);
    write(&dir.join("pets/README.md"), "# Pets\n\nMy words.\n");
    write(&dir.join("pets/src/notes.txt"), "not Rust, not generated\n");
    // Generated, but by another tool: the owner's as much as a file they wrote.
    let diesel = "// @generated automatically by Diesel CLI.\n\ndiesel::table! {}\n";
    write(&dir.join("pets/src/schema.rs"), diesel);
    // The document gains a field; generated files go stale.
    write(
        &dir.join("api.yaml"),
        &DOCUMENT.replace(
            "        born: {type: string, format: date}",
            "        born: {type: string, format: date}\n        weight: {type: number}",
        ),
    );

    let second = generate(&config);
    assert!(second.written.contains(&"src/types.rs".to_owned()), "{second:?}");
    let manifest = read(&dir.join("pets/Cargo.toml"));
    assert!(manifest.contains("version = \"3.1.4\""), "{manifest}");
    assert!(manifest.contains("# For my tests.\ntokio = { version = \"1\", features = [\"full\"] }"), "{manifest}");
    assert_eq!(read(&dir.join("pets/README.md")), "# Pets\n\nMy words.\n");
    assert_eq!(read(&dir.join("pets/src/extras.rs")), "//! Mine.\n\n/// Mine too.\npub fn mine() {}\n");
    assert_eq!(read(&dir.join("pets/src/notes.txt")), "not Rust, not generated\n");
    assert_eq!(read(&dir.join("pets/src/schema.rs")), diesel);
    assert!(read(&dir.join("pets/src/types.rs")).contains("pub weight: Option<f64>"));
    assert!(read(&dir.join("pets/src/lib.rs")).contains("pub mod extras;"));
    // Fresh now: the check finds nothing, and a second run writes nothing.
    let project = Project::load(&config).expect("config");
    assert_eq!(project.plan().expect("plan").check(), "");
    assert!(generate(&config).written.is_empty());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_file_of_the_owner_where_a_generated_one_goes_stops_the_run_before_anything_is_written() {
    let dir = scratch("blocked");
    write(&dir.join("api.yaml"), DOCUMENT);
    let config = dir.join("sdksmith.toml");
    write(&config, "document = \"api.yaml\"\n[package]\nname = \"pets\"\n");
    write(&dir.join("src/types.rs"), "// my own types\n");
    let project = Project::load(&config).expect("config");
    let errors = project.plan().expect("plan").write().expect_err("refuses");
    assert!(errors[0].to_string().contains("types.rs") && errors[0].message.contains("not generated"), "{errors:?}");
    assert_eq!(read(&dir.join("src/types.rs")), "// my own types\n");
    assert!(!dir.join("Cargo.toml").exists(), "nothing written");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_generated_file_no_longer_generated_is_removed_and_only_that() {
    let dir = scratch("stale");
    write(&dir.join("api.yaml"), DOCUMENT);
    let config = dir.join("sdksmith.toml");
    write(&config, "document = \"api.yaml\"\n[package]\nname = \"pets\"\n");
    generate(&config);
    assert!(dir.join("src/operations/list_owners.rs").exists());
    write(&config, "document = \"api.yaml\"\n[package]\nname = \"pets\"\n[operations]\nexclude = [\"listOwners\"]\n");
    write(&dir.join("src/operations/mine.rs"), "// mine\n");
    let project = Project::load(&config).expect("config");
    let plan = project.plan().expect("plan");
    assert!(plan.check().contains("stale: "), "{}", plan.check());
    let written = plan.write().expect("writes");
    assert_eq!(written.removed, ["src/operations/list_owners.rs"]);
    assert!(dir.join("src/operations/mine.rs").exists());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn the_same_config_gives_the_same_bytes_from_any_folder() {
    let dir = scratch("folders");
    write(&dir.join("specs/api.yaml"), DOCUMENT);
    write(
        &dir.join("specs/sdksmith.toml"),
        "document = \"api.yaml\"\noutput = \"../sdk\"\n[package]\nname = \"pets\"\n",
    );
    let absolute = Project::load(&dir.join("specs/sdksmith.toml")).expect("config").plan().expect("plan");
    let roundabout = dir.join("specs/../specs/./sdksmith.toml");
    let other = Project::load(&roundabout).expect("config").plan().expect("plan");
    assert_eq!(absolute.files, other.files);
    for (path, text) in &absolute.files {
        assert!(!text.contains(&*dir.to_string_lossy()), "{path} names the machine's folder");
        if path.ends_with(".rs") {
            assert!(text.starts_with(GENERATED_MARKER), "{path}");
        }
    }
    // Headers name the document as the config does, and the command that regenerates.
    assert!(absolute.files["src/lib.rs"].starts_with("// @generated by sdksmith (`sdksmith generate`) from api.yaml."));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn selection_prunes_the_types_only_left_out_operations_use() {
    let dir = scratch("selection");
    write(&dir.join("api.yaml"), DOCUMENT);
    let config = dir.join("sdksmith.toml");
    write(&config, "document = \"api.yaml\"\n[package]\nname = \"pets\"\n[operations]\ninclude = [\"tag:pets\"]\n");
    let plan = Project::load(&config).expect("config").plan().expect("plan");
    let types: Vec<&str> = plan.model.types.iter().map(|t| t.name.as_str()).collect();
    let methods: Vec<&str> = plan.model.operations.iter().map(|o| o.method.as_str()).collect();
    assert_eq!((types, methods), (vec!["Pet"], vec!["list_pets"]));
    // A pattern that matches nothing is said.
    write(&config, "document = \"api.yaml\"\n[package]\nname = \"pets\"\n[operations]\nexclude = [\"GET /cats\"]\n");
    let plan = Project::load(&config).expect("config").plan().expect("plan");
    assert!(
        plan.warnings.iter().any(|w| w.message.contains("`GET /cats` matches no operation")),
        "{:?}",
        plan.warnings
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn renames_apply_and_one_that_cannot_is_said() {
    let dir = scratch("renames");
    write(&dir.join("api.yaml"), DOCUMENT);
    let config = dir.join("sdksmith.toml");
    write(
        &config,
        "document = \"api.yaml\"\n[package]\nname = \"pets\"\n[renames.types]\nPet = \"Animal\"\nOwner = \"Address\"\n\
         [renames.fields]\n\"Pet.born\" = \"birthday\"\n[renames.operations]\nlist_pets = \"pets\"\nlist_owners = \"builder\"\n",
    );
    let plan = Project::load(&config).expect("config").plan().expect("plan");
    let animal = plan.model.types.iter().find(|t| t.name == "Animal").expect("renamed type");
    let sdksmith::model::TypeBody::Struct(s) = &animal.body else { panic!("a struct") };
    assert!(s.fields.iter().any(|f| f.name == "birthday" && f.wire == "born"));
    assert!(plan.model.operations.iter().any(|o| o.method == "pets" && o.builder == "PetsBuilder"));
    let said: Vec<&str> = plan.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(said.iter().any(|m| m.contains("`Owner` to `Address`: another type has that name")), "{said:?}");
    assert!(said.iter().any(|m| m.contains("`list_owners` to `builder`: a method of the client")), "{said:?}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_document_with_more_tags_than_crates_io_allows_features_declares_at_most_300() {
    // Microsoft Graph has 418 tags.
    let mut document = String::from("openapi: 3.0.3\ninfo: {title: Graph, version: '1'}\npaths:\n");
    for i in 0..418 {
        document.push_str(&format!(
            "  /area{i}:\n    get:\n      operationId: get{i}\n      tags: [\"area{i}.items\"]\n      responses:\n        \"204\": {{description: ok}}\n"
        ));
    }
    let dir = scratch("tags");
    write(&dir.join("graph.yaml"), &document);
    let config = dir.join("sdksmith.toml");
    write(&config, "document = \"graph.yaml\"\n[package]\nname = \"graph\"\n[features]\nper-tag = true\n");
    let plan = Project::load(&config).expect("config").plan().expect("plan");
    let manifest: toml_edit::DocumentMut = plan.files["Cargo.toml"].parse().expect("toml");
    let declared = manifest["features"].as_table().expect("features");
    assert_eq!(declared.len(), 300, "at most crates.io's 300, grouped only as much as needed");
    // Every operation's gate is a declared feature, and `full` turns them all on.
    for op in &plan.model.operations {
        assert!(op.cfg.0.iter().all(|f| declared.contains_key(f)), "{} gated by {:?}", op.method, op.cfg.0);
    }
    let full = declared["full"].as_array().expect("full");
    assert_eq!(full.len(), declared.len() - 6, "every part: all but default, tracing, mock, the TLS pair and itself");
    let _ = fs::remove_dir_all(&dir);
}
