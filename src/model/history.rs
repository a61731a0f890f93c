//! The site's history as read from git (`load::history`): the municipality files
//! each commit changed, before and after.

use crate::model::wareki::JDate;
use serde_json::Value;

/// One commit that changed municipality files.
#[derive(Debug, Clone)]
pub struct Revision {
    /// The day it was committed, in Japan (UTC+9).
    pub date: JDate,
    /// Seconds since 1970.
    pub time: i64,
    /// Its id, abbreviated.
    pub id: String,
    /// The municipality files it changed.
    pub files: Vec<FileChange>,
}

/// A municipality file as a commit's parent had it and as the commit left it
/// (None: absent, or not readable as YAML then).
#[derive(Debug, Clone)]
pub struct FileChange {
    /// The file's name without `.yaml`: the municipality's code.
    pub code: String,
    /// As the parent commit had it.
    pub before: Option<Value>,
    /// As the commit left it.
    pub after: Option<Value>,
}
