//! Lexicons as data: the word lists in this folder, compiled once.
//!
//! Every file has one entry a line; `#` starts a comment; blank lines are
//! ignored. Look-ups fold ASCII case and read a curly apostrophe as a
//! straight one, without allocating.

use crate::error::Error;
use crate::model::CueClass;
use crate::swar::{bytes_below, load_le, lowercase, HIGH};

/// Grammatical gender evidence a word carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    fn parse(tag: Option<&str>) -> Gender {
        match tag {
            Some("m") => Gender::Male,
            Some("f") => Gender::Female,
            _ => Gender::Unknown,
        }
    }
}

/// A fast, non-cryptographic hash of a short key (after the Fx hash of
/// rustc, eight bytes at a time): keys are words and names, so flooding
/// is not a concern.
#[inline]
pub(crate) fn hash_key(bytes: &[u8]) -> u64 {
    let mut h = hash_start(bytes.len());
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(c);
        h = hash_step(h, u64::from_le_bytes(buf));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // Byte by byte: a copy of a variable length would call memcpy.
        let mut v = 0u64;
        for (k, &b) in rest.iter().enumerate() {
            v |= u64::from(b) << (8 * k);
        }
        h = hash_step(h, v);
    }
    h
}

const HASH_K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// [`hash_key`]'s state before the first bytes of a key of `len` bytes:
/// with [`hash_step`], for a caller that hashes a key as it makes it.
#[inline]
pub(crate) fn hash_start(len: usize) -> u64 {
    (len as u64).wrapping_mul(HASH_K)
}

/// [`hash_key`]'s step: the next eight bytes of the key, little-endian
/// (the last ones zero-padded).
#[inline]
pub(crate) fn hash_step(h: u64, bytes: u64) -> u64 {
    (h.rotate_left(5) ^ bytes).wrapping_mul(HASH_K)
}

/// A hash table from byte keys to values, with the keys in one arena
/// and open addressing: no allocation per key, and the caller may bring
/// the hash of a key it looks up more than once.
#[derive(Clone)]
pub(crate) struct KeyTable<V> {
    /// Per slot: 0 when empty, else the entry's index + 1.
    slots: Vec<u32>,
    /// (hash, key start in `arena`, key length, value), in insertion
    /// order.
    entries: Vec<(u64, u32, u32, V)>,
    arena: Vec<u8>,
    /// The length of the longest key.
    longest: usize,
}

impl<V> std::fmt::Debug for KeyTable<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeyTable({} entries)", self.len())
    }
}

impl<V> Default for KeyTable<V> {
    fn default() -> Self {
        KeyTable {
            slots: Vec::new(),
            entries: Vec::new(),
            arena: Vec::new(),
            longest: 0,
        }
    }
}

impl<V> KeyTable<V> {
    /// The key of entry `e`: the `e`th key added since the table was
    /// emptied.
    #[inline]
    pub(crate) fn key(&self, e: usize) -> &[u8] {
        let (_, start, len, _) = &self.entries[e];
        &self.arena[*start as usize..(*start + *len) as usize]
    }

