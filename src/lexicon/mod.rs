//! The compact lexicon: what each compact promises, as cited, checkable data.

pub mod model;

pub use model::*;
