//! Unit tests of the annex model and its renderers.
