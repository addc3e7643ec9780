//! Segmentation: tokens, sentences and paragraphs, all as byte spans.
//!
//! One pass over the text. Paragraphs end at a blank line, or at a single
//! line break after a finished sentence; a line broken mid-sentence is
//! joined to the next. Sentences end at `.`, `!`, `?` (and closing marks
//! after them) before a capital, a digit, an opening mark or the end,
//! except after abbreviations and initials. Captions and bylines are
//! marked so that later stages leave them alone.

use crate::lexicon::{class, Lexicons};
use crate::marks;
use crate::scratch::{self, Scratch};
use crate::span::Span;
use crate::swar::{bytes_below, lowercase, HIGH, ONES};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (with the glue of names and abbreviations: it's, Jean-Luc,
    /// U.S).
    Word,
    /// Digits, possibly with `,` and `.` inside.
    Number,
    /// One punctuation or symbol character, or an HTML entity.
    Punct,
}

/// The first character is uppercase.
pub(crate) const CAP: u8 = 1;
/// Every letter is uppercase and there are at least two.
pub(crate) const ALLCAPS: u8 = 2;
/// A line break stands before the token.
pub(crate) const NEWLINE: u8 = 4;
/// The token starts a sentence.
pub(crate) const SENT_START: u8 = 8;
/// Whitespace stands before the token.
pub(crate) const SPACE: u8 = 16;

/// 16 bytes: the stages pass over the tokens again and again, and on a
/// long text each pass reads them from memory (at 24 bytes, with a
/// `Span` of two `usize`, the bench's 2 MB `lines` text took 22.6 times
/// as long as its 1/16th). The offsets fit in `u32` because
/// [`segment_into`] reads at most [`MAX_TEXT`] bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    start: u32,
    end: u32,
    /// The first character (for punctuation: the character itself).
    pub(crate) ch: char,
    /// The lexicon classes of a word (`lexicon::class` bits).
    pub(crate) lex: u16,
    pub(crate) kind: Kind,
    pub(crate) flags: u8,
}

impl Token {
    /// A token of `text[start..end]`; both at most [`MAX_TEXT`].
    #[inline]
    fn new(
        start: usize,
        end: usize,
        kind: Kind,
        flags: u8,
        ch: char,
    ) -> Token {
        Token {
            start: start as u32,
            end: end as u32,
            ch,
            lex: 0,
            kind,
            flags,
        }
    }

    /// The bytes of the text the token covers.
    #[inline]
    pub(crate) fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    #[inline]
    pub(crate) fn is(&self, f: u8) -> bool {
        self.flags & f != 0
    }

    /// Whether the word is in a lexicon of `class` (bits).
    #[inline]
    pub(crate) fn has(&self, class: u16) -> bool {
        self.lex & class != 0
    }

    #[inline]
    pub(crate) fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    #[inline]
    pub(crate) fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.ch == c
    }

    #[inline]
    pub(crate) fn is_cap_word(&self) -> bool {
        self.kind == Kind::Word && self.is(CAP)
    }

    /// Whether the token is one character, told without reading the text:
    /// its span is as long as the first character it keeps (an entity
    /// such as `&quot;` is longer).
    #[inline]
    pub(crate) fn is_one_char(&self) -> bool {
        self.span().len() == self.ch.len_utf8()
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Sentence {
    /// Token indexes `[start, end)`.
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) para: usize,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Paragraph {
    pub(crate) span: Span,
    /// Sentence indexes `[start, end)`.
    pub(crate) sent_start: usize,
    pub(crate) sent_end: usize,
    /// Token indexes `[start, end)`.
    pub(crate) tok_start: usize,
    pub(crate) tok_end: usize,
    /// A caption, byline or credit: not part of the story.
    pub(crate) aside: bool,
    /// Whether it may hold a quotation mark: a token of one (`"`, `'`,
    /// `` ` ``, `“`, `«`..., or `&`, which may spell one) or a word with
    /// `'` or `’` glued inside after a character that is not an ASCII
    /// letter or digit. Without one, the marks stage need not read it.
    pub(crate) marks: bool,
}

/// The segmented text.
#[derive(Debug)]
pub(crate) struct Doc<'t> {
    pub(crate) text: &'t str,
    pub(crate) tokens: Vec<Token>,
    pub(crate) sentences: Vec<Sentence>,
    pub(crate) paragraphs: Vec<Paragraph>,
}

impl<'t> Doc<'t> {
    #[inline]
    pub(crate) fn tok(&self, i: usize) -> &'t str {
        &self.text[self.tokens[i].span()]
    }

    /// The bytes of token `i`, for comparisons with fixed words in the
    /// scans over every token: slicing bytes checks less than slicing a
    /// `str` at char boundaries (a token's span is whole chars).
    #[inline]
    pub(crate) fn word(&self, i: usize) -> &'t [u8] {
        let s = self.tokens[i].span();
        &self.text.as_bytes()[s.start..s.end]
    }

    /// The bytes from token `a` to token `b` (exclusive), `a < b`.
    #[inline]
    pub(crate) fn span_of(&self, a: usize, b: usize) -> Span {
        Span::new(self.tokens[a].span().start, self.tokens[b - 1].span().end)
    }

    /// The text from token `a` to token `b` (exclusive), `a < b`.
    #[inline]
    pub(crate) fn text_of(&self, a: usize, b: usize) -> &'t str {
        &self.text[self.span_of(a, b)]
    }

    /// The index of the first token starting at or after `offset`.
    pub(crate) fn token_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| (t.start as usize) < offset)
    }

    /// The sentence that holds token `tok` (0 past the last one). A
    /// binary search: the few look-ups per cue and quotation cost less
    /// than a per-token table, 4 bytes a token at the memory peak.
    pub(crate) fn sentence_of(&self, tok: usize) -> usize {
        let i = self.sentences.partition_point(|s| s.end <= tok);
        if i < self.sentences.len() {
            i
        } else {
            0
        }
    }

    /// Hands the per-token buffers back to `scratch`.
    pub(crate) fn recycle(self, scratch: &mut Scratch) {
        scratch.tokens = self.tokens;
        scratch.paragraphs = self.paragraphs;
        scratch.sentences = self.sentences;
    }
}

/// Whitespace, controls (NUL, BOM) and the invisible characters that
/// separate words as well: zero-width space and joiners, direction marks,
/// soft hyphen. The marks stage reads flanking with the same definition.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    if c.is_ascii() {
        // ASCII whitespace and controls are the bytes up to the space, and
        // DEL.
        return c <= ' ' || c == '\x7F';
    }
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{AD}'
                | '\u{200B}'
                | '\u{200C}'
                | '\u{200D}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2060}'
                | '\u{FEFF}'
        )
}

#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        // Combining marks belong to the letter before them.
        || matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

/// Sentence-final punctuation.
#[inline]
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Closing marks that may follow sentence-final punctuation.
#[inline]
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '«' | '›' | ')' | ']' | '」' | '』'
    )
}

/// Opening marks that may begin a sentence.
#[inline]
pub(crate) fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '«'
            | '»'
            | '„'
            | '‹'
            | '('
            | '['
            | '「'
            | '『'
    )
}

/// Character properties the tokenizer asks about, as bits.
const P_SPACE: u8 = 1;
const P_NEWLINE: u8 = 2;
const P_WORD: u8 = 4;
const P_NUMERIC: u8 = 8;
const P_ALPHA: u8 = 16;
const P_UPPER: u8 = 32;
const P_LOWER: u8 = 64;

/// Not ASCII: a byte of a multi-byte character, to be decoded.
const P_WIDE: u8 = 128;

