//! The API server's object store: resource versions, uids, graceful deletion with finalizers,
//! and a watch stream each reader (the controller manager's informers, the scheduler's and
//! kubelets') reads from its own cursor.

use std::cell::OnceCell;
use std::rc::Rc;

use super::fasthash::{FastMap, FastSet};

use serde::Serialize;

use crate::api::{
    ControllerRevision, CronJob, DaemonSet, Duration, Job, Kind, Node, Object, ObjectMeta, Pod,
    Time,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum WatchEventType {
    #[serde(rename = "ADDED")]
    Added,
    #[serde(rename = "MODIFIED")]
    Modified,
    #[serde(rename = "DELETED")]
    Deleted,
}

impl WatchEventType {
    pub fn as_str(self) -> &'static str {
        match self {
            WatchEventType::Added => "ADDED",
            WatchEventType::Modified => "MODIFIED",
            WatchEventType::Deleted => "DELETED",
        }
    }
}

/// One entry of the watch stream. It names the object; informers read the object itself from
/// the store (or, for DELETED, from `last_state`).
#[derive(Clone, Debug)]
pub struct WatchEvent {
    pub type_: WatchEventType,
    pub kind: Kind,
    /// Shared with the store's index: a write copies no name.
    pub name: Rc<str>,
    pub resource_version: u64,
    /// The controller owner's (kind, name) at the time of the event, so handlers can map a
    /// dependent (a Pod, a Job of a CronJob) to its owner's key even after it is gone.
    pub owner: Option<(Kind, Rc<str>)>,
    /// For a deleted object: its last state.
    pub last_state: Option<Box<Object>>,
    /// The object has a deletionTimestamp (lets handlers skip a lookup on the hot path).
    pub deleting: bool,
    /// A Job with a Complete or Failed condition at the event: a handler judges the object
    /// the event carried, not the store's newer one (ttlafterfinished_controller.go updateJob).
    pub finished_job: bool,
    /// Where the object was stored at the event ([`Store::get_watched`]).
    slot: usize,
}

/// A kind the store keeps in its own map.
pub trait Resource: Clone + Sized + 'static {
    const KIND: Kind;
    fn meta(&self) -> &ObjectMeta;
    fn meta_mut(&mut self) -> &mut ObjectMeta;
    fn map(store: &Store) -> &Table<Self>;
    fn map_mut(store: &mut Store) -> &mut Table<Self>;
    fn into_object(self) -> Object;
    /// Whether the kind's objects carry `metadata.generation` (set to 1 on create). Nodes and
    /// ControllerRevisions do not: their strategies' PrepareForCreate leave it unset
    /// (pkg/registry/core/node/strategy.go, pkg/registry/apps/controllerrevision/strategy.go).
    const GENERATION: bool = true;
    /// A pod in phase Succeeded or Failed (counted apart: see `Store::unfinished_pods`).
    fn is_finished_pod(&self) -> bool {
        false
    }
    /// A Job with a Complete or Failed condition (`IsJobFinished`).
    fn is_finished_job(&self) -> bool {
        false
    }
    /// What the kind's registry strategy sets on create (`PrepareForCreate`).
    fn registry_prepare_for_create(&mut self) {}
    /// The mutating admission plugins' verdict on a create: a Forbidden message, or None.
    fn admit(&mut self) -> Option<String> {
        None
    }
    /// The validation a create gets beyond the template a controller copied it from (an
    /// Invalid cause, `field: Invalid value: ...`), or None.
    fn validate_create(&self) -> Option<String> {
        None
    }
    /// A Job's end: when its Complete or Failed condition came, and whether it failed.
    fn job_end(&self) -> Option<(Time, bool)> {
        None
    }
}

macro_rules! resource {
    ($t:ty, $kind:expr, $field:ident, $variant:ident $(; $($extra:tt)*)?) => {
        impl Resource for $t {
            const KIND: Kind = $kind;
            fn meta(&self) -> &ObjectMeta {
                &self.metadata
            }
            fn meta_mut(&mut self) -> &mut ObjectMeta {
                &mut self.metadata
            }
            fn map(store: &Store) -> &Table<Self> {
                &store.$field
            }
            fn map_mut(store: &mut Store) -> &mut Table<Self> {
                &mut store.$field
            }
            fn into_object(self) -> Object {
                Object::$variant(self)
            }
            $($($extra)*)?
        }
    };
}

