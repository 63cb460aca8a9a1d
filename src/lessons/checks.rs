//! Running a lesson's challenge: the learner's manifest (plus the lesson's scenario) runs in a
//! fresh simulation; `always` checks are evaluated after every step, the rest at the end.

use std::collections::{BTreeMap, BTreeSet};

use super::{Check, Lesson};
use crate::api::{
    parse_duration, CronJob, DaemonSet, Duration, Job, Kind, Node, Object, Pod, Time,
};
use crate::controllers::cronjob::SCHEDULED_TIMESTAMP_ANNOTATION;
use crate::manifest::{parse_documents, parse_manifests, validate_update, Parsed};
use crate::sim::logs::container_logs;
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
    /// The challenge scenario's actions that found nothing to act on, as `AT: error`: with
    /// the reference solution, a mistake of the lesson's author.
    pub unperformed: Vec<String>,
}

/// A duration in Chinese words, as the lessons write them: `51s` → `51 秒`, `10m` → `10 分钟`,
/// `4m30s` → `4 分 30 秒`, `1h` → `1 小时`. A text that is no duration is kept as it is.
pub fn zh_duration(s: &str) -> String {
    match parse_duration(s) {
        Ok(d) => crate::i18n::zh_duration(d.0),
        Err(_) => s.to_string(),
    }
}

/// A moment of the run in the units the checks' own limits are written in (`within: 1m55s`):
/// Go's `6m25s`, `1m0.1s`, and the same in Chinese words (`6 分 25 秒`, `1 分 0.1 秒`).
fn at_words(d: Duration) -> (String, String) {
    let ms = d.0.max(0);
    let (h, m, s, frac) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let secs = match frac {
        0 => s.to_string(),
        f => format!("{s}.{}", format!("{f:03}").trim_end_matches('0')),
    };
    let mut en = String::new();
    let mut zh = Vec::new();
    if h > 0 {
        en.push_str(&format!("{h}h"));
        zh.push(format!("{h} 小时"));
    }
    if h > 0 || m > 0 {
        en.push_str(&format!("{m}m"));
        zh.push(format!("{m} 分"));
    }
    en.push_str(&format!("{secs}s"));
    zh.push(format!("{secs} 秒"));
    (en, zh.join(" "))
}

/// "s" after a count other than one.
fn plural_s<N: PartialEq + From<u8>>(n: N) -> &'static str {
    if n == N::from(1) {
        ""
    } else {
        "s"
    }
}

fn text(en: String, zh: String) -> super::Text {
    super::Text { en, zh }
}

/// Why the DaemonSet controller does not want a pod on `node` (daemon_controller.go
/// NodeShouldRunDaemonPod), as a clause for a check's detail: the template's nodeSelector or
/// affinity, or the node's first taint the template does not tolerate.
fn why_no_daemon_pod(
    store: &crate::sim::store::Store,
    ds: &DaemonSet,
    node: &str,
) -> (String, String) {
    let Some(n) = store.get::<crate::api::Node>(node) else {
        return (
            format!(": there is no node {node}"),
            format!("：没有节点 {node}"),
        );
    };
    let spec = &ds.spec.template.spec;
    if !crate::sim::scheduler::node_matches_affinity(n, spec) {
        return (
            format!(
                ": the template's nodeSelector or node affinity does not match {node}'s labels"
            ),
            format!("：模板的 nodeSelector 或节点亲和性与 {node} 的标签不匹配"),
        );
    }
    let untolerated = n.spec.taints.iter().find(|t| {
        matches!(t.effect.as_str(), "NoSchedule" | "NoExecute")
            && !crate::controllers::daemonset::daemon_tolerates(spec, t)
    });
    match untolerated {
        Some(t) => {
            let taint = if t.value.is_empty() {
                format!("{}:{}", t.key, t.effect)
            } else {
                format!("{}={}:{}", t.key, t.value, t.effect)
            };
            (
                format!(": {node} has the taint {taint}, which the template's tolerations do not tolerate"),
                format!("：{node} 带有污点 {taint}，模板中没有能容忍它的容忍度"),
            )
        }
        None => (String::new(), String::new()),
    }
}

