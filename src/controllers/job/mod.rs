//! The Job controller, after `pkg/controller/job/job_controller.go` (`syncJob`, `manageJob`),
//! `backoff_utils.go` (pod-failure backoff) and `indexed_job_utils.go`.
//!
//! Pods carry the `batch.kubernetes.io/job-tracking` finalizer; a finished (or deleted) pod is
//! counted into `status.succeeded`/`failed` exactly once, when the controller removes it.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

pub mod pod_failure_policy;

use crate::sim::fasthash::FastMap;
use pod_failure_policy::{match_pod_failure_policy, FailedPod, Matched};

use crate::api::{
    Condition, Duration, EnvVar, Job, JobStatus, Kind, LabelSelector, ObjectMeta, OwnerReference,
    Pod, PodFailurePolicy, SuccessPolicy, Time,
};
use crate::sim::cluster::{object_ref, Cluster, Step, JOB_TRACKING_FINALIZER};
use crate::sim::queue::WorkQueue;
use crate::sim::store::{WatchEvent, WatchEventType};

pub const COMPONENT: &str = "job-controller";

/// Pod events are batched: a Job is synced at most once per second for them (`syncJobBatchPeriod`).
pub const SYNC_JOB_BATCH_PERIOD: Duration = Duration::from_secs(1);
/// `DefaultJobPodFailureBackOff` and `MaxJobPodFailureBackOff` (job_controller.go).
pub const DEFAULT_JOB_POD_FAILURE_BACKOFF: Duration = Duration::from_secs(10);
pub const MAX_JOB_POD_FAILURE_BACKOFF: Duration = Duration::from_secs(600);
/// `MaxJobApiBackOff`: the longest wait before retrying a sync that failed on an API call.
pub const MAX_JOB_API_BACKOFF: Duration = Duration::from_secs(60);
/// `MaxPodCreateDeletePerSync`.
pub const MAX_POD_CREATE_DELETE_PER_SYNC: usize = 500;

pub const LABEL_CONTROLLER_UID: &str = "batch.kubernetes.io/controller-uid";
pub const LABEL_JOB_NAME: &str = "batch.kubernetes.io/job-name";
pub const LEGACY_LABEL_CONTROLLER_UID: &str = "controller-uid";
pub const LEGACY_LABEL_JOB_NAME: &str = "job-name";
pub const JOB_COMPLETION_INDEX: &str = "batch.kubernetes.io/job-completion-index";
pub const JOB_INDEX_FAILURE_COUNT: &str = "batch.kubernetes.io/job-index-failure-count";
pub const JOB_INDEX_IGNORED_FAILURE_COUNT: &str =
    "batch.kubernetes.io/job-index-ignored-failure-count";

/// What manageJob reads besides the active pods (syncJobCtx's fields).
#[derive(Clone, Copy)]
struct ManageCtx<'a> {
    succeeded: i32,
    /// What counts toward backoffLimit so far, shown in the decision line: the failed pods
    /// and (restartPolicy OnFailure) the container restarts of running and pending pods,
    /// each held against the limit apart (`exceedsBackoffLimit`, `pastBackoffLimitOnFailure`).
    failures: (i32, i32),
    succeeded_indexes: &'a BTreeSet<i32>,
    /// onlyReplaceFailedPods: the terminating pods a replacement waits for.
    terminating: &'a [&'a PodView],
    per_index: Option<&'a PerIndex>,
    /// newBackoffRecord: a success in this sync reset the failure streak (no back-off).
    streak_reset: bool,
}

/// How a Job judges its failed pods: isPodFailed (with onlyReplaceFailedPods a pod fails when
/// its phase is Failed; otherwise a deleted pod counts as failed at once) and its
/// podFailurePolicy.
struct FailureRules {
    policy: Option<PodFailurePolicy>,
    only_failed: bool,
}

impl FailureRules {
    fn of(job: &Job) -> Self {
        FailureRules {
            policy: job.spec.pod_failure_policy.clone(),
            only_failed: job.spec.only_replace_failed_pods(),
        }
    }

    fn is_failed(&self, p: &PodView) -> bool {
        match self.only_failed {
            true => p.phase_failed,
            false => p.failed,
        }
    }

    fn matched(&self, p: &PodView) -> Option<Matched> {
        let (policy, pod) = (self.policy.as_ref()?, p.failure.as_ref()?);
        match_pod_failure_policy(policy, pod)
    }

    /// Counts toward status.failed and backoffLimit: not left out by an Ignore rule.
    fn counts(&self, p: &PodView) -> bool {
        Matched::counts(self.matched(p).as_ref())
    }
}

/// What a sync counted of the Job's pods, for the checks that finish it.
struct Observed<'a> {
    pods: &'a [&'a PodView],
    failed: i32,
    succeeded_indexes: &'a BTreeSet<i32>,
    per_index: Option<&'a PerIndex>,
}

/// What backoffLimitPerIndex reads of a sync.
struct IndexSeen<'a> {
    new_failed: &'a [&'a PodView],
    active_pods: &'a [&'a PodView],
    succeeded_indexes: &'a BTreeSet<i32>,
}

/// A sync's counts, for its status write.
struct Tally<'a> {
    active: i32,
    ready: i32,
    succeeded: i32,
    failed: i32,
    seen: Observed<'a>,
    new_succeeded: &'a [&'a PodView],
    new_failed: &'a [&'a PodView],
    /// Active pods of a failing Job, deleted: counted as failed now.
    failed_on_finish: &'a [Rc<str>],
    /// Pods released without being counted (canRemoveFinalizer): the pods a successPolicy
    /// deletes, pods still terminating when the Job succeeds, every pod of a Job being deleted.
    released_uncounted: &'a [Rc<str>],
}

/// backoffLimitPerIndex, as a sync sees it (indexed_job_utils.go).
#[derive(Default)]
struct PerIndex {
    /// `calculateFailedIndexes`: indexes that are not retried any more.
    failed: BTreeSet<i32>,
    /// For an index to retry: the counts its next pod carries (`getNewIndexFailureCounts`) and
    /// when its back-off ends (`getRemainingTimePerIndex`).
    retry: BTreeMap<i32, IndexRetry>,
    /// The last failed pod of each index to retry keeps its finalizer (and is not counted)
    /// until the replacement exists (`getPodsWithDelayedDeletionPerIndex`).
    held: BTreeSet<Rc<str>>,
}

/// An index to retry (backoffLimitPerIndex): the counts `getNewIndexFailureCounts` gives its
/// next pod and the end of its back-off.
#[derive(Clone, Copy)]
struct IndexRetry {
    /// `indexFailureCount`: the failures that count toward backoffLimitPerIndex
    /// (annotation `batch.kubernetes.io/job-index-failure-count`).
    failures: i32,
    /// `indexIgnoredFailureCount`: the failures a pod failure policy Ignore rule matched
    /// (annotation `batch.kubernetes.io/job-index-ignored-failure-count`).
    ignored_failures: i32,
    /// When its back-off ends (`getRemainingTimePerIndex`): no pod is created before.
    backoff_until: Time,
}

/// `backoffRecord` (backoff_utils.go): failures since the last success and when the last one ended.
#[derive(Clone, Debug, Default, PartialEq)]
struct BackoffRecord {
    failures_after_last_success: u32,
    last_failure_time: Option<Time>,
}

impl BackoffRecord {
    /// `getRemainingTime`: 10 s × 2^(failures−1), capped, counted from the last failure.
    fn remaining(&self, now: Time) -> Duration {
        let Some(last) = self.last_failure_time else {
            return Duration::ZERO;
        };
        if self.failures_after_last_success == 0 {
            return Duration::ZERO;
        }
        let earlier = i32::try_from(self.failures_after_last_success - 1).unwrap_or(i32::MAX);
        let backoff = pod_failure_backoff(earlier);
        Duration((backoff.0 - (now - last).0).max(0))
    }
}

/// The pod failure back-off after `earlier` failures before this one: 10 s × 2^earlier, at
/// most 10 min (job_controller.go getRemainingTimeForFailuresCount, the Job's backoffRecord
/// and each index's, backoffLimitPerIndex).
fn pod_failure_backoff(earlier: i32) -> Duration {
    let exp = earlier.clamp(0, 30);
    Duration(
        DEFAULT_JOB_POD_FAILURE_BACKOFF
            .0
            .saturating_mul(1i64 << exp)
            .min(MAX_JOB_POD_FAILURE_BACKOFF.0),
    )
}

#[derive(Clone, Debug, Default)]
pub struct JobController {
    pub queue: WorkQueue,
    backoff: FastMap<String, BackoffRecord>,
    /// uid of Jobs seen deleted, so their pods' finalizers can be released.
    deleted: FastMap<String, String>,
    /// The informer cache's view that matters to a sync: per Job, its pods that are active,
    /// terminating or not yet counted (still holding the tracking finalizer). Counted, finished
    /// pods are in `status` already, so a sync costs O(parallelism), not O(pods ever created).
    tracked: FastMap<String, BTreeMap<Rc<str>, PodView>>,
    /// Pods this sync deleted (they may now be terminating).
    deleted_now: Vec<String>,
    /// A pod create failed in this sync (the sync "returns an error").
    create_failed: bool,
    /// The informer cache's generation of each Job, to tell a spec change from a status write.
    generations: FastMap<String, i64>,
    /// Per Job, its pods whose labels no longer match its selector: released by its next
    /// sync (ClaimPods in getPodsForJob).
    release: BTreeMap<String, BTreeSet<String>>,
    /// Per Job, orphaned pods its selector matches: adopted by its next sync (ClaimPods).
    adopt: BTreeMap<String, BTreeSet<String>>,
    /// Failed pods whose podFailurePolicy verdict was shown and that are still held.
    explained: crate::sim::fasthash::FastSet<Rc<str>>,
}

/// What a sync reads of a pod: computed once per sync instead of cloning whole pods.
#[derive(Clone, Debug)]
struct PodView {
    /// Shared with the store's index and the watch events.
    name: Rc<str>,
    owner_uid: String,
    created: Option<Time>,
    active: bool,
    ready: bool,
    /// What controller.ActivePods orders by (activePodsForRemoval): bound to a node, the phase
    /// (Pending < Unknown < Running), since when Ready, the most restarts of a container.
    assigned: bool,
    phase_rank: u8,
    ready_since: Option<Time>,
    max_restarts: i32,
    terminating: bool,
    tracking: bool,
    succeeded: bool,
    failed: bool,
    finished_at: Time,
    index: Option<i32>,
    /// Container restarts while Running or Pending (`pastBackoffLimitOnFailure`).
    live_restarts: i32,
    /// Phase Failed: with a podFailurePolicy only this is a failure (`onlyReplaceFailedPods`).
    phase_failed: bool,
    /// What a podFailurePolicy rule reads, once the pod has Failed.
    failure: Option<Box<FailedPod>>,
    /// backoffLimitPerIndex: the failures of its index before this pod, counted and ignored
    /// (`job-index-failure-count`, `job-index-ignored-failure-count`).
    index_failures: i32,
    index_ignored: i32,
}

impl PodView {
    /// Updates everything but the name and owner (which a pod never changes).
    fn refresh(&mut self, p: &Pod, now: Time) {
        // The phase read once: this runs for every pod event of every Job.
        let (succeeded, phase_failed) = match p.status.phase.as_str() {
            "Succeeded" => (true, false),
            "Failed" => (false, true),
            _ => (false, false),
        };
        let terminal = succeeded || phase_failed;
        let deleting = p.metadata.deletion_timestamp.is_some();
        self.created = p.metadata.creation_timestamp;
        self.active = !terminal && !deleting; // controller.IsPodActive
        self.ready = p.is_ready();
        self.assigned = !p.spec.node_name.is_empty();
        self.phase_rank = match p.status.phase.as_str() {
            "Pending" => 0,
            "Unknown" => 1,
            "Running" => 2,
            // podPhaseToOrdinal has no other phase: Go's map gives 0.
            _ => 0,
        };
        self.ready_since = p
            .status
            .conditions
            .iter()
            .find(|c| c.type_ == "Ready" && c.status == "True")
            .and_then(|c| c.last_transition_time);
        self.max_restarts = p
            .status
            .container_statuses
            .iter()
            .map(|c| c.restart_count)
            .max()
            .unwrap_or(0);
        self.terminating = deleting && !terminal;
        self.tracking = has_tracking_finalizer(p);
        self.succeeded = succeeded;
        // isPodFailed: a deleted pod that never succeeded counts as a failure.
        self.failed = phase_failed || (deleting && !succeeded);
        self.finished_at = finished_time(p, now);
        self.index = completion_index(p);
        self.phase_failed = phase_failed;
        let count = |key: &str| {
            p.metadata
                .annotations
                .get(key)
                .and_then(|v| v.parse::<i32>().ok())
                .filter(|v| *v >= 0)
                .unwrap_or(0)
        };
        // Only Indexed Jobs' pods carry the counts (a lookup saved on the hot path).
        if self.index.is_some() {
            self.index_failures = count(JOB_INDEX_FAILURE_COUNT);
            self.index_ignored = count(JOB_INDEX_IGNORED_FAILURE_COUNT);
        }
        self.failure = self.phase_failed.then(|| Box::new(failed_pod(p)));
        // pastBackoffLimitOnFailure: init containers' restarts count too.
        self.live_restarts = if matches!(p.status.phase.as_str(), "Running" | "Pending") {
            p.status
                .container_statuses
                .iter()
                .chain(&p.status.init_container_statuses)
                .map(|c| c.restart_count)
                .sum()
        } else {
            0
        };
    }

