//! Data-driven cases from tests/data/.
//!
//! Every file in `tests/data/` is a list of cases: a short text and the
//! quotes and speakers the attributor must find in it. The format is
//! documented at the top of each data file; in short:
//!
//! ```text
//! # comment
//! === split quote shares the speaker
//! “We will not move,” Anna Berg said. “Not an inch.”
//! --- quotes
//! direct | We will not move, | Anna Berg | Anna Berg | said
//! direct | Not an inch. | Anna Berg | Anna Berg | said
//! --- speakers
//! Anna Berg | person | - | -
//! ```
//!
//! One `#[test]` per data file runs every case of the file, prints every
//! failing case (its text, the expected and the actual rows, in the data
//! format so that a case can be fixed by copying) and fails at the end.
//! Set `WHOSAID_CASE=some words` to run only the cases whose name
//! contains those words.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::panic::{self, AssertUnwindSafe};

use whosaid::{Attribution, Attributor};

#[test]
fn direct() {
    check_file("direct.txt", include_str!("data/direct.txt"));
}

#[test]
fn speakers() {
    check_file("speakers.txt", include_str!("data/speakers.txt"));
}

#[test]
fn reported() {
    check_file("reported.txt", include_str!("data/reported.txt"));
}

// ---------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------

/// Builder options of a case (`--- options: cognition documents crlf`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
struct Options {
    cognition: bool,
    documents: bool,
    /// Line breaks of the text are `\r\n` instead of `\n`.
    crlf: bool,
}

/// One case of a data file.
#[derive(Debug)]
struct Case {
    name: String,
    /// Line of the `===` header.
    line: usize,
    text: String,
    options: Options,
    quotes: Vec<QuoteRow>,
    speakers: Vec<SpeakerRow>,
    /// `--- speakers exact`: no other speaker may exist.
    speakers_exact: bool,
}

/// A field that may be left unchecked with `*`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Field {
    /// `-`: there is none.
    Absent,
    /// `*`: not checked (expected rows only).
    Any,
    /// The text.
    Text(String),
}

impl Field {
    fn from_option(value: Option<String>) -> Field {
        value.map_or(Field::Absent, Field::Text)
    }

    /// Whether an actual value (never `Any`) fits this expected one.
    fn accepts(&self, actual: &Field) -> bool {
        matches!(self, Field::Any) || self == actual
    }

    fn render(&self) -> String {
        match self {
            Field::Absent => "-".to_string(),
            Field::Any => "*".to_string(),
            Field::Text(s) => s.clone(),
        }
    }
}

/// One quote, expected or found, as the comparison sees it. Texts are
/// kept escaped (`\n` for a line break), as in the data files.
#[derive(Debug, Clone, PartialEq)]
struct QuoteRow {
    kind: String,
    span: Range<usize>,
    content: String,
    speaker: Field,
    mention: Field,
    cue: Field,
}

impl QuoteRow {
    fn render(&self) -> String {
        format!(
            "{} | {} | {} | {} | {}",
            self.kind,
            self.content,
            self.speaker.render(),
            self.mention.render(),
            self.cue.render()
        )
    }

    /// What differs between this expected row and `actual`, or `None`.
    fn mismatch(&self, actual: &QuoteRow) -> Option<String> {
        let mut what = Vec::new();
        if self.kind != actual.kind {
            what.push("kind");
        }
        if self.span != actual.span {
            what.push("span");
        }
        if !self.speaker.accepts(&actual.speaker) {
            what.push("speaker");
        }
        if !self.mention.accepts(&actual.mention) {
            what.push("mention");
        }
        if !self.cue.accepts(&actual.cue) {
            what.push("cue");
        }
        if what.is_empty() {
            return None;
        }
        let mut s = format!("wrong {}", what.join(", "));
        if self.span != actual.span {
            let _ = write!(
                s,
                " (expected bytes {:?}, got {:?})",
                self.span, actual.span
            );
        }
        Some(s)
    }
}

/// One speaker, expected or found.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SpeakerRow {
    name: String,
    kind: String,
    role: Option<String>,
    organization: Option<String>,
}

