//! kyoten's own search index: character bigrams over the folded text of each
//! record, split into small gzip'd shards so that a query fetches only the keys it
//! needs. The browser side is `themes/default/static/search.js`; both follow the
//! format described here, and `tests/search_index.rs` reads it back.
//!
//! Files under `search-index/`:
//! - `index.json`: `{v, docs, shards, chunk, kinds: [[kind, first, end]], filters}`;
//! - `s/<n>.bin`: shard n (gzip) of entries `keylen u8, key, type u8, count varint,
//!   paylen varint, payload`; type 0 = ids as varint gaps, 1 = bitmap
//!   (`first byte varint`, then bytes, bit i of byte j = doc 8·(first+j)+i),
//!   2 = the payload is in `x/<n>-<k>.bin` (gzip of `type u8, payload`, k counts the
//!   shard's external entries from 0);
//! - `m/<c>.bin`: gzip JSON `[[url, title, place, excerpt], …]` for docs
//!   `c·chunk .. (c+1)·chunk`;
//! - `f/<p>.json`: `[[code, name, count], …]`, municipalities of prefecture value p.
//!
//! Keys: `b` + bigram of any text, `t` + bigram of the key fields (title, readings,
//! place, labels), `u` + one character of the key fields, `c` + one kanji of any
//! text, `f<filter>=<value>`.
//! A key's shard is FNV-1a (32 bit) of its UTF-8 bytes after the tag, modulo `shards`.

use crate::output::search::{Record, Synonyms, fold, indexed_text, katakana};
use crate::output::write::OutputFile;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

pub const DIR: &str = "search-index/";
/// Docs per metadata chunk.
const CHUNK: usize = 32;
/// Postings larger than this go to a file of their own, so a shard stays small.
const EXTERNAL_BYTES: usize = 1024;
/// Aim for shards of about this many payload bytes before gzip.
const SHARD_BYTES: usize = 6 * 1024;
/// One key's posting, encoded: (key, count, type, payload).
type Encoded = (String, u32, u8, Vec<u8>);

/// Order of the kinds (the result groups).
pub use crate::model::vocab::SEARCH_KINDS as KINDS;

/// What the index folds before splitting: `search::fold`, then ひらがな → カタカナ.
pub fn key_fold(s: &str) -> String {
    katakana(&fold(s))
}

/// Characters that belong to words; everything else separates segments.
/// (JS: `/[\p{Alphabetic}\p{N}]/u`.) Kana and kanji are answered without the
/// Unicode tables.
pub fn is_word(c: char) -> bool {
    crate::output::search::is_kana_or_kanji(c) || c.is_alphanumeric()
}

/// Runs of word characters of already folded text.
pub fn segments(folded: &str) -> impl Iterator<Item = Vec<char>> + '_ {
    folded.split(|c: char| !is_word(c)).filter(|s| !s.is_empty()).map(|s| s.chars().collect())
}

