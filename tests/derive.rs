//! derive's rules on a small fixture (tests/fixtures/coverage/): which functions
//! count as covered, and that the municipality page's facts, the comparison and
//! the recruitment gaps agree on it.

mod common;

use kyoten::derive::{self, Derived};
use kyoten::model::Site;

fn derived() -> (Site, Derived) {
    let dir = common::fixture_site("coverage");
    let (site, diags) = kyoten::check_site(dir.path());
    let site = site.unwrap_or_else(|| panic!("the fixture checks: {diags:?}"));
    let d = derive::derive(&site, derive::plan(&site));
    (site, d)
}

fn ids(terms: &[&kyoten::model::vocab::Term]) -> Vec<&'static str> {
    terms.iter().map(|t| t.id).collect()
}

#[test]
fn a_function_is_covered_when_described_or_carried_by_a_provider() {
    let (site, d) = derived();
    let shiroi = site.municipalities.iter().position(|m| m.code == "122327").unwrap();
    let facts = &d.municipalities[shiroi];
    let covered: Vec<&str> = facts.coverage.iter().filter(|c| c.covered()).map(|c| c.function.id).collect();
    // consultation: described, no provider; emergency: a provider, not described.
    assert_eq!(covered, ["consultation", "emergency"]);
    assert_eq!(ids(&facts.uncovered), ["experience", "expertise", "network", "transition"]);

    let funabashi = site.municipalities.iter().position(|m| m.code == "122041").unwrap();
    assert_eq!(d.municipalities[funabashi].uncovered.len(), 6);
}

#[test]
fn the_comparison_counts_what_the_page_shows() {
    let (site, d) = derived();
    for (mi, m) in site.municipalities.iter().enumerate() {
        let row = d.compare.rows.iter().find(|r| r.code == m.code).unwrap();
        let facts = &d.municipalities[mi];
        assert_eq!(row.functions_covered, 6 - facts.uncovered.len(), "{}", m.name);
        for (cell, c) in row.functions.iter().zip(&facts.coverage) {
            assert_eq!(
                (cell.function.id, cell.covered, cell.providers),
                (c.function.id, c.covered(), c.providers.len())
            );
        }
    }
    let shiroi = d.compare.rows.iter().find(|r| r.code == "122327").unwrap();
    assert!(shiroi.contact_24h && shiroi.contact_listed);
    assert_eq!(ids(&shiroi.emergency_accepts), ["physical", "intellectual"]);
    assert_eq!(ids(&shiroi.emergency_gaps), ["mental", "children", "medical_care", "severe_behavior"]);
    assert!(!shiroi.review_overdue, "reviewed in 令和6年度, verified in 令和7年度");
    let funabashi = d.compare.rows.iter().find(|r| r.code == "122041").unwrap();
    assert!(!funabashi.contact_listed);
    assert!(!funabashi.review_overdue, "a base 整備予定 has nothing to review yet, so no review is overdue");
    // The prefecture's roll-up: one of two established.
    let chiba = &d.compare.prefectures[0];
    assert_eq!((chiba.code.as_str(), chiba.municipalities, chiba.established, chiba.planned), ("12", 2, 1, 1));
}

#[test]
fn recruitment_gaps_follow_the_same_rule() {
    let (site, d) = derived();
    let shiroi = site.municipalities.iter().position(|m| m.code == "122327").unwrap();
    let needs = &d.needs[shiroi];
    // Functions with no registered provider: consultation is described but carried by none.
    assert_eq!(
        ids(&needs.functions_without_provider),
        ["consultation", "experience", "expertise", "network", "transition"]
    );
    assert_eq!(needs.functions_with_one.iter().map(|f| f.function.id).collect::<Vec<_>>(), ["emergency"]);
    assert!(needs.has_emergency_stay && !needs.from_samples);
    assert_eq!(needs.headline, "白井市で、緊急時に精神障害・障害児などの人を受け入れる短期入所事業所を募集しています");

    let funabashi = site.municipalities.iter().position(|m| m.code == "122041").unwrap();
    let needs = &d.needs[funabashi];
    assert!(!needs.has_emergency_stay && needs.emergency_gaps.is_empty());
    assert_eq!(needs.headline, "船橋市で、緊急時に受け入れる短期入所事業所を募集しています");
}
