//! Any text as a request path to the preview server: resolved to segments below the build
//! folder, or refused. Must never panic, and a path it accepts must have only plain segments:
//! none empty, `.`/`..` or hidden, none with a slash, backslash, colon or control character.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(path) = std::str::from_utf8(data) else { return };
    if let Some(segments) = demarcate::cli::fuzzing::serve_path(path) {
        for s in &segments {
            assert!(!s.is_empty() && !s.starts_with('.'), "{path:?} gave {s:?}");
            assert!(
                !s.chars().any(|c| matches!(c, '/' | '\\' | ':') || c.is_control()),
                "{path:?} gave {s:?}"
            );
        }
    }
});
