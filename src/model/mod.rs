//! The checked site: plain data shared by derive and render. Vocabulary values
//! are resolved to their terms, dates normalised, names filled in from the gazetteer.

#![warn(missing_docs)]

pub mod config;
pub mod gazetteer;
pub mod history;
pub mod hours;
pub mod jiscode;
pub mod strings;
pub mod vocab;
pub mod wareki;

use crate::model::config::Config;
use crate::model::hours::Hours;
use crate::model::vocab::Term;
use crate::model::wareki::JDate;
use serde::Serialize;

/// A whole checked site: what every later stage reads.
#[derive(Debug, Serialize)]
pub struct Site {
    /// `kyoten.yaml`.
    pub config: Config,
    /// The day the site was checked on (Japan time): ages, overdue dates and
    /// holidays are counted from it, once.
    #[serde(skip)]
    pub today: JDate,
    /// One per `data/municipalities/*.yaml`, by file name.
    pub municipalities: Vec<Municipality>,
    /// The case catalogue (`content/cases/*.md`), in catalogue order.
    pub cases: Vec<Case>,
    /// Guide pages (`content/guide/*.md`).
    pub guides: Vec<Page>,
    /// How-to-register pages (`content/recruit/*.md`).
    pub recruit: Vec<Page>,
    /// 参考の取組み (`data/practices.yaml`), when the site has them.
    pub practices: Option<Practices>,
    /// National figures with their sources (`data/national.yaml`).
    pub national: Option<National>,
    /// The last passing run of the browser gates (`data/accessibility-results.yaml`).
    pub accessibility: Option<A11yResults>,
    /// What registering brings (`data/incentives.yaml`).
    pub incentives: Option<Incentives>,
    /// What prefectures do for their municipalities (`data/prefectures/*.yaml`), by code.
    pub prefectures: Vec<PrefectureRecord>,
    /// Search synonyms (data/synonyms.yaml).
    #[serde(skip)]
    pub synonyms: Synonyms,
    /// The commits that changed municipality files, newest first (None: the site
    /// is not in a git repository, or `history_commits: 0`).
    #[serde(skip)]
    pub history: Option<Vec<history::Revision>>,
    /// Outlines for maps (not serialised into pages).
    #[serde(skip)]
    pub geo: crate::geo::Boundaries,
    /// The words pages show outside templates (the theme's strings file, the site's over it).
    #[serde(skip)]
    pub strings: crate::model::strings::Strings,
}

/// A position in WGS 84 degrees.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    /// Latitude, north positive.
    pub lat: f64,
    /// Longitude, east positive.
    pub lon: f64,
}

/// Where a fact comes from: every record cites one or more.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// The document's title.
    pub title: String,
    /// Who published it (a ministry, a municipality).
    pub publisher: Option<String>,
    /// When it was published.
    pub date: Option<JDate>,
    /// Where it can be read (`http`, `https`).
    pub url: Option<String>,
    /// Which part of it (page, section, line).
    pub note: Option<String>,
}

