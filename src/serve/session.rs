//! Rebuilds for the dev server: what an edit touches decides how much is redone.
//! Data and content → load, check, derive, render (search index afterwards, in
//! the background); templates → render again from the kept model; static
//! assets → copy them again. Browsers reload only when their page changed.

use super::paths::url_of;
use super::state::{Shared, Snapshot};
use crate::derive::Derived;
use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::output::write::OutputFile;
use crate::pipeline;
use axum::body::Bytes;
use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// How much an edit forces to be redone, least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Static,
    Templates,
    Data,
}

/// Output files of the search index live under this folder.
const SEARCH_DIR: &str = crate::output::search_index::DIR;
/// More changed pages than this and browsers are simply told to reload.
const MAX_LISTED: usize = 500;

/// What a changed path means for the site under `root` (None: not a site file,
/// or an editor's swap or backup file).
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).ok()?;
    let name = rel.file_name()?.to_string_lossy();
    let scratch = name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913";
    if scratch {
        return None;
    }
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    match parts.first().map(String::as_str)? {
        "data" | "content" => Some(Change::Data),
        crate::load::CONFIG_FILE => Some(Change::Data),
        "templates" => Some(Change::Templates),
        "static" => Some(Change::Static),
        "themes" => match parts.get(2).map(String::as_str) {
            Some("static") => Some(Change::Static),
            _ => Some(Change::Templates),
        },
        _ => None,
    }
}

pub struct Session {
    root: PathBuf,
    base_url: String,
    shared: Arc<Shared>,
    /// The model of the last good data build, kept for template-only rebuilds.
    model: Option<Arc<(Site, Derived)>>,
    pages: HashMap<String, Bytes>,
    statics: HashMap<String, Bytes>,
    /// Bumped by every data build; a search index finished for an older one is dropped.
    generation: Arc<AtomicU64>,
    /// The templates of the last good render, with their globals (for previews).
    tera: Option<crate::render::Templates>,
    /// How many batches of edits the watcher has handed on. A whole rebuild that
    /// sees it move stops where it is (its result would be stale) so that the newer
    /// edit's preview need not wait for it: at national scale it takes seconds.
    edits: Arc<AtomicU64>,
    /// What a stopped rebuild was to redo, added to the next one's.
    owed: Option<Change>,
}

