//! Read the open-data CSV of 障害福祉サービス等情報公表システム (WAM NET): 29
//! columns, UTF-8 with BOM or Shift_JIS (CP932). Every row is either turned into a
//! provider record placed in a municipality, or reported with its line number.

use crate::model::gazetteer::{Entry, Gazetteer};

/// The 29 columns, in order.
pub const COLUMNS: [&str; 29] = [
    "都道府県コード又は市区町村コード",
    "NO（※システム内の固有の番号、連番）",
    "指定機関名",
    "法人の名称",
    "法人の名称_かな",
    "法人番号",
    "法人住所（市区町村）",
    "法人住所（番地以降）",
    "法人電話番号",
    "法人FAX番号",
    "法人URL",
    "サービス種別",
    "事業所の名称",
    "事業所の名称_かな",
    "事業所番号",
    "事業所住所（市区町村）",
    "事業所住所（番地以降）",
    "事業所電話番号",
    "事業所FAX番号",
    "事業所URL",
    "事業所緯度",
    "事業所経度",
    "利用可能な時間帯（平日）",
    "利用可能な時間帯（土曜）",
    "利用可能な時間帯（日曜）",
    "利用可能な時間帯（祝日）",
    "定休日",
    "利用可能曜日特記事項（留意事項）",
    "定員",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    ShiftJis,
}

/// The text of the file and which encoding it was in. UTF-8 (with or without a
/// BOM) when the bytes are valid UTF-8, else Shift_JIS (CP932) when they decode
/// without error; otherwise an error.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), String> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(body) {
        return Ok((text.to_string(), Encoding::Utf8));
    }
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(body);
    if had_errors {
        return Err("the file is neither UTF-8 nor Shift_JIS (CP932); save it as UTF-8 with BOM or as Shift_JIS".into());
    }
    Ok((text.into_owned(), Encoding::ShiftJis))
}

/// WAM's サービス種別 → kyoten's service id (None: a kind kyoten does not list).
pub fn service_id(kind: &str) -> Option<&'static str> {
    let k = kind.trim();
    let id = match k {
        "短期入所" | "短期入所（福祉型）" | "福祉型短期入所" => "short_stay",
        "医療型短期入所" | "短期入所（医療型）" => "medical_short_stay",
        "共同生活援助"
        | "共同生活援助（介護サービス包括型）"
        | "共同生活援助（外部サービス利用型）"
        | "共同生活援助（日中サービス支援型）" => "group_home",
        "計画相談支援" | "特定相談支援" => "specific_consultation",
        "障害児相談支援" => "child_consultation",
        "地域移行支援" => "community_transition",
        "地域定着支援" => "community_settlement",
        "自立生活援助" => "independent_living",
        "居宅介護" | "重度訪問介護" | "同行援護" | "行動援護" | "重度障害者等包括支援" => {
            "home_visit"
        }
        "施設入所支援" => "residential_facility",
        _ if k.starts_with("生活介護")
            || k.starts_with("就労")
            || k.starts_with("自立訓練")
            || k.starts_with("療養介護") =>
        {
            "day_activity"
        }
        _ if k.starts_with("共同生活援助") => "group_home",
        _ => return None,
    };
    Some(id)
}

