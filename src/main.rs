//! The `kyoten` command: thin wrappers over the library's pipeline.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: with glibc's allocator, malloc/free were about a quarter of a large
/// build's CPU time, and worse with the search index built beside the pages.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "kyoten", version, about = "地域生活支援拠点等のサイトを作る静的サイトジェネレーター")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum ImportSource {
    /// The 障害福祉サービス等情報公表システム open-data CSV (29 columns; UTF-8 with BOM or Shift_JIS).
    Wamnet {
        csv: PathBuf,
        /// Import providers located in this municipality (6-digit code); repeat for more.
        #[arg(long = "municipality", value_name = "CODE", required = true)]
        municipalities: Vec<String>,
        /// The site's data folder (holds municipalities/<code>.yaml).
        #[arg(long, default_value = "data")]
        into: PathBuf,
    },
    /// A workbook written by `kyoten export xlsx` and filled in (.xlsx or .ods): changed cells update the
    /// municipality files, rows with a blank first (hidden) column are added. Every problem is reported as
    /// sheet!cell and nothing is written while any remains; an unchanged workbook writes nothing.
    Xlsx {
        workbook: PathBuf,
        /// The site's data folder (holds municipalities/<code>.yaml).
        #[arg(long, default_value = "data")]
        into: PathBuf,
    },
}

#[derive(Subcommand)]
enum ExportTarget {
    /// A workbook (.xlsx) of the municipality files for staff to fill in: one sheet per kind of record
    /// (市区町村, 連絡先, 事業所, 機能ごとの取組, 検証・検討, 検証で決めた取組), drop-downs for every
    /// vocabulary, date cells, an instructions sheet (説明). Read it back with `kyoten import xlsx`.
    Xlsx {
        /// The workbook to write (.xlsx).
        out: PathBuf,
        /// Only this municipality (6-digit code); repeat for more. All when left out.
        #[arg(long = "municipality", value_name = "CODE")]
        municipalities: Vec<String>,
        /// The site's data folder (holds municipalities/<code>.yaml).
        #[arg(long, default_value = "data")]
        from: PathBuf,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Write the data as a spreadsheet for staff to edit.
    Export {
        #[command(subcommand)]
        target: ExportTarget,
    },
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value = "public")]
        output: PathBuf,
    },
    /// Check every data and content file; print all problems; exit 1 on any error.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// text (for people, on stderr) or json (an array on stdout, for editors and CI).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Make a new site for some municipalities or whole prefectures; it builds at once.
    New {
        /// Folder to create (must be new or empty).
        dir: PathBuf,
        /// 全国地方公共団体コード (6 digits); repeat for more.
        #[arg(long = "municipality", value_name = "CODE")]
        municipalities: Vec<String>,
        /// Prefecture code (01–47) or name: every municipality in it; repeat for more.
        #[arg(long = "prefecture", value_name = "CODE")]
        prefectures: Vec<String>,
    },
    /// Import providers from public open data.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Write JSON Schemas of the data files (for editors with a YAML language server).
    Schema {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Folder for the schema files, relative to the root.
        #[arg(long, default_value = kyoten::schema::DEFAULT_DIR)]
        out: PathBuf,
    },
    /// Build into memory, serve on http://127.0.0.1:1111/, rebuild on every save and reload open pages.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// 0 picks a free port (printed on start).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; other than loopback makes the preview reachable from the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
    },
}

