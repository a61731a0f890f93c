//! `kyoten serve`: build into memory, serve on loopback, watch the sources,
//! rebuild what an edit affects and reload open browsers.

mod http;
pub mod paths;
pub mod session;
mod state;
mod watch;

use session::{Change, Session};
use state::Shared;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
}

/// Run until interrupted. Errors: the port cannot be bound, the root is missing,
/// or the file watcher cannot start.
pub fn run(opts: Options) -> Result<(), String> {
    let root = opts.root.canonicalize().map_err(|e| format!("{}: {e}", opts.root.display()))?;
    let listener = std::net::TcpListener::bind(SocketAddr::new(opts.bind, opts.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e} (try another --port)", opts.bind, opts.port))?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let base_url = format!("http://{addr}/");
    if !opts.bind.is_loopback() {
        eprintln!("warning: serving on {addr}, reachable from other machines; the default is 127.0.0.1");
    }

    let shared = Arc::new(Shared::default());
    let edits = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let mut session = Session::new(root.clone(), base_url.clone(), shared.clone(), edits.clone());
    session.rebuild(Change::Data, &[]);

    let (tx, rx) = std::sync::mpsc::channel::<(Change, Vec<std::path::PathBuf>)>();
    // Counted before it is queued: a whole rebuild under way sees the count move.
    let _watcher = watch::start(&root, move |edit| {
        edits.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let _ = tx.send(edit);
    })?;
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let (change, paths) = next_edit(first, &rx);
            session.rebuild(change, &paths);
        }
    });

    eprintln!("serving {} at {base_url} (Ctrl+C stops)", root.display());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
        axum::serve(listener, http::router(shared)).await.map_err(|e| e.to_string())
    })
}

/// How long a source file that vanished is given to come back before its removal is
/// built: sync tools and some editors delete a file and write it again, and the page
/// should not disappear in between.
const REAPPEAR: std::time::Duration = std::time::Duration::from_millis(500);

/// The edit to build: `first` with the edits queued behind it (those that arrived
/// while the last rebuild ran) folded in, paths sorted and deduplicated. When one of
/// them is a source file that is gone, waits up to REAPPEAR for it, folding in what
/// arrives meanwhile.
fn next_edit(
    first: (Change, Vec<std::path::PathBuf>),
    rx: &std::sync::mpsc::Receiver<(Change, Vec<std::path::PathBuf>)>,
) -> (Change, Vec<std::path::PathBuf>) {
    let fold = |acc: (Change, Vec<std::path::PathBuf>)| {
        rx.try_iter().fold(acc, |(c, mut p), (c2, p2)| {
            p.extend(p2);
            (c.max(c2), p)
        })
    };
    let (change, paths) = fold(first);
    let gone = |paths: &[std::path::PathBuf]| paths.iter().any(|p| is_source_file(p) && !p.exists());
    let until = std::time::Instant::now() + REAPPEAR;
    while gone(&paths) && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let (change, mut paths) = fold((change, paths));
    paths.sort();
    paths.dedup();
    (change, paths)
}

/// A file the site is built from, not an editor's swap or backup file.
fn is_source_file(path: &std::path::Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    !name.starts_with('.')
        && !name.ends_with('~')
        && matches!(ext, "yaml" | "yml" | "md" | "html" | "xml" | "txt" | "geojson" | "json" | "csv")
}
