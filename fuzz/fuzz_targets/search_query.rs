#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kyoten::fuzzing::search_query(data));
