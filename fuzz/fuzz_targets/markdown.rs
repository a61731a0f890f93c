#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kyoten::fuzzing::markdown_document(data));
