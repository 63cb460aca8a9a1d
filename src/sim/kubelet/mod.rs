//! The kubelets of every node, as one model: a bound pod goes ContainerCreating → Running →
//! exit (per the simulation hints), restarts in place per restartPolicy with the kubelet's
//! crash-loop back-off, and terminates gracefully when deleted.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::fasthash::FastMap;

use super::cluster::{object_ref, Cluster, Step};
use super::scheduler::{set_condition, set_str};
use super::store::{WatchEvent, WatchEventType};
use crate::api::{
    ContainerState, ContainerStateRunning, ContainerStateTerminated, ContainerStateWaiting,
    ContainerStatus, Duration, Kind, Node, Pod, Time,
};
use crate::manifest::hints::{
    container_behaviour, liveness, pod_behaviour, readiness, startup, FileProbe, PodBehaviour,
};

mod ids;
mod image_ref;
mod node;
mod prober;
mod status;

pub use self::ids::{container_id, image_id, last_state_container_id, status_image};
use self::ids::{image_size, node_ip, pod_ip};
use self::prober::first_probe;
pub use self::status::{is_initialized, reported_conditions};
use crate::cron::gostd::strconv_quote as go_quote;

pub const COMPONENT: &str = "kubelet";
/// The version every simulated kubelet reports (`kubectl get nodes` VERSION).
pub const KUBELET_VERSION: &str = "v1.34.0";

/// Kubelet crash-loop back-off: 10 s doubling, capped at 5 min (pkg/kubelet/kubelet.go
/// `backOffPeriod`, `MaxContainerBackOff`). The first restart is immediate.
pub const CONTAINER_BACKOFF_INITIAL: Duration = Duration::from_secs(10);
pub const CONTAINER_BACKOFF_MAX: Duration = Duration::from_secs(300);
/// How long a deleted pod's container that handles SIGTERM takes to stop (one that ignores it
/// is killed after its grace period: `termination`).
pub const TERMINATION_TIME: Duration = Duration::from_secs(1);
/// The shortest time the kubelet gives a container between SIGTERM and SIGKILL, whatever the
/// grace period (kuberuntime_container.go killContainer: `minimumGracePeriodInSeconds`).
pub const MINIMUM_GRACE_PERIOD: Duration = Duration::from_secs(2);

/// How long killContainer waits before SIGKILL for a grace period of `grace` seconds: at least
/// [`MINIMUM_GRACE_PERIOD`] ("always give containers a minimal shutdown window").
pub(super) fn kill_window(grace: i64) -> Duration {
    Duration::from_secs(grace.max(0)).max(MINIMUM_GRACE_PERIOD)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wake {
    Start,
    Ready,
    Exit,
    Terminated,
    /// A pod sync while the container waits out its back-off: another BackOff Event.
    BackOff,
    /// The running (regular) init container exits 0; the next one, or the containers, start.
    InitDone,
    /// The liveness probe's next run (pkg/kubelet/prober worker) for the container's Nth start:
    /// a restarted container's probes start again, the old run's are dropped.
    Probe(usize),
    /// The readiness probe's next run, likewise.
    Readiness(usize),
    /// The startup probe's next run, likewise.
    Startup(usize),
    /// The pod's own `activeDeadlineSeconds` since its start time has passed.
    Deadline,
    /// A pod sync retried after EnsureImageExists refused an image: its Events again.
    ImageRetry,
    /// The sidecars stopped after the containers ended: the pod's phase becomes terminal.
    SidecarsStopped,
    /// Container `.0` (after the first) ends its start number `.1` by its own script (a run
    /// ended otherwise, by a fault, leaves this wake-up stale).
    ContainerExit(usize, usize),
    /// A container after the first, exited under restartPolicy Always or OnFailure, starts
    /// again once its own crash-loop back-off is over.
    ContainerRestart(usize),
    /// A pod sync while that container waits out its back-off: another BackOff Event.
    ContainerBackOff(usize),
    /// Container `i` (after the first) is ready: its own readiness or startup probe's
    /// initialDelaySeconds after its start number `.1` (probes the simulation does not run
    /// pass at once).
    ContainerReady(usize, usize),
    /// The sidecar (init container `i`, restartPolicy Always) passed its startup probe: it is
    /// started, and the next init container or the containers may start.
    SidecarStarted(usize),
    /// The sidecar's readiness probe passed.
    SidecarReady(usize),
    /// Container `.0`'s (after the first) liveness, readiness or startup probe run, for its
    /// start `.1`.
    ContainerLiveness(usize, usize),
    ContainerReadiness(usize, usize),
    ContainerStartup(usize, usize),
    /// Container `.0`, killed for its failed liveness probe, has stopped (exit code `.2`).
    ContainerKilled(usize, usize, i32),
    /// During the pod's deletion, container `i`, which ignores SIGTERM, ends by itself before
    /// the others have stopped: its own exit code, at its own time.
    EndedWhileStopping(usize),
    /// Sidecar `.0` (init container index) ends its start number `.1` by its own script.
    SidecarExit(usize, u32),
    /// The exited sidecar `i` starts again, its crash-loop back-off over.
    SidecarRestart(usize),
    /// A pod sync while sidecar `i` waits out its back-off: CrashLoopBackOff, a BackOff Event.
    SidecarBackOff(usize),
    /// Sidecar `i`, stopped in its turn as the pod is killed, has ended.
    SidecarStopped(usize),
    /// Sidecar `.0`'s readiness probe run, for its start `.1`.
    SidecarReadiness(usize, u32),
}

/// A sidecar as its own runtime: restarted whenever it exits, whatever the pod's
/// restartPolicy (kuberuntime_manager.go computeInitContainerActions: a restartable init
/// container that exited is started again), after its own crash-loop back-off.
#[derive(Clone, Debug)]
struct SidecarRun {
    /// Its init container index.
    index: usize,
    /// Its starts so far.
    starts: u32,
    /// What its script does: how long it runs (None: for ever) and its exit code.
    run_for: Option<Duration>,
    code: i32,
    /// Its crash-loop back-off entry (flowcontrol.Backoff).
    backoff: Option<(Duration, Time)>,
    /// Exited, and to be started again when its back-off is over.
    restarting: bool,
    /// Its readiness probe, when the simulation can run it against its script; the probe's
    /// last result and how many times in a row it came (prober worker `resultRun`).
    readiness: Option<Rc<FileProbe>>,
    readiness_run: (bool, u32),
}

/// The key a sidecar's back-off syncs go by in `backoff_synced` (containers use their index).
const SIDECAR_SYNC_KEY: usize = 1 << 30;

/// When a sidecar's startup and readiness probes first pass, after its start: their
/// `initialDelaySeconds` (probes the simulation does not run always pass; prober/worker.go).
/// Without a startup probe it is started at once; ready once started and, with a readiness
/// probe, that probe passed.
fn sidecar_probe_delays(c: &crate::api::Container) -> (Duration, Duration) {
    let delay = |field: &str| {
        c.other.get(field).map(|p| {
            Duration::from_secs(
                p.get("initialDelaySeconds")
                    .and_then(|v| v.as_i64())
                    .unwrap_or(0)
                    .max(0),
            )
        })
    };
    let started = delay("startupProbe").unwrap_or(Duration::ZERO);
    let ready = delay("readinessProbe")
        .unwrap_or(Duration::ZERO)
        .max(started);
    (started, ready)
}

/// A sidecar's readiness probe, when the simulation runs it against the sidecar's own script
/// (prober_manager.go AddPod starts a readiness worker for a restartable init container too):
/// then its runs, not a delay, make it ready.
fn sidecar_readiness_probe(c: &crate::api::Container) -> Option<Rc<FileProbe>> {
    crate::manifest::hints::container_file_probe(c, "readinessProbe").map(Rc::new)
}

/// Killing a pod stops its running containers, each with a `Killing` Event
/// (kuberuntime_container.go killContainersWithSyncResult, killContainer): the containers
/// before the init containers still running (sidecars stop last: terminationOrdering).
fn record_killing(recorder: &mut super::cluster::Recorder<'_>, p: &Pod) {
    let st = &p.status;
    let running = st
        .container_statuses
        .iter()
        .chain(&st.init_container_statuses)
        .filter(|c| c.state.running.is_some());
    for c in running {
        recorder.record_about(
            Kind::Pod,
            &p.metadata,
            &container_path(p, &c.name),
            "Normal",
            "Killing",
            format_args!("Stopping container {}", c.name),
            COMPONENT,
            &p.spec.node_name,
        );
    }
}

/// What a kubelet Event about a container names as the part of the pod it is about
/// (kubecontainer.GenerateContainerRef): `spec.containers{NAME}` or `spec.initContainers{NAME}`.
pub(super) fn container_path(p: &Pod, name: &str) -> String {
    match p.spec.init_containers.iter().any(|c| c.name == name) {
        true => format!("spec.initContainers{{{name}}}"),
        false => format!("spec.containers{{{name}}}"),
    }
}

/// A PredicateFailureError's reason and message (pkg/kubelet/lifecycle/predicate.go).
fn ports_rejection() -> (String, String) {
    (
        "NodePorts".to_string(),
        format!(
            "Predicate NodePorts failed: {}",
            crate::sim::scheduler::PORTS
        ),
    )
}

/// AdmissionCheck's NodeAffinity failure as a PredicateFailureError: the pod's nodeSelector or
/// required node affinity does not match this node (nodeaffinity.ErrReasonPod).
fn affinity_rejection() -> (String, String) {
    (
        "NodeAffinity".to_string(),
        format!(
            "Predicate NodeAffinity failed: {}",
            crate::sim::scheduler::AFFINITY
        ),
    )
}

/// How long a regular init container runs (it has no simulation hint of its own).
pub const INIT_CONTAINER_DURATION: Duration = Duration::from_secs(1);

/// How soon the pod worker syncs a pod again after a sync that failed, such as one that found
/// its container in back-off (pod_workers.go `backOffPeriod`; kubelet jitters it by up to 50 %,
/// left out here so runs stay comparable).
const POD_WORKER_BACKOFF: Duration = Duration::from_secs(10);

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
    /// The first container exited and waits to be restarted (getPhase counts it as going).
    first_restarting: bool,
    /// The instant of the last sync that met a back-off, and the containers it met it for
    /// (0: the first or the failed init container): two wake-ups at one instant are one sync.
    backoff_synced: (Time, Vec<usize>),
    terminating: bool,
    done: bool,
    /// A forced exit code (fault injection) for the running attempt.
    forced_exit: Option<i32>,
    /// Wake-ups pending under this pod's name.
    pending: u32,
    /// The pod's address from its node's range (host byte), held until its sandbox goes.
    ip: Option<(Rc<str>, u8)>,
    /// Containers whose image is being pulled since admission; the first start reports it.
    pulling: Vec<String>,
    /// Containers whose image EnsureImageExists refuses: each pod sync says so again.
    image_stuck: Vec<ImageStuck>,
    /// Init containers done (regular ones exited 0, sidecars started), in spec order.
    init_done: usize,
    /// The crash-loop back-off entries of the (first) container and of the current init
    /// container: the next wait and when the last restart was (flowcontrol.Backoff).
    backoff: Option<(Duration, Time)>,
    init_backoff: Option<(Duration, Time)>,
    /// The running container is being killed for a failed liveness or startup probe: its
    /// restart is judged within the sync that killed it (see `container_backoff`).
    probe_killed: bool,
    /// The containers ended for good while sidecars still run: their exit code, and whether
    /// the sidecars are killed at the end of the grace period (else they stop on SIGTERM).
    finishing: Option<(i32, bool)>,
    /// Starts of the current init container so far (its restarts are the ones after the first).
    init_starts: u32,
    /// The exit code the running regular init container's script reaches.
    init_exit: i32,
    /// Being deleted, its containers are killed at the end of the grace period (SIGKILL, 137),
    /// not stopped by SIGTERM (143).
    killed: bool,
    /// Being deleted, the containers that end by themselves first (index, exit code).
    stop_codes: Vec<(usize, i32)>,
    /// Being deleted: when its containers stop (a shorter grace period brings it forward).
    stop_at: Option<Time>,
    /// Its `activeDeadlineSeconds` passed: once the containers have stopped, the pod is Failed
    /// with reason DeadlineExceeded.
    deadline_exceeded: bool,
    /// The containers after the first, each run by its own script (the first is `behaviour`),
    /// and restarted on its own under restartPolicy Always or OnFailure
    /// (kuberuntime_manager.go computePodActions: each container is judged by itself). The pod
    /// ends when the last of them has (kubelet_pods.go getPhase: Running while any runs).
    others: Vec<OtherContainer>,
    /// The liveness probe, when the simulation can run it (`hints::liveness`).
    liveness: Option<Rc<FileProbe>>,
    /// Its failures in a row (prober worker `resultRun`: kept across a container restart,
    /// zeroed by a pass or by the kill it causes).
    probe_failures: u32,
    /// The startup probe's failures in a row, likewise.
    startup_failures: u32,
    /// The readiness probe, when the simulation can run it (`hints::readiness`) and no
    /// `ready-after` hint says otherwise.
    readiness: Option<Rc<FileProbe>>,
    /// The startup probe, when the simulation can run it (`hints::startup`): until it passes
    /// the container is not started, and its liveness and readiness probes wait.
    startup: Option<Rc<FileProbe>>,
    /// The readiness probe's last result and how many times in a row it came (prober worker
    /// `lastResult`, `resultRun`: kept across container restarts).
    readiness_run: (bool, u32),
    /// For each container waiting out a back-off (`(init, index)`), the run before the one that
    /// exited: the runtime still has it, and it is the last state again if the pod is deleted
    /// meanwhile (see `no_more_restarts`).
    before_last: Vec<((bool, usize), ContainerStateTerminated)>,
    /// The sidecars started so far, each run by its own script.
    sidecars: Vec<SidecarRun>,
    /// The pod being killed: when each running sidecar ends in its turn, and its exit code.
    sidecar_stops: Vec<SidecarStop>,
}

/// When a sidecar of a pod being killed ends, in its turn (terminationOrdering), and its exit.
#[derive(Clone, Copy, Debug)]
struct SidecarStop {
    index: usize,
    at: Time,
    code: i32,
}

/// A container after the first, as its own runtime.
#[derive(Clone, Debug)]
struct OtherContainer {
    index: usize,
    behaviour: PodBehaviour,
    /// Its starts so far (its exit codes are picked by run).
    starts: usize,
    /// Its crash-loop back-off entry (flowcontrol.Backoff, keyed by container in the kubelet).
    backoff: Option<(Duration, Time)>,
    /// Exited, and to be started again when its back-off is over.
    restarting: bool,
    /// Its own liveness, readiness and startup probes, when the simulation can run them.
    liveness: Option<Rc<FileProbe>>,
    readiness: Option<Rc<FileProbe>>,
    startup: Option<Rc<FileProbe>>,
    /// Liveness (startup) failures in a row; the readiness probe's last result and its run
    /// length.
    live_failures: u32,
    startup_failures: u32,
    readiness_run: (bool, u32),
}

/// The CNI's host-local IPAM on one node (containernetworking/plugins
/// plugins/ipam/host-local/backend/allocator): addresses .2–.254 of the node's podCIDR (.1 is
/// the bridge's gateway), handed out round-robin after the last one given, skipping those in use.
#[derive(Clone, Debug, Default)]
struct NodeIpam {
    last: u8,
    used: [u64; 4],
}

impl NodeIpam {
    const FIRST: u8 = 2;
    const LAST: u8 = 254;

