//! Quotation marks paired into quotation spans.
//!
//! Each paragraph is read once, left to right. A byte scan finds the
//! candidate marks (`"`, `'`, `` ` ``, `&` entities and the non-ASCII marks,
//! whose UTF-8 lead bytes are 0xC2, 0xE2 and 0xE3); a few linear passes over
//! those marks settle what each one is (opener, closer, apostrophe, noise);
//! and a stack pairs them. The stack is local to a paragraph: the only state
//! that crosses a paragraph break is a double, guillemet or corner quotation
//! left open at its end, which continues when the next paragraph begins
//! with a reopening mark of the same family (the print convention for a
//! quotation over several paragraphs) and is otherwise emitted unclosed.
//!
//! Everything is linear in the length of the text: every mark is pushed and
//! popped at most once, the stack keeps per-class links so that the nearest
//! open mark of a class is found without a search, and the look-arounds
//! (neighbouring characters, elided words) read a bounded number of bytes.

use crate::span::Span;
use crate::swar::{bytes_below, bytes_equal, HIGH};

/// Which family a quotation's marks belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum MarkFamily {
    /// `"…"`, `“…”`, `„…“`, `„…”`, ``` ``…'' ```, `''…''`, `”…”` and the
    /// matching HTML entities.
    Double,
    /// `'…'`, `‘…’`, `‚…‘`, `` `…' `` and the matching HTML entities.
    Single,
    /// `«…»` (French) or `»…«` (German).
    Guillemet,
    /// `‹…›` or `›…‹`.
    SingleGuillemet,
    /// `「…」`.
    Corner,
    /// `『…』`.
    WhiteCorner,
}

/// A top-level quotation found by [`find_quotations`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Quotation {
    /// The content between the marks. For a quotation over several
    /// paragraphs: from after the first opening mark to before the last
    /// closing mark, including the paragraph breaks and reopening marks in
    /// between. For an unclosed one: from after the opening mark to the end
    /// of its last paragraph (or to the next opener of its kind), without
    /// trailing whitespace. Never empty nor whitespace only.
    pub(crate) content: Span,
    /// The opening mark's span: the bytes of the mark itself (3 for `“`, 6
    /// for `&quot;`, 2 for ``` `` ```).
    pub(crate) open: Span,
    /// The closing mark's span; `None` when the quotation was never closed.
    pub(crate) close: Option<Span>,
    /// The family of the opening mark.
    pub(crate) family: MarkFamily,
    /// How many paragraphs it spans (1 for most).
    pub(crate) paragraphs: u32,
    /// Content spans (without marks) of the quotations nested inside this
    /// one, at any depth, sorted by position; e.g. `Meh` inside
    /// `"It feels like, 'Meh, ...'"`.
    pub(crate) nested: Vec<Span>,
}

/// [`find_quotations_in`] with buffers of its own.
#[cfg(test)]
pub(crate) fn find_quotations(
    text: &str,
    paragraphs: &[Span],
) -> Vec<Quotation> {
    find_quotations_in(text, paragraphs, &mut Buffers::default())
}

/// Top-level quotations of `text`, sorted by position and not overlapping.
///
/// `paragraphs` are the paragraph spans of `text` (sorted, non-overlapping;
/// the text between them is whitespace). An empty slice means the whole text
/// is one paragraph. A paragraph the caller knows to hold no mark (no
/// character [`is_mark_char`] and no `&`) may be passed as an empty span
/// at its start: it is not read, and, like any paragraph without a mark,
/// ends a quotation carried into it. Marks outside every paragraph are
/// ignored; paragraphs that are unsorted, overlapping, out of bounds or
/// off char boundaries are repaired rather than trusted, so this never
/// panics.
///
/// Every returned span lies within `text` on char boundaries, and for each
/// quotation `open.end == content.start` and, when closed,
/// `content.end <= close.start`. Runs in time and memory linear in the
/// length of `text`.
/// `buffers` are working memory kept between calls; what they hold on
/// entry is ignored.
pub(crate) fn find_quotations_in(
    text: &str,
    paragraphs: &[Span],
    buffers: &mut Buffers,
) -> Vec<Quotation> {
    let mut pairer = Pairer::new(text, std::mem::take(buffers));
    normalise(text, paragraphs, |p| pairer.paragraph(p));
    let (quotations, kept) = pairer.finish();
    *buffers = kept;
    quotations
}

/// The pairing stage's working buffers, per mark; their contents never
/// carry over from one call to the next.
#[derive(Default)]
pub(crate) struct Buffers {
    /// The document's quotations, in the order they close.
    raw: Vec<Raw>,
    /// The current paragraph's marks and their neighbours.
    toks: Vec<Tok>,
    ctx: Vec<Ctx>,
    /// For `"` and `''`: the direction settled before pairing.
    role: Vec<Shape>,
    /// Marks that take no part in pairing: apostrophes, elisions and the
    /// mark that reopens a carried quotation.
    skip: Vec<bool>,
    /// Whether a closer-looking single mark follows in the paragraph.
    later_close: Vec<bool>,
    /// The open marks.
    stack: Vec<Entry>,
}

impl Buffers {
    /// The memory the buffers hold, in bytes.
    pub(crate) fn bytes(&self) -> usize {
        use std::mem::size_of;
        self.raw.capacity() * size_of::<Raw>()
            + self.toks.capacity() * size_of::<Tok>()
            + self.ctx.capacity() * size_of::<Ctx>()
            + self.role.capacity() * size_of::<Shape>()
            + self.skip.capacity()
            + self.later_close.capacity()
            + self.stack.capacity() * size_of::<Entry>()
    }
}

/// Calls `read` with the paragraphs to read, in order: sorted, inside
/// `text`, on char boundaries and non-overlapping, whatever the caller
/// passed. (Sorted paragraphs, as the pipeline passes them, are read in
/// place.)
fn normalise(text: &str, paragraphs: &[Span], mut read: impl FnMut(Span)) {
    if paragraphs.is_empty() {
        return read(Span::new(0, text.len()));
    }
    let sorted;
    let paragraphs = if paragraphs.is_sorted() {
        paragraphs
    } else {
        let mut copy = paragraphs.to_vec();
        copy.sort_unstable();
        sorted = copy;
        &sorted
    };
    let mut floor = 0;
    for &p in paragraphs {
        if p.start == p.end {
            // Passed empty: a paragraph without a mark, kept in its place.
            if floor <= p.start && text.is_char_boundary(p.start) {
                read(p);
            }
            continue;
        }
        let mut start = p.start.max(floor).min(text.len());
        let mut end = p.end.min(text.len());
        while !text.is_char_boundary(start) {
            start += 1;
        }
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if start < end {
            read(Span::new(start, end));
            floor = end;
        }
    }
}

/// One kind of mark as written in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Glyph {
    /// `"`, `&quot;`, `&#34;`.
    Straight,
    /// `'`, `&apos;`, `&#39;`.
    Apos,
    /// `''`: TeX/PTB closer, or both marks of `''…''`.
    TwoApos,
    /// ``` `` ```: TeX/PTB opener.
    TwoTicks,
    /// `` ` ``: TeX single opener.
    Tick,
    LeftDouble,
    RightDouble,
    LowDouble,
    LeftSingle,
    RightSingle,
    LowSingle,
    LeftAngle,
    RightAngle,
    LeftAngle1,
    RightAngle1,
    CornerOpen,
    CornerClose,
    WhiteOpen,
    WhiteClose,
}

/// Whether `c` is a quotation mark (or an ASCII character of one: `'`,
/// `` ` ``); a mark spelled as an HTML entity starts with `&`.
pub(crate) fn is_mark_char(c: char) -> bool {
    c == '`' || Glyph::from_char(c).is_some()
}

impl Glyph {
    /// The glyph's bit in a set of glyphs.
    fn bit(self) -> u32 {
        1 << self as u32
    }

