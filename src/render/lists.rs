//! View models shared by many list pages, made once per build.

use crate::derive::Plan;
use crate::derive::routes::Route;
use crate::model::Site;
use serde::Serialize;
use tera::Value;

/// What lists of municipalities show (home, /m/, /m/<pref>/, /search/, /recruit/):
/// built once per build instead of serialising every provider into each list page.
#[derive(Serialize)]
pub struct MunicipalityItem<'a> {
    code: &'a str,
    name: &'a str,
    kana: &'a str,
    pref_code: &'a str,
    pref_name: &'a str,
    status: &'static crate::model::vocab::Term,
    #[serde(rename = "type")]
    kind: Option<&'static crate::model::vocab::Term>,
    established: &'a Option<crate::model::wareki::JDate>,
    /// The target 年度 of a base 整備予定.
    target: Option<&'a crate::model::wareki::JDate>,
    last_verified: &'a crate::model::wareki::JDate,
    sample: bool,
    provider_count: usize,
    /// Providers whose record is its own (a joint base's counted once, at the lead).
    #[serde(skip)]
    own_providers: usize,
    /// The joint base it belongs to.
    joint: Option<&'a crate::model::Joint>,
    /// The contact lists name first.
    contact: Option<&'a crate::model::Contact>,
    /// When it answers, in words.
    contact_hours: Option<&'a str>,
    /// How many other contacts its page lists.
    more_contacts: usize,
    /// Providers by name for the 五十音 index (small sites only).
    providers: Vec<ProviderLink<'a>>,
}

#[derive(Serialize)]
struct ProviderLink<'a> {
    id: &'a str,
    name: &'a str,
}

/// A prefecture with the municipalities the site has in it (indexes into the items).
#[derive(Serialize)]
pub struct PrefGroup<'a> {
    pub code: &'a str,
    pub name: &'a str,
    municipalities: Vec<usize>,
    established: usize,
    providers: usize,
}

/// Data shared by many pages, serialisable once.
pub struct Lists<'a> {
    pub prefs: Vec<PrefGroup<'a>>,
    /// Every sitemap URL with its date, in the sitemap's order.
    pub sitemap: Vec<super::feeds::SitemapUrl>,
    /// Every municipality as lists show it, and `prefs`, as template values made
    /// once: some sixty pages list every municipality, and each is handed the
    /// value as a shared pointer.
    pub items_value: Value,
    pub prefs_value: Value,
}

impl<'a> Lists<'a> {
    pub fn of(site: &'a Site, facts: &'a [crate::derive::MunicipalityFacts], plan: &Plan, routes: &[Route]) -> Self {
        let large = plan.large();
        let items: Vec<MunicipalityItem> = site
            .municipalities
            .iter()
            .zip(facts)
            .map(|(m, f)| MunicipalityItem {
                code: &m.code,
                name: &m.name,
                kana: &m.kana,
                pref_code: &m.pref_code,
                pref_name: &m.pref_name,
                status: m.status,
                kind: m.kind,
                established: &m.established,
                target: m.target.as_ref(),
                last_verified: &m.last_verified,
                sample: m.sample,
                provider_count: m.providers.len(),
                own_providers: m.providers.iter().filter(|p| !p.joint_copy).count(),
                joint: m.joint.as_ref(),
                contact: f.contacts.lead.map(|i| &m.contacts[i]),
                contact_hours: f.contacts.lead.and_then(|i| f.contacts.hours_text[i].as_deref()),
                more_contacts: m.contacts.len().saturating_sub(1),
                providers: if large {
                    Vec::new()
                } else {
                    m.providers.iter().map(|p| ProviderLink { id: &p.id, name: &p.name }).collect()
                },
            })
            .collect();
        let mut prefs: Vec<PrefGroup> = Vec::new();
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by(|&a, &b| items[a].pref_code.cmp(items[b].pref_code).then(items[a].code.cmp(items[b].code)));
        for i in order {
            let m = &items[i];
            if prefs.last().is_none_or(|p| p.code != m.pref_code) {
                prefs.push(PrefGroup {
                    code: m.pref_code,
                    name: m.pref_name,
                    municipalities: Vec::new(),
                    established: 0,
                    providers: 0,
                });
            }
            if let Some(p) = prefs.last_mut() {
                p.municipalities.push(i);
                p.providers += m.own_providers;
                p.established += usize::from(m.status.id == "established");
            }
        }
        let items_value = Value::from_serializable(&items);
        let prefs_value = Value::from_serializable(&prefs);
        debug_assert!(prefs.iter().map(|p| p.code).eq(plan.prefectures.iter().map(|p| p.code.as_str())));
        let sitemap = super::feeds::sitemap_urls(site, plan, routes);
        Lists { prefs, sitemap, items_value, prefs_value }
    }
}

/// One step of a page's breadcrumbs.
#[derive(Serialize)]
pub struct Crumb<'a> {
    pub url: String,
    pub label: &'a str,
}
