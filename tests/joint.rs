//! Joint bases (tests/fixtures/joint/): 野田市's file is the record of a base it builds
//! with 松戸市 (no file of its own) and 船橋市 (a file of its own). Each member's page
//! shows the base as its own and names the others; the comparison counts each member
//! and says 共同整備; the provider appears for every member but has one page; the
//! members' maps outline the joint area; the 圏域's case links to the base.

mod common;

use std::collections::HashMap;

fn build() -> (tempfile::TempDir, HashMap<String, String>) {
    let dir = common::fixture_site("joint");
    // 松戸市 has no file: give the maps its outline too.
    common::write_small_boundaries(dir.path(), &["122084", "122076", "122041"], &["12"]);
    let (files, _) = kyoten::build_files(dir.path()).unwrap_or_else(|d| panic!("builds: {:?}", d.items));
    (dir, files.into_iter().map(|f| (f.path, String::from_utf8_lossy(&f.bytes).into_owned())).collect())
}

#[test]
fn every_member_shows_the_joint_base_as_its_own() {
    let (_dir, files) = build();
    // 松戸市: a page made from the lead's record, under its own name.
    let matsudo = &files["m/122076/index.html"];
    let t = common::text(matsudo);
    assert!(t.contains("松戸市の地域生活支援拠点等"), "its own title");
    assert!(t.contains("松戸市は、野田市・船橋市と共同で拠点等を整備しています"), "{}", &t[..600.min(t.len())]);
    assert!(matsudo.contains("href=tel:04-0000-0001"), "the base's line to call");
    assert!(matsudo.contains("/p/toukatsu-stay/"), "the base's provider, linked to its one page");
    assert!(t.contains("このページの整備状況・連絡先・事業所・検証などは、野田市の記録"));
    assert!(matsudo.contains("area joint"), "the map outlines the other members");
    // 船橋市: its own record, and the base's line and provider beside its own.
    let funabashi = &files["m/122041/index.html"];
    assert!(funabashi.contains("href=tel:047-000-0001") && funabashi.contains("href=tel:04-0000-0001"));
    assert!(funabashi.contains("/p/toukatsu-stay/"));
    assert!(common::text(funabashi).contains("連絡先と事業所には、共同整備の拠点等のものも載せています"));
    // The provider has one page, at the lead's; no other page claims it.
    assert!(files.contains_key("p/toukatsu-stay/index.html"));
    assert_eq!(files.keys().filter(|k| k.starts_with("p/")).count(), 1);
    assert!(
        common::text(&files["p/toukatsu-stay/index.html"]).contains("東葛北部の地域生活支援拠点等の登録事業所です")
    );
    // The open data lists it once.
    assert_eq!(files["data/providers-standard.csv"].matches("東葛短期入所ホーム").count(), 1);
    assert_eq!(files["data/providers.geojson"].matches("\"id\":\"toukatsu-stay\"").count(), 1);
}

#[test]
fn the_comparison_counts_each_member_and_says_joint() {
    let (_dir, files) = build();
    let chiba = &files["compare/12/index.html"];
    for code in ["122084", "122076", "122041"] {
        let at = chiba.find(&format!("/m/{code}/")).unwrap();
        let row = &chiba[at..at + chiba[at..].find("</tr>").unwrap()];
        assert!(
            common::text(row).contains("整備済") && common::text(row).contains("共同整備（東葛北部圏域）"),
            "{code}: {}",
            common::text(row)
        );
        assert!(row.contains(">○ 1</td>"), "{code} counts the base's emergency provider: {row}");
    }
    let summary = common::text(&chiba[chiba.find("<dt>整備状況</dt>").unwrap()..]);
    assert!(summary.contains("整備済 3・整備予定 0・その他・未定 0うち共同整備 3"), "{}", &summary[..120]);
    let providers = common::text(&chiba[chiba.find("<dt>掲載している事業所など</dt>").unwrap()..]);
    assert!(providers.starts_with("掲載している事業所など1"), "the base's provider counted once: {}", &providers[..40]);
    let csv = &files["data/compare-12.csv"];
    let row = csv.lines().find(|l| l.starts_with("122076")).unwrap();
    assert!(row.contains(",東葛北部の地域生活支援拠点等,122084,"), "{row}");
    // The 圏域's case links to the base.
    assert!(files["cases/toukatsu/index.html"].contains("href=/m/122084/#joint"));
}

