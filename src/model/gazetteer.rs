//! The national list of municipalities (and designated-city wards): code, name,
//! kana, prefecture and office point. A municipality file needs only its code.

use crate::diagnostics::{Diagnostic, Diagnostics};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// One municipality or designated-city ward.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// 全国地方公共団体コード (6 digits).
    pub code: String,
    /// For a ward, its designated city's code.
    #[serde(default)]
    pub parent_code: Option<String>,
    /// Its prefecture's code (01–47).
    pub pref_code: String,
    /// Its prefecture's name.
    pub pref_name: String,
    /// Its name.
    pub name: String,
    /// Its reading in ひらがな.
    pub kana: String,
    /// Latitude of its office.
    pub lat: f64,
    /// Longitude of its office.
    pub lon: f64,
}

/// A prefecture.
#[derive(Debug, Clone, Serialize)]
pub struct Prefecture {
    /// Its code (01–47).
    pub code: String,
    /// Its name.
    pub name: String,
}

/// The national gazetteer: every municipality and ward by code, every prefecture.
#[derive(Debug, Default, Clone)]
pub struct Gazetteer {
    /// Municipalities and wards by code.
    pub entries: BTreeMap<String, Entry>,
    /// Prefectures by code.
    pub prefectures: BTreeMap<String, Prefecture>,
    /// The wards' codes of each designated city, by the city's code, in code order.
    wards: BTreeMap<String, Vec<String>>,
}

/// The site's copy of the municipalities.
pub const MUNICIPALITIES_CSV: &str = "data/gazetteer/municipalities.csv";
/// The site's copy of the designated-city wards.
pub const WARDS_CSV: &str = "data/gazetteer/wards.csv";
/// The municipalities built into the binary (what `kyoten new` writes).
pub const EMBEDDED_MUNICIPALITIES: &str = include_str!("../../data/gazetteer/municipalities.csv");
/// The wards built into the binary.
pub const EMBEDDED_WARDS: &str = include_str!("../../data/gazetteer/wards.csv");
/// Where the gazetteer comes from, and its licence.
pub const EMBEDDED_SOURCES: &str = include_str!("../../data/gazetteer/SOURCES.md");

impl Gazetteer {
    /// The site's gazetteer (`data/gazetteer/`); an unreadable file is an error.
    pub fn load(root: &Path, diags: &mut Diagnostics) -> Gazetteer {
        let mut g = Gazetteer::default();
        for rel in [MUNICIPALITIES_CSV, WARDS_CSV] {
            match std::fs::File::open(root.join(rel)) {
                Ok(file) => g.add_csv(file, rel, diags),
                Err(e) => {
                    diags.push(Diagnostic::error(rel, 0, 0, format!("cannot read the gazetteer: {e}")).with_hint(
                        "copy municipalities.csv and wards.csv from the kyoten repository's data/gazetteer/",
                    ))
                }
            }
        }
        g
    }

    /// The national gazetteer built into the binary (the copy `kyoten new` writes).
    pub fn embedded() -> Gazetteer {
        let mut g = Gazetteer::default();
        let mut diags = Diagnostics::default();
        g.add_csv(EMBEDDED_MUNICIPALITIES.as_bytes(), MUNICIPALITIES_CSV, &mut diags);
        g.add_csv(EMBEDDED_WARDS.as_bytes(), WARDS_CSV, &mut diags);
        debug_assert!(diags.items.is_empty());
        g
    }

    fn add_csv(&mut self, reader: impl std::io::Read, rel: &str, diags: &mut Diagnostics) {
        let mut reader = csv::Reader::from_reader(reader);
        for (i, row) in reader.deserialize::<Entry>().enumerate() {
            match row {
                Ok(e) => {
                    self.prefectures
                        .entry(e.pref_code.clone())
                        .or_insert_with(|| Prefecture { code: e.pref_code.clone(), name: e.pref_name.clone() });
                    if let Some(parent) = &e.parent_code {
                        let codes = self.wards.entry(parent.clone()).or_default();
                        if let Err(at) = codes.binary_search(&e.code) {
                            codes.insert(at, e.code.clone());
                        }
                    }
                    self.entries.insert(e.code.clone(), e);
                }
                Err(e) => diags.push(Diagnostic::error(rel, i + 2, 1, format!("bad gazetteer row: {e}"))),
            }
        }
    }

