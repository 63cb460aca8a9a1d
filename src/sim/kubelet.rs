//! The kubelets of every node, as one model: a bound pod goes ContainerCreating → Running →
//! exit (per the simulation hints), restarts in place per restartPolicy with the kubelet's
//! crash-loop back-off, and terminates gracefully when deleted.

use std::collections::BTreeMap;

use super::fasthash::FastMap;

use super::cluster::{object_ref, Cluster, Step};
use super::scheduler::set_condition;
use super::store::{WatchEvent, WatchEventType};
use crate::api::{
    ContainerState, ContainerStateRunning, ContainerStateTerminated, ContainerStateWaiting,
    ContainerStatus, Duration, Kind, Node, ObjectMeta, Pod, Time,
};
use crate::manifest::hints::{pod_behaviour, PodBehaviour};

pub const COMPONENT: &str = "kubelet";

/// Kubelet crash-loop back-off: 10 s doubling, capped at 5 min (pkg/kubelet/kubelet.go
/// `backOffPeriod`, `MaxContainerBackOff`). The first restart is immediate.
pub const CONTAINER_BACKOFF_INITIAL: Duration = Duration::from_secs(10);
pub const CONTAINER_BACKOFF_MAX: Duration = Duration::from_secs(300);
/// How long a deleted pod's container takes to stop. Real containers that handle SIGTERM stop
/// at once; those that ignore it are killed after terminationGracePeriodSeconds (30 s).
pub const TERMINATION_TIME: Duration = Duration::from_secs(1);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wake {
    Start,
    Ready,
    Exit,
    Terminated,
}

#[derive(Clone, Debug)]
struct Runtime {
    uid: String,
    behaviour: PodBehaviour,
    /// Attempts started so far in this pod.
    attempts: usize,
    /// For restartPolicy Never, the attempt number of this pod among its owner's pods: a
    /// retried Job's second pod is its second attempt (`exit-codes: "1,1,0"`).
    first_attempt: usize,
    /// Bumped to cancel pending wake-ups.
    token: u64,
    terminating: bool,
    done: bool,
    /// A forced exit code (fault injection) for the running attempt.
    forced_exit: Option<i32>,
}

#[derive(Clone, Debug, Default)]
pub struct Kubelet {
    pods: FastMap<String, Runtime>,
    /// Pods admitted per owner uid (restartPolicy Never), for per-attempt exit codes.
    owner_attempts: FastMap<String, usize>,
    timers: BTreeMap<(Time, u64), (String, u64, Wake)>,
    seq: u64,
}

impl Kubelet {
    pub fn next_due(&self) -> Option<Time> {
        self.timers.keys().next().map(|(t, _)| *t)
    }

    fn wake_at(&mut self, at: Time, pod: &str, wake: Wake) {
        let Some(rt) = self.pods.get(pod) else { return };
        self.seq += 1;
        self.timers
            .insert((at, self.seq), (pod.to_string(), rt.token, wake));
    }

    pub fn observe(&mut self, ev: &WatchEvent, cluster: &mut Cluster) {
        if ev.kind != Kind::Pod {
            return;
        }
        if ev.type_ == WatchEventType::Deleted {
            self.pods.remove(&ev.name);
            return;
        }
        // A pod this kubelet runs changes only by its own writes, unless it is being deleted.
        if self
            .pods
            .get(&ev.name)
            .is_some_and(|rt| !ev.deleting || rt.terminating)
        {
            return;
        }
        let Some(pod) = cluster.store.get::<Pod>(&ev.name) else {
            return;
        };
        if pod.spec.node_name.is_empty() || !cluster.store.contains::<Node>(&pod.spec.node_name) {
            return;
        }
        let known = self
            .pods
            .get(&ev.name)
            .is_some_and(|rt| rt.uid == pod.metadata.uid);
        if !known {
            if matches!(pod.status.phase.as_str(), "Succeeded" | "Failed") {
                return;
            }
            self.admit(&ev.name, cluster);
            return;
        }
        let deleting = pod.metadata.deletion_timestamp.is_some();
        let Some(rt) = self.pods.get_mut(&ev.name) else {
            return;
        };
        if deleting && !rt.terminating {
            rt.terminating = true;
            rt.token += 1;
            let done = rt.done;
            if done {
                cluster.finish_pod_deletion_if_ready(&ev.name);
            } else {
                let pod = pod.clone();
                let container = pod
                    .spec
                    .containers
                    .first()
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                cluster.record(
                    Kind::Pod,
                    &pod.metadata,
                    "Normal",
                    "Killing",
                    format!("Stopping container {container}"),
                    COMPONENT,
                    &pod.spec.node_name,
                );
                let at = cluster.now + TERMINATION_TIME;
                self.wake_at(at, &ev.name, Wake::Terminated);
            }
        }
    }

