//! Throughput of `whosaid`: the build, a news corpus, and worst-case
//! shapes at 1× and 16× size to show that cost stays linear.
//!
//! Std only (no bench crate), so that it builds wherever the library
//! builds. See `benches/texts/README.md` for the texts and the shapes.
//!
//! ```text
//! cargo bench --bench throughput                 # everything
//! cargo bench --bench throughput -- --quick      # smoke test
//! cargo bench --bench throughput -- names lines  # cases matching
//! ```

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use whosaid::{Attribution, Attributor};

// ---------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------

struct Options {
    quick: bool,
    // Print the generated corpus and exit, to inspect the variations.
    dump_corpus: bool,
    // Empty means every case.
    filters: Vec<String>,
}

impl Options {
    fn parse() -> Options {
        let mut quick = std::env::var("WHOSAID_BENCH_QUICK")
            .map(|v| !v.is_empty() && v != "0")
            .unwrap_or(false);
        let mut filters = Vec::new();
        let mut dump_corpus = false;
        for arg in std::env::args().skip(1) {
            match arg.as_str() {
                // `cargo bench` always passes `--bench` to harness=false
                // targets.
                "--bench" => {}
                "--quick" | "-q" => quick = true,
                "--dump-corpus" => dump_corpus = true,
                "--help" | "-h" => {
                    println!(
                        "usage: throughput [--quick] [--dump-corpus] [FILTER...]\n\
                         cases: build, corpus, {}\n\
                         env: WHOSAID_BENCH_QUICK=1 same as --quick",
                        SHAPES
                            .iter()
                            .map(|s| s.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                    std::process::exit(0);
                }
                s if s.starts_with('-') => {
                    eprintln!("ignoring unknown option {s}");
                }
                s => filters.push(s.to_string()),
            }
        }
        Options {
            quick,
            dump_corpus,
            filters,
        }
    }

    fn wants(&self, case: &str) -> bool {
        self.filters.is_empty()
            || self.filters.iter().any(|f| case.contains(f.as_str()))
    }
}

// Sample budgets. Quick mode only proves that every case runs; its
// numbers are not for comparison.
struct Budget {
    build_samples: usize,
    corpus_min_bytes: usize,
    corpus_min_samples: usize,
    corpus_min_time: Duration,
    // A slow pipeline must not turn the bench into an hour-long run:
    // after this, stop at `corpus_min_samples.min(3)` samples.
    corpus_cap_time: Duration,
    corpus_warmup: Duration,
    shape_samples: usize,
    // Small inputs run many times per sample so that one sample is long
    // enough for the clock to resolve.
    shape_sample_time: Duration,
    // A single call slower than this is sampled only once.
    shape_long_call: Duration,
    // Worst-case sizes are divided by this in quick mode.
    shape_divisor: usize,
}

impl Budget {
    fn new(quick: bool) -> Budget {
        if quick {
            Budget {
                build_samples: 3,
                corpus_min_bytes: 128 << 10,
                corpus_min_samples: 3,
                corpus_min_time: Duration::from_millis(200),
                corpus_cap_time: Duration::from_secs(3),
                corpus_warmup: Duration::ZERO,
                shape_samples: 3,
                shape_sample_time: Duration::from_millis(5),
                shape_long_call: Duration::from_secs(2),
                shape_divisor: 16,
            }
        } else {
            Budget {
                build_samples: 11,
                corpus_min_bytes: 1 << 20,
                corpus_min_samples: 10,
                corpus_min_time: Duration::from_secs(3),
                corpus_cap_time: Duration::from_secs(30),
                corpus_warmup: Duration::from_millis(500),
                shape_samples: 15,
                shape_sample_time: Duration::from_millis(50),
                shape_long_call: Duration::from_secs(10),
                shape_divisor: 1,
            }
        }
    }
}

// ---------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------

/// What a result must keep equal between runs on the same input. Folding
/// the spans in makes the result observable, so the work cannot be
/// optimised away, and catches a pipeline that is not deterministic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Fingerprint {
    quotes: usize,
    speakers: usize,
    hash: u64,
}

impl Fingerprint {
    fn add(&mut self, r: &Attribution) {
        self.quotes += r.quotes().len();
        self.speakers += r.speakers().len();
        for q in r.quotes() {
            let s = q.span();
            let span = s.start as u64 ^ ((s.end as u64) << 32);
            self.hash = mix(self.hash ^ span);
            if let Some(sp) = q.speaker() {
                self.hash = mix(self.hash ^ sp.index() as u64);
            }
        }
    }

