//! Write: into a temporary folder beside the output, then swap it in. A failed
//! or interrupted build never damages the last good output.

/// One file of the output, path relative to the output folder.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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

/// Write `files` as the new `output` (all at once; `Staging` takes them one by one).
pub fn write_atomically(output: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    let staging = Staging::begin(output)?;
    files.par_iter().try_for_each(|f| staging.put(f))?;
    staging.finish()
}

/// What a build left in a file, as its folder's manifest records it: the file's
/// size, change times and inode, and the hash of its bytes. A later build whose
/// page hashes the same, finding the file's metadata as recorded, knows the file
/// holds those bytes without reading it (any write changes its ctime).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    hash: u128,
    len: u64,
    ino: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl Mark {
    #[cfg(unix)]
    fn of(m: &std::fs::Metadata, hash: u128) -> Option<Mark> {
        use std::os::unix::fs::MetadataExt;
        Some(Mark {
            hash,
            len: m.len(),
            ino: m.ino(),
            mtime: (m.mtime(), m.mtime_nsec()),
            ctime: (m.ctime(), m.ctime_nsec()),
        })
    }

    #[cfg(not(unix))]
    fn of(_: &std::fs::Metadata, _: u128) -> Option<Mark> {
        None
    }

    /// Whether the file `m` describes is, untouched, the one this mark was made of.
    fn holds(&self, m: &std::fs::Metadata) -> bool {
        Mark::of(m, self.hash).is_some_and(|now| now == *self)
    }
}

fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// A file's key in the spare's manifest: its path's hash (two paths sharing one
/// cannot both match a mark: each mark holds its file's inode).
fn path_key(rel: &Path) -> u64 {
    xxhash_rust::xxh3::xxh3_64(rel.as_os_str().as_encoded_bytes())
}

/// The manifest of a folder of output: one line per file, `hash_hi hash_lo len
/// ino mtime mtime_ns ctime ctime_ns path`. A line that does not read is skipped
/// (its file is then compared by its bytes).
fn read_manifest(path: &Path) -> HashMap<u64, Mark> {
    let Ok(text) = std::fs::read_to_string(path) else { return HashMap::new() };
    text.lines().filter_map(manifest_line).collect()
}

fn manifest_line(line: &str) -> Option<(u64, Mark)> {
    let mut f = line.splitn(9, ' ');
    let hi: u64 = f.next()?.parse().ok()?;
    let lo: u64 = f.next()?.parse().ok()?;
    let len = f.next()?.parse().ok()?;
    let ino = f.next()?.parse().ok()?;
    let mtime = (f.next()?.parse().ok()?, f.next()?.parse().ok()?);
    let ctime = (f.next()?.parse().ok()?, f.next()?.parse().ok()?);
    let rel = f.next()?;
    Some((path_key(Path::new(rel)), Mark { hash: (u128::from(hi) << 64) | u128::from(lo), len, ino, mtime, ctime }))
}

fn write_manifest(path: &Path, marks: &HashMap<PathBuf, Option<Mark>>) -> std::io::Result<()> {
    let mut text = String::with_capacity(marks.len() * 96);
    for (rel, mark) in marks {
        let (Some(m), Some(rel)) = (mark, rel.to_str()) else { continue };
        if rel.contains('\n') {
            continue;
        }
        use std::fmt::Write as _;
        let _ = writeln!(
            text,
            "{} {} {} {} {} {} {} {} {rel}",
            (m.hash >> 64) as u64,
            m.hash as u64,
            m.len,
            m.ino,
            m.mtime.0,
            m.mtime.1,
            m.ctime.0,
            m.ctime.1
        );
    }
    let tmp = path.with_extension("new");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

/// A build being written. The build goes into the spare folder `.<name>.tmp`
/// beside the output — the build before last, or what an interrupted run left
/// there — where only files whose bytes differ are written, as they are rendered
/// (pages need not all be in memory at once); `finish` removes what is no longer
/// built and swaps the folders. The previous build stays behind as the next spare,
/// so a rebuild neither rewrites unchanged pages nor deletes a whole tree (slow on
/// file systems mounted with `discard`). Until `finish`, the output is untouched.
/// Each folder has a manifest beside it (`.<name>.manifest` for the output,
/// `.<name>.tmp.manifest` for the spare) so that an unchanged file is known by
/// its hash and metadata, not by reading it back: with the spare's pages out of
/// the page cache, reading them was most of a rebuild.
pub struct Staging {
    tmp: PathBuf,
    output: PathBuf,
    /// The spare's manifest, as the build that wrote it left it (by `path_key`).
    previous: HashMap<u64, Mark>,
    /// Every file put so far, relative to `tmp`, with its mark.
    written: Mutex<HashMap<PathBuf, Option<Mark>>>,
    /// Folders checked to be real folders, each with whether this build created
    /// it (then nothing in it needs looking up: a page's folder is made and its
    /// file created without a `stat` of either — two fewer system calls for each
    /// of 100,000 pages on a first build).
    dirs: Mutex<HashMap<PathBuf, bool>>,
    /// What each of those folders held before this build (relative paths): read
    /// when a folder is first visited, on the rendering threads, so `finish` sweeps
    /// what is no longer built without walking the whole tree at the end.
    found: Mutex<Vec<PathBuf>>,
}

/// Create a folder; another thread creating it first is fine.
fn create_dir(path: &Path) -> std::io::Result<()> {
    match std::fs::create_dir(path) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.is_dir() => Ok(()),
        r => r,
    }
}

