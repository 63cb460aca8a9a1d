//! The kubectl console: one input line with history (↑/↓) and Tab completion
//! (`kubectl::complete`), the answers in <pre> blocks, as
//! `ctrlscope::kubectl::console::run` prints them. Commands that change the cluster come back
//! as actions, which the reducer records for replay.

use std::rc::Rc;

use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use std::cell::RefCell;

use super::engine::Engine;
use super::state::{ConsoleEntry, Msg};
use super::view;
use crate::i18n::{t, tf, Key, Lang};
use crate::kubectl::complete::{apply_completion, complete};
use crate::kubectl::console::gloss as ctrlscope_gloss;

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

#[derive(Properties)]
pub struct ConsoleProps {
    pub entries: Rc<Vec<ConsoleEntry>>,
    /// The commands entered, oldest first (↑/↓).
    pub history: Rc<Vec<String>>,
    /// A command to put into the input line (a lesson's "try kubectl"), with its sequence.
    pub fill: Option<(u64, Rc<str>)>,
    pub lang: Lang,
    /// The cluster, read for Tab completion (object names).
    pub engine: Rc<RefCell<Engine>>,
    /// The clock runs: a watch's newest row is said at most every WATCH_NEWS_MS.
    pub playing: bool,
    /// K focuses the input line (the single-key shortcuts on).
    pub k_key: bool,
    pub dispatch: Callback<Msg>,
}

impl PartialEq for ConsoleProps {
    fn eq(&self, o: &Self) -> bool {
        self.playing == o.playing
            && self.k_key == o.k_key
            && Rc::ptr_eq(&self.entries, &o.entries)
            && Rc::ptr_eq(&self.history, &o.history)
            && self.fill == o.fill
            && self.lang == o.lang
            && Rc::ptr_eq(&self.engine, &o.engine)
            && self.dispatch == o.dispatch
    }
}

/// The focused element of the page.
fn focused_node() -> Option<web_sys::Node> {
    web_sys::window()?
        .document()?
        .active_element()
        .map(web_sys::Node::from)
}

