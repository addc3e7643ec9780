//! The output types: quotes, cues, speakers.

use std::fmt;
use std::ops::{Deref, Index, Range};
use std::sync::Arc;

use crate::span::Span;

/// How a statement is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum QuoteKind {
    /// Entirely inside quotation marks: `“We will win,” she said.`
    Direct,
    /// Reported speech holding quoted fragments:
    /// `She said the plan was “dead on arrival” in its current form.`
    Mixed,
    /// Reported speech without quotation marks:
    /// `She said that the plan would fail.`
    Indirect,
}

impl QuoteKind {
    /// The lowercase name used in the JSON output: `direct`, `mixed`,
    /// `indirect`.
    pub fn as_str(&self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// What kind of act a cue reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum CueClass {
    /// Spoken: said, told, noted, added, warned, asked.
    Speech,
    /// Written: wrote, tweeted, posted, emailed.
    Writing,
    /// Reported by an outlet or body: reported, announced, has learned.
    Report,
    /// `according to`.
    According,
    /// Thought rather than said: believes, thinks, fears. Off by default;
    /// see [`AttributorBuilder::cognition`](crate::AttributorBuilder::cognition).
    Cognition,
    /// A finding of a document or poll: the report found, the poll shows.
    /// Off by default; see
    /// [`AttributorBuilder::documents`](crate::AttributorBuilder::documents).
    Document,
}

impl CueClass {
    /// The lowercase name used in the JSON output.
    pub fn as_str(&self) -> &'static str {
        match self {
            CueClass::Speech => "speech",
            CueClass::Writing => "writing",
            CueClass::Report => "report",
            CueClass::According => "according",
            CueClass::Cognition => "cognition",
            CueClass::Document => "document",
        }
    }
}

/// The words that mark a statement as reported: `said`, `told`,
/// `according to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Cue {
    pub(crate) span: Span,
    pub(crate) class: CueClass,
}

impl Cue {
    /// Where the cue stands in the text.
    pub fn span(&self) -> Span {
        self.span
    }

    /// What kind of act it reports.
    pub fn class(&self) -> CueClass {
        self.class
    }
}

/// The link from a quote to its speaker: which speaker, and the mention
/// ("she", "Cui", "the minister") through which it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SpeakerRef {
    pub(crate) index: usize,
    pub(crate) mention: Span,
}

impl SpeakerRef {
    /// Index of the speaker in [`Attribution::speakers`].
    pub fn index(&self) -> usize {
        self.index
    }

    /// The mention the quote was attributed through.
    pub fn mention(&self) -> Span {
        self.mention
    }
}

/// One reported statement.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Quote {
    pub(crate) span: Span,
    pub(crate) kind: QuoteKind,
    pub(crate) cue: Option<Cue>,
    pub(crate) speaker: Option<SpeakerRef>,
    pub(crate) confidence: f32,
    pub(crate) sieve: &'static str,
    pub(crate) fragments: Vec<Span>,
}

impl Quote {
    /// The content: for a direct quote the text between the quotation
    /// marks, for reported speech the reported clause without the cue, the
    /// speaker and a complementiser "that".
    pub fn span(&self) -> Span {
        self.span
    }

    /// Direct, mixed or indirect.
    pub fn kind(&self) -> QuoteKind {
        self.kind
    }

    /// The cue that introduces the statement, where there is one.
    pub fn cue(&self) -> Option<Cue> {
        self.cue
    }

    /// The speaker, where one was found.
    pub fn speaker(&self) -> Option<SpeakerRef> {
        self.speaker
    }

    /// How sure the attribution is, from 0 to 1; follows from the sieve.
    pub fn confidence(&self) -> f32 {
        self.confidence
    }

    /// The name of the rule that found the speaker (or `"none"`): for
    /// tests and error analysis.
    pub fn sieve(&self) -> &'static str {
        self.sieve
    }

    /// For a mixed quote, the spans of its quoted fragments (without the
    /// marks); empty otherwise.
    pub fn fragments(&self) -> &[Span] {
        &self.fragments
    }
}

/// What a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum SpeakerKind {
    /// A named person.
    Person,
    /// A named organisation, outlet or body.
    Organization,
    /// One person who is not named: "a spokeswoman for the ministry".
    Unnamed,
    /// Several people: "officials", "sources close to the talks".
    Group,
}

impl SpeakerKind {
    /// The lowercase name used in the JSON output.
    pub fn as_str(&self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Organization => "organization",
            SpeakerKind::Unnamed => "unnamed",
            SpeakerKind::Group => "group",
        }
    }
}

