//! The crate's one error type.

/// What can go wrong: building an [`Attributor`](crate::Attributor) with bad
/// options, or handing [`attribute_bytes`](crate::Attributor::attribute_bytes)
/// bytes that are not UTF-8. Attributing text itself never fails.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A cue given to the builder is not a usable word.
    #[error("invalid cue {cue:?}: {reason}")]
    InvalidCue {
        /// The cue as given.
        cue: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// The bytes given are not valid UTF-8.
    #[error("invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// Offset of the first byte that is not part of a valid sequence.
        offset: usize,
    },
}
