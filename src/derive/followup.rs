//! Follow-up (PDCA): the actions a municipality's reviews set, each as it stands
//! now — an action carried on by a later review (same id) counts once, with the
//! later status — and how far its roadmap and its challenges have come, with the
//! steps whose time has passed. Derived once; the page, the comparison and the CSVs
//! read these figures.

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
    /// Per roadmap step (in order): whether its time has passed unfinished.
    pub roadmap_late: Vec<Late>,
    /// Roadmap steps recorded as not finished whose time has passed.
    pub roadmap_overdue: usize,
    /// Roadmap steps whose time has passed with no status telling how they ended.
    pub roadmap_unrecorded: usize,
    /// Per challenge (in order): whether its due date has passed unmet.
    pub challenges_late: Vec<Late>,
    /// Some action counted is invented.
    pub sample: bool,
}

/// Whether a step's or a challenge's time has passed before it was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Late {
    /// Done, or its time has not passed (or it has no date).
    No,
    /// Recorded as not started or in progress, and its time has passed.
    Overdue,
    /// Its time has passed and no status says how it ended (none, or 未確認).
    Unrecorded,
}

/// How a dated piece of work stands on `today`.
fn late(status: Option<&'static crate::model::vocab::Term>, due: Option<JDate>, today: &JDate) -> Late {
    match (status.map(|t| t.id), due) {
        (Some("done"), _) | (_, None) => Late::No,
        (_, Some(d)) if !d.passed(today) => Late::No,
        (Some("not_started" | "in_progress"), _) => Late::Overdue,
        _ => Late::Unrecorded,
    }
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
    let roadmap_late: Vec<Late> = m.roadmap.iter().map(|r| late(r.status, r.due, today)).collect();
    FollowUp {
        by_function,
        open: actions.iter().filter(|c| c.open).count(),
        overdue: actions.iter().filter(|c| c.overdue).count(),
        done: actions.iter().filter(|c| !c.open).count(),
        sample: actions.iter().any(|c| m.reviews[c.review].actions[c.action].sample),
        actions,
        roadmap_done: m.roadmap.iter().filter(|r| status(r.status) == Some("done")).count(),
        roadmap_tracked: m.roadmap.iter().filter(|r| r.status.is_some()).count(),
        roadmap_overdue: roadmap_late.iter().filter(|&&l| l == Late::Overdue).count(),
        roadmap_unrecorded: roadmap_late.iter().filter(|&&l| l == Late::Unrecorded).count(),
        roadmap_late,
        challenges_late: m.challenges.iter().map(|c| late(c.status, c.due, today)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vocab::ACTION_STATUSES;
    use crate::model::wareki::parse;

    #[test]
    fn a_step_is_late_only_once_its_time_has_passed_unfinished() {
        let today = parse("2026-12-05").unwrap();
        let term = |id: &str| ACTION_STATUSES.iter().find(|t| t.id == id);
        let past = parse("令和6年度").ok();
        let now = parse("令和8年度").ok();
        assert_eq!(late(term("in_progress"), past, &today), Late::Overdue);
        assert_eq!(late(term("not_started"), past, &today), Late::Overdue);
        assert_eq!(late(term("done"), past, &today), Late::No);
        assert_eq!(late(term("in_progress"), now, &today), Late::No, "令和8年度 runs to March 2027");
        assert_eq!(late(term("unknown"), past, &today), Late::Unrecorded);
        assert_eq!(late(None, past, &today), Late::Unrecorded);
        assert_eq!(late(None, None, &today), Late::No);
    }
}
