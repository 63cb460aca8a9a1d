//! The keyboard shortcuts, as a dialog (? opens and closes it, Esc closes it).

use yew::prelude::*;

use super::state::Msg;
use crate::i18n::{t, Key, Lang};

pub const SHORTCUTS: &[(&str, Key)] = &[
    ("Space", Key::KeyPlay),
    ("→ / N", Key::KeyNext),
    ("← / B", Key::KeyPrev),
    ("Home", Key::KeyHome),
    ("+ / −", Key::KeySpeed),
    ("Ctrl+Enter (⌘+Enter)", Key::KeyApply),
    ("E", Key::KeyEditor),
    ("K", Key::KeyConsole),
    ("G", Key::KeyLesson),
    ("PageDown / ] · PageUp / [", Key::KeyPages),
    ("P", Key::KeyPresenter),
    ("L", Key::KeyLoop),
    (", / .", Key::KeyLoopWalk),
    ("↑ ↓ ← → · Home / End", Key::KeyTiles),
    ("Enter / Space", Key::KeySelect),
    ("Esc", Key::KeyEsc),
    ("?", Key::KeyHelp),
];

/// A key as the page's language names it: `Space` is `空格` in Chinese.
fn key_name(k: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => k.replace("Space", "空格"),
        _ => k.to_string(),
    }
}

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub lang: Lang,
    /// The single-character shortcuts are on.
    pub letter_keys: bool,
    pub dispatch: Callback<Msg>,
}

#[function_component(Help)]
pub fn help(p: &HelpProps) -> Html {
    let lang = p.lang;
    // Close sits at the top, where focus lands, so the dialog opens at its title (at 1366×768
    // a focused button at the bottom scrolled the title away).
    let close_ref = super::view::use_focus_on_mount();
    let close = p.dispatch.reform(|_: MouseEvent| Msg::Help(false));
    // Start over erases the saved session: the first click asks, the second does it.
    let armed = use_state(|| false);
    let forget = {
        let armed = armed.clone();
        let d = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if *armed {
                d.emit(Msg::Forget);
            } else {
                armed.set(true);
            }
        })
    };
    let backdrop = p.dispatch.reform(|_: MouseEvent| Msg::Help(false));
    let on = p.letter_keys;
    let letter_keys = p.dispatch.reform(move |_: Event| Msg::LetterKeys(!on));
    html! {
        <div class="overlay" onclick={backdrop}>
            <div class="dialog" id="help" role="dialog" aria-modal="true" aria-labelledby="help-h"
                onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                <div class="dialog-head">
                    <h2 id="help-h">{ t(Key::ShortcutsTitle, lang) }</h2>
                    <button type="button" class="close" ref={close_ref} onclick={close}
                        aria-label={t(Key::Close, lang)}>{ "×" }</button>
                </div>
                <table>
                    <tbody>
                        { for SHORTCUTS.iter().map(|(k, v)| html! { <tr><th scope="row"><kbd>{ key_name(k, lang) }</kbd></th><td>{ t(*v, lang) }</td></tr> }) }
                    </tbody>
                </table>
                <p class="muted">{ t(Key::ShortcutsNote, lang) }</p>
                <p class="letter-keys">
                    <label>
                        <input type="checkbox" id="letter-keys" checked={p.letter_keys} onchange={letter_keys} />
                        { " " }{ t(Key::LetterKeys, lang) }
                    </label>
                    <br /><span class="muted">{ t(Key::LetterKeysHint, lang) }</span>
                </p>
                <div class="dialog-actions">
                    <button type="button" id="forget" class="danger" onclick={forget}
                        title={t(Key::ForgetHint, lang)}>{ t(if *armed { Key::ForgetConfirm } else { Key::Forget }, lang) }</button>
                </div>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub lang: Lang,
    pub link: std::rc::Rc<str>,
    pub dispatch: Callback<Msg>,
}

/// The share link, selected, with Copy and the embed snippet.
#[function_component(ShareDialog)]
pub fn share_dialog(p: &ShareProps) -> Html {
    let lang = p.lang;
    let input = use_node_ref();
    let copied = use_state(|| None::<bool>);
    // The link can open the page in classroom mode (`?present=1` before the fragment).
    let classroom = use_state(|| false);
    let link: String = if *classroom {
        match p.link.split_once('#') {
            Some((head, frag)) => format!("{head}?present=1#{frag}"),
            None => format!("{}?present=1", p.link),
        }
    } else {
        p.link.to_string()
    };
    // Selected when the dialog opens (or the link changes under it); the classroom box does not
    // move the focus away from itself (WCAG 3.2.2).
    {
        let r = input.clone();
        use_effect_with(p.link.clone(), move |_| {
            if let Some(el) = r.cast::<web_sys::HtmlInputElement>() {
                let _ = el.focus();
                el.select();
            }
        });
    }
    let copy = {
        let r = input.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = r.cast::<web_sys::HtmlInputElement>() {
                // Copying selects the link; the focus goes back to the Copy button.
                let before = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .and_then(|a| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(a).ok());
                copied.set(Some(super::url::copy_from(&el)));
                if let Some(b) = before {
                    let _ = b.focus();
                }
            }
        })
    };
    let close = p.dispatch.reform(|_: MouseEvent| Msg::CloseShare);
    let len = link.len();
    let toggle = {
        let classroom = classroom.clone();
        let copied = copied.clone();
        Callback::from(move |_: Event| {
            copied.set(None);
            classroom.set(!*classroom);
        })
    };
    html! {
        <div class="overlay" onclick={close.clone()}>
            <div class="dialog share-dialog" id="share" role="dialog" aria-modal="true" aria-labelledby="share-h"
                onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                <h2 id="share-h">{ t(Key::ShareTitle, lang) }</h2>
                <p>{ t(Key::ShareIntro, lang) }</p>
                <div class="share-row">
                    <input id="share-link" ref={input} type="text" readonly=true value={link.clone()}
                        aria-label={t(Key::ShareTitle, lang)} />
                    <button type="button" class="primary" id="share-copy" onclick={copy}>{ t(Key::Copy, lang) }</button>
                </div>
                <label class="share-option">
                    <input type="checkbox" id="share-classroom" checked={*classroom} onchange={toggle} />
                    { " " }{ t(Key::ShareClassroom, lang) }
                </label>
                <p class="muted small" id="share-status" role="status">
                    { match *copied {
                        Some(true) => t(Key::Copied, lang).to_string(),
                        Some(false) => t(Key::CopyFailed, lang).to_string(),
                        None => crate::i18n::tf(Key::ShareLength, lang, &[&len]),
                    } }
                </p>
                <div class="dialog-actions">
                    <a class="button-link" href={link} target="_blank" rel="noopener">{ t(Key::OpenInNewTab, lang) }</a>
                    <button type="button" onclick={close}>{ t(Key::Close, lang) }</button>
                </div>
            </div>
        </div>
    }
}
