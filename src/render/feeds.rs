//! The Atom feed and the sitemap, both listing routes, written with an XML writer
//! (quick-xml): every text and attribute is escaped for XML, and characters XML
//! cannot carry at all (control characters; `check` already refuses them in the
//! data) are left out, so a feed reader never meets a malformed feed.

use super::lists::Lists;
use crate::derive::Plan;
use crate::derive::routes::{self, Route, SITEMAP_URLS};
use crate::model::Site;
use crate::model::strings::S;
use crate::output::write::OutputFile;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io;

/// One URL of the sitemap.
pub struct SitemapUrl {
    loc: String,
    lastmod: Option<String>,
}

/// Every route the sitemap lists, with its date.
pub fn sitemap_urls(site: &Site, plan: &Plan, routes: &[Route]) -> Vec<SitemapUrl> {
    routes
        .iter()
        .filter(|r| r.in_sitemap())
        .map(|r| SitemapUrl { loc: r.url(site, plan), lastmod: r.lastmod(site) })
        .collect()
}

/// Text without the characters XML cannot carry.
fn clean(s: &str) -> String {
    s.chars().filter(|c| !crate::source::is_forbidden_control(*c)).collect()
}

/// Text as XML may carry it, escaped.
fn xml_text(s: &str) -> BytesText<'static> {
    BytesText::new(&clean(s)).into_owned()
}

fn newline(w: &mut Writer<Vec<u8>>) -> io::Result<()> {
    w.write_event(Event::Text(BytesText::new("\n")))
}

fn element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name).write_text_content(xml_text(text))?;
    Ok(())
}

fn declaration(w: &mut Writer<Vec<u8>>, encoding: &str) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some(encoding), None)))?;
    newline(w)
}

fn finish(path: String, w: Writer<Vec<u8>>) -> OutputFile {
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    OutputFile { path, bytes }
}

/// sitemap.xml (None), or part n of a split sitemap: the protocol allows 50,000
/// URLs per file, so larger sites get an index.
pub fn sitemap(site: &Site, lists: &Lists, part: Option<usize>, path: String) -> io::Result<OutputFile> {
    const NS: (&str, &str) = ("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9");
    let base = site.config.base_url_trimmed();
    let urls = &lists.sitemap;
    let parts = urls.len().div_ceil(SITEMAP_URLS);
    let mut w = Writer::new(Vec::with_capacity(64 * urls.len().min(SITEMAP_URLS) + 256));
    declaration(&mut w, "UTF-8")?;
    if part.is_none() && parts > 1 {
        w.create_element("sitemapindex").with_attribute(NS).write_inner_content(|w| {
            newline(w)?;
            for n in 1..=parts {
                let loc = format!("{base}{}", routes::sitemap_part(n));
                w.create_element("sitemap").write_inner_content(|w| element(w, "loc", &loc))?;
                newline(w)?;
            }
            Ok(())
        })?;
        return Ok(finish(path, w));
    }
    let chunk = match part {
        None => &urls[..],
        Some(n) => &urls[(n - 1) * SITEMAP_URLS..(n * SITEMAP_URLS).min(urls.len())],
    };
    w.create_element("urlset").with_attribute(NS).write_inner_content(|w| {
        newline(w)?;
        for u in chunk {
            w.create_element("url").write_inner_content(|w| {
                element(w, "loc", &format!("{base}{}", u.loc))?;
                if let Some(lastmod) = &u.lastmod {
                    element(w, "lastmod", lastmod)?;
                }
                Ok(())
            })?;
            newline(w)?;
        }
        Ok(())
    })?;
    Ok(finish(path, w))
}

struct AtomEntry {
    url: String,
    title: String,
    updated: String,
    summary: String,
}

/// /updates.xml (None) or /m/<code>/updates.xml: 更新履歴 as Atom, one entry per
/// municipality and day, newest first; its content lists the changes.
pub fn history_feed(
    site: &Site,
    h: &crate::derive::history::History,
    only: Option<usize>,
    path: String,
) -> io::Result<OutputFile> {
    let s = &site.strings;
    let mut entries: Vec<AtomEntry> = Vec::new();
    let covered = match only {
        Some(mi) => mi..mi + 1,
        None => 0..site.municipalities.len(),
    };
    for mi in covered {
        let m = &site.municipalities[mi];
        for e in &h.municipalities[mi] {
            entries.push(AtomEntry {
                url: format!("{}#history-{}", routes::municipality(&m.code), e.iso),
                title: s.fill(S::FeedHistoryEntry, &[("name", &m.name), ("date", &e.date)]),
                updated: e.updated.clone(),
                summary: e.changes.join("\n"),
            });
        }
    }
    entries.sort_by(|a, b| (&b.updated, &a.url).cmp(&(&a.updated, &b.url)));
    entries.truncate(crate::derive::history::FEED_ENTRIES);
    let (title, self_url, page_url) = match only {
        Some(mi) => {
            let m = &site.municipalities[mi];
            (
                s.fill(S::FeedHistoryTitle, &[("name", &m.name)]),
                routes::municipality_history_feed(&m.code),
                routes::municipality(&m.code),
            )
        }
        None => (
            s.fill(S::FeedSiteHistoryTitle, &[("title", &site.config.title)]),
            routes::HISTORY_FEED.to_string(),
            routes::HOME.to_string(),
        ),
    };
    // A feed without entries yet is dated by the records it covers.
    let fallback = || match only {
        Some(mi) => site.municipalities[mi].last_verified.rfc3339(),
        None => site.municipalities.iter().map(|m| m.last_verified.rfc3339()).max().unwrap_or_default(),
    };
    let updated = entries.first().map_or_else(fallback, |e| e.updated.clone());
    let head = FeedHead { title: &title, id: &self_url, self_url: &self_url, page_url: &page_url };
    write_feed(site, &head, &updated, &entries, path)
}

