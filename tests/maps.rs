//! Maps: server-rendered SVG with accessible markers, filtered views, open GeoJSON,
//! points without coordinates, and boundary problems as diagnostics.

mod common;

use common::*;

/// (provider markers, providers shown: alone or counted in a shown cluster) on a page.
fn markers(html: &str) -> (usize, usize) {
    let doc = scraper::Html::parse_document(html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let all = doc.select(&sel("g.map-markers a.marker:not(.cluster)")).count();
    let alone = doc.select(&sel("g.map-markers a.marker:not(.cluster):not(.clustered)")).count();
    let in_clusters: usize = doc
        .select(&sel("g.map-markers a.cluster"))
        .map(|c| c.value().attr("data-members").unwrap_or("").split(' ').count())
        .sum();
    (all, alone + in_clusters)
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

    // Counted from the data, not typed: the example's content changes.
    let site = kyoten::check_site(&repo()).0.expect("the example checks");
    let located = site.municipalities.iter().flat_map(|m| &m.providers).filter(|p| p.location.is_some()).count();
    assert!(located > 5);
    let all = read(&out.join("map/index.html"));
    assert_eq!(markers(&all), (located, located), "every located provider on /map/, alone or in a cluster");
    // The first view of every map of the site, as a phone shows it.
    for page in walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok) {
        if page.path().extension().is_some_and(|e| e == "html") {
            let faults = map_faults(&read(page.path()));
            assert!(faults.is_empty(), "{}: {faults:?}", page.path().display());
        }
    }
    let emergency = read(&out.join("map/function/emergency/index.html"));
    assert!(emergency.contains("短期入所事業所（サンプル）"));
    assert!(!emergency.contains("グループホーム（サンプル）"), "a GH carrying only 体験 is not an emergency provider");
    let home = read(&out.join("index.html"));
    assert!(home.contains("整備済（●）") && home.contains("未整備（▲・斜線）"), "legend not by colour alone");
    assert!(home.contains("西東京市：整備予定（東京都）"));

    let geo: serde_json::Value = serde_json::from_str(&read(&out.join("data/providers.geojson"))).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), located);
    let kikan = features.iter().find(|f| f["properties"]["id"] == "shiroi-kikan").unwrap();
    let c = kikan["geometry"]["coordinates"].as_array().unwrap();
    assert!(c[0].as_f64().unwrap() > 139.0 && c[1].as_f64().unwrap() < 37.0, "[lon, lat] order");
    assert_eq!(kikan["properties"]["url"], "https://kyoten.example.jp/p/shiroi-kikan/");
    let munis: serde_json::Value = serde_json::from_str(&read(&out.join("data/municipalities.geojson"))).unwrap();
    assert_eq!(munis["features"].as_array().unwrap().len(), 9, "6 files and 3 joint members");
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

