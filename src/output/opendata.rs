//! Open data files: RFC 7946 GeoJSON of providers and municipalities.

use crate::derive::Derived;
use crate::derive::contacts::AroundClock;
use crate::derive::routes;
use crate::model::Site;
use crate::model::strings::S;
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
        for p in m.providers.iter().filter(|p| !p.joint_copy) {
            let mut props = JsonObject::new();
            props.insert("id".into(), p.id.clone().into());
            props.insert("name".into(), p.name.clone().into());
            props.insert("municipality_code".into(), m.code.clone().into());
            props.insert("municipality_name".into(), m.name.clone().into());
            props.insert("services".into(), labels(&p.services));
            if let Some(own) = &p.other_service {
                props.insert("other_service".into(), own.clone().into());
            }
            props.insert("functions".into(), labels(&p.functions));
            props.insert("accepts".into(), labels(&p.accepts));
            props.insert("phone".into(), p.phone.as_ref().map(|x| x.display.clone()).into());
            props.insert("url".into(), format!("{base}{}", routes::provider(&p.id)).into());
            props.insert("last_verified".into(), m.last_verified.machine().into());
            props.insert("sample".into(), p.any_sample().into());
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
    ("整備状況", "status", "整備済 / 整備予定 / その他・未定（国の調査と同じ区分）"),
    ("整備時期", "established", "整備した時期の最初の日（YYYY-MM-DD。年度は4月1日、年は1月1日、月は1日）"),
    ("整備時期（和暦）", "established_wareki", "資料に書かれた整備時期（令和5年3月、令和5年度など。精度がわかります）"),
    ("目標年度", "target", "整備予定のとき、整備する目標の年度の最初の日（YYYY-MM-DD。4月1日）"),
    ("目標年度（和暦）", "target_wareki", "目標の年度（令和8年度など）"),
    ("共同整備", "joint", "ほかの市区町村と共同で整備する拠点等の名前（空欄 = 単独）"),
    ("整備類型", "type", "多機能拠点整備型 / 面的整備型 / 併用整備型"),
    ("コーディネーター", "coordinator", "1 = 配置あり、0 = なし、空欄 = 記載なし"),
    ("緊急時の連絡先", "contact_name", "困ったときの連絡先の名前"),
    ("電話番号", "contact_phone", "その電話番号"),
    ("受付時間", "contact_hours", "その受付時間（平日の日中、夜間・休日、24時間365日、または曜日と時刻）"),
    ("連絡先の数", "contacts", "ページに載っている連絡先の数（すべては contacts.csv）"),
    ("掲載事業所数", "providers", "このサイトに載っている事業所などの数"),
    ("最終確認日", "last_verified", "データを最後に確かめた日（YYYY-MM-DD。年・年度だけのときはその最初の日）"),
    ("最終確認日（和暦）", "last_verified_wareki", "資料に書かれた最終確認日（精度がわかります）"),
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
            let f = &d.municipalities[mi].contacts;
            let c = f.lead.map(|i| &m.contacts[i]);
            vec![
                m.code.clone(),
                m.pref_name.clone(),
                m.name.clone(),
                m.kana.clone(),
                m.status.label.to_string(),
                m.established.map(|x| x.start_iso()).unwrap_or_default(),
                m.established.map(|x| x.wareki()).unwrap_or_default(),
                m.target.map(|x| x.start_iso()).unwrap_or_default(),
                m.target.map(|x| x.wareki()).unwrap_or_default(),
                m.joint.as_ref().map(|j| j.name.clone()).unwrap_or_default(),
                m.kind.map(|t| t.label.to_string()).unwrap_or_default(),
                m.coordinator.as_ref().map(|c| (c.placed as u8).to_string()).unwrap_or_default(),
                c.map(|c| c.name.clone()).unwrap_or_default(),
                c.and_then(|c| c.phone.as_ref()).map(|p| p.display.clone()).unwrap_or_default(),
                f.lead.map(|i| hours_cell(site, m, f, i)).unwrap_or_default(),
                m.contacts.len().to_string(),
                d.municipalities[mi].provider_count.to_string(),
                m.last_verified.start_iso(),
                m.last_verified.wareki(),
                if d.municipalities[mi].has_sample { "1" } else { "0" }.to_string(),
                format!("{base}{}", routes::municipality(&m.code)),
            ]
        })
        .collect();
    let header: Vec<&str> = MUNICIPALITY_COLUMNS.iter().map(|c| c.0).collect();
    csv_bytes(&header, rows)
}