/// A municipality and its 地域生活支援拠点等: one data file.
#[derive(Debug, Clone, Serialize)]
pub struct Municipality {
    /// 全国地方公共団体コード, 6 digits with the check digit.
    pub code: String,
    /// Its name, from the gazetteer.
    pub name: String,
    /// Its reading in ひらがな, from the gazetteer.
    pub kana: String,
    /// Its prefecture's code (01–47).
    pub pref_code: String,
    /// Its prefecture's name.
    pub pref_name: String,
    /// The town hall's position, from the gazetteer.
    pub office: Point,
    /// 整備状況 (`established` 整備済, `planned` 整備予定, `undecided` その他・未定).
    pub status: &'static Term,
    /// When the base was set up (整備済).
    pub established: Option<JDate>,
    /// The 年度 a base 整備予定 is to be set up by (check drops it on any other status).
    pub target: Option<JDate>,
    /// What is planned, for a base not yet set up.
    pub plan: Option<String>,
    /// 整備類型, when known.
    #[serde(rename = "type")]
    pub kind: Option<&'static Term>,
    /// An overview in Markdown.
    pub summary: Option<String>,
    /// The coordinator (コーディネーター), when one is described.
    pub coordinator: Option<Coordinator>,
    /// How many wards it has (a 政令指定都市), from the gazetteer.
    pub ward_count: usize,
    /// Whom to call: first on its page (`emergency_contact` in a file is the first).
    pub contacts: Vec<Contact>,
    /// 事前登録: how a family registers a person in advance; right under the contact.
    pub pre_registration: Option<PreRegistration>,
    /// What happens after the call, step by step.
    pub after_call: Option<AfterCall>,
    /// What this municipality says about preparing (緊急時の備え), by item.
    pub preparation: Vec<Preparation>,
    /// What it does for each function it describes.
    pub functions: Vec<FunctionEntry>,
    /// Registered providers (拠点等登録事業所) and others it lists.
    pub providers: Vec<Provider>,
    /// 運用状況の検証及び検討, oldest first.
    pub reviews: Vec<Review>,
    /// Steps planned, by period.
    pub roadmap: Vec<RoadmapStep>,
    /// Figures about the base as a whole.
    pub figures: Vec<Figure>,
    /// Challenges it names.
    pub challenges: Vec<Challenge>,
    /// Further sections in Markdown.
    pub sections: Vec<Section>,
    /// The documents its facts come from.
    pub sources: Vec<Source>,
    /// What it asks of providers, when it recruits.
    pub recruit: Option<Recruit>,
    /// When its facts were last checked (最終確認日).
    pub last_verified: JDate,
    /// Invented for the example site: pages say so.
    pub sample: bool,
    /// The base it builds with other municipalities (共同整備), when it does.
    pub joint: Option<Joint>,
}

/// Places a provider keeps or has free for emergencies (空床, 「常に1床」).
#[derive(Debug, Clone, Serialize)]
pub struct Places {
    /// How many.
    pub count: u32,
    /// Kept free always, or free on the day confirmed.
    pub kind: &'static Term,
    /// The day it was confirmed.
    pub confirmed: JDate,
    /// Days from then to the day the site was checked.
    pub age_days: i64,
    /// Confirmed within the site's `places_max_age_days`: else the page says 要確認.
    pub fresh: bool,
    /// More.
    pub note: Option<String>,
    /// Invented for the example.
    pub sample: bool,
}

/// A base several municipalities build together (共同整備), often per 障害保健福祉圏域.
/// The lead municipality's file holds the base's record (contacts, coordinator,
/// providers…); every member's page shows it as its own.
#[derive(Debug, Clone, Serialize)]
pub struct Joint {
    /// The base's name (甲賀圏域の地域生活支援拠点等).
    pub name: String,
    /// The 圏域 it serves, when it is one (甲賀圏域): the catalogue's cases of that
    /// 圏域 link to it.
    pub area: Option<String>,
    /// The municipality whose file holds the record.
    pub lead: PrefRef,
    /// Every member, the lead first, then by code.
    pub members: Vec<PrefRef>,
    /// Whether this municipality's page is made from the lead's record (it has no
    /// file of its own).
    pub from_lead: bool,
    /// Members' lines in the lead's file (for reporting a member claimed twice).
    #[serde(skip)]
    pub member_lines: Vec<usize>,
    /// The line of `area:` in the lead's file (for reporting a 圏域 the prefecture lacks).
    #[serde(skip)]
    pub area_line: usize,
}

/// What a municipality asks of providers (募集).
#[derive(Debug, Clone, Serialize)]
pub struct Recruit {
    /// What it says it needs, in its own words.
    pub needs: Vec<String>,
    /// Its registration programmes.
    pub programmes: Vec<RecruitProgramme>,
    /// Whom a provider calls.
    pub contact: Option<Contact>,
    /// Its own support for registered providers.
    pub support: Vec<Incentive>,
}

