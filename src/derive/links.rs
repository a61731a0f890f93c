//! Internal links written in Markdown (`[text](/guide/pdca/)`): each must name a page
//! or file the site builds. Checked against the routes (`crate::derive::routes`), the same
//! list the build renders.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::source::Sources;

/// Warn on `](/path)` links in any loaded source that point nowhere, and on links
/// whose scheme the renderer drops (`javascript:`, `data:`, …) wherever Markdown is.
pub fn check_links(site: &Site, sources: &Sources, diags: &mut Diagnostics) {
    // The site's paths (one per provider nationwide) are listed only when some
    // source has a link to check; most data files have none.
    let known = std::cell::OnceCell::new();
    for (path, text) in sources.iter() {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if ext == "md" || ext == "yaml" {
            for (line, col, target) in crate::markdown::dropped_links(text) {
                let shown: String = target.chars().take(60).collect();
                diags.push(
                    Diagnostic::warning(path, line, col, format!("link to \"{shown}\" is dropped from the page"))
                        .with_hint("links may use http, https, tel or mailto, or a site path such as /m/122327/"),
                );
            }
        }
        if (ext != "md" && ext != "yaml") || !text.contains("](/") {
            continue;
        }
        let known = known.get_or_init(|| crate::derive::routes::known_paths(site, &crate::derive::plan(site)));
        for (i, line) in text.lines().enumerate() {
            let mut rest = line;
            let mut offset = 0;
            while let Some(at) = rest.find("](/") {
                let start = at + 2;
                let tail = &rest[start..];
                let end = tail.find([')', ' ', '"']).unwrap_or(tail.len());
                let target = &tail[..end];
                let page = target.split(['#', '?']).next().unwrap_or(target);
                let page =
                    if page.ends_with('/') || page.contains('.') { page.to_string() } else { format!("{page}/") };
                if !page.starts_with("//") && !known.contains(&page) {
                    let col = line[..offset + start].chars().count() + 1;
                    let hint = known
                        .iter()
                        .map(|k| (strsim::levenshtein(k, &page), k))
                        .min()
                        .filter(|(d, _)| *d <= 4)
                        .map(|(_, k)| format!("did you mean \"{k}\"?"))
                        .unwrap_or_else(|| "link to a page the site builds, e.g. /m/<code>/ or /guide/<slug>/".into());
                    diags.push(
                        Diagnostic::warning(path, i + 1, col, format!("link to \"{target}\" goes nowhere"))
                            .with_hint(hint),
                    );
                }
                offset += start + end;
                rest = &tail[end..];
            }
        }
    }
}
