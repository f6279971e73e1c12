//! What a model may cost: the limits every stage of loading checks.

/// What a model may cost. Each limit has a flag to raise it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest model file read (`--max-input-bytes`). Default: 8 MiB.
    pub max_input_bytes: usize,
    /// How deep mappings and lists may nest (`--max-depth`). Default: 32.
    pub max_depth: usize,
    /// How many values alias expansion may produce in all (`--max-alias-events`). Default: 100,000.
    pub max_alias_events: usize,
    /// How many YAML nodes a model may have (`--max-nodes`). Default: 250,000.
    pub max_nodes: usize,
    /// Layers × services (`--max-cells`). Default: 20,000.
    pub max_cells: usize,
    /// Characters in one text field (`--max-text`). Default: 10,000.
    pub max_text: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 8 * 1024 * 1024,
            max_depth: 32,
            max_alias_events: 100_000,
            max_nodes: 250_000,
            max_cells: 20_000,
            max_text: 10_000,
        }
    }
}
