//! Check: turn what was loaded into the checked model, reporting every problem
//! (vocabulary, codes, dates, coordinates, references, URLs) with its location.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Loaded;
use crate::load::raw::{self, S};
use crate::model::gazetteer::{Entry, Gazetteer};
use crate::model::hours::{self, Daytime, Hours, Window};
use crate::model::jiscode::{self, CodeError};
use crate::model::vocab::{self, Term, Vocabulary};
use crate::model::wareki::{self, JDate};
use crate::model::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Japan's extent, generously: Okinotorishima to Etorofu, Yonaguni to Minamitorishima.
const LAT_RANGE: std::ops::RangeInclusive<f64> = 20.0..=46.0;
const LON_RANGE: std::ops::RangeInclusive<f64> = 122.0..=154.5;

/// Returns the checked site (when there is no error), the diagnostics, and the
/// source texts for quoting lines.
/// Check one municipality file on its own, for `serve`'s quick preview: `taken` are
/// provider ids other files use (id → where); the whole-site build that follows
/// reports what needs the other files beyond that.
pub fn municipality_alone(
    path: &Path,
    m: crate::load::raw::Municipality,
    g: &Gazetteer,
    today: JDate,
    taken: HashMap<String, PathBuf>,
    rules: Rules,
    diags: &mut Diagnostics,
) -> Option<Municipality> {
    // Ids other municipalities use count as used by an earlier file.
    let earlier: HashMap<String, (usize, PathBuf)> = taken.into_iter().map(|(id, p)| (id, (0, p))).collect();
    let mut c = Checker { path, diags, offset: 0, rules };
    c.municipality(m, g, today, &mut ProviderIds::new(&earlier, 1))
}

/// Provider ids are URLs (/p/<id>/): unique across the site. The first use of each
/// id, by file order, is found before the files are checked (in parallel); a later
/// use — in a later file or further down the same file — is the error.
pub struct ProviderIds<'a> {
    first_use: &'a HashMap<String, (usize, PathBuf)>,
    file: usize,
    here: std::collections::HashSet<String>,
}

impl<'a> ProviderIds<'a> {
    fn new(first_use: &'a HashMap<String, (usize, PathBuf)>, file: usize) -> Self {
        ProviderIds { first_use, file, here: Default::default() }
    }

    /// Where `id` was used before, or None (and it is noted as used here).
    fn reuse(&mut self, id: &str, this_file: &Path) -> Option<PathBuf> {
        match self.first_use.get(id) {
            Some((k, p)) if *k < self.file => Some(p.clone()),
            _ if !self.here.insert(id.to_string()) => Some(this_file.to_path_buf()),
            _ => None,
        }
    }
}

/// Each provider id's first file (index in `files`, and path).
fn first_uses(files: &[(PathBuf, raw::Municipality)]) -> HashMap<String, (usize, PathBuf)> {
    let mut first: HashMap<String, (usize, PathBuf)> = HashMap::new();
    for (k, (path, m)) in files.iter().enumerate() {
        for p in &m.providers {
            first.entry(p.id.value.trim().to_string()).or_insert_with(|| (k, path.clone()));
        }
    }
    first
}

pub fn check(mut loaded: Loaded, today: JDate) -> (Option<Site>, Diagnostics, crate::source::Sources) {
    let mut diags = Diagnostics::default();
    let g = &loaded.gazetteer;
    let rules = loaded.config.as_ref().map(Rules::of).unwrap_or_default();

    let mut municipalities = Vec::new();
    let mut seen_codes: HashMap<String, PathBuf> = HashMap::new();
    // Each file checked on its own (in parallel; 1,741 files nationwide), the
    // diagnostics then taken in file order as if checked one after another.
    let first_use = first_uses(&loaded.municipalities);
    let checked: Vec<(PathBuf, Option<Municipality>, Diagnostics)> = {
        use rayon::prelude::*;
        std::mem::take(&mut loaded.municipalities)
            .into_par_iter()
            .enumerate()
            .map(|(k, (path, m))| {
                let mut d = Diagnostics::default();
                let mut c = Checker { path: &path, diags: &mut d, offset: 0, rules };
                let m = c.municipality(m, g, today, &mut ProviderIds::new(&first_use, k));
                (path, m, d)
            })
            .collect()
    };
    for (path, m, d) in checked {
        diags.extend(d);
        let mut c = Checker { path: &path, diags: &mut diags, offset: 0, rules };
        if let Some(m) = m {
            if let Some(prev) = seen_codes.get(&m.code) {
                c.error_at(
                    1,
                    1,
                    format!("municipality {} is also defined in {}", m.code, prev.display()),
                    Some("keep one file per municipality".into()),
                );
            }
            seen_codes.insert(m.code.clone(), path.clone());
            municipalities.push((path.clone(), m));
        }
    }
    let checked_paths: Vec<(PathBuf, String)> =
        municipalities.iter().map(|(p, m)| (p.clone(), m.code.clone())).collect();
    let paths: HashMap<String, PathBuf> = municipalities.iter().map(|(p, m)| (m.code.clone(), p.clone())).collect();
    let mut municipalities: Vec<Municipality> = municipalities.into_iter().map(|(_, m)| m).collect();
    join_bases(&mut municipalities, g, &paths, rules, &mut diags);
    municipalities.sort_by(|a, b| a.code.cmp(&b.code));

    let mut cases = Vec::new();
    for doc in loaded.cases {
        let mut c = Checker { path: &doc.path, diags: &mut diags, offset: 1, rules };
        if let Some(case) = c.case(doc.slug, doc.front, doc.body, g) {
            cases.push(case);
        }
    }
    cases.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));

    let guides = pages(loaded.guides, &mut diags);
    let recruit = pages(loaded.recruit, &mut diags);

    let practices = loaded.practices.map(|(path, p)| {
        let mut c = Checker { path: &path, diags: &mut diags, offset: 0, rules };
        c.practices(p, g)
    });

    if loaded.config.is_none() && !diags.has_errors() {
        diags.push(
            Diagnostic::error(crate::load::CONFIG_FILE, 0, 0, "kyoten.yaml is missing")
                .with_hint("run in the site's folder or pass --root"),
        );
    }
    if let Some(config) = &loaded.config {
        config_urls(config, &loaded.sources, &mut diags);
    }
    // Providers whose coordinates fall outside their municipality: a warning, not a guess.
    for (path, m) in &checked_paths {
        let (Some(muni), Some(shape)) =
            (municipalities.iter().find(|x| &x.code == m), loaded.boundaries.municipalities.get(m))
        else {
            continue;
        };
        for p in &muni.providers {
            if let Some(l) = p.location.as_ref().filter(|l| !shape.contains(l.lon, l.lat)) {
                let line = loaded.sources.find_line(path, &format!("id: {}", p.id));
                let message = format!("provider \"{}\" lies outside {} ({}, {})", p.id, muni.name, l.lat, l.lon);
                let hint = "check the coordinates; leave location out if unsure — it is listed under 位置未確定";
                diags.push(Diagnostic::warning(path, line, 1, message).with_hint(hint));
            }
        }
    }
    let national = loaded.national.take().map(|(path, n)| {
        let mut c = Checker { path: &path, diags: &mut diags, offset: 0, rules };
        c.national(n)
    });
    let accessibility = loaded.accessibility.take().and_then(|(path, a)| {
        let mut c = Checker { path: &path, diags: &mut diags, offset: 0, rules };
        c.accessibility(a)
    });
    let incentives = loaded.incentives.take().map(|(path, i)| {
        let mut c = Checker { path: &path, diags: &mut diags, offset: 0, rules };
        c.incentives(i, g)
    });
    let mut prefecture_records: Vec<PrefectureRecord> = Vec::new();
    for (path, p) in std::mem::take(&mut loaded.prefectures) {
        let mut c = Checker { path: &path, diags: &mut diags, offset: 0, rules };
        if let Some(r) = c.prefecture_record(p, g, today) {
            if prefecture_records.iter().any(|x| x.code == r.code) {
                c.error_at(1, 1, format!("{} has two files", r.name), Some("keep one file per prefecture".into()));
            } else {
                prefecture_records.push(r);
            }
        }
    }
    prefecture_records.sort_by(|a, b| a.code.cmp(&b.code));
    joint_areas(&municipalities, &prefecture_records, &paths, &mut diags);
    let synonyms = loaded.synonyms.take().map(|(_, s)| s).unwrap_or_default();
    let geo = loaded.boundaries;
    let site = loaded.config.map(|config| Site {
        config,
        today,
        municipalities,
        cases,
        guides,
        recruit,
        practices,
        national,
        accessibility,
        incentives,
        prefectures: prefecture_records,
        synonyms,
        history: loaded.history.take(),
        geo,
        strings: std::mem::take(&mut loaded.strings),
    });
    let sources = std::mem::take(&mut loaded.sources);
    if diags.has_errors() { (None, diags, sources) } else { (site, diags, sources) }
}

