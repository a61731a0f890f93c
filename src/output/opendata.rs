//! Open data files: RFC 7946 GeoJSON of providers and municipalities.

use crate::derive::Derived;
use crate::derive::routes;
use crate::model::Site;
use geojson::{Feature, FeatureCollection, Geometry, GeometryValue, JsonObject, JsonValue, Position};

fn labels(terms: &[&'static crate::model::vocab::Term]) -> JsonValue {
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
            props.insert("url".into(), format!("{base}{}", routes::provider(&p.id)).into());
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
        props.insert("url".into(), format!("{base}{}", routes::municipality(&m.code)).into());
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

/// A cell that a spreadsheet would run as a formula is prefixed with an apostrophe.
fn cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// UTF-8 with a byte-order mark, CRLF line ends: what Excel opens as Japanese text.
fn csv_bytes(header: &[&str], rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(vec![0xEF, 0xBB, 0xBF]);
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| cell(c)));
    }
    w.into_inner().unwrap_or_default()
}

/// Columns of municipalities.csv: (Japanese header, English id, meaning).
pub const MUNICIPALITY_COLUMNS: &[(&str, &str, &str)] = &[
    ("団体コード", "code", "全国地方公共団体コード（6桁）"),
    ("都道府県", "prefecture", "都道府県名"),
    ("市区町村", "name", "市区町村名"),
    ("よみ", "kana", "ひらがなの読み"),
    ("整備状況", "status", "整備済 / 未整備"),
    ("整備時期", "established", "整備した時期（ISO）"),
    ("整備類型", "type", "多機能拠点整備型 / 面的整備型 / 併用整備型"),
    ("コーディネーター", "coordinator", "あり / なし / 空欄（記載なし）"),
    ("緊急時の連絡先", "contact_name", "困ったときの連絡先の名前"),
    ("電話番号", "contact_phone", "その電話番号"),
    ("受付時間", "contact_hours", "その受付時間"),
    ("掲載事業所数", "providers", "このサイトに載っている事業所などの数"),
    ("最終確認日", "last_verified", "データを最後に確かめた日（ISO）"),
    ("サンプル", "sample", "1 = 説明用の架空のデータを含む"),
    ("URL", "url", "このサイトのページ"),
];

pub fn municipalities_csv(site: &Site, d: &Derived) -> Vec<u8> {
    let base = site.config.base_url_trimmed();
    let rows = site
        .municipalities
        .iter()
        .enumerate()
        .map(|(mi, m)| {
            let c = m.emergency_contact.as_ref();
            vec![
                m.code.clone(),
                m.pref_name.clone(),
                m.name.clone(),
                m.kana.clone(),
                m.status.label.to_string(),
                m.established.map(|x| x.machine()).unwrap_or_default(),
                m.kind.map(|t| t.label.to_string()).unwrap_or_default(),
                m.coordinator.as_ref().map(|c| if c.placed { "あり" } else { "なし" }.to_string()).unwrap_or_default(),
                c.map(|c| c.name.clone()).unwrap_or_default(),
                c.and_then(|c| c.phone.as_ref()).map(|p| p.display.clone()).unwrap_or_default(),
                c.and_then(|c| c.hours.clone()).unwrap_or_default(),
                d.municipalities[mi].provider_count.to_string(),
                m.last_verified.machine(),
                if d.municipalities[mi].has_sample { "1" } else { "0" }.to_string(),
                format!("{base}{}", routes::municipality(&m.code)),
            ]
        })
        .collect();
    let header: Vec<&str> = MUNICIPALITY_COLUMNS.iter().map(|c| c.0).collect();
    csv_bytes(&header, rows)
}