/// One registration programme, as real 募集 pages describe it.
#[derive(Debug, Clone, Serialize)]
pub struct RecruitProgramme {
    /// Its name.
    pub name: String,
    /// The functions it registers providers for.
    pub functions: Vec<&'static Term>,
    /// Service kinds that may register.
    pub services: Vec<&'static Term>,
    /// What a provider must meet.
    pub requirements: Vec<String>,
    /// Documents to hand in.
    pub documents: Vec<String>,
    /// Where and how to apply.
    pub apply: Option<String>,
    /// When it started.
    pub since: Option<JDate>,
    /// Where it is described.
    pub source: Option<Source>,
    /// Invented for the example site.
    pub sample: bool,
}

/// The coordinator of a base (コーディネーター).
#[derive(Debug, Clone, Serialize)]
pub struct Coordinator {
    /// Whether one is placed.
    pub placed: bool,
    /// Which body employs the coordinator.
    pub body: Option<String>,
    /// What the coordinator does.
    pub duties: Vec<String>,
    /// Anything else said about it.
    pub note: Option<String>,
    /// How many.
    pub count: Option<u32>,
    /// How they are paid.
    pub funding: Option<&'static Term>,
    /// Whether one can be reached at every hour.
    pub around_the_clock: Option<bool>,
    /// Where this is said.
    pub source: Option<String>,
}

/// A contact point: a name, a number to call, what it is for, when it answers
/// and for which area.
#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    /// Its name (the office or service).
    pub name: String,
    /// What it is for (相談, 緊急時の受入調整, 夜間・休日の緊急時支援 …).
    pub purpose: Option<&'static Term>,
    /// Its number, when it has one.
    pub phone: Option<Phone>,
    /// When it answers, structured; `None` when only words were given.
    pub hours: Option<Hours>,
    /// When it answers, in words: exceptions, or the only statement there is.
    pub hours_note: Option<String>,
    /// Who may call it.
    pub for_whom: Option<String>,
    /// The ward (of a designated city) it serves; `None` for the whole municipality.
    pub ward: Option<Ward>,
    /// The area it serves when that is not the municipality or a ward (a 圏域).
    pub area: Option<String>,
    /// What to know before calling.
    pub note: Option<String>,
    /// Its web page.
    pub url: Option<String>,
    /// Invented for the example site: an impossible number.
    pub sample: bool,
}

/// A ward of a designated city, from the gazetteer.
#[derive(Debug, Clone, Serialize)]
pub struct Ward {
    /// Its code.
    pub code: String,
    /// Its name without the city's (都島区).
    pub name: String,
    /// Its reading without the city's (みやこじまく).
    pub kana: String,
}

/// What happens after a call to the base: who checks the situation, who finds a
/// place, who accompanies, what follows.
#[derive(Debug, Clone, Serialize)]
pub struct AfterCall {
    /// Whether the steps are settled (`set`), being revised or being drafted.
    pub status: &'static Term,
    /// The steps, in order.
    pub steps: Vec<AfterCallStep>,
    /// Anything else (Markdown).
    pub note: Option<String>,
    /// Where this is written.
    pub source: Option<String>,
    /// Invented for the example site.
    pub sample: bool,
}

/// One thing a family can prepare, as a municipality offers it.
#[derive(Debug, Clone, Serialize)]
pub struct Preparation {
    /// Which item.
    pub item: &'static Term,
    /// Where to get it or whom to ask (Markdown).
    #[serde(rename = "where")]
    pub place: Option<String>,
    /// What the municipality says about it (Markdown).
    pub note: Option<String>,
    /// Where this is written.
    pub source: Option<String>,
    /// Invented for the example site.
    pub sample: bool,
}

/// One step after a call.
#[derive(Debug, Clone, Serialize)]
pub struct AfterCallStep {
    /// Who does it.
    pub who: Option<String>,
    /// What happens.
    pub what: String,
}