    fn of(r: &Attribution) -> Fingerprint {
        let mut f = Fingerprint::default();
        f.add(r);
        f
    }
}

/// Outside the timed loops: every span must slice the text, as the API
/// promises. A broken span would make the timings meaningless anyway.
fn check_spans(text: &str, r: &Attribution, what: &str) {
    let ok = |s: whosaid::Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for q in r.quotes() {
        assert!(ok(q.span()), "{what}: bad quote span {:?}", q.span());
    }
    for sp in r.speakers() {
        for &m in sp.mentions() {
            assert!(ok(m), "{what}: bad mention span {m:?}");
        }
    }
}

struct Stats {
    median: f64,
    min: f64,
    max: f64,
    samples: usize,
}

impl Stats {
    fn of(samples: &[f64]) -> Stats {
        let mut v = samples.to_vec();
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let median = if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        };
        Stats {
            median,
            min: v[0],
            max: v[n - 1],
            samples: n,
        }
    }
}

/// One line of the final table.
struct Row {
    case: String,
    size: String,
    stats: Stats,
    bytes: Option<usize>,
    items: Option<(usize, &'static str)>,
    ratio: Option<f64>,
}

// ---------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------

fn bench_build(b: &Budget) -> Vec<Row> {
    let mut times = Vec::new();
    for _ in 0..b.build_samples {
        let t = Instant::now();
        let a = black_box(Attributor::new());
        times.push(t.elapsed().as_secs_f64());
        // Dropping is not part of building.
        drop(a);
    }
    // The first build may fill process-wide caches; users pay it once
    // per process, so it is shown apart from the steady state.
    let first = times.remove(0);
    let mut rows = vec![Row {
        case: "build (first)".into(),
        size: "-".into(),
        stats: Stats::of(&[first]),
        bytes: None,
        items: None,
        ratio: None,
    }];
    if !times.is_empty() {
        rows.push(Row {
            case: "build".into(),
            size: "-".into(),
            stats: Stats::of(&times),
            bytes: None,
            items: Some((1, "builds")),
            ratio: None,
        });
    }
    rows
}

// ---------------------------------------------------------------------
// News corpus
// ---------------------------------------------------------------------

const ARTICLES: [&str; 11] = [
    include_str!("texts/news-01.txt"),
    include_str!("texts/news-02.txt"),
    include_str!("texts/news-03.txt"),
    include_str!("texts/news-04.txt"),
    include_str!("texts/news-05.txt"),
    include_str!("texts/news-06.txt"),
    include_str!("texts/news-07.txt"),
    include_str!("texts/news-08.txt"),
    include_str!("texts/news-09.txt"),
    include_str!("texts/news-10.txt"),
    include_str!("texts/news-11.txt"),
];

// Each pool holds the names the articles use plus a few that they do not.
// A variant rotates every pool, which is a bijection: two speakers of one
// article never merge into one name, and unused names come into play.
const SURNAMES: &[&str] = &[
    "Strand",
    "Eklund",
    "Solberg",
    "Halvorsen",
    "Aronsen",
    "Voss",
    "Lind",
    "Okafor",
    "Ramaswamy",
    "Adeyemi",
    "Marchetti",
    "Mutasa",
    "Petrov",
    "Kamau",
    "Amankwah",
    "Reyes",
    "Mensah",
    "Barbosa",
    "Dawson",
    "Sorensen",
    "Mbatha",
    "Brennan",
    "Gallagher",
    "Richter",
    "Villanueva",
    "Quintero",
    "Paredes",
    "Whitfield",
    "Rojas",
    "Krishnan",
    "Pillai",
    "Bose",
    "Rao",
    "Hassan",
    "Ferreira",
    "Jennings",
    "Novak",
    "Liu",
    "Haskins",
    "Hartmann",
    "Albers",
    "Brandt",
    "Kessler",
    "Hanak",
    "Kranz",
    "Fischer",
    "Kovacs",
    "Berger",
    "Nkemelu",
    "Marchand",
    "Sheffield",
    "Lindqvist",
    "McBride",
    "Boateng",
    "Wanjiru",
    "Otieno",
    "Njoroge",
    "Chebet",
    "Mwangi",
    "Abara",
    "Bergqvist",
    "Castellano",
    "Drummond",
    "Esposito",
    "Faulkner",
    "Gustafsson",
    "Holloway",
    "Ibarra",
    "Jovanovic",
    "Kariuki",
    "Lachance",
    "Nakashima",
    "Oyelaran",
    "Pettersen",
    "Quist",
    "Szabo",
];

const FIRST_NAMES: &[&str] = &[
    "Tomas",
    "Ingrid",
    "Marit",
    "Leif",
    "Karin",
    "Anders",
    "Priya",
    "Samuel",
    "Elena",
    "Victor",
    "Nadia",
    "Joseph",
    "Felix",
    "Sofia",
    "Grace",
    "Rui",
    "Kirra",
    "Lucy",
    "Owen",
    "Stefan",
    "Hannah",
    "Rosa",
    "Marisol",
    "Ernesto",
    "Thomas",
    "Ignacio",
    "Meera",
    "Arjun",
    "Rajiv",
    "Lakshmi",
    "Farid",
    "Daniel",
    "Paula",
    "Stanislav",
    "Rebecca",
    "Miriam",
    "Friedrich",
    "Katja",
    "Johannes",
    "Viktor",
    "Elisabeth",
    "Lena",
    "Marta",
    "Chidi",
    "Isabel",
    "Martin",
    "Hanna",
    "Gordon",
    "Ama",
    "Beatrice",
    "Moses",
    "Naomi",
    "Esther",
    "Astrid",
    "Bruno",
    "Carmen",
    "Dmitri",
    "Efua",
    "Goran",
    "Ines",
    "Kwame",
    "Linnea",
    "Mateo",
    "Oskar",
    "Rania",
    "Tariq",
    "Yara",
];

// Invented places, and the organisations named after them.
const PLACES: &[&str] = &[
    "Marvik",
    "Norland",
    "Kesby",
    "Havdal",
    "Caldera",
    "Ashford",
    "Harcourt",
    "Westbridge",
    "Eastgate",
    "Lorne",
    "Tamanga",
    "Varda",
    "Keston",
    "Westmere",
    "Brightwater",
    "Greyford",
    "Altamira",
    "Cordillera",
    "Eastland",
    "Lumora",
    "Kovar",
    "Aldmark",
    "Lindau",
    "Tessaly",
    "Brennig",
    "Oldmarsh",
    "Eastbay",
    "Northgate",
    "Amberley",
    "Corran",
    "Dunmore",
    "Fennick",
    "Glenharrow",
    "Hollin",
    "Iverly",
    "Lantry",
    "Morvane",
    "Pellan",
    "Rivenby",
];

const OUTLETS: &[&str] = &[
    "Coastline",
    "Meridian",
    "Sportsline",
    "Harbourline",
    "Northstar",
    "Tidewater",
];

/// Rewrites an article for variant `k` (0 is the original): names, places
/// and outlets rotated, digits changed, and the body's paragraphs
/// shuffled, so that the corpus is not one block repeated.
struct Varier {
    // word -> (pool, index in pool)
    words: HashMap<&'static str, (usize, usize)>,
}

const POOLS: [&[&str]; 4] = [SURNAMES, FIRST_NAMES, PLACES, OUTLETS];

impl Varier {
    fn new() -> Varier {
        let mut words = HashMap::new();
        for (p, pool) in POOLS.iter().enumerate() {
            for (i, w) in pool.iter().enumerate() {
                let old = words.insert(*w, (p, i));
                assert!(old.is_none(), "{w} is in two pools");
            }
        }
        Varier { words }
    }