    fn of(name: Rc<str>, p: &Pod, now: Time) -> Self {
        let mut v = PodView {
            name,
            owner_uid: p
                .metadata
                .controller_of()
                .map(|o| o.uid.clone())
                .unwrap_or_default(),
            created: None,
            active: false,
            ready: false,
            assigned: false,
            phase_rank: 0,
            ready_since: None,
            max_restarts: 0,
            terminating: false,
            tracking: false,
            succeeded: false,
            failed: false,
            finished_at: now,
            index: None,
            live_restarts: 0,
            phase_failed: false,
            failure: None,
            index_failures: 0,
            index_ignored: 0,
        };
        v.refresh(p, now);
        v
    }
}

/// A failed pod as a podFailurePolicy rule reads it.
fn failed_pod(p: &Pod) -> FailedPod {
    // matchOnExitCodes (pod_failure_policy.go): the containers first, then the init containers.
    FailedPod {
        namespace: p.metadata.namespace.clone(),
        name: p.metadata.name.clone(),
        exits: p
            .status
            .container_statuses
            .iter()
            .chain(&p.status.init_container_statuses)
            .filter_map(|c| {
                let t = c.state.terminated.as_ref()?;
                (t.exit_code != 0).then(|| (c.name.clone(), t.exit_code))
            })
            .collect(),
        conditions: p
            .status
            .conditions
            .iter()
            .map(|c| (c.type_.clone(), c.status.clone()))
            .collect(),
    }
}

/// Whether a pod still matters to its Job's sync.
fn needs_tracking(p: &Pod) -> bool {
    !p.is_terminal() || has_tracking_finalizer(p)
}

/// What the API server's Job strategy does on create (pkg/registry/batch/job/strategy.go
/// `generateSelectorIfNeeded`): without manualSelector, a selector on the uid and the job
/// labels on the pod template.
pub fn prepare_for_create(job: &mut Job) {
    let uid = job.metadata.uid.clone();
    let name = job.metadata.name.clone();
    // SetDefaults_Job (pkg/apis/batch/v1/defaults.go) sets manualSelector: false; done here,
    // on create, so that `kubectl apply` without the field keeps the live value.
    job.spec.manual_selector.get_or_insert(false);
    // generateSelectorIfNeeded: with manualSelector the selector and labels are the user's.
    if job.spec.manual_selector == Some(true) {
        return;
    }
    // A selector of the user's (one validation found selects the Job's own labels, such as
    // `job-name: NAME`) keeps its terms; the controller-uid is added.
    job.spec
        .selector
        .get_or_insert_with(LabelSelector::default)
        .match_labels
        .entry(LABEL_CONTROLLER_UID.into())
        .or_insert_with(|| uid.clone());
    // The job-name labels the template has are kept (validation refused other values). Its
    // controller-uid labels are set to the new uid: the API server would refuse any other
    // value (ValidateHasLabel), which the uid-less validation cannot say in its words.
    let labels = &mut job.spec.template.metadata.labels;
    for k in [LEGACY_LABEL_JOB_NAME, LABEL_JOB_NAME] {
        labels.entry(k.into()).or_insert_with(|| name.clone());
    }
    labels.insert(LABEL_CONTROLLER_UID.into(), uid.clone());
    labels.insert(LEGACY_LABEL_CONTROLLER_UID.into(), uid);
}

/// controller.ActivePods.Less (pkg/controller/controller_utils.go), the pod to delete first
/// as Less: unassigned before assigned; Pending, Unknown, then Running; not ready before
/// ready; of two ready pods the one ready since later; more container restarts first; the
/// newer first. A missing time sorts first (afterOrZero).
fn active_pods_less(a: &PodView, b: &PodView) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    // afterOrZero(t1, t2) as an ordering: Less when t1 is zero or after t2.
    let after_or_zero = |t1: Option<Time>, t2: Option<Time>| match (t1, t2) {
        (None, None) => Ordering::Equal,
        (None, _) => Ordering::Less,
        (_, None) => Ordering::Greater,
        (Some(x), Some(y)) => y.cmp(&x),
    };
    a.assigned
        .cmp(&b.assigned)
        .then(a.phase_rank.cmp(&b.phase_rank))
        .then(a.ready.cmp(&b.ready))
        .then(if a.ready && b.ready {
            after_or_zero(a.ready_since, b.ready_since)
        } else {
            Ordering::Equal
        })
        .then(b.max_restarts.cmp(&a.max_restarts))
        .then(after_or_zero(a.created, b.created))
}

fn has_tracking_finalizer(p: &Pod) -> bool {
    p.metadata
        .finalizers
        .iter()
        .any(|f| f == JOB_TRACKING_FINALIZER)
}

/// `getFinishedTime` (pkg/controller/job/backoff_utils.go): the latest finish of the containers
/// when all have terminated, else when Ready turned False, else the deletion time.
pub(crate) fn finished_time(p: &Pod, now: Time) -> Time {
    finish_time_from_containers(p)
        .or_else(|| {
            p.status
                .conditions
                .iter()
                .find(|c| c.type_ == "Ready" && c.status == "False")
                .and_then(|c| c.last_transition_time)
        })
        .or_else(|| deletion_requested_at(p))
        // "This should not happen in clusters with Kubelet and PodGC running."
        .or(p.metadata.creation_timestamp)
        .unwrap_or(now)
}

/// How a Job's pod ended, as the Job controller sees it: a delete before the pod finished
/// (an eviction, a preemption, `kubectl delete`) is a deletion even if the pod later exits,
/// so a replacement made for it keeps that reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PodEnding {
    Succeeded,
    Failed,
    Deleted,
}

/// When and how `p` ended (None: still running): Succeeded at `getFinishedTime`; else deleted
/// at the delete's time when that came first, else Failed at `getFinishedTime`. Fixed once the pod has ended, so the
/// page can say what a later pod was created after without it changing as pods go.
pub fn pod_ending(p: &Pod) -> Option<(Time, PodEnding)> {
    let deleted = deletion_requested_at(p);
    if !p.is_terminal() {
        return deleted.map(|at| (at, PodEnding::Deleted));
    }
    let created = p.metadata.creation_timestamp.unwrap_or_default();
    let finished = finished_time(p, created);
    // Deleted, and Failed with no container ended: marked so by the pod GC, because its lost
    // kubelet never carried the delete out. The delete ended it (the finish time would fall
    // back to when it went unready, before anything happened to it).
    let never_ended = finish_time_from_containers(p).is_none();
    match deleted {
        // A pod that exits 0 in its grace period (an evicted shell ignoring SIGTERM) succeeded:
        // the Job counts it so, and makes no replacement for it.
        _ if p.status.phase == "Succeeded" => Some((finished, PodEnding::Succeeded)),
        Some(at) if at <= finished || never_ended => Some((at, PodEnding::Deleted)),
        _ => Some((finished, PodEnding::Failed)),
    }
}

/// `getFinishTimeFromContainers`: the latest finish of the containers, all terminated, then
/// of the sidecars (init containers with `restartPolicy: Always`), which stop last.
fn finish_time_from_containers(p: &Pod) -> Option<Time> {
    // `latestFinishTime`: None as soon as one counted container has not terminated.
    fn latest<'a>(
        prev: Option<Time>,
        statuses: impl Iterator<Item = &'a crate::api::ContainerStatus>,
    ) -> Option<Time> {
        let mut finish = prev;
        for c in statuses {
            let t = c.state.terminated.as_ref()?.finished_at;
            finish = finish.max(Some(t));
        }
        finish
    }
    let finish = latest(None, p.status.container_statuses.iter());
    let sidecar = |name: &str| {
        p.spec
            .init_containers
            .iter()
            .any(|c| c.name == name && c.is_restartable_init())
    };
    latest(
        finish,
        p.status
            .init_container_statuses
            .iter()
            .filter(|c| sidecar(&c.name)),
    )
}

/// `getFinishTimeFromDeletionTimestamp` (pkg/controller/job/backoff_utils.go): deletionTimestamp
/// is the end of the grace period, so the grace period is taken off to get the delete's time.
fn deletion_requested_at(p: &Pod) -> Option<Time> {
    let grace = p.metadata.deletion_grace_period_seconds.unwrap_or(0);
    p.metadata
        .deletion_timestamp
        .map(|t| t - Duration::from_secs(grace))
}

pub fn completion_index(p: &Pod) -> Option<i32> {
    p.metadata
        .annotations
        .get(JOB_COMPLETION_INDEX)?
        .parse()
        .ok()
}

/// `succeededIndexes.String()`: `"0-2,5"`.
pub fn format_indexes(ix: &BTreeSet<i32>) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut iter = ix.iter().copied().peekable();
    while let Some(first) = iter.next() {
        let mut last = first;
        while iter.peek() == Some(&(last + 1)) {
            last += 1;
            iter.next();
        }
        // orderedIntervals.String() (indexed_job_utils.go): two neighbours are "3,4", not "3-4".
        out.push(match last - first {
            0 => first.to_string(),
            1 => format!("{first},{last}"),
            _ => format!("{first}-{last}"),
        });
    }
    out.join(",")
}

pub fn parse_indexes(s: &str) -> BTreeSet<i32> {
    let mut out = BTreeSet::new();
    for part in s.split(',').filter(|p| !p.is_empty()) {
        match part.split_once('-') {
            Some((a, b)) => {
                if let (Ok(a), Ok(b)) = (a.parse::<i32>(), b.parse::<i32>()) {
                    out.extend(a..=b.min(a.saturating_add(1_000_000)));
                }
            }
            None => {
                if let Ok(v) = part.parse() {
                    out.insert(v);
                }
            }
        }
    }
    out
}

/// The active pods manageJob deletes: an Indexed Job's pods whose index is done, out of range
/// or taken by another pod first; then, while more than `want` are left, the first of
/// activePodsForRemoval's order (controller.ActivePods).
fn active_pods_for_removal<'a>(
    job: &Job,
    active_pods: &[&'a PodView],
    want: i32,
    succeeded_indexes: &BTreeSet<i32>,
) -> Vec<&'a PodView> {
    let mut rm: Vec<&PodView> = Vec::new();
    if job.spec.is_indexed() {
        let completions = job.spec.completions.unwrap_or(0);
        let mut seen = BTreeSet::new();
        for p in active_pods {
            match p.index {
                Some(ix)
                    if ix >= 0
                        && ix < completions
                        && !succeeded_indexes.contains(&ix)
                        && seen.insert(ix) => {}
                _ => rm.push(p),
            }
        }
    }
    let keep = active_pods.len() as i32 - rm.len() as i32;
    if keep > want {
        let mut candidates: Vec<&PodView> = active_pods
            .iter()
            .copied()
            .filter(|p| !rm.iter().any(|r| r.name == p.name))
            .collect();
        crate::sort::sort_by(&mut candidates, |a, b| {
            active_pods_less(a, b).then(a.name.cmp(&b.name))
        });
        rm.extend(candidates.into_iter().take((keep - want) as usize));
    }
    rm
}

/// The orphaned pods a Job's selector matches, in its namespace, not being deleted (what
/// ClaimPods would adopt).
fn orphans_for(store: &crate::sim::store::Store, job: &Job) -> BTreeSet<String> {
    let Some(selector) = job.spec.selector.as_ref() else {
        return BTreeSet::new();
    };
    if job.metadata.deletion_timestamp.is_some() || job.status.is_finished() {
        return BTreeSet::new();
    }
    crate::sort::to_set(
        store
            .list::<Pod>()
            .filter(|p| {
                p.metadata.controller_of().is_none()
                    && p.metadata.deletion_timestamp.is_none()
                    && p.metadata.namespace == job.metadata.namespace
                    && selector.matches(&p.metadata.labels)
            })
            .map(|p| p.metadata.name.clone()),
    )
}

/// The Jobs an orphaned pod's labels select, in its namespace, not being deleted (getPodJobs;
/// ClaimPods would adopt it).
fn jobs_for_orphan(store: &crate::sim::store::Store, p: &Pod) -> Vec<String> {
    if p.metadata.deletion_timestamp.is_some() || p.metadata.controller_of().is_some() {
        return Vec::new();
    }
    store
        .list::<Job>()
        .filter(|j| {
            j.metadata.namespace == p.metadata.namespace
                && j.metadata.deletion_timestamp.is_none()
                && !j.status.is_finished()
                && j.spec
                    .selector
                    .as_ref()
                    .is_some_and(|sel| sel.matches(&p.metadata.labels))
        })
        .map(|j| j.metadata.name.clone())
        .collect()
}

/// The Job `key` when it may claim pods: ClaimPods neither adopts nor releases for a Job
/// being deleted (RecheckDeletionTimestamp, and ReleasePod skipped while it is deleted).
fn claiming_job<'a>(cluster: &'a Cluster, key: &str) -> Option<&'a Job> {
    cluster
        .store
        .get::<Job>(key)
        .filter(|j| j.metadata.deletion_timestamp.is_none())
}

