//! PDF reading (placeholder until the PDF reader lands).

use super::{IngestError, Limits};
use crate::document::Document;

pub(super) fn read(_bytes: &[u8], _limits: &Limits) -> Result<Document, IngestError> {
    Err(IngestError::Pdf("PDF reading is not built yet".into()))
}
