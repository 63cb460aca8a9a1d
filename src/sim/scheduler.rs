//! The default scheduler, reduced to what these controllers need: filter nodes in the default
//! profile's order (NodeUnschedulable, TaintToleration, NodeAffinity, NodePorts,
//! NodeResourcesFit: pod count, cpu, memory and other requests against `allocatable`,
//! PodTopologySpread and InterPodAffinity: src/sim/podrules.rs), then
//! score (resources, untolerated PreferNoSchedule taints, preferred node affinity), and bind.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::fasthash::FastMap;
use super::podrules;

use super::cluster::{object_ref, Cluster, Step};
use super::store::{WatchEvent, WatchEventType};
use crate::api::resources::{declares_resources, pod_resources, Quantity};
use crate::api::{Kind, Node, NodeSelectorRequirement, NodeSelectorTerm, ObjectMeta, Pod, PodSpec};

pub const COMPONENT: &str = "default-scheduler";

#[derive(Clone, Debug, Default)]
pub struct Scheduler {
    /// Breaks ties between equally good nodes (its own stream, so pod names do not move).
    rng: std::cell::Cell<Option<super::rng::Rng>>,
    /// Pods waiting for a node, retried when nodes change, and each one's last attempt: one
    /// left there over 5 minutes is retried anyway (flushUnschedulablePodsLeftover).
    unschedulable: BTreeMap<Rc<str>, crate::api::Time>,
    /// The unschedulable pods at least one node turned away for its resources or host ports
    /// (Unschedulable, not Unresolvable): a freed slot (a bound pod deleted or finished) may
    /// let one of them in.
    no_room: BTreeSet<Rc<str>>,
    /// Slots freed since the last run, for `no_room` pods.
    freed: usize,
    /// The unschedulable pods PodTopologySpread or InterPodAffinity turned away somewhere: a
    /// pod bound or gone elsewhere may change their counts (both plugins' queueing hints
    /// register assigned pod add, update and delete).
    /// Each with the `changes` count at its failure: only later changes may help it.
    by_pods: BTreeMap<Rc<str>, u64>,
    /// Bound pods added (true) or removed since the last run, for `by_pods` pods, numbered.
    changes: Vec<(u64, PodChange, bool)>,
    changes_seen: u64,
    /// The bound pods with required anti-affinity (NodeInfo.PodsWithRequiredAntiAffinity).
    anti_pods: BTreeSet<Rc<str>>,
    /// Pods that preempted others and wait for the room (status.nominatedNodeName).
    nominated: BTreeSet<Rc<str>>,
    /// Pods to try now (activeQ), tried in `queue_order`.
    queue: BTreeSet<Rc<str>>,
    /// Each waiting pod's QueuedPodInfo.Timestamp: when it was added, then its last failed
    /// attempt (scheduling_queue.go AddUnschedulableIfNotPresent refreshes it); PrioritySort
    /// breaks priority ties with it.
    since: FastMap<Rc<str>, crate::api::Time>,
    /// The scheduler cache: the node of every bound, unfinished pod, and pods per node.
    /// Terminal pods do not count: the scheduler's pod informer watches
    /// `status.phase!=Succeeded,status.phase!=Failed` (pkg/scheduler/scheduler.go
    /// newPodInformer), so a pod that finishes leaves `NodeInfo.Pods` as if deleted.
    bound: FastMap<Rc<str>, String>,
    load: FastMap<String, usize>,
    /// The requests of bound pods that request anything, and their sum per node
    /// (`NodeInfo.Requested`).
    requests: FastMap<Rc<str>, Requests>,
    requested: FastMap<String, Requests>,
    /// Per node, the cpu (milli) and memory (milli-bytes) its bound pods request, counting
    /// an unset request as 100m / 200Mi (`NodeInfo.NonZeroRequested`): what scoring reads.
    non_zero: FastMap<String, (i128, i128)>,
    non_zero_of: FastMap<Rc<str>, (i128, i128)>,
    /// The host ports of bound pods that use any, and per node (`NodeInfo.UsedPorts`).
    ports_of: FastMap<Rc<str>, Vec<HostPort>>,
    used_ports: FastMap<String, Vec<HostPort>>,
    /// Nodes' allocatable cpu and memory, parsed once per node change.
    allocatable: std::cell::RefCell<FastMap<String, (i128, i128)>>,
    /// Each node as last seen: a change is weighed against it (the queueing hints).
    nodes_seen: FastMap<String, Node>,
}

/// podMaxInUnschedulablePodsDuration, and the period of the flush that applies it.
const UNSCHEDULABLE_MAX_MS: i64 = 5 * 60 * 1000;
const FLUSH_EVERY_MS: i64 = 30 * 1000;

/// schedutil.DefaultMilliCPURequest and DefaultMemoryRequest (pkg/scheduler/util/pod_resources.go).
const DEFAULT_MILLI_CPU: i128 = 100;
const DEFAULT_MEMORY: i128 = 200 * 1024 * 1024;

/// A pod's cpu (milli) and memory (milli-bytes) for scoring: each container's request, or the
/// default where it sets none (`GetNonzeroRequests`); init containers by their largest.
fn non_zero_requests(spec: &PodSpec) -> (i128, i128) {
    let of = |c: &crate::api::Container| -> (i128, i128) {
        let Some(res) = c.other.get("resources") else {
            return (DEFAULT_MILLI_CPU, DEFAULT_MEMORY * 1000);
        };
        let get = |k: &str| {
            ["requests", "limits"]
                .iter()
                .find_map(|part| res.get(*part).and_then(|r| r.get(k)))
                .and_then(Quantity::parse)
                .map(|q| q.milli)
        };
        (
            get("cpu").unwrap_or(DEFAULT_MILLI_CPU),
            get("memory").unwrap_or(DEFAULT_MEMORY * 1000),
        )
    };
    let (mut cpu, mut mem) = (0, 0);
    for c in &spec.containers {
        let (a, b) = of(c);
        cpu += a;
        mem += b;
    }
    for c in &spec.init_containers {
        let (a, b) = of(c);
        cpu = cpu.max(a);
        mem = mem.max(b);
    }
    (cpu, mem)
}

/// The default profile's resource scores for a node with this much already requested and the
/// pod's own added: NodeResourcesFit `LeastAllocated` (noderesources/least_allocated.go: the
/// free share of cpu and memory, 0–100, averaged) plus NodeResourcesBalancedAllocation
/// (balanced_allocation.go: 100 × (1 − the standard deviation of the two shares)). Both weigh 1.
fn resource_score(cap: (i128, i128), used: (i128, i128), pod: (i128, i128)) -> i128 {
    let (cap_cpu, cap_mem) = cap;
    let (req_cpu, req_mem) = (used.0 + pod.0, used.1 + pod.1);
    let least = |req: i128, cap: i128| {
        if cap == 0 || req > cap {
            0
        } else {
            (cap - req) * 100 / cap
        }
    };
    let least_allocated = (least(req_cpu, cap_cpu) + least(req_mem, cap_mem)) / 2;
    // Shares in ten-thousandths; with two resources the deviation is half their difference.
    let share = |req: i128, cap: i128| {
        if cap == 0 {
            0
        } else {
            (req * 10_000 / cap).min(10_000)
        }
    };
    let deviation = (share(req_cpu, cap_cpu) - share(req_mem, cap_mem)).abs() / 2;
    let balanced = (10_000 - deviation) * 100 / 10_000;
    least_allocated + balanced
}

