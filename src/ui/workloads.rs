//! The workloads above the nodes: a Job's COMPLETIONS bar and its waves of pods, a CronJob's
//! time axis with its ticks and the Jobs each one spawned, a DaemonSet's node-by-node rollout.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::cluster::{current_hashes, legend_word, pod_vms, rev_word, PodTile, PodVm};
use super::state::{Engine, Msg, Selection, SimKey};
use super::view;
use super::view::Look;
use crate::api::{CronJob, DaemonSet, Duration, IntOrString, Job, Node, Pod, Time};
use crate::controllers::cronjob::SCHEDULED_TIMESTAMP_ANNOTATION;
use crate::controllers::daemonset::{
    daemon_tolerates, node_should_run_daemon_pod, CONTROLLER_REVISION_HASH,
};
use crate::controllers::job::{pod_ending, PodEnding};
use crate::cron;
use crate::i18n::{t, tf, Key, Lang};
use crate::kubectl;
use crate::kubectl::console::namespace_flag;
use crate::sim::Simulation;

/// The CronJob axis shows at least this much virtual time (more for a slower schedule).
const AXIS: Duration = Duration::from_secs(6 * 60);
/// Waves drawn per Job (the newest).
const WAVES_MAX: usize = 24;

#[derive(Properties)]
pub struct WorkloadProps {
    pub engine: Rc<RefCell<Engine>>,
    pub key_: SimKey,
    /// Whole virtual seconds (the CronJob axis moves with the clock).
    pub now_s: i64,
    pub selected: Option<Selection>,
    /// A second copy, under the enlarged controller loop.
    #[prop_or_default]
    pub docked: bool,
    /// Docked: the controller the loop shows; only its kind of workload is drawn (when there
    /// is one), so a 1366×768 projector shows the decisions beside what they drive.
    #[prop_or_default]
    pub focus: Option<&'static str>,
    /// Docked: the object (its queue key) that controller synced last; of several of its
    /// kind, only that one is drawn.
    #[prop_or_default]
    pub focus_key: Option<String>,
    pub lang: Lang,
    pub dispatch: Callback<Msg>,
}

impl PartialEq for WorkloadProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.engine, &o.engine)
            && self.lang == o.lang
            && self.key_ == o.key_
            && self.now_s == o.now_s
            && self.selected == o.selected
            && self.docked == o.docked
            && self.focus == o.focus
            && self.focus_key == o.focus_key
            && self.dispatch == o.dispatch
    }
}

/// An owner's pods with their views.
type Owned<'a> = Vec<(&'a Pod, Rc<PodVm>)>;

