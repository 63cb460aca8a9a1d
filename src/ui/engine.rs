//! The simulation behind the page: the cluster shown, the t=0 cluster rewinds replay from, the
//! user's recorded actions and (while a lesson is open) the lesson's scripted ones.
//!
//! Time: the shown instant is `sim.now()`. Going forward runs the simulation and the actions due
//! on the way; going backward replays from t=0 (`base`), which is exact because the core is
//! deterministic. No controller logic lives here: every change is a core call (`apply`,
//! `perform`, `run_until`).
//!
//! A lesson's setup follows its challenge (`lessons::check`): the `baseline` objects start at
//! t=0, the editor's manifest is applied at `applyAt` (at t=0 without one, validated as an
//! update of what runs), and the `scenario`'s actions happen at their times. Those scripted
//! actions are not the user's: a new user action after a rewind discards later user actions
//! (the timeline branches) but never the script.

use super::record::Rec;
use crate::api::{parse_duration, Duration, Kind, Object, Pod, Time};
use crate::lessons::Lesson;
use crate::manifest::{
    parse_documents, parse_documents_live, parse_manifests, validate_update, ManifestError, Parsed,
};
use crate::sim::scenario::{parse_scenario, Action};
use crate::sim::{SimConfig, Simulation};

/// How far ahead the timeline reaches past the last thing due (and its step when open-ended).
const WINDOW: Duration = Duration::from_secs(15 * 60);
/// The horizon probe stops after this many API writes and treats the run as open-ended: a Job
/// with `completions: 1000000` would otherwise simulate its whole 15 min window on every Apply
/// (seconds of frozen page). A lesson's manifests write a few hundred times.
const PROBE_WRITES: u64 = 20_000;
/// Loop steps kept for the loop panel (the rest is dropped; it is a record, not state).
const KEEP_STEPS: usize = 2_000;

/// Identifies the cluster's content: equal keys mean nothing visible changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SimKey {
    pub epoch: u64,
    pub rv: u64,
    pub events: usize,
    pub steps: usize,
    pub down: bool,
}

/// What the lesson does to the cluster by itself.
#[derive(Clone, Debug)]
pub enum Scripted {
    /// The editor's manifest, applied at the challenge's `applyAt` (validated as an update).
    Apply(Vec<Parsed>),
    /// An action of the lesson's scenario.
    Action(Action),
}

#[derive(Clone, Debug)]
pub struct ScriptItem {
    pub at: Duration,
    pub what: Scripted,
}

/// How a cluster is started.
#[derive(Clone, Copy, Default)]
pub struct Setup<'a> {
    pub seed: u64,
    /// The open lesson: its baseline, applyAt and scenario.
    pub lesson: Option<&'a Lesson>,
}

pub struct Engine {
    pub sim: Simulation,
    /// The cluster at t=0 with the manifest applied and settled; rewinds replay from here.
    base: Simulation,
    /// The manifest the cluster was reset from.
    pub run_yaml: String,
    pub seed: u64,
    /// The user's recorded actions.
    pub actions: Vec<Rec>,
    /// How many of `actions` the current `sim` has performed.
    pub done: usize,
    /// The lesson's scripted actions, and how many were performed.
    pub script: Vec<ScriptItem>,
    pub script_done: usize,
    /// The timeline's end.
    pub horizon: Duration,
    /// Something is still due after the horizon (a CronJob): playing extends it.
    pub open_ended: bool,
    /// Loop steps dropped so far (so step numbers stay stable).
    pub steps_dropped: usize,
    pub epoch: u64,
    /// Copies of the cluster taken as time ran forward: a rewind replays from the latest one
    /// before its target, not from t=0.
    checkpoints: Checkpoints,
    /// The last jump ran out of its wall-clock budget: the instant it wanted (the clock
    /// stopped short of it, where it got to).
    pub stopped_short: Option<Time>,
}

/// How long one jump of the clock (a seek, a share link or saved session opened) may take in
/// real time before it stops where it got to: a far instant of a busy cluster (a link to
/// 24:00:00 of a Job of 2^31 pods) would freeze the page, then run it out of memory.
const JUMP_BUDGET_MS: f64 = 3000.0;

/// The cluster at an instant, with how far the actions had come.
#[derive(Clone)]
struct Checkpoint {
    sim: Simulation,
    done: usize,
    script_done: usize,
    steps_dropped: usize,
}

