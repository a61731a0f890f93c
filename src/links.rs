//! Internal links written in Markdown (`[text](/guide/pdca/)`): each must name a page
//! or file the site builds. Checked against the routes the model implies.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Sources;
use crate::model::Site;
use crate::vocab;
use std::collections::HashSet;

/// Every site path the build writes that a Markdown link may point to.
pub fn known_paths(site: &Site) -> HashSet<String> {
    let mut set: HashSet<String> = [
        "/",
        "/m/",
        "/map/",
        "/compare/",
        "/recruit/",
        "/cases/",
        "/guide/",
        "/search/",
        "/data/",
        "/404.html",
        "/atom.xml",
        "/sitemap.xml",
        "/robots.txt",
        "/data/municipalities.csv",
        "/data/compare.csv",
        "/data/providers.geojson",
        "/data/municipalities.geojson",
        "/data/cases.json",
        "/data/national.json",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for m in &site.municipalities {
        set.insert(format!("/m/{}/", m.code));
        set.insert(format!("/recruit/{}/", m.code));
        set.insert(format!("/map/m/{}/", m.code));
        set.insert(format!("/compare/{}/", m.pref_code));
        for p in &m.providers {
            set.insert(format!("/p/{}/", p.id));
        }
    }
    for c in &site.cases {
        set.insert(format!("/cases/{}/", c.slug));
        set.insert(format!("/cases/pref/{}/", c.pref_code));
    }
    for (facet, terms) in [("status", vocab::STATUSES), ("type", vocab::TYPES), ("function", vocab::FUNCTIONS)] {
        for t in terms {
            set.insert(format!("/cases/{facet}/{}/", t.id));
        }
    }
    for (facet, terms) in [("function", vocab::FUNCTIONS), ("service", vocab::SERVICES), ("accepts", vocab::ACCEPTS)] {
        for t in terms {
            set.insert(format!("/map/{facet}/{}/", t.id));
        }
    }
    if let Some(p) = &site.practices {
        set.insert("/cases/practices/".into());
        for item in &p.items {
            for pref in &item.prefectures {
                set.insert(format!("/cases/practices/{}/", pref.code));
            }
        }
    }
    for g in &site.guides {
        set.insert(format!("/guide/{}/", g.slug));
    }
    for g in &site.recruit {
        set.insert(format!("/recruit/{}/", g.slug));
    }
    set
}

/// Warn on `](/path)` links in any loaded source that point nowhere.
pub fn check_links(site: &Site, sources: &Sources, diags: &mut Diagnostics) {
    // The site's paths (one per provider nationwide) are listed only when some
    // source has a link to check; most data files have none.
    let known = std::cell::OnceCell::new();
    for (path, text) in sources.iter() {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if (ext != "md" && ext != "yaml") || !text.contains("](/") {
            continue;
        }
        let known = known.get_or_init(|| known_paths(site));
        for (i, line) in text.lines().enumerate() {
            let mut rest = line;
            let mut offset = 0;
            while let Some(at) = rest.find("](/") {
                let start = at + 2;
                let tail = &rest[start..];
                let end = tail.find([')', ' ', '"']).unwrap_or(tail.len());
                let target = &tail[..end];
                let page = target.split(['#', '?']).next().unwrap_or(target);
                let page =
                    if page.ends_with('/') || page.contains('.') { page.to_string() } else { format!("{page}/") };
                if !page.starts_with("//") && !known.contains(&page) {
                    let col = line[..offset + start].chars().count() + 1;
                    let hint = known
                        .iter()
                        .map(|k| (strsim::levenshtein(k, &page), k))
                        .min()
                        .filter(|(d, _)| *d <= 4)
                        .map(|(_, k)| format!("did you mean \"{k}\"?"))
                        .unwrap_or_else(|| "link to a page the site builds, e.g. /m/<code>/ or /guide/<slug>/".into());
                    diags.push(
                        Diagnostic::warning(path, i + 1, col, format!("link to \"{target}\" goes nowhere"))
                            .with_hint(hint),
                    );
                }
                offset += start + end;
                rest = &tail[end..];
            }
        }
    }
}
