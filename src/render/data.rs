//! Open-data files, written from the model (not templates), one per route.

use crate::derive::Derived;
use crate::derive::routes::Route;
use crate::model::Site;
use crate::output::opendata;

/// The bytes of an open-data route; None for a route that is a page.
pub fn file(route: Route, site: &Site, d: &Derived) -> Option<Vec<u8>> {
    Some(match route {
        Route::ProvidersGeoJson => opendata::providers_geojson(site),
        Route::MunicipalitiesGeoJson => opendata::municipalities_geojson(site, d),
        Route::MunicipalitiesCsv => opendata::municipalities_csv(site, d),
        Route::ContactsCsv => opendata::contacts_csv(site, d),
        Route::ProvidersStandardCsv => opendata::providers_standard_csv(site),
        Route::CompareCsv(which) => opendata::compare_csv(d, which),
        Route::CasesJson => opendata::cases_json(site),
        Route::NationalJson => opendata::national_json(site)?,
        _ => return None,
    })
}
