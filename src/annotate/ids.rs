//! Fresh `w:id` values for comments and revisions.
//!
//! Word keeps comment, revision and bookmark ids in separate spaces, but some readers do
//! not, and a clash silently attaches a comment to the wrong range. So every new id is
//! above every `w:id` already used anywhere in the package, and one counter serves
//! comments and revisions alike.

use super::AnnotateError;

/// Hands out ids above every id in use.
#[derive(Debug)]
pub(crate) struct Ids {
    next: i64,
}

/// `w:id` is an `xsd:int` in practice (Word rejects larger values).
const MAX_ID: i64 = i32::MAX as i64;

impl Ids {
    /// Start above the largest of `used` (and at least at `floor`).
    pub fn new(used: &[i64], floor: i64) -> Result<Ids, AnnotateError> {
        let next = used
            .iter()
            .copied()
            .filter(|id| *id >= 0)
            .max()
            .map_or(floor, |max| (max + 1).max(floor));
        if next > MAX_ID {
            return Err(AnnotateError::Unsupported(
                "the document already uses the largest possible revision id".into(),
            ));
        }
        Ok(Ids { next })
    }

    pub fn next(&mut self) -> Result<i64, AnnotateError> {
        if self.next > MAX_ID {
            return Err(AnnotateError::Unsupported(
                "the document has run out of revision ids".into(),
            ));
        }
        let id = self.next;
        self.next += 1;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_start_above_every_used_one() {
        let mut ids = Ids::new(&[3, 901, -1, 5011], 0).unwrap();
        assert_eq!(ids.next().unwrap(), 5012);
        assert_eq!(ids.next().unwrap(), 5013);
        let mut ids = Ids::new(&[], 0).unwrap();
        assert_eq!(ids.next().unwrap(), 0);
        assert!(Ids::new(&[i32::MAX as i64], 0).is_err());
    }
}
