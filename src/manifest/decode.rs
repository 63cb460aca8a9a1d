//! Strict decoding of the positioned tree into the typed `crate::api` structs.
//!
//! It does what the API server's strict JSON decoder (sigs.k8s.io/json, a fork of encoding/json)
//! does with the JSON kubectl sends: a value of the wrong JSON type is
//! `json: cannot unmarshal <type> into Go struct field <Struct>.<json.path> of type <go type>`,
//! a field the type does not have is `strict decoding error: unknown field "<path>"` (kubectl's
//! default field validation, Strict), and `null` leaves the field unset. Either is a 400
//! BadRequest, `Job in version "v1" cannot be handled as a Job: ` + the decoder's error. Every
//! error is collected, each worded as the server words it alone: the server stops at the first
//! type error, but the editor marks them all.
//!
//! Fields Kubernetes knows but the simulation does not type go into the `other` maps of
//! PodSpec/Container/Affinity/NodeAffinity as JSON; a few common ones (resources, ports,
//! volumeMounts, volumes) are also checked for unknown fields.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use crate::api::*;

use super::field::go_quote;
use super::yaml::{Entry, Node, Value};
use super::ManifestError;

/// A field's place: the display path (with indexes) and what Go's decoder would call it.
#[derive(Clone, Debug)]
pub(crate) struct P {
    pub path: String,
    /// Field names only, as `UnmarshalTypeError.Field` has them.
    jpath: String,
    /// The Go struct declaring the last field.
    owner: &'static str,
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}.{b}")
    }
}

impl P {
    pub fn root(owner: &'static str) -> P {
        P {
            path: String::new(),
            jpath: String::new(),
            owner,
        }
    }
    /// Field `name` of the struct `owner` that this path holds.
    pub fn field(&self, owner: &'static str, name: &str) -> P {
        P {
            path: join(&self.path, name),
            jpath: join(&self.jpath, name),
            owner,
        }
    }
    fn index(&self, i: usize) -> P {
        P {
            path: format!("{}[{}]", self.path, i),
            jpath: self.jpath.clone(),
            owner: self.owner,
        }
    }
    fn key(&self, k: &str) -> P {
        P {
            path: format!("{}[{}]", self.path, k),
            jpath: self.jpath.clone(),
            owner: self.owner,
        }
    }
}

/// A float64 as encoding/json writes it (encode.go floatEncoder): plain digits, or the
/// exponent form below 1e-6 or from 1e21 on (`1e+41`, `1e-7`). kubectl's YAML→JSON step turns
/// an integer too big for int64 into such a float.
fn go_json_number(f: f64) -> String {
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let e = format!("{f:e}");
        match e.split_once('e') {
            Some((m, x)) if !x.starts_with('-') => format!("{m}e+{x}"),
            _ => e,
        }
    } else {
        format!("{f}")
    }
}

#[derive(Default)]
pub(crate) struct Dec {
    pub errs: Vec<ManifestError>,
    /// The BadRequest status a decoding error becomes (apiserver endpoints/handlers/rest.go
    /// transformDecodeError): `Job in version "v1" cannot be handled as a Job: `.
    pub head: String,
}

impl Dec {
    pub fn new(kind: &str, api_version: &str) -> Dec {
        let version = api_version.rsplit('/').next().unwrap_or(api_version);
        Dec {
            errs: Vec::new(),
            head: format!("{kind} in version {version:?} cannot be handled as a {kind}: "),
        }
    }
}

/// Whether `message` is a decoding error's (a 400 BadRequest, not a 422 Invalid).
pub fn is_decode_error(message: &str) -> bool {
    message.contains(" cannot be handled as a ")
}

/// An unknown field's path in a decoding error's message (strict field validation).
pub fn unknown_field(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once(" cannot be handled as a ")?;
    rest.split_once(": strict decoding error: ")
        .map(|(_, f)| f)
        .filter(|f| f.starts_with("unknown field "))
}

