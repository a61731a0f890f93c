//! Render: Tera templates (theme, overridable by the site) turned into pages.
//! Templates are parsed once; pages render in parallel; HTML is minified.

use crate::derive::Derived;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{MunicipalityRef, Site};
use crate::vocab;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use tera::{Context, Kwargs, State, Tera, Value};

pub use crate::theme::THEME_DIR;
/// The guide page linked as 困ったときは from every page.
pub const EMERGENCY_GUIDE: &str = "komatta";

/// One file of the output, path relative to the output folder.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// HTML-escape text (for markup built outside templates, e.g. ruby).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Load the theme's templates, then the site's own `templates/` over them.
pub fn load_templates(root: &Path, base_url: &str, diags: &mut Diagnostics) -> Option<Tera> {
    // (template name, text, file relative to the root)
    let mut files: Vec<(String, String, PathBuf)> = Vec::new();
    for f in crate::theme::layered(root, "templates", diags) {
        match String::from_utf8(f.bytes) {
            Ok(text) => files.push((f.name, text, f.shown)),
            Err(_) => diags.push(Diagnostic::error(&f.shown, 0, 0, "template is not UTF-8")),
        }
    }
    if files.is_empty() {
        diags.push(
            Diagnostic::error(THEME_DIR, 0, 0, "no templates found")
                .with_hint("the theme lives in themes/default/templates"),
        );
        return None;
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    let base = base_path(base_url);
    tera.register_filter("markdown", move |s: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        let inline = kwargs.get::<bool>("inline")?.unwrap_or(false);
        let html = if inline { crate::markdown::render_inline(s, &base) } else { crate::markdown::render(s, &base) };
        Ok(Value::safe_string(&html))
    });
    if let Err(e) = tera.add_raw_templates(files.iter().map(|(n, t, _)| (n.as_str(), t.as_str()))) {
        let message = tera_error(&e);
        let (path, line, col) = error_location(&message)
            .and_then(|(name, line, col)| {
                files.iter().find(|(n, _, _)| *n == name).map(|(_, _, rel)| (rel.clone(), line, col))
            })
            .unwrap_or_else(|| (PathBuf::from(THEME_DIR), 0, 0));
        let first = message.lines().find(|l| !l.trim().is_empty()).unwrap_or("template error").trim();
        let first = first.strip_prefix("error: ").unwrap_or(first);
        diags.push(
            Diagnostic::error(path, line, col, format!("template error: {first}"))
                .with_hint("fix the template syntax (Tera 2)"),
        );
        return None;
    }
    Some(tera)
}

/// Tera reports " --> name.html:9:56"; pick out the template, line and column.
fn error_location(message: &str) -> Option<(String, usize, usize)> {
    let rest = &message[message.find("--> ")? + 4..];
    let rest = rest.lines().next()?.trim();
    let mut parts = rest.rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?.to_string(), line, col))
}

fn tera_error(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

#[derive(Serialize)]
struct GuideLink<'a> {
    slug: &'a str,
    title: &'a str,
}

/// What lists of municipalities show (home, /m/, /m/<pref>/, /search/, /recruit/):
/// built once per build instead of serialising every provider into each list page.
#[derive(Serialize)]
pub struct MunicipalityItem<'a> {
    code: &'a str,
    name: &'a str,
    kana: &'a str,
    pref_code: &'a str,
    pref_name: &'a str,
    status: &'static crate::vocab::Term,
    #[serde(rename = "type")]
    kind: Option<&'static crate::vocab::Term>,
    established: &'a Option<crate::wareki::JDate>,
    last_verified: &'a crate::wareki::JDate,
    sample: bool,
    provider_count: usize,
    contact: Option<&'a crate::model::Contact>,
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
    code: &'a str,
    name: &'a str,
    municipalities: Vec<usize>,
    established: usize,
    providers: usize,
}

