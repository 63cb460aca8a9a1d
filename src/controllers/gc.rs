//! The garbage collector (pkg/controller/garbagecollector) for ownerReferences with
//! background and foreground propagation, and the pod GC (pkg/controller/podgc) for pods of
//! deleted nodes.

use crate::api::{ControllerRevision, CronJob, DaemonSet, Job, Kind, Node, ObjectMeta, Pod};
use crate::sim::cluster::{deleting_dependents, object_ref, Cluster, Step, FOREGROUND_DELETION};
use crate::sim::queue::WorkQueue;
use crate::sim::scheduler::set_disruption_target;
use crate::sim::store::{WatchEvent, WatchEventType};

pub const COMPONENT: &str = "garbage-collector";
pub const PODGC: &str = "pod-garbage-collector";

/// podgc `gcCheckPeriod` and `quarantineTime`.
const GC_CHECK_PERIOD_SECS: i64 = 20;
/// kube-controller-manager's `--terminated-pod-gc-threshold` default.
pub const TERMINATED_POD_GC_THRESHOLD: usize = 12_500;
const TERMINATED_KEY: &str = "terminated";
/// `gcUnscheduledTerminating`'s key.
const UNSCHEDULED_KEY: &str = "unscheduled";

/// The pod GC's keys in the queue it shares with the garbage collector here.
pub fn is_pod_gc_key(key: &str) -> bool {
    key.starts_with("node/")
        || key.starts_with("oos/")
        || key == TERMINATED_KEY
        || key == UNSCHEDULED_KEY
}
pub const QUARANTINE_SECS: i64 = 40;

/// The taint of a node shut down for good (non-graceful node shutdown, KEP-2268).
pub const OUT_OF_SERVICE_TAINT: &str = "node.kubernetes.io/out-of-service";

/// `gcTerminating`'s test: the node is not Ready and has the out-of-service taint.
fn out_of_service(node: &Node) -> bool {
    !crate::sim::nodelifecycle::is_ready(node)
        && node
            .spec
            .taints
            .iter()
            .any(|t| t.key == OUT_OF_SERVICE_TAINT)
}

/// A pod being deleted that `gcTerminating` or `gcUnscheduledTerminating` has still to mark
/// Failed and delete at once. One it
/// already did (Failed, grace period 0) and a finalizer holds (a Job's job-tracking) is left:
/// marking it again changes nothing, and its update would bring the pod GC back at the same
/// instant, for ever.
fn awaits_forced_deletion(p: &Pod) -> bool {
    p.metadata.deletion_timestamp.is_some()
        && !(p.is_terminal() && p.metadata.deletion_grace_period_seconds == Some(0))
}

/// The pod GC's first periodic run at or after `t` (runs every 20 s from the cluster's start).
fn next_tick(cluster: &Cluster, t: crate::api::Time) -> crate::api::Time {
    t.next_tick(
        cluster.start,
        crate::api::Duration::from_secs(GC_CHECK_PERIOD_SECS),
    )
}

#[derive(Clone, Debug, Default)]
pub struct GarbageCollector {
    /// Keys: `uid/<owner uid>` for a deleted owner, `node/<name>` for a deleted node,
    /// `fg/<Kind>/<name>` for an owner being deleted in the foreground.
    pub queue: WorkQueue,
}

impl GarbageCollector {
    /// The graph builder saw `ev` about an owner: `key` is queued, both traced for the loop.
    fn enqueue_seen(
        &mut self,
        cluster: &mut Cluster,
        ev: &WatchEvent,
        key: String,
        why: String,
        zh: String,
    ) {
        self.queue.add(&key);
        cluster.trace(COMPONENT, || Step::Watch {
            event: ev.type_.as_str(),
            object: object_ref(ev.kind, &ev.name),
        });
        cluster.trace(COMPONENT, || Step::Enqueue {
            key,
            after: None,
            why,
            zh,
        });
    }

