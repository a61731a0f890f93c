//! When a contact answers: windows of time on kinds of day (平日, 土曜, 日曜,
//! 祝日・年末年始), the answer to "does someone answer at every hour?", and the
//! calendar of 祝日 the pages need to tell, in the browser, which line answers now.

use super::vocab::{self, Term};
use serde::Serialize;

/// Minutes in a day.
pub const DAY: u16 = 24 * 60;

/// When a contact answers.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hours {
    /// The coarse words it was given in (`always`, `weekday_daytime`,
    /// `nights_holidays`), when it was given so: shown instead of the windows.
    pub preset: Option<&'static Term>,
    /// The windows, exact or expanded from the preset.
    pub windows: Vec<Window>,
}

/// One answering window: from a time to a time, on some kinds of day. A window
/// whose end is not after its start runs past midnight into the next day
/// (17:30〜翌9:00).
#[derive(Debug, Clone, Serialize)]
pub struct Window {
    /// The kinds of day it starts on.
    pub days: Vec<&'static Term>,
    /// Its start as written (`17:30`).
    pub from: String,
    /// Its end as written (`09:00`, `24:00`).
    pub to: String,
    /// Its start in minutes after midnight.
    pub from_min: u16,
    /// Its end in minutes after midnight (1440 for 24:00).
    pub to_min: u16,
    /// Whether it ends on the next day.
    pub overnight: bool,
}

/// Two windows are the same when they cover the same minutes on the same kinds
/// of day, however their times were written (`9:00` and `09:00`).
impl PartialEq for Window {
    fn eq(&self, other: &Self) -> bool {
        self.from_min == other.from_min
            && self.to_min == other.to_min
            && self.days.iter().map(|d| d.id).eq(other.days.iter().map(|d| d.id))
    }
}

/// 平日の日中 as a site sets it: when weekday-daytime lines answer and night
/// lines stop.
#[derive(Debug, Clone, Copy)]
pub struct Daytime {
    /// Start, minutes after midnight.
    pub from: u16,
    /// End, minutes after midnight.
    pub to: u16,
}

impl Default for Daytime {
    fn default() -> Self {
        Daytime { from: 9 * 60, to: 17 * 60 }
    }
}

/// `HH:MM` (0:00–24:00) as minutes after midnight.
pub fn parse_time(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    if h.to_string().len() > 2 || m.to_string().len() > 2 || m >= 60 {
        return None;
    }
    let t = h * 60 + m;
    (t <= DAY).then_some(t)
}

/// Minutes as `H:MM`.
pub fn format_time(t: u16) -> String {
    format!("{}:{:02}", t / 60, t % 60)
}

impl Window {
    /// A window from minutes to minutes on these kinds of day.
    pub fn new(days: Vec<&'static Term>, from: u16, to: u16) -> Window {
        Window { days, from: format_time(from), to: format_time(to), from_min: from, to_min: to, overnight: to <= from }
    }

    fn on(&self, kind: &str) -> bool {
        self.days.iter().any(|d| d.id == kind)
    }
}

fn kinds(ids: &[&str]) -> Vec<&'static Term> {
    ids.iter().filter_map(|id| vocab::DAY_KIND.get(id)).collect()
}

impl Hours {
    /// The windows a preset stands for, around the site's daytime.
    pub fn preset(term: &'static Term, daytime: Daytime) -> Hours {
        let all = ["weekdays", "saturdays", "sundays", "holidays"];
        let windows = match term.id {
            "always" => vec![Window::new(kinds(&all), 0, DAY)],
            "weekday_daytime" => vec![Window::new(kinds(&["weekdays"]), daytime.from, daytime.to)],
            // Nights run into the next morning after any kind of day: the night of a
            // Sunday ends when Monday's daytime begins.
            _ => vec![
                Window::new(kinds(&["weekdays"]), daytime.to, daytime.from),
                Window::new(kinds(&["saturdays", "sundays", "holidays"]), 0, DAY),
                Window::new(kinds(&["saturdays", "sundays", "holidays"]), daytime.to, daytime.from),
            ],
        };
        Hours { preset: Some(term), windows }
    }