resource!(Job, Kind::Job, jobs, Job;
    fn job_end(&self) -> Option<(Time, bool)> {
        self.status.conditions.iter().find_map(|c| {
            let failed = match c.type_.as_str() {
                "Complete" => false,
                "Failed" => true,
                _ => return None,
            };
            let at = c.last_transition_time.or(self.status.completion_time)?;
            (c.status == "True").then_some((at, failed))
        })
    }
    fn is_finished_job(&self) -> bool {
        self.status.is_finished()
    }
);
resource!(CronJob, Kind::CronJob, cronjobs, CronJob);
resource!(DaemonSet, Kind::DaemonSet, daemonsets, DaemonSet);
resource!(Node, Kind::Node, nodes, Node; const GENERATION: bool = false;);
resource!(Pod, Kind::Pod, pods, Pod;
    fn is_finished_pod(&self) -> bool {
        self.is_terminal()
    }
    /// pkg/registry/core/pod/strategy.go `PrepareForCreate`: a new pod's status is reset to
    /// phase Pending (before any scheduler or kubelet has seen it).
    fn registry_prepare_for_create(&mut self) {
        self.status = Default::default();
        self.status.phase = "Pending".into();
        default_toleration_seconds(&mut self.spec.tolerations);
        for c in self
            .spec
            .init_containers
            .iter_mut()
            .chain(self.spec.containers.iter_mut())
        {
            default_requests_to_limits(&mut c.other);
        }
        // applySchedulingGatedCondition: a gated pod says why no scheduler takes it
        // (podutil.UpdatePodCondition stamps it now, the pod's creation: kubernetes#122636).
        if self.is_scheduling_gated() {
            self.status.conditions.push(crate::api::Condition {
                type_: "PodScheduled".into(),
                status: "False".into(),
                reason: "SchedulingGated".into(),
                message: "Scheduling is blocked due to non-empty scheduling gates".into(),
                last_transition_time: self.metadata.creation_timestamp,
                ..Default::default()
            });
        }
    }
    fn admit(&mut self) -> Option<String> {
        admit_service_account(&mut self.spec);
        admit_priority(&mut self.spec).err()
    }
    /// validation.go validateContainersOnlyForPod: checked on a pod, not on a pod template
    /// (kept so for old templates), so a Job or DaemonSet with such an image is accepted and
    /// its pods are refused.
    fn validate_create(&self) -> Option<String> {
        let fields = [("initContainers", &self.spec.init_containers), ("containers", &self.spec.containers)];
        fields.iter().find_map(|(field, list)| {
            list.iter().enumerate().find_map(|(i, c)| {
                (c.image.trim() != c.image).then(|| {
                    format!(
                        "spec.{field}[{i}].image: Invalid value: {}: must not have leading or trailing whitespace",
                        crate::cron::gostd::strconv_quote(&c.image)
                    )
                })
            })
        })
    }
);

