//! Cues: the words that mark reported speech, from `lexicon/cues.txt`,
//! and `according to`.

use crate::lexicon::{class, Lexicons};
use crate::model::CueClass;
use crate::span::Span;
use crate::text::{Doc, Token};

#[derive(Debug, Clone, Copy)]
pub(crate) struct CueHit {
    /// First token of the cue.
    pub(crate) tok: usize,
    /// Token after the cue (after its particle, for phrasal verbs).
    pub(crate) end: usize,
    pub(crate) span: Span,
    pub(crate) class: CueClass,
    /// Takes a bare clause (`said the port will reopen`); other cues need
    /// `that`, a colon or a quotation before their content.
    pub(crate) clause: bool,
}

impl CueHit {
    pub(crate) fn is_according(&self) -> bool {
        self.class == CueClass::According
    }
}

/// The media that carry their sender's words (`a statement`, `an email`,
/// `a Facebook post`): read by the cue finder (`a message posted Friday`
/// is no cue) and by attribution (`NAME issued a statement saying ...`
/// reports NAME).
pub(crate) fn is_medium(w: &[u8]) -> bool {
    matches!(
        w,
        b"statement"
            | b"message"
            | b"post"
            | b"letter"
            | b"memo"
            | b"email"
            | b"e-mail"
            | b"tweet"
            | b"video"
            | b"release"
    )
}

/// The verbs that put a medium out (`issued`, `posted`, `sent`).
pub(crate) fn publishes(w: &[u8]) -> bool {
    matches!(
        w,
        b"issued"
            | b"released"
            | b"sent"
            | b"posted"
            | b"published"
            | b"revised"
            | b"distributed"
    )
}

/// Verbs whose object is the hearer: the content follows the object
/// (`told reporters that ...`).
pub(crate) fn takes_hearer(w: &[u8]) -> bool {
    matches!(
        w,
        b"told"
            | b"tell"
            | b"tells"
            | b"telling"
            | b"informed"
            | b"informs"
            | b"assured"
            | b"assures"
            | b"reminded"
            | b"reminds"
            | b"warned"
            | b"warns"
            | b"asked"
            | b"asks"
            | b"advised"
            | b"urged"
            | b"urges"
    )
}

/// The first token from `from` on that may start a cue: a cue verb or
/// `according`. Every other token is passed over in a tight scan, eight
/// at a time (four took 17k instructions more on prof 10), without
/// slicing its text (the slice's checks cost more than the test).
fn next_candidate(toks: &[Token], from: usize) -> Option<usize> {
    const MAY_START: u16 = class::CUE | class::ACCORDING;
    let mut at = from;
    while let Some(c) = toks.get(at..at + 8) {
        if c.iter().fold(0, |x, t| x | t.lex) & MAY_START != 0 {
            break;
        }
        at += 8;
    }
    let k = toks.get(at..)?.iter().position(|t| t.has(MAY_START))?;
    Some(at + k)
}