    /// A pod bound to this node: set up its container and start pulling.
    fn admit(&mut self, name: &str, cluster: &mut Cluster) {
        let Some(pod) = cluster.store.get::<Pod>(name) else {
            return;
        };
        // Validation rejects bad hints before a pod exists; defaults are the safe fallback.
        let behaviour =
            pod_behaviour(&pod.metadata.annotations, &pod.spec).unwrap_or(PodBehaviour {
                duration: None,
                exit_codes: Vec::new(),
                start_delay: crate::manifest::hints::DEFAULT_START_DELAY,
                ready_after: Duration::ZERO,
            });
        let start_delay = behaviour.start_delay;
        let first_attempt = match (
            pod.spec.restart_policy.as_str(),
            pod.metadata.controller_of(),
        ) {
            ("Never", Some(owner)) => {
                let n = self.owner_attempts.entry(owner.uid.clone()).or_default();
                *n += 1;
                *n - 1
            }
            _ => 0,
        };
        self.pods.insert(
            name.to_string(),
            Runtime {
                uid: pod.metadata.uid.clone(),
                behaviour,
                attempts: 0,
                first_attempt,
                token: 0,
                terminating: false,
                done: false,
                forced_exit: None,
            },
        );
        let now = cluster.now;
        let _ = cluster.store.modify::<Pod>(name, |p| {
            p.status.phase = "Pending".into();
            p.status.host_ip = node_ip(&p.spec.node_name);
            p.status.start_time = Some(now);
            p.status.container_statuses = p
                .spec
                .containers
                .iter()
                .map(|c| ContainerStatus {
                    name: c.name.clone(),
                    image: c.image.clone(),
                    state: waiting("ContainerCreating"),
                    ..Default::default()
                })
                .collect();
            set_condition(p, "Ready", "False", "ContainersNotReady", Some(now));
        });
        let at = cluster.now + start_delay;
        self.wake_at(at, name, Wake::Start);
    }

    /// Fault injection: the running container exits now with `code` (or its next start fails).
    pub fn fail(&mut self, name: &str, code: i32, cluster: &mut Cluster) -> bool {
        let Some(rt) = self.pods.get_mut(name) else {
            return false;
        };
        if rt.done || rt.terminating {
            return false;
        }
        rt.forced_exit = Some(code);
        let running = cluster
            .store
            .get::<Pod>(name)
            .and_then(|p| p.status.container_statuses.first())
            .is_some_and(|c| c.state.running.is_some());
        if running {
            rt.token += 1;
            let now = cluster.now;
            self.wake_at(now, name, Wake::Exit);
        }
        true
    }

    /// Runs every wake-up due at `now`.
    pub fn run_due(&mut self, cluster: &mut Cluster) -> bool {
        let mut any = false;
        while let Some(entry) = self.timers.first_entry() {
            if entry.key().0 > cluster.now {
                break;
            }
            let (pod, token, wake) = entry.remove();
            let valid = self.pods.get(&pod).is_some_and(|rt| rt.token == token);
            if valid {
                any = true;
                self.wake(&pod, wake, cluster);
            }
        }
        any
    }

