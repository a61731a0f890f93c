//! Comparison across municipalities: the facts a prefecture compares, derived once
//! from the checked data (never typed twice), and the roll-ups per prefecture.

use super::MunicipalityFacts;
use crate::model::strings::{S, Strings};
use crate::model::vocab::{self, Term};
use crate::model::wareki::JDate;
use crate::model::{Municipality, Site};
use serde::Serialize;

/// One function's coverage in one municipality.
#[derive(Debug, Clone, Serialize)]
pub struct FunctionCell {
    pub function: &'static Term,
    /// Described by the municipality or carried by at least one registered provider.
    pub covered: bool,
    /// Registered providers carrying it.
    pub providers: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub code: String,
    pub name: String,
    pub kana: String,
    pub pref_code: String,
    pub pref_name: String,
    pub status: &'static Term,
    pub established: Option<JDate>,
    /// The target 年度 of a base 整備予定.
    pub target: Option<JDate>,
    /// That 年度 has ended and the base is still recorded 整備予定.
    pub target_passed: bool,
    #[serde(rename = "type")]
    pub kind: Option<&'static Term>,
    /// None when the data does not say.
    pub coordinator: Option<bool>,
    /// How many, how paid, reachable at every hour — when said.
    pub coordinator_count: Option<u32>,
    pub coordinator_funding: Option<&'static Term>,
    pub coordinator_24h: Option<bool>,
    /// Someone answers at every hour (one line, or lines together).
    pub contact_24h: bool,
    /// How: one line, lines together, with gaps, hours unknown, no contact.
    pub around_clock: crate::derive::contacts::AroundClock,
    pub contact_listed: bool,
    pub functions: Vec<FunctionCell>,
    pub functions_covered: usize,
    /// Who short stays registered for emergencies accept.
    pub emergency_accepts: Vec<&'static Term>,
    /// Groups no registered emergency stay accepts (of 身体・知的・精神・障害児・医療的ケア・強度行動障害).
    pub emergency_gaps: Vec<&'static Term>,
    pub last_review: Option<JDate>,
    /// A base in operation (整備済) with no 運用状況の検証及び検討 in the 年度 of
    /// last_verified or the one before (a base not yet set up has nothing to review).
    pub review_overdue: bool,
    /// The reviews' actions as they stand: not finished, past due, finished.
    pub actions_open: usize,
    pub actions_overdue: usize,
    pub actions_done: usize,
    /// Roadmap steps finished, of those whose status is recorded.
    pub roadmap_done: usize,
    pub roadmap_tracked: usize,
    /// Roadmap steps recorded as unfinished whose period has passed.
    pub roadmap_overdue: usize,
    /// Some action counted is invented.
    pub actions_sample: bool,
    pub last_verified: JDate,
    pub providers: usize,
    /// Of them, those whose record is its own (not a joint base's, counted at the lead).
    pub providers_own: usize,
    /// The joint base it belongs to, when it builds one with others.
    pub joint: Option<crate::model::Joint>,
    /// The municipality's record is invented: every figure of the row is.
    pub sample: bool,
    /// Its list of providers holds invented records: the function cells, the
    /// emergency-stay groups and the provider count rest on them.
    pub providers_sample: bool,
    /// Its contacts hold invented records: the 24-hour cell rests on them.
    pub contact_sample: bool,
}

impl Row {
    /// Some figure of the row rests on an invented record (compare.csv's サンプル).
    pub fn any_sample(&self) -> bool {
        self.sample || self.providers_sample || self.contact_sample || self.actions_sample
    }
}

/// The groups an emergency stay is checked for (seed 004 §8-3 names 精神 and 障害児).
pub const EMERGENCY_GROUPS: &[&str] =
    &["physical", "intellectual", "mental", "children", "medical_care", "severe_behavior"];