/// A pod's requests as NodeResourcesFit reads them (noderesources/fit.go
/// `computePodResourceRequest`): resource name → thousandths of the unit; empty for most pods.
type Requests = Vec<(String, i128)>;

fn pod_requests(spec: &PodSpec) -> Requests {
    if !declares_resources(spec) {
        return Vec::new();
    }
    pod_resources(spec, false)
        .into_iter()
        .filter(|(_, q)| q.milli > 0)
        .map(|(k, q)| (k, q.milli))
        .collect()
}

fn add_requests(to: &mut Requests, from: &Requests, sign: i128) {
    for (k, v) in from {
        match to.iter_mut().find(|(name, _)| name == k) {
            Some((_, cur)) => *cur += sign * v,
            None => to.push((k.clone(), sign * v)),
        }
    }
}

/// Why a node was filtered out: a filter plugin's reason, as the FailedScheduling message
/// counts it (`N node(s) were unschedulable`; NodeResourcesFit's carry no "node(s)").
#[derive(Clone, Debug, PartialEq, Eq)]
enum Reject {
    /// UnschedulableAndUnresolvable: preemption cannot help.
    Unresolvable(String),
    /// No room: NodePorts (a host port in use) and NodeResourcesFit (`Too many pods`,
    /// `Insufficient cpu`, …). Unschedulable, so evicting pods might help, unless the flag
    /// says a request exceeds the node's whole allocatable (UnschedulableAndUnresolvable).
    /// Either way a bound pod leaving may let the pod in (the plugins' queueing hints).
    Room(Vec<String>, bool),
    /// PodTopologySpread or InterPodAffinity; the flag: UnschedulableAndUnresolvable. Pods
    /// bound elsewhere may change it.
    Pods(String, bool),
}

impl Scheduler {
    pub fn new(seed: u64) -> Self {
        Scheduler {
            rng: std::cell::Cell::new(Some(super::rng::Rng::new(seed ^ 0x5c4e_d01e_75c4_ed01))),
            ..Default::default()
        }
    }

    /// A node's allocatable cpu (milli) and memory (milli-bytes).
    fn allocatable_of(&self, node: &Node) -> (i128, i128) {
        let mut cache = self.allocatable.borrow_mut();
        if let Some(v) = cache.get(&node.metadata.name) {
            return *v;
        }
        let get = |k: &str| {
            node.status
                .allocatable
                .get(k)
                .and_then(|v| Quantity::parse(&serde_json::Value::String(v.clone())))
                .map_or(0, |q| q.milli)
        };
        let v = (get("cpu"), get("memory"));
        cache.insert(node.metadata.name.clone(), v);
        v
    }

    /// Uniform in `0..n`; always 0 without a generator.
    fn pick(&self, n: u64) -> u64 {
        let Some(mut r) = self.rng.get() else {
            return 0;
        };
        let v = r.below(n);
        self.rng.set(Some(r));
        v
    }

    pub fn observe(&mut self, ev: &WatchEvent, cluster: &Cluster) {
        match (ev.kind, ev.type_) {
            (Kind::Pod, WatchEventType::Added | WatchEventType::Modified) => {
                if let Some(p) = cluster.store.get_watched::<Pod>(ev) {
                    let counts = !p.spec.node_name.is_empty() && !p.is_terminal();
                    let node = counts.then_some(p.spec.node_name.as_str());
                    if self.bound.get(&*ev.name).map(String::as_str) != node {
                        self.set_bound(
                            &ev.name,
                            node.map(str::to_string),
                            Some(&p.spec),
                            Some(&p.metadata),
                        );
                    }
                    if p.is_scheduling_gated() {
                        // PreEnqueue (plugins/schedulinggates): not queued until ungated.
                        self.queue.remove(&*ev.name);
                    } else if p.spec.node_name.is_empty() && p.metadata.deletion_timestamp.is_none()
                    {
                        if !self.unschedulable.contains_key(&*ev.name) {
                            self.queue.insert(ev.name.clone());
                        }
                        if !self.since.contains_key(&*ev.name) {
                            self.since.insert(ev.name.clone(), cluster.now);
                        }
                    } else {
                        self.since.remove(&*ev.name);
                        self.unschedulable.remove(&*ev.name);
                        self.no_room.remove(&*ev.name);
                        self.by_pods.remove(&*ev.name);
                        self.nominated.remove(&*ev.name);
                    }
                }
            }
            (Kind::Pod, WatchEventType::Deleted) => {
                self.nominated.remove(&*ev.name);
                let last = ev.last_state.as_deref().map(|o| o.metadata().clone());
                self.set_bound(&ev.name, None, None, last.as_ref());
                self.unschedulable.remove(&*ev.name);
                self.no_room.remove(&*ev.name);
                self.by_pods.remove(&*ev.name);
                self.queue.remove(&*ev.name);
                self.since.remove(&*ev.name);
            }
            (Kind::Node, WatchEventType::Deleted) => {
                self.allocatable.get_mut().clear();
                self.nodes_seen.remove(&*ev.name);
            }
            // A node change may make a waiting pod schedulable. Kubernetes 1.34's queueing
            // hints (SchedulerQueueingHints, GA) move a pod back only for a change that can
            // help it: a new node, or more allocatable (noderesources/fit.go), all of them;
            // a node that no longer turns it away for a taint, cordon or its labels
            // (tainttoleration, nodeunschedulable, nodeaffinity isSchedulableAfterNodeChange),
            // that pod. A label it does not select on, or a cordon, moves none.
            (Kind::Node, WatchEventType::Added | WatchEventType::Modified) => {
                self.allocatable.get_mut().clear();
                let Some(node) = cluster.store.get_watched::<Node>(ev) else {
                    return;
                };
                let old = self.nodes_seen.insert(ev.name.to_string(), node.clone());
                let helps_all = old.as_ref().is_none_or(|o| {
                    o.status.allocatable != node.status.allocatable
                        || o.status.capacity != node.status.capacity
                });
                // PodTopologySpread and InterPodAffinity read node labels (topology keys).
                let labels_changed = old
                    .as_ref()
                    .is_some_and(|o| o.metadata.labels != node.metadata.labels);
                let moved: Vec<Rc<str>> = match &old {
                    _ if helps_all => self.unschedulable.keys().cloned().collect(),
                    Some(_) if labels_changed && !self.by_pods.is_empty() => self
                        .unschedulable
                        .keys()
                        .filter(|p| {
                            self.by_pods.contains_key(*p)
                                || cluster.store.get::<Pod>(p).is_some_and(|p| {
                                    old.as_ref().is_some_and(|o| node_fits(o, &p.spec).is_err())
                                        && node_fits(node, &p.spec).is_ok()
                                })
                        })
                        .cloned()
                        .collect(),
                    Some(old) => self
                        .unschedulable
                        .keys()
                        .filter(|p| {
                            cluster.store.get::<Pod>(p).is_some_and(|p| {
                                node_fits(old, &p.spec).is_err() && node_fits(node, &p.spec).is_ok()
                            })
                        })
                        .cloned()
                        .collect(),
                    None => Vec::new(),
                };
                for p in moved {
                    self.unschedulable.remove(&p);
                    self.no_room.remove(&p);
                    self.by_pods.remove(&p);
                    self.queue.insert(p);
                }
            }
            _ => {}
        }
    }

