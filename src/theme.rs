//! The default theme: the site's own `themes/default/` when it has one, else the
//! copy built into the binary. Site `templates/` and `static/` override either.

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));

pub const THEME_DIR: &str = "themes/default";

/// One file: its name inside the folder (`base.html`), where it came from (for
/// diagnostics) and its bytes.
pub struct SourceFile {
    pub name: String,
    pub shown: PathBuf,
    pub bytes: Vec<u8>,
}

/// The theme's files under `sub` ("templates" or "static"), then the site's own
/// folder of the same name; a later file with the same name replaces an earlier one.
pub fn layered(root: &Path, sub: &str, diags: &mut Diagnostics) -> Vec<SourceFile> {
    let theme = root.join(THEME_DIR);
    let mut files = if theme.is_dir() {
        from_disk(root, &theme.join(sub), diags)
    } else {
        let prefix = format!("{sub}/");
        EMBEDDED
            .iter()
            .filter_map(|(rel, bytes)| {
                let name = rel.strip_prefix(&prefix)?;
                Some(SourceFile {
                    name: name.to_string(),
                    shown: PathBuf::from(format!("(built-in {THEME_DIR})/{rel}")),
                    bytes: bytes.to_vec(),
                })
            })
            .collect()
    };
    for own in from_disk(root, &root.join(sub), diags) {
        files.retain(|f| f.name != own.name);
        files.push(own);
    }
    files
}

fn from_disk(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<SourceFile> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    // Symlinks are not followed: nothing outside the site ends up in the output.
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let shown = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
        let name = entry.path().strip_prefix(dir).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        match std::fs::read(entry.path()) {
            Ok(bytes) => out.push(SourceFile { name, shown, bytes }),
            Err(e) => diags.push(Diagnostic::error(&shown, 0, 0, format!("cannot read {}: {e}", shown.display()))),
        }
    }
    out
}
