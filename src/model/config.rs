//! `kyoten.yaml`: the site's settings.

use serde::{Deserialize, Serialize};

/// The site's settings (`kyoten.yaml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site title, e.g. 地域生活支援拠点等ガイド.
    pub title: String,
    /// One sentence shown under the title and in `<meta name="description">`.
    pub description: String,
    /// Absolute URL where the site is published, used for sitemap.xml and the feed.
    pub base_url: String,
    /// The region the site covers, e.g. 全国 or 東京都.
    #[serde(default = "default_region")]
    pub region: String,
    /// Who publishes the site (shown in the footer).
    #[serde(default)]
    pub publisher: Option<String>,
    /// Advice shown with every contact and in the footer (Markdown; e.g. [119番](tel:119)).
    #[serde(default)]
    pub emergency_note: Option<String>,
    /// 平日の日中 for contacts given as `weekday_daytime` or `nights_holidays`:
    /// `09:00-17:00` unless set. The page says 平日の日中; these bounds only decide
    /// which line the page highlights as answering now.
    #[serde(default = "default_daytime")]
    pub contact_daytime: String,
    /// The licence of the open data in /data/ (default CC BY 4.0, as the
    /// government's 公共データ利用規約 is compatible with).
    #[serde(default = "default_data_licence")]
    pub data_licence: String,
    /// Where that licence is written.
    #[serde(default = "default_data_licence_url")]
    pub data_licence_url: String,
    /// Keep 困ったときは, the 備え guide and every municipality page a person has
    /// opened for use without a network (a service worker at /sw.js). On unless
    /// set to false.
    #[serde(default = "yes")]
    pub offline: bool,
    /// How many commits back `更新履歴` looks when the site is a git repository
    /// (each municipality and provider page lists what changed, with Atom feeds);
    /// 0 turns it off.
    #[serde(default = "default_history_commits")]
    pub history_commits: usize,
    /// Whether a base 整備予定 must name its target 年度 (`target:`): an error when
    /// true, a warning otherwise.
    #[serde(default)]
    pub targets_required: bool,
    /// How many days a provider's stated places (空床) stay current: older ones show
    /// 要確認 and `check` warns.
    #[serde(default = "default_places_max_age")]
    pub places_max_age_days: u32,
    /// Maps: an optional tile background.
    #[serde(default)]
    pub map: MapConfig,
    /// Minify every HTML page with minify-html (on by default). It saves about 5 % of
    /// the bytes (4 % after gzip) and costs about 20 ns per byte of HTML: negligible
    /// for a prefecture, about 19 s of CPU for 100,000 providers. Like Hugo's
    /// `--minify` and Zola's `minify_html`, a very large site may turn it off.
    #[serde(default = "yes")]
    pub minify: bool,
}

/// `history_commits` unless set.
pub const DEFAULT_HISTORY_COMMITS: usize = 100;

fn default_history_commits() -> usize {
    DEFAULT_HISTORY_COMMITS
}

fn default_data_licence() -> String {
    "クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）".into()
}

fn default_data_licence_url() -> String {
    "https://creativecommons.org/licenses/by/4.0/deed.ja".into()
}

fn default_places_max_age() -> u32 {
    30
}

fn default_daytime() -> String {
    "09:00-17:00".into()
}

impl Config {
    /// `contact_daytime` as minutes, when it reads as `HH:MM-HH:MM` with the start first.
    pub fn daytime(&self) -> Option<crate::model::hours::Daytime> {
        let (a, b) = self.contact_daytime.split_once('-')?;
        let (from, to) = (crate::model::hours::parse_time(a)?, crate::model::hours::parse_time(b)?);
        (from < to).then_some(crate::model::hours::Daytime { from, to })
    }
}

fn yes() -> bool {
    true
}

