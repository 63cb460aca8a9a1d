//! `Cluster`: what every controller acts on — the API server's store, the virtual clock, the
//! seeded random generator, the Event recorder and the record of the controller loop.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use super::correlator::{Correlated, Correlator, COMBINED_PREFIX};
use super::rng::Rng;
use super::series::{Outcome, SeriesCache};
use super::store::{ApiError, Resource, Store};
use crate::api::{Event, EventSource, Kind, ObjectMeta, ObjectReference, Pod, Time};

/// A pod finalizer the Job controller adds so it counts every finished pod exactly once
/// (`batch.kubernetes.io/job-tracking`, pkg/controller/job/tracking_utils.go).
pub const JOB_TRACKING_FINALIZER: &str = "batch.kubernetes.io/job-tracking";
/// `metav1.FinalizerDeleteDependents`: an object being deleted in the foreground.
pub const FOREGROUND_DELETION: &str = "foregroundDeletion";

/// An object being deleted in the foreground: the garbage collector deletes its dependents
/// first (graph.go `isDeletingDependents`).
pub fn deleting_dependents(m: &ObjectMeta) -> bool {
    m.deletion_timestamp.is_some() && m.finalizers.iter().any(|f| f == FOREGROUND_DELETION)
}

/// One step of a controller's loop, for the UI's "how the controller thinks" view and
/// `--events loop`. `controller` is the component name Kubernetes uses.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LoopStep {
    pub t: Time,
    pub controller: &'static str,
    #[serde(flatten)]
    pub step: Step,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "step", rename_all = "camelCase")]
pub enum Step {
    /// An informer saw a watch event.
    Watch {
        event: &'static str,
        object: String,
    },
    /// A handler queued a key (`after` = AddAfter's due time).
    Enqueue {
        key: String,
        #[serde(
            skip_serializing_if = "Option::is_none",
            serialize_with = "serialize_due"
        )]
        after: Option<Time>,
        why: String,
        /// `why` in Chinese for the page in 中文 (empty: the English words are API words).
        #[serde(skip)]
        zh: String,
    },
    /// A worker popped a key and ran sync.
    Sync {
        key: String,
    },
    /// The sync's verdict in words (wanted vs observed): `message` in English (what
    /// `--events loop` prints), `zh` the same in Chinese for the page in 中文.
    Decide {
        key: String,
        message: String,
        #[serde(skip)]
        zh: String,
    },
    Create {
        object: String,
    },
    Delete {
        object: String,
    },
    /// A change to an object's spec or metadata, not its status (a node's taints).
    Patch {
        object: String,
        summary: String,
        /// `summary` in Chinese (empty: the English words are API words).
        #[serde(skip)]
        zh: String,
    },
    UpdateStatus {
        object: String,
        summary: String,
    },
}

/// A due time in RFC 3339, with its fraction of a second when it has one (Go's RFC3339Nano):
/// the 1-s batching and the rate limiters' 5 ms steps fall between whole seconds.
fn serialize_due<S: serde::Serializer>(t: &Option<Time>, s: S) -> Result<S::Ok, S::Error> {
    let Some(t) = t else {
        return s.serialize_none();
    };
    s.serialize_str(&t.rfc3339_nano())
}

/// An Event as recorded: compact (most fields are static words; name, uid, host and message
/// share one buffer), turned into an `api::Event` when printed. A run of 100 000 pods records
/// half a million of these.
#[derive(Clone, Debug, PartialEq)]
pub struct Recorded {
    pub t: Time,
    /// `Normal` or `Warning`.
    pub type_: &'static str,
    pub reason: Cow<'static, str>,
    pub kind: Kind,
    pub namespace: Cow<'static, str>,
    pub component: &'static str,
    /// name, uid, host, the involved object's field path, message.
    text: String,
    name_end: u32,
    uid_end: u32,
    host_end: u32,
    field_end: u32,
    seq: u64,
    /// `count` after this write (client-go's EventCorrelator: a repeat patches the first).
    pub count: u32,
    /// `firstTimestamp`.
    pub first: Time,
    /// `lastTimestamp`: this write's time, or for a series (events.k8s.io) the
    /// `series.lastObservedTime` it writes.
    pub observed: Time,
    /// The `(time, seq)` of the write that created the Event (its name); its own for a new one.
    created: (Time, u64),
    /// Written to the API server; false when client-go's spam filter dropped it. Dropped ones
    /// stay here for the page's own history (CronJob lanes, lesson checks), never in kubectl's
    /// output. A series repeat the scheduler's recorder holds in its cache is not stored
    /// unless `Cluster::keep_cached_repeats` (`--final-state`).
    pub written: bool,
    /// Written as the aggregate Event: its message gets `(combined from similar events): `.
    pub combined: bool,
}

