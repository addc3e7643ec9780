//! Temporary: pairs “ ” and straight double marks within a paragraph.
//! Replaced by the full mark pairing stage.

use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MarkFamily {
    Double,
}

#[derive(Debug, Clone)]
pub(crate) struct Quotation {
    pub(crate) content: Span,
    pub(crate) open: Span,
    pub(crate) close: Option<Span>,
    pub(crate) family: MarkFamily,
    pub(crate) paragraphs: u32,
    pub(crate) nested: Vec<Span>,
}

pub(crate) fn find_quotations(text: &str, paragraphs: &[Span]) -> Vec<Quotation> {
    let mut out = Vec::new();
    for p in paragraphs {
        let mut open: Option<usize> = None;
        for (i, c) in text[p.start..p.end].char_indices() {
            let i = i + p.start;
            match (c, open) {
                ('“', _) | ('"', None) => open = Some(i),
                ('”' | '"', Some(o)) => {
                    let ol = text[o..].chars().next().map_or(1, char::len_utf8);
                    if i > o + ol {
                        out.push(Quotation {
                            content: Span::new(o + ol, i),
                            open: Span::new(o, o + ol),
                            close: Some(Span::new(i, i + c.len_utf8())),
                            family: MarkFamily::Double,
                            paragraphs: 1,
                            nested: Vec::new(),
                        });
                    }
                    open = None;
                }
                _ => {}
            }
        }
    }
    out
}
