//! Validation of defaulted objects with the API server's rules and wording.
//!
//! Each rule group names the Kubernetes source it follows. Field paths are the API server's; the
//! position of each error is looked up in the document's `Positions` (the offending value, the
//! offending map key, or the nearest enclosing mapping when the field is absent).

use std::collections::BTreeMap;

use serde_json::Value as Json;

use crate::api::*;

use super::field::*;
use super::hints;
use super::{ManifestError, Positions};

const MAX_INT32: i64 = i32::MAX as i64;

/// Validates a freshly parsed (and defaulted) object, as on create.
pub(crate) fn validate(obj: &Object, pos: &Positions) -> Vec<ManifestError> {
    let mut e = Errs::new(pos);
    match obj {
        Object::Job(job) => validate_job(&mut e, job),
        Object::CronJob(cj) => validate_cron_job(&mut e, cj, None),
        Object::DaemonSet(ds) => validate_daemon_set(&mut e, ds),
        Object::Node(node) => validate_node(&mut e, node),
        Object::Pod(_) | Object::ControllerRevision(_) | Object::Event(_) => {}
    }
    e.out
}

fn key_of(prefix: &str, k: &str) -> String {
    format!("{prefix}[{k}]")
}

// --- staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go (ValidateObjectMeta),
// --- staging/src/k8s.io/apimachinery/pkg/api/validation/generic.go (NameIsDNSSubdomain,
// --- ValidateNonnegativeField) and .../apis/meta/v1/validation/validation.go (ValidateLabels).

/// `NameIsDNSSubdomain(name, prefix)`: a generateName prefix may end in '-'.
fn name_is_dns_subdomain(name: &str, prefix: bool) -> Vec<String> {
    if prefix && name.ends_with('-') {
        let mut masked = name[..name.len() - 1].to_string();
        masked.push('a');
        return is_dns1123_subdomain(&masked);
    }
    is_dns1123_subdomain(name)
}

fn validate_object_meta(e: &mut Errs, m: &ObjectMeta, requires_namespace: bool) {
    validate_object_meta_labels_at(e, m, requires_namespace, "metadata.labels")
}

/// `labels_at`: where the labels were written (a Job's may come from its pod template).
fn validate_object_meta_labels_at(
    e: &mut Errs,
    m: &ObjectMeta,
    requires_namespace: bool,
    labels_at: &str,
) {
    if !m.generate_name.is_empty() {
        for msg in name_is_dns_subdomain(&m.generate_name, true) {
            e.invalid(
                "metadata.generateName",
                At::Val("metadata.generateName"),
                s(&m.generate_name),
                &msg,
            );
        }
    }
    if m.name.is_empty() {
        if m.generate_name.is_empty() {
            e.required(
                "metadata.name",
                At::Val("metadata.name"),
                "name or generateName is required",
            );
        }
    } else {
        for msg in name_is_dns_subdomain(&m.name, false) {
            e.invalid("metadata.name", At::Val("metadata.name"), s(&m.name), &msg);
        }
    }
    if requires_namespace {
        if m.namespace.is_empty() {
            e.required("metadata.namespace", At::Val("metadata.namespace"), "");
        } else {
            for msg in is_dns1123_label(&m.namespace) {
                e.invalid(
                    "metadata.namespace",
                    At::Val("metadata.namespace"),
                    s(&m.namespace),
                    &msg,
                );
            }
        }
    }
    validate_labels(e, &m.labels, "metadata.labels", labels_at, &[]);
    validate_annotations(
        e,
        &m.annotations,
        "metadata.annotations",
        "metadata.annotations",
    );
    for (i, r) in m.owner_references.iter().enumerate() {
        let p = "metadata.ownerReferences";
        let at = format!("{p}[{i}]");
        let version = r.api_version.rsplit('/').next().unwrap_or("");
        if version.is_empty() {
            let f = format!("{p}.apiVersion");
            e.invalid(
                &f,
                At::Val(&format!("{at}.apiVersion")),
                s(&r.api_version),
                "version must not be empty",
            );
        }
        if r.kind.is_empty() {
            let f = format!("{p}.kind");
            e.invalid(
                &f,
                At::Val(&format!("{at}.kind")),
                s(&r.kind),
                "kind must not be empty",
            );
        }
        if r.name.is_empty() {
            let f = format!("{p}.name");
            e.invalid(
                &f,
                At::Val(&format!("{at}.name")),
                s(&r.name),
                "name must not be empty",
            );
        }
        if r.uid.is_empty() {
            let f = format!("{p}.uid");
            e.invalid(
                &f,
                At::Val(&format!("{at}.uid")),
                s(&r.uid),
                "uid must not be empty",
            );
        }
    }
    for (i, f) in m.finalizers.iter().enumerate() {
        for msg in is_qualified_name(f) {
            e.invalid(
                "metadata.finalizers",
                At::Val(&format!("metadata.finalizers[{i}]")),
                s(f),
                &msg,
            );
        }
    }
}

/// `ValidateLabels`: keys are qualified names, values label values, reported at the map's path.
/// `extra` are labels the API server adds itself (Job `job-name`): (key, value, where it comes from).
fn validate_labels(
    e: &mut Errs,
    labels: &BTreeMap<String, String>,
    field: &str,
    at_prefix: &str,
    extra: &[(&str, &str, &str)],
) {
    for (k, v) in labels {
        let at = key_of(at_prefix, k);
        for msg in is_qualified_name(k) {
            e.invalid(field, At::Key(&at), s(k), &msg);
        }
        for msg in is_valid_label_value(v) {
            e.invalid(field, At::Val(&at), s(v), &msg);
        }
    }
    for (k, v, at) in extra {
        if labels.contains_key(*k) {
            continue;
        }
        for msg in is_valid_label_value(v) {
            e.invalid(field, At::Val(at), s(v), &msg);
        }
    }
}

/// `ValidateLabels` of a Node update's metadata.labels, as the API server words it.
pub(crate) fn metadata_labels_errors(labels: &BTreeMap<String, String>) -> Vec<String> {
    let pos = Positions::default();
    let mut e = Errs::new(&pos);
    validate_labels(&mut e, labels, "metadata.labels", "metadata.labels", &[]);
    e.out.into_iter().map(|m| m.message).collect()
}

/// `ValidateAnnotations`: keys are qualified names (case-insensitively), 256 KiB in all.
/// Go lowercases with Unicode `strings.ToLower`; ASCII is enough, since a key with any
/// non-ASCII letter fails `is_qualified_name` either way (and keeps Unicode case tables,
/// ~10 KB gzip, out of the wasm).
fn validate_annotations(
    e: &mut Errs,
    ann: &BTreeMap<String, String>,
    field: &str,
    at_prefix: &str,
) {
    let mut total = 0usize;
    for (k, v) in ann {
        total += k.len() + v.len();
        for msg in is_qualified_name(&k.to_ascii_lowercase()) {
            e.invalid(field, At::Key(&key_of(at_prefix, k)), s(k), &msg);
        }
    }
    if total > 256 * 1024 {
        e.too_long(field, At::Val(at_prefix), 256 * 1024);
    }
}

/// `ValidateNonnegativeField`.
fn nonneg(e: &mut Errs, v: i64, field: &str) {
    if v < 0 {
        e.invalid(
            field,
            At::Val(field),
            GoVal::Int(v),
            "must be greater than or equal to 0",
        );
    }
}

// --- staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go
// --- (ValidateLabelSelector, ValidateLabelSelectorRequirement, ValidateLabelName)

fn validate_label_name(e: &mut Errs, name: &str, field: &str, at: At) {
    for msg in is_qualified_name(name) {
        e.invalid(field, at, s(name), &msg);
    }
}

fn validate_label_selector(e: &mut Errs, sel: &LabelSelector, field: &str) {
    let ml = format!("{field}.matchLabels");
    validate_labels(e, &sel.match_labels, &ml, &ml, &[]);
    for (i, r) in sel.match_expressions.iter().enumerate() {
        let p = format!("{field}.matchExpressions[{i}]");
        validate_requirement(e, &r.key, &r.operator, &r.values, &p, false, true);
    }
}

/// ValidateLabelSelectorRequirement and ValidateNodeSelectorRequirement (the same words): the
/// operator and its values, the key, then each value as a label value. A node selector also
/// takes Gt/Lt with one value; its required terms check the values, its preferred ones not.
fn validate_requirement(
    e: &mut Errs,
    key: &str,
    operator: &str,
    values: &[String],
    p: &str,
    gt_lt: bool,
    check_values: bool,
) {
    let vf = format!("{p}.values");
    match operator {
        "In" | "NotIn" if values.is_empty() => e.required(
            &vf,
            At::Val(&vf),
            "must be specified when `operator` is 'In' or 'NotIn'",
        ),
        "In" | "NotIn" => {}
        "Exists" | "DoesNotExist" if !values.is_empty() => e.forbidden(
            &vf,
            At::Val(&vf),
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        ),
        "Exists" | "DoesNotExist" => {}
        "Gt" | "Lt" if gt_lt && values.len() != 1 => e.required(
            &vf,
            At::Val(&vf),
            "must be specified single value when `operator` is 'Lt' or 'Gt'",
        ),
        "Gt" | "Lt" if gt_lt => {}
        _ => {
            let f = format!("{p}.operator");
            e.invalid(
                &f,
                At::Val(&f),
                s(operator),
                "not a valid selector operator",
            );
        }
    }
    let f = format!("{p}.key");
    validate_label_name(e, key, &f, At::Val(&f));
    if check_values {
        for (j, v) in values.iter().enumerate() {
            let f = format!("{vf}[{j}]");
            for msg in is_valid_label_value(v) {
                e.invalid(&f, At::Val(&f), s(v), &msg);
            }
        }
    }
}

/// `metav1.LabelSelectorAsSelector` succeeds (a broken selector is not matched against labels).
fn selector_is_usable(sel: &LabelSelector) -> bool {
    // metav1.LabelSelectorAsSelector builds a labels.Requirement from each entry, which checks
    // the key and the values too: a bad one fails the conversion and the match check is skipped.
    let key_ok = |k: &str| is_qualified_name(k).is_empty();
    let value_ok = |v: &str| is_valid_label_value(v).is_empty();
    sel.match_labels
        .iter()
        .all(|(k, v)| key_ok(k) && value_ok(v))
        && sel.match_expressions.iter().all(|r| {
            key_ok(&r.key)
                && r.values.iter().all(|v| value_ok(v))
                && match r.operator.as_str() {
                    "In" | "NotIn" => !r.values.is_empty(),
                    "Exists" | "DoesNotExist" => r.values.is_empty(),
                    _ => false,
                }
        })
}

// --- pkg/apis/core/validation/validation.go (ValidatePodTemplateSpec, ValidatePodSpec,
// --- validateContainers, validateContainerCommon, validateRestartPolicy, ValidateTolerations,
// --- validateTaintEffect, ValidateNodeSelector, ValidateEnv, validateContainerPorts)

fn validate_pod_template(
    e: &mut Errs,
    t: &PodTemplateSpec,
    field: &str,
    generated_labels: &[(&str, &str, &str)],
) {
    let at_labels = format!("{field}.metadata.labels");
    validate_labels(
        e,
        &t.metadata.labels,
        &format!("{field}.labels"),
        &at_labels,
        generated_labels,
    );
    validate_annotations(
        e,
        &t.metadata.annotations,
        &format!("{field}.annotations"),
        &format!("{field}.metadata.annotations"),
    );
    validate_pod_specific_annotations(e, t, field);
    validate_pod_spec(e, &t.spec, &format!("{field}.spec"));
    validate_seccomp_annotations_and_fields(e, t, &format!("{field}.spec"));
    // ValidatePodTemplateSpec: a template has no ephemeral containers.
    if t.spec.other.contains_key("ephemeralContainers") {
        let f = format!("{field}.spec.ephemeralContainers");
        e.forbidden(
            &f,
            At::Key(&f),
            "ephemeral containers not allowed in pod template",
        );
    }
    validate_hints(e, t, field);
}

/// ValidatePodSpecificAnnotations (pkg/apis/core/validation/validation.go), the mirror-pod and
/// pod-deletion-cost rules (a template's options never allow an invalid cost on create).
fn validate_pod_specific_annotations(e: &mut Errs, t: &PodTemplateSpec, field: &str) {
    let a = &t.metadata.annotations;
    let f = |k: &str| format!("{field}.annotations[{k}]");
    let at = |k: &str| format!("{field}.metadata.annotations[{k}]");
    const MIRROR: &str = "kubernetes.io/config.mirror";
    if let Some(v) = a.get(MIRROR) {
        if t.spec.node_name.is_empty() {
            e.invalid(
                &f(MIRROR),
                At::Val(&at(MIRROR)),
                s(v),
                "must set spec.nodeName if mirror pod annotation is set",
            );
        }
    }
    const COST: &str = "controller.kubernetes.io/pod-deletion-cost";
    if let Some(v) = a.get(COST) {
        if !valid_deletion_cost(v) {
            e.invalid(
                &f(COST),
                At::Val(&at(COST)),
                s(v),
                "must be a 32bit integer",
            );
        }
    }
    // ValidateSeccompPodAnnotations → ValidateSeccompProfile: the path is fldPath.Child(key).
    const SECCOMP_POD: &str = "seccomp.security.alpha.kubernetes.io/pod";
    let seccomp = |e: &mut Errs, k: &str, v: &str| {
        let f = format!("{field}.annotations.{k}");
        match v.strip_prefix("localhost/") {
            _ if matches!(v, "runtime/default" | "docker/default" | "unconfined") => {}
            Some(rest) => {
                if rest.starts_with('/') {
                    e.invalid(&f, At::Val(&at(k)), s(rest), "must be a relative path");
                }
                if rest.split('/').any(|part| part == "..") {
                    e.invalid(&f, At::Val(&at(k)), s(rest), "must not contain '..'");
                }
            }
            None => e.invalid(&f, At::Val(&at(k)), s(v), "must be a valid seccomp profile"),
        }
    };
    if let Some(v) = a.get(SECCOMP_POD) {
        seccomp(e, SECCOMP_POD, v);
    }
    for (k, v) in a {
        if k.starts_with("container.seccomp.security.alpha.kubernetes.io/") {
            seccomp(e, k, v);
        }
    }
    // ValidateAppArmorPodAnnotations, ValidateAppArmorProfileFormat.
    for (k, v) in a {
        let Some(container) = k.strip_prefix("container.apparmor.security.beta.kubernetes.io/")
        else {
            continue;
        };
        let spec = &t.spec;
        if !spec
            .init_containers
            .iter()
            .chain(&spec.containers)
            .any(|c| c.name == container)
        {
            e.invalid(&f(k), At::Val(&at(k)), s(container), "container not found");
        }
        if !(v.is_empty()
            || v == "runtime/default"
            || v == "unconfined"
            || v.starts_with("localhost/"))
        {
            let msg = format!("invalid AppArmor profile name: {}", go_quote(v));
            e.invalid(&f(k), At::Val(&at(k)), s(v), &msg);
        }
    }
}

/// validateSeccompAnnotationsAndFields: a seccomp annotation beside its seccompProfile field
/// must say the same (validateSeccompAnnotationsAndFieldsMatch), the pod's, then each
/// container's (init containers first).
fn validate_seccomp_annotations_and_fields(e: &mut Errs, t: &PodTemplateSpec, spec_path: &str) {
    let a = &t.metadata.annotations;
    let check = |e: &mut Errs, annotation: &str, profile: &Json, p: &str| {
        let ty = profile.get("type").and_then(Json::as_str).unwrap_or("");
        let mismatch = match ty {
            "Unconfined" => annotation != "unconfined",
            "RuntimeDefault" => !matches!(annotation, "runtime/default" | "docker/default"),
            "Localhost" => match annotation.strip_prefix("localhost/") {
                None => true,
                Some(rest) => {
                    if profile.get("localhostProfile").and_then(Json::as_str) != Some(rest) {
                        let f = format!("{p}.localhostProfile");
                        e.forbidden(
                            &f,
                            At::Val(&f),
                            "seccomp profile in annotation and field must match",
                        );
                    }
                    false
                }
            },
            _ => false,
        };
        if mismatch {
            let f = format!("{p}.type");
            e.forbidden(
                &f,
                At::Val(&f),
                "seccomp type in annotation and field must match",
            );
        }
    };
    let pod_profile = t
        .spec
        .other
        .get("securityContext")
        .and_then(|sc| sc.get("seccompProfile"))
        .filter(|v| !v.is_null());
    if let (Some(profile), Some(annotation)) = (
        pod_profile,
        a.get("seccomp.security.alpha.kubernetes.io/pod"),
    ) {
        let p = format!("{spec_path}.securityContext.seccompProfile");
        check(e, annotation, profile, &p);
    }
    let containers = t
        .spec
        .init_containers
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("{spec_path}.initContainers[{i}]"), c))
        .chain(
            t.spec
                .containers
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("{spec_path}.containers[{i}]"), c)),
        );
    for (cp, c) in containers {
        let Some(profile) = c
            .other
            .get("securityContext")
            .and_then(|sc| sc.get("seccompProfile"))
            .filter(|v| !v.is_null())
        else {
            continue;
        };
        let key = format!("container.seccomp.security.alpha.kubernetes.io/{}", c.name);
        if let Some(annotation) = a.get(&key) {
            check(
                e,
                annotation,
                profile,
                &format!("{cp}.securityContext.seccompProfile"),
            );
        }
    }
}

/// GetDeletionCostFromPodAnnotations (pkg/apis/core/helper): validFirstDigit (no `+`, no
/// leading zero), then strconv.ParseInt(v, 10, 32).
fn valid_deletion_cost(v: &str) -> bool {
    let first_ok = match v.as_bytes().first() {
        Some(b'-') => true,
        Some(b'0') => v == "0",
        Some(b) => b.is_ascii_digit(),
        None => false,
    };
    let digits = v.strip_prefix('-').unwrap_or(v);
    first_ok
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && v.parse::<i32>().is_ok()
}

/// CtrlScope's own rule: simulation hint annotations must parse (see `hints::pod_behaviour`).
fn validate_hints(e: &mut Errs, t: &PodTemplateSpec, field: &str) {
    if let Err(errs) = hints::pod_behaviour(&t.metadata.annotations, &t.spec) {
        for h in errs {
            let f = format!("{field}.metadata.annotations[{}]", h.key);
            e.invalid(&f, At::Val(&f), s(&h.value), &h.message);
        }
    }
}

fn json_i64(j: &Json) -> Option<i64> {
    j.as_i64()
}

