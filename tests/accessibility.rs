//! The accessibility statement: /accessibility/ renders the gates' last results
//! from data/accessibility-results.yaml, and every page links to it.

mod common;

use common::*;

#[test]
fn the_statement_shows_the_last_results_and_every_page_links_to_it() {
    let site = scratch_site();
    let root = site.path();
    std::fs::write(
        root.join("data/accessibility-results.yaml"),
        "tested_on: 2026-11-30\npages: 12\nbrowser: \"Chromium 142.0\"\nresults:\n  - check: axe\n    tool: \"axe-core 4.10.2\"\n    pages: 12\n    failures: 0\n  - check: keyboard\n    tool: \"Playwright\"\n    pages: 3\n    failures: 1\n",
    )
    .unwrap();
    let out = build_ok(root);
    let page = text(&read(&out.join("accessibility/index.html")));
    for want in [
        "ウェブアクセシビリティ方針",
        "対象範囲",
        "JIS X 8341-3:2016 の適合レベル AA",
        "対応度は「配慮」",
        "令和8年11月30日",
        "12 ページ",
        "Chromium 142.0",
        "axe-core 4.10.2",
        "問題なし",
        "1 件の問題",
        "わかっている問題",
    ] {
        assert!(page.contains(want), "{want:?} not on /accessibility/: {page}");
    }
    // Every HTML page's footer links to it.
    let mut pages = 0;
    for e in walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok) {
        if e.path().extension().is_some_and(|x| x == "html") {
            let html = read(e.path());
            if html.contains("site-footer") {
                pages += 1;
                assert!(
                    html.contains("/accessibility/>ウェブアクセシビリティ方針</a>")
                        || html.contains("/accessibility/\">ウェブアクセシビリティ方針</a>"),
                    "{}",
                    e.path().display()
                );
            }
        }
    }
    assert!(pages > 5);

    // Without results the statement says there are none yet, not a blank table.
    std::fs::remove_file(root.join("data/accessibility-results.yaml")).unwrap();
    let out = build_ok(root);
    let page = text(&read(&out.join("accessibility/index.html")));
    assert!(page.contains("まだ試験の結果がありません") && !page.contains("問題なし"), "{page}");
}