/// ClaimPods' adoption (controller_ref_manager.go AdoptPod, with the Job's finalizer): each
/// pod still orphaned, not being deleted, and matched by the selector of the Job, which is
/// not being deleted itself, gets the Job as its controller and the tracking finalizer, and
/// counts from this sync on.
fn adopt_pods(
    key: &str,
    names: &BTreeSet<String>,
    views: &mut BTreeMap<Rc<str>, PodView>,
    cluster: &mut Cluster,
) {
    let Some(job) = claiming_job(cluster, key) else {
        return;
    };
    let reference = owner_ref(job);
    let (selector, namespace) = (job.spec.selector.clone(), job.metadata.namespace.clone());
    let mut adopted: Vec<String> = Vec::new();
    for name in names {
        let still = cluster.store.get::<Pod>(name).is_some_and(|p| {
            p.metadata.controller_of().is_none()
                && p.metadata.deletion_timestamp.is_none()
                && p.metadata.namespace == namespace
                && selector
                    .as_ref()
                    .is_some_and(|sel| sel.matches(&p.metadata.labels))
        });
        if !still {
            continue;
        }
        let _ = cluster.store.modify::<Pod>(name, |p| {
            p.metadata.owner_references.push(reference.clone());
            if !has_tracking_finalizer(p) {
                p.metadata.finalizers.push(JOB_TRACKING_FINALIZER.into());
            }
        });
        if let Some(p) = cluster.store.get::<Pod>(name).filter(|p| needs_tracking(p)) {
            let n: Rc<str> = Rc::from(name.as_str());
            views.insert(n.clone(), PodView::of(n, p, cluster.now));
        }
        adopted.push(format!("Pod/{name}"));
    }
    if !adopted.is_empty() {
        let names = adopted.join(", ");
        cluster.trace(COMPONENT, || Step::Decide {
            key: key.to_string(),
            message: format!("adopt {names}: orphaned and matched by the selector, now this Job's (ownerReference and tracking finalizer added)"),
            zh: format!("接管 {names}：被遗弃且与选择算符匹配，现归这个 Job 所有（加上 ownerReference 和跟踪 finalizer）"),
        });
    }
}