    /// The wards of a designated city (none for any other code), in code order.
    pub fn wards_of(&self, city_code: &str) -> impl Iterator<Item = &Entry> {
        self.wards.get(city_code).into_iter().flatten().filter_map(|c| self.entries.get(c))
    }

    /// The municipalities of a prefecture (not wards) whose names appear in `text`,
    /// in code order: a case or a practice that names 寒河江市 is found by さがえ.
    /// Entries are keyed by code, so a prefecture's are one range of the map.
    pub fn named_in<'a>(&'a self, text: &'a str, pref_code: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries
            .range(pref_code.to_string()..)
            .take_while(move |(code, _)| code.starts_with(pref_code))
            .map(|(_, e)| e)
            .filter(move |e| e.parent_code.is_none() && !e.name.is_empty() && text.contains(&e.name))
    }

    /// A municipality or ward by code.
    pub fn get(&self, code: &str) -> Option<&Entry> {
        self.entries.get(code)
    }

    /// A prefecture by its name (東京都).
    pub fn prefecture_by_name(&self, name: &str) -> Option<&Prefecture> {
        self.prefectures.values().find(|p| p.name == name)
    }

    /// A "did you mean" for a misspelt prefecture name.
    pub fn suggest_prefecture(&self, name: &str) -> Option<String> {
        crate::diagnostics::did_you_mean(name, self.prefectures.values().map(|p| (p.name.as_str(), p.code.as_str())))
            .map(|_| {
                let best = self
                    .prefectures
                    .values()
                    .max_by(|a, b| strsim::jaro_winkler(name, &a.name).total_cmp(&strsim::jaro_winkler(name, &b.name)))
                    .map(|p| p.name.clone())
                    .unwrap_or_default();
                format!("did you mean \"{best}\"?")
            })
    }

    /// A hint for a well-formed code that is not in the list: codes one typo away
    /// (one digit changed, or two neighbours swapped) in their first five digits.
    pub fn suggest_code(&self, code: &str) -> Option<String> {
        self.describe(self.near_codes(code, |_| true))
    }

    /// A hint for a code whose check digit is wrong: the same five digits with the
    /// right check digit, and codes one typo away whose check digit is the one written.
    pub fn suggest_check_digit(&self, code: &str, corrected: &str) -> Option<String> {
        let last = code.as_bytes().get(5).copied();
        let mut near: Vec<&Entry> = self.get(corrected).into_iter().collect();
        near.extend(self.near_codes(code, |e| e.code.as_bytes().get(5).copied() == last));
        near.truncate(4);
        self.describe(near).or_else(|| Some(format!("the check digit for {} is {}", &code[..5], &corrected[5..])))
    }

    fn describe(&self, near: Vec<&Entry>) -> Option<String> {
        if near.is_empty() {
            return None;
        }
        let list: Vec<String> = near.iter().map(|e| format!("\"{}\" ({}{})", e.code, e.pref_name, e.name)).collect();
        Some(format!("did you mean {}?", list.join(" or ")))
    }

    fn near_codes(&self, code: &str, keep: impl Fn(&Entry) -> bool) -> Vec<&Entry> {
        let a: Vec<u8> = code.bytes().take(5).collect();
        self.entries
            .values()
            .filter(|e| e.parent_code.is_none())
            .filter(|e| {
                let b: Vec<u8> = e.code.bytes().take(5).collect();
                let diff: Vec<usize> = (0..5).filter(|&i| a.get(i) != b.get(i)).collect();
                match diff.as_slice() {
                    [_] => true,
                    [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
                    _ => false,
                }
            })
            .filter(|e| keep(e))
            .take(4)
            .collect()
    }

    /// Find a municipality by its name within a prefecture (e.g. for case studies).
    pub fn find_by_name(&self, pref_code: &str, name: &str) -> Option<&Entry> {
        self.entries.values().find(|e| e.pref_code == pref_code && e.name == name && e.parent_code.is_none())
    }
}
