//! Running a lesson's challenge: the learner's manifest (plus the lesson's scenario) runs in a
//! fresh simulation; `always` checks are evaluated after every step, the rest at the end.

use std::collections::{BTreeMap, BTreeSet};

use super::{Check, Lesson};
use crate::api::{parse_duration, DaemonSet, Duration, Job, Kind, Object, Pod, Time};
use crate::manifest::parse_manifests;
use crate::sim::scenario::parse_scenario;
use crate::sim::{SimConfig, Simulation};

#[derive(Clone, Debug, PartialEq)]
pub struct CheckOutcome {
    pub check: Check,
    pub passed: bool,
    /// What was observed (numbers, in English and Chinese).
    pub detail: super::Text,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CheckReport {
    pub passed: bool,
    pub outcomes: Vec<CheckOutcome>,
}

fn text(en: String, zh: String) -> super::Text {
    super::Text { en, zh }
}

/// Runs the challenge of `lesson` against `manifest` (the learner's YAML).
pub fn check(lesson: &Lesson, manifest: &str) -> CheckReport {
    let checks = &lesson.challenge.checks;
    let parsed = parse_manifests(manifest);
    let errors: Vec<String> = match &parsed {
        Ok(_) => Vec::new(),
        Err(e) => e.iter().map(|e| format!("{}:{}: {}", e.line, e.column, e.message)).collect(),
    };
    let objects = parsed.unwrap_or_default();
    let invalid = !errors.is_empty();
    let mut outcomes: Vec<CheckOutcome> = Vec::new();
    let first_error = errors.first().cloned().unwrap_or_default();
    if invalid {
        for c in checks {
            let (passed, detail) = match c {
                Check::Rejected { contains } => {
                    let hit = errors.iter().find(|e| e.contains(contains.as_str()));
                    (hit.is_some(), text(format!("rejected: {}", hit.unwrap_or(&first_error)), format!("被拒绝：{}", hit.unwrap_or(&first_error))))
                }
                _ => (false, text(format!("the manifest is invalid: {first_error}"), format!("清单无效：{first_error}"))),
            };
            outcomes.push(CheckOutcome { check: c.clone(), passed, detail });
        }
        return report(outcomes);
    }
    let actions = match lesson.challenge.scenario.as_ref().and_then(|f| lesson.files.get(f)) {
        Some(src) => match parse_scenario(src, &|_| Err("lesson scenarios cannot read files".into())) {
            Ok(a) => a,
            Err(e) => {
                let msg = e.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ");
                return report(checks.iter().map(|c| CheckOutcome { check: c.clone(), passed: false, detail: text(format!("lesson scenario is invalid: {msg}"), format!("课程场景无效：{msg}")) }).collect());
            }
        },
        None => Vec::new(),
    };
    let run = parse_duration(&lesson.challenge.run).unwrap_or(Duration::from_secs(600));
    let mut sim = Simulation::new(SimConfig::default());
    if !objects.iter().any(|o| matches!(o, Object::Node(_))) {
        sim.add_default_nodes();
    }
    let mut sorted = objects;
    sorted.sort_by_key(|o| !matches!(o, Object::Node(_)));
    for o in sorted {
        let _ = sim.apply(o);
    }
    let start = sim.cluster.start;
    let end = start + run;
    let mut watch = Watchers::new(checks);
    let mut pending = actions.into_iter().peekable();
    sim.run_until(start);
    watch.observe(&sim);
    loop {
        let next_action = pending.peek().map(|a| start + a.at);
        let next = [sim.next_due(), next_action].into_iter().flatten().min();
        let Some(t) = next.filter(|t| *t <= end) else { break };
        if next_action == Some(t) && sim.next_due().is_none_or(|d| d >= t) {
            sim.run_until(t);
            while pending.peek().is_some_and(|a| start + a.at <= t) {
                if let Some(a) = pending.next() {
                    let _ = sim.perform(&a.action);
                }
            }
        } else {
            sim.step();
        }
        watch.observe(&sim);
    }
    sim.run_until(end);
    watch.observe(&sim);
    for (i, c) in checks.iter().enumerate() {
        let (passed, detail) = final_check(c, &sim, &watch, i);
        outcomes.push(CheckOutcome { check: c.clone(), passed, detail });
    }
    report(outcomes)
}

fn report(outcomes: Vec<CheckOutcome>) -> CheckReport {
    CheckReport { passed: !outcomes.is_empty() && outcomes.iter().all(|o| o.passed), outcomes }
}

/// State the step-wise checks keep.
struct Watchers {
    /// Per check index: the worst value seen (max active pods, min available).
    worst: BTreeMap<usize, i64>,
    /// Per MinAvailable check: armed once every daemon pod was available.
    armed: BTreeSet<usize>,
    checks: Vec<Check>,
}

impl Watchers {
    fn new(checks: &[Check]) -> Self {
        Watchers { worst: BTreeMap::new(), armed: BTreeSet::new(), checks: checks.to_vec() }
    }

