//! Search: one Pagefind record per page, built from the checked model (not from
//! HTML), with what Japanese search needs added to the indexed text: NFKC width
//! folding, municipality readings from the gazetteer (しろいし → 白井市) and the
//! synonyms of `data/synonyms.yaml` (ショートステイ → 短期入所).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::render::OutputFile;
use serde::Deserialize;
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

pub const SYNONYMS_FILE: &str = "data/synonyms.yaml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Synonyms {
    /// Each group lists words that mean the same thing.
    pub groups: Vec<Vec<String>>,
}

/// NFKC (full/half width, ｶﾀｶﾅ → カタカナ) and lower case, repeated until nothing
/// changes: what the browser also does to a query. One round is not enough: lower
/// case can undo NFKC's ordering of combining marks (İ + U+FE28), and NFKC can make
/// capitals (㎒ → MHz); found by the search_query fuzz target.
pub fn fold(s: &str) -> String {
    let once = |t: &str| t.nfkc().collect::<String>().to_lowercase();
    let mut cur = once(s);
    for _ in 0..8 {
        let next = once(&cur);
        if next == cur {
            break;
        }
        cur = next;
    }
    cur
}

/// ひらがな ↔ カタカナ.
pub fn katakana(s: &str) -> String {
    s.chars()
        .map(|c| if ('\u{3041}'..='\u{3096}').contains(&c) { char::from_u32(c as u32 + 0x60).unwrap_or(c) } else { c })
        .collect()
}

/// One page to index.
pub struct Record {
    pub url: String,
    pub title: String,
    /// 市区町村, 事業所, 事例, ガイド, 募集
    pub kind: &'static str,
    pub place: String,
    pub excerpt: String,
    pub text: String,
    /// Readings to add (hiragana; katakana is added too).
    pub readings: Vec<String>,
    pub filters: BTreeMap<String, Vec<String>>,
}

fn excerpt(s: &str) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = flat.chars().take(90).collect();
    if flat.chars().count() > 90 {
        out.push('…');
    }
    out
}

