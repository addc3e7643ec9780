//! Entities: mentions clustered into speakers, in one forward pass.
//!
//! Full names found first (so a surname may link forward to a full name
//! given later, after a headline); then, in text order: a surname or
//! given name links to the most recent person who has it, a pronoun to
//! the most recent fitting person, a definite description to the most
//! recent person whose role, nationality or age fits (no fit, no link),
//! an organisation's short form (`the ministry`, an acronym, `the Post`)
//! to the organisation it shortens.

use std::sync::Arc;

use crate::affiliation::Affiliation;
use crate::attribute::{Raw, SrcKind};
use crate::lexicon::{
    class, hash_key, hash_start, hash_step, Gender, KeyTable, Lexicons,
};
use crate::mention::{Mention, NameKind};
use crate::model::{Shared, Speaker, SpeakerKind, SpeakerRef};
use crate::span::Span;
use crate::swar::{
    bytes_below, bytes_equal, find_either, load_le, lowercase, HIGH,
};
use crate::text::Doc;

/// How many recent people pronouns and descriptions may reach back to.
const RECENT: usize = 16;

#[derive(Debug)]
struct Entity {
    /// The canonical name, in [`Builder::names`].
    name: Span,
    kind: SpeakerKind,
    /// The first mention recorded and the last; every mention is in
    /// [`Builder::log`], `mentions` of them.
    first: Span,
    last: Option<Span>,
    mentions: usize,
    affil: Affiliation,
    gender: Gender,
    /// Evidence that it is worth listing: quoted, given name, honorific,
    /// title, affiliation, several mentions.
    solid: bool,
    quotes: usize,
    /// Whether its role has been looked up for a gender: a role once set
    /// stays, and a gender once known too, so one look-up answers.
    role_read: bool,
    /// The number in [`Table`] of the key of `name` when `name` is plain
    /// and that key its lowercase bytes, else [`NONE`]: an organisation's
    /// short forms are cut from it.
    key: u32,
}

/// Calls `push` with each byte of the folded key of a name: lowercase,
/// one space between words, `’` read as `'`.
#[inline]
fn fold_name(s: &str, mut push: impl FnMut(u8)) {
    let bytes = s.as_bytes();
    let mut i = 0;
    // Whether a word was pushed, and whether space followed it.
    let mut any = false;
    let mut gap = false;
    while i < bytes.len() {
        // ASCII without decoding.
        let c = match bytes[i] {
            b if b < 0x80 => b as char,
            _ => match s[i..].chars().next() {
                Some(c) => c,
                None => break,
            },
        };
        i += c.len_utf8();
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && any {
            push(b' ');
        }
        gap = false;
        any = true;
        if c.is_ascii() {
            push(c.to_ascii_lowercase() as u8);
        } else if c == '’' {
            push(b'\'');
        } else {
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &x in l.encode_utf8(&mut buf).as_bytes() {
                    push(x);
                }
            }
        }
    }
}

/// Folds ASCII `s` as [`fold_name`] does into `out`, which is at least as
/// long; the length of the key. One pass, no decoding.
fn fold_ascii(s: &[u8], out: &mut [u8]) -> usize {
    let mut n = 0;
    let mut gap = false;
    for (&b, _) in s.iter().zip(0..out.len()) {
        if is_space(b) {
            gap = true;
            continue;
        }
        if gap && n > 0 {
            out[n] = b' ';
            n += 1;
        }
        gap = false;
        out[n] = b.to_ascii_lowercase();
        n += 1;
    }
    n
}

/// What [`plain`] finds in a plain name.
#[derive(Clone, Copy, Default)]
struct Plain {
    /// Whether it has a `"` or `'`.
    quotes: bool,
    /// Where its first and its last space are.
    first_space: Option<usize>,
    last_space: usize,
}

/// What [`plain_with`] gathers, eight bytes at a time.
#[derive(Default)]
struct PlainScan {
    p: Plain,
    /// Nonzero once whitespace other than a single space is seen.
    odd: u64,
    quotes: u64,
    /// The high bit of the last byte before the chunk, if a space.
    carry: u64,
    /// Where the chunk starts.
    at: usize,
}

impl PlainScan {
    /// Reads the eight bytes `x`; false when they are not ASCII.
    #[inline(always)]
    fn check(&mut self, x: u64) -> bool {
        if x & HIGH != 0 {
            return false;
        }
        let space = bytes_equal(x, b' ');
        if space != 0 {
            let p = &mut self.p;
            let first = self.at + space.trailing_zeros() as usize / 8;
            p.first_space.get_or_insert(first);
            p.last_space = self.at + (63 - space.leading_zeros() as usize) / 8;
        }
        self.at += 8;
        // Whitespace other than a space: `\t` to `\r`. (A zero byte of
        // padding is neither.)
        self.odd |= bytes_below(x, b'\r' + 1) & !bytes_below(x, b'\t');
        self.odd |= space & ((space << 8) | self.carry);
        self.quotes |= bytes_equal(x, b'"') | bytes_equal(x, b'\'');
        self.carry = space >> 56;
        true
    }
}

/// `Some` when `s` is ASCII with words separated by single spaces and no
/// space at either end: then folding it only lowercases it, and its words
/// are its pieces between spaces. Eight bytes at a time, since every name
/// is checked; `each` gets every eight (the last padded with zeros) once
/// they are checked.
#[inline(always)]
fn plain_with(s: &[u8], mut each: impl FnMut(u64)) -> Option<Plain> {
    if s.first() == Some(&b' ') || s.last() == Some(&b' ') {
        return None;
    }
    let mut scan = PlainScan::default();
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(c);
        let x = u64::from_le_bytes(buf);
        if !scan.check(x) {
            return None;
        }
        each(x);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let x = if let Some(last) = s.len().checked_sub(8) {
            // The last eight bytes, shifted down past those read already.
            let mut buf = [0u8; 8];
            buf.copy_from_slice(&s[last..]);
            u64::from_le_bytes(buf) >> (8 * (8 - rest.len()))
        } else {
            // Shorter than eight bytes (a surname, nearly half the names):
            // `load_le`'s fixed-length loads instead of a loop over the
            // bytes (prof 10: 0.03M instructions fewer).
            load_le(rest)
        };
        if !scan.check(x) {
            return None;
        }
        each(x);
    }
    scan.p.quotes = scan.quotes != 0;
    (scan.odd == 0).then_some(scan.p)
}

/// [`plain_with`] alone.
fn plain(s: &[u8]) -> Option<Plain> {
    plain_with(s, |_| {})
}