    pub fn observe(&mut self, ev: &WatchEvent, cluster: &mut Cluster) {
        if ev.type_ != WatchEventType::Deleted {
            // graph_builder.go processTransitions: an owner that starts deleting its
            // dependents has them all deleted (attemptToDelete).
            let deleting = owner_meta(cluster, ev.kind, &ev.name).is_some_and(deleting_dependents);
            if deleting {
                let (kind, name) = (ev.kind.as_str(), &ev.name);
                self.enqueue_seen(
                    cluster,
                    ev,
                    format!("fg/{kind}/{name}"),
                    format!(
                        "{kind} {name} is deleted in the foreground (foregroundDeletion finalizer)"
                    ),
                    format!("{kind} {name} 正在前台删除（foregroundDeletion finalizer）"),
                );
            }
            // gcTerminating (every 20 s): terminating pods on an out-of-service node.
            let node = match ev.kind {
                Kind::Node => Some(ev.name.to_string()),
                Kind::Pod => cluster
                    .store
                    .get::<Pod>(&ev.name)
                    .filter(|p| awaits_forced_deletion(p))
                    .map(|p| p.spec.node_name.clone()),
                _ => None,
            };
            if let Some(node) = node {
                if cluster.store.get::<Node>(&node).is_some_and(out_of_service) {
                    let due = next_tick(cluster, cluster.now);
                    self.queue.add_after(&format!("oos/{node}"), due);
                }
            }
            // gcOrphaned (every 20 s): a pod bound to a node that does not exist (one never
            // created, as well as one deleted) puts that name in the 40 s quarantine; its pods
            // are collected if the node is still missing after it (gc_controller.go).
            if ev.kind == Kind::Pod {
                let missing = cluster
                    .store
                    .get::<Pod>(&ev.name)
                    .map(|p| p.spec.node_name.as_str())
                    .filter(|n| !n.is_empty() && !cluster.store.contains::<Node>(n))
                    .map(str::to_string);
                if let Some(node) = missing {
                    self.quarantine_seen(&node, cluster);
                }
            }
            // gcUnscheduledTerminating (every 20 s): a pod deleted before it was scheduled that
            // a finalizer holds (a Job's job-tracking one).
            let unscheduled = ev.kind == Kind::Pod
                && cluster
                    .store
                    .get::<Pod>(&ev.name)
                    .is_some_and(|p| p.spec.node_name.is_empty() && awaits_forced_deletion(p));
            if unscheduled {
                let due = next_tick(cluster, cluster.now);
                self.queue.add_after(UNSCHEDULED_KEY, due);
            }
            // gcTerminated (every 20 s): more finished pods than the threshold.
            if ev.kind == Kind::Pod && cluster.store.count::<Pod>() > TERMINATED_POD_GC_THRESHOLD {
                let due = next_tick(cluster, cluster.now);
                self.queue.add_after(TERMINATED_KEY, due);
            }
            return;
        }
        // A dependent gone: its owners that wait for their dependents look again
        // ("this is to let attempToDeleteItem check if all the owner's dependents are
        // deleted").
        if let Some(last) = ev.last_state.as_deref() {
            for r in &last.metadata().owner_references {
                let Some(k) = Kind::parse(&r.kind) else {
                    continue;
                };
                let waiting = owner_meta(cluster, k, &r.name)
                    .is_some_and(|m| m.uid == r.uid && deleting_dependents(m));
                if waiting {
                    self.queue.add(&format!("fg/{}/{}", k.as_str(), r.name));
                }
            }
        }
        let Some(last) = ev.last_state.as_deref() else {
            return;
        };
        match ev.kind {
            // podgc gc_controller.go: `gcOrphaned` runs every 20 s (gcCheckPeriod) and puts a
            // missing node in quarantine for 40 s (quarantineTime) before it treats the node as
            // deleted: its pods are collected at the first 20 s tick once that has passed.
            Kind::Node => self.quarantine_seen(&ev.name, cluster),
            Kind::Job | Kind::CronJob | Kind::DaemonSet => {
                let uid = &last.metadata().uid;
                if cluster.store.dependent_count(uid) > 0 {
                    let (kind, name) = (ev.kind.as_str(), &ev.name);
                    self.enqueue_seen(
                        cluster,
                        ev,
                        format!("uid/{uid}"),
                        format!("{kind} {name} deleted: its dependents' owner is gone"),
                        format!("{kind} {name} 已删除：其附属对象的属主已不存在"),
                    );
                }
            }
            _ => {}
        }
    }

