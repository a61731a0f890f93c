//! Read the open-data CSV of 障害福祉サービス等情報公表システム (WAM NET): 29
//! columns, UTF-8 with BOM or Shift_JIS (CP932). Every row is either turned into a
//! provider record placed in a municipality, or reported with its line number.

use crate::gazetteer::{Entry, Gazetteer};

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
        "短期入所" => "short_stay",
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
        assert_eq!(service_id("就労継続支援Ｂ型"), Some("day_activity"));
        assert_eq!(service_id("共同生活援助（介護サービス包括型）"), Some("group_home"));
        assert_eq!(service_id("放課後等デイサービス"), None);
        for id in ["short_stay", "group_home", "day_activity", "home_visit"] {
            assert!(crate::vocab::SERVICE.get(id).is_some());
        }
    }
}
