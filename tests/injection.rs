//! Issue 7, injection: the example site with a payload in every free-text field
//! (data files, config, case and guide front matter, Markdown bodies, ruby) and a
//! hostile query in every URL builds, and no payload survives as markup, script,
//! URL, broken JSON/XML, or a spreadsheet formula, in any output file.

mod common;

use scraper::{Html, Selector};
use serde_json::Value;
use std::path::Path;

/// Script tags, event handlers, breaking out of attributes and of `<script>` JSON,
/// SVG with script, `javascript:` and `data:` URLs in Markdown and raw HTML, a
/// template tag, and a line separator (legal in JSON, not in old JavaScript).
const PAYLOAD: &str = concat!(
    "HYPERLINK(\"http://evil.example/\",\"x\") <script>alert(1)</script>",
    "\"><img src=x onerror=alert(2)>'><svg onload=alert(3)><script>alert(4)</script></svg>",
    "</script><script>alert(5)</script>",
    " [l](javascript:alert(6)) <a href=\"javascript:alert(7)\">a</a> ![d](data:text/html,alert(8))",
    " [v](  JaVaScRiPt:alert(9)) <iframe src=\"data:text/html,x\"></iframe> {{ config }} {% raw %}",
    " \u{2028} -->]]></title>",
);

/// Keys whose values are identifiers, codes, dates, numbers or phone numbers:
/// the checker validates them, so they keep the example's values.
const STRUCTURED: &[&str] = &[
    "accepts",
    "base_url",
    "check",
    "tested_on",
    "code",
    "date",
    "established",
    "functions",
    "gives",
    "id",
    "item",
    "kind",
    "last_verified",
    "level",
    "meeting",
    "members",
    "municipality",
    "phone",
    "fax",
    "corporate_number",
    "purpose",
    "sample_fields",
    "funding",
    "confirmed",
    "target",
    "ward",
    "days",
    "from",
    "to",
    "prefecture",
    "prefectures",
    "registered",
    "services",
    "since",
    "status",
    "type",
    "wam_number",
    "year",
];

/// A URL the checker accepts (allowed scheme, no quotes or angle brackets) that
/// still tries to leave its attribute.
const HOSTILE_URL: &str = "https://evil.example/?q='onmouseover=alert(10)//&amp;x=%22%3E%3Cscript%3E";

fn poison(v: &mut Value, key: Option<&str>, payload: &str) {
    match v {
        Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                poison(x, Some(k), payload);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|x| poison(x, key, payload)),
        Value::String(s) => match key {
            Some("url" | "form_url") if s.starts_with("http") => *s = HOSTILE_URL.into(),
            Some(k) if STRUCTURED.contains(&k) || k == "url" || k == "form_url" => {}
            // A contact's hours are an id; a provider's are words and get the payload.
            Some("hours") if kyoten::model::vocab::HOURS_PRESET.get(s).is_some() => {}
            _ => *s = format!("{payload} {s}"),
        },
        _ => {}
    }
}