/// The ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount/admission.go
/// Admit): a pod that names no service account runs as `default` (the deprecated
/// `serviceAccount` field, when set, names it instead).
fn admit_service_account(spec: &mut crate::api::PodSpec) {
    let named = |k: &str| {
        spec.other
            .get(k)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    if named("serviceAccountName").is_none() {
        let sa = named("serviceAccount").unwrap_or_else(|| "default".into());
        spec.other.insert("serviceAccountName".into(), sa.into());
    }
}

/// The system PriorityClasses every cluster has (pkg/apis/scheduling/v1/helpers.go
/// systemPriorityClasses: SystemCriticalPriority + 1000 and SystemCriticalPriority).
pub const SYSTEM_PRIORITY_CLASSES: [(&str, i64); 2] = [
    ("system-node-critical", 2_000_001_000),
    ("system-cluster-critical", 2_000_000_000),
];

/// The Priority admission plugin (plugin/pkg/admission/priority/admission.go admitPod): the
/// pod's priority and preemptionPolicy come from its PriorityClass; with none named, from the
/// globalDefault class, and this cluster has none, so 0 (DefaultPriorityWhenNoDefaultClassExists).
/// CtrlScope has no PriorityClass objects besides the two system ones.
fn admit_priority(spec: &mut crate::api::PodSpec) -> Result<(), String> {
    let class = spec
        .other
        .get("priorityClassName")
        .and_then(|v| v.as_str())
        .unwrap_or("");
    let priority = if class.is_empty() {
        0
    } else {
        match SYSTEM_PRIORITY_CLASSES.iter().find(|(n, _)| *n == class) {
            Some((_, v)) => *v,
            None => return Err(format!("no PriorityClass with name {class} was found")),
        }
    };
    if let Some(given) = spec.other.get("priority").and_then(|v| v.as_i64()) {
        if given != priority {
            return Err(format!(
                "the integer value of priority ({given}) must not be provided in pod spec; priority admission controller computed {priority} from the given PriorityClass name"
            ));
        }
    }
    spec.other.insert("priority".into(), priority.into());
    // Both system classes, and the default when there is no globalDefault class, say
    // PreemptLowerPriority: a pod cannot say otherwise (only a PriorityClass can say Never).
    const POLICY: &str = "PreemptLowerPriority";
    if let Some(given) = spec.other.get("preemptionPolicy").and_then(|v| v.as_str()) {
        if given != POLICY {
            return Err(format!(
                "the string value of PreemptionPolicy ({given}) must not be provided in pod spec; priority admission controller computed {POLICY} from the given PriorityClass name"
            ));
        }
    }
    spec.other.insert("preemptionPolicy".into(), POLICY.into());
    Ok(())
}

/// pkg/apis/core/v1/defaults.go `SetDefaults_Pod`: a container's limit stands in for its unset
/// request (on a Pod only, not on a pod template, so a Job's template keeps what it says).
fn default_requests_to_limits(
    container: &mut std::collections::BTreeMap<String, serde_json::Value>,
) {
    let Some(resources) = container
        .get_mut("resources")
        .and_then(|r| r.as_object_mut())
    else {
        return;
    };
    let Some(limits) = resources.get("limits").and_then(|l| l.as_object()).cloned() else {
        return;
    };
    if limits.is_empty() {
        return;
    }
    let requests = resources
        .entry("requests")
        .or_insert_with(|| serde_json::Value::Object(Default::default()));
    if let Some(requests) = requests.as_object_mut() {
        for (k, v) in limits {
            requests.entry(k).or_insert(v);
        }
    }
}

/// The DefaultTolerationSeconds admission plugin
/// (plugin/pkg/admission/defaulttolerationseconds/admission.go): a pod that does not already
/// tolerate the not-ready or unreachable NoExecute taint tolerates it for 300 s, so its node
/// going away evicts it five minutes later (DaemonSet pods tolerate both for ever).
fn default_toleration_seconds(tolerations: &mut Vec<crate::api::Toleration>) {
    for key in [
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
    ] {
        let tolerated = tolerations.iter().any(|t| {
            (t.key == key || t.key.is_empty()) && (t.effect == "NoExecute" || t.effect.is_empty())
        });
        if !tolerated {
            tolerations.push(crate::api::Toleration {
                key: key.into(),
                operator: "Exists".into(),
                value: String::new(),
                effect: "NoExecute".into(),
                toleration_seconds: Some(300),
            });
        }
    }
}
resource!(
    ControllerRevision,
    Kind::ControllerRevision,
    revisions,
    ControllerRevision;
    const GENERATION: bool = false;
);

#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    AlreadyExists(Kind, String),
    NotFound(Kind, String),
    /// An admission plugin refused the create (403 Forbidden).
    Forbidden {
        kind: Kind,
        name: String,
        message: String,
    },
    /// The API server's validation refused the create (422 Invalid): the causes.
    Invalid {
        kind: Kind,
        name: String,
        message: String,
    },
    /// A pod create refused because the simulation already holds `limit` unfinished pods.
    PodLimit {
        name: String,
        limit: usize,
    },
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The API server's own wording (k8s.io/apimachinery/pkg/api/errors).
        match self {
            ApiError::AlreadyExists(k, n) => {
                write!(f, "{}s \"{n}\" already exists", k.as_str().to_ascii_lowercase())
            }
            ApiError::NotFound(k, n) => {
                write!(f, "{}s \"{n}\" not found", k.as_str().to_ascii_lowercase())
            }
            ApiError::Forbidden {
                kind,
                name,
                message,
            } => write!(
                f,
                "{}s \"{name}\" is forbidden: {message}",
                kind.as_str().to_ascii_lowercase()
            ),
            ApiError::Invalid {
                kind,
                name,
                message,
            } => write!(f, "{} \"{name}\" is invalid: {message}", kind.as_str()),
            // Worded like a quota denial (Forbidden), but honest about whose limit it is.
            ApiError::PodLimit { name, limit } => write!(
                f,
                "pods \"{name}\" is forbidden: this simulation holds at most {limit} unfinished pods \
                 (a limit of CtrlScope, not of Kubernetes)"
            ),
        }
    }
}

/// One kind's objects, found by name through a hash index: a run keeps 100 000 finished pods
/// until they are collected, and a B-tree lookup among them costs a dozen string compares and
/// cache misses. Listing is in name order; that order is sorted on the first listing after a
/// create or remove, since the hot paths create and look up but rarely list.
#[derive(Clone, Debug)]
pub struct Table<R> {
    /// Each object with its name as the index holds it (watch events point here).
    slots: Vec<Option<(Rc<str>, R)>>,
    free: Vec<usize>,
    index: FastMap<Rc<str>, usize>,
    /// Slots in name order; empty (unset) after a create or remove.
    order: OnceCell<Vec<usize>>,
}

impl<R> Default for Table<R> {
    fn default() -> Self {
        Table {
            slots: Vec::new(),
            free: Vec::new(),
            index: FastMap::default(),
            order: OnceCell::new(),
        }
    }
}