/// ValidateVolumeMounts (pkg/apis/core/validation/validation.go): each mount names a volume of
/// the pod and a mount path, unique in the container; a subPath is relative and has no `..`
/// (reported at `volumeMounts.subPath`, without the index, as Kubernetes does).
fn validate_volume_mounts(e: &mut Errs, c: &crate::api::Container, volumes: &[&str], p: &str) {
    let Some(Json::Array(mounts)) = c.other.get("volumeMounts") else {
        return;
    };
    let mut paths: Vec<&str> = Vec::new();
    for (i, m) in mounts.iter().enumerate() {
        let at = format!("{p}.volumeMounts[{i}]");
        let name = m.get("name").and_then(Json::as_str).unwrap_or_default();
        let f = format!("{at}.name");
        let here = if m.get("name").is_some() {
            f.as_str()
        } else {
            at.as_str()
        };
        if name.is_empty() {
            e.required(&f, At::Val(here), "");
        }
        if !volumes.contains(&name) {
            e.not_found(&f, At::Val(here), s(name));
        }
        let mount_path = m
            .get("mountPath")
            .and_then(Json::as_str)
            .unwrap_or_default();
        let f = format!("{at}.mountPath");
        let here = if m.get("mountPath").is_some() {
            f.as_str()
        } else {
            at.as_str()
        };
        if mount_path.is_empty() {
            e.required(&f, At::Val(here), "");
        }
        if paths.contains(&mount_path) {
            e.invalid(&f, At::Val(here), s(mount_path), "must be unique");
        }
        paths.push(mount_path);
        if let Some(sub) = m
            .get("subPath")
            .and_then(Json::as_str)
            .filter(|v| !v.is_empty())
        {
            let f = format!("{p}.volumeMounts.subPath");
            let here = format!("{at}.subPath");
            if sub.starts_with('/') {
                e.invalid(&f, At::Val(&here), s(sub), "must be a relative path");
            }
            if sub.split('/').any(|part| part == "..") {
                e.invalid(&f, At::Val(&here), s(sub), "must not contain '..'");
            }
        }
        // validateMountPropagation, reported at `volumeMounts.mountPropagation` (no index),
        // then validateMountRecursiveReadOnly at `volumeMounts.recursiveReadOnly`.
        let propagation = m.get("mountPropagation").and_then(Json::as_str);
        if let Some(mp) = propagation {
            let f = format!("{p}.volumeMounts.mountPropagation");
            let here = format!("{at}.mountPropagation");
            const MODES: [&str; 3] = ["Bidirectional", "HostToContainer", "None"];
            if !MODES.contains(&mp) {
                e.not_supported(&f, At::Val(&here), s(mp), &MODES);
            }
            let privileged = c
                .other
                .get("securityContext")
                .and_then(|sc| sc.get("privileged"))
                .and_then(Json::as_bool)
                == Some(true);
            if mp == "Bidirectional" && !privileged {
                e.forbidden(
                    &f,
                    At::Val(&here),
                    "Bidirectional mount propagation is available only to privileged containers",
                );
            }
        }
        if let Some(rro) = m.get("recursiveReadOnly").and_then(Json::as_str) {
            let f = format!("{p}.volumeMounts.recursiveReadOnly");
            let here = format!("{at}.recursiveReadOnly");
            match rro {
                "Disabled" => {}
                "Enabled" | "IfPossible" => {
                    if m.get("readOnly").and_then(Json::as_bool) != Some(true) {
                        e.forbidden(
                            &f,
                            At::Val(&here),
                            "may only be specified when readOnly is true",
                        );
                    }
                    if propagation.is_some_and(|mp| mp != "None") {
                        e.forbidden(
                            &f,
                            At::Val(&here),
                            "may only be specified when mountPropagation is None or not specified",
                        );
                    }
                }
                _ => e.not_supported(
                    &f,
                    At::Val(&here),
                    s(rro),
                    &["Disabled", "Enabled", "IfPossible"],
                ),
            }
        }
    }
}

/// The volume sources of VolumeSource, in validateVolumeSource's order (the first one set
/// counts; each later one is "may not specify more than 1 volume type").
const VOLUME_TYPES: [&str; 30] = [
    "emptyDir",
    "hostPath",
    "gitRepo",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "secret",
    "nfs",
    "iscsi",
    "glusterfs",
    "flocker",
    "persistentVolumeClaim",
    "rbd",
    "cinder",
    "cephfs",
    "quobyte",
    "downwardAPI",
    "fc",
    "flexVolume",
    "configMap",
    "azureFile",
    "vsphereVolume",
    "photonPersistentDisk",
    "portworxVolume",
    "azureDisk",
    "storageos",
    "projected",
    "scaleIO",
    "csi",
    "ephemeral",
    "image",
];

/// ValidateVolumes (pkg/apis/core/validation/validation.go): each volume's source, then its
/// name. Only a volume without errors is registered: it alone can be mounted, and a later
/// volume is a Duplicate only of a registered name. Returns the registered names.
fn validate_volumes<'s>(e: &mut Errs, spec: &'s PodSpec, field: &str) -> Vec<&'s str> {
    let mut names: Vec<&str> = Vec::new();
    let Some(Json::Array(vols)) = spec.other.get("volumes") else {
        return names;
    };
    for (i, v) in vols.iter().enumerate() {
        let p = format!("{field}.volumes[{i}]");
        let before = e.out.len();
        validate_volume_source(e, v, &p);
        let f = format!("{p}.name");
        let name = v.get("name").and_then(Json::as_str).unwrap_or("");
        if name.is_empty() {
            e.required(&f, At::Val(&f), "");
        } else {
            for msg in is_dns1123_label(name) {
                e.invalid(&f, At::Val(&f), s(name), &msg);
            }
        }
        if names.contains(&name) {
            e.duplicate(&f, At::Val(&f), s(name));
        }
        if e.out.len() == before {
            names.push(name);
        }
    }
    names
}

/// validateVolumeSource: exactly one source, and the checks of the common ones
/// (validateHostPathVolumeSource, validateSecretVolumeSource, validateConfigMapVolumeSource,
/// validatePersistentClaimVolumeSource).
fn validate_volume_source(e: &mut Errs, v: &Json, p: &str) {
    let mut count = 0;
    for t in VOLUME_TYPES {
        let Some(src) = v.get(t).filter(|s| !s.is_null()) else {
            continue;
        };
        let tp = format!("{p}.{t}");
        if count > 0 {
            e.forbidden(&tp, At::Key(&tp), "may not specify more than 1 volume type");
            continue;
        }
        count += 1;
        let text = |k: &str| src.get(k).and_then(Json::as_str).unwrap_or("");
        let required = |e: &mut Errs, k: &str| {
            if text(k).is_empty() {
                let f = format!("{tp}.{k}");
                e.required(&f, At::Val(&f), "");
            }
        };
        match t {
            // validateVolumeSource: a negative sizeLimit (Quantity.Cmp(Quantity{}) < 0).
            "emptyDir" => {
                let limit = match src.get("sizeLimit") {
                    Some(Json::String(q)) => crate::api::quantity_f64(q),
                    Some(Json::Number(n)) => n.as_f64(),
                    _ => None,
                };
                if limit.is_some_and(|l| l < 0.0) {
                    let f = format!("{tp}.sizeLimit");
                    e.forbidden(
                        &f,
                        At::Val(&f),
                        "SizeLimit field must be a valid resource quantity",
                    );
                }
            }
            "hostPath" => {
                let f = format!("{tp}.path");
                let path = text("path");
                if path.is_empty() {
                    e.required(&f, At::Val(&f), "");
                    continue;
                }
                // validatePathNoBacksteps: filepath.ToSlash leaves a backslash alone on the
                // API server's Linux, so only `/` separates.
                if path.split('/').any(|part| part == "..") {
                    e.invalid(&f, At::Val(&f), s(path), "must not contain '..'");
                }
                let kind = text("type");
                const TYPES: [&str; 8] = [
                    "",
                    "BlockDevice",
                    "CharDevice",
                    "Directory",
                    "DirectoryOrCreate",
                    "File",
                    "FileOrCreate",
                    "Socket",
                ];
                if !TYPES.contains(&kind) {
                    let f = format!("{tp}.type");
                    e.not_supported(&f, At::Val(&f), s(kind), &TYPES);
                }
            }
            "secret" | "configMap" => {
                required(e, if t == "secret" { "secretName" } else { "name" });
                let mode = src.get("defaultMode").and_then(Json::as_i64);
                if let Some(m) = mode.filter(|m| !(0..=0o777).contains(m)) {
                    let f = format!("{tp}.defaultMode");
                    e.invalid(&f, At::Val(&f), GoVal::Int(m), FILE_MODE_ERROR);
                }
                for (i, kp) in json_list(src.get("items")).iter().enumerate() {
                    validate_key_to_path(e, kp, &format!("{tp}.items[{i}]"));
                }
            }
            "persistentVolumeClaim" => required(e, "claimName"),
            // validateNFSVolumeSource.
            "nfs" => {
                required(e, "server");
                required(e, "path");
                let path = text("path");
                if !path.starts_with('/') {
                    let f = format!("{tp}.path");
                    e.invalid(&f, At::Val(&f), s(path), "must be an absolute path");
                }
            }
            // validateDownwardAPIVolumeSource, validateDownwardAPIVolumeFile: each file's
            // errors are at `downwardAPI.path`, `downwardAPI.mode` (no index), as upstream
            // passes the source's path down.
            "downwardAPI" => {
                let mode = src.get("defaultMode").and_then(Json::as_i64);
                if let Some(m) = mode.filter(|m| !(0..=0o777).contains(m)) {
                    let f = format!("{tp}.defaultMode");
                    e.invalid(&f, At::Val(&f), GoVal::Int(m), FILE_MODE_ERROR);
                }
                for (i, file) in json_list(src.get("items")).iter().enumerate() {
                    validate_downward_api_file(e, file, &tp, &format!("{tp}.items[{i}]"));
                }
            }
            "projected" => {
                let mode = src.get("defaultMode").and_then(Json::as_i64);
                if let Some(m) = mode.filter(|m| !(0..=0o777).contains(m)) {
                    let f = format!("{tp}.defaultMode");
                    e.invalid(&f, At::Val(&f), GoVal::Int(m), FILE_MODE_ERROR);
                }
                validate_projection_sources(e, src, &tp);
            }
            // validateCSIVolumeSource → ValidateCSIDriverName (apivalidation).
            "csi" => {
                let driver = text("driver");
                let f = format!("{tp}.driver");
                let here = f.as_str();
                if driver.is_empty() {
                    e.required(&f, At::Val(here), "");
                }
                if driver.len() > 63 {
                    e.too_long(&f, At::Val(here), 63);
                }
                for msg in is_dns1123_subdomain(&driver.to_ascii_lowercase()) {
                    e.invalid(&f, At::Val(here), s(driver), &msg);
                }
            }
            // validateEphemeralVolumeSource (the claim template itself is not checked here).
            "ephemeral" if !json_set(src, "volumeClaimTemplate") => {
                let f = format!("{tp}.volumeClaimTemplate");
                e.required(&f, At::Val(&f), "");
            }
            _ => {}
        }
    }
    if count == 0 {
        e.required(p, At::Val(p), "must specify a volume type");
    }
}

/// fileModeErrorMsg (pkg/apis/core/validation/validation.go).
const FILE_MODE_ERROR: &str = "must be a number between 0 and 0777 (octal), both inclusive";

/// validateKeyToPath (pkg/apis/core/validation/validation.go): a configMap or secret volume's
/// item names a key and a relative path without `..`, and a file mode in range.
fn validate_key_to_path(e: &mut Errs, kp: &Json, p: &str) {
    if jstr(kp, "key").is_empty() {
        let f = format!("{p}.key");
        e.required(&f, At::Val(&f), "");
    }
    let path = jstr(kp, "path");
    let f = format!("{p}.path");
    if path.is_empty() {
        e.required(&f, At::Val(&f), "");
    }
    validate_local_non_reserved_path(e, path, &f, &f);
    if let Some(m) = kp
        .get("mode")
        .and_then(Json::as_i64)
        .filter(|m| !(0..=0o777).contains(m))
    {
        let f = format!("{p}.mode");
        e.invalid(&f, At::Val(&f), GoVal::Int(m), FILE_MODE_ERROR);
    }
}

/// validateDownwardAPIVolumeFile: `fp` is the path its errors name (the source's, without the
/// item's index, as upstream passes it down), `ip` the item's place.
fn validate_downward_api_file(e: &mut Errs, file: &Json, fp: &str, ip: &str) {
    let path = jstr(file, "path");
    let f = format!("{fp}.path");
    let here = format!("{ip}.path");
    if path.is_empty() {
        e.required(&f, At::Val(&here), "");
    }
    validate_local_non_reserved_path(e, path, &f, &here);
    let field_ref = json_set(file, "fieldRef");
    let resource_ref = json_set(file, "resourceFieldRef");
    if let Some(r) = file.get("fieldRef").filter(|v| !v.is_null()) {
        let rf = format!("{fp}.fieldRef");
        let here = format!("{ip}.fieldRef");
        validate_object_field_selector(e, r, &rf, &here, &VOLUME_FIELD_PATHS);
    }
    if field_ref && resource_ref {
        e.invalid(
            fp,
            At::Val(ip),
            s("resource"),
            "fieldRef and resourceFieldRef can not be specified simultaneously",
        );
    } else if let Some(r) = file.get("resourceFieldRef").filter(|_| resource_ref) {
        let rf = format!("{fp}.resourceFieldRef");
        let here = format!("{ip}.resourceFieldRef");
        validate_resource_field_selector(e, r, &rf, &here, true);
    } else if !field_ref && !resource_ref {
        e.required(
            fp,
            At::Val(ip),
            "one of fieldRef and resourceFieldRef is required",
        );
    }
    if let Some(m) = file
        .get("mode")
        .and_then(Json::as_i64)
        .filter(|m| !(0..=0o777).contains(m))
    {
        let f = format!("{fp}.mode");
        let here = format!("{ip}.mode");
        e.invalid(&f, At::Val(&here), GoVal::Int(m), FILE_MODE_ERROR);
    }
}

/// validVolumeDownwardAPIFieldPathExpressions, in sets.List() order.
const VOLUME_FIELD_PATHS: [&str; 5] = [
    "metadata.annotations",
    "metadata.labels",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
];

/// A projected file's path, taken for its source (validateProjectionSources): a path two sources
/// give is `conflicting duplicate paths`, its value the later source's name (or, for a
/// downwardAPI file, its path), as upstream words it.
fn claim_path<'a>(
    e: &mut Errs,
    all: &mut Vec<&'a str>,
    path: &'a str,
    tp: &str,
    ip: &str,
    value: &str,
) {
    if path.is_empty() {
        return;
    }
    if all.contains(&path) {
        let here = format!("{ip}.path");
        e.invalid(tp, At::Val(&here), s(value), "conflicting duplicate paths");
    } else {
        all.push(path);
    }
}

/// validateProjectionSources: each source is one of secret, configMap, downwardAPI,
/// serviceAccountToken, clusterTrustBundle (that one's own rules are not checked); item paths
/// are unique across the sources.
fn validate_projection_sources(e: &mut Errs, src: &Json, tp: &str) {
    let mut all_paths: Vec<&str> = Vec::new();
    for (i, source) in json_list(src.get("sources")).iter().enumerate() {
        let sp = format!("{tp}.sources[{i}]");
        let mut num = 0;
        for kind in ["secret", "configMap"] {
            let Some(obj) = source.get(kind).filter(|v| !v.is_null()) else {
                continue;
            };
            num += 1;
            let pp = format!("{sp}.{kind}");
            let name = jstr(obj, "name");
            if name.is_empty() {
                let f = format!("{pp}.name");
                e.required(&f, At::Val(&f), "");
            }
            for (j, kp) in json_list(obj.get("items")).iter().enumerate() {
                let ip = format!("{pp}.items[{j}]");
                validate_key_to_path(e, kp, &ip);
                claim_path(e, &mut all_paths, jstr(kp, "path"), tp, &ip, name);
            }
        }
        if let Some(obj) = source.get("downwardAPI").filter(|v| !v.is_null()) {
            num += 1;
            let pp = format!("{sp}.downwardAPI");
            for (j, file) in json_list(obj.get("items")).iter().enumerate() {
                let ip = format!("{pp}.items[{j}]");
                validate_downward_api_file(e, file, &pp, &ip);
                let path = jstr(file, "path");
                claim_path(e, &mut all_paths, path, tp, &ip, path);
            }
        }
        if let Some(obj) = source.get("serviceAccountToken").filter(|v| !v.is_null()) {
            num += 1;
            let pp = format!("{sp}.serviceAccountToken");
            // Defaulted to 3600 (SetDefaults_ServiceAccountTokenProjection).
            let exp = obj
                .get("expirationSeconds")
                .and_then(Json::as_i64)
                .unwrap_or(3600);
            let f = format!("{pp}.expirationSeconds");
            if exp < 600 {
                e.invalid(
                    &f,
                    At::Val(&f),
                    GoVal::Int(exp),
                    "may not specify a duration less than 10 minutes",
                );
            }
            if exp > 1 << 32 {
                e.invalid(
                    &f,
                    At::Val(&f),
                    GoVal::Int(exp),
                    "may not specify a duration larger than 2^32 seconds",
                );
            }
            // Upstream names the projected source's `path` here, not the token's.
            let path = jstr(obj, "path");
            let f = format!("{tp}.path");
            let here = format!("{pp}.path");
            if path.is_empty() {
                e.required(&f, At::Val(&here), "");
            } else {
                validate_local_non_reserved_path(e, path, &f, &here);
            }
        }
        if source
            .get("clusterTrustBundle")
            .is_some_and(|v| !v.is_null())
        {
            num += 1;
        }
        if num > 1 {
            e.forbidden(
                &sp,
                At::Val(&sp),
                "may not specify more than 1 volume type per source",
            );
        }
    }
}

/// ValidateLocalNonReservedPath → validateLocalDescendingPath, validatePathNoBacksteps.
fn validate_local_non_reserved_path(e: &mut Errs, path: &str, f: &str, here: &str) {
    if path.starts_with('/') {
        e.invalid(f, At::Val(here), s(path), "must be a relative path");
    }
    // filepath.ToSlash leaves a backslash alone on Linux.
    if path.split('/').any(|part| part == "..") {
        e.invalid(f, At::Val(here), s(path), "must not contain '..'");
    }
    if path.starts_with("..") && !path.starts_with("../") {
        e.invalid(f, At::Val(here), s(path), "must not start with '..'");
    }
}

