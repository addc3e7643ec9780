//! The JSON output, without a JSON dependency.
//!
//! The schema is small and fixed, so it is written by hand, into one
//! `String` or piece by piece to a writer: the library keeps no JSON
//! dependency, and the output does not change with a serializer's version.

use std::convert::Infallible;
use std::fmt::Write;
use std::io;

use crate::model::{Attribution, Quote, Speaker};
use crate::span::Span;
use crate::swar::{bytes_below, bytes_equal, HIGH};

/// The attribution of `text` as one JSON object in the crate's stable
/// schema, on one line (no newline inside, none at the end).
///
/// `result` must come from attributing `text`: every offset in the output
/// is a UTF-8 byte offset into `text`, start inclusive, end exclusive. When
/// `id` is `Some`, it is written first as a string, so that a line of JSON
/// Lines output can be matched with its input.
///
/// ```text
/// {"id": string,                       (only when id is Some)
///  "quotes": [{"start", "end", "text",
///              "kind": "direct" | "mixed" | "indirect",
///              "cue": {"start", "end", "text", "class"} | null,
///              "speaker": {"name", "start", "end", "text",
///                          "role", "organization"} | null,
///              "confidence", "sieve",
///              "fragments": [[start, end], ...]}],
///  "speakers": [{"name", "kind", "role", "organization",
///                "mentions": [[start, end], ...],
///                "quotes": [index, ...]}]}
/// ```
///
/// - `speaker.start`, `speaker.end` and `speaker.text` give the mention
///   the quote was attributed through ("she", "Cui"); `speaker.name`,
///   `speaker.role` and `speaker.organization` come from the speaker that
///   mention belongs to ("Cui Heng").
/// - `role` and `organization` are `null` when unknown.
/// - `confidence` has at most three decimals.
/// - `speakers[].quotes` are indexes into `quotes`.
/// - Strings are escaped as JSON requires (`"`, `\`, control characters);
///   other characters, ASCII or not, are written as they are, in UTF-8.
///
/// It never panics: a span that does not slice `text` (a `result` from
/// another text) gives an empty `text` field, and a speaker index out of
/// range an empty `name`.
///
/// ```
/// use whosaid::{to_json, Attributor};
///
/// let text = "“We are ready,” said Maria Keller.";
/// let result = Attributor::new().attribute(text);
///
/// let json = to_json(&result, text, None);
/// assert!(json.starts_with(r#"{"quotes":["#));
/// assert!(json.ends_with('}'));
/// assert!(!json.contains('\n'));
///
/// let json = to_json(&result, text, Some("a1"));
/// assert!(json.starts_with(r#"{"id":"a1","quotes":["#));
/// ```
pub fn to_json(result: &Attribution, text: &str, id: Option<&str>) -> String {
    // Roughly what a typical article's output needs, so that the string
    // rarely grows more than once or twice.
    let mut out = String::with_capacity(
        64 + result.quotes().len() * 320 + result.speakers().len() * 96,
    );
    // Every piece stays in the string: nothing can fail.
    let _: Result<(), Infallible> =
        write_pieces(result, text, id, &mut out, |_| Ok(()));
    out
}

/// Writes what [`to_json`] returns to `out`, a quote or a speaker at a
/// time, so that the whole line is never in memory: a long text's output
/// is several times the text's size.
///
/// Errors are those of `out`; the line may then be incomplete. Nothing is
/// written after it, not even a newline.
///
/// ```
/// use whosaid::{to_json, write_json, Attributor};
///
/// let text = "“We are ready,” said Maria Keller.";
/// let result = Attributor::new().attribute(text);
///
/// let mut out = Vec::new();
/// write_json(&mut out, &result, text, Some("a1"))?;
/// assert_eq!(out, to_json(&result, text, Some("a1")).into_bytes());
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_json(
    out: &mut impl io::Write,
    result: &Attribution,
    text: &str,
    id: Option<&str>,
) -> io::Result<()> {
    let mut buf = String::with_capacity(2 * PIECE_BYTES);
    write_pieces(result, text, id, &mut buf, |buf| {
        if buf.len() >= PIECE_BYTES {
            out.write_all(buf.as_bytes())?;
            buf.clear();
        }
        Ok::<(), io::Error>(())
    })?;
    out.write_all(buf.as_bytes())
}

/// How much [`write_json`] gathers before it writes: few calls to the
/// writer, and little memory however many quotes there are.
const PIECE_BYTES: usize = 8 << 10;

