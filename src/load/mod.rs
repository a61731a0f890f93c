//! Load: walk the site's files once, parse YAML and Markdown front matter, and
//! keep every source text so later stages can quote the offending line.

pub mod changes;
pub mod history;
pub mod raw;
pub mod strings;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::config::Config;
use crate::model::gazetteer::Gazetteer;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Largest data or content file accepted (a municipality file is a few KB; one
/// with 3,000 providers about 1.5 MB).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// Largest total of data and content files in one site (the nationwide corpus of
/// 1,741 municipalities and 100,000 providers is about 60 MB): bounds memory.
pub const MAX_SITE_BYTES: u64 = 512 * 1024 * 1024;

pub use crate::source::{ReadError, Sources, read_limited};

/// A Markdown file split into front matter and body.
#[derive(Debug)]
pub struct Document<F> {
    pub path: PathBuf,
    pub slug: String,
    pub front: F,
    pub body: String,
}

/// Everything read from disk, parsed but not yet checked.
#[derive(Debug, Default)]
pub struct Loaded {
    pub config: Option<Config>,
    pub gazetteer: Gazetteer,
    pub municipalities: Vec<(PathBuf, raw::Municipality)>,
    pub cases: Vec<Document<raw::CaseFront>>,
    pub guides: Vec<Document<raw::PageFront>>,
    pub recruit: Vec<Document<raw::PageFront>>,
    pub practices: Option<(PathBuf, raw::Practices)>,
    pub national: Option<(PathBuf, raw::National)>,
    pub accessibility: Option<(PathBuf, raw::A11yResults)>,
    pub incentives: Option<(PathBuf, raw::Incentives)>,
    /// `data/prefectures/<pp>.yaml`: what each prefecture does for its municipalities.
    pub prefectures: Vec<(PathBuf, raw::Prefecture)>,
    pub synonyms: Option<(PathBuf, crate::model::Synonyms)>,
    /// The git history of the municipality files (see `history`).
    pub history: Option<Vec<crate::model::history::Revision>>,
    pub boundaries: crate::geo::Boundaries,
    /// The theme's strings with the site's over them.
    pub strings: crate::model::strings::Strings,
    pub sources: Sources,
}

pub const CONFIG_FILE: &str = "kyoten.yaml";
/// Search synonyms: groups of words that find the same pages.
pub const SYNONYMS_FILE: &str = "data/synonyms.yaml";

/// Everything under `root`; once `stop` says so, the municipality files not yet
/// parsed are skipped (the caller drops what it got).
pub fn load(root: &Path, history: bool, stop: &(dyn Fn() -> bool + Sync)) -> (Loaded, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut loaded = Loaded {
        gazetteer: crate::timing::stage("gazetteer", || Gazetteer::load(root, &mut diags)),
        boundaries: crate::timing::stage("boundaries", || crate::geo::Boundaries::load(root, &mut diags)),
        strings: strings::load(root, &mut diags),
        ..Default::default()
    };

    let config_path = PathBuf::from(CONFIG_FILE);
    if let Some(text) = read_text(root, &config_path, &mut diags) {
        loaded.config = parse_yaml::<Config>(&config_path, &text, 0, &mut diags);
        loaded.sources.insert(config_path, text);
    }

    // Municipality files, parsed in parallel: at national scale there are 1,741.
    let files = list(root, "data/municipalities", "yaml", &mut diags);
    if !within_site_budget(root, &files, &mut diags) {
        return (loaded, diags);
    }
    // The git history is read beside the files (it reads only the blobs commits
    // changed), and only when pages are to be built: `kyoten check` never shows it.
    let commits = if history {
        loaded.config.as_ref().map_or(crate::model::config::DEFAULT_HISTORY_COMMITS, |c| c.history_commits)
    } else {
        0
    };
    let (parsed, history): (Vec<_>, _) = rayon::join(
        || {
            crate::timing::stage("yaml", || {
                files
                    .par_iter()
                    .map(|rel| {
                        let mut d = Diagnostics::default();
                        if stop() {
                            return (rel.clone(), None, None, d);
                        }
                        let text = read_text(root, rel, &mut d);
                        let value = text.as_deref().and_then(|t| parse_yaml::<raw::Municipality>(rel, t, 0, &mut d));
                        (rel.clone(), text, value, d)
                    })
                    .collect()
            })
        },
        || if commits == 0 { Ok(None) } else { crate::timing::stage("history", || history::read(root, commits)) },
    );
    match history {
        Ok(h) => loaded.history = h,
        Err(e) => diags.push(
            Diagnostic::warning(CONFIG_FILE, 0, 0, format!("cannot read the site's git history: {e}"))
                .with_hint("pages are built without 更新履歴; `git fsck` tells what is wrong with the repository, or set history_commits: 0"),
        ),
    }
    for (rel, text, value, d) in parsed {
        diags.extend(d);
        if let Some(v) = value {
            loaded.municipalities.push((rel.clone(), v));
        }
        if let Some(t) = text {
            loaded.sources.insert(rel, t);
        }
    }

    loaded.cases =
        crate::timing::stage("cases", || load_documents(root, "content/cases", &mut loaded.sources, &mut diags));
    loaded.guides = load_documents(root, "content/guide", &mut loaded.sources, &mut diags);
    loaded.recruit = load_documents(root, "content/recruit", &mut loaded.sources, &mut diags);

    loaded.practices = load_optional(root, "data/practices.yaml", &mut loaded.sources, &mut diags);
    loaded.national = load_optional(root, "data/national.yaml", &mut loaded.sources, &mut diags);
    loaded.accessibility = load_optional(root, A11Y_RESULTS, &mut loaded.sources, &mut diags);
    loaded.incentives = load_optional(root, "data/incentives.yaml", &mut loaded.sources, &mut diags);
    loaded.synonyms = load_optional(root, SYNONYMS_FILE, &mut loaded.sources, &mut diags);
    for rel in list(root, "data/prefectures", "yaml", &mut diags) {
        if let Some(text) = read_text(root, &rel, &mut diags) {
            if let Some(v) = parse_yaml::<raw::Prefecture>(&rel, &text, 0, &mut diags) {
                loaded.prefectures.push((rel.clone(), v));
            }
            loaded.sources.insert(rel, text);
        }
    }
    (loaded, diags)
}

/// The municipality files and the content together stay under MAX_SITE_BYTES.
fn within_site_budget(root: &Path, files: &[PathBuf], diags: &mut Diagnostics) -> bool {
    let content = WalkDir::new(root.join("content")).into_iter().filter_map(Result::ok);
    let total: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(root.join(f)).ok())
        .chain(content.filter_map(|e| e.metadata().ok()))
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum();
    if total > MAX_SITE_BYTES {
        diags.push(
            Diagnostic::error("data/municipalities", 0, 0, format!("the site's data and content add up to {total} bytes, more than the {MAX_SITE_BYTES} one build reads"))
                .with_hint("publish a region per site, or ask for the limit to be raised"),
        );
        return false;
    }
    true
}

