//! Manifests: multi-document YAML → typed, defaulted, validated API objects, the way
//! `kubectl apply` + the API server would take them, every error with its line and column.
//!
//! The pipeline per document: `yaml` builds a positioned tree (go-yaml v2 scalar rules), `decode`
//! strictly decodes it into `crate::api` types (type errors, `unknown field`), `defaults` applies
//! the API server's defaults, `validation` applies its validation rules and wording.

mod decode;
pub use decode::{is_decode_error, unknown_field};
mod defaults;
mod field;
pub mod from_yaml;
pub mod hints;
pub mod lecture;
pub mod shell;
mod validation;
mod warnings;
pub mod zh;
pub use validation::NEW_JOB_UID;
pub(crate) mod yaml;

use std::collections::HashMap;

use crate::api::Object;

pub use defaults::{
    api_view, default_job_spec, default_pod_spec, image_pull_policy, with_service_account_volume,
};
pub(crate) use field::go_quote;

/// One validation or parse error, API-server style, with its place in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct ManifestError {
    /// 1-based line and column of the offending node (the document start for whole-object errors).
    pub line: usize,
    pub column: usize,
    /// The field path (`spec.template.spec.restartPolicy`), empty for syntax errors.
    pub field: String,
    /// The whole message as the API server words it, field path included.
    pub message: String,
}

impl std::fmt::Display for ManifestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// A parsed object and where each of its fields stands in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub object: Object,
    /// Keys given twice in a mapping: (line, key, line of the earlier one). The last was kept,
    /// as kubectl keeps it (`duplicate_note` words it).
    pub duplicates: Vec<(usize, String, usize)>,
    /// Where the document's top-level mapping starts (1-based).
    pub line: usize,
    pub column: usize,
    pub positions: Positions,
}

/// Field path (`spec.template.spec.containers[0].image`, map keys also as
/// `metadata.annotations[sim.ctrlscope.dev/duration]`) → 1-based (line, column).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Positions {
    values: HashMap<String, (usize, usize)>,
    keys: HashMap<String, (usize, usize)>,
    doc_line: usize,
    doc_col: usize,
}

/// The parent of a field path: `a.b[0]` → `a.b`, `a.b` → `a`, `a[k.x]` → `a`, `a` → ``.
fn parent_path(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    if path.ends_with(']') {
        if let Some(i) = path.rfind('[') {
            return Some(&path[..i]);
        }
    }
    Some(path.rfind('.').map(|i| &path[..i]).unwrap_or(""))
}

impl Positions {
    /// Where the value at `path` starts; the nearest known ancestor if the path itself is absent.
    pub fn get(&self, path: &str) -> Option<(usize, usize)> {
        let mut p = Some(path);
        while let Some(cur) = p {
            if let Some(v) = self.values.get(cur) {
                return Some(*v);
            }
            p = parent_path(cur);
        }
        None
    }