/// The properties of every byte: ASCII characters as themselves, the
/// bytes of multi-byte characters as [`P_WIDE`].
static BYTE_PROPS: [u8; 256] = {
    let mut t = [P_WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            P_WORD | P_ALPHA | P_UPPER
        } else if c.is_ascii_lowercase() {
            P_WORD | P_ALPHA | P_LOWER
        } else if c.is_ascii_digit() {
            P_WORD | P_NUMERIC
        } else if c == b'\n' || c == b'\r' {
            P_SPACE | P_NEWLINE
        } else if c <= b' ' || c == 0x7F {
            // Controls read as space (see `is_space`).
            P_SPACE
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The bytes after a run of ASCII letters and digits past which a word
/// may go on: glue (see [`word_end`]) and any byte of a character that is
/// not ASCII.
static GOES_ON: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x80;
    while b < 256 {
        t[b] = true;
        b += 1;
    }
    t[b'\'' as usize] = true;
    t[b'-' as usize] = true;
    t[b'.' as usize] = true;
    t[b',' as usize] = true;
    t[b'&' as usize] = true;
    t
};

/// Whether the word whose first run of ASCII letters and digits ends at
/// `j` may go on there, for [`word_end`] to decide. ASCII glue joins only
/// a letter or digit after it (or a character that is not ASCII, which
/// may be a letter): a comma or period before a space, the usual case,
/// is settled here; so is a closing curly quote or a dash.
#[inline]
fn goes_on(bytes: &[u8], j: usize) -> bool {
    bytes.get(j).is_some_and(|&b| {
        GOES_ON[usize::from(b)]
            && if b >= 0x80 {
                !ends_word(bytes, j)
            } else {
                bytes.get(j + 1).is_some_and(|&n| {
                    let p = BYTE_PROPS[usize::from(n)];
                    p & P_WORD != 0
                        || (p & P_WIDE != 0 && !ends_word(bytes, j + 1))
                })
            }
    })
}

/// Whether the character at `j` (not ASCII) surely ends a word, told
/// from its bytes: a punctuation mark of U+2011..U+2027 other than `’`
/// (dashes, curly quotes, the ellipsis) or of U+2030..U+203F, which
/// [`wide_props`] gives no property and [`word_end`] does not take as
/// glue. A word before `”` or `—`, the usual cases, is then read by the
/// tokenizer's loop; it would stop there anyway.
#[inline]
fn ends_word(bytes: &[u8], j: usize) -> bool {
    match bytes.get(j..j + 3) {
        Some(&[0xE2, 0x80, c]) => {
            matches!(c, 0x91..=0xA7 | 0xB0..=0xBF) && c != 0x99
        }
        _ => false,
    }
}

/// The properties of a non-ASCII character, from the `char` methods.
#[inline(never)]
fn wide_props(c: char) -> u8 {
    // Dashes, curly quotes and the like: nothing the tokenizer asks
    // about (checked against the `char` methods by a test).
    if matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}') {
        return 0;
    }
    slow_props(c)
}

fn slow_props(c: char) -> u8 {
    if is_space(c) {
        return if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            P_SPACE | P_NEWLINE
        } else {
            P_SPACE
        };
    }
    let mut p = 0;
    if is_word_char(c) {
        p |= P_WORD;
    }
    if c.is_numeric() {
        p |= P_NUMERIC;
    }
    if c.is_alphabetic() {
        p |= P_ALPHA;
    }
    if c.is_uppercase() {
        p |= P_UPPER;
    }
    if c.is_lowercase() {
        p |= P_LOWER;
    }
    p
}

/// The properties of `c`.
#[inline]
fn props(c: char) -> u8 {
    if c.is_ascii() {
        BYTE_PROPS[c as usize]
    } else {
        wide_props(c)
    }
}

/// The character at byte `i` of `text` (which must be a char boundary),
/// its length and its properties; ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize, u8)> {
    let b = *text.as_bytes().get(i)?;
    let p = BYTE_PROPS[usize::from(b)];
    if p & P_WIDE == 0 {
        return Some((b as char, 1, p));
    }
    text[i..]
        .chars()
        .next()
        .map(|c| (c, c.len_utf8(), props(c)))
}

/// The end of the run of ASCII bytes from `j` whose properties share a
/// bit with `bits`, and the union of their properties.
#[inline]
fn ascii_run(bytes: &[u8], mut j: usize, bits: u8) -> (usize, u8) {
    let mut acc = 0;
    while let Some(&b) = bytes.get(j) {
        let p = BYTE_PROPS[usize::from(b)];
        // P_WIDE is in no `bits`: a multi-byte character ends the run.
        if p & bits == 0 {
            break;
        }
        acc |= p;
        j += 1;
    }
    (j, acc)
}

/// Of `x`, eight bytes of text: how many from the first are ASCII letters
/// or digits, and every bit of those bytes (a mask).
#[inline]
fn alnum_run(x: u64) -> (usize, u64) {
    // The tests hold up to the first stop, which is all that is read: an
    // ASCII byte carries nothing out of its byte, so the run and its stop
    // are tested on their own bits; a byte that is not ASCII (b >= 0x80)
    // is neither letter nor digit (`bytes_below(b, c)` is then set only
    // for b >= 0x80 + c, and both tests need a bound it passes and one it
    // fails, in that order); what it carries lands past the stop.
    let folded = x | (ONES * 0x20);
    let letter = bytes_below(folded, b'z' + 1) & !bytes_below(folded, b'a');
    let digit = bytes_below(x, b'9' + 1) & !bytes_below(x, b'0');
    let stop = !(letter | digit) & HIGH;
    // Every bit of the bytes before the first stop (all without one).
    let run = ((stop & stop.wrapping_neg()) >> 7).wrapping_sub(1);
    ((stop.trailing_zeros() / 8) as usize, run)
}

/// Of `x`, eight bytes of text: how many from the first are ASCII letters
/// or digits, those bytes lowercased (the others zeroed), and the high
/// bits of those that are letters.
#[inline]
fn leading_run(x: u64) -> (usize, u64, u64) {
    let (n, run) = alnum_run(x);
    // Bit 5 (0x20) set lowercases a letter and leaves a digit (0x30..=0x39)
    // as it is; bit 6 (0x40), moved to bit 7, tells a letter.
    (n, (x | (ONES * 0x20)) & run, (x << 1) & HIGH & run)
}

/// The first run of ASCII letters and digits of a word, from
/// [`ascii_word`].
struct AsciiRun {
    /// Where it ends.
    end: usize,
    /// Whether it holds a lowercase letter.
    lower: bool,
    /// Its bytes lowercased and zero-padded (the first eight, the rest)
    /// and a bit set for each letter, for a run of at most fifteen bytes
    /// read eight at a time; `None` otherwise.
    key: Option<(u64, u64, u64)>,
}

/// The first run of ASCII letters and digits of the word that starts at
/// `i` (with one). Eight bytes at a time when the text has sixteen and
/// the run is shorter (nearly every word); byte by byte, without the key,
/// otherwise.
#[inline(always)]
fn ascii_word(bytes: &[u8], i: usize) -> AsciiRun {
    let le = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
    if let Some(b) = bytes.get(i..).and_then(|r| r.get(..16)) {
        let (lo, hi) = (le(&b[..8]), le(&b[8..]));
        // Bit 5, moved to bit 7, tells a lowercase letter.
        let (n, lo_key, lo_letters) = leading_run(lo);
        if n < 8 {
            return AsciiRun {
                end: i + n,
                lower: lo_letters & (lo << 2) != 0,
                key: Some((lo_key, 0, lo_letters)),
            };
        }
        let (m, hi_key, hi_letters) = leading_run(hi);
        if m < 8 {
            return AsciiRun {
                end: i + 8 + m,
                lower: (lo_letters & (lo << 2)) | (hi_letters & (hi << 2))
                    != 0,
                // The letters of the second eight bytes on bits 6, 14...
                key: Some((lo_key, hi_key, lo_letters | hi_letters >> 1)),
            };
        }
    }
    let (end, acc) = ascii_run(bytes, i, P_WORD);
    AsciiRun {
        end,
        lower: acc & P_LOWER != 0,
        key: None,
    }
}

