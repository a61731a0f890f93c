//! How a prefecture follows up its municipalities (tests/fixtures/followup/): 整備状況
//! as the national survey counts it — 整備済, 整備予定 with its target 年度, その他・未定 —
//! with a target that has passed marked on the page, in /compare/ and in the CSVs.

mod common;

use common::text;
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

#[test]
fn review_actions_are_tracked_across_reviews_and_counted_for_the_prefecture() {
    let dir = common::fixture_site("followup");
    let files = build(dir.path());
    // 船橋市: stay-beds carried from 2025 and done in 2026; flowchart past its due date;
    // training done; night-line not started — 2 open (1 overdue), 2 done.
    let page = &files["m/122041/index.html"];
    let actions = &page[page.find("id=actions-title").unwrap()..];
    let actions = &actions[..actions.find("</section>").unwrap()];
    let t = text(actions);
    assert!(t.contains("未完了 2（うち期限超過 1）・完了 2"), "{t}");
    let order: Vec<usize> = ["フローチャート", "夜間の相談電話", "受入れ先を2か所", "強度行動障害"]
        .iter()
        .map(|w| t.find(w).unwrap_or_else(|| panic!("{w} listed")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "overdue first, then open, then done: {order:?}");
    assert!(t.contains("期限を過ぎています"));
    assert_eq!(t.matches("期限を過ぎています").count(), 1, "{t}");
    assert!(t.contains("令和7年6月1日（令和8年6月1日の検証・検討で状況を更新）"), "carried on: {t}");
    assert!(page.contains("review-2026.pdf"), "the published review is linked");
    assert!(text(page).contains("緊急時の受入れ先が足りない。"), "findings per function");
    // The function's section lists the actions concerning it.
    let emergency = &page[page.find("id=function-emergency").unwrap()..];
    let emergency = text(&emergency[..emergency.find("</section>").unwrap()]);
    assert!(emergency.contains("検証・検討で決めた取組") && emergency.contains("フローチャート"), "{emergency}");

    // The roadmap: a step whose 年度 ended while in progress is marked; one running to
    // 令和9年度 is not, and shows its due date; the challenge past its due date is marked.
    let roadmap = &page[page.find("id=roadmap-title").unwrap()..];
    let roadmap = text(&roadmap[..roadmap.find("</section>").unwrap()]);
    assert!(roadmap.contains("4段階のうち、完了 1・期間を過ぎて完了していないもの 1"), "{roadmap}");
    assert!(roadmap.contains("令和6年度 進行中 期間を過ぎています"), "{roadmap}");
    assert!(roadmap.contains("令和6〜9年度（期限 令和9年度） 未着手コーディネーターを2人にする"), "{roadmap}");
    assert_eq!(roadmap.matches("過ぎています").count(), 1, "{roadmap}");
    let challenges = &page[page.find("id=challenges-title").unwrap()..];
    let challenges = text(&challenges[..challenges.find("</section>").unwrap()]);
    assert!(challenges.contains("期限 令和7年3月 期限を過ぎています"), "{challenges}");

    // /compare/12/: the row and the roll-up.
    let chiba = &files["compare/12/index.html"];
    let row = cells(chiba, "122041");
    let cell = row.iter().find(|c| c.contains("#actions")).expect("an actions cell");
    assert!(text(cell).contains("未完了 2") && text(cell).contains("期限超過 1") && text(cell).contains("完了 2"));
    assert!(text(cell).contains("ロードマップ 1 / 4 完了"), "{cell}");
    assert!(text(cell).contains("ロードマップ期限超過 1"), "{cell}");
    let none = cells(chiba, "122068");
    assert!(none.iter().any(|c| text(c).contains("記録なし")));
    let summary = text(&chiba[chiba.find("<dt>検証・検討で決めた取組</dt>").unwrap()..]);
    assert!(summary.starts_with("検証・検討で決めた取組未完了 2（うち期限超過 1）・完了 2"), "{summary}");
    assert!(summary.contains("期限を過ぎた取組のある市区町村 1"));

    // The prefecture's CSV: its own rows only, BOM, CRLF, 1/0, one date format.
    let csv = &files["data/compare-12.csv"];
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("\r\n") && !csv.replace("\r\n", "").contains('\n'), "CRLF line ends");
    assert_eq!(csv.trim_end().split("\r\n").count(), 1 + 5, "a header and 千葉県's five rows");
    let r = csv_row(csv, "122041");
    assert_eq!(
        [
            "取組_未完了",
            "取組_期限超過",
            "取組_完了",
            "ロードマップ_完了",
            "ロードマップ_状況記録",
            "ロードマップ_期限超過"
        ]
        .map(|k| r[k].as_str()),
        ["2", "1", "2", "1", "4", "1"]
    );
    assert_eq!(r["最後の検証・検討"], "2026-06-01");
    assert!(chiba.contains("href=/data/compare-12.csv"), "linked from /compare/12/");
}

