//! Who said what in an article: a readable report, JSON, or JSON Lines.
//!
//! ```text
//! cargo run --example attribute                       # the sample article
//! cargo run --example attribute -- FILE...            # a report per file
//! cargo run --example attribute -- --json [FILE...]   # a JSON object each
//! cargo run --release --example attribute -- --jsonl [--threads N] \
//!     < articles.jsonl > quotes.jsonl
//! ```
//!
//! Without a file it reads `examples/sample_article.txt`, which is built
//! into the binary. `--jsonl` reads `{"id": ..., "text": ...}` lines from
//! stdin and writes one [`whosaid::to_json`] line per input line, in input
//! order, with N threads; it streams, so memory stays bounded however long
//! the input is. Bad input lines are reported on stderr by line number and
//! skipped; the exit status is then 1. See `--help`.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TryRecvError};
use std::sync::Mutex;
use std::thread;

use serde_json::Value;
use whosaid::{to_json, write_json, Attribution, Attributor};

const SAMPLE: &str = include_str!("sample_article.txt");

const USAGE: &str = "\
usage: attribute [--json] [FILE...]
       attribute --jsonl [--threads N]

Finds who said what in English news articles.

  (no FILE)      the built-in sample article
  FILE...        report on each file (UTF-8 text)
  --json         one JSON object per article instead of a report
  --jsonl        read JSON Lines {\"id\": string|number, \"text\": string}
                 from stdin, write one JSON line per input line, in order
  --threads N    worker threads for --jsonl (default: available cores)
  -h, --help     this help

Exit status: 0 on success, 1 if a file or an input line failed, 2 on a
usage error.
";

/// The longest quote shown in a report, in chars, before it is cut.
const SHOWN_CHARS: usize = 100;

/// Lines in flight per worker thread in `--jsonl` mode: enough to keep
/// every worker busy while the writer waits for the oldest line, few
/// enough that memory stays a few lines per thread.
const LINES_PER_THREAD: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Report,
    Json,
    Jsonl,
}

#[derive(Debug)]
struct Options {
    mode: Mode,
    threads: usize,
    files: Vec<OsString>,
}