/// At most `MAX_CHECKPOINTS`, evenly spaced: when full, every other one goes and the spacing
/// doubles (a day-long run keeps one every two hours, a ten-minute one every minute).
#[derive(Clone)]
struct Checkpoints {
    list: Vec<Checkpoint>,
    every: Duration,
}

const MAX_CHECKPOINTS: usize = 16;

/// Events past `sim::EVENT_RETENTION`, or beyond `sim::PAGE_MAX_EVENTS`, are dropped each
/// virtual minute: a busy Job played at 120× (60 000 Events a minute) ran the page out of
/// memory at 59 virtual minutes.
const PRUNE_EVENTS_EVERY: Duration = Duration::from_secs(60);

/// Pods and Events across all the copies kept: a big run keeps fewer copies (at least 4), as
/// each copy holds every pod and Event (~4 KB each in the wasm heap, which never shrinks): a
/// 5000-pod Job kept 16 copies in 380 MB.
const CHECKPOINT_BUDGET: usize = 60_000;

impl Default for Checkpoints {
    fn default() -> Self {
        Checkpoints {
            list: Vec::new(),
            every: Duration::from_secs(60),
        }
    }
}

/// What happened when the manifest was loaded into a fresh cluster.
pub struct Loaded {
    pub engine: Engine,
    pub applied: Vec<String>,
    pub errors: Vec<String>,
    /// The lesson applies the manifest later (its challenge's `applyAt`): `applied` is the
    /// lesson's own starting objects.
    pub apply_at: Option<Duration>,
}

/// A lesson's baseline objects, `applyAt` and scenario actions (files that fail to parse are
/// skipped: the lesson tests keep them valid).
fn lesson_setup(l: &Lesson) -> (Vec<Object>, Duration, Vec<ScriptItem>) {
    let baseline = l
        .challenge
        .baseline
        .as_ref()
        .and_then(|f| l.files.get(f))
        .and_then(|src| parse_manifests(src).ok())
        .unwrap_or_default();
    let apply_at = l
        .challenge
        .apply_at
        .as_deref()
        .and_then(|a| parse_duration(a).ok())
        .unwrap_or(Duration::ZERO)
        .max(Duration::ZERO);
    let load = |name: &str| {
        l.files
            .get(name)
            .cloned()
            .ok_or_else(|| format!("{name}: not in the lesson folder"))
    };
    let scenario = l
        .challenge
        .scenario
        .as_ref()
        .and_then(|f| l.files.get(f))
        .and_then(|src| parse_scenario(src, &load).ok())
        .unwrap_or_default()
        .into_iter()
        .map(|t| ScriptItem {
            at: t.at.max(Duration::ZERO),
            what: Scripted::Action(t.action),
        })
        .collect();
    (baseline, apply_at, scenario)
}

/// `kubectl apply` of parsed objects onto the running cluster, like the challenge does: an
/// object that exists is validated as an update first. Returns (applied, refused) messages.
fn apply_parsed(sim: &mut Simulation, mut docs: Vec<Parsed>) -> (Vec<String>, Vec<String>) {
    let mut applied = Vec::new();
    let mut errors = Vec::new();
    crate::sort::sort_by_key(&mut docs, |d| !matches!(d.object, Object::Node(_)));
    for d in docs {
        let kind = d.object.kind();
        let name = d.object.name().to_string();
        if let Some(old) = live_object(sim, kind, &name) {
            let errs = validate_update(&old, &d);
            if !errs.is_empty() {
                // cmdutil.CheckErr's Invalid branch: no `error: ` before it.
                errors.push(invalid_message(kind, &name, &errs));
                continue;
            }
        }
        match sim.apply(d.object) {
            Ok(m) => applied.push(m),
            Err(e) => errors.push(format!("error: {e}")),
        }
    }
    (applied, errors)
}

