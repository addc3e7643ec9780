//! Scores `whosaid` against gold quote annotations.
//!
//! ```text
//! cargo run --release --example evaluate -- GOLD.jsonl [--speech-only]
//!     [--lenient-names] [--threshold X] [--kinds a,b] [--pred-kinds a,b]
//!     [--errors N] [--write-pred FILE] [--segment-len BYTES]
//! ```
//!
//! GOLD is JSON Lines, one document a line: `{"id", "text", "quotes":
//! [{"start", "end", "text", "type", "speaker", "speaker_mentions",
//! "cue_speech_like", "required"?, ...}]}`, offsets in code points (Python
//! `str` offsets), end exclusive. One [`Attributor`] attributes every
//! text; the quotes are scored by kind (gold of a kind against predictions
//! of that kind) and over the kinds asked for, and a last line sums them
//! up in the wording of the project's `score.py`. `--write-pred` writes
//! the predictions as [`whosaid::to_json`] lines, which `score.py GOLD
//! FILE` (same options) scores to the same figures.
//!
//! # Rules (those of `score.py`, exactly)
//!
//! - **Offsets.** A predicted byte offset becomes the index of the code
//!   point holding that byte (a table built once per document, as
//!   `byte_to_char`); a quote with an offset past the end is dropped, a
//!   speaker mention past the end counts as no mention.
//! - **Kinds.** `--kinds a,b` keeps gold quotes whose `type` (`direct`
//!   when missing or empty) is listed and predictions whose `kind` is in
//!   `--pred-kinds`, which defaults to `--kinds`; empty means all.
//! - **Matching.** A gold and a predicted quote may match when the
//!   Jaccard overlap of their code-point spans is at least `--threshold`
//!   (0.5). Pairs are taken best first, sorted like Python's
//!   `sort(reverse=True)` on `(jaccard, gold index, pred index)` (ties go
//!   to the higher indexes), one-to-one: a pair is skipped when either
//!   side is already taken.
//! - **Required.** A gold quote counts when its `required` is truthy
//!   (missing = true); with `--speech-only` also not when
//!   `cue_speech_like` is `false`. A matched optional gold quote counts
//!   neither way, an unmatched one is no miss; a predicted quote that
//!   matched it is no false alarm either.
//! - **Counts.** Matched required gold = true positive, unmatched required
//!   gold = miss, unmatched prediction = false alarm.
//! - **Exact span.** A true positive is also exact when both texts are
//!   equal after dropping non-alphanumeric characters (and `_`) at both
//!   ends, then a leading `that` + whitespace (any case), and collapsing
//!   whitespace runs to one space.
//! - **Speaker** (true positives whose gold `speaker` is non-empty). The
//!   names are gold `speaker` and its `speaker_aliases`; the predicted
//!   name is `speaker.name`, or the mention text when that is empty.
//!   Names are casefolded, cut into runs of word characters, `'` and `-`,
//!   and the honorifics (mr, mrs, ms, miss, dr, prof, professor, sir,
//!   dame, lord, lady, rev, gen, sen, rep, gov, president, the) dropped.
//!   Strict: every gold token is among the predicted ones and the
//!   prediction has at most two tokens more. `--lenient-names`: the last
//!   gold token is among the predicted ones or the last predicted token
//!   among the gold ones. Failing the name, the speaker is still right
//!   when the predicted mention overlaps a gold `speaker_mentions` span or
//!   lies inside one. Speaker accuracy = right / scored.
//! - **End to end.** A true positive is right end to end when its speaker
//!   is right, or, where gold has no speaker, when the prediction has
//!   none or gold's `speaker_required` is not truthy. End-to-end and
//!   exact-span precision and recall count the other true positives as
//!   both a false alarm and a miss.
//! - **Documents** are keyed by `str(id)`; two gold documents with one id
//!   are both scored against the prediction for the last of them.
//! - **Errors.** `--errors N` prints the first N `[miss]`, `[false]` and
//!   `[speaker]` lines in `score.py`'s order and format (Python `repr`).
//!
//! Where Rust and Python differ the difference is kept small: "word
//! character" is [`char::is_alphanumeric`] (Python's `isalnum` differs on
//! a few combining and symbol characters), casefolding is
//! [`char::to_lowercase`] plus the foldings of ß, ẞ, ſ, ς, µ and the Latin
//! ligatures, and float ids print as Rust prints them.

