//! Watch the site's sources (notify 8, debounced by notify-debouncer-full) and
//! pass on what each batch of edits means.

use super::session::{Change, classify};
use notify::{EventKind, RecursiveMode, event::AccessKind, event::AccessMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Folders whose edits change the site; `kyoten.yaml` is watched through the root.
const WATCHED: [&str; 5] = ["data", "content", "themes", "templates", "static"];
/// Quiet time before a batch of edits is handed on (an editor's save is several events).
const DEBOUNCE: Duration = Duration::from_millis(40);

pub fn start(
    root: &Path,
    send: impl Fn((Change, Vec<PathBuf>)) + Send + 'static,
) -> Result<Debouncer<notify::RecommendedWatcher, RecommendedCache>, String> {
    let owned: PathBuf = root.to_path_buf();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| match result {
        Ok(events) => {
            let mut paths: Vec<PathBuf> = Vec::new();
            let mut change = None;
            for p in events.iter().filter(|e| relevant(&e.kind)).flat_map(|e| e.paths.iter()) {
                if let Some(c) = classify(&owned, p) {
                    change = change.max(Some(c));
                    paths.push(p.clone());
                }
            }
            paths.sort();
            paths.dedup();
            if let Some(change) = change {
                send((change, paths));
            }
        }
        Err(errors) => {
            for e in errors {
                eprintln!("warning: watching files: {e}");
            }
        }
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    debouncer.watch(root, RecursiveMode::NonRecursive).map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    Ok(debouncer)
}

/// Writes, creations, removals and renames; not the reads our own builds make.
fn relevant(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}