impl Engine {
    /// A fresh default cluster (unless the manifest or the lesson brings Nodes) with the
    /// manifest applied, set up for the lesson if one is open.
    pub fn load(yaml: &str, epoch: u64, setup: Setup) -> Result<Loaded, Vec<ManifestError>> {
        let docs = parse_documents(yaml)?;
        let mut sim = Simulation::new(SimConfig {
            seed: setup.seed,
            record_loop: true,
            ..Default::default()
        });
        sim.prune_events_every = Some(PRUNE_EVENTS_EVERY);
        let (mut baseline, apply_at, mut script) = match setup.lesson {
            Some(l) => lesson_setup(l),
            None => (Vec::new(), Duration::ZERO, Vec::new()),
        };
        let has_nodes = baseline
            .iter()
            .chain(docs.iter().map(|d| &d.object))
            .any(|o| matches!(o, Object::Node(_)));
        if !has_nodes {
            sim.add_default_nodes();
        }
        let mut applied = Vec::new();
        let mut errors = Vec::new();
        crate::sort::sort_by_key(&mut baseline, |o| !matches!(o, Object::Node(_)));
        for o in baseline {
            match sim.apply(o) {
                Ok(m) => applied.push(m),
                Err(e) => errors.push(format!("error: {e}")),
            }
        }
        if apply_at > Duration::ZERO {
            // The manifest's apply comes first among the actions of its instant.
            script.insert(
                0,
                ScriptItem {
                    at: apply_at,
                    what: Scripted::Apply(docs),
                },
            );
        } else {
            let (a, e) = apply_parsed(&mut sim, docs);
            applied.extend(a);
            errors.extend(e);
        }
        crate::sort::sort_by_key(&mut script, |s| s.at); // stable: the apply stays first at its instant
        let start = sim.cluster.start;
        sim.run_until(start);
        let mut engine = Engine {
            base: sim.clone(),
            sim,
            run_yaml: yaml.to_string(),
            seed: setup.seed,
            actions: Vec::new(),
            done: 0,
            script,
            script_done: 0,
            horizon: Duration::from_secs(60),
            open_ended: false,
            steps_dropped: 0,
            stopped_short: None,
            epoch,
            checkpoints: Checkpoints::default(),
        };
        engine.compute_horizon();
        Ok(Loaded {
            engine,
            applied,
            errors,
            apply_at: (apply_at > Duration::ZERO).then_some(apply_at),
        })
    }

