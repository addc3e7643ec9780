//! Long texts are attributed in segments (`AttributorBuilder::segment_len`):
//! the pieces must give the quotes and speakers of the whole text when the
//! cuts fall between paragraphs that stand alone.

use whosaid::{Attribution, Attributor, QuoteKind};

const STORY: &str = "Karin Voss, the director of the Harbour Authority, said \
on Monday that trade would recover by spring.\n\n\
Dock workers walked out at dawn, according to the Transport Union.\n\n\
“The cranes will stay,” Voss said.\n\n\
Minister Tomas Eklund told reporters that talks would resume.\n\n\
Eklund said the strike had cost the port millions.\n";

fn attribute(text: &str, segment_len: usize) -> Attribution {
    Attributor::builder()
        .segment_len(segment_len)
        .build()
        .unwrap()
        .attribute(text)
}

/// Each quote as (text, kind, cue, speaker name).
fn quotes(
    text: &str,
    a: &Attribution,
) -> Vec<(String, QuoteKind, String, String)> {
    a.quotes()
        .iter()
        .map(|q| {
            (
                text[q.span()].to_string(),
                q.kind(),
                q.cue()
                    .map_or(String::new(), |c| text[c.span()].to_string()),
                a.speaker_of(q)
                    .map_or(String::new(), |s| s.name().to_string()),
            )
        })
        .collect()
}

#[test]
fn pieces_give_the_quotes_of_the_whole_text() {
    let whole = attribute(STORY, usize::MAX);
    // A length of one byte cuts wherever a cut may fall: before every
    // paragraph but the quote-only one.
    let pieces = attribute(STORY, 1);
    let expected = vec![
        (
            "trade would recover by spring",
            QuoteKind::Indirect,
            "said",
            "Karin Voss",
        ),
        (
            "Dock workers walked out at dawn",
            QuoteKind::Indirect,
            "according to",
            "Transport Union",
        ),
        (
            "The cranes will stay,",
            QuoteKind::Direct,
            "said",
            "Karin Voss",
        ),
        (
            "talks would resume",
            QuoteKind::Indirect,
            "told",
            "Tomas Eklund",
        ),
        (
            "the strike had cost the port millions",
            QuoteKind::Indirect,
            "said",
            "Tomas Eklund",
        ),
    ];
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(q, k, c, s)| (q.to_string(), k, c.to_string(), s.to_string()))
        .collect();
    assert_eq!(quotes(STORY, &whole), expected);
    assert_eq!(quotes(STORY, &pieces), expected);
}

#[test]
fn a_speaker_named_in_several_pieces_is_one_speaker() {
    let a = attribute(STORY, 1);
    let voss: Vec<_> = a
        .speakers()
        .iter()
        .filter(|s| s.name().ends_with("Voss"))
        .collect();
    assert_eq!(voss.len(), 1, "{:?}", a.speakers());
    let voss = voss[0];
    let mentions: Vec<&str> =
        voss.mentions().iter().map(|m| &STORY[*m]).collect();
    assert_eq!(mentions, ["Karin Voss", "Voss"]);
    assert_eq!(voss.role(), Some("director"));
    assert_eq!(voss.organization(), Some("Harbour Authority"));
    assert_eq!(voss.quotes(), &[0, 2]);
    // The speakers' lists point at the merged quotes.
    for (i, s) in a.speakers().iter().enumerate() {
        for &q in s.quotes() {
            assert_eq!(a.quotes()[q].speaker().map(|r| r.index()), Some(i));
        }
    }
}

#[test]
fn no_cut_inside_a_quote_over_two_paragraphs() {
    let text = "The strike entered its third day.\n\n\
                “We have waited long enough.\n\n\
                “Now the port must listen,” said Karin Voss, a crane driver.\n";
    let a = attribute(text, 1);
    let q = quotes(text, &a);
    // One quote over both paragraphs: a cut before the second would
    // leave the first without its speaker.
    let content = "We have waited long enough.\n\n“Now the port must listen,";
    let expected = (
        content.into(),
        QuoteKind::Direct,
        "said".into(),
        "Karin Voss".into(),
    );
    assert_eq!(q, [expected]);
}

#[test]
fn spans_slice_the_text_past_a_cut() {
    // Long enough for the default length: 200 paragraphs of 400 bytes.
    let mut text = String::new();
    for i in 0..200 {
        text.push_str(&format!(
            "Trader {i} Lund said that prices at the Harbour Market rose again this week \
             and that the cranes stayed idle for the {i}th day running, as they have since \
             the spring. Officials at the port would not comment on the figures, and the \
             union said it would meet on Friday to decide on further action, a spokeswoman \
             added in a statement.\n\n"
        ));
    }
    let a = Attributor::new().attribute(&text);
    assert!(a.quotes().len() >= 400, "{}", a.quotes().len());
    for q in a.quotes() {
        assert!(text.get(q.span().start..q.span().end).is_some());
    }
    let last = a.quotes().last().unwrap();
    assert!(
        text.as_str()[last.span()].starts_with("it would meet on Friday"),
        "{}",
        &text.as_str()[last.span()]
    );
    for s in a.speakers() {
        for m in s.mentions() {
            assert!(text.get(m.start..m.end).is_some());
        }
    }
}

#[test]
fn two_speakers_of_one_piece_stay_two() {
    // Found by the fuzzer: in one piece the entity stage keeps two
    // speakers of one name; merged by name, the mentions of the second
    // went after those of the first, out of order.
    let text = "Wnot\0tV\0told$'ing\0s\0\0',C]z\nay, \0noting\0snotT,C]j\n\
                ay, \0noting\0s\0\0','";
    let a = attribute(text, 64);
    crate::invariants::check_result(text, &a);
}
