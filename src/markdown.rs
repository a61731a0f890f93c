//! Markdown for pages written by many hands: tables and footnotes, ruby
//! `{漢字|かんじ}`, no stray spaces between Japanese lines, raw HTML shown as text,
//! and only safe link targets.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Markdown to HTML (block level). Site paths (`/guide/…`) get `base_path` in front,
/// so a site published under a sub-path keeps working.
pub fn render(md: &str, base_path: &str) -> String {
    let md = &*ruby_in_tables(md);
    let events = transform(Parser::new_ext(md, options()).collect(), base_path);
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

/// Markdown to HTML without the wrapping paragraph, for short text in lists and tables.
pub fn render_inline(md: &str, base_path: &str) -> String {
    let out = render(md, base_path);
    let trimmed = out.trim_end();
    match trimmed.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => out,
    }
}

/// Markdown to plain text (for the search index): ruby becomes "base（reading）".
pub fn plain_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for ev in Parser::new_ext(&ruby_in_tables(md), options()) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    let mut text = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((inner, close)) if inner.contains('|') => {
                let (base, reading) = inner.split_once('|').unwrap_or((inner, ""));
                text.push_str(&rest[..open]);
                text.push_str(base);
                text.push('（');
                text.push_str(reading);
                text.push('）');
                rest = &after[close + 1..];
            }
            _ => {
                text.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text
}

/// The ruby spans `{漢字|かんじ}` of a line, as byte ranges of the whole span.
fn ruby_spans(line: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(open) = line[from..].find('{').map(|i| from + i) {
        let after = &line[open + 1..];
        match after.find(['{', '}']) {
            Some(close) if after.as_bytes()[close] == b'}' => {
                let inner = &after[..close];
                if let Some((base, reading)) = inner.split_once('|')
                    && !base.is_empty()
                    && !reading.is_empty()
                    && !reading.contains('|')
                    && !base.ends_with('\\')
                {
                    spans.push((open, open + 1 + close + 1));
                }
                from = open + 1 + close + 1;
            }
            Some(next) => from = open + 1 + next,
            None => break,
        }
    }
    spans
}

/// A table row's cells are split at `|`, so a ruby span in a cell would cut the
/// row in two: in lines that are table rows (a `|` outside the spans), outside
/// fenced code, the span's bar is escaped (`{漢字\|かんじ}`), which the parser
/// turns back into the span the ruby step reads.
fn ruby_in_tables(md: &str) -> std::borrow::Cow<'_, str> {
    if !md.contains('{') || !md.contains('|') {
        return std::borrow::Cow::Borrowed(md);
    }
    let mut out = String::with_capacity(md.len() + 16);
    let mut fence: Option<&str> = None;
    let mut changed = false;
    for line in md.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(f), Some(m)) if f == m => fence = None,
            _ => {}
        }
        let spans = if fence.is_none() && marker.is_none() { ruby_spans(line) } else { Vec::new() };
        let mut outside = line.to_string();
        for &(a, b) in spans.iter().rev() {
            outside.replace_range(a..b, "");
        }
        if spans.is_empty() || !outside.contains('|') {
            out.push_str(line);
            continue;
        }
        changed = true;
        let mut at = 0;
        for (a, b) in spans {
            out.push_str(&line[at..a]);
            out.push_str(&line[a..b].replacen('|', "\\|", 1));
            at = b;
        }
        out.push_str(&line[at..]);
    }
    if changed { std::borrow::Cow::Owned(out) } else { std::borrow::Cow::Borrowed(md) }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' | '\u{3040}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' |
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' |
        '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{2FA1F}')
}

