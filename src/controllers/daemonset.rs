//! The DaemonSet controller, after `pkg/controller/daemon/daemon_controller.go` (`syncDaemonSet`,
//! `manage`, `podsShouldBeOnNode`, `syncNodes`, `NodeShouldRunDaemonPod`,
//! `updateDaemonSetStatus`, the informer handlers `addNode`/`updateNode`/`updatePod`),
//! `update.go` (`rollingUpdate`, `findUpdatedPodsOnNode`, `updatedDesiredNodeCounts`,
//! `constructHistory`, `cleanupHistory`) and `util/daemonset_util.go` (`SurgeCount`,
//! `UnavailableCount`, `AllowsSurge`, `IsPodUpdated`, `AddOrUpdateDaemonPodTolerations`,
//! `ReplaceDaemonSetPodNodeNameNodeAffinity`, `GetTargetNodeName`).
//!
//! A sync reads the store without copying pods or nodes: decisions are made over borrowed
//! objects, then carried out.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use crate::api::{
    Affinity, ControllerRevision, DaemonSet, DaemonSetStatus, Duration, Kind, Node, NodeAffinity,
    NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, ObjectMeta, OwnerReference, Pod,
    PodSpec, PodTemplateSpec, Taint, Time, Toleration,
};
use crate::sim::cluster::{object_ref, Cluster, Step};
use crate::sim::fasthash::FastMap;
use crate::sim::queue::{WorkQueue, DEFAULT_FAILURE_BASE, DEFAULT_FAILURE_MAX};
use crate::sim::rng::Rng;
use crate::sim::scheduler::node_matches_affinity;
use crate::sim::store::{Store, WatchEvent, WatchEventType};

pub const COMPONENT: &str = "daemonset-controller";
pub const CONTROLLER_REVISION_HASH: &str = "controller-revision-hash";
pub const POD_TEMPLATE_GENERATION: &str = "pod-template-generation";
/// `BurstReplicas`: at most this many creates and this many deletes per sync (`syncNodes`).
pub const BURST_REPLICAS: usize = 250;
/// `failedPodsBackoff` (kube-controller-manager `startDaemonSetController`:
/// `flowcontrol.NewBackOff(1*time.Second, 15*time.Minute)`).
const FAILED_POD_BACKOFF_INITIAL: Duration = Duration::from_secs(1);
const FAILED_POD_BACKOFF_MAX: Duration = Duration::from_secs(900);

/// The tolerations `util.AddOrUpdateDaemonPodTolerations` gives every daemon pod (key, effect),
/// all with operator `Exists` and no tolerationSeconds.
const DAEMON_TOLERATIONS: [(&str, &str); 6] = [
    ("node.kubernetes.io/not-ready", "NoExecute"),
    ("node.kubernetes.io/unreachable", "NoExecute"),
    ("node.kubernetes.io/disk-pressure", "NoSchedule"),
    ("node.kubernetes.io/memory-pressure", "NoSchedule"),
    ("node.kubernetes.io/pid-pressure", "NoSchedule"),
    ("node.kubernetes.io/unschedulable", "NoSchedule"),
];
/// Added for `hostNetwork` pods only.
const NETWORK_UNAVAILABLE: (&str, &str) = ("node.kubernetes.io/network-unavailable", "NoSchedule");

/// A `flowcontrol.Backoff` entry.
#[derive(Clone, Debug)]
struct BackoffEntry {
    backoff: Duration,
    last_update: Time,
}

#[derive(Clone, Debug, Default)]
pub struct DaemonSetController {
    pub queue: WorkQueue,
    failed_pods_backoff: FastMap<String, BackoffEntry>,
    /// The node informer's cache: each node as last seen, so `updateNode` can compare the old
    /// and new node. `None` until the first node event (and after a restart): then every
    /// DaemonSet is queued on a node change and the cache is rebuilt from the store.
    nodes_seen: Option<FastMap<String, Node>>,
    /// DaemonSets whose next sync claims pods and ControllerRevisions (`ClaimPods`,
    /// `ClaimControllerRevisions`): queued when one is added, when an orphan its selector
    /// matches appears, or when one of its pods' labels stop matching. Kubernetes claims on
    /// every sync; claiming only then keeps a sync from walking every pod of the cluster.
    claim_due: BTreeSet<String>,
    /// A pod create failed in this sync (syncNodes returns the error).
    create_failed: bool,
    /// The pods this sync created or deleted (a deletion is one change, however many writes).
    pods_changed: usize,
    /// The DaemonSet informer's cache, by name: what `addNode`/`updateNode` list. A node
    /// event delivered before a DaemonSet's own ADDED does not find it (the DaemonSets applied
    /// with the nodes at t=0 are queued by addDaemonset, not by the nodes).
    ds_seen: BTreeSet<String>,
}

/// `v1helper.AddOrUpdateTolerationInPodSpec`: a toleration equal in (key, operator, value,
/// effect) is replaced, otherwise the toleration is appended.
fn add_or_update_toleration(spec: &mut PodSpec, t: Toleration) {
    match spec.tolerations.iter_mut().find(|x| {
        x.key == t.key && x.operator == t.operator && x.value == t.value && x.effect == t.effect
    }) {
        Some(existing) => *existing = t,
        None => spec.tolerations.push(t),
    }
}

/// `util.AddOrUpdateDaemonPodTolerations`: the tolerations every daemon pod gets.
pub fn daemon_pod_tolerations(spec: &mut PodSpec) {
    let host_network = spec.host_network;
    let extra = host_network.then_some(NETWORK_UNAVAILABLE);
    for (key, effect) in DAEMON_TOLERATIONS.into_iter().chain(extra) {
        add_or_update_toleration(
            spec,
            Toleration {
                key: key.into(),
                operator: "Exists".into(),
                value: String::new(),
                effect: effect.into(),
                toleration_seconds: None,
            },
        );
    }
}

/// Whether a pod made from `spec` (with the daemon tolerations added) tolerates `taint`.
pub fn daemon_tolerates(spec: &PodSpec, taint: &Taint) -> bool {
    let builtin = |(k, e): (&str, &str)| k == taint.key && e == taint.effect;
    spec.tolerations.iter().any(|t| t.tolerates(taint))
        || DAEMON_TOLERATIONS.into_iter().any(builtin)
        || (spec.host_network && builtin(NETWORK_UNAVAILABLE))
}

/// What `NodeShouldRunDaemonPod` (pkg/controller/daemon/daemon_controller.go) returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeShouldRun {
    /// `shouldRun`: a daemon pod should be created on the node.
    pub should_run: bool,
    /// `shouldContinueRunning`: a daemon pod already on the node may keep running.
    pub should_continue_running: bool,
}

impl NodeShouldRun {
    const fn new(should_run: bool, should_continue_running: bool) -> Self {
        NodeShouldRun {
            should_run,
            should_continue_running,
        }
    }
}

/// `NodeShouldRunDaemonPod`: (shouldRun, shouldContinueRunning). `predicates` checks the
/// template's nodeName, nodeSelector and required node affinity, and its NoSchedule/NoExecute
/// taints against the pod's tolerations (daemon tolerations included). A node whose taints
/// are not tolerated keeps an already-running pod unless one of them is NoExecute.
pub fn node_should_run_daemon_pod(node: &Node, ds: &DaemonSet) -> NodeShouldRun {
    let spec = &ds.spec.template.spec;
    if !(spec.node_name.is_empty() || spec.node_name == node.metadata.name) {
        return NodeShouldRun::new(false, false);
    }
    // NewPod sets nodeName to this node, so `fitsNodeName` always holds here.
    if !node_matches_affinity(node, spec) {
        return NodeShouldRun::new(false, false);
    }
    let untolerated = |pred: &dyn Fn(&Taint) -> bool| {
        node.spec
            .taints
            .iter()
            .filter(|t| pred(t))
            .any(|t| !daemon_tolerates(spec, t))
    };
    if untolerated(&|t| t.effect == "NoSchedule" || t.effect == "NoExecute") {
        return NodeShouldRun::new(false, !untolerated(&|t| t.effect == "NoExecute"));
    }
    NodeShouldRun::new(true, true)
}

fn ready_since(p: &Pod) -> Option<Time> {
    p.status
        .conditions
        .iter()
        .find(|c| c.type_ == "Ready" && c.status == "True")
        .and_then(|c| c.last_transition_time)
}

/// `podutil.IsPodAvailable`: ready, and (when minReadySeconds > 0) Ready for minReadySeconds:
/// `LastTransitionTime.Add(minReadySeconds).Before(now)`. A real `metav1.Time` has whole-second
/// resolution, so the stored transition time is truncated and the controller's clock at its
/// requeue (`updateDaemonSetStatus`: AddAfter(minReadySeconds)) is a little past
/// transition + minReadySeconds. In virtual time both fall on the same whole second, so
/// "before" is `<=` here; a strict `<` would make every pod wait a second requeue
/// (minReadySeconds more) that a real cluster does not.
pub fn is_available(p: &Pod, min_ready_seconds: i32, now: Time) -> bool {
    if !p.is_ready() {
        return false;
    }
    if min_ready_seconds <= 0 {
        return true;
    }
    ready_since(p).is_some_and(|t| t + Duration::from_secs(min_ready_seconds as i64) <= now)
}