/// Unknown-field schemas for a few common untyped structs.
enum Schema {
    Any,
    /// A Go int32 or int64 leaf: the wrong JSON type is an unmarshal error.
    Int32,
    Int64,
    /// A `metav1.Time`: null, or an RFC 3339 string (Time.UnmarshalJSON).
    Time,
    /// An `intstr.IntOrString`: a string, or a number that fits an int32
    /// (IntOrString.UnmarshalJSON decodes anything else into its IntVal).
    IntOrString,
    Strings,
    Bool,
    Str,
    /// A named Go string type (`v1.DNSPolicy`): the wrong JSON type names it.
    Enum(&'static str),
    /// A Go struct whose fields CtrlScope does not check: only an object (or null) decodes.
    Struct(&'static str),
    /// A `resource.Quantity` (a string or a number that must read as one).
    Quantity,
    /// A `v1.ResourceList`: resource names to quantities.
    Quantities,
    Obj(&'static str, &'static [(&'static str, &'static Schema)]),
    List(&'static str, &'static Schema),
}

static ANY: Schema = Schema::Any;
static BOOL: Schema = Schema::Bool;
static STR: Schema = Schema::Str;
static QUANTITY: Schema = Schema::Quantity;
static QUANTITIES: Schema = Schema::Quantities;
/// Requests and limits are decoded as quantities: `memory: 512MB` is refused on create
/// (resource/quantity.go `Quantity.UnmarshalJSON`, ErrFormatWrong), a common first mistake.
static RESOURCES: Schema = Schema::Obj(
    "v1.ResourceRequirements",
    &[
        ("limits", &QUANTITIES),
        ("requests", &QUANTITIES),
        ("claims", &ANY),
    ],
);
static VOLUME_MOUNT: Schema = Schema::Obj(
    "v1.VolumeMount",
    &[
        ("name", &STR),
        ("mountPath", &STR),
        ("readOnly", &BOOL),
        ("recursiveReadOnly", &STR),
        ("subPath", &STR),
        ("subPathExpr", &STR),
        ("mountPropagation", &STR),
    ],
);
static VOLUME_MOUNTS: Schema = Schema::List("[]v1.VolumeMount", &VOLUME_MOUNT);
static PORT: Schema = Schema::Obj(
    "v1.ContainerPort",
    &[
        ("name", &STR),
        ("containerPort", &INT32),
        ("hostPort", &INT32),
        ("protocol", &STR),
        ("hostIP", &STR),
    ],
);
static PORTS: Schema = Schema::List("[]v1.ContainerPort", &PORT);
static INT32: Schema = Schema::Int32;
static INT64: Schema = Schema::Int64;
static STRINGS: Schema = Schema::Strings;
static EXEC: Schema = Schema::Obj("v1.ExecAction", &[("command", &STRINGS)]);
static INT_OR_STRING: Schema = Schema::IntOrString;
static HTTP_GET: Schema = Schema::Obj(
    "v1.HTTPGetAction",
    &[
        ("path", &ANY),
        ("port", &INT_OR_STRING),
        ("host", &ANY),
        ("scheme", &ANY),
        ("httpHeaders", &ANY),
    ],
);
static TCP_SOCKET: Schema = Schema::Obj(
    "v1.TCPSocketAction",
    &[("port", &INT_OR_STRING), ("host", &ANY)],
);
static GRPC: Schema = Schema::Obj("v1.GRPCAction", &[("port", &INT32), ("service", &ANY)]);
/// core/v1 Probe: the simulation runs exec probes on files (hints::liveness, hints::readiness)
/// and reads their timing, so their shape and integer fields are decoded strictly.
static PROBE: Schema = Schema::Obj(
    "v1.Probe",
    &[
        ("exec", &EXEC),
        ("httpGet", &HTTP_GET),
        ("tcpSocket", &TCP_SOCKET),
        ("grpc", &GRPC),
        ("initialDelaySeconds", &INT32),
        ("timeoutSeconds", &INT32),
        ("periodSeconds", &INT32),
        ("successThreshold", &INT32),
        ("failureThreshold", &INT32),
        ("terminationGracePeriodSeconds", &INT64),
    ],
);
static HOST_PATH: Schema =
    Schema::Obj("v1.HostPathVolumeSource", &[("path", &STR), ("type", &STR)]);
static EMPTY_DIR: Schema = Schema::Obj(
    "v1.EmptyDirVolumeSource",
    &[("medium", &STR), ("sizeLimit", &QUANTITY)],
);
static KEY_TO_PATHS: Schema = Schema::List("[]v1.KeyToPath", &Schema::Struct("v1.KeyToPath"));
static CONFIG_MAP_VOL: Schema = Schema::Obj(
    "v1.ConfigMapVolumeSource",
    &[
        ("name", &STR),
        ("items", &KEY_TO_PATHS),
        ("defaultMode", &INT32),
        ("optional", &BOOL),
    ],
);
static SECRET_VOL: Schema = Schema::Obj(
    "v1.SecretVolumeSource",
    &[
        ("secretName", &STR),
        ("items", &KEY_TO_PATHS),
        ("defaultMode", &INT32),
        ("optional", &BOOL),
    ],
);
static PVC_VOL: Schema = Schema::Obj(
    "v1.PersistentVolumeClaimVolumeSource",
    &[("claimName", &STR), ("readOnly", &BOOL)],
);
static LOCAL_OBJECT_REFERENCE: Schema = Schema::Obj("v1.LocalObjectReference", &[("name", &STR)]);
static ENV_FROM: Schema = Schema::List(
    "[]v1.EnvFromSource",
    &Schema::Obj(
        "v1.EnvFromSource",
        &[
            ("prefix", &STR),
            (
                "configMapRef",
                &Schema::Obj(
                    "v1.ConfigMapEnvSource",
                    &[("name", &STR), ("optional", &BOOL)],
                ),
            ),
            (
                "secretRef",
                &Schema::Obj("v1.SecretEnvSource", &[("name", &STR), ("optional", &BOOL)]),
            ),
        ],
    ),
);

static TIME: Schema = Schema::Time;
static UIDS: Schema = Schema::List("[]types.UID", &STR);
static JOB_CONDITION: Schema = Schema::Obj(
    "v1.JobCondition",
    &[
        ("type", &STR),
        ("status", &STR),
        ("lastProbeTime", &TIME),
        ("lastTransitionTime", &TIME),
        ("reason", &STR),
        ("message", &STR),
    ],
);
/// batch/v1 JobStatus (k8s.io/api/batch/v1 types.go): what `kubectl get -o yaml` prints is
/// decoded strictly on create too, then dropped (the strategy's PrepareForCreate).
static JOB_STATUS: Schema = Schema::Obj(
    "v1.JobStatus",
    &[
        (
            "conditions",
            &Schema::List("[]v1.JobCondition", &JOB_CONDITION),
        ),
        ("startTime", &TIME),
        ("completionTime", &TIME),
        ("active", &INT32),
        ("succeeded", &INT32),
        ("failed", &INT32),
        ("terminating", &INT32),
        ("completedIndexes", &STR),
        ("failedIndexes", &STR),
        (
            "uncountedTerminatedPods",
            &Schema::Obj(
                "v1.UncountedTerminatedPods",
                &[("succeeded", &UIDS), ("failed", &UIDS)],
            ),
        ),
        ("ready", &INT32),
    ],
);
static OBJECT_REFERENCE: Schema = Schema::Obj(
    "v1.ObjectReference",
    &[
        ("kind", &STR),
        ("namespace", &STR),
        ("name", &STR),
        ("uid", &STR),
        ("apiVersion", &STR),
        ("resourceVersion", &STR),
        ("fieldPath", &STR),
    ],
);
static CRON_JOB_STATUS: Schema = Schema::Obj(
    "v1.CronJobStatus",
    &[
        (
            "active",
            &Schema::List("[]v1.ObjectReference", &OBJECT_REFERENCE),
        ),
        ("lastScheduleTime", &TIME),
        ("lastSuccessfulTime", &TIME),
    ],
);
static DAEMON_SET_STATUS: Schema = Schema::Obj(
    "v1.DaemonSetStatus",
    &[
        ("currentNumberScheduled", &INT32),
        ("numberMisscheduled", &INT32),
        ("desiredNumberScheduled", &INT32),
        ("numberReady", &INT32),
        ("observedGeneration", &INT64),
        ("updatedNumberScheduled", &INT32),
        ("numberAvailable", &INT32),
        ("numberUnavailable", &INT32),
        ("collisionCount", &INT32),
        (
            "conditions",
            &Schema::List(
                "[]v1.DaemonSetCondition",
                &Schema::Obj(
                    "v1.DaemonSetCondition",
                    &[
                        ("type", &STR),
                        ("status", &STR),
                        ("lastTransitionTime", &TIME),
                        ("reason", &STR),
                        ("message", &STR),
                    ],
                ),
            ),
        ),
    ],
);

static DNS_POLICY: Schema = Schema::Enum("v1.DNSPolicy");
static PREEMPTION_POLICY: Schema = Schema::Enum("v1.PreemptionPolicy");
static LOCAL_OBJECT_REFERENCES: Schema =
    Schema::List("[]v1.LocalObjectReference", &LOCAL_OBJECT_REFERENCE);
static POD_SECURITY_CONTEXT: Schema = Schema::Struct("v1.PodSecurityContext");
static POD_DNS_CONFIG: Schema = Schema::Struct("v1.PodDNSConfig");
static POD_OS: Schema = Schema::Struct("v1.PodOS");
static HOST_ALIASES: Schema = Schema::List("[]v1.HostAlias", &Schema::Struct("v1.HostAlias"));
static POD_READINESS_GATES: Schema = Schema::List(
    "[]v1.PodReadinessGate",
    &Schema::Struct("v1.PodReadinessGate"),
);
static TOPOLOGY_SPREAD_CONSTRAINTS: Schema = Schema::List(
    "[]v1.TopologySpreadConstraint",
    &Schema::Struct("v1.TopologySpreadConstraint"),
);
static POD_SCHEDULING_GATES: Schema = Schema::List(
    "[]v1.PodSchedulingGate",
    &Schema::Struct("v1.PodSchedulingGate"),
);
static POD_RESOURCE_CLAIMS: Schema = Schema::List(
    "[]v1.PodResourceClaim",
    &Schema::Struct("v1.PodResourceClaim"),
);
static EPHEMERAL_CONTAINERS: Schema = Schema::List(
    "[]v1.EphemeralContainer",
    &Schema::Struct("v1.EphemeralContainer"),
);
static PULL_POLICY: Schema = Schema::Enum("v1.PullPolicy");
static TERMINATION_MESSAGE_POLICY: Schema = Schema::Enum("v1.TerminationMessagePolicy");
static CONTAINER_RESTART_POLICY: Schema = Schema::Enum("v1.ContainerRestartPolicy");
static SLEEP: Schema = Schema::Obj("v1.SleepAction", &[("seconds", &INT64)]);
/// core/v1 LifecycleHandler: a hook's handler, decoded like a probe's.
static LIFECYCLE_HANDLER: Schema = Schema::Obj(
    "v1.LifecycleHandler",
    &[
        ("exec", &EXEC),
        ("httpGet", &HTTP_GET),
        ("tcpSocket", &TCP_SOCKET),
        ("sleep", &SLEEP),
    ],
);
static LIFECYCLE: Schema = Schema::Obj(
    "v1.Lifecycle",
    &[
        ("postStart", &LIFECYCLE_HANDLER),
        ("preStop", &LIFECYCLE_HANDLER),
        ("stopSignal", &ANY),
    ],
);
static SECURITY_CONTEXT: Schema = Schema::Struct("v1.SecurityContext");
static CONTAINER_RESIZE_POLICIES: Schema = Schema::List(
    "[]v1.ContainerResizePolicy",
    &Schema::Struct("v1.ContainerResizePolicy"),
);
static CONTAINER_RESTART_RULES: Schema = Schema::List(
    "[]v1.ContainerRestartRule",
    &Schema::Struct("v1.ContainerRestartRule"),
);
static VOLUME_DEVICES: Schema =
    Schema::List("[]v1.VolumeDevice", &Schema::Struct("v1.VolumeDevice"));

/// Whether this is `[]`.
fn is_empty_list(j: &Json) -> bool {
    j.as_array().is_some_and(|a| a.is_empty())
}

/// Go maps among the untyped fields (ResourceList, CSI volumeAttributes): `omitempty` drops them
/// empty, like the lists. An empty struct (`emptyDir: {}`) is a value and stays.
const MAP_FIELDS: [&str; 5] = [
    "limits",
    "requests",
    "overhead",
    "volumeAttributes",
    "matchLabels",
];

/// What the API server stores of an untyped field: its empty lists and maps are gone, as every
/// list and map field under a pod template is `omitempty` (k8s.io/api/core/v1 types.go), except
/// a projected volume's `sources`. So `ports: []` is no change to a template: the strategies'
/// apiequality.Semantic.DeepEqual takes an empty list for none, and none is what is stored.
fn omit_empty(j: &mut Json) {
    match j {
        Json::Object(m) => {
            m.retain(|k, v| {
                omit_empty(v);
                let empty_map =
                    MAP_FIELDS.contains(&k.as_str()) && v.as_object().is_some_and(|o| o.is_empty());
                !(empty_map || is_empty_list(v) && k != "sources")
            });
        }
        Json::Array(a) => a.iter_mut().for_each(omit_empty),
        _ => {}
    }
}

/// The Go type of a PodSpec field kept in `PodSpec::other` (k8s.io/api/core/v1 types.go).
fn pod_spec_schema(field: &str) -> &'static Schema {
    match field {
        "volumes" => &VOLUMES,
        "activeDeadlineSeconds" => &INT64,
        "priority" => &INT32,
        "dnsPolicy" => &DNS_POLICY,
        "preemptionPolicy" => &PREEMPTION_POLICY,
        "serviceAccountName" | "serviceAccount" | "hostname" | "subdomain" | "schedulerName"
        | "priorityClassName" | "runtimeClassName" | "hostnameOverride" => &STR,
        "automountServiceAccountToken"
        | "hostPID"
        | "hostIPC"
        | "shareProcessNamespace"
        | "enableServiceLinks"
        | "setHostnameAsFQDN"
        | "hostUsers" => &BOOL,
        "imagePullSecrets" => &LOCAL_OBJECT_REFERENCES,
        "securityContext" => &POD_SECURITY_CONTEXT,
        "dnsConfig" => &POD_DNS_CONFIG,
        "os" => &POD_OS,
        "resources" => &RESOURCES,
        "overhead" => &QUANTITIES,
        "hostAliases" => &HOST_ALIASES,
        "readinessGates" => &POD_READINESS_GATES,
        "topologySpreadConstraints" => &TOPOLOGY_SPREAD_CONSTRAINTS,
        "schedulingGates" => &POD_SCHEDULING_GATES,
        "resourceClaims" => &POD_RESOURCE_CLAIMS,
        "ephemeralContainers" => &EPHEMERAL_CONTAINERS,
        _ => &ANY,
    }
}

/// The Go type of a Container field kept in `Container::other`.
fn container_schema(field: &str) -> &'static Schema {
    match field {
        "resources" => &RESOURCES,
        "ports" => &PORTS,
        "volumeMounts" => &VOLUME_MOUNTS,
        "livenessProbe" | "readinessProbe" | "startupProbe" => &PROBE,
        "envFrom" => &ENV_FROM,
        "workingDir" | "terminationMessagePath" => &STR,
        "imagePullPolicy" => &PULL_POLICY,
        "terminationMessagePolicy" => &TERMINATION_MESSAGE_POLICY,
        "restartPolicy" => &CONTAINER_RESTART_POLICY,
        "stdin" | "stdinOnce" | "tty" => &BOOL,
        "lifecycle" => &LIFECYCLE,
        "securityContext" => &SECURITY_CONTEXT,
        "resizePolicy" => &CONTAINER_RESIZE_POLICIES,
        "restartPolicyRules" => &CONTAINER_RESTART_RULES,
        "volumeDevices" => &VOLUME_DEVICES,
        _ => &ANY,
    }
}
static VOLUME: Schema = Schema::Obj(
    "v1.Volume",
    &[
        ("name", &STR),
        ("hostPath", &HOST_PATH),
        ("emptyDir", &EMPTY_DIR),
        ("configMap", &CONFIG_MAP_VOL),
        ("secret", &SECRET_VOL),
        ("persistentVolumeClaim", &PVC_VOL),
        ("gcePersistentDisk", &ANY),
        ("awsElasticBlockStore", &ANY),
        ("gitRepo", &ANY),
        ("nfs", &ANY),
        ("iscsi", &ANY),
        ("glusterfs", &ANY),
        ("rbd", &ANY),
        ("flexVolume", &ANY),
        ("cinder", &ANY),
        ("cephfs", &ANY),
        ("flocker", &ANY),
        ("downwardAPI", &ANY),
        ("fc", &ANY),
        ("azureFile", &ANY),
        ("vsphereVolume", &ANY),
        ("quobyte", &ANY),
        ("azureDisk", &ANY),
        ("photonPersistentDisk", &ANY),
        ("projected", &ANY),
        ("portworxVolume", &ANY),
        ("scaleIO", &ANY),
        ("storageos", &ANY),
        ("csi", &ANY),
        ("ephemeral", &ANY),
        ("image", &ANY),
    ],
);
static VOLUMES: Schema = Schema::List("[]v1.Volume", &VOLUME);