/// When a contact answers, for a CSV cell: its hours in words, then its note.
fn hours_cell(
    site: &Site,
    m: &crate::model::Municipality,
    f: &crate::derive::contacts::ContactFacts,
    i: usize,
) -> String {
    let c = &m.contacts[i];
    let joiner = site.strings.get(S::CsvCellJoiner);
    [f.hours_text[i].as_deref(), c.hours_note.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(joiner)
}

/// Columns of contacts.csv: (Japanese header, English id, meaning).
pub const CONTACT_COLUMNS: &[(&str, &str, &str)] = &[
    ("団体コード", "code", "全国地方公共団体コード（6桁）"),
    ("都道府県", "prefecture", "都道府県名"),
    ("市区町村", "municipality", "市区町村名"),
    ("順", "order", "市区町村のページでの順（24時間つながる連絡先が先）"),
    ("連絡先", "name", "連絡先の名前"),
    ("目的", "purpose", "緊急時の連絡 / 相談 / 緊急時の受入調整 / 夜間・休日の緊急時支援 / 市区町村の担当窓口"),
    ("電話番号", "phone", "電話番号"),
    ("受付時間", "hours", "平日の日中、夜間・休日、24時間365日、または曜日と時刻"),
    ("受付時間の補足", "hours_note", "例外など（文章）"),
    (
        "24時間",
        "always",
        "1 = この連絡先だけで24時間365日つながる、0 = つながらない時間がある、空欄 = 受付時間が文章だけ",
    ),
    ("対象", "for_whom", "だれが電話できるか"),
    ("区", "ward", "政令指定都市の区の窓口のとき、その区"),
    ("区のコード", "ward_code", "その区の団体コード"),
    ("地域", "area", "圏域など、区でも市区町村全体でもない地域"),
    ("URL", "url", "連絡先の案内ページ"),
    ("サンプル", "sample", "1 = 説明用の架空の連絡先（電話番号など）"),
];

pub fn contacts_csv(site: &Site, d: &Derived) -> Vec<u8> {
    let mut rows = Vec::new();
    for (mi, m) in site.municipalities.iter().enumerate() {
        let f = &d.municipalities[mi].contacts;
        let order = f.lines.iter().copied().chain(f.ward_groups.iter().flat_map(|g| g.contacts.iter().copied()));
        for (n, i) in order.enumerate() {
            let c = &m.contacts[i];
            rows.push(vec![
                m.code.clone(),
                m.pref_name.clone(),
                m.name.clone(),
                (n + 1).to_string(),
                c.name.clone(),
                c.purpose.map(|p| p.label.to_string()).unwrap_or_default(),
                c.phone.as_ref().map(|p| p.display.clone()).unwrap_or_default(),
                f.hours_text[i].clone().unwrap_or_default(),
                c.hours_note.clone().unwrap_or_default(),
                if c.hours.is_some() { (f.always[i] as u8).to_string() } else { String::new() },
                c.for_whom.clone().unwrap_or_default(),
                c.ward.as_ref().map(|w| w.name.clone()).unwrap_or_default(),
                c.ward.as_ref().map(|w| w.code.clone()).unwrap_or_default(),
                c.area.clone().unwrap_or_default(),
                c.url.clone().unwrap_or_default(),
                (c.sample as u8).to_string(),
            ]);
        }
    }
    let header: Vec<&str> = CONTACT_COLUMNS.iter().map(|c| c.0).collect();
    csv_bytes(&header, rows)
}

/// Columns of providers-standard.csv: デジタル庁「推奨データセット」の介護サービス事業所一覧の
/// layout (there is none for disability services), then one column per function and サンプル.
pub const STANDARD_COLUMNS: &[(&str, &str, &str)] = &[
    ("都道府県コード又は市区町村コード", "code", "事業所のある市区町村の全国地方公共団体コード（6桁）"),
    ("NO", "no", "このファイルでの通し番号"),
    ("都道府県名", "prefecture", "都道府県名"),
    ("市区町村名", "municipality", "市区町村名"),
    ("名称", "name", "事業所の名称"),
    ("名称_カナ", "name_kana", "名称の読み（全角カタカナ）"),
    ("実施サービス", "services", "サービスの種類（・区切り）"),
    ("住所", "address", "所在地"),
    ("方書", "address_detail", "（このサイトでは空欄：住所に含めています）"),
    ("緯度", "lat", "世界測地系（空欄は位置未確定）"),
    ("経度", "lon", "世界測地系"),
    ("電話番号", "phone", "電話番号"),
    ("内線番号", "extension", "（このサイトでは空欄）"),
    ("FAX番号", "fax", "FAX番号"),
    ("法人番号", "corporate_number", "法人番号（13桁）"),
    ("法人の名称", "corporation", "運営する法人の名称"),
    ("事業所番号", "office_number", "障害福祉サービス等情報公表システムの事業所番号"),
    ("利用可能曜日", "days", "（このサイトでは空欄：受付時間は次の列に文章で）"),
    ("利用可能曜日特記事項", "days_note", "受付時間・利用できる時間（文章）"),
    ("定員", "capacity", "定員"),
    ("URL", "url", "事業所のウェブサイト"),
    ("備考", "note", "サンプルの事業所・項目はここに書きます"),
    ("<機能>", "<function>", "拠点等の機能ごとに：1 = この事業所が担う、0 = 担わない（6機能）"),
    ("サンプル", "sample", "1 = 説明用の架空のデータ（全部または一部）"),
];

pub fn providers_standard_csv(site: &Site) -> Vec<u8> {
    let mut header: Vec<String> = STANDARD_COLUMNS[..22].iter().map(|c| c.0.to_string()).collect();
    header.extend(crate::model::vocab::FUNCTIONS.iter().map(|f| f.label.to_string()));
    header.push(STANDARD_COLUMNS[23].0.to_string());
    let mut rows = Vec::new();
    for m in &site.municipalities {
        for p in m.providers.iter().filter(|p| !p.joint_copy) {
            let services = p.service_labels();
            let note = if p.sample {
                site.strings.get(S::CsvNoteSampleProvider).to_string()
            } else if !p.sample_fields.is_empty() {
                let fields: Vec<&str> = p
                    .sample_fields
                    .iter()
                    .filter_map(|f| crate::model::vocab::SAMPLE_FIELD.get(f).map(|t| t.label))
                    .collect();
                let joiner = site.strings.get(S::ListJoiner);
                site.strings.fill(S::CsvNoteSampleFields, &[("fields", &fields.join(joiner))])
            } else {
                String::new()
            };
            let mut row = vec![
                m.code.clone(),
                (rows.len() + 1).to_string(),
                m.pref_name.clone(),
                m.name.clone(),
                p.name.clone(),
                p.kana.clone().unwrap_or_default(),
                services.join("・"),
                p.address.clone().unwrap_or_default(),
                String::new(),
                p.location.as_ref().map(|l| l.lat.to_string()).unwrap_or_default(),
                p.location.as_ref().map(|l| l.lon.to_string()).unwrap_or_default(),
                p.phone.as_ref().map(|x| x.display.clone()).unwrap_or_default(),
                String::new(),
                p.fax.as_ref().map(|x| x.display.clone()).unwrap_or_default(),
                p.corporate_number.clone().unwrap_or_default(),
                p.corporation.clone().unwrap_or_default(),
                p.wam_number.clone().unwrap_or_default(),
                String::new(),
                p.hours.clone().unwrap_or_default(),
                p.capacity.map(|c| c.to_string()).unwrap_or_default(),
                p.url.clone().unwrap_or_default(),
                note,
            ];
            row.extend(
                crate::model::vocab::FUNCTIONS
                    .iter()
                    .map(|f| if p.functions.iter().any(|x| x.id == f.id) { "1" } else { "0" }.to_string()),
            );
            row.push((p.any_sample() as u8).to_string());
            rows.push(row);
        }
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    csv_bytes(&header, rows)
}

/// Columns of compare.csv, before and after the per-function pairs.
pub const COMPARE_COLUMNS: &[(&str, &str, &str)] = &[
    ("団体コード", "code", "全国地方公共団体コード"),
    ("市区町村", "name", "市区町村名"),
    ("都道府県", "prefecture", "都道府県名"),
    ("整備状況", "status", "整備済 / 整備予定 / その他・未定（国の調査と同じ区分）"),
    ("目標年度", "target", "整備予定のとき、目標の年度の最初の日（YYYY-MM-DD。4月1日）"),
    ("目標年度（和暦）", "target_wareki", "目標の年度（令和8年度など）"),
    ("目標超過", "target_passed", "1 = 目標の年度が終わっても整備予定のまま、0 = そうではない"),
    ("共同整備", "joint", "ほかの市区町村と共同で整備する拠点等の名前（空欄 = 単独）"),
    ("共同整備_中心", "joint_lead", "その拠点等の記録を持つ中心の市区町村の団体コード"),
    ("整備類型", "type", "類型（空欄は記載なし）"),
    ("コーディネーター", "coordinator", "1 = 配置あり、0 = なし、空欄 = 記載なし"),
    ("コーディネーター_人数", "coordinator_count", "配置している人数（空欄 = 記載なし）"),
    (
        "コーディネーター_財源",
        "coordinator_funding",
        "機能強化加算 / 委託料 / 地域生活支援事業 / その他（空欄 = 記載なし）",
    ),
    ("コーディネーター_24時間", "coordinator_24h", "1 = 24時間つながる体制、0 = そうではない、空欄 = 記載なし"),
    (
        "24時間の連絡先",
        "contact_24h",
        "1 = いつでもだれかにつながる（1つの連絡先で、または昼と夜の連絡先を合わせて）、0 = つながらない時間がある、空欄 = 連絡先がないか受付時間が文章だけ",
    ),
    ("<機能>", "<function>", "機能ごと：1 = 情報がある（6機能）"),
    ("<機能>_事業所数", "<function>_providers", "機能ごと：その機能を担う登録事業所などの数"),
    ("緊急時に受け入れている人", "emergency_accepts", "緊急時の短期入所が受け入れている人（・区切り）"),
    ("緊急時の受け入れなし", "emergency_gaps", "どの緊急時の短期入所も受け入れていない人"),
    ("最後の検証・検討", "last_review", "運用状況の検証及び検討の最後の日（YYYY-MM-DD。年度だけのときは4月1日）"),
    ("最後の検証・検討（和暦）", "last_review_wareki", "資料に書かれた日（令和5年度など。精度がわかります）"),
    ("検証・検討が途切れている", "review_overdue", "1 = 整備済で、最終確認日の年度とその前の年度に記録がない"),
    (
        "取組_未完了",
        "actions_open",
        "検証・検討で決めた取組（アクション）のうち、完了していないものの数（未着手・進行中・未確認）",
    ),
    ("取組_期限超過", "actions_overdue", "そのうち期限を過ぎたものの数"),
    ("取組_完了", "actions_done", "完了した取組の数"),
    ("ロードマップ_完了", "roadmap_done", "ロードマップの段階のうち完了したものの数"),
    ("ロードマップ_状況記録", "roadmap_tracked", "ロードマップの段階のうち、状況が記録されているものの数"),
    (
        "ロードマップ_期限超過",
        "roadmap_overdue",
        "ロードマップの段階のうち、未着手・進行中と記録されたまま期間を過ぎたものの数",
    ),
    ("最終確認日", "last_verified", "データを最後に確かめた日（YYYY-MM-DD。年・年度だけのときはその最初の日）"),
    ("最終確認日（和暦）", "last_verified_wareki", "資料に書かれた最終確認日（精度がわかります）"),
    ("サンプル", "sample", "1 = この行の値の一部は、説明用の架空のデータ（サンプル）を含む記録から計算しています"),
];

/// compare.csv: every municipality's row, or (Some) one prefecture's (index into
/// `Compare::prefectures`, the order of the plan's prefectures).
pub fn compare_csv(d: &Derived, which: Option<usize>) -> Vec<u8> {
    // The two <機能> columns stand for six pairs, one per function.
    let at = COMPARE_COLUMNS.iter().position(|c| c.1 == "<function>").unwrap_or(COMPARE_COLUMNS.len());
    let mut header: Vec<String> = COMPARE_COLUMNS[..at].iter().map(|c| c.0.to_string()).collect();
    for f in crate::model::vocab::FUNCTIONS {
        header.push(f.label.to_string());
        header.push(format!("{}_事業所数", f.label));
    }
    header.extend(COMPARE_COLUMNS[(at + 2).min(COMPARE_COLUMNS.len())..].iter().map(|c| c.0.to_string()));
    let join = |t: &[&'static crate::model::vocab::Term]| t.iter().map(|x| x.label).collect::<Vec<_>>().join("・");
    let selected: Vec<&crate::derive::compare::Row> = match which {
        None => d.compare.rows.iter().collect(),
        Some(i) => d.compare.prefectures[i].rows.iter().map(|&k| &d.compare.rows[k]).collect(),
    };
    let rows = selected
        .into_iter()
        .map(|r| {
            let mut row = vec![
                r.code.clone(),
                r.name.clone(),
                r.pref_name.clone(),
                r.status.label.to_string(),
                r.target.map(|x| x.start_iso()).unwrap_or_default(),
                r.target.map(|x| x.wareki()).unwrap_or_default(),
                (r.target_passed as u8).to_string(),
                r.joint.as_ref().map(|j| j.name.clone()).unwrap_or_default(),
                r.joint.as_ref().map(|j| j.lead.code.clone()).unwrap_or_default(),
                r.kind.map(|t| t.label.to_string()).unwrap_or_default(),
                r.coordinator.map(|c| (c as u8).to_string()).unwrap_or_default(),
                r.coordinator_count.map(|n| n.to_string()).unwrap_or_default(),
                r.coordinator_funding.map(|t| t.label.to_string()).unwrap_or_default(),
                r.coordinator_24h.map(|c| (c as u8).to_string()).unwrap_or_default(),
                match r.around_clock {
                    AroundClock::Line | AroundClock::Combined => "1",
                    AroundClock::Gaps => "0",
                    AroundClock::Unknown | AroundClock::None => "",
                }
                .to_string(),
            ];
            for c in &r.functions {
                row.push((c.covered as u8).to_string());
                row.push(c.providers.to_string());
            }
            row.push(join(&r.emergency_accepts));
            row.push(join(&r.emergency_gaps));
            row.push(r.last_review.map(|x| x.start_iso()).unwrap_or_default());
            row.push(r.last_review.map(|x| x.wareki()).unwrap_or_default());
            row.push((r.review_overdue as u8).to_string());
            for n in [
                r.actions_open,
                r.actions_overdue,
                r.actions_done,
                r.roadmap_done,
                r.roadmap_tracked,
                r.roadmap_overdue,
            ] {
                row.push(n.to_string());
            }
            row.push(r.last_verified.start_iso());
            row.push(r.last_verified.wareki());
            row.push((r.any_sample() as u8).to_string());
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
