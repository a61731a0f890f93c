//! The checked site: plain data shared by derive and render. Vocabulary values
//! are resolved to their terms, dates normalised, names filled in from the gazetteer.

pub mod config;
pub mod gazetteer;
pub mod jiscode;
pub mod strings;
pub mod vocab;
pub mod wareki;

use crate::model::config::Config;
use crate::model::vocab::Term;
use crate::model::wareki::JDate;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Site {
    pub config: Config,
    pub municipalities: Vec<Municipality>,
    pub cases: Vec<Case>,
    pub guides: Vec<Page>,
    pub recruit: Vec<Page>,
    pub practices: Option<Practices>,
    pub national: Option<National>,
    pub incentives: Option<Incentives>,
    /// Search synonyms (data/synonyms.yaml).
    #[serde(skip)]
    pub synonyms: Synonyms,
    /// Outlines for maps (not serialised into pages).
    #[serde(skip)]
    pub geo: crate::geo::Boundaries,
    /// The words pages show outside templates (the theme's strings file, the site's over it).
    #[serde(skip)]
    pub strings: crate::model::strings::Strings,
}

#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<JDate>,
    pub url: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Municipality {
    pub code: String,
    pub name: String,
    pub kana: String,
    pub pref_code: String,
    pub pref_name: String,
    pub office: Point,
    pub status: &'static Term,
    pub established: Option<JDate>,
    pub plan: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<&'static Term>,
    pub summary: Option<String>,
    pub coordinator: Option<Coordinator>,
    pub emergency_contact: Option<Contact>,
    pub functions: Vec<FunctionEntry>,
    pub providers: Vec<Provider>,
    pub reviews: Vec<Review>,
    pub roadmap: Vec<RoadmapStep>,
    pub figures: Vec<Figure>,
    pub challenges: Vec<Challenge>,
    pub sections: Vec<Section>,
    pub sources: Vec<Source>,
    pub recruit: Option<Recruit>,
    pub last_verified: JDate,
    pub sample: bool,
}

#[derive(Debug, Serialize)]
pub struct Recruit {
    pub needs: Vec<String>,
    pub programmes: Vec<RecruitProgramme>,
    pub contact: Option<Contact>,
}

#[derive(Debug, Serialize)]
pub struct RecruitProgramme {
    pub name: String,
    pub functions: Vec<&'static Term>,
    pub services: Vec<&'static Term>,
    pub requirements: Vec<String>,
    pub documents: Vec<String>,
    pub apply: Option<String>,
    pub since: Option<JDate>,
    pub source: Option<Source>,
    pub sample: bool,
}

#[derive(Debug, Serialize)]
pub struct Coordinator {
    pub placed: bool,
    pub body: Option<String>,
    pub duties: Vec<String>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Contact {
    pub name: String,
    pub phone: Option<Phone>,
    pub hours: Option<String>,
    pub note: Option<String>,
    pub url: Option<String>,
    pub sample: bool,
}

/// A phone number as written and as a `tel:` URI.
#[derive(Debug, Clone, Serialize)]
pub struct Phone {
    pub display: String,
    pub tel: String,
}

#[derive(Debug, Serialize)]
pub struct FunctionEntry {
    pub function: &'static Term,
    pub description: Option<String>,
    pub carried_by: Vec<String>,
    pub initiatives: Vec<String>,
    pub challenges: Vec<String>,
    pub notes: Vec<Note>,
    pub programmes: Vec<Programme>,
    pub figures: Vec<Figure>,
}

#[derive(Debug, Serialize)]
pub struct Note {
    pub text: String,
    pub date: Option<JDate>,
}

#[derive(Debug, Serialize)]
pub struct Programme {
    pub name: String,
    pub since: Option<JDate>,
    pub description: Option<String>,
    pub results: Vec<Figure>,
}

#[derive(Debug, Serialize)]
pub struct Figure {
    pub label: String,
    pub value: f64,
    /// The value as shown: 1,341.
    pub display: String,
    pub unit: String,
    pub year: Option<JDate>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Provider {
    pub id: String,
    pub name: String,
    pub corporation: Option<String>,
    pub municipality_code: String,
    pub services: Vec<&'static Term>,
    pub functions: Vec<&'static Term>,
    pub accepts: Vec<&'static Term>,
    pub address: Option<String>,
    pub location: Option<Point>,
    pub phone: Option<Phone>,
    pub hours: Option<String>,
    pub url: Option<String>,
    pub registered: Option<JDate>,
    pub description: Option<String>,
    /// 事業所番号 (障害福祉サービス等情報公表システム), when imported from it.
    pub wam_number: Option<String>,
    pub sample: bool,
}

#[derive(Debug, Serialize)]
pub struct Review {
    pub date: JDate,
    pub body: String,
    pub summary: String,
    pub source: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct RoadmapStep {
    pub period: String,
    pub items: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Challenge {
    pub title: String,
    pub body: Option<String>,
    pub functions: Vec<&'static Term>,
}

#[derive(Debug, Serialize)]
pub struct Section {
    pub title: String,
    pub body: String,
}

#[derive(Debug, Serialize)]
pub struct Case {
    pub slug: String,
    pub title: String,
    pub pref_code: String,
    pub pref_name: String,
    pub meeting_pref_name: Option<String>,
    pub municipality_code: Option<String>,
    /// The municipality name from the gazetteer, or the 圏域 as written.
    pub place: String,
    pub status: Option<&'static Term>,
    #[serde(rename = "type")]
    pub kind: Option<&'static Term>,
    pub functions: Vec<&'static Term>,
    pub summary: String,
    pub body: String,
    pub order: u32,
    pub source: Source,
    pub sample: bool,
}

#[derive(Debug, Serialize)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub order: u32,
    pub easy_japanese: bool,
    pub body: String,
    pub sources: Vec<Source>,
    pub sample: bool,
}

#[derive(Debug, Serialize)]
pub struct Practices {
    pub title: String,
    pub source: Source,
    pub items: Vec<Practice>,
}

#[derive(Debug, Serialize)]
pub struct Practice {
    pub text: String,
    /// (code, name) pairs.
    pub prefectures: Vec<PrefRef>,
    pub level: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct PrefRef {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct National {
    pub title: String,
    pub figures: Vec<NationalFigure>,
}

#[derive(Debug, Serialize)]
pub struct NationalFigure {
    pub label: String,
    pub value: f64,
    pub display: String,
    pub unit: String,
    pub share: Option<f64>,
    pub date: Option<JDate>,
    pub source: Source,
    pub verified: bool,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Incentives {
    pub incentives: Vec<Incentive>,
    pub voices: Option<Voices>,
}

#[derive(Debug, Serialize)]
pub struct Incentive {
    pub name: String,
    pub amount: Option<String>,
    pub services: Vec<String>,
    pub description: Option<String>,
    pub source: Source,
    pub verified: bool,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Voices {
    pub title: String,
    pub source: Source,
    pub items: Vec<String>,
}

/// A municipality as a provider, case, recruitment or map page refers to it:
/// not its providers (serialising every provider of a large city into each of its
/// provider pages was quadratic).
#[derive(Serialize)]
pub struct MunicipalityRef<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub pref_name: &'a str,
    pub last_verified: &'a JDate,
    pub sample: bool,
    pub recruit: Option<&'a Recruit>,
}

impl<'a> MunicipalityRef<'a> {
    pub fn of(m: &'a Municipality) -> Self {
        Self {
            code: &m.code,
            name: &m.name,
            pref_name: &m.pref_name,
            last_verified: &m.last_verified,
            sample: m.sample,
            recruit: None,
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
