//! Search: one record per page, built from the checked model (not from HTML), with
//! what Japanese search needs added to the indexed text: NFKC width folding,
//! municipality readings from the gazetteer (しろいし → 白井市) and the synonyms of
//! `data/synonyms.yaml` (ショートステイ → 短期入所). `search_index` turns the
//! records into the sharded bigram index the browser queries.

use crate::derive::routes;
use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::model::strings::S;
use crate::model::vocab::SEARCH_KINDS as KINDS;
use crate::output::write::OutputFile;
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

pub use crate::model::Synonyms;

/// NFKC (full/half width, ｶﾀｶﾅ → カタカナ) and lower case, repeated until nothing
/// changes: what the browser also does to a query. One round is not enough: lower
/// case can undo NFKC's ordering of combining marks (İ + U+FE28), and NFKC can make
/// capitals (㎒ → MHz); found by the search_query fuzz target.
pub fn fold(s: &str) -> String {
    // Text is cut before each character that folding leaves as it is (kana, kanji,
    // digits, spaces); pieces of only such characters are copied, the others folded
    // whole. Cutting there is exact: such a character never composes with what
    // precedes it and is neither cased nor case-ignorable (no final-sigma rule
    // reaches across it); what may compose with it (a dakuten) is in its piece.
    let mut out = String::with_capacity(s.len());
    let mut start = 0; // where the current piece begins
    let mut plain = true; // the current piece holds stable characters only
    for (i, c) in s.char_indices() {
        if is_stable(c) {
            if !plain {
                out.push_str(&fold_whole(&s[start..i]));
                (start, plain) = (i, true);
            }
        } else {
            if plain && start < i {
                // The run's last character begins the piece this one belongs to.
                let last = start + s[start..i].char_indices().next_back().map_or(0, |(j, _)| j);
                out.push_str(&s[start..last]);
                start = last;
            }
            plain = false;
        }
    }
    if plain {
        out.push_str(&s[start..]);
    } else {
        out.push_str(&fold_whole(&s[start..]));
    }
    out
}

/// ひらがな, カタカナ letters and CJK ideographs: letters that NFKC and lower case
/// leave alone, told without the Unicode tables.
pub fn is_kana_or_kanji(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{4E00}'..='\u{9FFF}')
}

/// Characters that NFKC and lower case leave alone and that split text safely
/// (see `fold`): kana, kanji, ASCII digits, space, newline, 、 and 。.
fn is_stable(c: char) -> bool {
    is_kana_or_kanji(c) || matches!(c, '0'..='9' | ' ' | '\n' | '、' | '。')
}

/// `fold` done on the whole text at once (the definition; `fold` is the fast way).
pub fn fold_whole(s: &str) -> String {
    let once = |t: &str| t.nfkc().collect::<String>().to_lowercase();
    let mut cur = once(s);
    for _ in 0..8 {
        if is_folded(&cur) {
            break;
        }
        cur = once(&cur);
    }
    cur
}

/// True when folding would not change `s` (a quick check; most text passes it).
fn is_folded(s: &str) -> bool {
    use unicode_normalization::{IsNormalized, is_nfkc_quick};
    let lower = s.chars().all(|c| {
        let mut l = c.to_lowercase();
        l.next() == Some(c) && l.next().is_none()
    });
    lower && (is_nfkc_quick(s.chars()) == IsNormalized::Yes || s.nfkc().eq(s.chars()))
}

pub use crate::model::jiscode::katakana;

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