    /// The entry of `key`, or the empty slot where it would go.
    #[inline]
    fn find(&self, hash: u64, key: &[u8]) -> Result<usize, usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = (hash >> 32) as usize & mask;
        loop {
            let Some(&s) = self.slots.get(i) else {
                return Err(0);
            };
            if s == 0 {
                return Err(i);
            }
            let e = (s - 1) as usize;
            if self.entries[e].0 == hash && self.key(e) == key {
                return Ok(e);
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    pub(crate) fn get_hashed(&self, hash: u64, key: &[u8]) -> Option<&V> {
        if key.len() > self.longest {
            return None;
        }
        self.find(hash, key).ok().map(|e| &self.entries[e].3)
    }

    #[inline]
    pub(crate) fn get(&self, key: &[u8]) -> Option<&V> {
        if key.len() > self.longest {
            return None;
        }
        self.get_hashed(hash_key(key), key)
    }

    /// The value of the key `word` folds to.
    fn get_word(&self, word: &str) -> Option<&V> {
        // Folding shortens a word at most threefold (`’` to `'`).
        if word.len() > 3 * self.longest {
            return None;
        }
        let mut buf = [0u8; MAX_KEY];
        fold(word, &mut buf).and_then(|k| self.get(k))
    }

    /// The value of `key`, inserted with `f` when absent.
    pub(crate) fn get_or_insert_with(
        &mut self,
        hash: u64,
        key: &[u8],
        f: impl FnOnce() -> V,
    ) -> &mut V {
        let e = self.entry(hash, key, f);
        &mut self.entries[e].3
    }

    /// The entry of `key`, inserted with value `f()` when absent.
    fn entry(
        &mut self,
        hash: u64,
        key: &[u8],
        f: impl FnOnce() -> V,
    ) -> usize {
        match self.find(hash, key) {
            Ok(e) => e,
            Err(mut slot) => {
                // (An empty table has no slot: it grows here.)
                if (self.entries.len() + 1) * 2 > self.slots.len() {
                    self.grow();
                    let Err(s) = self.find(hash, key) else {
                        unreachable!("the key was absent before growing")
                    };
                    slot = s;
                }
                let e = self.entries.len();
                let start = self.arena.len() as u32;
                self.arena.extend_from_slice(key);
                self.entries.push((hash, start, key.len() as u32, f()));
                self.slots[slot] = e as u32 + 1;
                self.longest = self.longest.max(key.len());
                e
            }
        }
    }

    /// Sets the value of `key`.
    pub(crate) fn insert_hashed(&mut self, hash: u64, key: &[u8], value: V) {
        let mut value = Some(value);
        let v = self.get_or_insert_with(hash, key, || {
            value.take().expect("taken once")
        });
        if let Some(value) = value {
            *v = value;
        }
    }

    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(16);
        self.slots.clear();
        self.slots.resize(n, 0);
        let mask = n - 1;
        for (e, &(hash, ..)) in self.entries.iter().enumerate() {
            let mut i = (hash >> 32) as usize & mask;
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = e as u32 + 1;
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Empties the table, with room for about `n` keys before it grows;
    /// its memory is kept.
    pub(crate) fn reset(&mut self, n: usize) {
        self.slots.clear();
        self.slots.resize((2 * n).next_power_of_two().max(16), 0);
        self.entries.clear();
        self.arena.clear();
        self.longest = 0;
    }

    /// The bytes of memory held.
    pub(crate) fn bytes(&self) -> usize {
        self.slots.capacity() * 4
            + self.entries.capacity()
                * std::mem::size_of::<(u64, u32, u32, V)>()
            + self.arena.capacity()
    }

    /// Every key with its hash.
    fn keys(&self) -> impl Iterator<Item = (u64, &[u8])> {
        (0..self.entries.len()).map(|e| (self.entries[e].0, self.key(e)))
    }
}

/// The longest key a look-up folds on the stack; longer words are in no
/// lexicon.
const MAX_KEY: usize = 48;

/// Folds `word` into `buf`: ASCII lowercase, `’` read as `'`. `None` when
/// the word is too long to be in any lexicon.
#[inline]
fn fold<'b>(word: &str, buf: &'b mut [u8; MAX_KEY]) -> Option<&'b [u8]> {
    let bytes = word.as_bytes();
    if bytes.len() <= MAX_KEY && bytes.is_ascii() {
        for (o, &b) in buf.iter_mut().zip(bytes) {
            *o = b.to_ascii_lowercase();
        }
        return Some(&buf[..bytes.len()]);
    }
    fold_wide(bytes, buf)
}

/// [`fold`] for words with non-ASCII bytes (or too long).
fn fold_wide<'b>(
    bytes: &[u8],
    buf: &'b mut [u8; MAX_KEY],
) -> Option<&'b [u8]> {
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        if n == MAX_KEY {
            return None;
        }
        let b = bytes[i];
        if b == 0xE2 && bytes.get(i + 1) == Some(&0x80) {
            if let Some(&c) = bytes.get(i + 2) {
                if c == 0x98 || c == 0x99 {
                    buf[n] = b'\'';
                    n += 1;
                    i += 3;
                    continue;
                }
            }
        }
        buf[n] = b.to_ascii_lowercase();
        n += 1;
        i += 1;
    }
    Some(&buf[..n])
}

/// A case-folded map from words (or space-separated phrases) to values.
#[derive(Clone)]
pub(crate) struct WordMap<V> {
    map: KeyTable<V>,
    /// The keys of `map` that [`pack`] accepts, again: nearly every word
    /// looked up is one, and is found without folding or hashing bytes.
    short: ShortIndex,
}

impl<V> std::fmt::Debug for WordMap<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WordMap({} entries)", self.map.len())
    }
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            map: KeyTable::default(),
            short: ShortIndex::default(),
        }
    }
}

impl<V> WordMap<V> {
    pub(crate) fn insert(&mut self, word: &str, value: V) {
        let mut buf = [0u8; MAX_KEY];
        let Some(key) = fold(word, &mut buf) else {
            return;
        };
        let before = self.map.len();
        self.map.insert_hashed(hash_key(key), key, value);
        self.index_new(key, before);
    }