/// `controller.ComputeHash`: FNV-1a of the template, spelled with `rand.SafeEncodeString`.
pub fn compute_hash(template: &PodTemplateSpec, collision_count: u32) -> String {
    let bytes = serde_json::to_vec(template).unwrap_or_default();
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes.iter().chain(
        collision_count
            .to_le_bytes()
            .iter()
            .filter(|_| collision_count > 0),
    ) {
        h ^= *b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    h.to_string()
        .bytes()
        .map(|b| ALPHANUMS[b as usize % ALPHANUMS.len()] as char)
        .collect()
}

/// `util.GetTargetNodeName`: nodeName, else the single value of the required
/// `metadata.name In [...]` node-affinity field.
pub fn target_node(p: &Pod) -> Option<&str> {
    if !p.spec.node_name.is_empty() {
        return Some(&p.spec.node_name);
    }
    let terms = p.spec.required_node_selector_terms()?;
    terms
        .iter()
        .flat_map(|t| t.match_fields.iter())
        .find(|r| r.key == "metadata.name" && r.operator == "In")
        .filter(|r| r.values.len() == 1)
        .map(|r| r.values[0].as_str())
}

/// `util.GetTemplateGeneration`: the deprecated template-generation annotation, if any.
fn template_generation(ds: &DaemonSet) -> Option<&str> {
    ds.metadata
        .annotations
        .get(crate::sim::DS_TEMPLATE_GENERATION)
        .map(String::as_str)
}

/// `util.IsPodUpdated`: the pod carries the current hash (or the current template generation).
fn is_updated(p: &Pod, hash: &str, generation: Option<&str>) -> bool {
    let label = |k: &str| p.metadata.labels.get(k).map(String::as_str);
    let template_matches = generation.is_some() && label(POD_TEMPLATE_GENERATION) == generation;
    let hash_matches = !hash.is_empty() && label(CONTROLLER_REVISION_HASH) == Some(hash);
    hash_matches || template_matches
}

/// `podByCreationTimestampAndPhase`: scheduled pods first, then oldest, then by name.
fn pod_order(a: &Pod, b: &Pod) -> Ordering {
    let scheduled = |p: &Pod| !p.spec.node_name.is_empty();
    scheduled(b)
        .cmp(&scheduled(a))
        .then(
            a.metadata
                .creation_timestamp
                .cmp(&b.metadata.creation_timestamp),
        )
        .then(a.metadata.name.cmp(&b.metadata.name))
}

/// `util.SurgeCount`: maxSurge of `desired` (percentages round up); 0 unless RollingUpdate.
pub fn surge_count(ds: &DaemonSet, desired: i32) -> i32 {
    let s = &ds.spec.update_strategy;
    if s.type_ != "RollingUpdate" {
        return 0;
    }
    s.rolling_update
        .as_ref()
        .and_then(|r| r.max_surge.as_ref())
        .and_then(|v| v.scaled_value(desired, true))
        .unwrap_or(0)
        .max(0)
}

/// `util.UnavailableCount`: maxUnavailable of `desired`, percentages rounded UP
/// (`GetScaledValueFromIntOrPercent(..., true)`); 0 unless RollingUpdate.
pub fn unavailable_count(ds: &DaemonSet, desired: i32) -> i32 {
    let s = &ds.spec.update_strategy;
    if s.type_ != "RollingUpdate" {
        return 0;
    }
    s.rolling_update
        .as_ref()
        .and_then(|r| r.max_unavailable.as_ref())
        .and_then(|v| v.scaled_value(desired, true))
        .unwrap_or(0)
        .max(0)
}

/// `util.AllowsSurge`: `SurgeCount(ds, 1) > 0`.
pub fn allows_surge(ds: &DaemonSet) -> bool {
    surge_count(ds, 1) > 0
}

/// `updatedDesiredNodeCounts`: (maxSurge, maxUnavailable) for `desired` nodes. Both 0 (an
/// impossible configuration) falls back to maxUnavailable 1.
pub fn max_surge_and_unavailable(ds: &DaemonSet, desired: i32) -> (i32, i32) {
    let max_surge = surge_count(ds, desired);
    let mut max_unavailable = unavailable_count(ds, desired);
    if desired > 0 && max_unavailable == 0 && max_surge == 0 {
        max_unavailable = 1;
    }
    (max_surge, max_unavailable)
}

/// `failedPodsBackoffKey`: `<uid>/<observedGeneration>/<node>`.
fn failed_pods_backoff_key(ds: &DaemonSet, node: &str) -> String {
    format!(
        "{}/{}/{node}",
        ds.metadata.uid, ds.status.observed_generation
    )
}

/// `findUpdatedPodsOnNode`: the one new and the one old non-deleted pod of a node, or `None`
/// when the node has more than one of either (the manage loop prunes those).
fn find_updated_pods_on_node<'a>(
    pods: impl Iterator<Item = &'a Pod>,
    hash: &str,
    generation: Option<&str>,
) -> Option<(Option<&'a Pod>, Option<&'a Pod>)> {
    let (mut new, mut old) = (None, None);
    for p in pods.filter(|p| p.metadata.deletion_timestamp.is_none()) {
        let slot = if is_updated(p, hash, generation) {
            &mut new
        } else {
            &mut old
        };
        if slot.is_some() {
            return None;
        }
        *slot = Some(p);
    }
    Some((new, old))
}

/// `getNodesToDaemonPods`, laid out along the node list: the DaemonSet's pods for the `i`-th
/// node of `store.list::<Node>()` are `on(i)`, in `podByCreationTimestampAndPhase` order; pods
/// whose target node is not in the list are `orphans`. Pods that are both terminal and deleted
/// are left out (the controller has nothing more to do with them). One hash index and one
/// sort, no per-node allocation: a sync on 5 000 nodes builds this once or twice.
struct NodePods<'a> {
    pods: Vec<(usize, &'a Pod)>,
    /// `pods[starts[i]..starts[i + 1]]` are node `i`'s.
    starts: Vec<usize>,
    orphans: BTreeMap<&'a str, Vec<&'a Pod>>,
}

impl<'a> NodePods<'a> {
    fn build(store: &'a Store, ds: &DaemonSet) -> Self {
        let index: FastMap<&str, usize> = store
            .list::<Node>()
            .enumerate()
            .map(|(i, n)| (n.metadata.name.as_str(), i))
            .collect();
        let uid = ds.metadata.uid.as_str();
        // The DaemonSet's pods: looked up one by one when they are few among many pods,
        // otherwise found by one walk over all pods (no name lookups). Their order does not
        // matter: each node's are sorted by `pod_order`, a total order, below.
        let owned: Vec<&Pod> = if store.dependent_count(uid) * 4 < store.pods.len() {
            store.dependents::<Pod>(uid)
        } else {
            store
                .list_unordered::<Pod>()
                .filter(|p| p.metadata.controller_of().is_some_and(|r| r.uid == uid))
                .collect()
        };
        let mut placed: Vec<(usize, &Pod)> = Vec::with_capacity(owned.len());
        let mut orphans: BTreeMap<&str, Vec<&Pod>> = BTreeMap::new();
        for p in owned {
            if p.is_terminal() && p.metadata.deletion_timestamp.is_some() {
                continue;
            }
            let Some(n) = target_node(p) else { continue };
            match index.get(n) {
                Some(&i) => placed.push((i, p)),
                None => orphans.entry(n).or_default().push(p),
            }
        }
        for v in orphans.values_mut() {
            crate::sort::sort_by(v, |a, b| pod_order(a, b));
        }
        // Counting sort by node, then podByCreationTimestampAndPhase within a node.
        let mut starts = vec![0; index.len() + 1];
        for &(i, _) in &placed {
            starts[i + 1] += 1;
        }
        for i in 0..index.len() {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut pods: Vec<(usize, &Pod)> = placed.clone();
        for (i, p) in placed {
            pods[next[i]] = (i, p);
            next[i] += 1;
        }
        for i in 0..index.len() {
            if starts[i + 1] - starts[i] > 1 {
                pods[starts[i]..starts[i + 1]].sort_by(|a, b| pod_order(a.1, b.1));
            }
        }
        NodePods {
            pods,
            starts,
            orphans,
        }
    }

    /// Node `i`'s pods (empty if none).
    fn on(&self, i: usize) -> impl ExactSizeIterator<Item = &'a Pod> + Clone + '_ {
        self.pods[self.starts[i]..self.starts[i + 1]]
            .iter()
            .map(|(_, p)| *p)
    }

    fn oldest(&self, i: usize) -> Option<&'a Pod> {
        self.on(i).next()
    }
}

