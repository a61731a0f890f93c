//! Dates as Japanese documents write them: ISO (2023-03-24), 和暦 (令和5年3月, R5.3),
//! and 年度 (fiscal years, April to March). Normalised to one type; shown in 和暦.

use serde::{Serialize, Serializer};
use std::cmp::Ordering;

/// A date as precise as it was written: a day, a month, a year or a 年度.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JDate {
    /// A day.
    Day {
        /// Gregorian year.
        year: i32,
        /// 1–12.
        month: u32,
        /// 1–31.
        day: u32,
    },
    /// A month.
    Month {
        /// Gregorian year.
        year: i32,
        /// 1–12.
        month: u32,
    },
    /// A calendar year.
    Year {
        /// Gregorian year.
        year: i32,
    },
    /// 年度 starting in April of `year`.
    FiscalYear {
        /// The Gregorian year the 年度 starts in.
        year: i32,
    },
}

struct Era {
    name: &'static str,
    latin: char,
    /// Gregorian year of the era's first year.
    start: i32,
    /// First (month, day) of the era within its start year.
    first_day: (u32, u32),
    /// Last valid era year (inclusive), if the era has ended.
    last: Option<i32>,
}

const ERAS: &[Era] = &[
    Era { name: "令和", latin: 'R', start: 2019, first_day: (5, 1), last: None },
    Era { name: "平成", latin: 'H', start: 1989, first_day: (1, 8), last: Some(31) },
    Era { name: "昭和", latin: 'S', start: 1926, first_day: (12, 25), last: Some(64) },
    Era { name: "大正", latin: 'T', start: 1912, first_day: (7, 30), last: Some(15) },
    Era { name: "明治", latin: 'M', start: 1868, first_day: (1, 1), last: Some(45) },
];

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// What is wrong.
    pub message: String,
    /// How to write it instead.
    pub hint: Option<String>,
}

fn err(message: impl Into<String>, hint: Option<String>) -> DateError {
    DateError { message: message.into(), hint }
}

const FORMS: &str = "write 2023-03-24, 2023-03, 令和5年3月24日, 令和5年3月, 令和5年度 or R5.3";

/// Full-width digits and punctuation to ASCII, spaces removed.
fn normalise(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            'Ｒ' => 'R',
            'Ｈ' => 'H',
            'Ｓ' => 'S',
            '．' => '.',
            '－' | '‐' | '−' | '／' | '/' => '-',
            _ => c,
        })
        .collect()
}

/// Read a date written as an ISO date, 西暦 or 和暦 (令和5年3月, 令和7年度, R5.3.1), full or half width.
pub fn parse(input: &str) -> Result<JDate, DateError> {
    let s = normalise(input);
    if s.is_empty() {
        return Err(err("empty date", Some(FORMS.into())));
    }
    // Era prefix: kanji name or Latin initial.
    for era in ERAS {
        let rest = s
            .strip_prefix(era.name)
            .or_else(|| s.strip_prefix(era.latin).or_else(|| s.strip_prefix(era.latin.to_ascii_lowercase())));
        if let Some(rest) = rest {
            let (era_year, fields, fiscal) = split_fields(rest)?;
            if era_year < 1 {
                return Err(err(format!("{}{}年 does not exist", era.name, era_year), None));
            }
            if let Some(last) = era.last
                && era_year > last
            {
                let year = era.start + era_year - 1;
                let hint = ERAS
                    .iter()
                    .find(|e| year >= e.start && e.last.is_none_or(|l| year < e.start + l))
                    .map(|e| format!("{}{}年 is {}{}年", era.name, era_year, e.name, year_label(year - e.start + 1)));
                return Err(err(
                    format!("{}{}年 does not exist: {} ended in its year {}", era.name, era_year, era.name, last),
                    hint,
                ));
            }
            let year = era.start + era_year - 1;
            let date = build(year, fields, fiscal)?;
            // A date before the era began (e.g. 令和元年4月) is a mistake.
            let too_early = era_year == 1
                && match date {
                    JDate::Day { month, day, .. } => (month, day) < era.first_day,
                    JDate::Month { month, .. } => month < era.first_day.0,
                    _ => false,
                };
            if too_early {
                return Err(err(format!("{}元年 began on {}月{}日", era.name, era.first_day.0, era.first_day.1), None));
            }
            return Ok(date);
        }
    }
    // Gregorian: 2023-03-24, 2023-03, 2023, 2023年3月24日, 2023年度.
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        let (year, fields, fiscal) = split_fields(&s)?;
        if !(1868..=2200).contains(&year) {
            return Err(err(format!("year {year} is out of range"), Some(FORMS.into())));
        }
        return build(year, fields, fiscal);
    }
    Err(err(format!("\"{input}\" is not a date"), Some(FORMS.into())))
}