    /// Adds `key` to `short` if it is the entry `e` just added to `map`.
    fn index_new(&mut self, key: &[u8], e: usize) {
        if self.map.len() > e {
            if let Some(packed) = pack(key) {
                self.short.insert(packed, e);
            }
        }
    }

    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<&V> {
        match pack(word.as_bytes()) {
            Some(key) => {
                self.short.get_filtered(key).map(|e| &self.map.entries[e].3)
            }
            None => self.map.get_word(word),
        }
    }

    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    fn get_mut_or_insert_with(
        &mut self,
        word: &str,
        f: impl FnOnce() -> V,
    ) -> Option<&mut V> {
        let mut buf = [0u8; MAX_KEY];
        let key = fold(word, &mut buf)?;
        let before = self.map.len();
        let e = self.map.entry(hash_key(key), key, f);
        self.index_new(key, before);
        Some(&mut self.map.entries[e].3)
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    /// Sets `bit` in `classes` for every key of this map.
    fn mark(&self, classes: &mut KeyTable<u16>, bit: u16) {
        for (h, k) in self.map.keys() {
            *classes.get_or_insert_with(h, k, || 0) |= bit;
        }
    }
}

/// A word of at most 15 ASCII bytes, lowercased and packed into two
/// zero-padded integers with the length in the last byte (so that no key
/// is zero and `a` differs from `a\0`); `None` for any other word.
#[inline]
fn pack(word: &[u8]) -> Option<[u64; 2]> {
    if word.is_empty() || word.len() > 15 {
        return None;
    }
    let n = word.len();
    let (lo, hi) = if n > 8 {
        (load_le(word), load_le(&word[n - 8..]) >> (8 * (16 - n)))
    } else {
        (load_le(word), 0)
    };
    ascii_key(lo, hi, n)
}

/// The packed key of the word of `n` bytes, `1..=15`, whose bytes are
/// `lo` (the first eight) and `hi` (the rest), little-endian and
/// zero-padded: lowercased, with the length; `None` unless ASCII.
#[inline]
fn ascii_key(lo: u64, hi: u64, n: usize) -> Option<[u64; 2]> {
    if (lo | hi) & HIGH != 0 {
        return None;
    }
    // Most words fit in `lo`: `hi` is zero, and stays so lowercased.
    let hi = if n > 8 { lowercase(hi) } else { hi };
    Some([lowercase(lo), hi | (n as u64) << 56])
}

/// The key of `word` in [`Lexicons::class_bits`] (its first half in
/// `short_bits` when the second is zero): its packed key without
/// the length, which tells words apart only when one has a NUL; `None`
/// when [`pack`] refuses the word or it has a NUL. (The tokenizer's
/// look-up of every word, [`Lexicons::class_of_folded`], is then spared
/// putting the length in.)
#[inline]
fn class_key(word: &[u8]) -> Option<[u64; 2]> {
    let [lo, hi] = pack(word)?;
    let (n, hi) = ((hi >> 56) as usize, hi & !(0xFF << 56));
    // The word's bytes are ASCII (lowercased, a NUL is still zero); the
    // padding after them is zero too, and does not count.
    let zero = |x: u64| bytes_below(x, 1);
    let (lo_bytes, hi_bytes) = match n {
        8.. => (u64::MAX, (1u64 << (8 * (n - 8))).wrapping_sub(1)),
        _ => ((1u64 << (8 * n)).wrapping_sub(1), 0),
    };
    if (zero(lo) & lo_bytes) | (zero(hi) & hi_bytes) != 0 {
        return None;
    }
    Some([lo, hi])
}

/// The entries of a [`WordMap`] whose keys [`pack`] accepts, by packed
/// key: open addressing over the two integers, so a look-up is a few
/// integer operations and no byte comparison. A key is never zero, so a
/// zero key marks an empty slot.
#[derive(Clone, Default)]
struct ShortIndex {
    /// Per slot: the packed key and its entry's index.
    slots: Vec<([u64; 2], u32)>,
    /// Four bits per slot, one set at (the home of) every key added with
    /// [`ShortIndex::insert`]: most look-ups of a word map miss, and one
    /// whose bit is clear misses without reading the slots, a table that
    /// is larger and seldom in the cache.
    filter: Vec<u64>,
    len: usize,
}

impl std::fmt::Debug for ShortIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ShortIndex({} keys)", self.len)
    }
}

impl ShortIndex {
    /// Where the search for `key` starts (before the mask).
    #[inline]
    fn home(key: [u64; 2]) -> usize {
        let h = (key[0] ^ key[1].rotate_left(29))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> 40) as usize
    }

    /// The slot of `key`, or the empty slot where it would go.
    #[inline]
    fn find(&self, key: [u64; 2]) -> usize {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = Self::home(key) & mask;
        loop {
            match self.slots.get(i) {
                Some((k, _)) if *k != key && *k != [0; 2] => {
                    i = (i + 1) & mask;
                }
                _ => return i,
            }
        }
    }

    /// The filter's word and bit for a key whose home is `home`.
    #[inline]
    fn filter_bit(&self, home: usize) -> (usize, u64) {
        let bit = home & (self.slots.len() * 4).wrapping_sub(1);
        (bit / 64, 1 << (bit % 64))
    }

    /// [`ShortIndex::get`] through the filter.
    #[inline]
    fn get_filtered(&self, key: [u64; 2]) -> Option<usize> {
        let (w, b) = self.filter_bit(Self::home(key));
        if self.filter.get(w).is_some_and(|&f| f & b != 0) {
            self.get(key)
        } else {
            None
        }
    }

    #[inline]
    fn get(&self, key: [u64; 2]) -> Option<usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = Self::home(key) & mask;
        // (An empty index has no slot at all.)
        while let Some(&(k, e)) = self.slots.get(i) {
            if k == key {
                return Some(e as usize);
            }
            if k == [0; 2] {
                break;
            }
            i = (i + 1) & mask;
        }
        None
    }

    /// An empty index with room for `n` keys.
    fn with_room(n: usize) -> ShortIndex {
        let slots = (2 * n).next_power_of_two().max(16);
        ShortIndex {
            slots: vec![([0; 2], 0); slots],
            // Four bits a slot: `get_filtered` is right for every index.
            filter: vec![0; slots / 16],
            len: 0,
        }
    }

    /// Sets the filter bit of `key`.
    fn mark(&mut self, key: [u64; 2]) {
        let (w, b) = self.filter_bit(Self::home(key));
        if let Some(f) = self.filter.get_mut(w) {
            *f |= b;
        }
    }

    /// Adds `key`, which is not there yet.
    fn insert(&mut self, key: [u64; 2], entry: usize) {
        if (self.len + 1) * 2 > self.slots.len() {
            let n = (self.slots.len() * 2).max(16);
            let old = std::mem::replace(&mut self.slots, vec![([0; 2], 0); n]);
            self.filter.clear();
            self.filter.resize(n / 16, 0);
            for (k, e) in old.into_iter().filter(|s| s.0 != [0; 2]) {
                let i = self.find(k);
                self.slots[i] = (k, e);
                self.mark(k);
            }
        }
        let i = self.find(key);
        self.slots[i] = (key, entry as u32);
        self.mark(key);
        self.len += 1;
    }
}

