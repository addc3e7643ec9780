//! Measures how well `whosaid` names speakers and reads their affiliations
//! on hand-annotated articles.
//!
//! ```text
//! cargo run --release --example people [-- [GOLD] [--errors]]
//! ```
//!
//! GOLD defaults to `benches/texts/people-gold.json` in the crate root. It
//! holds `{"articles": [{"file", "quotes": [{"text", "speaker"}],
//! "speakers": [{"name", "role", "organization", "introduced_by"}]}]}`;
//! `file` is relative to the crate root (or absolute), `role` and
//! `organization` are strings or `null`, and `introduced_by` is one of
//! `appositive`, `title`, `possessive` or `none`. Every article is read
//! from disk and attributed by one `Attributor::new()`.
//!
//! # What it measures
//!
//! - **Quotes found.** Each gold quote `text` must be an exact substring of
//!   its file; it is looked up from where the previous gold quote of the
//!   article starts, else from the start of the file, and its byte span is
//!   that occurrence. A predicted quote matches a gold quote when the
//!   Jaccard overlap of their byte spans (intersection over union) is at
//!   least 0.5. Pairs are taken best first (higher overlap, then lower gold
//!   index, then lower predicted index), one-to-one.
//! - **Full-name rate.** Of the gold quotes found, those whose predicted
//!   speaker (`Attribution::speaker_of`) has a `name()` equal to the gold
//!   `speaker`, byte for byte. The relaxed rate compares the names
//!   lowercased, with runs of whitespace collapsed to one space and
//!   whitespace at the ends dropped. A found quote without a predicted
//!   speaker counts as wrong. The end-to-end rate divides the same count by
//!   all gold quotes.
//! - **Affiliations.** For every gold speaker introduced by an appositive,
//!   a title or a possessive, the first predicted speaker with exactly the
//!   same name is looked up; its `role()` and `organization()` are compared
//!   with gold exactly (`None` equals `null`). A gold speaker with no
//!   predicted namesake counts as wrong for the role, the organisation and
//!   both. The affiliation is exact when role and organisation are both
//!   right.
//!
//! `--errors` then lists every mismatch: gold quotes not found, found
//! quotes with another speaker, predicted quotes that match no gold quote,
//! and affiliations that differ, each with its file and gold against
//! predicted. A gold file that cannot be read or does not have this shape
//! stops the program with a message naming the article and field.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;
use whosaid::{Attribution, Attributor, Speaker};

const USAGE: &str = "\
usage: people [GOLD] [--errors]

Scores whosaid's speaker names and affiliations on GOLD (default:
benches/texts/people-gold.json in the crate root).

  --errors    list every mismatch after the figures
  -h, --help  this help
";

/// Minimum Jaccard overlap of byte spans for a predicted quote to match a
/// gold quote.
const THRESHOLD: f64 = 0.5;

/// Ways a gold speaker's affiliation can be introduced.
const INTRODUCED_BY: [&str; 4] = ["appositive", "title", "possessive", "none"];

struct Options {
    gold: PathBuf,
    errors: bool,
}

struct GoldQuote {
    start: usize,
    end: usize,
    text: String,
    speaker: String,
}

struct GoldSpeaker {
    name: String,
    role: Option<String>,
    organization: Option<String>,
    introduced_by: String,
}

struct Article {
    file: String,
    text: String,
    quotes: Vec<GoldQuote>,
    speakers: Vec<GoldSpeaker>,
}

/// Counts for one article or for all of them.
#[derive(Default, Clone, Copy)]
struct Counts {
    gold_quotes: usize,
    predicted: usize,
    found: usize,
    names: usize,
    names_relaxed: usize,
    affiliations: usize,
    speakers_named: usize,
    affiliation_exact: usize,
    roles: usize,
    organizations: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.gold_quotes += other.gold_quotes;
        self.predicted += other.predicted;
        self.found += other.found;
        self.names += other.names;
        self.names_relaxed += other.names_relaxed;
        self.affiliations += other.affiliations;
        self.speakers_named += other.speakers_named;
        self.affiliation_exact += other.affiliation_exact;
        self.roles += other.roles;
        self.organizations += other.organizations;
    }
}

