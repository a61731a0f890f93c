//! The same site as a Hugo project, for the benchmark (scripts/bench): a page at
//! the URL of every page kyoten renders for municipalities, providers, cases, maps,
//! comparisons and recruitment, each given as its JSON front matter the very data
//! kyoten's template for it receives (the records, the derived figures, the map's
//! areas and markers, computed here with kyoten's own `derive` so Hugo does not
//! have to), with Hugo templates that render all of it: contacts, functions and
//! who covers them, follow-ups, maps as SVG, filter links and lists, comparison
//! tables, recruitment needs. Hugo thus does no more than kyoten's render stage —
//! the derived data is handed to it — and the ratio the benchmark prints is the
//! less flattering one for kyoten. Cases are copied as Markdown; a JSON search
//! index of the municipality, provider and case pages stands in for kyoten's.
//!
//!   cargo run --release --example hugo_twin -- SITE OUT

use kyoten::derive::routes::{self, Route};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn write(path: PathBuf, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
    std::fs::write(&path, text).expect("write");
}

/// A content file: JSON front matter, then the body (Markdown).
fn page(content: &Path, file: &str, front: Value, body: &str) {
    let mut text = serde_json::to_string(&front).expect("front matter");
    text.push('\n');
    text.push_str(body);
    text.push('\n');
    write(content.join(file), &text);
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
<style>body{font-family:sans-serif;max-width:48rem;margin:auto;padding:1rem}dt{font-weight:bold}svg{max-width:100%;height:auto}</style></head>
<body><a href="#main">本文へ</a>
<header><p><a href="/">{{ site.Title }}</a></p>
<nav aria-label="サイト"><a href="/m/">市区町村から探す</a> <a href="/map/">拠点マップ</a> <a href="/cases/">取組事例</a> <a href="/compare/">比べる</a> <a href="/recruit/">事業所の募集</a></nav></header>
<nav aria-label="パンくず"><a href="/">トップ</a>{{ range .Params.crumbs }} › <a href="{{ .url }}">{{ .label }}</a>{{ end }}</nav>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }}</p></footer></body></html>
"##;

/// Any value as nested definition lists and lists: the sections kyoten renders
/// with a template each are rendered here by one recursive partial.
const DUMP: &str = r#"{{- $v := . -}}
{{- if reflect.IsMap $v -}}<dl>{{ range $k, $x := $v }}{{ with $x }}<dt>{{ $k }}</dt><dd>{{ partial "dump.html" . }}</dd>{{ end }}{{ end }}</dl>
{{- else if reflect.IsSlice $v -}}<ul>{{ range $v }}<li>{{ partial "dump.html" . }}</li>{{ end }}</ul>
{{- else -}}{{ $v }}{{- end -}}
"#;

/// A map as kyoten draws it: the areas, their names and the markers (or clusters).
const MAP: &str = r#"{{ with . }}<figure><svg viewBox="0 0 {{ .width }} {{ .height }}" role="img" aria-labelledby="{{ .id }}-t"><title id="{{ .id }}-t">{{ .title }}</title>
<g transform="translate({{ .origin_x }} {{ .origin_y }}) scale({{ .zoom }})">{{ range .areas }}{{ if .href }}<a href="{{ .href }}"><path d="{{ .d }}" class="{{ .class }}"><title>{{ .label }}</title></path></a>{{ else }}<path d="{{ .d }}" class="{{ .class }}"/>{{ end }}{{ end }}</g>
<g>{{ range .labels }}{{ if .shown }}<text x="{{ .x }}" y="{{ .y }}" dy="{{ .dy }}">{{ .text }}</text>{{ end }}{{ end }}</g>
<g>{{ range .markers }}{{ $k := . }}<a href="{{ .href }}" id="{{ .id }}" aria-label="{{ .label }}"><circle cx="{{ .x }}" cy="{{ .y }}" r="{{ .r }}" class="{{ .shape }}"/><circle cx="{{ .x }}" cy="{{ .y }}" r="{{ .hit }}" fill="transparent"/>{{ with .n }}<text x="{{ $k.x }}" y="{{ $k.y }}">{{ . }}</text>{{ end }}</a>{{ end }}</g></svg>
<figcaption>{{ .title }}</figcaption></figure>{{ end }}
"#;

