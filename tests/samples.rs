//! No figure derived from an invented record passes as fact (tests/fixtures/samples/):
//! 国分寺市 has an invented provider, 船橋市 none. Every figure that counts 国分寺市's
//! providers carries the サンプル mark (comparison cells, roll-ups, charts, the
//! recruitment needs, the CSVs); no figure that rests on 船橋市 alone does.

mod common;

use std::collections::HashMap;

const MARK: &str = "badge-sample";

fn build() -> HashMap<String, String> {
    let dir = common::fixture_site("samples");
    let (files, _) = kyoten::build_files(dir.path()).unwrap_or_else(|d| panic!("builds: {:?}", d.items));
    files.into_iter().map(|f| (f.path, String::from_utf8_lossy(&f.bytes).into_owned())).collect()
}

/// The comparison table's row of a municipality, cell by cell.
fn cells(html: &str, code: &str) -> Vec<String> {
    let at = html.find(&format!("/m/{code}/")).unwrap();
    let row = &html[at..at + html[at..].find("</tr>").unwrap()];
    row.split("<td").skip(1).map(str::to_string).collect()
}

#[test]
fn comparison_cells_from_invented_providers_are_marked_and_others_are_not() {
    let files = build();
    let all = &files["compare/index.html"];
    // Columns: 都道府県, 整備状況, 類型, コーディネーター, 24時間, six functions, 受け入れ, 検証, 取組, 最終確認日.
    let k = cells(all, "132144");
    let f = cells(all, "122041");
    assert_eq!(k.len(), 15, "{k:?}");
    for i in 5..12 {
        assert!(k[i].contains(MARK), "国分寺市 cell {i} counts an invented provider: {}", k[i]);
        assert!(!f[i].contains(MARK), "船橋市 cell {i} rests on real records: {}", f[i]);
    }
    for i in [0, 1, 2, 3, 4, 12, 13, 14] {
        assert!(!k[i].contains(MARK), "国分寺市 cell {i} does not use the provider: {}", k[i]);
    }
    // The roll-up counts both: its provider figures are marked, its status figures not.
    let summary = &all[all.find("id=summary-title").unwrap()..all.find("id=table-title").unwrap()];
    let dd = |label: &str| {
        let at = summary.find(&format!("<dt>{label}</dt>")).unwrap_or_else(|| panic!("{label}"));
        summary[at..at + summary[at..].find("</dd>").unwrap()].to_string()
    };
    assert!(dd("掲載している事業所など").contains(MARK));
    assert!(dd("情報が最も少ない機能").contains(MARK));
    assert!(!dd("整備状況").contains(MARK));
    assert!(!dd("24時間の連絡先あり").contains(MARK), "both contacts are real");
    // The function chart counts 国分寺市's providers: its bars and caption say so.
    assert!(all.contains("4 / 2 ※") || all.contains("2 / 2 ※"), "a marked bar");
    assert!(all.contains("の値は、説明用の架空のデータ"));

    // 千葉県's comparison holds 船橋市 alone: no mark anywhere, no note.
    let chiba = &files["compare/12/index.html"];
    assert!(!chiba.contains(MARK), "no mark on figures from real records");
    assert!(!chiba.contains(" ※<"), "no marked bar");
    let tokyo = &files["compare/13/index.html"];
    assert!(tokyo.contains(MARK) && tokyo.contains(" ※<"));
}

#[test]
fn recruitment_needs_from_invented_providers_are_marked() {
    let files = build();
    let kokubunji = &files["recruit/132144/index.html"];
    let needs = &kokubunji[kokubunji.find("id=need-title").unwrap()..];
    let needs = &needs[..needs.find("</ul>").unwrap()];
    let items: Vec<&str> = needs.split("<li>").skip(1).collect();
    assert!(!items.is_empty());
    for item in &items {
        assert!(item.contains(MARK), "a need read from the invented provider list: {item}");
    }
    let funabashi = &files["recruit/122041/index.html"];
    let needs = &funabashi[funabashi.find("id=need-title").unwrap()..];
    let needs = &needs[..needs.find("</ul>").unwrap()];
    assert!(needs.contains("<li>"), "船橋市 has needs too");
    assert!(!needs.contains(MARK), "船橋市's needs rest on real records");
}

#[test]
fn the_csvs_say_which_rows_use_invented_records() {
    let files = build();
    let column = |file: &str, header: &str, code: &str| {
        let csv = &files[file];
        let head: Vec<&str> = csv.lines().next().unwrap().trim_start_matches('\u{feff}').split(',').collect();
        let col = head.iter().position(|h| *h == header).unwrap_or_else(|| panic!("{file}: {header}"));
        csv.lines().find(|l| l.starts_with(code)).unwrap().split(',').nth(col).unwrap().to_string()
    };
    assert_eq!(column("data/compare.csv", "サンプル", "132144"), "1");
    assert_eq!(column("data/compare.csv", "サンプル", "122041"), "0");
    assert_eq!(column("data/municipalities.csv", "サンプル", "132144"), "1");
    assert_eq!(column("data/municipalities.csv", "サンプル", "122041"), "0");
}