fn main() -> ExitCode {
    let opts = match parse_args(env::args().skip(1)) {
        Ok(Some(opts)) => opts,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("people: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("people: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(
    args: impl Iterator<Item = String>,
) -> Result<Option<Options>, String> {
    let mut gold = None;
    let mut errors = false;
    for arg in args {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--errors" => errors = true,
            s if s.starts_with('-') => {
                return Err(format!("unknown option {s}"));
            }
            _ => {
                if gold.replace(PathBuf::from(arg)).is_some() {
                    return Err("only one GOLD file".into());
                }
            }
        }
    }
    let gold = gold.unwrap_or_else(|| {
        crate_root()
            .join("benches")
            .join("texts")
            .join("people-gold.json")
    });
    Ok(Some(Options { gold, errors }))
}

fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(opts: &Options) -> Result<(), String> {
    let articles = load_gold(&opts.gold)?;
    let attributor = Attributor::new();
    let mut total = Counts::default();
    let mut rows = String::new();
    let mut errors = String::new();
    for article in &articles {
        let result = attributor.attribute(&article.text);
        let counts = score(article, &result, &mut errors);
        total.add(&counts);
        let _ = writeln!(
            rows,
            "  {:<28} {:>7} {:>7} {:>7}",
            article.file,
            format!("{}/{}", counts.found, counts.gold_quotes),
            format!("{}/{}", counts.names, counts.found),
            format!("{}/{}", counts.affiliation_exact, counts.affiliations),
        );
    }

    println!(
        "gold: {} ({} articles, {} quotes, {} affiliations)",
        opts.gold.display(),
        articles.len(),
        total.gold_quotes,
        total.affiliations,
    );
    println!();
    println!(
        "  {:<28} {:>7} {:>7} {:>7}",
        "file", "found", "names", "affil."
    );
    print!("{rows}");
    println!();
    println!(
        "quotes found: {} (predicted {}, matching no gold quote {})",
        rate(total.found, total.gold_quotes),
        total.predicted,
        total.predicted - total.found,
    );
    println!("full-name rate: {}", rate(total.names, total.found));
    println!(
        "full-name rate, relaxed (case, whitespace): {}",
        rate(total.names_relaxed, total.found)
    );
    println!(
        "full-name rate, end to end (over all gold quotes): {}",
        rate(total.names, total.gold_quotes)
    );
    println!(
        "speakers found by exact name: {}",
        rate(total.speakers_named, total.affiliations)
    );
    println!(
        "affiliation exact: {}",
        rate(total.affiliation_exact, total.affiliations)
    );
    println!("role: {}", rate(total.roles, total.affiliations));
    println!(
        "organization: {}",
        rate(total.organizations, total.affiliations)
    );
    if opts.errors {
        println!();
        if errors.is_empty() {
            println!("no mismatches");
        } else {
            print!("{errors}");
        }
    }
    Ok(())
}

/// `X/Y = Z%`, or `X/Y = n/a` when Y is 0.
fn rate(part: usize, whole: usize) -> String {
    if whole == 0 {
        format!("{part}/{whole} = n/a")
    } else {
        let pct = 100.0 * part as f64 / whole as f64;
        format!("{part}/{whole} = {pct:.1}%")
    }
}

/// Scores one article, appending its mismatches to `errors`.
fn score(
    article: &Article,
    result: &Attribution,
    errors: &mut String,
) -> Counts {
    let file = &article.file;
    let text = &article.text;
    let predicted = result.quotes();
    let mut counts = Counts {
        gold_quotes: article.quotes.len(),
        predicted: predicted.len(),
        ..Counts::default()
    };

    // Every pair over the threshold, best first, taken one-to-one.
    let mut pairs = Vec::new();
    for (g, gold) in article.quotes.iter().enumerate() {
        for (p, pred) in predicted.iter().enumerate() {
            let span = pred.span();
            let j = jaccard((gold.start, gold.end), (span.start, span.end));
            if j >= THRESHOLD {
                pairs.push((j, g, p));
            }
        }
    }
    pairs.sort_by(|a, b| {
        b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
    });
    let mut gold_match = vec![None; article.quotes.len()];
    let mut pred_taken = vec![false; predicted.len()];
    for (_, g, p) in pairs {
        if gold_match[g].is_none() && !pred_taken[p] {
            gold_match[g] = Some(p);
            pred_taken[p] = true;
        }
    }

    for (gold, matched) in article.quotes.iter().zip(&gold_match) {
        let Some(p) = *matched else {
            let _ = writeln!(
                errors,
                "[miss] {file}: {} ({})",
                snippet(&gold.text),
                gold.speaker
            );
            continue;
        };
        counts.found += 1;
        let name = result.speaker_of(&predicted[p]).map(Speaker::name);
        if name == Some(gold.speaker.as_str()) {
            counts.names += 1;
            counts.names_relaxed += 1;
            continue;
        }
        if name.is_some_and(|n| relaxed(n) == relaxed(&gold.speaker)) {
            counts.names_relaxed += 1;
        }
        let _ = writeln!(
            errors,
            "[name] {file}: {}: gold {:?}, predicted {}",
            snippet(&gold.text),
            gold.speaker,
            name.map_or("no speaker".to_string(), |n| format!("{n:?}")),
        );
    }
    for (pred, taken) in predicted.iter().zip(&pred_taken) {
        if !taken {
            let span = pred.span();
            let quoted = text.get(span.start..span.end).unwrap_or("");
            let name = result.speaker_of(pred).map(Speaker::name);
            let _ = writeln!(
                errors,
                "[extra] {file}: {} ({})",
                snippet(quoted),
                name.unwrap_or("no speaker"),
            );
        }
    }

    for gold in &article.speakers {
        if gold.introduced_by == "none" {
            continue;
        }
        counts.affiliations += 1;
        let pred = result.speakers().iter().find(|s| s.name() == gold.name);
        let Some(pred) = pred else {
            let _ = writeln!(
                errors,
                "[affiliation] {file}: {:?}: no predicted speaker of that \
                 name; gold role {:?}, organization {:?}",
                gold.name, gold.role, gold.organization,
            );
            continue;
        };
        counts.speakers_named += 1;
        let role = pred.role() == gold.role.as_deref();
        let organization = pred.organization() == gold.organization.as_deref();
        counts.roles += usize::from(role);
        counts.organizations += usize::from(organization);
        if role && organization {
            counts.affiliation_exact += 1;
            continue;
        }
        let _ = writeln!(
            errors,
            "[affiliation] {file}: {:?} ({}): gold role {:?}, organization \
             {:?}; predicted role {:?}, organization {:?}",
            gold.name,
            gold.introduced_by,
            gold.role,
            gold.organization,
            pred.role(),
            pred.organization(),
        );
    }
    counts
}

/// Intersection over union of two half-open byte ranges; 0 when both are
/// empty.
fn jaccard(a: (usize, usize), b: (usize, usize)) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let union = a.1.max(b.1) - a.0.min(b.0);
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// A name lowercased, whitespace runs collapsed, ends trimmed.
fn relaxed(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A quote for an error line: debug-quoted, cut after 60 characters.
fn snippet(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((i, _)) => format!("{:?}...", &text[..i]),
        None => format!("{text:?}"),
    }
}

fn load_gold(path: &Path) -> Result<Vec<Article>, String> {
    let raw = fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let json: Value = serde_json::from_str(&raw)
        .map_err(|e| format!("{}: malformed JSON: {e}", path.display()))?;
    let list =
        json.get("articles")
            .and_then(Value::as_array)
            .ok_or_else(|| {
                format!("{}: no \"articles\" array at the top", path.display())
            })?;
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            load_article(v).map_err(|e| {
                format!("{}: article {}: {e}", path.display(), i + 1)
            })
        })
        .collect()
}