/// Maps are drawn as SVG from data/geo; a raster tile background is optional and
/// off by default, so the site makes no request outside itself unless asked to.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MapConfig {
    /// Show a tile background (with JavaScript).
    #[serde(default)]
    pub tiles: bool,
    /// XYZ template; default 地理院タイル (淡色地図).
    #[serde(default = "default_tile_url")]
    pub tile_url: String,
    /// The credit shown on every map with tiles (default 地理院タイル).
    #[serde(default = "default_tile_attribution")]
    pub tile_attribution: String,
    /// Where the credit links (default the 地理院タイル list).
    #[serde(default = "default_tile_attribution_url")]
    pub tile_attribution_url: String,
}

impl Default for MapConfig {
    fn default() -> Self {
        MapConfig {
            tiles: false,
            tile_url: default_tile_url(),
            tile_attribution: default_tile_attribution(),
            tile_attribution_url: default_tile_attribution_url(),
        }
    }
}

fn default_tile_url() -> String {
    "https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png".into()
}

fn default_tile_attribution() -> String {
    "地理院タイル".into()
}

fn default_tile_attribution_url() -> String {
    "https://maps.gsi.go.jp/development/ichiran.html".into()
}

impl MapConfig {
    /// The tile server's origin, for the Content-Security-Policy's img-src.
    /// Built from the parsed host only: a tile_url that `check` refuses gives none.
    pub fn tile_origin(&self) -> Option<String> {
        if !self.tiles || tile_url_problem(&self.tile_url).is_some() {
            return None;
        }
        WebUrl::parse(&self.tile_url, "{}?=&").map(|u| u.origin())
    }
}

fn default_region() -> String {
    "全国".to_string()
}

impl Config {
    /// `base_url` without its trailing slash, for joining with site paths.
    pub fn base_url_trimmed(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }
}

/// An absolute URL split into its parts, read by a deliberately narrow grammar:
/// a lower-case `http` or `https` scheme, a host name (letters, digits, `-`, `.`) or
/// IPv4 address with an optional port, and a path of unreserved characters,
/// `%`-escapes and `/` (plus the query characters `?=&` and the tile placeholders
/// where asked for). Anything else — quotes, `;`, spaces, `//` in the path, a
/// user part — is refused: these settings end up in every page's links and in its
/// Content-Security-Policy.
#[derive(Debug, PartialEq, Eq)]
pub struct WebUrl<'a> {
    /// `http` or `https`.
    pub scheme: &'a str,
    /// The host with its port, as written (`example.jp`, `127.0.0.1:1111`).
    pub authority: &'a str,
    /// From the first `/` after the host on (at least `/`).
    pub path: &'a str,
}

impl<'a> WebUrl<'a> {
    /// Parse `s`; `extra` lists the characters the path may hold beyond the plain set.
    pub fn parse(s: &'a str, extra: &str) -> Option<WebUrl<'a>> {
        let (scheme, rest) = s.split_once("://")?;
        if scheme != "http" && scheme != "https" {
            return None;
        }
        let end = rest.find('/').unwrap_or(rest.len());
        let (authority, path) = rest.split_at(end);
        let (host, port) = match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        let label_ok = |l: &str| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        };
        if host.is_empty() || host.len() > 253 || !host.split('.').all(label_ok) {
            return None;
        }
        if port.is_some_and(|p| p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let path = if path.is_empty() { "/" } else { path };
        let plain = |c: char| c.is_ascii_alphanumeric() || "-._~%/".contains(c) || extra.contains(c);
        if !path.chars().all(plain) || path.contains("//") || path.split('/').any(|seg| seg == "." || seg == "..") {
            return None;
        }
        Some(WebUrl { scheme, authority, path })
    }

    /// `scheme://authority`: what a Content-Security-Policy names.
    pub fn origin(&self) -> String {
        format!("{}://{}", self.scheme, self.authority)
    }
}

/// Why `base_url` is not usable, if it is not.
pub fn base_url_problem(s: &str) -> Option<&'static str> {
    match WebUrl::parse(s, "") {
        None => Some("base_url must be an absolute http or https address with a host and a plain path"),
        Some(u) if !u.path.ends_with('/') => Some("base_url must end with /"),
        Some(_) => None,
    }
}