/// Appends the folded key of a name ([`fold_name`]) to `out`; what
/// [`plain`] found, if it is, and the key's [`hash_key`]. A plain name is
/// lowercased and hashed as it is checked, eight bytes at a time: those
/// are the eight bytes, the last zero-padded, that `hash_key` reads.
#[inline(always)]
fn fold_into(s: &str, out: &mut Vec<u8>) -> (Option<Plain>, u64) {
    fold_bytes_into(s.as_bytes(), || s, out)
}

/// [`fold_into`] of `text()`, whose bytes are `b`: the text is sliced
/// only for a name that is not plain (a `str` slice tests both ends for
/// a character boundary: prof 10, 0.03M instructions).
#[inline(always)]
fn fold_bytes_into<'s>(
    b: &[u8],
    text: impl FnOnce() -> &'s str,
    out: &mut Vec<u8>,
) -> (Option<Plain>, u64) {
    let start = out.len();
    out.reserve(b.len() + 8);
    let mut hash = hash_start(b.len());
    let p = plain_with(b, |x| {
        let lower = lowercase(x);
        hash = hash_step(hash, lower);
        out.extend_from_slice(&lower.to_le_bytes());
    });
    if p.is_some() {
        out.truncate(start + b.len());
    } else {
        out.truncate(start);
        fold_name(text(), |b| out.push(b));
        hash = hash_key(&out[start..]);
    }
    (p, hash)
}

/// Calls `f` with the folded key of a name ([`fold_name`]). Folds on the
/// stack for names of usual length, so that look-ups do not allocate.
fn with_key<R>(s: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    // Room for the last eight bytes written whole.
    let mut stack = [0u8; 104];
    if s.len() <= 96 {
        // A plain name is lowercased eight bytes at a time.
        let mut at = 0;
        let lowered = plain_with(s.as_bytes(), |x| {
            stack[at..at + 8].copy_from_slice(&lowercase(x).to_le_bytes());
            at += 8;
        });
        if lowered.is_some() {
            return f(&stack[..s.len()]);
        }
    }
    if let Some(stack) = stack.get_mut(..s.len()) {
        if s.is_ascii() {
            let n = fold_ascii(s.as_bytes(), stack);
            return f(&stack[..n]);
        }
    }
    let mut heap = Vec::new();
    let mut n = 0;
    fold_name(s, |b| {
        if n < stack.len() {
            stack[n] = b;
        } else {
            if heap.is_empty() {
                heap.extend_from_slice(&stack);
            }
            heap.push(b);
        }
        n += 1;
    });
    if heap.is_empty() {
        f(&stack[..n])
    } else {
        f(&heap)
    }
}

/// The keys of a name mention, numbered in [`Table`] once (pass 1): the
/// whole name, and for a person named by several words, its last word
/// (else the whole name again). Its first word is not numbered: see
/// [`NameKeys::first`].
#[derive(Clone, Copy)]
struct NameKeys {
    full: u32,
    last: u32,
    /// The length of the first word's key, the start of `full`'s, for a
    /// person named by several words; else 0.
    first_key: usize,
    /// Whether the name has several words.
    several: bool,
    /// The length in bytes of the first word of a plain name of several
    /// words, as written; 0 when not known.
    first_len: usize,
}

impl NameKeys {
    /// The keys of `m`, whose folded name is `key`, of [`hash_key`]
    /// `hash`; `plain`, what [`plain`] found in the name, spares looking
    /// for the spaces again.
    fn of(
        table: &mut Table,
        m: &Mention,
        (key, hash): (&[u8], u64),
        plain: Option<Plain>,
    ) -> NameKeys {
        let full = table.intern_hashed(hash, key);
        // The folded words are separated by single spaces, and folding
        // never makes a space: the words of the name are the pieces.
        let first_end = match plain {
            Some(p) => p.first_space,
            None => key.iter().position(|&b| b == b' '),
        };
        let Some(first_end) = first_end else {
            // One word (or none): first and last are the whole name.
            return NameKeys {
                full,
                last: full,
                first_key: 0,
                several: false,
                first_len: 0,
            };
        };
        let last_space = match plain {
            Some(p) => p.last_space,
            None => key.iter().rposition(|&b| b == b' ').unwrap_or(0),
        };
        // Only a person's name is looked up by its words.
        let person = m.kind == NameKind::Person;
        let last = if person {
            table.intern(&key[last_space + 1..])
        } else {
            full
        };
        NameKeys {
            full,
            last,
            first_key: if person { first_end } else { 0 },
            several: true,
            first_len: if plain.is_some() { first_end } else { 0 },
        }
    }

    /// The number of the first word's key of a person named by several
    /// words, if a name mention has that key (`Hillary`): only a one-word
    /// mention's own key (numbered in pass 1) is looked up among given
    /// names, so a first word that no mention has alone needs no number.
    /// (Numbering each first word cost 0.07M instructions on prof 10.)
    fn first(&self, table: &Table) -> Option<u32> {
        let given = &table.keys.key(self.full as usize)[..self.first_key];
        table.keys.get(given).copied()
    }
}

/// Which of the name maps a key is in: an index into a row of
/// [`Table::rows`].
#[derive(Clone, Copy)]
enum Map {
    /// Full names and organisations.
    Full,
    Surname,
    First,
    /// The first full name given for a surname.
    FirstFullBySurname,
    /// Short forms of organisations: last word, head word, acronym.
    OrgByWord,
    /// People named by one word, descriptions and groups.
    ByKey,
}

const MAPS: usize = Map::ByKey as usize + 1;

/// No entity, in a row of [`Table::rows`].
const NONE: u32 = u32::MAX;

/// Every name map of a document, from folded name to entity: each key
/// is numbered once, and its row holds its entity in every map, so that
/// a name is hashed and found once however many maps are read. Kept
/// between calls ([`Buffers`]), so that looking names up and adding them
/// allocates nothing once the table has grown. (Entities are numbered in
/// `u32`: a text of at most 4 GiB has fewer.)
#[derive(Default)]
struct Table {
    /// The folded keys, with their numbers (key number `n` is entry `n`:
    /// keys are numbered in the order they are added).
    keys: KeyTable<u32>,
    /// Per key number: its entity in each map, or [`NONE`].
    rows: Vec<[u32; MAPS]>,
}

/// The most name mentions the table is sized for up front. An article's
/// table never grows; a long text's names mostly repeat (50,000 mentions,
/// 4,700 full names), so its table grows with the keys it gets instead of
/// a slot array of four times the mentions being cleared on every call.
const PRESIZED_NAMES: usize = 1024;

impl Table {
    /// Empties the table, sized for about `names` name mentions.
    fn reset(&mut self, names: usize) {
        self.keys.reset(names.min(PRESIZED_NAMES));
        self.rows.clear();
    }