impl<R> Table<R> {
    pub fn get(&self, name: &str) -> Option<&R> {
        let &i = self.index.get(name)?;
        self.slots[i].as_ref().map(|(_, o)| o)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }

    /// The stored name (shared by watch events) and slot of an object.
    fn entry(&self, name: &str) -> Option<(&Rc<str>, usize)> {
        self.index.get_key_value(name).map(|(k, &i)| (k, i))
    }

    /// Inserts or replaces; returns the slot.
    fn insert(&mut self, name: Rc<str>, obj: R) -> usize {
        if let Some(&i) = self.index.get(&*name) {
            self.slots[i] = Some((name, obj));
            return i;
        }
        let entry = Some((name.clone(), obj));
        let i = match self.free.pop() {
            Some(i) => {
                self.slots[i] = entry;
                i
            }
            None => {
                self.slots.push(entry);
                self.slots.len() - 1
            }
        };
        self.index.insert(name, i);
        self.order.take();
        i
    }

    fn remove(&mut self, name: &str) -> Option<R> {
        let i = self.index.remove(name)?;
        self.free.push(i);
        self.order.take();
        self.slots[i].take().map(|(_, o)| o)
    }

    /// The object a watch event names, found through the event's slot when the slot still
    /// holds that very entry (the same shared name), else by name.
    fn get_watched(&self, name: &Rc<str>, slot: usize) -> Option<&R> {
        match self.slots.get(slot) {
            Some(Some((n, o))) if Rc::ptr_eq(n, name) => Some(o),
            _ => self.get(name),
        }
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    fn order(&self) -> &[usize] {
        self.order.get_or_init(|| {
            let mut named: Vec<(&str, usize)> =
                self.index.iter().map(|(n, &i)| (&**n, i)).collect();
            // std's sort, not crate::sort: listing is the simulation's hot path (names are
            // unique, so unstable is exact), and this copy is worth its few KB of wasm.
            named.sort_unstable_by(|a, b| a.0.cmp(b.0));
            named.into_iter().map(|(_, i)| i).collect()
        })
    }

    fn slot(&self, i: usize) -> &R {
        &self.slots[i]
            .as_ref()
            .expect("an indexed slot holds an object")
            .1
    }

    fn slot_mut(&mut self, i: usize) -> &mut R {
        &mut self.slots[i]
            .as_mut()
            .expect("an indexed slot holds an object")
            .1
    }

    /// The objects in name order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &R> + ExactSizeIterator + Clone {
        self.order().iter().map(|&i| self.slot(i))
    }

    /// The objects in no particular order (cheaper than `values` when order does not matter).
    pub fn values_unordered(&self) -> impl Iterator<Item = &R> + Clone {
        self.slots.iter().filter_map(|e| e.as_ref().map(|(_, o)| o))
    }
}

#[derive(Clone, Debug, Default)]
pub struct Store {
    resource_version: u64,
    pub jobs: Table<Job>,
    pub cronjobs: Table<CronJob>,
    pub daemonsets: Table<DaemonSet>,
    pub nodes: Table<Node>,
    pub pods: Table<Pod>,
    pub revisions: Table<ControllerRevision>,
    /// Pods in phase Succeeded or Failed, kept current on every write (`unfinished_pods`).
    finished_pods: usize,
    /// Names of the objects each uid controls (ownerReferences with controller: true); sorted
    /// when read, so a create costs no ordered insert among 100 000 pod names.
    dependents: FastMap<String, FastSet<(Kind, Rc<str>)>>,
    /// Scratch for `modify`: the owner uid before the edit, without an allocation per write.
    owner_before: String,
    watch: Vec<WatchEvent>,
    /// Absolute index of `watch[0]`: cursors stay valid across compaction.
    watch_base: usize,
    /// A copy of every write to one kind, while `kubectl get -w` watches it.
    pub tap: Option<Box<Tap>>,
    /// The simulation's clock, as of its last move (`tap_time`).
    now: Time,
    /// Every Job a CronJob controlled, in creation order, kept after the Job is gone (for
    /// `CRONJOB_RUNS_KEPT` after that).
    pub cronjob_runs: Vec<CronJobRun>,
    /// The length at which `cronjob_runs` is next pruned.
    cronjob_runs_prune_at: usize,
}

/// How long a CronJob run is remembered after its Job is gone: the timeline's widest window
/// is a week; a year of a CronJob every minute would otherwise keep half a million runs, and
/// every copy of the cluster (the page's rewind checkpoints) with them.
const CRONJOB_RUNS_KEPT: Duration = Duration::from_secs(8 * 24 * 3600);

