//! localStorage persistence through web-sys `Storage` (no extra crate: three calls are all it
//! takes). JSON values under a few keys, read part by part (`persist`); the page says when it
//! has no storage or no room.
//!
//! - `ctrlscope:v1`: the session (editor text, run manifest, recorded actions, instant, lesson);
//! - `ctrlscope:v1:previous`, `ctrlscope:v1:previous-older`: the two sessions kept aside;
//! - `ctrlscope:v1:other-tab`: the session another tab had saved, which this tab's save
//!   replaced (one slot of its own: two tabs used in turn never push out the kept sessions);
//! - `ctrlscope:prefs`: language, classroom mode, the editor hidden;
//! - `ctrlscope:progress`: the lessons whose challenge was passed;
//! - `KEY:unread`: a stored preferences or progress value that did not read in full.
//!
//! The embedded view (`embed=1`) writes nothing: an iframe in a course page must not overwrite
//! the learner's own session on the same origin.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::persist;

pub const KEY: &str = "ctrlscope:v1";
const PREVIOUS: &str = "ctrlscope:v1:previous";
/// The one kept aside before it: a second backup (a timeline branch in a lesson opened over
/// the user's own work) does not lose the first.
const OLDER: &str = "ctrlscope:v1:previous-older";
/// Another tab's session this tab saved over (the last one).
const OTHER: &str = "ctrlscope:v1:other-tab";
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
    /// The timeline's end as drawn (`Shared::end_ms`); 0 for none.
    pub end_ms: i64,
    pub speed: u32,
    pub preset: String,
    /// The text last applied (the editor shows "edited" when its text differs).
    pub applied: String,
    /// The open lesson (its setup runs in the cluster) and its page.
    pub lesson: Option<String>,
    pub page: usize,
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Its mark when a share link opened it (`persist::fingerprint`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<u64>,
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

    /// Its mark (`persist::fingerprint`).
    pub fn fingerprint(&self) -> u64 {
        persist::fingerprint(&self.text, &self.run, &self.actions)
    }

    /// A share link's session, unchanged since it was opened.
    pub fn unedited_link(&self) -> bool {
        self.link == Some(self.fingerprint())
    }
}

impl Default for Saved {
    fn default() -> Self {
        Saved {
            text: String::new(),
            run: String::new(),
            actions: Vec::new(),
            at_ms: 0,
            end_ms: 0,
            speed: 0,
            preset: String::new(),
            applied: String::new(),
            lesson: None,
            page: 0,
            seed: default_seed(),
            link: None,
        }
    }
}

pub use crate::persist::Prefs;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// False when the browser refused it (over its quota, about 5 MB) or has no storage.
fn set<T: Serialize>(key: &str, v: &T) -> bool {
    match (storage(), serde_json::to_string(v)) {
        (Some(st), Ok(json)) => st.set_item(key, &json).is_ok(),
        _ => false,
    }
}

/// The saved session, and whether only part of it could be read.
pub fn load() -> Option<(Saved, bool)> {
    read_saved(&raw(KEY)?)
}

/// A saved session is there but does not read at all (not a JSON object).
pub fn unreadable() -> bool {
    raw(KEY).is_some_and(|r| read_saved(&r).is_none())
}