/// Rewrite a YAML file with every free-text value poisoned (JSON is valid YAML).
fn poison_yaml(path: &Path, payload: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut v: Value = serde_saphyr::from_str(&text).unwrap();
    poison(&mut v, None, payload);
    std::fs::write(path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

fn poison_markdown(path: &Path, payload: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let (front, body) = kyoten::load::split_front_matter(&text).unwrap();
    let mut v: Value = serde_saphyr::from_str(front).unwrap();
    poison(&mut v, None, payload);
    let body = format!(
        "{payload}\n\n{{障害|<script>alert(11)</script>}} <https://evil.example/\"onmouseover=alert(12)>\n\n{body}\n\n- {payload}\n"
    );
    std::fs::write(path, format!("---\n{}\n---\n{body}", serde_json::to_string(&v).unwrap())).unwrap();
}

/// The example site with `prefix` + PAYLOAD in every free-text field, built in memory.
fn build_poisoned(prefix: &str) -> Vec<kyoten::render::OutputFile> {
    let payload = format!("{prefix}{PAYLOAD}");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::copy_dir(&common::repo().join("data"), &root.join("data"));
    common::copy_dir(&common::repo().join("content"), &root.join("content"));
    std::fs::copy(common::repo().join("kyoten.yaml"), root.join("kyoten.yaml")).unwrap();
    poison_yaml(&root.join("kyoten.yaml"), &payload);
    for entry in walkdir::WalkDir::new(root.join("data")).into_iter().filter_map(Result::ok) {
        let p = entry.path();
        let name = p.file_name().unwrap().to_string_lossy();
        if name.ends_with(".yaml") && name != "synonyms.yaml" {
            poison_yaml(p, &payload);
        }
    }
    for entry in walkdir::WalkDir::new(root.join("content")).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_some_and(|e| e == "md") {
            poison_markdown(entry.path(), &payload);
        }
    }
    match kyoten::build_files(root) {
        Ok((files, _)) => files,
        Err(d) => panic!(
            "the poisoned site must build:\n{}",
            d.items.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
        ),
    }
}

fn allowed_url(url: &str) -> bool {
    // Browsers drop ASCII whitespace and C0 controls before reading a scheme.
    let cleaned: String = url.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
    let lower = cleaned.to_ascii_lowercase();
    match lower.find(':') {
        Some(i) if !lower[..i].contains(['/', '?', '#']) => ["http", "https", "tel", "mailto"].contains(&&lower[..i]),
        _ => true,
    }
}

const URL_ATTRS: &[&str] = &["href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"];

/// Returns whether the payload shows on the page as text.
fn check_html(path: &str, text: &str, problems: &mut Vec<String>) -> bool {
    let doc = Html::parse_document(text);
    let all = Selector::parse("*").unwrap();
    for el in doc.select(&all) {
        let name = el.value().name();
        if ["iframe", "object", "embed", "frame", "base"].contains(&name) {
            problems.push(format!("{path}: <{name}> element"));
        }
        for (attr, value) in el.value().attrs() {
            if attr.to_ascii_lowercase().starts_with("on") {
                problems.push(format!("{path}: <{name} {attr}=…> event handler"));
            }
            if URL_ATTRS.contains(&attr) && !allowed_url(value) {
                problems.push(format!("{path}: <{name} {attr}=\"{value}\"> URL scheme"));
            }
            if attr == "style" && value.to_ascii_lowercase().contains("url(") {
                problems.push(format!("{path}: <{name} style> with url()"));
            }
        }
        if name == "script" {
            let src = el.value().attr("src");
            let kind = el.value().attr("type");
            if let Some(src) = src {
                if !src.starts_with('/') || src.starts_with("//") {
                    problems.push(format!("{path}: script from {src}"));
                }
            } else if kind == Some("application/ld+json") {
                let json: String = el.text().collect();
                if serde_json::from_str::<Value>(&json).is_err() {
                    problems.push(format!("{path}: JSON in <script> does not parse (broken out?)"));
                }
            } else {
                problems.push(format!("{path}: inline script"));
            }
        }
        if name == "meta" && el.value().attr("http-equiv") == Some("Content-Security-Policy") {
            let csp = el.value().attr("content").unwrap_or_default();
            let script_src = csp.split(';').find(|d| d.trim().starts_with("script-src")).unwrap_or_default();
            if script_src.is_empty() || script_src.contains("unsafe-inline") || script_src.contains('*') {
                problems.push(format!("{path}: CSP script-src \"{script_src}\""));
            }
        }
    }
    if !text.contains("http-equiv=\"Content-Security-Policy\"") && !text.contains("http-equiv=Content-Security-Policy")
    {
        problems.push(format!("{path}: no Content-Security-Policy meta"));
    }
    let body = Selector::parse("body").unwrap();
    doc.select(&body).any(|b| b.text().collect::<String>().contains("<script>alert(1)</script>"))
}

fn check_xml(path: &str, text: &str, problems: &mut Vec<String>) {
    match roxmltree::Document::parse(text) {
        Err(e) => problems.push(format!("{path}: not well-formed XML: {e}")),
        Ok(doc) => {
            for n in doc.descendants().filter(|n| n.is_element()) {
                if n.tag_name().name() == "script" || n.tag_name().name() == "foreignObject" {
                    problems.push(format!("{path}: <{}> in XML/SVG", n.tag_name().name()));
                }
                for a in n.attributes() {
                    if a.name().to_ascii_lowercase().starts_with("on") {
                        problems.push(format!("{path}: {} attribute", a.name()));
                    }
                    if (a.name() == "href") && !allowed_url(a.value()) {
                        problems.push(format!("{path}: href {}", a.value()));
                    }
                }
            }
        }
    }
}

fn check_csv(path: &str, bytes: &[u8], problems: &mut Vec<String>, neutralised: &mut usize) {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes);
    for record in reader.records() {
        let Ok(record) = record else {
            problems.push(format!("{path}: a row does not parse"));
            return;
        };
        for cell in record.iter() {
            let cell = cell.trim_start_matches('\u{feff}');
            match cell.chars().next() {
                Some('=' | '+' | '-' | '@' | '\t' | '\r') => problems.push(format!("{path}: formula cell {cell:.40}")),
                Some('\'') if cell.contains("HYPERLINK") => *neutralised += 1,
                _ => {}
            }
        }
    }
}