    /// The field positions of a YAML text's first document (a lesson file, say), if it parses.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn of_yaml(src: &str) -> Option<Positions> {
        let stream = yaml::parse_stream(src);
        let root = stream.docs.first()?.root.as_ref()?;
        Some(Positions::build(root))
    }

    /// Where the mapping key of `path` stands (`get` for list items and absent fields).
    pub fn key(&self, path: &str) -> Option<(usize, usize)> {
        self.keys.get(path).copied().or_else(|| self.get(path))
    }

    /// Whether the source has a value at exactly this path.
    pub fn contains(&self, path: &str) -> bool {
        self.values.contains_key(path)
    }

    /// Every field path with a known position.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.values.keys().map(String::as_str)
    }

    fn build(root: &yaml::Node) -> Positions {
        let mut p = Positions {
            doc_line: root.line,
            doc_col: root.col,
            ..Default::default()
        };
        p.values.insert(String::new(), (root.line, root.col));
        p.walk(root, "", 0);
        p
    }

    fn walk(&mut self, node: &yaml::Node, path: &str, depth: usize) {
        if depth > yaml::MAX_TREE_DEPTH {
            return;
        }
        match &node.value {
            yaml::Value::Map(entries) => {
                for e in entries {
                    let simple = !e.key.is_empty()
                        && e.key
                            .bytes()
                            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-');
                    let bracket = format!("{path}[{}]", e.key);
                    let dotted = if path.is_empty() {
                        e.key.clone()
                    } else {
                        format!("{path}.{}", e.key)
                    };
                    for p in [&bracket, &dotted] {
                        self.values.insert(p.clone(), (e.value.line, e.value.col));
                        self.keys.insert(p.clone(), (e.key_line, e.key_col));
                    }
                    // Walk under the form field paths use: `a.b` for plain names, `a[k]` else.
                    let child = if simple { dotted } else { bracket };
                    self.walk(&e.value, &child, depth + 1);
                }
            }
            yaml::Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    let p = format!("{path}[{i}]");
                    self.values.insert(p.clone(), (item.line, item.col));
                    self.walk(item, &p, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// The kinds a 1.34 API server serves without CRDs, by group/version (`kubectl api-resources`).
pub(crate) const BUILTIN_KINDS: &[(&str, &str)] = &[
    ("v1", "Binding"),
    ("v1", "ComponentStatus"),
    ("v1", "ConfigMap"),
    ("v1", "Endpoints"),
    ("v1", "Event"),
    ("v1", "LimitRange"),
    ("v1", "Namespace"),
    ("v1", "Node"),
    ("v1", "PersistentVolume"),
    ("v1", "PersistentVolumeClaim"),
    ("v1", "Pod"),
    ("v1", "PodTemplate"),
    ("v1", "ReplicationController"),
    ("v1", "ResourceQuota"),
    ("v1", "Secret"),
    ("v1", "Service"),
    ("v1", "ServiceAccount"),
    ("apps/v1", "ControllerRevision"),
    ("apps/v1", "DaemonSet"),
    ("apps/v1", "Deployment"),
    ("apps/v1", "ReplicaSet"),
    ("apps/v1", "StatefulSet"),
    ("batch/v1", "CronJob"),
    ("batch/v1", "Job"),
    ("autoscaling/v1", "HorizontalPodAutoscaler"),
    ("autoscaling/v2", "HorizontalPodAutoscaler"),
    ("policy/v1", "PodDisruptionBudget"),
    ("networking.k8s.io/v1", "Ingress"),
    ("networking.k8s.io/v1", "IngressClass"),
    ("networking.k8s.io/v1", "NetworkPolicy"),
    ("networking.k8s.io/v1", "IPAddress"),
    ("networking.k8s.io/v1", "ServiceCIDR"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole"),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
    ("rbac.authorization.k8s.io/v1", "Role"),
    ("rbac.authorization.k8s.io/v1", "RoleBinding"),
    ("storage.k8s.io/v1", "CSIDriver"),
    ("storage.k8s.io/v1", "CSINode"),
    ("storage.k8s.io/v1", "CSIStorageCapacity"),
    ("storage.k8s.io/v1", "StorageClass"),
    ("storage.k8s.io/v1", "VolumeAttachment"),
    ("storage.k8s.io/v1", "VolumeAttributesClass"),
    ("scheduling.k8s.io/v1", "PriorityClass"),
    ("coordination.k8s.io/v1", "Lease"),
    ("node.k8s.io/v1", "RuntimeClass"),
    ("discovery.k8s.io/v1", "EndpointSlice"),
    ("events.k8s.io/v1", "Event"),
    ("certificates.k8s.io/v1", "CertificateSigningRequest"),
    (
        "admissionregistration.k8s.io/v1",
        "MutatingWebhookConfiguration",
    ),
    (
        "admissionregistration.k8s.io/v1",
        "ValidatingWebhookConfiguration",
    ),
    (
        "admissionregistration.k8s.io/v1",
        "ValidatingAdmissionPolicy",
    ),
    (
        "admissionregistration.k8s.io/v1",
        "ValidatingAdmissionPolicyBinding",
    ),
    ("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
    ("apiregistration.k8s.io/v1", "APIService"),
    ("flowcontrol.apiserver.k8s.io/v1", "FlowSchema"),
    (
        "flowcontrol.apiserver.k8s.io/v1",
        "PriorityLevelConfiguration",
    ),
    ("resource.k8s.io/v1", "DeviceClass"),
    ("resource.k8s.io/v1", "ResourceClaim"),
    ("resource.k8s.io/v1", "ResourceClaimTemplate"),
    ("resource.k8s.io/v1", "ResourceSlice"),
];

const SUPPORTED: &str =
    "CtrlScope simulates batch/v1 Job and CronJob, apps/v1 DaemonSet and v1 Node objects";

fn served_version(kind: &str) -> Option<&'static str> {
    match kind {
        "Job" | "CronJob" => Some("batch/v1"),
        "DaemonSet" => Some("apps/v1"),
        "Node" => Some("v1"),
        _ => None,
    }
}

/// Finds `apiVersion` and `kind`, then decodes the document into its typed object.
fn decode_document(root: &yaml::Node) -> Result<Object, Vec<ManifestError>> {
    let at = |n: &yaml::Node, field: &str, message: String| ManifestError {
        line: n.line,
        column: n.col,
        field: field.to_string(),
        message,
    };
    let yaml::Value::Map(entries) = &root.value else {
        return Err(vec![at(
            root,
            "",
            format!(
                "json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                root.type_name()
            ),
        )]);
    };
    let get = |k: &str| entries.iter().find(|e| e.key == k).map(|e| &e.value);
    let json = || serde_json::to_string(&root.to_json()).unwrap_or_default();
    // kubectl's own check before it sends anything (kubectl/pkg/util/openapi/validation
    // getObjectKind, its errors aggregated, wrapped by resource.ValidateSchema): the type must
    // be named, by strings.
    let named = |k: &'static str| match get(k).map(|n| (n, &n.value)) {
        Some((n, yaml::Value::Str(v))) => Ok((n, v.as_str())),
        None => Err((root, k, format!("{k} not set"))),
        Some((n, yaml::Value::Null)) => Err((n, k, format!("{k} not set"))),
        Some((n, _)) => Err((n, k, format!("{k} isn't string type"))),
    };
    let mut unnamed: Vec<(&yaml::Node, &str, String)> = Vec::new();
    let version = named("apiVersion").map_err(|e| unnamed.push(e)).ok();
    // schema.ParseGroupVersion
    if let Some((n, v)) = version.filter(|(_, v)| v.matches('/').count() > 1) {
        unnamed.push((
            n,
            "apiVersion",
            format!("unexpected GroupVersion string: {v}"),
        ));
    }
    let kind = named("kind").map_err(|e| unnamed.push(e)).ok();
    let (Some((vnode, version)), Some((kind_node, kind)), true) =
        (version, kind, unnamed.is_empty())
    else {
        let (n, field) = unnamed.first().map_or((root, ""), |(n, f, _)| (*n, *f));
        // utilerrors.NewAggregate: one error as itself, more as `[a, b]`.
        let all: Vec<&str> = unnamed.iter().map(|(_, _, e)| e.as_str()).collect();
        let e = match all.as_slice() {
            [one] => one.to_string(),
            more => format!("[{}]", more.join(", ")),
        };
        return Err(vec![at(
            n,
            field,
            format!("error validating data: {e}; if you choose to ignore these errors, turn validation off with --validate=false"),
        )]);
    };
    // A kind given as "": the decoder finds none.
    if kind.is_empty() {
        return Err(vec![at(
            root,
            "kind",
            format!("Object 'Kind' is missing in '{}'", json()),
        )]);
    }
    let (kind, version) = (kind.to_string(), version.to_string());
    let Some(served) = served_version(&kind) else {
        // A kind no cluster serves at that version (`job`, apps/v1 Pod) is kubectl's refusal
        // (its REST mapper: apimachinery meta.NoKindMatchError); one a cluster serves is
        // CtrlScope's.
        let unmatched = format!("no matches for kind {kind:?} in version {version:?}");
        let e = if BUILTIN_KINDS.contains(&(version.as_str(), kind.as_str())) {
            let message = match kind.as_str() {
                "Pod" => "kind \"Pod\" is not supported here: CtrlScope simulates Job, CronJob, DaemonSet and Node objects".to_string(),
                _ => format!("{unmatched}: {SUPPORTED}"),
            };
            at(kind_node, "kind", message)
        } else if BUILTIN_KINDS.iter().any(|(_, k)| *k == kind) {
            at(vnode, "apiVersion", unmatched)
        } else {
            at(kind_node, "kind", unmatched)
        };
        return Err(vec![e]);
    };
    if served != version {
        return Err(vec![at(
            vnode,
            "apiVersion",
            format!(
                "no matches for kind {kind:?} in version {version:?} (CtrlScope: {kind} is served as {served})"
            ),
        )]);
    }

    let owner: &'static str = match kind.as_str() {
        "Job" => "Job",
        "CronJob" => "CronJob",
        "DaemonSet" => "DaemonSet",
        _ => "Node",
    };
    let mut d = decode::Dec::new(owner, &version);
    let root_p = decode::P::root(owner);
    let mut meta = crate::api::ObjectMeta::default();
    let mut spec_node: Option<&yaml::Node> = None;
    let mut status_node: Option<&yaml::Node> = None;
    for e in entries {
        let c = root_p.field(owner, &e.key);
        match e.key.as_str() {
            "apiVersion" | "kind" => {}
            "metadata" => meta = d.object_meta(&e.value, &c),
            "spec" => spec_node = Some(&e.value),
            // A Node's capacity/allocatable are kept (the node strategy keeps status on
            // create); any other status is the controllers' to write: decoded strictly (its
            // unknown fields and types are refused), then dropped.
            "status" if owner == "Node" => status_node = Some(&e.value),
            "status" => d.status(&e.value, &c, owner),
            _ => d.unknown(e, &c),
        }
    }
    let null = yaml::Node {
        value: yaml::Value::Null,
        line: root.line,
        col: root.col,
        raw: String::new(),
        depth: 1,
    };
    let spec_node = spec_node.unwrap_or(&null);
    let spec_p = root_p.field(owner, "spec");
    let obj = match owner {
        "Job" => Object::Job(crate::api::Job {
            api_version: version,
            kind,
            metadata: meta,
            spec: d.job_spec(spec_node, &spec_p),
            status: Default::default(),
        }),
        "CronJob" => Object::CronJob(crate::api::CronJob {
            api_version: version,
            kind,
            metadata: meta,
            spec: d.cron_job_spec(spec_node, &spec_p),
            status: Default::default(),
        }),
        "DaemonSet" => Object::DaemonSet(crate::api::DaemonSet {
            api_version: version,
            kind,
            metadata: meta,
            spec: d.daemon_set_spec(spec_node, &spec_p),
            status: Default::default(),
        }),
        _ => Object::Node(crate::api::Node {
            api_version: version,
            kind,
            metadata: meta,
            spec: d.node_spec(spec_node, &spec_p),
            status: status_node
                .map(|n| d.node_status(n, &root_p.field(owner, "status")))
                .unwrap_or_default(),
        }),
    };
    if d.errs.is_empty() {
        Ok(obj)
    } else {
        Err(d.errs)
    }
}

/// Server-set metadata in a manifest is ignored, as the API server ignores it on create.
/// `resourceVersion` the API server would refuse on create (etcd3 store Create:
/// ErrResourceVersionSetOnCreate), but kubectl apply and create clear it before they send the
/// object (cli-runtime resource.Helper.CreateWithOptions with modify=true). On an update
/// CtrlScope drops it as well: a stale one never conflicts here (see README).
fn clear_server_fields(obj: &mut Object) {
    let m = obj.metadata_mut();
    m.uid.clear();
    m.resource_version.clear();
    m.generation = 0;
    m.creation_timestamp = None;
    m.deletion_timestamp = None;
    m.deletion_grace_period_seconds = None;
}

/// Parses, defaults and validates every document, with positions. All errors are returned
/// (decoding errors stop a document before validation, as they stop the API server).
pub fn parse_documents(src: &str) -> Result<Vec<Parsed>, Vec<ManifestError>> {
    parse_documents_with(src, &|_, _| None, false)
}

/// As `parse_documents`, where `live` gives the object a document would update (the page's
/// editor): an update is validated as one (see `parse_update`), so a Job's own
/// `kubectl get -o yaml`, with its generated labels and selector, applies back.
pub fn parse_documents_live(
    src: &str,
    live: &dyn Fn(crate::api::Kind, &str) -> Option<Object>,
) -> Result<Vec<Parsed>, Vec<ManifestError>> {
    parse_documents_with(src, live, true)
}

/// An update of `old` sent as `src` (one document): decoded, defaulted and validated, and when
/// that validation fails, the update checks too, as the API server runs both
/// (pkg/registry/batch/job/strategy.go ValidateUpdate: ValidateJob, then ValidateJobUpdate),
/// an error found by both listed once (field.ErrorList.ToAggregate). When the object passes,
/// the caller runs `validate_update` itself.
pub fn parse_update(src: &str, old: &Object) -> Result<Vec<Parsed>, Vec<ManifestError>> {
    parse_documents_with(
        src,
        &|kind, name| (old.kind() == kind && old.name() == name).then(|| old.clone()),
        false,
    )
}

/// The items of a `kind: List` document (`apiVersion: v1`, `items: [...]`), if it is one.
fn list_items(root: &yaml::Node) -> Option<&[yaml::Node]> {
    let yaml::Value::Map(entries) = &root.value else {
        return None;
    };
    let get = |k: &str| entries.iter().find(|e| e.key == k).map(|e| &e.value);
    let is = |k: &str, v: &str| {
        get(k).is_some_and(|n| matches!(&n.value, yaml::Value::Str(s) if s == v))
    };
    if !(is("kind", "List") && is("apiVersion", "v1")) {
        return None;
    }
    match get("items").map(|n| &n.value) {
        Some(yaml::Value::Seq(items)) => Some(items),
        _ => Some(&[]),
    }
}

/// `apply`: the documents are what `kubectl apply` sends, whose three-way merge keeps what the
/// manifest never had (a Job's generated selector and template labels); else an update is
/// the whole object (patch, set image), where a generated label taken out stays out.
fn parse_documents_with(
    src: &str,
    old: &dyn Fn(crate::api::Kind, &str) -> Option<Object>,
    apply: bool,
) -> Result<Vec<Parsed>, Vec<ManifestError>> {
    let stream = yaml::parse_stream(src);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    // A `kind: List` document (what `kubectl get -o yaml` prints) stands for its items, as
    // kubectl's resource builder flattens it; the document's duplicate keys go with the first.
    let mut roots: Vec<(&yaml::Node, &yaml::Document, bool)> = Vec::new();
    for doc in &stream.docs {
        let Some(root) = &doc.root else { continue };
        // kubectl's decoder turns the whole document into JSON first (a List with its
        // items), and json.Marshal stops at the first `.inf` or `.nan` (sigs.k8s.io/yaml
        // unmarshal → yamlToJSONTarget; encoding/json UnsupportedValueError).
        if doc.errors.is_empty() {
            if let Some((n, v)) = yaml::unsupported_value(root) {
                errors.push(ManifestError {
                    line: n.line,
                    column: n.col,
                    field: String::new(),
                    message: format!("error converting YAML to JSON: json: unsupported value: {v}"),
                });
                continue;
            }
        }
        match list_items(root) {
            Some(items) => {
                for (i, item) in items.iter().filter(|n| !n.is_null()).enumerate() {
                    roots.push((item, doc, i == 0));
                }
            }
            None => roots.push((root, doc, true)),
        }
    }
    for (root, doc, first) in roots {
        if root.is_null() {
            continue; // an empty document (`---` with nothing or only comments)
        }
        if !doc.errors.is_empty() {
            if !first {
                continue;
            }
            errors.extend(doc.errors.iter().map(|e| ManifestError {
                line: e.line,
                column: e.col,
                field: String::new(),
                message: e.message.clone(),
            }));
            continue;
        }
        let positions = Positions::build(root);
        match decode_document(root) {
            Ok(mut object) => {
                clear_server_fields(&mut object);
                defaults::apply(&mut object);
                // An update is validated with the object's own uid, as BeforeUpdate keeps it:
                // a Job's generated labels and selector hold it.
                let updated = old(object.kind(), object.name());
                if let Some(o) = &updated {
                    object.metadata_mut().uid = o.metadata().uid.clone();
                }
                let errs = match (&object, &updated) {
                    (Object::Job(new), Some(Object::Job(old))) if apply => {
                        let mut merged = new.clone();
                        merged.spec = validation::applied_job_spec(&new.spec, &old.spec);
                        validation::validate(&Object::Job(merged), &positions)
                    }
                    _ => validation::validate(&object, &positions),
                };
                object.metadata_mut().uid.clear();
                // The simulated API server keeps one object of a kind per name: the same name
                // in two namespaces would silently become one.
                let clash = out.iter().find(|p: &&Parsed| {
                    p.object.kind() == object.kind()
                        && p.object.name() == object.name()
                        && p.object.metadata().namespace != object.metadata().namespace
                });
                if let Some(first) = clash {
                    let (line, column) = positions
                        .get("metadata.name")
                        .unwrap_or((root.line, root.col));
                    let kind = object.kind().as_str();
                    errors.push(ManifestError {
                        line,
                        column,
                        field: "metadata.name".into(),
                        message: format!(
                            "{kind} {:?} is also in namespace {:?}: CtrlScope keeps one {kind} per name across namespaces; rename one",
                            object.name(),
                            first.object.metadata().namespace
                        ),
                    });
                    continue;
                }
                if errs.is_empty() {
                    let duplicates = doc
                        .duplicates
                        .iter()
                        .filter(|_| first)
                        .map(|(line, _, key, first)| (*line, key.clone(), *first))
                        .collect();
                    out.push(Parsed {
                        object,
                        duplicates,
                        line: root.line,
                        column: root.col,
                        positions,
                    });
                } else {
                    let mut errs = errs;
                    if let Some(old) = &updated {
                        for e in validation::validate_update(old, &object, &positions, apply) {
                            if !errs.iter().any(|x| x.message == e.message) {
                                errs.push(e);
                            }
                        }
                    }
                    errors.extend(errs);
                }
            }
            Err(errs) => errors.extend(errs),
        }
    }
    if let Some(f) = stream.fatal {
        errors.push(ManifestError {
            line: f.line,
            column: f.col,
            field: String::new(),
            message: f.message,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// A key given twice: kubectl 1.34 sends the last value and drops the earlier one without a
/// word (its YAML to JSON conversion keeps the last; kubernetes#125885), so CtrlScope does the
/// same and says so.
pub fn duplicate_note(line: usize, key: &str, earlier: usize) -> String {
    format!(
        "line {line}: {key:?} is given again (also at line {earlier}): kubectl keeps the last one and silently drops the one at line {earlier}"
    )
}

/// Every key given twice in the text's documents, valid or not: (line, key, earlier line). The
/// editor and `ctrlscope validate` say so beside the errors too, where it often explains them
/// (a second `containers:` without an image).
pub fn duplicate_keys(src: &str) -> Vec<(usize, String, usize)> {
    yaml::parse_stream(src)
        .docs
        .iter()
        .flat_map(|d| d.duplicates.iter())
        .map(|(line, _, key, earlier)| (*line, key.clone(), *earlier))
        .collect()
}

/// What the CLI says of `Parsed::unread_script` (the page words it in its own language).
pub const UNREAD_SCRIPT_NOTE: &str = "CtrlScope cannot tell how this command ends, so its pods run as exiting 0; the annotation sim.ctrlscope.dev/exit-codes (e.g. \"1,1,0\") says how";

/// Pod template fields the API server accepts that the simulated kubelet does not act on: its
/// probes run no command, so a liveness probe never fails (readiness and startup probes only
/// delay Ready by their initialDelaySeconds), except an exec probe on a file the container's
/// script creates and removes (`hints::liveness`, `hints::readiness`). Lifecycle hooks
/// (postStart, preStop) are validated but never run.
const NOT_SIMULATED_POD_FIELDS: [&str; 3] = ["lifecycle", "livenessProbe", "startupProbe"];

impl Parsed {
    /// The fields of this document that are valid but that CtrlScope does not simulate, as
    /// paths (`spec.template.spec.containers[0].readinessProbe`), so the page and the CLI can
    /// say so.
    /// What the API server warns on create (kubectl prints `Warning: ` before each): a Job's,
    /// CronJob's or DaemonSet's name that is not a DNS label, since it becomes part of its pods'
    /// names and hostnames (batch and apps strategy.go `WarningsOnCreate`).
    pub fn warnings(&self) -> Vec<String> {
        let name = self.object.name();
        // (A generateName is completed before the strategy warns: no name is no warning.)
        let msgs = match &self.object {
            Object::Job(_) | Object::CronJob(_) | Object::DaemonSet(_) if !name.is_empty() => {
                field::is_dns1123_label(name)
            }
            _ => Vec::new(),
        };
        let mut out = Vec::new();
        if !msgs.is_empty() {
            // Go's %v of a []string.
            out.push(format!(
                "metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [{}]",
                msgs.join(" ")
            ));
        }
        let template = match &self.object {
            Object::Job(j) => Some((&j.spec.template, "spec.template")),
            Object::CronJob(c) => Some((
                &c.spec.job_template.spec.template,
                "spec.jobTemplate.spec.template",
            )),
            Object::DaemonSet(d) => Some((&d.spec.template, "spec.template")),
            _ => None,
        };
        if let Some((t, at)) = template {
            out.extend(warnings::pod_template_warnings(t, at));
        }
        out
    }

    /// A Job's (or CronJob's) container whose command CtrlScope cannot read to the end (a
    /// `python -c`, a loop, a `case`) and whose pods carry no `exit-codes` hint: it is run as
    /// exiting 0. The field path of that container's command, so the page and the CLI can say
    /// the exit code is a guess.
    pub fn unread_script(&self) -> Option<String> {
        let (template, at) = match &self.object {
            Object::Job(j) => (&j.spec.template, "spec.template"),
            Object::CronJob(c) => (
                &c.spec.job_template.spec.template,
                "spec.jobTemplate.spec.template",
            ),
            _ => return None,
        };
        if template
            .metadata
            .annotations
            .contains_key(hints::EXIT_CODES)
        {
            return None;
        }
        let c = template.spec.containers.first()?;
        let run = shell::read(c, &shell::env_of(c, None));
        (run == shell::Run::Unknown).then(|| format!("{at}.spec.containers[0].command"))
    }

    pub fn not_simulated(&self) -> Vec<String> {
        // An exec liveness or startup probe on a file the container's own script creates and
        // removes is simulated (hints::container_probes); any other could never fail here.
        let template = match &self.object {
            Object::Job(j) => Some(&j.spec.template),
            Object::CronJob(c) => Some(&c.spec.job_template.spec.template),
            Object::DaemonSet(d) => Some(&d.spec.template),
            _ => None,
        };
        let simulated = |path: &str| -> bool {
            let (rest, which) = match (
                path.strip_suffix("].livenessProbe"),
                path.strip_suffix("].startupProbe"),
            ) {
                (Some(rest), _) => (rest, 0),
                (_, Some(rest)) => (rest, 2),
                _ => return false,
            };
            let Some((head, n)) = rest.rsplit_once('[') else {
                return false;
            };
            let i: Option<usize> = n.parse().ok();
            head.ends_with(".containers")
                && template
                    .zip(i)
                    .is_some_and(|(t, i)| hints::container_probes(&t.spec, i)[which].is_some())
        };
        let mut out: Vec<String> = self
            .positions
            .paths()
            .filter(|path| {
                let last = path.rsplit('.').next().unwrap_or(path);
                (NOT_SIMULATED_POD_FIELDS.contains(&last) && !simulated(path)) || unread_hint(path)
            })
            .map(str::to_string)
            .collect();
        crate::sort::sort_by(&mut out, |a, b| a.cmp(b));
        out
    }
}

/// A `sim.ctrlscope.dev/` annotation the simulation never reads: a key it does not know (a
/// typo such as `durations`), or a known hint outside the pod template (on the Job itself).
fn unread_hint(path: &str) -> bool {
    let Some((at, key)) = path.split_once("annotations[sim.ctrlscope.dev/") else {
        return false;
    };
    let key = key.strip_suffix(']').unwrap_or(key);
    !(at.ends_with("template.metadata.")
        && hints::ALL
            .iter()
            .any(|h| h.strip_prefix("sim.ctrlscope.dev/") == Some(key)))
}

/// Parses, defaults and validates every document. All errors are returned, not just the first.
/// A string as Go's `encoding/json` writes it (`<`, `>`, `&`, U+2028 and U+2029 escaped too).
pub(crate) fn go_json_str(s: &str) -> String {
    field::go_json_str(s)
}

pub fn parse_manifests(src: &str) -> Result<Vec<Object>, Vec<ManifestError>> {
    parse_documents(src).map(|docs| docs.into_iter().map(|p| p.object).collect())
}

/// `validation.IsDNS1123Subdomain` (an object's name): why it is invalid (empty if valid).
pub fn dns1123_subdomain_errors(v: &str) -> Vec<String> {
    field::is_dns1123_subdomain(v)
}

/// The API server's errors for these labels (`metadata.labels: Invalid value: ...`).
pub fn label_errors(labels: &std::collections::BTreeMap<String, String>) -> Vec<String> {
    validation::metadata_labels_errors(labels)
}

/// `validation.IsQualifiedName` (a label key): why it is invalid (empty if it is valid).
pub fn label_key_errors(k: &str) -> Vec<String> {
    field::is_qualified_name(k)
}

/// `validation.IsValidLabelValue`: why a label value is invalid (empty if it is valid).
/// `validation.IsQualifiedName`'s messages (a label key, a taint key).
pub fn qualified_name_errors(v: &str) -> Vec<String> {
    field::is_qualified_name(v)
}

pub fn label_value_errors(v: &str) -> Vec<String> {
    field::is_valid_label_value(v)
}

/// The API server's create validation of an object a controller sends (no text, so no
/// positions): the messages of its field errors, in order.
pub fn validate_create(obj: &Object) -> Vec<String> {
    validation::validate(obj, &Positions::default())
        .into_iter()
        .map(|e| e.message)
        .collect()
}

/// Validation of an update (`kubectl apply` of an object that exists): the immutable fields of
/// Job (selector, completions unless elastic Indexed, completionMode, the pod template except
/// scheduling directives of a suspended never-started Job) and DaemonSet (selector).
/// Fields the manifest leaves out keep their live values, as `kubectl apply` patches them.
pub fn validate_update(old: &Object, new: &Parsed) -> Vec<ManifestError> {
    validation::validate_update(old, &new.object, &new.positions, true)
}

/// As `validate_update`, where `new` is the whole object (`kubectl patch`, `set image`): a
/// generated label taken out of a Job's template is a change of the template.
pub fn validate_replace(old: &Object, new: &Parsed) -> Vec<ManifestError> {
    validation::validate_update(old, &new.object, &new.positions, false)
}

/// The first document of a JSON or YAML text as JSON, as sigs.k8s.io/yaml `ToJSON` reads
/// `kubectl patch -p` (with this parser's depth and size limits). Err: the YAML error.
pub fn to_json(src: &str) -> Result<serde_json::Value, String> {
    let stream = yaml::parse_stream(src);
    if let Some(f) = stream.fatal {
        return Err(f.message);
    }
    let Some(doc) = stream.docs.into_iter().next() else {
        return Ok(serde_json::Value::Null);
    };
    if let Some(e) = doc.errors.into_iter().next() {
        return Err(e.message);
    }
    let Some(root) = doc.root else {
        return Ok(serde_json::Value::Null);
    };
    // sigs.k8s.io/yaml ToJSON ends in json.Marshal, which refuses `.inf`/`.nan`
    // (encoding/json UnsupportedValueError), as kubectl's manifests do above.
    if let Some((_, v)) = yaml::unsupported_value(&root) {
        return Err(format!("json: unsupported value: {v}"));
    }
    Ok(root.to_json())
}

/// A field path (`unknown field "spec.containers[0].aaa"`) as keys and indexes, which compare
/// as their place in a JSON document with sorted keys.
fn json_path_order(field: &str) -> Vec<(String, usize)> {
    let path = field
        .strip_prefix("unknown field ")
        .unwrap_or(field)
        .trim_matches('"');
    let mut out = Vec::new();
    for seg in path.split('.') {
        let mut parts = seg.split('[');
        out.push((parts.next().unwrap_or_default().to_string(), 0));
        for idx in parts {
            let n = idx.trim_end_matches(']').parse().unwrap_or(0);
            out.push((String::new(), n));
        }
    }
    out
}

/// The update was refused because it changes a Job's pod template, which is immutable
/// (batch/validation.go ValidateJobSpecUpdate): the page says how to run the new one.
pub fn refuses_job_template_change(kind: crate::api::Kind, errors: &[ManifestError]) -> bool {
    kind == crate::api::Kind::Job
        && errors
            .iter()
            .any(|e| e.field == "spec.template" && e.message.ends_with(": field is immutable"))
}

/// The API server's refusal as kubectl prints it (cmd/util/helpers.go `checkErr` for an
/// Invalid status: `The Kind "name" is invalid: ` + `MultilineError`).
pub fn invalid_message(kind: crate::api::Kind, name: &str, errs: &[ManifestError]) -> String {
    // A decoding error is a BadRequest: Go's decoder stops at the first type error; strict
    // field validation lists every unknown field (runtime.strictDecodingError).
    if let Some(first) = errs.first().filter(|e| decode::is_decode_error(&e.message)) {
        let mut unknown: Vec<&str> = errs
            .iter()
            .filter_map(|e| decode::unknown_field(&e.message))
            .collect();
        // kubectl sends JSON marshalled from a map (keys sorted at every level), and the
        // decoder reports unknown fields in the order it meets them.
        crate::sort::sort_by(&mut unknown, |a, b| {
            json_path_order(a).cmp(&json_path_order(b))
        });
        let message = match first.message.split_once("strict decoding error: ") {
            Some((head, _)) if unknown.len() == errs.len() => {
                format!("{head}strict decoding error: {}", unknown.join(", "))
            }
            _ => errs
                .iter()
                .find(|e| decode::unknown_field(&e.message).is_none())
                .unwrap_or(first)
                .message
                .clone(),
        };
        return format!("Error from server (BadRequest): {message}");
    }
    let head = format!("The {} \"{name}\" is invalid:", kind.as_str());
    match errs {
        [one] => format!("{head} {}", one.message),
        _ => {
            let lines: Vec<String> = errs.iter().map(|e| format!("* {}", e.message)).collect();
            // MultilineError: fmt.Fprintln(buf, prefix), the prefix ending in ": ".
            format!("{head} \n{}", lines.join("\n"))
        }
    }
}
