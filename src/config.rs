//! `kyoten.yaml`: the site's settings.

use serde::{Deserialize, Serialize};

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
}

fn default_region() -> String {
    "全国".to_string()
}

impl Config {
    pub fn base_url_trimmed(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }
}