/// 事前登録: registering a person with the base before anything happens, so that
/// those who help already know them when a call comes.
#[derive(Debug, Clone, Serialize)]
pub struct PreRegistration {
    /// Whether it takes applications (`available`) or is being prepared (`planned`).
    pub status: &'static Term,
    /// What the municipality calls it.
    pub name: Option<String>,
    /// Who should register.
    pub for_whom: Option<String>,
    /// What must be in place first.
    pub prerequisites: Vec<String>,
    /// How to apply, in order.
    pub steps: Vec<String>,
    /// Where to apply (Markdown).
    pub apply_at: Option<String>,
    /// What registering gives.
    pub gives: Vec<&'static Term>,
    /// The form or the municipality's page about it.
    pub form_url: Option<String>,
    /// Anything else (Markdown).
    pub note: Option<String>,
    /// Where this is written.
    pub source: Option<String>,
    /// Invented for the example site.
    pub sample: bool,
}

/// A phone number as written and as a `tel:` URI.
#[derive(Debug, Clone, Serialize)]
pub struct Phone {
    /// As written (`043-000-0000`).
    pub display: String,
    /// For a `tel:` link: digits, `+` and `-` only.
    pub tel: String,
}

/// What a municipality does for one function.
#[derive(Debug, Clone, Serialize)]
pub struct FunctionEntry {
    /// The function.
    pub function: &'static Term,
    /// How it is provided, in Markdown.
    pub description: Option<String>,
    /// Who carries it, as written.
    pub carried_by: Vec<String>,
    /// What is done.
    pub initiatives: Vec<String>,
    /// What is still difficult.
    pub challenges: Vec<String>,
    /// Dated notes.
    pub notes: Vec<Note>,
    /// Programmes that serve it.
    pub programmes: Vec<Programme>,
    /// Figures about it.
    pub figures: Vec<Figure>,
}

/// A short dated note.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    /// What it says.
    pub text: String,
    /// When it was true.
    pub date: Option<JDate>,
}

/// A programme (事業) with its results.
#[derive(Debug, Clone, Serialize)]
pub struct Programme {
    /// Its name.
    pub name: String,
    /// When it started.
    pub since: Option<JDate>,
    /// What it does, in Markdown.
    pub description: Option<String>,
    /// What it achieved.
    pub results: Vec<Figure>,
}

/// A figure: a number with its label, unit and year.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// What is counted.
    pub label: String,
    /// The number.
    pub value: f64,
    /// The value as shown: 1,341.
    pub display: String,
    /// Its unit (件, 人, 箇所).
    pub unit: String,
    /// When it was counted.
    pub year: Option<JDate>,
    /// How it was counted.
    pub note: Option<String>,
}

/// A provider (事業所): what it offers, whom it accepts, how to reach it.
#[derive(Debug, Clone, Serialize)]
pub struct Provider {
    /// Its id, unique on the site: its page is `/p/<id>/`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The corporation running it (法人).
    pub corporation: Option<String>,
    /// The municipality whose file lists it.
    pub municipality_code: String,
    /// Service kinds it offers.
    pub services: Vec<&'static Term>,
    /// Its own label for `other` (a kind the vocabulary lacks).
    pub other_service: Option<String>,
    /// Functions of the base it carries as a registered provider.
    pub functions: Vec<&'static Term>,
    /// Whom it accepts.
    pub accepts: Vec<&'static Term>,
    /// Its address.
    pub address: Option<String>,
    /// Its position; none when not known (never guessed).
    pub location: Option<Point>,
    /// Its number.
    pub phone: Option<Phone>,
    /// When it answers or opens.
    pub hours: Option<String>,
    /// Its web page.
    pub url: Option<String>,
    /// When it was registered with the base.
    pub registered: Option<JDate>,
    /// More about it, in Markdown.
    pub description: Option<String>,
    /// 事業所番号 (障害福祉サービス等情報公表システム), when imported from it.
    pub wam_number: Option<String>,
    /// The whole entry is invented for the example site.
    pub sample: bool,
    /// A joint base's provider shown on a member's page: its own page is the lead's.
    pub joint_copy: bool,
    /// Only these fields are invented (`phone`, `address`, `location`, `accepts`,
    /// `hours`): a real provider shown with a sample number.
    pub sample_fields: Vec<&'static str>,
    /// Its name's reading, in katakana (名称_カナ).
    pub kana: Option<String>,
    /// 法人番号 of its corporation (13 digits, check digit verified).
    pub corporate_number: Option<String>,
    /// Its fax number.
    pub fax: Option<Phone>,
    /// 定員.
    pub capacity: Option<u32>,
    /// Places it keeps or has free for emergencies (boxed: most providers state none,
    /// and a provider costs its size 100,000 times over).
    pub places: Option<Box<Places>>,
    /// `available` when it has a place confirmed recently enough (the map's filter,
    /// and `data-place` on the map page's list).
    pub place_now: &'static [&'static Term],
}

