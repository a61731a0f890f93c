//! One page per route: the template it uses and what it is handed. Titles and
//! breadcrumbs come from the strings file (`crate::model::strings`), URLs from the routes.

use super::data;
use super::feeds;
use super::lists::{Crumb, Lists, PrefGroup};
use super::templates::{Templates, base_path, page};
use crate::derive::Derived;
use crate::derive::routes::{self, Route};
use crate::diagnostics::Diagnostic;
use crate::model::strings::S;
use crate::model::{MunicipalityRef, Site};
use crate::output::write::OutputFile;
use serde::Serialize;
use tera::Context;

fn ctx_with(url: &str, title: &str, crumbs: &[Crumb]) -> Context {
    let mut ctx = Context::new();
    ctx.insert("page_url", url);
    ctx.insert("title", title);
    ctx.insert("crumbs", crumbs);
    ctx
}

/// A breadcrumb to a site path.
fn crumb<'a>(root: &str, url: &str, label: &'a str) -> Crumb<'a> {
    Crumb { url: format!("{root}{url}"), label }
}

/// /m/<code>/ (also rendered alone by `serve`'s quick preview).
pub fn municipality_page(
    templates: &Templates,
    site: &Site,
    m: &crate::model::Municipality,
    facts: &crate::derive::MunicipalityFacts,
    map: &Option<crate::derive::mapview::MapView>,
    holidays: &str,
    history: &crate::derive::history::History,
) -> Result<OutputFile, Box<Diagnostic>> {
    let root = base_path(&site.config.base_url);
    let s = &site.strings;
    let url = routes::municipality(&m.code);
    let crumbs = [
        crumb(&root, routes::HOME, s.get(S::CrumbHome)),
        crumb(&root, routes::MUNICIPALITIES, s.get(S::CrumbMunicipalities)),
    ];
    let mut ctx = ctx_with(&url, &m.name, &crumbs);
    ctx.insert("m", m);
    ctx.insert("facts", facts);
    ctx.insert("map", map);
    ctx.insert("holidays", holidays);
    ctx.insert("cases", &facts.cases.iter().filter_map(|i| site.cases.get(*i)).collect::<Vec<_>>());
    insert_history(
        &mut ctx,
        history,
        history.of_municipality(&m.code),
        Some(routes::municipality_history_feed(&m.code)),
    );
    page(templates, "municipality.html", routes::file_of(&url), &ctx)
}

/// 更新履歴 for a page: its entries, and the feed that carries them (a site in git).
fn insert_history(
    ctx: &mut Context,
    h: &crate::derive::history::History,
    entries: &[crate::derive::history::Entry],
    feed: Option<String>,
) {
    // None (not a git repository): the page has no 更新履歴 section.
    ctx.insert("history", &h.tracked.then_some(entries));
    ctx.insert("history_feed", &feed);
}

/// /p/<id>/ (also rendered alone by `serve`'s quick preview).
pub fn provider_page(
    templates: &Templates,
    site: &Site,
    m: &crate::model::Municipality,
    p: &crate::model::Provider,
    history: &crate::derive::history::History,
) -> Result<OutputFile, Box<Diagnostic>> {
    let root = base_path(&site.config.base_url);
    let url = routes::provider(&p.id);
    let crumbs = [
        crumb(&root, routes::HOME, site.strings.get(S::CrumbHome)),
        crumb(&root, &routes::municipality(&m.code), &m.name),
    ];
    let mut ctx = ctx_with(&url, &p.name, &crumbs);
    ctx.insert("p", p);
    ctx.insert("m", &MunicipalityRef::of(m));
    let feed = Some(routes::municipality_history_feed(&m.code));
    insert_history(&mut ctx, history, history.providers.get(&p.id).map(Vec::as_slice).unwrap_or_default(), feed);
    page(templates, "provider.html", routes::file_of(&url), &ctx)
}