impl Recorded {
    /// The involved object's name.
    pub fn name(&self) -> &str {
        &self.text[..self.name_end as usize]
    }

    /// The involved object's uid.
    pub fn uid(&self) -> &str {
        &self.text[self.name_end as usize..self.uid_end as usize]
    }

    /// The reporting node (`source.host`), empty for controllers.
    pub fn host(&self) -> &str {
        &self.text[self.uid_end as usize..self.host_end as usize]
    }

    /// The part of the involved object it is about (`spec.containers{pi}`), or empty.
    pub fn field_path(&self) -> &str {
        &self.text[self.host_end as usize..self.field_end as usize]
    }

    /// The message as the component recorded it.
    pub fn message(&self) -> &str {
        &self.text[self.field_end as usize..]
    }

    /// The message as the API server stores it (an aggregate one prefixed).
    pub fn api_message(&self) -> Cow<'_, str> {
        if self.combined {
            Cow::Owned(format!("{COMBINED_PREFIX}{}", self.message()))
        } else {
            Cow::Borrowed(self.message())
        }
    }

    /// `kind/name`, as the CLI prints the involved object.
    pub fn object(&self) -> String {
        object_ref(self.kind, self.name())
    }

    /// Whether this write patched an Event written before (a repeat).
    pub fn is_repeat(&self) -> bool {
        self.created.1 != self.seq
    }

    /// The full `v1` Event (`record.EventRecorder` names it `<object>.<hex time>`).
    pub fn to_event(&self) -> Event {
        let (created, seq) = self.created;
        Event {
            api_version: "v1".into(),
            kind: "Event".into(),
            metadata: ObjectMeta {
                name: format!(
                    "{}.{:x}",
                    self.name(),
                    (created.0 as u64).wrapping_mul(1_000_000).wrapping_add(seq)
                ),
                // makeEvent (client-go tools/record/event.go): an Event about a cluster-scoped
                // object (a Node) lives in `default`.
                namespace: match &*self.namespace {
                    "" => "default".into(),
                    ns => ns.to_string(),
                },
                creation_timestamp: Some(created),
                ..Default::default()
            },
            involved_object: ObjectReference {
                kind: self.kind.as_str().into(),
                namespace: self.namespace.to_string(),
                name: self.name().to_string(),
                uid: self.uid().to_string(),
                api_version: self.kind.api_version().into(),
                resource_version: String::new(),
                field_path: self.field_path().to_string(),
            },
            reason: self.reason.to_string(),
            message: self.api_message().into_owned(),
            type_: self.type_.into(),
            ..self.reporting()
        }
    }

    /// Who reported it and how. A core/v1 recorder (tools/record event.go makeEvent,
    /// generateEvent) writes firstTimestamp, lastTimestamp, count and source, and since 1.24
    /// reportingComponent/Instance as its source. The scheduler's events.k8s.io recorder
    /// (tools/events event_recorder.go makeEvent; NewRecorder: instance
    /// `<controller>-<hostname>`) writes eventTime, series, action and reportingController /
    /// Instance only, which the API server returns as core/v1 with null timestamps, `source:
    /// {}` and no count (pkg/apis/events/v1/conversion.go Convert_v1_Event_To_core_Event).
    fn reporting(&self) -> Event {
        if self.component != crate::sim::scheduler::COMPONENT {
            return Event {
                source: EventSource {
                    component: self.component.into(),
                    host: self.host().to_string(),
                },
                first_timestamp: Some(self.first),
                last_timestamp: Some(self.observed),
                count: self.count as i32,
                reporting_component: self.component.into(),
                reporting_instance: self.host().to_string(),
                ..Default::default()
            };
        }
        // schedule_one.go: `Eventf(pod, nil, Normal, "Scheduled", "Binding", ...)`,
        // `Eventf(pod, nil, Warning, "FailedScheduling", "Scheduling", ...)`; preemption.go
        // `"Preempted", "Preempting"`.
        let action = match &*self.reason {
            "Scheduled" => "Binding",
            "Preempted" => "Preempting",
            _ => "Scheduling",
        };
        Event {
            event_time: Some(crate::api::MicroTime(self.first)),
            // event_broadcaster.go recordToSink: the second occurrence sets series {count: 2}.
            series: (self.count > 1).then_some(crate::api::EventSeries {
                count: self.count as i32,
                last_observed_time: crate::api::MicroTime(self.observed),
            }),
            action: action.into(),
            reporting_component: self.component.into(),
            reporting_instance: format!("{}-control-plane", self.component),
            ..Default::default()
        }
    }
}

