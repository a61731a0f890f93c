//! HTML as published: minified when the site asks for it (`minify`, on by default).

use crate::model::Site;
use crate::output::write::OutputFile;

/// CPU time spent minifying (µs), for KYOTEN_TIMINGS.
pub static MINIFY_US: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A rendered file as it is published: HTML pages minified when the site asks for it.
pub fn finish(site: &Site, f: OutputFile) -> OutputFile {
    use std::sync::atomic::Ordering::Relaxed;
    if !site.config.minify || !f.path.ends_with(".html") {
        return f;
    }
    let t0 = std::time::Instant::now();
    let bytes = minify(&f.bytes);
    MINIFY_US.fetch_add(t0.elapsed().as_micros() as u64, Relaxed);
    OutputFile { path: f.path, bytes }
}

/// The settings pages are minified with. `minify_css` stays off: pages carry no
/// CSS (every page's Content-Security-Policy says `style-src 'self'`, so a
/// `<style>` element or `style` attribute would not apply; the theme's style sheet
/// is a static file), and with it off minify-html never calls lightningcss, whose
/// source-map code pulls in rkyv 0.7 (RUSTSEC-2026-0235; see scripts/audit).
pub(crate) fn settings() -> minify_html::Cfg {
    minify_html::Cfg {
        minify_css: false,
        // JS minification breaks top-level const across classic scripts; scripts are small.
        minify_js: false,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_doctype: false,
        allow_noncompliant_unquoted_attribute_values: false,
        allow_removing_spaces_between_attributes: false,
        ..minify_html::Cfg::default()
    }
}

fn minify(html: &[u8]) -> Vec<u8> {
    minify_html::minify(html, &settings())
}

#[cfg(test)]
mod tests {
    /// The audit's reviewed exception for RUSTSEC-2026-0235 rests on this: no
    /// CSS or JS goes through minify-html's minifiers (lightningcss, oxc).
    #[test]
    fn css_and_js_are_never_minified() {
        let cfg = super::settings();
        assert!(!cfg.minify_css && !cfg.minify_js);
        let page = b"<!doctype html><p style=\"color: red ;  margin : 0\">x</p><style>p  {  color : red }</style>";
        let out = String::from_utf8(super::minify(page)).unwrap();
        assert!(out.contains("p  {  color : red }"), "{out}");
    }
}
