//! The pipeline, and the only place that knows its order:
//! load → check (→ links) → derive → render → write.
//!
//! `build`, `check`, `serve` (its whole rebuilds and its one-file preview) and the
//! fuzzing entry points all go through these functions.

use crate::derive::links;
use crate::derive::{self, Derived};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Loaded;
use crate::model::{Municipality, Site};
use crate::output::search;
use crate::output::write::{self, OutputFile};
use crate::render::{self, Templates};
use crate::timing::stage;
use crate::{check, load};
use std::path::{Path, PathBuf};

/// What a successful build produced.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    pub diagnostics: Diagnostics,
}

/// load → check: the checked site, with its git history for 更新履歴, or every
/// diagnostic found.
pub fn check_site(root: &Path) -> (Option<Site>, Diagnostics) {
    check_site_unless(root, &|| false)
}

/// load → check for `kyoten check`: the same diagnostics as `check_site`, without
/// reading the git history that only pages show.
pub fn check_only(root: &Path) -> (Option<Site>, Diagnostics) {
    check_with(root, false, &|| false)
}

/// `check_site`, given up (no site) as soon as `stop` says so while files are read:
/// `serve` drops a rebuild that newer edits have made stale.
pub fn check_site_unless(root: &Path, stop: &(dyn Fn() -> bool + Sync)) -> (Option<Site>, Diagnostics) {
    check_with(root, true, stop)
}

fn check_with(root: &Path, history: bool, stop: &(dyn Fn() -> bool + Sync)) -> (Option<Site>, Diagnostics) {
    let (loaded, diags) = stage("load", || load::load(root, history, stop));
    if stop() {
        return (None, diags);
    }
    check_loaded(loaded, diags, check::today())
}

/// check → links on what was loaded (from disk, or made in memory by the fuzz
/// targets), after the diagnostics of loading it; all are finished together (each
/// quotes its line).
pub fn check_loaded(
    loaded: Loaded,
    mut diags: Diagnostics,
    today: crate::model::wareki::JDate,
) -> (Option<Site>, Diagnostics) {
    let (site, more, sources) = stage("check", || check::check(loaded, today));
    diags.extend(more);
    if let Some(site) = &site {
        stage("links", || links::check_links(site, &sources, &mut diags));
    }
    stage("diagnose", || diags.finish(&sources));
    let site = if diags.has_errors() { None } else { site };
    (site, diags)
}

/// derive: the plan of pages, then every figure.
pub fn derive(site: &Site) -> Derived {
    stage("derive", || derive::derive(site, derive::plan(site)))
}

/// The theme's templates with the site's own over them.
pub fn templates(root: &Path, site: &Site, diags: &mut Diagnostics) -> Option<Templates> {
    render::load_templates(root, &site.config.base_url, &site.strings, diags)
}

/// render: every route's file, handed to `sink` as each is made (from many
/// threads); stops starting pages once `stop` says so.
pub fn render_pages(
    templates: &mut Templates,
    site: &Site,
    derived: &Derived,
    diags: &mut Diagnostics,
    sink: &(dyn Fn(OutputFile) + Sync),
    stop: &(dyn Fn() -> bool + Sync),
) {
    stage("render", || render::render_site_into(templates, site, derived, diags, sink, stop));
}

/// Every output file of a checked site — pages, data, static assets and the search
/// index — handed to `sink` as each is made, from many threads.
fn emit_files(
    root: &Path,
    site: &Site,
    derived: &Derived,
    diags: &mut Diagnostics,
    sink: &(dyn Fn(OutputFile) + Sync),
) {
    // The search index is built on its own thread while the pages render on rayon's.
    let index_diags = std::thread::scope(|s| {
        let indexer = s.spawn(|| {
            let mut d = Diagnostics::default();
            for f in stage("search", || search::build_index(site, &mut d)) {
                sink(f);
            }
            d
        });
        if let Some(mut t) = templates(root, site, diags) {
            render_pages(&mut t, site, derived, diags, sink, &|| false);
        }
        indexer.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
    });
    diags.extend(index_diags);
    if std::env::var_os("KYOTEN_TIMINGS").is_some() {
        use std::sync::atomic::Ordering::Relaxed;
        let (t, m) = (render::TEMPLATE_US.load(Relaxed), render::MINIFY_US.load(Relaxed));
        eprintln!("timing: (cpu) templates {:.1} ms, minify {:.1} ms", t as f64 / 1000.0, m as f64 / 1000.0);
    }
    for f in render::static_files(root, diags) {
        sink(f);
    }
}

