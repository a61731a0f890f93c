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

    /// The same frame made at least `ratio` × its width tall, centred as before.
    pub fn at_least_tall(mut self, ratio: f64) -> Frame {
        let min_h = (self.width * ratio).round();
        if self.height < min_h {
            self.oy -= (min_h - self.height) / 2.0 / self.scale;
            self.height = min_h;
        }
        self
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
    /// to the last kept one dropped, clipped to what panning the map can show
    /// (the frame and three quarters of it on every side, as map.js allows),
    /// written as relative moves in tenths of a pixel (`M12 3.4l.5-1…`).
    pub fn path(&self, polygons: &[Vec<super::boundaries::Ring>], tolerance: f64) -> String {
        let mut d = String::new();
        let reach = 0.75 * self.width.max(self.height);
        let clip = [-reach, -reach, self.width + reach, self.height + reach];
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
            if minx < clip[0] || miny < clip[1] || maxx > clip[2] || maxy > clip[3] {
                pts = clip_to(&pts, clip);
            }
            // Whole tenths, each point written as the step from the one before.
            let mut tenths: Vec<(i64, i64)> =
                pts.iter().map(|(x, y)| ((x * 10.0).round() as i64, (y * 10.0).round() as i64)).collect();
            tenths.dedup();
            if tenths.len() < 3 {
                continue;
            }
            let (mut lx, mut ly) = tenths[0];
            d.push('M');
            push_tenths(&mut d, lx, false);
            push_tenths(&mut d, ly, true);
            d.push('l');
            for (i, &(x, y)) in tenths.iter().enumerate().skip(1) {
                push_tenths(&mut d, x - lx, i > 1);
                push_tenths(&mut d, y - ly, true);
                (lx, ly) = (x, y);
            }
            d.push('Z');
        }
        d
    }
}

/// Append a number given in tenths (`-15` → `-1.5`, `30` → `3`), after a space
/// when it follows another number and has no minus sign to separate it.
fn push_tenths(d: &mut String, t: i64, after_number: bool) {
    if t < 0 {
        d.push('-');
    } else if after_number {
        d.push(' ');
    }
    let a = t.unsigned_abs();
    let _ = write!(d, "{}", a / 10);
    if !a.is_multiple_of(10) {
        d.push('.');
        d.push((b'0' + (a % 10) as u8) as char);
    }
}

/// Sutherland–Hodgman: the polygon `pts` cut to the rectangle `[x0, y0, x1, y1]`
/// (filled areas stay exact; edges along the cut fall outside what is shown).
fn clip_to(pts: &[(f64, f64)], r: [f64; 4]) -> Vec<(f64, f64)> {
    let mut out = pts.to_vec();
    // Each edge: which side is kept, and where a segment crosses it.
    let edges: [(usize, f64, bool); 4] = [(0, r[0], true), (0, r[2], false), (1, r[1], true), (1, r[3], false)];
    for (axis, at, keep_above) in edges {
        let inside = |p: &(f64, f64)| {
            let v = if axis == 0 { p.0 } else { p.1 };
            if keep_above { v >= at } else { v <= at }
        };
        let cross = |a: &(f64, f64), b: &(f64, f64)| {
            let (va, vb) = if axis == 0 { (a.0, b.0) } else { (a.1, b.1) };
            let t = (at - va) / (vb - va);
            if axis == 0 { (at, a.1 + t * (b.1 - a.1)) } else { (a.0 + t * (b.0 - a.0), at) }
        };
        let input = std::mem::take(&mut out);
        let Some(mut prev) = input.last() else { break };
        for p in &input {
            match (inside(prev), inside(p)) {
                (true, true) => out.push(*p),
                (true, false) => out.push(cross(prev, p)),
                (false, true) => {
                    out.push(cross(prev, p));
                    out.push(*p);
                }
                (false, false) => {}
            }
            prev = p;
        }
    }
    out
}

/// A coordinate with at most one decimal, without a trailing ".0".
pub fn num(v: f64) -> String {
    let mut s = String::new();
    push_tenths(&mut s, (v * 10.0).round() as i64, false);
    s
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

    #[test]
    fn paths_are_relative_tenths_and_clipped_to_what_panning_shows() {
        let f = Frame { ox: 0.0, oy: 0.0, scale: 1000.0, width: 100.0, height: 100.0 };
        let mut d = String::new();
        for (t, after) in [(123, false), (-5, true), (30, true), (0, true), (-120, true)] {
            push_tenths(&mut d, t, after);
        }
        assert_eq!(d, "12.3-0.5 3 0-12");
        // A square from (10,10) to (20,20) in pixels, as lon/lat through the frame.
        let ll = |x: f64, y: f64| {
            let lon = x * 360.0 - 180.0;
            let lat = (std::f64::consts::PI * (1.0 - 2.0 * y)).sinh().atan().to_degrees();
            [lon, lat]
        };
        let px = |x: f64, y: f64| ll(x / f.scale, y / f.scale);
        let square = vec![vec![px(10.0, 10.0), px(20.0, 10.0), px(20.0, 20.0), px(10.0, 20.0), px(10.0, 10.0)]];
        let d = f.path(&[square], 0.5);
        assert_eq!(d, "M10 10l10 0 0 10-10 0 0-10Z");
        // Far beyond the frame (reach: 75 px on each side), a shape is cut at the reach.
        let wide = vec![vec![px(50.0, 50.0), px(500.0, 50.0), px(500.0, 60.0), px(50.0, 60.0)]];
        let d = f.path(&[wide], 0.5);
        assert_eq!(d, "M50 50l125 0 0 10-125 0Z");
        let cut = clip_to(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)], [0.0, 0.0, 5.0, 5.0]);
        assert!(cut.iter().all(|p| p.0 <= 5.0 && p.1 <= 5.0), "{cut:?}");
    }
}