    fn from_char(c: char) -> Option<Glyph> {
        Some(match c {
            '"' => Glyph::Straight,
            '\'' => Glyph::Apos,
            '“' => Glyph::LeftDouble,
            '”' => Glyph::RightDouble,
            '„' => Glyph::LowDouble,
            '‘' => Glyph::LeftSingle,
            '’' => Glyph::RightSingle,
            '‚' => Glyph::LowSingle,
            '«' => Glyph::LeftAngle,
            '»' => Glyph::RightAngle,
            '‹' => Glyph::LeftAngle1,
            '›' => Glyph::RightAngle1,
            '「' => Glyph::CornerOpen,
            '」' => Glyph::CornerClose,
            '『' => Glyph::WhiteOpen,
            '』' => Glyph::WhiteClose,
            _ => return None,
        })
    }

    /// The character this mark stands for, so that a neighbouring entity or
    /// digraph is judged like the character it encodes.
    fn as_char(self) -> char {
        match self {
            Glyph::Straight | Glyph::TwoApos => '"',
            Glyph::Apos => '\'',
            Glyph::TwoTicks | Glyph::LeftDouble => '“',
            Glyph::Tick | Glyph::LeftSingle => '‘',
            Glyph::RightDouble => '”',
            Glyph::LowDouble => '„',
            Glyph::RightSingle => '’',
            Glyph::LowSingle => '‚',
            Glyph::LeftAngle => '«',
            Glyph::RightAngle => '»',
            Glyph::LeftAngle1 => '‹',
            Glyph::RightAngle1 => '›',
            Glyph::CornerOpen => '「',
            Glyph::CornerClose => '」',
            Glyph::WhiteOpen => '『',
            Glyph::WhiteClose => '』',
        }
    }

    /// Marks that double as apostrophes and so need the apostrophe rules.
    fn is_apostrophe_like(self) -> bool {
        Glyph::APOSTROPHE_LIKE.contains(&self)
    }

    const APOSTROPHE_LIKE: [Glyph; 3] =
        [Glyph::Apos, Glyph::LeftSingle, Glyph::RightSingle];

    /// The class an opener of this glyph belongs to when it is a double.
    fn double_class(self) -> Class {
        match self {
            Glyph::Straight => Class::Straight,
            Glyph::TwoApos | Glyph::TwoTicks => Class::Tex,
            _ => Class::Curly,
        }
    }
}

/// Open marks are tracked per class: a closer looks for the nearest opener
/// of its own class first (so `”` closes `“` rather than a stray `"`), and a
/// second opener of a class that does not nest (a `“` inside a `“`) ends
/// the first one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Straight,
    Curly,
    Tex,
    Angle,
    Angle1,
    Corner,
    White,
    Single,
}

const CLASSES: usize = 8;

impl Class {
    fn index(self) -> usize {
        self as usize
    }

    fn family(self) -> MarkFamily {
        match self {
            Class::Straight | Class::Curly | Class::Tex => MarkFamily::Double,
            Class::Angle => MarkFamily::Guillemet,
            Class::Angle1 => MarkFamily::SingleGuillemet,
            Class::Corner => MarkFamily::Corner,
            Class::White => MarkFamily::WhiteCorner,
            Class::Single => MarkFamily::Single,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    span: Span,
    glyph: Glyph,
}

/// The characters on either side of a mark, inside its paragraph (`None`
/// at the paragraph's edges).
#[derive(Clone, Copy, Debug)]
struct Ctx {
    prev: Option<char>,
    next: Option<char>,
}

/// Which way a mark leans, read off its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Open,
    Close,
    /// Both or neither: the state of the stack decides.
    Either,
}

impl Ctx {
    /// Could open: after start, space, bracket, dash or another opening
    /// mark, and before something that is not a space.
    fn left(self) -> bool {
        self.prev.is_none_or(opening_context)
            && self.next.is_some_and(|c| !is_space(c))
    }

    /// Could close: after something that is not a space, and before space,
    /// punctuation or the end.
    fn right(self) -> bool {
        self.prev.is_some_and(|c| !is_space(c))
            && self.next.is_none_or(|c| is_space(c) || is_punct(c))
    }

    fn shape(self) -> Shape {
        match (self.left(), self.right()) {
            (true, false) => Shape::Open,
            (false, true) => Shape::Close,
            _ => Shape::Either,
        }
    }
}

/// Whitespace, and the invisible characters that separate words as well:
/// the segmenter's definition, so that both stages agree on flanking.
use crate::text::is_space;

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '¡' | '§'
                | '«'
                | '¶'
                | '·'
                | '»'
                | '¿'
                | '\u{2010}'..='\u{2027}'
                | '\u{2030}'..='\u{205E}'
                | '\u{3001}'..='\u{3003}'
                | '\u{3008}'..='\u{3011}'
                | '\u{3014}'..='\u{301F}'
                | '\u{FF01}'..='\u{FF0F}'
                | '\u{FF1A}'..='\u{FF20}'
                | '\u{FF3B}'..='\u{FF40}'
                | '\u{FF5B}'..='\u{FF65}'
        )
}

/// What may stand before an opening mark.
fn opening_context(c: char) -> bool {
    is_space(c)
        || matches!(
            c,
            '(' | '['
                | '{'
                | '<'
                | '（'
                | '［'
                | '｛'
                | '〈'
                | '《'
                | '【'
                | '〔'
                | '-'
                | '\u{2010}'
                ..='\u{2015}'
                    | '\u{2212}'
                    | '"'
                    | '\''
                    | '`'
                    | '“'
                    | '‘'
                    | '„'
                    | '‚'
                    | '‟'
                    | '‛'
                    | '«'
                    | '»'
                    | '‹'
                    | '›'
                    | '「'
                    | '『'
        )
}

/// The last character of `text[start..end]`, read at once when ASCII.
#[inline]
fn char_before(text: &str, start: usize, end: usize) -> Option<char> {
    match text.as_bytes().get(end.checked_sub(1)?) {
        Some(&b) if b < 0x80 && start < end => Some(char::from(b)),
        _ => text.get(start..end).and_then(|s| s.chars().next_back()),
    }
}

/// The first character of `text[start..end]`, read at once when ASCII.
#[inline]
fn char_after(text: &str, start: usize, end: usize) -> Option<char> {
    match text.as_bytes().get(start) {
        Some(&b) if b < 0x80 && start < end => Some(char::from(b)),
        _ => text.get(start..end).and_then(|s| s.chars().next()),
    }
}

/// Bytes that may start a mark: the ASCII marks, `&` for entities and the
/// UTF-8 lead bytes of « » (0xC2), the General Punctuation marks (0xE2)
/// and the CJK corner brackets (0xE3).
static CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[b'`' as usize] = true;
    t[b'&' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t
};

/// The high bit of each byte of `x` (eight bytes, little-endian) that may
/// be a [`CANDIDATE`]: every byte that is not ASCII, and the ASCII bytes
/// `"` to `'` (which hold `&`, and `#$%` too) and `` ` ``. Fewer tests
/// than one per candidate, and exact per byte (no carry crosses bytes),
/// so the lowest bit set is the first byte to read.
#[inline]
fn maybe_candidates(x: u64) -> u64 {
    let ascii = x & !HIGH;
    let quote_to_apos =
        bytes_below(ascii, b'\'' + 1) & !bytes_below(ascii, b'"');
    (x & HIGH) | quote_to_apos | bytes_equal(ascii, b'`')
}

/// How many bytes of `b` come before the first that may be a candidate
/// ([`maybe_candidates`]), read in whole blocks of sixteen: all the blocks'
/// bytes when none may be.
#[inline]
fn clean_prefix(b: &[u8]) -> usize {
    let le8 =
        |b: &[u8]| u64::from_le_bytes(b.try_into().expect("eight bytes"));
    let mut n = 0;
    for block in b.chunks_exact(16) {
        let lo = maybe_candidates(le8(&block[..8]));
        let hi = maybe_candidates(le8(&block[8..]));
        if lo | hi != 0 {
            return n + if lo != 0 {
                lo.trailing_zeros() as usize / 8
            } else {
                8 + hi.trailing_zeros() as usize / 8
            };
        }
        n += 16;
    }
    n
}

