//! The 拠点マップ's pages: which exist and what each shows.
//!
//! A site with at most [`LIST_LIMIT`] providers has one scope: /map/ lists them all
//! and filters in place, and /map/<kind>/<key>/ (with /map/m/<code>/ among them) are
//! the same filters without JavaScript. A bigger site is split so that no page grows
//! with the country: /map/ and its filters count providers per prefecture (per
//! municipality when the site covers one prefecture), /map/pref/<pp>/ and its filters
//! do the same per municipality, and only /map/m/<code>/ lists providers — one
//! municipality's, filtered in place — so each provider is listed once, not once
//! per prefecture filter as well (at 10,000 providers the prefecture pages had been
//! half of the output).

use crate::derive::ProviderRef;
use crate::derive::maplayout::{self, Stands};
use crate::derive::mapview::{self, MapView, ScopeArea};
use crate::derive::routes;
use crate::geo::mercator::Frame;
use crate::model::strings::S;
use crate::model::vocab::{self, Term};
use crate::model::{MunicipalityRef, Provider, Site};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The most providers one map page lists one by one. A site with more is split by
/// area; a municipality with more lists them in parts of this size, and each of
/// its filters has its own pages (in-place filtering would see one part only).
pub const LIST_LIMIT: usize = 500;

/// Whether a municipality with `n` providers on the map has its list in parts.
pub fn paged(n: usize) -> bool {
    n > LIST_LIMIT
}

/// How many providers a municipality has on the map (a joint base's are mapped
/// at its lead only).
pub fn mapped(m: &crate::model::Municipality) -> usize {
    m.providers.iter().filter(|p| !p.joint_copy).count()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Site,
    Pref,
    Municipality,
}

/// A part of the site the map shows on its own pages.
#[derive(Debug)]
pub struct Scope {
    pub level: Level,
    /// Prefecture or municipality code ("" for the site).
    pub code: String,
    pub name: String,
    /// The prefecture's name for a municipality ("" otherwise).
    pub pref_name: String,
    /// Municipality index (for `Level::Municipality`).
    pub municipality: Option<usize>,
    /// URL of its root page: /map/, /map/pref/13/, /map/m/131016/.
    pub url: String,
    pub parent: Option<usize>,
    /// Narrower scopes (prefectures or municipalities), in site order.
    pub children: Vec<usize>,
    /// Its providers (indexes into `providers_in_order`), in map order.
    pub providers: Vec<usize>,
    /// Marker number of each of `providers` within this scope (None: no location).
    pub numbers: Vec<Option<usize>>,
    /// How many of its providers have each vocabulary term (terms with none left out).
    pub term_counts: Vec<(&'static str, &'static Term, usize)>,
    /// Areas and frame; markers are added per page. None for municipalities whose
    /// list is one page (it uses the municipality's own map) and sites without
    /// boundaries.
    pub map: Option<(MapView, Frame)>,
}

/// One filter applied to a scope.
#[derive(Debug, Clone, Serialize)]
pub struct PageFacet {
    pub facet: &'static str,
    pub facet_label: &'static str,
    pub key: String,
    pub label: String,
}

/// One page of the 拠点マップ.
#[derive(Debug)]
pub struct MapPage {
    pub scope: usize,
    pub facet: Option<PageFacet>,
    /// The providers it shows (indexes into `providers_in_order`), in map order —
    /// all of them, shared by the parts of a list in parts.
    pub providers: Arc<[usize]>,
    /// Which part of the list this page is (from 0), and how many parts there are.
    pub part: usize,
    pub parts: usize,
}

impl MapPage {
    /// The providers this page lists: its part of `providers`.
    pub fn shown(&self) -> &[usize] {
        let from = (self.part * LIST_LIMIT).min(self.providers.len());
        let to = if self.parts > 1 { (from + LIST_LIMIT).min(self.providers.len()) } else { self.providers.len() };
        &self.providers[from..to]
    }
}