fn validate_pod_spec(e: &mut Errs, spec: &PodSpec, field: &str) {
    let volume_names = validate_volumes(e, spec, field);
    // hostUsers defaults to true: the pod shares the host's user namespace.
    let host_users = spec.other.get("hostUsers").and_then(Json::as_bool) != Some(false);
    // The pod's grace period, defaulted to 30 (SetDefaults_PodSpec), bounds a preStop sleep.
    let grace = Some(spec.termination_grace_period_seconds.unwrap_or(30));
    let cpath = format!("{field}.containers");
    if spec.containers.is_empty() {
        e.required(&cpath, At::Val(&cpath), "");
    }
    // validateContainers: the checks common to all containers, then the duplicate name, the
    // probes, and a restartPolicy (only for sidecars); host ports across them all at the end.
    let mut names: Vec<&str> = Vec::new();
    for (i, c) in spec.containers.iter().enumerate() {
        let p = format!("{cpath}[{i}]");
        validate_container(e, c, &p, &volume_names, host_users);
        let f = format!("{p}.name");
        if names.contains(&c.name.as_str()) {
            e.duplicate(&f, At::Val(&f), s(&c.name));
        } else {
            names.push(&c.name);
        }
        validate_lifecycle(e, c, &p, grace);
        validate_probes(e, c, &p, grace);
        if c.other.get("restartPolicy").is_some_and(|v| !v.is_null()) {
            let f = format!("{p}.restartPolicy");
            e.forbidden(&f, At::Key(&f), "may not be set for non-init containers");
        }
    }
    check_host_port_conflicts(e, &spec.containers, &cpath);
    // validateInitContainers: common checks, its restartPolicy, the duplicate name, then a
    // sidecar's (restartPolicy Always) probes, or a regular one's are forbidden.
    for (i, c) in spec.init_containers.iter().enumerate() {
        let p = format!("{field}.initContainers[{i}]");
        validate_container(e, c, &p, &volume_names, host_users);
        let restart = c.other.get("restartPolicy").and_then(Json::as_str);
        if let Some(pol) = restart.filter(|p| *p != "Always") {
            let f = format!("{p}.restartPolicy");
            e.not_supported(&f, At::Val(&f), s(pol), &["Always"]);
        }
        let f = format!("{p}.name");
        if names.contains(&c.name.as_str()) {
            e.duplicate(&f, At::Val(&f), s(&c.name));
        } else if !c.name.is_empty() {
            names.push(&c.name);
        }
        let sidecar = restart == Some("Always");
        if sidecar {
            validate_lifecycle(e, c, &p, grace);
            validate_probes(e, c, &p, grace);
        } else {
            for k in [
                "lifecycle",
                "livenessProbe",
                "readinessProbe",
                "startupProbe",
            ] {
                if c.other.get(k).is_some_and(|v| !v.is_null()) {
                    let f = format!("{p}.{k}");
                    e.forbidden(
                        &f,
                        At::Key(&f),
                        "may not be set for init containers without restartPolicy=Always",
                    );
                }
            }
        }
    }
    validate_pod_host_network_deps(e, spec, field);
    let rp = format!("{field}.restartPolicy");
    match spec.restart_policy.as_str() {
        "Always" | "OnFailure" | "Never" => {}
        "" => e.required(&rp, At::Val(&rp), ""),
        other => e.not_supported(
            &rp,
            At::Val(&rp),
            s(other),
            &["Always", "OnFailure", "Never"],
        ),
    }
    // validateDNSPolicy (an empty one is defaulted to ClusterFirst).
    let dns = spec
        .other
        .get("dnsPolicy")
        .and_then(Json::as_str)
        .unwrap_or("");
    if !matches!(
        dns,
        "" | "ClusterFirstWithHostNet" | "ClusterFirst" | "Default" | "None"
    ) {
        let f = format!("{field}.dnsPolicy");
        e.not_supported(
            &f,
            At::Val(&f),
            s(dns),
            &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
        );
    }
    let ns = format!("{field}.nodeSelector");
    validate_labels(e, &spec.node_selector, &ns, &ns, &[]);
    validate_pod_security_context(e, spec, field);
    if let Some(a) = spec.affinity.as_ref() {
        validate_affinity(e, a, &format!("{field}.affinity"));
    }
    validate_pod_dns_config(e, spec, dns, field);
    // validateReadinessGates: each conditionType is a qualified name.
    for (i, g) in json_list(spec.other.get("readinessGates"))
        .iter()
        .enumerate()
    {
        let f = format!("{field}.readinessGates[{i}].conditionType");
        let t = jstr(g, "conditionType");
        for msg in is_qualified_name(t) {
            e.invalid(&f, At::Val(&f), s(t), &msg);
        }
    }
    // validateSchedulingGates: qualified names, no duplicates (reported at the item's path).
    let mut gates: Vec<&str> = Vec::new();
    for (i, g) in json_list(spec.other.get("schedulingGates"))
        .iter()
        .enumerate()
    {
        let f = format!("{field}.schedulingGates[{i}]");
        let at = format!("{f}.name");
        let name = jstr(g, "name");
        for msg in is_qualified_name(name) {
            e.invalid(&f, At::Val(&at), s(name), &msg);
        }
        if gates.contains(&name) {
            e.duplicate(&f, At::Val(&at), s(name));
        }
        gates.push(name);
    }
    validate_topology_spread_constraints(e, spec, field);
    // validateHostUsers: a pod in its own user namespace shares no other host namespace.
    if spec.other.get("hostUsers").and_then(Json::as_bool) == Some(false) {
        let shared = [
            (spec.host_network, "hostNetwork", "hostNetwork"),
            (json_bool(spec.other.get("hostPID")), "HostPID", "hostPID"),
            (json_bool(spec.other.get("hostIPC")), "HostIPC", "hostIPC"),
        ];
        for (on, name, key) in shared {
            if on {
                let f = format!("{field}.{name}");
                let at = format!("{field}.{key}");
                e.forbidden(&f, At::Key(&at), "when `pod.Spec.HostUsers` is false");
            }
        }
    }
    // ValidateServiceAccountName (NameIsDNSSubdomain).
    if let Some(sa) = spec
        .other
        .get("serviceAccountName")
        .and_then(Json::as_str)
        .filter(|v| !v.is_empty())
    {
        let f = format!("{field}.serviceAccountName");
        for msg in is_dns1123_subdomain(sa) {
            e.invalid(&f, At::Val(&f), s(sa), &msg);
        }
    }
    if !spec.node_name.is_empty() {
        let f = format!("{field}.nodeName");
        for msg in is_dns1123_subdomain(&spec.node_name) {
            e.invalid(&f, At::Val(&f), s(&spec.node_name), &msg);
        }
    }
    if let Some(v) = spec.other.get("activeDeadlineSeconds").and_then(json_i64) {
        if !(1..=MAX_INT32).contains(&v) {
            let f = format!("{field}.activeDeadlineSeconds");
            e.invalid(
                &f,
                At::Val(&f),
                GoVal::Int(v),
                "must be between 1 and 2147483647, inclusive",
            );
        }
    }
    // ValidateDNS1123Label of hostname and subdomain.
    for k in ["hostname", "subdomain"] {
        let v = spec.other.get(k).and_then(Json::as_str).unwrap_or("");
        if !v.is_empty() {
            let f = format!("{field}.{k}");
            for msg in is_dns1123_label(v) {
                e.invalid(&f, At::Val(&f), s(v), &msg);
            }
        }
    }
    validate_tolerations(e, &spec.tolerations, &format!("{field}.tolerations"));
    // ValidateHostAliases: an IP, and DNS subdomains for hostnames.
    for (i, h) in json_list(spec.other.get("hostAliases")).iter().enumerate() {
        let f = format!("{field}.hostAliases[{i}].ip");
        validate_ip(e, jstr(h, "ip"), &f);
        for (j, name) in jstrs(h, "hostnames").iter().enumerate() {
            let f = format!("{field}.hostAliases[{i}].hostnames[{j}]");
            for msg in is_dns1123_subdomain(name) {
                e.invalid(&f, At::Val(&f), s(name), &msg);
            }
        }
    }
    // ValidatePriorityClassName, ValidateRuntimeClassName (NameIsDNSSubdomain).
    for k in ["priorityClassName", "runtimeClassName"] {
        let Some(v) = spec.other.get(k).and_then(Json::as_str) else {
            continue;
        };
        if k == "runtimeClassName" || !v.is_empty() {
            let f = format!("{field}.{k}");
            for msg in is_dns1123_subdomain(v) {
                e.invalid(&f, At::Val(&f), s(v), &msg);
            }
        }
    }
    // ValidatePreemptionPolicy.
    if let Some(p) = spec.other.get("preemptionPolicy").and_then(Json::as_str) {
        let f = format!("{field}.preemptionPolicy");
        match p {
            "PreemptLowerPriority" | "Never" => {}
            "" => e.required(&f, At::Val(&f), ""),
            _ => e.not_supported(&f, At::Val(&f), s(p), &["PreemptLowerPriority", "Never"]),
        }
    }
    validate_os(e, spec, field);
}

fn json_list(v: Option<&Json>) -> &[Json] {
    match v {
        Some(Json::Array(a)) => a,
        _ => &[],
    }
}

fn jstr<'j>(v: &'j Json, k: &str) -> &'j str {
    v.get(k).and_then(Json::as_str).unwrap_or("")
}

fn jstrs(v: &Json, k: &str) -> Vec<String> {
    json_list(v.get(k))
        .iter()
        .map(|x| x.as_str().unwrap_or("").to_string())
        .collect()
}

fn json_bool(v: Option<&Json>) -> bool {
    v.and_then(Json::as_bool).unwrap_or(false)
}

/// Set and not null (a Go pointer or slice that is not nil).
fn json_set(v: &Json, k: &str) -> bool {
    v.get(k).is_some_and(|x| !x.is_null())
}

/// A `metav1.LabelSelector` read from an untyped field; None for a nil one.
fn label_selector_of(v: &Json) -> Option<LabelSelector> {
    let labels = v.get("matchLabels").and_then(Json::as_object);
    v.is_object().then(|| LabelSelector {
        match_labels: crate::sort::to_map(
            labels
                .into_iter()
                .flatten()
                .map(|(k, x)| (k.clone(), x.as_str().unwrap_or("").to_string())),
        ),
        match_expressions: json_list(v.get("matchExpressions"))
            .iter()
            .map(|r| LabelSelectorRequirement {
                key: jstr(r, "key").to_string(),
                operator: jstr(r, "operator").to_string(),
                values: jstrs(r, "values"),
            })
            .collect(),
    })
}

/// A `NodeSelectorTerm` read from an untyped field (a missing one is the zero term).
fn node_selector_term_of(v: Option<&Json>) -> NodeSelectorTerm {
    let reqs = |k: &str| -> Vec<NodeSelectorRequirement> {
        json_list(v.and_then(|t| t.get(k)))
            .iter()
            .map(|r| NodeSelectorRequirement {
                key: jstr(r, "key").to_string(),
                operator: jstr(r, "operator").to_string(),
                values: jstrs(r, "values"),
            })
            .collect()
    };
    NodeSelectorTerm {
        match_expressions: reqs("matchExpressions"),
        match_fields: reqs("matchFields"),
    }
}

/// validation.IsValidIP (netutils.ParseIPSloppy: IPv4 octets may have leading zeros).
fn validate_ip(e: &mut Errs, ip: &str, f: &str) {
    let octets: Vec<&str> = ip.split('.').collect();
    let ok = if octets.len() == 4 && !ip.contains(':') {
        octets.iter().all(|o| {
            !o.is_empty()
                && o.len() <= 3
                && o.bytes().all(|b| b.is_ascii_digit())
                && o.parse::<u32>().is_ok_and(|n| n <= 255)
        })
    } else {
        ip.parse::<std::net::Ipv6Addr>().is_ok()
    };
    if !ok {
        e.invalid(
            f,
            At::Val(f),
            s(ip),
            "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
        );
    }
}

/// validatePodHostNetworkDeps: with hostNetwork a container's hostPort, when set, is its
/// containerPort (a template may leave it 0: it is defaulted on the pod).
fn validate_pod_host_network_deps(e: &mut Errs, spec: &PodSpec, field: &str) {
    if !spec.host_network {
        return;
    }
    for (i, c) in spec.containers.iter().enumerate() {
        for (j, port) in json_list(c.other.get("ports")).iter().enumerate() {
            let hp = port.get("hostPort").and_then(Json::as_i64).unwrap_or(0);
            let cp = port
                .get("containerPort")
                .and_then(Json::as_i64)
                .unwrap_or(0);
            if hp != 0 && hp != cp {
                let f = format!("{field}.containers[{i}].ports[{j}].hostPort");
                e.invalid(
                    &f,
                    At::Val(&f),
                    GoVal::Int(hp),
                    "must match `containerPort` when `hostNetwork` is true",
                );
            }
        }
    }
}

/// IsValidUserID / IsValidGroupID: 0 to the uint32 maximum.
fn validate_id(e: &mut Errs, v: Option<&Json>, f: &str) {
    if let Some(n) = v
        .and_then(Json::as_i64)
        .filter(|n| !(0..=MAX_INT32).contains(n))
    {
        // IsValidUserID/IsValidGroupID: libcontainer's 0 ~ 1<<31 - 1.
        e.invalid(
            f,
            At::Val(f),
            GoVal::Int(n),
            "must be between 0 and 2147483647, inclusive",
        );
    }
}

/// validatePodSpecSecurityContext, in its order. The internal PodSecurityContext also holds
/// hostPID and shareProcessNamespace (PodSpec fields in v1), so their path is under it.
fn validate_pod_security_context(e: &mut Errs, spec: &PodSpec, field: &str) {
    let f = format!("{field}.securityContext");
    let null = Json::Null;
    let sc = spec.other.get("securityContext").unwrap_or(&null);
    for k in ["fsGroup", "runAsUser", "runAsGroup"] {
        validate_id(e, sc.get(k), &format!("{f}.{k}"));
    }
    for (g, gid) in json_list(sc.get("supplementalGroups")).iter().enumerate() {
        validate_id(e, Some(gid), &format!("{f}.supplementalGroups[{g}]"));
    }
    let share = spec
        .other
        .get("shareProcessNamespace")
        .and_then(Json::as_bool);
    if share == Some(true) && json_bool(spec.other.get("hostPID")) {
        e.invalid(
            &format!("{f}.shareProcessNamespace"),
            At::Val(&format!("{field}.shareProcessNamespace")),
            GoVal::Bool(true),
            "ShareProcessNamespace and HostPID cannot both be enabled",
        );
    }
    let sysctls = json_list(sc.get("sysctls"));
    if !sysctls.is_empty() {
        let host_ipc = json_bool(spec.other.get("hostIPC"));
        validate_sysctls(
            e,
            sysctls,
            &format!("{f}.sysctls"),
            spec.host_network,
            host_ipc,
        );
    }
    if let Some(p) = sc.get("fsGroupChangePolicy").and_then(Json::as_str) {
        if !matches!(p, "Always" | "OnRootMismatch") {
            let pf = format!("{f}.fsGroupChangePolicy");
            e.not_supported(&pf, At::Val(&pf), s(p), &["Always", "OnRootMismatch"]);
        }
    }
    validate_seccomp_profile(e, sc.get("seccompProfile"), &format!("{f}.seccompProfile"));
    validate_app_armor_profile(
        e,
        sc.get("appArmorProfile"),
        &format!("{f}.appArmorProfile"),
    );
    if let Some(p) = sc.get("supplementalGroupsPolicy").and_then(Json::as_str) {
        if !matches!(p, "Merge" | "Strict") {
            let pf = format!("{f}.supplementalGroupsPolicy");
            e.not_supported(&pf, At::Val(&pf), s(p), &["Merge", "Strict"]);
        }
    }
    // validateSELinuxChangePolicy (SELinuxChangePolicy, beta and on in 1.34).
    if let Some(p) = sc.get("seLinuxChangePolicy").and_then(Json::as_str) {
        if !matches!(p, "MountOption" | "Recursive") {
            let pf = format!("{f}.seLinuxChangePolicy");
            e.not_supported(&pf, At::Val(&pf), s(p), &["MountOption", "Recursive"]);
        }
    }
}

/// The sysctl name regex validateSysctls quotes (SysctlContainSlashFmt).
const SYSCTL_RE: &str = "^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$";

/// validateSysctls: named, well formed, unique; ValidateHostSysctl: no net.* sysctl with
/// hostNetwork, no IPC one with hostIPC (utilsysctl.GetNamespace).
fn validate_sysctls(e: &mut Errs, sysctls: &[Json], f: &str, host_net: bool, host_ipc: bool) {
    let segment_ok = |seg: &str| {
        let b = seg.as_bytes();
        !b.is_empty()
            && b.iter()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'_')
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
    };
    let mut names: Vec<&str> = Vec::new();
    for (i, sysctl) in sysctls.iter().enumerate() {
        let name = jstr(sysctl, "name");
        let nf = format!("{f}[{i}].name");
        if name.is_empty() {
            e.required(&nf, At::Val(&nf), "");
        } else if name.len() > 253 || !name.split(['.', '/']).all(segment_ok) {
            let why = format!("must have at most 253 characters and match regex {SYSCTL_RE}");
            e.invalid(&nf, At::Val(&nf), s(name), &why);
        } else if names.contains(&name) {
            e.duplicate(&nf, At::Val(&nf), s(name));
        }
        // NormalizeName: a name whose first separator is '/' uses '/' for '.'.
        let normal: String = if name
            .find(['.', '/'])
            .is_some_and(|i| name[i..].starts_with('/'))
        {
            name.chars()
                .map(|c| match c {
                    '/' => '.',
                    '.' => '/',
                    c => c,
                })
                .collect()
        } else {
            name.to_string()
        };
        let ipc = normal == "kernel.sem"
            || ["kernel.shm", "kernel.msg", "fs.mqueue."]
                .iter()
                .any(|p| normal.starts_with(p));
        if host_net && normal.starts_with("net.") {
            e.invalid(
                &nf,
                At::Val(&nf),
                s(name),
                "may not be specified when 'hostNetwork' is true",
            );
        } else if host_ipc && ipc {
            e.invalid(
                &nf,
                At::Val(&nf),
                s(name),
                "may not be specified when 'hostIPC' is true",
            );
        }
        names.push(name);
    }
}

/// JSON of an internal SeccompProfile or AppArmorProfile (Go field names), or null.
fn go_profile(p: Option<&Json>) -> String {
    match p.filter(|v| v.is_object()) {
        None => "null".into(),
        Some(p) => format!(
            "{{\"Type\":{},\"LocalhostProfile\":{}}}",
            go_json_str(jstr(p, "type")),
            go_opt_str(p.get("localhostProfile"))
        ),
    }
}

fn go_opt_str(v: Option<&Json>) -> String {
    v.and_then(Json::as_str).map_or("null".into(), go_json_str)
}

fn go_opt_scalar(v: Option<&Json>) -> String {
    match v {
        Some(x @ (Json::Bool(_) | Json::Number(_))) => x.to_string(),
        Some(Json::String(t)) => go_json_str(t),
        _ => "null".into(),
    }
}

/// JSON of a string list that is nil when absent, `[]` when empty.
fn go_opt_strings(v: Option<&Json>) -> String {
    match v {
        Some(Json::Array(a)) => {
            let items: Vec<String> = a
                .iter()
                .map(|x| go_json_str(x.as_str().unwrap_or("")))
                .collect();
            format!("[{}]", items.join(","))
        }
        _ => "null".into(),
    }
}

/// JSON of the internal `core.SecurityContext` (no JSON tags: Go field names, in its order).
fn go_security_context(sc: &Json) -> String {
    let obj = |k: &str| sc.get(k).filter(|v| v.is_object());
    let caps = obj("capabilities").map_or("null".into(), |c| {
        format!(
            "{{\"Add\":{},\"Drop\":{}}}",
            go_opt_strings(c.get("add")),
            go_opt_strings(c.get("drop"))
        )
    });
    let selinux = obj("seLinuxOptions").map_or("null".into(), |o| {
        format!(
            "{{\"User\":{},\"Role\":{},\"Type\":{},\"Level\":{}}}",
            go_json_str(jstr(o, "user")),
            go_json_str(jstr(o, "role")),
            go_json_str(jstr(o, "type")),
            go_json_str(jstr(o, "level"))
        )
    });
    let windows = obj("windowsOptions").map_or("null".into(), |o| {
        format!(
            "{{\"GMSACredentialSpecName\":{},\"GMSACredentialSpec\":{},\"RunAsUserName\":{},\"HostProcess\":{}}}",
            go_opt_str(o.get("gmsaCredentialSpecName")),
            go_opt_str(o.get("gmsaCredentialSpec")),
            go_opt_str(o.get("runAsUserName")),
            go_opt_scalar(o.get("hostProcess"))
        )
    });
    let v = |k: &str| go_opt_scalar(sc.get(k));
    format!(
        "{{\"Capabilities\":{caps},\"Privileged\":{},\"SELinuxOptions\":{selinux},\"WindowsOptions\":{windows},\"RunAsUser\":{},\"RunAsGroup\":{},\"RunAsNonRoot\":{},\"ReadOnlyRootFilesystem\":{},\"AllowPrivilegeEscalation\":{},\"ProcMount\":{},\"SeccompProfile\":{},\"AppArmorProfile\":{}}}",
        v("privileged"),
        v("runAsUser"),
        v("runAsGroup"),
        v("runAsNonRoot"),
        v("readOnlyRootFilesystem"),
        v("allowPrivilegeEscalation"),
        v("procMount"),
        go_profile(sc.get("seccompProfile")),
        go_profile(sc.get("appArmorProfile")),
    )
}

/// validateSeccompProfileField (validateLocalDescendingPath for a Localhost profile).
fn validate_seccomp_profile(e: &mut Errs, sp: Option<&Json>, f: &str) {
    let Some(p) = sp.filter(|v| v.is_object()) else {
        return;
    };
    let t = jstr(p, "type");
    let tf = format!("{f}.type");
    match t {
        "Localhost" | "RuntimeDefault" | "Unconfined" => {}
        "" => e.required(
            &tf,
            At::Val(&tf),
            "type is required when seccompProfile is set",
        ),
        _ => e.not_supported(
            &tf,
            At::Val(&tf),
            s(t),
            &["Localhost", "RuntimeDefault", "Unconfined"],
        ),
    }
    let local = p.get("localhostProfile").and_then(Json::as_str);
    let lf = format!("{f}.localhostProfile");
    match local {
        None if t == "Localhost" => e.required(
            &lf,
            At::Val(&lf),
            "must be set when seccomp type is Localhost",
        ),
        Some(path) if t == "Localhost" => {
            if path.starts_with('/') {
                e.invalid(&lf, At::Val(&lf), s(path), "must be a relative path");
            }
            if path.split('/').any(|part| part == "..") {
                e.invalid(&lf, At::Val(&lf), s(path), "must not contain '..'");
            }
        }
        Some(_) => e.invalid(
            &lf,
            At::Val(&lf),
            GoVal::Raw(go_profile(sp)),
            "can only be set when seccomp type is Localhost",
        ),
        None => {}
    }
}