/// Links and images whose target the renderer drops (a scheme other than http,
/// https, tel or mailto): (line, column, target), 1-based, in `text` read as
/// Markdown. Lines are read without their indentation, so Markdown inside a YAML
/// file's values (block scalars are indented) is found too; line numbers stay.
pub fn dropped_links(text: &str) -> Vec<(usize, usize, String)> {
    // Most files have no link at all.
    if !text.contains("](") && !text.contains("]:") && !text.contains('<') {
        return Vec::new();
    }
    let flat: String = text.lines().map(|l| format!("{}\n", l.trim_start())).collect();
    let starts: Vec<usize> = std::iter::once(0).chain(flat.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let mut found = Vec::new();
    for (ev, range) in Parser::new_ext(&flat, options()).into_offset_iter() {
        let dest = match &ev {
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        if safe_url(dest) {
            continue;
        }
        let line = starts.partition_point(|&s| s <= range.start);
        let col = flat[starts[line - 1]..range.start].chars().count() + 1;
        found.push((line, col, dest.to_string()));
    }
    found
}

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.find(':') {
        // A colon before any '/', '?' or '#' means a scheme.
        Some(i) if !lower[..i].contains(['/', '?', '#']) => ["http", "https", "tel", "mailto"].contains(&&lower[..i]),
        _ => true,
    }
}

fn transform<'a>(events: Vec<Event<'a>>, base_path: &str) -> Vec<Event<'a>> {
    // 1. Raw HTML becomes text; adjacent text is merged so ruby spans are whole.
    let mut merged: Vec<Event> = Vec::with_capacity(events.len());
    for ev in events {
        let ev = match ev {
            Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
            other => other,
        };
        if let (Event::Text(s), Some(Event::Text(prev))) = (&ev, merged.last_mut()) {
            let joined = format!("{prev}{s}");
            *prev = CowStr::from(joined);
            continue;
        }
        merged.push(ev);
    }

    // 2. Soft breaks between two CJK characters vanish; unsafe links lose their target.
    let mut out: Vec<Event> = Vec::with_capacity(merged.len());
    let mut link_stack: Vec<bool> = Vec::new();
    let mut in_code = false;
    for i in 0..merged.len() {
        match &merged[i] {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                out.push(merged[i].clone());
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                out.push(merged[i].clone());
            }
            Event::SoftBreak => {
                let before = last_char(&out);
                let after = merged.get(i + 1).and_then(first_char);
                if before.is_some_and(is_cjk) && after.is_some_and(is_cjk) {
                    continue;
                }
                out.push(Event::SoftBreak);
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let ok = safe_url(dest_url);
                link_stack.push(ok);
                if ok {
                    let dest_url = if dest_url.starts_with('/') && !dest_url.starts_with("//") && !base_path.is_empty()
                    {
                        CowStr::from(format!("{base_path}{dest_url}"))
                    } else {
                        dest_url.clone()
                    };
                    out.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url,
                        title: title.clone(),
                        id: id.clone(),
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if link_stack.pop().unwrap_or(true) {
                    out.push(merged[i].clone());
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                // No external requests: remote images show as their alt text.
                let ok = safe_url(dest_url) && !dest_url.contains("://");
                link_stack.push(ok);
                if ok {
                    out.push(merged[i].clone());
                }
            }
            Event::End(TagEnd::Image) => {
                if link_stack.pop().unwrap_or(true) {
                    out.push(merged[i].clone());
                }
            }
            Event::Text(t) if !in_code => push_text_with_ruby(&mut out, t),
            other => out.push(other.clone()),
        }
    }
    limit_depth(out)
}

/// Deepest nesting of elements kept from Markdown: quotes in quotes or lists in
/// lists past this are flattened (their text stays). Browsers, the minifier and
/// screen readers all cope badly with thousands of levels.
pub const MAX_DEPTH: usize = 24;