#[function_component(Console)]
pub fn console(p: &ConsoleProps) -> Html {
    let input = use_node_ref();
    let out = use_node_ref();
    // Position in the history while browsing with ↑/↓ (None: editing a new line).
    let cursor = use_mut_ref(|| None::<usize>);
    // What Tab found when several words fit (shown under the input line).
    let hint = use_state(|| None::<String>);
    let lang = p.lang;

    {
        let input = input.clone();
        let fill = p.fill.clone();
        use_effect_with(fill.as_ref().map(|f| f.0), move |_| {
            if let (Some((_, cmd)), Some(el)) = (fill, input.cast::<HtmlInputElement>()) {
                el.set_value(&cmd);
                // Scrolled only as far as needed (reveal): focus() alone scrolled the page
                // further, cutting the top bar in half.
                let quiet = web_sys::FocusOptions::new();
                quiet.set_prevent_scroll(true);
                let _ = el.focus_with_options(&quiet);
                view::reveal(&el);
            }
        });
    }

    // Follow the output: a new entry always scrolls to the end; a watch's new rows do while the
    // reader is at the end (not after scrolling up to read). An answer taller than the console
    // (a pod's YAML, a node's description) shows its top instead: its command line at the top,
    // where what a lesson's step points at usually is.
    let at_end = use_mut_ref(|| true);
    let last_id = use_mut_ref(|| None::<u64>);
    let mounted = use_mut_ref(|| false);
    {
        let out = out.clone();
        let input = input.clone();
        let at_end = at_end.clone();
        let last = p.entries.last().map(|e| (e.id, e.output.len()));
        let live = p.entries.last().is_some_and(|e| e.live.is_some());
        use_effect_with(last, move |last| {
            let id = last.map(|l| l.0);
            // The first run is the page's load (entries restored), not a command.
            let first = !std::mem::replace(&mut *mounted.borrow_mut(), true);
            let new_entry = *last_id.borrow() != id;
            *last_id.borrow_mut() = id;
            if let Some(el) = out.cast::<HtmlElement>() {
                if new_entry || *at_end.borrow() {
                    el.set_scroll_top(el.scroll_height());
                    *at_end.borrow_mut() = true;
                }
                // A watch keeps following its newest rows.
                if new_entry && !first && !live {
                    if let Some(top) =
                        entry_top(&el).filter(|&top| el.scroll_height() - top > el.client_height())
                    {
                        el.set_scroll_top(top);
                        *at_end.borrow_mut() = false;
                    }
                }
                // A command from a button (Describe, Logs, a lane) answers here, maybe below
                // the fold on a projector: bring the answer into view. One typed here is, but
                // its answer may push the input line below the fold: that comes back.
                let typed = input.get().zip(focused_node()).is_some_and(|(i, a)| i == a);
                if new_entry && !first {
                    match input.cast::<HtmlElement>().filter(|_| typed) {
                        Some(line) => view::reveal(&line),
                        None => view::reveal(&el),
                    }
                }
            }
        });
    }
    let onscroll = {
        let at_end = at_end.clone();
        Callback::from(move |e: Event| {
            let el: HtmlElement = e.target_unchecked_into();
            *at_end.borrow_mut() = el.scroll_top() + el.client_height() >= el.scroll_height() - 24;
        })
    };

    let history = p.history.clone();

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
        let d = p.dispatch.clone();
        let engine = p.engine.clone();
        let hint = hint.clone();
        let watching = p.entries.last().is_some_and(|e| e.live.is_some());
        Callback::from(move |e: KeyboardEvent| {
            // Enter or Escape that ends an input method's composition is the IME's.
            if e.is_composing() || e.key_code() == 229 {
                return;
            }
            let el: HtmlInputElement = e.target_unchecked_into();
            // Tab completes a word (commands, types, flags, object names); on an empty line, or
            // when nothing completes, it moves the focus as usual, and Shift+Tab always does. A
            // Tab that adds nothing moves on too once its choices are shown (or there is only
            // the word already typed): the line holds forward Tab no longer than it helps.
            if e.key() == "Tab" && !e.shift_key() && !e.ctrl_key() && !e.alt_key() && !e.meta_key()
            {
                let line = el.value();
                let found = match line.trim().is_empty() {
                    true => Vec::new(),
                    false => complete(&engine.borrow().sim, &line),
                };
                let completed = apply_completion(&line, &found);
                let stuck = completed == line && (found.len() == 1 || hint.is_some());
                if !found.is_empty() && !stuck {
                    e.prevent_default();
                    el.set_value(&completed);
                    hint.set((found.len() > 1).then(|| {
                        let mut shown: Vec<&str> =
                            found.iter().map(String::as_str).take(12).collect();
                        if found.len() > 12 {
                            shown.push("…");
                        }
                        shown.join("  ")
                    }));
                    return;
                }
            }
            if hint.is_some() {
                hint.set(None);
            }
            // Ctrl+C ends a running `get -w`, as in a terminal (unless text is selected to copy).
            if watching && e.ctrl_key() && e.key().eq_ignore_ascii_case("c") {
                let selected = matches!(
                    (el.selection_start(), el.selection_end()),
                    (Ok(Some(a)), Ok(Some(b))) if a != b
                );
                if !selected {
                    e.prevent_default();
                    d.emit(Msg::StopWatch);
                    return;
                }
            }
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
    // A running `get -w` rewrites its entry's text as rows arrive, which a role=log region
    // would read out whole each time: while one runs, the log is not live and a separate
    // region says the newest row, at most every WATCH_NEWS_MS.
    let watching = p.entries.last().is_some_and(|e| e.live.is_some());
    let watch_news = use_mut_ref(|| (0.0_f64, String::new()));
    if let Some(e) = p.entries.last().filter(|e| e.live.is_some()) {
        let now = js_sys::Date::now();
        let mut news = watch_news.borrow_mut();
        // Stopped, the newest row is said at once (the run's last rows would go unsaid).
        if !p.playing || now - news.0 >= WATCH_NEWS_MS {
            let newest = e
                .output
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            if newest != news.1 {
                *news = (now, newest.to_string());
            }
        }
    }
    let watch_said = watch_news.borrow().1.clone();
    let clear = p.dispatch.reform(|_: MouseEvent| Msg::ClearConsole);
    let stop = p.dispatch.reform(|_: MouseEvent| Msg::StopWatch);

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
            <p class="sr-only" id="watch-news" aria-live="polite">{ if watching { watch_said } else { String::new() } }</p>
            <div class="console-out" ref={out} id="console-out" onscroll={onscroll} role="log" aria-live={if watching { "off" } else { "polite" }}
                aria-label={t(Key::ConsoleOutput, lang)} tabindex="0">
                if p.entries.is_empty() {
                    <p class="muted">{ t(Key::ConsoleTry, lang) }</p>
                }
                // Its own fragment: keyed entries beside the unkeyed hint are diffed by key.
                <>{ for p.entries.iter().map(|e| if let Some(id) = &e.lesson {
                    let title = super::state::find_lesson(id)
                        .map(|l| l.title.get(lang.code()).to_string())
                        .unwrap_or_else(|| id.to_string());
                    html! {
                        <div class="entry opened" key={e.id.to_string()} data-id={e.id.to_string()}>
                            { tf(Key::ConsoleLessonOpened, lang, &[&title]) }
                        </div>
                    }
                } else if e.restarted { html! {
                    <div class="entry opened" key={e.id.to_string()} data-id={e.id.to_string()}>
                        { t(Key::ConsoleRestarted, lang) }
                    </div>
                } } else { html! {
                    <div class="entry" key={e.id.to_string()} data-id={e.id.to_string()}>
                        <div class="cmd" lang="en"><span class="t">{ format!("t={} ", view::clock_exact(e.at)) }</span>{ "$ " }{ if e.command.starts_with("kubectl") || e.command.starts_with("k ") { e.command.clone() } else { format!("kubectl {}", e.command) } }</div>
                        if !e.output.is_empty() {
                            // kubectl speaks English on either page (a screen reader reads it so).
                            <pre lang="en" class={classes!("out", e.error.then_some("err"), (e.error || is_logs(&e.command)).then_some("wrap"))}>{ &e.output }</pre>
                        }
                        // kubectl's words stay English, as a terminal prints them; the lines
                        // CtrlScope adds are glossed on the Chinese page.
                        if let Some(g) = (lang == Lang::Zh).then(|| ctrlscope_gloss(&e.output)).flatten() {
                            <p class="gloss" lang="zh-CN">{ g }</p>
                        }
                        if let Some(live) = e.live {
                            <p class="watching" role="status">
                                <span class="dot" aria-hidden="true"></span>
                                { t(live, lang) }
                                <button type="button" class="chip-btn" id="stop-watch" onclick={stop.clone()}>{ t(Key::StopWatch, lang) }</button>
                            </p>
                        }
                        if e.rewound {
                            <p class="muted watch-ended">{ t(Key::WatchRewound, lang) }</p>
                        }
                    </div>
                } }) }</>
            </div>
            if let Some(h) = (*hint).clone() {
                <p class="complete-hint" id="complete-hint" aria-live="polite">{ h }</p>
            }
            <form class="console-in" onsubmit={submit}>
                <label for="console-input" class="prompt">{ "$ kubectl" }</label>
                <input id="console-input" aria-keyshortcuts={p.k_key.then_some("K")} ref={input} type="text" autocomplete="off" spellcheck="false"
                    autocapitalize="off" placeholder="get pods -o wide" onkeydown={keydown}
                    aria-label={t(Key::ConsoleInput, lang)} />
                <button type="submit">{ t(Key::Run, lang) }</button>
            </form>
        </section>
    }
}

/// Where the newest entry starts in the console's scrolled content (a few pixels above its
/// command line).
fn entry_top(out: &HtmlElement) -> Option<i32> {
    let entry = out.last_element_child()?;
    let top = entry.get_bounding_client_rect().top() - out.get_bounding_client_rect().top();
    Some((top as i32 + out.scroll_top() - 4).max(0))
}

/// How often the newest row of a running watch is said (fast play prints many a second).
const WATCH_NEWS_MS: f64 = 3000.0;

/// A `kubectl logs` line: its output is a container's free text (the pi Job prints 2 000 digits
/// on one line), wrapped as a terminal wraps it; tables keep their columns and scroll.
fn is_logs(command: &str) -> bool {
    command
        .split_whitespace()
        .any(|w| w == "logs" || w == "log")
}
