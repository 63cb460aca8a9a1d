//! API-server defaulting of a decoded object (before validation, as the API server does it).

use crate::api::*;

/// pkg/apis/batch/v1/defaults.go `SetDefaults_Job` (spec part) and the pod template defaults.
pub fn default_job_spec(spec: &mut JobSpec) {
    // For a non-parallel job both may be left unset; both then default to 1.
    if spec.completions.is_none() && spec.parallelism.is_none() {
        spec.completions = Some(1);
        spec.parallelism = Some(1);
    }
    // Completions unset but parallelism set: work-queue mode, completions stays unset.
    if spec.parallelism.is_none() {
        spec.parallelism = Some(1);
    }
    if spec.backoff_limit.is_none() {
        // With backoffLimitPerIndex the per-index limit is the one that matters.
        spec.backoff_limit = Some(match spec.backoff_limit_per_index {
            Some(_) => i32::MAX,
            None => 6,
        });
    }
    if spec.completion_mode.is_none() {
        spec.completion_mode = Some("NonIndexed".to_string());
    }
    if spec.suspend.is_none() {
        spec.suspend = Some(false);
    }
    // JobPodReplacementPolicy is GA (1.34): Failed with a podFailurePolicy, else
    // TerminatingOrFailed.
    if spec.pod_replacement_policy.is_none() {
        spec.pod_replacement_policy = Some(
            match spec.pod_failure_policy {
                Some(_) => "Failed",
                None => "TerminatingOrFailed",
            }
            .into(),
        );
    }
    // SetDefaults_PodFailurePolicyOnPodConditionsPattern.
    if let Some(policy) = &mut spec.pod_failure_policy {
        for rule in &mut policy.rules {
            for pattern in rule.on_pod_conditions.iter_mut().flatten() {
                if pattern.status.is_empty() {
                    pattern.status = "True".into();
                }
            }
        }
    }
    default_pod_spec(&mut spec.template.spec);
}

/// pkg/apis/core/v1/defaults.go `SetDefaults_PodSpec` (the parts the simulation reads).
pub fn default_pod_spec(spec: &mut PodSpec) {
    if spec.restart_policy.is_empty() {
        spec.restart_policy = "Always".to_string();
    }
    if spec.termination_grace_period_seconds.is_none() {
        spec.termination_grace_period_seconds = Some(30);
    }
    for c in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut())
    {
        if let Some(r) = c.other.get_mut("resources") {
            canonical_resources(r);
        }
    }
    drop_shown_defaults(spec);
}

/// SetDefaults_ResourceList (pkg/apis/core/v1/defaults.go) rounds every quantity up to a
/// thousandth, and the API stores it canonically: `cpu: 0.5` comes back as `500m`,
/// `memory: 1000M` as `1G`. What is not a quantity is left for validation to refuse.
fn canonical_resources(r: &mut serde_json::Value) {
    for list in ["limits", "requests"] {
        let Some(serde_json::Value::Object(m)) = r.get_mut(list) else {
            continue;
        };
        for (_, q) in m.iter_mut() {
            if let Some(c) = crate::api::resources::Quantity::canonical(q) {
                *q = c.into();
            }
        }
    }
}

/// The defaults `api_view` shows are not stored (see there), so one written out, as in an
/// object's own `kubectl get -o yaml` applied back, is dropped: the object is the same as
/// with it left out (no "field is immutable" for a Job's template, no new DaemonSet revision).
fn drop_shown_defaults(spec: &mut PodSpec) {
    let is = |v: Option<&serde_json::Value>, want: &serde_json::Value| v == Some(want);
    for (k, want) in pod_spec_defaults() {
        if is(spec.other.get(k), &want) {
            spec.other.remove(k);
        }
    }
    // The v1 conversion's mirror of serviceAccountName.
    if spec.other.contains_key("serviceAccount")
        && spec.other.get("serviceAccount") == spec.other.get("serviceAccountName")
    {
        spec.other.remove("serviceAccount");
    }
    if let Some(serde_json::Value::Array(vs)) = spec.other.get_mut("volumes") {
        for v in vs.iter_mut() {
            for (source, key, value) in VOLUME_DEFAULTS {
                if let Some(serde_json::Value::Object(src)) = v.get_mut(source) {
                    if src.get(key) == Some(&value.into()) {
                        src.remove(key);
                    }
                }
            }
        }
    }
    for c in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut())
    {
        for (k, want) in container_defaults(&c.image) {
            if is(c.other.get(k), &want) {
                c.other.remove(k);
            }
        }
        if let Some(serde_json::Value::Array(ports)) = c.other.get_mut("ports") {
            for p in ports.iter_mut().filter_map(|p| p.as_object_mut()) {
                if p.get("protocol").and_then(|v| v.as_str()) == Some("TCP") {
                    p.remove("protocol");
                }
            }
        }
        for e in &mut c.env {
            if let Some(v) = e.value_from.as_mut() {
                drop_zero_divisor(v);
            }
        }
    }
    if let Some(v) = spec.other.get_mut("volumes") {
        drop_zero_divisor(v);
    }
}

