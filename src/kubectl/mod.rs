//! kubectl's human-readable output — `kubectl get` tables and `kubectl describe` — as pure
//! functions of the objects and the virtual `now`. No I/O.
//!
//! Ground truth, each function naming its source:
//! - ages and durations: apimachinery `pkg/util/duration/duration.go` ([`human_duration`]);
//! - table rows: `pkg/printers/internalversion/printers.go` (`printPod`, `printJob`,
//!   `printCronJob`, `printDaemonSet`, `printNode`, `printEvent`);
//! - table layout: cli-runtime `pkg/printers/tableprinter.go` over `GetNewTabWriter`
//!   (a tabwriter with minwidth 6, tabwidth 4, padding 3), ported in the private `tabwriter`;
//! - describe: kubectl `pkg/describe/describe.go`.
//!
//! An empty list prints nothing (kubectl writes [`no_resources_found`] to stderr instead).

pub mod complete;
pub mod console;
mod describe;
mod duration;
mod events;
mod fieldsel;
mod format;
mod get;
mod goparse;
mod jsonpath;
mod logstream;
mod patch;
mod rollout;
mod selector;
mod tabwriter;
pub mod wait;
pub mod watch;
mod yaml;

pub use describe::{
    describe_cronjob, describe_daemonset, describe_generic, describe_job, describe_node,
    describe_object, describe_pod, DescribeError,
};
pub use duration::{human_duration, short_human_duration, translate_timestamp_since};
pub use get::{
    event_last_seen, event_object, get_controllerrevisions, get_cronjobs, get_daemonsets,
    get_events, get_jobs, get_nodes, get_pods, job_completions, job_duration, job_status,
    no_resources_found, node_roles, node_status, pod_ready, pod_restarts, pod_status,
    KUBELET_VERSION,
};
pub use rollout::{
    rollback, rollout_history, rollout_status, Rollback, CHANGE_CAUSE, RESTARTED_AT,
};
pub use selector::parse_selector;

use crate::api::{Object, Pod};

/// Whether a `-o jsonpath` template parses (its error as kubectl words it otherwise).
pub fn jsonpath_parses(template: &str) -> Result<(), String> {
    jsonpath::JsonPath::parse(template).map(|_| ())
}

/// `kubectl get -o jsonpath=TEMPLATE` of one object's API JSON (a lesson's `field` check).
pub fn jsonpath_text(template: &str, value: &serde_json::Value) -> Result<String, String> {
    jsonpath::JsonPath::parse(template)?.execute(value, false)
}

/// A container's `volumeMounts` as its status reports them (RecursiveReadOnlyMounts, GA in
/// 1.33): name, mountPath, readOnly, and for a read-only mount whether it is recursively so
/// (kubelet_pods.go convertToAPIContainerStatuses; kind's containerd on a recent kernel
/// supports it, so `IfPossible` is Enabled).
fn volume_mount_statuses(container: &serde_json::Value) -> Option<serde_json::Value> {
    let mounts = container.get("volumeMounts")?.as_array()?;
    let statuses: Vec<serde_json::Value> = mounts
        .iter()
        .map(|m| {
            let read_only = m.get("readOnly").and_then(|v| v.as_bool()) == Some(true);
            let mut s = serde_json::Map::new();
            for key in ["mountPath", "name"] {
                if let Some(v) = m.get(key) {
                    s.insert(key.into(), v.clone());
                }
            }
            if read_only {
                s.insert("readOnly".into(), true.into());
                let rro = match m.get("recursiveReadOnly").and_then(|v| v.as_str()) {
                    Some("Enabled" | "IfPossible") => "Enabled",
                    _ => "Disabled",
                };
                s.insert("recursiveReadOnly".into(), rro.into());
            }
            serde_json::Value::Object(s)
        })
        .collect();
    (!statuses.is_empty()).then_some(serde_json::Value::Array(statuses))
}