/// Whether the apostrophe-like mark at `mark` (in paragraph `p`) stands
/// between ASCII letters or digits (it's, O’Brien), where
/// [`Pairer::apostrophes`] would skip it: it is left out of the marks,
/// and neither it nor its absence changes how the others pair (no mark
/// is next to it, and a skipped mark counts for nothing). Except after an
/// `n` that may follow a mark (`'n'roll`): the apostrophe of `rock 'n'
/// roll` must be there for the mark before the `n` to be read as one.
/// (prof 10: 0.07M instructions fewer, the paragraph passes' work for
/// one mark in seven.)
#[inline]
fn in_word(bytes: &[u8], mark: Span, p: Span) -> bool {
    let alnum = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_alphanumeric);
    let Some(before) = mark.start.checked_sub(1).filter(|&k| k >= p.start)
    else {
        return false;
    };
    alnum(before)
        && mark.end < p.end
        && alnum(mark.end)
        && (!matches!(bytes[before], b'n' | b'N')
            || (before > p.start && alnum(before - 1)))
}

/// The length of the character whose first byte is `b`: a character of
/// several bytes is passed whole, since none of its other bytes starts a
/// mark (and a byte inside one, which the scan never lands on, is passed
/// alone).
#[inline]
fn char_len(b: u8) -> usize {
    match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    }
}

/// The mark spelled by the HTML entity at the start of `b` (which starts
/// with `&`), with the entity's length. Reads at most a dozen bytes.
fn entity(b: &[u8]) -> Option<(usize, Glyph)> {
    let rest = b.get(1..)?;
    let limit = rest.len().min(10);
    let semi = rest.get(..limit)?.iter().position(|&c| c == b';')?;
    let name = rest.get(..semi)?;
    let glyph = match name {
        b"quot" => Glyph::Straight,
        b"apos" => Glyph::Apos,
        b"ldquo" => Glyph::LeftDouble,
        b"rdquo" => Glyph::RightDouble,
        b"bdquo" => Glyph::LowDouble,
        b"lsquo" => Glyph::LeftSingle,
        b"rsquo" => Glyph::RightSingle,
        b"sbquo" => Glyph::LowSingle,
        b"laquo" => Glyph::LeftAngle,
        b"raquo" => Glyph::RightAngle,
        b"lsaquo" => Glyph::LeftAngle1,
        b"rsaquo" => Glyph::RightAngle1,
        _ => Glyph::from_char(numeric_entity(name)?)?,
    };
    Some((semi + 2, glyph))
}

/// The character of a numeric reference body such as `#8220` or `#x201C`.
fn numeric_entity(name: &[u8]) -> Option<char> {
    let (&hash, body) = name.split_first()?;
    if hash != b'#' {
        return None;
    }
    let (digits, radix) = match body.split_first() {
        Some((b'x' | b'X', hex)) => (hex, 16),
        _ => (body, 10),
    };
    // Seven digits cannot overflow a u32 in either radix.
    if digits.is_empty() || digits.len() > 7 {
        return None;
    }
    let mut value: u32 = 0;
    for &d in digits {
        value = value * radix + char::from(d).to_digit(radix)?;
    }
    char::from_u32(value)
}

/// Words that lose their first letters to an apostrophe ('em, 'til,
/// 'cause). A mark before one of them is an elision, not an opener.
const ELIDED: [&[u8]; 14] = [
    b"em", b"til", b"cause", b"cos", b"coz", b"cuz", b"n", b"tis", b"twas",
    b"bout", b"nuff", b"neath", b"round", b"twere",
];

/// Whether the text right after an opener-looking single mark makes it an
/// elision: a two-digit year ('90s, '08) or a word from [`ELIDED`].
fn is_elision(rest: &str) -> bool {
    let b = rest.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let alnum = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphanumeric);
    if digit(0) && digit(1) {
        // '90s and '08 are years; '2020 was hard' is a quotation.
        return match b.get(2) {
            Some(b's') => !alnum(3),
            _ => !alnum(2),
        };
    }
    ELIDED.iter().any(|w| {
        b.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w))
            && !rest
                .get(w.len()..)
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_alphanumeric)
    })
}

/// An open mark on the stack.
#[derive(Clone, Copy, Debug)]
struct Entry {
    open: Span,
    glyph: Glyph,
    class: Class,
    paragraphs: u32,
    /// The stack index of the next open entry of the same class below
    /// this one, so the nearest open mark of a class is found in O(1).
    below: Option<usize>,
}

/// A quotation left open at the end of a paragraph, waiting to see whether
/// the next paragraph reopens it.
#[derive(Clone, Copy, Debug)]
struct Carry {
    entry: Entry,
    /// End of the last paragraph it covers.
    end: usize,
}

/// A quotation before nesting is worked out.
#[derive(Clone, Copy, Debug)]
struct Raw {
    open: Span,
    close: Option<Span>,
    content: Span,
    family: MarkFamily,
    paragraphs: u32,
}

/// The pairing state machine. Buffers are reused from one paragraph to the
/// next so that a document of many short paragraphs does not allocate per
/// paragraph.
struct Pairer<'t> {
    text: &'t str,
    carry: Option<Carry>,
    /// Whether `«` (`‹`) opens in the current paragraph.
    angle_french: bool,
    angle1_french: bool,
    /// The direction last settled by a pair, for paragraphs without one.
    angle_seen: Option<bool>,
    angle1_seen: Option<bool>,
    buf: Buffers,
    /// Per class, the stack index of the nearest open entry.
    top: [Option<usize>; CLASSES],
    /// The glyphs of the current paragraph's marks ([`Glyph::bit`]).
    glyphs: u32,
}

impl<'t> Pairer<'t> {
    fn new(text: &'t str, mut buf: Buffers) -> Self {
        // The per-paragraph buffers are cleared where they are filled.
        buf.raw.clear();
        buf.stack.clear();
        Pairer {
            text,
            carry: None,
            angle_french: true,
            angle1_french: true,
            angle_seen: None,
            angle1_seen: None,
            buf,
            top: [None; CLASSES],
            glyphs: 0,
        }
    }

    fn paragraph(&mut self, p: Span) {
        self.tokenize(p);
        if self.buf.toks.is_empty() {
            // Most paragraphs have no mark: nothing to pair, and what the
            // passes below would do comes to ending a carried quotation
            // unclosed (`reopen` finds no reopening mark).
            if let Some(carry) = self.carry.take() {
                self.emit(carry.entry, None, carry.end);
            }
            return;
        }
        self.contexts(p);
        // The passes for glyphs the paragraph lacks are skipped: without
        // guillemets of a pair, `orientation` keeps the direction seen
        // last (French before any), and `resolve` settles nothing.
        let has =
            |gs: &[Glyph]| gs.iter().any(|&g| self.glyphs & g.bit() != 0);
        if has(&[Glyph::LeftAngle, Glyph::RightAngle]) {
            (self.angle_french, self.angle_seen) = orientation(
                &self.buf.toks,
                &self.buf.ctx,
                Glyph::LeftAngle,
                Glyph::RightAngle,
                self.angle_seen,
            );
        } else {
            self.angle_french = self.angle_seen.unwrap_or(true);
        }
        if has(&[Glyph::LeftAngle1, Glyph::RightAngle1]) {
            (self.angle1_french, self.angle1_seen) = orientation(
                &self.buf.toks,
                &self.buf.ctx,
                Glyph::LeftAngle1,
                Glyph::RightAngle1,
                self.angle1_seen,
            );
        } else {
            self.angle1_french = self.angle1_seen.unwrap_or(true);
        }
        let tex = has(&[Glyph::TwoApos, Glyph::TwoTicks]);
        let straight = has(&[Glyph::Straight]);
        // Sized only for the marks `resolve` settles: the readers take a
        // mark past the end as `Shape::Either`. (Like `skip` and
        // `later_close` in `apostrophes`: most paragraphs need none of the
        // three, and filling them cost 0.08M instructions on prof 10.)
        self.buf.role.clear();
        if straight || tex {
            self.buf.role.resize(self.buf.toks.len(), Shape::Either);
        }
        if straight {
            self.resolve(|g| g == Glyph::Straight);
        }
        if tex {
            self.resolve(|g| matches!(g, Glyph::TwoApos | Glyph::TwoTicks));
        }
        self.apostrophes(p);
        self.reopen(p);
        for k in 0..self.buf.toks.len() {
            self.step(k, p);
        }
        self.end_paragraph(p);
    }

