//! Warnings: what is valid but likely wrong (unreadable colours, glyphs the font lacks, a party
//! with no duties, a service that changes nothing).

use super::*;

impl Validator {
    /// Warns about drawn text with characters the bundled font lacks.
    fn lint_glyphs(&mut self, raw: &RawModel) {
        let mut drawn: Vec<(&At<String>, String)> = vec![(&raw.title, "title".into())];
        drawn.extend(raw.subtitle.iter().map(|s| (s, "subtitle".into())));
        for (i, p) in raw.parties.iter().enumerate() {
            drawn.push((&p.label, format!("parties[{i}].label")));
            drawn.extend(
                p.tagline
                    .iter()
                    .map(|t| (t, format!("parties[{i}].tagline"))),
            );
        }
        for (i, l) in raw.layers.iter().enumerate() {
            drawn.push((&l.label, format!("layers[{i}].label")));
            drawn.extend(
                l.items
                    .iter()
                    .flatten()
                    .enumerate()
                    .map(|(j, it)| (it, format!("layers[{i}].items[{j}]"))),
            );
        }
        for (i, s) in raw.services.iter().flatten().enumerate() {
            drawn.push((&s.label, format!("services[{i}].label")));
            drawn.extend(
                s.category
                    .iter()
                    .map(|c| (c, format!("services[{i}].category"))),
            );
        }
        for (text, field) in drawn {
            let missing = crate::fonts::missing_chars(&text.value);
            if !missing.is_empty() {
                let shown: String = missing.iter().take(12).collect();
                self.warn(text.pos, field, format!("the bundled font cannot draw {shown}"), "these characters show as empty boxes in the PNGs; the SVGs and handouts use the viewer's fonts");
            }
        }
    }

    /// Warnings that do not block a build.
    pub(super) fn lint(&mut self, m: &Model, raw: &RawModel) {
        self.lint_glyphs(raw);
        for p in m.party_ixs() {
            let owns = m
                .layers
                .iter()
                .filter_map(|l| l.owner.as_ref())
                .chain(m.services.iter().flat_map(|s| &s.owners))
                .any(|o| o.includes(p));
            let has_duties = m.duties.iter().any(|d| d.party == p);
            if !owns {
                let hint = if has_duties {
                    "it has duties but no layer; give it a layer or a shared cell"
                } else {
                    "give it a layer, or remove it"
                };
                self.warn(
                    raw.parties[p.0].pos,
                    format!("parties[{}]", p.0),
                    format!("party `{}` owns no layer under any service", m.party(p).id),
                    hint,
                );
            }
            if let Some(c) = m.party(p).color {
                let ratio = contrast(text_on(c), c);
                if ratio < AA {
                    let pos = raw.parties[p.0]
                        .color
                        .as_ref()
                        .map_or(Pos::UNKNOWN, |c| c.pos);
                    self.warn(pos, format!("parties[{}].color", p.0), format!("text on `{}` reaches a contrast of only {ratio:.2}:1 (WCAG AA asks 4.5:1)", c.hex()), "pick a darker or a lighter colour");
                }
            }
        }
        // A service without `owners:` is meant as the default split (EC2 in the AWS model); it
        // is worth a warning only when its overrides change nothing, or when a second one is.
        // Only along a progression: activities or products side by side may well agree.
        let mut default_like = 0;
        for (i, s) in m.services.iter().enumerate().filter(|_| m.progression) {
            let same = m
                .layers
                .iter()
                .zip(&s.owners)
                .all(|(l, o)| l.owner.as_ref() == Some(o));
            let raw_s = &raw.services.as_deref().unwrap_or_default()[i];
            if !same {
                continue;
            }
            default_like += 1;
            if raw_s.owners.as_ref().is_some_and(|o| !o.is_empty()) || default_like > 1 {
                self.warn(
                    raw_s.pos,
                    format!("services[{i}]"),
                    format!(
                        "service `{}` has the same owners as the layer defaults",
                        s.id
                    ),
                    "add `owners:` for the layers whose owner moves, or drop the service",
                );
            }
        }
    }
}

/// The cells of `model` that a reviewer cannot trace, for `lint --strict`: a cell with no
/// status, or a published or derived cell that cites no source (an illustrative cell is the
/// author's own and needs none). At most `limit` cells are named, then a count of the rest.
pub fn untraced(model: &Model, limit: usize) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (ci, col) in model.columns().into_iter().enumerate() {
        for l in model.layer_ixs() {
            let info = model.info(l, col);
            let problem = match info.status {
                None => "has no status",
                Some(Status::Illustrative) => continue,
                Some(_) if info.sources.is_empty() => "cites no source",
                Some(_) => continue,
            };
            let layer = model.layer(l);
            let (place, field) = match col.service() {
                Some(s) => (
                    format!("`{}` on `{}`", layer.id, model.service(s).id),
                    format!("services[{ci}].owners.{}", layer.id),
                ),
                None => (format!("`{}`", layer.id), format!("layers[{}]", l.0)),
            };
            found.push(
                Diagnostic::error(format!("the cell of {place} {problem}"))
                    .field(field)
                    .hint("give the layer (or the cell) `status: published | derived | illustrative` and `sources: [<source id>]`"),
            );
        }
    }
    let more = found.len().saturating_sub(limit);
    found.truncate(limit);
    if more > 0 {
        found.push(Diagnostic::error(format!(
            "and {more} more cells without a status or a source"
        )));
    }
    found
}
