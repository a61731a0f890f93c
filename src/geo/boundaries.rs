//! Municipality and prefecture outlines read with the `geojson` crate. Feature
//! `code` properties join to municipality codes (6 digits) and prefecture codes (2).

use crate::diagnostics::{Diagnostic, Diagnostics};
use geojson::{GeoJson, GeometryValue};
use std::collections::BTreeMap;
use std::path::Path;

pub const MUNICIPALITIES_GEOJSON: &str = "data/geo/municipalities.geojson";
pub const PREFECTURES_GEOJSON: &str = "data/geo/prefectures.geojson";

/// (lon, lat) rings; the first ring of a polygon is its outline, the rest holes.
pub type Ring = Vec<[f64; 2]>;

#[derive(Debug, Clone)]
pub struct Shape {
    pub code: String,
    pub name: String,
    pub polygons: Vec<Vec<Ring>>,
    /// [min lon, min lat, max lon, max lat]
    pub bbox: [f64; 4],
}

#[derive(Debug, Default)]
pub struct Boundaries {
    pub municipalities: BTreeMap<String, Shape>,
    pub prefectures: BTreeMap<String, Shape>,
}

impl Boundaries {
    pub fn load(root: &Path, diags: &mut Diagnostics) -> Boundaries {
        Boundaries {
            municipalities: load_file(root, MUNICIPALITIES_GEOJSON, diags),
            prefectures: load_file(root, PREFECTURES_GEOJSON, diags),
        }
    }
}

/// Largest boundary file read (the national municipalities file is about 3 MB).
pub const MAX_GEO_BYTES: u64 = 128 * 1024 * 1024;

fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle).map(|i| text[..i].matches('\n').count() + 1).unwrap_or(1)
}

fn load_file(root: &Path, rel: &str, diags: &mut Diagnostics) -> BTreeMap<String, Shape> {
    let mut out = BTreeMap::new();
    let read = crate::source::read_limited(&root.join(rel), MAX_GEO_BYTES).map_err(|e| match e {
        crate::source::ReadError::TooLarge(n) => format!("{n} bytes or more, more than the {MAX_GEO_BYTES} allowed"),
        crate::source::ReadError::Io(e) => e.to_string(),
    });
    let text = match read.and_then(|b| String::from_utf8(b).map_err(|e| e.to_string())) {
        Ok(t) => t,
        Err(e) => {
            diags.push(Diagnostic::error(rel, 0, 0, format!("cannot read boundaries: {e}")).with_hint(
                "copy data/geo/ from the kyoten repository, or give your own GeoJSON with a `code` property",
            ));
            return out;
        }
    };
    let collection = match text.parse::<GeoJson>() {
        Ok(GeoJson::FeatureCollection(fc)) => fc,
        Ok(_) => {
            diags.push(Diagnostic::error(rel, 1, 1, "boundaries must be a GeoJSON FeatureCollection"));
            return out;
        }
        Err(e) => {
            diags.push(Diagnostic::error(rel, 1, 1, format!("invalid GeoJSON: {e}")));
            return out;
        }
    };
    for (i, feature) in collection.features.into_iter().enumerate() {
        let prop =
            |k: &str| feature.properties.as_ref().and_then(|p| p.get(k)).and_then(|v| v.as_str()).map(str::to_string);
        let Some(code) = prop("code") else {
            diags.push(
                Diagnostic::error(rel, 1, 1, format!("feature {i} has no \"code\" property"))
                    .with_hint("each feature needs its 全国地方公共団体コード as properties.code"),
            );
            continue;
        };
        // Only looked up on error: scanning the text per feature would be quadratic.
        let line = || line_of(&text, &format!("\"{code}\""));
        let name = prop("name").unwrap_or_default();
        let polygons: Vec<Vec<Ring>> = match feature.geometry.map(|g| g.value) {
            Some(GeometryValue::Polygon { coordinates }) => vec![rings(&coordinates)],
            Some(GeometryValue::MultiPolygon { coordinates }) => coordinates.iter().map(|p| rings(p)).collect(),
            Some(_) => {
                diags.push(Diagnostic::error(
                    rel,
                    line(),
                    1,
                    format!("feature {code} ({name}) is not a Polygon or MultiPolygon"),
                ));
                continue;
            }
            None => {
                diags.push(Diagnostic::error(rel, line(), 1, format!("feature {code} ({name}) has no geometry")));
                continue;
            }
        };
        let mut bbox = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
        let mut valid = true;
        for ring in polygons.iter().flatten() {
            if ring.len() < 4 {
                valid = false;
            }
            for [lon, lat] in ring {
                if !lon.is_finite()
                    || !lat.is_finite()
                    || !(-180.0..=180.0).contains(lon)
                    || !(-90.0..=90.0).contains(lat)
                {
                    valid = false;
                }
                bbox = [bbox[0].min(*lon), bbox[1].min(*lat), bbox[2].max(*lon), bbox[3].max(*lat)];
            }
        }
        if !valid || polygons.is_empty() {
            diags.push(
                Diagnostic::error(rel, line(), 1, format!("feature {code} ({name}) has a malformed geometry"))
                    .with_hint("rings need at least 4 positions of [longitude, latitude] in degrees"),
            );
            continue;
        }
        out.insert(code.clone(), Shape { code, name, polygons, bbox });
    }
    out
}

