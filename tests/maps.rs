//! Maps: server-rendered SVG with accessible markers, filtered views, open GeoJSON,
//! points without coordinates, and boundary problems as diagnostics.

mod common;

use common::*;
use std::path::Path;

fn build_ok(root: &Path) -> std::path::PathBuf {
    let out = root.join("public");
    let o = kyoten(&["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn example_maps_have_accessible_numbered_markers_and_attribution() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = kyoten(&["build", "--root", repo().to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert!(o.status.success());

    let shiroi = read(&out.join("m/122327/index.html"));
    assert!(shiroi.contains("<svg"), "municipality map");
    assert!(shiroi.contains("1. 白井市基幹相談支援センター：相談、緊急時の受入・対応"), "marker's accessible name");
    assert!(shiroi.contains("#p-shiroi-kikan") && shiroi.contains("id=p-shiroi-kikan"), "marker links to the list");
    assert!(shiroi.contains("気象庁ホームページ"), "boundary attribution");

    let all = read(&out.join("map/index.html"));
    assert_eq!(all.matches("class=marker").count(), 13, "every provider on /map/");
    let emergency = read(&out.join("map/function/emergency/index.html"));
    assert!(emergency.contains("短期入所事業所（サンプル）"));
    assert!(!emergency.contains("グループホーム（サンプル）"), "a GH carrying only 体験 is not an emergency provider");
    let home = read(&out.join("index.html"));
    assert!(home.contains("整備済（●）") && home.contains("未整備（▲・斜線）"), "legend not by colour alone");
    assert!(home.contains("西東京市：未整備（東京都）"));

    let geo: serde_json::Value = serde_json::from_str(&read(&out.join("data/providers.geojson"))).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), 13);
    let kikan = features.iter().find(|f| f["properties"]["id"] == "shiroi-kikan").unwrap();
    let c = kikan["geometry"]["coordinates"].as_array().unwrap();
    assert!(c[0].as_f64().unwrap() > 139.0 && c[1].as_f64().unwrap() < 37.0, "[lon, lat] order");
    assert_eq!(kikan["properties"]["url"], "https://kyoten.example.jp/p/shiroi-kikan/");
    let munis: serde_json::Value = serde_json::from_str(&read(&out.join("data/municipalities.geojson"))).unwrap();
    assert_eq!(munis["features"].as_array().unwrap().len(), 4);
    assert_eq!(munis["features"][0]["geometry"]["type"], "MultiPolygon");
}

#[test]
fn providers_without_coordinates_are_listed_not_placed() {
    let site = scratch_site();
    let root = site.path();
    let yaml = VALID_MUNICIPALITY.replace("    location: { lat: 35.71, lon: 139.46 }\n", "");
    std::fs::write(root.join("data/municipalities/132144.yaml"), yaml).unwrap();
    let out = build_ok(root);
    let page = read(&out.join("m/132144/index.html"));
    assert!(page.contains("位置未確定"));
    assert!(page.contains("テスト短期入所"));
    assert!(!page.contains("class=marker"), "no guessed marker");
    let map = read(&out.join("map/index.html"));
    assert!(map.contains("位置未確定") && !map.contains("class=marker"));
}

#[test]
fn coordinates_outside_the_municipality_are_a_warning() {
    let site = scratch_site();
    let root = site.path();
    // Inside Japan, but in 大阪市, not 国分寺市.
    let yaml = VALID_MUNICIPALITY.replace("{ lat: 35.71, lon: 139.46 }", "{ lat: 34.69, lon: 135.50 }");
    std::fs::write(root.join("data/municipalities/132144.yaml"), yaml).unwrap();
    let o = kyoten(&["check", "--root", root.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "a warning, not an error: {stderr}");
    assert!(
        stderr.contains(
            "data/municipalities/132144.yaml:13:1: warning: provider \"test-shortstay\" lies outside 国分寺市"
        ),
        "{stderr}"
    );
}

#[test]
fn malformed_boundaries_are_diagnostics_not_panics() {
    let site = scratch_site();
    let root = site.path();
    let path = root.join("data/geo/municipalities.geojson");
    let cases = [
        (
            "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"code\":\"132144\"},\"geometry\":null}]}",
            "has no geometry",
            2,
        ),
        (
            "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"code\":\"132144\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[139.4,35.7],[139.5,35.7]]]}}]}",
            "malformed geometry",
            2,
        ),
        (
            "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"code\":\"132144\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[139.4,35.7]}}]}",
            "not a Polygon",
            2,
        ),
        (
            "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{},\"geometry\":null}]}",
            "no \"code\" property",
            1,
        ),
        ("{\"type\": \"FeatureCollection\", \"features\": [", "invalid GeoJSON", 1),
    ];
    for (text, expect, line) in cases {
        std::fs::write(&path, text).unwrap();
        let o = kyoten(&["check", "--root", root.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{expect}: {stderr}");
        assert!(!stderr.contains("panicked"));
        assert!(stderr.contains(&format!("data/geo/municipalities.geojson:{line}:")), "{expect}: {stderr}");
        assert!(stderr.contains(expect), "{expect}: {stderr}");
    }
}

#[test]
fn tiles_are_off_by_default_and_allowed_by_csp_only_when_configured() {
    let site = scratch_site();
    let root = site.path();
    let out = build_ok(root);
    let page = read(&out.join("m/132144/index.html"));
    assert!(!page.contains("cyberjapandata"), "no tile server unless configured");
    let config = read(&root.join("kyoten.yaml")) + "map:\n  tiles: true\n";
    std::fs::write(root.join("kyoten.yaml"), config).unwrap();
    let out = build_ok(root);
    let page = read(&out.join("m/132144/index.html"));
    assert!(page.contains("img-src 'self' data: https://cyberjapandata.gsi.go.jp"), "CSP allows the tile host");
    assert!(page.contains("data-tiles=https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png"));
    assert!(page.contains("地理院タイル") && page.contains("https://maps.gsi.go.jp/development/ichiran.html"));
}
