//! `kyoten new`: the site it makes checks with no diagnostic and builds at once.

mod common;

use common::kyoten;

fn no_diagnostics(root: &std::path::Path) {
    let out = kyoten(&["check", "--root", root.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]", "check printed diagnostics");
}

#[test]
fn a_new_site_for_one_municipality_builds_clean() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("shiroi");
    let out = kyoten(&["new", site.to_str().unwrap(), "--municipality", "122327"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!site.join("themes").exists(), "the theme stays built into the binary");
    let file = std::fs::read_to_string(site.join("data/municipalities/122327.yaml")).unwrap();
    assert!(file.starts_with("# yaml-language-server: $schema=../schema/municipality.schema.json\n"));
    no_diagnostics(&site);

    let out = kyoten(&["build", "--root", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("built "), "no warnings, just the summary");
    let page = std::fs::read_to_string(site.join("public/m/122327/index.html")).unwrap();
    assert!(page.contains("白井市") && page.contains("サンプル"));
    assert!(std::fs::read_to_string(site.join("public/guide/komatta/index.html")).unwrap().contains("119"));
    assert!(site.join("public/static/style.css").exists(), "built-in theme assets copied");

    // The scaffold validates against its own schema.
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("data/schema/municipality.schema.json")).unwrap())
            .unwrap();
    let doc: serde_json::Value = serde_saphyr::from_str(&file).unwrap();
    assert!(jsonschema::draft7::new(&schema).unwrap().is_valid(&doc));

    // A second `new` into the same folder is refused and changes nothing.
    let out = kyoten(&["new", site.to_str().unwrap(), "--municipality", "132144"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
    assert!(!site.join("data/municipalities/132144.yaml").exists());
}

#[test]
fn a_new_site_for_a_prefecture_has_every_municipality() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("chiba");
    let out = kyoten(&["new", site.to_str().unwrap(), "--prefecture", "千葉県"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let count = std::fs::read_dir(site.join("data/municipalities")).unwrap().count();
    assert_eq!(count, 54, "千葉県 has 54 municipalities");
    assert!(std::fs::read_to_string(site.join("kyoten.yaml")).unwrap().contains("title: 千葉県の地域生活支援拠点等"));
    no_diagnostics(&site);
    let out = kyoten(&["build", "--root", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(site.join("public/m/122041/index.html").exists(), "船橋市");

    // A prefecture file with its fields commented: nothing shows until something is written.
    let pref_file = site.join("data/prefectures/12.yaml");
    let file = std::fs::read_to_string(&pref_file).unwrap();
    assert!(file.starts_with("# yaml-language-server: $schema=../schema/prefecture.schema.json\n"));
    let compare = std::fs::read_to_string(site.join("public/compare/12/index.html")).unwrap();
    assert!(!compare.contains("千葉県の取組"), "an empty record shows nothing");

    // Its commented examples, uncommented and given real codes, check clean, validate
    // against the schema and show on /compare/12/.
    let mut open = false;
    let filled: String = file
        .lines()
        .map(|l| {
            let key = ["# summary:", "# support:", "# areas:", "# contact:", "# figures:", "# sources:"]
                .iter()
                .any(|k| l.starts_with(k));
            open = key || (open && l.starts_with("#   "));
            let l = if open { &l[2..] } else { l };
            l.replace(r#"["000000", "000000"]"#, r#"["122041", "122203"]"#).replace("○○圏域", "東葛南部圏域") + "\n"
        })
        .collect();
    assert!(filled.contains("\nareas:\n") && filled.contains("\ncontact:\n"), "{filled}");
    std::fs::write(&pref_file, &filled).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("data/schema/prefecture.schema.json")).unwrap())
            .unwrap();
    let doc: serde_json::Value = serde_saphyr::from_str(&filled).unwrap();
    assert!(jsonschema::draft7::new(&schema).unwrap().is_valid(&doc));
    no_diagnostics(&site);
    let out = kyoten(&["build", "--root", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let compare = std::fs::read_to_string(site.join("public/compare/12/index.html")).unwrap();
    assert!(compare.contains("千葉県の取組"));
    assert!(compare.contains("東葛南部圏域") && compare.contains("コーディネーター研修"));
}

#[test]
fn wrong_codes_are_refused_with_the_likely_intended_one() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("x");
    for (args, expect) in [
        (vec!["--municipality", "122328"], "\"122327\" (千葉県白井市)"),
        (vec!["--municipality", "12232"], "six digits"),
        (vec!["--municipality", "141011"], "ward"),
        (vec!["--prefecture", "千葉"], "did you mean \"千葉県\""),
        (vec![], "--municipality"),
    ] {
        let mut full = vec!["new", site.to_str().unwrap()];
        full.extend(args);
        let out = kyoten(&full);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expect), "{expect:?} not in {err}");
        assert!(!site.exists(), "nothing written on error");
    }
}