use std::collections::HashMap;
use std::env;
use std::error::Error;
use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use serde_json::Value;
use whosaid::{to_json, Attribution, Attributor};

const USAGE: &str = "\
usage: evaluate GOLD [--speech-only] [--lenient-names] [--threshold X]
                [--kinds a,b] [--pred-kinds a,b] [--errors N]
                [--write-pred FILE] [--segment-len BYTES]

Scores whosaid on GOLD (JSON Lines, code-point offsets) with the rules of
score.py.

  --speech-only      gold quotes whose cue is not speech-like are optional
  --lenient-names    a name also matches on its last word
  --threshold X      Jaccard overlap for a match (default 0.5)
  --kinds a,b        score only gold and predicted quotes of these kinds
  --pred-kinds a,b   predicted kinds kept (default: --kinds)
  --errors N         print up to N misses, false alarms and wrong speakers
                     to stderr
  --write-pred FILE  write the predictions as JSON Lines (byte offsets)
  --segment-len N    attribute texts over N bytes in pieces (default 65536)
  -h, --help         this help
";

const KINDS: [&str; 3] = ["direct", "mixed", "indirect"];

const HONORIFICS: [&str; 18] = [
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "gen",
    "sen",
    "rep",
    "gov",
    "president",
    "the",
];

#[derive(Debug)]
struct Options {
    gold: OsString,
    speech_only: bool,
    lenient_names: bool,
    threshold: f64,
    kinds: Vec<String>,
    pred_kinds: Vec<String>,
    errors: i64,
    write_pred: Option<OsString>,
    /// `AttributorBuilder::segment_len`, to measure what cutting a text
    /// into pieces costs.
    segment_len: Option<usize>,
}

fn main() -> ExitCode {
    let opts = match parse_args(env::args_os().skip(1)) {
        Ok(Some(opts)) => opts,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("evaluate: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("evaluate: {e}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(
    args: impl Iterator<Item = OsString>,
) -> Result<Option<Options>, String> {
    let mut gold = None;
    let mut opts = Options {
        gold: OsString::new(),
        speech_only: false,
        lenient_names: false,
        threshold: 0.5,
        kinds: Vec::new(),
        pred_kinds: Vec::new(),
        errors: 0,
        write_pred: None,
        segment_len: None,
    };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let flag = match arg.to_str() {
            Some(s) if s.starts_with("--") || s == "-h" => s.to_string(),
            _ => {
                if gold.replace(arg).is_some() {
                    return Err("only one GOLD file".into());
                }
                continue;
            }
        };
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(OsString::from(v))),
            None => (flag.clone(), None),
        };
        let mut value = || -> Result<OsString, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or(format!("{name} needs a value"))
        };
        let text = |v: OsString| -> Result<String, String> {
            v.into_string()
                .map_err(|_| "a value is not UTF-8".to_string())
        };
        match name.as_str() {
            "-h" | "--help" => return Ok(None),
            "--speech-only" => opts.speech_only = true,
            "--lenient-names" => opts.lenient_names = true,
            "--threshold" => {
                let v = text(value()?)?;
                opts.threshold = v
                    .trim()
                    .parse()
                    .map_err(|_| format!("--threshold: not a number: {v}"))?;
            }
            "--kinds" => opts.kinds = kind_list(&text(value()?)?),
            "--pred-kinds" => opts.pred_kinds = kind_list(&text(value()?)?),
            "--errors" => {
                let v = text(value()?)?;
                opts.errors = v
                    .trim()
                    .parse()
                    .map_err(|_| format!("--errors: not a number: {v}"))?;
            }
            "--write-pred" => opts.write_pred = Some(value()?),
            "--segment-len" => {
                let v = text(value()?)?;
                opts.segment_len = Some(v.parse().map_err(|_| {
                    format!("--segment-len: not a number: {v}")
                })?);
            }
            _ => return Err(format!("unknown option {flag}")),
        }
        let takes_value = matches!(
            name.as_str(),
            "--threshold"
                | "--kinds"
                | "--pred-kinds"
                | "--errors"
                | "--write-pred"
                | "--segment-len"
        );
        if inline.is_some() && !takes_value {
            return Err(format!("{name} takes no value"));
        }
    }
    opts.gold = gold.ok_or("no GOLD file")?;
    Ok(Some(opts))
}

