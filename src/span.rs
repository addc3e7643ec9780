//! Byte spans into the caller's text.

use std::fmt;
use std::ops::{Index, Range};

/// A half-open range of UTF-8 byte offsets into the text given to
/// [`Attributor::attribute`](crate::Attributor::attribute).
///
/// Every span the crate returns lies on `char` boundaries, so slicing the
/// input with it never panics:
///
/// ```
/// use whosaid::Span;
///
/// let text = "Cui said “yes”.";
/// let span = Span::new(12, 15);
/// assert_eq!(&text[span], "yes");
/// assert_eq!(format!("{span:?}"), "12..15");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    #[inline]
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The number of bytes covered.
    #[inline]
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no byte.
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies entirely inside this span.
    #[inline]
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    #[inline]
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers, or `None` when it does not lie on char
    /// boundaries of `text`.
    pub fn get<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start..self.end)
    }

    /// The span as `char` (code point) offsets into `text`, for tools that
    /// count characters rather than bytes (the evaluation example, Python).
    ///
    /// Linear in `self.end`; meant for evaluation, not for hot paths.
    pub fn char_range(&self, text: &str) -> Range<usize> {
        let count = |b: usize| {
            let b = b.min(text.len());
            text.as_bytes()[..b]
                .iter()
                .filter(|&&x| (x & 0xC0) != 0x80)
                .count()
        };
        count(self.start)..count(self.end)
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl From<Span> for Range<usize> {
    fn from(s: Span) -> Range<usize> {
        s.start..s.end
    }
}

impl Index<Span> for str {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_range_counts_code_points() {
        let text = "é said “hi”";
        let s = Span::new(text.find('h').unwrap(), text.find('”').unwrap());
        assert_eq!(&text[s], "hi");
        assert_eq!(s.char_range(text), 8..10);
    }

    #[test]
    fn overlap_and_containment() {
        let a = Span::new(2, 8);
        assert!(a.contains(Span::new(2, 8)));
        assert!(!a.contains(Span::new(1, 3)));
        assert!(a.overlaps(Span::new(7, 9)));
        assert!(!a.overlaps(Span::new(8, 9)));
        assert_eq!(Span::new(5, 3).len(), 0);
    }
}
