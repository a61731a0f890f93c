//! Web Mercator, so an optional raster tile layer lines up with the SVG exactly.

use std::f64::consts::PI;
use std::fmt::Write;

/// (lon, lat) → world coordinates in [0, 1] × [0, 1].
pub fn world(lon: f64, lat: f64) -> (f64, f64) {
    let lat = lat.clamp(-85.0511, 85.0511).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / PI) / 2.0;
    (x, y)
}

/// A map frame: world coordinates scaled to pixels and shifted so the frame starts at 0,0.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// World coordinate of the frame's top-left corner.
    pub ox: f64,
    pub oy: f64,
    /// Pixels per world unit (256 × 2^zoom).
    pub scale: f64,
    pub width: f64,
    pub height: f64,
}

impl Frame {
    /// Fit a lon/lat bounding box into at most `max_w` × `max_h` pixels with `pad` around it.
    pub fn fit(bbox: [f64; 4], max_w: f64, max_h: f64, pad: f64) -> Frame {
        let (x0, y1) = world(bbox[0], bbox[1]);
        let (x1, y0) = world(bbox[2], bbox[3]);
        let (w, h) = ((x1 - x0).max(1e-9), (y1 - y0).max(1e-9));
        // Never zoom in past street level (zoom 16) on a single point.
        let scale = ((max_w - 2.0 * pad) / w).min((max_h - 2.0 * pad) / h).min(256.0 * 65536.0);
        let width = (w * scale + 2.0 * pad).round();
        let height = (h * scale + 2.0 * pad).round();
        let cx = (x0 + x1) / 2.0;
        let cy = (y0 + y1) / 2.0;
        Frame { ox: cx - width / 2.0 / scale, oy: cy - height / 2.0 / scale, scale, width, height }
    }

    pub fn zoom(&self) -> f64 {
        (self.scale / 256.0).log2()
    }

    pub fn px(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = world(lon, lat);
        ((x - self.ox) * self.scale, (y - self.oy) * self.scale)
    }

    /// Whether a lon/lat bbox overlaps the frame.
    pub fn sees(&self, bbox: &[f64; 4]) -> bool {
        let (x0, y1) = self.px(bbox[0], bbox[1]);
        let (x1, y0) = self.px(bbox[2], bbox[3]);
        x1 >= 0.0 && y1 >= 0.0 && x0 <= self.width && y0 <= self.height
    }

    /// SVG path data for polygons: projected, points closer than `tolerance` px
    /// to the last kept one dropped, numbers rounded to 0.1 px.
    pub fn path(&self, polygons: &[Vec<super::boundaries::Ring>], tolerance: f64) -> String {
        let mut d = String::new();
        for ring in polygons.iter().flatten() {
            let mut pts: Vec<(f64, f64)> = Vec::with_capacity(ring.len());
            for [lon, lat] in ring {
                let p = self.px(*lon, *lat);
                if pts.last().is_none_or(|q| (p.0 - q.0).hypot(p.1 - q.1) >= tolerance) {
                    pts.push(p);
                }
            }
            if pts.len() < 3 {
                continue;
            }
            let (minx, maxx) = pts.iter().fold((f64::MAX, f64::MIN), |a, p| (a.0.min(p.0), a.1.max(p.0)));
            let (miny, maxy) = pts.iter().fold((f64::MAX, f64::MIN), |a, p| (a.0.min(p.1), a.1.max(p.1)));
            if maxx < 0.0
                || maxy < 0.0
                || minx > self.width
                || miny > self.height
                || (maxx - minx).max(maxy - miny) < tolerance
            {
                continue;
            }
            for (i, (x, y)) in pts.iter().enumerate() {
                let _ = write!(d, "{}{} {}", if i == 0 { "M" } else { "L" }, num(*x), num(*y));
            }
            d.push('Z');
        }
        d
    }
}

/// A coordinate with at most one decimal, without a trailing ".0".
pub fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() { format!("{}", r as i64) } else { format!("{r:.1}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_fits_and_projects() {
        let f = Frame::fit([139.44, 35.69, 139.49, 35.73], 640.0, 480.0, 16.0);
        assert!(f.width <= 640.0 && f.height <= 480.0);
        let (x, y) = f.px(139.465, 35.71);
        assert!(x > 0.0 && x < f.width && y > 0.0 && y < f.height);
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.34), "12.3");
    }
}
