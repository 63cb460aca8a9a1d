//! The page's state and its reducer. The simulation lives in an [`Engine`] behind
//! `Rc<RefCell<..>>` so a state change clones a few handles, not the cluster; a [`SimKey`]
//! tells components whether the cluster changed.
//!
//! Time: the shown instant is `engine.sim.now()`. Going forward runs the simulation and the
//! recorded actions due on the way; going backward replays from t=0 (the base cluster), which is
//! exact because the core is deterministic. The wall clock only paces playback (`Frame(dt)`).
//!
//! No controller logic lives here: every change to the cluster is a core call (`apply`,
//! `perform`, `run_until`, `kubectl::console::run`).

use std::cell::RefCell;
use std::rc::Rc;

use yew::Reducible;

use super::record::{self, Rec};
use super::storage::{self, Saved};
use super::{presets, view};
use crate::api::{
    ControllerRevision, CronJob, DaemonSet, Duration, Job, Kind, Node, Object, Pod, Time,
};
use crate::kubectl::console;
use crate::manifest::{parse_documents, validate_update, ManifestError, Parsed};
use crate::sim::scenario::Action;
use crate::sim::{SimConfig, Simulation};

/// Play speeds: virtual seconds per wall-clock second.
pub const SPEEDS: [u32; 7] = [1, 2, 5, 10, 30, 60, 120];
pub const DEFAULT_SPEED: u32 = 10;
/// How far ahead the timeline reaches past the last thing due (and its step when open-ended).
const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Loop steps kept for the loop panel (the rest is dropped; it is a record, not state).
const KEEP_STEPS: usize = 2_000;
/// Console entries kept.
const KEEP_CONSOLE: usize = 60;
/// The longest wall-clock gap one frame may cover (a background tab resumes gently).
const MAX_FRAME_MS: f64 = 250.0;

/// Identifies the cluster's content: equal keys mean nothing visible changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SimKey {
    pub epoch: u64,
    pub rv: u64,
    pub events: usize,
    pub steps: usize,
    pub down: bool,
}

pub struct Engine {
    pub sim: Simulation,
    /// The cluster at t=0 with the manifest applied and settled; rewinds replay from here.
    base: Simulation,
    /// The manifest the cluster was reset from.
    pub run_yaml: String,
    pub actions: Vec<Rec>,
    /// How many of `actions` the current `sim` has performed.
    pub done: usize,
    /// The timeline's end.
    pub horizon: Duration,
    /// Something is still due after the horizon (a CronJob): playing extends it.
    open_ended: bool,
    /// Loop steps dropped so far (so step numbers stay stable).
    pub steps_dropped: usize,
    pub epoch: u64,
}

/// What happened when the manifest was loaded into a fresh cluster.
pub struct Loaded {
    pub engine: Engine,
    pub applied: Vec<String>,
    pub errors: Vec<String>,
}

impl Engine {
    /// A fresh default cluster (unless the manifest brings Nodes) with the manifest applied.
    pub fn load(yaml: &str, epoch: u64) -> Result<Loaded, Vec<ManifestError>> {
        let docs = parse_documents(yaml)?;
        let mut sim = Simulation::new(SimConfig {
            record_loop: true,
            ..Default::default()
        });
        let mut objs: Vec<Object> = docs.into_iter().map(|d| d.object).collect();
        if !objs.iter().any(|o| matches!(o, Object::Node(_))) {
            sim.add_default_nodes();
        }
        objs.sort_by_key(|o| !matches!(o, Object::Node(_)));
        let mut applied = Vec::new();
        let mut errors = Vec::new();
        for o in objs {
            match sim.apply(o) {
                Ok(m) => applied.push(m),
                Err(e) => errors.push(format!("error: {e}")),
            }
        }
        let start = sim.cluster.start;
        sim.run_until(start);
        let mut engine = Engine {
            base: sim.clone(),
            sim,
            run_yaml: yaml.to_string(),
            actions: Vec::new(),
            done: 0,
            horizon: Duration::from_secs(60),
            open_ended: false,
            steps_dropped: 0,
            epoch,
        };
        engine.compute_horizon();
        Ok(Loaded {
            engine,
            applied,
            errors,
        })
    }