/// A Job a CronJob controlled (scheduled, or `kubectl create job --from=cronjob/…`): the
/// CronJob's timeline draws each run, also one the TTL controller, the garbage collector or
/// a user deleted, which left no Event of the CronJob's.
#[derive(Clone, Debug)]
pub struct CronJobRun {
    pub cronjob_uid: String,
    pub name: String,
    pub uid: String,
    pub created: Time,
    /// Made by `kubectl create job --from` (create_job.go annotates it
    /// `cronjob.kubernetes.io/instantiate: manual`).
    pub manual: bool,
    /// When the Job was removed, and its end then (`Resource::job_end`).
    pub removed: Option<(Time, Option<(Time, bool)>)>,
}

/// What a client's watch receives for one kind: each state an object passed through, stamped
/// with its instant (`kubectl get -w` prints a row per event, AGE as of that event). The
/// informers' stream above only names objects, as they read the latest state anyway.
#[derive(Clone, Debug)]
pub struct Tap {
    pub kind: Kind,
    /// The instant writes happen at, kept by the simulation's clock.
    pub now: Time,
    pub events: Vec<Tapped>,
}

#[derive(Clone, Debug)]
pub struct Tapped {
    pub type_: WatchEventType,
    pub t: Time,
    pub object: Object,
}

/// Writes the resourceVersion into the string's existing buffer, digit by digit (one write
/// per API call: `format!` and a fresh string each time were a visible cost).
fn set_resource_version(meta: &mut ObjectMeta, rv: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut v = rv;
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    meta.resource_version.clear();
    meta.resource_version
        .push_str(std::str::from_utf8(&digits[i..]).unwrap_or_default());
}

impl Store {
    /// Copies a write of `obj` to the tap, if one watches its kind.
    fn tap_write<R: Resource>(&mut self, type_: WatchEventType, obj: &R) {
        if self.tap.as_ref().is_some_and(|t| t.kind == R::KIND) {
            self.tap_push(type_, obj.clone().into_object());
        }
    }

    fn tap_push(&mut self, type_: WatchEventType, object: Object) {
        if let Some(tap) = self.tap.as_deref_mut() {
            tap.events.push(Tapped {
                type_,
                t: tap.now,
                object,
            });
        }
    }

    /// Removes the tap if it copies `kind` (a client's watch ends).
    pub fn end_tap(&mut self, kind: Kind) {
        if self.tap.as_ref().is_some_and(|t| t.kind == kind) {
            self.tap = None;
        }
    }

    /// Moves the store's and the tap's clock (the simulation calls this when its time
    /// advances).
    pub fn tap_time(&mut self, now: Time) {
        self.now = now;
        if let Some(tap) = self.tap.as_deref_mut() {
            tap.now = now;
        }
    }

    /// The controller owner's (kind, name), the name shared with the owner's table entry.
    fn controller_key(&self, meta: &ObjectMeta) -> Option<(Kind, Rc<str>)> {
        let r = meta.controller_of()?;
        let (kind, key) = match r.kind.as_str() {
            "Job" => (Kind::Job, self.jobs.entry(&r.name)),
            "CronJob" => (Kind::CronJob, self.cronjobs.entry(&r.name)),
            "DaemonSet" => (Kind::DaemonSet, self.daemonsets.entry(&r.name)),
            // Owners the simulation does not run (a ReplicaSet, say) have no controller here.
            _ => return None,
        };
        let name = key.map_or_else(|| Rc::from(r.name.as_str()), |(k, _)| k.clone());
        Some((kind, name))
    }

    pub fn get<R: Resource>(&self, name: &str) -> Option<&R> {
        R::map(self).get(name)
    }

    /// The object a watch event names, as it is now: the same as `get(&ev.name)`, without a
    /// name lookup while the object is still where the event found it.
    pub fn get_watched<R: Resource>(&self, ev: &WatchEvent) -> Option<&R> {
        if ev.kind != R::KIND {
            return self.get(&ev.name);
        }
        R::map(self).get_watched(&ev.name, ev.slot)
    }

    /// Every object of kind `R`, in name order.
    pub fn list<R: Resource>(&self) -> impl Iterator<Item = &R> {
        R::map(self).values()
    }

    /// Every object of kind `R`, in no particular order.
    pub fn list_unordered<R: Resource>(&self) -> impl Iterator<Item = &R> {
        R::map(self).values_unordered()
    }

    /// How many objects of kind `R` there are.
    pub fn count<R: Resource>(&self) -> usize {
        R::map(self).len()
    }

    pub fn contains<R: Resource>(&self, name: &str) -> bool {
        R::map(self).contains_key(name)
    }

    /// Objects of kind `R` whose controller is the object with `uid`, in name order.
    pub fn dependents<R: Resource>(&self, uid: &str) -> Vec<&R> {
        let map = R::map(self);
        let mut names: Vec<&str> = self
            .dependents
            .get(uid)
            .into_iter()
            .flatten()
            .filter(|(k, _)| *k == R::KIND)
            .map(|(_, n)| &**n)
            .collect();
        names.sort_unstable(); // hot (every sync lists its dependents); see `order`
        names.into_iter().filter_map(|n| map.get(n)).collect()
    }

