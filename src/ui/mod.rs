//! The Yew app (wasm32 only): a thin driver over the pure core. No controller logic lives here;
//! every change to the cluster is a core call made by the reducer in [`state`].
//!
//! Modules: `state` (the reducer), `engine` (time travel, recording, a lesson's scripted
//! actions), `record` (actions ↔ scenario entries), `storage` (localStorage), `url` (the
//! address: parameters, share links), `panic` (the error banner), `intl_tz` (the browser's zone data for `spec.timeZone`), and one function component
//! per panel: `editor`, `schedule`, `workloads`, `cluster`, `loopview`, `console`, `events`,
//! `timeline`, `lesson` (the lesson list and the open lesson), `help` (shortcuts and the share
//! dialog), `embed` (the compact iframe view). Every UI string comes from `crate::i18n`.

mod cluster;
mod console;
mod editor;
mod embed;
mod engine;
mod events;
mod help;
mod intl_tz;
mod lesson;
mod loopview;
mod panic;
mod presets;
mod record;
mod schedule;
mod state;
mod storage;
mod timeline;
mod url;
mod view;
mod workloads;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use gloo_render::{request_animation_frame, AnimationFrame};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::api::{Object, Time};
use crate::i18n::{t, Key, Lang};
use engine::Scripted;
use schedule::CronInfo;
use state::{Msg, State, Tone};
use timeline::Mark;

pub use panic::ctrlscope_test_panic;

/// Mounts the app on `<body>`, after installing the panic hook.
pub fn start() {
    panic::install();
    intl_tz::install();
    follow_address_changes();
    // index.html's loading box (it says why, if the start fails before this).
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    yew::Renderer::<App>::new().render();
}

/// The page reads its address once, at load. A share or lesson link opened in a tab that
/// already shows the page only changes the fragment (no load): load it then, as a new tab
/// would. The page itself only ever rewrites the address with replaceState (no event).
fn follow_address_changes() {
    let Some(w) = web_sys::window() else { return };
    EventListener::new(&w, "hashchange", |_| {
        if let Some(l) = web_sys::window().map(|w| w.location()) {
            if l.hash().is_ok_and(|h| h.len() > 1) {
                let _ = l.reload();
            }
        }
    })
    .forget();
}

/// While playing: one `Frame(dt)` per animation frame. The wall clock only sets the pace.
fn frames(dispatch: Callback<Msg>) -> impl FnOnce() {
    let holder: Rc<RefCell<Option<AnimationFrame>>> = Rc::new(RefCell::new(None));
    let running = Rc::new(Cell::new(true));
    let last: Rc<Cell<Option<f64>>> = Rc::new(Cell::new(None));
    fn schedule(
        holder: Rc<RefCell<Option<AnimationFrame>>>,
        running: Rc<Cell<bool>>,
        last: Rc<Cell<Option<f64>>>,
        dispatch: Callback<Msg>,
    ) {
        let h = holder.clone();
        let frame = request_animation_frame(move |ts| {
            if !running.get() {
                return;
            }
            let dt = last.get().map_or(0.0, |l| ts - l);
            last.set(Some(ts));
            dispatch.emit(Msg::Frame(dt));
            if running.get() {
                schedule(h, running, last, dispatch);
            }
        });
        *holder.borrow_mut() = Some(frame);
    }
    schedule(holder.clone(), running.clone(), last, dispatch);
    move || {
        running.set(false);
        holder.borrow_mut().take();
    }
}

fn by_id(id: &str) -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into::<HtmlElement>()
        .ok()
}

/// What the keyboard handler needs to know of the state (the listener is registered once).
#[derive(Clone, Copy, Default)]
struct KeyCtx {
    presenter: bool,
    letter_keys_off: bool,
    lesson: bool,
    editor_hidden: bool,
    embed: bool,
    loop_big: bool,
}

/// A pod tile's group, its index there, and its pod.
type TileSpot = (web_sys::Element, u32, String);

thread_local! {
    /// The button the pointer pressed last, while it keeps the focus: Space plays rather than
    /// pressing it again (Chrome's :focus-visible turns on at any key, so it cannot tell).
    static POINTER_PRESSED: RefCell<Option<Element>> = const { RefCell::new(None) };
    /// The element focused last outside a modal dialog.
    static LAST_FOCUS: RefCell<Option<HtmlElement>> = const { RefCell::new(None) };
    /// The enlarged loop was shrunk by a key (L, Esc), not by its button.
    static LOOP_SHRUNK_BY_KEY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The element focused last (outside a modal dialog) and where it sat in a group of pod
    /// tiles (the group, its index there): kept through a focusout, which Chrome fires when
    /// the focused element is removed.
    static FOCUSED: RefCell<Option<(HtmlElement, Option<TileSpot>)>> = const { RefCell::new(None) };
    /// Renders of the page so far, and the render during which focus last left for nothing:
    /// a blur while a render patches the page is the focused element being removed; one
    /// before it, the user leaving (a click on nothing, Escape).
    static RENDERS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    static BLURRED_IN: std::cell::Cell<u64> = const { std::cell::Cell::new(u64::MAX) };
}