/// The first `k` of `items` in Go's map order, which is unspecified: a uniformly random
/// `k`-subset drawn from the seeded generator, drawn only when there is a choice to make.
fn go_map_pick(rng: &mut Rng, mut items: Vec<String>, k: usize) -> Vec<String> {
    if k >= items.len() {
        return items;
    }
    for i in 0..k {
        let j = i + rng.below((items.len() - i) as u64) as usize;
        items.swap(i, j);
    }
    items.truncate(k);
    items
}

/// Whether the DaemonSet's selector (never empty in a valid one) matches `labels`.
fn selects(ds: &DaemonSet, labels: &BTreeMap<String, String>) -> bool {
    ds.spec
        .selector
        .as_ref()
        .is_some_and(|s| !s.is_empty() && s.matches(labels))
}

/// `shouldIgnoreNodeUpdate`: the same true conditions and otherwise equal (resource version
/// aside).
fn should_ignore_node_update(old: &Node, cur: &Node) -> bool {
    let true_conditions = |n: &Node| -> BTreeSet<String> {
        crate::sort::to_set(
            n.status
                .conditions
                .iter()
                .filter(|c| c.status == "True")
                .map(|c| c.type_.clone()),
        )
    };
    if true_conditions(old) != true_conditions(cur) {
        return false;
    }
    let mut a = old.metadata.clone();
    a.resource_version = cur.metadata.resource_version.clone();
    a == cur.metadata && old.spec == cur.spec
}

impl DaemonSetController {
    fn enqueue(&mut self, cluster: &mut Cluster, ev: &WatchEvent, key: &str) {
        let added = self.queue.add(key);
        cluster.trace(COMPONENT, || {
            let (why, zh) = super::why_added(
                format!("{} {} {}", ev.kind, ev.name, ev.type_.as_str()),
                added,
            );
            Step::Enqueue {
                key: key.to_string(),
                after: None,
                why,
                zh,
            }
        });
    }

    fn enqueue_after(&mut self, cluster: &mut Cluster, key: &str, at: Time, why: (&str, &str)) {
        super::enqueue_after(&mut self.queue, cluster, COMPONENT, key, at, why);
    }

    /// The informer handlers: `addDaemonset`/`updateDaemonset`/`deleteDaemonset`,
    /// `addPod`/`updatePod`/`deletePod` (by controllerRef), `addNode`/`updateNode`.
    pub fn observe(&mut self, ev: &WatchEvent, cluster: &mut Cluster) {
        let keys: Vec<String> = match ev.kind {
            Kind::DaemonSet => {
                if ev.type_ == WatchEventType::Added {
                    self.claim_due.insert(ev.name.to_string());
                }
                if ev.type_ == WatchEventType::Deleted {
                    self.ds_seen.remove(&*ev.name);
                } else {
                    self.ds_seen.insert(ev.name.to_string());
                }
                vec![ev.name.to_string()]
            }
            Kind::Pod | Kind::ControllerRevision => match &ev.owner {
                Some((Kind::DaemonSet, owner)) if ev.kind == Kind::Pod => {
                    self.min_ready_requeue(ev, owner, cluster);
                    self.release_if_unmatched(ev, owner, cluster);
                    vec![owner.to_string()]
                }
                // addPod/updatePod, addHistory/updateHistory: "it's an orphan. Get a list of
                // all matching DaemonSets and sync them to see if anyone wants to adopt it."
                None if ev.type_ != WatchEventType::Deleted && !ev.deleting => {
                    self.daemon_sets_for_orphan(ev, cluster)
                }
                _ => return,
            },
            Kind::Node => self.node_event(ev, cluster),
            _ => return,
        };
        if keys.is_empty() {
            return;
        }
        cluster.trace(COMPONENT, || Step::Watch {
            event: ev.type_.as_str(),
            object: object_ref(ev.kind, &ev.name),
        });
        for key in keys {
            self.enqueue(cluster, ev, &key);
        }
    }

    /// `getDaemonSetsForPod` / `getDaemonSetsForHistory` for an orphan: the DaemonSets of its
    /// namespace whose selector matches its labels (each then claims on its next sync).
    fn daemon_sets_for_orphan(&mut self, ev: &WatchEvent, cluster: &Cluster) -> Vec<String> {
        let store = &cluster.store;
        let meta = match ev.kind {
            Kind::Pod => store.get_watched::<Pod>(ev).map(|p| &p.metadata),
            _ => store
                .get_watched::<ControllerRevision>(ev)
                .map(|r| &r.metadata),
        };
        let Some(meta) = meta else {
            return Vec::new();
        };
        let keys: Vec<String> = store
            .list::<DaemonSet>()
            .filter(|ds| ds.metadata.namespace == meta.namespace && selects(ds, &meta.labels))
            .map(|ds| ds.metadata.name.clone())
            .collect();
        self.claim_due.extend(keys.iter().cloned());
        keys
    }

    /// `updatePod`: a pod of the DaemonSet whose labels no longer match its selector is
    /// released on the next sync (ClaimPods).
    fn release_if_unmatched(&mut self, ev: &WatchEvent, owner: &str, cluster: &Cluster) {
        if ev.type_ != WatchEventType::Modified || self.claim_due.contains(owner) {
            return;
        }
        let store = &cluster.store;
        let (Some(p), Some(ds)) = (store.get_watched::<Pod>(ev), store.get::<DaemonSet>(owner))
        else {
            return;
        };
        if !selects(ds, &p.metadata.labels) {
            self.claim_due.insert(owner.to_string());
        }
    }

    /// `updatePod`: a pod that just turned Ready brings its DaemonSet back after
    /// minReadySeconds + 1 s ("a second to avoid milliseconds skew in AddAfter").
    fn min_ready_requeue(&mut self, ev: &WatchEvent, owner: &str, cluster: &mut Cluster) {
        if ev.type_ != WatchEventType::Modified {
            return;
        }
        let now = cluster.now;
        let Some(ds) = cluster.store.get::<DaemonSet>(owner) else {
            return;
        };
        let mrs = ds.spec.min_ready_seconds;
        if mrs <= 0 {
            return;
        }
        let Some(p) = cluster.store.get_watched::<Pod>(ev) else {
            return;
        };
        // The Ready condition's transition time says it changed to Ready at this instant.
        if p.metadata.deletion_timestamp.is_some()
            || ready_since(p) != Some(now)
            || p.metadata
                .controller_of()
                .is_none_or(|r| r.uid != ds.metadata.uid)
        {
            return;
        }
        let at = now + Duration::from_secs(mrs as i64 + 1);
        self.enqueue_after(
            cluster,
            owner,
            at,
            (
                &format!("pod became ready: minReadySeconds {mrs} + 1s"),
                &format!("Pod 已就绪：minReadySeconds {mrs} + 1 秒"),
            ),
        );
    }

    /// `addNode` (queue the DaemonSets that should run there) and `updateNode` (queue those
    /// whose shouldRun or shouldContinueRunning changed). A deleted node queues nothing: its
    /// pods' deletion by the pod GC does.
    fn node_event(&mut self, ev: &WatchEvent, cluster: &Cluster) -> Vec<String> {
        let store = &cluster.store;
        if ev.type_ == WatchEventType::Deleted {
            if let Some(seen) = &mut self.nodes_seen {
                seen.remove(&*ev.name);
            }
            return Vec::new();
        }
        let Some(node) = store.get_watched::<Node>(ev) else {
            return Vec::new();
        };
        let old = match &mut self.nodes_seen {
            Some(seen) => seen.insert(ev.name.to_string(), node.clone()),
            None => {
                self.nodes_seen = Some(
                    store
                        .list::<Node>()
                        .map(|n| (n.metadata.name.clone(), n.clone()))
                        .collect(),
                );
                None
            }
        };
        let seen = &self.ds_seen;
        let dss = store
            .list::<DaemonSet>()
            .filter(|ds| seen.contains(&ds.metadata.name));
        match (ev.type_, old) {
            (WatchEventType::Added, _) => dss
                .filter(|ds| node_should_run_daemon_pod(node, ds).should_run)
                .map(|ds| ds.metadata.name.clone())
                .collect(),
            (_, Some(old)) if should_ignore_node_update(&old, node) => Vec::new(),
            (_, Some(old)) => dss
                .filter(|ds| {
                    node_should_run_daemon_pod(&old, ds) != node_should_run_daemon_pod(node, ds)
                })
                .map(|ds| ds.metadata.name.clone())
                .collect(),
            // Not seen before: we cannot compare, so everyone looks again.
            (_, None) => dss.map(|ds| ds.metadata.name.clone()).collect(),
        }
    }