/// A YAML file that a site may leave out.
/// The browser gates' last results (tests/browser/run.sh writes it).
pub const A11Y_RESULTS: &str = "data/accessibility-results.yaml";

fn load_optional<T: DeserializeOwned>(
    root: &Path,
    rel: &str,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<(PathBuf, T)> {
    let path = PathBuf::from(rel);
    if !root.join(&path).exists() {
        return None;
    }
    let text = read_text(root, &path, diags)?;
    let value = parse_yaml::<T>(&path, &text, 0, diags).map(|v| (path.clone(), v));
    sources.insert(path, text);
    value
}

/// Files with an extension in a folder, sorted, relative to the root.
fn list(root: &Path, dir: &str, ext: &str, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let base = root.join(dir);
    if !base.exists() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for entry in WalkDir::new(&base).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let p = e.path();
                if p.extension().and_then(|x| x.to_str()) == Some(ext)
                    && let Ok(rel) = p.strip_prefix(root)
                {
                    out.push(rel.to_path_buf());
                }
            }
            Ok(_) => {}
            Err(e) => diags.push(Diagnostic::error(dir, 0, 0, format!("cannot read folder: {e}"))),
        }
    }
    out
}

fn read_text(root: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
    let bytes = match read_limited(&root.join(rel), MAX_FILE_BYTES) {
        Ok(b) => b,
        Err(ReadError::TooLarge(len)) => {
            diags.push(
                Diagnostic::error(
                    rel,
                    1,
                    1,
                    format!("file is {len} bytes or more, more than the {MAX_FILE_BYTES} allowed"),
                )
                .with_hint("split it: one file per municipality"),
            );
            return None;
        }
        Err(ReadError::Io(e)) => {
            diags.push(Diagnostic::error(rel, 0, 0, format!("cannot read file: {e}")));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.remove(0);
            }
            if text.trim().is_empty() {
                diags.push(
                    Diagnostic::error(rel, 1, 1, "file is empty")
                        .with_hint("delete it, or fill it in (see docs/data-format.md)"),
                );
                return None;
            }
            Some(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = &e.as_bytes()[..valid];
            let line = prefix.iter().filter(|b| **b == b'\n').count() + 1;
            let col = prefix.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            diags.push(
                Diagnostic::error(rel, line, col, format!("file is not valid UTF-8 (byte offset {valid})"))
                    .with_hint("save the file as UTF-8 (Shift_JIS is not accepted)"),
            );
            None
        }
    }
}

