//! Who said what in a news article.
//!
//! `whosaid` reads plain article text and returns every reported statement
//! — direct quotes in quotation marks, mixed quotes (reported speech with
//! quoted fragments) and indirect quotes ("X said that ...", "according to
//! X") — each linked to its speaker, and every speaker as one person or
//! organisation with its canonical name, its mentions and its affiliation
//! (role and organisation). It uses rules and lexicons, no statistical
//! model, and runs in time linear in the text.
//!
//! # Example
//!
//! ```
//! use whosaid::{Attributor, QuoteKind};
//!
//! let text = "Cui Heng, a post-doctoral researcher at the Center for \
//! Russian Studies of East China Normal University, told the Global Times \
//! that the talks were useful.\n\n\
//! “Both sides want a deal,” Cui said.";
//! let attributor = Attributor::new();
//! let result = attributor.attribute(text);
//!
//! let quotes = result.quotes();
//! assert_eq!(quotes.len(), 2);
//! assert_eq!(quotes[0].kind(), QuoteKind::Indirect);
//! assert_eq!(&text[quotes[0].span()], "the talks were useful");
//! assert_eq!(quotes[1].kind(), QuoteKind::Direct);
//! assert_eq!(&text[quotes[1].span()], "Both sides want a deal,");
//!
//! // Both quotes belong to one speaker, named in full.
//! let cui = result.speaker_of(&quotes[1]).unwrap();
//! assert_eq!(cui.name(), "Cui Heng");
//! assert_eq!(cui.role(), Some("post-doctoral researcher"));
//! assert_eq!(
//!     cui.organization(),
//!     Some("Center for Russian Studies of East China Normal University")
//! );
//! assert_eq!(cui.quotes(), &[0, 1]);
//! ```
//!
//! # The pipeline
//!
//! Data flows one way through private stages, each reading only what came
//! before it. A text longer than the segment length (64 KiB) is first cut
//! at line breaks into pieces that go through the stages one at a time,
//! their speakers merged by name (`segment`). Then:
//!
//! 1. `text`: paragraphs, sentences and tokens with byte spans
//!    (abbreviations, lines broken mid-sentence, captions and bylines).
//! 2. `marks`: quotation marks paired into quotation spans (every mark
//!    family, apostrophes, nesting, quotes over several paragraphs, local
//!    recovery from unbalanced marks).
//! 3. `mention`: names of people and organisations, with the affiliation
//!    read off appositives, titles, possessives and party tags
//!    (`affiliation`).
//! 4. `cue`: speech, writing, report and cognition cues from the lexicon
//!    files in `src/lexicon/`.
//! 5. `attribute`: ordered, precision-first sieves that find each
//!    statement and its speaker mention (a name, a pronoun, a description
//!    such as "the Russian expert", a group such as "officials").
//! 6. `entity`: mentions clustered into speakers (full name, surname,
//!    pronoun, description, organisation short forms).
//!
//! # Performance
//!
//! Every stage is linear in the length of the text: one pass each, and
//! bounded windows around each cue. The lexicons are compiled once, in
//! [`AttributorBuilder::build`], and each word is looked up once, as the
//! tokenizer reaches its end. The stages' working buffers are kept per
//! thread from one call to the next (`scratch`), the attribution stage's
//! per-token tables hold a bit per token and only the values set
//! (`sparse`), and byte scans read eight bytes at a time (`swar`). See the
//! README for measured throughput and memory.
//!
//! # Features
//!
//! | feature | what it does |
//! |---|---|
//! | `serde` | derives `Serialize` on the output types |

#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![forbid(unsafe_code)]

mod affiliation;
mod attribute;
mod attributor;
mod cue;
mod entity;
mod error;
mod json;
mod lexicon;
mod marks;
mod mention;
mod model;
mod pipeline;
mod scratch;
mod segment;
mod span;
mod sparse;
mod swar;
mod text;

pub use crate::attributor::{Attributor, AttributorBuilder};
pub use crate::error::Error;
pub use crate::json::{to_json, write_json};
pub use crate::model::{
    Attribution, Cue, CueClass, Quote, QuoteKind, Speaker, SpeakerKind,
    SpeakerRef,
};
pub use crate::span::Span;

// The README's examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