/// The slots of [`ShortWords`]: a constant, so that an index masked by it
/// needs no bounds check, and a look-up loads no length and tests for no
/// empty table (prof 10: the tokenizer 0.18M instructions fewer than with
/// a table sized by the lexicons). Room for half as many words of one to
/// eight bytes, 8,192, a quarter more than the lexicons' 6,600: some 400
/// cues added by a builder (up to four forms each) fill it, and the words
/// past it go to [`ShortIndex`]. (Twice the slots cost the quote-marks
/// shape about half a point of its 16×/1× time ratio, 17.6 against 17.1
/// in four interleaved runs each: 160 KB more in the second-level cache
/// beside a 64 KiB piece's tables.)
const SHORT_SLOTS: usize = 1 << 14;

/// The class bits of the words of one to eight bytes, by their
/// [`class_key`]'s first half (the second is zero): the look-up of nearly
/// every token, one integer compared per probe, where [`ShortIndex`]
/// compares two and fetches the bits from a third. (prof 10: the
/// tokenizer's look-ups went from about 27 instructions to 20.)
#[derive(Clone)]
struct ShortWords {
    /// Per slot: the key, 0 when empty (a key is never zero: its first
    /// byte is not NUL).
    keys: Box<[u64; SHORT_SLOTS]>,
    /// Per slot: the class bits of its key.
    bits: Box<[u16; SHORT_SLOTS]>,
    /// How many keys it holds, at most half the slots (so that a probe
    /// always ends at an empty slot).
    len: usize,
    /// Whether words were left out for want of room.
    full: bool,
}

impl Default for ShortWords {
    fn default() -> Self {
        ShortWords {
            keys: vec![0; SHORT_SLOTS].try_into().expect("SHORT_SLOTS"),
            bits: vec![0; SHORT_SLOTS].try_into().expect("SHORT_SLOTS"),
            len: 0,
            full: false,
        }
    }
}

impl std::fmt::Debug for ShortWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ShortWords({} keys)", self.len)
    }
}

impl ShortWords {
    /// Removes every key.
    fn clear(&mut self) {
        self.keys.fill(0);
        self.bits.fill(0);
        self.len = 0;
        self.full = false;
    }

    /// Where the search for `key` starts.
    #[inline]
    fn home(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize % SHORT_SLOTS
    }

    /// Adds `key` (not zero, not there yet) with `bits`; `false` (and
    /// [`ShortWords::full`] set) when the table has no room left.
    fn insert(&mut self, key: u64, bits: u16) -> bool {
        if self.len >= SHORT_SLOTS / 2 {
            self.full = true;
            return false;
        }
        let mut i = Self::home(key);
        while self.keys[i] != 0 {
            i = (i + 1) % SHORT_SLOTS;
        }
        self.keys[i] = key;
        self.bits[i] = bits;
        self.len += 1;
        true
    }

    /// The bits of `key`, `None` when it is not there.
    #[inline]
    fn get(&self, key: u64) -> Option<u16> {
        let mut i = Self::home(key);
        // Half the slots at most are taken: the probe ends.
        loop {
            let k = self.keys[i];
            if k == key {
                return Some(self.bits[i]);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) % SHORT_SLOTS;
        }
    }
}

/// A case-folded set of words.
pub(crate) type WordSet = WordMap<()>;

