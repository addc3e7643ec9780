//! Attribution: ordered, precision-first sieves that find each statement
//! and the mention of its speaker. Each statement keeps the name of its
//! sieve (`Quote::sieve`), and its confidence follows from it.
//!
//! 1. Cue frames (`tag-before`, `tag-after`, `tag-inverted`, `split`,
//!    `according-to`): a cue and a source next to each other in one
//!    sentence give the content on the other side: `NAME said (that)
//!    CONTENT`, `CONTENT, NAME said`, `CONTENT, said NAME, ROLE`,
//!    `according to NAME, CONTENT`, `CONTENT, according to NAME`, and `A,
//!    NAME said, B` in two parts. The content's quotation marks decide the
//!    kind: one quotation covering it is direct, fragments make it mixed.
//!    A statement closing a paragraph takes in the unattributed sentences
//!    before it.
//! 2. Shared subjects (`shared-subject`): `..., adding that B`, `... and
//!    said B` take the subject of the statement or sentence before.
//! 3. Subjects no lexicon knows (`clause-subject`): all the words from
//!    the clause start to `say`/`said` when a clause surely follows
//!    (`Progressive groups that endorsed him say they ...`, `Just over a
//!    quarter, 26 percent, say they ...`).
//! 4. Questions put by someone unnamed (`question`): `Asked whether ...`.
//! 5. Dash credits (`dash`): `"Q" — NAME`.
//! 6. Colon lead-ins (`colon`): `NAME put it bluntly: "Q"`, also from the
//!    paragraph before.
//! 7. Continuations (`same-paragraph`, `previous-paragraph`): a quote in
//!    the paragraph of an attributed statement continues its speaker; a
//!    paragraph that opens with a quote continues the paragraph before.
//! 8. `previous-sentence`: a quote after a sentence that names one person.
//! 9. Other quotations are reported without a speaker (`none`) when they
//!    read as speech, and dropped when they read as scare quotes or titles.
//!
//! Every frame looks at most `MAX_CONTENT` tokens around its cue, so the
//! cost stays linear however long a sentence runs. Pronouns and
//! descriptions are kept as mentions here; the entity stage resolves them.

use std::cell::Cell;

use crate::affiliation::{is_role_prep, Affiliation};
use crate::cue::{is_medium, publishes, takes_hearer, CueHit};
use crate::lexicon::{class, Gender, Lexicons};
use crate::marks::{MarkFamily, Quotation};
use crate::mention::{possessive_len, Mention, NameKind};
use crate::model::{Cue, QuoteKind};
use crate::scratch::{self, Scratch};
use crate::span::Span;
use crate::sparse::{Flags, Sparse, Writes, NONE};
use crate::swar::{bytes_below, bytes_equal, HIGH, ONES};
use crate::text::{is_terminal, punct_char, Doc, Kind, Paragraph};

/// The longest reported clause, in tokens. No real statement is longer
/// (PolNeAR dev and train score the same with 400); the bound keeps the
/// work per cue constant, so that a megabyte without a full stop costs
/// linear time.
const MAX_CONTENT: usize = 200;

/// What a source mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SrcKind {
    /// A name found by the mention stage (index into the names).
    Name(u32),
    /// he, she, they, we.
    Pronoun { gender: Gender, plural: bool },
    /// One person described: `the Russian expert`, `a spokeswoman for X`.
    Description,
    /// Several people: `officials`, `sources close to the talks`.
    Group,
    /// An organisation described: `the ministry`, `the campaign`.
    OrgDesc,
}

#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub(crate) kind: SrcKind,
    /// The mention reported as the speaker's.
    pub(crate) span: Span,
    /// The head word of a description (`expert`, `ministry`).
    pub(crate) head: Span,
    /// Role and organisation read off a description.
    pub(crate) affil: Affiliation,
    /// First token of the whole source phrase.
    start: usize,
    /// Token after the source phrase (and its appositive).
    end: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub(crate) span: Span,
    pub(crate) kind: QuoteKind,
    pub(crate) cue: Option<Cue>,
    pub(crate) source: Option<Source>,
    /// An earlier quote whose speaker this one continues.
    pub(crate) inherit: Option<u32>,
    pub(crate) sieve: &'static str,
    pub(crate) fragments: Vec<Span>,
    /// The statement's paragraph and sentence.
    pub(crate) para: u32,
    sent: u32,
    /// Where the attribution clause (source or cue) begins: an earlier
    /// statement's content ends before it.
    anchor: usize,
    /// The frames' order of emission, which statements starting at the
    /// same byte keep when sorted.
    seq: u32,
}

impl Raw {
    pub(crate) fn confidence(&self) -> f32 {
        match self.sieve {
            "tag-before" | "tag-after" | "tag-inverted" | "split" => 0.9,
            "according-to" | "dash" => 0.85,
            "colon" => 0.8,
            "same-paragraph" => 0.75,
            "previous-paragraph" => 0.7,
            "previous-sentence" => 0.6,
            "question" | "clause-subject" => 0.7,
            _ => 0.3,
        }
    }

    /// A statement to overwrite.
    fn placeholder() -> Raw {
        Raw {
            span: Span::default(),
            kind: QuoteKind::Direct,
            cue: None,
            source: None,
            inherit: None,
            sieve: "",
            fragments: Vec::new(),
            para: 0,
            anchor: 0,
            sent: 0,
            seq: 0,
        }
    }

    fn has_speaker(&self) -> bool {
        self.source.is_some() || self.inherit.is_some()
    }
}

/// The stage's per-token tables, kept in [`Scratch`] from call to call.
#[derive(Debug, Default)]
pub(crate) struct Tables {
    /// Per token: the name whose last token it is.
    name_end: Sparse,
    /// Per token: the name whose first token (title included) it is, or
    /// whose describing words (`IMF chief economist`) begin there.
    name_lead: Sparse,
    /// Per token: the name whose appositive ends with it.
    appos_end: Sparse,
    /// Per token: the quotation whose opening / closing mark it is.
    open_of: Sparse,
    close_of: Sparse,
    /// The tokens that open a quotation which is not a title (see
    /// [`Sparse::next_at`]).
    opens: Sparse,
    /// Per token: whether a cue starts there.
    cue_at: Flags,
    /// Per quotation: the token at its opening mark and the token after
    /// its closing mark (see [`Ctx::open_tok`]).
    quote_toks: Vec<[u32; 2]>,
    writes: Writes,
}

impl Tables {
    /// Fills the tables for the names, quotations and cues of `doc`.
    fn fill(
        &mut self,
        doc: &Doc<'_>,
        names: &[Mention],
        quotes: &[Quotation],
        cues: &[CueHit],
    ) {
        let n = doc.tokens.len();
        let t = self;
        for (i, m) in names.iter().enumerate() {
            t.writes.set(m.tok_end - 1, i as u32);
        }
        t.name_end.fill(n, &mut t.writes);
        for (i, m) in names.iter().enumerate() {
            // (In token order, which spares the sort.)
            if m.pre < m.lead {
                t.writes.set_if_unset(m.pre, i as u32);
            }
            t.writes.set(m.lead, i as u32);
        }
        t.name_lead.fill(n, &mut t.writes);
        for (i, m) in names.iter().enumerate() {
            if m.appos_end > m.tok_end {
                t.writes.set(m.appos_end - 1, i as u32);
            }
        }
        t.appos_end.fill(n, &mut t.writes);
        let near = Cell::new(usize::MAX);
        // Each quotation's marks in turn: the look-ups go forward a little
        // from the last (as they would not, all the openings first).
        t.quote_toks.clear();
        t.quote_toks.extend(quotes.iter().map(|q| {
            let o = token_at(doc, &near, q.open.start);
            let c = q.close.map_or(n, |c| token_at(doc, &near, c.end));
            [o as u32, c as u32]
        }));
        for (i, (q, &[o, _])) in quotes.iter().zip(&t.quote_toks).enumerate() {
            let o = o as usize;
            if o < n && doc.tokens[o].span().start == q.open.start {
                t.writes.set(o, i as u32);
            }
        }
        t.open_of.fill(n, &mut t.writes);
        for (i, (q, &[_, c])) in quotes.iter().zip(&t.quote_toks).enumerate() {
            // A mark may be several tokens (`''`, `&quot;`): the closing
            // mark is known by its last token.
            let c = c as usize;
            if q.close.is_some() && c > 0 && c <= n {
                t.writes.set(c - 1, i as u32);
            }
        }
        t.close_of.fill(n, &mut t.writes);
        for k in t.open_of.tokens() {
            if !is_title(doc, k) {
                t.writes.set(k, k as u32);
            }
        }
        t.opens.fill(n, &mut t.writes);
        t.writes.release();
        t.cue_at.fill(n, cues.iter().map(|c| c.tok));
    }

    pub(crate) fn bytes(&self) -> usize {
        [
            &self.name_end,
            &self.name_lead,
            &self.appos_end,
            &self.open_of,
            &self.close_of,
            &self.opens,
        ]
        .iter()
        .map(|t| t.bytes())
        .sum::<usize>()
            + self.cue_at.bytes()
            + self.quote_toks.capacity() * 8
            + self.writes.bytes()
    }
}

struct Ctx<'a, 't> {
    doc: &'a Doc<'t>,
    lex: &'a Lexicons,
    names: &'a [Mention],
    quotes: &'a [Quotation],
    name_end: &'a Sparse,
    name_lead: &'a Sparse,
    appos_end: &'a Sparse,
    open_of: &'a Sparse,
    close_of: &'a Sparse,
    opens: &'a Sparse,
    cue_at: &'a Flags,
    quote_toks: &'a [[u32; 2]],
    documents: bool,
    /// Where the last [`Ctx::token_at`] landed (`usize::MAX` before the
    /// first).
    near: Cell<usize>,
    /// The sentence the last [`Ctx::sentence_of`] found.
    sent: Cell<usize>,
}

/// [`Doc::token_at`], searched outward from where the last look-up
/// landed (`near`, `usize::MAX` before the first): look-ups come nearly
/// in text order, and a binary search over all the tokens of a long text
/// misses the cache at each step.
fn token_at(doc: &Doc<'_>, near: &Cell<usize>, offset: usize) -> usize {
    const BYTES_PER_TOKEN: usize = 5;
    let tokens = &doc.tokens;
    let n = tokens.len();
    let before = |i: usize| tokens[i].span().start < offset;
    let at = near.get();
    if at > n {
        // The first look-up: nowhere to start from.
        let i = doc.token_at(offset);
        near.set(i);
        return i;
    }
    // Galloping starts from a guess, the distance in bytes over about
    // five bytes a token (news; of 4, 5 and 6 the fewest probes): a bad
    // guess costs a probe or two more, never a wrong answer.
    let at = if at < n {
        let s = tokens[at].span().start;
        if s < offset {
            (at + (offset - s) / BYTES_PER_TOKEN).min(n)
        } else {
            at.saturating_sub((s - offset) / BYTES_PER_TOKEN)
        }
    } else {
        at
    };
    // Most guesses land within a few tokens of the answer: when a window
    // of `WINDOW` tokens around the guess brackets the offset, it is
    // searched in four halvings whose steps are conditional moves, not
    // branches (the galloping below mispredicted two or three branches a
    // look-up; measured on prof 10: 96% of the look-ups end here, 0.03M
    // fewer instructions and 5.5K fewer mispredicted branches).
    const WINDOW: usize = 16;
    let w0 = at.saturating_sub(WINDOW / 2).min(n.saturating_sub(WINDOW));
    if let Some(w) = tokens.get(w0..w0 + WINDOW) {
        let before = |t: &crate::text::Token| t.span().start < offset;
        if before(&w[0]) && !before(&w[WINDOW - 1]) {
            // `w[base]` is before the offset, `w[WINDOW - 1]` is not.
            let mut base = 0;
            for step in [8, 4, 2, 1] {
                base = if before(&w[base + step]) {
                    base + step
                } else {
                    base
                };
            }
            let i = w0 + base + 1;
            near.set(i);
            return i;
        }
    }
    // The answer lies in `lo..=hi`.
    let (lo, hi);
    if at < n && before(at) {
        let mut l = at + 1;
        let mut step = 1;
        hi = loop {
            let probe = at + step;
            if probe >= n {
                break n;
            }
            if !before(probe) {
                break probe;
            }
            l = probe + 1;
            step *= 2;
        };
        lo = l;
    } else {
        let mut h = at;
        let mut step = 1;
        lo = loop {
            if step > at {
                break 0;
            }
            let probe = at - step;
            if before(probe) {
                break probe + 1;
            }
            h = probe;
            step *= 2;
        };
        hi = h;
    }
    let i = lo + tokens[lo..hi].partition_point(|t| t.span().start < offset);
    near.set(i);
    i
}

/// A subject pronoun in the middle of a sentence, `it` included: `said
/// it would appeal`, `said after the vote she would`.
fn is_subject_pronoun(w: &[u8]) -> bool {
    w == b"it" || is_pronoun(w).is_some()
}

fn is_pronoun(w: &[u8]) -> Option<(Gender, bool)> {
    Some(match w {
        b"he" | b"He" => (Gender::Male, false),
        b"she" | b"She" => (Gender::Female, false),
        b"they" | b"They" | b"we" | b"We" => (Gender::Unknown, true),
        b"I" => (Gender::Unknown, false),
        _ => return None,
    })
}

/// Words that may stand between a source and its cue: `has also said`.
/// `not`, `never` and the negated auxiliaries.
fn is_negation(w: &str) -> bool {
    matches!(w, "not" | "never" | "n't" | "n’t")
        || ((w.ends_with("n't") || w.ends_with("n’t")) && is_aux(w))
}

/// The modals `is_aux` leaves out (it has `would`, `will`, `could`).
fn is_modal(w: &[u8]) -> bool {
    matches!(
        w,
        b"can" | b"should" | b"may" | b"might" | b"must" | b"cannot"
    )
}

fn is_aux(w: &str) -> bool {
    is_verb_aux(w) || is_adverb(w)
}

/// The auxiliaries and modals of `is_aux`: words that say a verb is here.
fn is_verb_aux(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "is"
            | "was"
            | "are"
            | "were"
            | "isn't"
            | "isn’t"
            | "wasn't"
            | "wasn’t"
            | "hasn't"
            | "hasn’t"
            | "didn't"
            | "didn’t"
            | "doesn't"
            | "doesn’t"
            | "haven't"
            | "haven’t"
            | "wouldn't"
            | "wouldn’t"
            | "won't"
            | "won’t"
            | "couldn't"
            | "couldn’t"
            | "would"
            | "will"
            | "could"
            | "did"
            | "does"
            | "do"
            | "not"
    )
}

/// The adverbs of `is_aux`: they stand between a subject and its verb
/// (`has also said`, `previously claimed`) but say nothing of a verb.
fn is_adverb(w: &str) -> bool {
    matches!(
        w,
        "just"
            | "soon"
            | "also"
            | "later"
            | "then"
            | "once"
            | "often"
            | "earlier"
            | "again"
            | "further"
            | "never"
            | "already"
            | "still"
            | "now"
            | "long"
            | "first"
            | "last"
            | "previously"
            | "however"
    ) || (w.len() > 4
        && w.ends_with("ly")
        && w.chars().all(|c| c.is_ascii_lowercase()))
}