    fn vary(&self, article: &str, id: usize, k: usize) -> String {
        if k == 0 {
            return article.to_string();
        }
        let paras = shuffle_body(article, seed(id as u64, k as u64));
        let mut out = String::with_capacity(article.len() + 64);
        for (n, p) in paras.iter().enumerate() {
            if n > 0 {
                out.push_str("\n\n");
            }
            self.substitute(p, k, &mut out);
        }
        out.push('\n');
        out
    }

    fn substitute(&self, text: &str, k: usize, out: &mut String) {
        let mut rest = text;
        let mut leading_digit = true;
        while let Some(c) = rest.chars().next() {
            if c.is_alphabetic() {
                let end = rest
                    .find(|c: char| !c.is_alphabetic())
                    .unwrap_or(rest.len());
                let word = &rest[..end];
                match self.words.get(word) {
                    Some(&(p, i)) => {
                        let pool = POOLS[p];
                        out.push_str(pool[(i + k) % pool.len()]);
                    }
                    None => out.push_str(word),
                }
                rest = &rest[end..];
                leading_digit = true;
                continue;
            }
            if let Some(d) = c.to_digit(10) {
                // Keep a leading digit non-zero so that "4,200" never
                // becomes "0,866".
                let d = if leading_digit && d != 0 {
                    (d - 1 + k as u32) % 9 + 1
                } else {
                    (d + k as u32) % 10
                };
                out.push(char::from_digit(d, 10).unwrap());
                leading_digit = false;
            } else {
                out.push(c);
                // "4,200" and "5.25" are one number.
                leading_digit = !matches!(c, ',' | '.')
                    || !rest[1..].starts_with(|c: char| c.is_ascii_digit());
            }
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// The article's paragraphs with the body shuffled. The headline and
/// byline stay first. A quote that runs over several paragraphs (the
/// opening paragraph leaves its mark unclosed) moves as one block, so
/// that shuffling does not invent unbalanced quotes.
fn shuffle_body(article: &str, mut rng: u64) -> Vec<&str> {
    let paras: Vec<&str> = article
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let head = paras.len().min(2);
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    let mut open = false;
    for p in &paras[head..] {
        if open {
            blocks.last_mut().unwrap().push(p);
        } else {
            blocks.push(vec![p]);
        }
        open = leaves_quote_open(p);
    }
    for i in (1..blocks.len()).rev() {
        let j = (next(&mut rng) % (i as u64 + 1)) as usize;
        blocks.swap(i, j);
    }
    let mut out = paras[..head].to_vec();
    out.extend(blocks.into_iter().flatten());
    out
}

fn leaves_quote_open(p: &str) -> bool {
    let opens = p.matches('“').count();
    let closes = p.matches('”').count();
    let straight = p.matches('"').count();
    opens > closes || straight % 2 == 1
}

fn build_corpus(min_bytes: usize) -> Vec<String> {
    let varier = Varier::new();
    let mut corpus = Vec::new();
    let mut bytes = 0;
    let mut k = 0;
    while bytes < min_bytes {
        for (id, a) in ARTICLES.iter().enumerate() {
            let text = varier.vary(a, id, k);
            bytes += text.len();
            corpus.push(text);
        }
        k += 1;
    }
    corpus
}

fn corpus_pass(a: &Attributor, corpus: &[String]) -> Fingerprint {
    let mut fp = Fingerprint::default();
    // One call per article: that is how the library is used.
    for text in corpus {
        let r = a.attribute(black_box(text.as_str()));
        fp.add(&r);
        black_box(&r);
    }
    fp
}

fn bench_corpus(a: &Attributor, b: &Budget) -> Row {
    let corpus = build_corpus(b.corpus_min_bytes);
    let bytes: usize = corpus.iter().map(String::len).sum();

    // Warm-up, which also checks the spans once, outside the timing.
    let mut expect = Fingerprint::default();
    for (i, text) in corpus.iter().enumerate() {
        let r = a.attribute(text);
        check_spans(text, &r, &format!("corpus article {i}"));
        expect.add(&r);
    }
    let warm = Instant::now();
    while warm.elapsed() < b.corpus_warmup {
        assert_eq!(corpus_pass(a, &corpus), expect, "corpus warm-up");
    }

    let mut times = Vec::new();
    let start = Instant::now();
    loop {
        let t = Instant::now();
        let fp = corpus_pass(a, &corpus);
        times.push(t.elapsed().as_secs_f64());
        assert_eq!(fp, expect, "corpus result changed between passes");
        let n = times.len();
        let spent = start.elapsed();
        let enough = n >= b.corpus_min_samples && spent >= b.corpus_min_time;
        let capped =
            n >= b.corpus_min_samples.min(3) && spent >= b.corpus_cap_time;
        if enough || capped || n >= 1000 {
            break;
        }
    }
    eprintln!(
        "corpus: {} articles, {} bytes, {} quotes and {} speakers per pass",
        corpus.len(),
        bytes,
        expect.quotes,
        expect.speakers
    );
    Row {
        case: "news corpus".into(),
        size: format!("{} ({} art.)", fmt_bytes(bytes), corpus.len()),
        stats: Stats::of(&times),
        bytes: Some(bytes),
        items: Some((corpus.len(), "articles")),
        ratio: None,
    }
}

// ---------------------------------------------------------------------
// Worst-case shapes
// ---------------------------------------------------------------------

/// A worst-case input, generated at run time. `full` is the size of the
/// 16× input in a full run (in `unit`s, or bytes where `by_bytes`); the
/// 1× input is a sixteenth of it.
struct Shape {
    name: &'static str,
    unit: &'static str,
    full: usize,
    by_bytes: bool,
    // (amount, seed) -> (text, items)
    gen: fn(usize, u64) -> (String, usize),
}

const SHAPES: &[Shape] = &[
    Shape {
        name: "quote-marks",
        unit: "marks",
        full: 100_000,
        by_bytes: false,
        gen: gen_quote_marks,
    },
    Shape {
        name: "paragraph",
        unit: "words",
        full: 5_000_000,
        by_bytes: true,
        gen: gen_paragraph,
    },
    Shape {
        name: "names",
        unit: "names",
        full: 10_000,
        by_bytes: false,
        gen: gen_names,
    },
    Shape {
        name: "nested-quotes",
        unit: "levels",
        full: 5_000,
        by_bytes: false,
        gen: gen_nested,
    },
    Shape {
        name: "unclosed-quotes",
        unit: "quotes",
        full: 10_000,
        by_bytes: false,
        gen: gen_unclosed,
    },
    Shape {
        name: "cue-chain",
        unit: "cues",
        full: 10_000,
        by_bytes: false,
        gen: gen_cue_chain,
    },
    Shape {
        name: "lines",
        unit: "lines",
        full: 2_000_000,
        by_bytes: true,
        gen: gen_lines,
    },
];

/// `n` quotation marks in a row, `"`, `“` and `”` mixed at random.
fn gen_quote_marks(n: usize, mut rng: u64) -> (String, usize) {
    let marks = ['"', '“', '”'];
    let s = (0..n).map(|_| marks[pick(&mut rng, 3)]).collect();
    (s, n)
}

// Lower-case filler, with the words a cue search looks for mixed in.
const FILLER: &[&str] = &[
    "the",
    "council",
    "said",
    "that",
    "plan",
    "would",
    "be",
    "ready",
    "by",
    "spring",
    "according",
    "to",
    "officials",
    "and",
    "workers",
    "told",
    "reporters",
    "on",
    "tuesday",
    "it",
    "was",
    "not",
    "clear",
    "whether",
    "ministry",
    "had",
    "agreed",
    "new",
    "budget",
    "for",
    "harbour",
];

/// A paragraph of at least `bytes` bytes: words and single spaces only,
/// one in eight a capitalised name, no punctuation and no line break.
fn gen_paragraph(bytes: usize, mut rng: u64) -> (String, usize) {
    let mut s = String::with_capacity(bytes + 16);
    let mut words = 0;
    while s.len() < bytes {
        if words > 0 {
            s.push(' ');
        }
        let w = if pick(&mut rng, 8) == 0 {
            SURNAMES[pick(&mut rng, SURNAMES.len())]
        } else {
            FILLER[pick(&mut rng, FILLER.len())]
        };
        s.push_str(w);
        words += 1;
    }
    (s, words)
}

/// `n` full names in a row: "Ingrid Solberg Tomas Eklund ...".
fn gen_names(n: usize, mut rng: u64) -> (String, usize) {
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(FIRST_NAMES[pick(&mut rng, FIRST_NAMES.len())]);
        s.push(' ');
        s.push_str(SURNAMES[pick(&mut rng, SURNAMES.len())]);
    }
    (s, n)
}

/// `n` opening marks alternating “ and ‘, one word, the `n` matching
/// closing marks, then an attribution so that the outer quote has a
/// speaker to find.
fn gen_nested(n: usize, _rng: u64) -> (String, usize) {
    let mut s = String::new();
    for i in 0..n {
        s.push(if i % 2 == 0 { '“' } else { '‘' });
    }
    s.push_str("deep");
    for i in (0..n).rev() {
        s.push(if i % 2 == 0 { '”' } else { '’' });
    }
    s.push_str(" said Ingrid Solberg.");
    (s, n)
}

/// `n` opening marks that are never closed: “word “word ...
fn gen_unclosed(n: usize, mut rng: u64) -> (String, usize) {
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push('“');
        s.push_str(FILLER[pick(&mut rng, FILLER.len())]);
    }
    (s, n)
}

const CUES: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "warned",
    "argued",
    "noted",
    "insisted",
    "wrote",
    "explained",
];

/// `n` cue verbs, each after a name: "Solberg said Eklund told ...".
fn gen_cue_chain(n: usize, mut rng: u64) -> (String, usize) {
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(SURNAMES[pick(&mut rng, SURNAMES.len())]);
        s.push(' ');
        s.push_str(CUES[pick(&mut rng, CUES.len())]);
    }
    (s, n)
}

