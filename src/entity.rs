//! Entities: mentions clustered into speakers, in one forward pass.
//!
//! Full names found first (so a surname may link forward to a full name
//! given later, after a headline); then, in text order: a surname or
//! given name links to the most recent person who has it, a pronoun to
//! the most recent fitting person, a definite description to the most
//! recent person whose role, nationality or age fits (no fit, no link),
//! an organisation's short form (`the ministry`, an acronym, `the Post`)
//! to the organisation it shortens.

use crate::affiliation::Affiliation;
use crate::attribute::{Raw, SrcKind};
use crate::lexicon::{class, hash_key, Gender, KeyTable, Lexicons};
use crate::mention::{Mention, NameKind};
use crate::model::{Speaker, SpeakerKind, SpeakerRef};
use crate::span::Span;
use crate::text::Doc;

/// How many recent people pronouns and descriptions may reach back to.
const RECENT: usize = 16;

#[derive(Debug)]
struct Entity {
    name: String,
    kind: SpeakerKind,
    mentions: Vec<Span>,
    affil: Affiliation,
    gender: Gender,
    /// Evidence that it is worth listing: quoted, given name, honorific,
    /// title, affiliation, several mentions.
    solid: bool,
    quotes: Vec<usize>,
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

/// Calls `f` with the folded key of a name ([`fold_name`]). Folds on the
/// stack for names of usual length, so that look-ups do not allocate.
fn with_key<R>(s: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    let mut stack = [0u8; 96];
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

/// A folded name with its hash.
#[derive(Clone, Copy)]
struct Key<'k> {
    hash: u64,
    bytes: &'k [u8],
}

impl<'k> Key<'k> {
    fn new(bytes: &'k [u8]) -> Key<'k> {
        Key {
            hash: hash_key(bytes),
            bytes,
        }
    }
}

/// The folded keys of a name mention, folded once: the whole name, its
/// first and its last word, and how many words it has.
struct NameKeys<'k> {
    full: Key<'k>,
    first: Key<'k>,
    last: Key<'k>,
    words: usize,
}

/// Folds every mention's text into one arena; `(start, end)` of each.
fn fold_mentions(doc: &Doc<'_>, names: &[Mention]) -> (Vec<u8>, Vec<Span>) {
    let mut arena = Vec::with_capacity(names.len() * 12);
    let mut spans = Vec::with_capacity(names.len());
    for m in names {
        let start = arena.len();
        fold_name(&doc.text[m.span], |b| arena.push(b));
        spans.push(Span::new(start, arena.len()));
    }
    (arena, spans)
}

impl<'k> NameKeys<'k> {
    fn of(key: &'k [u8]) -> NameKeys<'k> {
        // The folded words are separated by single spaces, and folding
        // never makes a space: the words of the name are the pieces.
        let first_end = key.iter().position(|&b| b == b' ');
        let last_start = key.iter().rposition(|&b| b == b' ');
        let words = if key.is_empty() {
            0
        } else {
            key.iter().filter(|&&b| b == b' ').count() + 1
        };
        NameKeys {
            full: Key::new(key),
            first: Key::new(&key[..first_end.unwrap_or(key.len())]),
            last: Key::new(&key[last_start.map_or(0, |i| i + 1)..]),
            words,
        }
    }
}

/// Entities by folded name.
#[derive(Default)]
struct NameMap(KeyTable<usize>);

impl NameMap {
    fn get(&self, name: &str) -> Option<usize> {
        with_key(name, |k| self.0.get(k).copied())
    }

    fn get_key(&self, k: Key<'_>) -> Option<usize> {
        self.0.get_hashed(k.hash, k.bytes).copied()
    }

    fn insert(&mut self, name: &str, id: usize) {
        with_key(name, |k| self.0.insert_hashed(hash_key(k), k, id));
    }

    fn insert_key(&mut self, k: Key<'_>, id: usize) {
        self.0.insert_hashed(k.hash, k.bytes, id);
    }