/// Whether `w` is one of `list`, in any case.
fn any_case(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

fn is_determiner(w: &[u8]) -> bool {
    matches!(
        w,
        b"the"
            | b"The"
            | b"a"
            | b"A"
            | b"an"
            | b"An"
            | b"another"
            | b"Another"
            | b"one"
            | b"One"
            | b"two"
            | b"Two"
            | b"three"
            | b"several"
            | b"Several"
            | b"some"
            | b"Some"
            | b"many"
            | b"Many"
            | b"most"
            | b"other"
            | b"Other"
            | b"both"
            | b"Both"
            | b"few"
            | b"his"
            | b"His"
            | b"her"
            | b"Her"
            | b"their"
            | b"Their"
            | b"its"
            | b"Its"
            | b"our"
            | b"Our"
            | b"this"
            | b"This"
            | b"these"
            | b"These"
    )
}

/// Nouns of documents: sources only when the caller asks for them.
fn is_document(w: &[u8]) -> bool {
    matches!(
        w,
        b"report"
            | b"study"
            | b"poll"
            | b"survey"
            | b"analysis"
            | b"data"
            | b"research"
            | b"review"
            | b"document"
            | b"filing"
    )
}

/// Nouns of statements, which speak for whoever issued them.
fn is_statement(w: &[u8]) -> bool {
    matches!(
        w,
        b"statement"
            | b"letter"
            | b"memo"
            | b"release"
            | b"complaint"
            | b"lawsuit"
            | b"filing"
            | b"indictment"
            | b"document"
            | b"ad"
            | b"advertisement"
            | b"email"
            | b"e-mail"
            | b"tweet"
            | b"message"
            | b"petition"
    )
}

/// Words after a group or role noun that begin its modifier: `sources
/// close to the talks`, `officials familiar with the plan`.
fn starts_modifier(w: &[u8]) -> bool {
    matches!(
        w,
        b"close"
            | b"privy"
            | b"familiar"
            | b"with"
            | b"at"
            | b"in"
            | b"from"
            | b"for"
            | b"of"
            | b"on"
            | b"briefed"
            | b"involved"
            | b"knowledgeable"
            | b"inside"
            | b"near"
    )
}

/// Nouns of the occasion of a statement: `in a statement`, `at a news
/// conference`, `on Twitter`.
fn is_occasion(w: &[u8]) -> bool {
    matches!(
        w,
        b"statement"
            | b"interview"
            | b"tweet"
            | b"tweets"
            | b"post"
            | b"email"
            | b"e-mail"
            | b"letter"
            | b"speech"
            | b"video"
            | b"release"
            | b"briefing"
            | b"conference"
            | b"rally"
            | b"hearing"
            | b"meeting"
            | b"appearance"
            | b"broadcast"
            | b"event"
            | b"call"
            | b"message"
            | b"op-ed"
            | b"column"
            | b"podcast"
            | b"debate"
            | b"forum"
            | b"summit"
            | b"Twitter"
            | b"Facebook"
            | b"Instagram"
            | b"X"
            | b"television"
            | b"radio"
            | b"reporters"
            | b"journalists"
            | b"remarks"
            | b"address"
            | b"session"
            | b"program"
            | b"programme"
            | b"show"
            | b"town"
            | b"website"
    )
}

/// Whether token `k` is a word of time. (The tokenizer looked each word
/// up in the lexicons: its class bits answer for the calendar.)
fn is_time_word(ctx: &Ctx<'_, '_>, k: usize) -> bool {
    // Capitalised: `the march said` is a march, `may` a modal.
    (ctx.doc.tokens[k].has(class::CALENDAR)
        && ctx.tok(k).starts_with(|c: char| c.is_uppercase()))
        || matches!(
            ctx.word(k),
            b"yesterday"
                | b"today"
                | b"tonight"
                | b"morning"
                | b"afternoon"
                | b"evening"
                | b"night"
                | b"week"
                | b"month"
                | b"year"
                | b"weekend"
                | b"earlier"
                | b"later"
                | b"recently"
                | b"previously"
                | b"ago"
                | b"Monday"
        )
}

impl<'a, 't> Ctx<'a, 't> {
    fn token_at(&self, offset: usize) -> usize {
        token_at(self.doc, &self.near, offset)
    }

    /// [`Doc::sentence_of`], the sentence of the last look-up tried
    /// first, then the one after it: look-ups come in text order, several
    /// in one sentence.
    fn sentence_of(&self, k: usize) -> usize {
        let sentences = &self.doc.sentences;
        let last = self.sent.get();
        if let Some(s) = sentences.get(last) {
            if s.start <= k && k < s.end {
                return last;
            }
            // The first sentence that ends after `k`, as the search below
            // finds it (sentences are in order).
            if s.end <= k && sentences.get(last + 1).is_some_and(|s| k < s.end)
            {
                self.sent.set(last + 1);
                return last + 1;
            }
        }
        let si = self.doc.sentence_of(k);
        self.sent.set(si);
        si
    }

    /// The token at (or first after) the opening mark of quotation `q`:
    /// found once, as the tables were made.
    fn open_tok(&self, q: usize) -> usize {
        self.quote_toks[q][0] as usize
    }

    /// The token after the closing mark of quotation `q`, which must have
    /// one.
    fn after_close(&self, q: usize) -> usize {
        self.quote_toks[q][1] as usize
    }

    /// Whether token `k` ends a closing mark with a comma just inside it
    /// (`it,"`, `it,''`).
    fn closes_on_comma(&self, k: usize) -> bool {
        self.close_of[k] != NONE
            && self.quotes[self.close_of[k] as usize]
                .close
                .is_some_and(|c| {
                    let m = self.token_at(c.start);
                    m > 0 && self.is_comma(m - 1)
                })
    }

    fn tok(&self, i: usize) -> &'t str {
        self.doc.tok(i)
    }

    fn word(&self, i: usize) -> &'t [u8] {
        self.doc.word(i)
    }

    fn n(&self) -> usize {
        self.doc.tokens.len()
    }

    fn pc(&self, i: usize) -> char {
        let t = &self.doc.tokens[i];
        match t.kind {
            // Only an entity (`&mdash;`) is decoded.
            Kind::Punct if t.ch == '&' => punct_char(self.doc.text, t),
            Kind::Punct => t.ch,
            _ => 'a',
        }
    }

    /// (No entity reads as a comma: the token's character tells.)
    fn is_comma(&self, i: usize) -> bool {
        self.doc.tokens[i].is_punct(',')
    }

    /// A dash: `—`, `–`, `―`, or a hyphen standing alone or doubled
    /// (` - `, `--`).
    fn is_dash(&self, i: usize) -> bool {
        let toks = &self.doc.tokens;
        let t = &toks[i];
        if t.kind != Kind::Punct {
            return false;
        }
        // The token's character, unless it opens an entity (`&mdash;`):
        // no entity reads as a hyphen.
        match t.ch {
            '—' | '–' | '―' => true,
            '-' => {
                t.is(crate::text::SPACE)
                    || (i > 0 && toks[i - 1].is_punct('-'))
            }
            '&' => matches!(self.pc(i), '—' | '–' | '―'),
            _ => false,
        }
    }

    /// Where a statement closed by an attribution in sentence `si` begins:
    /// at the paragraph's start when `si` ends the paragraph and the
    /// sentences before it have no cue or quotation of their own (the
    /// attribution closes them all), else at `s0`.
    fn statement_start(&self, si: usize, s0: usize) -> usize {
        let doc = self.doc;
        let para = &doc.paragraphs[doc.sentences[si].para];
        if si + 1 != para.sent_end
            || si == para.sent_start
            || self.open_of[s0] != NONE
            || para.tok_end - para.tok_start > MAX_CONTENT
        {
            return s0;
        }
        let first = doc.sentences[para.sent_start].start;
        let clean = (first..doc.sentences[si].start).all(|k| {
            !self.cue_at[k]
                && self.open_of[k] == NONE
                && self.close_of[k] == NONE
        });
        if clean {
            self.sentence_start(para.sent_start)
        } else {
            s0
        }
    }

    /// The first token of sentence `si`, past a bullet before it.
    fn sentence_start(&self, si: usize) -> usize {
        let s = &self.doc.sentences[si];
        let mut k = s.start;
        while k + 1 < s.end
            && self.doc.tokens[k + 1].is(crate::text::SENT_START)
        {
            k += 1;
        }
        k
    }

    fn span(&self, a: usize, b: usize) -> Span {
        self.doc.span_of(a, b)
    }

    /// Whether token `k` is a role or group word, by the class bits the
    /// tokenizer looked up.
    fn role_word(&self, k: usize) -> bool {
        self.doc.tokens[k].has(class::ROLE | class::GROUP)
    }

    /// `its defenders`, `candidates`: a plural agent noun, or the plural
    /// of a role word, names a group too.
    fn plural_agent(&self, w: &str) -> bool {
        let agent = ["ers", "ors", "ists", "ians", "ants", "ents"]
            .iter()
            .any(|s| w.len() > s.len() + 3 && w.ends_with(s));
        agent
            || (w.len() > 3
                && w.ends_with('s')
                && self.lex.roles.contains(&w[..w.len() - 1]))
    }

    /// A source phrase ending just before token `b` (exclusive), not
    /// before token `lo`.
    fn source_before(&self, b: usize, lo: usize) -> Option<Source> {
        let toks = &self.doc.tokens;
        let mut p = b;
        // Auxiliaries, adverbs and times between source and cue: `has
        // also said`, `on Tuesday said`, `just this month announced`.
        let mut skipped = 0;
        while p > lo && skipped < 5 && toks[p - 1].is_word() {
            let time = is_time_word(self, p - 1);
            // `Ford itself said`, `campaign workers here said` (the word
            // sliced past the capital test, which most names stop at).
            let aux = !toks[p - 1].is_cap_word() && {
                let w = self.tok(p - 1);
                is_aux(w)
                    || matches!(
                        w,
                        "here"
                            | "there"
                            // `both stressed`
                            | "both"
                            | "itself"
                            | "himself"
                            | "herself"
                            | "themselves"
                            | "too"
                    )
            };
            let prep = time
                && p - 1 > lo
                && matches!(
                    self.word(p - 2),
                    b"on" | b"this" | b"last" | b"late" | b"early"
                );
            // `continued to complain that`, `went on to say`: a verb of
            // aspect before the cue.
            if p - 1 > lo && self.word(p - 1) == b"to" {
                let v = self.word(p - 2);
                let on =
                    v == b"on" && p - 2 > lo && self.word(p - 3) == b"went";
                if on
                    || matches!(
                        v,
                        b"continued"
                            | b"continues"
                            | b"began"
                            | b"begins"
                            | b"proceeded"
                    )
                {
                    p -= if on { 3 } else { 2 };
                    skipped += 1;
                    continue;
                }
            }
            if !(time || aux) {
                break;
            }
            p -= if prep { 2 } else { 1 };
            skipped += 1;
        }
        // `Forbes, however, says`, `Democratic economists, like their
        // Republican counterparts, say`: an aside between commas.
        if p > lo + 2 && self.is_comma(p - 1) {
            let aside = (lo + 1..p - 1)
                .rev()
                .take(8)
                .find(|&k| !self.doc.tokens[k].is_word() || self.cue_at[k]);
            if let Some(k) = aside.filter(|&k| {
                self.is_comma(k)
                    && matches!(
                        self.word(k + 1),
                        b"however"
                            | b"meanwhile"
                            | b"too"
                            | b"though"
                            | b"instead"
                            | b"in"
                            | b"for"
                            | b"like"
                            | b"unlike"
                            | b"including"
                    )
            }) {
                p = k;
            }
        }
        if p <= lo {
            return None;
        }
        let mut last = p - 1;
        // `The S.E.C. said`: the period of an abbreviation.
        if last > lo
            && toks[last].is_punct('.')
            && toks[last - 1].span().end == toks[last].span().start
            && self.name_end[last - 1] != NONE
        {
            last -= 1;
        }
        // `NAME, a ROLE at ORG, said`: the appositive's closing comma.
        let m = self.appos_end[last];
        if m != NONE {
            let m = m as usize;
            let lead = self.names[m].lead;
            let owner = self.owner_before(lead, lo);
            // `Jon Vik, facing a race in Ostvik, a swing state, said`: a
            // name inside a phrase is no subject; the chain below decides.
            let in_phrase = lead > lo
                && toks[lead - 1].is_word()
                && !toks[lead - 1].is_cap_word()
                && !is_determiner(self.word(lead - 1));
            if lead >= lo && (owner.is_some() || !in_phrase) {
                return self.name_source(owner.unwrap_or(m), p);
            }
        }
        // `Sen. Mary Jones (D-Mass.) said`, `The Global Shipping Council
        // (GSC) said`: the name before the brackets.
        if toks[last].is_punct(')') {
            let open =
                (lo..last).rev().take(8).find(|&k| toks[k].is_punct('('));
            if let Some(o) = open.filter(|&o| o > lo) {
                let m = self.name_end[o - 1];
                if m != NONE && !self.names[m as usize].possessive {
                    return self.name_source(m as usize, p);
                }
            }
            return None;
        }
        // `Jean-Luc Moreau, who owns a vineyard near the river, said`,
        // `the union's general secretary, Sharon Reid, said`: a name
        // before one of the commas of an appositive chain (which may hold
        // commas of its own: `NAME, a senior fellow at X, a research
        // group, said`). The first person of the chain is the speaker; an
        // organisation only when a description follows it (`X Services,
        // the agency that oversees ..., said`).
        if self.is_comma(last) || self.is_dash(last) {
            // Within the chain: no quotation mark or finite cue
            // (`speaking`, `who writes for` may stand there); a period
            // inside the sentence is an abbreviation's (`U.S.`).
            // (Each test read only where it decides: this runs over up to
            // 30 tokens a cue; the eager tests cost 0.21M on prof 10.)
            let inside = |k: usize| {
                let t = &toks[k];
                if t.kind == Kind::Punct {
                    return self.open_of[k] == NONE
                        && self.close_of[k] == NONE;
                }
                // `, and the meeting deteriorated`: a clause, not an
                // appositive. (The first character passes most words
                // unread.)
                let clause = matches!(t.ch, 'a' | 'b')
                    && matches!(self.word(k), b"and" | b"but")
                    && k > 0
                    && self.is_comma(k - 1);
                !clause
                    && (!self.cue_at[k]
                        || self.word(k).ends_with(b"ing")
                        || (k > 0
                            && matches!(self.word(k - 1), b"who" | b"which")))
            };
            let mut person = None;
            let mut org = None;
            let mut first = None;
            // The chain, back from `last` over at most 30 tokens.
            let stop = (lo + 1).max(last.saturating_sub(29));
            let mut k = last + 1;
            while k > stop {
                k -= 1;
                if !inside(k) {
                    break;
                }
                if !(self.is_comma(k) || self.is_dash(k)) {
                    continue;
                }
                let c = k;
                first = Some(c);
                let m = self.name_end[c - 1];
                let Some(name) = self.names.get(m as usize) else {
                    // `Lee Hart of Boston, a party ally, said`: a place
                    // the name finder left to the affiliation.
                    let mut k = c;
                    while k > lo + 1
                        && c - k < 5
                        && self.doc.tokens[k - 1].is_cap_word()
                    {
                        k -= 1;
                    }
                    if k < c {
                        person = self.owner_before(k, lo).or(person);
                    }
                    // `Jo Hart (R-Ga.), one of the authors, said`
                    if toks[c - 1].is_punct(')') {
                        let open = (lo..c - 1)
                            .rev()
                            .take(8)
                            .find(|&o| toks[o].is_punct('('));
                        if let Some(o) = open.filter(|&o| o > lo) {
                            let m = self.name_end[o - 1];
                            if let Some(n) = self.names.get(m as usize) {
                                if n.kind != NameKind::Org && !n.possessive {
                                    person = Some(m as usize);
                                }
                            }
                        }
                    }
                    continue;
                };
                if name.possessive || name.lead < lo {
                    continue;
                }
                // `Mary Lee of the Sierra Club, a lobby group, said`.
                if let Some(owner) = self.owner_before(name.lead, lo) {
                    person = Some(owner);
                } else if name.kind != NameKind::Org {
                    person = Some(m as usize);
                } else if c + 1 < last
                    && (matches!(self.word(c + 1), b"the" | b"a" | b"an")
                        // `The Journal, citing documents, reported`
                        || self.tok(c + 1).ends_with("ing"))
                {
                    org = Some(m as usize);
                }
            }
            if let Some(m) = person.or(org) {
                return self.name_source(m, p);
            }
            // `A White House official, who requested anonymity, said`: a
            // description before a relative clause or an appositive.
            let appositive = |c: usize| {
                let w = self.tok(c + 1);
                matches!(w, "who" | "a" | "an" | "the" | "speaking")
            };
            if let Some(c) = first.filter(|&c| c < last && appositive(c)) {
                if toks[c - 1].is_word() {
                    if let Some(d) = self.description_ending(c - 1, lo, p) {
                        return Some(d);
                    }
                }
            }
        }
        if self.name_end[last] != NONE {
            let m = self.name_end[last] as usize;
            let name = &self.names[m];
            if name.possessive || name.lead < lo {
                return None;
            }
            // `a spokeswoman for the Ministry of Health`, `a spokesman
            // for Nordic Box Line`, `small business owners in Ashford`
            if let Some(d) = self.description_with_pp(name.lead, lo, p) {
                return Some(d);
            }
            // `Mr. Morgan of the Sierra Club`
            let owner = self.owner_before(name.lead, lo).unwrap_or(m);
            return self.name_source(owner, p);
        }
        // `Ted Cruz, who says he is honored`: the relative pronoun is the
        // mention, its antecedent the speaker.
        if self.word(last) == b"who" && last > lo {
            let mut a = last - 1;
            if self.is_comma(a) && a > lo {
                a -= 1;
            }
            let m = self.name_end[a];
            if m != NONE && self.names[m as usize].kind != NameKind::Org {
                let mut s = self.name_source(m as usize, p)?;
                s.span = toks[last].span();
                s.start = last;
                return Some(s);
            }
            // `business leaders who say`
            if m == NONE && toks[a].is_word() {
                if let Some(d) = self.description_ending(a, lo, p) {
                    return Some(d);
                }
            }
        }
        if let Some(s) = self.pronoun_source(last, p) {
            return Some(s);
        }
        if let Some(s) = self.group_words(last, lo) {
            return Some(Source {
                kind: SrcKind::Group,
                span: self.span(s, last + 1),
                head: toks[last].span(),
                affil: Affiliation::default(),
                start: s,
                end: p,
            });
        }
        if toks[last].kind != Kind::Punct {
            if let Some(d) = self.description_ending(last, lo, p) {
                return Some(d);
            }
        }
        // `sources close to the talks said`: a modifier after the head.
        // `People with knowledge of the talks said`, `Organizers of the
        // march said`: the same at a sentence start.
        let mut k = last;
        while k > lo && last - k < 8 {
            k -= 1;
            let t = &toks[k];
            if t.kind == Kind::Punct || self.cue_at[k] {
                break;
            }
            let opens = k == lo && t.is(crate::text::SENT_START);
            if t.is_word()
                && (!t.is_cap_word() || opens)
                && (self.role_word(k)
                    || (opens && self.plural_agent(self.tok(k))))
                && starts_modifier(self.word(k + 1))
            {
                if let Some(mut d) = self.description_ending(k, lo, p) {
                    d.span = Span::new(d.span.start, toks[last].span().end);
                    return Some(d);
                }
            }
        }
        None
    }

    /// Where a group named without a noun starts, when the words up to
    /// token `last` (not before `lo`) are one: `Several`, `those
    /// surveyed`, `most of them`, a poll's share (`42%`, `Six in 10`).
    fn group_words(&self, last: usize, lo: usize) -> Option<usize> {
        let toks = &self.doc.tokens;
        let w = self.tok(last);
        let quantifier = any_case(
            w,
            &["several", "some", "many", "most", "others", "both"],
        );
        if quantifier && (last == lo || !toks[last - 1].is_word()) {
            return Some(last);
        }
        let participle =
            ["surveyed", "polled", "interviewed", "questioned", "asked"];
        if last > lo
            && participle.contains(&w)
            && self.word(last - 1).eq_ignore_ascii_case(b"those")
        {
            return Some(last - 1);
        }
        // `most of them said`, `some of us say`: a part of a group.
        let part = ["most", "many", "some", "all", "several", "few", "both"];
        if last > lo + 1
            && matches!(w, "them" | "us" | "those")
            && self.word(last - 1) == b"of"
            && any_case(self.tok(last - 2), &part)
        {
            return Some(last - 2);
        }
        // A poll's share: `42% say`, `Six in 10 say`.
        let share = if toks[last].is_punct('%') && last > lo {
            last - 1
        } else if toks[last].kind == Kind::Number
            && w == "10"
            && last > lo + 1
            && self.word(last - 1) == b"in"
        {
            last - 2
        } else {
            return None;
        };
        let count = toks[share].kind == Kind::Number
            || any_case(
                self.tok(share),
                &[
                    "one", "two", "three", "four", "five", "six", "seven",
                    "eight", "nine",
                ],
            );
        (share >= lo && count).then_some(share)
    }

    /// `Mr. Morgan of the Sierra Club`, `Lee Hart of Boston`: the person
    /// named before `of`/`at`/`from`/`for` and the name at token `lead`.
    fn owner_before(&self, lead: usize, lo: usize) -> Option<usize> {
        let (k, prep) = self.before_prep(lead, lo)?;
        if !matches!(prep, "of" | "at" | "from" | "for") {
            return None;
        }
        let m = self.names.get(self.name_end[k] as usize)?;
        (m.kind != NameKind::Org && !m.possessive && m.lead >= lo)
            .then_some(self.name_end[k] as usize)
    }

    /// For a name at token `lead` after a preposition (and `the`): the
    /// token before the preposition, and the preposition.
    fn before_prep(&self, lead: usize, lo: usize) -> Option<(usize, &'t str)> {
        let mut k = lead;
        if k > lo && matches!(self.word(k - 1), b"the" | b"The") {
            k -= 1;
        }
        (k >= lo + 2).then(|| (k - 2, self.tok(k - 1)))
    }

    /// `The state's campaign chairman, Phil Lovas, said`: the words
    /// before the name's comma are its role, not a statement.
    /// `The state's campaign chairman, Phil Lovas, said`, `A lawyer for
    /// the news outlets, David Schulz, said`: the words before the
    /// name's comma describe it; they are not a statement.
    fn role_before_name(&self, a: usize, b: usize) -> bool {
        let toks = &self.doc.tokens;
        let plain = b > a
            && b - a <= 10
            && (a..b).all(|k| toks[k].kind != Kind::Punct && !self.cue_at[k]);
        let role_at = |k: usize| toks[k].is_word() && toks[k].has(class::ROLE);
        // `One of the authors of the report, NAME, said`
        let group_at = |k: usize| {
            toks[k].is_word()
                && (self.role_word(k) || self.plural_agent(self.tok(k)))
        };
        // (Before a name only: `Many of the visitors were older, she
        // said` is a statement.)
        let quantifier = self.name_lead.get(b + 1).is_some_and(|&m| m != NONE)
            && matches!(
                self.word(a),
                b"One" | b"Another" | b"Some" | b"Both" | b"Many" | b"Several"
            )
            && a + 1 < b
            && self.word(a + 1) == b"of";
        plain
            && (role_at(b - 1)
                || (is_determiner(self.word(a))
                    && (a + 1..b.min(a + 4)).any(role_at))
                || (quantifier && (a + 2..b.min(a + 5)).any(group_at)))
    }

    /// The pronoun at token `k` as a source ending at `end`; `it` stands
    /// for an organisation (`It said the talks had failed`).
    fn pronoun_source(&self, k: usize, end: usize) -> Option<Source> {
        let span = self.doc.tokens[k].span();
        if matches!(self.word(k), b"it" | b"It") {
            return Some(Source {
                kind: SrcKind::OrgDesc,
                span,
                head: span,
                affil: Affiliation::default(),
                start: k,
                end,
            });
        }
        let (gender, plural) = is_pronoun(self.word(k))?;
        Some(Source {
            kind: SrcKind::Pronoun { gender, plural },
            span,
            head: span,
            affil: Affiliation::default(),
            start: k,
            end,
        })
    }

    fn name_source(&self, m: usize, end: usize) -> Option<Source> {
        let name = &self.names[m];
        let mut start = name.pre.min(name.lead);
        // `the Baltic News Agency`
        if start > 0 && matches!(self.word(start - 1), b"the" | b"The") {
            start -= 1;
        }
        Some(Source {
            kind: SrcKind::Name(m as u32),
            span: name.span,
            head: name.span,
            affil: Affiliation::default(),
            start,
            end,
        })
    }

    /// `a spokeswoman for the Ministry of Health`: the org name at
    /// `org_lead` after a preposition after a role noun.
    fn description_with_pp(
        &self,
        org_lead: usize,
        lo: usize,
        end: usize,
    ) -> Option<Source> {
        let (head, prep) = self.before_prep(org_lead, lo)?;
        if !is_role_prep(prep) {
            return None;
        }
        if !self.doc.tokens[head].is_word() || !self.role_word(head) {
            return None;
        }
        let mut d = self.description_ending(head, lo, head + 1)?;
        let org = self.span(org_lead, end);
        d.affil.org = Some(self.doc.text[org].to_string());
        d.span = Span::new(d.span.start, org.end);
        d.end = end;
        Some(d)
    }

    /// A description whose head noun is token `head`: `the Russian
    /// expert`, `officials`, `a campaign operative`, `the ministry`.
    fn description_ending(
        &self,
        head: usize,
        lo: usize,
        end: usize,
    ) -> Option<Source> {
        let toks = &self.doc.tokens;
        let cap = toks[head].is_cap_word();
        // `Officials said`, `Police say`: capitalised at a sentence start.
        let lower_w = !cap || toks[head].is(crate::text::SENT_START);
        // (The four tests below all need it: without it the word is not
        // sliced.)
        if !lower_w {
            return None;
        }
        let w = self.tok(head);
        let group = toks[head].has(class::GROUP) || self.plural_agent(w);
        let role = toks[head].has(class::ROLE) || w.ends_with("-year-old");
        let org = toks[head].has(class::ORG_HEAD);
        let doc_noun = is_statement(w.as_bytes())
            || (self.documents && is_document(w.as_bytes()));
        if !(group || role || org || doc_noun) {
            return None;
        }
        // Modifiers back to a determiner: adjectives, nationalities,
        // `45-year-old`, a possessive owner.
        let mut s = head;
        let mut det = false;
        while s > lo && head - s < 5 {
            let t = &toks[s - 1];
            let pw = self.tok(s - 1);
            if t.kind == Kind::Punct {
                break;
            }
            if is_determiner(pw.as_bytes()) {
                s -= 1;
                det = true;
                break;
            }
            // `a third source`, `a former official`: ordinals and such
            // are modifiers, though function words elsewhere.
            if matches!(
                pw,
                "first"
                    | "second"
                    | "third"
                    | "fourth"
                    | "fifth"
                    | "last"
                    | "other"
                    | "former"
                    | "top"
                    | "same"
                    | "only"
            ) {
                s -= 1;
                continue;
            }
            if t.has(class::CUE | class::STOP) || is_aux(pw) {
                break;
            }
            let m = self.name_end[s - 1];
            if m != NONE && possessive_len(pw.as_bytes()) == 0 {
                // `a Homeland Security Department official`, `The
                // Republican presidential nominee`: an organisation or a
                // party word belongs to the description; a person's full
                // name does not.
                // `A top Donald Trump adviser`: a person's name right
                // before the head is a modifier too.
                let name = &self.names[m as usize];
                if (name.kind == NameKind::Person && s != head)
                    || name.lead < lo
                {
                    break;
                }
                s = name.lead;
                continue;
            }
            s -= 1;
        }
        // A bare singular role noun is not a source (`the plan, expert
        // said` is rare; `minister said` is a headline).
        if !(det || group || (toks[s].is_cap_word() && s < head)) {
            return None;
        }
        let mut affil = Affiliation::default();
        let role_start = if det { s + 1 } else { s };
        if role || group {
            for k in role_start..head {
                let mw = self.tok(k);
                if let Some(c) = self.lex.nationalities.get(mw) {
                    affil.country = Some(c.clone());
                    affil.org = Some(c.to_string());
                } else if possessive_len(mw.as_bytes()) > 0 {
                    affil.org = Some(
                        mw[..mw.len() - possessive_len(mw.as_bytes())]
                            .to_string(),
                    );
                } else if self.name_end[k] != NONE {
                    let name = &self.names[self.name_end[k] as usize];
                    if name.kind == NameKind::Org {
                        affil.org = Some(self.doc.text[name.span].to_string());
                    }
                }
            }
            if role && !w.ends_with("-year-old") {
                affil.role = Some(w.to_string());
            }
        }
        let kind = if group {
            SrcKind::Group
        } else if role {
            SrcKind::Description
        } else {
            SrcKind::OrgDesc
        };
        Some(Source {
            kind,
            span: self.span(s, head + 1),
            head: toks[head].span(),
            affil,
            start: s,
            end,
        })
    }

    /// `NAME issued a statement saying ...`: a statement, email or
    /// release that "says" only carries what its sender says, and the
    /// sender, the subject of the verb that sends it, is the source (at
    /// the medium's place in the sentence). `src` as it is when it is no
    /// such medium, or no subject is found.
    fn sender(&self, src: Source, s0: usize) -> Source {
        // (Bytes, and the verb read only after a medium: this runs for
        // every source before a cue, 0.04M on prof 10 when eager.)
        let medium =
            is_medium(&self.doc.text.as_bytes()[src.head.start..src.head.end]);
        if !medium {
            return src;
        }
        // The verb before the medium's determiner (`issued a`, `sent out
        // a`, `released her`).
        let verb = src.start.checked_sub(1).filter(|&v| {
            v >= s0 && (publishes(self.word(v)) || self.word(v) == b"out")
        });
        match verb {
            Some(v) => {
                // (`sent out`; an `out` opening the clause stands alone.)
                let v = if self.word(v) == b"out" && v > s0 {
                    v - 1
                } else {
                    v
                };
                // The frame still reads the phrase where the medium
                // stands: only who is reported changes.
                match self.subject(s0, v) {
                    Some(s) => Source {
                        start: src.start,
                        end: src.end,
                        ..s
                    },
                    None => src,
                }
            }
            _ => src,
        }
    }

    /// The subject of a clause starting at `s0`: a name or pronoun among
    /// its first words (`But Opposition leader Marta Kovač put it ...`),
    /// before token `hi`.
    fn subject(&self, s0: usize, hi: usize) -> Option<Source> {
        self.subject_at(s0, hi).or_else(|| {
            // `In an interview with the Journal, Trump doubled down and
            // said ...`, `At an event in Ames, Iowa, on Sunday, Mrs.
            // Clinton ...`: past an adjunct that opens the sentence, at
            // the first of its commas that a subject follows.
            if !adjunct_led(self, s0, hi) {
                return None;
            }
            (s0..hi.min(s0 + 20))
                .filter(|&k| self.is_comma(k))
                .find_map(|k| self.subject_at(k + 1, hi))
        })
    }

    /// A name or pronoun among the first words from `s0`, not one that a
    /// preposition governs (`Here in Columbia, ...`).
    fn subject_at(&self, s0: usize, hi: usize) -> Option<Source> {
        (s0..hi.min(s0 + 5))
            .take_while(|&k| self.doc.tokens[k].is_word())
            .find(|&k| {
                (self.name_lead[k] != NONE
                    || is_pronoun(self.word(k)).is_some())
                    && !(k > s0 && is_role_prep(self.tok(k - 1)))
            })
            .and_then(|k| self.source_after(k, hi))
            .or_else(|| {
                // `The billionaire businessman began ...`, `Officials
                // declined ...`: a description as the subject, the
                // longest (`The council spokeswoman`, not `The council`).
                (s0..hi.min(s0 + 5))
                    .take_while(|&k| self.doc.tokens[k].is_word())
                    .filter_map(|k| {
                        self.description_ending(k, s0, k + 1)
                            .filter(|d| d.start == s0)
                    })
                    .last()
            })
    }

    /// Any short noun phrase at `a`, up to a comma or the sentence end:
    /// what `according to` names (`her account`, `federal statistics`,
    /// `a new national poll`).
    fn phrase_after(&self, a: usize, hi: usize) -> Option<Source> {
        let toks = &self.doc.tokens;
        let lim = hi.min(a + 9);
        let end = (a..lim)
            .find(|&k| {
                (toks[k].kind == Kind::Punct && toks[k].ch != '-')
                    || self.word(k) == b"that"
            })
            .unwrap_or(lim);
        if end <= a || !(a..end).any(|k| toks[k].is_word()) {
            return None;
        }
        Some(self.phrase_source(a, end, a, end))
    }

    /// A description or organisation named by the phrase `[a, b)`, whose
    /// last word is its head; the whole source phrase is `[start, end)`.
    fn phrase_source(
        &self,
        a: usize,
        b: usize,
        start: usize,
        end: usize,
    ) -> Source {
        let head = b - 1;
        Source {
            kind: if self.doc.tokens[head].has(class::ORG_HEAD) {
                SrcKind::OrgDesc
            } else {
                SrcKind::Description
            },
            span: self.span(a, b),
            head: self.doc.tokens[head].span(),
            affil: Affiliation::default(),
            start,
            end,
        }
    }

    /// A source phrase starting at token `a` (`said NAME, ROLE`).
    fn source_after(&self, a: usize, hi: usize) -> Option<Source> {
        if a >= hi {
            return None;
        }
        let toks = &self.doc.tokens;
        let mut m = self.name_lead[a];
        if m == NONE {
            // `said retired Gen. Mick Bednarek`, `said longtime Sen. Ann
            // Holt`: a modifier or two that no lexicon knows, right
            // before a person's name.
            let mut k = a;
            while k < hi
                && k - a < 2
                && toks[k].is_word()
                && !toks[k].is_cap_word()
                && !toks[k].has(
                    class::STOP
                        | class::CUE
                        | class::ROLE
                        | class::GROUP
                        | class::ORG_HEAD,
                )
                && !is_determiner(self.word(k))
            {
                k += 1;
            }
            if k > a
                && k < hi
                && self.name_lead[k] != NONE
                && self.names[self.name_lead[k] as usize].kind
                    == NameKind::Person
            {
                m = self.name_lead[k];
            }
        }
        if m != NONE {
            let m = m as usize;
            let name = &self.names[m];
            if name.possessive {
                return None;
            }
            let end = name.appos_end.max(name.tok_end).min(hi);
            if name.kind == NameKind::Org {
                return Some(Source {
                    kind: SrcKind::Name(m as u32),
                    span: name.span,
                    head: name.span,
                    affil: Affiliation::default(),
                    start: a,
                    end,
                });
            }
            return self.name_source(m, end);
        }
        if let Some(s) = self.pronoun_source(a, a + 1) {
            return Some(s);
        }
        // A description: determiner, modifiers, head, optional `for ORG`.
        let mut k = a;
        while k < hi && k - a < 6 && toks[k].is_word() {
            if k > a && toks[k].has(class::CUE) {
                break;
            }
            if toks[k].has(class::ROLE | class::GROUP | class::ORG_HEAD)
                && !toks[k].is_cap_word()
            {
                let mut d = self.description_ending(k, a, k + 1)?;
                // `for the Ministry of Health`
                if k + 2 < hi
                    && matches!(
                        self.word(k + 1),
                        b"for" | b"of" | b"at" | b"from"
                    )
                {
                    let mut o = k + 2;
                    if o < hi && self.word(o) == b"the" {
                        o += 1;
                    }
                    let m = self.name_lead[o.min(hi - 1)];
                    if m != NONE && o < hi {
                        let name = &self.names[m as usize];
                        let e = name.tok_end.min(hi);
                        d.affil.org =
                            Some(self.doc.text[name.span].to_string());
                        d.span =
                            Span::new(d.span.start, toks[e - 1].span().end);
                        d.end = e;
                    }
                } else if k + 1 < hi
                    && matches!(self.word(k + 1), b"familiar" | b"close")
                {
                    // `people familiar with the talks`, up to the clause.
                    let e = (k + 1..hi.min(k + 8))
                        .find(|&j| {
                            toks[j].kind == Kind::Punct
                                || self.cue_at[j]
                                || self.word(j) == b"that"
                        })
                        .unwrap_or(hi.min(k + 8));
                    d.span = Span::new(d.span.start, toks[e - 1].span().end);
                    d.end = e;
                }
                return Some(d);
            }
            k += 1;
        }
        None
    }
}

