//! /compare/ and the open data agree with counts computed here, independently,
//! straight from the municipality YAML files.

mod common;

use common::*;
use std::collections::BTreeMap;

const FUNCTIONS: [&str; 6] = ["consultation", "emergency", "experience", "expertise", "network", "transition"];

/// code → (function → providers carrying it), read from the YAML without kyoten.
fn counts_from_yaml() -> BTreeMap<String, BTreeMap<&'static str, usize>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(repo().join("data/municipalities")).unwrap() {
        let path = entry.unwrap().path();
        let v: serde_json::Value = serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let code = v["code"].as_str().unwrap().to_string();
        let mut per = BTreeMap::new();
        for f in FUNCTIONS {
            let n = v["providers"]
                .as_array()
                .map(|ps| ps.iter().filter(|p| p["functions"].as_array().unwrap().iter().any(|x| x == f)).count())
                .unwrap_or(0);
            per.insert(f, n);
        }
        out.insert(code, per);
    }
    // A joint base's providers count for each member (a member without a file of its
    // own has just those).
    for entry in std::fs::read_dir(repo().join("data/municipalities")).unwrap() {
        let v: serde_json::Value =
            serde_saphyr::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        let lead = out[v["code"].as_str().unwrap()].clone();
        for member in v["joint"]["members"].as_array().into_iter().flatten() {
            let per =
                out.entry(member.as_str().unwrap().to_string()).or_insert_with(|| FUNCTIONS.map(|f| (f, 0)).into());
            for (f, n) in &lead {
                *per.get_mut(f).unwrap() += n;
            }
        }
    }
    out
}