    fn allocate(&mut self) -> Option<u8> {
        let span = usize::from(Self::LAST - Self::FIRST) + 1;
        // The position of the last address given; none yet means the next is FIRST.
        let last = if self.last < Self::FIRST {
            span - 1
        } else {
            usize::from(self.last - Self::FIRST)
        };
        (1..=span).find_map(|i| {
            let ip = Self::FIRST + ((last + i) % span) as u8;
            let (w, b) = (usize::from(ip / 64), ip % 64);
            (self.used[w] & (1 << b) == 0).then(|| {
                self.used[w] |= 1 << b;
                self.last = ip;
                ip
            })
        })
    }

    fn release(&mut self, ip: u8) {
        self.used[ip as usize / 64] &= !(1 << (ip % 64));
    }
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
    /// Pod address allocators by node name.
    ipam: FastMap<Rc<str>, NodeIpam>,
    /// Images each node has pulled (`node`, `image`), for imagePullPolicy IfNotPresent.
    images: FastMap<Rc<str>, Vec<String>>,
    /// Nodes whose kubelet is stopped (`systemctl stop kubelet`): their containers run on,
    /// unseen; nothing there is started, stopped or reported until it starts again.
    stopped: Vec<Rc<str>>,
    /// Wake-ups that came due on a stopped node (when, pod, token, wake), run when its kubelet
    /// is back.
    deferred: Vec<(Time, Rc<str>, u64, Wake)>,
    /// Each node's `spec.unschedulable` as its kubelet last reported it (lastNodeUnschedulable).
    last_unschedulable: FastMap<Rc<str>, bool>,
    /// When each node's kubelet (re)started: its status syncs come every 10 s from there.
    status_base: FastMap<Rc<str>, Time>,
    /// The node status syncs due to report a cordon or uncordon: (when, node).
    status_syncs: BTreeSet<(Time, Rc<str>)>,
    /// Nodes waiting for their pod range and registration (joined while the controller manager
    /// was down; the simulation keeps this list): the CNI plugin has no config yet, so no pod
    /// sandbox starts there (only hostNetwork pods).
    pub awaiting_pod_cidr: Vec<String>,
}

/// The pod worker's retry after a failed sync (pod_workers.go workerBackOffPeriod).
const WORKER_BACKOFF: Duration = Duration::from_secs(10);

/// nodeStatusUpdateFrequency: the kubelet syncs its node's status every 10 s.
const NODE_STATUS_UPDATE: Duration = Duration::from_secs(10);

