//! A small YAML writer for the block `kyoten import` rewrites: every string is
//! written double-quoted (JSON escaping is valid YAML), so no value can change type.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};

/// A YAML value as it was written: a mapping keeps its keys in their order
/// (`serde_json::Value` sorts them), so a rewritten record reads as before.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Num(Number),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The value at `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// `new` with each mapping's keys in the order `old` (the same value as it was
    /// written) has them, keys new to it after; an item new to a list takes the
    /// order of the list's first item.
    pub fn ordered_like(new: &Value, old: Option<&Node>) -> Node {
        match new {
            Value::Object(map) => {
                let mut keys: Vec<&String> = Vec::new();
                if let Some(Node::Map(o)) = old {
                    keys.extend(o.iter().map(|(k, _)| k).filter(|k| map.contains_key(k.as_str())));
                }
                keys.extend(map.keys().filter(|k| !keys.contains(k)).collect::<Vec<_>>());
                Node::Map(
                    keys.into_iter()
                        .map(|k| (k.clone(), Node::ordered_like(&map[k], old.and_then(|o| o.get(k)))))
                        .collect(),
                )
            }
            Value::Array(items) => {
                let olds = match old {
                    Some(Node::Seq(s)) => s.as_slice(),
                    _ => &[],
                };
                Node::Seq(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| Node::ordered_like(v, olds.get(i).or(olds.first())))
                        .collect(),
                )
            }
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Num(n.clone()),
            Value::String(s) => Node::Str(s.clone()),
        }
    }

    fn is_collection(&self) -> bool {
        matches!(self, Node::Seq(_) | Node::Map(_))
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a YAML value")
            }
            fn visit_bool<E>(self, b: bool) -> Result<Node, E> {
                Ok(Node::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Node, E> {
                Ok(Node::Num(n.into()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Node, E> {
                Ok(Node::Num(n.into()))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Node, E> {
                Ok(Number::from_f64(n).map_or(Node::Null, Node::Num))
            }
            fn visit_str<E>(self, s: &str) -> Result<Node, E> {
                Ok(Node::Str(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<Node, E> {
                Ok(Node::Str(s))
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = seq.next_element()? {
                    v.push(x);
                }
                Ok(Node::Seq(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut v = Vec::new();
                while let Some((k, x)) = map.next_entry::<String, Node>()? {
                    v.push((k, x));
                }
                Ok(Node::Map(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// `value` as YAML lines indented by `indent` spaces (a mapping or a sequence).
pub fn block(value: &Value, indent: usize, out: &mut String) {
    block_node(&Node::ordered_like(value, None), indent, out);
}

/// A `Node` as YAML lines indented by `indent` spaces, keys in its order.
pub fn block_node(value: &Node, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Node::Map(map) => {
            for (k, v) in map {
                out.push_str(&format!("{pad}{k}:"));
                nested(v, indent, out);
            }
        }
        Node::Seq(items) => {
            for item in items {
                match item {
                    Node::Map(map) if !map.is_empty() => {
                        let mut inner = String::new();
                        block_node(item, indent + 2, &mut inner);
                        out.push_str(&format!("{pad}- {}", &inner[indent + 2..]));
                    }
                    _ => out.push_str(&format!("{pad}- {}\n", scalar(item))),
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

fn nested(v: &Node, indent: usize, out: &mut String) {
    match v {
        Node::Map(m) if !m.is_empty() => {
            out.push('\n');
            block_node(v, indent + 2, out);
        }
        // Short scalars (ids, numbers) on one line; sentences one per line.
        Node::Seq(a) if !a.is_empty() && a.iter().all(|x| !x.is_collection() && scalar(x).chars().count() <= 24) => {
            let items: Vec<String> = a.iter().map(scalar).collect();
            out.push_str(&format!(" [{}]\n", items.join(", ")));
        }
        Node::Seq(a) if !a.is_empty() => {
            out.push('\n');
            block_node(v, indent + 2, out);
        }
        other => out.push_str(&format!(" {}\n", scalar(other))),
    }
}

fn scalar(v: &Node) -> String {
    match v {
        Node::Null => "null".into(),
        Node::Bool(b) => b.to_string(),
        Node::Num(n) => n.to_string(),
        Node::Str(s) => Value::String(s.clone()).to_string(),
        Node::Seq(_) => "[]".into(),
        Node::Map(_) => "{}".into(),
    }
}

/// Replace the top-level `key:` block of a YAML text (the key line and every
/// indented, list or comment line under it), or append it when absent.
pub fn replace_block(text: &str, key: &str, block: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let head = format!("{key}:");
    let Some(start) = lines.iter().position(|l| l.starts_with(&head)) else {
        return format!("{}\n{block}", text.trim_end());
    };
    let mut end = start; // last line of the block
    for (i, l) in lines.iter().enumerate().skip(start + 1) {
        if l.starts_with(' ') || l.starts_with('-') {
            end = i;
        } else if !(l.trim().is_empty() || l.starts_with('#')) {
            break;
        }
    }
    let mut out: String = lines[..start].iter().map(|l| format!("{l}\n")).collect();
    out.push_str(block);
    for l in &lines[end + 1..] {
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// The lines of each item of the top-level block list `key:` in `text`, as
/// [start, end) line ranges, and the items' indent; None when `key` is absent or
/// not a block list (flow style, or a scalar).
pub fn list_items(text: &str, key: &str) -> Option<(Vec<(usize, usize)>, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let head = format!("{key}:");
    let start = lines.iter().position(|l| {
        l.strip_prefix(&head).is_some_and(|rest| rest.trim().is_empty() || rest.trim_start().starts_with('#'))
    })?;
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut indent = None;
    let mut last = start; // last line with content in the block
    for (i, l) in lines.iter().enumerate().skip(start + 1) {
        let t = l.trim_start();
        if l.trim().is_empty() || (t.starts_with('#') && l.len() - t.len() > 0) || l.starts_with('#') {
            continue;
        }
        if !(l.starts_with(' ') || l.starts_with('-')) {
            break;
        }
        let n = l.len() - t.len();
        if t == "-" || t.starts_with("- ") {
            let at = *indent.get_or_insert(n);
            if n == at {
                if let Some(prev) = items.last_mut() {
                    prev.1 = last + 1;
                }
                items.push((i, i + 1));
            }
        } else if indent.is_none() {
            return None; // a mapping or something else under the key
        }
        last = i;
    }
    if let Some(prev) = items.last_mut() {
        prev.1 = last + 1;
    }
    Some((items, indent.unwrap_or(2)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_keep_the_order_keys_were_written_in() {
        let old: Node = serde_saphyr::from_str("id: x\nname: X\nlocation: { lon: 1, lat: 2 }\n").unwrap();
        let new = serde_json::json!({"name": "Y", "id": "x", "location": {"lat": 2, "lon": 1}, "added": true});
        let mut out = String::new();
        block_node(&Node::ordered_like(&new, Some(&old)), 0, &mut out);
        assert_eq!(out, "id: \"x\"\nname: \"Y\"\nlocation:\n  lon: 1\n  lat: 2\nadded: true\n");
    }

    #[test]
    fn list_items_are_found_with_their_comments() {
        let text =
            "a: 1\nproviders:\n  # lead\n  - id: x   # seed\n    name: X\n\n  - id: y\n    tags:\n      - t\nlast: 2\n";
        let (items, indent) = list_items(text, "providers").unwrap();
        assert_eq!((items, indent), (vec![(3, 5), (6, 9)], 2));
        assert!(list_items("providers: []\n", "providers").is_none(), "flow style: rewritten whole");
        assert!(list_items("a: 1\n", "providers").is_none());
    }

    #[test]
    fn written_yaml_reads_back_the_same() {
        let v = serde_json::json!({"providers": [
            {"id": "wam-1", "name": "しろい \"荘\"\n二行", "services": ["short_stay", "group_home"], "functions": [],
             "location": {"lat": 35.79, "lon": 140.05}, "sample": false, "wam_number": "0012345678"}
        ]});
        let mut out = String::new();
        block(&v, 0, &mut out);
        let back: Value = serde_saphyr::from_str(&out).unwrap();
        assert_eq!(back, v, "{out}");
    }
}