/// How many times the Event-recording processes have restarted: the controller manager (all
/// controllers' Events) and each node's kubelet.
#[derive(Clone, Debug, Default)]
pub struct Processes {
    pub controller_manager: u64,
    pub kubelets: super::fasthash::FastMap<String, u64>,
}

/// The Event recorder, borrowed apart from the store by [`Cluster::split`] so an Event about
/// a stored object is recorded without copying the object's metadata first.
pub struct Recorder<'a> {
    events: &'a mut Vec<Recorded>,
    /// How many Events before `events[0]` were dropped (`Cluster::prune_events`).
    events_pruned: usize,
    /// The first writes of live series that pruning dropped from `events`.
    origins: &'a BTreeMap<usize, Recorded>,
    /// The latest instants of series repeats held in the cache.
    cached_at: &'a mut CachedAt,
    keep_cached: bool,
    correlator: &'a mut Correlator,
    series: &'a mut SeriesCache,
    start: Time,
    processes: &'a Processes,
    seq: &'a mut u64,
    /// `Cluster::events_written`.
    written_total: &'a mut usize,
    scratch: &'a mut String,
    now: Time,
}

impl Recorder<'_> {
    /// `record.EventRecorder.Event`: a Kubernetes Event about `meta` of `kind`. The message is
    /// written straight into the Event's buffer.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        kind: Kind,
        meta: &ObjectMeta,
        type_: &'static str,
        reason: impl Into<Cow<'static, str>>,
        message: impl std::fmt::Display,
        component: &'static str,
        host: &str,
    ) {
        self.record_about(kind, meta, "", type_, reason, message, component, host)
    }

    /// `record` about a part of the object: the kubelet's Events about a container name it
    /// (`involvedObject.fieldPath: spec.containers{pi}`, kubecontainer.GenerateContainerRef),
    /// so the same words about two containers are two Events.
    #[allow(clippy::too_many_arguments)]
    pub fn record_about(
        &mut self,
        kind: Kind,
        meta: &ObjectMeta,
        field_path: &str,
        type_: &'static str,
        reason: impl Into<Cow<'static, str>>,
        message: impl std::fmt::Display,
        component: &'static str,
        host: &str,
    ) {
        use std::fmt::Write;
        *self.seq += 1;
        let namespace = match meta.namespace.as_str() {
            "default" => Cow::Borrowed("default"),
            "" => Cow::Borrowed(""),
            ns => Cow::Owned(ns.to_string()),
        };
        self.scratch.clear();
        let _ = write!(self.scratch, "{message}");
        let mut text = String::with_capacity(
            meta.name.len() + meta.uid.len() + host.len() + field_path.len() + self.scratch.len(),
        );
        text.push_str(&meta.name);
        let name_end = text.len() as u32;
        text.push_str(&meta.uid);
        let uid_end = text.len() as u32;
        text.push_str(host);
        let host_end = text.len() as u32;
        text.push_str(field_path);
        let field_end = text.len() as u32;
        let reason = reason.into();
        let mut cached = false;
        let (written, count, first, created, combined) =
            if component == crate::sim::scheduler::COMPONENT {
                self.series_outcome(
                    &[
                        type_,
                        &reason,
                        kind.as_str(),
                        &namespace,
                        &meta.name,
                        &meta.uid,
                        &meta.resource_version,
                        field_path,
                    ],
                    &mut text,
                    &mut cached,
                )
            } else {
                // Source and object (the spam key), then type and reason (with it, the
                // aggregate key).
                let process = match component {
                    crate::sim::kubelet::COMPONENT => {
                        self.processes.kubelets.get(host).copied().unwrap_or(0)
                    }
                    _ => self.processes.controller_manager,
                };
                let correlated = self.correlator.correlate(
                    self.now,
                    process,
                    &[
                        component,
                        host,
                        kind.as_str(),
                        &namespace,
                        &meta.name,
                        &meta.uid,
                    ],
                    &[type_, &reason],
                    field_path,
                    self.scratch,
                    *self.seq,
                );
                text.push_str(self.scratch);
                match correlated {
                    Correlated::Write {
                        count,
                        first,
                        name,
                        combined,
                    } => (
                        true,
                        count,
                        first,
                        name.unwrap_or((self.now, *self.seq)),
                        combined,
                    ),
                    Correlated::Skip => (false, 0, self.now, (self.now, *self.seq), false),
                }
            };
        if cached {
            self.cached_at.note(self.now);
            // A series repeat the recorder's cache holds back: no stream or list shows it
            // (each takes written Events only; `--final-state` keeps it), and its count is the
            // cache's, written later as a copy of the series' first Event. A pending pod makes
            // one per failed attempt: only its instant is kept (the page's step back stops
            // there).
            if !self.keep_cached {
                return;
            }
        }
        self.events.push(Recorded {
            t: self.now,
            type_,
            reason,
            kind,
            namespace,
            component,
            text,
            name_end,
            uid_end,
            host_end,
            field_end,
            seq: *self.seq,
            count,
            first,
            observed: self.now,
            created,
            written,
            combined,
        });
        *self.written_total += usize::from(written);
    }

    /// The scheduler records through the events.k8s.io API: series (src/sim/series.rs), not
    /// the correlator. Appends the message to `text`: the series' first one for a repeat (the
    /// patch carries only `series`). Returns (written, count, first, created, combined).
    fn series_outcome(
        &mut self,
        key: &[&str],
        text: &mut String,
        cached: &mut bool,
    ) -> (bool, u32, Time, (Time, u64), bool) {
        let key = crate::sim::correlator::key(&[key]);
        let outcome = self.series.record(
            self.now,
            self.start,
            key,
            self.events_pruned + self.events.len(),
        );
        let (written, count, origin) = match outcome {
            Outcome::Create => (true, 1, None),
            Outcome::Patch { origin, count } => (true, count, Some(origin)),
            // Held in the recorder's cache, like an Event the spam filter held back.
            Outcome::Cached { origin, .. } => (false, 0, Some(origin)),
        };
        *cached = !written;
        match origin.and_then(|i| origin_record(self.events, self.events_pruned, self.origins, i)) {
            Some(o) => {
                text.push_str(o.message());
                (written, count, o.first, o.created, false)
            }
            None => {
                text.push_str(self.scratch);
                (written, count, self.now, (self.now, *self.seq), false)
            }
        }
    }
}