#[derive(Debug)]
pub struct MapPages {
    /// Whether the site is split by prefecture/municipality.
    pub split: bool,
    pub scopes: Vec<Scope>,
    pub pages: Vec<MapPage>,
    /// The scope of each municipality with providers (split sites).
    pub municipality_scope: Vec<Option<usize>>,
}

type TermsOf = fn(&Provider) -> &[&'static Term];
const VOCABS: [(&str, &[Term], TermsOf); 4] = [
    ("function", vocab::FUNCTIONS, |p| p.functions.as_slice()),
    ("service", vocab::SERVICES, |p| p.services.as_slice()),
    ("accepts", vocab::ACCEPTS, |p| p.accepts.as_slice()),
    // A place for emergencies confirmed recently enough (as of the build).
    ("place", vocab::PLACE_STATES, |p| p.place_now),
];

fn kind_label(id: &str) -> &'static str {
    vocab::MAP_FACETS.iter().find(|k| k.id == id).map_or("", |k| k.label)
}

impl MapPages {
    pub fn url(&self, page: &MapPage) -> String {
        self.part_url(page, page.part)
    }

    /// The URL of part `part` (from 0) of the list `page` belongs to.
    pub fn part_url(&self, page: &MapPage, part: usize) -> String {
        let base = &self.scopes[page.scope].url;
        let first = match &page.facet {
            Some(f) if self.split || f.facet != "m" => routes::map_filter(base, f.facet, &f.key),
            Some(f) => routes::map_municipality(&f.key),
            None => base.clone(),
        };
        if part == 0 { first } else { routes::map_part(&first, part + 1) }
    }
}

/// Adds the pages of one list: one page, or parts of [`LIST_LIMIT`] when `in_parts`.
fn push_list(pages: &mut Vec<MapPage>, scope: usize, facet: Option<PageFacet>, providers: Vec<usize>, in_parts: bool) {
    let parts = if in_parts { providers.len().div_ceil(LIST_LIMIT).max(1) } else { 1 };
    let providers: Arc<[usize]> = providers.into();
    for part in 0..parts {
        pages.push(MapPage { scope, facet: facet.clone(), providers: Arc::clone(&providers), part, parts });
    }
}

