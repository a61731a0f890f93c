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

/// Whether `c` is a control character no text field may hold: C0 other than tab,
/// line feed and carriage return, DEL, and C1 (U+0080–U+009F). Text copied out of
/// PDFs brings form feeds (U+000C); XML feeds cannot carry them at all.
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || ('\u{80}'..='\u{9f}').contains(&c)
}

/// Each forbidden control character in `text` as (line, column, character), 1-based.
pub fn control_chars(text: &str) -> Vec<(usize, usize, char)> {
    // Most files have none: one pass over the bytes decides (C1 characters start with 0xC2).
    let suspicious = |b: &u8| (*b < 0x20 && !matches!(*b, b'\t' | b'\n' | b'\r')) || *b == 0x7f || *b == 0xc2;
    if !text.as_bytes().iter().any(suspicious) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        for (col, c) in line.chars().enumerate() {
            if is_forbidden_control(c) {
                found.push((i + 1, col + 1, c));
            }
        }
    }
    found
}

/// Lines of `text` holding a YAML double-quoted escape that may stand for a control
/// character (`\f`, `\x0c`, `\u0085`, …): candidates to confirm on the parsed values.
pub fn control_escape_lines(text: &str) -> Vec<usize> {
    if !text.contains('\\') {
        return Vec::new();
    }
    let hex_control =
        |h: &str| u32::from_str_radix(h, 16).ok().and_then(char::from_u32).is_some_and(is_forbidden_control);
    let mut lines = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let b = line.as_bytes();
        let hit = (0..b.len()).any(|k| {
            b[k] == b'\\'
                && match b.get(k + 1) {
                    Some(b'0' | b'a' | b'b' | b'v' | b'f' | b'e' | b'N') => true,
                    Some(b'x') => line.get(k + 2..k + 4).is_some_and(hex_control),
                    Some(b'u') => line.get(k + 2..k + 6).is_some_and(hex_control),
                    Some(b'U') => line.get(k + 2..k + 10).is_some_and(hex_control),
                    _ => false,
                }
        });
        if hit {
            lines.push(i + 1);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_where_they_are() {
        assert!(control_chars("普通の文。\tタブ\r\n改行").is_empty());
        assert_eq!(control_chars("a\nb\u{c}c"), vec![(2, 2, '\u{c}')]);
        assert_eq!(control_chars("x\u{0}\u{85}"), vec![(1, 2, '\u{0}'), (1, 3, '\u{85}')]);
        assert!(control_chars("±§°").is_empty(), "other characters starting with 0xC2 are fine");
    }

    #[test]
    fn escapes_that_may_be_control_characters_are_found() {
        assert_eq!(control_escape_lines("a: \"x\\fy\"\nb: \"\\x41\"\nc: \"\\u0085\""), vec![1, 3]);
        assert!(control_escape_lines("a: \"\\n\\t\\\\ \\u3042\"").is_empty());
    }
}