    /// Collects the paragraph's marks in one pass over its bytes.
    fn tokenize(&mut self, p: Span) {
        self.buf.toks.clear();
        self.glyphs = 0;
        let bytes = self.text.as_bytes();
        let end = p.end.min(bytes.len());
        let mut i = p.start;
        while i < end {
            // Sixteen bytes at a time up to the first that may be a mark,
            // over the blocks that start before the paragraph's end: the
            // last reads on into the text after it, where a mark found
            // ends the scan (only the last few bytes of the text are read
            // one by one).
            if let Some(blocks) = bytes.get(i..bytes.len().min(end + 15)) {
                i += clean_prefix(blocks);
                if i >= end {
                    break;
                }
            }
            let Some(&b) = bytes.get(i) else { break };
            if !CANDIDATE[usize::from(b)] {
                i += char_len(b);
                continue;
            }
            let next = if i + 1 < end { bytes.get(i + 1) } else { None };
            let found = match b {
                b'\'' if next == Some(&b'\'') => Some((2, Glyph::TwoApos)),
                b'\'' => Some((1, Glyph::Apos)),
                b'`' if next == Some(&b'`') => Some((2, Glyph::TwoTicks)),
                b'`' => Some((1, Glyph::Tick)),
                b'"' => Some((1, Glyph::Straight)),
                b'&' => bytes.get(i..end).and_then(entity),
                // U+2000..=U+203F (curly quotes, dashes), nearly every
                // character that is not ASCII here: told from its last
                // byte, without decoding it.
                0xE2 if i + 3 <= end && bytes.get(i + 1) == Some(&0x80) => {
                    bytes.get(i + 2).and_then(|&b| {
                        let c = char::from_u32(0x2000 | u32::from(b & 0x3F))?;
                        Some((3, Glyph::from_char(c)?))
                    })
                }
                _ => self
                    .text
                    .get(i..end)
                    .and_then(|s| s.chars().next())
                    .and_then(|c| Some((c.len_utf8(), Glyph::from_char(c)?))),
            };
            match found {
                Some((len, glyph))
                    if glyph.is_apostrophe_like()
                        && in_word(bytes, Span::new(i, i + len), p) =>
                {
                    i += len;
                }
                Some((len, glyph)) => {
                    self.glyphs |= glyph.bit();
                    self.buf.toks.push(Tok {
                        span: Span::new(i, i + len),
                        glyph,
                    });
                    i += len;
                }
                None => i += char_len(b),
            }
        }
    }

    /// Reads each mark's neighbours. A neighbour that is itself a mark is
    /// read as the character it stands for, so `&quot;&lsquo;` flanks like
    /// `"‘`.
    fn contexts(&mut self, p: Span) {
        self.buf.ctx.clear();
        for (k, t) in self.buf.toks.iter().enumerate() {
            let before = k.checked_sub(1).and_then(|j| self.buf.toks.get(j));
            let prev = match before {
                Some(q) if q.span.end == t.span.start => {
                    Some(q.glyph.as_char())
                }
                _ => char_before(self.text, p.start, t.span.start),
            };
            let next = match self.buf.toks.get(k + 1) {
                Some(q) if q.span.start == t.span.end => {
                    Some(q.glyph.as_char())
                }
                _ => char_after(self.text, t.span.end, p.end),
            };
            self.buf.ctx.push(Ctx { prev, next });
        }
    }

    /// Settles the direction of the ambiguous double marks of one class
    /// (`"`, or `''` with ``` `` ```) before pairing. Flanking decides, and
    /// the open/closed state decides where flanking cannot. When flanking
    /// contradicts the alternation (an opener while one is open, a closer
    /// with none open) and the marks are even in number, plain alternation
    /// is the likelier reading: `said:"No way ," and` pairs as one.
    fn resolve(&mut self, member: impl Fn(Glyph) -> bool) {
        let mut open = false;
        let mut conflict = false;
        let mut count = 0usize;
        for (k, t) in self.buf.toks.iter().enumerate() {
            if !member(t.glyph) {
                continue;
            }
            count += 1;
            let shape = match (t.glyph, self.buf.ctx.get(k)) {
                (Glyph::TwoTicks, _) | (_, None) => Shape::Open,
                (_, Some(c)) => c.shape(),
            };
            match shape {
                Shape::Open => {
                    conflict |= open;
                    open = true;
                }
                Shape::Close => {
                    conflict |= !open;
                    open = false;
                }
                Shape::Either => open = !open,
            }
            if let Some(r) = self.buf.role.get_mut(k) {
                *r = shape;
            }
        }
        if !(conflict && count % 2 == 0) {
            return;
        }
        let mut opening = true;
        for (t, r) in self.buf.toks.iter().zip(self.buf.role.iter_mut()) {
            if !member(t.glyph) {
                continue;
            }
            *r = if opening || t.glyph == Glyph::TwoTicks {
                Shape::Open
            } else {
                Shape::Close
            };
            opening = !opening;
        }
    }

    /// Marks the single marks that are apostrophes rather than quotation
    /// marks: inside a word (it’s, O’Brien), standing alone between
    /// spaces, or an elision ('90s, 'em, rock 'n' roll). Possessives
    /// (teachers', James') are left to pairing: with no single quotation
    /// open they find nothing to close and are dropped there.
    fn apostrophes(&mut self, p: Span) {
        // Without apostrophe-like marks both stay empty: the readers take
        // a mark past the end as not skipped and with no closer after it.
        self.buf.skip.clear();
        self.buf.later_close.clear();
        let bits = Glyph::APOSTROPHE_LIKE.map(Glyph::bit);
        if bits.iter().all(|&b| self.glyphs & b == 0) {
            return;
        }
        self.buf.skip.resize(self.buf.toks.len(), false);
        self.buf.later_close.resize(self.buf.toks.len(), false);
        for k in 0..self.buf.toks.len() {
            let (Some(&t), Some(&c)) =
                (self.buf.toks.get(k), self.buf.ctx.get(k))
            else {
                break;
            };
            if !t.glyph.is_apostrophe_like() {
                continue;
            }
            let inside_word = c.prev.is_some_and(char::is_alphanumeric)
                && c.next.is_some_and(char::is_alphanumeric);
            let alone =
                c.prev.is_none_or(is_space) && c.next.is_none_or(is_space);
            if inside_word || alone {
                self.buf.skip[k] = true;
                continue;
            }
            if !c.left() {
                continue;
            }
            let rest = self.text.get(t.span.end..p.end).unwrap_or("");
            // rock 'n' roll: the second mark must go too, or it would close
            // a quotation.
            let n_then_mark =
                matches!(rest.as_bytes().first(), Some(b'n' | b'N'))
                    && self.buf.toks.get(k + 1).is_some_and(|q| {
                        q.glyph.is_apostrophe_like()
                            && q.span.start == t.span.end + 1
                    });
            if n_then_mark {
                self.buf.skip[k] = true;
                if let Some(s) = self.buf.skip.get_mut(k + 1) {
                    *s = true;
                }
            } else if is_elision(rest) {
                self.buf.skip[k] = true;
            }
        }
        let mut seen = false;
        for k in (0..self.buf.toks.len()).rev() {
            self.buf.later_close[k] = seen;
            let closer = match (self.buf.toks.get(k), self.buf.ctx.get(k)) {
                (Some(t), Some(c)) => {
                    t.glyph.is_apostrophe_like()
                        && !self.buf.skip[k]
                        && c.right()
                }
                _ => false,
            };
            seen |= closer;
        }
    }