/// The one serializer behind [`to_json`] and [`write_json`]: it appends
/// the object to `out`, calling `piece` after each quote and each speaker
/// (which may take what `out` holds so far).
fn write_pieces<E>(
    result: &Attribution,
    text: &str,
    id: Option<&str>,
    out: &mut String,
    mut piece: impl FnMut(&mut String) -> Result<(), E>,
) -> Result<(), E> {
    out.push('{');
    if let Some(id) = id {
        out.push_str("\"id\":");
        push_str(out, id);
        out.push(',');
    }
    out.push_str("\"quotes\":[");
    for (i, quote) in result.quotes().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_quote(out, quote, result.speakers(), text);
        piece(out)?;
    }
    out.push_str("],\"speakers\":[");
    for (i, speaker) in result.speakers().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_speaker(out, speaker);
        piece(out)?;
    }
    out.push_str("]}");
    Ok(())
}

fn push_quote(out: &mut String, q: &Quote, speakers: &[Speaker], text: &str) {
    out.push('{');
    push_span_fields(out, q.span(), text);
    out.push_str(",\"kind\":\"");
    out.push_str(q.kind().as_str());
    out.push_str("\",\"cue\":");
    match q.cue() {
        Some(cue) => {
            out.push('{');
            push_span_fields(out, cue.span(), text);
            out.push_str(",\"class\":\"");
            out.push_str(cue.class().as_str());
            out.push_str("\"}");
        }
        None => out.push_str("null"),
    }
    out.push_str(",\"speaker\":");
    match q.speaker() {
        Some(r) => {
            // The index always points into `speakers` for a result of the
            // pipeline; a hand-made or mismatched one must still not panic.
            let speaker = speakers.get(r.index());
            out.push_str("{\"name\":");
            push_str(out, speaker.map_or("", Speaker::name));
            out.push(',');
            push_span_fields(out, r.mention(), text);
            out.push_str(",\"role\":");
            push_opt_str(out, speaker.and_then(Speaker::role));
            out.push_str(",\"organization\":");
            push_opt_str(out, speaker.and_then(Speaker::organization));
            out.push('}');
        }
        None => out.push_str("null"),
    }
    out.push_str(",\"confidence\":");
    push_confidence(out, q.confidence());
    out.push_str(",\"sieve\":");
    push_str(out, q.sieve());
    out.push_str(",\"fragments\":");
    push_spans(out, q.fragments());
    out.push('}');
}

fn push_speaker(out: &mut String, s: &Speaker) {
    out.push_str("{\"name\":");
    push_str(out, s.name());
    out.push_str(",\"kind\":\"");
    out.push_str(s.kind().as_str());
    out.push_str("\",\"role\":");
    push_opt_str(out, s.role());
    out.push_str(",\"organization\":");
    push_opt_str(out, s.organization());
    out.push_str(",\"mentions\":");
    push_spans(out, s.mentions());
    out.push_str(",\"quotes\":[");
    for (i, q) in s.quotes().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_int(out, *q);
    }
    out.push_str("]}");
}

/// `"start":S,"end":E,"text":"..."` (without braces), the text being ""
/// where the span does not slice `text`.
fn push_span_fields(out: &mut String, span: Span, text: &str) {
    out.push_str("\"start\":");
    push_int(out, span.start);
    out.push_str(",\"end\":");
    push_int(out, span.end);
    out.push_str(",\"text\":");
    push_str(out, span.get(text).unwrap_or(""));
}

/// `n` in decimal, as `write!(out, "{n}")` writes it but without the
/// formatting machinery, which took half the time of the whole output.
fn push_int(out: &mut String, mut n: usize) {
    // The longest `usize` has 20 digits.
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    out.push_str(std::str::from_utf8(&buf[at..]).unwrap_or_default());
}

/// `[[s,e],...]`.
fn push_spans(out: &mut String, spans: &[Span]) {
    out.push('[');
    for (i, s) in spans.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        push_int(out, s.start);
        out.push(',');
        push_int(out, s.end);
        out.push(']');
    }
    out.push(']');
}

/// At most three decimals, trailing zeros dropped: `0.95`, `1`, `0.333`.
/// JSON has no NaN or infinity, so a non-finite value becomes `null`.
fn push_confidence(out: &mut String, c: f32) {
    if !c.is_finite() {
        out.push_str("null");
        return;
    }
    let at = out.len();
    let _ = write!(out, "{c:.3}");
    // `{:.3}` always writes a '.', so trimming stops at it at the latest
    // and never eats digits of the integer part or earlier output.
    while out.ends_with('0') {
        out.pop();
    }
    if out.ends_with('.') {
        out.pop();
    }
    // `-0.0004` rounds to `-0`, which is valid JSON but reads oddly.
    if &out[at..] == "-0" {
        out.truncate(at);
        out.push('0');
    }
}

fn push_opt_str(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => push_str(out, s),
        None => out.push_str("null"),
    }
}

