//! Routes: every page and file the site publishes — its URL, its output path, and
//! for which data it exists. The render job list, the sitemap, `check`'s link check,
//! the search records and `serve`'s reload targets all come from here; no other
//! module spells a site path.
//!
//! URLs here are site paths (`/m/122327/`); templates and writers put the site's
//! base path (`root`) or `base_url` in front.

use crate::derive::Plan;
use crate::model::Site;
use std::collections::HashSet;

/// URLs per sitemap file (the protocol's limit).
pub const SITEMAP_URLS: usize = 50_000;

/// The guide page linked as 困ったときは from every page.
pub const EMERGENCY_GUIDE: &str = "komatta";
/// The page a service worker shows for a page never opened, without a network.
pub const OFFLINE: &str = "/offline/";
/// The 備え guide, kept for use offline with 困ったときは.
pub const PREPARATION_GUIDE: &str = "sonae";

/// The home page.
pub const HOME: &str = "/";
/// Every municipality (by prefecture on a large site).
pub const MUNICIPALITIES: &str = "/m/";
/// The case catalogue.
pub const CASES: &str = "/cases/";
/// 参考の取組み.
pub const PRACTICES: &str = "/cases/practices/";
/// The guide pages.
pub const GUIDE: &str = "/guide/";
/// What each municipality needs from providers.
pub const RECRUIT: &str = "/recruit/";
/// Municipalities side by side.
pub const COMPARE: &str = "/compare/";
/// サイト内検索.
pub const SEARCH: &str = "/search/";
/// The 拠点マップ.
pub const MAP: &str = "/map/";
/// Open data.
pub const DATA: &str = "/data/";
/// ウェブアクセシビリティ方針 and the last test results.
pub const ACCESSIBILITY: &str = "/accessibility/";

/// /m/<code>/: a municipality.
pub fn municipality(code: &str) -> String {
    format!("/m/{code}/")
}

/// /p/<id>/: a provider.
pub fn provider(id: &str) -> String {
    format!("/p/{id}/")
}

/// /cases/<slug>/: a case study.
pub fn case(slug: &str) -> String {
    format!("/cases/{slug}/")
}

/// /guide/<slug>/: a guide page.
pub fn guide(slug: &str) -> String {
    format!("/guide/{slug}/")
}

/// /recruit/<slug>/: a page of `content/recruit/`.
pub fn recruit_page(slug: &str) -> String {
    format!("/recruit/{slug}/")
}

/// /recruit/<code>/: a municipality's recruitment flyer.
/// A municipality's printable 緊急連絡先カード.
pub fn contact_card(code: &str) -> String {
    format!("/m/{code}/card/")
}

pub fn recruit_flyer(code: &str) -> String {
    format!("/recruit/{code}/")
}

/// /m/<pref>/: a prefecture's municipalities with their contacts.
pub fn pref_municipalities(pref: &str) -> String {
    format!("/m/{pref}/")
}

/// The comparison of every municipality as CSV.
pub const COMPARE_CSV: &str = "/data/compare.csv";

/// /data/compare-<pref>.csv: a prefecture's comparison as CSV.
pub fn compare_csv_pref(pref: &str) -> String {
    format!("/data/compare-{pref}.csv")
}

/// /compare/<pref>/: a prefecture's comparison.
pub fn compare_pref(pref: &str) -> String {
    format!("/compare/{pref}/")
}

/// /cases/<facet>/<key>/: a filtered view of the case catalogue.
pub fn case_facet(facet: &str, key: &str) -> String {
    format!("/cases/{facet}/{key}/")
}

/// /cases/practices/<pref>/: 参考の取組み of one prefecture.
pub fn practices_pref(pref: &str) -> String {
    format!("/cases/practices/{pref}/")
}

/// /search/<n>/: one row of the 五十音 index (n from 1).
pub fn kana_row(n: usize) -> String {
    format!("/search/{n}/")
}

/// /map/pref/<pp>/: a prefecture's part of a split 拠点マップ.
pub fn map_pref(pref: &str) -> String {
    format!("/map/pref/{pref}/")
}