/// The lexicons a word belongs to, as bits of a `u16`: one look-up per
/// token answers every "is it a ...?" the stages ask of a single word.
pub(crate) mod class {
    pub(crate) const STOP: u16 = 1;
    pub(crate) const CALENDAR: u16 = 1 << 1;
    pub(crate) const COMMON: u16 = 1 << 2;
    pub(crate) const FIRST_NAME: u16 = 1 << 3;
    pub(crate) const HONORIFIC: u16 = 1 << 4;
    pub(crate) const TITLE: u16 = 1 << 5;
    pub(crate) const ORG_HEAD: u16 = 1 << 6;
    pub(crate) const ORG: u16 = 1 << 7;
    pub(crate) const PLACE: u16 = 1 << 8;
    pub(crate) const NATIONALITY: u16 = 1 << 9;
    pub(crate) const ROLE: u16 = 1 << 10;
    pub(crate) const GROUP: u16 = 1 << 11;
    pub(crate) const PARTICLE: u16 = 1 << 12;
    pub(crate) const ABBREV: u16 = 1 << 13;
    pub(crate) const CUE: u16 = 1 << 14;
    /// `according`, the cue that is built in (`according to`).
    pub(crate) const ACCORDING: u16 = 1 << 15;
}

/// The entries of a lexicon file: comments and blank lines dropped,
/// `[section]` headers returned as `Err(section)`.
fn entries(
    data: &'static str,
) -> impl Iterator<Item = Result<&'static str, &'static str>> {
    data.lines().filter_map(|line| {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            None
        } else if line.starts_with('[') && line.ends_with(']') {
            Some(Err(line[1..line.len() - 1].trim()))
        } else {
            Some(Ok(line))
        }
    })
}

fn set(data: &'static str) -> WordSet {
    let mut s = WordSet::default();
    for line in entries(data).flatten() {
        s.insert(line, ());
    }
    s
}

/// Entries `word [m|f]`.
fn gendered(data: &'static str) -> WordMap<Gender> {
    let mut m = WordMap::default();
    for line in entries(data).flatten() {
        let (word, tag) = match line.rsplit_once(char::is_whitespace) {
            Some((w, t)) if t == "m" || t == "f" => (w.trim(), Some(t)),
            _ => (line, None),
        };
        m.insert(word, Gender::parse(tag));
    }
    m
}

/// One cue a verb form can start: its class, and the particle that must
/// follow it for phrasal verbs ("pointed out").
#[derive(Debug, Clone)]
pub(crate) struct CueSense {
    pub(crate) class: CueClass,
    /// Takes a bare clause: `said the port will reopen`.
    pub(crate) clause: bool,
    pub(crate) particle: Option<Box<str>>,
    /// The word is the verb's base form (`write`, not `wrote`): after a
    /// singular noun it is a noun itself (`the Treasury note fell`).
    pub(crate) base: bool,
}

fn class_of(section: &str) -> Option<CueClass> {
    Some(match section {
        "speech" => CueClass::Speech,
        "writing" => CueClass::Writing,
        "report" => CueClass::Report,
        "cognition" => CueClass::Cognition,
        "document" => CueClass::Document,
        _ => return None,
    })
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The regular inflections of an English verb: -s, -ed, -ing.
pub(crate) fn inflect(base: &str) -> [String; 3] {
    let b = base.as_bytes();
    let n = b.len();
    let last = b.last().copied().unwrap_or(b'a');
    let third = if base.ends_with('s')
        || base.ends_with("sh")
        || base.ends_with("ch")
        || base.ends_with('x')
        || base.ends_with('z')
    {
        format!("{base}es")
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        format!("{}ies", &base[..n - 1])
    } else {
        format!("{base}s")
    };
    // Consonant doubling only for short verbs ending consonant-vowel-
    // consonant ("admit" is listed with its forms where it matters).
    let double = (3..=4).contains(&n)
        && !is_vowel(last)
        && !matches!(last, b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3]);
    let (past, ing) = if last == b'e' {
        let stem = &base[..n - 1];
        if base.ends_with("ee") {
            (format!("{base}d"), format!("{base}ing"))
        } else {
            (format!("{base}d"), format!("{stem}ing"))
        }
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        (format!("{}ied", &base[..n - 1]), format!("{base}ing"))
    } else if double {
        let c = last as char;
        (format!("{base}{c}ed"), format!("{base}{c}ing"))
    } else {
        (format!("{base}ed"), format!("{base}ing"))
    };
    [third, past, ing]
}