/// A `resourceFieldRef`'s `divisor: "0"`, which `api_view` shows, is the same as none.
fn drop_zero_divisor(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Array(a) => a.iter_mut().for_each(drop_zero_divisor),
        serde_json::Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match x.as_object_mut() {
                    Some(f) if k == "resourceFieldRef" => {
                        if f.get("divisor").and_then(|d| d.as_str()) == Some("0") {
                            f.remove("divisor");
                        }
                    }
                    _ => drop_zero_divisor(x),
                }
            }
        }
        _ => {}
    }
}

/// SetDefaults_PodSpec's values that `api_view` shows and the stored objects leave out.
fn pod_spec_defaults() -> [(&'static str, serde_json::Value); 3] {
    [
        ("dnsPolicy", "ClusterFirst".into()),
        ("schedulerName", "default-scheduler".into()),
        ("securityContext", serde_json::json!({})),
    ]
}

/// SetDefaults_Container's, likewise.
fn container_defaults(image: &str) -> [(&'static str, serde_json::Value); 4] {
    [
        ("imagePullPolicy", default_pull_policy(image).into()),
        ("resources", serde_json::json!({})),
        ("terminationMessagePath", "/dev/termination-log".into()),
        ("terminationMessagePolicy", "File".into()),
    ]
}

/// Applies every default to a freshly decoded object.
pub(crate) fn apply(obj: &mut Object) {
    match obj {
        Object::Job(job) => {
            if job.metadata.namespace.is_empty() {
                job.metadata.namespace = "default".to_string();
            }
            default_job_spec(&mut job.spec);
            // SetDefaults_Job: a Job without labels takes its pod template's labels.
            if job.metadata.labels.is_empty() && !job.spec.template.metadata.labels.is_empty() {
                job.metadata.labels = job.spec.template.metadata.labels.clone();
            }
        }
        Object::CronJob(cj) => {
            if cj.metadata.namespace.is_empty() {
                cj.metadata.namespace = "default".to_string();
            }
            // pkg/apis/batch/v1/defaults.go SetDefaults_CronJob.
            let s = &mut cj.spec;
            if s.concurrency_policy.is_empty() {
                s.concurrency_policy = "Allow".to_string();
            }
            if s.suspend.is_none() {
                s.suspend = Some(false);
            }
            if s.successful_jobs_history_limit.is_none() {
                s.successful_jobs_history_limit = Some(3);
            }
            if s.failed_jobs_history_limit.is_none() {
                s.failed_jobs_history_limit = Some(1);
            }
            // The API server defaults only the pod template here; the Job fields are defaulted
            // when the CronJob controller creates a Job from it (as src/controllers/cronjob.rs does).
            default_pod_spec(&mut s.job_template.spec.template.spec);
        }
        Object::DaemonSet(ds) => {
            if ds.metadata.namespace.is_empty() {
                ds.metadata.namespace = "default".to_string();
            }
            // pkg/apis/apps/v1/defaults.go SetDefaults_DaemonSet.
            let s = &mut ds.spec;
            let st = &mut s.update_strategy;
            if st.type_.is_empty() {
                st.type_ = "RollingUpdate".to_string();
            }
            if st.type_ == "RollingUpdate" {
                let ru = st.rolling_update.get_or_insert_with(Default::default);
                if ru.max_unavailable.is_none() {
                    ru.max_unavailable = Some(IntOrString::Int(1));
                }
                if ru.max_surge.is_none() {
                    ru.max_surge = Some(IntOrString::Int(0));
                }
            }
            if s.revision_history_limit.is_none() {
                s.revision_history_limit = Some(10);
            }
            default_pod_spec(&mut s.template.spec);
        }
        Object::Node(node) => {
            // Cluster-scoped: a namespace in the manifest is dropped, as the API server does.
            node.metadata.namespace.clear();
        }
        Object::Pod(_) | Object::ControllerRevision(_) | Object::Event(_) => {}
    }
}

/// The API server's defaults CtrlScope does not store on each object but shows, as a real
/// cluster's `kubectl get -o yaml|json` does: pkg/apis/core/v1/defaults.go SetDefaults_PodSpec
/// (`dnsPolicy`, `schedulerName`, `securityContext`) and SetDefaults_Container
/// (`imagePullPolicy`: `Always` for a `:latest` or untagged image, which ParseImageName reads as
/// `latest`, else `IfNotPresent`; the termination message path and policy; `resources: {}`).
/// Kept out of the stored objects: a 100 000-pod Job would copy them into every pod.
pub fn api_view(v: &mut serde_json::Value) {
    let path: &[&str] = match v.get("kind").and_then(|k| k.as_str()) {
        Some("ControllerRevision") => {
            revision_view(v);
            return;
        }
        Some("Pod") => &["spec"],
        Some("Job") | Some("DaemonSet") => &["spec", "template", "spec"],
        Some("CronJob") => &["spec", "jobTemplate", "spec", "template", "spec"],
        Some("List") => {
            if let Some(items) = v.get_mut("items").and_then(|i| i.as_array_mut()) {
                items.iter_mut().for_each(api_view);
            }
            return;
        }
        _ => return,
    };
    // A pod (not a template) got the service account volume on create.
    let uid = (path.len() == 1)
        .then(|| {
            v.pointer("/metadata/uid")
                .and_then(|u| u.as_str())
                .map(str::to_string)
        })
        .flatten();
    if path.len() == 1 {
        pod_status_view(v);
    }
    let mut spec = Some(&mut *v);
    for p in path {
        spec = spec.and_then(|s| s.get_mut(*p));
    }
    let Some(serde_json::Value::Object(spec)) = spec else {
        return;
    };
    if uid.is_some() {
        add_service_account_volume(uid.as_deref().unwrap_or(""), spec);
        // SetDefaults_Pod (a pod, not a template).
        if !spec.contains_key("enableServiceLinks") {
            spec.insert("enableServiceLinks".into(), true.into());
        }
    }
    let set =
        |m: &mut serde_json::Map<String, serde_json::Value>, k: &str, d: serde_json::Value| {
            if !m.contains_key(k) {
                m.insert(k.to_string(), d);
            }
        };
    let [dns, scheduler, security] = pod_spec_defaults();
    set(spec, dns.0, dns.1);
    // The v1 conversion mirrors serviceAccountName into the deprecated serviceAccount.
    if let Some(sa) = spec.get("serviceAccountName").cloned() {
        set(spec, "serviceAccount", sa);
    }
    set(spec, scheduler.0, scheduler.1);
    set(spec, security.0, security.1);
    for key in ["initContainers", "containers", "volumes"] {
        if let Some(v) = spec.get_mut(key) {
            field_ref_defaults(v);
        }
    }
    if let Some(serde_json::Value::Array(vs)) = spec.get_mut("volumes") {
        for v in vs.iter_mut().filter_map(|v| v.as_object_mut()) {
            for (source, key, value) in VOLUME_DEFAULTS {
                if let Some(serde_json::Value::Object(src)) = v.get_mut(source) {
                    if !src.contains_key(key) {
                        src.insert(key.to_string(), value.into());
                    }
                }
            }
        }
    }
    for list in ["initContainers", "containers"] {
        let Some(serde_json::Value::Array(cs)) = spec.get_mut(list) else {
            continue;
        };
        for c in cs.iter_mut() {
            let Some(c) = c.as_object_mut() else { continue };
            let image = c.get("image").and_then(|i| i.as_str()).unwrap_or("");
            for (k, v) in container_defaults(image) {
                set(c, k, v);
            }
            // SetDefaults_ContainerPort.
            if let Some(serde_json::Value::Array(ports)) = c.get_mut("ports") {
                for p in ports.iter_mut().filter_map(|p| p.as_object_mut()) {
                    if !p.contains_key("protocol") {
                        p.insert("protocol".into(), "TCP".into());
                    }
                }
            }
            for kind in ["livenessProbe", "readinessProbe", "startupProbe"] {
                if let Some(serde_json::Value::Object(probe)) = c.get_mut(kind) {
                    probe_defaults(probe);
                }
            }
        }
    }
}

/// A pod's status as the API serialises it: struct fields without `omitempty` are always
/// there, empty (each condition's `lastProbeTime: null`, a container status's `lastState: {}`).
/// With PodObservedGenerationTracking (beta, on in 1.34) each condition carries the pod's
/// generation it was written for, and a pod the kubelet has synced `status.observedGeneration`
/// (status/generate.go, kubelet_pods.go generateAPIPodStatus).
fn pod_status_view(v: &mut serde_json::Value) {
    let generation = v.pointer("/metadata/generation").cloned();
    let Some(status) = v.get_mut("status").and_then(|s| s.as_object_mut()) else {
        return;
    };
    if let Some(g) = generation
        .clone()
        .filter(|_| status.contains_key("startTime"))
    {
        status.entry("observedGeneration").or_insert(g);
    }
    if let Some(serde_json::Value::Array(cs)) = status.get_mut("conditions") {
        for c in cs.iter_mut().filter_map(|c| c.as_object_mut()) {
            // Not on the API server's own SchedulingGated condition (strategy.go).
            let by_api_server = c.get("reason").and_then(|r| r.as_str()) == Some("SchedulingGated");
            if let Some(g) = generation.as_ref().filter(|_| !by_api_server) {
                c.entry("observedGeneration").or_insert_with(|| g.clone());
            }
            c.entry("lastProbeTime").or_insert(serde_json::Value::Null);
            // metav1.Time marshals its zero value as null.
            c.entry("lastTransitionTime")
                .or_insert(serde_json::Value::Null);
        }
    }
    for list in ["initContainerStatuses", "containerStatuses"] {
        if let Some(serde_json::Value::Array(cs)) = status.get_mut(list) {
            for c in cs.iter_mut().filter_map(|c| c.as_object_mut()) {
                c.entry("lastState")
                    .or_insert_with(|| serde_json::json!({}));
            }
        }
    }
}

/// Volume sources' defaults (pkg/apis/core/v1/defaults.go SetDefaults_ConfigMapVolumeSource,
/// _SecretVolumeSource, _DownwardAPIVolumeSource, _ProjectedVolumeSource: mode 0644;
/// SetDefaults_HostPathVolumeSource: HostPathUnset).
const VOLUME_DEFAULTS: [(&str, &str, DefaultValue); 5] = [
    ("configMap", "defaultMode", DefaultValue::Int(420)),
    ("secret", "defaultMode", DefaultValue::Int(420)),
    ("downwardAPI", "defaultMode", DefaultValue::Int(420)),
    ("projected", "defaultMode", DefaultValue::Int(420)),
    ("hostPath", "type", DefaultValue::Str("")),
];

#[derive(Clone, Copy)]
enum DefaultValue {
    Int(i64),
    Str(&'static str),
}

impl From<DefaultValue> for serde_json::Value {
    fn from(v: DefaultValue) -> Self {
        match v {
            DefaultValue::Int(i) => i.into(),
            DefaultValue::Str(s) => s.into(),
        }
    }
}

/// SetDefaults_ObjectFieldSelector (pkg/apis/core/v1/defaults.go): every `fieldRef` (an env
/// var's, a downwardAPI item's) gets `apiVersion: v1`, the Job controller's
/// JOB_COMPLETION_INDEX too.
fn field_ref_defaults(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Array(a) => a.iter_mut().for_each(field_ref_defaults),
        serde_json::Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match x {
                    serde_json::Value::Object(f) if k == "fieldRef" => {
                        if !f.contains_key("apiVersion") {
                            f.insert("apiVersion".into(), "v1".into());
                        }
                    }
                    // ResourceFieldSelector.Divisor is a Quantity struct: `omitempty` keeps it.
                    serde_json::Value::Object(f) if k == "resourceFieldRef" => {
                        if !f.contains_key("divisor") {
                            f.insert("divisor".into(), "0".into());
                        }
                    }
                    _ => field_ref_defaults(x),
                }
            }
        }
        _ => {}
    }
}