/// Data shared by many pages, serialisable once.
pub struct Lists<'a> {
    prefs: Vec<PrefGroup<'a>>,
    sitemap: Vec<SitemapUrl>,
    /// Every municipality as lists show it, and `prefs`, as template values made
    /// once: some sixty pages list every municipality, and each is handed the
    /// value as a shared pointer.
    items_value: Value,
    prefs_value: Value,
}

/// URLs per sitemap file (the protocol's limit).
const SITEMAP_URLS: usize = 50_000;

impl<'a> Lists<'a> {
    fn of(site: &'a Site, large: bool) -> Self {
        let items: Vec<MunicipalityItem> = site
            .municipalities
            .iter()
            .map(|m| MunicipalityItem {
                code: &m.code,
                name: &m.name,
                kana: &m.kana,
                pref_code: &m.pref_code,
                pref_name: &m.pref_name,
                status: m.status,
                kind: m.kind,
                established: &m.established,
                last_verified: &m.last_verified,
                sample: m.sample,
                provider_count: m.providers.len(),
                contact: m.emergency_contact.as_ref(),
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
                p.providers += m.provider_count;
                p.established += usize::from(m.status.id == "established");
            }
        }
        let items_value = Value::from_serializable(&items);
        let prefs_value = Value::from_serializable(&prefs);
        Lists { prefs, sitemap: Vec::new(), items_value, prefs_value }
    }
}

#[derive(Serialize)]
struct Crumb<'a> {
    url: String,
    label: &'a str,
}

enum Job {
    Home,
    MunicipalityIndex,
    /// /m/<pref-code>/: a prefecture's municipalities with their contacts.
    PrefMunicipalities(usize),
    Municipality(usize),
    Provider(usize, usize),
    CaseIndex,
    CaseFacet(usize),
    Case(usize),
    Practices(Option<usize>),
    /// The 拠点マップ, whole (None) or filtered by one facet.
    Map(usize),
    ProvidersGeoJson,
    MunicipalitiesGeoJson,
    Search,
    /// /search/<n>/: one row of the 五十音 index (large sites).
    KanaRow(usize),
    DataIndex,
    Atom,
    RecruitIndex,
    RecruitFlyer(usize),
    /// /compare/ (None) or /compare/<pref-code>/.
    Compare(Option<usize>),
    GuideIndex,
    Guide(usize),
    Recruit(usize),
    NotFound,
    /// sitemap.xml (None), or part n of a split sitemap.
    Sitemap(Option<usize>),
    Robots,
}

/// What every template sees: the site's settings, vocabulary and navigation.
pub fn set_globals(tera: &mut Tera, site: &Site, derived: &Derived) {
    let base_path = base_path(&site.config.base_url);
    let g = tera.global_context();
    g.insert("site", &site.config);
    g.insert("root", &base_path);
    g.insert("site_url", site.config.base_url_trimmed());
    g.insert("tile_origin", &site.config.map.tile_origin());
    g.insert("vocab", &vocab::view());
    g.insert("has_practices", &site.practices.is_some());
    g.insert("guides", &site.guides.iter().map(|p| GuideLink { slug: &p.slug, title: &p.title }).collect::<Vec<_>>());
    g.insert("facet_kinds", crate::derive::FACET_KINDS);
    // 困ったときは: the guide page `komatta` when the site has one, else the municipality list.
    let komatta = site.guides.iter().find(|g| g.slug == EMERGENCY_GUIDE).map(|g| format!("/guide/{}/", g.slug));
    g.insert("komatta_url", &komatta.unwrap_or_else(|| "/m/".to_string()));
    g.insert("large", &derived.map_pages.split);
}