/// A word that is one run of at most fifteen ASCII letters and digits,
/// from [`short_word`] or [`long_word`].
struct PlainWord {
    /// Where it ends.
    end: usize,
    /// The byte at `end`.
    next: u8,
    /// From [`short_word`]: `hi` is zero, and the look-up goes straight
    /// to the table of short words without testing it (known here, where
    /// the two readers' paths have not merged yet; prof 10: 0.04M
    /// instructions fewer).
    short: bool,
    /// Its bytes lowercased and zero-padded: the first eight, the rest.
    lo: u64,
    hi: u64,
    /// Its bytes as written, zero-padded, for [`PlainWord::all_caps`]
    /// (the case matters for a capitalised word only, one in six: read
    /// there, not for every word).
    raw: (u64, u64),
}

impl PlainWord {
    /// Whether the word has two letters or more and none is lowercase.
    /// Of a letter or digit byte, bit 6 (0x40) tells a letter, and bits 6
    /// and 5 (0x20) together a lowercase letter.
    #[inline]
    fn all_caps(&self) -> bool {
        let (lo, hi) = self.raw;
        let bit6 = ONES * 0x40;
        let lower = ((lo & (lo << 1)) | (hi & (hi << 1))) & bit6;
        // One bit per letter: the second eight bytes' on bit 5.
        let letters = (lo & bit6) | (hi & bit6) >> 1;
        lower == 0 && letters & letters.wrapping_sub(1) != 0
    }
}

/// The word that starts at `i` (with an ASCII letter or digit) when it is
/// a run of at most seven ASCII letters and digits that ends within the
/// eight bytes at `i` and does not go on past glue (six words in seven);
/// otherwise `Err(longer)`, `longer` when the eight bytes are all letters
/// and digits, for [`long_word`] to read on. Read from one load of eight
/// bytes, with nothing to merge from a second: the tokenizer's loop keeps
/// its values in registers.
#[inline(always)]
fn short_word(bytes: &[u8], i: usize) -> Result<PlainWord, bool> {
    let Some(b) = bytes.get(i..i + 8) else {
        return Err(false);
    };
    let x = u64::from_le_bytes(b.try_into().expect("eight bytes"));
    let (n, run) = alnum_run(x);
    if n == 8 {
        return Err(true);
    }
    let next = (x >> (8 * n)) as u8;
    let end = i + n;
    if GOES_ON[usize::from(next)] && goes_on(bytes, end) {
        return Err(false);
    }
    Ok(PlainWord {
        end,
        next,
        short: true,
        // Bit 5 (0x20) set lowercases a letter and leaves a digit
        // (0x30..=0x39) as it is.
        lo: (x | (ONES * 0x20)) & run,
        hi: 0,
        raw: (x & run, 0),
    })
}

/// [`short_word`] for a run of eight to fifteen bytes, whose first eight
/// are letters and digits: read on from the next eight; `None` when the
/// word is longer, may go on past glue or ends in the text's last sixteen
/// bytes, for [`glued_word`] to read. (Inlined, although one word in seven
/// needs it: out of line, the call and its result, returned through
/// memory, cost more than the reading.)
#[inline(always)]
fn long_word(bytes: &[u8], i: usize) -> Option<PlainWord> {
    let le = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
    let b = bytes.get(i..i + 16)?;
    let (lo, x) = (le(&b[..8]), le(&b[8..]));
    let (m, run) = alnum_run(x);
    if m == 8 {
        return None;
    }
    let next = (x >> (8 * m)) as u8;
    let end = i + 8 + m;
    if GOES_ON[usize::from(next)] && goes_on(bytes, end) {
        return None;
    }
    Some(PlainWord {
        end,
        next,
        short: false,
        lo: lo | (ONES * 0x20),
        hi: (x | (ONES * 0x20)) & run,
        raw: (lo, x & run),
    })
}

/// Whether `w` has fewer than `n` characters with property `bit`.
fn fewer_than(w: &str, bit: u8, n: usize) -> bool {
    w.chars()
        .filter(|&c| props(c) & bit != 0)
        .nth(n - 1)
        .is_none()
}

/// Where the word that starts at `i` (first character's properties `cp`)
/// ends, read on from `j`, past glue and non-ASCII letters; and whether it
/// holds a lowercase letter (`lower`: so far). Sets `marks` when it glues
/// `'` or `’` after a byte that is no ASCII letter or digit (see
/// [`Paragraph::marks`]). Inlined into its callers,
/// [`glued_word`] and [`other_token`], which are out of line: the
/// tokenizer's loop stays small, and the glued words, one in fifty, are
/// spared a call (with [`push_word`], prof 10: 0.08M instructions fewer).
#[inline(always)]
fn word_end(
    text: &str,
    i: usize,
    mut j: usize,
    cp: u8,
    mut lower: bool,
    marks: &mut bool,
) -> (usize, bool) {
    let bytes = text.as_bytes();
    let numeric = cp & P_NUMERIC != 0;
    // Where the letters since the last internal period start, for
    // U.S and Ph.D.
    let mut seg_start = i;
    while let Some((d, dl, dp)) = char_at(text, j) {
        if dp & P_WORD != 0 {
            lower |= dp & P_LOWER != 0;
            j += dl;
            let (end, l) = ascii_run(bytes, j, P_WORD);
            lower |= l & P_LOWER != 0;
            j = end;
            continue;
        }
        // Glue: an apostrophe or hyphen between letters, a period
        // inside an abbreviation, a comma or period in a number.
        if !matches!(d, '\'' | '’' | '-' | '‐' | '.' | ',' | '&') {
            break;
        }
        let next = char_at(text, j + dl).map_or(0, |(_, _, p)| p);
        let next_digit = bytes.get(j + dl).is_some_and(u8::is_ascii_digit);
        let glue = match d {
            '\'' | '’' => next & P_ALPHA != 0,
            '-' | '‐' => next & P_WORD != 0,
            '.' if numeric => next_digit,
            '.' => {
                next & P_ALPHA != 0
                    && fewer_than(&text[seg_start..j], P_WORD, 3)
                    && text[j + 1..]
                        .chars()
                        .take(3)
                        .take_while(|c| c.is_alphabetic())
                        .count()
                        <= 2
            }
            ',' => numeric && next_digit,
            // AT&T, S&P: capitals on both sides.
            _ => cp & P_UPPER != 0 && !lower && next & P_UPPER != 0,
        };
        if !glue {
            break;
        }
        // Glue is no quotation mark (and so leaves a paragraph without one
        // unread by the marks stage) when the marks stage passes over it:
        // an apostrophe with a letter or digit on both sides (it's,
        // O’Brien; the letter after it is glue's condition), and `&`
        // before a capital (AT&T), which starts no entity it reads.
        *marks |= matches!(d, '\'' | '’')
            && !bytes.get(j - 1).is_some_and(u8::is_ascii_alphanumeric);
        j += dl;
        if d == '.' {
            seg_start = j;
        }
        // The glue is followed by a word character: take the rest
        // of its ASCII run.
        let (end, l) = ascii_run(bytes, j, P_WORD);
        lower |= l & P_LOWER != 0;
        j = end;
    }
    (j, lower)
}

/// The paragraphs, found as the tokens are read: a paragraph can only end
/// where a line does, before a token flagged NEWLINE (the gap between two
/// tokens is whitespace, and holds a line break exactly then). Found
/// there, they cost no pass over the tokens of their own.
struct Paragraphs {
    out: Vec<Paragraph>,
    /// The first token of the paragraph being read.
    start: usize,
    /// Whether a token of the paragraph being read may hold a quotation
    /// mark ([`Paragraph::marks`]); set once the token's line break has
    /// been read, so that it counts for the paragraph the token opens.
    marks: bool,
}

impl Paragraphs {
    /// The last token, just read, stands after a line break: the
    /// paragraph ends before it after a blank line, or after a finished
    /// line. (Out of line: the tokenizer's loop stays small.)
    #[inline(never)]
    fn line_break(&mut self, text: &str, tokens: &[Token]) {
        let next = tokens.len() - 1;
        let Some(i) = next.checked_sub(1) else {
            return;
        };
        // (Bytes: a `str` slice would check both ends for char
        // boundaries.)
        let gap =
            &text.as_bytes()[tokens[i].span().end..tokens[next].span().start];
        let newlines = count_newlines(gap);
        if newlines >= 2 || (newlines == 1 && ends_line(text, tokens, i, next))
        {
            self.end(text, tokens, next);
        }
    }