const PROVIDER: &str = r#"{{ define "main" }}{{ $p := .Params.p }}<h1>{{ $p.name }}{{ if $p.sample }} <small>サンプル（架空の情報です）</small>{{ end }}</h1>
<p>{{ with $p.corporation }}{{ . }}・{{ end }}<a href="/m/{{ .Params.m.code }}/">{{ .Params.m.name }}</a>（{{ .Params.m.pref_name }}）</p>
{{ with $p.phone }}<p><a href="tel:{{ .tel }}">電話する {{ .display }}</a>{{ with $p.hours }} 受付：{{ . }}{{ end }}</p>{{ end }}
<h2>担う機能</h2><ul>{{ range $p.functions }}<li>{{ .label }}</li>{{ end }}</ul>
<h2>サービス</h2><ul>{{ range $p.services }}<li>{{ .label }}</li>{{ end }}</ul>
<h2>受け入れている人</h2><ul>{{ range $p.accepts }}<li>{{ .label }}</li>{{ end }}</ul>
<dl>{{ with $p.address }}<dt>所在地</dt><dd>{{ . }}{{ with $p.location }} 緯度 {{ .lat }}・経度 {{ .lon }}{{ end }}</dd>{{ end }}
{{ with $p.url }}<dt>ウェブサイト</dt><dd><a href="{{ . }}">{{ . }}</a></dd>{{ end }}
{{ with $p.registered }}<dt>登録日</dt><dd>{{ . }}</dd>{{ end }}<dt>最終確認日</dt><dd>{{ .Params.m.last_verified }}</dd></dl>
{{ .Content }}<p><a href="/m/{{ .Params.m.code }}/#contacts">{{ .Params.m.name }}の緊急時の連絡先</a></p>{{ end }}
"#;

const MUNICIPALITY: &str = r##"{{ define "main" }}{{ $m := .Params.m }}<h1>{{ $m.name }}</h1>
<p>{{ $m.pref_name }}・{{ $m.status.label }}{{ with $m.target }}（{{ . }}）{{ end }}</p>
<section id="contacts"><h2>緊急時の連絡先</h2><table><tr><th>名称</th><th>電話</th><th>受付時間</th><th>対象</th><th>地域</th></tr>
{{ range $m.contacts }}<tr><td>{{ .name }}{{ with .purpose }}（{{ .label }}）{{ end }}</td><td>{{ with .phone }}<a href="tel:{{ .tel }}">{{ .display }}</a>{{ end }}</td><td>{{ with .hours }}{{ partial "dump.html" . }}{{ end }}{{ .hours_note }}</td><td>{{ .for_whom }}</td><td>{{ with .ward }}{{ partial "dump.html" . }}{{ end }}{{ .area }}</td></tr>{{ end }}</table>
{{ partial "dump.html" .Params.facts.contacts }}</section>
{{ with $m.pre_registration }}<section><h2>事前登録</h2>{{ partial "dump.html" . }}</section>{{ end }}
{{ with $m.after_call }}<section><h2>連絡したあと</h2>{{ partial "dump.html" . }}</section>{{ end }}
{{ with $m.preparation }}<section><h2>ふだんからの準備</h2>{{ partial "dump.html" . }}</section>{{ end }}
{{ partial "map.html" .Params.map }}
<section><h2>機能と担う事業所</h2>{{ range .Params.facts.coverage }}<h3>{{ .function.label }}</h3>
{{ $id := .function.id }}{{ range $m.functions }}{{ if eq .function.id $id }}<p>{{ .description }}</p>{{ with .initiatives }}<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}{{ with .carried_by }}<p>{{ delimit . "、" }}</p>{{ end }}{{ end }}{{ end }}
<ul>{{ range .providers }}{{ $p := index $m.providers (int .) }}<li><a href="/p/{{ $p.id }}/">{{ $p.name }}</a>{{ if not $.Params.facts.compact }}{{ with $p.phone }} <a href="tel:{{ .tel }}">{{ .display }}</a>{{ end }}{{ end }}</li>{{ end }}</ul>{{ end }}</section>
{{ with $m.coordinator }}<section><h2>コーディネーター</h2>{{ partial "dump.html" . }}</section>{{ end }}
{{ with $m.reviews }}<section><h2>運用状況の検証及び検討</h2>{{ partial "dump.html" . }}</section>{{ end }}
{{ partial "dump.html" .Params.facts.follow_up }}
{{ with $m.roadmap }}<section><h2>整備までの道のり</h2>{{ partial "dump.html" . }}</section>{{ end }}
{{ with $m.figures }}<section><h2>数字で見る</h2>{{ partial "dump.html" . }}</section>{{ end }}
{{ with $m.challenges }}<section><h2>課題</h2>{{ partial "dump.html" . }}</section>{{ end }}
{{ with $m.sections }}<section>{{ partial "dump.html" . }}</section>{{ end }}
{{ with $m.recruit }}<section><h2>事業所の募集</h2>{{ partial "dump.html" . }}</section>{{ end }}
{{ with $m.sources }}<section><h2>出典</h2>{{ partial "dump.html" . }}</section>{{ end }}
{{ .Content }}<p>最終確認日 {{ $m.last_verified }}</p>{{ end }}
"##;