    pub fn start(&self) -> Time {
        self.base.cluster.start
    }

    pub fn at(&self) -> Duration {
        self.sim.now() - self.start()
    }

    pub fn key(&self) -> SimKey {
        SimKey {
            epoch: self.epoch,
            rv: self.sim.cluster.store.resource_version(),
            events: self.sim.cluster.events.len(),
            steps: self.steps_dropped + self.sim.cluster.loop_steps.len(),
            down: self.sim.controllers_down(),
        }
    }

    /// Shows instant `to`: forward runs on, backward replays from t=0.
    pub fn seek(&mut self, to: Duration, epoch: &mut u64) {
        let to = to.max(Duration::ZERO);
        let target = self.start() + to;
        if target < self.sim.now() {
            self.sim = self.base.clone();
            self.done = 0;
            self.steps_dropped = 0;
            *epoch += 1;
            self.epoch = *epoch;
        }
        self.advance(target);
    }

    /// Runs to `until`, performing the recorded actions due on the way.
    fn advance(&mut self, until: Time) {
        let start = self.start();
        while let Some(a) = self.actions.get(self.done) {
            let t = start + a.at;
            if t > until {
                break;
            }
            self.sim.run_until(t);
            let _ = self.sim.perform(&a.action);
            self.done += 1;
        }
        self.sim.run_until(until);
        self.trim_steps();
    }

    fn trim_steps(&mut self) {
        let steps = &mut self.sim.cluster.loop_steps;
        if steps.len() > 2 * KEEP_STEPS {
            let n = steps.len() - KEEP_STEPS;
            steps.drain(..n);
            self.steps_dropped += n;
        }
    }