fn main() -> ExitCode {
    let opts = match parse_args(env::args_os().skip(1)) {
        Ok(Some(opts)) => opts,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("attribute: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // Built once: compiling the lexicons is the expensive part, and the
    // attributor is shared by every article and every thread.
    let attributor = Attributor::new();
    let run = match opts.mode {
        Mode::Jsonl => run_jsonl(&attributor, opts.threads),
        Mode::Report | Mode::Json => run_articles(&attributor, &opts),
    };
    match run {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("attribute: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The options, `None` for `--help`, or a usage error.
fn parse_args(
    args: impl Iterator<Item = OsString>,
) -> Result<Option<Options>, String> {
    let mut mode = Mode::Report;
    let mut threads = None;
    let mut files = Vec::new();
    let mut args = args.peekable();
    let mut only_files = false;
    while let Some(arg) = args.next() {
        let flag = match arg.to_str() {
            Some(s) if !only_files && s.starts_with('-') && s != "-" => s,
            _ => {
                files.push(arg);
                continue;
            }
        };
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (flag, None),
        };
        if inline.is_some() && name != "--threads" {
            return Err(format!("{name} takes no value"));
        }
        match name {
            "-h" | "--help" => return Ok(None),
            "--" => only_files = true,
            "--json" | "--jsonl" => {
                let m = if name == "--json" {
                    Mode::Json
                } else {
                    Mode::Jsonl
                };
                if mode != Mode::Report && mode != m {
                    return Err("--json and --jsonl exclude each other".into());
                }
                mode = m;
            }
            "--threads" => {
                let value = match inline {
                    Some(v) => v,
                    None => args
                        .next()
                        .and_then(|v| v.into_string().ok())
                        .ok_or("--threads needs a number")?,
                };
                threads = Some(parse_threads(&value)?);
            }
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if mode == Mode::Jsonl && !files.is_empty() {
        return Err("--jsonl reads stdin and takes no FILE".into());
    }
    if threads.is_some() && mode != Mode::Jsonl {
        return Err("--threads only applies to --jsonl".into());
    }
    let threads = threads.unwrap_or_else(|| {
        thread::available_parallelism().map_or(1, |n| n.get())
    });
    Ok(Some(Options {
        mode,
        threads,
        files,
    }))
}

fn parse_threads(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(n) if (1..=1024).contains(&n) => Ok(n),
        _ => Err(format!("--threads wants 1 to 1024, not {value:?}")),
    }
}

/// Report or JSON for the sample or for each file. `Ok(false)` when a file
/// could not be read; the others are still done.
fn run_articles(attributor: &Attributor, opts: &Options) -> io::Result<bool> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let json = opts.mode == Mode::Json;
    if opts.files.is_empty() {
        let result = attributor.attribute(SAMPLE);
        if json {
            write_json(&mut out, &result, SAMPLE, Some("sample"))?;
            writeln!(out)?;
        } else {
            writeln!(out, "== sample article ==\n")?;
            write_report(&mut out, SAMPLE, &result)?;
        }
        out.flush()?;
        return Ok(true);
    }
    let mut all_read = true;
    for (i, file) in opts.files.iter().enumerate() {
        let name = file.to_string_lossy();
        let text = match read_text(file) {
            Ok(text) => text,
            Err(e) => {
                // What was written so far goes out before the error, so
                // that the two streams read in order on a terminal.
                out.flush()?;
                eprintln!("attribute: {name}: {e}");
                all_read = false;
                continue;
            }
        };
        let result = attributor.attribute(&text);
        if json {
            write_json(&mut out, &result, &text, Some(&name))?;
            writeln!(out)?;
        } else {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(out, "== {name} ==\n")?;
            write_report(&mut out, &text, &result)?;
        }
    }
    out.flush()?;
    Ok(all_read)
}

/// The file as UTF-8 text; invalid UTF-8 is an error rather than a lossy
/// conversion, so that offsets always index the file's own bytes.
fn read_text(file: &OsString) -> io::Result<String> {
    let bytes = fs::read(file)?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("not UTF-8 (invalid byte at offset {at})"),
        )
    })
}

/// The human-readable report: the quotes in text order, then the speakers,
/// quoted ones first.
fn write_report(
    out: &mut impl Write,
    text: &str,
    result: &Attribution,
) -> io::Result<()> {
    let quotes = result.quotes();
    let speakers = result.speakers();
    writeln!(out, "Quotes: {}", quotes.len())?;
    for (i, q) in quotes.iter().enumerate() {
        write!(out, "{:>3}. [{}] ", i + 1, q.kind().as_str())?;
        match (q.speaker(), result.speaker_of(q)) {
            (Some(r), Some(s)) => {
                write!(out, "{}", s.name())?;
                let mention = r.mention().get(text).unwrap_or("");
                if !mention.is_empty() && mention != s.name() {
                    write!(out, " (as {:?})", shorten(mention, 40))?;
                }
                let affiliation: Vec<&str> =
                    s.role().into_iter().chain(s.organization()).collect();
                if !affiliation.is_empty() {
                    write!(out, ", {}", affiliation.join(", "))?;
                }
            }
            _ => write!(out, "(no speaker)")?,
        }
        writeln!(out)?;
        write!(out, "     ")?;
        match q.cue() {
            Some(c) => write!(
                out,
                "cue {:?} ({})",
                c.span().get(text).unwrap_or(""),
                c.class().as_str()
            )?,
            None => write!(out, "no cue")?,
        }
        writeln!(
            out,
            "; sieve {}; confidence {:.2}",
            q.sieve(),
            q.confidence()
        )?;
        let content = q.span().get(text).unwrap_or("");
        writeln!(out, "     > {}", shorten(content, SHOWN_CHARS))?;
    }

    // Quoted speakers first; otherwise the order of first mention.
    let mut order: Vec<usize> = (0..speakers.len()).collect();
    order.sort_by_key(|&i| !speakers[i].is_quoted());
    writeln!(out, "\nSpeakers: {}", speakers.len())?;
    for i in order {
        let s = &speakers[i];
        write!(out, "  - {} [{}]", s.name(), s.kind().as_str())?;
        if let Some(role) = s.role() {
            write!(out, ", role: {role}")?;
        }
        if let Some(org) = s.organization() {
            write!(out, ", organization: {org}")?;
        }
        let n = s.mentions().len();
        let m = s.quotes().len();
        writeln!(out, "; {n} mention{}, {m} quote{}", plural(n), plural(m))?;
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `s` on one line (runs of whitespace, line breaks included, become one
/// space), cut to at most `max` chars with a final "…".
fn shorten(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max * 4));
    let mut chars = 0;
    for word in s.split_whitespace() {
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        for c in word.chars() {
            out.push(c);
            chars += 1;
        }
        if chars > max {
            break;
        }
    }
    if chars > max {
        // Cut on a char, not a byte, so that multi-byte text stays valid.
        let cut = out
            .char_indices()
            .nth(max.saturating_sub(1))
            .map_or(out.len(), |(i, _)| i);
        out.truncate(cut);
        out.push('…');
    }
    out
}

/// The outcome of one input line: its output, or what was wrong with it.
type LineResult = Result<Output, String>;

/// An input line's output.
enum Output {
    /// The JSON line, made by the worker: serializing costs about a third
    /// of attributing, too much for the one writer thread to do for all.
    Json(String),
    /// A long text with its attribution, which the writer serializes
    /// straight onto the output: its JSON, several times the size of the
    /// text, is then never held whole.
    Attributed {
        id: Option<String>,
        text: String,
        result: Attribution,
    },
}

/// Texts longer than this, in bytes, are serialized by the writer.
const LONG_TEXT: usize = 64 << 10;

/// A line to attribute, and where its result goes.
type Job = (Vec<u8>, SyncSender<LineResult>);

/// `--jsonl`: streams stdin to stdout through `threads` workers.
///
/// The reader sends each line to the workers' shared queue and, in the
/// same order, the receiving end of that line's one-shot result channel
/// to the writer. The writer waits for the results one after the other,
/// so output keeps input order without a reordering buffer, and both
/// queues are bounded, so at most a few lines per thread are in memory.
fn run_jsonl(attributor: &Attributor, threads: usize) -> io::Result<bool> {
    let (job_tx, job_rx) = sync_channel::<Job>(threads * LINES_PER_THREAD);
    let (order_tx, order_rx) = sync_channel::<(u64, Receiver<LineResult>)>(
        threads * LINES_PER_THREAD,
    );
    // An mpsc receiver has one owner; the workers take turns at it.
    let job_rx = Mutex::new(job_rx);
    thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| work(attributor, &job_rx));
        }
        let reader = scope.spawn(move || read_lines(job_tx, order_tx));
        // The writer returns early only on an output error; dropping
        // `order_rx` then stops the reader, whose sends start failing.
        let written = write_in_order(order_rx);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("reader thread failed")));
        let all_good = written?;
        read.map_err(|e| io::Error::new(e.kind(), format!("stdin: {e}")))?;
        Ok(all_good)
    })
}