const CARD: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Params.contacts }}<li><b>{{ .name }}</b>{{ with .phone }} <a href="tel:{{ .tel }}">{{ .display }}</a>{{ end }}{{ with .hours }} {{ partial "dump.html" . }}{{ end }}{{ with .for_whom }} {{ . }}{{ end }}</li>{{ end }}</ul>
{{ with .Params.pre_registration }}<h2>事前登録</h2>{{ partial "dump.html" . }}{{ end }}{{ end }}
"#;

const RECRUIT: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Params.needs.headline }}</p>{{ partial "dump.html" .Params.needs }}{{ end }}
"#;

const MAP_PAGE: &str = r#"{{ define "main" }}{{ $v := .Params.v }}<h1>{{ $v.title }}</h1><p>{{ $v.count }} か所</p>
{{ range $v.filters }}<nav aria-label="{{ .label }}"><ul>{{ range .links }}<li><a href="{{ .href }}"{{ if .current }} aria-current="page"{{ end }}>{{ .label }}（{{ .count }}）</a></li>{{ end }}</ul></nav>{{ end }}
{{ partial "map.html" .Params.map }}
{{ with $v.rows }}<table><tr><th>{{ $v.row_kind }}</th><th>事業所</th><th>地図に表示</th></tr>{{ range . }}<tr><td>{{ with .href }}<a href="{{ . }}">{{ end }}{{ .name }}{{ if .href }}</a>{{ end }}</td><td>{{ .count }}</td><td>{{ .located }}</td></tr>{{ end }}</table>{{ end }}
{{ with $v.parts }}<nav aria-label="ページ"><ul>{{ range . }}<li><a href="{{ .href }}"{{ if .current }} aria-current="page"{{ end }}>{{ .from }}〜{{ .to }}</a></li>{{ end }}</ul></nav>{{ end }}
{{ range $v.groups }}<h2>{{ .m.name }}（{{ .m.pref_name }}）</h2><ol>{{ range .located }}{{ template "entry" . }}{{ end }}</ol>{{ with .unlocated }}<ul>{{ range . }}{{ template "entry" . }}{{ end }}</ul>{{ end }}{{ end }}{{ end }}
{{ define "entry" }}<li id="p-{{ .p.id }}">{{ with .n }}<span>{{ . }}</span> {{ end }}<a href="/p/{{ .p.id }}/">{{ .p.name }}</a>{{ if .p.sample }} サンプル{{ end }} {{ range .p.functions }}{{ .label }} {{ end }}{{ with .p.phone }}<a href="tel:{{ .tel }}">{{ .display }}</a>{{ end }}{{ with .p.address }} {{ . }}{{ end }}</li>{{ end }}
"#;

