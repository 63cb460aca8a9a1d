//! The kubelets of every node, as one model: a bound pod goes ContainerCreating → Running →
//! exit (per the simulation hints), restarts in place per restartPolicy with the kubelet's
//! crash-loop back-off, and terminates gracefully when deleted.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::fasthash::FastMap;

use super::cluster::{object_ref, Cluster, Step};
use super::scheduler::{set_condition, set_str};
use super::store::{WatchEvent, WatchEventType};
use crate::api::{
    ContainerState, ContainerStateRunning, ContainerStateTerminated, ContainerStateWaiting,
    ContainerStatus, Duration, Kind, Node, Pod, Time,
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
    /// Wake-ups pending under this pod's name.
    pending: u32,
}

#[derive(Clone, Debug, Default)]
pub struct Kubelet {
    /// Pods being run. A finished pod's runtime is dropped once no wake-up names it, so this
    /// holds the running pods, not the 100 000 finished ones a big Job keeps until GC; to the
    /// kubelet a dropped finished pod is one it never runs again, as before.
    pods: FastMap<Rc<str>, Runtime>,
    /// Pending wake-ups naming a pod that has no runtime now (a runtime counts its own in
    /// `pending`). Stale ones count too: a pod with a reused name sees them.
    orphan_timers: FastMap<Rc<str>, u32>,
    /// Pods admitted per owner uid (restartPolicy Never), for per-attempt exit codes.
    owner_attempts: FastMap<String, usize>,
    timers: BTreeMap<(Time, u64), (Rc<str>, u64, Wake)>,
    seq: u64,
}

impl Kubelet {
    pub fn next_due(&self) -> Option<Time> {
        self.timers.keys().next().map(|(t, _)| *t)
    }

    fn wake_at(&mut self, at: Time, pod: &str, wake: Wake) {
        let Some((name, rt)) = self.pods.get_key_value(pod) else {
            return;
        };
        self.seq += 1;
        self.timers
            .insert((at, self.seq), (name.clone(), rt.token, wake));
        if let Some(rt) = self.pods.get_mut(pod) {
            rt.pending += 1;
        }
    }

    /// Forgets a pod's runtime, keeping count of the wake-ups still naming it.
    fn drop_runtime(&mut self, pod: &str) {
        if let Some((name, rt)) = self.pods.remove_entry(pod) {
            if rt.pending > 0 {
                *self.orphan_timers.entry(name).or_default() += rt.pending;
            }
        }
    }

    /// One wake-up naming `pod` is gone.
    fn count_down(&mut self, pod: &str) {
        if let Some(rt) = self.pods.get_mut(pod).filter(|rt| rt.pending > 0) {
            rt.pending -= 1;
        } else if let Some(n) = self.orphan_timers.get_mut(pod) {
            *n -= 1;
            if *n == 0 {
                self.orphan_timers.remove(pod);
            }
        }
    }

    /// Drops the runtime of a finished pod that no wake-up names any more.
    fn release_if_finished(&mut self, pod: &str) {
        let idle = self
            .pods
            .get(pod)
            .is_some_and(|rt| rt.done && rt.pending == 0);
        if idle && (self.orphan_timers.is_empty() || !self.orphan_timers.contains_key(pod)) {
            self.pods.remove(pod);
        }
    }

    pub fn observe(&mut self, ev: &WatchEvent, cluster: &mut Cluster) {
        if ev.kind != Kind::Pod {
            return;
        }
        if ev.type_ == WatchEventType::Deleted {
            self.drop_runtime(&ev.name);
            return;
        }
        // A pod this kubelet runs changes only by its own writes, unless it is being deleted.
        if self
            .pods
            .get(&*ev.name)
            .is_some_and(|rt| !ev.deleting || rt.terminating)
        {
            return;
        }
        let Some(pod) = cluster.store.get_watched::<Pod>(ev) else {
            return;
        };
        if pod.spec.node_name.is_empty() || !cluster.store.contains::<Node>(&pod.spec.node_name) {
            return;
        }
        let known = self
            .pods
            .get(&*ev.name)
            .is_some_and(|rt| rt.uid == pod.metadata.uid);
        if !known {
            if matches!(pod.status.phase.as_str(), "Succeeded" | "Failed") {
                return;
            }
            self.admit(&ev.name, cluster);
            return;
        }
        let deleting = pod.metadata.deletion_timestamp.is_some();
        let Some(rt) = self.pods.get_mut(&*ev.name) else {
            return;
        };
        if deleting && !rt.terminating {
            rt.terminating = true;
            rt.token += 1;
            let done = rt.done;
            if done {
                cluster.finish_pod_deletion_if_ready(&ev.name);
            } else {
                let (store, mut recorder) = cluster.split();
                if let Some(pod) = store.get_watched::<Pod>(ev) {
                    let container = pod.spec.containers.first().map_or("", |c| c.name.as_str());
                    recorder.record(
                        Kind::Pod,
                        &pod.metadata,
                        "Normal",
                        "Killing",
                        format_args!("Stopping container {container}"),
                        COMPONENT,
                        &pod.spec.node_name,
                    );
                }
                let at = cluster.now + TERMINATION_TIME;
                self.wake_at(at, &ev.name, Wake::Terminated);
            }
        }
    }

