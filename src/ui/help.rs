//! The keyboard shortcuts, as a dialog (? opens and closes it, Esc closes it).

use yew::prelude::*;

use super::state::Msg;

pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Space", "play / pause"),
    ("→ or N", "step to the next instant anything is due"),
    ("← or B", "back to the previous instant (replayed from t=0)"),
    ("Home", "rewind to t=0"),
    ("+ / −", "faster / slower"),
    ("Ctrl+Enter (⌘+Enter)", "apply the manifest (kubectl apply)"),
    ("E", "focus the editor"),
    ("K", "focus the kubectl console (↑ ↓ browse its history)"),
    (
        "Esc",
        "leave the editor or console, clear the selection, close this",
    ),
    ("?", "show or hide these shortcuts"),
];

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub dispatch: Callback<Msg>,
}

#[function_component(Help)]
pub fn help(p: &HelpProps) -> Html {
    let close_ref = use_node_ref();
    {
        let r = close_ref.clone();
        use_effect_with((), move |_| {
            if let Some(el) = r.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let close = p.dispatch.reform(|_: MouseEvent| Msg::Help(false));
    let backdrop = p.dispatch.reform(|_: MouseEvent| Msg::Help(false));
    html! {
        <div class="overlay" onclick={backdrop}>
            <div class="dialog" id="help" role="dialog" aria-modal="true" aria-labelledby="help-h"
                onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                <h2 id="help-h">{ "Keyboard shortcuts" }</h2>
                <table>
                    <tbody>
                        { for SHORTCUTS.iter().map(|(k, v)| html! { <tr><th scope="row"><kbd>{ *k }</kbd></th><td>{ *v }</td></tr> }) }
                    </tbody>
                </table>
                <p class="muted">{ "Shortcuts other than Ctrl+Enter and Esc wait while you type in the editor or the console. Every pod or node action is recorded on the timeline and replayed when you scrub back. Your YAML and actions are kept in this browser." }</p>
                <div class="dialog-actions">
                    <button type="button" class="primary" ref={close_ref} onclick={close}>{ "Close" }</button>
                    <button type="button" id="forget" class="danger" onclick={p.dispatch.reform(|_: MouseEvent| Msg::Forget)}
                        title="Forget the saved YAML and actions and start from the first example">{ "Start over" }</button>
                </div>
            </div>
        </div>
    }
}