/// The municipality an address's 市区町村 part names ("千葉県白井市", "神奈川県横浜市鶴見区"):
/// the longest prefecture + name that starts it; a ward gives its city.
pub fn place<'g>(g: &'g Gazetteer, address: &str) -> Option<&'g Entry> {
    let address: String = address.split_whitespace().collect();
    let best = g
        .entries
        .values()
        .filter(|e| address.starts_with(&format!("{}{}", e.pref_name, e.name)))
        .max_by_key(|e| e.name.len())?;
    match &best.parent_code {
        Some(city) => g.get(city),
        None => Some(best),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_encodings_decode_to_the_same_text() {
        let text = "事業所の名称,短期入所\r\nしろい,千葉県白井市\r\n";
        let (utf8, e1) = decode(&[b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).unwrap();
        let (sjis_bytes, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        let (sjis, e2) = decode(&sjis_bytes).unwrap();
        assert_eq!((utf8.as_str(), e1), (text, Encoding::Utf8));
        assert_eq!((sjis.as_str(), e2), (text, Encoding::ShiftJis));
        assert!(decode(&[0x82, 0xff, 0xff]).is_err());
    }

    #[test]
    fn addresses_are_placed_by_their_municipality() {
        let g = Gazetteer::embedded();
        assert_eq!(place(&g, "千葉県白井市").map(|e| e.code.as_str()), Some("122327"));
        assert_eq!(place(&g, "神奈川県横浜市鶴見区").map(|e| e.code.as_str()), Some("141003"));
        assert_eq!(place(&g, "東京都府中市").map(|e| e.code.as_str()), Some("132063"));
        assert_eq!(place(&g, "広島県府中市").map(|e| e.code.as_str()), Some("342084"));
        assert!(place(&g, "どこか").is_none());
    }

    #[test]
    fn service_kinds_map_to_the_vocabulary() {
        assert_eq!(service_id("短期入所"), Some("short_stay"));
        assert_eq!(service_id("医療型短期入所"), Some("medical_short_stay"));
        assert_eq!(service_id("短期入所（医療型）"), Some("medical_short_stay"));
        assert_eq!(service_id("就労継続支援Ｂ型"), Some("day_activity"));
        assert_eq!(service_id("共同生活援助（介護サービス包括型）"), Some("group_home"));
        assert_eq!(service_id("放課後等デイサービス"), None);
        for id in ["short_stay", "medical_short_stay", "group_home", "day_activity", "home_visit"] {
            assert!(crate::model::vocab::SERVICE.get(id).is_some());
        }
    }
}

/// What an import did, and every row it could not use (with its line).
#[derive(Debug, Default)]
pub struct Report {
    pub encoding: Option<Encoding>,
    pub rows: usize,
    pub added: usize,
    pub updated: usize,
    pub other_municipalities: usize,
    pub problems: Vec<String>,
    pub written: Vec<std::path::PathBuf>,
}

/// One provider gathered from its rows (WAM lists one row per service kind).
#[derive(Debug, Default)]
struct Imported {
    name: String,
    corporation: String,
    services: Vec<&'static str>,
    address: String,
    location: Option<(f64, f64)>,
    phone: String,
    url: String,
    hours: String,
    kana: String,
    corporate_number: String,
    fax: String,
    capacity: String,
}

fn col(rec: &csv::StringRecord, name: &str) -> String {
    let i = COLUMNS.iter().position(|c| *c == name).expect("known column");
    rec.get(i).unwrap_or("").trim().to_string()
}

fn hours(rec: &csv::StringRecord) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (label, column) in [
        ("平日", "利用可能な時間帯（平日）"),
        ("土曜", "利用可能な時間帯（土曜）"),
        ("日曜", "利用可能な時間帯（日曜）"),
        ("祝日", "利用可能な時間帯（祝日）"),
    ] {
        let v = col(rec, column);
        if !v.is_empty() {
            parts.push(format!("{label} {v}"));
        }
    }
    let closed = col(rec, "定休日");
    let mut text = parts.join("、");
    if !closed.is_empty() {
        text.push_str(&format!("（定休日：{closed}）"));
    }
    text
}

/// Largest CSV read (the national file of one service kind is tens of MB).
pub const MAX_CSV_BYTES: u64 = 1024 * 1024 * 1024;

/// Providers gathered from the CSV rows, by (municipality code, 事業所番号).
#[derive(Debug, Default)]
pub struct Gathered(std::collections::BTreeMap<(String, String), Imported>);

/// Read `csv` and merge its providers in `codes` into `data/municipalities/<code>.yaml`
/// under `data_dir`. Imported fields are updated; fields staff added (functions,
/// accepts, description, id, …) are kept. Only the `providers:` block is rewritten.
pub fn import(csv_path: &std::path::Path, codes: &[String], data_dir: &std::path::Path) -> Result<Report, String> {
    let g = Gazetteer::embedded();
    let shown = csv_path.display().to_string();
    let bytes = crate::source::read_limited(csv_path, MAX_CSV_BYTES).map_err(|e| match e {
        crate::source::ReadError::TooLarge(n) => {
            format!("{shown}: {n} bytes or more, more than the {MAX_CSV_BYTES} read")
        }
        crate::source::ReadError::Io(e) => format!("{shown}: {e}"),
    })?;
    let (text, encoding) = decode(&bytes).map_err(|e| format!("{shown}: {e}"))?;
    let mut report = Report { encoding: Some(encoding), ..Report::default() };
    let gathered = gather(&text, &shown, codes, &g, &mut report)?;
    for code in codes {
        let path = data_dir.join("municipalities").join(format!("{code}.yaml"));
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e} (make the site with `kyoten new` first)", path.display()))?;
        let updated = merge_text(&text, &path.display().to_string(), code, &gathered, &mut report)?;
        let tmp = path.with_extension("yaml.import-tmp");
        std::fs::write(&tmp, updated).map_err(|e| format!("{}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", path.display()))?;
        report.written.push(path);
    }
    Ok(report)
}

