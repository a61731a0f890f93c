//! How a prefecture follows up its municipalities (tests/fixtures/followup/): 整備状況
//! as the national survey counts it — 整備済, 整備予定 with its target 年度, その他・未定 —
//! with a target that has passed marked on the page, in /compare/ and in the CSVs.

mod common;

use kyoten::diagnostics::Severity;
use std::collections::HashMap;

fn build(dir: &std::path::Path) -> HashMap<String, String> {
    let (files, _) = kyoten::build_files(dir).unwrap_or_else(|d| panic!("builds: {:?}", d.items));
    files.into_iter().map(|f| (f.path, String::from_utf8_lossy(&f.bytes).into_owned())).collect()
}

/// The comparison table's row of a municipality, cell by cell.
fn cells(html: &str, code: &str) -> Vec<String> {
    let table = &html[html.find("id=compare-table").unwrap()..];
    let at = table.find(&format!("/m/{code}/")).unwrap();
    let row = &table[at..at + table[at..].find("</tr>").unwrap()];
    row.split("<td").skip(1).map(str::to_string).collect()
}

/// A CSV's header and the row starting with `code`, as maps of column to value.
fn csv_row(csv: &str, code: &str) -> HashMap<String, String> {
    let csv = csv.trim_start_matches('\u{feff}');
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let row = csv.lines().find(|l| l.starts_with(code)).unwrap_or_else(|| panic!("row {code}"));
    header.iter().map(|h| h.to_string()).zip(row.split(',').map(str::to_string)).collect()
}

#[test]
fn the_status_counts_as_the_national_survey_does_and_passed_targets_are_marked() {
    let dir = common::fixture_site("followup");
    let files = build(dir.path());
    let chiba = &files["compare/12/index.html"];
    let summary = &chiba[chiba.find("<dt>整備状況</dt>").unwrap()..];
    let summary = &summary[..summary.find("</dd>").unwrap()];
    assert!(summary.contains("整備済 1・整備予定 3・その他・未定 1"), "{summary}");
    assert!(summary.contains("目標の年度を過ぎた整備予定 2"), "{summary}");

    // 都道府県, 整備状況, …: the status cell names the target and whether it has passed.
    let choshi = cells(chiba, "122025");
    assert!(choshi[1].contains("整備予定") && choshi[1].contains("目標 令和4年度"), "{}", choshi[1]);
    assert!(choshi[1].contains("目標超過"), "{}", choshi[1]);
    let tateyama = cells(chiba, "122050");
    assert!(tateyama[1].contains("目標 令和10年度") && !tateyama[1].contains("超過"), "{}", tateyama[1]);
    let kisarazu = cells(chiba, "122068");
    assert!(kisarazu[1].contains("その他・未定") && !kisarazu[1].contains("目標"), "{}", kisarazu[1]);
    // A base not yet set up has nothing to review: no 途切れている for it.
    for code in ["122025", "122033", "122050", "122068"] {
        assert!(!cells(chiba, code).iter().any(|c| c.contains("途切れている")), "{code}");
    }
    // The chart draws the three statuses, each named in its legend.
    assert!(files["compare/index.html"].contains("bar-undecided"));
    assert!(files["compare/index.html"].contains("その他・未定（点線の枠）"));

    // The page says what is known: still 整備予定 when checked after the target, or
    // nothing known since the target passed.
    let page = |code: &str| {
        let html = &files[&format!("m/{code}/index.html")];
        let at = html.find("<dt>整備状況</dt>").unwrap();
        html[at..at + html[at..].find("</dd>").unwrap()].to_string()
    };
    assert!(page("122025").contains("目標の令和4年度を過ぎています。"), "{}", page("122025"));
    assert!(page("122025").contains("の時点でも整備予定のままでした"), "{}", page("122025"));
    assert!(page("122033").contains("まだ確かめていません"), "{}", page("122033"));
    assert!(!page("122050").contains("過ぎて"), "{}", page("122050"));

    // The CSVs: one date format, 和暦 beside it, 1/0.
    let compare = csv_row(&files["data/compare.csv"], "122025");
    assert_eq!(compare["整備状況"], "整備予定");
    assert_eq!(compare["目標年度"], "2022-04-01");
    assert_eq!(compare["目標年度（和暦）"], "令和4年度");
    assert_eq!(compare["目標超過"], "1");
    assert_eq!(compare["検証・検討が途切れている"], "0");
    let later = csv_row(&files["data/compare.csv"], "122050");
    assert_eq!((later["目標年度"].as_str(), later["目標超過"].as_str()), ("2028-04-01", "0"));
    let undecided = csv_row(&files["data/compare.csv"], "122068");
    assert_eq!((undecided["整備状況"].as_str(), undecided["目標年度"].as_str()), ("その他・未定", ""));
    let listed = csv_row(&files["data/municipalities.csv"], "122025");
    assert_eq!((listed["目標年度"].as_str(), listed["目標年度（和暦）"].as_str()), ("2022-04-01", "令和4年度"));
}

#[test]
fn a_planned_base_without_a_target_warns_or_fails_as_the_site_says() {
    let dir = common::fixture_site("followup");
    let file = dir.path().join("data/municipalities/122050.yaml");
    let text = std::fs::read_to_string(&file).unwrap().replace("target: 令和10年度\n", "");
    std::fs::write(&file, text).unwrap();
    let (site, diags) = kyoten::check_site(dir.path());
    assert!(site.is_some(), "a warning only: {:?}", diags.items);
    let d = diags.items.iter().find(|d| d.message.contains("no target 年度")).expect("warned");
    assert_eq!(
        (d.severity, d.path.to_str().unwrap(), d.line),
        (Severity::Warning, "data/municipalities/122050.yaml", 2)
    );
    assert!(d.hint.as_deref().unwrap().contains("target: 令和8年度"), "{:?}", d.hint);

    let config = dir.path().join("kyoten.yaml");
    let text = std::fs::read_to_string(&config).unwrap() + "targets_required: true\n";
    std::fs::write(&config, text).unwrap();
    let (site, diags) = kyoten::check_site(dir.path());
    assert!(site.is_none(), "an error when the site requires targets");
    let d = diags.items.iter().find(|d| d.message.contains("no target 年度")).expect("refused");
    assert_eq!((d.severity, d.line), (Severity::Error, 2));

    // A target on a base already set up is a slip: said, with the fix.
    let file = dir.path().join("data/municipalities/122041.yaml");
    let text = std::fs::read_to_string(&file).unwrap().replace("established: 令和3年4月\n", "target: 令和3年度\n");
    std::fs::write(&file, text).unwrap();
    let (_, diags) = kyoten::check_site(dir.path());
    let d = diags.items.iter().find(|d| d.message.contains("target is for a base 整備予定")).expect("said");
    assert_eq!((d.path.to_str().unwrap(), d.line), ("data/municipalities/122041.yaml", 3));
    assert!(d.hint.as_deref().unwrap().contains("established:"), "{:?}", d.hint);
}