/// Trims content tokens `[a, b)`: leading commas, colons, dashes and a
/// complementiser `that`; trailing punctuation outside quotation marks.
fn trim(ctx: &Ctx<'_, '_>, mut a: usize, mut b: usize) -> (usize, usize) {
    // Bullets before the sentence proper.
    while a + 1 < b && ctx.doc.tokens[a + 1].is(crate::text::SENT_START) {
        a += 1;
    }
    while a < b {
        let t = &ctx.doc.tokens[a];
        let punct = t.kind == Kind::Punct
            && matches!(ctx.pc(a), ',' | ':' | ';' | '—' | '–' | '-');
        let that = t.is_word() && is_complementiser(ctx, a, b);
        if !(punct || that) {
            break;
        }
        a += 1;
    }
    while b > a {
        let t = &ctx.doc.tokens[b - 1];
        let punct = t.kind == Kind::Punct
            && matches!(
                ctx.pc(b - 1),
                ',' | ':' | ';' | '.' | '—' | '–' | '-' | '(' | '…'
            );
        // A conjunction left where a second statement was cut off.
        let conj = t.is_word() && matches!(ctx.word(b - 1), b"and" | b"but");
        if !(punct || conj) {
            break;
        }
        b -= 1;
    }
    (a, b)
}

/// The pipeline's attribution stage.
pub(crate) fn attribute(
    doc: &Doc<'_>,
    lex: &Lexicons,
    names: &[Mention],
    quotes: &[Quotation],
    cues: &[CueHit],
    documents: bool,
    scratch: &mut Scratch,
) -> Vec<Raw> {
    let t = &mut scratch.tables;
    t.fill(doc, names, quotes, cues);
    let near = Cell::new(usize::MAX);
    let ctx = Ctx {
        doc,
        lex,
        names,
        quotes,
        name_end: &t.name_end,
        name_lead: &t.name_lead,
        appos_end: &t.appos_end,
        open_of: &t.open_of,
        close_of: &t.close_of,
        opens: &t.opens,
        cue_at: &t.cue_at,
        quote_toks: &t.quote_toks,
        documents,
        near,
        sent: Cell::new(0),
    };
    let mut used = vec![false; quotes.len()];
    // Kept from call to call, like the tables: a long text's statements
    // would otherwise be copied at every doubling.
    let mut out = scratch::reuse(&mut scratch.raws);
    let mut lead_in = LeadIns(scratch::reuse(&mut scratch.lead_in));
    for cue in cues {
        frame(&ctx, cue, &mut used, &mut out, &mut lead_in);
    }
    // Frames come in text order, so this is mostly sorted already. The
    // order of emission breaks ties, so an unstable sort, which needs no
    // buffer, gives the stable order (a stable sort would allocate half
    // the statements: at the memory peak of a long text).
    if !out.is_sorted_by_key(|r| r.span.start) {
        out.sort_unstable_by_key(|r| (r.span.start, r.seq));
    }
    resolve_overlaps(&ctx, &mut out);
    let direct = scratch::reuse(&mut scratch.direct);
    let mut direct = direct_sieves(&ctx, &used, &mut out, &lead_in, direct);
    scratch::release_large(&mut direct);
    scratch.direct = direct;
    // So are the tables, now read for the last time.
    if scratch.tables.bytes() > scratch::TRANSIENT_BYTES {
        scratch.tables = Tables::default();
    }
    lead_in.0.clear();
    scratch.lead_in = lead_in.0;
    // The caller hands the buffer back as `scratch.raws`.
    out
}