/// The Job as its pods' controller.
fn owner_ref(job: &Job) -> OwnerReference {
    OwnerReference {
        api_version: "batch/v1".into(),
        kind: "Job".into(),
        name: job.metadata.name.clone(),
        uid: job.metadata.uid.clone(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// ClaimPods' release (controller_ref_manager.go `ReleasePod`): a pod of the Job whose labels
/// its selector no longer matches loses its ownerReference and tracking finalizer in one patch;
/// the Job no longer counts it, and replaces it if it was active.
fn release_pods(
    key: &str,
    names: &BTreeSet<String>,
    views: &mut BTreeMap<Rc<str>, PodView>,
    cluster: &mut Cluster,
) {
    let Some(job) = claiming_job(cluster, key) else {
        return;
    };
    let uid = job.metadata.uid.clone();
    let selector = job.spec.selector.clone().unwrap_or_default();
    let mut released: Vec<String> = Vec::new();
    for name in names {
        let still = cluster.store.get::<Pod>(name).is_some_and(|p| {
            p.metadata.controller_of().is_some_and(|r| r.uid == uid)
                && !selector.matches(&p.metadata.labels)
        });
        if !still {
            continue;
        }
        let _ = cluster.store.modify::<Pod>(name, |p| {
            p.metadata.owner_references.retain(|r| r.uid != uid);
            p.metadata
                .finalizers
                .retain(|f| f != JOB_TRACKING_FINALIZER);
        });
        views.remove(name.as_str());
        released.push(format!("Pod/{name}"));
    }
    if released.is_empty() {
        return;
    }
    let list = released.join(", ");
    cluster.trace(COMPONENT, || Step::Decide {
        key: key.to_string(),
        message: format!("release {list}: its labels no longer match the Job's selector (ownerReference and tracking finalizer removed); it no longer counts"),
        zh: format!("释放 {list}：标签已不再匹配 Job 的选择算符（去掉 ownerReference 和 Job 跟踪 finalizer batch.kubernetes.io/job-tracking），不再计入此 Job"),
    });
}

/// A status write in the loop's words: `active=1 ready=1 succeeded=0 failed=0 (Complete)`.
fn status_summary(st: &crate::api::JobStatus, condition: Option<&str>) -> String {
    let uncounted = match &st.uncounted_terminated_pods {
        Some(u) if !u.succeeded.is_empty() || !u.failed.is_empty() => format!(
            " uncountedTerminatedPods: succeeded={} failed={}",
            u.succeeded.len(),
            u.failed.len()
        ),
        _ => String::new(),
    };
    let terminating = match st.terminating {
        Some(n) if n > 0 => format!(" terminating={n}"),
        _ => String::new(),
    };
    format!(
        "active={} ready={} succeeded={} failed={}{terminating}{uncounted}{}",
        st.active,
        st.ready.unwrap_or(0),
        st.succeeded,
        st.failed,
        condition.map(|t| format!(" ({t})")).unwrap_or_default()
    )
}

/// The interim condition of a finishing Job and the terminal one that follows it.
fn interim_and_terminal(type_: &str) -> (&'static str, &'static str) {
    match type_ {
        "FailureTarget" | "Failed" => ("FailureTarget", "Failed"),
        _ => ("SuccessCriteriaMet", "Complete"),
    }
}

/// `parseIndexesFromString` with its `completions` bound: a Job whose completions were
/// lowered (an elastic Indexed Job) forgets the indexes that no longer exist.
fn parse_indexes_below(s: &str, completions: i32) -> BTreeSet<i32> {
    let mut ix = parse_indexes(s);
    ix.split_off(&completions.max(0));
    ix
}

fn new_condition(type_: &str, reason: &str, message: &str, now: Time) -> Condition {
    Condition {
        type_: type_.into(),
        status: "True".into(),
        last_probe_time: Some(now),
        last_transition_time: Some(now),
        reason: reason.into(),
        message: message.into(),
    }
}

/// `ensureJobConditionStatus`: sets a condition's status, reporting whether anything changed.
fn ensure_condition(
    conds: &mut Vec<Condition>,
    type_: &str,
    status: &str,
    reason: &str,
    message: &str,
    now: Time,
) -> bool {
    if let Some(c) = conds.iter_mut().find(|c| c.type_ == type_) {
        if c.status == status && c.reason == reason {
            return false;
        }
        *c = Condition {
            status: status.into(),
            ..new_condition(type_, reason, message, now)
        };
        return true;
    }
    // A false condition that never existed needs no entry.
    if status == "False" {
        return false;
    }
    conds.push(new_condition(type_, reason, message, now));
    true
}

impl JobController {
    /// The informers' event handlers (`addPod`, `updatePod`, `deletePod`, `addJob`, `updateJob`).
    pub fn observe(&mut self, ev: &WatchEvent, cluster: &mut Cluster) {
        match ev.kind {
            Kind::Job => {
                if ev.type_ == WatchEventType::Deleted {
                    if let Some(crate::api::Object::Job(j)) = ev.last_state.as_deref() {
                        self.deleted
                            .insert(ev.name.to_string(), j.metadata.uid.clone());
                    }
                }
                // A new Job's first sync claims the orphans its selector matches. A generated
                // selector names the new Job's uid, which no existing pod carries: only a
                // manualSelector can match one, so only then are the pods looked through.
                let manual = cluster
                    .store
                    .get_watched::<Job>(ev)
                    .is_some_and(|j| j.spec.manual_selector == Some(true));
                if ev.type_ == WatchEventType::Added && manual {
                    self.adopt_orphans_of(&ev.name, cluster);
                }
                cluster.trace(COMPONENT, || Step::Watch {
                    event: ev.type_.as_str(),
                    object: object_ref(Kind::Job, &ev.name),
                });
                // updateJob (job_controller.go): an update that leaves the generation as it was
                // (a status write, a label) is synced batched, a spec change at once; adds and
                // deletes at once.
                let generation = cluster
                    .store
                    .get_watched::<Job>(ev)
                    .map(|j| j.metadata.generation);
                let seen = match (ev.type_, generation) {
                    (WatchEventType::Deleted, _) | (_, None) => {
                        self.generations.remove(&*ev.name);
                        None
                    }
                    (_, Some(g)) => self.generations.insert(ev.name.to_string(), g),
                };
                let batched =
                    ev.type_ == WatchEventType::Modified && seen.is_some() && seen == generation;
                if batched {
                    let at = cluster.now + SYNC_JOB_BATCH_PERIOD;
                    let added = self.queue.add_after(&ev.name, at);
                    cluster.trace(COMPONENT, || Step::Enqueue {
                        key: ev.name.to_string(),
                        after: Some(at),
                        why: format!(
                            "Job MODIFIED (status or metadata only: batched){}",
                            super::already_queued(added).0
                        ),
                        zh: format!(
                            "Job MODIFIED（只改了状态或元数据：合并入队）{}",
                            super::already_queued(added).1
                        ),
                    });
                } else {
                    // enqueueSyncJobImmediately
                    let added = self.queue.add(&ev.name);
                    cluster.trace(COMPONENT, || {
                        let (why, zh) =
                            super::why_added(format!("Job {}", ev.type_.as_str()), added);
                        Step::Enqueue {
                            key: ev.name.to_string(),
                            after: None,
                            why,
                            zh,
                        }
                    });
                }
            }
            Kind::Pod => {
                let Some((Kind::Job, owner)) = &ev.owner else {
                    // An orphan still holding the tracking finalizer (its Job deleted with
                    // --cascade=orphan): syncOrphanPod removes the finalizer.
                    if ev.owner.is_none() && ev.type_ != WatchEventType::Deleted {
                        let holds = cluster.store.get_watched::<Pod>(ev).is_some_and(|p| {
                            p.metadata
                                .finalizers
                                .iter()
                                .any(|f| f == JOB_TRACKING_FINALIZER)
                        });
                        if holds {
                            cluster.remove_pod_finalizer(&ev.name, JOB_TRACKING_FINALIZER);
                        }
                        // addPod/updatePod of an orphan: the Jobs whose selector matches it
                        // sync, to see if one wants to adopt it (getPodJobs).
                        let jobs = cluster
                            .store
                            .get::<Pod>(&ev.name)
                            .map(|p| jobs_for_orphan(&cluster.store, p))
                            .unwrap_or_default();
                        for job in jobs {
                            self.adopt
                                .entry(job.clone())
                                .or_default()
                                .insert(ev.name.to_string());
                            let at = cluster.now + SYNC_JOB_BATCH_PERIOD;
                            if self.queue.add_after(&job, at) {
                                cluster.trace(COMPONENT, || Step::Enqueue {
                                    key: job.clone(),
                                    after: Some(at),
                                    why: format!(
                                        "orphan pod {} matches its selector (batched 1s)",
                                        ev.name
                                    ),
                                    zh: format!(
                                        "被遗弃的 Pod {} 与其选择算符匹配（合并入队，延迟 1 秒）",
                                        ev.name
                                    ),
                                });
                            }
                        }
                    }
                    return;
                };
                cluster.trace(COMPONENT, || Step::Watch {
                    event: ev.type_.as_str(),
                    object: object_ref(Kind::Pod, &ev.name),
                });
                // The informer cache: what a sync will read of this pod.
                let pod = cluster
                    .store
                    .get_watched::<Pod>(ev)
                    .filter(|p| needs_tracking(p));
                match (self.tracked.get_mut(&**owner), pod) {
                    (Some(set), Some(p)) => match set.get_mut(&ev.name) {
                        // Refresh in place: the name and owner never change.
                        Some(v) => v.refresh(p, cluster.now),
                        None => {
                            let v = PodView::of(ev.name.clone(), p, cluster.now);
                            set.insert(ev.name.clone(), v);
                        }
                    },
                    (Some(set), None) => {
                        set.remove(&ev.name);
                    }
                    (None, Some(p)) => {
                        let v = PodView::of(ev.name.clone(), p, cluster.now);
                        self.tracked.insert(
                            owner.to_string(),
                            crate::sort::to_map([(ev.name.clone(), v)]),
                        );
                    }
                    (None, None) => {}
                }
                if ev.type_ == WatchEventType::Modified && !ev.deleting {
                    let store = &cluster.store;
                    let unmatched = store.get_watched::<Pod>(ev).is_some_and(|p| {
                        store
                            .get::<Job>(owner)
                            .and_then(|j| j.spec.selector.as_ref())
                            .is_some_and(|sel| !sel.matches(&p.metadata.labels))
                    });
                    if unmatched {
                        self.release
                            .entry(owner.to_string())
                            .or_default()
                            .insert(ev.name.to_string());
                    }
                }
                // addPod/updatePod resolve the controllerRef: a Job gone queues nothing;
                // deletePod (a pod deleted or being deleted) also skips a finished Job, which
                // has nothing left to count (unless the pod still holds the tracking
                // finalizer, which a sync removes).
                let job = cluster.store.get::<Job>(owner);
                let gone = ev.type_ == WatchEventType::Deleted || ev.deleting;
                let holds_finalizer = cluster.store.get_watched::<Pod>(ev).is_some_and(|p| {
                    p.metadata
                        .finalizers
                        .iter()
                        .any(|f| f == JOB_TRACKING_FINALIZER)
                });
                let finished = job.is_some_and(|j| j.status.finished_type().is_some());
                if job.is_none() || (gone && finished && !holds_finalizer) {
                    return;
                }
                // enqueueSyncJobBatched: an add the queue already holds (a sync due as soon)
                // is merged, and said so.
                let at = cluster.now + SYNC_JOB_BATCH_PERIOD;
                let added = self.queue.add_after(owner, at);
                cluster.trace(COMPONENT, || Step::Enqueue {
                    key: owner.to_string(),
                    after: Some(at),
                    why: format!(
                        "pod {} {} (batched 1s){}",
                        ev.name,
                        ev.type_.as_str(),
                        super::already_queued(added).0
                    ),
                    zh: format!(
                        "Pod {} {}（合并入队，延迟 1 秒）{}",
                        ev.name,
                        ev.type_.as_str(),
                        super::already_queued(added).1
                    ),
                });
            }
            _ => {}
        }
    }

    /// The orphans a new `job`'s first sync adopts.
    fn adopt_orphans_of(&mut self, job: &str, cluster: &Cluster) {
        let Some(j) = cluster.store.get::<Job>(job) else {
            return;
        };
        let orphans = orphans_for(&cluster.store, j);
        if !orphans.is_empty() {
            self.adopt
                .entry(job.to_string())
                .or_default()
                .extend(orphans);
        }
    }

    /// `syncJob`.
    pub fn sync(&mut self, key: &str, cluster: &mut Cluster) {
        cluster.trace(COMPONENT, || Step::Sync {
            key: key.to_string(),
        });
        // The pod cache is only read during a sync; observe() runs between syncs. Its
        // ClaimPods (getPodsForJob) releases and adopts first.
        let mut views = self.tracked.remove(key).unwrap_or_default();
        // syncJob returns for a finished Job, or one another controller manages, before
        // getPodsForJob: such a Job neither releases nor adopts.
        let claims = cluster
            .store
            .get::<Job>(key)
            .is_some_and(|j| !j.status.is_finished() && j.spec.managed_elsewhere().is_none());
        let (release, adopt) = (self.release.remove(key), self.adopt.remove(key));
        if claims {
            if let Some(names) = release {
                release_pods(key, &names, &mut views, cluster);
            }
            if let Some(names) = adopt {
                adopt_pods(key, &names, &mut views, cluster);
            }
        }
        self.deleted_now.clear();
        self.create_failed = false;
        self.sync_job(key, cluster, &views);
        if !views.is_empty() {
            self.tracked.insert(key.to_string(), views);
        }
        // The queue's rate limiter: `NewTypedItemExponentialFailureRateLimiter(
        // DefaultJobApiBackOff 1s, MaxJobApiBackOff 1m)` (job_controller.go).
        if self.create_failed {
            super::requeue_rate_limited(
                &mut self.queue,
                cluster,
                COMPONENT,
                key,
                (Duration::from_secs(1), MAX_JOB_API_BACKOFF),
                ("pod create refused", "创建 Pod 被拒绝"),
            );
        } else {
            self.queue.forget(key);
        }
    }

    fn sync_job(&mut self, key: &str, cluster: &mut Cluster, views: &BTreeMap<Rc<str>, PodView>) {
        let now = cluster.now;
        let Some(mut job) = cluster.store.get::<Job>(key).cloned() else {
            self.forget_deleted_job(key, cluster);
            return;
        };
        if job.status.is_finished() {
            return;
        }
        // syncJob: a Job managed by another controller (spec.managedBy) is not touched.
        if let Some(manager) = job.spec.managed_elsewhere() {
            cluster.trace(COMPONENT, || Step::Decide {
                key: key.to_string(),
                message: format!("managedBy {manager}: another controller runs this Job, the Job controller leaves it alone"),
                zh: format!("managedBy {manager}：由另一个控制器负责这个 Job，Job 控制器不处理它"),
            });
            return;
        }
        let old_status = job.status.clone();
        // syncJob: an empty uncountedTerminatedPods before anything is counted (the pods are
        // counted in the same status write here, so it stays empty).
        job.status
            .uncounted_terminated_pods
            .get_or_insert_with(Default::default);
        let pods: Vec<&PodView> = views
            .values()
            .filter(|v| v.owner_uid == job.metadata.uid)
            .collect();
        let mut active_pods: Vec<&PodView> = pods.iter().copied().filter(|p| p.active).collect();
        let ready = active_pods.iter().filter(|p| p.ready).count() as i32;
        let indexed = job.spec.is_indexed();
        let completions = job.spec.completions;
        let rules = FailureRules::of(&job);

        // Pods finished since the last count (they still hold the tracking finalizer).
        let mut new_succeeded: Vec<&PodView> = Vec::new();
        let mut new_failed: Vec<&PodView> = Vec::new();
        for p in pods.iter().copied().filter(|p| p.tracking) {
            if p.succeeded {
                new_succeeded.push(p);
            } else if rules.is_failed(p) {
                new_failed.push(p);
            }
        }
        // An Ignore match leaves the failure out of status.failed and backoffLimit (it still
        // lengthens the pod failure back-off: newBackoffRecord takes every failed pod).
        let counted_failed = new_failed.iter().filter(|p| rules.counts(p)).count() as i32;
        let mut succeeded_indexes =
            parse_indexes_below(&job.status.completed_indexes, completions.unwrap_or(0));
        let mut succeeded = job.status.succeeded + new_succeeded.len() as i32;
        if indexed {
            for p in &new_succeeded {
                if let Some(ix) = p.index {
                    if ix >= 0 && ix < completions.unwrap_or(0) {
                        succeeded_indexes.insert(ix);
                    }
                }
            }
            succeeded = succeeded_indexes.len() as i32;
        }
        let mut failed = job.status.failed + counted_failed;
        let per_index = job
            .spec
            .backoff_limit_per_index
            .filter(|_| indexed)
            .map(|limit| {
                let seen = IndexSeen {
                    new_failed: &new_failed,
                    active_pods: &active_pods,
                    succeeded_indexes: &succeeded_indexes,
                };
                per_index_state(cluster, key, &job, limit, &rules, seen)
            });
        self.explain_policy_matches(cluster, &job, &rules, &new_failed, per_index.as_ref());

        if job.status.start_time.is_none() && !job.spec.is_suspended() {
            job.status.start_time = Some(now);
        }
        let streak_reset = self.update_backoff(key, now, &new_succeeded, &new_failed);

        let seen = Observed {
            pods: &pods,
            failed,
            succeeded_indexes: &succeeded_indexes,
            per_index: per_index.as_ref(),
        };
        let mut finished = self.finished_condition(cluster, &job, &rules, &seen);
        let mut active = active_pods.len() as i32;
        let mut counted_failed_on_finish = Vec::new();
        let mut released_uncounted: Vec<Rc<str>> = Vec::new();
        let failing = finished
            .as_ref()
            .is_some_and(|c| c.type_ == "FailureTarget" || c.type_ == "Failed");
        let failing_with = finished.clone().filter(|_| failing);
        if let Some(cond) = &failing_with {
            counted_failed_on_finish =
                self.delete_active_pods_of_failed(cluster, &job, cond, &seen, &active_pods);
            failed += active_pods.len() as i32;
            active = 0;
            active_pods.clear();
        } else if finished.is_some() && !active_pods.is_empty() {
            // Succeeded by the successPolicy: the pods still running are deleted, not failed.
            cluster.trace(COMPONENT, || Step::Decide {
                key: key.to_string(),
                message: format!(
                    "successPolicy met ({}): deleting {} active pod(s)",
                    finished.as_ref().map_or("", |c| c.message.as_str()),
                    active_pods.len()
                ),
                zh: format!(
                    "满足 successPolicy（{}）：删除 {} 个活跃 Pod",
                    finished.as_ref().map_or("", |c| c.message.as_str()),
                    active_pods.len()
                ),
            });
            // deleteActivePods keeps their finalizers: they are released after the
            // SuccessCriteriaMet write, uncounted.
            for p in &active_pods {
                self.delete_pod(cluster, &job, &p.name);
                released_uncounted.push(p.name.clone());
            }
            active = 0;
            active_pods.clear();
        } else if finished.is_none() {
            if job.metadata.deletion_timestamp.is_none() {
                // onlyReplaceFailedPods: a replacement waits until the pod it replaces is
                // Failed (a podFailurePolicy may still match it).
                let terminating: Vec<&PodView> = match rules.only_failed {
                    true => pods.iter().copied().filter(|p| p.terminating).collect(),
                    false => Vec::new(),
                };
                let ctx = ManageCtx {
                    succeeded,
                    failures: (failed, live_restarts(&job, &pods)),
                    succeeded_indexes: &succeeded_indexes,
                    terminating: &terminating,
                    per_index: per_index.as_ref(),
                    streak_reset,
                };
                active = self.manage_job(cluster, &job, &active_pods, ctx);
            }
            finished = completed_or_suspended(cluster, &mut job, succeeded, active);
        }
        // canRemoveFinalizer: once the Job finishes (or is being deleted), the pods still
        // terminating are released too: a failing Job counts them as failed ("every
        // non-terminated pod is considered failed"), a succeeding or deleted one does not.
        let unfinished = pods.iter().filter(|p| {
            p.tracking
                && !p.succeeded
                && !rules.is_failed(p)
                && (p.terminating
                    || (job.metadata.deletion_timestamp.is_some() && finished.is_none()))
                && !counted_failed_on_finish.contains(&p.name)
                && !released_uncounted.contains(&p.name)
        });
        let unfinished: Vec<Rc<str>> = match (&finished, job.metadata.deletion_timestamp.is_some())
        {
            (Some(_), _) | (None, true) => unfinished.map(|p| p.name.clone()).collect(),
            (None, false) => Vec::new(),
        };
        if failing {
            failed += unfinished.len() as i32;
            counted_failed_on_finish.extend(unfinished);
        } else {
            released_uncounted.extend(unfinished);
        }
        let tally = Tally {
            active,
            ready,
            succeeded,
            failed,
            seen,
            new_succeeded: &new_succeeded,
            new_failed: &new_failed,
            failed_on_finish: &counted_failed_on_finish,
            released_uncounted: &released_uncounted,
        };
        self.write_status(cluster, job, old_status, finished, &rules, tally);
    }

    /// The Job is gone: release its pods' tracking finalizers, so the garbage collector can
    /// remove them.
    fn forget_deleted_job(&mut self, key: &str, cluster: &mut Cluster) {
        self.backoff.remove(key);
        if let Some(uid) = self.deleted.remove(key) {
            let names: Vec<String> = cluster
                .store
                .dependents::<Pod>(&uid)
                .iter()
                .filter(|p| has_tracking_finalizer(p))
                .map(|p| p.metadata.name.clone())
                .collect();
            // cleanupPodFinalizers → syncOrphanPod: one patch each.
            for n in names {
                self.release_finished(cluster, &n);
            }
        }
    }

    /// The decision on each failed pod a podFailurePolicy rule matched (a held pod: once,
    /// when it is released).
    fn explain_policy_matches(
        &mut self,
        cluster: &mut Cluster,
        job: &Job,
        rules: &FailureRules,
        new_failed: &[&PodView],
        per_index: Option<&PerIndex>,
    ) {
        for p in new_failed {
            // Once per failed pod, when first seen: a held pod stays uncounted (and seen
            // again) until its replacement exists.
            let first = self.explained.insert(p.name.clone());
            if !per_index.is_some_and(|pi| pi.held.contains(&p.name)) {
                self.explained.remove(&p.name);
            }
            // isPodFailed: a deleted pod that has not succeeded is failed (unless
            // onlyReplaceFailedPods); its finish time is getFinishTimeFromDeletionTimestamp.
            if first && !p.phase_failed && p.terminating {
                cluster.trace(COMPONENT, || Step::Decide {
                    key: job.metadata.name.clone(),
                    message: format!("pod {} is terminating (deleted): counted as failed (podReplacementPolicy TerminatingOrFailed)", p.name),
                    zh: format!("Pod {} 正在终止（已被删除）：计为失败（podReplacementPolicy 为 TerminatingOrFailed）", p.name),
                });
            }
            if let Some(m) = rules.matched(p).filter(|_| first) {
                cluster.trace(COMPONENT, || policy_words(job, p, &m));
            }
        }
    }

    /// How the Job finishes, if it does now: syncJob's failure checks in its order
    /// (FailureTarget or SuccessCriteriaMet already set, a FailJob rule, backoffLimit,
    /// activeDeadlineSeconds, failed indexes), then the successPolicy. The deadline, not due
    /// yet, is queued.
    fn finished_condition(
        &mut self,
        cluster: &mut Cluster,
        job: &Job,
        rules: &FailureRules,
        seen: &Observed,
    ) -> Option<Condition> {
        let (key, now) = (job.metadata.name.as_str(), cluster.now);
        let (indexed, completions) = (job.spec.is_indexed(), job.spec.completions);
        // Failure checks, in syncJob's order.
        let mut finished: Option<Condition> = None;
        if let Some(target) = job.status.condition("FailureTarget") {
            finished = Some(new_condition(
                "Failed",
                &target.reason,
                &target.message,
                now,
            ));
        } else if let Some(c) = job.status.condition("SuccessCriteriaMet") {
            finished = Some(new_condition("Complete", &c.reason, &c.message, now));
        } else if let Some(message) = seen
            .pods
            .iter()
            .filter(|p| rules.is_failed(p))
            .find_map(|p| rules.matched(p)?.fail_job_message)
        {
            // getFailJobMessage: a FailJob match fails the Job before backoffLimit is looked at.
            finished = Some(new_condition(
                "FailureTarget",
                "PodFailurePolicy",
                &message,
                now,
            ));
        } else if seen.failed > job.spec.backoff_limit()
            || past_backoff_limit_on_failure(job, seen.pods)
        {
            finished = Some(new_condition(
                "FailureTarget",
                "BackoffLimitExceeded",
                "Job has reached the specified backoff limit",
                now,
            ));
        } else if let Some(deadline) = self.active_deadline(job) {
            if now >= deadline {
                finished = Some(new_condition(
                    "FailureTarget",
                    "DeadlineExceeded",
                    "Job was active longer than specified deadline",
                    now,
                ));
            } else if self.queue.add_after(key, deadline) {
                cluster.trace(COMPONENT, || Step::Enqueue {
                    key: key.to_string(),
                    after: Some(deadline),
                    why: "activeDeadlineSeconds".into(),
                    zh: String::new(),
                });
            }
        }

        // Failed indexes end the Job when there are more than maxFailedIndexes, or when every
        // index has either succeeded or failed (job_controller.go syncJob).
        if let (None, Some(pi)) = (&finished, seen.per_index) {
            let too_many = job
                .spec
                .max_failed_indexes
                .is_some_and(|m| pi.failed.len() > m.max(0) as usize);
            let all_done = pi.failed.len() + seen.succeeded_indexes.len()
                >= completions.unwrap_or(0).max(0) as usize;
            if too_many {
                finished = Some(new_condition(
                    "FailureTarget",
                    "MaxFailedIndexesExceeded",
                    "Job has exceeded the specified maximal number of failed indexes",
                    now,
                ));
            } else if !pi.failed.is_empty() && all_done {
                finished = Some(new_condition(
                    "FailureTarget",
                    "FailedIndexes",
                    "Job has failed indexes",
                    now,
                ));
            }
        }
        // matchSuccessPolicy (success_policy.go): an Indexed Job whose succeeded indexes meet a
        // rule has succeeded, whatever is still running.
        if finished.is_none() && indexed {
            let policy = job.spec.success_policy.as_ref();
            if let Some(message) = policy.and_then(|p| {
                match_success_policy(p, completions.unwrap_or(0), seen.succeeded_indexes)
            }) {
                finished = Some(new_condition(
                    "SuccessCriteriaMet",
                    "SuccessPolicy",
                    &message,
                    now,
                ));
            }
        }
        finished
    }

    /// deleteActivePods of a failing Job (their finalizers stay, so each is counted as
    /// failed), with the decision line saying which rule failed it. Returns the pods deleted.
    fn delete_active_pods_of_failed(
        &mut self,
        cluster: &mut Cluster,
        job: &Job,
        cond: &Condition,
        seen: &Observed,
        active_pods: &[&PodView],
    ) -> Vec<Rc<str>> {
        let key = job.metadata.name.as_str();
        let reason = cond.reason.as_str();
        let (why, why_zh) = failure_words(
            job,
            reason,
            seen.failed,
            live_restarts(job, seen.pods),
            seen.per_index,
            seen.succeeded_indexes.len(),
        );
        let deleting = active_pods.len();
        let already = cond.type_ == "Failed";
        let waiting = seen.pods.iter().filter(|p| p.terminating).count();
        cluster.trace(COMPONENT, || {
            let (message, zh) = match (already, deleting) {
                (true, 0) if waiting > 0 => (
                    format!("job failing ({reason}): Failed once its {waiting} terminating pod(s) are gone"),
                    format!("Job 已判定失败（{reason}）：等 {waiting} 个终止中的 Pod 消失后标记为 Failed"),
                ),
                (true, 0) => (
                    format!("job failing ({reason}): no pod left, so Failed"),
                    format!("Job 已判定失败（{reason}）：已没有 Pod，标记为 Failed"),
                ),
                // newFailureCondition: FailureTarget now (delayTerminalCondition), Failed once
                // no pod is left terminating (enactJobFinished).
                (_, 0) => (
                    format!("job fails ({reason}: {why}): {} written, no active pod to delete", cond.type_),
                    format!("Job 判定失败（{reason}：{why_zh}）：写入 {}，没有要删除的活跃 Pod", cond.type_),
                ),
                _ => (
                    format!("job fails ({reason}: {why}): {} written, deleting {deleting} active pod(s); Failed once they are gone", cond.type_),
                    format!("Job 判定失败（{reason}：{why_zh}）：写入 {}，删除 {deleting} 个活跃 Pod，它们消失后标记为 Failed", cond.type_),
                ),
            };
            Step::Decide {
                key: key.to_string(),
                message,
                zh,
            }
        });
        // deleteActivePods: finalizers stay, so each is counted as failed below.
        let mut deleted = Vec::new();
        for p in active_pods {
            self.delete_pod(cluster, job, &p.name);
            deleted.push(p.name.clone());
        }
        deleted
    }

    /// trackJobStatusAndRemoveFinalizers and the status update: the finished pods' finalizers
    /// released, the counts written, and a newly met interim condition written first.
    /// Pods of the Job being deleted and not yet terminal (`status.terminating`).
    fn count_terminating(&self, cluster: &Cluster, pods: &[&PodView]) -> i32 {
        let was_terminating = pods.iter().filter(|p| p.terminating).map(|p| &*p.name);
        crate::sort::to_set(was_terminating.chain(self.deleted_now.iter().map(String::as_str)))
            .into_iter()
            .filter(|n| {
                cluster
                    .store
                    .get::<Pod>(n)
                    .is_some_and(|p| p.metadata.deletion_timestamp.is_some() && !p.is_terminal())
            })
            .count() as i32
    }

    /// removeTrackingFinalizerFromPods: a counted pod is released (the garbage collector or
    /// the pod GC may remove it now), one patch each.
    fn release_finished(&self, cluster: &mut Cluster, name: &str) {
        let tracked = cluster
            .store
            .get::<Pod>(name)
            .is_some_and(has_tracking_finalizer);
        if tracked {
            cluster.remove_pod_finalizer(name, JOB_TRACKING_FINALIZER);
            cluster.trace(COMPONENT, || Step::Patch {
                object: object_ref(Kind::Pod, name),
                summary: format!("remove finalizer {JOB_TRACKING_FINALIZER}"),
                zh: format!("移除 finalizer {JOB_TRACKING_FINALIZER}"),
            });
        }
    }

    fn write_status(
        &mut self,
        cluster: &mut Cluster,
        mut job: Job,
        old_status: JobStatus,
        finished: Option<Condition>,
        rules: &FailureRules,
        tally: Tally,
    ) {
        let (key, now) = (job.metadata.name.clone(), cluster.now);
        let key = key.as_str();
        // trackJobStatusAndRemoveFinalizers (job_controller.go): the pods finished since the
        // last count go into uncountedTerminatedPods in one status write (an Indexed Job's
        // successes straight into completedIndexes), with a newly met interim condition
        // (FailureTarget, SuccessCriteriaMet); only then are their tracking finalizers removed
        // (flushUncountedAndRemoveFinalizers), and a second write moves them into
        // succeeded/failed (cleanUncountedPodsWithoutFinalizers). A finish recorded before its
        // pod is released cannot be lost or counted twice.
        let indexed = job.spec.is_indexed();
        let keep_held = finished.is_none();
        let held = |p: &PodView| {
            keep_held
                && tally
                    .seen
                    .per_index
                    .is_some_and(|pi| pi.held.contains(&p.name))
        };
        let uid = |name: &str| {
            cluster
                .store
                .get::<Pod>(name)
                .map(|p| p.metadata.uid.clone())
        };
        let released: Vec<&PodView> = (tally.new_succeeded.iter().chain(tally.new_failed))
            .copied()
            .filter(|p| !held(p))
            .collect();
        let mut uncounted = crate::api::UncountedTerminatedPods::default();
        if !indexed {
            uncounted.succeeded = tally
                .new_succeeded
                .iter()
                .filter_map(|p| uid(&p.name))
                .collect();
        }
        uncounted.failed = (tally.new_failed.iter())
            .filter(|p| !held(p) && rules.counts(p))
            .filter_map(|p| uid(&p.name))
            .chain(tally.failed_on_finish.iter().filter_map(|n| uid(n)))
            .collect();
        let interim = finished
            .as_ref()
            .map(|c| interim_and_terminal(&c.type_).0)
            .filter(|t| job.status.condition(t).is_none());
        let held_counted = (tally.new_failed.iter())
            .filter(|p| held(p) && rules.counts(p))
            .count() as i32;
        let failed = tally.failed - held_counted;

        job.status.active = tally.active;
        job.status.ready = Some(tally.ready.min(tally.active));
        job.status.succeeded = tally.succeeded;
        job.status.failed = failed;
        if indexed {
            job.status.completed_indexes = format_indexes(tally.seen.succeeded_indexes);
        }
        if let Some(pi) = tally.seen.per_index {
            job.status.failed_indexes = Some(format_indexes(&pi.failed));
        }
        // The first write: every change of this sync except the counts of released pods.
        let mut first = job.clone();
        if !indexed {
            first.status.succeeded = old_status.succeeded;
        }
        first.status.failed = old_status.failed;
        let first_terminating = self.count_terminating(cluster, tally.seen.pods);
        first.status.terminating = Some(first_terminating);
        if let (Some(cond), Some(interim)) = (&finished, interim) {
            first
                .status
                .conditions
                .push(new_condition(interim, &cond.reason, &cond.message, now));
        }
        first.status.uncounted_terminated_pods = Some(uncounted);
        let mut written = old_status.clone();
        if first.status != old_status {
            let summary = status_summary(&first.status, interim);
            written = first.status.clone();
            job.status.conditions = first.status.conditions.clone();
            let _ = cluster.store.update(first);
            cluster.trace(COMPONENT, || Step::UpdateStatus {
                object: object_ref(Kind::Job, key),
                summary,
            });
        }
        for p in &released {
            self.release_finished(cluster, &p.name);
        }
        for n in tally
            .failed_on_finish
            .iter()
            .chain(tally.released_uncounted)
        {
            self.release_finished(cluster, n);
        }
        // syncJob counts the terminating pods once (CountTerminatingPods, plus those it
        // deleted): both writes and enactJobFinished use that figure, so a pod that went with
        // its finalizer still holds the terminal condition until the next sync.
        job.status.terminating = Some(first_terminating);
        let finished_event = finished
            .and_then(|cond| self.enact_finished(cluster, &mut job, cond, first_terminating));
        let meta = finished_event.as_ref().map(|_| job.metadata.clone());
        // recordJobFinished: more pods succeeded than completions (finished pods adopted
        // through a manualSelector) is worth a Warning before the Completed Event.
        let too_many_succeeded = matches!(&finished_event, Some((_, r, _)) if r == "Completed")
            && job
                .spec
                .completions
                .is_some_and(|c| job.status.succeeded > c);
        if job.status != written {
            let summary = status_summary(&job.status, job.status.finished_type());
            let _ = cluster.store.update(job);
            cluster.trace(COMPONENT, || Step::UpdateStatus {
                object: object_ref(Kind::Job, key),
                summary,
            });
        }
        if let (Some((type_, reason, message)), Some(meta)) = (finished_event, meta) {
            if too_many_succeeded {
                cluster.record(
                    Kind::Job,
                    &meta,
                    "Warning",
                    "TooManySucceededPods",
                    "Too many succeeded pods running after completion count reached",
                    COMPONENT,
                    "",
                );
            }
            cluster.record(Kind::Job, &meta, type_, reason, message, COMPONENT, "");
        }
    }

    /// Adds the interim condition (FailureTarget / SuccessCriteriaMet) and, once no pod is
    /// terminating, the terminal one (`enactJobFinished`); returns the terminal one's Event.
    fn enact_finished(
        &mut self,
        cluster: &mut Cluster,
        job: &mut Job,
        cond: Condition,
        terminating: i32,
    ) -> Option<(&'static str, String, String)> {
        let now = cluster.now;
        let (interim, terminal) = interim_and_terminal(&cond.type_);
        // Met at an earlier sync (this sync's first write may have just added it).
        let met_before = job
            .status
            .condition(interim)
            .is_some_and(|c| c.last_transition_time.is_some_and(|t| t < now));
        if job.status.condition(interim).is_none() {
            job.status
                .conditions
                .push(new_condition(interim, &cond.reason, &cond.message, now));
        }
        // delayTerminalCondition: Complete waits for the pods still terminating (the failing
        // path says so where it deletes them).
        if terminal == "Complete" && (terminating > 0 || met_before) {
            let reason = cond.reason.clone();
            cluster.trace(COMPONENT, || {
                let (message, zh) = match terminating {
                    0 => (
                        format!("SuccessCriteriaMet ({reason}) and no pod terminating any more: Complete"),
                        format!("已满足 SuccessCriteriaMet（{reason}），且没有终止中的 Pod 了：标记为 Complete"),
                    ),
                    n => (
                        format!("SuccessCriteriaMet ({reason}): Complete once its {n} terminating pod(s) are gone"),
                        format!("已满足 SuccessCriteriaMet（{reason}）：等 {n} 个终止中的 Pod 消失后标记为 Complete"),
                    ),
                };
                Step::Decide {
                    key: job.metadata.name.clone(),
                    message,
                    zh,
                }
            });
        }
        if terminating > 0 {
            return None;
        }
        job.status
            .conditions
            .push(new_condition(terminal, &cond.reason, &cond.message, now));
        self.backoff.remove(&job.metadata.name);
        // recordJobFinished: its Event once the status write has gone through.
        if terminal == "Complete" {
            job.status.completion_time = Some(now);
            Some(("Normal", "Completed".into(), "Job completed".into()))
        } else {
            Some(("Warning", cond.reason, cond.message))
        }
    }

    /// When `activeDeadlineSeconds` runs out (None when unset, not started or suspended).
    fn active_deadline(&self, job: &Job) -> Option<Time> {
        let secs = job.spec.active_deadline_seconds?;
        if job.spec.is_suspended() {
            return None;
        }
        Some(job.status.start_time? + Duration::from_secs(secs))
    }

    /// `newBackoffRecord`: a success resets the count of consecutive failures. True when that
    /// reset dropped a failure (one of this sync's, or a streak still backing off).
    fn update_backoff(
        &mut self,
        key: &str,
        now: Time,
        new_succeeded: &[&PodView],
        new_failed: &[&PodView],
    ) -> bool {
        if new_succeeded.is_empty() && new_failed.is_empty() {
            return false;
        }
        let rec = self.backoff.entry(key.to_string()).or_default();
        let last_success = new_succeeded.iter().map(|p| p.finished_at).max();
        let mut failures: Vec<Time> = new_failed.iter().map(|p| p.finished_at).collect();
        let mut reset = false;
        if let Some(s) = last_success {
            let before = failures.len();
            // A failure at the same instant as the last success is not counted.
            failures.retain(|t| *t > s);
            reset = failures.len() < before || rec.remaining(now) > Duration::ZERO;
            rec.failures_after_last_success = 0;
            rec.last_failure_time = None;
        }
        rec.failures_after_last_success += failures.len() as u32;
        if let Some(t) = failures.into_iter().max() {
            rec.last_failure_time = Some(rec.last_failure_time.map_or(t, |old| old.max(t)));
        }
        reset && rec.failures_after_last_success == 0
    }

    /// `manageJob`: create or delete pods so `active` meets the wanted count. Returns the new active.
    fn manage_job(
        &mut self,
        cluster: &mut Cluster,
        job: &Job,
        active_pods: &[&PodView],
        ctx: ManageCtx,
    ) -> i32 {
        let ManageCtx {
            succeeded,
            failures,
            succeeded_indexes,
            terminating,
            per_index,
            streak_reset,
        } = ctx;
        let key = job.metadata.name.clone();
        let active = active_pods.len() as i32;
        let parallelism = job.spec.parallelism();
        if job.spec.is_suspended() {
            if active > 0 {
                cluster.trace(COMPONENT, || Step::Decide {
                    key: key.clone(),
                    message: format!("suspended: deleting {active} active pod(s)"),
                    zh: format!("已挂起（suspend）：删除 {active} 个活跃 Pod"),
                });
            }
            for p in active_pods {
                // deleteJobPods releases the finalizer first: suspension is not a failure.
                self.release_finished(cluster, &p.name);
                self.delete_pod(cluster, job, &p.name);
            }
            return 0;
        }
        let want = match job.spec.completions {
            // Work-queue mode: once any pod succeeded, no new pods.
            None if succeeded > 0 => active,
            None => parallelism,
            Some(c) => (c - succeeded).clamp(0, parallelism),
        };
        let rm = active_pods_for_removal(job, active_pods, want, succeeded_indexes);
        if !rm.is_empty() {
            let n = rm.len().min(MAX_POD_CREATE_DELETE_PER_SYNC);
            let (en, zh) = (format!("deleting {n} pod(s)"), format!("删除 {n} 个 Pod"));
            cluster.trace(COMPONENT, || Step::Decide {
                key: key.clone(),
                message: format!("{}: {en}", wanted_words(job, want, active, succeeded)),
                zh: format!("{}：{zh}", wanted_words_zh(job, want, active, succeeded)),
            });
            for p in rm.iter().take(n) {
                self.release_finished(cluster, &p.name);
                self.delete_pod(cluster, job, &p.name);
            }
            return active - n as i32;
        }
        let waiting = terminating.len() as i32;
        let wanted = Wanted {
            key: &key,
            job,
            want,
            active,
            succeeded,
            failures: if per_index.is_some() {
                (0, 0)
            } else {
                failures
            },
        };
        if active < want && active + waiting >= want {
            cluster.trace(COMPONENT, || {
                wanted.then(
                    &format!("waits for {waiting} terminating pod(s) to be Failed (podReplacementPolicy Failed)"),
                    &format!("等待 {waiting} 个终止中的 Pod 变为 Failed（podReplacementPolicy 为 Failed：只替换已失败的 Pod）"),
                )
            });
            return active;
        }
        if active >= want {
            cluster.trace(COMPONENT, || wanted.then("nothing to do", "无需操作"));
            return active;
        }
        // With backoffLimitPerIndex each index backs off on its own (below).
        let remaining = match per_index {
            Some(_) => Duration::ZERO,
            None => self
                .backoff
                .get(&key)
                .map_or(Duration::ZERO, |b| b.remaining(cluster.now)),
        };
        if remaining > Duration::ZERO {
            // enqueueSyncJobWithDelay: never sooner than the batching period.
            let remaining = remaining.max(SYNC_JOB_BATCH_PERIOD);
            let at = cluster.now + remaining;
            let secs = remaining.as_secs_f64();
            // The rule, with its numbers: 10 s × 2^(n−1) (at most 10 min) after the last of n
            // failures in a row.
            let (n, since) = self.backoff.get(&key).map_or((0, None), |b| {
                (b.failures_after_last_success, b.last_failure_time)
            });
            let rule = pod_failure_backoff(i32::try_from(n.max(1) - 1).unwrap_or(i32::MAX));
            let rule_s = rule.whole_secs();
            let last = since.map_or(String::new(), |t| {
                crate::kubectl::human_duration(cluster.now - t)
            });
            let last_zh = since.map_or(String::new(), |t| {
                crate::i18n::zh_duration((cluster.now - t).0)
            });
            cluster.trace(COMPONENT, || {
                wanted.then(
                    &format!("pod failure back-off: {n} failure(s) in a row wait {rule_s}s (10s × 2^{}, at most 10m) from the last, {last} ago: next pod in {secs}s", n.max(1) - 1),
                    &format!("Pod 失败回退：连续 {n} 次失败要从最后一次失败起等 {rule_s} 秒（10 秒 × 2^{}，最多 10 分钟），最后一次在 {last_zh}前：{secs} 秒后创建下一个 Pod", n.max(1) - 1),
                )
            });
            if self.queue.add_after(&key, at) {
                cluster.trace(COMPONENT, || Step::Enqueue {
                    key: key.clone(),
                    after: Some(at),
                    why: "pod failure back-off".into(),
                    zh: "Pod 失败回退".into(),
                });
            }
            return active;
        }
        let mut diff = ((want - active - waiting) as usize).min(MAX_POD_CREATE_DELETE_PER_SYNC);
        let mut indexes: Vec<Option<i32>> = Vec::new();
        if job.spec.is_indexed() {
            // firstPendingIndexes: not succeeded, not running, not failed for good.
            let taken: BTreeSet<i32> = crate::sort::to_set(
                active_pods
                    .iter()
                    .chain(terminating)
                    .filter_map(|p| p.index),
            );
            let mut pending = (0..job.spec.completions.unwrap_or(0)).filter(|ix| {
                !succeeded_indexes.contains(ix)
                    && !taken.contains(ix)
                    && per_index.is_none_or(|pi| !pi.failed.contains(ix))
            });
            // firstPendingIndexes: only the `diff` lowest; higher ones wait behind them.
            let first: Vec<i32> = pending.by_ref().take(diff).collect();
            let more = pending.next().is_some();
            let mut waiting: Vec<(i32, Time)> = Vec::new();
            for ix in first {
                // getPodCreationInfoForIndependentIndexes: an index still backing off waits.
                let backoff_until = per_index.and_then(|pi| Some(pi.retry.get(&ix)?.backoff_until));
                match backoff_until {
                    Some(at) if at > cluster.now => waiting.push((ix, at)),
                    _ => indexes.push(Some(ix)),
                }
            }
            if indexes.is_empty() {
                if let Some(at) = waiting.iter().map(|w| w.1).min() {
                    let at = at.max(cluster.now + SYNC_JOB_BATCH_PERIOD);
                    let secs = (at - cluster.now).as_secs_f64();
                    let list = join_indexes(waiting.iter().map(|w| w.0), ", ");
                    let list_zh = join_indexes(waiting.iter().map(|w| w.0), "、");
                    let (en, zh) = match waiting.len() {
                        1 => (
                            format!("index {list}, the lowest pending one ({diff} to create), backs off (backoffLimitPerIndex): next pod in {secs}s"),
                            format!("索引 {list_zh} 是编号最小的待运行索引（要创建 {diff} 个），正在回退（backoffLimitPerIndex）：{secs} 秒后创建下一个 Pod"),
                        ),
                        _ => (
                            format!("indexes {list}, the lowest pending ones ({diff} to create), back off (backoffLimitPerIndex): next pod in {secs}s"),
                            format!("索引 {list_zh} 是编号最小的几个待运行索引（要创建 {diff} 个），都在回退（backoffLimitPerIndex）：{secs} 秒后创建下一个 Pod"),
                        ),
                    };
                    let (behind, behind_zh) = match (more, waiting.len()) {
                        (false, _) => (String::new(), String::new()),
                        (true, 1) => (
                            "; indexes above it wait behind it".to_string(),
                            "；更高的索引排在它后面等待".to_string(),
                        ),
                        (true, _) => (
                            "; indexes above them wait behind them".to_string(),
                            "；更高的索引排在它们后面等待".to_string(),
                        ),
                    };
                    cluster.trace(COMPONENT, || {
                        wanted.then(&format!("{en}{behind}"), &format!("{zh}{behind_zh}"))
                    });
                    if self.queue.add_after(&key, at) {
                        cluster.trace(COMPONENT, || Step::Enqueue {
                            key: key.clone(),
                            after: Some(at),
                            why: "index failure back-off".into(),
                            zh: "索引失败回退".into(),
                        });
                    }
                }
                return active;
            }
            // getPodCreationInfoForIndependentIndexes returns (indexesToAddNow, 0) when any
            // index can be created: no AddAfter for the others, the pods' events bring the next sync.
            if !waiting.is_empty() {
                let mut en = String::new();
                let mut zh = String::new();
                for (i, (ix, at)) in waiting.iter().enumerate() {
                    let secs = (*at - cluster.now).as_secs_f64();
                    if i == 0 {
                        en = format!("index {ix} backs off for {secs}s more");
                        zh = format!("索引 {ix} 还要回退 {secs} 秒");
                    } else {
                        en.push_str(&format!(", index {ix} for {secs}s more"));
                        zh.push_str(&format!("，索引 {ix} 还要 {secs} 秒"));
                    }
                }
                let (n, asked) = (indexes.len(), indexes.len() + waiting.len());
                cluster.trace(COMPONENT, || {
                    wanted.then(
                        &format!("creating {n} pod(s), not {asked}: {en} (no delayed sync for the back-off: the pods' events bring the next)"),
                        &format!("创建 {n} 个 Pod，而不是 {asked} 个：{zh}（不为回退安排延迟同步：下一次同步由 Pod 的事件触发）"),
                    )
                });
                return active + self.create_pods(cluster, job, indexes, per_index);
            }
            diff = indexes.len();
        } else {
            indexes = vec![None; diff];
        }
        let (reset, reset_zh) = match streak_reset && per_index.is_none() {
            true => (
                "; no back-off: a pod succeeded since, which resets the failure streak",
                "；不回退：此后有 Pod 成功，连续失败计数清零",
            ),
            false => ("", ""),
        };
        cluster.trace(COMPONENT, || {
            wanted.then(
                &format!("creating {diff} pod(s){reset}"),
                &format!("创建 {diff} 个 Pod{reset_zh}"),
            )
        });
        active + self.create_pods(cluster, job, indexes, per_index)
    }

    /// The pods (an index each for an Indexed Job) created by slowStartBatch; a failed create
    /// fails the sync. Returns how many were created.
    fn create_pods(
        &mut self,
        cluster: &mut Cluster,
        job: &Job,
        indexes: Vec<Option<i32>>,
        per_index: Option<&PerIndex>,
    ) -> i32 {
        let want_len = indexes.len();
        let (created, failed) = super::slow_start_batch(indexes, |ix| {
            let counts = ix.and_then(|ix| {
                let pi = per_index?;
                Some(
                    pi.retry
                        .get(&ix)
                        .map_or((0, 0), |r| (r.failures, r.ignored_failures)),
                )
            });
            self.create_pod(cluster, job, ix, counts)
        });
        if failed {
            let (key, asked) = (job.metadata.name.clone(), want_len);
            cluster.trace(COMPONENT, || Step::Decide {
                key,
                message: format!("the API server refused a create (FailedCreate): slowStartBatch stops; {created} of {asked} pod(s) created, the sync fails and is retried"),
                zh: format!("API 服务器拒绝了创建（FailedCreate）：slowStartBatch 停止；{asked} 个 Pod 中创建了 {created} 个，本次同步失败，稍后重试"),
            });
        }
        self.create_failed |= failed;
        created as i32
    }

    /// `counts`: backoffLimitPerIndex's failure counts of the index, for its annotations.
    fn create_pod(
        &mut self,
        cluster: &mut Cluster,
        job: &Job,
        index: Option<i32>,
        counts: Option<(i32, i32)>,
    ) -> bool {
        let template = &job.spec.template;
        let mut meta = ObjectMeta {
            generate_name: match index {
                Some(ix) => generate_name_with_index(&job.metadata.name, ix),
                None => format!("{}-", job.metadata.name),
            },
            namespace: job.metadata.namespace.clone(),
            labels: template.metadata.labels.clone(),
            annotations: template.metadata.annotations.clone(),
            finalizers: vec![JOB_TRACKING_FINALIZER.into()],
            owner_references: vec![owner_ref(job)],
            ..Default::default()
        };
        let mut spec = template.spec.clone();
        if let Some(ix) = index {
            meta.annotations
                .insert(JOB_COMPLETION_INDEX.into(), ix.to_string());
            meta.labels
                .insert(JOB_COMPLETION_INDEX.into(), ix.to_string());
            // addIndexFailureCountAnnotation: the count always, the ignored count when > 0.
            if let Some((failures, ignored)) = counts {
                meta.annotations
                    .insert(JOB_INDEX_FAILURE_COUNT.into(), failures.to_string());
                if ignored > 0 {
                    meta.annotations
                        .insert(JOB_INDEX_IGNORED_FAILURE_COUNT.into(), ignored.to_string());
                }
            }
            // addCompletionIndexEnvVariables: init containers and containers, each unless it
            // sets the variable itself.
            for c in spec
                .init_containers
                .iter_mut()
                .chain(spec.containers.iter_mut())
            {
                if c.env.iter().any(|e| e.name == "JOB_COMPLETION_INDEX") {
                    continue;
                }
                c.env.push(EnvVar { name: "JOB_COMPLETION_INDEX".into(), value: None, value_from: Some(serde_json::json!({
                    "fieldRef": {"fieldPath": format!("metadata.labels['{JOB_COMPLETION_INDEX}']")}
                })) });
            }
            spec.other.insert(
                "hostname".into(),
                serde_json::Value::String(format!("{}-{}", job.metadata.name, ix)),
            );
        }
        let pod = Pod {
            api_version: "v1".into(),
            kind: "Pod".into(),
            metadata: meta,
            spec,
            status: Default::default(),
        };
        crate::controllers::create_pod(cluster, COMPONENT, (Kind::Job, &job.metadata), pod)
    }

    fn delete_pod(&mut self, cluster: &mut Cluster, job: &Job, name: &str) {
        if crate::controllers::delete_pod(cluster, COMPONENT, (Kind::Job, &job.metadata), name) {
            self.deleted_now.push(name.to_string());
        }
    }

    /// A controller-manager restart: the work queue (with its rate limiter) and the Jobs'
    /// pod-failure back-off records are lost; the informers re-list every Job (its generation)
    /// and pod (the pod cache), the initial list releases orphans' tracking finalizers, and
    /// every Job is queued.
    ///
    /// Kept across the restart, unlike in a new process: `deleted` (uids of Jobs seen deleted,
    /// whose pods a sync of the gone Job releases; the re-list's orphan release already did),
    /// `release` (pods seen relabelled out of their Job's selector, released by its next sync;
    /// the re-list adds those relabelled while the controller manager was down, which the
    /// first sync's ClaimPods releases), and `explained`
    /// (held failed pods whose podFailurePolicy decision line was shown, so it is not shown
    /// again). `deleted_now` and `create_failed` belong to one sync and are reset by the next.
    pub fn restart(&mut self, cluster: &mut Cluster) {
        self.queue.clear();
        self.backoff.clear();
        self.tracked.clear();
        self.generations = cluster
            .store
            .list::<Job>()
            .map(|j| (j.metadata.name.clone(), j.metadata.generation))
            .collect();
        for p in cluster.store.list::<Pod>().filter(|p| needs_tracking(p)) {
            if let Some(o) = p.metadata.controller_of().filter(|o| o.kind == "Job") {
                let name: Rc<str> = Rc::from(p.metadata.name.as_str());
                self.tracked
                    .entry(o.name.clone())
                    .or_default()
                    .insert(name.clone(), PodView::of(name, p, cluster.now));
            }
        }
        // getPodsForJob's ClaimPods on each Job's first sync: its pods whose labels its
        // selector no longer matches (relabelled meanwhile) are released.
        for p in cluster.store.list::<Pod>() {
            let Some(o) = p.metadata.controller_of().filter(|o| o.kind == "Job") else {
                continue;
            };
            let unmatched = cluster
                .store
                .get::<Job>(&o.name)
                .filter(|j| j.metadata.uid == o.uid && j.metadata.deletion_timestamp.is_none())
                .and_then(|j| j.spec.selector.as_ref())
                .is_some_and(|sel| !sel.matches(&p.metadata.labels));
            if unmatched && p.metadata.deletion_timestamp.is_none() {
                self.release
                    .entry(o.name.clone())
                    .or_default()
                    .insert(p.metadata.name.clone());
            }
        }
        // The informer's initial list goes through addPod too: a pod still holding the
        // tracking finalizer whose controller does not resolve (none: its Job orphaned it; or
        // a Job of that name and uid no longer exists: deleted meanwhile) is released
        // (job_controller.go addPod, resolveControllerRef, syncOrphanPod). A pod another kind
        // controls keeps it.
        let store = &cluster.store;
        let orphans: Vec<String> = store
            .list::<Pod>()
            .filter(|p| {
                let resolves = match p.metadata.controller_of() {
                    None => false,
                    Some(r) if r.kind != "Job" => true,
                    Some(r) => store
                        .get::<Job>(&r.name)
                        .is_some_and(|j| j.metadata.uid == r.uid),
                };
                !resolves && has_tracking_finalizer(p)
            })
            .map(|p| p.metadata.name.clone())
            .collect();
        for n in orphans {
            cluster.remove_pod_finalizer(&n, JOB_TRACKING_FINALIZER);
        }
        // The orphans the Jobs' first syncs adopt: each orphan is matched against the Jobs
        // (orphans are few; the pods are looked through once).
        let store = &cluster.store;
        for p in store
            .list::<Pod>()
            .filter(|p| p.metadata.controller_of().is_none())
        {
            for job in jobs_for_orphan(store, p) {
                self.adopt
                    .entry(job)
                    .or_default()
                    .insert(p.metadata.name.clone());
            }
        }
        let jobs: Vec<String> = store
            .list::<Job>()
            .map(|j| j.metadata.name.clone())
            .collect();
        for j in &jobs {
            self.queue.add(j);
            super::trace_relisted(cluster, COMPONENT, Kind::Job, j);
        }
    }
}

/// `matchSuccessPolicy`: "Matched rules at index N" for the first rule the succeeded indexes
/// meet: all of its `succeededIndexes` (or `succeededCount` of them), or `succeededCount`
/// indexes in all.
fn match_success_policy(
    policy: &SuccessPolicy,
    completions: i32,
    succeeded: &BTreeSet<i32>,
) -> Option<String> {
    if succeeded.is_empty() {
        return None;
    }
    for (index, rule) in policy.rules.iter().enumerate() {
        let met = match (&rule.succeeded_indexes, rule.succeeded_count) {
            (Some(ix), count) => {
                let required: BTreeSet<i32> = crate::sort::to_set(
                    parse_indexes(ix)
                        .into_iter()
                        .filter(|i| (0..completions).contains(i)),
                );
                if required.is_empty() {
                    continue;
                }
                let contains = required.intersection(succeeded).count();
                contains == required.len() || count.is_some_and(|c| contains >= c as usize)
            }
            (None, Some(count)) => succeeded.len() >= count.max(0) as usize,
            (None, None) => false,
        };
        if met {
            return Some(format!("Matched rules at index {index}"));
        }
    }
    None
}

/// A Job with nothing left to run: SuccessCriteriaMet once its completions are reached;
/// otherwise the Suspended condition follows spec.suspend (an Event when it changes; resuming
/// restarts the activeDeadlineSeconds clock).
fn completed_or_suspended(
    cluster: &mut Cluster,
    job: &mut Job,
    succeeded: i32,
    active: i32,
) -> Option<Condition> {
    let (key, now, completions) = (job.metadata.name.clone(), cluster.now, job.spec.completions);
    let complete = match completions {
        None => succeeded > 0 && active == 0,
        Some(c) => succeeded >= c && active == 0,
    };
    if complete {
        let (en, zh) = match completions {
            Some(c) => (
                format!("{succeeded} of {c} completions succeeded, none active"),
                format!("completions 为 {c}，已成功 {succeeded} 个，没有活跃 Pod"),
            ),
            None => (
                format!("work queue: {succeeded} succeeded, none active"),
                format!("工作队列模式：已成功 {succeeded} 个，没有活跃 Pod"),
            ),
        };
        cluster.trace(COMPONENT, || Step::Decide {
            key: key.to_string(),
            message: format!("{en}: SuccessCriteriaMet (CompletionsReached), then Complete once no pod is terminating"),
            zh: format!("{zh}：先加上 SuccessCriteriaMet（CompletionsReached），待没有终止中的 Pod 后再标记为 Complete"),
        });
        return Some(new_condition(
            "SuccessCriteriaMet",
            "CompletionsReached",
            "Reached expected number of succeeded pods",
            now,
        ));
    } else if job.spec.is_suspended() {
        if ensure_condition(
            &mut job.status.conditions,
            "Suspended",
            "True",
            "JobSuspended",
            "Job suspended",
            now,
        ) {
            cluster.trace(COMPONENT, || Step::Decide {
                key: key.to_string(),
                message:
                    "spec.suspend is true: condition Suspended, no pods run until it is resumed"
                        .into(),
                zh: "spec.suspend 为 true：加上 Suspended 状况，恢复之前不运行任何 Pod".into(),
            });
            cluster.record(
                Kind::Job,
                &job.metadata,
                "Normal",
                "Suspended",
                "Job suspended",
                COMPONENT,
                "",
            );
        }
    } else if ensure_condition(
        &mut job.status.conditions,
        "Suspended",
        "False",
        "JobResumed",
        "Job resumed",
        now,
    ) {
        cluster.trace(COMPONENT, || Step::Decide {
            key: key.to_string(),
            message: "resumed (spec.suspend false): Suspended is False, startTime is now, so activeDeadlineSeconds counts from here".into(),
            zh: "已恢复（spec.suspend 为 false）：Suspended 置为 False，startTime 设为现在，activeDeadlineSeconds 从此刻重新计时".into(),
        });
        cluster.record(
            Kind::Job,
            &job.metadata,
            "Normal",
            "Resumed",
            "Job resumed",
            COMPONENT,
            "",
        );
        // Resuming restarts the activeDeadlineSeconds clock.
        job.status.start_time = Some(now);
    }
    None
}

/// backoffLimitPerIndex state for this sync (indexed_job_utils.go): the failed indexes
/// (calculateFailedIndexes, with a decision line for each new one) and, for an index to
/// retry, its next pod's counts and back-off (getPodsWithDelayedDeletionPerIndex).
fn per_index_state(
    cluster: &mut Cluster,
    key: &str,
    job: &Job,
    limit: i32,
    rules: &FailureRules,
    seen: IndexSeen,
) -> PerIndex {
    let completions = job.spec.completions;
    let mut pi = PerIndex {
        failed: parse_indexes_below(
            job.status.failed_indexes.as_deref().unwrap_or(""),
            completions.unwrap_or(0),
        ),
        ..Default::default()
    };
    let in_range = |ix: i32| ix >= 0 && ix < completions.unwrap_or(0);
    for p in seen.new_failed {
        let Some(ix) = p.index.filter(|ix| in_range(*ix)) else {
            continue;
        };
        let m = rules.matched(p);
        // isIndexFailed: a FailIndex match, or the index's counted failures
        // before this pod reaching the limit.
        let index_failed = match &m {
            Some(m) if m.action == "FailIndex" => true,
            m => Matched::counts(m.as_ref()) && p.index_failures >= limit,
        };
        if index_failed && pi.failed.insert(ix) {
            let by_rule = m.as_ref().filter(|m| m.action == "FailIndex");
            cluster.trace(COMPONENT, || Step::Decide {
                    key: key.to_string(),
                    message: match by_rule {
                        Some(m) => format!("index {ix} failed (podFailurePolicy rule {}: FailIndex): it is not retried", m.rule),
                        None => format!(
                            "index {ix} failed ({} failure(s), backoffLimitPerIndex {limit}): it is not retried",
                            p.index_failures + 1
                        ),
                    },
                    zh: match by_rule {
                        Some(m) => format!("索引 {ix} 失败（podFailurePolicy rules[{}]：FailIndex）：不再重试", m.rule),
                        None => format!(
                            "索引 {ix} 失败（{} 次失败，backoffLimitPerIndex {limit}）：不再重试",
                            p.index_failures + 1
                        ),
                    },
                });
        }
    }
    // getPodsWithDelayedDeletionPerIndex: the last failed pod of each index still
    // to retry; its counts go to the next pod, its finish time starts the back-off.
    let active_ix: BTreeSet<i32> =
        crate::sort::to_set(seen.active_pods.iter().filter_map(|p| p.index));
    let mut last: BTreeMap<i32, &PodView> = BTreeMap::new();
    for p in seen.new_failed {
        let Some(ix) = p.index.filter(|ix| in_range(*ix)) else {
            continue;
        };
        if seen.succeeded_indexes.contains(&ix)
            || pi.failed.contains(&ix)
            || active_ix.contains(&ix)
        {
            continue;
        }
        let abs = |v: &PodView| v.index_failures + v.index_ignored;
        let newer = last
            .get(&ix)
            .is_none_or(|l| abs(l) <= abs(p) && p.finished_at >= l.finished_at);
        if newer {
            last.insert(ix, p);
        }
    }
    for (ix, p) in last {
        let counts = rules.counts(p);
        let failures = p.index_failures + i32::from(counts);
        let ignored = p.index_ignored + i32::from(!counts);
        let delay = pod_failure_backoff(p.index_failures + p.index_ignored);
        pi.retry.insert(
            ix,
            IndexRetry {
                failures,
                ignored_failures: ignored,
                backoff_until: p.finished_at + delay,
            },
        );
        pi.held.insert(p.name.clone());
    }
    pi
}

/// The decision line for a failed pod a podFailurePolicy rule matched.
fn policy_words(job: &Job, p: &PodView, m: &Matched) -> Step {
    let (rule, action, what, name) = (m.rule, m.action, &m.what, &p.name);
    let (en, zh) = match action {
        "FailJob" => (
            "the Job fails now, whatever backoffLimit says".to_string(),
            "Job 立即失败，不再看 backoffLimit".to_string(),
        ),
        "Ignore" => {
            let limit = match job.spec.backoff_limit_per_index {
                Some(l) => format!("backoffLimitPerIndex {l}"),
                None => format!("backoffLimit {}", job.spec.backoff_limit()),
            };
            (
                format!("not counted toward {limit} (the pod is replaced)"),
                format!("不计入 {limit}（Pod 会被替换）"),
            )
        }
        "FailIndex" => (
            format!(
                "index {} fails now and is not retried",
                p.index.unwrap_or_default()
            ),
            format!("索引 {} 立即失败，不再重试", p.index.unwrap_or_default()),
        ),
        _ => match job.spec.backoff_limit_per_index {
            Some(l) => (
                format!(
                    "counted toward index {}'s backoffLimitPerIndex {l} (failure {})",
                    p.index.unwrap_or_default(),
                    p.index_failures + 1
                ),
                format!(
                    "计入索引 {} 的 backoffLimitPerIndex {l}（第 {} 次失败）",
                    p.index.unwrap_or_default(),
                    p.index_failures + 1
                ),
            ),
            None => (
                format!("counted toward backoffLimit {}", job.spec.backoff_limit()),
                format!("计入 backoffLimit {}", job.spec.backoff_limit()),
            ),
        },
    };
    Step::Decide {
        key: job.metadata.name.clone(),
        message: format!(
            "pod {name} failed with {what}: podFailurePolicy rule {rule} ({action}) → {en}"
        ),
        zh: format!(
            "Pod {name} 失败（{}）：匹配 podFailurePolicy rules[{rule}]（{action}）→ {zh}",
            what.replace("exit code", "退出码")
                .replace("condition", "状况")
        ),
    }
}

/// manageJob's count of wanted and active pods, the start of each of its decision lines.
struct Wanted<'a> {
    key: &'a str,
    job: &'a Job,
    want: i32,
    active: i32,
    succeeded: i32,
    /// Failed pods, container restarts (ManageCtx::failures).
    failures: (i32, i32),
}

impl Wanted<'_> {
    /// "wants 2 active = …, has 1: `en`" (and the Chinese line).
    fn then(&self, en: &str, zh: &str) -> Step {
        let (job, want, active, succeeded) = (self.job, self.want, self.active, self.succeeded);
        // So far toward backoffLimit (pastBackoffLimitOnFailure counts OnFailure restarts).
        let limit = job.spec.backoff_limit();
        let (tally, tally_zh) = match self.failures {
            (0, 0) => Default::default(),
            (failed, 0) => (
                format!(" ({failed} of backoffLimit {limit} used)"),
                format!("（已用 backoffLimit {limit} 中的 {failed} 次）"),
            ),
            (failed, restarts) => (
                // exceedsBackoffLimit (failed > limit) and pastBackoffLimitOnFailure (the
                // running pods' restarts >= limit) are two separate tests.
                format!(" (backoffLimit {limit}: {failed} failed pod(s), the Job fails above {limit}; {restarts} container restart(s) in running pods, it fails at {limit})"),
                format!("（backoffLimit {limit}：失败的 Pod {failed} 个，超过 {limit} 个时 Job 失败；运行中 Pod 的容器重启 {restarts} 次，达到 {limit} 次时 Job 失败）"),
            ),
        };
        Step::Decide {
            key: self.key.to_string(),
            message: format!(
                "{}{tally}: {en}",
                wanted_words(job, want, active, succeeded)
            ),
            zh: format!(
                "{}{tally_zh}：{zh}",
                wanted_words_zh(job, want, active, succeeded)
            ),
        }
    }
}

fn wanted_words(job: &Job, want: i32, active: i32, succeeded: i32) -> String {
    match job.spec.completions {
        Some(c) => format!(
            "wants {want} active = min(parallelism {}, completions {c} − succeeded {succeeded}), has {active}",
            job.spec.parallelism()
        ),
        // manageJob: wantActive = active once a pod succeeded (completions nil).
        None if succeeded > 0 => format!("wants {want} active (work queue, succeeded {succeeded}: no new pods once one has succeeded; those running finish), has {active}"),
        None => format!("wants {want} active (work queue, parallelism {}, succeeded {succeeded}), has {active}", job.spec.parallelism()),
    }
}

fn wanted_words_zh(job: &Job, want: i32, active: i32, succeeded: i32) -> String {
    match job.spec.completions {
        Some(c) => format!(
            "需要 {want} 个活跃 Pod = min(parallelism {}, completions {c} − 已成功 {succeeded})，现有 {active} 个",
            job.spec.parallelism()
        ),
        None if succeeded > 0 => format!(
            "需要 {want} 个活跃 Pod（工作队列模式，已成功 {succeeded}：已有 Pod 成功后不再创建新 Pod，运行中的 Pod 会运行到结束），现有 {active} 个"
        ),
        None => format!(
            "需要 {want} 个活跃 Pod（工作队列模式，parallelism {}，已成功 {succeeded}），现有 {active} 个",
            job.spec.parallelism()
        ),
    }
}

/// `pastBackoffLimitOnFailure`: with restartPolicy OnFailure, container restarts of running and
/// pending pods count toward backoffLimit.
fn past_backoff_limit_on_failure(job: &Job, pods: &[&PodView]) -> bool {
    if job.spec.template.spec.restart_policy != "OnFailure" {
        return false;
    }
    let restarts = live_restarts(job, pods);
    let limit = job.spec.backoff_limit();
    if limit == 0 {
        restarts > 0
    } else {
        restarts >= limit
    }
}

/// Why a Job fails, in the words of the rule that failed it.
fn failure_words(
    job: &Job,
    reason: &str,
    failed: i32,
    restarts: i32,
    per_index: Option<&PerIndex>,
    succeeded_indexes: usize,
) -> (String, String) {
    let limit = job.spec.backoff_limit();
    match reason {
        "BackoffLimitExceeded" if restarts > 0 && failed <= limit => (
            format!("{restarts} container restart(s) in running pods reach backoffLimit {limit} (restartPolicy OnFailure: pastBackoffLimitOnFailure counts them apart from the {failed} failed pod(s))"),
            format!("运行中 Pod 的容器重启 {restarts} 次达到 backoffLimit {limit}（restartPolicy OnFailure：pastBackoffLimitOnFailure 单独计数，不含 {failed} 个失败的 Pod）"),
        ),
        "BackoffLimitExceeded" => (
            format!("{failed} failed > backoffLimit {limit}"),
            format!("失败 {failed} 次 > backoffLimit {limit}"),
        ),
        "DeadlineExceeded" => {
            let secs = job.spec.active_deadline_seconds.unwrap_or(0);
            (
                format!("active longer than activeDeadlineSeconds {secs}"),
                format!("运行超过 activeDeadlineSeconds {secs}"),
            )
        }
        "PodFailurePolicy" => (
            "a podFailurePolicy FailJob rule matched".into(),
            "匹配了 podFailurePolicy 的 FailJob 规则".into(),
        ),
        // syncJob: more than maxFailedIndexes failed; or every index finished, one failed.
        "MaxFailedIndexesExceeded" => {
            let n = per_index.map_or(0, |pi| pi.failed.len());
            let m = job.spec.max_failed_indexes.unwrap_or(0);
            (
                format!("{n} failed index(es) > maxFailedIndexes {m}"),
                format!("失败索引数 {n} > maxFailedIndexes {m}"),
            )
        }
        "FailedIndexes" => {
            let n = per_index.map_or(0, |pi| pi.failed.len());
            let c = job.spec.completions.unwrap_or(0);
            let (en, zh) = job.spec.max_failed_indexes.map_or(Default::default(), |m| {
                (
                    format!(" (not above maxFailedIndexes {m})"),
                    format!("（未超过 maxFailedIndexes {m}）"),
                )
            });
            (
                format!("{n} failed index(es){en} and every index finished: {succeeded_indexes} succeeded + {n} failed ≥ completions {c}"),
                format!("{n} 个索引失败{zh}，且所有索引都已结束：成功 {succeeded_indexes} + 失败 {n} ≥ completions {c}"),
            )
        }
        other => (other.to_string(), other.to_string()),
    }
}

/// The container restarts of running and pending pods, which count toward backoffLimit with
/// restartPolicy OnFailure (0 otherwise).
fn live_restarts(job: &Job, pods: &[&PodView]) -> i32 {
    if job.spec.template.spec.restart_policy != "OnFailure" {
        return 0;
    }
    pods.iter().map(|p| p.live_restarts).sum()
}

/// "1, 3" (`sep` between).
fn join_indexes(ixs: impl Iterator<Item = i32>, sep: &str) -> String {
    let mut out = String::new();
    for ix in ixs {
        if !out.is_empty() {
            out.push_str(sep);
        }
        out.push_str(&ix.to_string());
    }
    out
}

/// indexed_job_utils.go `podGenerateNameWithIndex`: `NAME-INDEX-`, the Job's name cut so the
/// whole stays within the 58 characters a generated name's prefix may have and the index is kept.
fn generate_name_with_index(job: &str, index: i32) -> String {
    let append = format!("-{index}-");
    let max = crate::sim::cluster::MAX_GENERATED_NAME_LENGTH;
    if job.len() + append.len() <= max {
        return format!("{job}{append}");
    }
    let mut cut = max.saturating_sub(append.len()).min(job.len());
    while !job.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{append}", &job[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// pkg/controller/job/backoff_utils.go `getFinishTimeFromDeletionTimestamp`: a deleted pod
    /// whose containers have not finished failed at deletionTimestamp − deletionGracePeriodSeconds
    /// (the delete itself), so its back-off does not wait out the grace period.
    #[test]
    fn finished_time_of_a_deleted_pod_is_the_delete() {
        let mut p = Pod::default();
        p.status.phase = "Running".into();
        p.metadata.deletion_timestamp = Some(Time(50_000));
        p.metadata.deletion_grace_period_seconds = Some(30);
        assert_eq!(finished_time(&p, Time(60_000)), Time(20_000));
        // No grace period recorded: ptr.Deref(…, 0).
        p.metadata.deletion_grace_period_seconds = None;
        assert_eq!(finished_time(&p, Time(60_000)), Time(50_000));
        // A finished container wins over the deletion.
        p.status.container_statuses = vec![crate::api::ContainerStatus {
            state: crate::api::ContainerState {
                terminated: Some(crate::api::ContainerStateTerminated {
                    finished_at: Time(21_000),
                    ..Default::default()
                }),
                ..Default::default()
            },
            ..Default::default()
        }];
        assert_eq!(finished_time(&p, Time(60_000)), Time(21_000));
    }

    /// A pod deleted while running ended by the delete, even once it fails; one that succeeds
    /// (in its grace period) or had finished before its delete keeps its phase and finish time.
    #[test]
    fn pod_ending_keeps_the_first_end() {
        let finished = |at: i64| crate::api::ContainerStatus {
            state: crate::api::ContainerState {
                terminated: Some(crate::api::ContainerStateTerminated {
                    finished_at: Time(at),
                    ..Default::default()
                }),
                ..Default::default()
            },
            ..Default::default()
        };
        let mut p = Pod::default();
        p.status.phase = "Running".into();
        assert_eq!(pod_ending(&p), None);
        p.metadata.deletion_timestamp = Some(Time(40_000));
        p.metadata.deletion_grace_period_seconds = Some(30);
        assert_eq!(pod_ending(&p), Some((Time(10_000), PodEnding::Deleted)));
        // It exits 0 within its grace period: the Job counts a success, and so does the page.
        p.status.phase = "Succeeded".into();
        p.status.container_statuses = vec![finished(12_000)];
        assert_eq!(pod_ending(&p), Some((Time(12_000), PodEnding::Succeeded)));
        p.status.phase = "Failed".into();
        assert_eq!(pod_ending(&p), Some((Time(10_000), PodEnding::Deleted)));
        p.status.phase = "Succeeded".into();
        // Succeeded at 8 s, deleted at 10 s: a success.
        p.status.container_statuses = vec![finished(8_000)];
        assert_eq!(pod_ending(&p), Some((Time(8_000), PodEnding::Succeeded)));
        p.status.phase = "Failed".into();
        p.metadata.deletion_timestamp = None;
        assert_eq!(pod_ending(&p), Some((Time(8_000), PodEnding::Failed)));
        // Evicted at 60 s from a lost node (unready since 20 s), marked Failed by the pod GC
        // at 90 s: the eviction ended it, whatever the fallback finish time says.
        let mut lost = Pod::default();
        lost.status.phase = "Failed".into();
        lost.metadata.deletion_timestamp = Some(Time(90_000));
        lost.metadata.deletion_grace_period_seconds = Some(30);
        lost.status.conditions = vec![
            crate::api::Condition {
                type_: "Ready".into(),
                status: "False".into(),
                last_transition_time: Some(Time(20_000)),
                ..Default::default()
            },
            crate::api::Condition {
                type_: "DisruptionTarget".into(),
                status: "True".into(),
                reason: "DeletionByPodGC".into(),
                last_transition_time: Some(Time(90_000)),
                ..Default::default()
            },
        ];
        assert_eq!(pod_ending(&lost), Some((Time(60_000), PodEnding::Deleted)));
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let mut r = BackoffRecord {
            failures_after_last_success: 1,
            last_failure_time: Some(Time(0)),
        };
        assert_eq!(r.remaining(Time(1000)), Duration::from_secs(9));
        r.failures_after_last_success = 3;
        assert_eq!(r.remaining(Time(0)), Duration::from_secs(40));
        r.failures_after_last_success = 20;
        assert_eq!(r.remaining(Time(0)), MAX_JOB_POD_FAILURE_BACKOFF);
        assert_eq!(r.remaining(Time(700_000)), Duration::ZERO);
    }

    #[test]
    fn index_ranges() {
        let s: BTreeSet<i32> = [0, 1, 2, 5, 7, 8].into_iter().collect();
        assert_eq!(format_indexes(&s), "0-2,5,7,8");
        assert_eq!(parse_indexes("0-2,5,7-8"), s);
        assert_eq!(format_indexes(&BTreeSet::new()), "");
    }
}
