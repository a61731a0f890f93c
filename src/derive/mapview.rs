//! Map views: what a template needs to draw a server-rendered SVG map — area
//! paths, numbered markers with accessible names, and the frame for tiles.

use crate::derive::maplayout::{self, Spot, Stands};
use crate::derive::routes;
use crate::geo::boundaries::{Boundaries, Shape, intersects, union};
use crate::geo::mercator::{Frame, num};
use crate::model::strings::{S, Strings};
use crate::model::{Municipality, Provider, Site};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct MapView {
    /// Unique on its page (used for ids).
    pub id: String,
    /// Accessible name of the map.
    pub title: String,
    pub width: String,
    pub height: String,
    /// Web Mercator zoom and top-left world coordinate (0–1), for a tile layer.
    pub zoom: String,
    pub origin_x: String,
    pub origin_y: String,
    pub areas: Vec<Area>,
    pub markers: Vec<Marker>,
    /// Place names, larger areas first (see `maplayout`).
    pub labels: Vec<Label>,
    /// Font sizes, in map units, of the numbers in symbols and of place names.
    pub font: String,
    pub label_font: String,
    /// Map units per CSS px on the narrowest screen (map.js sizes from it).
    pub unit: String,
    /// Clusters among the markers (the legend explains them when there are any).
    pub clusters: usize,
    /// The strings key of a cluster's accessible name (the template hands its
    /// words to map.js).
    pub cluster_key: &'static str,
    /// Many small areas (a nationwide overview): finer lines.
    pub dense: bool,
    /// The first view's clusters are all it draws (members are left out and map.js
    /// does not re-cluster): a municipality with more providers than its page lists.
    pub static_clusters: bool,
    #[serde(skip)]
    pub w: f64,
    #[serde(skip)]
    pub h: f64,
    /// Names that may be written on the map (`maplayout::settle` places them).
    #[serde(skip)]
    pub spots: Vec<Spot>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Label {
    /// Its area's centre; `dy` moves it below or above a symbol there.
    pub x: String,
    pub y: String,
    pub dy: &'static str,
    pub text: String,
    /// Written at the first view; otherwise kept hidden for map.js.
    pub shown: bool,
}

impl MapView {
    /// An empty map of `w` × `h` units (tests and callers that build by hand).
    pub fn blank(w: f64, h: f64) -> MapView {
        MapView {
            id: String::new(),
            title: String::new(),
            width: num(w),
            height: num(h),
            zoom: String::new(),
            origin_x: String::new(),
            origin_y: String::new(),
            areas: Vec::new(),
            markers: Vec::new(),
            labels: Vec::new(),
            font: String::new(),
            label_font: String::new(),
            unit: String::new(),
            clusters: 0,
            cluster_key: S::MapCluster.key(),
            dense: false,
            static_clusters: false,
            w,
            h,
            spots: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Area {
    pub code: String,
    pub d: String,
    /// focus, neighbour, pref, established, planned
    pub class: &'static str,
    pub href: Option<String>,
    pub label: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Marker {
    pub n: usize,
    pub x: String,
    pub y: String,
    /// Provider id, or municipality code for status markers.
    pub id: String,
    pub href: String,
    pub label: String,
    /// circle (provider or 整備済), triangle (未整備), count (providers in an
    /// area) or cluster (markers that would overlap, as one).
    pub shape: &'static str,
    /// Symbol radius and tap area radius, in map units (set by `maplayout`).
    pub r: String,
    pub hit: String,
    /// The triangle's path (未整備).
    pub tri: String,
    /// A short name for a cluster's accessible name.
    pub name: String,
    /// Providers it stands for (1 for a provider or a municipality).
    pub count: usize,
    /// Drawn inside a cluster at the first view (hidden until zoomed, by map.js).
    pub clustered: bool,
    /// A cluster's markers' ids.
    pub members: String,
    #[serde(skip)]
    pub pos: (f64, f64),
    #[serde(skip)]
    pub radius: f64,
    /// What the symbol shows: the marker number, a count, or nothing.
    pub text: String,
    pub functions: String,
    pub services: String,
    pub accepts: String,
    /// `available` when it has a recently confirmed place for emergencies.
    pub place: String,
    pub municipality: String,
}

impl Marker {
    /// A marker with nothing set (callers fill in what it is).
    pub fn blank() -> Marker {
        Marker {
            n: 0,
            x: String::new(),
            y: String::new(),
            id: String::new(),
            href: String::new(),
            label: String::new(),
            shape: "circle",
            r: String::new(),
            hit: String::new(),
            tri: String::new(),
            name: String::new(),
            count: 1,
            clustered: false,
            members: String::new(),
            text: String::new(),
            functions: String::new(),
            services: String::new(),
            accepts: String::new(),
            place: String::new(),
            municipality: String::new(),
            pos: (0.0, 0.0),
            radius: 0.0,
        }
    }
}

fn frame_meta(id: &str, title: String, f: &Frame) -> MapView {
    let mut map = MapView::blank(f.width, f.height);
    map.id = id.to_string();
    map.title = title;
    map.zoom = format!("{:.4}", f.zoom());
    map.origin_x = format!("{:.9}", f.ox);
    map.origin_y = format!("{:.9}", f.oy);
    map
}

fn ids<'a>(terms: impl IntoIterator<Item = &'a &'static crate::model::vocab::Term>) -> String {
    terms.into_iter().map(|t| t.id).collect::<Vec<_>>().join(" ")
}

/// A provider marker, numbered `n`, labelled with name, functions and municipality.
pub fn provider_marker(f: &Frame, n: usize, p: &Provider, m: &Municipality, href: String) -> Option<Marker> {
    let loc = p.location.as_ref()?;
    let (x, y) = f.px(loc.lon, loc.lat);
    let functions: Vec<&str> = p.functions.iter().map(|t| t.label).collect();
    let mut mk = Marker::blank();
    mk.n = n;
    mk.pos = (x, y);
    mk.id = p.id.clone();
    mk.href = href;
    mk.label = format!("{n}. {}：{}（{}）", p.name, functions.join("、"), m.name);
    mk.name = p.name.clone();
    mk.text = n.to_string();
    mk.functions = ids(&p.functions);
    mk.services = ids(&p.services);
    mk.accepts = ids(&p.accepts);
    mk.place = ids(p.place_now);
    mk.municipality = m.code.clone();
    Some(mk)
}

/// A map is at least this tall for its width, so a phone shows more than a strip.
const TALL: f64 = 0.75;

/// A place name at an area's centre.
fn spot(f: &Frame, name: &str, s: &Shape, weight: f64) -> Spot {
    let [lon, lat] = s.centre();
    let (x, y) = f.px(lon, lat);
    Spot { name: name.to_string(), x, y, weight }
}

/// An area's size on the map (px²): larger areas are named first.
fn weight(f: &Frame, s: &Shape) -> f64 {
    let (x0, y1) = f.px(s.bbox[0], s.bbox[1]);
    let (x1, y0) = f.px(s.bbox[2], s.bbox[3]);
    (x1 - x0) * (y1 - y0)
}

fn pad_bbox(b: [f64; 4], frac: f64, min: f64) -> [f64; 4] {
    let dx = ((b[2] - b[0]) * frac).max(min);
    let dy = ((b[3] - b[1]) * frac).max(min);
    [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy]
}

/// The municipality's outline, its neighbours faded, its providers numbered.
pub fn municipality_map(
    strings: &Strings,
    m: &Municipality,
    b: &Boundaries,
    in_site: &dyn Fn(&str) -> Option<String>,
) -> Option<MapView> {
    let (mut map, f) = municipality_frame(strings, m, b, in_site)?;
    // A municipality with too many providers to list on its page ([`COMPACT_LIST`])
    // links each marker to the provider's page and each cluster to its 拠点マップ page,
    // which lists them; its page draws the clusters as they are.
    let compact = compact(m);
    let located = m.providers.iter().filter(|p| p.location.is_some());
    for (i, p) in located.enumerate() {
        let href = if compact { routes::provider(&p.id) } else { format!("#p-{}", p.id) };
        if let Some(marker) = provider_marker(&f, i + 1, p, m, href) {
            map.markers.push(marker);
        }
    }
    let list = if compact { routes::map_municipality(&m.code) } else { "#map".to_string() };
    maplayout::settle(&mut map, strings, Stands::Providers, &list);
    map.static_clusters = compact;
    Some(map)
}

/// The municipality's map without markers, and its frame: the outline, its
/// neighbours faded (linked when `in_site` has them), a joint base's members.
pub fn municipality_frame(
    strings: &Strings,
    m: &Municipality,
    b: &Boundaries,
    in_site: &dyn Fn(&str) -> Option<String>,
) -> Option<(MapView, Frame)> {
    let shape = b.municipalities.get(&m.code)?;
    let mut bbox = shape.bbox;
    // A joint base's other members are in view, outlined as one area with it.
    let partners: Vec<&str> =
        m.joint.iter().flat_map(|j| j.members.iter().map(|x| x.code.as_str())).filter(|c| *c != m.code).collect();
    for s in partners.iter().filter_map(|c| b.municipalities.get(*c)) {
        bbox = union(bbox, s.bbox);
    }
    for p in &m.providers {
        if let Some(l) = &p.location {
            bbox = union(bbox, [l.lon, l.lat, l.lon, l.lat]);
        }
    }
    let view_bbox = pad_bbox(bbox, 0.06, 0.002);
    let f = Frame::fit(view_bbox, 640.0, 520.0, 16.0).at_least_tall(TALL);
    let mut map = frame_meta(&format!("map-{}", m.code), strings.fill(S::MapOfMunicipality, &[("name", &m.name)]), &f);
    map.spots.push(spot(&f, &m.name, shape, f64::INFINITY));
    for (code, s) in &b.municipalities {
        if code == &m.code || !intersects(&s.bbox, &pad_bbox(view_bbox, 0.3, 0.0)) || !f.sees(&s.bbox) {
            continue;
        }
        let d = f.path(&s.polygons, 1.0);
        if d.is_empty() {
            continue;
        }
        let href = in_site(code);
        let label = href.as_ref().map(|_| strings.fill(S::MapToPage, &[("name", &s.name)]));
        let class = if partners.contains(&code.as_str()) { "joint" } else { "neighbour" };
        map.spots.push(spot(&f, &s.name, s, weight(&f, s)));
        map.areas.push(Area { code: code.clone(), d, class, href, label });
    }
    map.areas.push(Area {
        code: m.code.clone(),
        d: f.path(&shape.polygons, 0.6),
        class: "focus",
        href: None,
        label: None,
    });
    Some((map, f))
}

/// The most providers a municipality's page lists one by one (with their map markers
/// one by one). Beyond it the page leads with its contacts and functions, counts
/// providers per function and links to the 拠点マップ page that lists them all.
pub const COMPACT_LIST: usize = 300;

/// Whether `m` has more providers than its page lists ([`COMPACT_LIST`]).
pub fn compact(m: &Municipality) -> bool {
    m.providers.len() > COMPACT_LIST
}

impl MapView {
    /// The same map for a page that lists its providers (the 拠点マップ page of a
    /// municipality whose own page does not): markers lead to the list again and
    /// clusters re-form as the reader zooms.
    pub fn listing(mut self) -> MapView {
        if self.static_clusters {
            for mk in &mut self.markers {
                let first = if mk.shape == "cluster" { mk.members.split(' ').next().unwrap_or("") } else { &mk.id };
                mk.href = format!("#p-{first}");
            }
            self.static_clusters = false;
        }
        self
    }
}

/// The site's region: prefecture outlines faded, the site's municipalities drawn
/// by 整備状況 and linked to their pages. Markers are added by the caller.
pub fn region_map(site: &Site, b: &Boundaries, id: &str, title: &str) -> Option<(MapView, Frame)> {
    let shapes: Vec<(&Municipality, &Shape)> =
        site.municipalities.iter().filter_map(|m| b.municipalities.get(&m.code).map(|s| (m, s))).collect();
    let nationwide = shapes.len() > OVERVIEW_SYMBOLS_MAX;
    let mut bbox = shapes.first()?.1.bbox;
    if nationwide {
        // Far islands (南鳥島, 沖ノ鳥島) would shrink the country to a corner; they are
        // drawn where the frame reaches and listed on the page.
        let areas: Vec<&Shape> = shapes.iter().map(|(_, s)| *s).collect();
        bbox = core_bbox(&areas)?;
    } else {
        for (_, s) in &shapes {
            bbox = union(bbox, s.bbox);
        }
        // Providers placed outside their municipality's outline are in view too.
        for l in site.municipalities.iter().flat_map(|m| &m.providers).filter_map(|p| p.location.as_ref()) {
            bbox = union(bbox, [l.lon, l.lat, l.lon, l.lat]);
        }
    }
    let view_bbox = pad_bbox(bbox, 0.08, 0.01);
    let f = Frame::fit(view_bbox, 800.0, 600.0, 16.0).at_least_tall(TALL);
    let mut map = frame_meta(id, title.to_string(), &f);
    // At the scale of many prefectures a municipality is a few pixels: drawn coarser
    // and with finer lines.
    map.dense = nationwide;
    for (code, s) in &b.prefectures {
        if f.sees(&s.bbox) {
            let d = f.path(&s.polygons, 2.0);
            if !d.is_empty() {
                map.areas.push(Area { code: code.clone(), d, class: "pref", href: None, label: None });
            }
        }
    }
    // Neighbours: municipalities near the site's own, faded (no data on this site).
    let near: Vec<[f64; 4]> = shapes.iter().map(|(_, s)| pad_bbox(s.bbox, 0.1, 0.01)).collect();
    for (code, s) in &b.municipalities {
        if shapes.iter().any(|(m, _)| &m.code == code) || !near.iter().any(|n| intersects(&s.bbox, n)) {
            continue;
        }
        let d = f.path(&s.polygons, 1.5);
        if !d.is_empty() {
            map.areas.push(Area { code: code.clone(), d, class: "neighbour", href: None, label: None });
        }
    }
    for (m, s) in &shapes {
        let class = if m.status.id == "established" { "established" } else { "planned" };
        let d = f.path(&s.polygons, if nationwide { 1.5 } else { 0.6 });
        // Too small to draw at this scale (a village on the national map): its symbol
        // and the lists still lead to it.
        if d.is_empty() {
            continue;
        }
        map.spots.push(spot(&f, &m.name, s, weight(&f, s)));
        map.areas.push(Area {
            code: m.code.clone(),
            d,
            class,
            href: Some(routes::municipality(&m.code)),
            label: Some(format!("{}：{}（{}）", m.name, m.status.label, m.pref_name)),
        });
    }
    Some((map, f))
}

/// The most municipalities the home overview marks one by one. Beyond it (a site
/// over many prefectures) every symbol would sit in a cluster, so the map shows the
/// areas alone — hatched when not established, so still not by colour alone — and
/// the page's lists lead on.
pub const OVERVIEW_SYMBOLS_MAX: usize = 300;

/// The region overview for the home page: areas plus a status symbol per municipality
/// (circle 整備済, triangle 未整備), so the legend does not rely on colour alone.
pub fn overview_map(site: &Site, b: &Boundaries) -> Option<MapView> {
    let (mut map, f) = region_map(site, b, "map-overview", site.strings.get(S::MapOverview))?;
    if site.municipalities.len() > OVERVIEW_SYMBOLS_MAX {
        map.spots.clear();
        return Some(map);
    }
    for (i, m) in site.municipalities.iter().enumerate() {
        let Some(s) = b.municipalities.get(&m.code) else { continue };
        let [lon, lat] = s.centre();
        let (x, y) = f.px(lon, lat);
        let established = m.status.id == "established";
        let mut mk = Marker::blank();
        mk.n = i + 1;
        mk.pos = (x, y);
        mk.id = m.code.clone();
        mk.href = routes::municipality(&m.code);
        mk.label = format!("{}：{}（{}）", m.name, m.status.label, m.pref_name);
        mk.name = format!("{}（{}）", m.name, m.status.label);
        mk.shape = if established { "circle" } else { "triangle" };
        mk.municipality = m.code.clone();
        map.markers.push(mk);
    }
    maplayout::settle(&mut map, &site.strings, Stands::Municipalities, "#by-municipality");
    Some(map)
}

/// A count of providers at an area's centre, linked to the page that lists them.
pub fn count_marker(f: &Frame, centre: [f64; 2], count: usize, id: &str, href: String, label: String) -> Marker {
    let mut mk = Marker::blank();
    mk.n = count;
    mk.pos = f.px(centre[0], centre[1]);
    mk.id = id.to_string();
    mk.href = href;
    mk.label = label.clone();
    mk.name = label;
    mk.shape = "count";
    mk.text = count.to_string();
    mk.count = count;
    mk
}

/// One area of a scope map: a shape, where it links, how it is named.
pub struct ScopeArea<'a> {
    pub shape: &'a Shape,
    /// Its name, written on the map where it fits.
    pub name: String,
    pub href: Option<String>,
    pub label: String,
}

/// A map framed on `areas`, each drawn and linked, over faded `context` shapes
/// (prefecture outlines) — the 拠点マップ of a prefecture or of the whole country.
/// Markers are added by the caller.
pub fn scope_map<'a>(
    id: &str,
    title: &str,
    areas: &[ScopeArea],
    context: impl Iterator<Item = &'a Shape>,
    tolerance: f64,
) -> Option<(MapView, Frame)> {
    let shapes: Vec<&Shape> = areas.iter().map(|a| a.shape).collect();
    let bbox = core_bbox(&shapes)?;
    let f = Frame::fit(pad_bbox(bbox, 0.04, 0.01), 800.0, 600.0, 16.0).at_least_tall(TALL);
    let mut map = frame_meta(id, title.to_string(), &f);
    for s in context {
        if f.sees(&s.bbox) {
            let d = f.path(&s.polygons, 2.0);
            if !d.is_empty() {
                map.areas.push(Area { code: s.code.clone(), d, class: "pref", href: None, label: None });
            }
        }
    }
    for a in areas {
        let d = f.path(&a.shape.polygons, tolerance);
        if !d.is_empty() {
            map.spots.push(spot(&f, &a.name, a.shape, weight(&f, a.shape)));
            let label = a.href.as_ref().map(|_| a.label.clone());
            map.areas.push(Area { code: a.shape.code.clone(), d, class: "scope", href: a.href.clone(), label });
        }
    }
    Some((map, f))
}

/// The bounding box of `areas` but outliers far from the rest (Tokyo's and
/// Kagoshima's distant islands would otherwise shrink the mainland to a corner).
/// Outliers are still drawn where the frame reaches and listed in the page's table.
fn core_bbox(areas: &[&Shape]) -> Option<[f64; 4]> {
    let centres: Vec<[f64; 2]> = areas.iter().map(|a| a.centre()).collect();
    let median = |i: usize| {
        let mut v: Vec<f64> = centres.iter().map(|c| c[i]).collect();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    let mid = [median(0), median(1)];
    let dist: Vec<f64> = centres.iter().map(|c| (c[0] - mid[0]).hypot(c[1] - mid[1])).collect();
    let mut sorted = dist.clone();
    sorted.sort_by(f64::total_cmp);
    let typical = sorted.get(sorted.len() / 2).copied().unwrap_or(0.0);
    let limit = (typical * 4.0).max(1.0);
    let mut bbox: Option<[f64; 4]> = None;
    for (a, d) in areas.iter().zip(dist) {
        if d <= limit {
            bbox = Some(bbox.map_or(a.bbox, |x| union(x, a.bbox)));
        }
    }
    bbox
}
