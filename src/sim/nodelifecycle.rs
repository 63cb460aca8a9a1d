//! A node whose kubelet stops, and the node lifecycle controller that notices
//! (pkg/controller/nodelifecycle/node_lifecycle_controller.go). The kubelet's containers run on,
//! unseen; once its Lease has not been renewed for `nodeMonitorGracePeriod` the controller marks
//! the node's conditions Unknown, its pods not Ready, and taints it `unreachable` — NoSchedule at
//! once, NoExecute on its next pass. The taint eviction controller then deletes the pods that
//! tolerate that taint only for a while (300 s by default); DaemonSet pods tolerate it forever.
//! Pods deleted on a lost node stay Terminating until its kubelet is back to stop them.

use crate::api::{Duration, Kind, Node, Pod, Taint, Time};

use super::cluster::Step;
use super::Simulation;

/// `--node-monitor-grace-period`: 50 s since v1.32 (40 s before; kubernetes#126287).
pub const NODE_MONITOR_GRACE_PERIOD: Duration = Duration::from_secs(50);
/// `--node-monitor-period`: how often the controller checks node health.
pub const NODE_MONITOR_PERIOD: Duration = Duration::from_secs(5);
/// The kubelet renews its Lease every 10 s (a quarter of its 40 s duration, pkg/kubelet/nodelease).
pub const LEASE_RENEW_INTERVAL: Duration = Duration::from_secs(10);
/// `--node-eviction-rate` 0.1 nodes/s with a burst of 1: NoExecute taints on further nodes of a
/// zone come 10 s apart (RateLimitedTimedQueue).
const TAINT_INTERVAL: Duration = Duration::from_secs(10);
/// `--unhealthy-zone-threshold`: a zone with more than 2 nodes not Ready, and at least this share
/// of its nodes, is partially disrupted; in a cluster of at most `--large-cluster-size-threshold`
/// (50) nodes no more nodes of it are tainted NoExecute (ReducedQPSFunc returns 0).
const UNHEALTHY_ZONE_THRESHOLD: f64 = 0.55;

pub const UNREACHABLE_TAINT: &str = "node.kubernetes.io/unreachable";
/// What a new Node carries until it is Ready (and a NotReady one, by condition).
pub const NOT_READY_TAINT: &str = "node.kubernetes.io/not-ready";
const NODE_CONTROLLER: &str = "node-controller";
/// Its steps in the controller-loop trace.
const LOOP: &str = "node-lifecycle-controller";
/// The conditions the controller turns Unknown (NetworkUnavailable is the network plugin's).
const KUBELET_CONDITIONS: [&str; 4] = ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"];

/// A node's Lease as its kubelet keeps it (pkg/kubelet/nodelease): renewed every 10 s since
/// `since` (the kubelet's last start; the node's registration when None), or, for a stopped
/// kubelet, last renewed at `stopped`, where its status heartbeats stop too.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NodeLease {
    pub since: Option<Time>,
    pub stopped: Option<Time>,
}

/// A node whose kubelet is stopped, as the node lifecycle controller sees it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct LostNode {
    pub node: String,
    /// The Lease's last renewal.
    pub renewed: Time,
    /// The controller's probe timestamp: when it saw that renewal (or, restarted, when it first
    /// saw the node again).
    pub probe: Time,
    /// When the controller marked it Unknown (`tryUpdateNodeHealth`).
    pub marked: Option<Time>,
    /// Tainted `unreachable:NoExecute` (`doNoExecuteTaintingPass`).
    pub tainted: bool,
    /// Someone took the NoExecute taint off: the controller puts it back on its next pass.
    pub retaint_at: Option<Time>,
}