    /// Ends the paragraph being read before token `next`. (Inlined into
    /// [`Paragraphs::line_break`], its caller for every paragraph but the
    /// last.)
    #[inline(always)]
    fn end(&mut self, text: &str, tokens: &[Token], next: usize) {
        let start = self.start;
        self.out.push(Paragraph {
            span: Span::new(
                tokens[start].span().start,
                tokens[next - 1].span().end,
            ),
            sent_start: 0,
            sent_end: 0,
            tok_start: start,
            tok_end: next,
            aside: may_be_aside(&tokens[start])
                && is_aside(text, &tokens[start..next]),
            marks: self.marks,
        });
        self.start = next;
        self.marks = false;
    }
}

/// Splits `text` into tokens, in one pass over its bytes (ASCII without
/// decoding), looks every word up in the lexicons, and finds the
/// paragraphs.
fn tokenize(
    text: &str,
    mut tokens: Vec<Token>,
    paragraphs: &mut Paragraphs,
    lex: &Lexicons,
) -> Vec<Token> {
    let bytes = text.as_bytes();
    tokens.clear();
    tokens.reserve(bytes.len() / 5 + 1);
    let mut flags = 0u8;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let bp = BYTE_PROPS[usize::from(b)];
        if bp & P_WORD == 0 {
            if bp == 0 && b != b'&' {
                // ASCII punctuation: one token of its own byte.
                tokens.push(Token::new(
                    i,
                    i + 1,
                    Kind::Punct,
                    flags,
                    char::from(b),
                ));
                if flags & NEWLINE != 0 {
                    paragraphs.line_break(text, &tokens);
                }
                if matches!(b, b'"' | b'\'' | b'`') {
                    paragraphs.marks = true;
                }
                (i, flags) = after_token(bytes, i + 1);
                continue;
            }
            if bp & P_SPACE != 0 {
                // ASCII whitespace other than the single space `after`
                // passes (line breaks, mostly): its flags for the next
                // token.
                let (end, acc) = ascii_run(bytes, i + 1, P_SPACE);
                flags |= SPACE;
                if (bp | acc) & P_NEWLINE != 0 {
                    flags |= NEWLINE;
                }
                i = end;
                continue;
            }
            (i, flags) =
                other_token(text, i, flags, &mut tokens, paragraphs, lex);
            continue;
        }
        // An ASCII letter or digit: the usual token. Most words are short
        // and end at a space or at punctuation that glues nothing, and are
        // read here; the others out of line, so that this loop keeps few
        // values in registers.
        let w = match short_word(bytes, i) {
            Ok(w) => Some(w),
            Err(longer) => longer.then(|| long_word(bytes, i)).flatten(),
        };
        let Some(w) = w else {
            (i, flags) =
                glued_word(text, i, flags, &mut tokens, paragraphs, lex);
            continue;
        };
        let j = w.end;
        let mut f = flags;
        if bp & P_UPPER != 0 {
            f |= CAP;
            if w.all_caps() {
                f |= ALLCAPS;
            }
        }
        let c = char::from(b);
        if bp & P_NUMERIC != 0 {
            tokens.push(Token::new(i, j, Kind::Number, f, c));
        } else {
            // Every word looked up once in the lexicons.
            let classes = if w.short {
                lex.class_of_short(w.lo)
            } else {
                lex.class_of_folded(w.lo, w.hi)
            };
            tokens.push(Token {
                lex: classes,
                ..Token::new(i, j, Kind::Word, f, c)
            });
        }
        if f & NEWLINE != 0 {
            paragraphs.line_break(text, &tokens);
        }
        (i, flags) = after(w.next, j);
    }
    tokens
}

/// A word of [`glued_word`] read by [`glued_once`].
struct GluedWord {
    end: usize,
    /// Whether it holds a lowercase letter.
    lower: bool,
    /// Its bytes lowercased and zero-padded: the first eight, the rest.
    key: (u64, u64),
}

/// [`word_end`] for the word from `i` whose first run of ASCII letters
/// and digits is `run` (`numeric` when it starts with a digit), when one
/// byte of ASCII glue joins a second run, which ends within eight bytes
/// where the word cannot go on, and the word has at most fifteen bytes
/// (company's, year-old, 9,000: nearly every glued word); `None` for any
/// other word. The second run is read eight bytes at once, like a plain
/// word, where [`word_end`] reads a character at a time, and the key
/// comes from the bytes (prof 10: a glued word cost some 400
/// instructions with its look-up).
#[inline]
fn glued_once(
    bytes: &[u8],
    i: usize,
    run: &AsciiRun,
    numeric: bool,
) -> Option<GluedWord> {
    let le = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
    let p = run.end;
    let (&d, &n) = (bytes.get(p)?, bytes.get(p + 1)?);
    // The glue `word_end` takes from its next byte: an apostrophe before
    // a letter, a hyphen before a letter or digit, in a number a comma
    // or period before a digit. (A period after letters may glue an
    // abbreviation: read there.)
    let glue = match d {
        b'\'' => n.is_ascii_alphabetic(),
        b'-' => n.is_ascii_alphanumeric(),
        b',' | b'.' => numeric && n.is_ascii_digit(),
        _ => false,
    };
    if !glue {
        return None;
    }
    let y = le(bytes.get(p + 1..p + 9)?);
    let (m, _) = alnum_run(y);
    if m == 8 {
        return None;
    }
    let end = p + 1 + m;
    // (The byte after the word, known here, settles most words without
    // a call: as in `short_word`.)
    let next = (y >> (8 * m)) as u8;
    if end - i > 15 || (GOES_ON[usize::from(next)] && goes_on(bytes, end)) {
        return None;
    }
    let len = end - i;
    let b = bytes.get(i..i + 16)?;
    // The word's bytes, zero-padded.
    let (lo, hi) = if len > 8 {
        (le(&b[..8]), le(&b[8..]) & ((1 << (8 * (len - 8))) - 1))
    } else {
        (le(&b[..8]) & (u64::MAX >> (8 * (8 - len))), 0)
    };
    // Of a letter, digit or ASCII glue byte, bits 6 and 5 together tell a
    // lowercase letter.
    let bit6 = ONES * 0x40;
    let lower = ((lo & (lo << 1)) | (hi & (hi << 1))) & bit6 != 0;
    Some(GluedWord {
        end,
        lower,
        key: (lowercase(lo), lowercase(hi)),
    })
}

/// The word at `i` (an ASCII letter or digit) when its first run of
/// ASCII letters and digits may go on past glue, or has no key; returns
/// where reading goes on and the flags of the next token. (Out of line,
/// reading the run again: the loop over the usual words stays small.)
#[inline(never)]
fn glued_word(
    text: &str,
    i: usize,
    flags: u8,
    tokens: &mut Vec<Token>,
    paragraphs: &mut Paragraphs,
    lex: &Lexicons,
) -> (usize, u8) {
    let bytes = text.as_bytes();
    let (c, bp) = match bytes.get(i) {
        Some(&b) => (char::from(b), BYTE_PROPS[usize::from(b)]),
        None => return (i, flags),
    };
    let run = ascii_word(bytes, i);
    let numeric = bp & P_NUMERIC != 0;
    let (j, lower, marks, key) = match glued_once(bytes, i, &run, numeric) {
        // (No quotation mark: the glue follows a letter or digit.)
        Some(w) => (w.end, run.lower | w.lower, false, Some(w.key)),
        None => {
            let (mut j, mut lower, mut marks) = (run.end, run.lower, false);
            if goes_on(bytes, j) {
                (j, lower) = word_end(text, i, j, bp, lower, &mut marks);
            }
            // The word is the run: its key is known.
            let key =
                run.key.filter(|_| j == run.end).map(|(lo, hi, _)| (lo, hi));
            (j, lower, marks, key)
        }
    };
    push_word(text, i, j, lower, (c, bp), key, flags, tokens, lex);
    if flags & NEWLINE != 0 {
        paragraphs.line_break(text, tokens);
    }
    paragraphs.marks |= marks;
    after_token(bytes, j)
}