impl Kubelet {
    pub fn next_due(&self) -> Option<Time> {
        // Skipping wake-ups of pods whose runtime is gone (deleted, or ended by a deadline):
        // they would run nothing, and a CLI run without --until would go on to a dead pod's
        // old exit time.
        let pods = self
            .timers
            .iter()
            .find(|(_, (pod, _, _))| self.pods.contains_key(pod))
            .map(|((t, _), _)| *t);
        let nodes = self.status_syncs.first().map(|(t, _)| *t);
        match (pods, nodes) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
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
        self.release_ip(pod);
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
            self.release_ip(pod);
            self.pods.remove(pod);
        }
    }

    /// A pod whose sandbox is not made yet, on a node whose network is not ready: the
    /// kubelet's syncPod refuses it with a NetworkNotReady Event (kubelet.go) and the pod
    /// worker tries again later.
    fn network_not_ready(&mut self, name: &str, cluster: &mut Cluster) -> bool {
        let first = self
            .pods
            .get(name)
            .is_some_and(|rt| rt.attempts == 0 && rt.init_starts == 0);
        let Some(p) = cluster.store.get::<Pod>(name).filter(|_| first) else {
            return false;
        };
        if p.spec.host_network || !self.awaiting_pod_cidr.contains(&p.spec.node_name) {
            return false;
        }
        let (meta, node) = (p.metadata.clone(), p.spec.node_name.clone());
        cluster.record(
            Kind::Pod,
            &meta,
            "Warning",
            "NetworkNotReady",
            format_args!("network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"),
            COMPONENT,
            &node,
        );
        true
    }

    /// The address of a pod's sandbox when its first container starts: the node's for a
    /// `hostNetwork` pod, else one from the node's podCIDR (None: the pod keeps the one it has).
    fn sandbox_ip(&mut self, name: &str, cluster: &Cluster) -> Option<String> {
        let pod = cluster.store.get::<Pod>(name)?;
        if !pod.status.pod_ip.is_empty() {
            return None;
        }
        if pod.spec.host_network {
            return Some(pod.status.host_ip.clone());
        }
        let node = cluster.store.get::<Node>(&pod.spec.node_name);
        let prefix = node.and_then(|n| n.spec.pod_cidr.strip_suffix(".0/24"));
        let rt = self.pods.get_mut(name)?;
        let Some(prefix) = prefix else {
            return Some(pod_ip(&pod.metadata.uid));
        };
        let node: Rc<str> = Rc::from(pod.spec.node_name.as_str());
        let host = self.ipam.entry(node.clone()).or_default().allocate()?;
        rt.ip = Some((node, host));
        Some(format!("{prefix}.{host}"))
    }

    fn has_image(&self, node: &str, image: &str) -> bool {
        self.images
            .get(node)
            .is_some_and(|list| list.iter().any(|i| i == image))
    }

    /// Starts the next init container: a regular one runs to completion (InitDone), a sidecar
    /// (`restartPolicy: Always`) keeps running and the next one starts at once.
    fn run_init(&mut self, name: &str, cluster: &mut Cluster) {
        let now = cluster.now;
        let Some(i) = self.pods.get(name).map(|rt| rt.init_done) else {
            return;
        };
        let Some((c, node, index)) = cluster.store.get::<Pod>(name).and_then(|p| {
            Some((
                p.spec.init_containers.get(i)?.clone(),
                p.spec.node_name.clone(),
                p.metadata
                    .annotations
                    .get(crate::controllers::job::JOB_COMPLETION_INDEX)
                    .cloned(),
            ))
        }) else {
            return;
        };
        let node_rc: Rc<str> = Rc::from(node.as_str());
        let admitted = self
            .pods
            .get_mut(name)
            .map(|rt| {
                let hit = rt.pulling.iter().position(|n| *n == c.name);
                hit.map(|at| rt.pulling.remove(at)).is_some()
            })
            .unwrap_or(false);
        let since = admitted.then(|| {
            self.pods
                .get(name)
                .map_or(Duration::ZERO, |rt| rt.behaviour.start_delay)
        });
        let pull = self.ensure_image(&node_rc, &c, since);
        let sidecar = c.is_restartable_init();
        let (started_after, ready_after) = if sidecar {
            sidecar_probe_delays(&c)
        } else {
            (Duration::ZERO, Duration::ZERO)
        };
        // A readiness probe the simulation runs decides by its runs, not a delay.
        let readiness = sidecar.then(|| sidecar_readiness_probe(&c)).flatten();
        let (run_for, code) = if sidecar {
            sidecar_run(&c, index.as_deref())
        } else {
            init_run(&c, index.as_deref())
        };
        // The sandbox, and with it the pod's IP, comes before the first init container.
        let ip = if i == 0 {
            self.sandbox_ip(name, cluster)
        } else {
            None
        };
        let restart = self.pods.get_mut(name).is_some_and(|rt| {
            rt.init_starts += 1;
            rt.init_exit = code;
            if sidecar {
                rt.sidecars.retain(|s| s.index != i);
                rt.sidecars.push(SidecarRun {
                    index: i,
                    starts: 1,
                    run_for,
                    code,
                    backoff: None,
                    restarting: false,
                    readiness: readiness.clone(),
                    readiness_run: (false, 0),
                });
            }
            rt.init_starts > 1
        });
        cluster.with_pod(name, |p, recorder| {
            record_container_start(recorder, p, &c, pull, admitted);
        });
        let _ = cluster.store.modify::<Pod>(name, |p| {
            if let Some(ip) = ip {
                p.status.pod_ip = ip;
            }
            if let Some(cs) = p.status.init_container_statuses.get_mut(i) {
                // A restart: the run that failed is now the last one.
                start_run(cs, now);
                // A sidecar with a startup probe is not started until it passes.
                cs.started = !sidecar || started_after == Duration::ZERO;
                cs.ready = sidecar && ready_after == Duration::ZERO && readiness.is_none();
                if restart {
                    cs.restart_count += 1;
                }
            }
        });
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!(
                "init container {} started{}",
                c.name,
                if sidecar && run_for.is_none() {
                    " (sidecar: keeps running)"
                } else {
                    ""
                }
            ),
        });
        if sidecar {
            if let Some(d) = run_for {
                self.wake_at(now + d, name, Wake::SidecarExit(i, 1));
            }
            if let Some(r) = &readiness {
                let first = first_probe(r, started_after);
                self.wake_at(now + first, name, Wake::SidecarReadiness(i, 1));
            } else if ready_after > started_after {
                self.wake_at(now + ready_after, name, Wake::SidecarReady(i));
            }
            if started_after > Duration::ZERO {
                // computeInitContainerActions: the next container waits for it to be started.
                self.wake_at(now + started_after, name, Wake::SidecarStarted(i));
            } else {
                self.sidecar_started(name, now);
            }
        } else if let Some(d) = run_for {
            self.wake_at(now + d, name, Wake::InitDone);
        }
    }

    /// A sidecar is started: it counts as done for initialization, and the next init
    /// container (or the containers) start.
    fn sidecar_started(&mut self, name: &str, now: Time) {
        if let Some(rt) = self.pods.get_mut(name) {
            rt.init_done += 1;
            rt.init_starts = 0;
            rt.init_backoff = None;
        }
        self.wake_at(now, name, Wake::Start);
    }

    /// EnsureImageExists for a container about to start: how long its pull took (`since`: the
    /// pull that began with the sandbox), None when the node's copy serves; the node keeps it.
    fn ensure_image(
        &mut self,
        node: &Rc<str>,
        c: &crate::api::Container,
        since: Option<Duration>,
    ) -> Option<Duration> {
        let pull = since.or_else(|| self.must_pull(node, c).then_some(REPULL));
        if pull.is_some() && !self.has_image(node, &c.image) {
            self.images
                .entry(node.clone())
                .or_default()
                .push(c.image.clone());
        }
        pull
    }

    /// Whether starting this container means a pull (image_manager.go `shouldPullImage`).
    fn must_pull(&self, node: &Rc<str>, c: &crate::api::Container) -> bool {
        match crate::manifest::image_pull_policy(c) {
            "Always" => true,
            "Never" => false,
            _ => !self.has_image(node, &c.image),
        }
    }

    /// Gives a pod's address back to its node's range (its sandbox is gone).
    fn release_ip(&mut self, pod: &str) {
        if let Some((node, ip)) = self.pods.get_mut(pod).and_then(|rt| rt.ip.take()) {
            if let Some(a) = self.ipam.get_mut(&node) {
                a.release(ip);
            }
        }
    }

    pub fn observe(&mut self, ev: &WatchEvent, cluster: &mut Cluster) {
        if ev.kind == Kind::Node {
            self.observe_node(ev, cluster);
            return;
        }
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
        if pod.spec.node_name.is_empty()
            || !cluster.store.contains::<Node>(&pod.spec.node_name)
            || self.is_stopped(&pod.spec.node_name)
        {
            return;
        }
        let known = self
            .pods
            .get(&*ev.name)
            .is_some_and(|rt| rt.uid == pod.metadata.uid);
        if !known {
            if pod.is_terminal() {
                return;
            }
            self.admit(&ev.name, cluster);
            return;
        }
        let deleting = pod.metadata.deletion_timestamp.is_some();
        let deadline = pod.metadata.deletion_timestamp;
        let Some(rt) = self.pods.get_mut(&*ev.name) else {
            return;
        };
        // A deletion under way whose grace period was shortened (a second `delete
        // --grace-period=N`): the containers are killed at the new deadline.
        let now = cluster.now;
        if let (true, false, Some(d), Some(at)) = (rt.terminating, rt.done, deadline, rt.stop_at) {
            // The kill starts again with the shorter grace period, still at least the
            // minimum window (killContainer).
            let d = d.max(now + MINIMUM_GRACE_PERIOD);
            if d < at {
                rt.token += 1;
                rt.killed = true;
                rt.stop_codes.clear();
                rt.sidecar_stops.clear();
                rt.stop_at = Some(d);
                self.wake_at(d, &ev.name, Wake::Terminated);
                return;
            }
        }
        let Some(rt) = self.pods.get_mut(&*ev.name) else {
            return;
        };
        if deleting && !rt.terminating {
            self.begin_termination(&ev.name, cluster);
        }
    }

    /// The pod is being deleted: its containers are stopped (SIGTERM, then SIGKILL when the
    /// grace period is over), or, already finished, the deletion completes.
    fn begin_termination(&mut self, name: &str, cluster: &mut Cluster) {
        let Some(rt) = self.pods.get_mut(name) else {
            return;
        };
        rt.terminating = true;
        rt.token += 1;
        if rt.done {
            cluster.finish_pod_deletion_if_ready(name);
            return;
        }
        let before_last = std::mem::take(&mut rt.before_last);
        let backing_off = cluster.store.get::<Pod>(name).is_some_and(|p| {
            let st = &p.status;
            let mut all = st
                .init_container_statuses
                .iter()
                .chain(&st.container_statuses);
            all.any(|c| c.state.waiting.is_some() && c.last_state.terminated.is_some())
        });
        if backing_off {
            let _ = cluster
                .store
                .modify::<Pod>(name, |p| no_more_restarts(p, &before_last));
        }
        cluster.with_pod(name, |pod, recorder| {
            record_killing(recorder, pod);
        });
        // killContainer (kuberuntime_container.go): SIGTERM, then SIGKILL when the
        // grace period is over. A container that ignores SIGTERM takes all of it.
        let now = cluster.now;
        let pod = cluster.store.get::<Pod>(name);
        let (mut stop, mut killed) = pod
            .and_then(regular_termination)
            .unwrap_or((Duration::ZERO, false));
        // A container that ignores SIGTERM but ends by itself within the grace period ends
        // then, with its own exit code; the pod has stopped when its last container has
        // (killContainersWithSyncResult waits for them all). One that never ends by itself
        // takes the whole grace period. The sidecars stop after them (`sidecar_stop_plan`).
        let mut stop_codes = Vec::new();
        let mut ends = Vec::new();
        if let (Some(p), Some(rt)) = (pod, self.pods.get(name)) {
            let grace_end = now + stop;
            let mut latest: Option<Time> = None;
            let mut all_end = true;
            let regular = p.spec.containers.iter().zip(&p.status.container_statuses);
            for (k, (c, cs)) in regular.enumerate() {
                let Some(r) = cs.state.running.as_ref() else {
                    continue;
                };
                // One that handles SIGTERM stops at once, its own way (nginx beside a shell
                // that takes the whole grace period).
                if handles_sigterm(c) {
                    let end = now + TERMINATION_TIME.min(stop);
                    stop_codes.push((k, stop_exit_code(c)));
                    ends.push((end, k));
                    latest = latest.max(Some(end));
                    continue;
                }
                let (duration, code) = if k == 0 {
                    let attempt = rt.first_attempt + rt.attempts.saturating_sub(1);
                    (rt.behaviour.duration, rt.behaviour.exit_code(attempt))
                } else {
                    rt.others
                        .iter()
                        .find(|o| o.index == k)
                        .map_or((None, 0), |o| {
                            let run = o.starts.saturating_sub(1);
                            (o.behaviour.duration, o.behaviour.exit_code(run))
                        })
                };
                match duration
                    .map(|d| r.started_at + d)
                    .filter(|e| *e < grace_end)
                {
                    Some(end) => {
                        stop_codes.push((k, code));
                        ends.push((end, k));
                        latest = latest.max(Some(end));
                    }
                    None => all_end = false,
                }
            }
            if let Some(end) = latest.filter(|_| all_end) {
                stop = end - now;
                killed = false;
            }
        }
        if let Some(rt) = self.pods.get_mut(name) {
            rt.killed = killed;
            rt.stop_codes = stop_codes;
        }
        let at = self.plan_sidecar_stops(name, now + stop.max(Duration::ZERO), cluster);
        if let Some(rt) = self.pods.get_mut(name) {
            rt.stop_at = Some(at);
        }
        for (end, k) in ends.into_iter().filter(|(end, _)| *end < at) {
            self.wake_at(end, name, Wake::EndedWhileStopping(k));
        }
        self.wake_at(at, name, Wake::Terminated);
    }

    /// A container of a pod being deleted ended by itself (its script, not the signal): PLEG
    /// sees it and the pod's status says so (Terminated, its exit code, not ready) while the
    /// other containers are still stopping.
    fn ended_while_stopping(&mut self, name: &str, i: usize, cluster: &mut Cluster) {
        let now = cluster.now;
        let Some(code) = self
            .pods
            .get(name)
            .filter(|rt| rt.terminating && !rt.done)
            .and_then(|rt| rt.stop_codes.iter().find(|(k, _)| *k == i).map(|(_, c)| *c))
        else {
            return;
        };
        let _ = cluster.store.modify::<Pod>(name, |p| {
            let ended = p
                .status
                .container_statuses
                .get_mut(i)
                .is_some_and(|cs| exit_running(cs, code, now));
            if ended {
                set_condition(p, "Ready", "False", "ContainersNotReady", Some(now));
            }
        });
    }

    /// A cordon or uncordon seen by the node's kubelet: its next status sync (every 10 s since
    /// it started, kubelet_node_status.go syncNodeStatus) reports it
    /// (recordNodeSchedulableEvent, `Node X status is now: NodeNotSchedulable`), if the node
    /// still differs from what it last reported then.
    fn observe_node(&mut self, ev: &WatchEvent, cluster: &mut Cluster) {
        if ev.type_ == WatchEventType::Deleted {
            self.last_unschedulable.remove(&*ev.name);
            self.status_base.remove(&*ev.name);
            self.status_syncs.retain(|(_, n)| **n != *ev.name);
            return;
        }
        let Some(node) = cluster.store.get_watched::<Node>(ev) else {
            return;
        };
        let created = node.metadata.creation_timestamp.unwrap_or(cluster.now);
        let base = *self.status_base.entry(ev.name.clone()).or_insert(created);
        if self.is_stopped(&ev.name) {
            return;
        }
        let reported = self
            .last_unschedulable
            .get(&*ev.name)
            .copied()
            .unwrap_or(false);
        if node.spec.unschedulable == reported
            || self.status_syncs.iter().any(|(_, n)| **n == *ev.name)
        {
            return;
        }
        let p = NODE_STATUS_UPDATE.0;
        let since = (cluster.now - base).0.max(0);
        let next = base + Duration::from_millis((since / p + 1) * p);
        self.status_syncs.insert((next, ev.name.clone()));
    }

    /// A node status sync due: the cordon or uncordon is reported if it still holds.
    fn sync_node_status(&mut self, name: &Rc<str>, cluster: &mut Cluster) {
        let Some(node) = cluster.store.get::<Node>(name) else {
            return;
        };
        let now = node.spec.unschedulable;
        let before = self.last_unschedulable.insert(name.clone(), now);
        if before.unwrap_or(false) == now {
            return;
        }
        // kubelet.go NewMainKubelet: the kubelet's node reference has the name as uid.
        let meta = crate::api::ObjectMeta {
            uid: node.metadata.name.clone(),
            ..node.metadata.clone()
        };
        let reason = if now {
            "NodeNotSchedulable"
        } else {
            "NodeSchedulable"
        };
        let name = meta.name.clone();
        cluster.record(
            Kind::Node,
            &meta,
            "Normal",
            reason,
            format_args!("Node {name} status is now: {reason}"),
            COMPONENT,
            &name,
        );
    }

    /// A pod bound to this node: set up its container and start pulling.
    fn admit(&mut self, name: &Rc<str>, cluster: &mut Cluster) {
        let Some(pod) = cluster.store.get::<Pod>(name) else {
            return;
        };
        if let Err((reason, message)) = self.can_admit(pod, cluster) {
            self.reject(name, &reason, &message, cluster);
            return;
        }
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
        let others = (1..pod.spec.containers.len())
            .filter_map(|index| {
                let behaviour = container_behaviour(&pod.metadata.annotations, &pod.spec, index)?;
                let [liveness, readiness, startup] =
                    crate::manifest::hints::container_probes(&pod.spec, index);
                Some(OtherContainer {
                    index,
                    behaviour,
                    starts: 0,
                    backoff: None,
                    restarting: false,
                    liveness: liveness.map(Rc::new),
                    readiness: readiness.map(Rc::new),
                    startup: startup.map(Rc::new),
                    live_failures: 0,
                    startup_failures: 0,
                    readiness_run: (false, 0),
                })
            })
            .collect();
        let pod_node = pod.spec.node_name.clone();
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
        self.release_ip(name);
        let pending = self.pods.get(name).map_or(0, |rt| rt.pending);
        self.pods.insert(
            name.clone(),
            Runtime {
                uid: pod.metadata.uid.clone(),
                behaviour,
                attempts: 0,
                first_restarting: false,
                backoff_synced: (Time::default(), Vec::new()),
                first_attempt,
                token: 0,
                terminating: false,
                done: false,
                forced_exit: None,
                pending,
                ip: None,
                pulling: Vec::new(),
                image_stuck: Vec::new(),
                init_done: 0,
                init_starts: 0,
                backoff: None,
                init_backoff: None,
                sidecars: Vec::new(),
                sidecar_stops: Vec::new(),
                finishing: None,
                probe_killed: false,
                init_exit: 0,
                killed: false,
                stop_codes: Vec::new(),
                stop_at: None,
                deadline_exceeded: false,
                others,
                liveness: liveness(&pod.spec).map(Rc::new),
                probe_failures: 0,
                startup_failures: 0,
                readiness: (!pod
                    .metadata
                    .annotations
                    .contains_key(crate::manifest::hints::READY_AFTER))
                .then(|| readiness(&pod.spec).map(Rc::new))
                .flatten(),
                startup: startup(&pod.spec).map(Rc::new),
                readiness_run: (false, 0),
                before_last: Vec::new(),
            },
        );
        let now = cluster.now;
        // The image manager (pkg/kubelet/images/image_manager.go EnsureImageExists): a pull
        // starts with the pod's sandbox unless the node has the image and the policy allows
        // using it; it ends when the container is created.
        let node: Rc<str> = Rc::from(pod_node.as_str());
        let mut pulls: Vec<(String, String)> = Vec::new();
        // Containers EnsureImageExists stops (image_manager.go): an image the kubelet cannot
        // read as a reference (ErrInvalidImageName, before the pull policy is looked at), or
        // one it may not pull and does not have (ErrImageNeverPull).
        let mut stuck: Vec<ImageStuck> = Vec::new();
        // The pulls that start with the sandbox: the first init container's, else the
        // containers' (a later init container pulls when its turn comes).
        let first: &[crate::api::Container] = match pod.spec.init_containers.first() {
            Some(_) => &pod.spec.init_containers[..1],
            None => &pod.spec.containers,
        };
        // A container's EnsureImageExists error, if its image cannot be used on this node.
        let all = || pod.spec.init_containers.iter().chain(&pod.spec.containers);
        let refused = |c: &crate::api::Container| -> Option<ImageStuck> {
            let image = go_quote(&c.image);
            let stuck = |event, message, reason| ImageStuck {
                container: c.name.clone(),
                image: c.image.clone(),
                event,
                message,
                reason,
            };
            if let Err(e) = image_ref::parse_normalized_named(&c.image) {
                return Some(stuck(
                    "InspectFailed",
                    format!("Failed to apply default image tag {image}: couldn't parse image name {image}: {e}"),
                    "InvalidImageName",
                ));
            }
            // An image a container started before this one pulls is there by its turn
            // (init containers in order, then the containers).
            let pulled_by_another = all()
                .take_while(|o| o.name != c.name)
                .any(|o| o.image == c.image && crate::manifest::image_pull_policy(o) != "Never");
            (crate::manifest::image_pull_policy(c) == "Never"
                && !self.has_image(&node, &c.image)
                && !pulled_by_another)
                .then(|| {
                    stuck(
                        "ErrImageNeverPull",
                        format!("Container image {image} is not present with pull policy of Never"),
                        "ErrImageNeverPull",
                    )
                })
        };
        for c in first {
            if let Some(st) = refused(c) {
                stuck.push(st);
                continue;
            }
            // Containers start one after another: a later one with the same image finds
            // it present (kuberuntime_container.go startContainer, EnsureImageExists).
            if self.must_pull(&node, c) && !pulls.iter().any(|(_, i)| *i == c.image) {
                pulls.push((c.name.clone(), c.image.clone()));
            }
        }
        // The containers that start later (after the first init container) are checked now
        // too: such a pod waits from its start, where a kubelet finds out as each container's
        // turn comes (README, Image pulls).
        let later = all().filter(|c| !first.iter().any(|f| f.name == c.name));
        stuck.extend(later.filter_map(refused));
        // A pod that waits starts no pull either.
        if !stuck.is_empty() {
            pulls.clear();
        }
        cluster.with_pod(name, |p, recorder| {
            for (container, image) in &pulls {
                recorder.record_about(
                    Kind::Pod,
                    &p.metadata,
                    &container_path(p, container),
                    "Normal",
                    "Pulling",
                    format_args!("Pulling image {}", go_quote(image)),
                    COMPONENT,
                    &pod_node,
                );
            }
            record_image_stuck(recorder, p, &stuck);
        });
        if let Some(rt) = self.pods.get_mut(name) {
            rt.pulling = pulls.into_iter().map(|(c, _)| c).collect();
            rt.image_stuck = stuck.clone();
        }
        // The failed sync is retried (pod_workers.go: the back-off period after a sync
        // error), and each retry's EnsureImageExists says it again.
        if !stuck.is_empty() {
            self.wake_at(cluster.now + POD_WORKER_BACKOFF, name, Wake::ImageRetry);
        }
        let host_ip = cluster
            .store
            .get::<Node>(&pod_node)
            .and_then(|n| n.internal_ip())
            .map_or_else(|| node_ip(&pod_node), str::to_string);
        // A container the kubelet cannot start waits with the reason (and message) of its
        // EnsureImageExists error (kuberuntime_container.go startContainer).
        // The other containers of a waiting pod say no reason of their own, so the pod's
        // STATUS (printPod: the waiting reasons) names what stops it.
        let stuck_state = |c: &crate::api::Container| -> Option<ContainerState> {
            let st = stuck.iter().find(|st| st.image == c.image);
            (!stuck.is_empty()).then(|| ContainerState {
                waiting: Some(ContainerStateWaiting {
                    reason: st.map_or_else(String::new, |st| st.reason.into()),
                    message: st.map_or_else(String::new, |st| st.message.clone()),
                }),
                ..Default::default()
            })
        };
        // The sandbox (and its IP) comes before any image (kuberuntime_manager.go SyncPod): a
        // pod stuck on one has them.
        let stuck_ip = if stuck.is_empty() {
            None
        } else {
            self.sandbox_ip(name, cluster)
        };
        let _ = cluster.store.modify::<Pod>(name, |p| {
            set_str(&mut p.status.phase, "Pending");
            p.status.host_ip = host_ip.clone();
            if let Some(ip) = &stuck_ip {
                p.status.pod_ip = ip.clone();
            }
            p.status.start_time = Some(now);
            p.status.container_statuses = p
                .spec
                .containers
                .iter()
                .map(|c| ContainerStatus {
                    name: c.name.clone(),
                    image: c.image.clone(),
                    state: stuck_state(c).unwrap_or_else(|| {
                        waiting(if p.spec.init_containers.is_empty() {
                            "ContainerCreating"
                        } else {
                            // The containers wait for the init containers (kubelet_pods.go).
                            "PodInitializing"
                        })
                    }),
                    ..Default::default()
                })
                .collect();
            p.status.init_container_statuses = p
                .spec
                .init_containers
                .iter()
                .map(|c| ContainerStatus {
                    name: c.name.clone(),
                    image: c.image.clone(),
                    state: stuck_state(c).unwrap_or_else(|| waiting("PodInitializing")),
                    ..Default::default()
                })
                .collect();
            set_condition(p, "Ready", "False", "ContainersNotReady", Some(now));
        });
        // An image it may not pull and does not have, or cannot read: the pod waits
        // (ErrImageNeverPull, InvalidImageName).
        if stuck.is_empty() {
            let at = cluster.now + start_delay;
            self.wake_at(at, name, Wake::Start);
        }
        // active_deadline.go: the deadline counts from the pod's start time (set just now).
        let deadline = cluster
            .store
            .get::<Pod>(name)
            .and_then(|p| p.spec.other.get("activeDeadlineSeconds"))
            .and_then(|v| v.as_i64())
            .filter(|s| *s > 0);
        if let Some(secs) = deadline {
            self.wake_at(now + Duration::from_secs(secs), name, Wake::Deadline);
        }
    }

    /// The kubelet's admission (kubelet.go canAdmitPod, lifecycle/predicate.go generalFilter):
    /// a pod the scheduler placed fits by construction; one its creator bound to the node
    /// (`spec.nodeName`, no PodScheduled condition) is checked against what the pods this
    /// kubelet already runs leave of the node's allocatable pods and resources. The first
    /// shortfall is the reason (`OutOfcpu`, `OutOfpods`).
    fn can_admit(&self, pod: &Pod, cluster: &Cluster) -> Result<(), (String, String)> {
        use crate::api::resources::{add_resource_list, declares_resources, pod_resources};
        if pod
            .status
            .conditions
            .iter()
            .any(|c| c.type_ == "PodScheduled")
        {
            return Ok(());
        }
        let Some(node) = cluster.store.get::<Node>(&pod.spec.node_name) else {
            return Ok(());
        };
        let running: Vec<&Pod> = cluster
            .store
            .list::<Pod>()
            .filter(|p| {
                p.spec.node_name == pod.spec.node_name
                    && p.metadata.name != pod.metadata.name
                    && self
                        .pods
                        .get(p.metadata.name.as_str())
                        .is_some_and(|rt| !rt.done)
            })
            .collect();
        let short = |name: &str, requested: i128, used: i128, capacity: i128| {
            (
                format!("OutOf{name}"),
                format!("Node didn't have enough resource: {name}, requested: {requested}, used: {used}, capacity: {capacity}"),
            )
        };
        let pods = node.status.allowed_pod_number();
        if running.len() as i64 + 1 > pods {
            return Err(short("pods", 1, running.len() as i128, pods.into()));
        }
        // After NodeResourcesFit, the other checks of scheduler.AdmissionCheck
        // (pkg/scheduler/eventhandlers.go); the first failure is the reason:
        // "Predicate NodePorts failed: ..." (lifecycle/predicate.go generalFilter).
        let ports_taken = || {
            let want = crate::sim::scheduler::host_ports(&pod.spec);
            !want.is_empty() && {
                let used: Vec<_> = running
                    .iter()
                    .flat_map(|p| crate::sim::scheduler::host_ports(&p.spec))
                    .collect();
                want.iter().any(|p| p.conflicts(&used))
            }
        };
        // Then NodeAffinity (nodeSelector and required node affinity), NodeName, NodePorts.
        let after_fit = || {
            if !crate::sim::scheduler::node_matches_affinity(node, &pod.spec) {
                return Err(affinity_rejection());
            }
            if ports_taken() {
                return Err(ports_rejection());
            }
            Ok(())
        };
        if !declares_resources(&pod.spec) {
            return after_fit();
        }
        let want = pod_resources(&pod.spec, false);
        let mut used = crate::api::resources::ResourceList::new();
        for p in running.iter().filter(|p| declares_resources(&p.spec)) {
            add_resource_list(&mut used, &pod_resources(&p.spec, false));
        }
        // Fits (noderesources/fit.go): cpu in millicores, the rest in units.
        let amount = |name: &str, milli: i128| if name == "cpu" { milli } else { milli / 1000 };
        let order = ["cpu", "memory", "ephemeral-storage"];
        let first = order
            .iter()
            .filter_map(|o| want.get_key_value(*o).map(|(k, _)| k));
        let rest = want.keys().filter(|k| !order.contains(&k.as_str()));
        for name in first.chain(rest) {
            let requested = want[name].milli;
            if requested <= 0 {
                continue;
            }
            let capacity = node
                .status
                .allocatable
                .get(name.as_str())
                .and_then(|q| {
                    crate::api::resources::Quantity::parse(&serde_json::Value::String(q.clone()))
                })
                .map_or(0, |q| q.milli);
            let in_use = used.get(name).map_or(0, |q| q.milli);
            if requested > capacity - in_use {
                return Err(short(
                    name,
                    amount(name, requested),
                    amount(name, in_use),
                    amount(name, capacity),
                ));
            }
        }
        after_fit()
    }

    /// kubelet.go rejectPod: a Warning Event and the pod Failed with the reason, never run.
    fn reject(&mut self, name: &str, reason: &str, message: &str, cluster: &mut Cluster) {
        cluster.with_pod(name, |p, recorder| {
            recorder.record(
                Kind::Pod,
                &p.metadata,
                "Warning",
                reason.to_string(),
                format_args!("{message}"),
                COMPONENT,
                &p.spec.node_name,
            );
        });
        let _ = cluster.store.modify::<Pod>(name, |p| {
            set_str(&mut p.status.phase, "Failed");
            p.status.reason = reason.to_string();
            p.status.message = format!("Pod was rejected: {message}");
        });
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!("rejected at admission ({reason}): {message}"),
        });
        cluster.finish_pod_deletion_if_ready(name);
    }

    /// Whether `fail` can act on the pod: a kubelet runs it, and it is neither finished nor
    /// being stopped (a pod left on a removed node has no kubelet).
    pub fn can_fail(&self, name: &str) -> bool {
        self.pods
            .get(name)
            .is_some_and(|rt| !rt.done && !rt.terminating)
    }

    /// Fault injection: the running container exits now with `code` (or its next start fails).
    pub fn fail(&mut self, name: &str, code: i32, cluster: &mut Cluster) -> bool {
        let Some(rt) = self.pods.get_mut(name) else {
            return false;
        };
        if rt.done || rt.terminating {
            return false;
        }
        let i = rt.init_done;
        // The first container has ended (for good, or waiting to restart) and others run on:
        // the first of those still running fails.
        let other = cluster.store.get::<Pod>(name).and_then(|p| {
            let statuses = &p.status.container_statuses;
            let first_done = statuses.first().is_some_and(|c| c.state.running.is_none());
            let running = statuses.iter().position(|c| c.state.running.is_some())?;
            (first_done && rt.others.iter().any(|o| o.index == running)).then_some(running)
        });
        if let Some(j) = other {
            self.container_exit(name, j, Some(code), cluster);
            return true;
        }
        rt.forced_exit = Some(code);
        let (running, init_running) = cluster.store.get::<Pod>(name).map_or((false, false), |p| {
            let running =
                |c: Option<&ContainerStatus>| c.is_some_and(|c| c.state.running.is_some());
            (
                running(p.status.container_statuses.first()),
                rt.attempts == 0 && running(p.status.init_container_statuses.get(i)),
            )
        });
        // During initialization, the running init container is the one that fails.
        let wake = if init_running {
            Wake::InitDone
        } else {
            Wake::Exit
        };
        if running || init_running {
            // The new token cancels the run's own exit. The container dies now, and the API
            // hears of it now (PLEG), not at the next instant, so a paused page shows it at
            // once; a stopped kubelet reports it only when it starts again.
            rt.token += 1;
            if self.on_stopped_node(name, cluster) {
                let now = cluster.now;
                self.wake_at(now, name, wake);
            } else {
                self.wake(name, wake, cluster);
                self.release_if_finished(name);
            }
        }
        true
    }

    /// Runs every wake-up due at `now`.
    pub fn run_due(&mut self, cluster: &mut Cluster) -> bool {
        let mut any = false;
        while let Some((at, node)) = self.status_syncs.first().cloned() {
            if at > cluster.now {
                break;
            }
            self.status_syncs.remove(&(at, node.clone()));
            // A stopped kubelet syncs nothing; started again, it syncs at once.
            if !self.is_stopped(&node) {
                self.sync_node_status(&node, cluster);
                any = true;
            }
        }
        while let Some(entry) = self.timers.first_entry() {
            if entry.key().0 > cluster.now {
                break;
            }
            let at = entry.key().0;
            let (pod, token, wake) = entry.remove();
            if !self.stopped.is_empty() && self.on_stopped_node(&pod, cluster) {
                self.deferred.push((at, pod, token, wake));
                continue;
            }
            any |= self.run_timer(&pod, token, wake, cluster);
        }
        any
    }

    /// One wake-up taken off the timers: run unless cancelled. True when it ran.
    fn run_timer(&mut self, pod: &str, token: u64, wake: Wake, cluster: &mut Cluster) -> bool {
        self.count_down(pod);
        // A new token cancels what the running attempt had due (its exit, its liveness
        // probes), not the pod's own deadline nor its readiness probes, which run on
        // while the container is being killed (prober/worker.go) and check their run.
        // Nor the exits of side-by-side containers: a new token is about the first container
        // (a fault, a probe kill); a kill of the pod marks it terminating, which they check.
        let own = matches!(
            wake,
            Wake::Deadline
                | Wake::Readiness(_)
                | Wake::ContainerExit(..)
                | Wake::ContainerRestart(_)
                | Wake::ContainerBackOff(_)
                | Wake::ContainerReady(..)
                | Wake::ContainerLiveness(..)
                | Wake::ContainerReadiness(..)
                | Wake::ContainerStartup(..)
                | Wake::ContainerKilled(..)
                | Wake::SidecarExit(..)
                | Wake::SidecarRestart(_)
                | Wake::SidecarBackOff(_)
                | Wake::SidecarReadiness(..)
        );
        let valid = self
            .pods
            .get(pod)
            .is_some_and(|rt| own || rt.token == token);
        if valid {
            self.wake(pod, wake, cluster);
        }
        self.release_if_finished(pod);
        valid
    }

    fn wake(&mut self, name: &str, wake: Wake, cluster: &mut Cluster) {
        let Some(pod) = cluster.store.get::<Pod>(name).map(PodFacts::of) else {
            self.drop_runtime(name);
            return;
        };
        match wake {
            Wake::Start => self.start(name, cluster),
            Wake::Ready => self.containers_ready(name, cluster),
            Wake::Exit => {
                self.exit(name, &pod, cluster);
                self.report_sibling_backoffs(name, 0, cluster);
            }
            Wake::BackOff => self.report_backoff(name, cluster),
            Wake::ContainerBackOff(i) => self.report_container_backoff(name, i, cluster),
            Wake::ContainerRestart(i) => self.container_restart(name, i, cluster),
            Wake::ContainerReady(i, run) => self.container_ready(name, i, run, cluster),
            Wake::ContainerLiveness(i, run) => self.container_liveness(name, i, run, cluster),
            Wake::ContainerReadiness(i, run) => self.container_readiness(name, i, run, cluster),
            Wake::ContainerStartup(i, run) => self.container_startup(name, i, run, cluster),
            Wake::ContainerKilled(i, run, code) => {
                if self.current_run(name, i, run) {
                    self.container_exit(name, i, Some(code), cluster);
                }
            }
            Wake::InitDone => self.init_exit(name, &pod, cluster),
            Wake::Probe(run) => self.probe(name, run, &pod, cluster),
            Wake::Readiness(run) => self.readiness_probe(name, run, &pod, cluster),
            Wake::Startup(run) => self.startup_probe(name, run, &pod, cluster),
            Wake::Deadline => self.deadline_exceeded(name, cluster),
            Wake::ImageRetry => self.image_retry(name, cluster),
            Wake::SidecarsStopped => self.sidecars_stopped(name, cluster),
            Wake::ContainerExit(i, run) => {
                let current = self
                    .pods
                    .get(name)
                    .is_some_and(|rt| rt.others.iter().any(|o| o.index == i && o.starts == run));
                if current {
                    self.container_exit(name, i, None, cluster);
                    self.report_sibling_backoffs(name, i, cluster);
                }
            }
            Wake::SidecarStarted(i) => self.sidecar_probe_passed(name, i, true, cluster),
            Wake::SidecarReady(i) => self.sidecar_probe_passed(name, i, false, cluster),
            Wake::Terminated => self.containers_stopped(name, cluster),
            Wake::EndedWhileStopping(i) => self.ended_while_stopping(name, i, cluster),
            Wake::SidecarExit(i, run) => self.sidecar_exit(name, i, run, cluster),
            Wake::SidecarRestart(i) => self.sidecar_restart(name, i, cluster),
            Wake::SidecarBackOff(i) => self.report_sidecar_backoff(name, i, cluster),
            Wake::SidecarStopped(i) => self.sidecar_stopped(name, i, cluster),
            Wake::SidecarReadiness(i, run) => self.sidecar_readiness(name, i, run, cluster),
        }
    }

    /// The pod's containers start (or, during initialization, the next init container runs).
    fn start(&mut self, name: &str, cluster: &mut Cluster) {
        let now = cluster.now;
        if self.network_not_ready(name, cluster) {
            self.wake_at(now + WORKER_BACKOFF, name, Wake::Start);
            return;
        }
        // Init containers first, one at a time (kuberuntime_manager.go
        // computePodActions: the next init container before any container).
        let init_pending = self.pods.get(name).is_some_and(|rt| {
            rt.attempts == 0
                && cluster
                    .store
                    .get::<Pod>(name)
                    .is_some_and(|p| rt.init_done < p.spec.init_containers.len())
        });
        if init_pending {
            self.run_init(name, cluster);
            return;
        }
        let Some(rt) = self.pods.get_mut(name) else {
            return;
        };
        rt.attempts += 1;
        rt.first_restarting = false;
        let b = rt.behaviour.clone();
        let forced = rt.forced_exit.take();
        let first = rt.attempts == 1;
        let ready_probe = rt.readiness.clone();
        let startup_probe = rt.startup.clone();
        let attempt = rt.attempts;
        let pulled_at_admission = std::mem::take(&mut rt.pulling);
        // startContainer, for each container in turn (kuberuntime_container.go): the
        // image (EnsureImageExists, so a restart pulls again under Always), then create
        // and start. (how long a pull took, whether Pulling was said) per container.
        // A restart is the first container's alone: the others restart on their own.
        let starting_now = if first { usize::MAX } else { 1 };
        let plan: Vec<(Option<Duration>, bool)> = match cluster.store.get::<Pod>(name) {
            Some(p) => {
                let node: Rc<str> = Rc::from(p.spec.node_name.as_str());
                p.spec
                    .containers
                    .iter()
                    .take(starting_now)
                    .map(|c| {
                        let admitted = pulled_at_admission.contains(&c.name);
                        let since = admitted.then_some(b.start_delay);
                        (self.ensure_image(&node, c, since), admitted)
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        cluster.with_pod(name, |p, recorder| {
            for (c, (pull, announced)) in p.spec.containers.iter().zip(&plan) {
                record_container_start(recorder, p, c, *pull, *announced);
            }
        });
        // A readiness probe the simulation runs decides Ready itself; until it passes
        // the container is not ready (prober worker: initialValue Failure). A startup
        // probe holds both back (prober_manager.go isContainerStarted).
        let starting = startup_probe.is_some();
        let ready_now = !starting && ready_probe.is_none() && b.ready_after == Duration::ZERO;
        // The other containers' own probe delays, on their first start (index, delay), and
        // those whose readiness probe the simulation runs (not ready until it passes).
        let others_ready_at: Vec<(usize, Duration)> = match self.pods.get(name) {
            Some(rt) if first => rt
                .others
                .iter()
                .filter(|o| {
                    o.behaviour.ready_after > Duration::ZERO
                        || o.readiness.is_some()
                        || o.startup.is_some()
                })
                .map(|o| (o.index, o.behaviour.ready_after))
                .collect(),
            _ => Vec::new(),
        };
        let probed: Vec<usize> = match self.pods.get(name) {
            Some(rt) if first => rt.others.iter().map(|o| o.index).collect(),
            _ => Vec::new(),
        };
        // Those with a startup probe are not started until it passes.
        let others_starting: Vec<usize> = match self.pods.get(name) {
            Some(rt) if first => rt
                .others
                .iter()
                .filter(|o| o.startup.is_some())
                .map(|o| o.index)
                .collect(),
            _ => Vec::new(),
        };
        for (i, d) in &others_ready_at {
            if *d > Duration::ZERO && !self.has_own_probes(name, *i) {
                self.wake_at(now + *d, name, Wake::ContainerReady(*i, 1));
            }
        }
        for i in probed {
            self.schedule_container_probes(name, i, 1, now);
        }
        let ip = self.sandbox_ip(name, cluster);
        let _ = cluster.store.modify::<Pod>(name, |p| {
            set_str(&mut p.status.phase, "Running");
            if let Some(ip) = ip {
                p.status.pod_ip = ip;
            }
            for (k, cs) in p
                .status
                .container_statuses
                .iter_mut()
                .enumerate()
                .take(starting_now)
            {
                // The run that ended is now the last one.
                start_run(cs, now);
                // restartCount counts restarts that happened (not exits).
                if !first {
                    cs.restart_count += 1;
                }
                // The others are ready at once unless a probe of their own holds them.
                if k == 0 {
                    cs.started = !starting;
                    cs.ready = ready_now;
                } else {
                    cs.started = !others_starting.contains(&k);
                    cs.ready = others_ready_at.iter().all(|(i, _)| *i != k);
                }
            }
            if all_ready(p) {
                set_condition(p, "Ready", "True", "", Some(now));
            }
        });
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: "container started".into(),
        });
        if let Some(sp) = startup_probe {
            self.wake_at(
                now + first_probe(&sp, Duration::ZERO),
                name,
                Wake::Startup(attempt),
            );
        } else {
            self.after_start(name, attempt, now, now, false);
        }
        if let Some(code) = forced {
            if let Some(rt) = self.pods.get_mut(name) {
                rt.forced_exit = Some(code);
            }
            self.wake_at(now, name, Wake::Exit);
        } else if let Some(d) = b.duration {
            self.wake_at(now + d, name, Wake::Exit);
        }
        // The others start with it the first time; later they restart on their own.
        let others: Vec<(usize, Duration)> = match self.pods.get_mut(name) {
            Some(rt) if first => rt
                .others
                .iter_mut()
                .filter_map(|o| {
                    o.starts = 1;
                    Some((o.index, o.behaviour.duration?))
                })
                .collect(),
            _ => Vec::new(),
        };
        for (i, d) in others {
            self.wake_at(now + d, name, Wake::ContainerExit(i, 1));
        }
    }

    /// The first container's `ready-after` hint has run out: the running containers are ready.
    fn containers_ready(&mut self, name: &str, cluster: &mut Cluster) {
        let now = cluster.now;
        let _ = cluster.store.modify::<Pod>(name, |p| {
            // The hint is the first container's; the others have their own readiness, and
            // one not ready keeps the pod not ready (status/generate.go ContainersNotReady).
            if let Some(cs) = p.status.container_statuses.first_mut() {
                if cs.state.running.is_some() {
                    cs.ready = true;
                }
            }
            if all_ready(p) {
                set_condition(p, "Ready", "True", "", Some(now));
            }
        });
    }

    /// Container `i`'s own probe delay after its start number `run` is over: it is ready (a
    /// later restart has its own wake-up).
    fn container_ready(&mut self, name: &str, i: usize, run: usize, cluster: &mut Cluster) {
        let now = cluster.now;
        let current = self.pods.get(name).is_some_and(|rt| {
            !rt.done && !rt.terminating && rt.others.iter().any(|o| o.index == i && o.starts == run)
        });
        if !current {
            return;
        }
        let _ = cluster.store.modify::<Pod>(name, |p| {
            if let Some(cs) = p.status.container_statuses.get_mut(i) {
                if cs.state.running.is_some() {
                    cs.ready = true;
                }
            }
            if all_ready(p) {
                set_condition(p, "Ready", "True", "", Some(now));
            }
        });
    }

    /// A pod sync retried after EnsureImageExists refused an image (pod_workers.go retries a
    /// failed sync after its back-off period): the image is asked for again, and the Events
    /// said again while it is still refused.
    fn image_retry(&mut self, name: &str, cluster: &mut Cluster) {
        let mut stuck = self
            .pods
            .get(name)
            .filter(|rt| !rt.terminating && !rt.done)
            .map(|rt| rt.image_stuck.clone())
            .unwrap_or_default();
        if stuck.is_empty() {
            return;
        }
        // EnsureImageExists asks for the image again: one pulled meanwhile (by another
        // pod on the node) is there now for a Never container.
        let Some((node, init)) = cluster
            .store
            .get::<Pod>(name)
            .map(|p| (p.spec.node_name.clone(), !p.spec.init_containers.is_empty()))
        else {
            return;
        };
        stuck.retain(|st| st.reason != "ErrImageNeverPull" || !self.has_image(&node, &st.image));
        if let Some(rt) = self.pods.get_mut(name) {
            rt.image_stuck = stuck.clone();
        }
        if stuck.is_empty() {
            // The containers are created now, as on a first start.
            let _ = cluster.store.modify::<Pod>(name, |p| {
                for cs in &mut p.status.container_statuses {
                    cs.state = waiting(if init {
                        "PodInitializing"
                    } else {
                        "ContainerCreating"
                    });
                }
                for cs in &mut p.status.init_container_statuses {
                    cs.state = waiting("PodInitializing");
                }
            });
            self.wake_at(cluster.now, name, Wake::Start);
            return;
        }
        cluster.with_pod(name, |p, recorder| record_image_stuck(recorder, p, &stuck));
        self.wake_at(cluster.now + POD_WORKER_BACKOFF, name, Wake::ImageRetry);
    }

    /// A pod sync while the first container (or the init container) waits out its back-off.
    fn report_backoff(&mut self, name: &str, cluster: &mut Cluster) {
        if !self.backoff_sync(name, 0, cluster.now) {
            return;
        }
        // The sync after the one that met the back-off reports it: the exited
        // container waits, CrashLoopBackOff, its run the last state.
        // During initialization it is the init container that failed (the ones
        // before it exited 0 and keep their Completed state).
        let init = self.pods.get(name).map_or(0, |rt| rt.init_done);
        // It is the first container's (the others back off on their own).
        let exited = cluster.store.get::<Pod>(name).is_some_and(|p| {
            p.status
                .container_statuses
                .first()
                .is_some_and(|c| c.state.terminated.is_some())
                || failed_init(p, init).is_some()
        });
        if exited {
            let (first_at, init_at) = self.pods.get(name).map_or((None, None), |rt| {
                (rt.backoff.map(|b| b.1), rt.init_backoff.map(|b| b.1))
            });
            let mut moved = Vec::new();
            let _ = cluster.store.modify::<Pod>(name, |p| {
                let pod = pod_ref(p);
                if let Some(i) = failed_init(p, init) {
                    if let Some(cs) = p.status.init_container_statuses.get_mut(i) {
                        moved.extend(backing_off(cs, init_at, &pod).map(|b| ((true, i), b)));
                    }
                }
                if let Some(cs) = p.status.container_statuses.first_mut() {
                    moved.extend(backing_off(cs, first_at, &pod).map(|b| ((false, 0), b)));
                }
            });
            self.keep_before_last(name, moved);
        }
        record_backoff(name, None, cluster)
    }

    /// A container's exit syncs the whole pod: the status of every container is generated
    /// again, so one waiting out a back-off met in an earlier sync now reads CrashLoopBackOff,
    /// and doBackOff records BackOff for it once more (kuberuntime_manager.go SyncPod walks
    /// every container of computePodActions). `exited`: the container whose exit it was.
    fn report_sibling_backoffs(&mut self, name: &str, exited: usize, cluster: &mut Cluster) {
        let now = cluster.now;
        let Some(rt) = self.pods.get(name).filter(|rt| !rt.done && !rt.terminating) else {
            return;
        };
        let mut waiting: Vec<usize> = rt
            .others
            .iter()
            .filter(|o| o.restarting && o.index != exited)
            .map(|o| o.index)
            .collect();
        if rt.first_restarting && exited != 0 {
            waiting.insert(0, 0);
        }
        // Only a back-off met before now: a container that exited at this instant either
        // restarts at once or meets its back-off in this same sync.
        let Some(pod) = cluster.store.get::<Pod>(name) else {
            return;
        };
        waiting.retain(|&i| {
            pod.status.container_statuses.get(i).is_some_and(|cs| {
                cs.state
                    .terminated
                    .as_ref()
                    .is_some_and(|t| t.finished_at < now)
                    || cs
                        .state
                        .waiting
                        .as_ref()
                        .is_some_and(|w| w.reason == "CrashLoopBackOff")
            })
        });
        for i in waiting {
            match i {
                0 => self.report_backoff(name, cluster),
                i => self.report_container_backoff(name, i, cluster),
            }
        }
    }

    /// Keeps, for each container just moved into its back-off, the run before the one that
    /// exited (None: it had none).
    fn keep_before_last(
        &mut self,
        name: &str,
        moved: impl IntoIterator<Item = ((bool, usize), Option<ContainerStateTerminated>)>,
    ) {
        let Some(rt) = self.pods.get_mut(name) else {
            return;
        };
        for (slot, before) in moved {
            rt.before_last.retain(|(s, _)| *s != slot);
            if let Some(t) = before {
                rt.before_last.push((slot, t));
            }
        }
    }

    /// Marks container `i`'s back-off as met by the sync at `now`; false if that sync already did.
    fn backoff_sync(&mut self, name: &str, i: usize, now: Time) -> bool {
        let Some(rt) = self.pods.get_mut(name) else {
            return true;
        };
        let (at, done) = &mut rt.backoff_synced;
        if *at != now {
            *at = now;
            done.clear();
        }
        if done.contains(&i) {
            return false;
        }
        done.push(i);
        true
    }

    /// A pod sync while container `i` waits out its own back-off.
    fn report_container_backoff(&mut self, name: &str, i: usize, cluster: &mut Cluster) {
        if self
            .pods
            .get(name)
            .is_none_or(|rt| rt.done || rt.terminating)
        {
            return;
        }
        if !self.backoff_sync(name, i, cluster.now) {
            return;
        }
        let restart_at = self.pods.get(name).and_then(|rt| {
            rt.others
                .iter()
                .find(|o| o.index == i)?
                .backoff
                .map(|b| b.1)
        });
        // Only the first sync in back-off changes the status (the container turns Waiting,
        // CrashLoopBackOff); the later ones generate the same status, which the status manager
        // does not write again (status_manager.go isPodStatusByKubeletEqual).
        let exited = cluster.store.get::<Pod>(name).is_some_and(|p| {
            let cs = p.status.container_statuses.get(i);
            cs.is_some_and(|cs| cs.state.terminated.is_some())
        });
        if exited {
            let mut moved = None;
            let _ = cluster.store.modify::<Pod>(name, |p| {
                let pod = pod_ref(p);
                if let Some(cs) = p.status.container_statuses.get_mut(i) {
                    moved = backing_off(cs, restart_at, &pod).map(|b| ((false, i), b));
                }
            });
            self.keep_before_last(name, moved);
        }
        record_backoff(name, Some(i), cluster)
    }

    /// Plans the running sidecars' stops after the regular containers' (`main_done`), each
    /// with a wake-up when it ends; returns when the last container has stopped.
    fn plan_sidecar_stops(&mut self, name: &str, main_done: Time, cluster: &Cluster) -> Time {
        let now = cluster.now;
        let (Some(p), Some(rt)) = (cluster.store.get::<Pod>(name), self.pods.get_mut(name)) else {
            return main_done;
        };
        let plan = sidecar_stop_plan(p, &rt.sidecars, now, main_done);
        let last = plan.iter().map(|s| s.at).fold(main_done, Time::max);
        for s in &plan {
            self.wake_at(s.at, name, Wake::SidecarStopped(s.index));
        }
        if let Some(rt) = self.pods.get_mut(name) {
            rt.sidecar_stops = plan;
        }
        last
    }

    /// Sidecar `i` of a pod being killed has stopped in its turn: its exit code, now.
    fn sidecar_stopped(&mut self, name: &str, i: usize, cluster: &mut Cluster) {
        let now = cluster.now;
        let Some(code) = self.pods.get(name).filter(|rt| !rt.done).and_then(|rt| {
            let s = rt.sidecar_stops.iter().find(|s| s.index == i)?;
            Some(s.code)
        }) else {
            return;
        };
        let _ = cluster.store.modify::<Pod>(name, |p| {
            if let Some(cs) = p.status.init_container_statuses.get_mut(i) {
                exit_running(cs, code, now);
            }
        });
    }

    /// Sidecar `i` ends its start `run` by its own script. It is started again after its own
    /// crash-loop back-off whatever the pod's restartPolicy (computeInitContainerActions;
    /// doBackOff), the containers running on meanwhile; the pod is not ready until it is
    /// (status/generate.go counts a sidecar's readiness). A pod being stopped keeps it exited.
    fn sidecar_exit(&mut self, name: &str, i: usize, run: u32, cluster: &mut Cluster) {
        let now = cluster.now;
        let Some(rt) = self.pods.get_mut(name) else {
            return;
        };
        let stopping = rt.terminating || rt.finishing.is_some();
        let Some(sc) = rt
            .sidecars
            .iter_mut()
            .find(|s| s.index == i && s.starts == run && !s.restarting)
        else {
            return;
        };
        if rt.done {
            return;
        }
        let code = sc.code;
        let mut ran = false;
        let _ = cluster.store.modify::<Pod>(name, |p| {
            if let Some(cs) = p.status.init_container_statuses.get_mut(i) {
                ran = exit_running(cs, code, now);
            }
            if ran && !stopping {
                set_condition(p, "Ready", "False", "ContainersNotReady", Some(now));
            }
        });
        if !ran || stopping {
            return;
        }
        sc.restarting = true;
        let delay = container_backoff(&mut sc.backoff, now, now);
        if delay > Duration::ZERO {
            self.backoff_sync(name, SIDECAR_SYNC_KEY + i, now);
            record_init_backoff(name, i, cluster);
            self.backoff_syncs(name, now, delay, Wake::SidecarBackOff(i));
        }
        let container = cluster
            .store
            .get::<Pod>(name)
            .and_then(|p| p.spec.init_containers.get(i))
            .map_or(String::new(), |c| c.name.clone());
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!(
                "sidecar {container} exited with code {code}: restarting in {}s (a sidecar always restarts)",
                delay.whole_secs()
            ),
        });
        self.wake_at(now + delay, name, Wake::SidecarRestart(i));
    }

    /// Sidecar `i`'s back-off is over: it starts again (its image, Created, Started), one more
    /// restart in its count.
    fn sidecar_restart(&mut self, name: &str, i: usize, cluster: &mut Cluster) {
        let now = cluster.now;
        let Some(rt) = self.pods.get_mut(name) else {
            return;
        };
        if rt.done || rt.terminating || rt.finishing.is_some() {
            return;
        }
        let Some(sc) = rt
            .sidecars
            .iter_mut()
            .find(|s| s.index == i && s.restarting)
        else {
            return;
        };
        sc.restarting = false;
        sc.starts += 1;
        let (run_for, run) = (sc.run_for, sc.starts);
        let readiness = sc.readiness.clone();
        let Some((c, node)) = cluster.store.get::<Pod>(name).and_then(|p| {
            let c = p.spec.init_containers.get(i)?.clone();
            Some((c, Rc::<str>::from(p.spec.node_name.as_str())))
        }) else {
            return;
        };
        let pull = self.ensure_image(&node, &c, None);
        cluster.with_pod(name, |p, recorder| {
            record_container_start(recorder, p, &c, pull, false);
        });
        let (started_after, ready_after) = sidecar_probe_delays(&c);
        let _ = cluster.store.modify::<Pod>(name, |p| {
            if let Some(cs) = p.status.init_container_statuses.get_mut(i) {
                start_run(cs, now);
                cs.restart_count += 1;
                cs.started = started_after == Duration::ZERO;
                cs.ready = ready_after == Duration::ZERO && readiness.is_none();
            }
            if all_ready(p) {
                set_condition(p, "Ready", "True", "", Some(now));
            }
        });
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!("sidecar {} restarted", c.name),
        });
        if let Some(d) = run_for {
            self.wake_at(now + d, name, Wake::SidecarExit(i, run));
        }
        if started_after > Duration::ZERO {
            self.wake_at(now + started_after, name, Wake::SidecarStarted(i));
        }
        if let Some(r) = &readiness {
            let first = first_probe(r, started_after);
            self.wake_at(now + first, name, Wake::SidecarReadiness(i, run));
        } else if ready_after > started_after {
            self.wake_at(now + ready_after, name, Wake::SidecarReady(i));
        }
    }

    /// A pod sync while sidecar `i` waits out its back-off: the first turns its state to
    /// CrashLoopBackOff (its run the last state); each records BackOff.
    fn report_sidecar_backoff(&mut self, name: &str, i: usize, cluster: &mut Cluster) {
        let Some(rt) = self.pods.get(name) else {
            return;
        };
        if rt.done || rt.terminating || rt.finishing.is_some() {
            return;
        }
        let Some(restart_at) = rt
            .sidecars
            .iter()
            .find(|s| s.index == i && s.restarting)
            .map(|s| s.backoff.map(|b| b.1))
        else {
            return;
        };
        if !self.backoff_sync(name, SIDECAR_SYNC_KEY + i, cluster.now) {
            return;
        }
        let mut moved = None;
        let _ = cluster.store.modify::<Pod>(name, |p| {
            let pod = pod_ref(p);
            if let Some(cs) = p.status.init_container_statuses.get_mut(i) {
                moved = backing_off(cs, restart_at, &pod).map(|b| ((true, i), b));
            }
        });
        self.keep_before_last(name, moved);
        record_init_backoff(name, i, cluster);
    }

    /// A sidecar's startup probe (`started`) or readiness probe passed.
    fn sidecar_probe_passed(&mut self, name: &str, i: usize, started: bool, cluster: &mut Cluster) {
        let now = cluster.now;
        if self
            .pods
            .get(name)
            .is_none_or(|rt| rt.done || rt.terminating)
        {
            return;
        }
        let ready = !started
            || cluster.store.get::<Pod>(name).is_some_and(|p| {
                p.spec.init_containers.get(i).is_some_and(|c| {
                    // Ready as it starts unless its readiness probe comes later.
                    let (started, ready) = sidecar_probe_delays(c);
                    ready <= started && sidecar_readiness_probe(c).is_none()
                })
            });
        let _ = cluster.store.modify::<Pod>(name, |p| {
            if let Some(cs) = p.status.init_container_statuses.get_mut(i) {
                if cs.state.running.is_some() {
                    cs.started |= started;
                    cs.ready |= ready && cs.started;
                }
            }
            // The pod is ready once its sidecars are too (status/generate.go).
            let running = p
                .status
                .container_statuses
                .iter()
                .any(|c| c.state.running.is_some());
            if running && all_ready(p) {
                set_condition(p, "Ready", "True", "", Some(now));
            }
        });
        // A restarted sidecar's startup probe does not move initialization on again.
        if started && self.pods.get(name).is_some_and(|rt| rt.init_done == i) {
            self.sidecar_started(name, now);
        }
    }

    /// The deleted pod's containers have stopped (SIGTERM handled, or SIGKILL at the end of its grace period): the pod is terminal.
    fn containers_stopped(&mut self, name: &str, cluster: &mut Cluster) {
        let now = cluster.now;
        let (killed, stop_codes, deadline) =
            self.pods
                .get_mut(name)
                .map_or((false, Vec::new(), false), |rt| {
                    rt.done = true;
                    (rt.killed, rt.stop_codes.clone(), rt.deadline_exceeded)
                });
        let plan = self
            .pods
            .get_mut(name)
            .map(|rt| std::mem::take(&mut rt.sidecar_stops))
            .unwrap_or_default();
        // The first container ended by itself (its script), not by the signal.
        let first_handles = cluster
            .store
            .get::<Pod>(name)
            .and_then(|p| p.spec.containers.first())
            .is_some_and(handles_sigterm);
        let own = stop_codes
            .iter()
            .find(|(k, _)| *k == 0 && !first_handles)
            .map(|(_, c)| *c);
        self.release_ip(name);
        let _ = cluster.store.modify::<Pod>(name, |p| {
            // A pod that had not succeeded ends Failed.
            // The containers that ran stop; one still waiting (PodInitializing, a
            // back-off) never ran this time and keeps its state (status_manager.go
            // TerminatePod leaves an uninitialized pod's containers alone).
            let containers = &p.spec.containers;
            for (k, cs) in p.status.container_statuses.iter_mut().enumerate() {
                if let Some(r) = cs.state.running.take() {
                    // The exit it came to by itself, or how it stops (`stop_exit_code`); all
                    // are killed (137) when the grace period ran out.
                    let stopped = match containers.get(k) {
                        Some(c) if !killed => stop_exit_code(c),
                        _ => 137,
                    };
                    let code = stop_codes
                        .iter()
                        .find(|(i, _)| *i == k)
                        .map_or(stopped, |(_, c)| *c);
                    cs.state = terminated(code, r.started_at, now);
                }
                cs.ready = false;
                cs.started = false;
            }
            // getPhase of a terminal pod: Succeeded when every container exited 0.
            let all_ok = p.status.container_statuses.iter().all(|c| {
                c.state
                    .terminated
                    .as_ref()
                    .is_some_and(|t| t.exit_code == 0)
            });
            if all_ok {
                set_str(&mut p.status.phase, "Succeeded");
            } else if p.status.phase != "Succeeded" {
                set_str(&mut p.status.phase, "Failed");
            }
            stop_sidecars(p, &plan, killed && own.is_none(), now);
            if deadline {
                p.status.reason = "DeadlineExceeded".into();
                p.status.message = DEADLINE_MESSAGE.into();
            }
            let reason = terminal_reason(&p.status.phase);
            set_condition(p, "Ready", "False", reason, Some(now));
        });
        cluster.finish_pod_deletion_if_ready(name);
    }

    /// The pod's `spec.activeDeadlineSeconds` has passed since its start time
    /// (pkg/kubelet/active_deadline.go): a Normal `DeadlineExceeded` Event and its containers
    /// killed as for a deletion (SIGTERM, SIGKILL after the grace period). The kubelet's status
    /// says Failed at once (generateAPIPodStatus), but the status manager holds a terminal phase
    /// back while containers may run (status_manager.go mergePodStatus): the API shows the pod
    /// Running, not ready, until they have stopped; then Failed, DeadlineExceeded.
    fn deadline_exceeded(&mut self, name: &str, cluster: &mut Cluster) {
        let now = cluster.now;
        let Some(rt) = self.pods.get_mut(name) else {
            return;
        };
        if rt.terminating || rt.done {
            return;
        }
        rt.terminating = true;
        rt.deadline_exceeded = true;
        rt.token += 1;
        cluster.with_pod(name, |p, recorder| {
            let node = p.spec.node_name.as_str();
            recorder.record(
                Kind::Pod,
                &p.metadata,
                "Normal",
                "DeadlineExceeded",
                format_args!("{DEADLINE_MESSAGE}"),
                COMPONENT,
                node,
            );
            record_killing(recorder, p);
        });
        let (stop, killed) = cluster
            .store
            .get::<Pod>(name)
            .and_then(regular_termination)
            .unwrap_or((Duration::ZERO, false));
        let stop = self.plan_sidecar_stops(name, now + stop, cluster) - now;
        let _ = cluster.store.modify::<Pod>(name, |p| {
            // The conditions are the kubelet's own and are not held back (mergePodStatus):
            // generated for a Failed pod, Ready is False (status/generate.go), though its
            // containers are still stopping.
            for cs in &mut p.status.container_statuses {
                cs.ready = false;
            }
            set_condition(p, "Ready", "False", "PodFailed", Some(now));
        });
        if let Some(rt) = self.pods.get_mut(name) {
            rt.killed = killed;
            rt.stop_codes.clear();
            rt.stop_at = Some(now + stop);
        }
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!(
                "activeDeadlineSeconds passed: killing its containers ({}s); the pod turns Failed (DeadlineExceeded) once they have stopped",
                stop.whole_secs()
            ),
        });
        self.wake_at(now + stop, name, Wake::Terminated);
    }

    /// The running regular init container exits. Exit 0: the next one, or the containers,
    /// start. Else, under restartPolicy Never the pod fails (kubelet_pods.go getPhase: a failed
    /// initialization); under OnFailure and Always the init container restarts with the same
    /// crash-loop back-off as a container, and the containers wait.
    fn init_exit(&mut self, name: &str, pod: &PodFacts, cluster: &mut Cluster) {
        let now = cluster.now;
        let Some(rt) = self.pods.get_mut(name) else {
            return;
        };
        let i = rt.init_done;
        let code = rt.forced_exit.take().unwrap_or(rt.init_exit);
        let policy = pod.restart_policy.as_ref();
        let mut container = String::new();
        // prober_manager.go UpdatePodStatus: a regular init container that exited 0 is ready.
        let finish = |cs: &mut ContainerStatus| {
            let started_at = cs.state.running.as_ref().map_or(now, |r| r.started_at);
            cs.state = terminated(code, started_at, now);
            cs.started = false;
            cs.ready = code == 0;
        };
        if code == 0 {
            rt.init_done += 1;
            rt.init_starts = 0;
            rt.init_backoff = None;
            let _ = cluster.store.modify::<Pod>(name, |p| {
                if let Some(cs) = p.status.init_container_statuses.get_mut(i) {
                    finish(cs);
                }
            });
            self.wake_at(now, name, Wake::Start);
            return;
        }
        if policy == "Never" {
            // Sidecars started before it still run: stopped like the containers' end stops
            // them, and the pod fails once they have.
            if sidecars_running(cluster, name, Some(i)) {
                let _ = cluster.store.modify::<Pod>(name, |p| {
                    if let Some(cs) = p.status.init_container_statuses.get_mut(i) {
                        finish(cs);
                    }
                });
                self.stop_sidecars_then_finish(name, code, cluster);
                return;
            }
            self.settle_back_off(name, cluster);
            self.finish_run(name);
            let _ = cluster.store.modify::<Pod>(name, |p| {
                if let Some(cs) = p.status.init_container_statuses.get_mut(i) {
                    finish(cs);
                    container = cs.name.clone();
                }
                set_str(&mut p.status.phase, "Failed");
                set_condition(p, "Ready", "False", terminal_reason("Failed"), Some(now));
            });
            cluster.trace(COMPONENT, || Step::UpdateStatus {
                object: object_ref(Kind::Pod, name),
                summary: format!(
                    "init container {container} exited with code {code}: pod Failed (restartPolicy Never)"
                ),
            });
            cluster.finish_pod_deletion_if_ready(name);
            return;
        }
        // As for a container: `Init:Error` now, `Init:CrashLoopBackOff` from the next sync in
        // back-off (`Wake::BackOff`); the same back-off (kuberuntime_manager.go doBackOff).
        let _ = cluster.store.modify::<Pod>(name, |p| {
            if let Some(cs) = p.status.init_container_statuses.get_mut(i) {
                finish(cs);
                container = cs.name.clone();
            }
        });
        let delay = self.pods.get_mut(name).map_or(Duration::ZERO, |rt| {
            container_backoff(&mut rt.init_backoff, now, now)
        });
        let what = format!("init container {container} exited with code {code}");
        self.restart_after(name, delay, &what, policy, cluster);
    }

    /// A restart in place after `delay` (the crash-loop back-off): kuberuntime_manager.go
    /// doBackOff records BackOff on every sync in back-off, now and each time the pod worker
    /// retries until it is over.
    fn restart_after(
        &mut self,
        name: &str,
        delay: Duration,
        what: &str,
        policy: &str,
        cluster: &mut Cluster,
    ) {
        let now = cluster.now;
        if delay > Duration::ZERO {
            self.backoff_sync(name, 0, now);
            record_backoff(name, None, cluster);
            self.backoff_syncs(name, now, delay, Wake::BackOff);
        }
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!(
                "{what}: restarting in {}s (restartPolicy {policy})",
                delay.whole_secs()
            ),
        });
        if let Some(rt) = self.pods.get_mut(name) {
            rt.first_restarting = true;
        }
        self.wake_at(now + delay, name, Wake::Start);
    }

    /// The pod worker's syncs while a container waits out its back-off: each records BackOff
    /// (kuberuntime_manager.go doBackOff).
    fn backoff_syncs(&mut self, name: &str, now: Time, delay: Duration, wake: Wake) {
        let mut at = now + POD_WORKER_BACKOFF;
        while at < now + delay {
            self.wake_at(at, name, wake);
            at = at + POD_WORKER_BACKOFF;
        }
    }

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
        let has_others = self.pods.get(name).is_some_and(|rt| !rt.others.is_empty());
        if !restart && has_others {
            // The first of side-by-side containers: the others run on.
            let sidecars = sidecars_running(cluster, name, None);
            let restarting = self.restarting(name);
            let _ = cluster.store.modify::<Pod>(name, |p| {
                first_exited(p, &terminated);
                after_exit_status(p, sidecars, restarting, now);
            });
            self.after_container_exit(name, 0, code, cluster);
            return;
        }
        if !restart {
            if sidecars_running(cluster, name, None) {
                let _ = cluster
                    .store
                    .modify::<Pod>(name, |p| containers_exited(p, &terminated));
                self.stop_sidecars_then_finish(name, code, cluster);
                return;
            }
            self.settle_back_off(name, cluster);
            self.finish_run(name);
            let phase = if code == 0 { "Succeeded" } else { "Failed" };
            let _ = cluster.store.modify::<Pod>(name, |p| {
                containers_exited(p, &terminated);
                set_str(&mut p.status.phase, phase);
                set_condition(p, "Ready", "False", terminal_reason(phase), Some(now));
            });
            cluster.trace(COMPONENT, || Step::UpdateStatus {
                object: object_ref(Kind::Pod, name),
                summary: format!("container exited with code {code}: pod {phase}"),
            });
            cluster.finish_pod_deletion_if_ready(name);
            return;
        }
        // Restart in place. The first restart is immediate; later ones back off. The sync that
        // sees the exit reports it (Error, Completed): the status is generated before the
        // runtime meets the back-off, so `CrashLoopBackOff` is reported by the next sync
        // (kubelet_pods.go convertToAPIContainerStatuses and its reasonCache: `Wake::BackOff`).
        // A probe kill's restart is decided in the sync that killed the container, from the
        // status it read before: the exit before this one, if any (SyncPod; doBackOff).
        let previous_exit = cluster.store.get::<Pod>(name).and_then(|p| {
            p.status
                .container_statuses
                .first()?
                .last_state
                .terminated
                .as_ref()
                .map(|t| t.finished_at)
        });
        let delay = self.pods.get_mut(name).map_or(Duration::ZERO, |rt| {
            if std::mem::take(&mut rt.probe_killed) {
                match previous_exit {
                    Some(since) => container_backoff(&mut rt.backoff, now, since),
                    // doBackOff finds no exited instance: no back-off, and no entry either.
                    None => Duration::ZERO,
                }
            } else {
                container_backoff(&mut rt.backoff, now, now)
            }
        });
        // Only the first container exited: the others run on.
        let _ = cluster.store.modify::<Pod>(name, |p| {
            first_exited(p, &terminated);
            set_condition(p, "Ready", "False", "ContainersNotReady", Some(now));
        });
        let what = format!("container exited with code {code}");
        self.restart_after(name, delay, &what, policy, cluster);
    }

    /// Container `i` (not the first) ends by its own script, or with `forced` (a fault). Under
    /// restartPolicy Always, or OnFailure after a failure, it is restarted by itself, after its
    /// own crash-loop back-off (kuberuntime_manager.go computePodActions, doBackOff keyed by
    /// container); otherwise it stays exited, and the pod ends after the last container.
    fn container_exit(&mut self, name: &str, i: usize, forced: Option<i32>, cluster: &mut Cluster) {
        let now = cluster.now;
        let Some((code, terminating)) = self.pods.get(name).and_then(|rt| {
            let o = rt.others.iter().find(|o| o.index == i)?;
            let run = o.starts.saturating_sub(1);
            (!rt.done).then(|| {
                let code = forced.unwrap_or_else(|| o.behaviour.exit_code(run));
                (code, rt.terminating)
            })
        }) else {
            return;
        };
        if terminating {
            // Being killed, it ended by itself first (a script that ignores SIGTERM): it
            // stays exited; the pod ends with its last container (containers_stopped).
            let _ = cluster.store.modify::<Pod>(name, |p| {
                if let Some(cs) = p.status.container_statuses.get_mut(i) {
                    exit_running(cs, code, now);
                }
            });
            return;
        }
        let policy = cluster
            .store
            .get::<Pod>(name)
            .map(|p| p.spec.restart_policy.clone())
            .unwrap_or_default();
        let restart = match policy.as_str() {
            "Never" => false,
            "OnFailure" => code != 0,
            _ => true,
        };
        if restart {
            self.container_exit_to_restart(name, i, code, &policy, cluster);
            return;
        }
        let mut ran = false;
        let sidecars = sidecars_running(cluster, name, None);
        let restarting = self.restarting(name);
        let _ = cluster.store.modify::<Pod>(name, |p| {
            if let Some(cs) = p.status.container_statuses.get_mut(i) {
                if exit_running(cs, code, now) {
                    ran = true;
                    after_exit_status(p, sidecars, restarting, now);
                }
            }
        });
        if ran {
            self.after_container_exit(name, i, code, cluster);
        }
    }

    /// Some container waits to be restarted.
    fn restarting(&self, name: &str) -> bool {
        self.pods
            .get(name)
            .is_some_and(|rt| rt.first_restarting || rt.others.iter().any(|o| o.restarting))
    }

    /// Container `i` exited and will be restarted: not ready (nor the pod) meanwhile; the first
    /// restart is immediate, later ones wait 10 s doubling to 5 min, with BackOff Events and
    /// CrashLoopBackOff from the next sync on.
    fn container_exit_to_restart(
        &mut self,
        name: &str,
        i: usize,
        code: i32,
        policy: &str,
        cluster: &mut Cluster,
    ) {
        let now = cluster.now;
        let mut ran = false;
        let _ = cluster.store.modify::<Pod>(name, |p| {
            if let Some(cs) = p.status.container_statuses.get_mut(i) {
                ran = exit_running(cs, code, now);
            }
            if ran {
                set_condition(p, "Ready", "False", "ContainersNotReady", Some(now));
            }
        });
        if !ran {
            return;
        }
        let Some(delay) = self.pods.get_mut(name).and_then(|rt| {
            let o = rt.others.iter_mut().find(|o| o.index == i)?;
            o.restarting = true;
            Some(container_backoff(&mut o.backoff, now, now))
        }) else {
            return;
        };
        if delay > Duration::ZERO {
            self.backoff_sync(name, i, now);
            record_backoff(name, Some(i), cluster);
            self.backoff_syncs(name, now, delay, Wake::ContainerBackOff(i));
        }
        let container = cluster
            .store
            .get::<Pod>(name)
            .and_then(|p| p.spec.containers.get(i))
            .map_or(String::new(), |c| c.name.clone());
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!(
                "container {container} exited with code {code}: restarting in {}s (restartPolicy {policy})",
                delay.whole_secs()
            ),
        });
        self.wake_at(now + delay, name, Wake::ContainerRestart(i));
    }

    /// Container `i`'s back-off is over: it starts again by itself (its image, Created,
    /// Started), one more restart in its count.
    fn container_restart(&mut self, name: &str, i: usize, cluster: &mut Cluster) {
        let now = cluster.now;
        let Some(rt) = self.pods.get_mut(name) else {
            return;
        };
        if rt.done || rt.terminating {
            return;
        }
        let Some(o) = rt.others.iter_mut().find(|o| o.index == i && o.restarting) else {
            return;
        };
        o.restarting = false;
        o.starts += 1;
        let probed = o.readiness.is_some() || o.startup.is_some();
        let starting = o.startup.is_some();
        let (duration, ready_after, run) = (
            o.behaviour.duration,
            if probed {
                Duration::ZERO
            } else {
                o.behaviour.ready_after
            },
            o.starts,
        );
        let pull = cluster.store.get::<Pod>(name).and_then(|p| {
            let node: Rc<str> = Rc::from(p.spec.node_name.as_str());
            let c = p.spec.containers.get(i)?;
            Some(self.ensure_image(&node, c, None))
        });
        let Some(pull) = pull else {
            return;
        };
        cluster.with_pod(name, |p, recorder| {
            if let Some(c) = p.spec.containers.get(i) {
                record_container_start(recorder, p, c, pull, false);
            }
        });
        let mut container = String::new();
        let _ = cluster.store.modify::<Pod>(name, |p| {
            if let Some(cs) = p.status.container_statuses.get_mut(i) {
                start_run(cs, now);
                cs.restart_count += 1;
                cs.started = !starting;
                cs.ready = ready_after == Duration::ZERO && !probed;
                container = cs.name.clone();
            }
            if all_ready(p) {
                set_condition(p, "Ready", "True", "", Some(now));
            }
        });
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!("container {container} restarted"),
        });
        if let Some(d) = duration {
            self.wake_at(now + d, name, Wake::ContainerExit(i, run));
        }
        if ready_after > Duration::ZERO {
            self.wake_at(now + ready_after, name, Wake::ContainerReady(i, run));
        }
        self.schedule_container_probes(name, i, run, now);
    }

    /// One of side-by-side containers has exited for good (restartPolicy Never, or OnFailure
    /// with 0). While another runs or waits to restart the pod stays Running, not ready
    /// (kubelet_pods.go getPhase; status/generate.go ContainersNotReady); after the last,
    /// sidecars stop, then the pod is Failed if any container failed, else Succeeded.
    fn after_container_exit(&mut self, name: &str, i: usize, code: i32, cluster: &mut Cluster) {
        let Some(p) = cluster.store.get::<Pod>(name) else {
            return;
        };
        let container = p
            .spec
            .containers
            .get(i)
            .map_or("", |c| c.name.as_str())
            .to_string();
        // A container waiting out its back-off to restart is still going (getPhase: Running).
        let running = p
            .status
            .container_statuses
            .iter()
            .filter(|c| c.state.running.is_some())
            .count()
            + self.pods.get(name).map_or(0, |rt| {
                rt.others.iter().filter(|o| o.restarting).count() + usize::from(rt.first_restarting)
            });
        let failed = p.status.container_statuses.iter().any(|c| {
            c.state
                .terminated
                .as_ref()
                .is_some_and(|t| t.exit_code != 0)
        });
        if running > 0 {
            cluster.trace(COMPONENT, || Step::UpdateStatus {
                object: object_ref(Kind::Pod, name),
                summary: format!(
                    "container {container} exited with code {code}; {running} still running: pod stays Running"
                ),
            });
            return;
        }
        if sidecars_running(cluster, name, None) {
            // Its phase is read from this code: any failure fails the pod.
            let verdict = if failed { code.max(1) } else { 0 };
            self.stop_sidecars_then_finish(name, verdict, cluster);
            return;
        }
        self.settle_back_off(name, cluster);
        self.finish_run(name);
        let phase = if failed { "Failed" } else { "Succeeded" };
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!(
                "container {container} exited with code {code}, the last to run: pod {phase}"
            ),
        });
        cluster.finish_pod_deletion_if_ready(name);
    }

    /// The containers ended for good and sidecars still run: the kubelet kills the pod
    /// (kuberuntime_manager.go computePodActions: KillPod once no container is kept), which
    /// stops the sidecars like a deletion does, under the pod's grace period, with a `Killing`
    /// Event each. Until they have stopped the pod's phase stays Running: the kubelet reports a
    /// terminal phase only once every container has stopped (kubelet_pods.go
    /// generateAPIPodStatus), so a Job sees its pod finish only then.
    fn stop_sidecars_then_finish(&mut self, name: &str, code: i32, cluster: &mut Cluster) {
        let now = cluster.now;
        self.settle_back_off(name, cluster);
        let _ = cluster.store.modify::<Pod>(name, |p| {
            set_condition(p, "Ready", "False", "ContainersNotReady", Some(now));
        });
        {
            let (store, mut recorder) = cluster.split();
            let Some(p) = store.get::<Pod>(name) else {
                return;
            };
            record_killing(&mut recorder, p);
        }
        // No container runs: the sidecars' turns start now.
        let stop = self.plan_sidecar_stops(name, now, cluster) - now;
        let killed = true;
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!(
                "exited with code {code}: stopping the sidecars ({}s)",
                stop.whole_secs()
            ),
        });
        if let Some(rt) = self.pods.get_mut(name) {
            rt.finishing = Some((code, killed));
        }
        self.wake_at(now + stop, name, Wake::SidecarsStopped);
    }

    /// The pod's run is over for good: its sandbox goes, and its address with it.
    /// The pod's work is done: a container (a sidecar) waiting out its back-off is not
    /// restarted (ShouldContainerBeRestarted), its exited run is its state again, as for a
    /// deleted pod. Writes only when one waits.
    fn settle_back_off(&mut self, name: &str, cluster: &mut Cluster) {
        let waiting = cluster.store.get::<Pod>(name).is_some_and(|p| {
            let st = &p.status;
            let mut all = st
                .init_container_statuses
                .iter()
                .chain(&st.container_statuses);
            all.any(|c| c.state.waiting.is_some() && c.last_state.terminated.is_some())
        });
        if !waiting {
            return;
        }
        let before_last = self
            .pods
            .get_mut(name)
            .map(|rt| std::mem::take(&mut rt.before_last))
            .unwrap_or_default();
        let _ = cluster
            .store
            .modify::<Pod>(name, |p| no_more_restarts(p, &before_last));
    }

    fn finish_run(&mut self, name: &str) {
        if let Some(rt) = self.pods.get_mut(name) {
            rt.done = true;
        }
        self.release_ip(name);
    }

    /// The sidecars have stopped: the pod is Succeeded or Failed by its containers' exit.
    fn sidecars_stopped(&mut self, name: &str, cluster: &mut Cluster) {
        let now = cluster.now;
        let Some(rt) = self.pods.get_mut(name) else {
            return;
        };
        let Some((code, sidecars_killed)) = rt.finishing.take() else {
            return;
        };
        let plan = std::mem::take(&mut rt.sidecar_stops);
        self.finish_run(name);
        let phase = if code == 0 { "Succeeded" } else { "Failed" };
        let _ = cluster.store.modify::<Pod>(name, |p| {
            stop_sidecars(p, &plan, sidecars_killed, now);
            set_str(&mut p.status.phase, phase);
            set_condition(p, "Ready", "False", terminal_reason(phase), Some(now));
        });
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!("sidecars stopped: pod {phase}"),
        });
        cluster.finish_pod_deletion_if_ready(name);
    }
}

