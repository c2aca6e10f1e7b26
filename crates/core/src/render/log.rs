//! `log.properties`: logger levels.

use super::ConfigFile;
use crate::spec::Spec;

pub fn render(spec: &Spec) -> ConfigFile {
    let mut entries = Vec::new();
    if !spec.log_levels.contains_key("io.trino") {
        entries.push(("io.trino".to_owned(), "INFO".to_owned()));
    }
    for (logger, level) in &spec.log_levels {
        entries.push((logger.clone(), level.to_ascii_uppercase()));
    }
    ConfigFile::properties("log.properties", entries)
}