/// Pushes the word `text[i..j]`, whose first character and its properties
/// are `first`: its flags (`flags`, then the case: `lower` when it holds
/// a lowercase letter) and its lexicon classes (from `key`, its bytes
/// lowercased, when it is one ASCII run). Inlined, like [`word_end`].
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn push_word(
    text: &str,
    i: usize,
    j: usize,
    lower: bool,
    (c, cp): (char, u8),
    key: Option<(u64, u64)>,
    mut flags: u8,
    tokens: &mut Vec<Token>,
    lex: &Lexicons,
) {
    if cp & P_UPPER != 0 {
        flags |= CAP;
        if !lower && !fewer_than(&text[i..j], P_ALPHA, 2) {
            flags |= ALLCAPS;
        }
    }
    let numeric = cp & P_NUMERIC != 0;
    let classes = match key {
        _ if numeric => 0,
        Some((lo, hi)) => lex.class_of_folded(lo, hi),
        None => lex.class_of(&text[i..j]),
    };
    let kind = if numeric { Kind::Number } else { Kind::Word };
    tokens.push(Token {
        lex: classes,
        ..Token::new(i, j, kind, flags, c)
    });
}

/// Reads what starts at `i` when it is not an ASCII letter or digit,
/// ASCII punctuation or ASCII whitespace (which the tokenizer's loop
/// reads): whitespace (adding its flags to `flags`), a word that starts
/// with a character that is not ASCII, or punctuation; returns where reading
/// goes on and the flags of the next token. (Out of line: the loop over
/// the usual words stays small.)
#[inline(never)]
fn other_token(
    text: &str,
    i: usize,
    mut flags: u8,
    tokens: &mut Vec<Token>,
    paragraphs: &mut Paragraphs,
    lex: &Lexicons,
) -> (usize, u8) {
    let bytes = text.as_bytes();
    if let Some(&[0xE2, 0x80, b]) = bytes.get(i..i + 3) {
        if matches!(b, 0x90..=0xA7 | 0xB0..=0xBF) {
            // U+2010..=U+2027 and U+2030..=U+203F (dashes, curly quotes,
            // the ellipsis), nearly every character the loop sends here:
            // punctuation with no property (see `wide_props`), read from
            // its bytes without decoding, as below.
            let c = char::from_u32(0x2000 | u32::from(b & 0x3F))
                .expect("U+2010..=U+203F");
            tokens.push(Token::new(i, i + 3, Kind::Punct, flags, c));
            if flags & NEWLINE != 0 {
                paragraphs.line_break(text, tokens);
            }
            paragraphs.marks |= marks::is_mark_char(c);
            return after_token(bytes, i + 3);
        }
    }
    let Some((c, cl, cp)) = char_at(text, i) else {
        return (i, flags);
    };
    if cp & P_SPACE != 0 {
        let (end, acc) = ascii_run(bytes, i + cl, P_SPACE);
        flags |= SPACE;
        if (cp | acc) & P_NEWLINE != 0 {
            flags |= NEWLINE;
        }
        return (end, flags);
    }
    if cp & P_WORD != 0 {
        // A word that starts with a character that is not ASCII.
        let mut marks = false;
        let (j, lower) =
            word_end(text, i, i + cl, cp, cp & P_LOWER != 0, &mut marks);
        push_word(text, i, j, lower, (c, cp), None, flags, tokens, lex);
        if flags & NEWLINE != 0 {
            paragraphs.line_break(text, tokens);
        }
        paragraphs.marks |= marks;
        return after_token(bytes, j);
    }
    let mut end = i + cl;
    if c == '&' {
        // An HTML entity is one token: &quot; &#8220; &amp;
        let rest = &bytes[i + 1..bytes.len().min(i + 10)];
        if let Some(k) = rest.iter().position(|&b| b == b';') {
            if k > 0
                && rest[..k].iter().enumerate().all(|(n, b)| {
                    b.is_ascii_alphanumeric() || (n == 0 && *b == b'#')
                })
            {
                end = i + 2 + k;
            }
        }
    }
    tokens.push(Token::new(i, end, Kind::Punct, flags, c));
    if flags & NEWLINE != 0 {
        paragraphs.line_break(text, tokens);
    }
    paragraphs.marks |= c == '&' || marks::is_mark_char(c);
    after_token(bytes, end)
}

/// Where reading goes on after a token that ends at `j`, with the flags
/// for the next token: past a single space at once, the usual gap between
/// words (more whitespace is read as usual and adds its flags).
#[inline]
fn after_token(bytes: &[u8], j: usize) -> (usize, u8) {
    after(bytes.get(j).copied().unwrap_or(0), j)
}

/// [`after_token`] when the byte at `j` (0 at the end) is known.
#[inline]
fn after(next: u8, j: usize) -> (usize, u8) {
    if next == b' ' {
        (j + 1, SPACE)
    } else {
        (j, 0)
    }
}

/// What an HTML entity token stands for, when it is a quotation mark or
/// apostrophe; the character itself otherwise.
pub(crate) fn punct_char(text: &str, t: &Token) -> char {
    if t.ch != '&' || t.span().len() < 4 {
        return t.ch;
    }
    match &text[t.span().start + 1..t.span().end - 1] {
        "quot" | "#34" | "#x22" => '"',
        "ldquo" | "#8220" | "#x201C" | "#x201c" => '“',
        "rdquo" | "#8221" | "#x201D" | "#x201d" => '”',
        "lsquo" | "#8216" => '‘',
        "rsquo" | "#8217" | "#39" | "apos" => '’',
        "laquo" => '«',
        "raquo" => '»',
        "mdash" | "#8212" => '—',
        "ndash" | "#8211" => '–',
        _ => '&',
    }
}

/// Whether the word before a period is an abbreviation that keeps the
/// sentence going whatever follows (titles before names).
fn is_title_abbrev(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Prof"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Gen"
            | "Lt"
            | "Col"
            | "Maj"
            | "Capt"
            | "Sgt"
            | "Adm"
            | "Rev"
            | "St"
            | "Mt"
            | "Hon"
            | "Pres"
            | "Supt"
            | "Insp"
            | "Det"
            | "Messrs"
            | "Mme"
            | "Fr"
            | "No"
            | "vs"
            | "Vs"
            | "Sr"
            | "Jr"
    )
}

/// Segments `text` into tokens and paragraphs. Sentences come from
/// [`split_sentences`], once the quotation spans are known.
#[cfg(test)]
pub(crate) fn segment<'t>(text: &'t str, lex: &Lexicons) -> Doc<'t> {
    segment_into(text, lex, &mut Scratch::default())
}

/// The most bytes of a text that are read, so that token offsets fit in
/// `u32`. What follows is not read: it holds no quote and no mention.
/// (Such a text would need some hundred gigabytes of working memory.)
pub(crate) const MAX_TEXT: usize = u32::MAX as usize;

/// The first `max` bytes of `text`, or fewer to end on a character.
fn readable(text: &str, max: usize) -> &str {
    let mut cut = max.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

/// Segments `text` (its first [`MAX_TEXT`] bytes) into the token buffers
/// of `scratch`, which the returned document owns until [`Doc::recycle`]
/// hands them back. The document's text is the part that was read.
pub(crate) fn segment_into<'t>(
    text: &'t str,
    lex: &Lexicons,
    scratch: &mut Scratch,
) -> Doc<'t> {
    let text = readable(text, MAX_TEXT);
    let mut paragraphs = Paragraphs {
        out: scratch::reuse(&mut scratch.paragraphs),
        start: 0,
        marks: false,
    };
    let tokens = tokenize(
        text,
        scratch::reuse(&mut scratch.tokens),
        &mut paragraphs,
        lex,
    );
    if !tokens.is_empty() {
        paragraphs.end(text, &tokens, tokens.len());
    }
    let paragraphs = paragraphs.out;
    Doc {
        text,
        tokens,
        // Filled by `split_sentences`.
        sentences: scratch::reuse(&mut scratch.sentences),
        paragraphs,
    }
}