/// Which map pages there are, without their maps (`draw` adds those).
pub fn plan(site: &Site, order: &[ProviderRef]) -> MapPages {
    let split = order.len() > LIST_LIMIT;
    let mut scopes = vec![Scope {
        level: Level::Site,
        code: String::new(),
        name: site.config.title.clone(),
        pref_name: String::new(),
        municipality: None,
        url: routes::MAP.into(),
        parent: None,
        children: Vec::new(),
        providers: (0..order.len()).collect(),
        numbers: Vec::new(),
        term_counts: Vec::new(),
        map: None,
    }];
    let mut municipality_scope = vec![None; site.municipalities.len()];
    if split {
        let mut by_muni: Vec<Vec<usize>> = vec![Vec::new(); site.municipalities.len()];
        for (k, &(mi, _)) in order.iter().enumerate() {
            by_muni[mi].push(k);
        }
        let mut prefs: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (mi, m) in site.municipalities.iter().enumerate() {
            prefs.entry(m.pref_code.as_str()).or_default().push(mi);
        }
        let multi = prefs.len() > 1;
        for (pref, munis) in prefs {
            let parent = if multi {
                let m0 = &site.municipalities[munis[0]];
                scopes.push(Scope {
                    level: Level::Pref,
                    code: pref.to_string(),
                    name: m0.pref_name.clone(),
                    pref_name: String::new(),
                    municipality: None,
                    url: routes::map_pref(pref),
                    parent: Some(0),
                    children: Vec::new(),
                    providers: munis.iter().flat_map(|&mi| by_muni[mi].iter().copied()).collect(),
                    numbers: Vec::new(),
                    term_counts: Vec::new(),
                    map: None,
                });
                let i = scopes.len() - 1;
                scopes[0].children.push(i);
                i
            } else {
                0
            };
            for mi in munis {
                let m = &site.municipalities[mi];
                scopes.push(Scope {
                    level: Level::Municipality,
                    code: m.code.clone(),
                    name: m.name.clone(),
                    pref_name: m.pref_name.clone(),
                    municipality: Some(mi),
                    url: routes::map_municipality(&m.code),
                    parent: Some(parent),
                    children: Vec::new(),
                    providers: std::mem::take(&mut by_muni[mi]),
                    numbers: Vec::new(),
                    term_counts: Vec::new(),
                    map: None,
                });
                let i = scopes.len() - 1;
                scopes[parent].children.push(i);
                if !scopes[i].providers.is_empty() {
                    municipality_scope[mi] = Some(i);
                }
            }
        }
    }
    for s in &mut scopes {
        let mut next = 0;
        s.numbers = s
            .providers
            .iter()
            .map(|&k| {
                let (mi, pi) = order[k];
                site.municipalities[mi].providers[pi].location.as_ref().map(|_| {
                    next += 1;
                    next
                })
            })
            .collect();
        for (facet, terms, get) in VOCABS {
            for t in terms {
                let count =
                    s.providers.iter().filter(|&&k| get(provider(site, order, k)).iter().any(|x| x.id == t.id)).count();
                if count > 0 {
                    s.term_counts.push((facet, t, count));
                }
            }
        }
    }
    let mut pages = Vec::new();
    for (si, s) in scopes.iter().enumerate() {
        if s.providers.is_empty() && s.level != Level::Site {
            continue;
        }
        // A municipality's list in parts has its own filter pages; a shorter one
        // filters in place.
        let in_parts = s.level == Level::Municipality && paged(s.providers.len());
        push_list(&mut pages, si, None, s.providers.clone(), in_parts);
        if s.level == Level::Municipality && !in_parts {
            continue;
        }
        for &(facet, t, _) in &s.term_counts {
            let get = VOCABS.iter().find(|v| v.0 == facet).expect("a vocabulary facet").2;
            let providers: Vec<usize> = s
                .providers
                .iter()
                .copied()
                .filter(|&k| get(provider(site, order, k)).iter().any(|x| x.id == t.id))
                .collect();
            let facet = PageFacet { facet, facet_label: kind_label(facet), key: t.id.into(), label: t.label.into() };
            push_list(&mut pages, si, Some(facet), providers, in_parts);
        }
        if !split {
            // One page per municipality, as a filter of the whole map.
            let mut by_muni: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for &k in &s.providers {
                by_muni.entry(order[k].0).or_default().push(k);
            }
            for (mi, providers) in by_muni {
                let m = &site.municipalities[mi];
                let facet =
                    PageFacet { facet: "m", facet_label: kind_label("m"), key: m.code.clone(), label: m.name.clone() };
                push_list(&mut pages, si, Some(facet), providers, false);
            }
        }
    }
    MapPages { split, scopes, pages, municipality_scope }
}

/// Draws the map of each scope of a plan.
pub fn draw(site: &Site, pages: &mut MapPages) {
    let codes = crate::derive::site_codes(site);
    let maps: Vec<Option<(MapView, Frame)>> =
        (0..pages.scopes.len()).map(|i| scope_map(site, &codes, &pages.scopes, i)).collect();
    for (s, map) in pages.scopes.iter_mut().zip(maps) {
        s.map = map;
    }
}