/// Every page and data file, sorted by path.
pub fn render_site(
    tera: &mut Tera,
    site: &Site,
    derived: &Derived,
    diags: &mut Diagnostics,
    stop: &(dyn Fn() -> bool + Sync),
) -> Vec<OutputFile> {
    let out = std::sync::Mutex::new(Vec::new());
    render_site_into(tera, site, derived, diags, &|f| out.lock().unwrap_or_else(|e| e.into_inner()).push(f), stop);
    let mut out = out.into_inner().unwrap_or_else(|e| e.into_inner());
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Render every page and data file, in parallel, handing each to `sink` as soon as
/// it is done (so a build need not hold them all). Once `stop` says so, no further
/// page is started (`serve` stops a whole rebuild that a newer edit has made stale;
/// what was rendered is then incomplete and thrown away).
pub fn render_site_into(
    tera: &mut Tera,
    site: &Site,
    derived: &Derived,
    diags: &mut Diagnostics,
    sink: &(dyn Fn(OutputFile) + Sync),
    stop: &(dyn Fn() -> bool + Sync),
) {
    let base_path = base_path(&site.config.base_url);
    set_globals(tera, site, derived);
    let tera: &Tera = tera;
    let mut lists = Lists::of(site, derived.map_pages.split);
    lists.sitemap = sitemap_urls(site, derived, &lists.prefs);

    let mut jobs = vec![
        Job::Home,
        Job::MunicipalityIndex,
        Job::CaseIndex,
        Job::GuideIndex,
        Job::NotFound,
        Job::Sitemap(None),
        Job::Robots,
        Job::ProvidersGeoJson,
        Job::MunicipalitiesGeoJson,
        Job::Search,
        Job::Compare(None),
        Job::DataIndex,
        Job::Atom,
        Job::RecruitIndex,
    ];
    jobs.extend((0..site.municipalities.len()).map(Job::RecruitFlyer));
    jobs.extend((0..lists.prefs.len()).map(Job::PrefMunicipalities));
    let sitemap_parts = lists.sitemap.len().div_ceil(SITEMAP_URLS);
    if sitemap_parts > 1 {
        jobs.extend((1..=sitemap_parts).map(|n| Job::Sitemap(Some(n))));
    }
    if derived.map_pages.split {
        jobs.extend((0..derived.kana_index.len()).map(Job::KanaRow));
    }
    jobs.extend((0..derived.compare.prefectures.len()).map(|i| Job::Compare(Some(i))));
    jobs.extend((0..derived.map_pages.pages.len()).map(Job::Map));
    for (mi, m) in site.municipalities.iter().enumerate() {
        jobs.push(Job::Municipality(mi));
        jobs.extend((0..m.providers.len()).map(|pi| Job::Provider(mi, pi)));
    }
    jobs.extend((0..derived.case_facets.len()).map(Job::CaseFacet));
    jobs.extend((0..site.cases.len()).map(Job::Case));
    if site.practices.is_some() {
        jobs.push(Job::Practices(None));
        jobs.extend((0..derived.practice_prefectures.len()).map(|i| Job::Practices(Some(i))));
    }
    jobs.extend((0..site.guides.len()).map(Job::Guide));
    jobs.extend((0..site.recruit.len()).map(Job::Recruit));

    let errors: Vec<String> = jobs
        .par_iter()
        .filter_map(|job| {
            if stop() {
                return None;
            }
            match render_job(tera, site, derived, &lists, job, &base_path) {
                Ok(f) => {
                    sink(finish(site, f));
                    None
                }
                Err(e) => Some(e),
            }
        })
        .collect();
    for e in errors {
        diags.push(Diagnostic::error(THEME_DIR, 0, 0, e));
    }
    if stop() {
        return;
    }
    for f in data_files(site, derived) {
        sink(f);
    }
}

/// The path part of base_url without a trailing slash: "" or "/kyoten".
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map(|(_, r)| r).unwrap_or(base_url);
    let path = after_scheme.find('/').map(|i| &after_scheme[i..]).unwrap_or("");
    path.trim_end_matches('/').to_string()
}