    /// Continues or flushes the quotation carried over from the previous
    /// paragraph, before this paragraph's marks are paired.
    fn reopen(&mut self, p: Span) {
        let Some(carry) = self.carry.take() else {
            return;
        };
        let body = self.text.get(p.start..p.end).unwrap_or("");
        let first = body
            .char_indices()
            .find(|&(_, c)| !is_space(c))
            .map_or(p.end, |(i, _)| p.start + i);
        let reopening = match (self.buf.toks.first(), self.buf.ctx.first()) {
            (Some(&t), Some(&c)) if t.span.start == first => {
                self.reopens(carry.entry, t, c)
            }
            _ => false,
        };
        if !reopening {
            self.emit(carry.entry, None, carry.end);
            return;
        }
        // (Sized where first written: a resize to its own length is a
        // no-op.)
        self.buf.skip.resize(self.buf.toks.len(), false);
        if let Some(s) = self.buf.skip.first_mut() {
            *s = true;
        }
        let mut entry = carry.entry;
        entry.paragraphs = entry.paragraphs.saturating_add(1);
        if let (MarkFamily::Double, Some(t)) =
            (entry.class.family(), self.buf.toks.first())
        {
            // Pair the rest of the paragraph as if the reopening mark had
            // opened it: `"` decided by state must see a `"` open.
            entry.class = t.glyph.double_class();
        }
        self.push(entry);
    }

    /// Whether the first mark `t` of a paragraph reopens `entry`.
    fn reopens(&self, entry: Entry, t: Tok, c: Ctx) -> bool {
        match entry.class.family() {
            MarkFamily::Double => match t.glyph {
                Glyph::LeftDouble | Glyph::LowDouble | Glyph::TwoTicks => true,
                Glyph::Straight | Glyph::TwoApos => {
                    self.buf.role.first() != Some(&Shape::Close)
                }
                Glyph::RightDouble => c.shape() == Shape::Open,
                _ => false,
            },
            MarkFamily::Single => false,
            _ => t.glyph == entry.glyph,
        }
    }

    /// Pairs mark `k`.
    fn step(&mut self, k: usize, p: Span) {
        let (Some(&t), Some(&c)) = (self.buf.toks.get(k), self.buf.ctx.get(k))
        else {
            return;
        };
        if self.buf.skip.get(k) == Some(&true) {
            return;
        }
        match t.glyph {
            Glyph::Straight => self.ambiguous(k, t, Class::Straight),
            Glyph::TwoApos => self.ambiguous(k, t, Class::Tex),
            Glyph::TwoTicks => self.open(t, Class::Tex),
            Glyph::LowDouble => self.open(t, Class::Curly),
            Glyph::LeftDouble => self.left_double(t, c),
            Glyph::RightDouble => {
                if let Some(i) = self.nearest_double(Class::Curly) {
                    self.close(i, t.span);
                } else if c.shape() == Shape::Open {
                    // ”…” as in Swedish and Finnish.
                    self.open(t, Class::Curly);
                }
            }
            Glyph::LeftAngle | Glyph::RightAngle => {
                let opener = if self.angle_french {
                    Glyph::LeftAngle
                } else {
                    Glyph::RightAngle
                };
                self.fixed(t, Class::Angle, t.glyph == opener);
            }
            Glyph::LeftAngle1 | Glyph::RightAngle1 => {
                let opener = if self.angle1_french {
                    Glyph::LeftAngle1
                } else {
                    Glyph::RightAngle1
                };
                self.fixed(t, Class::Angle1, t.glyph == opener);
            }
            Glyph::CornerOpen => self.open(t, Class::Corner),
            Glyph::CornerClose => self.fixed(t, Class::Corner, false),
            Glyph::WhiteOpen => self.open(t, Class::White),
            Glyph::WhiteClose => self.fixed(t, Class::White, false),
            Glyph::Apos
            | Glyph::LeftSingle
            | Glyph::RightSingle
            | Glyph::LowSingle
            | Glyph::Tick => self.single(k, t, c, p),
        }
    }

    /// `"` or `''`, with the direction settled by [`Pairer::resolve`].
    fn ambiguous(&mut self, k: usize, t: Tok, class: Class) {
        let opens = match self.buf.role.get(k) {
            Some(Shape::Open) => true,
            Some(Shape::Close) => false,
            _ => self.top[class.index()].is_none(),
        };
        if opens {
            self.open(t, class);
        } else if let Some(i) = self.nearest_double(class) {
            self.close(i, t.span);
        }
    }

    /// `“` opens in English but closes `„` in German, and sloppy text uses
    /// it for both ends of `“…“`.
    fn left_double(&mut self, t: Tok, c: Ctx) {
        let shape = c.shape();
        match self.top[Class::Curly.index()] {
            Some(i)
                if shape == Shape::Close
                    || self
                        .buf
                        .stack
                        .get(i)
                        .is_some_and(|e| e.glyph == Glyph::LowDouble) =>
            {
                self.close(i, t.span);
            }
            _ if shape != Shape::Close => self.open(t, Class::Curly),
            _ => {
                if let Some(i) = self.nearest_double(Class::Curly) {
                    self.close(i, t.span);
                }
            }
        }
    }

    /// A mark whose direction is known: opens, or closes the nearest open
    /// mark of its class.
    fn fixed(&mut self, t: Tok, class: Class, opens: bool) {
        if opens {
            self.open(t, class);
        } else if let Some(i) = self.top[class.index()] {
            self.close(i, t.span);
        }
    }

    /// Single marks pair only with a single opener on top of the stack:
    /// they are too often apostrophes to be allowed to close through an
    /// open double, and an opener never closed is forgotten at the end of
    /// the paragraph.
    fn single(&mut self, k: usize, t: Tok, c: Ctx, p: Span) {
        match t.glyph {
            Glyph::LowSingle => return self.open(t, Class::Single),
            Glyph::Tick => {
                // A lone backtick only ever opens (`…'); code spans with
                // two backticks must not pair.
                if c.left() {
                    self.open(t, Class::Single);
                }
                return;
            }
            _ => {}
        }
        let top_single = self
            .buf
            .stack
            .last()
            .is_some_and(|e| e.class == Class::Single);
        let last = self.buf.stack.len().saturating_sub(1);
        match c.shape() {
            Shape::Open => self.open(t, Class::Single),
            Shape::Close => {
                if top_single && !self.possessive(k, t, c, p) {
                    self.close(last, t.span);
                }
            }
            // Both or neither way: the glyph's own direction wins for `‘`,
            // the state of the stack for the others.
            Shape::Either => {
                if t.glyph == Glyph::LeftSingle {
                    self.open(t, Class::Single);
                } else if top_single {
                    self.close(last, t.span);
                } else if c.left() && c.right() {
                    self.open(t, Class::Single);
                }
            }
        }
    }

    /// Inside an open single quotation, `teachers' union` reads as a
    /// possessive when a later mark can still close the quotation: the mark
    /// follows an `s` and precedes a lowercase word.
    fn possessive(&self, k: usize, t: Tok, c: Ctx, p: Span) -> bool {
        matches!(c.prev, Some('s' | 'S'))
            && c.next.is_some_and(is_space)
            && self.buf.later_close.get(k) == Some(&true)
            && self
                .text
                .get(t.span.end..p.end)
                .and_then(|s| s.trim_start_matches(is_space).chars().next())
                .is_some_and(char::is_lowercase)
    }

    /// Opens a quotation at `t`. An opener of a class that does not nest
    /// in itself ends the open quotation of that class first, unclosed:
    /// one missing closer must not swallow the rest of the paragraph.
    fn open(&mut self, t: Tok, class: Class) {
        if class != Class::Single {
            if let Some(i) = self.top[class.index()] {
                if let Some(e) = self.pop_to(i) {
                    self.emit(e, None, t.span.start);
                }
            }
        }
        self.push(Entry {
            open: t.span,
            glyph: t.glyph,
            class,
            paragraphs: 1,
            below: None,
        });
    }

