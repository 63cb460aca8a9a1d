//! `kubectl describe` for Jobs, CronJobs, DaemonSets, Pods and Nodes.
//!
//! Source: `staging/src/k8s.io/kubectl/pkg/describe/describe.go` — `describeJob`,
//! `describeCronJob` / `describeJobTemplate` / `printActiveJobs`, `describeDaemonSet` /
//! `getPodStatusForController`, `describePod`, `DescribePodTemplate`, `describeContainers` and
//! its helpers, `describeVolumes`, `printLabelsMultiline`, `printAnnotationsMultiline`,
//! `printTolerationsMultilineWithIndent`, `describeNode` / `describeNodeResource` /
//! `printNodeTaintsMultiline`, `DescribeEvents`, `tabbedString` (a tabwriter with
//! minwidth 0, tabwidth 8, padding 2) and `prefixWriter` (two spaces a level).
//!
//! Fields this API does not carry (container IDs, image IDs, signals, pod IPs beyond the first,
//! topology spread constraints, ephemeral containers, …) print as kubectl prints them when
//! empty, or are left out where kubectl leaves them out when unset. Quantities print as written.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::api::{
    Container, ContainerState, ContainerStatus, ControllerRevision, CronJob, DaemonSet, Event, Job,
    JobSpec, Kind, Node, ObjectMeta, Pod, PodTemplateSpec, Taint, Time, Toleration,
};

use super::duration::{human_duration, translate_timestamp_since};
use super::format::{format_labels, print_bool, rfc1123z, selector_string};
use super::tabwriter::TabWriter;
use crate::api::resources::{add_resource_list, pod_resources, Quantity, ResourceList};
use crate::sim::nodelifecycle::NodeLease;
use crate::sim::Simulation;

const LEVEL_0: usize = 0;
const LEVEL_1: usize = 1;
const LEVEL_2: usize = 2;
const LEVEL_3: usize = 3;

/// describe.go `prefixWriter` over `tabbedString`'s tabwriter.
struct PrefixWriter {
    tw: TabWriter,
    /// `describe.NewPrefixWriter(buf)` straight into a buffer: tabs stay tabs.
    raw: Option<String>,
}

/// cli-runtime `printers.WriteEscaped`: terminal escapes are made visible.
fn escape_terminal(s: &str) -> String {
    s.replace('\x1b', "^[").replace('\r', "\\r")
}

impl PrefixWriter {
    fn new() -> Self {
        PrefixWriter {
            tw: TabWriter::for_describe(),
            raw: None,
        }
    }

    fn out(&mut self, text: &str) {
        let text = escape_terminal(text);
        match &mut self.raw {
            Some(buf) => buf.push_str(&text),
            None => self.tw.write(&text),
        }
    }

    /// `Write(level, ...)`: two spaces per level, then the text.
    fn write(&mut self, level: usize, text: &str) {
        let mut s = "  ".repeat(level);
        s.push_str(text);
        self.out(&s);
    }

    /// `WriteLine(a)`: the text and a newline, no indentation.
    fn write_line(&mut self, text: &str) {
        self.out(&format!("{text}\n"));
    }

    fn flush(&mut self) {
        self.tw.flush();
    }

    fn finish(self) -> String {
        match self.raw {
            Some(buf) => buf,
            None => self.tw.finish(),
        }
    }
}

/// `printLabelsMultilineWithIndent(w, "", title, "\t", labels, skip)`.
fn print_labels_multiline(w: &mut PrefixWriter, title: &str, labels: &BTreeMap<String, String>) {
    w.write(LEVEL_0, &format!("{title}:\t"));
    if labels.is_empty() {
        w.write_line("<none>");
        return;
    }
    for (i, (k, v)) in labels.iter().enumerate() {
        if i != 0 {
            w.write(LEVEL_0, "\t");
        }
        w.write(LEVEL_0, &format!("{k}={v}\n"));
    }
}

const MAX_ANNOTATION_LEN: usize = 140;

/// `shorten`: byte-based, as Go slices strings by bytes (kept on a char boundary here).
fn shorten(s: &str, max: usize) -> String {
    if s.len() > max {
        let mut cut = max;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}...", &s[..cut])
    } else {
        s.to_string()
    }
}

/// `printAnnotationsMultiline`: `last-applied-configuration` skipped; long or multi-line values
/// go on their own indented lines.
fn print_annotations_multiline(
    w: &mut PrefixWriter,
    title: &str,
    annotations: &BTreeMap<String, String>,
) {
    w.write(LEVEL_0, &format!("{title}:\t"));
    let keys: Vec<&String> = annotations
        .keys()
        .filter(|k| k.as_str() != "kubectl.kubernetes.io/last-applied-configuration")
        .collect();
    if keys.is_empty() {
        w.write_line("<none>");
        return;
    }
    let indent = "\t";
    for (i, key) in keys.iter().enumerate() {
        if i != 0 {
            w.write(LEVEL_0, indent);
        }
        let raw = annotations.get(*key).map(String::as_str).unwrap_or("");
        let value = raw.strip_suffix('\n').unwrap_or(raw);
        if value.len() + key.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            w.write(LEVEL_0, &format!("{key}:\n"));
            for s in value.split('\n') {
                w.write(
                    LEVEL_0,
                    &format!("{indent}  {}\n", shorten(s, MAX_ANNOTATION_LEN - 2)),
                );
            }
        } else {
            w.write(LEVEL_0, &format!("{key}: {value}\n"));
        }
    }
}

/// `printController`: `Kind/name` of the controlling owner.
fn print_controller(meta: &ObjectMeta) -> Option<String> {
    meta.controller_of()
        .map(|r| format!("{}/{}", r.kind, r.name))
}

/// `printTolerationsMultilineWithIndent`: sorted by key (stable here; Go's `sort.Slice` is an
/// insertion sort, hence stable, below 13 elements).
fn print_tolerations_multiline(w: &mut PrefixWriter, title: &str, tolerations: &[Toleration]) {
    w.write(LEVEL_0, &format!("{title}:\t"));
    if tolerations.is_empty() {
        w.write_line("<none>");
        return;
    }
    let mut sorted: Vec<&Toleration> = tolerations.iter().collect();
    crate::sort::sort_by(&mut sorted, |a, b| a.key.cmp(&b.key));
    for (i, t) in sorted.iter().enumerate() {
        if i != 0 {
            w.write(LEVEL_0, "\t");
        }
        let mut s = t.key.clone();
        if !t.value.is_empty() {
            s.push_str(&format!("={}", t.value));
        }
        if !t.effect.is_empty() {
            s.push_str(&format!(":{}", t.effect));
        }
        if t.operator == "Exists" && t.value.is_empty() {
            if !t.key.is_empty() || !t.effect.is_empty() {
                s.push_str(" op=Exists");
            } else {
                s.push_str("op=Exists");
            }
        }
        if let Some(secs) = t.toleration_seconds {
            s.push_str(&format!(" for {secs}s"));
        }
        s.push('\n');
        w.write(LEVEL_0, &s);
    }
}

// ---------------------------------------------------------------------------------------------
// JSON helpers for the fields that ride in `other`

fn json_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn get_str<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn get_i64(v: &Value, key: &str) -> Option<i64> {
    v.get(key).and_then(Value::as_i64)
}

