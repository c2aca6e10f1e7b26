//! The TPC-H and TPC-DS benchmark connectors.

use super::Entries;
use crate::spec::Tpc;

/// A TPC-H or TPC-DS catalog.
pub fn lower(connector: &str, c: &Tpc, e: &mut Entries<'_>) {
    e.put_opt(
        &format!("{connector}.splits-per-node"),
        c.splits_per_node,
        "splits_per_node",
    );
}