/// Why `map.tile_url` is not usable, if it is not.
pub fn tile_url_problem(s: &str) -> Option<&'static str> {
    match WebUrl::parse(s, "{}?=&") {
        Some(u) if u.scheme != "https" => Some("map.tile_url must be an https address"),
        Some(u) => {
            let holes = ["{z}", "{x}", "{y}"];
            let mut rest = u.path.to_string();
            if !holes.iter().all(|h| rest.contains(h)) {
                return Some("map.tile_url must hold {z}, {x} and {y}");
            }
            for h in holes {
                rest = rest.replace(h, "");
            }
            if rest.contains(['{', '}']) { Some("map.tile_url may hold only {z}, {x} and {y} in braces") } else { None }
        }
        None => Some("map.tile_url must be an https address with a host and a plain path"),
    }
}

/// Whether `s` starts with a scheme a link may use anywhere in a site's data:
/// http, https, tel or mailto (any case).
pub fn has_link_scheme(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    ["https://", "http://", "tel:", "mailto:"].iter().any(|p| lower.starts_with(p))
}

/// Why `map.tile_attribution_url` is not usable, if it is not: the rule of every
/// URL in the data (http, https, tel or mailto), and nothing a link cannot hold.
pub fn attribution_url_problem(s: &str) -> Option<&'static str> {
    let lower = s.to_ascii_lowercase();
    let scheme_ok = has_link_scheme(s);
    let clean = !s.chars().any(|c| c.is_whitespace() || c.is_control() || "\"'<>`\\".contains(c));
    if !scheme_ok || !clean {
        return Some("map.tile_attribution_url must be an http, https, tel or mailto address without spaces or quotes");
    }
    if lower.starts_with("http") && WebUrl::parse(s.split(['?', '#']).next().unwrap_or(s), "").is_none() {
        return Some("map.tile_attribution_url must be an absolute address with a host");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_must_be_a_plain_absolute_address() {
        for ok in ["https://kyoten.example.jp/", "https://example.jp/kyoten/", "http://127.0.0.1:1111/"] {
            assert_eq!(base_url_problem(ok), None, "{ok}");
        }
        for bad in [
            "https://kyoten.example.jp//evil.example/",
            "javascript:alert(1)//",
            "https://example.jp/kyoten",
            "//example.jp/",
            "https://user@example.jp/",
            "https://example.jp/a b/",
            "https://example.jp/\"/",
            "https://example.jp/../",
            "data:text/html,x/",
            "HTTPS://example.jp/",
        ] {
            assert!(base_url_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn tile_url_is_https_with_its_placeholders_and_nothing_else() {
        assert_eq!(tile_url_problem(&default_tile_url()), None);
        assert_eq!(tile_url_problem("https://tiles.example/{z}/{x}/{y}.png?key=1&v=2"), None);
        for bad in [
            "https://tiles.example;script-src-elem 'unsafe-inline';script-src-attr 'unsafe-inline'/{z}/{x}/{y}.png",
            "http://tiles.example/{z}/{x}/{y}.png",
            "https://tiles.example/{z}/{x}.png",
            "https://tiles.example/{z}/{x}/{y}/{s}.png",
            "javascript:alert(1)",
            "https://tiles.example/{z}/{x}/{y}.png\"",
        ] {
            assert!(tile_url_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn the_csp_origin_comes_from_the_parsed_host_only() {
        let mut map = MapConfig { tiles: true, ..MapConfig::default() };
        assert_eq!(map.tile_origin().as_deref(), Some("https://cyberjapandata.gsi.go.jp"));
        map.tile_url = "https://tiles.example;script-src 'unsafe-inline'/{z}/{x}/{y}.png".into();
        assert_eq!(map.tile_origin(), None);
    }

    #[test]
    fn attribution_urls_follow_the_data_rule() {
        assert_eq!(attribution_url_problem(&default_tile_attribution_url()), None);
        for bad in
            ["javascript:alert(1)", "data:text/html,x", "vbscript:x", "https://x.example/\"onclick=1", "https:///x"]
        {
            assert!(attribution_url_problem(bad).is_some(), "{bad}");
        }
    }
}
