//! The JSON Schema of the model, generated from the raw model types, for editors
//! (yaml-language-server) and CI checks.

use crate::load::raw::RawModel;

/// The schema as pretty-printed JSON, ending in a newline.
pub fn json() -> String {
    let mut schema = schemars::schema_for!(RawModel);
    schema.insert(
        "$id".into(),
        "https://demarcate.invalid/demarcate.schema.json".into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    text
}
