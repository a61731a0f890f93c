//! What a map looks like at its first view, before any script runs: symbols sized
//! for a phone, markers that would overlap there drawn as one numbered cluster,
//! every marker inside the frame, and place names where they fit.
//!
//! Sizes are set for the narrowest screen a map is drawn on ([`PHONE_PX`] wide): a
//! symbol 24 px across and a tap area 44 px across there (WCAG 2.2 2.5.8 and its
//! touch advice). A wider screen shows the map larger, so nothing that does not
//! overlap on a phone overlaps there; map.js re-clusters and places names again at
//! every zoom with the sizes of the screen it runs on.

use crate::derive::mapview::{MapView, Marker};
use crate::model::strings::{S, Strings};
use std::collections::HashMap;

/// Width in CSS px of a map on a 390 px phone (the page's side margins taken off).
pub const PHONE_PX: f64 = 358.0;
/// A symbol's radius on that phone, px.
const SYMBOL_PX: f64 = 12.5;
/// A marker's tap area's radius on that phone, px (a 44 px target).
const TAP_PX: f64 = 22.0;
/// Numbers in symbols, px.
const NUMBER_PX: f64 = 14.0;
/// Place names, px.
const LABEL_PX: f64 = 12.0;
/// The most place names a map carries (the largest areas first).
const MAX_LABELS: usize = 200;
/// Where a name may stand, in ems below its area's centre, and the `dy` that puts
/// it there (centred on its line).
const SHIFTS: [(f64, &str); 3] = [(0.0, "0.35em"), (2.2, "2.55em"), (-2.2, "-1.85em")];
/// The most names a cluster's accessible name lists.
const CLUSTER_NAMES: usize = 5;

/// What a map's markers stand for, for the words of a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stands {
    /// Providers, or counts of providers per area.
    Providers,
    /// Municipalities by 整備状況.
    Municipalities,
}

impl Stands {
    /// The words of a cluster's accessible name (`{count}`, `{names}`).
    pub fn words(self) -> S {
        match self {
            Stands::Providers => S::MapCluster,
            Stands::Municipalities => S::MapClusterAreas,
        }
    }
}

/// A place name that may be written on the map.
#[derive(Debug, Clone)]
pub struct Spot {
    pub name: String,
    pub x: f64,
    pub y: f64,
    /// Larger first; the focus municipality comes before all.
    pub weight: f64,
}

/// A symbol's radius in map units for a text of `digits` characters.
fn symbol_radius(u: f64, digits: usize) -> f64 {
    // A bold digit is about 0.6 em wide; 5 px of ring around the number.
    (0.3 * NUMBER_PX * digits as f64 + 5.0).max(SYMBOL_PX) * u
}

fn tap_radius(u: f64, r: f64) -> f64 {
    (TAP_PX * u).max(r + 3.0 * u)
}

fn fmt(v: f64) -> String {
    crate::geo::mercator::num(v)
}

/// Sizes, clamps, clusters and labels the map's markers for its first view.
/// `list` is where a cluster of areas leads without JavaScript (the page's list).
pub fn settle(map: &mut MapView, strings: &Strings, stands: Stands, list: &str) {
    let (w, h) = (map.w, map.h);
    let u = w / PHONE_PX;
    map.font = fmt(NUMBER_PX * u);
    map.label_font = fmt(LABEL_PX * u);
    map.unit = format!("{u:.4}");
    for m in &mut map.markers {
        size(m, u);
        // A marker outside the frame (an island the frame leaves out) stands at its edge.
        let r = m.radius;
        m.pos = (m.pos.0.clamp(r, (w - r).max(r)), m.pos.1.clamp(r, (h - r).max(r)));
        m.x = fmt(m.pos.0);
        m.y = fmt(m.pos.1);
        if m.shape == "triangle" {
            m.tri = triangle(m.pos, r);
        }
    }
    let clusters = cluster(&map.markers, u);
    let mut added = Vec::new();
    for members in clusters.into_iter().filter(|c| c.len() > 1) {
        let c = cluster_marker(&map.markers, &members, strings, stands, list, u, (w, h));
        for &i in &members {
            map.markers[i].clustered = true;
        }
        added.push(c);
    }
    map.clusters = added.len();
    map.markers.extend(added);
    map.cluster_key = stands.words().key();
    place_labels(map, u);
}

