//! The spreadsheet round trip: which sheets a workbook has, which column holds
//! which field of which record, and how a cell's value becomes a field's value
//! and back. `export` writes a workbook from the data folder; `import` reads one
//! back into it. Both read this module's list, so a column exists in one place.
//!
//! A row is one record of a list in a municipality file (a provider, a contact,
//! a function's entry, a review, an action of a review) or, on the 市区町村 sheet,
//! the municipality file itself. Its hidden first column says which record it was
//! exported from (`132144/providers/3`); a row with that column blank is a record
//! to add. Fields no column shows are kept as they are.

pub mod export;
pub mod import;

use crate::model::vocab::{self, Term};
use serde_json::Value;

/// What a column holds and how its cells are read.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// One line of text.
    Text,
    /// Text of several lines (wrapped in the cell).
    Long,
    /// Several items, one per line in the cell (a list of strings in the file).
    Lines,
    /// One term of a vocabulary, chosen by its label from a drop-down.
    Term(&'static [Term]),
    /// 〇 when the record's list at the column's path holds this term.
    Flag(&'static Term),
    /// A date or period: a date cell in the workbook when it is one day
    /// (YYYY-MM-DD in the file), else text kyoten reads as a date (令和7年度).
    Date,
    /// A decimal number (latitude, longitude).
    Number,
    /// A whole number (定員).
    Count,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    /// Dotted path of the field within the record (`location.lat`).
    pub path: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Width in characters.
    pub width: f64,
}

/// The municipality a row belongs to: the second column of every sheet.
pub const CODE_HEADER: &str = "市区町村コード";
/// The hidden first column.
pub const ROW_HEADER: &str = "行の識別子（変更しないでください）";
/// The path of a nested sheet's column naming the parent record by its key.
pub const PARENT: &str = "@parent";
/// The mark of a flag column.
pub const MARK: &str = "〇";

/// Where a sheet's records are in a municipality file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Records {
    /// The file itself (one row per municipality).
    File,
    /// A top-level list (`providers`).
    List(&'static str),
    /// The list `child` of each item of the top-level list `parent`
    /// (`reviews` → `actions`); `key` names the parent item on a row.
    Nested { parent: &'static str, child: &'static str, key: &'static str },
}

#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: &'static str,
    pub records: Records,
    /// What the sheet is for, on the instructions sheet.
    pub about: &'static str,
    /// The fields that name a record within its list: a row without a row id
    /// whose key fields match a record is that record (so importing the same
    /// workbook twice adds nothing twice), otherwise it is added.
    pub key: &'static [&'static str],
    pub columns: Vec<Column>,
}

impl Sheet {
    /// The column of `path`, if the sheet has one.
    pub fn column(&self, path: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.path == path)
    }
}

fn col(header: &str, path: &'static str, kind: Kind, width: f64) -> Column {
    Column { header: header.to_string(), path, kind, required: false, width }
}

fn req(header: &str, path: &'static str, kind: Kind, width: f64) -> Column {
    Column { required: true, ..col(header, path, kind, width) }
}

/// One 〇 column per term of `terms`, for the list at `path`.
fn flags(prefix: &str, path: &'static str, terms: &'static [Term]) -> Vec<Column> {
    terms.iter().map(|t| col(&format!("{prefix}：{}", t.label), path, Kind::Flag(t), 6.0)).collect()
}