impl SpeakerRow {
    fn render(&self) -> String {
        format!(
            "{} | {} | {} | {}",
            self.name,
            self.kind,
            self.role.as_deref().unwrap_or("-"),
            self.organization.as_deref().unwrap_or("-")
        )
    }
}

// ---------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------

/// Where the parser is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    /// Before the first case.
    Outside,
    /// In the text block of a case.
    Text,
    /// After the text, before `--- quotes` or `--- speakers`.
    Header,
    Quotes,
    Speakers,
}

/// A case while it is being read: rows are resolved against the text
/// once the case is complete.
struct Draft {
    name: String,
    line: usize,
    lines: Vec<String>,
    options: Option<Options>,
    quotes: Option<Vec<(usize, String)>>,
    speakers: Option<Vec<(usize, String)>>,
    speakers_exact: bool,
}

/// Parses a data file; errors name the file and line.
fn parse(file: &str, data: &str) -> Result<Vec<Case>, String> {
    let err = |line: usize, msg: String| format!("{file}:{line}: {msg}");
    let mut cases = Vec::new();
    let mut draft: Option<Draft> = None;
    let mut section = Section::Outside;
    for (i, raw) in data.lines().enumerate() {
        let n = i + 1;
        if section == Section::Text {
            let d = draft.as_mut().expect("a case is open");
            if raw.starts_with("===") {
                return Err(err(
                    n,
                    "a new case before the `---` that ends the text".into(),
                ));
            }
            if !raw.starts_with("---") {
                d.lines.push(raw.to_string());
                continue;
            }
            section = Section::Header;
        }
        let line = raw.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix("===") {
            if let Some(d) = draft.take() {
                cases.push(finish(file, d)?);
            }
            let name = name.trim();
            if name.is_empty() {
                return Err(err(n, "a case needs a name".into()));
            }
            if cases.iter().any(|c: &Case| c.name == name) {
                return Err(err(n, format!("duplicate case name `{name}`")));
            }
            draft = Some(Draft {
                name: name.to_string(),
                line: n,
                lines: Vec::new(),
                options: None,
                quotes: None,
                speakers: None,
                speakers_exact: false,
            });
            section = Section::Text;
            continue;
        }
        let Some(d) = draft.as_mut() else {
            return Err(err(n, format!("expected `=== NAME`, got `{line}`")));
        };
        if let Some(header) = line.strip_prefix("---") {
            let header = header.trim();
            if let Some(opts) = header.strip_prefix("options:") {
                if d.options.is_some() || section != Section::Header {
                    return Err(err(
                        n,
                        "`--- options:` must come once, right after the text"
                            .into(),
                    ));
                }
                let mut o = Options::default();
                for word in opts.split_whitespace() {
                    match word {
                        "cognition" => o.cognition = true,
                        "documents" => o.documents = true,
                        "crlf" => o.crlf = true,
                        _ => {
                            return Err(err(
                                n,
                                format!("unknown option `{word}`"),
                            ))
                        }
                    }
                }
                d.options = Some(o);
            } else if header == "quotes" {
                if d.quotes.is_some() {
                    return Err(err(n, "second `--- quotes`".into()));
                }
                d.quotes = Some(Vec::new());
                section = Section::Quotes;
            } else if header == "speakers" || header == "speakers exact" {
                if d.speakers.is_some() {
                    return Err(err(n, "second `--- speakers`".into()));
                }
                d.speakers = Some(Vec::new());
                d.speakers_exact = header == "speakers exact";
                section = Section::Speakers;
            } else {
                return Err(err(n, format!("unknown section `{line}`")));
            }
            continue;
        }
        let rows = match section {
            Section::Quotes => d.quotes.as_mut(),
            Section::Speakers => d.speakers.as_mut(),
            _ => None,
        };
        match rows {
            Some(rows) => rows.push((n, line.to_string())),
            None => {
                return Err(err(
                    n,
                    format!(
                        "a row outside `--- quotes`/`--- speakers`: `{line}`"
                    ),
                ))
            }
        }
    }
    if let Some(d) = draft.take() {
        if section == Section::Text {
            return Err(err(
                d.line,
                format!("case `{}` has no `--- quotes` section", d.name),
            ));
        }
        cases.push(finish(file, d)?);
    }
    if cases.is_empty() {
        return Err(format!("{file}: no cases"));
    }
    Ok(cases)
}

