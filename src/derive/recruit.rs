//! Recruitment: what each municipality still needs from providers, derived from its
//! data (functions no registered provider carries, people no emergency stay accepts)
//! plus the needs it states itself.

use crate::derive::compare::Compare;
use crate::model::Site;
use crate::model::strings::S;
use crate::model::vocab::Term;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct FewProviders {
    pub function: &'static Term,
    pub providers: usize,
}

#[derive(Debug, Serialize)]
pub struct Needs {
    pub code: String,
    /// Functions that no registered provider on this site carries.
    pub functions_without_provider: Vec<&'static Term>,
    /// Functions carried by only one registered provider.
    pub functions_with_one: Vec<FewProviders>,
    /// People no registered emergency short stay accepts.
    pub emergency_gaps: Vec<&'static Term>,
    /// Whether any registered emergency short stay exists at all.
    pub has_emergency_stay: bool,
    /// What the municipality says it needs (`recruit.needs`).
    pub stated: Vec<String>,
    /// One line for the flyer's headline.
    pub headline: String,
    /// Parts of the municipality far from every registered provider, when it can be told.
    pub far_area: Option<FarArea>,
    /// Whether these needs rest on invented (`sample: true`) records.
    pub from_samples: bool,
    /// For each kind of service the municipality is looking for, what registering
    /// brings it: "I run a 短期入所 — what would I gain?"
    pub kinds: Vec<KindOffer>,
    /// When the recruitment contact answers, in words.
    pub contact_hours: Option<String>,
}

/// What registering brings some kinds of service (kinds to which the same
/// add-ons and support apply share one row).
#[derive(Debug, Serialize)]
pub struct KindOffer {
    pub services: Vec<&'static Term>,
    /// Indexes into `site.incentives.incentives` (national add-ons) that apply to it.
    pub national: Vec<usize>,
    /// Indexes into the municipality's `recruit.support` that apply to it.
    pub local: Vec<usize>,
}

/// The kinds a municipality is looking for — those its registration programmes
/// name, and 短期入所 when it lacks emergency stays — each with the add-ons and the
/// municipality's own support that apply (an item naming no kind applies to all).
fn kinds(site: &Site, m: &crate::model::Municipality, wants_stay: bool) -> Vec<KindOffer> {
    let mut wanted: Vec<&'static Term> = Vec::new();
    let programmes = m.recruit.as_ref().map(|r| r.programmes.as_slice()).unwrap_or_default();
    for t in programmes.iter().flat_map(|p| p.services.iter()) {
        if !wanted.iter().any(|w| w.id == t.id) {
            wanted.push(t);
        }
    }
    if wants_stay
        && !wanted.iter().any(|w| w.id == "short_stay")
        && let Some(t) = crate::model::vocab::SERVICE.get("short_stay")
    {
        wanted.push(t);
    }
    let national = site.incentives.as_ref().map(|i| i.incentives.as_slice()).unwrap_or_default();
    let local = m.recruit.as_ref().map(|r| r.support.as_slice()).unwrap_or_default();
    let applies =
        |i: &crate::model::Incentive, t: &Term| i.services.is_empty() || i.services.iter().any(|s| s.id == t.id);
    let mut out: Vec<KindOffer> = Vec::new();
    for t in wanted {
        let national: Vec<usize> = (0..national.len()).filter(|&k| applies(&national[k], t)).collect();
        let local: Vec<usize> = (0..local.len()).filter(|&k| applies(&local[k], t)).collect();
        match out.iter_mut().find(|o| o.national == national && o.local == local) {
            Some(o) => o.services.push(t),
            None => out.push(KindOffer { services: vec![t], national, local }),
        }
    }
    out
}

/// Distance beyond which a part of the municipality counts as having no provider nearby.
pub const FAR_KM: f64 = 3.0;

#[derive(Debug, Serialize)]
pub struct FarArea {
    /// Share of the municipality's area (percent, rounded) farther than FAR_KM from every provider.
    pub percent: u32,
    /// Where that part lies: a direction id (`northeast`, …), or `all` when no
    /// provider has a location or nearly all the area is far.
    pub direction: String,
    pub km: u32,
}