fn load_article(v: &Value) -> Result<Article, String> {
    let file = string(v, "file")?;
    let full = crate_root().join(&file);
    let text = fs::read_to_string(&full)
        .map_err(|e| format!("cannot read {}: {e}", full.display()))?;

    let mut quotes = Vec::new();
    let mut from = 0;
    for (i, q) in array(v, "quotes")?.iter().enumerate() {
        let at = |e: String| format!("{file}: quote {}: {e}", i + 1);
        let quote_text = string(q, "text").map_err(at)?;
        let speaker = string(q, "speaker").map_err(at)?;
        if quote_text.is_empty() {
            return Err(at("\"text\" is empty".into()));
        }
        let start = text
            .get(from..)
            .and_then(|rest| rest.find(&quote_text))
            .map(|i| from + i)
            .or_else(|| text.find(&quote_text))
            .ok_or_else(|| {
                at(format!("text {} not in the file", snippet(&quote_text)))
            })?;
        from = start;
        quotes.push(GoldQuote {
            start,
            end: start + quote_text.len(),
            text: quote_text,
            speaker,
        });
    }

    let mut speakers = Vec::new();
    for (i, s) in array(v, "speakers")?.iter().enumerate() {
        let at = |e: String| format!("{file}: speaker {}: {e}", i + 1);
        let introduced_by = string(s, "introduced_by").map_err(at)?;
        if !INTRODUCED_BY.contains(&introduced_by.as_str()) {
            return Err(at(format!(
                "\"introduced_by\" is {introduced_by:?}, not one of {}",
                INTRODUCED_BY.join(", ")
            )));
        }
        speakers.push(GoldSpeaker {
            name: string(s, "name").map_err(at)?,
            role: optional_string(s, "role").map_err(at)?,
            organization: optional_string(s, "organization").map_err(at)?,
            introduced_by,
        });
    }
    Ok(Article {
        file,
        text,
        quotes,
        speakers,
    })
}

fn string(v: &Value, key: &str) -> Result<String, String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| format!("\"{key}\" missing or not a string"))
}

fn optional_string(v: &Value, key: &str) -> Result<Option<String>, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("\"{key}\" is neither a string nor null")),
    }
}

fn array<'v>(v: &'v Value, key: &str) -> Result<&'v [Value], String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .ok_or_else(|| format!("\"{key}\" missing or not an array"))
}
