//! Source files: read within a size limit, and kept whole so a diagnostic can
//! quote the line it is about. Below every stage: loading reads with it, the
//! diagnostics of every stage quote from it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A file read whole, or why not.
#[derive(Debug)]
pub enum ReadError {
    TooLarge(u64),
    Io(std::io::Error),
}

/// Read at most `max` bytes of `path`. Reading stops at the limit, so a file
/// that grows while read, a FIFO or a device cannot exhaust memory.
pub fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::Io(std::io::Error::other("not a regular file")));
    }
    if meta.len() > max {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Every text file read, by path relative to the root, so diagnostics can show lines.
#[derive(Debug, Default)]
pub struct Sources {
    texts: BTreeMap<PathBuf, String>,
}

impl Sources {
    pub fn insert(&mut self, path: PathBuf, text: String) {
        self.texts.insert(path, text);
    }

    pub fn iter(&self) -> impl Iterator<Item = (&PathBuf, &String)> {
        self.texts.iter()
    }

    /// The first line containing `needle` (1-based), or 1.
    pub fn find_line(&self, path: &Path, needle: &str) -> usize {
        self.texts.get(path).and_then(|t| t.lines().position(|l| l.contains(needle))).map_or(1, |i| i + 1)
    }

    pub fn line(&self, path: &Path, line: usize) -> Option<&str> {
        self.texts.get(path)?.lines().nth(line.checked_sub(1)?)
    }
}
