//! The simulation: an API server (store + watch), a scheduler, the kubelets and the controller
//! manager, all driven by one virtual clock. Pure and deterministic: same objects, seed and
//! actions give the same trace, byte for byte.
//!
//! Like a sans-IO protocol crate, nothing here waits: `run_until` jumps from one due instant to
//! the next, so idle hours cost nothing.

pub mod cluster;
pub mod correlator;
pub mod fasthash;
pub mod kubelet;
pub mod logs;
pub mod nodelifecycle;
mod podrules;
pub mod preview;
pub mod queue;
pub mod rng;
pub mod scenario;
pub mod scheduler;
pub mod series;
pub mod store;

use std::collections::BTreeMap;

use crate::api::{
    Condition, CronJob, DaemonSet, Duration, Job, Kind, LabelSelector, Node, NodeAddress, NodeSpec,
    NodeStatus, NodeSystemInfo, Object, ObjectMeta, Pod, Taint, Time,
};
use crate::controllers::{
    cronjob::CronJobController, daemonset::DaemonSetController, gc::GarbageCollector, job,
    job::JobController, ttl::TtlAfterFinishedController,
};
use cluster::{Cluster, Step};
use kubelet::Kubelet;
use scheduler::Scheduler;
use store::WatchEvent;

/// A controller's work queue as the UI shows it: (controller, ready keys, delayed keys with
/// their due times).
pub type QueueSnapshot = (&'static str, Vec<String>, Vec<(Time, String)>);

/// The default `--start`: a fixed instant, so runs are reproducible.
pub const DEFAULT_START: &str = "2026-01-01T00:00:00Z";
pub const CONTROL_PLANE_LABEL: &str = "node-role.kubernetes.io/control-plane";
pub const UNSCHEDULABLE_TAINT: &str = "node.kubernetes.io/unschedulable";
/// Pods per node when nothing says otherwise: the kubelet's `--max-pods` default.
pub const DEFAULT_MAX_PODS: u32 = 110;
/// A safety net: this many steps at one virtual instant means a controller is looping. A Job
/// of 10 000 pods on 300 nodes takes under 20 000 at its busiest instant.
const MAX_STEPS_PER_INSTANT: usize = 400_000;
/// Events are kept this long past their last write: twice the API server's TTL, past which
/// `kubectl get events` and describe show them no more.
pub const EVENT_RETENTION: Duration = Duration::from_secs(2 * cluster::EVENT_TTL_SECS);
/// The page keeps at most this many Event records (`prune_events_every`); past it the oldest
/// go, even within the retention. Each copy of the cluster the page keeps for rewinding holds
/// them all.
pub const PAGE_MAX_EVENTS: usize = 40_000;

#[derive(Clone, Debug)]
pub struct SimConfig {
    pub seed: u64,
    pub start: Time,
    /// Record every controller-loop step (watch → queue → sync → act) for the UI.
    pub record_loop: bool,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 42,
            start: Time::parse_rfc3339(DEFAULT_START).unwrap_or_default(),
            record_loop: false,
        }
    }
}

/// The controller manager's controllers, each with its work queue. They share one informer
/// stream: every controller observes each watch event in turn.
#[derive(Clone, Debug, Default)]
struct ControllerManager {
    /// The controllers' shared informer cursor: the next watch event they have not observed.
    cursor: usize,
    job: JobController,
    cronjob: CronJobController,
    daemonset: DaemonSetController,
    ttl: TtlAfterFinishedController,
    gc: GarbageCollector,
}

#[derive(Clone, Debug)]
pub struct Simulation {
    pub cluster: Cluster,
    /// The page's: Events past `EVENT_RETENTION` are dropped on this virtual-time grid (the
    /// first instant run in each slot), so any way of reaching an instant (play, step, seek,
    /// replay from a copy) drops the same ones. None: every Event is kept (the CLI prunes as
    /// it prints; a lesson check reads the whole run).
    pub prune_events_every: Option<Duration>,
    /// The grid slot pruned last.
    pruned_slot: i64,
    /// The last instant something was due and run (a controller, kubelet or scheduler woke),
    /// whatever instant the clock was moved on to since: where a run stopped being busy.
    pub last_due: Time,
    controllers: ControllerManager,
    scheduler: Scheduler,
    kubelet: Kubelet,
    /// The scheduler's and kubelets' shared informer cursor.
    node_agents_cursor: usize,
    /// The node IPAM controller's next candidate range (cidr_set.go `nextCandidate`).
    next_cidr: usize,
    /// While set, the controller manager is down until this instant.
    down_until: Option<Time>,
    /// Every stop of the controller manager so far: (down at, back at).
    outages: Vec<(Time, Time)>,
    /// The taint eviction controller's scheduled deletions: pods that tolerate a node's
    /// NoExecute taints only for `tolerationSeconds`.
    evictions: Vec<Eviction>,
    /// The NoExecute taints the taint eviction controller last saw on each node that had some
    /// (its `taintedNodes`): a change is a NodeUpdated event that queues the node.
    taints_seen: Vec<(String, Vec<Taint>)>,
    /// Nodes whose kubelet is stopped, as the node lifecycle controller tracks them.
    lost_nodes: Vec<nodelifecycle::LostNode>,
    /// When the node lifecycle controller last tainted a node of each zone NoExecute (its
    /// per-zone rate limit).
    last_noexecute_taint: Vec<(String, Time)>,
    /// Nodes whose kubelet is back while they still carry the unreachable:NoSchedule taint:
    /// the node lifecycle controller takes it off on the node's update
    /// (`doNoScheduleTaintingPass`).
    recovered_nodes: Vec<String>,
    /// Nodes whose kubelet is back while they carry the unreachable:NoExecute taint, and the
    /// controller's next 5-s pass, which takes it off (`monitorNodeHealth` →
    /// `processTaintBaseEviction` → `markNodeAsReachable`).
    reachable_again: Vec<(String, Time)>,
    /// Nodes that joined the running cluster with the `not-ready:NoSchedule` taint the API
    /// server puts on every new Node: the node lifecycle controller takes it off once it sees
    /// them Ready.
    registering_nodes: Vec<String>,
    /// When each restarted kubelet started (its Lease is renewed every 10 s from then).
    kubelet_started: Vec<(String, Time)>,
    /// Instants at which `settle`'s safety net stopped a looping controller.
    looped_at: Vec<Time>,
    /// Steps `settle` took at this instant so far.
    instant_steps: (Time, usize),
}

/// A deletion the taint eviction controller has scheduled (tainteviction.go `AddWork`).
#[derive(Clone, Debug, PartialEq)]
struct Eviction {
    pod: String,
    namespace: String,
    uid: String,
    created: Time,
    at: Time,
}

/// The node lifecycle controller's unschedulable taint follows `spec.unschedulable` however it
/// was set: cordon, an apply, or a Node created cordoned (node_lifecycle_controller.go
/// doNoScheduleTaintingPass).
fn follow_unschedulable(n: &mut Node, now: Time) {
    let tainted = n.spec.taints.iter().any(|t| t.key == UNSCHEDULABLE_TAINT);
    if n.spec.unschedulable && !tainted {
        n.spec.taints.push(Taint {
            key: UNSCHEDULABLE_TAINT.into(),
            value: String::new(),
            effect: "NoSchedule".into(),
            time_added: Some(now),
        });
    } else if !n.spec.unschedulable && tainted {
        n.spec.taints.retain(|t| t.key != UNSCHEDULABLE_TAINT);
    }
}

impl Simulation {
    pub fn new(config: SimConfig) -> Self {
        Simulation {
            cluster: Cluster::new(config.seed, config.start, config.record_loop),
            controllers: ControllerManager::default(),
            scheduler: Scheduler::new(config.seed),
            kubelet: Kubelet::default(),
            node_agents_cursor: 0,
            looped_at: Vec::new(),
            instant_steps: (Time(i64::MIN), 0),
            down_until: None,
            outages: Vec::new(),
            next_cidr: 0,
            evictions: Vec::new(),
            taints_seen: Vec::new(),
            lost_nodes: Vec::new(),
            last_noexecute_taint: Vec::new(),
            recovered_nodes: Vec::new(),
            reachable_again: Vec::new(),
            registering_nodes: Vec::new(),
            kubelet_started: Vec::new(),
            prune_events_every: None,
            pruned_slot: 0,
            last_due: config.start,
        }
    }

    /// Past the next slot of `prune_events_every`: the Events the API server no longer holds
    /// (and no view reads) go. Called after an instant's work, never at a bare clock move.
    fn prune_on_grid(&mut self) {
        let Some(every) = self.prune_events_every.filter(|d| d.0 > 0) else {
            return;
        };
        let slot = (self.cluster.now - self.cluster.start)
            .0
            .div_euclid(every.0);
        if slot > self.pruned_slot {
            self.pruned_slot = slot;
            self.cluster
                .prune_events_to(EVENT_RETENTION, PAGE_MAX_EVENTS);
        }
    }

    pub fn now(&self) -> Time {
        self.cluster.now
    }

    pub fn controllers_down(&self) -> bool {
        self.down_until.is_some()
    }

    /// When a stopped controller manager comes back.
    pub fn controllers_back_at(&self) -> Option<Time> {
        self.down_until
    }

    /// Each time the controller manager was (or is) down: from, until it is back (a stop
    /// while it is down extends the one under way).
    pub fn controller_outages(&self) -> &[(Time, Time)] {
        &self.outages
    }

    /// The default cluster: a tainted control-plane node and three workers.
    pub fn add_default_nodes(&mut self) {
        let mut cp = BTreeMap::new();
        cp.insert(CONTROL_PLANE_LABEL.to_string(), String::new());
        let taint = Taint {
            key: CONTROL_PLANE_LABEL.into(),
            value: String::new(),
            effect: "NoSchedule".into(),
            time_added: None,
        };
        let _ = self.add_node("control-plane", cp, vec![taint]);
        for i in 1..=3 {
            let _ = self.add_node(&format!("worker-{i}"), BTreeMap::new(), Vec::new());
        }
    }

    pub fn add_node(
        &mut self,
        name: &str,
        labels: BTreeMap<String, String>,
        taints: Vec<Taint>,
    ) -> Result<(), String> {
        if self.cluster.store.get::<Node>(name).is_some() {
            return Err(format!("nodes {name:?} already exists"));
        }
        // The API server's checks of a new Node's name and labels (ValidateObjectMeta).
        let mut errors: Vec<String> = if name.is_empty() {
            vec!["metadata.name: Required value: name or generateName is required".into()]
        } else {
            crate::manifest::dns1123_subdomain_errors(name)
                .into_iter()
                .map(|m| {
                    format!(
                        "metadata.name: Invalid value: {}: {m}",
                        crate::manifest::go_quote(name)
                    )
                })
                .collect()
        };
        errors.extend(crate::manifest::label_errors(&labels));
        if !errors.is_empty() {
            return Err(invalid(Kind::Node, name, &errors));
        }
        let node = Node {
            metadata: ObjectMeta {
                name: name.into(),
                labels,
                ..Default::default()
            },
            spec: NodeSpec {
                taints,
                ..Default::default()
            },
            ..Default::default()
        };
        self.apply(Object::Node(node)).map(|_| ())
    }

