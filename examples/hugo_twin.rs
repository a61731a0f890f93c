//! The same site as a Hugo project, for the benchmark (scripts/bench): every
//! municipality, provider and case of a kyoten site as Markdown with front matter,
//! plus a recruitment and a map page per municipality so the page counts are
//! comparable, a small theme (header, navigation, breadcrumbs, the data as
//! definition lists) and a JSON search index of every page, as Hugo sites without
//! a search service ship one.
//!
//!   cargo run --release --example hugo_twin -- SITE OUT

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn q(s: &str) -> String {
    serde_json::to_string(s).expect("string")
}

fn terms(t: &[&kyoten::model::vocab::Term]) -> String {
    t.iter().map(|t| t.label).collect::<Vec<_>>().join("、")
}

fn write(path: PathBuf, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
    std::fs::write(&path, text).expect("write");
}

const CONFIG: &str = r#"baseURL = "https://kyoten.example.jp/"
languageCode = "ja"
title = "地域生活支援拠点等ガイド（Hugo 版）"
hasCJKLanguage = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[outputs]
home = ["HTML", "JSON"]
[markup.goldmark.renderer]
unsafe = false
"#;

const BASEOF: &str = r##"<!doctype html>
<html lang="ja">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ .Summary | plainify | truncate 120 }}{{ end }}">
<style>body{font-family:sans-serif;max-width:48rem;margin:auto;padding:1rem}dt{font-weight:bold}</style></head>
<body><a href="#main">本文へ</a>
<header><p><a href="/">{{ site.Title }}</a></p>
<nav aria-label="サイト"><a href="/m/">市区町村から探す</a> <a href="/p/">事業所</a> <a href="/cases/">取組事例</a> <a href="/recruit/">事業所の募集</a> <a href="/map/">拠点マップ</a></nav></header>
<nav aria-label="パンくず"><a href="/">トップ</a>{{ with .Parent }}{{ if not .IsHome }} › <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}</nav>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }}</p></footer></body></html>
"##;

const SINGLE: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Params.phone }}<p><a href="tel:{{ . }}">電話 {{ . }}</a></p>{{ end }}
<dl>{{ range $k, $v := .Params.facts }}<dt>{{ $k }}</dt><dd>{{ $v }}</dd>{{ end }}</dl>
{{ .Content }}{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"#;

const INDEX_HTML: &str = r#"{{ define "main" }}<h1>{{ site.Title }}</h1>
<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>（{{ len .Pages }}）</li>{{ end }}</ul>{{ end }}
"#;

const INDEX_JSON: &str = r#"[{{ range $i, $p := where site.RegularPages "Type" "in" (slice "m" "p" "cases") }}{{ if $i }},{{ end }}{"url":{{ $p.RelPermalink | jsonify }},"title":{{ $p.Title | jsonify }},"text":{{ $p.Plain | truncate 400 | jsonify }}}{{ end }}]
"#;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site_dir, out] = args.as_slice() else {
        eprintln!("usage: hugo_twin SITE OUT");
        std::process::exit(2);
    };
    let (site, diags) = kyoten::check_site(Path::new(site_dir));
    let Some(site) = site else {
        eprintln!("{} diagnostics; the site does not check", diags.items.len());
        std::process::exit(1);
    };
    let out = Path::new(out);
    if out.exists() {
        std::fs::remove_dir_all(out).expect("clear OUT");
    }
    write(out.join("hugo.toml"), CONFIG);
    let layouts = out.join("layouts");
    write(layouts.join("_default/baseof.html"), BASEOF);
    write(layouts.join("_default/single.html"), SINGLE);
    write(layouts.join("_default/list.html"), LIST);
    write(layouts.join("index.html"), INDEX_HTML);
    write(layouts.join("index.json"), INDEX_JSON);
    let content = out.join("content");
    for (section, title) in
        [("m", "市区町村"), ("p", "事業所"), ("cases", "取組事例"), ("recruit", "事業所の募集"), ("map", "拠点マップ")]
    {
        write(content.join(section).join("_index.md"), &format!("---\ntitle: {}\n---\n", q(title)));
    }

    let mut pages = 0usize;
    for m in &site.municipalities {
        let mut md = String::new();
        let _ = writeln!(md, "---\ntitle: {}\nfacts:", q(&m.name));
        let _ = writeln!(md, "  都道府県: {}\n  整備状況: {}", q(&m.pref_name), q(m.status.label));
        if let Some(c) = m.contacts.first() {
            let _ = writeln!(md, "  緊急時の連絡先: {}", q(&c.name));
            if let Some(p) = &c.phone {
                let _ = writeln!(md, "phone: {}", q(&p.display));
            }
        }
        let _ = writeln!(md, "---\n{}\n\n## 機能\n", m.summary.as_deref().unwrap_or(""));
        for f in &m.functions {
            let _ = writeln!(md, "- **{}**：{}", f.function.label, f.description.as_deref().unwrap_or(""));
        }
        let _ = writeln!(md, "\n## 事業所\n");
        for p in &m.providers {
            let phone = p.phone.as_ref().map_or("", |p| p.display.as_str());
            let _ = writeln!(md, "1. [{}](/p/{}/)（{}）電話 {phone}", p.name, p.id, terms(&p.functions));
        }
        write(content.join("m").join(format!("{}.md", m.code)), &md);
        let recruit = format!(
            "---\ntitle: {}\n---\n{}で拠点等を担う事業所を募集しています。\n\n- 事業所数：{}\n",
            q(&format!("{}：事業所の募集", m.name)),
            m.name,
            m.providers.len()
        );
        write(content.join("recruit").join(format!("{}.md", m.code)), &recruit);
        let mut map = format!("---\ntitle: {}\n---\n", q(&format!("拠点マップ：{}", m.name)));
        for (i, p) in m.providers.iter().enumerate() {
            let _ = writeln!(map, "{}. [{}](/p/{}/)：{}", i + 1, p.name, p.id, terms(&p.functions));
        }
        write(content.join("map").join(format!("{}.md", m.code)), &map);
        pages += 3;

        for p in &m.providers {
            let mut md = String::new();
            let _ = writeln!(md, "---\ntitle: {}", q(&p.name));
            if let Some(ph) = &p.phone {
                let _ = writeln!(md, "phone: {}", q(&ph.display));
            }
            let _ = writeln!(md, "facts:\n  市区町村: {}", q(&format!("{}（{}）", m.name, m.pref_name)));
            let _ = writeln!(md, "  サービス: {}\n  機能: {}", q(&terms(&p.services)), q(&terms(&p.functions)));
            let _ = writeln!(md, "  受け入れている人: {}", q(&terms(&p.accepts)));
            if let Some(a) = &p.address {
                let _ = writeln!(md, "  住所: {}", q(a));
            }
            if let Some(h) = &p.hours {
                let _ = writeln!(md, "  受付時間: {}", q(h));
            }
            let _ = writeln!(md, "---\n{}", p.description.as_deref().unwrap_or(""));
            write(content.join("p").join(format!("{}.md", p.id)), &md);
            pages += 1;
        }
    }
    let cases = Path::new(site_dir).join("content/cases");
    if let Ok(dir) = std::fs::read_dir(&cases) {
        for e in dir.flatten() {
            let path = e.path();
            if path.extension().is_some_and(|x| x == "md") {
                std::fs::create_dir_all(content.join("cases")).expect("cases folder");
                std::fs::copy(&path, content.join("cases").join(e.file_name())).expect("copy case");
                pages += 1;
            }
        }
    }
    println!("{}: {pages} content pages", out.display());
}