    /// The number of folded key `key`, given one if new.
    fn intern(&mut self, key: &[u8]) -> u32 {
        self.intern_hashed(hash_key(key), key)
    }

    /// [`Table::intern`] of `key`, whose [`hash_key`] is `hash`.
    fn intern_hashed(&mut self, hash: u64, key: &[u8]) -> u32 {
        let next = self.rows.len() as u32;
        let n = *self.keys.get_or_insert_with(hash, key, || next);
        if n == next {
            self.rows.push([NONE; MAPS]);
        }
        n
    }

    /// The entity of key number `key` in `map`.
    fn get(&self, map: Map, key: u32) -> Option<usize> {
        let e = self.rows[key as usize][map as usize];
        (e != NONE).then_some(e as usize)
    }

    /// Sets the entity of key number `key` in `map`.
    fn set(&mut self, map: Map, key: u32, id: usize) {
        self.rows[key as usize][map as usize] = id as u32;
    }

    /// Sets it unless it is set already.
    fn add(&mut self, map: Map, key: u32, id: usize) {
        let e = &mut self.rows[key as usize][map as usize];
        if *e == NONE {
            *e = id as u32;
        }
    }

    /// The entity of a name as written, folded.
    fn get_name(&self, map: Map, name: &str) -> Option<usize> {
        let key = with_key(name, |k| self.keys.get(k).copied());
        key.and_then(|key| self.get(map, key))
    }

    fn insert_name(&mut self, map: Map, name: &str, id: usize) {
        let key = with_key(name, |k| self.intern(k));
        self.set(map, key, id);
    }

    fn add_name(&mut self, map: Map, name: &str, id: usize) {
        let key = with_key(name, |k| self.intern(k));
        self.add(map, key, id);
    }
}

/// Whether the canonical form of `name`, which is plain (`p`), is `name`
/// as written: no quoted nickname, no leading article to drop, no first
/// letter to lowercase.
fn as_written(
    name: &str,
    kind: SpeakerKind,
    lower_first: bool,
    p: Plain,
) -> bool {
    let article = kind == SpeakerKind::Organization
        && (name.starts_with("The ") || name.starts_with("the "));
    !p.quotes && !lower_first && !article && !name.is_empty()
}

/// Appends to `out` the canonical form of a name as written: single
/// spaces, no quoted nickname (`Patrick “Paddy” Quinlan` is Patrick
/// Quinlan), no leading article for an organisation (`the National
/// Statistics Office`), and, with `lower_first`, the first letter of a
/// description or group in lowercase as it would stand mid-sentence (`A
/// spokeswoman for the ministry`, `Analysts`). Never empty. `known` is
/// what [`plain`] found in `name`, when the caller has it already.
fn canonical(
    name: &str,
    kind: SpeakerKind,
    lower_first: bool,
    known: Option<Plain>,
    out: &mut String,
) {
    // Most names, folded just before: plain, without a quotation mark or
    // a leading article, kept as written.
    if known.is_some_and(|p| as_written(name, kind, lower_first, p)) {
        out.push_str(name);
        return;
    }
    // Byte patterns rather than a set of chars, which decodes them.
    let nickname = |w: &str| {
        w.starts_with(['"', '\''])
            || w.starts_with('“')
            || w.starts_with('‘')
            || w.ends_with('"')
            || w.ends_with('”')
            || w.ends_with('’')
    };
    let written = name.len();
    // (A plain name has no space at either end.)
    let mut name = if known.is_some() { name } else { name.trim() };
    // `the National Statistics Office` is named without its article;
    // `the national water authority` is a description and keeps it.
    if kind == SpeakerKind::Organization {
        for article in ["The ", "the "] {
            if let Some(rest) = name.strip_prefix(article) {
                if rest.starts_with(char::is_uppercase) {
                    name = rest;
                }
            }
        }
    }
    let lower_first = lower_first && kind != SpeakerKind::Organization
        || (kind == SpeakerKind::Organization && name.starts_with("The "));
    let start = out.len();
    // Most names are written plainly: nothing to take out. A name folded
    // just before is not scanned again, unless it lost its article.
    let found = match known {
        Some(p) if name.len() == written => Some(p),
        _ => plain(name.as_bytes()),
    };
    // A plain name with a quotation mark but no nickname (`O'Brien`) is
    // its words joined as they are: the name.
    if found.is_some_and(|p| !p.quotes || !has_nickname(name.as_bytes())) {
        out.push_str(name);
    }
    let join = |all: bool, out: &mut String| {
        for_each_word(name, |w| {
            if all || !nickname(w) {
                if out.len() > start {
                    out.push(' ');
                }
                out.push_str(w);
            }
        });
    };
    if out.len() == start {
        join(false, out);
    }
    if out.len() == start {
        join(true, out);
    }
    if out.len() == start {
        out.push_str("unnamed");
    }
    if lower_first {
        let mut chars = out[start..].chars();
        if let Some(first) = chars.next() {
            // Not an acronym: `A spokeswoman`, `Analysts`.
            let second_lower =
                chars.next().is_none_or(|c| c.is_lowercase() || c == ' ');
            if first.is_ascii_uppercase() && second_lower {
                // One byte for one byte, in place.
                out[start..start + 1].make_ascii_lowercase();
            } else if first.is_uppercase() && second_lower {
                // At most three chars of four bytes.
                let mut buf = [0u8; 12];
                let mut n = 0;
                for c in first.to_lowercase() {
                    n += c.encode_utf8(&mut buf[n..]).len();
                }
                let lower = std::str::from_utf8(&buf[..n])
                    .expect("whole chars were encoded");
                out.replace_range(start..start + first.len_utf8(), lower);
            }
        }
    }
}

/// Whether a plain name ([`plain`]: ASCII words between single spaces)
/// has a word that [`canonical`] takes for a nickname: one that starts
/// with `"` or `'`, or ends with `"`.
fn has_nickname(b: &[u8]) -> bool {
    b.iter().enumerate().any(|(i, &c)| {
        let starts = i == 0 || b[i - 1] == b' ';
        let ends = i + 1 == b.len() || b[i + 1] == b' ';
        c == b'"' && (starts || ends) || c == b'\'' && starts
    })
}

/// Whether `full` ends with the words of `short`: `Katrin van der Berg`
/// and `Van der Berg`.
fn ends_with_name(full: &str, short: &str) -> bool {
    let short = short.trim();
    full.len() > short.len()
        && full.is_char_boundary(full.len() - short.len())
        && full[full.len() - short.len()..].eq_ignore_ascii_case(short)
        && full[..full.len() - short.len()].ends_with(' ')
}