fn get_bool(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn get_array<'a>(map: &'a BTreeMap<String, Value>, key: &str) -> &'a [Value] {
    map.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn string_or_none(s: &str) -> String {
    if s.is_empty() {
        "<none>".to_string()
    } else {
        s.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// Containers

/// `describeContainerPorts` / `describeContainerHostPorts`: `80/TCP, 443/TCP`; since kubectl
/// 1.34 (kubernetes PR #133018) a named port reads `80/TCP (http)`.
fn container_ports(c: &Container, field: &str) -> String {
    get_array(&c.other, "ports")
        .iter()
        .map(|p| {
            let port = get_i64(p, field).unwrap_or(0);
            // The API server defaults protocol to TCP.
            let proto = get_str(p, "protocol").unwrap_or("TCP");
            match get_str(p, "name").filter(|n| !n.is_empty()) {
                Some(name) => format!("{port}/{proto} ({name})"),
                None => format!("{port}/{proto}"),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe_container_basic_info(
    c: &Container,
    status: Option<(&str, &ContainerStatus)>,
    space: &str,
    w: &mut PrefixWriter,
) {
    let name_indent = if space.is_empty() { "" } else { " " };
    w.write(LEVEL_1, &format!("{name_indent}{}:\n", c.name));
    if let Some((uid, s)) = status {
        let id = crate::sim::kubelet::container_id(uid, s);
        w.write(LEVEL_2, &format!("Container ID:\t{id}\n"));
    }
    w.write(LEVEL_2, &format!("Image:\t{}\n", c.image));
    if let Some((uid, s)) = status {
        let id = crate::sim::kubelet::image_id(uid, s);
        w.write(LEVEL_2, &format!("Image ID:\t{id}\n"));
    }
    let ports = container_ports(c, "containerPort");
    if ports.contains(',') {
        w.write(LEVEL_2, &format!("Ports:\t{ports}\n"));
    } else {
        w.write(LEVEL_2, &format!("Port:\t{}\n", string_or_none(&ports)));
    }
    let host_ports = container_ports(c, "hostPort");
    if host_ports.contains(',') {
        w.write(LEVEL_2, &format!("Host Ports:\t{host_ports}\n"));
    } else {
        w.write(
            LEVEL_2,
            &format!("Host Port:\t{}\n", string_or_none(&host_ports)),
        );
    }
}

/// `describeContainerCommand`.
fn describe_container_command(c: &Container, w: &mut PrefixWriter) {
    if !c.command.is_empty() {
        w.write(LEVEL_2, "Command:\n");
        for cmd in &c.command {
            for s in cmd.split('\n') {
                w.write(LEVEL_3, &format!("{s}\n"));
            }
        }
    }
    if !c.args.is_empty() {
        w.write(LEVEL_2, "Args:\n");
        for arg in &c.args {
            for s in arg.split('\n') {
                w.write(LEVEL_3, &format!("{s}\n"));
            }
        }
    }
}

/// `describeStatus`.
fn describe_status(state_name: &str, state: &ContainerState, w: &mut PrefixWriter) {
    if let Some(r) = &state.running {
        w.write(LEVEL_2, &format!("{state_name}:\tRunning\n"));
        w.write(LEVEL_3, &format!("Started:\t{}\n", rfc1123z(r.started_at)));
    } else if let Some(wt) = &state.waiting {
        w.write(LEVEL_2, &format!("{state_name}:\tWaiting\n"));
        if !wt.reason.is_empty() {
            w.write(LEVEL_3, &format!("Reason:\t{}\n", wt.reason));
        }
    } else if let Some(t) = &state.terminated {
        w.write(LEVEL_2, &format!("{state_name}:\tTerminated\n"));
        if !t.reason.is_empty() {
            w.write(LEVEL_3, &format!("Reason:\t{}\n", t.reason));
        }
        w.write(LEVEL_3, &format!("Exit Code:\t{}\n", t.exit_code));
        w.write(LEVEL_3, &format!("Started:\t{}\n", rfc1123z(t.started_at)));
        w.write(
            LEVEL_3,
            &format!("Finished:\t{}\n", rfc1123z(t.finished_at)),
        );
    } else {
        w.write(LEVEL_2, &format!("{state_name}:\tWaiting\n"));
    }
}

/// `describeContainerState`.
fn describe_container_state(status: &ContainerStatus, w: &mut PrefixWriter) {
    describe_status("State", &status.state, w);
    if status.last_state.terminated.is_some() {
        describe_status("Last State", &status.last_state, w);
    }
    w.write(LEVEL_2, &format!("Ready:\t{}\n", print_bool(status.ready)));
    w.write(
        LEVEL_2,
        &format!("Restart Count:\t{}\n", status.restart_count),
    );
}

/// `describeResources`: limits then requests, names sorted.
fn describe_resources(c: &Container, w: &mut PrefixWriter, level: usize) {
    let Some(res) = c.other.get("resources") else {
        return;
    };
    for (title, key) in [("Limits", "limits"), ("Requests", "requests")] {
        if let Some(list) = res.get(key).and_then(Value::as_object) {
            if list.is_empty() {
                continue;
            }
            w.write(level, &format!("{title}:\n"));
            let mut names: Vec<&String> = list.keys().collect();
            crate::sort::sort(&mut names);
            for name in names {
                let q = list.get(name).map(json_str).unwrap_or_default();
                w.write(level + 1, &format!("{name}:\t{q}\n"));
            }
        }
    }
}

/// `DescribeProbe`, with the API server's probe defaults for a missing or zero value (timeout
/// 1 s, period 10 s, success 1, failure 3).
fn describe_probe(p: &Value) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        get_i64(p, "initialDelaySeconds").unwrap_or(0),
        get_i64(p, "timeoutSeconds")
            .filter(|v| *v != 0)
            .unwrap_or(1),
        get_i64(p, "periodSeconds")
            .filter(|v| *v != 0)
            .unwrap_or(10),
        get_i64(p, "successThreshold")
            .filter(|v| *v != 0)
            .unwrap_or(1),
        get_i64(p, "failureThreshold")
            .filter(|v| *v != 0)
            .unwrap_or(3),
    );
    if let Some(exec) = p.get("exec") {
        let cmd: Vec<String> = exec
            .get("command")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(json_str).collect())
            .unwrap_or_default();
        return format!("exec [{}] {attrs}", cmd.join(" "));
    }
    if let Some(h) = p.get("httpGet") {
        let scheme = get_str(h, "scheme").unwrap_or("HTTP").to_ascii_lowercase();
        let host = get_str(h, "host").unwrap_or("");
        let port = h.get("port").map(json_str).unwrap_or_default();
        let hostport = if port.is_empty() {
            host.to_string()
        } else if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        let path = get_str(h, "path").unwrap_or("");
        return format!("http-get {scheme}://{hostport}{path} {attrs}");
    }
    if let Some(t) = p.get("tcpSocket") {
        let host = get_str(t, "host").unwrap_or("");
        let port = t.get("port").map(json_str).unwrap_or_default();
        return format!("tcp-socket {host}:{port} {attrs}");
    }
    if let Some(g) = p.get("grpc") {
        let port = get_i64(g, "port").unwrap_or(0);
        let service = get_str(g, "service").unwrap_or("");
        return format!("grpc <pod>:{port} {service} {attrs}");
    }
    format!("unknown {attrs}")
}

/// `describeContainerProbe`.
fn describe_container_probe(c: &Container, w: &mut PrefixWriter) {
    for (title, key) in [
        ("Liveness", "livenessProbe"),
        ("Readiness", "readinessProbe"),
        ("Startup", "startupProbe"),
    ] {
        if let Some(p) = c.other.get(key) {
            w.write(LEVEL_2, &format!("{title}:\t{}\n", describe_probe(p)));
        }
    }
}

/// `describeContainerEnvFrom`.
fn describe_container_env_from(c: &Container, w: &mut PrefixWriter) {
    let env_from = get_array(&c.other, "envFrom");
    if env_from.is_empty() {
        return;
    }
    w.write(LEVEL_2, "Environment Variables from:\n");
    for e in env_from {
        let (from, r) = if let Some(r) = e.get("configMapRef") {
            ("ConfigMap", Some(r))
        } else if let Some(r) = e.get("secretRef") {
            ("Secret", Some(r))
        } else {
            ("", None)
        };
        let name = r.and_then(|r| get_str(r, "name")).unwrap_or("");
        let optional = r.is_some_and(|r| get_bool(r, "optional"));
        match get_str(e, "prefix").filter(|p| !p.is_empty()) {
            None => w.write(LEVEL_3, &format!("{name}\t{from}\tOptional: {optional}\n")),
            Some(prefix) => w.write(
                LEVEL_3,
                &format!("{name}\t{from} with prefix '{prefix}'\tOptional: {optional}\n"),
            ),
        }
    }
}

/// `fieldpath.ExtractFieldPathAsString` for the metadata paths it supports (anything else
/// resolves to an empty string, as kubectl's resolver does on error).
fn extract_field_path(pod: &Pod, path: &str) -> String {
    let m = &pod.metadata;
    if let Some((base, rest)) = path.split_once("['") {
        if let Some(key) = rest.strip_suffix("']") {
            return match base {
                "metadata.annotations" => m.annotations.get(key).cloned().unwrap_or_default(),
                "metadata.labels" => m.labels.get(key).cloned().unwrap_or_default(),
                _ => String::new(),
            };
        }
    }
    let format_map = |map: &BTreeMap<String, String>| {
        map.iter()
            .map(|(k, v)| format!("{k}={v:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    match path {
        "metadata.annotations" => format_map(&m.annotations),
        "metadata.labels" => format_map(&m.labels),
        "metadata.name" => m.name.clone(),
        "metadata.namespace" => m.namespace.clone(),
        "metadata.uid" => m.uid.clone(),
        _ => String::new(),
    }
}

/// `describeContainerEnvVars`; `resolver` is the pod for `EnvValueRetriever` (None for
/// templates).
fn describe_container_env_vars(c: &Container, resolver: Option<&Pod>, w: &mut PrefixWriter) {
    let none = if c.env.is_empty() { "\t<none>" } else { "" };
    w.write(LEVEL_2, &format!("Environment:{none}\n"));
    for e in &c.env {
        let Some(from) = &e.value_from else {
            let value = e.value.as_deref().unwrap_or("");
            for (i, s) in value.split('\n').enumerate() {
                if i == 0 {
                    w.write(LEVEL_3, &format!("{}:\t{s}\n", e.name));
                } else {
                    w.write(LEVEL_3, &format!("\t{s}\n"));
                }
            }
            continue;
        };
        if let Some(f) = from.get("fieldRef") {
            let path = get_str(f, "fieldPath").unwrap_or("");
            // The API server defaults fieldRef.apiVersion to v1.
            let api_version = get_str(f, "apiVersion").unwrap_or("v1");
            let value = resolver
                .map(|p| extract_field_path(p, path))
                .unwrap_or_default();
            w.write(
                LEVEL_3,
                &format!("{}:\t{value} ({api_version}:{path})\n", e.name),
            );
        } else if let Some(r) = from.get("resourceFieldRef") {
            let resource = get_str(r, "resource").unwrap_or("");
            let value = resource
                .split_once('.')
                .and_then(|(kind, name)| {
                    c.other
                        .get("resources")
                        .and_then(|res| res.get(kind))
                        .and_then(|list| list.get(name))
                        .map(json_str)
                })
                .unwrap_or_else(|| {
                    if resource == "limits.cpu" || resource == "limits.memory" {
                        "node allocatable".to_string()
                    } else {
                        String::new()
                    }
                });
            w.write(LEVEL_3, &format!("{}:\t{value} ({resource})\n", e.name));
        } else if let Some(s) = from.get("secretKeyRef") {
            w.write(
                LEVEL_3,
                &format!(
                    "{}:\t<set to the key '{}' in secret '{}'>\tOptional: {}\n",
                    e.name,
                    get_str(s, "key").unwrap_or(""),
                    get_str(s, "name").unwrap_or(""),
                    get_bool(s, "optional")
                ),
            );
        } else if let Some(cm) = from.get("configMapKeyRef") {
            w.write(
                LEVEL_3,
                &format!(
                    "{}:\t<set to the key '{}' of config map '{}'>\tOptional: {}\n",
                    e.name,
                    get_str(cm, "key").unwrap_or(""),
                    get_str(cm, "name").unwrap_or(""),
                    get_bool(cm, "optional")
                ),
            );
        }
    }
}

/// `describeContainerVolumes`: mounts sorted by path.
fn describe_container_volumes(c: &Container, w: &mut PrefixWriter) {
    let mut mounts: Vec<&Value> = get_array(&c.other, "volumeMounts").iter().collect();
    let none = if mounts.is_empty() { "\t<none>" } else { "" };
    w.write(LEVEL_2, &format!("Mounts:{none}\n"));
    crate::sort::sort_by(&mut mounts, |a, b| {
        get_str(a, "mountPath")
            .unwrap_or("")
            .cmp(get_str(b, "mountPath").unwrap_or(""))
    });
    for m in mounts {
        let mut flags = vec![if get_bool(m, "readOnly") { "ro" } else { "rw" }.to_string()];
        if let Some(sub) = get_str(m, "subPath").filter(|s| !s.is_empty()) {
            flags.push(format!("path={sub:?}"));
        }
        w.write(
            LEVEL_3,
            &format!(
                "{} from {} ({})\n",
                get_str(m, "mountPath").unwrap_or(""),
                get_str(m, "name").unwrap_or(""),
                flags.join(",")
            ),
        );
    }
}

/// `describeContainers`.
fn describe_containers(
    label: &str,
    containers: &[Container],
    statuses: &[ContainerStatus],
    resolver: Option<&Pod>,
    w: &mut PrefixWriter,
    space: &str,
) {
    let none = if containers.is_empty() { " <none>" } else { "" };
    w.write(LEVEL_0, &format!("{space}{label}:{none}\n"));
    for c in containers {
        let status = statuses.iter().rev().find(|s| s.name == c.name);
        let uid = resolver.map_or("", |p| p.metadata.uid.as_str());
        describe_container_basic_info(c, status.map(|s| (uid, s)), space, w);
        describe_container_command(c, w);
        if let Some(s) = status {
            describe_container_state(s, w);
        }
        describe_resources(c, w, LEVEL_2);
        describe_container_probe(c, w);
        describe_container_env_from(c, w);
        describe_container_env_vars(c, resolver, w);
        describe_container_volumes(c, w);
    }
}

/// `describeVolumes` for the common volume types (hostPath, emptyDir, secret, configMap, PVC,
/// projected, downwardAPI, nfs); others print `<unknown>`, as kubectl does for a type it does
/// not know.
fn describe_volumes(volumes: &[Value], w: &mut PrefixWriter, space: &str) {
    if volumes.is_empty() {
        w.write(LEVEL_0, &format!("{space}Volumes:\t<none>\n"));
        return;
    }
    w.write(LEVEL_0, &format!("{space}Volumes:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for v in volumes {
        w.write(
            LEVEL_1,
            &format!("{name_indent}{}:\n", get_str(v, "name").unwrap_or("")),
        );
        if let Some(h) = v.get("hostPath") {
            // The API server defaults hostPath.type to "" (HostPathUnset).
            w.write(
                LEVEL_2,
                &format!(
                    "Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{}\n",
                    get_str(h, "path").unwrap_or(""),
                    get_str(h, "type").unwrap_or("")
                ),
            );
        } else if let Some(e) = v.get("emptyDir") {
            let size = e
                .get("sizeLimit")
                .map(json_str)
                .filter(|s| !s.is_empty() && s != "0")
                .unwrap_or_else(|| "<unset>".to_string());
            w.write(
                LEVEL_2,
                &format!(
                    "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{}\n    SizeLimit:\t{size}\n",
                    get_str(e, "medium").unwrap_or("")
                ),
            );
        } else if let Some(s) = v.get("secret") {
            w.write(
                LEVEL_2,
                &format!(
                    "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}\n",
                    get_str(s, "secretName").unwrap_or(""),
                    get_bool(s, "optional")
                ),
            );
        } else if let Some(cm) = v.get("configMap") {
            w.write(
                LEVEL_2,
                &format!(
                    "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}\n",
                    get_str(cm, "name").unwrap_or(""),
                    get_bool(cm, "optional")
                ),
            );
        } else if let Some(pvc) = v.get("persistentVolumeClaim") {
            w.write(
                LEVEL_2,
                &format!(
                    "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}\n",
                    get_str(pvc, "claimName").unwrap_or(""),
                    get_bool(pvc, "readOnly")
                ),
            );
        } else if let Some(p) = v.get("projected") {
            // printProjectedVolumeSource.
            w.write(
                LEVEL_2,
                "Type:\tProjected (a volume that contains injected data from multiple sources)\n",
            );
            for source in p
                .get("sources")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                // Since kubectl 1.33 (kubernetes#129457) `Optional:` is the flag's value
                // (false when unset), not a pointer printed as `ConfigMapOptional: <nil>`.
                if let Some(sec) = source.get("secret") {
                    w.write(
                        LEVEL_2,
                        &format!(
                            "SecretName:\t{}\n    Optional:\t{}\n",
                            get_str(sec, "name").unwrap_or(""),
                            get_bool(sec, "optional")
                        ),
                    );
                } else if source.get("downwardAPI").is_some() {
                    w.write(LEVEL_2, "DownwardAPI:\ttrue\n");
                } else if let Some(cm) = source.get("configMap") {
                    w.write(
                        LEVEL_2,
                        &format!(
                            "ConfigMapName:\t{}\n    Optional:\t{}\n",
                            get_str(cm, "name").unwrap_or(""),
                            get_bool(cm, "optional")
                        ),
                    );
                } else if let Some(t) = source.get("serviceAccountToken") {
                    let secs = t
                        .get("expirationSeconds")
                        .and_then(Value::as_i64)
                        .unwrap_or(3600);
                    w.write(LEVEL_2, &format!("TokenExpirationSeconds:\t{secs}\n"));
                }
            }
        } else if let Some(d) = v.get("downwardAPI") {
            // printDownwardAPIVolumeSource.
            w.write(
                LEVEL_2,
                "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n",
            );
            for item in d
                .get("items")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let path = get_str(item, "path").unwrap_or("");
                if let Some(f) = item.get("fieldRef") {
                    let field = get_str(f, "fieldPath").unwrap_or("");
                    w.write(LEVEL_3, &format!("{field} -> {path}\n"));
                }
                if let Some(r) = item.get("resourceFieldRef") {
                    let resource = get_str(r, "resource").unwrap_or("");
                    w.write(LEVEL_3, &format!("{resource} -> {path}\n"));
                }
            }
        } else if let Some(nfs) = v.get("nfs") {
            w.write(
                LEVEL_2,
                &format!(
                    "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t{}\n    Path:\t{}\n    ReadOnly:\t{}\n",
                    get_str(nfs, "server").unwrap_or(""),
                    get_str(nfs, "path").unwrap_or(""),
                    get_bool(nfs, "readOnly")
                ),
            );
        } else {
            w.write(LEVEL_1, "<unknown>\n");
        }
    }
}

/// `printTemplate` (kubectl polymorphichelpers/history.go): `DescribePodTemplate` through a
/// bare prefixWriter, no tabwriter, so its tabs reach the terminal.
pub fn print_template(template: &PodTemplateSpec) -> String {
    let mut w = PrefixWriter {
        raw: Some(String::new()),
        ..PrefixWriter::new()
    };
    describe_pod_template(template, &mut w);
    w.finish()
}

/// `DescribePodTemplate`.
fn describe_pod_template(template: &PodTemplateSpec, w: &mut PrefixWriter) {
    w.write(LEVEL_0, "Pod Template:\n");
    print_labels_multiline(w, "  Labels", &template.metadata.labels);
    if !template.metadata.annotations.is_empty() {
        print_annotations_multiline(w, "  Annotations", &template.metadata.annotations);
    }
    let spec = &template.spec;
    if let Some(sa) = spec.other.get("serviceAccountName").and_then(Value::as_str) {
        if !sa.is_empty() {
            w.write(LEVEL_1, &format!("Service Account:\t{sa}\n"));
        }
    }
    if !spec.init_containers.is_empty() {
        describe_containers("Init Containers", &spec.init_containers, &[], None, w, "  ");
    }
    describe_containers("Containers", &spec.containers, &[], None, w, "  ");
    describe_volumes(get_array(&spec.other, "volumes"), w, "  ");
    if let Some(pc) = spec.other.get("priorityClassName").and_then(Value::as_str) {
        if !pc.is_empty() {
            w.write(LEVEL_1, &format!("Priority Class Name:\t{pc}\n"));
        }
    }
    print_labels_multiline(w, "  Node-Selectors", &spec.node_selector);
    print_tolerations_multiline(w, "  Tolerations", &spec.tolerations);
}

// ---------------------------------------------------------------------------------------------
// Events

/// The events `searchEvents` finds for an object: same involvedObject name, and kind,
/// namespace and uid where both sides name one. `kind` None matches any kind (kubectl clears
/// the kind for pods).
fn events_for<'a>(events: &[&'a Event], kind: Option<&str>, meta: &ObjectMeta) -> Vec<&'a Event> {
    let same = |a: &str, b: &str| a.is_empty() || b.is_empty() || a == b;
    events
        .iter()
        .copied()
        .filter(|e| {
            let r = &e.involved_object;
            r.name == meta.name
                && kind.is_none_or(|k| r.kind == k)
                && same(&r.namespace, &meta.namespace)
                // searchEvents selects involvedObject.uid when the object has one: an Event
                // recorded without a uid (TaintManagerEviction) is not described.
                && (meta.uid.is_empty() || r.uid == meta.uid)
        })
        .collect()
}

/// `DescribeEvents`: sorted by lastTimestamp (kubectl `util/event.SortableEvents`: a null one,
/// the scheduler's events.k8s.io Events', is the zero time and comes first); Age as `kubectl
/// events` prints it (eventTime or firstTimestamp, a series' or count's repeats); From is
/// `source.component`, else reportingController.
fn describe_events(events: &[&Event], now: Time, w: &mut PrefixWriter) {
    if events.is_empty() {
        w.write(LEVEL_0, "Events:\t<none>\n");
        return;
    }
    w.flush();
    let mut sorted: Vec<&Event> = events.to_vec();
    crate::sort::sort_by_key(&mut sorted, |e| e.last_timestamp);
    w.write(LEVEL_0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(LEVEL_1, "----\t------\t----\t----\t-------\n");
    for e in sorted {
        let interval = crate::kubectl::events::event_interval(e, now);
        let source = if e.source.component.is_empty() {
            &e.reporting_component
        } else {
            &e.source.component
        };
        w.write(
            LEVEL_1,
            &format!(
                "{}\t{}\t{interval}\t{source}\t{}\n",
                e.type_,
                e.reason,
                e.message.trim()
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Job

/// The Job spec as the API server stores it (`pkg/apis/batch/v1/defaults.go` `SetDefaults_Job`):
/// parallelism 1; completions 1 when neither is set (left unset in work-queue mode);
/// backoffLimit 6; completionMode NonIndexed; suspend false.
fn defaulted_job_spec(spec: &JobSpec) -> JobSpec {
    let mut s = spec.clone();
    if s.completions.is_none() && s.parallelism.is_none() {
        s.completions = Some(1);
    }
    s.parallelism.get_or_insert(1);
    s.backoff_limit.get_or_insert(6);
    s.completion_mode.get_or_insert_with(|| "NonIndexed".into());
    s.suspend.get_or_insert(false);
    s
}

/// `capIndexesListOrNone`: the completed-indexes list, cut after the first comma past 50
/// characters.
fn cap_indexes_list_or_none(indexes: &str, soft_limit: usize) -> String {
    if indexes.is_empty() {
        return "<none>".to_string();
    }
    let bytes = indexes.as_bytes();
    let mut ix = soft_limit;
    while ix < bytes.len() && bytes[ix] != b',' {
        ix += 1;
    }
    if ix >= bytes.len() {
        return indexes.to_string();
    }
    format!("{}...", &indexes[..=ix])
}

/// Why `describe_object` describes nothing (each caller words it as its kubectl would).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DescribeError {
    /// No object of that kind and name.
    NotFound,
    /// A kind CtrlScope does not describe.
    Unsupported,
}

/// `kubectl describe KIND NAME` of the simulation's current state: a Job or a DaemonSet with
/// the pods it owns, a CronJob with its Jobs, a Pod, a Node with every pod (what is allocated
/// on it) and its kubelet's Lease. `events` are the object's Events.
pub fn describe_object(
    sim: &Simulation,
    kind: Kind,
    name: &str,
    events: &[&Event],
) -> Result<String, DescribeError> {
    let now = sim.now();
    let store = &sim.cluster.store;
    Ok(match kind {
        Kind::Job => {
            let j = store.get::<Job>(name).ok_or(DescribeError::NotFound)?;
            describe_job(j, &store.dependents::<Pod>(&j.metadata.uid), events, now)
        }
        Kind::CronJob => {
            let c = store.get::<CronJob>(name).ok_or(DescribeError::NotFound)?;
            describe_cronjob(c, &store.dependents::<Job>(&c.metadata.uid), events, now)
        }
        Kind::DaemonSet => {
            let d = store
                .get::<DaemonSet>(name)
                .ok_or(DescribeError::NotFound)?;
            describe_daemonset(d, &store.dependents::<Pod>(&d.metadata.uid), events, now)
        }
        Kind::Pod => {
            let p = store.get::<Pod>(name).ok_or(DescribeError::NotFound)?;
            describe_pod(p, events, now)
        }
        Kind::Node => {
            let n = store.get::<Node>(name).ok_or(DescribeError::NotFound)?;
            let pods: Vec<&Pod> = store.list::<Pod>().collect();
            describe_node(n, &pods, events, now, sim.node_lease(name))
        }
        Kind::ControllerRevision => {
            let r = store
                .get::<ControllerRevision>(name)
                .ok_or(DescribeError::NotFound)?;
            describe_generic(&crate::kubectl::api_value(r), events, now)
        }
        // An Event by its name (describe.go GenericDescriberFor); no Event is about one.
        Kind::Event => {
            let e = sim
                .cluster
                .all_events()
                .into_iter()
                .find(|e| e.metadata.name == name)
                .ok_or(DescribeError::NotFound)?;
            describe_generic(&crate::kubectl::api_value(&e), &[], now)
        }
    })
}

/// `kubectl describe job` (describe.go `describeJob`). `pods` is not consulted: kubectl's Job
/// describer reads the counts from `status` (it is taken for symmetry with the others).
pub fn describe_job(job: &Job, _pods: &[&Pod], events: &[&Event], now: Time) -> String {
    let mut w = PrefixWriter::new();
    let m = &job.metadata;
    let spec = defaulted_job_spec(&job.spec);
    let st = &job.status;
    w.write(LEVEL_0, &format!("Name:\t{}\n", m.name));
    w.write(LEVEL_0, &format!("Namespace:\t{}\n", m.namespace));
    w.write(
        LEVEL_0,
        &format!("Selector:\t{}\n", selector_string(spec.selector.as_ref())),
    );
    print_labels_multiline(&mut w, "Labels", &m.labels);
    print_annotations_multiline(&mut w, "Annotations", &m.annotations);
    if let Some(c) = print_controller(m) {
        w.write(LEVEL_0, &format!("Controlled By:\t{c}\n"));
    }
    if let Some(p) = spec.parallelism {
        w.write(LEVEL_0, &format!("Parallelism:\t{p}\n"));
    }
    match spec.completions {
        Some(c) => w.write(LEVEL_0, &format!("Completions:\t{c}\n")),
        None => w.write(LEVEL_0, "Completions:\t<unset>\n"),
    }
    if let Some(mode) = &spec.completion_mode {
        w.write(LEVEL_0, &format!("Completion Mode:\t{mode}\n"));
    }
    if let Some(s) = spec.suspend {
        w.write(LEVEL_0, &format!("Suspend:\t{s}\n"));
    }
    if let Some(b) = spec.backoff_limit {
        w.write(LEVEL_0, &format!("Backoff Limit:\t{b}\n"));
    }
    if let Some(ttl) = spec.ttl_seconds_after_finished {
        w.write(LEVEL_0, &format!("TTL Seconds After Finished:\t{ttl}\n"));
    }
    if let Some(t) = st.start_time {
        w.write(LEVEL_0, &format!("Start Time:\t{}\n", rfc1123z(t)));
    }
    if let Some(t) = st.completion_time {
        w.write(LEVEL_0, &format!("Completed At:\t{}\n", rfc1123z(t)));
    }
    if let (Some(start), Some(done)) = (st.start_time, st.completion_time) {
        w.write(
            LEVEL_0,
            &format!(
                "Duration:\t{}\n",
                human_duration(done.stored() - start.stored())
            ),
        );
    }
    if let Some(ads) = spec.active_deadline_seconds {
        w.write(LEVEL_0, &format!("Active Deadline Seconds:\t{ads}s\n"));
    }
    match st.ready {
        None => w.write(
            LEVEL_0,
            &format!(
                "Pods Statuses:\t{} Active / {} Succeeded / {} Failed\n",
                st.active, st.succeeded, st.failed
            ),
        ),
        Some(ready) => w.write(
            LEVEL_0,
            &format!(
                "Pods Statuses:\t{} Active ({ready} Ready) / {} Succeeded / {} Failed\n",
                st.active, st.succeeded, st.failed
            ),
        ),
    }
    if spec.is_indexed() {
        w.write(
            LEVEL_0,
            &format!(
                "Completed Indexes:\t{}\n",
                cap_indexes_list_or_none(&st.completed_indexes, 50)
            ),
        );
    }
    describe_pod_template(&spec.template, &mut w);
    describe_events(&events_for(events, Some("Job"), m), now, &mut w);
    w.finish()
}

// ---------------------------------------------------------------------------------------------
// CronJob

/// `kubectl describe cronjob` (describe.go `describeCronJob`, `describeJobTemplate`,
/// `printActiveJobs`). Unset fields take the API server's CronJob defaults
/// (`SetDefaults_CronJob`: concurrencyPolicy Allow, suspend false, history limits 3 and 1);
/// the job template's own fields are not defaulted there, so they can read `<unset>`.
/// `jobs` is not consulted: the active list comes from `status.active`.
pub fn describe_cronjob(cj: &CronJob, _jobs: &[&Job], events: &[&Event], now: Time) -> String {
    let mut w = PrefixWriter::new();
    let m = &cj.metadata;
    let spec = &cj.spec;
    w.write(LEVEL_0, &format!("Name:\t{}\n", m.name));
    w.write(LEVEL_0, &format!("Namespace:\t{}\n", m.namespace));
    print_labels_multiline(&mut w, "Labels", &m.labels);
    print_annotations_multiline(&mut w, "Annotations", &m.annotations);
    w.write(LEVEL_0, &format!("Schedule:\t{}\n", spec.schedule));
    let policy = if spec.concurrency_policy.is_empty() {
        "Allow"
    } else {
        spec.concurrency_policy.as_str()
    };
    w.write(LEVEL_0, &format!("Concurrency Policy:\t{policy}\n"));
    w.write(
        LEVEL_0,
        &format!("Suspend:\t{}\n", print_bool(spec.suspend.unwrap_or(false))),
    );
    w.write(
        LEVEL_0,
        &format!(
            "Successful Job History Limit:\t{}\n",
            spec.successful_jobs_history_limit.unwrap_or(3)
        ),
    );
    w.write(
        LEVEL_0,
        &format!(
            "Failed Job History Limit:\t{}\n",
            spec.failed_jobs_history_limit.unwrap_or(1)
        ),
    );
    match spec.starting_deadline_seconds {
        Some(s) => w.write(LEVEL_0, &format!("Starting Deadline Seconds:\t{s}s\n")),
        None => w.write(LEVEL_0, "Starting Deadline Seconds:\t<unset>\n"),
    }
    // describeJobTemplate
    let jt = &spec.job_template.spec;
    match &jt.selector {
        Some(sel) => w.write(
            LEVEL_0,
            &format!("Selector:\t{}\n", selector_string(Some(sel))),
        ),
        None => w.write(LEVEL_0, "Selector:\t<unset>\n"),
    }
    match jt.parallelism {
        Some(p) => w.write(LEVEL_0, &format!("Parallelism:\t{p}\n")),
        None => w.write(LEVEL_0, "Parallelism:\t<unset>\n"),
    }
    match jt.completions {
        Some(c) => w.write(LEVEL_0, &format!("Completions:\t{c}\n")),
        None => w.write(LEVEL_0, "Completions:\t<unset>\n"),
    }
    if let Some(ads) = jt.active_deadline_seconds {
        w.write(LEVEL_0, &format!("Active Deadline Seconds:\t{ads}s\n"));
    }
    describe_pod_template(&jt.template, &mut w);
    match cj.status.last_schedule_time {
        Some(t) => w.write(LEVEL_0, &format!("Last Schedule Time:\t{}\n", rfc1123z(t))),
        None => w.write(LEVEL_0, "Last Schedule Time:\t<unset>\n"),
    }
    // printActiveJobs
    w.write(LEVEL_0, "Active Jobs:\t");
    if cj.status.active.is_empty() {
        w.write_line("<none>");
    } else {
        let names: Vec<&str> = cj.status.active.iter().map(|r| r.name.as_str()).collect();
        w.write(LEVEL_0, &names.join(", "));
        w.write_line("");
    }
    describe_events(&events_for(events, Some("CronJob"), m), now, &mut w);
    w.finish()
}

// ---------------------------------------------------------------------------------------------
// DaemonSet

/// `kubectl describe daemonset` (describe.go `describeDaemonSet`). Pods Status counts the
/// given pods the selector matches and the DaemonSet controls, by phase
/// (`getPodStatusForController`).
pub fn describe_daemonset(ds: &DaemonSet, pods: &[&Pod], events: &[&Event], now: Time) -> String {
    let mut w = PrefixWriter::new();
    let m = &ds.metadata;
    let (mut running, mut waiting, mut succeeded, mut failed) = (0, 0, 0, 0);
    if let Some(sel) = &ds.spec.selector {
        for p in pods {
            // A nil selector matches nothing (labels.Nothing()).
            if !sel.matches(&p.metadata.labels) {
                continue;
            }
            if p.metadata.controller_of().is_none_or(|r| r.uid != m.uid) {
                continue;
            }
            match p.status.phase.as_str() {
                "Running" => running += 1,
                "Pending" => waiting += 1,
                "Succeeded" => succeeded += 1,
                "Failed" => failed += 1,
                _ => {}
            }
        }
    }
    let s = &ds.status;
    w.write(LEVEL_0, &format!("Name:\t{}\n", m.name));
    w.write(LEVEL_0, &format!("Namespace:\t{}\n", m.namespace));
    w.write(
        LEVEL_0,
        &format!(
            "Selector:\t{}\n",
            selector_string(ds.spec.selector.as_ref())
        ),
    );
    w.write(
        LEVEL_0,
        &format!(
            "Node-Selector:\t{}\n",
            format_labels(&ds.spec.template.spec.node_selector)
        ),
    );
    print_labels_multiline(&mut w, "Labels", &m.labels);
    print_annotations_multiline(&mut w, "Annotations", &m.annotations);
    w.write(
        LEVEL_0,
        &format!(
            "Desired Number of Nodes Scheduled: {}\n",
            s.desired_number_scheduled
        ),
    );
    w.write(
        LEVEL_0,
        &format!(
            "Current Number of Nodes Scheduled: {}\n",
            s.current_number_scheduled
        ),
    );
    w.write(
        LEVEL_0,
        &format!(
            "Number of Nodes Scheduled with Up-to-date Pods: {}\n",
            s.updated_number_scheduled
        ),
    );
    w.write(
        LEVEL_0,
        &format!(
            "Number of Nodes Scheduled with Available Pods: {}\n",
            s.number_available
        ),
    );
    w.write(
        LEVEL_0,
        &format!("Number of Nodes Misscheduled: {}\n", s.number_misscheduled),
    );
    w.write(
        LEVEL_0,
        &format!(
            "Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"
        ),
    );
    describe_pod_template(&ds.spec.template, &mut w);
    describe_events(&events_for(events, Some("DaemonSet"), m), now, &mut w);
    w.finish()
}

// ---------------------------------------------------------------------------------------------
// Pod

/// A parsed `resource.Quantity`, in base units (cores, bytes), for QoS comparisons.
fn parse_quantity(v: &Value) -> Option<f64> {
    v.as_f64()
        .or_else(|| crate::api::quantity_f64(v.as_str()?.trim()))
}

/// `qos.GetPodQOS` (`ComputePodQOS`): BestEffort without cpu/memory requests or limits,
/// Guaranteed when every container limits both and requests equal limits, else Burstable.
/// (The API server copies limits into unset requests; that defaulting is applied here.)
pub(crate) fn pod_qos(pod: &Pod) -> &'static str {
    let mut requests: BTreeMap<&str, f64> = BTreeMap::new();
    let mut limits: BTreeMap<&str, f64> = BTreeMap::new();
    let mut guaranteed = true;
    for c in pod.spec.containers.iter().chain(&pod.spec.init_containers) {
        let res = c.other.get("resources");
        let list = |key: &str| -> BTreeMap<&'static str, f64> {
            let mut out = BTreeMap::new();
            for name in ["cpu", "memory"] {
                if let Some(q) = res
                    .and_then(|r| r.get(key))
                    .and_then(|l| l.get(name))
                    .and_then(parse_quantity)
                {
                    if q > 0.0 {
                        out.insert(name, q);
                    }
                }
            }
            out
        };
        let lim = list("limits");
        let mut req = list("requests");
        for (k, v) in &lim {
            req.entry(k).or_insert(*v);
        }
        for (k, v) in req {
            *requests.entry(k).or_insert(0.0) += v;
        }
        if !(lim.contains_key("cpu") && lim.contains_key("memory")) {
            guaranteed = false;
        }
        for (k, v) in lim {
            *limits.entry(k).or_insert(0.0) += v;
        }
    }
    if requests.is_empty() && limits.is_empty() {
        return "BestEffort";
    }
    if guaranteed {
        for (name, req) in &requests {
            match limits.get(name) {
                Some(l) if (l - req).abs() <= f64::EPSILON * l.abs().max(1.0) => {}
                _ => {
                    guaranteed = false;
                    break;
                }
            }
        }
    }
    if guaranteed && requests.len() == limits.len() {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

/// `kubectl describe pod` (describe.go `describePod`): a subset — the fields this API has.
pub fn describe_pod(pod: &Pod, events: &[&Event], now: Time) -> String {
    let mut w = PrefixWriter::new();
    let m = &pod.metadata;
    // With the token volume the ServiceAccount admission plugin adds (kept out of the store).
    let shown = crate::manifest::with_service_account_volume(&m.uid, &pod.spec);
    let spec = &shown;
    let st = &pod.status;
    w.write(LEVEL_0, &format!("Name:\t{}\n", m.name));
    w.write(LEVEL_0, &format!("Namespace:\t{}\n", m.namespace));
    // The Priority admission plugin sets 0 when no priority class applies.
    let priority = spec
        .other
        .get("priority")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    w.write(LEVEL_0, &format!("Priority:\t{priority}\n"));
    if let Some(pc) = spec
        .other
        .get("priorityClassName")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
    {
        w.write(LEVEL_0, &format!("Priority Class Name:\t{pc}\n"));
    }
    // The ServiceAccount admission plugin sets `default`.
    let sa = spec
        .other
        .get("serviceAccountName")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .unwrap_or("default");
    w.write(LEVEL_0, &format!("Service Account:\t{sa}\n"));
    if spec.node_name.is_empty() {
        w.write(LEVEL_0, "Node:\t<none>\n");
    } else {
        w.write(
            LEVEL_0,
            &format!("Node:\t{}/{}\n", spec.node_name, st.host_ip),
        );
    }
    if let Some(t) = st.start_time {
        w.write(LEVEL_0, &format!("Start Time:\t{}\n", rfc1123z(t)));
    }
    print_labels_multiline(&mut w, "Labels", &m.labels);
    print_annotations_multiline(&mut w, "Annotations", &m.annotations);
    match m.deletion_timestamp {
        Some(t) if st.phase != "Failed" && st.phase != "Succeeded" => {
            w.write(
                LEVEL_0,
                &format!(
                    "Status:\tTerminating (lasts {})\n",
                    translate_timestamp_since(Some(t), now)
                ),
            );
            // kubectl dereferences deletionGracePeriodSeconds, which the API server sets with
            // deletionTimestamp; a hand-made object without it falls back to the spec's.
            let grace = m
                .deletion_grace_period_seconds
                .or(spec.termination_grace_period_seconds)
                .unwrap_or(30);
            w.write(LEVEL_0, &format!("Termination Grace Period:\t{grace}s\n"));
        }
        _ => w.write(LEVEL_0, &format!("Status:\t{}\n", st.phase)),
    }
    if !st.reason.is_empty() {
        w.write(LEVEL_0, &format!("Reason:\t{}\n", st.reason));
    }
    if !st.message.is_empty() {
        w.write(LEVEL_0, &format!("Message:\t{}\n", st.message));
    }
    w.write(LEVEL_0, &format!("IP:\t{}\n", st.pod_ip));
    // describePodIPs: status.podIPs[0] is status.podIP.
    if st.pod_ip.is_empty() {
        w.write(LEVEL_0, "IPs:\t<none>\n");
    } else {
        w.write(LEVEL_0, "IPs:\n");
        w.write(LEVEL_1, &format!("IP:\t{}\n", st.pod_ip));
    }
    if let Some(c) = print_controller(m) {
        w.write(LEVEL_0, &format!("Controlled By:\t{c}\n"));
    }
    if !st.nominated_node_name.is_empty() {
        w.write(
            LEVEL_0,
            &format!("NominatedNodeName:\t{}\n", st.nominated_node_name),
        );
    }
    if !spec.init_containers.is_empty() {
        describe_containers(
            "Init Containers",
            &spec.init_containers,
            &st.init_container_statuses,
            Some(pod),
            &mut w,
            "",
        );
    }
    describe_containers(
        "Containers",
        &spec.containers,
        &st.container_statuses,
        Some(pod),
        &mut w,
        "",
    );
    let gates: Vec<&str> = get_array(&spec.other, "readinessGates")
        .iter()
        .filter_map(|g| get_str(g, "conditionType"))
        .collect();
    if !gates.is_empty() {
        w.write(LEVEL_0, "Readiness Gates:\n  Type\tStatus\n");
        let reported = crate::sim::kubelet::reported_conditions(pod);
        for g in gates {
            let status = reported
                .iter()
                .find(|c| c.type_ == g)
                .map(|c| c.status.clone())
                .unwrap_or_else(|| "<none>".to_string());
            w.write(LEVEL_1, &format!("{g} \t{status} \n"));
        }
    }
    let conditions = crate::sim::kubelet::reported_conditions(pod);
    if !conditions.is_empty() {
        w.write(LEVEL_0, "Conditions:\n  Type\tStatus\n");
        for c in &conditions {
            w.write(LEVEL_1, &format!("{} \t{} \n", c.type_, c.status));
        }
    }
    describe_volumes(get_array(&spec.other, "volumes"), &mut w, "");
    w.write(LEVEL_0, &format!("QoS Class:\t{}\n", pod_qos(pod)));
    print_labels_multiline(&mut w, "Node-Selectors", &spec.node_selector);
    print_tolerations_multiline(&mut w, "Tolerations", &spec.tolerations);
    describe_events(&events_for(events, None, m), now, &mut w);
    w.finish()
}

// ---------------------------------------------------------------------------------------------
// Node

/// Go's `int64(f)` on amd64 (CVTTSD2SI): NaN, infinities and out-of-range values become
/// `math.MinInt64` — what kubectl prints for a pod's percentage when the node's allocatable
/// lacks the resource (`0/0`), as its per-pod rows do not guard the division.
fn go_int64(f: f64) -> i64 {
    // NaN is outside every range too.
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f) {
        f as i64
    } else {
        i64::MIN
    }
}

/// `float64(a) / float64(b) * 100`, truncated as `int64(...)`.
fn percent(a: i128, b: i128) -> i64 {
    go_int64(a as f64 / b as f64 * 100.0)
}

/// The same, with the `Allocated resources` guard: 0 when the allocatable amount is 0.
fn guarded_percent(a: i128, b: i128) -> i64 {
    if b == 0 {
        0
    } else {
        percent(a, b)
    }
}

/// A `time.Time` as `Format(time.RFC1123Z)`, the zero time for an unset one.
fn rfc1123z_or_zero(t: Option<Time>) -> String {
    t.map(rfc1123z)
        .unwrap_or_else(|| "Mon, 01 Jan 0001 00:00:00 +0000".to_string())
}

/// `printNodeTaintsMultiline`: sorted by `effect,key`, one a line, `<none>` without any.
fn print_node_taints_multiline(w: &mut PrefixWriter, title: &str, taints: &[Taint]) {
    w.write(LEVEL_0, &format!("{title}:\t"));
    if taints.is_empty() {
        w.write_line("<none>");
        return;
    }
    let mut sorted: Vec<&Taint> = taints.iter().collect();
    crate::sort::sort_by_key(&mut sorted, |t| format!("{},{}", t.effect, t.key));
    for (i, t) in sorted.iter().enumerate() {
        if i != 0 {
            w.write(LEVEL_0, "\t");
        }
        w.write(LEVEL_0, &format!("{t}\n"));
    }
}

/// `describeNodeResource`: the non-terminated pods' requests and limits, as a share of the
/// node's allocatable (its capacity when allocatable is empty).
fn describe_node_resource(pods: &[&Pod], node: &Node, now: Time, w: &mut PrefixWriter) {
    w.write(
        LEVEL_0,
        &format!("Non-terminated Pods:\t({} in total)\n", pods.len()),
    );
    w.write(
        LEVEL_1,
        "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n",
    );
    w.write(
        LEVEL_1,
        "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n",
    );
    let raw = if node.status.allocatable.is_empty() {
        &node.status.capacity
    } else {
        &node.status.allocatable
    };
    let allocatable: ResourceList = raw
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                Quantity::parse(&Value::String(v.clone())).unwrap_or(Quantity::ZERO),
            )
        })
        .collect();
    let get = |l: &ResourceList, k: &str| l.get(k).copied().unwrap_or(Quantity::ZERO);
    let alloc_cpu = get(&allocatable, "cpu").milli_value();
    let alloc_mem = get(&allocatable, "memory").value();
    let mut reqs = ResourceList::new();
    let mut limits = ResourceList::new();
    for pod in pods {
        let req = pod_resources(&pod.spec, false);
        let lim = pod_resources(&pod.spec, true);
        let (cr, cl, mr, ml) = (
            get(&req, "cpu"),
            get(&lim, "cpu"),
            get(&req, "memory"),
            get(&lim, "memory"),
        );
        // kubectl divides unguarded here: against a node without cpu/memory allocatable (ours
        // report only pods) it prints int64(+Inf) = -9223372036854775808%. Real nodes always
        // report both, so the totals table's guard (0%) reads as kubectl would on a real node.
        w.write(
            LEVEL_1,
            &format!(
                "{}\t{}\t\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{}\n",
                pod.metadata.namespace,
                pod.metadata.name,
                cr.string(),
                guarded_percent(cr.milli_value(), alloc_cpu),
                cl.string(),
                guarded_percent(cl.milli_value(), alloc_cpu),
                mr.string(),
                guarded_percent(mr.value(), alloc_mem),
                ml.string(),
                guarded_percent(ml.value(), alloc_mem),
                translate_timestamp_since(pod.metadata.creation_timestamp, now)
            ),
        );
        add_resource_list(&mut reqs, &req);
        add_resource_list(&mut limits, &lim);
    }
    w.write(
        LEVEL_0,
        "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n",
    );
    w.write(LEVEL_1, "Resource\tRequests\tLimits\n");
    w.write(LEVEL_1, "--------\t--------\t------\n");
    let row = |w: &mut PrefixWriter, name: &str, by_value: bool| {
        let (r, l, a) = (
            get(&reqs, name),
            get(&limits, name),
            get(&allocatable, name),
        );
        let (rv, lv, av) = if by_value {
            (r.value(), l.value(), a.value())
        } else {
            (r.milli_value(), l.milli_value(), a.milli_value())
        };
        w.write(
            LEVEL_1,
            &format!(
                "{name}\t{} ({}%)\t{} ({}%)\n",
                r.string(),
                guarded_percent(rv, av),
                l.string(),
                guarded_percent(lv, av)
            ),
        );
    };
    row(w, "cpu", false);
    row(w, "memory", true);
    row(w, "ephemeral-storage", true);
    // BTreeMap order is sort.Strings order.
    for name in allocatable.keys().filter(|k| k.starts_with("hugepages-")) {
        row(w, name, true);
    }
    let standard = |k: &str| {
        matches!(k, "cpu" | "memory" | "ephemeral-storage" | "pods") || k.starts_with("hugepages-")
    };
    for name in allocatable.keys().filter(|k| !standard(k)) {
        w.write(
            LEVEL_1,
            &format!(
                "{name}\t{}\t{}\n",
                get(&reqs, name).string(),
                get(&limits, name).string()
            ),
        );
    }
}

/// `kubectl describe node` (describe.go `NodeDescriber.Describe` / `describeNode`). `pods` are
/// all pods; those bound to the node and not Succeeded or Failed are listed, as kubectl's
/// field selector `spec.nodeName=NAME,status.phase!=Succeeded,status.phase!=Failed` does.
///
/// Left out: `Lease:` — kubectl prints the node's kube-node-lease Lease, or
/// `Lease:\tFailed to get lease: …` when it cannot get one, and this API has no Leases (a
/// failure line would read as a broken kubelet); `System Info:` — printed from
/// The `lastHeartbeatTime` of a node's conditions. The kubelet sets it on every condition with
/// each status PATCH: when something changed, else every nodeStatusReportFrequency (5 min)
/// since it started (kubelet_node_status.go tryUpdateNodeStatus); its Lease, not this, tells
/// that it is alive. A stopped kubelet's last one stays (the node lifecycle controller does not
/// touch it). Worked out when shown, so the periodic PATCHes cost no events.
pub fn node_heartbeat(node: &Node, now: Time, lease: NodeLease) -> Option<Time> {
    let reported_until = lease.stopped.unwrap_or(now);
    let periodic = lease
        .since
        .or(node.metadata.creation_timestamp)
        .map(|base| {
            let since = (reported_until - base).0.max(0);
            base + crate::api::Duration::from_millis(since - since % 300_000)
        });
    let changed = node
        .status
        .conditions
        .iter()
        .filter_map(|c| c.last_transition_time)
        .filter(|t| *t <= reported_until)
        .max();
    periodic.max(changed)
}

/// `status.nodeInfo`, which this API's Node does not carry. `Addresses:` is printed as
/// kubectl prints it, a header over `status.addresses`, of which there are none here.
/// `lease`: how the node's kubelet keeps its Lease.
pub fn describe_node(
    node: &Node,
    pods: &[&Pod],
    events: &[&Event],
    now: Time,
    lease: NodeLease,
) -> String {
    let stopped = lease.stopped;
    let mut w = PrefixWriter::new();
    let m = &node.metadata;
    w.write(LEVEL_0, &format!("Name:\t{}\n", m.name));
    let roles = super::get::node_roles(node);
    let roles = if roles.is_empty() {
        "<none>".to_string()
    } else {
        roles.join(",")
    };
    w.write(LEVEL_0, &format!("Roles:\t{roles}\n"));
    print_labels_multiline(&mut w, "Labels", &m.labels);
    print_annotations_multiline(&mut w, "Annotations", &m.annotations);
    w.write(
        LEVEL_0,
        &format!(
            "CreationTimestamp:\t{}\n",
            rfc1123z_or_zero(m.creation_timestamp)
        ),
    );
    print_node_taints_multiline(&mut w, "Taints", &node.spec.taints);
    w.write(
        LEVEL_0,
        &format!("Unschedulable:\t{}\n", node.spec.unschedulable),
    );
    // describeNodeLease: the kubelet's Lease in kube-node-lease, renewed every 10 s (a quarter
    // of its 40 s duration, pkg/kubelet/nodelease).
    let renewed = stopped.or_else(|| {
        let c = lease.since.or(m.creation_timestamp)?;
        let since = (now - c).0.max(0);
        Some(c + crate::api::Duration::from_millis(since - since % 10_000))
    });
    w.write(LEVEL_0, "Lease:\n");
    w.write(LEVEL_1, &format!("HolderIdentity:\t{}\n", m.name));
    w.write(LEVEL_1, "AcquireTime:\t<unset>\n");
    w.write(
        LEVEL_1,
        &format!(
            "RenewTime:\t{}\n",
            renewed.map_or("<unset>".to_string(), rfc1123z)
        ),
    );
    let st = &node.status;
    if !st.conditions.is_empty() {
        w.write(
            LEVEL_0,
            "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n",
        );
        w.write(
            LEVEL_1,
            "----\t------\t-----------------\t------------------\t------\t-------\n",
        );
        let heartbeat = node_heartbeat(node, now, lease);
        for c in &st.conditions {
            w.write(
                LEVEL_1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    c.type_,
                    c.status,
                    rfc1123z_or_zero(heartbeat),
                    rfc1123z_or_zero(c.last_transition_time),
                    c.reason,
                    c.message
                ),
            );
        }
    }
    w.write(LEVEL_0, "Addresses:\n");
    for a in &st.addresses {
        w.write(LEVEL_1, &format!("{}:\t{}\n", a.type_, a.address));
    }
    let print_resource_list = |w: &mut PrefixWriter, list: &BTreeMap<String, String>| {
        for (k, v) in list {
            let q = Quantity::parse(&Value::String(v.clone()))
                .map(Quantity::string)
                .unwrap_or_else(|| v.clone());
            w.write(LEVEL_0, &format!("  {k}:\t{q}\n"));
        }
    };
    if !st.capacity.is_empty() {
        w.write(LEVEL_0, "Capacity:\n");
        print_resource_list(&mut w, &st.capacity);
    }
    if !st.allocatable.is_empty() {
        w.write(LEVEL_0, "Allocatable:\n");
        print_resource_list(&mut w, &st.allocatable);
    }
    let info = &st.node_info;
    w.write(LEVEL_0, "System Info:\n");
    for (label, value) in [
        ("Machine ID", &info.machine_id),
        ("System UUID", &info.system_uuid),
        ("Boot ID", &info.boot_id),
        ("Kernel Version", &info.kernel_version),
        ("OS Image", &info.os_image),
        ("Operating System", &info.operating_system),
        ("Architecture", &info.architecture),
        ("Container Runtime Version", &info.container_runtime_version),
        ("Kubelet Version", &info.kubelet_version),
    ] {
        w.write(LEVEL_0, &format!("  {label}:\t{value}\n"));
    }
    // Still printed, empty: kubelets stopped reporting it in 1.31 (KubeProxyVersion deprecated).
    w.write(LEVEL_0, "  Kube-Proxy Version:\t\n");
    if !node.spec.pod_cidr.is_empty() {
        w.write(LEVEL_0, &format!("PodCIDR:\t{}\n", node.spec.pod_cidr));
    }
    if !node.spec.pod_cidrs.is_empty() {
        w.write(
            LEVEL_0,
            &format!("PodCIDRs:\t{}\n", node.spec.pod_cidrs.join(",")),
        );
    }
    let mut on_node: Vec<&Pod> = pods
        .iter()
        .copied()
        .filter(|p| p.spec.node_name == m.name && !p.is_terminal())
        .collect();
    // The API server lists by namespace, then name.
    crate::sort::sort_by(&mut on_node, |a, b| {
        (&a.metadata.namespace, &a.metadata.name).cmp(&(&b.metadata.namespace, &b.metadata.name))
    });
    describe_node_resource(&on_node, node, now, &mut w);
    // Events about the node by its uid, or by its name as the kubelet records them.
    let node_events: Vec<&Event> = events
        .iter()
        .copied()
        .filter(|e| {
            let r = &e.involved_object;
            r.kind == "Node"
                && r.name == m.name
                && (r.uid.is_empty() || m.uid.is_empty() || r.uid == m.uid || r.uid == m.name)
        })
        .collect();
    describe_events(&node_events, now, &mut w);
    w.finish()
}