const TABLE: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Params.all }}{{ partial "dump.html" . }}{{ end }}
<table><tr><th>名称</th><th>整備状況</th><th>機能</th><th>緊急時</th><th>検証</th><th>取組</th></tr>
{{ range .Params.rows }}<tr><td>{{ with .href }}<a href="{{ . }}">{{ end }}{{ .name }}{{ if .href }}</a>{{ end }}</td><td>{{ with .status }}{{ .label }}{{ end }}{{ with .target }} {{ . }}{{ end }}</td><td>{{ range .functions }}{{ partial "dump.html" . }}{{ end }}</td><td>{{ range .emergency_accepts }}{{ .label }} {{ end }}</td><td>{{ .last_review }}</td><td>{{ .actions_open }} / {{ .actions_done }}</td></tr>{{ end }}</table>{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"#;

const SINGLE: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
{{ with .Params.items }}<ul>{{ range . }}<li><a href="{{ .url }}">{{ .title }}</a>{{ with .note }} {{ . }}{{ end }}</li>{{ end }}</ul>{{ end }}{{ end }}
"#;

const INDEX_HTML: &str = r#"{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ partial "map.html" site.Data.overview }}
<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>（{{ len .Pages }}）</li>{{ end }}</ul>{{ end }}
"#;

const INDEX_JSON: &str = r#"[{{ range $i, $p := where site.RegularPages "Type" "in" (slice "m" "p" "cases") }}{{ if $i }},{{ end }}{"url":{{ $p.RelPermalink | jsonify }},"title":{{ $p.Title | jsonify }},"text":{{ $p.Plain | truncate 400 | jsonify }}}{{ end }}]
"#;

fn crumbs(list: &[(&str, &str)]) -> Value {
    Value::Array(list.iter().map(|(url, label)| json!({"url": url, "label": label})).collect())
}

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
    let derived = kyoten::pipeline::derive(&site);
    let plan = &derived.plan;
    let out = Path::new(out);
    if out.exists() {
        std::fs::remove_dir_all(out).expect("clear OUT");
    }
    write(out.join("hugo.toml"), CONFIG);
    let layouts = out.join("layouts");
    for (file, text) in [
        ("_default/baseof.html", BASEOF),
        ("_default/single.html", SINGLE),
        ("_default/list.html", LIST),
        ("index.html", INDEX_HTML),
        ("index.json", INDEX_JSON),
        ("partials/dump.html", DUMP),
        ("partials/map.html", MAP),
        ("p/single.html", PROVIDER),
        ("m/single.html", MUNICIPALITY),
        ("card/single.html", CARD),
        ("recruit/single.html", RECRUIT),
        ("map/single.html", MAP_PAGE),
        ("compare/single.html", TABLE),
    ] {
        write(layouts.join(file), text);
    }
    if let Some(map) = &derived.overview_map {
        write(out.join("data/overview.json"), &serde_json::to_string(map).expect("map"));
    }
    let content = out.join("content");
    for (section, title) in [
        ("m", "市区町村"),
        ("p", "事業所"),
        ("cases", "取組事例"),
        ("recruit", "事業所の募集"),
        ("map", "拠点マップ"),
        ("compare", "市区町村を比べる"),
        ("card", "緊急連絡先カード"),
        ("lists", "一覧"),
    ] {
        write(content.join(section).join("_index.md"), &format!("---\ntitle: {title:?}\n---\n"));
    }

    let mut pages = 0usize;
    for route in routes::all(&site, plan) {
        let url = route.url(&site, plan);
        match route {
            Route::Provider(mi, pi) => {
                let p = &site.municipalities[mi].providers[pi];
                let front = json!({"title": p.name, "url": url, "m": kyoten::model::MunicipalityRef::of(&site.municipalities[mi]), "p": p,
                    "crumbs": crumbs(&[(&routes::municipality(&site.municipalities[mi].code), &site.municipalities[mi].name)])});
                page(&content, &format!("p/{}.md", p.id), front, p.description.as_deref().unwrap_or(""));
            }
            Route::Municipality(mi) => {
                let m = &site.municipalities[mi];
                let front = json!({"title": m.name, "url": url, "m": m, "facts": derived.municipalities[mi],
                    "map": derived.municipality_maps[mi], "crumbs": crumbs(&[("/m/", "市区町村")])});
                page(&content, &format!("m/{}.md", m.code), front, m.summary.as_deref().unwrap_or(""));
            }
            Route::ContactCard(mi) => {
                let m = &site.municipalities[mi];
                let front = json!({"title": format!("{}の緊急連絡先カード", m.name), "url": url,
                    "contacts": m.contacts, "pre_registration": m.pre_registration});
                page(&content, &format!("card/{}.md", m.code), front, "");
            }
            Route::RecruitFlyer(mi) => {
                let m = &site.municipalities[mi];
                let front = json!({"title": format!("{}：事業所の募集", m.name), "url": url,
                    "needs": derived.needs[mi], "crumbs": crumbs(&[("/recruit/", "事業所の募集")])});
                page(&content, &format!("recruit/{}.md", m.code), front, "");
            }
            Route::PrefMunicipalities(i) => {
                let pref = &plan.prefectures[i];
                let items: Vec<Value> = site
                    .municipalities
                    .iter()
                    .filter(|m| m.pref_code == pref.code)
                    .map(|m| json!({"url": routes::municipality(&m.code), "title": m.name, "note": m.status.label}))
                    .collect();
                let front = json!({"title": format!("{}の市区町村", pref.name), "url": url, "items": items});
                page(&content, &format!("lists/pref-{}.md", pref.code), front, "");
            }
            Route::Compare(which) => {
                let rows: Vec<Value> = match which {
                    None => derived.compare.prefectures.iter().map(|r| json!(r)).collect(),
                    Some(i) => derived
                        .compare
                        .rows
                        .iter()
                        .filter(|r| r.pref_code == plan.prefectures[i].code)
                        .map(|r| {
                            let mut v = json!(r);
                            v["href"] = json!(routes::municipality(&r.code));
                            v
                        })
                        .collect(),
                };
                let name = which.map_or("全国", |i| plan.prefectures[i].name.as_str());
                let front = json!({"title": format!("市区町村を比べる：{name}"), "url": url, "rows": rows,
                    "all": which.is_none().then_some(&derived.compare.all)});
                page(
                    &content,
                    &format!("compare/{}.md", which.map_or("all", |i| plan.prefectures[i].code.as_str())),
                    front,
                    "",
                );
            }
            Route::Map(i) => {
                let v = kyoten::derive::map_pages::view(
                    &site,
                    &plan.providers_in_order,
                    &plan.map_pages,
                    &derived.municipality_maps,
                    i,
                );
                let front = json!({"title": v.title, "url": url, "v": v, "map": v.map, "crumbs": v.crumbs});
                page(&content, &format!("map/{i}.md"), front, "");
            }
            Route::CaseFacet(i) => {
                let f = &plan.case_facets[i];
                let items: Vec<Value> = f
                    .cases
                    .iter()
                    .map(|&c| json!({"url": routes::case(&site.cases[c].slug), "title": site.cases[c].title}))
                    .collect();
                let front = json!({"title": format!("{}：{}", f.facet_label, f.label), "url": url, "items": items});
                page(&content, &format!("lists/case-{i}.md"), front, "");
            }
            _ => continue,
        }
        pages += 1;
    }
    let cases = Path::new(site_dir).join("content/cases");
    if let Ok(dir) = std::fs::read_dir(&cases) {
        for e in dir.flatten() {
            let path = e.path();
            if path.extension().is_some_and(|x| x == "md") {
                std::fs::copy(&path, content.join("cases").join(e.file_name())).expect("copy case");
                pages += 1;
            }
        }
    }
    println!("{}: {pages} content pages", out.display());
}