/// Per node: its daemon pods' (short revision hash, is current, is ready), and why a pod there
/// is misscheduled (the node should not run one), if it is.
type NodeRevisions = Vec<(String, Vec<(String, bool, &'static str)>, Option<String>)>;

#[function_component(Workloads)]
pub fn workloads(p: &WorkloadProps) -> Html {
    let lang = p.lang;
    let e = p.engine.borrow();
    let sim = &e.sim;
    let start = e.start();
    let hashes = current_hashes(sim);
    let vms = pod_vms(sim, e.epoch, &hashes);
    let mut pods_by_owner: HashMap<(String, String), Owned> = HashMap::new();
    for (pod, vm) in sim.pods().into_iter().zip(vms) {
        if let Some(o) = pod.metadata.controller_of() {
            pods_by_owner
                .entry((o.kind.clone(), o.name.clone()))
                .or_default()
                .push((pod, vm));
        }
    }
    let sel_pod = match &p.selected {
        Some(Selection::Pod(n)) => Some(n.as_str()),
        _ => None,
    };
    let jobs: Vec<&Job> = sim
        .jobs()
        .into_iter()
        .filter(|j| {
            j.metadata
                .controller_of()
                .is_none_or(|o| o.kind != "CronJob")
        })
        .collect();
    let mut cronjobs = sim.cronjobs();
    let mut daemonsets = sim.daemonsets();
    let focus = p.focus.filter(|_| p.docked);
    let mut jobs = jobs;
    match focus {
        Some("job-controller") if !jobs.is_empty() => {
            cronjobs.clear();
            daemonsets.clear();
        }
        Some("cronjob-controller") if !cronjobs.is_empty() => {
            jobs.clear();
            daemonsets.clear();
        }
        Some("daemonset-controller") if !daemonsets.is_empty() => {
            jobs.clear();
            cronjobs.clear();
        }
        _ => {}
    }
    if let (Some(_), Some(key)) = (focus, p.focus_key.as_deref()) {
        // The store keys objects by name (one namespace's worth per kind).
        let name = key.rsplit('/').next().unwrap_or(key);
        let is_key = |m: &crate::api::ObjectMeta| m.name == name;
        // Only when that object is still there and of the kind shown: otherwise all of them.
        if jobs.iter().any(|j| is_key(&j.metadata)) {
            jobs.retain(|j| is_key(&j.metadata));
        }
        if cronjobs.iter().any(|c| is_key(&c.metadata)) {
            cronjobs.retain(|c| is_key(&c.metadata));
        }
        if daemonsets.iter().any(|d| is_key(&d.metadata)) {
            daemonsets.retain(|d| is_key(&d.metadata));
        }
    }
    if jobs.is_empty() && cronjobs.is_empty() && daemonsets.is_empty() {
        return html! {
            <section class="panel workloads empty" aria-label={t(Key::Workloads, lang)}>
                <p class="muted">{ t(Key::NoWorkloads, lang) }</p>
            </section>
        };
    }
    let empty = Vec::new();
    html! {
        <section class="panel workloads" aria-label={t(Key::Workloads, lang)}>
            if !p.docked { <h2 class="sr-only">{ t(Key::Workloads, lang) }</h2> }
            // Each card keyed by its object, in one fragment: a new Job must not shift the
            // cards into each other's places (re-creating every pod tile in them).
            <>
            { for jobs.iter().map(|j| {
                let pods = pods_by_owner.get(&("Job".into(), j.metadata.name.clone())).unwrap_or(&empty);
                html! { <key={format!("job/{}/{}", j.metadata.namespace, j.metadata.name)}>{ job_card(j, pods, &history(sim, j), start, sel_pod, lang, &p.dispatch) }</> }
            }) }
            { for cronjobs.iter().map(|c| html! {
                <key={format!("cronjob/{}/{}", c.metadata.namespace, c.metadata.name)}>{ cron_card(c, sim, start, p.docked, lang, &p.dispatch) }</>
            }) }
            { for daemonsets.iter().map(|d| {
                let pods = pods_by_owner.get(&("DaemonSet".into(), d.metadata.name.clone())).unwrap_or(&empty);
                let pods: Vec<&Pod> = pods.iter().map(|(p, _)| *p).collect();
                html! { <key={format!("ds/{}/{}", d.metadata.namespace, d.metadata.name)}>{ ds_card(d, &pods, sim, &hashes, lang) }</> }
            }) }
            </>
        </section>
    }
}

fn bar(done: i32, total: i32, label: &str) -> Html {
    let pct = if total > 0 {
        (f64::from(done.clamp(0, total)) * 100.0 / f64::from(total)).round()
    } else {
        0.0
    };
    html! {
        <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax={total.to_string()}
            aria-valuenow={done.to_string()} aria-valuetext={format!("{done}/{total}")} aria-label={label.to_string()}>
            <div class="fill" style={format!("width: {pct}%")}></div>
        </div>
    }
}

/// A DaemonSet's UP-TO-DATE bar: solid as far as pods are also available, hatched for
/// up-to-date pods not available yet, so a rollout that has only just started (or pods that
/// never got ready) does not look done.
fn ds_bar(updated: i32, available: i32, total: i32, lang: Lang) -> Html {
    let pct = |n: i32| (f64::from(n.clamp(0, total)) * 100.0 / f64::from(total)).round();
    let solid = pct(updated.min(available));
    let hatched = pct(updated) - solid;
    html! {
        <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax={total.to_string()}
            aria-valuenow={updated.to_string()} aria-valuetext={format!("{updated}/{total}")} aria-label={t(Key::UpToDateBar, lang)}
            title={format!("UP-TO-DATE {updated}, AVAILABLE {available} / DESIRED {total}")}>
            <div class="fill" style={format!("width: {solid}%")}></div>
            if hatched > 0.0 {
                <div class="fill pending" style={format!("width: {hatched}%")}></div>
            }
        </div>
    }
}

/// Above this many pods a wave is summarised (counts per state) instead of drawn tile by tile.
const WAVE_TILES_MAX: usize = 12;

/// The pods the Job controller created for this Job, from its `SuccessfulCreate` Events as
/// recorded (those the Event spam filter dropped too): a wave keeps a pod deleted since. With
/// them, how each pod removed since had ended (the cluster's record of removed pods).
struct History {
    created: Vec<(Time, String)>,
    ended: Vec<(Time, PodEnding)>,
}

fn history(sim: &Simulation, j: &Job) -> History {
    let created = sim
        .cluster
        .events
        .iter()
        .filter(|e| {
            e.kind == crate::api::Kind::Job
                && e.reason == "SuccessfulCreate"
                && e.name() == j.metadata.name
                && e.uid() == j.metadata.uid
        })
        .filter_map(|e| {
            let n = e.message().strip_prefix("Created pod: ")?;
            Some((e.t, n.to_string()))
        })
        .collect();
    let ended = sim
        .cluster
        .ended_pods
        .iter()
        .filter(|p| p.job_uid == j.metadata.uid)
        .filter_map(|p| p.ending)
        .collect();
    History { created, ended }
}

/// A tile of a wave: a pod that exists, or one that is gone (deleted, evicted, collected).
enum Tile {
    Live(Rc<PodVm>),
    Gone(String),
}

fn job_card(
    j: &Job,
    pods: &[(&Pod, Rc<PodVm>)],
    h: &History,
    start: Time,
    sel_pod: Option<&str>,
    lang: Lang,
    d: &Callback<Msg>,
) -> Html {
    let status = kubectl::job_status(j);
    let completions = kubectl::job_completions(j);
    let total = j.spec.completions.unwrap_or(1).max(1);
    let st = &j.status;
    // Waves: the pods created at the same instant, those gone since included.
    let mut all: Vec<(Time, Tile)> = pods
        .iter()
        .map(|(pod, vm)| {
            (
                pod.metadata.creation_timestamp.unwrap_or(start),
                Tile::Live(vm.clone()),
            )
        })
        .collect();
    // A set, not a search per created pod: a Job of 20 000 pods renders in milliseconds.
    let live: crate::sim::fasthash::FastSet<&str> =
        pods.iter().map(|(p, _)| p.metadata.name.as_str()).collect();
    for (t, name) in &h.created {
        if !live.contains(name.as_str()) {
            all.push((*t, Tile::Gone(name.clone())));
        }
    }
    crate::sort::sort_by_key(&mut all, |(t, _)| *t);
    let mut waves: Vec<(Time, Vec<Tile>)> = Vec::new();
    for (t, tile) in all {
        match waves.last_mut() {
            Some((wt, v)) if *wt == t => v.push(tile),
            _ => waves.push((t, vec![tile])),
        }
    }
    let nwaves = waves.len();
    let skip = nwaves.saturating_sub(WAVES_MAX);
    // What ended since the wave before: the controller creates pods when active falls below
    // parallelism, so a wave follows successes (more work) or failures and deletions
    // (replacements). How a pod ended is fixed once it has, so a caption does not change as
    // pods are deleted later.
    let ended: Vec<(Time, PodEnding)> = pods
        .iter()
        .filter_map(|(p, _)| pod_ending(p))
        .chain(h.ended.iter().copied())
        .collect();
    let after = |i: usize| -> Option<String> {
        let (at_wave, prev) = (waves[i].0, waves[i.checked_sub(1)?].0);
        let count = |how: PodEnding| {
            ended
                .iter()
                .filter(|(at, e)| *e == how && *at > prev && *at <= at_wave)
                .count()
        };
        let ok = count(PodEnding::Succeeded);
        let (failed, deleted) = (count(PodEnding::Failed), count(PodEnding::Deleted));
        let join = |parts: Vec<String>| {
            parts.join(match lang {
                Lang::En => ", ",
                Lang::Zh => "、",
            })
        };
        let some = |parts: &[(usize, Key)]| -> Vec<String> {
            parts
                .iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, key)| tf(*key, lang, &[n]))
                .collect()
        };
        if ok > 0 {
            let parts = some(&[
                (ok, Key::WavePartSucceeded),
                (failed, Key::WavePartFailed),
                (deleted, Key::WavePartDeleted),
            ]);
            return Some(tf(Key::WaveAfter, lang, &[&join(parts)]));
        }
        // Only failures or deletions: the new pods take their places, as many as the wave has
        // (a back-off or a lowered parallelism can leave some unreplaced).
        let size = waves[i].1.len();
        let failed = failed.min(size);
        let deleted = deleted.min(size - failed);
        let parts = some(&[
            (failed, Key::WaveReplacedFailed),
            (deleted, Key::WaveReplacedDeleted),
        ]);
        (!parts.is_empty()).then(|| tf(Key::WaveReplaces, lang, &[&join(parts)]))
    };
    // The waves' tiles are one Tab stop (roving focus, arrows inside): the selected pod's
    // tile, else the first one shown.
    let live_shown = || {
        waves
            .iter()
            .skip(skip)
            .filter(|(_, vms)| vms.len() <= WAVE_TILES_MAX)
            .flat_map(|(_, vms)| vms.iter())
            .filter_map(|tile| match tile {
                Tile::Live(vm) => Some(vm.name.as_str()),
                Tile::Gone(_) => None,
            })
    };
    let tab_stop = sel_pod
        .filter(|s| live_shown().any(|n| n == *s))
        .or_else(|| live_shown().next())
        .map(str::to_string);
    let status_class = match status {
        "Complete" => "ok",
        "Failed" => "bad",
        _ => "run",
    };
    html! {
        <article class="wl job" aria-label={format!("Job {}", j.metadata.name)} data-job={j.metadata.name.clone()} data-completions={completions.clone()}
            data-waves={nwaves.to_string()}>
            <header>
                <span class="kind">{ "Job" }</span>
                <span class="wname">{ &j.metadata.name }</span>
                <span class={classes!("wstatus", status_class)}>{ status }</span>
                <span class="completions" title={t(Key::CompletionsHint, lang)}>{ &completions }</span>
                { bar(st.succeeded, total, t(Key::CompletionsBar, lang)) }
                { job_facts(j, pods, lang) }
            </header>
            <ol class="waves" aria-label={t(Key::WavesLabel, lang)} data-pod-group="">
                if skip > 0 { <li class="wave more">{ tf(Key::EarlierWaves, lang, &[&skip]) }</li> }
                // Keyed by wave number, in a fragment of its own: a new wave must not shift every
                // wave's tiles into its neighbour's place (re-creating them).
                <>{ for waves.iter().enumerate().skip(skip).map(|(i, (at, vms))| html! {
                    <li class="wave" key={i} data-wave={(i + 1).to_string()} data-size={vms.len().to_string()}>
                        <span class="wave-h">
                            { tf(Key::WaveHead, lang, &[&(i + 1), &view::clock(*at - start), &vms.len()]) }
                            if let Some(why) = after(i) { <span class="wave-why" title={t(Key::WaveWhyHint, lang)}>{ why }</span> }
                        </span>
                        <span class="wave-pods">
                            if vms.len() <= WAVE_TILES_MAX {
                                { for vms.iter().map(|tile| match tile {
                                    Tile::Live(vm) => html! {
                                        <PodTile key={vm.name.clone()} vm={vm.clone()} compact={vms.len() > 6}
                                            selected={sel_pod == Some(vm.name.as_str())} tab_stop={tab_stop.as_deref() == Some(vm.name.as_str())}
                                            lang={lang} dispatch={d.clone()} />
                                    },
                                    Tile::Gone(name) => html! {
                                        <span key={name.clone()} class={classes!("pod", "gone", (vms.len() > 6).then_some("compact"))}
                                            title={tf(Key::PodGoneTile, lang, &[name])}>
                                            <span class="ico" aria-hidden="true">{ "∅" }</span>
                                            <span class="pname">{ view::suffix(name) }</span>
                                            <span class="pstat">{ t(Key::Gone, lang) }</span>
                                        </span>
                                    },
                                }) }
                            } else {
                                { wave_summary(&vms.iter().filter_map(|tile| match tile { Tile::Live(vm) => Some(vm.clone()), Tile::Gone(_) => None }).collect::<Vec<_>>(), lang) }
                            }
                        </span>
                    </li>
                }) }</>
            </ol>
        </article>
    }
}