impl Simulation {
    /// The kubelet on `node` stops (`systemctl stop kubelet`, a lost network link).
    pub fn stop_kubelet(&mut self, node: &str) -> Result<String, String> {
        let n = self.node_to_update(node)?;
        if self.kubelet.is_stopped(node) {
            return Ok(format!("kubelet on node/{node} already stopped"));
        }
        self.kubelet.stop_node(node);
        // Stopped again before the controller saw it back: its taints stay.
        self.recovered_nodes.retain(|n| n != node);
        self.reachable_again.retain(|(n, _)| n != node);
        let now = self.cluster.now;
        // Renewals every 10 s since the node registered, or since its kubelet last started.
        let created = n.metadata.creation_timestamp.unwrap_or(now);
        let base = self
            .kubelet_started
            .iter()
            .find(|(n, _)| n == node)
            .map_or(created, |(_, t)| (*t).max(created));
        let since = (now - base).0.max(0);
        let renew = LEASE_RENEW_INTERVAL.0;
        let renewed = base + Duration::from_millis(since - since % renew);
        self.lost_nodes.push(LostNode {
            node: node.to_string(),
            renewed,
            probe: renewed,
            marked: None,
            tainted: false,
            retaint_at: None,
        });
        let due = (renewed + NODE_MONITOR_GRACE_PERIOD - now).whole_secs();
        self.cluster.trace(LOOP, || Step::Decide {
            key: node.to_string(),
            message: format!(
                "(the kubelet stops: this controller cannot see that, only that the node's Lease stops being renewed) last renewal {}s ago; if none comes within the 50s grace period it marks the node NotReady, in {due}s",
                (now - renewed).whole_secs()
            ),
            zh: format!("（kubelet 停止：本控制器看不到这一点，只能看到节点的 Lease 不再续约）上次续约在 {} 秒前；若 50 秒宽限期内没有续约，它将在 {due} 秒后把节点标记为 NotReady", (now - renewed).whole_secs()),
        });
        Ok(format!("kubelet on node/{node} stopped"))
    }

    /// The kubelet on `node` starts again: it posts Ready, catches up with its pods, and the
    /// node lifecycle controller removes the `unreachable` taints (`markNodeAsReachable`).
    pub fn start_kubelet(&mut self, node: &str) -> Result<String, String> {
        self.node_to_update(node)?;
        if !self.kubelet.is_stopped(node) {
            return Ok(format!("kubelet on node/{node} already running"));
        }
        let marked = self
            .lost_nodes
            .iter()
            .find(|l| l.node == node)
            .and_then(|l| l.marked);
        self.lost_nodes.retain(|l| l.node != node);
        let now = self.cluster.now;
        self.kubelet_started.retain(|(n, _)| n != node);
        self.kubelet_started.push((node.to_string(), now));
        // The kubelet's status setters (pkg/kubelet/nodestatus), in their order, each change
        // recorded as `Node X status is now: Reason`.
        let back = [
            (
                "MemoryPressure",
                "False",
                "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available",
                "NodeHasSufficientMemory",
            ),
            (
                "DiskPressure",
                "False",
                "KubeletHasNoDiskPressure",
                "kubelet has no disk pressure",
                "NodeHasNoDiskPressure",
            ),
            (
                "PIDPressure",
                "False",
                "KubeletHasSufficientPID",
                "kubelet has sufficient PID available",
                "NodeHasSufficientPID",
            ),
            (
                "Ready",
                "True",
                "KubeletReady",
                "kubelet is posting ready status",
                "NodeReady",
            ),
        ];
        let mut changed: Vec<&'static str> = Vec::new();
        let _ = self.cluster.store.modify::<Node>(node, |n| {
            for (type_, status, reason, message, event) in back {
                if let Some(c) = n.status.conditions.iter_mut().find(|c| c.type_ == type_) {
                    if c.status != status {
                        c.status = status.into();
                        c.reason = reason.into();
                        c.message = message.into();
                        c.last_transition_time = Some(now);
                        changed.push(event);
                    }
                }
            }
        });
        if let Some(meta) = self
            .cluster
            .store
            .get::<Node>(node)
            .map(|n| crate::api::ObjectMeta {
                // kubelet.go NewMainKubelet: the kubelet's node reference has the name as uid.
                uid: node.to_string(),
                ..n.metadata.clone()
            })
        {
            // kubelet.go: "Starting kubelet.", then the allocatable enforcement, then what the
            // status setters changed.
            self.cluster.record(
                Kind::Node,
                &meta,
                "Normal",
                "Starting",
                "Starting kubelet.",
                super::kubelet::COMPONENT,
                node,
            );
            self.cluster.record(
                Kind::Node,
                &meta,
                "Normal",
                "NodeAllocatableEnforced",
                "Updated Node Allocatable limit across pods",
                super::kubelet::COMPONENT,
                node,
            );
            for reason in changed {
                self.cluster.record(
                    Kind::Node,
                    &meta,
                    "Normal",
                    reason,
                    format_args!("Node {node} status is now: {reason}"),
                    super::kubelet::COMPONENT,
                    node,
                );
            }
        }
        self.kubelet.start_node(node, &mut self.cluster);
        // The node lifecycle controller takes the unreachable taints off: NoSchedule on the
        // node's update, NoExecute on its next pass (every 5 s since the one that marked it).
        let has = |effect: &str| {
            self.cluster.store.get::<Node>(node).is_some_and(|n| {
                n.spec
                    .taints
                    .iter()
                    .any(|t| t.key == UNREACHABLE_TAINT && t.effect == effect)
            })
        };
        if has("NoSchedule") && !self.recovered_nodes.iter().any(|n| n == node) {
            self.recovered_nodes.push(node.to_string());
        }
        if has("NoExecute") {
            let pass = marked.map_or(now, |m| now.next_tick(m, NODE_MONITOR_PERIOD));
            self.reachable_again.retain(|(n, _)| n != node);
            self.reachable_again.push((node.to_string(), pass));
        }
        Ok(format!("kubelet on node/{node} started"))
    }

