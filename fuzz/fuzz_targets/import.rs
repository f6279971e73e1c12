//! Any bytes as a document to import: the first byte picks the reader (a CAIQ or FedRAMP
//! sheet as .xlsx/.ods by content or as .csv, an OSCAL document as JSON, YAML or XML by its
//! first character), the rest is the document. Must never panic, never use more memory than
//! the bounds allow (run with `-rss_limit_mb`), and an import that succeeds must be a model
//! that loads and validates.
#![no_main]

use std::path::Path;

use demarcate::import::{Bounds, From, Options, import};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, doc)) = data.split_first() else { return };
    let (from, name) = match pick % 6 {
        0 => (From::Ccm, "doc.xlsx"),
        1 => (From::Ccm, "doc.csv"),
        2 => (From::FedrampCrm, "doc.xlsx"),
        3 => (From::FedrampCrm, "doc.csv"),
        4 => (From::Oscal, "doc.json"),
        _ => (From::Oscal, "doc.xml"),
    };
    // Smaller bounds than the defaults keep each run short; the checks are the same.
    let opts = Options {
        id: "fuzz".into(),
        title: None,
        url: Some("https://example.com/doc".into()),
        bounds: Bounds { max_rows: 2_000, max_cells: 100_000, max_expanded_bytes: 4 << 20 },
    };
    if let Ok((text, _, _)) = import(from, Path::new(name), doc.to_vec(), &opts) {
        let loaded = demarcate::load_str(Path::new("fuzz.yaml"), text);
        assert!(loaded.result.is_ok(), "an imported model must validate");
    }
});