/// CPU time spent in template rendering and in minifying (µs), for KYOTEN_TIMINGS.
pub static TEMPLATE_US: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
pub static MINIFY_US: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn page(tera: &Tera, template: &str, path: String, ctx: &Context) -> Result<OutputFile, String> {
    use std::sync::atomic::Ordering::Relaxed;
    let t0 = std::time::Instant::now();
    // Rendered into bytes (Tera's `render` checks its output is UTF-8 again, and
    // sizes its buffer by the template's text, which a page outgrows three or
    // four times): most pages fit in the first 16 KB.
    let mut bytes = Vec::with_capacity(16 * 1024);
    tera.render_to(template, ctx, &mut bytes)
        .map_err(|e| format!("rendering {path} with {template}: {}", tera_error(&e)))?;
    TEMPLATE_US.fetch_add(t0.elapsed().as_micros() as u64, Relaxed);
    Ok(OutputFile { path, bytes })
}

/// A rendered file as it is published: HTML pages minified when the site asks for it
/// (`minify`, on by default).
pub fn finish(site: &Site, f: OutputFile) -> OutputFile {
    use std::sync::atomic::Ordering::Relaxed;
    if !site.config.minify || !f.path.ends_with(".html") {
        return f;
    }
    let t0 = std::time::Instant::now();
    let bytes = minify(&f.bytes);
    MINIFY_US.fetch_add(t0.elapsed().as_micros() as u64, Relaxed);
    OutputFile { path: f.path, bytes }
}

fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        minify_css: true,
        // JS minification breaks top-level const across classic scripts; scripts are small.
        minify_js: false,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_doctype: false,
        allow_noncompliant_unquoted_attribute_values: false,
        allow_removing_spaces_between_attributes: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}

fn ctx_with(url: &str, title: &str, crumbs: &[Crumb]) -> Context {
    let mut ctx = Context::new();
    ctx.insert("page_url", url);
    ctx.insert("title", title);
    ctx.insert("crumbs", crumbs);
    ctx
}

/// /m/<code>/ (also rendered alone by `serve`'s quick preview).
pub fn municipality_page(
    tera: &Tera,
    site: &Site,
    m: &crate::model::Municipality,
    facts: &crate::derive::MunicipalityFacts,
    map: &Option<crate::geo::mapview::MapView>,
) -> Result<OutputFile, String> {
    let root = base_path(&site.config.base_url);
    let url = format!("/m/{}/", m.code);
    let crumbs =
        [Crumb { url: format!("{root}/"), label: "トップ" }, Crumb { url: format!("{root}/m/"), label: "市区町村" }];
    let mut ctx = ctx_with(&url, &m.name, &crumbs);
    ctx.insert("m", m);
    ctx.insert("facts", facts);
    ctx.insert("map", map);
    ctx.insert("cases", &facts.cases.iter().filter_map(|i| site.cases.get(*i)).collect::<Vec<_>>());
    page(tera, "municipality.html", format!("m/{}/index.html", m.code), &ctx)
}

/// /p/<id>/ (also rendered alone by `serve`'s quick preview).
pub fn provider_page(
    tera: &Tera,
    site: &Site,
    m: &crate::model::Municipality,
    p: &crate::model::Provider,
) -> Result<OutputFile, String> {
    let root = base_path(&site.config.base_url);
    let url = format!("/p/{}/", p.id);
    let crumbs = [
        Crumb { url: format!("{root}/"), label: "トップ" },
        Crumb { url: format!("{root}/m/{}/", m.code), label: &m.name },
    ];
    let mut ctx = ctx_with(&url, &p.name, &crumbs);
    ctx.insert("p", p);
    ctx.insert("m", &MunicipalityRef::of(m));
    page(tera, "provider.html", format!("p/{}/index.html", p.id), &ctx)
}