    /// `syncDaemonSet`: `manage`, then (if manage had nothing to do) `rollingUpdate`, then
    /// `cleanupHistory` and `updateDaemonSetStatus`. Each step first decides over one borrowed
    /// snapshot of the store, then acts; a step that did not act leaves the snapshot valid for
    /// the next.
    /// processNextWorkItem: `syncDaemonSet`, then `Forget` the key, or after an error (a pod
    /// create refused, a node not found) `AddRateLimited` it with the default controller rate
    /// limiter (5 ms doubling, at most 1000 s), so it is tried again.
    pub fn sync(&mut self, key: &str, cluster: &mut Cluster) {
        self.create_failed = false;
        if self.sync_daemon_set(key, cluster) && !self.create_failed {
            self.queue.forget(key);
            self.say_if_stalled(key, cluster);
        } else {
            let what = match self.create_failed {
                true => ("pod create refused", "创建 Pod 被拒绝"),
                false => ("a node it names is gone", "它指定的节点已不存在"),
            };
            super::requeue_rate_limited(
                &mut self.queue,
                cluster,
                COMPONENT,
                key,
                (DEFAULT_FAILURE_BASE, DEFAULT_FAILURE_MAX),
                what,
            );
        }
    }

    /// A rollout left unfinished with nothing queued for it waits for an informer event that may
    /// never come (client-go keeps one AddAfter per key; updateDaemonSetStatus requeues only
    /// when its own ready and available counts differ): said, not left for the student to
    /// guess. A real cluster's informer resync (every 12–24 h) would take it up again.
    fn say_if_stalled(&self, key: &str, cluster: &mut Cluster) {
        // Words for the loop only: the scans below are skipped when no one records it.
        if !cluster.record_loop {
            return;
        }
        let Some(ds) = cluster.store.get::<DaemonSet>(key) else {
            return;
        };
        let st = &ds.status;
        let unfinished = st.updated_number_scheduled < st.desired_number_scheduled
            || st.number_available < st.desired_number_scheduled;
        if !unfinished || ds.spec.update_strategy.type_ != "RollingUpdate" {
            return;
        }
        let queued = self.queue.ready_keys().any(|k| k == key)
            || self.queue.waiting_keys().any(|(_, k)| k == key);
        // Its pods all Ready and none going: no watch event of theirs is on the way.
        let uid = &ds.metadata.uid;
        let settled = || {
            cluster
                .store
                .list::<crate::api::Pod>()
                .filter(|p| p.metadata.controller_of().is_some_and(|o| &o.uid == uid))
                .all(|p| p.is_ready() && p.metadata.deletion_timestamp.is_none())
        };
        if !queued && settled() {
            cluster.trace(COMPONENT, || Step::Decide {
                key: key.to_string(),
                message: "the rollout is unfinished and no sync is due for it: it waits for the next watch event of its pods, nodes or itself (a real cluster's informer resync, every 12–24 h, would also bring it back)".into(),
                zh: "滚动更新尚未完成，但没有为它安排的同步：它要等到自己、它的 Pod 或节点的下一个监视事件（真实集群里每 12–24 小时一次的 informer 重新同步也会让它继续）".into(),
            });
        }
    }

    /// `syncDaemonSet`; false when it returns an error.
    fn sync_daemon_set(&mut self, key: &str, cluster: &mut Cluster) -> bool {
        cluster.trace(COMPONENT, || Step::Sync {
            key: key.to_string(),
        });
        let now = cluster.now;
        if !self.failed_pods_backoff.is_empty() {
            // `Backoff.GC`: entries untouched for 2 × maxDuration are forgotten.
            self.failed_pods_backoff
                .retain(|_, e| (now - e.last_update).0 <= FAILED_POD_BACKOFF_MAX.0 * 2);
        }
        let Some(ds) = cluster.store.get::<DaemonSet>(key).cloned() else {
            return true;
        };
        if ds.metadata.deletion_timestamp.is_some() {
            return true;
        }
        if self.claim_due.remove(key) {
            self.claim(cluster, &ds);
        }
        let hash = self.construct_history(cluster, &ds);
        // NodeShouldRunDaemonPod for every node, in the node list's order (computed once).
        let facts: Vec<NodeShouldRun> = cluster
            .store
            .list::<Node>()
            .map(|n| node_should_run_daemon_pod(n, &ds))
            .collect();
        let rolling = ds.spec.update_strategy.type_ == "RollingUpdate";
        let (manage, update, unchanged, status, kept) = {
            let store = &cluster.store;
            let pods = NodePods::build(store, &ds);
            let manage = self.plan_manage(store, &ds, &facts, &pods, &hash, now);
            // `updateDaemonSet`: rollingUpdate runs only when expectations are satisfied. Pods
            // manage creates or deletes are not observed yet, so it waits for the next sync
            // (which their watch events trigger at this same instant).
            let update = (manage.is_empty() && rolling)
                .then(|| plan_rolling_update(&mut cluster.rng, &ds, &facts, &pods, &hash, now));
            let unchanged = manage.is_empty()
                && update
                    .as_ref()
                    .is_none_or(|u| u.as_ref().is_ok_and(|u| u.is_empty()));
            // updateDaemonSetStatus reads the informer cache, which has not seen this sync's
            // creates and deletes yet: the status counts the pods as they were observed (a
            // rollout's first write says current 0; their watch events bring the next sync).
            let status = plan_status(&ds, &facts, &pods, &hash, now);
            // NodeShouldRunDaemonPod (false, true): an untolerated NoSchedule taint keeps the
            // pod already there (misscheduled).
            let kept: Vec<&str> = match unchanged && status.number_misscheduled > 0 {
                true => store
                    .list::<Node>()
                    .zip(&facts)
                    .enumerate()
                    .filter(|(i, (_, f))| {
                        !f.should_run
                            && f.should_continue_running
                            && pods.on(*i).any(|p| p.metadata.deletion_timestamp.is_none())
                    })
                    .map(|(_, (n, _))| n.metadata.name.as_str())
                    .collect(),
                false => Vec::new(),
            };
            let kept = match kept.len() {
                0 => (String::new(), String::new()),
                1 => (
                    format!(
                        "; {} keeps its pod: NoSchedule does not evict (counted as misscheduled)",
                        kept[0]
                    ),
                    format!(
                        "；{} 上的 Pod 保留：NoSchedule 不驱逐已在运行的 Pod（计入 misscheduled）",
                        kept[0]
                    ),
                ),
                _ => (
                    format!(
                        "; {} keep their pods: NoSchedule does not evict (counted as misscheduled)",
                        kept.join(", ")
                    ),
                    format!(
                        "；{} 上的 Pod 保留：NoSchedule 不驱逐已在运行的 Pod（计入 misscheduled）",
                        kept.join("、")
                    ),
                ),
            };
            (manage, update, unchanged, status, kept)
        };
        if let Some(st) = unchanged.then_some(&status) {
            // Neither manage nor the rolling update has anything to do: say so, with what
            // "every node" means now (nodes come, go and change).
            let desired = st.desired_number_scheduled;
            let old = (desired - st.updated_number_scheduled).max(0);
            let nodes = cluster.store.count::<Node>();
            let (en, zh) = match (old, rolling) {
                // nodeShouldRunDaemonPod said no for every node.
                (0, _) if desired == 0 && nodes == 0 => (
                    "the cluster has no nodes".to_string(),
                    "集群中没有节点".to_string(),
                ),
                (0, _) if desired == 0 => (
                    format!("none of the {nodes} node(s) matches its nodeSelector and node affinity with only taints it tolerates"),
                    format!("{nodes} 个节点中没有一个既符合它的 nodeSelector 和节点亲和性、又只带它容忍的污点"),
                ),
                (0, _) => (
                    "each has its up-to-date one".to_string(),
                    "且都已有最新的".to_string(),
                ),
                (n, true) => {
                    // What holds it, in rollingUpdate's own counts (update.go): a node whose
                    // old pod is being deleted has neither an old nor a new pod there
                    // (findUpdatedPodsOnNode skips deleted pods), so it counts as unavailable
                    // (with surge, as surging); a new pod counts as available
                    // minReadySeconds after it is Ready.
                    let gate = match &update {
                        Some(Ok(u)) => u.gate.clone(),
                        _ => (String::new(), String::new()),
                    };
                    let wait = match ds.spec.min_ready_seconds {
                        0 => (String::new(), String::new()),
                        m => (
                            format!(", a new pod counts as available {m}s after it is Ready (minReadySeconds)"),
                            format!("，新 Pod 就绪 {m} 秒后才算可用（minReadySeconds）"),
                        ),
                    };
                    // Only nodes that should run the daemon pod: one leaving a node that no
                    // longer qualifies gets no successor.
                    let should_run_on: Vec<&str> = cluster
                        .store
                        .list::<Node>()
                        .zip(&facts)
                        .filter(|(_, f)| f.should_run)
                        .map(|(n, _)| n.metadata.name.as_str())
                        .collect();
                    let deleting = cluster
                        .store
                        .dependents::<Pod>(&ds.metadata.uid)
                        .iter()
                        .filter(|p| {
                            p.metadata.deletion_timestamp.is_some()
                                && should_run_on.contains(&p.spec.node_name.as_str())
                        })
                        .count();
                    // With surge, such a node is neither surging nor unavailable (update.go:
                    // `oldPod == nil`, nothing to do there); without, it counts as unavailable.
                    let surge = max_surge_and_unavailable(&ds, desired).0 > 0;
                    let gone = match (deleting, surge) {
                        (0, _) => (String::new(), String::new()),
                        (d, false) => (
                            format!(" (counting {d} node(s) whose old pod is still terminating)"),
                            format!("（包括 {d} 个旧 Pod 仍在终止的节点）"),
                        ),
                        (d, true) => (
                            // The surge path deletes an old pod only once its node's new one is
                            // available; one deleted otherwise is replaced at once
                            // (podsShouldBeOnNode skips terminating pods).
                            format!("; {d} node(s) whose old pod is already being deleted need nothing more (their new pod is already there)"),
                            format!("；{d} 个节点的旧 Pod 已在删除中，无需再做什么（它们的新 Pod 已经在了）"),
                        ),
                    };
                    (
                        format!("{n} still run the old template, and the rolling update takes no step now: {}{}{}", gate.0, gone.0, wait.0),
                        format!("其中 {n} 个仍运行旧模板，滚动更新此刻不前进：{}{}{}", gate.1, gone.1, wait.1),
                    )
                }
                (n, false) => (
                    format!("{n} still run the old template (OnDelete: replaced only when you delete them)"),
                    format!("其中 {n} 个仍运行旧模板（OnDelete：只有删除后才替换）"),
                ),
            };
            cluster.trace(COMPONENT, || Step::Decide {
                key: ds.metadata.name.clone(),
                message: format!(
                    "{desired} node(s) should run a daemon pod, {en}: nothing to do{}",
                    kept.0
                ),
                zh: format!("{desired} 个节点应运行守护 Pod，{zh}：无需操作{}", kept.1),
            });
        }
        // The pods created or deleted (a refused create changes nothing).
        self.pods_changed = 0;
        self.act_manage(cluster, &ds, manage, &hash);
        let mut ok = true;
        match update {
            Some(Ok(u)) if !u.is_empty() => {
                cluster.trace(COMPONENT, || Step::Decide {
                    key: ds.metadata.name.clone(),
                    message: u.message.clone(),
                    zh: u.zh.clone(),
                });
                self.sync_nodes(cluster, &ds, &u.delete, &u.create, &hash);
            }
            // "couldn't get node for nodeName": the rolling update (and clean-up) fail.
            Some(Err(())) => ok = false,
            Some(Ok(_)) | None => {}
        }
        let changed = self.pods_changed;
        if self.create_failed {
            cluster.trace(COMPONENT, || Step::Decide {
                key: ds.metadata.name.clone(),
                message: format!("the API server refused a pod create (FailedCreate): the rest of this batch is skipped (slowStartBatch), {changed} pod change(s) went through; the sync is retried, rate-limited"),
                zh: format!("API 服务器拒绝了一个 Pod 的创建（FailedCreate）：本批其余的不再尝试（slowStartBatch），{changed} 个 Pod 变化已生效；同步按限速重试"),
            });
        }
        if ok {
            self.cleanup_history(cluster, &ds, &hash);
        }
        if changed > 0 {
            cluster.trace(COMPONENT, || Step::Decide {
                key: ds.metadata.name.clone(),
                message: format!("status from the informer cache, which has not seen this sync's {changed} pod change(s) yet: they count in the sync their watch events bring"),
                zh: format!("状态按 informer 缓存计算，缓存还没看到本次同步的 {changed} 个 Pod 变化：等它们的 watch 事件触发下一次同步时才计入"),
            });
        }
        self.write_status(cluster, &ds, status);
        ok
    }

