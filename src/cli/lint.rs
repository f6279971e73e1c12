//! `demarcate lint`: reports every error and warning of the models (and of the templates, when
//! a templates folder is in force); writes nothing.

use super::run::{exit_of, load_all};
use super::settings::resolve;
use super::{BuildArgs, Exit, LintArgs, Outcome, plural, report, stop};
use crate::render::Renderer;
use crate::words::Words;

/// `demarcate lint`.
pub(super) fn run(lint: &LintArgs) -> Outcome {
    let args = BuildArgs {
        models: lint.models.clone(),
        input: lint.input.clone(),
        ..BuildArgs::default()
    };
    let settings = resolve(&args).map_err(|d| stop(&d))?;
    let mut template_errors = 0;
    if let Some(dir) = &settings.templates {
        let checks = [Renderer::new(Some(dir)).err(), Words::load(Some(dir)).err()];
        for d in checks.iter().flatten() {
            report(d, None);
            if d.io {
                return Err(Exit::Io);
            }
            template_errors += 1;
        }
    }
    let loaded = load_all(
        &settings.models,
        &settings.limits,
        settings.lang.as_deref(),
        true,
    );
    let mut strict_errors = 0;
    if lint.strict {
        for l in &loaded {
            for d in l
                .model()
                .map(|m| crate::validate::untraced(m, 20))
                .unwrap_or_default()
            {
                report(&d.in_file(&l.path), Some(&l.source));
                strict_errors += 1;
            }
        }
    }
    let errors: usize = template_errors
        + strict_errors
        + loaded
            .iter()
            .filter(|l| l.has_errors())
            .map(|l| l.diags().len())
            .sum::<usize>();
    let warnings: usize = loaded
        .iter()
        .filter(|l| !l.has_errors())
        .map(|l| l.diags().len())
        .sum();
    let n = loaded.len();
    say!(
        "{n} model{}: {errors} error{}, {warnings} warning{}",
        plural(n),
        plural(errors),
        plural(warnings)
    );
    if loaded.iter().any(|l| l.has_errors()) {
        Err(exit_of(&loaded))
    } else if errors > 0 {
        Err(Exit::Invalid)
    } else {
        Ok(())
    }
}
