//! The data files as written, before checking. Fields whose values are checked
//! later (vocabulary ids, dates, codes, coordinates) keep their source location.

use serde::Deserialize;
use serde_saphyr::Spanned;

pub type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    pub code: S<String>,
    pub status: S<String>,
    /// When the base was established (整備済), any date form.
    #[serde(default)]
    pub established: Option<S<String>>,
    /// The 年度 a base 整備予定 is to be established.
    #[serde(default)]
    pub target: Option<S<String>>,
    /// What is planned (未整備), free text.
    #[serde(default)]
    pub plan: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<S<String>>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub coordinator: Option<Coordinator>,
    /// One contact, first on the page (the form before `contacts`).
    #[serde(default)]
    pub emergency_contact: Option<Contact>,
    /// Whom to call, by purpose, hours and area.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// 事前登録: how a family registers a person in advance, and what it gives.
    #[serde(default)]
    pub pre_registration: Option<PreRegistration>,
    /// What happens after the call, step by step.
    #[serde(default)]
    pub after_call: Option<AfterCall>,
    /// 緊急時の備え: what the municipality offers families to prepare, by item.
    #[serde(default)]
    pub preparation: Vec<Preparation>,
    #[serde(default)]
    pub functions: Vec<FunctionEntry>,
    #[serde(default)]
    pub providers: Vec<Provider>,
    #[serde(default)]
    pub reviews: Vec<Review>,
    #[serde(default)]
    pub roadmap: Vec<RoadmapStep>,
    #[serde(default)]
    pub figures: Vec<Figure>,
    #[serde(default)]
    pub challenges: Vec<Challenge>,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub sources: Vec<Source>,
    /// What the municipality asks providers for, and how to register.
    #[serde(default)]
    pub recruit: Option<Recruit>,
    pub last_verified: S<String>,
    #[serde(default)]
    pub sample: bool,
    /// This file is the record of a base built with other municipalities.
    #[serde(default)]
    pub joint: Option<Joint>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Joint {
    pub name: String,
    /// The 障害保健福祉圏域 it serves.
    #[serde(default)]
    pub area: Option<S<String>>,
    /// The other members' codes.
    pub members: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recruit {
    /// Needs the municipality states itself.
    #[serde(default)]
    pub needs: Vec<String>,
    /// Registration programmes (登録の仕組み): who may register, for what, how.
    #[serde(default)]
    pub programmes: Vec<RecruitProgramme>,
    /// Spanned: a contact with nothing to call or click is reported at its line.
    #[serde(default)]
    pub contact: Option<S<Contact>>,
    /// The municipality's own support for registered providers (交通費給付, 空床補償…).
    #[serde(default)]
    pub support: Vec<Incentive>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecruitProgramme {
    pub name: String,
    #[serde(default)]
    pub functions: Vec<S<String>>,
    /// Service kinds that may register.
    #[serde(default)]
    pub services: Vec<S<String>>,
    #[serde(default)]
    pub requirements: Vec<String>,
    #[serde(default)]
    pub documents: Vec<String>,
    /// Where and how to apply.
    #[serde(default)]
    pub apply: Option<String>,
    #[serde(default)]
    pub since: Option<S<String>>,
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coordinator {
    pub placed: bool,
    /// Where the coordinator sits, e.g. 基幹相談支援センター.
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub duties: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// How many (人数).
    #[serde(default)]
    pub count: Option<S<u32>>,
    /// How they are paid: a COORDINATOR_FUNDINGS id.
    #[serde(default)]
    pub funding: Option<S<String>>,
    /// Whether someone of them can be reached at every hour.
    #[serde(default)]
    pub around_the_clock: Option<bool>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preparation {
    pub item: S<String>,
    /// Where to get it or whom to ask.
    #[serde(default, rename = "where")]
    pub place: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AfterCall {
    /// set | revising | drafting.
    pub status: S<String>,
    #[serde(default)]
    pub steps: Vec<AfterCallStep>,
    /// Anything else (Markdown).
    #[serde(default)]
    pub note: Option<String>,
    /// Where this is written.
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AfterCallStep {
    /// Who does it (e.g. コーディネーター).
    #[serde(default)]
    pub who: Option<String>,
    /// What happens.
    pub what: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreRegistration {
    /// available | planned.
    pub status: S<String>,
    /// What the municipality calls it (e.g. 事前の利用登録).
    #[serde(default)]
    pub name: Option<String>,
    /// Who should register.
    #[serde(default)]
    pub for_whom: Option<String>,
    /// What must be in place first (a 計画相談 contract, a 短期入所 支給決定, …).
    #[serde(default)]
    pub prerequisites: Vec<String>,
    /// How to apply, step by step.
    #[serde(default)]
    pub steps: Vec<String>,
    /// Where to apply (Markdown).
    #[serde(default)]
    pub apply_at: Option<String>,
    /// What registering gives (vocabulary ids).
    #[serde(default)]
    pub gives: Vec<S<String>>,
    /// The application form or the municipality's page about it.
    #[serde(default)]
    pub form_url: Option<S<String>>,
    /// Anything else (Markdown).
    #[serde(default)]
    pub note: Option<String>,
    /// Where this is written (document and place).
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Who answers, e.g. 白井市基幹相談支援センター（輪番制の携帯電話）.
    pub name: String,
    /// What it is for: a CONTACT_PURPOSE id.
    #[serde(default)]
    pub purpose: Option<S<String>>,
    #[serde(default)]
    pub phone: Option<S<String>>,
    /// `always`, `weekday_daytime` or `nights_holidays`; words (an older file's
    /// 24時間365日) are kept as `hours_note` with a warning.
    #[serde(default)]
    pub hours: Option<S<String>>,
    /// Exact answering windows, instead of `hours`.
    #[serde(default)]
    pub times: Vec<Window>,
    /// Exceptions, in words.
    #[serde(default)]
    pub hours_note: Option<String>,
    #[serde(default)]
    pub for_whom: Option<String>,
    /// A ward of the city: its code or its name.
    #[serde(default)]
    pub ward: Option<S<String>>,
    /// Another area (a 圏域), in words.
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub url: Option<S<String>>,
    #[serde(default)]
    pub sample: bool,
}

/// One answering window: `{ days: [weekdays], from: "17:30", to: "09:00" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    #[serde(default)]
    pub days: Vec<S<String>>,
    pub from: S<String>,
    pub to: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionEntry {
    pub id: S<String>,
    /// What the municipality's base does for this function (拠点機能).
    #[serde(default)]
    pub description: Option<String>,
    /// Who carries it, in words (e.g. 短期入所事業所（４箇所）).
    #[serde(default)]
    pub carried_by: Vec<String>,
    /// How it operates (運用状況).
    #[serde(default)]
    pub initiatives: Vec<String>,
    #[serde(default)]
    pub challenges: Vec<String>,
    /// Dated remarks (特記事項).
    #[serde(default)]
    pub notes: Vec<Note>,
    #[serde(default)]
    pub programmes: Vec<Programme>,
    #[serde(default)]
    pub figures: Vec<Figure>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub text: String,
    #[serde(default)]
    pub date: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub name: String,
    #[serde(default)]
    pub since: Option<S<String>>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub results: Vec<Figure>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub label: String,
    pub value: S<f64>,
    pub unit: String,
    #[serde(default)]
    pub year: Option<S<String>>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    pub id: S<String>,
    pub name: String,
    #[serde(default)]
    pub corporation: Option<String>,
    pub services: Vec<S<String>>,
    /// What the resource is when `services` says `other` (a kind the vocabulary lacks).
    #[serde(default)]
    pub other_service: Option<Box<S<String>>>,
    pub functions: Vec<S<String>>,
    #[serde(default)]
    pub accepts: Vec<S<String>>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub location: Option<Location>,
    #[serde(default)]
    pub phone: Option<S<String>>,
    #[serde(default)]
    pub hours: Option<String>,
    #[serde(default)]
    pub url: Option<S<String>>,
    #[serde(default)]
    pub registered: Option<S<String>>,
    #[serde(default)]
    pub description: Option<String>,
    /// 事業所番号 of the public provider database, set by `kyoten import wamnet`.
    #[serde(default)]
    pub wam_number: Option<String>,
    #[serde(default)]
    pub sample: bool,
    /// Fields invented while the rest is real: phone, address, location, accepts, hours.
    #[serde(default)]
    pub sample_fields: Vec<S<String>>,
    /// Its name's reading (名称_カナ).
    #[serde(default)]
    pub kana: Option<String>,
    /// 法人番号 of its corporation (13 digits).
    #[serde(default)]
    pub corporate_number: Option<S<String>>,
    #[serde(default)]
    pub fax: Option<S<String>>,
    /// 定員.
    #[serde(default)]
    pub capacity: Option<S<u32>>,
    /// Beds or places it keeps or has free for emergencies, with the day confirmed.
    /// Boxed, like other_service: rarely given, and a raw provider is held 100,000 times.
    #[serde(default)]
    pub places: Option<Box<Places>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Places {
    pub count: S<u32>,
    /// `kept` (always kept free) or `vacant` (free on the day confirmed).
    pub kind: S<String>,
    pub confirmed: S<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub lat: S<f64>,
    pub lon: S<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub date: S<String>,
    /// Where it was reviewed, e.g. 地域自立支援協議会.
    pub body: String,
    pub summary: String,
    #[serde(default)]
    pub source: Option<String>,
    /// Where the review is published (取組情報の公表).
    #[serde(default)]
    pub url: Option<S<String>>,
    /// What it found, per function.
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// What is to be done: what, who, by when, where it stands.
    #[serde(default)]
    pub actions: Vec<Action>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub function: S<String>,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Names the action across reviews: a later review's action with the same id
    /// carries it on (its status is the current one).
    #[serde(default)]
    pub id: Option<S<String>>,
    pub what: S<String>,
    #[serde(default)]
    pub who: Option<String>,
    /// By when (any date form; a 年度 is usual).
    #[serde(default)]
    pub due: Option<S<String>>,
    pub status: S<String>,
    /// When it was finished (status done).
    #[serde(default)]
    pub done_on: Option<S<String>>,
    #[serde(default)]
    pub functions: Vec<S<String>>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapStep {
    pub period: String,
    pub items: Vec<String>,
    /// Where the step stands.
    #[serde(default)]
    pub status: Option<S<String>>,
    /// By when it is to be done, when the period is not one date (令和5年度以後, 令和6〜8年度).
    #[serde(default)]
    pub due: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    pub title: String,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub functions: Vec<S<String>>,
    /// Where work on it stands, and by when it is to be met.
    #[serde(default)]
    pub status: Option<S<String>>,
    #[serde(default)]
    pub due: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: String,
    pub body: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub date: Option<S<String>>,
    #[serde(default)]
    pub url: Option<S<String>>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Front matter of `content/cases/*.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFront {
    pub title: String,
    /// Prefecture name (e.g. 熊本県) of the case.
    pub prefecture: S<String>,
    /// Municipality code when the case is one municipality.
    #[serde(default)]
    pub municipality: Option<S<String>>,
    /// A 圏域 or group of municipalities, in words, when not one municipality.
    #[serde(default)]
    pub area: Option<String>,
    /// Host prefecture of the block meeting, when it differs; several joined by
    /// ・ for a joint meeting (熊本県・宮崎県・鹿児島県).
    #[serde(default)]
    pub meeting: Option<S<String>>,
    #[serde(default)]
    pub status: Option<S<String>>,
    #[serde(default, rename = "type")]
    pub kind: Option<S<String>>,
    #[serde(default)]
    pub functions: Vec<S<String>>,
    pub summary: String,
    #[serde(default)]
    pub order: Option<u32>,
    pub source: Source,
    #[serde(default)]
    pub sample: bool,
}

/// Front matter of `content/guide/*.md` and `content/recruit/*.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub order: Option<u32>,
    /// Written in やさしい日本語 (shown as a badge).
    #[serde(default)]
    pub easy_japanese: bool,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub sample: bool,
}

/// `data/practices.yaml`: 参考の取組み (seed 002 別添3).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Practices {
    pub title: String,
    pub source: Source,
    pub items: Vec<Practice>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    pub text: String,
    pub prefectures: Vec<S<String>>,
    /// municipal (市町村等の取組み) or prefectural (県の取組み).
    #[serde(default = "municipal")]
    pub level: S<String>,
    #[serde(default)]
    pub url: Option<S<String>>,
}

fn municipal() -> S<String> {
    Spanned::new("municipal".to_string(), serde_saphyr::Location::UNKNOWN, serde_saphyr::Location::UNKNOWN)
}

/// `data/national.yaml`: national figures with their sources.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct National {
    pub title: String,
    pub figures: Vec<NationalFigure>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalFigure {
    pub label: String,
    pub value: S<f64>,
    pub unit: String,
    /// Share in percent, when the source gives one.
    #[serde(default)]
    pub share: Option<f64>,
    #[serde(default)]
    pub date: Option<S<String>>,
    pub source: Source,
    /// Whether someone checked the figure against the source document.
    pub verified: bool,
    #[serde(default)]
    pub note: Option<String>,
}

/// `data/accessibility-results.yaml`: written by tests/browser/run.sh after a
/// passing run of the browser gates.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct A11yResults {
    pub tested_on: S<String>,
    pub pages: usize,
    #[serde(default)]
    pub browser: Option<String>,
    pub results: Vec<A11yResult>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct A11yResult {
    pub check: S<String>,
    #[serde(default)]
    pub tool: Option<String>,
    pub pages: usize,
    pub failures: usize,
}

/// `data/prefectures/<pp>.yaml`: a prefecture's support for its municipalities.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prefecture {
    /// Its code, "01"–"47".
    pub code: S<String>,
    #[serde(default)]
    pub summary: Option<String>,
    /// What it does: 広域調整, 研修, アドバイザー派遣, …
    #[serde(default)]
    pub support: Vec<PrefectureSupport>,
    /// Its 障害保健福祉圏域.
    #[serde(default)]
    pub areas: Vec<PrefectureArea>,
    #[serde(default)]
    pub contact: Option<S<Contact>>,
    #[serde(default)]
    pub figures: Vec<Figure>,
    #[serde(default)]
    pub sources: Vec<Source>,
    pub last_verified: S<String>,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrefectureSupport {
    /// A PREFECTURE_SUPPORTS id.
    pub kind: S<String>,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub since: Option<S<String>>,
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrefectureArea {
    pub name: String,
    /// Its municipalities' codes.
    pub members: Vec<S<String>>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub sample: bool,
}

/// `data/incentives.yaml`: what registering brings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incentives {
    pub incentives: Vec<Incentive>,
    #[serde(default)]
    pub voices: Option<Voices>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incentive {
    pub name: String,
    #[serde(default)]
    pub amount: Option<String>,
    /// Service kinds it applies to, by vocabulary id (none: every kind).
    #[serde(default)]
    pub services: Vec<S<String>>,
    /// Which providers of those kinds qualify (機能強化型, 拠点等に位置付けられた事業所…).
    #[serde(default)]
    pub condition: Option<String>,
    #[serde(default)]
    pub sample: bool,
    #[serde(default)]
    pub description: Option<String>,
    pub source: Source,
    pub verified: bool,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Voices {
    /// The municipality whose providers said these (their code): other
    /// municipalities' flyers name it.
    #[serde(default)]
    pub municipality: Option<S<String>>,
    pub title: String,
    pub source: Source,
    pub items: Vec<String>,
}
