//! The stack picture: one band per run of layers with the same owner (a party, a shared pair,
//! or "varies"), layers as full-width boxes, items as equal sub-boxes, and a demarcation line
//! between bands.

use super::boxes::{band_paint, layer};
use super::text::{Style, wrap};
use super::*;
use crate::model::Owner;
use crate::model::{LayerIx, Model, ServiceIx};
use crate::theme::{Rgb, Theme, text_on};
use crate::words::Words;

pub(super) const WIDTH: f64 = 1600.0;
pub(super) const MARGIN: f64 = 40.0;
const PAD: f64 = 12.0;
pub(super) const GAP: f64 = 10.0;
const BAND_GAP: f64 = 28.0;
/// The smallest text, in pixels, that a picture should keep on a 1920×1080 slide.
pub const SLIDE_TEXT_FLOOR: f64 = 18.0;

const TITLE: Style = Style::new(36.0, 24.0, true, 2);
const SUBTITLE: Style = Style::new(24.0, 18.0, false, 2);
const BAND: Style = Style::new(26.0, 18.0, true, 2);

/// Lays out the stack of `model` for `service` (`None`: the layers' default owners).
///
/// Presenting steps (see [`Scene::step`]): the bottom band first, then each layer above it,
/// one at a time, then the demarcation lines.
///
/// A stack too tall for its smallest text to stay at [`SLIDE_TEXT_FLOOR`] px on a slide sets
/// its layers side by side, two or three to a row, when that helps.
pub fn stack(model: &Model, service: Option<ServiceIx>, theme: &Theme, words: &Words) -> Scene {
    let mut best = lay_out(model, service, theme, words, 1);
    for columns in [2, 3] {
        if best.slide_text_px() >= SLIDE_TEXT_FLOOR {
            break;
        }
        let next = lay_out(model, service, theme, words, columns);
        if next.slide_text_px() > best.slide_text_px() {
            best = next;
        }
    }
    best
}

/// The stack with its layers `columns` to a row (1 to 3).
fn lay_out(
    model: &Model,
    service: Option<ServiceIx>,
    theme: &Theme,
    words: &Words,
    columns: usize,
) -> Scene {
    let pal = Palette::new(model, theme);
    let title = match service {
        Some(sv) => format!("{}{}{}", model.title, words.colon, model.service(sv).label),
        None => model.title.clone(),
    };
    let mut s = Scene::new(WIDTH, title, describe(model, service, words), theme);
    let inner = WIDTH - 2.0 * MARGIN;
    let mut y = MARGIN;
    y = heading(&mut s, &model.title, TITLE, theme.text, y, inner);
    let subtitle = match service {
        Some(sv) => Some(Words::fill(
            &words.service_subtitle,
            &[("axis", &model.axis), ("service", &model.service(sv).label)],
        )),
        None => model.subtitle.clone(),
    };
    if let Some(sub) = subtitle {
        y = heading(&mut s, &sub, SUBTITLE, theme.muted, y + 4.0, inner);
    }
    y += 24.0;

    let groups = group(model, service);
    let steps = Steps::new(&groups);
    if alternates(&groups) {
        let rail = super::rail::RailLabels {
            model,
            words,
            columns,
        };
        let y = super::rail::rails(&mut s, &pal, &rail, &groups, y, &steps);
        return s.finish(y + MARGIN);
    }
    let mut lines = Vec::new();
    for (gi, (owner, layers)) in groups.iter().enumerate() {
        if gi > 0 {
            lines.push(r(y - BAND_GAP / 2.0));
        }
        let title = band_title(model, owner.as_ref(), words);
        y = band(
            &mut s,
            &pal,
            &title,
            &model.layers,
            owner.as_ref(),
            layers,
            y,
            (&steps, columns),
        ) + BAND_GAP;
    }
    for ly in lines {
        s.lines.push(Line {
            x1: MARGIN - 16.0,
            y1: ly,
            x2: WIDTH - MARGIN + 16.0,
            y2: ly,
            stroke: theme.line,
            width: 5.0,
            dash: Some(Dash::Long),
            class: Class::Demarcation,
            step: steps.last + 1,
        });
    }
    s.finish(y - BAND_GAP + MARGIN)
}

