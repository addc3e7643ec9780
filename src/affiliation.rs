//! Affiliations: the role and organisation of a person, read where the
//! name is introduced.
//!
//! - a title before the name: `US Secretary of State Antony Blinken`,
//!   `Chinese President Xi Jinping`, `Finance Minister Lars Henriksen`;
//! - role words before it: `coach Peter Lindqvist`, `the union's general
//!   secretary, Sharon Reid,`;
//! - an appositive after it: `Cui Heng, a post-doctoral researcher at the
//!   Center for ...,`, `NAME, head of ORG,`, `NAME, who chairs ORG,`;
//! - `of ORG` after it, and party tags `(D-Mass.)`.
//!
//! Role and organisation are split at the preposition or possessive.

use std::ops::{Deref, DerefMut};

use crate::lexicon::{class, Lexicons};
use crate::mention::{possessive_len, Mention};
use crate::swar::has_byte;
use crate::text::{punct_char, Doc, Kind};

/// The role, organisation, age and country of a person or source, boxed:
/// most mentions and sources have none, and each is then 64 bytes
/// smaller. It reads as its [`Parts`] (all `None` without a box); a write
/// through `DerefMut` makes the box.
#[derive(Debug, Clone, Default)]
pub(crate) struct Affiliation(Option<Box<Parts>>);

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Parts {
    pub(crate) role: Option<String>,
    pub(crate) org: Option<String>,
    pub(crate) age: Option<u16>,
    /// The country of a nationality word next to the name ("the Russian
    /// expert"): what descriptions match against.
    pub(crate) country: Option<Box<str>>,
}

static NO_PARTS: Parts = Parts {
    role: None,
    org: None,
    age: None,
    country: None,
};

impl Deref for Affiliation {
    type Target = Parts;

    fn deref(&self) -> &Parts {
        self.0.as_deref().unwrap_or(&NO_PARTS)
    }
}

impl DerefMut for Affiliation {
    fn deref_mut(&mut self) -> &mut Parts {
        self.0.get_or_insert_with(Box::default)
    }
}

/// Equal when the parts are: a box of `None`s is no affiliation.
impl PartialEq for Affiliation {
    fn eq(&self, other: &Affiliation) -> bool {
        **self == **other
    }
}

impl Affiliation {
    fn add_role(&mut self, role: &str) {
        // Tested first, not to make a box for nothing.
        let role = trim(role);
        if !role.is_empty() {
            add(&mut self.role, role);
        }
    }

    fn add_org(&mut self, org: &str) {
        let org = trim(org);
        if !org.is_empty() {
            add(&mut self.org, org);
        }
    }

    /// Takes the role out, without making a box.
    pub(crate) fn take_role(&mut self) -> Option<String> {
        self.0.as_mut().and_then(|p| p.role.take())
    }

    /// Takes the organisation out, without making a box.
    pub(crate) fn take_org(&mut self) -> Option<String> {
        self.0.as_mut().and_then(|p| p.org.take())
    }

    /// Sets the role, making a box only for one.
    fn set_role(&mut self, role: Option<String>) {
        if role.is_some() || self.0.is_some() {
            self.role = role;
        }
    }

    /// Whether it has no part: equal to the default.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.as_deref().is_none_or(|p| {
            p.role.is_none()
                && p.org.is_none()
                && p.age.is_none()
                && p.country.is_none()
        })
    }

    /// [`merge`](Affiliation::merge), moving the parts out of `other`
    /// instead of copying them: what `other` keeps is unspecified.
    /// Inlined: most mentions bring nothing, and that is one test.
    #[inline]
    pub(crate) fn absorb(&mut self, other: &mut Affiliation) {
        let Some(parts) = other.0.as_deref_mut() else {
            return;
        };
        let Some(own) = self.0.as_deref_mut() else {
            // Nothing here: all of it.
            self.0 = other.0.take();
            return;
        };
        if own.role.is_none() {
            own.role = parts.role.take();
        }
        if own.org.is_none() {
            own.org = parts.org.take();
        }
        if own.age.is_none() {
            own.age = parts.age;
        }
        if own.country.is_none() {
            own.country = parts.country.take();
        }
    }

    /// Fills what is missing here from `other`.
    pub(crate) fn merge(&mut self, other: &Affiliation) {
        // Only what is there is copied: most mentions bring nothing.
        if other.0.is_none() {
            return;
        }
        if let (None, Some(role)) = (&self.role, &other.role) {
            self.role = Some(role.clone());
        }
        if let (None, Some(org)) = (&self.org, &other.org) {
            self.org = Some(org.clone());
        }
        if self.age.is_none() && other.age.is_some() {
            self.age = other.age;
        }
        if let (None, Some(country)) = (&self.country, &other.country) {
            self.country = Some(country.clone());
        }
    }
}

