//! The simulation engine.
