//! 更新履歴: a site kept in git shows, on each municipality and provider page, the
//! days its record changed and what changed, in words, with Atom feeds.

mod common;
use common::{build_ok, read, scratch_site};
use std::path::Path;
use std::process::Command;

/// Runs git in `root` with a fixed author and the given commit date.
fn git(root: &Path, date: &str, args: &[&str]) {
    let o = Command::new("git")
        .args(args)
        .current_dir(root)
        .env("GIT_AUTHOR_NAME", "障害福祉課")
        .env("GIT_AUTHOR_EMAIL", "fukushi@example.jp")
        .env("GIT_COMMITTER_NAME", "障害福祉課")
        .env("GIT_COMMITTER_EMAIL", "fukushi@example.jp")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git");
    assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

fn commit(root: &Path, date: &str, message: &str) {
    git(root, date, &["add", "-A"]);
    git(root, date, &["commit", "-q", "-m", message]);
}

/// The text of a page's 更新履歴 section.
fn history(page: &str) -> String {
    let doc = scraper::Html::parse_document(page);
    let sel = scraper::Selector::parse("#history").unwrap();
    doc.select(&sel).next().map(|s| s.text().collect::<Vec<_>>().join("|")).unwrap_or_default()
}

#[test]
fn a_site_in_git_shows_what_changed_on_which_day_and_feeds_it() {
    let site = scratch_site();
    let root = site.path();
    let file = root.join("data/municipalities/132144.yaml");
    git(root, "2026-01-10T10:00:00+09:00", &["init", "-q", "-b", "main"]);
    commit(root, "2026-01-10T10:00:00+09:00", "first");

    // A provider's phone and who it accepts change on one day (two commits, the
    // second late at night in Japan: still 2026-03-02 there, 03-02 15:30 UTC).
    let text = read(&file);
    assert!(text.contains("phone: \"000-0000-0001\"") && text.contains("accepts: [physical]"), "{text}");
    std::fs::write(&file, text.replace("phone: \"000-0000-0001\"", "phone: \"000-0000-0002\"")).unwrap();
    commit(root, "2026-03-02T09:00:00+09:00", "phone");
    let text = read(&file);
    std::fs::write(&file, text.replace("accepts: [physical]", "accepts: [physical, mental]")).unwrap();
    commit(root, "2026-03-03T00:30:00+09:00", "accepts");
    // The municipality's status, later.
    let text = read(&file);
    std::fs::write(&file, text.replacen("status: established", "status: planned\ntarget: 令和9年度", 1)).unwrap();
    commit(root, "2026-04-15T12:00:00+09:00", "status");

    let out = build_ok(root);
    let p = history(&read(&out.join("p/test-shortstay/index.html")));
    assert!(p.contains("令和8年3月3日") && p.contains("短期入所の受入れ対象に精神障害を追加"), "{p}");
    assert!(p.contains("令和8年3月2日") && p.contains("電話番号を変更"), "{p}");
    assert!(p.contains("令和8年1月10日") && p.contains("この事業所の記録を作成"), "{p}");
    assert!(p.find("3月3日") < p.find("3月2日"), "newest first: {p}");
    let m = history(&read(&out.join("m/132144/index.html")));
    assert!(m.contains("令和8年4月15日") && m.contains("整備状況を「整備済」から「整備予定」に変更"), "{m}");
    assert!(m.contains("テスト短期入所：電話番号を変更"), "a provider's change, named: {m}");
    assert!(m.contains("この市区町村の記録を作成"), "{m}");

    // Feeds: the municipality's and the site's, valid Atom, newest first.
    let feed = read(&out.join("m/132144/updates.xml"));
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let updated: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| e.descendants().find(|n| n.has_tag_name("updated")).unwrap().text().unwrap())
        .collect();
    assert_eq!(updated.first(), Some(&"2026-04-15T00:00:00+09:00"), "{feed}");
    assert_eq!(updated.len(), 4, "one entry per day: {feed}");
    assert!(feed.contains("/m/132144/#history-2026-03-03"));
    assert!(read(&out.join("updates.xml")).contains("短期入所の受入れ対象に精神障害を追加"));
    let page = read(&out.join("m/132144/index.html"));
    assert!(page.contains("application/atom+xml") && page.contains("/m/132144/updates.xml"), "the page names its feed");
}

#[test]
fn a_site_outside_git_has_no_history_section_or_feeds() {
    let site = scratch_site();
    let out = build_ok(site.path());
    let page = read(&out.join("m/132144/index.html"));
    assert!(!page.contains("id=history") && !page.contains("更新履歴"), "no section");
    assert!(!out.join("updates.xml").exists() && !out.join("m/132144/updates.xml").exists());
}

#[test]
fn history_commits_zero_turns_it_off() {
    let site = scratch_site();
    let root = site.path();
    let config = read(&root.join("kyoten.yaml"));
    std::fs::write(root.join("kyoten.yaml"), format!("{config}\nhistory_commits: 0\n")).unwrap();
    git(root, "2026-01-10T10:00:00+09:00", &["init", "-q", "-b", "main"]);
    commit(root, "2026-01-10T10:00:00+09:00", "first");
    let out = build_ok(root);
    assert!(!read(&out.join("m/132144/index.html")).contains("id=history"));
    assert!(!out.join("updates.xml").exists());
}

#[test]
fn a_site_whose_data_the_repository_ignores_has_no_history() {
    let site = scratch_site();
    let root = site.path();
    std::fs::write(root.join(".gitignore"), "data/\n").unwrap();
    git(root, "2026-01-10T10:00:00+09:00", &["init", "-q", "-b", "main"]);
    commit(root, "2026-01-10T10:00:00+09:00", "first");
    let out = build_ok(root);
    assert!(!read(&out.join("m/132144/index.html")).contains("id=history"), "not tracked: no 更新履歴");
    assert!(!out.join("updates.xml").exists());
}

#[test]
fn kyoten_check_does_not_read_the_history_a_build_reads() {
    let site = scratch_site();
    let root = site.path();
    git(root, "2026-01-10T10:00:00+09:00", &["init", "-q", "-b", "main"]);
    commit(root, "2026-01-10T10:00:00+09:00", "first");
    // The data folder's tree object goes missing: reading the history fails.
    let o = Command::new("git").args(["rev-parse", "HEAD:data/municipalities"]).current_dir(root).output().unwrap();
    let id = String::from_utf8(o.stdout).unwrap().trim().to_string();
    std::fs::remove_file(root.join(".git/objects").join(&id[..2]).join(&id[2..])).unwrap();
    let root_arg = root.to_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    let build = common::kyoten(&["build", "--root", root_arg, "--output", out.path().to_str().unwrap()]);
    let said = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success() && said.contains("cannot read the site's git history"), "{said}");
    let check = common::kyoten(&["check", "--root", root_arg]);
    let said = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{said}");
    assert!(!said.contains("git history"), "check reads no history: {said}");
}