// ---------------------------------------------------------------------------------------------
// Generic

/// `kubectl describe` of a kind with no describer of its own (ControllerRevision, Event):
/// describe.go `genericDescriber.Describe` over the object as the API server returns it. Name,
/// Namespace, Labels and Annotations, then every other field (`printUnstructuredContent`,
/// skipping `.metadata.managedFields/name/namespace/labels/annotations`), then the Events.
pub fn describe_generic(obj: &Value, events: &[&Event], now: Time) -> String {
    let mut w = PrefixWriter::new();
    let meta = obj.get("metadata");
    let text = |k: &str| {
        meta.and_then(|m| m.get(k))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let strings = |k: &str| -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        if let Some(m) = meta.and_then(|m| m.get(k)).and_then(Value::as_object) {
            for (key, v) in m {
                out.insert(key.clone(), v.as_str().unwrap_or("").to_string());
            }
        }
        out
    };
    w.write(LEVEL_0, &format!("Name:\t{}\n", text("name")));
    w.write(LEVEL_0, &format!("Namespace:\t{}\n", text("namespace")));
    print_labels_multiline(&mut w, "Labels", &strings("labels"));
    print_annotations_multiline(&mut w, "Annotations", &strings("annotations"));
    if let Some(content) = obj.as_object() {
        print_unstructured_content(
            &mut w,
            LEVEL_0,
            content,
            "",
            &[
                ".metadata.managedFields",
                ".metadata.name",
                ".metadata.namespace",
                ".metadata.labels",
                ".metadata.annotations",
            ],
        );
    }
    describe_events(events, now, &mut w);
    w.finish()
}