/// Every usable row of the CSV `text` placed in one of `codes`; the others are
/// counted or reported (with their line) in `report`.
pub fn gather(
    text: &str,
    shown: &str,
    codes: &[String],
    g: &Gazetteer,
    report: &mut Report,
) -> Result<Gathered, String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = records.next().ok_or(format!("{shown}: the file is empty"))?.map_err(|e| format!("{shown}: {e}"))?;
    if header.len() != COLUMNS.len() || header.get(14).map(str::trim) != Some(COLUMNS[14]) {
        return Err(format!(
            "{shown}:1: the header is not the 29 columns of the 情報公表システム open data (found {} columns)",
            header.len()
        ));
    }
    let mut gathered = Gathered::default();
    for record in records {
        let rec = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(text, p.byte() as usize));
                report.problems.push(format!("{shown}:{line}: cannot read the row: {e}"));
                continue;
            }
        };
        report.rows += 1;
        let line = rec.position().map_or(0, |p| line_at(text, p.byte() as usize));
        if rec.len() != COLUMNS.len() {
            report.problems.push(format!("{shown}:{line}: {} columns instead of 29; row skipped", rec.len()));
            continue;
        }
        let number = col(&rec, "事業所番号");
        if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
            report.problems.push(format!("{shown}:{line}: 事業所番号 \"{number}\" is not a number; row skipped"));
            continue;
        }
        let city = col(&rec, "事業所住所（市区町村）");
        let Some(place) = place(g, &city) else {
            report.problems.push(format!(
                "{shown}:{line}: cannot place 事業所住所（市区町村）\"{city}\" in any municipality; row skipped"
            ));
            continue;
        };
        if !codes.contains(&place.code) {
            report.other_municipalities += 1;
            continue;
        }
        let kind = col(&rec, "サービス種別");
        let Some(service) = service_id(&kind) else {
            report
                .problems
                .push(format!("{shown}:{line}: サービス種別 \"{kind}\" has no kyoten service kind; row skipped"));
            continue;
        };
        let entry = gathered.0.entry((place.code.clone(), number)).or_default();
        if !entry.services.contains(&service) {
            entry.services.push(service);
        }
        entry.name = col(&rec, "事業所の名称");
        entry.corporation = col(&rec, "法人の名称");
        entry.address = format!("{city}{}", col(&rec, "事業所住所（番地以降）"));
        entry.phone = col(&rec, "事業所電話番号");
        entry.url = col(&rec, "事業所URL");
        entry.hours = hours(&rec);
        entry.kana = col(&rec, "事業所の名称_かな");
        entry.corporate_number = col(&rec, "法人番号");
        entry.fax = col(&rec, "事業所FAX番号");
        entry.capacity = col(&rec, "定員");
        let (lat, lon) = (col(&rec, "事業所緯度").parse::<f64>(), col(&rec, "事業所経度").parse::<f64>());
        entry.location = match (lat, lon) {
            (Ok(lat), Ok(lon)) if (20.0..=46.0).contains(&lat) && (122.0..=154.0).contains(&lon) => Some((lat, lon)),
            _ => None,
        };
    }
    Ok(gathered)
}