/// The areas a scope's map draws: the site's region (small sites), prefectures
/// (a split site over several prefectures) or one prefecture's municipalities.
fn scope_map(
    site: &Site,
    codes: &std::collections::HashSet<&str>,
    scopes: &[Scope],
    i: usize,
) -> Option<(MapView, Frame)> {
    let s = &scopes[i];
    let geo = &site.geo;
    let id = "map-providers";
    let t = &site.strings;
    let title = if s.level == Level::Site {
        t.get(S::MapTitle).to_string()
    } else {
        t.fill(S::MapScopeName, &[("name", &s.name)])
    };
    match s.level {
        // A list in parts draws each page's markers on the municipality's map;
        // a shorter list's page uses the municipality's own map as it is.
        Level::Municipality if paged(s.providers.len()) => {
            let (mut map, f) = crate::derive::municipality_frame(site, codes, &site.municipalities[s.municipality?])?;
            map.id = id.into();
            Some((map, f))
        }
        Level::Municipality => None,
        Level::Site if s.children.is_empty() => mapview::region_map(site, geo, id, &title),
        _ => {
            let children_are_prefs = s.children.first().is_some_and(|&c| scopes[c].level == Level::Pref);
            let areas: Vec<ScopeArea> = s
                .children
                .iter()
                .filter_map(|&c| {
                    let child = &scopes[c];
                    let shapes = if children_are_prefs { &geo.prefectures } else { &geo.municipalities };
                    let shape = shapes.get(&child.code)?;
                    let linked = !child.providers.is_empty();
                    Some(ScopeArea {
                        shape,
                        name: child.name.clone(),
                        href: linked.then(|| child.url.clone()),
                        label: t.fill(
                            S::MapAreaLabel,
                            &[("name", &child.name), ("count", &child.providers.len().to_string())],
                        ),
                    })
                })
                .collect();
            let tolerance = if children_are_prefs { 1.5 } else { 1.6 };
            let drawn: Vec<&str> = areas.iter().map(|a| a.shape.code.as_str()).collect();
            let context = geo.prefectures.values().filter(|p| !drawn.contains(&p.code.as_str()));
            mapview::scope_map(id, &title, &areas, context, tolerance)
        }
    }
}

#[derive(Serialize)]
pub struct MapItem<'a> {
    pub n: Option<usize>,
    pub p: &'a Provider,
}

/// Providers of one municipality on a listing page.
#[derive(Serialize)]
pub struct MapGroup<'a> {
    pub m: MunicipalityRef<'a>,
    pub located: Vec<MapItem<'a>>,
    pub unlocated: Vec<MapItem<'a>>,
}

#[derive(Serialize)]
pub struct FilterLink {
    pub key: String,
    pub label: String,
    pub count: usize,
    pub href: String,
    pub current: bool,
}

/// One kind of filter in the page's filter menu.
#[derive(Serialize)]
pub struct FilterGroup {
    pub id: &'static str,
    pub label: String,
    /// Offered in the in-place filter form (JavaScript); otherwise links only.
    pub in_form: bool,
    pub links: Vec<FilterLink>,
}

/// A narrower area and how many of the page's providers it has.
#[derive(Serialize)]
pub struct SummaryRow<'a> {
    pub name: &'a str,
    pub count: usize,
    pub located: usize,
    pub href: Option<String>,
}

#[derive(Serialize)]
pub struct Crumb {
    pub url: String,
    pub label: String,
}

/// What map_page.html needs for one page.
#[derive(Serialize)]
pub struct PageView<'a> {
    pub url: String,
    pub title: String,
    /// all (every provider of the scope, filtered in place with JavaScript),
    /// facet (a filtered list) or summary (counts per narrower area).
    pub mode: &'static str,
    pub level: Level,
    pub scope_name: &'a str,
    /// The scope's unfiltered page.
    pub scope_url: &'a str,
    /// Handed to the template on its own as `map` (the map partial's name), not
    /// serialised a second time inside the view.
    #[serde(skip)]
    pub map: Option<MapView>,
    pub groups: Vec<MapGroup<'a>>,
    pub rows: Vec<SummaryRow<'a>>,
    /// 都道府県 or 市区町村: what the rows are.
    pub row_kind: &'a str,
    pub filters: Vec<FilterGroup>,
    pub count: usize,
    pub current: Option<&'a PageFacet>,
    /// Breadcrumbs between the home page and this page.
    pub crumbs: Vec<Crumb>,
    /// A list in parts: the links to every part, and the entries this one has
    /// (1-based, inclusive). Empty and 0 for a list on one page.
    pub parts: Vec<PartLink>,
    pub from: usize,
    pub to: usize,
}