    /// Minutes of a day of kind `today`, after a day of kind `yesterday`, on
    /// which this answers.
    fn mark(&self, yesterday: &str, today: &str, covered: &mut [bool]) {
        for w in &self.windows {
            if w.on(today) {
                let end = if w.overnight { DAY } else { w.to_min };
                covered[w.from_min as usize..end as usize].iter_mut().for_each(|m| *m = true);
            }
            if w.overnight && w.on(yesterday) {
                covered[..w.to_min as usize].iter_mut().for_each(|m| *m = true);
            }
        }
    }
}

impl Hours {
    /// In words: the preset's label, or each window with its days
    /// (平日 9:00〜17:00、土曜・日曜・祝日・年末年始 0:00〜24:00).
    pub fn describe(&self, strings: &super::strings::Strings) -> String {
        use super::strings::S;
        if let Some(p) = self.preset {
            return p.label.to_string();
        }
        let joiner = strings.get(S::ListJoiner);
        let windows: Vec<String> = self
            .windows
            .iter()
            .map(|w| {
                let days: Vec<&str> = w.days.iter().map(|d| d.label).collect();
                let key = if w.overnight && w.to_min > 0 { S::HoursWindowOvernight } else { S::HoursWindow };
                let to = if w.overnight && w.to_min == 0 { "24:00".to_string() } else { w.to.clone() };
                strings.fill(key, &[("days", &days.join(joiner)), ("from", &w.from), ("to", &to)])
            })
            .collect();
        windows.join(strings.get(S::HoursJoiner))
    }
}

/// Which kind of day can follow which (a 祝日 may fall on any day, 年末年始 runs
/// through several).
const FOLLOWS: &[(&str, &str)] = &[
    ("weekdays", "weekdays"),
    ("weekdays", "saturdays"),
    ("weekdays", "holidays"),
    ("saturdays", "sundays"),
    ("saturdays", "holidays"),
    ("sundays", "weekdays"),
    ("sundays", "holidays"),
    ("holidays", "weekdays"),
    ("holidays", "saturdays"),
    ("holidays", "sundays"),
    ("holidays", "holidays"),
];

/// Whether these hours, together, answer at every minute of every kind of day.
pub fn around_the_clock<'a>(hours: impl Iterator<Item = &'a Hours> + Clone) -> bool {
    FOLLOWS.iter().all(|(yesterday, today)| {
        let mut covered = vec![false; DAY as usize];
        for h in hours.clone() {
            h.mark(yesterday, today, &mut covered);
        }
        covered.iter().all(|&c| c)
    })
}

/// Whether a window never answers: no day, or no time.
pub fn empty_window(w: &Window) -> bool {
    w.days.is_empty() || (w.from_min == w.to_min)
}

/// Days since 1970-01-01 of a civil date.
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Day of the week, 0 = Sunday.
fn weekday(y: i32, m: u32, d: u32) -> u32 {
    (days_from_civil(y, m, d) + 4).rem_euclid(7) as u32
}

use super::wareki::days_in_month;

/// The n-th Monday of a month.
fn nth_monday(y: i32, m: u32, n: u32) -> u32 {
    let first = weekday(y, m, 1);
    let first_monday = 1 + (8 - first) % 7;
    first_monday + 7 * (n - 1)
}