impl Provider {
    /// Its kinds of service in words: the vocabulary's labels, its own for `other`.
    pub fn service_labels(&self) -> Vec<String> {
        self.services
            .iter()
            .map(|t| match (t.id, &self.other_service) {
                ("other", Some(own)) => own.clone(),
                _ => t.label.to_string(),
            })
            .collect()
    }

    /// Some of it is invented: figures derived from it are too.
    pub fn any_sample(&self) -> bool {
        self.sample || !self.sample_fields.is_empty()
    }
}

/// One 運用状況の検証及び検討 (a yearly review of the base).
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// When it was held.
    pub date: JDate,
    /// Which body reviewed (e.g. 地域自立支援協議会).
    pub body: String,
    /// What it found, in Markdown.
    pub summary: String,
    /// Where it is recorded.
    pub source: Option<String>,
    /// Where it is published.
    pub url: Option<String>,
    /// What it found, per function.
    pub findings: Vec<Finding>,
    /// What is to be done.
    pub actions: Vec<Action>,
}

/// What a review found about one function.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The function it concerns.
    pub function: &'static Term,
    /// What was found, in Markdown.
    pub text: String,
}

/// An action a review sets: what, who, by when, where it stands.
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    /// Names it across reviews (a later review's action with the same id carries it on).
    pub id: Option<String>,
    /// What is to be done.
    pub what: String,
    /// Who does it.
    pub who: Option<String>,
    /// By when.
    pub due: Option<JDate>,
    /// Where it stands (未着手・進行中・完了・未確認).
    pub status: &'static Term,
    /// When it was finished.
    pub done_on: Option<JDate>,
    /// The functions it concerns.
    pub functions: Vec<&'static Term>,
    /// More, in Markdown.
    pub note: Option<String>,
    /// Invented for the example.
    pub sample: bool,
}

/// One period of a roadmap.
#[derive(Debug, Clone, Serialize)]
pub struct RoadmapStep {
    /// The period (年度 or range), as written.
    pub period: String,
    /// What is planned in it.
    pub items: Vec<String>,
    /// Where it stands, when recorded.
    pub status: Option<&'static Term>,
    /// By when it is to be done: `due:`, else the period when it is one date (令和3年度).
    pub due: Option<JDate>,
}

/// A challenge a municipality names.
#[derive(Debug, Clone, Serialize)]
pub struct Challenge {
    /// In a few words.
    pub title: String,
    /// In full, Markdown.
    pub body: Option<String>,
    /// The functions it concerns.
    pub functions: Vec<&'static Term>,
    /// Where work on it stands, when recorded.
    pub status: Option<&'static Term>,
    /// By when it is to be met.
    pub due: Option<JDate>,
}

/// A further section of a municipality page.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Its heading.
    pub title: String,
    /// Its text in Markdown.
    pub body: String,
}

/// A case study of the catalogue (`content/cases/*.md`).
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    /// Its file name without `.md`: its page is `/cases/<slug>/`.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// The prefecture it is in.
    pub pref_code: String,
    /// That prefecture's name.
    pub pref_name: String,
    /// The prefectures that held the block meeting it was presented at: several
    /// for a joint meeting, one when another prefecture held it, none when its own did.
    pub meeting: Vec<String>,
    /// The municipality, when the case is one municipality's.
    pub municipality_code: Option<String>,
    /// The municipality name from the gazetteer, or the 圏域 as written.
    pub place: String,
    /// 整備状況 when the case was written.
    pub status: Option<&'static Term>,
    /// 整備類型.
    #[serde(rename = "type")]
    pub kind: Option<&'static Term>,
    /// The functions it stresses.
    pub functions: Vec<&'static Term>,
    /// One sentence.
    pub summary: String,
    /// The case in Markdown.
    pub body: String,
    /// Its place in the catalogue.
    pub order: u32,
    /// The document it comes from.
    pub source: Source,
    /// Invented for the example site.
    pub sample: bool,
    /// Readings (hiragana) of the municipalities its title, place and summary name,
    /// for search.
    #[serde(skip)]
    pub readings: Vec<String>,
}

