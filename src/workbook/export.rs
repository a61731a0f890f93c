//! `kyoten export xlsx`: the municipality files as a workbook staff can fill in.

use super::{Kind, MARK, PARENT, Records, Sheet, get, row_id, sheets, text_of};
use crate::model::strings::{S, Strings};
use crate::model::vocab::label_of;
use crate::model::wareki::JDate;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, FormatAlign, Formula, Workbook, Worksheet,
    XlsxError,
};
use serde_json::Value;
use std::path::Path;

/// Rows below the last record that keep the drop-downs, for records to add.
const SPARE_ROWS: u32 = 200;

/// What an export wrote.
#[derive(Debug, Default)]
pub struct Report {
    pub municipalities: usize,
    /// Rows per sheet, in sheet order.
    pub rows: Vec<(String, usize)>,
}

/// The municipality files of `data_dir` (those of `codes`, or all when empty),
/// each read as YAML, in code order.
pub fn municipality_files(data_dir: &Path, codes: &[String]) -> Result<Vec<(String, Value)>, String> {
    let dir = data_dir.join("municipalities");
    let mut files = Vec::new();
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        let Some(code) =
            path.file_stem().and_then(|s| s.to_str()).filter(|_| path.extension().is_some_and(|e| e == "yaml"))
        else {
            continue;
        };
        if !codes.is_empty() && !codes.iter().any(|c| c == code) {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let doc: Value = serde_saphyr::from_str(&text)
            .map_err(|e| format!("{}: {e} (fix it first; `kyoten check` shows where)", path.display()))?;
        files.push((code.to_string(), doc));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some(missing) = codes.iter().find(|c| !files.iter().any(|(code, _)| code == *c)) {
        return Err(format!("{}: no file {missing}.yaml (check the --municipality code)", dir.display()));
    }
    Ok(files)
}

/// Write the workbook of `files` to `out`, with the words of `strings`.
pub fn export(
    files: &[(String, Value)],
    names: &dyn Fn(&str) -> String,
    strings: &Strings,
    out: &Path,
) -> Result<Report, String> {
    let sheets = sheets(strings);
    let mut wb = Workbook::new();
    let mut report = Report { municipalities: files.len(), rows: Vec::new() };
    let err = |e: XlsxError| format!("{}: {e}", out.display());
    instructions(wb.add_worksheet(), &sheets, strings).map_err(err)?;
    let lists = choices(&sheets);
    for sheet in &sheets {
        let ws = wb.add_worksheet();
        let rows = write_sheet(ws, sheet, files, names, &lists, strings).map_err(err)?;
        report.rows.push((sheet.name.clone(), rows));
    }
    let ws = wb.add_worksheet();
    ws.set_name(strings.get(S::WorkbookChoices)).map_err(err)?;
    for (i, (_, labels)) in lists.iter().enumerate() {
        for (r, label) in labels.iter().enumerate() {
            ws.write_string(r as u32, i as u16, label.as_str()).map_err(err)?;
        }
    }
    ws.set_hidden(true);
    wb.save(out).map_err(err)?;
    Ok(report)
}

/// The choices of every vocabulary a Term column uses, each a column of the
/// choices sheet: (vocabulary's first id, labels).
fn choices(sheets: &[Sheet]) -> Vec<(&'static str, Vec<String>)> {
    let mut lists: Vec<(&'static str, Vec<String>)> = vec![("", vec![MARK.to_string()])];
    for c in sheets.iter().flat_map(|s| &s.columns) {
        if let Kind::Term(terms) = c.kind
            && !lists.iter().any(|(k, _)| *k == terms[0].id)
        {
            lists.push((terms[0].id, terms.iter().map(|t| t.label.to_string()).collect()));
        }
    }
    lists
}

fn list_rule(lists: &[(&'static str, Vec<String>)], key: &str, header: &str, strings: &Strings) -> DataValidation {
    let i = lists.iter().position(|(k, _)| *k == key).unwrap_or(0);
    let letter = super::cell_name(0, i);
    let letter = letter.trim_end_matches('1');
    let n = lists[i].1.len();
    let range = format!("={}!${letter}$1:${letter}${n}", strings.get(S::WorkbookChoices));
    DataValidation::new()
        .allow_list_formula(Formula::new(&range))
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title(strings.get(S::WorkbookInvalidTitle))
        .and_then(|v| v.set_error_message(strings.fill(S::WorkbookInvalidMessage, &[("header", header)])))
        .unwrap_or_else(|_| DataValidation::new().allow_list_formula(Formula::new(&range)))
}

fn header_format() -> Format {
    Format::new().set_bold().set_background_color(Color::RGB(0xDDE8F3)).set_text_wrap().set_align(FormatAlign::Top)
}

fn write_sheet(
    ws: &mut Worksheet,
    sheet: &Sheet,
    files: &[(String, Value)],
    names: &dyn Fn(&str) -> String,
    lists: &[(&'static str, Vec<String>)],
    strings: &Strings,
) -> Result<usize, XlsxError> {
    ws.set_name(&sheet.name)?;
    let head = header_format();
    let text = Format::new().set_num_format("@");
    let wrap = Format::new().set_num_format("@").set_text_wrap().set_align(FormatAlign::Top);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let fixed = [
        (strings.get(S::WorkbookRowHeader), 12.0),
        (strings.get(S::WorkbookCodeHeader), 14.0),
        (strings.get(S::WorkbookNameHeader), 12.0),
    ];
    for (i, (h, w)) in fixed.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *h, &head)?;
        ws.set_column_width(i as u16, *w)?;
        ws.set_column_format(i as u16, &text)?;
    }
    ws.set_column_hidden(0)?;
    let first = fixed.len() as u16;
    for (i, c) in sheet.columns.iter().enumerate() {
        let col = first + i as u16;
        let header =
            if c.required { format!("{}{}", c.header, strings.get(S::WorkbookRequired)) } else { c.header.clone() };
        ws.write_string_with_format(0, col, header, &head)?;
        ws.set_column_width(col, c.width)?;
        match c.kind {
            Kind::Long | Kind::Lines => ws.set_column_format(col, &wrap)?,
            Kind::Date => ws.set_column_format(col, &date)?,
            Kind::Number | Kind::Count => ws,
            _ => ws.set_column_format(col, &text)?,
        };
    }
    ws.set_freeze_panes(1, first)?;
    ws.set_row_height(0, 33)?; // two lines of header
    let mut row: u32 = 1;
    for (code, doc) in files {
        for (id, record, parent) in records(sheet.records, code, doc) {
            ws.write_string(row, 0, id)?;
            ws.write_string(row, 1, code.as_str())?;
            ws.write_string(row, 2, names(code))?;
            for (i, c) in sheet.columns.iter().enumerate() {
                let col = first + i as u16;
                let v = if c.path == PARENT { parent } else { get(record, c.path) };
                let Some(v) = v.filter(|v| !v.is_null()) else { continue };
                match c.kind {
                    Kind::Flag(t) if v.as_array().is_some_and(|a| a.iter().any(|x| x.as_str() == Some(t.id))) => {
                        ws.write_string(row, col, MARK)?
                    }
                    Kind::Flag(_) => ws,
                    Kind::Term(terms) => ws.write_string(row, col, label_of(terms, &text_of(v)))?,
                    Kind::Number | Kind::Count => match v.as_f64() {
                        Some(n) => ws.write_number(row, col, n)?,
                        None => ws.write_string(row, col, text_of(v))?,
                    },
                    Kind::Date => {
                        let s = text_of(v);
                        let day = match super::iso_day(&s) {
                            Some(JDate::Day { year, month, day }) => {
                                ExcelDateTime::from_ymd(year as u16, month as u8, day as u8).ok()
                            }
                            _ => None,
                        };
                        match day {
                            Some(d) => ws.write_datetime_with_format(row, col, &d, &date)?,
                            None => ws.write_string(row, col, s)?,
                        }
                    }
                    Kind::Long | Kind::Lines => ws.write_string_with_format(row, col, text_of(v), &wrap)?,
                    Kind::Text => ws.write_string(row, col, text_of(v))?,
                };
            }
            row += 1;
        }
    }
    let last = row + SPARE_ROWS;
    for (i, c) in sheet.columns.iter().enumerate() {
        let col = first + i as u16;
        let rule = match c.kind {
            Kind::Flag(_) => list_rule(lists, "", &c.header, strings),
            Kind::Term(terms) => list_rule(lists, terms[0].id, &c.header, strings),
            _ => continue,
        };
        ws.add_data_validation(1, col, last, col, &rule)?;
    }
    Ok((row - 1) as usize)
}

/// The records a sheet shows from one municipality file: (row id, record, the
/// parent's key for a nested sheet).
fn records<'a>(records: Records, code: &str, doc: &'a Value) -> Vec<(String, &'a Value, Option<&'a Value>)> {
    let list = |key: &str| doc.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    match records {
        Records::File => vec![(row_id(code, records, 0, 0), doc, None)],
        Records::List(key) => {
            list(key).iter().enumerate().map(|(i, r)| (row_id(code, records, i, 0), r, None)).collect()
        }
        Records::Nested { parent, child, key } => list(parent)
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                let children = p.get(child).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
                children.iter().enumerate().map(move |(j, r)| (row_id(code, records, i, j), r, p.get(key)))
            })
            .collect(),
    }
}

fn instructions(ws: &mut Worksheet, sheets: &[Sheet], strings: &Strings) -> Result<(), XlsxError> {
    ws.set_name(strings.get(S::WorkbookInstructions))?;
    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 90)?;
    let mut rows: Vec<(String, String, Option<&Format>)> =
        vec![(strings.get(S::WorkbookTitle).into(), String::new(), Some(&title))];
    for (a, b) in [
        (S::WorkbookHelpUse, S::WorkbookHelpUseText),
        (S::WorkbookHelpAdd, S::WorkbookHelpAddText),
        (S::WorkbookHelpDelete, S::WorkbookHelpDeleteText),
        (S::WorkbookHelpChoose, S::WorkbookHelpChooseText),
        (S::WorkbookHelpDates, S::WorkbookHelpDatesText),
        (S::WorkbookHelpRequired, S::WorkbookHelpRequiredText),
        (S::WorkbookHelpOrder, S::WorkbookHelpOrderText),
    ] {
        rows.push((strings.get(a).into(), strings.get(b).into(), Some(&bold)));
    }
    rows.push((String::new(), String::new(), None));
    rows.push((
        strings.get(S::WorkbookSheetsHeading).into(),
        strings.get(S::WorkbookContentsHeading).into(),
        Some(&bold),
    ));
    for s in sheets {
        let required: Vec<&str> = s.columns.iter().filter(|c| c.required).map(|c| c.header.as_str()).collect();
        let columns = required.join(strings.get(S::WorkbookColumnsJoiner));
        rows.push((
            s.name.clone(),
            strings.fill(S::WorkbookSheetRequired, &[("about", &s.about), ("columns", &columns)]),
            None,
        ));
    }
    for (r, (a, b, f)) in rows.iter().enumerate() {
        let r = r as u32;
        match f {
            Some(f) => ws.write_string_with_format(r, 0, a.as_str(), f)?,
            None => ws.write_string(r, 0, a.as_str())?,
        };
        if b.is_empty() {
            continue; // the title runs on into the empty cell beside it
        }
        ws.write_string_with_format(r, 1, b.as_str(), &wrap)?;
        // Spreadsheets do not grow a row for wrapped text they did not lay out:
        // about 44 Japanese characters fit a line of the 90-wide column.
        let lines = b.chars().count().div_ceil(44).max(1);
        ws.set_row_height(r, 16.5 * lines as f64)?;
    }
    ws.set_active(true);
    Ok(())
}