/// A statement ends where the next one's attribution begins (`When
/// Clinton noted that A ― Trump boasted, "B."`); what still overlaps is
/// dropped, the earlier and the direct kept. `out` is sorted by start;
/// it is compacted in place, so that a long text's statements are not
/// held twice.
fn resolve_overlaps(ctx: &Ctx<'_, '_>, out: &mut Vec<Raw>) {
    // `out[..w]` are kept; `out[w..i]` are dropped.
    let mut w = 0;
    for i in 0..out.len() {
        if w > 0 && out[w - 1].span.end > out[i].span.start {
            let (kept, rest) = out.split_at_mut(w);
            let (last, r) = (&mut kept[w - 1], &rest[i - w]);
            let cut = r.anchor.min(r.span.start);
            if last.kind != QuoteKind::Direct && cut > last.span.start {
                let a = ctx.token_at(last.span.start);
                let b = ctx.token_at(cut);
                let (a, b) = trim(ctx, a, b);
                if a < b && is_statement_like(ctx, a, b) {
                    last.span.end = ctx.span(a, b).end;
                    let end = last.span.end;
                    last.fragments.retain(|f| f.end <= end);
                    if last.fragments.is_empty() {
                        last.kind = QuoteKind::Indirect;
                    }
                    out.swap(w, i);
                    w += 1;
                    continue;
                }
                out.swap(w - 1, i);
            }
            continue;
        }
        // Mostly nothing is dropped, and nothing need move.
        if w != i {
            out.swap(w, i);
        }
        w += 1;
    }
    out.truncate(w);
}

/// The lead-ins of paragraphs (`NAME said:` closing one), by paragraph:
/// few paragraphs have one.
struct LeadIns(Vec<(usize, Source, Cue)>);

impl LeadIns {
    /// Sets the lead-in of paragraph `p`, replacing one set before.
    fn set(&mut self, p: usize, src: Source, cue: Cue) {
        // Cues come in text order: this is mostly a push.
        match self.0.binary_search_by_key(&p, |e| e.0) {
            Ok(i) => self.0[i] = (p, src, cue),
            Err(i) => self.0.insert(i, (p, src, cue)),
        }
    }

    fn get(&self, p: usize) -> Option<(&Source, Cue)> {
        let i = self.0.binary_search_by_key(&p, |e| e.0).ok()?;
        let (_, src, cue) = &self.0[i];
        Some((src, *cue))
    }
}