fn size(m: &mut Marker, u: f64) {
    let digits = m.text.chars().count();
    m.radius = if m.text.is_empty() { SYMBOL_PX * u } else { symbol_radius(u, digits) };
    m.r = fmt(m.radius);
    m.hit = fmt(tap_radius(u, m.radius));
}

/// An upward triangle around `c` reaching `r` from it (drawn for 未整備).
fn triangle(c: (f64, f64), r: f64) -> String {
    let half = r * 0.95;
    format!("M{} {}l{} {}h{}z", fmt(c.0), fmt(c.1 - r), fmt(half), fmt(1.7 * r), fmt(-2.0 * half))
}

/// Groups of markers whose tap areas overlap, merged until no two groups' do.
/// Each group is a list of marker indexes in their order.
fn cluster(markers: &[Marker], u: f64) -> Vec<Vec<usize>> {
    struct G {
        members: Vec<usize>,
        x: f64,
        y: f64,
        hit: f64,
        count: usize,
        alive: bool,
    }
    let mut groups: Vec<G> = markers
        .iter()
        .enumerate()
        .map(|(i, m)| G {
            members: vec![i],
            x: m.pos.0,
            y: m.pos.1,
            hit: tap_radius(u, m.radius),
            count: m.count,
            alive: true,
        })
        .collect();
    loop {
        let cell = 2.0 * groups.iter().filter(|g| g.alive).map(|g| g.hit).fold(1.0, f64::max);
        let key = |x: f64, y: f64| ((x / cell).floor() as i64, (y / cell).floor() as i64);
        let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        for (i, g) in groups.iter().enumerate().filter(|(_, g)| g.alive) {
            grid.entry(key(g.x, g.y)).or_default().push(i);
        }
        let mut merged = false;
        for i in 0..groups.len() {
            if !groups[i].alive {
                continue;
            }
            let (cx, cy) = key(groups[i].x, groups[i].y);
            let near: Vec<usize> = (-1..=1)
                .flat_map(|dx| (-1..=1).map(move |dy| (cx + dx, cy + dy)))
                .filter_map(|k| grid.get(&k))
                .flatten()
                .copied()
                .filter(|&j| j != i)
                .collect();
            for j in near {
                if !groups[j].alive || !groups[i].alive {
                    continue;
                }
                let (a, b) = (&groups[i], &groups[j]);
                // A margin of half a unit: positions are written to a tenth.
                if (a.x - b.x).hypot(a.y - b.y) >= a.hit + b.hit + 0.5 {
                    continue;
                }
                let (na, nb) = (a.members.len() as f64, b.members.len() as f64);
                let x = (a.x * na + b.x * nb) / (na + nb);
                let y = (a.y * na + b.y * nb) / (na + nb);
                let count = a.count + b.count;
                let moved = std::mem::take(&mut groups[j].members);
                groups[j].alive = false;
                let g = &mut groups[i];
                g.members.extend(moved);
                g.x = x;
                g.y = y;
                g.count = count;
                g.hit = tap_radius(u, symbol_radius(u, count.to_string().len()));
                merged = true;
            }
        }
        if !merged {
            break;
        }
    }
    let mut out: Vec<Vec<usize>> = groups
        .into_iter()
        .filter(|g| g.alive)
        .map(|mut g| {
            g.members.sort_unstable();
            g.members
        })
        .collect();
    out.sort_by_key(|m| m[0]);
    out
}

