//! The Atom feed and the sitemap, both listing routes.

use super::lists::Lists;
use super::templates::{Templates, page};
use crate::derive::Plan;
use crate::derive::routes::{self, Route, SITEMAP_URLS};
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::model::strings::S;
use crate::output::write::OutputFile;
use serde::Serialize;
use tera::Context;

#[derive(Serialize)]
pub struct SitemapUrl {
    loc: String,
    lastmod: Option<String>,
}

/// Every route the sitemap lists, with its date.
pub fn sitemap_urls(site: &Site, plan: &Plan, routes: &[Route]) -> Vec<SitemapUrl> {
    routes
        .iter()
        .filter(|r| r.in_sitemap())
        .map(|r| SitemapUrl { loc: r.url(site, plan), lastmod: r.lastmod(site) })
        .collect()
}

/// sitemap.xml (None), or part n of a split sitemap: the protocol allows 50,000
/// URLs per file, so larger sites get an index.
pub fn sitemap(
    templates: &Templates,
    lists: &Lists,
    part: Option<usize>,
    path: String,
) -> Result<OutputFile, Box<Diagnostic>> {
    let urls = &lists.sitemap;
    let parts = urls.len().div_ceil(SITEMAP_URLS);
    let mut ctx = Context::new();
    match part {
        None if parts > 1 => ctx.insert("parts", &(1..=parts).collect::<Vec<_>>()),
        None => ctx.insert("urls", urls),
        Some(n) => ctx.insert("urls", &urls[(n - 1) * SITEMAP_URLS..(n * SITEMAP_URLS).min(urls.len())]),
    }
    page(templates, "sitemap.xml", path, &ctx)
}

#[derive(Serialize)]
struct AtomEntry {
    url: String,
    title: String,
    updated: String,
    summary: String,
}

/// atom.xml: municipalities by 最終確認日 and dated cases, newest first.
pub fn atom(templates: &Templates, site: &Site, path: String) -> Result<OutputFile, Box<Diagnostic>> {
    let s = &site.strings;
    let mut ctx = Context::new();
    let mut entries: Vec<AtomEntry> = site
        .municipalities
        .iter()
        .map(|m| AtomEntry {
            url: routes::municipality(&m.code),
            title: s.fill(S::FeedMunicipalityTitle, &[("name", &m.name)]),
            updated: m.last_verified.rfc3339(),
            summary: s.fill(
                S::FeedMunicipalitySummary,
                &[("pref", &m.pref_name), ("status", m.status.label), ("date", &m.last_verified.wareki())],
            ),
        })
        .collect();
    entries.extend(site.cases.iter().filter_map(|c| {
        c.source.date.map(|date| AtomEntry {
            url: routes::case(&c.slug),
            title: c.title.clone(),
            updated: date.rfc3339(),
            summary: c.summary.clone(),
        })
    }));
    entries.sort_by(|a, b| (&b.updated, &a.url).cmp(&(&a.updated, &b.url)));
    ctx.insert("updated", &entries.first().map(|e| e.updated.clone()).unwrap_or_default());
    ctx.insert("entries", &entries);
    page(templates, "atom.xml", path, &ctx)
}
