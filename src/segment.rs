//! Long texts in segments: a text longer than the segment length is cut
//! at line breaks into pieces of about that length, each piece goes
//! through the whole pipeline on its own, and the pieces' speakers are
//! merged by name.
//!
//! Why: every stage is linear, but each makes passes over tables of its
//! own (tokens, names, quotations, statements) of about nine bytes per
//! byte of text. For a news article they stay in the core's cache from
//! one stage to the next; for a text of megabytes they do not, and every
//! look-up that is not a plain forward scan waits on memory. On the
//! bench's 2 MB text of one sentence per line, that made a call take 24
//! times as long as on its 1/16th. Piece by piece, the tables of one
//! piece are in cache while it is worked on, and the memory a call needs
//! no longer grows with the text.
//!
//! What a cut costs: the pieces do not see each other, so a cut must not
//! fall where the text after it leans on the text before it. A cut is
//! made before a line that starts with a capital letter, not a pronoun,
//! after a line that ends a sentence (or after a blank line): not inside
//! a quotation that runs over several paragraphs (its next paragraph
//! opens with a quotation mark), not before a paragraph that is only a
//! quote, not inside a sentence broken across lines. Only a text with no
//! such line in a whole window (the segment length, at least 4 KiB) is
//! cut elsewhere: before a sentence that starts with a capital after a
//! full stop that ends a lower-case word, else before a word, else (a
//! window without a space: marks or symbols in a row) at its end. The last
//! window of a text is cut at a line or not at all. Speakers met in
//! several pieces are one speaker when their names are equal, or when
//! one piece names a person by the surname of exactly one full name the
//! other gives. Texts up to the segment length (every article of the
//! evaluation data) are attributed whole, as before.

use std::sync::Arc;

use crate::attributor::Config;
use crate::lexicon::{hash_key, KeyTable};
use crate::model::{Attribution, Shared, Speaker, SpeakerKind};
use crate::span::Span;
use crate::swar::find_either;

/// The default segment length: with the tables' nine bytes or so per
/// byte of text, a piece and its tables fit a core's 1 MB L2 cache with
/// room for the lexicons.
pub(crate) const DEFAULT_LEN: usize = 64 * 1024;

/// Attributes `text`, in pieces of about `cfg.segment_len` bytes when it
/// is longer than that.
pub(crate) fn attribute(cfg: &Config, text: &str) -> Attribution {
    let len = cfg.segment_len.max(1);
    if text.len() <= len {
        return crate::pipeline::run(cfg, text);
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = next_cut(text, start + len, len).unwrap_or(text.len());
        pieces.push((start, crate::pipeline::run(cfg, &text[start..end])));
        start = end;
    }
    merge(pieces)
}

/// A cut inside a sentence, or a sentence cut inside a paragraph, waits
/// for at least this many bytes of text without a better one: a piece
/// may run this much longer than asked instead.
const MIN_WINDOW: usize = 4096;

/// Where the piece that reaches byte `from` ends: the first line in the
/// `len` bytes (at least [`MIN_WINDOW`]) from `from` that may start a
/// piece; else the first sentence there that may (a text without line
/// breaks); else the first word (a text without full stops either); else
/// the window's end, unless the window is only whitespace (then the same
/// in the next `len` bytes). `None` when none is left before the end, and when the
/// last window has no line that may start a piece.
pub(crate) fn next_cut(text: &str, from: usize, len: usize) -> Option<usize> {
    let mut from = from;
    while from < text.len() && !text.is_char_boundary(from) {
        from += 1;
    }
    while from < text.len() {
        let window = len.max(MIN_WINDOW);
        let mut end = from.saturating_add(window).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let (line, sentence) = scan(text.as_bytes(), from, end);
        if line.is_some() {
            return line;
        }
        if end == text.len() {
            // The rest is shorter than a window: whole rather than cut
            // inside a paragraph.
            return None;
        }
        let window = &text[from..end];
        let cut = sentence.or_else(|| word_cut(from, window)).or_else(|| {
            // No space between words: marks or symbols in a row. Cut
            // anywhere but in whitespace, where nothing would be gained.
            window
                .bytes()
                .any(|b| !b.is_ascii_whitespace())
                .then_some(end)
        });
        if cut.is_some() {
            return cut;
        }
        from = end;
    }
    None
}