    /// `ClaimControllerRevisions` (constructHistory → controlledHistories), then `ClaimPods`
    /// (getDaemonPods), by controller_ref_manager.go `ClaimObject`: an orphan of the
    /// DaemonSet's namespace that its selector matches is adopted (the DaemonSet becomes its
    /// controller ownerReference) unless it is being deleted; one of its own that the selector
    /// no longer matches is released. So `delete ds --cascade=orphan` and a re-apply keep the
    /// running pods and the rollout history.
    fn claim(&mut self, cluster: &mut Cluster, ds: &DaemonSet) {
        let uid = ds.metadata.uid.as_str();
        // Some(true): adopt; Some(false): release.
        let verdict = |m: &ObjectMeta| -> Option<bool> {
            if m.namespace != ds.metadata.namespace {
                return None;
            }
            let matches = selects(ds, &m.labels);
            match m.controller_of() {
                Some(r) if r.uid == uid => (!matches).then_some(false),
                Some(_) => None,
                None => (matches && m.deletion_timestamp.is_none()).then_some(true),
            }
        };
        // (name, adopt) of each object to claim or release.
        type Claims = Vec<(String, bool)>;
        let (revisions, pods): (Claims, Claims) = {
            let store = &cluster.store;
            let revisions = store
                .list::<ControllerRevision>()
                .filter_map(|r| verdict(&r.metadata).map(|a| (r.metadata.name.clone(), a)))
                .collect();
            let pods = store
                .list::<Pod>()
                .filter_map(|p| verdict(&p.metadata).map(|a| (p.metadata.name.clone(), a)))
                .collect();
            (revisions, pods)
        };
        let reference = owner_ref(ds);
        let set_owner = |meta: &mut ObjectMeta, adopt: bool| {
            if adopt {
                meta.owner_references.push(reference.clone());
            } else {
                meta.owner_references.retain(|r| r.uid != uid);
            }
        };
        for (name, adopt) in &revisions {
            let _ = cluster
                .store
                .modify::<ControllerRevision>(name, |r| set_owner(&mut r.metadata, *adopt));
        }
        for (name, adopt) in &pods {
            let _ = cluster
                .store
                .modify::<Pod>(name, |p| set_owner(&mut p.metadata, *adopt));
        }
        for (kind, list) in [("ControllerRevision", &revisions), ("Pod", &pods)] {
            for adopt in [true, false] {
                let names: Vec<String> = list
                    .iter()
                    .filter(|(_, a)| *a == adopt)
                    .map(|(n, _)| format!("{kind}/{n}"))
                    .collect();
                if names.is_empty() {
                    continue;
                }
                let names = names.join(", ");
                let (message, zh) = if adopt {
                    (
                        format!("adopt {names}: orphaned and matched by the selector, now this DaemonSet's (ownerReference added)"),
                        format!("接管 {names}：被遗弃且与选择算符匹配，现归这个 DaemonSet 所有（加上 ownerReference）"),
                    )
                } else {
                    (
                        format!("release {names}: its labels no longer match the selector (ownerReference removed)"),
                        format!("释放 {names}：标签已不再匹配选择算符（去掉 ownerReference）"),
                    )
                };
                cluster.trace(COMPONENT, || Step::Decide {
                    key: ds.metadata.name.clone(),
                    message,
                    zh,
                });
            }
        }
    }

    /// `constructHistory`: the ControllerRevision of the current template (created if new; an
    /// old one reused by a rollback gets the next revision number).
    fn construct_history(&mut self, cluster: &mut Cluster, ds: &DaemonSet) -> String {
        let hash = compute_hash(&ds.spec.template, 0);
        let name = format!("{}-{}", ds.metadata.name, hash);
        let (max_old_revision, current) = {
            let revisions = cluster
                .store
                .dependents::<ControllerRevision>(&ds.metadata.uid);
            let max_old = revisions
                .iter()
                .filter(|r| r.metadata.name != name)
                .map(|r| r.revision)
                .max()
                .unwrap_or(0);
            let current = revisions
                .iter()
                .find(|r| r.metadata.name == name)
                .map(|r| r.revision);
            (max_old, current)
        };
        match current {
            Some(rev) => {
                if rev < max_old_revision + 1 {
                    let _ = cluster.store.modify::<ControllerRevision>(&name, |r| {
                        r.revision = max_old_revision + 1;
                    });
                }
            }
            None => {
                let mut labels = ds.spec.template.metadata.labels.clone();
                labels.insert(CONTROLLER_REVISION_HASH.into(), hash.clone());
                let rev = ControllerRevision {
                    api_version: "apps/v1".into(),
                    kind: "ControllerRevision".into(),
                    metadata: ObjectMeta {
                        name: name.clone(),
                        namespace: ds.metadata.namespace.clone(),
                        labels,
                        annotations: ds.metadata.annotations.clone(),
                        owner_references: vec![owner_ref(ds)],
                        ..Default::default()
                    },
                    data: ds.spec.template.clone(),
                    revision: max_old_revision + 1,
                };
                if cluster.create(rev).is_ok() {
                    cluster.trace(COMPONENT, || Step::Create {
                        object: object_ref(Kind::ControllerRevision, &name),
                    });
                }
            }
        }
        hash
    }