/// `s.trim()`. A part cut at tokens (nearly every one) starts and ends
/// with an ASCII byte that is not whitespace, and is returned as it is,
/// without decoding a character at either end.
fn trim(s: &str) -> &str {
    let solid = |b: &u8| b.is_ascii() && !matches!(b, b' ' | b'\t'..=b'\r');
    let b = s.as_bytes();
    if b.first().is_some_and(solid) && b.last().is_some_and(solid) {
        s
    } else {
        s.trim()
    }
}

/// Appends `part`, trimmed and not empty, to a `;`-separated list, once.
fn add(slot: &mut Option<String>, part: &str) {
    match slot {
        None => *slot = Some(part.to_string()),
        Some(s) if !has_part(s, part) => {
            s.push_str("; ");
            s.push_str(part);
        }
        Some(_) => {}
    }
}

/// Whether `part` is one of the `;`-separated parts of `list`, as
/// `list.split("; ").any(|p| p == part)`: the separator cannot overlap
/// itself, so the parts lie between its occurrences, found a byte at a
/// time (a search for a two-byte pattern cost more to set up than the
/// list is long).
fn has_part(list: &str, part: &str) -> bool {
    let (l, p) = (list.as_bytes(), part.as_bytes());
    let mut start = 0;
    let mut i = 0;
    while i + 1 < l.len() {
        if l[i] == b';' && l[i + 1] == b' ' {
            if &l[start..i] == p {
                return true;
            }
            start = i + 2;
            i += 2;
        } else {
            i += 1;
        }
    }
    &l[start..] == p
}

/// The role an abbreviated title stands for.
fn expand(title: &str) -> &str {
    match title {
        "Sen" => "Senator",
        "Rep" => "Representative",
        "Gov" => "Governor",
        "Gen" => "General",
        "Lt" => "Lieutenant",
        "Col" => "Colonel",
        "Maj" => "Major",
        "Capt" => "Captain",
        "Sgt" => "Sergeant",
        "Adm" => "Admiral",
        "Prof" => "Professor",
        "Pres" => "President",
        "Supt" => "Superintendent",
        "Insp" => "Inspector",
        "Det" => "Detective",
        "Rev" => "Reverend",
        other => other,
    }
}

/// The organisation a nationality or place word names: `Chinese` →
/// `China`; a place or an abbreviation (`US`) as written.
fn place_org<'a>(lex: &'a Lexicons, w: &'a str) -> &'a str {
    if w.contains('.') || w.chars().all(|c| c.is_uppercase()) {
        return w;
    }
    lex.nationalities.get(w).map_or(w, |c| c)
}

/// Reads the title `[ts, te)` in front of a name: leading nationality or
/// place words are the organisation, the rest the role.
pub(crate) fn from_title(
    doc: &Doc<'_>,
    lex: &Lexicons,
    ts: usize,
    te: usize,
    affil: &mut Affiliation,
) {
    // Leading nationality and place words are the organisation; the
    // role runs from the first other word (`Mining Minister`).
    let mut k = ts;
    while k < te {
        if class_at(doc, lex, k) & (class::NATIONALITY | class::PLACE) == 0 {
            break;
        }
        let w = doc.tok(k);
        affil.add_org(place_org(lex, w));
        if let Some(c) = lex.nationalities.get(w) {
            affil.country = Some(c.clone());
        }
        k += 1;
    }
    if k >= te {
        return;
    }
    let mut end = te;
    while end > k && doc.tokens[end - 1].kind == Kind::Punct {
        end -= 1;
    }
    if end == k + 1 {
        affil.add_role(expand(doc.tok(k)));
    } else if end > k {
        let s = doc.tokens[k].span().start;
        let e = doc.tokens[end - 1].span().end;
        affil.add_role(&doc.text[s..e]);
    }
}