    /// A restarted controller manager: a new garbage collector and pod GC. Its re-list queues
    /// the owners that went while it was down (pods whose Job or DaemonSet, Jobs whose
    /// CronJob, no longer exists), the owners deleted in the foreground meanwhile, and
    /// quarantines the nodes that pods are bound to but that no longer exist.
    pub fn restart(&mut self, cluster: &Cluster) {
        *self = Self::default();
        let store = &cluster.store;
        // Orphans whose owner went while we were down.
        let mut owners: Vec<String> = Vec::new();
        for p in store.list::<Pod>() {
            if let Some(o) = p.metadata.controller_of() {
                let alive = match o.kind.as_str() {
                    "Job" => store
                        .get::<Job>(&o.name)
                        .is_some_and(|j| j.metadata.uid == o.uid),
                    "DaemonSet" => store
                        .get::<DaemonSet>(&o.name)
                        .is_some_and(|d| d.metadata.uid == o.uid),
                    _ => true,
                };
                if !alive {
                    owners.push(o.uid.clone());
                }
            }
        }
        // A CronJob's Jobs, likewise.
        for j in store.list::<Job>() {
            if let Some(o) = j.metadata.controller_of().filter(|o| o.kind == "CronJob") {
                let alive = store
                    .get::<CronJob>(&o.name)
                    .is_some_and(|c| c.metadata.uid == o.uid);
                if !alive && !owners.contains(&o.uid) {
                    owners.push(o.uid.clone());
                }
            }
        }
        for uid in owners {
            self.queue.add(&format!("uid/{uid}"));
        }
        // Owners deleted in the foreground while we were down: their dependents go now.
        let deleting = store
            .list::<Job>()
            .map(|o| (Kind::Job, &o.metadata))
            .chain(
                store
                    .list::<CronJob>()
                    .map(|o| (Kind::CronJob, &o.metadata)),
            )
            .chain(
                store
                    .list::<DaemonSet>()
                    .map(|o| (Kind::DaemonSet, &o.metadata)),
            )
            .filter(|(_, m)| deleting_dependents(m));
        for (kind, m) in deleting {
            self.queue.add(&format!("fg/{}/{}", kind.as_str(), m.name));
        }
        let nodes = crate::sort::to_set(
            store
                .list::<Pod>()
                .map(|p| p.spec.node_name.clone())
                .filter(|n| !n.is_empty()),
        );
        for n in nodes {
            if !store.contains::<Node>(&n) {
                // The pod GC's quarantine lives in memory: its first pass after the restart
                // puts the missing node in it for 40 s (gcOrphaned).
                self.quarantine(&n, cluster);
            }
        }
    }

    /// A node the pod GC finds missing at its next pass goes into quarantine for 40 s; its
    /// pods are collected at the first pass after that. The due time, when this set it.
    pub fn quarantine(&mut self, node: &str, cluster: &Cluster) -> Option<crate::api::Time> {
        let due = quarantine_due(cluster);
        self.queue
            .add_after(&format!("node/{node}"), due)
            .then_some(due)
    }

    /// `quarantine` after a node is deleted or a pod is bound to a missing one, traced when the
    /// node newly goes into quarantine: gcOrphaned's `nodeQueue.AddAfter(nodeName,
    /// quarantineTime)` (podgc/gc_controller.go) on the pass that finds it missing, so the
    /// loop's queue shows the key its sync comes from.
    fn quarantine_seen(&mut self, node: &str, cluster: &mut Cluster) {
        let Some(due) = self.quarantine(node, cluster) else {
            return;
        };
        let seen = next_tick(cluster, cluster.now);
        let pass = (seen - cluster.start).whole_secs();
        // No watch event: the pod GC has no informer handlers (NewPodGCInternal), only its
        // 20-s pass, which finds the node missing and queues it then.
        cluster.trace(PODGC, || Step::Enqueue {
            key: format!("node/{node}"),
            after: Some(due),
            why: format!("node {node} does not exist at the pass at t={pass}s: quarantined for {QUARANTINE_SECS} s (gcOrphaned), its pods go at the first pass after that"),
            zh: format!("节点 {node} 在 t={pass} 秒的检查中不存在：隔离 {QUARANTINE_SECS} 秒（gcOrphaned），之后第一轮检查时删除它的 Pod"),
        });
    }