    pub fn kubelet_stopped(&self, node: &str) -> bool {
        self.kubelet.is_stopped(node)
    }

    /// How the kubelet on `node` keeps its Lease (what `describe node` shows).
    pub fn node_lease(&self, node: &str) -> NodeLease {
        NodeLease {
            since: self
                .kubelet_started
                .iter()
                .find(|(n, _)| n == node)
                .map(|(_, t)| *t),
            stopped: self
                .lost_nodes
                .iter()
                .find(|l| l.node == node)
                .map(|l| l.renewed),
        }
    }

    /// Forgets a removed node's lost kubelet.
    pub(super) fn forget_lost_node(&mut self, node: &str) {
        self.lost_nodes.retain(|l| l.node != node);
        self.recovered_nodes.retain(|n| n != node);
        self.reachable_again.retain(|(n, _)| n != node);
        self.registering_nodes.retain(|n| n != node);
        self.kubelet_started.retain(|(n, _)| n != node);
    }

    /// The next instant the node lifecycle controller has something to do.
    pub(super) fn node_lifecycle_due(&self) -> Option<Time> {
        self.lost_nodes
            .iter()
            .filter_map(|l| match l.marked {
                None => Some(l.probe + NODE_MONITOR_GRACE_PERIOD),
                Some(_) if !l.tainted => self.taint_due(l),
                Some(_) => None,
            })
            .chain(self.reachable_again.iter().map(|(_, at)| *at))
            .min()
    }

    /// When a marked node can be tainted NoExecute: on the pass after it was marked (or after
    /// someone took the taint off), as its zone's rate limiter allows; never while the zone is
    /// disrupted in a small cluster.
    fn taint_due(&self, l: &LostNode) -> Option<Time> {
        let marked = l.marked?;
        let node = self.cluster.store.get::<Node>(&l.node)?;
        let zone = zone_of(node);
        let interval = self.taint_interval(&zone)?;
        let mut at = (marked + NODE_MONITOR_PERIOD).max(l.retaint_at.unwrap_or(marked));
        if let Some((_, last)) = self.last_noexecute_taint.iter().find(|(z, _)| *z == zone) {
            at = at.max(*last + interval);
        }
        Some(at)
    }

