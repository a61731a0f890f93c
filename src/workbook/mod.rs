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

use crate::model::strings::{S, Strings};
use crate::model::vocab::{self, Term};
use serde_json::Value;
use std::path::Path;

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
    /// Its header (`workbook.<sheet>.<path>` in the strings file).
    pub header: String,
    /// Dotted path of the field within the record (`location.lat`).
    pub path: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Width in characters.
    pub width: f64,
}

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
    /// Its id: its words are `workbook.<id>.*` in the strings file.
    pub id: &'static str,
    /// Its name (`workbook.<id>.sheet`).
    pub name: String,
    pub records: Records,
    /// What the sheet is for, on the instructions sheet (`workbook.<id>.about`).
    pub about: String,
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

/// The key of a sheet's word in the strings file: `workbook.<sheet>.<what>`
/// (`what` a field's path, `sheet` or `about`; the parent column is `parent`).
pub fn word_key(sheet: &str, what: &str) -> String {
    format!("workbook.{sheet}.{}", if what == PARENT { "parent" } else { what })
}

/// Builds the sheets' columns with their headers from the strings.
struct Columns<'s> {
    strings: &'s Strings,
    sheet: &'static str,
    columns: Vec<Column>,
}

impl Columns<'_> {
    fn word(&self, what: &str) -> String {
        let key = word_key(self.sheet, what);
        self.strings.text(&key).map_or(key, str::to_string)
    }

    fn col(mut self, path: &'static str, kind: Kind, width: f64) -> Self {
        let header = self.word(path);
        self.columns.push(Column { header, path, kind, required: false, width });
        self
    }

    fn req(mut self, path: &'static str, kind: Kind, width: f64) -> Self {
        self = self.col(path, kind, width);
        self.columns.last_mut().expect("pushed").required = true;
        self
    }

    /// One 〇 column per term of `terms`, for the list at `path`.
    fn flags(mut self, path: &'static str, terms: &'static [Term]) -> Self {
        let group = self.strings.text(&format!("workbook.flag.{path}")).unwrap_or(path).to_string();
        for t in terms {
            let header = self.strings.fill(S::WorkbookFlag, &[("group", &group), ("label", t.label)]);
            self.columns.push(Column { header, path, kind: Kind::Flag(t), required: false, width: 6.0 });
        }
        self
    }

    fn sheet(self, records: Records, key: &'static [&'static str]) -> Sheet {
        Sheet {
            id: self.sheet,
            name: self.word("sheet"),
            about: self.word("about"),
            records,
            key,
            columns: self.columns,
        }
    }
}

/// The sheets of a workbook, in order, with the words of `strings`.
pub fn sheets(strings: &Strings) -> Vec<Sheet> {
    let on = |sheet| Columns { strings, sheet, columns: Vec::new() };
    vec![
        on("municipality")
            .req("status", Kind::Term(vocab::STATUSES), 12.0)
            .col("established", Kind::Date, 13.0)
            .col("target", Kind::Date, 13.0)
            .col("kind", Kind::Term(vocab::TYPES), 16.0)
            .col("summary", Kind::Long, 50.0)
            .req("last_verified", Kind::Date, 13.0)
            .sheet(Records::File, &[]),
        on("contacts")
            .req("name", Kind::Text, 28.0)
            .col("purpose", Kind::Term(vocab::CONTACT_PURPOSES), 20.0)
            .col("phone", Kind::Text, 15.0)
            .col("hours", Kind::Term(vocab::HOURS_PRESETS), 14.0)
            .col("hours_note", Kind::Text, 28.0)
            .col("for_whom", Kind::Text, 20.0)
            .col("ward", Kind::Text, 10.0)
            .col("area", Kind::Text, 14.0)
            .col("note", Kind::Long, 30.0)
            .col("url", Kind::Text, 30.0)
            .sheet(Records::List("contacts"), &["name"]),
        on("providers")
            .req("id", Kind::Text, 18.0)
            .req("name", Kind::Text, 30.0)
            .col("kana", Kind::Text, 24.0)
            .col("corporation", Kind::Text, 24.0)
            .col("address", Kind::Text, 32.0)
            .col("location.lat", Kind::Number, 11.0)
            .col("location.lon", Kind::Number, 11.0)
            .col("phone", Kind::Text, 15.0)
            .col("fax", Kind::Text, 15.0)
            .col("hours", Kind::Text, 20.0)
            .col("url", Kind::Text, 30.0)
            .col("wam_number", Kind::Text, 13.0)
            .col("corporate_number", Kind::Text, 15.0)
            .col("capacity", Kind::Count, 7.0)
            .col("registered", Kind::Date, 13.0)
            .col("description", Kind::Long, 40.0)
            .flags("functions", vocab::FUNCTIONS)
            .flags("services", vocab::SERVICES)
            .flags("accepts", vocab::ACCEPTS)
            .sheet(Records::List("providers"), &["id"]),
        on("functions")
            .req("id", Kind::Term(vocab::FUNCTIONS), 22.0)
            .col("description", Kind::Long, 40.0)
            .col("carried_by", Kind::Lines, 30.0)
            .col("initiatives", Kind::Lines, 40.0)
            .col("challenges", Kind::Lines, 40.0)
            .sheet(Records::List("functions"), &["id"]),
        on("reviews")
            .req("date", Kind::Date, 13.0)
            .req("body", Kind::Text, 24.0)
            .req("summary", Kind::Long, 50.0)
            .col("source", Kind::Text, 30.0)
            .col("url", Kind::Text, 30.0)
            .sheet(Records::List("reviews"), &["date", "body"]),
        on("actions")
            .req(PARENT, Kind::Date, 13.0)
            .req("what", Kind::Long, 40.0)
            .col("who", Kind::Text, 20.0)
            .col("due", Kind::Text, 14.0)
            .req("status", Kind::Term(vocab::ACTION_STATUSES), 10.0)
            .col("done_on", Kind::Date, 13.0)
            .col("note", Kind::Long, 30.0)
            .flags("functions", vocab::FUNCTIONS)
            .sheet(Records::Nested { parent: "reviews", child: "actions", key: "date" }, &["what"]),
    ]
}

/// The strings of the site whose data folder is `data_dir` (the folder above it:
/// its own `strings/ja.yaml` over the theme's), as a build reads them; so a
/// workbook has the words the site's pages have, and is read back with them.
pub fn site_strings(data_dir: &Path) -> Result<Strings, String> {
    let root = match data_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut diags = crate::diagnostics::Diagnostics::default();
    let strings = crate::load::strings::load(root, &mut diags);
    if diags.has_errors() {
        let errors: Vec<String> = diags.items.iter().map(|d| d.to_string()).collect();
        return Err(format!("the site's strings (words) do not load:\n{}", errors.join("\n")));
    }
    Ok(strings)
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
        let strings = Strings::default();
        for s in sheets(&strings) {
            assert!(s.name.chars().count() <= 31, "{}", s.name);
            assert!(strings.has(&word_key(s.id, "sheet")) && strings.has(&word_key(s.id, "about")), "{}", s.id);
            for c in &s.columns {
                let key = match c.kind {
                    Kind::Flag(_) => format!("workbook.flag.{}", c.path),
                    _ => word_key(s.id, c.path),
                };
                assert!(strings.has(&key), "{key} missing from themes/default/strings/ja.yaml");
            }
            let mut h: Vec<&str> = s.columns.iter().map(|c| c.header.as_str()).collect();
            h.sort_unstable();
            let n = h.len();
            h.dedup();
            assert_eq!(h.len(), n, "{}", s.name);
        }
    }
}
