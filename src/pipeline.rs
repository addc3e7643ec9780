//! Runs the stages in order; each reads only what the ones before it
//! made.

use crate::attributor::Config;
use crate::model::{Attribution, CueClass, Quote};
use crate::span::Span;
use crate::{attribute, cue, entity, marks, mention, scratch, text};

pub(crate) fn run(cfg: &Config, input: &str) -> Attribution {
    let lex = &cfg.lex;
    let mut scratch = scratch::take();
    let mut doc = text::segment_into(input, lex, &mut scratch);
    let mut paras = scratch::reuse(&mut scratch.paras);
    // A paragraph the tokenizer saw no mark in is passed empty: the marks
    // stage does not read it again.
    paras.extend(doc.paragraphs.iter().map(|p| match p.marks {
        true => p.span,
        false => Span::new(p.span.start, p.span.start),
    }));
    let quotations =
        marks::find_quotations_in(doc.text, &paras, &mut scratch.marks);
    let mut inside = scratch::reuse(&mut scratch.inside);
    inside.extend(quotations.iter().map(|q| q.content));
    text::split_sentences(&mut doc, &inside, lex);
    let mut names = mention::find_names_into(
        &doc,
        lex,
        scratch::reuse(&mut scratch.names),
    );
    let wanted = |c: CueClass| match c {
        CueClass::Cognition => cfg.cognition,
        CueClass::Document => cfg.documents,
        _ => true,
    };
    let cues = cue::find_cues(&doc, lex, &inside, wanted);
    let mut raws = attribute::attribute(
        &doc,
        lex,
        &names,
        &quotations,
        &cues,
        cfg.documents,
        &mut scratch,
    );
    // What no later stage reads goes as soon as it is done with: for a
    // long text, the peak of memory is reached at the end.
    drop((quotations, cues));
    let (speakers, refs) =
        entity::resolve(&doc, lex, &mut names, &raws, &mut scratch.entity);
    // Kept for the next call, unless a long text made it large.
    scratch::release_large(&mut names);
    scratch.names = names;
    doc.recycle(&mut scratch);
    // The quotes get a buffer of their own size; the statements' larger
    // one is kept for the next call.
    let quotes = raws
        .drain(..)
        .zip(refs)
        .map(|(r, speaker)| Quote {
            confidence: r.confidence(),
            span: r.span,
            kind: r.kind,
            cue: r.cue,
            speaker,
            sieve: r.sieve,
            fragments: r.fragments,
        })
        .collect();
    scratch.raws = raws;
    scratch.paras = paras;
    scratch.inside = inside;
    scratch::give(scratch);
    Attribution { quotes, speakers }
}
