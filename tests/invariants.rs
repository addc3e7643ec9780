//! The invariants every result must keep.
//!
//! The checker functions use nothing but `std` and `whosaid`, and the
//! tests sit in a `#[cfg(test)]` module, because the fuzz target includes
//! this file with `#[path]`: one copy of the invariants for `cargo test`,
//! the generated documents and the fuzzer.
//!
//! Entry points:
//! - [`check`]: everything, for one text (structure, determinism, offset
//!   shift). Costs three attributions.
//! - [`check_basic`]: structure and determinism only (two attributions),
//!   for bulk checks where the shift check runs on a subset.
//! - [`check_result`]: the structural checks on a result already in hand.

use whosaid::{Attribution, Attributor, Quote, Span};

/// What [`check_shift`] prepends: 'é' is two bytes, so with the space every
/// span must move by exactly three bytes. A multi-byte char catches code
/// that mixes up char and byte offsets.
pub const SHIFT_PREFIX: &str = "é ";

/// A shift that changes nothing in any text: a paragraph of its own before
/// it. `SHIFT_PREFIX` joins the text's first sentence, which arbitrary
/// bytes (the fuzzer's) can make mean something else.
pub const PARAGRAPH_PREFIX: &str = "é\n\n";

/// Attributes `text` and asserts every invariant: the structure of the
/// result, determinism, and that spans follow a shift of the text by
/// `SHIFT_PREFIX`. Returns the result so callers can look further.
pub fn check(attributor: &Attributor, text: &str) -> Attribution {
    check_with(attributor, text, SHIFT_PREFIX)
}

/// [`check`] with the shift by `prefix`.
pub fn check_with(
    attributor: &Attributor,
    text: &str,
    prefix: &str,
) -> Attribution {
    let result = check_basic(attributor, text);
    check_shift(attributor, text, &result, prefix);
    result
}

/// Attributes `text`, asserts the structural invariants and determinism.
pub fn check_basic(attributor: &Attributor, text: &str) -> Attribution {
    let result = attributor.attribute(text);
    check_result(text, &result);
    let again = attributor.attribute(text);
    assert!(
        again == result,
        "attributing twice gave different results for {}:\nfirst: \
         {result:#?}\nsecond: {again:#?}",
        shown(text),
    );
    result
}

/// The structural invariants of `result`, the attribution of `text`.
pub fn check_result(text: &str, result: &Attribution) {
    let quotes = result.quotes();
    let speakers = result.speakers();

    for (i, quote) in quotes.iter().enumerate() {
        check_quote(text, result, i, quote);
    }

    // Sorted and disjoint: `Attribution::quotes` promises both, and the
    // JSON output and highlighting tools rely on it.
    for (i, pair) in quotes.windows(2).enumerate() {
        let (a, b) = (pair[0].span(), pair[1].span());
        assert!(
            a.start <= b.start,
            "quotes {i} ({a:?}) and {} ({b:?}) are out of order in {}",
            i + 1,
            shown(text),
        );
        assert!(
            !a.overlaps(b),
            "quotes {i} ({a:?}) and {} ({b:?}) overlap in {}",
            i + 1,
            shown(text),
        );
    }

    for (s, speaker) in speakers.iter().enumerate() {
        let name = speaker.name();
        assert!(
            !name.trim().is_empty(),
            "speaker {s} has an empty name {name:?} in {}",
            shown(text),
        );
        // A speaker exists because the text mentions it; a speaker with
        // no mention could not be shown to the reader.
        assert!(
            !speaker.mentions().is_empty(),
            "speaker {s} ({name:?}) has no mention in {}",
            shown(text),
        );
        for &m in speaker.mentions() {
            check_span(text, m, &format!("mention of speaker {s} {name:?}"));
            assert!(
                !m.is_empty(),
                "speaker {s} ({name:?}) has an empty mention {m:?} in {}",
                shown(text),
            );
        }
        // Strictly increasing: "every mention, in text order", each once.
        for pair in speaker.mentions().windows(2) {
            assert!(
                pair[0] < pair[1],
                "mentions of speaker {s} ({name:?}) not sorted or \
                 duplicated: {:?} then {:?} in {}",
                pair[0],
                pair[1],
                shown(text),
            );
        }
        for &q in speaker.quotes() {
            assert!(
                q < quotes.len(),
                "speaker {s} ({name:?}) lists quote {q} but there are \
                 only {} quotes in {}",
                quotes.len(),
                shown(text),
            );
            let back = quotes[q].speaker().map(|r| r.index());
            assert!(
                back == Some(s),
                "speaker {s} ({name:?}) lists quote {q}, whose speaker is \
                 {back:?}, in {}",
                shown(text),
            );
        }
        for pair in speaker.quotes().windows(2) {
            assert!(
                pair[0] < pair[1],
                "quotes of speaker {s} ({name:?}) not sorted or \
                 duplicated: {:?} in {}",
                speaker.quotes(),
                shown(text),
            );
        }
    }
}

