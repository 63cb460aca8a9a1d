//! A node's kubelet process stopped and started again (the node is lost, then back), and a node
//! added to or removed from the cluster.

use super::{Kubelet, Wake};
use crate::api::{Pod, Time};
use crate::sim::cluster::Cluster;
use crate::sim::scheduler::{set_condition, set_str};
use std::rc::Rc;

/// A pod being deleted whose containers this kubelet cannot find (they ran under a removed
/// node of the same name): each container that has not finished is reported terminated with
/// `ContainerStatusUnknown`, exit code 137, the pod Failed (status_manager.go `TerminatePod`,
/// kubelet_pods.go `getPhase`), and the API server completes the deletion.
fn terminate_unknown(cluster: &mut Cluster, pod: &str) {
    let now = cluster.now;
    let _ = cluster.store.modify::<Pod>(pod, |p| {
        for cs in p.status.all_statuses_mut() {
            if cs.state.terminated.is_some() {
                continue;
            }
            let started_at = cs.state.running.as_ref().map_or(now, |r| r.started_at);
            cs.state = crate::api::ContainerState {
                terminated: Some(crate::api::ContainerStateTerminated {
                    exit_code: 137,
                    reason: "ContainerStatusUnknown".into(),
                    started_at,
                    finished_at: now,
                }),
                ..Default::default()
            };
            cs.ready = false;
        }
        p.status.phase = "Failed".into();
        set_condition(p, "Ready", "False", "PodFailed", Some(now));
    });
    cluster.finish_pod_deletion_if_ready(pod);
}

/// The container states a replayed exit wrote with `now` as their finish, set to `at`.
fn backdate_exit(cluster: &mut Cluster, pod: &str, now: Time, at: Time) {
    let _ = cluster.store.modify::<Pod>(pod, |p| {
        for cs in p.status.all_statuses_mut() {
            for state in [&mut cs.state, &mut cs.last_state] {
                if let Some(t) = state.terminated.as_mut() {
                    if t.finished_at == now && t.started_at <= at {
                        t.finished_at = at;
                    }
                }
            }
        }
    });
}

impl Kubelet {
    pub fn is_stopped(&self, node: &str) -> bool {
        self.stopped.iter().any(|n| **n == *node)
    }

    pub(super) fn on_stopped_node(&self, pod: &str, cluster: &Cluster) -> bool {
        cluster
            .store
            .get::<Pod>(pod)
            .is_some_and(|p| self.is_stopped(&p.spec.node_name))
    }

    /// `systemctl stop kubelet` on a node: its containers run on, but the API hears nothing
    /// more from it (no pod starts, status updates or deletions) until it starts again.
    pub fn stop_node(&mut self, node: &str) {
        if !self.is_stopped(node) {
            self.stopped.push(Rc::from(node));
        }
    }

