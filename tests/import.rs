//! `kyoten import wamnet`: both encodings read the same; rows that cannot be used
//! are reported with their line; a re-import updates imported fields and keeps
//! what staff added by hand.

mod common;

use common::{kyoten, repo};
use std::path::Path;

fn new_site(dir: &Path) -> std::path::PathBuf {
    let site = dir.join("site");
    let out = kyoten(&["new", site.to_str().unwrap(), "--municipality", "122327"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    site
}

/// `kyoten import wamnet <csv> --municipality 122327 --into <site>/data`.
fn run_import(site: &Path, csv: &Path) -> std::process::Output {
    let data = site.join("data");
    kyoten(&["import", "wamnet", csv.to_str().unwrap(), "--municipality", "122327", "--into", data.to_str().unwrap()])
}

fn import(site: &Path, fixture: &str) -> String {
    let out = run_import(site, &repo().join("tests/fixtures").join(fixture));
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{err}");
    err
}

fn providers(site: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(site.join("data/municipalities/122327.yaml")).unwrap();
    let doc: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    doc["providers"].clone()
}

#[test]
fn both_encodings_import_the_same_providers() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (new_site(&dir.path().join("a")), new_site(&dir.path().join("b")));
    let report_utf8 = import(&a, "wamnet-utf8.csv");
    let report_sjis = import(&b, "wamnet-sjis.csv");
    assert!(report_utf8.contains("(Utf8)") && report_sjis.contains("(ShiftJis)"));
    let (pa, pb) = (providers(&a), providers(&b));
    assert_eq!(pa.as_array().unwrap().len(), 2, "{pa:#}");
    // The fixtures differ only in one phone number.
    assert_eq!(pa[0]["name"], "サンプル短期入所しろい");
    assert_eq!(pa[0]["wam_number"], "0012200011", "leading zeros kept");
    assert_eq!(pa[0]["services"], serde_json::json!(["short_stay", "group_home"]), "two rows, one provider");
    assert_eq!(pa[0]["phone"], "000-0000-1001");
    // 定員 is imported as a number; the fixture's 法人番号 1234567890123 fails its check
    // digit and is left out rather than written where check would refuse it.
    assert_eq!(pa[0]["capacity"], 10);
    assert!(pa[0].get("corporate_number").is_none(), "{:#}", pa[0]);
    assert_eq!(pb[0]["phone"], "000-0000-1999");
    assert_eq!(pa[1], pb[1]);
    for report in [&report_utf8, &report_sjis] {
        assert!(report.contains(".csv:6: cannot place") && report.contains("架空県どこか市"), "{report}");
        assert!(report.contains(".csv:7: サービス種別 \"放課後等デイサービス\""), "{report}");
        assert!(report.contains(".csv:8: 28 columns"), "{report}");
        assert!(report.contains("1 row(s) for other municipalities"), "{report}");
    }
    // Without a 拠点 function an imported provider is kept but not published.
    let out = kyoten(&["build", "--root", a.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has no 拠点 function yet"));
    assert!(!a.join("public/p/wam-0012200011/index.html").exists());
}

#[test]
fn a_reimport_updates_imported_fields_and_keeps_hand_added_ones() {
    let dir = tempfile::tempdir().unwrap();
    let site = new_site(dir.path());
    import(&site, "wamnet-utf8.csv");
    let file = site.join("data/municipalities/122327.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    // Staff give the first provider a role, a note and a service the CSV does not list.
    let edited = text
        .replacen(
            "    functions: []\n",
            "    functions: [\"emergency\"]\n    description: \"夜間も受け入れます（手で追加）\"\n    accepts: [\"intellectual\"]\n",
            1,
        )
        .replacen("services: [\"short_stay\", \"group_home\"]", "services: [\"short_stay\", \"group_home\", \"core_consultation\"]", 1);
    assert_ne!(edited, text);
    std::fs::write(&file, edited).unwrap();

    let report = import(&site, "wamnet-sjis.csv");
    assert!(report.contains("0 provider(s) added, 1 updated"), "{report}");
    let p = providers(&site);
    assert_eq!(p.as_array().unwrap().len(), 2);
    assert_eq!(p[0]["phone"], "000-0000-1999", "imported field updated");
    assert_eq!(p[0]["functions"], serde_json::json!(["emergency"]), "hand-added function kept");
    assert_eq!(p[0]["description"], "夜間も受け入れます（手で追加）");
    assert_eq!(p[0]["accepts"], serde_json::json!(["intellectual"]));
    assert_eq!(p[0]["services"], serde_json::json!(["short_stay", "group_home", "core_consultation"]));
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(
        after.contains("#         functions: [emergency]\nreviews: []\n# roadmap:"),
        "the rest of the file is untouched"
    );

    // Now with a function it is published, phone and all.
    let out = kyoten(&["build", "--root", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::fs::read_to_string(site.join("public/p/wam-0012200011/index.html")).unwrap();
    assert!(page.contains("サンプル短期入所しろい") && page.contains("000-0000-1999"));
}

#[test]
fn a_file_that_is_not_the_open_data_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let site = new_site(dir.path());
    let csv = dir.path().join("other.csv");
    std::fs::write(&csv, "a,b,c\n1,2,3\n").unwrap();
    let before = std::fs::read_to_string(site.join("data/municipalities/122327.yaml")).unwrap();
    let out = run_import(&site, &csv);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("other.csv:1: the header is not the 29 columns"));
    assert_eq!(std::fs::read_to_string(site.join("data/municipalities/122327.yaml")).unwrap(), before);
}