/// Every output file in memory, sorted by path: pages, static assets and the search index.
pub fn build_files(root: &Path) -> Result<(Vec<OutputFile>, Diagnostics), Diagnostics> {
    let (site, mut diags) = check_site(root);
    let Some(site) = site else { return Err(diags) };
    let derived = derive(&site);
    let files = std::sync::Mutex::new(Vec::new());
    emit_files(root, &site, &derived, &mut diags, &|f| files.lock().unwrap_or_else(|e| e.into_inner()).push(f));
    if diags.has_errors() {
        return Err(diags);
    }
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, diags))
}

/// The whole pipeline, each file written as soon as it is rendered. On any error
/// nothing in `output` changes.
pub fn build(root: &Path, output: &Path) -> Result<BuildReport, Diagnostics> {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    let (site, mut diags) = check_site(root);
    let Some(site) = site else { return Err(diags) };
    let derived = derive(&site);
    let cannot_write = |diags: &mut Diagnostics, e: std::io::Error| {
        diags.push(
            Diagnostic::error(output, 0, 0, format!("cannot write the output: {e}"))
                .with_hint("check the folder's permissions and free disk space"),
        );
    };
    let staging = match stage("stage", || write::Staging::begin(output)) {
        Ok(s) => s,
        Err(e) => {
            cannot_write(&mut diags, e);
            return Err(diags);
        }
    };
    let (pages, files, bytes) = (AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0));
    let failed = std::sync::Mutex::new(None);
    emit_files(root, &site, &derived, &mut diags, &|f| {
        pages.fetch_add(usize::from(f.path.ends_with(".html")), Relaxed);
        files.fetch_add(1, Relaxed);
        bytes.fetch_add(f.bytes.len(), Relaxed);
        if let Err(e) = staging.put(&f) {
            failed.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(e);
        }
    });
    if diags.has_errors() {
        return Err(diags);
    }
    if let Some(e) = failed.into_inner().unwrap_or_else(|e| e.into_inner()) {
        cannot_write(&mut diags, e);
        return Err(diags);
    }
    if let Err(e) = stage("write", || staging.finish()) {
        cannot_write(&mut diags, e);
        return Err(diags);
    }
    Ok(BuildReport {
        pages: pages.into_inner(),
        files: files.into_inner(),
        bytes: bytes.into_inner(),
        diagnostics: diags,
    })
}

/// One municipality file checked alone against a site's last good model: the
/// first half of `serve`'s quick preview. `taken` names provider ids other
/// municipalities already use (reported as a whole build reports them).
pub fn check_municipality_file(
    root: &Path,
    rel: &Path,
    text: String,
    taken: &dyn Fn(&str, &str) -> Option<PathBuf>,
    rules: check::Rules,
) -> (Option<Municipality>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let gazetteer = crate::model::gazetteer::Gazetteer::load(root, &mut diags);
    let raw = load::parse_yaml::<load::raw::Municipality>(rel, &text, 0, &mut diags);
    let taken: std::collections::HashMap<String, PathBuf> = raw
        .iter()
        .flat_map(|raw| raw.providers.iter().map(move |p| (raw.code.value.trim(), p.id.value.trim())))
        .filter_map(|(code, id)| taken(code, id).map(|other| (id.to_string(), other)))
        .collect();
    let m =
        raw.and_then(|raw| check::municipality_alone(rel, raw, &gazetteer, check::today(), taken, rules, &mut diags));
    let mut sources = load::Sources::default();
    sources.insert(rel.to_path_buf(), text);
    diags.finish(&sources);
    let m = if diags.has_errors() { None } else { m };
    (m, diags)
}

/// The second half of the preview: derive and render a checked municipality's page
/// (index `mi` in the model) and the pages of `providers` (indexes into its list),
/// against the last good model.
pub fn render_municipality(
    templates: &Templates,
    site: &Site,
    derived: &Derived,
    mi: usize,
    m: &Municipality,
    providers: &[usize],
) -> Result<Vec<OutputFile>, Box<Diagnostic>> {
    let facts = derive::facts(m, derived.municipalities[mi].cases.clone(), &site.strings, site.today);
    let map = derive::municipality_map(site, &derive::site_codes(site), m);
    let mut files =
        vec![render::municipality_page(templates, site, m, &facts, &map, &derived.holidays, &derived.history)?];
    for &pi in providers {
        files.push(render::provider_page(templates, site, m, &m.providers[pi], &derived.history)?);
    }
    Ok(files.into_iter().map(|f| render::finish(site, f)).collect())
}