    /// A bound pod added or removed, kept for the queueing hints of the pods waiting on
    /// PodTopologySpread or InterPodAffinity (only while some wait).
    fn note_change(&mut self, meta: Option<&ObjectMeta>, anti: bool, added: bool) {
        self.changes_seen += 1;
        let (Some(meta), false) = (meta, self.by_pods.is_empty()) else {
            return;
        };
        // What the plugins' selectors read of it (namespace and labels), as a pod once.
        let mut pod = Pod::default();
        pod.metadata.namespace.clone_from(&meta.namespace);
        pod.metadata.labels.clone_from(&meta.labels);
        let change = PodChange { pod, anti };
        self.changes.push((self.changes_seen, change, added));
    }

    fn set_bound(
        &mut self,
        pod: &Rc<str>,
        node: Option<String>,
        spec: Option<&PodSpec>,
        meta: Option<&ObjectMeta>,
    ) {
        if self.bound.get(&**pod) == node.as_ref() {
            return;
        }
        let removed_meta = meta;
        if let Some(old) = self.bound.remove(&**pod) {
            if let Some(n) = self.load.get_mut(&old) {
                *n = n.saturating_sub(1);
            }
            if let Some(r) = self.requests.remove(&**pod) {
                if let Some(sum) = self.requested.get_mut(&old) {
                    add_requests(sum, &r, -1);
                }
            }
            if let Some((c, m)) = self.non_zero_of.remove(&**pod) {
                if let Some(sum) = self.non_zero.get_mut(&old) {
                    sum.0 -= c;
                    sum.1 -= m;
                }
            }
            if let Some(ports) = self.ports_of.remove(&**pod) {
                if let Some(used) = self.used_ports.get_mut(&old) {
                    for p in &ports {
                        if let Some(i) = used.iter().position(|u| u == p) {
                            used.swap_remove(i);
                        }
                    }
                }
            }
            // The queue's AssignedPodDelete event: pods NodeResourcesFit or NodePorts turned
            // away may fit now.
            self.freed += 1;
            let anti = self.anti_pods.remove(&**pod);
            self.note_change(removed_meta, anti, false);
        }
        if let Some(node) = node {
            let nz = spec.map_or(
                (DEFAULT_MILLI_CPU, DEFAULT_MEMORY * 1000),
                non_zero_requests,
            );
            let sum = self.non_zero.entry(node.clone()).or_default();
            sum.0 += nz.0;
            sum.1 += nz.1;
            self.non_zero_of.insert(pod.clone(), nz);
            let r = spec.map(pod_requests).unwrap_or_default();
            if !r.is_empty() {
                add_requests(self.requested.entry(node.clone()).or_default(), &r, 1);
                self.requests.insert(pod.clone(), r);
            }
            let ports = spec.map(host_ports).unwrap_or_default();
            if !ports.is_empty() {
                let used = self.used_ports.entry(node.clone()).or_default();
                used.extend(ports.iter().cloned());
                self.ports_of.insert(pod.clone(), ports);
            }
            let anti = spec.is_some_and(podrules::has_required_anti_affinity);
            if anti {
                self.anti_pods.insert(pod.clone());
            }
            self.note_change(meta, anti, true);
            match self.load.get_mut(&node) {
                Some(n) => *n += 1,
                None => {
                    self.load.insert(node.clone(), 1);
                }
            }
            self.bound.insert(pod.clone(), node);
        }
    }

    /// When the next unschedulable pod is retried for having waited too long: the scheduling
    /// queue's flush runs every 30 s (here on the 30 s ticks of the clock) and moves a pod whose
    /// last attempt is over podMaxInUnschedulablePodsDuration (5 min) old
    /// (pkg/scheduler/backend/queue/scheduling_queue.go flushUnschedulablePodsLeftover).
    pub fn next_flush(&self) -> Option<crate::api::Time> {
        let oldest = self.unschedulable.values().min()?;
        let due = oldest.0 + UNSCHEDULABLE_MAX_MS + 1;
        Some(crate::api::Time(
            due.div_euclid(FLUSH_EVERY_MS) * FLUSH_EVERY_MS
                + if due.rem_euclid(FLUSH_EVERY_MS) == 0 {
                    0
                } else {
                    FLUSH_EVERY_MS
                },
        ))
    }

    /// The flush at `now`: pods waiting over 5 minutes go back to the queue.
    pub fn flush(&mut self, now: crate::api::Time) {
        if self.next_flush().is_none_or(|t| t > now) {
            return;
        }
        let due: Vec<Rc<str>> = self
            .unschedulable
            .iter()
            .filter(|(_, t)| now.0 - t.0 > UNSCHEDULABLE_MAX_MS)
            .map(|(n, _)| n.clone())
            .collect();
        for name in due {
            self.unschedulable.remove(&name);
            self.queue.insert(name);
        }
    }

    pub fn has_work(&self) -> bool {
        !self.queue.is_empty()
            || (self.freed > 0 && !self.no_room.is_empty())
            || (!self.changes.is_empty() && !self.by_pods.is_empty())
    }

    /// The activeQ's order (queuesort/priority_sort.go PrioritySort.Less): higher priority
    /// first, then the earlier QueuedPodInfo.Timestamp; a nominated preemptor before its
    /// equals (their filters would count its reservation: RunFilterPluginsWithNominatedPods),
    /// and the name last, so that the order is total.
    fn queue_order(&self, cluster: &Cluster, names: BTreeSet<Rc<str>>) -> Vec<Rc<str>> {
        let mut keyed: Vec<_> = names
            .into_iter()
            .map(|n| {
                let priority = cluster
                    .store
                    .get::<Pod>(&n)
                    .map_or(0, |p| pod_priority(&p.spec));
                let since = self.since.get(&n).copied();
                let nominated = self.nominated.contains(&n);
                ((std::cmp::Reverse(priority), !nominated, since), n)
            })
            .collect();
        crate::sort::sort_by(&mut keyed, |a, b| a.cmp(b));
        keyed.into_iter().map(|(_, n)| n).collect()
    }