/// A person, organisation or unnamed source of the article, with all its
/// mentions and its affiliation.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Speaker {
    // The name and the two lists are pieces of buffers that the speakers
    // of one text share: three allocations a text instead of two or three
    // a speaker (prof 10: 4,710 allocations in all, 0.8M instructions,
    // and as many frees when the caller drops the attribution).
    pub(crate) name: Shared<str>,
    pub(crate) kind: SpeakerKind,
    pub(crate) mentions: Shared<[Span]>,
    pub(crate) role: Option<String>,
    pub(crate) organization: Option<String>,
    pub(crate) quotes: Shared<[usize]>,
}

/// The piece `at` of a buffer shared by the speakers of one text.
pub(crate) struct Shared<T: ?Sized> {
    pub(crate) all: Arc<T>,
    pub(crate) at: Span,
}

/// Another handle on the same buffer (a derive would ask `T: Clone`).
impl<T: ?Sized> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared {
            all: Arc::clone(&self.all),
            at: self.at,
        }
    }
}

/// Reads as its piece.
impl<T: ?Sized + Index<Range<usize>, Output = T>> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.all[self.at.into()]
    }
}

/// Compares, prints and serializes as its piece (so `Speaker` derives
/// what a `String` and two `Vec`s would give).
impl<T> PartialEq for Shared<T>
where
    T: ?Sized + PartialEq + Index<Range<usize>, Output = T>,
{
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T> fmt::Debug for Shared<T>
where
    T: ?Sized + fmt::Debug + Index<Range<usize>, Output = T>,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

#[cfg(feature = "serde")]
impl<T> serde::Serialize for Shared<T>
where
    T: ?Sized + serde::Serialize + Index<Range<usize>, Output = T>,
{
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

impl Speaker {
    /// A speaker of its own lists, not shared: for tests.
    #[cfg(test)]
    pub(crate) fn new(
        name: &str,
        kind: SpeakerKind,
        mentions: &[Span],
        role: Option<String>,
        organization: Option<String>,
        quotes: &[usize],
    ) -> Speaker {
        Speaker {
            name: Shared {
                all: Arc::from(name),
                at: Span::new(0, name.len()),
            },
            kind,
            mentions: Shared {
                all: Arc::from(mentions),
                at: Span::new(0, mentions.len()),
            },
            role,
            organization,
            quotes: Shared {
                all: Arc::from(quotes),
                at: Span::new(0, quotes.len()),
            },
        }
    }

    /// The canonical name: the fullest form the article gives ("Cui
    /// Heng"), or the description of an unnamed source ("a spokeswoman
    /// for the Ministry of Health").
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Person, organisation, unnamed or group.
    pub fn kind(&self) -> SpeakerKind {
        self.kind
    }

    /// Every mention, in text order.
    pub fn mentions(&self) -> &[Span] {
        &self.mentions
    }

    /// The role, as the article gives it: "post-doctoral researcher".
    pub fn role(&self) -> Option<&str> {
        self.role.as_deref()
    }

    /// The organisation: "Center for Russian Studies of East China Normal
    /// University".
    pub fn organization(&self) -> Option<&str> {
        self.organization.as_deref()
    }

    /// Indexes into [`Attribution::quotes`] of the quotes attributed to
    /// this speaker, in text order.
    pub fn quotes(&self) -> &[usize] {
        &self.quotes
    }

    /// Whether the article quotes this speaker at all.
    pub fn is_quoted(&self) -> bool {
        !self.quotes().is_empty()
    }
}

/// Who said what in one text: the quotes in text order and the speakers in
/// order of first mention.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Attribution {
    pub(crate) quotes: Vec<Quote>,
    pub(crate) speakers: Vec<Speaker>,
}

impl Attribution {
    /// The quotes, sorted by position; they do not overlap.
    pub fn quotes(&self) -> &[Quote] {
        &self.quotes
    }

    /// Every person, organisation and source the article names or quotes.
    pub fn speakers(&self) -> &[Speaker] {
        &self.speakers
    }

    /// The speaker of `quote`, where it has one.
    pub fn speaker_of(&self, quote: &Quote) -> Option<&Speaker> {
        quote.speaker.and_then(|r| self.speakers.get(r.index))
    }

    /// Takes the attribution apart.
    pub fn into_parts(self) -> (Vec<Quote>, Vec<Speaker>) {
        (self.quotes, self.speakers)
    }
}
