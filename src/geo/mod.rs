//! Geography: boundaries from GeoJSON, Web Mercator projection, and the map
//! views (SVG paths and markers) derived once for every page that shows a map.

pub mod boundaries;
pub mod mapview;
pub mod mercator;

pub use boundaries::{Boundaries, Shape};