/// At least `bytes` bytes of news sentences, one per line, with no blank
/// line anywhere: a paragraph splitter sees one huge paragraph, or a
/// line joiner sees one huge sentence.
fn gen_lines(bytes: usize, mut rng: u64) -> (String, usize) {
    let mut s = String::with_capacity(bytes + 256);
    let mut lines = 0;
    while s.len() < bytes {
        let first = FIRST_NAMES[pick(&mut rng, FIRST_NAMES.len())];
        let last = SURNAMES[pick(&mut rng, SURNAMES.len())];
        let place = PLACES[pick(&mut rng, PLACES.len())];
        let n = 2 + pick(&mut rng, 97);
        match pick(&mut rng, 6) {
            0 => write!(
                s,
                "“We expect {n} more ships this week,” said {first} \
                 {last}, a spokeswoman for the {place} Port Authority."
            ),
            1 => write!(
                s,
                "{first} {last}, an analyst at the {place} Institute, \
                 told Coastline Wire that prices would rise {n} percent."
            ),
            2 => write!(
                s,
                "\"The numbers are clear,\" {last} said. \"We need \
                 {n} new teachers in {place} alone.\""
            ),
            3 => write!(
                s,
                "According to {last}, the {place} council met {n} \
                 times last year."
            ),
            4 => write!(
                s,
                "Minister {first} {last} said the talks in {place} \
                 would resume on Monday."
            ),
            _ => write!(
                s,
                "Traffic in {place} was slower than usual, with {n} \
                 roads closed after the storm."
            ),
        }
        .unwrap();
        s.push('\n');
        lines += 1;
    }
    (s, lines)
}