    fn push(&mut self, mut entry: Entry) {
        let slot = &mut self.top[entry.class.index()];
        entry.below = *slot;
        *slot = Some(self.buf.stack.len());
        self.buf.stack.push(entry);
    }

    fn pop(&mut self) -> Option<Entry> {
        let e = self.buf.stack.pop()?;
        self.top[e.class.index()] = e.below;
        Some(e)
    }

    /// Pops entry `i` and everything above it; the entries above are
    /// openers that were never closed and are dropped.
    fn pop_to(&mut self, i: usize) -> Option<Entry> {
        if i >= self.buf.stack.len() {
            return None;
        }
        while self.buf.stack.len() > i + 1 {
            self.pop();
        }
        self.pop()
    }

    /// The nearest open double, preferring class `prefer`.
    fn nearest_double(&self, prefer: Class) -> Option<usize> {
        self.top[prefer.index()].or_else(|| {
            [Class::Straight, Class::Curly, Class::Tex]
                .iter()
                .filter_map(|c| self.top[c.index()])
                .max()
        })
    }

    fn close(&mut self, i: usize, close: Span) {
        if let Some(e) = self.pop_to(i) {
            self.emit(e, Some(close), close.start);
        }
    }

    /// Records a quotation whose content runs from after the opener to
    /// `end` (trimmed of trailing whitespace when unclosed), unless it is
    /// empty or blank.
    fn emit(&mut self, e: Entry, close: Option<Span>, end: usize) {
        let start = e.open.end;
        let Some(body) = self.text.get(start..end) else {
            return;
        };
        let end = match close {
            Some(_) => end,
            None => start + body.trim_end_matches(is_space).len(),
        };
        if !body.chars().any(|c| !is_space(c)) {
            return;
        }
        self.buf.raw.push(Raw {
            open: e.open,
            close,
            content: Span::new(start, end),
            family: e.class.family(),
            paragraphs: e.paragraphs,
        });
    }

    /// Keeps the outermost open double, guillemet or corner quotation for
    /// the next paragraph to continue or flush; open singles and whatever
    /// sits above it are dropped.
    fn end_paragraph(&mut self, p: Span) {
        let bottom = self
            .buf
            .stack
            .iter()
            .find(|e| e.class != Class::Single)
            .copied();
        self.buf.stack.clear();
        self.top = [None; CLASSES];
        if let Some(entry) = bottom {
            self.carry = Some(Carry { entry, end: p.end });
        }
    }

    /// Flushes the last carry and nests the quotations: pairs come off a
    /// stack, so any two are either disjoint or one inside the other, and
    /// one sweep in order of opening assigns each to its outermost
    /// enclosing quotation.
    fn finish(mut self) -> (Vec<Quotation>, Buffers) {
        if let Some(carry) = self.carry.take() {
            self.emit(carry.entry, None, carry.end);
        }
        let mut raw = std::mem::take(&mut self.buf.raw);
        raw.sort_unstable_by_key(|r| r.open.start);
        // At most one per raw quotation: sized once, not grown push by push.
        let mut out: Vec<Quotation> = Vec::with_capacity(raw.len());
        let mut reach = 0;
        for r in raw.drain(..) {
            let end = r.close.map_or(r.content.end, |c| c.end);
            if let Some(outer) = out.last_mut() {
                if r.open.start < reach {
                    // The guard only matters if pairing ever produced
                    // crossing spans; the output must not overlap.
                    if end <= reach {
                        outer.nested.push(r.content);
                    }
                    continue;
                }
            }
            reach = end;
            out.push(Quotation {
                content: r.content,
                open: r.open,
                close: r.close,
                family: r.family,
                paragraphs: r.paragraphs,
                nested: Vec::new(),
            });
        }
        self.buf.raw = raw;
        (out, self.buf)
    }
}

