//! The strings files: the theme's `strings/ja.yaml` (which defines the keys, each
//! key the generator uses among them), then the site's own over it, key by key.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::strings::{LANG_FILE, S, Strings};
use crate::theme::{SourceFile, THEME_DIR};
use std::collections::BTreeMap;
use std::path::Path;

/// The theme's strings with the site's over them; a missing key (one the generator
/// uses) and an unknown key (one a site sets that the theme does not define) are
/// errors at the file and line.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Strings {
    let files: Vec<SourceFile> =
        crate::theme::layered(root, "strings", diags).into_iter().filter(|f| f.name == LANG_FILE).collect();
    // `layered` puts the site's own file after the theme's.
    let (own, theme) = match files.as_slice() {
        [theme, own] => (Some(own), Some(theme)),
        [one] if one.shown.starts_with("strings") => (Some(one), None),
        [one] => (None, Some(one)),
        _ => (None, None),
    };
    // A site with only its own file: the built-in theme's defines the keys.
    let strings = match theme.and_then(|f| parse(f, diags).map(|map| (f, map))) {
        Some((file, map)) => {
            for s in S::ALL {
                if !map.contains_key(s.key()) {
                    diags.push(
                        Diagnostic::error(&file.shown, 0, 0, format!("string key \"{}\" is missing", s.key()))
                            .with_hint("the generator uses this key; add it with its text"),
                    );
                }
            }
            Strings::from_map(map)
        }
        None => Strings::default(),
    };
    overlay(strings, own, diags)
}

fn overlay(mut strings: Strings, own: Option<&SourceFile>, diags: &mut Diagnostics) -> Strings {
    let Some(own) = own else { return strings };
    let Some(map) = parse(own, diags) else { return strings };
    let text = String::from_utf8_lossy(&own.bytes);
    for (key, value) in map {
        if strings.set(&key, value) {
            continue;
        }
        let line = text.lines().position(|l| key_of(l) == Some(key.as_str())).map_or(0, |i| i + 1);
        let hint = strings
            .keys()
            .map(|k| (strsim::levenshtein(k, &key), k))
            .min()
            .filter(|(d, _)| *d <= 4)
            .map(|(_, k)| format!("did you mean \"{k}\"?"))
            .unwrap_or_else(|| format!("a site may override the keys of {THEME_DIR}/strings/{LANG_FILE}"));
        diags.push(Diagnostic::error(&own.shown, line, 1, format!("unknown string key \"{key}\"")).with_hint(hint));
    }
    strings
}

/// The key a line of a flat YAML map starts, if it starts one.
fn key_of(line: &str) -> Option<&str> {
    let (key, _) = line.split_once(':')?;
    let key = key.trim_end().trim_matches(['"', '\'']);
    (!key.is_empty() && !line.starts_with([' ', '#', '-'])).then_some(key)
}

fn parse(f: &SourceFile, diags: &mut Diagnostics) -> Option<BTreeMap<String, String>> {
    let Ok(text) = std::str::from_utf8(&f.bytes) else {
        diags.push(Diagnostic::error(&f.shown, 0, 0, "strings file is not UTF-8"));
        return None;
    };
    super::parse_yaml::<BTreeMap<String, String>>(&f.shown, text, 0, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_of_reads_flat_keys_only() {
        assert_eq!(key_of("crumb.home: トップ"), Some("crumb.home"));
        assert_eq!(key_of("\"crumb.home\": トップ"), Some("crumb.home"));
        assert_eq!(key_of("# crumb.home: x"), None);
        assert_eq!(key_of("  nested: x"), None);
    }
}