/// ValidateAppArmorProfileField.
fn validate_app_armor_profile(e: &mut Errs, ap: Option<&Json>, f: &str) {
    let Some(p) = ap.filter(|v| v.is_object()) else {
        return;
    };
    let t = jstr(p, "type");
    let local = p.get("localhostProfile").and_then(Json::as_str);
    let lf = format!("{f}.localhostProfile");
    let tf = format!("{f}.type");
    match (t, local) {
        ("Localhost", None) => e.required(
            &lf,
            At::Val(&lf),
            "must be set when AppArmor type is Localhost",
        ),
        ("Localhost", Some(path)) => {
            if path.trim() != path {
                e.invalid(
                    &lf,
                    At::Val(&lf),
                    s(path),
                    "must not be padded with whitespace",
                );
            } else if path.is_empty() {
                e.required(
                    &lf,
                    At::Val(&lf),
                    "must be set when AppArmor type is Localhost",
                );
            }
            if path.len() > 4095 {
                e.too_long(&lf, At::Val(&lf), 4095);
            }
        }
        ("RuntimeDefault" | "Unconfined", Some(path)) => e.invalid(
            &lf,
            At::Val(&lf),
            s(path),
            "can only be set when AppArmor type is Localhost",
        ),
        ("RuntimeDefault" | "Unconfined", None) => {}
        ("", _) => e.required(
            &tf,
            At::Val(&tf),
            "type is required when appArmorProfile is set",
        ),
        _ => e.not_supported(
            &tf,
            At::Val(&tf),
            s(t),
            &["Localhost", "RuntimeDefault", "Unconfined"],
        ),
    }
}

/// ValidateSecurityContext of a container, in its order. Privileged containers are allowed
/// (kube-apiserver --allow-privileged, on in kubeadm and kind clusters); windowsOptions are
/// not checked.
fn validate_security_context(e: &mut Errs, c: &Container, p: &str, host_users: bool) {
    let Some(sc) = c.other.get("securityContext").filter(|v| v.is_object()) else {
        return;
    };
    let f = format!("{p}.securityContext");
    validate_id(e, sc.get("runAsUser"), &format!("{f}.runAsUser"));
    validate_id(e, sc.get("runAsGroup"), &format!("{f}.runAsGroup"));
    // ValidateProcMountType.
    if let Some(pm) = sc.get("procMount").and_then(Json::as_str) {
        let pf = format!("{f}.procMount");
        if !matches!(pm, "Default" | "Unmasked") {
            e.not_supported(&pf, At::Val(&pf), s(pm), &["Default", "Unmasked"]);
        }
        if host_users && pm == "Unmasked" {
            e.invalid(
                &pf,
                At::Val(&pf),
                s(pm),
                "`hostUsers` must be false to use `Unmasked`",
            );
        }
    }
    validate_seccomp_profile(e, sc.get("seccompProfile"), &format!("{f}.seccompProfile"));
    if sc.get("allowPrivilegeEscalation").and_then(Json::as_bool) == Some(false) {
        if sc.get("privileged").and_then(Json::as_bool) == Some(true) {
            e.invalid(
                &f,
                At::Val(&f),
                GoVal::Raw(go_security_context(sc)),
                "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
            );
        }
        let caps = sc.get("capabilities").unwrap_or(&Json::Null);
        for cap in jstrs(caps, "add") {
            if cap == "CAP_SYS_ADMIN" {
                e.invalid(
                    &f,
                    At::Val(&f),
                    GoVal::Raw(go_security_context(sc)),
                    "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN",
                );
            }
        }
    }
    validate_app_armor_profile(
        e,
        sc.get("appArmorProfile"),
        &format!("{f}.appArmorProfile"),
    );
}

const PREFERRED: &str = "preferredDuringSchedulingIgnoredDuringExecution";
const REQUIRED: &str = "requiredDuringSchedulingIgnoredDuringExecution";

/// validateAffinity: node affinity (validateNodeAffinity: the required selector with label
/// values checked, ValidatePreferredSchedulingTerms with them not), then podAffinity and
/// podAntiAffinity (validatePodAffinityTerms, validateWeightedPodAffinityTerms).
fn validate_affinity(e: &mut Errs, a: &Affinity, field: &str) {
    let weight = |e: &mut Errs, term: &Json, p: &str| {
        let w = term.get("weight").and_then(json_i64).unwrap_or(0);
        if !(1..=100).contains(&w) {
            let f = format!("{p}.weight");
            e.invalid(&f, At::Val(&f), GoVal::Int(w), "must be in the range 1-100");
        }
    };
    if let Some(na) = a.node_affinity.as_ref() {
        let nf = format!("{field}.nodeAffinity");
        if let Some(req) = na
            .required_during_scheduling_ignored_during_execution
            .as_ref()
        {
            validate_node_selector(e, req, false, &format!("{nf}.{REQUIRED}"));
        }
        for (i, term) in json_list(na.other.get(PREFERRED)).iter().enumerate() {
            let p = format!("{nf}.{PREFERRED}[{i}]");
            weight(e, term, &p);
            let pref = node_selector_term_of(term.get("preference"));
            validate_node_selector_term(e, &pref, true, &format!("{p}.preference"));
        }
    }
    for kind in ["podAffinity", "podAntiAffinity"] {
        let Some(pa) = a.other.get(kind).filter(|v| v.is_object()) else {
            continue;
        };
        let kf = format!("{field}.{kind}");
        for (i, term) in json_list(pa.get(REQUIRED)).iter().enumerate() {
            validate_pod_affinity_term(e, term, &format!("{kf}.{REQUIRED}[{i}]"));
        }
        for (j, weighted) in json_list(pa.get(PREFERRED)).iter().enumerate() {
            let p = format!("{kf}.{PREFERRED}[{j}]");
            weight(e, weighted, &p);
            let term = weighted.get("podAffinityTerm").unwrap_or(&Json::Null);
            validate_pod_affinity_term(e, term, &format!("{p}.podAffinityTerm"));
        }
    }
}

/// validatePodAffinityTerm: its selectors (ValidatePodAffinityTermSelector), namespaces
/// (ValidateNamespaceName, reported under `namespace` as upstream writes it), matchLabelKeys
/// and mismatchLabelKeys, then a topologyKey that is a label name.
fn validate_pod_affinity_term(e: &mut Errs, term: &Json, p: &str) {
    let selector = term.get("labelSelector").and_then(label_selector_of);
    if let Some(sel) = &selector {
        validate_label_selector(e, sel, &format!("{p}.labelSelector"));
    }
    if let Some(sel) = term.get("namespaceSelector").and_then(label_selector_of) {
        validate_label_selector(e, &sel, &format!("{p}.namespaceSelector"));
    }
    for (i, ns) in jstrs(term, "namespaces").iter().enumerate() {
        for msg in is_dns1123_label(ns) {
            let at = format!("{p}.namespaces[{i}]");
            e.invalid(&format!("{p}.namespace"), At::Val(&at), s(ns), &msg);
        }
    }
    validate_match_label_keys(e, term, p, selector.as_ref());
    let f = format!("{p}.topologyKey");
    let key = jstr(term, "topologyKey");
    if key.is_empty() {
        e.required(&f, At::Val(&f), "can not be empty");
    }
    validate_label_name(e, key, &f, At::Val(&f));
}

/// validateMatchLabelKeysAndMismatchLabelKeys (validateLabelKeys for each list). A key both
/// in matchLabelKeys and twice in the selector is reported at the term's path indexed by the
/// key's position, as upstream does.
fn validate_match_label_keys(e: &mut Errs, term: &Json, p: &str, sel: Option<&LabelSelector>) {
    let matching = jstrs(term, "matchLabelKeys");
    let mismatching = jstrs(term, "mismatchLabelKeys");
    for (k, keys) in [
        ("matchLabelKeys", &matching),
        ("mismatchLabelKeys", &mismatching),
    ] {
        if keys.is_empty() {
            continue;
        }
        let kf = format!("{p}.{k}");
        if sel.is_none() {
            e.forbidden(
                &kf,
                At::Key(&kf),
                "must not be specified when labelSelector is not set",
            );
            continue;
        }
        for (i, key) in keys.iter().enumerate() {
            let f = format!("{kf}[{i}]");
            validate_label_name(e, key, &f, At::Val(&f));
        }
    }
    if let Some(sel) = sel {
        let mut seen: Vec<&str> = sel.match_labels.keys().map(String::as_str).collect();
        for r in &sel.match_expressions {
            let at = matching.iter().rposition(|k| *k == r.key);
            if let Some(i) = at.filter(|_| seen.contains(&r.key.as_str())) {
                let f = format!("{p}[{i}]");
                let at = format!("{p}.matchLabelKeys[{i}]");
                e.invalid(
                    &f,
                    At::Val(&at),
                    s(&r.key),
                    "exists in both matchLabelKeys and labelSelector",
                );
            }
            seen.push(&r.key);
        }
    }
    for (i, k) in matching.iter().enumerate() {
        if mismatching.contains(k) {
            let f = format!("{p}.matchLabelKeys[{i}]");
            e.invalid(
                &f,
                At::Val(&f),
                s(k),
                "exists in both matchLabelKeys and mismatchLabelKeys",
            );
        }
    }
}

/// validatePodDNSConfig: dnsPolicy None needs nameservers; at most 3 valid nameserver IPs, at
/// most 32 searches of 2048 characters in all, each a DNS subdomain (RelaxedDNSSearchValidation:
/// '_' allowed, a trailing '.' dropped, "." alone accepted), every option named.
fn validate_pod_dns_config(e: &mut Errs, spec: &PodSpec, dns_policy: &str, field: &str) {
    let f = format!("{field}.dnsConfig");
    let config = spec.other.get("dnsConfig").filter(|c| c.is_object());
    let servers = config.map(|c| jstrs(c, "nameservers")).unwrap_or_default();
    if dns_policy == "None" {
        match config {
            None => {
                let at = format!("{field}.dnsPolicy");
                return e.required(
                    &f,
                    At::Val(&at),
                    "must provide `dnsConfig` when `dnsPolicy` is None",
                );
            }
            Some(_) if servers.is_empty() => {
                return e.required(
                    &format!("{f}.nameservers"),
                    At::Val(&f),
                    "must provide at least one DNS nameserver when `dnsPolicy` is None",
                );
            }
            Some(_) => {}
        }
    }
    let Some(c) = config else {
        return;
    };
    let nf = format!("{f}.nameservers");
    if servers.len() > 3 {
        let list = GoVal::Raw(go_json_strings(&servers));
        e.invalid(
            &nf,
            At::Val(&nf),
            list,
            "must not have more than 3 nameservers",
        );
    }
    for (i, ns) in servers.iter().enumerate() {
        validate_ip(e, ns, &format!("{nf}[{i}]"));
    }
    let searches = jstrs(c, "searches");
    let sf = format!("{f}.searches");
    if searches.len() > 32 {
        let list = GoVal::Raw(go_json_strings(&searches));
        e.invalid(
            &sf,
            At::Val(&sf),
            list,
            "must not have more than 32 search paths",
        );
    }
    if searches.join(" ").len() > 2048 {
        let list = GoVal::Raw(go_json_strings(&searches));
        e.invalid(
            &sf,
            At::Val(&sf),
            list,
            "must not have more than 2048 characters (including spaces) in the search list",
        );
    }
    for (i, search) in searches.iter().enumerate() {
        if search == "." {
            continue;
        }
        let trimmed = search.strip_suffix('.').unwrap_or(search);
        let f = format!("{sf}[{i}]");
        for msg in is_dns1123_subdomain_with_underscore(trimmed) {
            e.invalid(&f, At::Val(&f), s(trimmed), &msg);
        }
    }
    for (i, option) in json_list(c.get("options")).iter().enumerate() {
        if jstr(option, "name").is_empty() {
            let f = format!("{f}.options[{i}]");
            e.required(&f, At::Val(&f), "must not be empty");
        }
    }
}

/// validateTopologySpreadConstraints, each constraint in its order.
fn validate_topology_spread_constraints(e: &mut Errs, spec: &PodSpec, field: &str) {
    let constraints = json_list(spec.other.get("topologySpreadConstraints"));
    for (i, c) in constraints.iter().enumerate() {
        let p = format!("{field}.topologySpreadConstraints[{i}]");
        // ValidateMaxSkew.
        let skew = c.get("maxSkew").and_then(json_i64).unwrap_or(0);
        if skew <= 0 {
            let f = format!("{p}.maxSkew");
            e.invalid(
                &f,
                At::Val(&f),
                GoVal::Int(skew),
                "must be greater than zero",
            );
        }
        // ValidateTopologyKey.
        let key = jstr(c, "topologyKey");
        if key.is_empty() {
            let f = format!("{p}.topologyKey");
            e.required(&f, At::Val(&f), "can not be empty");
        }
        // ValidateWhenUnsatisfiable.
        let action = jstr(c, "whenUnsatisfiable");
        if !matches!(action, "DoNotSchedule" | "ScheduleAnyway") {
            let f = format!("{p}.whenUnsatisfiable");
            e.not_supported(
                &f,
                At::Val(&f),
                s(action),
                &["DoNotSchedule", "ScheduleAnyway"],
            );
        }
        // ValidateSpreadConstraintNotRepeat: against the later constraints.
        let repeated = constraints[i + 1..]
            .iter()
            .any(|r| jstr(r, "topologyKey") == key && jstr(r, "whenUnsatisfiable") == action);
        if repeated {
            let f = format!("{p}.{{topologyKey, whenUnsatisfiable}}");
            e.duplicate(&f, At::Val(&p), GoVal::Str(format!("{{{key}, {action}}}")));
        }
        // validateMinDomains.
        if let Some(min) = c.get("minDomains").and_then(json_i64) {
            let f = format!("{p}.minDomains");
            if min <= 0 {
                e.invalid(
                    &f,
                    At::Val(&f),
                    GoVal::Int(min),
                    "must be greater than zero",
                );
            }
            if action != "DoNotSchedule" {
                let why = format!(
                    "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {action}"
                );
                e.invalid(&f, At::Val(&f), GoVal::Int(min), &why);
            }
        }
        // validateNodeInclusionPolicy.
        for k in ["nodeAffinityPolicy", "nodeTaintsPolicy"] {
            if let Some(policy) = c.get(k).and_then(Json::as_str) {
                if !matches!(policy, "Honor" | "Ignore") {
                    let f = format!("{p}.{k}");
                    e.not_supported(&f, At::Val(&f), s(policy), &["Honor", "Ignore"]);
                }
            }
        }
        // validateMatchLabelKeysInTopologySpread.
        let selector = c.get("labelSelector").and_then(label_selector_of);
        let keys = jstrs(c, "matchLabelKeys");
        if !keys.is_empty() {
            let kf = format!("{p}.matchLabelKeys");
            if selector.is_none() {
                e.forbidden(
                    &kf,
                    At::Key(&kf),
                    "must not be specified when labelSelector is not set",
                );
            }
            for (j, k) in keys.iter().enumerate() {
                let f = format!("{kf}[{j}]");
                validate_label_name(e, k, &f, At::Val(&f));
                let in_selector = selector.as_ref().is_some_and(|sel| {
                    sel.match_labels.contains_key(k)
                        || sel.match_expressions.iter().any(|r| r.key == *k)
                });
                if in_selector {
                    e.invalid(
                        &f,
                        At::Val(&f),
                        s(k),
                        "exists in both matchLabelKeys and labelSelector",
                    );
                }
            }
        }
        if let Some(sel) = &selector {
            validate_label_selector(e, sel, &format!("{p}.labelSelector"));
        }
    }
}

/// validateOS (a name, linux or windows), then validateLinux or validateWindows: the
/// security settings the other OS's containers cannot use.
fn validate_os(e: &mut Errs, spec: &PodSpec, field: &str) {
    let Some(os) = spec.other.get("os").filter(|v| v.is_object()) else {
        return;
    };
    let f = format!("{field}.os");
    let nf = format!("{f}.name");
    let name = jstr(os, "name");
    if name.is_empty() {
        return e.required(&nf, At::Val(&nf), "cannot be empty");
    }
    if !matches!(name, "linux" | "windows") {
        return e.not_supported(&f, At::Val(&nf), s(name), &["linux", "windows"]);
    }
    let null = Json::Null;
    let psc = spec.other.get("securityContext").unwrap_or(&null);
    let sf = format!("{field}.securityContext");
    // VisitContainersWithPath: init containers first.
    let containers = spec
        .init_containers
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("{field}.initContainers[{i}]"), c))
        .chain(
            spec.containers
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("{field}.containers[{i}]"), c)),
        );
    if name == "linux" {
        const WHY: &str = "windows options cannot be set for a linux pod";
        if json_set(psc, "windowsOptions") {
            let f = format!("{sf}.windowsOptions");
            e.forbidden(&f, At::Key(&f), WHY);
        }
        for (cp, c) in containers {
            let sc = c.other.get("securityContext").unwrap_or(&null);
            if json_set(sc, "windowsOptions") {
                let f = format!("{cp}.securityContext.windowsOptions");
                e.forbidden(&f, At::Key(&f), WHY);
            }
        }
        return;
    }
    const WHY: &str = "cannot be set for a windows pod";
    // (field path, where it is written, whether it is set)
    let pod_level = [
        (
            "securityContext.appArmorProfile",
            json_set(psc, "appArmorProfile"),
        ),
        (
            "securityContext.seLinuxOptions",
            json_set(psc, "seLinuxOptions"),
        ),
        (
            "hostUsers",
            spec.other.get("hostUsers").is_some_and(|v| !v.is_null()),
        ),
        ("hostPID", json_bool(spec.other.get("hostPID"))),
        ("hostIPC", json_bool(spec.other.get("hostIPC"))),
        (
            "securityContext.seccompProfile",
            json_set(psc, "seccompProfile"),
        ),
        ("securityContext.fsGroup", json_set(psc, "fsGroup")),
        (
            "securityContext.fsGroupChangePolicy",
            json_set(psc, "fsGroupChangePolicy"),
        ),
        (
            "securityContext.sysctls",
            !json_list(psc.get("sysctls")).is_empty(),
        ),
        (
            "shareProcessNamespace",
            spec.other
                .get("shareProcessNamespace")
                .is_some_and(|v| !v.is_null()),
        ),
        ("securityContext.runAsUser", json_set(psc, "runAsUser")),
        ("securityContext.runAsGroup", json_set(psc, "runAsGroup")),
        (
            "securityContext.supplementalGroups",
            json_set(psc, "supplementalGroups"),
        ),
        (
            "securityContext.supplementalGroupsPolicy",
            json_set(psc, "supplementalGroupsPolicy"),
        ),
        (
            "securityContext.seLinuxChangePolicy",
            json_set(psc, "seLinuxChangePolicy"),
        ),
    ];
    for (k, set) in pod_level {
        if set {
            let f = format!("{field}.{k}");
            e.forbidden(&f, At::Key(&f), WHY);
        }
    }
    for (cp, c) in containers {
        let sc = c.other.get("securityContext").unwrap_or(&null);
        for k in [
            "appArmorProfile",
            "seLinuxOptions",
            "seccompProfile",
            "capabilities",
            "readOnlyRootFilesystem",
            "privileged",
            "allowPrivilegeEscalation",
            "procMount",
            "runAsUser",
            "runAsGroup",
        ] {
            if json_set(sc, k) {
                let f = format!("{cp}.securityContext.{k}");
                e.forbidden(&f, At::Key(&f), WHY);
            }
        }
    }
}