fn limit_depth(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut kept: Vec<bool> = Vec::new();
    let mut depth = 0;
    let mut out = Vec::with_capacity(events.len());
    for ev in events {
        match ev {
            Event::Start(_) => {
                let keep = depth < MAX_DEPTH;
                kept.push(keep);
                if keep {
                    depth += 1;
                    out.push(ev);
                }
            }
            Event::End(_) => {
                if kept.pop().unwrap_or(true) {
                    depth -= 1;
                    out.push(ev);
                } else {
                    out.push(Event::Text(CowStr::Borrowed(" ")));
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn last_char(events: &[Event]) -> Option<char> {
    match events.last()? {
        Event::Text(t) | Event::Code(t) => t.chars().last(),
        Event::Html(h) if h.ends_with("</ruby>") => Some('字'),
        _ => None,
    }
}

fn first_char(ev: &Event) -> Option<char> {
    match ev {
        Event::Text(t) | Event::Code(t) => t.chars().next(),
        _ => None,
    }
}

/// Split `{漢字|かんじ}` into ruby markup; everything else stays escaped text.
fn push_text_with_ruby<'a>(out: &mut Vec<Event<'a>>, text: &CowStr<'a>) {
    let s: &str = text;
    if !s.contains('{') {
        out.push(Event::Text(text.clone()));
        return;
    }
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let inner = &after[..close];
        match inner.split_once('|') {
            Some((base, reading)) if !base.is_empty() && !reading.is_empty() && !inner.contains('{') => {
                if open > 0 {
                    out.push(Event::Text(CowStr::from(rest[..open].to_string())));
                }
                out.push(Event::Html(CowStr::from(ruby(base, reading))));
                rest = &after[close + 1..];
            }
            _ => {
                out.push(Event::Text(CowStr::from(rest[..open + 1].to_string())));
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        out.push(Event::Text(CowStr::from(rest.to_string())));
    }
}

pub fn ruby(base: &str, reading: &str) -> String {
    format!("<ruby>{}<rp>（</rp><rt>{}</rt><rp>）</rp></ruby>", escape(base), escape(reading))
}

/// HTML-escape text (for markup built outside templates, e.g. ruby).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_t(md: &str) -> String {
        render(md, "")
    }

    #[test]
    fn site_paths_get_the_base_path() {
        assert!(render("[a](/guide/x/) [b](https://e.jp/)", "/kyoten").contains("href=\"/kyoten/guide/x/\""));
        assert!(render("[b](https://e.jp/)", "/kyoten").contains("href=\"https://e.jp/\""));
    }

    #[test]
    fn ruby_and_cjk_breaks() {
        let html = render_t("{緊急|きんきゅう}のときは\nここに電話します。\nCall us\nnow.");
        assert!(html.contains("<ruby>緊急<rp>（</rp><rt>きんきゅう</rt><rp>）</rp></ruby>"), "{html}");
        assert!(html.contains("ときはここに"), "{html}");
        assert!(html.contains("Call us\nnow"), "{html}");
    }

    #[test]
    fn raw_html_is_text() {
        let html = render_t("<script>alert(1)</script>\n\n<b onclick=x>b</b>");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<b "), "{html}");
    }

    #[test]
    fn unsafe_links_lose_their_target() {
        let html = render_t("[x](javascript:alert(1)) [y](https://example.jp/) [z](/m/132144/)");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("href=\"https://example.jp/\""));
        assert!(html.contains("href=\"/m/132144/\""));
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let html = render_t(&format!("{} deep", ">".repeat(5000)));
        assert_eq!(html.matches("<blockquote>").count(), MAX_DEPTH);
        assert!(html.contains("deep"));
        let list: String = (0..200).map(|i| format!("{}- item{i}\n", "  ".repeat(i))).collect();
        let html = render_t(&list);
        assert!(html.matches("<ul>").count() <= MAX_DEPTH && html.contains("item199"));
    }

    #[test]
    fn safe_image_inside_unsafe_link_stays_balanced() {
        let html = render_t("[![alt](/a.png)](javascript:alert(1))");
        assert!(!html.contains("javascript") && !html.contains("</a>"), "{html}");
        assert!(html.contains("<img src=\"/a.png\""), "{html}");
    }

    #[test]
    fn ruby_in_a_table_cell_keeps_the_row_whole() {
        let md = "| 項目 | 内容 |\n|---|---|\n| {緊急|きんきゅう}時 | {短期入所|たんきにゅうしょ}の空き |\n";
        let html = render_t(md);
        assert_eq!(html.matches("<td>").count(), 2, "{html}");
        assert!(html.contains("<td><ruby>緊急<rp>（</rp><rt>きんきゅう</rt><rp>）</rp></ruby>時</td>"), "{html}");
        assert!(html.contains("<ruby>短期入所<rp>"), "{html}");
        assert!(!html.contains('\\'), "{html}");
        // Code keeps what was written; a paragraph is untouched.
        let code = render_t("```\n| a | {b|c} |\n```\n");
        assert!(code.contains("| a | {b|c} |"), "{code}");
        assert!(plain_text(md).contains("緊急（きんきゅう）時"), "{}", plain_text(md));
    }

    #[test]
    fn ruby_in_braces_without_bar_is_text() {
        assert!(render_t("a {b} c").contains("a {b} c"));
    }
}