/// The invariants of one quote; `i` is its index in `result.quotes()`.
fn check_quote(text: &str, result: &Attribution, i: usize, quote: &Quote) {
    let span = quote.span();
    check_span(text, span, &format!("quote {i}"));

    let fragments = quote.fragments();
    assert!(
        fragments.is_empty() || quote.kind() == whosaid::QuoteKind::Mixed,
        "quote {i} is {:?} but has fragments {fragments:?} in {}",
        quote.kind(),
        shown(text),
    );
    for &f in fragments {
        check_span(text, f, &format!("fragment of quote {i}"));
        assert!(
            span.contains(f),
            "fragment {f:?} lies outside its quote {i} ({span:?}) in {}",
            shown(text),
        );
    }
    for pair in fragments.windows(2) {
        assert!(
            pair[0].end <= pair[1].start,
            "fragments of quote {i} not sorted or overlapping: {:?} in {}",
            fragments,
            shown(text),
        );
    }

    // The documentation defines the quote span as the content without
    // the cue and the speaker, so neither may lie inside it.
    if let Some(cue) = quote.cue() {
        check_span(text, cue.span(), &format!("cue of quote {i}"));
        assert!(
            !cue.span().overlaps(span),
            "cue {:?} overlaps its quote {i} ({span:?}) in {}",
            cue.span(),
            shown(text),
        );
    }

    let confidence = quote.confidence();
    assert!(
        (0.0..=1.0).contains(&confidence),
        "quote {i} has confidence {confidence} outside [0, 1] in {}",
        shown(text),
    );

    let Some(r) = quote.speaker() else { return };
    let speakers = result.speakers();
    let mention = r.mention();
    check_span(text, mention, &format!("speaker mention of quote {i}"));
    assert!(
        !mention.overlaps(span),
        "speaker mention {mention:?} overlaps its quote {i} ({span:?}) \
         in {}",
        shown(text),
    );
    assert!(
        r.index() < speakers.len(),
        "quote {i} points to speaker {} but there are only {} speakers \
         in {}",
        r.index(),
        speakers.len(),
        shown(text),
    );
    let speaker = &speakers[r.index()];
    assert!(
        speaker.quotes().contains(&i),
        "quote {i} has speaker {} ({:?}), which does not list it (lists \
         {:?}) in {}",
        r.index(),
        speaker.name(),
        speaker.quotes(),
        shown(text),
    );
    // The mention a quote was attributed through is one of the speaker's
    // mentions, or the two views of the same text would disagree.
    assert!(
        speaker.mentions().contains(&mention),
        "quote {i} was attributed through {mention:?}, which is not a \
         mention of speaker {} ({:?}, mentions {:?}) in {}",
        r.index(),
        speaker.name(),
        speaker.mentions(),
        shown(text),
    );
}

/// `span` lies inside `text` on char boundaries; `what` names it.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} is reversed or past the end ({} bytes) of {}",
        text.len(),
        shown(text),
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} splits a char: {} in {}",
        around(text, span),
        shown(text),
    );
}

