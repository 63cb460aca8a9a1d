//! The page's address and document: its parameters (`share::Params`), the share URL, removing a
//! consumed `#s=` from the address bar, `<html lang>` and the classroom-mode class, copying.

use wasm_bindgen::JsCast;
use web_sys::{HtmlDocument, HtmlInputElement};

use crate::i18n::Lang;
use crate::share::Params;

fn location() -> Option<web_sys::Location> {
    Some(web_sys::window()?.location())
}

/// The parameters of the current address (query and fragment).
pub fn params() -> Params {
    let (search, hash) = location()
        .map(|l| (l.search().unwrap_or_default(), l.hash().unwrap_or_default()))
        .unwrap_or_default();
    Params::from_url(&search, &hash)
}

/// The page's address without query or fragment (works under any sub-path).
pub fn base() -> String {
    location()
        .map(|l| {
            format!(
                "{}{}",
                l.origin().unwrap_or_default(),
                l.pathname().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// The link for a share payload.
pub fn share_url(payload: &str) -> String {
    format!("{}#s={payload}", base())
}

/// Removes the fragment from the address bar (after a share link was read, so a reload shows
/// the saved session, which by then is the shared state plus whatever the user did).
pub fn drop_fragment() {
    let Some(w) = web_sys::window() else { return };
    let Some(l) = location() else { return };
    let url = format!(
        "{}{}",
        l.pathname().unwrap_or_default(),
        l.search().unwrap_or_default()
    );
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Keeps the address in step with the page: `?lesson=ID&step=N` while a lesson is open (so a
/// reload or a bookmark shows the same page), `lang=` updated if the address names one. Other
/// parameters stay, but `present=1` goes once classroom mode is turned off (a reload would
/// turn it on again), and `at=` goes once used (a reload keeps the session's own clock); a
/// consumed fragment (`#lesson=…`) goes. Not called for an embed, whose address stays.
pub fn sync(lesson: Option<(&str, usize)>, lang: Lang, presenter: bool) {
    let Some(w) = web_sys::window() else { return };
    let Some(l) = location() else { return };
    let search = l.search().unwrap_or_default();
    let hash = l.hash().unwrap_or_default();
    let mut had_lang = false;
    let mut keep: Vec<String> = Vec::new();
    for (i, part) in [search.trim_start_matches('?'), hash.trim_start_matches('#')]
        .into_iter()
        .enumerate()
    {
        for kv in part.split('&').filter(|x| !x.is_empty()) {
            let k = kv.split_once('=').map_or(kv, |(k, _)| k);
            match k {
                "lesson" | "step" | "s" => {}
                "present" if !presenter => {}
                "at" => {}
                "lang" => had_lang = true,
                // Other query parameters stay; the fragment's go.
                _ if i == 0 => keep.push(kv.to_string()),
                _ => {}
            }
        }
    }
    if let Some((id, page)) = lesson {
        keep.push(format!("lesson={id}"));
        keep.push(format!("step={}", page + 1));
    }
    if had_lang {
        keep.push(format!("lang={}", lang.code()));
    }
    let query = if keep.is_empty() {
        String::new()
    } else {
        format!("?{}", keep.join("&"))
    };
    if query == search && hash.is_empty() {
        return;
    }
    let url = format!("{}{query}", l.pathname().unwrap_or_default());
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The browser's preferred language, if it is one the page speaks.
pub fn browser_lang() -> Option<Lang> {
    Lang::parse(&web_sys::window()?.navigator().language()?)
}

/// `<html lang>` and the classroom-mode class (rem-based sizes scale with the root font).
pub fn set_document(lang: Lang, presenter: bool, embed: bool) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = root.set_attribute("lang", lang.html_lang());
    let mut class = Vec::new();
    if presenter {
        class.push("presenter");
    }
    if embed {
        class.push("embed");
    }
    let _ = root.set_attribute("class", &class.join(" "));
}

/// Selects the input's text and copies it (`execCommand('copy')` inside the click's user
/// gesture; no permission prompt, works on plain http too). False if the browser refused.
pub fn copy_from(input: &HtmlInputElement) -> bool {
    input.select();
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<HtmlDocument>().ok())
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false)
}

/// The page runs in a frame of another page (where a browser may deny it storage).
pub fn in_frame() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    match w.top() {
        Ok(Some(top)) => !js_sys::Object::is(top.as_ref(), w.as_ref()),
        Ok(None) => false,
        // A top window it may not even name is another page's.
        Err(_) => true,
    }
}
