//! The controller's own loop: the newest recorded `LoopStep`s of one controller laid out as its
//! five hops (watch event → work queue → sync → act → status update), the work queue's keys
//! (ready, and delayed with their due time) and the sync's decisions in words.
//!
//! When a hop gets a newer step its box is re-keyed, so its CSS pulse replays; the pulses are
//! staggered left to right, so a new round travels through the loop (no motion when the user
//! asks for reduced motion).

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::state::{Engine, Msg, SimKey};
use super::view;
use crate::api::{Duration, Time};
use crate::i18n::{t, tf, Key, Lang};
use crate::sim::cluster::{LoopStep, Step};
use crate::sim::Simulation;

/// Steps scanned back from the newest.
const SCAN: usize = 1_500;
const DECISIONS: usize = 6;

pub const CONTROLLERS: [(&str, &str); 8] = [
    ("job-controller", "Job"),
    ("cronjob-controller", "CronJob"),
    ("daemonset-controller", "DaemonSet"),
    ("ttl-after-finished-controller", "TTL"),
    ("garbage-collector", "GC"),
    ("pod-garbage-collector", "PodGC"),
    ("node-lifecycle-controller", "Node"),
    ("taint-eviction-controller", "Taint"),
];

#[derive(Properties)]
pub struct LoopProps {
    pub engine: Rc<RefCell<Engine>>,
    pub key_: SimKey,
    /// Whole virtual seconds: a delayed key's "in 5s" counts down with the clock, also while
    /// nothing else changes (a stopped controller manager).
    pub now_s: i64,
    pub filter: Rc<str>,
    /// Walking the loop: the recorded step shown as the newest (`Msg::LoopStep`).
    pub cursor: Option<usize>,
    /// Enlarged over the page (L).
    pub big: bool,
    /// Shown under the enlarged loop: the workloads it is acting on (a rollout's nodes, a
    /// Job's waves), so a projector shows cause and effect together.
    #[prop_or_default]
    pub dock: Html,
    /// Which shortcut keys act now (L , . declared and shown only then).
    pub keys: view::KeyMode,
    pub lang: Lang,
    pub dispatch: Callback<Msg>,
}

impl PartialEq for LoopProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.engine, &o.engine)
            && self.key_ == o.key_
            && self.now_s == o.now_s
            && self.filter == o.filter
            && self.cursor == o.cursor
            && self.big == o.big
            && self.dock == o.dock
            && self.keys == o.keys
            && self.lang == o.lang
            && self.dispatch == o.dispatch
    }
}

/// `auto`: of the controllers of the manifest's own workloads, the one that acted last. A
/// CronJob's Jobs are its own doing, so with only CronJobs it is the CronJob controller (its
/// ticks, skipped runs and history clean-up), not the Job controller that runs each Job.
pub(super) fn pick(filter: &str, steps: &[LoopStep], sim: &Simulation) -> &'static str {
    if let Some((c, _)) = CONTROLLERS.iter().find(|(c, _)| *c == filter) {
        return c;
    }
    let own_jobs = sim.jobs().iter().any(|j| {
        j.metadata
            .controller_of()
            .is_none_or(|o| o.kind != "CronJob")
    });
    let (cronjobs, daemonsets) = (!sim.cronjobs().is_empty(), !sim.daemonsets().is_empty());
    let wanted = [own_jobs || !cronjobs && !daemonsets, cronjobs, daemonsets];
    let candidates: Vec<&'static str> = CONTROLLERS[..3]
        .iter()
        .zip(wanted)
        .filter(|(_, w)| *w)
        .map(|((c, _), _)| *c)
        .collect();
    steps
        .iter()
        .rev()
        .take(SCAN * 4)
        .find_map(|s| candidates.iter().find(|c| **c == s.controller).copied())
        .or_else(|| candidates.first().copied())
        .unwrap_or("job-controller")
}

/// The object `ctrl` synced last (its queue key): the docked workloads show
/// that one of its kind, not every CronJob when two share the cluster.
pub(super) fn synced_key<'a>(steps: &'a [LoopStep], ctrl: &str) -> Option<&'a str> {
    steps.iter().rev().find_map(|s| match &s.step {
        Step::Sync { key } if s.controller == ctrl => Some(key.as_str()),
        _ => None,
    })
}

