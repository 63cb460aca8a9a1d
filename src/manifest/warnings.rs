//! The API server's warnings for a pod template (pkg/api/pod/warnings.go
//! `warningsForPodSpecAndMeta`, through GetWarningsForPodTemplate), in its order.

use serde_json::Value as Json;

use crate::api::{Container, PodSpec, PodTemplateSpec};

use super::field::go_quote;

/// pkg/api/node/util.go `deprecatedNodeLabels`: node labels a selector should no longer use.
const DEPRECATED_NODE_LABELS: [(&str, &str); 8] = [
    (
        "beta.kubernetes.io/arch",
        r#"deprecated since v1.14; use "kubernetes.io/arch" instead"#,
    ),
    (
        "beta.kubernetes.io/os",
        r#"deprecated since v1.14; use "kubernetes.io/os" instead"#,
    ),
    (
        "failure-domain.beta.kubernetes.io/region",
        r#"deprecated since v1.17; use "topology.kubernetes.io/region" instead"#,
    ),
    (
        "failure-domain.beta.kubernetes.io/zone",
        r#"deprecated since v1.17; use "topology.kubernetes.io/zone" instead"#,
    ),
    (
        "beta.kubernetes.io/instance-type",
        r#"deprecated since v1.17; use "node.kubernetes.io/instance-type" instead"#,
    ),
    ("app.kubernetes.io/created-by", "deprecated since v1.9"),
    (
        "scheduler.alpha.kubernetes.io/preferAvoidPods",
        "deprecated since v1.22; use Taints and Tolerations instead",
    ),
    (
        "node-role.kubernetes.io/master",
        r#"use "node-role.kubernetes.io/control-plane" instead"#,
    ),
];

fn deprecated_node_label(key: &str) -> Option<&'static str> {
    DEPRECATED_NODE_LABELS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, msg)| *msg)
}

fn list(v: Option<&Json>) -> &[Json] {
    match v {
        Some(Json::Array(a)) => a,
        _ => &[],
    }
}

fn text<'j>(v: &'j Json, k: &str) -> &'j str {
    v.get(k).and_then(Json::as_str).unwrap_or("")
}

fn set(v: &Json, k: &str) -> bool {
    v.get(k).is_some_and(|x| !x.is_null())
}

/// `value.MilliValue() % 1000 != 0` for a memory or ephemeral-storage quantity: the warning's
/// `value.String()`, or None when it is a whole number of bytes.
fn fractional_bytes(q: Option<&Json>) -> Option<String> {
    let text = match q {
        Some(Json::String(s)) => s.clone(),
        Some(Json::Number(n)) => n.to_string(),
        _ => return None,
    };
    let v = crate::api::quantity_f64(&text)?;
    let milli = (v * 1000.0).ceil();
    if !(milli.is_finite() && milli.abs() < 9.2e18 && (milli as i64) % 1000 != 0) {
        return None;
    }
    let shown = if text.ends_with('m') && text[..text.len() - 1].bytes().all(|b| b.is_ascii_digit())
    {
        text
    } else {
        format!("{}m", milli as i64)
    };
    Some(format!(
        "fractional byte value {} is invalid, must be an integer",
        go_quote(&shown)
    ))
}

/// pkg/api/node/util.go GetWarningsForNodeSelectorTerm.
fn node_selector_term_warnings(out: &mut Vec<String>, term: Option<&Json>, p: &str) {
    for (j, e) in list(term.and_then(|t| t.get("matchExpressions")))
        .iter()
        .enumerate()
    {
        let key = text(e, "key");
        if let Some(msg) = deprecated_node_label(key) {
            out.push(format!("{p}.matchExpressions[{j}].key: {key} is {msg}"));
        }
    }
}

/// warningsForPodSpecAndMeta's deprecatedAnnotations.
const DEPRECATED_ANNOTATIONS: [(&str, &str); 3] = [
    (
        "scheduler.alpha.kubernetes.io/critical-pod",
        r#"non-functional in v1.16+; use the "priorityClassName" field instead"#,
    ),
    (
        "security.alpha.kubernetes.io/sysctls",
        r#"non-functional in v1.11+; use the "sysctls" field instead"#,
    ),
    (
        "security.alpha.kubernetes.io/unsafe-sysctls",
        r#"non-functional in v1.11+; use the "sysctls" field instead"#,
    ),
];