    /// The next instant anything happens (the simulation or a recorded action).
    fn next_instant(&mut self) -> Option<Time> {
        let now = self.sim.now();
        self.sim.run_until(now);
        let sim = self.sim.next_due();
        let act = self.actions.get(self.done).map(|a| self.start() + a.at);
        match (sim, act) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Runs to the next instant anything is due. False when nothing is.
    pub fn step(&mut self) -> bool {
        let now = self.sim.now();
        match self.next_instant() {
            Some(t) => {
                self.advance(if t > now {
                    t
                } else {
                    now + Duration::from_millis(1)
                });
                if self.at() > self.horizon {
                    self.horizon = self.at();
                }
                true
            }
            None => false,
        }
    }

    /// The latest earlier instant at which a controller, the scheduler or a kubelet acted.
    pub fn previous_instant(&self) -> Option<Duration> {
        let now = self.sim.now();
        let from_steps = self
            .sim
            .cluster
            .loop_steps
            .iter()
            .rev()
            .map(|s| s.t)
            .find(|t| *t < now);
        let from_events = self
            .sim
            .cluster
            .events
            .iter()
            .rev()
            .map(|e| e.t)
            .find(|t| *t < now);
        let t = match (from_steps, from_events) {
            (Some(a), Some(b)) => a.max(b),
            (a, b) => a.or(b)?,
        };
        Some(t - self.start())
    }

    /// Records an action the simulation has just performed at the current instant. Recorded
    /// actions after this instant (left over from before a rewind) are dropped: a new branch.
    /// Returns how many were dropped.
    pub fn record(&mut self, rec: Rec) -> usize {
        let dropped = self.actions.len() - self.done;
        self.actions.truncate(self.done);
        self.actions.push(rec);
        self.done = self.actions.len();
        self.compute_horizon();
        dropped
    }

    /// The timeline's end: 15 s past the last instant anything is due (at least 1 min), or a
    /// 15 min window when something stays due (a CronJob).
    pub fn compute_horizon(&mut self) {
        let start = self.start();
        let now = self.sim.now();
        let cap = now + WINDOW;
        let mut probe = self.sim.clone();
        probe.cluster.record_loop = false;
        let mut done = self.done;
        let mut last = now;
        self.open_ended = false;
        for _ in 0..100_000 {
            let next_sim = probe.next_due();
            let next_act = self.actions.get(done).map(|a| start + a.at);
            let t = match (next_sim, next_act) {
                (Some(a), Some(b)) => a.min(b),
                (a, b) => match a.or(b) {
                    Some(t) => t,
                    None => break,
                },
            };
            if t > cap {
                self.open_ended = true;
                break;
            }
            probe.run_until(t);
            if next_act == Some(t) {
                let _ = probe.perform(&self.actions[done].action);
                done += 1;
            } else if probe.next_due() == Some(t) {
                break;
            }
            last = t;
        }
        let end = if self.open_ended {
            (cap - start).whole_secs()
        } else {
            ((last - start).whole_secs() + 15).max(60)
        };
        let end = (end + 9) / 10 * 10;
        self.horizon = Duration::from_secs(end).max(self.at());
    }

    /// Called when playback reaches the horizon: extends it if something is still due.
    fn extend(&mut self) -> bool {
        if self.open_ended || self.done < self.actions.len() {
            self.compute_horizon();
            true
        } else {
            false
        }
    }

    pub fn entries(&self) -> Vec<String> {
        self.actions
            .iter()
            .filter_map(|r| r.entry.clone())
            .collect()
    }
}

/// The live object of this kind and name, for update validation.
pub fn live_object(sim: &Simulation, kind: Kind, name: &str) -> Option<Object> {
    let st = &sim.cluster.store;
    Some(match kind {
        Kind::Job => Object::Job(st.get::<Job>(name)?.clone()),
        Kind::CronJob => Object::CronJob(st.get::<CronJob>(name)?.clone()),
        Kind::DaemonSet => Object::DaemonSet(st.get::<DaemonSet>(name)?.clone()),
        Kind::Node => Object::Node(st.get::<Node>(name)?.clone()),
        Kind::Pod => Object::Pod(st.get::<Pod>(name)?.clone()),
        Kind::ControllerRevision => {
            Object::ControllerRevision(st.get::<ControllerRevision>(name)?.clone())
        }
        Kind::Event => return None,
    })
}

/// The API server's refusal as kubectl prints it (`StandardErrorMessage` + `MultilineError`).
pub fn invalid_message(kind: Kind, name: &str, errs: &[ManifestError]) -> String {
    let head = format!("The {} \"{name}\" is invalid:", kind.as_str());
    match errs {
        [one] => format!("{head} {}", one.message),
        _ => {
            let lines: Vec<String> = errs.iter().map(|e| format!("* {}", e.message)).collect();
            format!("{head}\n{}", lines.join("\n"))
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    Create,
    Update,
    Refused {
        message: String,
        errors: Vec<ManifestError>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct DocPreview {
    pub kind: Kind,
    pub name: String,
    pub line: usize,
    pub verdict: Verdict,
}

/// The editor text, parsed and validated, with what `kubectl apply` would do to each object.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Check {
    pub errors: Vec<ManifestError>,
    pub docs: Vec<DocPreview>,
    pub parsed: Vec<Parsed>,
}

impl Check {
    pub fn new(text: &str, sim: &Simulation) -> Check {
        match parse_documents(text) {
            Err(errors) => Check {
                errors,
                ..Default::default()
            },
            Ok(parsed) => {
                let docs = parsed
                    .iter()
                    .map(|p| {
                        let kind = p.object.kind();
                        let name = p.object.name().to_string();
                        let verdict = match live_object(sim, kind, &name) {
                            None => Verdict::Create,
                            Some(old) => {
                                let errors = validate_update(&old, p);
                                if errors.is_empty() {
                                    Verdict::Update
                                } else {
                                    Verdict::Refused {
                                        message: invalid_message(kind, &name, &errors),
                                        errors,
                                    }
                                }
                            }
                        };
                        DocPreview {
                            kind,
                            name,
                            line: p.line,
                            verdict,
                        }
                    })
                    .collect();
                Check {
                    errors: Vec::new(),
                    docs,
                    parsed,
                }
            }
        }
    }

    pub fn valid(&self) -> bool {
        self.errors.is_empty()
    }
}

/// The source lines of document `i` (from its first line to the next document's).
fn doc_text(text: &str, parsed: &[Parsed], i: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let from = parsed[i].line.saturating_sub(1).min(lines.len());
    let to = parsed
        .get(i + 1)
        .map_or(lines.len(), |n| n.line.saturating_sub(1))
        .clamp(from, lines.len());
    let mut out: Vec<&str> = lines[from..to].to_vec();
    while out.last().is_some_and(|l| {
        l.trim().is_empty() || l.trim_start().starts_with("---") || l.trim() == "..."
    }) {
        out.pop();
    }
    out.join("\n") + "\n"
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Ok,
    Info,
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub tone: Tone,
    pub title: String,
    pub body: String,
    pub id: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConsoleEntry {
    pub id: u64,
    pub at: Duration,
    pub command: String,
    pub output: String,
    pub error: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    Pod(String),
    Node(String),
}

pub enum Msg {
    Edit(String),
    Apply,
    Reset,
    Preset(String),
    Seek(Duration),
    Frame(f64),
    Step,
    StepBack,
    TogglePlay,
    Speed(u32),
    Faster,
    Slower,
    Rewind,
    Do(Action),
    Console(String),
    ClearConsole,
    Select(Option<Selection>),
    Help(bool),
    ToggleHelp,
    LoopFilter(String),
    DismissNotice,
    /// Forget everything saved and start from the default manifest.
    Forget,
}

#[derive(Clone)]
pub struct State {
    pub engine: Rc<RefCell<Engine>>,
    /// The editor's text (valid or not).
    pub text: Rc<str>,
    /// Bumped on every edit (the validation panel shows it, so tests can wait for it).
    pub text_rev: u64,
    pub check: Rc<Check>,
    /// The text last sent to the cluster (reset or applied): the editor is "edited" when not.
    pub applied_text: Rc<str>,
    pub at: Duration,
    pub horizon: Duration,
    pub key: SimKey,
    pub playing: bool,
    pub speed: u32,
    pub notice: Option<Rc<Notice>>,
    pub console: Rc<Vec<ConsoleEntry>>,
    pub selected: Option<Selection>,
    pub help: bool,
    pub loop_filter: Rc<str>,
    pub preset: Rc<str>,
    /// Rewind counter (a new `epoch` means a replayed cluster).
    epoch: u64,
    seq: u64,
}

impl State {
    /// The saved session if there is one, else the default preset.
    pub fn init() -> State {
        let saved = storage::load();
        let mut epoch = 1;
        let mut notice = None;
        let (loaded, saved) = match saved {
            Some(s) => match Engine::load(&s.run, epoch) {
                Ok(l) => (l, Some(s)),
                Err(_) => {
                    notice = Some("The saved session could not be restored; starting over.");
                    (Self::default_engine(epoch), None)
                }
            },
            None => (Self::default_engine(epoch), None),
        };
        let mut engine = loaded.engine;
        let (text, speed, preset, applied) = match &saved {
            Some(s) => {
                engine.actions = record::restore(&s.actions);
                engine.seek(
                    Duration::from_millis(s.at_ms.clamp(0, i64::MAX / 4)),
                    &mut epoch,
                );
                engine.compute_horizon();
                let text = if s.text.is_empty() {
                    s.run.clone()
                } else {
                    s.text.clone()
                };
                let speed = if SPEEDS.contains(&s.speed) {
                    s.speed
                } else {
                    DEFAULT_SPEED
                };
                let applied = if s.applied.is_empty() {
                    s.run.clone()
                } else {
                    s.applied.clone()
                };
                (text, speed, s.preset.clone(), applied)
            }
            None => (
                presets::DEFAULT.yaml.to_string(),
                DEFAULT_SPEED,
                presets::DEFAULT.id.to_string(),
                presets::DEFAULT.yaml.to_string(),
            ),
        };
        let check = Check::new(&text, &engine.sim);
        let mut s = State {
            at: engine.at(),
            horizon: engine.horizon,
            key: engine.key(),
            engine: Rc::new(RefCell::new(engine)),
            applied_text: applied.into(),
            text: text.into(),
            text_rev: 0,
            check: Rc::new(check),
            playing: false,
            speed,
            notice: None,
            console: Rc::new(Vec::new()),
            selected: None,
            help: false,
            loop_filter: "auto".into(),
            preset: preset.into(),
            epoch,
            seq: 0,
        };
        if let Some(n) = notice {
            s.say(Tone::Error, n, String::new());
        }
        s
    }

    fn default_engine(epoch: u64) -> Loaded {
        match Engine::load(presets::DEFAULT.yaml, epoch) {
            Ok(l) => l,
            // The compiled-in example is valid (the core's tests check it); an empty cluster
            // is the last resort.
            Err(_) => match Engine::load("", epoch) {
                Ok(l) => l,
                Err(_) => unreachable_engine(),
            },
        }
    }

    fn say(&mut self, tone: Tone, title: impl Into<String>, body: String) {
        self.seq += 1;
        self.notice = Some(Rc::new(Notice {
            tone,
            title: title.into(),
            body,
            id: self.seq,
        }));
    }

    /// Copies the engine's time and key into the state (after any engine change).
    fn sync(&mut self) {
        let e = self.engine.borrow();
        self.at = e.at();
        self.horizon = e.horizon.max(self.at);
        self.key = e.key();
    }

    fn recheck(&mut self) {
        let e = self.engine.borrow();
        self.check = Rc::new(Check::new(&self.text, &e.sim));
    }

    fn save(&self) {
        let e = self.engine.borrow();
        storage::save(&Saved {
            text: self.text.to_string(),
            run: e.run_yaml.clone(),
            actions: e.entries(),
            at_ms: e.at().0,
            speed: self.speed,
            preset: self.preset.to_string(),
            applied: self.applied_text.to_string(),
        });
    }

    fn seek(&mut self, to: Duration) {
        let mut epoch = self.epoch;
        self.engine.borrow_mut().seek(to, &mut epoch);
        self.epoch = epoch;
    }

    fn reset_to(&mut self, yaml: &str) {
        self.epoch += 1;
        match Engine::load(yaml, self.epoch) {
            Ok(l) => {
                *self.engine.borrow_mut() = l.engine;
                self.applied_text = yaml.into();
                self.playing = false;
                self.selected = None;
                let mut body = l.applied.join("\n");
                for e in &l.errors {
                    body.push('\n');
                    body.push_str(e);
                }
                let tone = if l.errors.is_empty() {
                    Tone::Ok
                } else {
                    Tone::Error
                };
                self.say(tone, "Cluster restarted from the manifest at t=0", body);
            }
            Err(errs) => self.say(
                Tone::Error,
                format!(
                    "The manifest has {} error(s); the cluster keeps running the last good one",
                    errs.len()
                ),
                String::new(),
            ),
        }
    }

    fn record(&mut self, rec: Rec) {
        let label = rec.label.clone();
        let dropped = self.engine.borrow_mut().record(rec);
        if dropped > 0 {
            self.say(
                Tone::Info,
                format!("Recorded: {label}"),
                format!("{dropped} later recorded action(s) were discarded: the timeline branches here."),
            );
        }
    }

    /// `kubectl apply` of the editor's text to the running cluster.
    fn apply(&mut self) {
        let check = self.check.clone();
        if !check.valid() {
            self.say(
                Tone::Error,
                format!(
                    "The manifest has {} error(s): nothing applied; the cluster keeps running",
                    check.errors.len()
                ),
                String::new(),
            );
            return;
        }
        if check.parsed.is_empty() {
            self.say(
                Tone::Error,
                "error: no objects passed to apply",
                String::new(),
            );
            return;
        }
        let mut refusals = Vec::new();
        let mut objs = Vec::new();
        let mut kept = Vec::new();
        {
            let e = self.engine.borrow();
            for (i, p) in check.parsed.iter().enumerate() {
                let kind = p.object.kind();
                let name = p.object.name();
                if let Some(old) = live_object(&e.sim, kind, name) {
                    let errs = validate_update(&old, p);
                    if !errs.is_empty() {
                        refusals.push(invalid_message(kind, name, &errs));
                        continue;
                    }
                }
                objs.push(p.object.clone());
                kept.push(i);
            }
        }
        let mut lines = Vec::new();
        let mut failed = !refusals.is_empty();
        if !objs.is_empty() {
            let yaml = if kept.len() == check.parsed.len() {
                self.text.to_string()
            } else {
                kept.iter()
                    .map(|&i| doc_text(&self.text, &check.parsed, i))
                    .collect::<Vec<_>>()
                    .join("---\n")
            };
            let action = Action::Apply(objs);
            let at = self.at;
            let result = self.engine.borrow_mut().sim.perform(&action);
            let changed = match &result {
                Ok(out) => {
                    lines.extend(out.lines().map(String::from));
                    out.lines().any(|l| !l.ends_with(" unchanged"))
                }
                Err(e) => {
                    failed = true;
                    lines.push(format!("error: {e}"));
                    true
                }
            };
            if changed {
                self.record(Rec::new(at, action, Some(&yaml)));
            }
        }
        lines.extend(refusals);
        if !failed {
            self.applied_text = self.text.clone();
        }
        let tone = if failed { Tone::Error } else { Tone::Ok };
        let title = if failed {
            "kubectl apply: refused"
        } else {
            "kubectl apply"
        };
        self.say(tone, title, lines.join("\n"));
        self.recheck();
    }

    fn perform(&mut self, action: Action) {
        let at = self.at;
        let result = self.engine.borrow_mut().sim.perform(&action);
        match result {
            Ok(out) => {
                let label = record::label(&action);
                self.say(Tone::Ok, format!("t={} {label}", view::clock(at)), out);
                self.record(Rec::new(at, action, None));
                if let Some(Selection::Pod(p)) | Some(Selection::Node(p)) = &self.selected {
                    let gone = {
                        let e = self.engine.borrow();
                        !e.sim.cluster.store.contains::<Pod>(p)
                            && !e.sim.cluster.store.contains::<Node>(p)
                    };
                    if gone {
                        self.selected = None;
                    }
                }
            }
            Err(e) => self.say(Tone::Error, format!("error: {e}"), String::new()),
        }
        self.recheck();
    }

    fn console(&mut self, line: String) {
        let line = line.trim().to_string();
        if line.is_empty() {
            return;
        }
        let at = self.at;
        let result = console::run(&mut self.engine.borrow_mut().sim, &line);
        if let Some(action) = result.action {
            self.record(Rec::new(at, action, None));
            self.recheck();
        }
        self.seq += 1;
        let mut entries = (*self.console).clone();
        entries.push(ConsoleEntry {
            id: self.seq,
            at,
            command: line,
            output: result.output,
            error: result.error,
        });
        if entries.len() > KEEP_CONSOLE {
            let n = entries.len() - KEEP_CONSOLE;
            entries.drain(..n);
        }
        self.console = Rc::new(entries);
    }
}

/// Only reachable if even an empty manifest failed to load, which `parse_documents("")` cannot.
fn unreachable_engine() -> Loaded {
    let sim = Simulation::new(SimConfig {
        record_loop: true,
        ..Default::default()
    });
    Loaded {
        engine: Engine {
            base: sim.clone(),
            sim,
            run_yaml: String::new(),
            actions: Vec::new(),
            done: 0,
            horizon: Duration::from_secs(60),
            open_ended: false,
            steps_dropped: 0,
            epoch: 1,
        },
        applied: Vec::new(),
        errors: Vec::new(),
    }
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        if matches!(msg, Msg::Frame(_)) && !self.playing {
            return self; // a frame queued just before Pause: nothing changes
        }
        let mut s = (*self).clone();
        let mut persist = true;
        match msg {
            Msg::Edit(text) => {
                s.notice = None;
                s.text = text.into();
                s.text_rev += 1;
                s.recheck();
            }
            Msg::Apply => s.apply(),
            Msg::Reset => {
                let text = s.text.clone();
                s.reset_to(&text);
                s.recheck();
            }
            Msg::Preset(id) => {
                if let Some(p) = presets::find(&id) {
                    s.text = p.yaml.into();
                    s.text_rev += 1;
                    s.preset = p.id.into();
                    s.reset_to(p.yaml);
                    s.recheck();
                }
            }
            Msg::Seek(to) => {
                s.playing = false;
                s.seek(to);
            }
            Msg::Frame(dt) => {
                persist = false;
                let dt = if dt.is_finite() {
                    dt.clamp(0.0, MAX_FRAME_MS)
                } else {
                    0.0
                };
                let step = (dt * f64::from(s.speed)).round() as i64;
                let mut target = Duration::from_millis(s.at.0.saturating_add(step));
                if target >= s.horizon {
                    let horizon = {
                        let mut e = s.engine.borrow_mut();
                        e.extend();
                        e.horizon
                    };
                    if target >= horizon {
                        target = horizon;
                        s.playing = false;
                        persist = true;
                    }
                }
                s.seek(target);
            }
            Msg::Step => {
                s.playing = false;
                let moved = s.engine.borrow_mut().step();
                if !moved {
                    s.say(
                        Tone::Info,
                        "Nothing more is due: the cluster is idle",
                        String::new(),
                    );
                }
            }
            Msg::StepBack => {
                s.playing = false;
                let prev = s.engine.borrow().previous_instant();
                s.seek(prev.unwrap_or(Duration::ZERO));
            }
            Msg::TogglePlay => {
                if !s.playing && s.at >= s.horizon {
                    let extended = s.engine.borrow_mut().extend();
                    if !extended {
                        s.seek(Duration::ZERO);
                    }
                }
                s.playing = !s.playing;
            }
            Msg::Speed(v) => {
                if SPEEDS.contains(&v) {
                    s.speed = v;
                }
            }
            Msg::Faster => {
                if let Some(&v) = SPEEDS.iter().find(|&&v| v > s.speed) {
                    s.speed = v;
                }
            }
            Msg::Slower => {
                if let Some(&v) = SPEEDS.iter().rev().find(|&&v| v < s.speed) {
                    s.speed = v;
                }
            }
            Msg::Rewind => {
                s.playing = false;
                s.seek(Duration::ZERO);
            }
            Msg::Do(action) => s.perform(action),
            Msg::Console(line) => s.console(line),
            Msg::ClearConsole => {
                s.console = Rc::new(Vec::new());
                persist = false;
            }
            Msg::Select(sel) => {
                s.selected = sel;
                persist = false;
            }
            Msg::Help(open) => {
                s.help = open;
                persist = false;
            }
            Msg::ToggleHelp => {
                s.help = !s.help;
                persist = false;
            }
            Msg::LoopFilter(f) => {
                s.loop_filter = f.into();
                persist = false;
            }
            Msg::DismissNotice => {
                s.notice = None;
                persist = false;
            }
            Msg::Forget => {
                storage::clear();
                s.help = false;
                s.console = Rc::new(Vec::new());
                let id = presets::DEFAULT.id;
                s.text = presets::DEFAULT.yaml.into();
                s.text_rev += 1;
                s.preset = id.into();
                s.reset_to(presets::DEFAULT.yaml);
                s.recheck();
            }
        }
        s.sync();
        if persist {
            s.save();
        }
        Rc::new(s)
    }
}