    /// The controller takes taints off `node` after one of its events (`event`, empty on a
    /// periodic pass): the loop's watch, sync and decision lines (`why`, en and zh), then the
    /// patch.
    fn lift_taints(
        &mut self,
        node: &str,
        event: &'static str,
        (message, zh): (String, String),
        lifted: impl Fn(&Taint) -> bool,
        summary: String,
    ) {
        // A periodic pass (monitorNodeHealth) has no watch event behind it.
        if !event.is_empty() {
            self.cluster.trace(LOOP, || Step::Watch {
                event,
                object: format!("Node/{node}"),
            });
        }
        self.cluster.trace(LOOP, || Step::Sync {
            key: node.to_string(),
        });
        self.cluster.trace(LOOP, || Step::Decide {
            key: node.to_string(),
            message,
            zh,
        });
        let _ = self.cluster.store.modify::<Node>(node, |n| {
            n.spec.taints.retain(|t| !lifted(t));
        });
        self.cluster.trace(LOOP, || Step::Patch {
            object: format!("Node/{node}"),
            summary,
            zh: String::new(),
        });
    }

    /// One pass of the node lifecycle controller at this instant; true when it changed something.
    pub(super) fn node_lifecycle(&mut self) -> bool {
        if self.lost_nodes.is_empty()
            && self.recovered_nodes.is_empty()
            && self.reachable_again.is_empty()
            && self.registering_nodes.is_empty()
        {
            return false;
        }
        let now = self.cluster.now;
        // doNoScheduleTaintingPass on a new node's update: Ready, so the not-ready taint the
        // API server gave it at creation comes off (a node not Ready keeps it).
        if let Some(node) = self.registering_nodes.pop() {
            let not_ready = |t: &Taint| t.key == NOT_READY_TAINT && t.effect == "NoSchedule";
            let due = self.cluster.store.get::<Node>(&node).is_some_and(|n| {
                n.spec.taints.iter().any(not_ready)
                    && n.status
                        .conditions
                        .iter()
                        .any(|c| c.type_ == "Ready" && c.status == "True")
            });
            if due {
                self.lift_taints(
                    &node,
                    "ADDED",
                    (
                        format!("new node, Ready: the {NOT_READY_TAINT}:NoSchedule taint the API server put on it at creation (TaintNodesByCondition) comes off"),
                        format!("新节点已 Ready：移除 API 服务器在创建时加上的 {NOT_READY_TAINT}:NoSchedule 污点（TaintNodesByCondition）"),
                    ),
                    not_ready,
                    format!("taints -= {NOT_READY_TAINT}:NoSchedule"),
                );
            }
            return true;
        }
        // doNoScheduleTaintingPass on the node update the kubelet's Ready brings: the
        // NoSchedule taint follows the Ready condition at once.
        if let Some(node) = self.recovered_nodes.pop() {
            self.lift_taints(
                &node,
                "MODIFIED",
                (
                    format!("Ready again: its {UNREACHABLE_TAINT}:NoSchedule taint is removed (the NoExecute one on the next 5-s pass)"),
                    format!("重新 Ready：移除 {UNREACHABLE_TAINT}:NoSchedule 污点（NoExecute 污点在下一次 5 秒巡检时移除）"),
                ),
                |t: &Taint| t.key == UNREACHABLE_TAINT && t.effect == "NoSchedule",
                format!("taints -= {UNREACHABLE_TAINT}:NoSchedule"),
            );
            return true;
        }
        // monitorNodeHealth's pass reads the Ready condition: processTaintBaseEviction →
        // markNodeAsReachable takes the NoExecute taint off (a pod whose toleration ran out
        // before this pass was evicted already).
        if let Some(i) = self.reachable_again.iter().position(|(_, at)| *at <= now) {
            let (node, _) = self.reachable_again.remove(i);
            self.lift_taints(
                &node,
                "",
                (
                    format!("Ready again, seen on this pass: its {UNREACHABLE_TAINT}:NoExecute taint is removed (markNodeAsReachable)"),
                    format!("本次巡检看到节点重新 Ready：移除 {UNREACHABLE_TAINT}:NoExecute 污点（markNodeAsReachable）"),
                ),
                |t: &Taint| t.key == UNREACHABLE_TAINT && t.effect == "NoExecute",
                format!("taints -= {UNREACHABLE_TAINT}:NoExecute"),
            );
            return true;
        }
        // Taints of a NotReady node that someone removed come back: NoSchedule on the node
        // update (doNoScheduleTaintingPass), NoExecute on a later pass (processTaintBaseEviction).
        for i in 0..self.lost_nodes.len() {
            let l = &self.lost_nodes[i];
            if l.marked.is_none() {
                continue;
            }
            let Some(n) = self.cluster.store.get::<Node>(&l.node) else {
                continue;
            };
            let has = |effect: &str| {
                n.spec
                    .taints
                    .iter()
                    .any(|t| t.key == UNREACHABLE_TAINT && t.effect == effect)
            };
            let (no_schedule, no_execute) = (has("NoSchedule"), has("NoExecute"));
            if l.tainted && !no_execute {
                self.lost_nodes[i].tainted = false;
                self.lost_nodes[i].retaint_at = Some(now + NODE_MONITOR_PERIOD);
            }
            if !no_schedule {
                let node = self.lost_nodes[i].node.clone();
                self.cluster
                    .trace(LOOP, || Step::Sync { key: node.clone() });
                self.cluster.trace(LOOP, || Step::Decide {
                    key: node.clone(),
                    message: format!("not Ready and its {UNREACHABLE_TAINT}:NoSchedule taint is gone: put it back"),
                    zh: format!("未 Ready，且其 {UNREACHABLE_TAINT}:NoSchedule 污点已被移除：重新加上"),
                });
                self.add_unreachable_taint(&node, "NoSchedule");
                return true;
            }
        }
        if let Some(i) = self
            .lost_nodes
            .iter()
            .position(|l| l.marked.is_none() && l.probe + NODE_MONITOR_GRACE_PERIOD <= now)
        {
            self.lost_nodes[i].marked = Some(now);
            let node = self.lost_nodes[i].node.clone();
            let (seen, renewed) = (
                (now - self.lost_nodes[i].probe).whole_secs(),
                (now - self.lost_nodes[i].renewed).whole_secs(),
            );
            self.mark_unknown(&node, seen, renewed);
            return true;
        }
        if let Some(i) = self.lost_nodes.iter().position(|l| {
            !l.tainted && l.marked.is_some() && self.taint_due(l).is_some_and(|t| t <= now)
        }) {
            self.lost_nodes[i].tainted = true;
            self.lost_nodes[i].retaint_at = None;
            let node = self.lost_nodes[i].node.clone();
            let zone = self
                .cluster
                .store
                .get::<Node>(&node)
                .map(zone_of)
                .unwrap_or_default();
            self.last_noexecute_taint.retain(|(z, _)| *z != zone);
            self.last_noexecute_taint.push((zone, now));
            self.cluster
                .trace(LOOP, || Step::Sync { key: node.clone() });
            self.cluster.trace(LOOP, || Step::Decide {
                key: node.clone(),
                message: format!("still not Ready: taint {UNREACHABLE_TAINT}:NoExecute, so pods that do not tolerate it forever will be evicted"),
                zh: format!("仍未 Ready：加上污点 {UNREACHABLE_TAINT}:NoExecute，不能无限期容忍它的 Pod 将被驱逐"),
            });
            self.add_unreachable_taint(&node, "NoExecute");
            return true;
        }
        // Every zone fully disrupted: the controller assumes its own network is at fault
        // ("Entering master disruption mode") and takes the NoExecute taints off.
        if self.all_zones_down() {
            let tainted: Vec<String> = self
                .lost_nodes
                .iter()
                .filter(|l| l.tainted)
                .map(|l| l.node.clone())
                .collect();
            if !tainted.is_empty() {
                for node in &tainted {
                    let _ = self.cluster.store.modify::<Node>(node, |n| {
                        n.spec
                            .taints
                            .retain(|t| !(t.key == UNREACHABLE_TAINT && t.effect == "NoExecute"));
                    });
                }
                for l in &mut self.lost_nodes {
                    l.tainted = false;
                }
                self.cluster.trace(LOOP, || Step::Decide {
                    key: String::new(),
                    message: "no node is Ready: master disruption mode, NoExecute taints removed, no evictions".into(),
                    zh: "没有 Ready 的节点：进入 master disruption 模式，移除 NoExecute 污点，不驱逐".into(),
                });
                return true;
            }
        }
        false
    }

