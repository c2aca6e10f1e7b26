//! `log.properties`: logger levels.

use super::{key_path, Props};
use crate::model::File;
use crate::spec::Spec;

/// `log.properties`: `io.trino=INFO` unless the spec sets it, then the spec's levels.
pub fn lower(spec: &Spec) -> File {
    let mut p = Props::default();
    if !spec.log_levels.contains_key("io.trino") {
        p.put("io.trino", "INFO", "log_levels");
    }
    for (logger, level) in &spec.log_levels {
        p.put(
            logger,
            level.to_ascii_uppercase(),
            key_path("log_levels", logger),
        );
    }
    p.file("log.properties", "log_levels")
}
