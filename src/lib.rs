//! kyoten: a static-site generator for 地域生活支援拠点等.
//!
//! One direction: load → check → derive → render → write; `pipeline` is the one
//! place that knows the order, `routes` the one that knows every URL.

pub mod check;
pub mod derive;
pub mod diagnostics;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod geo;
pub mod import;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod source;
pub mod theme;
pub mod timing;
pub mod workbook;

pub use pipeline::{BuildReport, build, build_files, check_only, check_site, check_site_unless};
use std::path::Path;
pub use timing::stage;

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