/// Splits a row into exactly `n` trimmed fields.
fn fields<'a>(
    line: &'a str,
    n: usize,
    what: &str,
) -> Result<Vec<&'a str>, String> {
    let f: Vec<&str> = line.split('|').map(str::trim).collect();
    if f.len() != n {
        return Err(format!(
            "a {what} row has {n} fields separated by `|`, this one has {}",
            f.len()
        ));
    }
    if f.iter().any(|s| s.is_empty()) {
        return Err(format!("empty field in {what} row (use `-` for none)"));
    }
    Ok(f)
}

/// Reads `\n` (a line break of the text) and `\\` in a field.
fn unescape(s: &str, crlf: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') if crlf => out.push_str("\r\n"),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Writes a text as a one-line field: the inverse of [`unescape`].
fn escape(s: &str, crlf: bool) -> String {
    let s = if crlf {
        s.replace("\r\n", "\\n")
    } else {
        s.to_string()
    };
    s.replace('\r', "\\r").replace('\n', "\\n")
}

/// Checks a draft and resolves its quote rows to spans.
fn finish(file: &str, d: Draft) -> Result<Case, String> {
    let options = d.options.unwrap_or_default();
    let Some(quote_lines) = d.quotes else {
        return Err(format!(
            "{file}:{}: case `{}` has no `--- quotes` section",
            d.line, d.name
        ));
    };
    let mut lines = d.lines;
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    if lines.first().is_none_or(|l| l.trim().is_empty()) {
        return Err(format!(
            "{file}:{}: the text of case `{}` must start on the line \
             after `===`",
            d.line, d.name
        ));
    }
    let text = lines.join(if options.crlf { "\r\n" } else { "\n" });

    let mut quotes = Vec::new();
    let mut from = 0;
    for (n, line) in quote_lines {
        let err = |msg: String| format!("{file}:{n}: {msg}");
        let f = fields(&line, 5, "quote").map_err(err)?;
        if !matches!(f[0], "direct" | "mixed" | "indirect") {
            return Err(err(format!(
                "kind must be direct, mixed or indirect, not `{}`",
                f[0]
            )));
        }
        let content = unescape(f[1], options.crlf);
        let Some(at) = text[from..].find(&content) else {
            return Err(err(format!(
                "`{}` is not in the text after byte {from}",
                f[1]
            )));
        };
        let span = from + at..from + at + content.len();
        from = span.end;
        let field = |s: &str| -> Result<Field, String> {
            Ok(match s {
                "-" => Field::Absent,
                "*" => Field::Any,
                s => {
                    let s = unescape(s, options.crlf);
                    if !text.contains(&s) {
                        return Err(err(format!("`{s}` is not in the text")));
                    }
                    Field::Text(escape(&s, options.crlf))
                }
            })
        };
        let speaker = match f[2] {
            "-" => Field::Absent,
            "*" => Field::Any,
            s => Field::Text(s.to_string()),
        };
        let mention = field(f[3])?;
        let cue = field(f[4])?;
        let consistent = matches!(
            (&speaker, &mention),
            (Field::Absent, Field::Absent)
                | (Field::Any, Field::Any)
                | (Field::Text(_), Field::Text(_))
        );
        if !consistent {
            return Err(err(
                "speaker and mention must both be `-`, both `*` or both \
                 given"
                    .into(),
            ));
        }
        quotes.push(QuoteRow {
            kind: f[0].to_string(),
            span,
            content: escape(&content, options.crlf),
            speaker,
            mention,
            cue,
        });
    }

    let mut speakers: Vec<SpeakerRow> = Vec::new();
    for (n, line) in d.speakers.unwrap_or_default() {
        let err = |msg: String| format!("{file}:{n}: {msg}");
        let f = fields(&line, 4, "speaker").map_err(err)?;
        if !matches!(f[1], "person" | "organization" | "unnamed" | "group") {
            return Err(err(format!(
                "speaker kind must be person, organization, unnamed or \
                 group, not `{}`",
                f[1]
            )));
        }
        if speakers.iter().any(|s| s.name == f[0]) {
            return Err(err(format!("speaker `{}` listed twice", f[0])));
        }
        let opt = |s: &str| (s != "-").then(|| s.to_string());
        speakers.push(SpeakerRow {
            name: f[0].to_string(),
            kind: f[1].to_string(),
            role: opt(f[2]),
            organization: opt(f[3]),
        });
    }

    Ok(Case {
        name: d.name,
        line: d.line,
        text,
        options,
        quotes,
        speakers,
        speakers_exact: d.speakers_exact,
    })
}

// ---------------------------------------------------------------------
// Running and comparing
// ---------------------------------------------------------------------

/// The attribution as rows. Bad spans or indexes are shown, not panicked
/// on, so that one broken case cannot hide the others.
fn actual_rows(
    text: &str,
    crlf: bool,
    result: &Attribution,
) -> (Vec<QuoteRow>, Vec<SpeakerRow>) {
    let slice = |span: whosaid::Span| match span.get(text) {
        Some(s) => escape(s, crlf),
        None => format!("<bad span {span:?}>"),
    };
    let quotes = result
        .quotes()
        .iter()
        .map(|q| {
            let (speaker, mention) = match q.speaker() {
                None => (Field::Absent, Field::Absent),
                Some(r) => {
                    let name = match result.speakers().get(r.index()) {
                        Some(s) => s.name().to_string(),
                        None => format!("<bad speaker index {}>", r.index()),
                    };
                    (Field::Text(name), Field::Text(slice(r.mention())))
                }
            };
            QuoteRow {
                kind: q.kind().as_str().to_string(),
                span: q.span().into(),
                content: slice(q.span()),
                speaker,
                mention,
                cue: Field::from_option(q.cue().map(|c| slice(c.span()))),
            }
        })
        .collect();
    let speakers = result
        .speakers()
        .iter()
        .map(|s| SpeakerRow {
            name: s.name().to_string(),
            kind: s.kind().as_str().to_string(),
            role: s.role().map(str::to_string),
            organization: s.organization().map(str::to_string),
        })
        .collect();
    (quotes, speakers)
}

/// What is wrong with the actual rows of `case`; empty when it passes.
fn problems(
    case: &Case,
    quotes: &[QuoteRow],
    speakers: &[SpeakerRow],
) -> Vec<String> {
    let mut out = Vec::new();
    if quotes.len() != case.quotes.len() {
        out.push(format!(
            "expected {} quote(s), got {}",
            case.quotes.len(),
            quotes.len()
        ));
    }
    for (i, (e, a)) in case.quotes.iter().zip(quotes).enumerate() {
        if let Some(m) = e.mismatch(a) {
            out.push(format!(
                "quote {}: {m}\n      expected: {}\n      actual:   {}",
                i + 1,
                e.render(),
                a.render()
            ));
        }
    }
    for e in &case.speakers {
        let found: Vec<&SpeakerRow> =
            speakers.iter().filter(|a| a.name == e.name).collect();
        match found.as_slice() {
            [] => out.push(format!("missing speaker `{}`", e.name)),
            [a] if *a != e => out.push(format!(
                "speaker `{}`:\n      expected: {}\n      actual:   {}",
                e.name,
                e.render(),
                a.render()
            )),
            [_] => {}
            many => out.push(format!(
                "speaker `{}` found {} times (one person is one speaker)",
                e.name,
                many.len()
            )),
        }
    }
    if case.speakers_exact {
        for a in speakers {
            if !case.speakers.iter().any(|e| e.name == a.name) {
                out.push(format!("unexpected speaker `{}`", a.render()));
            }
        }
    }
    out
}

/// A failing case, written so that its rows can be copied into the file.
fn report(
    file: &str,
    case: &Case,
    problems: &[String],
    quotes: &[QuoteRow],
    speakers: &[SpeakerRow],
) -> String {
    let mut s = String::new();
    let _ =
        writeln!(s, "=== {}    [tests/data/{file}:{}]", case.name, case.line);
    for line in case.text.lines() {
        let _ = writeln!(s, "    {line}");
    }
    let o = case.options;
    if o.cognition || o.documents || o.crlf {
        let words = [
            (o.cognition, "cognition"),
            (o.documents, "documents"),
            (o.crlf, "crlf"),
        ];
        let on: Vec<&str> =
            words.iter().filter(|w| w.0).map(|w| w.1).collect();
        let _ = writeln!(s, "  --- options: {}", on.join(" "));
    }
    let _ = writeln!(s, "  problems:");
    for p in problems {
        let _ = writeln!(s, "    - {p}");
    }
    let block = |s: &mut String, title: &str, rows: Vec<String>| {
        let _ = writeln!(s, "  {title}");
        if rows.is_empty() {
            let _ = writeln!(s, "    (none)");
        }
        for r in rows {
            let _ = writeln!(s, "    {r}");
        }
    };
    let exact = if case.speakers_exact { " exact" } else { "" };
    block(
        &mut s,
        "expected --- quotes",
        case.quotes.iter().map(QuoteRow::render).collect(),
    );
    block(
        &mut s,
        "actual --- quotes",
        quotes.iter().map(QuoteRow::render).collect(),
    );
    block(
        &mut s,
        &format!("expected --- speakers{exact}"),
        case.speakers.iter().map(SpeakerRow::render).collect(),
    );
    block(
        &mut s,
        "actual --- speakers",
        speakers.iter().map(SpeakerRow::render).collect(),
    );
    s
}

/// Runs one case; `Err` holds its report.
fn run_case(
    file: &str,
    case: &Case,
    attributor: &Attributor,
) -> Result<(), String> {
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        attributor.attribute(&case.text)
    }));
    let (quotes, speakers, problems) = match result {
        Ok(result) => {
            let (q, s) = actual_rows(&case.text, case.options.crlf, &result);
            let mut p = problems(case, &q, &s);
            // Every case also proves that prefixing "é " moves each span
            // by exactly three bytes and changes nothing else.
            let shift = panic::catch_unwind(AssertUnwindSafe(|| {
                crate::invariants::check_shift(
                    attributor,
                    &case.text,
                    &result,
                    crate::invariants::SHIFT_PREFIX,
                )
            }));
            if shift.is_err() {
                p.push("prefixing \"é \" changed the result".into());
            }
            (q, s, p)
        }
        Err(_) => (Vec::new(), Vec::new(), vec!["attribute panicked".into()]),
    };
    if problems.is_empty() {
        Ok(())
    } else {
        Err(report(file, case, &problems, &quotes, &speakers))
    }
}