/// A site with more providers than one map page lists is split: /map/ counts them per
/// prefecture, /map/pref/<pp>/ per municipality, and only /map/m/<code>/ lists
/// providers, one municipality's, numbered on its own map.
#[test]
fn big_sites_split_the_map_by_prefecture_and_municipality() {
    let site = scratch_site();
    let root = site.path();
    write_small_boundaries(root, &["132144", "122327"], &["13", "12"]);
    let (head, _) = VALID_MUNICIPALITY.split_once("providers:\n").unwrap();
    let mut tokyo = format!("{head}providers:\n");
    for i in 1..=520 {
        let functions = if i % 2 == 0 { "[emergency]" } else { "[experience]" };
        tokyo += &format!(
            "  - id: t{i}\n    name: 東京テスト事業所{i}\n    services: [short_stay]\n    functions: {functions}\n    accepts: [physical]\n    location: {{ lat: 35.70{:02}, lon: 139.46{:02} }}\n    phone: \"000-0000-0001\"\n    sample: true\n",
            i % 100,
            i / 10 % 100
        );
    }
    tokyo += "last_verified: 2026-01-10\nsample: true\n";
    std::fs::write(root.join("data/municipalities/132144.yaml"), tokyo).unwrap();
    let chiba = VALID_MUNICIPALITY
        .replace("code: \"132144\"", "code: \"122327\"")
        .replace("test-shortstay", "chiba-shortstay")
        .replace("{ lat: 35.71, lon: 139.46 }", "{ lat: 35.7925, lon: 140.0571 }");
    std::fs::write(root.join("data/municipalities/122327.yaml"), chiba).unwrap();
    let out = build_ok(root);

    // /compare/ of a split site compares prefectures; their pages compare municipalities.
    let compare = read(&out.join("compare/index.html"));
    assert!(compare.contains("都道府県ごとの比較") && !compare.contains("市区町村ごとの比較"));
    assert!(compare.contains("/compare/13/>東京都</a>") || compare.contains("/compare/13/\">東京都</a>"));
    assert!(!compare.contains("/m/132144/"), "no municipality rows on the national page");
    let compare_tokyo = read(&out.join("compare/13/index.html"));
    assert!(compare_tokyo.contains("市区町村ごとの比較") && compare_tokyo.contains("/m/132144/"));
    // 520 providers are more than a municipality page lists: it counts them and
    // links to its 拠点マップ page, which lists all; its map draws the clusters only.
    let page = read(&out.join("m/132144/index.html"));
    assert!(
        !page.contains("id=p-t1 ") && !page.contains("id=p-t1>") && !page.contains("id=\"p-t1\""),
        "no list of 520"
    );
    assert!(page.contains("事業所など 520 か所") && page.contains("/map/m/132144/"));
    assert!(page.contains("/map/m/132144/function/emergency/"), "each function links to its filtered list");
    assert!(!page.contains("marker clustered") && page.contains("data-static"), "clusters only");
    assert!(!page.contains("href=#p-"), "markers lead to pages that exist, not to a missing list");
    assert!(map_faults(&page).is_empty(), "{:?}", map_faults(&page));
    assert!(page.len() < 150_000, "{} bytes", page.len());
    let national = read(&out.join("map/index.html"));
    assert!(national.contains("都道府県ごとの数") && !national.contains("class=map-item"), "counts, not 521 items");
    assert!(national.contains("/map/pref/13/") && national.contains("/map/pref/12/"));
    assert!(national.contains("aria-label=東京都：520か所") || national.contains("aria-label=\"東京都：520か所\""));
    assert!(national.contains("data-map-page=summary"));

    let tokyo = read(&out.join("map/pref/13/index.html"));
    assert!(
        tokyo.contains("市区町村ごとの数") && tokyo.contains("/map/m/132144/"),
        "520 > 500: counted per municipality"
    );
    let chiba = read(&out.join("map/pref/12/index.html"));
    assert!(
        !chiba.contains("class=map-item") && chiba.contains("/map/m/122327/"),
        "a prefecture counts, even when small"
    );

    // 520 are more than one map page lists (500): the list is in two parts, the
    // map draws its clusters as they are, and each filter has its own pages.
    let kokubunji = read(&out.join("map/m/132144/index.html"));
    let part2 = read(&out.join("map/m/132144/2/index.html"));
    assert_eq!(kokubunji.matches("class=map-item").count(), 500, "the first part lists 500");
    assert_eq!(part2.matches("class=map-item").count(), 20, "the second the other 20");
    assert!(part2.contains("id=p-t501") && part2.contains("value=501"), "numbered on from the first part");
    for page in [&kokubunji, &part2] {
        assert!(page.contains("href=/map/m/132144/#list-title") && page.contains("href=/map/m/132144/2/#list-title"));
        assert!(page.contains("1〜500 番目") && page.contains("501〜520 番目"), "each part says what it has");
        assert!(
            page.contains("data-map-page=parts") && !page.contains("<form class=map-filter"),
            "no filtering of one part"
        );
        assert!(page.contains("data-static") && !page.contains("marker clustered"), "clusters only");
        assert!(map_faults(page).is_empty(), "{:?}", map_faults(page));
        assert!(page.contains("/map/m/132144/function/emergency/"), "filters are the municipality's own pages");
    }
    assert!(
        part2.contains("aria-current=page href=/map/m/132144/2/#list-title>501〜520 番目"),
        "the pager marks the part shown"
    );
    let (_, shown) = markers(&kokubunji);
    assert_eq!(shown, 520, "every provider in a marker or a cluster");
    assert!(
        kokubunji.contains("1. 東京テスト事業所1：体験の機会・場（国分寺市）")
            || kokubunji.contains("東京テスト事業所1、")
    );
    // A marker or cluster leads to its entry, on the part that lists it.
    let doc = scraper::Html::parse_document(&part2);
    let sel = scraper::Selector::parse("g.map-markers a.marker").unwrap();
    let hrefs: Vec<&str> = doc.select(&sel).filter_map(|a| a.value().attr("href")).collect();
    assert!(
        !hrefs.is_empty() && hrefs.iter().all(|h| h.starts_with("#p-t5") || h.starts_with("/map/m/132144/#p-t")),
        "{hrefs:?}"
    );
    assert!(hrefs.iter().any(|h| h.starts_with("/map/m/132144/#p-t")), "entries of the first part on the first page");

    let own = read(&out.join("map/m/132144/function/emergency/index.html"));
    assert_eq!(own.matches("class=map-item").count(), 260, "260 carry 緊急時: one page");
    assert!(own.contains("id=p-t2 ") || own.contains("id=p-t2>"));
    assert!(!own.contains("id=p-t1 ") && !own.contains("id=p-t1>"), "t1 does not carry 緊急時");
    assert!(!out.join("map/m/132144/function/emergency/2").exists());
    assert!(page.contains("/map/m/132144/function/emergency/"), "the municipality page links its filter pages");

    let emergency = read(&out.join("map/pref/13/function/emergency/index.html"));
    assert!(emergency.contains("/map/m/132144/function/emergency/") && !emergency.contains("class=map-item"));
    assert!(emergency.contains("<td class=num>260</td>"), "260 of 国分寺市's providers carry 緊急時");
    let physical = read(&out.join("map/accepts/physical/index.html"));
    assert!(physical.contains("/map/pref/13/accepts/physical/"), "counts link to the same filter one level down");
    let physical12 = read(&out.join("map/pref/12/accepts/physical/index.html"));
    assert!(physical12.contains("/map/m/122327/?accepts=physical"), "a short list is filtered in place");
    assert!(!out.join("map/m/122327/accepts").exists(), "no filter pages of a short list");
    let short = read(&out.join("map/m/122327/index.html"));
    assert!(short.contains("data-map-page=all") && short.contains("<form class=map-filter"), "filtered in place");
    assert!(short.contains("/map/pref/12/function/") && !short.contains("class=pager"));
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("/map/pref/13/function/emergency/") && sitemap.contains("/map/m/122327/"));
    assert!(sitemap.contains("/map/m/132144/2/"), "every part is in the sitemap");

    // Lists of municipalities go by prefecture too; the 24-hour number is on the list.
    let home = read(&out.join("index.html"));
    assert!(home.contains("href=/m/13/") && home.contains("href=/m/12/"), "home links prefectures");
    assert!(!home.contains("東京テスト事業所"), "home lists no providers");
    let tokyo_list = read(&out.join("m/13/index.html"));
    assert!(tokyo_list.contains("href=tel:000-0000-0000") && tokyo_list.contains("テスト窓口"), "{tokyo_list}");
    assert!(tokyo_list.contains("href=/m/132144/") && !tokyo_list.contains("href=/m/122327/"));
    let search = read(&out.join("search/index.html"));
    assert!(!search.contains("東京テスト事業所"), "the 五十音 index lists municipalities, not 521 providers");
    let row = (1..=10).map(|i| out.join(format!("search/{i}/index.html"))).find(|p| p.exists()).unwrap();
    assert!(read(&row).contains("href=/m/"), "a row page lists its municipalities");
}

