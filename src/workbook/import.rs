//! `kyoten import xlsx`: a filled-in workbook back into the municipality files.
//!
//! Every row is read and checked first; any problem is reported as `sheet!cell`
//! with a hint and nothing is written. Otherwise only the records whose cells
//! changed are written, each file's changed top-level fields replaced in place (a
//! changed list is rewritten whole; the rest of the file, comments included, stays
//! as it was). An unchanged workbook writes nothing.

use super::{
    Column, Kind, MARK, PARENT, Records, Sheet, cell_name, date_of_serial, get, set, sheets, term_named, text_of,
};
use crate::import::yaml_out::Node;
use crate::model::strings::{S, Strings};
use calamine::{Data, Reader, open_workbook_auto};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What an import did (or would do, when it stopped at errors).
#[derive(Debug, Default)]
pub struct Report {
    /// Records changed and added, per sheet.
    pub changed: BTreeMap<String, usize>,
    pub added: BTreeMap<String, usize>,
    pub written: Vec<PathBuf>,
}

/// One municipality file as read, and as the workbook leaves it.
struct File {
    path: PathBuf,
    text: String,
    /// As written (keys in their order), for rewriting records the same way.
    node: Node,
    before: Value,
    after: Value,
}

/// Read `workbook` and write its changes into `data_dir`'s municipality files.
pub fn import(workbook: &Path, data_dir: &Path, strings: &Strings) -> Result<Report, Vec<String>> {
    let shown = workbook.display().to_string();
    let mut wb = open_workbook_auto(workbook).map_err(|e| vec![format!("{shown}: {e} (save it as .xlsx or .ods)")])?;
    let mut files: BTreeMap<String, File> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut report = Report::default();
    let mut found = 0;
    let sheets = sheets(strings);
    for sheet in &sheets {
        let Ok(range) = wb.worksheet_range(&sheet.name) else { continue };
        found += 1;
        read_sheet(sheet, &range, data_dir, strings, &mut files, &mut errors, &mut report);
    }
    if found == 0 {
        let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
        errors.push(format!("{shown}: none of the sheets of `kyoten export xlsx` ({}) is in it", names.join(", ")));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = Vec::new();
    for file in files.values() {
        if file.after == file.before {
            continue;
        }
        out.push((file.path.clone(), rewrite(file)));
    }
    for (path, text) in out {
        let tmp = path.with_extension("yaml.import-tmp");
        std::fs::write(&tmp, text).map_err(|e| vec![format!("{}: {e}", tmp.display())])?;
        std::fs::rename(&tmp, &path).map_err(|e| vec![format!("{}: {e}", path.display())])?;
        report.written.push(path);
    }
    Ok(report)
}

/// The file's text with each changed record written anew: a changed item of a
/// list replaces that item's lines only, a new one goes after the list's last,
/// and a changed field of the file itself replaces that field. Comments of
/// unchanged records stay.
fn rewrite(file: &File) -> String {
    use crate::import::yaml_out::{block_node, list_items, replace_block};
    let mut text = file.text.clone();
    let (Some(before), Some(after)) = (file.before.as_object(), file.after.as_object()) else { return text };
    for (key, value) in after {
        let old = before.get(key);
        if old == Some(value) {
            continue;
        }
        let old_node = file.node.get(key);
        let whole = |text: &str| {
            let mut out = String::new();
            let one = Node::Map(vec![(key.clone(), Node::ordered_like(value, old_node))]);
            block_node(&one, 0, &mut out);
            replace_block(text, key, &out)
        };
        let (Some(new_items), Some(old_items)) = (value.as_array(), old.and_then(Value::as_array)) else {
            text = whole(&text);
            continue;
        };
        let old_nodes = match old_node {
            Some(Node::Seq(s)) => s.as_slice(),
            _ => &[],
        };
        match list_items(&text, key) {
            Some((spans, indent))
                if !spans.is_empty() && spans.len() == old_items.len() && new_items.len() >= old_items.len() =>
            {
                let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
                let item = |i: usize| {
                    let mut out = String::new();
                    let node = Node::ordered_like(&new_items[i], old_nodes.get(i).or(old_nodes.first()));
                    block_node(&Node::Seq(vec![node]), indent, &mut out);
                    out.lines().map(str::to_string).collect::<Vec<_>>()
                };
                let end = spans.last().map_or(0, |s| s.1);
                let added: Vec<String> = (old_items.len()..new_items.len()).flat_map(item).collect();
                lines.splice(end..end, added);
                for (i, &(a, b)) in spans.iter().enumerate().rev() {
                    if old_items[i] != new_items[i] {
                        lines.splice(a..b, item(i));
                    }
                }
                text = lines.join("\n") + "\n";
            }
            _ => text = whole(&text),
        }
    }
    for key in before.keys().filter(|k| !after.contains_key(*k)) {
        text = replace_block(&text, key, "");
    }
    text
}

/// A cell's content as text ("" when empty); dates as YYYY-MM-DD.
fn cell_text(d: &Data, date: bool) -> Result<String, String> {
    Ok(match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if date => date_of_serial(*f).ok_or("is not a date")?,
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) if date => date_of_serial(*i as f64).ok_or("is not a date")?,
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => date_of_serial(dt.as_f64()).ok_or("is not a date")?,
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(format!("holds the error {e}")),
    })
}