    /// `cleanupHistory`: with more old revisions than revisionHistoryLimit (10), delete the
    /// oldest ones that no pod (terminal and deleted ones included) still uses.
    fn cleanup_history(&mut self, cluster: &mut Cluster, ds: &DaemonSet, hash: &str) {
        let limit = ds.spec.revision_history_limit.unwrap_or(10).max(0) as usize;
        let current = format!("{}-{}", ds.metadata.name, hash);
        let doomed: Vec<String> = {
            let store = &cluster.store;
            let mut old: Vec<&ControllerRevision> = store
                .dependents::<ControllerRevision>(&ds.metadata.uid)
                .into_iter()
                .filter(|r| r.metadata.name != current)
                .collect();
            if old.len() <= limit {
                return;
            }
            let mut to_kill = old.len() - limit;
            // getNodesToDaemonPods(includeDeletedTerminal = true): every pod.
            let live: BTreeSet<&str> = crate::sort::to_set(
                store
                    .dependents::<Pod>(&ds.metadata.uid)
                    .into_iter()
                    .filter_map(|p| p.metadata.labels.get(CONTROLLER_REVISION_HASH))
                    .map(String::as_str),
            );
            crate::sort::sort_by_key(&mut old, |r| r.revision);
            let mut doomed = Vec::new();
            for r in old {
                if to_kill == 0 {
                    break;
                }
                let h = r.metadata.labels.get(CONTROLLER_REVISION_HASH);
                if h.is_some_and(|h| live.contains(h.as_str())) {
                    continue;
                }
                doomed.push(r.metadata.name.clone());
                to_kill -= 1;
            }
            doomed
        };
        for name in doomed {
            cluster.store.remove::<ControllerRevision>(&name);
            cluster.trace(COMPONENT, || Step::Delete {
                object: object_ref(Kind::ControllerRevision, &name),
            });
        }
    }

    /// `manage` with `podsShouldBeOnNode` per node and `getUnscheduledPodsWithoutNode`: what
    /// to create and delete (deciding also advances the failed-pod back-off, as Kubernetes
    /// does before it deletes).
    fn plan_manage(
        &mut self,
        store: &Store,
        ds: &DaemonSet,
        facts: &[NodeShouldRun],
        pods: &NodePods,
        hash: &str,
        now: Time,
    ) -> ManagePlan {
        let surge = allows_surge(ds);
        let min_ready = ds.spec.min_ready_seconds;
        let mut plan = ManagePlan::default();
        for (i, (node, f)) in store.list::<Node>().zip(facts).enumerate() {
            let name = node.metadata.name.as_str();
            let here = pods.on(i);
            let exists = here.len() > 0;
            if f.should_run && !exists {
                // Supposed to run here but does not: create a daemon pod.
                plan.need.push(name.to_string());
            } else if f.should_continue_running {
                let mut running: Vec<&Pod> = Vec::new();
                let mut backing_off = false;
                for p in here.filter(|p| p.metadata.deletion_timestamp.is_none()) {
                    let pod = || format!("{}/{}", p.metadata.namespace, p.metadata.name);
                    match p.status.phase.as_str() {
                        "Failed" => {
                            // "DS is often fighting with kubelet that rejects pods. We need to
                            // avoid hot looping and backoff."
                            let key = failed_pods_backoff_key(ds, name);
                            if let Some(delay) = self.in_backoff(&key, now) {
                                let at = now + delay;
                                plan.retry_at = Some(plan.retry_at.map_or(at, |t| t.min(at)));
                                backing_off = true;
                                continue;
                            }
                            self.next_backoff(&key, now);
                            plan.events.push((
                                "Warning",
                                "FailedDaemonPod",
                                format!("Found failed daemon pod {} on node {name}, will try to kill it", pod()),
                            ));
                            plan.delete.push(p.metadata.name.clone());
                            plan.why[FAILED] += 1;
                        }
                        "Succeeded" => {
                            plan.events.push((
                                "Normal",
                                "SucceededDaemonPod",
                                format!("Found succeeded daemon pod {} on node {name}, will try to delete it", pod()),
                            ));
                            plan.delete.push(p.metadata.name.clone());
                            plan.why[SUCCEEDED] += 1;
                        }
                        _ => running.push(p),
                    }
                }
                if !surge {
                    // More than one running pod: keep the oldest.
                    plan.delete
                        .extend(running.iter().skip(1).map(|p| p.metadata.name.clone()));
                    plan.why[EXTRA] += running.len().saturating_sub(1);
                } else if running.is_empty() {
                    // Surging: keep at least one non-deleted pod on the node. Not while a
                    // failed pod here waits out its back-off: upstream creates another at once,
                    // which a full node's kubelet rejects at once too, a hot loop that only
                    // wall-clock latency bounds; at one virtual instant it would never end.
                    if f.should_run && !backing_off {
                        plan.need.push(name.to_string());
                    }
                } else if running.len() > 1 {
                    // Two pods are allowed only while the oldest new one is not yet available
                    // and the oldest old one is ready.
                    let mut oldest_new: Option<&Pod> = None;
                    let mut oldest_old: Option<&Pod> = None;
                    for p in &running {
                        let slot = if p
                            .metadata
                            .labels
                            .get(CONTROLLER_REVISION_HASH)
                            .map(String::as_str)
                            == Some(hash)
                        {
                            &mut oldest_new
                        } else {
                            &mut oldest_old
                        };
                        if slot.is_none() {
                            *slot = Some(p);
                        } else {
                            plan.delete.push(p.metadata.name.clone());
                            plan.why[EXTRA] += 1;
                        }
                    }
                    if let (Some(n), Some(o)) = (oldest_new, oldest_old) {
                        if !o.is_ready() || is_available(n, min_ready, now) {
                            plan.delete.push(o.metadata.name.clone());
                            plan.why[SURGED] += 1;
                        }
                    }
                }
            } else if exists {
                // Not supposed to run here (and not to continue): delete its pods.
                let before = plan.delete.len();
                plan.delete.extend(
                    here.filter(|p| p.metadata.deletion_timestamp.is_none())
                        .map(|p| p.metadata.name.clone()),
                );
                plan.why[NOT_QUALIFIED] += plan.delete.len() - before;
            }
        }
        // Unscheduled pods for nodes that no longer exist: the pod GC cannot see them.
        for v in pods.orphans.values() {
            plan.delete.extend(
                v.iter()
                    .filter(|p| p.spec.node_name.is_empty())
                    .map(|p| p.metadata.name.clone()),
            );
        }
        plan
    }

    fn act_manage(
        &mut self,
        cluster: &mut Cluster,
        ds: &DaemonSet,
        mut plan: ManagePlan,
        hash: &str,
    ) {
        for (type_, reason, message) in std::mem::take(&mut plan.events) {
            cluster.record(
                Kind::DaemonSet,
                &ds.metadata,
                type_,
                reason,
                message,
                COMPONENT,
                "",
            );
        }
        if let Some(at) = plan.retry_at {
            self.enqueue_after(
                cluster,
                &ds.metadata.name,
                at,
                ("failed daemon pod back-off", "失败守护 Pod 的回退"),
            );
        }
        if plan.is_empty() {
            return;
        }
        cluster.trace(COMPONENT, || {
            // "…, 1 pod(s) to delete: 1 on a node that no longer qualifies (…)"
            let (mut why, mut why_zh) = (Vec::new(), Vec::new());
            for (n, (en, zh)) in plan.why.iter().zip(DELETE_REASONS) {
                if *n > 0 {
                    why.push(format!("{n} {en}"));
                    why_zh.push(format!("{n} 个{zh}"));
                }
            }
            let (why, why_zh) = match why.is_empty() {
                true => (String::new(), String::new()),
                false => (
                    format!(": {}", why.join("; ")),
                    format!("：{}", why_zh.join("；")),
                ),
            };
            // The nodes by name when they are few (a node joined, or was relabelled).
            let (nodes, nodes_zh) = match plan.need.len() {
                1..=3 => (
                    format!(" ({})", plan.need.join(", ")),
                    format!("（{}）", plan.need.join("、")),
                ),
                _ => Default::default(),
            };
            Step::Decide {
                key: ds.metadata.name.clone(),
                message: format!(
                    "{} node(s) need a daemon pod{nodes}, {} pod(s) to delete{why}",
                    plan.need.len(),
                    plan.delete.len()
                ),
                zh: format!(
                    "{} 个节点需要守护 Pod{nodes_zh}，{} 个 Pod 要删除{why_zh}",
                    plan.need.len(),
                    plan.delete.len()
                ),
            }
        });
        self.sync_nodes(cluster, ds, &plan.delete, &plan.need, hash);
    }

    fn in_backoff(&self, key: &str, now: Time) -> Option<Duration> {
        let e = self.failed_pods_backoff.get(key)?;
        ((now - e.last_update) < e.backoff).then_some(e.backoff)
    }

