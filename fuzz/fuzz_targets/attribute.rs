//! Arbitrary bytes into the attributor: no panic, and every result keeps
//! the invariants the tests check.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use whosaid::{Attributor, Error};

// The same checker `cargo test` runs, not a copy. Only part of it is used
// here, hence the `allow`.
#[allow(dead_code)]
#[path = "../../tests/invariants.rs"]
mod invariants;

/// Built once: building compiles the lexicons, which would otherwise
/// dominate every execution.
fn attributor() -> &'static Attributor {
    static ATTRIBUTOR: OnceLock<Attributor> = OnceLock::new();
    ATTRIBUTOR.get_or_init(Attributor::new)
}

/// The same in pieces of 64 bytes (`segment_len`), so that short inputs
/// reach the cutting and the merging of long texts.
fn in_pieces() -> &'static Attributor {
    static PIECES: OnceLock<Attributor> = OnceLock::new();
    PIECES.get_or_init(|| {
        Attributor::builder()
            .segment_len(64)
            .build()
            .expect("no extra cue to reject")
    })
}

fuzz_target!(|data: &[u8]| {
    let attributor = attributor();

    // Three attributions per input (four for valid UTF-8), whatever the
    // bytes: the fuzzer's executions per second are the budget.
    match (attributor.attribute_bytes(data), std::str::from_utf8(data)) {
        // Valid UTF-8: the bytes entry point agrees with the str one
        // (which is also the determinism check), and spans move with a
        // prefix.
        (Ok(result), Ok(text)) => {
            invariants::check_result(text, &result);
            assert!(result == attributor.attribute(text));
            invariants::check_shift(
                attributor,
                text,
                &result,
                invariants::PARAGRAPH_PREFIX,
            );
            invariants::check_result(text, &in_pieces().attribute(text));
        }
        // Invalid: an error exactly where std finds the first bad byte.
        // The lossy conversion puts U+FFFD (3 bytes) where invalid bytes
        // were, which shifts offsets in ways valid input never reaches:
        // the full check (structure, determinism, shift by a paragraph of
        // its own, a prefix that changes nothing in any text).
        (Err(Error::InvalidUtf8 { offset }), Err(e)) => {
            assert_eq!(offset, e.valid_up_to());
            let text = String::from_utf8_lossy(data);
            invariants::check_with(
                attributor,
                &text,
                invariants::PARAGRAPH_PREFIX,
            );
        }
        (got, std) => panic!("attribute_bytes gave {got:?}, std {std:?}"),
    }
});
