//! The stack picture: one band per run of layers with the same owner (a party, a shared pair,
//! or "varies"), layers as full-width boxes, items as equal sub-boxes, and a demarcation line
//! between bands.

use super::text::{Style, Wrapped, wrap};
use super::*;
use crate::model::Owner;
use crate::model::{LayerIx, Model, ServiceIx};
use crate::theme::{Rgb, Theme, text_on};
use crate::words::Words;

pub(super) const WIDTH: f64 = 1600.0;
pub(super) const MARGIN: f64 = 40.0;
const PAD: f64 = 16.0;
pub(super) const GAP: f64 = 10.0;
const BAND_GAP: f64 = 36.0;
const ITEMS_PER_ROW: usize = 6;

const TITLE: Style = Style::new(36.0, 24.0, true, 2);
const SUBTITLE: Style = Style::new(24.0, 16.0, false, 2);
const BAND: Style = Style::new(26.0, 16.0, true, 2);
const LAYER: Style = Style::new(22.0, 14.0, false, 3);
const LAYER_HEAD: Style = Style::new(20.0, 14.0, true, 2);
const ITEM: Style = Style::new(19.0, 13.0, false, 3);

/// Lays out the stack of `model` for `service` (`None`: the layers' default owners).
///
/// Presenting steps (see [`Scene::step`]): the bottom band first, then each layer above it,
/// one at a time, then the demarcation lines.
pub fn stack(model: &Model, service: Option<ServiceIx>, theme: &Theme, words: &Words) -> Scene {
    let pal = Palette::new(model, theme);
    let title = match service {
        Some(sv) => format!("{}: {}", model.title, model.service(sv).label),
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
        let rail = super::rail::RailLabels { model, words };
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
            &steps,
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
            let p = model.party(o.parties()[0]);
            match &p.tagline {
                Some(t) => Words::fill(&words.band, &[("party", &p.label), ("tagline", t)]),
                None => p.label.clone(),
            }
        }
    }
}

/// The paints of a band: background, outline, layers, items and the strips over items.
pub(super) struct BandPaint {
    pub(super) back: Rgb,
    pub(super) stroke: Rgb,
    pub(super) layer: Paint,
    pub(super) item: Paint,
    pub(super) strip: Paint,
}

pub(super) fn band_paint(pal: &Palette, owner: Option<&Owner>) -> BandPaint {
    let (theme, t) = (pal.theme, pal.theme.tints);
    match owner {
        Some(o) if !o.is_shared() => {
            let p = o.parties()[0].0;
            BandPaint {
                back: pal.tint(p, t.band),
                stroke: if theme.patterns {
                    theme.line
                } else {
                    pal.party[p]
                },
                layer: pal.party_paint(p, t.layer),
                item: pal.party_paint(p, t.item),
                strip: pal.party_paint(p, t.strip),
            }
        }
        Some(o) => BandPaint {
            back: theme.neutral(0.05),
            stroke: theme.muted,
            layer: pal.paint(o, t.layer),
            item: pal.paint(o, t.item),
            strip: pal.paint(o, t.strip),
        },
        None => BandPaint {
            back: theme.neutral(0.05),
            stroke: theme.muted,
            layer: Paint::plain(theme.neutral(0.15)),
            item: Paint::plain(theme.neutral(0.1)),
            strip: Paint::plain(theme.neutral(0.25)),
        },
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
    steps: &Steps,
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
    for l in layers {
        let mark = s.mark();
        y = layer(s, pal, &all[l.0], &paint, x, y, inner) + GAP;
        s.set_step(mark, steps.of(*l));
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

pub(super) fn layer(
    s: &mut Scene,
    pal: &Palette,
    l: &crate::model::Layer,
    c: &BandPaint,
    x: f64,
    top: f64,
    w: f64,
) -> f64 {
    let text_pad = 16.0;
    if l.items.is_empty() {
        let label = wrap(&l.label, w - 2.0 * text_pad, LAYER);
        let h = (label.height() + 2.0 * 14.0).max(60.0);
        let b = Bounds { x, y: top, w, h };
        split_box(&mut s.rects, b, &c.layer, c.stroke, Class::Layer);
        s.texts.push(filled_text(
            pal,
            &label,
            b.inset(text_pad),
            &c.layer,
            Class::Layer,
        ));
        return top + h;
    }
    let label = wrap(&l.label, w - 2.0 * text_pad, LAYER_HEAD);
    let strip = Bounds {
        x,
        y: top,
        w,
        h: label.height() + 16.0,
    };
    split_box(&mut s.rects, strip, &c.strip, c.stroke, Class::Layer);
    s.texts.push(filled_text(
        pal,
        &label,
        strip.inset(text_pad),
        &c.strip,
        Class::Layer,
    ));
    let mut y = strip.bottom() + GAP;
    let per_row = l.items.len().min(ITEMS_PER_ROW);
    let item_w = (w - GAP * (per_row - 1) as f64) / per_row as f64;
    for row in l.items.chunks(per_row) {
        let texts: Vec<Wrapped> = row.iter().map(|it| wrap(it, item_w - 24.0, ITEM)).collect();
        let h = texts.iter().map(|t| t.height() + 24.0).fold(56.0, f64::max);
        for (i, t) in texts.iter().enumerate() {
            let b = Bounds {
                x: x + (item_w + GAP) * i as f64,
                y,
                w: item_w,
                h,
            };
            split_box(&mut s.rects, b, &c.item, c.stroke, Class::Item);
            s.texts
                .push(filled_text(pal, t, b.inset(12.0), &c.item, Class::Item));
        }
        y += h + GAP;
    }
    y - GAP
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
                let template = if o.is_shared() {
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
    for (i, (l, c, note)) in model.cell_notes().into_iter().enumerate() {
        if c.service() == service {
            parts.push(super::matrix::note_text(model, words, i + 1, l, c, note));
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