    /// Inserts unless the name is there already.
    fn add(&mut self, name: &str, id: usize) {
        with_key(name, |k| self.0.add_hashed(hash_key(k), k, id));
    }

    fn add_key(&mut self, k: Key<'_>, id: usize) {
        self.0.add_hashed(k.hash, k.bytes, id);
    }
}

/// The canonical form of a name as written: single spaces, no quoted
/// nickname (`Patrick “Paddy” Quinlan` is Patrick Quinlan), no leading
/// article for an organisation (`the National Statistics Office`), and
/// and, with `lower_first`, the first letter of a description or group
/// in lowercase as it would stand mid-sentence (`A spokeswoman for the
/// ministry`, `Analysts`). Never empty.
fn canonical(name: &str, kind: SpeakerKind, lower_first: bool) -> String {
    let nickname = |w: &str| {
        w.starts_with(['"', '“', '‘', '\'']) || w.ends_with(['"', '”', '’'])
    };
    let mut name = name.trim();
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
    let join = |words: &mut dyn Iterator<Item = &str>| {
        let mut n = String::with_capacity(name.len());
        for w in words {
            if !n.is_empty() {
                n.push(' ');
            }
            n.push_str(w);
        }
        n
    };
    let mut n = join(&mut name.split_whitespace().filter(|w| !nickname(w)));
    if n.is_empty() {
        n = join(&mut name.split_whitespace());
    }
    if n.is_empty() {
        n = String::from("unnamed");
    }
    if lower_first {
        let mut chars = n.chars();
        if let Some(first) = chars.next() {
            // Not an acronym: `A spokeswoman`, `Analysts`.
            let second_lower =
                chars.next().is_none_or(|c| c.is_lowercase() || c == ' ');
            if first.is_uppercase() && second_lower {
                n = first
                    .to_lowercase()
                    .chain(n[first.len_utf8()..].chars())
                    .collect();
            }
        }
    }
    n
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

fn last_word(s: &str) -> &str {
    s.split_whitespace().last().unwrap_or(s)
}

fn first_word(s: &str) -> &str {
    s.split_whitespace().next().unwrap_or(s)
}

/// Initials of an organisation's capitalised words: `International
/// Monetary Fund` → `imf`.
fn acronym(s: &str) -> String {
    s.split_whitespace()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .flat_map(char::to_lowercase)
        .collect()
}

struct Builder<'a> {
    lex: &'a Lexicons,
    ents: Vec<Entity>,
    by_full: NameMap,
    by_surname: NameMap,
    by_first: NameMap,
    first_full_by_surname: NameMap,
    org_by_word: NameMap,
    by_key: NameMap,
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

impl<'a> Builder<'a> {
    fn new_entity(&mut self, name: &str, kind: SpeakerKind) -> usize {
        self.new_entity_lower(name, kind, false)
    }

    /// A new entity whose name's first letter is lowercased when
    /// `lower_first` (a description capitalised by its sentence).
    fn new_entity_lower(
        &mut self,
        name: &str,
        kind: SpeakerKind,
        lower_first: bool,
    ) -> usize {
        let id = self.ents.len();
        self.ents.push(Entity {
            name: canonical(name, kind, lower_first),
            kind,
            mentions: Vec::new(),
            affil: Affiliation::default(),
            gender: Gender::Unknown,
            solid: false,
            quotes: Vec::new(),
        });
        id
    }

    fn touch(&mut self, id: usize, span: Span) {
        if self.ents[id].kind == SpeakerKind::Organization {
            self.last_org = Some(id);
            if !self.recent_orgs.contains(&id) {
                if self.recent_orgs.len() == RECENT {
                    self.recent_orgs.remove(0);
                }
                self.recent_orgs.push(id);
            }
        }
        if self.ents[id].mentions.last() != Some(&span) {
            self.ents[id].mentions.push(span);
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

    /// Pass 1: an entity per distinct full name and organisation.
    fn full_names(
        &mut self,
        doc: &Doc<'_>,
        names: &[Mention],
        keys: &[NameKeys<'_>],
    ) {
        for (m, k) in names.iter().zip(keys) {
            let text = &doc.text[m.span];
            let kind = match m.kind {
                NameKind::Org => SpeakerKind::Organization,
                NameKind::Person if k.words >= 2 => SpeakerKind::Person,
                _ => continue,
            };
            if self.by_full.get_key(k.full).is_some() {
                continue;
            }
            let id = self.new_entity(text, kind);
            self.by_full.insert_key(k.full, id);
            if kind == SpeakerKind::Person {
                self.first_full_by_surname.add_key(k.last, id);
            }
        }
    }

    /// Pass 2 step: the entity of a name mention.
    fn name(
        &mut self,
        doc: &Doc<'_>,
        m: &Mention,
        k: &NameKeys<'_>,
        is_source: bool,
    ) -> Option<usize> {
        let text = &doc.text[m.span];
        let words = k.words;
        let id = if m.kind == NameKind::Org {
            let short = self.org_by_word.get_key(k.full);
            let mut id = match self.by_full.get_key(k.full) {
                Some(id) if words > 1 || short.is_none() => id,
                _ => short.or_else(|| self.by_full.get_key(k.full))?,
            };
            // `the Lorne Institute` after `the Lorne Institute of Tropical
            // Medicine`: the longer name, seen first, is the same body.
            if words > 1 && self.ents[id].mentions.is_empty() {
                let longer =
                    self.recent_orgs.iter().rev().copied().find(|&o| {
                        let n = &self.ents[o].name;
                        o != id
                            && n.len() > text.len() + 1
                            && n.is_char_boundary(text.len())
                            && n[..text.len()].eq_ignore_ascii_case(text)
                            && n.as_bytes()[text.len()] == b' '
                    });
                if let Some(o) = longer {
                    id = o;
                }
            }
            // Short forms, on first sight: last word (`the Post`), head
            // word (`the ministry`), acronym.
            if words > 1 && self.ents[id].mentions.is_empty() {
                let name = std::mem::take(&mut self.ents[id].name);
                self.org_by_word.add(last_word(&name), id);
                let a = acronym(&name);
                if a.len() >= 2 {
                    self.org_by_word.add(&a, id);
                }
                for w in name.split_whitespace() {
                    if self.lex.org_heads.contains(w) {
                        self.org_by_word.insert(w, id);
                    }
                }
                self.ents[id].name = name;
            }
            self.ents[id].solid = true;
            id
        } else if words >= 2 && m.kind == NameKind::Person {
            // `Hillary Clinton` after `Hillary Rodham Clinton`; `Van der
            // Berg` after `Katrin van der Berg`.
            let id = match self.by_surname.get_key(k.last) {
                Some(e)
                    if self.ents[e].kind == SpeakerKind::Person
                        && (first_word(&self.ents[e].name)
                            .eq_ignore_ascii_case(first_word(text))
                            || ends_with_name(&self.ents[e].name, text)) =>
                {
                    e
                }
                _ => self.by_full.get_key(k.full)?,
            };
            self.by_surname.insert_key(k.last, id);
            self.by_first.insert_key(k.first, id);
            if self.lex.first_names.contains(first_word(text)) {
                self.ents[id].solid = true;
            }
            id
        } else {
            // One word: a surname, a given name, or someone named once.
            let found = self
                .by_surname
                .get_key(k.full)
                .or_else(|| self.by_first.get_key(k.full))
                .or_else(|| self.first_full_by_surname.get_key(k.full))
                .or_else(|| self.by_key.get_key(k.full));
            match found {
                Some(id) => id,
                None => {
                    if m.kind == NameKind::Single && !is_source {
                        return None;
                    }
                    let id = self.new_entity(text, SpeakerKind::Person);
                    self.by_key.insert_key(k.full, id);
                    self.by_surname.insert_key(k.full, id);
                    id
                }
            }
        };
        let e = &mut self.ents[id];
        if m.gender != Gender::Unknown {
            e.gender = m.gender;
        }
        if m.lead < m.tok_start || m.affil != Affiliation::default() {
            e.solid = true;
        }
        e.affil.merge(&m.affil);
        if e.gender == Gender::Unknown {
            if let Some(role) = &e.affil.role {
                if let Some(&g) = self.lex.roles.get(last_word(role)) {
                    e.gender = g;
                }
            }
        }
        // `the union's general secretary`: the union named before; `the
        // company's chief executive`: the organisation named last.
        let named = self.ents[id].affil.org.as_deref().and_then(|org| {
            let lower =
                !org.contains(' ') && org.chars().all(char::is_lowercase);
            lower.then(|| self.org_of_noun(org, true)).flatten()
        });
        if let Some(o) = named {
            self.ents[id].affil.org = Some(self.ents[o].name.clone());
        }
        self.touch(id, m.span);
        Some(id)
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
                    self.ents[e]
                        .mentions
                        .last()
                        .is_some_and(|m| m.start >= from)
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
        self.org_by_word.get(w).or(if definite && generic {
            self.last_org
        } else {
            None
        })
    }

    /// A description, a group or an organisation's short form.
    fn description(
        &mut self,
        doc: &Doc<'_>,
        kind: SrcKind,
        span: Span,
        head: Span,
        affil: &Affiliation,
    ) -> usize {
        let text = &doc.text[span];
        let head_w = &doc.text[head];
        let definite = matches!(first_word(text), "the" | "The");
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
                let expert = self.lex.experts.contains(head_w);
                let found = self.recent.iter().rev().copied().find(|&e| {
                    let ent = &self.ents[e];
                    let role_words = || {
                        ent.affil.role.as_deref().into_iter().flat_map(|r| {
                            r.split(|c: char| !c.is_alphanumeric() && c != '-')
                        })
                    };
                    // `the expert` for a senior research fellow.
                    let role_fit = role_words().any(|w| {
                        w.eq_ignore_ascii_case(head_w)
                            || expert && self.lex.experts.contains(w)
                    });
                    let age_fit = age.is_some() && ent.affil.age == age;
                    let gender_fit = match self.lex.roles.get(head_w) {
                        Some(&g) if g != Gender::Unknown => ent.gender == g,
                        _ => false,
                    };
                    let generic = matches!(head_w, "man" | "woman");
                    let country_ok = country.is_none_or(|c| {
                        ent.affil.country.as_deref() == Some(c)
                            || ent.affil.org.as_deref() == Some(c)
                            // The field of an expert, or an unknown
                            // country.
                            || expert && ent.affil.country.is_none()
                    });
                    country_ok
                        && (role_fit || age_fit || (generic && gender_fit))
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
        if let Some(id) = self.by_key.get(text) {
            if kind == SrcKind::Group || definite {
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
        let first = first_word(text);
        let c = self.lex.class_of(first);
        let lower_first = c
            & (class::STOP | class::COMMON | class::GROUP | class::ROLE)
            != 0
            && c & (class::FIRST_NAME | class::PLACE | class::NATIONALITY)
                == 0
            && !matches!(first, "Democrats" | "Republicans")
            // `Insurers said`: the head noun itself.
            || (first == head_w && first.ends_with('s'));
        let id = self.new_entity_lower(text, sk, lower_first);
        self.ents[id].affil = affil.clone();
        self.ents[id].solid = true;
        if let Some(&g) = self.lex.roles.get(head_w) {
            self.ents[id].gender = g;
        }
        self.by_key.insert(text, id);
        self.touch(id, span);
        id
    }
}

/// Clusters the mentions and resolves every statement's source.
pub(crate) fn resolve(
    doc: &Doc<'_>,
    lex: &Lexicons,
    names: &[Mention],
    raws: &[Raw],
) -> (Vec<Speaker>, Vec<Option<SpeakerRef>>) {
    let mut b = Builder {
        lex,
        ents: Vec::new(),
        by_full: NameMap::default(),
        by_surname: NameMap::default(),
        by_first: NameMap::default(),
        first_full_by_surname: NameMap::default(),
        org_by_word: NameMap::default(),
        by_key: NameMap::default(),
        recent: Vec::with_capacity(RECENT + 1),
        last_speaker: None,
        last_source_at: 0,
        last_org: None,
        recent_orgs: Vec::with_capacity(RECENT),
    };
    let (arena, spans) = fold_mentions(doc, names);
    let keys: Vec<NameKeys<'_>> = spans
        .iter()
        .map(|s| NameKeys::of(&arena[s.start..s.end]))
        .collect();
    b.full_names(doc, names, &keys);
    // Which names are sources.
    let mut source_of = vec![false; names.len()];
    for r in raws {
        if let Some(s) = &r.source {
            if let SrcKind::Name(m) = s.kind {
                source_of[m] = true;
            }
        }
    }
    let mut name_ent: Vec<Option<usize>> = vec![None; names.len()];
    let mut refs: Vec<Option<SpeakerRef>> = vec![None; raws.len()];
    // Sources in text order of their mention, interleaved with names.
    let mut order: Vec<(usize, usize)> = raws
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.source.as_ref().map(|s| (s.span.start, i)))
        .collect();
    order.sort_unstable();
    let mut ni = 0;
    let mut next_name =
        |b: &mut Builder<'_>,
         upto: usize,
         name_ent: &mut Vec<Option<usize>>| {
            while ni < names.len() && names[ni].span.start <= upto {
                name_ent[ni] =
                    b.name(doc, &names[ni], &keys[ni], source_of[ni]);
                ni += 1;
            }
        };
    for (pos, ri) in order {
        next_name(&mut b, pos, &mut name_ent);
        let Some(src) = &raws[ri].source else {
            continue;
        };
        let id = match src.kind {
            SrcKind::Name(m) => match name_ent[m] {
                // `who`: a mention of its own.
                Some(id) => {
                    if src.span != names[m].span {
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
            kind => b.description(doc, kind, src.span, src.head, &src.affil),
        };
        b.last_speaker = Some(id);
        b.last_source_at = src.span.start;
        refs[ri] = Some(SpeakerRef {
            index: id,
            mention: src.span,
        });
    }
    next_name(&mut b, usize::MAX, &mut name_ent);
    // Continuations take the speaker of the statement they continue.
    for i in 0..raws.len() {
        if refs[i].is_none() {
            if let Some(p) = raws[i].inherit {
                refs[i] = refs.get(p).copied().flatten();
            }
        }
        // A speaker's mention never lies inside the statement itself (a
        // rule that reached into a quotation found a name of the quote).
        if refs[i].is_some_and(|r| r.mention.overlaps(raws[i].span)) {
            refs[i] = None;
        }
        if let Some(r) = refs[i] {
            b.ents[r.index].quotes.push(i);
            b.ents[r.index].solid = true;
        }
    }
    // Keep the entities worth listing, in order of first mention.
    let mut ids: Vec<usize> = (0..b.ents.len())
        .filter(|&i| b.ents[i].solid && !b.ents[i].mentions.is_empty())
        .collect();
    ids.sort_by_key(|&i| b.ents[i].mentions[0].start);
    let mut new_index = vec![usize::MAX; b.ents.len()];
    for (n, &i) in ids.iter().enumerate() {
        new_index[i] = n;
    }
    for r in refs.iter_mut().flatten() {
        r.index = new_index[r.index];
    }
    let ents = std::mem::take(&mut b.ents);
    let mut speakers: Vec<Option<Speaker>> = ents
        .into_iter()
        .map(|mut e| {
            e.mentions.sort_unstable();
            e.mentions.dedup();
            Some(Speaker {
                name: e.name,
                kind: e.kind,
                mentions: e.mentions,
                role: e.affil.role,
                organization: e.affil.org,
                quotes: e.quotes,
            })
        })
        .collect();
    let out = ids.iter().filter_map(|&i| speakers[i].take()).collect();
    (out, refs)
}