    /// The kubelet starts again and catches up: what came due meanwhile is reported now (a
    /// container that ended keeps the time it ended), pods deleted meanwhile are stopped, pods
    /// bound meanwhile are started, and the pods' Ready conditions the node lifecycle
    /// controller set to False are reported as they are (status_manager.go syncPod).
    pub fn start_node(&mut self, node: &str, cluster: &mut Cluster) {
        if !self.is_stopped(node) {
            return;
        }
        self.stopped.retain(|n| **n != *node);
        let now = cluster.now;
        // A new kubelet process: its status syncs count from now, the first at once, and its
        // lastNodeUnschedulable starts false (a cordoned node is reported again).
        let name: Rc<str> = Rc::from(node);
        *cluster
            .processes
            .kubelets
            .entry(node.to_string())
            .or_default() += 1;
        self.status_base.insert(name.clone(), now);
        self.last_unschedulable.remove(node);
        if cluster
            .store
            .get::<crate::api::Node>(node)
            .is_some_and(|n| n.spec.unschedulable)
        {
            self.status_syncs.insert((now, name));
        }
        // First what its containers did meanwhile (exits, restarts), in order, so that a pod
        // deleted meanwhile whose container had already ended is not killed again.
        let deferred = std::mem::take(&mut self.deferred);
        for (at, pod, token, wake) in deferred {
            if self.on_stopped_node(&pod, cluster) {
                self.deferred.push((at, pod, token, wake));
                continue;
            }
            // A container that ended by itself ended then, not when the kubelet came back (the
            // runtime keeps its finishedAt); what the kubelet does about it is now.
            let exited = matches!(wake, Wake::Exit | Wake::InitDone | Wake::ContainerExit(..));
            if self.run_timer(&pod, token, wake, cluster) && exited && at < now {
                backdate_exit(cluster, &pod, now, at);
            }
        }
        let pods: Vec<(Rc<str>, bool)> = cluster
            .store
            .list::<Pod>()
            .filter(|p| p.spec.node_name == node && !p.is_terminal())
            .map(|p| {
                (
                    Rc::from(p.metadata.name.as_str()),
                    p.metadata.deletion_timestamp.is_some(),
                )
            })
            .collect();
        for (name, deleting) in pods {
            // The kubelet reports its own ContainersReady again.
            let kept = cluster.store.get::<Pod>(&name).is_some_and(|p| {
                p.status
                    .conditions
                    .iter()
                    .any(|c| c.type_ == "ContainersReady")
            });
            if kept {
                let _ = cluster.store.modify::<Pod>(&name, |p| {
                    p.status.conditions.retain(|c| c.type_ != "ContainersReady");
                });
            }
            let known = self.pods.get(&*name).map(|rt| rt.terminating);
            match (deleting, known) {
                (true, Some(false)) => self.begin_termination(&name, cluster),
                (true, Some(true)) => {}
                // Deleted before this kubelet ever started it: nothing to stop.
                (true, None) => {
                    let _ = cluster.store.modify::<Pod>(&name, |p| {
                        set_str(&mut p.status.phase, "Failed");
                    });
                    cluster.finish_pod_deletion_if_ready(&name);
                }
                (false, None) => self.admit(&name, cluster),
                (false, Some(_)) => {
                    let stale = cluster.store.get::<Pod>(&name).is_some_and(|p| {
                        let st = &p.status;
                        st.phase == "Running"
                            && !st.container_statuses.is_empty()
                            && st.container_statuses.iter().all(|c| c.ready)
                            && st
                                .conditions
                                .iter()
                                .any(|c| c.type_ == "Ready" && c.status == "False")
                    });
                    if stale {
                        let _ = cluster.store.modify::<Pod>(&name, |p| {
                            set_condition(p, "Ready", "True", "", Some(now));
                        });
                    }
                }
            }
        }
    }

    /// A new node's kubelet: the pods already bound to it (left by a removed node of the same
    /// name) that are not finished are its own. It runs those not being deleted; one being
    /// deleted has no container here to stop, so it ends at once (`terminate_unknown`).
    pub fn adopt_node(&mut self, node: &str, cluster: &mut Cluster) {
        let bound: Vec<(Rc<str>, bool)> = cluster
            .store
            .list::<Pod>()
            .filter(|p| {
                p.spec.node_name == node
                    && !p.is_terminal()
                    && !self.pods.contains_key(p.metadata.name.as_str())
            })
            .map(|p| {
                let deleting = p.metadata.deletion_timestamp.is_some();
                (Rc::from(p.metadata.name.as_str()), deleting)
            })
            .collect();
        for (name, deleting) in bound {
            if deleting {
                terminate_unknown(cluster, &name);
            } else {
                self.admit(&name, cluster);
            }
        }
    }

    /// Forget pods of a node that is gone (its kubelet went with it).
    pub fn forget_node(&mut self, node: &str, cluster: &Cluster) {
        let gone: Vec<Rc<str>> = self
            .pods
            .keys()
            .filter(|name| {
                cluster
                    .store
                    .get::<Pod>(name)
                    .is_none_or(|p| p.spec.node_name == node)
            })
            .cloned()
            .collect();
        for name in gone {
            self.drop_runtime(&name);
        }
        // A stopped kubelet goes with its node; what it had put off lapses.
        if self.is_stopped(node) {
            self.stopped.retain(|n| **n != *node);
            let now = cluster.now;
            for (_, pod, token, wake) in std::mem::take(&mut self.deferred) {
                self.seq += 1;
                self.timers.insert((now, self.seq), (pod, token, wake));
            }
        }
        self.ipam.remove(node);
        self.images.remove(node);
    }
}