/// pkg/apis/core/validation ValidateResourceRequirements: a request may not exceed its limit;
/// a resource that cannot be overcommitted (extended resources, hugepages) needs a limit and a
/// request equal to it; hugepages need cpu or memory too.
fn validate_resource_requirements(e: &mut Errs, c: &Container, p: &str) {
    use crate::api::resources::{resource_list, Quantity};
    let Some(res) = c.other.get("resources") else {
        return;
    };
    let limits = resource_list(res.get("limits"));
    let requests = resource_list(res.get("requests"));
    let rp = format!("{p}.resources");
    let (lim_path, req_path) = (format!("{rp}.limits"), format!("{rp}.requests"));
    // helper.IsOvercommitAllowed: a native resource (no domain, or kubernetes.io's) that is not
    // hugepages.
    let overcommit = |name: &str| {
        (!name.contains('/') || name.contains("kubernetes.io/")) && !name.starts_with("hugepages-")
    };
    let cpu_or_memory = |name: &str| name == "cpu" || name == "memory";
    let mut huge = limits.keys().any(|k| k.starts_with("hugepages-"));
    let mut native = limits.keys().any(|k| cpu_or_memory(k));
    let value = |e: &mut Errs, list: &str, name: &str, q: &Quantity| {
        let at = key_of(list, name);
        resource_quantity_value(e, &format!("{list}[{name}]"), At::Val(&at), name, q);
    };
    // validateResourceQuantityHugePageValue (AllowIndivisibleHugePagesValues is false on create).
    let huge_value = |e: &mut Errs, list: &str, name: &str, q: &Quantity| {
        if name.starts_with("hugepages-") && !hugepages_divisible(name, q) {
            e.invalid(
                &format!("{list}[{name}]"),
                At::Val(&key_of(list, name)),
                GoVal::Str(q.string()),
                &format!("{} is not positive integer multiple of {name}", q.string()),
            );
        }
    };
    for (name, q) in &limits {
        validate_container_resource_name(e, &lim_path, name);
        value(e, &lim_path, name, q);
        huge_value(e, &lim_path, name, q);
    }
    for (name, q) in &requests {
        validate_container_resource_name(e, &req_path, name);
        value(e, &req_path, name, q);
        let shown = |q: &Quantity| GoVal::Str(q.string());
        match limits.get(name) {
            Some(l) if q.milli != l.milli && !overcommit(name) => e.invalid(
                &req_path,
                At::Val(&req_path),
                shown(q),
                &format!("must be equal to {name} limit of {}", l.string()),
            ),
            Some(l) if q.milli > l.milli => e.invalid(
                &req_path,
                At::Val(&req_path),
                shown(q),
                &format!(
                    "must be less than or equal to {name} limit of {}",
                    l.string()
                ),
            ),
            Some(_) => {}
            None if !overcommit(name) => e.required(
                &lim_path,
                At::Val(&rp),
                "Limit must be set for non overcommitable resources",
            ),
            None => {}
        }
        huge_value(e, &req_path, name, q);
        huge |= name.starts_with("hugepages-");
        native |= cpu_or_memory(name);
    }
    if huge && !native {
        e.forbidden(&rp, At::Val(&rp), "HugePages require cpu or memory");
    }
}

/// ValidateResourceQuantityValue: ValidateNonnegativeQuantity, then a whole number for an
/// integer resource (helper.IsIntegerResourceName); the value as the quantity's canonical string.
fn resource_quantity_value(
    e: &mut Errs,
    f: &str,
    at: At,
    name: &str,
    q: &crate::api::resources::Quantity,
) {
    if q.milli < 0 {
        e.invalid(
            f,
            at,
            GoVal::Str(q.string()),
            "must be greater than or equal to 0",
        );
    }
    if is_integer_resource(name) && q.milli % 1000 != 0 {
        e.invalid(f, at, GoVal::Str(q.string()), "must be an integer");
    }
}

/// helper.IsIntegerResourceName: quota counts and extended resources (a domain other than
/// kubernetes.io, and `requests.` + the name a qualified name).
fn is_integer_resource(name: &str) -> bool {
    const COUNTS: [&str; 9] = [
        "pods",
        "services",
        "replicationcontrollers",
        "resourcequotas",
        "secrets",
        "configmaps",
        "persistentvolumeclaims",
        "services.nodeports",
        "services.loadbalancers",
    ];
    COUNTS.contains(&name)
        || (name.contains('/')
            && !name.contains("kubernetes.io/")
            && !name.starts_with("requests.")
            && is_qualified_name(&format!("requests.{name}")).is_empty())
}

/// helper.IsHugePageResourceValueDivisible: the page size (the name's suffix) is a positive
/// whole quantity dividing the value.
fn hugepages_divisible(name: &str, q: &crate::api::resources::Quantity) -> bool {
    use crate::api::resources::Quantity;
    let size = name.strip_prefix("hugepages-").unwrap_or_default();
    let Some(page) = Quantity::parse(&Json::String(size.to_string())) else {
        return false;
    };
    page.milli > 0 && page.milli % 1000 == 0 && q.value() % page.value() == 0
}

/// validateContainerResourceName (after validateResourceName): a qualified name; without a
/// domain, a standard resource and one a container may have (cpu, memory, ephemeral-storage,
/// hugepages-*); with a domain outside kubernetes.io, an extended resource name.
fn validate_container_resource_name(e: &mut Errs, list: &str, name: &str) {
    let f = format!("{list}[{name}]");
    let at = key_of(list, name);
    let msgs = is_qualified_name(name);
    if !msgs.is_empty() {
        for m in msgs {
            e.invalid(&f, At::Key(&at), s(name), &m);
        }
        return;
    }
    const STANDARD: [&str; 19] = [
        "cpu",
        "memory",
        "ephemeral-storage",
        "requests.cpu",
        "requests.memory",
        "requests.ephemeral-storage",
        "limits.cpu",
        "limits.memory",
        "limits.ephemeral-storage",
        "pods",
        "services",
        "replicationcontrollers",
        "resourcequotas",
        "secrets",
        "configmaps",
        "persistentvolumeclaims",
        "requests.storage",
        "services.nodeports",
        "services.loadbalancers",
    ];
    let huge = name.starts_with("hugepages-");
    if !name.contains('/') {
        // helper.IsStandardResourceName (with IsQuotaHugePageResourceName), then
        // IsStandardContainerResourceName.
        if !STANDARD.contains(&name) && !huge && !name.starts_with("requests.hugepages-") {
            e.invalid(
                &f,
                At::Key(&at),
                s(name),
                "must be a standard resource type or fully qualified",
            );
        }
        if !matches!(name, "cpu" | "memory" | "ephemeral-storage") && !huge {
            e.invalid(
                &f,
                At::Key(&at),
                s(name),
                "must be a standard resource for containers",
            );
        }
    } else if !name.contains("kubernetes.io/")
        && (name.starts_with("requests.")
            || !is_qualified_name(&format!("requests.{name}")).is_empty())
    {
        e.invalid(
            &f,
            At::Key(&at),
            s(name),
            "doesn't follow extended resource name standard",
        );
    }
}

/// validateHandler (pkg/apis/core/validation/validation.go): exactly one handler of the kinds
/// the field has (a probe: exec, httpGet, tcpSocket, grpc; a lifecycle hook: exec, httpGet,
/// tcpSocket, sleep), each checked by its validate*Action. The defaults (an httpGet path "/"
/// and scheme HTTP, SetDefaults_HTTPGetAction) come first.
fn validate_handler(
    e: &mut Errs,
    handler: &serde_json::Map<String, Json>,
    fp: &str,
    kinds: &[&str],
    grace: Option<i64>,
) {
    let mut handlers = 0;
    for &h in kinds {
        let Some(action) = handler.get(h).filter(|v| !v.is_null()) else {
            continue;
        };
        let f = format!("{fp}.{h}");
        if handlers > 0 {
            e.forbidden(&f, At::Key(&f), "may not specify more than 1 handler type");
            continue;
        }
        handlers += 1;
        match h {
            // validateExecAction
            "exec" => {
                let command = action.get("command").and_then(Json::as_array);
                if command.is_none_or(|c| c.is_empty()) {
                    e.required(&format!("{f}.command"), At::Key(&f), "");
                }
            }
            // validateHTTPGetAction, validateTCPSocketAction, validateGRPCAction:
            // ValidatePortNumOrName (a missing port is the number 0).
            "httpGet" | "tcpSocket" | "grpc" => {
                let port = action.get("port");
                let n = match port {
                    None | Some(Json::Null) => Some(0),
                    Some(v) => v.as_i64(),
                };
                let pf = format!("{f}.port");
                if let Some(n) = n.filter(|n| !(1..=65535).contains(n)) {
                    let at = if port.is_some() {
                        At::Val(&pf)
                    } else {
                        At::Key(&f)
                    };
                    e.invalid(
                        &pf,
                        at,
                        GoVal::Int(n),
                        "must be between 1 and 65535, inclusive",
                    );
                }
                // A named port: validation.IsValidPortName.
                if let Some(name) = port.and_then(Json::as_str) {
                    for msg in is_valid_port_name(name) {
                        e.invalid(&pf, At::Val(&pf), s(name), &msg);
                    }
                }
                if h != "httpGet" {
                    continue;
                }
                let scheme = action.get("scheme").and_then(Json::as_str).unwrap_or("");
                if !matches!(scheme, "" | "HTTP" | "HTTPS") {
                    let sf = format!("{f}.scheme");
                    e.not_supported(&sf, At::Val(&sf), s(scheme), &["HTTP", "HTTPS"]);
                }
                // validation.IsHTTPHeaderName, reported on the list.
                let headers = action.get("httpHeaders").and_then(Json::as_array);
                for header in headers.into_iter().flatten() {
                    let name = header.get("name").and_then(Json::as_str).unwrap_or("");
                    let good = !name.is_empty()
                        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
                    if !good {
                        let hf = format!("{f}.httpHeaders");
                        e.invalid(
                            &hf,
                            At::Key(&hf),
                            s(name),
                            "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')",
                        );
                    }
                }
            }
            // validateSleepAction (PodLifecycleSleepActionAllowZero, on since 1.33).
            "sleep" => {
                let seconds = action.get("seconds").and_then(Json::as_i64).unwrap_or(0);
                if let Some(g) = grace.filter(|g| seconds < 0 || seconds > *g) {
                    let sf = format!("{f}.seconds");
                    let at = if action.get("seconds").is_some() {
                        At::Val(&sf)
                    } else {
                        At::Key(&f)
                    };
                    e.invalid(
                        &f,
                        at,
                        GoVal::Int(seconds),
                        &format!(
                            "must be non-negative and less than terminationGracePeriodSeconds ({g})"
                        ),
                    );
                }
            }
            _ => {}
        }
    }
    if handlers == 0 {
        e.required(fp, At::Key(fp), "must specify a handler type");
    }
}

/// validateLifecycle: each hook is one handler (validateHandler); a preStop sleep must end
/// within the pod's terminationGracePeriodSeconds.
fn validate_lifecycle(e: &mut Errs, c: &Container, p: &str, grace: Option<i64>) {
    let Some(Json::Object(lifecycle)) = c.other.get("lifecycle") else {
        return;
    };
    for hook in ["postStart", "preStop"] {
        if let Some(Json::Object(h)) = lifecycle.get(hook) {
            let fp = format!("{p}.lifecycle.{hook}");
            validate_handler(e, h, &fp, &["exec", "httpGet", "tcpSocket", "sleep"], grace);
        }
    }
}

/// validateProbe and the per-kind rules of validateContainerCommon
/// (pkg/apis/core/validation/validation.go): one handler, an exec command, no negative
/// timings; liveness and startup probes need successThreshold 1 (0 is defaulted to 1 first);
/// a readiness probe has no terminationGracePeriodSeconds.
fn validate_probes(e: &mut Errs, c: &Container, p: &str, grace: Option<i64>) {
    for kind in ["livenessProbe", "readinessProbe", "startupProbe"] {
        let Some(Json::Object(probe)) = c.other.get(kind) else {
            continue;
        };
        let fp = format!("{p}.{kind}");
        validate_handler(
            e,
            probe,
            &fp,
            &["exec", "httpGet", "tcpSocket", "grpc"],
            grace,
        );
        let int = |k: &str| probe.get(k).and_then(Json::as_i64);
        for k in [
            "initialDelaySeconds",
            "timeoutSeconds",
            "periodSeconds",
            "successThreshold",
            "failureThreshold",
        ] {
            if let Some(v) = int(k).filter(|v| *v < 0) {
                let f = format!("{fp}.{k}");
                e.invalid(
                    &f,
                    At::Val(&f),
                    GoVal::Int(v),
                    "must be greater than or equal to 0",
                );
            }
        }
        if let Some(v) = int("terminationGracePeriodSeconds") {
            let f = format!("{fp}.terminationGracePeriodSeconds");
            if v <= 0 {
                e.invalid(&f, At::Val(&f), GoVal::Int(v), "must be greater than 0");
            }
            if kind == "readinessProbe" {
                e.invalid(
                    &f,
                    At::Val(&f),
                    GoVal::Int(v),
                    "must not be set for readinessProbes",
                );
            }
        }
        if kind != "readinessProbe" {
            if let Some(v) = int("successThreshold").filter(|v| *v != 0 && *v != 1) {
                let f = format!("{fp}.successThreshold");
                e.invalid(&f, At::Val(&f), GoVal::Int(v), "must be 1");
            }
        }
    }
}

/// validateContainerCommon, in its order: name, image, terminationMessagePolicy, ports, env,
/// envFrom, volumeMounts, imagePullPolicy, resources, securityContext.
fn validate_container(e: &mut Errs, c: &Container, p: &str, volumes: &[&str], host_users: bool) {
    let f = format!("{p}.name");
    if c.name.is_empty() {
        e.required(&f, At::Val(&f), "");
    } else {
        for msg in is_dns1123_label(&c.name) {
            e.invalid(&f, At::Val(&f), s(&c.name), &msg);
        }
    }
    if c.image.is_empty() {
        let f = format!("{p}.image");
        e.required(&f, At::Val(&f), "");
    }
    // validateContainerCommon: an empty policy is defaulted to File before validation.
    if let Some(pol) = c
        .other
        .get("terminationMessagePolicy")
        .and_then(Json::as_str)
    {
        if !matches!(pol, "" | "File" | "FallbackToLogsOnError") {
            let f = format!("{p}.terminationMessagePolicy");
            e.not_supported(&f, At::Val(&f), s(pol), &["File", "FallbackToLogsOnError"]);
        }
    }
    if let Some(Json::Array(ports)) = c.other.get("ports") {
        let mut names: Vec<&str> = Vec::new();
        for (i, port) in ports.iter().enumerate() {
            let pp = format!("{p}.ports[{i}]");
            if let Some(n) = port
                .get("name")
                .and_then(Json::as_str)
                .filter(|n| !n.is_empty())
            {
                let f = format!("{pp}.name");
                let msgs = is_valid_port_name(n);
                if !msgs.is_empty() {
                    for m in msgs {
                        e.invalid(&f, At::Val(&f), s(n), &m);
                    }
                } else if names.contains(&n) {
                    e.duplicate(&f, At::Val(&f), s(n));
                } else {
                    names.push(n);
                }
            }
            let f = format!("{pp}.containerPort");
            match port
                .get("containerPort")
                .and_then(Json::as_i64)
                .unwrap_or(0)
            {
                0 => e.required(&f, At::Val(&f), ""),
                v if !(1..=65535).contains(&v) => e.invalid(
                    &f,
                    At::Val(&f),
                    GoVal::Int(v),
                    "must be between 1 and 65535, inclusive",
                ),
                _ => {}
            }
            if let Some(v) = port
                .get("hostPort")
                .and_then(Json::as_i64)
                .filter(|v| *v != 0)
            {
                if !(1..=65535).contains(&v) {
                    let f = format!("{pp}.hostPort");
                    e.invalid(
                        &f,
                        At::Val(&f),
                        GoVal::Int(v),
                        "must be between 1 and 65535, inclusive",
                    );
                }
            }
            if let Some(proto) = port.get("protocol").and_then(Json::as_str) {
                if !matches!(proto, "TCP" | "UDP" | "SCTP") {
                    let f = format!("{pp}.protocol");
                    e.not_supported(&f, At::Val(&f), s(proto), &["SCTP", "TCP", "UDP"]);
                }
            }
        }
    }
    // ValidateEnv: each entry's name, then its source.
    for (i, ev) in c.env.iter().enumerate() {
        let f = format!("{p}.env[{i}].name");
        if ev.name.is_empty() {
            e.required(&f, At::Val(&f), "");
        } else if ev
            .name
            .chars()
            .any(|ch| !(' '..='~').contains(&ch) || ch == '=')
        {
            e.invalid(
                &f,
                At::Val(&f),
                s(&ev.name),
                "a valid environment variable name must consist only of printable ASCII characters other than '='",
            );
        }
        // validateEnvVarValueFrom: one source, and no `value` beside it.
        let Some(from) = ev.value_from.as_ref().filter(|v| !v.is_null()) else {
            continue;
        };
        let f = format!("{p}.env[{i}].valueFrom");
        validate_env_sources(e, from, &f);
        let sources = [
            "fieldRef",
            "resourceFieldRef",
            "configMapKeyRef",
            "secretKeyRef",
        ]
        .iter()
        .filter(|k| from.get(**k).is_some_and(|v| !v.is_null()))
        .count();
        let why = if sources == 0 {
            "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"
        } else if ev.value.as_deref().is_some_and(|v| !v.is_empty()) {
            "may not be specified when `value` is not empty"
        } else if sources > 1 {
            "may not have more than one field specified at a time"
        } else {
            continue;
        };
        e.invalid(&f, At::Val(&f), s(""), why);
    }
    // ValidateEnvFrom: an optional prefix, and each entry names one ConfigMap or Secret (those
    // two errors' path has no index).
    if let Some(Json::Array(from)) = c.other.get("envFrom") {
        let f = format!("{p}.envFrom");
        for (i, ev) in from.iter().enumerate() {
            let at = format!("{f}[{i}]");
            // RelaxedEnvironmentVariableValidation (on by default since 1.32): IsRelaxedEnvVarName.
            if let Some(prefix) = ev.get("prefix").and_then(Json::as_str) {
                if prefix
                    .chars()
                    .any(|ch| !(' '..='~').contains(&ch) || ch == '=')
                {
                    let pf = format!("{at}.prefix");
                    e.invalid(
                        &pf,
                        At::Val(&pf),
                        s(prefix),
                        "a valid environment variable name must consist only of printable ASCII characters other than '='",
                    );
                }
            }
            let mut sources = 0;
            for (k, name_key) in [("configMapRef", "name"), ("secretRef", "name")] {
                let Some(r) = ev.get(k).filter(|v| !v.is_null()) else {
                    continue;
                };
                sources += 1;
                let name = r.get(name_key).and_then(Json::as_str).unwrap_or_default();
                let nf = format!("{at}.{k}.name");
                if name.is_empty() {
                    e.required(&nf, At::Val(&format!("{at}.{k}")), "");
                } else {
                    // ValidateConfigMapName / ValidateSecretName: a DNS subdomain.
                    for msg in name_is_dns_subdomain(name, true) {
                        e.invalid(&nf, At::Val(&format!("{at}.{k}.name")), s(name), &msg);
                    }
                }
            }
            if sources == 0 {
                e.invalid(
                    &f,
                    At::Val(&at),
                    s(""),
                    "must specify one of: `configMapRef` or `secretRef`",
                );
            } else if sources > 1 {
                e.invalid(
                    &f,
                    At::Val(&at),
                    s(""),
                    "may not have more than one field specified at a time",
                );
            }
        }
    }
    validate_volume_mounts(e, c, volumes, p);
    if let Some(pol) = c.other.get("imagePullPolicy").and_then(Json::as_str) {
        if !matches!(pol, "Always" | "IfNotPresent" | "Never") {
            let f = format!("{p}.imagePullPolicy");
            e.not_supported(
                &f,
                At::Val(&f),
                s(pol),
                &["Always", "IfNotPresent", "Never"],
            );
        }
    }
    validate_resource_requirements(e, c, p);
    validate_security_context(e, c, p, host_users);
}

/// checkHostPortConflicts (AccumulateUniqueHostPorts): a host port, with its protocol (TCP by
/// default) and host IP, may be taken once across the pod's containers.
fn check_host_port_conflicts(e: &mut Errs, containers: &[Container], cpath: &str) {
    let mut taken: Vec<String> = Vec::new();
    for (ci, c) in containers.iter().enumerate() {
        let Some(Json::Array(ports)) = c.other.get("ports") else {
            continue;
        };
        for (pi, port) in ports.iter().enumerate() {
            let host_port = port.get("hostPort").and_then(Json::as_i64).unwrap_or(0);
            if host_port == 0 {
                continue;
            }
            let proto = port
                .get("protocol")
                .and_then(Json::as_str)
                .filter(|p| !p.is_empty())
                .unwrap_or("TCP");
            let ip = port
                .get("hostIP")
                .and_then(Json::as_str)
                .unwrap_or_default();
            let key = format!("{proto}/{ip}/{host_port}");
            if taken.contains(&key) {
                let f = format!("{cpath}[{ci}].ports[{pi}].hostPort");
                e.duplicate(&f, At::Val(&f), s(&key));
            } else {
                taken.push(key);
            }
        }
    }
}

/// `validation.IsValidPortName`.
/// The field paths `env[].valueFrom.fieldRef` may name (validEnvDownwardAPIFieldPathExpressions,
/// pkg/apis/core/validation/validation.go), in sets.List() order.
const ENV_FIELD_PATHS: [&str; 9] = [
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];
/// validContainerResourceFieldPathExpressions, sorted.
const RESOURCE_FIELD_PATHS: [&str; 6] = [
    "limits.cpu",
    "limits.ephemeral-storage",
    "limits.memory",
    "requests.cpu",
    "requests.ephemeral-storage",
    "requests.memory",
];