    /// Tries the queued pods once each, in `queue_order`. A freed slot (the AssignedPodDelete
    /// event) first moves every pod turned away for room to the queue: NodeResourcesFit's and
    /// NodePorts' queueing hints answer Queue for a deleted bound pod
    /// (noderesources/fit.go isSchedulableAfterPodEvent), so each is tried again, and each
    /// that still fails records FailedScheduling again (handleSchedulingFailure; a repeat
    /// joins the Event's series).
    pub fn run(&mut self, cluster: &mut Cluster) {
        if std::mem::take(&mut self.freed) > 0 {
            for name in std::mem::take(&mut self.no_room) {
                self.unschedulable.remove(&name);
                self.by_pods.remove(&name);
                self.queue.insert(name);
            }
        }
        let changes = std::mem::take(&mut self.changes);
        if !changes.is_empty() {
            let moved: Vec<Rc<str>> = self
                .by_pods
                .iter()
                .filter(|(name, failed_at)| {
                    cluster.store.get::<Pod>(name).is_some_and(|p| {
                        changes
                            .iter()
                            .filter(|(seq, _, _)| seq > failed_at)
                            .any(|(_, c, added)| c.may_help(p, *added))
                    })
                })
                .map(|(n, _)| n.clone())
                .collect();
            for name in moved {
                self.by_pods.remove(&name);
                self.unschedulable.remove(&name);
                self.no_room.remove(&name);
                self.queue.insert(name);
            }
        }
        let queue = std::mem::take(&mut self.queue);
        for name in self.queue_order(cluster, queue) {
            let Some(pod) = cluster.store.get::<Pod>(&name) else {
                continue;
            };
            if !pod.spec.node_name.is_empty() || pod.metadata.deletion_timestamp.is_some() {
                continue;
            }
            match pick_node(cluster, pod, self) {
                Ok(node) => self.bind(cluster, &name, node),
                Err(Unfit {
                    mut message,
                    fit,
                    no_room,
                    preemptible,
                    by_pods,
                }) => {
                    // PostFilter: DefaultPreemption. When it evicts, the event keeps only the
                    // filters' part (FitError.Error adds no PostFilterMsg on success).
                    if preemptible {
                        if let Some((node, victims)) = self.preemption(cluster, pod) {
                            self.preempt(cluster, &name, &node, &victims);
                            message = fit;
                        }
                    }
                    let Some(pod) = cluster.store.get::<Pod>(&name) else {
                        continue;
                    };
                    let meta = pod.metadata.clone();
                    let now = cluster.now;
                    // handleSchedulingFailure: the condition carries the FitError's text. An
                    // unchanged condition is no update (podutil.UpdatePodCondition).
                    let unchanged = pod.status.phase == "Pending"
                        && pod.status.conditions.iter().any(|c| {
                            c.type_ == "PodScheduled"
                                && c.status == "False"
                                && c.reason == "Unschedulable"
                                && c.message == message
                        });
                    if !unchanged {
                        let _ = cluster.store.modify::<Pod>(&name, |p| {
                            set_str(&mut p.status.phase, "Pending");
                            set_condition(p, "PodScheduled", "False", "Unschedulable", Some(now));
                            set_condition_message(p, "PodScheduled", &message);
                        });
                    }
                    // Every failed attempt records the Event (an unchanged one joins its
                    // series): handleSchedulingFailure.
                    cluster.record(
                        Kind::Pod,
                        &meta,
                        "Warning",
                        "FailedScheduling",
                        message,
                        COMPONENT,
                        "",
                    );
                    if no_room {
                        self.no_room.insert(name.clone());
                    }
                    if by_pods {
                        self.by_pods.insert(name.clone(), self.changes_seen);
                    }
                    self.since.insert(name.clone(), now);
                    self.unschedulable.insert(name, now);
                }
            }
        }
    }

    /// DefaultPreemption's dry run (pkg/scheduler/framework/preemption/preemption.go
    /// findCandidates, default_preemption.go SelectVictimsOnNode, pickOneNodeForPreemption):
    /// on each node that failed only for room (resources or host ports), take away every pod of
    /// lower priority; if the pod then fits, give back the most important ones (higher priority,
    /// then earlier start) while it still fits; the rest are the victims. Of the candidate
    /// nodes the best has the lowest highest-victim priority, then the lowest sum of
    /// priorities, then the fewest victims, then the latest start among its most important
    /// victims, then comes first. None when no node helps.
    fn preemption(&self, cluster: &Cluster, pod: &Pod) -> Option<(String, Vec<Rc<str>>)> {
        let priority = pod_priority(&pod.spec);
        // Priority 0 is the lowest this cluster gives (no PriorityClass of one's own): no pod
        // can be a victim, and a cluster full of Pending pods need not scan the nodes.
        if priority <= 0
            || pod
                .spec
                .other
                .get("preemptionPolicy")
                .and_then(|v| v.as_str())
                == Some("Never")
        {
            return None;
        }
        let victim_pod = |n: &Rc<str>| cluster.store.get::<Pod>(n);
        // The bound pods of lower priority, per node, read once.
        let mut lower_by_node: FastMap<&str, Vec<(&Rc<str>, &Pod)>> = FastMap::default();
        for (k, node) in &self.bound {
            if let Some(p) = victim_pod(k).filter(|p| pod_priority(&p.spec) < priority) {
                lower_by_node.entry(node.as_str()).or_default().push((k, p));
            }
        }
        // PodEligibleToPreemptOthers: while a lower-priority pod on the nominated node is still
        // terminating, the last preemption is under way: wait for it.
        let nominated = pod.status.nominated_node_name.as_str();
        if lower_by_node.get(nominated).is_some_and(|pods| {
            pods.iter()
                .any(|(_, p)| p.metadata.deletion_timestamp.is_some())
        }) {
            return None;
        }
        let requests = pod_requests(&pod.spec);
        let ports = host_ports(&pod.spec);
        // Nodes PodTopologySpread or InterPodAffinity turn away are left out: the dry run here
        // does not re-count those plugins without the victims.
        let rules = pod_rules(cluster, pod, self);
        // (node, victims, highest victim priority, sum, earliest start among the highest).
        let mut best: Option<(String, Vec<Rc<str>>, PreemptionScore)> = None;
        for node in cluster.store.list::<Node>() {
            // nodesWherePreemptionMightHelp: not the UnschedulableAndUnresolvable ones.
            if node_fits(node, &pod.spec).is_err()
                || exceeds_allocatable(node, &requests)
                || rules.as_ref().is_some_and(|r| r.filter(node).is_some())
            {
                continue;
            }
            let name = &node.metadata.name;
            let Some(mut lower) = lower_by_node.remove(name.as_str()) else {
                continue;
            };
            // util.MoreImportantPod: higher priority, then the earlier start, first.
            crate::sort::sort_by(&mut lower, |a, b| {
                pod_priority(&b.1.spec)
                    .cmp(&pod_priority(&a.1.spec))
                    .then(start_or_created(a.1).cmp(&start_or_created(b.1)))
                    .then(a.0.cmp(b.0))
            });
            let mut load = self.load.get(name).copied().unwrap_or(0);
            let mut used = self.requested.get(name).cloned().unwrap_or_default();
            let mut held = self.used_ports.get(name).cloned().unwrap_or_default();
            let change = |load: &mut usize,
                          used: &mut Requests,
                          held: &mut Vec<HostPort>,
                          k: &Rc<str>,
                          add: bool| {
                if add {
                    *load += 1;
                } else {
                    *load = load.saturating_sub(1);
                }
                if let Some(r) = self.requests.get(k) {
                    add_requests(used, r, if add { 1 } else { -1 });
                }
                for p in self.ports_of.get(k).into_iter().flatten() {
                    if add {
                        held.push(p.clone());
                    } else if let Some(i) = held.iter().position(|h| h == p) {
                        held.swap_remove(i);
                    }
                }
            };
            let fits = |load: usize, used: &Requests, held: &[HostPort]| {
                !ports.iter().any(|p| p.conflicts(held))
                    && insufficient(node, load, &requests, Some(used)).is_empty()
            };
            for (k, _) in &lower {
                change(&mut load, &mut used, &mut held, k, false);
            }
            if !fits(load, &used, &held) {
                continue;
            }
            let mut victims: Vec<&(&Rc<str>, &Pod)> = Vec::new();
            for v in &lower {
                change(&mut load, &mut used, &mut held, v.0, true);
                if !fits(load, &used, &held) {
                    change(&mut load, &mut used, &mut held, v.0, false);
                    victims.push(v);
                }
            }
            let top = victims.first().map_or(0, |v| pod_priority(&v.1.spec));
            // Each priority shifted by MaxInt32 + 1 so that more victims weigh more.
            let sum: i64 = victims
                .iter()
                .map(|v| pod_priority(&v.1.spec) + i64::from(i32::MAX) + 1)
                .sum();
            let earliest = victims
                .iter()
                .filter(|v| pod_priority(&v.1.spec) == top)
                .map(|v| start_or_created(v.1))
                .min()
                .flatten();
            let score = (top, sum, victims.len(), std::cmp::Reverse(earliest));
            if best.as_ref().is_none_or(|(_, _, b)| score < *b) {
                let names = victims.iter().map(|v| v.0.clone()).collect();
                best = Some((name.clone(), names, score));
            }
        }
        best.map(|(node, victims, _)| (node, victims))
    }