/// The focused control was disabled or removed by what it did (Controller manager down, the
/// loop walk's last step, a pod tile replaced as time runs): the focus goes to the nearest
/// thing that stands for it, not to the document, where a keyboard user starts over.
fn restore_lost_focus() {
    // A focused control just disabled still holds the focus until Chrome's focus fixup at the
    // next frame, when no render may follow (a paused clock): it counts as lost now.
    let disabled = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|a| a.has_attribute("disabled"));
    if !disabled && !view::focus_lost() {
        return;
    }
    let Some((el, tile)) = FOCUSED.with(|f| f.borrow_mut().take()) else {
        return;
    };
    if left_before_this_render() {
        return;
    }
    // Still there and enabled: the user left it (Escape, a click on nothing); leave it so.
    if el.is_connected() && !el.has_attribute("disabled") {
        return;
    }
    let id = el.id();
    // An enlarged loop's hop box rebuilt by a newer step (its pulse replays): the new one.
    if id.starts_with("hop-box-") && view::focus(&format!("#{id}[tabindex]")) {
        return;
    }
    // Stand-ins, in order of preference: the control's neighbour, then its panel's heading.
    let by_id: &[&str] = match id.as_str() {
        "loop-walk-on" | "loop-walk-first" | "loop-live" => &["#loop-walk-back", "#loop-h"],
        "loop-walk-back" => &["#loop-h"],
        "cm-down" => &["#cluster-h"],
        // A watch's Stop goes with the watch: the console's line is where the user goes on.
        "stop-watch" => &["#console-input"],
        // A Restore replaces its notice with one that offers the next in the round.
        "restore-previous" | "restore-kept" | "restore-other" | "open-other" => &[
            "#restore-previous",
            "#restore-other",
            "#restore-kept",
            "#open-other",
            "#cluster-h",
        ],
        "prev-page" | "next-page" => &["#lesson-h"],
        _ => &[],
    };
    if by_id.iter().any(|sel| view::focus(sel)) {
        return;
    }
    // A pod tile rebuilt as time runs: the same pod's tile if it is still there, else the tile
    // now at its place in the group, else the group's last one. Without scrolling: a tile is
    // replaced while the teacher reads elsewhere.
    let doc = web_sys::window().and_then(|w| w.document());
    let tile = tile.and_then(|(group, i, pod)| {
        let same = doc
            .as_ref()
            .and_then(|d| {
                d.query_selector(&format!("button.pod[data-pod=\"{pod}\"]"))
                    .ok()
            })
            .flatten();
        if same.is_some() || !group.is_connected() {
            return same;
        }
        let tiles = group.query_selector_all("button.pod").ok()?;
        let n = tiles.length();
        (n > 0)
            .then(|| tiles.item(i.min(n - 1)))?
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    });
    let quiet = web_sys::FocusOptions::new();
    quiet.set_prevent_scroll(true);
    let target = tile.or_else(|| doc.and_then(|d| d.get_element_by_id("cluster-h")));
    if let Some(t) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
        let _ = t.focus_with_options(&quiet);
    }
}

/// The focus left its element before this render (the user's doing: Escape, a click on
/// nothing), not while this render patched the page.
fn left_before_this_render() -> bool {
    let blurred = BLURRED_IN.with(|b| b.get());
    blurred != u64::MAX && blurred != RENDERS.with(|r| r.get())
}

/// The focus fell to the document because the element that held it was removed in this
/// render (not because the user left it there: Escape, a click on nothing, Space after a
/// pointer press blurs the button).
fn focus_removed() -> bool {
    if !view::focus_lost() || left_before_this_render() {
        return false;
    }
    FOCUSED.with(|f| {
        f.borrow()
            .as_ref()
            .is_some_and(|(el, _)| !el.is_connected())
    })
}

/// A modal dialog (help, lessons, share) is open.
fn modal_open() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[aria-modal=\"true\"]").ok().flatten())
        .is_some()
}

/// Where focus is not remembered as the page's own (to go back to when a dialog closes): a
/// modal dialog, and the enlarged loop.
const DIALOGS: &str = "[aria-modal=\"true\"], #loop.big";

/// Tab and Shift+Tab cycle inside an open modal dialog (aria-modal promises it): focus never
/// wanders to the page behind the overlay.
fn trap_focus(e: &KeyboardEvent) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(Some(dialog)) = doc.query_selector("[aria-modal=\"true\"]") else {
        return;
    };
    let Ok(list) = dialog.query_selector_all(
        "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex=\"-1\"])",
    ) else {
        return;
    };
    let items: Vec<HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        // Tab never lands on a roving tile (tabindex -1): the first and last are those Tab
        // reaches.
        .filter(|el| el.tab_index() >= 0)
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let active = doc
        .active_element()
        .filter(|a| dialog.contains(Some(a.unchecked_ref())));
    // Wraps when nothing Tab reaches lies beyond the focus in the dialog, in the direction
    // pressed: the focus may sit on a roving tile (tabindex -1) after the last stop.
    let beyond = |a: &Element, following: bool| {
        items.iter().any(|el| {
            let pos = a.compare_document_position(el.unchecked_ref());
            let bit = if following {
                web_sys::Node::DOCUMENT_POSITION_FOLLOWING
            } else {
                web_sys::Node::DOCUMENT_POSITION_PRECEDING
            };
            pos & bit != 0
        })
    };
    let to = match &active {
        None => Some(first),
        Some(a) if e.shift_key() && !beyond(a, false) => Some(last),
        Some(a) if !e.shift_key() && !beyond(a, true) => Some(first),
        _ => None,
    };
    if let Some(el) = to {
        e.prevent_default();
        let _ = el.focus();
    }
}