/// One input ready to time: attributed once (which warms the caches and
/// checks the spans), with the number of calls that make a sample long
/// enough for the clock to resolve.
/// One input of a shape: one text, or several of the same size timed in
/// turn.
struct Timed {
    texts: Vec<String>,
    what: String,
    expect: Vec<Fingerprint>,
    first: Duration,
    iters: usize,
}

impl Timed {
    fn new(
        a: &Attributor,
        texts: Vec<String>,
        what: String,
        b: &Budget,
    ) -> Timed {
        let mut expect = Vec::new();
        let mut first = Duration::ZERO;
        for text in &texts {
            let t = Instant::now();
            let r = a.attribute(black_box(text));
            first += t.elapsed();
            check_spans(text, &r, &what);
            expect.push(Fingerprint::of(&r));
        }
        let first = first / texts.len() as u32;
        let per = first.as_secs_f64().max(1e-9);
        let iters = (b.shape_sample_time.as_secs_f64() / per).ceil() as usize;
        // Every text as often as the others.
        let iters = iters.clamp(1, 100_000).next_multiple_of(texts.len());
        Timed {
            texts,
            what,
            expect,
            first,
            iters,
        }
    }

    /// One sample: the time per call.
    fn sample(&self, a: &Attributor) -> f64 {
        let t = Instant::now();
        for i in 0..self.iters {
            let k = i % self.texts.len();
            let r = a.attribute(black_box(&self.texts[k]));
            assert_eq!(
                Fingerprint::of(&r),
                self.expect[k],
                "{} changed",
                self.what
            );
            black_box(r);
        }
        t.elapsed().as_secs_f64() / self.iters as f64
    }