/// The sheets of a workbook, in order.
pub fn sheets() -> Vec<Sheet> {
    let mut providers = vec![
        req("事業所ID", "id", Kind::Text, 18.0),
        req("名称", "name", Kind::Text, 30.0),
        col("名称_カナ", "kana", Kind::Text, 24.0),
        col("法人の名称", "corporation", Kind::Text, 24.0),
        col("住所", "address", Kind::Text, 32.0),
        col("緯度", "location.lat", Kind::Number, 11.0),
        col("経度", "location.lon", Kind::Number, 11.0),
        col("電話番号", "phone", Kind::Text, 15.0),
        col("FAX番号", "fax", Kind::Text, 15.0),
        col("受付時間", "hours", Kind::Text, 20.0),
        col("URL", "url", Kind::Text, 30.0),
        col("事業所番号", "wam_number", Kind::Text, 13.0),
        col("法人番号", "corporate_number", Kind::Text, 15.0),
        col("定員", "capacity", Kind::Count, 7.0),
        col("拠点等への登録日", "registered", Kind::Date, 13.0),
        col("説明", "description", Kind::Long, 40.0),
    ];
    providers.extend(flags("機能", "functions", vocab::FUNCTIONS));
    providers.extend(flags("サービス", "services", vocab::SERVICES));
    providers.extend(flags("受入れ", "accepts", vocab::ACCEPTS));
    let mut actions = vec![
        req("検証・検討の日付", PARENT, Kind::Date, 13.0),
        req("取組", "what", Kind::Long, 40.0),
        col("担当", "who", Kind::Text, 20.0),
        col("期限", "due", Kind::Text, 14.0),
        req("状況", "status", Kind::Term(vocab::ACTION_STATUSES), 10.0),
        col("完了日", "done_on", Kind::Date, 13.0),
        col("備考", "note", Kind::Long, 30.0),
    ];
    actions.extend(flags("機能", "functions", vocab::FUNCTIONS));
    vec![
        Sheet {
            name: "市区町村",
            key: &[],
            records: Records::File,
            about: "市区町村ごとの整備の状況。1行が1つの市区町村のファイルです。",
            columns: vec![
                req("整備状況", "status", Kind::Term(vocab::STATUSES), 12.0),
                col("整備した日", "established", Kind::Date, 13.0),
                col("整備の目標", "target", Kind::Date, 13.0),
                col("整備類型", "kind", Kind::Term(vocab::TYPES), 16.0),
                col("概要", "summary", Kind::Long, 50.0),
                req("最終確認日", "last_verified", Kind::Date, 13.0),
            ],
        },
        Sheet {
            name: "連絡先",
            key: &["name"],
            records: Records::List("contacts"),
            about: "困ったときの連絡先。受付時間を曜日・時刻で書いた連絡先は、その時刻をそのまま残します。",
            columns: vec![
                req("名称", "name", Kind::Text, 28.0),
                col("目的", "purpose", Kind::Term(vocab::CONTACT_PURPOSES), 20.0),
                col("電話番号", "phone", Kind::Text, 15.0),
                col("受付時間", "hours", Kind::Term(vocab::HOURS_PRESETS), 14.0),
                col("受付時間の説明", "hours_note", Kind::Text, 28.0),
                col("対象", "for_whom", Kind::Text, 20.0),
                col("区", "ward", Kind::Text, 10.0),
                col("地域", "area", Kind::Text, 14.0),
                col("電話の前に", "note", Kind::Long, 30.0),
                col("URL", "url", Kind::Text, 30.0),
            ],
        },
        Sheet {
            name: "事業所",
            key: &["id"],
            records: Records::List("providers"),
            about: "拠点等を担う事業所など。機能・サービス・受入れは、当てはまる列に〇を選びます。",
            columns: providers,
        },
        Sheet {
            name: "機能ごとの取組",
            key: &["id"],
            records: Records::List("functions"),
            about: "5つの機能（と地域移行）ごとの取組。取組・課題・担い手は、1行に1つずつ書きます（セル内の改行は Alt+Enter）。",
            columns: vec![
                req("機能", "id", Kind::Term(vocab::FUNCTIONS), 22.0),
                col("説明", "description", Kind::Long, 40.0),
                col("担い手", "carried_by", Kind::Lines, 30.0),
                col("取組", "initiatives", Kind::Lines, 40.0),
                col("課題", "challenges", Kind::Lines, 40.0),
            ],
        },
        Sheet {
            name: "検証・検討",
            key: &["date", "body"],
            records: Records::List("reviews"),
            about: "運用状況の検証・検討（協議会などで話し合った日と内容）。",
            columns: vec![
                req("日付", "date", Kind::Date, 13.0),
                req("会議体", "body", Kind::Text, 24.0),
                req("概要", "summary", Kind::Long, 50.0),
                col("出典", "source", Kind::Text, 30.0),
                col("公表しているURL", "url", Kind::Text, 30.0),
            ],
        },
        Sheet {
            name: "検証で決めた取組",
            key: &["what"],
            records: Records::Nested { parent: "reviews", child: "actions", key: "date" },
            about: "検証・検討で決めた取組とその状況。「検証・検討の日付」で、どの検証・検討の取組かを示します。",
            columns: actions,
        },
    ]
}