/// The lexicon classes of token `k`: a word's own, looked up by the
/// tokenizer; the text of any other token looked up here.
#[inline]
fn class_at(doc: &Doc<'_>, lex: &Lexicons, k: usize) -> u16 {
    let t = &doc.tokens[k];
    if t.is_word() {
        t.lex
    } else {
        lex.class_of(doc.tok(k))
    }
}

/// Whether token `k` is the word `w`.
#[inline]
fn tok_is(doc: &Doc<'_>, k: usize, w: &str) -> bool {
    // Most tokens differ in length: told by the span, the text unread.
    doc.tokens[k].span().len() == w.len() && doc.word(k) == w.as_bytes()
}

/// Role and title words.
const ROLE: u16 = class::ROLE | class::TITLE;

/// Whether token `k` is a role or title word. Always inlined (the hint
/// alone left it a call): it is asked of the word before nearly every
/// name, and most are neither.
#[inline(always)]
fn is_role(doc: &Doc<'_>, lex: &Lexicons, k: usize) -> bool {
    // `co-leader`, `chancellor-designate`: a part of a compound will do.
    class_at(doc, lex, k) & ROLE != 0
        || has_hyphen(doc.word(k)) && compound_role(doc, lex, k)
}

/// Whether `w` has a `-`, read in loads of eight bytes (most words: two
/// overlapping loads of four), not a byte at a time: asked of most words
/// [`is_role`] reads (prof 10: 0.015M instructions fewer).
fn has_hyphen(w: &[u8]) -> bool {
    has_byte(w, b'-')
}

/// Whether a part of hyphenated token `k` is a role or title word.
fn compound_role(doc: &Doc<'_>, lex: &Lexicons, k: usize) -> bool {
    doc.tok(k).split('-').any(|p| lex.class_of(p) & ROLE != 0)
}

/// A capitalised word that only starts the sentence and is an ordinary
/// word: it belongs to a role in front of a name (`Political scientist
/// Katja Brandt`, `Mining Minister Ernesto Paredes`).
fn sentence_cap_word(doc: &Doc<'_>, k: usize) -> bool {
    let t = &doc.tokens[k];
    t.is_cap_word()
        && t.is(crate::text::SENT_START)
        && t.has(class::COMMON)
        && !t.has(class::PLACE | class::NATIONALITY | class::FIRST_NAME)
}

/// Reads role words before the mention and an appositive after it.
/// Most names have nothing beside them that either could read, which a
/// few tests tell before the registers of the whole reading are saved
/// (prof 10: 1,130 of 2,700 calls read on; inlined in the name finder,
/// the tests cost 0.02M instructions more than out of line).
#[inline(never)]
pub(crate) fn read(doc: &Doc<'_>, lex: &Lexicons, m: &mut Mention) {
    if !quiet(doc, m) {
        read_beside(doc, lex, m);
    }
}

/// [`read`] once the tokens beside the name were not [`quiet`].
#[inline(never)]
fn read_beside(doc: &Doc<'_>, lex: &Lexicons, m: &mut Mention) {
    before(doc, lex, m);
    after(doc, lex, m);
}

/// Whether [`before`] and [`after`] cannot change `m`, told by the tokens
/// next to the name: no title before it (`lead` is its first token); no
/// word before it that may be a role ([`is_role`]: a role or title, or a
/// word with a hyphen) or an agent noun (lowercase, over four bytes, not
/// a function word); and after it, no `,` (an appositive, or with one
/// before, an apposition), no `(` before a word that may be a party's
/// letter, no `of`. May say no when they would find nothing (`Co-op`,
/// `asked`): a closer look, at an agent's ending, cost more than it
/// spared.
#[inline(always)]
fn quiet(doc: &Doc<'_>, m: &Mention) -> bool {
    let toks = &doc.tokens;
    if m.lead != m.tok_start {
        return false;
    }
    let e = m.tok_end;
    if let Some(t) = toks.get(e) {
        // (A party tag's letter starts the word after the bracket.)
        let party = || {
            e + 1 < toks.len()
                && matches!(doc.word(e + 1).first(), Some(b'D' | b'R' | b'I'))
        };
        // (No mark is `of`, no word `,` or `(`.)
        let busy = if t.kind == Kind::Punct {
            t.ch == ',' || t.ch == '(' && party()
        } else {
            t.span().len() == 2 && doc.word(e) == b"of"
        };
        if busy {
            return false;
        }
    }
    let Some(k) = m.lead.checked_sub(1) else {
        return true;
    };
    let t = &toks[k];
    !t.is_word()
        || !(t.has(ROLE)
            || (!t.is_cap_word() && t.span().len() > 4 && !t.has(class::STOP))
            || doc.word(k).contains(&b'-'))
}

