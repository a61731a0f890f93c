//! What the dev server currently serves, shared between the rebuild thread and
//! the HTTP handlers, and the events sent to open browsers.

use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

/// One consistent output: every file, and the errors of the last build if it failed.
#[derive(Default)]
pub struct Snapshot {
    pub files: HashMap<String, Bytes>,
    /// Diagnostics of a failed build (the files are then the last good ones).
    pub errors: Option<Vec<serde_json::Value>>,
    /// The same diagnostics as text, for the page shown when no build has succeeded.
    pub error_text: String,
}

/// An event for open browsers: `reload` (with the changed URLs), `builderror`, `ok`.
#[derive(Clone, Debug)]
pub struct LiveEvent {
    pub name: &'static str,
    pub data: String,
}

pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    pub events: broadcast::Sender<LiveEvent>,
}

impl Default for Shared {
    fn default() -> Self {
        Self { snapshot: RwLock::default(), events: broadcast::channel(64).0 }
    }
}

impl Shared {
    pub fn current(&self) -> Arc<Snapshot> {
        self.snapshot.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Replace the snapshot with one made from the current one, under the lock,
    /// so the rebuild and the background indexer never undo each other.
    pub fn update<T>(&self, make: impl FnOnce(&Snapshot) -> (Snapshot, T)) -> T {
        let mut guard = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
        let (next, result) = make(&guard);
        *guard = Arc::new(next);
        result
    }

    pub fn send(&self, name: &'static str, data: String) {
        // No receiver (no browser open) is not an error.
        let _ = self.events.send(LiveEvent { name, data });
    }
}