    /// `Backoff.Next`: 1 s, then doubling up to 15 min; reset after 2 × 15 min without failures.
    fn next_backoff(&mut self, key: &str, now: Time) {
        let e = self
            .failed_pods_backoff
            .entry(key.to_string())
            .or_insert(BackoffEntry {
                backoff: Duration::ZERO,
                last_update: now,
            });
        let expired = (now - e.last_update).0 > FAILED_POD_BACKOFF_MAX.0 * 2;
        e.backoff = if e.backoff == Duration::ZERO || expired {
            FAILED_POD_BACKOFF_INITIAL
        } else {
            Duration((e.backoff.0 * 2).min(FAILED_POD_BACKOFF_MAX.0))
        };
        e.last_update = now;
    }

    /// `syncNodes`: create a pod (with a node-name affinity) on each node, then delete; at most
    /// `BurstReplicas` of each per sync.
    fn sync_nodes(
        &mut self,
        cluster: &mut Cluster,
        ds: &DaemonSet,
        delete: &[String],
        create_on: &[String],
        hash: &str,
    ) {
        // slowStartBatch: batches of 1, 2, 4, …; after a batch with a failed create the rest
        // is skipped until the next sync (the queue's rate limiter brings it back).
        if !create_on.is_empty() {
            let template = pod_template(ds, hash);
            let nodes = create_on.iter().take(BURST_REPLICAS);
            let (created, failed) = super::slow_start_batch(nodes, |node| {
                let owner = (Kind::DaemonSet, &ds.metadata);
                super::create_pod(cluster, COMPONENT, owner, new_daemon_pod(&template, node))
            });
            self.create_failed |= failed;
            self.pods_changed += created;
        }
        for name in delete.iter().take(BURST_REPLICAS) {
            let owner = (Kind::DaemonSet, &ds.metadata);
            self.pods_changed += usize::from(super::delete_pod(cluster, COMPONENT, owner, name));
        }
    }

    /// `storeDaemonSetStatus` (written only when something changed) and the minReadySeconds
    /// re-queue of `updateDaemonSetStatus`.
    fn write_status(&mut self, cluster: &mut Cluster, ds: &DaemonSet, status: DaemonSetStatus) {
        let name = &ds.metadata.name;
        let unchanged = cluster.store.get::<DaemonSet>(name).is_some_and(|d| {
            let s = &d.status;
            s.desired_number_scheduled == status.desired_number_scheduled
                && s.current_number_scheduled == status.current_number_scheduled
                && s.number_misscheduled == status.number_misscheduled
                && s.number_ready == status.number_ready
                && s.updated_number_scheduled == status.updated_number_scheduled
                && s.number_available == status.number_available
                && s.number_unavailable == status.number_unavailable
                && s.observed_generation >= ds.metadata.generation
        });
        let (ready, available) = (status.number_ready, status.number_available);
        if !unchanged {
            let mut summary = format!(
                "desired={} current={} ready={ready} up-to-date={} available={available}",
                status.desired_number_scheduled,
                status.current_number_scheduled,
                status.updated_number_scheduled
            );
            if status.number_misscheduled > 0 {
                summary.push_str(&format!(" misscheduled={}", status.number_misscheduled));
            }
            if cluster
                .store
                .modify::<DaemonSet>(name, |d| d.status = status)
                .is_ok()
            {
                cluster.trace(COMPONENT, || Step::UpdateStatus {
                    object: object_ref(Kind::DaemonSet, name),
                    summary,
                });
            }
        }
        // "Resync the DaemonSet after MinReadySeconds as a last line of defense".
        let min_ready = ds.spec.min_ready_seconds;
        if min_ready > 0 && ready != available {
            let at = cluster.now + Duration::from_secs(min_ready as i64);
            self.enqueue_after(
                cluster,
                name,
                at,
                (
                    &format!("minReadySeconds {min_ready}: ready pods not yet available"),
                    &format!("minReadySeconds {min_ready}：已就绪的 Pod 尚不可用"),
                ),
            );
        }
    }

    /// A restarted controller manager: empty queue, failed-pod back-off and node cache; the
    /// informers re-list, so every DaemonSet is synced and claims.
    pub fn restart(&mut self, cluster: &mut Cluster) {
        self.queue.clear();
        self.failed_pods_backoff.clear();
        self.nodes_seen = None;
        let names: Vec<String> = cluster
            .store
            .list::<DaemonSet>()
            .map(|d| d.metadata.name.clone())
            .collect();
        self.ds_seen.clear();
        for name in names {
            self.ds_seen.insert(name.clone());
            self.queue.add(&name);
            super::trace_relisted(cluster, COMPONENT, Kind::DaemonSet, &name);
            self.claim_due.insert(name);
        }
    }
}

#[derive(Default)]
struct ManagePlan {
    need: Vec<String>,
    delete: Vec<String>,
    /// Why the pods in `delete` go, counted per reason (the decision line says so).
    why: [usize; DELETE_REASONS.len()],
    events: Vec<(&'static str, &'static str, String)>,
    retry_at: Option<Time>,
}

/// The reasons `manage` deletes a daemon pod, as the decision line words them (en, zh).
const DELETE_REASONS: [(&str, &str); 5] = [
    (
        "failed (the kubelet may reject it again: back-off)",
        "失败的 Pod（kubelet 可能再次拒绝它：回退）",
    ),
    (
        "succeeded (a daemon pod should not end)",
        "已成功结束的 Pod（守护 Pod 不应结束）",
    ),
    (
        "extra on its node (the oldest stays)",
        "节点上多出的 Pod（保留最早的）",
    ),
    (
        "of the old revision whose surge replacement is available",
        "旧修订版本的 Pod（按 maxSurge 在它旁边新建的替换 Pod 已可用）",
    ),
    (
        "on a node that no longer qualifies (nodeSelector, affinity or an untolerated taint)",
        "所在节点已不符合条件的 Pod（nodeSelector、亲和性或不容忍的污点）",
    ),
];
const FAILED: usize = 0;
const SUCCEEDED: usize = 1;
const EXTRA: usize = 2;
const SURGED: usize = 3;
const NOT_QUALIFIED: usize = 4;

impl ManagePlan {
    fn is_empty(&self) -> bool {
        self.need.is_empty() && self.delete.is_empty()
    }
}

struct UpdatePlan {
    delete: Vec<String>,
    create: Vec<String>,
    message: String,
    zh: String,
    /// What limits the step, in the rolling update's own counts (en, zh): the unavailable
    /// nodes against maxUnavailable, or the surging ones against maxSurge.
    gate: (String, String),
}

impl UpdatePlan {
    fn is_empty(&self) -> bool {
        self.delete.is_empty() && self.create.is_empty()
    }
}

