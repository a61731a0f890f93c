//! Recruitment: what each municipality still needs from providers, derived from its
//! data (functions no registered provider carries, people no emergency stay accepts)
//! plus the needs it states itself.

use crate::compare::Compare;
use crate::model::Site;
use crate::vocab::Term;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct FewProviders {
    pub function: &'static Term,
    pub providers: usize,
}

#[derive(Debug, Serialize)]
pub struct Needs {
    pub code: String,
    /// Functions that no registered provider on this site carries.
    pub functions_without_provider: Vec<&'static Term>,
    /// Functions carried by only one registered provider.
    pub functions_with_one: Vec<FewProviders>,
    /// People no registered emergency short stay accepts.
    pub emergency_gaps: Vec<&'static Term>,
    /// Whether any registered emergency short stay exists at all.
    pub has_emergency_stay: bool,
    /// What the municipality says it needs (`recruit.needs`).
    pub stated: Vec<String>,
    /// One line for the flyer's headline.
    pub headline: String,
}

pub fn needs(site: &Site, compare: &Compare) -> Vec<Needs> {
    site.municipalities
        .iter()
        .map(|m| {
            let row = compare.rows.iter().find(|r| r.code == m.code).expect("every municipality has a compare row");
            let functions_without_provider: Vec<&'static Term> =
                row.functions.iter().filter(|c| c.providers == 0).map(|c| c.function).collect();
            let functions_with_one = row
                .functions
                .iter()
                .filter(|c| c.providers == 1)
                .map(|c| FewProviders { function: c.function, providers: 1 })
                .collect();
            let has_emergency_stay = !row.emergency_accepts.is_empty();
            let emergency_gaps: Vec<&'static Term> =
                if has_emergency_stay { row.emergency_gaps.clone() } else { Vec::new() };
            let stated = m.recruit.as_ref().map(|r| r.needs.clone()).unwrap_or_default();
            let headline = if !emergency_gaps.is_empty() {
                // Two groups keep the headline readable; the full list is on the page.
                let who: Vec<&str> = emergency_gaps.iter().take(2).map(|t| t.label).collect();
                let more = if emergency_gaps.len() > 2 { "など" } else { "" };
                format!(
                    "{}で、緊急時に{}{}の人を受け入れる短期入所事業所を募集しています",
                    m.name,
                    who.join("・"),
                    more
                )
            } else if !has_emergency_stay {
                format!("{}で、緊急時に受け入れる短期入所事業所を募集しています", m.name)
            } else if let Some(f) = functions_without_provider.first() {
                format!("{}で、「{}」を担う事業所を募集しています", m.name, f.label)
            } else {
                format!("{}で、地域生活支援拠点等を担う事業所を募集しています", m.name)
            };
            Needs {
                code: m.code.clone(),
                functions_without_provider,
                functions_with_one,
                emergency_gaps,
                has_emergency_stay,
                stated,
                headline,
            }
        })
        .collect()
}
