//! Templates: the theme's, then the site's own `templates/` over them, parsed once;
//! their errors located in the file they came from; the values every page sees.

use crate::derive::Derived;
use crate::derive::routes;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::model::strings::Strings;
use crate::model::vocab;
use crate::output::write::OutputFile;
use crate::theme::THEME_DIR;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tera::{Context, Kwargs, State, Tera, Value};

/// The parsed templates and the file each came from (for error locations).
pub struct Templates {
    pub tera: Tera,
    /// Template name → the file shown in diagnostics (`templates/x.html` for a
    /// site's own, `themes/default/templates/x.html` for the theme's).
    shown: HashMap<String, PathBuf>,
}

impl Templates {
    /// A Tera error as a diagnostic at the template file, line and column it names.
    pub fn error(&self, e: &tera::Error, doing: &str) -> Diagnostic {
        error_at(&tera_error(e), doing, &|name| self.shown.get(name).cloned())
    }
}

fn error_at(message: &str, doing: &str, shown: &dyn Fn(&str) -> Option<PathBuf>) -> Diagnostic {
    let (path, line, col) = error_location(message)
        .and_then(|(name, line, col)| shown(&name).map(|p| (p, line, col)))
        .unwrap_or_else(|| (PathBuf::from(THEME_DIR), 0, 0));
    let first = message.lines().find(|l| !l.trim().is_empty()).unwrap_or("template error").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    Diagnostic::error(path, line, col, format!("template error{doing}: {first}"))
        .with_hint("fix the template (Tera 2 syntax; every value it uses must exist)")
}

/// Load the theme's templates, then the site's own `templates/` over them.
pub fn load_templates(root: &Path, base_url: &str, strings: &Strings, diags: &mut Diagnostics) -> Option<Templates> {
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
    // Every string of the strings file, for templates: {{ t(key="recruit.far.north") }}.
    // A function, not a global map: Tera 2 looks a global up again on every access,
    // and a map of every string as a global cost 0.4 s of CPU over 100,000 pages.
    let strings = strings.clone();
    tera.register_function("t", move |kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        let key: String = kwargs.must_get("key")?;
        match strings.text(&key) {
            Some(text) => Ok(Value::from(text)),
            None => Err(tera::Error::message(format!("no string \"{key}\" in strings/ja.yaml"))),
        }
    });
    let shown: HashMap<String, PathBuf> = files.iter().map(|(n, _, p)| (n.clone(), p.clone())).collect();
    if let Err(e) = tera.add_raw_templates(files.iter().map(|(n, t, _)| (n.as_str(), t.as_str()))) {
        diags.push(error_at(&tera_error(&e), "", &|name| shown.get(name).cloned()));
        return None;
    }
    Some(Templates { tera, shown })
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

/// The path part of base_url without a trailing slash: "" or "/kyoten".
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map(|(_, r)| r).unwrap_or(base_url);
    let path = after_scheme.find('/').map(|i| &after_scheme[i..]).unwrap_or("");
    path.trim_end_matches('/').to_string()
}

#[derive(Serialize)]
struct GuideLink<'a> {
    slug: &'a str,
    title: &'a str,
}

/// What every template sees: the site's settings, vocabulary and navigation.
pub fn set_globals(templates: &mut Templates, site: &Site, derived: &Derived) {
    let base_path = base_path(&site.config.base_url);
    let g = templates.tera.global_context();
    g.insert("site", &site.config);
    g.insert("root", &base_path);
    g.insert("site_url", site.config.base_url_trimmed());
    g.insert("tile_origin", &site.config.map.tile_origin());
    g.insert("vocab", &vocab::view());
    g.insert("has_practices", &site.practices.is_some());
    g.insert("guides", &site.guides.iter().map(|p| GuideLink { slug: &p.slug, title: &p.title }).collect::<Vec<_>>());
    g.insert("facet_kinds", vocab::CASE_FACETS);
    // 困ったときは: the guide page `komatta` when the site has one, else the municipality list.
    let komatta = site.guides.iter().find(|g| g.slug == routes::EMERGENCY_GUIDE).map(|g| routes::guide(&g.slug));
    g.insert("komatta_url", &komatta.unwrap_or_else(|| routes::MUNICIPALITIES.to_string()));
    g.insert("large", &derived.plan.large());
}

/// CPU time spent in template rendering (µs), for KYOTEN_TIMINGS.
pub static TEMPLATE_US: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Renders `template` into the file at `path`.
pub fn page(templates: &Templates, template: &str, path: String, ctx: &Context) -> Result<OutputFile, Box<Diagnostic>> {
    use std::sync::atomic::Ordering::Relaxed;
    let t0 = std::time::Instant::now();
    // Rendered into bytes (Tera's `render` checks its output is UTF-8 again, and
    // sizes its buffer by the template's text, which a page outgrows three or
    // four times): most pages fit in the first 16 KB.
    let mut bytes = Vec::with_capacity(16 * 1024);
    templates
        .tera
        .render_to(template, ctx, &mut bytes)
        .map_err(|e| Box::new(templates.error(&e, &format!(" while rendering {path}"))))?;
    TEMPLATE_US.fetch_add(t0.elapsed().as_micros() as u64, Relaxed);
    Ok(OutputFile { path, bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_location_reads_teras_locus() {
        let msg = "error: Variable `x` not found\n  --> provider.html:12:5\n   |\n12 | {{ x }}";
        assert_eq!(error_location(msg), Some(("provider.html".into(), 12, 5)));
        assert_eq!(error_location("no locus here"), None);
    }

    #[test]
    fn base_path_is_the_url_path_without_its_slash() {
        assert_eq!(base_path("https://example.jp/"), "");
        assert_eq!(base_path("https://example.jp/kyoten/"), "/kyoten");
    }
}