/// 国民の祝日 of a year under 国民の祝日に関する法律 as it stands since 2020
/// (春分日・秋分日 by the usual approximation, valid 1980–2099), with 振替休日
/// (a 祝日 on a Sunday moves to the next day that is not one) and 国民の休日
/// (a day between two 祝日). As (month, day), in order.
pub fn national_holidays(y: i32) -> Vec<(u32, u32)> {
    let n = (y - 1980) as f64;
    let leap = ((y - 1980) / 4) as f64;
    let spring = (20.8431 + 0.242194 * n - leap).floor() as u32;
    let autumn = (23.2488 + 0.242194 * n - leap).floor() as u32;
    let mut days: Vec<(u32, u32)> = vec![
        (1, 1),
        (1, nth_monday(y, 1, 2)),
        (2, 11),
        (2, 23),
        (3, spring),
        (4, 29),
        (5, 3),
        (5, 4),
        (5, 5),
        (7, nth_monday(y, 7, 3)),
        (8, 11),
        (9, nth_monday(y, 9, 3)),
        (9, autumn),
        (10, nth_monday(y, 10, 2)),
        (11, 3),
        (11, 23),
    ];
    days.sort_unstable();
    let is = |days: &[(u32, u32)], md: (u32, u32)| days.contains(&md);
    let next = |(m, d): (u32, u32)| if d < days_in_month(y, m) { (m, d + 1) } else { (m + 1, 1) };
    // 国民の休日: a day that is not a 祝日, between two 祝日.
    let mut between = Vec::new();
    for w in days.windows(2) {
        let mid = next(w[0]);
        if next(mid) == w[1] && !is(&days, mid) && weekday(y, mid.0, mid.1) != 0 {
            between.push(mid);
        }
    }
    days.extend(between);
    // 振替休日.
    let mut substitutes = Vec::new();
    for &(m, d) in &days {
        if weekday(y, m, d) == 0 {
            let mut day = next((m, d));
            while is(&days, day) || substitutes.contains(&day) {
                day = next(day);
            }
            substitutes.push(day);
        }
    }
    days.extend(substitutes);
    days.sort_unstable();
    days.dedup();
    days
}

/// The 祝日 of some years, compact for a page's script: `2026:0101,0112,…;2027:…`.
pub fn holidays_attr(from_year: i32, years: i32) -> String {
    (from_year..from_year + years)
        .map(|y| {
            let days: Vec<String> = national_holidays(y).iter().map(|(m, d)| format!("{m:02}{d:02}")).collect();
            format!("{y}:{}", days.join(","))
        })
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holidays_of_2026_and_2027_match_the_cabinet_office_list() {
        // 内閣府「国民の祝日について」: 2026 has 9/22 国民の休日 and 5/6 振替休日.
        let y26 = national_holidays(2026);
        let want26 = [
            (1, 1),
            (1, 12),
            (2, 11),
            (2, 23),
            (3, 20),
            (4, 29),
            (5, 3),
            (5, 4),
            (5, 5),
            (5, 6),
            (7, 20),
            (8, 11),
            (9, 21),
            (9, 22),
            (9, 23),
            (10, 12),
            (11, 3),
            (11, 23),
        ];
        assert_eq!(y26, want26);
        let y27 = national_holidays(2027);
        assert!(y27.contains(&(3, 21)) && y27.contains(&(3, 22)), "春分の日 on a Sunday moves to Monday: {y27:?}");
        assert_eq!(y27.len(), 17);
    }

    #[test]
    fn day_and_night_lines_together_answer_around_the_clock() {
        let d = Daytime::default();
        let day = Hours::preset(vocab::HOURS_PRESET.get("weekday_daytime").unwrap(), d);
        let night = Hours::preset(vocab::HOURS_PRESET.get("nights_holidays").unwrap(), d);
        assert!(!around_the_clock([&day].into_iter()));
        assert!(!around_the_clock([&night].into_iter()));
        assert!(around_the_clock([&day, &night].into_iter()));
        // A night line that stops at midnight leaves the small hours uncovered.
        let short = Hours {
            preset: None,
            windows: vec![
                Window::new(kinds(&["weekdays"]), 17 * 60, DAY),
                Window::new(kinds(&["saturdays", "sundays", "holidays"]), 0, DAY),
            ],
        };
        assert!(!around_the_clock([&day, &short].into_iter()));
    }

    #[test]
    fn times_parse_strictly() {
        assert_eq!(parse_time("09:00"), Some(540));
        assert_eq!(parse_time("24:00"), Some(1440));
        assert_eq!(parse_time("8:45"), Some(525));
        assert_eq!(parse_time("24:30"), None);
        assert_eq!(parse_time("9時"), None);
        assert_eq!(parse_time("09:60"), None);
    }
}