    fn observe(&mut self, sim: &Simulation) {
        for (i, c) in self.checks.iter().enumerate() {
            match c {
                Check::MaxActivePods { job, .. } => {
                    let active = sim
                        .cluster
                        .store
                        .list::<Pod>()
                        .filter(|p| p.metadata.controller_of().is_some_and(|o| o.kind == "Job" && &o.name == job))
                        .filter(|p| p.metadata.deletion_timestamp.is_none() && !matches!(p.status.phase.as_str(), "Succeeded" | "Failed"))
                        .count() as i64;
                    let w = self.worst.entry(i).or_insert(0);
                    *w = (*w).max(active);
                }
                Check::MinAvailable { daemonset, .. } => {
                    let Some(ds) = sim.cluster.store.get::<DaemonSet>(daemonset) else { continue };
                    let s = &ds.status;
                    if s.desired_number_scheduled > 0 && s.number_available >= s.desired_number_scheduled {
                        self.armed.insert(i);
                    }
                    if self.armed.contains(&i) {
                        let w = self.worst.entry(i).or_insert(i64::MAX);
                        *w = (*w).min(s.number_available as i64);
                    }
                }
                _ => {}
            }
        }
    }
}

fn job_creations(sim: &Simulation, job: &str) -> Vec<Time> {
    sim.cluster.events.iter().filter(|r| r.kind == Kind::Job && r.name == job && r.reason == "SuccessfulCreate").map(|r| r.t).collect()
}

fn final_check(c: &Check, sim: &Simulation, watch: &Watchers, i: usize) -> (bool, super::Text) {
    let store = &sim.cluster.store;
    let missing = |kind: &str, name: &str| (false, text(format!("no {kind} named {name:?}"), format!("没有名为 {name:?} 的 {kind}")));
    match c {
        Check::Valid => (true, text("the manifest is valid".into(), "清单有效".into())),
        Check::Rejected { contains } => (false, text(format!("the manifest was accepted, but it should be rejected ({contains:?})"), format!("清单被接受了，但它应被拒绝（{contains:?}）"))),
        Check::JobFinished { job, condition, reason } => {
            let Some(j) = store.get::<Job>(job) else { return missing("Job", job) };
            let got = j.status.finished_type().unwrap_or("—");
            let got_reason = j.status.condition(got).map(|c| c.reason.clone()).unwrap_or_default();
            let ok = got == condition && reason.as_ref().is_none_or(|r| *r == got_reason);
            (ok, text(format!("Job {job}: {got} {got_reason}"), format!("Job {job}：{got} {got_reason}")))
        }
        Check::JobCounts { job, succeeded, failed } => {
            let Some(j) = store.get::<Job>(job) else { return missing("Job", job) };
            let ok = succeeded.is_none_or(|s| s == j.status.succeeded) && failed.is_none_or(|f| f == j.status.failed);
            (ok, text(format!("succeeded {}, failed {}", j.status.succeeded, j.status.failed), format!("成功 {}，失败 {}", j.status.succeeded, j.status.failed)))
        }
        Check::JobWaves { job, at_most, exactly } => {
            let waves: BTreeSet<Time> = job_creations(sim, job).into_iter().collect();
            let n = waves.len();
            let ok = n > 0 && at_most.is_none_or(|m| n <= m) && exactly.is_none_or(|e| n == e);
            (ok, text(format!("pods were created in {n} wave(s)"), format!("Pod 分 {n} 批创建")))
        }
        Check::MaxActivePods { at_most, .. } => {
            let worst = watch.worst.get(&i).copied().unwrap_or(0);
            (worst > 0 && worst as usize <= *at_most, text(format!("at most {worst} pod(s) were active at once"), format!("同时最多 {worst} 个活跃 Pod")))
        }
        Check::FinishedWithin { job, within } => {
            let Some(j) = store.get::<Job>(job) else { return missing("Job", job) };
            let limit = parse_duration(within).unwrap_or(Duration::ZERO);
            let done = j.status.conditions.iter().find(|c| (c.type_ == "Complete" || c.type_ == "Failed") && c.status == "True").and_then(|c| c.last_transition_time);
            match (done, j.metadata.creation_timestamp) {
                (Some(d), Some(c)) => {
                    let took = d - c;
                    (took <= limit, text(format!("finished after {}s", took.whole_secs()), format!("{} 秒后结束", took.whole_secs())))
                }
                _ => (false, text("the Job has not finished".into(), "Job 尚未结束".into())),
            }
        }
        Check::Event { reason, object, present } => {
            let seen = sim.cluster.events.iter().any(|r| r.reason == reason.as_str() && object.as_ref().is_none_or(|o| *o == r.object()));
            let what = object.clone().unwrap_or_else(|| "any object".into());
            (seen == *present, if seen { text(format!("{reason} was recorded for {what}"), format!("{what} 记录了 {reason} 事件")) } else { text(format!("no {reason} event for {what}"), format!("{what} 没有 {reason} 事件")) })
        }
        Check::CronJobJobs { cronjob, existing, created } => {
            let Some(cj) = store.get::<crate::api::CronJob>(cronjob) else { return missing("CronJob", cronjob) };
            let have = store.dependents::<Job>(&cj.metadata.uid).len();
            let made = sim.cluster.events.iter().filter(|r| r.kind == Kind::CronJob && r.name == *cronjob && r.reason == "SuccessfulCreate").count();
            let ok = existing.is_none_or(|e| e == have) && created.is_none_or(|c| c == made);
            (ok, text(format!("{made} Job(s) created, {have} kept"), format!("共创建 {made} 个 Job，保留 {have} 个")))
        }
        Check::DaemonSetCounts { daemonset, desired, ready, updated } => {
            let Some(ds) = store.get::<DaemonSet>(daemonset) else { return missing("DaemonSet", daemonset) };
            let s = &ds.status;
            let ok = desired.is_none_or(|d| d == s.desired_number_scheduled) && ready.is_none_or(|r| r == s.number_ready) && updated.is_none_or(|u| u == s.updated_number_scheduled);
            (ok, text(format!("desired {}, ready {}, up-to-date {}", s.desired_number_scheduled, s.number_ready, s.updated_number_scheduled), format!("期望 {}，就绪 {}，已更新 {}", s.desired_number_scheduled, s.number_ready, s.updated_number_scheduled)))
        }
        Check::MinAvailable { at_least, .. } => match watch.worst.get(&i) {
            Some(&w) => (w >= *at_least as i64, text(format!("never fewer than {w} available"), format!("可用数从未低于 {w}"))),
            None => (false, text("the daemon pods never all became available".into(), "守护 Pod 从未全部可用".into())),
        },
        Check::DaemonPodOnNode { daemonset, node, present } => {
            let Some(ds) = store.get::<DaemonSet>(daemonset) else { return missing("DaemonSet", daemonset) };
            let on = store.dependents::<Pod>(&ds.metadata.uid).iter().any(|p| p.spec.node_name == *node && p.metadata.deletion_timestamp.is_none());
            (on == *present, if on { text(format!("a daemon pod runs on {node}"), format!("{node} 上运行着守护 Pod")) } else { text(format!("no daemon pod on {node}"), format!("{node} 上没有守护 Pod")) })
        }
    }
}

/// The check in words, for the challenge panel.
pub fn describe(c: &Check, lang: &str) -> String {
    let zh = lang == "zh";
    match c {
        Check::Valid => if zh { "清单通过 API 服务器校验".into() } else { "the manifest passes API-server validation".into() },
        Check::Rejected { contains } => if zh { format!("API 服务器拒绝该清单（错误含 {contains:?}）") } else { format!("the API server rejects the manifest (error contains {contains:?})") },
        Check::JobFinished { job, condition, reason } => {
            let r = reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default();
            if zh { format!("Job {job} 以 {condition}{r} 结束") } else { format!("Job {job} ends {condition}{r}") }
        }
        Check::JobCounts { job, succeeded, failed } => {
            let mut parts = Vec::new();
            if let Some(s) = succeeded {
                parts.push(if zh { format!("成功 {s}") } else { format!("succeeded = {s}") });
            }
            if let Some(f) = failed {
                parts.push(if zh { format!("失败 {f}") } else { format!("failed = {f}") });
            }
            format!("Job {job}: {}", parts.join(", "))
        }
        Check::JobWaves { job, at_most, exactly } => match (exactly, at_most) {
            (Some(e), _) => if zh { format!("Job {job} 的 Pod 恰好分 {e} 批创建") } else { format!("Job {job} creates its pods in exactly {e} waves") },
            (None, Some(m)) => if zh { format!("Job {job} 的 Pod 最多分 {m} 批创建") } else { format!("Job {job} creates its pods in at most {m} waves") },
            _ => format!("Job {job}"),
        },
        Check::MaxActivePods { job, at_most } => if zh { format!("Job {job} 任何时刻活跃 Pod 不超过 {at_most} 个") } else { format!("never more than {at_most} active pods of Job {job}") },
        Check::FinishedWithin { job, within } => if zh { format!("Job {job} 在 {within} 内结束") } else { format!("Job {job} finishes within {within}") },
        Check::Event { reason, object, present } => {
            let o = object.clone().unwrap_or_default();
            match (present, zh) {
                (true, true) => format!("出现事件 {reason} {o}"),
                (true, false) => format!("an event {reason} {o}"),
                (false, true) => format!("不出现事件 {reason} {o}"),
                (false, false) => format!("no event {reason} {o}"),
            }
        }
        Check::CronJobJobs { cronjob, existing, created } => {
            let mut parts = Vec::new();
            if let Some(c) = created {
                parts.push(if zh { format!("共创建 {c} 个 Job") } else { format!("{c} Jobs created") });
            }
            if let Some(e) = existing {
                parts.push(if zh { format!("保留 {e} 个") } else { format!("{e} kept") });
            }
            format!("CronJob {cronjob}: {}", parts.join(", "))
        }
        Check::DaemonSetCounts { daemonset, desired, ready, updated } => {
            let mut parts = Vec::new();
            if let Some(d) = desired {
                parts.push(format!("DESIRED {d}"));
            }
            if let Some(r) = ready {
                parts.push(format!("READY {r}"));
            }
            if let Some(u) = updated {
                parts.push(format!("UP-TO-DATE {u}"));
            }
            format!("DaemonSet {daemonset}: {}", parts.join(", "))
        }
        Check::MinAvailable { daemonset, at_least } => if zh { format!("DaemonSet {daemonset} 的可用 Pod 始终不少于 {at_least} 个") } else { format!("DaemonSet {daemonset} never has fewer than {at_least} available pods") },
        Check::DaemonPodOnNode { daemonset, node, present } => match (present, zh) {
            (true, true) => format!("{node} 上运行 {daemonset} 的 Pod"),
            (true, false) => format!("a {daemonset} pod runs on {node}"),
            (false, true) => format!("{node} 上没有 {daemonset} 的 Pod"),
            (false, false) => format!("no {daemonset} pod on {node}"),
        },
    }
}