/// What the kubelet reads of a pod when it wakes for it (no copies of its strings: Events
/// about the pod read its metadata from the store).
struct PodFacts {
    /// `Always` when unset.
    restart_policy: Cow<'static, str>,
    running_since: Option<Time>,
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
        }
    }
}

/// A container whose process handles SIGTERM: its image's own program (no command or args;
/// nginx, fluentd), or a script with a `trap`. PID 1 of any other command line ignores it.
fn handles_sigterm(c: &crate::api::Container) -> bool {
    own_program(c) || c.command.iter().chain(&c.args).any(|w| w.contains("trap "))
}

fn own_program(c: &crate::api::Container) -> bool {
    c.command.is_empty() && c.args.is_empty()
}

/// The exit code of a container stopped by the kubelet (killContainer). A server image that
/// shuts down cleanly exits 0 (nginx on its image's STOPSIGNAL SIGQUIT, httpd on SIGWINCH,
/// fluentd, fluent-bit and redis on SIGTERM), so its pod deleted in a rolling update reads
/// `Completed`, not `Error`; another program or a script's `trap` is taken to end like the
/// signal's default, 143 (128 + 15); PID 1 with no handler ignores SIGTERM and is killed at
/// the end of the grace period, 137 (128 + 9).
pub(super) fn stop_exit_code(c: &crate::api::Container) -> i32 {
    if own_program(c) && ids::stops_cleanly(&c.image) {
        0
    } else if handles_sigterm(c) {
        143
    } else {
        137
    }
}

