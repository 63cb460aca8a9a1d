//! The Yew app (wasm32 only): a thin driver over the pure core. No controller logic lives here;
//! every change to the cluster is a core call made by the reducer in [`state`].
//!
//! Modules: `state` (the reducer, time travel, recording), `record` (actions ↔ scenario
//! entries), `storage` (localStorage), `panic` (the error banner), and one function component
//! per panel: `editor`, `schedule`, `workloads`, `cluster`, `loopview`, `console`, `events`,
//! `timeline`, `help`.

mod cluster;
mod console;
mod editor;
mod events;
mod help;
mod loopview;
mod panic;
mod presets;
mod record;
mod schedule;
mod state;
mod storage;
mod timeline;
mod view;
mod workloads;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use gloo_render::{request_animation_frame, AnimationFrame};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::api::{Duration, Object, Time};
use schedule::CronInfo;
use state::{Msg, State, Tone};

pub use panic::ctrlscope_test_panic;

/// Mounts the app on `<body>`, after installing the panic hook.
pub fn start() {
    panic::install();
    yew::Renderer::<App>::new().render();
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

/// The global shortcuts (see `help::SHORTCUTS`).
fn on_key(e: &KeyboardEvent, d: &Callback<Msg>) {
    let key = e.key();
    let target: Option<Element> = e.target().and_then(|t| t.dyn_into::<Element>().ok());
    let tag = target.as_ref().map(|t| t.tag_name()).unwrap_or_default();
    let input_type = target
        .as_ref()
        .and_then(|t| t.get_attribute("type"))
        .unwrap_or_default();
    let typing = tag == "TEXTAREA" || tag == "SELECT" || (tag == "INPUT" && input_type != "range");
    let on_button = tag == "BUTTON" || tag == "A" || tag == "SUMMARY";
    if (e.ctrl_key() || e.meta_key()) && key == "Enter" {
        e.prevent_default();
        d.emit(Msg::Apply);
        return;
    }
    if key == "Escape" {
        if typing {
            if let Some(el) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
                let _ = el.blur();
            }
        }
        d.emit(Msg::Help(false));
        d.emit(Msg::Select(None));
        return;
    }
    if typing || e.ctrl_key() || e.meta_key() || e.alt_key() {
        return;
    }
    let msg = match key.as_str() {
        " " if !on_button => Msg::TogglePlay,
        "ArrowRight" | "n" | "N" if input_type != "range" => Msg::Step,
        "ArrowLeft" | "b" | "B" if input_type != "range" => Msg::StepBack,
        "Home" if input_type != "range" => Msg::Rewind,
        "+" | "=" => Msg::Faster,
        "-" | "_" => Msg::Slower,
        "?" => Msg::ToggleHelp,
        "e" | "E" | "k" | "K" => {
            let id = if key.eq_ignore_ascii_case("e") {
                "manifest"
            } else {
                "console-input"
            };
            if let Some(el) = by_id(id) {
                e.prevent_default();
                let _ = el.focus();
            }
            return;
        }
        _ => return,
    };
    e.prevent_default();
    d.emit(msg);
}

/// The CronJobs to describe beside the editor: from the editor's text when it is valid, else
/// the live ones.
fn cron_infos(state: &State) -> Vec<CronInfo> {
    let from_text: Vec<CronInfo> = state
        .check
        .parsed
        .iter()
        .filter_map(|p| match &p.object {
            Object::CronJob(c) => Some(CronInfo {
                name: c.metadata.name.clone(),
                schedule: c.spec.schedule.clone(),
                time_zone: c.spec.time_zone.clone(),
            }),
            _ => None,
        })
        .collect();
    if state.check.valid() {
        return from_text;
    }
    let e = state.engine.borrow();
    e.sim
        .cronjobs()
        .iter()
        .map(|c| CronInfo {
            name: c.metadata.name.clone(),
            schedule: c.spec.schedule.clone(),
            time_zone: c.spec.time_zone.clone(),
        })
        .collect()
}

#[function_component(App)]
fn app() -> Html {
    let state = use_reducer(State::init);
    let dispatch = {
        let d = state.dispatcher();
        use_memo((), move |_| Callback::from(move |m: Msg| d.dispatch(m)))
    };
    let dispatch: Callback<Msg> = (*dispatch).clone();

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
    {
        let d = dispatch.clone();
        use_effect_with((), move |_| {
            let doc = web_sys::window().and_then(|w| w.document());
            let listener = doc.map(|doc| {
                EventListener::new_with_options(
                    &doc,
                    "keydown",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        if let Some(k) = e.dyn_ref::<KeyboardEvent>() {
                            on_key(k, &d);
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

    let (now, start) = {
        let e = state.engine.borrow();
        (e.sim.now(), e.start())
    };
    let marks: Rc<Vec<(Duration, String)>> = Rc::new(
        state
            .engine
            .borrow()
            .actions
            .iter()
            .map(|r| (r.at, r.label.clone()))
            .collect(),
    );
    let now_s = Time::from_unix_secs(now.unix_secs());
    let notice = state.notice.clone();
    let dirty = *state.text != *state.applied_text;

    html! {
        <>
        <header class="topbar">
            <h1>{ "CtrlScope" }</h1>
            <span class="tagline">{ "Kubernetes Job, CronJob and DaemonSet controllers, simulated in virtual time" }</span>
            <button id="help-btn" type="button" class="ghost" aria-keyshortcuts="?"
                onclick={dispatch.reform(|_: MouseEvent| Msg::ToggleHelp)}>{ "? Shortcuts" }</button>
        </header>
        <timeline::TimeBar at={state.at} horizon={state.horizon} playing={state.playing} speed={state.speed}
            now={now} marks={marks} dispatch={dispatch.clone()} />
        <main class="layout">
            <div class="col-editor">
                <editor::Editor text={state.text.clone()} text_rev={state.text_rev} check={state.check.clone()}
                    preset={state.preset.clone()} dirty={dirty} dispatch={dispatch.clone()} />
                if let Some(n) = notice {
                    <div id="notice" class={classes!("notice", match n.tone { Tone::Ok => "ok", Tone::Info => "info", Tone::Error => "bad" })}
                        role="status" key={n.id.to_string()}>
                        <div class="notice-head">
                            <strong>{ &n.title }</strong>
                            <button type="button" class="close" aria-label="Dismiss"
                                onclick={dispatch.reform(|_: MouseEvent| Msg::DismissNotice)}>{ "×" }</button>
                        </div>
                        if !n.body.is_empty() { <pre>{ &n.body }</pre> }
                    </div>
                }
                <schedule::SchedulePanel cronjobs={cron_infos(&state)} now={now_s} />
            </div>
            <div class="col-main">
                <workloads::Workloads engine={state.engine.clone()} key_={state.key} now_s={(now - start).whole_secs()}
                    selected={state.selected.clone()} dispatch={dispatch.clone()} />
                <cluster::ClusterView engine={state.engine.clone()} key_={state.key} selected={state.selected.clone()}
                    at={state.at} dispatch={dispatch.clone()} />
                <console::Console entries={state.console.clone()} dispatch={dispatch.clone()} />
            </div>
            <div class="col-side">
                <loopview::LoopView engine={state.engine.clone()} key_={state.key} filter={state.loop_filter.clone()}
                    dispatch={dispatch.clone()} />
                <events::EventLog engine={state.engine.clone()} key_={state.key} />
            </div>
        </main>
        if state.help {
            <help::Help dispatch={dispatch.clone()} />
        }
        </>
    }
}