/// A group of pod tiles is one Tab stop; the arrow keys, Home and End move the focus inside it
/// (the WAI-ARIA roving-focus pattern). True when the key was one of those on a tile.
fn move_in_pod_group(tile: &Element, key: &str) -> bool {
    if !matches!(
        key,
        "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Home" | "End"
    ) || tile.get_attribute("data-pod").is_none()
    {
        return false;
    }
    let Some(group) = tile.closest("[data-pod-group]").ok().flatten() else {
        return false;
    };
    let Ok(list) = group.query_selector_all("button.pod") else {
        return false;
    };
    let n = list.length();
    let node: &web_sys::Node = tile.as_ref();
    let at = (0..n).find(|&i| list.get(i).is_some_and(|x| x == *node));
    let to = match (key, at) {
        ("Home", _) => 0,
        ("End", _) => n.saturating_sub(1),
        ("ArrowLeft" | "ArrowUp", Some(i)) => i.saturating_sub(1),
        (_, Some(i)) => (i + 1).min(n.saturating_sub(1)),
        (_, None) => 0,
    };
    if let Some(el) = list.get(to).and_then(|x| x.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
    true
}

/// The global shortcuts (see `help::SHORTCUTS`).
fn on_key(e: &KeyboardEvent, d: &Callback<Msg>, ctx: KeyCtx) {
    // A key an input method is composing with (Escape cancels the composition, Enter commits
    // it, keyCode 229 on some platforms) is the IME's, not a shortcut: a Chinese student's
    // Escape must not leave the editor and commit the pinyin.
    if e.is_composing() || e.key_code() == 229 {
        return;
    }
    let key = e.key();
    let target: Option<Element> = e.target().and_then(|t| t.dyn_into::<Element>().ok());
    let tag = target.as_ref().map(|t| t.tag_name()).unwrap_or_default();
    let input_type = target
        .as_ref()
        .and_then(|t| t.get_attribute("type"))
        .unwrap_or_default();
    // The speed select keeps + and − (its hint shows them): no option starts with either.
    let speed_key = tag == "SELECT"
        && target.as_ref().is_some_and(|t| t.id() == "speed")
        && matches!(key.as_str(), "+" | "=" | "-" | "_");
    let typing = !speed_key
        && (tag == "TEXTAREA" || tag == "SELECT" || (tag == "INPUT" && input_type != "range"));
    let on_button = tag == "BUTTON" || tag == "A" || tag == "SUMMARY";
    if key == "Escape" {
        if typing {
            if let Some(el) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
                let _ = el.blur();
            }
        }
        if ctx.loop_big && !modal_open() {
            LOOP_SHRUNK_BY_KEY.with(|k| k.set(true));
        }
        d.emit(Msg::Escape);
        return;
    }
    if key == "Tab" {
        trap_focus(e);
        return;
    }
    // The page behind an open modal dialog is inert: its keys are the dialog's own. The
    // enlarged loop (not modal: the time bar above it stays usable) keeps the clock and loop
    // keys (it is there to watch them), not the ones that open another dialog or move the
    // focus behind it.
    if modal_open()
        || (ctx.loop_big
            && matches!(
                key.as_str(),
                "?" | "p" | "P" | "e" | "E" | "k" | "K" | "g" | "G"
            ))
    {
        return;
    }
    if (e.ctrl_key() || e.meta_key()) && key == "Enter" {
        e.prevent_default();
        d.emit(Msg::Apply);
        return;
    }
    if typing || e.ctrl_key() || e.meta_key() || e.alt_key() {
        return;
    }
    // Turned off in Help: no letter, digit, punctuation or Space acts on the page (a speech
    // input user's words arrive as such keys: WCAG 2.1.4); the named keys still do.
    if ctx.letter_keys_off && key.chars().count() == 1 {
        return;
    }
    if let Some(t) = &target {
        if on_button && move_in_pod_group(t, &key) {
            e.prevent_default();
            return;
        }
    }
    // A scrollable box focused for reading (the lesson text, the console's output, a CronJob's
    // lanes on a narrow screen) keeps the keys that scroll it; N, B, [ ] and the letters still work.
    let scroller = target.as_ref().is_some_and(|t| {
        t.id() == "lesson-body" || t.id() == "console-out" || t.matches(".lanes").unwrap_or(false)
    });
    if scroller
        && matches!(
            key.as_str(),
            " " | "PageUp"
                | "PageDown"
                | "Home"
                | "End"
                | "ArrowUp"
                | "ArrowDown"
                | "ArrowLeft"
                | "ArrowRight"
        )
    {
        return;
    }
    let range = input_type == "range";
    // The lesson's pages stay as they are under the enlarged loop (its keys are the clock's).
    let pages = ctx.lesson && !ctx.embed && !ctx.loop_big;
    // A button the pointer pressed keeps no claim on Space (a teacher clicks "+ Add node", then
    // presses Space to play, not to add another): only one reached with the keyboard is
    // pressed by it.
    let keyboard_button = on_button
        && !POINTER_PRESSED.with(|p| {
            p.borrow()
                .as_ref()
                .is_some_and(|b| target.as_ref().is_some_and(|t| b.is_same_node(Some(t))))
        });
    if key == " " && on_button && !keyboard_button {
        // A button presses on Space's keyup, which preventDefault on the keydown does not
        // stop: the focus leaves it first.
        if let Some(el) = target.as_ref().and_then(|t| t.dyn_ref::<HtmlElement>()) {
            let _ = el.blur();
        }
    }
    let msg = match key.as_str() {
        " " if !keyboard_button => Msg::PlayKey,
        "ArrowRight" if pages && ctx.presenter => Msg::NextPage,
        "ArrowLeft" if pages && ctx.presenter => Msg::PrevPage,
        // On the timeline slider the arrows move the slider (its own keys); N and B still step.
        "ArrowRight" if !range => Msg::Step,
        "ArrowLeft" if !range => Msg::StepBack,
        "n" | "N" => Msg::Step,
        "b" | "B" => Msg::StepBack,
        // On the timeline slider PageUp/PageDown move the slider (its own keys).
        "PageDown" if pages && !range => Msg::NextPage,
        "PageUp" if pages && !range => Msg::PrevPage,
        "]" if pages => Msg::NextPage,
        "[" if pages => Msg::PrevPage,
        "Home" if !range => Msg::Rewind,
        "+" | "=" => Msg::Faster,
        "-" | "_" => Msg::Slower,
        "?" if !ctx.embed => Msg::ToggleHelp,
        "p" | "P" if !ctx.embed => Msg::TogglePresenter,
        "l" | "L" if !ctx.embed => {
            LOOP_SHRUNK_BY_KEY.with(|k| k.set(ctx.loop_big));
            Msg::ToggleLoopBig
        }
        "," => Msg::LoopStep(-1),
        "." => Msg::LoopStep(1),
        "e" | "E" if !ctx.embed && (ctx.presenter || ctx.editor_hidden) => Msg::ToggleEditor,
        "e" | "E" | "k" | "K" | "g" | "G" if !ctx.embed => {
            let id = match key.as_str() {
                "e" | "E" => "manifest",
                "k" | "K" => "console-input",
                // Back to the lesson's text and its buttons from anywhere (the console is
                // thirty Tab stops away).
                _ => "lesson-h",
            };
            if let Some(el) = by_id(id) {
                e.prevent_default();
                if id == "lesson-h" {
                    view::reveal(&el);
                }
                let _ = el.focus();
            }
            return;
        }
        _ => return,
    };
    e.prevent_default();
    d.emit(msg);
}

