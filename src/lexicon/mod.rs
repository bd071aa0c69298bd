//! The compact lexicon: what each compact promises, as cited, checkable data.
//!
//! The data lives in `lexicon/*.toml` (schema in `lexicon/README.md`) and is compiled into
//! the binary; a council adds its own with `--lexicon PATH`. This layer reads those files
//! strictly ([`load`]), checks them ([`validate`]), compiles the triggers and vocabularies
//! once ([`vocabulary`]) and hands the engine a [`Lexicon`] that is known to be valid.
//! Every problem is a [`LexiconError`] pointing at `FILE:LINE:COLUMN` with a hint.
//!
//! For the engine:
//! - [`Lexicon::bundled`] / [`Lexicon::load_paths`] build the lexicon once per run;
//!   [`Lexicon::undertakings_of`] lists a compact's undertakings, each with its
//!   [`Requirement`]s naming a trigger (`applies-when`) and, by kind, a vocabulary.
//! - [`Lexicon::vocabulary`] gives the [`CompiledVocabulary`]: call
//!   [`CompiledVocabulary::find_all`] once per text, then
//!   [`CompiledVocabulary::fired_triggers`] and [`CompiledVocabulary::spans_of`].
//! - Implement [`ExampleRunner`] so `compactproof lexicon check` runs every entry's
//!   examples through the engine.

pub mod check;
pub mod error;
pub mod load;
mod loaded;
pub mod model;
pub mod suggest;
pub mod validate;
pub mod vocabulary;

pub use check::{check_paths, run_examples, CheckReport, ExampleRunner, ExamplesRun};
pub use error::{LexiconError, LexiconErrorKind, SourceLocation};
pub use load::{bundled_sources, LexiconSource, Origin};
pub use loaded::{Compact, Lexicon, UndertakingSite};
pub use model::*;
pub use vocabulary::{CompiledVocabulary, EntryKind, VocabEntry, VocabIndex};