#[derive(Clone, Debug)]
pub struct Cluster {
    pub store: Store,
    pub now: Time,
    pub start: Time,
    pub rng: Rng,
    /// The Events recorded, oldest first; `events[0]` is the `events_pruned`-th ever recorded.
    pub events: Vec<Recorded>,
    /// How many of the oldest Events were dropped (a long CLI run, and the page past
    /// `EVENT_RETENTION`).
    pub events_pruned: usize,
    /// How many Events were written to the API server, ever (pruned ones included).
    pub events_written: usize,
    /// The first writes (by index) of series still counting that pruning dropped from
    /// `events`: a series' later writes copy its first.
    series_origins: BTreeMap<usize, Recorded>,
    /// The latest instants of the series repeats held in the recorder's cache, which are not
    /// stored unless `keep_cached_repeats`.
    cached_at: CachedAt,
    /// Keep the series repeats held in the recorder's cache in `events` too (`written: false`):
    /// only `--final-state` lists them.
    pub keep_cached_repeats: bool,
    pub record_loop: bool,
    pub loop_steps: Vec<LoopStep>,
    /// At most this many unfinished pods exist at once (`POD_LIMIT`).
    pub pod_limit: usize,
    event_seq: u64,
    /// client-go's EventCorrelator (dedupe, aggregation, spam filter) in front of `events`.
    correlator: Correlator,
    /// The events.k8s.io recorder's series cache, for the scheduler's Events.
    series: SeriesCache,
    /// Restarts of the processes that record Events (each starts a new correlator).
    pub processes: Processes,
    /// The Jobs' pods removed so far, with how each ended: a Job's history once its pods are
    /// gone (the page's wave captions). Kept only with `record_loop` (the page).
    pub ended_pods: Vec<EndedPod>,
    /// Where an Event's message is formatted before it is copied into an exact-size buffer.
    event_scratch: String,
}