/// Applies the cue frame of `cue`.
fn frame(
    ctx: &Ctx<'_, '_>,
    cue: &CueHit,
    used: &mut [bool],
    out: &mut Vec<Raw>,
    lead_in: &mut LeadIns,
) {
    let doc = ctx.doc;
    let si = ctx.sentence_of(cue.tok);
    let Some(sent) = doc.sentences.get(si) else {
        return;
    };
    if doc.paragraphs[sent.para].aside {
        return;
    }
    // Content is looked for at most `MAX_CONTENT` tokens from the cue.
    let s0 = ctx
        .sentence_start(si)
        .max(cue.tok.saturating_sub(MAX_CONTENT));
    let s1 = sent.end.min(cue.end + MAX_CONTENT);
    let c = Cue {
        span: cue.span,
        class: cue.class,
    };
    // `As reported by NAME, CONTENT` reads as `according to`, its source
    // after `by`.
    let as_by = !cue.is_according()
        && cue.tok > s0
        && cue.end + 1 < s1
        && ctx.word(cue.tok - 1).eq_ignore_ascii_case(b"as")
        && ctx.word(cue.end) == b"by";
    if cue.is_according() || as_by {
        let (lead, from) = if as_by {
            (cue.tok - 1, cue.end + 1)
        } else {
            (cue.tok, cue.end)
        };
        let Some(src) = ctx
            .source_after(from, s1)
            .or_else(|| ctx.phrase_after(from, s1))
        else {
            return;
        };
        // `According to NAME, CONTENT` or `CONTENT, according to NAME.`
        // A capital says the clause starts here, even where the sentence
        // start was missed (a headline, debris before it).
        let before_start = ctx.doc.tokens[lead].is_cap_word()
            || (s0..lead).all(|k| {
                !ctx.doc.tokens[k].is_word()
                    || matches!(ctx.word(k), b"But" | b"And" | b"So" | b"Yet")
            });
        let (a, b) = if before_start {
            // The source phrase runs to the comma (`According to the
            // officer in charge of the base that night, ...`).
            let comma = (src.end..s1.min(src.end + 30))
                .find(|&k| ctx.is_comma(k))
                .filter(|&k| k > src.end);
            (comma.map_or(src.end, |k| k + 1), s1)
        } else {
            (s0, lead)
        };
        emit(ctx, a, b, c, Some(src), "according-to", used, out);
        return;
    }
    // (Bytes: a `str` slice checks char boundaries, 25 instructions a
    // cue.)
    let cue_word = ctx.word(cue.tok);
    // `..., said Steve Elmendorf, a ROLE.`: a comma before the cue and a
    // name after it that ends there or at a comma make an inverted tag
    // (below), whatever name the clause before the comma ends with. Not
    // `, said Clinton reached out` nor a verb with a hearer (`, told
    // CNN.`, `, urged President Obama to`).
    let inverted = cue.tok > s0
        && ctx.is_comma(cue.tok - 1)
        && matches!(
            ctx.word(cue.tok),
            b"said" | b"says" | b"added" | b"adds" | b"noted" | b"explained"
        )
        && cue.end < s1
        && ctx.name_lead[cue.end] != NONE
        && {
            let name = &ctx.names[ctx.name_lead[cue.end] as usize];
            let e = name.tok_end;
            !name.possessive
                && (e >= s1 || ctx.is_comma(e) || is_terminal(ctx.pc(e)))
        };
    // `Sanders endorsed Mrs. Clinton, saying ...`: a participle after a
    // comma shares the clause's subject (below), whatever name stands
    // before the comma.
    let participle_after_comma = cue_word.ends_with(b"ing")
        && cue.tok > s0
        && (ctx.is_comma(cue.tok - 1) || ctx.is_dash(cue.tok - 1));
    // The source before the cue (not looked for before an inverted tag,
    // which has its source after the cue, nor before such a participle).
    if let Some(src) = (!inverted && !participle_after_comma)
        .then(|| ctx.source_before(cue.tok, s0))
        .flatten()
        .map(|src| ctx.sender(src, s0))
    {
        let after = after_cue(ctx, cue, cue_word, s1);
        let (ra, rb) = trim(ctx, after, s1);
        let rest_empty = ra >= rb;
        // `Senate Majority Leader Mitch McConnell said`, `Fox News host
        // Sean Hannity said`: the title phrase before the name, which the
        // source leaves to the affiliation, belongs to the tag too.
        let mut pre = src.start;
        {
            let toks = &doc.tokens;
            let lim = s0.max(pre.saturating_sub(6));
            let mut k = pre;
            while k > lim
                && (toks[k - 1].is_cap_word()
                    || toks[k - 1].is_punct('.')
                    || (toks[k - 1].is_word()
                        && (toks[k - 1].has(class::ROLE)
                            || matches!(
                                ctx.word(k - 1),
                                b"former" | b"acting" | b"deputy" | b"senior"
                            ))))
            {
                k -= 1;
            }
            if k < pre
                && (k == s0
                    || ctx.is_comma(k - 1)
                    || ctx.close_of[k - 1] != NONE)
            {
                pre = k;
            }
        }
        let before_end = if pre > s0 && ctx.is_comma(pre - 1) {
            pre - 1
        } else {
            pre
        };
        // `CONTENT, NAME said`: a comma or closing mark before the
        // source, and before it a statement rather than an adjunct
        // (`In a statement, NAME said ...`).
        // `A, NAME said, B`: a second part when B goes on with the
        // statement rather than adding a clause of its own.
        let split = !rest_empty
            && (cue.end..after.min(s1)).any(|k| ctx.is_comma(k))
            && continues(ctx, ra);
        // At least four words before the tag (counted no further).
        let four_words = || {
            (s0..before_end)
                .filter(|&k| doc.tokens[k].kind != Kind::Punct)
                .nth(3)
                .is_some()
        };
        // `..., Clinton said that her family ...`: an explicit `that`
        // or colon after the cue reports what follows, not what precedes.
        // (Read only where it decides.)
        let explicit = || {
            !rest_empty
                && after > cue.end
                && matches!(ctx.word(after - 1), b"that" | b":")
        };
        // `In her speech, NAME said:` leads into what follows, and so
        // does `In her speech, NAME said, "..."`: the adjunct is the
        // writer's.
        let colon = rest_empty && ctx.pc(s1 - 1) == ':';
        // A subordinate clause there is the speaker's (`If Clinton is
        // elected, he said, "..."`). Not `after`/`before`, which
        // content_end counts as openers: here they lead the writer's
        // adjuncts (`After reciting the passage, NAME said, "..."`;
        // measured: adding them costs train 4 false alarms for 1 hit).
        // (Read only where it decides.)
        let clause_led = || {
            any_case(
                ctx.tok(s0),
                &[
                    "if", "when", "while", "as", "although", "though",
                    "because", "since", "once", "unless", "until", "whereas",
                    "so",
                ],
            )
        };
        // `"...," Melanie said, and soon the balloons were dropping`,
        // `"...," she said, with an awkward smile`: after a quotation,
        // words without one go on with the narrative.
        let split = split
            && !(before_end > s0
                && ctx.close_of[before_end - 1] != NONE
                && ctx.opens.next_at(ra) >= s1 as u32)
            && !(ctx.open_of[ra] != NONE
                && !clause_led()
                && adjunct_led(ctx, s0, before_end));
        // `NAME, who told POLITICO he ...`: a relative pronoun's
        // statement follows it.
        // (Read only where it decides, as is the quotation closing before
        // the tag: 0.02M on prof 10 read eagerly and thrice.)
        let relative = || matches!(ctx.word(src.start), b"who" | b"which");
        let quoted_before = pre > s0 && ctx.close_of[pre - 1] != NONE;
        // `Moments earlier, in his remarks, Trump said he was ...`: a
        // clause right after the cue is what was said, and the words
        // before the tag are the writer's.
        let content_after = !rest_empty && takes_content(ctx, cue, after, s1);
        let reports_after =
            content_after && after == cue.end && opens_subject(ctx, after);
        // `"Big time." The office did not comment.`: a negated cue
        // reports nothing before it.
        let negated = (src.end..cue.tok).any(|k| is_negation(ctx.tok(k)));
        // `that if Iran were a stock, he would advise buying it`: a modal
        // tag is no tag for the words before it, unless they are quoted.
        let modal = pre > s0
            && !quoted_before
            && (src.end..cue.tok).any(|k| {
                let w = ctx.tok(k);
                is_modal(w.as_bytes())
                    || matches!(w, "would" | "will" | "could")
            });
        // `Sales were great, he said, wiping sweat off his face`: a
        // participle after the tag describes the speaker; the statement is
        // before the tag however short it is.
        let participle_tail = !rest_empty
            && cue.end + 1 < s1
            && ctx.is_comma(cue.end)
            && {
                let t = &doc.tokens[cue.end + 1];
                t.is_word() && !t.is_cap_word() && {
                    let w = ctx.tok(cue.end + 1);
                    w.len() > 4 && w.ends_with("ing")
                }
            }
            && !clause_led()
            && !adjunct_led(ctx, s0, before_end);
        let tagged = pre > s0
            && !negated
            && !modal
            && (split || !relative())
            && (ctx.is_comma(pre - 1) || quoted_before)
            && ((rest_empty && !colon)
                || participle_tail
                || split
                || ((four_words() || quoted_before)
                    && !explicit()
                    && !reports_after
                    && !adjunct_led(ctx, s0, before_end)))
            && !ctx.role_before_name(s0, before_end);
        if tagged {
            let src2 = src.clone();
            // In a split statement even an adjunct before the tag is
            // part of what was said (`In law school, she said, she was
            // often the only ...`).
            let a = ctx.statement_start(si, s0);
            if !relative() {
                let sieve = if split { "split" } else { "tag-after" };
                emit(ctx, a, before_end, c, Some(src), sieve, used, out);
            }
            if split {
                emit(ctx, ra, s1, c, Some(src2), "split", used, out);
            }
        } else if rest_empty
            && !negated
            && pre == s0
            && s0 > 0
            && ctx.close_of[s0 - 1] != NONE
        {
            // `"Is it over?" Clinton said.`: the sentence broke after the
            // closing mark, but the tag is the quotation's.
            let open = ctx.open_tok(ctx.close_of[s0 - 1] as usize);
            if open < s0 && ctx.sentence_of(open) + 1 == si {
                emit(ctx, open, s0, c, Some(src), "tag-after", used, out);
            }
        } else if content_after {
            // `Years after Bill Clinton claimed A, Obama won ...`: the
            // clause that holds the cue opens before its source.
            let opener = if src.start > s0 { src.start - 1 } else { s0 };
            let end = content_end(ctx, opener, after, s1);
            let a = quote_after_colon(ctx, after, end);
            // `In Miami, Mr. Regalado said, Mr. Trump is seen as ...`: a
            // phrase before a tag set off by commas opens the statement
            // that goes on after it (a split statement, as the split
            // quotation above). Not before a quotation, where it is
            // mostly the writer's (`In a statement, NAME said, "..."`);
            // not a name the tag describes (`Frank Luntz, a pollster,
            // said ...`). (Train: 21 more hits, 3 more false alarms.)
            let lead = s0 < before_end
                && before_end < pre
                && cue.end < s1
                && ctx.is_comma(cue.end)
                && !negated
                && !modal
                && !relative()
                && ctx.open_of[a] == NONE
                && !(ctx.name_lead[s0] != NONE
                    && ctx.names[ctx.name_lead[s0] as usize].tok_end
                        >= before_end);
            if lead {
                let s = Some(src.clone());
                emit(ctx, s0, before_end, c, s, "split", used, out);
            }
            emit(ctx, a, end, c, Some(src), "tag-before", used, out);
        } else if ctx.pc(s1 - 1) == ':' {
            // `NAME said:` closing a paragraph leads into the next.
            lead_in.set(sent.para, src, c);
        }
        return;
    }
    // `..., adding that B` and `... and said B`: the subject of the
    // statement before, in the same sentence, or of the sentence itself
    // (`Rubio thanked Miami and said it was great to be home`).
    if cue.tok > s0 {
        let p = ctx.tok(cue.tok - 1);
        // `... and has called for B`: past the auxiliaries.
        let mut b = cue.tok - 1;
        while b > s0 && is_aux(ctx.tok(b)) {
            b -= 1;
        }
        let conj = matches!(ctx.word(b), b"and" | b"but");
        // `, saying B`; `began by saying B`, `aside from saying B`
        // (unless it is part of a statement before it in the sentence:
        // `said the areas were defined by adding ...`).
        let by_saying = (matches!(p, "by" | "from")
            || (matches!(p, "after" | "before")
                && matches!(cue_word, b"saying" | b"telling")))
            && out.last().is_none_or(|r| r.sent as usize != si);
        // `a defense of "New York values," saying B`: the comma may stand
        // inside the closing mark, or a dash replace it (`flipped his
        // choice – saying B`).
        let comma_before = ctx.is_comma(cue.tok - 1)
            || ctx.is_dash(cue.tok - 1)
            || ctx.closes_on_comma(cue.tok - 1);
        let participle =
            cue_word.ends_with(b"ing") && (comma_before || by_saying);
        if participle || conj {
            let prev = out
                .iter()
                .rev()
                .take_while(|r| r.sent as usize >= si)
                .find(|r| r.sent as usize == si && r.source.is_some())
                .and_then(|r| r.source.clone())
                .or_else(|| ctx.subject(s0, cue.tok));
            if let Some(src) = prev {
                let after = after_cue(ctx, cue, cue_word, s1);
                if takes_content(ctx, cue, after, s1) {
                    emit(
                        ctx,
                        after,
                        content_end(ctx, s0, after, s1),
                        c,
                        Some(src),
                        "shared-subject",
                        used,
                        out,
                    );
                }
                return;
            }
        }
    }
    // `Progressive groups that have endorsed him say they ...`, `Just
    // over a quarter, 26 percent, say they ...`: a subject no lexicon
    // knows, before `say` and a clause that is surely what was said.
    if let Some(src) = clause_subject(ctx, cue, s0) {
        let after = after_cue(ctx, cue, cue_word, s1);
        if after < s1
            && takes_content(ctx, cue, after, s1)
            && ((after > cue.end && ctx.word(after - 1) == b"that")
                || opens_subject(ctx, after))
        {
            // `While the candidates say A, they differ on B`: the
            // subordinator opens the clause (start is where it stands).
            let end = content_end(ctx, src.start, after, s1);
            emit(ctx, after, end, c, Some(src), "clause-subject", used, out);
            return;
        }
    }
    // `Asked whether the deal would hold, ...`, `when asked if he would
    // run`: a question put by someone unnamed.
    if matches!(cue_word, b"asked" | b"Asked")
        && (cue.tok == s0
            || matches!(
                ctx.word(cue.tok - 1),
                b"when" | b"When" | b"if" | b"as"
            ))
    {
        // `Asked on Fox News who leads the party`, `Asked by Starnes if
        // he believed`: past the occasion, and the asker when named.
        // `Asked to describe the device`: a request.
        let k = if cue.tok == s0 && cue.end < s1 && ctx.word(cue.end) == b"to"
        {
            Some(cue.end)
        } else {
            question_after(ctx, cue.end, s1).filter(|&k| ctx.word(k) != b"to")
        };
        if let Some(k) = k {
            let by = (cue.end..k).find(|&j| ctx.word(j) == b"by");
            let asker = by
                .map(|j| ctx.name_lead[j + 1])
                .filter(|&m| m != NONE)
                .and_then(|m| ctx.name_source(m as usize, k));
            let end = (k..s1).find(|&j| ctx.is_comma(j)).unwrap_or(s1);
            emit(ctx, k, end, c, asker, "question", used, out);
        }
        return;
    }
    // `CONTENT, said NAME, ROLE.`
    let pre = cue.tok;
    if pre > s0 && (ctx.is_comma(pre - 1) || ctx.close_of[pre - 1] != NONE) {
        // An inverted tag closes its sentence, or leads into a second
        // quotation (`"A," said NAME, "B."`); otherwise the words after
        // the cue are a clause of their own (`NAME, who ..., said he`).
        // `it` is a pronoun too, though it stands for a body.
        let pronoun = |s: &Source| {
            matches!(s.kind, SrcKind::Pronoun { .. })
                || matches!(ctx.word(s.start), b"it" | b"It")
        };
        let closes = |s: &Source| {
            let mut k = s.end;
            while k < s1 && ctx.is_comma(k) {
                k += 1;
            }
            // What follows a name may still qualify it (`, the director
            // of the institute in Germany.`); not a pronoun's.
            // An appositive may run longer (`, deputy campaign manager for
            // John Kerry's 2004 campaign.`).
            let appositive =
                k < s1 && (is_determiner(ctx.word(k)) || ctx.role_word(k));
            let short_tail = !pronoun(s)
                && k + if appositive { 25 } else { 12 } >= s1
                && (k..s1).all(|j| !ctx.cue_at[j] && ctx.open_of[j] == NONE);
            k >= s1
                || ctx.open_of[k] != NONE
                || (doc.tokens[k].kind == Kind::Punct
                    && is_terminal(ctx.pc(k)))
                || ctx.cue_at[k]
                || short_tail
        };
        // After a quotation, the tag is sure whatever follows the name.
        let quoted = ctx.close_of[pre - 1] != NONE
            || (pre >= 2
                && ctx.is_comma(pre - 1)
                && ctx.close_of[pre - 2] != NONE);
        if let Some(src) = ctx
            .source_after(cue.end, s1)
            // `, tweeted that the council agreed`: what follows `that`
            // is content, not the tag's source.
            .filter(|_| ctx.word(cue.end) != b"that")
            .filter(|s| closes(s) || (quoted && !pronoun(s)))
        {
            let before_end = if ctx.is_comma(pre - 1) { pre - 1 } else { pre };
            let src_end = src.end;
            let src2 = src.clone();
            emit(ctx, s0, before_end, c, Some(src), "tag-inverted", used, out);
            // `"A," said NAME, "B."`
            let mut b = src_end;
            while b < s1 && ctx.is_comma(b) {
                b += 1;
            }
            if b < s1 && ctx.open_of[b] != NONE {
                emit(ctx, b, s1, c, Some(src2), "split", used, out);
            }
        }
    }
}

/// The subject of a finite `say`, `says` or `said` when it is all the
/// words from the clause start (`s0`, the last comma, or past a
/// subordinator) to the cue: a noun phrase, maybe with a relative clause
/// or a share in commas (`about two-thirds, 67 percent,`). The mention is
/// the phrase up to its first relative pronoun, participle or
/// preposition other than `of`.
fn clause_subject(
    ctx: &Ctx<'_, '_>,
    cue: &CueHit,
    s0: usize,
) -> Option<Source> {
    if !matches!(ctx.word(cue.tok), b"say" | b"says" | b"said")
        || cue.tok <= s0
    {
        return None;
    }
    let toks = &ctx.doc.tokens;
    let share = |a: usize, b: usize| {
        b > a
            && b - a <= 3
            && (a..b).all(|k| {
                toks[k].kind == Kind::Number
                    || toks[k].is_punct('%')
                    || matches!(ctx.word(k), b"percent" | b"per" | b"cent")
            })
    };
    let mut end = cue.tok;
    // `26 percent,` standing in commas after the group it measures.
    if ctx.is_comma(end - 1) {
        let c = (s0..end - 1).rev().take(4).find(|&k| ctx.is_comma(k))?;
        if !share(c + 1, end - 1) {
            return None;
        }
        end = c;
    }
    let mut start = (s0..end)
        .rev()
        .take(16)
        .find(|&k| {
            !toks[k].is_word()
                && !toks[k].is_punct('%')
                && toks[k].kind != Kind::Number
        })
        .map_or(s0, |k| k + 1);
    if start > s0 && !ctx.is_comma(start - 1) {
        return None;
    }
    // `most said A and one in four said B`: the subject of the second
    // statement starts after the conjunction.
    if let Some(c) = (start..end).rev().find(|&k| ctx.cue_at[k]) {
        start = (c + 1..end)
            .find(|&k| matches!(ctx.word(k), b"and" | b"but"))?
            + 1;
    }
    if end - start > 15 {
        return None;
    }
    let opener = start;
    if any_case(
        ctx.tok(start),
        &[
            "while", "though", "although", "as", "if", "because", "since",
            "but", "and",
        ],
    ) {
        start += 1;
    }
    if start >= end || !toks[start].is_word() {
        return None;
    }
    // `Dock workers who walked out last week say`: the time is the
    // verb's.
    while end > start + 1
        && (is_time_word(ctx, end - 1)
            || matches!(
                ctx.word(end - 1),
                b"last" | b"this" | b"on" | b"earlier" | b"late"
            ))
    {
        end -= 1;
    }
    // It opens with a noun phrase, not a participle (`hearing him say`),
    // a pronoun (`he's said`) or a lone relative.
    let first = ctx.tok(start);
    let bare = first.split(['\'', '’']).next().unwrap_or(first);
    let not_noun = (first.ends_with("ing") && !toks[start].is_cap_word())
        || is_pronoun(bare.as_bytes()).is_some()
        || any_case(bare, &["what", "which", "it", "there"])
        || (end == start + 1 && any_case(bare, &["who", "this", "that"]));
    if not_noun
        || is_time_word(ctx, start)
        // `... and said B` is the shared-subject frame's.
        || matches!(ctx.word(end - 1), b"and" | b"but" | b"or")
        || (start..end).any(|k| {
            let w = ctx.tok(k);
            matches!(w, "to" | "not" | "never")
                || (!ctx.documents && is_document(w.as_bytes()))
        })
    {
        return None;
    }
    let head_end = (start + 1..end)
        .find(|&k| {
            let w = ctx.tok(k);
            (matches!(
                w,
                "who"
                    | "that"
                    | "which"
                    | "whose"
                    | "whom"
                    | "where"
                    | "in"
                    | "at"
                    | "on"
                    | "from"
                    | "with"
                    | "across"
                    | "here"
                    | "there"
            ) && !(w == "in"
                && is_count(ctx, k - 1)
                && k + 1 < end
                && is_count(ctx, k + 1)))
                || (w.ends_with("ing") && !toks[k].is_cap_word())
        })
        .unwrap_or(end);
    // A verb in the head (`is among those`) makes it a clause.
    if (start..head_end).any(|k| {
        is_aux(ctx.tok(k)) || matches!(ctx.tok(k), "is" | "'s" | "’s")
    }) {
        return None;
    }
    Some(ctx.phrase_source(start, head_end, opener, cue.tok))
}

/// Whether a clause's subject starts at token `k`: a pronoun, a name, or
/// a noun phrase after `the` or a possessive (`says the port has ...`).
fn opens_subject(ctx: &Ctx<'_, '_>, k: usize) -> bool {
    let w = ctx.tok(k);
    is_subject_pronoun(w.as_bytes())
        || ctx.name_lead[k] != NONE
        || matches!(w, "the" | "his" | "her" | "their" | "its" | "our" | "my")
}

/// Whether the words from token `k` are a bare noun phrase rather than a
/// clause: a determiner, possessive or number, and no auxiliary, modal
/// or `-ed` word in the next 12 tokens (`the prize for exceeding
/// expectations`, not `the plan was legal`).
fn is_noun_phrase(ctx: &Ctx<'_, '_>, k: usize, s1: usize) -> bool {
    let toks = &ctx.doc.tokens;
    // `added 1 million jobs`: a number opens one too.
    let opens = toks[k].kind == Kind::Number
        || matches!(
            ctx.word(k),
            b"a" | b"an"
                | b"another"
                | b"their"
                | b"his"
                | b"her"
                | b"its"
                | b"our"
                | b"the"
        );
    // An adverb is no verb (`a previously missing voice`).
    opens
        && !(k + 1..s1.min(k + 12)).any(|j| {
            let w = ctx.tok(j);
            is_verb_aux(w)
                || is_modal(w.as_bytes())
                || (w.ends_with("ed") && toks[j].is_word())
        })
}

