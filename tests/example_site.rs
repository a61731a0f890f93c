//! The bundled example site: built once, then its pages are read for the seed facts.

mod common;

use common::*;
use std::path::PathBuf;
use std::sync::OnceLock;

fn built() -> &'static PathBuf {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = std::env::temp_dir().join(format!("kyoten-example-{}", std::process::id()));
        let output = kyoten(&["build", "--root", repo().to_str().unwrap(), "--output", out.to_str().unwrap()]);
        assert!(output.status.success(), "build failed: {}", String::from_utf8_lossy(&output.stderr));
        out
    })
}

fn page(path: &str) -> String {
    let file = built().join(path);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn assert_contains(html: &str, what: &[&str], page: &str) {
    for w in what {
        assert!(html.contains(w), "{page} does not contain {w:?}");
    }
}

#[test]
fn osaka_shows_seed_000_facts() {
    let p = "m/271004/index.html";
    assert_contains(
        &page(p),
        &[
            "大阪市",
            "面的整備型",
            "令和4年8月に要綱を制定",
            "令和5年3月から運用を開始",
            "24か所",
            "1,341",
            "障がい者緊急一時保護事業",
            "令和2年度",
            "令和5年度",
            "障がい者夜間・休日等緊急時支援事業",
            "インターバル実習",
            "359",
            "加算を得ることができ、収入増加につながった",
            "呼びかけチラシ",
            "事例①",
            "事例②",
        ],
        p,
    );
}

#[test]
fn kokubunji_shows_seed_001_facts() {
    let p = "m/132144/index.html";
    assert_contains(
        &page(p),
        &[
            "国分寺市",
            "令和4年3月24日",
            "地域活動支援センターつばさ",
            "緊急入所保護事業",
            "ピア国分寺",
            "相談支援事業所連絡会を12回開催",
            "24時間365日",
        ],
        p,
    );
}

#[test]
fn nishitokyo_shows_seed_003_facts() {
    let p = "m/132292/index.html";
    assert_contains(
        &page(p),
        &[
            "西東京市",
            "面的整備型",
            "整備予定",
            "目標の令和4年度を過ぎています",
            "令和2年度",
            "令和5年度以後",
            "泉小学校跡地",
            "おおむね年間30日",
            "調整会議への参加",
            "社会福祉法人睦月会",
        ],
        p,
    );
}

#[test]
fn shiroi_shows_seed_004_facts_and_contact_first() {
    let p = "m/122327/index.html";
    let html = page(p);
    assert_contains(
        &html,
        &[
            "白井市",
            "輪番制",
            "24時間365日",
            "tel:000-0000-0020",
            "ハイリスク",
            "精神障害者及び障害児を受け入れる短期入所事業所の不在",
            "地域移行部会",
            "令和8年5月12日",
        ],
        p,
    );
    // The contact comes before the status section.
    let contact = html.find("困ったときの連絡先").unwrap();
    let status = html.find("整備の状況").unwrap();
    assert!(contact < status, "24h contact must open the page");
}

#[test]
fn every_catalogue_case_has_a_page_citing_its_source() {
    let cases: Vec<_> = std::fs::read_dir(built().join("cases"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().join("index.html").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("block-") || n.starts_with("osaka-jirei-"))
        .collect();
    assert_eq!(cases.len(), 53, "51 catalogue cases and 大阪市's two 事例");
    for c in &cases {
        let html = page(&format!("cases/{c}/index.html"));
        assert!(html.contains("出典"), "{c} has no 出典");
        assert!(html.contains("平成31年3月28日") || html.contains("大阪市"), "{c} does not cite its source");
    }
}

#[test]
fn case_filters_work_without_javascript() {
    let kumamoto = page("cases/pref/43/index.html");
    assert!(kumamoto.contains("菊池市の事例"));
    assert!(!kumamoto.contains("根室市の事例"));
    let combined = page("cases/type/combined/index.html");
    assert!(combined.contains("長岡市の事例") && combined.contains("生駒市の事例"));
    assert!(!combined.contains("川越市の事例"));
    assert!(page("cases/status/planned/index.html").contains("雲南市の事例"));
}

#[test]
fn practices_filter_by_prefecture() {
    let kagoshima = page("cases/practices/46/index.html");
    assert!(kagoshima.contains("多数法人と契約しておく"));
    assert!(!kagoshima.contains("学生向け下宿"));
    let hokkaido = page("cases/practices/01/index.html");
    assert!(hokkaido.contains("学生向け下宿"));
}

#[test]
fn sample_records_are_marked() {
    let html = page("p/osaka-shortstay-sample/index.html");
    assert!(html.contains("サンプル"));
    assert!(html.contains("tel:000-0000-0032"));
}

#[test]
fn pages_are_japanese_with_skip_link_and_csp() {
    for p in ["index.html", "m/122327/index.html", "cases/index.html", "guide/komatta/index.html", "404.html"] {
        let html = page(p);
        assert!(html.contains("lang=ja") || html.contains("lang=\"ja\""), "{p} lang");
        assert!(html.contains("#main"), "{p} skip link");
        assert!(html.contains("Content-Security-Policy"), "{p} CSP");
        assert!(!html.contains("https://fonts."), "{p} external font");
    }
    let komatta = page("guide/komatta/index.html");
    assert!(komatta.contains("<ruby>救急車<rp>（</rp><rt>きゅうきゅうしゃ</rt>"));
    assert!(komatta.contains("tel:119"));
    assert!(page("index.html").contains("tel:119"), "119 is one tap away from the home page");
    assert!(page("sitemap.xml").contains("https://kyoten.example.jp/m/122327/"));
    assert!(page("robots.txt").contains("Sitemap:"));
    // A prefecture's list carries each municipality's 24-hour number.
    let chiba = page("m/12/index.html");
    assert!(chiba.contains("href=tel:000-0000-0020") && chiba.contains("白井市"), "千葉県's list");
    assert!(!chiba.contains("大阪市"));
    assert!(chiba.contains("badge-sample"), "a sample contact says so on the list too");
    assert!(page("m/index.html").contains("href=/m/27/"), "/m/ links each prefecture's list");
}

#[test]
fn two_builds_are_byte_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for out in [a.path(), b.path()] {
        let o = kyoten(&["build", "--root", repo().to_str().unwrap(), "--output", out.join("site").to_str().unwrap()]);
        assert!(o.status.success());
    }
    let (sa, sb) = (snapshot(&a.path().join("site")), snapshot(&b.path().join("site")));
    assert!(sa.len() > 100);
    assert!(sa == sb, "two builds differ");
}

/// 事前登録 from the seeds, right under the contact: 西東京市's procedure (003),
/// 大阪市's registration with the ward centres (000), 白井市's planned 登録制 (004 §8-2).
#[test]
fn pre_registration_is_shown_under_the_contact_from_the_seeds() {
    let section = |path: &str| {
        let html = page(path);
        let contact = html.find("id=contact").unwrap_or_else(|| panic!("{path}: no contact box"));
        let at = html.find("id=pre-registration").unwrap_or_else(|| panic!("{path}: no 事前登録 section"));
        let toc = html.find("class=toc").unwrap();
        assert!(contact < at && at < toc, "{path}: 事前登録 is not right under the contact");
        html[at..toc].to_string()
    };
    let nishitokyo = section("m/132292/index.html");
    assert_contains(
        &nishitokyo,
        &[
            "事前の利用登録",
            "受付中",
            "<ol><li>相談支援事業所などのコーディネーターから、事業の説明を受ける",
            "登録申請書を書く",
            "もしもに備えた調整",
            "短期入所の支給決定",
            "出典：西東京市 地域生活支援拠点等整備方針",
        ],
        "西東京市",
    );
    let osaka = section("m/271004/index.html");
    assert_contains(
        &osaka,
        &["障がい者基幹相談支援センターへの利用登録", "市内24か所", "ふだんからの相談", "急なときの相談"],
        "大阪市",
    );
    let shiroi = section("m/122327/index.html");
    assert_contains(&shiroi, &["登録制", "準備中", "1次アセスメント"], "白井市");
    assert!(!shiroi.contains("受付中"), "白井市's 登録制 is a plan");
    // 国分寺市's seed says nothing of 事前登録: no section.
    assert!(!page("m/132144/index.html").contains("id=pre-registration"));
}

/// What happens after the call, from the seeds; a municipality without it says so.
#[test]
fn the_steps_after_a_call_are_numbered_or_their_absence_said() {
    let section = |path: &str| {
        let html = page(path);
        let at = html.find("id=after-call").unwrap_or_else(|| panic!("{path}: no after-call section"));
        let end = at + html[at..].find("</section>").unwrap();
        html[at..end].to_string()
    };
    let nishitokyo = section("m/132292/index.html");
    assert_contains(
        &nishitokyo,
        &["<ol", "受け入れ先の施設との調整の橋渡し", "必要なときは付き添う", "コーディネーターの役割"],
        "西東京市",
    );
    assert_eq!(nishitokyo.matches("<li>").count(), 3);
    let osaka = section("m/271004/index.html");
    assert_contains(&osaka, &["居宅を訪問する", "施設で一時的に保護する"], "大阪市");
    let shiroi = section("m/122327/index.html");
    assert_contains(&shiroi, &["見直し中", "令和7年度のうちには改訂に至っていません"], "白井市");
    assert!(!shiroi.contains("<ol"), "白井市's flowchart is unfinished: no steps are invented");
    let kokubunji = section("m/132144/index.html");
    assert_contains(&kokubunji, &["まだ載っていません"], "国分寺市");
}

/// The contact box of a page: from its opening to the 事前登録 or the steps after a call.
fn contact_box(path: &str) -> String {
    let html = page(path);
    let at = html.find("id=contact").unwrap_or_else(|| panic!("{path}: no contact box"));
    let end = at + html[at..].find("id=after-call").unwrap();
    html[at..end].to_string()
}

/// Contacts by hour and by area from the seeds: 大阪市's 24 ward centres by day and
/// its night line (000 L26–40), 白井市's centre with its 輪番 phone outside opening
/// hours (004 L33), 国分寺市's 24-hour line for the 緊急入所保護事業 only (001 L72–81).
#[test]
fn contacts_by_hour_and_ward_from_the_seeds() {
    let osaka = contact_box("m/271004/index.html");
    assert_contains(
        &osaka,
        &[
            "障がい者夜間・休日等緊急時支援事業",
            "夜間・休日",
            "お住まいの区の障がい者基幹相談支援センター（24区）",
            "平日の日中",
            "class=ward-label>都島区</span>",
            "class=ward-label>平野区</span>",
            "tel:000-0000-3024",
        ],
        "大阪市",
    );
    assert_eq!(osaka.matches("<li id=ward-27").count(), 24, "one row per ward");
    assert!(!osaka.contains("class=tel "), "no line answers at every hour alone: no red button without the script");
    let compare = page("compare/index.html");
    let row = &compare[compare.find("/m/271004/").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("昼と夜の連絡先を合わせて") && !row.contains("24時間ではない"), "{row}");

    let shiroi = contact_box("m/122327/index.html");
    assert_contains(&shiroi, &["24時間365日", "輪番制", "class=tel href=tel:000-0000-0020"], "白井市");
    let kokubunji = contact_box("m/132144/index.html");
    assert_contains(&kokubunji, &["緊急時の受入調整", "24時間365日なのは、緊急時の短期入所の受入れ調整"], "国分寺市");
    let nishitokyo = contact_box("m/132292/index.html");
    assert_contains(&nishitokyo, &["平日の日中", "受付時間はサンプルです", "class=\"tel tel-plain\""], "西東京市");
    // 国分寺市 without an invented coordinator.
    let html = page("m/132144/index.html");
    assert!(
        !html.contains("常時の連絡体制を確保しています"),
        "国分寺市's coordinator sentence is the national column's"
    );
}

/// Providers whose names are real (国分寺市基幹, つばさ, えぽっく, 睦月会, 白井市基幹):
/// the name carries no サンプル badge, the invented phone, address, position and
/// groups do, and the page says which fields are invented.
#[test]
fn real_providers_mark_only_their_invented_fields() {
    for id in ["kokubunji-kikan", "kokubunji-tsubasa", "nishitokyo-epok", "nishitokyo-mutsukikai", "shiroi-kikan"] {
        let html = page(&format!("p/{id}/index.html"));
        let h1 = &html[html.find("<h1>").unwrap()..html.find("</h1>").unwrap()];
        assert!(!h1.contains("badge-sample"), "{id}: the name is real");
        let phone = &html[html.find("class=contact-line").unwrap()..];
        let phone = &phone[..phone.find("</p>").unwrap()];
        assert!(phone.contains("badge-sample") && phone.contains("この電話番号は架空"), "{id}: the number is not");
        assert!(html.contains("この事業所の名前は実在のものですが、電話番号"), "{id}: the note names the fields");
    }
    let sample = page("p/osaka-shortstay-sample/index.html");
    let h1 = &sample[sample.find("<h1>").unwrap()..sample.find("</h1>").unwrap()];
    assert!(h1.contains("badge-sample"), "an invented provider is marked as a whole");
}

/// もしものときの備え: every municipality page lists the six items as a checklist and
/// adds what its seed says (国分寺市 001 L84, 白井市 004 L57 and L141, 西東京市 003
/// L144–153); 困ったときは ends with the municipality picker and links to the printable
/// guide, which is in やさしい日本語 with ふりがな.
#[test]
fn preparation_checklist_and_the_way_from_komatta_to_a_contact() {
    let section = |path: &str| {
        let html = page(path);
        let at = html.find("id=preparation").unwrap_or_else(|| panic!("{path}: no 備え section"));
        html[at..at + html[at..].find("</section>").unwrap()].to_string()
    };
    for code in ["122327", "132144", "132292", "271004"] {
        let s = section(&format!("m/{code}/index.html"));
        assert_eq!(s.matches("<li>").count(), 6, "{code}: six items");
        assert!(s.contains("/guide/sonae/"), "{code}: links to the printable guide");
    }
    assert_contains(&section("m/132144/index.html"), &["緊急時個別支援計画の作成を挙げています"], "国分寺市");
    assert_contains(
        &section("m/122327/index.html"),
        &["白井市では：", "医療的ケア児等コーディネーター", "限られた実施にとどまりました", "#pre-registration"],
        "白井市",
    );
    assert_contains(&section("m/132292/index.html"), &["おおむね年間30日"], "西東京市");

    let komatta = page("guide/komatta/index.html");
    for code in ["122327", "132144", "132292", "271004"] {
        assert!(komatta.contains(&format!("/m/{code}/#contact")), "困ったときは → {code}'s contact");
    }
    assert!(komatta.contains("href=#picker") && komatta.contains("/guide/sonae/"));
    assert!(!komatta.contains("**"), "no literal Markdown");
    let sonae = page("guide/sonae/index.html");
    assert!(sonae.contains("<ruby>") && sonae.contains("やさしい日本語"));
    assert!(sonae.matches("□").count() >= 6, "a checklist to tick on paper");
}

/// Joint block meetings as seed 002 lists them (別添2 No.1–3, 23–25, 26–28; 【熊本県・宮崎県・
/// 鹿児島県】 L663, 【大阪府・兵庫県・京都府】 L698): each case names the three prefectures,
/// 石川・富山・福井's 事例１ is 福井県's three cities and 事例２ 金沢市; the 37 prefectures
/// and the five meetings without a local case are on /compare/.
#[test]
fn joint_block_meetings_and_the_37_prefectures() {
    for (slug, meeting) in [
        ("block-02-kagoshima", "熊本県・宮崎県・鹿児島県の合同開催"),
        ("block-03-miyazaki", "熊本県・宮崎県・鹿児島県の合同開催"),
        ("block-39-hyogo", "大阪府・兵庫県・京都府の合同開催"),
        ("block-40-kyoto", "大阪府・兵庫県・京都府の合同開催"),
        ("block-41-fukui", "石川県・富山県・福井県の合同開催"),
        ("block-44-ishikawa", "石川県・富山県・福井県の合同開催"),
    ] {
        let html = page(&format!("cases/{slug}/index.html"));
        assert!(html.contains(meeting), "{slug}: {meeting}");
    }
    assert!(page("cases/block-43-fukui/index.html").contains("「事例１」（福井県：福井市・鯖江市・越前市）"));
    assert!(page("cases/block-44-ishikawa/index.html").contains("「事例２」として"));
    let compare = page("compare/index.html");
    assert_contains(&compare, &["37都道府県", "沖縄県・茨城県・鳥取県・佐賀県・高知県"], "/compare/");
}

/// The printed flyer leads back to its page: a QR code of the flyer's own URL.
#[test]
fn the_flyer_carries_a_qr_code_of_its_page() {
    let html = page("recruit/122327/index.html");
    let at = html.find("class=flyer-qr").expect("a QR code");
    let figure = &html[at..at + html[at..].find("</figure>").unwrap()];
    assert!(
        figure.to_lowercase().contains("viewbox=\"0 0 37 37\""),
        "version 3 plus the quiet zone: {}",
        &figure[..120]
    );
    assert!(figure.contains("M4 4h7v1h-7z"), "the finder pattern starts at the quiet zone");
    assert!(figure.contains("スマートフォンで読み取ると"));
}

/// A printable 緊急連絡先カード per municipality: every line with its number and hours,
/// the wards' centres, 事前登録, a QR code of the municipality's page; linked from
/// the contact box.
#[test]
fn a_contact_card_to_put_on_the_fridge() {
    let card = page("m/271004/card/index.html");
    assert_contains(
        &card,
        &[
            "大阪市の緊急連絡先カード",
            "tel:000-0000-0030",
            "夜間・休日",
            "tel:000-0000-3024",
            "平日の日中",
            "利用登録",
            "class=flyer-qr",
            "https://kyoten.example.jp/m/271004/",
        ],
        "大阪市のカード",
    );
    assert!(page("m/271004/index.html").contains("/m/271004/card/"), "linked from the contact box");
    let shiroi = page("m/122327/card/index.html");
    assert_contains(&shiroi, &["tel:000-0000-0020", "24時間365日"], "白井市のカード");
}

/// The catalogue's 甲賀圏域 and 紀南圏域 as joint bases (sample records: the catalogue
/// gives no contact): each member's page, the comparison, the maps and the cases.
#[test]
fn joint_bases_of_the_catalogue_show_on_every_member() {
    let konan = page("m/252115/index.html");
    assert_contains(
        &konan,
        &["湖南市", "甲賀市と共同で拠点等を整備しています", "甲賀圏域の地域生活支援拠点等", "area joint"],
        "湖南市",
    );
    let kiho = page("m/245623/index.html");
    assert_contains(&kiho, &["熊野市・御浜町と共同で拠点等を整備しています", "紀南圏域", "badge-sample"], "紀宝町");
    let compare = page("compare/index.html");
    for code in ["252093", "252115", "242128", "245615", "245623"] {
        let at = compare.find(&format!("/m/{code}/")).unwrap();
        let row = &compare[at..at + compare[at..].find("</tr>").unwrap()];
        assert!(row.contains("共同整備"), "{code}");
    }
    assert!(page("cases/block-32-shiga/index.html").contains("href=/m/252093/#joint"));
    assert!(page("cases/block-35-mie/index.html").contains("href=/m/242128/#joint"));
}
