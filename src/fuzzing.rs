//! Entry points for the fuzz targets (`fuzz/`) and the property tests: each takes
//! arbitrary bytes, runs a parser and the stages after it in memory, and panics
//! only when an invariant breaks (a crash is a bug, a diagnostic is not).

use crate::check;
use crate::diagnostics::Diagnostics;
use crate::load::{self, Loaded, raw};
use crate::model::config::Config;
use crate::model::gazetteer::Gazetteer;
use crate::output::write::OutputFile;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

const CONFIG: &str = "title: 拠点ガイド\ndescription: 説明\nbase_url: https://example.jp/\n";
const MUNICIPALITY_PATH: &str = "data/municipalities/132144.yaml";
const CASE_PATH: &str = "content/cases/fuzz.md";

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::embedded)
}

fn templates() -> &'static Mutex<crate::render::Templates> {
    static T: OnceLock<Mutex<crate::render::Templates>> = OnceLock::new();
    T.get_or_init(|| {
        let mut diags = Diagnostics::default();
        // A folder that does not exist: the theme built into the binary is used.
        let tera = crate::render::load_templates(
            std::path::Path::new("/nonexistent-kyoten-root"),
            "/",
            &crate::model::strings::Strings::default(),
            &mut diags,
        )
        .expect("the embedded theme compiles");
        Mutex::new(tera)
    })
}

fn loaded() -> Loaded {
    let config = serde_saphyr::from_str::<Config>(CONFIG).expect("fuzz config parses");
    Loaded { config: Some(config), gazetteer: gazetteer().clone(), ..Default::default() }
}

/// check → derive → render a loaded site; every page must be free of script
/// that did not come from the theme.
fn check_and_render(loaded: Loaded) {
    let (site, mut diags) = crate::pipeline::check_loaded(loaded, Diagnostics::default(), check::today());
    let Some(site) = site else { return };
    let derived = crate::pipeline::derive(&site);
    let files = {
        let mut tera = templates().lock().unwrap_or_else(|e| e.into_inner());
        crate::render::render_site(&mut tera, &site, &derived, &mut diags, &|| false)
    };
    for f in &files {
        assert_no_injection(f);
    }
}

/// The invariant every output file keeps, whatever the input: no script but the
/// theme's own files, no event-handler attribute, no `javascript:` URL.
pub fn assert_no_injection(f: &OutputFile) {
    if !(f.path.ends_with(".html") || f.path.ends_with(".svg") || f.path.ends_with(".xml")) {
        return;
    }
    let text = String::from_utf8_lossy(&f.bytes).to_ascii_lowercase();
    for (i, _) in text.match_indices("<script") {
        let tag_end = text[i..].find('>').map_or(text.len(), |e| i + e);
        let tag = &text[i..tag_end];
        assert!(
            tag.contains(" src=")
                || tag.contains("type=\"application/ld+json\"")
                || tag.contains("type=application/ld+json"),
            "{}: inline script {}",
            f.path,
            &text[i..(i + 120).min(text.len())]
        );
    }
    assert!(!text.contains("javascript:"), "{}: javascript: URL", f.path);
    for pat in [" onerror=", " onload=", " onclick=", " onmouseover=", " onfocus="] {
        assert!(!text.contains(pat), "{}: event handler attribute {pat}", f.path);
    }
}

/// A municipality file: parse, check, and (when valid) build its pages.
pub fn municipality(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let path = PathBuf::from(MUNICIPALITY_PATH);
    let mut diags = Diagnostics::default();
    let mut loaded = loaded();
    if let Some(m) = load::parse_yaml::<raw::Municipality>(&path, text, 0, &mut diags) {
        loaded.municipalities.push((path.clone(), m));
    }
    loaded.sources.insert(path, text.to_string());
    check_and_render(loaded);
}

/// A case page (Markdown with YAML front matter, ruby braces): split, parse,
/// check, render; the Markdown renderers on the body alone never emit script.
pub fn markdown_document(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    for html in [crate::markdown::render(text, "/base"), crate::markdown::render_inline(text, "/base")] {
        assert!(!html.to_ascii_lowercase().contains("<script"), "markdown emitted a script tag");
    }
    let _ = crate::markdown::plain_text(text);
    let path = PathBuf::from(CASE_PATH);
    let mut diags = Diagnostics::default();
    let mut loaded = loaded();
    if let Ok((front, body)) = load::split_front_matter(text)
        && let Some(front) = load::parse_yaml::<raw::CaseFront>(&path, front, 1, &mut diags)
    {
        loaded.cases.push(load::Document { path: path.clone(), slug: "fuzz".into(), front, body: body.to_string() });
    }
    loaded.sources.insert(path, text.to_string());
    check_and_render(loaded);
}

/// A valid municipality file the WAM import merges into.
const IMPORT_TARGET: &str = "code: \"132144\"\nname: 町田市\nprefecture: 東京都\nstatus: established\nproviders: []\n";

/// The WAM NET CSV: decode, gather rows, merge into a municipality file. The
/// merged file is YAML that parses, and merging the same rows again changes nothing.
pub fn wamnet(bytes: &[u8]) {
    use crate::import::wamnet;
    let Ok((text, _)) = wamnet::decode(bytes) else { return };
    let codes: Vec<String> = vec!["132144".into(), "122327".into(), "271004".into()];
    let mut report = wamnet::Report::default();
    let Ok(gathered) = wamnet::gather(&text, "fuzz.csv", &codes, gazetteer(), &mut report) else { return };
    let once = wamnet::merge_text(IMPORT_TARGET, "t.yaml", "132144", &gathered, &mut report)
        .expect("a valid municipality file accepts the import");
    let parsed: serde_json::Value = serde_saphyr::from_str(&once).expect("the import writes YAML that parses");
    assert!(parsed.get("providers").is_some_and(|p| p.is_array()), "providers stays a list");
    let twice = wamnet::merge_text(&once, "t.yaml", "132144", &gathered, &mut report).expect("re-import merges");
    assert_eq!(once, twice, "importing the same rows twice changes nothing");
}

/// A date as people write it (和暦, 西暦, 年度): a parsed date prints and reparses to itself.
pub fn wareki(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    if let Ok(d) = crate::model::wareki::parse(text) {
        let again = crate::model::wareki::parse(&d.wareki()).expect("a printed date parses");
        assert_eq!(again, d, "print and reparse");
        let _ = (d.iso(), d.rfc3339(), d.machine(), d.fiscal_year());
    }
}

/// A search query: folding is idempotent and never panics.
pub fn search_query(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let folded = crate::output::search::fold(text);
    assert_eq!(crate::output::search::fold(&folded), folded, "folding is idempotent");
    let _ = crate::output::search::katakana(text);
}