/// `a,b,,c` as score.py reads it: empty items dropped.
fn kind_list(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|k| !k.is_empty())
        .map(String::from)
        .collect()
}

fn run(opts: &Options) -> Result<(), Box<dyn Error>> {
    let gold_name = opts.gold.to_string_lossy().into_owned();
    let data = fs::read_to_string(&opts.gold)
        .map_err(|e| format!("{gold_name}: {e}"))?;
    let docs = load_gold(&data).map_err(|e| format!("{gold_name}: {e}"))?;

    let mut builder = Attributor::builder();
    if let Some(len) = opts.segment_len {
        builder = builder.segment_len(len);
    }
    let attributor = builder.build()?;
    let mut pred_out = match &opts.write_pred {
        Some(path) => Some(BufWriter::new(
            File::create(path)
                .map_err(|e| format!("{}: {e}", path.to_string_lossy()))?,
        )),
        None => None,
    };
    let mut raw = Vec::with_capacity(docs.len());
    for doc in &docs {
        let result = attributor.attribute(&doc.text);
        if let Some(out) = &mut pred_out {
            writeln!(out, "{}", to_json(&result, &doc.text, Some(&doc.id)))?;
        }
        raw.push(raw_predictions(&result, &doc.text));
    }
    if let Some(mut out) = pred_out {
        out.flush()?;
    }

    // score.py keys predictions by id, the last one winning.
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, doc) in docs.iter().enumerate() {
        last.insert(&doc.id, i);
    }
    let scored: Vec<ScoredDoc> = docs
        .iter()
        .map(|doc| {
            let preds = last
                .get(doc.id.as_str())
                .map_or(&[][..], |&i| raw[i].as_slice());
            ScoredDoc {
                preds: convert(preds, &doc.text),
                gold: doc,
            }
        })
        .collect();

    let kinds: Vec<&str> = opts.kinds.iter().map(String::as_str).collect();
    let pred_kinds: Vec<&str> = if opts.pred_kinds.is_empty() {
        kinds.clone()
    } else {
        opts.pred_kinds.iter().map(String::as_str).collect()
    };
    let mut rows = Vec::new();
    for kind in KINDS {
        // A view of one kind is its own row, below.
        let whole_view = kinds == [kind] && pred_kinds == [kind];
        if (kinds.is_empty() || kinds.contains(&kind)) && !whole_view {
            let view = View {
                kinds: &[kind],
                pred_kinds: &[kind],
            };
            rows.push((kind.to_string(), score(&scored, opts, &view, None)));
        }
    }
    let view = View {
        kinds: &kinds,
        pred_kinds: &pred_kinds,
    };
    let stderr = io::stderr();
    let mut errors = stderr.lock();
    let total = score(&scored, opts, &view, Some(&mut errors));
    let label = if kinds.is_empty() && pred_kinds.is_empty() {
        "all".to_string()
    } else if kinds == pred_kinds {
        kinds.join("+")
    } else {
        format!("{}/{}", kinds.join("+"), pred_kinds.join("+"))
    };
    rows.push((label, total));

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let gold_quotes: usize = docs.iter().map(|d| d.quotes.len()).sum();
    writeln!(
        out,
        "{} documents, {gold_quotes} gold quotes; threshold {}{}{}",
        docs.len(),
        opts.threshold,
        if opts.speech_only {
            ", speech only"
        } else {
            ""
        },
        if opts.lenient_names {
            ", lenient names"
        } else {
            ""
        },
    )?;
    writeln!(
        out,
        "{:<10} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>8} {:>7} {:>7} {:>7}",
        "kind",
        "tp",
        "fp",
        "fn",
        "P",
        "R",
        "F1",
        "exact F1",
        "spk n",
        "spk acc",
        "e2e F1"
    )?;
    for (label, c) in &rows {
        let (p, r, f) = c.quote_prf();
        writeln!(
            out,
            "{:<10} {:>6} {:>6} {:>6} {:>6.3} {:>6.3} {:>6.3} {:>8.3} \
             {:>7} {:>7.3} {:>7.3}",
            label,
            c.tp,
            c.fp,
            c.fn_,
            p,
            r,
            f,
            c.exact_prf().2,
            c.spk_total,
            c.speaker_acc(),
            c.e2e_prf().2
        )?;
    }
    writeln!(out, "{}", total.summary())?;
    out.flush()?;
    Ok(())
}