/// Runs every case of a data file and fails once, listing all failures.
fn check_file(file: &str, data: &str) {
    let cases = parse(file, data).unwrap_or_else(|e| panic!("{e}"));
    let filter = std::env::var("WHOSAID_CASE").ok();
    let mut attributors: HashMap<(bool, bool), Attributor> = HashMap::new();
    let mut failed = Vec::new();
    let mut ran = 0;
    for case in &cases {
        if filter.as_deref().is_some_and(|f| !case.name.contains(f)) {
            continue;
        }
        ran += 1;
        let o = case.options;
        let attributor = attributors
            .entry((o.cognition, o.documents))
            .or_insert_with(|| {
                Attributor::builder()
                    .cognition(o.cognition)
                    .documents(o.documents)
                    .build()
                    .expect("default lexicons build")
            });
        if let Err(report) = run_case(file, case, attributor) {
            eprintln!("{report}");
            failed.push(case.name.as_str());
        }
    }
    if !failed.is_empty() {
        panic!(
            "{} of {ran} case(s) in tests/data/{file} failed:\n  {}",
            failed.len(),
            failed.join("\n  ")
        );
    }
}

// ---------------------------------------------------------------------
// The runner's own tests
// ---------------------------------------------------------------------

const SAMPLE: &str = "\
# a comment
=== two quotes
“We will not move,” Anna Berg said.

