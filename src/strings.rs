//! The words the generator puts on pages outside the templates' own markup — page
//! titles, breadcrumbs, map and chart labels, headlines — in one file per language
//! in the theme (`themes/default/strings/ja.yaml`). A site overrides any key in its
//! own `strings/ja.yaml`; Rust names keys ([`S`]) and fills in `{name}` places with
//! numbers, names and dates, never with words of its own. Every key is also a
//! template global: `{{ t["recruit.far.all"] }}`.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::theme::SourceFile;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The language file read (`strings/<LANG>.yaml`).
pub const LANG_FILE: &str = "ja.yaml";

macro_rules! keys {
    ($($(#[$doc:meta])* $v:ident = $k:literal,)*) => {
        /// A string the Rust code puts on a page, by its key in the strings file.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum S { $($(#[$doc])* $v,)* }
        impl S {
            /// Every key the Rust code uses: the theme's file must define each.
            pub const ALL: &'static [S] = &[$(S::$v,)*];
            /// The key in the strings file.
            pub fn key(self) -> &'static str {
                match self { $(S::$v => $k,)* }
            }
        }
    };
}

keys! {
    CrumbHome = "crumb.home",
    CrumbMunicipalities = "crumb.municipalities",
    CrumbCases = "crumb.cases",
    CrumbGuide = "crumb.guide",
    CrumbRecruit = "crumb.recruit",
    CrumbCompare = "crumb.compare",
    CrumbSearch = "crumb.search",
    CrumbMap = "crumb.map",
    TitleMunicipalityIndex = "title.municipality_index",
    TitlePrefMunicipalities = "title.pref_municipalities",
    TitleCases = "title.cases",
    TitleCaseFacet = "title.case_facet",
    TitlePracticesPref = "title.practices_pref",
    TitleGuideIndex = "title.guide_index",
    TitleRecruitIndex = "title.recruit_index",
    TitleRecruitFlyer = "title.recruit_flyer",
    TitleData = "title.data",
    TitleCompare = "title.compare",
    TitleComparePref = "title.compare_pref",
    TitleSearch = "title.search",
    TitleKanaRow = "title.kana_row",
    TitleNotFound = "title.not_found",
    FeedMunicipalityTitle = "feed.municipality_title",
    FeedMunicipalitySummary = "feed.municipality_summary",
    MapTitle = "map.title",
    MapTitleFacet = "map.title_facet",
    MapTitleMunicipality = "map.title_municipality",
    MapTitleScope = "map.title_scope",
    MapTitleScopeFacet = "map.title_scope_facet",
    MapScopeName = "map.scope_name",
    MapAreaLabel = "map.area_label",
    MapSummaryLabel = "map.summary_label",
    MapRowsPrefectures = "map.rows_prefectures",
    MapRowsMunicipalities = "map.rows_municipalities",
    MapOfMunicipality = "map.of_municipality",
    MapToPage = "map.to_page",
    MapOverview = "map.overview",
    ChartFunctions = "chart.functions",
    ChartStatus = "chart.status",
    ChartStatusRow = "chart.status_row",
    ChartMunicipalities = "chart.municipalities",
    ChartMunicipalityRow = "chart.municipality_row",
    ChartPlanned = "chart.planned",
    CompareTypeUnknown = "compare.type_unknown",
    SearchMunicipalityTitle = "search.municipality_title",
    RecruitHeadlineSamples = "recruit.headline.samples",
    RecruitHeadlineEmergencyGaps = "recruit.headline.emergency_gaps",
    RecruitHeadlineNoEmergencyStay = "recruit.headline.no_emergency_stay",
    RecruitHeadlineFunction = "recruit.headline.function",
    RecruitHeadlineGeneral = "recruit.headline.general",
    RecruitHeadlineMore = "recruit.headline.more",
    RecruitHeadlineJoiner = "recruit.headline.joiner",
}

/// The strings of one language: the theme's file with the site's keys over it.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Strings {
    all: BTreeMap<String, String>,
}

