//! The integration tests, one crate: the binary run as users run it, and the library's
//! layout and loading checked over bundled, hand-written and random models.

mod common;

mod architecture;
mod build;
mod confinement;
mod diff;
mod documents;
mod export;
mod hostile;
mod hostile_import;
mod import;
mod invalid_models;
mod layout;
mod mdbook;
mod no_panic;
mod output_errors;
mod pages;
mod pdf;
mod quiz;
mod record;
mod serve;
mod themes;
mod translation;
mod workflow;