/// describe.go `printUnstructuredContent`: the fields sorted by name, a map as `Label:` and its
/// fields a level deeper, a list as `Label:` and each item a level deeper (a map's fields, or
/// the value), anything else `Label:\t<value>` (`%v`: null is `<nil>`).
fn print_unstructured_content(
    w: &mut PrefixWriter,
    level: usize,
    content: &serde_json::Map<String, Value>,
    skip_prefix: &str,
    skip: &[&str],
) {
    let mut fields: Vec<&String> = content.keys().collect();
    // sort.Strings: byte order.
    crate::sort::sort_by(&mut fields, |a, b| a.as_bytes().cmp(b.as_bytes()));
    for field in fields {
        let Some(value) = content.get(field.as_str()) else {
            continue;
        };
        let skip_expr = format!("{skip_prefix}.{field}");
        if skip.contains(&skip_expr.as_str()) {
            continue;
        }
        match value {
            Value::Object(m) => {
                w.write(level, &format!("{}:\n", smart_label_for(field)));
                print_unstructured_content(w, level + 1, m, &skip_expr, skip);
            }
            Value::Array(items) => {
                w.write(level, &format!("{}:\n", smart_label_for(field)));
                for child in items {
                    match child {
                        Value::Object(m) => {
                            print_unstructured_content(w, level + 1, m, &skip_expr, skip)
                        }
                        v => w.write(
                            level + 1,
                            &format!("{}\n", crate::kubectl::jsonpath::go_sprint(v)),
                        ),
                    }
                }
            }
            v => w.write(
                level,
                &format!(
                    "{}:\t{}\n",
                    smart_label_for(field),
                    crate::kubectl::jsonpath::go_sprint(v)
                ),
            ),
        }
    }
}