/// `rollingUpdate` (update.go): the old pods to delete and (surging) the nodes to create new
/// pods on. `Err` where Kubernetes returns an error: a node of the pod map cannot be read in
/// the surge path. Go walks `nodeToDaemonPods`, a map, in unspecified order; here the nodes
/// are walked in list order and every "first k candidates" choice is a random k-subset.
fn plan_rolling_update(
    rng: &mut Rng,
    ds: &DaemonSet,
    facts: &[NodeShouldRun],
    pods: &NodePods,
    hash: &str,
    now: Time,
) -> Result<UpdatePlan, ()> {
    let min_ready = ds.spec.min_ready_seconds;
    let generation = template_generation(ds);
    let available = |p: &Pod| is_available(p, min_ready, now);
    // updatedDesiredNodeCounts: every node that should run is in the map (an empty entry
    // where it has no pod yet), besides the nodes that have pods.
    let desired = facts.iter().filter(|f| f.should_run).count() as i32;
    // The map's entries: nodes of the list that should run or have pods, then orphans.
    let listed = (0..facts.len()).filter(|&i| facts[i].should_run || pods.on(i).len() > 0);
    let orphans = pods.orphans.values();
    let (max_surge, max_unavailable) = max_surge_and_unavailable(ds, desired);
    if max_surge == 0 {
        // Delete just enough old pods to stay within maxUnavailable; manage creates their
        // replacements. A node without a pod, with an unavailable new pod, or with both an old
        // and a new pod counts as unavailable; deleted pods are not counted.
        let mut num_unavailable = 0;
        let mut allowed: Vec<String> = Vec::new();
        let mut candidates: Vec<String> = Vec::new();
        // Where they are, for the words (a node without any pod of it has no name here).
        let mut unavailable_at: Vec<String> = Vec::new();
        let mut note = |pods: &mut dyn Iterator<Item = &Pod>| {
            if let Some(n) = pods.next().and_then(target_node) {
                unavailable_at.push(n.to_string());
            }
        };
        let found = listed
            .map(|i| {
                (
                    pods.on(i).next(),
                    find_updated_pods_on_node(pods.on(i), hash, generation),
                )
            })
            .chain(orphans.map(|v| {
                let f = find_updated_pods_on_node(v.iter().copied(), hash, generation);
                (v.first().copied(), f)
            }));
        for (first, f) in found {
            let Some((new, old)) = f else {
                num_unavailable += 1;
                note(&mut first.into_iter());
                continue;
            };
            match (new, old) {
                (None, None) | (Some(_), Some(_)) => {
                    num_unavailable += 1;
                    note(&mut first.into_iter());
                }
                (Some(n), None) => {
                    if !available(n) {
                        num_unavailable += 1;
                        note(&mut first.into_iter());
                    }
                }
                (None, Some(o)) => {
                    if !available(o) {
                        // An unavailable old pod is replaced at once.
                        allowed.push(o.metadata.name.clone());
                        num_unavailable += 1;
                        note(&mut first.into_iter());
                    } else {
                        candidates.push(o.metadata.name.clone());
                    }
                }
            }
        }
        let remaining = (max_unavailable - num_unavailable).clamp(0, candidates.len() as i32);
        let message = format!(
            "rolling update: {num_unavailable} unavailable of maxUnavailable {max_unavailable} → replacing {} old pod(s)",
            allowed.len() + remaining as usize
        );
        let zh = format!(
            "滚动更新：{num_unavailable} 个不可用，maxUnavailable {max_unavailable} → 替换 {} 个旧 Pod",
            allowed.len() + remaining as usize
        );
        let (at, at_zh) = match unavailable_at.as_slice() {
            [] => Default::default(),
            nodes => (
                format!(" ({})", nodes.join(", ")),
                format!("（{}）", nodes.join("、")),
            ),
        };
        let gate = (
            format!("{num_unavailable} unavailable{at}, maxUnavailable {max_unavailable}"),
            format!("{num_unavailable} 个不可用{at_zh}，maxUnavailable 为 {max_unavailable}"),
        );
        let mut delete = allowed;
        delete.extend(go_map_pick(rng, candidates, remaining as usize));
        return Ok(UpdatePlan {
            delete,
            create: Vec::new(),
            message,
            zh,
            gate,
        });
    }
    // Surging: a new pod beside each old one (at most maxSurge new pods not yet available), the
    // old one deleted once the new one is available.
    let mut old_to_delete: Vec<String> = Vec::new();
    let mut should_not_run: Vec<String> = Vec::new();
    let mut candidate_new: Vec<String> = Vec::new();
    let mut allowed_new: Vec<String> = Vec::new();
    let mut num_surge = 0;
    let mut num_available = 0;
    let found = listed
        .map(|i| {
            (
                Some(i),
                find_updated_pods_on_node(pods.on(i), hash, generation),
            )
        })
        .chain(orphans.map(|v| {
            let f = find_updated_pods_on_node(v.iter().copied(), hash, generation);
            (None, f)
        }));
    for (listed_at, f) in found {
        let Some((new, old)) = f else {
            num_surge += 1;
            continue;
        };
        match (old, new) {
            (Some(o), _) if available(o) => num_available += 1,
            (None, Some(n)) if available(n) => num_available += 1,
            _ => {}
        }
        match (old, new) {
            (None, _) => {}
            (Some(o), None) => {
                // "couldn't get node for nodeName": the whole rolling update fails.
                let Some(i) = listed_at else {
                    return Err(());
                };
                let should_run = facts[i].should_run;
                let node = || target_node(o).unwrap_or_default().to_string();
                match (available(o), should_run) {
                    (false, false) => old_to_delete.push(o.metadata.name.clone()),
                    (false, true) => allowed_new.push(node()),
                    (true, false) => should_not_run.push(o.metadata.name.clone()),
                    (true, true) => candidate_new.push(node()),
                }
            }
            (Some(o), Some(n)) => {
                if available(n) {
                    old_to_delete.push(o.metadata.name.clone());
                } else {
                    num_surge += 1;
                }
            }
        }
    }
    // Pods on nodes that should no longer run them go only once others are available.
    let deletable = (num_available - desired).clamp(0, should_not_run.len() as i32);
    old_to_delete.extend(go_map_pick(rng, should_not_run, deletable as usize));
    let remaining = (max_surge - num_surge).clamp(0, candidate_new.len() as i32);
    let message = format!(
        "rolling update with surge: {num_surge} surging of maxSurge {max_surge} → {} new pod(s) beside old ones, {} old pod(s) deleted",
        allowed_new.len() + remaining as usize,
        old_to_delete.len()
    );
    let zh = format!(
        "带 surge 的滚动更新：{num_surge} 个超额，maxSurge {max_surge} → 在旧 Pod 旁新建 {} 个，删除 {} 个旧 Pod",
        allowed_new.len() + remaining as usize,
        old_to_delete.len()
    );
    let gate = (
        format!("{num_surge} new pod(s) not yet available, maxSurge {max_surge}"),
        format!("{num_surge} 个新 Pod 尚不可用，maxSurge 为 {max_surge}"),
    );
    let mut create = allowed_new;
    create.extend(go_map_pick(rng, candidate_new, remaining as usize));
    Ok(UpdatePlan {
        delete: old_to_delete,
        create,
        message,
        zh,
        gate,
    })
}

/// `updateDaemonSetStatus`: per node that should run, its oldest pod (terminating ones
/// included) decides ready, available and up-to-date; pods on nodes that should not run are
/// misscheduled.
fn plan_status(
    ds: &DaemonSet,
    facts: &[NodeShouldRun],
    pods: &NodePods,
    hash: &str,
    now: Time,
) -> DaemonSetStatus {
    let min_ready = ds.spec.min_ready_seconds;
    let generation = template_generation(ds);
    let (mut desired, mut current, mut misscheduled, mut ready, mut updated, mut available) =
        (0, 0, 0, 0, 0, 0);
    for (i, f) in facts.iter().enumerate() {
        match (f.should_run, pods.oldest(i)) {
            (true, None) => desired += 1,
            (true, Some(p)) => {
                desired += 1;
                current += 1;
                if p.is_ready() {
                    ready += 1;
                    if is_available(p, min_ready, now) {
                        available += 1;
                    }
                }
                if is_updated(p, hash, generation) {
                    updated += 1;
                }
            }
            (false, Some(_)) => misscheduled += 1,
            (false, None) => {}
        }
    }
    DaemonSetStatus {
        current_number_scheduled: current,
        number_misscheduled: misscheduled,
        desired_number_scheduled: desired,
        number_ready: ready,
        observed_generation: ds.metadata.generation,
        updated_number_scheduled: updated,
        number_available: available,
        number_unavailable: desired - available,
    }
}

fn owner_ref(ds: &DaemonSet) -> OwnerReference {
    OwnerReference {
        api_version: "apps/v1".into(),
        kind: "DaemonSet".into(),
        name: ds.metadata.name.clone(),
        uid: ds.metadata.uid.clone(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// `util.CreatePodTemplate` + `GetPodFromTemplate`: the template with the daemon tolerations,
/// the `pod-template-generation` and `controller-revision-hash` labels, the ownerReference.
/// The generation is the template-generation annotation the API server writes (registry
/// strategy, `sim::DS_TEMPLATE_GENERATION`); metadata.generation stands in only for a
/// DaemonSet built without the API server (a unit test's).
fn pod_template(ds: &DaemonSet, hash: &str) -> Pod {
    let template = &ds.spec.template;
    let mut labels = template.metadata.labels.clone();
    let generation = template_generation(ds)
        .map(str::to_string)
        .unwrap_or_else(|| ds.metadata.generation.to_string());
    labels.insert(POD_TEMPLATE_GENERATION.into(), generation);
    labels.insert(CONTROLLER_REVISION_HASH.into(), hash.into());
    let mut spec = template.spec.clone();
    daemon_pod_tolerations(&mut spec);
    Pod {
        api_version: "v1".into(),
        kind: "Pod".into(),
        metadata: ObjectMeta {
            generate_name: format!("{}-", ds.metadata.name),
            namespace: ds.metadata.namespace.clone(),
            labels,
            annotations: template.metadata.annotations.clone(),
            owner_references: vec![owner_ref(ds)],
            ..Default::default()
        },
        spec,
        status: Default::default(),
    }
}

/// `ReplaceDaemonSetPodNodeNameNodeAffinity`: the scheduler, not the controller, binds the pod;
/// the required node affinity becomes the single term `metadata.name In [node]`.
fn new_daemon_pod(template: &Pod, node: &str) -> Pod {
    let mut pod = template.clone();
    let term = NodeSelectorTerm {
        match_expressions: Vec::new(),
        match_fields: vec![NodeSelectorRequirement {
            key: "metadata.name".into(),
            operator: "In".into(),
            values: vec![node.into()],
        }],
    };
    let mut affinity = pod.spec.affinity.take().unwrap_or_default();
    let mut node_affinity = affinity.node_affinity.take().unwrap_or_default();
    node_affinity.required_during_scheduling_ignored_during_execution = Some(NodeSelector {
        node_selector_terms: vec![term],
    });
    affinity.node_affinity = Some(NodeAffinity { ..node_affinity });
    pod.spec.affinity = Some(Affinity { ..affinity });
    pod
}