fn row(m: &Municipality, facts: &MunicipalityFacts) -> Row {
    let functions: Vec<FunctionCell> = facts
        .coverage
        .iter()
        .map(|c| FunctionCell { function: c.function, covered: c.covered(), providers: c.providers.len() })
        .collect();
    let stays = m
        .providers
        .iter()
        .filter(|p| p.functions.iter().any(|t| t.id == "emergency") && p.services.iter().any(|s| s.id == "short_stay"));
    let mut emergency_accepts: Vec<&'static Term> = Vec::new();
    for p in stays {
        for a in &p.accepts {
            if !emergency_accepts.iter().any(|x| x.id == a.id) {
                emergency_accepts.push(a);
            }
        }
    }
    emergency_accepts.sort_by_key(|t| vocab::ACCEPT.position(t.id));
    let emergency_gaps = EMERGENCY_GROUPS
        .iter()
        .filter(|g| !emergency_accepts.iter().any(|a| a.id == **g))
        .filter_map(|g| vocab::ACCEPT.get(g))
        .collect();
    let last_review = m.reviews.iter().map(|r| r.date).max();
    let fy = m.last_verified.fiscal_year();
    let review_overdue = m.status.id == "established" && last_review.is_none_or(|d| d.fiscal_year() < fy - 1);
    Row {
        code: m.code.clone(),
        name: m.name.clone(),
        kana: m.kana.clone(),
        pref_code: m.pref_code.clone(),
        pref_name: m.pref_name.clone(),
        status: m.status,
        established: m.established,
        target: m.target,
        target_passed: facts.target_passed,
        kind: m.kind,
        coordinator: m.coordinator.as_ref().map(|c| c.placed),
        coordinator_count: m.coordinator.as_ref().and_then(|c| c.count),
        coordinator_funding: m.coordinator.as_ref().and_then(|c| c.funding),
        coordinator_24h: m.coordinator.as_ref().and_then(|c| c.around_the_clock),
        contact_listed: !m.contacts.is_empty(),
        contact_24h: facts.contacts.around_clock.yes(),
        around_clock: facts.contacts.around_clock,
        functions_covered: functions.iter().filter(|f| f.covered).count(),
        functions,
        emergency_accepts,
        emergency_gaps,
        last_review,
        review_overdue,
        actions_open: facts.follow_up.open,
        actions_overdue: facts.follow_up.overdue,
        actions_done: facts.follow_up.done,
        roadmap_done: facts.follow_up.roadmap_done,
        roadmap_tracked: facts.follow_up.roadmap_tracked,
        roadmap_overdue: facts.follow_up.roadmap_overdue,
        actions_sample: m.sample || facts.follow_up.sample,
        last_verified: m.last_verified,
        providers: m.providers.len(),
        providers_own: m.providers.iter().filter(|p| !p.joint_copy).count(),
        joint: m.joint.clone(),
        sample: m.sample,
        providers_sample: m.sample || m.providers.iter().any(|p| p.any_sample()),
        contact_sample: m.sample || m.contacts.iter().any(|c| c.sample),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub label: String,
    pub count: usize,
    /// Share of the group's municipalities, in whole percent.
    pub percent: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct FunctionCount {
    pub function: &'static Term,
    pub count: usize,
}

/// Counts for a group of municipalities (a prefecture or the whole site).
#[derive(Debug, Clone, Serialize)]
pub struct Rollup {
    pub code: String,
    pub name: String,
    pub municipalities: usize,
    pub established: usize,
    pub planned: usize,
    pub undecided: usize,
    /// Members of joint bases (共同整備).
    pub joint: usize,
    /// 整備予定 past their target 年度.
    pub target_passed: usize,
    /// Every type in vocabulary order, plus 記載なし.
    pub by_type: Vec<Count>,
    /// Municipalities covering each function, in vocabulary order.
    pub by_function: Vec<FunctionCount>,
    /// The functions covered by the fewest municipalities.
    pub least_covered: Vec<&'static Term>,
    pub coordinator: usize,
    /// Members whose coordinators are paid through the national add-on.
    pub coordinator_addon: usize,
    /// Members whose coordinators can be reached at every hour.
    pub coordinator_24h: usize,
    pub contact_24h: usize,
    pub review_overdue: usize,
    /// Actions of all members: not finished, past due, finished.
    pub actions_open: usize,
    pub actions_overdue: usize,
    pub actions_done: usize,
    /// Members with an action past due.
    pub with_overdue_actions: usize,
    pub actions_sample: bool,
    pub providers: usize,
    /// Some member's record is invented (the counts by status, type, coordinator, review).
    pub sample: bool,
    /// Some member's providers are invented (the counts by function, the providers).
    pub providers_sample: bool,
    /// Some member's contacts are invented (the 24-hour count).
    pub contact_sample: bool,
    /// Indexes into `Compare::rows`.
    pub rows: Vec<usize>,
}

fn percent(part: usize, whole: usize) -> usize {
    (part * 100 + whole / 2).checked_div(whole).unwrap_or(0)
}

fn rollup(strings: &Strings, code: &str, name: &str, rows: &[Row], members: Vec<usize>) -> Rollup {
    let sel: Vec<&Row> = members.iter().map(|&i| &rows[i]).collect();
    let mut by_type: Vec<Count> = vocab::TYPES
        .iter()
        .map(|t| {
            let count = sel.iter().filter(|r| r.kind.is_some_and(|k| k.id == t.id)).count();
            Count { label: t.label.to_string(), count, percent: percent(count, sel.len()) }
        })
        .collect();
    let unknown = sel.iter().filter(|r| r.kind.is_none()).count();
    by_type.push(Count {
        label: strings.get(S::CompareTypeUnknown).into(),
        count: unknown,
        percent: percent(unknown, sel.len()),
    });
    let by_function: Vec<FunctionCount> = vocab::FUNCTIONS
        .iter()
        .map(|f| FunctionCount {
            function: f,
            count: sel.iter().filter(|r| r.functions.iter().any(|c| c.function.id == f.id && c.covered)).count(),
        })
        .collect();
    let min = by_function.iter().map(|c| c.count).min().unwrap_or(0);
    Rollup {
        code: code.into(),
        name: name.into(),
        municipalities: sel.len(),
        established: sel.iter().filter(|r| r.status.id == "established").count(),
        planned: sel.iter().filter(|r| r.status.id == "planned").count(),
        undecided: sel.iter().filter(|r| r.status.id == "undecided").count(),
        joint: sel.iter().filter(|r| r.joint.is_some()).count(),
        target_passed: sel.iter().filter(|r| r.target_passed).count(),
        by_type,
        least_covered: by_function.iter().filter(|c| c.count == min).map(|c| c.function).collect(),
        by_function,
        coordinator: sel.iter().filter(|r| r.coordinator == Some(true)).count(),
        coordinator_addon: sel.iter().filter(|r| r.coordinator_funding.is_some_and(|f| f.id == "addon")).count(),
        coordinator_24h: sel.iter().filter(|r| r.coordinator_24h == Some(true)).count(),
        contact_24h: sel.iter().filter(|r| r.contact_24h).count(),
        review_overdue: sel.iter().filter(|r| r.review_overdue).count(),
        actions_open: sel.iter().map(|r| r.actions_open).sum(),
        actions_overdue: sel.iter().map(|r| r.actions_overdue).sum(),
        actions_done: sel.iter().map(|r| r.actions_done).sum(),
        with_overdue_actions: sel.iter().filter(|r| r.actions_overdue > 0).count(),
        actions_sample: sel.iter().any(|r| r.actions_sample),
        // Each joint base's provider once.
        providers: sel.iter().map(|r| r.providers_own).sum(),
        sample: sel.iter().any(|r| r.sample),
        providers_sample: sel.iter().any(|r| r.providers_sample),
        contact_sample: sel.iter().any(|r| r.contact_sample),
        rows: members,
    }
}

#[derive(Debug, Serialize)]
pub struct Compare {
    /// Sorted by prefecture code, then municipality code.
    pub rows: Vec<Row>,
    pub all: Rollup,
    pub prefectures: Vec<Rollup>,
}

/// `facts` are the municipalities' derived facts, in the site's order.
pub fn compare(site: &Site, facts: &[MunicipalityFacts]) -> Compare {
    let mut rows: Vec<Row> = site.municipalities.iter().zip(facts).map(|(m, f)| row(m, f)).collect();
    rows.sort_by(|a, b| (&a.pref_code, &a.code).cmp(&(&b.pref_code, &b.code)));
    let all = rollup(&site.strings, "all", &site.config.region, &rows, (0..rows.len()).collect());
    let mut prefectures = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let code = rows[i].pref_code.clone();
        let name = rows[i].pref_name.clone();
        let members: Vec<usize> = (i..rows.len()).take_while(|&j| rows[j].pref_code == code).collect();
        i += members.len();
        prefectures.push(rollup(&site.strings, &code, &name, &rows, members));
    }
    Compare { rows, all, prefectures }
}

/// A horizontal bar chart drawn as SVG at build time (the same numbers are in a table beside it).
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub width: u32,
    pub height: u32,
    /// Where bars start (after the labels).
    pub x0: u32,
    /// Length of a full bar.
    pub track: u32,
    pub bars: Vec<Bar>,
    pub legend: Vec<LegendItem>,
    /// Some bar rests on invented records.
    pub sample: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct LegendItem {
    pub class: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub label: String,
    /// Its value rests on invented records.
    pub sample: bool,
    /// The top of its label's line, and of the bar below it.
    pub y: u32,
    pub bar_y: u32,
    pub segments: Vec<Segment>,
    /// Shown after the bar, e.g. "3 / 4".
    pub text: String,
    pub text_x: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    pub x: u32,
    pub width: u32,
    pub class: String,
    pub value: usize,
}

/// A bar's label, its (class, value) segments, the text after it, and whether it
/// rests on invented records.
pub type ChartRow = (String, Vec<(&'static str, usize)>, String, bool);

/// The charts' own width. Labels sit above their bars, so the whole width is for
/// the bars and values, and a narrow chart keeps its 15 px type at 12 px or more on
/// a 390 px phone (drawn 358 px wide there; at most 30rem elsewhere).
const CHART_W: u32 = 420;
/// A label's line above its bar.
const LABEL_H: u32 = 20;
const BAR_H: u32 = 28;
const GAP: u32 = 12;
/// Least room after the longest bar for its value; more when a value's text is
/// longer (the 15 px text measured: a full-width character 15 px, another 9 px),
/// up to half the chart.
const TEXT_W: u32 = 110;

/// The room the longest of `texts` needs after its bar.
fn text_room(texts: impl Iterator<Item = usize>) -> u32 {
    (texts.max().unwrap_or(0) as u32 + 16).clamp(TEXT_W, CHART_W / 2)
}

/// A text's width in the charts' 15 px type.
fn text_px(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 9 } else { 15 }).sum::<usize>() + 15
}

/// One bar per row: `segments` are (class, value); the scale is `max`.
pub fn chart(id: &str, title: &str, rows: Vec<ChartRow>, max: usize, legend: &[(&str, String)]) -> Chart {
    let span = CHART_W - text_room(rows.iter().map(|r| text_px(&r.2)));
    let max = max.max(1);
    let bars: Vec<Bar> = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, segs, text, sample))| {
            let mut x = 0;
            let segments: Vec<Segment> = segs
                .into_iter()
                .map(|(class, value)| {
                    let width = (value as u32 * span) / max as u32;
                    let s = Segment { x, width, class: class.to_string(), value };
                    x += width;
                    s
                })
                .collect();
            let y = GAP + i as u32 * (LABEL_H + BAR_H + GAP);
            Bar { label, sample, y, bar_y: y + LABEL_H, segments, text, text_x: x + 8 }
        })
        .collect();
    let height = GAP + bars.len() as u32 * (LABEL_H + BAR_H + GAP);
    Chart {
        sample: bars.iter().any(|b| b.sample),
        id: id.into(),
        title: title.into(),
        width: CHART_W,
        height,
        x0: 0,
        track: span,
        bars,
        legend: legend.iter().map(|(c, l)| LegendItem { class: c.to_string(), label: l.to_string() }).collect(),
    }
}