    /// The Events of a node joining: its kubelet starting (kubelet.go: "Starting kubelet.",
    /// the status setters' conditions, the allocatable enforcement), the node lifecycle
    /// controller registering it (`RegisteredNode`, nodeutil.RecordNodeEvent's words), and the
    /// kubelet's NodeReady.
    fn record_registration(&mut self, meta: &ObjectMeta) {
        let node = meta.name.as_str();
        // kubelet.go NewMainKubelet: the kubelet's node reference has the node's name as uid.
        let by_kubelet = ObjectMeta {
            uid: node.to_string(),
            ..meta.clone()
        };
        let kubelet = |s: &mut Self, reason: &'static str, message: std::fmt::Arguments| {
            s.cluster.record(
                Kind::Node,
                &by_kubelet,
                "Normal",
                reason,
                message,
                kubelet::COMPONENT,
                node,
            );
        };
        kubelet(self, "Starting", format_args!("Starting kubelet."));
        for reason in [
            "NodeHasSufficientMemory",
            "NodeHasNoDiskPressure",
            "NodeHasSufficientPID",
        ] {
            kubelet(
                self,
                reason,
                format_args!("Node {node} status is now: {reason}"),
            );
        }
        kubelet(
            self,
            "NodeAllocatableEnforced",
            format_args!("Updated Node Allocatable limit across pods"),
        );
        if self.down_until.is_none() {
            self.record_registered_node(meta);
        }
        kubelet(
            self,
            "NodeReady",
            format_args!("Node {node} status is now: NodeReady"),
        );
    }

    /// The node lifecycle controller's Event for a node it sees for the first time.
    fn record_registered_node(&mut self, meta: &ObjectMeta) {
        let node = meta.name.as_str();
        self.cluster.record(
            Kind::Node,
            meta,
            "Normal",
            "RegisteredNode",
            format_args!("Node {node} event: Registered Node {node} in Controller"),
            "node-controller",
            "",
        );
    }

    /// The next free /24 of 10.244.0.0/16 (its third octet), without taking it.
    fn free_cidr(&self) -> Option<usize> {
        let mut taken = [false; 256];
        for o in self.cluster.store.list_unordered::<Node>() {
            let octet = o
                .spec
                .pod_cidr
                .strip_prefix("10.244.")
                .and_then(|r| r.strip_suffix(".0/24"))
                .and_then(|i| i.parse::<usize>().ok());
            if let Some(i) = octet.filter(|i| *i < 256) {
                taken[i] = true;
            }
        }
        // cidr_set.go AllocateNext: the search starts after the last one given, so a removed
        // node's range is reused only after the others.
        let start = self.next_cidr;
        (0..256).map(|i| (start + i) % 256).find(|i| !taken[*i])
    }

    /// The node IPAM controller gives a node the next free range.
    fn assign_pod_cidr(&mut self, n: &mut Node) {
        if let Some(i) = self.free_cidr() {
            self.next_cidr = (i + 1) % 256;
            n.spec.pod_cidr = format!("10.244.{i}.0/24");
            n.spec.pod_cidrs = vec![n.spec.pod_cidr.clone()];
        }
    }

    /// What a new node gets besides its manifest: a /24 of the cluster's pod network from the
    /// node IPAM controller (pkg/controller/nodeipam/ipam/range_allocator.go: the lowest free
    /// one of 10.244.0.0/16, as kind and kubeadm's flannel set it up) unless the controller
    /// manager is down (then it gets one when it is back), and the addresses and machine
    /// facts its kubelet reports (pkg/kubelet/nodestatus/setters.go).
    fn register_node(&mut self, n: &mut Node) {
        let index = self.free_cidr();
        if self.down_until.is_none() {
            self.assign_pod_cidr(n);
        } else if !self.kubelet.awaiting_pod_cidr.contains(&n.metadata.name) {
            // The node IPAM and node lifecycle controllers give it a range and register it
            // when the controller manager is back (`restart_controllers`).
            self.kubelet.awaiting_pod_cidr.push(n.metadata.name.clone());
        }
        // The nodes' own network (a kind cluster's docker bridge): .2, .3, … in CIDR order,
        // or the first address no other node has (a node joining while the node IPAM
        // controller is down, or past its 256 ranges).
        let address = |seq: usize| format!("172.18.{}.{}", seq / 250, seq % 250 + 2);
        let mut taken = fasthash::FastSet::default();
        for o in self.cluster.store.list_unordered::<Node>() {
            let seq = o
                .internal_ip()
                .and_then(|ip| ip.strip_prefix("172.18."))
                .and_then(|r| r.split_once('.'))
                .and_then(|(a, b)| Some(a.parse::<usize>().ok()? * 250 + b.parse::<usize>().ok()?));
            if let Some(seq) = seq.filter(|_| o.metadata.name != n.metadata.name) {
                taken.insert(seq.saturating_sub(2));
            }
        }
        let count = taken.len();
        let free = |seq: &usize| !taken.contains(seq);
        let seq = index
            .or(Some(256 + count))
            .filter(free)
            .or_else(|| (0..=count + 256).find(free))
            .unwrap_or_default();
        let ip = address(seq);
        n.status.addresses = vec![
            NodeAddress {
                type_: "InternalIP".into(),
                address: ip,
            },
            NodeAddress {
                type_: "Hostname".into(),
                address: n.metadata.name.clone(),
            },
        ];
        let id = |salt: u64| {
            let h = n
                .metadata
                .uid
                .bytes()
                .fold(0xcbf2_9ce4_8422_2325 ^ salt, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
                });
            let l = h.rotate_left(29).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            format!("{h:016x}{l:016x}")
        };
        let uuid = |hex: String| {
            format!(
                "{}-{}-{}-{}-{}",
                &hex[..8],
                &hex[8..12],
                &hex[12..16],
                &hex[16..20],
                &hex[20..]
            )
        };
        let arch = n
            .metadata
            .labels
            .get("kubernetes.io/arch")
            .cloned()
            .unwrap_or_default();
        let os = n
            .metadata
            .labels
            .get("kubernetes.io/os")
            .cloned()
            .unwrap_or_default();
        n.status.node_info = NodeSystemInfo {
            machine_id: id(1),
            system_uuid: uuid(id(2)),
            boot_id: uuid(id(3)),
            kernel_version: "6.8.0-88-generic".into(),
            os_image: "Debian GNU/Linux 12 (bookworm)".into(),
            container_runtime_version: "containerd://2.1.3".into(),
            kubelet_version: kubelet::KUBELET_VERSION.into(),
            // Unset since v1.31 (KEP-4004): the kubelet cannot know kube-proxy's version.
            kube_proxy_version: String::new(),
            operating_system: os,
            architecture: arch,
        };
    }

    /// One object of a kind per name (the store's key): the same name in another namespace
    /// would silently update that one (parse_documents_with refuses it inside one manifest;
    /// this catches a second file, a scenario apply or the page's Apply).
    pub fn namespace_clash(&self, obj: &Object) -> Option<String> {
        let (kind, name) = (obj.kind(), obj.name());
        let old = self.existing(kind, name)?;
        let (was, now) = (&old.metadata().namespace, &obj.metadata().namespace);
        (kind != Kind::Node && was != now).then(|| {
            let kind = kind.as_str();
            format!(
                "{kind} {name:?} is also in namespace {was:?}: CtrlScope keeps one {kind} per name across namespaces; rename one"
            )
        })
    }

    /// Creates the object, or updates it if one of that kind and name exists (`kubectl apply`).
    /// Returns what was done, in kubectl's words (`job.batch/pi created`).
    pub fn apply(&mut self, obj: Object) -> Result<String, String> {
        let kind = obj.kind();
        let name = obj.name().to_string();
        if let Some(e) = generate_name_refusal(&obj) {
            return Err(e);
        }
        if let Some(e) = self.namespace_clash(&obj) {
            return Err(e);
        }
        // The API server's update validation (immutable fields), as for `kubectl apply`.
        if let Some(old) = self.existing(kind, &name) {
            let parsed = crate::manifest::Parsed {
                object: obj.clone(),
                duplicates: Vec::new(),
                line: 0,
                column: 0,
                positions: Default::default(),
            };
            let errors = crate::manifest::validate_update(&old, &parsed);
            if !errors.is_empty() {
                let list: Vec<String> = errors.into_iter().map(|e| e.message).collect();
                return Err(invalid(kind, &name, &list));
            }
        }
        let verb = match obj {
            Object::Node(mut n) => {
                n.api_version = "v1".into();
                n.kind = "Node".into();
                n.metadata
                    .labels
                    .entry("kubernetes.io/hostname".into())
                    .or_insert_with(|| name.clone());
                n.metadata
                    .labels
                    .entry("kubernetes.io/os".into())
                    .or_insert_with(|| "linux".into());
                n.metadata
                    .labels
                    .entry("kubernetes.io/arch".into())
                    .or_insert_with(|| "amd64".into());
                // kubelet_node_status.go initialNode still sets the beta OS and arch labels
                // beside the GA ones (many published DaemonSets select on them).
                for (beta, ga) in [
                    ("beta.kubernetes.io/arch", "kubernetes.io/arch"),
                    ("beta.kubernetes.io/os", "kubernetes.io/os"),
                ] {
                    let value = n.metadata.labels[ga].clone();
                    n.metadata.labels.entry(beta.into()).or_insert(value);
                }
                // Every node's two annotations, kept up by their owners whatever an apply
                // says: the kubelet's attach/detach mode (kubelet_node_status.go initialNode,
                // reconcileCMADAnnotationWithExistingNode) and the TTL controller's object
                // cache TTL, 0 s up to 100 nodes (pkg/controller/ttl/ttl_controller.go).
                // kubeadm 1.34 no longer writes its cri-socket one (NodeLocalCRISocket beta).
                for (key, value) in [
                    ("node.alpha.kubernetes.io/ttl", "0"),
                    (
                        "volumes.kubernetes.io/controller-managed-attach-detach",
                        "true",
                    ),
                ] {
                    n.metadata.annotations.insert(key.into(), value.into());
                }
                n.metadata.namespace.clear();
                if let Some(old) = self.cluster.store.get::<Node>(&name).cloned() {
                    n.metadata = ObjectMeta {
                        labels: n.metadata.labels,
                        annotations: n.metadata.annotations,
                        ..old.metadata
                    };
                    n.status = old.status;
                    // Set by the node IPAM controller, not by the manifest: apply keeps them.
                    n.spec.pod_cidr = old.spec.pod_cidr;
                    n.spec.pod_cidrs = old.spec.pod_cidrs;
                    follow_unschedulable(&mut n, self.cluster.now);
                    self.cluster.store.update(n).map_err(|e| e.to_string())?;
                    self.taint_eviction();
                    "configured"
                } else {
                    // The kubelet registers with capacity = allocatable pods = --max-pods
                    // (default 110, pkg/kubelet/apis/config/v1beta1/defaults.go); a manifest's own
                    // values are kept, as the node strategy keeps status on create.
                    let (mut capacity, mut allocatable) = (
                        std::mem::take(&mut n.status.capacity),
                        std::mem::take(&mut n.status.allocatable),
                    );
                    // The machine the kubelet finds (a kind node on a 4-core, 8 GiB host; kind
                    // reserves nothing, so allocatable = capacity). Whichever of the two the
                    // manifest gives for a resource stands for the other.
                    let max_pods = DEFAULT_MAX_PODS.to_string();
                    for (resource, machine) in [
                        ("cpu", "4"),
                        ("ephemeral-storage", "61202244Ki"),
                        ("hugepages-1Gi", "0"),
                        ("hugepages-2Mi", "0"),
                        ("memory", "8131296Ki"),
                        ("pods", max_pods.as_str()),
                    ] {
                        let value = capacity
                            .get(resource)
                            .or_else(|| allocatable.get(resource))
                            .cloned()
                            .unwrap_or_else(|| machine.to_string());
                        capacity
                            .entry(resource.into())
                            .or_insert_with(|| value.clone());
                        allocatable.entry(resource.into()).or_insert(value);
                    }
                    // Any other resource given for only one of the two stands for the other.
                    for (k, v) in capacity.clone() {
                        allocatable.entry(k).or_insert(v);
                    }
                    for (k, v) in allocatable.clone() {
                        capacity.entry(k).or_insert(v);
                    }
                    // The kubelet's node conditions (pkg/kubelet/nodestatus/setters.go
                    // MemoryPressureCondition, DiskPressureCondition, PIDPressureCondition,
                    // ReadyCondition), in the order it reports them.
                    let now = self.cluster.now;
                    let condition =
                        |type_: &str, status: &str, reason: &str, message: &str| Condition {
                            type_: type_.into(),
                            status: status.into(),
                            reason: reason.into(),
                            message: message.into(),
                            last_transition_time: Some(now),
                            ..Default::default()
                        };
                    n.status = NodeStatus {
                        capacity,
                        allocatable,
                        conditions: vec![
                            condition(
                                "MemoryPressure",
                                "False",
                                "KubeletHasSufficientMemory",
                                "kubelet has sufficient memory available",
                            ),
                            condition(
                                "DiskPressure",
                                "False",
                                "KubeletHasNoDiskPressure",
                                "kubelet has no disk pressure",
                            ),
                            condition(
                                "PIDPressure",
                                "False",
                                "KubeletHasSufficientPID",
                                "kubelet has sufficient PID available",
                            ),
                            condition(
                                "Ready",
                                "True",
                                "KubeletReady",
                                "kubelet is posting ready status",
                            ),
                        ],
                        ..Default::default()
                    };
                    self.cluster.stamp_new(&mut n.metadata, Kind::Node);
                    n.metadata.namespace.clear();
                    self.register_node(&mut n);
                    // The TaintNodesByCondition admission plugin (plugin/pkg/admission/nodetaint)
                    // taints every new Node not-ready:NoSchedule; the node lifecycle controller
                    // lifts it once the node is Ready, so only pods that tolerate it (a CNI or
                    // log agent DaemonSet tolerating everything) can land before. The cluster's
                    // own nodes were Ready long before t=0.
                    if self.cluster.now > self.cluster.start {
                        let has = n.spec.taints.iter().any(|t| {
                            t.key == nodelifecycle::NOT_READY_TAINT && t.effect == "NoSchedule"
                        });
                        if !has {
                            n.spec.taints.push(Taint {
                                key: nodelifecycle::NOT_READY_TAINT.into(),
                                value: String::new(),
                                effect: "NoSchedule".into(),
                                time_added: None,
                            });
                        }
                        self.registering_nodes.retain(|r| *r != name);
                        self.registering_nodes.push(name.clone());
                    }
                    follow_unschedulable(&mut n, self.cluster.now);
                    let meta = n.metadata.clone();
                    self.cluster.store.create(n).map_err(|e| e.to_string())?;
                    // A node that joins a running cluster says so; the cluster's own nodes
                    // registered before it started (their Events long expired).
                    if self.cluster.now > self.cluster.start {
                        self.record_registration(&meta);
                    }
                    // A node back under a removed one's name before the pod GC collected that
                    // one's pods: its kubelet runs the pods bound to it, as a kubelet does.
                    self.kubelet.adopt_node(&name, &mut self.cluster);
                    "created"
                }
            }
            Object::Job(mut j) => {
                j.api_version = "batch/v1".into();
                j.kind = "Job".into();
                j.status = Default::default();
                if let Some(old) = self.cluster.store.get::<Job>(&name).cloned() {
                    match job_update(&old, j) {
                        None => "unchanged",
                        Some(new) => {
                            self.cluster.store.update(new).map_err(|e| e.to_string())?;
                            "configured"
                        }
                    }
                } else {
                    self.cluster.stamp_new(&mut j.metadata, Kind::Job);
                    // SetDefaults_Job gives a Job without labels its pod template's label map,
                    // the same map (the v1 to internal conversion keeps it), so the generated
                    // controller-uid and job-name labels that PrepareForCreate adds to the
                    // template (registry/batch/job/strategy.go generateSelector) land on the
                    // Job too. A template without labels: the Job takes them when read back.
                    // (Labels written on the Job equal to its template's are taken as shared.)
                    let shared = j.metadata.labels.is_empty()
                        || j.metadata.labels == j.spec.template.metadata.labels;
                    job::prepare_for_create(&mut j);
                    if shared {
                        j.metadata.labels = j.spec.template.metadata.labels.clone();
                    }
                    self.cluster.store.create(j).map_err(|e| e.to_string())?;
                    "created"
                }
            }
            Object::CronJob(c) => self.apply_generic(c)?,
            Object::DaemonSet(d) => self.apply_generic(d)?,
            other => return Err(format!("{} objects cannot be applied", other.kind())),
        };
        Ok(format!("{}/{} {verb}", kubectl_resource(kind), name))
    }
}

