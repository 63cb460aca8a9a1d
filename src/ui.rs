//! The Yew shell (wasm32 only). For now a placeholder page: a manifest editor, a virtual-time
//! slider with Play, and the `kubectl get` output of the simulation at the chosen instant.
//!
//! Nothing here reads the wall clock. The Play button's `Interval` only dispatches `Tick`, and
//! the reducer turns each tick into a fixed step of virtual time. The reducer (not a `use_state`
//! handle captured by the timer closure, which would go stale) owns all state.

use std::rc::Rc;

use gloo_timers::callback::Interval;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::api::{Duration, Event, Object, Time};
use crate::kubectl;
use crate::manifest::parse_manifests;
use crate::sim::{SimConfig, Simulation};

/// The lecture's parallel Job: 8 completions, 2 at a time, each pod "computing π" for 30 s.
pub const DEFAULT_MANIFEST: &str = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  completions: 8
  parallelism: 2
  backoffLimit: 4
  template:
    metadata:
      annotations:
        sim.ctrlscope.dev/duration: "30s"
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
"#;

/// Wall-clock milliseconds between Play ticks (display pacing only, never simulation input).
const TICK_MS: u32 = 100;
/// Play speeds: virtual seconds per wall-clock second.
const SPEEDS: [i64; 5] = [1, 5, 10, 30, 60];
const DEFAULT_SPEED: i64 = 10;
/// The slider never reaches beyond this (a CronJob is due forever).
const MAX_HORIZON: Duration = Duration::from_secs(15 * 60);
/// Newest Events shown.
const EVENTS_SHOWN: usize = 12;

#[derive(Clone)]
struct State {
    text: String,
    /// `line:col: message` per manifest error, then `error: ...` per rejected apply.
    errors: Vec<String>,
    /// `job.batch/pi created`, one line per applied object.
    applied: Vec<String>,
    /// The cluster at t=0, the manifest applied and settled; seeking backwards replays from here.
    base: Simulation,
    /// The cluster at `at`.
    sim: Simulation,
    /// Virtual time shown, since the start.
    at: Duration,
    /// The slider's end: a little after the last instant anything is due.
    horizon: Duration,
    playing: bool,
    /// Virtual seconds per wall-clock second while playing.
    speed: i64,
}

enum Action {
    Edit(String),
    Seek(Duration),
    Tick,
    TogglePlay,
    Speed(i64),
}

impl State {
    fn new(text: String) -> Self {
        let (base, applied, errors) = load(&text);
        let horizon = horizon(&base);
        State {
            text,
            errors,
            applied,
            sim: base.clone(),
            base,
            at: Duration::ZERO,
            horizon,
            playing: false,
            speed: DEFAULT_SPEED,
        }
    }

    fn start(&self) -> Time {
        self.base.cluster.start
    }

    /// Moves the shown instant; forward runs on, backward replays from t=0 (deterministic).
    fn seek(&mut self, to: Duration) {
        let to = to.clamp(Duration::ZERO, self.horizon);
        if to < self.at {
            self.sim = self.base.clone();
        }
        self.sim.run_until(self.start() + to);
        self.at = to;
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if matches!(action, Action::Tick) && !self.playing {
            // A tick queued just before Pause: nothing changes, nothing re-renders.
            return self;
        }
        let mut s = Rc::unwrap_or_clone(self);
        match action {
            Action::Edit(text) => {
                let (at, speed, playing) = (s.at, s.speed, s.playing);
                s = State::new(text);
                s.speed = speed;
                // Keep the instant, so an edit shows its effect at the same moment.
                s.seek(at);
                s.playing = playing && s.at < s.horizon;
            }
            Action::Seek(to) => {
                s.playing = false;
                s.seek(to);
            }
            Action::Tick => {
                let step = s.speed * i64::from(TICK_MS);
                s.seek(Duration::from_millis(s.at.0.saturating_add(step)));
                if s.at >= s.horizon {
                    s.playing = false;
                }
            }
            Action::TogglePlay => {
                if !s.playing && s.at >= s.horizon {
                    s.seek(Duration::ZERO);
                }
                s.playing = !s.playing;
            }
            Action::Speed(v) => s.speed = v,
        }
        Rc::new(s)
    }
}

