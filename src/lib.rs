//! compactproof proofs draft policy documents against a local Compact: the agreement in
//! which English public bodies and the voluntary and community sector promise each other
//! twelve weeks for consultation, three months' written notice before funding ends, respect
//! for the sector's independence, and more.
//!
//! Data flows one way: [`ingest`] reads a file into a [`document::Document`]; the lexicon
//! says what each compact promises; the engine turns a document into findings; renderers
//! present findings. No layer reaches back into an earlier one, and only the binary prints.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod annotate;
pub mod compare;
pub mod config;
pub mod document;
pub mod draft;
pub mod engine;
pub mod eval;
pub mod extract;
pub mod findings;
pub mod ingest;
pub mod lexicon;
pub mod render;
