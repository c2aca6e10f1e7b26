//! The commented starter spec that `trinocfg init` writes.

/// The commented starter spec.
pub fn starter() -> String {
    String::new()
}