/// `kubectl apply` of an object with only `generateName`: apply finds objects by name, so it
/// refuses (apply.go applyOneObject: "cannot use generate name with apply"; kubectl prints it
/// after `error: `); `kubectl create` would take it.
pub fn generate_name_refusal(obj: &Object) -> Option<String> {
    let m = obj.metadata();
    (m.name.is_empty() && !m.generate_name.is_empty()).then(|| {
        format!(
            "from {}: cannot use generate name with apply",
            m.generate_name
        )
    })
}

/// The annotations a user sets (not the controller's template generation).
fn user_annotations<R: store::Resource>(o: &R) -> BTreeMap<String, String> {
    let mut a = o.meta().annotations.clone();
    a.remove(DS_TEMPLATE_GENERATION);
    a
}

/// An apply of `obj` over `old` that changes nothing (`unchanged`).
fn generic_unchanged<R: store::Resource + HasSpec>(old: &R, obj: &R) -> bool {
    old.same_spec(obj)
        && old.meta().labels == obj.meta().labels
        && user_annotations(old) == user_annotations(obj)
}

/// The Job an apply of `j` over `old` stores, or None when it changes nothing. Updates keep
/// identity, status and the generated selector and labels; labels the manifest leaves out are
/// kept (kubectl apply's merge leaves alone what it never set: the labels SetDefaults_Job
/// copied from the template).
fn job_update(old: &Job, j: Job) -> Option<Job> {
    let mut spec = j.spec;
    spec.selector = old.spec.selector.clone();
    // Left out of the manifest: the live (defaulted) value stays.
    if spec.manual_selector.is_none() {
        spec.manual_selector = old.spec.manual_selector;
    }
    spec.template
        .metadata
        .labels
        .extend(old.spec.template.metadata.labels.clone());
    let labels = if j.metadata.labels.is_empty() {
        old.metadata.labels.clone()
    } else {
        j.metadata.labels
    };
    if spec == old.spec
        && labels == old.metadata.labels
        && j.metadata.annotations == old.metadata.annotations
    {
        return None;
    }
    let mut new = old.clone();
    new.metadata.labels = labels;
    new.metadata.annotations = j.metadata.annotations;
    if spec != old.spec {
        new.metadata.generation += 1;
    }
    new.spec = spec;
    Some(new)
}