/// validateObjectFieldSelector: `rf` is the path its errors name, `at` its place in the source,
/// `expressions` the field paths allowed here (env or downwardAPI volume files).
fn validate_object_field_selector(
    e: &mut Errs,
    r: &Json,
    rf: &str,
    at: &str,
    expressions: &[&str],
) {
    let text = |v: &Json, k: &str| v.get(k).and_then(Json::as_str).unwrap_or("").to_string();
    // apiVersion defaults to v1 (SetDefaults_ObjectFieldSelector).
    let version = r.get("apiVersion").and_then(Json::as_str).unwrap_or("v1");
    let path = text(r, "fieldPath");
    let pf = format!("{rf}.fieldPath");
    let here = format!("{at}.fieldPath");
    let subscript = path
        .strip_suffix("']")
        .and_then(|s| s.split_once("['"))
        .filter(|(p, _)| !p.is_empty());
    // ConvertDownwardAPIFieldLabel (pkg/apis/core/pods/helpers.go), then `expressions`.
    let converted = match subscript {
        _ if version.is_empty() => {
            let vf = format!("{rf}.apiVersion");
            e.required(&vf, At::Val(&format!("{at}.apiVersion")), "");
            return;
        }
        _ if path.is_empty() => {
            e.required(&pf, At::Val(&here), "");
            return;
        }
        _ if version != "v1" => Err(format!("unsupported pod version: {version}")),
        Some(("metadata.annotations" | "metadata.labels", _)) => Ok(()),
        Some(_) => Err(format!("field label does not support subscript: {path}")),
        None if matches!(
            path.as_str(),
            "metadata.annotations"
                | "metadata.labels"
                | "spec.restartPolicy"
                | "spec.schedulerName"
                | "status.phase"
                | "spec.host"
        ) || ENV_FIELD_PATHS.contains(&path.as_str()) =>
        {
            Ok(())
        }
        None => Err(format!("field label not supported: {path}")),
    };
    if let Err(why) = converted {
        e.invalid(
            &pf,
            At::Val(&here),
            s(&path),
            &format!("error converting fieldPath: {why}"),
        );
        return;
    }
    match subscript {
        Some((kind, key)) => {
            let errs = if kind == "metadata.labels" {
                is_qualified_name(key)
            } else {
                is_qualified_name(&key.to_ascii_lowercase())
            };
            for m in errs {
                e.invalid(rf, At::Val(&here), s(key), &m);
            }
        }
        None => {
            // spec.host is converted to spec.nodeName first.
            let internal = if path == "spec.host" {
                "spec.nodeName"
            } else {
                path.as_str()
            };
            if !expressions.contains(&internal) {
                e.not_supported(&pf, At::Val(&here), s(internal), expressions);
            }
        }
    }
}

/// One env var's source (validateEnvVarValueFrom's per-source checks): validateObjectFieldSelector,
/// validateContainerResourceFieldSelector: in a downwardAPI volume (`volume`) the container
/// must be named, since the file is the pod's, not one container's.
fn validate_resource_field_selector(e: &mut Errs, r: &Json, rf: &str, here: &str, volume: bool) {
    let text = |k: &str| r.get(k).and_then(Json::as_str).unwrap_or("").to_string();
    let resource = text("resource");
    let (f, at) = (format!("{rf}.resource"), format!("{here}.resource"));
    if volume && text("containerName").is_empty() {
        let (f, at) = (
            format!("{rf}.containerName"),
            format!("{here}.containerName"),
        );
        e.required(&f, At::Val(&at), "");
    } else if resource.is_empty() {
        e.required(&f, At::Val(&at), "");
    } else if !RESOURCE_FIELD_PATHS.contains(&resource.as_str())
        && !resource.starts_with("requests.hugepages-")
        && !resource.starts_with("limits.hugepages-")
    {
        e.not_supported(&f, At::Val(&at), s(&resource), &RESOURCE_FIELD_PATHS);
    }
}

/// validateContainerResourceFieldSelector, validateConfigMapKeySelector, validateSecretKeySelector.
fn validate_env_sources(e: &mut Errs, from: &Json, f: &str) {
    let text = |v: &Json, k: &str| v.get(k).and_then(Json::as_str).unwrap_or("").to_string();
    if let Some(r) = from.get("fieldRef").filter(|v| !v.is_null()) {
        let rf = format!("{f}.fieldRef");
        validate_object_field_selector(e, r, &rf, &rf, &ENV_FIELD_PATHS);
    }
    if let Some(r) = from.get("resourceFieldRef").filter(|v| !v.is_null()) {
        let rf = format!("{f}.resourceFieldRef");
        validate_resource_field_selector(e, r, &rf, &rf, false);
    }
    for k in ["configMapKeyRef", "secretKeyRef"] {
        let Some(r) = from.get(k).filter(|v| !v.is_null()) else {
            continue;
        };
        let rf = format!("{f}.{k}");
        let name = text(r, "name");
        let nf = format!("{rf}.name");
        for m in is_dns1123_subdomain(&name) {
            e.invalid(&nf, At::Val(&nf), s(&name), &m);
        }
        let key = text(r, "key");
        let kf = format!("{rf}.key");
        if key.is_empty() {
            e.required(&kf, At::Val(&kf), "");
        } else {
            for m in is_config_map_key(&key) {
                e.invalid(&kf, At::Val(&kf), s(&key), &m);
            }
        }
    }
}

/// `IsConfigMapKey` (apimachinery/pkg/util/validation): a key of a ConfigMap or a Secret.
fn is_config_map_key(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > 253 {
        errs.push(max_len_error(253));
    }
    if !v
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
    {
        errs.push(regex_error(
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
            "[-._a-zA-Z0-9]+",
            &["key.name", "KEY_NAME", "key-name"],
        ));
    }
    // hasChDirPrefix.
    match v {
        "." => errs.push("must not be '.'".into()),
        ".." => errs.push("must not be '..'".into()),
        _ if v.starts_with("..") => errs.push("must not start with '..'".into()),
        _ => {}
    }
    errs
}

fn is_valid_port_name(port: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if port.len() > 15 {
        errs.push(max_len_error(15));
    }
    if port.is_empty()
        || !port
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
    {
        errs.push(
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".to_string(),
        );
    }
    if !port.bytes().any(|c| c.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".to_string());
    }
    if port.contains("--") {
        errs.push("must not contain consecutive hyphens".to_string());
    }
    if port.starts_with('-') || port.ends_with('-') {
        errs.push("must not begin or end with a hyphen".to_string());
    }
    errs
}

/// JSON of the internal `core.Toleration` (no JSON tags: Go field names).
fn go_toleration(t: &Toleration) -> String {
    let secs = t
        .toleration_seconds
        .map_or("null".to_string(), |v| v.to_string());
    format!(
        "{{\"Key\":{},\"Operator\":{},\"Value\":{},\"Effect\":{},\"TolerationSeconds\":{}}}",
        go_json_str(&t.key),
        go_json_str(&t.operator),
        go_json_str(&t.value),
        go_json_str(&t.effect),
        secs
    )
}

fn validate_taint_effect(e: &mut Errs, effect: &str, allow_empty: bool, field: &str) {
    validate_taint_effect_at(e, effect, allow_empty, field, field);
}

/// `validateTaintEffect`, reported as `field` at the YAML place `at`.
fn validate_taint_effect_at(e: &mut Errs, effect: &str, allow_empty: bool, field: &str, at: &str) {
    if !allow_empty && effect.is_empty() {
        e.required(field, At::Val(at), "");
        return;
    }
    if !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
        e.not_supported(
            field,
            At::Val(at),
            s(effect),
            &["NoSchedule", "PreferNoSchedule", "NoExecute"],
        );
    }
}

fn validate_tolerations(e: &mut Errs, tolerations: &[Toleration], field: &str) {
    for (i, t) in tolerations.iter().enumerate() {
        let p = format!("{field}[{i}]");
        let op = format!("{p}.operator");
        if !t.key.is_empty() {
            let f = format!("{p}.key");
            validate_label_name(e, &t.key, &f, At::Val(&f));
        }
        if t.key.is_empty() && t.operator != "Exists" {
            e.invalid(
                &op,
                At::Val(&op),
                s(&t.operator),
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            );
        }
        if t.toleration_seconds.is_some() && t.effect != "NoExecute" {
            let f = format!("{p}.effect");
            e.invalid(
                &f,
                At::Val(&f),
                s(&t.effect),
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            );
        }
        match t.operator.as_str() {
            "Equal" | "" => {
                let errs = is_valid_label_value(&t.value);
                if !errs.is_empty() {
                    // The API server reports a bad value under `operator`.
                    e.invalid(
                        &op,
                        At::Val(&format!("{p}.value")),
                        s(&t.value),
                        &errs.join(";"),
                    );
                }
            }
            "Exists" => {
                if !t.value.is_empty() {
                    e.invalid(
                        &op,
                        At::Val(&format!("{p}.value")),
                        GoVal::Raw(go_toleration(t)),
                        "value must be empty when `operator` is 'Exists'",
                    );
                }
            }
            other => e.not_supported(&op, At::Val(&op), s(other), &["Equal", "Exists"]),
        }
        if !t.effect.is_empty() {
            validate_taint_effect(e, &t.effect, true, &format!("{p}.effect"));
        }
    }
}

/// ValidateNodeSelector: at least one term, each checked by ValidateNodeSelectorTerm.
/// `allow_invalid_values`: AllowInvalidLabelValueInRequiredNodeAffinity (false on create).
fn validate_node_selector(
    e: &mut Errs,
    ns: &NodeSelector,
    allow_invalid_values: bool,
    field: &str,
) {
    let terms = format!("{field}.nodeSelectorTerms");
    if ns.node_selector_terms.is_empty() {
        e.required(
            &terms,
            At::Val(&terms),
            "must have at least one node selector term",
        );
        return;
    }
    for (i, term) in ns.node_selector_terms.iter().enumerate() {
        let p = format!("{terms}[{i}]");
        validate_node_selector_term(e, term, allow_invalid_values, &p);
    }
}

/// ValidateNodeSelectorTerm: ValidateNodeSelectorRequirement for each matchExpressions entry,
/// then ValidateNodeFieldSelectorRequirement for each matchFields entry.
fn validate_node_selector_term(
    e: &mut Errs,
    term: &NodeSelectorTerm,
    allow_invalid_values: bool,
    field: &str,
) {
    for (j, r) in term.match_expressions.iter().enumerate() {
        let p = format!("{field}.matchExpressions[{j}]");
        validate_requirement(
            e,
            &r.key,
            &r.operator,
            &r.values,
            &p,
            true,
            !allow_invalid_values,
        );
    }
    // ValidateNodeFieldSelectorRequirement: only metadata.name (ValidateNodeName), In or NotIn
    // with one value.
    for (j, r) in term.match_fields.iter().enumerate() {
        let p = format!("{field}.matchFields[{j}]");
        let values = format!("{p}.values");
        if matches!(r.operator.as_str(), "In" | "NotIn") {
            if r.values.len() != 1 {
                e.required(
                    &values,
                    At::Val(&values),
                    "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
                );
            }
        } else {
            let f = format!("{p}.operator");
            e.invalid(
                &f,
                At::Val(&f),
                s(&r.operator),
                "not a valid selector operator",
            );
        }
        if r.key != "metadata.name" {
            let f = format!("{p}.key");
            e.invalid(&f, At::Val(&f), s(&r.key), "not a valid field selector key");
            continue;
        }
        for (k, v) in r.values.iter().enumerate() {
            let f = format!("{values}[{k}]");
            for msg in name_is_dns_subdomain(v, false) {
                e.invalid(&f, At::Val(&f), s(v), &msg);
            }
        }
    }
}

// --- pkg/apis/batch/validation/validation.go (ValidateJob, ValidateJobSpec, validateJobSpec,
// --- ValidateCronJobCreate, validateCronJobSpec, validateScheduleFormat, validateTimeZone,
// --- validateConcurrencyPolicy, ValidateJobTemplateSpec)

/// Labels the Job registry strategy (`generateSelector`) adds to the pod template before
/// validation; their value is the Job's name, so a name longer than 63 characters fails there.
const JOB_NAME_LABELS: [&str; 2] = ["batch.kubernetes.io/job-name", "job-name"];

fn validate_job(e: &mut Errs, job: &Job) {
    // SetDefaults_Job copies the template's labels to a Job that has none.
    let labels_at = if e.pos.contains("metadata.labels") {
        "metadata.labels"
    } else {
        "spec.template.metadata.labels"
    };
    validate_object_meta_labels_at(e, &job.metadata, true, labels_at);
    let spec = &job.spec;
    let manual = spec.manual_selector == Some(true);
    let name = job.metadata.name.as_str();
    if !manual {
        validate_generated_selector(e, job);
    }
    let generated: Vec<(&str, &str, &str)> = if manual {
        Vec::new()
    } else {
        JOB_NAME_LABELS
            .iter()
            .map(|k| (*k, name, "metadata.name"))
            .collect()
    };
    validate_job_spec(e, spec, "spec", &generated);
    // ValidateJobSpec: the selector (generated unless manualSelector) must select the template.
    match spec.selector.as_ref() {
        // ValidateJobSpec: Required, and then, as LabelSelectorAsSelector(nil) is
        // labels.Nothing(), the mismatch as well.
        None if manual => {
            e.required("spec.selector", At::Val("spec.selector"), "");
            e.invalid(
                "spec.template.metadata.labels",
                At::Val("spec.template.metadata.labels"),
                GoVal::Raw(go_map(&spec.template.metadata.labels)),
                "`selector` does not match template `labels`",
            );
        }
        // Not manual: generateSelector makes one on the controller-uid (an empty one here).
        given => {
            let none = LabelSelector::default();
            let sel = given.unwrap_or(&none);
            if given.is_some() {
                validate_label_selector(e, sel, "spec.selector");
            }
            let mut labels = spec.template.metadata.labels.clone();
            if !manual {
                for k in JOB_NAME_LABELS {
                    labels
                        .entry(k.to_string())
                        .or_insert_with(|| name.to_string());
                }
            }
            // With a generated selector the pods also get the controller-uid labels (and the
            // selector the batch one), printed with a stand-in for the uid not yet made.
            let (mut matched, mut selector) = (labels.clone(), sel.clone());
            if !manual {
                for k in [
                    crate::controllers::job::LABEL_CONTROLLER_UID,
                    crate::controllers::job::LEGACY_LABEL_CONTROLLER_UID,
                ] {
                    matched
                        .entry(k.to_string())
                        .or_insert_with(|| job_uid(job).to_string());
                }
                selector
                    .match_labels
                    .entry(crate::controllers::job::LABEL_CONTROLLER_UID.to_string())
                    .or_insert_with(|| job_uid(job).to_string());
            }
            if selector_is_usable(sel) && !selector.matches(&matched) {
                e.invalid(
                    "spec.template.metadata.labels",
                    At::Val("spec.template.metadata.labels"),
                    GoVal::Raw(go_map(&matched)),
                    "`selector` does not match template `labels`",
                );
            }
        }
    }
    if spec.is_indexed() {
        if let Some(c) = spec.completions.filter(|c| *c > 0) {
            // The registry makes a generateName into a name (5 random characters) before it
            // validates.
            let generated;
            let name = if name.is_empty() && !job.metadata.generate_name.is_empty() {
                generated = format!("{}xxxxx", job.metadata.generate_name);
                generated.as_str()
            } else {
                name
            };
            let host = format!("{}-{}", name, c - 1);
            if !is_dns1123_label(&host).is_empty() {
                e.invalid(
                    "metadata.name",
                    At::Val("metadata.name"),
                    s(name),
                    &format!("will not able to create pod with invalid DNS label: {host}"),
                );
            }
        }
    }
}

/// validateGeneratedSelector (batch/validation.go), after the strategy's generateSelector has
/// added the job-name labels the template lacks and the controller-uid to the selector: a
/// template label `job-name` of another value is refused ("must be 'NAME'"), and a selector of
/// the user's must select the labels the Job's pods get (`job-name: NAME` does; `app: x` does
/// not: "`selector` not auto-generated"). The uid does not exist before the create, so a
/// selector on a controller-uid label selects nothing, as a wrong uid would not. The printed
/// maps hold the controller-uid labels, as the API server's do (strategy.go `generateSelector`).
/// Stands for the uid a Job gets on create, which validation cannot know; never a valid label
/// value, so no selector of the user's selects it.
pub const NEW_JOB_UID: &str = "(uid of the new Job)";

/// The Job's uid: its own once created (an update is validated by ValidateJob too), else the
/// stand-in.
fn job_uid(job: &Job) -> &str {
    match job.metadata.uid.as_str() {
        "" => NEW_JOB_UID,
        uid => uid,
    }
}

fn validate_generated_selector(e: &mut Errs, job: &Job) {
    use crate::controllers::job::{
        LABEL_CONTROLLER_UID, LABEL_JOB_NAME, LEGACY_LABEL_CONTROLLER_UID, LEGACY_LABEL_JOB_NAME,
    };
    let uid = job_uid(job);
    let name = job.metadata.name.as_str();
    let spec = &job.spec;
    // The labels generateSelector gives the pods, in validateGeneratedSelector's order (the
    // legacy ones first).
    let wanted = [
        (LEGACY_LABEL_CONTROLLER_UID, uid),
        (LEGACY_LABEL_JOB_NAME, name),
        (LABEL_CONTROLLER_UID, uid),
        (LABEL_JOB_NAME, name),
    ];
    // The template's labels after generateSelector: it adds only what is missing.
    let given = &spec.template.metadata.labels;
    let mut labels = given.clone();
    for (k, v) in wanted {
        labels.entry(k.to_string()).or_insert_with(|| v.to_string());
    }
    // ValidateHasLabel: a controller-uid label copied from another Job (`kubectl get -o
    // yaml`) is refused. An update (the Job has its uid) is not generated again: a label
    // taken out is Required.
    let update = !job.metadata.uid.is_empty();
    for (k, want) in wanted {
        let f = format!("spec.template.metadata.labels[{k}]");
        let detail = format!("must be '{want}'");
        match given.get(k) {
            None if update => e.required(&f, At::Key("spec.template.metadata"), &detail),
            Some(v) if v != want => {
                let at = key_of("spec.template.metadata.labels", k);
                e.invalid(&f, At::Val(&at), GoVal::Raw(go_map(&labels)), &detail);
            }
            _ => {}
        }
    }
    let Some(sel) = &spec.selector else {
        return;
    };
    let mut generated = sel.clone();
    generated
        .match_labels
        .entry(LABEL_CONTROLLER_UID.to_string())
        .or_insert_with(|| uid.to_string());
    let mut expected: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in wanted {
        expected.insert(k.to_string(), v.to_string());
    }
    if selector_is_usable(sel) && !generated.matches(&expected) {
        e.invalid(
            "spec.selector",
            At::Val("spec.selector"),
            GoVal::Raw(go_selector(&generated)),
            "`selector` not auto-generated",
        );
    }
}

