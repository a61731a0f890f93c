//! Follow-up (PDCA): the actions a municipality's reviews set, each as it stands
//! now — an action carried on by a later review (same id) counts once, with the
//! later status — and how far its roadmap has come. Derived once; the page, the
//! comparison and the CSVs read these figures.

use crate::model::Municipality;
use crate::model::wareki::JDate;
use serde::Serialize;

/// One action as it stands now.
#[derive(Debug, Clone, Serialize)]
pub struct CurrentAction {
    /// The review that last recorded it (index into `Municipality::reviews`, newest first).
    pub review: usize,
    /// Its index in that review's actions.
    pub action: usize,
    /// The review that first set it, when an earlier review did.
    pub since: Option<usize>,
    /// Not finished and its due date has passed.
    pub overdue: bool,
    /// Not finished.
    pub open: bool,
}

/// A municipality's actions and roadmap, summed up.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FollowUp {
    /// Open actions first (overdue ones first among them), then finished ones.
    pub actions: Vec<CurrentAction>,
    pub open: usize,
    pub overdue: usize,
    pub done: usize,
    /// Per function (vocabulary order): indexes into `actions` of those concerning it.
    pub by_function: Vec<Vec<usize>>,
    /// Roadmap steps finished, and steps whose status is recorded.
    pub roadmap_done: usize,
    pub roadmap_tracked: usize,
    /// Some action counted is invented.
    pub sample: bool,
}

/// The follow-up of one municipality on `today`.
pub fn follow_up(m: &Municipality, today: &JDate) -> FollowUp {
    let mut actions: Vec<CurrentAction> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (ri, r) in m.reviews.iter().enumerate() {
        for (ai, a) in r.actions.iter().enumerate() {
            if let Some(id) = a.id.as_deref() {
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id);
            }
            // The oldest review that also holds it (reviews are newest first).
            let since = a.id.as_deref().and_then(|id| {
                (ri + 1..m.reviews.len())
                    .rev()
                    .find(|&k| m.reviews[k].actions.iter().any(|b| b.id.as_deref() == Some(id)))
            });
            let open = a.status.id != "done";
            actions.push(CurrentAction {
                review: ri,
                action: ai,
                since,
                open,
                overdue: open && a.due.is_some_and(|d| d.passed(today)),
            });
        }
    }
    actions.sort_by_key(|c| (!c.open, !c.overdue));
    let status = |s: Option<&'static crate::model::vocab::Term>| s.map(|t| t.id);
    let by_function = crate::model::vocab::FUNCTIONS
        .iter()
        .map(|f| {
            (0..actions.len())
                .filter(|&i| {
                    let c = &actions[i];
                    m.reviews[c.review].actions[c.action].functions.iter().any(|t| t.id == f.id)
                })
                .collect()
        })
        .collect();
    FollowUp {
        by_function,
        open: actions.iter().filter(|c| c.open).count(),
        overdue: actions.iter().filter(|c| c.overdue).count(),
        done: actions.iter().filter(|c| !c.open).count(),
        sample: actions.iter().any(|c| m.reviews[c.review].actions[c.action].sample),
        actions,
        roadmap_done: m.roadmap.iter().filter(|r| status(r.status) == Some("done")).count(),
        roadmap_tracked: m.roadmap.iter().filter(|r| r.status.is_some()).count(),
    }
}