/// How long a killed pod's regular containers take to stop, and whether they are killed. A
/// container running its image's own program (no `command`, no `args`) is taken to handle
/// SIGTERM and stop at once. A command line runs as PID 1 of the container (the shell, or the
/// `sleep` it execs): without a handler (`trap`) PID 1 ignores SIGTERM, so the kubelet kills it
/// when the grace period the deletion set (terminationGracePeriodSeconds, 30 s by default) is
/// over (SIGKILL, exit 137). The regular containers only (the sidecars stop after them:
/// `sidecar_stop_plan`); None when none runs.
fn regular_termination(p: &Pod) -> Option<(Duration, bool)> {
    let running = p
        .spec
        .containers
        .iter()
        .zip(&p.status.container_statuses)
        .filter(|(_, s)| s.state.running.is_some())
        .map(|(c, _)| c);
    let mut ignores = None;
    for c in running {
        *ignores.get_or_insert(false) |= !handles_sigterm(c);
    }
    let window = kill_window(grace_seconds(p));
    Some(if ignores? {
        (window, true)
    } else {
        (TERMINATION_TIME.min(window), false)
    })
}

/// The grace period a kill of the pod has, in seconds: the deletion's, else the pod's
/// terminationGracePeriodSeconds (30 s by default).
fn grace_seconds(p: &Pod) -> i64 {
    p.metadata
        .deletion_grace_period_seconds
        .or(p.spec.termination_grace_period_seconds)
        .unwrap_or(30)
}

