//! Entry points for the fuzz targets (`fuzz/`): the command line's parsers of untrusted
//! input that have no other public door. Not an API: hidden from the documentation.

/// mdBook's `[context, book]` JSON as `demarcate mdbook` reads it: parsed, settings checked,
/// every chapter's regions and directives filled; how many chapters were, or the error.
pub fn mdbook_input(input: &[u8]) -> Result<usize, crate::diag::Diagnostic> {
    super::mdbook::fuzz_book(input)
}

/// A request path as the preview server resolves it: the segments below the build folder,
/// or `None` when it is refused.
pub fn serve_path(path: &str) -> Option<Vec<String>> {
    super::serve::resolve_path(path)
}
