//! Geography: boundaries from GeoJSON and the Web Mercator projection. The map
//! views drawn from them are derived (`crate::derive::mapview`).

pub mod boundaries;
pub mod mercator;

pub use boundaries::{Boundaries, Shape};