/// The selected controller's recorded steps, newest first, as (index among all steps, step).
fn steps_of<'a>(e: &'a Engine, filter: &str) -> (&'static str, Vec<(usize, &'a LoopStep)>) {
    let steps = &e.sim.cluster.loop_steps;
    let ctrl = pick(filter, steps, &e.sim);
    let mine = steps
        .iter()
        .enumerate()
        .rev()
        .take(SCAN)
        .filter(|(_, s)| s.controller == ctrl)
        .map(|(i, s)| (e.steps_dropped + i, s))
        .collect();
    (ctrl, mine)
}

/// Walking the loop one recorded step at a time: from `at` (None: the present) one step back
/// (-1; from the present, the newest step) or on (+1; past the newest, the present again:
/// None), or (0) to the first step of the instant shown, and from there to the first step of
/// the instant before (a Job's sync comes a second after the watch event that asked for it).
pub fn walk(e: &Engine, filter: &str, at: Option<usize>, dir: i8) -> Option<usize> {
    let (_, mine) = steps_of(e, filter);
    let newest = mine.first().map(|(i, _)| *i)?;
    let first_of = |t: Time| mine.iter().rev().find(|(_, s)| s.t == t).map(|(i, _)| *i);
    match (dir, at) {
        (d, None) if d < 0 => Some(newest),
        (d, Some(at)) if d < 0 => mine
            .iter()
            .find(|(i, _)| *i < at)
            .map(|(i, _)| *i)
            .or(Some(at)),
        (0, None) => first_of(mine[0].1.t),
        (0, Some(at)) => {
            let t = mine.iter().find(|(i, _)| *i <= at).map(|(_, s)| s.t)?;
            match first_of(t) {
                Some(f) if f == at => {
                    let before = mine.iter().find(|(i, _)| *i < at).map(|(_, s)| s.t);
                    before.and_then(first_of).or(Some(at))
                }
                f => f,
            }
        }
        (_, None) => None,
        (_, Some(at)) => mine.iter().rev().find(|(i, _)| *i > at).map(|(i, _)| *i),
    }
}

struct Decision {
    id: usize,
    key: String,
    message: String,
    /// Clock of the newest and the oldest folded occurrence.
    last: String,
    first: String,
    times: usize,
    /// Followed by a create, delete or patch: not a resync that changed nothing, so not folded.
    acted: bool,
}

struct Hop {
    /// Absolute index of the newest step shown (re-keys the box).
    newest: Option<usize>,
    lines: Vec<Html>,
}

/// What a controller's sync reads from its informers' caches.
fn sync_reads(controller: &str) -> Key {
    match controller {
        "job-controller" => Key::SyncReadsJob,
        "cronjob-controller" => Key::SyncReadsCronJob,
        "daemonset-controller" => Key::SyncReadsDaemonSet,
        "ttl-after-finished-controller" => Key::SyncReadsTtl,
        "garbage-collector" => Key::SyncReadsGc,
        "pod-garbage-collector" => Key::SyncReadsPodGc,
        "node-lifecycle-controller" => Key::SyncReadsNodeLifecycle,
        "taint-eviction-controller" => Key::SyncReadsTaint,
        _ => Key::SyncReads,
    }
}

/// A walked step in words for the screen reader's announcement: the verbs the boxes show, and
/// Chinese punctuation in Chinese. A sync or a status write is named by its box's title, said
/// before it ("sync: worker-1", not "sync: sync worker-1").
fn spoken(step: &Step, lang: Lang) -> String {
    let zh_or = |zh: &str, en: &str| {
        if lang == Lang::Zh && !zh.is_empty() {
            zh.to_string()
        } else {
            en.to_string()
        }
    };
    let (colon, open, close) = match lang {
        Lang::Zh => ("：", "（", "）"),
        Lang::En => (": ", " (", ")"),
    };
    let verb = |k: Key| t(k, lang);
    match step {
        Step::Watch { event, object } => format!("{event} {object}"),
        Step::Enqueue { key, why, zh, .. } => format!("{key}{open}{}{close}", zh_or(zh, why)),
        Step::Sync { key } => key.clone(),
        Step::Decide { key, message, zh } => format!("{key}{colon}{}", zh_or(zh, message)),
        Step::Create { object } => format!("{} {object}", verb(Key::Create)),
        Step::Delete { object } => format!("{} {object}", verb(Key::DeleteVerb)),
        Step::Patch {
            object,
            summary,
            zh,
        } => format!(
            "{} {object}{colon}{}",
            verb(Key::PatchVerb),
            zh_or(zh, summary)
        ),
        Step::UpdateStatus { object, summary } => format!("{object}{colon}{summary}"),
    }
}