/// One pass over `bytes[from..end]`, a window: the first line that may
/// start a piece after a line break there, and the first sentence that
/// may before it (after a full stop that ends a word of two or more
/// lower-case letters, not `Mr.`, `U.S.`, `Gov.`, at a capital that is no
/// pronoun).
fn scan(
    bytes: &[u8],
    from: usize,
    end: usize,
) -> (Option<usize>, Option<usize>) {
    let mut sentence = None;
    let mut at = from;
    while let Some(i) = find_either(&bytes[at..end], b'\n', b'.') {
        let hit = at + i;
        if bytes[hit] == b'.' {
            if sentence.is_none() && hit + 1 < end && bytes[hit + 1] == b' ' {
                sentence = sentence_at(bytes, hit);
            }
            at = hit + 1;
            continue;
        }
        // Whitespace is skipped only to the end of the window: the next
        // window reads what lies past it, so no byte is read twice.
        let Some((line, blank)) = line_start(bytes, hit + 1, end) else {
            break;
        };
        if may_cut(bytes, hit, line, blank) {
            return (Some(line), sentence);
        }
        at = line;
    }
    (None, sentence)
}

/// The sentence after the full stop at `stop` (followed by a space), if
/// a piece may start there.
fn sentence_at(bytes: &[u8], stop: usize) -> Option<usize> {
    let word = &bytes[stop.saturating_sub(12)..stop];
    let letters = word
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_lowercase())
        .count();
    let starts_word = letters < word.len()
        && !word[word.len() - letters - 1].is_ascii_alphanumeric();
    let next = stop + 2;
    (letters >= 2
        && starts_word
        && bytes.get(next).is_some_and(u8::is_ascii_uppercase)
        && !is_pronoun(first_word(&bytes[next..])))
    .then_some(next)
}

/// The first word of `window` after a space.
fn word_cut(from: usize, window: &str) -> Option<usize> {
    window
        .as_bytes()
        .windows(2)
        .position(|w| w[0] == b' ' && w[1] != b' ')
        .map(|p| from + p + 1)
}

/// The letters that open `bytes`, at most 16: enough to tell a pronoun.
fn first_word(bytes: &[u8]) -> &[u8] {
    let bytes = &bytes[..bytes.len().min(16)];
    let end = bytes
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(bytes.len());
    &bytes[..end]
}

/// Past the whitespace after a line break at `at - 1`, short of `limit`:
/// the first byte of the next line's text, and whether a blank line came
/// before it. `None` when only whitespace reaches `limit`.
fn line_start(
    bytes: &[u8],
    mut at: usize,
    limit: usize,
) -> Option<(usize, bool)> {
    let mut blank = false;
    while at < limit {
        match bytes[at] {
            b'\n' => blank = true,
            b' ' | b'\t' | b'\r' => {}
            _ => return Some((at, blank)),
        }
        at += 1;
    }
    None
}

/// Whether a piece may start at `line`, the line after the break at
/// `nl`.
fn may_cut(bytes: &[u8], nl: usize, line: usize, blank: bool) -> bool {
    // The line's first word: a capital, and not a pronoun that would
    // point back into the piece before.
    let word = first_word(&bytes[line..]);
    if !word.first().is_some_and(u8::is_ascii_uppercase) || is_pronoun(word) {
        return false;
    }
    // Within a paragraph, only after the end of a sentence: a sentence
    // may be broken across lines. The look-back stops after a few bytes
    // of trailing space, so that no byte is read twice too often.
    blank || ends_sentence(&bytes[nl.saturating_sub(8)..nl])
}

fn ends_sentence(before: &[u8]) -> bool {
    let before = before.trim_ascii_end();
    matches!(before.last(), Some(b'.' | b'!' | b'?' | b'"' | b')'))
        || before.ends_with("”".as_bytes())
        || before.ends_with("’".as_bytes())
}

fn is_pronoun(word: &[u8]) -> bool {
    matches!(
        word,
        b"He"
            | b"She"
            | b"It"
            | b"They"
            | b"His"
            | b"Her"
            | b"Its"
            | b"Their"
            | b"Them"
            | b"Him"
            | b"This"
            | b"That"
            | b"These"
            | b"Those"
    )
}

