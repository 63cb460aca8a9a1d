//! The garbage collector (pkg/controller/garbagecollector) for ownerReferences with
//! background propagation, and the pod GC (pkg/controller/podgc) for pods of deleted nodes.

use crate::api::{Job, Kind, Node, Pod};
use crate::sim::cluster::{object_ref, Cluster, Step};
use crate::sim::queue::WorkQueue;
use crate::sim::scheduler::set_disruption_target;
use crate::sim::store::{WatchEvent, WatchEventType};

pub const COMPONENT: &str = "garbage-collector";
pub const PODGC: &str = "pod-garbage-collector";

/// podgc `gcCheckPeriod` and `quarantineTime`.
const GC_CHECK_PERIOD_SECS: i64 = 20;
const QUARANTINE_SECS: i64 = 40;

/// The pod GC's first periodic run at or after `t` (runs every 20 s from the cluster's start).
fn next_tick(cluster: &Cluster, t: crate::api::Time) -> crate::api::Time {
    let period = GC_CHECK_PERIOD_SECS * 1000;
    let since = (t.0 - cluster.start.0).max(0);
    let ticks = (since + period - 1) / period;
    crate::api::Time(cluster.start.0 + ticks * period)
}

#[derive(Clone, Debug, Default)]
pub struct GarbageCollector {
    /// Keys: `uid/<owner uid>` for a deleted owner, `node/<name>` for a deleted node.
    pub queue: WorkQueue,
    pub cursor: usize,
}

impl GarbageCollector {
    pub fn observe(&mut self, ev: &WatchEvent, cluster: &mut Cluster) {
        if ev.type_ != WatchEventType::Deleted {
            return;
        }
        let Some(last) = ev.last_state.as_deref() else {
            return;
        };
        match ev.kind {
            // podgc gc_controller.go: `gcOrphaned` runs every 20 s (gcCheckPeriod) and puts a
            // missing node in quarantine for 40 s (quarantineTime) before it treats the node as
            // deleted: its pods are collected at the first 20 s tick once that has passed.
            Kind::Node => {
                let now = cluster.now;
                let seen = next_tick(cluster, now);
                let due = next_tick(
                    cluster,
                    seen + crate::api::Duration::from_secs(QUARANTINE_SECS),
                );
                self.queue.add_after(&format!("node/{}", ev.name), due);
            }
            Kind::Job | Kind::CronJob | Kind::DaemonSet => {
                let uid = &last.metadata().uid;
                if cluster.store.dependent_count(uid) > 0 {
                    self.queue.add(&format!("uid/{uid}"));
                }
            }
            _ => {}
        }
    }

    pub fn sync(&mut self, key: &str, cluster: &mut Cluster) {
        if let Some(node) = key.strip_prefix("node/") {
            return self.sync_node(node, cluster);
        }
        let Some(uid) = key.strip_prefix("uid/") else {
            return;
        };
        cluster.trace(COMPONENT, || Step::Sync {
            key: key.to_string(),
        });
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
        let now = cluster.now;
        for name in names {
            let Some(pod) = cluster.store.get::<Pod>(&name) else {
                continue;
            };
            if !matches!(pod.status.phase.as_str(), "Succeeded" | "Failed") {
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
            }
            if cluster.delete_pod(&name).is_ok() {
                cluster.trace(PODGC, || Step::Delete {
                    object: object_ref(Kind::Pod, &name),
                });
            }
        }
    }
}