/// Split "5年3月24日", "5.3.24", "5-3", "5年度", "元年" into (year, [month, day], fiscal).
fn split_fields(rest: &str) -> Result<(i32, Vec<u32>, bool), DateError> {
    let mut fiscal = false;
    let mut body = rest.to_string();
    if let Some(b) = body.strip_suffix("年度") {
        fiscal = true;
        body = b.to_string();
    }
    let body = body.replace('元', "1");
    let parts: Vec<&str> = body.split(['年', '月', '日', '.', '-']).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() || parts.len() > 3 {
        return Err(err(format!("\"{rest}\" is not a date"), Some(FORMS.into())));
    }
    let mut nums = Vec::with_capacity(3);
    for p in &parts {
        match p.parse::<u32>() {
            Ok(n) if n < 100_000 => nums.push(n),
            _ => return Err(err(format!("\"{p}\" is not a number in a date"), Some(FORMS.into()))),
        }
    }
    if fiscal && nums.len() > 1 {
        return Err(err("a 年度 has no month or day", Some("write 令和5年度 or 令和5年3月".into())));
    }
    let year = nums.remove(0) as i32;
    Ok((year, nums, fiscal))
}

fn build(year: i32, fields: Vec<u32>, fiscal: bool) -> Result<JDate, DateError> {
    if fiscal {
        return Ok(JDate::FiscalYear { year });
    }
    match fields.as_slice() {
        [] => Ok(JDate::Year { year }),
        [month] => {
            check_month(*month)?;
            Ok(JDate::Month { year, month: *month })
        }
        [month, day] => {
            check_month(*month)?;
            let max = days_in_month(year, *month);
            if *day < 1 || *day > max {
                return Err(err(format!("day {day} does not exist in month {month} (it has {max} days)"), None));
            }
            Ok(JDate::Day { year, month: *month, day: *day })
        }
        _ => Err(err("too many date fields", Some(FORMS.into()))),
    }
}

fn check_month(month: u32) -> Result<(), DateError> {
    if (1..=12).contains(&month) { Ok(()) } else { Err(err(format!("month {month} does not exist"), None)) }
}

/// How many days a month of the Gregorian calendar has.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn year_label(n: i32) -> String {
    if n == 1 { "元".to_string() } else { n.to_string() }
}

/// The era a (year, month, day) falls in, and its era year.
fn era_of(year: i32, month: u32, day: u32) -> (&'static str, i32) {
    for era in ERAS {
        if (year, month, day) >= (era.start, era.first_day.0, era.first_day.1) {
            return (era.name, year - era.start + 1);
        }
    }
    ("", year)
}

impl JDate {
    /// The day `days` after 1970-01-01 (the inverse of `day_number`).
    pub fn from_day_number(days: i64) -> JDate {
        // Civil-from-days (Howard Hinnant's algorithm).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        JDate::Day { year, month, day }
    }

    /// The earliest day the date can mean, used for ordering and age.
    pub fn start(&self) -> (i32, u32, u32) {
        match *self {
            JDate::Day { year, month, day } => (year, month, day),
            JDate::Month { year, month } => (year, month, 1),
            JDate::Year { year } => (year, 1, 1),
            JDate::FiscalYear { year } => (year, 4, 1),
        }
    }

    /// The last day the date can mean (31 March of the next year for a 年度).
    pub fn end(&self) -> (i32, u32, u32) {
        match *self {
            JDate::Day { year, month, day } => (year, month, day),
            JDate::Month { year, month } => (year, month, days_in_month(year, month)),
            JDate::Year { year } => (year, 12, 31),
            JDate::FiscalYear { year } => (year + 1, 3, 31),
        }
    }

    /// Days from 1970-01-01 to the date's first day (Gregorian), for ages in days.
    pub fn day_number(&self) -> i64 {
        let (y, m, d) = self.start();
        let (y, m) = if m <= 2 { (y as i64 - 1, m as i64 + 9) } else { (y as i64, m as i64 - 3) };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * m + 2) / 5 + d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Whether the whole date lies before `day` (a target 年度 that has ended).
    pub fn passed(&self, day: &JDate) -> bool {
        self.end() < day.start()
    }

    /// The 年度 the date falls in (April to March).
    pub fn fiscal_year(&self) -> i32 {
        match *self {
            JDate::FiscalYear { year } | JDate::Year { year } => year,
            JDate::Day { year, month, .. } | JDate::Month { year, month } => {
                if month >= 4 {
                    year
                } else {
                    year - 1
                }
            }
        }
    }