/// Parses the manifest and applies it to a fresh default cluster, as `ctrlscope run` does.
fn load(text: &str) -> (Simulation, Vec<String>, Vec<String>) {
    let mut sim = Simulation::new(SimConfig::default());
    let mut errors = Vec::new();
    let mut applied = Vec::new();
    let mut objects = match parse_manifests(text) {
        Ok(objects) => objects,
        Err(errs) => {
            errors.extend(errs.iter().map(|e| e.to_string()));
            Vec::new()
        }
    };
    if !objects.iter().any(|o| matches!(o, Object::Node(_))) {
        sim.add_default_nodes();
    }
    objects.sort_by_key(|o| !matches!(o, Object::Node(_)));
    for o in objects {
        match sim.apply(o) {
            Ok(msg) => applied.push(msg),
            Err(e) => errors.push(format!("error: {e}")),
        }
    }
    // Let the controllers react at t=0, so `next_due` sees what they scheduled.
    let start = sim.cluster.start;
    sim.run_until(start);
    (sim, applied, errors)
}

/// How far the slider goes: 15 s past the last instant anything is due (at least 1 min,
/// rounded up to 10 s), capped at [`MAX_HORIZON`].
fn horizon(base: &Simulation) -> Duration {
    let start = base.cluster.start;
    let cap = start + MAX_HORIZON;
    let mut sim = base.clone();
    let mut last = start;
    // Each run_until(t) consumes everything due at t; the bound is a guard, not a limit.
    for _ in 0..100_000 {
        match sim.next_due() {
            Some(t) if t <= cap => {
                sim.run_until(t);
                last = t;
                if sim.next_due() == Some(t) {
                    break;
                }
            }
            _ => break,
        }
    }
    let secs = ((last - start).whole_secs() + 15).max(60);
    Duration::from_secs(((secs + 9) / 10 * 10).min(MAX_HORIZON.whole_secs()))
}

fn secs(d: Duration) -> i64 {
    d.whole_secs()
}

/// `kubectl get` output, or kubectl's stderr line when the list is empty.
fn or_none(table: String) -> String {
    if table.trim().is_empty() {
        kubectl::no_resources_found("default")
    } else {
        table
    }
}