/// A Markdown page (guide or recruitment).
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// Its file name without `.md`.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// One sentence for lists and search results.
    pub description: Option<String>,
    /// Its place in lists.
    pub order: u32,
    /// Written in やさしい日本語 (the page says so).
    pub easy_japanese: bool,
    /// Its text in Markdown.
    pub body: String,
    /// The documents it draws on.
    pub sources: Vec<Source>,
    /// Invented for the example site.
    pub sample: bool,
}

/// 参考の取組み (seed 002 別添3): practices tagged by prefecture.
#[derive(Debug, Clone, Serialize)]
pub struct Practices {
    /// The list's title.
    pub title: String,
    /// Where the list comes from.
    pub source: Source,
    /// The practices.
    pub items: Vec<Practice>,
}

/// One practice.
#[derive(Debug, Clone, Serialize)]
pub struct Practice {
    /// What was done, in Markdown.
    pub text: String,
    /// (code, name) pairs.
    pub prefectures: Vec<PrefRef>,
    /// `municipal` or `prefectural`.
    pub level: String,
    /// Where it is described.
    pub url: Option<String>,
    /// Readings (hiragana) of the municipalities of its prefectures its text names,
    /// for search.
    #[serde(skip)]
    pub readings: Vec<String>,
}

/// A prefecture by code and name.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct PrefRef {
    /// Its code (01–47).
    pub code: String,
    /// Its name.
    pub name: String,
}

/// The last passing run of the browser gates (`data/accessibility-results.yaml`),
/// shown as 試験結果 on /accessibility/.
#[derive(Debug, Clone, Serialize)]
pub struct A11yResults {
    /// The day of the run.
    pub tested_on: JDate,
    /// HTML pages the site had when it was tested.
    pub pages: usize,
    /// The browser the pages were opened in, with its version.
    pub browser: Option<String>,
    /// Each check, in the order the gates ran.
    pub results: Vec<A11yResult>,
}

/// One check of the gates and what it found.
#[derive(Debug, Clone, Serialize)]
pub struct A11yResult {
    /// What was checked (`vocab::A11Y_CHECKS`).
    pub check: &'static Term,
    /// The tool and its version.
    pub tool: Option<String>,
    /// Pages (or flyers, maps) it covered.
    pub pages: usize,
    /// Problems found (0 in a passing run).
    pub failures: usize,
}

/// National figures (`data/national.yaml`).
#[derive(Debug, Clone, Serialize)]
pub struct National {
    /// The table's title.
    pub title: String,
    /// The figures.
    pub figures: Vec<NationalFigure>,
}

/// One national figure, with its source and whether it was checked.
#[derive(Debug, Clone, Serialize)]
pub struct NationalFigure {
    /// What is counted.
    pub label: String,
    /// The number.
    pub value: f64,
    /// The number as shown.
    pub display: String,
    /// Its unit.
    pub unit: String,
    /// A share in percent, when given.
    pub share: Option<f64>,
    /// The date it is counted at.
    pub date: Option<JDate>,
    /// Where it comes from.
    pub source: Source,
    /// Checked against the source; unverified figures are labelled 未確認.
    pub verified: bool,
    /// How to read it.
    pub note: Option<String>,
}

/// What registering brings (`data/incentives.yaml`).
#[derive(Debug, Clone, Serialize)]
pub struct Incentives {
    /// Add-ons (加算) and other advantages.
    pub incentives: Vec<Incentive>,
    /// What registered providers say, quoted from a source.
    pub voices: Option<Voices>,
}