/// `coach Peter Lindqvist`, `Russian expert Ivan Petrov`, `the union's
/// general secretary, Sharon Reid`.
fn before(doc: &Doc<'_>, lex: &Lexicons, m: &mut Mention) {
    let toks = &doc.tokens;
    let the = |k: usize| k > 0 && matches!(doc.word(k - 1), b"the" | b"The");
    let mut k = m.lead;
    // `the Rev. Peter Wherry`
    if m.lead < m.tok_start && the(k) {
        m.pre = k - 1;
    }
    // `the union's general secretary, Sharon Reid,`: the name in
    // apposition to the role.
    if k >= 2
        && toks[k - 1].is_punct(',')
        && toks.get(m.tok_end).is_some_and(|t| t.is_punct(','))
    {
        k -= 1;
    }
    // `The health minister of Tamanga, Dr. Grace Mensah,`: the role and
    // the organisation after it.
    let mut org_after_role = None;
    if k < m.lead && k >= 3 {
        if let Some(s) = cap_run_before(doc, k - 1) {
            if s >= 2
                && matches!(doc.word(s - 1), b"of" | b"at" | b"for")
                && toks[s - 2].is_word()
                && is_role(doc, lex, s - 2)
            {
                org_after_role = Some(doc.text_of(s, k));
                k = s - 1;
            }
        }
    }
    // `Mining Minister Ernesto Paredes`: the sentence's first word is
    // part of the title.
    if m.lead < m.tok_start && k > 0 && sentence_cap_word(doc, k - 1) {
        if let Some(role) = m.affil.take_role() {
            let w = doc.tok(k - 1);
            m.affil.role = Some(format!("{w} {role}"));
            m.pre = k - 1;
            return;
        }
    }
    // `reviewer Hanna Lindqvist`, `street vendor Farid Hassan`: a role
    // word, or a lowercase agent noun right before the name.
    let agent = |k: usize| {
        let w = doc.word(k);
        // (The class bit before the endings: it is one test.)
        w.len() > 4
            && !toks[k].has(class::STOP)
            && [&b"er"[..], b"or", b"ist", b"ian", b"ant", b"ent"]
                .iter()
                .any(|s| w.ends_with(s))
    };
    let role_before = k > 0
        && toks[k - 1].is_word()
        && (is_role(doc, lex, k - 1)
            || (!toks[k - 1].is_cap_word()
                && m.lead == m.tok_start
                && agent(k - 1)));
    if !role_before {
        // `Tulsa police Chief Chuck Jordan`: the body a title belongs
        // to, lowercase words after a capitalised run.
        if m.lead < m.tok_start && k > 1 {
            let mut s = k;
            while s > 0
                && k - s < 2
                && toks[s - 1].is_word()
                && !toks[s - 1].is_cap_word()
                && !toks[s - 1].has(class::STOP | class::CUE)
            {
                s -= 1;
            }
            if s < k && s > 0 {
                if let Some(r) = cap_run_before(doc, s - 1) {
                    m.affil.add_org(doc.text_of(r, k));
                    m.pre = r;
                    return;
                }
            }
        }
        // `US Secretary of State Marcus Hale`: a country before the
        // title, not taken into the name.
        if m.lead < m.tok_start
            && m.lead > 0
            && toks[m.lead - 1].is_cap_word()
            && toks[m.lead - 1].has(class::NATIONALITY | class::PLACE)
        {
            let w = doc.tok(m.lead - 1);
            m.affil.add_org(place_org(lex, w));
            if let Some(c) = lex.nationalities.get(w) {
                m.affil.country = Some(c.clone());
            }
            m.pre = m.lead - 1;
        }
        return;
    }
    let role_end = k;
    let mut start = k - 1;
    // Modifiers: `senior political analyst`, `campaign manager`, and a
    // sentence's capitalised first word (`Opposition finance
    // spokesman`); not across the start of the sentence (a bullet).
    while start > 0
        && !toks[start].is(crate::text::SENT_START)
        && role_end - start < 4
        && toks[start - 1].is_word()
        && (!toks[start - 1].is_cap_word()
            || sentence_cap_word(doc, start - 1))
        && !toks[start - 1].has(class::STOP | class::CUE)
        && possessive_len(doc.word(start - 1)) == 0
    {
        start -= 1;
    }
    let role = doc.text_of(start, role_end);
    m.affil.add_role(role);
    m.pre = start;
    if let Some(org) = org_after_role {
        m.affil.add_org(org);
    } else if start > 0 {
        let p = start - 1;
        let w = doc.tok(p);
        let pl = possessive_len(w.as_bytes());
        if pl > 0 {
            // `the union's general secretary`
            m.affil.add_org(&w[..w.len() - pl]);
            m.pre = p;
        } else if toks[p].is_cap_word() {
            if toks[p].has(class::NATIONALITY | class::PLACE) {
                m.affil.add_org(place_org(lex, w));
                if let Some(c) = lex.nationalities.get(w) {
                    m.affil.country = Some(c.clone());
                }
                m.pre = p;
            } else if w.ends_with("-born") || w.ends_with("-based") {
                // `the Varda-born director`: a birthplace, not a body.
            } else if let Some(s) = cap_run_before(doc, p) {
                // `Finance Ministry spokesman Tom Hale`, `White House press
                // secretary Josh Earnest`: the capitalised run.
                m.affil.add_org(doc.text_of(s, p + 1));
                m.pre = s;
            }
        }
    }
    if the(m.pre) {
        m.pre -= 1;
    }
}

