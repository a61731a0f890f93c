//! A QR code as an SVG path: the recruitment flyer, printed, leads back to its page.
//! The module matrix comes from the `qrcode` crate; the template draws the path.

use serde::Serialize;

/// A QR code's modules as one path over a `size` × `size` grid (quiet zone included).
#[derive(Debug, Serialize)]
pub struct Qr {
    /// Grid size in modules, with a 4-module quiet zone on each side.
    pub size: usize,
    /// Dark modules, a run of them per row segment (`M x y h n v 1 h -n z`).
    pub path: String,
}

/// The QR code of `text` (error correction M), or None when it cannot hold it.
pub fn qr(text: &str) -> Option<Qr> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let quiet = 4;
    let mut path = String::new();
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if colors[y * width + x] == qrcode::Color::Dark {
                let start = x;
                while x < width && colors[y * width + x] == qrcode::Color::Dark {
                    x += 1;
                }
                path.push_str(&format!("M{} {}h{}v1h-{}z", start + quiet, y + quiet, x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    Some(Qr { size: width + 2 * quiet, path })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_becomes_a_square_of_runs() {
        let q = qr("https://kyoten.example.jp/recruit/122327/").unwrap();
        // Version 3 (29 modules) holds this URL at level M; plus 4 + 4 quiet modules.
        assert_eq!(q.size, 29 + 8);
        // The three finder patterns start at the quiet zone's corner.
        assert!(q.path.starts_with("M4 4h7v1h-7z"), "{}", &q.path[..40]);
    }
}