/// The ASCII characters that `char::is_whitespace` accepts.
fn is_space(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// The last word of `s` (as [`str::split_whitespace`] gives them), or
/// `s` when it has none. Only the bytes of that word and the spaces
/// after it are read when they are ASCII: ASCII spaces are the only
/// ASCII whitespace.
fn last_word(s: &str) -> &str {
    let b = s.as_bytes();
    let mut end = b.len();
    while end > 0 && is_space(b[end - 1]) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && !is_space(b[start - 1]) {
        if !b[start - 1].is_ascii() {
            return s.split_whitespace().next_back().unwrap_or(s);
        }
        start -= 1;
    }
    if start == end {
        // Only spaces, or (before them) other whitespace.
        return s.split_whitespace().next_back().unwrap_or(s);
    }
    &s[start..end]
}

/// The first word of `s`, as [`last_word`] the last.
fn first_word(s: &str) -> &str {
    let b = s.as_bytes();
    let mut start = 0;
    while start < b.len() && is_space(b[start]) {
        start += 1;
    }
    let mut end = start;
    while end < b.len() && !is_space(b[end]) {
        if !b[end].is_ascii() {
            return s.split_whitespace().next().unwrap_or(s);
        }
        end += 1;
    }
    if start == end {
        return s.split_whitespace().next().unwrap_or(s);
    }
    &s[start..end]
}

/// Calls `f` with each word of `s`, as [`str::split_whitespace`] gives
/// them; ASCII text is split without decoding characters.
fn for_each_word<'s>(s: &'s str, mut f: impl FnMut(&'s str)) {
    if !s.is_ascii() {
        s.split_whitespace().for_each(f);
        return;
    }
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        let start = i;
        while i < b.len() && !is_space(b[i]) {
            i += 1;
        }
        if start < i {
            f(&s[start..i]);
        }
    }
}

/// Initials of an organisation's capitalised words: `International
/// Monetary Fund` → `imf`.
fn acronym(s: &str, out: &mut String) {
    out.clear();
    for_each_word(s, |w| {
        let first = w.as_bytes()[0];
        if first.is_ascii_uppercase() {
            out.push(first.to_ascii_lowercase() as char);
        } else if !first.is_ascii() {
            let c = w.chars().next().expect("words are not empty");
            if c.is_uppercase() {
                out.extend(c.to_lowercase());
            }
        }
    });
}

/// The entity stage's working memory, kept between calls (see
/// [`crate::scratch`]): its tables and lists are cleared and refilled for
/// each document, so that they allocate only while they grow.
#[derive(Default)]
pub(crate) struct Buffers {
    /// The folded name of a mention, for a moment.
    key: Vec<u8>,
    /// Per name mention: its keys.
    keys: Vec<NameKeys>,
    /// Per name mention: whether it is a statement's source.
    source_of: Vec<bool>,
    /// Per name mention: its entity.
    name_ent: Vec<Option<usize>>,
    /// Sources in text order: (start, statement).
    order: Vec<(usize, usize)>,
    /// Per entity: its index among the speakers, or `usize::MAX`.
    new_index: Vec<usize>,
    /// The entities listed, in order of first mention: (where the first
    /// mention starts, entity).
    ids: Vec<(usize, usize)>,
    /// Per speaker: where its next mention and quote go in `mentions` and
    /// `quotes`.
    next: Vec<[usize; 2]>,
    /// The speakers' mentions, each speaker's after the last's.
    mentions: Vec<Span>,
    /// The speakers' quotes, each speaker's after the last's.
    quotes: Vec<usize>,
    builder: Builder,
}

impl Buffers {
    /// Bytes held, for the scratch's limit.
    pub(crate) fn bytes(&self) -> usize {
        let b = &self.builder;
        self.key.capacity()
            + self.keys.capacity() * std::mem::size_of::<NameKeys>()
            + self.source_of.capacity()
            + (self.name_ent.capacity() + self.new_index.capacity())
                * std::mem::size_of::<usize>()
            + self.ids.capacity() * 2 * std::mem::size_of::<usize>()
            + self.order.capacity() * 2 * std::mem::size_of::<usize>()
            + self.next.capacity() * std::mem::size_of::<[usize; 2]>()
            + self.mentions.capacity() * std::mem::size_of::<Span>()
            + self.quotes.capacity() * std::mem::size_of::<usize>()
            + b.table.keys.bytes()
            + b.table.rows.capacity() * std::mem::size_of::<[u32; MAPS]>()
            + b.names.capacity()
            + b.key.capacity()
            + b.ents.capacity() * std::mem::size_of::<Entity>()
            + b.log.capacity() * std::mem::size_of::<(usize, Span)>()
    }
}

/// The entities of a document as they are built, with their name maps and
/// lists; kept in [`Buffers`] between calls, and [`Builder::reset`] for
/// each document.
#[derive(Default)]
struct Builder {
    ents: Vec<Entity>,
    /// Every name map.
    table: Table,
    /// The canonical names of the entities, one after the other.
    names: String,
    /// Every mention, with its entity, in the order recorded.
    log: Vec<(usize, Span)>,
    /// A buffer for an organisation's acronym.
    acronym: String,
    /// A buffer for a folded name.
    key: Vec<u8>,
    /// Recently mentioned people and unnamed sources, most recent last.
    recent: Vec<usize>,
    last_speaker: Option<usize>,
    /// Where the last speaker's mention starts.
    last_source_at: usize,
    /// The organisation mentioned last.
    last_org: Option<usize>,
    /// Organisations mentioned lately, for short forms of their names.
    recent_orgs: Vec<usize>,
}

impl Builder {
    /// Forgets the last document, sized for about `names` name mentions.
    fn reset(&mut self, names: usize) {
        self.table.reset(names);
        self.names.clear();
        self.ents.clear();
        self.log.clear();
        self.recent.clear();
        self.recent_orgs.clear();
        self.last_speaker = None;
        self.last_source_at = 0;
        self.last_org = None;
    }

    /// The canonical name of entity `id`.
    fn name_of(&self, id: usize) -> &str {
        &self.names.as_str()[self.ents[id].name]
    }

    fn new_entity(&mut self, name: &str, kind: SpeakerKind) -> usize {
        self.new_entity_lower(name, kind, false, None)
    }

    /// A new entity whose name's first letter is lowercased when
    /// `lower_first` (a description capitalised by its sentence); `known`
    /// as for [`canonical`].
    fn new_entity_lower(
        &mut self,
        name: &str,
        kind: SpeakerKind,
        lower_first: bool,
        known: Option<Plain>,
    ) -> usize {
        let id = self.ents.len();
        let start = self.names.len();
        canonical(name, kind, lower_first, known, &mut self.names);
        self.ents.push(Entity {
            name: Span::new(start, self.names.len()),
            kind,
            first: Span::default(),
            last: None,
            mentions: 0,
            affil: Affiliation::default(),
            gender: Gender::Unknown,
            solid: false,
            quotes: 0,
            role_read: false,
            key: NONE,
        });
        id
    }