/// The end of an organisation name running on in lowercase (`the Porto
/// Velho city council`): up to two lowercase words ending in an
/// organisation head.
fn org_end(doc: &Doc<'_>, e: usize) -> usize {
    let toks = &doc.tokens;
    let lower = |k: usize| {
        k < toks.len() && toks[k].is_word() && !toks[k].is_cap_word()
    };
    let head = |k: usize| lower(k) && toks[k].has(class::ORG_HEAD);
    if head(e) {
        e + 1
    } else if lower(e) && head(e + 1) {
        e + 2
    } else {
        e
    }
}

/// The start of the capitalised run ending at token `p` (at most six
/// words), unless it is only a sentence's first word.
fn cap_run_before(doc: &Doc<'_>, p: usize) -> Option<usize> {
    let toks = &doc.tokens;
    if !toks[p].is_cap_word() {
        return None;
    }
    let mut s = p;
    while s > 0 && toks[s - 1].is_cap_word() && p - s < 6 {
        s -= 1;
    }
    // (Words of a capitalised run: their own classes.)
    if toks[s].has(class::STOP) {
        s += 1;
    }
    let sentence_word = toks[s].is(crate::text::SENT_START)
        && toks[s].has(class::COMMON)
        && s == p;
    (s <= p && !sentence_word).then_some(s)
}

/// Prepositions that link a role to its organisation.
pub(crate) fn is_role_prep(w: &str) -> bool {
    is_role_prep_bytes(w.as_bytes())
}

/// [`is_role_prep`] of a word's bytes.
fn is_role_prep_bytes(w: &[u8]) -> bool {
    matches!(
        w,
        b"at" | b"of" | b"from" | b"for" | b"with" | b"in" | b"on"
    )
}

/// `of [the] ORG` at token `k`: adds the organisation to `m` and returns
/// the token after its name. Always inlined, for the test (the hint alone
/// left it a call): most names are not followed by `of`.
#[inline(always)]
fn of_org(
    doc: &Doc<'_>,
    lex: &Lexicons,
    k: usize,
    m: &mut Mention,
) -> Option<usize> {
    if k + 1 >= doc.tokens.len() || !tok_is(doc, k, "of") {
        return None;
    }
    org_after_of(doc, lex, k, m)
}

/// [`of_org`] after its `of` at token `k`.
fn org_after_of(
    doc: &Doc<'_>,
    lex: &Lexicons,
    k: usize,
    m: &mut Mention,
) -> Option<usize> {
    let toks = &doc.tokens;
    let o = if tok_is(doc, k + 1, "the") {
        k + 2
    } else {
        k + 1
    };
    if !toks.get(o).is_some_and(|t| t.is_cap_word()) {
        return None;
    }
    let e = crate::mention::run_end(doc, lex, o);
    m.affil.add_org(doc.text_of(o, e));
    Some(e)
}