/// One attribution of the pieces, each given with the offset where it
/// starts. The speakers are matched first, so that each merged speaker's
/// lists are allocated once, at their full length.
fn merge(pieces: Vec<(usize, Attribution)>) -> Attribution {
    let mut names = Names::default();
    // Per merged speaker: how many mentions and quotes it gathers.
    let mut sizes: Vec<(usize, usize)> = Vec::new();
    let ids: Vec<Vec<usize>> = pieces
        .iter()
        .enumerate()
        .map(|(p, (_, a))| {
            a.speakers
                .iter()
                .map(|s| {
                    let id = names.find_or_add(s, p, sizes.len());
                    if id == sizes.len() {
                        sizes.push((0, 0));
                    }
                    sizes[id].0 += s.mentions.len();
                    sizes[id].1 += s.quotes.len();
                    id
                })
                .collect()
        })
        .collect();
    let total = pieces.iter().map(|(_, a)| a.quotes.len()).sum();
    let mut out = Attribution {
        quotes: Vec::with_capacity(total),
        speakers: Vec::with_capacity(sizes.len()),
    };
    // The merged speakers' mentions and quotes go in two lists they
    // share, each speaker's after the last's, as `entity::resolve` makes
    // them. `next`, per merged speaker: where its next mention and quote
    // go; `from`: where its first went.
    let mut from: Vec<[usize; 2]> = Vec::with_capacity(sizes.len());
    let (mut mentions, mut quoted) = (0, 0);
    for &(m, q) in &sizes {
        from.push([mentions, quoted]);
        mentions += m;
        quoted += q;
    }
    let mut next = from.clone();
    let mut ms = vec![Span::default(); mentions];
    let mut qs = vec![0; quoted];
    for ((at, piece), ids) in pieces.into_iter().zip(ids) {
        let shift = |s: &mut Span| *s = Span::new(s.start + at, s.end + at);
        let first_quote = out.quotes.len();
        let (quotes, speakers) = piece.into_parts();
        for (s, &id) in speakers.into_iter().zip(&ids) {
            let [m, q] = &mut next[id];
            for &span in s.mentions() {
                ms[*m] = span;
                shift(&mut ms[*m]);
                *m += 1;
            }
            for &i in s.quotes() {
                qs[*q] = i + first_quote;
                *q += 1;
            }
            match out.speakers.get_mut(id) {
                Some(t) => {
                    if t.role.is_none() && t.organization.is_none() {
                        t.role = s.role;
                        t.organization = s.organization;
                    }
                }
                // The first piece to name it.
                None => out.speakers.push(s),
            }
        }
        out.quotes.extend(quotes.into_iter().map(|mut q| {
            shift(&mut q.span);
            if let Some(c) = &mut q.cue {
                shift(&mut c.span);
            }
            if let Some(r) = &mut q.speaker {
                r.index = ids[r.index];
                shift(&mut r.mention);
            }
            q.fragments.iter_mut().for_each(shift);
            q
        }));
    }
    let (ms, qs): (Arc<[Span]>, Arc<[usize]>) = (ms.into(), qs.into());
    for ((s, a), b) in out.speakers.iter_mut().zip(&from).zip(&next) {
        s.mentions = Shared {
            all: Arc::clone(&ms),
            at: Span::new(a[0], b[0]),
        };
        s.quotes = Shared {
            all: Arc::clone(&qs),
            at: Span::new(a[1], b[1]),
        };
    }
    out
}

/// The named speakers (people and organisations) met so far.
#[derive(Default)]
struct Names {
    /// By kind and name.
    by_name: KeyTable<usize>,
    /// People with a name of several words by their last word: `None`
    /// when two share it.
    by_surname: KeyTable<Option<usize>>,
    /// The key being looked up: the kind's byte, then the name.
    key: Vec<u8>,
    /// Per merged speaker: the last piece that gave it a speaker.
    last_piece: Vec<usize>,
}

impl Names {
    /// The merged speaker that `s`, of piece `piece`, is one with: the one
    /// of its name or, for a surname alone, of the one full name that
    /// ends with it; otherwise `new`, which it becomes. Two speakers of
    /// one piece stay two: the entity stage has told them apart.
    fn find_or_add(&mut self, s: &Speaker, piece: usize, new: usize) -> usize {
        let id = match self.find(s) {
            Some(id) if self.last_piece[id] != piece => id,
            _ => {
                self.add(s, new);
                self.last_piece.resize(new + 1, piece);
                new
            }
        };
        self.last_piece[id] = piece;
        id
    }