/// A joint base's 圏域 against the prefecture's record of its 圏域 (when the
/// prefecture's file defines any): the name is one of them, and every member lies
/// in it. Warnings at the lead's `area:` line: the two files disagree, and either
/// may be the one out of date.
fn joint_areas(
    municipalities: &[Municipality],
    prefectures: &[PrefectureRecord],
    paths: &HashMap<String, PathBuf>,
    diags: &mut Diagnostics,
) {
    for m in municipalities {
        let Some(joint) = m.joint.as_ref().filter(|j| j.lead.code == m.code) else { continue };
        let Some(area) = &joint.area else { continue };
        let Some(record) = prefectures.iter().find(|p| m.code.starts_with(&p.code)).filter(|p| !p.areas.is_empty())
        else {
            continue;
        };
        let path = paths.get(&m.code).cloned().unwrap_or_default();
        let file = format!("data/prefectures/{}.yaml", record.code);
        let line = joint.area_line.max(1);
        match record.areas.iter().find(|a| &a.name == area) {
            None => {
                let names: Vec<&str> = record.areas.iter().map(|a| a.name.as_str()).collect();
                let near = names
                    .iter()
                    .find(|n| n.contains(area.trim_end_matches("圏域")) || area.contains(n.trim_end_matches("圏域")));
                let hint = match near {
                    Some(n) => format!("did you mean \"{n}\"? {file} defines {}", names.join("・")),
                    None => format!("{file} defines {}; add the 圏域 there or correct area:", names.join("・")),
                };
                diags.push(
                    Diagnostic::warning(
                        &path,
                        line,
                        1,
                        format!("joint.area \"{area}\" is not a 圏域 of {}", record.name),
                    )
                    .with_hint(hint),
                );
            }
            Some(a) => {
                let outside: Vec<&str> = joint
                    .members
                    .iter()
                    .filter(|x| !a.members.iter().any(|y| y.code == x.code))
                    .map(|x| x.name.as_str())
                    .collect();
                if !outside.is_empty() {
                    diags.push(
                        Diagnostic::warning(
                            &path,
                            line,
                            1,
                            format!(
                                "{} {} not in {} as {file} defines it",
                                outside.join("・"),
                                if outside.len() == 1 { "is" } else { "are" },
                                a.name
                            ),
                        )
                        .with_hint(format!(
                            "{} lists {}; correct the joint base's members or the 圏域's",
                            a.name,
                            a.members.iter().map(|x| x.name.as_str()).collect::<Vec<_>>().join("・")
                        )),
                    );
                }
            }
        }
    }
}

/// Joint bases: each member gets the base as its own. A member without a file of
/// its own gets a page made from the lead's record (its own name and place); a
/// member with one keeps its record and gains the base's contacts, coordinator (when
/// it names none) and providers. Providers are copied to the members (the lead's
/// copy owns /p/<id>/). A municipality in two joint bases, or one whose own file
/// declares a base while another lists it, is an error at the member's line.
fn join_bases(
    municipalities: &mut Vec<Municipality>,
    g: &Gazetteer,
    paths: &HashMap<String, PathBuf>,
    rules: Rules,
    diags: &mut Diagnostics,
) {
    let leads: Vec<usize> = (0..municipalities.len()).filter(|&i| municipalities[i].joint.is_some()).collect();
    let mut claimed: HashMap<String, String> = HashMap::new();
    for &li in &leads {
        let lead_code = municipalities[li].code.clone();
        let joint = municipalities[li].joint.clone().unwrap_or_else(|| unreachable!());
        let path = paths.get(&lead_code).cloned().unwrap_or_default();
        for (k, member) in joint.members.iter().enumerate().skip(1) {
            let mut c = Checker { path: &path, diags, offset: 0, rules };
            if let Some(other) = claimed.get(&member.code) {
                c.error_at(
                    joint.member_lines[k],
                    1,
                    format!("{} is already a member of the joint base led by {other}", member.name),
                    Some("a municipality belongs to one joint base".into()),
                );
                continue;
            }
            if leads.iter().any(|&o| municipalities[o].code == member.code) {
                c.error_at(
                    joint.member_lines[k],
                    1,
                    format!("{} leads a joint base of its own", member.name),
                    Some("one file declares the base (the lead's); remove joint: from the other".into()),
                );
                continue;
            }
            claimed.insert(member.code.clone(), municipalities[li].name.clone());
            let copies: Vec<Provider> = municipalities[li]
                .providers
                .iter()
                .cloned()
                .map(|mut p| {
                    p.joint_copy = true;
                    p
                })
                .collect();
            match municipalities.iter().position(|m| m.code == member.code) {
                Some(mi) => {
                    let lead = &municipalities[li];
                    let (contacts, coordinator) = (lead.contacts.clone(), lead.coordinator.clone());
                    let m = &mut municipalities[mi];
                    m.contacts.extend(contacts.into_iter().filter(|c| c.ward.is_none()));
                    if m.coordinator.is_none() {
                        m.coordinator = coordinator;
                    }
                    m.providers.extend(copies);
                    m.joint = Some(Joint { from_lead: false, ..joint.clone() });
                }
                None => {
                    let Some(e) = g.get(&member.code) else { continue };
                    let mut m = municipalities[li].clone();
                    m.code = e.code.clone();
                    m.name = e.name.clone();
                    m.kana = e.kana.clone();
                    m.pref_code = e.pref_code.clone();
                    m.pref_name = e.pref_name.clone();
                    m.office = Point { lat: e.lat, lon: e.lon };
                    m.ward_count = g.wards_of(&e.code).count();
                    m.contacts.retain(|c| c.ward.is_none());
                    m.providers = copies;
                    m.joint = Some(Joint { from_lead: true, ..joint.clone() });
                    municipalities.push(m);
                }
            }
        }
    }
}

fn pages(docs: Vec<crate::load::Document<raw::PageFront>>, diags: &mut Diagnostics) -> Vec<Page> {
    let mut out: Vec<Page> = docs
        .into_iter()
        .map(|d| {
            let mut c = Checker { path: &d.path, diags, offset: 1, rules: Rules::default() };
            let sources = d.front.sources.into_iter().map(|s| c.source(s)).collect();
            Page {
                slug: d.slug,
                title: d.front.title,
                description: d.front.description,
                order: d.front.order.unwrap_or(u32::MAX),
                easy_japanese: d.front.easy_japanese,
                body: d.body,
                sources,
                sample: d.front.sample,
            }
        })
        .collect();
    out.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
    out
}

