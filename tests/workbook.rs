//! The spreadsheet round trip: `kyoten export xlsx`, cells changed as staff would
//! change them, `kyoten import xlsx`, and the built pages.

mod common;
use calamine::{Data, Reader, open_workbook_auto};
use common::{build_ok, copy_dir, kyoten, read, repo};
use std::path::Path;

/// A new value for one cell.
#[derive(Clone)]
enum Cell {
    Text(&'static str),
    Blank,
    Date(u16, u8, u8),
}

/// One edit: the sheet, the row (its hidden row id; "+1", "+2"… name rows to
/// add), the column's header, the value.
type Edit = (&'static str, &'static str, &'static str, Cell);

/// A copy of the example site to change.
fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["data", "content", "themes"] {
        copy_dir(&repo().join(part), &dir.path().join(part));
    }
    std::fs::copy(repo().join("kyoten.yaml"), dir.path().join("kyoten.yaml")).unwrap();
    dir
}

fn export(root: &Path, out: &Path) {
    let data = root.join("data");
    let o = kyoten(&["export", "xlsx", out.to_str().unwrap(), "--from", data.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn import(root: &Path, workbook: &Path) -> std::process::Output {
    let data = root.join("data");
    kyoten(&["import", "xlsx", workbook.to_str().unwrap(), "--into", data.to_str().unwrap()])
}

/// The header of each column of a sheet (without the （必須） mark).
fn headers(rows: &[Vec<Data>]) -> Vec<String> {
    rows[0].iter().map(|d| d.to_string().trim_end_matches("（必須）").to_string()).collect()
}

/// The workbook `from` saved again as `to` with `edits` applied — as a spreadsheet
/// program saves it: every sheet's values, the edited cells changed.
fn edited(from: &Path, to: &Path, edits: &[Edit]) {
    let mut wb = open_workbook_auto(from).unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        let mut rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        let ws = out.add_worksheet();
        ws.set_name(&name).unwrap();
        let mut dates: Vec<(usize, usize, Cell)> = Vec::new();
        let mut added: Vec<(&str, usize)> = Vec::new();
        for (sheet, row_id, header, value) in edits.iter().filter(|e| e.0 == name) {
            let h = headers(&rows);
            let col = h.iter().position(|x| x == header).unwrap_or_else(|| panic!("{sheet}: no column {header}"));
            let r = if row_id.starts_with('+') {
                match added.iter().find(|(k, _)| k == row_id) {
                    Some(&(_, r)) => r,
                    None => {
                        rows.push(vec![Data::Empty; h.len()]);
                        added.push((row_id, rows.len() - 1));
                        rows.len() - 1
                    }
                }
            } else {
                rows.iter()
                    .position(|r| r[0] == Data::String(row_id.to_string()))
                    .unwrap_or_else(|| panic!("{sheet}: no row {row_id}"))
            };
            if rows[r].len() <= col {
                rows[r].resize(col + 1, Data::Empty);
            }
            rows[r][col] = match value {
                Cell::Text(t) => Data::String(t.to_string()),
                Cell::Blank => Data::Empty,
                Cell::Date(..) => {
                    dates.push((r, col, value.clone()));
                    Data::Empty
                }
            };
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, d) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match d {
                    Data::String(s) => ws.write_string(r, c, s).map(|_| ()).unwrap(),
                    Data::Float(f) => ws.write_number(r, c, *f).map(|_| ()).unwrap(),
                    Data::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()).unwrap(),
                    Data::DateTime(dt) => ws.write_number_with_format(r, c, dt.as_f64(), &date).map(|_| ()).unwrap(),
                    _ => {}
                }
            }
        }
        for (r, c, v) in dates {
            if let Cell::Date(y, m, d) = v {
                let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, d).unwrap();
                ws.write_datetime_with_format(r as u32, c as u16, &dt, &date).unwrap();
            }
        }
    }
    out.save(to).unwrap();
}

/// Every municipality file's bytes, by name.
fn data_files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(root.join("data/municipalities"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    v.sort();
    v
}

#[test]
fn an_exported_workbook_comes_back_unchanged_and_writes_nothing() {
    let site = example_copy();
    let root = site.path();
    let book = root.join("book.xlsx");
    export(root, &book);
    let before = data_files(root);
    let o = import(root, &book);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing changed; no file written"));
    assert!(before == data_files(root), "no byte changed");

    // What staff see: Japanese headers, a hidden id column, drop-downs, an instructions sheet.
    let mut wb = open_workbook_auto(&book).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names[..3], ["説明", "市区町村", "連絡先"]);
    let providers: Vec<Vec<Data>> = wb.worksheet_range("事業所").unwrap().rows().map(|r| r.to_vec()).collect();
    let h = headers(&providers);
    assert!(
        h.contains(&"名称".to_string())
            && h.contains(&"機能：相談".to_string())
            && h.contains(&"受入れ：精神障害".to_string())
    );
    let row =
        providers.iter().find(|r| r[0] == Data::String("122327/providers/0".into())).expect("白井市's first provider");
    let at = |name: &str| h.iter().position(|x| x == name).unwrap();
    assert_eq!(row[at("名称")].to_string(), "白井市基幹相談支援センター");
    assert_eq!(row[at("電話番号")].to_string(), "000-0000-0021", "phone numbers stay text");
    assert_eq!(row[at("機能：相談")].to_string(), "〇");
    let xml = unzip(&book, "xl/worksheets/sheet4.xml");
    assert!(xml.contains("<dataValidation") && xml.contains("選択肢!"), "drop-downs from the choices sheet");
    assert!(xml.contains("hidden=\"1\"") && xml.contains("<pane "), "hidden id column, frozen header");
}