/// Kilometres per degree on a sphere of the Earth's mean radius (6,371 km).
const KM_PER_DEG: f64 = 6371.0 * std::f64::consts::PI / 180.0;

/// Positions in kilometres on a plane tangent at latitude `lat0` (equirectangular).
/// Within one municipality (at most about a degree across) the distance error at
/// FAR_KM is a few metres, and no trigonometry is left in the grid × provider loop.
fn to_km(lat0: f64) -> impl Fn([f64; 2]) -> [f64; 2] {
    let kx = KM_PER_DEG * lat0.to_radians().cos();
    move |p| [p[0] * kx, p[1] * KM_PER_DEG]
}

/// Compass directions counter-clockwise from east (labels: `recruit.far.<id>` in the strings file).
const DIRECTIONS: [&str; 8] = ["east", "northeast", "north", "northwest", "west", "southwest", "south", "southeast"];

/// Sample the municipality on a grid; measure what lies farther than FAR_KM from every
/// located provider, and say where its centre of mass is relative to the whole.
fn far_area(shape: &crate::geo::Shape, providers: &[[f64; 2]]) -> Option<FarArea> {
    let [x0, y0, x1, y1] = shape.bbox;
    let n = 48;
    let (dx, dy) = ((x1 - x0) / n as f64, (y1 - y0) / n as f64);
    let (mut inside, mut far) = (0usize, 0usize);
    let (mut cx, mut cy, mut fx, mut fy) = (0.0, 0.0, 0.0, 0.0);
    let km = to_km((y0 + y1) / 2.0);
    let near: Vec<[f64; 2]> = providers.iter().map(|q| km(*q)).collect();
    let far_sq = FAR_KM * FAR_KM;
    for i in 0..n {
        for j in 0..n {
            let p = [x0 + (i as f64 + 0.5) * dx, y0 + (j as f64 + 0.5) * dy];
            if !shape.contains(p[0], p[1]) {
                continue;
            }
            inside += 1;
            cx += p[0];
            cy += p[1];
            let [px, py] = km(p);
            if near.iter().all(|q| (q[0] - px).powi(2) + (q[1] - py).powi(2) > far_sq) {
                far += 1;
                fx += p[0];
                fy += p[1];
            }
        }
    }
    if inside == 0 || far == 0 {
        return None;
    }
    let percent = ((far as f64 / inside as f64) * 100.0).round() as u32;
    if percent < 5 {
        return None;
    }
    let direction = if providers.is_empty() || percent >= 95 {
        "all".to_string()
    } else {
        let (cx, cy) = (cx / inside as f64, cy / inside as f64);
        let (fx, fy) = (fx / far as f64, fy / far as f64);
        let angle = ((fy - cy).atan2((fx - cx) * cy.to_radians().cos()).to_degrees() + 360.0 + 22.5) % 360.0;
        DIRECTIONS[(angle / 45.0) as usize % 8].to_string()
    };
    Some(FarArea { percent, direction, km: FAR_KM as u32 })
}

