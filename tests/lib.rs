//! The integration tests: one test crate, one module per concern.

mod cases;
mod generated;
mod invariants;
mod segments;
