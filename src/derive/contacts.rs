//! Whom to call, in the order a person at night needs them: the lines that answer
//! around the clock first, the others with their hours, the wards' own centres
//! grouped; and whether, together, someone answers at every hour.

use crate::model::Municipality;
use crate::model::hours::{self, Hours};
use crate::model::vocab::Term;
use serde::Serialize;

/// Whether someone answers at every hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AroundClock {
    /// One line answers at every hour.
    Line,
    /// No line alone, but the lines together do (a daytime centre and a night line).
    Combined,
    /// There are hours no listed line answers.
    Gaps,
    /// Some line's hours are known only as words.
    Unknown,
    /// No contact is listed.
    None,
}

impl AroundClock {
    /// Someone answers at every hour.
    pub fn yes(self) -> bool {
        matches!(self, AroundClock::Line | AroundClock::Combined)
    }
}

/// A municipality's contacts as its page shows them (indexes into `contacts`).
#[derive(Debug, Serialize)]
pub struct ContactFacts {
    /// Contacts for the whole municipality or an area, those answering around the
    /// clock first, then in file order.
    pub lines: Vec<usize>,
    /// Contacts of single wards, grouped by purpose.
    pub ward_groups: Vec<WardGroup>,
    /// Per contact: it answers at every hour.
    pub always: Vec<bool>,
    /// Per contact: when it answers, in words (its preset's label or its windows).
    pub hours_text: Vec<Option<String>>,
    /// Per contact: its windows for the page's script (`[{"d":[…],"f":540,"t":1020}]`).
    pub script_hours: Vec<Option<String>>,
    /// Whether someone answers at every hour, every ward counted.
    pub around_clock: AroundClock,
    /// Whether some contact answers only at some hours, with hours the page's script
    /// can read (the page then loads it).
    pub timed: bool,
    /// The first contact a list or a table names.
    pub lead: Option<usize>,
}

/// The wards' own centres of one kind.
#[derive(Debug, Serialize)]
pub struct WardGroup {
    /// What they are for.
    pub purpose: Option<&'static Term>,
    /// The contacts, in ward-code order.
    pub contacts: Vec<usize>,
    /// A contact whose hours are the hours of all of them, when they share them.
    pub shared_hours: Option<usize>,
    /// Whether any of them is marked sample.
    pub sample: bool,
    /// What every one of them is called after its ward's name, when they are all
    /// named so (都島区 + 障がい者基幹相談支援センター): the list then names the ward only.
    pub suffix: Option<String>,
}

fn script_hours(h: &Hours) -> String {
    let windows: Vec<String> = h
        .windows
        .iter()
        .map(|w| {
            let days: Vec<String> = w.days.iter().map(|d| format!("\"{}\"", d.id)).collect();
            format!("{{\"d\":[{}],\"f\":{},\"t\":{}}}", days.join(","), w.from_min, w.to_min)
        })
        .collect();
    format!("[{}]", windows.join(","))
}

/// The contacts of one municipality, ordered and summed up.
pub fn contact_facts(m: &Municipality, strings: &crate::model::strings::Strings) -> ContactFacts {
    let cs = &m.contacts;
    let always: Vec<bool> =
        cs.iter().map(|c| c.hours.as_ref().is_some_and(|h| hours::around_the_clock(std::iter::once(h)))).collect();
    let mut lines: Vec<usize> = (0..cs.len()).filter(|&i| cs[i].ward.is_none()).collect();
    lines.sort_by_key(|&i| !always[i]);
    let mut ward_groups: Vec<WardGroup> = Vec::new();
    for i in (0..cs.len()).filter(|&i| cs[i].ward.is_some()) {
        let purpose = cs[i].purpose;
        match ward_groups.iter_mut().find(|g| g.purpose.map(|t| t.id) == purpose.map(|t| t.id)) {
            Some(g) => g.contacts.push(i),
            None => ward_groups.push(WardGroup {
                purpose,
                contacts: vec![i],
                shared_hours: None,
                sample: false,
                suffix: None,
            }),
        }
    }
    for g in &mut ward_groups {
        g.contacts.sort_by(|&a, &b| cs[a].ward.as_ref().map(|w| &w.code).cmp(&cs[b].ward.as_ref().map(|w| &w.code)));
        let first = g.contacts[0];
        g.shared_hours = g.contacts.iter().all(|&i| cs[i].hours == cs[first].hours).then_some(first);
        g.sample = g.contacts.iter().any(|&i| cs[i].sample);
        let suffix = |i: usize| cs[i].ward.as_ref().and_then(|w| cs[i].name.strip_prefix(w.name.as_str()));
        let first_suffix = suffix(first).filter(|s| !s.is_empty());
        g.suffix = first_suffix.filter(|s| g.contacts.iter().all(|&i| suffix(i) == Some(*s))).map(str::to_string);
    }
    let around_clock = if cs.is_empty() {
        AroundClock::None
    } else if always.iter().zip(cs).any(|(&a, c)| a && c.ward.is_none()) {
        AroundClock::Line
    } else if cs.iter().any(|c| c.hours.is_none()) {
        AroundClock::Unknown
    } else {
        // Every ward with a centre of its own counts its centre with the
        // municipality's lines; the municipality alone counts its lines.
        let city = || cs.iter().filter(|c| c.ward.is_none()).filter_map(|c| c.hours.as_ref());
        let mut wards: Vec<&str> = cs.iter().filter_map(|c| c.ward.as_ref().map(|w| w.code.as_str())).collect();
        wards.dedup();
        let city_ok = || hours::around_the_clock(city());
        let ward_ok = |code: &str| {
            let own = cs
                .iter()
                .filter(move |c| c.ward.as_ref().is_some_and(|w| w.code == code))
                .filter_map(|c| c.hours.as_ref());
            hours::around_the_clock(city().chain(own))
        };
        // Wards without a centre of their own have the municipality's lines only.
        let all_wards = wards.len() >= m.ward_count && !wards.is_empty();
        let ok = (all_wards || city_ok()) && wards.iter().all(|w| ward_ok(w));
        if ok { AroundClock::Combined } else { AroundClock::Gaps }
    };
    let lead = lines.first().copied().or_else(|| ward_groups.first().map(|g| g.contacts[0]));
    let timed = cs.iter().zip(&always).any(|(c, &a)| c.hours.is_some() && !a);
    ContactFacts {
        timed,
        lines,
        ward_groups,
        always,
        hours_text: cs.iter().map(|c| c.hours.as_ref().map(|h| h.describe(strings))).collect(),
        script_hours: cs.iter().map(|c| c.hours.as_ref().map(script_hours)).collect(),
        around_clock,
        lead,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_hours_are_json() {
        let d = hours::Daytime::default();
        let h = Hours::preset(crate::model::vocab::HOURS_PRESET.get("weekday_daytime").unwrap(), d);
        let v: serde_json::Value = serde_json::from_str(&script_hours(&h)).unwrap();
        assert_eq!(v[0]["f"], 540);
        assert_eq!(v[0]["d"][0], "weekdays");
    }
}