/// Where the ServiceAccount admission plugin mounts the API credentials.
const SA_MOUNT_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

/// The ServiceAccount admission plugin's token volume (plugin/pkg/admission/serviceaccount/
/// admission.go mountServiceAccountToken, TokenVolumeSource): `kube-api-access-XXXXX`, a
/// projected bound token, the cluster CA and the namespace, mounted read-only into every
/// container (and init container) that has nothing at its path, unless
/// `automountServiceAccountToken: false`. Added to a pod as it is shown, not stored: a
/// 100 000-pod Job would otherwise keep 100 000 copies. The name's five characters come from
/// the pod's uid (the plugin draws them at random).
pub fn service_account_volume(
    uid: &str,
    automount: Option<&serde_json::Value>,
) -> Option<(String, serde_json::Value)> {
    // A pod without a uid never went through the API server's admission.
    if uid.is_empty() || automount.and_then(|v| v.as_bool()) == Some(false) {
        return None;
    }
    // utilrand's alphabet: no vowels, no confusable digits.
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let hex: Vec<u8> = uid
        .bytes()
        .filter_map(|b| (b as char).to_digit(16).map(|d| d as u8))
        .collect();
    let suffix: String = hex
        .chunks(2)
        .take(5)
        .map(|p| {
            let byte = p.iter().fold(0usize, |a, d| a * 16 + usize::from(*d));
            ALPHABET[byte % ALPHABET.len()] as char
        })
        .collect();
    let name = format!("kube-api-access-{suffix}");
    let volume = serde_json::json!({
        "name": name,
        "projected": {
            "defaultMode": 420,
            "sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}}
            ]
        }
    });
    Some((name, volume))
}