    fn touch(&mut self, id: usize, span: Span) {
        // The person mentioned last, again (only people and unnamed
        // sources are in `recent`, each touched before): nothing moves.
        if self.recent.last() == Some(&id) {
            let e = &mut self.ents[id];
            if e.last != Some(span) {
                e.last = Some(span);
                e.mentions += 1;
                self.log.push((id, span));
            }
            return;
        }
        if self.ents[id].kind == SpeakerKind::Organization {
            self.last_org = Some(id);
            if !self.recent_orgs.contains(&id) {
                if self.recent_orgs.len() == RECENT {
                    self.recent_orgs.remove(0);
                }
                self.recent_orgs.push(id);
            }
        }
        let e = &mut self.ents[id];
        if e.last != Some(span) {
            if e.last.is_none() {
                e.first = span;
            }
            e.last = Some(span);
            e.mentions += 1;
            self.log.push((id, span));
        }
        if matches!(
            self.ents[id].kind,
            SpeakerKind::Person | SpeakerKind::Unnamed
        ) {
            if let Some(p) = self.recent.iter().position(|&e| e == id) {
                self.recent.remove(p);
            }
            self.recent.push(id);
            if self.recent.len() > RECENT {
                self.recent.remove(0);
            }
        }
    }

    /// Pass 1 step: an entity for name mention `m` of `doc`, if it is a
    /// full name or an organisation not seen before; `plain`, what folding
    /// found in its text.
    fn full_name(
        &mut self,
        m: &Mention,
        doc: &Doc<'_>,
        k: &NameKeys,
        plain: Option<Plain>,
    ) {
        let kind = match m.kind {
            NameKind::Org => SpeakerKind::Organization,
            NameKind::Person if k.several => SpeakerKind::Person,
            _ => return,
        };
        if self.table.get(Map::Full, k.full).is_some() {
            return;
        }
        let text = &doc.text[m.span];
        let id = self.new_entity_lower(text, kind, false, plain);
        self.table.set(Map::Full, k.full, id);
        // The key of a plain name kept as written is its lowercase.
        if kind == SpeakerKind::Organization
            && plain.is_some_and(|p| as_written(text, kind, false, p))
        {
            self.ents[id].key = k.full;
        }
        if kind == SpeakerKind::Person {
            self.table.add(Map::FirstFullBySurname, k.last, id);
        }
    }

    /// Pass 2 step: the entity of a name mention.
    fn name(
        &mut self,
        lex: &Lexicons,
        doc: &Doc<'_>,
        m: &mut Mention,
        k: &NameKeys,
        is_source: bool,
    ) -> Option<usize> {
        // (The text is sliced only where it is read: most mentions are
        // found by their keys alone.)
        let several = k.several;
        let full = k.full;
        let id = if m.kind == NameKind::Org {
            let short = self.table.get(Map::OrgByWord, full);
            let by_full = self.table.get(Map::Full, full);
            let mut id = match by_full {
                Some(id) if several || short.is_none() => id,
                _ => short.or(by_full)?,
            };
            // `the Lorne Institute` after `the Lorne Institute of Tropical
            // Medicine`: the longer name, seen first, is the same body.
            if several && self.ents[id].last.is_none() {
                // In bytes, the lengths compared before a name is sliced:
                // a space after the prefix is a character boundary.
                let text = &doc.text.as_bytes()[m.span.start..m.span.end];
                let longer =
                    self.recent_orgs.iter().rev().copied().find(|&o| {
                        let at = self.ents[o].name;
                        o != id && at.len() > text.len() + 1 && {
                            let n = &self.names.as_bytes()[at.start..at.end];
                            n[..text.len()].eq_ignore_ascii_case(text)
                                && n[text.len()] == b' '
                        }
                    });
                if let Some(o) = longer {
                    id = o;
                }
            }
            if several && self.ents[id].last.is_none() {
                self.org_short_forms(lex, id, (doc, m, full));
            }
            self.ents[id].solid = true;
            id
        } else if several && m.kind == NameKind::Person {
            // `Hillary Clinton` after `Hillary Rodham Clinton`; `Van der
            // Berg` after `Katrin van der Berg`.
            let last = k.last;
            let same = |e: usize| {
                let text = &doc.text[m.span];
                first_word(self.name_of(e))
                    .eq_ignore_ascii_case(first_word(text))
                    || ends_with_name(self.name_of(e), text)
            };
            let id = match self.table.get(Map::Surname, last) {
                Some(e)
                    if self.ents[e].kind == SpeakerKind::Person && same(e) =>
                {
                    e
                }
                _ => self.table.get(Map::Full, full)?,
            };
            self.table.set(Map::Surname, last, id);
            if let Some(first) = k.first(&self.table) {
                self.table.set(Map::First, first, id);
            }
            if given_name_first(lex, doc, m, k.first_len) {
                self.ents[id].solid = true;
            }
            id
        } else {
            // One word: a surname, a given name, or someone named once.
            let t = &self.table;
            let found = t
                .get(Map::Surname, full)
                .or_else(|| t.get(Map::First, full))
                .or_else(|| t.get(Map::FirstFullBySurname, full))
                .or_else(|| t.get(Map::ByKey, full));
            match found {
                Some(id) => id,
                None => {
                    if m.kind == NameKind::Single && !is_source {
                        return None;
                    }
                    let text = &doc.text[m.span];
                    let id = self.new_entity(text, SpeakerKind::Person);
                    self.table.set(Map::ByKey, full, id);
                    self.table.set(Map::Surname, full, id);
                    id
                }
            }
        };
        let e = &mut self.ents[id];
        if m.gender != Gender::Unknown {
            e.gender = m.gender;
        }
        if m.lead < m.tok_start || !m.affil.is_empty() {
            e.solid = true;
        }
        // The mention is not read again: what it brings is moved.
        e.affil.absorb(&mut m.affil);
        if e.gender == Gender::Unknown && !e.role_read {
            if let Some(role) = &e.affil.role {
                if let Some(&g) = lex.roles.get(last_word(role)) {
                    e.gender = g;
                }
                e.role_read = true;
            }
        }
        // `the union's general secretary`: the union named before; `the
        // company's chief executive`: the organisation named last.
        let named = self.ents[id].affil.org.as_deref().and_then(|org| {
            // (Bytes compared: a search for a char calls memchr, slow to
            // start for a word; prof 10, 0.01M instructions.)
            let lower = !org.bytes().any(|b| b == b' ')
                && org.chars().all(char::is_lowercase);
            lower.then(|| self.org_of_noun(org, true)).flatten()
        });
        if let Some(o) = named {
            self.ents[id].affil.org = Some(self.name_of(o).to_string());
        }
        self.touch(id, m.span);
        Some(id)
    }