    /// tryUpdateNodeHealth: the Lease is older than the grace period. The kubelet's conditions
    /// become Unknown (`Node X status is now: NodeNotReady`), its pods are marked not Ready
    /// (MarkPodsNotReady) and the node is tainted `unreachable:NoSchedule`
    /// (doNoScheduleTaintingPass, taint-by-condition).
    fn mark_unknown(&mut self, node: &str, seen: i64, renewed: i64) {
        let now = self.cluster.now;
        self.cluster.trace(LOOP, || Step::Sync {
            key: node.to_string(),
        });
        self.cluster.trace(LOOP, || Step::Decide {
            key: node.to_string(),
            message: if seen == renewed {
                format!("no Lease renewal for {seen}s (grace period 50s): conditions Unknown, its pods not Ready, tainted {UNREACHABLE_TAINT}:NoSchedule")
            } else {
                // A restarted controller starts the grace period from when it first saw the node.
                format!("no Lease renewal seen for {seen}s (grace period 50s; last renewed {renewed}s ago): conditions Unknown, its pods not Ready, tainted {UNREACHABLE_TAINT}:NoSchedule")
            },
            zh: if seen == renewed {
                format!("Lease 已 {seen} 秒未续约（宽限期 50 秒）：各项状况为 Unknown，其 Pod 标记为未就绪，加上污点 {UNREACHABLE_TAINT}:NoSchedule")
            } else {
                format!("{seen} 秒内未见 Lease 续约（宽限期 50 秒；上次续约在 {renewed} 秒前）：各项状况为 Unknown，其 Pod 标记为未就绪，加上污点 {UNREACHABLE_TAINT}:NoSchedule")
            },
        });
        let _ = self.cluster.store.modify::<Node>(node, |n| {
            for c in &mut n.status.conditions {
                if KUBELET_CONDITIONS.contains(&c.type_.as_str()) && c.status != "Unknown" {
                    c.status = "Unknown".into();
                    c.reason = "NodeStatusUnknown".into();
                    c.message = "Kubelet stopped posting node status.".into();
                    c.last_transition_time = Some(now);
                }
            }
        });
        self.cluster.trace(LOOP, || Step::UpdateStatus {
            object: format!("Node/{node}"),
            summary: "Ready=Unknown (NodeStatusUnknown)".into(),
        });
        let Some(meta) = self
            .cluster
            .store
            .get::<Node>(node)
            .map(|n| n.metadata.clone())
        else {
            return;
        };
        self.cluster.record(
            Kind::Node,
            &meta,
            "Normal",
            "NodeNotReady",
            format_args!("Node {node} status is now: NodeNotReady"),
            NODE_CONTROLLER,
            "",
        );
        // MarkPodsNotReady (pkg/controller/util/node/controller_utils.go): only the Ready
        // condition goes False; the containers' own `ready` stays, so `get pods` still reads 1/1.
        let pods: Vec<String> = self
            .cluster
            .store
            .list::<Pod>()
            .filter(|p| {
                p.spec.node_name == node
                    && p.status
                        .conditions
                        .iter()
                        .any(|c| c.type_ == "Ready" && c.status != "False")
            })
            .map(|p| p.metadata.name.clone())
            .collect();
        for name in pods {
            let _ = self.cluster.store.modify::<Pod>(&name, |p| {
                let conditions = &mut p.status.conditions;
                let Some(i) = conditions.iter().position(|c| c.type_ == "Ready") else {
                    return;
                };
                // ContainersReady keeps what Ready was (stored pods derive it from Ready
                // otherwise); the kubelet, back, reports its own again.
                if !conditions.iter().any(|c| c.type_ == "ContainersReady") {
                    let mut containers = conditions[i].clone();
                    containers.type_ = "ContainersReady".into();
                    conditions.push(containers);
                }
                let c = &mut conditions[i];
                c.status = "False".into();
                c.last_transition_time = Some(now);
            });
            self.cluster.trace(LOOP, || Step::UpdateStatus {
                object: format!("Pod/{name}"),
                summary: "Ready=False".into(),
            });
            if let Some(meta) = self
                .cluster
                .store
                .get::<Pod>(&name)
                .map(|p| p.metadata.clone())
            {
                self.cluster.record(
                    Kind::Pod,
                    &meta,
                    "Warning",
                    "NodeNotReady",
                    "Node is not ready",
                    NODE_CONTROLLER,
                    "",
                );
            }
        }
        self.add_unreachable_taint(node, "NoSchedule");
        let zone = self
            .cluster
            .store
            .get::<Node>(node)
            .map(zone_of)
            .unwrap_or_default();
        if self.taint_interval(&zone).is_none() {
            let (ready, lost) = self.zone_counts(&zone);
            self.cluster.trace(LOOP, || Step::Decide {
                key: node.to_string(),
                message: format!("{lost} of {} nodes NotReady: zone disruption, so no NoExecute taints and no evictions while it lasts", ready + lost),
                zh: format!("{} 个节点中有 {lost} 个 NotReady：区域中断，期间不加 NoExecute 污点，也不驱逐", ready + lost),
            });
        }
    }