/// A saved session read field by field: a field of the wrong type (a damaged entry, an older
/// or newer shape) is left at its default and the others kept, so the editor's text is not
/// lost with it. A session with no text of its own takes a manifest it holds under another
/// name. True when anything was left out.
fn read_saved(raw: &str) -> Option<(Saved, bool)> {
    if let Ok(sv) = serde_json::from_str::<Saved>(raw) {
        // Every key is one of Saved's (as it writes them): nothing was left out.
        let fields = serde_json::to_value(&sv).unwrap_or_default();
        let known = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(raw)
            .is_ok_and(|m| m.keys().all(|k| fields.get(k).is_some()));
        if known {
            return Some((sv, false));
        }
    }
    let serde_json::Value::Object(mut m) = serde_json::from_str(raw).ok()? else {
        return None;
    };
    let mut lossy = false;
    fn take<T: for<'de> Deserialize<'de>>(
        m: &mut serde_json::Map<String, serde_json::Value>,
        k: &str,
        lossy: &mut bool,
    ) -> Option<T> {
        let v = m.remove(k)?;
        let read = serde_json::from_value(v).ok();
        *lossy |= read.is_none();
        read
    }
    let l = &mut lossy;
    let mut sv = Saved {
        text: take(&mut m, "text", l).unwrap_or_default(),
        run: take(&mut m, "run", l).unwrap_or_default(),
        actions: take(&mut m, "actions", l).unwrap_or_default(),
        at_ms: take(&mut m, "at_ms", l).unwrap_or_default(),
        end_ms: take(&mut m, "end_ms", l).unwrap_or_default(),
        speed: take(&mut m, "speed", l).unwrap_or_default(),
        preset: take(&mut m, "preset", l).unwrap_or_default(),
        applied: take(&mut m, "applied", l).unwrap_or_default(),
        lesson: take(&mut m, "lesson", l).unwrap_or_default(),
        page: take(&mut m, "page", l).unwrap_or_default(),
        seed: take(&mut m, "seed", l).unwrap_or_else(default_seed),
        link: take(&mut m, "link", l).unwrap_or_default(),
    };
    if sv.text.is_empty() && sv.run.is_empty() {
        let manifest = m
            .values()
            .filter_map(|v| v.as_str())
            .find(|t| t.contains("kind:"));
        sv.text = manifest.map(str::to_string).unwrap_or_default();
    }
    lossy |= !m.is_empty();
    Some((sv, lossy))
}

thread_local! {
    /// This tab's session as it last saved it (or tried to: the browser refused it). What a
    /// backup keeps aside (the stored one may be another tab's, or older); and a save of the
    /// same text writes nothing, so a tab left idle never overwrites a newer tab's session
    /// when it is hidden or closed.
    static LAST: RefCell<Option<(String, bool)>> = const { RefCell::new(None) };
    /// Another tab saved its session since this one did (a `storage` event): this tab's next
    /// save keeps that one aside first.
    static FOREIGN: Cell<bool> = const { Cell::new(false) };
    /// The sessions kept aside, also in memory: "Restore my previous session" works for the
    /// rest of the page's life even when the browser has no room for them.
    static PREVIOUS_MEM: RefCell<Option<String>> = const { RefCell::new(None) };
    static OLDER_MEM: RefCell<Option<String>> = const { RefCell::new(None) };
    static OTHER_MEM: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// What a save did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// False when the browser refused it (over its quota) or has no storage.
    pub stored: bool,
    /// Another tab's newer session was there: it was kept aside before this one was written.
    pub kept_other: bool,
}

/// Saves the session; when it does not fit, the sessions kept aside in storage make room for
/// it (the ones in memory stay).
pub fn save(s: &Saved) -> Outcome {
    let Ok(json) = serde_json::to_string(s) else {
        return Outcome::default();
    };
    let unchanged = LAST.with(|l| l.borrow().as_ref().is_some_and(|(j, ok)| *ok && *j == json));
    if unchanged {
        // Nothing new to write (a hidden tab that did nothing since its last save): another
        // tab's newer session stays, and is kept aside when this tab does write.
        return Outcome {
            stored: true,
            kept_other: false,
        };
    }
    // Another tab's session about to be saved over goes to its own slot (replacing the one
    // there), not among the kept sessions: two tabs used in turn would push those out.
    let mut kept_other = false;
    if FOREIGN.with(|f| f.replace(false)) {
        let other = raw(KEY);
        let mine = LAST.with(|l| l.borrow().as_ref().map(|(j, _)| j.clone()));
        if let Some(other) = other.filter(|o| Some(o) != mine.as_ref() && *o != json) {
            put_slot(OTHER, Some(other));
            kept_other = true;
        }
    }
    let put = || storage().is_some_and(|st| st.set_item(KEY, &json).is_ok());
    let stored = put() || {
        if let Some(st) = storage() {
            let _ = st.remove_item(OLDER);
            let _ = st.remove_item(PREVIOUS);
        }
        put()
    };
    LAST.with(|l| *l.borrow_mut() = Some((json, stored)));
    Outcome { stored, kept_other }
}

/// The page can use `localStorage` at all (not a third-party iframe with its storage blocked,
/// where reading it throws a SecurityError).
pub fn available() -> bool {
    storage().is_some()
}

/// A `storage` event: another tab of this site wrote `key` (None: it cleared everything).
/// True when it was the lesson progress.
pub fn other_tab_wrote(key: Option<&str>) -> bool {
    if key.is_none_or(|k| k == KEY) {
        FOREIGN.with(|f| f.set(true));
    }
    key == Some(PROGRESS)
}