fn read_sheet(
    sheet: &Sheet,
    range: &calamine::Range<Data>,
    data_dir: &Path,
    strings: &Strings,
    files: &mut BTreeMap<String, File>,
    errors: &mut Vec<String>,
    report: &mut Report,
) {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let (r0, c0) = (r0 as usize, c0 as usize);
    let name = &sheet.name;
    let mut rows = range.rows();
    let Some(header) = rows.next() else { return };
    let required = strings.get(S::WorkbookRequired);
    let header: Vec<String> =
        header.iter().map(|d| cell_text(d, false).unwrap_or_default().trim_end_matches(required).to_string()).collect();
    let at = |h: &str| header.iter().position(|x| x == h);
    let (row_header, code_header) = (strings.get(S::WorkbookRowHeader), strings.get(S::WorkbookCodeHeader));
    let (Some(id_col), Some(code_col)) = (at(row_header), at(code_header)) else {
        errors.push(format!(
            "{name}!{}: the header row lacks 「{row_header}」 or 「{code_header}」; export the workbook again and copy the rows into it",
            cell_name(r0, c0)
        ));
        return;
    };
    let mut columns: Vec<(&Column, usize)> = Vec::new();
    for c in &sheet.columns {
        match at(&c.header) {
            Some(i) => columns.push((c, i)),
            None if c.required => errors.push(format!(
                "{name}!{}: no column 「{}」 (a required one); do not rename the headers",
                cell_name(r0, c0),
                c.header
            )),
            None => {}
        }
    }
    for (k, row) in rows.enumerate() {
        let r = r0 + 1 + k;
        let cell = |i: usize| row.get(i).unwrap_or(&Data::Empty);
        let at_col = |i: usize| format!("{name}!{}", cell_name(r, c0 + i));
        if row.iter().all(|d| cell_text(d, false).is_ok_and(|s| s.is_empty())) {
            continue;
        }
        let id = cell_text(cell(id_col), false).unwrap_or_default();
        let code = cell_text(cell(code_col), false).unwrap_or_default();
        if code.is_empty() {
            errors.push(format!(
                "{}: 「{code_header}」 is blank; write the 6-digit code of the municipality",
                at_col(code_col)
            ));
            continue;
        }
        if !id.is_empty() && id.split('/').next() != Some(code.as_str()) {
            errors.push(format!(
                "{}: 「{code_header}」 {code} is not the municipality this row was exported from ({}); to move a record, add a new row and leave this one",
                at_col(code_col),
                id.split('/').next().unwrap_or("")
            ));
            continue;
        }
        let file = match load(files, data_dir, &code) {
            Ok(f) => f,
            Err(e) => {
                errors.push(format!("{}: {e}", at_col(code_col)));
                continue;
            }
        };
        // Read every cell of the row into field values first.
        let mut values: Vec<(&Column, Option<Value>)> = Vec::new();
        let mut flags: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        let mut parent_key = None;
        let mut bad = false;
        for &(c, i) in &columns {
            match value(c, cell(i)) {
                Err(e) => {
                    errors.push(format!("{}: 「{}」 {e}", at_col(i), c.header));
                    bad = true;
                }
                Ok(None) if c.required => {
                    errors.push(format!("{}: 「{}」 is blank; it is required", at_col(i), c.header));
                    bad = true;
                }
                Ok(v) if c.path == PARENT => parent_key = v,
                Ok(v) => {
                    if let Kind::Flag(t) = c.kind {
                        let set = flags.entry(c.path).or_default();
                        if v.is_some() {
                            set.insert(t.id);
                        }
                    } else {
                        values.push((c, v));
                    }
                }
            }
        }
        if bad {
            continue;
        }
        let key: Vec<(&str, Option<&Value>)> = sheet
            .key
            .iter()
            .map(|k| (*k, values.iter().find(|(c, _)| c.path == *k).and_then(|(_, v)| v.as_ref())))
            .collect();
        let (record, added) = match locate(sheet.records, &id, &key, parent_key.as_ref(), &mut file.after) {
            Ok(t) => t,
            Err(e) => {
                errors.push(format!("{}: {e}", at_col(if id.is_empty() { code_col } else { id_col })));
                continue;
            }
        };
        let before = record.clone();
        for (c, v) in values {
            if !same(get(record, c.path), v.as_ref()) {
                set(record, c.path, v);
            }
        }
        // A place on the map needs both coordinates.
        if let Some(loc) = record.get("location") {
            for (have, missing) in [("lat", "lon"), ("lon", "lat")] {
                if loc.get(have).is_some() && loc.get(missing).is_none() {
                    let path = if missing == "lat" { "location.lat" } else { "location.lon" };
                    if let Some(&(c, i)) = columns.iter().find(|(c, _)| c.path == path) {
                        errors.push(format!(
                            "{}: 「{}」 is blank but the other coordinate is not; write both, or clear both",
                            at_col(i),
                            c.header
                        ));
                    }
                }
            }
        }
        for (path, ids) in flags {
            let old: Vec<&str> = get(record, path)
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let old_set: BTreeSet<&str> = old.iter().copied().collect();
            if old_set == ids {
                continue;
            }
            // Kept ones in their order, then the new ones in the vocabulary's.
            let terms = sheet.columns.iter().filter(|c| c.path == path).filter_map(|c| match c.kind {
                Kind::Flag(t) => Some(t.id),
                _ => None,
            });
            let mut list: Vec<Value> = old.iter().filter(|x| ids.contains(*x)).map(|x| Value::from(*x)).collect();
            list.extend(terms.filter(|t| ids.contains(t) && !old_set.contains(t)).map(Value::from));
            set(record, path, Some(Value::Array(list)));
        }
        if added {
            *report.added.entry(sheet.name.clone()).or_default() += 1;
        } else if *record != before {
            *report.changed.entry(sheet.name.clone()).or_default() += 1;
        }
    }
}

