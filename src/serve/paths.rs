//! Which output file a request path names. The dev server serves only files of
//! the in-memory output, looked up by key: nothing on disk is ever opened from a
//! request, so `..`, encoded traversal, backslashes and symlinks cannot reach out.

use percent_encoding::percent_decode_str;

#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// The key of an output file (`m/122327/index.html`).
    File(String),
    /// A folder asked for without its trailing slash: redirect here.
    Redirect(String),
    NotFound,
}

/// Map the path of a request (still percent-encoded, without the query) to an
/// output file. `exists` says whether the output holds a key.
pub fn resolve(raw: &str, exists: impl Fn(&str) -> bool) -> Resolved {
    let Ok(path) = percent_decode_str(raw).decode_utf8() else { return Resolved::NotFound };
    let Some(rest) = path.strip_prefix('/') else { return Resolved::NotFound };
    if path.contains(['\\', '\0']) {
        return Resolved::NotFound;
    }
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    for (i, s) in segments.iter().enumerate() {
        let empty_inside = s.is_empty() && i != last;
        if empty_inside || *s == "." || *s == ".." || s.contains(':') {
            return Resolved::NotFound;
        }
    }
    let key = if rest.is_empty() || rest.ends_with('/') { format!("{rest}index.html") } else { rest.to_string() };
    if exists(&key) {
        return Resolved::File(key);
    }
    if !key.ends_with("index.html") && exists(&format!("{key}/index.html")) {
        return Resolved::Redirect(format!("{raw}/"));
    }
    Resolved::NotFound
}

/// The URL path a browser shows for an output file: `m/1/index.html` → `/m/1/`.
pub use crate::derive::routes::url_of;

/// Content type by extension, for every kind of file the site contains.
pub fn content_type(key: &str) -> &'static str {
    let ext = key.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "geojson" => "application/geo+json",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "wasm" => "application/wasm",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(key: &str) -> bool {
        ["index.html", "m/122327/index.html", "static/style.css", "地図/index.html"].contains(&key)
    }

    #[test]
    fn serves_files_and_folders() {
        assert_eq!(resolve("/", site), Resolved::File("index.html".into()));
        assert_eq!(resolve("/m/122327/", site), Resolved::File("m/122327/index.html".into()));
        assert_eq!(resolve("/m/122327", site), Resolved::Redirect("/m/122327/".into()));
        assert_eq!(resolve("/static/style.css", site), Resolved::File("static/style.css".into()));
        assert_eq!(resolve("/%E5%9C%B0%E5%9B%B3/", site), Resolved::File("地図/index.html".into()));
    }

    #[test]
    fn refuses_traversal() {
        for raw in [
            "/../Cargo.toml",
            "/m/../../etc/passwd",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/m/..%5c..%5cCargo.toml",
            "/m\\..\\Cargo.toml",
            "//etc/passwd",
            "/C:/Windows/win.ini",
            "/./index.html",
            "/%00",
            "/%ff",
            "relative",
        ] {
            assert_eq!(resolve(raw, |_| true), Resolved::NotFound, "{raw}");
        }
    }

    #[test]
    fn urls_and_types() {
        assert_eq!(url_of("m/1/index.html"), "/m/1/");
        assert_eq!(url_of("index.html"), "/");
        assert_eq!(url_of("data/a.csv"), "/data/a.csv");
        assert_eq!(content_type("x/pagefind.wasm"), "application/wasm");
        assert_eq!(content_type("data/p.geojson"), "application/geo+json");
    }
}