/// When each running sidecar of a pod being killed ends, its regular containers having all
/// stopped at `main_done` (kuberuntime_termination_order.go newTerminationOrdering,
/// waitForTurn; kuberuntime_container.go killContainer). Every container is signalled at once
/// but a sidecar first waits for its turn: for the regular containers and for every sidecar
/// declared after it, so they stop in reverse order, each waiting at most the grace period.
/// What it waited (whole seconds) comes off its grace period, still at least the 2 s minimum
/// (`kill_window`). Then one that handles SIGTERM stops at once, one whose script ends first
/// ends with its own exit code, any other is killed (137) when its window is over.
fn sidecar_stop_plan(p: &Pod, runs: &[SidecarRun], now: Time, main_done: Time) -> Vec<SidecarStop> {
    let grace = grace_seconds(p);
    let mut plan = Vec::new();
    let mut prev_done = main_done;
    let statuses = &p.status.init_container_statuses;
    for (i, c) in p.spec.init_containers.iter().enumerate().rev() {
        if !c.is_restartable_init() {
            continue;
        }
        let Some(r) = statuses.get(i).and_then(|cs| cs.state.running.as_ref()) else {
            continue;
        };
        let turn = if grace > 0 {
            prev_done.min(now + Duration::from_secs(grace))
        } else {
            now
        };
        let window = kill_window(grace - (turn - now).whole_secs());
        let own_end = runs
            .iter()
            .find(|s| s.index == i)
            .and_then(|s| Some((r.started_at + s.run_for?, s.code)));
        let (at, code) = match own_end {
            Some((end, code)) if end < turn + window && !handles_sigterm(c) => (end, code),
            _ if handles_sigterm(c) => (turn + TERMINATION_TIME.min(window), stop_exit_code(c)),
            _ => (turn + window, 137),
        };
        let at = at.max(now);
        plan.push(SidecarStop { index: i, at, code });
        prev_done = at;
    }
    plan
}