/// Columns of compare.csv, before and after the per-function pairs.
pub const COMPARE_COLUMNS: &[(&str, &str, &str)] = &[
    ("団体コード", "code", "全国地方公共団体コード"),
    ("市区町村", "name", "市区町村名"),
    ("都道府県", "prefecture", "都道府県名"),
    ("整備状況", "status", "整備済 / 未整備"),
    ("整備類型", "type", "類型（空欄は記載なし）"),
    ("コーディネーター", "coordinator", "あり / なし / 空欄"),
    ("24時間の連絡先", "contact_24h", "1 = 24時間つながる連絡先がある"),
    ("<機能>", "<function>", "機能ごと：1 = 情報がある（6機能）"),
    ("<機能>_事業所数", "<function>_providers", "機能ごと：その機能を担う登録事業所などの数"),
    ("緊急時に受け入れている人", "emergency_accepts", "緊急時の短期入所が受け入れている人（・区切り）"),
    ("緊急時の受け入れなし", "emergency_gaps", "どの緊急時の短期入所も受け入れていない人"),
    ("最後の検証・検討", "last_review", "運用状況の検証及び検討の最後の日（ISO、年度は FY）"),
    ("検証・検討が途切れている", "review_overdue", "1 = 最終確認日の年度とその前の年度に記録がない"),
    ("最終確認日", "last_verified", "データを最後に確かめた日"),
];

pub fn compare_csv(d: &Derived) -> Vec<u8> {
    let mut header: Vec<String> = COMPARE_COLUMNS[..7].iter().map(|c| c.0.to_string()).collect();
    for f in crate::model::vocab::FUNCTIONS {
        header.push(f.label.to_string());
        header.push(format!("{}_事業所数", f.label));
    }
    header.extend(COMPARE_COLUMNS[9..].iter().map(|c| c.0.to_string()));
    let join = |t: &[&'static crate::model::vocab::Term]| t.iter().map(|x| x.label).collect::<Vec<_>>().join("・");
    let rows = d
        .compare
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![
                r.code.clone(),
                r.name.clone(),
                r.pref_name.clone(),
                r.status.label.to_string(),
                r.kind.map(|t| t.label.to_string()).unwrap_or_default(),
                r.coordinator.map(|c| if c { "あり" } else { "なし" }.to_string()).unwrap_or_default(),
                (r.contact_24h as u8).to_string(),
            ];
            for c in &r.functions {
                row.push((c.covered as u8).to_string());
                row.push(c.providers.to_string());
            }
            row.push(join(&r.emergency_accepts));
            row.push(join(&r.emergency_gaps));
            row.push(r.last_review.map(|x| x.machine()).unwrap_or_default());
            row.push((r.review_overdue as u8).to_string());
            row.push(r.last_verified.machine());
            row
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    csv_bytes(&header, rows)
}

#[derive(serde::Serialize)]
struct CaseOut<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    prefecture: &'a str,
    place: &'a str,
    municipality_code: Option<&'a str>,
    status: Option<&'static str>,
    #[serde(rename = "type")]
    kind: Option<&'static str>,
    functions: Vec<&'static str>,
    summary: &'a str,
    source: &'a crate::model::Source,
    sample: bool,
}

pub fn cases_json(site: &Site) -> Vec<u8> {
    let base = site.config.base_url_trimmed();
    let cases: Vec<CaseOut> = site
        .cases
        .iter()
        .map(|c| CaseOut {
            slug: &c.slug,
            url: format!("{base}{}", routes::case(&c.slug)),
            title: &c.title,
            prefecture: &c.pref_name,
            place: &c.place,
            municipality_code: c.municipality_code.as_deref(),
            status: c.status.map(|t| t.id),
            kind: c.kind.map(|t| t.id),
            functions: c.functions.iter().map(|t| t.id).collect(),
            summary: &c.summary,
            source: &c.source,
            sample: c.sample,
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&cases).unwrap_or_default();
    out.push(b'\n');
    out
}

pub fn national_json(site: &Site) -> Option<Vec<u8>> {
    let n = site.national.as_ref()?;
    let mut out = serde_json::to_vec_pretty(n).ok()?;
    out.push(b'\n');
    Some(out)
}
