//! The memory connector.

use super::Entries;
use crate::spec::MemoryConnector;
use crate::units::format_data_size;

/// A memory catalog.
pub fn lower(c: &MemoryConnector, e: &mut Entries<'_>) {
    e.put_opt(
        "memory.max-data-per-node",
        c.max_data_per_node.map(format_data_size),
        "max_data_per_node",
    );
}