/// CJK unified ideographs (the kanji a one-character query can be).
pub fn is_kanji(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// A key packed into an integer while building: tag in the top byte, then two chars.
fn pack(tag: u8, a: char, b: char) -> u64 {
    ((tag as u64) << 56) | ((a as u64) << 28) | b as u64
}

/// Hashes the packed keys of the postings table. The standard SipHash, made to
/// withstand keys chosen by an attacker, was most of the postings step (some ten
/// million look-ups nationwide); these keys come from the site's own text, so a
/// mixing function (SplitMix64's finaliser) does.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(self.0 ^ u64::from(*b));
        }
    }

    fn write_u64(&mut self, k: u64) {
        let mut z = k.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        self.0 = z ^ (z >> 31);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Postings = HashMap<u64, Vec<u32>, std::hash::BuildHasherDefault<KeyHasher>>;

fn unpack(k: u64) -> String {
    let tag = (k >> 56) as u8 as char;
    let a = char::from_u32(((k >> 28) & 0x0fff_ffff) as u32).unwrap_or('\u{fffd}');
    let b = (k & 0x0fff_ffff) as u32;
    let mut s = String::new();
    s.push(tag);
    s.push(a);
    if b != 0 {
        s.extend(char::from_u32(b));
    }
    s
}

/// Each pair of neighbouring word characters of `text` (the bigrams of its segments).
fn bigrams(text: &str, mut f: impl FnMut(char, char)) {
    let mut prev = None;
    for c in text.chars() {
        if is_word(c) {
            if let Some(p) = prev {
                f(p, c);
            }
            prev = Some(c);
        } else {
            prev = None;
        }
    }
}

/// The packed keys of one record, sorted and unique.
fn keys_of(text: &str, key_text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 2);
    bigrams(text, |a, b| out.push(pack(b'b', a, b)));
    bigrams(key_text, |a, b| out.push(pack(b't', a, b)));
    out.extend(key_text.chars().filter(|c| is_word(*c)).map(|c| pack(b'u', c, '\0')));
    // Each kanji of the whole text on its own, so that a one-kanji query (夜) finds
    // 夜間 in a body; kana alone would match nearly every page.
    out.extend(text.chars().chain(key_text.chars()).filter(|c| is_kanji(*c)).map(|c| pack(b'c', c, '\0')));
    out.sort_unstable();
    out.dedup();
    out
}

pub fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= *b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// The smaller of the gap list and the bitmap: (type, payload).
pub fn encode_posting(ids: &[u32]) -> (u8, Vec<u8>) {
    let mut list = Vec::with_capacity(ids.len() * 2);
    let mut prev: i64 = -1;
    for &id in ids {
        varint(&mut list, (id as i64 - prev - 1) as u64);
        prev = id as i64;
    }
    let (Some(&first), Some(&last)) = (ids.first(), ids.last()) else { return (0, list) };
    let (lo, hi) = (first as usize / 8, last as usize / 8);
    if hi - lo + 1 + 3 >= list.len() {
        return (0, list);
    }
    let mut bitmap = Vec::with_capacity(hi - lo + 4);
    varint(&mut bitmap, lo as u64);
    let start = bitmap.len();
    bitmap.resize(start + hi - lo + 1, 0);
    for &id in ids {
        let id = id as usize;
        bitmap[start + id / 8 - lo] |= 1 << (id % 8);
    }
    (1, bitmap)
}

/// Reads a posting back (for tests and tools).
pub fn decode_posting(kind: u8, payload: &[u8]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut pos = 0;
    let read = |pos: &mut usize| {
        let (mut v, mut shift) = (0u64, 0);
        while *pos < payload.len() {
            let b = payload[*pos];
            *pos += 1;
            v |= ((b & 0x7f) as u64) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                break;
            }
        }
        v
    };
    if kind == 1 {
        let lo = read(&mut pos) as usize;
        for (j, byte) in payload[pos..].iter().enumerate() {
            for i in 0..8 {
                if byte & (1 << i) != 0 {
                    out.push(((lo + j) * 8 + i) as u32);
                }
            }
        }
    } else {
        let mut prev: i64 = -1;
        while pos < payload.len() {
            prev += read(&mut pos) as i64 + 1;
            out.push(prev as u32);
        }
    }
    out
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 3 + 32), flate2::Compression::new(6));
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// The text of a record's key fields: title, readings, place, labels.
fn key_text(r: &Record) -> String {
    let mut s = r.title.clone();
    for reading in &r.readings {
        s.push('\n');
        s.push_str(reading);
    }
    s.push('\n');
    s.push_str(&r.place);
    for k in ["function", "service"] {
        for v in r.filters.get(k).into_iter().flatten() {
            s.push('\n');
            s.push_str(v);
        }
    }
    key_fold(&s)
}

