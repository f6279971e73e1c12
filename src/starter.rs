//! Starting models for `demarcate new`: the bundled examples and a minimal one.

/// The starters by name.
pub const STARTERS: &[(&str, &str)] = &[
    ("minimal", include_str!("starters/minimal.yaml")),
    ("aws", include_str!("../model/aws.yaml")),
    ("azure", include_str!("../model/azure.yaml")),
];

/// The text of starter `name`, with its schema reference pointing at `schema` (a path relative
/// to the new file), and its id set to `id`.
pub fn starter(name: &str, id: &str, schema: &str) -> Option<String> {
    let text = STARTERS.iter().find(|(n, _)| *n == name)?.1;
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if line.starts_with("# yaml-language-server: $schema=") {
            out.push_str(&format!("# yaml-language-server: $schema={schema}"));
        } else if line.starts_with("id: ") {
            out.push_str(&format!("id: {id}"));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    Some(out)
}