    /// prepareCandidate: each victim gets the DisruptionTarget condition, a `Preempted` Event
    /// and a graceful delete; the preemptor is nominated to the node (status.nominatedNodeName)
    /// and waits for the room to be freed.
    fn preempt(
        &mut self,
        cluster: &mut Cluster,
        preemptor: &Rc<str>,
        node: &str,
        victims: &[Rc<str>],
    ) {
        let uid = cluster
            .store
            .get::<Pod>(preemptor)
            .map(|p| p.metadata.uid.clone())
            .unwrap_or_default();
        let now = cluster.now;
        for v in victims {
            let _ = cluster.store.modify::<Pod>(v, |p| {
                set_disruption_target(
                    p,
                    "PreemptionByScheduler",
                    "default-scheduler: preempting to accommodate a higher priority pod",
                    now,
                )
            });
            if let Some(meta) = cluster.store.get::<Pod>(v).map(|p| p.metadata.clone()) {
                cluster.record(
                    Kind::Pod,
                    &meta,
                    "Normal",
                    "Preempted",
                    format_args!("Preempted by pod {uid} on node {node}"),
                    COMPONENT,
                    "",
                );
            }
            cluster.trace(COMPONENT, || Step::Delete {
                object: object_ref(Kind::Pod, v),
            });
            let _ = cluster.delete_pod(v);
        }
        let _ = cluster.store.modify::<Pod>(preemptor, |p| {
            set_str(&mut p.status.nominated_node_name, node);
        });
        self.nominated.insert(preemptor.clone());
    }

    fn bind(&mut self, cluster: &mut Cluster, name: &Rc<str>, node: String) {
        let pod = cluster.store.get::<Pod>(name);
        self.set_bound(
            name,
            Some(node.clone()),
            pod.map(|p| &p.spec),
            pod.map(|p| &p.metadata),
        );
        let now = cluster.now;
        let _ = cluster.store.modify::<Pod>(name, |p| {
            p.spec.node_name.clone_from(&node);
            set_condition(p, "PodScheduled", "True", "", Some(now));
            set_condition_message(p, "PodScheduled", "");
            // The kubelet's status patches are two-way merges from a status it generates
            // without nominatedNodeName (status_manager.go): its first one clears it.
            p.status.nominated_node_name.clear();
        });
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!("bound to {node}"),
        });
        cluster.with_pod(name, |p, recorder| {
            let meta = &p.metadata;
            recorder.record(
                Kind::Pod,
                meta,
                "Normal",
                "Scheduled",
                format_args!(
                    "Successfully assigned {}/{} to {}",
                    meta.namespace, meta.name, node
                ),
                COMPONENT,
                "",
            );
        });
    }
}

/// A bound pod added or removed, as the queueing hints of PodTopologySpread and
/// InterPodAffinity read it.
#[derive(Clone, Debug)]
struct PodChange {
    /// Its namespace and labels.
    pod: Pod,
    /// It had required anti-affinity.
    anti: bool,
}

impl PodChange {
    /// Whether the change may let `waiting` in (isSchedulableAfterPodChange of
    /// interpodaffinity/plugin.go and podtopologyspread/plugin.go): a pod its affinity or a
    /// spread constraint selects came; one its anti-affinity or a spread constraint selects,
    /// or one with anti-affinity of its own, went.
    fn may_help(&self, waiting: &Pod, added: bool) -> bool {
        let other = &self.pod;
        podrules::spread_selects(waiting, other)
            || if added {
                podrules::terms_select(waiting, "podAffinity", other)
            } else {
                self.anti || podrules::terms_select(waiting, "podAntiAffinity", other)
            }
    }
}

/// Why no node took the pod: the FailedScheduling message, and whether some node turned it
/// away only for its pod count (so a freed slot is worth a retry).
struct Unfit {
    message: String,
    /// The message without its `preemption: ...` part (what is left when preemption works).
    fit: String,
    /// Some node turned it away for room (NodeResourcesFit, NodePorts): a bound pod leaving
    /// requeues it.
    no_room: bool,
    /// Some node turned it away for room that evictions could free (Unschedulable, not
    /// UnschedulableAndUnresolvable): DefaultPreemption may help.
    preemptible: bool,
    /// Some node turned it away for the pods on it (PodTopologySpread, InterPodAffinity).
    by_pods: bool,
}

/// Assigns into the string's existing buffer: status words change on every pod write.
pub(crate) fn set_str(s: &mut String, v: &str) {
    if s != v {
        s.clear();
        s.push_str(v);
    }
}

pub(crate) fn set_condition(
    p: &mut Pod,
    type_: &str,
    status: &str,
    reason: &str,
    at: Option<crate::api::Time>,
) {
    // status/generate.go GeneratePodReadyCondition: ready containers make the pod Ready only
    // when every readiness gate's condition is True.
    if type_ == "Ready" && status == "True" {
        if let Some(why) = p.unmet_readiness_gates() {
            put_condition(p, "ContainersReady", "True", "", at);
            put_condition(p, "Ready", "False", "ReadinessGatesNotReady", at);
            set_condition_message(p, "Ready", &why);
            return;
        }
    }
    // A pod with readiness gates keeps ContainersReady apart from Ready (its own transition
    // time); others report it as a copy of Ready (kubelet/status.rs).
    if type_ == "Ready" && p.spec.other.contains_key("readinessGates") {
        put_condition(p, "ContainersReady", status, reason, at);
    }
    put_condition(p, type_, status, reason, at);
}

