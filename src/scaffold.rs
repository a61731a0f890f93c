//! `kyoten new`: a working site for some municipalities or whole prefectures —
//! settings, one municipality file per code (from the gazetteer, sections empty),
//! a prefecture file for each prefecture asked for whole (its fields commented),
//! the guide pages, the gazetteer and the boundaries it needs — that builds with
//! no error and no warning at once. The theme stays built into the binary.

use crate::model::gazetteer::{Entry, Gazetteer, Prefecture};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const GEO_MUNICIPALITIES: &str = include_str!("../data/geo/municipalities.geojson");
const GEO_PREFECTURES: &str = include_str!("../data/geo/prefectures.geojson");
const GEO_SOURCES: &str = include_str!("../data/geo/SOURCES.md");
const SYNONYMS: &str = include_str!("../data/synonyms.yaml");
const INCENTIVES: &str = include_str!("../data/incentives.yaml");
const NATIONAL: &str = include_str!("../data/national.yaml");
/// Guide pages that hold for every region (cited from the seeds).
const GUIDES: [(&str, &str); 6] = [
    ("komatta.md", include_str!("../content/guide/komatta.md")),
    ("jizen-touroku.md", include_str!("../content/guide/jizen-touroku.md")),
    ("sonae.md", include_str!("../content/guide/sonae.md")),
    ("kyoten.md", include_str!("../content/guide/kyoten.md")),
    ("pdca.md", include_str!("../content/guide/pdca.md")),
    ("types.md", include_str!("../content/guide/types.md")),
];

pub struct Request<'a> {
    pub dir: &'a Path,
    pub municipalities: &'a [String],
    pub prefectures: &'a [String],
    /// ISO date written as last_verified (today).
    pub today: &'a str,
}

/// Create the site; returns the files written. Refuses a folder that is not empty.
pub fn create(req: &Request) -> Result<Vec<PathBuf>, String> {
    let g = Gazetteer::embedded();
    let (chosen, whole) = choose(&g, req.municipalities, req.prefectures)?;
    if req.dir.exists() && std::fs::read_dir(req.dir).map_err(|e| e.to_string())?.next().is_some() {
        return Err(format!("{} is not empty; give a new folder", req.dir.display()));
    }
    let prefs: BTreeSet<&str> = chosen.iter().map(|e| e.pref_code.as_str()).collect();
    let region = region_name(&g, &chosen, &prefs);
    let mut files: Vec<(String, String)> = vec![
        ("kyoten.yaml".into(), config(&region)),
        (".gitignore".into(), "/public/\n/.public.*\n".into()),
        ("data/gazetteer/municipalities.csv".into(), crate::model::gazetteer::EMBEDDED_MUNICIPALITIES.into()),
        ("data/gazetteer/wards.csv".into(), crate::model::gazetteer::EMBEDDED_WARDS.into()),
        ("data/gazetteer/SOURCES.md".into(), crate::model::gazetteer::EMBEDDED_SOURCES.into()),
        ("data/geo/SOURCES.md".into(), GEO_SOURCES.into()),
        (
            "data/geo/municipalities.geojson".into(),
            subset(GEO_MUNICIPALITIES, |code| chosen.iter().any(|e| e.code == code))?,
        ),
        ("data/geo/prefectures.geojson".into(), subset(GEO_PREFECTURES, |code| prefs.contains(code))?),
        ("data/synonyms.yaml".into(), SYNONYMS.into()),
        ("data/incentives.yaml".into(), INCENTIVES.into()),
        ("data/national.yaml".into(), NATIONAL.into()),
        ("README.md".into(), readme(&region)),
    ];
    for e in &chosen {
        files.push((format!("data/municipalities/{}.yaml", e.code), municipality(e, req.today)));
    }
    for p in &whole {
        files.push((format!("data/prefectures/{}.yaml", p.code), prefecture(p, req.today)));
    }
    for (name, text) in GUIDES {
        files.push((format!("content/guide/{name}"), without_example_links(text)));
    }
    for (name, text) in crate::schema::files() {
        files.push((format!("{}/{name}", crate::schema::DEFAULT_DIR), text));
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = req.dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// The municipalities asked for, each checked against the gazetteer.
/// The municipalities asked for, and the prefectures asked for whole.
type Chosen<'g> = (Vec<&'g Entry>, Vec<&'g Prefecture>);

fn choose<'g>(g: &'g Gazetteer, codes: &[String], prefectures: &[String]) -> Result<Chosen<'g>, String> {
    if codes.is_empty() && prefectures.is_empty() {
        return Err(
            "say which municipalities: --municipality <code> (repeatable) or --prefecture <code or name>".into()
        );
    }
    let mut chosen: Vec<&Entry> = Vec::new();
    let mut whole: Vec<&Prefecture> = Vec::new();
    for code in codes {
        let code = code.trim();
        if let Err(e) = crate::model::jiscode::validate(code) {
            let problem = match &e {
                crate::model::jiscode::CodeError::CheckDigit { corrected } => {
                    let hint = g.suggest_check_digit(code, corrected).unwrap_or_default();
                    format!("its check digit is wrong; {hint}")
                }
                crate::model::jiscode::CodeError::Shape => {
                    "a municipality code has six digits, e.g. 122327".to_string()
                }
            };
            return Err(format!("municipality code \"{code}\": {problem}"));
        }
        match g.get(code) {
            Some(e) if e.parent_code.is_none() => chosen.push(e),
            Some(e) => {
                return Err(format!(
                    "\"{code}\" is a ward ({}); sites are made per city: use \"{}\"",
                    e.name,
                    e.parent_code.as_deref().unwrap_or_default()
                ));
            }
            None => {
                let hint = g.suggest_code(code).map(|h| format!("; {h}")).unwrap_or_default();
                return Err(format!("no municipality has the code \"{code}\"{hint}"));
            }
        }
    }
    for p in prefectures {
        let p = p.trim();
        let pref =
            g.prefectures.values().find(|x| x.code == p || x.code == format!("{p:0>2}") || x.name == p).ok_or_else(
                || {
                    let hint = g.suggest_prefecture(p).map(|h| format!("; {h}")).unwrap_or_default();
                    format!("no prefecture \"{p}\" (give its code 01–47 or its name){hint}")
                },
            )?;
        chosen.extend(g.entries.values().filter(|e| e.pref_code == pref.code && e.parent_code.is_none()));
        whole.push(pref);
    }
    chosen.sort_by(|a, b| a.code.cmp(&b.code));
    chosen.dedup_by(|a, b| a.code == b.code);
    whole.sort_by(|a, b| a.code.cmp(&b.code));
    whole.dedup_by(|a, b| a.code == b.code);
    Ok((chosen, whole))
}