pub fn clear() {
    if let Some(st) = storage() {
        let _ = st.remove_item(KEY);
    }
    LAST.with(|l| *l.borrow_mut() = None);
}

fn with_mem<R>(key: &str, f: impl FnOnce(&RefCell<Option<String>>) -> R) -> R {
    match key {
        PREVIOUS => PREVIOUS_MEM.with(f),
        OTHER => OTHER_MEM.with(f),
        _ => OLDER_MEM.with(f),
    }
}

/// A kept-aside slot: the stored one (another tab may have written it since), else the copy
/// in memory, which holds only what the browser had no room for.
fn slot(key: &str) -> Option<String> {
    raw(key).or_else(|| with_mem(key, |m| m.borrow().clone()))
}

/// Writes a kept-aside slot in storage, or in memory when there is no room (so "Restore"
/// works for the rest of the page's life); a failed copy never leaves an older one in
/// storage to be restored instead.
fn put_slot(key: &str, v: Option<String>) {
    let stored = match (storage(), &v) {
        (Some(st), Some(v)) => {
            let _ = st.remove_item(key);
            st.set_item(key, v).is_ok()
        }
        (Some(st), None) => {
            let _ = st.remove_item(key);
            true
        }
        (None, _) => false,
    };
    with_mem(key, |m| *m.borrow_mut() = if stored { None } else { v });
}

/// The other tab's session this tab saved over, brought back; this tab's own goes into its
/// place, so the two can be swapped again.
pub fn take_other() -> Option<Saved> {
    let other = slot(OTHER)?;
    put_slot(OTHER, current());
    read_saved(&other).map(|(sv, _)| sv)
}

/// Another tab's session is kept (the notice can offer it).
pub fn has_other() -> bool {
    slot(OTHER).is_some()
}

/// This tab's session as last saved, else the stored one (before this tab's first save).
fn current() -> Option<String> {
    LAST.with(|l| l.borrow().as_ref().map(|(j, _)| j.clone()))
        .or_else(|| raw(KEY))
}

/// Keeps the current session aside before a share link, an example or a lesson replaces it:
/// in storage when there is room, and in memory. The session kept aside before it moves one
/// place back (two are kept).
pub fn backup() {
    if let Some(raw) = current() {
        keep_aside(raw);
    }
}

fn keep_aside(raw: String) {
    let (prev, older) = persist::keep_aside(raw, slot(PREVIOUS), slot(OLDER));
    put_slot(PREVIOUS, prev);
    put_slot(OLDER, older);
}

/// The session kept aside last, to be restored; the sessions turn round (`persist::turn`),
/// so each comes back in turn and none is lost.
pub fn take_previous() -> Option<Saved> {
    let (back, prev, older) = persist::turn(current(), slot(PREVIOUS), slot(OLDER))?;
    put_slot(PREVIOUS, prev);
    put_slot(OLDER, older);
    read_saved(&back).map(|(sv, _)| sv)
}

/// A session is kept aside (the Restore button stays offered).
pub fn has_previous() -> bool {
    slot(PREVIOUS).is_some()
}

/// A stored value as text.
fn raw(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Keeps a stored value that did not read in full under `KEY:unread`, before the parts that
/// did read are written back over it.
fn keep_unread(key: &str, raw: &str) {
    if let Some(st) = storage() {
        let _ = st.set_item(&format!("{key}:unread"), raw);
    }
}

pub fn load_prefs() -> Prefs {
    let Some(raw) = raw(PREFS) else {
        return Prefs::default();
    };
    let (p, lossy) = persist::read_prefs(&raw);
    if lossy {
        keep_unread(PREFS, &raw);
    }
    p
}

pub fn save_prefs(p: &Prefs) {
    let _ = set(PREFS, p);
}

pub fn load_progress() -> BTreeSet<String> {
    let Some(raw) = raw(PROGRESS) else {
        return BTreeSet::new();
    };
    let (done, lossy) = persist::read_progress(&raw);
    if lossy {
        keep_unread(PROGRESS, &raw);
    }
    done
}

/// Saves the lessons passed, with those stored meanwhile (another tab passed its own): the
/// union is written and returned.
pub fn save_progress(done: &BTreeSet<String>) -> BTreeSet<String> {
    let mut all = load_progress();
    for id in done {
        all.insert(id.clone());
    }
    let _ = set(PROGRESS, &all);
    all
}