/// Municipalities covering each function, for a roll-up.
pub fn function_chart(s: &Strings, id: &str, r: &Rollup) -> Chart {
    let rows = r
        .by_function
        .iter()
        .map(|c| {
            (
                c.function.label.to_string(),
                vec![("covered", c.count)],
                format!("{} / {}", c.count, r.municipalities),
                r.providers_sample,
            )
        })
        .collect();
    chart(id, &s.fill(S::ChartFunctions, &[("name", &r.name)]), rows, r.municipalities, &[])
}

/// 整備済, 整備予定 and その他・未定 per prefecture.
pub fn status_chart(s: &Strings, id: &str, prefectures: &[Rollup]) -> Chart {
    let [established, planned, undecided] = status_labels();
    let max = prefectures.iter().map(|p| p.municipalities).max().unwrap_or(1);
    let rows = prefectures
        .iter()
        .map(|p| {
            (
                p.name.clone(),
                vec![("established", p.established), ("planned", p.planned), ("undecided", p.undecided)],
                // The statuses the prefecture has, each with its count (整備済 3・整備予定 1).
                [(established, p.established), (planned, p.planned), (undecided, p.undecided)]
                    .iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(label, n)| s.fill(S::ChartStatusRow, &[("label", label), ("count", &n.to_string())]))
                    .collect::<Vec<_>>()
                    .join(s.get(S::ListJoiner)),
                p.sample,
            )
        })
        .collect();
    chart(id, s.get(S::ChartStatus), rows, max, &status_legend(s))
}