/// A running container's `resources` as the kubelet reports them (InPlacePodVerticalScaling,
/// on by default since 1.33; kubelet_pods.go convertContainerStatusResources): its cpu and
/// memory limits and requests as the runtime applies them, which are the spec's, and its
/// ephemeral-storage ones; no extended resources. `{}` for a container with none.
fn status_resources(spec: Option<&serde_json::Value>) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    for part in ["limits", "requests"] {
        let Some(given) = spec
            .and_then(|c| c.pointer(&format!("/resources/{part}")))
            .and_then(|v| v.as_object())
        else {
            continue;
        };
        let kept: serde_json::Map<String, serde_json::Value> = given
            .iter()
            .filter(|(k, _)| matches!(k.as_str(), "cpu" | "memory" | "ephemeral-storage"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if !kept.is_empty() {
            out.insert(part.into(), serde_json::Value::Object(kept));
        }
    }
    serde_json::Value::Object(out)
}

/// Each container status of a pod's JSON (after `api_view`, which adds the service account
/// mount) gets its container's mounts, and a running one its resources.
fn add_container_status_fields(v: &mut serde_json::Value) {
    for (status_key, spec_key) in [
        ("containerStatuses", "containers"),
        ("initContainerStatuses", "initContainers"),
    ] {
        // The statuses taken out while the spec is read (no copy of the spec per pod: `get
        // pods -o json` runs this for every pod), then put back in their place.
        let path = format!("/status/{status_key}");
        let Some(mut list) = v.pointer_mut(&path).map(std::mem::take) else {
            continue;
        };
        let specs = v
            .pointer(&format!("/spec/{spec_key}"))
            .and_then(|s| s.as_array())
            .map_or(&[][..], Vec::as_slice);
        for json in list.as_array_mut().into_iter().flatten() {
            let name = json.get("name").cloned();
            let spec = specs.iter().find(|c| c.get("name") == name.as_ref());
            let running = json.pointer("/state/running").is_some();
            let Some(json) = json.as_object_mut() else {
                continue;
            };
            if let Some(mounts) = spec.and_then(volume_mount_statuses) {
                json.insert("volumeMounts".into(), mounts);
            }
            if running {
                json.insert("resources".into(), status_resources(spec));
            }
        }
        if let Some(slot) = v.pointer_mut(&path) {
            *slot = list;
        }
    }
}

/// An object as the API server returns it (`-o yaml|json|jsonpath`, `--final-state`): with
/// the defaults it fills in (`manifest::api_view`) and, for a pod, every condition its kubelet
/// reports (`kubelet::reported_conditions`; stored pods keep two).
pub fn api_value<T: serde::Serialize + 'static>(o: &T) -> serde_json::Value {
    let mut v = serde_json::to_value(o).unwrap_or_default();
    let any: &dyn std::any::Any = o;
    let pod = match any.downcast_ref::<Object>() {
        Some(Object::Pod(p)) => Some(p),
        _ => any.downcast_ref::<Pod>(),
    };
    if let Some(p) = pod {
        if let Some(status) = v.get_mut("status").and_then(|s| s.as_object_mut()) {
            // Set by the API server on create (pkg/registry/core/pod/strategy.go).
            status.insert("qosClass".into(), describe::pod_qos(p).into());
        }
    }
    if let Some(p) = pod.filter(|p| !p.status.host_ip.is_empty()) {
        let conditions = crate::sim::kubelet::reported_conditions(p);
        if let Some(status) = v.get_mut("status").and_then(|s| s.as_object_mut()) {
            status.insert(
                "conditions".into(),
                serde_json::to_value(conditions).unwrap_or_default(),
            );
            // The runtime's IDs of each container's run and image, and the address lists.
            // A terminated state names its run's container too (kubelet_pods.go
            // convertToAPIContainerStatuses: ContainerStateTerminated.ContainerID).
            let uid = p.metadata.uid.as_str();
            for (key, statuses) in [
                ("containerStatuses", &p.status.container_statuses),
                ("initContainerStatuses", &p.status.init_container_statuses),
            ] {
                let Some(list) = status.get_mut(key).and_then(|l| l.as_array_mut()) else {
                    continue;
                };
                for (json, cs) in list.iter_mut().zip(statuses) {
                    let Some(json) = json.as_object_mut() else {
                        continue;
                    };
                    let id = crate::sim::kubelet::container_id(uid, cs);
                    if id.is_empty() {
                        continue;
                    }
                    json.insert(
                        "image".into(),
                        crate::sim::kubelet::status_image(&cs.image).into(),
                    );
                    let terminated = |json: &mut serde_json::Map<_, _>, state: &str, id: &str| {
                        if let Some(t) = json
                            .get_mut(state)
                            .and_then(|s| s.get_mut("terminated"))
                            .and_then(|t| t.as_object_mut())
                        {
                            t.insert("containerID".into(), id.into());
                        }
                    };
                    terminated(json, "state", &id);
                    let previous = crate::sim::kubelet::last_state_container_id(uid, cs);
                    terminated(json, "lastState", &previous);
                    json.insert("containerID".into(), id.into());
                    json.insert(
                        "imageID".into(),
                        crate::sim::kubelet::image_id(uid, cs).into(),
                    );
                }
            }
            for (list, ip) in [("hostIPs", &p.status.host_ip), ("podIPs", &p.status.pod_ip)] {
                if !ip.is_empty() {
                    status.insert(list.into(), serde_json::json!([{ "ip": ip }]));
                }
            }
        }
    }
    crate::manifest::api_view(&mut v);
    if pod.is_some() {
        add_container_status_fields(&mut v);
    }
    v
}
