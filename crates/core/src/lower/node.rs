//! `node.properties`: passed by the launcher as `-D` system properties.

use super::Props;
use crate::model::File;
use crate::spec::Spec;

/// Plugin directory of the official `trinodb/trino` image.
pub const PLUGIN_DIR: &str = "/usr/lib/trino/plugin";

/// `node.properties`, the same for every node.
pub fn lower(spec: &Spec) -> File {
    let mut p = Props::default();
    p.put(
        "node.environment",
        spec.cluster.environment.clone(),
        "cluster.environment",
    );
    p.put(
        "node.data-dir",
        spec.cluster.data_dir.clone(),
        "cluster.data_dir",
    );
    p.put("plugin.dir", PLUGIN_DIR, "cluster");
    p.file("node.properties", "cluster")
}
