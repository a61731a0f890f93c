//! The site's history from git: for each commit on the first-parent line of
//! HEAD, newest first, what it changed in the municipality files. Read with gix
//! from the object database (no `git` process, no checkout); only the blobs that
//! differ between a commit and its parent are read, and each pair is parsed,
//! compared (`changes`) and dropped, so the cost and the memory follow the size
//! of the changes, not the site.

use crate::model::history::Revision;
use crate::model::wareki::JDate;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// The folder of municipality files, relative to the site root.
const FOLDER: &str = "data/municipalities";

/// The history of the site at `root`: None when it is not in a git repository
/// (or has no commit); an error when the repository cannot be read.
pub fn read(root: &Path, limit: usize) -> Result<Option<Vec<Revision>>, String> {
    let Ok(repo) = gix::discover(root) else { return Ok(None) };
    let Some(workdir) = repo.workdir() else { return Ok(None) };
    let root = root.canonicalize().map_err(|e| format!("{}: {e}", root.display()))?;
    let workdir = workdir.canonicalize().map_err(|e| format!("{}: {e}", workdir.display()))?;
    let prefix = root.strip_prefix(&workdir).unwrap_or(Path::new("")).join(FOLDER);
    let Ok(mut commit) = repo.head_commit() else { return Ok(None) };
    let err = |e: &dyn std::fmt::Display| format!("git history of {}: {e}", workdir.display());
    // The municipality files' folder in a commit (None: the commit has none).
    let folder_of = |c: &gix::Commit| -> Result<Option<gix::ObjectId>, String> {
        let tree = c.tree().map_err(|e| err(&e))?;
        Ok(tree.lookup_entry_by_path(&prefix).map_err(|e| err(&e))?.map(|e| e.oid().to_owned()))
    };
    // A site whose files the repository does not track (an ignored folder) has no history.
    if folder_of(&commit)?.is_none() {
        return Ok(None);
    }
    // The files in a folder `folder_of` found (None: the commit has none).
    let files_of = |folder: Option<gix::ObjectId>| -> Result<Vec<(String, gix::ObjectId)>, String> {
        let Some(id) = folder else { return Ok(Vec::new()) };
        let object = repo.find_object(id).map_err(|e| err(&e))?;
        let Ok(folder) = object.try_into_tree() else { return Ok(Vec::new()) };
        let mut files = Vec::new();
        for e in folder.iter() {
            let e = e.map_err(|e| err(&e))?;
            let name = e.filename().to_string();
            if let Some(code) = name.strip_suffix(".yaml") {
                files.push((code.to_string(), e.oid().to_owned()));
            }
        }
        Ok(files)
    };
    let blob = |id: Option<&gix::ObjectId>| -> Option<Value> {
        let object = repo.find_object(*id?).ok()?;
        let text = std::str::from_utf8(&object.data).ok()?;
        serde_saphyr::from_str(text).ok()
    };
    let mut revisions = Vec::new();
    // The files of the commit in hand, listed only when its folder differs from
    // its parent's (most commits leave the data alone: one tree id compared).
    let mut folder = folder_of(&commit)?;
    let mut files: Option<Vec<(String, gix::ObjectId)>> = None;
    for _ in 0..limit {
        let parent = match commit.parent_ids().next() {
            None => None,
            // A shallow clone ends here: its last commit's parent is not in the
            // repository, and what that commit changed is not known.
            Some(id) => match id.object().ok().and_then(|o| o.try_into_commit().ok()) {
                Some(p) => Some(p),
                None => break,
            },
        };
        let parent_folder = match &parent {
            Some(p) => folder_of(p)?,
            None => None,
        };
        let mut before = None;
        if parent_folder != folder {
            let now = match files.take() {
                Some(f) => f,
                None => files_of(folder)?,
            };
            let then = files_of(parent_folder)?;
            let old: HashMap<&str, &gix::ObjectId> = then.iter().map(|(c, id)| (c.as_str(), id)).collect();
            let new: HashMap<&str, &gix::ObjectId> = now.iter().map(|(c, id)| (c.as_str(), id)).collect();
            let mut codes: Vec<&str> = old.keys().chain(new.keys()).copied().collect();
            codes.sort_unstable();
            codes.dedup();
            let mut changes = Vec::new();
            for code in codes {
                let (a, b) = (old.get(code).copied(), new.get(code).copied());
                if a == b {
                    continue;
                }
                // A file removed, or no longer readable, leaves its records as they were.
                let Some(after) = blob(b) else { continue };
                let change = super::changes::file_change(code, blob(a).as_ref(), &after);
                if !change.municipality.is_empty() || !change.providers.is_empty() {
                    changes.push(change);
                }
            }
            if !changes.is_empty() {
                let time = commit.time().map_err(|e| err(&e))?;
                let local = time.seconds + 9 * 3600;
                revisions.push(Revision {
                    date: JDate::from_day_number(local.div_euclid(86_400)),
                    time: time.seconds,
                    id: commit.id().shorten_or_id().to_string(),
                    files: changes,
                });
            }
            before = Some(then);
        }
        match parent {
            Some(p) => {
                commit = p;
                folder = parent_folder;
                files = before;
            }
            None => break,
        }
    }
    Ok(Some(revisions))
}