fn render_job(
    tera: &Tera,
    site: &Site,
    d: &Derived,
    lists: &Lists,
    job: &Job,
    root: &str,
) -> Result<OutputFile, String> {
    let home = Crumb { url: format!("{root}/"), label: "トップ" };
    let cases_crumb = Crumb { url: format!("{root}/cases/"), label: "取組事例" };
    match job {
        Job::Home => {
            let mut ctx = ctx_with("/", &site.config.title, &[]);
            ctx.insert_value("municipalities", lists.items_value.clone());
            ctx.insert_value("prefs", lists.prefs_value.clone());
            ctx.insert("case_count", &site.cases.len());
            ctx.insert("provider_total", &d.provider_total);
            ctx.insert("emergency_guide", &site.guides.iter().find(|g| g.slug == EMERGENCY_GUIDE));
            ctx.insert("map", &d.overview_map);
            page(tera, "index.html", "index.html".into(), &ctx)
        }
        Job::MunicipalityIndex => {
            let mut ctx = ctx_with("/m/", "市区町村から探す", &[home]);
            ctx.insert_value("municipalities", lists.items_value.clone());
            ctx.insert_value("prefs", lists.prefs_value.clone());
            ctx.insert("current", &Option::<&PrefGroup>::None);
            page(tera, "municipalities.html", "m/index.html".into(), &ctx)
        }
        Job::PrefMunicipalities(i) => {
            let p = &lists.prefs[*i];
            let url = format!("/m/{}/", p.code);
            let title = format!("{}の市区町村", p.name);
            let mut ctx = ctx_with(&url, &title, &[home, Crumb { url: format!("{root}/m/"), label: "市区町村" }]);
            ctx.insert_value("municipalities", lists.items_value.clone());
            ctx.insert_value("prefs", lists.prefs_value.clone());
            ctx.insert("current", &Some(p));
            page(tera, "municipalities.html", format!("m/{}/index.html", p.code), &ctx)
        }
        Job::Municipality(mi) => {
            let m = &site.municipalities[*mi];
            municipality_page(tera, site, m, &d.municipalities[*mi], &d.municipality_maps[*mi])
        }
        Job::Provider(mi, pi) => {
            let m = &site.municipalities[*mi];
            provider_page(tera, site, m, &m.providers[*pi])
        }
        Job::CaseIndex => {
            let mut ctx = ctx_with("/cases/", "取組事例", &[home]);
            ctx.insert("cases", &site.cases);
            ctx.insert("facets", &d.case_facets);
            ctx.insert("current", &Option::<&crate::derive::Facet>::None);
            page(tera, "cases.html", "cases/index.html".into(), &ctx)
        }
        Job::CaseFacet(fi) => {
            let f = &d.case_facets[*fi];
            let url = format!("/cases/{}/{}/", f.facet, f.key);
            let title = format!("取組事例：{}", f.label);
            let mut ctx = ctx_with(&url, &title, &[home, cases_crumb]);
            ctx.insert("cases", &f.cases.iter().map(|i| &site.cases[*i]).collect::<Vec<_>>());
            ctx.insert("facets", &d.case_facets);
            ctx.insert("current", &Some(f));
            page(tera, "cases.html", format!("cases/{}/{}/index.html", f.facet, f.key), &ctx)
        }
        Job::Case(ci) => {
            let c = &site.cases[*ci];
            let url = format!("/cases/{}/", c.slug);
            let mut ctx = ctx_with(&url, &c.title, &[home, cases_crumb]);
            ctx.insert("c", c);
            ctx.insert(
                "m",
                &c.municipality_code
                    .as_ref()
                    .and_then(|code| site.municipalities.iter().find(|m| &m.code == code))
                    .map(MunicipalityRef::of),
            );
            page(tera, "case.html", format!("cases/{}/index.html", c.slug), &ctx)
        }
        Job::Practices(which) => {
            let Some(p) = &site.practices else { return Err("no practices".into()) };
            let (url, path, title, items, current): (
                String,
                String,
                String,
                Vec<usize>,
                Option<&crate::model::PrefRef>,
            ) = match which {
                None => (
                    "/cases/practices/".into(),
                    "cases/practices/index.html".into(),
                    p.title.clone(),
                    (0..p.items.len()).collect(),
                    None,
                ),
                Some(i) => {
                    let group = &d.practice_prefectures[*i];
                    let (pref, items) = (&group.pref, &group.items);
                    (
                        format!("/cases/practices/{}/", pref.code),
                        format!("cases/practices/{}/index.html", pref.code),
                        format!("{}（{}）", p.title, pref.name),
                        items.clone(),
                        Some(pref),
                    )
                }
            };
            let mut ctx = ctx_with(&url, &title, &[home, cases_crumb]);
            ctx.insert("practices", p);
            ctx.insert("items", &items.iter().map(|i| &p.items[*i]).collect::<Vec<_>>());
            ctx.insert("prefectures", &d.practice_prefectures);
            ctx.insert("current", &current);
            page(tera, "practices.html", path, &ctx)
        }
        Job::GuideIndex => {
            let mut ctx = ctx_with("/guide/", "ガイド", &[home]);
            ctx.insert("pages", &site.guides);
            page(tera, "guide_index.html", "guide/index.html".into(), &ctx)
        }
        Job::Guide(i) => {
            let g = &site.guides[*i];
            let url = format!("/guide/{}/", g.slug);
            let mut ctx = ctx_with(&url, &g.title, &[home, Crumb { url: format!("{root}/guide/"), label: "ガイド" }]);
            ctx.insert("p", g);
            page(tera, "page.html", format!("guide/{}/index.html", g.slug), &ctx)
        }
        Job::Recruit(i) => {
            let g = &site.recruit[*i];
            let url = format!("/recruit/{}/", g.slug);
            let mut ctx = ctx_with(&url, &g.title, &[home]);
            ctx.insert("p", g);
            page(tera, "page.html", format!("recruit/{}/index.html", g.slug), &ctx)
        }
        Job::Map(i) => {
            let v = crate::map_pages::view(site, &d.providers_in_order, &d.map_pages, &d.municipality_maps, *i);
            let mut crumbs = vec![home];
            crumbs.extend(v.crumbs.iter().map(|c| Crumb { url: format!("{root}{}", c.url), label: &c.label }));
            let mut ctx = ctx_with(&v.url, &v.title, &crumbs);
            ctx.insert("v", &v);
            ctx.insert("map", &v.map);
            page(tera, "map_page.html", format!("{}index.html", v.url.trim_start_matches('/')), &ctx)
        }
        Job::ProvidersGeoJson => {
            Ok(OutputFile { path: "data/providers.geojson".into(), bytes: crate::opendata::providers_geojson(site) })
        }
        Job::MunicipalitiesGeoJson => Ok(OutputFile {
            path: "data/municipalities.geojson".into(),
            bytes: crate::opendata::municipalities_geojson(site, d),
        }),
        Job::RecruitIndex => {
            let mut ctx = ctx_with("/recruit/", "登録事業所の募集", &[home]);
            ctx.insert_value("municipalities", lists.items_value.clone());
            ctx.insert("needs", &d.needs);
            ctx.insert("pages", &site.recruit);
            ctx.insert("incentives", &site.incentives);
            page(tera, "recruit_index.html", "recruit/index.html".into(), &ctx)
        }
        Job::RecruitFlyer(mi) => {
            let m = &site.municipalities[*mi];
            let url = format!("/recruit/{}/", m.code);
            let title = format!("{}：登録事業所の募集", m.name);
            let mut ctx =
                ctx_with(&url, &title, &[home, Crumb { url: format!("{root}/recruit/"), label: "登録事業所の募集" }]);
            ctx.insert("m", &MunicipalityRef::recruiting(m));
            ctx.insert("needs", &d.needs[*mi]);
            ctx.insert("incentives", &site.incentives);
            page(tera, "recruit.html", format!("recruit/{}/index.html", m.code), &ctx)
        }
        Job::DataIndex => {
            let mut ctx = ctx_with("/data/", "オープンデータ", &[home]);
            ctx.insert("municipality_columns", &columns(crate::opendata::MUNICIPALITY_COLUMNS));
            ctx.insert("compare_columns", &columns(crate::opendata::COMPARE_COLUMNS));
            ctx.insert("national", &site.national);
            ctx.insert("municipality_count", &site.municipalities.len());
            ctx.insert("provider_total", &d.provider_total);
            ctx.insert("case_count", &site.cases.len());
            page(tera, "data.html", "data/index.html".into(), &ctx)
        }
        Job::Atom => {
            let mut ctx = Context::new();
            let mut entries: Vec<AtomEntry> = site
                .municipalities
                .iter()
                .map(|m| AtomEntry {
                    url: format!("/m/{}/", m.code),
                    title: format!("{}の地域生活支援拠点等", m.name),
                    updated: m.last_verified.rfc3339(),
                    summary: format!("{}・{}。最終確認日 {}", m.pref_name, m.status.label, m.last_verified.wareki()),
                })
                .collect();
            entries.extend(site.cases.iter().filter_map(|c| {
                c.source.date.map(|date| AtomEntry {
                    url: format!("/cases/{}/", c.slug),
                    title: c.title.clone(),
                    updated: date.rfc3339(),
                    summary: c.summary.clone(),
                })
            }));
            entries.sort_by(|a, b| (&b.updated, &a.url).cmp(&(&a.updated, &b.url)));
            ctx.insert("updated", &entries.first().map(|e| e.updated.clone()).unwrap_or_default());
            ctx.insert("entries", &entries);
            page(tera, "atom.xml", "atom.xml".into(), &ctx)
        }
        Job::Compare(which) => {
            let c = &d.compare;
            let (rollup, url, path, title) = match which {
                None => {
                    (&c.all, "/compare/".to_string(), "compare/index.html".to_string(), "市区町村の比較".to_string())
                }
                Some(i) => {
                    let r = &c.prefectures[*i];
                    (
                        r,
                        format!("/compare/{}/", r.code),
                        format!("compare/{}/index.html", r.code),
                        format!("{}の市区町村の比較", r.name),
                    )
                }
            };
            let crumbs = match which {
                None => vec![home],
                Some(_) => vec![home, Crumb { url: format!("{root}/compare/"), label: "市区町村の比較" }],
            };
            let mut ctx = ctx_with(&url, &title, &crumbs);
            ctx.insert("rollup", rollup);
            ctx.insert("rows", &rollup.rows.iter().map(|i| &c.rows[*i]).collect::<Vec<_>>());
            ctx.insert("prefectures", &c.prefectures);
            ctx.insert("current", &which.map(|i| &c.prefectures[i]));
            ctx.insert("national", &site.national);
            ctx.insert("function_chart", &crate::compare::function_chart("chart-functions", rollup));
            ctx.insert(
                "status_chart",
                &which.is_none().then(|| crate::compare::status_chart("chart-status", &c.prefectures)),
            );
            ctx.insert(
                "municipality_chart",
                &crate::compare::municipality_chart("chart-municipalities", rollup, &c.rows),
            );
            page(tera, "compare.html", path, &ctx)
        }
        Job::Search => {
            let mut ctx = ctx_with("/search/", "サイト内検索", &[home]);
            ctx.insert("kana_index", &d.kana_index);
            ctx.insert_value("municipalities", lists.items_value.clone());
            ctx.insert("case_count", &site.cases.len());
            ctx.insert("current", &Option::<usize>::None);
            page(tera, "search.html", "search/index.html".into(), &ctx)
        }
        Job::KanaRow(i) => {
            let row = &d.kana_index[*i];
            let url = format!("/search/{}/", i + 1);
            let title = format!("五十音から探す：{}", row.row);
            let mut ctx =
                ctx_with(&url, &title, &[home, Crumb { url: format!("{root}/search/"), label: "サイト内検索" }]);
            ctx.insert("kana_index", &d.kana_index);
            ctx.insert_value("municipalities", lists.items_value.clone());
            ctx.insert("case_count", &site.cases.len());
            ctx.insert("current", &Some(*i));
            page(tera, "search.html", format!("search/{}/index.html", i + 1), &ctx)
        }
        Job::NotFound => {
            let ctx = ctx_with("/404.html", "ページが見つかりません", &[]);
            page(tera, "404.html", "404.html".into(), &ctx)
        }
        Job::Sitemap(part) => {
            // The protocol allows 50,000 URLs per file: larger sites get an index.
            let urls = &lists.sitemap;
            let parts = urls.len().div_ceil(SITEMAP_URLS);
            let mut ctx = Context::new();
            match part {
                None if parts > 1 => ctx.insert("parts", &(1..=parts).collect::<Vec<_>>()),
                None => ctx.insert("urls", urls),
                Some(n) => ctx.insert("urls", &urls[(n - 1) * SITEMAP_URLS..(n * SITEMAP_URLS).min(urls.len())]),
            }
            let path = part.map(|n| format!("sitemap-{n}.xml")).unwrap_or_else(|| "sitemap.xml".into());
            page(tera, "sitemap.xml", path, &ctx)
        }
        Job::Robots => page(tera, "robots.txt", "robots.txt".into(), &Context::new()),
    }
}

