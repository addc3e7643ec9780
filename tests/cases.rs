//! Data-driven cases from tests/data/.