/// Attributing `prefix + text` gives the same quotes and speakers with
/// every span moved by the prefix's length: nothing may depend on absolute
/// offsets, and byte offsets must not be char offsets.
pub fn check_shift(
    attributor: &Attributor,
    text: &str,
    result: &Attribution,
    prefix: &str,
) {
    let d = prefix.len();
    let shifted_text = format!("{prefix}{text}");
    let shifted = attributor.attribute(&shifted_text);
    check_result(&shifted_text, &shifted);
    let mv = |s: Span| Span::new(s.start + d, s.end + d);

    let (a, b) = (result.quotes(), shifted.quotes());
    assert!(
        a.len() == b.len(),
        "prepending {prefix:?} changed the number of quotes from {} \
         to {} in {}:\nbefore: {a:#?}\nafter: {b:#?}",
        a.len(),
        b.len(),
        shown(text),
    );
    for (i, (qa, qb)) in a.iter().zip(b).enumerate() {
        let name_a = result.speaker_of(qa).map(|s| s.name());
        let name_b = shifted.speaker_of(qb).map(|s| s.name());
        let frags_a: Vec<Span> =
            qa.fragments().iter().map(|&f| mv(f)).collect();
        let same = mv(qa.span()) == qb.span()
            && qa.kind() == qb.kind()
            && qa.cue().map(|c| (c.class(), mv(c.span())))
                == qb.cue().map(|c| (c.class(), c.span()))
            && qa.speaker().map(|r| (r.index(), mv(r.mention())))
                == qb.speaker().map(|r| (r.index(), r.mention()))
            && name_a == name_b
            && frags_a == qb.fragments();
        assert!(
            same,
            "prepending {prefix:?} changed quote {i} beyond moving it \
             by {d} bytes in {}:\nbefore: {qa:#?} (speaker {name_a:?})\n\
             after: {qb:#?} (speaker {name_b:?})",
            shown(text),
        );
    }

    let (a, b) = (result.speakers(), shifted.speakers());
    assert!(
        a.len() == b.len(),
        "prepending {prefix:?} changed the number of speakers from \
         {} to {} in {}:\nbefore: {a:#?}\nafter: {b:#?}",
        a.len(),
        b.len(),
        shown(text),
    );
    for (s, (sa, sb)) in a.iter().zip(b).enumerate() {
        let mentions_a: Vec<Span> =
            sa.mentions().iter().map(|&m| mv(m)).collect();
        let same = sa.name() == sb.name()
            && sa.kind() == sb.kind()
            && sa.role() == sb.role()
            && sa.organization() == sb.organization()
            && sa.quotes() == sb.quotes()
            && mentions_a == sb.mentions();
        assert!(
            same,
            "prepending {prefix:?} changed speaker {s} beyond moving \
             its mentions by {d} bytes in {}:\nbefore: {sa:#?}\nafter: \
             {sb:#?}",
            shown(text),
        );
    }
}

/// `text` for a failure message: escaped, and cut in the middle when long
/// so that a 10 kB input does not drown the report. The generated tests
/// print the whole text themselves.
pub fn shown(text: &str) -> String {
    const HEAD: usize = 160;
    const TAIL: usize = 80;
    let chars = text.chars().count();
    if chars <= HEAD + TAIL + 20 {
        return format!("{text:?} ({} bytes)", text.len());
    }
    let head: String = text.chars().take(HEAD).collect();
    let tail: String = text.chars().skip(chars - TAIL).collect();
    format!(
        "{head:?} … {tail:?} ({} bytes, {chars} chars, shortened)",
        text.len()
    )
}

/// The bytes around `span`, for a span that may not lie on char
/// boundaries (so it cannot be sliced with `&text[span]`).
fn around(text: &str, span: Span) -> String {
    let bytes = text.as_bytes();
    let from = span.start.saturating_sub(8).min(bytes.len());
    let to = span.end.saturating_add(8).min(bytes.len()).max(from);
    format!("bytes {from}..{to} = {:?}", &bytes[from..to])
}

