//! Open data files: RFC 7946 GeoJSON of providers and municipalities.

use crate::derive::Derived;
use crate::model::Site;
use geojson::{Feature, FeatureCollection, Geometry, GeometryValue, JsonObject, JsonValue, Position};

fn labels(terms: &[&'static crate::vocab::Term]) -> JsonValue {
    JsonValue::from(terms.iter().map(|t| t.id).collect::<Vec<_>>())
}

fn collection(features: Vec<Feature>) -> Vec<u8> {
    let fc = FeatureCollection { bbox: None, features, foreign_members: None };
    let mut bytes = serde_json::to_vec(&fc).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Round to 6 decimals (~0.1 m); RFC 7946 recommends not more.
fn pos(lon: f64, lat: f64) -> Position {
    Position::from(vec![(lon * 1e6).round() / 1e6, (lat * 1e6).round() / 1e6])
}

pub fn providers_geojson(site: &Site) -> Vec<u8> {
    let base = site.config.base_url_trimmed();
    let mut features = Vec::new();
    for m in &site.municipalities {
        for p in &m.providers {
            let mut props = JsonObject::new();
            props.insert("id".into(), p.id.clone().into());
            props.insert("name".into(), p.name.clone().into());
            props.insert("municipality_code".into(), m.code.clone().into());
            props.insert("municipality_name".into(), m.name.clone().into());
            props.insert("services".into(), labels(&p.services));
            props.insert("functions".into(), labels(&p.functions));
            props.insert("accepts".into(), labels(&p.accepts));
            props.insert("phone".into(), p.phone.as_ref().map(|x| x.display.clone()).into());
            props.insert("url".into(), format!("{base}/p/{}/", p.id).into());
            props.insert("last_verified".into(), m.last_verified.machine().into());
            props.insert("sample".into(), p.sample.into());
            let geometry =
                p.location.as_ref().map(|l| Geometry::new(GeometryValue::Point { coordinates: pos(l.lon, l.lat) }));
            features.push(Feature { bbox: None, geometry, id: None, properties: Some(props), foreign_members: None });
        }
    }
    collection(features)
}

pub fn municipalities_geojson(site: &Site, d: &Derived) -> Vec<u8> {
    let base = site.config.base_url_trimmed();
    let mut features = Vec::new();
    for (mi, m) in site.municipalities.iter().enumerate() {
        let mut props = JsonObject::new();
        props.insert("code".into(), m.code.clone().into());
        props.insert("name".into(), m.name.clone().into());
        props.insert("prefecture".into(), m.pref_name.clone().into());
        props.insert("status".into(), m.status.id.into());
        props.insert("type".into(), m.kind.map(|t| t.id).into());
        props.insert("providers".into(), d.municipalities[mi].provider_count.into());
        let covered: Vec<&str> = d.municipalities[mi]
            .coverage
            .iter()
            .filter(|c| c.entry.is_some() || !c.providers.is_empty())
            .map(|c| c.function.id)
            .collect();
        props.insert("functions_described".into(), covered.into());
        props.insert("url".into(), format!("{base}/m/{}/", m.code).into());
        props.insert("last_verified".into(), m.last_verified.machine().into());
        let geometry = site.geo.municipalities.get(&m.code).map(|s| {
            let polys = s
                .polygons
                .iter()
                .map(|poly| poly.iter().map(|ring| ring.iter().map(|[x, y]| pos(*x, *y)).collect()).collect())
                .collect();
            Geometry::new(GeometryValue::MultiPolygon { coordinates: polys })
        });
        features.push(Feature { bbox: None, geometry, id: None, properties: Some(props), foreign_members: None });
    }
    collection(features)
}