/// Splits each paragraph into sentences. No sentence ends strictly inside
/// a span of `protected` (the quotations, sorted): a quoted passage of
/// several sentences stays in the sentence that reports it.
pub(crate) fn split_sentences(
    doc: &mut Doc<'_>,
    protected: &[Span],
    lex: &Lexicons,
) {
    let text = doc.text;
    let toks = &doc.tokens;
    let mut sentences = std::mem::take(&mut doc.sentences);
    sentences.clear();
    let mut q = 0usize;
    // The start of the run of adjacent closing marks that ends at the
    // current token (see `sentence_ends`), kept as the scan goes so that
    // a long run is not walked back once per mark.
    let mut run = 0usize;
    for (pi, para) in doc.paragraphs.iter_mut().enumerate() {
        para.sent_start = sentences.len();
        let mut start = para.tok_start;
        let mut i = para.tok_start;
        while i < para.tok_end {
            // Only terminal punctuation ends a sentence, and only a
            // closer continues a run of them (an entity may stand for
            // one): the tokens before the next such mark (or before the
            // paragraph's last token) are passed over in a tight scan,
            // each setting `run` to itself.
            let words =
                toks.get(i..para.tok_end - 1).map_or(0, next_sentence_mark);
            if words > 0 {
                i += words;
                run = i - 1;
            }
            let t = &toks[i];
            // What a punctuation token stands for, read once for both
            // uses below.
            let c = (t.kind == Kind::Punct).then(|| punct_char(text, t));
            if c.is_none_or(|c| i == 0 || t.is(SPACE) || !is_closer(c)) {
                run = i;
            }
            let mut brk = i + 1 == para.tok_end;
            if !brk
                && c.is_some_and(|c| sentence_ends(text, toks, i, c, run, lex))
            {
                let at = t.span().end;
                while q < protected.len() && protected[q].end <= at {
                    q += 1;
                }
                brk = !protected
                    .get(q)
                    .is_some_and(|p| p.start < at && at < p.end);
            }
            if brk {
                sentences.push(Sentence {
                    start,
                    end: i + 1,
                    para: pi,
                });
                start = i + 1;
            }
            i += 1;
        }
        para.sent_end = sentences.len();
    }
    // The sentence starts are flagged once the scan, which reads the
    // tokens, is done.
    for s in &sentences {
        doc.tokens[s.start].flags |= SENT_START;
        // A bullet or stray character before the sentence (`•`, `*`, a
        // lone letter): the sentence proper starts after it.
        let mut b = s.start;
        while b + 1 < s.end && is_bullet(text, &doc.tokens, b) {
            doc.tokens[b + 1].flags |= SENT_START;
            b += 1;
        }
    }
    doc.sentences = sentences;
}

/// The index in `toks` of the first token that may end a sentence or
/// continue a run of marks that does (see [`split_sentences`]), or its
/// length without one. Four tokens a turn: a block of words, the usual
/// case, costs one test per token and one loop step for the four (prof
/// 10: 0.12M instructions fewer than `position` over every token).
fn next_sentence_mark(toks: &[Token]) -> usize {
    let stop = |t: &Token| {
        t.kind == Kind::Punct
            && (t.ch == '&' || is_terminal(t.ch) || is_closer(t.ch))
    };
    let mut blocks = toks.chunks_exact(4);
    let mut k = 0;
    for block in &mut blocks {
        if block.iter().any(|t| t.kind == Kind::Punct) {
            if let Some(n) = block.iter().position(stop) {
                return k + n;
            }
        }
        k += 4;
    }
    k + blocks
        .remainder()
        .iter()
        .position(stop)
        .unwrap_or(toks.len() - k)
}

/// A one-character token at a sentence start that is not an English word:
/// a bullet, a list marker or debris before the sentence proper.
pub(crate) fn is_bullet(text: &str, toks: &[Token], i: usize) -> bool {
    let t = &toks[i];
    if !t.is_one_char() || matches!(t.ch, 'I' | 'A' | 'a' | 'O') {
        return false;
    }
    if t.kind == Kind::Punct
        && (is_opener(t.ch) || punct_char(text, t) != t.ch)
    {
        return false;
    }
    !t.ch.is_ascii_digit() && toks.get(i + 1).is_some_and(|n| n.is(SPACE))
}

