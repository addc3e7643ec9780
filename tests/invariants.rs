//! The invariants every result must keep.
