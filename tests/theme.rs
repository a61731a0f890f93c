//! What a site may override in the theme: templates (errors located in the site's
//! own file) and strings (one key changes every page; unknown keys are errors).

mod common;

use std::path::Path;

fn errors(root: &Path) -> Vec<kyoten::diagnostics::Diagnostic> {
    let diags = kyoten::build_files(root).err().expect("the build fails");
    diags.items.into_iter().filter(|d| d.severity == kyoten::diagnostics::Severity::Error).collect()
}

#[test]
fn a_render_error_names_the_sites_own_template_and_line() {
    let site = common::scratch_site();
    let root = site.path();
    let theme = std::fs::read_to_string(root.join("themes/default/templates/provider.html")).unwrap();
    // The theme's provider page with a value that does not exist on line 4, inside its content block.
    let mut lines: Vec<&str> = theme.lines().collect();
    lines.insert(3, "<p>{{ p.no_such_field.deeper }}</p>");
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(root.join("templates/provider.html"), lines.join("\n")).unwrap();
    let errs = errors(root);
    let e = errs.first().expect("an error");
    assert_eq!(e.path, Path::new("templates/provider.html"), "{e}");
    assert_eq!(e.line, 4, "{e}");
    assert!(e.message.contains("p/test-shortstay/index.html"), "{e}");
}

#[test]
fn a_syntax_error_names_the_template_and_line() {
    let site = common::scratch_site();
    let root = site.path();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/404.html"),
        "{% extends \"base.html\" %}\n\n{% block content %}{{ oops( }}{% endblock content %}\n",
    )
    .unwrap();
    let errs = errors(root);
    let e = errs.first().expect("an error");
    assert_eq!(e.path, Path::new("templates/404.html"), "{e}");
    assert_eq!(e.line, 3, "{e}");
}

#[test]
fn a_site_overriding_one_string_sees_it_on_every_page() {
    let site = common::scratch_site();
    let root = site.path();
    std::fs::create_dir_all(root.join("strings")).unwrap();
    std::fs::write(root.join("strings/ja.yaml"), "# ours\ncrumb.home: ホーム\n").unwrap();
    let (files, _) = kyoten::build_files(root).expect("the site builds");
    let mut with_crumbs = 0;
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&f.bytes);
        let Some(at) = html.find("class=\"crumbs") else { continue };
        with_crumbs += 1;
        let nav = &html[at..at + html[at..].find("</nav>").unwrap()];
        assert!(nav.contains(">ホーム</a>"), "{}: {nav}", f.path);
        assert!(!nav.contains(">トップ</a>"), "{}: {nav}", f.path);
    }
    assert!(with_crumbs > 20, "{with_crumbs} pages with breadcrumbs");
    // Other keys keep the theme's words.
    let m = files.iter().find(|f| f.path == "m/13/index.html").unwrap();
    assert!(String::from_utf8_lossy(&m.bytes).contains("東京都の市区町村"));
}

#[test]
fn an_unknown_string_key_is_an_error_at_its_line() {
    let site = common::scratch_site();
    let root = site.path();
    std::fs::create_dir_all(root.join("strings")).unwrap();
    std::fs::write(root.join("strings/ja.yaml"), "crumb.home: ホーム\n\ncrumb.hone: ホーム\n").unwrap();
    let (checked, diags) = kyoten::check_site(root);
    assert!(checked.is_none());
    let e = diags.items.iter().find(|d| d.message.contains("crumb.hone")).expect("the unknown key is reported");
    assert_eq!((e.path.as_path(), e.line), (Path::new("strings/ja.yaml"), 3), "{e}");
    assert!(e.hint.as_deref().unwrap_or_default().contains("crumb.home"), "{e}");
}

#[test]
fn a_theme_without_a_key_the_generator_uses_is_an_error() {
    let site = common::scratch_site();
    let root = site.path();
    let file = root.join("themes/default/strings/ja.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let text: String = text.lines().filter(|l| !l.starts_with("title.compare:")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&file, text).unwrap();
    let (checked, diags) = kyoten::check_site(root);
    assert!(checked.is_none());
    let e = diags.items.iter().find(|d| d.message.contains("title.compare")).expect("the missing key is reported");
    assert_eq!(e.path, Path::new("themes/default/strings/ja.yaml"), "{e}");
}

/// The service worker is a site setting: on by default (sw.js at the root, the
/// offline page, the registering script on every page), absent with `offline: false`.
#[test]
fn offline_pages_are_a_setting() {
    let site = common::scratch_site();
    let (files, _) = kyoten::build_files(site.path()).unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert!(paths.contains(&"sw.js") && paths.contains(&"offline/index.html"), "{paths:?}");
    let page = files.iter().find(|f| f.path == "m/132144/index.html").unwrap();
    let html = String::from_utf8_lossy(&page.bytes);
    assert!(html.contains("static/offline.js") && html.contains("data-saved=0"));
    let sw = files.iter().find(|f| f.path == "sw.js").unwrap();
    assert!(String::from_utf8_lossy(&sw.bytes).contains("\"/offline/\""), "the worker knows the offline page");

    let config = std::fs::read_to_string(site.path().join("kyoten.yaml")).unwrap();
    std::fs::write(site.path().join("kyoten.yaml"), format!("{config}\noffline: false\n")).unwrap();
    let (files, _) = kyoten::build_files(site.path()).unwrap();
    assert!(!files.iter().any(|f| f.path == "sw.js" || f.path == "offline/index.html"));
    let page = files.iter().find(|f| f.path == "m/132144/index.html").unwrap();
    assert!(!String::from_utf8_lossy(&page.bytes).contains("offline.js"));
}