/// Deprecated and removed volume plugins: the JSON key, the path's last step as upstream
/// writes it (`storageOS`), and the message, in warningsForPodSpecAndMeta's order.
const DEPRECATED_VOLUMES: [(&str, &str, &str); 9] = [
    (
        "photonPersistentDisk",
        "photonPersistentDisk",
        "deprecated in v1.11, non-functional in v1.16+",
    ),
    ("gitRepo", "gitRepo", "deprecated in v1.11"),
    (
        "scaleIO",
        "scaleIO",
        "deprecated in v1.16, non-functional in v1.22+",
    ),
    (
        "flocker",
        "flocker",
        "deprecated in v1.22, non-functional in v1.25+",
    ),
    (
        "storageos",
        "storageOS",
        "deprecated in v1.22, non-functional in v1.25+",
    ),
    (
        "quobyte",
        "quobyte",
        "deprecated in v1.22, non-functional in v1.25+",
    ),
    (
        "glusterfs",
        "glusterfs",
        "deprecated in v1.25, non-functional in v1.26+",
    ),
    (
        "cephfs",
        "cephfs",
        "deprecated in v1.28, non-functional in v1.31+",
    ),
    (
        "rbd",
        "rbd",
        "deprecated in v1.28, non-functional in v1.31+",
    ),
];

const NULL_SELECTOR: &str = "a null labelSelector results in matching no pod";

