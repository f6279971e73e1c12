//! The coverage picture, for catalogues of many rows (an imported CCM or NIST catalogue): one
//! row per group (the layers' `group`; every layer in one group when none has one) with a bar
//! split by who owns its cells (each party alone, shared, not applicable) in proportion to the
//! counts, and the counts themselves in columns beside it, with a total row. A 197-row matrix is
//! not a picture; this is.

use super::text::{Style, wrap};
use super::*;
use crate::model::{LayerIx, Model};
use crate::theme::{Rgb, Theme};
use crate::words::Words;

const MARGIN: f64 = 40.0;
const V_MARGIN: f64 = 24.0;
const LABEL_W: f64 = 300.0;
const BAR_W: f64 = 640.0;
const NUM_W: f64 = 120.0;
const GAP: f64 = 12.0;
const ROW_H: f64 = 34.0;
/// The height of a bar.
const BAR_H: f64 = 24.0;

const TITLE: Style = Style::new(34.0, 22.0, true, 2);
const SUBTITLE: Style = Style::new(20.0, 18.0, false, 2);
const HEAD: Style = Style::new(18.0, 18.0, true, 3);
const ROW: Style = Style::new(19.0, 18.0, false, 2);
const NUM: Style = Style::new(19.0, 18.0, false, 1);
const TOTAL: Style = Style::new(19.0, 18.0, true, 1);

/// The cells of one group: how many each party owns alone (by party index), how many are
/// shared, how many do not apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    /// The group's name.
    pub group: String,
    /// Cells owned by one party alone, by party index.
    pub alone: Vec<usize>,
    /// Cells two or more parties share.
    pub shared: usize,
    /// Cells that do not apply.
    pub na: usize,
}

impl Counts {
    /// Every count in the picture's column order: each party alone, shared, not applicable.
    pub fn columns(&self) -> Vec<usize> {
        let mut v = self.alone.clone();
        v.push(self.shared);
        v.push(self.na);
        v
    }

    /// Every cell of the group.
    pub fn total(&self) -> usize {
        self.columns().iter().sum()
    }
}

/// The groups in the order their first layer comes, each with its cells' counts over every
/// column; layers without a group make one called `words.coverage_other` (or
/// `words.coverage_all` when no layer has a group).
pub fn counts(model: &Model, words: &Words) -> Vec<Counts> {
    let grouped = model.layers.iter().any(|l| l.group.is_some());
    let mut out: Vec<Counts> = Vec::new();
    for l in model.layer_ixs() {
        let name = match &model.layer(l).group {
            Some(g) => g.clone(),
            None if grouped => words.coverage_other.clone(),
            None => words.coverage_all.clone(),
        };
        let i = match out.iter().position(|c| c.group == name) {
            Some(i) => i,
            None => {
                out.push(Counts {
                    group: name,
                    alone: vec![0; model.parties.len()],
                    shared: 0,
                    na: 0,
                });
                out.len() - 1
            }
        };
        count_row(model, l, &mut out[i]);
    }
    out
}

fn count_row(model: &Model, l: LayerIx, c: &mut Counts) {
    for col in model.columns() {
        let owner = model.cell(l, col);
        match owner.parties() {
            [] => c.na += 1,
            [one] => c.alone[one.0] += 1,
            _ => c.shared += 1,
        }
    }
}

/// The column heads: each party, then shared and not applicable.
fn heads(model: &Model, words: &Words) -> Vec<String> {
    let mut h: Vec<String> = model.parties.iter().map(|p| p.label.clone()).collect();
    h.push(words.coverage_shared.clone());
    h.push(words.not_applicable.clone());
    h
}

/// The fills of the columns, in `heads`' order.
fn fills(pal: &Palette, theme: &Theme, parties: usize) -> Vec<(Rgb, Option<Pattern>)> {
    let mut f: Vec<(Rgb, Option<Pattern>)> = (0..parties)
        .map(|p| (pal.tint(p, theme.tints.cell), theme.party_pattern(p)))
        .collect();
    f.push((theme.neutral(0.45), None));
    f.push((theme.neutral(0.12), None));
    f
}