impl Simulation {
    fn apply_generic<R: store::Resource + PartialEq + HasSpec>(
        &mut self,
        mut obj: R,
    ) -> Result<&'static str, String> {
        let name = obj.meta().name.clone();
        obj.reset_status(R::KIND);
        if let Some(old) = self.cluster.store.get::<R>(&name).cloned() {
            if generic_unchanged(&old, &obj) {
                return Ok("unchanged");
            }
            let mut new = old.clone();
            new.meta_mut().labels = obj.meta().labels.clone();
            new.meta_mut().annotations = user_annotations(&obj);
            if !old.same_spec(&obj) {
                new.meta_mut().generation += 1;
                new.take_spec(obj);
            }
            new.prepare_for_update(&old);
            self.cluster.store.update(new).map_err(|e| e.to_string())?;
            Ok("configured")
        } else {
            obj.prepare_for_create();
            self.cluster.stamp_new(obj.meta_mut(), R::KIND);
            self.cluster.store.create(obj).map_err(|e| e.to_string())?;
            Ok("created")
        }
    }

    /// Whether applying `obj` over what is stored would change it (`configured`, not
    /// `unchanged`): the editor's preview says which before Apply.
    pub fn apply_changes(&self, obj: &Object) -> bool {
        let s = &self.cluster.store;
        match obj {
            Object::Job(j) => s
                .get::<Job>(&j.metadata.name)
                .is_none_or(|old| job_update(old, j.clone()).is_some()),
            Object::CronJob(c) => s
                .get::<CronJob>(&c.metadata.name)
                .is_none_or(|old| !generic_unchanged(old, c)),
            Object::DaemonSet(d) => s
                .get::<DaemonSet>(&d.metadata.name)
                .is_none_or(|old| !generic_unchanged(old, d)),
            _ => true,
        }
    }

    /// The stored object of this kind and name, if any.
    pub fn existing(&self, kind: Kind, name: &str) -> Option<Object> {
        let s = &self.cluster.store;
        match kind {
            Kind::Job => s.get::<Job>(name).cloned().map(Object::Job),
            Kind::CronJob => s.get::<CronJob>(name).cloned().map(Object::CronJob),
            Kind::DaemonSet => s.get::<DaemonSet>(name).cloned().map(Object::DaemonSet),
            Kind::Node => s.get::<Node>(name).cloned().map(Object::Node),
            _ => None,
        }
    }

    /// `kubectl delete KIND/NAME` with background propagation.
    /// Deletes one object, or each of a comma-separated list of names (`kubectl delete --all`
    /// or `-l`: kubectl lists first and deletes by name; names never contain commas).
    pub fn delete(&mut self, kind: Kind, names: &str) -> Result<String, String> {
        let mut out = Vec::new();
        for name in names.split(',') {
            out.push(self.delete_one(kind, name)?);
        }
        Ok(out.join("\n"))
    }

    /// Deletes with orphan propagation: the garbage collector first takes the owner's
    /// reference out of each dependent (garbagecollector.go orphanDependents), so nothing is
    /// collected with it: a Job's pods, a CronJob's Jobs, a DaemonSet's pods and revisions stay.
    pub fn delete_orphan(&mut self, kind: Kind, names: &str) -> Result<String, String> {
        let mut out = Vec::new();
        for name in names.split(',') {
            let uid = match kind {
                Kind::Job => self
                    .cluster
                    .store
                    .get::<Job>(name)
                    .map(|o| o.metadata.uid.clone()),
                Kind::CronJob => self
                    .cluster
                    .store
                    .get::<CronJob>(name)
                    .map(|o| o.metadata.uid.clone()),
                Kind::DaemonSet => self
                    .cluster
                    .store
                    .get::<DaemonSet>(name)
                    .map(|o| o.metadata.uid.clone()),
                _ => None,
            };
            if let Some(uid) = uid {
                self.orphan_dependents(&uid);
            }
            out.push(self.delete_one(kind, name)?);
        }
        Ok(out.join("\n"))
    }

    /// Deletes with foreground propagation: the object stays (being deleted, `foregroundDeletion`
    /// finalizer) until the garbage collector has deleted its dependents and their pods have
    /// terminated (`Cluster::delete_foreground`). Pods and nodes have no dependents here: for
    /// them it is a plain delete.
    pub fn delete_foreground(&mut self, kind: Kind, names: &str) -> Result<String, String> {
        if !matches!(kind, Kind::Job | Kind::CronJob | Kind::DaemonSet) {
            return self.delete(kind, names);
        }
        let mut out = Vec::new();
        for name in names.split(',') {
            if !self.cluster.delete_foreground(kind, name) {
                return Err(format!("{} \"{name}\" not found", kubectl_resource(kind)));
            }
            out.push(format!("{}/{} deleted", kubectl_resource(kind), name));
        }
        Ok(out.join("\n"))
    }

    fn orphan_dependents(&mut self, uid: &str) {
        fn orphan<R: store::Resource>(store: &mut store::Store, uid: &str) {
            let names: Vec<String> = store
                .dependents::<R>(uid)
                .iter()
                .map(|o| o.meta().name.clone())
                .collect();
            for n in names {
                let _ = store.modify::<R>(&n, |o| {
                    o.meta_mut().owner_references.retain(|r| r.uid != uid)
                });
            }
        }
        let store = &mut self.cluster.store;
        orphan::<Pod>(store, uid);
        orphan::<Job>(store, uid);
        orphan::<crate::api::ControllerRevision>(store, uid);
    }

    /// `kubectl delete pod --grace-period=N`: the deletion's grace period instead of the pod's
    /// own (a deletion already under way may only be shortened, as the API server allows). With
    /// 0 (`--force`) the pod object is removed at once (once no finalizer holds it), without
    /// waiting for the kubelet to stop its containers.
    pub fn delete_pods_with_grace(
        &mut self,
        target: &str,
        grace: i64,
    ) -> Result<Vec<String>, String> {
        let names = self.select_pods(target);
        if names.is_empty() {
            return Err(self.no_pod_matches(target));
        }
        for n in &names {
            self.delete_pod_with_grace(n, grace);
        }
        Ok(names)
    }

    /// A pod's deletion with this grace period (a deletion under way may only be shortened);
    /// 0 removes the object at once. False when there is no such pod.
    fn delete_pod_with_grace(&mut self, name: &str, grace: i64) -> bool {
        let grace = grace.clamp(0, i64::from(i32::MAX));
        let now = self.cluster.now;
        let Some(p) = self.cluster.store.get::<Pod>(name) else {
            return false;
        };
        // Only a shorter grace period changes a pending deletion; else no write at all
        // (rest/delete.go BeforeDelete).
        if p.metadata
            .deletion_grace_period_seconds
            .is_none_or(|g| grace < g)
        {
            let _ = self.cluster.store.modify::<Pod>(name, |p| {
                p.metadata.deletion_timestamp = Some(now + Duration::from_secs(grace));
                p.metadata.deletion_grace_period_seconds = Some(grace);
            });
        }
        self.cluster.finish_pod_deletion_if_ready(name);
        true
    }

    fn delete_one(&mut self, kind: Kind, name: &str) -> Result<String, String> {
        let found = match kind {
            Kind::Job => self.cluster.store.remove::<Job>(name).is_some(),
            Kind::CronJob => self.cluster.store.remove::<CronJob>(name).is_some(),
            Kind::DaemonSet => self.cluster.store.remove::<DaemonSet>(name).is_some(),
            Kind::Node => {
                let removed = self.cluster.store.remove::<Node>(name);
                // monitorNodeHealth sees the node gone (nodeutil.RecordNodeEvent). A node gone
                // while the controller manager is down is never seen going: restarted, it lists
                // the nodes there are (node_lifecycle_controller.go knownNodeSet).
                if let Some(n) = removed.as_ref().filter(|_| self.down_until.is_none()) {
                    self.cluster.record(
                        Kind::Node,
                        &n.metadata,
                        "Normal",
                        "RemovingNode",
                        format_args!("Node {name} event: Removing Node {name} from Controller"),
                        "node-controller",
                        "",
                    );
                }
                let found = removed.is_some();
                self.kubelet.forget_node(name, &self.cluster);
                self.forget_lost_node(name);
                found
            }
            Kind::Pod => self.cluster.delete_pod(name).is_ok(),
            _ => return Err(format!("cannot delete {kind} objects")),
        };
        if !found {
            // The API server names the resource: `nodes "worker-9" not found`.
            return Err(format!("{} \"{name}\" not found", api_resource(kind)));
        }
        Ok(format!("{}/{} deleted", kubectl_resource(kind), name))
    }

    /// A copy of the stored Node to change and write back (the API server's NotFound otherwise).
    fn node_to_update(&self, node: &str) -> Result<Node, String> {
        self.cluster
            .store
            .get::<Node>(node)
            .cloned()
            .ok_or_else(|| format!("nodes \"{node}\" not found"))
    }

    pub fn taint_node(&mut self, node: &str, taint: Taint) -> Result<(), String> {
        let mut n = self.node_to_update(node)?;
        n.spec
            .taints
            .retain(|t| !(t.key == taint.key && t.effect == taint.effect));
        n.spec.taints.push(taint);
        self.cluster.store.update(n).map_err(|e| e.to_string())?;
        self.taint_eviction();
        Ok(())
    }

    /// `kubectl label nodes`: a merge patch of metadata.labels (`None` removes the key), checked
    /// with the API server's `ValidateLabels`. The Node MODIFIED event reaches the DaemonSet
    /// controller's `updateNode` and the scheduler. Returns kubectl's word for the change.
    pub fn label_node(
        &mut self,
        node: &str,
        labels: &BTreeMap<String, Option<String>>,
    ) -> Result<&'static str, String> {
        let mut n = self.node_to_update(node)?;
        let errors = label_patch_errors(labels);
        if !errors.is_empty() {
            return Err(invalid(Kind::Node, node, &errors));
        }
        let old = n.metadata.labels.clone();
        for (k, v) in labels {
            match v {
                Some(v) => n.metadata.labels.insert(k.clone(), v.clone()),
                None => n.metadata.labels.remove(k),
            };
        }
        let word = label_change(&old, &n.metadata.labels, false);
        if old != n.metadata.labels {
            // An empty merge patch writes nothing: no new resourceVersion, no watch event.
            self.cluster.store.update(n).map_err(|e| e.to_string())?;
        }
        Ok(word)
    }

    /// `kubectl label pods`: the labels merge-patched. A pod its controller's selector no
    /// longer matches is released on the controller's next sync (ClaimPods).
    pub fn label_pod(
        &mut self,
        pod: &str,
        labels: &BTreeMap<String, Option<String>>,
    ) -> Result<&'static str, String> {
        let old = match self.cluster.store.get::<Pod>(pod) {
            Some(p) => p.metadata.labels.clone(),
            None => return Err(format!("pods \"{pod}\" not found")),
        };
        let errors = label_patch_errors(labels);
        if !errors.is_empty() {
            return Err(invalid(Kind::Pod, pod, &errors));
        }
        let mut new = old.clone();
        for (k, v) in labels {
            match v {
                Some(v) => new.insert(k.clone(), v.clone()),
                None => new.remove(k),
            };
        }
        let word = label_change(&old, &new, false);
        if old != new {
            self.cluster
                .store
                .modify::<Pod>(pod, |p| p.metadata.labels = new)
                .map_err(|e| e.to_string())?;
        }
        Ok(word)
    }

    /// `kubectl cordon` / `uncordon`: spec.unschedulable, and the taint the node lifecycle
    /// controller mirrors it as (`node.kubernetes.io/unschedulable:NoSchedule`,
    /// pkg/controller/nodelifecycle TaintNodesByCondition).
    pub fn set_unschedulable(&mut self, node: &str, on: bool) -> Result<(), String> {
        let mut n = self.node_to_update(node)?;
        n.spec.unschedulable = on;
        n.spec.taints.retain(|t| t.key != UNSCHEDULABLE_TAINT);
        if on {
            n.spec.taints.push(Taint {
                key: UNSCHEDULABLE_TAINT.into(),
                value: String::new(),
                effect: "NoSchedule".into(),
                time_added: Some(self.cluster.now),
            });
        }
        self.cluster.store.update(n).map_err(|e| e.to_string())
    }

    /// Removes taints by key (`key-`) or by `key:Effect` (`key:Effect-`).
    pub fn untaint_node(&mut self, node: &str, key: &str) -> Result<(), String> {
        let (key, effect) = match key.split_once(':') {
            Some((k, e)) => (k, Some(e)),
            None => (key, None),
        };
        let key = key.split_once('=').map_or(key, |(k, _)| k);
        let mut n = self.node_to_update(node)?;
        let before = n.spec.taints.len();
        n.spec
            .taints
            .retain(|t| !(t.key == key && effect.is_none_or(|e| e == t.effect)));
        if n.spec.taints.len() == before {
            return Err(format!("taint \"{key}\" not found on node {node}"));
        }
        // A cordoned node's taint comes back: the node lifecycle controller keeps it while
        // spec.unschedulable is set (node_lifecycle_controller.go doNoScheduleTaintingPass).
        if n.spec.unschedulable && !n.spec.taints.iter().any(|t| t.key == UNSCHEDULABLE_TAINT) {
            n.spec.taints.push(Taint {
                key: UNSCHEDULABLE_TAINT.into(),
                value: String::new(),
                effect: "NoSchedule".into(),
                time_added: Some(self.cluster.now),
            });
        }
        self.cluster.store.update(n).map_err(|e| e.to_string())
    }

    /// What `kubectl drain` does with each pod on a node (kubectl/pkg/drain filters.go, the
    /// filters in makeFilters' order; a pod's last status counts). Pods being deleted are not
    /// skipped (`--skip-wait-for-delete-timeout` is 0): drain waits for them too.
    pub fn drain_plan(&self, node: &str, o: DrainOptions) -> DrainPlan {
        const DAEMONSET_FATAL: &str = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
        const LOCAL_STORAGE_FATAL: &str =
            "Pods with local storage (use --delete-emptydir-data to override)";
        const UNMANAGED_FATAL: &str =
            "cannot delete Pods that declare no controller (use --force to override)";
        enum Status {
            Okay,
            Warning(bool, String),
            Error(String),
        }
        let mut plan = DrainPlan::default();
        // (message, pods) in first-seen order (kubectl groups them in a Go map).
        let mut warnings: Vec<(String, Vec<String>)> = Vec::new();
        let mut errors: Vec<(String, Vec<String>)> = Vec::new();
        let add = |list: &mut Vec<(String, Vec<String>)>, msg: String, pod: String| match list
            .iter_mut()
            .find(|(m, _)| *m == msg)
        {
            Some((_, pods)) => pods.push(pod),
            None => list.push((msg, vec![pod])),
        };
        for p in self.cluster.store.list::<Pod>() {
            if p.spec.node_name != node {
                continue;
            }
            let finished = p.is_terminal();
            let owner = p.metadata.controller_of();
            let daemonset = || -> Status {
                let Some(o_ref) = owner.filter(|r| r.kind == "DaemonSet" && !finished) else {
                    return Status::Okay;
                };
                if self.cluster.store.get::<DaemonSet>(&o_ref.name).is_none() {
                    let e = format!("daemonsets.apps {:?} not found", o_ref.name);
                    return match o.force {
                        true => Status::Warning(true, e),
                        false => Status::Error(e),
                    };
                }
                match o.ignore_daemonsets {
                    true => Status::Warning(false, "ignoring DaemonSet-managed Pods".into()),
                    false => Status::Error(DAEMONSET_FATAL.into()),
                }
            };
            let local_storage = || -> Status {
                let empty_dir = p
                    .spec
                    .other
                    .get("volumes")
                    .and_then(|v| v.as_array())
                    .is_some_and(|vs| vs.iter().any(|v| v.get("emptyDir").is_some()));
                match (empty_dir && !finished, o.delete_emptydir_data) {
                    (false, _) => Status::Okay,
                    (true, false) => Status::Error(LOCAL_STORAGE_FATAL.into()),
                    (true, true) => {
                        Status::Warning(true, "deleting Pods with local storage".into())
                    }
                }
            };
            let unreplicated = || -> Status {
                match (finished || owner.is_some(), o.force) {
                    (true, _) => Status::Okay,
                    (false, true) => {
                        Status::Warning(true, "deleting Pods that declare no controller".into())
                    }
                    (false, false) => Status::Error(UNMANAGED_FATAL.into()),
                }
            };
            let filters: [&dyn Fn() -> Status; 3] = [&daemonset, &local_storage, &unreplicated];
            let mut status = Status::Okay;
            for f in filters {
                status = f();
                if matches!(status, Status::Warning(false, _) | Status::Error(_)) {
                    break;
                }
            }
            let name = format!("{}/{}", p.metadata.namespace, p.metadata.name);
            match status {
                Status::Okay => plan.evict.push(p.metadata.name.clone()),
                Status::Warning(delete, msg) => {
                    if delete {
                        plan.evict.push(p.metadata.name.clone());
                    }
                    add(&mut warnings, msg, name);
                }
                Status::Error(msg) => add(&mut errors, msg, name),
            }
        }
        plan.warnings = warnings
            .into_iter()
            .map(|(m, pods)| format!("{m}: {}", pods.join(", ")))
            .collect();
        // PodDeleteList.errors: "cannot delete " unless the message says so itself.
        plan.errors = errors
            .into_iter()
            .map(|(m, pods)| match m.starts_with("cannot delete") {
                true => format!("{m}: {}", pods.join(", ")),
                false => format!("cannot delete {m}: {}", pods.join(", ")),
            })
            .collect();
        plan
    }

    /// `kubectl drain NODE --ignore-daemonsets --delete-emptydir-data --force`: cordon, then
    /// evict the other pods through the Eviction API (registry/core/pod/storage/eviction.go:
    /// the pod gets DisruptionTarget, reason EvictionByEvictionAPI, then a graceful delete).
    /// kubectl's lines, in order.
    /// `grace`: `--grace-period`, the evictions' own grace period (None: each pod's).
    pub fn drain(&mut self, node: &str, grace: Option<i64>) -> Result<Vec<String>, String> {
        let mut lines = Vec::new();
        let cordoned = self
            .cluster
            .store
            .get::<Node>(node)
            .ok_or_else(|| format!("nodes \"{node}\" not found"))?
            .spec
            .unschedulable;
        if cordoned {
            lines.push(format!("node/{node} already cordoned"));
        } else {
            self.set_unschedulable(node, true)?;
            lines.push(format!("node/{node} cordoned"));
        }
        let plan = self.drain_plan(node, DrainOptions::ALL);
        if !plan.warnings.is_empty() {
            lines.push(format!("Warning: {}", plan.warnings.join("; ")));
        }
        let evict: Vec<(String, String)> = plan
            .evict
            .iter()
            .filter_map(|n| self.cluster.store.get::<Pod>(n))
            .map(|p| (p.metadata.namespace.clone(), p.metadata.name.clone()))
            .collect();
        for (ns, name) in &evict {
            lines.push(format!("evicting pod {ns}/{name}"));
        }
        let now = self.cluster.now;
        for (_, name) in &evict {
            let _ = self.cluster.store.modify::<Pod>(name, |p| {
                // A pod being deleted is only waited for (eviction.go canIgnorePDB).
                let deleting = p.metadata.deletion_timestamp.is_some();
                if !deleting && !p.is_terminal() {
                    scheduler::set_disruption_target(
                        p,
                        "EvictionByEvictionAPI",
                        "Eviction API: evicting",
                        now,
                    );
                }
            });
            let deleted = match grace {
                Some(g) => self.delete_pod_with_grace(name, g),
                None => self.cluster.delete_pod(name).is_ok(),
            };
            if deleted {
                lines.push(format!("pod/{name} evicted"));
            }
        }
        lines.push(format!("node/{node} drained"));
        Ok(lines)
    }

    /// The taint eviction controller (pkg/controller/tainteviction, `processPodOnNode`) at this
    /// instant: a pod on a node with NoExecute taints it does not all tolerate is deleted now;
    /// one that tolerates them for a while (the least `tolerationSeconds` of the tolerations
    /// used) is deleted when that runs out, unless the taints go first ("Cancelling deletion");
    /// one that tolerates them without a limit stays. True when it deleted a pod.
    fn taint_eviction(&mut self) -> bool {
        // It runs in the controller manager.
        if self.down_until.is_some() {
            return false;
        }
        let now = self.cluster.now;
        let tainted: Vec<(String, Vec<Taint>)> = self
            .cluster
            .store
            .list::<Node>()
            .filter_map(|n| {
                let t: Vec<Taint> = n
                    .spec
                    .taints
                    .iter()
                    .filter(|t| t.effect == "NoExecute")
                    .cloned()
                    .collect();
                (!t.is_empty()).then(|| (n.metadata.name.clone(), t))
            })
            .collect();
        let changed = self.taints_changed(&tainted);
        if tainted.is_empty() && self.evictions.is_empty() && changed.is_empty() {
            return false;
        }
        let mut now_victims: Vec<Pod> = Vec::new();
        let mut keep: Vec<String> = Vec::new();
        let mut scheduled: Vec<(String, String, i64)> = Vec::new();
        // Its node update worker syncs one node's pods at a time.
        let mut synced: Vec<String> = Vec::new();
        for p in self.cluster.store.list::<Pod>() {
            if p.metadata.deletion_timestamp.is_some() {
                // PodUpdated ignores a change that only sets deletionTimestamp: a deletion
                // already scheduled stays (and comes due on the Terminating pod).
                if self.evictions.iter().any(|e| e.pod == p.metadata.name) {
                    keep.push(p.metadata.name.clone());
                }
                continue;
            }
            let Some((_, taints)) = tainted.iter().find(|(n, _)| *n == p.spec.node_name) else {
                // A deleted node's pods keep their timers: handleNodeUpdate, on NotFound, only
                // forgets the node's taints (taint_eviction.go).
                let node_gone = !self.cluster.store.contains::<Node>(&p.spec.node_name);
                if node_gone && self.evictions.iter().any(|e| e.pod == p.metadata.name) {
                    keep.push(p.metadata.name.clone());
                }
                continue;
            };
            // GetMatchingTolerations, getMinTolerationTime.
            let mut min: Option<i64> = None;
            let mut all = true;
            for t in taints {
                match p.spec.tolerations.iter().find(|tol| tol.tolerates(t)) {
                    None => all = false,
                    Some(tol) => {
                        if let Some(s) = tol.toleration_seconds {
                            min = Some(min.map_or(s, |m: i64| m.min(s)));
                        }
                    }
                }
            }
            if !all {
                now_victims.push(p.clone());
                continue;
            }
            let Some(secs) = min else {
                continue; // tolerated forever
            };
            keep.push(p.metadata.name.clone());
            if !self.evictions.iter().any(|e| e.pod == p.metadata.name) {
                scheduled.push((p.metadata.name.clone(), p.spec.node_name.clone(), secs));
                self.evictions.push(Eviction {
                    pod: p.metadata.name.clone(),
                    namespace: p.metadata.namespace.clone(),
                    uid: p.metadata.uid.clone(),
                    created: now,
                    at: now + Duration::from_secs(secs.max(0)),
                });
            }
        }
        for (name, node, secs) in scheduled {
            self.taint_eviction_sync(&mut synced, &node);
            self.cluster.trace("taint-eviction-controller", || Step::Decide {
                key: name.clone(),
                message: format!("tolerates its node's NoExecute taints for {secs}s: deletion scheduled, cancelled if they go first"),
                zh: format!("对所在节点的 NoExecute 污点只容忍 {secs} 秒：已安排删除，污点先移除则取消"),
            });
            // processPodOnNode's taintEvictionQueue.AddWork(…, startTime, triggerTime): the
            // timed queue the loop's queue box shows (taint_eviction.go, timed_workers.go).
            let at = now + Duration::from_secs(secs.max(0));
            self.cluster
                .trace("taint-eviction-controller", || Step::Enqueue {
                    key: format!("pod/{name}"),
                    after: Some(at),
                    why: format!("tolerationSeconds {secs}: the timed worker deletes it then"),
                    zh: format!("tolerationSeconds 为 {secs}：届时由定时 worker 删除"),
                });
        }
        // Scheduled deletions of pods gone, or no longer under a limited toleration: cancelled.
        let mut due: Vec<String> = Vec::new();
        for e in std::mem::take(&mut self.evictions) {
            let pod = self
                .cluster
                .store
                .get::<Pod>(&e.pod)
                .filter(|p| p.metadata.uid == e.uid);
            match pod {
                Some(p) if keep.contains(&e.pod) => {
                    if e.at <= now {
                        due.push(p.metadata.name.clone());
                    } else {
                        self.evictions.push(e);
                    }
                }
                Some(p) if !now_victims.iter().any(|v| v.metadata.name == e.pod) => {
                    let mut meta = p.metadata.clone();
                    // emitCancelPodDeletionEvent: a reference without the pod's uid.
                    meta.uid.clear();
                    let name = &meta.name;
                    let node = p.spec.node_name.clone();
                    self.taint_eviction_sync(&mut synced, &node);
                    self.cluster.trace("taint-eviction-controller", || Step::Decide {
                        key: name.clone(),
                        message: "the NoExecute taints on its node are gone: its deletion is cancelled".into(),
                        zh: "所在节点的 NoExecute 污点已移除：取消删除".into(),
                    });
                    self.cluster.record(
                        Kind::Pod,
                        &meta,
                        "Normal",
                        "TaintManagerEviction",
                        format!(
                            "Cancelling deletion of Pod {}/{}",
                            meta.namespace, meta.name
                        ),
                        "taint-eviction-controller",
                        "",
                    );
                }
                Some(_) => {}
                // Deleted before its time came (by the pod GC, a user): handlePodUpdate's
                // NotFound cancels the timer, with the same Event (cancelWorkWithEvent).
                None if e.at > now => {
                    let meta = crate::api::ObjectMeta {
                        name: e.pod.clone(),
                        namespace: e.namespace.clone(),
                        ..Default::default()
                    };
                    self.cluster.trace("taint-eviction-controller", || Step::Decide {
                        key: e.pod.clone(),
                        message: "deleted before its toleration ran out: its scheduled deletion is cancelled".into(),
                        zh: "在容忍时间结束前已被删除：取消已安排的删除".into(),
                    });
                    self.cluster.record(
                        Kind::Pod,
                        &meta,
                        "Normal",
                        "TaintManagerEviction",
                        format!("Cancelling deletion of Pod {}/{}", e.namespace, e.pod),
                        "taint-eviction-controller",
                        "",
                    );
                }
                None => {}
            }
        }
        let mut deleted = false;
        let due_pods: Vec<Pod> = due
            .iter()
            .filter_map(|n| self.cluster.store.get::<Pod>(n).cloned())
            .collect();
        let victims = now_victims.into_iter().map(|p| (p, false));
        for (p, timed) in victims.chain(due_pods.into_iter().map(|p| (p, true))) {
            let name = &p.metadata.name;
            // A timer that fires is the timed worker's deletePodHandler, no sync of the node
            // (timed_workers.go): the node may be gone by then.
            let (message, zh) = match timed {
                false => {
                    self.taint_eviction_sync(&mut synced, &p.spec.node_name);
                    (
                        "does not tolerate its node's NoExecute taints (any more): delete it",
                        "不（再）容忍所在节点的 NoExecute 污点：删除它",
                    )
                }
                true => (
                    "its tolerationSeconds ran out: the timed worker deletes it",
                    "tolerationSeconds 已到：由定时 worker 删除它",
                ),
            };
            self.cluster
                .trace("taint-eviction-controller", || Step::Decide {
                    key: name.clone(),
                    message: message.into(),
                    zh: zh.into(),
                });
            // emitPodDeletionEvent (tainteviction/taint_eviction.go): the reference has
            // kind, name and namespace but no uid, so `describe pod` does not show it.
            let mut meta = p.metadata.clone();
            meta.uid.clear();
            self.cluster.record(
                Kind::Pod,
                &meta,
                "Normal",
                "TaintManagerEviction",
                format!(
                    "Marking for deletion Pod {}/{}",
                    p.metadata.namespace, p.metadata.name
                ),
                "taint-eviction-controller",
                "",
            );
            // addConditionAndDeletePod (tainteviction/taint_eviction.go): DisruptionTarget first,
            // which a Job's podFailurePolicy can match.
            let now = self.cluster.now;
            let _ = self.cluster.store.modify::<Pod>(&p.metadata.name, |p| {
                scheduler::set_disruption_target(
                    p,
                    "DeletionByTaintManager",
                    "Taint manager: deleting due to NoExecute taint",
                    now,
                );
            });
            self.cluster
                .trace("taint-eviction-controller", || Step::UpdateStatus {
                    object: format!("Pod/{name}"),
                    summary: "DisruptionTarget=True (DeletionByTaintManager)".into(),
                });
            if self.cluster.delete_pod(&p.metadata.name).is_ok() {
                deleted = true;
                self.cluster
                    .trace("taint-eviction-controller", || Step::Delete {
                        object: format!("Pod/{name}"),
                    });
            }
        }
        // handleNodeUpdate of a queued node with nothing to schedule, cancel or delete (its
        // taints went with no pod waiting, or the node is gone: NotFound, its taints are
        // forgotten), so each queued node has its sync.
        for (node, gone) in changed {
            if synced.contains(&node) {
                continue;
            }
            self.taint_eviction_sync(&mut synced, &node);
            if gone {
                self.cluster
                    .trace("taint-eviction-controller", || Step::Decide {
                        key: node.clone(),
                        message: "the node is gone (NotFound): its NoExecute taints are forgotten"
                            .into(),
                        zh: "节点已不存在（NotFound）：忘掉它的 NoExecute 污点".into(),
                    });
            }
        }
        deleted
    }

    /// NodeUpdated (tainteviction/taint_eviction.go): a node whose NoExecute taints differ
    /// from those last seen, or one deleted while it had some, is queued for handleNodeUpdate;
    /// its watch event and the add are traced. Returns the queued nodes, each with whether it
    /// is gone. (A node added or changed without NoExecute taints on either side queues a sync
    /// that finds nothing to do: not traced.)
    fn taints_changed(&mut self, tainted: &[(String, Vec<Taint>)]) -> Vec<(String, bool)> {
        let mut changed: Vec<(String, bool)> = Vec::new();
        for (node, taints) in tainted {
            let seen = self.taints_seen.iter().find(|(n, _)| n == node);
            if seen.is_none_or(|(_, t)| t != taints) {
                changed.push((node.clone(), false));
            }
        }
        for (node, _) in &self.taints_seen {
            if !tainted.iter().any(|(n, _)| n == node) {
                let gone = !self.cluster.store.contains::<Node>(node);
                changed.push((node.clone(), gone));
            }
        }
        if changed.is_empty() {
            return changed;
        }
        self.taints_seen = tainted.to_vec();
        for (node, gone) in &changed {
            let event = if *gone { "DELETED" } else { "MODIFIED" };
            let (why, zh) = match (gone, tainted.iter().find(|(n, _)| n == node)) {
                (true, _) => (
                    format!("NodeUpdated: Node {node} deleted"),
                    format!("NodeUpdated：节点 {node} 已删除"),
                ),
                (false, Some((_, t))) => {
                    let keys = t
                        .iter()
                        .map(|t| t.key.as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    (
                        format!("NodeUpdated: Node {node}'s NoExecute taints changed (now {keys})"),
                        format!("NodeUpdated：节点 {node} 的 NoExecute 污点有变（现为 {keys}）"),
                    )
                }
                (false, None) => (
                    format!("NodeUpdated: Node {node}'s NoExecute taints are gone"),
                    format!("NodeUpdated：节点 {node} 的 NoExecute 污点已全部移除"),
                ),
            };
            self.cluster
                .trace("taint-eviction-controller", || Step::Watch {
                    event,
                    object: format!("Node/{node}"),
                });
            self.cluster
                .trace("taint-eviction-controller", || Step::Enqueue {
                    key: node.clone(),
                    after: None,
                    why: why.clone(),
                    zh: zh.clone(),
                });
        }
        changed
    }

    /// The taint eviction controller's sync of `node`'s pods, traced once per pass.
    fn taint_eviction_sync(&mut self, synced: &mut Vec<String>, node: &str) {
        if !synced.iter().any(|n| n == node) {
            synced.push(node.to_string());
            self.cluster
                .trace("taint-eviction-controller", || Step::Sync {
                    key: node.to_string(),
                });
        }
    }

    /// Pods matching a name, a comma-separated list of names (those that exist), or a label
    /// selector (`app=web,tier=x`).
    /// The pods a scenario's `failPod`, `deletePod`… names: a pod name, several separated by
    /// commas, or an equality selector `key=value[,key=value]`.
    pub fn select_pods(&self, target: &str) -> Vec<String> {
        if !target.contains('=') {
            // All or none: a typo among the names must not let the others be acted on in
            // silence (kubectl would say `pods "x" not found` and exit 1).
            // `a,` (a trailing comma) names one pod.
            let names: Vec<&str> = target
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .collect();
            if names.is_empty() || !names.iter().all(|n| self.cluster.store.contains::<Pod>(n)) {
                return Vec::new();
            }
            return names.into_iter().map(str::to_string).collect();
        }
        let mut sel = LabelSelector::default();
        for part in target.split(',') {
            // `key` alone or `key!=v` is set-based (labels.Parse): not read as key=value.
            let term = part.split_once("==").or_else(|| part.split_once('='));
            let Some((k, v)) = term.filter(|(k, _)| !k.ends_with('!')) else {
                return Vec::new();
            };
            sel.match_labels
                .insert(k.trim().to_string(), v.trim().to_string());
        }
        self.cluster
            .store
            .list::<Pod>()
            .filter(|p| sel.matches(&p.metadata.labels))
            .map(|p| p.metadata.name.clone())
            .collect()
    }

    /// Why a scenario's pod target matched nothing: the names not found, or a set-based
    /// selector named as unsupported rather than as one that matched no pod.
    fn no_pod_matches(&self, target: &str) -> String {
        let terms = || target.split(',');
        let set_based = target.contains('(')
            || target.contains('!')
            || target.contains(" in ")
            || target.contains(" notin ");
        if set_based {
            return format!("{target:?}: a scenario names pods by name (several separated by commas) or by key=value[,key=value]; set-based selectors (in, notin, !key) are not supported here");
        }
        if target.contains('=') {
            if let Some(bare) = terms().find(|t| !t.contains('=')) {
                return format!("{target:?}: {bare:?} has no \"=\": a scenario's selector is key=value[,key=value] (a bare key, \"has the label\", is set-based and not supported here)");
            }
            return format!("no pod matches {target:?}");
        }
        let missing: Vec<&str> = terms()
            .map(str::trim)
            .filter(|n| !n.is_empty() && !self.cluster.store.contains::<Pod>(n))
            .collect();
        match missing.is_empty() {
            true => format!("no pod matches {target:?}"),
            false => format!("no pod matches {:?}", missing.join(",")),
        }
    }

    /// Fault injection: the container of each matching running pod exits with code 1.
    /// Whether Fail can act on this pod (see `Kubelet::can_fail`).
    pub fn can_fail(&self, pod: &str) -> bool {
        self.kubelet.can_fail(pod)
    }

    pub fn fail_pods(&mut self, target: &str) -> Result<Vec<String>, String> {
        let names = self.select_pods(target);
        if names.is_empty() {
            return Err(self.no_pod_matches(target));
        }
        let mut failed = Vec::new();
        for n in names {
            if self.kubelet.fail(&n, 1, &mut self.cluster) {
                failed.push(n);
            }
        }
        if failed.is_empty() {
            return Err(format!("no running pod matches {target:?}"));
        }
        Ok(failed)
    }

    pub fn delete_pods(&mut self, target: &str) -> Result<Vec<String>, String> {
        let names = self.select_pods(target);
        if names.is_empty() {
            return Err(self.no_pod_matches(target));
        }
        for n in &names {
            let _ = self.cluster.delete_pod(n);
        }
        Ok(names)
    }

    /// The controller manager stops for `d`; the clock, scheduler and kubelets run on.
    pub fn controller_down(&mut self, d: Duration) {
        let until = self.cluster.now + d;
        self.down_until = Some(self.down_until.map_or(until, |u| u.max(until)));
        match self.outages.last_mut() {
            Some((_, back)) if *back >= self.cluster.now => *back = (*back).max(until),
            _ => self.outages.push((self.cluster.now, until)),
        }
        self.cluster
            .trace("kube-controller-manager", || Step::Decide {
                key: String::new(),
                message: format!("controller manager down for {}s", d.whole_secs()),
                zh: format!("控制器管理器停机 {} 秒", d.whole_secs()),
            });
    }

    /// A restarted controller manager: fresh queues, informers re-list everything.
    fn restart_controllers(&mut self) {
        self.down_until = None;
        // Its Event recorder starts anew too (record.NewBroadcaster in controllermanager.go).
        self.cluster.processes.controller_manager += 1;
        // The taint eviction queue and the node lifecycle controller's health records and rate
        // limiters live in memory: a restarted controller schedules evictions from now, and
        // gives a node it has not seen Unknown yet a fresh grace period ("Missing timestamp for
        // Node. Assuming now").
        self.evictions.clear();
        // Its informer re-lists the nodes: each tainted one is queued again.
        self.taints_seen.clear();
        self.last_noexecute_taint.clear();
        let now = self.cluster.now;
        for l in &mut self.lost_nodes {
            if l.marked.is_none() {
                l.probe = now;
            }
        }
        // Nodes that joined meanwhile: a pod range from the node IPAM controller, and the node
        // lifecycle controller registers them.
        // node_lifecycle_controller.go: the restarted controller's node set starts empty, so
        // its first monitorNodeHealth pass (at once) finds every node "added" and records
        // RegisteredNode for each.
        let awaiting = std::mem::take(&mut self.kubelet.awaiting_pod_cidr);
        let known: Vec<crate::api::ObjectMeta> = self
            .cluster
            .store
            .list::<Node>()
            .filter(|n| !awaiting.contains(&n.metadata.name))
            .map(|n| n.metadata.clone())
            .collect();
        for m in &known {
            self.record_registered_node(m);
        }
        for name in awaiting {
            let Some(mut n) = self.cluster.store.get::<Node>(&name).cloned() else {
                continue;
            };
            if n.spec.pod_cidr.is_empty() {
                self.assign_pod_cidr(&mut n);
                let (cidr, cidrs) = (n.spec.pod_cidr.clone(), n.spec.pod_cidrs.clone());
                let _ = self.cluster.store.modify::<Node>(&name, |n| {
                    n.spec.pod_cidr = cidr;
                    n.spec.pod_cidrs = cidrs;
                });
            }
            self.record_registered_node(&n.metadata);
        }
        self.cluster
            .trace("kube-controller-manager", || Step::Decide {
                key: String::new(),
                message: "controller manager restarted: informers re-list".into(),
                zh: "控制器管理器已重启：informer 重新 list".into(),
            });
        // The informers start at the end of the watch stream: what they missed, they re-list.
        let cm = &mut self.controllers;
        cm.cursor = self.cluster.store.watch_len();
        cm.job.restart(&mut self.cluster);
        cm.cronjob.restart(&mut self.cluster);
        cm.daemonset.restart(&mut self.cluster);
        cm.ttl.restart(&mut self.cluster);
        cm.gc.restart(&self.cluster);
    }

    /// Feeds new watch events to every informer.
    fn dispatch(&mut self) -> bool {
        let end = self.cluster.store.watch_len();
        let controllers_up = self.down_until.is_none();
        let from = if controllers_up {
            self.node_agents_cursor.min(self.controllers.cursor)
        } else {
            self.node_agents_cursor
        };
        if from >= end {
            return false;
        }
        // Every informer at the same cursor (the usual case): take the events, don't copy them.
        let events: Vec<WatchEvent> =
            if controllers_up && self.controllers.cursor == self.node_agents_cursor {
                self.cluster.store.take_watch(from)
            } else {
                self.cluster.store.watch_from(from).to_vec()
            };
        for (i, ev) in events.iter().enumerate() {
            let pos = from + i;
            if pos >= self.node_agents_cursor {
                self.scheduler.observe(ev, &self.cluster);
                self.kubelet.observe(ev, &mut self.cluster);
            }
            if controllers_up && pos >= self.controllers.cursor {
                self.controllers.job.observe(ev, &mut self.cluster);
                self.controllers.cronjob.observe(ev, &mut self.cluster);
                self.controllers.daemonset.observe(ev, &mut self.cluster);
                self.controllers.ttl.observe(ev, &mut self.cluster);
                self.controllers.gc.observe(ev, &mut self.cluster);
            }
        }
        self.cluster.store.recycle_watch(events);
        self.node_agents_cursor = end;
        if controllers_up {
            self.controllers.cursor = end;
        }
        let min = if controllers_up {
            end
        } else {
            self.controllers.cursor.min(end)
        };
        self.cluster.store.compact_watch(min);
        true
    }

    /// Runs everything due at the current instant until nothing more happens, within the
    /// safety net's budget of steps for the instant (counted across calls: `run_until` may
    /// come back to the same instant for a key a sync re-queued at it).
    fn settle(&mut self) {
        let now = self.cluster.now;
        let used = match self.instant_steps {
            (t, n) if t == now => n,
            _ => 0,
        };
        let budget = MAX_STEPS_PER_INSTANT.saturating_sub(used);
        let (settled, steps) = self.settle_within(budget);
        self.instant_steps = (now, used + steps);
        if !settled {
            self.stop_looping_work();
        }
    }

    /// `settle`'s loop: whether everything due settled, and the steps it took.
    fn settle_within(&mut self, budget: usize) -> (bool, usize) {
        let now = self.cluster.now;
        for step in 0..budget {
            let done = (true, step + 1);
            // Keys due now move to the ready queues first, so an AddAfter made while the
            // kubelets run below queues a later sync instead of merging into this one.
            if self.down_until.is_none() {
                let cm = &mut self.controllers;
                cm.job.queue.promote(now);
                cm.cronjob.queue.promote(now);
                cm.daemonset.queue.promote(now);
                cm.ttl.queue.promote(now);
                cm.gc.queue.promote(now);
            }
            self.dispatch();
            if self.kubelet.run_due(&mut self.cluster) {
                continue;
            }
            self.scheduler.flush(now);
            self.cluster.flush_event_series();
            if self.scheduler.has_work() {
                self.scheduler.run(&mut self.cluster);
                continue;
            }
            if self.down_until.is_some() {
                return done;
            }
            let cm = &mut self.controllers;
            if let Some(key) = cm.job.queue.pop() {
                cm.job.sync(&key, &mut self.cluster);
            } else if let Some(key) = cm.cronjob.queue.pop() {
                cm.cronjob.sync(&key, &mut self.cluster);
            } else if let Some(key) = cm.daemonset.queue.pop() {
                cm.daemonset.sync(&key, &mut self.cluster);
            } else if let Some(key) = cm.ttl.queue.pop() {
                cm.ttl.sync(&key, &mut self.cluster);
            } else if let Some(key) = cm.gc.queue.pop() {
                cm.gc.sync(&key, &mut self.cluster);
            } else if !self.node_lifecycle() && !self.taint_eviction() {
                return done;
            }
        }
        (false, budget)
    }

    /// The safety net tripped: a controller keeps acting at this instant (a CtrlScope bug).
    /// The work due now is dropped, so time goes on rather than the page freezing.
    fn stop_looping_work(&mut self) {
        let now = self.cluster.now;
        self.looped_at.push(now);
        let end = self.cluster.store.watch_len();
        self.controllers.cursor = end;
        self.node_agents_cursor = end;
        let cm = &mut self.controllers;
        for q in [
            &mut cm.job.queue,
            &mut cm.cronjob.queue,
            &mut cm.daemonset.queue,
            &mut cm.ttl.queue,
            &mut cm.gc.queue,
        ] {
            q.promote(now);
            while q.pop().is_some() {}
        }
    }

    /// The instants at which the safety net stopped a controller looping (see `settle`): empty
    /// unless CtrlScope has a bug, which the CLI then says.
    pub fn looped_at(&self) -> &[Time] {
        &self.looped_at
    }

    /// The next instant something is due, if any.
    pub fn next_due(&self) -> Option<Time> {
        if self.has_pending_work() {
            return Some(self.cluster.now);
        }
        let mut next = self.kubelet.next_due();
        let mut consider = |t: Option<Time>| {
            if let Some(t) = t {
                next = Some(next.map_or(t, |n: Time| n.min(t)));
            }
        };
        // The scheduler is its own process: it runs while the controller manager is down.
        consider(self.scheduler.next_flush());
        consider(self.cluster.event_series_due());
        match self.down_until {
            Some(t) => consider(Some(t)),
            None => {
                consider(self.controllers.job.queue.next_due());
                consider(self.controllers.cronjob.queue.next_due());
                consider(self.controllers.daemonset.queue.next_due());
                consider(self.controllers.ttl.queue.next_due());
                consider(self.controllers.gc.queue.next_due());
                // The taint eviction controller runs in the controller manager too.
                consider(self.evictions.iter().map(|e| e.at).min());
                consider(self.node_lifecycle_due());
            }
        }
        next
    }

    /// Work waiting at the current instant (unread watch events, queued keys, pods to bind).
    fn has_pending_work(&self) -> bool {
        let end = self.cluster.store.watch_len();
        let cm = &self.controllers;
        self.node_agents_cursor < end
            || self.scheduler.has_work()
            || (self.down_until.is_none()
                && (cm.cursor < end
                    || cm.job.queue.has_ready()
                    || cm.cronjob.queue.has_ready()
                    || cm.daemonset.queue.has_ready()
                    || cm.ttl.queue.has_ready()
                    || cm.gc.queue.has_ready()))
    }

    /// Advances virtual time to `until`, processing everything due on the way.
    pub fn run_until(&mut self, until: Time) {
        self.settle();
        loop {
            match self.next_due() {
                Some(t) if t <= until => {
                    self.cluster.now = t.max(self.cluster.now);
                    self.last_due = self.cluster.now;
                    self.cluster.store.tap_time(self.cluster.now);
                    if self.down_until.is_some_and(|d| d <= self.cluster.now) {
                        self.restart_controllers();
                    }
                    self.settle();
                    self.prune_on_grid();
                }
                _ => break,
            }
        }
        self.cluster.now = until.max(self.cluster.now);
        self.cluster.store.tap_time(self.cluster.now);
        if self.down_until.is_some_and(|d| d <= self.cluster.now) {
            self.restart_controllers();
            self.settle();
        }
    }

    /// One animation step: the work pending at this instant if any, else everything due at the
    /// next instant. Returns false when nothing is left to do.
    pub fn step(&mut self) -> bool {
        if self.has_pending_work() {
            self.settle();
            return true;
        }
        match self.next_due() {
            Some(t) => {
                self.run_until(t);
                true
            }
            None => false,
        }
    }

    // Read access for printers and the UI.
    pub fn jobs(&self) -> Vec<&Job> {
        self.cluster.store.list::<Job>().collect()
    }
    pub fn cronjobs(&self) -> Vec<&CronJob> {
        self.cluster.store.list::<CronJob>().collect()
    }
    pub fn daemonsets(&self) -> Vec<&DaemonSet> {
        self.cluster.store.list::<DaemonSet>().collect()
    }
    pub fn nodes(&self) -> Vec<&Node> {
        self.cluster.store.list::<Node>().collect()
    }
    /// Pods oldest first (kubectl sorts by name; the UI wants creation order).
    pub fn pods(&self) -> Vec<&Pod> {
        let mut pods: Vec<&Pod> = self.cluster.store.list::<Pod>().collect();
        crate::sort::sort_by(&mut pods, |a, b| {
            a.metadata
                .creation_timestamp
                .cmp(&b.metadata.creation_timestamp)
                .then(a.metadata.name.cmp(&b.metadata.name))
        });
        pods
    }

    /// The work queues as the UI shows them: (controller, ready keys, delayed keys with due time).
    pub fn queues(&self) -> Vec<QueueSnapshot> {
        let q = |name, q: &queue::WorkQueue| {
            (
                name,
                q.ready_keys().map(String::from).collect(),
                q.waiting_keys().map(|(t, k)| (t, k.to_string())).collect(),
            )
        };
        vec![
            q(job::COMPONENT, &self.controllers.job.queue),
            q(
                crate::controllers::cronjob::COMPONENT,
                &self.controllers.cronjob.queue,
            ),
            q(
                crate::controllers::daemonset::COMPONENT,
                &self.controllers.daemonset.queue,
            ),
            q(
                crate::controllers::ttl::COMPONENT,
                &self.controllers.ttl.queue,
            ),
            // The garbage collector's queue also holds the pod GC's passes (gc.rs): shown
            // apart, as the two are apart in kube-controller-manager.
            {
                let (name, ready, waiting) = q(
                    crate::controllers::gc::COMPONENT,
                    &self.controllers.gc.queue,
                );
                let pod_gc = crate::controllers::gc::is_pod_gc_key;
                (
                    name,
                    ready.iter().filter(|k| !pod_gc(k)).cloned().collect(),
                    waiting
                        .iter()
                        .filter(|(_, k)| !pod_gc(k))
                        .cloned()
                        .collect(),
                )
            },
            {
                let (_, ready, waiting) =
                    q(crate::controllers::gc::PODGC, &self.controllers.gc.queue);
                let pod_gc = crate::controllers::gc::is_pod_gc_key;
                (
                    crate::controllers::gc::PODGC,
                    ready.into_iter().filter(|k| pod_gc(k)).collect(),
                    waiting.into_iter().filter(|(_, k)| pod_gc(k)).collect(),
                )
            },
            // The taint eviction controller's timed deletions (its TimedWorkerQueue): the pods
            // that tolerate a node's NoExecute taints for a while, due when that runs out.
            (
                "taint-eviction-controller",
                Vec::new(),
                self.evictions
                    .iter()
                    .map(|e| (e.at, format!("pod/{}", e.pod)))
                    .collect(),
            ),
        ]
    }
}

