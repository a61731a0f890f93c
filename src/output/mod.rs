//! Output: the files a build publishes besides the rendered pages — open data,
//! the search index — and writing them (`write`: staged, swapped in whole).

pub mod opendata;
pub mod search;
pub mod search_index;
pub mod write;