#[test]
fn compare_table_and_csv_match_the_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = kyoten(&["build", "--root", repo().to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert!(o.status.success());
    let expected = counts_from_yaml();
    assert_eq!(expected.len(), 9, "6 files, and 3 members of joint bases without a file");

    let html = std::fs::read_to_string(out.join("compare/index.html")).unwrap();
    for code in expected.keys() {
        assert!(html.contains(&format!("/m/{code}/")), "{code} missing from /compare/");
    }

    let bytes = std::fs::read(out.join("data/compare.csv")).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM for Excel");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[0], "団体コード");
    let mut seen = 0;
    for row in reader.records() {
        let row = row.unwrap();
        let code = &row[0];
        let want = &expected[code];
        for (k, f) in FUNCTIONS.iter().enumerate() {
            let col = header.iter().position(|h| h.ends_with("_事業所数") && header_function(h) == k).unwrap();
            assert_eq!(row[col].parse::<usize>().unwrap(), want[f], "{code} {f}");
        }
        seen += 1;
    }
    assert_eq!(seen, 9);

    // 白井市: no registered emergency stay accepts 精神 or 障害児 (seed 004 §8-3).
    let shiroi_row = html.split("/m/122327/").nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(shiroi_row.contains("受け入れなし：精神障害・障害児"), "{shiroi_row}");

    let munis = std::fs::read(out.join("data/municipalities.csv")).unwrap();
    assert_eq!(&munis[..3], b"\xEF\xBB\xBF");
    assert_eq!(csv::Reader::from_reader(&munis[3..]).records().count(), 9);
    let cases: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/cases.json")).unwrap()).unwrap();
    let case_files = std::fs::read_dir(repo().join("content/cases"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "md"))
        .count();
    assert_eq!(cases.as_array().unwrap().len(), case_files, "one record per case file");
    let atom = std::fs::read_to_string(out.join("atom.xml")).unwrap();
    assert!(atom.contains("<updated>2026-05-12T00:00:00+09:00</updated>"));
    let national = std::fs::read_to_string(out.join("compare/index.html")).unwrap();
    assert!(national.contains("921") && national.contains("出典未確認"), "unverified figures are labelled");
}

/// Which function a "<label>_事業所数" header belongs to, by position among such headers.
fn header_function(h: &str) -> usize {
    let labels =
        ["相談", "緊急時の受入・対応", "体験の機会・場", "専門的人材の確保・養成", "地域の体制づくり", "地域移行"];
    labels.iter().position(|l| h == format!("{l}_事業所数")).unwrap_or(usize::MAX)
}

#[test]
fn csv_cells_cannot_become_formulas() {
    let site = scratch_site();
    let root = site.path();
    let yaml = VALID_MUNICIPALITY.replace("name: テスト窓口", "name: \"=HYPERLINK(\\\"http://x\\\")\"");
    std::fs::write(root.join("data/municipalities/132144.yaml"), yaml).unwrap();
    let out = root.join("public");
    let o = kyoten(&["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(std::fs::read(out.join("data/municipalities.csv")).unwrap()).unwrap();
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(!text.contains(",=HYPERLINK"), "{text}");
}

#[test]
fn shiroi_recruitment_names_the_short_stay_gap_and_prints_its_contact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = kyoten(&["build", "--root", repo().to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert!(o.status.success());
    let page = std::fs::read_to_string(out.join("recruit/122327/index.html")).unwrap();
    assert!(
        page.contains("精神障害・障害児・医療的ケア・強度行動障害の人を受け入れる登録事業所がありません"),
        "derived gap"
    );
    assert!(
        page.contains("白井市で、地域生活支援拠点等を担う登録事業所を募集しています"),
        "no headline claim from sample records"
    );
    assert!(page.contains("精神障害者及び障害児に対応できる短期入所事業所の市内整備"), "the municipality's own need");
    assert!(
        page.contains("地域生活支援拠点等機能強化加算") && page.contains("未確認"),
        "incentives with their verified flag"
    );
    assert!(page.contains("加算を得ることができ、収入増加につながった"), "providers' own words");
    assert!(page.contains("https://kyoten.example.jp/recruit/122327/"), "plain URL on the flyer");
    let index = std::fs::read_to_string(out.join("recruit/index.html")).unwrap();
    for code in ["122327", "132144", "132292", "271004"] {
        assert!(index.contains(&format!("/recruit/{code}/")));
    }
}

#[test]
fn areas_far_from_every_provider_are_named() {
    let site = scratch_site();
    let root = site.path();
    // One provider at the town's western edge: the east lies far from it.
    let yaml = VALID_MUNICIPALITY.replace("{ lat: 35.71, lon: 139.46 }", "{ lat: 35.706, lon: 139.445 }");
    std::fs::write(root.join("data/municipalities/132144.yaml"), yaml).unwrap();
    let out = root.join("public");
    let o = kyoten(&["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = std::fs::read_to_string(out.join("recruit/132144/index.html")).unwrap();
    assert!(page.contains("国分寺市の東部（面積のおよそ"), "the east lies more than 3 km from a provider in the west");
    // No located provider at all: the whole town is far.
    let yaml = VALID_MUNICIPALITY.replace("    location: { lat: 35.71, lon: 139.46 }\n", "");
    std::fs::write(root.join("data/municipalities/132144.yaml"), yaml).unwrap();
    let o = kyoten(&["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert!(o.status.success());
    let page = std::fs::read_to_string(out.join("recruit/132144/index.html")).unwrap();
    assert!(page.contains("市域全体で、位置のわかる登録事業所がありません"), "{page}");
}

/// One format per column, as a spreadsheet needs: every date column is YYYY-MM-DD
/// (its 和暦 beside it keeps the precision: 令和7年度, 令和4年3月24日), every yes/no
/// column 1, 0 or blank. Was: "FY2025" next to "2022-03-24", あり/なし next to 1/0.
#[test]
fn csv_columns_keep_one_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = kyoten(&["build", "--root", repo().to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert!(o.status.success());
    let iso = |s: &str| {
        s.is_empty()
            || (s.len() == 10
                && s.chars().enumerate().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() }))
    };
    let flag = |s: &str| matches!(s, "" | "0" | "1");
    for (file, dates, flags) in [
        (
            "data/compare.csv",
            &["目標年度", "最後の検証・検討", "最終確認日"][..],
            &[
                "目標超過",
                "コーディネーター",
                "コーディネーター_24時間",
                "24時間の連絡先",
                "検証・検討が途切れている",
                "サンプル",
            ][..],
        ),
        (
            "data/compare-12.csv",
            &["目標年度", "最後の検証・検討", "最終確認日"][..],
            &["目標超過", "コーディネーター", "サンプル"][..],
        ),
        ("data/municipalities.csv", &["整備時期", "目標年度", "最終確認日"][..], &["コーディネーター", "サンプル"][..]),
    ] {
        let bytes = std::fs::read(out.join(file)).unwrap();
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let col = |h: &str| header.iter().position(|x| x == h).unwrap_or_else(|| panic!("{file}: {h}"));
        let mut rows = 0;
        for row in reader.records() {
            let row = row.unwrap();
            rows += 1;
            for h in dates {
                assert!(iso(&row[col(h)]), "{file} {h}: {:?}", &row[col(h)]);
                let wareki = &row[col(&format!("{h}（和暦）"))];
                assert_eq!(row[col(h)].is_empty(), wareki.is_empty(), "{file} {h}: the 和暦 goes with the date");
            }
            for h in flags {
                assert!(flag(&row[col(h)]), "{file} {h}: {:?}", &row[col(h)]);
            }
        }
        assert!(rows >= 1, "{file} has rows");
        if !file.contains("-12") {
            assert_eq!(rows, 9, "{file}");
        }
    }
}

/// providers-standard.csv: デジタル庁「推奨データセット」's provider-list columns in their
/// order, then the six functions as 1/0 and サンプル.
#[test]
fn providers_in_the_national_recommended_layout() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = kyoten(&["build", "--root", repo().to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert!(o.status.success());
    let bytes = std::fs::read(out.join("data/providers-standard.csv")).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let national = [
        "都道府県コード又は市区町村コード",
        "NO",
        "都道府県名",
        "市区町村名",
        "名称",
        "名称_カナ",
        "実施サービス",
        "住所",
        "方書",
        "緯度",
        "経度",
        "電話番号",
        "内線番号",
        "FAX番号",
        "法人番号",
        "法人の名称",
        "事業所番号",
        "利用可能曜日",
        "利用可能曜日特記事項",
        "定員",
        "URL",
        "備考",
    ];
    assert_eq!(&header[..22], &national);
    assert_eq!(
        &header[22..],
        [
            "相談",
            "緊急時の受入・対応",
            "体験の機会・場",
            "専門的人材の確保・養成",
            "地域の体制づくり",
            "地域移行",
            "サンプル"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 13, "every provider of the example site");
    let kikan = rows.iter().find(|r| &r[4] == "白井市基幹相談支援センター").unwrap();
    assert_eq!((&kikan[0], &kikan[2], &kikan[3]), ("122327", "千葉県", "白井市"));
    assert_eq!((22..28).map(|i| &kikan[i]).collect::<Vec<_>>(), ["1", "1", "0", "1", "1", "1"], "functions as 1/0");
    assert_eq!(&kikan[28], "1");
    assert!(kikan[21].contains("電話番号") && kikan[21].contains("サンプル"), "備考 names the invented fields");
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r[1].parse::<usize>().unwrap(), i + 1, "NO counts up");
    }
}

/// A short-stay provider in 大阪市 asks: what would I gain, and whom do I call? The
/// flyer answers by kind of service: the national add-ons for 短期入所 (marked
/// 未確認 until checked against the 報酬告示), the city's own support, the contact
/// with a number to tap. Other municipalities' flyers name whose survey the providers'
/// voices come from.
#[test]
fn osaka_recruitment_answers_a_short_stay_provider() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = kyoten(&["build", "--root", repo().to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert!(o.status.success());
    let page = std::fs::read_to_string(out.join("recruit/271004/index.html")).unwrap();
    let table = &page[page.find("id=kinds-title").expect("a table by kind")..];
    let table = &table[..table.find("</table>").unwrap()];
    let row = |kind: &str| {
        let at = table.find(&format!("<th scope=row>{kind}")).unwrap_or_else(|| panic!("a row for {kind}"));
        table[at..at + table[at..].find("</tr>").unwrap()].to_string()
    };
    let stay = row("短期入所");
    assert!(stay.contains("短期入所の緊急時の受入れに係る加算") && stay.contains("未確認"), "{stay}");
    assert!(stay.contains("拠点等に位置付けられた短期入所事業所"), "the condition: {stay}");
    assert!(!stay.contains("機能強化加算"), "an add-on for other kinds is not offered to a short stay: {stay}");
    // The city's own support goes to the kind it is for.
    assert!(row("地域移行支援").contains("地域移行支援利用交通費給付事業"));
    // Whom to call: a number to tap (the seed gives none, so it is marked).
    let contact = &page[page.find("id=contact-title").unwrap()..];
    assert!(contact.contains("href=tel:000-0000-3100") && contact.contains("badge-sample"), "a tel: link, marked");
    assert!(page.contains("登録してよかったと感じること"), "大阪市's own survey, under its own title");

    let shiroi = std::fs::read_to_string(out.join("recruit/122327/index.html")).unwrap();
    assert!(shiroi.contains("参考：大阪市の登録事業所の声（大阪市の調査）"), "attributed on another city's flyer");
}

#[test]
fn recruitment_data_is_checked() {
    let site = scratch_site();
    let root = site.path();
    let yaml = format!(
        "{VALID_MUNICIPALITY}recruit:\n  contact:\n    name: 障害福祉課\n  support:\n    - name: 空床補償\n      services: [short_stays]\n      source: {{ title: 要綱 }}\n      verified: true\n"
    );
    std::fs::write(root.join("data/municipalities/132144.yaml"), &yaml).unwrap();
    let (_, diags) = kyoten::check_site(root);
    let line = |needle: &str| yaml.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let contact = diags.items.iter().find(|d| d.message.contains("no phone and no url")).expect("warned");
    assert_eq!((contact.severity, contact.line), (kyoten::diagnostics::Severity::Warning, line("name: 障害福祉課")));
    let kind = diags.items.iter().find(|d| d.message.contains("short_stays")).expect("unknown kind");
    assert_eq!(kind.line, line("services: [short_stays]"));
    assert!(kind.hint.as_deref().unwrap_or_default().contains("short_stay"), "{:?}", kind.hint);
}