fn validate_job_spec(e: &mut Errs, spec: &JobSpec, field: &str, generated: &[(&str, &str, &str)]) {
    let f = |name: &str| format!("{field}.{name}");
    if let Some(v) = spec.parallelism {
        nonneg(e, v.into(), &f("parallelism"));
    }
    if let Some(v) = spec.completions {
        nonneg(e, v.into(), &f("completions"));
    }
    if let Some(v) = spec.active_deadline_seconds {
        nonneg(e, v, &f("activeDeadlineSeconds"));
    }
    if let Some(v) = spec.backoff_limit {
        nonneg(e, v.into(), &f("backoffLimit"));
    }
    if let Some(v) = spec.ttl_seconds_after_finished {
        nonneg(e, v.into(), &f("ttlSecondsAfterFinished"));
    }
    // In validateJobSpec's order: the per-index limits, managedBy, the completion mode's rules,
    // then the policies.
    let bp = f("backoffLimitPerIndex");
    let mfp = f("maxFailedIndexes");
    if let Some(v) = spec.backoff_limit_per_index {
        nonneg(e, v.into(), &bp);
    }
    if let Some(v) = spec.max_failed_indexes {
        nonneg(e, v.into(), &mfp);
        if spec.backoff_limit_per_index.is_none() {
            e.required(&bp, At::Key(&mfp), "when maxFailedIndexes is specified");
        }
    }
    if let Some(m) = &spec.managed_by {
        validate_managed_by(e, m, &f("managedBy"));
    }
    if let Some(mode) = &spec.completion_mode {
        let mp = f("completionMode");
        if mode != "NonIndexed" && mode != "Indexed" {
            e.not_supported(&mp, At::Val(&mp), s(mode), &["NonIndexed", "Indexed"]);
        }
        if mode == "Indexed" {
            if spec.completions.is_none() {
                let cp = f("completions");
                e.required(&cp, At::Val(&mp), "when completion mode is Indexed");
            }
            if let Some(p) = spec.parallelism.filter(|p| *p > 100_000) {
                let pp = f("parallelism");
                e.invalid(
                    &pp,
                    At::Val(&pp),
                    GoVal::Int(p.into()),
                    "must be less than or equal to 100000 when completion mode is Indexed",
                );
            }
            validate_indexed_limits(e, spec, field);
        }
    }
    if spec
        .completion_mode
        .as_deref()
        .is_none_or(|m| m == "NonIndexed")
    {
        if let Some(v) = spec.backoff_limit_per_index {
            e.invalid(
                &bp,
                At::Val(&bp),
                GoVal::Int(v.into()),
                "requires indexed completion mode",
            );
        }
        if let Some(v) = spec.max_failed_indexes {
            e.invalid(
                &mfp,
                At::Val(&mfp),
                GoVal::Int(v.into()),
                "requires indexed completion mode",
            );
        }
    }
    if let Some(policy) = &spec.pod_failure_policy {
        validate_pod_failure_policy(e, spec, policy, &f("podFailurePolicy"));
    }
    if let Some(policy) = &spec.success_policy {
        validate_success_policy(e, spec, policy, &f("successPolicy"));
    }
    // validatePodReplacementPolicy.
    if let Some(v) = &spec.pod_replacement_policy {
        let pp = f("podReplacementPolicy");
        if spec.pod_failure_policy.is_some() {
            if v != "Failed" {
                e.not_supported(&pp, At::Val(&pp), s(v), &["Failed"]);
            }
        } else if v != "Failed" && v != "TerminatingOrFailed" {
            e.not_supported(&pp, At::Val(&pp), s(v), &["Failed", "TerminatingOrFailed"]);
        }
    }
    validate_pod_template(e, &spec.template, &f("template"), generated);
    // RestartPolicy is defaulted to Always when unset, so both mean "not chosen".
    let rp = f("template.spec.restartPolicy");
    match spec.template.spec.restart_policy.as_str() {
        "Always" | "" => e.required(&rp, At::Val(&rp), "valid values: \"OnFailure\", \"Never\""),
        "OnFailure" | "Never" => {}
        other => e.not_supported(&rp, At::Val(&rp), s(other), &["OnFailure", "Never"]),
    }
    if spec.pod_failure_policy.is_some() && spec.template.spec.restart_policy == "OnFailure" {
        e.invalid(
            &rp,
            At::Val(&rp),
            s("OnFailure"),
            "only \"Never\" is supported when podFailurePolicy is specified",
        );
    }
}

/// `IsDomainPrefixedPath` (apimachinery validation) and at most 63 characters.
fn validate_managed_by(e: &mut Errs, m: &str, mp: &str) {
    if m.is_empty() {
        e.required(mp, At::Val(mp), "");
        return;
    }
    match m.split_once('/') {
        Some((host, path)) if !host.is_empty() && !path.is_empty() => {
            for msg in crate::manifest::field::is_dns1123_subdomain(host) {
                e.invalid(mp, At::Val(mp), s(host), &msg);
            }
        }
        _ => e.invalid(
            mp,
            At::Val(mp),
            s(m),
            "must be a domain-prefixed path (such as \"acme.io/foo\")",
        ),
    }
    if m.len() > 63 {
        e.too_long(mp, At::Val(mp), 63);
    }
}

/// An Indexed Job's limits on maxFailedIndexes (validation.go `validateJobSpec`).
fn validate_indexed_limits(e: &mut Errs, spec: &JobSpec, field: &str) {
    let bp = format!("{field}.backoffLimitPerIndex");
    let mp = format!("{field}.maxFailedIndexes");
    let completions = spec.completions.unwrap_or(0);
    if let Some(m) = spec.max_failed_indexes {
        // Only against completions that are set (a missing one is its own error).
        if spec.completions.is_some_and(|c| m > c) {
            e.invalid(
                &mp,
                At::Val(&mp),
                GoVal::Int(m.into()),
                "must be less than or equal to completions",
            );
        }
        if m > 100_000 {
            e.invalid(
                &mp,
                At::Val(&mp),
                GoVal::Int(m.into()),
                "must be less than or equal to 100000",
            );
        }
    }
    if completions > 100_000 && spec.backoff_limit_per_index.is_some() {
        const HIGH: &str = "must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index";
        // validateJobSpec: maxFailedIndexes required, then parallelism, then its limit.
        if spec.max_failed_indexes.is_none() {
            e.required(
                &mp,
                At::Key(&bp),
                "must be specified when completions is above 100000",
            );
        }
        if let Some(p) = spec.parallelism.filter(|p| *p > 10_000) {
            let pp = format!("{field}.parallelism");
            e.invalid(&pp, At::Val(&pp), GoVal::Int(p.into()), HIGH);
        }
        if let Some(m) = spec.max_failed_indexes.filter(|m| *m > 10_000) {
            e.invalid(&mp, At::Val(&mp), GoVal::Int(m.into()), HIGH);
        }
    }
}

/// `validateSuccessPolicy`, `validateSuccessPolicyRule` (validation.go).
fn validate_success_policy(e: &mut Errs, spec: &JobSpec, policy: &SuccessPolicy, f: &str) {
    if !spec.is_indexed() {
        e.invalid(
            f,
            At::Key(f),
            GoVal::Raw(go_success_policy(policy)),
            "requires indexed completion mode",
        );
        return;
    }
    // validateSuccessPolicyRule reads *spec.Completions unguarded: without completions (its
    // own Required error) the real server would fail on a nil pointer; say nothing more here.
    let Some(completions) = spec.completions else {
        return;
    };
    let rules_path = format!("{f}.rules");
    if policy.rules.is_empty() {
        e.required(
            &rules_path,
            At::Key(f),
            "at least one rules must be specified when the successPolicy is specified",
        );
    }
    if policy.rules.len() > 20 {
        e.too_many(&rules_path, At::Val(&rules_path), policy.rules.len(), 20);
    }
    for (i, rule) in policy.rules.iter().enumerate() {
        let rp = format!("{rules_path}[{i}]");
        if rule.succeeded_count.is_none() && rule.succeeded_indexes.is_none() {
            e.required(
                &rp,
                At::Key(&rp),
                "at least one of succeededCount or succeededIndexes must be specified",
            );
        }
        let mut total = 0;
        if let Some(ix) = &rule.succeeded_indexes {
            let ip = format!("{rp}.succeededIndexes");
            match validate_indexes_format(ix, completions) {
                Ok(n) => total = n,
                Err(err) => e.invalid(
                    &ip,
                    At::Val(&ip),
                    s(ix),
                    &format!("error parsing succeededIndexes: {err}"),
                ),
            }
        }
        if let Some(count) = rule.succeeded_count {
            let cp = format!("{rp}.succeededCount");
            nonneg(e, count.into(), &cp);
            if count > completions {
                e.invalid(
                    &cp,
                    At::Val(&cp),
                    GoVal::Int(count.into()),
                    &format!("must be less than or equal to {completions} (the number of specified completions)"),
                );
            }
            if rule.succeeded_indexes.is_some() && count > total {
                e.invalid(
                    &cp,
                    At::Val(&cp),
                    GoVal::Int(count.into()),
                    &format!("must be less than or equal to {total} (the number of indexes in the specified succeededIndexes field)"),
                );
            }
        }
    }
}

/// `validateIndexesFormat` / `parseIndexInterval`: `0,2-3` in increasing order below
/// completions; the number of indexes it names.
fn validate_indexes_format(indexes: &str, completions: i32) -> Result<i32, String> {
    if indexes.is_empty() {
        return Ok(0);
    }
    let mut last: Option<i64> = None;
    let mut total = 0i64;
    for interval in indexes.split(',') {
        let limits: Vec<&str> = interval.split('-').collect();
        if limits.len() > 2 {
            return Err(format!("the fragment {} violates the requirement that an index interval can have at most two parts separated by '-'", go_quote(interval)));
        }
        let number = |t: &str| -> Result<i64, String> {
            let v: i64 = go_atoi(t).ok_or_else(|| {
                format!(
                    "cannot convert string to integer for index: {}",
                    go_quote(t)
                )
            })?;
            if v >= completions as i64 {
                return Err(format!("too large index: {}", go_quote(t)));
            }
            Ok(v)
        };
        let x = number(limits[0])?;
        let y = match limits.get(1) {
            Some(t) => {
                let y = number(t)?;
                if x >= y {
                    return Err(format!("non-increasing order, previous: {x}, current: {y}"));
                }
                y
            }
            None => x,
        };
        if let Some(l) = last.filter(|l| *l >= x) {
            return Err(format!("non-increasing order, previous: {l}, current: {x}"));
        }
        total += y - x + 1;
        last = Some(y);
    }
    Ok(total as i32)
}

/// Go's `strconv.Atoi`: an optional sign and decimal digits only.
fn go_atoi(t: &str) -> Option<i64> {
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// `validatePodFailurePolicy` and its rule validators (validation.go).
fn validate_pod_failure_policy(e: &mut Errs, spec: &JobSpec, policy: &PodFailurePolicy, f: &str) {
    const ACTIONS: [&str; 4] = ["Count", "FailIndex", "FailJob", "Ignore"];
    let rules_path = format!("{f}.rules");
    if policy.rules.len() > 20 {
        e.too_many(&rules_path, At::Val(&rules_path), policy.rules.len(), 20);
    }
    let pod = &spec.template.spec;
    let names: Vec<&str> = pod
        .containers
        .iter()
        .chain(pod.init_containers.iter())
        .map(|c| c.name.as_str())
        .collect();
    for (i, rule) in policy.rules.iter().enumerate() {
        let rp = format!("{rules_path}[{i}]");
        let ap = format!("{rp}.action");
        match rule.action.as_str() {
            "" => e.required(
                &ap,
                At::Key(&rp),
                "valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]",
            ),
            "FailIndex" if spec.backoff_limit_per_index.is_none() => e.invalid(
                &ap,
                At::Val(&ap),
                s("FailIndex"),
                "requires the backoffLimitPerIndex to be set",
            ),
            a if !ACTIONS.contains(&a) => e.not_supported(&ap, At::Val(&ap), s(a), &ACTIONS),
            _ => {}
        }
        let conditions = rule.on_pod_conditions.as_ref().filter(|c| !c.is_empty());
        if let Some(req) = &rule.on_exit_codes {
            let ep = format!("{rp}.onExitCodes");
            let op = format!("{ep}.operator");
            match req.operator.as_str() {
                "" => e.required(&op, At::Key(&ep), "valid values: [\"In\" \"NotIn\"]"),
                "In" | "NotIn" => {}
                other => e.not_supported(&op, At::Val(&op), s(other), &["In", "NotIn"]),
            }
            if let Some(name) = &req.container_name {
                if !names.contains(&name.as_str()) {
                    let cp = format!("{ep}.containerName");
                    e.invalid(
                        &cp,
                        At::Val(&cp),
                        s(name),
                        "must be one of the container or initContainer names in the pod template",
                    );
                }
            }
            let vp = format!("{ep}.values");
            let go_values = || {
                let list: Vec<String> = req.values.iter().map(|v| v.to_string()).collect();
                GoVal::Raw(match list.is_empty() && !req.values_listed {
                    true => "null".to_string(),
                    false => format!("[{}]", list.join(",")),
                })
            };
            if req.values.is_empty() {
                e.invalid(
                    &vp,
                    At::Key(&ep),
                    go_values(),
                    "at least one value is required",
                );
            } else if req.values.len() > 255 {
                e.too_many(&vp, At::Val(&vp), req.values.len(), 255);
            }
            let mut ordered = true;
            for (j, &v) in req.values.iter().enumerate() {
                let jp = format!("{vp}[{j}]");
                if req.operator == "In" && v == 0 {
                    e.invalid(
                        &jp,
                        At::Val(&jp),
                        GoVal::Int(0),
                        "must not be 0 for the In operator",
                    );
                }
                if req.values[..j].contains(&v) {
                    e.duplicate(&jp, At::Val(&jp), GoVal::Int(v.into()));
                }
                if j > 0 && req.values[j - 1] > v {
                    ordered = false;
                }
            }
            if !ordered {
                e.invalid(&vp, At::Val(&vp), go_values(), "must be ordered");
            }
        }
        if let Some(patterns) = conditions {
            let cp = format!("{rp}.onPodConditions");
            if patterns.len() > 20 {
                e.too_many(&cp, At::Val(&cp), patterns.len(), 20);
            }
            for (j, pat) in patterns.iter().enumerate() {
                let pp = format!("{cp}[{j}]");
                let tp = format!("{pp}.type");
                for msg in crate::manifest::label_key_errors(&pat.type_) {
                    e.invalid(&tp, At::Val(&tp), s(&pat.type_), &msg);
                }
                let sp = format!("{pp}.status");
                match pat.status.as_str() {
                    "" => e.required(
                        &sp,
                        At::Key(&pp),
                        "valid values: [\"False\" \"True\" \"Unknown\"]",
                    ),
                    "True" | "False" | "Unknown" => {}
                    other => {
                        e.not_supported(&sp, At::Val(&sp), s(other), &["False", "True", "Unknown"])
                    }
                }
            }
        }
        // validatePodFailurePolicyRule: both or neither requirement, after their own checks.
        match (&rule.on_exit_codes, conditions) {
            (Some(_), Some(_)) => e.push(
                &rp,
                At::Key(&rp),
                "Invalid value: specifying both OnExitCodes and OnPodConditions is not supported"
                    .into(),
            ),
            (None, None) => e.push(
                &rp,
                At::Key(&rp),
                "Invalid value: specifying one of OnExitCodes and OnPodConditions is required"
                    .into(),
            ),
            _ => {}
        }
    }
}

fn validate_schedule(e: &mut Errs, schedule: &str, time_zone: Option<&str>, allow_tz: bool) {
    let f = "spec.schedule";
    if let Err(msg) = crate::cron::parse_standard(schedule) {
        e.invalid(f, At::Val(f), s(schedule), &msg);
    }
    let has_tz = schedule.contains("TZ");
    if allow_tz && has_tz && time_zone.is_some() {
        e.invalid(
            f,
            At::Val(f),
            s(schedule),
            "cannot use both timeZone field and TZ or CRON_TZ in schedule",
        );
    } else if !allow_tz && has_tz {
        e.invalid(
            f,
            At::Val(f),
            s(schedule),
            "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
        );
    }
}

fn validate_time_zone(e: &mut Errs, tz: &str) {
    let f = "spec.timeZone";
    if tz.is_empty() {
        e.invalid(
            f,
            At::Val(f),
            s(tz),
            "timeZone must be nil or non-empty string",
        );
        return;
    }
    // `^[A-Za-z\.\-_0-9+]{1,14}$` per path component, no "." / "..", no leading '-'.
    for part in tz.split('/') {
        let ok = (1..=14).contains(&part.len())
            && part
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_' | b'+'))
            && part != "."
            && part != ".."
            && !part.starts_with('-');
        if !ok {
            e.invalid(f, At::Val(f), s(tz), &format!("unknown time zone {tz}"));
            return;
        }
    }
    if tz.eq_ignore_ascii_case("Local") {
        e.invalid(
            f,
            At::Val(f),
            s(tz),
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
        );
        // validateTimeZone goes on to time.LoadLocation, which takes exactly "Local" (the
        // machine's zone) and fails on any other spelling: `local` gets both errors.
        if tz == "Local" {
            return;
        }
    }
    // Go `time.LoadLocation` error text.
    if crate::tz::Zone::from_name(tz).is_none() {
        e.invalid(f, At::Val(f), s(tz), &format!("unknown time zone {tz}"));
    }
}

fn validate_cron_job(e: &mut Errs, cj: &CronJob, old: Option<&CronJobSpec>) {
    let spec = &cj.spec;
    // robfig/cron v3.0.1 ParseStandard slices past a `TZ=`/`CRON_TZ=` prefix with no space
    // after it (robfig/cron#470): validateScheduleFormat panics, the API server's
    // WithPanicRecovery answers 500 in plain text, and client-go words it as an unexpected
    // server error (errors.go NewGenericServerResponse). No field error is ever returned.
    if crate::cron::parse_standard(&spec.schedule).is_err_and(|m| m.starts_with("runtime error:")) {
        let request = match old {
            Some(_) => format!("patch cronjobs.batch {}", cj.metadata.name),
            None => "post cronjobs.batch".to_string(),
        };
        e.server_error(
            "spec.schedule",
            At::Val("spec.schedule"),
            format!("Error from server (InternalError): an error on the server (\"This request caused apiserver to panic. Look in the logs for details.\") has prevented the request from succeeding ({request}) (robfig/cron v3 panics on a TZ= prefix with no space after the zone)"),
        );
        return;
    }
    validate_object_meta(e, &cj.metadata, true);
    if spec.schedule.is_empty() {
        e.required("spec.schedule", At::Val("spec.schedule"), "");
    } else {
        let allow_tz = old.is_some_and(|o| o.schedule.contains("TZ"));
        validate_schedule(e, &spec.schedule, spec.time_zone.as_deref(), allow_tz);
    }
    if let Some(v) = spec.starting_deadline_seconds {
        nonneg(e, v, "spec.startingDeadlineSeconds");
    }
    if let Some(tz) = &spec.time_zone {
        if old.is_none_or(|o| o.time_zone.as_ref() != Some(tz)) {
            validate_time_zone(e, tz);
        }
    }
    let cp = "spec.concurrencyPolicy";
    match spec.concurrency_policy.as_str() {
        "Allow" | "Forbid" | "Replace" => {}
        "" => e.required(cp, At::Val(cp), ""),
        other => e.not_supported(cp, At::Val(cp), s(other), &["Allow", "Forbid", "Replace"]),
    }
    // ValidateJobTemplateSpec.
    let js = &spec.job_template.spec;
    validate_job_spec(e, js, "spec.jobTemplate.spec", &[]);
    if let Some(sel) = &js.selector {
        let f = "spec.jobTemplate.spec.selector";
        e.invalid(
            f,
            At::Val(f),
            GoVal::Raw(go_selector(sel)),
            "`selector` will be auto-generated",
        );
    }
    if js.manual_selector == Some(true) {
        let f = "spec.jobTemplate.spec.manualSelector";
        e.not_supported(f, At::Val(f), GoVal::Bool(true), &["nil", "false"]);
    }
    if let Some(v) = spec.successful_jobs_history_limit {
        nonneg(e, v.into(), "spec.successfulJobsHistoryLimit");
    }
    if let Some(v) = spec.failed_jobs_history_limit {
        nonneg(e, v.into(), "spec.failedJobsHistoryLimit");
    }
    // The controller appends an 11-character suffix; Job names are at most 63 characters.
    if old.is_none() && cj.metadata.name.len() > 52 {
        e.invalid(
            "metadata.name",
            At::Val("metadata.name"),
            s(&cj.metadata.name),
            "must be no more than 52 characters",
        );
    }
}

// --- pkg/apis/apps/validation/validation.go (ValidateDaemonSet, ValidateDaemonSetSpec,
// --- ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet,
// --- ValidatePositiveIntOrPercent, IsNotMoreThan100Percent)

fn percent_value(v: &IntOrString) -> Option<i64> {
    match v {
        IntOrString::String(s) if is_valid_percent(s).is_empty() => {
            go_atoi_value(s.trim_end_matches('%'))
        }
        _ => None,
    }
}

/// `getIntOrPercentValue` (a non-numeric string counts as 0, like `IntOrString.IntValue`).
fn int_or_percent_value(v: &IntOrString) -> i64 {
    percent_value(v).unwrap_or(match v {
        IntOrString::Int(i) => (*i).into(),
        IntOrString::String(s) => go_atoi_value(s).unwrap_or(0),
    })
}

/// The value `value, _ := strconv.Atoi(s)` keeps: out of range it is the largest (or
/// smallest) int, not 0; None when `s` is not a number at all.
fn go_atoi_value(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.parse::<i64>().unwrap_or(if s.starts_with('-') {
        i64::MIN
    } else {
        i64::MAX
    }))
}