/// The record a row stands for in `doc` and whether it was added: the row id's,
/// or for a row without one the record whose `key` fields match, or a new one.
fn locate<'a>(
    records: Records,
    id: &str,
    key: &[(&str, Option<&Value>)],
    parent_key: Option<&Value>,
    doc: &'a mut Value,
) -> Result<(&'a mut Value, bool), String> {
    let matches = |r: &Value| !key.is_empty() && key.iter().all(|(k, v)| same(get(r, k), *v));
    let stale = "is not in the data file any more (it changed since the export); export the workbook again";
    let parts: Vec<&str> = id.split('/').collect();
    let index = |i: usize| parts.get(i).and_then(|p| p.parse::<usize>().ok());
    match records {
        Records::File if id.is_empty() => {
            Err("a new municipality cannot be added from a workbook; make its file with `kyoten new` first".into())
        }
        Records::File => Ok((doc, false)),
        Records::List(key) => {
            let map = doc.as_object_mut().ok_or("the data file is not a mapping")?;
            let list = map.entry(key).or_insert_with(|| Value::Array(Vec::new()));
            let list = list.as_array_mut().ok_or(format!("`{key}` in the data file is not a list"))?;
            if id.is_empty() {
                return Ok(matching_or_new(list, matches));
            }
            let i = index(2).filter(|&i| parts.len() == 3 && parts[1] == key && i < list.len());
            let i = i.ok_or(format!("the row 「{id}」 {stale}"))?;
            Ok((&mut list[i], false))
        }
        Records::Nested { parent, child, key } => {
            let list = doc.get_mut(parent).and_then(Value::as_array_mut);
            let list = list.ok_or(format!("the data file has no `{parent}` for this row"))?;
            let p = if id.is_empty() {
                let want = parent_key.ok_or("the parent's key is blank")?;
                let found = list.iter().position(|p| same(p.get(key), Some(want)));
                found.ok_or(format!(
                    "no 検証・検討 of {} in this municipality; add it on the 検証・検討 sheet first, or correct the date",
                    text_of(want)
                ))?
            } else {
                let i = index(2).filter(|&i| parts.len() == 5 && parts[1] == parent && i < list.len());
                i.ok_or(format!("the row 「{id}」 {stale}"))?
            };
            let item = list[p].as_object_mut().ok_or("the data file's record is not a mapping")?;
            let children = item.entry(child).or_insert_with(|| Value::Array(Vec::new()));
            let children = children.as_array_mut().ok_or(format!("`{child}` in the data file is not a list"))?;
            if id.is_empty() {
                return Ok(matching_or_new(children, matches));
            }
            let j = index(4).filter(|&j| j < children.len()).ok_or(format!("the row 「{id}」 {stale}"))?;
            Ok((&mut children[j], false))
        }
    }
}

