//! `node.properties`: passed by the launcher as `-D` system properties.

use super::ConfigFile;
use crate::spec::Spec;

/// Plugin directory of the official `trinodb/trino` image.
pub const PLUGIN_DIR: &str = "/usr/lib/trino/plugin";

pub fn render(spec: &Spec) -> ConfigFile {
    ConfigFile::properties(
        "node.properties",
        vec![
            ("node.environment".into(), spec.cluster.environment.clone()),
            ("node.data-dir".into(), spec.cluster.data_dir.clone()),
            ("plugin.dir".into(), PLUGIN_DIR.into()),
        ],
    )
}
