//! The route table (`kyoten::derive::routes`) against what a build writes, and the link
//! check that reads it: every HTML file written is a route, every route is written,
//! and a Markdown link warns exactly when it points at a page that is not built.

mod common;

use kyoten::derive::routes;
use std::collections::BTreeSet;
use std::path::Path;

/// (files the routes name, files a build wrote other than static assets and the search index)
fn routes_and_written(root: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let site = kyoten::check_site(root).0.expect("the site checks");
    let plan = kyoten::derive::plan(&site);
    let named: BTreeSet<String> = routes::all(&site, &plan).into_iter().map(|r| r.file(&site, &plan)).collect();
    let (files, _) = kyoten::build_files(root).expect("the site builds");
    let written: BTreeSet<String> = files
        .into_iter()
        .map(|f| f.path)
        .filter(|p| !p.starts_with("static/") && !p.starts_with(kyoten::output::search_index::DIR))
        .collect();
    (named, written)
}

fn assert_routes_match(root: &Path) {
    let (named, written) = routes_and_written(root);
    let unnamed: Vec<&String> = written.difference(&named).collect();
    let unwritten: Vec<&String> = named.difference(&written).collect();
    assert!(unnamed.is_empty(), "written but not a route: {unnamed:?}");
    assert!(unwritten.is_empty(), "a route that is not written: {unwritten:?}");
    assert!(named.iter().any(|f| f.ends_with(".html")));
}

#[test]
fn the_example_site_writes_exactly_its_routes() {
    assert_routes_match(&common::repo());
}

#[test]
fn a_small_site_writes_exactly_its_routes() {
    let site = common::scratch_site();
    let (named, _) = routes_and_written(site.path());
    // One municipality with one provider in 東京都: its pages, its prefecture's.
    for file in [
        "m/132144/index.html",
        "m/13/index.html",
        "p/test-shortstay/index.html",
        "recruit/132144/index.html",
        "compare/13/index.html",
        "map/function/emergency/index.html",
        "map/m/132144/index.html",
        "sitemap.xml",
        "data/compare.csv",
    ] {
        assert!(named.contains(file), "{file} is not a route");
    }
    // No provider carries 地域移行 or offers 共同生活援助: no map filter page for them.
    assert!(!named.contains("map/function/transition/index.html"));
    assert!(!named.contains("map/service/group_home/index.html"));
    assert_routes_match(site.path());
}

#[test]
fn file_of_and_url_of_are_inverse() {
    for url in ["/", "/m/", "/m/122327/", "/atom.xml", "/data/compare.csv", "/map/m/122327/"] {
        assert_eq!(routes::url_of(&routes::file_of(url)), url);
    }
}

/// A guide page linking to `targets`, one per line; returns the link warnings by line.
fn link_warnings(targets: &[&str]) -> Vec<(usize, String)> {
    let site = common::scratch_site();
    let body: String = targets.iter().map(|t| format!("[link]({t})\n")).collect();
    // Front matter is three lines: the links start on line 4.
    std::fs::write(site.path().join("content/guide/links.md"), format!("---\ntitle: リンク\n---\n{body}")).unwrap();
    let (checked, diags) = kyoten::check_site(site.path());
    assert!(checked.is_some(), "{diags:?}");
    diags
        .items
        .iter()
        .filter(|d| d.message.contains("goes nowhere"))
        .map(|d| {
            assert!(d.path.ends_with("content/guide/links.md"), "{}", d.path.display());
            (d.line, d.message.clone())
        })
        .collect()
}

#[test]
fn links_warn_exactly_when_the_page_is_not_built() {
    let built = [
        "/m/13/",                   // a prefecture's municipalities (was warned as broken)
        "/m/132144/",               // a municipality
        "/map/function/emergency/", // a map filter with providers
        "/map/m/132144/",           // a municipality on the map
        "/compare/13/",             // a prefecture's comparison
        "/recruit/132144/",         // a flyer
        "/cases/good/",             // a case
        "/data/compare.csv",        // open data
        "/guide/links/#top",        // the page itself, with a fragment
    ];
    assert_eq!(link_warnings(&built), Vec::<(usize, String)>::new());

    let unbuilt = [
        "/map/function/transition/", // no provider carries 地域移行 (passed check, then 404)
        "/map/m/122327/",            // a municipality the site does not have
        "/m/12/",                    // a prefecture the site does not have
        "/search/1/",                // 五十音 rows have pages only on large sites
    ];
    let warned = link_warnings(&unbuilt);
    let lines: Vec<usize> = warned.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, vec![4, 5, 6, 7], "{warned:?}");
}