/// Adds the service account token volume and its mounts to a pod's spec (see above).
pub fn add_service_account_volume(
    uid: &str,
    spec: &mut serde_json::Map<String, serde_json::Value>,
) {
    let Some((name, volume)) =
        service_account_volume(uid, spec.get("automountServiceAccountToken"))
    else {
        return;
    };
    for list in ["initContainers", "containers"] {
        let Some(serde_json::Value::Array(cs)) = spec.get_mut(list) else {
            continue;
        };
        for c in cs.iter_mut().filter_map(|c| c.as_object_mut()) {
            add_mount(c.entry("volumeMounts").or_insert_with(empty), &name);
        }
    }
    push(spec.entry("volumes").or_insert_with(empty), volume);
}

/// The same on a pod as the simulation holds it (for `kubectl describe pod`).
pub fn with_service_account_volume(uid: &str, spec: &crate::api::PodSpec) -> crate::api::PodSpec {
    let mut spec = spec.clone();
    let Some((name, volume)) =
        service_account_volume(uid, spec.other.get("automountServiceAccountToken"))
    else {
        return spec;
    };
    for c in spec
        .init_containers
        .iter_mut()
        .chain(spec.containers.iter_mut())
    {
        add_mount(
            c.other
                .entry("volumeMounts".to_string())
                .or_insert_with(empty),
            &name,
        );
    }
    push(
        spec.other
            .entry("volumes".to_string())
            .or_insert_with(empty),
        volume,
    );
    spec
}

