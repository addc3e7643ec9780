//! Per-token buffers kept from one call to the next on the same thread.
//!
//! A long text needs per-token tables of many megabytes. Allocated afresh
//! on every call, their pages are mapped and zeroed by the kernel each
//! time, a cost that grows faster than the text once the tables outgrow
//! the caches. Kept here instead, a thread attributing article after
//! article reuses the same memory. Buffers above [`KEEP_BYTES`] in all are
//! released, so one huge document does not pin its memory to the thread.

use std::cell::Cell;

use crate::attribute::{Raw, Source, Tables};
use crate::mention::Mention;
use crate::model::Cue;
use crate::span::Span;
use crate::text::{Paragraph, Sentence, Token};
use crate::{entity, marks};

/// Buffers larger than this, together, are not kept. A 5 MB text needs
/// about 120 MB; at 64 MB its buffers were dropped and faulted in afresh
/// on every call, which cost a third of its time (the bench's one-paragraph
/// shape at 16×: 231 ms, against 163 ms kept).
const KEEP_BYTES: usize = 256 << 20;

/// The reusable buffers. Stages take them, clear them and fill them;
/// their contents never carry over.
#[derive(Default)]
pub(crate) struct Scratch {
    pub(crate) tokens: Vec<Token>,
    pub(crate) paragraphs: Vec<Paragraph>,
    pub(crate) sentences: Vec<Sentence>,
    pub(crate) names: Vec<Mention>,
    /// The attribution stage's per-token tables of names, quotations
    /// and cues.
    pub(crate) tables: Tables,
    pub(crate) marks: marks::Buffers,
    pub(crate) entity: entity::Buffers,
    /// The attribution stage's statements, until they are quotes.
    pub(crate) raws: Vec<Raw>,
    /// The statements of quotations no cue frame took, until they join
    /// those of the frames.
    pub(crate) direct: Vec<(usize, Raw)>,
    /// The spans of the paragraphs and of the quotations' contents.
    pub(crate) paras: Vec<Span>,
    pub(crate) inside: Vec<Span>,
    /// The source and cue of each lead-in (`NAME said:`), by paragraph.
    pub(crate) lead_in: Vec<(usize, Source, Cue)>,
}

thread_local! {
    static KEPT: Cell<Option<Scratch>> = const { Cell::new(None) };
}

/// Buffers used only for a moment of a call are not kept past it when
/// they are larger than this: a long text's would sit idle through the
/// rest of the call, when its memory peaks.
pub(crate) const TRANSIENT_BYTES: usize = 64 << 10;

/// Empties buffer `v`, and releases its memory when it is larger than
/// [`TRANSIENT_BYTES`].
pub(crate) fn release_large<T>(v: &mut Vec<T>) {
    v.clear();
    if v.capacity() * std::mem::size_of::<T>() > TRANSIENT_BYTES {
        *v = Vec::new();
    }
}

/// Takes buffer `v` out of the scratch, emptied (its capacity kept).
pub(crate) fn reuse<T>(v: &mut Vec<T>) -> Vec<T> {
    let mut v = std::mem::take(v);
    v.clear();
    v
}

/// The buffers this thread kept, or new ones.
pub(crate) fn take() -> Scratch {
    KEPT.try_with(Cell::take).ok().flatten().unwrap_or_default()
}

/// Hands the buffers back for the next call on this thread.
pub(crate) fn give(mut s: Scratch) {
    let bytes = s.tokens.capacity() * std::mem::size_of::<Token>()
        + s.paragraphs.capacity() * std::mem::size_of::<Paragraph>()
        + s.sentences.capacity() * std::mem::size_of::<Sentence>()
        + s.names.capacity() * std::mem::size_of::<Mention>()
        + s.tables.bytes()
        + s.marks.bytes()
        + s.entity.bytes()
        + s.raws.capacity() * std::mem::size_of::<Raw>()
        + s.direct.capacity() * std::mem::size_of::<(usize, Raw)>()
        + (s.paras.capacity() + s.inside.capacity())
            * std::mem::size_of::<Span>()
        + s.lead_in.capacity() * std::mem::size_of::<(usize, Source, Cue)>();
    if bytes > KEEP_BYTES {
        return;
    }
    s.tokens.clear();
    s.paragraphs.clear();
    s.sentences.clear();
    s.names.clear();
    // During thread teardown there is nowhere to keep them: dropped.
    let _ = KEPT.try_with(|k| k.set(Some(s)));
}

#[cfg(test)]
mod tests {
    #[test]
    fn buffers_are_kept_for_the_next_call() {
        let a = crate::Attributor::new();
        a.attribute("“We are ready,” said Ana Ruiz, the mayor of Valdoria.");
        let s = super::take();
        assert!(s.tokens.capacity() > 0 && s.tables.bytes() > 0);
        assert!(s.tokens.is_empty());
        super::give(s);
    }
}