impl Default for Strings {
    /// The built-in theme's strings.
    fn default() -> Self {
        let embedded = crate::theme::EMBEDDED.iter().find(|(rel, _)| *rel == "strings/ja.yaml");
        let text = embedded.and_then(|(_, b)| std::str::from_utf8(b).ok()).unwrap_or_default();
        Strings { all: serde_saphyr::from_str(text).unwrap_or_default() }
    }
}

impl Strings {
    /// The text of a key.
    pub fn get(&self, s: S) -> &str {
        self.all.get(s.key()).map_or("", String::as_str)
    }

    /// The text of a key with its `{name}` places filled in.
    pub fn fill(&self, s: S, args: &[(&str, &str)]) -> String {
        let mut out = self.get(s).to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    /// The strings files of the theme, then the site's over them: the theme defines
    /// which keys there are (each key the Rust code uses among them); a site's file
    /// may only override those.
    pub fn load(root: &Path, diags: &mut Diagnostics) -> Strings {
        let files: Vec<SourceFile> =
            crate::theme::layered(root, "strings", diags).into_iter().filter(|f| f.name == LANG_FILE).collect();
        // `layered` puts the site's own file after the theme's.
        let (site_file, theme_file) = match files.as_slice() {
            [theme, own] => (Some(own), Some(theme)),
            [one] if one.shown.starts_with("strings") => (Some(one), None),
            [one] => (None, Some(one)),
            _ => (None, None),
        };
        let mut strings = Strings { all: BTreeMap::new() };
        let Some(theme_file) = theme_file else {
            // The site has only its own file: the built-in theme's defines the keys.
            return overlay(Strings::default(), site_file, diags);
        };
        if let Some(map) = parse(theme_file, diags) {
            for s in S::ALL {
                if !map.contains_key(s.key()) {
                    diags.push(
                        Diagnostic::error(&theme_file.shown, 0, 0, format!("string key \"{}\" is missing", s.key()))
                            .with_hint("the generator uses this key; add it with its text"),
                    );
                }
            }
            strings.all = map;
        }
        overlay(strings, site_file, diags)
    }
}

fn overlay(mut strings: Strings, own: Option<&SourceFile>, diags: &mut Diagnostics) -> Strings {
    let Some(own) = own else { return strings };
    let Some(map) = parse(own, diags) else { return strings };
    let text = String::from_utf8_lossy(&own.bytes);
    for (key, value) in map {
        if let Some(known) = strings.all.get_mut(&key) {
            *known = value;
            continue;
        }
        let line = text.lines().position(|l| key_of(l) == Some(key.as_str())).map_or(0, |i| i + 1);
        let hint = strings
            .all
            .keys()
            .map(|k| (strsim::levenshtein(k, &key), k))
            .min()
            .filter(|(d, _)| *d <= 4)
            .map(|(_, k)| format!("did you mean \"{k}\"?"))
            .unwrap_or_else(|| {
                format!("a site may override the keys of {}/strings/{LANG_FILE}", crate::theme::THEME_DIR)
            });
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
    crate::load::parse_yaml::<BTreeMap<String, String>>(&f.shown, text, 0, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_defines_every_key() {
        let s = Strings::default();
        for k in S::ALL {
            assert!(!s.get(*k).is_empty(), "{} missing from themes/default/strings/ja.yaml", k.key());
        }
    }

    #[test]
    fn fill_puts_values_in_their_places() {
        let s = Strings::default();
        assert_eq!(s.fill(S::TitlePrefMunicipalities, &[("pref", "千葉県")]), "千葉県の市区町村");
    }

    #[test]
    fn key_of_reads_flat_keys_only() {
        assert_eq!(key_of("crumb.home: トップ"), Some("crumb.home"));
        assert_eq!(key_of("\"crumb.home\": トップ"), Some("crumb.home"));
        assert_eq!(key_of("# crumb.home: x"), None);
        assert_eq!(key_of("  nested: x"), None);
    }
}
