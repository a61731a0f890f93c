//! Malformed input: each yields a diagnostic naming file and line, exit 1, no
//! panic, and the previous output left exactly as it was.

mod common;

use common::*;
use std::path::Path;

struct Bad {
    name: &'static str,
    file: &'static str,
    content: Vec<u8>,
    line: usize,
    expect: &'static [&'static str],
}

fn m(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

fn valid_with(from: &str, to: &str) -> Vec<u8> {
    assert!(VALID_MUNICIPALITY.contains(from), "fixture lacks {from:?}");
    VALID_MUNICIPALITY.replacen(from, to, 1).into_bytes()
}

const MUNI: &str = "data/municipalities/132144.yaml";
const CASE: &str = "content/cases/good.md";

fn cases() -> Vec<Bad> {
    vec![
        Bad {
            name: "invalid YAML syntax",
            file: MUNI,
            content: valid_with("status: established", "status: [established"),
            line: 2,
            expect: &[],
        },
        Bad {
            name: "tab indentation",
            file: MUNI,
            content: valid_with("  name: テスト窓口", "\tname: テスト窓口"),
            line: 5,
            expect: &["tab"],
        },
        Bad {
            name: "wrong type",
            file: MUNI,
            content: valid_with("sample: true\n", "sample: maybe\n"),
            line: 0,
            expect: &[],
        },
        Bad {
            name: "duplicate key",
            file: MUNI,
            content: valid_with("type: area_network", "type: area_network\ntype: combined"),
            line: 4,
            expect: &["duplicate"],
        },
        Bad {
            name: "unknown function id",
            file: MUNI,
            content: valid_with("  - id: emergency", "  - id: emergncy"),
            line: 10,
            expect: &["unknown function", "did you mean \"emergency\""],
        },
        Bad {
            name: "wrong check digit",
            file: MUNI,
            content: valid_with("code: \"132144\"", "code: \"132145\""),
            line: 1,
            expect: &["check digit", "132144", "国分寺市"],
        },
        Bad {
            name: "code not in gazetteer",
            file: MUNI,
            content: valid_with("code: \"132144\"", "code: \"999997\""),
            line: 1,
            expect: &["not in the gazetteer"],
        },
        Bad {
            name: "duplicate provider id",
            file: MUNI,
            content: valid_with(
                "last_verified:",
                "  - id: test-shortstay\n    name: 二つ目\n    services: [group_home]\n    functions: [experience]\nlast_verified:",
            ),
            line: 21,
            expect: &["used twice"],
        },
        Bad {
            name: "provider with unknown function",
            file: MUNI,
            content: valid_with("    functions: [emergency]", "    functions: [emergency, respite]"),
            line: 16,
            expect: &["unknown function \"respite\""],
        },
        Bad {
            name: "missing required field",
            file: MUNI,
            content: valid_with("status: established\n", ""),
            line: 0,
            expect: &["missing field `status`"],
        },
        Bad {
            name: "impossible date",
            file: MUNI,
            content: valid_with("last_verified: 2026-01-10", "last_verified: 2023-02-30"),
            line: 21,
            expect: &["invalid date", "day 30"],
        },
        Bad {
            name: "coordinates outside Japan",
            file: MUNI,
            content: valid_with("{ lat: 35.71, lon: 139.46 }", "{ lat: 139.46, lon: 35.71 }"),
            line: 18,
            expect: &["outside Japan", "swapped"],
        },
        Bad {
            name: "non-UTF-8 bytes",
            file: MUNI,
            content: [b"code: \"132144\"\nstatus: \x93\xfa\x96\x7b\n".as_slice()].concat(),
            line: 2,
            expect: &["UTF-8"],
        },
        Bad { name: "empty file", file: MUNI, content: m("   \n"), line: 1, expect: &["empty"] },
        Bad {
            name: "YAML alias bomb",
            file: MUNI,
            content: m(
                "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n",
            ),
            line: 0,
            expect: &[],
        },
        Bad {
            name: "front matter never closes",
            file: CASE,
            content: m("---\ntitle: x\nprefecture: 東京都\n本文\n"),
            line: 1,
            expect: &["never closes"],
        },
        Bad {
            name: "unknown field",
            file: MUNI,
            content: valid_with("status: established", "stauts: established"),
            line: 2,
            expect: &["stauts"],
        },
        Bad {
            name: "unknown service kind",
            file: MUNI,
            content: valid_with("services: [short_stay]", "services: [shortstay]"),
            line: 15,
            expect: &["unknown service kind", "short_stay"],
        },
        Bad {
            name: "javascript URL",
            file: MUNI,
            content: valid_with(
                "    sample: true\nlast_verified",
                "    url: javascript:alert(1)\n    sample: true\nlast_verified",
            ),
            line: 20,
            expect: &["not allowed"],
        },
        Bad {
            name: "unknown prefecture",
            file: CASE,
            content: m("---\ntitle: x\nprefecture: 東京\nsummary: s\nsource:\n  title: t\n---\n"),
            line: 3,
            expect: &["unknown prefecture", "東京都"],
        },
        Bad {
            name: "bad phone number",
            file: MUNI,
            content: valid_with("phone: \"000-0000-0001\"", "phone: \"call us\""),
            line: 19,
            expect: &["phone"],
        },
        Bad {
            name: "unknown status",
            file: MUNI,
            content: valid_with("status: established", "status: done"),
            line: 2,
            expect: &["unknown status"],
        },
        Bad {
            name: "era year that does not exist",
            file: MUNI,
            content: valid_with("last_verified: 2026-01-10", "last_verified: 平成32年4月"),
            line: 21,
            expect: &["平成32年", "令和2年"],
        },
        Bad {
            name: "unknown 事前登録 status",
            file: MUNI,
            content: valid_with(
                "functions:\n",
                "pre_registration:\n  status: availible\n  apply_at: 窓口\nfunctions:\n",
            ),
            line: 10,
            expect: &["availible", "did you mean", "available"],
        },
        Bad {
            name: "unknown thing 事前登録 gives",
            file: MUNI,
            content: valid_with(
                "functions:\n",
                "pre_registration:\n  status: available\n  apply_at: 窓口\n  gives: [info_sharing, priority_placment]\nfunctions:\n",
            ),
            line: 12,
            expect: &["priority_placment", "priority_placement"],
        },
        Bad {
            name: "unknown status of the steps after a call",
            file: MUNI,
            content: valid_with("functions:\n", "after_call:\n  status: sett\nfunctions:\n"),
            line: 10,
            expect: &["sett", "set"],
        },
        Bad {
            name: "a ward that is not the city's",
            file: MUNI,
            content: valid_with(
                "functions:\n",
                "contacts:\n  - { name: 区の窓口, ward: 北区, hours: weekday_daytime }\nfunctions:\n",
            ),
            line: 10,
            expect: &["北区", "国分寺市 has no wards", "圏域"],
        },
        Bad {
            name: "unknown contact hours",
            file: MUNI,
            content: valid_with("functions:\n", "contacts:\n  - name: 窓口\n    hours: alway\nfunctions:\n"),
            line: 11,
            expect: &["alway", "did you mean", "always"],
        },
        Bad {
            name: "a time that is not a time",
            file: MUNI,
            content: valid_with(
                "functions:\n",
                "contacts:\n  - name: 窓口\n    times:\n      - { days: [weekdays], from: \"9時\", to: \"17:00\" }\nfunctions:\n",
            ),
            line: 12,
            expect: &["9時", "HH:MM"],
        },
        Bad {
            name: "a window that never answers",
            file: MUNI,
            content: valid_with(
                "functions:\n",
                "contacts:\n  - name: 窓口\n    times:\n      - { days: [weekdays], from: \"09:00\", to: \"09:00\" }\nfunctions:\n",
            ),
            line: 12,
            expect: &["never answers", "24:00"],
        },
        Bad {
            name: "a window without days",
            file: MUNI,
            content: valid_with(
                "functions:\n",
                "contacts:\n  - name: 窓口\n    times:\n      - { from: \"09:00\", to: \"17:00\" }\nfunctions:\n",
            ),
            line: 12,
            expect: &["no days", "weekdays"],
        },
        Bad {
            name: "hours and times both",
            file: MUNI,
            content: valid_with(
                "functions:\n",
                "contacts:\n  - name: 窓口\n    hours: always\n    times:\n      - { days: [holidays], from: \"09:00\", to: \"17:00\" }\nfunctions:\n",
            ),
            line: 11,
            expect: &["both", "not both"],
        },
        Bad {
            name: "unknown preparation item",
            file: MUNI,
            content: valid_with("functions:\n", "preparation:\n  - item: evacuation\n    where: 窓口\nfunctions:\n"),
            line: 10,
            expect: &["evacuation", "evacuation_plan"],
        },
        Bad {
            name: "a misspelt prefecture in a joint meeting",
            file: CASE,
            content: m(
                "---\ntitle: テスト事例\nprefecture: 東京都\nmeeting: 東京都・神奈川件\nstatus: established\nsummary: テスト\nsource:\n  title: テスト資料\n---\n本文\n",
            ),
            line: 4,
            expect: &["神奈川件", "神奈川県"],
        },
        Bad {
            name: "a 法人番号 with a wrong check digit",
            file: MUNI,
            content: valid_with(
                "    phone: \"000-0000-0001\"\n",
                "    phone: \"000-0000-0001\"\n    corporate_number: \"6000012050002\"\n",
            ),
            line: 20,
            expect: &["法人番号", "check digit", "国税庁"],
        },
        Bad {
            name: "an accessibility check the statement does not know",
            file: "data/accessibility-results.yaml",
            content: m("tested_on: 2026-11-30\npages: 12\nresults:\n  - check: axee\n    pages: 12\n    failures: 0\n"),
            line: 4,
            expect: &["accessibility check", "axee", "\"axe\""],
        },
        Bad {
            name: "a test date that is not a date",
            file: "data/accessibility-results.yaml",
            content: m("tested_on: 2026-13-40\npages: 12\nresults: []\n"),
            line: 1,
            expect: &["invalid date", "2026-13-40"],
        },
        Bad {
            name: "missing front matter",
            file: "content/guide/oops.md",
            content: m("# 見出し\n本文\n"),
            line: 1,
            expect: &["front matter"],
        },
    ]
}

fn build(root: &Path, out: &Path) -> std::process::Output {
    kyoten(&["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap()])
}

#[test]
fn every_malformed_file_is_reported_and_the_last_good_output_stays() {
    let all = cases();
    assert!(all.len() >= 20);
    let site = scratch_site();
    let root = site.path();
    let out = root.join("public");
    let first = build(root, &out);
    assert!(first.status.success(), "valid fixture must build: {}", String::from_utf8_lossy(&first.stderr));
    let good = snapshot(&out);
    assert!(good.iter().any(|(p, _)| p.ends_with("m/132144/index.html")));

    for bad in all {
        let path = root.join(bad.file);
        let original = std::fs::read(&path).ok();
        std::fs::write(&path, &bad.content).unwrap();
        for args in [vec!["check", "--root", root.to_str().unwrap()], vec![]] {
            let o = if args.is_empty() { build(root, &out) } else { kyoten(&args) };
            let stderr = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(1), "{}: expected exit 1, got {:?}\n{stderr}", bad.name, o.status);
            assert!(!stderr.contains("panicked"), "{}: panic\n{stderr}", bad.name);
            let located = if bad.line > 0 { format!("{}:{}:", bad.file, bad.line) } else { format!("{}:", bad.file) };
            assert!(stderr.contains(&located), "{}: expected {located} in\n{stderr}", bad.name);
            assert!(stderr.contains(": error: "), "{}: no error line\n{stderr}", bad.name);
            for e in bad.expect {
                assert!(stderr.contains(e), "{}: expected {e:?} in\n{stderr}", bad.name);
            }
        }
        assert!(snapshot(&out) == good, "{}: the previous output changed", bad.name);
        assert!(!root.join(".public.old").exists(), "{}: temporary folder left behind", bad.name);
        match original {
            Some(o) => std::fs::write(&path, o).unwrap(),
            None => std::fs::remove_file(&path).unwrap(),
        }
    }
}

#[test]
fn all_problems_are_reported_in_one_run() {
    let site = scratch_site();
    let root = site.path();
    let bad = VALID_MUNICIPALITY
        .replacen("  - id: emergency", "  - id: emergncy", 1)
        .replacen("services: [short_stay]", "services: [shortstay]", 1)
        .replacen("last_verified: 2026-01-10", "last_verified: 2026-13-01", 1);
    std::fs::write(root.join("data/municipalities/132144.yaml"), bad).unwrap();
    std::fs::write(
        root.join("content/cases/good.md"),
        "---\ntitle: x\nprefecture: 東京\nsummary: s\nsource:\n  title: t\n---\n",
    )
    .unwrap();
    let o = kyoten(&["check", "--root", root.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr.matches(": error: ").count(), 4, "{stderr}");
    assert!(stderr.contains("4 error(s)"), "{stderr}");
}

#[test]
fn the_offending_line_is_quoted_with_a_hint() {
    let site = scratch_site();
    let root = site.path();
    std::fs::write(root.join("data/municipalities/132144.yaml"), valid_with("  - id: emergency", "  - id: emergncy"))
        .unwrap();
    let o = kyoten(&["check", "--root", root.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("data/municipalities/132144.yaml:10:9: error: unknown function \"emergncy\""), "{stderr}");
    assert!(stderr.contains("10 |   - id: emergncy"), "{stderr}");
    assert!(stderr.contains("= hint: did you mean \"emergency\""), "{stderr}");
}

#[test]
fn a_clean_site_checks_with_exit_zero() {
    let site = scratch_site();
    let o = kyoten(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_broken_site_template_names_its_file_and_line() {
    let site = scratch_site();
    let root = site.path();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/404.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock content %}\n",
    )
    .unwrap();
    let o = kyoten(&["build", "--root", root.to_str().unwrap(), "--output", root.join("public").to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("templates/404.html:3:"), "{stderr}");
    assert!(!root.join("public").exists(), "nothing may be written on failure");
}

#[test]
fn a_site_template_overrides_the_theme() {
    let site = scratch_site();
    let root = site.path();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/404.html"),
        "{% extends \"base.html\" %}\n{% block content %}<h1>独自の404ページ</h1>{% endblock content %}\n",
    )
    .unwrap();
    let out = root.join("public");
    let o = kyoten(&["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read_to_string(out.join("404.html")).unwrap().contains("独自の404ページ"));
}

#[test]
fn check_warns_on_broken_markdown_links_overdue_reviews_and_speaks_json() {
    let site = scratch_site();
    let root = site.path();
    std::fs::write(
        root.join("content/guide/about.md"),
        "---\ntitle: について\n---\n[国分寺市](/m/132144/)と[事例](/cases/good/)。\n壊れたリンク：[ここ](/m/132145/)\n",
    )
    .unwrap();
    let o = kyoten(&["check", "--root", root.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "warnings only: {stderr}");
    assert!(stderr.contains("content/guide/about.md:5:"), "{stderr}");
    assert!(stderr.contains("link to \"/m/132145/\" goes nowhere"), "{stderr}");
    assert!(stderr.contains("did you mean \"/m/132144/\""), "{stderr}");
    assert!(
        !stderr.contains("\"/m/132144/\" goes nowhere") && !stderr.contains("/cases/good/\" goes nowhere"),
        "{stderr}"
    );
    assert!(stderr.contains("no 運用状況の検証及び検討 recorded"), "{stderr}");

    let o = kyoten(&["check", "--root", root.to_str().unwrap(), "--format", "json"]);
    let items: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    let link =
        items.as_array().unwrap().iter().find(|d| d["message"].as_str().unwrap().contains("goes nowhere")).unwrap();
    assert_eq!(link["path"], "content/guide/about.md");
    assert_eq!(link["line"], 5);
    assert_eq!(link["severity"], "warning");
}

#[test]
fn a_provider_id_used_in_two_files_is_an_error_in_the_later_one() {
    // Files are checked in parallel; the error still lands where a reader going
    // through the files in order would find the second use.
    let site = common::scratch_site();
    let root = site.path();
    common::write_small_boundaries(root, &["132144", "122327"], &["13", "12"]);
    let other = common::VALID_MUNICIPALITY.replace("code: \"132144\"", "code: \"122327\"");
    std::fs::write(root.join("data/municipalities/122327.yaml"), other).unwrap();
    let (site, diags) = kyoten::check_site(root);
    assert!(site.is_none());
    let errors: Vec<_> = diags.items.iter().filter(|d| d.message.contains("used twice")).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = errors[0];
    assert_eq!(e.path, Path::new("data/municipalities/132144.yaml"));
    let line = common::VALID_MUNICIPALITY.lines().position(|l| l.contains("id: test-shortstay")).unwrap() + 1;
    assert_eq!(e.line, line);
    assert!(e.hint.as_deref().unwrap_or("").contains("122327.yaml"), "{:?}", e.hint);
}

#[test]
fn pre_registration_without_a_way_to_apply_is_a_warning() {
    let site = scratch_site();
    let muni = site.path().join("data/municipalities/132144.yaml");
    let text = VALID_MUNICIPALITY.replacen(
        "functions:\n",
        "pre_registration:\n  status: available\n  steps: [窓口で申し込む]\nfunctions:\n",
        1,
    );
    std::fs::write(&muni, text).unwrap();
    let (checked, diags) = kyoten::check_site(site.path());
    assert!(checked.is_some());
    let messages: Vec<String> = diags.items.iter().map(|d| d.to_string()).collect();
    assert!(messages.iter().any(|m| m.contains(":10:") && m.contains("single step")), "{messages:?}");
    let text = VALID_MUNICIPALITY.replacen("functions:\n", "pre_registration:\n  status: available\nfunctions:\n", 1);
    std::fs::write(&muni, text).unwrap();
    let (_, diags) = kyoten::check_site(site.path());
    let messages: Vec<String> = diags.items.iter().map(|d| d.to_string()).collect();
    assert!(messages.iter().any(|m| m.contains(":10:") && m.contains("how to apply")), "{messages:?}");
}

#[test]
fn settled_steps_after_a_call_with_one_step_is_a_warning() {
    let site = scratch_site();
    let muni = site.path().join("data/municipalities/132144.yaml");
    let text = VALID_MUNICIPALITY.replacen(
        "functions:\n",
        "after_call:\n  status: set\n  steps:\n    - what: 電話を受ける\nfunctions:\n",
        1,
    );
    std::fs::write(&muni, text).unwrap();
    let (checked, diags) = kyoten::check_site(site.path());
    assert!(checked.is_some());
    let messages: Vec<String> = diags.items.iter().map(|d| d.to_string()).collect();
    assert!(messages.iter().any(|m| m.contains(":10:") && m.contains("1 step(s)")), "{messages:?}");
}
