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

fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        minify_css: true,
        // JS minification breaks top-level const across classic scripts; scripts are small.
        minify_js: false,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_doctype: false,
        allow_noncompliant_unquoted_attribute_values: false,
        allow_removing_spaces_between_attributes: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}