/// Parse YAML into `T`; on failure push one diagnostic with the parser's location.
/// `line_offset` shifts lines for front matter inside Markdown files.
fn control_error(rel: &Path, line: usize, col: usize, c: char) -> Diagnostic {
    Diagnostic::error(rel, line, col, format!("control character U+{:04X} in the text", u32::from(c)))
        .with_hint("remove it (text copied out of a PDF often carries form feeds); pages and feeds cannot show it")
}

/// The first forbidden control character in any string of a parsed value.
fn control_in(v: &serde_json::Value) -> Option<char> {
    match v {
        serde_json::Value::String(s) => s.chars().find(|c| crate::source::is_forbidden_control(*c)),
        serde_json::Value::Array(a) => a.iter().find_map(control_in),
        serde_json::Value::Object(o) => o
            .iter()
            .find_map(|(k, v)| k.chars().find(|c| crate::source::is_forbidden_control(*c)).or_else(|| control_in(v))),
        _ => None,
    }
}

pub fn parse_yaml<T: DeserializeOwned>(
    rel: &Path,
    text: &str,
    line_offset: usize,
    diags: &mut Diagnostics,
) -> Option<T> {
    if let Some((line, col)) = find_tab_indent(text) {
        diags.push(
            Diagnostic::error(rel, line + line_offset, col, "tab used for indentation")
                .with_hint("YAML indents with spaces; replace the tab with spaces"),
        );
        return None;
    }
    if let Some(&(line, col, c)) = crate::source::control_chars(text).first() {
        diags.push(control_error(rel, line + line_offset, col, c));
        return None;
    }
    match serde_saphyr::from_str::<T>(text) {
        Ok(v) => {
            // A double-quoted escape may still have made one (rare: confirmed on the values).
            let lines = crate::source::control_escape_lines(text);
            if let Some(&line) = lines.first()
                && let Some(c) = serde_saphyr::from_str::<serde_json::Value>(text).ok().and_then(|v| control_in(&v))
            {
                diags.push(control_error(rel, line + line_offset, 1, c));
                return None;
            }
            Some(v)
        }
        Err(e) => {
            let (line, col) = e.location().map(|l| (l.line() as usize, l.column() as usize)).unwrap_or((1, 1));
            let message = e.without_snippet().to_string();
            let message = message.lines().next().unwrap_or("invalid YAML");
            // The location is already in the diagnostic's prefix.
            let message = match message.rfind(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message.to_string(),
            };
            let message = match message.strip_prefix("budget breached: ") {
                Some(detail) => format!(
                    "the file holds more than the parser reads from one file ({detail}): at most 250,000 values, 50,000 aliases, 64 levels of nesting"
                ),
                None => message,
            };
            let hint = yaml_hint(&message);
            diags.push(Diagnostic::error(rel, line.max(1) + line_offset, col.max(1), message).with_hint_opt(hint));
            None
        }
    }
}