    pub fn sync(&mut self, key: &str, cluster: &mut Cluster) {
        if let Some(node) = key.strip_prefix("node/") {
            return self.sync_node(node, cluster);
        }
        if let Some(owner) = key.strip_prefix("fg/") {
            return self.sync_foreground(owner, cluster);
        }
        if let Some(node) = key.strip_prefix("oos/") {
            return self.sync_out_of_service(node, cluster);
        }
        if key == TERMINATED_KEY {
            return self.sync_terminated(cluster);
        }
        if key == UNSCHEDULED_KEY {
            return self.sync_unscheduled_terminating(cluster);
        }
        let Some(uid) = key.strip_prefix("uid/") else {
            return;
        };
        cluster.trace(COMPONENT, || Step::Sync {
            key: key.to_string(),
        });
        // attemptToDeleteItem on each dependent: its owner (found in its ownerReferences) is
        // absent, so it is deleted.
        let store = &cluster.store;
        let owner = store
            .dependents::<Pod>(uid)
            .iter()
            .map(|p| &p.metadata)
            .chain(store.dependents::<Job>(uid).iter().map(|j| &j.metadata))
            .chain(
                store
                    .dependents::<ControllerRevision>(uid)
                    .iter()
                    .map(|r| &r.metadata),
            )
            .flat_map(|m| m.owner_references.iter())
            .find(|r| r.uid == uid)
            .map(|r| format!("{}/{}", r.kind, r.name));
        let count = store.dependent_count(uid);
        if let Some(owner) = owner {
            cluster.trace(COMPONENT, || Step::Decide {
                key: key.to_string(),
                message: format!("owner {owner} is gone (background deletion): deleting its {count} dependent(s)"),
                zh: format!("属主 {owner} 已不存在（后台删除）：删除它的 {count} 个附属对象"),
            });
        }
        delete_pods_of(cluster, uid);
        let jobs: Vec<String> = cluster
            .store
            .dependents::<Job>(uid)
            .iter()
            .map(|j| j.metadata.name.clone())
            .collect();
        for name in jobs {
            cluster.store.remove::<Job>(&name);
            cluster.trace(COMPONENT, || Step::Delete {
                object: object_ref(Kind::Job, &name),
            });
        }
        let revisions: Vec<String> = cluster
            .store
            .dependents::<crate::api::ControllerRevision>(uid)
            .iter()
            .map(|r| r.metadata.name.clone())
            .collect();
        for name in revisions {
            cluster
                .store
                .remove::<crate::api::ControllerRevision>(&name);
        }
    }