/// The presenting step of each layer: the bottom band's layers at step 0, then one step per
/// layer upwards.
pub(super) struct Steps {
    of_layer: Vec<(LayerIx, u32)>,
    last: u32,
}

impl Steps {
    fn new(groups: &[(Option<Owner>, Vec<LayerIx>)]) -> Steps {
        let mut of_layer = Vec::new();
        let mut step = 0;
        for (gi, (_, layers)) in groups.iter().enumerate().rev() {
            for l in layers.iter().rev() {
                if gi + 1 != groups.len() {
                    step += 1;
                }
                of_layer.push((*l, step));
            }
        }
        Steps {
            of_layer,
            last: step,
        }
    }

    pub(super) fn of(&self, l: LayerIx) -> u32 {
        self.of_layer
            .iter()
            .find(|(x, _)| *x == l)
            .map_or(0, |(_, s)| *s)
    }
}

/// Places a centred heading across the picture; returns the y below it.
fn heading(s: &mut Scene, text: &str, style: Style, fill: Rgb, y: f64, inner: f64) -> f64 {
    let w = wrap(text, inner, style);
    let b = Bounds {
        x: MARGIN,
        y,
        w: inner,
        h: w.height(),
    };
    s.texts
        .push(Text::place(&w, b, fill, Anchor::Middle, Class::Heading));
    y + w.height()
}

/// Whether an owner has more than one run of layers: then bands would repeat, so the stack
/// shows owners on a rail beside the layers instead.
fn alternates(groups: &[(Option<Owner>, Vec<LayerIx>)]) -> bool {
    groups
        .iter()
        .enumerate()
        .any(|(i, (o, _))| groups[..i].iter().any(|(p, _)| p == o))
}

/// Runs of consecutive layers with the same owner.
fn group(model: &Model, service: Option<ServiceIx>) -> Vec<(Option<Owner>, Vec<LayerIx>)> {
    let mut groups: Vec<(Option<Owner>, Vec<LayerIx>)> = Vec::new();
    for l in model.layer_ixs() {
        let owner = model.owner(l, service).cloned();
        match groups.last_mut() {
            Some((o, ls)) if *o == owner => ls.push(l),
            _ => groups.push((owner, vec![l])),
        }
    }
    groups
}

/// The band's heading: "Customer — Responsible for security IN the cloud".
fn band_title(model: &Model, owner: Option<&Owner>, words: &Words) -> String {
    match owner {
        None => Words::fill(&words.varies, &axis(model)),
        Some(o) if o.is_shared() => {
            Words::fill(&words.shared_band, &[("parties", &words.owner(model, o))])
        }
        Some(o) => {
            let Some(first) = o.parties().first() else {
                return words.not_applicable.clone();
            };
            let p = model.party(*first);
            match &p.tagline {
                Some(t) => Words::fill(&words.band, &[("party", &p.label), ("tagline", t)]),
                None => p.label.clone(),
            }
        }
    }
}