#[function_component(App)]
fn app() -> Html {
    let state = use_reducer(|| State::new(DEFAULT_MANIFEST.to_string()));

    // While playing, an Interval dispatches Tick; dropping it (Pause, unmount) stops it.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.playing, move |playing| {
            let interval =
                playing.then(|| Interval::new(TICK_MS, move || dispatcher.dispatch(Action::Tick)));
            move || drop(interval)
        });
    }

    let on_edit = {
        let d = state.dispatcher();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            d.dispatch(Action::Edit(area.value()));
        })
    };
    let on_seek = {
        let d = state.dispatcher();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<f64>() {
                d.dispatch(Action::Seek(Duration::from_millis((v * 1000.0) as i64)));
            }
        })
    };
    let on_play = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::TogglePlay))
    };
    let on_speed = {
        let d = state.dispatcher();
        Callback::from(move |e: Event_| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(v) = sel.value().parse::<i64>() {
                d.dispatch(Action::Speed(v));
            }
        })
    };

    let sim = &state.sim;
    let now = sim.now();
    let jobs = or_none(kubectl::get_jobs(&sim.jobs(), now, false));
    // Shown only when the manifest has such objects.
    let cronjobs = sim.cronjobs();
    let cronjobs = (!cronjobs.is_empty()).then(|| kubectl::get_cronjobs(&cronjobs, now, false));
    let daemonsets = sim.daemonsets();
    let daemonsets =
        (!daemonsets.is_empty()).then(|| kubectl::get_daemonsets(&daemonsets, now, false));
    let mut pods = sim.pods();
    pods.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    let pods = or_none(kubectl::get_pods(&pods, now, true));
    let recent_owned: Vec<Event> = {
        let all = &sim.cluster.events;
        all[all.len().saturating_sub(EVENTS_SHOWN)..]
            .iter()
            .map(|r| r.to_event())
            .collect()
    };
    let recent: Vec<&Event> = recent_owned.iter().collect();
    let events = or_none(kubectl::get_events(&recent, now));
    let valid = state.errors.is_empty();

    html! {
        <>
        <header class="bar">
            <h1>{ "CtrlScope" }</h1>
            <span class="tagline">
                { "Kubernetes' Job, CronJob and DaemonSet controllers, simulated in virtual time" }
            </span>
            <span class="badge">{ "preview" }</span>
        </header>
        <main class="layout">
            <section class="panel editor">
                <h2>{ "Manifest" }</h2>
                <textarea id="manifest" rows="24" spellcheck="false" autocomplete="off"
                    aria-label="Kubernetes manifest (YAML)"
                    value={state.text.clone()} oninput={on_edit} />
                <div id="validation" class={classes!("validation", if valid { "ok" } else { "bad" })}>
                    if valid {
                        if state.applied.is_empty() {
                            <p class="muted">{ "No objects yet: write a Job above." }</p>
                        } else {
                            { for state.applied.iter().map(|l| html! { <p>{ l }</p> }) }
                        }
                    } else {
                        <p class="lead">{ "The API server would reject this manifest:" }</p>
                        <ul id="errors">
                            { for state.errors.iter().map(|l| html! { <li>{ l }</li> }) }
                        </ul>
                    }
                </div>
            </section>
            <section class="panel output">
                <div class="controls">
                    <button id="play" class="play" onclick={on_play}
                        aria-label={ if state.playing { "Pause" } else { "Play" } }>
                        { if state.playing { "❚❚ Pause" } else { "▶ Play" } }
                    </button>
                    <input id="time" type="range" min="0" step="1"
                        max={secs(state.horizon).to_string()}
                        value={secs(state.at).to_string()}
                        aria-label="virtual time" oninput={on_seek} />
                    <span id="clock" class="clock">
                        { format!("t = {}", kubectl::human_duration(state.at)) }
                    </span>
                    <label class="speed">
                        <select onchange={on_speed} aria-label="speed">
                            { for SPEEDS.iter().map(|&v| html! {
                                <option value={v.to_string()} selected={v == state.speed}>
                                    { format!("{v}×") }
                                </option>
                            }) }
                        </select>
                    </label>
                </div>
                <p class="muted now">{ format!("cluster clock {now} · virtual time, no wall clock") }</p>
                if let Some(table) = cronjobs {
                    <h2><span class="prompt">{ "$ " }</span>{ "kubectl get cronjobs" }</h2>
                    <pre id="cronjobs">{ table }</pre>
                }
                if let Some(table) = daemonsets {
                    <h2><span class="prompt">{ "$ " }</span>{ "kubectl get daemonsets" }</h2>
                    <pre id="daemonsets">{ table }</pre>
                }
                <h2><span class="prompt">{ "$ " }</span>{ "kubectl get jobs" }</h2>
                <pre id="jobs">{ jobs }</pre>
                <h2><span class="prompt">{ "$ " }</span>{ "kubectl get pods -o wide" }</h2>
                <pre id="pods">{ pods }</pre>
                <h2><span class="prompt">{ "$ " }</span>{ format!("kubectl get events  # newest {EVENTS_SHOWN}") }</h2>
                <pre id="events">{ events }</pre>
            </section>
        </main>
        </>
    }
}

/// yew's `Event` is web_sys's DOM event; ours is the Kubernetes one.
type Event_ = web_sys::Event;

/// Mounts the app on `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