/// /map/m/<code>/: one municipality's providers on the 拠点マップ.
pub fn map_municipality(code: &str) -> String {
    format!("/map/m/{code}/")
}

/// A filter of a map scope: `<scope>/<facet>/<key>/`.
pub fn map_filter(scope_url: &str, facet: &str, key: &str) -> String {
    format!("{scope_url}{facet}/{key}/")
}

/// Part `n` (from 2) of a map list in parts: `<list>/<n>/`.
pub fn map_part(list_url: &str, n: usize) -> String {
    format!("{list_url}{n}/")
}

/// Where a municipality's 拠点マップ lists its providers with one term: its own
/// filter page when its list is in parts (`own_pages`), else its page filtered in
/// place.
pub fn map_municipality_filter(code: &str, facet: &str, key: &str, own_pages: bool) -> String {
    let page = map_municipality(code);
    if own_pages { map_filter(&page, facet, key) } else { map_filter_in_place(&page, facet, key) }
}

/// A filter applied in place on a municipality's map page: `<scope>?<facet>=<key>`.
pub fn map_filter_in_place(scope_url: &str, facet: &str, key: &str) -> String {
    format!("{scope_url}?{facet}={key}")
}

/// /atom.xml: municipalities by 最終確認日 and dated cases.
pub const ATOM: &str = "/atom.xml";

/// /updates.xml: the site's 更新履歴 as an Atom feed.
pub const HISTORY_FEED: &str = "/updates.xml";

/// /m/<code>/updates.xml: one municipality's 更新履歴 as an Atom feed.
pub fn municipality_history_feed(code: &str) -> String {
    format!("/m/{code}/updates.xml")
}

/// /sitemap-<n>.xml: part n of a sitemap split at [`SITEMAP_URLS`].
pub fn sitemap_part(n: usize) -> String {
    format!("/sitemap-{n}.xml")
}

/// The file a site path is written to: `/m/1/` → `m/1/index.html`, `/atom.xml` → `atom.xml`.
pub fn file_of(url: &str) -> String {
    let rel = url.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() }
}

/// The site path a written file is served at: `m/1/index.html` → `/m/1/`.
pub fn url_of(file: &str) -> String {
    match file.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => format!("/{folder}"),
        _ => format!("/{file}"),
    }
}

/// One page or file of the site. Indexes point into the site's records or the
/// plan's groupings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Home,
    MunicipalityIndex,
    /// /m/<pref-code>/ (index into `Plan::prefectures`).
    PrefMunicipalities(usize),
    Municipality(usize),
    /// (municipality, provider)
    Provider(usize, usize),
    CaseIndex,
    CaseFacet(usize),
    Case(usize),
    /// /cases/practices/ (None) or /cases/practices/<pref>/ (index into `Plan::practice_prefectures`).
    Practices(Option<usize>),
    /// A page of the 拠点マップ (index into `MapPages::pages`).
    Map(usize),
    Search,
    /// /search/<n>/: one row of the 五十音 index (large sites).
    KanaRow(usize),
    DataIndex,
    Accessibility,
    RecruitIndex,
    RecruitFlyer(usize),
    /// A municipality's one-page 緊急連絡先カード.
    ContactCard(usize),
    /// /compare/ (None) or /compare/<pref-code>/ (index into `Plan::prefectures`).
    Compare(Option<usize>),
    GuideIndex,
    Guide(usize),
    /// A page of `content/recruit/`.
    RecruitPage(usize),
    NotFound,
    Atom,
    /// /updates.xml: 更新履歴 of the whole site (a git repository).
    HistoryFeed,
    /// /m/<code>/updates.xml: one municipality's 更新履歴.
    MunicipalityHistoryFeed(usize),
    /// sitemap.xml (None), or part n of a split sitemap.
    Sitemap(Option<usize>),
    Robots,
    /// The service worker that keeps pages for use offline (`offline: true`).
    ServiceWorker,
    /// What a page never opened shows without a network.
    Offline,
    ProvidersGeoJson,
    MunicipalitiesGeoJson,
    MunicipalitiesCsv,
    /// Every contact of every municipality.
    ContactsCsv,
    /// Providers in the column order of デジタル庁's 推奨データセット.
    ProvidersStandardCsv,
    /// compare.csv: every municipality (None) or one prefecture's (index into `Plan::prefectures`).
    CompareCsv(Option<usize>),
    CasesJson,
    NationalJson,
}