fn cluster_marker(
    markers: &[Marker],
    members: &[usize],
    strings: &Strings,
    stands: Stands,
    list: &str,
    u: f64,
    (w, h): (f64, f64),
) -> Marker {
    let n = members.len() as f64;
    let x = members.iter().map(|&i| markers[i].pos.0).sum::<f64>() / n;
    let y = members.iter().map(|&i| markers[i].pos.1).sum::<f64>() / n;
    let count: usize = members.iter().map(|&i| markers[i].count).sum();
    let first = &markers[members[0]];
    let names: Vec<&str> = members.iter().take(CLUSTER_NAMES).map(|&i| markers[i].name.as_str()).collect();
    let mut names = names.join("、");
    if members.len() > CLUSTER_NAMES {
        names = strings.fill(S::MapClusterMore, &[("names", &names)]);
    }
    let label = strings.fill(stands.words(), &[("count", &count.to_string()), ("names", &names)]);
    let href = match stands {
        // A provider's list entry is on the page (or on the part of a long list
        // that has it), so the cluster leads to its first one.
        Stands::Providers if first.href.contains('#') => first.href.clone(),
        _ => list.to_string(),
    };
    let mut c = Marker::blank();
    c.n = count;
    c.id = format!("cluster-{}", first.id);
    c.href = href;
    c.label = label;
    c.shape = "cluster";
    c.text = count.to_string();
    c.count = count;
    c.members = members.iter().map(|&i| markers[i].id.as_str()).collect::<Vec<_>>().join(" ");
    size(&mut c, u);
    let r = c.radius;
    c.pos = (x.clamp(r, (w - r).max(r)), y.clamp(r, (h - r).max(r)));
    c.x = fmt(c.pos.0);
    c.y = fmt(c.pos.1);
    c
}

/// Width of a name in ems: full-width characters 1, others about 0.6.
fn ems(s: &str) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 0.6 } else { 1.0 }).sum()
}