    pub fn dependent_count(&self, uid: &str) -> usize {
        self.dependents.get(uid).map_or(0, |s| s.len())
    }

    /// Creates the object. uid, creationTimestamp and the name (for generateName) must be set by
    /// the caller, who owns the random generator.
    pub fn create<R: Resource>(&mut self, mut obj: R) -> Result<(), ApiError> {
        if R::map(self).contains_key(&obj.meta().name) {
            return Err(ApiError::AlreadyExists(R::KIND, obj.meta().name.clone()));
        }
        let name: Rc<str> = Rc::from(obj.meta().name.as_str());
        self.resource_version += 1;
        let rv = self.resource_version;
        let meta = obj.meta_mut();
        set_resource_version(meta, rv);
        if R::GENERATION && meta.generation == 0 {
            meta.generation = 1;
        }
        if let Some(owner) = meta.controller_of() {
            if R::KIND == Kind::Job && owner.kind == "CronJob" {
                if self.cronjob_runs.len() >= self.cronjob_runs_prune_at {
                    let horizon = self.now - CRONJOB_RUNS_KEPT;
                    self.cronjob_runs
                        .retain(|r| r.removed.is_none_or(|(at, _)| at >= horizon));
                    self.cronjob_runs_prune_at = (2 * self.cronjob_runs.len()).max(1024);
                }
                self.cronjob_runs.push(CronJobRun {
                    cronjob_uid: owner.uid.clone(),
                    name: meta.name.clone(),
                    uid: meta.uid.clone(),
                    created: meta.creation_timestamp.unwrap_or(self.now),
                    manual: meta
                        .annotations
                        .get("cronjob.kubernetes.io/instantiate")
                        .is_some_and(|v| v == "manual"),
                    removed: None,
                });
            }
            match self.dependents.get_mut(owner.uid.as_str()) {
                Some(set) => set.insert((R::KIND, name.clone())),
                None => self
                    .dependents
                    .entry(owner.uid.clone())
                    .or_default()
                    .insert((R::KIND, name.clone())),
            };
        }
        let owner = self.controller_key(obj.meta());
        let deleting = obj.meta().deletion_timestamp.is_some();
        let finished_job = obj.is_finished_job();
        self.finished_pods += usize::from(obj.is_finished_pod());
        self.tap_write(WatchEventType::Added, &obj);
        let slot = R::map_mut(self).insert(name.clone(), obj);
        self.watch.push(WatchEvent {
            type_: WatchEventType::Added,
            kind: R::KIND,
            name,
            resource_version: rv,
            owner,
            last_state: None,
            deleting,
            finished_job,
            slot,
        });
        Ok(())
    }

    /// Replaces the stored object (spec or status write). Returns NotFound if it is gone.
    pub fn update<R: Resource>(&mut self, obj: R) -> Result<(), ApiError> {
        let name = obj.meta().name.clone();
        self.modify::<R>(&name, |stored| *stored = obj)
    }

    /// Edits an object in place and writes it back (one MODIFIED event).
    pub fn modify<R: Resource>(
        &mut self,
        name: &str,
        f: impl FnOnce(&mut R),
    ) -> Result<(), ApiError> {
        let Some((key, i)) = R::map(self).entry(name).map(|(k, i)| (k.clone(), i)) else {
            return Err(ApiError::NotFound(R::KIND, name.to_string()));
        };
        self.resource_version += 1;
        let rv = self.resource_version;
        let mut before = std::mem::take(&mut self.owner_before);
        before.clear();
        let obj = R::map_mut(self).slot_mut(i);
        let had_owner = match obj.meta().controller_of() {
            Some(r) => {
                before.push_str(&r.uid);
                true
            }
            None => false,
        };
        let was_finished = obj.is_finished_pod();
        f(obj);
        let is_finished = obj.is_finished_pod();
        set_resource_version(obj.meta_mut(), rv);
        self.finished_pods =
            self.finished_pods + usize::from(is_finished) - usize::from(was_finished);
        let obj = R::map(self).slot(i);
        let new_owner = obj.meta().controller_of().map(|r| r.uid.as_str());
        let owner_changed = new_owner != had_owner.then_some(before.as_str());
        let new_owner = new_owner.filter(|_| owner_changed).map(str::to_string);
        let owner = self.controller_key(obj.meta());
        let deleting = obj.meta().deletion_timestamp.is_some();
        let finished_job = obj.is_finished_job();
        if owner_changed {
            if had_owner {
                self.unlink(&before, R::KIND, &key);
            }
            if let Some(uid) = new_owner {
                self.dependents
                    .entry(uid)
                    .or_default()
                    .insert((R::KIND, key.clone()));
            }
        }
        self.owner_before = before;
        if self.tap.as_ref().is_some_and(|t| t.kind == R::KIND) {
            let object = R::map(self).slot(i).clone().into_object();
            self.tap_push(WatchEventType::Modified, object);
        }
        self.watch.push(WatchEvent {
            type_: WatchEventType::Modified,
            kind: R::KIND,
            name: key,
            resource_version: rv,
            owner,
            last_state: None,
            deleting,
            finished_job,
            slot: i,
        });
        Ok(())
    }