/// PodSpec fields (k8s.io/api/core/v1 types.go) that CtrlScope keeps untyped in `PodSpec::other`.
const POD_SPEC_OTHER: &[&str] = &[
    "volumes",
    "ephemeralContainers",
    "activeDeadlineSeconds",
    "dnsPolicy",
    "serviceAccountName",
    "serviceAccount",
    "automountServiceAccountToken",
    "hostPID",
    "hostIPC",
    "shareProcessNamespace",
    "securityContext",
    "imagePullSecrets",
    "hostname",
    "subdomain",
    "schedulerName",
    "hostAliases",
    "priorityClassName",
    "priority",
    "dnsConfig",
    "readinessGates",
    "runtimeClassName",
    "enableServiceLinks",
    "preemptionPolicy",
    "overhead",
    "topologySpreadConstraints",
    "setHostnameAsFQDN",
    "os",
    "hostUsers",
    "schedulingGates",
    "resourceClaims",
    "resources",
    "hostnameOverride",
];

/// Container fields that CtrlScope keeps untyped in `Container::other`.
const CONTAINER_OTHER: &[&str] = &[
    "workingDir",
    "ports",
    "envFrom",
    "resources",
    "resizePolicy",
    "restartPolicy",
    "restartPolicyRules",
    "volumeMounts",
    "volumeDevices",
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "lifecycle",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "imagePullPolicy",
    "securityContext",
    "stdin",
    "stdinOnce",
    "tty",
];

impl Dec {
    fn err(&mut self, line: usize, column: usize, field: &str, message: String) {
        self.errs.push(ManifestError {
            line,
            column,
            field: field.to_string(),
            message,
        });
    }

    pub fn unknown(&mut self, e: &Entry, p: &P) {
        self.err(
            e.key_line,
            e.key_col,
            &p.path,
            format!(
                "{}strict decoding error: unknown field {}",
                self.head,
                go_quote(&p.path)
            ),
        );
    }