/// The line breaks in `gap`, whitespace between two tokens.
fn count_newlines(gap: &[u8]) -> usize {
    let mut n = 0;
    for (k, &c) in gap.iter().enumerate() {
        // \r\n counts once; a lone \r counts.
        if c == b'\n' || (c == b'\r' && gap.get(k + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    // U+2028 and U+2029 (E2 80 A8 and E2 80 A9: the text is UTF-8).
    if n == 0
        && gap
            .windows(3)
            .any(|w| matches!(w, [0xE2, 0x80, 0xA8 | 0xA9]))
    {
        n = 1;
    }
    n
}

/// A single line break after token `i` ends the paragraph, unless the
/// line was broken in the middle of a sentence.
fn ends_line(text: &str, toks: &[Token], i: usize, next: usize) -> bool {
    let t = &toks[i];
    let c = if t.kind == Kind::Punct {
        punct_char(text, t)
    } else {
        'a'
    };
    if is_terminal(c) || c == ':' {
        // A period after a title (`Mr.`) does not end a line before a
        // name.
        let after_title = c == '.'
            && i > 0
            && toks[i - 1].is_word()
            && toks[i - 1].span().end == t.span().start
            && is_title_abbrev(&text[toks[i - 1].span()]);
        return !after_title || !toks[next].is_cap_word();
    }
    if is_closer(c) {
        // A closing mark after a finished sentence: `... over.”`
        return i > 0 && toks[i - 1].kind == Kind::Punct && {
            let p = punct_char(text, &toks[i - 1]);
            is_terminal(p) || p == ','
        };
    }
    // A line without terminal punctuation: a headline or caption when the
    // next line starts with a capital and this line is short; otherwise
    // a sentence broken across lines.
    // Short: at most 12 tokens of more than one character since the line
    // began (lone characters are punctuation or debris).
    let nt = &toks[next];
    let mut words = 0;
    for t in toks[..=i].iter().rev() {
        if !t.is_one_char() {
            words += 1;
        }
        if words > 12 || t.is(NEWLINE) {
            break;
        }
    }
    let short = words <= 12;
    nt.is(CAP) && short && !matches!(c, ',' | ';' | '-' | '—' | '–')
}

/// Whether a sentence ends after token `i`, punctuation that stands for
/// `c`. `run` is the last index `k <= i` with `k == 0` or token `k` not a
/// closing mark glued to what precedes it: where the run of closers that
/// ends at `i` begins.
fn sentence_ends(
    text: &str,
    toks: &[Token],
    i: usize,
    c: char,
    run: usize,
    lex: &Lexicons,
) -> bool {
    let t = &toks[i];
    let j = i + 1;
    if is_terminal(c) {
        // Closing marks belong to the sentence that ends: when one (or
        // more terminal punctuation) follows, the sentence ends after
        // the last of them, not here.
        if toks.get(j).is_some_and(|n| {
            n.kind == Kind::Punct
                && !n.is(SPACE)
                && (is_closer(punct_char(text, n)) || is_terminal(n.ch))
        }) {
            return false;
        }
    } else if is_closer(c) {
        // `...over.”` : the break is after the closer.
        let k = run;
        if k == i || toks[k].kind != Kind::Punct {
            return false;
        }
        let p = punct_char(text, &toks[k]);
        if !is_terminal(p) {
            return false;
        }
    } else {
        return false;
    }
    let Some(nt) = toks.get(j) else { return true };
    if !nt.is(SPACE) && nt.kind != Kind::Punct {
        return false;
    }
    let starts = match nt.kind {
        Kind::Word => nt.is(CAP),
        Kind::Number => true,
        Kind::Punct => {
            let nc = punct_char(text, nt);
            is_opener(nc) || nc == '—' || nc == '-'
        }
    };
    if !starts {
        return false;
    }
    if c == '.' && i > 0 {
        let w = &toks[i - 1];
        if w.is_word() && w.span().end == t.span().start {
            let word = &text[w.span()];
            if is_title_abbrev(word) {
                return false;
            }
            // An initial: `J. K. Rowling`, `George W. Bush`.
            if w.is_one_char() && w.is(CAP) && nt.is_cap_word() {
                return false;
            }
            // The word's class bits say whether it is an abbreviation.
            // (A short word's bytes are read in a plain loop: `contains`
            // with a `char` goes through a memchr search.)
            if w.has(class::ABBREV) || word.bytes().any(|b| b == b'.') {
                // `U.S.`, `Sept.`: the sentence goes on unless a word
                // that starts sentences follows.
                let nw = &text[nt.span()];
                return nt.kind == Kind::Punct
                    || (nt.is_cap_word() && lex.stopwords.contains(nw));
            }
        }
    }
    true
}

/// Whether a paragraph that starts with `first` may be an aside: told
/// without a call for most paragraphs, which start with neither a bullet
/// (one character) nor a character an aside starts with (see
/// [`is_aside`]).
#[inline]
fn may_be_aside(first: &Token) -> bool {
    first.is_one_char() || ASIDE_STARTS.contains(&first.ch)
}

/// The first characters of asides, past any bullets: `By`, the markers of
/// [`is_aside`] and brackets (keep the letters in step with the markers).
const ASIDE_STARTS: [char; 9] = ['B', 'P', 'I', 'C', 'G', 'F', 'V', '(', '['];

/// A caption, byline or credit line: short, unfinished, and led or
/// marked by the words such lines use.
fn is_aside(text: &str, toks: &[Token]) -> bool {
    // Past bullets before the line proper.
    let mut b = 0;
    while b + 1 < toks.len() && is_bullet(text, toks, b) {
        b += 1;
    }
    let toks = &toks[b..];
    if toks.is_empty() || toks.len() > 40 {
        return false;
    }
    // Every aside starts with `By`, a marker below or a bracket: most
    // paragraphs are told by their first character (keep the letters in
    // step with the markers).
    if !ASIDE_STARTS.contains(&toks[0].ch) {
        return false;
    }
    let w = |k: usize| &text[toks[k].span()];
    let first = w(0);
    // A byline: "By Jane Doe", "By Jane Doe and Tom Hale, Reuters".
    if first == "By"
        && toks.len() <= 12
        && toks.get(1).is_some_and(Token::is_cap_word)
    {
        return true;
    }
    let marker = |s: &str| {
        matches!(
            s,
            "Photo"
                | "PHOTO"
                | "Photos"
                | "Photograph"
                | "Image"
                | "Picture"
                | "Caption"
                | "Credit"
                | "Getty"
                | "File"
                | "Video"
        )
    };
    if marker(first)
        && toks.get(1).is_some_and(|t| t.is_punct(':') || t.is_word())
    {
        let last = toks.last().map_or(' ', |t| punct_char(text, t));
        return !is_terminal(last) || toks.len() <= 12;
    }
    // "(Photo: ...)" or "[Image: ...]"
    if matches!(first, "(" | "[") && toks.len() > 1 && marker(w(1)) {
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<String> {
        let lex = Lexicons::default_lexicons();
        let mut d = segment(text, &Lexicons::default_lexicons());
        split_sentences(&mut d, &[], &lex);
        d.sentences
            .iter()
            .map(|s| {
                let a = d.tokens[s.start].span().start;
                let b = d.tokens[s.end - 1].span().end;
                text[a..b].to_string()
            })
            .collect()
    }

    /// A paragraph not flagged `marks` holds no byte the marks stage could
    /// read as (the start of) a mark, so passing it empty changes nothing.
    #[test]
    fn paragraphs_without_marks_hold_none() {
        let texts = [
            "He said \"yes\".\n\nNo mark here.\n\n“Curly” one.",
            "Rock'n'roll and it’s AT&T.\n\nPlain line\n\nMore plain text.",
            "A `tick' here.\n\nNothing.\n\n&quot;Entity&quot; &amp; co.",
            "«Bonjour», dit-il.\n\nÉté sans marque.\n\n「Corner」 and ‹this›.",
            "“Open quote goes on\n\n“and reopens here,” she said.\n\nEnd.",
            "Ünïcode’s word.\n\n'90s rock.\nSecond line — dash.",
            "It's O’Brien's AT&T.\n\n\"Yes,\" she said.\n\nRock'n'roll.",
            "“Carried on\n\nthe year's end.\n\nDon't 'quote' me.",
            "Été’s day.\n\nCafé's menu.\n\n9's and A&B&C.",
        ];
        let lex = Lexicons::default_lexicons();
        for text in texts {
            let d = segment(text, &lex);
            let full: Vec<Span> =
                d.paragraphs.iter().map(|p| p.span).collect();
            let flagged: Vec<Span> = d
                .paragraphs
                .iter()
                .map(|p| match p.marks {
                    true => p.span,
                    false => Span::new(p.span.start, p.span.start),
                })
                .collect();
            for p in d.paragraphs.iter().filter(|p| !p.marks) {
                // Glue only: an apostrophe between letters, `&` before a
                // capital.
                let s = &text[p.span];
                let glued = |(k, c): (usize, char)| {
                    let at = |n: usize| s[n..].chars().next();
                    let before = s[..k].chars().next_back();
                    match c {
                        '\'' | '’' => {
                            before.is_some_and(|b| b.is_ascii_alphanumeric())
                                && at(k + c.len_utf8())
                                    .is_some_and(char::is_alphabetic)
                        }
                        '&' => at(k + 1).is_some_and(char::is_uppercase),
                        _ => false,
                    }
                };
                assert!(
                    s.char_indices()
                        .filter(|&(_, c)| c == '&' || marks::is_mark_char(c))
                        .all(glued),
                    "{s:?}"
                );
            }
            assert!(d.paragraphs.iter().any(|p| !p.marks), "{text:?}");
            assert_eq!(
                marks::find_quotations(text, &full),
                marks::find_quotations(text, &flagged),
                "{text:?}"
            );
        }
    }

    #[test]
    fn is_space_ascii_fast_path_agrees_with_char_methods() {
        for c in '\u{0}'..='\u{7F}' {
            let slow = c.is_whitespace() || c.is_control();
            assert_eq!(is_space(c), slow, "{c:?}");
        }
    }

    /// A character `ends_word` settles from its bytes is neither a word
    /// character nor glue, and the tokens are those the slow path reads.
    #[test]
    fn ends_word_takes_only_what_ends_a_word() {
        for c in '\u{80}'..='\u{FFFF}' {
            let mut buf = [0; 4];
            if ends_word(c.encode_utf8(&mut buf).as_bytes(), 0) {
                assert_eq!(slow_props(c), 0, "{c:?}");
                assert!(!matches!(c, '’' | '‐'), "{c:?}");
            }
        }
        let lex = Lexicons::default_lexicons();
        let d = segment("He said.” Then “Yes,” and—no. It’s co‐op… x.’", &lex);
        let toks: Vec<&str> = (0..d.tokens.len()).map(|i| d.tok(i)).collect();
        assert_eq!(
            toks,
            [
                "He", "said", ".", "”", "Then", "“", "Yes", ",", "”", "and",
                "—", "no", ".", "It’s", "co‐op", "…", "x", ".", "’"
            ]
        );
    }

    #[test]
    fn props_fast_path_agrees_with_char_methods() {
        for c in ('\u{0}'..='\u{7F}').chain('\u{2000}'..='\u{20FF}') {
            let fast = char_at(c.encode_utf8(&mut [0; 4]), 0).unwrap().2;
            assert_eq!(fast, slow_props(c), "{c:?}");
        }
    }

    #[test]
    fn ascii_word_agrees_with_the_byte_loop() {
        let text = "Ab1 zZ9_x`{@[/:09AZaz, abcdefghijklmnopqrstu Ünï \
                    ABCDEFGHIJKLMNO’s 0123456789012345 q\u{7f}r é9 \
                    Abcdefgh 9abcdefghIJ, ABCDEFGH1, Ab9Cd8Ef7 x.y a'b";
        let b = text.as_bytes();
        for i in (0..b.len()).filter(|&i| b[i].is_ascii_alphanumeric()) {
            let (end, acc) = ascii_run(b, i, P_WORD);
            let run = ascii_word(b, i);
            // The tokenizer's reading of a plain word is the same.
            let plain = match short_word(b, i) {
                Ok(w) => Some(w),
                Err(longer) => longer.then(|| long_word(b, i)).flatten(),
            };
            if let Some(w) = plain {
                assert_eq!(
                    (w.end, w.next),
                    (end, b.get(end).copied().unwrap_or(0))
                );
                let mut pad = [0u8; 16];
                pad[..end - i].copy_from_slice(&b[i..end]);
                assert_eq!(w.raw.0.to_le_bytes(), pad[..8], "at {i}");
                assert_eq!(w.raw.1.to_le_bytes(), pad[8..], "at {i}");
                let letters =
                    b[i..end].iter().filter(|c| c.is_ascii_alphabetic());
                let caps = !run.lower && letters.count() >= 2;
                assert_eq!(w.all_caps(), caps, "at {i}");
                pad.make_ascii_lowercase();
                assert_eq!(w.lo.to_le_bytes(), pad[..8], "at {i}");
                assert_eq!(w.hi.to_le_bytes(), pad[8..], "at {i}");
                assert!(!goes_on(b, w.end), "at {i}");
            }
            assert_eq!(run.end, end, "at {i}");
            assert_eq!(run.lower, acc & P_LOWER != 0, "at {i}");
            if let Some((lo, hi, letters)) = run.key {
                let mut pad = [0u8; 16];
                pad[..end - i].copy_from_slice(&b[i..end]);
                pad.make_ascii_lowercase();
                assert_eq!(lo.to_le_bytes(), pad[..8], "at {i}");
                assert_eq!(hi.to_le_bytes(), pad[8..], "at {i}");
                let n = b[i..end].iter().filter(|c| c.is_ascii_alphabetic());
                assert_eq!(letters.count_ones() as usize, n.count(), "at {i}");
            }
        }
    }

    #[test]
    fn glued_once_agrees_with_word_end() {
        let text = "company's year-old 9,000 3.5 it's LTV-2 can't x-ray's \
                    a'1 a-'b 1,a 1.2.3 9,000,000 p.m U.S. AT&T a-b-c \
                    O'Brien-Smith ab'cdefghijklmno abcdefg-hijklmnop \
                    a-é é's a'é a-b” a's’ a-b… 12,3a 1,2é x-y. q-r, \
                    Thirty-three-year-olds a-b\u{2019}s end-";
        let b = text.as_bytes();
        let lex = Lexicons::default_lexicons();
        let mut read = 0;
        for i in (0..b.len()).filter(|&i| b[i].is_ascii_alphanumeric()) {
            let bp = BYTE_PROPS[usize::from(b[i])];
            let run = ascii_word(b, i);
            let Some(w) = glued_once(b, i, &run, bp & P_NUMERIC != 0) else {
                continue;
            };
            let mut marks = false;
            let (end, lower) =
                word_end(text, i, run.end, bp, run.lower, &mut marks);
            assert_eq!(w.end, end, "at {i}");
            assert_eq!(run.lower | w.lower, lower, "at {i}");
            assert!(!marks, "at {i}");
            assert_eq!(
                lex.class_of_folded(w.key.0, w.key.1),
                lex.class_of(&text[i..end]),
                "at {i}"
            );
            let mut pad = [0u8; 16];
            pad[..end - i].copy_from_slice(&b[i..end]);
            pad.make_ascii_lowercase();
            assert_eq!(w.key.0.to_le_bytes(), pad[..8], "at {i}");
            assert_eq!(w.key.1.to_le_bytes(), pad[8..], "at {i}");
            read += 1;
        }
        assert!(read >= 20, "{read}");
    }

    #[test]
    fn leading_run_stops_at_any_byte() {
        // Every byte after a run of every length, with bytes that carry
        // most (0xFF) or least (0x00) after it.
        for n in 0..8 {
            for stop in 0..=255u8 {
                if stop.is_ascii_alphanumeric() {
                    continue;
                }
                for fill in [0x00, 0xFF, b'a', 0x80] {
                    let mut b = [fill; 8];
                    for (k, c) in b.iter_mut().take(n).enumerate() {
                        *c = b"aZ09zA9q"[k];
                    }
                    b[n] = stop;
                    let (m, key, letters) = leading_run(u64::from_le_bytes(b));
                    assert_eq!(m, n, "{b:?}");
                    let mut want = [0u8; 8];
                    want[..n].copy_from_slice(&b[..n]);
                    want.make_ascii_lowercase();
                    assert_eq!(key.to_le_bytes(), want, "{b:?}");
                    let alpha =
                        b[..n].iter().filter(|c| c.is_ascii_alphabetic());
                    assert_eq!(letters.count_ones() as usize, alpha.count());
                }
            }
        }
    }

    #[test]
    fn a_text_is_read_up_to_a_character() {
        assert_eq!(readable("said “yes”", 7), "said ");
        assert_eq!(readable("said “yes”", 8), "said “");
        assert_eq!(readable("said", 100), "said");
        assert_eq!(std::mem::size_of::<Token>(), 16);
    }

    #[test]
    fn tokens_keep_glue() {
        let text = "Jean-Luc O’Brien's U.S. $1,000.50 AT&T &quot;x";
        let d = segment(text, &Lexicons::default_lexicons());
        let words: Vec<&str> = (0..d.tokens.len()).map(|i| d.tok(i)).collect();
        assert_eq!(
            words,
            [
                "Jean-Luc",
                "O’Brien's",
                "U.S",
                ".",
                "$",
                "1,000.50",
                "AT&T",
                "&quot;",
                "x"
            ]
        );
        assert_eq!(punct_char(text, &d.tokens[7]), '"');
    }

    #[test]
    fn sentences_know_abbreviations() {
        assert_eq!(
            sents("Mr. Li met Dr. Wu. They spoke. It ended."),
            ["Mr. Li met Dr. Wu.", "They spoke.", "It ended."]
        );
        assert_eq!(
            sents("“Is it over?” asked Tom. “No.” He left."),
            ["“Is it over?” asked Tom.", "“No.”", "He left."]
        );
        assert_eq!(
            sents("He met J. K. Lee in the U.S. The talks went well."),
            ["He met J. K. Lee in the U.S.", "The talks went well."]
        );
    }

    #[test]
    fn paragraphs_and_broken_lines() {
        let text = "The minister said the talks\nwould resume on Monday.\n\
                    Next paragraph here.\n\nThird one.\r\nFourth.";
        let d = segment(text, &Lexicons::default_lexicons());
        let paras: Vec<&str> =
            d.paragraphs.iter().map(|p| &text[p.span]).collect();
        assert_eq!(
            paras,
            [
                "The minister said the talks\nwould resume on Monday.",
                "Next paragraph here.",
                "Third one.",
                "Fourth."
            ]
        );
    }

    #[test]
    fn captions_and_bylines_are_asides() {
        let text = "By Jane Doe\n\nPhoto: Anna Berg at the port (Reuters)\n\n\
                    Berg said the port would reopen.";
        let d = segment(text, &Lexicons::default_lexicons());
        let asides: Vec<bool> = d.paragraphs.iter().map(|p| p.aside).collect();
        assert_eq!(asides, [true, true, false]);
    }
}