/// Build every file of the index from the records (in any order: they are grouped
/// by kind here, keeping their order within a kind).
pub fn build(
    mut records: Vec<Record>,
    synonyms: &Synonyms,
    municipality_names: &HashMap<String, String>,
) -> Vec<OutputFile> {
    records.sort_by_key(|r| KINDS.iter().position(|k| *k == r.kind).unwrap_or(KINDS.len()));
    let n = records.len();

    // Keys of each record. Sequential on purpose: a build runs the index on a
    // thread of its own beside the pages rendering on every core; taking rayon's
    // workers too would only delay the index to the end of the render and leave its
    // sequential steps (postings, shards) as a tail with one core idle.
    let groups = synonyms.folded();

    // Postings: key → ids (ids ascend because docs are visited in order). Each
    // record's keys are posted as soon as they are made and its text dropped then:
    // the keys of all records at once (eight bytes per key and record) were the
    // largest thing the index held.
    let (mut postings, mut filters) = crate::timing::stage("index keys and postings", || {
        let mut postings = Postings::with_capacity_and_hasher(n * 8, Default::default());
        for (id, r) in records.iter_mut().enumerate() {
            for k in keys_of(&katakana(&indexed_text(r, &groups)), &key_text(r)) {
                postings.entry(k).or_default().push(id as u32);
            }
            r.text = String::new();
        }
        let mut filters: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (id, r) in records.iter().enumerate() {
            for (name, values) in &r.filters {
                for v in values {
                    let ids = filters.entry(format!("f{name}={v}")).or_default();
                    if ids.last() != Some(&(id as u32)) {
                        ids.push(id as u32);
                    }
                }
            }
        }
        (postings, filters)
    });

    // Encode every key; decide the shard count from the inline bytes.
    let mut keyed: Vec<(String, Vec<u32>)> = postings.drain().map(|(k, ids)| (unpack(k), ids)).collect();
    keyed.extend(std::mem::take(&mut filters));
    let encoded: Vec<Encoded> = crate::timing::stage("encode", || {
        keyed
            .into_iter()
            .map(|(key, ids)| {
                let (kind, payload) = encode_posting(&ids);
                (key, ids.len() as u32, kind, payload)
            })
            .collect()
    });
    let inline: usize = encoded.iter().map(|e| e.0.len() + 4 + e.3.len().min(EXTERNAL_BYTES)).sum();
    let shards = (inline / SHARD_BYTES).max(1).next_power_of_two().min(1 << 16);
    let mut by_shard: Vec<Vec<Encoded>> = (0..shards).map(|_| Vec::new()).collect();
    for e in encoded {
        // The tag is one ASCII byte; b and t keys of one bigram share a shard.
        let s = fnv1a(&e.0.as_bytes()[1..]) as usize % shards;
        by_shard[s].push(e);
    }

    let mut files: Vec<OutputFile> = crate::timing::stage("shards", || {
        by_shard
            .into_iter()
            .enumerate()
            .flat_map(|(s, mut entries)| {
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                let mut shard = Vec::new();
                let mut files = Vec::new();
                for (key, count, kind, payload) in entries {
                    let kb = key.as_bytes();
                    shard.push(kb.len().min(255) as u8);
                    shard.extend_from_slice(&kb[..kb.len().min(255)]);
                    if payload.len() > EXTERNAL_BYTES {
                        shard.push(2);
                        varint(&mut shard, count as u64);
                        varint(&mut shard, 0);
                        let mut ext = Vec::with_capacity(payload.len() + 1);
                        ext.push(kind);
                        ext.extend_from_slice(&payload);
                        let k = files.len();
                        files.push(OutputFile { path: format!("{DIR}x/{s}-{k}.bin"), bytes: gzip(&ext) });
                    } else {
                        shard.push(kind);
                        varint(&mut shard, count as u64);
                        varint(&mut shard, payload.len() as u64);
                        shard.extend_from_slice(&payload);
                    }
                }
                files.push(OutputFile { path: format!("{DIR}s/{s}.bin"), bytes: gzip(&shard) });
                files
            })
            .collect()
    });

    // Result metadata in chunks.
    files.extend(crate::timing::stage("meta", || {
        records
            .chunks(CHUNK)
            .enumerate()
            .map(|(c, docs)| {
                let rows: Vec<[&str; 4]> = docs
                    .iter()
                    .map(|r| [r.url.as_str(), r.title.as_str(), r.place.as_str(), r.excerpt.as_str()])
                    .collect();
                let json = serde_json::to_vec(&rows).unwrap_or_default();
                OutputFile { path: format!("{DIR}m/{c}.bin"), bytes: gzip(&json) }
            })
            .collect::<Vec<_>>()
    }));

    // Filter values: small ones in the manifest, municipalities per prefecture.
    let mut values: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut munis: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for r in &records {
        for (name, vs) in &r.filters {
            for v in vs {
                if name == "municipality" {
                    let pref = r.filters.get("prefecture").and_then(|p| p.first()).map(String::as_str).unwrap_or("");
                    *munis.entry(pref).or_default().entry(v).or_default() += 1;
                } else {
                    *values.entry(name).or_default().entry(v).or_default() += 1;
                }
            }
        }
    }
    let prefs: Vec<&str> = values.get("prefecture").map(|m| m.keys().copied().collect()).unwrap_or_default();
    for (p, pref) in prefs.iter().enumerate() {
        let rows: Vec<(&str, &str, usize)> = munis
            .get(pref)
            .into_iter()
            .flatten()
            .map(|(code, count)| (*code, municipality_names.get(*code).map(String::as_str).unwrap_or(code), *count))
            .collect();
        files.push(OutputFile {
            path: format!("{DIR}f/{p}.json"),
            bytes: serde_json::to_vec(&rows).unwrap_or_default(),
        });
    }
    let mut kinds = Vec::new();
    for kind in KINDS {
        let first = records.iter().position(|r| r.kind == kind);
        if let Some(first) = first {
            let end = first + records[first..].iter().take_while(|r| r.kind == kind).count();
            kinds.push(serde_json::json!([kind, first, end]));
        }
    }
    let filter_values: BTreeMap<&str, Vec<(&str, usize)>> =
        values.iter().map(|(k, m)| (*k, m.iter().map(|(v, c)| (*v, *c)).collect())).collect();
    let manifest = serde_json::json!({
        "v": 1,
        "docs": n,
        "shards": shards,
        "chunk": CHUNK,
        "kinds": kinds,
        "filters": filter_values,
    });
    files.push(OutputFile { path: format!("{DIR}index.json"), bytes: manifest.to_string().into_bytes() });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip_in_both_encodings() {
        let sparse = vec![3, 700, 70_000];
        let dense: Vec<u32> = (1000..5000).filter(|i| i % 3 != 0).collect();
        for ids in [sparse, dense, vec![0], vec![]] {
            let (kind, payload) = encode_posting(&ids);
            assert_eq!(decode_posting(kind, &payload), ids);
        }
        assert_eq!(encode_posting(&(0..4000).collect::<Vec<_>>()).0, 1, "dense lists become bitmaps");
        assert_eq!(encode_posting(&[5, 90_000]).0, 0, "sparse lists stay lists");
    }

    #[test]
    fn keys_are_bigrams_of_folded_words() {
        let text = key_fold("ｼｮｰﾄｽﾃｲ・しろいし");
        assert_eq!(text, "ショートステイ・シロイシ");
        let segs: Vec<String> = segments(&text).map(|s| s.into_iter().collect()).collect();
        assert_eq!(segs, ["ショートステイ", "シロイシ"]);
        let keys: Vec<String> = keys_of(&text, "白井").into_iter().map(unpack).collect();
        assert!(keys.contains(&"bショ".to_string()) && keys.contains(&"bート".to_string()));
        assert!(keys.contains(&"bイシ".to_string()) && !keys.iter().any(|k| k.contains('・')));
        assert!(keys.contains(&"t白井".to_string()) && keys.contains(&"u白".to_string()));
    }
}