    /// An owner being deleted in the foreground (garbagecollector.go attemptToDeleteItem,
    /// processDeletingDependentsItem): each dependent not yet being deleted is deleted (one
    /// with dependents of its own in the foreground too, else in the background: a pod gets
    /// its graceful termination); once none is left (every ownerReference here blocks owner
    /// deletion) the `foregroundDeletion` finalizer comes off and the owner is gone.
    fn sync_foreground(&mut self, owner: &str, cluster: &mut Cluster) {
        let Some((kind, name)) = owner
            .split_once('/')
            .and_then(|(k, n)| Some((Kind::parse(k)?, n)))
        else {
            return;
        };
        let Some(uid) = owner_meta(cluster, kind, name)
            .filter(|m| deleting_dependents(m))
            .map(|m| m.uid.clone())
        else {
            return;
        };
        cluster.trace(COMPONENT, || Step::Sync {
            key: format!("fg/{owner}"),
        });
        delete_pods_of(cluster, &uid);
        let jobs: Vec<(String, bool)> = cluster
            .store
            .dependents::<Job>(&uid)
            .iter()
            .filter(|j| j.metadata.deletion_timestamp.is_none())
            .map(|j| {
                let has = cluster.store.dependent_count(&j.metadata.uid) > 0;
                (j.metadata.name.clone(), has)
            })
            .collect();
        for (n, has_dependents) in jobs {
            if has_dependents {
                cluster.delete_foreground(Kind::Job, &n);
            } else {
                cluster.store.remove::<Job>(&n);
            }
            cluster.trace(COMPONENT, || Step::Delete {
                object: object_ref(Kind::Job, &n),
            });
        }
        let revisions: Vec<String> = cluster
            .store
            .dependents::<ControllerRevision>(&uid)
            .iter()
            .map(|r| r.metadata.name.clone())
            .collect();
        for n in revisions {
            cluster.store.remove::<ControllerRevision>(&n);
        }
        let left = cluster.store.dependent_count(&uid);
        cluster.trace(COMPONENT, || Step::Decide {
            key: format!("fg/{owner}"),
            message: match left {
                0 => format!("{owner} is deleted in the foreground and has no dependents left: its foregroundDeletion finalizer comes off, and it goes"),
                n => format!("{owner} is deleted in the foreground: it stays until its {n} dependent(s) are gone"),
            },
            zh: match left {
                0 => format!("{owner} 正在前台删除，已没有附属对象：去掉 foregroundDeletion finalizer，它随之被删除"),
                n => format!("{owner} 正在前台删除：要等它的 {n} 个附属对象消失后它才会被删除"),
            },
        });
        if left > 0 {
            return;
        }
        // The last finalizer off a deleted object: the API server deletes it.
        let finalizers_left =
            |m: &crate::api::ObjectMeta| m.finalizers.iter().any(|f| f != FOREGROUND_DELETION);
        let gone = match kind {
            Kind::Job => remove_unless::<Job>(cluster, name, finalizers_left),
            Kind::CronJob => remove_unless::<CronJob>(cluster, name, finalizers_left),
            _ => remove_unless::<DaemonSet>(cluster, name, finalizers_left),
        };
        if gone {
            cluster.trace(COMPONENT, || Step::Delete {
                object: object_ref(kind, name),
            });
        }
    }

    /// `gcTerminating` (podgc gc_controller.go): on a node that is not Ready and has the
    /// `node.kubernetes.io/out-of-service` taint, pods being deleted are marked Failed and
    /// deleted at once (grace period 0): no kubelet there will ever confirm they stopped.
    fn sync_out_of_service(&mut self, node: &str, cluster: &mut Cluster) {
        if !cluster.store.get::<Node>(node).is_some_and(out_of_service) {
            return;
        }
        let why = (
            format!("node {node} is not ready and has the out-of-service taint (gcTerminating)"),
            format!("节点 {node} 未就绪且带有 out-of-service 污点（gcTerminating）"),
        );
        mark_failed_and_delete(cluster, &format!("oos/{node}"), why, |p| {
            p.spec.node_name == node
        });
    }

    /// `gcUnscheduledTerminating` (podgc gc_controller.go): a pod deleted before it was
    /// scheduled has no kubelet to end it; when a finalizer holds it (a Job's job-tracking),
    /// the pod GC marks it Failed and deletes it with grace period 0, so a Job that replaces
    /// only failed pods (podReplacementPolicy Failed, a podFailurePolicy) sees it fail.
    fn sync_unscheduled_terminating(&mut self, cluster: &mut Cluster) {
        let why = (
            "deleted before they were scheduled, so no kubelet will end them (gcUnscheduledTerminating)".to_string(),
            "在调度之前就被删除，没有 kubelet 会结束它们（gcUnscheduledTerminating）".to_string(),
        );
        mark_failed_and_delete(cluster, UNSCHEDULED_KEY, why, |p| {
            p.spec.node_name.is_empty()
        });
    }

