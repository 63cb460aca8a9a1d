//! localStorage persistence through web-sys `Storage` (no extra crate: three calls are all it
//! takes). JSON values under a few keys; any failure (private mode, quota, a corrupt value) is
//! ignored and the page starts from its defaults.
//!
//! - `ctrlscope:v1`: the session (editor text, run manifest, recorded actions, instant, lesson);
//! - `ctrlscope:v1:previous`: the session a share link replaced (one level of undo);
//! - `ctrlscope:prefs`: language, classroom mode, the editor hidden;
//! - `ctrlscope:progress`: the lessons whose challenge was passed.
//!
//! The embedded view (`embed=1`) writes nothing: an iframe in a course page must not overwrite
//! the learner's own session on the same origin.

use std::cell::RefCell;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

pub const KEY: &str = "ctrlscope:v1";
const PREVIOUS: &str = "ctrlscope:v1:previous";
const PREFS: &str = "ctrlscope:prefs";
const PROGRESS: &str = "ctrlscope:progress";

fn default_seed() -> u64 {
    crate::share::DEFAULT_SEED
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// The open lesson (its setup runs in the cluster) and its page.
    pub lesson: Option<String>,
    pub page: usize,
    #[serde(default = "default_seed")]
    pub seed: u64,
}

impl Saved {
    /// The editor's text: its own, or the run manifest when none was saved.
    pub fn editor_text(&self) -> &str {
        if self.text.is_empty() {
            &self.run
        } else {
            &self.text
        }
    }
}

impl Default for Saved {
    fn default() -> Self {
        Saved {
            text: String::new(),
            run: String::new(),
            actions: Vec::new(),
            at_ms: 0,
            speed: 0,
            preset: String::new(),
            applied: String::new(),
            lesson: None,
            page: 0,
            seed: default_seed(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// `en` / `zh`; empty: not chosen yet (the browser's language decides).
    pub lang: String,
    pub presenter: bool,
    /// The editor hidden (E): a projector setup that survives a reload.
    pub editor_hidden: bool,
    /// The single-character shortcuts turned off (WCAG 2.1.4: speech input types letters).
    pub letter_keys_off: bool,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn get<T: for<'de> Deserialize<'de>>(key: &str) -> Option<T> {
    let raw = storage()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&raw).ok()
}

/// False when the browser refused it (over its quota, about 5 MB) or has no storage.
fn set<T: Serialize>(key: &str, v: &T) -> bool {
    match (storage(), serde_json::to_string(v)) {
        (Some(st), Ok(json)) => st.set_item(key, &json).is_ok(),
        _ => false,
    }
}

pub fn load() -> Option<Saved> {
    get(KEY)
}

/// A saved session is there but does not read (damaged, or from a newer version).
pub fn unreadable() -> bool {
    storage()
        .and_then(|st| st.get_item(KEY).ok().flatten())
        .is_some_and(|raw| serde_json::from_str::<Saved>(&raw).is_err())
}

thread_local! {
    /// The session as it is now, when the browser refused to store it: what a backup keeps
    /// aside then (the stored one is older).
    static UNSAVED: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The session kept aside, also in memory: "Restore my previous session" works for the
    /// rest of the page's life even when the browser has no room for it.
    static PREVIOUS_MEM: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Saves the session; when it does not fit, the session kept aside in storage makes room for
/// it (the one in memory stays). False when it still does not fit.
pub fn save(s: &Saved) -> bool {
    let Ok(json) = serde_json::to_string(s) else {
        return false;
    };
    let put = || storage().is_some_and(|st| st.set_item(KEY, &json).is_ok());
    let saved = put() || {
        if let Some(st) = storage() {
            let _ = st.remove_item(PREVIOUS);
        }
        put()
    };
    UNSAVED.with(|u| *u.borrow_mut() = (!saved).then_some(json));
    saved
}

pub fn clear() {
    if let Some(st) = storage() {
        let _ = st.remove_item(KEY);
    }
}

/// Keeps the current session aside before a share link, an example or a lesson replaces it:
/// in storage when there is room, and in memory. An older session kept aside is dropped first,
/// so a failed copy never leaves it to be restored instead.
pub fn backup() {
    let raw = UNSAVED
        .with(|u| u.borrow().clone())
        .or_else(|| storage()?.get_item(KEY).ok().flatten());
    let Some(raw) = raw else { return };
    if let Some(st) = storage() {
        let _ = st.remove_item(PREVIOUS);
        let _ = st.set_item(PREVIOUS, &raw);
    }
    PREVIOUS_MEM.with(|p| *p.borrow_mut() = Some(raw));
}

/// The session a share link replaced (taken: it can be restored once).
pub fn take_previous() -> Option<Saved> {
    let stored = storage().and_then(|st| {
        let raw = st.get_item(PREVIOUS).ok().flatten();
        let _ = st.remove_item(PREVIOUS);
        raw
    });
    let kept = PREVIOUS_MEM.with(|p| p.borrow_mut().take());
    serde_json::from_str(&kept.or(stored)?).ok()
}

pub fn load_prefs() -> Prefs {
    get(PREFS).unwrap_or_default()
}

pub fn save_prefs(p: &Prefs) {
    let _ = set(PREFS, p);
}

pub fn load_progress() -> BTreeSet<String> {
    get::<BTreeSet<String>>(PROGRESS).unwrap_or_default()
}

pub fn save_progress(done: &BTreeSet<String>) {
    let _ = set(PROGRESS, done);
}