    /// An empty default cluster: the last resort when even the default manifest fails.
    pub fn empty(epoch: u64) -> Engine {
        let mut sim = Simulation::new(SimConfig {
            record_loop: true,
            ..Default::default()
        });
        sim.prune_events_every = Some(PRUNE_EVENTS_EVERY);
        sim.add_default_nodes();
        Engine {
            base: sim.clone(),
            sim,
            run_yaml: String::new(),
            seed: crate::share::DEFAULT_SEED,
            actions: Vec::new(),
            done: 0,
            script: Vec::new(),
            script_done: 0,
            horizon: Duration::from_secs(60),
            open_ended: false,
            steps_dropped: 0,
            stopped_short: None,
            epoch,
            checkpoints: Checkpoints::default(),
        }
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
            events: self.sim.cluster.events_recorded(),
            steps: self.steps_dropped + self.sim.cluster.loop_steps.len(),
            down: self.sim.controllers_down(),
        }
    }

    /// Shows instant `to`: forward runs on, backward replays from t=0.
    /// Moves the cluster to `to`; true when that replayed it from the start or performed an
    /// action (what the objects' specs are may have changed).
    pub fn seek(&mut self, to: Duration, epoch: &mut u64) -> bool {
        let to = to.max(Duration::ZERO);
        let target = self.start() + to;
        let rewound = target < self.sim.now();
        // Forward too, a copy kept between here and the target is where the run resumes
        // (a copy is dropped once an action is recorded before it, so those kept still hold).
        let now = self.sim.now();
        let ahead = !rewound
            && self
                .checkpoints
                .list
                .iter()
                .any(|c| c.sim.now() > now && c.sim.now() <= target);
        if rewound || ahead {
            match self
                .checkpoints
                .list
                .iter()
                .rev()
                .find(|c| c.sim.now() <= target)
            {
                Some(c) => {
                    self.sim = c.sim.clone();
                    self.done = c.done;
                    self.script_done = c.script_done;
                    self.steps_dropped = c.steps_dropped;
                }
                None => {
                    self.sim = self.base.clone();
                    self.done = 0;
                    self.script_done = 0;
                    self.steps_dropped = 0;
                }
            }
            *epoch += 1;
            self.epoch = *epoch;
        }
        let before = (self.done, self.script_done);
        let deadline = js_sys::Date::now() + JUMP_BUDGET_MS;
        self.stopped_short = (!self.advance(target, deadline)).then_some(target);
        rewound || ahead || before != (self.done, self.script_done)
    }

    /// The next scripted or recorded action after the first `script_done` / `done`: its
    /// instant and whether it is scripted (the script goes first at equal instants).
    fn next_action(&self, script_done: usize, done: usize) -> Option<(Time, bool)> {
        let start = self.start();
        let s = self.script.get(script_done).map(|a| start + a.at);
        let u = self.actions.get(done).map(|a| start + a.at);
        match (s, u) {
            (Some(s), Some(u)) if s <= u => Some((s, true)),
            (Some(_), Some(u)) => Some((u, false)),
            (Some(s), None) => Some((s, true)),
            (None, Some(u)) => Some((u, false)),
            (None, None) => None,
        }
    }

    /// Whether the lesson's apply of the editor's manifest (as it was at reset) is left out:
    /// the user applied one of its objects before it (Apply, or a console command that
    /// changes it), so their version is what runs, and applying the older text over it would
    /// undo their change. Other applies (a cordoned node) leave it in.
    pub fn superseded(&self, item: &ScriptItem) -> bool {
        let Scripted::Apply(docs) = &item.what else {
            return false;
        };
        let same = |o: &Object| {
            docs.iter()
                .any(|d| d.object.kind() == o.kind() && d.object.name() == o.name())
        };
        self.actions.iter().any(|a| {
            a.at < item.at && matches!(&a.action, Action::Apply(objs) if objs.iter().any(same))
        })
    }

    fn perform_script(sim: &mut Simulation, item: &ScriptItem) {
        match &item.what {
            Scripted::Apply(docs) => {
                let _ = apply_parsed(sim, docs.clone());
            }
            Scripted::Action(a) => {
                let _ = sim.perform(a);
            }
        }
    }

    /// Runs to `until`, performing the actions due on the way.
    /// Runs to `until` with the actions on the way; false when the wall-clock `deadline` came
    /// first (the clock stays where it got to).
    fn advance(&mut self, until: Time, deadline: f64) -> bool {
        while let Some((t, scripted)) = self.next_action(self.script_done, self.done) {
            if t > until {
                break;
            }
            if !self.run_to(t, deadline) {
                self.trim_steps();
                return false;
            }
            if scripted {
                let item = &self.script[self.script_done];
                if !self.superseded(item) {
                    Self::perform_script(&mut self.sim, item);
                }
                self.script_done += 1;
            } else {
                let _ = self.sim.perform(&self.actions[self.done].action);
                self.done += 1;
            }
        }
        let reached = self.run_to(until, deadline);
        self.trim_steps();
        reached
    }

    /// `run_until`, keeping a copy of the cluster each time the checkpoint spacing passes on
    /// the way (a long jump forward leaves copies behind it too). Going on from a copy is the
    /// same as replaying to it: `run_until` stops anywhere with the same result (playing,
    /// which stops every frame, relies on it too).
    /// False when the wall-clock `deadline` passed on the way (looked at between instants).
    fn run_to(&mut self, t: Time, deadline: f64) -> bool {
        loop {
            let cps = &self.checkpoints;
            let next = cps.list.last().map_or(self.base.now(), |c| c.sim.now()) + cps.every;
            let stop = next.min(t);
            // One due instant at a time, the deadline looked at every few: on a busy cluster
            // a minute of virtual time can outlast the whole budget (100 000 Indexed pods:
            // 4–6 s per minute in the page).
            let mut instants = 0u32;
            while self.sim.now() < stop {
                let next = self.sim.next_due().map_or(stop, |d| d.min(stop));
                self.sim.run_until(next.max(self.sim.now()));
                instants += 1;
                if instants % 8 == 0 && self.sim.now() < t && js_sys::Date::now() > deadline {
                    return false;
                }
            }
            if next > t {
                break;
            }
            self.checkpoint();
        }
        self.sim.run_until(t);
        true
    }

    /// Keeps a copy of the cluster as it is now (trimmed of old loop steps, which only the
    /// view reads).
    fn checkpoint(&mut self) {
        self.trim_steps();
        let size = self.sim.cluster.store.count::<Pod>() + self.sim.cluster.events.len();
        let most = (CHECKPOINT_BUDGET / size.max(1)).clamp(4, MAX_CHECKPOINTS);
        let cps = &mut self.checkpoints;
        while cps.list.len() >= most {
            let mut i = 0;
            cps.list.retain(|_| {
                i += 1;
                i % 2 == 0
            });
            cps.every = Duration(cps.every.0.saturating_mul(2));
        }
        cps.list.push(Checkpoint {
            sim: self.sim.clone(),
            done: self.done,
            script_done: self.script_done,
            steps_dropped: self.steps_dropped,
        });
    }

    fn trim_steps(&mut self) {
        let steps = &mut self.sim.cluster.loop_steps;
        if steps.len() > 2 * KEEP_STEPS {
            let n = steps.len() - KEEP_STEPS;
            steps.drain(..n);
            self.steps_dropped += n;
        }
    }

    /// The next instant anything happens (the simulation or an action).
    fn next_instant(&mut self) -> Option<Time> {
        let now = self.sim.now();
        self.sim.run_until(now);
        let sim = self.sim.next_due();
        let act = self
            .next_action(self.script_done, self.done)
            .map(|(t, _)| t);
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
                // Nothing is due between: no budget needed.
                self.advance(
                    if t > now {
                        t
                    } else {
                        now + Duration::from_millis(1)
                    },
                    f64::INFINITY,
                );
                if self.at() > self.horizon {
                    self.horizon = self.at();
                }
                true
            }
            None => false,
        }
    }

    /// The latest earlier instant at which a controller, the scheduler, a kubelet or an action
    /// (recorded or scripted) acted.
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
            .find(|t| *t < now)
            .max(self.sim.cluster.cached_event_before(now));
        // A recorded or scripted action's instant too, as `step` stops there: a cordon or a
        // NoSchedule taint may make no Event or loop step at its instant.
        let start = self.start();
        let from_actions = self
            .actions
            .iter()
            .map(|a| a.at)
            .chain(self.script.iter().map(|s| s.at))
            .map(|at| start + at)
            .filter(|t| *t < now)
            .max();
        let t = [from_steps, from_events, from_actions]
            .into_iter()
            .flatten()
            .max()?;
        Some(t - start)
    }

    /// Records an action the simulation has just performed at the current instant. Recorded
    /// actions after this instant (left over from before a rewind) are dropped: a new branch.
    /// Returns how many were dropped.
    pub fn record(&mut self, rec: Rec) -> usize {
        let dropped = self.actions.len() - self.done;
        self.actions.truncate(self.done);
        // Copies from after this instant ran the dropped branch.
        let now = self.sim.now();
        self.checkpoints.list.retain(|c| c.sim.now() <= now);
        self.actions.push(rec);
        self.done = self.actions.len();
        // What the action set off at this instant happens now, at a paused clock too (the
        // informers see the write at once): the watch event, the key queued. A replay does
        // the same, settling an instant before its next action or as it runs on.
        let now = self.sim.now();
        self.sim.run_until(now);
        self.trim_steps();
        self.compute_horizon();
        dropped
    }

    /// The timeline's end: 15 s past the last instant anything is due (at least 1 min), or a
    /// 15 min window when something stays due (a CronJob).
    pub fn compute_horizon(&mut self) {
        let start = self.start();
        let now = self.sim.now();
        let cap = now + WINDOW;
        // A CronJob that fires again keeps the controller's requeue due past any window, so
        // the probe below would end open-ended at the cap: only after simulating the whole
        // window, hundreds of milliseconds on a CronJob whose runs pile up (at 120× every
        // 7.5 s). Said without the probe, the same horizon, unless an action still ahead (a
        // recorded or scripted delete, suspend) could end it: then the probe plays them.
        let actions_ahead = self.done < self.actions.len() || self.script_done < self.script.len();
        let fires_again = !actions_ahead
            && self.sim.cronjobs().iter().any(|c| {
                c.spec.suspend != Some(true)
                    && c.metadata.deletion_timestamp.is_none()
                    && crate::cron::parse_for_cronjob(&c.spec.schedule, c.spec.time_zone.as_deref())
                        .ok()
                        .and_then(|s| s.next(&now.to_chrono()))
                        .is_some()
            });
        if fires_again {
            self.open_ended = true;
            let end = ((cap - start).whole_secs() + 9) / 10 * 10;
            self.horizon = Duration::from_secs(end).max(self.at());
            return;
        }
        let mut probe = self.sim.clone();
        // The probe runs ahead for the timeline only: no console watch copies its writes.
        probe.cluster.store.tap = None;
        probe.cluster.record_loop = false;
        let (mut sd, mut done) = (self.script_done, self.done);
        // From the last instant anything happened, not from the clock: a page reloaded (or a
        // link opened) at the end of a finished run gets the timeline it had, not one 15 s
        // past wherever its clock stood.
        let acted = |n: usize, at: &dyn Fn(usize) -> Duration| (n > 0).then(|| start + at(n - 1));
        let mut last = [
            Some(self.sim.last_due),
            acted(self.done, &|i| self.actions[i].at),
            acted(self.script_done, &|i| self.script[i].at),
        ]
        .into_iter()
        .flatten()
        .fold(start, Time::max)
        .min(now);
        self.open_ended = false;
        let writes_before = probe.cluster.store.resource_version();
        for _ in 0..100_000 {
            if probe.cluster.store.resource_version() - writes_before > PROBE_WRITES {
                self.open_ended = true;
                break;
            }
            let next_sim = probe.next_due();
            let next_act = self.next_action(sd, done);
            let t = match (next_sim, next_act.map(|a| a.0)) {
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
            match next_act {
                Some((at, true)) if at == t => {
                    if !self.superseded(&self.script[sd]) {
                        Self::perform_script(&mut probe, &self.script[sd]);
                    }
                    sd += 1;
                }
                Some((at, false)) if at == t => {
                    let _ = probe.perform(&self.actions[done].action);
                    done += 1;
                }
                _ => {
                    if probe.next_due() == Some(t) {
                        break;
                    }
                }
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
    /// Whether anything lies past the horizon (a CronJob's next tick, actions not yet played).
    pub fn can_extend(&self) -> bool {
        self.open_ended || self.done < self.actions.len() || self.script_done < self.script.len()
    }

    pub fn extend(&mut self) -> bool {
        if self.can_extend() {
            self.compute_horizon();
            true
        } else {
            false
        }
    }

    /// The recorded actions as scenario entries (what is saved and shared).
    pub fn entries(&self) -> Vec<String> {
        self.actions
            .iter()
            .filter_map(|r| r.entry.clone())
            .collect()
    }
}

pub use crate::manifest::invalid_message;
pub use crate::sim::preview::{live_object, Verdict};

#[derive(Clone, Debug, PartialEq)]
pub struct DocPreview {
    pub kind: Kind,
    pub name: String,
    pub line: usize,
    pub verdict: Verdict,
    /// Valid fields the simulation does not act on (`Parsed::not_simulated`).
    pub not_simulated: Vec<String>,
    /// The API server's warnings on create (`Parsed::warnings`).
    pub warnings: Vec<String>,
    /// A command whose exit CtrlScope guesses (`Parsed::unread_script`).
    pub unread_script: Option<String>,
    /// Keys given twice (`Parsed::duplicates`): (line, key, earlier line).
    pub duplicates: Vec<(usize, String, usize)>,
}

/// The editor text, parsed and validated, with what `kubectl apply` would do to each object.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Check {
    pub errors: Vec<ManifestError>,
    /// With errors: keys given twice in the text (`manifest::duplicate_keys`), which often
    /// explain them.
    pub duplicates: Vec<(usize, String, usize)>,
    pub docs: Vec<DocPreview>,
    pub parsed: Vec<Parsed>,
}

impl Check {
    pub fn new(text: &str, sim: &Simulation) -> Check {
        // An object that exists is validated as its update (its own `get -o yaml` applies).
        match parse_documents_live(text, &|kind, name| live_object(sim, kind, name)) {
            Err(errors) => Check {
                errors,
                duplicates: crate::manifest::duplicate_keys(text),
                ..Default::default()
            },
            Ok(parsed) => {
                let verdicts = crate::sim::preview::apply_verdicts(sim, &parsed);
                let docs = parsed
                    .iter()
                    .zip(verdicts)
                    .map(|(p, verdict)| DocPreview {
                        kind: p.object.kind(),
                        name: p.object.name().to_string(),
                        line: p.line,
                        verdict,
                        not_simulated: p.not_simulated(),
                        warnings: p.warnings(),
                        unread_script: p.unread_script(),
                        duplicates: p.duplicates.clone(),
                    })
                    .collect();
                Check {
                    errors: Vec::new(),
                    duplicates: Vec::new(),
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
pub fn doc_text(text: &str, parsed: &[Parsed], i: usize) -> String {
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
