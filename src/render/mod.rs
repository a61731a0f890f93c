//! Render: Tera templates (theme, overridable by the site) turned into pages, one
//! job per route (`crate::derive::routes`). Templates are parsed once; pages render in
//! parallel; HTML is minified.
//!
//! - `templates`: loading the theme's and the site's templates, their errors, the globals
//! - `lists`: view models shared by many list pages
//! - `pages`: one page per route
//! - `feeds`: the Atom feed and the sitemap
//! - `minify`: HTML as published
//! - `data`: open-data files, written from the model

mod data;
mod feeds;
mod lists;
mod minify;
mod pages;
pub mod qr;
mod templates;

use crate::derive::Derived;
use crate::derive::routes::{self, Route};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use rayon::prelude::*;
use std::path::Path;

pub use crate::output::write::OutputFile;
pub use crate::theme::THEME_DIR;
pub use minify::{MINIFY_US, finish};
pub use pages::{municipality_page, provider_page};
pub use templates::{TEMPLATE_US, Templates, base_path, load_templates, set_globals};

/// Every page and data file, sorted by path.
pub fn render_site(
    templates: &mut Templates,
    site: &Site,
    derived: &Derived,
    diags: &mut Diagnostics,
    stop: &(dyn Fn() -> bool + Sync),
) -> Vec<OutputFile> {
    let out = std::sync::Mutex::new(Vec::new());
    render_site_into(templates, site, derived, diags, &|f| out.lock().unwrap_or_else(|e| e.into_inner()).push(f), stop);
    let mut out = out.into_inner().unwrap_or_else(|e| e.into_inner());
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Render every route, in parallel, handing each file to `sink` as soon as it is
/// done (so a build need not hold them all). Once `stop` says so, no further page
/// is started (`serve` stops a whole rebuild that a newer edit has made stale; what
/// was rendered is then incomplete and thrown away).
pub fn render_site_into(
    templates: &mut Templates,
    site: &Site,
    derived: &Derived,
    diags: &mut Diagnostics,
    sink: &(dyn Fn(OutputFile) + Sync),
    stop: &(dyn Fn() -> bool + Sync),
) {
    set_globals(templates, site, derived);
    let templates: &Templates = templates;
    let routes = routes::all(site, &derived.plan);
    let lists = lists::Lists::of(site, &derived.municipalities, &derived.plan, &routes);
    // The heaviest pages first (map pages list up to thousands of markers; flyers
    // measure far areas), so they render beside the rest instead of as a tail on
    // one core: at 100,000 providers, with map pages after the municipalities the
    // build took 0.7 s longer for the same CPU time.
    let mut routes = routes;
    routes.sort_by_key(|r| match r {
        Route::Map(_) => 0,
        Route::RecruitFlyer(_) => 1,
        _ => 2,
    });
    let errors: Vec<Box<Diagnostic>> = routes
        .par_iter()
        .filter_map(|&route| {
            if stop() {
                return None;
            }
            match pages::render(templates, site, derived, &lists, route) {
                Ok(f) => {
                    sink(finish(site, f));
                    None
                }
                Err(e) => Some(e),
            }
        })
        .collect();
    diags.items.extend(errors.into_iter().map(|e| *e));
}

/// Static assets of the theme (and the site's own `static/`), copied as they are.
pub fn static_files(root: &Path, diags: &mut Diagnostics) -> Vec<OutputFile> {
    crate::theme::layered(root, "static", diags)
        .into_iter()
        .map(|f| OutputFile { path: format!("static/{}", f.name), bytes: f.bytes })
        .collect()
}
