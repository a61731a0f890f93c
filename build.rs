//! Embed the default theme in the binary, so a site made by `kyoten new` builds
//! without a copy of it (a site's own `themes/default/` still wins).

use std::fmt::Write;
use std::path::Path;

fn main() {
    let theme = Path::new("themes/default");
    println!("cargo:rerun-if-changed={}", theme.display());
    let mut files: Vec<String> = Vec::new();
    for entry in walkdir::WalkDir::new(theme).sort_by_file_name().into_iter().flatten() {
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(theme).unwrap().to_string_lossy().replace('\\', "/");
            files.push(rel);
        }
    }
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let mut out = String::from(
        "/// Files of themes/default, by path inside the theme.\npub static EMBEDDED: &[(&str, &[u8])] = &[\n",
    );
    for rel in files {
        let abs = Path::new(&manifest).join(theme).join(&rel);
        writeln!(out, "    ({rel:?}, include_bytes!({:?})),", abs.to_string_lossy()).unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_theme.rs");
    std::fs::write(dest, out).unwrap();
}