/// The municipality file `text` (shown as `shown`) with the gathered providers of
/// `code` merged into its `providers:` block.
pub fn merge_text(
    text: &str,
    shown: &str,
    code: &str,
    gathered: &Gathered,
    report: &mut Report,
) -> Result<String, String> {
    let doc: serde_json::Value =
        serde_saphyr::from_str(text).map_err(|e| format!("{shown}: {e} (fix it with `kyoten check`)"))?;
    let mut providers: Vec<serde_json::Value> =
        doc.get("providers").and_then(|p| p.as_array()).cloned().unwrap_or_default();
    for ((_, number), p) in gathered.0.iter().filter(|((c, _), _)| c == code) {
        let existing =
            providers.iter_mut().find(|v| v.get("wam_number").and_then(|n| n.as_str()) == Some(number.as_str()));
        let is_new = existing.is_none();
        let mut fresh = serde_json::json!({ "id": format!("wam-{number}"), "wam_number": number, "functions": [] });
        let target = match existing {
            Some(v) => v,
            None => &mut fresh,
        };
        let before = target.clone();
        merge(target, p);
        if is_new {
            providers.push(fresh);
            report.added += 1;
        } else if *target != before {
            report.updated += 1;
        }
    }
    let mut block = String::from("providers:");
    if providers.is_empty() {
        block.push_str(" []\n");
    } else {
        block.push('\n');
        super::yaml_out::block(&serde_json::Value::Array(providers), 2, &mut block);
    }
    Ok(super::yaml_out::replace_block(text, "providers", &block))
}

/// 1-based line where a record starting at `byte` begins (csv's own line count,
/// and its start offset, sit on the line break before the record with CRLF endings).
fn line_at(text: &str, byte: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = byte.min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    bytes[..at].iter().filter(|b| **b == b'\n').count() + 1
}

/// Put the imported fields into a provider record, keeping every other field.
fn merge(target: &mut serde_json::Value, p: &Imported) {
    let Some(map) = target.as_object_mut() else { return };
    let mut set = |k: &str, v: &str| {
        if v.is_empty() {
            map.remove(k);
        } else {
            map.insert(k.to_string(), serde_json::Value::String(v.to_string()));
        }
    };
    set("name", &p.name);
    set("corporation", &p.corporation);
    set("address", &p.address);
    set("phone", &p.phone);
    set("hours", &p.hours);
    set("kana", &crate::model::jiscode::katakana(&p.kana));
    // Only what the checker accepts: a 法人番号 with its check digit, a 定員 that is a number.
    let number = if crate::model::jiscode::corporate_number_problem(&p.corporate_number).is_none() {
        p.corporate_number.as_str()
    } else {
        ""
    };
    set("corporate_number", number);
    set("fax", &p.fax);
    let url = if p.url.starts_with("http://") || p.url.starts_with("https://") { p.url.as_str() } else { "" };
    set("url", url);
    match p.capacity.parse::<u32>() {
        Ok(n) => {
            map.insert("capacity".into(), serde_json::json!(n));
        }
        Err(_) => {
            map.remove("capacity");
        }
    }
    match p.location {
        Some((lat, lon)) => {
            map.insert("location".into(), serde_json::json!({ "lat": lat, "lon": lon }));
        }
        None => {
            map.remove("location");
        }
    }
    // Services: the imported kinds, plus any staff added by hand.
    let mut services: Vec<serde_json::Value> = p.services.iter().map(|s| serde_json::json!(s)).collect();
    for s in map.get("services").and_then(|s| s.as_array()).cloned().unwrap_or_default() {
        if !services.contains(&s) {
            services.push(s);
        }
    }
    map.insert("services".into(), serde_json::Value::Array(services));
}