/// Every output file checked for its own context; returns the problems and how
/// many places showed the payload as harmless text (so the fields were really used).
fn audit(files: &[kyoten::render::OutputFile]) -> (Vec<String>, usize, usize) {
    let mut problems = Vec::new();
    let (mut shown_as_text, mut neutralised) = (0, 0);
    for f in files {
        let path = f.path.as_str();
        // Search results' titles and excerpts: gzip'd JSON, shown with textContent.
        let bytes = if path.starts_with("search-index/m/") {
            let mut json = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&f.bytes[..]), &mut json).unwrap();
            json
        } else if path.ends_with(".bin") {
            continue;
        } else {
            f.bytes.clone()
        };
        let path = if path.ends_with(".bin") { "search-index/meta.json" } else { path };
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") {
            shown_as_text += usize::from(check_html(path, &text, &mut problems));
        } else if path.ends_with(".svg") || path.ends_with(".xml") {
            check_xml(path, &text, &mut problems);
        } else if path.ends_with(".json") || path.ends_with(".geojson") {
            match serde_json::from_str::<Value>(&text) {
                Ok(_) => shown_as_text += usize::from(text.contains("onerror=alert(2)")),
                Err(e) => problems.push(format!("{path}: JSON does not parse: {e}")),
            }
        } else if path.ends_with(".csv") {
            check_csv(path, &f.bytes, &mut problems, &mut neutralised);
        }
    }
    (problems, shown_as_text, neutralised)
}

#[test]
fn payloads_in_every_field_never_survive_in_any_output() {
    for prefix in ["=", "+", "-", "@"] {
        let files = build_poisoned(prefix);
        // For a look in a browser: KYOTEN_PAYLOAD_OUT=dir writes the "=" site there.
        if let (Ok(out), "=") = (std::env::var("KYOTEN_PAYLOAD_OUT"), prefix) {
            kyoten::output::write::write_atomically(Path::new(&out), &files).unwrap();
        }
        let (problems, shown, neutralised) = audit(&files);
        assert!(
            problems.is_empty(),
            "prefix {prefix}: {} problems:\n{}",
            problems.len(),
            problems[..problems.len().min(40)].join("\n")
        );
        let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
        // The payload really reached the pages and data files, as text.
        assert!(shown >= pages / 2, "prefix {prefix}: payload visible as text in only {shown} of {pages} pages/files");
        assert!(neutralised >= 4, "prefix {prefix}: only {neutralised} CSV cells carried the neutralised payload");
        // The template tag in data stayed text: no page shows the rendered config.
        assert!(
            files
                .iter()
                .filter(|f| f.path.ends_with(".html"))
                .any(|f| String::from_utf8_lossy(&f.bytes).contains("{{ config }}"))
        );
    }
}

