//! Derive: numbers and groupings computed once from the checked site, for every
//! page that shows them (coverage by function, case facets, prefectures, indexes).

pub mod compare;
pub mod contacts;
pub mod followup;
pub mod history;
pub mod links;
pub mod map_pages;
pub mod maplayout;
pub mod mapview;
pub mod recruit;
pub mod routes;

use crate::model::vocab::{self, Term};
use crate::model::{PrefRef, Site};
use mapview::MapView;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Where a provider lives: (municipality index, provider index).
pub type ProviderRef = (usize, usize);

/// How a municipality covers one function.
#[derive(Debug, Serialize)]
pub struct Coverage {
    pub function: &'static Term,
    /// Index into the municipality's `functions`, when it describes this function.
    pub entry: Option<usize>,
    /// Indexes into the municipality's `providers` that carry this function.
    pub providers: Vec<usize>,
    /// The 拠点マップ page listing them, for a municipality whose own page does not
    /// (`MunicipalityFacts::compact`).
    pub map_list: Option<String>,
}

impl Coverage {
    /// The one rule for "the function is covered": the municipality describes it,
    /// or a registered provider carries it. Pages, the comparison, its CSV and the
    /// recruitment gaps all read it from here.
    pub fn covered(&self) -> bool {
        self.entry.is_some() || !self.providers.is_empty()
    }
}

#[derive(Debug, Serialize)]
pub struct MunicipalityFacts {
    pub coverage: Vec<Coverage>,
    /// Functions neither described nor carried by any registered provider.
    pub uncovered: Vec<&'static Term>,
    pub cases: Vec<usize>,
    pub provider_count: usize,
    /// Whether anything on the page is invented (`sample: true`).
    pub has_sample: bool,
    /// Providers with coordinates, in marker order (marker n = position + 1).
    pub located: Vec<usize>,
    /// Providers without coordinates: listed under 位置未確定, never guessed.
    pub unlocated: Vec<usize>,
    /// Its contacts in page order, and whether someone answers at every hour.
    pub contacts: contacts::ContactFacts,
    /// The actions of its reviews as they stand, and its roadmap's progress.
    pub follow_up: followup::FollowUp,
    /// Too many providers to list on its page (`mapview::compact`): it counts
    /// them per function and links to its 拠点マップ page, which lists them.
    pub compact: bool,
    /// It has a page on the 拠点マップ (/map/m/<code>/): a provider of its own (a
    /// joint base's providers are mapped at the lead).
    pub map_page: bool,
    /// A base 整備予定 whose target 年度 has ended (on the day the site was built).
    pub target_passed: bool,
    /// The record was last verified after the target 年度 ended: still 整備予定
    /// then (else nothing is known since the target passed).
    pub target_checked_after: bool,
}

/// One pre-rendered filtered view of the case catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct Facet {
    /// URL segment: pref, status, type, function.
    pub facet: &'static str,
    pub facet_label: &'static str,
    pub key: String,
    pub label: String,
    pub cases: Vec<usize>,
}

#[derive(Debug, Serialize)]
pub struct PracticeGroup {
    pub pref: PrefRef,
    pub items: Vec<usize>,
}

/// One row of the 五十音 index (あ行, か行, …) with the municipalities in it.
#[derive(Debug, Serialize)]
pub struct KanaRow {
    pub row: &'static str,
    pub municipalities: Vec<usize>,
}

/// Municipalities by the first sound of their reading, in 五十音 order.
fn kana_index(site: &Site) -> Vec<KanaRow> {
    let mut order: Vec<usize> = (0..site.municipalities.len()).collect();
    order.sort_by(|&a, &b| site.municipalities[a].kana.cmp(&site.municipalities[b].kana));
    vocab::KANA_ROWS
        .iter()
        .map(|(row, chars)| KanaRow {
            row,
            municipalities: order
                .iter()
                .copied()
                .filter(|&i| site.municipalities[i].kana.chars().next().is_some_and(|c| chars.contains(c)))
                .collect(),
        })
        .filter(|r| !r.municipalities.is_empty())
        .collect()
}

/// Which pages the site has beyond one per record: the groupings that decide
/// the routes (`crate::derive::routes`), cheap enough for `kyoten check`'s link check.
#[derive(Debug, Serialize)]
pub struct Plan {
    /// Prefectures with municipalities on the site, by code (the /m/<pref>/ and
    /// /compare/<pref>/ pages, in the order of `Compare::prefectures`).
    pub prefectures: Vec<PrefRef>,
    pub case_facets: Vec<Facet>,
    pub practice_prefectures: Vec<PracticeGroup>,
    /// Every provider, by municipality then as listed: the 拠点マップ's order.
    pub providers_in_order: Vec<ProviderRef>,
    /// The 拠点マップ's pages (their maps are drawn by `derive`).
    #[serde(skip)]
    pub map_pages: crate::derive::map_pages::MapPages,
    /// The 五十音 index shown by /search/ without JavaScript.
    pub kana_index: Vec<KanaRow>,
}