/// All the lexicons the stages read.
#[derive(Debug, Clone)]
pub(crate) struct Lexicons {
    /// Verb forms that can start a cue.
    pub(crate) cues: WordMap<Vec<CueSense>>,
    /// Mr, Mrs, Dr: before a name.
    pub(crate) honorifics: WordMap<Gender>,
    /// President, Senator, Minister: titles that can stand before a name.
    pub(crate) titles: WordSet,
    /// Role nouns: spokeswoman, researcher, expert.
    pub(crate) roles: WordMap<Gender>,
    /// Roles of people quoted for what they know: expert, analyst,
    /// researcher.
    pub(crate) experts: WordSet,
    /// Plural sources: officials, experts, sources.
    pub(crate) groups: WordSet,
    /// Organisation heads: University, Ministry, Times.
    pub(crate) org_heads: WordSet,
    /// Known organisations and outlets written as one token: Reuters, NATO.
    pub(crate) orgs: WordSet,
    /// Countries, regions and cities: not people.
    pub(crate) places: WordSet,
    /// Nationality and country adjectives, mapped to their country.
    pub(crate) nationalities: WordMap<Box<str>>,
    /// Months and weekdays.
    pub(crate) calendar: WordSet,
    /// Closed-class words (articles, pronouns, prepositions, conjunctions,
    /// auxiliaries) and sentence adverbs: never part of a name.
    pub(crate) stopwords: WordSet,
    /// Common lowercase English words: a capitalised one at the start of a
    /// sentence is not taken as a name unless it is also a given name.
    pub(crate) common: WordSet,
    /// Given names, with gender where it is usual.
    pub(crate) first_names: WordMap<Gender>,
    /// Abbreviations written with a final period that need not end a
    /// sentence, without that period: `Mr`, `U.S`, `Sept`.
    pub(crate) abbreviations: WordSet,
    /// Name particles: van, de, bin, al.
    pub(crate) particles: WordSet,
    /// Every single word above with the bits of the lexicons it is in
    /// (read by [`Lexicons::class_of`] for the words [`class_key`] refuses).
    classes: KeyTable<u16>,
    /// The bits of `classes` again by [`class_key`], for the look-up of every
    /// token: one probe, no entry to fetch; words of one to eight bytes
    /// in `short_bits` (those it has room for), the others in
    /// `class_bits`.
    class_bits: ShortIndex,
    short_bits: ShortWords,
}

impl Lexicons {
    pub(crate) fn default_lexicons() -> Lexicons {
        let mut lex = Lexicons {
            cues: WordMap::default(),
            honorifics: gendered(include_str!("honorifics.txt")),
            titles: set(include_str!("titles.txt")),
            roles: gendered(include_str!("roles.txt")),
            experts: set(include_str!("experts.txt")),
            groups: set(include_str!("groups.txt")),
            org_heads: set(include_str!("org_heads.txt")),
            orgs: set(include_str!("orgs.txt")),
            places: set(include_str!("places.txt")),
            nationalities: WordMap::default(),
            calendar: set(include_str!("calendar.txt")),
            stopwords: set(include_str!("stopwords.txt")),
            common: set(include_str!("common.txt")),
            first_names: gendered(include_str!("first_names.txt")),
            abbreviations: set(include_str!("abbreviations.txt")),
            particles: set(include_str!("particles.txt")),
            classes: KeyTable::default(),
            class_bits: ShortIndex::default(),
            short_bits: ShortWords::default(),
        };
        // nationalities.txt: `Country: Adjective Adjective...`.
        for line in entries(include_str!("nationalities.txt")).flatten() {
            if let Some((country, adjs)) = line.split_once(':') {
                let country: Box<str> = country.trim().into();
                lex.places.insert(&country, ());
                for adj in adjs.split(',') {
                    let adj = adj.trim();
                    if !adj.is_empty() {
                        lex.nationalities.insert(adj, country.clone());
                    }
                }
            }
        }
        let mut class = CueClass::Speech;
        for entry in entries(include_str!("cues.txt")) {
            match entry {
                Err(section) => {
                    class = class_of(section).unwrap_or(class);
                }
                Ok(line) => lex.add_cue_line(line, class),
            }
        }
        lex.index();
        lex
    }

    /// Rebuilds `classes`, `class_bits` and `short_bits` from the lexicons.
    pub(crate) fn index(&mut self) {
        use class::*;
        let mut c = KeyTable::default();
        self.stopwords.mark(&mut c, STOP);
        self.calendar.mark(&mut c, CALENDAR);
        self.common.mark(&mut c, COMMON);
        self.first_names.mark(&mut c, FIRST_NAME);
        self.honorifics.mark(&mut c, HONORIFIC);
        self.titles.mark(&mut c, TITLE);
        self.org_heads.mark(&mut c, ORG_HEAD);
        self.orgs.mark(&mut c, ORG);
        self.places.mark(&mut c, PLACE);
        self.nationalities.mark(&mut c, NATIONALITY);
        self.roles.mark(&mut c, ROLE);
        self.groups.mark(&mut c, GROUP);
        self.particles.mark(&mut c, PARTICLE);
        self.abbreviations.mark(&mut c, ABBREV);
        self.cues.mark(&mut c, CUE);
        let according = b"according";
        *c.get_or_insert_with(hash_key(according), according, || 0) |=
            ACCORDING;
        let keys = || {
            c.entries.iter().filter_map(|&(_, start, n, b)| {
                let key = &c.arena[start as usize..(start + n) as usize];
                class_key(key).map(|k| (k, b))
            })
        };
        let short = keys().filter(|([_, hi], _)| *hi == 0).count();
        let mut bits = ShortIndex::with_room(keys().count() - short);
        // Refilled in place: the table's size does not change.
        self.short_bits.clear();
        for ([lo, hi], b) in keys() {
            if hi != 0 || !self.short_bits.insert(lo, b) {
                bits.insert([lo, hi], usize::from(b));
            }
        }
        self.class_bits = bits;
        self.classes = c;
    }