/// Where content `[a, b)` starts when a few words and a colon lead into
/// a quotation (`said with a smile: "Can happen when you're 45."`): at
/// the quotation, whose words were said; otherwise at `a`.
fn quote_after_colon(ctx: &Ctx<'_, '_>, a: usize, b: usize) -> usize {
    // The colon is one of `a + 1..end - 1`, the quotation opens after it:
    // the openings are found by the table's bits, and only the token
    // before each is read (each token read was 0.04M on prof 10).
    let end = b.saturating_sub(1).min(a + 8) + 1;
    let mut o = ctx.open_of.first_in(a + 2, end);
    while o < end {
        if ctx.pc(o - 1) == ':' {
            return o;
        }
        o = ctx.open_of.first_in(o + 1, end);
    }
    a
}

/// A number in figures or words up to ten: `one in four`, `6 in 10`.
fn is_count(ctx: &Ctx<'_, '_>, k: usize) -> bool {
    ctx.doc.tokens[k].kind == Kind::Number
        || any_case(
            ctx.tok(k),
            &[
                "one", "two", "three", "four", "five", "six", "seven",
                "eight", "nine", "ten",
            ],
        )
}

/// Where content from `a` ends, at `s1` at the latest: before a
/// conjunction or participle that opens a statement of its own, before an
/// occasion that closes the sentence (`in a statement on Thursday`), and,
/// when a subordinate clause that holds the cue opens at `s0` (the
/// sentence start or the word before the source: `Years after Bill
/// Clinton claimed A, Obama won`), at the comma before the main clause's
/// subject (`While his advisers have suggested A, Mr. Obama is ...`).
fn content_end(ctx: &Ctx<'_, '_>, s0: usize, a: usize, s1: usize) -> usize {
    let first = ctx.word(s0);
    let opens = [
        "after", "while", "though", "although", "when", "whereas", "because",
        "since", "if", "before", "until", "once", "unless",
    ]
    .iter()
    .any(|w| first.eq_ignore_ascii_case(w.as_bytes()));
    let toks = ctx.doc.tokens.as_slice();
    // The content's last dash (a dash before it is one of a pair), found
    // once and only when an appositive may follow one.
    let last_dash = std::cell::OnceCell::new();
    let last_dash = || {
        *last_dash.get_or_init(|| (a + 1..s1).rev().find(|&k| ctx.is_dash(k)))
    };
    // The content ends after a quotation's closing mark when a
    // participle follows a mark closed on its comma (`''I don't like
    // it,'' adding that B`, `"the best of both worlds," giving states
    // more power`: a second statement or the writer's), or a tag of the
    // quotation's own, a cue and then a name or pronoun (`— "why wouldn't
    // you ...?" asked Dunn`).
    let after_quote = |k: usize| {
        (ctx.tok(k + 1).ends_with("ing") && ctx.closes_on_comma(k))
            || (ctx.cue_at[k + 1]
                && k + 2 < s1
                && (ctx.name_lead[k + 2] != NONE
                    || is_subject_pronoun(ctx.word(k + 2))))
    };
    // `A said B and Democrats accused C`: a conjunction before a
    // statement with a subject and cue of its own.
    let subject_and_cue = |k: usize| {
        let m = ctx.name_lead[k + 1];
        let subj_end = if m != NONE {
            ctx.names[m as usize].tok_end
        } else if is_pronoun(ctx.word(k + 1)).is_some()
            || toks[k + 1].has(class::GROUP)
        {
            k + 2
        } else {
            // `and one in four said B`, `and others have said B`: a few
            // words, then `say` or `said`.
            (k + 2..s1.min(k + 6))
                .take_while(|&j| toks[j].is_word())
                .find(|&j| ctx.cue_at[j])
                .filter(|&j| {
                    matches!(ctx.word(j), b"said" | b"say" | b"says")
                        && toks[k + 1].is_word()
                })
                .unwrap_or(s1)
        };
        subj_end < s1 && ctx.cue_at[subj_end]
    };
    // `... families of terrorists — a controversial proposal he has
    // raised`, `..., a recommendation the minister adopted`: the writer's
    // appositive after a dash or comma, unless a second dash closes it
    // (`Shriver — a Kennedy — to replace`).
    let appositive = |k: usize, next: &[u8]| {
        matches!(next, b"a" | b"an" | b"another")
            && ctx.opens.next_at(k) as usize >= s1
            && last_dash().is_none_or(|d| d <= k)
    };
    // Only a word in `a` or `b`, a comma, a semicolon or a dash can end
    // the content (the first character tells, before the word is read:
    // this scan runs over every token of the content).
    let last = s1.saturating_sub(1);
    // The next closing mark, found by the table's bits.
    let mut close = ctx.close_of.first_in(a + 1, last);
    let mut k = a + 1;
    let next_statement = loop {
        if k >= last {
            break None;
        }
        // Past the tokens that can neither end the content nor close a
        // quotation (`close` is at `k` or after it), in a loop of a few
        // instructions a token.
        let stop = close.min(last);
        k += toks[k..stop]
            .iter()
            .position(|t| {
                matches!(t.ch, 'a' | 'b' | ';' | ',' | '—' | '–' | '―' | '-')
            })
            .unwrap_or(stop - k);
        if k >= last {
            break None;
        }
        if k == close {
            close = ctx.close_of.first_in(k + 1, last);
            if after_quote(k) {
                break Some(k + 1);
            }
        }
        let cut = match toks[k].ch {
            'a' | 'b' => {
                let w = ctx.word(k);
                matches!(w, b"and" | b"but")
                    && ((ctx.opens.next_at(k) as usize > k + 4
                        && subject_and_cue(k))
                        // `but pledged to B`, `and vowed to B`, `and adds
                        // that B`: a second statement of the same speaker
                        // (after `and`, a base form more often goes on
                        // with the first: `urged him to stop and
                        // apologize`).
                        || (ctx.cue_at[k + 1]
                            && (w == b"but" || {
                                let next = ctx.word(k + 1);
                                next.ends_with(b"ed") || next.ends_with(b"s")
                            })))
            }
            // A semicolon (with no quotation right after it).
            ';' => ctx.opens.next_at(k) as usize > k + 1,
            ',' => {
                let next = ctx.word(k + 1);
                // `24 percent said A, compared with 11 percent of B`: the
                // writer's comparison.
                next == b"compared"
                    // `, while B said C`
                    || (matches!(next, b"while" | b"whereas")
                        && k + 2 < s1
                        && (ctx.name_lead[k + 2] != NONE
                            || is_subject_pronoun(ctx.word(k + 2))
                            || toks[k + 2].kind == Kind::Number
                            || is_determiner(ctx.word(k + 2))))
                    || appositive(k, next)
                    // `... the cooperation of Bryan Pagliano, who worked
                    // on her campaign`: the writer's gloss on a person.
                    || (next == b"who" && ctx.opens.next_at(k) as usize >= s1)
                    // `, citing B`, `, tweeted that B`: a second statement
                    // of the same speaker.
                    || (ctx.cue_at[k + 1]
                        && (next.ends_with(b"ing")
                            || next.ends_with(b"ed")
                            || (matches!(next, b"said" | b"says" | b"told" | b"wrote")
                                && k + 2 < s1
                                && is_subject_pronoun(ctx.word(k + 2)))))
            }
            '—' | '–' | '―' | '-' => {
                ctx.is_dash(k) && appositive(k, ctx.word(k + 1))
            }
            _ => false,
        };
        if cut {
            break Some(k);
        }
        k += 1;
    };
    let s1 = next_statement.unwrap_or(s1);
    // `called for more investment in a statement on Thursday`: the
    // occasion closing the sentence is the attribution's, not the
    // statement's.
    let mut e = s1;
    while e > a && toks[e - 1].kind == Kind::Punct {
        e -= 1;
    }
    // (A phrase has three words at least: the last two tokens are not
    // read.)
    let mut phrase_starts =
        (a + 1).max(e.saturating_sub(10))..e.saturating_sub(2);
    let occasion = phrase_starts.find(|&k| {
        // (The first character and the length pass most words unread.)
        matches!(toks[k].ch, 'i' | 'a' | 'd')
            && matches!(toks[k].span().len(), 2 | 6)
            && matches!(ctx.word(k), b"in" | b"at" | b"during")
            && matches!(
                ctx.word(k + 1),
                b"a" | b"an" | b"his" | b"her" | b"their" | b"its" | b"the"
            )
            && e - k <= 10
            && (k..e).all(|j| toks[j].is_word())
            && (k + 2..(k + 5).min(e)).any(|j| {
                matches!(
                    ctx.word(j),
                    b"statement"
                        | b"interview"
                        | b"tweet"
                        | b"email"
                        | b"speech"
                        | b"briefing"
                        | b"conference"
                        | b"remarks"
                        | b"op-ed"
                        | b"podcast"
                )
            })
    });
    let s1 = occasion.unwrap_or(s1);
    if !opens {
        return s1;
    }
    let subject = |k: usize| {
        k < s1
            && (ctx.name_lead[k] != NONE
                || is_subject_pronoun(ctx.word(k))
                || matches!(ctx.word(k), b"the" | b"The"))
    };
    (a + 1..s1)
        .find(|&k| {
            ctx.is_comma(k)
                && ctx.opens.next_at(k) as usize > k + 1
                && subject(k + 1)
                && toks.get(k + 2).is_some_and(|t| t.is_word())
        })
        .unwrap_or(s1)
}

/// Whether the content at `k` can be what the cue reports: after `that`,
/// a colon or a quotation mark always; after a bare verb only when the
/// verb takes a clause and the content does not open with a preposition
/// (`spoke to reporters`, `responded to requests`).
fn takes_content(
    ctx: &Ctx<'_, '_>,
    cue: &CueHit,
    k: usize,
    s1: usize,
) -> bool {
    if k >= s1.min(ctx.n()) {
        return false;
    }
    if is_request(ctx, cue, k, s1) {
        return words_from(ctx, k, s1) >= 3;
    }
    // Quoted words in it: `hailed relations as having "never been
    // stronger"`. (Read off the table's bits: `next_at` counts the
    // values before `k`, 0.02M more on prof 10; `s1` is no later than
    // the sentence's end.)
    if ctx.opens.first_in(k, s1) < s1 {
        return true;
    }
    if k > cue.end {
        let p = ctx.word(k - 1);
        if p == b"that" || p == b":" {
            return true;
        }
    }
    // An indirect question: `asked whether the deal would hold`. `when`
    // and `where` open one only after a verb of asking or a negation
    // (`asked when`, `would not say when`); otherwise a time or place
    // (`said when she resigned`).
    let asks = || {
        let verb = &ctx.doc.text[cue.span];
        let negated = (cue.tok.saturating_sub(3)..cue.tok).any(|j| {
            matches!(
                ctx.word(j),
                b"not"
                    | b"n't"
                    | b"never"
                    | b"declined"
                    | b"refused"
                    | b"didn't"
                    | b"wouldn't"
                    | b"won't"
                    | b"couldn't"
            )
        });
        negated
            || ["ask", "wonder", "question", "inquir"]
                .iter()
                .any(|v| verb.starts_with(v))
    };
    match ctx.word(k) {
        b"whether" | b"if" | b"why" | b"how" | b"what" | b"who" | b"whom"
            if words_from(ctx, k, s1) >= 4 =>
        {
            return true;
        }
        b"when" | b"where" if !asks() => return false,
        b"when" | b"where" if words_from(ctx, k, s1) >= 4 => return true,
        _ => {}
    }
    // A bare clause has a few words at least (`reported the arrests` is
    // an object, not a clause), or a subject pronoun and an auxiliary
    // (`said it would appeal`).
    // `said Trump can win`: a name as the subject.
    let subj_end = if is_subject_pronoun(ctx.word(k)) {
        k + 1
    } else if ctx.name_lead[k] != NONE {
        ctx.names[ctx.name_lead[k] as usize].tok_end
    } else {
        s1
    };
    // `said he would.`: a pronoun and an auxiliary closing the sentence;
    // `says Trump can win`: a modal after the subject.
    let elliptic = subj_end == k + 1
        && subj_end < s1
        && is_aux(ctx.tok(subj_end))
        && (subj_end + 1..s1).all(|j| ctx.doc.tokens[j].kind == Kind::Punct);
    let short_clause = elliptic
        || subj_end + 1 < s1
            && ctx.doc.tokens[subj_end + 1].is_word()
            && (is_aux(ctx.tok(subj_end))
            || is_modal(ctx.word(subj_end))
            // `said she supported it`
            || (subj_end == k + 1
                && ctx.doc.tokens[subj_end].is_word()
                && ctx.word(subj_end).ends_with(b"ed")));
    if !cue.clause || (words_from(ctx, k, s1) < 4 && !short_clause) {
        return false;
    }
    // `maintained their lead`, `claimed the prize`, `declared victory`:
    // verbs that as often take a noun phrase.
    let verb = &ctx.doc.text[cue.span];
    if [
        "maintain", "claim", "declar", "spoke", "went", "wrote", "add",
    ]
    .iter()
    .any(|v| verb.starts_with(v))
        // `spoke of her early talks`: the topic, which counts.
        && !verb.ends_with(" of")
        && !verb.ends_with(" about")
        && is_noun_phrase(ctx, k, s1)
    {
        return false;
    }
    let w = ctx.word(k);
    // `pledged to reach at U.N. climate talks`: the period of an
    // abbreviation the cue's object ended with.
    if matches!(w, b"." | b"!" | b"?") {
        return false;
    }
    // `..., saying`: a participle cue starts a clause of its own; a
    // gerund may start the content (`said having Trump on the ticket
    // hurts`).
    // After a comma a participle is the writer's (`he said, wiping sweat
    // off his face`), unless an auxiliary makes it a gerund subject (`he
    // said, replacing her would be ...`); `including` goes on with a list.
    let adjunct = || {
        ctx.is_comma(k - 1)
            && w != b"including"
            && !(k + 1..s1.min(k + 10))
                .take_while(|&j| ctx.doc.tokens[j].is_word())
                .any(|j| is_aux(ctx.tok(j)))
    };
    let participle = w.ends_with(b"ing")
        && ctx.doc.tokens[k].is_word()
        && !ctx.doc.tokens[k].is_cap_word()
        && (ctx.cue_at[k] || adjunct());
    // `said no to the plan`, `said no.`; but `said no decision had been
    // made`.
    let refusal = w == b"no"
        && (k + 1 >= s1
            || ctx.doc.tokens[k + 1].kind == Kind::Punct
            || ctx.word(k + 1) == b"to");
    !participle
        && !refusal
        && !matches!(
            w,
            b"to"
                | b"about"
                | b"at"
                | b"in"
                | b"on"
                | b"with"
                | b"for"
                | b"of"
                | b"from"
                | b"by"
                | b"during"
                | b"before"
                | b"after"
                | b"into"
                | b"over"
                | b"as"
                | b"so"
                | b"and"
                | b"or"
                | b"but"
                | b"nothing"
                | b"anything"
                | b"something"
                | b"otherwise"
                | b"yes"
                | b"goodbye"
                | b"hello"
                | b"sorry"
                | b"thanks"
                | b"later"
                | b"earlier"
                | b"also"
                | b"repeatedly"
                | b"publicly"
                | b"privately"
                | b"then"
                | b"again"
        )
}

/// How many words stand in `[k, s1)`, counting up to four.
fn words_from(ctx: &Ctx<'_, '_>, k: usize, s1: usize) -> usize {
    ctx.doc.tokens[k..s1.max(k)]
        .iter()
        .filter(|t| t.is_word())
        .take(4)
        .count()
}

/// Where the question or request after an ask-verb starts: the first
/// `whether`, `if`, `why`, ... (or `about`, or `to` after an object)
/// within a few words and no punctuation of token `k`.
fn question_after(ctx: &Ctx<'_, '_>, k: usize, s1: usize) -> Option<usize> {
    (k..s1.min(k + 9))
        .take_while(|&j| ctx.doc.tokens[j].kind != Kind::Punct)
        .find(|&j| match ctx.word(j) {
            b"whether" | b"if" | b"why" | b"how" | b"what" | b"when"
            | b"who" | b"whom" | b"which" => true,
            b"about" => j == k || !ctx.doc.tokens[j - 1].is_word(),
            b"to" => j > k && ctx.word(j - 1) != b"according",
            _ => false,
        })
}