/// describe.go `smartLabelFor`: a field name made a label (`apiVersion` is `API Version`,
/// `ownerReferences` `Owner References`); one with anything but letters and `-` is left as it
/// is (`$patch`, `kubernetes.io/os`).
pub(crate) fn smart_label_for(field: &str) -> String {
    if field.chars().any(|c| !c.is_alphabetic() && c != '-') {
        return field.to_string();
    }
    const COMMON_ACRONYMS: [&str; 4] = ["API", "URL", "UID", "GUID"];
    let parts = camelcase_split(field);
    // An all-upper part of 2+ letters followed by a part starting upper-case is merged with it.
    let mut merged: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(part) = parts.get(i) {
        if let Some(next) = parts.get(i + 1) {
            let all_upper = part.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
            if part.len() >= 2 && all_upper && next.starts_with(|c: char| c.is_ascii_uppercase()) {
                merged.push(format!("{part}{next}"));
                i += 2;
                continue;
            }
        }
        merged.push(part.clone());
        i += 1;
    }
    let mut result: Vec<String> = Vec::new();
    for part in merged {
        if part == "_" {
            continue;
        }
        let upper = part.to_ascii_uppercase();
        if COMMON_ACRONYMS.contains(&upper.as_str()) {
            result.push(upper);
        } else if part.chars().all(|c| !c.is_uppercase()) {
            // cases.Title: the first letter upper-cased.
            let mut chars = part.chars();
            let title: String = match chars.next() {
                Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            };
            result.push(title);
        } else {
            result.push(part);
        }
    }
    result.join(" ")
}