#[derive(Serialize)]
struct AtomEntry {
    url: String,
    title: String,
    updated: String,
    summary: String,
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

/// Open data files written from the model (not templates).
pub fn data_files(site: &Site, d: &Derived) -> Vec<OutputFile> {
    let mut out = vec![
        OutputFile { path: "data/municipalities.csv".into(), bytes: crate::opendata::municipalities_csv(site, d) },
        OutputFile { path: "data/compare.csv".into(), bytes: crate::opendata::compare_csv(d) },
        OutputFile { path: "data/cases.json".into(), bytes: crate::opendata::cases_json(site) },
    ];
    if let Some(bytes) = crate::opendata::national_json(site) {
        out.push(OutputFile { path: "data/national.json".into(), bytes });
    }
    out
}

#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    lastmod: Option<String>,
}

fn sitemap_urls(site: &Site, d: &Derived, prefs: &[PrefGroup]) -> Vec<SitemapUrl> {
    let mut urls = vec![];
    let mut add = |loc: String, lastmod: Option<String>| urls.push(SitemapUrl { loc, lastmod });
    for u in ["/", "/m/", "/compare/", "/recruit/", "/cases/", "/guide/", "/search/", "/data/"] {
        add(u.into(), None);
    }
    for p in prefs {
        add(format!("/m/{}/", p.code), None);
    }
    if d.map_pages.split {
        for i in 0..d.kana_index.len() {
            add(format!("/search/{}/", i + 1), None);
        }
    }
    for m in &site.municipalities {
        let lm = m.last_verified.iso();
        add(format!("/m/{}/", m.code), lm.clone());
        add(format!("/recruit/{}/", m.code), lm.clone());
        for p in &m.providers {
            add(format!("/p/{}/", p.id), lm.clone());
        }
    }
    for p in &d.compare.prefectures {
        add(format!("/compare/{}/", p.code), None);
    }
    for p in &d.map_pages.pages {
        add(d.map_pages.url(p), None);
    }
    for f in &d.case_facets {
        add(format!("/cases/{}/{}/", f.facet, f.key), None);
    }
    for c in &site.cases {
        add(format!("/cases/{}/", c.slug), None);
    }
    if site.practices.is_some() {
        add("/cases/practices/".into(), None);
        for g in &d.practice_prefectures {
            add(format!("/cases/practices/{}/", g.pref.code), None);
        }
    }
    for g in &site.guides {
        add(format!("/guide/{}/", g.slug), None);
    }
    for g in &site.recruit {
        add(format!("/recruit/{}/", g.slug), None);
    }
    urls
}

/// Static assets of the theme (and the site's own `static/`), copied as they are.
pub fn static_files(root: &Path, diags: &mut Diagnostics) -> Vec<OutputFile> {
    crate::theme::layered(root, "static", diags)
        .into_iter()
        .map(|f| OutputFile { path: format!("static/{}", f.name), bytes: f.bytes })
        .collect()
}