/// A request from token `k` on: `asked the court to block the rules`,
/// `told Jeb Bush to quiet down`.
fn is_request(ctx: &Ctx<'_, '_>, cue: &CueHit, k: usize, s1: usize) -> bool {
    // (The first character passes most cues unread: this runs twice a
    // cue.)
    if !matches!(ctx.doc.tokens[cue.tok].ch, 'a' | 't') {
        return false;
    }
    let verb = ctx.word(cue.tok);
    if verb.starts_with(b"ask") {
        return question_after(ctx, k, s1)
            .is_some_and(|j| ctx.word(j) == b"to");
    }
    if k >= s1 || !matches!(verb, b"told" | b"tell" | b"tells" | b"telling") {
        return false;
    }
    let np = skip_np(ctx, k, s1);
    np > k && np < s1 && ctx.word(np) == b"to"
}

/// Whether the clause `[a, b)` before a source is an adjunct of the
/// sentence (`In a statement, NAME said`) rather than a statement.
fn adjunct_led(ctx: &Ctx<'_, '_>, a: usize, b: usize) -> bool {
    if a >= b || ctx.open_of[a] != NONE {
        return false;
    }
    let mut a = a;
    // `And in recent months, ...`
    if a + 1 < b && matches!(ctx.word(a), b"And" | b"But" | b"Yet" | b"So") {
        a += 1;
    }
    let w = ctx.tok(a);
    // `Giving a speech in Toledo, Clinton said ...`
    let participle = w.len() > 5 && w.ends_with("ing");
    // `Two hours after his first tweet, ...`, `Less than 30 minutes
    // later, ...`, `Six months ago, ...`: a span of time before `after`,
    // `later`, `ago` or `earlier`.
    let span_of_time = || {
        let lim = b.min(a + 6);
        // (`Minutes after the vote began, ...`: the unit may lead.)
        (a..lim).any(|k| {
            let w = ctx.word(k);
            TIME_UNITS.iter().any(|u| w.eq_ignore_ascii_case(u))
        }) && (a..lim).any(|k| {
            matches!(
                ctx.word(k),
                b"after" | b"later" | b"ago" | b"earlier" | b"before"
            )
        })
    };
    // Any case: `But despite the kind words, ...`.
    participle
        || ctx.doc.tokens[a].has(class::CALENDAR)
        || ADJUNCT_OPENERS.iter().any(|o| o.eq_ignore_ascii_case(w))
        || span_of_time()
}

/// Units of a span of time (`Two hours after ...`), compared without case.
const TIME_UNITS: &[&[u8]] = &[
    b"seconds", b"minutes", b"hours", b"days", b"weeks", b"months", b"years",
    b"moments", b"minute", b"hour", b"day", b"week", b"month", b"year",
];

/// Words that open an adjunct before the main clause (`In a statement,
/// NAME said`), compared without case.
const ADJUNCT_OPENERS: &[&str] = &[
    "In",
    "Shortly",
    "Within",
    "Throughout",
    "Toward",
    "Towards",
    "Amid",
    "Until",
    "On",
    "At",
    "During",
    "After",
    "Before",
    "Since",
    "When",
    "While",
    "Speaking",
    "Asked",
    "Earlier",
    "Later",
    "Meanwhile",
    "However",
    "Also",
    "Still",
    "Instead",
    "Separately",
    "Today",
    "Yesterday",
    "Last",
    "This",
    "Despite",
    "Although",
    "Though",
    "Following",
    "Addressing",
    "Writing",
    "For",
    "With",
    "Without",
    "Under",
    "Like",
    "Unlike",
    "As",
    "If",
    "Because",
    "Now",
    "Then",
    "Here",
    "There",
    "Responding",
    "Referring",
    "Pressed",
    "Interviewed",
    "Reached",
    "Contacted",
    "Back",
    "Once",
    "Along",
    "Based",
    "Should",
    "Even",
    "Testifying",
    "Appearing",
];

/// Whether the words at `k` go on with a statement interrupted by its
/// speech tag (`Climate change, he says, is the threat`), rather than
/// adding a clause of their own (`..., he said, adding that ...`).
fn continues(ctx: &Ctx<'_, '_>, k: usize) -> bool {
    if ctx.open_of[k] != NONE {
        return true;
    }
    let t = &ctx.doc.tokens[k];
    if !t.is_word() || t.is_cap_word() {
        return false;
    }
    let w = ctx.tok(k);
    !(t.has(class::CUE)
        || w.ends_with("ing")
        || matches!(
            w,
            "which"
                | "who"
                | "as"
                | "while"
                | "although"
                | "though"
                | "or"
                | "in"
                | "on"
                | "at"
                | "after"
                | "before"
                | "when"
                | "where"
                | "noting"
                | "according"
        ))
}

/// The first token of the content after a cue: past its particle, the
/// hearer (`told reporters`), the occasion (`in a statement on Monday`),
/// a comma or colon and a complementiser `that`.
fn after_cue(
    ctx: &Ctx<'_, '_>,
    cue: &CueHit,
    cue_word: &[u8],
    s1: usize,
) -> usize {
    let toks = &ctx.doc.tokens;
    let mut k = cue.end;
    // `asked workers if they planned`, `asked the network to donate`:
    // the question or request after the hearer.
    // A request keeps its object (`asked the court to block the rules`).
    if is_request(ctx, cue, k, s1) {
        return k;
    }
    // `joked of the museum, "..."`: its topic, then the quotation.
    if k < s1 && ctx.word(k) == b"of" {
        let comma = (k + 1..s1.min(k + 8))
            .take_while(|&j| toks[j].is_word() || ctx.is_comma(j))
            .find(|&j| ctx.is_comma(j));
        if let Some(j) =
            comma.filter(|&j| j + 1 < s1 && ctx.open_of[j + 1] != NONE)
        {
            return j + 1;
        }
    }
    if cue_word.starts_with(b"ask") {
        if let Some(j) = question_after(ctx, k, s1) {
            return j;
        }
    }
    if takes_hearer(cue_word) && k < s1 {
        // `told reporters that`: find `that` nearby first.
        let that = (k..s1.min(k + 10)).find(|&j| {
            ctx.word(j) == b"that"
                || ctx.is_comma(j)
                || ctx.open_of[j] != NONE
                || ctx.pc(j) == ':'
        });
        match that {
            Some(j) if ctx.word(j) == b"that" => return j + 1,
            _ => {
                k = skip_np(ctx, k, s1);
            }
        }
    }
    if let Some(j) = manner_then_that(ctx, k, s1) {
        return j;
    }
    // `wrote on social media that ...`: a phrase, then `that`.
    if k < s1
        && (opens_occasion(ctx.word(k))
            || matches!(ctx.word(k), b"earlier" | b"later"))
    {
        let that = (k + 1..s1.min(k + 10))
            .take_while(|&j| toks[j].kind != Kind::Punct || ctx.is_comma(j))
            .find(|&j| ctx.word(j) == b"that");
        // The phrase names an occasion, a time or a name; otherwise the
        // `that` is a relative pronoun (`spoke in a cottage on a base
        // that overlooks the bay`).
        let occasion = |j: usize| {
            (k + 1..j).any(|x| {
                let w = ctx.word(x);
                is_occasion(w)
                    || is_time_word(ctx, x)
                    || toks[x].kind == Kind::Number
                    || ctx.name_end[x] != NONE
                    || w == b"media"
            })
        };
        if let Some(j) = that.filter(|&j| occasion(j)) {
            return j + 1;
        }
    }
    // Occasions and times, a few rounds: `on Monday`, `in a statement`,
    // `at a news conference in Geneva`.
    for _ in 0..4 {
        if k >= s1 {
            break;
        }
        let w = ctx.word(k);
        if toks[k].is_word() && is_time_word(ctx, k) {
            k += 1;
            continue;
        }
        if opens_occasion(w) || matches!(w, b"late" | b"early") {
            // The phrase runs to a time or occasion word within a few
            // tokens.
            let lim = s1.min(k + 8);
            let hit = (k + 1..lim).find(|&j| {
                is_occasion(ctx.word(j))
                    || is_time_word(ctx, j)
                    || toks[j].kind == Kind::Number
                    || ctx.name_end[j] != NONE && matches!(w, b"to" | b"on")
            });
            let blocked = |j: usize| {
                (k + 1..=j).any(|x| {
                    toks[x].kind == Kind::Punct || ctx.word(x) == b"that"
                })
            };
            match hit {
                Some(j) if !blocked(j) => {
                    k = j + 1;
                    // `with CNN's Wolf Blitzer`, `in Geneva`
                    if k < s1
                        && matches!(
                            ctx.word(k),
                            b"with" | b"on" | b"in" | b"to" | b"at"
                        )
                    {
                        let m = ctx.name_lead[(k + 1).min(s1 - 1)];
                        if m != NONE {
                            k = ctx.names[m as usize].tok_end;
                        }
                    }
                    continue;
                }
                // `said after the convention he would`: a phrase of a
                // few words, then a subject pronoun and its verb.
                _ => {
                    let subject = (k + 2..s1.min(k + 7))
                        .take_while(|&j| toks[j].is_word())
                        .find(|&j| {
                            is_subject_pronoun(ctx.word(j))
                                && toks.get(j + 1).is_some_and(|t| t.is_word())
                        });
                    if let Some(j) = subject {
                        k = j;
                    }
                    break;
                }
            }
        }
        break;
    }
    while k < s1 && (ctx.is_comma(k) || ctx.pc(k) == ':') {
        k += 1;
    }
    if k < s1 && is_complementiser(ctx, k, s1) {
        k += 1;
    }
    k
}

/// After `noted repeatedly that`, `said for the first time that`,
/// `testified, for example, that`: a word or phrase of manner between the
/// cue at `k` and a complementiser `that`, the token after the `that`.
fn manner_then_that(ctx: &Ctx<'_, '_>, k: usize, s1: usize) -> Option<usize> {
    let words = |j: usize, ws: &[&[u8]]| {
        j + ws.len() <= s1
            && ws
                .iter()
                .enumerate()
                .all(|(i, w)| w.is_empty() || ctx.word(j + i) == *w)
    };
    let mut j = k;
    while j < s1 && ctx.is_comma(j) {
        j += 1;
    }
    j += if j < s1 && ctx.doc.tokens[j].is_word() && is_adverb(ctx.tok(j)) {
        1
    } else if words(j, &[b"for", b"the", b"", b"time"]) {
        4
    } else if words(j, &[b"for", b"example"])
        || words(j, &[b"for", b"instance"])
    {
        2
    } else {
        return None;
    };
    while j < s1 && ctx.is_comma(j) {
        j += 1;
    }
    (j < s1 && is_complementiser(ctx, j, s1)).then_some(j + 1)
}

/// The words that open a phrase of occasion or time after a cue (`on
/// Monday`, `in a statement`, `during a debate`).
fn opens_occasion(w: &[u8]) -> bool {
    matches!(
        w,
        b"on"
            | b"in"
            | b"at"
            | b"during"
            | b"via"
            | b"to"
            | b"after"
            | b"before"
            | b"while"
            | b"from"
            | b"over"
            | b"last"
            | b"this"
    )
}

/// Whether `that` stands at token `k` (before `end`) as a complementiser,
/// not as the subject of `said that is a distortion`.
fn is_complementiser(ctx: &Ctx<'_, '_>, k: usize, end: usize) -> bool {
    // (The first character passes most words unread.)
    ctx.doc.tokens[k].ch == 't'
        && ctx.word(k) == b"that"
        && k + 1 < end
        && !is_aux(ctx.tok(k + 1))
}

/// Skips one noun phrase at `k` (the hearer of `told`).
fn skip_np(ctx: &Ctx<'_, '_>, k: usize, s1: usize) -> usize {
    let toks = &ctx.doc.tokens;
    let m = ctx.name_lead[k];
    if m != NONE {
        return ctx.names[m as usize].tok_end.min(s1);
    }
    let w = ctx.tok(k);
    if matches!(
        w,
        "him"
            | "her"
            | "them"
            | "me"
            | "us"
            | "reporters"
            | "journalists"
            | "supporters"
            | "lawmakers"
            | "viewers"
            | "listeners"
            | "students"
            | "members"
    ) {
        return k + 1;
    }
    if is_determiner(w.as_bytes()) && k + 1 < s1 {
        let m = ctx.name_lead[k + 1];
        if m != NONE {
            return ctx.names[m as usize].tok_end.min(s1);
        }
        if toks[k + 1].is_word() {
            return k + 2;
        }
    }
    k
}

/// Emits the content `[a, b)` as a quote, of the kind its quotation marks
/// make it.
#[allow(clippy::too_many_arguments)]
fn emit(
    ctx: &Ctx<'_, '_>,
    a: usize,
    b: usize,
    cue: Cue,
    src: Option<Source>,
    sieve: &'static str,
    used: &mut [bool],
    out: &mut Vec<Raw>,
) {
    let (a, b) = trim(ctx, a, b);
    if a >= b {
        return;
    }
    let span = ctx.span(a, b);
    let sent = ctx.sentence_of(a);
    let para = ctx.doc.sentences[sent].para as u32;
    let sent = sent as u32;
    // A shared subject stands before the statement it shares; the new
    // statement's clause begins at its cue (`... and warned that`).
    let anchor = match &src {
        Some(s) if sieve != "shared-subject" => {
            s.span.start.min(cue.span.start)
        }
        _ => cue.span.start,
    };
    // A quotation opening the content and covering it is direct; so is
    // the last paragraph of a quotation over several, which opens with
    // a reopening mark.
    // The first quotation opening at or after the content's start (found
    // once, for both uses below).
    let first_at =
        || ctx.quotes.partition_point(|q| q.open.start < span.start);
    let mut first = None;
    let mut q = ctx.open_of[a];
    if q == NONE {
        let c = *first.insert(first_at());
        if let Some(qu) = c.checked_sub(1).map(|c| &ctx.quotes[c]) {
            if qu.paragraphs > 1
                && qu.content.contains(Span::new(span.start, span.start))
            {
                q = (c - 1) as u32;
            }
        }
    }
    if q != NONE {
        let qu = &ctx.quotes[q as usize];
        let covers = match qu.close {
            None => true,
            Some(c) => {
                c.end >= span.end || {
                    let tail = &ctx.doc.text[c.end..span.end];
                    tail.chars().all(|ch| !ch.is_alphanumeric())
                }
            }
        };
        if covers {
            used[q as usize] = true;
            out.push(Raw {
                span: qu.content,
                kind: QuoteKind::Direct,
                cue: Some(cue),
                source: src,
                inherit: None,
                sieve,
                fragments: Vec::new(),
                para,
                anchor,
                sent,
                seq: out.len() as u32,
            });
            return;
        }
    }
    // Quotations inside the content are fragments of a mixed quote.
    let first = first.unwrap_or_else(first_at);
    let mut fragments = Vec::new();
    for (i, q) in ctx.quotes[first..].iter().enumerate() {
        if q.open.start >= span.end {
            break;
        }
        used[first + i] = true;
        fragments.push(q.content);
    }
    // A split statement's first part may be one word (`Survival, NAME
    // says, depends on ...`), but not a bare conjunction (`But, he said,
    // ...`). (Train: 13 hits, 1 false alarm.)
    let part = sieve == "split"
        && !matches!(ctx.word(a), b"And" | b"But" | b"Or" | b"So" | b"Yet");
    if fragments.is_empty() && !part && !is_statement_like(ctx, a, b) {
        return;
    }
    let kind = if fragments.is_empty() {
        QuoteKind::Indirect
    } else {
        QuoteKind::Mixed
    };
    let end = fragments
        .last()
        .map_or(span.end, |f: &Span| f.end.max(span.end));
    out.push(Raw {
        span: Span::new(span.start, end),
        kind,
        cue: Some(cue),
        source: src,
        inherit: None,
        sieve,
        fragments,
        para,
        anchor,
        sent,
        seq: out.len() as u32,
    });
}

/// Reported content has at least a few words.
fn is_statement_like(ctx: &Ctx<'_, '_>, a: usize, b: usize) -> bool {
    // (Read up to the second word only.)
    (a..b)
        .filter(|&k| ctx.doc.tokens[k].is_word())
        .nth(1)
        .is_some()
}

/// Words before a quotation that make it a title or a word as such.
fn is_naming_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"titled"
            | b"entitled"
            | b"headlined"
            | b"called"
            | b"dubbed"
            | b"named"
            | b"nicknamed"
            | b"so-called"
            | b"word"
            | b"term"
            | b"phrase"
            | b"slogan"
            | b"label"
            | b"as"
            | b"known"
            | b"hashtag"
            | b"song"
            | b"book"
            | b"film"
            | b"album"
            | b"show"
            | b"motto"
    )
}