/// github.com/fatih/camelcase `Split`: runs of lower-case letters, upper-case letters, digits
/// and other characters, an upper-case run giving its last letter to a lower-case run after it
/// (`PDFLoader` is `PDF`, `Loader`).
fn camelcase_split(src: &str) -> Vec<String> {
    let class = |c: char| {
        if c.is_lowercase() {
            1
        } else if c.is_uppercase() {
            2
        } else if c.is_numeric() {
            3
        } else {
            4
        }
    };
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last = 0;
    for c in src.chars() {
        let k = class(c);
        match runs.last_mut() {
            Some(run) if k == last => run.push(c),
            _ => runs.push(vec![c]),
        }
        last = k;
    }
    for i in 0..runs.len().saturating_sub(1) {
        let upper_then_lower = runs[i].first().is_some_and(|c| c.is_uppercase())
            && runs[i + 1].first().is_some_and(|c| c.is_lowercase());
        if upper_then_lower {
            if let Some(c) = runs[i].pop() {
                runs[i + 1].insert(0, c);
            }
        }
    }
    runs.into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| r.into_iter().collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// describe.go smartLabelFor (with fatih/camelcase Split): acronyms upper-cased, a run of
    /// capitals kept with the part it starts, a name with other characters left alone.
    #[test]
    fn smart_label_for_like_kubectl() {
        for (field, want) in [
            ("apiVersion", "API Version"),
            ("uid", "UID"),
            ("ownerReferences", "Owner References"),
            (
                "terminationGracePeriodSeconds",
                "Termination Grace Period Seconds",
            ),
            ("hostIPC", "Host IPC"),
            ("podIPs", "Pod I Ps"),
            ("XMLHttpRequest", "XMLHttp Request"),
            ("selfLink", "Self Link"),
            ("foo-bar", "Foo - Bar"),
            ("$patch", "$patch"),
            ("kubernetes.io/os", "kubernetes.io/os"),
            ("ipv4", "ipv4"),
            ("", ""),
        ] {
            assert_eq!(smart_label_for(field), want, "{field}");
        }
    }

    #[test]
    fn cap_indexes() {
        assert_eq!(cap_indexes_list_or_none("", 50), "<none>");
        assert_eq!(cap_indexes_list_or_none("0-3,5", 50), "0-3,5");
        let long = (0..40)
            .map(|i| (i * 2).to_string())
            .collect::<Vec<_>>()
            .join(",");
        let got = cap_indexes_list_or_none(&long, 50);
        assert!(got.ends_with(",..."), "{got}");
        assert!(got.len() <= 50 + 4 + 3, "{got}");
    }

    #[test]
    fn annotations_long_values_wrap() {
        let mut w = PrefixWriter::new();
        let mut a = BTreeMap::new();
        a.insert("k".to_string(), "v".repeat(150));
        print_annotations_multiline(&mut w, "Annotations", &a);
        let out = w.finish();
        assert!(out.starts_with("Annotations:  k:\n"), "{out}");
        assert!(
            out.contains(&format!("  {}...\n", "v".repeat(138))),
            "{out}"
        );
    }

    #[test]
    fn tolerations_format() {
        let mut w = PrefixWriter::new();
        let t = vec![
            Toleration {
                key: "node.kubernetes.io/not-ready".into(),
                operator: "Exists".into(),
                effect: "NoExecute".into(),
                toleration_seconds: Some(300),
                ..Default::default()
            },
            Toleration {
                key: "node-role.kubernetes.io/control-plane".into(),
                operator: "Exists".into(),
                effect: "NoSchedule".into(),
                ..Default::default()
            },
            Toleration {
                operator: "Exists".into(),
                ..Default::default()
            },
        ];
        print_tolerations_multiline(&mut w, "Tolerations", &t);
        assert_eq!(
            w.finish(),
            "Tolerations:  op=Exists\n\
             \x20             node-role.kubernetes.io/control-plane:NoSchedule op=Exists\n\
             \x20             node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n"
        );
    }

    #[test]
    fn quantities_and_qos() {
        assert_eq!(parse_quantity(&Value::from("500m")), Some(0.5));
        assert_eq!(parse_quantity(&Value::from("128Mi")), Some(134_217_728.0));
        assert_eq!(parse_quantity(&Value::from("1e3")), Some(1000.0));
        assert_eq!(parse_quantity(&Value::from(2)), Some(2.0));
        let mut pod = Pod::default();
        pod.spec.containers.push(Container {
            name: "c".into(),
            ..Default::default()
        });
        assert_eq!(pod_qos(&pod), "BestEffort");
        pod.spec.containers[0].other.insert(
            "resources".into(),
            serde_json::json!({"limits": {"cpu": "500m", "memory": "128Mi"}}),
        );
        assert_eq!(pod_qos(&pod), "Guaranteed");
        pod.spec.containers[0].other.insert(
            "resources".into(),
            serde_json::json!({"requests": {"cpu": "100m"}, "limits": {"cpu": "500m", "memory": "128Mi"}}),
        );
        assert_eq!(pod_qos(&pod), "Burstable");
    }

    #[test]
    fn ports_and_host_ports() {
        let mut c = Container {
            name: "web".into(),
            image: "nginx".into(),
            ..Default::default()
        };
        let mut w = PrefixWriter::new();
        describe_container_basic_info(&c, None, "", &mut w);
        assert_eq!(
            w.finish(),
            "  web:\n    Image:      nginx\n    Port:       <none>\n    Host Port:  <none>\n"
        );
        c.other.insert(
            "ports".into(),
            serde_json::json!([{"containerPort": 80, "name": "http"}]),
        );
        assert_eq!(container_ports(&c, "containerPort"), "80/TCP (http)");
        assert_eq!(container_ports(&c, "hostPort"), "0/TCP (http)");
        c.other.insert(
            "ports".into(),
            serde_json::json!([{"containerPort": 80}, {"containerPort": 53, "protocol": "UDP"}]),
        );
        let mut w = PrefixWriter::new();
        describe_container_basic_info(&c, None, "", &mut w);
        assert_eq!(
            w.finish(),
            "  web:\n    Image:       nginx\n    Ports:       80/TCP, 53/UDP\n    Host Ports:  0/TCP, 0/UDP\n"
        );
    }

    #[test]
    fn field_paths() {
        let mut pod = Pod::default();
        pod.metadata.name = "pi-0-abcde".into();
        pod.metadata.annotations.insert(
            "batch.kubernetes.io/job-completion-index".into(),
            "0".into(),
        );
        assert_eq!(extract_field_path(&pod, "metadata.name"), "pi-0-abcde");
        assert_eq!(
            extract_field_path(
                &pod,
                "metadata.annotations['batch.kubernetes.io/job-completion-index']"
            ),
            "0"
        );
        assert_eq!(extract_field_path(&pod, "spec.nodeName"), "");
    }
    #[test]
    fn quantity_strings_like_resource_quantity() {
        let q = |s: &str| Quantity::parse(&Value::from(s)).unwrap();
        let sum = |a: &str, b: &str| q(a).plus(q(b)).string();
        assert_eq!(q("1000m").string(), "1");
        assert_eq!(q("0.5").string(), "500m");
        assert_eq!(q("2000").string(), "2k");
        assert_eq!(q("1500").string(), "1500");
        assert_eq!(q("1e3").string(), "1e3");
        assert_eq!(q("1Gi").string(), "1Gi");
        assert_eq!(q("0.5Ki").string(), "512");
        assert_eq!(Quantity::ZERO.string(), "0");
        assert_eq!(sum("100m", "900m"), "1");
        assert_eq!(sum("1Gi", "512Mi"), "1536Mi");
        assert_eq!(sum("512Mi", "512Mi"), "1Gi");
        // The receiver's format wins (Quantity.Add).
        assert_eq!(sum("1000", "1Ki"), "2024");
        assert_eq!(q("1Ki").value(), 1024);
        assert_eq!(q("1m").value(), 1);
        assert_eq!(q("250m").milli_value(), 250);
    }

    #[test]
    fn pod_requests_with_init_containers_and_sidecars() {
        let c = |name: &str, cpu: &str, sidecar: bool| {
            let mut c = Container {
                name: name.into(),
                ..Default::default()
            };
            c.other.insert(
                "resources".into(),
                serde_json::json!({"requests": {"cpu": cpu}}),
            );
            if sidecar {
                c.other
                    .insert("restartPolicy".into(), Value::from("Always"));
            }
            c
        };
        let mut pod = Pod::default();
        pod.spec.containers = vec![c("a", "100m", false), c("b", "200m", false)];
        assert_eq!(pod_resources(&pod.spec, false)["cpu"].string(), "300m");
        // A plain init container counts only when larger than the containers' sum.
        pod.spec.init_containers = vec![c("init", "500m", false)];
        assert_eq!(pod_resources(&pod.spec, false)["cpu"].string(), "500m");
        // A sidecar adds to the sum, and to later init containers.
        pod.spec.init_containers = vec![c("side", "100m", true), c("init", "500m", false)];
        assert_eq!(pod_resources(&pod.spec, false)["cpu"].string(), "600m");
        assert!(pod_resources(&pod.spec, true).is_empty());
    }

    #[test]
    fn go_float_to_int64_on_amd64() {
        assert_eq!(percent(0, 0), i64::MIN);
        assert_eq!(percent(100, 0), i64::MIN);
        assert_eq!(percent(250, 4000), 6);
        assert_eq!(guarded_percent(100, 0), 0);
    }
}