/// A gold document, read once.
#[derive(Debug)]
struct GoldDoc {
    /// `str(doc["id"])`.
    id: String,
    text: String,
    quotes: Vec<GoldQuote>,
}

#[derive(Debug)]
struct GoldQuote {
    start: i64,
    end: i64,
    /// `q["text"]`.
    text: String,
    /// `q.get("type") or "direct"`; `None` for a type that is not a
    /// string, which no kind list holds.
    kind: Option<String>,
    /// `q.get("speaker")`, for the error lines.
    speaker: Value,
    /// `bool(q.get("speaker"))`.
    has_speaker: bool,
    /// Normalised tokens of the speaker and its aliases.
    names: Vec<Vec<String>>,
    mentions: Vec<(i64, i64)>,
    /// `q.get("required", True)`, as a truth value.
    required: bool,
    /// `q.get("cue_speech_like") is False`.
    not_speech_like: bool,
    /// `q.get("speaker_required", False)`, as a truth value.
    speaker_required: bool,
}

fn load_gold(data: &str) -> Result<Vec<GoldDoc>, String> {
    let mut docs = Vec::new();
    for (i, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = |e: String| format!("line {}: {e}", i + 1);
        let v: Value = serde_json::from_str(line)
            .map_err(|e| at(format!("malformed JSON: {e}")))?;
        docs.push(gold_doc(&v).map_err(at)?);
    }
    Ok(docs)
}

fn gold_doc(v: &Value) -> Result<GoldDoc, String> {
    let id = v.get("id").ok_or("no \"id\"")?;
    let text = v
        .get("text")
        .and_then(Value::as_str)
        .ok_or("no string \"text\"")?;
    let quotes = v
        .get("quotes")
        .and_then(Value::as_array)
        .ok_or("no \"quotes\" list")?;
    let quotes = quotes
        .iter()
        .enumerate()
        .map(|(i, q)| gold_quote(q).map_err(|e| format!("quote {i}: {e}")))
        .collect::<Result<_, _>>()?;
    Ok(GoldDoc {
        id: py_str(id),
        text: text.to_string(),
        quotes,
    })
}

fn gold_quote(q: &Value) -> Result<GoldQuote, String> {
    let int = |key: &str| {
        q.get(key)
            .and_then(Value::as_i64)
            .ok_or(format!("no integer \"{key}\""))
    };
    let kind = match q.get("type") {
        Some(t) if truthy(t) => t.as_str().map(String::from),
        _ => Some("direct".to_string()),
    };
    let speaker = q.get("speaker").cloned().unwrap_or(Value::Null);
    let mut names = vec![name_tokens(&speaker)];
    match q.get("speaker_aliases") {
        Some(Value::Array(aliases)) => {
            names.extend(aliases.iter().map(name_tokens));
        }
        // `list(s)` of a string is its characters.
        Some(Value::String(s)) => names.extend(
            s.chars().map(|c| norm_tokens(c.encode_utf8(&mut [0; 4]))),
        ),
        _ => {}
    }
    let mut mentions = Vec::new();
    if let Some(ms) = q.get("speaker_mentions").filter(|m| truthy(m)) {
        for m in ms.as_array().ok_or("speaker_mentions is not a list")? {
            let pair = m
                .as_array()
                .filter(|m| m.len() >= 2)
                .and_then(|m| Some((m[0].as_i64()?, m[1].as_i64()?)))
                .ok_or("a speaker mention is not [start, end]")?;
            mentions.push(pair);
        }
    }
    Ok(GoldQuote {
        start: int("start")?,
        end: int("end")?,
        text: q
            .get("text")
            .and_then(Value::as_str)
            .ok_or("no string \"text\"")?
            .to_string(),
        kind,
        has_speaker: truthy(&speaker),
        speaker,
        names,
        mentions,
        required: q.get("required").is_none_or(truthy),
        not_speech_like: q.get("cue_speech_like") == Some(&Value::Bool(false)),
        speaker_required: q.get("speaker_required").is_some_and(truthy),
    })
}