    /// 和暦, e.g. 令和5年3月24日, 令和5年度, 令和元年.
    pub fn wareki(&self) -> String {
        match *self {
            JDate::Day { year, month, day } => {
                let (era, n) = era_of(year, month, day);
                format!("{era}{}年{month}月{day}日", year_label(n))
            }
            JDate::Month { year, month } => {
                let (era, n) = era_of(year, month, days_in_month(year, month));
                format!("{era}{}年{month}月", year_label(n))
            }
            JDate::Year { year } => {
                let (era, n) = era_of(year, 12, 31);
                format!("{era}{}年", year_label(n))
            }
            JDate::FiscalYear { year } => {
                let (era, n) = era_of(year, 4, 1);
                let (era, n) = if year == 2019 { ("令和", 1) } else { (era, n) };
                format!("{era}{}年度", year_label(n))
            }
        }
    }

    /// A valid HTML `<time datetime>` value, or None for a 年度.
    pub fn iso(&self) -> Option<String> {
        match *self {
            JDate::Day { year, month, day } => Some(format!("{year:04}-{month:02}-{day:02}")),
            JDate::Month { year, month } => Some(format!("{year:04}-{month:02}")),
            JDate::Year { year } => Some(format!("{year:04}")),
            JDate::FiscalYear { .. } => None,
        }
    }

    /// RFC 3339 timestamp of the date's first day (Japan time), for feeds.
    pub fn rfc3339(&self) -> String {
        let (y, m, d) = self.start();
        format!("{y:04}-{m:02}-{d:02}T00:00:00+09:00")
    }

    /// Its first day as an ISO date (2025-04-01 for 令和7年度): one format a
    /// spreadsheet reads as a date whatever the precision; the 和暦 beside it says which.
    pub fn start_iso(&self) -> String {
        let (y, m, d) = self.start();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// ISO-like sortable text for data files (年度 as FY2023).
    pub fn machine(&self) -> String {
        match self {
            JDate::FiscalYear { year } => format!("FY{year}"),
            other => other.iso().unwrap_or_default(),
        }
    }
}

impl PartialOrd for JDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for JDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.start().cmp(&other.start()).then_with(|| self.machine().cmp(&other.machine()))
    }
}

impl Serialize for JDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("JDate", 4)?;
        st.serialize_field("label", &self.wareki())?;
        st.serialize_field("iso", &self.iso())?;
        st.serialize_field("machine", &self.machine())?;
        st.serialize_field("fiscal_year", &self.fiscal_year())?;
        st.end()
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn day_numbers_go_both_ways() {
        for n in (-800_000..800_000).step_by(997) {
            assert_eq!(JDate::from_day_number(n).day_number(), n, "{n}");
        }
        assert_eq!(JDate::from_day_number(0), JDate::Day { year: 1970, month: 1, day: 1 });
        assert_eq!(JDate::from_day_number(20_089), JDate::Day { year: 2025, month: 1, day: 1 });
    }

    use super::*;

    #[test]
    fn parses_the_forms_documents_use() {
        assert_eq!(parse("2023-03-24"), Ok(JDate::Day { year: 2023, month: 3, day: 24 }));
        assert_eq!(parse("令和5年3月"), Ok(JDate::Month { year: 2023, month: 3 }));
        assert_eq!(parse("令和５年３月"), Ok(JDate::Month { year: 2023, month: 3 }));
        assert_eq!(parse("R5.3"), Ok(JDate::Month { year: 2023, month: 3 }));
        assert_eq!(parse("令和4年3月24日"), Ok(JDate::Day { year: 2022, month: 3, day: 24 }));
        assert_eq!(parse("令和5年度"), Ok(JDate::FiscalYear { year: 2023 }));
        assert_eq!(parse("H30年度"), Ok(JDate::FiscalYear { year: 2018 }));
        assert_eq!(parse("令和元年"), Ok(JDate::Year { year: 2019 }));
        assert_eq!(parse("平成31年3月28日"), Ok(JDate::Day { year: 2019, month: 3, day: 28 }));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(parse("2023-02-30").is_err());
        assert!(parse("令和5年13月").is_err());
        assert!(parse("平成32年度").unwrap_err().hint.unwrap().contains("令和2年"));
        assert!(parse("きのう").is_err());
        assert!(parse("").is_err());
    }

    #[test]
    fn shows_wareki() {
        assert_eq!(parse("2022-03-24").unwrap().wareki(), "令和4年3月24日");
        assert_eq!(parse("2019-04-30").unwrap().wareki(), "平成31年4月30日");
        assert_eq!(parse("2019-05-01").unwrap().wareki(), "令和元年5月1日");
        assert_eq!(parse("FY2019".trim_start_matches("FY").to_owned().as_str()).unwrap().wareki(), "令和元年");
        assert_eq!(parse("令和元年度").unwrap().wareki(), "令和元年度");
        assert_eq!(parse("R5.3").unwrap().fiscal_year(), 2022);
    }
}