/// A Job's pod removed from the API server, and how it had ended.
#[derive(Clone, Debug, PartialEq)]
pub struct EndedPod {
    pub job_uid: String,
    pub name: String,
    pub ending: Option<(Time, crate::controllers::job::PodEnding)>,
}

/// The most unfinished (not Succeeded or Failed) pods a simulation holds. Kubernetes has no such
/// limit: there, `parallelism: 100000` is throttled by the controller manager's API rate limit
/// (`--kube-api-qps` 20) and node capacity, which this simulation does not model, so without it
/// one instant of virtual time could try to create millions of pods and freeze the page. Creates
/// past it fail like a quota denial (FailedCreate), and the controller backs off.
pub const POD_LIMIT: usize = 10_000;

/// generate.go `maxGeneratedNameLength`: 63 − the 5 random characters.
pub const MAX_GENERATED_NAME_LENGTH: usize = 58;

/// `kind/name` as the CLI prints an object.
pub fn object_ref(kind: Kind, name: &str) -> String {
    format!("{}/{}", kind.as_str(), name)
}

impl Cluster {
    pub fn new(seed: u64, start: Time, record_loop: bool) -> Self {
        let mut store = Store::default();
        store.tap_time(start);
        Cluster {
            store,
            now: start,
            start,
            rng: Rng::new(seed),
            events: Vec::new(),
            events_pruned: 0,
            events_written: 0,
            series_origins: BTreeMap::new(),
            cached_at: CachedAt::default(),
            keep_cached_repeats: false,
            record_loop,
            loop_steps: Vec::new(),
            pod_limit: POD_LIMIT,
            event_seq: 0,
            correlator: Correlator::default(),
            series: SeriesCache::default(),
            processes: Processes::default(),
            ended_pods: Vec::new(),
            event_scratch: String::new(),
        }
    }

    /// Seconds of virtual time since the start.
    pub fn elapsed(&self) -> f64 {
        (self.now - self.start).as_secs_f64()
    }

    pub fn trace(&mut self, controller: &'static str, step: impl FnOnce() -> Step) {
        if self.record_loop {
            self.loop_steps.push(LoopStep {
                t: self.now,
                controller,
                step: step(),
            });
        }
    }

