//! The TPC-H and TPC-DS benchmark connectors.

use super::Entries;
use crate::spec::Tpc;

pub fn render(connector: &str, c: &Tpc, e: &mut Entries<'_>) {
    e.put_opt(&format!("{connector}.splits-per-node"), c.splits_per_node);
}
