//! 更新履歴: what changed in a municipality's record and in each provider's, day
//! by day, in words. `load::history` found the changes of each commit (as facts,
//! `model::history::Change`); this module words them with the strings file
//! (`history.*`), names a provider's changes on its municipality's history, and
//! gathers them per record and day, newest first.

use crate::model::Site;
use crate::model::history::{Change, Revision};
use crate::model::strings::{S, Strings};
use crate::model::wareki::JDate;
use serde::Serialize;
use std::collections::HashMap;

/// One day's changes to one record.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// 令和8年6月1日
    pub date: String,
    /// 2026-06-01
    pub iso: String,
    /// For a feed: RFC 3339 at the day's start in Japan.
    #[serde(skip)]
    pub updated: String,
    /// The commits' ids (a feed entry's id).
    #[serde(skip)]
    pub ids: Vec<String>,
    pub changes: Vec<String>,
}

/// The history of every record of a site, newest first.
#[derive(Debug, Default)]
pub struct History {
    /// Whether the site is in a git repository with commits (pages say so when a
    /// record has no change yet).
    pub tracked: bool,
    /// Per municipality (site order): its changes and its providers', by day.
    pub municipalities: Vec<Vec<Entry>>,
    /// Per provider id.
    pub providers: HashMap<String, Vec<Entry>>,
    /// Municipality index by code.
    pub codes: HashMap<String, usize>,
}

impl History {
    /// A municipality's entries, by its code.
    pub fn of_municipality(&self, code: &str) -> &[Entry] {
        self.codes.get(code).map(|&i| self.municipalities[i].as_slice()).unwrap_or_default()
    }
}

/// The most days a page lists, per record.
pub const SHOWN: usize = 20;
/// The most entries a feed carries.
pub const FEED_ENTRIES: usize = 100;

pub fn derive(site: &Site, revisions: Option<&[Revision]>) -> History {
    let mut h = History {
        tracked: revisions.is_some(),
        municipalities: vec![Vec::new(); site.municipalities.len()],
        providers: HashMap::new(),
        codes: site.municipalities.iter().enumerate().map(|(i, m)| (m.code.clone(), i)).collect(),
    };
    let Some(revisions) = revisions else { return h };
    let t = &site.strings;
    for r in revisions {
        for f in &r.files {
            let Some(&mi) = h.codes.get(&f.code) else { continue };
            // The municipality's own changes, then each provider's changes by name.
            let mut words: Vec<String> = f.municipality.iter().map(|c| word(t, c)).collect();
            for p in f.providers.iter().filter(|p| !p.created) {
                for c in &p.changes {
                    words.push(t.fill(S::HistoryProviderLine, &[("name", &p.name), ("change", &word(t, c))]));
                }
            }
            if !words.is_empty() {
                add(&mut h.municipalities[mi], r, words);
            }
            for p in &f.providers {
                let words: Vec<String> = p.changes.iter().map(|c| word(t, c)).collect();
                if !words.is_empty() {
                    add(h.providers.entry(p.id.clone()).or_default(), r, words);
                }
            }
        }
    }
    for list in h.municipalities.iter_mut().chain(h.providers.values_mut()) {
        list.truncate(SHOWN);
    }
    h
}

/// Adds `changes` to the entry of the revision's day (revisions come newest first).
fn add(list: &mut Vec<Entry>, r: &Revision, changes: Vec<String>) {
    let iso = r.date.iso().unwrap_or_default();
    if let Some(last) = list.last_mut().filter(|e| e.iso == iso) {
        if !last.ids.contains(&r.id) {
            last.ids.push(r.id.clone());
        }
        // An older commit of the same day: its changes after the newer ones'.
        for c in changes {
            if !last.changes.contains(&c) {
                last.changes.push(c);
            }
        }
        return;
    }
    list.push(Entry {
        date: r.date.wareki(),
        updated: day_start(&r.date),
        iso,
        ids: vec![r.id.clone()],
        changes: dedup(changes),
    });
}

fn dedup(v: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(v.len());
    for x in v {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// A change in the strings file's words.
fn word(t: &Strings, c: &Change) -> String {
    let args: Vec<(&str, &str)> = c.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    t.fill(c.key, &args)
}

fn day_start(d: &JDate) -> String {
    d.iso().map(|iso| format!("{iso}T00:00:00+09:00")).unwrap_or_default()
}