/// The appositive after a name, `of ORG`, and party tags.
fn after(doc: &Doc<'_>, lex: &Lexicons, m: &mut Mention) {
    let toks = &doc.tokens;
    let n = toks.len();
    let mut k = m.tok_end;
    if k >= n {
        return;
    }
    // `Sen. Mary Jones (D-Mass.)`, `Mitch McConnell, R-Ky.,`: a party
    // tag, then perhaps an appositive.
    let bracket = toks[k].is_punct('(');
    if (bracket || toks[k].is_punct(',')) && k + 2 < n {
        // `R-Ky` is one token, `D - N.Y` several. The letter is what
        // stands before the first hyphen: the word itself, or its first
        // byte followed by a hyphen.
        let w = doc.word(k + 1);
        let letter = match w {
            [l] | [l, b'-', ..] => Some(l),
            _ => None,
        };
        let joined = w.len() > 2;
        let party = match letter {
            Some(b'D') => Some("Democratic Party"),
            Some(b'R') => Some("Republican Party"),
            Some(b'I') => Some("independent"),
            _ => None,
        };
        let tagged = party.is_some()
            && (joined
                || toks[k + 2].is_punct('-')
                || (bracket && toks[k + 2].is_punct(')')));
        if let Some(p) = party.filter(|_| tagged) {
            let close = if bracket { ')' } else { ',' };
            let end = toks[k + 2..n.min(k + 10)]
                .iter()
                .position(|t| t.is_punct(close))
                .map(|c| k + 2 + c + 1);
            if let Some(e) = end {
                m.affil.add_org(p);
                m.appos_end = e;
                k = if bracket { e } else { e - 1 };
                if k >= n {
                    return;
                }
            }
        }
    }
    // `coach Peter Lindqvist of Malmö FF`, `Katja Brandt of the
    // University of Lindau`
    if of_org(doc, lex, k, m).is_some() {
        return;
    }
    if !toks[k].is_punct(',') {
        return;
    }
    k += 1;
    // `NAME, 45,`
    if k + 1 < n && toks[k].kind == Kind::Number && toks[k + 1].is_punct(',') {
        m.affil.age = doc.tok(k).parse().ok();
        m.appos_end = k + 2;
        k += 2;
    }
    // `Education researcher Naomi Chebet, of the Institute for Policy
    // Analysis in Ashford,`: the organisation alone.
    if let Some(e) = of_org(doc, lex, k, m) {
        if let Some(c) = (e..n.min(e + 8)).find(|&c| toks[c].is_punct(',')) {
            m.appos_end = c + 1;
        }
        return;
    }
    let mut found = false;
    // The appositive's role is more specific than a title before the
    // name (`Gen. Viktor Sokol, the army chief of staff`).
    let title_role = m.affil.take_role();
    while let Some(next) = role_phrase(doc, lex, k, m) {
        found = true;
        k = next;
        // `a member of X and director of Y`
        if k + 1 < n && tok_is(doc, k, "and") {
            k += 1;
        } else {
            break;
        }
    }
    if !found {
        m.affil.set_role(title_role);
        return;
    }
    // The appositive ends at a comma (kept in the appositive), running on
    // over what qualifies the organisation (`at New York University's
    // law school,`), or where a cue or the sentence end follows.
    let mut e = k;
    while e < n && e - k < 15 {
        let t = &toks[e];
        if t.is_punct(',') {
            k = e;
            break;
        }
        if t.kind == Kind::Punct
            && (crate::text::is_terminal(t.ch)
                || crate::text::is_opener(t.ch)
                || crate::text::is_closer(t.ch))
        {
            break;
        }
        if t.is_word() && t.has(class::CUE) {
            break;
        }
        e += 1;
    }
    if k < n && toks[k].is_punct(',') {
        k += 1;
    }
    m.appos_end = k;
}