/// The Schedule panel's CronJobs: the editor's (and whether they differ from what the cluster
/// runs: edited, not applied), or, while the text is invalid, the cluster's (the last valid
/// manifest's).
fn cron_infos(state: &State) -> (Vec<CronInfo>, bool, bool) {
    let e = state.engine.borrow();
    let live = e.sim.cronjobs();
    // Where the controller counts the schedule on from (an `@every` grid).
    let base = |name: &str| {
        live.iter().find(|c| c.metadata.name == name).and_then(|c| {
            c.status
                .last_schedule_time
                .or(c.metadata.creation_timestamp)
        })
    };
    let info = |c: &crate::api::CronJob| CronInfo {
        name: c.metadata.name.clone(),
        schedule: c.spec.schedule.clone(),
        time_zone: c.spec.time_zone.clone(),
        base: base(&c.metadata.name),
        suspended: live
            .iter()
            .find(|l| l.metadata.name == c.metadata.name)
            .map_or(c.spec.suspend, |l| l.spec.suspend)
            == Some(true),
    };
    let from_text: Vec<CronInfo> = state
        .check
        .parsed
        .iter()
        .filter_map(|p| match &p.object {
            Object::CronJob(c) => Some(info(c)),
            _ => None,
        })
        .collect();
    if state.check.valid() && from_text.is_empty() {
        return (from_text, false, false);
    }
    let running: Vec<CronInfo> = live.iter().map(|c| info(c)).collect();
    if state.check.valid() {
        // A CronJob of the text that the cluster runs with another schedule or zone.
        let edited = from_text.iter().any(|c| {
            running.iter().any(|r| {
                r.name == c.name && (r.schedule != c.schedule || r.time_zone != c.time_zone)
            })
        });
        return (from_text, false, edited);
    }
    (running, true, false)
}

/// Timeline marks: the user's recorded actions and the lesson's scripted ones.
fn marks(state: &State) -> Rc<Vec<Mark>> {
    let e = state.engine.borrow();
    let lang = state.lang;
    let mut v: Vec<Mark> = e
        .script
        .iter()
        .filter(|s| !e.superseded(s))
        .map(|s| Mark {
            at: s.at,
            label: match &s.what {
                Scripted::Apply(_) => t(Key::MarkLessonApply, lang).to_string(),
                Scripted::Action(a) => {
                    format!("{}: {}", t(Key::MarkLesson, lang), record::label(a, lang))
                }
            },
            scripted: true,
        })
        .collect();
    v.extend(e.actions.iter().map(|r| Mark {
        at: r.at,
        label: record::label(&r.action, lang),
        scripted: false,
    }));
    Rc::new(v)
}

fn notice_view(state: &State, dispatch: &Callback<Msg>) -> Html {
    let Some(n) = state.notice.clone() else {
        return html! {};
    };
    let lang = state.lang;
    html! {
        <div id="notice" class={classes!("notice", match n.tone { Tone::Ok => "ok", Tone::Info => "info", Tone::Error => "bad" })}
            key={n.id.to_string()}>
            <div class="notice-head">
                <strong>{ &n.title }</strong>
                <button type="button" class="close" aria-label={t(Key::Dismiss, lang)}
                    onclick={dispatch.reform(|_: MouseEvent| Msg::DismissNotice)}>{ "×" }</button>
            </div>
            if !n.body.is_empty() { <pre>{ &n.body }</pre> }
            if n.undo {
                <button type="button" id="restore-previous" onclick={dispatch.reform(|_: MouseEvent| Msg::RestorePrevious)}>
                    { t(Key::RestorePrevious, lang) }
                </button>
            }
            if n.other_tab {
                <button type="button" id="restore-other" onclick={dispatch.reform(|_: MouseEvent| Msg::RestoreOther)}>
                    { t(Key::RestoreOther, lang) }
                </button>
            }
        </div>
    }
}