fn region_name(g: &Gazetteer, chosen: &[&Entry], prefs: &BTreeSet<&str>) -> String {
    let whole = |code: &str| {
        g.entries.values().filter(|e| e.pref_code == code && e.parent_code.is_none()).count()
            == chosen.iter().filter(|e| e.pref_code == code).count()
    };
    if prefs.len() == 1 && whole(prefs.iter().next().copied().unwrap_or_default()) {
        return chosen[0].pref_name.clone();
    }
    match chosen {
        [one] => format!("{}{}", one.pref_name, one.name),
        _ => {
            let names: Vec<&str> = chosen.iter().take(3).map(|e| e.name.as_str()).collect();
            let more = if chosen.len() > 3 { "など" } else { "" };
            format!("{}{more}", names.join("・"))
        }
    }
}

/// The GeoJSON features whose `code` property `keep` accepts.
fn subset(text: &str, keep: impl Fn(&str) -> bool) -> Result<String, String> {
    let mut collection: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if let Some(features) = collection.get_mut("features").and_then(|f| f.as_array_mut()) {
        features.retain(|f| f.pointer("/properties/code").and_then(|c| c.as_str()).is_some_and(&keep));
    }
    Ok(collection.to_string() + "\n")
}

/// Guide pages of the example site point at its own municipalities and cases;
/// a new site has neither, so those lines go.
fn without_example_links(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("事例：") && !l.contains("](/cases/") && !l.contains("](/m/"))
        .map(|l| format!("{l}\n"))
        .collect()
}

const CONFIG_TEMPLATE: &str = include_str!("scaffold_files/kyoten.yaml");
const MUNICIPALITY_TEMPLATE: &str = include_str!("scaffold_files/municipality.yaml");
const PREFECTURE_TEMPLATE: &str = include_str!("scaffold_files/prefecture.yaml");
const README_TEMPLATE: &str = include_str!("scaffold_files/README.md");

/// A scaffold file with its `{{name}}` placeholders filled in.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_string(), |text, (k, v)| text.replace(&format!("{{{{{k}}}}}"), v))
}

fn config(region: &str) -> String {
    fill(CONFIG_TEMPLATE, &[("region", region)])
}

fn municipality(e: &Entry, today: &str) -> String {
    fill(
        MUNICIPALITY_TEMPLATE,
        &[
            ("modeline", crate::schema::MUNICIPALITY_MODELINE),
            ("pref", &e.pref_name),
            ("name", &e.name),
            ("code", &e.code),
            ("today", today),
        ],
    )
}

fn prefecture(p: &Prefecture, today: &str) -> String {
    fill(
        PREFECTURE_TEMPLATE,
        &[("modeline", crate::schema::PREFECTURE_MODELINE), ("pref", &p.name), ("code", &p.code), ("today", today)],
    )
}

fn readme(region: &str) -> String {
    fill(README_TEMPLATE, &[("region", region)])
}