fn hop_title(hop: &str, lang: Lang) -> &'static str {
    t(
        match hop {
            "watch" => Key::HopWatch,
            "queue" => Key::HopQueue,
            "sync" => Key::HopSync,
            "decide" => Key::Decisions,
            "act" => Key::HopAct,
            _ => Key::HopStatus,
        },
        lang,
    )
}

fn t_of(t: Time, start: Time) -> String {
    view::clock(t - start)
}

/// A garbage-collector key with the owner's uid cut to its first 8 characters.
fn short_key(key: &str) -> String {
    match key.strip_prefix("uid/") {
        Some(uid) if uid.len() > 8 => format!("uid/{}…", uid.get(..8).unwrap_or(uid)),
        _ => key.to_string(),
    }
}

/// `Kind/name` with the name kept whole: a narrow hop box breaks before it, not inside it
/// (`Pod/paral-1-` / `rdx8c`).
/// A summary in a narrow hop box: it may break after `/ , = {`, and `.` or `:` not before a
/// digit (between a label's domain and name, before a timestamp), so a long name is not cut
/// mid-word.
fn soft(text: &str) -> Html {
    let mut parts: Vec<&str> = Vec::new();
    let mut from = 0;
    for (i, c) in text.char_indices() {
        // Not inside a time or a version (`00:04:02`, `1.20`).
        let digit_next = text[i + c.len_utf8()..].starts_with(|n: char| n.is_ascii_digit());
        if matches!(c, '/' | ',' | '=' | '{') || (matches!(c, '.' | ':') && !digit_next) {
            parts.push(&text[from..=i]);
            from = i + 1;
        }
    }
    parts.push(&text[from..]);
    html! { <>{ for parts.into_iter().map(|p| html! { <>{ p }<wbr/></> }) }</> }
}

fn obj(reference: &str) -> Html {
    match reference.split_once('/') {
        Some((kind, name)) => html! { <>{ kind }{ "/" }<wbr/><span class="nm">{ name }</span></> },
        None => html! { <span class="nm">{ reference }</span> },
    }
}