#[test]
fn a_nationwide_overview_shows_areas_without_a_symbol_per_municipality() {
    let site = scratch_site();
    let root = site.path();
    let gazetteer = std::fs::read_to_string(repo().join("data/gazetteer/municipalities.csv")).unwrap();
    let rows: Vec<Vec<&str>> = gazetteer.lines().skip(1).map(|l| l.split(',').collect()).take(320).collect();
    std::fs::remove_file(root.join("data/municipalities/132144.yaml")).unwrap();
    std::fs::remove_file(root.join("content/cases/good.md")).unwrap();
    for r in &rows {
        let (head, _) = VALID_MUNICIPALITY.split_once("providers:\n").unwrap();
        let status = if r[0].ends_with('2') { "established" } else { "planned\ntarget: 令和9年度" };
        let yaml = head
            .replace("code: \"132144\"", &format!("code: \"{}\"", r[0]))
            .replace("status: established", &format!("status: {status}"))
            + "last_verified: 2026-01-10\nsample: true\n";
        std::fs::write(root.join(format!("data/municipalities/{}.yaml", r[0])), yaml).unwrap();
    }
    let codes: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    let mut prefs: Vec<&str> = rows.iter().map(|r| r[1]).collect();
    prefs.dedup();
    write_small_boundaries(root, &codes, &prefs);
    let out = build_ok(root);
    let home = read(&out.join("index.html"));
    assert!(home.contains("map-dense"), "finer lines for many small areas");
    assert!(!home.contains("class=marker") && !home.contains("marker clustered"), "no symbol per municipality");
    assert!(
        home.contains("整備済（青）") && home.contains("未整備（斜線）") && !home.contains("整備済（●）"),
        "the legend says what the map shows"
    );
    assert!(home.contains("/m/011002/"), "areas still link to their pages");
}