/// The file of one route.
pub fn render(
    templates: &Templates,
    site: &Site,
    d: &Derived,
    lists: &Lists,
    route: Route,
) -> Result<OutputFile, Box<Diagnostic>> {
    let plan = &d.plan;
    let url = route.url(site, plan);
    let path = routes::file_of(&url);
    if let Some(bytes) = data::file(route, site, d) {
        return Ok(OutputFile { path, bytes });
    }
    let root = &base_path(&site.config.base_url);
    let s = &site.strings;
    let home = crumb(root, routes::HOME, s.get(S::CrumbHome));
    let cases_crumb = || crumb(root, routes::CASES, s.get(S::CrumbCases));
    match route {
        Route::Home => {
            let mut ctx = ctx_with(&url, &site.config.title, &[]);
            ctx.insert_value("municipalities", lists.items_value.clone());
            ctx.insert_value("prefs", lists.prefs_value.clone());
            ctx.insert("case_count", &site.cases.len());
            ctx.insert("provider_total", &d.provider_total);
            ctx.insert("emergency_guide", &site.guides.iter().find(|g| g.slug == routes::EMERGENCY_GUIDE));
            ctx.insert("map", &d.overview_map);
            page(templates, "index.html", path, &ctx)
        }
        Route::MunicipalityIndex => {
            let mut ctx = ctx_with(&url, s.get(S::TitleMunicipalityIndex), &[home]);
            ctx.insert_value("municipalities", lists.items_value.clone());
            ctx.insert_value("prefs", lists.prefs_value.clone());
            ctx.insert("current", &Option::<&PrefGroup>::None);
            page(templates, "municipalities.html", path, &ctx)
        }
        Route::PrefMunicipalities(i) => {
            let p = &lists.prefs[i];
            let title = s.fill(S::TitlePrefMunicipalities, &[("pref", p.name)]);
            let mut ctx =
                ctx_with(&url, &title, &[home, crumb(root, routes::MUNICIPALITIES, s.get(S::CrumbMunicipalities))]);
            ctx.insert_value("municipalities", lists.items_value.clone());
            ctx.insert_value("prefs", lists.prefs_value.clone());
            ctx.insert("current", &Some(p));
            ctx.insert("pref_record", &site.prefectures.iter().find(|r| r.code == p.code));
            page(templates, "municipalities.html", path, &ctx)
        }
        Route::Municipality(mi) => {
            let m = &site.municipalities[mi];
            municipality_page(
                templates,
                site,
                m,
                &d.municipalities[mi],
                &d.municipality_maps[mi],
                &d.holidays,
                &d.history,
            )
        }
        Route::Provider(mi, pi) => {
            let m = &site.municipalities[mi];
            provider_page(templates, site, m, &m.providers[pi], &d.history)
        }
        Route::CaseIndex => {
            let mut ctx = ctx_with(&url, s.get(S::TitleCases), &[home]);
            ctx.insert("cases", &site.cases);
            ctx.insert("facets", &plan.case_facets);
            ctx.insert("current", &Option::<&crate::derive::Facet>::None);
            page(templates, "cases.html", path, &ctx)
        }
        Route::CaseFacet(fi) => {
            let f = &plan.case_facets[fi];
            let title = s.fill(S::TitleCaseFacet, &[("label", &f.label)]);
            let mut ctx = ctx_with(&url, &title, &[home, cases_crumb()]);
            ctx.insert("cases", &f.cases.iter().map(|i| &site.cases[*i]).collect::<Vec<_>>());
            ctx.insert("facets", &plan.case_facets);
            ctx.insert("current", &Some(f));
            page(templates, "cases.html", path, &ctx)
        }
        Route::Case(ci) => {
            let c = &site.cases[ci];
            let mut ctx = ctx_with(&url, &c.title, &[home, cases_crumb()]);
            ctx.insert("c", c);
            ctx.insert(
                "m",
                &c.municipality_code
                    .as_ref()
                    .and_then(|code| site.municipalities.iter().find(|m| &m.code == code))
                    .map(MunicipalityRef::of),
            );
            ctx.insert("joint_lead", &d.case_joints[ci].map(|i| MunicipalityRef::of(&site.municipalities[i])));
            page(templates, "case.html", path, &ctx)
        }
        Route::Practices(which) => {
            let Some(p) = &site.practices else {
                return Err(Box::new(Diagnostic::error(
                    "data/practices.yaml",
                    0,
                    0,
                    "a practices page without practices",
                )));
            };
            let (title, items, current): (String, Vec<usize>, Option<&crate::model::PrefRef>) = match which {
                None => (p.title.clone(), (0..p.items.len()).collect(), None),
                Some(i) => {
                    let group = &plan.practice_prefectures[i];
                    let title = s.fill(S::TitlePracticesPref, &[("title", &p.title), ("pref", &group.pref.name)]);
                    (title, group.items.clone(), Some(&group.pref))
                }
            };
            let mut ctx = ctx_with(&url, &title, &[home, cases_crumb()]);
            ctx.insert("practices", p);
            ctx.insert("items", &items.iter().map(|i| &p.items[*i]).collect::<Vec<_>>());
            ctx.insert("prefectures", &plan.practice_prefectures);
            ctx.insert("current", &current);
            page(templates, "practices.html", path, &ctx)
        }
        Route::GuideIndex => {
            let mut ctx = ctx_with(&url, s.get(S::TitleGuideIndex), &[home]);
            ctx.insert("pages", &site.guides);
            page(templates, "guide_index.html", path, &ctx)
        }
        Route::Guide(i) => {
            let g = &site.guides[i];
            let mut ctx = ctx_with(&url, &g.title, &[home, crumb(root, routes::GUIDE, s.get(S::CrumbGuide))]);
            ctx.insert("p", g);
            // 困ったときは ends with the way to a contact: the municipality picker.
            if g.slug == routes::EMERGENCY_GUIDE {
                ctx.insert("picker", &true);
                ctx.insert_value("municipalities", lists.items_value.clone());
                ctx.insert_value("prefs", lists.prefs_value.clone());
            }
            page(templates, "page.html", path, &ctx)
        }
        Route::RecruitPage(i) => {
            let g = &site.recruit[i];
            let mut ctx = ctx_with(&url, &g.title, &[home]);
            ctx.insert("p", g);
            page(templates, "page.html", path, &ctx)
        }
        Route::Map(i) => {
            let v = crate::derive::map_pages::view(
                site,
                &plan.providers_in_order,
                &plan.map_pages,
                &d.municipality_maps,
                i,
            );
            let mut crumbs = vec![home];
            crumbs.extend(v.crumbs.iter().map(|c| crumb(root, &c.url, &c.label)));
            let mut ctx = ctx_with(&v.url, &v.title, &crumbs);
            ctx.insert("v", &v);
            ctx.insert("map", &v.map);
            page(templates, "map_page.html", path, &ctx)
        }
        Route::RecruitIndex => {
            let mut ctx = ctx_with(&url, s.get(S::TitleRecruitIndex), &[home]);
            ctx.insert_value("municipalities", lists.items_value.clone());
            ctx.insert("needs", &d.needs);
            ctx.insert("pages", &site.recruit);
            ctx.insert("incentives", &site.incentives);
            page(templates, "recruit_index.html", path, &ctx)
        }
        Route::ContactCard(mi) => {
            let m = &site.municipalities[mi];
            let title = s.fill(S::TitleContactCard, &[("name", &m.name)]);
            let mut ctx = ctx_with(&url, &title, &[home, crumb(root, &routes::municipality(&m.code), &m.name)]);
            ctx.insert("m", m);
            ctx.insert("facts", &d.municipalities[mi]);
            let page_url = format!("{}{}", site.config.base_url_trimmed(), routes::municipality(&m.code));
            ctx.insert("qr", &super::qr::qr(&page_url));
            ctx.insert("municipality_url", &page_url);
            page(templates, "card.html", path, &ctx)
        }
        Route::RecruitFlyer(mi) => {
            let m = &site.municipalities[mi];
            let title = s.fill(S::TitleRecruitFlyer, &[("name", &m.name)]);
            let mut ctx = ctx_with(&url, &title, &[home, crumb(root, routes::RECRUIT, s.get(S::CrumbRecruit))]);
            ctx.insert("m", &MunicipalityRef::recruiting(m));
            ctx.insert("needs", &d.needs[mi]);
            ctx.insert("qr", &super::qr::qr(&format!("{}{}", site.config.base_url_trimmed(), url)));
            ctx.insert("incentives", &site.incentives);
            page(templates, "recruit.html", path, &ctx)
        }
        Route::DataIndex => {
            let mut ctx = ctx_with(&url, s.get(S::TitleData), &[home]);
            ctx.insert("municipality_columns", &columns(crate::output::opendata::MUNICIPALITY_COLUMNS));
            ctx.insert("contact_columns", &columns(crate::output::opendata::CONTACT_COLUMNS));
            ctx.insert("standard_columns", &columns(crate::output::opendata::STANDARD_COLUMNS));
            ctx.insert("compare_columns", &columns(crate::output::opendata::COMPARE_COLUMNS));
            let per_pref: Vec<serde_json::Value> = (0..plan.prefectures.len())
                .map(|i| {
                    serde_json::json!({ "name": plan.prefectures[i].name, "url": Route::CompareCsv(Some(i)).url(site, plan) })
                })
                .collect();
            ctx.insert("compare_files", &per_pref);
            ctx.insert("national", &site.national);
            ctx.insert("municipality_count", &site.municipalities.len());
            ctx.insert("provider_total", &d.provider_total);
            ctx.insert("case_count", &site.cases.len());
            page(templates, "data.html", path, &ctx)
        }
        Route::Accessibility => {
            let mut ctx = ctx_with(&url, s.get(S::TitleAccessibility), &[home]);
            ctx.insert("results", &site.accessibility);
            page(templates, "accessibility.html", path, &ctx)
        }
        Route::Atom => feeds::atom(site, path).map_err(|e| xml_error(&url, e)),
        Route::HistoryFeed => feeds::history_feed(site, &d.history, None, path).map_err(|e| xml_error(&url, e)),
        Route::MunicipalityHistoryFeed(mi) => {
            feeds::history_feed(site, &d.history, Some(mi), path).map_err(|e| xml_error(&url, e))
        }
        Route::Compare(which) => {
            let c = &d.compare;
            let (rollup, title, crumbs) = match which {
                None => (&c.all, s.get(S::TitleCompare).to_string(), vec![home]),
                Some(i) => {
                    let r = &c.prefectures[i];
                    let title = s.fill(S::TitleComparePref, &[("pref", &r.name)]);
                    (r, title, vec![home, crumb(root, routes::COMPARE, s.get(S::CrumbCompare))])
                }
            };
            let mut ctx = ctx_with(&url, &title, &crumbs);
            ctx.insert("rollup", rollup);
            // A nationwide site's /compare/ compares prefectures; each prefecture's page
            // (and the CSV) has its municipalities, so no page lists all 1,741.
            let by_prefecture = which.is_none() && plan.large() && c.prefectures.len() > 1;
            ctx.insert("by_prefecture", &by_prefecture);
            let rows: Vec<_> =
                if by_prefecture { Vec::new() } else { rollup.rows.iter().map(|i| &c.rows[*i]).collect() };
            ctx.insert("rows", &rows);
            ctx.insert("prefectures", &c.prefectures);
            ctx.insert("current", &which.map(|i| &c.prefectures[i]));
            ctx.insert("csv_url", &Route::CompareCsv(which).url(site, plan));
            ctx.insert(
                "pref_record",
                &which.and_then(|i| site.prefectures.iter().find(|r| r.code == c.prefectures[i].code)),
            );
            ctx.insert("national", &site.national);
            ctx.insert("function_chart", &crate::derive::compare::function_chart(s, "chart-functions", rollup));
            ctx.insert(
                "status_chart",
                &which.is_none().then(|| crate::derive::compare::status_chart(s, "chart-status", &c.prefectures)),
            );
            ctx.insert(
                "municipality_chart",
                &(!by_prefecture)
                    .then(|| crate::derive::compare::municipality_chart(s, "chart-municipalities", rollup, &c.rows)),
            );
            page(templates, "compare.html", path, &ctx)
        }
        Route::Search => {
            let mut ctx = ctx_with(&url, s.get(S::TitleSearch), &[home]);
            ctx.insert("kana_index", &plan.kana_index);
            ctx.insert_value("municipalities", lists.items_value.clone());
            ctx.insert("case_count", &site.cases.len());
            ctx.insert("current", &Option::<usize>::None);
            page(templates, "search.html", path, &ctx)
        }
        Route::KanaRow(i) => {
            let row = &plan.kana_index[i];
            let title = s.fill(S::TitleKanaRow, &[("row", row.row)]);
            let mut ctx = ctx_with(&url, &title, &[home, crumb(root, routes::SEARCH, s.get(S::CrumbSearch))]);
            ctx.insert("kana_index", &plan.kana_index);
            ctx.insert_value("municipalities", lists.items_value.clone());
            ctx.insert("case_count", &site.cases.len());
            ctx.insert("current", &Some(i));
            page(templates, "search.html", path, &ctx)
        }
        Route::NotFound => {
            let ctx = ctx_with(&url, s.get(S::TitleNotFound), &[]);
            page(templates, "404.html", path, &ctx)
        }
        Route::Sitemap(part) => feeds::sitemap(site, lists, part, path).map_err(|e| xml_error(&url, e)),
        Route::Robots => page(templates, "robots.txt", path, &Context::new()),
        Route::ServiceWorker => {
            // What the worker keeps from the start: the emergency guides that exist,
            // the offline page and the assets every page loads.
            let mut keep: Vec<String> = [routes::EMERGENCY_GUIDE, routes::PREPARATION_GUIDE]
                .iter()
                .filter(|slug| site.guides.iter().any(|g| g.slug == **slug))
                .map(|slug| routes::guide(slug))
                .collect();
            keep.push(routes::OFFLINE.to_string());
            let mut ctx = Context::new();
            ctx.insert("keep", &keep);
            ctx.insert("kept_prefixes", &[routes::MUNICIPALITIES, "/guide/"]);
            page(templates, "sw.js", path, &ctx)
        }
        Route::Offline => {
            let ctx = ctx_with(&url, s.get(S::TitleOffline), &[home]);
            page(templates, "offline.html", path, &ctx)
        }
        Route::ProvidersGeoJson
        | Route::MunicipalitiesGeoJson
        | Route::MunicipalitiesCsv
        | Route::ContactsCsv
        | Route::ProvidersStandardCsv
        | Route::CompareCsv(_)
        | Route::CasesJson
        | Route::NationalJson => Err(Box::new(Diagnostic::error(&path, 0, 0, "an open-data route without its data"))),
    }
}

fn xml_error(url: &str, e: std::io::Error) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(url.trim_start_matches('/'), 0, 0, format!("cannot write {url}: {e}")))
}

#[derive(Serialize)]
struct Column {
    ja: &'static str,
    id: &'static str,
    meaning: &'static str,
}

fn columns(c: &[(&'static str, &'static str, &'static str)]) -> Vec<Column> {
    c.iter().map(|(ja, id, meaning)| Column { ja, id, meaning }).collect()
}