/// The files of `snapshot` inside (`search` true) or outside the search index.
fn search_part(snapshot: &Snapshot, search: bool) -> HashMap<String, Bytes> {
    snapshot
        .files
        .iter()
        .filter(|(k, _)| k.starts_with(SEARCH_DIR) == search)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn to_map(files: Vec<OutputFile>) -> HashMap<String, Bytes> {
    files.into_iter().map(|f| (f.path, Bytes::from(f.bytes))).collect()
}

impl Session {
    pub fn new(root: PathBuf, base_url: String, shared: Arc<Shared>, edits: Arc<AtomicU64>) -> Self {
        Self {
            root,
            base_url,
            shared,
            model: None,
            pages: HashMap::new(),
            statics: HashMap::new(),
            generation: Arc::new(AtomicU64::new(0)),
            tera: None,
            edits,
            owed: None,
        }
    }

    /// Whether edits have come in since the count was `seen`: a test for any thread.
    fn overtaken(&self, seen: u64) -> impl Fn() -> bool + Sync + 'static {
        let edits = self.edits.clone();
        move || edits.load(Ordering::SeqCst) != seen
    }

    /// Redo what `change` needs, publish the result and tell browsers. Returns
    /// whether the build succeeded.
    pub fn rebuild(&mut self, change: Change, paths: &[PathBuf]) -> bool {
        let seen = self.edits.load(Ordering::SeqCst);
        self.rebuild_as_of(change, paths, seen)
    }

    /// `rebuild` for the edits counted up to `seen`.
    fn rebuild_as_of(&mut self, change: Change, paths: &[PathBuf], seen: u64) -> bool {
        let started = Instant::now();
        let change = self.owed.take().map_or(change, |owed| owed.max(change));
        // Without a good model every edit needs the whole pipeline.
        let change = if self.model.is_none() { Change::Data } else { change };
        if change == Change::Data {
            match self.quick_preview(paths) {
                Some(false) => {
                    self.owed = Some(change);
                    return false;
                }
                Some(true) => eprintln!("preview of {} in {} ms", paths[0].display(), started.elapsed().as_millis()),
                None => {}
            }
        }
        let mut diags = Diagnostics::default();
        let ok = match change {
            Change::Static => {
                self.statics = to_map(crate::render::static_files(&self.root, &mut diags));
                !diags.has_errors()
            }
            Change::Templates => {
                let model = self.model.clone().expect("model kept");
                // Static files too: a static edit folded into a template edit.
                let ok = self.render(&model, &mut diags, seen);
                self.statics = to_map(crate::render::static_files(&self.root, &mut diags));
                ok
            }
            Change::Data => self.rebuild_data(&mut diags, seen),
        };
        if !ok && self.overtaken(seen)() {
            // Nothing was kept; the loop takes up the newer edit next, owing this one.
            eprintln!("rebuild ({change:?}) stopped after {} ms: newer edits came in", started.elapsed().as_millis());
            self.owed = Some(change);
            return false;
        }
        for d in &diags.items {
            eprint!("{d}");
        }
        if !ok {
            self.publish_errors(&diags);
            eprintln!("build failed: {} error(s); still serving the last good pages", diags.error_count());
            return false;
        }
        let changed = self.publish();
        eprintln!("rebuilt ({change:?}) in {} ms: {} changed file(s)", started.elapsed().as_millis(), changed.len());
        self.announce(&changed);
        true
    }

    fn rebuild_data(&mut self, diags: &mut Diagnostics, seen: u64) -> bool {
        let (site, check_diags) = pipeline::check_site_unless(&self.root, &self.overtaken(seen));
        diags.extend(check_diags);
        let Some(mut site) = site else { return false };
        site.config.base_url = self.base_url.clone();
        let derived = pipeline::derive(&site);
        if self.overtaken(seen)() {
            return false;
        }
        let model = Arc::new((site, derived));
        if !self.render(&model, diags, seen) {
            return false;
        }
        self.statics = to_map(crate::render::static_files(&self.root, diags));
        self.model = Some(model.clone());
        self.index_in_background(model);
        !diags.has_errors()
    }

    fn render(&mut self, model: &Arc<(Site, Derived)>, diags: &mut Diagnostics, seen: u64) -> bool {
        let (site, derived) = &**model;
        let Some(mut tera) = pipeline::templates(&self.root, site, diags) else {
            return false;
        };
        let stop = self.overtaken(seen);
        let files = std::sync::Mutex::new(Vec::new());
        pipeline::render_pages(
            &mut tera,
            site,
            derived,
            diags,
            &|f| files.lock().unwrap_or_else(|e| e.into_inner()).push(f),
            &stop,
        );
        let files = files.into_inner().unwrap_or_else(|e| e.into_inner());
        if diags.has_errors() || stop() {
            return false;
        }
        self.pages = to_map(files);
        self.tera = Some(tera);
        true
    }

    /// On a large site, an edit of one municipality file first re-renders that
    /// municipality's page and the pages of the providers that changed, from that
    /// file alone against the last good model, and publishes them: the browser shows
    /// the edit in a fraction of the whole build, which follows and brings every
    /// other page (lists, maps, comparison, search) up to date. None when the edit
    /// is not of that kind; Some(false) when the file has errors (they are shown).
    fn quick_preview(&mut self, paths: &[PathBuf]) -> Option<bool> {
        let [path] = paths else { return None };
        let rel = path.strip_prefix(&self.root).ok()?.to_path_buf();
        let in_folder = rel.parent() == Some(Path::new("data/municipalities"));
        if !in_folder || rel.extension().and_then(|e| e.to_str()) != Some("yaml") {
            return None;
        }
        let model = self.model.clone()?;
        let tera = self.tera.as_ref()?;
        let (site, derived) = &*model;
        if !derived.plan.large() {
            return None; // a small site rebuilds whole in about the same time
        }
        let text = std::fs::read_to_string(path).ok()?;
        // Ids this file uses that other municipalities already have: the checker
        // reports them as it does in a whole build.
        let taken = |code: &str, id: &str| {
            let (mi, _) = derived.providers.get(id)?;
            let other = &site.municipalities[*mi];
            (other.code != code).then(|| PathBuf::from(&other.name))
        };
        let (m, diags) =
            pipeline::check_municipality_file(&self.root, &rel, text, &taken, crate::check::Rules::of(&site.config));
        let old = m.as_ref().and_then(|m| site.municipalities.iter().position(|x| x.code == m.code));
        if diags.has_errors() {
            for d in &diags.items {
                eprint!("{d}");
            }
            self.publish_errors(&diags);
            return Some(false);
        }
        // A new municipality (or a changed code) needs the whole build.
        let (m, mi) = (m?, old?);
        let before: HashMap<&str, &crate::model::Provider> =
            site.municipalities[mi].providers.iter().map(|p| (p.id.as_str(), p)).collect();
        let same = |a: &crate::model::Provider, b: &crate::model::Provider| {
            serde_json::to_string(a).ok() == serde_json::to_string(b).ok()
        };
        // Provider pages show their municipality's name, prefecture and date.
        let was = &site.municipalities[mi];
        let head_changed = was.name != m.name
            || was.pref_name != m.pref_name
            || serde_json::to_string(&was.last_verified).ok() != serde_json::to_string(&m.last_verified).ok();
        let changed: Vec<usize> = (0..m.providers.len())
            .filter(|&pi| {
                let p = &m.providers[pi];
                head_changed || before.get(p.id.as_str()).is_none_or(|b| !same(b, p))
            })
            .collect();
        let files: Vec<OutputFile> = match pipeline::render_municipality(tera, site, derived, mi, &m, &changed) {
            Ok(f) => f,
            Err(_) => return None, // the whole build reports template errors
        };
        let now: std::collections::HashSet<&str> = m.providers.iter().map(|p| p.id.as_str()).collect();
        let gone: Vec<String> =
            before.keys().filter(|id| !now.contains(*id)).map(|id| format!("p/{id}/index.html")).collect();
        let changed = self.shared.update(|old| {
            let mut next = old.files.clone();
            let mut changed = BTreeSet::new();
            for f in files {
                let bytes = Bytes::from(f.bytes);
                if next.get(&f.path) != Some(&bytes) {
                    changed.insert(f.path.clone());
                    next.insert(f.path, bytes);
                }
            }
            for g in gone {
                if next.remove(&g).is_some() {
                    changed.insert(g);
                }
            }
            (Snapshot { files: next, errors: None, error_text: String::new() }, changed)
        });
        self.announce(&changed);
        Some(true)
    }

    /// Swap in the new output (keeping the current search index) and return the
    /// keys whose bytes changed, appeared or disappeared.
    fn publish(&self) -> BTreeSet<String> {
        let (changed, recovered) = self.shared.update(|old| {
            let mut files = search_part(old, true);
            files.extend(self.pages.iter().chain(&self.statics).map(|(k, v)| (k.clone(), v.clone())));
            let mut changed: BTreeSet<String> =
                files.iter().filter(|(k, v)| old.files.get(*k) != Some(*v)).map(|(k, _)| k.clone()).collect();
            changed.extend(old.files.keys().filter(|k| !files.contains_key(*k)).cloned());
            let next = Snapshot { files, errors: None, error_text: String::new() };
            (next, (changed, old.errors.is_some()))
        });
        if recovered && changed.is_empty() {
            self.shared.send("ok", "{}".into());
        }
        changed
    }

    fn publish_errors(&self, diags: &Diagnostics) {
        let errors: Vec<serde_json::Value> = diags
            .items
            .iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Error)
            .map(|d| d.to_json())
            .collect();
        let error_text: String = diags.items.iter().map(|d| d.to_string()).collect();
        let event = serde_json::Value::Array(errors.clone()).to_string();
        self.shared.update(|old| (Snapshot { files: old.files.clone(), errors: Some(errors), error_text }, ()));
        self.shared.send("builderror", event);
    }

    fn announce(&self, changed: &BTreeSet<String>) {
        if changed.is_empty() {
            return;
        }
        let all = changed.len() > MAX_LISTED || changed.iter().any(|k| k.ends_with(".css") || k.ends_with(".js"));
        let paths: Vec<String> = if all { Vec::new() } else { changed.iter().map(|k| url_of(k)).collect() };
        self.shared.send("reload", serde_json::json!({ "all": all, "paths": paths }).to_string());
    }

    /// Build the search index off the rebuild thread; publish it if no newer data
    /// build has started meanwhile. Pages do not wait for it.
    fn index_in_background(&self, model: Arc<(Site, Derived)>) {
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let current = self.generation.clone();
        let shared = self.shared.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            let mut diags = Diagnostics::default();
            let index = crate::output::search::build_index(&model.0, &mut diags);
            for d in &diags.items {
                eprint!("{d}");
            }
            if diags.has_errors() || current.load(Ordering::SeqCst) != generation {
                return;
            }
            let index = to_map(index);
            shared.update(|old| {
                let mut files = search_part(old, false);
                files.extend(index);
                (Snapshot { files, errors: old.errors.clone(), error_text: old.error_text.clone() }, ())
            });
            eprintln!("search index rebuilt in {} ms", started.elapsed().as_millis());
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_are_classified_by_what_they_touch() {
        let root = Path::new("/site");
        let c = |p: &str| classify(root, &root.join(p));
        assert_eq!(c("data/municipalities/122327.yaml"), Some(Change::Data));
        assert_eq!(c("content/cases/a.md"), Some(Change::Data));
        assert_eq!(c("kyoten.yaml"), Some(Change::Data));
        assert_eq!(c("themes/default/templates/base.html"), Some(Change::Templates));
        assert_eq!(c("templates/page.html"), Some(Change::Templates));
        assert_eq!(c("themes/default/static/style.css"), Some(Change::Static));
        assert_eq!(c("static/logo.svg"), Some(Change::Static));
        assert_eq!(c("data/municipalities/.122327.yaml.swp"), None);
        assert_eq!(c("data/municipalities/122327.yaml~"), None);
        assert_eq!(c("public/index.html"), None);
        assert_eq!(c("target/debug/kyoten"), None);
        assert_eq!(Path::new("/elsewhere/x").strip_prefix(root).ok(), None);
    }

    /// The example site, copied where it may be edited.
    fn example_site() -> tempfile::TempDir {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        for part in ["kyoten.yaml", "data", "content", "themes"] {
            for e in walkdir::WalkDir::new(from.join(part)).into_iter().map(|e| e.unwrap()) {
                let to = dir.path().join(e.path().strip_prefix(from).unwrap());
                if e.file_type().is_dir() {
                    std::fs::create_dir_all(&to).unwrap();
                } else {
                    std::fs::copy(e.path(), &to).unwrap();
                }
            }
        }
        dir
    }

    fn published_with(shared: &Shared, needle: &str) -> usize {
        shared.current().files.values().filter(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes())).count()
    }

    #[test]
    fn rendering_starts_no_page_once_told_to_stop() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = crate::check_site(root).0.expect("the example site checks");
        let derived = pipeline::derive(&site);
        let mut diags = Diagnostics::default();
        let mut tera = pipeline::templates(root, &site, &mut diags).unwrap();
        let all = crate::render::render_site(&mut tera, &site, &derived, &mut diags, &|| false);
        let asked = std::sync::atomic::AtomicUsize::new(0);
        let stop = || asked.fetch_add(1, Ordering::SeqCst) >= 20;
        let some = crate::render::render_site(&mut tera, &site, &derived, &mut diags, &stop);
        assert!(all.len() > 150, "{}", all.len());
        assert!(some.len() <= 20, "{} of {} files rendered after stopping", some.len(), all.len());
    }

    #[test]
    fn a_rebuild_overtaken_by_newer_edits_keeps_nothing_and_is_owed_to_the_next() {
        let site = example_site();
        let shared = Arc::new(Shared::default());
        let edits = Arc::new(AtomicU64::new(0));
        let mut session =
            Session::new(site.path().to_path_buf(), "http://127.0.0.1:1/".into(), shared.clone(), edits.clone());
        assert!(session.rebuild(Change::Data, &[]));

        // A provider's phone changes on disk.
        let file = site.path().join("data/municipalities/122327.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        let at = text.find("phone: ").expect("a phone in the example");
        let end = at + text[at..].find('\n').unwrap();
        std::fs::write(&file, format!("{}phone: \"000-1111-2222\"{}", &text[..at], &text[end..])).unwrap();

        // Its whole rebuild is overtaken by a newer edit (the count moved past
        // what it was started with): it stops, and nothing is published.
        edits.fetch_add(1, Ordering::SeqCst);
        assert!(!session.rebuild_as_of(Change::Data, &[], 0));
        assert_eq!(session.owed, Some(Change::Data));
        assert_eq!(published_with(&shared, "000-1111-2222"), 0, "nothing of it published");

        // The next edit is only a style sheet, but the data rebuild is owed.
        assert!(session.rebuild(Change::Static, &[]));
        assert_eq!(session.owed, None);
        assert!(published_with(&shared, "000-1111-2222") > 0, "the phone edit is published");
    }
}