# not a comment: part of the text
--- quotes
direct | We will not move, | Anna Berg | Anna Berg | said
--- speakers exact
Anna Berg | person | - | -

=== nothing
The weather was fine on Monday.
--- options: crlf
--- quotes
";

#[test]
fn parser_reads_text_options_and_rows() {
    let cases = parse("sample", SAMPLE).unwrap();
    assert_eq!(cases.len(), 2);
    let c = &cases[0];
    assert_eq!(
        c.text,
        "“We will not move,” Anna Berg said.\n\n\
         # not a comment: part of the text"
    );
    assert_eq!(&c.text[c.quotes[0].span.clone()], "We will not move,");
    assert_eq!(c.quotes[0].cue, Field::Text("said".into()));
    assert!(c.speakers_exact);
    assert_eq!(c.speakers[0].role, None);
    assert!(cases[1].options.crlf);
    assert!(cases[1].quotes.is_empty());
}

#[test]
fn parser_errors_name_the_line() {
    let bad = |data: &str| parse("bad", data).unwrap_err();
    assert!(bad("=== a\nx\n--- quotes\ndirect | y | - | - | -\n")
        .starts_with("bad:4:"));
    assert!(bad("=== a\nx\n--- quotes\nquoted | x | - | - | -\n")
        .starts_with("bad:4:"));
    assert!(bad("=== a\nx\n--- quotes\ndirect | x | A | - | -\n")
        .starts_with("bad:4:"));
    assert!(bad("=== a\nx y\n--- quotes\ndirect | x | - | - | z\n")
        .starts_with("bad:4:"));
    assert!(bad("stray\n").starts_with("bad:1:"));
    assert!(bad("=== a\nx\n--- speakers\n").starts_with("bad:1:"));
    assert!(bad("=== a\nx\n").starts_with("bad:1:"));
    assert!(
        bad("=== a\nx\n--- options: fast\n--- quotes\n").starts_with("bad:3:")
    );
}

