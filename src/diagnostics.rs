//! Diagnostics: every problem found in one run, each with file, line, column,
//! the offending source line and a hint.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, as shown to the user.
    pub path: PathBuf,
    /// 1-based; 0 when unknown (e.g. an unreadable file).
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The offending source line (or, for a very long line, the part around the
    /// column), filled in by [`Diagnostics::finish`].
    pub snippet: Option<String>,
    /// Characters of the line left out before the snippet.
    pub snippet_skip: usize,
}

/// Longest source line quoted whole; longer ones are cut around the column.
const SNIPPET_CHARS: usize = 120;

/// The part of `line` to quote for column `col`, and how many characters precede it.
fn window(line: &str, col: usize) -> (String, usize) {
    let count = line.chars().count();
    if count <= SNIPPET_CHARS {
        return (line.to_string(), 0);
    }
    let start = col.saturating_sub(SNIPPET_CHARS / 2).min(count - SNIPPET_CHARS);
    let part: String = line.chars().skip(start).take(SNIPPET_CHARS).collect();
    let more = if start + SNIPPET_CHARS < count { "…" } else { "" };
    if start > 0 { (format!("…{part}{more}"), start - 1) } else { (format!("{part}{more}"), 0) }
}

impl Diagnostic {
    pub fn error(path: impl AsRef<Path>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: path.as_ref().to_path_buf(),
            line,
            col,
            message: message.into(),
            hint: None,
            snippet: None,
            snippet_skip: 0,
        }
    }

    pub fn warning(path: impl AsRef<Path>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(path, line, col, message) }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }
}

impl Diagnostic {
    /// One diagnostic as JSON, for editors and CI (`kyoten check --format json`).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "path": self.path.to_string_lossy(),
            "line": self.line,
            "column": self.col,
            "severity": match self.severity { Severity::Error => "error", Severity::Warning => "warning" },
            "message": self.message,
            "hint": self.hint,
            "source_line": self.snippet,
        })
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{}:{}:{}: {}: {}", self.path.display(), self.line, self.col, kind, self.message)?;
        if let Some(snippet) = &self.snippet {
            let number = self.line.to_string();
            writeln!(f, "  {number} | {snippet}")?;
            if self.col > 0 {
                let pad: usize =
                    snippet.chars().take((self.col - 1).saturating_sub(self.snippet_skip)).map(display_width).sum();
                writeln!(f, "  {} | {}^", " ".repeat(number.len()), " ".repeat(pad))?;
            }
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Terminal cell width, good enough for aligning a caret under Japanese text.
fn display_width(c: char) -> usize {
    if c == '\t' {
        1
    } else if ('\u{1100}'..='\u{115F}').contains(&c)
        || ('\u{2E80}'..='\u{A4CF}').contains(&c)
        || ('\u{AC00}'..='\u{D7A3}').contains(&c)
        || ('\u{F900}'..='\u{FAFF}').contains(&c)
        || ('\u{FE30}'..='\u{FE4F}').contains(&c)
        || ('\u{FF00}'..='\u{FF60}').contains(&c)
        || ('\u{FFE0}'..='\u{FFE6}').contains(&c)
        || ('\u{20000}'..='\u{3FFFD}').contains(&c)
    {
        2
    } else {
        1
    }
}

/// A collection of diagnostics gathered by every stage.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Error).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Sort by file and position so output is stable, and fill in snippets.
    pub fn finish(&mut self, sources: &crate::source::Sources) {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.severity, &a.message).cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
        });
        self.items.dedup();
        for d in &mut self.items {
            if d.snippet.is_none()
                && d.line > 0
                && let Some(line) = sources.line(&d.path, d.line)
            {
                let (snippet, skip) = window(line.trim_end(), d.col);
                d.snippet = Some(snippet);
                d.snippet_skip = skip;
            }
        }
    }
}

/// "did you mean" over a list of candidates (Jaro-Winkler on ids and labels).
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<String> {
    let mut best: Option<(f64, &str, &str)> = None;
    for (id, label) in candidates {
        if input == label {
            return Some(format!("did you mean \"{id}\"? ({label} is written as {id})"));
        }
        let score = strsim::jaro_winkler(input, id).max(strsim::jaro_winkler(input, label));
        if best.is_none_or(|(s, _, _)| score > s) {
            best = Some((score, id, label));
        }
    }
    match best {
        Some((score, id, label)) if score >= 0.7 => Some(format!("did you mean \"{id}\" ({label})?")),
        _ => None,
    }
}