/// What each municipality still needs, in the order of `site.municipalities`.
pub fn needs(site: &Site, compare: &Compare) -> Vec<Needs> {
    let rows: std::collections::HashMap<&str, &crate::derive::compare::Row> =
        compare.rows.iter().map(|r| (r.code.as_str(), r)).collect();
    use rayon::prelude::*;
    site.municipalities
        .par_iter()
        .map(|m| {
            let row = rows[m.code.as_str()];
            let functions_without_provider: Vec<&'static Term> =
                row.functions.iter().filter(|c| c.providers == 0).map(|c| c.function).collect();
            let functions_with_one = row
                .functions
                .iter()
                .filter(|c| c.providers == 1)
                .map(|c| FewProviders { function: c.function, providers: 1 })
                .collect();
            let has_emergency_stay = !row.emergency_accepts.is_empty();
            let emergency_gaps: Vec<&'static Term> =
                if has_emergency_stay { row.emergency_gaps.clone() } else { Vec::new() };
            let stated = m.recruit.as_ref().map(|r| r.needs.clone()).unwrap_or_default();
            // Every need below is read from the provider list (what no provider carries,
            // whom no stay accepts, where none is near): invented providers make it invented.
            let from_samples = m.sample || m.providers.iter().any(|p| p.any_sample());
            // A headline is a claim: it is derived only from real records, never from samples.
            let s = &site.strings;
            let name = ("name", m.name.as_str());
            let headline = if from_samples {
                s.fill(S::RecruitHeadlineSamples, &[name])
            } else if !emergency_gaps.is_empty() {
                // Two groups keep the headline readable; the full list is on the page.
                let who: Vec<&str> = emergency_gaps.iter().take(2).map(|t| t.label).collect();
                let more = if emergency_gaps.len() > 2 { s.get(S::RecruitHeadlineMore) } else { "" };
                let who = who.join(s.get(S::RecruitHeadlineJoiner));
                s.fill(S::RecruitHeadlineEmergencyGaps, &[name, ("who", &who), ("more", more)])
            } else if !has_emergency_stay {
                s.fill(S::RecruitHeadlineNoEmergencyStay, &[name])
            } else if let Some(f) = functions_without_provider.first() {
                s.fill(S::RecruitHeadlineFunction, &[name, ("function", f.label)])
            } else {
                s.fill(S::RecruitHeadlineGeneral, &[name])
            };
            let located: Vec<[f64; 2]> =
                m.providers.iter().filter_map(|p| p.location.as_ref().map(|l| [l.lon, l.lat])).collect();
            let far_area = site.geo.municipalities.get(&m.code).and_then(|shape| far_area(shape, &located));
            let wants_stay = !has_emergency_stay || !emergency_gaps.is_empty();
            let contact = m.recruit.as_ref().and_then(|r| r.contact.as_ref());
            Needs {
                contact_hours: contact.and_then(|c| c.hours.as_ref()).map(|h| h.describe(s)),
                kinds: kinds(site, m, wants_stay),
                from_samples,
                far_area,
                code: m.code.clone(),
                functions_without_provider,
                functions_with_one,
                emergency_gaps,
                has_emergency_stay,
                stated,
                headline,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::Shape;

    /// A square municipality about 11 km a side at 35.7° N (0.12° of longitude,
    /// 0.1° of latitude), centred on (140.0, 35.7).
    fn square() -> Shape {
        let (x0, y0, x1, y1) = (139.94, 35.65, 140.06, 35.75);
        Shape {
            code: "000000".into(),
            name: "正方形市".into(),
            polygons: vec![vec![vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]],
            bbox: [x0, y0, x1, y1],
        }
    }

    #[test]
    fn without_located_providers_the_whole_area_is_far() {
        let far = far_area(&square(), &[]).expect("all of it is far");
        assert_eq!((far.percent, far.direction.as_str(), far.km), (100, "all", 3));
    }

    #[test]
    fn a_provider_in_the_north_leaves_the_south_far() {
        let far = far_area(&square(), &[[140.0, 35.74]]).expect("the south is far");
        assert_eq!(far.direction, "south");
        // A 3 km disc (28 km²) cut by the northern edge covers well under a third
        // of the ~120 km² square.
        assert!((70..=90).contains(&far.percent), "{}", far.percent);
    }

    #[test]
    fn a_provider_in_the_north_east_corner_leaves_the_south_west_far() {
        let far = far_area(&square(), &[[140.055, 35.745]]).expect("the rest is far");
        assert_eq!(far.direction, "southwest");
    }

    #[test]
    fn providers_everywhere_leave_nothing_far() {
        let mut grid = Vec::new();
        for i in 0..5 {
            for j in 0..5 {
                grid.push([139.94 + 0.03 * f64::from(i), 35.65 + 0.025 * f64::from(j)]);
            }
        }
        assert!(far_area(&square(), &grid).is_none());
    }

    #[test]
    fn the_local_plane_measures_kilometres() {
        // One degree of latitude is 111.2 km; one of longitude at 35.7° N is 90.3 km.
        let km = to_km(35.7);
        let [x, y] = km([1.0, 1.0]);
        assert!((x - 90.3).abs() < 0.1 && (y - 111.19).abs() < 0.1, "{x} {y}");
    }
}