#[test]
fn escapes_and_crlf_resolve_to_the_text() {
    let data = "=== q\n“One\n\n“two,” she said.\n--- options: crlf\n\
                --- quotes\ndirect | One\\n\\n“two, | - | - | -\n";
    let cases = parse("crlf", data).unwrap();
    let c = &cases[0];
    assert_eq!(&c.text[c.quotes[0].span.clone()], "One\r\n\r\n“two,");
    assert_eq!(c.quotes[0].content, "One\\n\\n“two,");
    assert_eq!(escape("a\r\nb", true), "a\\nb");
    assert_eq!(escape("a\r\nb", false), "a\\r\\nb");
    assert_eq!(unescape("a\\nb", false), "a\nb");
}

#[test]
fn comparison_finds_each_difference() {
    let cases = parse("sample", SAMPLE).unwrap();
    let c = &cases[0];
    let good = c.quotes.clone();
    let speaker = |role: Option<&str>| SpeakerRow {
        name: "Anna Berg".into(),
        kind: "person".into(),
        role: role.map(str::to_string),
        organization: None,
    };
    assert!(problems(c, &good, &[speaker(None)]).is_empty());
    let mut wrong = good.clone();
    wrong[0].span.end -= 1;
    wrong[0].cue = Field::Absent;
    let p = problems(c, &wrong, &[speaker(None)]);
    assert_eq!(p.len(), 1);
    assert!(p[0].contains("wrong span, cue"), "{p:?}");
    let p = problems(c, &[], &[speaker(Some("mayor")), speaker(None)]);
    assert_eq!(p.len(), 2, "{p:?}");
    let other = SpeakerRow {
        name: "Berg".into(),
        ..speaker(None)
    };
    assert_eq!(problems(c, &good, &[speaker(None), other]).len(), 1);
}

/// The sanity check that the runner runs the real attributor: a case
/// without quotes passes even on an empty pipeline.
#[test]
fn a_case_without_quotes_passes() {
    let cases = parse("sample", SAMPLE).unwrap();
    assert_eq!(run_case("sample", &cases[1], &Attributor::new()), Ok(()));
}