    /// Short forms of organisation `id`'s name, on first sight: last word
    /// (`the Post`), acronym, head word (`the ministry`). `(doc, m, full)`:
    /// the name mention that names it, and the number of its key.
    fn org_short_forms(
        &mut self,
        lex: &Lexicons,
        id: usize,
        (doc, m, full): (&Doc<'_>, &Mention, u32),
    ) {
        let name = &self.names.as_str()[self.ents[id].name];
        let table = &mut self.table;
        let acronym = &mut self.acronym;
        let key = &mut self.key;
        key.clear();
        // A plain name (nearly all) is folded once, most in pass 1: its
        // words are its pieces between single spaces, and their keys the
        // same pieces of the key.
        let known = self.ents[id].key;
        let plain = if known == NONE {
            fold_into(name, key).0.is_some()
        } else {
            key.extend_from_slice(table.keys.key(known as usize));
            true
        };
        if !plain {
            table.add_name(Map::OrgByWord, last_word(name), id);
            self::acronym(name, acronym);
            if acronym.len() >= 2 {
                table.add_name(Map::OrgByWord, acronym, id);
            }
            for_each_word(name, |w| {
                if lex.org_heads.contains(w) {
                    table.insert_name(Map::OrgByWord, w, id);
                }
            });
            return;
        }
        // One pass over the words: the last word and the head words are short forms, and
        // so are the capitals of the words, lowercased (a key as it is).
        // Every entry made here is this entity's, so their order does not
        // matter.
        acronym.clear();
        let bytes = name.as_bytes();
        // A name kept as written with the mention's key, as long as the
        // mention's text, is that text up to ASCII case (folding shortens
        // any other text to an ASCII key): a word of it that is one word
        // token of the mention has the classes the tokenizer looked up
        // for that token (prof 10: 0.06M instructions fewer than looking
        // each word up again).
        let toks = (known == full && m.span.len() == bytes.len())
            .then(|| &doc.tokens[m.tok_start..m.tok_end]);
        let mut t = 0;
        let mut start = 0;
        loop {
            // (Eight bytes at a time: prof 10, 0.025M instructions fewer
            // than a byte loop.)
            let end = find_either(&bytes[start..], b' ', b' ')
                .map_or(bytes.len(), |n| start + n);
            if let Some(&first) = bytes.get(start) {
                if first.is_ascii_uppercase() {
                    acronym.push(first.to_ascii_lowercase() as char);
                }
            }
            let last = end == bytes.len();
            let word = Span::new(m.span.start + start, m.span.start + end);
            let token = toks.and_then(|toks| {
                while toks.get(t).is_some_and(|k| k.span().start < word.start)
                {
                    t += 1;
                }
                toks.get(t).filter(|k| k.is_word() && k.span() == word)
            });
            let head = match token {
                Some(k) => k.has(class::ORG_HEAD),
                None => lex.org_heads.contains(&name[start..end]),
            };
            if head || last {
                let k = table.intern(&key[start..end]);
                if head {
                    table.set(Map::OrgByWord, k, id);
                } else {
                    table.add(Map::OrgByWord, k, id);
                }
            }
            if last {
                break;
            }
            start = end + 1;
        }
        if acronym.len() >= 2 {
            let k = table.intern(acronym.as_bytes());
            table.add(Map::OrgByWord, k, id);
        }
    }

    /// A pronoun: the person last mentioned in the same paragraph when
    /// the gender fits, else the last speaker or the most recent person of
    /// that gender, else the most recent fitting person.
    fn pronoun(
        &mut self,
        gender: Gender,
        plural: bool,
        span: Span,
        (para_start, prev_start): (usize, Option<usize>),
    ) -> usize {
        let fits = |e: &Entity| {
            !plural
                && matches!(e.kind, SpeakerKind::Person | SpeakerKind::Unnamed)
                && (gender == Gender::Unknown
                    || e.gender == gender
                    || e.gender == Gender::Unknown)
        };
        let strict =
            |e: &Entity| gender != Gender::Unknown && e.gender == gender;
        // `Ramaswamy rejected the suggestion. "...," she said.`
        let mentioned_since = |from: usize| {
            self.recent
                .iter()
                .rev()
                .copied()
                .take_while(|&e| {
                    self.ents[e].last.is_some_and(|m| m.start >= from)
                })
                .find(|&e| fits(&self.ents[e]))
        };
        let in_paragraph = mentioned_since(para_start);
        // `For Dawson, ... the evening was hard to take in.` then a
        // paragraph `"...," she said.`: a paragraph without a quote
        // introduces the next speaker.
        let introduced = prev_start
            .filter(|&p| self.last_source_at < p)
            .and_then(mentioned_since);
        let last_speaker = |ok: &dyn Fn(&Entity) -> bool| {
            self.last_speaker
                .filter(|&s| self.recent.contains(&s) && ok(&self.ents[s]))
        };
        let most_recent = |ok: &dyn Fn(&Entity) -> bool| {
            self.recent
                .iter()
                .rev()
                .copied()
                .find(|&e| ok(&self.ents[e]))
        };
        // Without gender to go by, the person just quoted is the likelier
        // `he` or `she` than one merely mentioned since.
        let pick = in_paragraph
            .or(introduced)
            .or_else(|| last_speaker(&strict))
            .or_else(|| most_recent(&strict))
            .or_else(|| last_speaker(&fits))
            .or_else(|| most_recent(&fits));
        let id = match pick {
            Some(id) => id,
            None => self.new_entity(
                if plural { "they" } else { "unnamed" },
                if plural {
                    SpeakerKind::Group
                } else {
                    SpeakerKind::Unnamed
                },
            ),
        };
        if gender != Gender::Unknown && self.ents[id].gender == Gender::Unknown
        {
            self.ents[id].gender = gender;
        }
        self.touch(id, span);
        id
    }

    /// The organisation a common noun stands for: the one whose name it
    /// heads (`the ministry`), or for a generic `the company` the one
    /// named last.
    fn org_of_noun(&self, w: &str, definite: bool) -> Option<usize> {
        let generic = matches!(
            w,
            "company"
                | "firm"
                | "group"
                | "organization"
                | "organisation"
                | "business"
                | "corporation"
                | "agency"
        );
        let short = self.table.get_name(Map::OrgByWord, w);
        short.or(if definite && generic {
            self.last_org
        } else {
            None
        })
    }

    /// A description, a group or an organisation's short form.
    fn description(
        &mut self,
        lex: &Lexicons,
        doc: &Doc<'_>,
        kind: SrcKind,
        span: Span,
        head: Span,
        affil: &Affiliation,
    ) -> usize {
        let text = &doc.text[span];
        let head_w = &doc.text[head];
        let first = first_word(text);
        let definite = matches!(first, "the" | "The");
        match kind {
            // `It said`: the organisation last named, if any.
            SrcKind::OrgDesc if matches!(head_w, "it" | "It") => {
                if let Some(id) = self.last_org {
                    self.touch(id, span);
                    return id;
                }
            }
            SrcKind::OrgDesc => {
                if let Some(id) = self.org_of_noun(head_w, definite) {
                    self.touch(id, span);
                    return id;
                }
            }
            SrcKind::Description if definite => {
                let country = affil.country.as_deref();
                let age: Option<u16> =
                    head_w.split('-').next().and_then(|n| n.parse().ok());
                let expert = lex.experts.contains(head_w);
                // What does not depend on the person, looked up once.
                let head_gender = lex
                    .roles
                    .get(head_w)
                    .copied()
                    .filter(|&g| g != Gender::Unknown);
                let generic = matches!(head_w, "man" | "woman");
                let found = self.recent.iter().rev().copied().find(|&e| {
                    let ent = &self.ents[e];
                    let role_words = || {
                        ent.affil.role.as_deref().into_iter().flat_map(|r| {
                            r.split(|c: char| !c.is_alphanumeric() && c != '-')
                        })
                    };
                    // `the expert` for a senior research fellow.
                    let role_fit = || {
                        role_words().any(|w| {
                            w.eq_ignore_ascii_case(head_w)
                                || expert && lex.experts.contains(w)
                        })
                    };
                    let age_fit = age.is_some() && ent.affil.age == age;
                    let gender_fit =
                        head_gender.is_some_and(|g| ent.gender == g);
                    let country_ok = country.is_none_or(|c| {
                        ent.affil.country.as_deref() == Some(c)
                            || ent.affil.org.as_deref() == Some(c)
                            // The field of an expert, or an unknown
                            // country.
                            || expert && ent.affil.country.is_none()
                    });
                    // The role's words, split by chars, last.
                    country_ok
                        && (age_fit || (generic && gender_fit) || role_fit())
                });
                if let Some(id) = found {
                    let ent = &mut self.ents[id];
                    if expert && ent.affil.country.is_none() {
                        // Maybe the field, not the country.
                        let mut affil = affil.clone();
                        affil.country = None;
                        ent.affil.merge(&affil);
                    } else {
                        ent.affil.merge(affil);
                    }
                    self.touch(id, span);
                    return id;
                }
            }
            _ => {}
        }
        // Folded once, for the look-up and, when new, the entry.
        let mut key = std::mem::take(&mut self.key);
        key.clear();
        let (plain, hash) = fold_into(text, &mut key);
        let found = self.table.keys.get_hashed(hash, &key).copied();
        if let Some(id) = found.and_then(|k| self.table.get(Map::ByKey, k)) {
            if kind == SrcKind::Group || definite {
                self.key = key;
                self.touch(id, span);
                return id;
            }
        }
        let sk = match kind {
            SrcKind::Group => SpeakerKind::Group,
            SrcKind::OrgDesc => SpeakerKind::Organization,
            _ => SpeakerKind::Unnamed,
        };
        // `A spokeswoman`, `Analysts`: capitalised only by the sentence.
        let c = lex.class_of(first);
        let lower_first = c
            & (class::STOP | class::COMMON | class::GROUP | class::ROLE)
            != 0
            && c & (class::FIRST_NAME | class::PLACE | class::NATIONALITY)
                == 0
            && !matches!(first, "Democrats" | "Republicans")
            // `Insurers said`: the head noun itself.
            || (first == head_w && first.ends_with('s'));
        let id = self.new_entity_lower(text, sk, lower_first, plain);
        self.ents[id].affil = affil.clone();
        self.ents[id].solid = true;
        if let Some(&g) = lex.roles.get(head_w) {
            self.ents[id].gender = g;
        }
        let k = self.table.intern_hashed(hash, &key);
        self.table.set(Map::ByKey, k, id);
        self.key = key;
        self.touch(id, span);
        id
    }
}

/// Whether the first word of name mention `m` is a given name; `first_len`,
/// its length when known ([`NameKeys::first_len`]). When the word is the
/// mention's first token, the token's classes answer.
fn given_name_first(
    lex: &Lexicons,
    doc: &Doc<'_>,
    m: &Mention,
    first_len: usize,
) -> bool {
    // (The text is sliced only where it is read.)
    let text = || &doc.text[m.span];
    if first_len == 0 {
        return lex.first_names.contains(first_word(text()));
    }
    let t = &doc.tokens[m.tok_start];
    let word = Span::new(m.span.start, m.span.start + first_len);
    if t.is_word() && t.span() == word {
        t.has(class::FIRST_NAME)
    } else {
        lex.first_names.contains(&text()[..first_len])
    }
}

/// Clusters the mentions and resolves every statement's source; the
/// mentions' affiliations are moved to their entities.
pub(crate) fn resolve(
    doc: &Doc<'_>,
    lex: &Lexicons,
    names: &mut [Mention],
    raws: &[Raw],
    bufs: &mut Buffers,
) -> (Vec<Speaker>, Vec<Option<SpeakerRef>>) {
    let b = &mut bufs.builder;
    b.reset(names.len());
    // Every name folded and numbered once, and pass 1 done as it is: a
    // long text's mentions are then read once from memory, not twice.
    let key = &mut bufs.key;
    let keys = &mut bufs.keys;
    keys.clear();
    keys.reserve(names.len());
    for m in names.iter() {
        let bytes = &doc.text.as_bytes()[m.span.start..m.span.end];
        key.clear();
        let (plain, hash) = fold_bytes_into(bytes, || &doc.text[m.span], key);
        let k = NameKeys::of(&mut b.table, m, (key, hash), plain);
        keys.push(k);
        b.full_name(m, doc, &k, plain);
    }
    let keys = &bufs.keys[..];
    // Which names are sources, and the sources in text order of their
    // mention, to interleave with the names; one pass over the statements.
    let source_of = &mut bufs.source_of;
    source_of.clear();
    source_of.resize(names.len(), false);
    let order = &mut bufs.order;
    order.clear();
    for (i, r) in raws.iter().enumerate() {
        if let Some(s) = &r.source {
            if let SrcKind::Name(m) = s.kind {
                source_of[m as usize] = true;
            }
            order.push((s.span.start, i));
        }
    }
    order.sort_unstable();
    let name_ent = &mut bufs.name_ent;
    name_ent.clear();
    name_ent.resize(names.len(), None);
    let mut refs: Vec<Option<SpeakerRef>> = vec![None; raws.len()];
    let mut ni = 0;
    let mut next_name =
        |b: &mut Builder,
         names: &mut [Mention],
         upto: usize,
         name_ent: &mut [Option<usize>]| {
            while ni < names.len() && names[ni].span.start <= upto {
                name_ent[ni] =
                    b.name(lex, doc, &mut names[ni], &keys[ni], source_of[ni]);
                ni += 1;
            }
        };
    for &(pos, ri) in order.iter() {
        next_name(b, names, pos, name_ent);
        let Some(src) = &raws[ri].source else {
            continue;
        };
        let id = match src.kind {
            SrcKind::Name(m) => match name_ent[m as usize] {
                // `who`: a mention of its own.
                Some(id) => {
                    if src.span != names[m as usize].span {
                        b.touch(id, src.span);
                    }
                    id
                }
                None => continue,
            },
            SrcKind::Pronoun { gender, plural } => {
                // The paragraph the pronoun stands in.
                let p = doc
                    .paragraphs
                    .partition_point(|p| p.span.end <= src.span.start);
                let start = |p: usize| {
                    doc.paragraphs.get(p).map_or(0, |p| p.span.start)
                };
                let paras = (start(p), p.checked_sub(1).map(start));
                b.pronoun(gender, plural, src.span, paras)
            }
            kind => {
                b.description(lex, doc, kind, src.span, src.head, &src.affil)
            }
        };
        b.last_speaker = Some(id);
        b.last_source_at = src.span.start;
        refs[ri] = Some(SpeakerRef {
            index: id,
            mention: src.span,
        });
    }
    next_name(b, names, usize::MAX, name_ent);
    // Continuations take the speaker of the statement they continue.
    for i in 0..raws.len() {
        if refs[i].is_none() {
            if let Some(p) = raws[i].inherit {
                refs[i] = refs.get(p as usize).copied().flatten();
            }
        }
        // A speaker's mention never lies inside the statement itself (a
        // rule that reached into a quotation found a name of the quote).
        if refs[i].is_some_and(|r| r.mention.overlaps(raws[i].span)) {
            refs[i] = None;
        }
        if let Some(r) = refs[i] {
            b.ents[r.index].quotes += 1;
            b.ents[r.index].solid = true;
        }
    }
    // Keep the entities worth listing, in order of first mention.
    let ids = &mut bufs.ids;
    ids.clear();
    ids.extend(
        b.ents
            .iter()
            .enumerate()
            .filter(|(_, e)| e.solid && e.last.is_some())
            .map(|(i, e)| (e.first.start, i)),
    );
    // Sorted with their starts beside them, not read through the
    // entities (the entity breaks ties, as the order of a stable sort by
    // start did): prof 10, 0.02M instructions fewer.
    ids.sort();
    let new_index = &mut bufs.new_index;
    new_index.clear();
    new_index.resize(b.ents.len(), usize::MAX);
    // The speakers' mentions and quotes go in two lists they share, each
    // speaker's after the last's (see [`Speaker`]). `next`, per speaker:
    // where its next mention and quote go, and at the end, where its
    // mentions and quotes end.
    let next = &mut bufs.next;
    next.clear();
    let (mut mentions, mut quoted) = (0, 0);
    for (n, &(_, i)) in ids.iter().enumerate() {
        new_index[i] = n;
        next.push([mentions, quoted]);
        mentions += b.ents[i].mentions;
        quoted += b.ents[i].quotes;
    }
    // Each entity's count is exact: it logs every mention it counts, and
    // every statement it is given was counted above.
    let ms = &mut bufs.mentions;
    ms.clear();
    ms.resize(mentions, Span::default());
    for &(e, span) in &b.log {
        if let Some(at) = next.get_mut(new_index[e]) {
            ms[at[0]] = span;
            at[0] += 1;
        }
    }
    let qs = &mut bufs.quotes;
    qs.clear();
    qs.resize(quoted, 0);
    for (i, r) in refs.iter_mut().enumerate() {
        if let Some(r) = r {
            r.index = new_index[r.index];
            if let Some(at) = next.get_mut(r.index) {
                qs[at[1]] = i;
                at[1] += 1;
            }
        }
    }
    // Each speaker's mentions sorted and without repeats, moved down over
    // the repeats of the speakers before; `next[n][0]` becomes their end.
    let mut kept = 0;
    let mut start = 0;
    for at in next.iter_mut() {
        let end = at[0];
        ms[start..end].sort_unstable();
        let first = kept;
        for k in start..end {
            if kept == first || ms[kept - 1] != ms[k] {
                ms[kept] = ms[k];
                kept += 1;
            }
        }
        at[0] = kept;
        start = end;
    }
    let names: Arc<str> = Arc::from(b.names.as_str());
    let ms: Arc<[Span]> = Arc::from(&ms[..kept]);
    let qs: Arc<[usize]> = Arc::from(&qs[..]);
    let mut from = [0, 0];
    // Collected, not pushed: each speaker is built where it is kept, not
    // built and then copied there (prof 10: 0.04M instructions).
    let speakers: Vec<Speaker> = ids
        .iter()
        .zip(next.iter())
        .map(|(&(_, i), &to)| {
            let e = &mut b.ents[i];
            let s = Speaker {
                name: Shared {
                    all: Arc::clone(&names),
                    at: e.name,
                },
                kind: e.kind,
                mentions: Shared {
                    all: Arc::clone(&ms),
                    at: Span::new(from[0], to[0]),
                },
                role: e.affil.take_role(),
                organization: e.affil.take_org(),
                quotes: Shared {
                    all: Arc::clone(&qs),
                    at: Span::new(from[1], to[1]),
                },
            };
            from = to;
            s
        })
        .collect();
    // The entities' strings are not kept between calls.
    b.ents.clear();
    (speakers, refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table is read with `hash_key` as well: folding must hash alike.
    #[test]
    fn folding_hashes_as_hash_key() {
        let names = [
            "",
            "a",
            "Al",
            "Bob",
            "Anna",
            "Cui Li",
            "Lindqvist",
            "exactly8",
            "Anna Berg",
            "sixteen bytes ok",
            "International Monetary Fund",
            "Patrick \"Paddy\" Quinlan",
            "O’Brien",
            "Zoë Ångström",
            "two  spaces",
            " leading",
        ];
        for s in names {
            let mut out = b"before".to_vec();
            let (_, hash) = fold_into(s, &mut out);
            assert_eq!(hash, hash_key(&out[6..]), "{s:?}");
        }
    }
}
