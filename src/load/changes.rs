//! What changed between two versions of a municipality file, as facts
//! (`model::history::Change`): the municipality's status, sections, contacts by
//! name, 機能ごとの取組 by function, reviews and their actions, and providers by id
//! and field. `derive::history` words them with the strings file.

use crate::model::history::{Change, FileChange, ProviderChange};
use crate::model::strings::S;
use crate::model::vocab::{self, Term, label_of as label};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// What changed between two versions of a municipality file (`before` None: the
/// file is new, and so are its records).
pub fn file_change(code: &str, before: Option<&Value>, after: &Value) -> FileChange {
    let Some(before) = before else {
        let providers = list(after, "providers")
            .iter()
            .filter_map(|p| {
                let id = text(p.get("id")?);
                let name = p.get("name").map(text).unwrap_or_default();
                Some(ProviderChange { id, name, created: true, changes: vec![Change::of(S::HistoryProviderCreated)] })
            })
            .collect();
        return FileChange { code: code.to_string(), municipality: vec![Change::of(S::HistoryCreated)], providers };
    };
    let mut municipality = Vec::new();
    compare(before, after, &mut municipality);
    let providers = providers(before, after, &mut municipality);
    FileChange { code: code.to_string(), municipality, providers }
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

/// What changed in the municipality's own record.
fn compare(before: &Value, after: &Value, words: &mut Vec<Change>) {
    let (s0, s1) = (before.get("status").map(text), after.get("status").map(text));
    if s0 != s1 {
        let l = |s: &Option<String>| s.as_deref().map(|s| label(vocab::STATUSES, s).to_string()).unwrap_or_default();
        words.push(Change::with(S::HistoryStatus, &[("from", &l(&s0)), ("to", &l(&s1))]));
    }
    for (key, s) in SECTIONS {
        if before.get(key) != after.get(key) {
            words.push(Change::of(s));
        }
    }
    contacts(before, after, words);
    // 機能ごとの取組, by function.
    for f in vocab::FUNCTIONS {
        let entry =
            |v: &Value| list(v, "functions").iter().find(|e| e.get("id").map(text).as_deref() == Some(f.id)).cloned();
        if entry(before) != entry(after) {
            words.push(Change::with(S::HistoryFunction, &[("function", f.label)]));
        }
    }
    reviews(before, after, words);
}

fn by<'a>(items: &'a [Value], key: &str) -> Vec<(String, &'a Value)> {
    items.iter().map(|v| (v.get(key).map(text).unwrap_or_default(), v)).collect()
}

/// A file's contacts: the older one-contact form (`emergency_contact:`), then `contacts:`.
fn all_contacts(v: &Value) -> Vec<Value> {
    let first = v.get("emergency_contact").filter(|c| c.is_object()).cloned();
    first.into_iter().chain(list(v, "contacts").iter().cloned()).collect()
}

fn contacts(before: &Value, after: &Value, words: &mut Vec<Change>) {
    let (old, new) = (all_contacts(before), all_contacts(after));
    let old = by(&old, "name");
    let new = by(&new, "name");
    for (name, c) in &new {
        match old.iter().find(|(n, _)| n == name) {
            None => words.push(Change::with(S::HistoryContactAdded, &[("name", name)])),
            Some((_, o)) if o != c => {
                let differs = |k: &str| o.get(k) != c.get(k);
                let s = if differs("phone") {
                    S::HistoryContactPhone
                } else if differs("hours") || differs("times") || differs("hours_note") {
                    S::HistoryContactHours
                } else {
                    S::HistoryContactChanged
                };
                words.push(Change::with(s, &[("name", name)]));
            }
            Some(_) => {}
        }
    }
    for (name, _) in old.iter().filter(|(n, _)| !new.iter().any(|(m, _)| m == n)) {
        words.push(Change::with(S::HistoryContactRemoved, &[("name", name)]));
    }
}

