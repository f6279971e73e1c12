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
        self.lint_colours(m, raw);
        self.lint_duties(m, raw);
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

impl Validator {
    /// Warns when two parties' fills are hard to tell apart (in the light theme, where a
    /// model's own colours are drawn as given).
    fn lint_colours(&mut self, m: &Model, raw: &RawModel) {
        let theme = crate::theme::Theme::light();
        let colours: Vec<Rgb> = m
            .parties
            .iter()
            .enumerate()
            .map(|(i, p)| theme.party_color(i, p.color))
            .collect();
        for (i, a) in colours.iter().enumerate() {
            for (j, b) in colours.iter().enumerate().skip(i + 1) {
                let d = crate::theme::difference(*a, *b);
                if d < CONFUSABLE {
                    let (p, q) = (&m.parties[i], &m.parties[j]);
                    self.warn(
                        raw.parties[j].pos,
                        format!("parties[{j}].color"),
                        format!("`{}` and `{}` have colours that are hard to tell apart (ΔE {d:.1}, below {CONFUSABLE})", p.id, q.id),
                        "give one of them a colour further away, or leave `color` out to use the palette",
                    );
                }
            }
        }
    }

    /// Warns about a duty of a party on a layer (and column) where that party has no part.
    fn lint_duties(&mut self, m: &Model, raw: &RawModel) {
        let raw_duties = raw
            .duties
            .iter()
            .flatten()
            .flat_map(|(party, list)| list.iter().enumerate().map(move |(k, d)| (party, k, d)));
        for ((party, k, rd), duty) in raw_duties.zip(&m.duties) {
            let cols: Vec<Column> = if duty.services.is_empty() {
                m.columns()
            } else {
                m.columns()
                    .into_iter()
                    .filter(|c| c.service().is_some_and(|s| duty.services.contains(&s)))
                    .collect()
            };
            for l in &duty.layers {
                let Some(col) = cols.iter().find(|c| !m.cell(*l, **c).includes(duty.party)) else {
                    continue;
                };
                let pos = match rd {
                    RawDuty::Detailed(d) => d.pos,
                    RawDuty::Text(t) => t.pos,
                };
                let place = match col.service() {
                    Some(s) => format!(" on `{}`", m.service(s).id),
                    None => String::new(),
                };
                self.warn(
                    pos,
                    format!("duties.{}[{k}]", party.value),
                    format!(
                        "a duty of `{}` on layer `{}`{place}, where `{}` has no part",
                        m.party(duty.party).id,
                        m.layer(*l).id,
                        m.party(duty.party).id
                    ),
                    "give the duty the services where the party has a part in the layer, or correct the layer's owner",
                );
                break;
            }
        }
    }
}

/// Under this colour difference (ΔE*ab), two parties' fills are easy to confuse side by side.
const CONFUSABLE: f64 = 10.0;

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

#[cfg(test)]
mod tests {
    use crate::testing::THREE_SERVICES;

    fn warnings(yaml: &str) -> Vec<String> {
        let loaded = crate::load_str(std::path::Path::new("t.yaml"), yaml.to_string());
        let valid = loaded.result.unwrap_or_else(|e| panic!("{e:#?}"));
        valid.warnings.iter().map(|d| d.message.clone()).collect()
    }

    #[test]
    fn a_duty_where_its_party_has_no_part_is_named() {
        let yaml = THREE_SERVICES.to_string()
            + "duties:\n  provider:\n    - {text: Patch the OS, layers: [os]}\n    - {text: Patch the OS of DB, layers: [os], services: [db]}\n";
        let got = warnings(&yaml);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(
            got[0].contains(
                "a duty of `provider` on layer `os` on `vm`, where `provider` has no part"
            ),
            "{got:#?}"
        );
    }

    #[test]
    fn parties_with_colours_hard_to_tell_apart_are_named() {
        let close = THREE_SERVICES
            .replace(
                "{id: customer, label: Customer}",
                "{id: customer, label: Customer, color: \"#1f6fb2\"}",
            )
            .replace(
                "{id: provider, label: Provider}",
                "{id: provider, label: Provider, color: \"#2271b5\"}",
            );
        let got = warnings(&close);
        assert!(
            got.iter().any(|w| w.contains("hard to tell apart")),
            "{got:#?}"
        );
        let far = close.replace("#2271b5", "#e69f00");
        assert!(
            !warnings(&far)
                .iter()
                .any(|w| w.contains("hard to tell apart"))
        );
        assert!(
            crate::theme::difference(crate::theme::Rgb(0, 0, 0), crate::theme::Rgb(255, 255, 255))
                > 99.0
        );
    }
}