/// Lays out one band from `top`; returns the y of its bottom edge.
#[allow(clippy::too_many_arguments)]
fn band(
    s: &mut Scene,
    pal: &Palette,
    title: &str,
    all: &[crate::model::Layer],
    owner: Option<&Owner>,
    layers: &[LayerIx],
    top: f64,
    (steps, columns): (&Steps, usize),
) -> f64 {
    let paint = band_paint(pal, owner);
    let outer = WIDTH - 2.0 * MARGIN;
    let inner = outer - 2.0 * PAD;
    let x = MARGIN + PAD;
    let first_step = layers.iter().map(|l| steps.of(*l)).min().unwrap_or(0);
    let band_at = s.rects.len();
    let title = wrap(title, inner - 2.0 * PAD, BAND);
    let mut y = top + PAD;
    let mut heading = Text::place(
        &title,
        Bounds {
            x,
            y,
            w: inner,
            h: title.height(),
        },
        text_on(paint.back),
        Anchor::Middle,
        Class::BandTitle,
    );
    heading.step = first_step;
    s.texts.push(heading);
    y += title.height() + PAD;
    // Layers side by side, `columns` to a row.
    let mut rows: Vec<Vec<LayerIx>> = Vec::new();
    for l in layers {
        match rows.last_mut() {
            Some(row) if row.len() < columns => row.push(*l),
            _ => rows.push(vec![*l]),
        }
    }
    for row in rows {
        let w = (inner - GAP * (row.len() - 1) as f64) / row.len() as f64;
        let mut bottom = y;
        for (i, l) in row.iter().enumerate() {
            let mark = s.mark();
            let lx = x + (w + GAP) * i as f64;
            bottom = bottom.max(layer(s, pal, &all[l.0], &paint, lx, y, w));
            s.set_step(mark, steps.of(*l));
        }
        y = bottom + GAP;
    }
    let bottom = y - GAP + PAD;
    let mut rect = Rect::new(
        Bounds {
            x: MARGIN,
            y: top,
            w: outer,
            h: bottom - top,
        },
        paint.back,
        Some(paint.stroke),
        Class::Band,
    );
    rect.rx = 14.0;
    rect.step = first_step;
    s.rects.insert(band_at, rect);
    bottom
}

/// The split in words, for `<desc>` and alt text.
pub fn describe(model: &Model, service: Option<ServiceIx>, words: &Words) -> String {
    let mut parts = Vec::new();
    for (owner, layers) in group(model, service) {
        let names: Vec<&str> = layers
            .iter()
            .map(|l| model.layer(*l).label.as_str())
            .collect();
        let names = names.join("; ");
        parts.push(match &owner {
            None => Words::fill(
                &words.desc_varies,
                &[axis(model).as_slice(), &[("layers", names.as_str())]].concat(),
            ),
            Some(o) => {
                let template = if o.is_na() {
                    &words.desc_na
                } else if o.is_shared() {
                    &words.desc_shared
                } else {
                    &words.desc_secures
                };
                Words::fill(
                    template,
                    &[("parties", &words.owner(model, o)), ("layers", &names)],
                )
            }
        });
    }
    let prefix = match service {
        Some(sv) => {
            Words::fill(
                &words.service_subtitle,
                &[("axis", &model.axis), ("service", &model.service(sv).label)],
            ) + ". "
        }
        None => String::new(),
    };
    // The notes of the cells this stack shows.
    for (i, (l, cs, note)) in model.cell_notes().into_iter().enumerate() {
        if cs.iter().any(|c| c.service() == service) {
            parts.push(super::matrix::note_text(model, words, i + 1, l, &cs, note));
        }
    }
    format!("{prefix}{}", parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{THREE_SERVICES, model};

    #[test]
    fn the_stack_builds_up_one_layer_a_step_over_the_bottom_group() {
        let m = model(THREE_SERVICES);
        let w = Words::default();
        // The default split: customer over provider. The provider's group shows at once (step
        // 0), then the customer's layers one a step from the bottom: os, identity, data; the
        // line between the parties comes last.
        let s = stack(&m, None, &Theme::light(), &w);
        assert_eq!(s.steps(), 4);
        let demarcation = |k: u32| {
            s.step(k)
                .lines
                .iter()
                .any(|l| l.class == Class::Demarcation)
        };
        assert!(!demarcation(3) && demarcation(4));
        let text_at = |k: u32| -> Vec<String> {
            s.step(k)
                .texts
                .iter()
                .flat_map(|t| t.lines.iter().map(|l| l.text.clone()))
                .collect()
        };
        assert!(text_at(0).contains(&"Hardware".to_string()));
        assert!(!text_at(0).contains(&"OS".to_string()));
        assert!(text_at(1).contains(&"OS".to_string()));
        assert!(!text_at(1).contains(&"Identity".to_string()));
        assert!(text_at(3).contains(&"Data".to_string()));
        assert_eq!(s.step(3).texts.len(), s.texts.len());
    }
}