fn reviews(before: &Value, after: &Value, words: &mut Vec<Change>) {
    let old = by(list(before, "reviews"), "date");
    for (date, r) in by(list(after, "reviews"), "date") {
        let Some((_, o)) = old.iter().find(|(d, _)| *d == date) else {
            words.push(Change::with(S::HistoryReviewAdded, &[("date", &date)]));
            continue;
        };
        let old_actions = by(list(o, "actions"), "what");
        for (what, a) in by(list(r, "actions"), "what") {
            let status = a.get("status").map(text).unwrap_or_default();
            match old_actions.iter().find(|(w, _)| *w == what) {
                Some((_, b)) if b.get("status").map(text).unwrap_or_default() != status => {
                    let l = label(vocab::ACTION_STATUSES, &status);
                    words.push(Change::with(S::HistoryActionStatus, &[("what", &what), ("status", l)]));
                }
                None => words.push(Change::with(S::HistoryActionAdded, &[("what", &what)])),
                _ => {}
            }
        }
    }
}

/// Providers new or changed (by id); those added or removed are also changes of
/// the municipality's record.
fn providers(before: &Value, after: &Value, words: &mut Vec<Change>) -> Vec<ProviderChange> {
    // By id through maps: a city's file holds thousands of providers.
    let old = by(list(before, "providers"), "id");
    let new = by(list(after, "providers"), "id");
    let old_ids: HashMap<&str, &Value> = old.iter().map(|(i, v)| (i.as_str(), *v)).collect();
    let new_ids: HashSet<&str> = new.iter().map(|(i, _)| i.as_str()).collect();
    let name = |p: &Value| p.get("name").map(text).unwrap_or_default();
    let mut out = Vec::new();
    for (id, p) in &new {
        let Some(o) = old_ids.get(id.as_str()) else {
            words.push(Change::with(S::HistoryProviderAdded, &[("name", &name(p))]));
            let changes = vec![Change::of(S::HistoryProviderCreated)];
            out.push(ProviderChange { id: id.clone(), name: name(p), created: true, changes });
            continue;
        };
        if o != p {
            out.push(ProviderChange { id: id.clone(), name: name(p), created: false, changes: provider_changes(o, p) });
        }
    }
    // Removed ones in the order the file had them.
    for (_, o) in old.iter().filter(|(i, _)| !new_ids.contains(i.as_str())) {
        words.push(Change::with(S::HistoryProviderRemoved, &[("name", &name(o))]));
    }
    out
}

/// What changed in one provider's record.
fn provider_changes(o: &Value, p: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    let differs = |k: &str| o.get(k) != p.get(k);
    if differs("name") {
        let n = |v: &Value| v.get("name").map(text).unwrap_or_default();
        out.push(Change::with(S::HistoryName, &[("from", &n(o)), ("to", &n(p))]));
    }
    if differs("phone") {
        out.push(Change::of(S::HistoryPhone));
    }
    if differs("address") || differs("location") {
        out.push(Change::of(S::HistoryAddress));
    }
    if differs("hours") {
        out.push(Change::of(S::HistoryHours));
    }
    let terms = |key: &str, vocabulary: &[Term], added: S, removed: S, out: &mut Vec<Change>| {
        let (a, b) = (ids(o.get(key)), ids(p.get(key)));
        // A service names the kind of place (短期入所の受入れ対象に…).
        let service = ids(p.get("services")).first().map(|s| label(vocab::SERVICES, s).to_string()).unwrap_or_default();
        for x in b.iter().filter(|x| !a.contains(x)) {
            out.push(Change::with(added, &[("term", label(vocabulary, x)), ("service", &service)]));
        }
        for x in a.iter().filter(|x| !b.contains(x)) {
            out.push(Change::with(removed, &[("term", label(vocabulary, x)), ("service", &service)]));
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
        out.push(Change::of(S::HistoryProviderOther));
    }
    out
}