/// A link to one part of a list in parts.
#[derive(Serialize)]
pub struct PartLink {
    pub n: usize,
    pub href: String,
    pub current: bool,
    /// The entries it has (1-based, inclusive).
    pub from: usize,
    pub to: usize,
}

fn provider<'a>(site: &'a Site, order: &[ProviderRef], k: usize) -> &'a Provider {
    let (mi, pi) = order[k];
    &site.municipalities[mi].providers[pi]
}

pub fn view<'a>(
    site: &'a Site,
    order: &[ProviderRef],
    maps: &'a MapPages,
    municipality_maps: &[Option<MapView>],
    index: usize,
) -> PageView<'a> {
    let page = &maps.pages[index];
    let s = &maps.scopes[page.scope];
    let summary = maps.split && s.level != Level::Municipality;
    let t = &site.strings;
    let title = match (&page.facet, s.level) {
        (None, Level::Site) => t.get(S::MapTitle).to_string(),
        (Some(f), Level::Site) => t.fill(S::MapTitleFacet, &[("facet", &f.label)]),
        (None, Level::Municipality) => t.fill(S::MapTitleMunicipality, &[("name", &s.name), ("pref", &s.pref_name)]),
        (None, _) => t.fill(S::MapTitleScope, &[("name", &s.name)]),
        (Some(f), _) => t.fill(S::MapTitleScopeFacet, &[("name", &s.name), ("facet", &f.label)]),
    };
    let mut crumbs = Vec::new();
    let mut up = if page.facet.is_some() { Some(page.scope) } else { s.parent };
    while let Some(i) = up {
        let a = &maps.scopes[i];
        let label = if a.level == Level::Site { t.get(S::CrumbMap).to_string() } else { a.name.clone() };
        crumbs.push(Crumb { url: a.url.clone(), label });
        up = a.parent;
    }
    crumbs.reverse();

    let map = if summary {
        s.map.as_ref().map(|(m, f)| summary_map(site, order, maps, page, m.clone(), f))
    } else if let (Some(mi), None) = (s.municipality, &s.map) {
        municipality_maps[mi].clone().map(|m| {
            let mut m = m.listing();
            m.id = "map-providers".into();
            m
        })
    } else {
        s.map.as_ref().map(|(m, f)| {
            let mut m = m.clone();
            // A marker leads to its entry: on this page, or on the part that lists it.
            let mut selected = page.providers.iter().enumerate().peekable();
            for (&k, n) in s.providers.iter().zip(&s.numbers) {
                let Some((j, _)) = selected.next_if(|(_, x)| **x == k) else { continue };
                let (mi, pi) = order[k];
                let muni = &site.municipalities[mi];
                let p = &muni.providers[pi];
                let part = j / LIST_LIMIT;
                let list = if page.parts > 1 && part != page.part { maps.part_url(page, part) } else { String::new() };
                let href = format!("{list}#p-{}", p.id);
                if let Some(marker) = n.and_then(|n| mapview::provider_marker(f, n, p, muni, href)) {
                    m.markers.push(marker);
                }
            }
            maplayout::settle(&mut m, t, Stands::Providers, "#list-title");
            // Thousands of markers are drawn as the first view's clusters only.
            m.static_clusters = page.parts > 1;
            m
        })
    };
    let (rows, row_kind) = if summary { summary_rows(site, order, maps, page) } else { (Vec::new(), "") };
    PageView {
        url: maps.url(page),
        title,
        mode: if summary {
            "summary"
        } else if page.parts > 1 {
            "parts"
        } else if page.facet.is_some() {
            "facet"
        } else {
            "all"
        },
        level: s.level,
        scope_name: &s.name,
        scope_url: &s.url,
        map,
        groups: if summary { Vec::new() } else { groups(site, order, s, page.shown()) },
        rows,
        row_kind,
        filters: filters(site, maps, page),
        count: page.providers.len(),
        current: page.facet.as_ref(),
        crumbs,
        parts: part_links(maps, page),
        from: if page.parts > 1 { page.part * LIST_LIMIT + 1 } else { 0 },
        to: if page.parts > 1 { page.part * LIST_LIMIT + page.shown().len() } else { 0 },
    }
}