/// `ValidateLabels` on the labels a label patch sets (`None` removes a key: nothing to check).
pub fn label_patch_errors(labels: &BTreeMap<String, Option<String>>) -> Vec<String> {
    let set: BTreeMap<String, String> = crate::sort::to_map(
        labels
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), v.clone()?))),
    );
    crate::manifest::label_errors(&set)
}

/// The API server's Invalid status message: `The Node "worker-2" is invalid: ...`.
pub fn invalid(kind: Kind, name: &str, causes: &[String]) -> String {
    format!(
        "The {} \"{name}\" is invalid: {}",
        kind.as_str(),
        aggregate(causes)
    )
}

/// `utilerrors.NewAggregate(errs).Error()`: one message as is, several as `[a, b]`.
pub fn aggregate(errs: &[String]) -> String {
    match errs {
        [one] => one.clone(),
        _ => format!("[{}]", errs.join(", ")),
    }
}

/// `updateDataChangeMsg` (kubectl/pkg/cmd/label/label.go): "unlabeled" when, without
/// --overwrite, the object's JSON got shorter.
pub fn label_change(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
    overwrite: bool,
) -> &'static str {
    // Each `"k":"v",` of the labels map; the rest of the object is unchanged.
    let len = |m: &BTreeMap<String, String>| -> usize {
        m.iter().map(|(k, v)| k.len() + v.len() + 6).sum()
    };
    match (old == new, !overwrite && len(new) < len(old)) {
        (true, _) => "not labeled",
        (false, true) => "unlabeled",
        (false, false) => "labeled",
    }
}

