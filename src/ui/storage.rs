//! localStorage persistence through web-sys `Storage` (no extra crate: three calls are all it
//! takes). One JSON value under one key; any failure (private mode, quota, a corrupt value)
//! is ignored and the page starts from the default manifest.

use serde::{Deserialize, Serialize};

pub const KEY: &str = "ctrlscope:v1";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    /// The editor's text, valid or not.
    pub text: String,
    /// The manifest the running cluster was last reset from (always valid).
    pub run: String,
    /// Recorded actions, one scenario entry each (`- at: 90s\n  failPod: NAME`).
    pub actions: Vec<String>,
    /// Virtual milliseconds shown.
    pub at_ms: i64,
    pub speed: u32,
    pub preset: String,
    /// The text last applied (the editor shows "edited" when its text differs).
    pub applied: String,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load() -> Option<Saved> {
    let raw = storage()?.get_item(KEY).ok().flatten()?;
    serde_json::from_str(&raw).ok()
}

pub fn save(s: &Saved) {
    if let (Some(st), Ok(json)) = (storage(), serde_json::to_string(s)) {
        let _ = st.set_item(KEY, &json);
    }
}

pub fn clear() {
    if let Some(st) = storage() {
        let _ = st.remove_item(KEY);
    }
}
