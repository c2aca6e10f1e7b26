//! The playground's leaf components; each takes its data and `Callback`s as props.

pub mod check;
pub mod diagnostics;
pub mod editor;
pub mod memory;
pub mod preview;
