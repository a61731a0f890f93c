//! Shared helpers for integration tests: the repository root and a scratch site.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Builds the site at `root` into `root/public`; panics with kyoten's errors if it fails.
pub fn build_ok(root: &Path) -> PathBuf {
    let out = root.join("public");
    let o = kyoten(&["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

/// A built file's text.
pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn kyoten(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kyoten")).args(args).output().expect("run kyoten")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A small valid site: the example's config, gazetteer and theme, one municipality.
pub fn scratch_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::copy(repo().join("kyoten.yaml"), root.join("kyoten.yaml")).unwrap();
    copy_dir(&repo().join("data/gazetteer"), &root.join("data/gazetteer"));
    copy_dir(&repo().join("themes"), &root.join("themes"));
    write_small_boundaries(root, &["132144"], &["13"]);
    std::fs::create_dir_all(root.join("data/municipalities")).unwrap();
    std::fs::create_dir_all(root.join("content/cases")).unwrap();
    std::fs::create_dir_all(root.join("content/guide")).unwrap();
    std::fs::write(root.join("data/municipalities/132144.yaml"), VALID_MUNICIPALITY).unwrap();
    std::fs::write(root.join("content/cases/good.md"), VALID_CASE).unwrap();
    dir
}

pub const VALID_MUNICIPALITY: &str = r#"code: "132144"
status: established
type: area_network
emergency_contact:
  name: テスト窓口
  phone: "000-0000-0000"
  hours: always
  sample: true
functions:
  - id: emergency
    description: 緊急時の受入れ
providers:
  - id: test-shortstay
    name: テスト短期入所
    services: [short_stay]
    functions: [emergency]
    accepts: [physical]
    location: { lat: 35.71, lon: 139.46 }
    phone: "000-0000-0001"
    sample: true
last_verified: 2026-01-10
sample: true
"#;

pub const VALID_CASE: &str = "---\ntitle: テスト事例\nprefecture: 東京都\nmunicipality: \"132144\"\nstatus: established\nsummary: テスト\nsource:\n  title: テスト資料\n---\n本文\n";

/// Every file under `dir` with its bytes, for comparing two outputs.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

/// The site's own boundaries: only the features named, taken from the example's files
/// (a site may replace data/geo; small files also keep debug-build tests quick).
pub fn write_small_boundaries(root: &Path, municipalities: &[&str], prefectures: &[&str]) {
    std::fs::create_dir_all(root.join("data/geo")).unwrap();
    for (file, keep) in [("municipalities.geojson", municipalities), ("prefectures.geojson", prefectures)] {
        let text = std::fs::read_to_string(repo().join("data/geo").join(file)).unwrap();
        let mut all: serde_json::Value = serde_json::from_str(&text).unwrap();
        let features = all["features"].as_array_mut().unwrap();
        features.retain(|f| keep.contains(&f["properties"]["code"].as_str().unwrap_or_default()));
        std::fs::write(root.join("data/geo").join(file), serde_json::to_string(&all).unwrap()).unwrap();
    }
}

/// A fixture site of `tests/fixtures/<name>/` in a scratch folder, with the
/// example's gazetteer (fixtures keep only what their test is about).
pub fn fixture_site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
    copy_dir(&repo().join("data/gazetteer"), &dir.path().join("data/gazetteer"));
    // Boundaries of its municipalities and their prefectures only.
    let codes: Vec<String> = std::fs::read_dir(dir.path().join("data/municipalities"))
        .map(|d| d.filter_map(Result::ok).filter_map(|e| Some(e.path().file_stem()?.to_str()?.to_string())).collect())
        .unwrap_or_default();
    let mut prefs: Vec<String> = codes.iter().map(|c| c[..2].to_string()).collect();
    prefs.dedup();
    let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
    let prefs: Vec<&str> = prefs.iter().map(String::as_str).collect();
    write_small_boundaries(dir.path(), &codes, &prefs);
    dir
}

/// A page's text without its tags (entities left as written): what a reader sees
/// in one run, for asserting sentences that markup splits.
pub fn text(html: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in html.chars() {
        match c {
            '<' => tag = true,
            '>' => tag = false,
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// What is wrong with the first view of a page's maps, as a reader would see it on
/// a 390 px phone (the map 358 px wide): two markers' tap areas overlapping, a
/// marker outside the map, a symbol under 24 px or a tap area under 44 px across.
/// Markers drawn inside a cluster (hidden until zoomed) are left out.
pub fn map_faults(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let num =
        |e: &scraper::ElementRef, a: &str| e.value().attr(a).and_then(|v| v.parse::<f64>().ok()).unwrap_or(f64::NAN);
    let mut faults = Vec::new();
    for svg in doc.select(&sel("svg.map-svg")) {
        let vb: Vec<f64> = svg
            .value()
            .attr("viewBox")
            .or(svg.value().attr("viewbox"))
            .unwrap_or("")
            .split(' ')
            .filter_map(|v| v.parse().ok())
            .collect();
        let [_, _, w, h] = vb[..] else {
            faults.push("a map without a viewBox".into());
            continue;
        };
        let phone = 358.0 / w;
        let mut shown = Vec::new();
        for a in svg.select(&sel("g.map-markers a.marker:not(.clustered)")) {
            let id = a.value().attr("data-id").unwrap_or("?").to_string();
            let Some(hit) = a.select(&sel("circle.hit")).next() else {
                faults.push(format!("{id}: no tap area"));
                continue;
            };
            let (x, y, r) = (num(&hit, "cx"), num(&hit, "cy"), num(&hit, "r"));
            if !(0.0..=w).contains(&x) || !(0.0..=h).contains(&y) {
                faults.push(format!("{id}: at {x},{y}, outside the {w}×{h} map"));
            }
            if r * phone < 21.9 {
                faults.push(format!("{id}: tap area {:.1} px across", 2.0 * r * phone));
            }
            if let Some(sym) = a.select(&sel("circle.sym")).next()
                && num(&sym, "r") * phone < 11.9
            {
                faults.push(format!("{id}: symbol {:.1} px across", 2.0 * num(&sym, "r") * phone));
            }
            shown.push((id, x, y, r));
        }
        for (i, a) in shown.iter().enumerate() {
            for b in &shown[i + 1..] {
                if (a.1 - b.1).hypot(a.2 - b.2) < a.3 + b.3 - 0.05 {
                    faults.push(format!("{} and {}: tap areas overlap", a.0, b.0));
                }
            }
        }
    }
    faults
}