    /// `record.EventRecorder.Event`: a Kubernetes Event about `meta` of `kind`.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        kind: Kind,
        meta: &ObjectMeta,
        type_: &'static str,
        reason: impl Into<Cow<'static, str>>,
        message: impl std::fmt::Display,
        component: &'static str,
        host: &str,
    ) {
        self.split()
            .1
            .record(kind, meta, type_, reason, message, component, host);
    }

    /// Runs `f` with the pod `name`, if it exists, and the Event recorder: an Event about a pod
    /// reads the pod's metadata from the store.
    pub fn with_pod(&mut self, name: &str, f: impl FnOnce(&Pod, &mut Recorder<'_>)) {
        let (store, mut recorder) = self.split();
        if let Some(p) = store.get::<Pod>(name) {
            f(p, &mut recorder);
        }
    }

    /// The store and the Event recorder, borrowed apart.
    pub fn split(&mut self) -> (&mut Store, Recorder<'_>) {
        (
            &mut self.store,
            Recorder {
                events: &mut self.events,
                events_pruned: self.events_pruned,
                origins: &self.series_origins,
                cached_at: &mut self.cached_at,
                keep_cached: self.keep_cached_repeats,
                correlator: &mut self.correlator,
                series: &mut self.series,
                start: self.start,
                processes: &self.processes,
                seq: &mut self.event_seq,
                written_total: &mut self.events_written,
                scratch: &mut self.event_scratch,
                now: self.now,
            },
        )
    }

    /// Fills in what the API server sets on create: name from generateName, uid,
    /// creationTimestamp, namespace.
    pub fn stamp_new(&mut self, meta: &mut ObjectMeta, kind: Kind) {
        if meta.name.is_empty() {
            // names.SimpleNameGenerator (apiserver storage/names/generate.go): the prefix cut
            // to 58 characters (`maxGeneratedNameLength`) + 5 random ones, so a name never
            // passes 63; retry on the rare collision.
            let mut prefix = meta.generate_name.as_str();
            if prefix.len() > MAX_GENERATED_NAME_LENGTH {
                let mut cut = MAX_GENERATED_NAME_LENGTH;
                while !prefix.is_char_boundary(cut) {
                    cut -= 1;
                }
                prefix = &prefix[..cut];
            }
            loop {
                let mut candidate = String::with_capacity(prefix.len() + 5);
                candidate.push_str(prefix);
                self.rng.push_name_suffix(&mut candidate);
                let taken = match kind {
                    Kind::Pod => self.store.contains::<Pod>(&candidate),
                    Kind::Job => self.store.contains::<crate::api::Job>(&candidate),
                    _ => false,
                };
                if !taken {
                    meta.name = candidate;
                    break;
                }
            }
        }
        meta.uid = self.rng.uid();
        meta.creation_timestamp = Some(self.now);
        if meta.namespace.is_empty() {
            meta.namespace = "default".into();
        }
    }

    pub fn create<R: Resource>(&mut self, mut obj: R) -> Result<String, ApiError> {
        self.stamp_new(obj.meta_mut(), R::KIND);
        obj.registry_prepare_for_create();
        let name = obj.meta().name.clone();
        if let Some(message) = obj.admit() {
            // Admission runs before the name is generated: a generateName pod is named by its
            // prefix ("pods \"pi-\" is forbidden", as a quota denial reads).
            let m = obj.meta();
            let name = if m.generate_name.is_empty() {
                name
            } else {
                m.generate_name.clone()
            };
            return Err(ApiError::Forbidden {
                kind: R::KIND,
                name,
                message,
            });
        }
        if let Some(message) = obj.validate_create() {
            return Err(ApiError::Invalid {
                kind: R::KIND,
                name,
                message,
            });
        }
        if R::KIND == Kind::Pod && self.store.unfinished_pods() >= self.pod_limit {
            let limit = self.pod_limit;
            return Err(ApiError::PodLimit { name, limit });
        }
        self.store.create(obj)?;
        Ok(name)
    }

    /// Deletes a pod the way the API server does: a pod bound to a node that has not finished
    /// gets deletionTimestamp = now + its grace period and waits for its kubelet; any pod with
    /// finalizers waits for them; otherwise it is removed at once.
    ///
    /// Removed at once still writes twice, as the API server does: the graceful-delete update
    /// (deletionTimestamp, grace period 0: MODIFIED), then the delete itself (DELETED). See
    /// `updateForGracefulDeletionAndFinalizers` in
    /// staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go, and the pod strategy's
    /// `CheckGracefulDelete` (pkg/registry/core/pod/strategy.go), which sets the grace period to 0
    /// for unscheduled and terminated pods.
    pub fn delete_pod(&mut self, name: &str) -> Result<(), ApiError> {
        let grace = self.store.get::<Pod>(name).map_or(0, pod_deletion_grace);
        self.store.mark_deleted::<Pod>(name, self.now, grace)?;
        self.finish_pod_deletion_if_ready(name);
        Ok(())
    }

    /// A DELETE with `propagationPolicy: Foreground` of an object the API server deletes at
    /// once otherwise (a Job, CronJob or DaemonSet): it stays, with deletionTimestamp now, a
    /// grace period of 0, its generation bumped and the `foregroundDeletion` finalizer, until
    /// the garbage collector has deleted its dependents (registry/store.go
    /// `deletionFinalizersForGarbageCollection`, `markAsDeleting`). A second one changes
    /// nothing. Returns whether the object exists.
    pub fn delete_foreground(&mut self, kind: Kind, name: &str) -> bool {
        fn mark<R: Resource>(c: &mut Cluster, name: &str) -> bool {
            let Some(m) = c.store.get::<R>(name).map(|o| o.meta()) else {
                return false;
            };
            let marked = m.deletion_timestamp.is_some()
                && m.finalizers.iter().any(|f| f == FOREGROUND_DELETION)
                && !m.finalizers.iter().any(|f| f == "orphan");
            if !marked {
                let now = c.now;
                let _ = c.store.modify::<R>(name, |o| {
                    let m = o.meta_mut();
                    if m.deletion_timestamp.is_none() {
                        if m.generation > 0 {
                            m.generation += 1;
                        }
                        m.deletion_timestamp = Some(now);
                        m.deletion_grace_period_seconds = Some(0);
                    }
                    m.finalizers
                        .retain(|f| f != "orphan" && f != FOREGROUND_DELETION);
                    m.finalizers.push(FOREGROUND_DELETION.into());
                });
            }
            true
        }
        match kind {
            Kind::Job => mark::<crate::api::Job>(self, name),
            Kind::CronJob => mark::<crate::api::CronJob>(self, name),
            Kind::DaemonSet => mark::<crate::api::DaemonSet>(self, name),
            _ => false,
        }
    }

    /// Removes a deleted pod once nothing holds it (finalizers gone, kubelet done).
    pub fn finish_pod_deletion_if_ready(&mut self, name: &str) {
        let ready = self.store.get::<Pod>(name).is_some_and(|p| {
            p.metadata.deletion_timestamp.is_some()
                && p.metadata.finalizers.is_empty()
                // Grace period 0 (a force delete): the API server does not wait for the kubelet.
                && (p.metadata.deletion_grace_period_seconds == Some(0)
                    || p.spec.node_name.is_empty()
                    || p.is_terminal())
        });
        if ready {
            let removed = self.store.remove::<Pod>(name);
            let job = removed
                .as_ref()
                .and_then(|p| p.metadata.controller_of().filter(|o| o.kind == "Job"));
            // Kept for the page (which records the loop); a headless run has no use for it
            // and would grow by a pod's name each time one goes.
            if let (Some(p), Some(o), true) = (&removed, job, self.record_loop) {
                self.ended_pods.push(EndedPod {
                    job_uid: o.uid.clone(),
                    name: p.metadata.name.clone(),
                    ending: crate::controllers::job::pod_ending(p),
                });
            }
        }
    }

    /// Removes one finalizer from a pod (and the pod, if it was waiting only for that).
    pub fn remove_pod_finalizer(&mut self, name: &str, finalizer: &str) {
        let has = self
            .store
            .get::<Pod>(name)
            .is_some_and(|p| p.metadata.finalizers.iter().any(|f| f == finalizer));
        if has {
            let _ = self
                .store
                .modify::<Pod>(name, |p| p.metadata.finalizers.retain(|f| f != finalizer));
            self.finish_pod_deletion_if_ready(name);
        }
    }

    /// Events about one object as stored, in the order they were created.
    pub fn events_for(&self, kind: Kind, name: &str) -> Vec<Event> {
        self.stored_events(|r| r.kind == kind && r.name() == name)
    }

    /// Each object's Events of one kind as stored (`events_for` of every object at once).
    pub fn events_by_name(&self, kind: Kind) -> super::fasthash::FastMap<String, Vec<Event>> {
        let mut out: super::fasthash::FastMap<String, Vec<Event>> = Default::default();
        for e in self.stored_events(|r| r.kind == kind) {
            out.entry(e.involved_object.name.clone())
                .or_default()
                .push(e);
        }
        out
    }

    /// Every Event as stored (a repeated one once, with its count), in the order created.
    /// When the scheduler's Event recorder next writes a series' count.
    pub fn event_series_due(&self) -> Option<Time> {
        self.series.next_due()
    }

    /// The scheduler's Event recorder's timers at `now`: series counts written (a refresh, or
    /// a series' end).
    pub fn flush_event_series(&mut self) {
        for w in self.series.flush(self.now, self.start) {
            let Some(o) = origin_record(
                &self.events,
                self.events_pruned,
                &self.series_origins,
                w.origin,
            ) else {
                continue;
            };
            self.event_seq += 1;
            let write = Recorded {
                t: self.now,
                seq: self.event_seq,
                count: w.count,
                observed: w.last_observed,
                written: true,
                ..o.clone()
            };
            self.events.push(write);
            self.events_written += 1;
        }
    }

    /// How many Events were ever recorded (pruned ones included): the index the next one gets.
    pub fn events_recorded(&self) -> usize {
        self.events_pruned + self.events.len()
    }

    /// The Events recorded from the `from`-th on (those still kept).
    pub fn events_since(&self, from: usize) -> &[Recorded] {
        let i = from
            .saturating_sub(self.events_pruned)
            .min(self.events.len());
        &self.events[i..]
    }

    /// Drops the oldest Events written more than `keep` ago (at least the API server's TTL,
    /// past which `kubectl get events` and describe show them no more). A series still
    /// counting keeps its first Event aside (its later writes copy it). Memory of a year-long
    /// run stays flat. Only `ctrlscope run` calls it, and not with `--final-state` (which
    /// lists every Event recorded): a lesson check reads a run's whole history.
    pub fn prune_events(&mut self, keep: crate::api::Duration) {
        self.prune_events_to(keep, usize::MAX);
    }

    /// `prune_events`, also dropping the oldest beyond `max` records (the page's bound: a Job
    /// churning hundreds of pods a second writes 60 000 Events a virtual minute).
    pub fn prune_events_to(&mut self, keep: crate::api::Duration, max: usize) {
        let keep = keep.max(crate::api::Duration::from_secs(EVENT_TTL_SECS));
        let old = self
            .events
            .iter()
            .take_while(|r| r.t + keep <= self.now)
            .count()
            .max(self.events.len().saturating_sub(max));
        // In large steps: each drop moves what is left.
        if old < 4096 {
            return;
        }
        let mut live = self.series.live_origins(self.now, self.start);
        crate::sort::sort(&mut live);
        let is_live = |i: &usize| live.binary_search(i).is_ok();
        self.series_origins.retain(|i, _| is_live(i));
        let (from, to) = (self.events_pruned, self.events_pruned + old);
        for &i in live.iter().filter(|i| (from..to).contains(*i)) {
            self.series_origins.insert(i, self.events[i - from].clone());
        }
        self.events.drain(..old);
        self.events_pruned += old;
    }

    /// The latest instant before `now` at which the scheduler's Event recorder counted a series
    /// repeat in its cache (such repeats are not stored).
    pub fn cached_event_before(&self, now: Time) -> Option<Time> {
        self.cached_at.before(now)
    }

    pub fn all_events(&self) -> Vec<Event> {
        self.stored_events(|_| true)
    }

    /// The latest write of each Event that `keep` selects.
    fn stored_events(&self, keep: impl Fn(&Recorded) -> bool) -> Vec<Event> {
        let mut out: Vec<Event> = Vec::new();
        let mut at: super::fasthash::FastMap<(Time, u64), usize> = Default::default();
        let kept = self.series_origins.values().chain(self.events.iter());
        for r in kept.filter(|r| r.written && keep(r)) {
            if r.is_repeat() {
                if let Some(&i) = at.get(&r.created) {
                    out[i] = r.to_event();
                    continue;
                }
            }
            at.insert(r.created, out.len());
            out.push(r.to_event());
        }
        // The API server keeps an Event for --event-ttl (1h) after its last write, then etcd
        // drops it (its lease is renewed by each write).
        let ttl = crate::api::Duration::from_secs(EVENT_TTL_SECS);
        out.retain(|e| e.last_seen().is_some_and(|t| t + ttl > self.now));
        out
    }
}

