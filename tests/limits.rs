//! Issue 7, resource limits: input built to exhaust memory, stack or time ends in
//! a clear error naming the file, or in a finished build — never a crash. (The
//! YAML alias bomb is in bad_input.rs; peak memory figures are in the benchmark.)

mod common;

use std::path::Path;

const MUNI: &str = "data/municipalities/132144.yaml";

/// `kyoten check` on the site: (exit success, stderr).
fn check(root: &Path) -> (bool, String) {
    let out = common::kyoten(&["check", "--root", root.to_str().unwrap()]);
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn header() -> String {
    common::VALID_MUNICIPALITY.split("providers:").next().unwrap().to_string()
}

#[test]
fn deeply_nested_yaml_is_an_error_not_a_stack_overflow() {
    for (name, body) in [
        ("flow sequences", format!("providers: {}{}\n", "[".repeat(200_000), "]".repeat(200_000))),
        ("flow mappings", format!("summary: {}1{}\n", "{a: ".repeat(100_000), "}".repeat(100_000))),
        ("block mappings", (0..2000).map(|i| format!("{}a{i}:\n", " ".repeat(i))).collect::<String>()),
    ] {
        let site = common::scratch_site();
        std::fs::write(site.path().join(MUNI), format!("{}{body}", header())).unwrap();
        let (ok, err) = check(site.path());
        assert!(!ok, "{name}: accepted");
        // Whichever the parser meets first (nesting limit or a type error), it is
        // reported with the file and line.
        assert!(err.contains(&format!("{MUNI}:")) && err.contains(": error: "), "{name}: {err:.600}");
        // The quoted source line is cut to a window, not 200,000 brackets.
        let quoted = err.lines().filter(|l| l.contains(" | "));
        assert!(quoted.into_iter().all(|l| l.chars().count() < 200), "{name}: an overlong line was quoted");
    }
}

#[test]
fn a_fifty_megabyte_file_is_refused_by_size() {
    let site = common::scratch_site();
    let line = "# 50 MB のコメント行で埋めたファイル\n";
    let big = format!("{}{}", common::VALID_MUNICIPALITY, line.repeat(50 * 1024 * 1024 / line.len()));
    assert!(big.len() >= 50 * 1024 * 1024 - line.len());
    std::fs::write(site.path().join(MUNI), big).unwrap();
    let (ok, err) = check(site.path());
    assert!(!ok);
    assert!(err.contains(MUNI) && err.contains("more than the 8388608 allowed"), "{err:.600}");
}

/// A million providers in one file is far past the per-file limit (it is about
/// 60 MB); the most a file can hold ends in the YAML parser's value budget.
#[test]
fn a_million_providers_end_in_a_clear_error() {
    let site = common::scratch_site();
    let mut text = header();
    text.push_str("providers:\n");
    let mut i = 0;
    while text.len() < 8 * 1024 * 1024 - 200 {
        text.push_str(&format!("  - {{id: p{i}, name: 事業所{i}, services: [short_stay], functions: [emergency]}}\n"));
        i += 1;
    }
    std::fs::write(site.path().join(MUNI), &text).unwrap();
    let (ok, err) = check(site.path());
    assert!(!ok, "{i} providers");
    assert!(err.contains("250,000 values") && err.contains("7,000"), "{i} providers: {err:.800}");

    let million: String = (0..1_000_000).map(|i| format!("  - {{id: p{i}, name: 事業所{i}}}\n")).collect();
    std::fs::write(site.path().join(MUNI), format!("{}providers:\n{million}", header())).unwrap();
    let (ok, err) = check(site.path());
    assert!(!ok);
    assert!(err.contains("allowed") && err.contains("split it"), "{err:.600}");
}

#[test]
fn deeply_nested_markdown_builds() {
    let site = common::scratch_site();
    let body = format!(
        "{}\n\n{} 深い引用\n\n{}\n{}\n",
        common::VALID_CASE,
        ">".repeat(50_000),
        (0..1500).map(|i| format!("{}- 項目{i}\n", "  ".repeat(i))).collect::<String>(),
        "[a](".repeat(50_000)
    );
    std::fs::write(site.path().join("content/cases/good.md"), body).unwrap();
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let run = common::kyoten(&["build", "--root", site.path().to_str().unwrap(), "--output", public.to_str().unwrap()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let page = std::fs::read_to_string(public.join("cases/good/index.html")).unwrap();
    assert!(page.contains("深い引用") && page.contains("項目1499"));
    assert!(page.matches("<blockquote").count() <= kyoten::markdown::MAX_DEPTH);
}
