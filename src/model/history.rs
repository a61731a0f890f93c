//! The site's history as read from git (`load::history`): for each commit, what
//! it changed in each municipality file, as facts the strings file words
//! (`derive::history` fills them in). Only facts are kept, not the files' versions:
//! a history of large files stays small.

use crate::model::strings::S;
use crate::model::wareki::JDate;

/// One commit that changed municipality files.
#[derive(Debug, Clone)]
pub struct Revision {
    /// The day it was committed, in Japan (UTC+9).
    pub date: JDate,
    /// Seconds since 1970.
    pub time: i64,
    /// Its id, abbreviated.
    pub id: String,
    /// What it changed in each municipality file it touched.
    pub files: Vec<FileChange>,
}

/// What one commit changed in one municipality file.
#[derive(Debug, Clone, Default)]
pub struct FileChange {
    /// The file's name without `.yaml`: the municipality's code.
    pub code: String,
    /// Changes to the municipality's own record (providers added or removed included).
    pub municipality: Vec<Change>,
    /// Providers whose record changed or is new.
    pub providers: Vec<ProviderChange>,
}

/// What changed in one provider's record.
#[derive(Debug, Clone)]
pub struct ProviderChange {
    /// Its id (its page's address).
    pub id: String,
    /// Its name as the commit left it.
    pub name: String,
    /// New in this commit (its page says the record was made; the municipality's
    /// history names it among the providers added).
    pub created: bool,
    /// What changed, in the order the fields are compared.
    pub changes: Vec<Change>,
}

/// One change as the strings file words it: the key and the values of its places.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The strings file's words for it.
    pub key: S,
    /// The values of the words' `{places}`.
    pub args: Vec<(&'static str, String)>,
}

impl Change {
    /// A change worded without places.
    pub fn of(key: S) -> Change {
        Change { key, args: Vec::new() }
    }

    /// A change with the values of its places.
    pub fn with(key: S, args: &[(&'static str, &str)]) -> Change {
        Change { key, args: args.iter().map(|(k, v)| (*k, v.to_string())).collect() }
    }
}