/// The resource as API errors name it: `jobs.batch`, `nodes`.
pub fn api_resource(kind: Kind) -> String {
    match kubectl_resource(kind).split_once('.') {
        Some((k, group)) => format!("{k}s.{group}"),
        None => format!("{}s", kubectl_resource(kind)),
    }
}

/// kubectl's `resource.group` spelling in apply/delete messages.
pub fn kubectl_resource(kind: Kind) -> &'static str {
    match kind {
        Kind::Job => "job.batch",
        Kind::CronJob => "cronjob.batch",
        Kind::DaemonSet => "daemonset.apps",
        Kind::Node => "node",
        Kind::Pod => "pod",
        Kind::ControllerRevision => "controllerrevision.apps",
        Kind::Event => "event",
    }
}

/// The annotation apps/v1 DaemonSets carry their templateGeneration in
/// (pkg/registry/apps/daemonset/strategy.go bumps it when the template changes).
pub const DS_TEMPLATE_GENERATION: &str = "deprecated.daemonset.template.generation";

/// Spec handling shared by CronJob and DaemonSet applies (the registry strategies' hooks).
trait HasSpec {
    fn same_spec(&self, other: &Self) -> bool;
    fn take_spec(&mut self, other: Self);
    fn reset_status(&mut self, kind: Kind);
    fn prepare_for_create(&mut self) {}
    fn prepare_for_update(&mut self, _old: &Self) {}
}