/// The crash-loop back-off before a restart after an exit at `finished`: client-go's
/// flowcontrol.Backoff as the kubelet's doBackOff uses it (kuberuntime_manager.go;
/// util/flowcontrol/backoff.go). None before the first restart, then 10 s doubling up to
/// 5 min; a container that ran more than twice the cap (10 min) since its last restart has
/// an expired entry (hasExpired), so its next restart is immediate and the back-off starts over.
/// `since` is the exit doBackOff judges by (IsInBackOffSince): this one, except for a container
/// the kubelet killed itself (a failed probe), whose restart is judged in the same sync from
/// the exit before: long enough ago, it restarts at once.
fn container_backoff(
    entry: &mut Option<(Duration, Time)>,
    finished: Time,
    since: Time,
) -> Duration {
    let stable = Duration(CONTAINER_BACKOFF_MAX.0 * 2);
    let Some((wait, restarted)) = *entry else {
        *entry = Some((CONTAINER_BACKOFF_INITIAL, finished));
        return Duration::ZERO;
    };
    if since - restarted > stable {
        *entry = Some((CONTAINER_BACKOFF_INITIAL, finished));
        return Duration::ZERO;
    }
    let next = Duration(wait.0.saturating_mul(2).min(CONTAINER_BACKOFF_MAX.0));
    if finished - since >= wait {
        *entry = Some((next, finished));
        return Duration::ZERO;
    }
    *entry = Some((next, finished + wait));
    wait
}