/// A JSON string literal. Runs of characters that need no escape are
/// copied in one go; only `"`, `\` and the control characters U+0000 to
/// U+001F are escaped, with the short forms JSON has (`\n`, `\t`, ...) and
/// `\u00XX` for the rest, as serde_json writes them.
fn push_str(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none needs an escape: most of the
        // output is the quotes' text.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(chunk);
            if !needs_escape(u64::from_le_bytes(buf)) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0x00..=0x1F => "",
            _ => {
                i += 1;
                continue;
            }
        };
        // Every byte escaped is ASCII, so `run..i` and `i + 1..` lie on
        // char boundaries.
        out.push_str(&s[run..i]);
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        } else {
            out.push_str(esc);
        }
        i += 1;
        run = i;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// Whether one of the eight bytes of `x` is `"`, `\` or a control
/// character, tested on each byte's low seven bits; a byte with bit 7
/// set, not ASCII, is none of the three.
fn needs_escape(x: u64) -> bool {
    let low = x & !HIGH;
    let control = bytes_below(low, 0x20);
    let quote = bytes_equal(low, b'"');
    let backslash = bytes_equal(low, b'\\');
    (control | quote | backslash) & !x & HIGH != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cue, CueClass, QuoteKind, SpeakerKind, SpeakerRef};

    fn lit(s: &str) -> String {
        let mut out = String::new();
        push_str(&mut out, s);
        out
    }

    #[test]
    fn escapes_quotes_backslashes_and_controls() {
        assert_eq!(lit(""), r#""""#);
        assert_eq!(lit(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(lit(r"a\b"), r#""a\\b""#);
        assert_eq!(lit("a\nb\r\tc"), r#""a\nb\r\tc""#);
        assert_eq!(
            lit("\u{0}\u{1}\u{8}\u{c}\u{1f}"),
            r#""\u0000\u0001\b\f\u001f""#
        );
        // DEL and the line separators are valid JSON as they are.
        assert_eq!(lit("\u{7f}\u{2028}"), "\"\u{7f}\u{2028}\"");
    }

    #[test]
    fn keeps_non_ascii_as_utf8() {
        assert_eq!(lit("“Zoë” — 東京 🙂"), "\"“Zoë” — 東京 🙂\"");
        assert_eq!(lit("é\"é"), "\"é\\\"é\"");
    }

    #[test]
    fn escaping_agrees_with_serde_json() {
        let mut all = String::new();
        for c in (0u32..0x80).filter_map(char::from_u32) {
            all.push(c);
        }
        all.push_str("é“”\u{2028}\u{fffd}");
        assert_eq!(lit(&all), serde_json::to_string(&all).unwrap());
    }

    #[test]
    fn integers_as_display_writes_them() {
        let mut n = 1usize;
        for k in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX - 1, usize::MAX]
            .into_iter()
            .chain((0..200).map(|_| {
                n = n.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                n >> (n % 64)
            }))
        {
            let mut out = String::from("x");
            push_int(&mut out, k);
            assert_eq!(out, format!("x{k}"));
        }
    }

    #[test]
    fn escaping_agrees_with_serde_json_at_any_offset() {
        let pieces = [
            "a", "é", "“", "🙂", "\"", "\\", "\n", "\u{1}", "\u{7f}", " ",
        ];
        let mut n = 7usize;
        for _ in 0..3000 {
            let mut s = String::new();
            n = n.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            for k in 0..(n >> 59) + (n >> 40) % 40 {
                let r = n.rotate_left(k as u32 * 7);
                // Mostly plain letters, as text is.
                let p = if r % 4 == 0 {
                    pieces[(r >> 8) % pieces.len()]
                } else {
                    "a"
                };
                s.push_str(p);
            }
            assert_eq!(lit(&s), serde_json::to_string(&s).unwrap());
        }
    }

    #[test]
    fn confidence_has_at_most_three_decimals() {
        let conf = |c: f32| {
            let mut out = String::from(":");
            push_confidence(&mut out, c);
            out
        };
        assert_eq!(conf(0.95), ":0.95");
        assert_eq!(conf(1.0), ":1");
        assert_eq!(conf(0.0), ":0");
        assert_eq!(conf(1.0 / 3.0), ":0.333");
        assert_eq!(conf(0.9996), ":1");
        assert_eq!(conf(10.5), ":10.5");
        assert_eq!(conf(-0.0001), ":0");
        assert_eq!(conf(f32::NAN), ":null");
        assert_eq!(conf(f32::INFINITY), ":null");
    }

    #[test]
    fn empty_result() {
        let r = Attribution::default();
        assert_eq!(to_json(&r, "", None), r#"{"quotes":[],"speakers":[]}"#);
        assert_eq!(
            to_json(&r, "", Some("a\"1")),
            r#"{"id":"a\"1","quotes":[],"speakers":[]}"#
        );
    }

    fn sample() -> (&'static str, Attribution) {
        let text = "“Go,” she said, calling it a “deal”.\nAda Ng agreed.";
        let at = |s: &str| {
            let i = text.find(s).unwrap();
            Span::new(i, i + s.len())
        };
        let quotes = vec![
            Quote {
                span: at("Go,"),
                kind: QuoteKind::Direct,
                cue: Some(Cue {
                    span: at("said"),
                    class: CueClass::Speech,
                }),
                speaker: Some(SpeakerRef {
                    index: 0,
                    mention: at("she"),
                }),
                confidence: 0.9,
                sieve: "trailing_cue",
                fragments: vec![],
            },
            Quote {
                span: at("calling it a “deal”"),
                kind: QuoteKind::Mixed,
                cue: None,
                speaker: None,
                confidence: 0.25,
                sieve: "none",
                fragments: vec![at("deal")],
            },
        ];
        let speakers = vec![Speaker::new(
            "Ada Ng",
            SpeakerKind::Person,
            &[at("she"), at("Ada Ng")],
            Some("nurse".into()),
            None,
            &[0],
        )];
        (text, Attribution { quotes, speakers })
    }

    #[test]
    fn full_schema_parses_back() {
        let (text, r) = sample();
        let json = to_json(&r, text, Some("doc-7"));
        assert!(!json.contains('\n'));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["id"], "doc-7");
        let q0 = &v["quotes"][0];
        assert_eq!(q0["text"], "Go,");
        assert_eq!(q0["kind"], "direct");
        assert_eq!(q0["cue"]["text"], "said");
        assert_eq!(q0["cue"]["class"], "speech");
        assert_eq!(q0["speaker"]["name"], "Ada Ng");
        assert_eq!(q0["speaker"]["text"], "she");
        assert_eq!(q0["speaker"]["role"], "nurse");
        assert!(q0["speaker"]["organization"].is_null());
        assert_eq!(q0["confidence"], 0.9);
        assert_eq!(q0["sieve"], "trailing_cue");
        assert_eq!(q0["fragments"], serde_json::json!([]));
        let q1 = &v["quotes"][1];
        assert_eq!(q1["kind"], "mixed");
        assert!(q1["cue"].is_null());
        assert!(q1["speaker"].is_null());
        let deal = text.find("deal").unwrap();
        assert_eq!(q1["fragments"], serde_json::json!([[deal, deal + 4]]));
        let s0 = &v["speakers"][0];
        assert_eq!(s0["kind"], "person");
        assert_eq!(s0["quotes"], serde_json::json!([0]));
        assert_eq!(s0["mentions"].as_array().unwrap().len(), 2);
        let start = q0["start"].as_u64().unwrap() as usize;
        let end = q0["end"].as_u64().unwrap() as usize;
        assert_eq!(&text[start..end], "Go,");
    }

    #[test]
    fn written_in_pieces_as_to_json_writes_it() {
        let (text, mut r) = sample();
        // Several pieces' worth of quotes.
        let q = r.quotes.clone();
        for _ in 0..100 {
            r.quotes.extend(q.iter().cloned());
        }
        let whole = to_json(&r, text, Some("p"));
        assert!(whole.len() > 2 * PIECE_BYTES);
        let mut out = Vec::new();
        write_json(&mut out, &r, text, Some("p")).unwrap();
        assert_eq!(out, whole.into_bytes());
        // A writer's error is returned, not lost.
        let mut full = [0u8; 100];
        let err = write_json(&mut &mut full[..], &r, text, None);
        assert_eq!(err.unwrap_err().kind(), std::io::ErrorKind::WriteZero);
    }

    #[test]
    fn bad_spans_and_indexes_do_not_panic() {
        let (text, mut r) = sample();
        // Off a char boundary (inside “), past the end, reversed.
        r.quotes[0].span = Span::new(1, 4);
        r.quotes[1].span = Span::new(3, 10_000);
        r.quotes[0].cue.as_mut().unwrap().span = Span::new(9, 2);
        r.quotes[0].speaker.as_mut().unwrap().index = 5;
        let json = to_json(&r, text, None);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["quotes"][0]["text"], "");
        assert_eq!(v["quotes"][1]["text"], "");
        assert_eq!(v["quotes"][0]["cue"]["text"], "");
        assert_eq!(v["quotes"][0]["speaker"]["name"], "");
        assert!(v["quotes"][0]["speaker"]["role"].is_null());
        // The same result against a different text.
        let v: serde_json::Value =
            serde_json::from_str(&to_json(&r, "", None)).unwrap();
        assert_eq!(v["speakers"][0]["name"], "Ada Ng");
    }
}