    /// The mean length of the texts.
    fn bytes(&self) -> usize {
        self.texts.iter().map(String::len).sum::<usize>() / self.texts.len()
    }
}

/// Times `attribute` on each input: the median of a few samples per
/// input, reported per call. The samples of the inputs alternate: the
/// speed of a shared machine drifts, and a drift then weighs on every
/// input alike instead of skewing their ratio.
fn time_inputs(a: &Attributor, inputs: &[Timed], b: &Budget) -> Vec<Stats> {
    if inputs.iter().any(|t| t.first >= b.shape_long_call) {
        // Too slow to repeat: one call each says enough.
        return inputs
            .iter()
            .map(|t| Stats::of(&[t.first.as_secs_f64()]))
            .collect();
    }
    let mut times = vec![Vec::new(); inputs.len()];
    for _ in 0..b.shape_samples {
        for (t, input) in times.iter_mut().zip(inputs) {
            t.push(input.sample(a));
        }
    }
    times.iter().map(|t| Stats::of(t)).collect()
}

fn bench_shape(a: &Attributor, shape: &Shape, b: &Budget) -> Vec<Row> {
    let one = (shape.full / b.shape_divisor).div_ceil(16);
    // The 1× input is sixteen texts of the shape, timed in turn: one text
    // called over and over is a sequence of branches the processor learns,
    // and then runs faster than a text it has not seen (names: 21 µs a
    // call repeated, 31 µs in turn with fifteen others), which would
    // inflate the ratio of a linear stage. The 16× text is one.
    let (inputs, items): (Vec<Timed>, Vec<usize>) =
        [("1×", one, 16), ("16×", one * 16, 1)]
            .into_iter()
            .map(|(label, amount, texts)| {
                let (texts, items): (Vec<String>, Vec<usize>) = (0..texts)
                    .map(|k| (shape.gen)(amount, seed(7 + k, amount as u64)))
                    .unzip();
                let items = items.iter().sum::<usize>() / items.len();
                let what = format!("{} {label}", shape.name);
                (Timed::new(a, texts, what, b), items)
            })
            .unzip();
    let stats = time_inputs(a, &inputs, b);
    let mut rows: Vec<Row> = Vec::new();
    for ((input, items), stats) in inputs.into_iter().zip(items).zip(stats) {
        let ratio = rows.first().map(|r| stats.median / r.stats.median);
        let bytes = input.bytes();
        let size = if shape.by_bytes {
            fmt_bytes(bytes)
        } else {
            format!("{} {}", fmt_thousands(items), shape.unit)
        };
        eprintln!("{}: {} per call", input.what, fmt_secs(stats.median));
        rows.push(Row {
            case: input.what,
            size,
            stats,
            bytes: Some(bytes),
            items: Some((items, shape.unit)),
            ratio,
        });
    }
    rows
}