fn part_links(maps: &MapPages, page: &MapPage) -> Vec<PartLink> {
    if page.parts < 2 {
        return Vec::new();
    }
    let n = page.providers.len();
    (0..page.parts)
        .map(|part| PartLink {
            n: part + 1,
            href: maps.part_url(page, part),
            current: part == page.part,
            from: part * LIST_LIMIT + 1,
            to: ((part + 1) * LIST_LIMIT).min(n),
        })
        .collect()
}

/// The page's providers grouped by municipality, numbered as on the scope's map.
fn groups<'a>(site: &'a Site, order: &[ProviderRef], s: &Scope, selected: &[usize]) -> Vec<MapGroup<'a>> {
    let mut out: Vec<MapGroup> = Vec::new();
    let mut selected = selected.iter().peekable();
    for (&k, &n) in s.providers.iter().zip(&s.numbers) {
        if selected.next_if_eq(&&k).is_none() {
            continue;
        }
        let (mi, pi) = order[k];
        let m = &site.municipalities[mi];
        if out.last().is_none_or(|g| g.m.code != m.code) {
            out.push(MapGroup { m: MunicipalityRef::of(m), located: Vec::new(), unlocated: Vec::new() });
        }
        let group = out.last_mut().expect("pushed above");
        let item = MapItem { n, p: &m.providers[pi] };
        if n.is_some() { group.located.push(item) } else { group.unlocated.push(item) }
    }
    out
}

/// (child scope, providers of the page in it, of which located) for each child scope.
fn child_counts(site: &Site, order: &[ProviderRef], maps: &MapPages, page: &MapPage) -> Vec<(usize, usize, usize)> {
    let s = &maps.scopes[page.scope];
    let mut counts: Vec<(usize, usize, usize)> = s.children.iter().map(|&c| (c, 0, 0)).collect();
    let slot: BTreeMap<usize, usize> = s.children.iter().enumerate().map(|(i, &c)| (c, i)).collect();
    for &k in page.providers.iter() {
        let mut scope = maps.municipality_scope[order[k].0];
        while let Some(i) = scope {
            if let Some(&at) = slot.get(&i) {
                counts[at].1 += 1;
                counts[at].2 += usize::from(provider(site, order, k).location.is_some());
                break;
            }
            scope = maps.scopes[i].parent;
        }
    }
    counts
}

fn child_href(maps: &MapPages, child: usize, facet: Option<&PageFacet>) -> String {
    let c = &maps.scopes[child];
    match (facet, c.level) {
        (None, _) => c.url.clone(),
        (Some(f), Level::Municipality) => {
            routes::map_municipality_filter(&c.code, f.facet, &f.key, paged(c.providers.len()))
        }
        (Some(f), _) => routes::map_filter(&c.url, f.facet, &f.key),
    }
}

fn summary_rows<'a>(
    site: &'a Site,
    order: &[ProviderRef],
    maps: &'a MapPages,
    page: &MapPage,
) -> (Vec<SummaryRow<'a>>, &'a str) {
    let mut rows = Vec::new();
    let mut kind = site.strings.get(S::MapRowsMunicipalities);
    for (c, count, located) in child_counts(site, order, maps, page) {
        let child = &maps.scopes[c];
        if child.level == Level::Pref {
            kind = site.strings.get(S::MapRowsPrefectures);
        }
        rows.push(SummaryRow {
            name: &child.name,
            count,
            located,
            href: (count > 0).then(|| child_href(maps, c, page.facet.as_ref())),
        });
    }
    (rows, kind)
}

