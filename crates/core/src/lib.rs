//! trinocfg: one typed description of a Trino cluster, checked the way Trino checks it, rendered
//! into every configuration file Trino needs.
//!
//! The crate is pure: no file, network or terminal I/O, so it compiles for `wasm32`.

pub mod catalogue;
pub mod properties;