/// A prediction as `to_json` writes it, still in bytes of its own text.
#[derive(Debug)]
struct RawQuote {
    start: usize,
    end: usize,
    kind: &'static str,
    /// `speaker.name or speaker.text`, and the mention.
    speaker: Option<(String, usize, usize)>,
}

fn raw_predictions(result: &Attribution, text: &str) -> Vec<RawQuote> {
    result
        .quotes()
        .iter()
        .map(|q| {
            let speaker = q.speaker().map(|r| {
                // As in to_json, and as score.py reads it: the name, or
                // the mention text where the name is empty.
                let name = result.speaker_of(q).map_or("", |s| s.name());
                let name = if name.is_empty() {
                    r.mention().get(text).unwrap_or("")
                } else {
                    name
                };
                (name.to_string(), r.mention().start, r.mention().end)
            });
            RawQuote {
                start: q.span().start,
                end: q.span().end,
                kind: q.kind().as_str(),
                speaker,
            }
        })
        .collect()
}

/// A prediction in code points of the gold text.
#[derive(Debug)]
struct PredQuote {
    start: i64,
    end: i64,
    /// Byte range of `text[start:end]`, for the exact-span text.
    bytes: (usize, usize),
    kind: &'static str,
    name: Option<String>,
    name_tokens: Vec<String>,
    mention: Option<(i64, i64)>,
}

#[derive(Debug)]
struct ScoredDoc<'a> {
    gold: &'a GoldDoc,
    preds: Vec<PredQuote>,
}

/// Byte to code-point offsets through one table per document; quotes
/// whose offsets fall outside `text` are dropped, as score.py does.
fn convert(raw: &[RawQuote], text: &str) -> Vec<PredQuote> {
    // table[b] = index of the char holding byte b; table[len] = chars.
    let mut table = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.chars().enumerate() {
        let i = i as i64;
        table.extend(std::iter::repeat_n(i, c.len_utf8()));
    }
    table.push(text.chars().count() as i64);
    // The byte where the char holding byte `b` starts.
    let floor = |mut b: usize| {
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        b
    };
    raw.iter()
        .filter_map(|q| {
            let (start, end) = (*table.get(q.start)?, *table.get(q.end)?);
            let bytes = (floor(q.start), floor(q.end));
            let mention = q.speaker.as_ref().and_then(|(_, s, e)| {
                Some((*table.get(*s)?, *table.get(*e)?))
            });
            let name = q.speaker.as_ref().map(|(n, _, _)| n.clone());
            Some(PredQuote {
                start,
                end,
                bytes,
                kind: q.kind,
                name_tokens: name.as_deref().map_or(Vec::new(), norm_tokens),
                name,
                mention,
            })
        })
        .collect()
}

/// Which kinds are scored: empty = all.
#[derive(Debug)]
struct View<'k> {
    kinds: &'k [&'k str],
    pred_kinds: &'k [&'k str],
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tp: u64,
    fp: u64,
    fn_: u64,
    exact: u64,
    spk_total: u64,
    spk_strict: u64,
    spk_lenient: u64,
    e2e_tp: u64,
}