impl Route {
    /// Its site path.
    pub fn url(self, site: &Site, plan: &Plan) -> String {
        match self {
            Route::Home => HOME.into(),
            Route::MunicipalityIndex => MUNICIPALITIES.into(),
            Route::PrefMunicipalities(i) => pref_municipalities(&plan.prefectures[i].code),
            Route::Municipality(mi) => municipality(&site.municipalities[mi].code),
            Route::Provider(mi, pi) => provider(&site.municipalities[mi].providers[pi].id),
            Route::CaseIndex => CASES.into(),
            Route::CaseFacet(i) => {
                let f = &plan.case_facets[i];
                case_facet(f.facet, &f.key)
            }
            Route::Case(i) => case(&site.cases[i].slug),
            Route::Practices(None) => PRACTICES.into(),
            Route::Practices(Some(i)) => practices_pref(&plan.practice_prefectures[i].pref.code),
            Route::Map(i) => plan.map_pages.url(&plan.map_pages.pages[i]),
            Route::Search => SEARCH.into(),
            Route::KanaRow(i) => kana_row(i + 1),
            Route::DataIndex => DATA.into(),
            Route::Accessibility => ACCESSIBILITY.into(),
            Route::RecruitIndex => RECRUIT.into(),
            Route::RecruitFlyer(mi) => recruit_flyer(&site.municipalities[mi].code),
            Route::ContactCard(mi) => contact_card(&site.municipalities[mi].code),
            Route::Compare(None) => COMPARE.into(),
            Route::Compare(Some(i)) => compare_pref(&plan.prefectures[i].code),
            Route::GuideIndex => GUIDE.into(),
            Route::Guide(i) => guide(&site.guides[i].slug),
            Route::RecruitPage(i) => recruit_page(&site.recruit[i].slug),
            Route::NotFound => "/404.html".into(),
            Route::Atom => ATOM.into(),
            Route::HistoryFeed => HISTORY_FEED.into(),
            Route::MunicipalityHistoryFeed(mi) => municipality_history_feed(&site.municipalities[mi].code),
            Route::Sitemap(None) => "/sitemap.xml".into(),
            Route::Sitemap(Some(n)) => sitemap_part(n),
            Route::Robots => "/robots.txt".into(),
            Route::ServiceWorker => "/sw.js".into(),
            Route::Offline => OFFLINE.into(),
            Route::ProvidersGeoJson => "/data/providers.geojson".into(),
            Route::MunicipalitiesGeoJson => "/data/municipalities.geojson".into(),
            Route::MunicipalitiesCsv => "/data/municipalities.csv".into(),
            Route::ContactsCsv => "/data/contacts.csv".into(),
            Route::ProvidersStandardCsv => "/data/providers-standard.csv".into(),
            Route::CompareCsv(None) => COMPARE_CSV.into(),
            Route::CompareCsv(Some(i)) => compare_csv_pref(&plan.prefectures[i].code),
            Route::CasesJson => "/data/cases.json".into(),
            Route::NationalJson => "/data/national.json".into(),
        }
    }

    /// The file it is written to, relative to the output folder.
    pub fn file(self, site: &Site, plan: &Plan) -> String {
        file_of(&self.url(site, plan))
    }

