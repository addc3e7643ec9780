//! Generated hostile input, checked against the invariants.