/// Lays out the coverage picture.
pub fn coverage(model: &Model, theme: &Theme, words: &Words) -> Scene {
    let groups = counts(model, words);
    let heads = heads(model, words);
    let pal = Palette::new(model, theme);
    let fills = fills(&pal, theme, model.parties.len());
    let table_w = LABEL_W + GAP + BAR_W + GAP + NUM_W * heads.len() as f64;
    let width = table_w + 2.0 * MARGIN;
    let title = Words::fill(&words.coverage_title, &[("title", model.title.as_str())]);
    let mut s = Scene::new(width, title.clone(), describe(model, words), theme);
    let mut y = V_MARGIN;
    for (text, style) in [(title, TITLE), (words.coverage_subtitle.clone(), SUBTITLE)] {
        let w = wrap(&text, width - 2.0 * MARGIN, style);
        let b = Bounds {
            x: MARGIN,
            y,
            w: width - 2.0 * MARGIN,
            h: w.height(),
        };
        s.texts.push(Text::place(
            &w,
            b,
            theme.text,
            Anchor::Middle,
            Class::Heading,
        ));
        y += w.height() + 8.0;
    }
    y += 12.0;
    let num_x = MARGIN + LABEL_W + GAP + BAR_W + GAP;
    y = header(&mut s, &heads, &fills, num_x, y, theme);
    let mut total = Counts {
        group: words.coverage_total.clone(),
        alone: vec![0; model.parties.len()],
        shared: 0,
        na: 0,
    };
    for g in &groups {
        y = row(&mut s, g, (&fills, num_x), y, NUM, theme);
        for (t, n) in total.alone.iter_mut().zip(&g.alone) {
            *t += n;
        }
        total.shared += g.shared;
        total.na += g.na;
    }
    if groups.len() > 1 {
        s.lines.push(Line {
            x1: r(MARGIN),
            y1: r(y + 2.0),
            x2: r(MARGIN + table_w),
            y2: r(y + 2.0),
            stroke: theme.text,
            width: 1.5,
            dash: None,
            step: 0,
            class: Class::Row,
        });
        y = row(&mut s, &total, (&fills, num_x), y + 8.0, TOTAL, theme);
    }
    s.finish(y + V_MARGIN)
}

/// The column heads: a swatch of each column's fill over its name; returns the y below.
fn header(
    s: &mut Scene,
    heads: &[String],
    fills: &[(Rgb, Option<Pattern>)],
    num_x: f64,
    y: f64,
    theme: &Theme,
) -> f64 {
    let wrapped: Vec<_> = heads.iter().map(|h| wrap(h, NUM_W - 8.0, HEAD)).collect();
    let head_h = wrapped.iter().map(|w| w.height()).fold(0.0, f64::max) + 30.0;
    for (i, (w, (fill, pattern))) in wrapped.iter().zip(fills).enumerate() {
        let x = num_x + NUM_W * i as f64;
        let swatch = Bounds {
            x: x + (NUM_W - 24.0) / 2.0,
            y,
            w: 24.0,
            h: 20.0,
        };
        s.rects.push(Rect {
            pattern: *pattern,
            ..Rect::new(swatch, *fill, Some(theme.text), Class::Swatch)
        });
        let b = Bounds {
            x: x + 4.0,
            y: y + 26.0,
            w: NUM_W - 8.0,
            h: head_h - 26.0,
        };
        s.texts
            .push(Text::place(w, b, theme.text, Anchor::Middle, Class::Column));
    }
    y + head_h + 6.0
}

/// One group's row: its name and total, its bar, its counts; returns the y below it.
fn row(
    s: &mut Scene,
    g: &Counts,
    (fills, num_x): (&[(Rgb, Option<Pattern>)], f64),
    y: f64,
    style: Style,
    theme: &Theme,
) -> f64 {
    let label = wrap(&format!("{} ({})", g.group, g.total()), LABEL_W, ROW);
    let h = (label.height() + 8.0).max(ROW_H);
    let lb = Bounds {
        x: MARGIN,
        y,
        w: LABEL_W,
        h,
    };
    s.texts.push(Text::place(
        &label,
        lb,
        theme.text,
        Anchor::Start,
        Class::Row,
    ));
    let total = g.total().max(1) as f64;
    let mut x = MARGIN + LABEL_W + GAP;
    let bar_y = y + (h - BAR_H) / 2.0;
    for (n, (fill, pattern)) in g.columns().iter().zip(fills) {
        if *n == 0 {
            continue;
        }
        let w = BAR_W * *n as f64 / total;
        let b = Bounds {
            x,
            y: bar_y,
            w,
            h: BAR_H,
        };
        s.rects.push(Rect {
            pattern: *pattern,
            ..Rect::new(b, *fill, None, Class::Cell)
        });
        x += w;
    }
    s.rects.push(Rect {
        fill: None,
        ..Rect::new(
            Bounds {
                x: MARGIN + LABEL_W + GAP,
                y: bar_y,
                w: BAR_W,
                h: BAR_H,
            },
            theme.text,
            Some(theme.text),
            Class::Outline,
        )
    });
    for (i, n) in g.columns().iter().enumerate() {
        let w = wrap(&n.to_string(), NUM_W - 8.0, style);
        let b = Bounds {
            x: num_x + NUM_W * i as f64 + 4.0,
            y,
            w: NUM_W - 8.0,
            h,
        };
        s.texts
            .push(Text::place(&w, b, theme.text, Anchor::Middle, Class::Cell));
    }
    y + h + 2.0
}

