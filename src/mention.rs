//! Mentions: names of people and organisations found in capitalised runs,
//! with the affiliation read where each name stands.
//!
//! A name is a run of capitalised words with the glue names carry
//! (particles, initials, hyphens, apostrophes), vetted by the lexicons:
//! honorifics and titles before it are split off as role, organisation
//! heads make it an organisation, and months, weekdays, places,
//! nationalities and function words are not names.

use crate::affiliation::{self, Affiliation};
use crate::lexicon::{class, Gender, Lexicons};
use crate::span::Span;
use crate::text::{
    Doc, Kind, Token, ALLCAPS, CAP, NEWLINE, SENT_START, SPACE,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameKind {
    /// Known to be a person: a given name, an honorific, a title, or two
    /// or more name words.
    Person,
    /// An organisation, outlet or body.
    Org,
    /// One capitalised word that may be a surname: "Cui said".
    Single,
}

#[derive(Debug, Clone)]
pub(crate) struct Mention {
    /// The name itself, without title, honorific or possessive `'s`.
    pub(crate) span: Span,
    /// Tokens of the name `[start, end)`.
    pub(crate) tok_start: usize,
    pub(crate) tok_end: usize,
    /// First token of the whole mention, title and honorific included.
    pub(crate) lead: usize,
    pub(crate) kind: NameKind,
    pub(crate) gender: Gender,
    /// Followed by `'s`: the name of an owner, not a speaker.
    pub(crate) possessive: bool,
    pub(crate) affil: Affiliation,
    /// Token index just after the appositive that follows the name
    /// (`Cui Heng, a researcher at X,`), or `tok_end` when there is none.
    pub(crate) appos_end: usize,
    /// First token of the words before the name that describe it (`IMF
    /// chief economist`, `the union's general secretary,`), or `lead`.
    pub(crate) pre: usize,
}

/// Words that may join two capitalised runs into one organisation name.
fn is_connector(w: &[u8]) -> bool {
    matches!(
        w,
        b"of" | b"for" | b"on" | b"and" | b"&" | b"de" | b"du" | b"des"
    )
}

/// The possessive suffix of a token's bytes, in bytes: `’s` or `'s`.
pub(crate) fn possessive_len(w: &[u8]) -> usize {
    // Most words do not end in `s`: one byte compare decides.
    if !matches!(w.last(), Some(b's' | b'S')) {
        return 0;
    }
    if w.ends_with("’s".as_bytes()) || w.ends_with("’S".as_bytes()) {
        4
    } else if (w.ends_with(b"'s") || w.ends_with(b"'S")) && w.len() > 2 {
        2
    } else {
        0
    }
}

/// Whether token `i` starts a sentence or a quoted sentence, where any
/// word is capitalised.
fn sentence_initial(doc: &Doc<'_>, i: usize) -> bool {
    let t = &doc.tokens[i];
    if t.is(SENT_START) {
        return true;
    }
    if i == 0 {
        return true;
    }
    let p = &doc.tokens[i - 1];
    p.kind == Kind::Punct
        && matches!(
            crate::text::punct_char(doc.text, p),
            '"' | '“' | '‘' | '\'' | '«' | '„' | '(' | '—' | ':' | '['
        )
}

/// Whether token `t` may end in a possessive (`'s`, `’s`), told by its
/// last two bytes: when false, [`possessive_len`] of it is 0.
#[inline(always)]
fn may_be_possessive(doc: &Doc<'_>, t: &Token) -> bool {
    let end = t.span().end;
    let b = doc.text.as_bytes();
    // `’` ends in the byte 0x99.
    end >= 2
        && matches!(b.get(end - 1), Some(b's' | b'S'))
        && matches!(b.get(end - 2), Some(b'\'' | 0x99))
}

/// The lexicon classes of token `i`, read past a possessive `'s`.
#[inline(always)]
fn classes(doc: &Doc<'_>, lex: &Lexicons, i: usize) -> u16 {
    classes_own(doc, lex, i).0
}

/// [`classes`] of token `i`, and whether it may be possessive
/// ([`may_be_possessive`]): the tokens without a possessive, nearly all,
/// are answered inline by their own classes.
#[inline(always)]
fn classes_own(doc: &Doc<'_>, lex: &Lexicons, i: usize) -> (u16, bool) {
    let t = &doc.tokens[i];
    if !may_be_possessive(doc, t) {
        return (t.lex, false);
    }
    (possessive_classes(doc, lex, i), true)
}

/// [`classes`] of a token ending in `s`.
#[inline(never)]
fn possessive_classes(doc: &Doc<'_>, lex: &Lexicons, i: usize) -> u16 {
    let w = doc.tok(i);
    match possessive_len(w.as_bytes()) {
        0 => doc.tokens[i].lex,
        n => lex.class_of(&w[..w.len() - n]),
    }
}

/// Whether a capitalised token can begin a name: its [`classes`] when it
/// can, which the run's scan and analysis read again, and whether it may
/// be possessive ([`may_be_possessive`], which the scan reads again).
fn can_start(doc: &Doc<'_>, lex: &Lexicons, i: usize) -> Option<(u16, bool)> {
    let toks = &doc.tokens;
    // (Its capital was found by [`next_cap`].)
    if !toks[i].is_word() {
        return None;
    }
    let (c, own) = classes_own(doc, lex, i);
    // `Jan de Vries` is a name, `Jan. 5` a date.
    let name_not_date = c & class::FIRST_NAME != 0
        && toks.get(i + 1).is_some_and(|t| t.is_word());
    if c & class::STOP != 0 || (c & class::CALENDAR != 0 && !name_not_date) {
        return None;
    }
    // (The three tests below are made in turn, each only when the one
    // before has not decided: the cheapest first.)
    if sentence_initial(doc, i) {
        let common = c & class::COMMON != 0
            && c & (class::FIRST_NAME | class::HONORIFIC | class::TITLE) == 0;
        // `Opposition leader Marta Kovač`: a capital that only starts the
        // sentence, before a role word and a name.
        let before_role = || {
            toks.get(i + 1).is_some_and(|t| {
                t.is_word() && !t.is_cap_word() && t.has(class::ROLE)
            }) && toks.get(i + 2).is_some_and(Token::is_cap_word)
        };
        // `Reviewer Hanna Lindqvist`: an agent noun before a name.
        let agent = || {
            let w = doc.word(i);
            w.len() > 5
                && c & class::FIRST_NAME == 0
                && toks.get(i + 1).is_some_and(Token::is_cap_word)
                && [&b"er"[..], b"or", b"ist", b"ian"]
                    .iter()
                    .any(|s| w.ends_with(s))
        };
        if common || before_role() || agent() {
            return None;
        }
    }
    Some((c, own))
}

/// Finds every name in `doc`, in text order.
#[cfg(test)]
pub(crate) fn find_names(doc: &Doc<'_>, lex: &Lexicons) -> Vec<Mention> {
    find_names_into(doc, lex, Vec::new())
}

/// [`find_names`] into `out` (emptied first), a buffer kept from an
/// earlier call: a new one cost a large allocation per call (callgrind
/// `prof 10`: 360K instructions in malloc of the 6.9M of the stage).
pub(crate) fn find_names_into(
    doc: &Doc<'_>,
    lex: &Lexicons,
    mut out: Vec<Mention>,
) -> Vec<Mention> {
    let toks = &doc.tokens;
    let n = toks.len();
    out.clear();
    // Room at once for a name in every twenty tokens, about what news
    // holds, so that the (large) mentions are not moved as it grows.
    out.reserve(n / 20 + 1);
    let mut i = 0;
    // Only a capitalised word can start a name: the scan passes over
    // every token without a capital (only words have one; `can_start`
    // checks the rest).
    while let Some(k) = next_cap(toks, i) {
        i = k;
        let Some((first, own)) = can_start(doc, lex, i) else {
            i += 1;
            continue;
        };
        let run = scan_run(doc, lex, i, (first, own));
        if run.end - i > MAX_RUN {
            // No one name is that long: a headline in capitals, names
            // listed in a row. Where one name ends and the next begins is
            // a guess, and a wrong guess names someone who is not there.
            i = run.end;
            continue;
        }
        let next = analyse(doc, lex, i, (first, own), run, &mut out);
        i = next.max(i + 1);
    }
    out
}

/// The first token from `i` on with a capital. Four tokens are tested at
/// once, by their flags OR-ed, and the one found without a second loop:
/// most have none (prof 10: 0.10M instructions fewer than a test a
/// token; eight at once cost 0.05M more than four).
#[inline(always)]
fn next_cap(toks: &[Token], i: usize) -> Option<usize> {
    let rest = toks.get(i..)?;
    let mut at = i;
    let mut chunks = rest.chunks_exact(4);
    for c in &mut chunks {
        if (c[0].flags | c[1].flags | c[2].flags | c[3].flags) & CAP != 0 {
            let k = if c[0].is(CAP) {
                0
            } else if c[1].is(CAP) {
                1
            } else if c[2].is(CAP) {
                2
            } else {
                3
            };
            return Some(at + k);
        }
        at += 4;
    }
    chunks
        .remainder()
        .iter()
        .position(|t| t.is(CAP))
        .map(|k| at + k)
}

/// The most tokens a capitalised run may have to be a name: `Center for
/// Russian Studies of East China Normal University` has ten.
const MAX_RUN: usize = 16;

/// Whether token `k` is a quotation mark (a nickname's, in a name).
fn is_mark(doc: &Doc<'_>, k: usize) -> bool {
    let t = &doc.tokens[k];
    t.kind == Kind::Punct
        && matches!(
            crate::text::punct_char(doc.text, t),
            '"' | '“' | '”' | '‘' | '’' | '\''
        )
}

/// The end (exclusive) of the capitalised run starting at `i`.
pub(crate) fn run_end(doc: &Doc<'_>, lex: &Lexicons, i: usize) -> usize {
    if i >= doc.tokens.len() {
        return i;
    }
    scan_run(doc, lex, i, classes_own(doc, lex, i)).end
}

/// What [`scan_run`] learns of a capitalised run on the way, for
/// [`analyse`] not to read the run's classes again.
#[derive(Clone, Copy)]
struct Run {
    /// The end (exclusive).
    end: usize,
    /// The last capitalised word of the run with an organisation head
    /// in its classes.
    last_head: Option<usize>,
}

/// [`run_end`] of the run starting at `i`, whose [`classes`] are
/// `first` and [`may_be_possessive`] `first_own` (read already by
/// [`can_start`]).
// Inlined in its two callers: called out of line once a run, its call
// and the registers it saved cost 0.12M instructions on `prof 10`.
#[inline(always)]
fn scan_run(
    doc: &Doc<'_>,
    lex: &Lexicons,
    i: usize,
    (first, first_own): (u16, bool),
) -> Run {
    let toks = &doc.tokens;
    let n = toks.len();
    let cap_next = |k: usize| {
        k < n
            && toks[k].is_cap_word()
            && !toks[k].is(NEWLINE | SENT_START)
            && !toks[k].has(class::STOP | class::CALENDAR)
    };
    let mut j = i;
    let mut has_org_head = false;
    let mut last_head = None;
    while j < n {
        let t: &Token = &toks[j];
        if j > i && t.is(NEWLINE | SENT_START) {
            break;
        }
        // (The token's text is sliced only where it is read.)
        if t.is_cap_word() {
            // The possessive is tested once, for the classes and for
            // the end of the run.
            let (c, may_own) = if j == i {
                (first, first_own)
            } else {
                classes_own(doc, lex, j)
            };
            // `Ian Read`, `Theresa May`: after a given name, a capitalised
            // function or calendar word is a surname.
            let after_given = j == i + 1 && first & class::FIRST_NAME != 0;
            if j > i
                && c & (class::STOP | class::CALENDAR) != 0
                && !after_given
            {
                break;
            }
            if c & class::ORG_HEAD != 0 {
                has_org_head = true;
                last_head = Some(j);
            }
            j += 1;
            if may_own && possessive_len(doc.word(j - 1)) > 0 {
                // `Carvanian Fishermen's Cooperative`: a possessive inside
                // an organisation's name.
                if cap_next(j) && run_has_org_head(doc, j) {
                    continue;
                }
                break;
            }
            // The rest reads a mark after the word, and a word is most
            // often followed by another.
            if !toks.get(j).is_some_and(|t| t.kind == Kind::Punct) {
                continue;
            }
            let w = doc.word(j - 1);
            // `Electronics and Allied Workers' Union`: a plural
            // possessive inside an organisation's name.
            if j + 1 < n
                && w.last() == Some(&b's')
                && toks[j].kind == Kind::Punct
                && matches!(toks[j].ch, '\'' | '’')
                && !toks[j].is(SPACE)
                && cap_next(j + 1)
                && run_has_org_head(doc, j + 1)
            {
                j += 1;
                continue;
            }
            // Mr. / J. / Sen. : the period belongs to the name.
            if j < n
                && toks[j].is_punct('.')
                && toks[j].span().start == t.span().end
                // One char: its first byte, then only continuation bytes.
                && ((!w.is_empty()
                    && w[1..].iter().all(|&b| (0x80..0xC0).contains(&b)))
                    || c & (class::HONORIFIC | class::ABBREV) != 0)
                && cap_next(j + 1)
            {
                j += 1;
            }
            // `Patrick “Paddy” Quinlan`: a nickname in quotation marks.
            if j + 3 < n
                && is_mark(doc, j)
                && toks[j + 1].is_cap_word()
                && is_mark(doc, j + 2)
                && cap_next(j + 3)
                && toks[j].is(SPACE)
                && toks[j + 3].is(SPACE)
                && !toks[j..j + 3].iter().any(|t| t.is(NEWLINE | SENT_START))
            {
                // (The nickname is a word of the name for `analyse`.)
                last_head =
                    last_org_head(doc, lex, j + 1, j + 2).or(last_head);
                j += 3;
            }
            continue;
        }
        // `van der Berg`: particles before a capitalised word.
        if j > i && t.is_word() && t.has(class::PARTICLE) {
            let mut e = j;
            while e < n
                && e - j < 3
                && toks[e].is_word()
                && toks[e].has(class::PARTICLE)
            {
                e += 1;
            }
            if cap_next(e) {
                // (A capitalised particle, `van Der Berg`, is a word of
                // the name for `analyse`.)
                last_head = last_org_head(doc, lex, j, e).or(last_head);
                j = e;
                continue;
            }
        }
        if j > i && t.is_word() && cap_next(j + 1) {
            let w = doc.word(j);
            // `Center for Russian Studies of East China Normal
            // University`: connectors inside organisation names, when an
            // organisation head stands on one side.
            // Not after a person's name: `David Woodard of Clemson
            // University` is a person and the body he belongs to.
            let person = !has_org_head
                && first & (class::FIRST_NAME | class::HONORIFIC) != 0;
            if is_connector(w)
                && (has_org_head || (!person && run_has_org_head(doc, j + 1)))
            {
                j += 1;
                continue;
            }
            // `Secretary of State`: a title with its complement.
            if w == b"of" && toks[j - 1].has(class::TITLE) {
                j += 1;
                continue;
            }
        }
        break;
    }
    Run { end: j, last_head }
}

/// The last capitalised word of `[a, b)` with an organisation head in
/// its [`classes`] (rare: out of line).
#[inline(never)]
fn last_org_head(
    doc: &Doc<'_>,
    lex: &Lexicons,
    a: usize,
    b: usize,
) -> Option<usize> {
    (a..b).rev().find(|&k| {
        doc.tokens[k].is_cap_word()
            && classes(doc, lex, k) & class::ORG_HEAD != 0
    })
}

/// Whether the capitalised run starting at `k` holds an organisation
/// head (bounded look-ahead).
fn run_has_org_head(doc: &Doc<'_>, k: usize) -> bool {
    doc.tokens[k..]
        .iter()
        .take(8)
        .take_while(|t| t.is_cap_word())
        .any(|t| t.has(class::ORG_HEAD))
}

/// Whether a cue follows token `k` closely, with only lowercase words
/// (auxiliaries, adverbs) between.
fn speaks(doc: &Doc<'_>, k: usize) -> bool {
    doc.tokens[k..]
        .iter()
        .take(3)
        .enumerate()
        // A role word makes a description (`the Norwegian expert
        // added`), not a country that speaks.
        .take_while(|(_, t)| {
            t.is_word()
                && !t.is_cap_word()
                && !t.has(class::ROLE | class::GROUP)
        })
        .any(|(_, t)| t.has(class::CUE))
}

/// Classifies the run from `i`, whose first token's [`classes`] are
/// `first` and [`may_be_possessive`] `first_own`, and pushes its mention;
/// returns where scanning goes on.
fn analyse(
    doc: &Doc<'_>,
    lex: &Lexicons,
    i: usize,
    (first, first_own): (u16, bool),
    run: Run,
    out: &mut Vec<Mention>,
) -> usize {
    let toks = &doc.tokens;
    let end = run.end;
    // The first token's classes are known.
    let classes_at = |k: usize| {
        if k == i {
            first
        } else {
            classes(doc, lex, k)
        }
    };
    let word = |k: usize| {
        let w = doc.tok(k);
        &w[..w.len() - possessive_len(w.as_bytes())]
    };
    // (A run of one token: its test is known.)
    let may_own = if end - 1 == i {
        first_own
    } else {
        may_be_possessive(doc, &toks[end - 1])
    };
    let possessive_bytes = if may_own {
        possessive_len(doc.word(end - 1))
    } else {
        0
    };
    let possessive = possessive_bytes > 0;
    let is_period = |k: usize| k < end && toks[k].is_punct('.');

    // Honorifics and titles in front.
    let mut k = i;
    let mut gender = Gender::Unknown;
    let mut honorific = false;
    let mut title_start = None;
    let mut title_end = i;
    loop {
        if k >= end {
            break;
        }
        let c = classes_at(k);
        if c & class::HONORIFIC != 0 {
            if !toks[k].is_cap_word() {
                break;
            }
            let w = word(k);
            let g = lex.honorifics.get(w).copied().unwrap_or(Gender::Unknown);
            honorific = true;
            if g != Gender::Unknown {
                gender = g;
            }
            k += 1;
            if is_period(k) {
                k += 1;
            }
            // A title-like honorific (Sen., Gen., Dr.) is also a role.
            if c & class::TITLE != 0 {
                title_start.get_or_insert(k);
                title_end = k;
            }
            continue;
        }
        let titular = c & class::TITLE != 0
            || (title_start.is_some() || k == i)
                && (c & class::NATIONALITY != 0
                    || (c & class::PLACE != 0 && k + 1 < end));
        if titular && k + 1 < end {
            title_start.get_or_insert(k);
            k += 1;
            if is_period(k) {
                k += 1;
            }
            // `Secretary of State`
            if k + 1 < end && doc.word(k) == b"of" {
                k += 2;
            }
            title_end = k;
            continue;
        }
        break;
    }
    let name_start = k;
    if name_start >= end {
        return end;
    }
    let span = Span::new(
        toks[i].span().start,
        toks[end - 1].span().end - possessive_bytes,
    );
    let name_span = Span::new(toks[name_start].span().start, span.end);
    // (The texts are sliced only where they are looked up.)
    let name_text = || &doc.text[name_span.start..name_span.end];
    let whole_text = || &doc.text[span.start..span.end];
    let ntoks = end - name_start;
    // Whether the name has two capitalised words (a name of one token
    // has not): stops at the second.
    let two_caps = || {
        ntoks > 1
            && (name_start..end)
                .filter(|&k| toks[k].is_cap_word())
                .nth(1)
                .is_some()
    };

    // Whether a capitalised word of the name is an organisation head.
    let org_head = run.last_head.is_some_and(|h| h >= name_start);
    // The lexicon classes of the name's first word. A name of one token
    // is in a lexicon when its class bits say so: no look-up of the text.
    let start_class = classes_at(name_start);
    let one = ntoks == 1;
    let name_class = if one { start_class } else { 0 };
    // The lexicons the name is in as a whole, phrases of several words
    // included (organisations, places, nationalities): one look-up. Read
    // only where it decides: a name with an honorific is a person's, one
    // with an organisation head an organisation, whatever the phrase.
    let decides = !honorific && !org_head;
    let phrase_class = if one {
        name_class
    } else if decides {
        lex.class_of(name_text())
    } else {
        0
    };
    let known_org = phrase_class & class::ORG != 0
        || (decides
            && i != name_start
            && lex.class_of(whole_text()) & class::ORG != 0);
    // An acronym, unless it ends a shouting run (`PORT SELLA, March 3`)
    // or is a dateline's city: capitals, then a country, an outlet in
    // brackets and a dash (`SALTA, Argentina (Andes Wire) —`).
    // (Looked for last: few runs get that far.)
    let dateline = || {
        (end..toks.len().min(end + 10))
            .take_while(|&k| {
                toks[k].is_cap_word()
                    || toks[k].kind == Kind::Punct
                        && matches!(
                            toks[k].ch,
                            ',' | '(' | ')' | '.' | '—' | '–'
                        )
            })
            .any(|k| {
                matches!(toks[k].ch, '—' | '–') && toks[k].kind == Kind::Punct
            })
    };
    let acronym = ntoks == 1
        && toks[name_start].is(ALLCAPS)
        && (2..=6).contains(&name_span.len())
        && !(name_start > 0 && toks[name_start - 1].is(ALLCAPS))
        && !dateline();
    // `Senate Majority Leader Mitch McConnell`: an organisation, a title
    // and the name of the person who holds it.
    if !honorific && org_head {
        let is_head = |k: usize| classes_at(k) & class::ORG_HEAD != 0;
        let is_title = |k: usize| classes_at(k) & class::TITLE != 0;
        let last_title =
            (name_start..end.saturating_sub(1)).rev().find(|&t| {
                is_title(t)
                    && (t + 1..end).all(|j| {
                        toks[j].is_cap_word() && !is_head(j) && !is_title(j)
                    })
            });
        if let Some(t) = last_title {
            let mut ts = t;
            while ts > i && !is_head(ts - 1) && toks[ts - 1].is_word() {
                ts -= 1;
            }
            let mut m = Mention {
                span: Span::new(toks[t + 1].span().start, span.end),
                tok_start: t + 1,
                tok_end: end,
                lead: i,
                kind: NameKind::Person,
                gender: lex
                    .first_names
                    .get(word(t + 1))
                    .copied()
                    .unwrap_or(gender),
                possessive,
                affil: Affiliation::default(),
                appos_end: end,
                pre: i,
            };
            // `Mining Minister`: one word before a minister is the
            // portfolio, part of the title.
            let portfolio = ts == i + 1
                && matches!(
                    word(t),
                    "Minister" | "Secretary" | "Commissioner"
                );
            let ts = if portfolio { i } else { ts };
            affiliation::from_title(doc, lex, ts, t + 1, &mut m.affil);
            if ts > i {
                let org = doc.text_of(i, ts);
                m.affil.org = Some(org.to_string());
            }
            if !possessive {
                affiliation::read(doc, lex, &mut m);
            }
            out.push(m);
            return end;
        }
    }
    // `the Keston Ravens`, `the Rolling Stones`: an article does not
    // stand before a person's name, so a run of capitals after it is a
    // team, band or body (`the late John Smith` keeps its first name).
    // (The word before is read after the cheaper tests.)
    let after_article = i > 0
        && title_start.is_none()
        && start_class & class::FIRST_NAME == 0
        && doc.word(i - 1).eq_ignore_ascii_case(b"the")
        && two_caps();
    if !honorific && (org_head || known_org || acronym || after_article) {
        // An organisation keeps its leading words ("Chinese Foreign
        // Ministry", "General Motors").
        let (ospan, lead) = if org_head {
            (span, i)
        } else {
            (name_span, name_start)
        };
        let affil = Affiliation::default();
        out.push(Mention {
            span: ospan,
            tok_start: lead,
            tok_end: end,
            lead,
            kind: NameKind::Org,
            gender: Gender::Unknown,
            possessive,
            affil,
            appos_end: end,
            pre: lead,
        });
        return end;
    }
    // Not names: a lone place, nationality or date word, shouting
    // headlines. A country that speaks (`North Korea said`) is a body.
    if !honorific && title_start.is_none() {
        let place = phrase_class & (class::PLACE | class::NATIONALITY) != 0;
        if place && !possessive && speaks(doc, end) {
            out.push(Mention {
                span: name_span,
                tok_start: name_start,
                tok_end: end,
                lead: name_start,
                kind: NameKind::Org,
                gender: Gender::Unknown,
                possessive,
                affil: Affiliation::default(),
                appos_end: end,
                pre: name_start,
            });
            return end;
        }
        if place || name_class & class::CALENDAR != 0 {
            return end;
        }
        if ntoks > 1
            && (name_start..end)
                .all(|k| toks[k].is(ALLCAPS) || !toks[k].is_word())
        {
            return end;
        }
    }
    let first_name = start_class & class::FIRST_NAME != 0;
    if gender == Gender::Unknown && first_name {
        if let Some(&g) = lex.first_names.get(word(name_start)) {
            gender = g;
        }
    }
    let kind =
        if honorific || title_start.is_some() || first_name || two_caps() {
            NameKind::Person
        } else {
            NameKind::Single
        };
    // Pushed first and completed where it lies: built on the stack and
    // then pushed, the mention was copied whole.
    out.push(Mention {
        span: name_span,
        tok_start: name_start,
        tok_end: end,
        lead: i,
        kind,
        gender,
        possessive,
        affil: Affiliation::default(),
        appos_end: end,
        pre: i,
    });
    let m = out.last_mut().expect("pushed");
    if let Some(ts) = title_start {
        affiliation::from_title(doc, lex, ts, title_end, &mut m.affil);
    }
    if !possessive {
        affiliation::read(doc, lex, m);
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{segment, split_sentences};

    fn names(text: &str) -> Vec<(String, NameKind)> {
        let lex = Lexicons::default_lexicons();
        let mut d = segment(text, &lex);
        split_sentences(&mut d, &[], &lex);
        find_names(&d, &lex)
            .into_iter()
            .map(|m| (text[m.span].to_string(), m.kind))
            .collect()
    }

    #[test]
    fn runs_become_names() {
        use NameKind::*;
        assert_eq!(
            names("Cui Heng met Mr. Obama and the Ministry of Health."),
            [
                ("Cui Heng".into(), Person),
                ("Obama".into(), Person),
                ("Ministry of Health".into(), Org)
            ]
        );
        assert_eq!(
            names("Finance Minister Lars Henriksen spoke in Oslo on Monday."),
            [("Lars Henriksen".into(), Person)]
        );
    }

    #[test]
    fn a_run_too_long_for_a_name_is_none() {
        use NameKind::*;
        // Sixteen tokens at most; a longer run (a list of names without
        // commas) is no one's name, and the names after it are found.
        let list =
            "Ana Ruiz Tomas Berg Lena Holm Ivo Dunn Mia Park Olaf Lund \
                    Eva Stone Karl Marsh Ida Fox";
        assert_eq!(
            names(&format!("The {list} team met Cui Heng.")),
            [("Cui Heng".into(), Person)]
        );
        assert_eq!(
            names(
                "Cui joined the Center for Russian Studies of East China \
                 Normal University."
            ),
            [
                ("Cui".into(), Single),
                (
                    "Center for Russian Studies of East China Normal \
                     University"
                        .into(),
                    Org
                )
            ]
        );
    }
}