    fn type_err(&mut self, n: &Node, p: &P, what: String, go_type: &str) {
        let msg = format!(
            "{}json: cannot unmarshal {} into Go struct field {}.{} of type {}",
            self.head, what, p.owner, p.jpath, go_type
        );
        self.err(n.line, n.col, &p.path, msg);
    }

    fn mismatch(&mut self, n: &Node, p: &P, go_type: &str) {
        self.type_err(n, p, n.type_name().to_string(), go_type);
    }

    /// The entries of an object; None (after an error for non-objects) otherwise.
    pub fn map<'n>(&mut self, n: &'n Node, p: &P, go_type: &str) -> Option<&'n [Entry]> {
        match &n.value {
            Value::Map(es) => Some(es),
            Value::Null => None,
            _ => {
                self.mismatch(n, p, go_type);
                None
            }
        }
    }

    fn seq<'n>(&mut self, n: &'n Node, p: &P, go_type: &str) -> Option<&'n [Node]> {
        match &n.value {
            Value::Seq(items) => Some(items),
            Value::Null => None,
            _ => {
                self.mismatch(n, p, go_type);
                None
            }
        }
    }

    pub fn string(&mut self, n: &Node, p: &P, go_type: &str) -> Option<String> {
        match &n.value {
            Value::Str(s) => Some(s.clone()),
            Value::Null => None,
            _ => {
                self.mismatch(n, p, go_type);
                None
            }
        }
    }

    fn int(&mut self, n: &Node, p: &P, min: i64, max: i64, go_type: &str) -> Option<i64> {
        let v = match &n.value {
            Value::Null => return None,
            Value::Int(i) => Some(*i as i128),
            Value::UInt(u) => Some(*u as i128),
            Value::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e18 => {
                Some(*f as i128)
            }
            // `.inf`/`.nan`: parse_documents refuses the document before decoding (kubectl's
            // YAML-to-JSON conversion fails); kept so that no caller can panic here.
            Value::Float(f) if !f.is_finite() => {
                self.type_err(n, p, "string".into(), go_type);
                return None;
            }
            Value::Float(f) => {
                self.type_err(n, p, format!("number {}", go_json_number(*f)), go_type);
                return None;
            }
            _ => None,
        };
        match v {
            Some(v) if v >= min as i128 && v <= max as i128 => Some(v as i64),
            Some(v) => {
                self.type_err(n, p, format!("number {v}"), go_type);
                None
            }
            None => {
                self.mismatch(n, p, go_type);
                None
            }
        }
    }

    fn i32(&mut self, n: &Node, p: &P) -> Option<i32> {
        self.int(n, p, i32::MIN as i64, i32::MAX as i64, "int32")
            .map(|v| v as i32)
    }

    fn i64(&mut self, n: &Node, p: &P) -> Option<i64> {
        self.int(n, p, i64::MIN, i64::MAX, "int64")
    }

    fn bool(&mut self, n: &Node, p: &P) -> Option<bool> {
        match &n.value {
            Value::Bool(b) => Some(*b),
            Value::Null => None,
            _ => {
                self.mismatch(n, p, "bool");
                None
            }
        }
    }

    /// A `resource.Quantity`: a string or a number in its syntax (quantity.go ParseQuantity);
    /// None after an error, or for null.
    fn quantity(&mut self, n: &Node, p: &P) -> Option<String> {
        let q = match &n.value {
            Value::Str(q) => q.clone(),
            Value::Int(_) | Value::UInt(_) | Value::Float(_) => n.raw.clone(),
            Value::Null => return None,
            _ => {
                self.mismatch(n, p, "resource.Quantity");
                return None;
            }
        };
        if quantity_value(&q).is_none() {
            self.err(
                n.line,
                n.col,
                &p.path,
                // Quantity.UnmarshalJSON's error, the whole message of the BadRequest.
                format!(
                    "{}quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
                    self.head
                ),
            );
            return None;
        }
        Some(q)
    }

    fn strings(&mut self, n: &Node, p: &P) -> Vec<String> {
        let mut out = Vec::new();
        for (i, item) in self
            .seq(n, p, "[]string")
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            if let Some(s) = self.string(item, &p.index(i), "string") {
                out.push(s);
            } else if item.is_null() {
                out.push(String::new());
            }
        }
        out
    }

    fn string_map(&mut self, n: &Node, p: &P) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for e in self.map(n, p, "map[string]string").unwrap_or_default() {
            if let Some(v) = self.string(&e.value, &p.key(&e.key), "string") {
                out.insert(e.key.clone(), v);
            } else if e.value.is_null() {
                out.insert(e.key.clone(), String::new());
            }
        }
        out
    }

    /// A Job's, CronJob's or DaemonSet's `status`: decoded strictly, then dropped.
    pub fn status(&mut self, n: &Node, p: &P, owner: &str) {
        let schema = match owner {
            "Job" => &JOB_STATUS,
            "CronJob" => &CRON_JOB_STATUS,
            _ => &DAEMON_SET_STATUS,
        };
        self.check(n, p, schema, 0);
    }

    /// metav1.Time.UnmarshalJSON: null, or a string time.Parse(time.RFC3339) reads. Anything
    /// else fails its json.Unmarshal into a string (`... of type string`); a string that does
    /// not parse is time.Parse's error alone, the whole message.
    fn time(&mut self, n: &Node, p: &P) {
        match &n.value {
            Value::Null => {}
            Value::Str(v) => {
                if let Some(msg) = go_rfc3339_error(v) {
                    let message = format!("{}{msg}", self.head);
                    self.err(n.line, n.col, &p.path, message);
                }
            }
            _ => self.mismatch(n, p, "string"),
        }
    }

    fn int_or_string(&mut self, n: &Node, p: &P) -> Option<IntOrString> {
        match &n.value {
            Value::Str(s) => Some(IntOrString::String(s.clone())),
            Value::Null => None,
            _ => self.i32(n, p).map(IntOrString::Int),
        }
    }

    /// Known but untyped: checked against a schema where there is one, kept as JSON.
    fn other(&mut self, n: &Node, p: &P, schema: &Schema) -> Option<Json> {
        self.check(n, p, schema, 0);
        let mut j = n.to_json();
        omit_empty(&mut j);
        // `overhead: {}`: a map (ResourceList), gone empty like a list; a struct stays.
        let empty_map =
            matches!(schema, Schema::Quantities) && j.as_object().is_some_and(|o| o.is_empty());
        (!j.is_null() && !is_empty_list(&j) && !empty_map).then_some(j)
    }

    fn check(&mut self, n: &Node, p: &P, schema: &Schema, depth: usize) {
        if depth > 8 {
            return;
        }
        match schema {
            Schema::Any => {}
            Schema::Int32 => {
                self.int(n, p, i32::MIN.into(), i32::MAX.into(), "int32");
            }
            Schema::Int64 => {
                self.i64(n, p);
            }
            Schema::IntOrString => {
                self.int_or_string(n, p);
            }
            Schema::Time => {
                self.time(n, p);
            }
            Schema::Strings => {
                self.strings(n, p);
            }
            Schema::Bool => {
                self.bool(n, p);
            }
            Schema::Str => {
                self.string(n, p, "string");
            }
            Schema::Enum(go_type) => {
                self.string(n, p, go_type);
            }
            Schema::Struct(go_type) => {
                self.map(n, p, go_type);
            }
            Schema::Quantity => {
                self.quantity(n, p);
            }
            Schema::Quantities => {
                for r in self.map(n, p, "v1.ResourceList").unwrap_or_default() {
                    self.quantity(&r.value, &p.key(&r.key));
                }
            }
            Schema::Obj(go_type, fields) => {
                // The struct that declares each field: what Go's UnmarshalTypeError names.
                let go_type: &'static str = go_type;
                let owner = go_type.trim_start_matches("v1.");
                for e in self.map(n, p, go_type).unwrap_or_default() {
                    let c = p.field(owner, &e.key);
                    match fields.iter().find(|(k, _)| *k == e.key) {
                        Some((_, s)) => self.check(&e.value, &c, s, depth + 1),
                        None => self.unknown(e, &c),
                    }
                }
            }
            Schema::List(go_type, item) => {
                for (i, it) in self
                    .seq(n, p, go_type)
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                {
                    self.check(it, &p.index(i), item, depth + 1);
                }
            }
        }
    }

    // --- metav1 --------------------------------------------------------------------------

    pub fn object_meta(&mut self, n: &Node, p: &P) -> ObjectMeta {
        let mut m = ObjectMeta::default();
        for e in self.map(n, p, "v1.ObjectMeta").unwrap_or_default() {
            let c = p.field("ObjectMeta", &e.key);
            let v = &e.value;
            match e.key.as_str() {
                "name" => m.name = self.string(v, &c, "string").unwrap_or_default(),
                "generateName" => {
                    m.generate_name = self.string(v, &c, "string").unwrap_or_default()
                }
                "namespace" => m.namespace = self.string(v, &c, "string").unwrap_or_default(),
                "uid" => m.uid = self.string(v, &c, "types.UID").unwrap_or_default(),
                "resourceVersion" => {
                    m.resource_version = self.string(v, &c, "string").unwrap_or_default()
                }
                "generation" => m.generation = self.i64(v, &c).unwrap_or_default(),
                // Set by the API server; a string (RFC 3339) or null is accepted and dropped.
                "creationTimestamp" | "deletionTimestamp" => self.time(v, &c),
                "deletionGracePeriodSeconds" => {
                    self.i64(v, &c);
                }
                "labels" => m.labels = self.string_map(v, &c),
                "annotations" => m.annotations = self.string_map(v, &c),
                "ownerReferences" => m.owner_references = self.owner_refs(v, &c),
                "finalizers" => m.finalizers = self.strings(v, &c),
                "selfLink" => {
                    self.string(v, &c, "string");
                }
                "managedFields" => {
                    self.seq(v, &c, "[]v1.ManagedFieldsEntry");
                }
                _ => self.unknown(e, &c),
            }
        }
        m
    }

    fn owner_refs(&mut self, n: &Node, p: &P) -> Vec<OwnerReference> {
        let mut out = Vec::new();
        for (i, item) in self
            .seq(n, p, "[]v1.OwnerReference")
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let ip = p.index(i);
            let mut r = OwnerReference::default();
            for e in self.map(item, &ip, "v1.OwnerReference").unwrap_or_default() {
                let c = ip.field("OwnerReference", &e.key);
                let v = &e.value;
                match e.key.as_str() {
                    "apiVersion" => {
                        r.api_version = self.string(v, &c, "string").unwrap_or_default()
                    }
                    "kind" => r.kind = self.string(v, &c, "string").unwrap_or_default(),
                    "name" => r.name = self.string(v, &c, "string").unwrap_or_default(),
                    "uid" => r.uid = self.string(v, &c, "types.UID").unwrap_or_default(),
                    "controller" => r.controller = self.bool(v, &c),
                    "blockOwnerDeletion" => r.block_owner_deletion = self.bool(v, &c),
                    _ => self.unknown(e, &c),
                }
            }
            out.push(r);
        }
        out
    }

    fn label_selector(&mut self, n: &Node, p: &P) -> Option<LabelSelector> {
        let es = self.map(n, p, "v1.LabelSelector")?;
        let mut s = LabelSelector::default();
        for e in es {
            let c = p.field("LabelSelector", &e.key);
            match e.key.as_str() {
                "matchLabels" => s.match_labels = self.string_map(&e.value, &c),
                "matchExpressions" => {
                    for (i, item) in self
                        .seq(&e.value, &c, "[]v1.LabelSelectorRequirement")
                        .unwrap_or_default()
                        .iter()
                        .enumerate()
                    {
                        let ip = c.index(i);
                        let mut r = LabelSelectorRequirement::default();
                        for f in self
                            .map(item, &ip, "v1.LabelSelectorRequirement")
                            .unwrap_or_default()
                        {
                            let fc = ip.field("LabelSelectorRequirement", &f.key);
                            match f.key.as_str() {
                                "key" => {
                                    r.key = self.string(&f.value, &fc, "string").unwrap_or_default()
                                }
                                "operator" => {
                                    r.operator = self
                                        .string(&f.value, &fc, "v1.LabelSelectorOperator")
                                        .unwrap_or_default()
                                }
                                "values" => r.values = self.strings(&f.value, &fc),
                                _ => self.unknown(f, &fc),
                            }
                        }
                        s.match_expressions.push(r);
                    }
                }
                _ => self.unknown(e, &c),
            }
        }
        Some(s)
    }

    // --- core/v1 -------------------------------------------------------------------------

    pub fn pod_template(&mut self, n: &Node, p: &P) -> PodTemplateSpec {
        let mut t = PodTemplateSpec::default();
        for e in self.map(n, p, "v1.PodTemplateSpec").unwrap_or_default() {
            let c = p.field("PodTemplateSpec", &e.key);
            match e.key.as_str() {
                "metadata" => t.metadata = self.object_meta(&e.value, &c),
                "spec" => t.spec = self.pod_spec(&e.value, &c),
                _ => self.unknown(e, &c),
            }
        }
        t
    }

    fn pod_spec(&mut self, n: &Node, p: &P) -> PodSpec {
        let mut s = PodSpec::default();
        for e in self.map(n, p, "v1.PodSpec").unwrap_or_default() {
            let c = p.field("PodSpec", &e.key);
            let v = &e.value;
            match e.key.as_str() {
                "containers" => s.containers = self.containers(v, &c),
                "initContainers" => s.init_containers = self.containers(v, &c),
                "restartPolicy" => {
                    s.restart_policy = self.string(v, &c, "v1.RestartPolicy").unwrap_or_default()
                }
                "nodeSelector" => s.node_selector = self.string_map(v, &c),
                "nodeName" => s.node_name = self.string(v, &c, "string").unwrap_or_default(),
                "tolerations" => s.tolerations = self.tolerations(v, &c),
                "affinity" => s.affinity = self.affinity(v, &c),
                "terminationGracePeriodSeconds" => {
                    s.termination_grace_period_seconds = self.i64(v, &c)
                }
                "hostNetwork" => s.host_network = self.bool(v, &c).unwrap_or_default(),
                k if POD_SPEC_OTHER.contains(&k) => {
                    if let Some(j) = self.other(v, &c, pod_spec_schema(k)) {
                        s.other.insert(k.to_string(), j);
                    }
                }
                _ => self.unknown(e, &c),
            }
        }
        s
    }

    fn containers(&mut self, n: &Node, p: &P) -> Vec<Container> {
        let mut out = Vec::new();
        let items = self.seq(n, p, "[]v1.Container").unwrap_or_default();
        for (i, item) in items.iter().enumerate() {
            let ip = p.index(i);
            let mut c = Container::default();
            for e in self.map(item, &ip, "v1.Container").unwrap_or_default() {
                let fp = ip.field("Container", &e.key);
                let v = &e.value;
                match e.key.as_str() {
                    "name" => c.name = self.string(v, &fp, "string").unwrap_or_default(),
                    "image" => c.image = self.string(v, &fp, "string").unwrap_or_default(),
                    "command" => c.command = self.strings(v, &fp),
                    "args" => c.args = self.strings(v, &fp),
                    "env" => c.env = self.env(v, &fp),
                    k if CONTAINER_OTHER.contains(&k) => {
                        if let Some(j) = self.other(v, &fp, container_schema(k)) {
                            c.other.insert(k.to_string(), j);
                        }
                    }
                    _ => self.unknown(e, &fp),
                }
            }
            out.push(c);
        }
        out
    }

    fn env(&mut self, n: &Node, p: &P) -> Vec<EnvVar> {
        let mut out = Vec::new();
        for (i, item) in self
            .seq(n, p, "[]v1.EnvVar")
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let ip = p.index(i);
            let mut ev = EnvVar::default();
            for e in self.map(item, &ip, "v1.EnvVar").unwrap_or_default() {
                let c = ip.field("EnvVar", &e.key);
                match e.key.as_str() {
                    "name" => ev.name = self.string(&e.value, &c, "string").unwrap_or_default(),
                    "value" => ev.value = self.string(&e.value, &c, "string"),
                    "valueFrom" => {
                        if self.map(&e.value, &c, "v1.EnvVarSource").is_some() {
                            ev.value_from = Some(e.value.to_json());
                        }
                    }
                    _ => self.unknown(e, &c),
                }
            }
            out.push(ev);
        }
        out
    }

    fn pod_failure_policy(&mut self, n: &Node, p: &P) -> Option<PodFailurePolicy> {
        let mut policy = PodFailurePolicy::default();
        for e in self.map(n, p, "v1.PodFailurePolicy")? {
            let c = p.field("PodFailurePolicy", &e.key);
            match e.key.as_str() {
                "rules" => {
                    let rules = self.seq(&e.value, &c, "[]v1.PodFailurePolicyRule");
                    for (i, item) in rules.unwrap_or_default().iter().enumerate() {
                        let rule = self.pod_failure_policy_rule(item, &c.index(i));
                        policy.rules.push(rule);
                    }
                }
                _ => self.unknown(e, &c),
            }
        }
        Some(policy)
    }

    fn success_policy(&mut self, n: &Node, p: &P) -> Option<SuccessPolicy> {
        let mut policy = SuccessPolicy::default();
        for e in self.map(n, p, "v1.SuccessPolicy")? {
            let c = p.field("SuccessPolicy", &e.key);
            match e.key.as_str() {
                "rules" => {
                    let rules = self.seq(&e.value, &c, "[]v1.SuccessPolicyRule");
                    for (i, item) in rules.unwrap_or_default().iter().enumerate() {
                        let ip = c.index(i);
                        let mut rule = SuccessPolicyRule::default();
                        for e in self
                            .map(item, &ip, "v1.SuccessPolicyRule")
                            .unwrap_or_default()
                        {
                            let cc = ip.field("SuccessPolicyRule", &e.key);
                            match e.key.as_str() {
                                "succeededIndexes" => {
                                    rule.succeeded_indexes = self.string(&e.value, &cc, "string")
                                }
                                "succeededCount" => rule.succeeded_count = self.i32(&e.value, &cc),
                                _ => self.unknown(e, &cc),
                            }
                        }
                        policy.rules.push(rule);
                    }
                }
                _ => self.unknown(e, &c),
            }
        }
        Some(policy)
    }

    fn pod_failure_policy_rule(&mut self, n: &Node, p: &P) -> PodFailurePolicyRule {
        let mut r = PodFailurePolicyRule::default();
        for e in self
            .map(n, p, "v1.PodFailurePolicyRule")
            .unwrap_or_default()
        {
            let c = p.field("PodFailurePolicyRule", &e.key);
            let v = &e.value;
            match e.key.as_str() {
                "action" => {
                    r.action = self
                        .string(v, &c, "v1.PodFailurePolicyAction")
                        .unwrap_or_default()
                }
                "onExitCodes" => {
                    let Some(es) = self.map(v, &c, "v1.PodFailurePolicyOnExitCodesRequirement")
                    else {
                        continue;
                    };
                    let mut req = PodFailurePolicyOnExitCodes::default();
                    for e in es {
                        let cc = c.field("PodFailurePolicyOnExitCodesRequirement", &e.key);
                        let v = &e.value;
                        match e.key.as_str() {
                            "containerName" => req.container_name = self.string(v, &cc, "string"),
                            "operator" => {
                                req.operator = self
                                    .string(v, &cc, "v1.PodFailurePolicyOnExitCodesOperator")
                                    .unwrap_or_default()
                            }
                            "values" => {
                                let items = self.seq(v, &cc, "[]int32");
                                req.values_listed = items.is_some();
                                for (i, item) in items.unwrap_or_default().iter().enumerate() {
                                    if let Some(code) = self.i32(item, &cc.index(i)) {
                                        req.values.push(code);
                                    }
                                }
                            }
                            _ => self.unknown(e, &cc),
                        }
                    }
                    r.on_exit_codes = Some(req);
                }
                "onPodConditions" => {
                    let Some(items) =
                        self.seq(v, &c, "[]v1.PodFailurePolicyOnPodConditionsPattern")
                    else {
                        continue;
                    };
                    let mut patterns = Vec::new();
                    for (i, item) in items.iter().enumerate() {
                        let ip = c.index(i);
                        let mut pat = PodFailurePolicyOnPodCondition::default();
                        let fields =
                            self.map(item, &ip, "v1.PodFailurePolicyOnPodConditionsPattern");
                        for e in fields.unwrap_or_default() {
                            let cc = ip.field("PodFailurePolicyOnPodConditionsPattern", &e.key);
                            let v = &e.value;
                            match e.key.as_str() {
                                "type" => {
                                    pat.type_ = self
                                        .string(v, &cc, "v1.PodConditionType")
                                        .unwrap_or_default()
                                }
                                "status" => {
                                    pat.status = self
                                        .string(v, &cc, "v1.ConditionStatus")
                                        .unwrap_or_default()
                                }
                                _ => self.unknown(e, &cc),
                            }
                        }
                        patterns.push(pat);
                    }
                    r.on_pod_conditions = Some(patterns);
                }
                _ => self.unknown(e, &c),
            }
        }
        r
    }

    fn tolerations(&mut self, n: &Node, p: &P) -> Vec<Toleration> {
        let mut out = Vec::new();
        for (i, item) in self
            .seq(n, p, "[]v1.Toleration")
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let ip = p.index(i);
            let mut t = Toleration::default();
            for e in self.map(item, &ip, "v1.Toleration").unwrap_or_default() {
                let c = ip.field("Toleration", &e.key);
                let v = &e.value;
                match e.key.as_str() {
                    "key" => t.key = self.string(v, &c, "string").unwrap_or_default(),
                    "operator" => {
                        t.operator = self
                            .string(v, &c, "v1.TolerationOperator")
                            .unwrap_or_default()
                    }
                    "value" => t.value = self.string(v, &c, "string").unwrap_or_default(),
                    "effect" => t.effect = self.string(v, &c, "v1.TaintEffect").unwrap_or_default(),
                    "tolerationSeconds" => t.toleration_seconds = self.i64(v, &c),
                    _ => self.unknown(e, &c),
                }
            }
            out.push(t);
        }
        out
    }

    fn affinity(&mut self, n: &Node, p: &P) -> Option<Affinity> {
        let es = self.map(n, p, "v1.Affinity")?;
        let mut a = Affinity::default();
        for e in es {
            let c = p.field("Affinity", &e.key);
            match e.key.as_str() {
                "nodeAffinity" => a.node_affinity = self.node_affinity(&e.value, &c),
                "podAffinity" | "podAntiAffinity" => {
                    if self.map(&e.value, &c, "v1.PodAffinity").is_some() {
                        let mut j = e.value.to_json();
                        omit_empty(&mut j);
                        a.other.insert(e.key.clone(), j);
                    }
                }
                _ => self.unknown(e, &c),
            }
        }
        Some(a)
    }

    fn node_affinity(&mut self, n: &Node, p: &P) -> Option<NodeAffinity> {
        let es = self.map(n, p, "v1.NodeAffinity")?;
        let mut a = NodeAffinity::default();
        for e in es {
            let c = p.field("NodeAffinity", &e.key);
            match e.key.as_str() {
                "requiredDuringSchedulingIgnoredDuringExecution" => {
                    a.required_during_scheduling_ignored_during_execution =
                        self.node_selector(&e.value, &c)
                }
                "preferredDuringSchedulingIgnoredDuringExecution" => {
                    if self
                        .seq(&e.value, &c, "[]v1.PreferredSchedulingTerm")
                        .is_some()
                    {
                        let mut j = e.value.to_json();
                        omit_empty(&mut j);
                        if !is_empty_list(&j) {
                            a.other.insert(e.key.clone(), j);
                        }
                    }
                }
                _ => self.unknown(e, &c),
            }
        }
        Some(a)
    }

    fn node_selector(&mut self, n: &Node, p: &P) -> Option<NodeSelector> {
        let es = self.map(n, p, "v1.NodeSelector")?;
        let mut s = NodeSelector::default();
        for e in es {
            let c = p.field("NodeSelector", &e.key);
            if e.key != "nodeSelectorTerms" {
                self.unknown(e, &c);
                continue;
            }
            for (i, item) in self
                .seq(&e.value, &c, "[]v1.NodeSelectorTerm")
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                let ip = c.index(i);
                let mut term = NodeSelectorTerm::default();
                for f in self
                    .map(item, &ip, "v1.NodeSelectorTerm")
                    .unwrap_or_default()
                {
                    let fc = ip.field("NodeSelectorTerm", &f.key);
                    match f.key.as_str() {
                        "matchExpressions" => {
                            term.match_expressions = self.node_reqs(&f.value, &fc)
                        }
                        "matchFields" => term.match_fields = self.node_reqs(&f.value, &fc),
                        _ => self.unknown(f, &fc),
                    }
                }
                s.node_selector_terms.push(term);
            }
        }
        Some(s)
    }

    fn node_reqs(&mut self, n: &Node, p: &P) -> Vec<NodeSelectorRequirement> {
        let mut out = Vec::new();
        for (i, item) in self
            .seq(n, p, "[]v1.NodeSelectorRequirement")
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let ip = p.index(i);
            let mut r = NodeSelectorRequirement::default();
            for e in self
                .map(item, &ip, "v1.NodeSelectorRequirement")
                .unwrap_or_default()
            {
                let c = ip.field("NodeSelectorRequirement", &e.key);
                match e.key.as_str() {
                    "key" => r.key = self.string(&e.value, &c, "string").unwrap_or_default(),
                    "operator" => {
                        r.operator = self
                            .string(&e.value, &c, "v1.NodeSelectorOperator")
                            .unwrap_or_default()
                    }
                    "values" => r.values = self.strings(&e.value, &c),
                    _ => self.unknown(e, &c),
                }
            }
            out.push(r);
        }
        out
    }

    /// `status.capacity` and `status.allocatable` (v1.ResourceList); other status fields
    /// are the kubelet's and ignored.
    pub fn node_status(&mut self, n: &Node, p: &P) -> NodeStatus {
        let mut s = NodeStatus::default();
        for e in self.map(n, p, "v1.NodeStatus").unwrap_or_default() {
            let c = p.field("NodeStatus", &e.key);
            let out = match e.key.as_str() {
                "capacity" => &mut s.capacity,
                "allocatable" => &mut s.allocatable,
                _ => continue,
            };
            for r in self
                .map(&e.value, &c, "v1.ResourceList")
                .unwrap_or_default()
            {
                if let Some(q) = self.quantity(&r.value, &c.key(&r.key)) {
                    out.insert(r.key.clone(), q);
                }
            }
        }
        s
    }

    pub fn node_spec(&mut self, n: &Node, p: &P) -> NodeSpec {
        let mut s = NodeSpec::default();
        for e in self.map(n, p, "v1.NodeSpec").unwrap_or_default() {
            let c = p.field("NodeSpec", &e.key);
            let v = &e.value;
            match e.key.as_str() {
                "unschedulable" => s.unschedulable = self.bool(v, &c).unwrap_or_default(),
                "taints" => {
                    for (i, item) in self
                        .seq(v, &c, "[]v1.Taint")
                        .unwrap_or_default()
                        .iter()
                        .enumerate()
                    {
                        let ip = c.index(i);
                        let mut t = Taint::default();
                        for f in self.map(item, &ip, "v1.Taint").unwrap_or_default() {
                            let fc = ip.field("Taint", &f.key);
                            match f.key.as_str() {
                                "key" => {
                                    t.key = self.string(&f.value, &fc, "string").unwrap_or_default()
                                }
                                "value" => {
                                    t.value =
                                        self.string(&f.value, &fc, "string").unwrap_or_default()
                                }
                                "effect" => {
                                    t.effect = self
                                        .string(&f.value, &fc, "v1.TaintEffect")
                                        .unwrap_or_default()
                                }
                                "timeAdded" => {
                                    self.string(&f.value, &fc, "v1.Time");
                                }
                                _ => self.unknown(f, &fc),
                            }
                        }
                        s.taints.push(t);
                    }
                }
                // Kept for validation; the simulated node IPAM controller gives the range.
                "podCIDR" => s.pod_cidr = self.string(v, &c, "string").unwrap_or_default(),
                "providerID" | "externalID" => {
                    self.string(v, &c, "string");
                }
                "podCIDRs" => s.pod_cidrs = self.strings(v, &c),
                "configSource" => {
                    self.map(v, &c, "v1.NodeConfigSource");
                }
                _ => self.unknown(e, &c),
            }
        }
        s
    }

    // --- batch/v1 ------------------------------------------------------------------------

    pub fn job_spec(&mut self, n: &Node, p: &P) -> JobSpec {
        let mut s = JobSpec::default();
        for e in self.map(n, p, "v1.JobSpec").unwrap_or_default() {
            let c = p.field("JobSpec", &e.key);
            let v = &e.value;
            match e.key.as_str() {
                "parallelism" => s.parallelism = self.i32(v, &c),
                "completions" => s.completions = self.i32(v, &c),
                "activeDeadlineSeconds" => s.active_deadline_seconds = self.i64(v, &c),
                "backoffLimit" => s.backoff_limit = self.i32(v, &c),
                "selector" => s.selector = self.label_selector(v, &c),
                "manualSelector" => s.manual_selector = self.bool(v, &c),
                "template" => s.template = self.pod_template(v, &c),
                "ttlSecondsAfterFinished" => s.ttl_seconds_after_finished = self.i32(v, &c),
                "completionMode" => s.completion_mode = self.string(v, &c, "v1.CompletionMode"),
                "suspend" => s.suspend = self.bool(v, &c),
                // Known to Kubernetes, not simulated: accepted (type-checked) and dropped.
                "backoffLimitPerIndex" => s.backoff_limit_per_index = self.i32(v, &c),
                "maxFailedIndexes" => s.max_failed_indexes = self.i32(v, &c),
                "podReplacementPolicy" => {
                    s.pod_replacement_policy = self.string(v, &c, "v1.PodReplacementPolicy")
                }
                "managedBy" => s.managed_by = self.string(v, &c, "string"),
                "podFailurePolicy" => s.pod_failure_policy = self.pod_failure_policy(v, &c),
                "successPolicy" => s.success_policy = self.success_policy(v, &c),
                _ => self.unknown(e, &c),
            }
        }
        s
    }

    pub fn cron_job_spec(&mut self, n: &Node, p: &P) -> CronJobSpec {
        let mut s = CronJobSpec::default();
        for e in self.map(n, p, "v1.CronJobSpec").unwrap_or_default() {
            let c = p.field("CronJobSpec", &e.key);
            let v = &e.value;
            match e.key.as_str() {
                "schedule" => s.schedule = self.string(v, &c, "string").unwrap_or_default(),
                "timeZone" => s.time_zone = self.string(v, &c, "string"),
                "startingDeadlineSeconds" => s.starting_deadline_seconds = self.i64(v, &c),
                "concurrencyPolicy" => {
                    s.concurrency_policy = self
                        .string(v, &c, "v1.ConcurrencyPolicy")
                        .unwrap_or_default()
                }
                "suspend" => s.suspend = self.bool(v, &c),
                "jobTemplate" => {
                    for f in self.map(v, &c, "v1.JobTemplateSpec").unwrap_or_default() {
                        let fc = c.field("JobTemplateSpec", &f.key);
                        match f.key.as_str() {
                            "metadata" => s.job_template.metadata = self.object_meta(&f.value, &fc),
                            "spec" => s.job_template.spec = self.job_spec(&f.value, &fc),
                            _ => self.unknown(f, &fc),
                        }
                    }
                }
                "successfulJobsHistoryLimit" => s.successful_jobs_history_limit = self.i32(v, &c),
                "failedJobsHistoryLimit" => s.failed_jobs_history_limit = self.i32(v, &c),
                _ => self.unknown(e, &c),
            }
        }
        s
    }

    // --- apps/v1 -------------------------------------------------------------------------

    pub fn daemon_set_spec(&mut self, n: &Node, p: &P) -> DaemonSetSpec {
        let mut s = DaemonSetSpec::default();
        for e in self.map(n, p, "v1.DaemonSetSpec").unwrap_or_default() {
            let c = p.field("DaemonSetSpec", &e.key);
            let v = &e.value;
            match e.key.as_str() {
                "selector" => s.selector = self.label_selector(v, &c),
                "template" => s.template = self.pod_template(v, &c),
                "minReadySeconds" => s.min_ready_seconds = self.i32(v, &c).unwrap_or_default(),
                "revisionHistoryLimit" => s.revision_history_limit = self.i32(v, &c),
                "updateStrategy" => {
                    for f in self
                        .map(v, &c, "v1.DaemonSetUpdateStrategy")
                        .unwrap_or_default()
                    {
                        let fc = c.field("DaemonSetUpdateStrategy", &f.key);
                        match f.key.as_str() {
                            "type" => {
                                s.update_strategy.type_ = self
                                    .string(&f.value, &fc, "v1.DaemonSetUpdateStrategyType")
                                    .unwrap_or_default()
                            }
                            "rollingUpdate" => {
                                let Some(gs) = self.map(&f.value, &fc, "v1.RollingUpdateDaemonSet")
                                else {
                                    continue;
                                };
                                let mut ru = RollingUpdateDaemonSet::default();
                                for g in gs {
                                    let gc = fc.field("RollingUpdateDaemonSet", &g.key);
                                    match g.key.as_str() {
                                        "maxUnavailable" => {
                                            ru.max_unavailable = self.int_or_string(&g.value, &gc)
                                        }
                                        "maxSurge" => {
                                            ru.max_surge = self.int_or_string(&g.value, &gc)
                                        }
                                        _ => self.unknown(g, &gc),
                                    }
                                }
                                s.update_strategy.rolling_update = Some(ru);
                            }
                            _ => self.unknown(f, &fc),
                        }
                    }
                }
                _ => self.unknown(e, &c),
            }
        }
        s
    }
}

