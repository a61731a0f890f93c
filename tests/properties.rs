//! Property tests (inside `cargo test`): the parsers that read what many hands
//! type never panic, whatever the input. The coverage-guided fuzzing of issue 7
//! builds on the same entry points.

mod common;

use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() }
}

/// Text biased toward what the parsers care about: era names, digits, separators,
/// YAML and Markdown punctuation, ruby braces, full-width forms.
fn japanese_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "([令和平成昭和大正明治RHSrhs元年月日度\\.\\-/0-9０-９ 　{}|\\[\\]()<>!*_#:`~\"'&;\\n-]|[ぁ-んァ-ン一-龥]|.){0,80}",
    )
    .unwrap()
}

/// What folding treats differently: kana with combining and half-width sound
/// marks, half-width and full-width forms, Greek capital sigma (final form), Turkish
/// İ, compatibility characters (㎒ ㍿ ①), combining marks, and the characters the
/// fast path copies (kana, kanji, digits, spaces, 、 。).
fn folding_text() -> impl Strategy<Value = String> {
    const CHARS: &[char] = &[
        'か', 'き', 'は', 'ひ', 'カ', 'ハ', 'う', 'ウ', 'ゝ', 'ゞ', 'ヽ', 'ヾ', 'ー', 'ｶ', 'ﾊ', 'ｳ', 'ﾞ', 'ﾟ',
        '\u{3099}', '\u{309A}', '\u{0301}', '\u{0308}', '\u{FE28}', 'Σ', 'σ', 'ς', 'Α', 'α', 'İ', 'I', 'i', 'ı', '㎒',
        '㍿', '①', 'Ａ', 'Ｂ', 'ａ', '１', '（', '）', '：', '．', '\'', '.', ':', '-', '0', '7', ' ', '\n', '、',
        '。', '白', '井', '市',
    ];
    let one = prop_oneof![4 => proptest::sample::select(CHARS), 1 => any::<char>()];
    proptest::collection::vec(one, 0..40).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn wareki_parse_never_panics(s in japanese_text()) {
        if let Ok(d) = kyoten::model::wareki::parse(&s) {
            // A date that parses prints and reparses to itself.
            let again = kyoten::model::wareki::parse(&d.wareki()).expect("a printed date parses");
            prop_assert_eq!(again, d);
        }
    }

    #[test]
    fn markdown_never_panics_and_never_emits_script(s in japanese_text()) {
        let html = kyoten::markdown::render(&s, "");
        prop_assert!(!html.to_ascii_lowercase().contains("<script"));
        let _ = kyoten::markdown::render_inline(&s, "/base");
        let _ = kyoten::markdown::plain_text(&s);
    }

    #[test]
    fn folding_piece_by_piece_equals_folding_whole(s in folding_text()) {
        prop_assert_eq!(kyoten::output::search::fold(&s), kyoten::output::search::fold_whole(&s));
    }

    #[test]
    fn search_folding_never_panics(s in japanese_text()) {
        let folded = kyoten::output::search::fold(&s);
        prop_assert_eq!(kyoten::output::search::fold(&folded), folded.clone(), "folding is idempotent");
        let _ = kyoten::output::search::katakana(&s);
    }

    #[test]
    fn wam_decoding_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = kyoten::import::wamnet::decode(&bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..config() })]

    /// A municipality file mangled at one point still ends in diagnostics, not a panic.
    #[test]
    fn municipality_check_never_panics(at in 0usize..common::VALID_MUNICIPALITY.len(), junk in japanese_text()) {
        let site = common::scratch_site();
        let mut text = common::VALID_MUNICIPALITY.to_string();
        let at = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        text.insert_str(at, &junk);
        std::fs::write(site.path().join("data/municipalities/132144.yaml"), text).unwrap();
        let _ = kyoten::check_site(site.path());
    }
}

/// Inputs the fuzzers found, kept as regression tests.
#[test]
fn fuzz_findings_stay_fixed() {
    // search_query: NFKC then lower case was not idempotent (İ with combining half marks).
    let crash: &[u8] =
        &[225, 187, 176, 239, 190, 188, 0, 0, 0, 0, 0, 0, 0, 40, 196, 176, 239, 184, 163, 239, 184, 168, 39];
    kyoten::fuzzing::search_query(crash);
    for s in ["İ\u{fe23}\u{fe28}", "㎒", "Ự"] {
        let once = kyoten::output::search::fold(s);
        assert_eq!(kyoten::output::search::fold(&once), once, "{s:?}");
    }
}
