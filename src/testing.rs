//! What the unit tests share: small models written for the rule under test.

use std::path::Path;

use crate::model::Model;

/// The model `yaml` describes; panics with the diagnostics when it is invalid.
pub(crate) fn model(yaml: &str) -> Model {
    crate::load_str(Path::new("test.yaml"), yaml.to_string())
        .result
        .unwrap_or_else(|e| panic!("{e:#?}"))
        .value
}

/// Four layers, customer over provider by default, and three services: one as the default
/// (vm), one where the provider takes the OS (db), one where it takes the identities too and
/// the data is shared (saas).
pub(crate) const THREE_SERVICES: &str = "
id: t
title: T
parties:
  - {id: customer, label: Customer}
  - {id: provider, label: Provider}
layers:
  - {id: data, label: Data, owner: customer}
  - {id: identity, label: Identity, owner: customer}
  - {id: os, label: OS, owner: customer}
  - {id: hardware, label: Hardware, owner: provider}
services:
  - {id: vm, label: VM}
  - {id: db, label: DB, owners: {os: provider}}
  - {id: saas, label: SaaS, owners: {data: [customer, provider], identity: provider, os: provider}}
";