    /// Takes the watch stream from `cursor` on, when no reader needs what comes before it
    /// again (every informer is at `cursor`). Cheaper than copying it.
    pub fn take_watch(&mut self, cursor: usize) -> Vec<WatchEvent> {
        let skip = cursor.saturating_sub(self.watch_base).min(self.watch.len());
        let mut taken = std::mem::take(&mut self.watch);
        taken.drain(..skip);
        self.watch_base += skip + taken.len();
        taken
    }

    /// Hands back a buffer from `take_watch`, emptied, so the stream reuses its allocation.
    pub fn recycle_watch(&mut self, mut buffer: Vec<WatchEvent>) {
        if buffer.capacity() > self.watch.capacity() {
            buffer.clear();
            buffer.append(&mut self.watch);
            self.watch = buffer;
        }
    }

    /// Removes the object now (the end of a deletion). Returns its last state.
    pub fn remove<R: Resource>(&mut self, name: &str) -> Option<R> {
        let key = R::map(self).entry(name)?.0.clone();
        let obj = R::map_mut(self).remove(name)?;
        self.finished_pods -= usize::from(obj.is_finished_pod());
        if let Some(owner) = obj.meta().controller_of() {
            let uid = owner.uid.clone();
            self.unlink(&uid, R::KIND, &key);
            if R::KIND == Kind::Job && owner.kind == "CronJob" {
                let uid = &obj.meta().uid;
                if let Some(run) = self.cronjob_runs.iter_mut().rev().find(|r| r.uid == *uid) {
                    run.removed = Some((self.now, obj.job_end()));
                }
            }
        }
        self.resource_version += 1;
        let rv = self.resource_version;
        let owner = self.controller_key(obj.meta());
        self.tap_write(WatchEventType::Deleted, &obj);
        let finished_job = obj.is_finished_job();
        let last = Box::new(obj.clone().into_object());
        self.watch.push(WatchEvent {
            type_: WatchEventType::Deleted,
            kind: R::KIND,
            name: key,
            resource_version: rv,
            owner,
            last_state: Some(last),
            deleting: true,
            finished_job,
            slot: usize::MAX,
        });
        Some(obj)
    }

    /// Starts a deletion: deletionTimestamp = now + grace and deletionGracePeriodSeconds = grace,
    /// as `BeforeDelete` (staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go) does; grace 0
    /// is `markAsDeleting` (.../registry/generic/registry/store.go) for kinds without graceful
    /// deletion. A deletion already pending is kept (a second delete could only shorten it, and
    /// nothing here asks for a shorter one). The caller decides when the object is removed.
    pub fn mark_deleted<R: Resource>(
        &mut self,
        name: &str,
        now: Time,
        grace_seconds: i64,
    ) -> Result<(), ApiError> {
        // The API server keeps a grace period in int64 seconds; past i32::MAX it would overflow
        // the instant here (no pod waits 68 years).
        let grace_seconds = grace_seconds.clamp(0, i64::from(i32::MAX));
        // A graceful deletion already pending is left as it is, with no write and no watch
        // event (rest/delete.go BeforeDelete: "graceful deletion is pending, do nothing").
        match R::map(self).get(name) {
            None => return Err(ApiError::NotFound(R::KIND, name.to_string())),
            Some(o) if o.meta().deletion_timestamp.is_some() => return Ok(()),
            Some(_) => {}
        }
        self.modify::<R>(name, |o| {
            let m = o.meta_mut();
            if m.deletion_timestamp.is_none() {
                m.deletion_timestamp = Some(now + Duration::from_secs(grace_seconds));
                m.deletion_grace_period_seconds = Some(grace_seconds);
            }
        })
    }

    fn unlink(&mut self, owner_uid: &str, kind: Kind, name: &Rc<str>) {
        if let Some(set) = self.dependents.get_mut(owner_uid) {
            set.remove(&(kind, name.clone()));
            if set.is_empty() {
                self.dependents.remove(owner_uid);
            }
        }
    }

    /// The watch stream from `cursor` on.
    pub fn watch_from(&self, cursor: usize) -> &[WatchEvent] {
        self.watch
            .get(cursor.saturating_sub(self.watch_base)..)
            .unwrap_or(&[])
    }