/// atom.xml: municipalities by 最終確認日 and dated cases, newest first.
pub fn atom(site: &Site, path: String) -> io::Result<OutputFile> {
    let s = &site.strings;
    let mut entries: Vec<AtomEntry> = site
        .municipalities
        .iter()
        .map(|m| AtomEntry {
            url: routes::municipality(&m.code),
            title: s.fill(S::FeedMunicipalityTitle, &[("name", &m.name)]),
            updated: m.last_verified.rfc3339(),
            summary: s.fill(
                S::FeedMunicipalitySummary,
                &[("pref", &m.pref_name), ("status", m.status.label), ("date", &m.last_verified.wareki())],
            ),
        })
        .collect();
    entries.extend(site.cases.iter().filter_map(|c| {
        c.source.date.map(|date| AtomEntry {
            url: routes::case(&c.slug),
            title: c.title.clone(),
            updated: date.rfc3339(),
            summary: c.summary.clone(),
        })
    }));
    entries.sort_by(|a, b| (&b.updated, &a.url).cmp(&(&a.updated, &b.url)));
    let updated = entries.first().map(|e| e.updated.clone()).unwrap_or_default();
    // Its id is the site's address, as it was before other feeds came.
    let head = FeedHead { title: &site.config.title, id: routes::HOME, self_url: routes::ATOM, page_url: routes::HOME };
    write_feed(site, &head, &updated, &entries, path)
}

/// What a feed says of itself: its title, its id and its own and its page's addresses (site paths).
struct FeedHead<'a> {
    title: &'a str,
    id: &'a str,
    self_url: &'a str,
    page_url: &'a str,
}

/// An Atom feed of `entries` (newest first).
fn write_feed(
    site: &Site,
    head: &FeedHead,
    updated: &str,
    entries: &[AtomEntry],
    path: String,
) -> io::Result<OutputFile> {
    let FeedHead { title, id, self_url, page_url } = *head;
    let base = site.config.base_url_trimmed();
    let link = |w: &mut Writer<Vec<u8>>, href: &str, rel: &str, kind: &str| -> io::Result<()> {
        let href = clean(href);
        w.create_element("link")
            .with_attributes([("href", href.as_str()), ("rel", rel), ("type", kind)])
            .write_empty()?;
        Ok(())
    };
    let mut w = Writer::new(Vec::with_capacity(512 * entries.len() + 1024));
    declaration(&mut w, "utf-8")?;
    w.create_element("feed")
        .with_attributes([("xmlns", "http://www.w3.org/2005/Atom"), ("xml:lang", "ja")])
        .write_inner_content(|w| {
            newline(w)?;
            element(w, "title", title)?;
            newline(w)?;
            element(w, "subtitle", &site.config.description)?;
            newline(w)?;
            element(w, "id", &format!("{base}{id}"))?;
            newline(w)?;
            link(w, &format!("{base}{self_url}"), "self", "application/atom+xml")?;
            newline(w)?;
            link(w, &format!("{base}{page_url}"), "alternate", "text/html")?;
            newline(w)?;
            element(w, "updated", updated)?;
            newline(w)?;
            let author = site.config.publisher.as_deref().unwrap_or(&site.config.title);
            w.create_element("author").write_inner_content(|w| element(w, "name", author))?;
            newline(w)?;
            for e in entries {
                w.create_element("entry").write_inner_content(|w| {
                    newline(w)?;
                    element(w, "id", &format!("{base}{}", e.url))?;
                    newline(w)?;
                    element(w, "title", &e.title)?;
                    newline(w)?;
                    link(w, &format!("{base}{}", e.url), "alternate", "text/html")?;
                    newline(w)?;
                    element(w, "updated", &e.updated)?;
                    newline(w)?;
                    element(w, "summary", &e.summary)?;
                    newline(w)
                })?;
                newline(w)?;
            }
            Ok(())
        })?;
    Ok(finish(path, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_the_xml_cannot_carry_is_left_out_and_the_rest_escaped() {
        let mut w = Writer::new(Vec::new());
        declaration(&mut w, "utf-8").unwrap();
        w.create_element("feed")
            .write_inner_content(|w| {
                element(w, "title", "拠点\u{c}ガイド\u{0} <script>&\"'")?;
                w.create_element("link")
                    .with_attribute(("href", clean("https://x.example/?a=1&b=\"2\"\u{85}").as_str()))
                    .write_empty()?;
                Ok(())
            })
            .unwrap();
        let xml = String::from_utf8(finish("atom.xml".into(), w).bytes).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
        let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
        assert_eq!(title.text(), Some("拠点ガイド <script>&\"'"));
        let link = doc.descendants().find(|n| n.has_tag_name("link")).unwrap();
        assert_eq!(link.attribute("href"), Some("https://x.example/?a=1&b=\"2\""));
    }
}