    /// Whether sitemap.xml lists it (HTML pages other than 404).
    pub fn in_sitemap(self) -> bool {
        !matches!(
            self,
            Route::NotFound
                | Route::Atom
                | Route::HistoryFeed
                | Route::MunicipalityHistoryFeed(_)
                | Route::Sitemap(_)
                | Route::Robots
                | Route::ServiceWorker
                | Route::Offline
                | Route::ProvidersGeoJson
                | Route::MunicipalitiesGeoJson
                | Route::MunicipalitiesCsv
                | Route::ContactsCsv
                | Route::ProvidersStandardCsv
                | Route::CompareCsv(_)
                | Route::CasesJson
                | Route::NationalJson
        )
    }

    /// The date the sitemap gives for it: a municipality's 最終確認日 for its own pages.
    pub fn lastmod(self, site: &Site) -> Option<String> {
        match self {
            Route::Municipality(mi) | Route::RecruitFlyer(mi) | Route::ContactCard(mi) | Route::Provider(mi, _) => {
                site.municipalities[mi].last_verified.iso()
            }
            _ => None,
        }
    }
}

/// Every page and file of the site. The files outside the sitemap come first — the
/// open data and feeds are the largest single jobs, and a build renders in this
/// order, so they run beside the pages instead of after them — then the sitemap's
/// pages in the sitemap's order.
pub fn all(site: &Site, plan: &Plan) -> Vec<Route> {
    let mut r = vec![
        Route::ProvidersGeoJson,
        Route::MunicipalitiesGeoJson,
        Route::MunicipalitiesCsv,
        Route::ContactsCsv,
        Route::ProvidersStandardCsv,
        Route::CompareCsv(None),
        Route::CasesJson,
    ];
    r.extend((0..plan.prefectures.len()).map(|i| Route::CompareCsv(Some(i))));
    if site.national.is_some() {
        r.push(Route::NationalJson);
    }
    r.extend([Route::NotFound, Route::Atom, Route::Robots]);
    if site.history.is_some() {
        r.push(Route::HistoryFeed);
        r.extend((0..site.municipalities.len()).map(Route::MunicipalityHistoryFeed));
    }
    if site.config.offline {
        r.extend([Route::ServiceWorker, Route::Offline]);
    }
    let pages_from = r.len();
    r.extend([
        Route::Home,
        Route::MunicipalityIndex,
        Route::Compare(None),
        Route::RecruitIndex,
        Route::CaseIndex,
        Route::GuideIndex,
        Route::Search,
        Route::DataIndex,
        Route::Accessibility,
    ]);
    r.extend((0..plan.prefectures.len()).map(Route::PrefMunicipalities));
    if plan.large() {
        r.extend((0..plan.kana_index.len()).map(Route::KanaRow));
    }
    for (mi, m) in site.municipalities.iter().enumerate() {
        r.push(Route::Municipality(mi));
        r.push(Route::RecruitFlyer(mi));
        r.push(Route::ContactCard(mi));
        r.extend((0..m.providers.len()).filter(|&pi| !m.providers[pi].joint_copy).map(|pi| Route::Provider(mi, pi)));
    }
    r.extend((0..plan.prefectures.len()).map(|i| Route::Compare(Some(i))));
    r.extend((0..plan.map_pages.pages.len()).map(Route::Map));
    r.extend((0..plan.case_facets.len()).map(Route::CaseFacet));
    r.extend((0..site.cases.len()).map(Route::Case));
    if site.practices.is_some() {
        r.push(Route::Practices(None));
        r.extend((0..plan.practice_prefectures.len()).map(|i| Route::Practices(Some(i))));
    }
    r.extend((0..site.guides.len()).map(Route::Guide));
    r.extend((0..site.recruit.len()).map(Route::RecruitPage));
    let sitemap_parts = (r.len() - pages_from).div_ceil(SITEMAP_URLS);
    r.push(Route::Sitemap(None));
    if sitemap_parts > 1 {
        r.extend((1..=sitemap_parts).map(|n| Route::Sitemap(Some(n))));
    }
    r
}

/// The site path of every route: what a Markdown link may point to.
pub fn known_paths(site: &Site, plan: &Plan) -> HashSet<String> {
    all(site, plan).into_iter().map(|r| r.url(site, plan)).collect()
}