/// The entries of the real folder `full` (at `rel`), as relative paths.
fn entries(full: &Path, rel: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::read_dir(full)?.map(|e| e.map(|e| rel.join(e.file_name()))).collect()
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Staging {
    pub fn begin(output: &Path) -> std::io::Result<Staging> {
        recover(output)?;
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let tmp = sibling(output, "tmp");
        if tmp.symlink_metadata().is_ok_and(|m| !m.is_dir()) {
            std::fs::remove_file(&tmp)?;
        }
        let fresh = !tmp.exists();
        std::fs::create_dir_all(&tmp)?;
        let found = if fresh { Vec::new() } else { entries(&tmp, Path::new(""))? };
        let previous = if fresh { HashMap::new() } else { read_manifest(&sibling(output, "tmp.manifest")) };
        Ok(Staging {
            tmp,
            output: output.to_path_buf(),
            previous,
            written: Mutex::new(HashMap::new()),
            dirs: Mutex::new(HashMap::from([(PathBuf::new(), fresh)])),
            found: Mutex::new(found),
        })
    }

    /// Make the folder `rel` (relative to the spare) a real folder: every part of
    /// it checked once per build, and a file or link of an older build standing in
    /// the way removed — nothing is ever written through a link. What a folder
    /// already held is noted for `finish`.
    fn folder(&self, rel: &Path) -> std::io::Result<()> {
        let mut parts = Vec::new();
        let mut p = Some(rel);
        while let Some(d) = p.filter(|d| !d.as_os_str().is_empty()) {
            parts.push(d);
            p = d.parent();
        }
        for d in parts.into_iter().rev() {
            let in_fresh = {
                let dirs = lock(&self.dirs);
                if dirs.contains_key(d) {
                    continue;
                }
                d.parent().and_then(|p| dirs.get(p).copied()).unwrap_or(false)
            };
            let full = self.tmp.join(d);
            // Inside a folder this build created, nothing can stand in the way.
            let (held, fresh) = if in_fresh {
                create_dir(&full)?;
                (Vec::new(), true)
            } else {
                match full.symlink_metadata() {
                    Ok(m) if m.is_dir() => (entries(&full, d)?, false),
                    Ok(_) => {
                        match std::fs::remove_file(&full) {
                            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                            _ => {}
                        }
                        create_dir(&full)?;
                        (Vec::new(), true)
                    }
                    Err(_) => {
                        create_dir(&full)?;
                        (Vec::new(), true)
                    }
                }
            };
            // Marked only once it exists; of two threads on one folder, one notes it.
            let first = {
                let mut dirs = lock(&self.dirs);
                let first = !dirs.contains_key(d);
                dirs.entry(d.to_path_buf()).or_insert(fresh);
                first
            };
            if first {
                lock(&self.found).extend(held);
            }
        }
        Ok(())
    }

    /// Whether `rel`'s folder was created by this build (so `rel` cannot exist yet).
    fn in_fresh_folder(&self, rel: &Path) -> bool {
        rel.parent().is_some_and(|p| lock(&self.dirs).get(p).copied().unwrap_or(false))
    }

    /// Bring one file of the spare up to date (safe from many threads).
    pub fn put(&self, f: &OutputFile) -> std::io::Result<()> {
        let rel = PathBuf::from(&f.path);
        let path = self.tmp.join(&rel);
        if let Some(parent) = rel.parent() {
            self.folder(parent)?;
        }
        let h = hash(&f.bytes);
        if !self.in_fresh_folder(&rel) {
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_dir() => std::fs::remove_dir_all(&path)?,
                Ok(m) if m.file_type().is_symlink() => std::fs::remove_file(&path)?,
                Ok(m) if m.len() == f.bytes.len() as u64 => {
                    // Known from the manifest, or else by reading it back.
                    let same = match self.previous.get(&path_key(&rel)).filter(|mark| mark.holds(&m)) {
                        Some(mark) => mark.hash == h,
                        None => std::fs::read(&path).is_ok_and(|old| old == f.bytes),
                    };
                    if same {
                        lock(&self.written).insert(rel, Mark::of(&m, h));
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        let mut file = std::fs::File::create(&path)?;
        file.write_all(&f.bytes)?;
        let mark = file.metadata().ok().and_then(|m| Mark::of(&m, h));
        lock(&self.written).insert(rel, mark);
        Ok(())
    }

    /// Remove what this build did not put, then swap the spare in as the output.
    pub fn finish(self) -> std::io::Result<()> {
        let written = self.written.into_inner().unwrap_or_else(|e| e.into_inner());
        let dirs = self.dirs.into_inner().unwrap_or_else(|e| e.into_inner());
        // Entries of folders this build used that it neither wrote nor used as a
        // folder; a folder it never visited was found in its parent's listing.
        for rel in self.found.into_inner().unwrap_or_else(|e| e.into_inner()) {
            if written.contains_key(&rel) || dirs.contains_key(&rel) {
                continue;
            }
            let full = self.tmp.join(&rel);
            match full.symlink_metadata() {
                Ok(m) if m.is_dir() => std::fs::remove_dir_all(&full)?,
                Ok(_) => std::fs::remove_file(&full)?,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        swap_in(&self.tmp, &self.output)?;
        // The old output is the spare now, and its manifest goes with it.
        let (manifest, spare) = (sibling(&self.output, "manifest"), sibling(&self.output, "tmp.manifest"));
        match std::fs::rename(&manifest, &spare) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match std::fs::remove_file(&spare) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            },
            r => r?,
        }
        write_manifest(&manifest, &written)
    }
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
    fn the_manifest_knows_unchanged_files_and_a_file_changed_behind_its_back_is_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let a = files(&[("index.html", "same"), ("p/1/index.html", "one"), ("p/2/index.html", "two")]);
        write_atomically(&out, &a).unwrap();
        write_atomically(&out, &a).unwrap();
        // Each folder's manifest lists its files; none is in the output itself.
        let manifest = std::fs::read_to_string(sibling(&out, "manifest")).unwrap();
        let spare = std::fs::read_to_string(sibling(&out, "tmp.manifest")).unwrap();
        for m in [&manifest, &spare] {
            assert_eq!(m.lines().count(), 3, "{m}");
            assert!(m.lines().any(|l| l.ends_with(" p/2/index.html")), "{m}");
        }
        assert_eq!(tree(&out).len(), 3);
        // The spare's files as the manifest recorded them are left alone…
        let kept = sibling(&out, "tmp").join("index.html");
        let before = std::fs::metadata(&kept).unwrap().modified().unwrap();
        // …but one edited behind the build's back (same length, other bytes) is
        // not taken for the page: its metadata no longer matches the manifest.
        std::fs::write(sibling(&out, "tmp").join("p/1/index.html"), "ONE").unwrap();
        write_atomically(&out, &a).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("p/1/index.html")).unwrap(), "one");
        assert_eq!(std::fs::metadata(out.join("index.html")).unwrap().modified().unwrap(), before, "not rewritten");
        // A manifest that does not read, or is gone, only means reading the files back.
        std::fs::write(sibling(&out, "tmp.manifest"), "not a manifest\n1 2 3\n").unwrap();
        write_atomically(&out, &files(&[("index.html", "same"), ("p/1/index.html", "uno")])).unwrap();
        assert_eq!(tree(&out), vec![("index.html".into(), "same".into()), ("p/1/index.html".into(), "uno".into())]);
        assert_eq!(std::fs::read_to_string(sibling(&out, "manifest")).unwrap().lines().count(), 2);
    }

    #[test]
    fn rebuilds_reuse_the_spare_and_hold_exactly_the_new_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let a = files(&[
            ("index.html", "a"),
            ("m/1/index.html", "one"),
            ("m/1/old.html", "stale beside a page that stays"),
            ("gone/x.html", "x"),
            ("f", "file"),
        ]);
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
        // So is a stale link to a folder outside, which is left as it was.
        let outside_dir = dir.path().join("outside");
        std::fs::create_dir(&outside_dir).unwrap();
        std::fs::write(outside_dir.join("x"), "keep").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside_dir, sibling(&out, "tmp").join("linked")).unwrap();
        write_atomically(&out, &c).unwrap();
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(outside_dir.join("x")).unwrap(), "keep");
        assert_eq!(tree(&out).len(), 2);
        assert!(out.join("linked").symlink_metadata().is_err(), "the stale link is gone");
    }
}