impl Plan {
    /// Whether the site is split by prefecture and municipality (more than
    /// [`crate::derive::map_pages::LIST_LIMIT`] providers).
    pub fn large(&self) -> bool {
        self.map_pages.split
    }
}

/// The routes' groupings of a checked site.
pub fn plan(site: &Site) -> Plan {
    let mut practice_prefectures: BTreeMap<PrefRef, Vec<usize>> = BTreeMap::new();
    if let Some(p) = &site.practices {
        for (i, item) in p.items.iter().enumerate() {
            for pref in &item.prefectures {
                practice_prefectures.entry(pref.clone()).or_default().push(i);
            }
        }
    }
    let providers_in_order: Vec<ProviderRef> = site
        .municipalities
        .iter()
        .enumerate()
        // A joint base's provider once, where its page is (the lead's copy).
        .flat_map(|(mi, m)| (0..m.providers.len()).filter(|&pi| !m.providers[pi].joint_copy).map(move |pi| (mi, pi)))
        .collect();
    let prefectures: BTreeSet<PrefRef> =
        site.municipalities.iter().map(|m| PrefRef { code: m.pref_code.clone(), name: m.pref_name.clone() }).collect();
    // Several names for one code cannot pass check; keep the first by code.
    let mut prefectures: Vec<PrefRef> = prefectures.into_iter().collect();
    prefectures.dedup_by(|a, b| a.code == b.code);
    Plan {
        prefectures,
        map_pages: crate::derive::map_pages::plan(site, &providers_in_order),
        providers_in_order,
        kana_index: kana_index(site),
        case_facets: case_facets(site),
        practice_prefectures: practice_prefectures
            .into_iter()
            .map(|(pref, items)| PracticeGroup { pref, items })
            .collect(),
    }
}

#[derive(Debug, Serialize)]
pub struct Derived {
    /// Which pages there are.
    pub plan: Plan,
    pub municipalities: Vec<MunicipalityFacts>,
    pub providers: HashMap<String, ProviderRef>,
    pub provider_total: usize,
    /// One map per municipality (None when the boundaries lack its code).
    pub municipality_maps: Vec<Option<MapView>>,
    /// Region coloured by 整備状況, for the home page.
    pub overview_map: Option<MapView>,
    /// Facts compared across municipalities, and roll-ups.
    pub compare: crate::derive::compare::Compare,
    /// What each municipality still needs from providers (same order as municipalities).
    pub needs: Vec<crate::derive::recruit::Needs>,
    /// 祝日 of this year and the next two, for the script that marks the line
    /// answering now (`2026:0101,0112,…;2027:…`).
    pub holidays: String,
    /// Per case: the municipality leading the joint base of the case's 圏域 (the
    /// case's place names the base's area, in the same prefecture).
    pub case_joints: Vec<Option<usize>>,
    /// 更新履歴 of each municipality and provider (from git).
    #[serde(skip)]
    pub history: history::History,
}

/// The leads of joint bases whose 圏域 a case's place names.
fn case_joints(site: &Site) -> Vec<Option<usize>> {
    let leads: Vec<(usize, &str)> = site
        .municipalities
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let j = m.joint.as_ref().filter(|j| j.lead.code == m.code)?;
            Some((i, j.area.as_deref()?))
        })
        .collect();
    site.cases
        .iter()
        .map(|c| {
            leads
                .iter()
                .find(|(i, area)| site.municipalities[*i].pref_code == c.pref_code && c.place.contains(area))
                .map(|(i, _)| *i)
        })
        .collect()
}

/// Every figure of a checked site, on top of its plan.
pub fn derive(site: &Site, mut plan: Plan) -> Derived {
    let mut providers = HashMap::new();
    let mut cases_by_municipality: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in site.cases.iter().enumerate() {
        if let Some(code) = &c.municipality_code {
            cases_by_municipality.entry(code).or_default().push(i);
        }
    }
    let municipalities: Vec<MunicipalityFacts> = site
        .municipalities
        .iter()
        .enumerate()
        .map(|(mi, m)| {
            for (pi, p) in m.providers.iter().enumerate().filter(|(_, p)| !p.joint_copy) {
                providers.insert(p.id.clone(), (mi, pi));
            }
            facts(m, cases_by_municipality.get(m.code.as_str()).cloned().unwrap_or_default(), &site.strings, site.today)
        })
        .collect();
    let codes = site_codes(site);
    // Independent parts side by side (rayon::join): each is a second or more nationwide.
    let map_pages = &mut plan.map_pages;
    let ((municipality_maps, ((), overview_map)), (compare, needs)) = rayon::join(
        || {
            rayon::join(
                || site.municipalities.par_iter().map(|m| municipality_map(site, &codes, m)).collect(),
                || {
                    rayon::join(
                        || crate::derive::map_pages::draw(site, map_pages),
                        || mapview::overview_map(site, &site.geo),
                    )
                },
            )
        },
        || {
            let compare = crate::derive::compare::compare(site, &municipalities);
            let needs = crate::derive::recruit::needs(site, &compare);
            (compare, needs)
        },
    );
    Derived {
        history: history::derive(site, site.history.as_deref()),
        case_joints: case_joints(site),
        plan,
        municipality_maps,
        overview_map,
        needs,
        compare,
        holidays: crate::model::hours::holidays_attr(site.today.start().0, 3),
        provider_total: providers.len(),
        municipalities,
        providers,
    }
}