    fn find(&mut self, s: &Speaker) -> Option<usize> {
        if !matches!(s.kind, SpeakerKind::Person | SpeakerKind::Organization) {
            return None;
        }
        self.key.clear();
        self.key.push(s.kind as u8);
        self.key.extend_from_slice(s.name.as_bytes());
        if let Some(&id) = self.by_name.get(&self.key) {
            return Some(id);
        }
        if s.kind == SpeakerKind::Person && !s.name.contains(' ') {
            // A surname alone, after the full name.
            return self.by_surname.get(s.name.as_bytes()).copied().flatten();
        }
        None
    }

    /// Registers `s` as merged speaker `new`, after a [`Names::find`]
    /// that left its key in `self.key`.
    fn add(&mut self, s: &Speaker, new: usize) {
        let person = s.kind == SpeakerKind::Person;
        if !person && s.kind != SpeakerKind::Organization {
            return;
        }
        self.by_name
            .insert_hashed(hash_key(&self.key), &self.key, new);
        if let Some((_, last)) = s.name.rsplit_once(' ').filter(|_| person) {
            let last = last.as_bytes();
            let slot = self.by_surname.get_or_insert_with(
                hash_key(last),
                last,
                || Some(new),
            );
            if *slot != Some(new) {
                // Two full names share it: a surname alone is neither.
                *slot = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first cut after byte 1, and the one after that.
    fn two_cuts(text: &str) -> (Option<usize>, Option<usize>) {
        let first = next_cut(text, 1, 1);
        (first, first.and_then(|c| next_cut(text, c + 1, 1)))
    }

    #[test]
    fn cuts_only_where_a_line_stands_alone() {
        let text = "Port Authority said the cranes\n\
                    would arrive. Ships wait.\n\
                    He said more.\n\
                    “A quote-only line,” she said.\n\
                    the lower-case line.\n\
                    Karin Voss said it was over.\n\
                    \n\
                    A new paragraph";
        let at = |w: &str| text.find(w);
        assert_eq!(two_cuts(text), (at("Karin"), at("A new")));
        // A blank line allows a cut after a line with no full stop.
        let text = "A headline\n\nThe story.";
        assert_eq!(next_cut(text, 1, 1), text.find("The"));
    }

    /// `s` and then over a window's worth of words: the fallbacks are
    /// for a window that does not reach the end.
    fn long(s: &str) -> String {
        format!("{s} {}", "z ".repeat(2100))
    }

    #[test]
    fn without_line_breaks_a_sentence_then_a_word() {
        let text = long(
            "A line without breaks. The council met. He said no. \
             It was. Mr. Voss said so in the U.S. Senate.",
        );
        let at = |w: &str| text.find(w);
        assert_eq!(two_cuts(&text), (at("The"), at("Mr.")));
        // A line in the window comes before a sentence.
        let text = long("Trade fell. Ports shut.\nThe union met.");
        assert_eq!(next_cut(&text, 1, 1), text.find("The"));
        // Neither: the next word.
        assert_eq!(two_cuts(&long("alpha  beta gamma")), (Some(7), Some(12)));
        assert_eq!(next_cut(&long("Ünïcödé wörds"), 1, 1), Some(12));
        // Not even a space: the window's end, at a character's start.
        assert_eq!(next_cut(&"“”".repeat(1000), 1, 1), Some(4101));
        assert_eq!(next_cut(&"x".repeat(9000), 10, 10), Some(4106));
        // A sentence past the window does not count: the next word.
        let text =
            long(&format!("Intro. {}word. The end", "word ".repeat(1000)));
        assert_eq!(next_cut(&text, 1, 1), Some(7));
        assert_eq!(next_cut(&text, 1, 6000), text.find("The"));
        // In the last window, no cut but at a line.
        assert_eq!(next_cut("Trade fell. Ports shut.", 1, 1), None);
    }

    #[test]
    fn no_cut_past_the_end() {
        assert_eq!(next_cut("A.\n\n\n   ", 1, 1), None);
        assert_eq!(next_cut("", 5, 5), None);
        assert_eq!(next_cut("One line.\nTwo.", 20, 1), None);
        // Whitespace alone: no cut, each window read once.
        assert_eq!(next_cut(&"\n".repeat(20_000), 1, 1), None);
        assert_eq!(next_cut(&" ".repeat(20_000), 1, 1), None);
        // An indented line starts at its text.
        let text = long("Trade fell.\n\n   The union met.");
        assert_eq!(next_cut(&text, 1, 1), text.find("The"));
    }
}