    fn wake(&mut self, name: &str, wake: Wake, cluster: &mut Cluster) {
        let Some(pod) = cluster.store.get::<Pod>(name).map(PodFacts::of) else {
            self.pods.remove(name);
            return;
        };
        let now = cluster.now;
        let node = pod.node.clone();
        let container = &pod.container;
        match wake {
            Wake::Start => {
                let Some(rt) = self.pods.get_mut(name) else {
                    return;
                };
                rt.attempts += 1;
                let b = rt.behaviour.clone();
                let forced = rt.forced_exit.take();
                let first = rt.attempts == 1;
                if first {
                    cluster.record(
                        Kind::Pod,
                        &pod.meta,
                        "Normal",
                        "Pulled",
                        format!(
                            "Container image \"{}\" already present on machine",
                            container.image
                        ),
                        COMPONENT,
                        &node,
                    );
                }
                cluster.record(
                    Kind::Pod,
                    &pod.meta,
                    "Normal",
                    "Created",
                    format!("Created container: {}", container.name),
                    COMPONENT,
                    &node,
                );
                cluster.record(
                    Kind::Pod,
                    &pod.meta,
                    "Normal",
                    "Started",
                    format!("Started container {}", container.name),
                    COMPONENT,
                    &node,
                );
                let ready_now = b.ready_after == Duration::ZERO;
                let _ = cluster.store.modify::<Pod>(name, |p| {
                    p.status.phase = "Running".into();
                    if p.status.pod_ip.is_empty() {
                        p.status.pod_ip = pod_ip(&p.metadata.uid);
                    }
                    for cs in &mut p.status.container_statuses {
                        cs.state = ContainerState {
                            running: Some(ContainerStateRunning { started_at: now }),
                            ..Default::default()
                        };
                        cs.started = true;
                        // restartCount counts restarts that happened (not exits).
                        if !first {
                            cs.restart_count += 1;
                        }
                        cs.ready = ready_now;
                    }
                    if ready_now {
                        set_condition(p, "Ready", "True", "", Some(now));
                    }
                });
                cluster.trace(COMPONENT, || Step::UpdateStatus {
                    object: object_ref(Kind::Pod, name),
                    summary: "container started".into(),
                });
                if !ready_now {
                    self.wake_at(now + b.ready_after, name, Wake::Ready);
                }
                if let Some(code) = forced {
                    if let Some(rt) = self.pods.get_mut(name) {
                        rt.forced_exit = Some(code);
                    }
                    self.wake_at(now, name, Wake::Exit);
                } else if let Some(d) = b.duration {
                    self.wake_at(now + d, name, Wake::Exit);
                }
            }
            Wake::Ready => {
                let _ = cluster.store.modify::<Pod>(name, |p| {
                    for cs in &mut p.status.container_statuses {
                        cs.ready = true;
                    }
                    set_condition(p, "Ready", "True", "", Some(now));
                });
            }
            Wake::Exit => self.exit(name, &pod, cluster),
            Wake::Terminated => {
                if let Some(rt) = self.pods.get_mut(name) {
                    rt.done = true;
                }
                let _ = cluster.store.modify::<Pod>(name, |p| {
                    // Graceful termination: SIGTERM, exit 143; a pod that had not succeeded ends Failed.
                    for cs in &mut p.status.container_statuses {
                        let started_at = cs
                            .state
                            .running
                            .as_ref()
                            .map(|r| r.started_at)
                            .unwrap_or(now);
                        if cs.state.terminated.is_none() {
                            cs.state = ContainerState {
                                terminated: Some(ContainerStateTerminated {
                                    exit_code: 143,
                                    reason: "Error".into(),
                                    started_at,
                                    finished_at: now,
                                }),
                                ..Default::default()
                            };
                        }
                        cs.ready = false;
                    }
                    if p.status.phase != "Succeeded" {
                        p.status.phase = "Failed".into();
                    }
                    set_condition(p, "Ready", "False", "PodCompleted", Some(now));
                });
                cluster.finish_pod_deletion_if_ready(name);
            }
        }
    }

