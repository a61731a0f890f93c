//! The national list of municipalities (and designated-city wards): code, name,
//! kana, prefecture and office point. A municipality file needs only its code.

use crate::diagnostics::{Diagnostic, Diagnostics};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub code: String,
    #[serde(default)]
    pub parent_code: Option<String>,
    pub pref_code: String,
    pub pref_name: String,
    pub name: String,
    pub kana: String,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Prefecture {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: BTreeMap<String, Entry>,
    pub prefectures: BTreeMap<String, Prefecture>,
}

pub const MUNICIPALITIES_CSV: &str = "data/gazetteer/municipalities.csv";
pub const WARDS_CSV: &str = "data/gazetteer/wards.csv";

impl Gazetteer {
    pub fn load(root: &Path, diags: &mut Diagnostics) -> Gazetteer {
        let mut g = Gazetteer::default();
        for rel in [MUNICIPALITIES_CSV, WARDS_CSV] {
            let path = root.join(rel);
            let mut reader = match csv::Reader::from_path(&path) {
                Ok(r) => r,
                Err(e) => {
                    diags.push(Diagnostic::error(rel, 0, 0, format!("cannot read the gazetteer: {e}")).with_hint(
                        "copy municipalities.csv and wards.csv from the kyoten repository's data/gazetteer/",
                    ));
                    continue;
                }
            };
            for (i, row) in reader.deserialize::<Entry>().enumerate() {
                match row {
                    Ok(e) => {
                        g.prefectures
                            .entry(e.pref_code.clone())
                            .or_insert_with(|| Prefecture { code: e.pref_code.clone(), name: e.pref_name.clone() });
                        g.entries.insert(e.code.clone(), e);
                    }
                    Err(e) => diags.push(Diagnostic::error(rel, i + 2, 1, format!("bad gazetteer row: {e}"))),
                }
            }
        }
        g
    }

    pub fn get(&self, code: &str) -> Option<&Entry> {
        self.entries.get(code)
    }

    pub fn prefecture_by_name(&self, name: &str) -> Option<&Prefecture> {
        self.prefectures.values().find(|p| p.name == name)
    }

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

    /// Find a municipality by its name within a prefecture (e.g. for case studies).
    pub fn find_by_name(&self, pref_code: &str, name: &str) -> Option<&Entry> {
        self.entries.values().find(|e| e.pref_code == pref_code && e.name == name && e.parent_code.is_none())
    }
}