/// What a regular init container's script does (manifest::shell): how long it runs (None: it
/// never ends by itself) and its exit code. Without a `sleep`, it runs for a second.
fn init_run(c: &crate::api::Container, index: Option<&str>) -> (Option<Duration>, i32) {
    use crate::manifest::shell::{env_of, read, Run};
    match read(c, &env_of(c, index)) {
        Run::Straight { sleeps, exit } => (
            Some(sleeps.unwrap_or(INIT_CONTAINER_DURATION)),
            exit.unwrap_or(0),
        ),
        Run::Forever => (None, 0),
        Run::Unknown => (Some(INIT_CONTAINER_DURATION), 0),
    }
}

/// What a sidecar's script does: like a regular init container's, except that its image's
/// own program, or a script the simulation cannot read, is taken to run for ever (a proxy, a
/// log shipper).
fn sidecar_run(c: &crate::api::Container, index: Option<&str>) -> (Option<Duration>, i32) {
    use crate::manifest::shell::{env_of, read, Run};
    if own_program(c) {
        return (None, 0);
    }
    match read(c, &env_of(c, index)) {
        Run::Straight { .. } => init_run(c, index),
        Run::Forever | Run::Unknown => (None, 0),
    }
}

/// A container starts running at `now`; the run that ended before it, if any, becomes its
/// `lastState`.
fn start_run(cs: &mut ContainerStatus, now: Time) {
    if let Some(t) = cs.state.terminated.take() {
        cs.last_state = ContainerState {
            terminated: Some(t),
            ..Default::default()
        };
    }
    cs.state = ContainerState {
        running: Some(ContainerStateRunning { started_at: now }),
        ..Default::default()
    };
}

/// `NAME_NAMESPACE(UID)`, as pkg/kubelet/util/format.Pod names a pod in the kubelet's messages.
fn pod_ref(p: &Pod) -> String {
    let m = &p.metadata;
    format!("{}_{}({})", m.name, m.namespace, m.uid)
}

/// A container that exited and waits out its back-off, as the sync after the one that met it
/// reports it: waiting CrashLoopBackOff with doBackOff's message (kuberuntime_manager.go:
/// `back-off 40s restarting failed container=… pod=…`, the wait being the time from its exit
/// to `restart_at`), its run the last state. Returns, when it moved into its back-off now, the
/// last state it had (the run before).
fn backing_off(
    cs: &mut ContainerStatus,
    restart_at: Option<Time>,
    pod: &str,
) -> Option<Option<ContainerStateTerminated>> {
    let t = cs.state.terminated.take()?;
    let wait = restart_at.map_or(Duration::ZERO, |at| at - t.finished_at);
    let message = format!(
        "back-off {} restarting failed container={} pod={pod}",
        go_duration(wait),
        cs.name
    );
    let before = std::mem::replace(
        &mut cs.last_state,
        ContainerState {
            terminated: Some(t),
            ..Default::default()
        },
    );
    cs.state = ContainerState {
        waiting: Some(ContainerStateWaiting {
            reason: "CrashLoopBackOff".into(),
            message,
        }),
        ..Default::default()
    };
    Some(before.terminated)
}

/// The pod is being deleted: no container is restarted any more
/// (container/helpers.go ShouldContainerBeRestarted: false once DeletionTimestamp is set), so
/// one waiting out its back-off is reported by its exited run again
/// (kubelet_pods.go convertToAPIContainerStatuses keeps the Waiting reason only for a container
/// to be restarted): terminated, its exit code, and the run before it the last state.
fn no_more_restarts(p: &mut Pod, before_last: &[((bool, usize), ContainerStateTerminated)]) {
    let st = &mut p.status;
    let init = st.init_container_statuses.iter_mut().enumerate();
    let init = init.map(|(i, c)| ((true, i), c));
    let regular = st.container_statuses.iter_mut().enumerate();
    for (slot, cs) in init.chain(regular.map(|(i, c)| ((false, i), c))) {
        if cs.state.waiting.is_none() || cs.last_state.terminated.is_none() {
            continue;
        }
        let before = before_last
            .iter()
            .find(|(s, _)| *s == slot)
            .map(|(_, t)| t.clone());
        cs.state = ContainerState {
            terminated: cs.last_state.terminated.take(),
            ..Default::default()
        };
        cs.last_state = ContainerState {
            terminated: before,
            ..Default::default()
        };
    }
}

/// Go's `Duration.String()` of whole seconds: `40s`, `1m20s`, `5m0s`, `1h0m0s`.
fn go_duration(d: Duration) -> String {
    let s = d.whole_secs().max(0);
    match (s / 3600, s % 3600 / 60, s % 60) {
        (0, 0, s) => format!("{s}s"),
        (0, m, s) => format!("{m}m{s}s"),
        (h, m, s) => format!("{h}h{m}m{s}s"),
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

/// The Events of containers whose image EnsureImageExists refused: its own Warning, then
/// kuberuntime_container.go startContainer's "Failed" with the error's name.
fn record_image_stuck(recorder: &mut super::cluster::Recorder, p: &Pod, stuck: &[ImageStuck]) {
    for st in stuck {
        let path = container_path(p, &st.container);
        recorder.record_about(
            Kind::Pod,
            &p.metadata,
            &path,
            "Warning",
            st.event,
            &st.message,
            COMPONENT,
            &p.spec.node_name,
        );
        recorder.record_about(
            Kind::Pod,
            &p.metadata,
            &path,
            "Warning",
            "Failed",
            format_args!("Error: {}", st.reason),
            COMPONENT,
            &p.spec.node_name,
        );
    }
}

/// A container whose image EnsureImageExists refused: its Event (reason, text) and the
/// reason it waits with.
#[derive(Clone, Debug)]
struct ImageStuck {
    container: String,
    image: String,
    event: &'static str,
    message: String,
    reason: &'static str,
}

/// startContainer's Events for one container: its image (`Pulling` unless said when the
/// sandbox started, then `Pulled`), then `Created` and `Started`.
fn record_container_start(
    recorder: &mut super::cluster::Recorder,
    p: &Pod,
    c: &crate::api::Container,
    pull: Option<Duration>,
    announced: bool,
) {
    let (container, image) = (&c.name, &c.image);
    let path = container_path(p, container);
    let mut say = |reason: &'static str, message: std::fmt::Arguments| {
        recorder.record_about(
            Kind::Pod,
            &p.metadata,
            &path,
            "Normal",
            reason,
            message,
            COMPONENT,
            &p.spec.node_name,
        )
    };
    match pull {
        Some(took) => {
            if !announced {
                say("Pulling", format_args!("Pulling image {}", go_quote(image)));
            }
            let took = go_duration_ms(took);
            say(
                "Pulled",
                format_args!(
                    "Successfully pulled image {} in {took} ({took} including waiting). Image size: {} bytes.",
                    go_quote(image),
                    image_size(image)
                ),
            );
        }
        None => say(
            "Pulled",
            format_args!(
                "Container image {} already present on machine",
                go_quote(image)
            ),
        ),
    }
    say("Created", format_args!("Created container: {container}"));
    say("Started", format_args!("Started container {container}"));
}

/// Whether init containers other than `except` still run: the pod's sidecars.
fn sidecars_running(cluster: &Cluster, name: &str, except: Option<usize>) -> bool {
    cluster.store.get::<Pod>(name).is_some_and(|p| {
        p.status
            .init_container_statuses
            .iter()
            .enumerate()
            .any(|(j, c)| Some(j) != except && c.state.running.is_some())
    })
}

/// The first container exited (the others run on).
fn first_exited(p: &mut Pod, terminated: &ContainerStateTerminated) {
    if let Some(cs) = p.status.container_statuses.first_mut() {
        cs.state = ContainerState {
            terminated: Some(terminated.clone()),
            ..Default::default()
        };
        cs.ready = false;
        cs.started = false;
    }
}

/// The containers' run ended with `terminated`: none is ready or started any more.
fn containers_exited(p: &mut Pod, terminated: &ContainerStateTerminated) {
    for cs in &mut p.status.container_statuses {
        cs.state = ContainerState {
            terminated: Some(terminated.clone()),
            ..Default::default()
        };
        cs.ready = false;
        cs.started = false;
    }
}

/// A container that exited with `code` (reason `Completed` for 0, else `Error`).
fn terminated(code: i32, started_at: Time, finished_at: Time) -> ContainerState {
    ContainerState {
        terminated: Some(ContainerStateTerminated {
            exit_code: code,
            reason: if code == 0 { "Completed" } else { "Error" }.into(),
            started_at,
            finished_at,
        }),
        ..Default::default()
    }
}

/// Init containers still running (sidecars) stop with the pod: as planned in their turn
/// (`plan`), else each its own way (`stop_exit_code`), or killed (137) at the end of the grace
/// period.
fn stop_sidecars(p: &mut Pod, plan: &[SidecarStop], killed: bool, now: Time) {
    let inits = &p.spec.init_containers;
    let statuses = p.status.init_container_statuses.iter_mut();
    for (i, (cs, c)) in statuses.zip(inits).enumerate() {
        let code = match plan.iter().find(|s| s.index == i) {
            Some(s) => s.code,
            None if killed => 137,
            None => stop_exit_code(c),
        };
        exit_running(cs, code, now);
    }
}

/// A running container exits with `code` now (not ready, not started); false when it was not
/// running.
fn exit_running(cs: &mut ContainerStatus, code: i32, now: Time) -> bool {
    let Some(r) = cs.state.running.take() else {
        return false;
    };
    cs.state = terminated(code, r.started_at, now);
    cs.ready = false;
    cs.started = false;
    true
}

/// The regular init container `i` (the one initialization is at), when it failed and waits to
/// be restarted.
fn failed_init(p: &Pod, i: usize) -> Option<usize> {
    let cs = p.status.init_container_statuses.get(i)?;
    cs.state
        .terminated
        .as_ref()
        .is_some_and(|t| t.exit_code != 0)
        .then_some(i)
}

/// The kubelet's BackOff Event for a container waiting to be restarted: regular container
/// `index`, or the init container in back-off, else the first container.
fn record_backoff(name: &str, index: Option<usize>, cluster: &mut Cluster) {
    cluster.with_pod(name, |p, recorder| {
        // An init container in back-off (or just failed), else the (first) container.
        // (A sidecar backs off on its own: record_init_backoff.)
        let init = p.status.init_container_statuses.iter().find(|c| {
            !sidecar_status(p, c)
                && c.state
                    .waiting
                    .as_ref()
                    .is_some_and(|w| w.reason == "CrashLoopBackOff")
                || c.state
                    .terminated
                    .as_ref()
                    .is_some_and(|t| t.exit_code != 0)
        });
        let first = || p.spec.containers.first().map_or("", |c| c.name.as_str());
        let container = match index {
            Some(i) => p.spec.containers.get(i).map_or("", |c| c.name.as_str()),
            None => init.map_or_else(first, |c| c.name.as_str()),
        };
        let m = &p.metadata;
        recorder.record_about(
            Kind::Pod,
            m,
            &container_path(p, container),
            "Warning",
            "BackOff",
            format_args!(
                "Back-off restarting failed container {container} in pod {}_{}({})",
                m.name, m.namespace, m.uid
            ),
            COMPONENT,
            &p.spec.node_name,
        );
    });
}

/// Whether this init container status is a sidecar's.
fn sidecar_status(p: &Pod, cs: &ContainerStatus) -> bool {
    p.spec
        .init_containers
        .iter()
        .find(|c| c.name == cs.name)
        .is_some_and(|c| c.is_restartable_init())
}

/// The BackOff Event for sidecar `i` waiting to be restarted.
fn record_init_backoff(name: &str, i: usize, cluster: &mut Cluster) {
    cluster.with_pod(name, |p, recorder| {
        let Some(container) = p.spec.init_containers.get(i).map(|c| c.name.as_str()) else {
            return;
        };
        let m = &p.metadata;
        recorder.record_about(
            Kind::Pod,
            m,
            &container_path(p, container),
            "Warning",
            "BackOff",
            format_args!(
                "Back-off restarting failed container {container} in pod {}_{}({})",
                m.name, m.namespace, m.uid
            ),
            COMPONENT,
            &p.spec.node_name,
        );
    });
}

/// Every container ready, and every running sidecar (status/generate.go
/// GenerateContainersReadyCondition counts restartable init containers).
fn all_ready(p: &Pod) -> bool {
    let st = &p.status;
    st.container_statuses.iter().all(|c| c.ready)
        && st
            .init_container_statuses
            .iter()
            .all(|c| c.ready || !sidecar_status(p, c))
}

/// The pod's Ready condition from its containers' (and running sidecars') readiness.
fn ready_by_containers(p: &mut Pod, now: Time) {
    if all_ready(p) {
        set_condition(p, "Ready", "True", "", Some(now));
    } else {
        set_condition(p, "Ready", "False", "ContainersNotReady", Some(now));
    }
}

/// The status message of a pod past its `activeDeadlineSeconds` (active_deadline.go).
const DEADLINE_MESSAGE: &str = "Pod was active on the node longer than the specified deadline";

/// The Ready condition's reason once a pod is terminal (status/generate.go
/// `generatePodReadyConditionForTerminalPhase`).
fn terminal_reason(phase: &str) -> &'static str {
    if phase == "Succeeded" {
        "PodCompleted"
    } else {
        "PodFailed"
    }
}

/// How long an `Always` pull of an image the node already has takes: the registry is asked for
/// the digest and nothing is downloaded.
const REPULL: Duration = Duration::from_millis(412);

/// Go's `Duration.String()` after `Truncate(time.Millisecond)`: `412ms`, `1s`, `2.5s`.
fn go_duration_ms(d: Duration) -> String {
    let ms = d.0.max(0);
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let (s, frac) = (ms / 1000, ms % 1000);
    if frac == 0 {
        return format!("{s}s");
    }
    let frac = format!("{frac:03}");
    format!("{s}.{}s", frac.trim_end_matches('0'))
}

/// The rest of the status write in which one of side-by-side containers is marked exited
/// (generateAPIPodStatus computes the conditions and the phase with the container states, so a
/// watcher never sees the exited container with the pod still Ready): while another container
/// runs, or waits to be restarted, Ready False (ContainersNotReady); after the last, unless
/// sidecars must stop first, the terminal phase (Failed if any container failed).
fn after_exit_status(p: &mut Pod, sidecars_running: bool, restarting: bool, now: Time) {
    let st = &p.status.container_statuses;
    if restarting || st.iter().any(|c| c.state.running.is_some()) {
        set_condition(p, "Ready", "False", "ContainersNotReady", Some(now));
        return;
    }
    if sidecars_running {
        return;
    }
    let failed = st.iter().any(|c| {
        c.state
            .terminated
            .as_ref()
            .is_some_and(|t| t.exit_code != 0)
    });
    let phase = if failed { "Failed" } else { "Succeeded" };
    set_str(&mut p.status.phase, phase);
    set_condition(p, "Ready", "False", terminal_reason(phase), Some(now));
}
