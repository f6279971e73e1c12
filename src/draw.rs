//! Stage 5: rasterising the PNG jobs of a build on every core, each PNG handed on as soon as
//! it is encoded.

use rayon::prelude::*;

use crate::PngJob;
use crate::diag::Diagnostic;
use crate::raster::{self, Canvas};

/// Why drawing stopped: a picture could not be drawn, or `sink` refused one.
#[derive(Debug)]
pub enum DrawFailure<E> {
    /// A PNG could not be drawn.
    Draw(Diagnostic),
    /// The sink failed with this error.
    Sink(E),
}

/// Draws PNG jobs on every core and hands each PNG to `sink` as soon as it is encoded (from the
/// thread that drew it), so no more than one PNG a thread is held in memory.
pub fn draw<E: Send>(
    jobs: &[PngJob],
    canvas: Canvas,
    sink: impl Fn(&PngJob, Vec<u8>) -> Result<(), E> + Sync,
) -> Result<(), DrawFailure<E>> {
    jobs.par_iter().try_for_each(|j| {
        let bytes = raster::png(&j.svg, canvas)
            .map_err(|e| DrawFailure::Draw(draw_error(&j.path.display().to_string(), &e)))?;
        sink(j, bytes).map_err(DrawFailure::Sink)
    })
}

pub(crate) fn draw_error(name: &str, e: &raster::RasterError) -> Diagnostic {
    Diagnostic::error(format!("cannot draw {name}: {e}")).hint(
        "with --templates, check the SVG templates there; with the bundled templates this is a bug in demarcate: please report it with the model",
    )
}