/// parallelism, active, and what counts toward the Job's failure limit, with how it counts.
fn job_facts(j: &Job, pods: &[(&Pod, Rc<PodVm>)], lang: Lang) -> Html {
    let st = &j.status;
    let (text, hint) = match j.spec.backoff_limit_per_index {
        // backoffLimit is MaxInt32 then; the per-index limit is the one at work.
        Some(per_index) => {
            let failed = st
                .failed_indexes
                .as_deref()
                .filter(|f| !f.is_empty())
                .unwrap_or("—");
            let args: [&dyn std::fmt::Display; 5] = [
                &j.spec.parallelism(),
                &st.active,
                &st.failed,
                &failed,
                &per_index,
            ];
            (tf(Key::JobFactsPerIndex, lang, &args), None)
        }
        // pastBackoffLimitOnFailure (job_controller.go): with OnFailure the restarts of
        // running and pending pods count toward the limit.
        None if j.spec.template.spec.restart_policy == "OnFailure" => {
            let restarts: i32 = pods
                .iter()
                .filter(|(p, _)| matches!(p.status.phase.as_str(), "Running" | "Pending"))
                .flat_map(|(p, _)| {
                    p.status
                        .container_statuses
                        .iter()
                        .chain(&p.status.init_container_statuses)
                        .map(|c| c.restart_count)
                })
                .sum();
            let args: [&dyn std::fmt::Display; 5] = [
                &j.spec.parallelism(),
                &st.active,
                &restarts,
                &j.spec.backoff_limit(),
                &st.failed,
            ];
            (
                tf(Key::JobFactsOnFailure, lang, &args),
                Some(t(Key::JobFactsOnFailureHint, lang)),
            )
        }
        None => {
            let args: [&dyn std::fmt::Display; 4] = [
                &j.spec.parallelism(),
                &st.active,
                &st.failed,
                &j.spec.backoff_limit(),
            ];
            (
                tf(Key::JobFacts, lang, &args),
                Some(t(Key::JobFactsHint, lang)),
            )
        }
    };
    html! { <span class="facts" title={hint}>{ text }</span> }
}