fn labels(terms: &[&'static crate::model::vocab::Term]) -> Vec<String> {
    terms.iter().map(|t| t.label.to_string()).collect()
}

/// Every page worth finding, as a record.
pub fn records(site: &Site) -> Vec<Record> {
    let md = crate::markdown::plain_text;
    let t = &site.strings;
    let mut out = Vec::new();
    for m in &site.municipalities {
        let mut text = vec![m.name.clone(), m.pref_name.clone(), m.status.label.to_string()];
        text.extend(m.kind.map(|t| t.label.to_string()));
        text.extend(m.summary.as_deref().map(md));
        if !m.contacts.is_empty() {
            text.push(t.get(S::SearchContactWords).to_string());
        }
        for c in &m.contacts {
            text.push(c.name.clone());
            text.extend(c.purpose.map(|p| p.label.to_string()));
            text.extend(c.hours.as_ref().map(|h| h.describe(t)));
            text.extend(c.hours_note.clone());
            text.extend(c.for_whom.clone());
            text.extend(c.ward.as_ref().map(|w| format!("{} {}", w.name, w.kana)));
            text.extend(c.area.clone());
            text.extend(c.note.as_deref().map(md));
        }
        if let Some(r) = &m.pre_registration {
            text.push(t.get(S::SearchPreRegistrationWords).to_string());
            text.extend(r.name.clone());
            text.extend(r.for_whom.clone());
            text.extend(r.steps.iter().cloned());
            text.extend(r.apply_at.as_deref().map(md));
            text.extend(r.note.as_deref().map(md));
        }
        if let Some(c) = &m.coordinator {
            text.push(format!("{} {}", t.get(S::SearchCoordinatorWords), c.body.clone().unwrap_or_default()));
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
            text.push(format!("{} {} {}", t.get(S::SearchReviewWords), r.body, md(&r.summary)));
            // What it found and the actions it set (課題 are found by their words).
            text.extend(r.findings.iter().map(|f| md(&f.text)));
            for a in &r.actions {
                text.push(a.what.clone());
                text.extend(a.note.as_deref().map(md));
            }
        }
        for p in &m.providers {
            text.push(p.name.clone());
        }
        let mut filters = BTreeMap::new();
        filters.insert("kind".into(), vec![KINDS[0].into()]);
        filters.insert("prefecture".into(), vec![m.pref_name.clone()]);
        filters.insert("municipality".into(), vec![m.code.clone()]);
        filters.insert("function".into(), m.functions.iter().map(|f| f.function.label.to_string()).collect());
        out.push(Record {
            url: routes::municipality(&m.code),
            title: site.strings.fill(S::SearchMunicipalityTitle, &[("name", &m.name)]),
            kind: KINDS[0],
            place: format!("{}（{}）", m.name, m.pref_name),
            excerpt: excerpt(&m.summary.as_deref().map(md).unwrap_or_else(|| {
                t.fill(S::SearchMunicipalityExcerpt, &[("status", m.status.label), ("pref", &m.pref_name)])
            })),
            text: text.join("\n"),
            readings: vec![m.kana.clone()],
            filters,
        });
        // Its recruitment flyer: found by 募集, 登録, 加算 and what it asks for.
        let mut text = vec![t.get(S::SearchRecruitWords).to_string(), m.name.clone(), m.pref_name.clone()];
        if let Some(r) = &m.recruit {
            text.extend(r.needs.iter().map(|n| md(n)));
            for p in &r.programmes {
                text.push(p.name.clone());
                text.extend(labels(&p.functions));
                text.extend(labels(&p.services));
                text.extend(p.requirements.iter().chain(&p.documents).map(|x| md(x)));
                text.extend(p.apply.as_deref().map(md));
            }
        }
        if let Some(i) = &site.incentives {
            text.extend(i.incentives.iter().map(|x| x.name.clone()));
        }
        let mut filters = BTreeMap::new();
        filters.insert("kind".into(), vec![KINDS[4].into()]);
        filters.insert("prefecture".into(), vec![m.pref_name.clone()]);
        filters.insert("municipality".into(), vec![m.code.clone()]);
        let title = t.fill(S::TitleRecruitFlyer, &[("name", &m.name)]);
        out.push(Record {
            url: routes::recruit_flyer(&m.code),
            excerpt: excerpt(
                &m.recruit.as_ref().and_then(|r| r.needs.first()).map(|n| md(n)).unwrap_or_else(|| title.clone()),
            ),
            title,
            kind: KINDS[4],
            place: format!("{}（{}）", m.name, m.pref_name),
            text: text.join("\n"),
            readings: vec![m.kana.clone()],
            filters,
        });
        for p in m.providers.iter().filter(|p| !p.joint_copy) {
            let mut text = vec![p.name.clone(), m.name.clone(), m.pref_name.clone()];
            text.extend(p.corporation.clone());
            text.extend(p.service_labels());
            text.extend(labels(&p.functions));
            text.extend(labels(&p.accepts));
            text.extend(p.address.clone());
            text.extend(p.hours.clone());
            text.extend(p.description.as_deref().map(md));
            let mut filters = BTreeMap::new();
            filters.insert("kind".into(), vec![KINDS[1].into()]);
            filters.insert("prefecture".into(), vec![m.pref_name.clone()]);
            filters.insert("municipality".into(), vec![m.code.clone()]);
            filters.insert("function".into(), labels(&p.functions));
            filters.insert("service".into(), labels(&p.services));
            let services: Vec<String> = p.service_labels();
            out.push(Record {
                url: routes::provider(&p.id),
                title: p.name.clone(),
                kind: KINDS[1],
                place: format!("{}（{}）", m.name, m.pref_name),
                excerpt: excerpt(&t.fill(
                    S::SearchProviderExcerpt,
                    &[
                        ("services", &services.join(t.get(S::ListJoiner))),
                        ("functions", &labels(&p.functions).join(t.get(S::ListJoiner))),
                    ],
                )),
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
        filters.insert("kind".into(), vec![KINDS[2].into()]);
        filters.insert("prefecture".into(), vec![c.pref_name.clone()]);
        filters.insert("function".into(), labels(&c.functions));
        if let Some(code) = &c.municipality_code {
            filters.insert("municipality".into(), vec![code.clone()]);
        }
        out.push(Record {
            url: routes::case(&c.slug),
            title: c.title.clone(),
            kind: KINDS[2],
            place: if c.place == c.pref_name {
                c.pref_name.clone()
            } else {
                format!("{}（{}）", c.place, c.pref_name)
            },
            excerpt: excerpt(&c.summary),
            text: text.join("\n"),
            readings: c.readings.clone(),
            filters,
        });
    }
    let guide: fn(&str) -> String = routes::guide;
    let recruit: fn(&str) -> String = routes::recruit_page;
    for (url_of, kind, pages) in [(guide, KINDS[3], &site.guides), (recruit, KINDS[4], &site.recruit)] {
        for g in pages {
            let mut filters = BTreeMap::new();
            filters.insert("kind".into(), vec![kind.to_string()]);
            let body = md(&g.body);
            out.push(Record {
                url: url_of(&g.slug),
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
        filters.insert("kind".into(), vec![KINDS[2].into()]);
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
            url: routes::PRACTICES.into(),
            title: p.title.clone(),
            kind: KINDS[2],
            place: String::new(),
            excerpt: excerpt(&p.items.first().map(|i| md(&i.text)).unwrap_or_default()),
            text: format!("{}\n{}", p.title, text.join("\n")),
            readings: p.items.iter().flat_map(|i| i.readings.iter().cloned()).collect(),
            filters,
        });
    }
    out
}

impl Synonyms {
    /// Every group's words folded and one automaton over all of them, once per build.
    pub fn folded(&self) -> FoldedSynonyms {
        let groups: Vec<Vec<String>> =
            self.groups.iter().map(|g| g.iter().map(|w| fold(w)).filter(|w| !w.is_empty()).collect()).collect();
        let words: Vec<(&str, usize)> =
            groups.iter().enumerate().flat_map(|(i, g)| g.iter().map(move |w| (w.as_str(), i))).collect();
        let automaton = aho_corasick::AhoCorasick::new(words.iter().map(|(w, _)| w)).ok();
        let group_of = words.iter().map(|(_, i)| *i).collect();
        FoldedSynonyms { groups, automaton, group_of }
    }
}

/// Synonym groups ready to be looked for in many texts.
pub struct FoldedSynonyms {
    groups: Vec<Vec<String>>,
    automaton: Option<aho_corasick::AhoCorasick>,
    /// The group of each word of the automaton, in pattern order.
    group_of: Vec<usize>,
}

/// The text the index is built from: the page's own words, then readings and the
/// synonyms of the words it holds (each group's other words).
pub fn indexed_text(r: &Record, synonyms: &FoldedSynonyms) -> String {
    let own = fold(&r.text);
    let mut extra: Vec<&str> = Vec::new();
    let katakana_readings: Vec<String> = r.readings.iter().map(|x| katakana(x)).collect();
    for (reading, kata) in r.readings.iter().zip(&katakana_readings) {
        extra.push(reading);
        extra.push(kata);
    }
    let mut present = vec![false; synonyms.groups.len()];
    let mut seen = std::collections::HashSet::new();
    if let Some(ac) = &synonyms.automaton {
        for m in ac.find_overlapping_iter(&own) {
            present[synonyms.group_of[m.pattern().as_usize()]] = true;
            seen.insert(m.pattern().as_usize());
        }
    }
    let mut pattern = 0;
    for (group, words) in synonyms.groups.iter().enumerate() {
        for w in words {
            if present[group] && !seen.contains(&pattern) {
                extra.push(w);
            }
            pattern += 1;
        }
    }
    if extra.is_empty() { own } else { format!("{own}\n{}", extra.join(" ")) }
}

/// Build the search index into files under `search-index/` (see `search_index`).
pub fn build_index(site: &Site, _diags: &mut Diagnostics) -> Vec<OutputFile> {
    let records = crate::timing::stage("records", || records(site));
    let names: std::collections::HashMap<String, String> =
        site.municipalities.iter().map(|m| (m.code.clone(), m.name.clone())).collect();
    crate::output::search_index::build(records, &site.synonyms, &names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_synonyms() {
        assert_eq!(fold("ｸﾞﾙｰﾌﾟﾎｰﾑ"), "グループホーム");
        assert_eq!(fold("ＧＨ１"), "gh1");
        assert_eq!(katakana("しろいし"), "シロイシ");
        // Piece by piece: a sound mark after a kana still composes with it.
        assert_eq!(fold("白井か\u{3099}ﾊﾟｰｸ（ＧＨ）ΑΣ 1"), "白井がパーク(gh)ας 1");
        let syn = Synonyms { groups: vec![vec!["短期入所".into(), "ショートステイ".into()]] };
        let r = Record {
            url: "/p/x/".into(),
            title: "x".into(),
            kind: KINDS[1],
            place: String::new(),
            excerpt: String::new(),
            text: "短期入所事業所".into(),
            readings: vec!["しろいし".into()],
            filters: BTreeMap::new(),
        };
        let t = indexed_text(&r, &syn.folded());
        assert!(t.contains("ショートステイ") && t.contains("しろいし") && t.contains("シロイシ"));
    }
}
