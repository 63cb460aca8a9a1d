//! `core/v1` kinds: Pod (and its template), Node, Event (k8s.io/api/core/v1/types.go).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Condition, MicroTime, ObjectMeta, ObjectReference, Time};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodTemplateSpec {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: PodSpec,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSpec {
    #[serde(default)]
    pub containers: Vec<Container>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub init_containers: Vec<Container>,
    /// Defaulted to `Always` for pods; Jobs must say `OnFailure` or `Never`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub restart_policy: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub node_selector: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub node_name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tolerations: Vec<Toleration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affinity: Option<Affinity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination_grace_period_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub host_network: bool,
    /// Every other PodSpec field (volumes, securityContext, …), kept as written.
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

impl PodSpec {
    /// `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`.
    pub fn required_node_selector_terms(&self) -> Option<&[NodeSelectorTerm]> {
        let required = self.affinity.as_ref()?.node_affinity.as_ref()?;
        Some(
            &required
                .required_during_scheduling_ignored_during_execution
                .as_ref()?
                .node_selector_terms,
        )
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub image: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub command: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub env: Vec<EnvVar>,
    /// Every other Container field (resources, volumeMounts, ports, …), kept as written.
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

impl Container {
    /// `podutil.IsRestartableInitContainer` (pkg/api/v1/pod/util.go): an init container with
    /// `restartPolicy: Always` (a sidecar). The field rides in `Container::other`.
    pub fn is_restartable_init(&self) -> bool {
        self.other.get("restartPolicy").and_then(Value::as_str) == Some("Always")
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvVar {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_from: Option<Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Toleration {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    /// `Exists` or `Equal` (empty means `Equal`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub operator: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
    /// Empty matches every effect.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub effect: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toleration_seconds: Option<i64>,
}

impl Toleration {
    /// `Toleration.ToleratesTaint` (k8s.io/api/core/v1/toleration.go).
    pub fn tolerates(&self, taint: &Taint) -> bool {
        if !self.effect.is_empty() && self.effect != taint.effect {
            return false;
        }
        if !self.key.is_empty() && self.key != taint.key {
            return false;
        }
        match self.operator.as_str() {
            "Exists" => true,
            "" | "Equal" => self.value == taint.value,
            _ => false,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Affinity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_affinity: Option<NodeAffinity>,
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeAffinity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_during_scheduling_ignored_during_execution: Option<NodeSelector>,
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

/// `NodeSelector`: the terms are ORed, the requirements inside a term ANDed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSelector {
    #[serde(default)]
    pub node_selector_terms: Vec<NodeSelectorTerm>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSelectorTerm {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<NodeSelectorRequirement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_fields: Vec<NodeSelectorRequirement>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSelectorRequirement {
    pub key: String,
    /// `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt`, `Lt`.
    pub operator: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pod {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    pub spec: PodSpec,
    #[serde(default)]
    pub status: PodStatus,
}

impl Pod {
    /// `podutil.IsPodReady` (pkg/api/v1/pod/util.go): the Ready condition is True.
    pub fn is_ready(&self) -> bool {
        self.status
            .conditions
            .iter()
            .any(|c| c.type_ == "Ready" && c.status == "True")
    }

    /// `spec.schedulingGates` not empty: the scheduler's SchedulingGates PreEnqueue plugin
    /// keeps the pod out of its queue until they are removed.
    pub fn is_scheduling_gated(&self) -> bool {
        self.spec
            .other
            .get("schedulingGates")
            .and_then(serde_json::Value::as_array)
            .is_some_and(|g| !g.is_empty())
    }

    /// The readiness gates (`spec.readinessGates[].conditionType`) whose condition is not
    /// True, as status/generate.go GeneratePodReadyCondition words them; None when all are.
    pub fn unmet_readiness_gates(&self) -> Option<String> {
        let gates = self.spec.other.get("readinessGates")?.as_array()?;
        let unmet: Vec<String> = gates
            .iter()
            .filter_map(|g| g.get("conditionType")?.as_str())
            .filter_map(|t| {
                let quoted = crate::cron::gostd::strconv_quote(t);
                // generateAPIPodStatus judges the gates after PodReadyToStartContainers and
                // Initialized (True once the containers are ready) and before ContainersReady,
                // Ready and PodScheduled are in the list.
                let listed = match t {
                    "PodReadyToStartContainers" | "Initialized" => return None,
                    "PodScheduled" | "ContainersReady" | "Ready" => None,
                    _ => self.status.conditions.iter().find(|c| c.type_ == t),
                };
                match listed {
                    None => Some(format!(
                        "corresponding condition of pod readiness gate {quoted} does not exist."
                    )),
                    Some(c) if c.status != "True" => Some(format!(
                        "the status of pod readiness gate {quoted} is not \"True\", but {}",
                        c.status
                    )),
                    Some(_) => None,
                }
            })
            .collect();
        (!unmet.is_empty()).then(|| unmet.join(", "))
    }

    /// `podutil.IsPodTerminal` (pkg/api/v1/pod/util.go): phase Succeeded or Failed.
    pub fn is_terminal(&self) -> bool {
        matches!(self.status.phase.as_str(), "Succeeded" | "Failed")
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodStatus {
    /// `Pending`, `Running`, `Succeeded`, `Failed`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phase: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "hostIP")]
    pub host_ip: String,
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "podIP")]
    pub pod_ip: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Time>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub container_statuses: Vec<ContainerStatus>,
    /// Only for pods with init containers (kept empty otherwise: memory per pod).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub init_container_statuses: Vec<ContainerStatus>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    /// The node a preemption freed room on, set by the scheduler (DefaultPreemption).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub nominated_node_name: String,
}

impl PodStatus {
    /// Every container's status, the regular ones first, then the init containers'.
    pub fn all_statuses_mut(&mut self) -> impl Iterator<Item = &mut ContainerStatus> {
        self.container_statuses
            .iter_mut()
            .chain(self.init_container_statuses.iter_mut())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerStatus {
    pub name: String,
    pub image: String,
    pub ready: bool,
    pub restart_count: i32,
    #[serde(default)]
    pub started: bool,
    #[serde(default)]
    pub state: ContainerState,
    #[serde(default, skip_serializing_if = "ContainerState::is_empty")]
    pub last_state: ContainerState,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting: Option<ContainerStateWaiting>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub running: Option<ContainerStateRunning>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminated: Option<ContainerStateTerminated>,
}

impl ContainerState {
    pub fn is_empty(&self) -> bool {
        self.waiting.is_none() && self.running.is_none() && self.terminated.is_none()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerStateWaiting {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerStateRunning {
    pub started_at: Time,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerStateTerminated {
    pub exit_code: i32,
    pub reason: String,
    pub started_at: Time,
    pub finished_at: Time,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: NodeSpec,
    #[serde(default)]
    pub status: NodeStatus,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSpec {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taints: Vec<Taint>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unschedulable: bool,
    /// The /24 the node IPAM controller gave this node; its pods' addresses come from it.
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "podCIDR")]
    pub pod_cidr: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty", rename = "podCIDRs")]
    pub pod_cidrs: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeStatus {
    /// Resource name → quantity (`pods: "110"`, the kubelet's `--max-pods` default).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub capacity: BTreeMap<String, String>,
    /// What the scheduler may place; NodeResourcesFit reads `pods` from here.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub allocatable: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<NodeAddress>,
    /// What the kubelet reports of its machine (`kubectl get nodes -o wide`, `describe node`).
    #[serde(default)]
    pub node_info: NodeSystemInfo,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NodeAddress {
    /// `InternalIP`, `ExternalIP`, `Hostname`.
    #[serde(rename = "type")]
    pub type_: String,
    pub address: String,
}

/// `v1.NodeSystemInfo`: every field is always present in the API's JSON (no omitempty).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeSystemInfo {
    #[serde(rename = "machineID")]
    pub machine_id: String,
    #[serde(rename = "systemUUID")]
    pub system_uuid: String,
    #[serde(rename = "bootID")]
    pub boot_id: String,
    pub kernel_version: String,
    pub os_image: String,
    pub container_runtime_version: String,
    pub kubelet_version: String,
    pub kube_proxy_version: String,
    pub operating_system: String,
    pub architecture: String,
}

impl Node {
    /// The first `InternalIP` address, as printers.go `getNodeInternalIP` reads it.
    pub fn internal_ip(&self) -> Option<&str> {
        self.address("InternalIP")
    }

    pub fn address(&self, type_: &str) -> Option<&str> {
        self.status
            .addresses
            .iter()
            .find(|a| a.type_ == type_)
            .map(|a| a.address.as_str())
    }
}

impl NodeStatus {
    /// `allocatable.pods` as the scheduler reads it (`NodeInfo.Allocatable.AllowedPodNumber`):
    /// absent or unparsable means 0 pods.
    pub fn allowed_pod_number(&self) -> i64 {
        self.allocatable
            .get("pods")
            .and_then(|q| quantity_value(q))
            .unwrap_or(0)
    }
}

/// `resource.Quantity.Value()` (rounded up to an integer) for the forms
/// k8s.io/apimachinery/pkg/api/resource/quantity.go accepts: `^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$`.
pub fn quantity_value(s: &str) -> Option<i64> {
    // The common case (`"110"`) without float arithmetic: the scheduler reads it per node.
    if let Ok(v) = s.parse::<i64>() {
        return Some(v);
    }
    let v = quantity_f64(s)?.ceil();
    v.is_finite()
        .then_some(v.clamp(i64::MIN as f64, i64::MAX as f64) as i64)
}

/// A `resource.Quantity` string in base units (cores, bytes, pods): `500m` → 0.5, `1Gi` →
/// 1073741824, `1e3` → 1000. None for anything that is not a quantity.
pub fn quantity_f64(s: &str) -> Option<f64> {
    let split = s
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_digit() || *c == '.' || (*i == 0 && (*c == '+' || *c == '-'))))
        .map_or(s.len(), |(i, _)| i);
    let (num, suffix) = s.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult = match suffix {
        "" => 1.0,
        "n" => 1e-9,
        "u" => 1e-6,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        e if e.starts_with(['e', 'E']) => 10f64.powi(e[1..].parse().ok()?),
        _ => return None,
    };
    Some(n * mult)
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Taint {
    pub key: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
    /// `NoSchedule`, `PreferNoSchedule`, `NoExecute`.
    pub effect: String,
    /// When a NoExecute taint was added; the node lifecycle controller sets it on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_added: Option<Time>,
}

impl Taint {
    /// `key=value:Effect` / `key:Effect`, as kubectl taint writes it.
    pub fn parse(s: &str) -> Result<Taint, String> {
        let (kv, effect) = s
            .rsplit_once(':')
            .ok_or_else(|| format!("invalid taint {s:?}: expected key[=value]:Effect"))?;
        if !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
            return Err(format!(
                "invalid taint effect {effect:?}: supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""
            ));
        }
        let (key, value) = kv.split_once('=').unwrap_or((kv, ""));
        if key.is_empty() {
            return Err(format!("invalid taint {s:?}: empty key"));
        }
        // validateNodeTaints (core/validation/validation.go): the key is a qualified name, the
        // value a label value.
        let bad = crate::manifest::qualified_name_errors(key);
        if !bad.is_empty() {
            return Err(format!("invalid taint {s:?}: key: {}", bad.join("; ")));
        }
        let bad = crate::manifest::label_value_errors(value);
        if !bad.is_empty() {
            return Err(format!("invalid taint {s:?}: value: {}", bad.join("; ")));
        }
        Ok(Taint {
            key: key.into(),
            value: value.into(),
            effect: effect.into(),
            time_added: None,
        })
    }
}

impl std::fmt::Display for Taint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.value.is_empty() {
            write!(f, "{}:{}", self.key, self.effect)
        } else {
            write!(f, "{}={}:{}", self.key, self.value, self.effect)
        }
    }
}

/// A core/v1 Event as the API server returns it (k8s.io/api/core/v1 types.go `Event`). The
/// scheduler records through events.k8s.io/v1 (client-go tools/events makeEvent: eventTime,
/// series, action, reportingController/Instance and no deprecated fields), which the API server
/// reads back as core/v1 with `firstTimestamp: null`, `lastTimestamp: null`, `source: {}` and
/// no `count` (pkg/apis/events/v1/conversion.go Convert_v1_Event_To_core_Event).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    pub involved_object: ObjectReference,
    pub reason: String,
    pub message: String,
    /// `Normal` or `Warning`.
    #[serde(rename = "type")]
    pub type_: String,
    /// `source,omitempty` on a struct: `{}` when empty, never left out.
    #[serde(default)]
    pub source: EventSource,
    /// metav1.Time: null when zero (`omitempty` does not drop a struct).
    #[serde(default)]
    pub first_timestamp: Option<Time>,
    #[serde(default)]
    pub last_timestamp: Option<Time>,
    /// `count,omitempty`: absent when 0 (an events.k8s.io Event's).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub count: i32,
    /// Set by an events.k8s.io recorder (the scheduler's): when it happened; null for the
    /// core/v1 recorders'.
    #[serde(default)]
    pub event_time: Option<MicroTime>,
    /// An events.k8s.io series (its second occurrence on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<EventSeries>,
    /// What was being done (events.k8s.io): `Scheduling`, `Binding`, `Preempting`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action: String,
    /// The recorder's component and instance (client-go sets them on every Event).
    #[serde(default)]
    pub reporting_component: String,
    #[serde(default)]
    pub reporting_instance: String,
}

fn is_zero(n: &i32) -> bool {
    *n == 0
}

impl Event {
    /// When it first happened, as kubectl reads it: eventTime, else firstTimestamp
    /// (event_printer.go getInterval, describe.go DescribeEvents).
    pub fn first_seen(&self) -> Option<Time> {
        self.event_time.map(|t| t.0).or(self.first_timestamp)
    }

    /// When it last happened (kubectl events.go `eventTime`): series.lastObservedTime, else
    /// lastTimestamp, else eventTime.
    pub fn last_seen(&self) -> Option<Time> {
        match &self.series {
            Some(s) => Some(s.last_observed_time.0),
            None => self.last_timestamp.or(self.event_time.map(|t| t.0)),
        }
    }

    /// How many times it happened: series.count, else count (at least 1).
    pub fn times(&self) -> i32 {
        self.series.as_ref().map_or(self.count, |s| s.count).max(1)
    }
}

/// `series` of an events.k8s.io Event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventSeries {
    pub count: i32,
    pub last_observed_time: MicroTime,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventSource {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub component: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub host: String,
}
