//! Any bytes as what mdBook sends the preprocessor (`[context, book]` JSON): parsed, the
//! `[preprocessor.demarcate]` settings checked, and every chapter's regions and
//! `{{#demarcate …}}` directives parsed and filled. Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = demarcate::cli::fuzzing::mdbook_input(data);
});
