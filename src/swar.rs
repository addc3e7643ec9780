//! Eight bytes at a time in a `u64` (little-endian): what the lexicons,
//! the tokenizer, the quotation marks, the entities and the JSON writer
//! share.

/// `ONES * b` is `b` in every byte; `HIGH`, the high bit of every byte
/// (set in a byte that is not ASCII).
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of ASCII `x` that is below `c` (at most
/// 0x80): adding `0x80 - c` carries into the high bit exactly when the
/// byte is `c` or more, and never into the next byte. (A byte of 0x80 or
/// more gets its bit only when it is `0x80 + c` or more, and then
/// carries into the next byte, or out of `x`.)
#[inline]
pub(crate) fn bytes_below(x: u64, c: u8) -> u64 {
    !x.wrapping_add(ONES * u64::from(0x80 - c)) & HIGH
}

/// The high bit of each byte of ASCII `x` that equals `c` (ASCII).
#[inline]
pub(crate) fn bytes_equal(x: u64, c: u8) -> u64 {
    bytes_below(x ^ (ONES * u64::from(c)), 1)
}

/// Eight ASCII bytes lowercased at once: bit 7 of a byte is set by the
/// first sum when the byte is >= b'A' and by the second when it is >
/// b'Z'; neither sum carries into the next byte.
#[inline]
pub(crate) fn lowercase(x: u64) -> u64 {
    let upper = (x + 0x3F3F_3F3F_3F3F_3F3F) & !(x + 0x2525_2525_2525_2525);
    x | ((upper & HIGH) >> 2)
}

/// The high bit of each byte of `x` that is zero, exact up to the lowest
/// zero byte (a borrow may mark a 0x01 byte above it): enough to find
/// the first.
#[inline]
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGH
}

/// Up to eight bytes as a little-endian `u64`, zero-padded: overlapping
/// loads of fixed length instead of a copy of variable length (which
/// would call memcpy); a byte read twice lands where it was, so OR-ing
/// the loads is harmless. For the short words of the lexicon keys, the
/// entities' name keys and the hyphen test.
#[inline]
pub(crate) fn load_le(b: &[u8]) -> u64 {
    let n = b.len();
    let le4 = |s: &[u8]| {
        u64::from(u32::from_le_bytes(s.try_into().expect("four bytes")))
    };
    match n {
        0 => 0,
        1..=3 => {
            let at = |k: usize| u64::from(b[k]) << (8 * k);
            at(0) | at(n / 2) | at(n - 1)
        }
        4..=7 => le4(&b[..4]) | le4(&b[n - 4..]) << (8 * (n - 4)),
        _ => u64::from_le_bytes(b[..8].try_into().expect("eight bytes")),
    }
}

/// Whether `bytes` holds the byte `c` (not zero), eight bytes a step.
#[inline]
pub(crate) fn has_byte(bytes: &[u8], c: u8) -> bool {
    let hit = |x: u64| zero_bytes(x ^ (ONES * u64::from(c))) != 0;
    let n = bytes.len();
    if n <= 8 {
        // (The zero padding is no `c`.)
        return n > 0 && hit(load_le(bytes));
    }
    bytes.chunks_exact(8).any(|s| hit(load_le(s)))
        || hit(load_le(&bytes[n - 8..]))
}

/// The index of the first byte of `bytes` that is `a` or `b`.
pub(crate) fn find_either(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let hits = zero_bytes(x ^ (ONES * u64::from(a)))
            | zero_bytes(x ^ (ONES * u64::from(b)));
        if hits != 0 {
            return Some(at + hits.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let rest = chunks.remainder();
    rest.iter().position(|&c| c == a || c == b).map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::{find_either, has_byte, load_le};

    #[test]
    fn loads_up_to_eight_bytes_in_place() {
        let bytes = b"abcdefgh";
        for n in 0..=8 {
            let mut padded = [0u8; 8];
            padded[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(
                load_le(&bytes[..n]),
                u64::from_le_bytes(padded),
                "{n}"
            );
        }
    }

    #[test]
    fn finds_a_byte_at_every_place() {
        for n in 0..20 {
            assert!(!has_byte(&vec![b'a'; n], b'-'), "{n}");
            for at in 0..n {
                let mut w = vec![b'a'; n];
                w[at] = b'-';
                assert!(has_byte(&w, b'-'), "{n} {at}");
            }
        }
    }

    #[test]
    fn finds_the_first_of_two_bytes() {
        // Each position, in and past the first eight-byte word, and a
        // 0x01 byte above a hit (where the borrow marks a false zero).
        for n in 1..20 {
            for at in 0..n {
                let mut bytes = vec![b'x'; n];
                bytes[at] = if at % 2 == 0 { b'.' } else { b'\n' };
                if at + 1 < n {
                    bytes[at + 1] = 0x01 ^ b'.';
                }
                assert_eq!(find_either(&bytes, b'\n', b'.'), Some(at));
            }
            assert_eq!(find_either(&vec![b'x'; n], b'\n', b'.'), None);
        }
        assert_eq!(find_either("é.".as_bytes(), b'\n', b'.'), Some(2));
    }
}