/// Every cue outside the quotations `inside` (sorted spans), in text
/// order, of the classes the caller wants.
pub(crate) fn find_cues(
    doc: &Doc<'_>,
    lex: &Lexicons,
    inside: &[Span],
    wanted: impl Fn(CueClass) -> bool,
) -> Vec<CueHit> {
    let toks = &doc.tokens;
    let n = toks.len();
    let word = |i: usize| doc.word(i);
    // Room at once for a cue in every thirty-two tokens, about what news
    // holds, instead of growing by reallocation.
    let mut out = Vec::with_capacity(n / 32 + 1);
    let mut q = 0usize;
    let mut i = 0usize;
    while let Some(k) = next_candidate(toks, i) {
        i = k;
        let t = &toks[i];
        // Only words have classes or start with a letter; the guard
        // keeps that the tokenizer's promise rather than this loop's.
        if !t.is_word() {
            i += 1;
            continue;
        }
        let according = t.has(class::ACCORDING)
            && matches!(word(i), b"according" | b"According");
        if !according && !t.has(class::CUE) {
            i += 1;
            continue;
        }
        while q < inside.len() && inside[q].end <= t.span().start {
            q += 1;
        }
        if inside.get(q).is_some_and(|s| s.start <= t.span().start) {
            i += 1;
            continue;
        }
        // `the talks`, `his claim`, `secretary of state`: a noun, not a
        // cue. (All stopwords: the class bit passes most words unread.)
        if i > 0
            && toks[i - 1].has(class::STOP)
            && matches!(
                word(i - 1),
                b"the"
                    | b"The"
                    | b"of"
                    | b"a"
                    | b"A"
                    | b"an"
                    | b"his"
                    | b"her"
                    | b"their"
                    | b"its"
                    | b"our"
                    | b"my"
                    | b"your"
                    | b"this"
            )
        {
            i += 1;
            continue;
        }
        // `the United States, many of them`, `the Drudge Report said`: a
        // capital after a capital is part of a name when lower case or a
        // comma goes on; in a headline capitals go on or the line ends
        // (`Port Will Reopen, Mayor Says.`).
        if t.is_cap_word()
            && i > 0
            && toks[i - 1].is_cap_word()
            && toks.get(i + 1).is_some_and(|t| {
                (t.is_word() && !t.is_cap_word()) || t.is_punct(',')
            })
        {
            i += 1;
            continue;
        }
        // `a swing state`, `the annual report`, `the AP report`: a base
        // form after a determiner and a singular modifier is a noun too
        // (`the official said` is no base form, `the experts warn`
        // plural).
        // (The word is sliced only for the candidates that get here.)
        let senses = lex.cues.get(doc.tok(i));
        let base = senses.is_some_and(|ss| ss.iter().any(|s| s.base));
        // `the officer in charge`, `in reply`: after `in` as well.
        if base && i > 0 && word(i - 1) == b"in" {
            i += 1;
            continue;
        }
        if base
            && i > 1
            && toks[i - 1].is_word()
            && !word(i - 1).ends_with(b"s")
            && !matches!(
                word(i - 1),
                b"women" | b"men" | b"people" | b"police" | b"whom" | b"which"
            )
            && (matches!(
                word(i - 2),
                b"the" | b"The" | b"a" | b"A" | b"an" | b"its"
            )
                // `her use of private email`: a preposition too, before
                // a modifier in lower case (`supporters of Trump say`).
                || (!toks[i - 1].is_cap_word()
                    && matches!(
                        word(i - 2),
                        b"of" | b"about" | b"for" | b"with" | b"from" | b"by" | b"on"
                    )))
        {
            i += 1;
            continue;
        }
        // `a Facebook message posted Friday`, `a statement released by the
        // campaign`: a participle of publishing after the medium is a
        // reduced relative, not the medium's verb (which `the statement
        // added` is).
        if i > 0 && publishes(word(i)) && is_medium(word(i - 1)) {
            i += 1;
            continue;
        }
        // `the refugees admitted are women`: a participle in `-ed` after a
        // noun and before a finite verb is a reduced relative (after a
        // subject it is the verb of a relative clause: `the loopholes he
        // cited are`).
        if i > 0
            && word(i).ends_with(b"ed")
            && toks[i - 1].is_word()
            && !toks[i - 1].is_cap_word()
            && !matches!(
                word(i - 1),
                b"he" | b"she" | b"they" | b"we" | b"you" | b"it"
            )
            && toks.get(i + 1).is_some_and(|t| t.is_word())
            && matches!(
                word(i + 1),
                b"are" | b"is" | b"was" | b"were" | b"have" | b"has" | b"had"
            )
        {
            i += 1;
            continue;
        }
        // `a Democrat and former state legislator`, `state officials`:
        // `state` before a word of no closed class modifies it (the verb
        // goes on with `that`, a determiner or a pronoun).
        if word(i) == b"state"
            && toks.get(i + 1).is_some_and(|t| {
                t.is_word() && !t.is_cap_word() && !t.has(class::STOP)
            })
        {
            i += 1;
            continue;
        }
        if according {
            if i + 1 < n && word(i + 1) == b"to" && wanted(CueClass::According)
            {
                out.push(CueHit {
                    tok: i,
                    end: i + 2,
                    span: doc.span_of(i, i + 2),
                    class: CueClass::According,
                    clause: false,
                });
                i += 2;
                continue;
            }
            i += 1;
            continue;
        }
        if !t.has(class::CUE) {
            i += 1;
            continue;
        }
        if let Some(senses) = senses {
            // A phrasal sense (`pointed out`) wins over the bare verb.
            let mut best: Option<(usize, CueClass, bool)> = None;
            for s in senses {
                match &s.particle {
                    Some(p) => {
                        let mut len = 0;
                        let fits = p.split(' ').all(|pw| {
                            len += 1;
                            i + len < n
                                && word(i + len)
                                    .eq_ignore_ascii_case(pw.as_bytes())
                        });
                        let end = i + 1 + len;
                        if fits
                            && wanted(s.class)
                            && best.is_none_or(|(e, _, _)| e < end)
                        {
                            best = Some((end, s.class, s.clause));
                        }
                    }
                    None => {
                        if wanted(s.class) && best.is_none() {
                            best = Some((i + 1, s.class, s.clause));
                        }
                    }
                }
            }
            if let Some((end, class, clause)) = best {
                out.push(CueHit {
                    tok: i,
                    end,
                    span: doc.span_of(i, end),
                    class,
                    clause,
                });
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}