fn print_diagnostics(d: &kyoten::diagnostics::Diagnostics) {
    for item in &d.items {
        eprint!("{item}");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, output } => {
            let output = if output.is_absolute() { output } else { root.join(output) };
            let started = std::time::Instant::now();
            match kyoten::build(&root, &output) {
                Ok(report) => {
                    print_diagnostics(&report.diagnostics);
                    eprintln!(
                        "built {} pages ({} files, {} bytes) into {} in {} ms",
                        report.pages,
                        report.files,
                        report.bytes,
                        output.display(),
                        started.elapsed().as_millis()
                    );
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    print_diagnostics(&diags);
                    eprintln!(
                        "build failed: {} error(s), {} warning(s); {} was left as it was",
                        diags.error_count(),
                        diags.warning_count(),
                        output.display()
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve { root, port, bind } => match kyoten::serve::run(kyoten::serve::Options { root, bind, port }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::New { dir, municipalities, prefectures } => {
            let today = kyoten::check::today().iso().unwrap_or_default();
            let req = kyoten::scaffold::Request {
                dir: &dir,
                municipalities: &municipalities,
                prefectures: &prefectures,
                today: &today,
            };
            match kyoten::scaffold::create(&req) {
                Ok(files) => {
                    let count = files.iter().filter(|f| f.starts_with(dir.join("data/municipalities"))).count();
                    eprintln!("made {} ({} files, {count} municipality file(s))", dir.display(), files.len());
                    eprintln!("next: kyoten serve --root {}", dir.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Import { source: ImportSource::Wamnet { csv, municipalities, into } } => {
            match kyoten::import::wamnet::import(&csv, &municipalities, &into) {
                Ok(r) => {
                    for p in &r.problems {
                        eprintln!("warning: {p}");
                    }
                    eprintln!(
                        "read {} rows ({:?}): {} provider(s) added, {} updated; {} row(s) for other municipalities; {} row(s) not imported (listed above)",
                        r.rows,
                        r.encoding.unwrap_or(kyoten::import::wamnet::Encoding::Utf8),
                        r.added,
                        r.updated,
                        r.other_municipalities,
                        r.problems.len()
                    );
                    for f in &r.written {
                        eprintln!("wrote {}", f.display());
                    }
                    eprintln!(
                        "imported providers have no 拠点 functions yet: add them under functions:, then run kyoten check"
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Export { target: ExportTarget::Xlsx { out, municipalities, from } } => {
            let g = kyoten::model::gazetteer::Gazetteer::embedded();
            let names = |code: &str| g.get(code).map(|e| e.name.clone()).unwrap_or_default();
            let written = kyoten::workbook::site_strings(&from).and_then(|strings| {
                kyoten::workbook::export::municipality_files(&from, &municipalities)
                    .and_then(|files| kyoten::workbook::export::export(&files, &names, &strings, &out))
            });
            match written {
                Ok(r) => {
                    let rows: Vec<String> = r.rows.iter().map(|(s, n)| format!("{s} {n}")).collect();
                    eprintln!(
                        "wrote {} ({} municipalities; rows: {})",
                        out.display(),
                        r.municipalities,
                        rows.join(", ")
                    );
                    eprintln!("next: fill it in, then kyoten import xlsx {}", out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Import { source: ImportSource::Xlsx { workbook, into } } => {
            let imported = kyoten::workbook::site_strings(&into)
                .map_err(|e| vec![e])
                .and_then(|strings| kyoten::workbook::import::import(&workbook, &into, &strings));
            match imported {
                Ok(r) => {
                    let list = |m: &std::collections::BTreeMap<String, usize>| {
                        let v: Vec<String> = m.iter().map(|(s, n)| format!("{s} {n}")).collect();
                        if v.is_empty() { "none".to_string() } else { v.join(", ") }
                    };
                    eprintln!("changed: {}; added: {}", list(&r.changed), list(&r.added));
                    for f in &r.written {
                        eprintln!("wrote {}", f.display());
                    }
                    if r.written.is_empty() {
                        eprintln!("nothing changed; no file written");
                    } else {
                        eprintln!("next: kyoten check");
                    }
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    for e in &errors {
                        eprintln!("error: {e}");
                    }
                    eprintln!("{} error(s); nothing was written", errors.len());
                    ExitCode::FAILURE
                }
            }
        }
        Command::Schema { root, out } => {
            let out = if out.is_absolute() { out } else { root.join(out) };
            match kyoten::write_schemas(&out) {
                Ok(files) => {
                    for f in files {
                        eprintln!("wrote {}", f.display());
                    }
                    eprintln!("first line of a municipality file: {}", kyoten::schema::MUNICIPALITY_MODELINE);
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: cannot write the schemas into {}: {e}", out.display());
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { root, format } => {
            let (site, diags) = kyoten::check_only(&root);
            // The process ends here: the OS takes the checked model back faster
            // than freeing 100,000 providers one allocation at a time.
            std::mem::forget(site);
            match format {
                Format::Text => print_diagnostics(&diags),
                Format::Json => {
                    let items: Vec<_> = diags.items.iter().map(|d| d.to_json()).collect();
                    println!("{}", serde_json::Value::Array(items));
                }
            }
            eprintln!("{} error(s), {} warning(s)", diags.error_count(), diags.warning_count());
            if diags.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
    }
}