/// What the site's settings change in checking.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rules {
    /// 平日の日中 (the site's `contact_daytime`), for hours given in words.
    pub daytime: Daytime,
    /// Days a provider's stated places stay current.
    pub places_max_age_days: u32,
    /// A base 整備予定 without its target 年度 is an error (else a warning).
    pub targets_required: bool,
}

impl Rules {
    /// The rules a site's settings make.
    pub fn of(config: &crate::model::config::Config) -> Rules {
        Rules {
            daytime: config.daytime().unwrap_or_default(),
            targets_required: config.targets_required,
            places_max_age_days: config.places_max_age_days,
        }
    }
}

struct Checker<'a> {
    path: &'a Path,
    diags: &'a mut Diagnostics,
    rules: Rules,
    /// Lines before the YAML starts (1 for front matter after its opening '---').
    offset: usize,
}

fn pos<T>(s: &S<T>) -> (usize, usize) {
    (s.referenced.line() as usize, s.referenced.column() as usize)
}

impl Checker<'_> {
    fn error_at(&mut self, line: usize, col: usize, message: String, hint: Option<String>) {
        self.diags.push(Diagnostic::error(self.path, line.max(1), col.max(1), message).with_hint_opt(hint));
    }

    fn error<T>(&mut self, at: &S<T>, message: String, hint: Option<String>) {
        let (l, c) = pos(at);
        self.error_at(l + self.offset, c, message, hint);
    }

    fn warn<T>(&mut self, at: &S<T>, message: String, hint: Option<String>) {
        let (l, c) = pos(at);
        self.diags
            .push(Diagnostic::warning(self.path, (l + self.offset).max(1), c.max(1), message).with_hint_opt(hint));
    }

    fn term(&mut self, v: &S<String>, vocab: Vocabulary) -> Option<&'static Term> {
        match vocab.get(v.value.trim()) {
            Some(t) => Some(t),
            None => {
                let hint = vocab.suggest(v.value.trim()).unwrap_or_else(|| format!("use one of: {}", vocab.ids()));
                self.error(v, format!("unknown {} \"{}\"", vocab.name, v.value), Some(hint));
                None
            }
        }
    }

    fn terms(&mut self, vs: &[S<String>], vocab: Vocabulary) -> Vec<&'static Term> {
        let mut out: Vec<&'static Term> = Vec::new();
        for v in vs {
            if let Some(t) = self.term(v, vocab) {
                if out.iter().any(|o| o.id == t.id) {
                    self.error(
                        v,
                        format!("{} \"{}\" is listed twice", vocab.name, t.id),
                        Some("remove the repeated entry".into()),
                    );
                } else {
                    out.push(t);
                }
            }
        }
        out.sort_by_key(|t| vocab.position(t.id));
        out
    }

    fn date(&mut self, v: &S<String>) -> Option<JDate> {
        match wareki::parse(&v.value) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error(v, format!("invalid date \"{}\": {}", v.value, e.message), e.hint);
                None
            }
        }
    }

    fn opt_date(&mut self, v: &Option<S<String>>) -> Option<JDate> {
        v.as_ref().and_then(|v| self.date(v))
    }

    fn url(&mut self, v: &Option<S<String>>) -> Option<String> {
        let v = v.as_ref()?;
        let s = v.value.trim();
        let scheme_ok = crate::model::config::has_link_scheme(s);
        if !scheme_ok || s.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>') {
            self.error(
                v,
                format!("URL \"{s}\" is not allowed"),
                Some("use an http://, https://, tel: or mailto: address without spaces".into()),
            );
            return None;
        }
        Some(s.to_string())
    }

    fn phone(&mut self, v: &Option<S<String>>) -> Option<Phone> {
        let v = v.as_ref()?;
        let display: String = v
            .value
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                'ー' | '－' | '―' | '‐' => '-',
                other => other,
            })
            .collect();
        let digits: String = display.chars().filter(char::is_ascii_digit).collect();
        let shape_ok = display.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '(' | ')' | ' '));
        if !shape_ok || !(6..=13).contains(&digits.len()) {
            self.error(
                v,
                format!("phone number \"{}\" is not a number that can be dialled", v.value),
                Some("write digits with hyphens, e.g. 03-1234-5678".into()),
            );
            return None;
        }
        let tel = display.chars().filter(|c| c.is_ascii_digit() || *c == '-').collect::<String>();
        Some(Phone { display, tel: format!("tel:{tel}") })
    }

    /// A contact; `city` is the municipality whose wards it may name.
    fn contact(&mut self, c: raw::Contact, g: &Gazetteer, city: Option<&Entry>) -> Contact {
        let purpose = c.purpose.as_ref().and_then(|p| self.term(p, vocab::CONTACT_PURPOSE));
        let mut hours_note = c.hours_note;
        let mut hours = None;
        if let Some(h) = &c.hours {
            let word = h.value.trim();
            if !c.times.is_empty() {
                self.error(
                    h,
                    "hours and times are both given".into(),
                    Some(
                        "keep times (the exact windows) or hours (always, weekday_daytime, nights_holidays), not both"
                            .into(),
                    ),
                );
            } else if let Some(t) = vocab::HOURS_PRESET.get(word) {
                hours = Some(Hours::preset(t, self.rules.daytime));
            } else if word.is_ascii() {
                self.term(h, vocab::HOURS_PRESET);
            } else {
                self.warn(
                    h,
                    format!("hours \"{word}\" are words the page cannot tell the time from"),
                    Some(format!(
                        "write hours: {} (or exact times: [{{ days: [weekdays], from: \"09:00\", to: \"17:00\" }}]) and keep the words as hours_note; until then the page shows the words and no line is marked as answering now",
                        vocab::HOURS_PRESET.ids().replace(", ", " | ")
                    )),
                );
                hours_note = Some(match hours_note {
                    Some(n) => format!("{word}\n{n}"),
                    None => word.to_string(),
                });
            }
        }
        if !c.times.is_empty() {
            let windows: Vec<Window> = c.times.iter().filter_map(|w| self.window(w)).collect();
            if windows.len() == c.times.len() {
                hours = Some(Hours { preset: None, windows });
            }
        }
        let ward = c.ward.as_ref().and_then(|w| self.ward(w, g, city));
        Contact {
            phone: self.phone(&c.phone),
            url: self.url(&c.url),
            name: c.name,
            purpose,
            hours,
            hours_note,
            for_whom: c.for_whom,
            ward,
            area: c.area,
            note: c.note,
            sample: c.sample,
        }
    }

    /// One answering window.
    fn window(&mut self, w: &raw::Window) -> Option<Window> {
        let days = self.terms(&w.days, vocab::DAY_KIND);
        let time = |c: &mut Self, v: &S<String>| {
            let t = hours::parse_time(&v.value);
            if t.is_none() {
                c.error(
                    v,
                    format!("time \"{}\" is not a time of day", v.value),
                    Some("write HH:MM between 00:00 and 24:00, e.g. \"08:30\" or \"17:15\"".into()),
                );
            }
            t
        };
        let (from, to) = (time(self, &w.from), time(self, &w.to));
        let (from, to) = (from?, to?);
        if w.days.is_empty() {
            self.error(
                &w.from,
                "this window names no days, so the line never answers".into(),
                Some(format!("add days: [{}]", vocab::DAY_KIND.ids())),
            );
            return None;
        }
        if from == to {
            self.error(
                &w.to,
                format!("the window starts and ends at {}, so it never answers", w.from.value.trim()),
                Some("for a whole day write from: \"00:00\" to: \"24:00\"; a window that ends before it starts runs past midnight (17:30 → 09:00)".into()),
            );
            return None;
        }
        if days.len() != w.days.len() {
            return None;
        }
        Some(Window::new(days, from, to))
    }

    /// A ward of `city`, by code or name.
    fn ward(&mut self, w: &S<String>, g: &Gazetteer, city: Option<&Entry>) -> Option<Ward> {
        let city = city?;
        let wards: Vec<&Entry> = g.wards_of(&city.code).collect();
        let v = w.value.trim();
        let short = |e: &Entry| e.name.strip_prefix(city.name.as_str()).unwrap_or(&e.name).to_string();
        let found = wards.iter().find(|e| e.code == v || e.name == v || short(e) == v);
        match found {
            Some(e) => Some(Ward {
                code: e.code.clone(),
                name: short(e),
                kana: e.kana.strip_prefix(city.kana.as_str()).unwrap_or(&e.kana).to_string(),
            }),
            None if wards.is_empty() => {
                self.error(
                    w,
                    format!("{} has no wards", city.name),
                    Some("wards are for 政令指定都市; for another area write area: (e.g. a 圏域's name)".into()),
                );
                None
            }
            None => {
                let other = g
                    .get(v)
                    .map(|e| format!("\"{v}\" is {}, not a ward of {}; ", e.name, city.name))
                    .unwrap_or_default();
                let names: Vec<String> = wards.iter().map(|e| format!("{} ({})", short(e), e.code)).collect();
                self.error(
                    w,
                    format!("ward \"{v}\" is not a ward of {}", city.name),
                    Some(format!("{other}use one of: {}", names.join(", "))),
                );
                None
            }
        }
    }

    /// A base built with other municipalities: its members checked against the
    /// gazetteer (the lead itself, a repeat or another prefecture's municipality is said).
    fn joint(&mut self, j: raw::Joint, g: &Gazetteer, lead: &Entry) -> Option<Joint> {
        let lead_ref = PrefRef { code: lead.code.clone(), name: lead.name.clone() };
        let mut members = vec![lead_ref.clone()];
        let mut member_lines = vec![0];
        if j.members.is_empty() {
            self.error_at(
                1,
                1,
                format!("joint base \"{}\" names no other member", j.name),
                Some("list the other municipalities' codes under joint.members".into()),
            );
        }
        for code in &j.members {
            let Some(e) = self.municipality_code(code, g) else { continue };
            if e.code == lead.code {
                self.error(code, format!("{} is the lead (this file); list only the other members", e.name), None);
            } else if members.iter().any(|m| m.code == e.code) {
                self.error(code, format!("{} is listed twice", e.name), None);
            } else if e.pref_code != lead.pref_code {
                self.warn(
                    code,
                    format!("{} is in {}, not in {} like the lead", e.name, e.pref_name, lead.pref_name),
                    Some("a joint base across prefectures is unusual: check the code".into()),
                );
                members.push(PrefRef { code: e.code.clone(), name: e.name.clone() });
                member_lines.push(pos(code).0 + self.offset);
            } else {
                members.push(PrefRef { code: e.code.clone(), name: e.name.clone() });
                member_lines.push(pos(code).0 + self.offset);
            }
        }
        // Lead first, then by code (member_lines follow their members).
        let mut rest: Vec<(PrefRef, usize)> = members.drain(1..).zip(member_lines.drain(1..)).collect();
        rest.sort_by(|a, b| a.0.code.cmp(&b.0.code));
        for (m, l) in rest {
            members.push(m);
            member_lines.push(l);
        }
        let area_line = j.area.as_ref().map_or(0, |a| pos(a).0 + self.offset);
        let area = j.area.map(|a| a.value.trim().to_string()).filter(|a| !a.is_empty());
        Some(Joint { name: j.name, area, lead: lead_ref, members, from_lead: false, member_lines, area_line })
    }

    fn review(&mut self, r: raw::Review) -> Option<Review> {
        let date = self.date(&r.date);
        let url = self.url(&r.url);
        let findings = r
            .findings
            .into_iter()
            .filter_map(|f| Some(Finding { function: self.term(&f.function, vocab::FUNCTION)?, text: f.text }))
            .collect();
        let mut ids: Vec<String> = Vec::new();
        let mut actions = Vec::new();
        for a in r.actions {
            if let Some(id) = &a.id {
                let v = id.value.trim().to_string();
                if ids.contains(&v) {
                    self.error(
                        id,
                        format!("action id \"{v}\" is used twice in this review"),
                        Some("give each action of a review its own id (a later review reuses an id to carry the action on)".into()),
                    );
                }
                ids.push(v);
            }
            let status = self.term(&a.status, vocab::ACTION_STATUS);
            let due = self.opt_date(&a.due);
            let done_on = self.opt_date(&a.done_on);
            if a.done_on.is_some() && status.is_some_and(|s| s.id != "done") {
                self.warn(
                    a.done_on.as_ref().unwrap_or(&a.status),
                    format!("done_on is given but the status is {}", status.map_or("", |s| s.label)),
                    Some("write status: done (完了) when the action is finished, or remove done_on".into()),
                );
            }
            if a.what.value.trim().is_empty() {
                self.error(
                    &a.what,
                    "an action without what (何をするか)".into(),
                    Some("say what is to be done".into()),
                );
            }
            let functions = self.terms(&a.functions, vocab::FUNCTION);
            if let Some(status) = status {
                actions.push(Action {
                    id: a.id.map(|i| i.value.trim().to_string()),
                    what: a.what.value,
                    who: a.who,
                    due,
                    status,
                    done_on,
                    functions,
                    note: a.note,
                    sample: a.sample,
                });
            }
        }
        Some(Review { date: date?, body: r.body, summary: r.summary, source: r.source, url, findings, actions })
    }

    /// An action carried on from an earlier review keeps its id; one marked done
    /// and taken up again in a later review is said (it reopens the action).
    fn carried_actions(&mut self, reviews: &[raw::Review]) {
        let mut by_date: Vec<(JDate, &raw::Review)> =
            reviews.iter().filter_map(|r| Some((wareki::parse(&r.date.value).ok()?, r))).collect();
        by_date.sort_by_key(|(d, _)| *d);
        let mut done: Vec<(&str, JDate)> = Vec::new();
        for (date, r) in by_date {
            for a in &r.actions {
                let Some(id) = a.id.as_ref() else { continue };
                let (id_text, status) = (id.value.trim(), a.status.value.trim());
                if let Some((_, when)) = done.iter().find(|(d, _)| *d == id_text)
                    && status != "done"
                {
                    self.warn(
                        &a.status,
                        format!(
                            "action \"{id_text}\" was done (完了) in the review of {} and is {} in the review of {}",
                            when.wareki(),
                            vocab::ACTION_STATUS
                                .get(status)
                                .map_or(status.to_string(), |t| format!("{} ({status})", t.label)),
                            date.wareki()
                        ),
                        Some("if it was taken up again, give the new action its own id".into()),
                    );
                }
                if status == "done" {
                    done.push((id_text, date));
                }
            }
        }
    }

    fn after_call(&mut self, a: raw::AfterCall) -> Option<AfterCall> {
        let status = self.term(&a.status, vocab::AFTER_CALL_STATUS);
        if status.is_some_and(|s| s.id == "set") && a.steps.len() < 2 {
            self.warn(
                &a.status,
                format!("the steps after a call are settled but list {} step(s)", a.steps.len()),
                Some("write each step in order: who answers, who checks, who finds a place, who goes along, what follows".into()),
            );
        }
        Some(AfterCall {
            status: status?,
            steps: a.steps.into_iter().map(|s| AfterCallStep { who: s.who, what: s.what }).collect(),
            note: a.note,
            source: a.source,
            sample: a.sample,
        })
    }

    fn pre_registration(&mut self, r: raw::PreRegistration) -> Option<PreRegistration> {
        let status = self.term(&r.status, vocab::PRE_REGISTRATION_STATUS);
        let gives = self.terms(&r.gives, vocab::PRE_REGISTRATION_GIVE);
        let form_url = self.url(&r.form_url);
        let available = status.is_some_and(|s| s.id == "available");
        if available && r.steps.is_empty() && r.apply_at.is_none() && form_url.is_none() {
            self.warn(
                &r.status,
                "事前登録 takes applications, but the page cannot say how to apply".into(),
                Some("add steps, apply_at or form_url: a family needs to know where to go".into()),
            );
        }
        if r.steps.len() == 1 {
            self.warn(
                &r.status,
                "事前登録 lists a single step".into(),
                Some("write one place to go as apply_at; steps are for an order of several".into()),
            );
        }
        Some(PreRegistration {
            status: status?,
            name: r.name,
            for_whom: r.for_whom,
            prerequisites: r.prerequisites,
            steps: r.steps,
            apply_at: r.apply_at,
            gives,
            form_url,
            note: r.note,
            source: r.source,
            sample: r.sample,
        })
    }

    fn figure(&mut self, f: raw::Figure) -> Figure {
        let year = self.opt_date(&f.year);
        if !f.value.value.is_finite() || f.value.value < 0.0 {
            self.error(&f.value, format!("figure \"{}\" must be a number of 0 or more", f.label), None);
        }
        Figure {
            display: format_number(f.value.value),
            label: f.label,
            value: f.value.value,
            unit: f.unit,
            year,
            note: f.note,
        }
    }

    fn source(&mut self, s: raw::Source) -> Source {
        let date = self.opt_date(&s.date);
        let url = self.url(&s.url);
        Source { title: s.title, publisher: s.publisher, date, url, note: s.note }
    }

    fn municipality(
        &mut self,
        m: raw::Municipality,
        g: &Gazetteer,
        today: JDate,
        provider_ids: &mut ProviderIds,
    ) -> Option<Municipality> {
        let code = m.code.value.trim().to_string();
        let entry = match jiscode::validate(&code) {
            Err(CodeError::Shape) => {
                self.error(
                    &m.code,
                    format!("municipality code \"{code}\" must be 6 digits"),
                    Some("write the 全国地方公共団体コード in quotes, e.g. code: \"132144\"".into()),
                );
                None
            }
            Err(CodeError::CheckDigit { corrected }) => {
                let hint = g.suggest_check_digit(&code, &corrected);
                self.error(&m.code, format!("municipality code \"{code}\" has a wrong check digit"), hint);
                None
            }
            Ok(()) => match g.get(&code) {
                Some(e) => Some(e.clone()),
                None => {
                    self.error(
                        &m.code,
                        format!("municipality code \"{code}\" is not in the gazetteer"),
                        g.suggest_code(&code)
                            .or_else(|| Some("check the code against the 総務省 全国地方公共団体コード list".into())),
                    );
                    None
                }
            },
        };
        let stem = self.path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        if entry.is_some() && stem != code {
            self.error(
                &m.code,
                format!("file name {stem}.yaml does not match code \"{code}\""),
                Some(format!("rename the file to {code}.yaml")),
            );
        }
        let status = self.term(&m.status, vocab::STATUS);
        let established = self.opt_date(&m.established);
        // A target 年度 belongs to a base 整備予定 only (warned below otherwise);
        // later stages never see one on another status.
        let target = self.opt_date(&m.target).filter(|_| status.is_some_and(|s| s.id == "planned"));
        match (status.map(|s| s.id), &m.target) {
            (Some("planned"), None) => {
                let (message, hint) = (
                    "a base 整備予定 has no target 年度 (target:)".to_string(),
                    Some("write the 年度 it is to be established, e.g. target: 令和8年度; if no year is set, use status: undecided (その他・未定)".to_string()),
                );
                if self.rules.targets_required {
                    self.error(&m.status, message, hint);
                } else {
                    self.warn(&m.status, message, hint);
                }
            }
            (Some(s), Some(t)) if s != "planned" => self.warn(
                t,
                format!("target is for a base 整備予定; this one is {}", vocab::STATUS.get(s).map_or(s, |t| t.label)),
                Some(if s == "established" {
                    "once established, write when under established: and remove target:".to_string()
                } else {
                    "a base with a target 年度 is status: planned (整備予定)".to_string()
                }),
            ),
            _ => {}
        }
        let kind = m.kind.as_ref().and_then(|k| self.term(k, vocab::TYPE));
        let last_verified = self.date(&m.last_verified);
        if let Some(lv) = last_verified {
            if lv > today {
                self.error(
                    &m.last_verified,
                    "last_verified is in the future".into(),
                    Some("write the date the data was last checked".into()),
                );
            } else if months_between(lv, today) > 12 {
                self.warn(
                    &m.last_verified,
                    format!("data last verified {}, more than 12 months ago", lv.wareki()),
                    Some("check the facts with the municipality and update last_verified".into()),
                );
            }
        }
        let city = entry.as_ref();
        let contacts: Vec<Contact> =
            m.emergency_contact.into_iter().chain(m.contacts).map(|c| self.contact(c, g, city)).collect();
        let pre_registration = m.pre_registration.and_then(|r| self.pre_registration(r));
        let after_call = m.after_call.and_then(|a| self.after_call(a));
        let mut preparation: Vec<Preparation> = Vec::new();
        for p in m.preparation {
            let Some(item) = self.term(&p.item, vocab::PREPARATION_ITEM) else { continue };
            if preparation.iter().any(|x| x.item.id == item.id) {
                self.error(
                    &p.item,
                    format!("preparation item \"{}\" is listed twice", item.id),
                    Some("merge the two entries".into()),
                );
                continue;
            }
            if p.place.is_none() && p.note.is_none() {
                self.warn(
                    &p.item,
                    format!("preparation \"{}\" says neither where to get it nor anything about it", item.id),
                    Some("add where: (the office or service to ask) or note:".into()),
                );
            }
            preparation.push(Preparation { item, place: p.place, note: p.note, source: p.source, sample: p.sample });
        }
        preparation.sort_by_key(|p| vocab::PREPARATION_ITEM.position(p.item.id));
        let mut functions: Vec<FunctionEntry> = Vec::new();
        for f in m.functions {
            let Some(function) = self.term(&f.id, vocab::FUNCTION) else { continue };
            if functions.iter().any(|e| e.function.id == function.id) {
                self.error(
                    &f.id,
                    format!("function \"{}\" is described twice", function.id),
                    Some("merge the two entries".into()),
                );
                continue;
            }
            let notes = f.notes.into_iter().map(|n| Note { date: self.opt_date(&n.date), text: n.text }).collect();
            let programmes = f
                .programmes
                .into_iter()
                .map(|p| Programme {
                    since: self.opt_date(&p.since),
                    name: p.name,
                    description: p.description,
                    results: p.results.into_iter().map(|r| self.figure(r)).collect(),
                })
                .collect();
            let figures = f.figures.into_iter().map(|r| self.figure(r)).collect();
            functions.push(FunctionEntry {
                function,
                description: f.description,
                carried_by: f.carried_by,
                initiatives: f.initiatives,
                challenges: f.challenges,
                notes,
                programmes,
                figures,
            });
        }
        functions.sort_by_key(|f| vocab::FUNCTION.position(f.function.id));
        let providers = m.providers.into_iter().filter_map(|p| self.provider(p, &code, provider_ids, today)).collect();
        self.carried_actions(&m.reviews);
        let mut reviews: Vec<Review> = m.reviews.into_iter().filter_map(|r| self.review(r)).collect();
        reviews.sort_by_key(|r| std::cmp::Reverse(r.date));
        // The national guideline asks for at least one review a year of a base in
        // operation; a municipality still preparing one has nothing to review yet.
        let fy = today.fiscal_year();
        let operating = status.is_some_and(|s| s.id == "established");
        if operating && !reviews.iter().any(|r| r.date.fiscal_year() >= fy - 1) {
            let (this, last) = (JDate::FiscalYear { year: fy }.wareki(), JDate::FiscalYear { year: fy - 1 }.wareki());
            let message = match reviews.first() {
                Some(r) => {
                    format!("no 運用状況の検証及び検討 in {last} or {this}; the last one was {}", r.date.wareki())
                }
                None => format!("no 運用状況の検証及び検討 recorded (none in {last} or {this})"),
            };
            self.warn(
                &m.code,
                message,
                Some("the national guideline asks for at least one review a year; add it under reviews:".into()),
            );
        }
        let figures = m.figures.into_iter().map(|f| self.figure(f)).collect();
        let challenges = m
            .challenges
            .into_iter()
            .map(|c| Challenge {
                functions: self.terms(&c.functions, vocab::FUNCTION),
                status: c.status.as_ref().and_then(|s| self.term(s, vocab::ACTION_STATUS)),
                due: self.opt_date(&c.due),
                title: c.title,
                body: c.body,
            })
            .collect();
        let sources = m.sources.into_iter().map(|s| self.source(s)).collect();
        let recruit = m.recruit.map(|r| self.recruit(r, g));
        let joint = m.joint.and_then(|j| self.joint(j, g, entry.as_ref()?));
        let coordinator = m.coordinator.map(|c| {
            if let Some(n) = &c.count
                && n.value > 0
                && !c.placed
            {
                self.warn(
                    n,
                    format!("{} coordinators counted but placed: false", n.value),
                    Some("write placed: true when coordinators are placed".into()),
                );
            }
            Coordinator {
                placed: c.placed,
                count: c.count.map(|n| n.value),
                funding: c.funding.as_ref().and_then(|f| self.term(f, vocab::COORDINATOR_FUNDING)),
                around_the_clock: c.around_the_clock,
                source: c.source,
                body: c.body,
                duties: c.duties,
                note: c.note,
            }
        });
        let (entry, status, last_verified) = (entry?, status?, last_verified?);
        let ward_count = g.wards_of(&entry.code).count();
        Some(Municipality {
            code,
            name: entry.name,
            kana: entry.kana,
            pref_code: entry.pref_code,
            pref_name: entry.pref_name,
            office: Point { lat: entry.lat, lon: entry.lon },
            status,
            established,
            target,
            plan: m.plan,
            kind,
            summary: m.summary,
            coordinator,
            contacts,
            ward_count,
            pre_registration,
            after_call,
            preparation,
            functions,
            providers,
            reviews,
            roadmap: m
                .roadmap
                .into_iter()
                .map(|r| RoadmapStep {
                    status: r.status.as_ref().and_then(|s| self.term(s, vocab::ACTION_STATUS)),
                    due: self.opt_date(&r.due).or_else(|| wareki::parse(&r.period).ok()),
                    period: r.period,
                    items: r.items,
                })
                .collect(),
            figures,
            challenges,
            sections: m.sections.into_iter().map(|s| Section { title: s.title, body: s.body }).collect(),
            sources,
            recruit,
            last_verified,
            sample: m.sample,
            joint,
        })
    }

    /// Places for emergencies: the day confirmed is not in the future; past the
    /// site's age it is said (the page shows 要確認).
    fn places(&mut self, p: raw::Places, today: JDate) -> Option<Places> {
        let kind = self.term(&p.kind, vocab::PLACE_KIND);
        let confirmed = self.date(&p.confirmed)?;
        let age_days = today.day_number() - confirmed.day_number();
        let max = i64::from(self.rules.places_max_age_days);
        if age_days < 0 {
            self.error(
                &p.confirmed,
                "places confirmed in the future".into(),
                Some("write the day the places were confirmed".into()),
            );
        } else if age_days > max {
            self.warn(
                &p.confirmed,
                format!("places confirmed {} ({age_days} days ago, more than {max}): the page says 要確認", confirmed.wareki()),
                Some("confirm the places with the provider and update confirmed (places_max_age_days in kyoten.yaml sets the age)".into()),
            );
        }
        Some(Places {
            count: p.count.value,
            kind: kind?,
            confirmed,
            age_days,
            fresh: (0..=max).contains(&age_days),
            note: p.note,
            sample: p.sample,
        })
    }

    fn provider(&mut self, p: raw::Provider, code: &str, ids: &mut ProviderIds, today: JDate) -> Option<Provider> {
        let id = p.id.value.trim().to_string();
        if let Some(prev) = ids.reuse(&id, self.path) {
            let hint = format!("\"{id}\" is already used in {}; give each provider its own id", prev.display());
            self.error(&p.id, format!("provider id \"{id}\" is used twice"), Some(hint));
        }
        let id_ok = !id.is_empty()
            && id.len() <= 80
            && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !id.starts_with('-');
        if !id_ok {
            self.error(
                &p.id,
                format!("provider id \"{id}\" must use a-z, 0-9 and '-'"),
                Some("the id becomes the page URL /p/<id>/, e.g. shiroi-kikan".into()),
            );
        }
        let services = self.terms(&p.services, vocab::SERVICE);
        let has_other = services.iter().any(|t| t.id == "other");
        let other_service = match &p.other_service {
            Some(o) if o.value.trim().is_empty() || !has_other => {
                self.warn(
                    o,
                    if has_other {
                        "other_service is empty".to_string()
                    } else {
                        "other_service is given but services has no other".to_string()
                    },
                    Some("other_service names the resource when services lists other (その他)".into()),
                );
                (has_other && !o.value.trim().is_empty()).then(|| o.value.trim().to_string())
            }
            Some(o) => Some(o.value.trim().to_string()),
            None => {
                if has_other && let Some(at) = p.services.iter().find(|s| s.value.trim() == "other") {
                    self.error(
                        at,
                        format!("provider \"{}\" lists other but does not say what it is", p.name),
                        Some("add other_service: with its name, e.g. other_service: ひきこもり地域支援センター".into()),
                    );
                }
                None
            }
        };
        let functions = self.terms(&p.functions, vocab::FUNCTION);
        let accepts = self.terms(&p.accepts, vocab::ACCEPT);
        if p.services.is_empty() {
            self.error(
                &p.id,
                format!("provider \"{id}\" lists no services"),
                Some(format!("add services: with one of {}", vocab::SERVICE.ids())),
            );
        }
        // An imported provider has no 拠点 role until staff give it one; until then
        // it is kept in the file but not published.
        let awaiting_role = p.functions.is_empty() && p.wam_number.is_some();
        if awaiting_role {
            self.warn(
                &p.id,
                format!("imported provider \"{id}\" has no 拠点 function yet and is not published"),
                Some(format!("add functions: with one of {}", vocab::FUNCTION.ids())),
            );
        } else if p.functions.is_empty() {
            self.error(
                &p.id,
                format!("provider \"{id}\" carries no function"),
                Some(format!("add functions: with one of {}", vocab::FUNCTION.ids())),
            );
        }
        let location = p.location.as_ref().and_then(|l| {
            let mut ok = true;
            if !l.lat.value.is_finite() || !LAT_RANGE.contains(&l.lat.value) {
                self.error(
                    &l.lat,
                    format!("latitude {} is outside Japan", l.lat.value),
                    Some("Japan lies between 20 and 46 degrees north; check that lat and lon are not swapped".into()),
                );
                ok = false;
            }
            if !l.lon.value.is_finite() || !LON_RANGE.contains(&l.lon.value) {
                self.error(
                    &l.lon,
                    format!("longitude {} is outside Japan", l.lon.value),
                    Some("Japan lies between 122 and 154 degrees east; check that lat and lon are not swapped".into()),
                );
                ok = false;
            }
            ok.then_some(Point { lat: l.lat.value, lon: l.lon.value })
        });
        let phone = self.phone(&p.phone);
        let url = self.url(&p.url);
        let registered = self.opt_date(&p.registered);
        let sample_fields: Vec<&'static str> =
            self.terms(&p.sample_fields, vocab::SAMPLE_FIELD).into_iter().map(|t| t.id).collect();
        if p.sample
            && let Some(first) = p.sample_fields.first()
        {
            self.warn(
                first,
                "sample: true already marks the whole entry as invented".into(),
                Some("keep sample_fields (only these fields are invented) or sample: true, not both".into()),
            );
        }
        if !id_ok || awaiting_role {
            return None;
        }
        let places = p.places.and_then(|x| self.places(*x, today)).map(Box::new);
        let place_now: &'static [&'static Term] =
            if places.as_ref().is_some_and(|x| x.fresh && x.count > 0) { &vocab::PLACE_AVAILABLE } else { &[] };
        Some(Provider {
            id,
            places,
            place_now,
            joint_copy: false,
            name: p.name,
            corporation: p.corporation,
            municipality_code: code.to_string(),
            other_service,
            services,
            functions,
            accepts,
            address: p.address,
            location,
            phone,
            hours: p.hours,
            url,
            registered,
            description: p.description,
            wam_number: p.wam_number,
            sample: p.sample,
            sample_fields,
            kana: p.kana.map(|k| crate::model::jiscode::katakana(&k)),
            corporate_number: p.corporate_number.as_ref().and_then(|n| self.corporate_number(n)),
            fax: self.phone(&p.fax),
            capacity: p.capacity.map(|c| c.value),
        })
    }

    /// A 法人番号: 13 digits whose first is the check digit of the other twelve.
    fn corporate_number(&mut self, v: &S<String>) -> Option<String> {
        let n: String = v.value.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
        match crate::model::jiscode::corporate_number_problem(&n) {
            None => Some(n),
            Some(problem) => {
                self.error(
                    v,
                    format!("法人番号 \"{}\" {problem}", v.value),
                    Some("copy it from 国税庁法人番号公表サイト (13 digits)".into()),
                );
                None
            }
        }
    }

    /// `data/prefectures/<pp>.yaml`: the code, file name, 圏域 members (in this
    /// prefecture, each in one 圏域) and dates.
    fn prefecture_record(&mut self, p: raw::Prefecture, g: &Gazetteer, today: JDate) -> Option<PrefectureRecord> {
        let code = p.code.value.trim().to_string();
        let Some(pref) = g.prefectures.get(&code) else {
            self.error(
                &p.code,
                format!("\"{code}\" is not a prefecture code"),
                Some("write the 2-digit code in quotes, \"01\" (北海道) to \"47\" (沖縄県)".into()),
            );
            return None;
        };
        let stem = self.path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        if stem != code {
            self.error(
                &p.code,
                format!("file name {stem}.yaml does not match code \"{code}\""),
                Some(format!("rename the file to {code}.yaml")),
            );
        }
        let support = p
            .support
            .into_iter()
            .filter_map(|s| {
                Some(PrefectureSupport {
                    kind: self.term(&s.kind, vocab::PREFECTURE_SUPPORT)?,
                    since: self.opt_date(&s.since),
                    source: s.source.map(|x| self.source(x)),
                    name: s.name,
                    description: s.description,
                    sample: s.sample,
                })
            })
            .collect();
        let mut in_area: HashMap<String, String> = HashMap::new();
        let mut areas = Vec::new();
        for a in p.areas {
            let mut members = Vec::new();
            for m in &a.members {
                let Some(e) = self.municipality_code(m, g) else { continue };
                if e.pref_code != code {
                    self.error(m, format!("{} is in {}, not in {}", e.name, e.pref_name, pref.name), None);
                } else if let Some(other) = in_area.get(&e.code) {
                    self.error(
                        m,
                        format!("{} is already in {other}", e.name),
                        Some("a municipality belongs to one 圏域".into()),
                    );
                } else {
                    in_area.insert(e.code.clone(), a.name.clone());
                    members.push(PrefRef { code: e.code.clone(), name: e.name.clone() });
                }
            }
            members.sort();
            areas.push(PrefectureArea { name: a.name, members, note: a.note, sample: a.sample });
        }
        let contact = p.contact.map(|c| self.reachable_contact(c, g, "the contact", "add phone: or url:"));
        let figures = p.figures.into_iter().map(|f| self.figure(f)).collect();
        let sources = p.sources.into_iter().map(|s| self.source(s)).collect();
        let last_verified = self.date(&p.last_verified)?;
        if last_verified > today {
            self.error(&p.last_verified, "last_verified is in the future".into(), None);
        }
        Some(PrefectureRecord {
            code,
            name: pref.name.clone(),
            summary: p.summary,
            support,
            areas,
            contact,
            figures,
            sources,
            last_verified,
            sample: p.sample,
        })
    }

    fn prefecture(&mut self, v: &S<String>, g: &Gazetteer) -> Option<PrefRef> {
        match g.prefecture_by_name(v.value.trim()) {
            Some(p) => Some(PrefRef { code: p.code.clone(), name: p.name.clone() }),
            None => {
                let hint = g
                    .suggest_prefecture(v.value.trim())
                    .or(Some("write the prefecture's full name, e.g. 熊本県".into()));
                self.error(v, format!("unknown prefecture \"{}\"", v.value), hint);
                None
            }
        }
    }

    fn case(&mut self, slug: String, f: raw::CaseFront, body: String, g: &Gazetteer) -> Option<Case> {
        let pref = self.prefecture(&f.prefecture, g);
        // A joint meeting names its prefectures joined by ・.
        let meeting: Vec<String> = match &f.meeting {
            Some(m) => m
                .value
                .split(['・', '、', ','])
                .filter(|p| !p.trim().is_empty())
                .filter_map(|p| {
                    let part = S { value: p.trim().to_string(), referenced: m.referenced, defined: m.defined };
                    self.prefecture(&part, g).map(|r| r.name)
                })
                .collect(),
            None => Vec::new(),
        };
        let status = f.status.as_ref().and_then(|s| self.term(s, vocab::CASE_STATUS));
        let kind = f.kind.as_ref().and_then(|k| self.term(k, vocab::TYPE));
        let functions = self.terms(&f.functions, vocab::FUNCTION);
        let mut place = f.area.clone();
        let mut municipality_code = None;
        if let Some(code) = &f.municipality
            && let Some(e) = self.municipality_code(code, g)
        {
            if let Some(p) = &pref
                && e.pref_code != p.code
            {
                self.error(code, format!("municipality {} ({}) is not in {}", e.code, e.name, p.name), None);
            }
            if place.is_none() {
                place = Some(e.name.clone());
            }
            municipality_code = Some(e.code.clone());
        }
        let source = self.source(f.source);
        let pref = pref?;
        let named = format!("{} {} {}", f.title, place.as_deref().unwrap_or_default(), f.summary);
        let mut readings: Vec<String> = g.named_in(&named, &pref.code).map(|e| e.kana.clone()).collect();
        readings.dedup();
        Some(Case {
            readings,
            slug,
            title: f.title,
            place: place.unwrap_or_else(|| pref.name.clone()),
            pref_code: pref.code,
            pref_name: pref.name.clone(),
            meeting: if meeting.len() == 1 && meeting[0] == pref.name { Vec::new() } else { meeting },
            municipality_code,
            status,
            kind,
            functions,
            summary: f.summary,
            body,
            order: f.order.unwrap_or(u32::MAX),
            source,
            sample: f.sample,
        })
    }

    fn incentives(&mut self, i: raw::Incentives, g: &Gazetteer) -> Incentives {
        let incentives = i.incentives.into_iter().map(|x| self.incentive(x)).collect();
        let voices = i.voices.map(|v| Voices {
            municipality: v.municipality.as_ref().and_then(|code| {
                let e = self.municipality_code(code, g)?;
                Some(PrefRef { code: e.code.clone(), name: e.name.clone() })
            }),
            source: self.source(v.source),
            title: v.title,
            items: v.items,
        });
        Incentives { incentives, voices }
    }

    fn incentive(&mut self, x: raw::Incentive) -> Incentive {
        Incentive {
            source: self.source(x.source),
            services: self.terms(&x.services, vocab::SERVICE),
            name: x.name,
            amount: x.amount,
            condition: x.condition,
            description: x.description,
            verified: x.verified,
            note: x.note,
            sample: x.sample,
        }
    }

    /// A contact people are sent to: without a phone or a URL there is nothing
    /// to call or click, which is a warning naming the contact.
    fn reachable_contact(&mut self, spanned: S<raw::Contact>, g: &Gazetteer, what: &str, hint: &str) -> Contact {
        let at = S { value: (), referenced: spanned.referenced, defined: spanned.defined };
        let c = self.contact(spanned.value, g, None);
        if c.phone.is_none() && c.url.is_none() {
            self.warn(&at, format!("{what} \"{}\" has no phone and no url", c.name), Some(hint.into()));
        }
        c
    }

    /// A municipality named by its code, checked against the gazetteer.
    fn municipality_code<'g>(&mut self, code: &S<String>, g: &'g Gazetteer) -> Option<&'g Entry> {
        let c = code.value.trim();
        match (jiscode::validate(c), g.get(c)) {
            (Ok(()), Some(e)) => Some(e),
            (Err(CodeError::CheckDigit { corrected }), _) => {
                let hint = g.suggest_check_digit(c, &corrected);
                self.error(code, format!("municipality code \"{c}\" has a wrong check digit"), hint);
                None
            }
            _ => {
                let hint =
                    g.suggest_code(c).unwrap_or_else(|| "write the 6-digit 全国地方公共団体コード in quotes".into());
                self.error(code, format!("\"{c}\" is not a municipality code"), Some(hint));
                None
            }
        }
    }

    fn recruit(&mut self, r: raw::Recruit, g: &Gazetteer) -> Recruit {
        let programmes = r
            .programmes
            .into_iter()
            .map(|p| RecruitProgramme {
                functions: self.terms(&p.functions, vocab::FUNCTION),
                services: self.terms(&p.services, vocab::SERVICE),
                since: self.opt_date(&p.since),
                source: p.source.map(|s| self.source(s)),
                name: p.name,
                requirements: p.requirements,
                documents: p.documents,
                apply: p.apply,
                sample: p.sample,
            })
            .collect();
        let contact = r.contact.map(|c| {
            self.reachable_contact(
                c,
                g,
                "the recruitment contact",
                "a provider reading the flyer needs something to call or click: add phone: or url:",
            )
        });
        let support = r.support.into_iter().map(|x| self.incentive(x)).collect();
        Recruit { needs: r.needs, programmes, contact, support }
    }

    fn accessibility(&mut self, a: raw::A11yResults) -> Option<A11yResults> {
        let tested_on = self.date(&a.tested_on)?;
        let results = a
            .results
            .into_iter()
            .filter_map(|r| {
                let check = self.term(&r.check, vocab::A11Y_CHECK)?;
                if r.failures > r.pages {
                    self.error(&r.check, format!("{} failures in {} pages", r.failures, r.pages), None);
                }
                Some(A11yResult { check, tool: r.tool, pages: r.pages, failures: r.failures })
            })
            .collect();
        Some(A11yResults { tested_on, pages: a.pages, browser: a.browser, results })
    }

    fn national(&mut self, n: raw::National) -> National {
        let figures = n
            .figures
            .into_iter()
            .map(|f| {
                if !f.value.value.is_finite() || f.value.value < 0.0 {
                    self.error(&f.value, format!("figure \"{}\" must be a number of 0 or more", f.label), None);
                }
                NationalFigure {
                    display: format_number(f.value.value),
                    value: f.value.value,
                    date: self.opt_date(&f.date),
                    source: self.source(f.source),
                    label: f.label,
                    unit: f.unit,
                    share: f.share,
                    verified: f.verified,
                    note: f.note,
                }
            })
            .collect();
        National { title: n.title, figures }
    }

    fn practices(&mut self, p: raw::Practices, g: &Gazetteer) -> Practices {
        let source = self.source(p.source);
        let items = p
            .items
            .into_iter()
            .map(|item| {
                let mut prefectures: Vec<PrefRef> =
                    item.prefectures.iter().filter_map(|v| self.prefecture(v, g)).collect();
                prefectures.sort();
                prefectures.dedup();
                let level = match item.level.value.as_str() {
                    "municipal" | "prefectural" => item.level.value.clone(),
                    other => {
                        let hint = crate::diagnostics::did_you_mean(
                            other,
                            [("municipal", "市町村等の取組み"), ("prefectural", "県の取組み")],
                        );
                        self.error(&item.level, format!("unknown level \"{other}\""), hint);
                        "municipal".into()
                    }
                };
                let readings =
                    prefectures.iter().flat_map(|p| g.named_in(&item.text, &p.code)).map(|e| e.kana.clone()).collect();
                Practice { url: self.url(&item.url), text: item.text, prefectures, level, readings }
            })
            .collect();
        Practices { title: p.title, source, items }
    }
}