/// The scope's areas with a count of the page's providers on each.
fn summary_map(
    site: &Site,
    order: &[ProviderRef],
    maps: &MapPages,
    page: &MapPage,
    mut map: MapView,
    f: &Frame,
) -> MapView {
    for (c, count, _) in child_counts(site, order, maps, page) {
        if count == 0 {
            continue;
        }
        let child = &maps.scopes[c];
        let shapes = if child.level == Level::Pref { &site.geo.prefectures } else { &site.geo.municipalities };
        let Some(shape) = shapes.get(&child.code) else { continue };
        let label = site.strings.fill(S::MapSummaryLabel, &[("name", &child.name), ("count", &count.to_string())]);
        map.markers.push(mapview::count_marker(
            f,
            shape.centre(),
            count,
            &child.code,
            child_href(maps, c, page.facet.as_ref()),
            label,
        ));
    }
    maplayout::settle(&mut map, &site.strings, Stands::Providers, "#list-title");
    map
}

/// The filter menu: vocabulary filters of the page's scope (a municipality of a
/// split site links to its parent's filtered pages, and filters in place with
/// JavaScript), then places: municipalities of a small site as filters, narrower
/// or sibling areas of a split site as links.
fn filters(site: &Site, maps: &MapPages, page: &MapPage) -> Vec<FilterGroup> {
    let s = &maps.scopes[page.scope];
    // A municipality whose list is in parts has its own filter pages; a shorter
    // one filters in place, its links leading to its parent's filter pages.
    let own = s.level != Level::Municipality || paged(s.providers.len());
    let base = if own { page.scope } else { s.parent.unwrap_or(0) };
    let base_url = &maps.scopes[base].url;
    let is_current = |facet: &str, key: &str| page.facet.as_ref().is_some_and(|f| f.facet == facet && f.key == key);
    let mut out = Vec::new();
    for (facet, _, _) in VOCABS {
        let links = s
            .term_counts
            .iter()
            .filter(|(f, _, _)| *f == facet)
            .map(|&(_, t, count)| FilterLink {
                key: t.id.into(),
                label: t.label.into(),
                count,
                href: routes::map_filter(base_url, facet, t.id),
                current: is_current(facet, t.id),
            })
            .collect();
        let in_form = !(s.level == Level::Municipality && own);
        out.push(FilterGroup { id: facet, label: kind_label(facet).to_string(), in_form, links });
    }
    if !maps.split {
        let links = maps
            .pages
            .iter()
            .filter_map(|p| {
                let f = p.facet.as_ref().filter(|f| f.facet == "m")?;
                Some(FilterLink {
                    key: f.key.clone(),
                    label: f.label.clone(),
                    count: p.providers.len(),
                    href: maps.url(p),
                    current: is_current("m", &f.key),
                })
            })
            .collect();
        out.push(FilterGroup { id: "m", label: kind_label("m").to_string(), in_form: true, links });
    } else {
        let places = if s.children.is_empty() { s.parent.map(|p| &maps.scopes[p].children) } else { Some(&s.children) };
        let links: Vec<FilterLink> = places
            .into_iter()
            .flatten()
            .map(|&c| &maps.scopes[c])
            .filter(|c| !c.providers.is_empty())
            .map(|c| FilterLink {
                key: c.code.clone(),
                label: c.name.clone(),
                count: c.providers.len(),
                href: c.url.clone(),
                // The page itself (the first part of a list in parts).
                current: c.url == s.url && page.facet.is_none() && page.part == 0,
            })
            .collect();
        let pref = places.and_then(|p| p.first()).is_some_and(|&c| maps.scopes[c].level == Level::Pref);
        out.push(FilterGroup {
            id: "place",
            label: site.strings.get(if pref { S::MapRowsPrefectures } else { S::MapRowsMunicipalities }).to_string(),
            in_form: false,
            links,
        });
    }
    out.retain(|g| !g.links.is_empty());
    out
}