/// Runs the challenge of `lesson` against `manifest` (the learner's YAML).
pub fn check(lesson: &Lesson, manifest: &str) -> CheckReport {
    let checks = &lesson.challenge.checks;
    let parsed = parse_documents(manifest);
    let errors: Vec<String> = match &parsed {
        Ok(_) => Vec::new(),
        Err(e) => e
            .iter()
            .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
            .collect(),
    };
    if !errors.is_empty() {
        return rejected_report(checks, &errors, false);
    }
    let docs = parsed.unwrap_or_default();
    let fail_all = |en: String, zh: String| {
        report(
            checks
                .iter()
                .map(|c| CheckOutcome {
                    check: c.clone(),
                    passed: false,
                    detail: text(en.clone(), zh.clone()),
                })
                .collect(),
        )
    };
    let lesson_file = |name: &str| {
        lesson
            .files
            .get(name)
            .cloned()
            .ok_or_else(|| format!("{name}: not in the lesson folder"))
    };
    let actions = match lesson.challenge.scenario.as_ref() {
        Some(f) => match lesson_file(f).and_then(|src| {
            parse_scenario(&src, &lesson_file).map_err(|e| {
                e.iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
        }) {
            Ok(a) => a,
            Err(msg) => {
                return fail_all(
                    format!("lesson scenario is invalid: {msg}"),
                    format!("课程场景无效：{msg}"),
                )
            }
        },
        None => Vec::new(),
    };
    let baseline = match lesson.challenge.baseline.as_ref() {
        Some(f) => match lesson_file(f).map(|src| parse_manifests(&src)) {
            Ok(Ok(objs)) => objs,
            Ok(Err(e)) => {
                let msg = e
                    .first()
                    .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
                    .unwrap_or_default();
                return fail_all(
                    format!("lesson baseline {f} is invalid: {msg}"),
                    format!("课程基线 {f} 无效：{msg}"),
                );
            }
            Err(msg) => {
                return fail_all(
                    format!("lesson baseline: {msg}"),
                    format!("课程基线：{msg}"),
                )
            }
        },
        None => Vec::new(),
    };
    let apply_at = lesson
        .challenge
        .apply_at
        .as_deref()
        .and_then(|a| parse_duration(a).ok())
        .unwrap_or(Duration::ZERO);
    let run = parse_duration(&lesson.challenge.run).unwrap_or(Duration::from_secs(600));
    let mut sim = Simulation::new(SimConfig::default());
    if !baseline
        .iter()
        .chain(docs.iter().map(|d| &d.object))
        .any(|o| matches!(o, Object::Node(_)))
    {
        sim.add_default_nodes();
    }
    let mut sorted = baseline;
    crate::sort::sort_by_key(&mut sorted, |o| !matches!(o, Object::Node(_)));
    for o in sorted {
        // Applied before the learner's objects: a refusal is the lesson's own fault.
        if let Err(e) = sim.apply(o) {
            return fail_all(
                format!("lesson baseline cannot be applied: {e}"),
                format!("课程基线无法应用：{e}"),
            );
        }
    }
    let mut update_errors: Vec<String> = Vec::new();
    let mut learner = Some(docs);
    if apply_at == Duration::ZERO {
        if let Some(docs) = learner.take() {
            update_errors.extend(apply_learner(&mut sim, docs));
        }
    }
    let start = sim.cluster.start;
    let end = start + run;
    let mut watch = Watchers::new(checks, start);
    let mut pending = actions.into_iter().peekable();
    let mut unperformed: Vec<String> = Vec::new();
    sim.run_until(start);
    watch.observe(&sim);
    loop {
        let next_learner = learner.as_ref().map(|_| start + apply_at);
        let next_action = [pending.peek().map(|a| start + a.at), next_learner]
            .into_iter()
            .flatten()
            .min();
        let next = [sim.next_due(), next_action].into_iter().flatten().min();
        let Some(t) = next.filter(|t| *t <= end) else {
            break;
        };
        if next_action == Some(t) && sim.next_due().is_none_or(|d| d >= t) {
            sim.run_until(t);
            // The learner's apply comes first among the actions of its instant.
            if next_learner.is_some_and(|l| l <= t) {
                if let Some(docs) = learner.take() {
                    update_errors.extend(apply_learner(&mut sim, docs));
                }
            }
            while pending.peek().is_some_and(|a| start + a.at <= t) {
                if let Some(a) = pending.next() {
                    // An action on what the learner's manifest did not make (failing a pod of
                    // a Job it does not have) has nothing to act on: the checks say what is
                    // missing, so its error is not the learner's to read.
                    if let Err(e) = sim.perform(&a.action) {
                        let at = crate::kubectl::human_duration(a.at);
                        unperformed.push(format!("{at}: {e}"));
                    }
                }
            }
        } else {
            sim.step();
        }
        watch.observe(&sim);
    }
    sim.run_until(end);
    watch.observe(&sim);
    if !update_errors.is_empty() {
        return rejected_report(checks, &update_errors, true);
    }
    let mut outcomes: Vec<CheckOutcome> = Vec::new();
    for (i, c) in checks.iter().enumerate() {
        let (passed, detail) = final_check(c, &sim, &watch, i);
        outcomes.push(CheckOutcome {
            check: c.clone(),
            passed,
            detail,
        });
    }
    CheckReport {
        unperformed,
        ..report(outcomes)
    }
}

/// The outcome when the API server refused the manifest (or, `update`, the later apply of it
/// over running objects): only `rejected` checks can pass.
fn rejected_report(checks: &[Check], errors: &[String], update: bool) -> CheckReport {
    let first_error = errors.first().cloned().unwrap_or_default();
    let (en, zh) = if update {
        ("the update was rejected", "更新被拒绝")
    } else {
        ("the manifest is invalid", "清单无效")
    };
    let outcomes = checks
        .iter()
        .map(|c| {
            let (passed, detail) = match c {
                Check::Rejected { contains } => {
                    let hit = errors.iter().find(|e| e.contains(contains.as_str()));
                    let shown = hit.unwrap_or(&first_error);
                    (
                        hit.is_some(),
                        text(format!("rejected: {shown}"), format!("被拒绝：{shown}")),
                    )
                }
                _ => (
                    false,
                    text(
                        format!("{en}: {first_error}"),
                        format!("{zh}：{first_error}"),
                    ),
                ),
            };
            CheckOutcome {
                check: c.clone(),
                passed,
                detail,
            }
        })
        .collect();
    report(outcomes)
}

/// `kubectl apply` of the learner's objects onto the running cluster: an object that already
/// exists is validated as an update first. Returns the API server's refusals.
fn apply_learner(sim: &mut Simulation, docs: Vec<Parsed>) -> Vec<String> {
    let mut errors = Vec::new();
    let mut docs = docs;
    crate::sort::sort_by_key(&mut docs, |d| !matches!(d.object, Object::Node(_)));
    for d in docs {
        if let Some(old) = live(sim, d.object.kind(), d.object.name()) {
            let errs = validate_update(&old, &d);
            if !errs.is_empty() {
                errors.extend(
                    errs.iter()
                        .map(|e| format!("{}:{}: {}", e.line, e.column, e.message)),
                );
                continue;
            }
        }
        if let Err(e) = sim.apply(d.object) {
            errors.push(e);
        }
    }
    errors
}

/// The live object of this kind and name, if any.
fn live(sim: &Simulation, kind: Kind, name: &str) -> Option<Object> {
    let store = &sim.cluster.store;
    match kind {
        Kind::Job => store.get::<Job>(name).cloned().map(Object::Job),
        Kind::CronJob => store.get::<CronJob>(name).cloned().map(Object::CronJob),
        Kind::DaemonSet => store.get::<DaemonSet>(name).cloned().map(Object::DaemonSet),
        Kind::Node => store.get::<Node>(name).cloned().map(Object::Node),
        Kind::Pod => store.get::<Pod>(name).cloned().map(Object::Pod),
        _ => None,
    }
}

/// A duration to the second, its zero parts left out (`10m3s`, `10m`, `45s`): a verdict
/// against a limit must not round (kubectl's `10m` for 10m3s read as within 10m).
fn exact_duration(d: Duration) -> String {
    let s = d.whole_secs().max(0);
    let (h, m, s) = (s / 3600, s % 3600 / 60, s % 60);
    let mut out = String::new();
    for (n, unit) in [(h, "h"), (m, "m"), (s, "s")] {
        if n > 0 {
            out.push_str(&format!("{n}{unit}"));
        }
    }
    if out.is_empty() {
        out.push_str("0s");
    }
    out
}

/// The object's resourceVersion (None when it does not exist), without copying it.
fn resource_version(sim: &Simulation, kind: Kind, name: &str) -> Option<String> {
    let store = &sim.cluster.store;
    let rv = match kind {
        Kind::Job => &store.get::<Job>(name)?.metadata.resource_version,
        Kind::CronJob => &store.get::<CronJob>(name)?.metadata.resource_version,
        Kind::DaemonSet => &store.get::<DaemonSet>(name)?.metadata.resource_version,
        Kind::Node => &store.get::<Node>(name)?.metadata.resource_version,
        Kind::Pod => &store.get::<Pod>(name)?.metadata.resource_version,
        _ => return None,
    };
    Some(rv.clone())
}

/// `Kind/name` → (kind, name).
fn object_ref(s: &str) -> Option<(Kind, &str)> {
    let (k, n) = s.split_once('/')?;
    Some((Kind::parse(k)?, n))
}

/// Whether the pod's controller is the object `Kind/name`.
fn controlled_by(p: &Pod, kind: Kind, name: &str) -> bool {
    p.metadata
        .controller_of()
        .is_some_and(|o| o.kind == kind.as_str() && o.name == name)
}

fn report(outcomes: Vec<CheckOutcome>) -> CheckReport {
    CheckReport {
        passed: !outcomes.is_empty() && outcomes.iter().all(|o| o.passed),
        outcomes,
        unperformed: Vec::new(),
    }
}

/// State the step-wise checks keep.
struct Watchers {
    /// Per check index: the worst value seen (max active pods or Jobs, min available, max
    /// start delay in milliseconds).
    worst: BTreeMap<usize, i64>,
    /// Per MinAvailable check: armed once every daemon pod was available.
    armed: BTreeSet<usize>,
    /// Per Field check: the object's resourceVersion and the field's text when last seen, for
    /// an object gone by the end (a Job its TTL deleted still had its fields).
    last_field: BTreeMap<usize, (String, Result<String, String>)>,
    checks: Vec<Check>,
    start: Time,
}

impl Watchers {
    fn new(checks: &[Check], start: Time) -> Self {
        Watchers {
            worst: BTreeMap::new(),
            armed: BTreeSet::new(),
            last_field: BTreeMap::new(),
            checks: checks.to_vec(),
            start,
        }
    }

    fn observe(&mut self, sim: &Simulation) {
        let store = &sim.cluster.store;
        for (i, c) in self.checks.iter().enumerate() {
            match c {
                Check::MaxActivePods { job, since, .. } => {
                    let from = self.start
                        + since
                            .as_deref()
                            .and_then(|s| parse_duration(s).ok())
                            .unwrap_or(Duration::ZERO);
                    if sim.now() < from {
                        continue;
                    }
                    let active = store
                        .list::<Pod>()
                        .filter(|p| controlled_by(p, Kind::Job, job))
                        .filter(|p| p.metadata.deletion_timestamp.is_none() && !p.is_terminal())
                        .count() as i64;
                    let w = self.worst.entry(i).or_insert(0);
                    *w = (*w).max(active);
                }
                Check::Field { object, path, .. } => {
                    let Some((kind, name)) = object_ref(object) else {
                        continue;
                    };
                    let Some(rv) = resource_version(sim, kind, name) else {
                        continue;
                    };
                    if self.last_field.get(&i).is_some_and(|(seen, _)| *seen == rv) {
                        continue;
                    }
                    if let Some(o) = live(sim, kind, name) {
                        let got =
                            crate::kubectl::jsonpath_text(path, &crate::kubectl::api_value(&o));
                        self.last_field.insert(i, (rv, got));
                    }
                }
                // `armed`: the object was seen; `worst`: when it was first seen gone after.
                Check::Deleted { object, .. } => {
                    if self.worst.contains_key(&i) {
                        continue;
                    }
                    let here = object_ref(object).is_some_and(|(k, n)| {
                        live(sim, k, n).is_some_and(|o| o.metadata().deletion_timestamp.is_none())
                    });
                    if here {
                        self.armed.insert(i);
                    } else if self.armed.contains(&i) {
                        self.worst.insert(i, (sim.now() - self.start).0);
                    }
                }
                Check::MinAvailable { daemonset, .. } => {
                    let Some(ds) = store.get::<DaemonSet>(daemonset) else {
                        continue;
                    };
                    let s = &ds.status;
                    if s.desired_number_scheduled > 0
                        && s.number_available >= s.desired_number_scheduled
                    {
                        self.armed.insert(i);
                    }
                    if self.armed.contains(&i) {
                        let w = self.worst.entry(i).or_insert(i64::MAX);
                        *w = (*w).min(s.number_available as i64);
                    }
                }
                Check::MaxActiveJobs { cronjob, .. } => {
                    let active = store
                        .list::<Job>()
                        .filter(|j| {
                            j.metadata
                                .controller_of()
                                .is_some_and(|o| o.kind == "CronJob" && o.name == *cronjob)
                        })
                        .filter(|j| {
                            j.metadata.deletion_timestamp.is_none()
                                && j.status.finished_type().is_none()
                        })
                        .count() as i64;
                    let w = self.worst.entry(i).or_insert(0);
                    *w = (*w).max(active);
                }
                Check::MaxStartDelay { cronjob, .. } => {
                    for j in store.list::<Job>().filter(|j| {
                        j.metadata
                            .controller_of()
                            .is_some_and(|o| o.kind == "CronJob" && o.name == *cronjob)
                    }) {
                        let scheduled = j
                            .metadata
                            .annotations
                            .get(SCHEDULED_TIMESTAMP_ANNOTATION)
                            .and_then(|t| Time::parse_rfc3339(t));
                        if let (Some(s), Some(c)) = (scheduled, j.metadata.creation_timestamp) {
                            let w = self.worst.entry(i).or_insert(i64::MIN);
                            *w = (*w).max((c - s).0);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

fn job_creations(sim: &Simulation, job: &str) -> Vec<Time> {
    sim.cluster
        .events
        .iter()
        .filter(|r| r.kind == Kind::Job && r.name() == job && r.reason == "SuccessfulCreate")
        .map(|r| r.t)
        .collect()
}

fn final_check(c: &Check, sim: &Simulation, watch: &Watchers, i: usize) -> (bool, super::Text) {
    let store = &sim.cluster.store;
    let missing = |kind: &str, name: &str| {
        (
            false,
            text(
                format!("no {kind} named {name:?}"),
                format!("没有名为 {name:?} 的 {kind}"),
            ),
        )
    };
    match c {
        Check::Valid => (
            true,
            text("the manifest is valid".into(), "清单有效".into()),
        ),
        Check::Rejected { contains } => (
            false,
            text(
                format!("the manifest was accepted, but it should be rejected ({contains:?})"),
                format!("清单被接受了，但它应被拒绝（{contains:?}）"),
            ),
        ),
        Check::JobFinished {
            job,
            condition,
            reason,
        } => {
            let Some(j) = store.get::<Job>(job) else {
                return missing("Job", job);
            };
            let got = j.status.finished_type().unwrap_or("—");
            let got_reason = j
                .status
                .condition(got)
                .map(|c| c.reason.clone())
                .unwrap_or_default();
            let ok = got == condition && reason.as_ref().is_none_or(|r| *r == got_reason);
            if j.status.finished_type().is_none() {
                return (
                    false,
                    text(
                        format!("Job {job} has not finished"),
                        format!("Job {job} 尚未结束"),
                    ),
                );
            }
            (
                ok,
                text(
                    format!("Job {job}: {got} {got_reason}"),
                    format!("Job {job} 已结束：{got} {got_reason}"),
                ),
            )
        }
        Check::JobCounts {
            job,
            succeeded,
            failed,
        } => {
            let Some(j) = store.get::<Job>(job) else {
                return missing("Job", job);
            };
            let ok = succeeded.is_none_or(|s| s == j.status.succeeded)
                && failed.is_none_or(|f| f == j.status.failed);
            (
                ok,
                text(
                    format!(
                        "succeeded {}, failed {}",
                        j.status.succeeded, j.status.failed
                    ),
                    format!("成功 {}，失败 {}", j.status.succeeded, j.status.failed),
                ),
            )
        }
        Check::JobWaves {
            job,
            at_most,
            exactly,
        } => {
            let waves: BTreeSet<Time> = crate::sort::to_set(job_creations(sim, job));
            let n = waves.len();
            let ok = n > 0 && at_most.is_none_or(|m| n <= m) && exactly.is_none_or(|e| n == e);
            (
                ok,
                text(
                    format!("pods were created in {n} wave(s)"),
                    format!("Pod 分 {n} 批创建"),
                ),
            )
        }
        Check::MaxActivePods {
            job,
            at_most,
            since,
        } => {
            let worst = watch.worst.get(&i).copied().unwrap_or(0);
            let (from, from_zh) = since
                .as_ref()
                .map(|s| {
                    (
                        format!(" from {s} on"),
                        format!("从 {}起，", zh_duration(s)),
                    )
                })
                .unwrap_or_default();
            // None active at all says nothing about a limit: the Job never ran (or is
            // misnamed), which fails, said as such.
            if worst == 0 {
                let detail = match store.get::<Job>(job) {
                    // parallelism 0, suspended: nothing runs, so nothing gets done.
                    Some(_) => text(
                        format!("no pod of Job {job} was ever active{from}: with none running, its work is never done"),
                        format!("{from_zh}Job {job} 从未有活跃的 Pod：没有 Pod 运行，它的工作永远做不完"),
                    ),
                    None => text(
                        format!("no pod of Job {job} was ever active{from} (is the name right?)"),
                        format!("{from_zh}Job {job} 从未有活跃的 Pod（名字写对了吗？）"),
                    ),
                };
                return (false, detail);
            }
            (
                worst as usize <= *at_most,
                text(
                    format!("at most {worst} pod(s) were active at once{from}"),
                    format!("{from_zh}同时最多 {worst} 个活跃 Pod"),
                ),
            )
        }
        Check::FinishedWithin { job, within } => {
            let Some(j) = store.get::<Job>(job) else {
                return missing("Job", job);
            };
            let limit = parse_duration(within).unwrap_or(Duration::ZERO);
            let done = j
                .status
                .conditions
                .iter()
                .find(|c| (c.type_ == "Complete" || c.type_ == "Failed") && c.status == "True")
                .and_then(|c| c.last_transition_time);
            match (done, j.metadata.creation_timestamp) {
                (Some(d), Some(c)) => {
                    let took = d - c;
                    (
                        took <= limit,
                        text(
                            format!("finished after {}", exact_duration(took)),
                            format!("{}后结束", crate::i18n::zh_duration(took.0)),
                        ),
                    )
                }
                _ => (
                    false,
                    text("the Job has not finished".into(), "Job 尚未结束".into()),
                ),
            }
        }
        Check::Event {
            reason,
            object,
            present,
            within,
        } => {
            let target = object.as_deref().and_then(object_ref);
            let until = within
                .as_deref()
                .and_then(|w| parse_duration(w).ok())
                .map(|w| sim.cluster.start + w);
            let matching = |r: &&crate::sim::cluster::Recorded| {
                r.reason == reason.as_str()
                    && target.is_none_or(|(k, n)| r.kind == k && r.name() == n)
            };
            let first = sim.cluster.events.iter().find(matching);
            let seen = first.is_some_and(|r| until.is_none_or(|u| r.t <= u));
            let detail = match first {
                Some(r) => {
                    let (at, at_zh) = at_words(r.t - sim.cluster.start);
                    // The object it was recorded about, named even when the check named none.
                    let about = format!("{}/{}", r.kind, r.name());
                    text(
                        format!("{reason} was recorded for {about} at {at}"),
                        format!("{at_zh}时记录了关于 {about} 的 {reason} 事件"),
                    )
                }
                None => match object {
                    Some(o) => text(
                        format!("no {reason} event for {o}"),
                        format!("没有关于 {o} 的 {reason} 事件"),
                    ),
                    None => text(format!("no {reason} event"), format!("没有 {reason} 事件")),
                },
            };
            (seen == *present, detail)
        }
        Check::CronJobJobs {
            cronjob,
            existing,
            created,
        } => {
            let Some(cj) = store.get::<crate::api::CronJob>(cronjob) else {
                return missing("CronJob", cronjob);
            };
            let have = store.dependents::<Job>(&cj.metadata.uid).len();
            let made = sim
                .cluster
                .events
                .iter()
                .filter(|r| {
                    r.kind == Kind::CronJob
                        && r.name() == *cronjob
                        && r.reason == "SuccessfulCreate"
                })
                .count();
            let ok = existing.is_none_or(|e| e == have) && created.is_none_or(|c| c == made);
            (
                ok,
                text(
                    format!("{made} Job{} created, {have} kept", plural_s(made)),
                    format!("共创建 {made} 个 Job，保留 {have} 个"),
                ),
            )
        }
        Check::DaemonSetCounts {
            daemonset,
            desired,
            ready,
            updated,
        } => {
            let Some(ds) = store.get::<DaemonSet>(daemonset) else {
                return missing("DaemonSet", daemonset);
            };
            let s = &ds.status;
            let ok = desired.is_none_or(|d| d == s.desired_number_scheduled)
                && ready.is_none_or(|r| r == s.number_ready)
                && updated.is_none_or(|u| u == s.updated_number_scheduled);
            (
                ok,
                text(
                    format!(
                        "desired {}, ready {}, up-to-date {}",
                        s.desired_number_scheduled, s.number_ready, s.updated_number_scheduled
                    ),
                    format!(
                        "期望 {}，就绪 {}，已更新 {}",
                        s.desired_number_scheduled, s.number_ready, s.updated_number_scheduled
                    ),
                ),
            )
        }
        Check::MinAvailable { daemonset, .. }
            if !watch.worst.contains_key(&i) && store.get::<DaemonSet>(daemonset).is_none() =>
        {
            missing("DaemonSet", daemonset)
        }
        Check::MinAvailable { at_least, .. } => match watch.worst.get(&i) {
            Some(&w) => (
                w >= *at_least as i64,
                text(
                    format!("the fewest available at any time: {w}"),
                    format!("任一时刻可用数最少为 {w}"),
                ),
            ),
            None => (
                false,
                text(
                    "the daemon pods never all became available".into(),
                    "守护 Pod 从未全部可用".into(),
                ),
            ),
        },
        Check::DaemonPodOnNode {
            daemonset,
            node,
            present,
        } => {
            let Some(ds) = store.get::<DaemonSet>(daemonset) else {
                return missing("DaemonSet", daemonset);
            };
            let on = store
                .dependents::<Pod>(&ds.metadata.uid)
                .iter()
                .any(|p| p.spec.node_name == *node && p.metadata.deletion_timestamp.is_none());
            (
                on == *present,
                if on {
                    text(
                        format!("a daemon pod runs on {node}"),
                        format!("{node} 上运行着守护 Pod"),
                    )
                } else {
                    let (en, zh) = why_no_daemon_pod(store, ds, node);
                    text(
                        format!("no daemon pod on {node}{en}"),
                        format!("{node} 上没有守护 Pod{zh}"),
                    )
                },
            )
        }
        Check::PodLogs {
            job,
            equals,
            contains,
        } => {
            let mut pods: Vec<&Pod> = store
                .list::<Pod>()
                .filter(|p| controlled_by(p, Kind::Job, job))
                .collect();
            crate::sort::sort_by_key(&mut pods, |p| {
                (
                    p.status.phase == "Succeeded",
                    p.metadata.creation_timestamp,
                    p.metadata.name.clone(),
                )
            });
            let Some(pod) = pods.last() else {
                return (
                    false,
                    text(
                        format!("Job {job} has no pods"),
                        format!("Job {job} 没有 Pod"),
                    ),
                );
            };
            match container_logs(pod, sim.now()) {
                Err(e) => (
                    false,
                    text(
                        format!("kubectl logs {}: {e}", pod.metadata.name),
                        format!("kubectl logs {}：{e}", pod.metadata.name),
                    ),
                ),
                Ok(log) => {
                    let ok = equals.as_ref().is_none_or(|e| e.trim() == log.trim())
                        && contains.as_ref().is_none_or(|c| log.contains(c.as_str()));
                    // One line per check: the log's line breaks shown as \n.
                    let shown: String = log
                        .trim()
                        .chars()
                        .take(40)
                        .collect::<String>()
                        .replace('\n', "\\n");
                    let more = if log.trim().chars().count() > 40 {
                        "…"
                    } else {
                        ""
                    };
                    let n = log.trim().chars().count();
                    (
                        ok,
                        text(
                            format!(
                                "{} printed {n} characters: {shown}{more}",
                                pod.metadata.name
                            ),
                            format!("{} 输出了 {n} 个字符：{shown}{more}", pod.metadata.name),
                        ),
                    )
                }
            }
        }
        Check::Exists { object, present } => {
            let here = object_ref(object).is_some_and(|(k, n)| {
                live(sim, k, n).is_some_and(|o| o.metadata().deletion_timestamp.is_none())
            });
            (
                here == *present,
                if here {
                    text(format!("{object} exists"), format!("{object} 存在"))
                } else {
                    text(
                        format!("{object} does not exist"),
                        format!("{object} 不存在"),
                    )
                },
            )
        }
        Check::Deleted {
            object,
            not_before,
            within,
        } => {
            let limit = |d: &Option<String>| d.as_deref().and_then(|d| parse_duration(d).ok());
            match watch.worst.get(&i) {
                None if !watch.armed.contains(&i) => (
                    false,
                    text(
                        format!("{object} never existed (is the name right?)"),
                        format!("{object} 从未存在（名字写对了吗？）"),
                    ),
                ),
                None => (
                    false,
                    text(
                        format!("{object} was not deleted"),
                        format!("{object} 没有被删除"),
                    ),
                ),
                Some(&ms) => {
                    let t = Duration::from_millis(ms);
                    let ok = limit(not_before).is_none_or(|nb| t >= nb)
                        && limit(within).is_none_or(|w| t <= w);
                    let (at, at_zh) = at_words(t);
                    (
                        ok,
                        text(
                            format!("{object} was deleted at {at}"),
                            format!("{object} 在 {at_zh}时被删除"),
                        ),
                    )
                }
            }
        }
        Check::Field {
            object,
            path,
            equals,
            at_most,
        } => {
            // An object gone by the end is judged as it last was.
            let (got, gone) = match object_ref(object).and_then(|(k, n)| live(sim, k, n)) {
                Some(o) => (
                    crate::kubectl::jsonpath_text(path, &crate::kubectl::api_value(&o)),
                    false,
                ),
                None => match watch.last_field.get(&i) {
                    Some((_, got)) => (got.clone(), true),
                    None => {
                        return (
                            false,
                            text(
                                format!("{object} does not exist"),
                                format!("{object} 不存在"),
                            ),
                        )
                    }
                },
            };
            let (when_en, when_zh) = if gone {
                (" (when it last existed)", "（它最后存在时）")
            } else {
                ("", "")
            };
            let holds = |got: &str| match (equals, at_most) {
                (Some(want), _) => got.trim() == want.trim(),
                (None, Some(max)) => got.trim().parse::<i64>().is_ok_and(|n| n <= *max),
                (None, None) => false,
            };
            match got {
                // An absent field reads as "": it is not set, not set to "".
                Ok(got) if got.is_empty() => (
                    holds(&got),
                    text(
                        format!("{path} is not set{when_en}"),
                        format!("{path} 未设置{when_zh}"),
                    ),
                ),
                Ok(got) => (
                    holds(&got),
                    text(
                        format!("{path} is {got:?}{when_en}"),
                        format!("{path} 为 {got:?}{when_zh}"),
                    ),
                ),
                Err(e) => (false, text(format!("{path}: {e}"), format!("{path}：{e}"))),
            }
        }
        Check::PodCount {
            owner,
            image,
            exactly,
            at_least,
            at_most,
        } => {
            let Some((kind, name)) = object_ref(owner) else {
                return missing("object", owner);
            };
            let n = store
                .list::<Pod>()
                .filter(|p| controlled_by(p, kind, name) && p.metadata.deletion_timestamp.is_none())
                .filter(|p| {
                    image
                        .as_ref()
                        .is_none_or(|i| p.spec.containers.iter().any(|c| c.image == *i))
                })
                .count();
            let ok = exactly.is_none_or(|e| n == e)
                && at_least.is_none_or(|m| n >= m)
                && at_most.is_none_or(|m| n <= m);
            let with = image
                .as_ref()
                .map(|i| format!(" with image {i}"))
                .unwrap_or_default();
            let with_zh = image
                .as_ref()
                .map(|i| format!("使用镜像 {i} 的"))
                .unwrap_or_default();
            (
                ok,
                text(
                    format!("{owner} has {n} pod(s){with}"),
                    match n {
                        0 => format!("{owner} 没有{with_zh} Pod"),
                        n => format!("{owner} 有 {n} 个{with_zh} Pod"),
                    },
                ),
            )
        }
        Check::MaxActiveJobs { cronjob, at_most } => {
            let worst = watch.worst.get(&i).copied().unwrap_or(0);
            if worst == 0 {
                return (
                    false,
                    text(
                        format!("CronJob {cronjob} never had a Job running (is the name right?)"),
                        format!("CronJob {cronjob} 从未有 Job 在运行（名字写对了吗？）"),
                    ),
                );
            }
            (
                worst as usize <= *at_most,
                text(
                    format!(
                        "at most {worst} Job{} running at once",
                        if worst == 1 { " was" } else { "s were" }
                    ),
                    format!("同时最多运行 {worst} 个 Job"),
                ),
            )
        }
        Check::MaxStartDelay { at_most, .. } => match watch.worst.get(&i) {
            None => (
                false,
                text("no Job was created".into(), "没有创建任何 Job".into()),
            ),
            Some(&w) => {
                let limit = parse_duration(at_most).unwrap_or(Duration::ZERO);
                let late = Duration::from_millis(w).as_secs_f64();
                (
                    w <= limit.0,
                    text(
                        format!("the latest start was {late}s after its scheduled time"),
                        format!("最晚的一次在计划时间后 {late} 秒启动"),
                    ),
                )
            }
        },
    }
}

/// The check in words, for the challenge panel.
pub fn describe(c: &Check, lang: &str) -> String {
    let zh = lang == "zh";
    match c {
        Check::Valid => {
            if zh {
                "清单通过 API 服务器校验".into()
            } else {
                "the manifest passes API-server validation".into()
            }
        }
        Check::Rejected { contains } => {
            if zh {
                format!("API 服务器拒绝该清单（错误含 {contains:?}）")
            } else {
                format!("the API server rejects the manifest (error contains {contains:?})")
            }
        }
        Check::JobFinished {
            job,
            condition,
            reason,
        } => {
            let r = reason
                .as_ref()
                .map(|r| match zh {
                    true => format!("（{r}）"),
                    false => format!(" ({r})"),
                })
                .unwrap_or_default();
            if zh {
                // No space after a full-width bracket.
                let space = if r.is_empty() { " " } else { "" };
                format!("Job {job} 以 {condition}{r}{space}结束")
            } else {
                format!("Job {job} ends {condition}{r}")
            }
        }
        Check::JobCounts {
            job,
            succeeded,
            failed,
        } => {
            let mut parts = Vec::new();
            if let Some(s) = succeeded {
                parts.push(if zh {
                    format!("恰好 {s} 个 Pod 成功")
                } else {
                    format!("succeeded = {s}")
                });
            }
            if let Some(f) = failed {
                parts.push(if zh {
                    format!("恰好 {f} 个 Pod 失败")
                } else {
                    format!("failed = {f}")
                });
            }
            if zh {
                format!("Job {job}：{}", parts.join("，"))
            } else {
                format!("Job {job}: {}", parts.join(", "))
            }
        }
        Check::JobWaves {
            job,
            at_most,
            exactly,
        } => match (exactly, at_most) {
            (Some(e), _) => {
                if zh {
                    format!("Job {job} 的 Pod 恰好分 {e} 批创建")
                } else {
                    format!(
                        "Job {job} creates its pods in exactly {e} wave{}",
                        plural_s(*e)
                    )
                }
            }
            (None, Some(m)) => {
                if zh {
                    format!("Job {job} 的 Pod 最多分 {m} 批创建")
                } else {
                    format!(
                        "Job {job} creates its pods in at most {m} wave{}",
                        plural_s(*m)
                    )
                }
            }
            _ => format!("Job {job}"),
        },
        Check::MaxActivePods {
            job,
            at_most,
            since,
        } => match (since, zh) {
            (None, true) => format!("Job {job} 任何时刻活跃 Pod 不超过 {at_most} 个"),
            (None, false) => format!("never more than {at_most} active pods of Job {job}"),
            (Some(s), true) => format!(
                "从 {}起，Job {job} 任何时刻活跃 Pod 不超过 {at_most} 个",
                zh_duration(s)
            ),
            (Some(s), false) => {
                format!("from {s} on, never more than {at_most} active pods of Job {job}")
            }
        },
        Check::FinishedWithin { job, within } => {
            if zh {
                format!("Job {job} 在 {}内结束", zh_duration(within))
            } else {
                format!("Job {job} finishes within {within}")
            }
        }
        Check::Event {
            reason,
            object,
            present,
            within,
        } => {
            let o = object
                .as_ref()
                .map(|o| format!(" for {o}"))
                .unwrap_or_default();
            let o_zh = object
                .as_ref()
                .map(|o| format!("（{o}）"))
                .unwrap_or_default();
            let w = within
                .as_ref()
                .map(|w| format!(" within {w}"))
                .unwrap_or_default();
            let w_zh = within
                .as_ref()
                .map(|w| format!("在 {}内", zh_duration(w)))
                .unwrap_or_default();
            match (present, zh) {
                (true, true) => format!("{w_zh}出现 {reason} 事件{o_zh}"),
                (true, false) => format!("an event {reason}{o}{w}"),
                (false, true) => format!("{w_zh}不出现 {reason} 事件{o_zh}"),
                (false, false) => format!("no event {reason}{o}{w}"),
            }
        }
        Check::CronJobJobs {
            cronjob,
            existing,
            created,
        } => {
            let mut parts = Vec::new();
            if let Some(c) = created {
                parts.push(if zh {
                    format!("共创建 {c} 个 Job")
                } else {
                    format!("{c} Jobs created")
                });
            }
            if let Some(e) = existing {
                parts.push(if zh {
                    format!("保留 {e} 个")
                } else {
                    format!("{e} kept")
                });
            }
            match zh {
                true => format!("CronJob {cronjob}：{}", parts.join("，")),
                false => format!("CronJob {cronjob}: {}", parts.join(", ")),
            }
        }
        Check::DaemonSetCounts {
            daemonset,
            desired,
            ready,
            updated,
        } => {
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
            if zh {
                format!("DaemonSet {daemonset} 的计数：{}", parts.join("，"))
            } else {
                format!("DaemonSet {daemonset}: {}", parts.join(", "))
            }
        }
        Check::MinAvailable {
            daemonset,
            at_least,
        } => {
            if zh {
                format!("DaemonSet {daemonset} 的可用 Pod 始终不少于 {at_least} 个")
            } else {
                format!("DaemonSet {daemonset} never has fewer than {at_least} available pods")
            }
        }
        Check::DaemonPodOnNode {
            daemonset,
            node,
            present,
        } => match (present, zh) {
            (true, true) => format!("{node} 上运行 {daemonset} 的 Pod"),
            (true, false) => format!("a pod of DaemonSet {daemonset} runs on {node}"),
            (false, true) => format!("{node} 上没有 {daemonset} 的 Pod"),
            (false, false) => format!("no pod of DaemonSet {daemonset} on {node}"),
        },
        Check::PodLogs {
            job,
            equals,
            contains,
        } => {
            let mut parts = Vec::new();
            if let Some(e) = equals {
                let n = e.trim().chars().count();
                // A short text said as it is; a long one (2 000 digits of π) by its length.
                parts.push(match (zh, n <= 40) {
                    (true, true) => format!("恰好是 {:?}", e.trim()),
                    (false, true) => format!("is exactly {:?}", e.trim()),
                    (true, false) => format!("恰好是指定的 {n} 个字符"),
                    (false, false) => format!("is exactly the expected {n} characters"),
                });
            }
            if let Some(c) = contains {
                parts.push(if zh {
                    format!("包含 {c:?}")
                } else {
                    format!("contains {c:?}")
                });
            }
            if zh {
                format!("kubectl logs job/{job} 的输出{}", parts.join("，且"))
            } else {
                format!("kubectl logs job/{job} {}", parts.join(" and "))
            }
        }
        Check::Deleted {
            object,
            not_before,
            within,
        } => {
            let (nb, w) = (not_before.as_deref(), within.as_deref());
            match (zh, nb, w) {
                (false, Some(a), Some(b)) => format!("{object} is deleted between {a} and {b}"),
                (false, Some(a), None) => format!("{object} is deleted, not before {a}"),
                (false, None, Some(b)) => format!("{object} is deleted within {b}"),
                (false, None, None) => format!("{object} is deleted"),
                (true, Some(a), Some(b)) => format!(
                    "{object} 在 {} 到 {} 之间被删除",
                    zh_duration(a),
                    zh_duration(b)
                ),
                (true, Some(a), None) => format!("{object} 被删除，且不早于 {}", zh_duration(a)),
                (true, None, Some(b)) => format!("{object} 在 {}内被删除", zh_duration(b)),
                (true, None, None) => format!("{object} 被删除"),
            }
        }
        Check::Field {
            object,
            path,
            equals,
            at_most,
        } => match (equals, at_most, zh) {
            (Some(e), _, true) => format!("{object} 的 {path} 为 {e:?}"),
            (Some(e), _, false) => format!("{object}'s {path} is {e:?}"),
            (None, m, true) => format!("{object} 的 {path} 不超过 {}", m.unwrap_or_default()),
            (None, m, false) => format!("{object}'s {path} is at most {}", m.unwrap_or_default()),
        },
        Check::Exists { object, present } => match (present, zh) {
            (true, true) => format!("{object} 存在"),
            (true, false) => format!("{object} exists"),
            (false, true) => format!("{object} 已不存在"),
            (false, false) => format!("{object} no longer exists"),
        },
        Check::PodCount {
            owner,
            image,
            exactly,
            at_least,
            at_most,
        } => {
            let mut parts = Vec::new();
            if let Some(e) = exactly {
                parts.push(if zh {
                    format!("恰好 {e} 个")
                } else {
                    format!("exactly {e}")
                });
            }
            if let Some(m) = at_least {
                parts.push(if zh {
                    format!("至少 {m} 个")
                } else {
                    format!("at least {m}")
                });
            }
            if let Some(m) = at_most {
                parts.push(if zh {
                    format!("至多 {m} 个")
                } else {
                    format!("at most {m}")
                });
            }
            match (image, zh) {
                (Some(i), true) => format!("{owner} 的 Pod 中{}使用镜像 {i}", parts.join("、")),
                (Some(i), false) => format!("{owner} has {} pod(s) running {i}", parts.join(", ")),
                (None, true) => format!("{owner} 的 Pod {}", parts.join("、")),
                (None, false) => format!("{owner} has {} pod(s)", parts.join(", ")),
            }
        }
        Check::MaxActiveJobs { cronjob, at_most } => {
            if zh {
                format!("CronJob {cronjob} 同时运行的 Job 从不超过 {at_most} 个")
            } else {
                format!(
                    "CronJob {cronjob} never runs more than {at_most} Job{} at once",
                    plural_s(*at_most)
                )
            }
        }
        Check::MaxStartDelay { cronjob, at_most } => {
            if zh {
                format!(
                    "CronJob {cronjob} 的每个 Job 都在计划时间后 {}内创建",
                    zh_duration(at_most)
                )
            } else {
                format!(
                    "every Job of CronJob {cronjob} starts within {at_most} of its scheduled time"
                )
            }
        }
    }
}

#[cfg(test)]
mod zh_tests {
    #[test]
    fn durations_in_chinese_words_as_the_lessons_write_them() {
        use super::zh_duration;
        assert_eq!(zh_duration("51s"), "51 秒");
        // A moment of the run, in the units of the checks' limits.
        let at = |ms| super::at_words(crate::api::Duration::from_millis(ms));
        assert_eq!(at(385_000), ("6m25s".into(), "6 分 25 秒".into()));
        assert_eq!(at(60_100), ("1m0.1s".into(), "1 分 0.1 秒".into()));
        assert_eq!(at(2_500), ("2.5s".into(), "2.5 秒".into()));
        assert_eq!(at(3_600_000), ("1h0m0s".into(), "1 小时 0 分 0 秒".into()));
        assert_eq!(zh_duration("10m"), "10 分钟");
        assert_eq!(zh_duration("10m30s"), "10 分 30 秒");
        assert_eq!(zh_duration("1h"), "1 小时");
        assert_eq!(zh_duration("0s"), "0 秒");
        assert_eq!(zh_duration("soon"), "soon");
    }
}