/// Whole months from `a` to `b` (by their first day).
pub fn months_between(a: JDate, b: JDate) -> i32 {
    let (ay, am, ad) = a.start();
    let (by, bm, bd) = b.start();
    let mut m = (by - ay) * 12 + (bm as i32 - am as i32);
    if bd < ad {
        m -= 1;
    }
    m
}

/// 1341 → "1,341"; 2.5 → "2.5".
pub fn format_number(v: f64) -> String {
    if v.fract() != 0.0 {
        return format!("{v}");
    }
    let s = format!("{}", v as i64);
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Today's date from the system clock (for staleness warnings only; never in output).
pub fn today() -> JDate {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    JDate::from_day_number((secs / 86_400) as i64)
}

/// The addresses in `kyoten.yaml`: they go into every page's links, feeds and
/// Content-Security-Policy, so each must be a plain address of its kind.
fn config_urls(config: &crate::model::config::Config, sources: &crate::source::Sources, diags: &mut Diagnostics) {
    use crate::model::config::{attribution_url_problem, base_url_problem, tile_url_problem};
    let path = Path::new(crate::load::CONFIG_FILE);
    let checks = [
        ("base_url:", base_url_problem(&config.base_url), "e.g. https://example.jp/ or https://example.jp/kyoten/"),
        (
            "tile_url:",
            tile_url_problem(&config.map.tile_url),
            "e.g. https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png (leave it out for 地理院タイル)",
        ),
        (
            "tile_attribution_url:",
            attribution_url_problem(&config.map.tile_attribution_url),
            "e.g. https://maps.gsi.go.jp/development/ichiran.html",
        ),
        (
            "data_licence_url:",
            attribution_url_problem(&config.data_licence_url),
            "e.g. https://creativecommons.org/licenses/by/4.0/deed.ja",
        ),
    ];
    let daytime = config
        .daytime()
        .is_none()
        .then(|| format!("contact_daytime \"{}\" is not a span of the day", config.contact_daytime));
    let checks = checks.into_iter().map(|(k, p, h)| (k, p.map(|p| p.to_string()), h)).chain([(
        "contact_daytime:",
        daytime,
        "write HH:MM-HH:MM with the start first, e.g. 08:30-17:15 (平日の日中 of the municipalities' offices)",
    )]);
    for (key, problem, hint) in checks {
        if let Some(problem) = problem {
            let line = sources.find_line(path, key);
            diags.push(Diagnostic::error(path, line, 1, problem).with_hint(hint));
        }
    }
}
