//! Per-token tables that hold a value at few tokens.
//!
//! The attribution stage asks, at any token, for the name that ends
//! there or the quotation that opens there. A `u32` per token answers in
//! one load, but for a long text its tables took 25 bytes a token, more
//! than the tokens themselves. Here a table takes a bit per token, a
//! count per 64 tokens and the values it holds: about 0.2 bytes a token,
//! and still a load or two per question.

use std::ops::Index;

/// No value at this token.
pub(crate) const NONE: u32 = u32::MAX;

/// A table from token to `u32`, [`NONE`] where it holds nothing.
#[derive(Debug, Default)]
pub(crate) struct Sparse {
    /// Bit `k % 64` of word `k / 64`: whether token `k` has a value.
    bits: Vec<u64>,
    /// Per word of `bits`: how many bits the words before it set.
    before: Vec<u32>,
    /// The values, in token order; after them, the bound passed to
    /// [`Sparse::fill`] ([`Sparse::next_at`] answers it past the last).
    values: Vec<u32>,
}

impl Sparse {
    /// Fills the table for `n` tokens with `writes` (which it empties);
    /// what the table held before is dropped, its memory kept.
    pub(crate) fn fill(&mut self, n: usize, writes: &mut Writes) {
        // Grouped by token in the order made (a stable sort); of the
        // writes at one token the first is kept, unless a later
        // [`Writes::set`] overwrites it (see [`Write`]). Most tables are
        // written in token order already.
        if !writes.in_order {
            writes.entries.sort_by_key(|w| w.k);
        }
        let words = n.div_ceil(64);
        self.bits.clear();
        self.bits.resize(words, 0);
        // Sized at once and written by index: a push per value (its
        // capacity checked, its length stored) cost 0.03M more on prof 10.
        self.before.clear();
        self.before.resize(words, 0);
        self.values.clear();
        self.values.resize(writes.entries.len() + 1, 0);
        // The values so far, the token of the last and the first word
        // whose count in `before` is not yet set.
        let (mut j, mut last, mut next_word) = (0, usize::MAX, 0);
        for w in &writes.entries {
            let k = w.k as usize;
            if k == last {
                if w.overwrites {
                    self.values[j - 1] = w.v;
                }
                continue;
            }
            let word = k / 64;
            if word >= next_word {
                // The values so far are those of the words before `k`'s.
                self.before[next_word..=word].fill(j as u32);
                next_word = word + 1;
            }
            self.bits[word] |= 1 << (k % 64);
            self.values[j] = w.v;
            j += 1;
            last = k;
        }
        writes.clear();
        self.before[next_word..].fill(j as u32);
        self.values[j] = n as u32;
        self.values.truncate(j + 1);
    }

    /// How many tokens before `k` have a value.
    fn rank(&self, k: usize) -> usize {
        match self.bits.get(k / 64) {
            Some(&bits) => self.rank_in(bits, k),
            None => self.values.len() - 1,
        }
    }

    /// [`Sparse::rank`] of `k`, whose word of bits is `bits`.
    #[inline]
    fn rank_in(&self, bits: u64, k: usize) -> usize {
        let below = bits & ((1u64 << (k % 64)) - 1);
        self.before[k / 64] as usize + below.count_ones() as usize
    }

    /// The value at token `k`, `None` past the end of the table (as
    /// `Vec::get`).
    pub(crate) fn get(&self, k: usize) -> Option<&u32> {
        (k < self.bound()).then(|| &self[k])
    }

    /// The first token at or after `k` that has a value, or the table's
    /// length; for a table whose values are their own tokens.
    pub(crate) fn next_at(&self, k: usize) -> u32 {
        self.values[self.rank(k)]
    }

    /// The first token of `k..end` that has a value, or `end`: a word
    /// of bits at a time.
    pub(crate) fn first_in(&self, k: usize, end: usize) -> usize {
        let mut w = k / 64;
        // The bits of the word from `k` on.
        let mut bits = self.bits.get(w).map_or(0, |b| b & (!0 << (k % 64)));
        while bits == 0 {
            w += 1;
            if w * 64 >= end {
                return end;
            }
            bits = self.bits.get(w).copied().unwrap_or(0);
        }
        (w * 64 + bits.trailing_zeros() as usize).min(end)
    }

    /// The tokens that have a value, in order.
    pub(crate) fn tokens(&self) -> impl Iterator<Item = usize> + '_ {
        self.bits.iter().enumerate().flat_map(|(w, &bits)| {
            let mut rest = bits;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let k = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    w * 64 + k
                })
            })
        })
    }

    fn bound(&self) -> usize {
        self.values.last().map_or(0, |&n| n as usize)
    }

    /// The memory held, for [`crate::scratch`] to decide whether to keep
    /// it.
    pub(crate) fn bytes(&self) -> usize {
        self.bits.capacity() * 8
            + (self.before.capacity() + self.values.capacity()) * 4
    }
}

impl Index<usize> for Sparse {
    type Output = u32;

    fn index(&self, k: usize) -> &u32 {
        // Whether it has a value, and its rank: the word of bits loaded
        // once.
        match self.bits.get(k / 64) {
            Some(&bits) if bits >> (k % 64) & 1 == 1 => {
                &self.values[self.rank_in(bits, k)]
            }
            _ => &NONE,
        }
    }
}

/// The writes that make a [`Sparse`] table, in the order they are made:
/// as if into a full table, where a later write overwrites an earlier.
#[derive(Debug)]
pub(crate) struct Writes {
    /// The writes, in the order made (until [`Sparse::fill`] sorts them
    /// by token, stably, where they are not in token order).
    entries: Vec<Write>,
    /// Whether the tokens of `entries` never go down (checked as each is
    /// made, rather than in a pass of its own).
    in_order: bool,
    /// The token of the last entry (0 before the first).
    last: u32,
}