/// `javascript:`, `data:` and `vbscript:` URLs are errors wherever a URL is taken,
/// however they are spelled.
#[test]
fn script_urls_are_errors_in_every_url_field() {
    for bad in [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:msgbox(1)",
        "//evil.example/",
    ] {
        let site = common::scratch_site();
        let root = site.path();
        let municipality = common::VALID_MUNICIPALITY
            .replace("  hours: always\n", &format!("  hours: always\n  url: {}\n", serde_json::to_string(bad).unwrap()))
            .replace(
                "    phone: \"000-0000-0001\"\n",
                &format!("    phone: \"000-0000-0001\"\n    url: {}\n", serde_json::to_string(bad).unwrap()),
            )
            + &format!("sources:\n  - title: 資料\n    url: {}\n", serde_json::to_string(bad).unwrap());
        std::fs::write(root.join("data/municipalities/132144.yaml"), municipality).unwrap();
        let case = common::VALID_CASE.replace(
            "  title: テスト資料\n",
            &format!("  title: テスト資料\n  url: {}\n", serde_json::to_string(bad).unwrap()),
        );
        std::fs::write(root.join("content/cases/good.md"), case).unwrap();
        let (site_ok, diags) = kyoten::check_site(root);
        assert!(site_ok.is_none(), "{bad:?} was accepted");
        let url_errors = diags.items.iter().filter(|d| d.to_string().contains("is not allowed")).count();
        assert_eq!(
            url_errors,
            4,
            "{bad:?}: every URL field reports it:\n{}",
            diags.items.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
        );
    }
}

/// kyoten.yaml's addresses reach every page's links and its Content-Security-Policy:
/// each hostile value is refused by check at its line, and a build refuses it too.
#[test]
fn hostile_addresses_in_the_config_are_refused_at_their_line() {
    let cases = [
        ("base_url", "https://kyoten.example.jp//evil.example/"),
        ("base_url", "javascript:alert(1)//"),
        ("base_url", "data:text/html,<script>alert(1)</script>/"),
        (
            "tile_url",
            "https://tiles.example;script-src-elem 'unsafe-inline';script-src-attr 'unsafe-inline'/{z}/{x}/{y}.png",
        ),
        ("tile_url", "javascript:alert(1)/{z}/{x}/{y}"),
        ("tile_attribution_url", "javascript:alert(1)"),
        ("tile_attribution_url", "vbscript:msgbox(1)"),
        ("tile_attribution_url", "data:text/html,x"),
    ];
    for (key, value) in cases {
        let site = common::scratch_site();
        let root = site.path();
        let config = std::fs::read_to_string(common::repo().join("kyoten.yaml")).unwrap();
        let yaml_value = serde_json::to_string(value).unwrap(); // a JSON string is a YAML string
        let config = if key == "base_url" {
            config
                .lines()
                .map(|l| if l.starts_with("base_url:") { format!("base_url: {yaml_value}") } else { l.to_string() })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        } else {
            format!("{config}map:\n  tiles: true\n  {key}: {yaml_value}\n")
        };
        std::fs::write(root.join("kyoten.yaml"), &config).unwrap();
        let line = config.lines().position(|l| l.trim_start().starts_with(&format!("{key}:"))).unwrap() + 1;
        let (checked, diags) = kyoten::check_site(root);
        assert!(checked.is_none(), "{key}: {value} passed check");
        let e = diags
            .items
            .iter()
            .find(|d| d.message.contains(key))
            .unwrap_or_else(|| panic!("{key}: {value}: no error naming it in {diags:?}"));
        assert_eq!((e.path.as_path(), e.line), (Path::new("kyoten.yaml"), line), "{key}: {value}");
        assert!(kyoten::build_files(root).is_err(), "{key}: {value} built");
    }
}

