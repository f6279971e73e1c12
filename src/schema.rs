//! The JSON Schema of the model, generated from the raw model types, for editors
//! (yaml-language-server) and CI checks.

use serde_json::Value;

use crate::load::raw::RawModel;

/// The schema as pretty-printed JSON, ending in a newline.
pub fn json() -> String {
    let mut schema =
        serde_json::to_value(schemars::schema_for!(RawModel)).expect("a schema serialises");
    if let Value::Object(map) = &mut schema {
        map.insert(
            "$id".into(),
            "https://demarcate.invalid/demarcate.schema.json".into(),
        );
    }
    strip_null(&mut schema);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    text
}

/// The loader does not accept YAML nulls where a value is expected (an optional field is left
/// out instead), so the schema must not offer `null` either.
fn strip_null(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            for key in ["anyOf", "oneOf"] {
                if let Some(Value::Array(alts)) = map.get_mut(key) {
                    alts.retain(|a| a.get("type").is_none_or(|t| t != "null"));
                    if alts.len() == 1 {
                        let only = alts.remove(0);
                        map.remove(key);
                        if let Value::Object(inner) = only {
                            map.extend(inner);
                        }
                    }
                }
            }
            map.values_mut().for_each(strip_null);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_null),
        _ => {}
    }
}