/// Whether the quotation opening at token `open` is named rather than
/// quoted: `a report titled "A Fair Deal"`, `the so-called "reform"`.
fn is_title(doc: &Doc<'_>, open: usize) -> bool {
    open > 0
        && doc.tokens[open - 1].is_word()
        && is_naming_word(doc.tok(open - 1).as_bytes())
}

/// The number of words of `text`, as `split_whitespace` finds them, up
/// to `max`; without its machinery, which cost more than the test.
fn count_words(text: &str, max: usize) -> usize {
    let bytes = text.as_bytes();
    let mut words = 0;
    // 0x80 when the byte before `i` is a space (or `i` is 0), else 0: as
    // `word_starts` takes it.
    let mut carry = 0x80;
    let mut i = 0;
    let load = |i: usize| {
        bytes
            .get(i..i + 8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
    };
    while i < bytes.len() {
        // Sixteen ASCII bytes at once, or eight near the end, their word
        // starts summed in one multiply (sixteen at a time: 0.03M less on
        // prof 10 than eight).
        if let (Some(x), Some(y)) = (load(i), load(i + 8)) {
            if (x | y) & HIGH == 0 {
                let (a, c) = word_starts(x, carry);
                let (b, c) = word_starts(y, c);
                carry = c;
                words += ((a + b).wrapping_mul(ONES) >> 56) as usize;
                if words >= max {
                    return max;
                }
                i += 16;
                continue;
            }
        }
        if let Some(x) = load(i).filter(|x| x & HIGH == 0) {
            let (a, c) = word_starts(x, carry);
            carry = c;
            words += (a.wrapping_mul(ONES) >> 56) as usize;
            if words >= max {
                return max;
            }
            i += 8;
            continue;
        }
        // Otherwise a character at a time.
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        if c.is_whitespace() {
            carry = 0x80;
        } else if carry != 0 {
            carry = 0;
            words += 1;
            if words == max {
                break;
            }
        }
    }
    words
}

/// The words that start in eight ASCII bytes `x`, given `carry` (0x80
/// when the byte before them is a space, else 0): a one in the low bit
/// of each byte where one starts (a byte that is no space after one that
/// is), and the carry for the eight bytes after them.
#[inline]
fn word_starts(x: u64, carry: u64) -> (u64, u64) {
    let space = bytes_equal(x, b' ')
        | (bytes_below(x, b'\r' + 1) & !bytes_below(x, b'\t'));
    let before = space << 8 | carry;
    ((!space & HIGH & before) >> 7, space >> 56)
}

/// Whether an unattributed quotation reads as speech: a sentence or
/// more, not a scare quote, title or name.
fn reads_as_speech(ctx: &Ctx<'_, '_>, qi: usize) -> bool {
    let q = &ctx.quotes[qi];
    let text = &ctx.doc.text[q.content];
    // Counted only as far as the tests below look: a long quotation
    // would otherwise be read word by word.
    let words = count_words(text, 13);
    let open = ctx.open_tok(qi);
    if is_title(ctx.doc, open) {
        return false;
    }
    // Thirteen words or more are speech (`words >= 8`) and no title case
    // (at most 12 words): the tests below are spared for the long
    // quotations most are (0.04M on prof 10).
    if words >= 13 {
        return true;
    }
    let last = text.trim_end().chars().last();
    let ends_sentence = last.is_some_and(|c| is_terminal(c) || c == ',');
    let starts_cap = text.chars().next().is_some_and(char::is_uppercase);
    let at_start = open == 0 || {
        let p = &ctx.doc.tokens[open - 1];
        p.kind == Kind::Punct
            && matches!(ctx.pc(open - 1), ':' | '.' | '(' | '—')
            || ctx.doc.tokens[open].is(crate::text::SENT_START)
    };
    // A sentence of its own, however short (`"Big time."`).
    let whole = last.is_some_and(|c| matches!(c, '.' | '!' | '?'));
    let speech = (words >= 4 && ends_sentence && starts_cap)
        || (at_start && (words >= 3 || whole) && starts_cap)
        || words >= 8;
    // (Read last, and only where it decides.)
    speech && !title_case(text, words)
}

/// Whether the quoted `text` of `words` words (counted up to 13) is in
/// title case, a title or headline (`The Steve Harvey Morning Show`, `All
/// Bets Are Off.`) rather than speech: every word capitalised but the
/// short ones; the first is no evidence (`This is all me.`).
fn title_case(text: &str, words: usize) -> bool {
    // Titles keep short prepositions in lower case (`Midday with Charlie
    // Sykes`).
    let mut long = text
        .split_whitespace()
        .skip(1)
        .filter(|w| w.len() > 3 && !matches!(*w, "with" | "from" | "into"));
    (2..=12).contains(&words)
        && long.clone().next().is_some()
        && long.all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()))
}

/// The sieves for quotations no cue frame took: adds their statements
/// to the frames' (`out`, sorted, without overlaps), dropping the frames'
/// that overlap them. `direct` is a buffer to use, handed back emptied.
fn direct_sieves(
    ctx: &Ctx<'_, '_>,
    used: &[bool],
    out: &mut Vec<Raw>,
    lead_in: &LeadIns,
    direct: Vec<(usize, Raw)>,
) -> Vec<(usize, Raw)> {
    let doc = ctx.doc;
    let mut list = Listing {
        out,
        kept: 0,
        next: 0,
        direct,
        last_end: None,
        last_spoken: None,
    };
    for (qi, q) in ctx.quotes.iter().enumerate() {
        // Statements found by frames before this quotation come first.
        list.take_frames(q.open.start);
        if used[qi] {
            continue;
        }
        if list.last_end.is_some_and(|e| e > q.content.start) {
            continue;
        }
        let open = ctx.open_tok(qi);
        if open >= doc.tokens.len() {
            continue;
        }
        let si = ctx.sentence_of(open);
        let para_i = doc.sentences.get(si).map_or(0, |s| s.para);
        let para = &doc.paragraphs[para_i];
        if para.aside || is_cited_text(ctx, qi, open, para) {
            continue;
        }
        let mut raw = Raw {
            span: q.content,
            kind: QuoteKind::Direct,
            cue: None,
            source: None,
            inherit: None,
            sieve: "none",
            fragments: Vec::new(),
            para: para_i as u32,
            anchor: q.open.start,
            sent: si as u32,
            seq: 0,
        };
        // `"Q" — NAME`
        if q.close.is_some() {
            let after = ctx.after_close(qi);
            if after + 1 < doc.tokens.len() && ctx.is_dash(after) {
                if let Some(src) =
                    ctx.source_after(after + 1, doc.tokens.len())
                {
                    if matches!(src.kind, SrcKind::Name(_)) {
                        raw.source = Some(src);
                        raw.sieve = "dash";
                    }
                }
            }
        }
        // `NAME put it bluntly: "Q"`
        if !raw.has_speaker() && open > 0 && ctx.pc(open - 1) == ':' {
            let s0 = ctx.sentence_start(si);
            let src = ctx.subject(s0, open);
            if let Some(src) = src {
                raw.source = Some(src);
                raw.sieve = "colon";
            }
        }
        if !raw.has_speaker() {
            // The last statement of this paragraph, or of the one before
            // when this paragraph opens with the quotation.
            let prev = list.last_spoken;
            let opens_para = open == para.tok_start;
            if let Some((p, p_para, p_cue)) = prev {
                if p_para == para_i {
                    raw.inherit = Some(p as u32);
                    raw.cue = p_cue;
                    raw.sieve = "same-paragraph";
                } else if opens_para
                    && para_i > 0
                    && previous_story_para(doc, para_i) == Some(p_para)
                {
                    raw.inherit = Some(p as u32);
                    raw.sieve = "previous-paragraph";
                }
            }
            if !raw.has_speaker() && opens_para {
                if let Some(pp) = previous_story_para(doc, para_i) {
                    if let Some((src, cue)) = lead_in.get(pp) {
                        raw.source = Some(src.clone());
                        raw.cue = Some(cue);
                        raw.sieve = "colon";
                    }
                }
            }
        }
        // `Kovač went further. "Twelve years ..."`: the one person named
        // in the sentence just before, when it has no quotation.
        if !raw.has_speaker() {
            if let Some(src) = previous_sentence_subject(ctx, open, si) {
                raw.source = Some(src);
                raw.sieve = "previous-sentence";
            }
        }
        // Unattributed, an unclosed quotation is too unsure to report.
        if !raw.has_speaker()
            && (q.close.is_none() || !reads_as_speech(ctx, qi))
        {
            continue;
        }
        // A continuation may be long and still no speech: a title
        // (`said on ABC's "This Week With George Stephanopoulos."`).
        if raw.inherit.is_some()
            && !reads_as_speech(ctx, qi)
            && (q.content.len() < 25 || {
                let text = &doc.text[q.content];
                title_case(text, count_words(text, 13))
            })
        {
            continue;
        }
        list.push_direct(raw);
    }
    list.take_frames(usize::MAX);
    list.merge()
}

/// The statements of [`direct_sieves`] in text order, as a list made of
/// the frames' statements kept so far, `out[..kept]`, compacted in place
/// (`out[kept..next]` are dropped), and `direct`, the sieves' own, each
/// with the number of frames' before it. The two are merged at the end:
/// a second list of all the statements would double their memory.
struct Listing<'o> {
    out: &'o mut Vec<Raw>,
    kept: usize,
    next: usize,
    direct: Vec<(usize, Raw)>,
    /// Where the last statement of the list ends.
    last_end: Option<usize>,
    /// The last statement with a speaker: its place in the list, its
    /// paragraph and its cue (a search back per quotation would be
    /// quadratic).
    last_spoken: Option<(usize, usize, Option<Cue>)>,
}

impl Listing<'_> {
    /// Lists the frames' statements that start before `at`, unless they
    /// overlap the last of the list.
    fn take_frames(&mut self, at: usize) {
        while self.next < self.out.len() && self.out[self.next].span.start < at
        {
            let r = &self.out[self.next];
            if self.last_end.is_none_or(|e| e <= r.span.start) {
                if r.has_speaker() {
                    let place = self.kept + self.direct.len();
                    self.last_spoken = Some((place, r.para as usize, r.cue));
                }
                self.last_end = Some(r.span.end);
                if self.kept != self.next {
                    self.out.swap(self.kept, self.next);
                }
                self.kept += 1;
            }
            self.next += 1;
        }
    }

    fn push_direct(&mut self, r: Raw) {
        if r.has_speaker() {
            let place = self.kept + self.direct.len();
            self.last_spoken = Some((place, r.para as usize, r.cue));
        }
        self.last_end = Some(r.span.end);
        self.direct.push((self.kept, r));
    }

    /// Puts each of `direct` into `out` before the frames' statement its
    /// number says, in one pass from the back; returns the emptied
    /// `direct`.
    fn merge(mut self) -> Vec<(usize, Raw)> {
        let out = self.out;
        out.truncate(self.kept);
        out.resize_with(self.kept + self.direct.len(), Raw::placeholder);
        // `out[..i]` are the frames' still to place.
        let mut i = self.kept;
        for k in (0..out.len()).rev() {
            match self.direct.last() {
                Some(&(before, _)) if before == i => {
                    if let Some((_, r)) = self.direct.pop() {
                        out[k] = r;
                    }
                }
                Some(_) => {
                    i -= 1;
                    out.swap(i, k);
                }
                // The frames' before the first of `direct` are in place
                // (`i == k + 1`): a swap of each with itself copied it
                // three times.
                None => break,
            }
        }
        self.direct
    }
}

/// Whether quotation `qi` (opening at token `open`, in paragraph `para`)
/// is cited text rather than speech: a headline with its byline (`"Met
/// accused of whitewashing," by Post's Kathianne Boniello`), an excerpt
/// followed by its link, or a subheading: a short paragraph that is only
/// a quotation in single marks, the headline style for quoted words.
fn is_cited_text(
    ctx: &Ctx<'_, '_>,
    qi: usize,
    open: usize,
    para: &Paragraph,
) -> bool {
    let q = &ctx.quotes[qi];
    let Some(close) = q.close else {
        return false;
    };
    let after = ctx.after_close(qi);
    let rest = ctx.doc.text[close.end..].trim_start();
    if (after < ctx.n() && ctx.word(after) == b"by")
        || rest.starts_with("http://")
        || rest.starts_with("https://")
    {
        return true;
    }
    q.family == MarkFamily::Single
        && q.paragraphs == 1
        && open == para.tok_start
        && (after..para.tok_end).all(|k| ctx.doc.tokens[k].kind == Kind::Punct)
        && count_words(&ctx.doc.text[q.content], 7) <= 6
}

/// The only person named in the sentence before `si`, the one that token
/// `open` starts, when that sentence holds no quotation and lies in the
/// same story paragraph or closes the story paragraph before.
fn previous_sentence_subject(
    ctx: &Ctx<'_, '_>,
    open: usize,
    si: usize,
) -> Option<Source> {
    let doc = ctx.doc;
    if si == 0 || ctx.sentence_start(si) != open {
        return None;
    }
    let prev = &doc.sentences[si - 1];
    let para = doc.sentences[si].para;
    if prev.para != para && previous_story_para(doc, para) != Some(prev.para) {
        return None;
    }
    if prev.end - prev.start > MAX_CONTENT {
        return None;
    }
    let mut found: Option<usize> = None;
    for k in prev.start..prev.end {
        if ctx.open_of[k] != NONE {
            return None;
        }
        let m = ctx.name_lead[k];
        if m == NONE {
            continue;
        }
        let name = &ctx.names[m as usize];
        if name.kind == NameKind::Org || name.possessive {
            continue;
        }
        match found {
            Some(f) if doc.text[ctx.names[f].span] != doc.text[name.span] => {
                return None;
            }
            _ => found = Some(m as usize),
        }
    }
    let m = found?;
    ctx.name_source(m, ctx.names[m].tok_end)
}

/// The story paragraph before `p`, skipping captions and bylines.
fn previous_story_para(doc: &Doc<'_>, p: usize) -> Option<usize> {
    (0..p).rev().find(|&i| !doc.paragraphs[i].aside)
}

#[cfg(test)]
mod tests {
    use crate::lexicon::{class, Lexicons};

    /// The sieves ask the tokens' class bits where they asked the
    /// lexicons: every token must answer the same.
    #[test]
    fn class_bits_answer_as_the_lexicons() {
        let lex = Lexicons::default_lexicons();
        let text = concat!(
            include_str!("../examples/sample_article.txt"),
            " The Officials, 3rd spokesman's 2016 1,000 ½ & &amp; — said ",
            "Monday March may Vice-President fiancée chairwoman says"
        );
        let doc = crate::text::segment(text, &lex);
        for (i, t) in doc.tokens.iter().enumerate() {
            let w = doc.tok(i);
            let lists = [
                (class::ROLE, lex.roles.contains(w)),
                (class::GROUP, lex.groups.contains(w)),
                (class::ORG_HEAD, lex.org_heads.contains(w)),
                (class::CALENDAR, lex.calendar.contains(w)),
                (class::STOP, lex.stopwords.contains(w)),
                (class::CUE, lex.cues.get(w).is_some()),
            ];
            for (bit, listed) in lists {
                assert_eq!(t.has(bit), listed, "{w:?} {bit}");
            }
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_finds_them() {
        let texts = [
            "",
            "  ",
            "one",
            " We will\twin,\n she\u{a0}said. ",
            "a\u{2003}b\u{3000}c\u{85}d  e",
            "é ü — “x”",
            "eight by  eight\x0b\x0cbytes\r\nat\x1c\x1fa time, or not",
            "twelve words of plain ASCII run on past a chunk or two here",
            "sixteen byte runs: aaaaaaaaaaaaaaa bbbbbbbbbbbbbbbb  c dd\u{2003}ee f",
            "don’t stop\u{2009}now,\u{a0}seven  words\u{3000}here x",
            "\u{1680}a\u{2028}b\u{2029}c\u{202f}d\u{205f}e\u{200b}f\u{85}g",
        ];
        for t in texts {
            let all = t.split_whitespace().count();
            for max in 1..14 {
                assert_eq!(super::count_words(t, max), all.min(max), "{t:?}");
            }
        }
    }
}