/// The first record of `list` that `matches`, or a new empty one pushed at its
/// end; and whether it is new.
fn matching_or_new(list: &mut Vec<Value>, matches: impl Fn(&Value) -> bool) -> (&mut Value, bool) {
    match list.iter().position(matches) {
        Some(i) => (&mut list[i], false),
        None => {
            list.push(Value::Object(Default::default()));
            (list.last_mut().expect("pushed"), true)
        }
    }
}

/// Whether a file's value and a cell's are the same field value: blank, null and
/// an empty list are the same; numbers by value; otherwise by their text.
fn same(old: Option<&Value>, new: Option<&Value>) -> bool {
    let blank = |v: Option<&Value>| match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        _ => false,
    };
    match (old, new) {
        _ if blank(old) && blank(new) => true,
        (Some(a), Some(b)) => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => (x - y).abs() < 1e-12,
            _ => a == b || text_of(a).trim() == text_of(b).trim(),
        },
        _ => false,
    }
}

/// The field value of a cell (None: blank), or what is wrong with it.
fn value(c: &Column, d: &Data) -> Result<Option<Value>, String> {
    let date = matches!(c.kind, Kind::Date);
    let text = cell_text(d, date)?;
    if text.is_empty() {
        return Ok(None);
    }
    Ok(Some(match c.kind {
        Kind::Text | Kind::Long => Value::String(text),
        Kind::Lines => Value::Array(
            text.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| Value::String(l.to_string())).collect(),
        ),
        Kind::Term(terms) => match term_named(terms, &text) {
            Some(t) => Value::from(t.id),
            None => {
                let labels: Vec<&str> = terms.iter().map(|t| t.label).collect();
                return Err(format!("「{text}」 is not one of the choices; choose one of {}", labels.join("・")));
            }
        },
        Kind::Flag(_) => match text.as_str() {
            MARK | "○" | "◯" | "1" | "TRUE" | "true" | "はい" => Value::Bool(true),
            "0" | "FALSE" | "false" | "いいえ" | "×" => return Ok(None),
            _ => return Err(format!("「{text}」 is not 〇; choose 〇 or leave it blank")),
        },
        // A date cell is read as YYYY-MM-DD; text is kept as written when it is a
        // date or period kyoten reads (令和7年度, 2026年3月).
        Kind::Date if crate::model::wareki::parse(&text).is_ok() => Value::String(text),
        Kind::Date => {
            return Err(format!(
                "「{text}」 is not a date kyoten reads; write it as 2026-01-10, 令和8年1月10日 or 令和8年度"
            ));
        }
        Kind::Number => match text.parse::<f64>() {
            Ok(n) if n.is_finite() => Value::from(n),
            _ => return Err(format!("「{text}」 is not a number; write it like 35.7925")),
        },
        Kind::Count => match text.parse::<u32>() {
            Ok(n) => Value::from(n),
            Err(_) => return Err(format!("「{text}」 is not a whole number; write it like 10")),
        },
    }))
}

fn load<'a>(files: &'a mut BTreeMap<String, File>, data_dir: &Path, code: &str) -> Result<&'a mut File, String> {
    if !files.contains_key(code) {
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("「{code}」 is not a municipality's 6-digit code"));
        }
        let path = data_dir.join("municipalities").join(format!("{code}.yaml"));
        let text = std::fs::read_to_string(&path).map_err(|e| {
            format!(
                "{}: {e} (a municipality new to the site needs its file first: `kyoten new --municipality {code}`)",
                path.display()
            )
        })?;
        let unreadable =
            |e: serde_saphyr::Error| format!("{}: {e} (fix it first; `kyoten check` shows where)", path.display());
        let before: Value = serde_saphyr::from_str(&text).map_err(unreadable)?;
        let node: Node = serde_saphyr::from_str(&text).map_err(unreadable)?;
        files.insert(code.to_string(), File { path, text, node, after: before.clone(), before });
    }
    Ok(files.get_mut(code).expect("inserted above"))
}