/// The API server's warnings for a pod template (pkg/api/pod/warnings.go
/// warningsForPodSpecAndMeta), in its order: deprecated node labels in the node selector, node
/// affinity and spread constraints' topology keys, a spread constraint or pod (anti-)affinity
/// term without a labelSelector (it matches no pod), deprecated annotations and volume plugins,
/// a projected item on the service account token's path, duplicate hostAliases IPs and
/// imagePullSecrets, fractional bytes (`memory: 100m` is a tenth of a byte), seccomp and
/// AppArmor annotations without their fields, an env variable defined twice, duplicate or
/// overlapping ports, a negative grace period. Init containers first, as
/// VisitContainersWithPath visits them; map keys in sorted order (Go's are random).
pub(super) fn pod_template_warnings(t: &PodTemplateSpec, at: &str) -> Vec<String> {
    let spec: &PodSpec = &t.spec;
    let annotations = &t.metadata.annotations;
    let o = |k: &str| spec.other.get(k);
    let mut out = Vec::new();
    for key in spec.node_selector.keys() {
        if let Some(msg) = deprecated_node_label(key) {
            out.push(format!("{at}.spec.nodeSelector[{key}]: {msg}"));
        }
    }
    if let Some(n) = spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
    {
        let na = format!("{at}.spec.affinity.nodeAffinity");
        if let Some(required) = &n.required_during_scheduling_ignored_during_execution {
            for (i, term) in required.node_selector_terms.iter().enumerate() {
                for (j, e) in term.match_expressions.iter().enumerate() {
                    if let Some(msg) = deprecated_node_label(&e.key) {
                        out.push(format!(
                            "{na}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[{i}].matchExpressions[{j}].key: {} is {msg}",
                            e.key
                        ));
                    }
                }
            }
        }
        let preferred = n
            .other
            .get("preferredDuringSchedulingIgnoredDuringExecution");
        for (i, term) in list(preferred).iter().enumerate() {
            let p = format!("{na}.preferredDuringSchedulingIgnoredDuringExecution[{i}].preference");
            node_selector_term_warnings(&mut out, term.get("preference"), &p);
        }
    }
    for (i, c) in list(o("topologySpreadConstraints")).iter().enumerate() {
        let p = format!("{at}.spec.topologySpreadConstraints[{i}]");
        let key = text(c, "topologyKey");
        if let Some(msg) = deprecated_node_label(key) {
            out.push(format!("{p}.topologyKey: {key} is {msg}"));
        }
        if !set(c, "labelSelector") {
            out.push(format!("{p}.labelSelector: {NULL_SELECTOR}"));
        }
    }
    for (key, msg) in DEPRECATED_ANNOTATIONS {
        if annotations.contains_key(key) {
            out.push(format!("{at}.metadata.annotations[{key}]: {msg}"));
        }
    }
    let volumes = list(o("volumes"));
    for (i, v) in volumes.iter().enumerate() {
        for (key, step, msg) in DEPRECATED_VOLUMES {
            if set(v, key) {
                out.push(format!("{at}.spec.volumes[{i}].{step}: {msg}"));
            }
        }
    }
    // A projected item on a service account token's path. Upstream's paths name the item's
    // index under `sources.configMap` (`secrets`, `downwardAPI`) without the source's index.
    fn sources(v: &Json) -> &[Json] {
        list(v.get("projected").and_then(|p| p.get("sources")))
    }
    let token_paths: Vec<String> = volumes
        .iter()
        .flat_map(sources)
        .filter_map(|s| {
            s.get("serviceAccountToken")
                .filter(|x| !x.is_null())
                .map(|x| text(x, "path").to_string())
        })
        .collect();
    if !token_paths.is_empty() {
        for (i, v) in volumes.iter().enumerate() {
            for s in sources(v) {
                for (key, step) in [
                    ("configMap", "configMap"),
                    ("secret", "secrets"),
                    ("downwardAPI", "downwardAPI"),
                ] {
                    let items = list(s.get(key).and_then(|x| x.get("items")));
                    for (j, item) in items.iter().enumerate() {
                        let path = text(item, "path");
                        if token_paths.iter().any(|t| t == path) {
                            out.push(format!(
                                "{at}.spec.volumes[{i}].projected.sources.{step}[{j}]: has duplicated path with ServiceAccountToken {}",
                                go_quote(path)
                            ));
                        }
                    }
                }
                if let Some(b) = s.get("clusterTrustBundle").filter(|x| !x.is_null()) {
                    let path = text(b, "path");
                    if token_paths.iter().any(|t| t == path) {
                        out.push(format!(
                            "{at}.spec.volumes[{i}].projected.sources.ClusterTrustBundle: has duplicated path with ServiceAccountToken {}",
                            go_quote(path)
                        ));
                    }
                }
            }
        }
    }
    let aliases = list(o("hostAliases"));
    if aliases.len() > 1 {
        let mut seen: Vec<&str> = Vec::new();
        for (i, a) in aliases.iter().enumerate() {
            let ip = text(a, "ip");
            if seen.contains(&ip) {
                out.push(format!(
                    "{at}.spec.hostAliases[{i}].ip: duplicate ip {}",
                    go_quote(ip)
                ));
            } else {
                seen.push(ip);
            }
        }
    }
    let secrets = list(o("imagePullSecrets"));
    if secrets.len() > 1 {
        let mut seen: Vec<&str> = Vec::new();
        for (i, s) in secrets.iter().enumerate() {
            let name = text(s, "name");
            if seen.contains(&name) {
                out.push(format!(
                    "{at}.spec.imagePullSecrets[{i}].name: duplicate name {}",
                    go_quote(name)
                ));
            } else {
                seen.push(name);
            }
        }
    }
    for (i, s) in secrets.iter().enumerate() {
        if text(s, "name").is_empty() {
            out.push(format!(
                "{at}.spec.imagePullSecrets[{i}].name: invalid empty name \"\""
            ));
        }
    }
    for resource in ["memory", "ephemeral-storage"] {
        if let Some(msg) = fractional_bytes(o("overhead").and_then(|r| r.get(resource))) {
            out.push(format!("{at}.spec.overhead[{resource}]: {msg}"));
        }
    }
    let pod_sc = o("securityContext");
    let pod_field = |k: &str| pod_sc.is_some_and(|sc| set(sc, k));
    const SECCOMP_POD: &str = "seccomp.security.alpha.kubernetes.io/pod";
    if !pod_field("seccompProfile") && annotations.contains_key(SECCOMP_POD) {
        out.push(format!(
            r#"{at}.metadata.annotations[{SECCOMP_POD}]: non-functional in v1.27+; use the "seccompProfile" field instead"#
        ));
    }
    let containers: Vec<(String, &Container)> = spec
        .init_containers
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("{at}.spec.initContainers[{i}]"), c))
        .chain(
            spec.containers
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("{at}.spec.containers[{i}]"), c)),
        )
        .collect();
    for (p, c) in &containers {
        let sc = c.other.get("securityContext");
        let field = |k: &str| sc.is_some_and(|sc| set(sc, k));
        let key = format!("container.seccomp.security.alpha.kubernetes.io/{}", c.name);
        if !field("seccompProfile") && annotations.contains_key(&key) {
            out.push(format!(
                r#"{at}.metadata.annotations[{key}]: non-functional in v1.27+; use the "seccompProfile" field instead"#
            ));
        }
        // AppArmorFields is GA: a template's annotation without the field is deprecated.
        let key = format!("container.apparmor.security.beta.kubernetes.io/{}", c.name);
        if !pod_field("appArmorProfile")
            && !field("appArmorProfile")
            && annotations.contains_key(&key)
        {
            out.push(format!(
                r#"{at}.metadata.annotations[{key}]: deprecated since v1.30; use the "appArmorProfile" field instead"#
            ));
        }
        let resources = c.other.get("resources");
        for (list, resource) in [
            ("limits", "memory"),
            ("requests", "memory"),
            ("limits", "ephemeral-storage"),
            ("requests", "ephemeral-storage"),
        ] {
            let q = resources
                .and_then(|r| r.get(list))
                .and_then(|l| l.get(resource));
            if let Some(msg) = fractional_bytes(q) {
                out.push(format!("{p}.resources.{list}[{resource}]: {msg}"));
            }
        }
        let mut seen: Vec<&str> = Vec::new();
        for (i, ev) in c.env.iter().enumerate() {
            if !seen.contains(&ev.name.as_str()) {
                seen.push(&ev.name);
                continue;
            }
            // A later definition that uses the earlier one ($(X)) is fine.
            let reference = format!("$({})", ev.name);
            let value = ev.value.as_deref().unwrap_or_default();
            if ev.value_from.is_some() || value == reference || !value.contains(&reference) {
                out.push(format!(
                    "{p}.env[{i}]: hides previous definition of {}, which may be dropped when using apply",
                    go_quote(&ev.name)
                ));
            }
        }
    }
    // Ports across all containers, keyed by containerPort/protocol.
    struct Port<'a> {
        field: String,
        host_ip: &'a str,
        host_port: i64,
        key: String,
    }
    let mut all: Vec<Port> = Vec::new();
    for (p, c) in &containers {
        for (i, port) in list(c.other.get("ports")).iter().enumerate() {
            let f = format!("{p}.ports[{i}]");
            let host_ip = text(port, "hostIP");
            let host_port = port.get("hostPort").and_then(Json::as_i64).unwrap_or(0);
            let container_port = port
                .get("containerPort")
                .and_then(Json::as_i64)
                .unwrap_or(0);
            let protocol = match text(port, "protocol") {
                "" => "TCP",
                p => p,
            };
            if !host_ip.is_empty() && host_port == 0 {
                // %+v of the internal core.ContainerPort.
                out.push(format!(
                    "{f}: hostIP set without hostPort: {{Name:{} HostPort:{host_port} ContainerPort:{container_port} Protocol:{protocol} HostIP:{host_ip}}}",
                    text(port, "name")
                ));
            }
            let key = format!("{container_port}/{protocol}");
            for other in all.iter().filter(|o| o.key == key) {
                let (a, b) = (host_ip.is_empty(), other.host_ip.is_empty());
                if host_ip == other.host_ip && host_port == other.host_port {
                    out.push(format!(
                        "{f}: duplicate port definition with {}",
                        other.field
                    ));
                } else if host_port == 0 || other.host_port == 0 {
                    out.push(format!(
                        "{f}: overlapping port definition with {}",
                        other.field
                    ));
                } else if host_port == other.host_port && (a || b) && !(a && b) {
                    out.push(format!(
                        "{f}: dangerously ambiguous port definition with {}",
                        other.field
                    ));
                }
            }
            all.push(Port {
                field: f,
                host_ip,
                host_port,
                key,
            });
        }
    }
    if spec.termination_grace_period_seconds.is_some_and(|s| s < 0) {
        out.push(format!(
            "{at}.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1"
        ));
    }
    // warningsForPodAffinityTerms, warningsForWeightedPodAffinityTerms.
    let other = spec.affinity.as_ref().map(|a| &a.other);
    for kind in ["podAffinity", "podAntiAffinity"] {
        let Some(a) = other.and_then(|o| o.get(kind)).filter(|a| !a.is_null()) else {
            continue;
        };
        let p = format!("{at}.spec.affinity.{kind}");
        let required = a.get("requiredDuringSchedulingIgnoredDuringExecution");
        for (i, term) in list(required).iter().enumerate() {
            if !set(term, "labelSelector") {
                out.push(format!(
                    "{p}.requiredDuringSchedulingIgnoredDuringExecution[{i}].labelSelector: {NULL_SELECTOR}"
                ));
            }
        }
        let preferred = a.get("preferredDuringSchedulingIgnoredDuringExecution");
        for (i, term) in list(preferred).iter().enumerate() {
            if !term
                .get("podAffinityTerm")
                .is_some_and(|t| set(t, "labelSelector"))
            {
                out.push(format!(
                    "{p}.preferredDuringSchedulingIgnoredDuringExecution[{i}].podAffinityTerm.labelSelector: {NULL_SELECTOR}"
                ));
            }
        }
    }
    out
}