/// One advantage of registering, e.g. a 加算.
#[derive(Debug, Clone, Serialize)]
pub struct Incentive {
    /// Its name.
    pub name: String,
    /// How much, as written.
    pub amount: Option<String>,
    /// Service kinds it applies to (none: every kind).
    pub services: Vec<&'static Term>,
    /// Which providers of those kinds qualify.
    pub condition: Option<String>,
    /// Invented for the example.
    pub sample: bool,
    /// What it is, in Markdown.
    pub description: Option<String>,
    /// Where it is defined.
    pub source: Source,
    /// Checked against the source; unverified amounts are labelled 未確認.
    pub verified: bool,
    /// What to know.
    pub note: Option<String>,
}

/// A prefecture's record: its support for the bases, its 圏域, whom to ask.
#[derive(Debug, Clone, Serialize)]
pub struct PrefectureRecord {
    /// "01"–"47".
    pub code: String,
    /// Its name, from the gazetteer.
    pub name: String,
    /// In a few sentences, Markdown.
    pub summary: Option<String>,
    /// What it does.
    pub support: Vec<PrefectureSupport>,
    /// Its 障害保健福祉圏域.
    pub areas: Vec<PrefectureArea>,
    /// Whom a municipality or provider asks.
    pub contact: Option<Contact>,
    /// Its own figures.
    pub figures: Vec<Figure>,
    /// Where its facts come from.
    pub sources: Vec<Source>,
    /// 最終確認日.
    pub last_verified: JDate,
    /// Invented for the example.
    pub sample: bool,
}

/// One kind of help a prefecture gives.
#[derive(Debug, Clone, Serialize)]
pub struct PrefectureSupport {
    /// 広域調整, 研修, アドバイザー派遣, …
    pub kind: &'static Term,
    /// Its name.
    pub name: String,
    /// What it is, Markdown.
    pub description: Option<String>,
    /// Since when.
    pub since: Option<JDate>,
    /// Where it is said.
    pub source: Option<Source>,
    /// Invented for the example.
    pub sample: bool,
}

/// A 障害保健福祉圏域 and its municipalities.
#[derive(Debug, Clone, Serialize)]
pub struct PrefectureArea {
    /// Its name (甲賀圏域).
    pub name: String,
    /// Its municipalities.
    pub members: Vec<PrefRef>,
    /// More.
    pub note: Option<String>,
    /// Invented for the example.
    pub sample: bool,
}

/// Providers' own words about registering.
#[derive(Debug, Clone, Serialize)]
pub struct Voices {
    /// The municipality whose providers said these.
    pub municipality: Option<PrefRef>,
    /// The heading.
    pub title: String,
    /// Where they are quoted from.
    pub source: Source,
    /// The quotes.
    pub items: Vec<String>,
}

/// A municipality as a provider, case, recruitment or map page refers to it:
/// not its providers (serialising every provider of a large city into each of its
/// provider pages was quadratic).
#[derive(Serialize)]
pub struct MunicipalityRef<'a> {
    /// Its code.
    pub code: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its prefecture's name.
    pub pref_name: &'a str,
    /// Its 最終確認日.
    pub last_verified: &'a JDate,
    /// Invented for the example site.
    pub sample: bool,
    /// What it asks of providers (recruitment pages only).
    pub recruit: Option<&'a Recruit>,
    /// The joint base it belongs to.
    pub joint: Option<&'a Joint>,
}

impl<'a> MunicipalityRef<'a> {
    /// The municipality as other pages refer to it.
    pub fn of(m: &'a Municipality) -> Self {
        Self {
            code: &m.code,
            name: &m.name,
            pref_name: &m.pref_name,
            last_verified: &m.last_verified,
            sample: m.sample,
            recruit: None,
            joint: m.joint.as_ref(),
        }
    }

    /// With what it asks of providers, for its recruitment page.
    pub fn recruiting(m: &'a Municipality) -> Self {
        Self { recruit: m.recruit.as_ref(), ..Self::of(m) }
    }
}

/// Search synonyms (`data/synonyms.yaml`): groups of words that find the same pages.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Synonyms {
    /// Each group lists words that mean the same thing.
    pub groups: Vec<Vec<String>>,
}