fn rings(polygon: &[Vec<geojson::Position>]) -> Vec<Ring> {
    polygon
        .iter()
        .map(|ring| {
            ring.iter()
                .filter_map(|p| match p.as_slice() {
                    [x, y, ..] => Some([*x, *y]),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

impl Shape {
    /// Whether (lon, lat) lies inside (even-odd rule over every ring, so holes count).
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        if lon < self.bbox[0] || lon > self.bbox[2] || lat < self.bbox[1] || lat > self.bbox[3] {
            return false;
        }
        let mut inside = false;
        for ring in self.polygons.iter().flatten() {
            let mut j = ring.len().wrapping_sub(1);
            for i in 0..ring.len() {
                let ([xi, yi], [xj, yj]) = (ring[i], ring[j]);
                if (yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi {
                    inside = !inside;
                }
                j = i;
            }
        }
        inside
    }

    /// A point for a label or symbol: the centre of the largest polygon's bbox when
    /// it lies inside the shape, else that polygon's mean vertex (so Tokyo's symbol
    /// sits on Honshu, not in the Pacific between its islands).
    pub fn centre(&self) -> [f64; 2] {
        let area = |r: &Ring| {
            let mut a = 0.0;
            for (p, q) in r.iter().zip(r.iter().cycle().skip(1)) {
                a += p[0] * q[1] - q[0] * p[1];
            }
            (a / 2.0).abs()
        };
        let Some(outline) = self
            .polygons
            .iter()
            .filter_map(|p| p.first())
            .max_by(|a, b| area(a).total_cmp(&area(b)))
            .filter(|r| !r.is_empty())
        else {
            return [(self.bbox[0] + self.bbox[2]) / 2.0, (self.bbox[1] + self.bbox[3]) / 2.0];
        };
        let (mut b, mut sum) = ([f64::MAX, f64::MAX, f64::MIN, f64::MIN], [0.0, 0.0]);
        for &[x, y] in outline {
            b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
            sum = [sum[0] + x, sum[1] + y];
        }
        let mid = [(b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0];
        if self.contains(mid[0], mid[1]) {
            mid
        } else {
            let n = outline.len() as f64;
            [sum[0] / n, sum[1] / n]
        }
    }
}

/// The smallest box holding both boxes (a point is `[lon, lat, lon, lat]`).
pub fn union(a: [f64; 4], b: [f64; 4]) -> [f64; 4] {
    [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])]
}

pub fn intersects(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}