/// A big wave: how many of its pods are in each state, icon and number.
fn wave_summary(vms: &[Rc<PodVm>], lang: Lang) -> Html {
    let looks = [
        Look::Pending,
        Look::Creating,
        Look::Running,
        Look::Succeeded,
        Look::Failed,
        Look::CrashLoop,
        Look::Terminating,
        Look::Other,
    ];
    html! {
        <span class="summary">
            { for looks.iter().filter_map(|l| {
                let n = vms.iter().filter(|v| v.look == *l).count();
                (n > 0).then(|| html! {
                    <span class={classes!("count", l.class())} title={tf(Key::PodsInState, lang, &[&n, &legend_word(*l)])}>
                        <span aria-hidden="true">{ l.icon() }</span>{ format!(" {n}") }
                    </span>
                })
            }) }
        </span>
    }
}

/// One Job run of a CronJob, from the store and the CronJob's Events.
struct Run {
    name: String,
    created: Time,
    ended: Option<Time>,
    status: &'static str,
    /// `kubectl create job --from=cronjob/…` (its `cronjob.kubernetes.io/instantiate: manual`).
    manual: bool,
    /// The Job's uid, once known (a name may come back: a manual run deleted and made again).
    uid: String,
}

/// A CronJob run's state in words (`data-status` keeps the English word).
fn run_word(status: &str, lang: Lang) -> &'static str {
    t(
        match status {
            "Running" => Key::RunRunning,
            "Complete" => Key::RunComplete,
            "Replaced" => Key::RunReplaced,
            "Complete, deleted" => Key::RunCompleteDeleted,
            "Failed, deleted" => Key::RunFailedDeleted,
            "Deleted" => Key::RunDeleted,
            "Suspended" => Key::RunSuspended,
            "FailureTarget" => Key::RunFailureTarget,
            "SuccessCriteriaMet" => Key::RunSuccessCriteriaMet,
            "Terminating" => Key::RunTerminating,
            _ => Key::RunFailed,
        },
        lang,
    )
}

/// Lanes a CronJob card shows under the enlarged loop: the newest, beside the decisions.
const DOCKED_LANES: usize = 3;
/// Lanes a CronJob card shows otherwise: the newest; earlier ones in the window are counted.
const SHOWN_LANES: usize = 6;

