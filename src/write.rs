//! Write: into a temporary folder beside the output, then swap it in. A failed
//! or interrupted build never damages the last good output.

use crate::render::OutputFile;
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.{suffix}"))
}

/// Restore the previous output if a swap was cut between its two renames; a
/// leftover `.old` otherwise becomes the spare folder the next build writes into.
pub fn recover(output: &Path) -> std::io::Result<()> {
    let old = sibling(output, "old");
    if old.exists() {
        let tmp = sibling(output, "tmp");
        if !output.exists() {
            std::fs::rename(&old, output)?;
        } else if !tmp.exists() {
            std::fs::rename(&old, &tmp)?;
        } else {
            std::fs::remove_dir_all(&old)?;
        }
    }
    Ok(())
}

/// Write `files` as the new `output`. The build goes into the spare folder
/// `.<name>.tmp` beside it — the build before last, or what an interrupted run
/// left there — where only files whose bytes differ are written and files no
/// longer built are removed; then the folders are swapped. The previous build
/// stays behind as the next spare, so a rebuild neither rewrites unchanged pages
/// nor deletes a whole tree (slow on file systems mounted with `discard`).
pub fn write_atomically(output: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    recover(output)?;
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let tmp = sibling(output, "tmp");
    if tmp.symlink_metadata().is_ok_and(|m| !m.is_dir()) {
        std::fs::remove_file(&tmp)?;
    }
    std::fs::create_dir_all(&tmp)?;
    sync_tree(&tmp, files)?;
    swap_in(&tmp, output)
}

/// Make `dir` hold exactly `files`.
fn sync_tree(dir: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    let wanted: HashSet<PathBuf> = files.iter().map(|f| dir.join(&f.path)).collect();
    let mut dirs: HashSet<PathBuf> = HashSet::new();
    for f in files {
        let mut p = Path::new(&f.path).parent();
        while let Some(d) = p.filter(|d| !d.as_os_str().is_empty()) {
            if !dirs.insert(dir.join(d)) {
                break;
            }
            p = d.parent();
        }
    }
    // Remove what is no longer built: files not wanted, folders not needed,
    // and anything standing where the other kind is needed.
    let mut stale_dirs = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).contents_first(true) {
        let entry = entry.map_err(std::io::Error::other)?;
        let path = entry.path();
        if entry.file_type().is_dir() {
            if !dirs.contains(path) {
                stale_dirs.push(path.to_path_buf());
            }
        } else if entry.file_type().is_symlink() || !wanted.contains(path) || dirs.contains(path) {
            std::fs::remove_file(path)?;
        }
    }
    for d in stale_dirs {
        std::fs::remove_dir_all(&d)?;
    }
    let mut ordered: Vec<&PathBuf> = dirs.iter().collect();
    ordered.sort();
    for d in ordered {
        std::fs::create_dir_all(d)?;
    }
    files.par_iter().try_for_each(|f| -> std::io::Result<()> {
        let path = dir.join(&f.path);
        if std::fs::metadata(&path).is_ok_and(|m| m.len() == f.bytes.len() as u64)
            && std::fs::read(&path).is_ok_and(|old| old == f.bytes)
        {
            return Ok(());
        }
        let mut file = std::fs::File::create(&path)?;
        file.write_all(&f.bytes)?;
        Ok(())
    })
}

/// Put the finished `tmp` folder in place of `output`. On Linux one
/// `renameat2(RENAME_EXCHANGE)` swaps them, so `output` always exists and is
/// always a complete build, even if the process dies on the next instruction;
/// the old build is then in `tmp`, the next build's spare. Elsewhere, or on a
/// file system without exchange: two renames, with `recover` putting `.old`
/// back if a run died between them.
fn swap_in(tmp: &Path, output: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    if output.exists() {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, tmp, CWD, output, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    let old = sibling(output, "old");
    if output.exists() {
        std::fs::rename(output, &old)?;
    }
    std::fs::rename(tmp, output)?;
    if old.exists() {
        std::fs::rename(&old, tmp)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<OutputFile> {
        list.iter().map(|(p, b)| OutputFile { path: p.to_string(), bytes: b.as_bytes().to_vec() }).collect()
    }

    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                (rel, std::fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn rebuilds_reuse_the_spare_and_hold_exactly_the_new_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let a = files(&[("index.html", "a"), ("m/1/index.html", "one"), ("gone/x.html", "x"), ("f", "file")]);
        let b = files(&[("index.html", "b"), ("m/1/index.html", "one"), ("f/index.html", "now a folder")]);
        let c = files(&[("index.html", "c"), ("gone", "a file where a folder was")]);
        for (i, set) in [&a, &b, &c, &a].into_iter().enumerate() {
            write_atomically(&out, set).unwrap();
            let want: Vec<(String, String)> = {
                let mut v: Vec<_> =
                    set.iter().map(|f| (f.path.clone(), String::from_utf8(f.bytes.clone()).unwrap())).collect();
                v.sort();
                v
            };
            assert_eq!(tree(&out), want, "build {i}");
        }
        // The spare holds the build before (c), ready to be brought up to date.
        assert_eq!(
            tree(&sibling(&out, "tmp")),
            vec![("gone".into(), "a file where a folder was".into()), ("index.html".into(), "c".into())]
        );
        // A symlink planted in the spare is removed, never written through.
        let outside = dir.path().join("outside.txt");
        std::fs::write(&outside, "keep").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, sibling(&out, "tmp").join("index.html")).ok();
        std::fs::remove_file(sibling(&out, "tmp").join("gone")).ok();
        write_atomically(&out, &c).unwrap();
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep");
        assert_eq!(tree(&out).len(), 2);
    }
}