    /// `gcTerminated` (podgc gc_controller.go): past `--terminated-pod-gc-threshold` finished
    /// pods, the oldest of them (evicted ones first, then by creation) are deleted, grace
    /// period 0. A Job's finished pods have been counted in its status already, so its
    /// COMPLETIONS stay; without it a long run of a big Job kept every pod it ever made.
    fn sync_terminated(&mut self, cluster: &mut Cluster) {
        let store = &cluster.store;
        // Most passes find too few finished pods: counted, not listed.
        if store.finished_pods() <= TERMINATED_POD_GC_THRESHOLD {
            return;
        }
        // Listed unordered and sorted by a key that ends with the name, so the order is the
        // same as listing by name (the table's own name order would be rebuilt for this).
        let mut finished: Vec<(bool, Option<crate::api::Time>, &str)> = store
            .list_unordered::<Pod>()
            .filter(|p| p.is_terminal() && p.metadata.deletion_timestamp.is_none())
            .map(|p| {
                let evicted = p.status.reason == "Evicted";
                (
                    !evicted,
                    p.metadata.creation_timestamp,
                    p.metadata.name.as_str(),
                )
            })
            .collect();
        let excess = finished.len().saturating_sub(TERMINATED_POD_GC_THRESHOLD);
        if excess == 0 {
            return;
        }
        crate::sort::sort(&mut finished);
        let finished: Vec<String> = finished[..excess].iter().map(|f| f.2.to_string()).collect();
        cluster.trace(PODGC, || Step::Sync {
            key: TERMINATED_KEY.to_string(),
        });
        let total = excess + TERMINATED_POD_GC_THRESHOLD;
        cluster.trace(PODGC, || Step::Decide {
            key: TERMINATED_KEY.to_string(),
            message: format!("{total} finished pods > --terminated-pod-gc-threshold {TERMINATED_POD_GC_THRESHOLD} (gcTerminated): {excess} are deleted, evicted ones first, then the oldest"),
            zh: format!("已结束的 Pod 有 {total} 个 > --terminated-pod-gc-threshold {TERMINATED_POD_GC_THRESHOLD}（gcTerminated）：删除 {excess} 个，先删被驱逐的，再删最早的"),
        });
        let now = cluster.now;
        for name in finished {
            let _ = cluster.store.modify::<Pod>(&name, |p| {
                p.metadata.deletion_timestamp = Some(now);
                p.metadata.deletion_grace_period_seconds = Some(0);
            });
            cluster.finish_pod_deletion_if_ready(&name);
            cluster.trace(PODGC, || Step::Delete {
                object: object_ref(Kind::Pod, &name),
            });
        }
    }

    /// `gcOrphaned`: pods bound to a node that no longer exists are marked Failed and deleted.
    fn sync_node(&mut self, node: &str, cluster: &mut Cluster) {
        if cluster.store.contains::<Node>(node) {
            return;
        }
        cluster.trace(PODGC, || Step::Sync {
            key: format!("node/{node}"),
        });
        let names: Vec<String> = cluster
            .store
            .list::<Pod>()
            .filter(|p| p.spec.node_name == node)
            .map(|p| p.metadata.name.clone())
            .collect();
        let n = names.len();
        if n > 0 {
            cluster.trace(PODGC, || Step::Decide {
            key: format!("node/{node}"),
            message: format!("node {node} still does not exist after its 40 s quarantine (gcOrphaned): its {n} pod(s) are deleted with grace period 0, those not ended marked Failed first (DisruptionTarget DeletionByPodGC)"),
            zh: format!("节点 {node} 在 40 秒隔离期后仍不存在（gcOrphaned）：以宽限期 0 删除它的 {n} 个 Pod，尚未结束的先标记为 Failed（DisruptionTarget DeletionByPodGC）"),
        });
        }
        let now = cluster.now;
        for name in names {
            let Some(pod) = cluster.store.get::<Pod>(&name) else {
                continue;
            };
            if !pod.is_terminal() {
                let _ = cluster.store.modify::<Pod>(&name, |p| {
                    p.status.phase = "Failed".into();
                    for cs in &mut p.status.container_statuses {
                        cs.ready = false;
                    }
                    set_disruption_target(
                        p,
                        "DeletionByPodGC",
                        "PodGC: node no longer exists",
                        now,
                    );
                });
                // markFailedAndDeletePodWithCondition's PatchPodStatus, before the delete.
                cluster.trace(PODGC, || Step::UpdateStatus {
                    object: object_ref(Kind::Pod, &name),
                    summary: "phase=Failed, DisruptionTarget=True (DeletionByPodGC)".into(),
                });
            }
            if cluster.delete_pod(&name).is_ok() {
                cluster.trace(PODGC, || Step::Delete {
                    object: object_ref(Kind::Pod, &name),
                });
            }
        }
    }
}