/// The charts' legend of the three statuses (how each is drawn, in words).
fn status_legend(s: &Strings) -> [(&'static str, String); 3] {
    let [established, planned, undecided] = status_labels();
    [
        ("established", established.to_string()),
        ("planned", s.fill(S::ChartPlanned, &[("label", planned)])),
        ("undecided", s.fill(S::ChartUndecided, &[("label", undecided)])),
    ]
}

/// Per municipality: how many of the six functions have information, drawn by 整備状況.
pub fn municipality_chart(s: &Strings, id: &str, r: &Rollup, rows: &[Row]) -> Chart {
    let bars = r
        .rows
        .iter()
        .map(|&i| {
            let row = &rows[i];
            let class = row.status.id;
            (
                row.name.clone(),
                vec![(class, row.functions_covered)],
                s.fill(
                    S::ChartMunicipalityRow,
                    &[
                        ("status", row.status.label),
                        ("covered", &row.functions_covered.to_string()),
                        ("of", &crate::model::vocab::FUNCTIONS.len().to_string()),
                    ],
                ),
                row.sample || row.providers_sample,
            )
        })
        .collect();
    chart(
        id,
        &s.fill(S::ChartMunicipalities, &[("name", &r.name)]),
        bars,
        crate::model::vocab::FUNCTIONS.len(),
        &status_legend(s),
    )
}

/// The vocabulary's labels of the three statuses the charts draw.
fn status_labels() -> [&'static str; 3] {
    let label = |id| crate::model::vocab::label_of(crate::model::vocab::STATUSES, id);
    [label("established"), label("planned"), label("undecided")]
}
