//! kyoten: a static-site generator for 地域生活支援拠点等.
//!
//! One direction: load → check → derive → render → write.

pub mod check;
pub mod compare;
pub mod config;
pub mod derive;
pub mod diagnostics;
#[doc(hidden)]
pub mod fuzzing;
pub mod gazetteer;
pub mod geo;
pub mod import;
pub mod jiscode;
pub mod links;
pub mod load;
pub mod map_pages;
pub mod markdown;
pub mod model;
pub mod opendata;
pub mod recruit;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod search_index;
pub mod serve;
pub mod theme;
pub mod vocab;
pub mod wareki;
pub mod write;

use diagnostics::{Diagnostic, Diagnostics};
use std::path::Path;

/// What a successful build produced.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    pub diagnostics: Diagnostics,
}

/// Runs one stage of the pipeline; with `KYOTEN_TIMINGS=1` its wall time goes to stderr
/// (for profiling and the benchmark, not for tests).
pub fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if std::env::var_os("KYOTEN_TIMINGS").is_none() {
        return f();
    }
    let start = std::time::Instant::now();
    let out = f();
    eprintln!("timing: {name:<10} {:>8.1} ms", start.elapsed().as_secs_f64() * 1000.0);
    out
}

/// load → check: the checked site, or every diagnostic found.
pub fn check_site(root: &Path) -> (Option<model::Site>, Diagnostics) {
    check_site_unless(root, &|| false)
}

/// `check_site`, given up (no site) as soon as `stop` says so while files are read:
/// `serve` drops a rebuild that newer edits have made stale.
pub fn check_site_unless(root: &Path, stop: &(dyn Fn() -> bool + Sync)) -> (Option<model::Site>, Diagnostics) {
    let (loaded, mut diags) = stage("load", || load::load(root, stop));
    if stop() {
        return (None, diags);
    }
    let (site, check_diags, sources) = stage("check", || check::check(loaded, check::today()));
    diags.extend(check_diags);
    if let Some(site) = &site {
        stage("links", || links::check_links(site, &sources, &mut diags));
    }
    stage("diagnose", || diags.finish(&sources));
    let site = if diags.has_errors() { None } else { site };
    (site, diags)
}

/// Every output file of a checked site — pages, data, static assets and the search
/// index — handed to `sink` as each is made, from many threads.
fn emit_files(
    root: &Path,
    site: &model::Site,
    derived: &derive::Derived,
    diags: &mut Diagnostics,
    sink: &(dyn Fn(render::OutputFile) + Sync),
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
        stage("render", || {
            if let Some(mut tera) = render::load_templates(root, &site.config.base_url, diags) {
                render::render_site_into(&mut tera, site, derived, diags, sink, &|| false);
            }
        });
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
pub fn build_files(root: &Path) -> Result<(Vec<render::OutputFile>, Diagnostics), Diagnostics> {
    let (site, mut diags) = check_site(root);
    let Some(site) = site else { return Err(diags) };
    let derived = stage("derive", || derive::derive(&site));
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
    let derived = stage("derive", || derive::derive(&site));
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

/// Write the JSON Schemas of the data files into `dir`; returns the files written.
pub fn write_schemas(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, text) in schema::files() {
        let path = dir.join(name);
        std::fs::write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}