fn put_condition(
    p: &mut Pod,
    type_: &str,
    status: &str,
    reason: &str,
    at: Option<crate::api::Time>,
) {
    if let Some(c) = p.status.conditions.iter_mut().find(|c| c.type_ == type_) {
        if c.reason == "ReadinessGatesNotReady" && reason != c.reason {
            c.message = String::new();
        }
        // lastTransitionTime moves only when the status does (kubelet status_manager.go
        // updateLastTransitionTime).
        if at.is_some() && c.status != status {
            c.last_transition_time = at;
        }
        set_str(&mut c.status, status);
        set_str(&mut c.reason, reason);
    } else {
        // Pods here carry two conditions (PodScheduled, Ready): room for those, not Vec's
        // default four (128 bytes each, times every pod a big Job keeps).
        if p.status.conditions.is_empty() {
            p.status.conditions.reserve_exact(2);
        }
        p.status.conditions.push(crate::api::Condition {
            type_: type_.into(),
            status: status.into(),
            reason: reason.into(),
            last_transition_time: at,
            ..Default::default()
        });
    }
}

pub(crate) fn set_condition_message(p: &mut Pod, type_: &str, message: &str) {
    if let Some(c) = p.status.conditions.iter_mut().find(|c| c.type_ == type_) {
        if message.is_empty() {
            // Frees the buffer: a bound pod keeps no copy of why it once waited.
            c.message = String::new();
        } else {
            set_str(&mut c.message, message);
        }
    }
}

/// The `DisruptionTarget` condition a component sets before it deletes a pod (the pod GC,
/// the Eviction API), with its reason and message.
pub(crate) fn set_disruption_target(
    p: &mut Pod,
    reason: &str,
    message: &str,
    at: crate::api::Time,
) {
    set_condition(p, "DisruptionTarget", "True", reason, Some(at));
    set_condition_message(p, "DisruptionTarget", message);
}

/// Filter, then score (resource_score); ties are broken at random.
fn pick_node(cluster: &Cluster, pod: &Pod, cache: &Scheduler) -> Result<String, Unfit> {
    let spec = &pod.spec;
    let rules = pod_rules(cluster, pod, cache);
    let mut rejects: Vec<Reject> = Vec::new();
    let mut best: Option<(i128, &str)> = None;
    let mut ties = 0u64;
    // Nodes the PreFilter left out (counted as not matching the affinity, only on failure).
    let mut absent = 0usize;
    let requests = pod_requests(spec);
    let own = non_zero_requests(spec);
    let ports = host_ports(spec);
    let preferred = preferred_terms(spec);
    // The nodes that pass the filters: (resource score, untolerated PreferNoSchedule taints,
    // preferred affinity weight, name).
    let mut feasible: Vec<(i128, i64, i64, &str)> = Vec::new();
    // NodeAffinity's PreFilter: `matchFields metadata.name In [...]` in every term (how daemon
    // pods name their node) narrows the candidates to those nodes, without a scan.
    let named = named_nodes(spec);
    // Iterated in place: one pod at a time is scheduled, and most see every node.
    let (mut by_name, mut every);
    let candidates: &mut dyn Iterator<Item = &Node> = match &named {
        Some(names) => {
            let found: Vec<&Node> = names
                .iter()
                .filter_map(|n| cluster.store.get::<Node>(n))
                .collect();
            absent = cluster.store.nodes.len().saturating_sub(found.len());
            by_name = found.into_iter();
            &mut by_name
        }
        None => {
            every = cluster.store.list::<Node>();
            &mut every
        }
    };
    for node in candidates {
        if let Err(r) = node_fits(node, spec) {
            rejects.push(Reject::Unresolvable(r));
            continue;
        }
        // NodePorts (nodeports/node_ports.go Filter): Unschedulable, not Unresolvable.
        if !ports.is_empty() {
            let used = cache.used_ports.get(&node.metadata.name);
            if used.is_some_and(|used| ports.iter().any(|p| p.conflicts(used))) {
                rejects.push(Reject::Room(vec![PORTS.to_string()], false));
                continue;
            }
        }
        let load = cache.load.get(&node.metadata.name).copied().unwrap_or(0);
        let short = insufficient(
            node,
            load,
            &requests,
            cache.requested.get(&node.metadata.name),
        );
        if !short.is_empty() {
            // A request over the node's whole allocatable is UnschedulableAndUnresolvable:
            // no eviction makes room (fit.go fitsRequest `Unresolvable`, Kubernetes 1.34).
            let unresolvable = exceeds_allocatable(node, &requests);
            rejects.push(Reject::Room(short, unresolvable));
            continue;
        }
        if let Some(f) = rules.as_ref().and_then(|r| r.filter(node)) {
            rejects.push(Reject::Pods(f.reason.to_string(), f.unresolvable));
            continue;
        }
        let used = cache
            .non_zero
            .get(&node.metadata.name)
            .copied()
            .unwrap_or((0, 0));
        let cap = cache.allocatable_of(node);
        let affinity: i64 = preferred
            .iter()
            .filter(|(_, t)| term_matches(t, node))
            .map(|(w, _)| *w)
            .sum();
        feasible.push((
            resource_score(cap, used, own),
            intolerable_prefer_no_schedule(node, spec),
            affinity,
            node.metadata.name.as_str(),
        ));
    }
    // The default profile's other scores (apis/config/v1/default_plugins.go), normalised over
    // the feasible nodes: TaintToleration weighs 3, NodeAffinity's preferred terms 2.
    let max_taints = feasible.iter().map(|f| f.1).max().unwrap_or(0);
    let max_affinity = feasible.iter().map(|f| f.2).max().unwrap_or(0);
    for (resources, taints, affinity, name) in feasible {
        let score = resources
            + 3 * normalize(taints, max_taints, true)
            + 2 * normalize(affinity, max_affinity, false);
        // selectHost (schedule_one.go): the highest score wins, ties by reservoir sampling.
        match best {
            Some((s, _)) if score < s => {}
            Some((s, _)) if score == s => {
                ties += 1;
                if cache.pick(ties) == 0 {
                    best = Some((score, name));
                }
            }
            _ => {
                best = Some((score, name));
                ties = 1;
            }
        }
    }
    if let Some((_, n)) = best {
        return Ok(n.to_string());
    }
    let total = cluster.store.nodes.len();
    if total == 0 {
        return Err(Unfit {
            message: "no nodes available to schedule pods".into(),
            fit: "no nodes available to schedule pods".into(),
            no_room: false,
            preemptible: false,
            by_pods: false,
        });
    }
    // framework.FitError.Error(): each reason with the number of nodes that gave it, sorted as
    // strings: "0/4 nodes are available: 1 node(s) had untolerated taint {…}, 3 Insufficient cpu."
    let mut counts: Vec<(String, usize)> = Vec::new();
    // findNodesThatFitPod (schedule_one.go): nodes the PreFilter left out are
    // SetAbsentNodesStatus'd with the plugins that narrowed the list.
    if absent > 0 {
        counts.push((PREFILTER_NODE_AFFINITY.to_string(), absent));
    }
    for r in &rejects {
        let reasons = match r {
            Reject::Unresolvable(text) => std::slice::from_ref(text),
            Reject::Room(list, _) => list.as_slice(),
            Reject::Pods(text, _) => std::slice::from_ref(text),
        };
        for text in reasons {
            match counts.iter_mut().find(|(t, _)| t == text) {
                Some((_, n)) => *n += 1,
                None => counts.push((text.clone(), 1)),
            }
        }
    }
    let mut parts: Vec<String> = counts.iter().map(|(t, n)| format!("{n} {t}")).collect();
    crate::sort::sort(&mut parts);
    let full = rejects
        .iter()
        .filter(|r| matches!(r, Reject::Room(_, false) | Reject::Pods(_, false)))
        .count();
    let by_pods = rejects.iter().any(|r| matches!(r, Reject::Pods(..)));
    let room = rejects.iter().any(|r| matches!(r, Reject::Room(..)));
    // DefaultPreemption (pkg/scheduler/framework/preemption/preemption.go): nodes that failed
    // with UnschedulableAndUnresolvable (affinity, taints, unschedulable) are "not helpful";
    // on the rest no pod of lower priority could go (default_preemption.go
    // SelectVictimsOnNode), or `preempt` would have found victims before this message is used.
    let mut preemption = Vec::new();
    if total > full {
        preemption.push(format!(
            "{} Preemption is not helpful for scheduling",
            total - full
        ));
    }
    if full > 0 {
        preemption.push(format!(
            "{full} No preemption victims found for incoming pod"
        ));
    }
    crate::sort::sort(&mut preemption);
    let fit = format!("0/{total} nodes are available: {}.", parts.join(", "));
    Err(Unfit {
        // FitError.Error(): the PostFilter message is itself a whole FitError text ("….")
        // and SeparatorFormat " %v." ends it again: "…for incoming pod.." (framework/types.go).
        message: format!(
            "{fit} preemption: 0/{total} nodes are available: {}..",
            preemption.join(", ")
        ),
        fit,
        no_room: room,
        preemptible: full > 0,
        by_pods,
    })
}