/// One municipality's derived facts; `cases` are the indexes of its cases.
pub fn facts(
    m: &crate::model::Municipality,
    cases: Vec<usize>,
    strings: &crate::model::strings::Strings,
    today: crate::model::wareki::JDate,
) -> MunicipalityFacts {
    let compact = mapview::compact(m);
    let own_pages = map_pages::paged(map_pages::mapped(m));
    let coverage: Vec<Coverage> = vocab::FUNCTIONS
        .iter()
        .map(|f| Coverage {
            map_list: compact.then(|| routes::map_municipality_filter(&m.code, "function", f.id, own_pages)),
            function: f,
            entry: m.functions.iter().position(|e| e.function.id == f.id),
            providers: m
                .providers
                .iter()
                .enumerate()
                .filter(|(_, p)| p.functions.iter().any(|t| t.id == f.id))
                .map(|(i, _)| i)
                .collect(),
        })
        .collect();
    let uncovered = coverage.iter().filter(|c| !c.covered()).map(|c| c.function).collect();
    MunicipalityFacts {
        coverage,
        uncovered,
        cases,
        provider_count: m.providers.len(),
        compact,
        located: (0..m.providers.len()).filter(|&i| m.providers[i].location.is_some()).collect(),
        unlocated: (0..m.providers.len()).filter(|&i| m.providers[i].location.is_none()).collect(),
        has_sample: m.sample || m.contacts.iter().any(|c| c.sample) || m.providers.iter().any(|p| p.any_sample()),
        contacts: contacts::contact_facts(m, strings),
        target_passed: m.target.is_some_and(|t| t.passed(&today)),
        follow_up: followup::follow_up(m, &today),
        map_page: m.providers.iter().any(|p| !p.joint_copy),
        target_checked_after: m.target.is_some_and(|t| t.passed(&m.last_verified)),
    }
}

/// The codes of the site's municipalities.
pub fn site_codes(site: &Site) -> std::collections::HashSet<&str> {
    site.municipalities.iter().map(|m| m.code.as_str()).collect()
}

/// A municipality's map, its neighbours linked when the site (`codes`) has them.
pub fn municipality_map(
    site: &Site,
    codes: &std::collections::HashSet<&str>,
    m: &crate::model::Municipality,
) -> Option<MapView> {
    mapview::municipality_map(&site.strings, m, &site.geo, &|code: &str| {
        codes.contains(code).then(|| crate::derive::routes::municipality(code))
    })
}

/// A municipality's map without markers, and its frame (see `municipality_map`).
pub fn municipality_frame(
    site: &Site,
    codes: &std::collections::HashSet<&str>,
    m: &crate::model::Municipality,
) -> Option<(MapView, crate::geo::mercator::Frame)> {
    mapview::municipality_frame(&site.strings, m, &site.geo, &|code: &str| {
        codes.contains(code).then(|| crate::derive::routes::municipality(code))
    })
}

fn case_facets(site: &Site) -> Vec<Facet> {
    let mut facets = Vec::new();
    let prefs: BTreeSet<(&str, &str)> =
        site.cases.iter().map(|c| (c.pref_code.as_str(), c.pref_name.as_str())).collect();
    for (code, name) in prefs {
        facets.push(Facet {
            facet: "pref",
            facet_label: facet_label("pref"),
            key: code.to_string(),
            label: name.to_string(),
            cases: indexes(site, |c| c.pref_code == code),
        });
    }
    facets.extend(term_facets(site, "status", vocab::CASE_STATUSES, |c, id| c.status.is_some_and(|s| s.id == id)));
    facets.extend(term_facets(site, "type", vocab::TYPES, |c, id| c.kind.is_some_and(|s| s.id == id)));
    facets.extend(term_facets(site, "function", vocab::FUNCTIONS, |c, id| c.functions.iter().any(|f| f.id == id)));
    facets
}

/// One facet per vocabulary term, with the cases that have it.
fn term_facets<'a>(
    site: &'a Site,
    facet: &'static str,
    terms: &'static [Term],
    has: impl Fn(&crate::model::Case, &str) -> bool + 'a,
) -> impl Iterator<Item = Facet> + 'a {
    terms.iter().map(move |t| Facet {
        facet,
        facet_label: facet_label(facet),
        key: t.id.into(),
        label: t.label.into(),
        cases: indexes(site, |c| has(c, t.id)),
    })
}

fn facet_label(id: &str) -> &'static str {
    vocab::CASE_FACETS.iter().find(|k| k.id == id).map_or("", |k| k.label)
}

fn indexes(site: &Site, pred: impl Fn(&crate::model::Case) -> bool) -> Vec<usize> {
    site.cases.iter().enumerate().filter(|(_, c)| pred(c)).map(|(i, _)| i).collect()
}