/// When a node the pod GC finds missing now leaves quarantine: the first 20 s pass 40 s after
/// the pass that sees it.
fn quarantine_due(cluster: &Cluster) -> crate::api::Time {
    let seen = next_tick(cluster, cluster.now);
    next_tick(
        cluster,
        seen + crate::api::Duration::from_secs(QUARANTINE_SECS),
    )
}

/// Takes the `foregroundDeletion` finalizer off: the object is removed, unless another
/// finalizer still holds it (then only that one is left). Returns whether it is gone.
fn remove_unless<R: crate::sim::store::Resource>(
    cluster: &mut Cluster,
    name: &str,
    others: impl Fn(&crate::api::ObjectMeta) -> bool,
) -> bool {
    let Some(held) = cluster.store.get::<R>(name).map(|o| others(o.meta())) else {
        return false;
    };
    if held {
        let _ = cluster.store.modify::<R>(name, |o| {
            o.meta_mut().finalizers.retain(|f| f != FOREGROUND_DELETION)
        });
        return false;
    }
    cluster.store.remove::<R>(name);
    true
}

/// The metadata of an owner kind the garbage collector deletes dependents of.
fn owner_meta<'a>(cluster: &'a Cluster, kind: Kind, name: &str) -> Option<&'a ObjectMeta> {
    match kind {
        Kind::Job => cluster.store.get::<Job>(name).map(|o| &o.metadata),
        Kind::CronJob => cluster.store.get::<CronJob>(name).map(|o| &o.metadata),
        Kind::DaemonSet => cluster.store.get::<DaemonSet>(name).map(|o| &o.metadata),
        _ => None,
    }
}

/// Deletes (gracefully) the owner's pods that are not being deleted yet.
fn delete_pods_of(cluster: &mut Cluster, uid: &str) {
    let pods: Vec<String> = cluster
        .store
        .dependents::<Pod>(uid)
        .iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .map(|p| p.metadata.name.clone())
        .collect();
    for name in pods {
        if cluster.delete_pod(&name).is_ok() {
            cluster.trace(COMPONENT, || Step::Delete {
                object: object_ref(Kind::Pod, &name),
            });
        }
    }
}

/// `markFailedAndDeletePod` on each pod being deleted that `which` picks and the pod GC has
/// not marked yet: phase Failed (unless it has ended), then a delete with grace period 0.
fn mark_failed_and_delete(
    cluster: &mut Cluster,
    key: &str,
    (why, why_zh): (String, String),
    which: impl Fn(&Pod) -> bool,
) {
    let names: Vec<String> = cluster
        .store
        .list::<Pod>()
        .filter(|p| which(p) && awaits_forced_deletion(p))
        .map(|p| p.metadata.name.clone())
        .collect();
    if names.is_empty() {
        return;
    }
    cluster.trace(PODGC, || Step::Sync {
        key: key.to_string(),
    });
    let n = names.len();
    cluster.trace(PODGC, || Step::Decide {
        key: key.to_string(),
        message: format!(
            "{n} terminating pod(s): {why}: marked Failed and deleted with grace period 0"
        ),
        zh: format!("{n} 个终止中的 Pod：{why_zh}：标记为 Failed 并以宽限期 0 删除"),
    });
    let now = cluster.now;
    for name in names {
        let ended = cluster
            .store
            .get::<Pod>(&name)
            .is_some_and(Pod::is_terminal);
        let _ = cluster.store.modify::<Pod>(&name, |p| {
            if !p.is_terminal() {
                p.status.phase = "Failed".into();
            }
            // Delete with grace period 0 (markFailedAndDeletePod).
            p.metadata.deletion_timestamp = Some(now);
            p.metadata.deletion_grace_period_seconds = Some(0);
        });
        // markFailedAndDeletePod patches the status of a pod not ended (gc_controller.go).
        if !ended {
            cluster.trace(PODGC, || Step::UpdateStatus {
                object: object_ref(Kind::Pod, &name),
                summary: "phase=Failed".into(),
            });
        }
        cluster.finish_pod_deletion_if_ready(&name);
        cluster.trace(PODGC, || Step::Delete {
            object: object_ref(Kind::Pod, &name),
        });
    }
}
