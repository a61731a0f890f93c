//! Write: into a temporary folder beside the output, then swap it in. A failed
//! or interrupted build never damages the last good output.

use crate::render::OutputFile;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.{suffix}"))
}

/// Remove leftovers of an interrupted earlier run; restore the previous output if
/// the swap was cut between its two renames.
pub fn recover(output: &Path) -> std::io::Result<()> {
    let old = sibling(output, "old");
    if old.exists() {
        if output.exists() {
            std::fs::remove_dir_all(&old)?;
        } else {
            std::fs::rename(&old, output)?;
        }
    }
    let tmp = sibling(output, "tmp");
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp)?;
    }
    Ok(())
}

pub fn write_atomically(output: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    recover(output)?;
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let tmp = sibling(output, "tmp");
    std::fs::create_dir_all(&tmp)?;
    let mut dirs: Vec<PathBuf> =
        files.iter().filter_map(|f| Path::new(&f.path).parent().map(|p| tmp.join(p))).collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        std::fs::create_dir_all(d)?;
    }
    files.par_iter().try_for_each(|f| -> std::io::Result<()> {
        let mut file = std::fs::File::create(tmp.join(&f.path))?;
        file.write_all(&f.bytes)?;
        Ok(())
    })?;
    swap_in(&tmp, output)
}

/// Put the finished `tmp` folder in place of `output`. On Linux one
/// `renameat2(RENAME_EXCHANGE)` swaps them, so `output` always exists and is
/// always a complete build, even if the process dies on the next instruction;
/// the old build is then in `tmp` and removed (or by the next run's `recover`).
/// Elsewhere, or on a file system without exchange: two renames, with `recover`
/// putting `.old` back if a run died between them.
fn swap_in(tmp: &Path, output: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    if output.exists() {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, tmp, CWD, output, RenameFlags::EXCHANGE).is_ok() {
            return std::fs::remove_dir_all(tmp);
        }
    }
    let old = sibling(output, "old");
    if output.exists() {
        std::fs::rename(output, &old)?;
    }
    std::fs::rename(tmp, output)?;
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(())
}