// ---------------------------------------------------------------------
// Randomness: deterministic, so every run times the same texts.
// ---------------------------------------------------------------------

/// splitmix64.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    mix(*state)
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn seed(a: u64, b: u64) -> u64 {
    mix(a.wrapping_mul(0x1000_0000_01B3) ^ b)
}

fn pick(rng: &mut u64, n: usize) -> usize {
    (next(rng) % n as u64) as usize
}

// ---------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------

fn fmt_secs(s: f64) -> String {
    if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.2} ms", s * 1e3)
    } else if s >= 1e-6 {
        format!("{:.2} µs", s * 1e6)
    } else {
        format!("{:.1} ns", s * 1e9)
    }
}

// Decimal units, to match MB/s.
fn fmt_bytes(n: usize) -> String {
    let n = n as f64;
    if n >= 1e6 {
        format!("{:.2} MB", n / 1e6)
    } else if n >= 1e3 {
        format!("{:.1} KB", n / 1e3)
    } else {
        format!("{n} B")
    }
}

fn fmt_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn fmt_count(n: f64) -> String {
    if n >= 1e12 {
        format!("{:.1}T", n / 1e12)
    } else if n >= 1e9 {
        format!("{:.1}G", n / 1e9)
    } else if n >= 1e6 {
        format!("{:.1}M", n / 1e6)
    } else if n >= 1e4 {
        format!("{:.1}k", n / 1e3)
    } else if n >= 100.0 || n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n:.1}")
    }
}

