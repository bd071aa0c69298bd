//! A last line of defence around calls into lopdf.
//!
//! We validate what we can before handing bytes to lopdf and bound everything it decodes,
//! but it is a large parser fed hostile input, and a panic inside it must become an input
//! error ("not a readable PDF"), not a crash. [`contain`] runs one lopdf call under
//! `catch_unwind` and, while it runs, keeps the default panic hook from printing its
//! message on this thread, so the CLI's contract of exactly one error line holds. The hook
//! is installed once, chains to whatever hook was there before, and is silent only inside
//! [`contain`] on the calling thread; panics anywhere else print as usual.

use super::super::IngestError;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static QUIET: Cell<u32> = const { Cell::new(0) };
}

static INSTALL: Once = Once::new();

/// Run `call` (a call into lopdf), turning a panic into [`IngestError::Pdf`] that says
/// `what` was being done.
pub(super) fn contain<T>(what: &str, call: impl FnOnce() -> T) -> Result<T, IngestError> {
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(q.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(call));
    QUIET.with(|q| q.set(q.get().saturating_sub(1)));
    result.map_err(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown failure".to_string());
        IngestError::Pdf(one_line(&format!(
            "the PDF library failed while {what} ({detail}); the file is probably damaged"
        )))
    })
}

/// Collapse a message onto one line, so every error is exactly one line on stderr.
pub(super) fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_input_error() {
        let result: Result<(), _> = contain("testing", || panic!("boom\nsecond line"));
        let message = result.unwrap_err().to_string();
        assert!(
            message.contains("while testing (boom second line)"),
            "{message}"
        );
        assert!(!message.contains('\n'));
    }

    #[test]
    fn normal_results_pass_through() {
        assert_eq!(contain("testing", || 7).unwrap(), 7);
    }
}