    /// The class bits of `word`.
    #[inline]
    pub(crate) fn class_of(&self, word: &str) -> u16 {
        match class_key(word.as_bytes()) {
            // The bits were stored as the payload.
            Some([lo, hi]) => self.class_of_folded(lo, hi),
            None => self.classes.get_word(word).copied().unwrap_or(0),
        }
    }

    /// [`Lexicons::class_of`] of an ASCII word of one to fifteen letters
    /// and digits whose bytes, lowercased, are `lo` (the first eight) and
    /// `hi` (the rest), little-endian and zero-padded. The tokenizer's
    /// look-up of every word, from the bytes it has loaded already.
    #[inline]
    pub(crate) fn class_of_folded(&self, lo: u64, hi: u64) -> u16 {
        if hi == 0 {
            return self.class_of_short(lo);
        }
        // The bits were stored as the payload.
        self.class_bits.get([lo, hi]).map_or(0, |b| b as u16)
    }

    /// [`Lexicons::class_of_folded`] of a word of one to eight bytes
    /// (`hi` zero).
    #[inline]
    pub(crate) fn class_of_short(&self, lo: u64) -> u16 {
        match self.short_bits.get(lo) {
            Some(bits) => bits,
            // The words the table had no room for.
            None if self.short_bits.full => {
                self.class_bits.get([lo, 0]).map_or(0, |b| b as u16)
            }
            None => 0,
        }
    }

    /// `verb [particle] [= irregular forms]`, as in `cues.txt`.
    fn add_cue_line(&mut self, line: &str, class: CueClass) {
        let (clause, line) = match line.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        let (head, irregular) = match line.split_once('=') {
            Some((h, i)) => (h.trim(), i.trim()),
            None => (line.trim(), ""),
        };
        let mut words = head.split_whitespace();
        let Some(base) = words.next() else { return };
        let particle: Option<Box<str>> = {
            let rest: Vec<&str> = words.collect();
            if rest.is_empty() {
                None
            } else {
                Some(rest.join(" ").into())
            }
        };
        let [third, past, ing] = inflect(base);
        let mut forms: Vec<String> = vec![base.to_string(), third, ing];
        if irregular.is_empty() {
            forms.push(past);
        } else {
            forms.extend(irregular.split_whitespace().map(str::to_string));
        }
        for form in forms {
            let senses = self.cues.get_mut_or_insert_with(&form, Vec::new);
            if let Some(senses) = senses {
                if !senses.iter().any(|s| s.particle == particle) {
                    senses.push(CueSense {
                        class,
                        clause,
                        particle: particle.clone(),
                        base: form == base,
                    });
                }
            }
        }
    }

