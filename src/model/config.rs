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
    pub fn tile_origin(&self) -> Option<String> {
        if !self.tiles {
            return None;
        }
        let after = self.tile_url.split_once("://")?;
        let host = after.1.split('/').next()?;
        Some(format!("{}://{}", after.0, host))
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
