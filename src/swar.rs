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