/// One write: at token `k`, the value `v`. Of the writes at one token the
/// last that `overwrites` wins, or where none does, the first.
#[derive(Debug, Clone, Copy)]
struct Write {
    k: u32,
    v: u32,
    overwrites: bool,
}

impl Default for Writes {
    fn default() -> Writes {
        Writes {
            entries: Vec::new(),
            in_order: true,
            last: 0,
        }
    }
}

impl Writes {
    /// Sets token `k` to `v`.
    pub(crate) fn set(&mut self, k: usize, v: u32) {
        self.push(k, v, true);
    }

    /// Sets token `k` to `v` unless a write before this one set it.
    pub(crate) fn set_if_unset(&mut self, k: usize, v: u32) {
        self.push(k, v, false);
    }

    fn push(&mut self, k: usize, v: u32, overwrites: bool) {
        // ([`crate::text::MAX_TEXT`] bounds the tokens.)
        let k = k as u32;
        self.in_order &= self.last <= k;
        self.last = k;
        self.entries.push(Write { k, v, overwrites });
    }

    fn clear(&mut self) {
        self.entries.clear();
        self.in_order = true;
        self.last = 0;
    }

    pub(crate) fn bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Write>()
    }

    /// Once the tables are filled: see [`crate::scratch::release_large`].
    pub(crate) fn release(&mut self) {
        crate::scratch::release_large(&mut self.entries);
    }
}

/// A set of tokens: a bit each.
#[derive(Debug, Default)]
pub(crate) struct Flags {
    bits: Vec<u64>,
}

impl Flags {
    /// Sets the flags for `n` tokens: those at `set`, no others.
    pub(crate) fn fill(
        &mut self,
        n: usize,
        set: impl IntoIterator<Item = usize>,
    ) {
        self.bits.clear();
        self.bits.resize(n.div_ceil(64), 0);
        for k in set {
            self.bits[k / 64] |= 1 << (k % 64);
        }
    }

    pub(crate) fn bytes(&self) -> usize {
        self.bits.capacity() * 8
    }
}

impl Index<usize> for Flags {
    type Output = bool;

    fn index(&self, k: usize) -> &bool {
        if self.bits[k / 64] >> (k % 64) & 1 == 1 {
            &true
        } else {
            &false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_answers_as_a_full_table() {
        // In the order made, the last as a write only where unset.
        let made = [(130, 9), (3, 1), (0, 7), (64, 5), (3, 2), (64, 6)];
        let mut w = Writes::default();
        let mut full = vec![NONE; 200];
        for (i, &(k, v)) in made.iter().enumerate() {
            if i + 1 < made.len() {
                w.set(k, v);
                full[k] = v;
            } else {
                w.set_if_unset(k, v);
            }
        }
        w.set_if_unset(150, 1);
        w.set_if_unset(150, 2);
        full[150] = 1;
        w.set_if_unset(160, 1);
        w.set(160, 2);
        full[160] = 2;
        let mut s = Sparse::default();
        s.fill(200, &mut w);
        for (k, &v) in full.iter().enumerate() {
            assert_eq!(s[k], v, "token {k}");
            assert_eq!(s.get(k), Some(&v));
        }
        assert_eq!(s.get(200), None);
        s.fill(10, &mut w);
        assert!((0..10).all(|k| s[k] == NONE));
    }

    #[test]
    fn writes_at_one_token_need_no_sort() {
        // In token order, but at token 5 a set before a write where
        // unset, and at 7 after two: the sets win either way.
        let mut w = Writes::default();
        w.set(5, 1);
        w.set_if_unset(5, 2);
        w.set_if_unset(7, 3);
        w.set_if_unset(7, 4);
        w.set(7, 5);
        w.set_if_unset(9, 6);
        w.set_if_unset(9, 7);
        assert!(w.in_order);
        let mut s = Sparse::default();
        s.fill(10, &mut w);
        assert_eq!([s[5], s[7], s[9], s[6]], [1, 5, 6, NONE]);
    }

    #[test]
    fn next_at_finds_the_next_token_with_a_value() {
        let mut s = Sparse::default();
        let mut w = Writes::default();
        for k in [2, 70, 149] {
            w.set(k, k as u32);
        }
        s.fill(150, &mut w);
        let next: Vec<u32> =
            [0, 2, 3, 70, 71, 149].map(|k| s.next_at(k)).into();
        assert_eq!(next, [2, 2, 70, 70, 149, 149]);
        w.set(2, 2);
        s.fill(150, &mut w);
        assert_eq!((s.next_at(3), s.next_at(150)), (150, 150));
    }

    #[test]
    fn first_in_finds_the_first_token_with_a_value() {
        let mut s = Sparse::default();
        let mut w = Writes::default();
        for k in [2, 70, 149] {
            w.set(k, 0);
        }
        s.fill(150, &mut w);
        let first = |k, end| s.first_in(k, end);
        assert_eq!([first(0, 150), first(2, 150), first(3, 150)], [2, 2, 70]);
        assert_eq!(
            [first(3, 60), first(71, 149), first(71, 150)],
            [60, 149, 149]
        );
        assert_eq!(
            [first(150, 150), first(140, 400), first(500, 600)],
            [150, 149, 600]
        );
    }

    #[test]
    fn flags() {
        let mut f = Flags::default();
        f.fill(100, [1, 99]);
        assert!(f[1] && f[99] && !f[0] && !f[64]);
    }
}
