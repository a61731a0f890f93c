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

/// load → check: the checked site, or every diagnostic found.
pub fn check_site(root: &Path) -> (Option<model::Site>, Diagnostics) {
    let (loaded, mut diags) = load::load(root);
    let (site, check_diags, sources) = check::check(loaded, check::today());
    diags.extend(check_diags);
    if let Some(site) = &site {
        links::check_links(site, &sources, &mut diags);
    }
    diags.finish(&sources);
    let site = if diags.has_errors() { None } else { site };
    (site, diags)
}

/// Render every page and data file of a checked site with the site's templates.
pub fn render_pages(
    root: &Path,
    site: &model::Site,
    derived: &derive::Derived,
    diags: &mut Diagnostics,
) -> Option<Vec<render::OutputFile>> {
    let mut tera = render::load_templates(root, &site.config.base_url, diags)?;
    let files = render::render_site(&mut tera, site, derived, diags);
    (!diags.has_errors()).then_some(files)
}

/// Every output file in memory: pages, static assets and the search index.
pub fn build_files(root: &Path) -> Result<(Vec<render::OutputFile>, Diagnostics), Diagnostics> {
    let (site, mut diags) = check_site(root);
    let Some(site) = site else { return Err(diags) };
    let derived = derive::derive(&site);
    let Some(mut files) = render_pages(root, &site, &derived, &mut diags) else { return Err(diags) };
    files.extend(render::static_files(root, &mut diags));
    files.extend(search::build_index(&site, &mut diags));
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((files, diags))
}

/// The whole pipeline. On any error nothing in `output` changes.
pub fn build(root: &Path, output: &Path) -> Result<BuildReport, Diagnostics> {
    let (files, mut diags) = build_files(root)?;
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    let bytes = files.iter().map(|f| f.bytes.len()).sum();
    if let Err(e) = write::write_atomically(output, &files) {
        diags.push(
            Diagnostic::error(output, 0, 0, format!("cannot write the output: {e}"))
                .with_hint("check the folder's permissions and free disk space"),
        );
        return Err(diags);
    }
    Ok(BuildReport { pages, files: files.len(), bytes, diagnostics: diags })
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