/// Reads stdin line by line (as bytes, so that a line of invalid UTF-8 is
/// one bad line and not the end of the input) and dispatches each line.
fn read_lines(
    jobs: SyncSender<Job>,
    order: SyncSender<(u64, Receiver<LineResult>)>,
) -> io::Result<()> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut number = 0u64;
    loop {
        let mut line = Vec::new();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        number += 1;
        if line.last() == Some(&b'\n') {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
        }
        let (result_tx, result_rx) = sync_channel(1);
        // Either send fails only when the other side has stopped (an
        // output error): there is nothing left to do then.
        if jobs.send((line, result_tx)).is_err()
            || order.send((number, result_rx)).is_err()
        {
            return Ok(());
        }
    }
}

/// A worker: attributes lines until the queue is closed.
fn work(attributor: &Attributor, jobs: &Mutex<Receiver<Job>>) {
    loop {
        // The lock is held only while waiting for the next job, not while
        // working on it. A poisoned lock would mean another worker
        // panicked; this one then stops too, and the writer reports the
        // lines left without a result.
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((line, reply)) = job else { return };
        // The writer may be gone after an output error: nothing to do.
        let _ = reply.send(process_line(attributor, line));
    }
}

/// One input line attributed.
fn process_line(attributor: &Attributor, line: Vec<u8>) -> LineResult {
    let (id, text) = parse_line(&line)?;
    // The line has been read: its memory is not kept while the text is
    // attributed.
    drop(line);
    let result = attributor.attribute(&text);
    Ok(if text.len() > LONG_TEXT {
        Output::Attributed { id, text, result }
    } else {
        Output::Json(to_json(&result, &text, id.as_deref()))
    })
}