    /// A cue verb added through the builder.
    pub(crate) fn add_cue(
        &mut self,
        verb: &str,
        class: CueClass,
    ) -> Result<(), Error> {
        let refuse = |reason| Error::InvalidCue {
            cue: verb.to_string(),
            reason,
        };
        let verb = verb.trim();
        if verb.is_empty() {
            return Err(refuse("empty"));
        }
        if !verb
            .split(' ')
            .all(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
        {
            return Err(refuse("not words of letters"));
        }
        if verb.len() > MAX_KEY - 4 {
            return Err(refuse("too long"));
        }
        if class == CueClass::According {
            return Err(refuse("`according to` is built in"));
        }
        // A cue the user adds is taken to report a clause, like `say`.
        self.add_cue_line(&format!("+{}", verb.to_lowercase()), class);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_presized_short_index_finds_its_keys_through_the_filter() {
        let words = ["said", "told", "according", "x"];
        let mut idx = super::ShortIndex::with_room(words.len());
        for (i, w) in words.iter().enumerate() {
            idx.insert(super::pack(w.as_bytes()).unwrap(), i);
        }
        for (i, w) in words.iter().enumerate() {
            let key = super::pack(w.as_bytes()).unwrap();
            assert_eq!(idx.get_filtered(key), Some(i), "{w}");
        }
        let absent = super::pack(b"wrote").unwrap();
        assert_eq!(idx.get_filtered(absent), None);
    }

    use super::*;

    #[test]
    fn inflections() {
        assert_eq!(inflect("say"), ["says", "sayed", "saying"]);
        assert_eq!(inflect("note"), ["notes", "noted", "noting"]);
        assert_eq!(inflect("reply"), ["replies", "replied", "replying"]);
        assert_eq!(inflect("stress"), ["stresses", "stressed", "stressing"]);
        assert_eq!(inflect("agree"), ["agrees", "agreed", "agreeing"]);
        assert_eq!(inflect("stop"), ["stops", "stopped", "stopping"]);
        assert_eq!(inflect("tweet"), ["tweets", "tweeted", "tweeting"]);
    }

    #[test]
    fn short_words_past_the_table_are_found() {
        // Five-letter cues and their forms of up to eight bytes: more
        // short words than the table takes.
        let mut lex = Lexicons::default_lexicons();
        let letters = || b'a'..=b'z';
        let verbs: Vec<String> = letters()
            .flat_map(|a| letters().map(move |b| (a, b)))
            .flat_map(|(a, b)| letters().map(move |c| [b'z', b'q', a, b, c]))
            .map(|v| String::from_utf8(v.to_vec()).expect("ASCII"))
            .collect();
        for v in &verbs {
            lex.add_cue(v, CueClass::Speech).expect("a cue");
        }
        lex.index();
        assert!(lex.short_bits.full);
        for v in &verbs {
            for w in std::iter::once(v.clone()).chain(inflect(v)) {
                assert!(lex.class_of(&w) & class::CUE != 0, "{w}");
            }
        }
        assert_eq!(lex.class_of("zqzzzzzz"), 0);
        assert!(lex.class_of("said") & class::CUE != 0);
    }

    #[test]
    fn folded_lookups() {
        let lex = Lexicons::default_lexicons();
        assert!(lex.cues.get("SAID").is_some());
        assert!(lex.cues.get("told").is_some());
        assert!(lex.honorifics.contains("Mr"));
        assert!(lex.calendar.contains("monday"));
        assert_eq!(
            lex.nationalities.get("Russian").map(|c| &**c),
            Some("Russia")
        );
        let long = "x".repeat(200);
        assert!(lex.stopwords.get(&long).is_none());
    }

    #[test]
    fn packed_lookups_agree_with_folded_ones() {
        let lex = Lexicons::default_lexicons();
        let keys: Vec<String> = lex
            .classes
            .keys()
            .map(|(_, k)| String::from_utf8_lossy(k).into_owned())
            .collect();
        assert!(keys.len() > 1000);
        for k in &keys {
            assert_ne!(lex.class_of(k), 0, "{k}");
            for w in [k.clone(), k.to_uppercase(), k.to_ascii_uppercase()] {
                let want = lex.classes.get_word(&w).copied().unwrap_or(0);
                assert_eq!(lex.class_of(&w), want, "{w}");
            }
        }
        for w in ["", "zzqx", "@[`{", "saidx", "x".repeat(17).as_str()] {
            assert_eq!(lex.class_of(w), 0, "{w:?}");
        }
        // The tokenizer's look-up, from the word's bytes.
        for k in keys
            .iter()
            .filter(|k| k.bytes().all(|b| b.is_ascii_alphanumeric()))
            .filter(|k| k.len() <= 15)
        {
            for w in [k.clone(), k.to_ascii_uppercase()] {
                let mut b = [0u8; 16];
                b[..w.len()]
                    .copy_from_slice(w.to_ascii_lowercase().as_bytes());
                let lo = u64::from_le_bytes(b[..8].try_into().unwrap());
                let hi = u64::from_le_bytes(b[8..].try_into().unwrap());
                let want = lex.classes.get_word(&w).copied().unwrap_or(0);
                let got = lex.class_of_folded(lo, hi);
                assert_eq!(got, want, "{w}");
            }
        }
        // The length is part of a packed key.
        assert_ne!(lex.class_of("a"), 0);
        assert_eq!(lex.class_of("a\0"), 0);
        assert_eq!(lex.class_of("\0"), 0);
        // A class key has no length: a NUL inside or after a word keeps
        // it from reading as the word without it.
        for w in ["said\0", "\0said", "sa\0id", "according\0", "a\0\0b"] {
            assert_eq!(lex.class_of(w), 0, "{w:?}");
        }
        assert_eq!(class_key(b"said\0"), None);
        assert_eq!(
            class_key(b"said"),
            Some([u64::from_le_bytes(*b"said\0\0\0\0"), 0])
        );
    }

    #[test]
    fn every_file_has_entries() {
        let lex = Lexicons::default_lexicons();
        for (name, n) in [
            ("cues", lex.cues.len()),
            ("honorifics", lex.honorifics.len()),
            ("titles", lex.titles.len()),
            ("roles", lex.roles.len()),
            ("experts", lex.experts.len()),
            ("groups", lex.groups.len()),
            ("org_heads", lex.org_heads.len()),
            ("orgs", lex.orgs.len()),
            ("places", lex.places.len()),
            ("nationalities", lex.nationalities.len()),
            ("calendar", lex.calendar.len()),
            ("stopwords", lex.stopwords.len()),
            ("common", lex.common.len()),
            ("first_names", lex.first_names.len()),
            ("abbreviations", lex.abbreviations.len()),
            ("particles", lex.particles.len()),
        ] {
            assert!(n > 5, "{name} has only {n} entries");
        }
    }

    #[test]
    fn builder_cues_are_checked() {
        let mut lex = Lexicons::default_lexicons();
        assert!(lex.add_cue("", CueClass::Speech).is_err());
        assert!(lex.add_cue("say!", CueClass::Speech).is_err());
        assert!(lex.add_cue("grumble", CueClass::Speech).is_ok());
        assert!(lex.cues.get("grumbled").is_some());
    }
}