#[test]
fn joint_base_mistakes_are_named_with_their_line() {
    let dir = common::fixture_site("joint");
    let lead = dir.path().join("data/municipalities/122084.yaml");
    let text = std::fs::read_to_string(&lead).unwrap();
    // The lead lists itself; a code that is no municipality.
    let bad = text.replace(r#"members: ["122076", "122041"]"#, "members: [\"122084\", \"122077\"]");
    std::fs::write(&lead, &bad).unwrap();
    let (site, diags) = kyoten::check_site(dir.path());
    assert!(site.is_none());
    let line = bad.lines().position(|l| l.contains("members:")).unwrap() + 1;
    let own = diags.items.iter().find(|d| d.message.contains("is the lead")).expect("the lead itself");
    assert_eq!(own.line, line);
    let code = diags.items.iter().find(|d| d.message.contains("\"122077\" has a wrong check digit")).expect("bad code");
    assert!(code.hint.as_deref().unwrap_or_default().contains("did you mean"), "suggests codes: {:?}", code.hint);

    // 船橋市 leads its own base while 野田市 lists it.
    std::fs::write(&lead, &text).unwrap();
    let funabashi = dir.path().join("data/municipalities/122041.yaml");
    let own = std::fs::read_to_string(&funabashi)
        .unwrap()
        .replace("type: area_network\n", "type: area_network\njoint:\n  name: 船橋の拠点\n  members: [\"122033\"]\n");
    std::fs::write(&funabashi, own).unwrap();
    let (site, diags) = kyoten::check_site(dir.path());
    assert!(site.is_none());
    let d = diags.items.iter().find(|d| d.message.contains("leads a joint base of its own")).expect("said");
    assert_eq!((d.path.to_str().unwrap(), d.line), ("data/municipalities/122084.yaml", line));
}

#[test]
fn a_joint_base_area_is_checked_against_the_prefecture_record() {
    let dir = common::fixture_site("joint");
    let prefs = dir.path().join("data/prefectures");
    std::fs::create_dir_all(&prefs).unwrap();
    let lead = std::fs::read_to_string(dir.path().join("data/municipalities/122084.yaml")).unwrap();
    let line = lead.lines().position(|l| l.trim_start().starts_with("area:")).unwrap() + 1;
    let write = |areas: &str| {
        std::fs::write(prefs.join("12.yaml"), format!("code: \"12\"\nareas:\n{areas}last_verified: 2026-04-01\n"))
            .unwrap()
    };
    let warnings = |dir: &std::path::Path| {
        let (site, diags) = kyoten::check_site(dir);
        assert!(site.is_some(), "warnings only: {:?}", diags.items);
        diags
            .items
            .into_iter()
            .filter(|d| d.path.to_str() == Some("data/municipalities/122084.yaml") && d.line == line)
            .collect::<Vec<_>>()
    };

    // The 圏域 as the prefecture defines it holds every member: nothing to say.
    write("  - name: 東葛北部圏域\n    members: [\"122084\", \"122076\", \"122041\"]\n");
    assert!(warnings(dir.path()).is_empty());

    // 船橋市 is not in it.
    write("  - name: 東葛北部圏域\n    members: [\"122084\", \"122076\"]\n");
    let w = warnings(dir.path());
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].message, "船橋市 is not in 東葛北部圏域 as data/prefectures/12.yaml defines it");
    assert!(w[0].hint.as_deref().unwrap().contains("松戸市"), "{:?}", w[0].hint);

    // The prefecture names it otherwise.
    write("  - name: 東葛北部\n    members: [\"122084\"]\n  - name: 印旛圏域\n    members: [\"122327\"]\n");
    let w = warnings(dir.path());
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].message, "joint.area \"東葛北部圏域\" is not a 圏域 of 千葉県");
    assert!(w[0].hint.as_deref().unwrap().starts_with("did you mean \"東葛北部\"?"), "{:?}", w[0].hint);
}