/// ValidatePositiveIntOrPercent.
fn validate_int_or_percent(e: &mut Errs, v: &IntOrString, field: &str) {
    match v {
        IntOrString::String(st) => {
            for msg in is_valid_percent(st) {
                e.invalid(field, At::Val(field), GoVal::Raw(go_int_or_string(v)), &msg);
            }
        }
        IntOrString::Int(i) => nonneg(e, (*i).into(), field),
    }
}

/// IsNotMoreThan100Percent.
fn not_more_than_100_percent(e: &mut Errs, v: &IntOrString, field: &str) {
    if percent_value(v).is_some_and(|p| p > 100) {
        e.invalid(
            field,
            At::Val(field),
            GoVal::Raw(go_int_or_string(v)),
            "must not be greater than 100%",
        );
    }
}

fn validate_daemon_set(e: &mut Errs, ds: &DaemonSet) {
    validate_object_meta(e, &ds.metadata, true);
    let spec = &ds.spec;
    let labels = &spec.template.metadata.labels;
    match &spec.selector {
        // ValidateDaemonSetSpec has no Required check (unlike a Deployment's): a missing
        // selector is LabelSelectorAsSelector's labels.Nothing(), which matches no labels.
        None => {
            e.invalid(
                "spec.template.metadata.labels",
                At::Val("spec.template.metadata.labels"),
                GoVal::Raw(go_map(labels)),
                "`selector` does not match template `labels`",
            );
        }
        Some(sel) => {
            validate_label_selector(e, sel, "spec.selector");
            if selector_is_usable(sel) && !sel.matches(labels) {
                e.invalid(
                    "spec.template.metadata.labels",
                    At::Val("spec.template.metadata.labels"),
                    GoVal::Raw(go_map(labels)),
                    "`selector` does not match template `labels`",
                );
            }
            if sel.is_empty() {
                e.invalid(
                    "spec.selector",
                    At::Val("spec.selector"),
                    GoVal::Raw(go_selector(sel)),
                    "empty selector is invalid for daemonset",
                );
            }
        }
    }
    validate_pod_template(e, &spec.template, "spec.template", &[]);
    let rp = "spec.template.spec.restartPolicy";
    if spec.template.spec.restart_policy != "Always" {
        e.not_supported(
            rp,
            At::Val(rp),
            s(&spec.template.spec.restart_policy),
            &["Always"],
        );
    }
    if spec
        .template
        .spec
        .other
        .contains_key("activeDeadlineSeconds")
    {
        let f = "spec.template.spec.activeDeadlineSeconds";
        e.forbidden(
            f,
            At::Val(f),
            "activeDeadlineSeconds in DaemonSet is not Supported",
        );
    }
    nonneg(e, spec.min_ready_seconds.into(), "spec.minReadySeconds");
    let st = &spec.update_strategy;
    match st.type_.as_str() {
        "OnDelete" => {}
        "RollingUpdate" => match &st.rolling_update {
            None => {
                let f = "spec.updateStrategy.rollingUpdate";
                e.required(f, At::Val(f), "");
            }
            Some(ru) => {
                let zero = IntOrString::Int(0);
                let mu = ru.max_unavailable.as_ref().unwrap_or(&zero);
                let ms = ru.max_surge.as_ref().unwrap_or(&zero);
                let fu = "spec.updateStrategy.rollingUpdate.maxUnavailable";
                let fs = "spec.updateStrategy.rollingUpdate.maxSurge";
                // ValidateRollingUpdateDaemonSet: both fields' form, then both against 100%.
                validate_int_or_percent(e, mu, fu);
                validate_int_or_percent(e, ms, fs);
                not_more_than_100_percent(e, mu, fu);
                not_more_than_100_percent(e, ms, fs);
                let (u, s_) = (int_or_percent_value(mu) != 0, int_or_percent_value(ms) != 0);
                if u && s_ {
                    e.invalid(
                        fs,
                        At::Val(fs),
                        GoVal::Raw(go_int_or_string(ms)),
                        "may not be set when maxUnavailable is non-zero",
                    );
                } else if !u && !s_ {
                    e.required(fu, At::Val(fu), "cannot be 0 when maxSurge is 0");
                }
            }
        },
        _ => {
            // JSON of the internal apps.DaemonSetUpdateStrategy; an unset IntOrString is 0.
            let ru = match &st.rolling_update {
                None => "null".to_string(),
                Some(ru) => format!(
                    "{{\"MaxUnavailable\":{},\"MaxSurge\":{}}}",
                    ru.max_unavailable
                        .as_ref()
                        .map_or("0".to_string(), go_int_or_string),
                    ru.max_surge
                        .as_ref()
                        .map_or("0".to_string(), go_int_or_string)
                ),
            };
            let f = "spec.updateStrategy";
            e.not_supported(
                f,
                At::Val("spec.updateStrategy.type"),
                GoVal::Raw(format!(
                    "{{\"Type\":{},\"RollingUpdate\":{}}}",
                    go_json_str(&st.type_),
                    ru
                )),
                &["RollingUpdate", "OnDelete"],
            );
        }
    }
    if let Some(v) = spec.revision_history_limit {
        nonneg(e, v.into(), "spec.revisionHistoryLimit");
    }
}

// --- pkg/apis/core/validation/validation.go (ValidateNode, validateNodeTaints)

fn validate_node(e: &mut Errs, node: &Node) {
    validate_object_meta(e, &node.metadata, false);
    let mut seen: Vec<(&str, &str)> = Vec::new();
    // ValidateNode builds the taints' path from "metadata": Kubernetes reports them as
    // `metadata.taints[i]` though they live at `spec.taints`.
    for (i, t) in node.spec.taints.iter().enumerate() {
        let at = format!("spec.taints[{i}]");
        let p = format!("metadata.taints[{i}]");
        let (f, at_f) = (format!("{p}.key"), format!("{at}.key"));
        validate_label_name(e, &t.key, &f, At::Val(&at_f));
        let errs = is_valid_label_value(&t.value);
        if !errs.is_empty() {
            let (f, at_f) = (format!("{p}.value"), format!("{at}.value"));
            e.invalid(&f, At::Val(&at_f), s(&t.value), &errs.join(";"));
        }
        validate_taint_effect_at(
            e,
            &t.effect,
            false,
            &format!("{p}.effect"),
            &format!("{at}.effect"),
        );
        if seen.contains(&(t.key.as_str(), t.effect.as_str())) {
            let v = format!(
                "{{\"Key\":{},\"Value\":{},\"Effect\":{},\"TimeAdded\":null}}",
                go_json_str(&t.key),
                go_json_str(&t.value),
                go_json_str(&t.effect)
            );
            e.push(
                &p,
                At::Val(&at),
                format!("Duplicate value: {v}: taints must be unique by key and effect pair"),
            );
        } else {
            seen.push((&t.key, &t.effect));
        }
    }
    // ValidateNodeResources → ValidateResourceQuantityValue: ValidateNonnegativeQuantity on the
    // parsed quantity (`-0.5` is -500m), then a whole number for an integer resource
    // (helper.IsIntegerResourceName: `pods`, extended resources); the value as Quantity.String().
    for (section, list) in [
        ("capacity", &node.status.capacity),
        ("allocatable", &node.status.allocatable),
    ] {
        for (k, v) in list {
            let Some(q) =
                crate::api::resources::Quantity::parse(&serde_json::Value::String(v.clone()))
            else {
                continue;
            };
            let f = format!("status.{section}.{k}");
            resource_quantity_value(e, &f, At::Val(&f), k, &q);
        }
    }
    // The v1 → internal conversion makes podCIDR the only podCIDRs entry when podCIDRs is
    // empty (pkg/apis/core/v1/conversion.go Convert_v1_NodeSpec_To_core_NodeSpec); each entry
    // must parse (IsValidCIDRForLegacyField, netutils.ParseCIDRSloppy), and two must be one
    // IPv4 and one IPv6 range.
    let (cidrs, given_as) = match (&node.spec.pod_cidrs[..], node.spec.pod_cidr.as_str()) {
        ([], "") => (Vec::new(), ""),
        ([], one) => (vec![one], "spec.podCIDR"),
        (list, _) => (list.iter().map(String::as_str).collect(), "spec.podCIDRs"),
    };
    let mut families = Vec::new();
    for (i, c) in cidrs.iter().enumerate() {
        let at = match given_as {
            "spec.podCIDR" => given_as.to_string(),
            _ => format!("spec.podCIDRs[{i}]"),
        };
        match cidr_family(c) {
            Some(f) => families.push(f),
            None => e.invalid(
                &format!("spec.podCIDRs[{i}]"),
                At::Val(&at),
                s(c),
                "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
            ),
        }
    }
    if cidrs.len() > 1 && (cidrs.len() > 2 || families.len() == 2 && families[0] == families[1]) {
        let list = cidrs.iter().map(|c| go_json_str(c)).collect::<Vec<_>>();
        e.invalid(
            "spec.podCIDRs",
            At::Val("spec.podCIDRs"),
            GoVal::Raw(format!("[{}]", list.join(","))),
            "may specify no more than one CIDR for each IP family",
        );
    }
}

/// netutils.ParseCIDRSloppy: the address family of `ip/prefix` (4 or 6), None when it does not
/// parse. Sloppy: IPv4 octets may have leading zeros, and so may the prefix length.
fn cidr_family(c: &str) -> Option<u8> {
    let (ip, prefix) = c.split_once('/')?;
    if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) || prefix.len() > 3 {
        return None;
    }
    let bits: u32 = prefix.parse().ok()?;
    let octets: Vec<&str> = ip.split('.').collect();
    if octets.len() == 4 {
        let ok = octets.iter().all(|o| {
            !o.is_empty()
                && o.len() <= 3
                && o.bytes().all(|b| b.is_ascii_digit())
                && o.parse::<u32>().is_ok_and(|n| n <= 255)
        });
        return (ok && bits <= 32).then_some(4);
    }
    ip.parse::<std::net::Ipv6Addr>().ok()?;
    (bits <= 128).then_some(6)
}

// --- Updates: pkg/apis/batch/validation/validation.go (ValidateJobSpecUpdate,
// --- validatePodTemplateUpdate, validateCompletions), pkg/registry/apps/daemonset/strategy.go
// --- (selector immutability), ValidateImmutableField ("field is immutable").

const GENERATED_JOB_LABELS: [&str; 4] = [
    "batch.kubernetes.io/controller-uid",
    "batch.kubernetes.io/job-name",
    "controller-uid",
    "job-name",
];

/// What `kubectl apply` would send for a Job: fields the manifest leaves out keep their live
/// values (the generated selector and the labels generated on the pod template).
pub(crate) fn applied_job_spec(new: &JobSpec, old: &JobSpec) -> JobSpec {
    let mut spec = new.clone();
    if spec.selector.is_none() {
        spec.selector = old.selector.clone();
    }
    if spec.manual_selector.is_none() {
        spec.manual_selector = old.manual_selector;
    }
    for k in GENERATED_JOB_LABELS {
        if let Some(v) = old.template.metadata.labels.get(k) {
            spec.template
                .metadata
                .labels
                .entry(k.to_string())
                .or_insert_with(|| v.clone());
        }
    }
    spec
}

fn opt_int(v: Option<i32>) -> GoVal {
    match v {
        Some(i) => GoVal::Int(i.into()),
        None => GoVal::Raw("null".to_string()),
    }
}

/// JSON of the internal `batch.SuccessPolicy` (Go field names; unset pointers null).
fn go_success_policy(p: &SuccessPolicy) -> String {
    let rules: Vec<String> = p
        .rules
        .iter()
        .map(|r| {
            format!(
                "{{\"SucceededIndexes\":{},\"SucceededCount\":{}}}",
                r.succeeded_indexes
                    .as_deref()
                    .map_or("null".to_string(), go_json_str),
                r.succeeded_count
                    .map_or("null".to_string(), |c| c.to_string())
            )
        })
        .collect();
    // An empty list is taken as written (`rules: []`), not left out (nil).
    format!("{{\"Rules\":[{}]}}", rules.join(","))
}

/// JSON of the internal `batch.PodFailurePolicy`.
fn go_pod_failure_policy(p: &crate::api::PodFailurePolicy) -> String {
    let rules: Vec<String> = p
        .rules
        .iter()
        .map(|r| {
            let codes = r.on_exit_codes.as_ref().map_or("null".to_string(), |c| {
                let values: Vec<String> = c.values.iter().map(|v| v.to_string()).collect();
                format!(
                    "{{\"ContainerName\":{},\"Operator\":{},\"Values\":{}}}",
                    c.container_name
                        .as_deref()
                        .map_or("null".to_string(), go_json_str),
                    go_json_str(&c.operator),
                    match values.is_empty() {
                        true => "null".to_string(),
                        false => format!("[{}]", values.join(",")),
                    }
                )
            });
            let conditions = r
                .on_pod_conditions
                .as_ref()
                .map_or("null".to_string(), |cs| {
                    let items: Vec<String> = cs
                        .iter()
                        .map(|c| {
                            format!(
                                "{{\"Type\":{},\"Status\":{}}}",
                                go_json_str(&c.type_),
                                go_json_str(&c.status)
                            )
                        })
                        .collect();
                    format!("[{}]", items.join(","))
                });
            format!(
                "{{\"Action\":{},\"OnExitCodes\":{codes},\"OnPodConditions\":{conditions}}}",
                go_json_str(&r.action)
            )
        })
        .collect();
    // An empty list is taken as written (`rules: []`), not left out (nil).
    format!("{{\"Rules\":[{}]}}", rules.join(","))
}

/// JSON of the internal `core.PodTemplateSpec`: its ObjectMeta inline under JSON tags, then
/// `Spec`, whose internal PodSpec (some fifty Go fields, most null) is abbreviated to `{...}`.
fn go_template_abbreviated(t: &crate::api::PodTemplateSpec) -> String {
    let m = &t.metadata;
    let mut fields = Vec::new();
    if !m.name.is_empty() {
        fields.push(format!("\"name\":{}", go_json_str(&m.name)));
    }
    if !m.labels.is_empty() {
        fields.push(format!("\"labels\":{}", go_map(&m.labels)));
    }
    if !m.annotations.is_empty() {
        fields.push(format!("\"annotations\":{}", go_map(&m.annotations)));
    }
    fields.push("\"Spec\":{...}".to_string());
    format!("{{{}}}", fields.join(","))
}

/// `apply`: `new` is what `kubectl apply` sends (see `applied_job_spec`); else it is the whole
/// object (patch, set image), where a generated label taken out is a change of the template.
pub(crate) fn validate_update(
    old: &Object,
    new: &Object,
    pos: &Positions,
    apply: bool,
) -> Vec<ManifestError> {
    let mut e = Errs::new(pos);
    match (old, new) {
        (Object::Job(old), Object::Job(new)) => {
            let spec = match apply {
                true => applied_job_spec(&new.spec, &old.spec),
                // The console leaves an unchanged generated selector out (patch.rs `sendable`).
                false => JobSpec {
                    selector: new
                        .spec
                        .selector
                        .clone()
                        .or_else(|| old.spec.selector.clone()),
                    manual_selector: new.spec.manual_selector.or(old.spec.manual_selector),
                    ..new.spec.clone()
                },
            };
            let o = &old.spec;
            // validateCompletions (elastic Indexed Jobs: completions may change with parallelism).
            if spec.completions != o.completions {
                if spec.is_indexed() {
                    if let Some(c) = spec.completions {
                        if Some(c) != spec.parallelism {
                            e.invalid(
                                "spec.completions",
                                At::Val("spec.completions"),
                                GoVal::Int(c.into()),
                                "can only be modified in tandem with spec.parallelism",
                            );
                        }
                    }
                } else {
                    e.invalid(
                        "spec.completions",
                        At::Val("spec.completions"),
                        opt_int(spec.completions),
                        "field is immutable",
                    );
                }
            }
            if spec.selector != o.selector {
                let v = spec
                    .selector
                    .as_ref()
                    .map(go_selector)
                    .unwrap_or_else(|| "null".to_string());
                e.invalid(
                    "spec.selector",
                    At::Val("spec.selector"),
                    GoVal::Raw(v),
                    "field is immutable",
                );
            }
            // validatePodTemplateUpdate: scheduling directives may change while the Job is
            // suspended and has not started (strategy.go validationOptionsForJob reads the old
            // Job only, so the update that resumes it may set them too, as Kueue does).
            let mut new_t = spec.template.clone();
            let mut old_t = o.template.clone();
            let mutable = o.is_suspended() && old.status.start_time.is_none();
            if mutable {
                for t in [&mut new_t, &mut old_t] {
                    t.spec.node_selector.clear();
                    t.spec.tolerations.clear();
                    t.metadata.annotations.clear();
                    t.metadata.labels.clear();
                    t.spec.other.remove("schedulingGates");
                    if let Some(a) = t.spec.affinity.as_mut() {
                        a.node_affinity = None;
                        if a.other.is_empty() {
                            t.spec.affinity = None;
                        }
                    }
                }
            }
            if new_t != old_t {
                e.invalid(
                    "spec.template",
                    At::Val("spec.template"),
                    GoVal::Raw(go_template_abbreviated(&spec.template)),
                    "field is immutable",
                );
            }
            // ValidateJobSpecUpdate's order: completions, selector, template, completionMode,
            // then podFailurePolicy, backoffLimitPerIndex, managedBy, successPolicy.
            if spec.completion_mode != o.completion_mode {
                let v = spec
                    .completion_mode
                    .as_deref()
                    .map(s)
                    .unwrap_or(GoVal::Raw("null".into()));
                e.invalid(
                    "spec.completionMode",
                    At::Val("spec.completionMode"),
                    v,
                    "field is immutable",
                );
            }
            // ValidateImmutableField: field.Error's ErrorBody follows a pointer (nil: null) and
            // prints the struct as JSON.
            let changed = [
                (
                    "spec.podFailurePolicy",
                    spec.pod_failure_policy != o.pod_failure_policy,
                    GoVal::Raw(
                        spec.pod_failure_policy
                            .as_ref()
                            .map_or("null".to_string(), go_pod_failure_policy),
                    ),
                ),
                (
                    "spec.backoffLimitPerIndex",
                    spec.backoff_limit_per_index != o.backoff_limit_per_index,
                    opt_int(spec.backoff_limit_per_index),
                ),
                (
                    "spec.managedBy",
                    spec.managed_by != o.managed_by,
                    spec.managed_by
                        .as_deref()
                        .map_or(GoVal::Raw("null".into()), s),
                ),
                (
                    "spec.successPolicy",
                    spec.success_policy != o.success_policy,
                    GoVal::Raw(
                        spec.success_policy
                            .as_ref()
                            .map_or("null".to_string(), go_success_policy),
                    ),
                ),
            ];
            for (path, _, value) in changed.into_iter().filter(|c| c.1) {
                e.invalid(path, At::Key(path), value, "field is immutable");
            }
        }
        (Object::CronJob(old), Object::CronJob(new)) => {
            // Only the rules that differ on update: TZ= in a schedule that already had one.
            let mut scratch = Errs::new(pos);
            validate_cron_job(&mut scratch, new, Some(&old.spec));
            let mut create = Errs::new(pos);
            validate_cron_job(&mut create, new, None);
            for err in scratch.out {
                if !create.out.contains(&err) {
                    e.out.push(err);
                }
            }
        }
        (Object::DaemonSet(old), Object::DaemonSet(new))
            if new.spec.selector != old.spec.selector =>
        {
            let v = new
                .spec
                .selector
                .as_ref()
                .map(go_selector)
                .unwrap_or_else(|| "null".to_string());
            e.invalid(
                "spec.selector",
                At::Val("spec.selector"),
                GoVal::Raw(v),
                "field is immutable",
            );
        }
        _ => {}
    }
    e.out
}