fn score(
    docs: &[ScoredDoc],
    opts: &Options,
    view: &View,
    mut errors: Option<&mut dyn Write>,
) -> Counts {
    let mut c = Counts::default();
    let mut shown: i64 = 0;
    let mut show = |line: String| {
        if let Some(w) = errors.as_mut() {
            // A closed stderr must not stop the scoring.
            let _ = writeln!(w, "{line}");
        }
    };
    for doc in docs {
        let gold = doc.gold;
        let text = gold.text.as_str();
        let gq: Vec<&GoldQuote> = gold
            .quotes
            .iter()
            .filter(|q| {
                view.kinds.is_empty()
                    || q.kind
                        .as_deref()
                        .is_some_and(|k| view.kinds.contains(&k))
            })
            .collect();
        let pq: Vec<&PredQuote> = doc
            .preds
            .iter()
            .filter(|q| {
                view.pred_kinds.is_empty() || view.pred_kinds.contains(&q.kind)
            })
            .collect();

        let mut pairs = Vec::new();
        for (gi, g) in gq.iter().enumerate() {
            for (pi, p) in pq.iter().enumerate() {
                let j = jaccard((g.start, g.end), (p.start, p.end));
                if j >= opts.threshold {
                    pairs.push((j, gi, pi));
                }
            }
        }
        // Python's `pairs.sort(reverse=True)` on the tuples; jaccard is
        // never NaN, so `total_cmp` orders it as Python does.
        pairs.sort_by(|a, b| {
            b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2))
        });
        let mut gm: Vec<Option<usize>> = vec![None; gq.len()];
        let mut pm = vec![false; pq.len()];
        for &(_, gi, pi) in &pairs {
            if gm[gi].is_some() || pm[pi] {
                continue;
            }
            gm[gi] = Some(pi);
            pm[pi] = true;
        }

        for (gi, g) in gq.iter().enumerate() {
            let required =
                g.required && !(opts.speech_only && g.not_speech_like);
            let Some(pi) = gm[gi] else {
                if required {
                    c.fn_ += 1;
                    if shown < opts.errors {
                        shown += 1;
                        show(format!(
                            "[miss] {}: {} :: {}",
                            gold.id,
                            py_repr(&g.speaker),
                            py_repr_str(prefix(&g.text, 100))
                        ));
                    }
                }
                continue;
            };
            if !required {
                continue;
            }
            let x = pq[pi];
            c.tp += 1;
            let pred_text = text.get(x.bytes.0..x.bytes.1).unwrap_or("");
            if exact_norm(pred_text) == exact_norm(&g.text) {
                c.exact += 1;
            }
            if g.has_speaker {
                c.spk_total += 1;
                let strict = !opts.lenient_names;
                let mut right = g
                    .names
                    .iter()
                    .any(|n| name_match(n, &x.name_tokens, strict));
                if let (false, Some(m)) = (right, x.mention) {
                    right = g.mentions.iter().any(|&gm| {
                        jaccard(gm, m) > 0.0 || (gm.0 <= m.0 && m.1 <= gm.1)
                    });
                }
                let lenient = g
                    .names
                    .iter()
                    .any(|n| name_match(n, &x.name_tokens, false));
                c.spk_strict += u64::from(right);
                c.spk_lenient += u64::from(lenient);
                c.e2e_tp += u64::from(right);
                if !right && shown < opts.errors {
                    shown += 1;
                    show(format!(
                        "[speaker] {}: gold={} pred={} :: {}",
                        gold.id,
                        py_repr(&g.speaker),
                        py_repr_opt(x.name.as_deref()),
                        py_repr_str(prefix(&g.text, 80))
                    ));
                }
            } else {
                c.e2e_tp += u64::from(x.name.is_none() || !g.speaker_required);
            }
        }
        for (pi, x) in pq.iter().enumerate() {
            if !pm[pi] {
                c.fp += 1;
                if shown < opts.errors {
                    shown += 1;
                    let span = text.get(x.bytes.0..x.bytes.1).unwrap_or("");
                    show(format!(
                        "[false] {}: {} :: {}",
                        gold.id,
                        py_repr_opt(x.name.as_deref()),
                        py_repr_str(prefix(span, 100))
                    ));
                }
            }
        }
    }
    c
}

impl Counts {
    fn quote_prf(&self) -> (f64, f64, f64) {
        prf(self.tp, self.fp, self.fn_)
    }

    /// A true positive with a wrong span text counts as a false alarm and
    /// a miss.
    fn exact_prf(&self) -> (f64, f64, f64) {
        let wrong = self.tp - self.exact;
        prf(self.exact, self.fp + wrong, self.fn_ + wrong)
    }

