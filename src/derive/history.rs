//! 更新履歴: what changed in a municipality's record and in each provider's, day
//! by day, in words — derived by comparing each version of a municipality file
//! with the one before it (`load::history`). The words are the strings file's
//! (`history.*`); this module decides which change happened and fills in names,
//! labels and dates.

use crate::model::Site;
use crate::model::history::Revision;
use crate::model::strings::{S, Strings};
use crate::model::vocab::{self, Term};
use crate::model::wareki::JDate;
use serde::Serialize;
use serde_json::Value;
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
            let Some(after) = &f.after else { continue };
            let (words, providers) = match &f.before {
                None => created(t, after),
                Some(before) => compare(t, before, after),
            };
            if !words.is_empty() {
                add(&mut h.municipalities[mi], r, words);
            }
            for (id, words) in providers {
                if !words.is_empty() {
                    add(h.providers.entry(id).or_default(), r, words);
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

fn day_start(d: &JDate) -> String {
    d.iso().map(|iso| format!("{iso}T00:00:00+09:00")).unwrap_or_default()
}

/// Changes per provider id, in words.
type ProviderWords = Vec<(String, Vec<String>)>;

/// A file that was not there before: the municipality's record and its providers' are new.
fn created(t: &Strings, after: &Value) -> (Vec<String>, ProviderWords) {
    let providers = list(after, "providers")
        .iter()
        .filter_map(|p| Some((text(p.get("id")?), vec![t.get(S::HistoryProviderCreated).to_string()])))
        .collect();
    (vec![t.get(S::HistoryCreated).to_string()], providers)
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default()
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn label(terms: &[Term], id: &str) -> String {
    terms.iter().find(|t| t.id == id).map_or(id, |t| t.label).to_string()
}

/// The ids of a list of terms.
fn ids(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array).map(|a| a.iter().map(text).collect()).unwrap_or_default()
}

/// Top-level sections compared as a whole, and the words for a change in each.
const SECTIONS: [(&str, S); 11] = [
    ("target", S::HistoryTarget),
    ("type", S::HistoryType),
    ("summary", S::HistorySummary),
    ("coordinator", S::HistoryCoordinator),
    ("pre_registration", S::HistoryPreRegistration),
    ("after_call", S::HistoryAfterCall),
    ("preparation", S::HistoryPreparation),
    ("roadmap", S::HistoryRoadmap),
    ("challenges", S::HistoryChallenges),
    ("recruit", S::HistoryRecruit),
    ("joint", S::HistoryJoint),
];

/// What changed between two versions of a municipality file.
fn compare(t: &Strings, before: &Value, after: &Value) -> (Vec<String>, ProviderWords) {
    let mut words = Vec::new();
    let (s0, s1) = (before.get("status").map(text), after.get("status").map(text));
    if s0 != s1 {
        let l = |s: &Option<String>| s.as_deref().map(|s| label(vocab::STATUSES, s)).unwrap_or_default();
        words.push(t.fill(S::HistoryStatus, &[("from", &l(&s0)), ("to", &l(&s1))]));
    }
    for (key, s) in SECTIONS {
        if before.get(key) != after.get(key) {
            words.push(t.get(s).to_string());
        }
    }
    contacts(t, before, after, &mut words);
    // 機能ごとの取組, by function.
    for f in vocab::FUNCTIONS {
        let entry =
            |v: &Value| list(v, "functions").iter().find(|e| e.get("id").map(text).as_deref() == Some(f.id)).cloned();
        if entry(before) != entry(after) {
            words.push(t.fill(S::HistoryFunction, &[("function", f.label)]));
        }
    }
    reviews(t, before, after, &mut words);
    let providers = providers(t, before, after, &mut words);
    (words, providers)
}

fn by<'a>(items: &'a [Value], key: &str) -> Vec<(String, &'a Value)> {
    items.iter().map(|v| (v.get(key).map(text).unwrap_or_default(), v)).collect()
}

/// A file's contacts: the older one-contact form (`emergency_contact:`), then `contacts:`.
fn all_contacts(v: &Value) -> Vec<Value> {
    let first = v.get("emergency_contact").filter(|c| c.is_object()).cloned();
    first.into_iter().chain(list(v, "contacts").iter().cloned()).collect()
}

fn contacts(t: &Strings, before: &Value, after: &Value, words: &mut Vec<String>) {
    let (old, new) = (all_contacts(before), all_contacts(after));
    let old = by(&old, "name");
    let new = by(&new, "name");
    for (name, c) in &new {
        match old.iter().find(|(n, _)| n == name) {
            None => words.push(t.fill(S::HistoryContactAdded, &[("name", name)])),
            Some((_, o)) if o != c => {
                let differs = |k: &str| o.get(k) != c.get(k);
                let s = if differs("phone") {
                    S::HistoryContactPhone
                } else if differs("hours") || differs("times") || differs("hours_note") {
                    S::HistoryContactHours
                } else {
                    S::HistoryContactChanged
                };
                words.push(t.fill(s, &[("name", name)]));
            }
            Some(_) => {}
        }
    }
    for (name, _) in old.iter().filter(|(n, _)| !new.iter().any(|(m, _)| m == n)) {
        words.push(t.fill(S::HistoryContactRemoved, &[("name", name)]));
    }
}

fn reviews(t: &Strings, before: &Value, after: &Value, words: &mut Vec<String>) {
    let old = by(list(before, "reviews"), "date");
    for (date, r) in by(list(after, "reviews"), "date") {
        let Some((_, o)) = old.iter().find(|(d, _)| *d == date) else {
            words.push(t.fill(S::HistoryReviewAdded, &[("date", &date)]));
            continue;
        };
        let old_actions = by(list(o, "actions"), "what");
        for (what, a) in by(list(r, "actions"), "what") {
            let status = a.get("status").map(text).unwrap_or_default();
            match old_actions.iter().find(|(w, _)| *w == what) {
                Some((_, b)) if b.get("status").map(text).unwrap_or_default() != status => {
                    let l = label(vocab::ACTION_STATUSES, &status);
                    words.push(t.fill(S::HistoryActionStatus, &[("what", &what), ("status", &l)]));
                }
                None => words.push(t.fill(S::HistoryActionAdded, &[("what", &what)])),
                _ => {}
            }
        }
    }
}

/// Changes of each provider (by id), and their lines on the municipality's history.
fn providers(t: &Strings, before: &Value, after: &Value, words: &mut Vec<String>) -> ProviderWords {
    let old = by(list(before, "providers"), "id");
    let new = by(list(after, "providers"), "id");
    let name = |p: &Value| p.get("name").map(text).unwrap_or_default();
    let mut out = Vec::new();
    for (id, p) in &new {
        let Some((_, o)) = old.iter().find(|(i, _)| i == id) else {
            words.push(t.fill(S::HistoryProviderAdded, &[("name", &name(p))]));
            out.push((id.clone(), vec![t.get(S::HistoryProviderCreated).to_string()]));
            continue;
        };
        if o == p {
            continue;
        }
        let changes = provider_changes(t, o, p);
        for c in &changes {
            words.push(t.fill(S::HistoryProviderLine, &[("name", &name(p)), ("change", c)]));
        }
        out.push((id.clone(), changes));
    }
    for (_, o) in old.iter().filter(|(i, _)| !new.iter().any(|(j, _)| j == i)) {
        words.push(t.fill(S::HistoryProviderRemoved, &[("name", &name(o))]));
    }
    out
}

/// What changed in one provider's record, in words.
fn provider_changes(t: &Strings, o: &Value, p: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let differs = |k: &str| o.get(k) != p.get(k);
    if differs("name") {
        let n = |v: &Value| v.get("name").map(text).unwrap_or_default();
        out.push(t.fill(S::HistoryName, &[("from", &n(o)), ("to", &n(p))]));
    }
    if differs("phone") {
        out.push(t.get(S::HistoryPhone).to_string());
    }
    if differs("address") || differs("location") {
        out.push(t.get(S::HistoryAddress).to_string());
    }
    if differs("hours") {
        out.push(t.get(S::HistoryHours).to_string());
    }
    let terms = |key: &str, vocabulary: &[Term], added: S, removed: S, out: &mut Vec<String>| {
        let (a, b) = (ids(o.get(key)), ids(p.get(key)));
        // A service names the kind of place (短期入所の受入れ対象に…).
        let service = ids(p.get("services")).first().map(|s| label(vocab::SERVICES, s)).unwrap_or_default();
        for x in b.iter().filter(|x| !a.contains(x)) {
            out.push(t.fill(added, &[("term", &label(vocabulary, x)), ("service", &service)]));
        }
        for x in a.iter().filter(|x| !b.contains(x)) {
            out.push(t.fill(removed, &[("term", &label(vocabulary, x)), ("service", &service)]));
        }
    };
    terms("accepts", vocab::ACCEPTS, S::HistoryAcceptsAdded, S::HistoryAcceptsRemoved, &mut out);
    terms("functions", vocab::FUNCTIONS, S::HistoryFunctionsAdded, S::HistoryFunctionsRemoved, &mut out);
    terms("services", vocab::SERVICES, S::HistoryServicesAdded, S::HistoryServicesRemoved, &mut out);
    let told = ["name", "phone", "address", "location", "hours", "accepts", "functions", "services"];
    let other = |v: &Value| {
        let mut m = v.as_object().cloned().unwrap_or_default();
        m.retain(|k, _| !told.contains(&k.as_str()));
        m
    };
    if other(o) != other(p) {
        out.push(t.get(S::HistoryProviderOther).to_string());
    }
    out
}
