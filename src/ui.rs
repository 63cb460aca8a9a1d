//! The Yew shell (wasm32 only). STUB.
pub fn start() {}