/// One `ROLE (prep ORG)` at token `k`; returns the token after it.
fn role_phrase(
    doc: &Doc<'_>,
    lex: &Lexicons,
    mut k: usize,
    m: &mut Mention,
) -> Option<usize> {
    let toks = &doc.tokens;
    let n = toks.len();
    let limit = n.min(k + 40);
    if k < limit && matches!(doc.word(k), b"who" | b"which") {
        // `who chairs the committee`
        let role = match doc.tok((k + 1).min(limit - 1)) {
            "chairs" => "chair",
            "heads" | "runs" => "head",
            "leads" => "leader",
            "directs" => "director",
            "founded" => "founder",
            "co-founded" => "co-founder",
            _ => return None,
        };
        k += 2;
        if k < limit && tok_is(doc, k, "the") {
            k += 1;
        }
        if k < limit && toks[k].is_cap_word() {
            let e = crate::mention::run_end(doc, lex, k);
            m.affil.add_role(role);
            m.affil.add_org(doc.text_of(k, e));
            return Some(e);
        }
        return None;
    }
    // `NAME, now a commentator for X`
    if k < limit
        && matches!(doc.word(k), b"now" | b"also" | b"formerly" | b"currently")
    {
        k += 1;
    }
    if k < limit && matches!(doc.word(k), b"a" | b"an" | b"the") {
        k += 1;
    }
    let start = k;
    let mut org_before: Option<(usize, usize)> = None;
    let mut head = None;
    // Role words up to a preposition, a comma or the end.
    while k < limit && k - start < 8 {
        let t = &toks[k];
        if t.kind == Kind::Punct {
            if head.is_some() && punct_char(doc.text, t) == '-' {
                k += 1;
                continue;
            }
            break;
        }
        let b = doc.word(k);
        if head.is_some() && is_role_prep_bytes(b) {
            break;
        }
        if matches!(b, b"and" | b"who" | b"said" | b"says" | b"told") {
            break;
        }
        let pl = possessive_len(doc.word(k));
        if pl > 0 {
            // `the union's general secretary`
            org_before = Some((k, pl));
            k += 1;
            continue;
        }
        if is_role(doc, lex, k) {
            head = Some(k);
        } else if t.is_cap_word() && head.is_none() {
            // `the Kremlin spokesman`, `a Russian expert`
        } else if class_at(doc, lex, k) & (class::CUE | class::STOP) != 0 {
            break;
        }
        k += 1;
    }
    // No role word: a short noun phrase after an article, ending the
    // appositive in an agent noun (`Aiko Tanaka, an election monitor.`),
    // is taken as the role all the same.
    let head = match head {
        Some(h) => h,
        None => {
            // (The article first: most appositives have none, and then
            // the rest is not read.)
            let det = start > 0
                && matches!(doc.word(start - 1), b"a" | b"an" | b"the");
            if !det {
                return None;
            }
            let ends = k >= limit
                || toks[k].is_punct(',')
                || is_role_prep_bytes(doc.word(k))
                || (toks[k].kind == Kind::Punct
                    && crate::text::is_terminal(toks[k].ch));
            let last = k.checked_sub(1)?;
            let w = doc.word(last);
            let noun = last >= start
                && last - start < 3
                && toks[last].is_word()
                && !toks[last].is_cap_word()
                && !toks[last].has(class::STOP)
                && [&b"er"[..], b"or", b"ist", b"ian", b"ant", b"ent", b"ee"]
                    .iter()
                    .any(|s| w.len() > s.len() + 2 && w.ends_with(s));
            if !(ends && noun) {
                return None;
            }
            last
        }
    };
    // The role: modifiers and head, without a leading organisation or
    // nationality.
    // A possessive after the head (`director of the union's ...`) is not
    // the head's owner.
    if org_before.is_some_and(|(p, _)| p >= head) {
        org_before = None;
    }
    let mut rs = org_before.map_or(start, |(p, _)| p + 1);
    let mut org_words = None;
    while rs < head && toks[rs].is_cap_word() && !toks[rs].has(class::TITLE) {
        rs += 1;
    }
    if rs > start && org_before.is_none() {
        org_words = Some((start, rs));
    }
    let role = doc.text_of(rs, head + 1);
    let mut k = head + 1;
    // `professor of economics at Yale University`
    let mut role_end = head;
    let mut org = None;
    while k < limit && k - head < 12 {
        if !is_role_prep_bytes(doc.word(k)) {
            break;
        }
        let mut o = k + 1;
        if o < limit && tok_is(doc, o, "the") {
            o += 1;
        }
        if o < limit && toks[o].is_cap_word() {
            let e = org_end(doc, crate::mention::run_end(doc, lex, o));
            org = Some((o, e));
            k = e;
            break;
        }
        // A lowercase complement stays in the role.
        let mut e = o;
        while e < limit
            && toks[e].is_word()
            && !toks[e].is_cap_word()
            && !is_role_prep_bytes(doc.word(e))
            && e - o < 4
        {
            e += 1;
        }
        if e == o {
            break;
        }
        role_end = e - 1;
        k = e;
    }
    let role = if role_end > head {
        doc.text_of(rs, role_end + 1)
    } else {
        role
    };
    m.affil.add_role(role);
    if let Some((o, e)) = org {
        m.affil.add_org(doc.text_of(o, e));
    } else if let Some((p, pl)) = org_before {
        let w = doc.tok(p);
        m.affil.add_org(&w[..w.len() - pl]);
    } else if let Some((s, e)) = org_words {
        let w = doc.text_of(s, e);
        if let Some(c) = lex.nationalities.get(w) {
            m.affil.country = Some(c.clone());
        }
        m.affil.add_org(place_org(lex, w));
    }
    Some(k)
}