/// nodeaffinity.ErrReasonPod.
pub(crate) const AFFINITY: &str = "node(s) didn't match Pod's node affinity/selector";
/// pickOneNodeForPreemption's order, lowest best: the highest victim priority, the sum of
/// the victims' priorities, their number, the latest start among the most important ones.
type PreemptionScore = (i64, i64, usize, std::cmp::Reverse<Option<crate::api::Time>>);

/// The priority the Priority admission plugin set (0 when none).
pub(crate) fn pod_priority(spec: &PodSpec) -> i64 {
    spec.other
        .get("priority")
        .and_then(|v| v.as_i64())
        .unwrap_or(0)
}

/// util.GetPodStartTime, falling back to the creation time for a pod not yet started.
fn start_or_created(p: &Pod) -> Option<crate::api::Time> {
    p.status.start_time.or(p.metadata.creation_timestamp)
}

/// nodeports.ErrReason.
pub(crate) const PORTS: &str = "node(s) didn't have free ports for the requested pod ports";

/// A host port a pod holds on its node (`HostPortInfo`'s key: IP, protocol, port).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HostPort {
    ip: String,
    protocol: String,
    port: i64,
}

impl HostPort {
    /// `HostPortInfo.CheckConflict` (pkg/scheduler/framework/types.go): the same protocol and
    /// port on the same IP, where 0.0.0.0 (an empty hostIP) overlaps every IP.
    pub(crate) fn conflicts(&self, used: &[HostPort]) -> bool {
        used.iter().any(|u| {
            u.port == self.port
                && u.protocol == self.protocol
                && (u.ip == self.ip || u.ip == ANY_IP || self.ip == ANY_IP)
        })
    }
}

const ANY_IP: &str = "0.0.0.0";

/// The host ports a pod asks for (schedutil.GetHostPorts: its containers' and its sidecars',
/// the init containers that run as long as the pod). A `hostNetwork` pod's ports are host
/// ports: the API server defaults `hostPort` to `containerPort` (pkg/apis/core/v1/defaults.go
/// SetDefaults_Pod defaultHostNetworkPorts). An empty hostIP is 0.0.0.0, the protocol TCP
/// (HostPortInfo.sanitize).
pub(crate) fn host_ports(spec: &PodSpec) -> Vec<HostPort> {
    let sidecars = spec
        .init_containers
        .iter()
        .filter(|c| c.is_restartable_init());
    let mut out = Vec::new();
    for c in sidecars.chain(&spec.containers) {
        let Some(ports) = c.other.get("ports").and_then(|v| v.as_array()) else {
            continue;
        };
        for p in ports {
            let int = |k: &str| p.get(k).and_then(|v| v.as_i64()).unwrap_or(0);
            let str = |k: &str| p.get(k).and_then(|v| v.as_str()).unwrap_or("");
            let mut port = int("hostPort");
            if port == 0 && spec.host_network {
                port = int("containerPort");
            }
            if port <= 0 {
                continue;
            }
            let ip = match str("hostIP") {
                "" => ANY_IP,
                ip => ip,
            };
            let protocol = match str("protocol") {
                "" => "TCP",
                p => p,
            };
            out.push(HostPort {
                ip: ip.to_string(),
                protocol: protocol.to_string(),
                port,
            });
        }
    }
    out
}
const PREFILTER_NODE_AFFINITY: &str = "node(s) didn't satisfy plugin(s) [NodeAffinity]";

/// NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go `fitsRequest`): the
/// pod count against `allocatable.pods`, then each resource the pod requests against what the
/// node's bound pods left of its allocatable amount. Empty when the pod fits.
fn insufficient(
    node: &Node,
    load: usize,
    requests: &Requests,
    used: Option<&Requests>,
) -> Vec<String> {
    let mut short = Vec::new();
    if load as i64 + 1 > node.status.allowed_pod_number() {
        short.push("Too many pods".to_string());
    }
    if requests.is_empty() {
        return short;
    }
    for (name, want) in requests {
        if name == "pods" {
            continue;
        }
        let allocatable = node
            .status
            .allocatable
            .get(name)
            .and_then(|q| Quantity::parse(&serde_json::Value::String(q.clone())))
            .map_or(0, |q| q.milli);
        let in_use = used
            .and_then(|u| u.iter().find(|(k, _)| k == name))
            .map_or(0, |(_, v)| *v);
        if *want > allocatable - in_use {
            short.push(format!("Insufficient {name}"));
        }
    }
    short
}

/// PodTopologySpread's and InterPodAffinity's PreFilter state for the pod, or None when
/// neither can turn a node away (no constraint or term of its own, no bound pod with
/// required anti-affinity).
fn pod_rules(cluster: &Cluster, pod: &Pod, cache: &Scheduler) -> Option<podrules::PodRules> {
    let own = pod.spec.other.contains_key("topologySpreadConstraints")
        || pod.spec.affinity.as_ref().is_some_and(|a| {
            a.other.contains_key("podAffinity") || a.other.contains_key("podAntiAffinity")
        });
    if !own && cache.anti_pods.is_empty() {
        return None;
    }
    let node_of = |name: &Rc<str>| -> Option<(&Pod, &Node)> {
        let p = cluster.store.get::<Pod>(name)?;
        let n = cluster.store.get::<Node>(cache.bound.get(name)?)?;
        Some((p, n))
    };
    let mut bound: Vec<(&Pod, &Node)> = Vec::new();
    if own {
        bound = cache.bound.keys().filter_map(node_of).collect();
        crate::sort::sort_by(&mut bound, |a, b| a.0.metadata.name.cmp(&b.0.metadata.name));
    }
    let with_anti: Vec<(&Pod, &Node)> = cache.anti_pods.iter().filter_map(node_of).collect();
    let nodes: Vec<&Node> = cluster.store.list::<Node>().collect();
    let rules = podrules::PodRules::new(pod, &nodes, &bound, &with_anti, |node| {
        let tolerated = !node
            .spec
            .taints
            .iter()
            .filter(|t| t.effect == "NoSchedule" || t.effect == "NoExecute")
            .any(|taint| !pod.spec.tolerations.iter().any(|t| t.tolerates(taint)));
        (node_matches_affinity(node, &pod.spec), tolerated)
    });
    rules.active().then_some(rules)
}

