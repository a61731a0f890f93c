//! The search index read back the way search.js reads it: manifest, shards chosen by
//! FNV-1a of the key, external postings, metadata chunks. Queries on the example site
//! find the pages a person expects, filters narrow them, and nothing else matches.

use kyoten::output::search_index::{DIR, decode_posting, fnv1a, key_fold, segments};
use serde_json::Value;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

struct Index {
    files: HashMap<String, Vec<u8>>,
    manifest: Value,
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).expect("gzip");
    out
}

fn varint(b: &[u8], pos: &mut usize) -> usize {
    let (mut v, mut shift) = (0usize, 0);
    loop {
        let x = b[*pos];
        *pos += 1;
        v |= ((x & 0x7f) as usize) << shift;
        shift += 7;
        if x & 0x80 == 0 {
            return v;
        }
    }
}

impl Index {
    fn example() -> Index {
        let (files, _) = kyoten::build_files(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("example site builds");
        let files: HashMap<String, Vec<u8>> = files
            .into_iter()
            .filter(|f| f.path.starts_with(DIR))
            .map(|f| (f.path[DIR.len()..].to_string(), f.bytes))
            .collect();
        let manifest = serde_json::from_slice(&files["index.json"]).unwrap();
        Index { files, manifest }
    }

    fn posting(&self, key: &str) -> Vec<u32> {
        let shards = self.manifest["shards"].as_u64().unwrap() as u32;
        let n = fnv1a(&key.as_bytes()[1..]) % shards;
        let shard = gunzip(&self.files[&format!("s/{n}.bin")]);
        let (mut pos, mut external) = (0, 0);
        while pos < shard.len() {
            let kl = shard[pos] as usize;
            let k = std::str::from_utf8(&shard[pos + 1..pos + 1 + kl]).unwrap();
            pos += 1 + kl;
            let kind = shard[pos];
            pos += 1;
            let count = varint(&shard, &mut pos);
            let len = varint(&shard, &mut pos);
            let payload = &shard[pos..pos + len];
            pos += len;
            if k == key {
                let ids = if kind == 2 {
                    let ext = gunzip(&self.files[&format!("x/{n}-{external}.bin")]);
                    decode_posting(ext[0], &ext[1..])
                } else {
                    decode_posting(kind, payload)
                };
                assert_eq!(ids.len(), count, "{key}: count");
                return ids;
            }
            external += usize::from(kind == 2);
        }
        Vec::new()
    }

    /// Urls of the docs holding every word of `q` (bigrams, or one title character).
    fn search(&self, q: &str, filters: &[(&str, &str)]) -> Vec<String> {
        let folded = key_fold(q);
        let mut sets: Vec<Vec<u32>> = Vec::new();
        for word in segments(&folded) {
            if word.len() == 1 {
                // A kanji is indexed on its own in every text, anything else in titles.
                let tag = if kyoten::output::search_index::is_kanji(word[0]) { 'c' } else { 'u' };
                sets.push(self.posting(&format!("{tag}{}", word[0])));
            }
            for w in word.windows(2) {
                sets.push(self.posting(&format!("b{}{}", w[0], w[1])));
            }
        }
        for (k, v) in filters {
            sets.push(self.posting(&format!("f{k}={v}")));
        }
        let Some(mut ids) = sets.pop() else { return Vec::new() };
        for s in sets {
            ids.retain(|id| s.binary_search(id).is_ok());
        }
        ids.into_iter().map(|id| self.url(id)).collect()
    }

    fn url(&self, id: u32) -> String {
        let chunk = self.manifest["chunk"].as_u64().unwrap() as u32;
        let rows: Value = serde_json::from_slice(&gunzip(&self.files[&format!("m/{}.bin", id / chunk)])).unwrap();
        rows[(id % chunk) as usize][0].as_str().unwrap().to_string()
    }
}

#[test]
fn queries_find_the_pages_people_expect() {
    let index = Index::example();
    let has = |q: &str, url: &str| {
        let got = index.search(q, &[]);
        assert!(got.iter().any(|u| u == url), "{q}: {url} not in {got:?}");
        got
    };
    has("ショートステイ", "/p/shiroi-shortstay-sample/");
    has("しょーとすてい", "/p/osaka-shortstay-sample/");
    has("しろいし", "/m/122327/");
    // A ward's name (or its reading) finds the city whose page lists the ward's centre.
    has("東住吉区", "/m/271004/");
    has("みやこじま", "/m/271004/");
    // Recruitment flyers are in the index; 夜中 is a synonym of 夜間.
    has("加算", "/recruit/122327/");
    has("募集", "/recruit/271004/");
    has("夜中", "/m/271004/");
    // A review's actions are found by their words (国分寺市's 課題 name 重症心身障害; 重心 is a synonym).
    has("重心", "/m/132144/");
    has("地域移行部会", "/m/122327/");
    // One kanji finds a word in a body (夜 in 大阪市's 夜間); one that is nowhere finds nothing.
    has("夜", "/m/271004/");
    assert!(index.search("鬱", &[]).is_empty());
    // A municipality named only in a case is found by its reading (寒河江市 in 山形県's case).
    has("さがえ", "/cases/block-49-yamagata/");
    has("ｸﾞﾙｰﾌﾟﾎｰﾑ", "/p/shiroi-gh-sample/");
    has("基幹センター", "/p/kokubunji-kikan/");
    has("ＧＨ", "/p/shiroi-gh-sample/");
    has("緊急時の受入・対応", "/p/shiroi-shortstay-sample/");
    let short = has("短期", "/p/kokubunji-shortstay-sample/");
    assert!(!short.contains(&"/p/nishitokyo-epok/".to_string()), "an unrelated provider matched 短期: {short:?}");
    assert!(index.search("存在しないことばですよ", &[]).is_empty());
    assert!(index.search("・、。", &[]).is_empty());
}

#[test]
fn filters_and_kinds_narrow_the_results() {
    let index = Index::example();
    let all = index.search("短期入所", &[]);
    let providers = index.search("短期入所", &[("kind", "事業所")]);
    let in_tokyo = index.search("短期入所", &[("kind", "事業所"), ("prefecture", "東京都")]);
    let kokubunji = index.search("短期入所", &[("municipality", "132144")]);
    assert!(all.len() > providers.len() && providers.len() > in_tokyo.len() && !in_tokyo.is_empty());
    assert!(providers.iter().all(|u| u.starts_with("/p/")));
    assert!(in_tokyo.contains(&"/p/kokubunji-shortstay-sample/".to_string()));
    assert!(!in_tokyo.contains(&"/p/osaka-shortstay-sample/".to_string()));
    assert!(kokubunji.contains(&"/m/132144/".to_string()) && kokubunji.iter().all(|u| !u.contains("osaka")));

    // Kinds are contiguous ranges in the manifest, in result-group order.
    let kinds = index.manifest["kinds"].as_array().unwrap();
    assert_eq!(kinds[0][0], "市区町村");
    let (first, end) = (kinds[1][1].as_u64().unwrap() as u32, kinds[1][2].as_u64().unwrap() as u32);
    assert_eq!(index.posting("fkind=事業所"), (first..end).collect::<Vec<_>>());
    // 市区町村 options per prefecture: code, name, count.
    let prefs = index.manifest["filters"]["prefecture"].as_array().unwrap();
    let tokyo = prefs.iter().position(|p| p[0] == "東京都").unwrap();
    let rows: Value = serde_json::from_slice(&index.files[&format!("f/{tokyo}.json")]).unwrap();
    assert!(rows.as_array().unwrap().iter().any(|r| r[0] == "132144" && r[1] == "国分寺市"), "{rows}");
}