#[function_component(LoopView)]
pub fn loop_view(p: &LoopProps) -> Html {
    // Walked by key from anywhere on the page: the outlined box (or decision) comes into view.
    use_effect_with(p.cursor, |c| {
        let el = c.and_then(|_| web_sys::window()?.document()).and_then(|d| {
            d.query_selector("#loop .hop.current, #loop .decisions li.current")
                .ok()
                .flatten()
        });
        if let Some(el) = el {
            view::reveal(&el);
        }
    });
    let lang = p.lang;
    let e = p.engine.borrow();
    let sim = &e.sim;
    let start = e.start();
    let (ctrl, all) = steps_of(&e, &p.filter);
    // Walking the loop: the boxes and decisions as they were at the chosen step.
    let cursor = p.cursor.filter(|c| all.iter().any(|(i, _)| i == c));
    let mine: Vec<(usize, &LoopStep)> = match cursor {
        Some(c) => all.iter().filter(|(i, _)| *i <= c).copied().collect(),
        None => all.clone(),
    }; // newest first

    let mut watch = Hop {
        newest: None,
        lines: vec![],
    };
    let mut queue = Hop {
        newest: None,
        lines: vec![],
    };
    let mut sync = Hop {
        newest: None,
        lines: vec![],
    };
    let mut act = Hop {
        newest: None,
        lines: vec![],
    };
    let mut status = Hop {
        newest: None,
        lines: vec![],
    };
    let mut decisions: Vec<Decision> = Vec::new();
    let mut last_why: Option<(usize, String)> = None;
    let (mut act_batch, mut act_more) = (None, 0usize);
    // The kinds of the batch's objects not shown, with how many of each (in first-seen order).
    let mut act_more_kinds: Vec<(String, usize)> = Vec::new();
    let (mut status_batch, mut status_more) = (None, 0usize);
    // The newest watch line and how many times it came in a row (one write seen twice).
    let mut watch_last: Option<(String, usize)> = None;
    // Whether a create or delete came after the decision about to be read (steps run newest
    // first), and whether the decision list takes no more folds.
    let (mut acted, mut closed) = (false, false);
    for (i, s) in &mine {
        let at = t_of(s.t, start);
        match &s.step {
            Step::Watch { event, object } if watch.lines.len() < 3 => {
                // The same event again at the same instant folds into "×N".
                let line = format!("{at} {event} {object}");
                if let Some((_, n)) = watch_last.as_mut().filter(|(l, _)| *l == line) {
                    *n += 1;
                    let times = format!(" ×{n}");
                    watch.lines.pop();
                    watch.lines.push(html! { <li><span class="t">{ at }</span>{ " " }<b>{ *event }</b>{ " " }{ obj(object) }<span class="muted">{ times }</span></li> });
                    continue;
                }
                watch_last = Some((line, 1));
                watch.newest.get_or_insert(*i);
                watch.lines.push(html! { <li><span class="t">{ at }</span>{ " " }<b>{ *event }</b>{ " " }{ obj(object) }</li> });
            }
            Step::Enqueue {
                key,
                after,
                why,
                zh,
            } if last_why.is_none() => {
                queue.newest.get_or_insert(*i);
                let when = after
                    .map(|a| {
                        // To the millisecond: a due time is often a whole second plus a
                        // delta (the CronJob's 100 ms, a rate limiter's 5 ms).
                        let after = tf(Key::After, lang, &[&view::clock_exact(a - start)]);
                        match lang {
                            Lang::Zh => format!("（{after}）"),
                            _ => format!(" ({after})"),
                        }
                    })
                    .unwrap_or_default();
                let why = if lang == Lang::Zh && !zh.is_empty() {
                    zh
                } else {
                    why
                };
                last_why = Some((*i, format!("{}{when} ← {why}", short_key(key))));
            }
            Step::Sync { key } if sync.lines.is_empty() => {
                sync.newest = Some(*i);
                let shown = short_key(key);
                sync.lines.push(html! { <li><span class="t">{ at }</span>{ " " }{ "sync(" }<wbr/>{ format!("\"{shown}\"): ") }{ t(sync_reads(ctrl), lang) }</li> });
            }
            Step::Create { .. } | Step::Delete { .. } | Step::Patch { .. } => {
                acted = true;
                // Only the newest batch (one instant): older creates belong to other syncs.
                if *act_batch.get_or_insert(s.t) != s.t {
                    continue;
                }
                if act.lines.len() >= 3 {
                    // The batch goes on: say how many more it has, of which kinds (4 creates
                    // show 3, "+2 more: 1 Pod, 1 ControllerRevision").
                    act_more += 1;
                    let object = match &s.step {
                        Step::Create { object } | Step::Delete { object } => object,
                        Step::Patch { object, .. } => object,
                        _ => continue,
                    };
                    let kind = object.split_once('/').map_or(object.as_str(), |(k, _)| k);
                    match act_more_kinds.iter_mut().find(|(k, _)| k == kind) {
                        Some((_, n)) => *n += 1,
                        None => act_more_kinds.push((kind.to_string(), 1)),
                    }
                    continue;
                }
                act.newest.get_or_insert(*i);
                act.lines.push(match &s.step {
                    Step::Create { object } => html! { <li class="create"><span class="t">{ at }</span>{ " " }{ "+ " }{ t(Key::Create, lang) }{ " " }{ obj(object) }</li> },
                    Step::Delete { object } => html! { <li class="delete"><span class="t">{ at }</span>{ " " }{ "− " }{ t(Key::DeleteVerb, lang) }{ " " }{ obj(object) }</li> },
                    Step::Patch { object, summary, zh } => {
                        let summary = if lang == Lang::Zh && !zh.is_empty() { zh } else { summary };
                        let colon = if lang == Lang::Zh { "：" } else { ": " };
                        html! { <li class="patch"><span class="t">{ at }</span>{ " " }{ "~ " }{ t(Key::PatchVerb, lang) }{ " " }{ obj(object) }{ colon }<code>{ soft(summary) }</code></li> }
                    }
                    _ => html! {},
                });
            }
            Step::UpdateStatus { object, summary } => {
                // The newest instant's writes (a node marked Unknown, then its pods not Ready).
                if *status_batch.get_or_insert(s.t) != s.t {
                    continue;
                }
                if status.lines.len() >= 3 {
                    status_more += 1;
                    continue;
                }
                status.newest.get_or_insert(*i);
                status.lines.push(html! { <li><span class="t">{ at }</span>{ " " }{ obj(object) }{ ": " }<code>{ soft(summary) }</code></li> });
            }
            Step::Decide { key, message, zh } => {
                let message = if lang == Lang::Zh && !zh.is_empty() {
                    zh
                } else {
                    message
                };
                // The same verdict again right before (a resync that changes nothing, neither
                // time followed by an action) folds into one line. Once the list is full and
                // another verdict came between, nothing older folds in.
                let full = decisions.len() >= DECISIONS;
                let did = std::mem::take(&mut acted);
                match decisions.last_mut() {
                    Some(d)
                        if !closed
                            && !did
                            && !d.acted
                            && d.key == *key
                            && d.message == *message =>
                    {
                        d.times += 1;
                        d.first = at;
                    }
                    _ if !full => decisions.push(Decision {
                        id: *i,
                        key: key.clone(),
                        message: message.clone(),
                        last: at.clone(),
                        first: at,
                        times: 1,
                        acted: did,
                    }),
                    _ => closed = true,
                }
            }
            _ => {}
        }
    }
    if status_more > 0 {
        let at = status_batch.map(|b| t_of(b, start)).unwrap_or_default();
        status.lines.push(
            html! { <li class="muted more">{ tf(Key::ActMore, lang, &[&status_more, &at]) }</li> },
        );
    }
    // The pod GC does write status: markFailedAndDeletePod marks a pod not ended Failed
    // before it deletes it (podgc/gc_controller.go).
    let no_status = match ctrl {
        "ttl-after-finished-controller" | "garbage-collector" => Some(Key::NoStatusWrites),
        "pod-garbage-collector" => Some(Key::NoStatusWritesPodGc),
        _ => None,
    };
    if let Some(k) = no_status.filter(|_| status.lines.is_empty()) {
        status
            .lines
            .push(html! { <li class="muted">{ t(k, lang) }</li> });
    }
    if act_more > 0 {
        let at = act_batch.map(|b| t_of(b, start)).unwrap_or_default();
        let kinds = act_more_kinds
            .iter()
            .map(|(k, n)| match lang {
                Lang::Zh => format!("{n} 个 {k}"),
                _ => format!("{n} {k}"),
            })
            .collect::<Vec<_>>()
            .join(if lang == Lang::Zh { "，" } else { ", " });
        act.lines.push(
            html! { <li class="muted more">{ tf(Key::ActMore, lang, &[&act_more, &at]) }{ if lang == Lang::Zh { "：" } else { ": " } }{ kinds }</li> },
        );
    }
    // The work queue: now, or walking, as the recorded adds and syncs left it at that step, as
    // client-go's delaying queue keeps it: a key is ready at most once, and may also wait in
    // the delay heap (its earliest due time) at the same time; a sync takes the ready one and
    // leaves the delayed one, which becomes ready when due.
    let now = sim.now();
    let q = sim.queues().into_iter().find(|(c, _, _)| *c == ctrl);
    // (ready keys, delayed keys with their due time, the time they are shown at)
    type Contents = (Vec<String>, Vec<(Time, String)>, Time);
    let contents: Option<Contents> = match q {
        _ if cursor.is_some() => {
            // (key, ready, earliest delayed due time), in order of first add.
            let mut keys: Vec<(String, bool, Option<Time>)> = Vec::new();
            let mut at = now;
            // The queue lives in the controller manager's memory: when it went down (and came
            // back to re-list) the keys were gone.
            let outages: Vec<usize> = e
                .sim
                .cluster
                .loop_steps
                .iter()
                .enumerate()
                .filter(|(_, s)| s.controller == "kube-controller-manager")
                .map(|(i, _)| e.steps_dropped + i)
                .collect();
            let mut last = None;
            for (i, s) in mine.iter().rev() {
                if outages
                    .iter()
                    .any(|o| *o < *i && last.is_none_or(|l| *o > l))
                {
                    keys.clear();
                }
                last = Some(*i);
                at = s.t;
                // The delay heap hands over what is due by now.
                for (_, ready, due) in keys.iter_mut() {
                    if due.is_some_and(|d| d <= at) {
                        *ready = true;
                        *due = None;
                    }
                }
                match &s.step {
                    Step::Enqueue { key, after, .. } => {
                        let i = match keys.iter().position(|(k, ..)| k == key) {
                            Some(i) => i,
                            None => {
                                keys.push((key.clone(), false, None));
                                keys.len() - 1
                            }
                        };
                        let entry = &mut keys[i];
                        match after.filter(|d| *d > at) {
                            None => entry.1 = true,
                            Some(d) => entry.2 = Some(entry.2.map_or(d, |e| e.min(d))),
                        }
                    }
                    Step::Sync { key } => {
                        if let Some(e) = keys.iter_mut().find(|(k, ..)| k == key) {
                            e.1 = false;
                        }
                    }
                    // The taint eviction controller's timed queue: a verdict on a pod ends its
                    // entry (deleted now, or cancelled: CancelWork, taint_eviction.go); a new
                    // schedule is the Enqueue after it.
                    Step::Decide { key, .. } if ctrl == "taint-eviction-controller" => {
                        let timed = format!("pod/{key}");
                        keys.retain(|(k, ..)| *k != timed);
                    }
                    _ => {}
                }
            }
            let ready = keys
                .iter()
                .filter(|(_, r, _)| *r)
                .map(|(k, ..)| short_key(k))
                .collect();
            let waiting = keys
                .iter()
                .filter_map(|(k, _, d)| Some(((*d)?, short_key(k))))
                .collect();
            Some((ready, waiting, at))
        }
        Some((_, ready, waiting)) => Some((ready, waiting, now)),
        None => None,
    };
    match contents {
        Some((ready, waiting, at)) => {
            if ready.is_empty() && waiting.is_empty() {
                queue
                    .lines
                    .push(html! { <li class="muted">{ t(Key::QueueEmpty, lang) }</li> });
            }
            for k in ready.iter().take(4) {
                queue
                    .lines
                    .push(html! { <li><span class="key ready">{ k }</span>{ " " }{ t(Key::QueueReady, lang) }</li> });
            }
            for (t, k) in waiting.iter().take(4) {
                let d: Duration = *t - at;
                // Exact: cronjob_controllerv2.go nextScheduleTimeDuration adds 100 ms, so the
                // 1:00 run's key is due at 1:00.1.
                let due = view::clock_exact(*t - start);
                // Past due: a stopped controller manager promotes nothing until it is back
                // (kubectl's "<invalid>" for a negative age means nothing here). Under a second
                // is "now" at the page's whole-second clock, not "in 0s".
                let when = if d.0 >= 1000 {
                    // As precise in both languages: kubectl's rounding, in words for Chinese.
                    let wait = crate::kubectl::human_duration(d);
                    let wait = match (lang, crate::api::parse_duration(&wait)) {
                        (Lang::Zh, Ok(r)) => crate::i18n::zh_duration(r.0),
                        _ => wait,
                    };
                    tf(Key::QueueDue, lang, &[&due, &wait])
                } else if sim.controllers_down() && d.0 <= 0 {
                    tf(Key::QueueOverdueDown, lang, &[&due])
                } else {
                    tf(Key::QueueDueNow, lang, &[&due])
                };
                queue.lines.push(html! {
                    <li class={classes!((d.0 <= 0).then_some("overdue"))}><span class="key delayed">{ k }</span>{ " " }{ when }</li>
                });
            }
        }
        None => queue.lines.push(html! { <li class="muted">{ t(if ctrl == "node-lifecycle-controller" { Key::QueueNodeLifecycle } else { Key::QueueHidden }, lang) }</li> }),
    }
    if let Some((_, why)) = &last_why {
        queue
            .lines
            .push(html! { <li class="why">{ t(Key::LastAdd, lang) }{ if lang == Lang::Zh { "" } else { " " } }{ why }</li> });
    }
    let down = sim.controllers_down();
    // Walking the loop: the step shown as the newest, the box it belongs to, and where it is
    // among the steps of its instant.
    // Whether a walk has happened since the page opened (its end is then announced).
    let walked = use_mut_ref(|| false);
    let walking = cursor.and_then(|c| {
        let (_, step) = all.iter().find(|(i, _)| *i == c)?;
        let same: Vec<usize> = all
            .iter()
            .filter(|(_, s)| s.t == step.t)
            .map(|(i, _)| *i)
            .collect();
        let n = same.iter().filter(|i| **i <= c).count();
        let hop = match &step.step {
            Step::Watch { .. } => "watch",
            Step::Enqueue { .. } => "queue",
            Step::Sync { .. } => "sync",
            Step::Decide { .. } => "decide",
            Step::Create { .. } | Step::Delete { .. } | Step::Patch { .. } => "act",
            Step::UpdateStatus { .. } => "status",
        };
        let past = (step.t != now).then(|| t_of(now, start));
        Some((
            hop,
            n,
            same.len(),
            t_of(step.t, start),
            c,
            past,
            spoken(&step.step, lang),
        ))
    });
    if walking.is_some() {
        *walked.borrow_mut() = true;
    }
    let walk_to = |dir: i8| p.dispatch.reform(move |_: MouseEvent| Msg::LoopStep(dir));
    let k = p.keys.letters;
    let (big_aks, big_kbd) = view::kbd(&[("L", "L", k)]);
    let (back_aks, back_kbd) = view::kbd(&[(",", ",", k)]);
    let (on_aks, on_kbd) = view::kbd(&[(".", ".", k)]);
    let idle_keys = match (k, lang) {
        (false, _) => "",
        (true, Lang::Zh) => "（, .）",
        (true, Lang::En) => " (, .)",
    };
    let idle = tf(Key::LoopWalkIdle, lang, &[&idle_keys]);

    let on_filter = {
        let d = p.dispatch.clone();
        Callback::from(move |ev: Event| {
            let el: HtmlSelectElement = ev.target_unchecked_into();
            d.emit(Msg::LoopFilter(el.value()));
        })
    };
    let hop = |n: usize, id: &str, title: &str, h: &Hop| {
        let k = format!("{id}-{}", h.newest.map_or(-1, |x| x as i64));
        let current = walking.as_ref().is_some_and(|(w, ..)| *w == id);
        // Enlarged, a box scrolls its text (styles: .loop.big .hop-box): a Tab stop, named
        // by its hop, so the keyboard scrolls it too.
        html! {
            <li class={classes!("hop", h.newest.is_none().then_some("idle"), current.then_some("current"))} id={format!("hop-{id}")}
                aria-current={current.then_some("step")}>
                <div key={k} class={classes!("hop-box", format!("d{n}"))} id={format!("hop-box-{id}")}
                    tabindex={p.big.then_some("0")} role={p.big.then_some("group")} aria-label={p.big.then(|| title.to_string())}>
                    <span class="hop-n" aria-hidden="true">{ n }</span>
                    <span class="hop-title">{ title }</span>
                    <ul>
                        { for h.lines.iter().cloned() }
                        // An idle box says so (a cluster with nothing to reconcile yet).
                        if h.lines.is_empty() { <li class="muted">{ t(Key::HopNothingYet, lang) }</li> }
                    </ul>
                </div>
            </li>
        }
    };
    html! {
        // Enlarged, a dialog but no modal one: the time bar above it stays usable (what it
        // covers is inert instead).
        <section class={classes!("panel", "loop", p.big.then_some("big"))} aria-labelledby="loop-h" id="loop"
            role={p.big.then_some("dialog")}>
            <div class="panel-head">
                <h2 id="loop-h" tabindex="-1">{ t(Key::ControllerLoop, lang) }</h2>
                <label>
                    <span class="sr-only">{ t(Key::Controller, lang) }</span>
                    <select id="loop-filter" onchange={on_filter}>
                        <option value="auto" selected={&*p.filter == "auto"}>{ tf(Key::AutoController, lang, &[&ctrl]) }</option>
                        { for CONTROLLERS.iter().map(|(c, _)| html! { <option value={*c} selected={&*p.filter == *c}>{ *c }</option> }) }
                    </select>
                </label>
                // The label says what a press does (Enlarge / Smaller), so no aria-pressed: a
                // pressed "Smaller" would read as "smaller is on" (WAI-ARIA APG button pattern).
                <button type="button" id="loop-big" class="chip-btn" aria-keyshortcuts={big_aks} data-kbd={big_kbd.clone()}
                    title={view::with_keys(t(if p.big { Key::ShrinkHint } else { Key::EnlargeHint }, lang), big_kbd.as_deref(), lang)} onclick={p.dispatch.reform(|_: MouseEvent| Msg::ToggleLoopBig)}>
                    <span aria-hidden="true">{ if p.big { "⤡ " } else { "⤢ " } }</span>{ t(if p.big { Key::Shrink } else { Key::Enlarge }, lang) }
                </button>
            </div>
            if down { <p class="down-banner">{ t(Key::LoopDown, lang) }</p> }
            <div class="loop-walk" id="loop-walk">
                <button type="button" class="chip-btn" id="loop-walk-first" onclick={walk_to(0)} aria-label={t(Key::LoopWalkFirst, lang)}
                    title={t(Key::LoopWalkFirstHint, lang)} disabled={all.is_empty()}>{ "⇤" }</button>
                <button type="button" class="chip-btn" id="loop-walk-back" onclick={walk_to(-1)} aria-keyshortcuts={back_aks} data-kbd={back_kbd.clone()}
                    title={view::with_keys(t(Key::LoopWalkBackHint, lang), back_kbd.as_deref(), lang)} aria-label={t(Key::LoopWalkBackName, lang)} disabled={all.is_empty()}><span aria-hidden="true">{ "◀ " }</span>{ t(Key::LoopWalkBack, lang) }</button>
                <button type="button" class="chip-btn" id="loop-walk-on" onclick={walk_to(1)} aria-keyshortcuts={on_aks} data-kbd={on_kbd.clone()}
                    title={view::with_keys(t(Key::LoopWalkOnHint, lang), on_kbd.as_deref(), lang)} aria-label={t(Key::LoopWalkOnName, lang)} disabled={cursor.is_none()}>{ t(Key::LoopWalkOn, lang) }<span aria-hidden="true">{ " ▶" }</span></button>
                if let Some((_, n, of, at, c, past, _)) = &walking {
                    <span class="walk-at" id="loop-walk-at" data-step={c.to_string()}>
                        { tf(Key::LoopWalkAt, lang, &[n, of, at]) }
                        if let Some(now) = past {
                            <span class="muted">{ tf(Key::LoopWalkPast, lang, &[now]) }</span>
                        }
                    </span>
                    <button type="button" class="chip-btn" id="loop-live" onclick={p.dispatch.reform(|_: MouseEvent| Msg::LoopLive)}>
                        { "● " }{ t(Key::LoopLive, lang) }
                    </button>
                } else {
                    <span class="walk-at muted">{ idle.clone() }</span>
                }
            </div>
            // Always in the page, so a screen reader hears each walked step (a region inserted
            // with its text is often not read): where it is, which hop, what it did.
            <p class="sr-only" id="loop-walk-news" aria-live="polite">
                { walking.as_ref().map(|(hop, n, of, at, _, _, words)| {
                    let colon = if lang == Lang::Zh { "：" } else { ": " };
                    format!("{} · {}{colon}{words}", tf(Key::LoopWalkStep, lang, &[n, of, at]), hop_title(hop, lang))
                }).unwrap_or_else(|| if *walked.borrow() {
                    // Leaving a walk is said too: the key that ended it did something.
                    idle.clone()
                } else {
                    String::new()
                }) }
            </p>
            <ol class="hops">
                { hop(1, "watch", t(Key::HopWatch, lang), &watch) }
                { hop(2, "queue", t(Key::HopQueue, lang), &queue) }
                { hop(3, "sync", t(Key::HopSync, lang), &sync) }
                { hop(4, "act", t(Key::HopAct, lang), &act) }
                { hop(5, "status", t(Key::HopStatus, lang), &status) }
            </ol>
            <h3 class="sub">{ t(Key::Decisions, lang) }</h3>
            <ol class="decisions" id="decisions">
                if decisions.is_empty() { <li class="muted">{ t(Key::NoneYet, lang) }</li> }
                <>{ for decisions.iter().enumerate().map(|(n, d)| html! {
                    <li key={d.id.to_string()} class={classes!((n == 0 && walking.as_ref().is_some_and(|(w, ..)| *w == "decide")).then_some("current"))}>
                        <span class="t">{ if d.times > 1 && d.first != d.last { format!("{}–{}", d.first, d.last) } else { d.last.clone() } }</span>
                        if !d.key.is_empty() { <code>{ short_key(&d.key) }</code>{ ": " } }
                        { &d.message }
                        if d.times > 1 { <span class="times">{ format!(" ×{}", d.times) }</span> }
                    </li>
                }) }</>
            </ol>
            if p.big { <div class="loop-dock">{ p.dock.clone() }</div> }
        </section>
    }
}