    /// The container exited: decide per restartPolicy (pkg/kubelet/kuberuntime: computePodActions).
    fn exit(&mut self, name: &str, pod: &PodFacts, cluster: &mut Cluster) {
        let now = cluster.now;
        let Some(rt) = self.pods.get_mut(name) else {
            return;
        };
        let attempt = rt.first_attempt + rt.attempts.saturating_sub(1);
        let code = rt
            .forced_exit
            .take()
            .unwrap_or_else(|| rt.behaviour.exit_code(attempt));
        let policy = if pod.restart_policy.is_empty() {
            "Always"
        } else {
            pod.restart_policy.as_str()
        };
        let restart = match policy {
            "Never" => false,
            "OnFailure" => code != 0,
            _ => true,
        };
        let reason = if code == 0 { "Completed" } else { "Error" };
        let started_at = pod.running_since.unwrap_or(now);
        let terminated = ContainerStateTerminated {
            exit_code: code,
            reason: reason.into(),
            started_at,
            finished_at: now,
        };
        if !restart {
            rt.done = true;
            let phase = if code == 0 { "Succeeded" } else { "Failed" };
            let _ = cluster.store.modify::<Pod>(name, |p| {
                for cs in &mut p.status.container_statuses {
                    cs.state = ContainerState {
                        terminated: Some(terminated.clone()),
                        ..Default::default()
                    };
                    cs.ready = false;
                }
                p.status.phase = phase.into();
                set_condition(p, "Ready", "False", "PodCompleted", Some(now));
            });
            cluster.trace(COMPONENT, || Step::UpdateStatus {
                object: object_ref(Kind::Pod, name),
                summary: format!("container exited with code {code}: pod {phase}"),
            });
            cluster.finish_pod_deletion_if_ready(name);
            return;
        }
        // Restart in place. The first restart is immediate; later ones back off.
        let restarts = pod.restarts;
        let delay = if restarts == 0 {
            Duration::ZERO
        } else {
            let exp = (restarts - 1).min(20) as u32;
            Duration(
                CONTAINER_BACKOFF_INITIAL
                    .0
                    .saturating_mul(1i64 << exp)
                    .min(CONTAINER_BACKOFF_MAX.0),
            )
        };
        let container = pod.container.name.clone();
        let _ = cluster.store.modify::<Pod>(name, |p| {
            for cs in &mut p.status.container_statuses {
                cs.last_state = ContainerState {
                    terminated: Some(terminated.clone()),
                    ..Default::default()
                };
                cs.state = if delay == Duration::ZERO {
                    ContainerState {
                        terminated: Some(terminated.clone()),
                        ..Default::default()
                    }
                } else {
                    waiting("CrashLoopBackOff")
                };
                cs.ready = false;
            }
            set_condition(p, "Ready", "False", "ContainersNotReady", Some(now));
        });
        if delay > Duration::ZERO {
            cluster.record(
                Kind::Pod,
                &pod.meta,
                "Warning",
                "BackOff",
                format!(
                    "Back-off restarting failed container {container} in pod {}_{}({})",
                    pod.meta.name, pod.meta.namespace, pod.meta.uid
                ),
                COMPONENT,
                &pod.node,
            );
        }
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!(
                "container exited with code {code}: restarting in {}s (restartPolicy {policy})",
                delay.whole_secs()
            ),
        });
        self.wake_at(now + delay, name, Wake::Start);
    }

    /// Forget pods of a node that is gone (its kubelet went with it).
    pub fn forget_node(&mut self, node: &str, cluster: &Cluster) {
        self.pods.retain(|name, _| {
            cluster
                .store
                .get::<Pod>(name)
                .is_some_and(|p| p.spec.node_name != node)
        });
    }
}

/// What the kubelet reads of a pod when it wakes for it (cheaper than cloning the pod).
struct PodFacts {
    /// Just enough metadata to name the pod in Events.
    meta: ObjectMeta,
    node: String,
    container: ContainerFacts,
    restart_policy: String,
    running_since: Option<Time>,
    restarts: i32,
}

#[derive(Default)]
struct ContainerFacts {
    name: String,
    image: String,
}

impl PodFacts {
    fn of(p: &Pod) -> Self {
        let first = p.status.container_statuses.first();
        PodFacts {
            meta: ObjectMeta {
                name: p.metadata.name.clone(),
                namespace: p.metadata.namespace.clone(),
                uid: p.metadata.uid.clone(),
                ..Default::default()
            },
            node: p.spec.node_name.clone(),
            container: p
                .spec
                .containers
                .first()
                .map(|c| ContainerFacts {
                    name: c.name.clone(),
                    image: c.image.clone(),
                })
                .unwrap_or_default(),
            restart_policy: p.spec.restart_policy.clone(),
            running_since: first
                .and_then(|c| c.state.running.as_ref())
                .map(|r| r.started_at),
            restarts: first.map_or(0, |c| c.restart_count),
        }
    }
}

fn waiting(reason: &str) -> ContainerState {
    ContainerState {
        waiting: Some(ContainerStateWaiting {
            reason: reason.into(),
            message: String::new(),
        }),
        ..Default::default()
    }
}

/// A stable fake node address from its name.
fn node_ip(node: &str) -> String {
    let h = node
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    format!("10.0.{}.{}", (h >> 8) % 250 + 1, h % 250 + 1)
}

fn pod_ip(uid: &str) -> String {
    let h = uid
        .bytes()
        .fold(11u32, |h, b| h.wrapping_mul(131).wrapping_add(b as u32));
    format!("10.244.{}.{}", (h >> 8) % 250 + 1, h % 250 + 2)
}
