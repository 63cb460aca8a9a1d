//! The pure parts of the page's persistence (`ui::storage` does the browser's side): the
//! preferences and the lesson progress read part by part, the turn of the sessions kept
//! aside, and the mark of a session opened from a link and not changed since.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

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

/// The preferences read field by field: a damaged field is left at its default, the others
/// kept (one bad value must not reset the language). True when anything was left out.
pub fn read_prefs(raw: &str) -> (Prefs, bool) {
    let Ok(serde_json::Value::Object(mut m)) = serde_json::from_str(raw) else {
        return (Prefs::default(), true);
    };
    let mut lossy = false;
    let mut flag = |k: &str| match m.remove(k) {
        None => false,
        Some(v) => v.as_bool().unwrap_or_else(|| {
            lossy = true;
            false
        }),
    };
    let presenter = flag("presenter");
    let editor_hidden = flag("editor_hidden");
    let letter_keys_off = flag("letter_keys_off");
    let lang = match m.remove("lang") {
        None => String::new(),
        Some(serde_json::Value::String(l)) => l,
        Some(_) => {
            lossy = true;
            String::new()
        }
    };
    lossy |= !m.is_empty();
    let p = Prefs {
        lang,
        presenter,
        editor_hidden,
        letter_keys_off,
    };
    (p, lossy)
}

/// The lesson progress read entry by entry: a damaged entry is left out, the others kept.
/// True when anything was left out.
pub fn read_progress(raw: &str) -> (BTreeSet<String>, bool) {
    let mut done = BTreeSet::new();
    let Ok(serde_json::Value::Array(a)) = serde_json::from_str(raw) else {
        return (done, true);
    };
    let mut lossy = false;
    for v in a {
        match v {
            serde_json::Value::String(id) => {
                done.insert(id);
            }
            _ => lossy = true,
        }
    }
    (done, lossy)
}

/// Two sessions kept aside (`prev`, then `older`): `raw` goes first, `prev` moves back, and
/// `older` goes. Keeping the one already first changes nothing.
pub fn keep_aside(
    raw: String,
    prev: Option<String>,
    older: Option<String>,
) -> (Option<String>, Option<String>) {
    if prev.as_ref() == Some(&raw) {
        return (prev, older);
    }
    match prev {
        Some(p) => (Some(raw), Some(p)),
        None => (Some(raw), older),
    }
}

/// "Restore my previous session": `prev` comes back, `older` becomes the next to restore,
/// and the session it replaces (`cur`) goes to the back. Pressed again and again it goes
/// round all three: nothing is lost. Returns (restored, prev, older); None: nothing kept.
pub fn turn(
    cur: Option<String>,
    prev: Option<String>,
    older: Option<String>,
) -> Option<(String, Option<String>, Option<String>)> {
    let back = prev?;
    let cur = cur.filter(|c| *c != back);
    Some(match older {
        Some(o) => (back, Some(o), cur),
        None => (back, cur, None),
    })
}

/// A session's mark (FNV-1a of its editor text, run manifest and recorded actions): a
/// session opened from a share link keeps the mark it had then, so a later link replacing
/// it unchanged need not keep it aside (it is the link's, not the user's work).
pub fn fingerprint(text: &str, run: &str, actions: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let parts = [text, run]
        .into_iter()
        .chain(actions.iter().map(String::as_str));
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    // 53 bits: exact as a JavaScript number, should a script read the stored session.
    h & ((1 << 53) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn progress_keeps_the_entries_that_read() {
        let (done, lossy) = read_progress(r#"["first-job",null,"parallel-job",3]"#);
        assert!(lossy);
        assert_eq!(done.len(), 2);
        assert!(done.contains("first-job") && done.contains("parallel-job"));
        assert!(!read_progress(r#"["a"]"#).1);
        let (none, lossy) = read_progress("{");
        assert!(none.is_empty() && lossy);
    }

    #[test]
    fn prefs_keep_the_fields_that_read() {
        let (p, lossy) = read_prefs(r#"{"lang":"zh","presenter":"no","editor_hidden":true}"#);
        assert!(lossy);
        assert_eq!(p.lang, "zh");
        assert!(!p.presenter && p.editor_hidden);
        let (q, lossy) = read_prefs(r#"{"lang":"en","letter_keys_off":true}"#);
        assert!(!lossy && q.letter_keys_off && q.lang == "en");
        assert!(read_prefs("[1]").1);
        assert!(read_prefs(r#"{"lang":1}"#).1);
    }

    #[test]
    fn restore_goes_round_every_kept_session() {
        // Own work W, then an example E over it, then a lesson L over E (W is older).
        let (p, o) = keep_aside("W".into(), None, None);
        let (p, o) = keep_aside("E".into(), p, o);
        assert_eq!((p.as_deref(), o.as_deref()), (Some("E"), Some("W")));
        let mut cur = "L".to_string();
        let (mut p, mut o) = (p, o);
        let mut seen = Vec::new();
        for _ in 0..3 {
            let (back, np, no) = turn(s(&cur), p, o).unwrap_or_default();
            seen.push(back.clone());
            cur = back;
            (p, o) = (np, no);
        }
        assert_eq!(seen, ["E", "W", "L"]);
        // One kept: Restore swaps.
        assert_eq!(turn(s("A"), s("B"), None), Some(("B".into(), s("A"), None)));
        assert_eq!(turn(s("A"), None, s("C")), None);
        // Keeping the one already first pushes nothing out.
        assert_eq!(keep_aside("E".into(), s("E"), s("W")), (s("E"), s("W")));
    }

    #[test]
    fn fingerprint_tells_changes_apart() {
        let a = fingerprint("t", "r", &["- at: 1s".into()]);
        assert_eq!(a, fingerprint("t", "r", &["- at: 1s".into()]));
        assert_ne!(a, fingerprint("t", "r", &[]));
        assert_ne!(fingerprint("ab", "", &[]), fingerprint("a", "b", &[]));
    }
}