/// Names where they fit: inside the frame, clear of every symbol drawn and of
/// the names placed before (larger areas first). The rest are kept, hidden, for
/// map.js to show when zooming makes room.
fn place_labels(map: &mut MapView, u: f64) {
    let font = LABEL_PX * u;
    let mut spots = std::mem::take(&mut map.spots);
    spots.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    spots.truncate(MAX_LABELS);
    let symbols: Vec<(f64, f64, f64)> =
        map.markers.iter().filter(|m| !m.clustered).map(|m| (m.pos.0, m.pos.1, m.radius + 2.0 * u)).collect();
    let mut placed: Vec<[f64; 4]> = Vec::new();
    for s in spots {
        let half_w = ems(&s.name) * font / 2.0 + u;
        let half_h = 0.65 * font;
        let fits = |x: f64, y: f64| {
            let b = [x - half_w, y - half_h, x + half_w, y + half_h];
            b[0] >= 0.0
                && b[1] >= 0.0
                && b[2] <= map.w
                && b[3] <= map.h
                && !symbols.iter().any(|&(cx, cy, r)| {
                    let nx = cx.clamp(b[0], b[2]);
                    let ny = cy.clamp(b[1], b[3]);
                    (cx - nx).hypot(cy - ny) < r
                })
                && !placed.iter().any(|p| b[0] < p[2] && p[0] < b[2] && b[1] < p[3] && p[1] < b[3])
        };
        // Below or above a symbol in the way, clear of it (map.js tries the same three).
        let at = SHIFTS.iter().find(|&&(shift, _)| fits(s.x, s.y + shift * font));
        let (dy, shown) = match at {
            Some(&(shift, dy)) => {
                let y = s.y + shift * font;
                placed.push([s.x - half_w, y - half_h, s.x + half_w, y + half_h]);
                (dy, true)
            }
            None => (SHIFTS[0].1, false),
        };
        map.labels.push(crate::derive::mapview::Label { x: fmt(s.x), y: fmt(s.y), dy, text: s.name, shown });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::mapview::MapView;

    fn at(id: &str, x: f64, y: f64) -> Marker {
        let mut m = Marker::blank();
        m.id = id.into();
        m.name = id.into();
        m.href = format!("#p-{id}");
        m.text = "1".into();
        m.count = 1;
        m.pos = (x, y);
        m
    }

    fn overlaps(map: &MapView) -> usize {
        let shown: Vec<&Marker> = map.markers.iter().filter(|m| !m.clustered).collect();
        let hit = |m: &Marker| m.hit.parse::<f64>().unwrap();
        let mut n = 0;
        for (i, a) in shown.iter().enumerate() {
            for b in &shown[i + 1..] {
                if (a.pos.0 - b.pos.0).hypot(a.pos.1 - b.pos.1) < hit(a) + hit(b) {
                    n += 1;
                }
            }
        }
        n
    }

    #[test]
    fn markers_that_would_overlap_on_a_phone_become_one_cluster_naming_them() {
        let mut map = MapView::blank(640.0, 520.0);
        map.markers = vec![at("a", 100.0, 100.0), at("b", 110.0, 104.0), at("c", 400.0, 300.0), at("d", 640.0, 900.0)];
        settle(&mut map, &Strings::default(), Stands::Providers, "#list");
        assert_eq!(overlaps(&map), 0);
        let c = map.markers.iter().find(|m| m.shape == "cluster").expect("a cluster");
        assert_eq!((c.text.as_str(), c.members.as_str(), c.href.as_str()), ("2", "a b", "#p-a"));
        assert!(c.label.contains("2") && c.label.contains("a、b"), "{}", c.label);
        assert!(map.markers.iter().filter(|m| m.clustered).count() == 2);
        // "d" lay below the frame: it stands at its edge, whole.
        let d = map.markers.iter().find(|m| m.id == "d").unwrap();
        assert!(d.pos.1 <= 520.0 - d.radius && d.pos.0 <= 640.0 - d.radius, "{:?}", d.pos);
        // 24 px symbols and 44 px tap areas on a 358 px wide map.
        let k = PHONE_PX / 640.0;
        assert!(d.radius * k >= 12.0 && d.hit.parse::<f64>().unwrap() * k >= 21.9);
    }

    #[test]
    fn a_dense_row_merges_until_no_two_tap_areas_meet() {
        let mut map = MapView::blank(640.0, 520.0);
        map.markers = (0..300)
            .map(|i| at(&format!("m{i}"), 20.0 + (i % 30) as f64 * 20.0, 20.0 + (i / 30) as f64 * 45.0))
            .collect();
        settle(&mut map, &Strings::default(), Stands::Providers, "#list");
        assert_eq!(overlaps(&map), 0);
        let total: usize = map.markers.iter().filter(|m| !m.clustered).map(|m| m.count).sum();
        assert_eq!(total, 300, "every marker counted once");
    }

    #[test]
    fn names_keep_clear_of_symbols_and_of_each_other() {
        let mut map = MapView::blank(640.0, 520.0);
        map.markers = vec![at("a", 320.0, 260.0)];
        map.spots = vec![
            Spot { name: "重なる市".into(), x: 320.0, y: 260.0, weight: 3.0 },
            Spot { name: "離れた町".into(), x: 100.0, y: 100.0, weight: 2.0 },
            Spot { name: "隣の村".into(), x: 104.0, y: 100.0, weight: 1.0 },
        ];
        settle(&mut map, &Strings::default(), Stands::Providers, "#list");
        let shown: Vec<(&str, &str)> = map.labels.iter().filter(|l| l.shown).map(|l| (l.text.as_str(), l.dy)).collect();
        // The first moves below the marker, the second stays, the third finds room below it.
        assert_eq!(shown, [("重なる市", "2.55em"), ("離れた町", "0.35em"), ("隣の村", "2.55em")]);
    }
}