/// The Event recorded at index `i` (counting pruned ones): in `events`, or a live series' first
/// Event that pruning set aside.
fn origin_record<'a>(
    events: &'a [Recorded],
    pruned: usize,
    origins: &'a BTreeMap<usize, Recorded>,
    i: usize,
) -> Option<&'a Recorded> {
    match i.checked_sub(pruned) {
        Some(i) => events.get(i),
        None => origins.get(&i),
    }
}

/// The two latest distinct instants at which a series repeat was held in the recorder's cache.
#[derive(Clone, Copy, Debug, Default)]
struct CachedAt {
    latest: Option<Time>,
    before: Option<Time>,
}

impl CachedAt {
    fn note(&mut self, t: Time) {
        if self.latest != Some(t) {
            self.before = self.latest;
            self.latest = Some(t);
        }
    }

    /// The latest noted instant before `now` (instants are noted in order, none after `now`).
    fn before(&self, now: Time) -> Option<Time> {
        [self.latest, self.before]
            .into_iter()
            .flatten()
            .find(|t| *t < now)
    }
}

/// kube-apiserver's `--event-ttl` default: one hour.
pub const EVENT_TTL_SECS: i64 = 3600;

/// The grace period of a delete without options: pkg/registry/core/pod/strategy.go
/// `CheckGracefulDelete` (the spec's terminationGracePeriodSeconds, else 0; 0 for an
/// unscheduled or terminated pod; a negative value becomes 1).
pub fn pod_deletion_grace(pod: &Pod) -> i64 {
    let mut period = pod.spec.termination_grace_period_seconds.unwrap_or(0);
    if pod.spec.node_name.is_empty() || pod.is_terminal() {
        period = 0;
    }
    if period < 0 {
        period = 1;
    }
    period
}