// --- metav1.Time ---------------------------------------------------------------------------

/// Go's time.quote: printable ASCII as is (`"` and `\` escaped), other bytes as `\xNN`.
fn go_time_quote(s: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in s {
        if (b' '..0x7f).contains(&b) {
            if b == b'"' || b == b'\\' {
                out.push('\\');
            }
            out.push(b as char);
        } else {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out.push('"');
    out
}

/// Go's time.skip of a one-byte layout literal.
fn go_skip(s: &[u8], c: u8) -> Result<&[u8], ()> {
    match s.first() {
        Some(&b) if b == c => Ok(&s[1..]),
        _ => Err(()),
    }
}

/// Go's time.getnum: one or two digits (exactly two when `fixed`).
fn go_getnum(s: &[u8], fixed: bool) -> Option<(i32, &[u8])> {
    let digit = |i: usize| {
        s.get(i)
            .filter(|b| b.is_ascii_digit())
            .map(|b| (b - b'0') as i32)
    };
    let d0 = digit(0)?;
    match digit(1) {
        Some(d1) => Some((d0 * 10 + d1, &s[2..])),
        None if fixed => None,
        None => Some((d0, &s[1..])),
    }
}

/// The error of `time.Parse(time.RFC3339, v)` (metav1.Time.UnmarshalJSON), None when `v`
/// parses: Go's general parser, which the RFC 3339 fast path falls back to (time/format.go
/// parse: `cannot parse "X" as "2006"`, `month out of range`, `extra text: "X"`).
pub(crate) fn go_rfc3339_error(v: &str) -> Option<String> {
    const LAYOUT: &str = "2006-01-02T15:04:05Z07:00";
    let head = format!(
        "parsing time {} as {}",
        go_time_quote(v.as_bytes()),
        go_time_quote(LAYOUT.as_bytes())
    );
    let cannot = |value: &[u8], elem: &str| {
        Some(format!(
            "{head}: cannot parse {} as {}",
            go_time_quote(value),
            go_time_quote(elem.as_bytes())
        ))
    };
    let range = |what: &str| {
        Some(format!(
            "parsing time {}: {what} out of range",
            go_time_quote(v.as_bytes())
        ))
    };
    let s = v.as_bytes();
    // 2006
    if s.len() < 4 || !s[..4].iter().all(u8::is_ascii_digit) {
        return cannot(s, "2006");
    }
    let year: i32 = s[..4].iter().fold(0, |a, b| a * 10 + (b - b'0') as i32);
    let s = &s[4..];
    let Ok(s) = go_skip(s, b'-') else {
        return cannot(s, "-");
    };
    let Some((month, s2)) = go_getnum(s, true) else {
        return cannot(s, "01");
    };
    if !(1..=12).contains(&month) {
        return range("month");
    }
    let Ok(s) = go_skip(s2, b'-') else {
        return cannot(s2, "-");
    };
    let Some((day, s2)) = go_getnum(s, true) else {
        return cannot(s, "02");
    };
    let Ok(s) = go_skip(s2, b'T') else {
        return cannot(s2, "T");
    };
    let Some((hour, s2)) = go_getnum(s, false) else {
        return cannot(s, "15");
    };
    if hour >= 24 {
        return range("hour");
    }
    let Ok(s) = go_skip(s2, b':') else {
        return cannot(s2, ":");
    };
    let Some((minute, s2)) = go_getnum(s, true) else {
        return cannot(s, "04");
    };
    if minute >= 60 {
        return range("minute");
    }
    let Ok(s) = go_skip(s2, b':') else {
        return cannot(s2, ":");
    };
    let Some((sec, mut s2)) = go_getnum(s, true) else {
        return cannot(s, "05");
    };
    if sec >= 60 {
        return range("second");
    }
    // A fractional second the layout does not have is read all the same.
    if s2.len() >= 2 && matches!(s2[0], b'.' | b',') && s2[1].is_ascii_digit() {
        let n = 2 + s2[2..].iter().take_while(|b| b.is_ascii_digit()).count();
        s2 = &s2[n..];
    }
    // Z07:00
    let s = s2;
    let rest = if s.first() == Some(&b'Z') {
        &s[1..]
    } else {
        if s.len() < 6 || s[3] != b':' {
            return cannot(s, "Z07:00");
        }
        // The minutes are read only when the hours are; a range error wins over a bad sign.
        let hr = go_getnum(&s[1..3], true).map(|x| x.0);
        let mm = hr.and(go_getnum(&s[4..6], true)).map(|x| x.0);
        if mm.is_some_and(|m| m > 60) {
            return range("time zone offset minute");
        }
        if hr.is_some_and(|h| h > 24) {
            return range("time zone offset hour");
        }
        if hr.is_none() || mm.is_none() || !matches!(s[0], b'+' | b'-') {
            return cannot(s, "Z07:00");
        }
        &s[6..]
    };
    if !rest.is_empty() {
        return Some(format!(
            "parsing time {}: extra text: {}",
            go_time_quote(v.as_bytes()),
            go_time_quote(rest)
        ));
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day < 1 || day > days {
        return range("day");
    }
    None
}