fn labels(terms: &[&'static crate::vocab::Term]) -> Vec<String> {
    terms.iter().map(|t| t.label.to_string()).collect()
}

/// Every page worth finding, as a record.
pub fn records(site: &Site) -> Vec<Record> {
    let md = crate::markdown::plain_text;
    let mut out = Vec::new();
    for m in &site.municipalities {
        let mut text = vec![m.name.clone(), m.pref_name.clone(), m.status.label.to_string()];
        text.extend(m.kind.map(|t| t.label.to_string()));
        text.extend(m.summary.as_deref().map(md));
        if let Some(c) = &m.emergency_contact {
            text.push(format!("困ったときの連絡先 {} {}", c.name, c.hours.clone().unwrap_or_default()));
            text.extend(c.note.as_deref().map(md));
        }
        if let Some(c) = &m.coordinator {
            text.push(format!("コーディネーター {}", c.body.clone().unwrap_or_default()));
            text.extend(c.duties.iter().map(|d| md(d)));
        }
        for f in &m.functions {
            text.push(f.function.label.to_string());
            text.extend(f.description.as_deref().map(md));
            text.extend(f.carried_by.iter().chain(&f.initiatives).chain(&f.challenges).map(|x| md(x)));
            text.extend(f.notes.iter().map(|n| md(&n.text)));
            for p in &f.programmes {
                text.push(p.name.clone());
                text.extend(p.description.as_deref().map(md));
            }
        }
        for c in &m.challenges {
            text.push(c.title.clone());
            text.extend(c.body.as_deref().map(md));
        }
        for s in &m.sections {
            text.push(s.title.clone());
            text.push(md(&s.body));
        }
        for r in &m.reviews {
            text.push(format!("運用状況の検証及び検討 {} {}", r.body, md(&r.summary)));
        }
        for p in &m.providers {
            text.push(p.name.clone());
        }
        let mut filters = BTreeMap::new();
        filters.insert("kind".into(), vec!["市区町村".into()]);
        filters.insert("prefecture".into(), vec![m.pref_name.clone()]);
        filters.insert("municipality".into(), vec![m.name.clone()]);
        filters.insert("function".into(), m.functions.iter().map(|f| f.function.label.to_string()).collect());
        out.push(Record {
            url: format!("/m/{}/", m.code),
            title: format!("{}の地域生活支援拠点等", m.name),
            kind: "市区町村",
            place: format!("{}（{}）", m.name, m.pref_name),
            excerpt: excerpt(
                &m.summary.as_deref().map(md).unwrap_or_else(|| format!("{}・{}", m.status.label, m.pref_name)),
            ),
            text: text.join("\n"),
            readings: vec![m.kana.clone()],
            filters,
        });
        for p in &m.providers {
            let mut text = vec![p.name.clone(), m.name.clone(), m.pref_name.clone()];
            text.extend(p.corporation.clone());
            text.extend(labels(&p.services));
            text.extend(labels(&p.functions));
            text.extend(labels(&p.accepts));
            text.extend(p.address.clone());
            text.extend(p.hours.clone());
            text.extend(p.description.as_deref().map(md));
            let mut filters = BTreeMap::new();
            filters.insert("kind".into(), vec!["事業所".into()]);
            filters.insert("prefecture".into(), vec![m.pref_name.clone()]);
            filters.insert("municipality".into(), vec![m.name.clone()]);
            filters.insert("function".into(), labels(&p.functions));
            filters.insert("service".into(), labels(&p.services));
            let services: Vec<String> = labels(&p.services);
            out.push(Record {
                url: format!("/p/{}/", p.id),
                title: p.name.clone(),
                kind: "事業所",
                place: format!("{}（{}）", m.name, m.pref_name),
                excerpt: excerpt(&format!("{}／{}", services.join("・"), labels(&p.functions).join("・"))),
                text: text.join("\n"),
                readings: vec![m.kana.clone()],
                filters,
            });
        }
    }
    for c in &site.cases {
        let mut text = vec![c.title.clone(), c.place.clone(), c.pref_name.clone(), c.summary.clone(), md(&c.body)];
        text.extend(c.status.map(|t| t.label.to_string()));
        text.extend(c.kind.map(|t| t.label.to_string()));
        text.extend(labels(&c.functions));
        let mut filters = BTreeMap::new();
        filters.insert("kind".into(), vec!["事例".into()]);
        filters.insert("prefecture".into(), vec![c.pref_name.clone()]);
        filters.insert("function".into(), labels(&c.functions));
        if c.municipality_code.is_some() {
            filters.insert("municipality".into(), vec![c.place.clone()]);
        }
        out.push(Record {
            url: format!("/cases/{}/", c.slug),
            title: c.title.clone(),
            kind: "事例",
            place: if c.place == c.pref_name {
                c.pref_name.clone()
            } else {
                format!("{}（{}）", c.place, c.pref_name)
            },
            excerpt: excerpt(&c.summary),
            text: text.join("\n"),
            readings: Vec::new(),
            filters,
        });
    }
    for (dir, kind, pages) in [("guide", "ガイド", &site.guides), ("recruit", "募集", &site.recruit)] {
        for g in pages {
            let mut filters = BTreeMap::new();
            filters.insert("kind".into(), vec![kind.to_string()]);
            let body = md(&g.body);
            out.push(Record {
                url: format!("/{dir}/{}/", g.slug),
                title: g.title.clone(),
                kind,
                place: String::new(),
                excerpt: excerpt(g.description.as_deref().unwrap_or(&body)),
                text: format!("{}\n{}", g.title, body),
                readings: Vec::new(),
                filters,
            });
        }
    }
    if let Some(p) = &site.practices {
        let mut filters = BTreeMap::new();
        filters.insert("kind".into(), vec!["事例".into()]);
        let text: Vec<String> = p
            .items
            .iter()
            .map(|i| {
                format!(
                    "{} {}",
                    md(&i.text),
                    i.prefectures.iter().map(|x| x.name.as_str()).collect::<Vec<_>>().join(" ")
                )
            })
            .collect();
        out.push(Record {
            url: "/cases/practices/".into(),
            title: p.title.clone(),
            kind: "事例",
            place: String::new(),
            excerpt: excerpt(&p.items.first().map(|i| md(&i.text)).unwrap_or_default()),
            text: format!("{}\n{}", p.title, text.join("\n")),
            readings: Vec::new(),
            filters,
        });
    }
    out
}

/// The text Pagefind indexes: the page's own words, then readings and synonyms.
pub fn indexed_text(r: &Record, synonyms: &Synonyms) -> String {
    let own = fold(&r.text);
    let mut extra: Vec<String> = Vec::new();
    for reading in &r.readings {
        extra.push(reading.clone());
        extra.push(katakana(reading));
    }
    for group in &synonyms.groups {
        let folded: Vec<String> = group.iter().map(|w| fold(w)).collect();
        if folded.iter().any(|w| !w.is_empty() && own.contains(w.as_str())) {
            extra.extend(folded.into_iter().filter(|w| !own.contains(w.as_str())));
        }
    }
    if extra.is_empty() { own } else { format!("{own}\n{}", extra.join(" ")) }
}

/// Files Pagefind needs in the browser; its bundled UIs are not shipped.
fn wanted(path: &str) -> bool {
    path == "pagefind.js"
        || path == "pagefind-worker.js"
        || path == "pagefind-entry.json"
        || path.starts_with("wasm.")
        || path.ends_with(".pf_meta")
        || path.starts_with("index/")
        || path.starts_with("fragment/")
        || path.starts_with("filter/")
}

/// Build the index into files under `pagefind/`.
pub fn build_index(site: &Site, diags: &mut Diagnostics) -> Vec<OutputFile> {
    let synonyms = &site.synonyms;
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;

    let records = crate::stage("records", || records(site));
    let texts: Vec<String> = crate::stage("texts", || records.iter().map(|r| indexed_text(r, synonyms)).collect());
    let runtime = match tokio::runtime::Builder::new_current_thread().build() {
        Ok(r) => r,
        Err(e) => {
            diags.push(Diagnostic::error("pagefind", 0, 0, format!("cannot start the indexer: {e}")));
            return Vec::new();
        }
    };
    let result: Result<Vec<OutputFile>, String> = runtime.block_on(async {
        let options = PagefindServiceConfig::builder().keep_index_url(true).force_language("ja".to_string()).build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        let start = std::time::Instant::now();
        for (r, text) in records.iter().zip(texts) {
            let mut meta = BTreeMap::new();
            meta.insert("title".to_string(), r.title.clone());
            meta.insert("kind".to_string(), r.kind.to_string());
            meta.insert("place".to_string(), r.place.clone());
            meta.insert("excerpt".to_string(), r.excerpt.clone());
            index
                .add_custom_record(r.url.clone(), text, "ja".into(), Some(meta), Some(r.filters.clone()), None)
                .await
                .map_err(|e| format!("{}: {e}", r.url))?;
        }
        if std::env::var_os("KYOTEN_TIMINGS").is_some() {
            eprintln!("timing: add records {:>8.1} ms", start.elapsed().as_secs_f64() * 1000.0);
        }
        let start = std::time::Instant::now();
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        if std::env::var_os("KYOTEN_TIMINGS").is_some() {
            eprintln!("timing: index files {:>8.1} ms", start.elapsed().as_secs_f64() * 1000.0);
        }
        Ok(files
            .into_iter()
            .filter_map(|f| {
                let rel = f.filename.to_string_lossy().replace('\\', "/");
                let rel = rel.trim_start_matches("./").trim_start_matches("pagefind/").to_string();
                wanted(&rel).then(|| OutputFile { path: format!("pagefind/{rel}"), bytes: f.contents })
            })
            .collect())
    });
    match result {
        Ok(files) => files,
        Err(e) => {
            diags.push(Diagnostic::error("pagefind", 0, 0, format!("search index failed: {e}")));
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_synonyms() {
        assert_eq!(fold("ｸﾞﾙｰﾌﾟﾎｰﾑ"), "グループホーム");
        assert_eq!(fold("ＧＨ１"), "gh1");
        assert_eq!(katakana("しろいし"), "シロイシ");
        let syn = Synonyms { groups: vec![vec!["短期入所".into(), "ショートステイ".into()]] };
        let r = Record {
            url: "/p/x/".into(),
            title: "x".into(),
            kind: "事業所",
            place: String::new(),
            excerpt: String::new(),
            text: "短期入所事業所".into(),
            readings: vec!["しろいし".into()],
            filters: BTreeMap::new(),
        };
        let t = indexed_text(&r, &syn);
        assert!(t.contains("ショートステイ") && t.contains("しろいし") && t.contains("シロイシ"));
    }
}