#[cfg(test)]
mod tests {
    use super::{has_hyphen, has_part};
    use crate::lexicon::Lexicons;

    #[test]
    fn hyphen_found_at_every_place() {
        for n in 0..20 {
            assert!(!has_hyphen("x".repeat(n).as_bytes()));
            for at in 0..n {
                let mut w = vec![b'x'; n];
                w[at] = b'-';
                assert!(has_hyphen(&w), "{n} {at}");
            }
        }
        assert!(!has_hyphen("–é".as_bytes()));
    }

    #[test]
    fn parts_as_split_finds_them() {
        for list in ["", "a", "a; b", "a; ", "; a", "a;b; c", "a; ; b"] {
            for part in ["", "a", "b", "c", "a;b", "a; b", " b"] {
                let split = list.split("; ").any(|p| p == part);
                assert_eq!(has_part(list, part), split, "{list:?} {part:?}");
            }
        }
    }
    use crate::mention::find_names;
    use crate::text::{segment, split_sentences};

    /// (name, role, organisation) of every name in `text`.
    fn affil(text: &str) -> Vec<(String, String, String)> {
        let lex = Lexicons::default_lexicons();
        let mut d = segment(text, &lex);
        split_sentences(&mut d, &[], &lex);
        find_names(&d, &lex)
            .into_iter()
            .map(|mut m| {
                (
                    text[m.span].to_string(),
                    m.affil.take_role().unwrap_or_default(),
                    m.affil.take_org().unwrap_or_default(),
                )
            })
            .collect()
    }

    /// (role, organisation) of `name` in `text`.
    fn of(text: &str, name: &str) -> (String, String) {
        let all = affil(text);
        let (_, r, o) = all
            .into_iter()
            .find(|(n, _, _)| n == name)
            .unwrap_or_default();
        (r, o)
    }

    #[test]
    fn appositives() {
        assert_eq!(
            of(
                "Cui Heng, a post-doctoral researcher at the Center for \
                 Russian Studies of East China Normal University, said so.",
                "Cui Heng"
            ),
            (
                "post-doctoral researcher".into(),
                "Center for Russian Studies of East China Normal University"
                    .into()
            )
        );
        assert_eq!(
            of("Aiko Tanaka, an election monitor, said so.", "Aiko Tanaka"),
            ("election monitor".into(), "".into())
        );
        assert_eq!(
            of(
                "Ana Lopes, a spokeswoman for the Porto Velho city council, \
                 said so.",
                "Ana Lopes"
            ),
            ("spokeswoman".into(), "Porto Velho city council".into())
        );
        // A clause is not an appositive.
        assert_eq!(
            of(
                "According to Anna Berg, the port will reopen on Monday.",
                "Anna Berg"
            ),
            ("".into(), "".into())
        );
    }

    #[test]
    fn titles_and_words_before_the_name() {
        assert_eq!(
            of("US Secretary of State Marcus Hale spoke.", "Marcus Hale"),
            ("Secretary of State".into(), "US".into())
        );
        assert_eq!(
            of("Chinese President Xi Jinping spoke.", "Xi Jinping"),
            ("President".into(), "China".into())
        );
        assert_eq!(
            of(
                "IMF chief economist Maury Obstfeld spoke.",
                "Maury Obstfeld"
            ),
            ("chief economist".into(), "IMF".into())
        );
        assert_eq!(
            of("Sen. Mary Jones (D-Mass.) spoke.", "Mary Jones"),
            ("Senator".into(), "Democratic Party".into())
        );
    }
}