/// The picture in sentences: each group's counts, named.
pub fn describe(model: &Model, words: &Words) -> String {
    let heads = heads(model, words);
    counts(model, words)
        .iter()
        .map(|g| {
            let parts: Vec<String> = heads
                .iter()
                .zip(g.columns())
                .filter(|(_, n)| *n > 0)
                .map(|(h, n)| {
                    Words::fill(
                        &words.coverage_count,
                        &[("owner", h), ("count", &n.to_string())],
                    )
                })
                .collect();
            Words::fill(
                &words.coverage_desc,
                &[
                    ("group", &g.group),
                    ("total", &g.total().to_string()),
                    ("counts", &parts.join(", ")),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{THREE_SERVICES, model};

    /// What the picture says must be what the cells say: for every model, the numbers drawn
    /// are each group's counts (then the totals), counted here from the cells, and each bar's
    /// segments are as wide as their share.
    fn check(m: &Model) {
        let words = Words::default();
        let s = coverage(m, &Theme::light(), &words);
        let groups = counts(m, &words);
        let mut expected: Vec<usize> = Vec::new();
        let mut widths: Vec<f64> = Vec::new();
        let mut totals = vec![0; m.parties.len() + 2];
        for g in &groups {
            let cols = g.columns();
            expected.extend(&cols);
            widths.extend(
                cols.iter()
                    .filter(|n| **n > 0)
                    .map(|n| BAR_W * *n as f64 / g.total() as f64),
            );
            for (t, n) in totals.iter_mut().zip(&cols) {
                *t += n;
            }
        }
        // The counts, here from the cells directly.
        let mut by_cell = vec![0; m.parties.len() + 2];
        for l in m.layer_ixs() {
            for c in m.columns() {
                let i = match m.cell(l, c).parties() {
                    [] => m.parties.len() + 1,
                    [one] => one.0,
                    _ => m.parties.len(),
                };
                by_cell[i] += 1;
            }
        }
        assert_eq!(totals, by_cell, "{}", m.id);
        if groups.len() > 1 {
            expected.extend(&totals);
            let all = totals.iter().sum::<usize>() as f64;
            widths.extend(
                totals
                    .iter()
                    .filter(|n| **n > 0)
                    .map(|n| BAR_W * *n as f64 / all),
            );
        }
        let drawn: Vec<usize> = s
            .texts
            .iter()
            .filter(|t| t.class == Class::Cell)
            .map(|t| t.lines[0].text.parse().unwrap())
            .collect();
        assert_eq!(drawn, expected, "{}", m.id);
        let bars: Vec<f64> = s
            .rects
            .iter()
            .filter(|r| r.class == Class::Cell)
            .map(|r| r.w)
            .collect();
        assert_eq!(bars.len(), widths.len());
        for (a, b) in bars.iter().zip(&widths) {
            assert!((a - b).abs() < 0.02, "{a} vs {b}");
        }
    }

    #[test]
    fn a_ccm_sized_catalogue_reads_on_a_slide() {
        // CCM v4: 197 controls in 17 domains, one column, three parties.
        let mut yaml = String::from(
            "id: c\ntitle: A provider's CAIQ\nparties:\n  - {id: csc, label: Customer (CSC)}\n  - {id: tp, label: Third party}\n  - {id: csp, label: Provider (CSP)}\nlayers:\n",
        );
        for i in 0..197 {
            let owner = ["csc", "tp", "csp", "[csc, csp]", "n/a"][i % 5];
            yaml.push_str(&format!(
                "  - {{id: l{i}, label: L{i}, group: Domain {}, owner: {owner}}}\n",
                i % 17
            ));
        }
        let m = model(&yaml);
        let s = coverage(&m, &Theme::light(), &Words::default());
        assert!(s.legible_on_a_slide(), "{:.1} px", s.slide_text_px());
        check(&m);
    }

    #[test]
    fn the_numbers_and_bars_are_the_cells_counts() {
        check(&model(THREE_SERVICES));
        let grouped = THREE_SERVICES
            .replace(
                "{id: data, label: Data,",
                "{id: data, label: Data, group: A,",
            )
            .replace("{id: os, label: OS,", "{id: os, label: OS, group: A,")
            .replace(
                "{id: identity, label: Identity,",
                "{id: identity, label: Identity, group: B,",
            );
        let m = model(&grouped);
        assert_eq!(
            counts(&m, &Words::default())
                .iter()
                .map(|g| g.group.as_str())
                .collect::<Vec<_>>(),
            ["A", "B", "Other"]
        );
        check(&m);
        for entry in std::fs::read_dir("model").unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml")
                && !path.to_string_lossy().contains(".fr.")
            {
                let loaded = crate::load_file(&path);
                if let Some(m) = loaded.model() {
                    check(m);
                }
            }
        }
    }
}
