//! Drafting: compliant text a policy writer can start from, rather than a verdict on text
//! they have already written.

pub mod calendar;