/// The hidden row id: `<code>/<list>/<index>` (`<code>/reviews/0/actions/1`;
/// `<code>` alone for the 市区町村 sheet).
pub fn row_id(code: &str, records: Records, index: usize, child: usize) -> String {
    match records {
        Records::File => code.to_string(),
        Records::List(list) => format!("{code}/{list}/{index}"),
        Records::Nested { parent, child: c, .. } => format!("{code}/{parent}/{index}/{c}/{child}"),
    }
}

/// The value at a dotted path of a record.
pub fn get<'a>(record: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(record, |v, k| v.get(k))
}

/// Sets (or, with `None`, removes) the value at a dotted path, creating the
/// objects on the way; an object left empty by a removal is removed too.
pub fn set(record: &mut Value, path: &str, value: Option<Value>) {
    let (head, rest) = match path.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    let Some(map) = record.as_object_mut() else { return };
    match (rest, value) {
        (None, Some(v)) => {
            map.insert(head.to_string(), v);
        }
        (None, None) => {
            map.remove(head);
        }
        (Some(rest), value) => {
            let removing = value.is_none();
            if removing && !map.contains_key(head) {
                return;
            }
            let inner = map.entry(head.to_string()).or_insert_with(|| Value::Object(Default::default()));
            set(inner, rest, value);
            if removing && inner.as_object().is_some_and(|m| m.is_empty()) {
                map.remove(head);
            }
        }
    }
}

/// A field's value as the text of its cell (flags and numbers are written apart).
pub fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join("\n"),
        _ => String::new(),
    }
}

/// The label of a term id (the id itself when the vocabulary lacks it).
pub fn label_of(terms: &[Term], id: &str) -> String {
    terms.iter().find(|t| t.id == id).map_or(id, |t| t.label).to_string()
}

/// The term a cell names, by label or id.
pub fn term_named<'t>(terms: &'t [Term], text: &str) -> Option<&'t Term> {
    terms.iter().find(|t| t.label == text || t.id == text)
}

/// A spreadsheet cell name: (0, 0) → A1.
pub fn cell_name(row: usize, col: usize) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        let r = (n - 1) % 26;
        letters.insert(0, (b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// Days since 1899-12-30 (a spreadsheet's date serial) as YYYY-MM-DD.
pub fn date_of_serial(serial: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // The serial of 1970-01-01 is 25,569.
    crate::model::wareki::JDate::from_day_number(serial.floor() as i64 - 25_569).iso()
}

/// The day `s` names when it is written YYYY-MM-DD (as a date cell is read), or None.
pub fn iso_day(s: &str) -> Option<crate::model::wareki::JDate> {
    let d = crate::model::wareki::parse(s).ok()?;
    (matches!(d, crate::model::wareki::JDate::Day { .. }) && d.iso().as_deref() == Some(s)).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_do() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(4, 25), "Z5");
        assert_eq!(cell_name(1, 26), "AA2");
        assert_eq!(cell_name(9, 52), "BA10");
    }

    #[test]
    fn serials_are_dates() {
        assert_eq!(date_of_serial(45_667.0).as_deref(), Some("2025-01-10"));
        assert_eq!(date_of_serial(1.0).as_deref(), Some("1899-12-31"));
        assert_eq!(date_of_serial(46_022.0).as_deref(), Some("2025-12-31"));
        assert!(iso_day("2026-01-10").is_some() && iso_day("2026-13-10").is_none() && iso_day("2026-02-30").is_none());
        assert!(iso_day("令和8年1月10日").is_none() && iso_day("2026-01").is_none(), "other forms stay text");
    }

    #[test]
    fn paths_set_and_remove_nested_fields() {
        let mut v = serde_json::json!({"name": "a"});
        set(&mut v, "location.lat", Some(serde_json::json!(35.1)));
        assert_eq!(get(&v, "location.lat"), Some(&serde_json::json!(35.1)));
        set(&mut v, "location.lat", None);
        assert_eq!(v, serde_json::json!({"name": "a"}), "an emptied object goes too");
        set(&mut v, "missing.x", None);
        assert_eq!(v, serde_json::json!({"name": "a"}));
    }

    #[test]
    fn every_sheet_fits_a_spreadsheet_and_its_headers_are_unique() {
        for s in sheets() {
            assert!(s.name.chars().count() <= 31, "{}", s.name);
            let mut h: Vec<&str> = s.columns.iter().map(|c| c.header.as_str()).collect();
            h.sort_unstable();
            let n = h.len();
            h.dedup();
            assert_eq!(h.len(), n, "{}", s.name);
        }
    }
}