#[cfg(test)]
mod tests {
    use super::*;
    use whosaid::{Error, Speaker};

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_and_sync() {
        assert_send_sync::<Attributor>();
        assert_send_sync::<Attribution>();
        assert_send_sync::<Quote>();
        assert_send_sync::<Speaker>();
        assert_send_sync::<Span>();
        assert_send_sync::<Error>();
    }

    #[test]
    fn attributor_is_clone_and_shared_across_threads() {
        let attributor = Attributor::new();
        let text = "“We are ready,” said Maria Keller, a spokeswoman for \
                    the Port Authority. Officials said talks would resume.";
        let expected = attributor.attribute(text);
        let clone = attributor.clone();
        assert_eq!(clone.attribute(text), expected);

        // Four threads on one attributor at once: the shared lexicons and
        // compiled regexes must not carry state from one call to the next.
        let results: Vec<Attribution> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|t| {
                    let a = if t % 2 == 0 { &attributor } else { &clone };
                    scope.spawn(move || {
                        (0..20).map(|_| a.attribute(text)).collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        assert_eq!(results.len(), 80);
        for r in results {
            assert_eq!(r, expected);
        }
    }

    #[test]
    fn hostile_inputs_keep_the_invariants() {
        let attributor = Attributor::new();
        let many_quotes = "\"".repeat(10_000);
        let combining = "\u{301}\u{308}\u{20DD}\u{334}".repeat(50);
        let arabic = "قال الوزير محمد العلي: «لن نتراجع عن هذا القرار». \
                      وأضاف أن “المحادثات كانت مفيدة”، بحسب ما قاله \
                      للصحفيين. "
            .repeat(8);
        let hebrew = "„אנחנו מוכנים“, אמר ראש הממשלה. \"זה לא יקרה\", \
                      הוסיף השר. "
            .repeat(8);
        let mixed_rtl = format!(
            "\u{202B}{arabic}\u{202C} “Yes,” said Dr. Amal Haddad. \
             \u{200F}{hebrew}"
        );
        let inputs: Vec<&str> = vec![
            "",
            " ",
            "\"",
            "“",
            "”",
            "\u{FEFF}“Hi,” said Ann Lee.",
            "\r\n",
            "\r\n\r\n\r\n",
            "“We will win,” he said.\rShe said “no.”\r\rHe said it.",
            "“Hi,\0” she\0 said\0.",
            "\0\0\0",
            &many_quotes,
            "He said “",
            "He said “We are",
            &combining,
            &arabic,
            &hebrew,
            &mixed_rtl,
            "👩‍👩‍👧‍👦 said “👍🏽 🏳️‍🌈,” 🇺🇸 said.",
            "&quot;Hi,&quot; he said.",
            "``Hi,'' he said.",
            "&ldquo;Hi,&rdquo; said Mr. O'Brien.",
            "“",
            "”“",
            "said said said according to according to",
            "“”",
            "“,” said .",
            "'",
            "’",
            "« » ‹ › „ ‚ 「 」 『 』",
            // Found by the fuzzer: lone letters before a sentence.
            "E ZZ",
            // A nickname-like run of marks across blank lines.
            "?\u{e9}\u{1d}\"\"/'E\"\u{0}\u{0}E\u{2029}\u{201d}'S\u{12}SSS'E\"\"\u{0}\u{0}E\u{2029}\u{201d}'S\u{12}SSE'S'M\u{0}\u{0}\u{0}\"\u{0}\u{0}E\u{2029}OO\u{201d}'S\u{12}SSS'E'S'M\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}'E'S'S'M\u{0}\u{0}\u{0}\"\u{0}\u{0}E\u{2029}\u{201d}'S\u{12}SSS'E'S'ME'S'E\u{2029}\u{201d}'S\u{12}SSS'E'S'ME'S'M\u{0}\u{0}\u{0}\"\u{0}\u{0}E\u{2029}\u{201d}M\u{0}\u{0}\u{0}\"'ME'S'E\u{2029}\u{201d}'S\u{12}SSS'E'S'ME'S'M\u{0}\u{0}\u{0}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}\u{a}E'S'M\u{0}\u{0}\u{0}S'E\"\u{0}\u{0}E\u{2029}\u{201d}'S\u{12}SSS'E'S'ME'S'M\u{0}\u{0}\u{0}\"\u{0}\u{0}E\u{2029}\u{201d}'S\u{12}SSS'E'S'S'M\u{0}\u{0}\u{0}\"\u{0}\u{0}E\u{2029}\u{201d}'S\u{12}SSS'E'S'ME'S'E\u{2029}\u{201d}'S\u{12}SSS'E'S'ME'S'M\u{0}\u{0}\u{0}\"\u{0}\u{0}E\u{2029}\u{201d}M\u{0}\u{0}\u{0}\"'ME'S'E\u{2029}\u{201d}'S\u{12}SSS'E'S'ME'S'M\u{0}\u{0}\u{0}\"\u{0}\u{0}E\u{2029}\u{201d}M\u{0}\u{0}\u{0}\"S'",
            // A name made only of a quoted nickname.
            "\u{FFFD}\u{FFFD}\u{FFFD}C\u{5}\u{5}\0\0\u{10}\"BB\"BV\u{FFFD}Ex\0\0\0\0\"B\"\0EBV\0Ex\0\0\0\0\"B\"\0EVBxBVBxB\0Ex",
            "z\u{10}\0Ex\nCC\u{10}\0Ex\nC",
            "\u{ad}'BZ;h\u{FFFD}t\r!9'y\u{FFFD}2:''Sh\u{2028}9'y\u{FFFD}2c:9''y\u{FFFD}2'",
            "\u{FFFD}\u{FFFD}\"\u{FFFD},\u{FFFD}\u{FFFD},&\u{FFFD},&\nB\u{FFFD}:\"\u{80a7f}y?",
        ];
        for text in inputs {
            check(&attributor, text);
            check_with(&attributor, text, PARAGRAPH_PREFIX);
        }
    }

    #[test]
    fn invalid_utf8_reports_the_first_bad_byte() {
        let attributor = Attributor::new();
        let cases: &[(&[u8], usize)] = &[
            (b"ab\xffcd", 2),
            (b"\xff", 0),
            (b"\x80abc", 0),
            // A truncated three-byte sequence at the end: “ is E2 80 9C.
            (b"He said \xe2\x80", 8),
            (b"\xe2\x80\x9cHi\xe2\x80", 5),
            // Overlong encoding of '/' and an encoded surrogate.
            (b"x\xc0\xaf", 1),
            (b"ok \xed\xa0\x80", 3),
            (b"caf\xc3\xa9 \xc3(", 6),
        ];
        for &(bytes, offset) in cases {
            assert_eq!(
                attributor.attribute_bytes(bytes),
                Err(Error::InvalidUtf8 { offset }),
                "bytes {bytes:?}",
            );
        }
    }

    #[test]
    fn valid_bytes_attribute_like_the_str() {
        let attributor = Attributor::new();
        for text in [
            "",
            "“We are ready,” said Maria Keller.",
            "Cui said that the talks were useful.",
            "é “ü,” 你好 said.",
        ] {
            let from_bytes = attributor
                .attribute_bytes(text.as_bytes())
                .expect("valid UTF-8");
            assert_eq!(from_bytes, check(&attributor, text), "{text:?}");
        }
    }

    #[test]
    fn shown_shortens_long_text() {
        let long = "é".repeat(1000);
        let s = shown(&long);
        assert!(s.contains("shortened") && s.len() < 800, "{s}");
        assert_eq!(shown("ab"), "\"ab\" (2 bytes)");
    }
}

/// Found by the fuzzer: a percent sign opening the text before a cue.
#[test]
fn percent_sign_at_the_start_before_a_cue() {
    let a = Attributor::new();
    let r = a.attribute("%has\u{0}told");
    assert!(r.quotes().is_empty());
    let r = a.attribute("% said the port would close.");
    assert!(r.quotes().iter().all(|q| q.span().end <= 28));
}
