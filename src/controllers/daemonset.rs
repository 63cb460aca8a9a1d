//! The DaemonSet controller, after `pkg/controller/daemon/daemon_controller.go` (`syncDaemonSet`,
//! `manage`, `podsShouldBeOnNode`, `NodeShouldRunDaemonPod`, `updateDaemonSetStatus`),
//! `update.go` (`rollingUpdate`, `constructHistory`) and `util/daemonset_util.go`.

use std::collections::{BTreeMap, HashMap};

use crate::api::{
    Affinity, ControllerRevision, DaemonSet, Duration, Kind, Node, NodeAffinity, NodeSelector,
    NodeSelectorRequirement, NodeSelectorTerm, ObjectMeta, OwnerReference, Pod, PodSpec,
    PodTemplateSpec, Taint, Time, Toleration,
};
use crate::sim::cluster::{object_ref, Cluster, Step};
use crate::sim::queue::WorkQueue;
use crate::sim::scheduler::node_matches_affinity;
use crate::sim::store::{WatchEvent, WatchEventType};

pub const COMPONENT: &str = "daemonset-controller";
pub const CONTROLLER_REVISION_HASH: &str = "controller-revision-hash";
pub const POD_TEMPLATE_GENERATION: &str = "pod-template-generation";
/// `failedPodsBackoff`: 1 s doubling up to 15 min.
const FAILED_POD_BACKOFF_INITIAL: Duration = Duration::from_secs(1);
const FAILED_POD_BACKOFF_MAX: Duration = Duration::from_secs(900);

/// `flowcontrol.Backoff` entry.
#[derive(Clone, Debug)]
struct BackoffEntry {
    backoff: Duration,
    last_update: Time,
}

#[derive(Clone, Debug, Default)]
pub struct DaemonSetController {
    pub queue: WorkQueue,
    pub cursor: usize,
    failed_pods_backoff: HashMap<String, BackoffEntry>,
}

/// The tolerations every daemon pod gets (`util.AddOrUpdateDaemonPodTolerations`).
pub fn daemon_pod_tolerations(spec: &mut PodSpec) {
    let mut add = |key: &str, effect: &str| {
        let t = Toleration {
            key: key.into(),
            operator: "Exists".into(),
            value: String::new(),
            effect: effect.into(),
            toleration_seconds: None,
        };
        if !spec
            .tolerations
            .iter()
            .any(|x| x.key == t.key && x.effect == t.effect && x.operator == t.operator)
        {
            spec.tolerations.push(t);
        }
    };
    add("node.kubernetes.io/not-ready", "NoExecute");
    add("node.kubernetes.io/unreachable", "NoExecute");
    add("node.kubernetes.io/disk-pressure", "NoSchedule");
    add("node.kubernetes.io/memory-pressure", "NoSchedule");
    add("node.kubernetes.io/pid-pressure", "NoSchedule");
    add("node.kubernetes.io/unschedulable", "NoSchedule");
    if spec.host_network {
        add("node.kubernetes.io/network-unavailable", "NoSchedule");
    }
}

/// `NodeShouldRunDaemonPod`: (should run, should continue running).
pub fn node_should_run_daemon_pod(node: &Node, ds: &DaemonSet) -> (bool, bool) {
    let mut spec = ds.spec.template.spec.clone();
    daemon_pod_tolerations(&mut spec);
    if !(spec.node_name.is_empty() || spec.node_name == node.metadata.name) {
        return (false, false);
    }
    if !node_matches_affinity(node, &spec) {
        return (false, false);
    }
    let untolerated = |pred: &dyn Fn(&Taint) -> bool| {
        node.spec
            .taints
            .iter()
            .filter(|t| pred(t))
            .any(|t| !spec.tolerations.iter().any(|tol| tol.tolerates(t)))
    };
    if untolerated(&|t| t.effect == "NoSchedule" || t.effect == "NoExecute") {
        // Scheduled daemon pods keep running unless a NoExecute taint is not tolerated.
        return (false, !untolerated(&|t| t.effect == "NoExecute"));
    }
    (true, true)
}

