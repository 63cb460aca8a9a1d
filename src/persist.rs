//! The pure parts of the page's persistence (`ui::storage` does the browser's side): the
//! preferences and the lesson progress read part by part.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
