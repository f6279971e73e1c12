//! `--only`: the outputs it may name.

use crate::diag::Diagnostic;
use crate::model::Model;
use crate::picture::Picture;

/// An error when `--only` names something that is no output of `model`.
pub(super) fn check_only(
    model: &Model,
    renderer: &crate::render::Renderer,
    opts: &crate::options::BuildOptions,
) -> Result<(), Diagnostic> {
    let Some(only) = &opts.only else {
        return Ok(());
    };
    // A kind of picture this model does not make (a shift of a model without a progression) is
    // skipped, not an error: one `--only` serves models of every shape.
    let names: Vec<String> = model
        .service_ixs()
        .map(|s| Picture::Stack(Some(s)).name(model))
        .collect();
    let mut known: Vec<&str> = vec!["stack", "matrix", "shift", "coverage"];
    known.extend(names.iter().map(String::as_str));
    known.extend(["handout", "slides", "component-definition"]);
    known.extend(
        renderer
            .extra
            .iter()
            .map(|e| e.split('.').next().unwrap_or_default()),
    );
    match only.iter().find(|o| !known.contains(&o.as_str())) {
        None => Ok(()),
        Some(unknown) => {
            let hint = crate::diag::suggest(unknown, known.iter().copied(), || {
                format!("outputs of `{}`: {}", model.id, known.join(", "))
            });
            Err(Diagnostic::error(format!(
                "`--only {unknown}` names no output of `{}`",
                model.id
            ))
            .hint(hint))
        }
    }
}