    fn add_unreachable_taint(&mut self, node: &str, effect: &str) {
        let now = self.cluster.now;
        let _ = self.cluster.store.modify::<Node>(node, |n| {
            if !n
                .spec
                .taints
                .iter()
                .any(|t| t.key == UNREACHABLE_TAINT && t.effect == effect)
            {
                n.spec.taints.push(Taint {
                    key: UNREACHABLE_TAINT.into(),
                    value: String::new(),
                    effect: effect.into(),
                    time_added: Some(now),
                });
            }
        });
        self.cluster.trace(LOOP, || Step::Patch {
            object: format!("Node/{node}"),
            summary: format!("taints += {UNREACHABLE_TAINT}:{effect}"),
            zh: String::new(),
        });
    }

    /// ComputeZoneState for a zone, as the NoExecute tainter's rate: one node per 10 s
    /// normally; a partially disrupted zone (more than 2 nodes not Ready, and at least 55 %)
    /// gets none when it has at most `--large-cluster-size-threshold` (50) nodes, else one per
    /// 100 s (`--secondary-node-eviction-rate` 0.01); none anywhere when no node is Ready.
    fn taint_interval(&self, zone: &str) -> Option<Duration> {
        if self.all_zones_down() {
            return None;
        }
        let (ready, not_ready) = self.zone_counts(zone);
        let partial = not_ready > 2
            && not_ready as f64 / (ready + not_ready) as f64 >= UNHEALTHY_ZONE_THRESHOLD;
        match (partial, ready + not_ready > 50) {
            (false, _) => Some(TAINT_INTERVAL),
            (true, true) => Some(Duration::from_secs(100)),
            (true, false) => None,
        }
    }

    fn zone_counts(&self, zone: &str) -> (usize, usize) {
        let mut counts = (0, 0);
        for n in self
            .cluster
            .store
            .list::<Node>()
            .filter(|n| zone_of(n) == zone)
        {
            if is_ready(n) {
                counts.0 += 1;
            } else {
                counts.1 += 1;
            }
        }
        counts
    }

    fn all_zones_down(&self) -> bool {
        let mut any = false;
        for n in self.cluster.store.list::<Node>() {
            if is_ready(n) {
                return false;
            }
            any = true;
        }
        any
    }
}

pub(crate) fn is_ready(n: &Node) -> bool {
    n.status
        .conditions
        .iter()
        .any(|c| c.type_ == "Ready" && c.status == "True")
}

/// nodetopology.GetZoneKey: region and zone labels.
fn zone_of(n: &Node) -> String {
    let l = &n.metadata.labels;
    let get = |k: &str| l.get(k).map_or("", String::as_str);
    format!(
        "{}:\x00:{}",
        get("topology.kubernetes.io/region"),
        get("topology.kubernetes.io/zone")
    )
}