    /// A pod bound to this node: set up its container and start pulling.
    fn admit(&mut self, name: &Rc<str>, cluster: &mut Cluster) {
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
            ("Never", Some(owner)) => match self.owner_attempts.get_mut(owner.uid.as_str()) {
                Some(n) => {
                    *n += 1;
                    *n - 1
                }
                None => {
                    self.owner_attempts.insert(owner.uid.clone(), 1);
                    0
                }
            },
            _ => 0,
        };
        // A runtime replaced under the same name leaves its wake-ups to this one.
        let pending = self.pods.get(name).map_or(0, |rt| rt.pending);
        self.pods.insert(
            name.clone(),
            Runtime {
                uid: pod.metadata.uid.clone(),
                behaviour,
                attempts: 0,
                first_attempt,
                token: 0,
                terminating: false,
                done: false,
                forced_exit: None,
                pending,
            },
        );
        let now = cluster.now;
        let _ = cluster.store.modify::<Pod>(name, |p| {
            set_str(&mut p.status.phase, "Pending");
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
            self.count_down(&pod);
            let valid = self.pods.get(&pod).is_some_and(|rt| rt.token == token);
            if valid {
                any = true;
                self.wake(&pod, wake, cluster);
            }
            self.release_if_finished(&pod);
        }
        any
    }

    fn wake(&mut self, name: &str, wake: Wake, cluster: &mut Cluster) {
        let Some(pod) = cluster.store.get::<Pod>(name).map(PodFacts::of) else {
            self.drop_runtime(name);
            return;
        };
        let now = cluster.now;
        match wake {
            Wake::Start => {
                let Some(rt) = self.pods.get_mut(name) else {
                    return;
                };
                rt.attempts += 1;
                let b = rt.behaviour.clone();
                let forced = rt.forced_exit.take();
                let first = rt.attempts == 1;
                let (store, mut recorder) = cluster.split();
                if let Some(p) = store.get::<Pod>(name) {
                    let (container, image) = p
                        .spec
                        .containers
                        .first()
                        .map_or(("", ""), |c| (c.name.as_str(), c.image.as_str()));
                    let node = p.spec.node_name.as_str();
                    // startContainer runs EnsureImageExists on every start (kuberuntime_container.go).
                    recorder.record(
                        Kind::Pod,
                        &p.metadata,
                        "Normal",
                        "Pulled",
                        format_args!("Container image \"{image}\" already present on machine"),
                        COMPONENT,
                        node,
                    );
                    recorder.record(
                        Kind::Pod,
                        &p.metadata,
                        "Normal",
                        "Created",
                        format_args!("Created container: {container}"),
                        COMPONENT,
                        node,
                    );
                    recorder.record(
                        Kind::Pod,
                        &p.metadata,
                        "Normal",
                        "Started",
                        format_args!("Started container {container}"),
                        COMPONENT,
                        node,
                    );
                }
                let ready_now = b.ready_after == Duration::ZERO;
                let _ = cluster.store.modify::<Pod>(name, |p| {
                    set_str(&mut p.status.phase, "Running");
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
                        set_str(&mut p.status.phase, "Failed");
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
        let policy = pod.restart_policy.as_ref();
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
                set_str(&mut p.status.phase, phase);
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
            let (store, mut recorder) = cluster.split();
            if let Some(p) = store.get::<Pod>(name) {
                let container = p.spec.containers.first().map_or("", |c| c.name.as_str());
                let m = &p.metadata;
                recorder.record(
                    Kind::Pod,
                    m,
                    "Warning",
                    "BackOff",
                    format_args!(
                        "Back-off restarting failed container {container} in pod {}_{}({})",
                        m.name, m.namespace, m.uid
                    ),
                    COMPONENT,
                    &p.spec.node_name,
                );
            }
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
    /// A new node's kubelet: the pods already bound to it (left by a removed node of the same
    /// name) that are not finished or being deleted are its to run.
    pub fn adopt_node(&mut self, node: &str, cluster: &mut Cluster) {
        let bound: Vec<Rc<str>> = cluster
            .store
            .list::<Pod>()
            .filter(|p| {
                p.spec.node_name == node
                    && p.metadata.deletion_timestamp.is_none()
                    && !matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
                    && !self.pods.contains_key(p.metadata.name.as_str())
            })
            .map(|p| Rc::from(p.metadata.name.as_str()))
            .collect();
        for name in bound {
            self.admit(&name, cluster);
        }
    }

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
    }
}

/// What the kubelet reads of a pod when it wakes for it (no copies of its strings: Events
/// about the pod read its metadata from the store).
struct PodFacts {
    /// `Always` when unset.
    restart_policy: Cow<'static, str>,
    running_since: Option<Time>,
    restarts: i32,
}

impl PodFacts {
    fn of(p: &Pod) -> Self {
        let first = p.status.container_statuses.first();
        PodFacts {
            restart_policy: match p.spec.restart_policy.as_str() {
                "" | "Always" => Cow::Borrowed("Always"),
                "OnFailure" => Cow::Borrowed("OnFailure"),
                "Never" => Cow::Borrowed("Never"),
                other => Cow::Owned(other.to_string()),
            },
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