fn is_ready(p: &Pod) -> bool {
    p.status
        .conditions
        .iter()
        .any(|c| c.type_ == "Ready" && c.status == "True")
}

fn ready_since(p: &Pod) -> Option<Time> {
    p.status
        .conditions
        .iter()
        .find(|c| c.type_ == "Ready" && c.status == "True")
        .and_then(|c| c.last_transition_time)
}

/// `podutil.IsPodAvailable`: ready for at least minReadySeconds. (Kubernetes compares strictly
/// with second-granularity timestamps; we count a pod available at exactly minReadySeconds.)
pub fn is_available(p: &Pod, min_ready_seconds: i32, now: Time) -> bool {
    if !is_ready(p) {
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

/// The node a daemon pod is meant for: its required `metadata.name` affinity, else nodeName.
pub fn target_node(p: &Pod) -> Option<String> {
    if !p.spec.node_name.is_empty() {
        return Some(p.spec.node_name.clone());
    }
    p.spec
        .affinity
        .as_ref()?
        .node_affinity
        .as_ref()?
        .required_during_scheduling_ignored_during_execution
        .as_ref()?
        .node_selector_terms
        .iter()
        .flat_map(|t| t.match_fields.iter())
        .find(|r| r.key == "metadata.name" && r.operator == "In")
        .and_then(|r| r.values.first().cloned())
}

fn is_updated(p: &Pod, hash: &str) -> bool {
    p.metadata
        .labels
        .get(CONTROLLER_REVISION_HASH)
        .map(String::as_str)
        == Some(hash)
}

impl DaemonSetController {
    pub fn observe(&mut self, ev: &WatchEvent, cluster: &mut Cluster) {
        let keys: Vec<String> = match ev.kind {
            Kind::DaemonSet if ev.type_ != WatchEventType::Deleted => vec![ev.name.clone()],
            Kind::Pod => match &ev.owner {
                Some((k, owner)) if k == "DaemonSet" => vec![owner.clone()],
                _ => return,
            },
            // A node added or changed may change where daemons should run.
            Kind::Node => cluster
                .store
                .list::<DaemonSet>()
                .map(|d| d.metadata.name.clone())
                .collect(),
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
            self.queue.add(&key);
            cluster.trace(COMPONENT, || Step::Enqueue {
                key: key.clone(),
                after: None,
                why: format!("{} {} {}", ev.kind, ev.name, ev.type_.as_str()),
            });
        }
    }

    /// `syncDaemonSet`.
    pub fn sync(&mut self, key: &str, cluster: &mut Cluster) {
        cluster.trace(COMPONENT, || Step::Sync {
            key: key.to_string(),
        });
        let Some(ds) = cluster.store.get::<DaemonSet>(key).cloned() else {
            self.failed_pods_backoff
                .retain(|k, _| !k.starts_with(&format!("{key}/")));
            return;
        };
        if ds.metadata.deletion_timestamp.is_some() {
            return;
        }
        let hash = self.construct_history(cluster, &ds);
        let nodes: Vec<Node> = cluster.store.list::<Node>().cloned().collect();
        self.manage(cluster, &ds, &nodes, &hash);
        if ds.spec.update_strategy.type_ != "OnDelete" {
            self.rolling_update(cluster, &ds, &nodes, &hash);
        }
        self.cleanup_history(cluster, &ds, &hash);
        self.update_status(cluster, key, &hash);
    }

    /// `constructHistory`: the ControllerRevision of the current template (created if new).
    fn construct_history(&mut self, cluster: &mut Cluster, ds: &DaemonSet) -> String {
        let hash = compute_hash(&ds.spec.template, 0);
        let name = format!("{}-{}", ds.metadata.name, hash);
        let revisions: Vec<ControllerRevision> = cluster
            .store
            .dependents::<ControllerRevision>(&ds.metadata.uid)
            .into_iter()
            .cloned()
            .collect();
        let max_revision = revisions.iter().map(|r| r.revision).max().unwrap_or(0);
        if let Some(existing) = revisions.iter().find(|r| r.metadata.name == name) {
            if existing.revision < max_revision {
                // Rolling back to an old template makes its revision the newest again.
                let mut r = existing.clone();
                r.revision = max_revision + 1;
                let _ = cluster.store.update(r);
            }
            return hash;
        }
        let mut labels = ds.spec.template.metadata.labels.clone();
        labels.insert(CONTROLLER_REVISION_HASH.into(), hash.clone());
        let rev = ControllerRevision {
            api_version: "apps/v1".into(),
            kind: "ControllerRevision".into(),
            metadata: ObjectMeta {
                name: name.clone(),
                namespace: ds.metadata.namespace.clone(),
                labels,
                owner_references: vec![owner_ref(ds)],
                ..Default::default()
            },
            data: ds.spec.template.clone(),
            revision: max_revision + 1,
        };
        if cluster.create(rev).is_ok() {
            cluster.trace(COMPONENT, || Step::Create {
                object: object_ref(Kind::ControllerRevision, &name),
            });
        }
        hash
    }

    /// `cleanupHistory`: drop old revisions no pod uses, beyond revisionHistoryLimit (10).
    fn cleanup_history(&mut self, cluster: &mut Cluster, ds: &DaemonSet, hash: &str) {
        let limit = ds.spec.revision_history_limit.unwrap_or(10).max(0) as usize;
        let pods = cluster.store.dependents::<Pod>(&ds.metadata.uid);
        let live: std::collections::BTreeSet<String> = pods
            .iter()
            .filter_map(|p| p.metadata.labels.get(CONTROLLER_REVISION_HASH).cloned())
            .collect();
        let mut old: Vec<ControllerRevision> = cluster
            .store
            .dependents::<ControllerRevision>(&ds.metadata.uid)
            .into_iter()
            .filter(|r| {
                r.metadata
                    .labels
                    .get(CONTROLLER_REVISION_HASH)
                    .is_some_and(|h| h != hash && !live.contains(h))
            })
            .cloned()
            .collect();
        if old.len() <= limit {
            return;
        }
        old.sort_by_key(|r| r.revision);
        let excess = old.len() - limit;
        for r in old.into_iter().take(excess) {
            cluster.store.remove::<ControllerRevision>(&r.metadata.name);
        }
    }

    /// Daemon pods by the node they are for (`getNodesToDaemonPods`).
    fn node_to_daemon_pods(cluster: &Cluster, ds: &DaemonSet) -> BTreeMap<String, Vec<Pod>> {
        let mut map: BTreeMap<String, Vec<Pod>> = BTreeMap::new();
        for p in cluster.store.dependents::<Pod>(&ds.metadata.uid) {
            if let Some(n) = target_node(p) {
                map.entry(n).or_default().push(p.clone());
            }
        }
        for pods in map.values_mut() {
            pods.sort_by(|a, b| {
                a.metadata
                    .creation_timestamp
                    .cmp(&b.metadata.creation_timestamp)
                    .then(a.metadata.name.cmp(&b.metadata.name))
            });
        }
        map
    }

    /// `manage`: which nodes need a daemon pod, which pods must go.
    fn manage(&mut self, cluster: &mut Cluster, ds: &DaemonSet, nodes: &[Node], hash: &str) {
        let node_pods = Self::node_to_daemon_pods(cluster, ds);
        let surge = ds.spec.update_strategy.type_ == "RollingUpdate"
            && ds
                .spec
                .update_strategy
                .rolling_update
                .as_ref()
                .and_then(|r| r.max_surge.as_ref())
                .is_some_and(|s| s.scaled_value(100, true).unwrap_or(0) > 0);
        let mut need: Vec<String> = Vec::new();
        let mut delete: Vec<String> = Vec::new();
        let now = cluster.now;
        for node in nodes {
            let name = &node.metadata.name;
            let (should_run, should_continue) = node_should_run_daemon_pod(node, ds);
            let pods = node_pods.get(name).cloned().unwrap_or_default();
            if should_run && pods.is_empty() {
                need.push(name.clone());
                continue;
            }
            if should_continue {
                let mut running: Vec<&Pod> = Vec::new();
                for p in pods
                    .iter()
                    .filter(|p| p.metadata.deletion_timestamp.is_none())
                {
                    match p.status.phase.as_str() {
                        "Failed" | "Succeeded" => {
                            let key = format!("{}/{}", ds.metadata.name, name);
                            if let Some(delay) = self.in_backoff(&key, now) {
                                let at = now + delay;
                                if self.queue.add_after(&ds.metadata.name, at) {
                                    cluster.trace(COMPONENT, || Step::Enqueue {
                                        key: ds.metadata.name.clone(),
                                        after: Some(at),
                                        why: "failed daemon pod back-off".into(),
                                    });
                                }
                                continue;
                            }
                            self.next_backoff(&key, now);
                            let (reason, verb) = if p.status.phase == "Failed" {
                                ("FailedDaemonPod", "failed")
                            } else {
                                ("SucceededDaemonPod", "succeeded")
                            };
                            cluster.record(
                                Kind::DaemonSet,
                                &ds.metadata,
                                "Warning",
                                reason,
                                format!("Found {verb} daemon pod {}/{} on node {name}, will try to kill it", p.metadata.namespace, p.metadata.name),
                                COMPONENT,
                                "",
                            );
                            delete.push(p.metadata.name.clone());
                        }
                        _ => running.push(p),
                    }
                }
                if running.len() > 1 {
                    if !surge {
                        // Keep the oldest.
                        delete.extend(running[1..].iter().map(|p| p.metadata.name.clone()));
                    } else {
                        let mut oldest_new: Option<&Pod> = None;
                        let mut oldest_old: Option<&Pod> = None;
                        for p in &running {
                            let slot = if is_updated(p, hash) {
                                &mut oldest_new
                            } else {
                                &mut oldest_old
                            };
                            if slot.is_none() {
                                *slot = Some(p);
                            } else {
                                delete.push(p.metadata.name.clone());
                            }
                        }
                        if let (Some(n), Some(o)) = (oldest_new, oldest_old) {
                            if !is_ready(o) || is_available(n, ds.spec.min_ready_seconds, now) {
                                delete.push(o.metadata.name.clone());
                            }
                        }
                    }
                }
            } else {
                delete.extend(
                    pods.iter()
                        .filter(|p| p.metadata.deletion_timestamp.is_none())
                        .map(|p| p.metadata.name.clone()),
                );
            }
        }
        // Pods for nodes that no longer exist are the pod GC's; nothing to do here.
        if !need.is_empty() || !delete.is_empty() {
            cluster.trace(COMPONENT, || Step::Decide {
                key: ds.metadata.name.clone(),
                message: format!(
                    "{} node(s) need a daemon pod, {} pod(s) to delete",
                    need.len(),
                    delete.len()
                ),
            });
        }
        self.sync_nodes(cluster, ds, &delete, &need, hash);
    }

    fn in_backoff(&self, key: &str, now: Time) -> Option<Duration> {
        let e = self.failed_pods_backoff.get(key)?;
        ((now - e.last_update) < e.backoff).then_some(e.backoff)
    }

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

    /// `syncNodes`: delete, then create a pod per node with a node-name affinity.
    fn sync_nodes(
        &mut self,
        cluster: &mut Cluster,
        ds: &DaemonSet,
        delete: &[String],
        create_on: &[String],
        hash: &str,
    ) {
        for name in delete {
            if cluster.delete_pod(name).is_ok() {
                cluster.trace(COMPONENT, || Step::Delete {
                    object: object_ref(Kind::Pod, name),
                });
                cluster.record(
                    Kind::DaemonSet,
                    &ds.metadata,
                    "Normal",
                    "SuccessfulDelete",
                    format!("Deleted pod: {name}"),
                    COMPONENT,
                    "",
                );
            }
        }
        for node in create_on {
            let pod = new_daemon_pod(ds, node, hash);
            match cluster.create(pod) {
                Ok(name) => {
                    cluster.trace(COMPONENT, || Step::Create {
                        object: object_ref(Kind::Pod, &name),
                    });
                    cluster.record(
                        Kind::DaemonSet,
                        &ds.metadata,
                        "Normal",
                        "SuccessfulCreate",
                        format!("Created pod: {name}"),
                        COMPONENT,
                        "",
                    );
                }
                Err(e) => cluster.record(
                    Kind::DaemonSet,
                    &ds.metadata,
                    "Warning",
                    "FailedCreate",
                    format!("Error creating: {e}"),
                    COMPONENT,
                    "",
                ),
            }
        }
    }

    /// `rollingUpdate` (update.go).
    fn rolling_update(
        &mut self,
        cluster: &mut Cluster,
        ds: &DaemonSet,
        nodes: &[Node],
        hash: &str,
    ) {
        let now = cluster.now;
        let node_pods = Self::node_to_daemon_pods(cluster, ds);
        let desired = nodes
            .iter()
            .filter(|n| node_should_run_daemon_pod(n, ds).0)
            .count() as i32;
        let ru = ds
            .spec
            .update_strategy
            .rolling_update
            .clone()
            .unwrap_or_default();
        let max_surge = ru
            .max_surge
            .as_ref()
            .and_then(|v| v.scaled_value(desired, true))
            .unwrap_or(0)
            .max(0);
        let mut max_unavailable = ru
            .max_unavailable
            .as_ref()
            .and_then(|v| v.scaled_value(desired, true))
            .unwrap_or(1)
            .max(0);
        if desired > 0 && max_unavailable == 0 && max_surge == 0 {
            max_unavailable = 1;
        }
        let min_ready = ds.spec.min_ready_seconds;
        // Go walks a map here: the order is unspecified. Ours comes from the seeded generator.
        let mut order: Vec<&String> = node_pods.keys().collect();
        for i in (1..order.len()).rev() {
            let j = cluster.rng.below(i as u64 + 1) as usize;
            order.swap(i, j);
        }
        let node_by_name: HashMap<&str, &Node> = nodes
            .iter()
            .map(|n| (n.metadata.name.as_str(), n))
            .collect();
        // findUpdatedPodsOnNode: (new, old), or None if a node has more than one of either.
        let split = |pods: &[Pod]| -> Option<(Option<Pod>, Option<Pod>)> {
            let (mut new, mut old) = (None, None);
            for p in pods
                .iter()
                .filter(|p| p.metadata.deletion_timestamp.is_none())
            {
                let slot = if is_updated(p, hash) {
                    &mut new
                } else {
                    &mut old
                };
                if slot.is_some() {
                    return None;
                }
                *slot = Some(p.clone());
            }
            Some((new, old))
        };
        let mut old_to_delete: Vec<String> = Vec::new();
        if max_surge == 0 {
            let mut unavailable = 0;
            let mut allowed: Vec<String> = Vec::new();
            let mut candidates: Vec<String> = Vec::new();
            for node in &order {
                let Some((new, old)) = split(&node_pods[*node]) else {
                    unavailable += 1;
                    continue;
                };
                match (new, old) {
                    (None, None) | (Some(_), Some(_)) => unavailable += 1,
                    (Some(n), None) => {
                        if !is_available(&n, min_ready, now) {
                            unavailable += 1;
                        }
                    }
                    (None, Some(o)) => {
                        if !is_available(&o, min_ready, now) {
                            allowed.push(o.metadata.name.clone());
                        } else if unavailable < max_unavailable {
                            candidates.push(o.metadata.name.clone());
                        }
                    }
                }
            }
            let remaining =
                (max_unavailable - unavailable).clamp(0, candidates.len() as i32) as usize;
            old_to_delete = allowed;
            old_to_delete.extend(candidates.into_iter().take(remaining));
            if !old_to_delete.is_empty() {
                cluster.trace(COMPONENT, || Step::Decide {
                    key: ds.metadata.name.clone(),
                    message: format!(
                        "rolling update: {unavailable} unavailable of maxUnavailable {max_unavailable} → replacing {} old pod(s)",
                        old_to_delete.len()
                    ),
                });
            }
            self.sync_nodes(cluster, ds, &old_to_delete, &[], hash);
            self.requeue_for_min_ready(cluster, ds, &node_pods, now);
            return;
        }
        let mut should_not_run: Vec<String> = Vec::new();
        let mut candidate_new: Vec<String> = Vec::new();
        let mut allowed_new: Vec<String> = Vec::new();
        let mut num_surge = 0;
        let mut num_available = 0;
        for node in &order {
            let Some((new, old)) = split(&node_pods[*node]) else {
                num_surge += 1;
                continue;
            };
            match (&old, &new) {
                (Some(o), _) if is_available(o, min_ready, now) => num_available += 1,
                (None, Some(n)) if is_available(n, min_ready, now) => num_available += 1,
                _ => {}
            }
            let should_run = node_by_name
                .get(node.as_str())
                .is_some_and(|n| node_should_run_daemon_pod(n, ds).0);
            match (old, new) {
                (None, _) => {}
                (Some(o), None) => {
                    if !is_available(&o, min_ready, now) {
                        if !should_run {
                            old_to_delete.push(o.metadata.name.clone());
                        } else {
                            allowed_new.push((*node).clone());
                        }
                    } else if !should_run {
                        should_not_run.push(o.metadata.name.clone());
                    } else if num_surge < max_surge {
                        candidate_new.push((*node).clone());
                    }
                }
                (Some(o), Some(n)) => {
                    if !is_available(&n, min_ready, now) {
                        num_surge += 1;
                    } else {
                        old_to_delete.push(o.metadata.name.clone());
                    }
                }
            }
        }
        let deletable = (num_available - desired).clamp(0, should_not_run.len() as i32) as usize;
        old_to_delete.extend(should_not_run.into_iter().take(deletable));
        let remaining = (max_surge - num_surge).clamp(0, candidate_new.len() as i32) as usize;
        let mut create = allowed_new;
        create.extend(candidate_new.into_iter().take(remaining));
        if !create.is_empty() || !old_to_delete.is_empty() {
            cluster.trace(COMPONENT, || Step::Decide {
                key: ds.metadata.name.clone(),
                message: format!(
                    "rolling update with surge: {num_surge} surging of maxSurge {max_surge} → {} new pod(s) beside old ones, {} old pod(s) deleted",
                    create.len(),
                    old_to_delete.len()
                ),
            });
        }
        self.sync_nodes(cluster, ds, &old_to_delete, &create, hash);
        self.requeue_for_min_ready(cluster, ds, &node_pods, now);
    }

    /// Ready pods not yet available bring the DaemonSet back when they will be.
    fn requeue_for_min_ready(
        &mut self,
        cluster: &mut Cluster,
        ds: &DaemonSet,
        node_pods: &BTreeMap<String, Vec<Pod>>,
        now: Time,
    ) {
        if ds.spec.min_ready_seconds <= 0 {
            return;
        }
        let min_ready = Duration::from_secs(ds.spec.min_ready_seconds as i64);
        let next = node_pods
            .values()
            .flatten()
            .filter_map(ready_since)
            .map(|t| t + min_ready)
            .filter(|t| *t > now)
            .min();
        if let Some(at) = next {
            if self.queue.add_after(&ds.metadata.name, at) {
                cluster.trace(COMPONENT, || Step::Enqueue {
                    key: ds.metadata.name.clone(),
                    after: Some(at),
                    why: format!("minReadySeconds {}", ds.spec.min_ready_seconds),
                });
            }
        }
    }

    /// `updateDaemonSetStatus`.
    fn update_status(&mut self, cluster: &mut Cluster, key: &str, hash: &str) {
        let Some(mut ds) = cluster.store.get::<DaemonSet>(key).cloned() else {
            return;
        };
        let now = cluster.now;
        let node_pods = Self::node_to_daemon_pods(cluster, &ds);
        let (mut desired, mut current, mut misscheduled, mut ready, mut updated, mut available) =
            (0, 0, 0, 0, 0, 0);
        for node in cluster.store.list::<Node>() {
            let (should_run, _) = node_should_run_daemon_pod(node, &ds);
            let pods: Vec<&Pod> = node_pods
                .get(&node.metadata.name)
                .map(|v| {
                    v.iter()
                        .filter(|p| p.metadata.deletion_timestamp.is_none())
                        .collect()
                })
                .unwrap_or_default();
            let scheduled = !pods.is_empty();
            if should_run {
                desired += 1;
                if let Some(p) = pods.first() {
                    current += 1;
                    if is_ready(p) {
                        ready += 1;
                        if is_available(p, ds.spec.min_ready_seconds, now) {
                            available += 1;
                        }
                    }
                    if pods.iter().any(|p| is_updated(p, hash)) {
                        updated += 1;
                    }
                }
            } else if scheduled {
                misscheduled += 1;
            }
        }
        let status = crate::api::DaemonSetStatus {
            current_number_scheduled: current,
            number_misscheduled: misscheduled,
            desired_number_scheduled: desired,
            number_ready: ready,
            observed_generation: ds.metadata.generation,
            updated_number_scheduled: updated,
            number_available: available,
            number_unavailable: desired - available,
        };
        if status != ds.status {
            let summary = format!("desired={desired} current={current} ready={ready} up-to-date={updated} available={available}");
            ds.status = status;
            let _ = cluster.store.update(ds);
            cluster.trace(COMPONENT, || Step::UpdateStatus {
                object: object_ref(Kind::DaemonSet, key),
                summary,
            });
        }
    }

    pub fn restart(&mut self) {
        self.queue.clear();
        self.failed_pods_backoff.clear();
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

/// `NewPod` + `ReplaceDaemonSetPodNodeNameNodeAffinity`: the scheduler, not the controller, binds.
fn new_daemon_pod(ds: &DaemonSet, node: &str, hash: &str) -> Pod {
    let template = &ds.spec.template;
    let mut labels = template.metadata.labels.clone();
    labels.insert(CONTROLLER_REVISION_HASH.into(), hash.into());
    labels.insert(
        POD_TEMPLATE_GENERATION.into(),
        ds.metadata.generation.to_string(),
    );
    let mut spec = template.spec.clone();
    daemon_pod_tolerations(&mut spec);
    let term = NodeSelectorTerm {
        match_expressions: Vec::new(),
        match_fields: vec![NodeSelectorRequirement {
            key: "metadata.name".into(),
            operator: "In".into(),
            values: vec![node.into()],
        }],
    };
    let mut affinity = spec.affinity.take().unwrap_or_default();
    let mut node_affinity = affinity.node_affinity.take().unwrap_or_default();
    node_affinity.required_during_scheduling_ignored_during_execution = Some(NodeSelector {
        node_selector_terms: vec![term],
    });
    affinity.node_affinity = Some(NodeAffinity { ..node_affinity });
    spec.affinity = Some(Affinity { ..affinity });
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