/// The id and the text of an input line.
fn parse_line(line: &[u8]) -> Result<(Option<String>, String), String> {
    let line = std::str::from_utf8(line).map_err(|e| {
        format!("not UTF-8 (invalid byte at offset {})", e.valid_up_to())
    })?;
    if line.trim().is_empty() {
        return Err("empty line".into());
    }
    let value: Value = serde_json::from_str(line)
        .map_err(|e| format!("malformed JSON: {e}"))?;
    let Value::Object(mut obj) = value else {
        return Err("not a JSON object".into());
    };
    // Taken out of the parsed line, not copied.
    let text = match obj.remove("text") {
        Some(Value::String(text)) => text,
        Some(_) => return Err("\"text\" is not a string".into()),
        None => return Err("no \"text\"".into()),
    };
    // A number keeps its JSON spelling ("17"), so that the output id reads
    // like the input one. A missing id is allowed: the output line then
    // has none, and only its position ties it to its input.
    let id = match obj.get("id") {
        Some(Value::String(id)) => Some(id.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        None | Some(Value::Null) => None,
        Some(_) => return Err("\"id\" is not a string or a number".into()),
    };
    Ok((id, text))
}

/// Writes the results in input order; `Ok(false)` if any line failed.
fn write_in_order(
    order: Receiver<(u64, Receiver<LineResult>)>,
) -> io::Result<bool> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut all_good = true;
    loop {
        let (number, result) = match order.try_recv() {
            Ok(next) => next,
            Err(TryRecvError::Disconnected) => break,
            Err(TryRecvError::Empty) => {
                // The reader is waiting for input: what is done goes out
                // now, so that interactive and piped use see each line
                // without waiting for the buffer to fill.
                out.flush()?;
                match order.recv() {
                    Ok(next) => next,
                    Err(_) => break,
                }
            }
        };
        match result.recv() {
            Ok(Ok(output)) => {
                match output {
                    Output::Json(json) => out.write_all(json.as_bytes())?,
                    Output::Attributed { id, text, result } => {
                        write_json(&mut out, &result, &text, id.as_deref())?
                    }
                }
                out.write_all(b"\n")?;
            }
            Ok(Err(msg)) => {
                all_good = false;
                eprintln!("attribute: line {number}: {msg}");
            }
            Err(_) => {
                all_good = false;
                eprintln!("attribute: line {number}: no result");
            }
        }
    }
    out.flush()?;
    Ok(all_good)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Option<Options>, String> {
        parse_args(list.iter().map(OsString::from))
    }

    #[test]
    fn arguments() {
        let o = args(&[]).unwrap().unwrap();
        assert_eq!(o.mode, Mode::Report);
        assert!(o.files.is_empty());
        let o = args(&["a.txt", "--json", "b.txt"]).unwrap().unwrap();
        assert_eq!(o.mode, Mode::Json);
        assert_eq!(o.files.len(), 2);
        let o = args(&["--jsonl", "--threads", "3"]).unwrap().unwrap();
        assert_eq!((o.mode, o.threads), (Mode::Jsonl, 3));
        let o = args(&["--jsonl", "--threads=2"]).unwrap().unwrap();
        assert_eq!(o.threads, 2);
        assert!(args(&["--help"]).unwrap().is_none());
        assert!(args(&["--bogus"]).is_err());
        assert!(args(&["--jsonl", "--threads", "0"]).is_err());
        assert!(args(&["--jsonl", "--threads"]).is_err());
        assert!(args(&["--jsonl", "x.txt"]).is_err());
        assert!(args(&["--json", "--jsonl"]).is_err());
        assert!(args(&["--json=1"]).is_err());
        let o = args(&["--", "--json"]).unwrap().unwrap();
        assert_eq!(o.files, [OsString::from("--json")]);
    }

    #[test]
    fn shortening() {
        assert_eq!(shorten("a  b\n\nc", 10), "a b c");
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("“éééé”", 3), "“é…");
        assert_eq!(shorten("", 3), "");
    }

    #[test]
    fn lines() {
        let a = Attributor::new();
        let line = |l: &[u8]| process_line(&a, l.to_vec());
        assert!(line(b"").is_err());
        assert!(line(b"{").is_err());
        assert!(line(b"[1]").is_err());
        assert!(line(br#"{"id":1}"#).is_err());
        assert!(line(br#"{"id":1,"text":2}"#).is_err());
        assert!(line(br#"{"id":[],"text":""}"#).is_err());
        assert!(line(b"\xff").is_err());
        let Ok(Output::Json(json)) = line(br#"{"id":17,"text":"x","k":0}"#)
        else {
            panic!("a short text's JSON is made by the worker")
        };
        assert!(json.starts_with(r#"{"id":"17","#));
        let long =
            format!(r#"{{"id":"L","text":"{}"}}"#, "x ".repeat(LONG_TEXT));
        let Ok(Output::Attributed { id, .. }) = line(long.as_bytes()) else {
            panic!("a long text goes to the writer to serialize")
        };
        assert_eq!(id.as_deref(), Some("L"));
    }
}