/// A file inside the workbook (a zip), for what calamine does not read back.
fn unzip(book: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(book).unwrap()).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
    s
}

#[test]
fn changed_cells_of_every_kind_reach_the_pages_and_a_second_import_changes_nothing() {
    let site = example_copy();
    let root = site.path();
    let book = root.join("book.xlsx");
    export(root, &book);
    let filled = root.join("filled.xlsx");
    let edits: Vec<Edit> = vec![
        // text, a 〇 column, a drop-down, a date cell, a cell of lines, and a new row.
        ("事業所", "122327/providers/0", "電話番号", Cell::Text("047-492-1234")),
        ("事業所", "122327/providers/0", "受入れ：高次脳機能障害", Cell::Text("〇")),
        ("検証で決めた取組", "122327/reviews/0/actions/0", "状況", Cell::Text("進行中")),
        ("市区町村", "122327", "最終確認日", Cell::Date(2026, 6, 1)),
        ("機能ごとの取組", "122327/functions/0", "課題", Cell::Text("夜間の電話相談の記録を一つにまとめる")),
        ("事業所", "+1", "市区町村コード", Cell::Text("122327")),
        ("事業所", "+1", "事業所ID", Cell::Text("shiroi-new")),
        ("事業所", "+1", "名称", Cell::Text("白井市あたらしい短期入所")),
        ("事業所", "+1", "サービス：短期入所", Cell::Text("〇")),
        ("事業所", "+1", "機能：緊急時の受入・対応", Cell::Text("〇")),
    ];
    edited(&book, &filled, &edits);
    let yaml_before = read(&root.join("data/municipalities/122327.yaml"));
    let o = import(root, &filled);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("added: 事業所 1"), "{err}");
    let yaml = read(&root.join("data/municipalities/122327.yaml"));
    assert!(yaml.contains("# seed 004 1-1 L33"), "comments of unchanged records stay");
    // Records not changed keep their text, comments included.
    let untouched = |from: &str, to: &str| {
        let a = yaml_before.find(from).unwrap();
        let b = yaml_before[a..].find(to).unwrap();
        yaml_before[a..a + b].to_string()
    };
    let contacts = untouched("contacts:", "\npre_registration:");
    assert!(contacts.contains("# seed 004 1-1 L33") && yaml.contains(&contacts), "contacts unchanged, comments kept");
    let second = untouched("  - id: shiroi-shortstay-sample", "  - id: ");
    assert!(yaml.contains(&second), "an unchanged provider keeps its text");
    assert!(
        yaml.contains("  - id: \"shiroi-kikan\"\n    name: \"白井市基幹相談支援センター\"\n"),
        "fields in their order"
    );
    let out = build_ok(root);
    let kikan = read(&out.join("p/shiroi-kikan/index.html"));
    assert!(kikan.contains("047-492-1234") && kikan.contains("高次脳機能障害"), "text and 〇 cells");
    let shiroi = read(&out.join("m/122327/index.html"));
    assert!(shiroi.contains("夜間の電話相談の記録を一つにまとめる"), "a cell of lines");
    assert!(shiroi.contains("badge-action-in_progress"), "a drop-down");
    assert!(shiroi.contains("2026-06-01") || shiroi.contains("令和8年6月1日"), "a date cell");
    let new = read(&out.join("p/shiroi-new/index.html"));
    assert!(new.contains("白井市あたらしい短期入所") && new.contains("短期入所"), "an added row");

    let after = data_files(root);
    let o = import(root, &filled);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing changed"), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(after == data_files(root), "a second import of the same workbook changes no byte");
}

#[test]
fn a_wrong_choice_and_a_blank_required_cell_are_refused_with_their_cells_and_nothing_is_written() {
    let site = example_copy();
    let root = site.path();
    let book = root.join("book.xlsx");
    export(root, &book);
    let bad = root.join("bad.xlsx");
    edited(
        &book,
        &bad,
        &[
            ("検証で決めた取組", "122327/reviews/0/actions/0", "状況", Cell::Text("やってる")),
            ("事業所", "122327/providers/1", "名称", Cell::Blank),
            ("事業所", "122327/providers/0", "電話番号", Cell::Text("047-492-9999")),
            ("事業所", "122327/providers/0", "経度", Cell::Blank),
        ],
    );
    // Where those cells are in the exported layout.
    let mut wb = open_workbook_auto(&book).unwrap();
    let cell_of = |wb: &mut calamine::Sheets<_>, sheet: &str, row_id: &str, header: &str| {
        let rows: Vec<Vec<Data>> = wb.worksheet_range(sheet).unwrap().rows().map(|r| r.to_vec()).collect();
        let c = headers(&rows).iter().position(|x| x == header).unwrap();
        let r = rows.iter().position(|r| r[0] == Data::String(row_id.to_string())).unwrap();
        format!("{sheet}!{}{}", (b'A' + c as u8) as char, r + 1)
    };
    let status = cell_of(&mut wb, "検証で決めた取組", "122327/reviews/0/actions/0", "状況");
    let name = cell_of(&mut wb, "事業所", "122327/providers/1", "名称");
    let lon = cell_of(&mut wb, "事業所", "122327/providers/0", "経度");
    let before = data_files(root);
    let o = import(root, &bad);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains(&format!(
            "{status}: 「状況」 「やってる」 is not one of the choices; choose one of 未着手・進行中・完了・未確認"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("{name}: 「名称」 is blank; it is required")), "{err}");
    assert!(err.contains(&format!("{lon}: 「経度」 is blank but the other coordinate is not")), "{err}");
    assert!(err.contains("3 error(s); nothing was written"), "{err}");
    assert!(before == data_files(root), "not even the good change is written");
}
