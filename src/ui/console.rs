//! The kubectl console: one input line with history (↑/↓), the answers in <pre> blocks, as
//! `ctrlscope::kubectl::console::run` prints them. Commands that change the cluster come back
//! as actions, which the reducer records for replay.

use std::rc::Rc;

use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use super::state::{ConsoleEntry, Msg};
use super::view;
use crate::i18n::{t, Key, Lang};

/// One-click commands (`-A`: the DaemonSet example lives in kube-system).
const QUICK: [&str; 7] = [
    "get pods -A -o wide",
    "get jobs -A",
    "get cronjobs -A",
    "get ds -A",
    "get nodes",
    "get events -A",
    "help",
];

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub entries: Rc<Vec<ConsoleEntry>>,
    /// A command to put into the input line (a lesson's "try kubectl"), with its sequence.
    pub fill: Option<(u64, Rc<str>)>,
    pub lang: Lang,
    pub dispatch: Callback<Msg>,
}

#[function_component(Console)]
pub fn console(p: &ConsoleProps) -> Html {
    let input = use_node_ref();
    let out = use_node_ref();
    // Position in the history while browsing with ↑/↓ (None: editing a new line).
    let cursor = use_mut_ref(|| None::<usize>);
    let lang = p.lang;

    {
        let input = input.clone();
        let fill = p.fill.clone();
        use_effect_with(fill.as_ref().map(|f| f.0), move |_| {
            if let (Some((_, cmd)), Some(el)) = (fill, input.cast::<HtmlInputElement>()) {
                el.set_value(&cmd);
                let _ = el.focus();
                el.scroll_into_view_with_bool(false);
            }
        });
    }

    {
        let out = out.clone();
        use_effect_with(p.entries.last().map(|e| e.id), move |_| {
            if let Some(el) = out.cast::<HtmlElement>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }

    let history: Vec<String> = {
        let mut h: Vec<String> = Vec::new();
        for e in p.entries.iter() {
            if h.last() != Some(&e.command) {
                h.push(e.command.clone());
            }
        }
        h
    };

    let submit = {
        let d = p.dispatch.clone();
        let input = input.clone();
        let cursor = cursor.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let v = el.value();
                if !v.trim().is_empty() {
                    d.emit(Msg::Console(v));
                }
                el.set_value("");
                *cursor.borrow_mut() = None;
            }
        })
    };
    let keydown = {
        let cursor = cursor.clone();
        let history = history.clone();
        Callback::from(move |e: KeyboardEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            let n = history.len();
            if n == 0 {
                return;
            }
            let mut c = cursor.borrow_mut();
            match e.key().as_str() {
                "ArrowUp" => {
                    e.prevent_default();
                    let i = match *c {
                        None => n - 1,
                        Some(i) => i.saturating_sub(1),
                    };
                    *c = Some(i);
                    el.set_value(&history[i]);
                }
                "ArrowDown" => {
                    e.prevent_default();
                    match *c {
                        Some(i) if i + 1 < n => {
                            *c = Some(i + 1);
                            el.set_value(&history[i + 1]);
                        }
                        _ => {
                            *c = None;
                            el.set_value("");
                        }
                    }
                }
                _ => {}
            }
        })
    };
    let clear = p.dispatch.reform(|_: MouseEvent| Msg::ClearConsole);

    html! {
        <section class="panel console" aria-labelledby="console-h" id="console">
            <div class="panel-head">
                <h2 id="console-h">{ "kubectl" }</h2>
                <span class="quick">
                    { for QUICK.iter().map(|q| {
                        let c = q.to_string();
                        let onclick = p.dispatch.reform(move |_: MouseEvent| Msg::Console(format!("kubectl {c}")));
                        html! { <button type="button" class="chip-btn" onclick={onclick}>{ *q }</button> }
                    }) }
                    <button type="button" class="chip-btn" onclick={clear} title={t(Key::ClearOutput, lang)}>{ t(Key::Clear, lang) }</button>
                </span>
            </div>
            <div class="console-out" ref={out} id="console-out" role="log" aria-label={t(Key::ConsoleOutput, lang)} tabindex="0">
                if p.entries.is_empty() {
                    <p class="muted">{ t(Key::ConsoleTry, lang) }</p>
                }
                { for p.entries.iter().map(|e| html! {
                    <div class="entry" key={e.id.to_string()} data-id={e.id.to_string()}>
                        <div class="cmd"><span class="t">{ format!("t={} ", view::clock(e.at)) }</span>{ "$ " }{ if e.command.starts_with("kubectl") || e.command.starts_with("k ") { e.command.clone() } else { format!("kubectl {}", e.command) } }</div>
                        if !e.output.is_empty() {
                            <pre class={classes!("out", e.error.then_some("err"))}>{ &e.output }</pre>
                        }
                    </div>
                }) }
            </div>
            <form class="console-in" onsubmit={submit}>
                <label for="console-input" class="prompt">{ "$ kubectl" }</label>
                <input id="console-input" ref={input} type="text" autocomplete="off" spellcheck="false"
                    autocapitalize="off" placeholder="get pods -o wide" onkeydown={keydown}
                    aria-label={t(Key::ConsoleInput, lang)} />
                <button type="submit">{ t(Key::Run, lang) }</button>
            </form>
        </section>
    }
}
