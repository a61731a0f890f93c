//! `minify` in kyoten.yaml: HTML pages go through minify-html unless a site turns it off.

mod common;

fn provider_page(root: &std::path::Path) -> String {
    let (files, _) = kyoten::build_files(root).expect("the scratch site builds");
    let page = files.iter().find(|f| f.path == "p/test-shortstay/index.html").expect("the provider page");
    String::from_utf8(page.bytes.clone()).unwrap()
}

#[test]
fn pages_are_minified_unless_the_site_turns_it_off() {
    let site = common::scratch_site();
    let root = site.path();
    let minified = provider_page(root);
    assert!(minified.starts_with("<!doctype html><html lang=ja>"), "{}", &minified[..80]);
    assert!(!minified.contains(">\n<"), "minified pages have no newline between tags");

    let config = std::fs::read_to_string(root.join("kyoten.yaml")).unwrap();
    std::fs::write(root.join("kyoten.yaml"), format!("{config}minify: false\n")).unwrap();
    let raw = provider_page(root);
    assert!(raw.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"), "{}", &raw[..80]);
    assert!(raw.len() > minified.len());
    // The same page either way: the contact is one tap away in both.
    for page in [&minified, &raw] {
        assert!(page.contains("tel:000-0000-0001"));
        assert!(page.contains("テスト短期入所"));
    }

    std::fs::write(root.join("kyoten.yaml"), format!("{config}minify: perhaps\n")).unwrap();
    let errors = kyoten::build_files(root).err().expect("a bad value is an error");
    let text: String = errors.items.iter().map(|d| d.to_string()).collect();
    assert!(text.contains("kyoten.yaml") && text.contains("minify"), "{text}");
}
