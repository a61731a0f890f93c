//! Derive: numbers and groupings computed once from the checked site, for every
//! page that shows them (coverage by function, case facets, prefectures, indexes).

use crate::model::{PrefRef, Site};
use crate::vocab::{self, Term};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Where a provider lives: (municipality index, provider index).
pub type ProviderRef = (usize, usize);

#[derive(Debug, Serialize)]
pub struct Coverage {
    pub function: &'static Term,
    /// Index into the municipality's `functions`, when it describes this function.
    pub entry: Option<usize>,
    /// Indexes into the municipality's `providers` that carry this function.
    pub providers: Vec<usize>,
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
}

/// The facets of the case catalogue, in the order the filter menu shows them.
#[derive(Debug, Serialize)]
pub struct FacetKind {
    pub id: &'static str,
    pub label: &'static str,
}

pub const FACET_KINDS: &[FacetKind] = &[
    FacetKind { id: "pref", label: "都道府県" },
    FacetKind { id: "status", label: "整備状況" },
    FacetKind { id: "type", label: "整備類型" },
    FacetKind { id: "function", label: "重視する機能" },
];

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

#[derive(Debug, Serialize)]
pub struct Derived {
    pub municipalities: Vec<MunicipalityFacts>,
    pub providers: HashMap<String, ProviderRef>,
    pub case_facets: Vec<Facet>,
    pub practice_prefectures: Vec<PracticeGroup>,
    pub provider_total: usize,
}

pub fn derive(site: &Site) -> Derived {
    let mut providers = HashMap::new();
    let mut cases_by_municipality: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in site.cases.iter().enumerate() {
        if let Some(code) = &c.municipality_code {
            cases_by_municipality.entry(code).or_default().push(i);
        }
    }
    let municipalities = site
        .municipalities
        .iter()
        .enumerate()
        .map(|(mi, m)| {
            for (pi, p) in m.providers.iter().enumerate() {
                providers.insert(p.id.clone(), (mi, pi));
            }
            let coverage: Vec<Coverage> = vocab::FUNCTIONS
                .iter()
                .map(|f| Coverage {
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
            let uncovered =
                coverage.iter().filter(|c| c.entry.is_none() && c.providers.is_empty()).map(|c| c.function).collect();
            MunicipalityFacts {
                coverage,
                uncovered,
                cases: cases_by_municipality.get(m.code.as_str()).cloned().unwrap_or_default(),
                provider_count: m.providers.len(),
                has_sample: m.sample
                    || m.emergency_contact.as_ref().is_some_and(|c| c.sample)
                    || m.providers.iter().any(|p| p.sample),
            }
        })
        .collect();

    let mut practice_prefectures: BTreeMap<PrefRef, Vec<usize>> = BTreeMap::new();
    if let Some(p) = &site.practices {
        for (i, item) in p.items.iter().enumerate() {
            for pref in &item.prefectures {
                practice_prefectures.entry(pref.clone()).or_default().push(i);
            }
        }
    }

    Derived {
        provider_total: providers.len(),
        municipalities,
        providers,
        case_facets: case_facets(site),
        practice_prefectures: practice_prefectures
            .into_iter()
            .map(|(pref, items)| PracticeGroup { pref, items })
            .collect(),
    }
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
    facets.extend(term_facets(site, "status", vocab::STATUSES, |c, id| c.status.is_some_and(|s| s.id == id)));
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
    FACET_KINDS.iter().find(|k| k.id == id).map_or("", |k| k.label)
}

fn indexes(site: &Site, pred: impl Fn(&crate::model::Case) -> bool) -> Vec<usize> {
    site.cases.iter().enumerate().filter(|(_, c)| pred(c)).map(|(i, _)| i).collect()
}