fn find_tab_indent(text: &str) -> Option<(usize, usize)> {
    if !text.contains('\t') {
        return None;
    }
    for (i, line) in text.lines().enumerate() {
        let indent = line.bytes().take_while(|b| *b == b' ' || *b == b'\t');
        if let Some(pos) = indent.into_iter().position(|b| b == b'\t') {
            return Some((i + 1, pos + 1));
        }
    }
    None
}

fn yaml_hint(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some("check the spelling against docs/data-format.md".into())
    } else if message.contains("missing field") {
        Some("add the field; docs/data-format.md shows a complete example".into())
    } else if message.contains("duplicate") {
        Some("each key may appear once in a mapping; remove or merge the repeated one".into())
    } else if message.contains("more than the parser reads")
        || message.contains("alias")
        || message.contains("recursion")
    {
        Some("write values out plainly (no deep nesting or chains of aliases); one municipality file holds up to about 7,000 fully described providers".into())
    } else if message.contains("invalid type") {
        Some("check the value's type: text in quotes, numbers without, lists with '- '".into())
    } else {
        None
    }
}

fn load_documents<F: DeserializeOwned>(
    root: &Path,
    dir: &str,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Vec<Document<F>> {
    let mut docs = Vec::new();
    for rel in list(root, dir, "md", diags) {
        let Some(text) = read_text(root, &rel, diags) else { continue };
        let slug = rel.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        if !slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            diags.push(
                Diagnostic::error(
                    &rel,
                    1,
                    1,
                    format!("file name \"{slug}\" becomes a URL and must use a-z, 0-9 and '-'"),
                )
                .with_hint("rename the file, e.g. kikuchi-shi.md"),
            );
        }
        match split_front_matter(&text) {
            Ok((front_text, body)) => {
                if let Some(front) = parse_yaml::<F>(&rel, front_text, 1, diags) {
                    let body = without_controls(&rel, front_text.lines().count() + 2, body, diags);
                    docs.push(Document { path: rel.clone(), slug, front, body });
                }
            }
            Err((line, message, hint)) => diags.push(Diagnostic::error(&rel, line, 1, message).with_hint(hint)),
        }
        sources.insert(rel, text);
    }
    docs
}

/// A Markdown body without control characters: each one found is dropped with a
/// warning at its line (`before` lines precede the body in the file).
fn without_controls(rel: &Path, before: usize, body: &str, diags: &mut Diagnostics) -> String {
    let found = crate::source::control_chars(body);
    for &(line, col, c) in &found {
        diags.push(
            Diagnostic::warning(rel, line + before, col, format!("control character U+{:04X} removed", u32::from(c)))
                .with_hint("delete it from the file (text copied out of a PDF often carries form feeds)"),
        );
    }
    if found.is_empty() {
        body.to_string()
    } else {
        body.chars().filter(|c| !crate::source::is_forbidden_control(*c)).collect()
    }
}

/// `---\n<yaml>\n---\n<body>` → (yaml, body).
pub fn split_front_matter(text: &str) -> Result<(&str, &str), (usize, String, String)> {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return Err((
            1,
            "missing front matter".into(),
            "start the file with a line '---', the YAML fields, and another '---'".into(),
        ));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Ok((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    Err((1, "front matter never closes".into(), "add a line '---' after the last front matter field".into()))
}