fn cron_card(
    cj: &CronJob,
    sim: &Simulation,
    start: Time,
    docked: bool,
    lang: Lang,
    d: &Callback<Msg>,
) -> Html {
    let now = sim.now();
    let name = &cj.metadata.name;
    let created = cj.metadata.creation_timestamp.unwrap_or(now);
    let schedule = cron::parse_for_cronjob(&cj.spec.schedule, cj.spec.time_zone.as_deref()).ok();
    let every = schedule
        .as_ref()
        .and_then(|s| s.every_seconds())
        .filter(|d| *d > 0);
    // The window holds about three runs: 6 minutes for a schedule of every minute or two, a
    // few hours for an hourly one, three days for a nightly one (at most a week), so its
    // ticks and lanes are in view; the clock stands a sixth from its right edge.
    // The typical gap: the upper median of the first eight after the creation, so the axis
    // stays put as the clock moves (`0 9 * * 1-5`: a day, not the weekend's three).
    let interval = match (&schedule, every) {
        (_, Some(secs)) => Duration(secs.saturating_mul(1000)),
        (Some(s), None) => {
            let mut at = created.to_chrono();
            let mut gaps: Vec<i64> = Vec::with_capacity(8);
            let mut last: Option<Time> = None;
            for _ in 0..9 {
                let Some(next) = s.next(&at) else { break };
                let t = Time::from_chrono(&next);
                if let Some(l) = last {
                    gaps.push((t - l).0);
                }
                last = Some(t);
                at = next;
            }
            crate::sort::sort(&mut gaps);
            gaps.get(gaps.len() / 2).map_or(AXIS, |g| Duration(*g))
        }
        (None, None) => AXIS,
    };
    let axis = Duration(interval.0.saturating_mul(3))
        .max(AXIS)
        .min(Duration::from_secs(7 * 24 * 3600));
    let lead = Duration(axis.0 / 6);
    let w1 = (now + lead).max(start + axis);
    let w0 = w1 - axis;
    let pos = |t: Time| -> f64 { ((t - w0).0 as f64 * 100.0 / axis.0 as f64).clamp(0.0, 100.0) };
    // Ticks: the schedule's fire times inside the window. `@every` counts on from the
    // creation (each scheduled time is on that grid), not from the window's start.
    let mut ticks = Vec::new();
    if let (Some(s), Some(_)) = (&schedule, every) {
        let before = (w0 - Duration::from_millis(1)).to_chrono();
        ticks = s
            .upcoming_from(Some(created.to_chrono()), &before, 121)
            .iter()
            .map(Time::from_chrono)
            .filter(|t| *t >= w0 && *t <= w1 && *t > created)
            .collect();
    } else if let Some(s) = &schedule {
        let mut cur = (w0 - Duration::from_secs(1)).to_chrono();
        for _ in 0..120 {
            match s.next(&cur) {
                Some(t) if Time::from_chrono(&t) <= w1 => {
                    // Not one a moment before the window (it would stand at its edge).
                    if Time::from_chrono(&t) >= w0 {
                        ticks.push(Time::from_chrono(&t));
                    }
                    cur = t;
                }
                _ => break,
            }
        }
    }
    // How each Job ended, from its own Events (recordJobFinished, job_controller.go): a Job
    // the history limit deleted is gone from the store, and the CronJob's SawCompletedJob
    // never came (cleanupFinishedJobs runs before syncCronJob and drops it from status.active).
    let finished = |job: &str, since: Time| {
        sim.cluster
            .events
            .iter()
            .filter(|e| e.kind == crate::api::Kind::Job && e.name() == job && e.t >= since)
            .find_map(|e| match e.reason.as_ref() {
                "Completed" => Some((e.t, "Complete, deleted")),
                "BackoffLimitExceeded"
                | "DeadlineExceeded"
                | "PodFailurePolicy"
                | "MaxFailedIndexesExceeded"
                | "FailedIndexes" => Some((e.t, "Failed, deleted")),
                _ => None,
            })
    };
    // Runs from this object's Events (deleted Jobs included; a CronJob deleted and created
    // again is another object, with other Jobs), then the live Jobs' state.
    let uid = cj.metadata.uid.as_str();
    let mut runs: Vec<Run> = Vec::new();
    let mut marks: Vec<(Time, &'static str, String)> = Vec::new();
    for ev in sim
        .cluster
        .events
        .iter()
        .filter(|e| e.kind == crate::api::Kind::CronJob && e.uid() == uid)
    {
        match ev.reason.as_ref() {
            "SuccessfulCreate" => {
                if let Some(job) = ev.message().strip_prefix("Created job ") {
                    runs.push(Run {
                        name: job.to_string(),
                        created: ev.t,
                        ended: None,
                        status: "Running",
                        manual: false,
                        uid: String::new(),
                    });
                }
            }
            "SawCompletedJob" => {
                if let Some(rest) = ev.message().strip_prefix("Saw completed job: ") {
                    let (job, cond) = rest.split_once(", condition: ").unwrap_or((rest, ""));
                    if let Some(r) = runs.iter_mut().find(|r| r.name == job) {
                        r.ended = Some(ev.t);
                        r.status = if cond == "Failed" {
                            "Failed"
                        } else {
                            "Complete"
                        };
                    }
                }
            }
            "SuccessfulDelete" => {
                if let Some(job) = ev.message().strip_prefix("Deleted job ") {
                    if let Some(r) = runs.iter_mut().find(|r| r.name == job) {
                        if r.ended.is_none() {
                            // Deleted by the history limit once finished, or while it ran
                            // (concurrencyPolicy Replace).
                            let (ended, status) =
                                finished(job, r.created).unwrap_or((ev.t, "Replaced"));
                            r.ended = Some(ended);
                            r.status = status;
                        } else {
                            r.status = if r.status == "Failed" {
                                "Failed, deleted"
                            } else {
                                "Complete, deleted"
                            };
                        }
                    }
                }
            }
            // A running Job deleted by someone else: the controller drops it from status.active.
            "MissingJob" => {
                if let Some(job) = ev.message().strip_prefix("Active job went missing: ") {
                    if let Some(r) = runs.iter_mut().find(|r| r.name == job && r.ended.is_none()) {
                        let (ended, status) = finished(job, r.created).unwrap_or((ev.t, "Deleted"));
                        r.ended = Some(ended);
                        r.status = status;
                    }
                }
            }
            // Every sync while the Job runs refuses the same unmet time again (a pod's change
            // wakes it): one mark on that tick (the latest at or before the Event), not one per
            // Event (syncCronJob, the Forbid branch).
            "JobAlreadyActive" => {
                let tick = ticks.iter().rev().find(|t| **t <= ev.t).copied();
                if let Some(tick) = tick {
                    if !marks
                        .iter()
                        .any(|(at, c, _)| *at == tick && *c == "skipped")
                    {
                        marks.push((tick, "skipped", t(Key::SkippedForbid, lang).into()));
                    }
                }
            }
            "MissSchedule" => marks.push((ev.t, "missed", ev.message().to_string())),
            _ => {}
        }
    }
    // Every Job this CronJob controlled, gone ones too: a manual run has no SuccessfulCreate
    // Event, and a Job the TTL controller, the garbage collector or a user deleted left none
    // of the CronJob's.
    for h in sim
        .cluster
        .store
        .cronjob_runs
        .iter()
        .filter(|h| h.cronjob_uid == uid)
    {
        let i = match runs
            .iter()
            .position(|r| r.name == h.name && r.uid.is_empty())
        {
            Some(i) => i,
            None => {
                runs.push(Run {
                    name: h.name.clone(),
                    created: h.created,
                    ended: None,
                    status: "Running",
                    manual: false,
                    uid: String::new(),
                });
                runs.len() - 1
            }
        };
        let r = &mut runs[i];
        r.manual = h.manual;
        r.uid.clone_from(&h.uid);
        let Some((removed, end)) = h.removed else {
            continue;
        };
        if matches!(r.status, "Running" | "Complete" | "Failed") {
            (r.ended, r.status) = match end {
                Some((at, failed)) => (
                    r.ended.or(Some(at)),
                    if failed {
                        "Failed, deleted"
                    } else {
                        "Complete, deleted"
                    },
                ),
                None => (Some(removed), "Deleted"),
            };
        }
    }
    crate::sort::sort_by_key(&mut runs, |r| r.created);
    for r in runs.iter_mut() {
        let live = sim.cluster.store.get::<Job>(&r.name).filter(|j| {
            j.metadata.controller_of().is_some_and(|o| o.uid == uid)
                && (r.uid.is_empty() || r.uid == j.metadata.uid)
        });
        if let Some(j) = live {
            // The live Job's own STATUS word, as `kubectl get jobs` prints it (printJob).
            match kubectl::job_status(j) {
                s @ ("Complete" | "Failed") => {
                    r.status = s;
                    r.ended = r.ended.or(j.status.completion_time).or(Some(now));
                }
                s @ ("Suspended" | "FailureTarget" | "SuccessCriteriaMet" | "Terminating") => {
                    r.status = s;
                }
                _ => {}
            }
        }
    }
    // A past tick without its Job (`NAME-<minutes since the epoch>`, cronjob_controllerv2.go
    // getJobName): skipped by Forbid, missed while the controller manager was down (only the
    // latest missed tick is started late), suspended, or before the CronJob existed.
    // The first schedule is the first tick after the creation (robfig/cron `Next` is strictly
    // later), so a tick at the creation instant was never due.
    let job_of = |tick: Time| format!("{name}-{}", tick.0.div_euclid(60_000));
    // An `@every` tick in the minute of the one before it: that Job has its name, so the
    // create is refused (AlreadyExists) and this tick runs nothing.
    let name_taken = |tick: Time| {
        every.is_some_and(|secs| {
            let prev = tick - Duration(secs.saturating_mul(1000));
            prev > created && prev.0.div_euclid(60_000) == tick.0.div_euclid(60_000)
        })
    };
    let no_run = |tick: Time| {
        let job = job_of(tick);
        tick < now && tick > created && (name_taken(tick) || !runs.iter().any(|r| r.name == job))
    };
    // A tick Forbid skipped whose Job still ran (started late, once the running one ended:
    // its schedule was still the most recent unmet one) is marked late, not skipped.
    for (at, c, m) in marks.iter_mut() {
        let job = job_of(*at);
        if *c == "skipped" && runs.iter().any(|r| r.name == job) {
            *c = "late";
            *m = t(Key::StartedLateForbid, lang).into();
        }
    }
    // The controller manager's outages as the simulation recorded them (the part up to now).
    let outages: Vec<(Time, Time)> = sim
        .controller_outages()
        .iter()
        .map(|(from, back)| (*from, (*back).min(now)))
        .filter(|(from, back)| from < back || *from == now)
        .collect();
    let outage_of = |tick: Time| {
        outages
            .iter()
            .find(|(from, back)| tick >= *from && tick < *back)
    };
    // Any other run created a second or more after its schedule (its name holds the scheduled
    // minute): late because the controller manager was down then, else just late.
    // The scheduled time is the live Job's annotation; of a deleted one, its name's minute
    // (a cron schedule fires on whole minutes), or for `@every` the tick of that name.
    let prefix = format!("{name}-");
    for r in runs.iter().filter(|r| !r.manual) {
        let annotated = sim.cluster.store.get::<Job>(&r.name).and_then(|j| {
            let at = j.metadata.annotations.get(SCHEDULED_TIMESTAMP_ANNOTATION)?;
            Time::parse_rfc3339(at)
        });
        let named = || {
            let minute = r.name.strip_prefix(&prefix)?.parse::<i64>().ok()?;
            match every {
                None => Some(Time(minute.saturating_mul(60_000))),
                Some(_) => ticks.iter().copied().find(|t| job_of(*t) == r.name),
            }
        };
        let Some(scheduled) = annotated.or_else(named) else {
            continue;
        };
        let late = r.created - scheduled;
        let marked = marks
            .iter()
            .any(|(at, c, _)| *c == "late" && job_of(*at) == r.name);
        if late < Duration::from_secs(1) || marked {
            continue;
        }
        let late = kubectl::human_duration(late);
        let why = match outage_of(scheduled) {
            Some(_) => tf(Key::StartedLateOutage, lang, &[&late]),
            None => tf(Key::StartedLate, lang, &[&late]),
        };
        marks.push((scheduled, "late", why));
    }
    // Ticks that passed with no Job while the controller manager was down: missed.
    for tick in ticks.iter().filter(|tick| no_run(**tick)) {
        if let Some((from, back)) = outage_of(*tick) {
            let why = tf(
                Key::MissedOutage,
                lang,
                &[&view::hms(*tick), &view::hms(*from), &view::hms(*back)],
            );
            marks.push((*tick, "missed", why));
        }
    }
    // The outages on the axis: (from, back, left %, width %).
    let bands: Vec<(Time, Time, f64, f64)> = outages
        .iter()
        .filter(|(from, back)| *back > w0 && *from <= w1)
        .map(|(from, back)| {
            let l = pos(*from);
            (*from, *back, l, (pos(*back) - l).max(0.4))
        })
        .collect();
    let mut visible: Vec<&Run> = runs
        .iter()
        .filter(|r| r.ended.unwrap_or(now) >= w0 && r.created <= w1)
        .collect();
    // The newest lanes, the one starting at the clock among them; the older are counted
    // (a box that scrolled hid the newest below its fold).
    let keep = if docked { DOCKED_LANES } else { SHOWN_LANES };
    let earlier = visible.len().saturating_sub(keep);
    visible.drain(..earlier);
    let active = cj.status.active.len();
    let last = cj
        .status
        .last_schedule_time
        .map(|at| {
            // With its date on an axis of days (UTC, as the clock).
            let shown = if axis < Duration::from_secs(24 * 3600) {
                view::hms(at)
            } else {
                axis_label(at, axis, lang)
            };
            tf(Key::LastSchedule, lang, &[&shown])
        })
        .unwrap_or_else(|| t(Key::NotScheduledYet, lang).into());
    let mut describe = cron::describe(&cj.spec.schedule, lang.cron()).unwrap_or_default();
    // The words read the schedule in its time zone: name it.
    if let Some(tz) = cj.spec.time_zone.as_deref().filter(|z| !z.is_empty()) {
        match lang {
            Lang::Zh => describe.push_str(&format!("（时区 {tz}）")),
            _ => describe.push_str(&format!(" ({tz})")),
        }
    }
    let policy = if cj.spec.concurrency_policy.is_empty() {
        "Allow"
    } else {
        cj.spec.concurrency_policy.as_str()
    };
    let ns = namespace_flag(&cj.metadata.namespace);
    let select = |job: String| {
        let command = format!("kubectl get job {job}{ns}");
        d.reform(move |_: MouseEvent| Msg::Console(command.clone()))
    };
    html! {
        <article class="wl cronjob" aria-label={format!("CronJob {name}")} data-cronjob={name.clone()} data-runs={runs.len().to_string()}>
            <header>
                <span class="kind">{ "CronJob" }</span>
                <span class="wname">{ name }</span>
                <code class="expr">{ &cj.spec.schedule }</code>
                <span class="facts">{ tf(Key::CronFacts, lang, &[&describe, &policy, &active, &last]) }</span>
                if cj.spec.suspend == Some(true) { <span class="wstatus bad">{ t(Key::Suspended, lang) }</span> }
            </header>
            <div class="axis" aria-label={tf(Key::TimeAxis, lang, &[&view::hms(w0), &view::hms(w1)])}>
                <div class={classes!("ticks", (!bands.is_empty()).then_some("with-outage"))}>
                    { for bands.iter().map(|(from, back, l, w)| html! {
                        <span class="outage" style={format!("left: {l:.2}%; width: {w:.2}%")}
                            title={tf(Key::OutageBandTitle, lang, &[&view::hms(*from), &view::hms(*back)])}>
                            <span class="ol">{ t(Key::OutageBand, lang) }</span>
                        </span>
                    }) }
                    { for ticks.iter().map(|tick| html! {
                        <span class={classes!("tick", (*tick <= now).then_some("past"), no_run(*tick).then_some("norun"))} style={format!("left: {:.2}%", pos(*tick))}
                            title={match (no_run(*tick), outage_of(*tick)) {
                                (true, Some((from, back))) => tf(Key::MissedOutage, lang, &[&view::hms(*tick), &view::hms(*from), &view::hms(*back)]),
                                (true, None) if name_taken(*tick) => tf(Key::TickNameTaken, lang, &[&view::hms(*tick), &job_of(*tick)]),
                                (true, None) => tf(Key::TickNoRun, lang, &[&view::hms(*tick)]),
                                _ => tf(Key::ScheduledAt, lang, &[&view::hms(*tick)]),
                            }}>
                            <span class="tl">{ axis_label(*tick, axis, lang) }</span>
                        </span>
                    }) }
                    { for marks.iter().filter(|(at, _, _)| *at >= w0 && *at <= w1).map(|(at, c, m)| html! {
                        <span class={classes!("mark", *c)} style={format!("left: {:.2}%", pos(*at))} title={m.clone()}>
                            { match *c { "skipped" => "⊘", "late" => "↷", _ => "⚠" } }
                        </span>
                    }) }
                    <span class="now" style={format!("left: {:.2}%", pos(now))} title={t(Key::Now, lang)}></span>
                </div>
                // The marks in words, for a projector (their titles are hover-only).
                if marks.iter().any(|(at, _, _)| *at >= w0 && *at <= w1) || ticks.iter().any(|tick| no_run(*tick)) || !bands.is_empty() {
                    <p class="axis-legend">{ t(Key::CronLegend, lang) }</p>
                }
                // Focusable: on a narrow screen it scrolls sideways, by the arrow keys too.
                <ol class="lanes" tabindex="0" aria-label={t(Key::CronLanes, lang)}>
                    if visible.is_empty() { <li class="lane empty muted">{ t(Key::NoRunsYet, lang) }</li> }
                    if earlier > 0 && !docked { <li class="lane empty muted earlier-runs">{ tf(Key::EarlierRuns, lang, &[&earlier]) }</li> }
                    { for visible.iter().map(|r| {
                        let l = pos(r.created);
                        let w = (pos(r.ended.unwrap_or(now)) - l).max(1.2);
                        // Started before the window: the bar is cut at its left edge, and says so.
                        let clipped = r.created < w0;
                        let cls = match r.status { "Running" => "st-running", "Suspended" => "st-creating", "Complete" | "Complete, deleted" | "SuccessCriteriaMet" => "st-succeeded", "Replaced" | "Deleted" | "Terminating" => "st-terminating", _ => "st-failed" };
                        let icon = match r.status { "Running" => "▶", "Suspended" => "⏸", "Complete" | "Complete, deleted" | "SuccessCriteriaMet" => "✓", "Replaced" => "⇄", "Deleted" | "Terminating" => "■", _ => "✗" };
                        html! {
                            <li class="lane" data-cronjob-job={r.name.clone()} data-status={r.status} data-manual={r.manual.then_some("true")}>
                                <button type="button" class={classes!("run", cls, matches!(r.status, "Complete, deleted" | "Failed, deleted" | "Deleted").then_some("deleted"), r.manual.then_some("manual"), clipped.then_some("clipped"))}
                                    style={format!("margin-left: {l:.2}%; width: {w:.2}%")} onclick={select(r.name.clone())}
                                    title={tf(Key::RunTitle, lang, &[&r.name, &run_word(r.status, lang), &view::hms(r.created)])}>
                                    if clipped {
                                        <span class="before" aria-hidden="true" title={tf(Key::RunStartedBefore, lang, &[&view::hms(r.created)])}>{ "◂" }</span>
                                    }
                                    <span aria-hidden="true">{ icon }</span>
                                </button>
                                // The label follows the bar while about a quarter of the window is
                                // left after it; nearer the edge it goes before the bar.
                                <span class={classes!("lane-label", (l + w > 72.0 && l <= 25.0).then_some("on-bar"))}
                                    style={if l + w <= 72.0 {
                                        None
                                    } else if l > 25.0 {
                                        Some(format!("position: absolute; right: calc({:.2}% + 0.45rem)", 100.0 - l))
                                    } else {
                                        // No room before or after a bar across most of the window: over it.
                                        Some(format!("position: absolute; left: calc({l:.2}% + 1.6rem)"))
                                    }}>{ format!("{} {}", r.name, run_word(r.status, lang)) }
                                    if r.manual { { " · " }{ t(Key::RunManual, lang) } }
                                </span>
                            </li>
                        }
                    }) }
                </ol>
            </div>
        </article>
    }
}

/// `HH:MM` on the minute, else `HH:MM:SS`; on an axis of days, the day first (`Jan 2 18:30`,
/// `1月2日 18:30`; UTC, as the clock).
fn axis_label(t: Time, axis: Duration, lang: Lang) -> String {
    let s = view::hms(t);
    let hm = match s.strip_suffix(":00") {
        Some(hm) => hm.to_string(),
        None => s,
    };
    if axis < Duration::from_secs(24 * 3600) {
        return hm;
    }
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let d = t.to_chrono().date_naive();
    if lang == Lang::Zh {
        return format!("{}月{}日 {hm}", d.month(), d.day());
    }
    let month = MONTHS.get(d.month0() as usize).copied().unwrap_or("");
    format!("{month} {} {hm}", d.day())
}

/// Why the daemon pod on `node` is misscheduled (NodeShouldRunDaemonPod: it should not run
/// there), if there is one: kept when only a NoSchedule taint keeps new pods away, since
/// NoSchedule does not evict; otherwise the controller deletes it.
fn misscheduled(node: &Node, ds: &DaemonSet, has_pod: bool, lang: Lang) -> Option<String> {
    let should = node_should_run_daemon_pod(node, ds);
    if !has_pod || should.should_run {
        return None;
    }
    let spec = &ds.spec.template.spec;
    let taint = node
        .spec
        .taints
        .iter()
        .find(|t| t.effect == "NoSchedule" && !daemon_tolerates(spec, t));
    Some(match taint {
        Some(taint) if should.should_continue_running => tf(
            Key::DsKeptNoSchedule,
            lang,
            &[&format!("{}:{}", taint.key, taint.effect)],
        ),
        _ => t(Key::DsMisscheduledNode, lang).to_string(),
    })
}

fn ds_card(
    ds: &DaemonSet,
    pods: &[&Pod],
    sim: &Simulation,
    hashes: &HashMap<String, String>,
    lang: Lang,
) -> Html {
    let st = &ds.status;
    let current = hashes.get(&ds.metadata.uid).cloned().unwrap_or_default();
    let short = |h: &str| h.chars().take(5).collect::<String>();
    let strategy = &ds.spec.update_strategy;
    let rolling = strategy.type_.is_empty() || strategy.type_ == "RollingUpdate";
    let (max_unavail, max_surge) = strategy
        .rolling_update
        .as_ref()
        .map(|r| (r.max_unavailable.clone(), r.max_surge.clone()))
        .unwrap_or((None, None));
    let show = |v: &Option<IntOrString>, dflt: &str| match v {
        Some(IntOrString::Int(i)) => i.to_string(),
        Some(IntOrString::String(s)) => s.clone(),
        None => dflt.to_string(),
    };
    let strategy_text = if rolling {
        format!(
            "RollingUpdate · maxUnavailable {} · maxSurge {}",
            show(&max_unavail, "1"),
            show(&max_surge, "0")
        )
    } else {
        t(Key::OnDeleteText, lang).to_string()
    };
    // Per node: the revision of its daemon pod(s).
    let nodes: NodeRevisions = sim
        .nodes()
        .iter()
        .map(|n| {
            let revs = pods
                .iter()
                .filter(|p| p.spec.node_name == n.metadata.name)
                .map(|p| {
                    let h = p
                        .metadata
                        .labels
                        .get(CONTROLLER_REVISION_HASH)
                        .cloned()
                        .unwrap_or_default();
                    // Not ready: the legend's mark for the pod's status (as its tile shows it).
                    let mark = match kubectl::pod_status(p).as_str() {
                        _ if p.is_ready() && p.metadata.deletion_timestamp.is_none() => "",
                        "Terminating" => "⏏",
                        "CrashLoopBackOff" => "↻",
                        "Running" => "▶",
                        "Completed" => "✓",
                        s if s.contains("Error")
                            || s == "Failed"
                            || s.starts_with("Init:Error") =>
                        {
                            "✗"
                        }
                        _ => "◔",
                    };
                    (short(&h), h == current, mark)
                })
                .collect::<Vec<_>>();
            (
                n.metadata.name.clone(),
                misscheduled(n, ds, !revs.is_empty(), lang),
                revs,
            )
        })
        .map(|(n, m, revs)| (n, revs, m))
        .collect();
    html! {
        <article class="wl daemonset" aria-label={format!("DaemonSet {}", ds.metadata.name)} data-daemonset={ds.metadata.name.clone()}
            data-updated={st.updated_number_scheduled.to_string()} data-desired={st.desired_number_scheduled.to_string()}
            data-available={st.number_available.to_string()}>
            <header>
                <span class="kind">{ "DaemonSet" }</span>
                <span class="wname">{ &ds.metadata.name }</span>
                <span class="completions" title="UP-TO-DATE / DESIRED">{ tf(Key::UpToDate, lang, &[&st.updated_number_scheduled, &st.desired_number_scheduled]) }</span>
                { ds_bar(st.updated_number_scheduled, st.number_available, st.desired_number_scheduled.max(1), lang) }
                <span class="facts">
                    { tf(Key::DsFacts, lang, &[&st.desired_number_scheduled, &st.current_number_scheduled, &st.number_ready, &st.number_available, &st.number_unavailable]) }
                { " " }
                <span class={classes!("misscheduled", (st.number_misscheduled > 0).then_some("some"))} title={t(Key::DsMisscheduledHint, lang)}>
                    { tf(Key::DsMisscheduled, lang, &[&st.number_misscheduled]) }
                </span>
                </span>
            </header>
            <p class="facts">
                { strategy_text }{ " · " }
                <span class="rev-key rev-new">{ format!("■ {} {}", rev_word(true, lang), short(&current)) }</span>{ " " }
                <span class="rev-key rev-old">{ format!("▨ {}", rev_word(false, lang)) }</span>
            </p>
            <ol class="ds-nodes" aria-label={t(Key::RevisionPerNode, lang)}>
                { for nodes.iter().map(|(n, revs, kept)| html! {
                    <li data-node={n.clone()} class={classes!(revs.is_empty().then_some("none"), kept.is_some().then_some("misscheduled"))}
                        data-misscheduled={kept.is_some().then_some("true")}>
                        <span class="dn">{ n }</span>
                        if revs.is_empty() { <span class="muted">{ "—" }</span> }
                        { for revs.iter().map(|(h, new, mark)| {
                            let ready = mark.is_empty();
                            html! {
                            <span class={classes!("rev", if *new { "rev-new" } else { "rev-old" }, (!ready).then_some("unready"))}
                                title={tf(Key::RevisionTitle, lang, &[h, &rev_word(*new, lang), &t(if ready { Key::Ready } else { Key::NotReady }, lang)])}>
                                <span aria-hidden="true">{ format!("{} {h}{}{mark}", if *new { "■" } else { "▨" }, if ready { "" } else { " " }) }</span>
                                // The marks and the tooltip are not read out (a span is no
                                // focus stop): the same words as text.
                                <span class="sr-only">{ format!(" {}", tf(Key::RevisionTitle, lang, &[h, &rev_word(*new, lang), &t(if ready { Key::Ready } else { Key::NotReady }, lang)])) }</span>
                            </span>
                        }}) }
                        if let Some(why) = kept { <span class="kept">{ why }</span> }
                    </li>
                }) }
            </ol>
        </article>
    }
}