#[function_component(App)]
fn app() -> Html {
    RENDERS.with(|r| r.set(r.get() + 1));
    let state = use_reducer(State::init);
    let dispatch = {
        let d = state.dispatcher();
        use_memo((), move |_| Callback::from(move |m: Msg| d.dispatch(m)))
    };
    let dispatch: Callback<Msg> = (*dispatch).clone();
    let lang = state.lang;
    panic::set_lang(lang, state.embed);

    let key_ctx = use_mut_ref(KeyCtx::default);
    *key_ctx.borrow_mut() = KeyCtx {
        presenter: state.presenter,
        letter_keys_off: state.letter_keys_off,
        lesson: state.open.is_some(),
        editor_hidden: state.editor_hidden,
        embed: state.embed,
        loop_big: state.loop_big,
    };

    {
        // A reload or a closed tab while playing keeps the instant reached: frames do not
        // save, so the page saves when it is hidden or leaves.
        let d = dispatch.clone();
        use_effect_with((), move |_| {
            let w = web_sys::window();
            let doc = w.as_ref().and_then(|w| w.document());
            let progress = d.clone();
            let save = move || d.emit(Msg::SaveNow);
            let listeners = w.zip(doc).map(|(w, doc)| {
                let on_hide = save.clone();
                let hide = EventListener::new(&w, "pagehide", move |_| on_hide());
                let hidden = doc.clone();
                let visibility = EventListener::new(&doc, "visibilitychange", move |_| {
                    if hidden.hidden() {
                        save();
                    }
                });
                // Another tab saved: its session is not overwritten unseen (storage::save keeps
                // it aside first), and the lessons it passed show here too.
                let stored = EventListener::new(&w, "storage", move |e| {
                    let key = js_sys::Reflect::get(e, &wasm_bindgen::JsValue::from_str("key"))
                        .ok()
                        .and_then(|k| k.as_string());
                    if storage::other_tab_wrote(key.as_deref()) {
                        progress.emit(Msg::ProgressChanged);
                    }
                });
                (hide, visibility, stored)
            });
            move || drop(listeners)
        });
    }
    {
        let d = dispatch.clone();
        use_effect_with(state.playing, move |playing| {
            let stop = playing.then(|| frames(d));
            move || {
                if let Some(stop) = stop {
                    stop();
                }
            }
        });
    }
    use_effect_with((lang, state.presenter, state.embed), |(l, p, e)| {
        url::set_document(*l, *p, *e);
    });
    {
        // A dismissed notice or a closed lesson took the focus with it: the cluster's heading,
        // or the Lessons button (to open one again), takes it. Only when the focus was in what
        // went: a notice that expires while the user reads elsewhere moves nothing.
        let notice = state.notice.as_ref().map(|n| n.id);
        let had_notice = use_mut_ref(|| false);
        use_effect_with(notice, move |n| {
            if std::mem::replace(&mut *had_notice.borrow_mut(), n.is_some())
                && n.is_none()
                && focus_removed()
            {
                view::focus_quietly("#cluster-h");
            }
        });
        let lesson_open = state.open.is_some();
        let had_lesson = use_mut_ref(|| false);
        use_effect_with(lesson_open, move |open| {
            if std::mem::replace(&mut *had_lesson.borrow_mut(), *open) && !*open && focus_removed()
            {
                view::focus("#lessons-btn");
            }
        });
    }
    {
        // The tab's title in the page's language, naming the open lesson (what a tab list and
        // a screen reader announce).
        let lesson = state
            .open
            .as_ref()
            .map(|o| o.lesson.title.get(lang.code()).to_string());
        use_effect_with((lesson, lang), |(lesson, lang)| {
            let title = match lesson {
                Some(l) => format!("{l} · CtrlScope"),
                None => format!("CtrlScope: {}", t(Key::AppTagline, *lang)),
            };
            if let Some(d) = web_sys::window().and_then(|w| w.document()) {
                d.set_title(&title);
            }
        });
    }
    {
        // The address follows the open lesson, its page, the language and classroom mode.
        let lesson = state.open.as_ref().map(|o| (o.lesson.id.clone(), o.page));
        use_effect_with(
            (lesson, lang, state.embed, state.presenter),
            |(lesson, lang, embed, presenter)| {
                if !*embed {
                    url::sync(
                        lesson.as_ref().map(|(id, p)| (id.as_str(), *p)),
                        *lang,
                        *presenter,
                    );
                }
            },
        );
    }
    // The embedded view scales its content down when it would not fit the frame; again at the
    // next frame, for what the render's own effects changed after it (the timeline's marks).
    let refit = use_mut_ref(|| None::<AnimationFrame>);
    use_effect_with((state.embed, state.key, lang), move |(embed, _, _)| {
        if *embed {
            embed::fit();
            *refit.borrow_mut() = Some(request_animation_frame(|_| embed::fit()));
        }
    });
    // And when the frame itself changes size.
    use_effect_with(state.embed, move |embed| {
        let listener = embed
            .then(web_sys::window)
            .flatten()
            .map(|w| EventListener::new(&w, "resize", |_| embed::fit()));
        move || drop(listener)
    });
    {
        let d = dispatch.clone();
        let ctx = key_ctx.clone();
        use_effect_with((), move |_| {
            let doc = web_sys::window().and_then(|w| w.document());
            let listener = doc.map(|doc| {
                EventListener::new_with_options(
                    &doc,
                    "keydown",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        if let Some(k) = e.dyn_ref::<KeyboardEvent>() {
                            let c = *ctx.borrow();
                            on_key(k, &d, c);
                        }
                    },
                )
            });
            // The page is rendered: tests and measurements wait for this marker.
            if let Some(body) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.body())
            {
                let _ = body.set_attribute("data-ready", "true");
            }
            move || drop(listener)
        });
    }

    {
        // The enlarged loop is a dialog over the page: it takes the focus, as Help and Lessons do.
        use_effect_with(state.loop_big, |big| {
            if *big {
                view::focus("#loop-h");
            }
        });
    }
    // After every render: a control that took the focus with it hands it on.
    use_effect(restore_lost_focus);
    {
        // Closing a dialog gives focus back to what had it before (WAI-ARIA dialog pattern):
        // the last element focused outside any modal dialog.
        // A lesson opened from the dialog takes the focus instead: its heading.
        // The button that opens each dialog: where the focus goes when what had it is gone
        // (a pod tile removed meanwhile), not to the document.
        let opener = match () {
            _ if state.help => Some("#help-btn"),
            _ if state.lessons_dialog => Some("#lessons-btn"),
            _ if state.share_link.is_some() => Some("#share-btn"),
            _ if state.loop_big => Some("#loop-big"),
            _ => None,
        };
        let open = opener.is_some();
        let lesson = state.open.as_ref().map(|o| o.lesson.id.clone());
        let was_open = use_mut_ref(|| (None::<&'static str>, None::<String>));
        use_effect_with((open, lesson), move |(open, lesson)| {
            let (was, lesson_then) = was_open.borrow().clone();
            let by_key = LOOP_SHRUNK_BY_KEY.with(|k| k.replace(false));
            if let Some(opener_then) = was.filter(|_| !*open) {
                if lesson.is_some() && *lesson != lesson_then {
                    view::focus("#lesson-h");
                } else if by_key && opener_then == "#loop-big" {
                    // Back where L was pressed (the time bar's Play: the next Space does what
                    // it did before L), but not on the Enlarge button, which would take Space
                    // and enlarge the loop again: then the loop's heading, where the page is.
                    let before = LAST_FOCUS
                        .with(|f| f.borrow().clone())
                        .filter(|el| el.is_connected() && el.id() != "loop-big");
                    match before {
                        Some(el) => {
                            let _ = el.focus();
                        }
                        None => {
                            view::focus_quietly("#loop-h");
                        }
                    }
                } else {
                    match LAST_FOCUS
                        .with(|f| f.borrow().clone())
                        .filter(|el| el.is_connected())
                    {
                        Some(el) => {
                            let _ = el.focus();
                        }
                        None => {
                            view::focus(opener_then);
                        }
                    }
                }
            }
            if was.is_none() || !*open {
                *was_open.borrow_mut() = (if *open { opener } else { None }, lesson.clone());
            }
        });
    }
    {
        use_effect_with((), move |_| {
            let doc = web_sys::window().and_then(|w| w.document());
            let listeners = doc.map(|doc| {
                let pointerdown = EventListener::new(&doc, "pointerdown", move |e| {
                    let button = e
                        .target()
                        .and_then(|t| t.dyn_into::<Element>().ok())
                        .and_then(|t| t.closest("button, a, summary").ok().flatten());
                    POINTER_PRESSED.with(|p| *p.borrow_mut() = button);
                });
                let focusin = EventListener::new(&doc, "focusin", move |e| {
                    let el = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok());
                    // The focus moved elsewhere (Tab): that button no longer holds it.
                    POINTER_PRESSED.with(|p| {
                        let mut p = p.borrow_mut();
                        let same = match (p.as_ref(), el.as_ref()) {
                            (Some(b), Some(el)) => b.is_same_node(Some(el)),
                            _ => false,
                        };
                        if !same {
                            *p = None;
                        }
                    });
                    if let Some(el) = el.filter(|el| el.closest(DIALOGS).ok().flatten().is_none()) {
                        let tile = el
                            .closest("[data-pod-group]")
                            .ok()
                            .flatten()
                            .filter(|_| el.matches("button.pod").unwrap_or(false))
                            .and_then(|group| {
                                let tiles = group.query_selector_all("button.pod").ok()?;
                                let i = (0..tiles.length()).find(|&i| {
                                    tiles.item(i).is_some_and(|t| t.is_same_node(Some(&el)))
                                })?;
                                Some((group, i, el.get_attribute("data-pod").unwrap_or_default()))
                            });
                        FOCUSED.with(|f| *f.borrow_mut() = Some((el.clone(), tile)));
                        BLURRED_IN.with(|b| b.set(u64::MAX));
                        LAST_FOCUS.with(|f| *f.borrow_mut() = Some(el));
                    }
                });
                // Focus left for the page itself (Escape out of the editor, a click on nothing):
                // closing a dialog later must not put it back in that field, where the next
                // shortcut would type into the YAML.
                let focusout = EventListener::new(&doc, "focusout", move |e| {
                    let to = e
                        .dyn_ref::<web_sys::FocusEvent>()
                        .and_then(|f| f.related_target());
                    let from_page = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| el.closest(DIALOGS).ok().flatten().is_none());
                    if to.is_none() && from_page {
                        LAST_FOCUS.with(|f| *f.borrow_mut() = None);
                        // Chrome fires this for an element being removed too: when, tells which.
                        BLURRED_IN.with(|b| b.set(RENDERS.with(|r| r.get())));
                    }
                });
                (pointerdown, focusin, focusout)
            });
            move || drop(listeners)
        });
    }

    let (now, start) = {
        let e = state.engine.borrow();
        (e.sim.now(), e.start())
    };
    let marks = marks(&state);
    let pages = state.open.is_some() && !state.embed && !state.loop_big;
    let keys = view::KeyMode {
        letters: !state.letter_keys_off,
        arrows_turn_pages: pages && state.presenter,
        pages,
    };
    // A modal dialog (Help, Lessons, Share) leaves the page behind it inert: a screen reader's
    // reading cursor stays in the dialog too, not only Tab (WAI-ARIA dialog pattern).
    let modal = state.help || state.lessons_dialog || state.share_link.is_some();
    let timebar = html! {
        <timeline::TimeBar at={state.at} horizon={state.horizon} playing={state.playing} speed={state.speed}
            finished={!state.playing && state.at >= state.horizon && !state.engine.borrow().can_extend()}
            now={now} marks={marks} lang={lang} compact={state.embed} keys={keys} inert={modal} dispatch={dispatch.clone()} />
    };
    let workloads = html! {
        <workloads::Workloads engine={state.engine.clone()} key_={state.key} now_s={(now - start).whole_secs()}
            selected={state.selected.clone()} lang={lang} dispatch={dispatch.clone()} />
    };
    let loop_dock = if state.loop_big {
        let (focus, focus_key) = {
            let e = state.engine.borrow();
            let steps = &e.sim.cluster.loop_steps;
            let focus = loopview::pick(&state.loop_filter, steps, &e.sim);
            (
                focus,
                loopview::synced_key(steps, focus).map(str::to_string),
            )
        };
        html! {
            <workloads::Workloads engine={state.engine.clone()} key_={state.key} now_s={(now - start).whole_secs()}
                selected={state.selected.clone()} docked=true focus={Some(focus)} focus_key={focus_key} lang={lang} dispatch={dispatch.clone()} />
        }
    } else {
        Html::default()
    };
    let cluster = html! {
        <cluster::ClusterView engine={state.engine.clone()} key_={state.key} selected={state.selected.clone()}
            at={state.at} lang={lang} embed={state.embed} dispatch={dispatch.clone()} />
    };

    if state.embed {
        return embed::view(&state, &dispatch, timebar, workloads, cluster);
    }

    let now_s = Time::from_unix_secs(now.unix_secs());
    let dirty = *state.text != *state.applied_text;
    let run_reached = state.open.as_ref().is_some_and(|o| {
        o.lesson
            .steps
            .get(o.page)
            .and_then(state::run_of)
            .is_some_and(|r| r == state.at)
    });
    // A page that loads a manifest the API server refuses (the lesson's point): its first
    // error beside the step, while the editor holds that manifest unedited.
    let refusal: Option<Rc<str>> = state.open.as_ref().and_then(|o| {
        let e = state.check.errors.first()?;
        o.lesson.steps.get(o.page)?.manifest.as_ref()?;
        state::holds_manifest_at(&o.lesson, o.page, &state.text)
            .then(|| Rc::from(format!("{}:{}: {}", e.line, e.column, e.message)))
    });
    let lesson_view = state.open.clone().map(|o| {
        let done = state.progress.contains(&o.lesson.id);
        html! {
            <lesson::LessonPanel open={o} lang={lang} done={done} checked={state.checked.clone()}
                text_rev={state.text_rev} presenter={state.presenter} run_reached={run_reached} keys={keys}
                refusal={refusal.clone()} dispatch={dispatch.clone()} />
        }
    });
    let left_empty = state.editor_hidden && lesson_view.is_none();
    let other = match lang {
        Lang::En => Lang::Zh,
        Lang::Zh => Lang::En,
    };
    let app_class = classes!(
        "app",
        state.presenter.then_some("presenter"),
        state.editor_hidden.then_some("editor-hidden"),
        left_empty.then_some("left-empty"),
        state.loop_big.then_some("loop-big"),
        state.open.is_some().then_some("has-lesson"),
    );

    // The enlarged loop covers the page but the time bar: what it covers is inert (out of
    // Tab's way and of the accessibility tree), the time bar stays usable, so the loop is
    // no modal dialog.
    let covered = state.loop_big;
    let (toggle_aks, toggle_kbd) = view::kbd(&[("E", "E", keys.letters)]);
    let (presenter_aks, presenter_kbd) = view::kbd(&[("P", "P", keys.letters)]);
    let (help_aks, help_kbd) = view::kbd(&[("?", "?", keys.letters)]);
    html! {
        <div class={app_class} lang={lang.html_lang()}>
        <header class="topbar" inert={covered || modal}>
            <h1>{ "CtrlScope" }</h1>
            <span class="tagline">{ t(Key::AppTagline, lang) }</span>
            <nav class="top-actions" aria-label={t(Key::PageTools, lang)}>
                if state.presenter || state.editor_hidden {
                    // Its label says what it does (Show / Hide): no pressed state on top.
                    <button type="button" id="editor-toggle" class="ghost" aria-keyshortcuts={toggle_aks} data-kbd={toggle_kbd.clone()}
                        onclick={dispatch.reform(|_: MouseEvent| Msg::ToggleEditor)}>
                        { view::with_keys(t(if state.editor_hidden { Key::ShowEditor } else { Key::HideEditor }, lang), toggle_kbd.as_deref(), lang) }
                    </button>
                }
                <button id="lessons-btn" type="button" class="ghost" aria-haspopup="dialog"
                    onclick={dispatch.reform(|_: MouseEvent| Msg::Lessons(true))}><span aria-hidden="true">{ "☰ " }</span>{ t(Key::Lessons, lang) }</button>
                // The button's name is in the page's language, the other language's own name
                // in that language (read with its own rules).
                <button id="lang-btn" type="button" class="ghost" title={t(Key::SwitchLang, lang)}
                    onclick={dispatch.reform(move |_: MouseEvent| Msg::SetLang(other))}>
                    <span class="sr-only">{ t(Key::SwitchLang, lang) }{ if lang == Lang::Zh { "：" } else { ": " } }</span>
                    <span lang={other.html_lang()}>{ other.name() }</span>
                </button>
                <button id="presenter-btn" type="button" class="ghost" aria-pressed={state.presenter.to_string()}
                    aria-keyshortcuts={presenter_aks} data-kbd={presenter_kbd.clone()} title={t(if keys.letters { Key::PresenterHint } else { Key::PresenterHintNoKeys }, lang)}
                    onclick={dispatch.reform(|_: MouseEvent| Msg::TogglePresenter)}><span aria-hidden="true">{ "▣ " }</span>{ t(Key::Presenter, lang) }</button>
                // A session kept aside stays within reach after its notice is gone (dismissed,
                // or replaced by another); while the notice offers it, that button is the one.
                if state.kept_aside && !state.notice.as_ref().is_some_and(|n| n.undo) {
                    // Short in the bar (it must not push Help off a 1280-px projector); its
                    // name is the whole offer, starting with the word shown.
                    <button id="restore-kept" type="button" class="ghost" title={t(Key::RestorePrevious, lang)}
                        aria-label={t(Key::RestorePrevious, lang)}
                        onclick={dispatch.reform(|_: MouseEvent| Msg::RestorePrevious)}><span aria-hidden="true">{ "↶ " }</span><span class="label">{ t(Key::RestoreShort, lang) }</span></button>
                }
                // The other tab's session this tab saved over, the same way within reach.
                if state.other_kept && !state.notice.as_ref().is_some_and(|n| n.other_tab) {
                    <button id="open-other" type="button" class="ghost" title={t(Key::RestoreOther, lang)}
                        aria-label={t(Key::RestoreOther, lang)}
                        onclick={dispatch.reform(|_: MouseEvent| Msg::RestoreOther)}><span aria-hidden="true">{ "⇄ " }</span><span class="label">{ t(Key::OtherShort, lang) }</span></button>
                }
                <button id="share-btn" type="button" class="ghost" aria-haspopup="dialog" title={t(Key::ShareHint, lang)}
                    onclick={dispatch.reform(|_: MouseEvent| Msg::Share)}><span aria-hidden="true">{ "↗ " }</span>{ t(Key::Share, lang) }</button>
                <button id="help-btn" type="button" class="ghost" aria-keyshortcuts={help_aks} data-kbd={help_kbd.clone()}
                    onclick={dispatch.reform(|_: MouseEvent| Msg::ToggleHelp)}>{ "? " }{ t(Key::Shortcuts, lang) }</button>
            </nav>
        </header>
        { timebar }
        // One live region always on the page, whose text changes: a region inserted together
        // with its text is often not read out (the visible notice comes and goes).
        <div id="notice-live" class="sr-only" role="status" aria-live="polite">
            // A zero-width space on every other notice: the same words said twice (Apply
            // pressed again) still change the text, so they are heard again.
            { state.notice.as_ref().map(|n| format!("{}{}{}", n.title, live_body(&n.title, &n.body, lang), if n.id % 2 == 0 { "\u{200B}" } else { "" })).unwrap_or_default() }
        </div>
        <main class="layout" inert={modal}>
            <div class="col-editor" inert={covered}>
                { lesson_view.unwrap_or_default() }
                // With a lesson open the column scrolls: a notice goes above the manifest,
                // where it is seen (the offer to bring back work the lesson replaced).
                if state.open.is_some() { { notice_view(&state, &dispatch) } }
                if !state.editor_hidden {
                    <editor::Editor text={state.text.clone()} text_rev={state.text_rev} check_rev={state.check_rev} text_loads={state.text_loads} check={state.check.clone()}
                        preset={state.preset.clone()} dirty={dirty} lang={lang} lesson={state.open.is_some()}
                        nothing_applied={state.nothing_applied()} e_key={keys.letters && !state.presenter}
                        dispatch={dispatch.clone()} />
                }
                if state.open.is_none() { { notice_view(&state, &dispatch) } }
                if !state.editor_hidden {
                    { { let (cronjobs, running, edited) = cron_infos(&state); html! { <schedule::SchedulePanel {cronjobs} {running} {edited} now={now_s} lang={lang} /> } } }
                }
            </div>
            <div class="col-main" inert={covered}>
                { workloads }
                { cluster }
                <console::Console entries={state.console.clone()} history={state.history.clone()} fill={state.console_fill.clone()} lang={lang}
                    engine={state.engine.clone()} playing={state.playing} k_key={keys.letters} dispatch={dispatch.clone()} />
            </div>
            <div class="col-side">
                <loopview::LoopView engine={state.engine.clone()} key_={state.key} now_s={(now - start).whole_secs()} filter={state.loop_filter.clone()}
                    cursor={state.loop_cursor.filter(|(_, k)| *k == state.key).map(|(i, _)| i)}
                    big={state.loop_big} dock={loop_dock} keys={keys} lang={lang} dispatch={dispatch.clone()} />
                <events::EventLog engine={state.engine.clone()} key_={state.key} lang={lang} playing={state.playing} covered={state.loop_big} />
            </div>
        </main>
        if state.help {
            <help::Help lang={lang} letter_keys={!state.letter_keys_off} dispatch={dispatch.clone()} />
        }
        if state.lessons_dialog {
            <lesson::LessonList lang={lang} progress={state.progress.clone()}
                current={state.open.as_ref().map(|o| o.lesson.id.clone())} dispatch={dispatch.clone()} />
        }
        if let Some(link) = state.share_link.clone() {
            <help::ShareDialog lang={lang} link={link} dispatch={dispatch.clone()} />
        }
        </div>
    }
}

/// A notice's first body line as the live region says it after the title: a sentence of its
/// own ("… the cluster is unchanged. 17:22: spec…"), not run on into the title.
fn live_body(title: &str, body: &str, lang: Lang) -> String {
    let Some(first) = body.lines().next().filter(|l| !l.is_empty()) else {
        return String::new();
    };
    let ended = title.ends_with(['.', '。', ':', '：', '!', '！', '?', '？', ';', '；']);
    match (ended, lang) {
        (true, _) => format!(" {first}"),
        (false, Lang::Zh) => format!("。{first}"),
        (false, _) => format!(". {first}"),
    }
}