/// Whether a request (pods aside) is over the node's whole allocatable: then even an empty
/// node could not take the pod (noderesources/fit.go fitsRequest sets `Unresolvable`).
fn exceeds_allocatable(node: &Node, requests: &Requests) -> bool {
    requests.iter().any(|(name, want)| {
        name != "pods"
            && *want
                > node
                    .status
                    .allocatable
                    .get(name)
                    .and_then(|q| Quantity::parse(&serde_json::Value::String(q.clone())))
                    .map_or(0, |q| q.milli)
    })
}

/// The node names a pod's required affinity limits it to, if every term has a
/// `metadata.name In` field selector.
fn named_nodes(spec: &PodSpec) -> Option<Vec<String>> {
    let terms = spec.required_node_selector_terms()?;
    let mut names = Vec::new();
    for t in terms {
        let r = t
            .match_fields
            .iter()
            .find(|r| r.key == "metadata.name" && r.operator == "In")?;
        names.extend(r.values.iter().cloned());
    }
    (!terms.is_empty()).then_some(names)
}

/// The filters before NodeResourcesFit, in the default profile's order
/// (pkg/scheduler/apis/config/v1/default_plugins.go): a node counts under the first it fails.
fn node_fits(node: &Node, spec: &PodSpec) -> Result<(), String> {
    // NodeUnschedulable (nodeunschedulable/node_unschedulable.go).
    if node.spec.unschedulable
        && !spec.tolerations.iter().any(|t| {
            t.tolerates(&crate::api::Taint {
                key: "node.kubernetes.io/unschedulable".into(),
                value: String::new(),
                effect: "NoSchedule".into(),
                time_added: None,
            })
        })
    {
        return Err("node(s) were unschedulable".into());
    }
    // TaintToleration (tainttoleration/taint_toleration.go `Filter`): the first untolerated
    // NoSchedule or NoExecute taint, by key and value.
    if let Some(taint) = node
        .spec
        .taints
        .iter()
        .filter(|t| t.effect == "NoSchedule" || t.effect == "NoExecute")
        .find(|taint| !spec.tolerations.iter().any(|t| t.tolerates(taint)))
    {
        return Err(format!(
            "node(s) had untolerated taint {{{}: {}}}",
            taint.key, taint.value
        ));
    }
    // NodeAffinity (nodeaffinity/node_affinity.go): nodeSelector and required affinity.
    if !node_matches_affinity(node, spec) {
        return Err(AFFINITY.into());
    }
    Ok(())
}

/// nodeSelector and required node affinity (`nodeaffinity.GetRequiredNodeAffinity`).
pub fn node_matches_affinity(node: &Node, spec: &PodSpec) -> bool {
    let labels = &node.metadata.labels;
    if !spec
        .node_selector
        .iter()
        .all(|(k, v)| labels.get(k) == Some(v))
    {
        return false;
    }
    let Some(terms) = spec.required_node_selector_terms() else {
        return true;
    };
    // Terms are ORed; an empty term list matches nothing.
    terms.iter().any(|term| term_matches(term, node))
}

/// A node selector term: its requirements ANDed; an empty term matches nothing.
fn term_matches(term: &NodeSelectorTerm, node: &Node) -> bool {
    let labels = &node.metadata.labels;
    (!term.match_expressions.is_empty() || !term.match_fields.is_empty())
        && term
            .match_expressions
            .iter()
            .all(|r| requirement_matches(r, labels.get(&r.key).map(String::as_str)))
        && term.match_fields.iter().all(|r| {
            r.key == "metadata.name" && requirement_matches(r, Some(node.metadata.name.as_str()))
        })
}

/// The pod's preferred node affinity terms with their weights
/// (`preferredDuringSchedulingIgnoredDuringExecution`, read from the JSON as written).
fn preferred_terms(spec: &PodSpec) -> Vec<(i64, NodeSelectorTerm)> {
    let Some(list) = spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|n| {
            n.other
                .get("preferredDuringSchedulingIgnoredDuringExecution")
        })
        .and_then(|v| v.as_array())
    else {
        return Vec::new();
    };
    let requirements = |v: Option<&serde_json::Value>| -> Vec<NodeSelectorRequirement> {
        v.and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .map(|r| NodeSelectorRequirement {
                key: r["key"].as_str().unwrap_or_default().to_string(),
                operator: r["operator"].as_str().unwrap_or_default().to_string(),
                values: r["values"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect(),
            })
            .collect()
    };
    list.iter()
        .map(|t| {
            let pref = t.get("preference");
            let term = NodeSelectorTerm {
                match_expressions: requirements(pref.and_then(|p| p.get("matchExpressions"))),
                match_fields: requirements(pref.and_then(|p| p.get("matchFields"))),
            };
            (t["weight"].as_i64().unwrap_or(0), term)
        })
        .collect()
}

/// TaintToleration's Score (tainttoleration/taint_toleration.go): the node's PreferNoSchedule
/// taints the pod does not tolerate.
fn intolerable_prefer_no_schedule(node: &Node, spec: &PodSpec) -> i64 {
    node.spec
        .taints
        .iter()
        .filter(|t| t.effect == "PreferNoSchedule")
        .filter(|taint| !spec.tolerations.iter().any(|t| t.tolerates(taint)))
        .count() as i64
}

/// helper.DefaultNormalizeScore: scores scaled to 0..100 by the largest (reversed: the fewest
/// gets 100); all 0 stays 0, or all 100 when reversed.
fn normalize(score: i64, max: i64, reverse: bool) -> i128 {
    let s = if max == 0 { 0 } else { score * 100 / max };
    i128::from(if reverse { 100 - s } else { s })
}

fn requirement_matches(r: &NodeSelectorRequirement, value: Option<&str>) -> bool {
    match r.operator.as_str() {
        "In" => value.is_some_and(|v| r.values.iter().any(|x| x == v)),
        "NotIn" => !value.is_some_and(|v| r.values.iter().any(|x| x == v)),
        "Exists" => value.is_some(),
        "DoesNotExist" => value.is_none(),
        "Gt" | "Lt" => {
            let (Some(v), Some(bound)) = (
                value.and_then(|v| v.parse::<i64>().ok()),
                r.values.first().and_then(|b| b.parse::<i64>().ok()),
            ) else {
                return false;
            };
            if r.operator == "Gt" {
                v > bound
            } else {
                v < bound
            }
        }
        _ => false,
    }
}
