//! The entry point: an immutable [`Attributor`] and its builder.

use std::sync::Arc;

use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::model::{Attribution, CueClass};

/// Finds who said what. Built once, then shared: it is immutable,
/// `Send + Sync`, and cloning it is cheap (an `Arc`).
///
/// ```
/// use whosaid::Attributor;
///
/// let attributor = Attributor::new();
/// let text = "“We are ready,” said Maria Keller, a spokeswoman for the \
///             Port Authority.";
/// let result = attributor.attribute(text);
/// let quote = &result.quotes()[0];
/// assert_eq!(&text[quote.span()], "We are ready,");
/// let speaker = result.speaker_of(quote).unwrap();
/// assert_eq!(speaker.name(), "Maria Keller");
/// assert_eq!(speaker.role(), Some("spokeswoman"));
/// assert_eq!(speaker.organization(), Some("Port Authority"));
/// ```
#[derive(Clone, Debug)]
pub struct Attributor {
    inner: Arc<Config>,
}

/// Everything `attribute` reads: compiled once in `build`.
#[derive(Debug)]
pub(crate) struct Config {
    pub(crate) lex: Lexicons,
    pub(crate) cognition: bool,
    pub(crate) documents: bool,
    pub(crate) segment_len: usize,
}

impl Attributor {
    /// An attributor with the default options and lexicons.
    pub fn new() -> Attributor {
        // The default lexicons are the crate's own files, checked by the
        // tests: building them cannot fail.
        Attributor::builder()
            .build()
            .expect("the default lexicons are valid")
    }

    /// A builder for options and extra lexicon entries.
    pub fn builder() -> AttributorBuilder {
        AttributorBuilder::default()
    }

    /// Every quote in `text` with its speaker, and every speaker.
    ///
    /// Never fails and never panics: text without quotes gives an empty
    /// result. Spans are byte offsets into `text`.
    ///
    /// A text longer than the segment length (64 KiB unless
    /// [`AttributorBuilder::segment_len`] says otherwise) is attributed in
    /// pieces cut at line breaks, and its speakers merged by name across
    /// the pieces: see that method for what this trades.
    ///
    /// Only the first 4 GiB (`u32::MAX` bytes, cut back to the last whole
    /// character) are read: offsets are kept as `u32`. The rest of a
    /// longer text holds no quote and no mention.
    pub fn attribute(&self, text: &str) -> Attribution {
        crate::segment::attribute(&self.inner, text)
    }

    /// Like [`attribute`](Attributor::attribute), for raw bytes.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidUtf8`] with the offset of the first invalid byte.
    /// For scraped text with stray bytes, convert with
    /// [`String::from_utf8_lossy`] first and attribute that: its offsets
    /// then index the converted text, not the bytes.
    ///
    /// ```
    /// use whosaid::{Attributor, Error};
    ///
    /// let a = Attributor::new();
    /// let err = a.attribute_bytes(b"He said \xff").unwrap_err();
    /// assert_eq!(err, Error::InvalidUtf8 { offset: 8 });
    /// ```
    pub fn attribute_bytes(&self, bytes: &[u8]) -> Result<Attribution, Error> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(self.attribute(text)),
            Err(e) => Err(Error::InvalidUtf8 {
                offset: e.valid_up_to(),
            }),
        }
    }
}

impl Default for Attributor {
    fn default() -> Attributor {
        Attributor::new()
    }
}

/// Options for an [`Attributor`].
///
/// ```
/// use whosaid::{Attributor, CueClass};
///
/// let a = Attributor::builder()
///     .cue("grumble", CueClass::Speech)
///     .build()?;
/// let text = "The plan is a mess, Tom Hale grumbled.";
/// let result = a.attribute(text);
/// assert_eq!(&text[result.quotes()[0].span()], "The plan is a mess");
/// # Ok::<(), whosaid::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct AttributorBuilder {
    cues: Vec<(String, CueClass)>,
    cognition: bool,
    documents: bool,
    segment_len: usize,
}

impl Default for AttributorBuilder {
    fn default() -> AttributorBuilder {
        AttributorBuilder {
            cues: Vec::new(),
            cognition: false,
            documents: false,
            segment_len: crate::segment::DEFAULT_LEN,
        }
    }
}

impl AttributorBuilder {
    /// Adds a cue verb by its base form ("grumble"); its inflections
    /// (grumbles, grumbled, grumbling) are derived. Irregular forms can be
    /// added as cues of their own.
    pub fn cue(mut self, verb: &str, class: CueClass) -> AttributorBuilder {
        self.cues.push((verb.to_string(), class));
        self
    }

    /// Also report statements of belief ("Cui believes that ..."). Off by
    /// default.
    pub fn cognition(mut self, yes: bool) -> AttributorBuilder {
        self.cognition = yes;
        self
    }

    /// Also report findings of documents and polls ("the report found
    /// that ..."). Off by default.
    pub fn documents(mut self, yes: bool) -> AttributorBuilder {
        self.documents = yes;
        self
    }

    /// The length in bytes above which a text is attributed in segments
    /// (default 64 KiB; `usize::MAX` attributes every text whole).
    ///
    /// A longer text is cut into pieces of about this length, each
    /// attributed on its own, so that the tables of the piece at work stay
    /// in the processor's cache and the memory of a call does not grow
    /// with the text. A cut falls at a line break, before a line that
    /// starts with a capital and not with a pronoun, after a blank line or
    /// a line that ends a sentence: not inside a quotation that runs over
    /// paragraphs, not before a paragraph that is only a quote. Only in a
    /// stretch as long as the segment length (at least 4 KiB) without such
    /// a line is a text cut before a sentence, or failing that a word.
    /// What a cut loses is what links the pieces: a description or a
    /// surname that points back across the cut (speakers with equal
    /// names, or a surname and the one full name it ends, are merged);
    /// news articles are far shorter than the default.
    ///
    /// ```
    /// use whosaid::Attributor;
    ///
    /// let a = Attributor::builder().segment_len(40).build()?;
    /// let text = "Karin Voss, the port's director, spoke on Monday.\n\
    ///             Trade will recover, Voss said.";
    /// let result = a.attribute(text);
    /// let quote = &result.quotes()[0];
    /// assert_eq!(&text[quote.span()], "Trade will recover");
    /// assert_eq!(result.speaker_of(quote).unwrap().name(), "Karin Voss");
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    pub fn segment_len(mut self, bytes: usize) -> AttributorBuilder {
        self.segment_len = bytes;
        self
    }

    /// Compiles the lexicons.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCue`] when a cue is empty or not a single word of
    /// letters.
    pub fn build(self) -> Result<Attributor, Error> {
        let mut lex = Lexicons::default_lexicons();
        for (verb, class) in &self.cues {
            lex.add_cue(verb, *class)?;
        }
        if !self.cues.is_empty() {
            lex.index();
        }
        Ok(Attributor {
            inner: Arc::new(Config {
                lex,
                cognition: self.cognition,
                documents: self.documents,
                segment_len: self.segment_len,
            }),
        })
    }
}