#[test]
fn tiles_on_with_the_default_server_name_only_its_origin_in_the_csp() {
    let site = common::scratch_site();
    let root = site.path();
    let config = std::fs::read_to_string(root.join("kyoten.yaml")).unwrap();
    std::fs::write(root.join("kyoten.yaml"), format!("{config}map:\n  tiles: true\n")).unwrap();
    let (files, _) = kyoten::build_files(root).expect("builds with tiles");
    let page = files.iter().find(|f| f.path == "m/132144/index.html").unwrap();
    let html = String::from_utf8_lossy(&page.bytes);
    let meta = html.split("<meta").find(|m| m.contains("Content-Security-Policy")).expect("a CSP");
    let csp = meta.split('>').next().unwrap();
    assert!(csp.contains("img-src 'self' data: https://cyberjapandata.gsi.go.jp;"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
}

/// Control characters (form feeds come with text copied out of PDFs) are refused in
/// every YAML text field at their line, removed with a warning from Markdown
/// bodies, and the feeds stay well-formed XML.
#[test]
fn control_characters_are_refused_in_text_fields_and_feeds_stay_well_formed() {
    let errs = |edit: &dyn Fn(&Path)| {
        let site = common::scratch_site();
        edit(site.path());
        let (checked, diags) = kyoten::check_site(site.path());
        (checked.is_some(), diags.items)
    };
    let muni = |root: &Path| root.join("data/municipalities/132144.yaml");
    let case = |root: &Path| root.join("content/cases/good.md");
    // A raw form feed in a municipality's free text, a NUL in a case summary, an
    // escaped one in the site title, a C1 NEL written as an escape.
    type Edit<'a> = &'a dyn Fn(&Path);
    let raw: [(&str, Edit, &str, usize); 4] = [
        (
            "raw U+000C in a provider name",
            &|r: &Path| {
                let t = std::fs::read_to_string(muni(r))
                    .unwrap()
                    .replace("name: テスト短期入所", "name: テスト\u{c}短期入所");
                std::fs::write(muni(r), t).unwrap();
            },
            "data/municipalities/132144.yaml",
            14,
        ),
        (
            "raw U+0000 in a case summary",
            &|r: &Path| {
                let t = std::fs::read_to_string(case(r)).unwrap().replace("summary: テスト", "summary: テ\u{0}スト");
                std::fs::write(case(r), t).unwrap();
            },
            "content/cases/good.md",
            6,
        ),
        (
            "escaped \\f in the site title",
            &|r: &Path| {
                let t = std::fs::read_to_string(r.join("kyoten.yaml")).unwrap();
                let t: String = t
                    .lines()
                    .map(|l| {
                        if l.starts_with("title:") {
                            "title: \"拠点\\fガイド\"".to_string()
                        } else {
                            l.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                std::fs::write(r.join("kyoten.yaml"), t + "\n").unwrap();
            },
            "kyoten.yaml",
            3,
        ),
        (
            "escaped U+0085 in a contact's hours_note",
            &|r: &Path| {
                let t = std::fs::read_to_string(muni(r))
                    .unwrap()
                    .replace("hours: always", "hours: always\n  hours_note: \"24時間\\N365日\"");
                std::fs::write(muni(r), t).unwrap();
            },
            "data/municipalities/132144.yaml",
            8,
        ),
    ];
    for (what, edit, file, line) in raw {
        let (ok, items) = errs(edit);
        assert!(!ok, "{what}: passed check");
        let e = items
            .iter()
            .find(|d| d.message.contains("control character"))
            .unwrap_or_else(|| panic!("{what}: {items:?}"));
        assert_eq!((e.path.as_path(), e.line), (Path::new(file), line), "{what}: {e}");
    }

    // A Markdown body: the character is removed with a warning, and the feeds parse.
    let site = common::scratch_site();
    let root = site.path();
    let t = std::fs::read_to_string(case(root)).unwrap().replace("本文", "本\u{c}文\u{0}");
    std::fs::write(case(root), t).unwrap();
    let (files, diags) = kyoten::build_files(root).expect("a body's control characters do not stop the build");
    let warned: Vec<_> = diags.items.iter().filter(|d| d.message.contains("control character")).collect();
    assert_eq!(warned.len(), 2, "{warned:?}");
    assert_eq!(warned[0].line, 10, "{}", warned[0]);
    for f in files.iter().filter(|f| f.path.ends_with(".xml")) {
        let text = String::from_utf8(f.bytes.clone()).unwrap();
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{} is not well-formed: {e}", f.path));
    }
    let page = files.iter().find(|f| f.path == "cases/good/index.html").unwrap();
    assert!(String::from_utf8_lossy(&page.bytes).contains("本文"));
}

/// Every form of a link the renderer drops is reported at its line, in every
/// Markdown place: case and guide bodies, municipality Markdown fields, emergency_note.
#[test]
fn dropped_links_are_reported_where_they_are_written() {
    let site = common::scratch_site();
    let root = site.path();
    let case = "---\ntitle: テスト事例\nprefecture: 東京都\nstatus: established\nsummary: テスト\nsource:\n  title: テスト資料\n---\n\
[inline](javascript:alert(1))\n\
![image](data:image/svg+xml,x)\n\
<vbscript:msgbox(1)>\n\
[ref][r]\n\n\
[r]: javascript:alert(2)\n\
[entity](javascript&#58;alert(3))\n\
[fine](https://example.jp/) [tel](tel:000-0000-0000) [site](/m/132144/)\n";
    std::fs::write(root.join("content/cases/links.md"), case).unwrap();
    std::fs::write(root.join("content/guide/links.md"), "---\ntitle: ガイド\n---\n本文 [x](JaVaScRiPt:alert(4))\n")
        .unwrap();
    let muni = std::fs::read_to_string(root.join("data/municipalities/132144.yaml")).unwrap();
    let muni = muni.replace("description: 緊急時の受入れ", "description: |\n      受入れ [x](javascript:alert(5))");
    std::fs::write(root.join("data/municipalities/132144.yaml"), muni).unwrap();
    let config = std::fs::read_to_string(root.join("kyoten.yaml")).unwrap();
    let config = config.replace("[119番](tel:119)", "[119番](data:text/html,x)");
    std::fs::write(root.join("kyoten.yaml"), config).unwrap();

    let (checked, diags) = kyoten::check_site(root);
    assert!(checked.is_some(), "dropped links are warnings: {diags:?}");
    let mut warned: Vec<(String, usize)> = diags
        .items
        .iter()
        .filter(|d| d.message.contains("is dropped"))
        .map(|d| (d.path.display().to_string(), d.line))
        .collect();
    warned.sort();
    assert_eq!(
        warned,
        vec![
            ("content/cases/links.md".to_string(), 9),
            ("content/cases/links.md".to_string(), 10),
            ("content/cases/links.md".to_string(), 11),
            ("content/cases/links.md".to_string(), 12),
            ("content/cases/links.md".to_string(), 15),
            ("content/guide/links.md".to_string(), 4),
            ("data/municipalities/132144.yaml".to_string(), 12),
            ("kyoten.yaml".to_string(), 8),
        ]
    );
}

/// A form feed in every free-text field of every data file, the config and every
/// case's and guide's front matter: each file is refused with an error at a line of
/// its own. (The values are written as JSON, so each is a double-quoted `\f`.)
#[test]
fn a_control_character_in_any_text_field_of_any_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::copy_dir(&common::repo().join("data"), &root.join("data"));
    common::copy_dir(&common::repo().join("content"), &root.join("content"));
    std::fs::copy(common::repo().join("kyoten.yaml"), root.join("kyoten.yaml")).unwrap();
    let mut poisoned = vec![std::path::PathBuf::from("kyoten.yaml")];
    poison_yaml(&root.join("kyoten.yaml"), "\u{c}");
    for entry in walkdir::WalkDir::new(root.join("data")).into_iter().filter_map(Result::ok) {
        let p = entry.path();
        let name = p.file_name().unwrap().to_string_lossy();
        if name.ends_with(".yaml") && name != "synonyms.yaml" && !p.to_string_lossy().contains("/schema/") {
            poison_yaml(p, "\u{c}");
            poisoned.push(p.strip_prefix(root).unwrap().to_path_buf());
        }
    }
    for entry in walkdir::WalkDir::new(root.join("content")).into_iter().filter_map(Result::ok) {
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(p).unwrap();
            let (front, body) = kyoten::load::split_front_matter(&text).unwrap();
            let mut v: Value = serde_saphyr::from_str(front).unwrap();
            poison(&mut v, None, "\u{c}");
            std::fs::write(p, format!("---\n{}\n---\n{body}", serde_json::to_string(&v).unwrap())).unwrap();
            poisoned.push(p.strip_prefix(root).unwrap().to_path_buf());
        }
    }
    let (checked, diags) = kyoten::check_site(root);
    assert!(checked.is_none());
    for file in &poisoned {
        let e = diags.items.iter().find(|d| &d.path == file && d.message.contains("control character U+000C"));
        let e = e.unwrap_or_else(|| panic!("{}: no control-character error", file.display()));
        assert!(e.line > 0, "{e}");
    }
    assert!(poisoned.len() > 60, "{} files poisoned", poisoned.len());
}
