//! A panic hook (like console_error_panic_hook, written here): a Rust panic in Wasm stops the
//! app, so instead of a page that silently stops responding, show a banner that says so, with
//! the message, and offer a reload (the YAML is saved) or a fresh start.
//!
//! The banner is plain DOM built before the Wasm instance traps; its buttons are handled by
//! index.html's script (`data-act`), because no Rust code can run after the panic, and inline
//! onclick attributes would need a Content-Security-Policy's 'unsafe-inline'.

use std::cell::Cell;

use wasm_bindgen::prelude::*;

use crate::i18n::{t, Key, Lang};

thread_local! {
    /// The page's language, for the banner (no state can be read once Rust has panicked).
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
    /// The embedded view: it saves nothing, so its banner neither claims a saved YAML nor
    /// touches the learner's own session.
    static EMBED: Cell<bool> = const { Cell::new(false) };
}

pub fn set_lang(lang: Lang, embed: bool) {
    LANG.with(|l| l.set(lang));
    EMBED.with(|e| e.set(embed));
}

pub const BANNER_ID: &str = "panic-banner";

/// Installs the hook through yew, so its renderer keeps it (it would otherwise set
/// console_error_panic_hook in its place).
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let msg = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&format!("CtrlScope panicked: {msg}")));
        show_banner(&msg);
    }));
}

fn show_banner(msg: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let lang = LANG.with(Cell::get);
    let embed = EMBED.with(Cell::get);
    if doc.get_element_by_id(BANNER_ID).is_some() {
        return;
    }
    let Ok(banner) = doc.create_element("div") else {
        return;
    };
    banner.set_id(BANNER_ID);
    let _ = banner.set_attribute("role", "alert");
    let title = doc.create_element("strong").ok();
    if let Some(el) = &title {
        let title = if embed {
            Key::PanicTitleEmbed
        } else {
            Key::PanicTitle
        };
        el.set_text_content(Some(t(title, lang)));
        let _ = banner.append_child(el);
    }
    if let Ok(pre) = doc.create_element("pre") {
        pre.set_text_content(Some(msg));
        let _ = banner.append_child(&pre);
    }
    let button = |label: &str, act: &str| {
        if let Ok(b) = doc.create_element("button") {
            b.set_text_content(Some(label));
            let _ = b.set_attribute("type", "button");
            let _ = b.set_attribute("data-act", act);
            let _ = banner.append_child(&b);
        }
    };
    button(t(Key::Reload, lang), "reload");
    // Start over keeps the session aside (a link that panicked never saved over it, and the
    // session itself may be the user's work) and drops the link's parameters, which would
    // panic again.
    if !embed {
        button(t(Key::PanicStartOver, lang), "start-over");
    }
    if let Some(body) = doc.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}

/// For the browser test of this hook only: `window.wasmBindings.ctrlscope_test_panic()`.
/// Nothing in the page calls it; no input reaches it.
#[wasm_bindgen]
pub fn ctrlscope_test_panic() {
    panic!("test panic requested by the browser test");
}