    fn e2e_prf(&self) -> (f64, f64, f64) {
        let wrong = self.tp - self.e2e_tp;
        prf(self.e2e_tp, self.fp + wrong, self.fn_ + wrong)
    }

    /// Rounded to 4 decimals, as score.py reports it (and then prints it
    /// to 3: the double rounding is kept on purpose).
    fn speaker_acc(&self) -> f64 {
        if self.spk_total == 0 {
            return 0.0;
        }
        round4(self.spk_strict as f64 / self.spk_total as f64)
    }

    /// score.py's last line, word for word.
    fn summary(&self) -> String {
        let (qp, qr, qf) = self.quote_prf();
        format!(
            "quote F1 {qf:.3} (P {qp:.3} R {qr:.3}); exact-span F1 {:.3}; \
             speaker acc {:.3}; end-to-end F1 {:.3}",
            self.exact_prf().2,
            self.speaker_acc(),
            self.e2e_prf().2
        )
    }
}

fn prf(tp: u64, fp: u64, fn_: u64) -> (f64, f64, f64) {
    let ratio = |a: u64, b: u64| if b > 0 { a as f64 / b as f64 } else { 0.0 };
    let p = ratio(tp, tp + fp);
    let r = ratio(tp, tp + fn_);
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Python's `round(x, 4)`: both round the exact binary value half to
/// even, so going through the decimal string gives the same double.
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

fn jaccard(a: (i64, i64), b: (i64, i64)) -> f64 {
    let inter = (a.1.min(b.1) - a.0.max(b.0)).max(0);
    let union = a.1.max(b.1) - a.0.min(b.0);
    if union != 0 {
        inter as f64 / union as f64
    } else {
        0.0
    }
}

/// Python's truth value of a JSON value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// Python's `str()` of a JSON value, as f-strings print ids.
fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        other => other.to_string(),
    }
}

/// Python's `repr()` of a JSON value (strings, None, numbers; lists and
/// objects only roughly).
fn py_repr(v: &Value) -> String {
    match v {
        Value::String(s) => py_repr_str(s),
        other => py_str(other),
    }
}

fn py_repr_opt(s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_string(), py_repr_str)
}

/// Python's `repr()` of a `str`: single quotes unless the text holds `'`
/// and no `"`; backslash escapes for the quote, `\`, `\n`, `\r`, `\t`
/// and characters Python does not print.
fn py_repr_str(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            ' ' => out.push(' '),
            c if py_printable(c) => out.push(c),
            c => {
                let n = u32::from(c);
                let _ = if n < 0x100 {
                    std::fmt::Write::write_fmt(
                        &mut out,
                        format_args!("\\x{n:02x}"),
                    )
                } else if n < 0x10000 {
                    std::fmt::Write::write_fmt(
                        &mut out,
                        format_args!("\\u{n:04x}"),
                    )
                } else {
                    std::fmt::Write::write_fmt(
                        &mut out,
                        format_args!("\\U{n:08x}"),
                    )
                };
            }
        }
    }
    out.push(q);
    out
}

/// Python's `str.isprintable` for one char, but for unassigned code
/// points, which Rust cannot tell: not a control, format, separator
/// (other than space), surrogate or private-use character.
fn py_printable(c: char) -> bool {
    let n = u32::from(c);
    let format = matches!(
        n,
        0xAD | 0x600..=0x605
            | 0x61C
            | 0x6DD
            | 0x70F
            | 0x890..=0x891
            | 0x8E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    );
    let private = matches!(n, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF);
    !(c.is_control() || c.is_whitespace() || format || private)
}

