//! The module layout: imports go one way. Every `crate::<unit>` reference in the
//! library (outside tests and comments) is an edge between units — a folder under
//! `src/` or a top-level file — and the graph of units has no cycle.
//!
//! `cargo test --test architecture -- --nocapture` prints the edges.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// unit → units it refers to.
fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let unit = rel.split('/').next().unwrap().trim_end_matches(".rs").to_string();
        let text = std::fs::read_to_string(path).unwrap();
        // Unit tests may reach anywhere; so may comments.
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        let targets = edges.entry(unit.clone()).or_default();
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or_default();
            let mut rest = code;
            while let Some(at) = rest.find("crate::") {
                rest = &rest[at + 7..];
                let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                    let end = group.find('}').unwrap_or(group.len());
                    group[..end].split(',').map(|n| n.trim().split("::").next().unwrap_or_default()).collect()
                } else {
                    vec![rest.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or_default()]
                };
                for name in names.into_iter().filter(|n| !n.is_empty() && *n != unit) {
                    targets.insert(name.to_string());
                }
            }
        }
    }
    edges
}

/// A cycle through `from`, if any (depth-first search).
fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut c = path[i..].to_vec();
            c.push(n.to_string());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|n| visit(n, edges, &mut Vec::new(), &mut done))
}

#[test]
fn no_import_cycle_spans_units() {
    let edges = edges();
    for (unit, targets) in &edges {
        println!("{unit:<12} -> {}", targets.iter().cloned().collect::<Vec<_>>().join(" "));
    }
    assert!(edges.len() > 10, "the library's units were found");
    if let Some(c) = cycle(&edges) {
        panic!("import cycle: {}", c.join(" -> "));
    }
}

#[test]
fn stages_import_only_earlier_stages() {
    // model below them all; load → check → derive; open data and the search index
    // (output) are made from what derive found, beside the pages, and render hands
    // its pages to output's writer.
    let order = ["model", "load", "check", "derive", "output", "render"];
    let edges = edges();
    for (i, unit) in order.iter().enumerate() {
        for target in &edges[*unit] {
            if let Some(j) = order.iter().position(|o| o == target) {
                assert!(j < i, "{unit} imports {target}, a later stage");
            }
        }
    }
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.entry("a".into()).or_default().insert("b".into());
    edges.entry("b".into()).or_default().insert("c".into());
    assert_eq!(cycle(&edges), None);
    edges.entry("c".into()).or_default().insert("a".into());
    assert_eq!(cycle(&edges), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
}