fn empty() -> serde_json::Value {
    serde_json::Value::Array(Vec::new())
}

fn push(list: &mut serde_json::Value, v: serde_json::Value) {
    if let serde_json::Value::Array(list) = list {
        list.push(v);
    }
}

fn add_mount(mounts: &mut serde_json::Value, name: &str) {
    if let serde_json::Value::Array(ms) = mounts {
        let taken = ms
            .iter()
            .any(|m| m.get("mountPath").and_then(|p| p.as_str()) == Some(SA_MOUNT_PATH));
        if !taken {
            ms.push(
                serde_json::json!({"mountPath": SA_MOUNT_PATH, "name": name, "readOnly": true}),
            );
        }
    }
}

/// SetDefaults_Probe and SetDefaults_HTTPGetAction (pkg/apis/core/v1/defaults.go): a zero or
/// missing timing takes its default.
fn probe_defaults(probe: &mut serde_json::Map<String, serde_json::Value>) {
    for (k, d) in [
        ("timeoutSeconds", 1),
        ("periodSeconds", 10),
        ("successThreshold", 1),
        ("failureThreshold", 3),
    ] {
        if probe.get(k).and_then(|v| v.as_i64()).unwrap_or(0) == 0 {
            probe.insert(k.to_string(), d.into());
        }
    }
    // In the Go struct's field order, as `-o json` has it.
    const ORDER: [&str; 10] = [
        "exec",
        "httpGet",
        "tcpSocket",
        "grpc",
        "initialDelaySeconds",
        "timeoutSeconds",
        "periodSeconds",
        "successThreshold",
        "failureThreshold",
        "terminationGracePeriodSeconds",
    ];
    let mut ordered = serde_json::Map::new();
    for k in ORDER {
        if let Some(v) = probe.shift_remove(k) {
            ordered.insert(k.to_string(), v);
        }
    }
    ordered.append(probe);
    *probe = ordered;
    if let Some(serde_json::Value::Object(http)) = probe.get_mut("httpGet") {
        if http
            .get("path")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .is_empty()
        {
            http.insert("path".into(), "/".into());
        }
        if http
            .get("scheme")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .is_empty()
        {
            http.insert("scheme".into(), "HTTP".into());
        }
    }
}