#[test]
fn bad_actions_are_named_with_their_line() {
    let dir = common::fixture_site("followup");
    let file = dir.path().join("data/municipalities/122041.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    // A status outside the vocabulary; an id used twice in one review.
    let bad = text
        .replacen(
            "status: not_started\n        functions: [consultation]",
            "status: started\n        functions: [consultation]",
            1,
        )
        .replacen("      - id: training\n", "      - id: flowchart\n", 1);
    std::fs::write(&file, &bad).unwrap();
    let (site, diags) = kyoten::check_site(dir.path());
    assert!(site.is_none());
    let line_of =
        |needle: &str, nth: usize| bad.lines().enumerate().filter(|(_, l)| l.contains(needle)).nth(nth).unwrap().0 + 1;
    let status = diags.items.iter().find(|d| d.message.contains("started")).expect("bad status");
    assert_eq!((status.line, status.severity), (line_of("status: started", 0), Severity::Error));
    assert!(status.hint.as_deref().unwrap_or_default().contains("not_started"), "{:?}", status.hint);
    let twice = diags.items.iter().find(|d| d.message.contains("used twice")).expect("duplicate id");
    assert_eq!(twice.line, line_of("- id: flowchart", 1));

    let reopened = text.replacen(
        "        due: 令和7年度\n        status: done\n        done_on: 2026-03-31",
        "        due: 令和7年度\n        status: in_progress",
        1,
    );
    let reopened = reopened.replacen(
        "        due: 令和7年度\n        status: in_progress\n        functions: [emergency]\n      - id: flowchart",
        "        due: 令和7年度\n        status: done\n        functions: [emergency]\n      - id: flowchart",
        1,
    );
    std::fs::write(&file, &reopened).unwrap();
    let (_, diags) = kyoten::check_site(dir.path());
    let d = diags.items.iter().find(|d| d.message.contains("was done (完了)")).expect("reopened said");
    let first_in_progress = reopened.lines().position(|l| l.contains("status: in_progress")).unwrap() + 1;
    assert_eq!((d.severity, d.line), (Severity::Warning, first_in_progress), "{d:?}");
    assert!(d.message.contains("進行中 (in_progress)"), "{}", d.message);
}

#[test]
fn coordinators_are_counted_by_funding_and_hours() {
    let dir = common::fixture_site("followup");
    let files = build(dir.path());
    let chiba = &files["compare/12/index.html"];
    let cell = cells(chiba, "122041").into_iter().find(|c| c.contains("あり")).expect("a coordinator cell");
    assert!(cell.contains("あり（2人）") && cell.contains("機能強化加算") && cell.contains("24時間"), "{cell}");
    let summary = &chiba[chiba.find("<dt>コーディネーター配置</dt>").unwrap()..];
    assert!(summary[..summary.find("</dd>").unwrap()].contains("1（うち機能強化加算で配置 1、24時間つながる 1）"));
    let r = csv_row(&files["data/compare-12.csv"], "122041");
    assert_eq!(
        ["コーディネーター", "コーディネーター_人数", "コーディネーター_財源", "コーディネーター_24時間"]
            .map(|k| r[k].as_str()),
        ["1", "2", "機能強化加算", "1"]
    );
    let none = csv_row(&files["data/compare-12.csv"], "122068");
    assert_eq!((none["コーディネーター_人数"].as_str(), none["コーディネーター_24時間"].as_str()), ("", ""));
    let page = &files["m/122041/index.html"];
    assert!(page.contains("財源：機能強化加算") && page.contains("24時間つながる体制です"));

    // A count with placed: false is a slip, said at its line.
    let file = dir.path().join("data/municipalities/122041.yaml");
    let text =
        std::fs::read_to_string(&file).unwrap().replace("  placed: true\n  count: 2", "  placed: false\n  count: 2");
    std::fs::write(&file, &text).unwrap();
    let (_, diags) = kyoten::check_site(dir.path());
    let d = diags.items.iter().find(|d| d.message.contains("placed: false")).expect("warned");
    assert_eq!(d.line, text.lines().position(|l| l.contains("count: 2")).unwrap() + 1);
}

#[test]
fn a_prefecture_record_shows_on_its_comparison_and_is_checked() {
    let dir = common::fixture_site("followup");
    std::fs::create_dir_all(dir.path().join("data/prefectures")).unwrap();
    let record = "code: \"12\"\nsummary: 千葉県の取組です。\nsupport:\n  - kind: training\n    name: 拠点コーディネーター研修\nareas:\n  - name: 東葛北部圏域\n    members: [\"122041\", \"122025\"]\ncontact:\n  name: 千葉県 障害福祉事業課\n  phone: \"043-000-0000\"\nlast_verified: 2026-10-01\n";
    std::fs::write(dir.path().join("data/prefectures/12.yaml"), record).unwrap();
    let files = build(dir.path());
    for page in ["compare/12/index.html", "m/12/index.html"] {
        let html = &files[page];
        assert!(
            html.contains("千葉県の取組") && html.contains("拠点コーディネーター研修") && html.contains(">研修<"),
            "{page}"
        );
        assert!(html.contains("東葛北部圏域") && html.contains("href=/m/122025/"), "{page}: the 圏域 and its members");
        assert!(html.contains("href=tel:043-000-0000"), "{page}: whom to ask");
    }
    // A member of another prefecture, a member in two 圏域, a bad kind: each at its line.
    let bad = record.replace("kind: training", "kind: trainning").replace(
        "members: [\"122041\", \"122025\"]",
        "members: [\"122041\", \"132144\"]\n  - name: 印旛圏域\n    members: [\"122041\"]",
    );
    std::fs::write(dir.path().join("data/prefectures/12.yaml"), &bad).unwrap();
    let (site, diags) = kyoten::check_site(dir.path());
    assert!(site.is_none());
    let line = |needle: &str| bad.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let find = |what: &str| diags.items.iter().find(|d| d.message.contains(what)).unwrap_or_else(|| panic!("{what}"));
    assert_eq!(find("trainning").line, line("kind: trainning"));
    assert_eq!(find("国分寺市 is in 東京都").line, line("132144"));
    assert_eq!(find("船橋市 is already in 東葛北部圏域").line, line("members: [\"122041\"]"));
}

#[test]
fn a_resource_the_vocabulary_lacks_keeps_its_own_name() {
    let dir = common::fixture_site("followup");
    let file = dir.path().join("data/municipalities/122068.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap()
        + "providers:\n  - id: kisarazu-hotel\n    name: 木更津ホテル\n    services: [lodging, other]\n    other_service: 一時宿泊の協力ホテル\n    functions: [emergency]\n  - id: kisarazu-roken\n    name: 木更津の老健\n    services: [care_insurance_facility]\n    functions: [emergency]\n";
    std::fs::write(&file, &yaml).unwrap();
    let files = build(dir.path());
    let page = &files["p/kisarazu-hotel/index.html"];
    assert!(
        page.contains("宿泊施設") && page.contains("一時宿泊の協力ホテル") && !page.contains(">その他<"),
        "its own label"
    );
    assert!(files["m/122068/index.html"].contains("宿泊施設・一時宿泊の協力ホテル"));
    assert!(files["data/providers-standard.csv"].contains(",宿泊施設・一時宿泊の協力ホテル,"));
    assert!(
        files.contains_key("map/service/care_insurance_facility/index.html"),
        "a map filter per kind with providers"
    );

    // other without saying what it is: refused at its line.
    let bad = yaml.replace("    other_service: 一時宿泊の協力ホテル\n", "");
    std::fs::write(&file, &bad).unwrap();
    let (site, diags) = kyoten::check_site(dir.path());
    assert!(site.is_none());
    let d = diags.items.iter().find(|d| d.message.contains("does not say what it is")).expect("refused");
    assert_eq!(d.line, bad.lines().position(|l| l.contains("services: [lodging, other]")).unwrap() + 1);
    assert!(d.hint.as_deref().unwrap_or_default().contains("other_service"));
}

#[test]
fn places_for_emergencies_show_their_date_and_age() {
    let dir = common::fixture_site("followup");
    let today = kyoten::check::today().iso().unwrap();
    let file = dir.path().join("data/municipalities/122068.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap()
        + &format!(
            "providers:\n  - id: kisarazu-stay\n    name: 木更津短期入所\n    services: [short_stay]\n    functions: [emergency]\n    location: {{ lat: 35.38, lon: 139.93 }}\n    places: {{ count: 2, kind: vacant, confirmed: {today} }}\n  - id: kisarazu-old\n    name: 木更津ホーム\n    services: [short_stay]\n    functions: [emergency]\n    location: {{ lat: 35.39, lon: 139.94 }}\n    places: {{ count: 1, kind: kept, confirmed: 2020-01-01 }}\n"
        );
    std::fs::write(&file, &yaml).unwrap();
    let files = build(dir.path());
    let page = &files["m/122068/index.html"];
    assert!(page.contains("空き2床"), "a place confirmed today");
    assert!(page.contains("緊急時用に1床") && page.contains("要確認"), "an old one says 要確認");
    let fresh = &files["p/kisarazu-stay/index.html"];
    assert!(fresh.contains("2床が空いていました") && !fresh.contains("要確認"));
    assert!(files["p/kisarazu-old/index.html"].contains("要確認："));
    // The map filters by it: only the recently confirmed place.
    let filter = &files["map/place/available/index.html"];
    assert!(filter.contains("木更津短期入所") && !filter.contains("木更津ホーム"), "filter page");
    assert!(files["map/index.html"].contains("data-place=available"));
    // check says which is old, at its line; the age is the site's setting.
    let (_, diags) = kyoten::check_site(dir.path());
    let d = diags.items.iter().find(|d| d.message.contains("places confirmed")).expect("warned");
    assert_eq!(d.line, yaml.lines().position(|l| l.contains("2020-01-01")).unwrap() + 1);
    let config = dir.path().join("kyoten.yaml");
    std::fs::write(&config, std::fs::read_to_string(&config).unwrap() + "places_max_age_days: 10000\n").unwrap();
    let (_, diags) = kyoten::check_site(dir.path());
    assert!(!diags.items.iter().any(|d| d.message.contains("places confirmed")), "within 10,000 days");
}

#[test]
fn a_roadmap_without_statuses_says_once_that_its_passed_steps_are_unrecorded() {
    let dir = common::fixture_site("followup");
    let file = dir.path().join("data/municipalities/122068.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap()
        + "roadmap:\n  - period: 令和5年度\n    items: [方針整備]\n  - period: 令和6年度\n    items: [作業部会]\n  - period: 令和20年度\n    items: [見直し]\n";
    std::fs::write(&file, yaml).unwrap();
    let files = build(dir.path());
    let page = &files["m/122068/index.html"];
    let roadmap = &page[page.find("id=roadmap-title").unwrap()..];
    let roadmap = text(&roadmap[..roadmap.find("</section>").unwrap()]);
    assert!(roadmap.contains("期間を過ぎた 2 段階は、どうなったかが記録されていません。"), "{roadmap}");
    assert!(!roadmap.contains("過ぎています") && !roadmap.contains("完了"), "no per-step marks, no claims: {roadmap}");
    let r = csv_row(&files["data/compare-12.csv"], "122068");
    assert_eq!((r["ロードマップ_状況記録"].as_str(), r["ロードマップ_期限超過"].as_str()), ("0", "0"));
}