/// Whether `left` opens guillemets of this pair in this paragraph, and
/// the direction to remember for later paragraphs. The first mark that has
/// a partner of the other direction later in the paragraph is the opener
/// («…» French, »…« German), and that is remembered. Without such a pair
/// the remembered direction stands; before any is known, the first mark's
/// flanking guesses (a paragraph-initial `»Erstens.` is German).
fn orientation(
    toks: &[Tok],
    ctx: &[Ctx],
    left: Glyph,
    right: Glyph,
    seen: Option<bool>,
) -> (bool, Option<bool>) {
    let (mut first_l, mut last_l, mut first_r, mut last_r) =
        (None, None, None, None);
    for (k, t) in toks.iter().enumerate() {
        if t.glyph == left {
            first_l.get_or_insert(k);
            last_l = Some(k);
        } else if t.glyph == right {
            first_r.get_or_insert(k);
            last_r = Some(k);
        }
    }
    let french = first_l.filter(|&a| last_r.is_some_and(|b| b > a));
    let german = first_r.filter(|&a| last_l.is_some_and(|b| b > a));
    let decided = match (french, german) {
        (Some(a), Some(b)) => Some(a < b),
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
        (None, None) => None,
    };
    if let Some(d) = decided.or(seen) {
        return (d, Some(d));
    }
    let first = match (first_l, first_r) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let german_looking = first.is_some_and(|k| {
        let shape = ctx.get(k).map(|c| c.shape());
        let glyph = toks.get(k).map(|t| t.glyph);
        (glyph == Some(right) && shape == Some(Shape::Open))
            || (glyph == Some(left) && shape == Some(Shape::Close))
    });
    (!german_looking, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_test_finds_every_candidate() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut block = *b"abcdefgh";
                block[at] = b;
                let x = u64::from_le_bytes(block);
                let first = maybe_candidates(x).trailing_zeros() / 8;
                if CANDIDATE[usize::from(b)] {
                    assert_eq!(first, at as u32, "{b:#x} at {at}");
                } else if first != 8 {
                    assert!(b >= 0x80 || b"#$%".contains(&b), "{b:#x}");
                }
            }
        }
        assert_eq!(maybe_candidates(u64::from_le_bytes(*b"said it ")), 0);
    }

    use MarkFamily::{
        Corner, Double, Guillemet, Single, SingleGuillemet, WhiteCorner,
    };

    /// Paragraph spans of `text`: its non-blank lines, without the `\r` of
    /// CRLF line ends.
    fn lines(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            let trimmed = line.trim_end_matches('\r');
            if !trimmed.trim().is_empty() {
                out.push(Span::new(start, start + trimmed.len()));
            }
            start += line.len() + 1;
        }
        out
    }

    /// The contract every result must meet, whatever the input.
    fn check(text: &str, qs: &[Quotation]) {
        let mut reach = 0;
        for q in qs {
            for s in [q.open, q.content]
                .into_iter()
                .chain(q.close)
                .chain(q.nested.iter().copied())
            {
                assert!(s.start <= s.end, "{s:?} reversed in {text:?}");
                assert!(s.get(text).is_some(), "{s:?} invalid in {text:?}");
            }
            assert!(q.open.start >= reach, "overlap at {:?}", q.open);
            assert!(!q.open.is_empty());
            assert_eq!(q.open.end, q.content.start);
            assert!(!text[q.content].trim().is_empty());
            if let Some(c) = q.close {
                assert!(q.content.end <= c.start);
                assert!(!c.is_empty());
            }
            assert!(q.paragraphs >= 1);
            let mut prev = q.content.start;
            for n in &q.nested {
                assert!(q.content.contains(*n), "{n:?} outside {q:?}");
                assert!(n.start >= prev, "nested unsorted in {q:?}");
                prev = n.start;
            }
            reach = q.close.map_or(q.content.end, |c| c.end);
        }
    }

    fn run(text: &str) -> Vec<Quotation> {
        let qs = find_quotations(text, &lines(text));
        check(text, &qs);
        qs
    }

    /// What a test expects of one quotation: content, family, whether it
    /// was closed, nested contents.
    type Want<'a> = (&'a str, MarkFamily, bool, &'a [&'a str]);

    fn expect(text: &str, want: &[Want]) {
        let got: Vec<(&str, MarkFamily, bool, Vec<&str>)> = run(text)
            .iter()
            .map(|q| {
                let nested = q.nested.iter().map(|n| &text[*n]).collect();
                (&text[q.content], q.family, q.close.is_some(), nested)
            })
            .collect();
        let want: Vec<(&str, MarkFamily, bool, Vec<&str>)> = want
            .iter()
            .map(|&(c, f, closed, n)| (c, f, closed, n.to_vec()))
            .collect();
        assert_eq!(got, want, "\n given: {text:?}");
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[Want])] = &[
            (
                "“We will not back down,” he said, “and we will win.”",
                &[
                    ("We will not back down,", Double, true, &[]),
                    ("and we will win.", Double, true, &[]),
                ],
            ),
            (
                "\"Is the strike over?\" asked Tom Ellis.",
                &[("Is the strike over?", Double, true, &[])],
            ),
            (
                "The ministry called Beijing a “bully” on Monday.",
                &[("bully", Double, true, &[])],
            ),
            (
                "She cited a report titled ‘A Fair Deal’ from 2019.",
                &[("A Fair Deal", Single, true, &[])],
            ),
            (
                "Robert “Bobby” Marsh won the seat.",
                &[("Bobby", Double, true, &[])],
            ),
            (
                "“It’s the teachers’ decision, not ours,” she said.",
                &[(
                    "It’s the teachers’ decision, not ours,",
                    Double,
                    true,
                    &[],
                )],
            ),
            ("It’s the teachers’ decision, and James' too.", &[]),
            ("It's the teachers' call, and Chris' view.", &[]),
            (
                "“The ’90s were all rock ’n’ roll,” he said.",
                &[("The ’90s were all rock ’n’ roll,", Double, true, &[])],
            ),
            ("In the ’90s, rock ’n’ roll and ’em ’til ’08.", &[]),
            ("In the '90s, rock 'n' roll was 'cause for worry.", &[]),
            (
                "'The '90s were all rock 'n' roll,' he said.",
                &[("The '90s were all rock 'n' roll,", Single, true, &[])],
            ),
            (
                "\"It feels like, 'Meh, whatever,' to me,\" she said.",
                &[(
                    "It feels like, 'Meh, whatever,' to me,",
                    Double,
                    true,
                    &["Meh, whatever,"],
                )],
            ),
            (
                "“He told me, ‘no way,’ and left,” she said.",
                &[(
                    "He told me, ‘no way,’ and left,",
                    Double,
                    true,
                    &["no way,"],
                )],
            ),
            (
                "‘He told me “no way”, and left,’ she said.",
                &[(
                    "He told me “no way”, and left,",
                    Single,
                    true,
                    &["no way"],
                )],
            ),
            (
                "'She called it \"a farce\" today,' he said.",
                &[(
                    "She called it \"a farce\" today,",
                    Single,
                    true,
                    &["a farce"],
                )],
            ),
            (
                "“It is ‘the teachers’ fault’ again,” he said.",
                &[(
                    "It is ‘the teachers’ fault’ again,",
                    Double,
                    true,
                    &["the teachers’ fault"],
                )],
            ),
            (
                "«Nous restons ici», a déclaré le maire.",
                &[("Nous restons ici", Guillemet, true, &[])],
            ),
            (
                "« Nous restons ici », a déclaré le maire.",
                &[(" Nous restons ici ", Guillemet, true, &[])],
            ),
            (
                "»Wir bleiben hier«, sagte der Bürgermeister.",
                &[("Wir bleiben hier", Guillemet, true, &[])],
            ),
            (
                "«Il a dit “jamais”», selon elle.",
                &[("Il a dit “jamais”", Guillemet, true, &["jamais"])],
            ),
            ("‹Oui›, dit-il.", &[("Oui", SingleGuillemet, true, &[])]),
            (
                "„Wir bleiben“, sagte er.",
                &[("Wir bleiben", Double, true, &[])],
            ),
            (
                "„Wir bleiben”, sagte er.",
                &[("Wir bleiben", Double, true, &[])],
            ),
            (
                "„Er sagte ‚nein‘ und ging“, so Müller.",
                &[("Er sagte ‚nein‘ und ging", Double, true, &["nein"])],
            ),
            (
                "彼は「行かない」と言った。",
                &[("行かない", Corner, true, &[])],
            ),
            (
                "本のタイトルは『海辺』だ。",
                &[("海辺", WhiteCorner, true, &[])],
            ),
            (
                "「彼は『無理』と言った」",
                &[("彼は『無理』と言った", Corner, true, &["無理"])],
            ),
            (
                "``We are done,'' he said.",
                &[("We are done,", Double, true, &[])],
            ),
            (
                "''We are done,'' he said.",
                &[("We are done,", Double, true, &[])],
            ),
            ("`Right,' he said.", &[("Right,", Single, true, &[])]),
            (
                "He said &quot;no deal&quot; on Friday.",
                &[("no deal", Double, true, &[])],
            ),
            (
                "&ldquo;Yes,&rdquo; she said, &lsquo;fine&rsquo;.",
                &[("Yes,", Double, true, &[]), ("fine", Single, true, &[])],
            ),
            (
                "&#8220;Fine&#8221; and &#x201C;done&#x201D; and &#34;ok&#34;",
                &[
                    ("Fine", Double, true, &[]),
                    ("done", Double, true, &[]),
                    ("ok", Double, true, &[]),
                ],
            ),
            (
                "&laquo;Non&raquo; et &#39;oui&#39; et &#8216;si&#8217;",
                &[
                    ("Non", Guillemet, true, &[]),
                    ("oui", Single, true, &[]),
                    ("si", Single, true, &[]),
                ],
            ),
            (
                "He left.” Then “she came.”",
                &[("she came.", Double, true, &[])],
            ),
            (
                "She said:\"No way ,\" and left.",
                &[("No way ,", Double, true, &[])],
            ),
            (
                "The so-called\"experts\" disagree.",
                &[("experts", Double, true, &[])],
            ),
            (
                "\" We agree, \" the union said.",
                &[(" We agree, ", Double, true, &[])],
            ),
            ("“Mixed,\" she said.", &[("Mixed,", Double, true, &[])]),
            (
                "”Vi stannar”, sa han.",
                &[("Vi stannar", Double, true, &[])],
            ),
            (
                "“The plan is dead. “We go on,” he said.",
                &[
                    ("The plan is dead.", Double, false, &[]),
                    ("We go on,", Double, true, &[]),
                ],
            ),
            ("He said 'maybe and left.", &[]),
            ("Empty “” and \"\" and ‘’ are skipped.", &[]),
            ("A height of 5'10\" is listed.", &[]),
            (
                "\u{FEFF}“Yes,” 🙂 said José\u{301}, “no.”",
                &[("Yes,", Double, true, &[]), ("no.", Double, true, &[])],
            ),
            (
                "قال «لا نريد الحرب» أمس",
                &[("لا نريد الحرب", Guillemet, true, &[])],
            ),
            ("“A\0B,” he said.", &[("A\0B,", Double, true, &[])]),
        ];
        for (text, want) in cases {
            expect(text, want);
        }
        let more: &[(&str, &[Want])] = &[
            (
                "“We can’t,” said O’Brien, “and won’t.”",
                &[
                    ("We can’t,", Double, true, &[]),
                    ("and won’t.", Double, true, &[]),
                ],
            ),
            ("He said the ‘90s were over.", &[]),
            (
                "“Don’t call it ‘the end,’” she said.",
                &[("Don’t call it ‘the end,’", Double, true, &["the end,"])],
            ),
            (
                "Tom's 'plan' and the boss' 'idea' clashed.",
                &[("plan", Single, true, &[]), ("idea", Single, true, &[])],
            ),
            (
                "“He said, ‘We’re the teachers’ union,’ and left.”",
                &[(
                    "He said, ‘We’re the teachers’ union,’ and left.",
                    Double,
                    true,
                    &["We’re the teachers’ union,"],
                )],
            ),
            (
                "(“Never,” she said.) — “Not now.”",
                &[
                    ("Never,", Double, true, &[]),
                    ("Not now.", Double, true, &[]),
                ],
            ),
        ];
        for (text, want) in more {
            expect(text, want);
        }
    }

    #[test]
    fn two_quotations_spans() {
        let text = "“A,” he said, “B.”";
        let qs = run(text);
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].open, Span::new(0, 3));
        assert_eq!(qs[0].close, Some(Span::new(5, 8)));
        assert_eq!(qs[0].paragraphs, 1);
        let text = "He said &quot;no&quot;.";
        let q = &run(text)[0];
        assert_eq!(q.open.len(), 6);
        assert_eq!(q.close.map(|c| c.len()), Some(6));
        let text = "``Done,'' he said.";
        let q = &run(text)[0];
        assert_eq!((q.open.len(), q.close.map(|c| c.len())), (2, Some(2)));
    }

    #[test]
    fn three_paragraphs() {
        let text = "“The first part.\n\n“The second part.\n\n\
                    “The third part,” he said.\n\nNext.";
        let qs = run(text);
        assert_eq!(qs.len(), 1);
        let q = &qs[0];
        assert_eq!(q.paragraphs, 3);
        assert_eq!(q.open, Span::new(0, 3));
        assert_eq!(
            &text[q.content],
            "The first part.\n\n“The second part.\n\n“The third part,"
        );
        assert_eq!(q.close.map(|c| &text[c]), Some("”"));
    }

    #[test]
    fn straight_quotation_over_paragraphs() {
        let text = "\"Part one.\r\n\"Part two,\" she said.";
        let qs = run(text);
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].paragraphs, 2);
        assert_eq!(&text[qs[0].content], "Part one.\r\n\"Part two,");
    }

    #[test]
    fn guillemets_over_paragraphs() {
        let text = "»Erstens.\n»Zweitens«, sagte sie.";
        let qs = run(text);
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].family, Guillemet);
        assert_eq!(qs[0].paragraphs, 2);
        assert_eq!(&text[qs[0].content], "Erstens.\n»Zweitens");
    }

    #[test]
    fn unclosed_then_normal_paragraph() {
        let text = "“We will fight on, he said.  \n\n\
                    Officials said “nothing” had changed.";
        expect(
            text,
            &[
                ("We will fight on, he said.", Double, false, &[]),
                ("nothing", Double, true, &[]),
            ],
        );
        let q = &run(text)[0];
        assert_eq!(q.close, None);
        assert_eq!(q.paragraphs, 1);
    }

    #[test]
    fn carried_then_unclosed() {
        // Reopened, then never closed: unclosed, over both paragraphs.
        let text = "“One.\n“Two.\nThree “four”.";
        expect(
            text,
            &[
                ("One.\n“Two.", Double, false, &[]),
                ("four", Double, true, &[]),
            ],
        );
        assert_eq!(run(text)[0].paragraphs, 2);
    }

    #[test]
    fn unclosed_single_does_not_swallow() {
        let text = "He said 'perhaps “it works” here.\n“Yes.”";
        expect(
            text,
            &[("it works", Double, true, &[]), ("Yes.", Double, true, &[])],
        );
    }

    #[test]
    fn empty_paragraph_is_one_without_marks() {
        // The paragraph between ends the carried quotation either way.
        let text = "“It goes on\n\nplain words\n\n“and on,” she said.";
        let full = lines(text);
        let mut passed = full.clone();
        passed[1] = Span::new(full[1].start, full[1].start);
        let qs = find_quotations(text, &passed);
        check(text, &qs);
        assert_eq!(qs, find_quotations(text, &full));
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].paragraphs, 1);
    }

    #[test]
    fn no_paragraphs_means_one() {
        let text = "“A.\n\n“B.”";
        let qs = find_quotations(text, &[]);
        check(text, &qs);
        // No paragraph break to continue over: the second opener ends the
        // first quotation.
        assert_eq!(qs.len(), 2);
        assert_eq!(&text[qs[0].content], "A.");
        assert_eq!(qs[0].close, None);
        assert_eq!(&text[qs[1].content], "B.");
    }

    #[test]
    fn bad_paragraphs_are_repaired() {
        let text = "é “ok” and “fine”";
        let weird = [
            Span::new(50, 90),
            Span::new(1, 4),
            Span::new(0, 30),
            Span::new(9, 3),
        ];
        let qs = find_quotations(text, &weird);
        check(text, &qs);
        // Text outside every paragraph is not read.
        let qs = find_quotations(text, &[Span::new(0, 12)]);
        check(text, &qs);
        assert_eq!(qs.len(), 1);
        assert_eq!(&text[qs[0].content], "ok");
    }

    #[test]
    fn spans_shift_with_prefix() {
        let text = "“A,” he said, ‘b’ and «c» with \"d\".\n“E.\n“F.”";
        let shifted = format!("é{text}");
        let a = run(text);
        let b = run(&shifted);
        assert_eq!(a.len(), b.len());
        let move2 = |s: Span| Span::new(s.start + 2, s.end + 2);
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(move2(x.content), y.content);
            assert_eq!(move2(x.open), y.open);
            assert_eq!(x.close.map(move2), y.close);
        }
    }

    #[test]
    fn many_straight_marks() {
        let text = "\"".repeat(100_000);
        let qs = run(&text);
        assert!(qs.is_empty());
        let text = "\"a".repeat(100_000);
        let qs = run(&text);
        assert_eq!(qs.len(), 50_000);
    }

    #[test]
    fn many_unclosed() {
        let text = "“a ".repeat(10_000);
        let qs = run(&text);
        assert_eq!(qs.len(), 10_000);
        assert!(qs
            .iter()
            .all(|q| q.close.is_none() && &text.as_str()[q.content] == "a"));
        let text = "“a\n".repeat(10_000);
        let qs = run(&text);
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].paragraphs, 10_000);
        let text = "“a\nb\n".repeat(10_000);
        assert_eq!(run(&text).len(), 10_000);
    }

    #[test]
    fn deep_nesting() {
        let text = format!("{}x{}", "‘".repeat(50_000), "’".repeat(50_000));
        let qs = run(&text);
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].nested.len(), 49_999);
        let text = "“‘«「".repeat(20_000);
        run(&text);
        let text = format!("{}{}", "“‘".repeat(30_000), "’”".repeat(30_000));
        run(&text);
    }

    #[test]
    fn long_paragraph_without_marks() {
        let text = "a".repeat(5_000_000);
        assert!(run(&text).is_empty());
    }

    /// A tiny xorshift generator, so the property loop needs no crate and
    /// always replays the same cases.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    #[test]
    fn generated_texts_keep_the_contract() {
        const PIECES: &[&str] = &[
            "\"", "'", "`", "``", "''", "“", "”", "‘", "’", "„", "‚", "«",
            "»", "‹", "›", "「", "」", "『", "』", "&quot;", "&ldquo;",
            "&#8221;", "&#x201C;", "&#39;", "&rsquo;", "&", "&#", "&#x;", "a",
            "b", "s", "n", "Z", "9", "90", "em", " ", " ", " ", "\n", "\n\n",
            "\r\n", "é", "🙂", "\u{301}", "\0", "\u{FEFF}", "שלום", ".", ",",
            "-", "(", "\u{A0}",
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..3_000 {
            let len = rng.below(40);
            let text: String =
                (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect();
            check(&text, &find_quotations(&text, &lines(&text)));
            check(&text, &find_quotations(&text, &[]));
            let n = text.len() + 3;
            let weird: Vec<Span> = (0..rng.below(4))
                .map(|_| Span::new(rng.below(n), rng.below(n)))
                .collect();
            check(&text, &find_quotations(&text, &weird));
        }
    }
}