/// A DaemonSet's ControllerRevision as stored: its `data` is the patch that restores the
/// template (pkg/controller/daemon/update.go getPatch: `{"spec":{"template":{"$patch":
/// "replace", …}}}`, the template as the DaemonSet shows it), and it has no generation.
fn revision_view(v: &mut serde_json::Value) {
    if let Some(m) = v.get_mut("metadata").and_then(|m| m.as_object_mut()) {
        m.shift_remove("generation");
    }
    let Some(data) = v.get_mut("data") else {
        return;
    };
    // The DaemonSet's defaults on the template, then the patch around it.
    let mut ds = serde_json::json!({"kind": "DaemonSet", "spec": {"template": data.take()}});
    api_view(&mut ds);
    let mut template = ds["spec"]["template"].take();
    if let Some(t) = template.as_object_mut() {
        t.insert("$patch".into(), "replace".into());
    }
    // Marshalled from Go maps: every object's keys in sorted order ("$patch" first).
    *data = sorted_keys(serde_json::json!({ "spec": { "template": template } }));
}

fn sorted_keys(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => serde_json::Value::Object(
            crate::sort::to_map(m)
                .into_iter()
                .map(|(k, v)| (k, sorted_keys(v)))
                .collect(),
        ),
        serde_json::Value::Array(a) => {
            serde_json::Value::Array(a.into_iter().map(sorted_keys).collect())
        }
        other => other,
    }
}

/// SetDefaults_Container: `Always` for `:latest` or no tag (and no digest), else
/// `IfNotPresent`.
pub fn default_pull_policy(image: &str) -> &'static str {
    match image_tag(image) {
        Some("latest") => "Always",
        None if !image.contains('@') => "Always",
        _ => "IfNotPresent",
    }
}

/// A container's imagePullPolicy, as written or as the API server defaults it.
pub fn image_pull_policy(c: &crate::api::Container) -> &str {
    match c.other.get("imagePullPolicy").and_then(|v| v.as_str()) {
        Some(p) if !p.is_empty() => p,
        _ => default_pull_policy(&c.image),
    }
}

/// The tag of an image reference (`busybox:1.36` → `1.36`), None without one; a `:` before the
/// last `/` is a registry's port (`localhost:5000/app`).
fn image_tag(image: &str) -> Option<&str> {
    let name = image.split('@').next().unwrap_or(image);
    let last = name.rsplit('/').next().unwrap_or(name);
    last.split_once(':').map(|(_, t)| t)
}