fn print_table(rows: &[Row]) {
    let header = [
        "case",
        "size",
        "median",
        "spread (min–max)",
        "n",
        "MB/s",
        "items/s",
        "16×/1×",
    ];
    let mut cells: Vec<[String; 8]> = Vec::new();
    for r in rows {
        let s = &r.stats;
        let mbs = r
            .bytes
            .map(|b| fmt_count(b as f64 / s.median / 1e6))
            .unwrap_or_else(|| "-".into());
        let items = r
            .items
            .map(|(n, unit)| {
                format!("{} {unit}/s", fmt_count(n as f64 / s.median))
            })
            .unwrap_or_else(|| "-".into());
        let ratio = r
            .ratio
            .map(|x| {
                // Linear cost gives about 16; the target is at most 18.
                let flag = if x > 18.0 { "  !" } else { "" };
                format!("{x:.1}{flag}")
            })
            .unwrap_or_else(|| "-".into());
        cells.push([
            r.case.clone(),
            r.size.clone(),
            fmt_secs(s.median),
            format!("{} – {}", fmt_secs(s.min), fmt_secs(s.max)),
            s.samples.to_string(),
            mbs,
            items,
            ratio,
        ]);
    }
    let mut width = header.map(|h| h.chars().count());
    for row in &cells {
        for (w, c) in width.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |row: &[String]| {
        let mut out = String::new();
        for (i, (c, w)) in row.iter().zip(width).enumerate() {
            if i > 0 {
                out.push_str(" | ");
            }
            // Text left, numbers right.
            if i < 2 {
                write!(out, "{c:<w$}").unwrap();
            } else {
                write!(out, "{c:>w$}").unwrap();
            }
        }
        println!("{}", out.trim_end());
    };
    line(&header.map(String::from));
    let total: usize = width.iter().sum::<usize>() + 3 * (width.len() - 1);
    println!("{}", "-".repeat(total));
    for row in &cells {
        line(row);
    }
}

fn main() {
    let opts = Options::parse();
    let budget = Budget::new(opts.quick);
    if opts.dump_corpus {
        for text in build_corpus(budget.corpus_min_bytes) {
            println!("{text}\n==========\n");
        }
        return;
    }
    let threads = std::thread::available_parallelism()
        .map(|n| n.get().to_string())
        .unwrap_or_else(|_| "unknown".into());
    println!(
        "whosaid throughput: {} mode, {} build, parallelism {threads}",
        if opts.quick { "quick" } else { "full" },
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "optimised"
        },
    );
    if cfg!(debug_assertions) {
        println!(
            "WARNING: debug build: timings are not representative; \
             use `cargo bench`"
        );
    }
    if opts.quick {
        println!("(quick mode: small inputs, few samples; smoke test only)");
    }

    let mut rows = Vec::new();
    if opts.wants("build") {
        rows.extend(bench_build(&budget));
    }
    let attributor = Attributor::new();
    if opts.wants("corpus") {
        rows.push(bench_corpus(&attributor, &budget));
    }
    for shape in SHAPES {
        if opts.wants(shape.name) {
            rows.extend(bench_shape(&attributor, shape, &budget));
        }
    }
    if rows.is_empty() {
        println!("no case matches {:?}", opts.filters);
        return;
    }
    println!();
    print_table(&rows);
    println!(
        "\nmedian: per pass over the corpus, per call otherwise; \
         MB = 10^6 bytes.\n16×/1×: median time ratio; linear cost is \
         about 16, the target is <= 18 (! marks a miss)."
    );
}
