//! `kyoten schema`: the schemas accept every data file of the example site,
//! reject what the checker rejects, and the committed copies are current.

mod common;

use common::{kyoten, repo};
use serde_json::Value;
use std::path::Path;

fn schemas() -> (tempfile::TempDir, impl Fn(&str) -> jsonschema::Validator) {
    let dir = tempfile::tempdir().unwrap();
    let out = kyoten(&["schema", "--root", dir.path().to_str().unwrap(), "--out", "s"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let folder = dir.path().join("s");
    let load = move |name: &str| {
        let text = std::fs::read_to_string(folder.join(name)).unwrap();
        let schema: Value = serde_json::from_str(&text).unwrap();
        jsonschema::draft7::new(&schema).unwrap_or_else(|e| panic!("{name} is not a valid schema: {e}"))
    };
    (dir, load)
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap()
}

fn front_matter(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let rest = text.strip_prefix("---\n").unwrap_or_else(|| panic!("{}: no front matter", path.display()));
    let end = rest.find("\n---").unwrap();
    yaml(&rest[..end])
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn the_example_site_validates() {
    let (_dir, load) = schemas();
    let municipality = load("municipality.schema.json");
    let mut count = 0;
    for entry in std::fs::read_dir(repo().join("data/municipalities")).unwrap() {
        let path = entry.unwrap().path();
        assert_valid(&municipality, &yaml(&std::fs::read_to_string(&path).unwrap()), &path.display().to_string());
        count += 1;
    }
    assert!(count >= 4);
    for (file, schema) in [
        ("kyoten.yaml", "config.schema.json"),
        ("data/practices.yaml", "practices.schema.json"),
        ("data/national.yaml", "national.schema.json"),
        ("data/accessibility-results.yaml", "accessibility-results.schema.json"),
        ("data/incentives.yaml", "incentives.schema.json"),
        ("data/synonyms.yaml", "synonyms.schema.json"),
    ] {
        assert_valid(&load(schema), &yaml(&std::fs::read_to_string(repo().join(file)).unwrap()), file);
    }
    let prefecture = load("prefecture.schema.json");
    for entry in std::fs::read_dir(repo().join("data/prefectures")).unwrap() {
        let path = entry.unwrap().path();
        assert_valid(&prefecture, &yaml(&std::fs::read_to_string(&path).unwrap()), &path.display().to_string());
    }
    for (folder, schema) in [("content/cases", "case.schema.json"), ("content/guide", "page.schema.json")] {
        let v = load(schema);
        for entry in std::fs::read_dir(repo().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            assert_valid(&v, &front_matter(&path), &path.display().to_string());
        }
    }
}

#[test]
fn the_schema_rejects_what_the_checker_rejects() {
    let (_dir, load) = schemas();
    let v = load("municipality.schema.json");
    let good = yaml(common::VALID_MUNICIPALITY);
    assert_valid(&v, &good, "valid municipality");
    for (from, to, why) in [
        ("id: emergency", "id: emergncy", "unknown function"),
        ("status: established", "status: done", "unknown status"),
        ("code: \"132144\"", "code: \"13214\"", "five-digit code"),
        ("services: [short_stay]", "services: [shortstay]", "unknown service"),
        ("    name: テスト短期入所", "    nmae: テスト短期入所", "misspelt field"),
        ("phone: \"000-0000-0000\"", "phone: \"call us\"", "phone that cannot be dialled"),
    ] {
        assert!(common::VALID_MUNICIPALITY.contains(from), "{from}");
        let bad = yaml(&common::VALID_MUNICIPALITY.replacen(from, to, 1));
        assert!(!v.is_valid(&bad), "{why} passed the schema");
    }
    let with_url = "    phone: \"000-0000-0001\"\n    url: javascript:alert(1)\n";
    let bad_url = yaml(&common::VALID_MUNICIPALITY.replacen("    phone: \"000-0000-0001\"\n", with_url, 1));
    assert!(!v.is_valid(&bad_url), "javascript: URL passed the schema");
}

#[test]
fn the_committed_schemas_are_current() {
    let (dir, _) = schemas();
    for (name, _) in kyoten::schema::all() {
        let fresh = std::fs::read_to_string(dir.path().join("s").join(name)).unwrap();
        let committed = std::fs::read_to_string(repo().join(kyoten::schema::DEFAULT_DIR).join(name))
            .unwrap_or_else(|_| panic!("{name} missing; run `kyoten schema`"));
        assert_eq!(fresh, committed, "{name} is out of date; run `kyoten schema`");
    }
}