impl HasSpec for CronJob {
    fn same_spec(&self, o: &Self) -> bool {
        self.spec == o.spec
    }
    fn take_spec(&mut self, o: Self) {
        self.spec = o.spec;
    }
    fn reset_status(&mut self, kind: Kind) {
        self.status = Default::default();
        self.api_version = kind.api_version().into();
        self.kind = kind.as_str().into();
    }
}

impl HasSpec for DaemonSet {
    fn same_spec(&self, o: &Self) -> bool {
        self.spec == o.spec
    }
    fn prepare_for_create(&mut self) {
        self.metadata
            .annotations
            .insert(DS_TEMPLATE_GENERATION.into(), "1".into());
    }
    fn prepare_for_update(&mut self, old: &Self) {
        let old_gen: i64 = old
            .metadata
            .annotations
            .get(DS_TEMPLATE_GENERATION)
            .and_then(|g| g.parse().ok())
            .unwrap_or(1);
        let gen = if self.spec.template != old.spec.template {
            old_gen + 1
        } else {
            old_gen
        };
        self.metadata
            .annotations
            .insert(DS_TEMPLATE_GENERATION.into(), gen.to_string());
    }
    fn take_spec(&mut self, o: Self) {
        self.spec = o.spec;
    }
    fn reset_status(&mut self, kind: Kind) {
        self.status = Default::default();
        self.api_version = kind.api_version().into();
        self.kind = kind.as_str().into();
    }
}

/// `kubectl drain`'s flags that decide which pods it may evict.
#[derive(Clone, Copy, Debug, Default)]
pub struct DrainOptions {
    pub ignore_daemonsets: bool,
    pub delete_emptydir_data: bool,
    pub force: bool,
}

impl DrainOptions {
    /// The page's Drain and the scenario action `drain`: `kubectl drain NODE
    /// --ignore-daemonsets --delete-emptydir-data --force`.
    pub const ALL: DrainOptions = DrainOptions {
        ignore_daemonsets: true,
        delete_emptydir_data: true,
        force: true,
    };
}

/// Which pods `kubectl drain` evicts (by name), and its warnings and errors as it prints them.
#[derive(Clone, Debug, Default)]
pub struct DrainPlan {
    pub evict: Vec<String>,
    pub warnings: Vec<String>,
    pub errors: Vec<String>,
}