/// The first `n` chars, like Python's `s[:n]`.
fn prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// `re.sub(r"^[\W_]+|[\W_]+$", "", s)`, then `re.sub(r"^that\s+", "", s,
/// flags=re.I)`, then `re.sub(r"\s+", " ", s)`.
fn exact_norm(s: &str) -> String {
    let s = s.trim_matches(|c: char| !c.is_alphanumeric());
    let s = match s.get(..4) {
        Some(that) if that.eq_ignore_ascii_case("that") => {
            let rest = &s[4..];
            let trimmed = rest.trim_start_matches(py_space);
            if trimmed.len() < rest.len() {
                trimmed
            } else {
                s
            }
        }
        _ => s,
    };
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if py_space(c) {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Python's `str.isspace`: Unicode White_Space plus the four information
/// separators U+001C to U+001F.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn name_tokens(v: &Value) -> Vec<String> {
    v.as_str().map_or(Vec::new(), norm_tokens)
}

/// score.py's `norm_tokens`: casefolded runs of `[\w'-]`, honorifics
/// dropped.
fn norm_tokens(name: &str) -> Vec<String> {
    let folded = casefold(name);
    folded
        .split(|c: char| {
            !(c.is_alphanumeric() || matches!(c, '_' | '\'' | '-'))
        })
        .filter(|t| !t.is_empty() && !HONORIFICS.contains(t))
        .map(String::from)
        .collect()
}

/// `str.casefold` for the characters names are written in: lowercase,
/// plus the full foldings that differ from it.
fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ſ' => out.push('s'),
            'ς' => out.push('σ'),
            'µ' => out.push('μ'),
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// score.py's `name_match` on normalised tokens.
fn name_match(gold: &[String], pred: &[String], strict: bool) -> bool {
    let (Some(g_last), Some(p_last)) = (gold.last(), pred.last()) else {
        return false;
    };
    if strict {
        gold.iter().all(|t| pred.contains(t)) && pred.len() <= gold.len() + 2
    } else {
        pred.contains(g_last) || gold.contains(p_last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        norm_tokens(s)
    }

    #[test]
    fn names() {
        assert_eq!(toks("Mr. Donald J. Trump"), ["donald", "j", "trump"]);
        assert_eq!(toks("O'Neill-Smith, the"), ["o'neill-smith"]);
        assert_eq!(toks("Straße"), ["strasse"]);
        let m = |g: &str, p: &str, s| name_match(&toks(g), &toks(p), s);
        assert!(m("Trump", "Donald Trump", true));
        assert!(m("Mr. Trump", "Donald J. Trump", true));
        assert!(!m("Trump", "Donald John Fitzgerald Trump", true));
        assert!(!m("he", "Donald Trump", true));
        assert!(m("Donald Trump", "Trump", false));
        assert!(!m("", "Trump", false));
    }

    #[test]
    fn exact_normalisation() {
        assert_eq!(
            exact_norm("“That  the deal\nis done,”"),
            "the deal is done"
        );
        assert_eq!(exact_norm("thatch is fine."), "thatch is fine");
        assert_eq!(exact_norm("that"), "that");
        assert_eq!(exact_norm("_x_"), "x");
        assert_eq!(exact_norm("..."), "");
    }

    #[test]
    fn python_formatting() {
        assert_eq!(py_repr_str("it's"), "\"it's\"");
        assert_eq!(py_repr_str("a'\"b"), "'a\\'\"b'");
        assert_eq!(py_repr_str("a\nb\u{a0}“c”\u{7}"), "'a\\nb\\xa0“c”\\x07'");
        assert_eq!(py_repr(&Value::Null), "None");
        assert_eq!(py_str(&serde_json::json!(17)), "17");
        assert_eq!(prefix("héllo", 2), "hé");
        assert_eq!(round4(0.66665), 0.6666);
    }

    #[test]
    fn matching_order_and_offsets() {
        assert_eq!(jaccard((0, 10), (5, 15)), 5.0 / 15.0);
        assert_eq!(jaccard((3, 3), (3, 3)), 0.0);
        let text = "é “ab” c";
        let raw = [RawQuote {
            start: text.find('a').unwrap(),
            end: text.find('”').unwrap(),
            kind: "direct",
            speaker: Some((String::new(), 0, 99)),
        }];
        let p = convert(&raw, text);
        assert_eq!((p[0].start, p[0].end), (3, 5));
        assert_eq!(&text[p[0].bytes.0..p[0].bytes.1], "ab");
        assert_eq!(p[0].mention, None);
    }
}