    /// The absolute cursor just past the newest watch event.
    pub fn watch_len(&self) -> usize {
        self.watch_base + self.watch.len()
    }

    /// Pods in phase Succeeded or Failed.
    pub fn finished_pods(&self) -> usize {
        self.finished_pods
    }

    /// Pods not in phase Succeeded or Failed: what a ResourceQuota's `pods` counts.
    pub fn unfinished_pods(&self) -> usize {
        self.pods.len() - self.finished_pods
    }

    pub fn resource_version(&self) -> u64 {
        self.resource_version
    }

    /// Every object, in `Kind::ALL` order then by name (for `--final-state`).
    pub fn all_objects(&self) -> Vec<Object> {
        let mut out = Vec::new();
        out.extend(self.nodes.values().cloned().map(Object::Node));
        out.extend(self.cronjobs.values().cloned().map(Object::CronJob));
        out.extend(self.jobs.values().cloned().map(Object::Job));
        out.extend(self.daemonsets.values().cloned().map(Object::DaemonSet));
        out.extend(
            self.revisions
                .values()
                .cloned()
                .map(Object::ControllerRevision),
        );
        out.extend(self.pods.values().cloned().map(Object::Pod));
        out
    }

    /// Drops watch history every informer has read (keeps memory flat on long runs).
    pub fn compact_watch(&mut self, min_cursor: usize) {
        let n = min_cursor
            .saturating_sub(self.watch_base)
            .min(self.watch.len());
        self.watch.drain(..n);
        self.watch_base += n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A CronJob every minute for a year: the runs remembered stay those of the last
    /// `CRONJOB_RUNS_KEPT` (and the live ones), not all of them.
    #[test]
    fn cronjob_runs_are_forgotten_a_while_after_their_jobs() {
        let mut store = Store::default();
        let owner = crate::api::OwnerReference {
            kind: "CronJob".into(),
            name: "c".into(),
            uid: "cj".into(),
            controller: Some(true),
            ..Default::default()
        };
        let minutes = 20 * 24 * 60;
        for m in 0..minutes {
            store.tap_time(Time(m * 60_000));
            let mut job = Job::default();
            job.metadata.name = format!("c-{m}");
            job.metadata.uid = format!("u{m}");
            job.metadata.owner_references = vec![owner.clone()];
            store.create(job).unwrap();
            store.remove::<Job>(&format!("c-{m}"));
        }
        let kept = store.cronjob_runs.len() as i64;
        let week = CRONJOB_RUNS_KEPT.0 / 60_000;
        assert!(kept >= week && kept <= 2 * week + 1024, "{kept}");
        let last = store.cronjob_runs.last().unwrap();
        assert_eq!(last.name, format!("c-{}", minutes - 1));
        assert!(last.removed.is_some());
    }

    #[test]
    fn resource_version_digits() {
        let mut meta = ObjectMeta::default();
        for rv in [0, 1, 9, 10, 99, 600_306, u64::MAX] {
            set_resource_version(&mut meta, rv);
            assert_eq!(meta.resource_version, rv.to_string());
        }
    }

    /// `markAsDeleting` (staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go):
    /// a kind without graceful deletion gets deletionTimestamp = now and a grace period of 0.
    #[test]
    fn mark_deleted_with_grace_zero_is_mark_as_deleting() {
        let mut store = Store::default();
        let mut job = Job::default();
        job.metadata.name = "j".into();
        store.create(job).unwrap();
        let now = Time::from_unix_secs(1_000);
        store.mark_deleted::<Job>("j", now, 0).unwrap();
        let m = &store.get::<Job>("j").unwrap().metadata;
        assert_eq!(m.deletion_timestamp, Some(now));
        assert_eq!(m.deletion_grace_period_seconds, Some(0));
    }

    /// `BeforeDelete` (staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go): the deadline
    /// is now + grace; a later delete without a gracePeriodSeconds option leaves a pending one
    /// as it is ("graceful deletion is pending, do nothing"), whatever the pod has become.
    #[test]
    fn mark_deleted_sets_the_deadline_once() {
        let mut store = Store::default();
        let mut pod = Pod::default();
        pod.metadata.name = "p".into();
        store.create(pod).unwrap();
        let now = Time::from_unix_secs(1_000);
        store.mark_deleted::<Pod>("p", now, 30).unwrap();
        let later = now + Duration::from_secs(10);
        store.mark_deleted::<Pod>("p", later, 0).unwrap();
        let m = &store.get::<Pod>("p").unwrap().metadata;
        assert_eq!(m.deletion_timestamp, Some(now + Duration::from_secs(30)));
        assert_eq!(m.deletion_grace_period_seconds, Some(30));
    }
}
