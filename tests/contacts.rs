//! Contacts by hour and by area (tests/fixtures/contacts/): the order on the page,
//! the red button only for a line that answers at every hour, the wards' centres
//! in one table, whether someone answers at every hour, and the open data.

mod common;

use std::collections::HashMap;

fn build() -> HashMap<String, String> {
    let dir = common::fixture_site("contacts");
    let (files, diags) = kyoten::build_files(dir.path()).unwrap_or_else(|d| panic!("builds: {:?}", d.items));
    assert!(diags.items.iter().all(|d| !d.to_string().contains("hours")), "no warning about hours: {:?}", diags.items);
    files.into_iter().map(|f| (f.path, String::from_utf8_lossy(&f.bytes).into_owned())).collect()
}

/// The `<a …>` element whose href dials `number`.
fn tel_anchor<'a>(html: &'a str, number: &str) -> &'a str {
    let href = format!("tel:{number}");
    let at = html.find(&href).unwrap_or_else(|| panic!("{number} is on the page"));
    let start = html[..at].rfind("<a ").unwrap();
    &html[start..at]
}

fn red(anchor: &str) -> bool {
    anchor.contains("class=tel ") || anchor.contains("class=\"tel\"") || anchor.contains("class=tel>")
}

#[test]
fn a_designated_city_lists_each_wards_centre_and_its_night_line() {
    let files = build();
    let sakai = &files["m/271403/index.html"];
    // Every ward's centre, by ward name, with its number, in ward-code order.
    let wards = ["堺区", "中区", "東区", "西区", "南区", "北区", "美原区"];
    let mut last = 0;
    for (i, w) in wards.iter().enumerate() {
        let number = format!("000-0000-{}", 9101 + i);
        let at = sakai.find(&format!("tel:{number}")).unwrap_or_else(|| panic!("{w}'s centre {number}"));
        assert!(at > last, "{w} in ward order");
        last = at;
        assert!(sakai.contains(&format!("class=ward-label>{w}</span>")), "{w} names its row");
    }
    // Named once for all (each is 〜区 + 基幹相談支援センター), not 7 times.
    assert!(sakai.contains("お住まいの区の基幹相談支援センター（7区）"), "the table's heading");
    // Neither line answers at every hour alone: no red button, hours beside each.
    assert!(!red(tel_anchor(sakai, "000-0000-9000")), "the night line is an ordinary button");
    assert!(sakai.contains("夜間・休日"), "the night line's hours in words");
    assert!(sakai.contains("平日の日中"), "the centres' hours in words");
    assert!(sakai.contains("時間によって、電話するところが変わります"), "the page says the lines take turns");
    // The page's script gets the windows (08:30–17:15 from contact_daytime) and the 祝日.
    assert!(sakai.contains("&quot;f&quot;:510,&quot;t&quot;:1035") || sakai.contains("\"f\":510,\"t\":1035"));
    assert!(sakai.contains("data-holidays=") && sakai.contains("static/contact.js"));
}

#[test]
fn the_line_that_answers_around_the_clock_comes_first_with_the_red_button() {
    let files = build();
    let kokubunji = &files["m/132144/index.html"];
    let always = kokubunji.find("tel:000-0000-7002").unwrap();
    let office = kokubunji.find("tel:000-0000-7001").unwrap();
    assert!(always < office, "the 24-hour line is listed before the office although the file lists it second");
    assert!(red(tel_anchor(kokubunji, "000-0000-7002")), "red button for the line answering at every hour");
    assert!(!red(tel_anchor(kokubunji, "000-0000-7001")), "ordinary button for the daytime office");
}

#[test]
fn the_comparison_and_the_open_data_say_whether_someone_answers_at_every_hour() {
    let files = build();
    let csv = &files["data/compare.csv"];
    let cell = |code: &str| {
        let header: Vec<&str> = csv.lines().next().unwrap().trim_start_matches('\u{feff}').split(',').collect();
        let col = header.iter().position(|h| *h == "24時間の連絡先").unwrap();
        let row = csv.lines().find(|l| l.starts_with(code)).unwrap();
        row.split(',').nth(col).unwrap().to_string()
    };
    assert_eq!(cell("271403"), "1", "堺市: the centres by day and the night line together");
    assert_eq!(cell("132144"), "1", "国分寺市: one line");
    assert_eq!(cell("122041"), "0", "船橋市: nobody answers on 祝日");
    let compare = &files["compare/index.html"];
    assert!(compare.contains("昼と夜の連絡先を合わせて"));
    assert!(compare.contains("つながらない時間あり"));
    assert!(!compare.contains("24時間ではない"));

    let contacts = &files["data/contacts.csv"];
    assert_eq!(contacts.lines().count(), 1 + 8 + 2 + 2, "a row per contact:\n{contacts}");
    let miharu = contacts.lines().find(|l| l.contains("美原区")).unwrap();
    assert!(miharu.contains("271471") && miharu.contains("000-0000-9107") && miharu.contains("平日の日中"), "{miharu}");
    let night = contacts.lines().find(|l| l.contains("夜間の相談電話")).unwrap();
    assert!(night.contains("平日 17:15〜翌8:30、土曜・日曜 0:00〜24:00"), "the windows in words: {night}");
    assert!(night.contains("祝日・年末年始は休みです"));
}

#[test]
fn a_ward_missing_a_centre_leaves_a_gap_when_the_night_line_does_not_cover_the_day() {
    let dir = common::fixture_site("contacts");
    let path = dir.path().join("data/municipalities/271403.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let without: String = text.lines().filter(|l| !l.contains("美原区")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, without).unwrap();
    let (site, _) = kyoten::check_site(dir.path());
    let site = site.unwrap();
    let d = kyoten::derive::derive(&site, kyoten::derive::plan(&site));
    let row = d.compare.rows.iter().find(|r| r.code == "271403").unwrap();
    assert!(!row.contact_24h, "美原区 has no daytime centre and the night line does not answer by day");
}

#[test]
fn a_ward_name_finds_the_city_in_search() {
    let dir = common::fixture_site("contacts");
    let (site, _) = kyoten::check_site(dir.path());
    let records = kyoten::output::search::records(&site.unwrap());
    let sakai = records.iter().find(|r| r.url == "/m/271403/").unwrap();
    assert!(sakai.text.contains("美原区") && sakai.text.contains("みはらく"), "{}", sakai.text);
}
