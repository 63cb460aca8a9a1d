//! Scenario files: timed user actions (add/remove/taint/label nodes, fail or delete pods, apply
//! or delete objects, stop the controller manager).
//!
//! ```yaml
//! - at: 90s
//!   addNode: {name: worker-4, labels: {disk: ssd}, taints: ["dedicated=gpu:NoSchedule"]}
//! - at: 2m
//!   failPod: job-name=pi
//! - at: 150s
//!   labelNode: {name: worker-2, key: disktype, value: ssd}
//! - at: 3m
//!   controllerDown: {for: 5m}
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::Simulation;
use crate::api::{parse_duration, Duration, Kind, Object, Taint};
use crate::manifest::parse_manifests;

#[derive(Clone, Debug, PartialEq)]
pub struct TimedAction {
    pub at: Duration,
    pub action: Action,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    AddNode {
        name: String,
        labels: BTreeMap<String, String>,
        taints: Vec<Taint>,
    },
    RemoveNode(String),
    /// `kubectl cordon`: spec.unschedulable, mirrored as the unschedulable NoSchedule taint.
    Cordon(String),
    /// `kubectl drain NODE --ignore-daemonsets --delete-emptydir-data --force`: cordon, then
    /// evict every pod on the node but the DaemonSets' (kubectl/pkg/drain).
    Drain(String),
    /// `kubectl drain NODE --grace-period=N`: the evictions' grace period instead of each pod's
    /// own (drain.go makeDeleteOptions); 0 removes the pod objects at once.
    DrainGrace(String, i64),
    Uncordon(String),
    TaintNode {
        name: String,
        taint: Taint,
    },
    UntaintNode {
        name: String,
        key: String,
    },
    /// `kubectl label nodes`: a merge patch of the node's labels; `None` removes the key.
    LabelNode {
        name: String,
        labels: BTreeMap<String, Option<String>>,
    },
    /// `kubectl label pods`: a merge patch of the pod's labels; `None` removes the key. A pod
    /// relabelled out of its controller's selector is released by it (ClaimPods).
    LabelPod {
        name: String,
        labels: BTreeMap<String, Option<String>>,
    },
    FailPod(String),
    DeletePod(String),
    /// Objects already parsed and validated.
    Apply(Vec<Object>),
    Delete(Kind, String),
    /// `kubectl delete --cascade=orphan`: the object goes, its dependents stay, ownerless.
    DeleteOrphan(Kind, String),
    /// `kubectl delete --cascade=foreground`: the object stays, being deleted, until the
    /// garbage collector has deleted its dependents.
    DeleteForeground(Kind, String),
    /// `kubectl delete pod --grace-period=N`: the deletion's grace period instead of the pod's
    /// terminationGracePeriodSeconds; 0 (with `--force`) removes the pod object at once.
    DeletePodGrace(String, i64),
    ControllerDown(Duration),
    /// `systemctl stop kubelet` on a node: its pods run on unseen; the node lifecycle
    /// controller marks it NotReady after the grace period, and taint eviction follows.
    StopKubelet(String),
    StartKubelet(String),
}

/// A scenario error with its place in the scenario file.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// Parses a scenario. `load` reads a manifest named by `apply: FILE`.
pub fn parse_scenario(
    src: &str,
    load: &dyn Fn(&str) -> Result<String, String>,
) -> Result<Vec<TimedAction>, Vec<ScenarioError>> {
    let raw: Vec<RawAction> = match crate::manifest::from_yaml::from_str::<RawScenario>(src) {
        Ok(RawScenario(v)) => v,
        Err(e) => return Err(vec![yaml_error(&e)]),
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    // A key given twice in one entry (`at`, or an action) would silently take the later one.
    for d in crate::manifest::yaml::parse_stream(src).docs {
        for (line, column, key, earlier) in d.duplicates {
            errors.push(ScenarioError {
                line,
                column,
                message: format!(
                    "{key:?} is given twice (first on line {earlier}): the later one would win silently"
                ),
            });
        }
    }
    let mut search_from = 0usize;
    for r in raw {
        let action = match r.action {
            RawKind::Apply(text) => {
                let is_file = !text.contains('\n') && !text.contains(": ");
                if text.trim().is_empty() {
                    let (line, column) = locate_line(src, "apply:", search_from);
                    errors.push(ScenarioError {
                        line,
                        column,
                        message: "apply: no file name: name a manifest file (next to the scenario) or write the manifest itself under `apply: |`".into(),
                    });
                    continue;
                }
                let (source, base_line, base_col) = if is_file {
                    let (line, column) = locate_line(src, text.trim(), search_from);
                    match load(text.trim()) {
                        Ok(s) => (s, None, (line, column)),
                        Err(e) => {
                            errors.push(ScenarioError {
                                line,
                                column,
                                message: format!("apply: {e}"),
                            });
                            continue;
                        }
                    }
                } else {
                    let (line, col) = locate_block(src, &text, &mut search_from).unwrap_or((1, 1));
                    (text.clone(), Some(line), (line, col))
                };
                match parse_manifests(&source) {
                    // kubectl apply.go Run: "no objects passed to apply".
                    Ok(objs) if objs.is_empty() => {
                        errors.push(ScenarioError {
                            line: base_col.0,
                            column: base_col.1,
                            message: "apply: no objects passed to apply".into(),
                        });
                        continue;
                    }
                    Ok(objs) => Action::Apply(objs),
                    Err(errs) => {
                        for e in errs {
                            errors.push(match base_line {
                                Some(l) => ScenarioError {
                                    line: l + e.line - 1,
                                    column: base_col.1 + e.column,
                                    message: e.message,
                                },
                                None => ScenarioError {
                                    line: base_col.0,
                                    column: base_col.1,
                                    message: format!(
                                        "{}:{}:{}: {}",
                                        text.trim(),
                                        e.line,
                                        e.column,
                                        e.message
                                    ),
                                },
                            });
                        }
                        continue;
                    }
                }
            }
            RawKind::Ready(a) => a,
        };
        out.push(TimedAction { at: r.at, action });
    }
    if errors.is_empty() {
        // Stable by time: actions at the same instant keep file order.
        crate::sort::sort_by_key(&mut out, |a| a.at);
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Where an inline `apply: |` block's first line stands in the scenario file (line, indent).
fn locate_block(src: &str, text: &str, from: &mut usize) -> Option<(usize, usize)> {
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    let skipped = text.lines().take_while(|l| l.trim().is_empty()).count();
    for (i, line) in src.lines().enumerate().skip(*from) {
        if line.trim_end() == first.trim_end()
            || (line.ends_with(first) && line[..line.len() - first.len()].trim().is_empty())
        {
            *from = i + 1;
            let indent = line.len() - first.len();
            return Some((i + 1 - skipped, indent));
        }
    }
    None
}

/// The line and column of the first mention of `needle` at or after line index `from`.
fn locate_line(src: &str, needle: &str, from: usize) -> (usize, usize) {
    src.lines()
        .enumerate()
        .skip(from)
        .find_map(|(i, l)| l.find(needle).map(|c| (i + 1, c + 1)))
        .unwrap_or((1, 1))
}

fn yaml_error(e: &crate::manifest::from_yaml::Error) -> ScenarioError {
    ScenarioError {
        line: e.line,
        column: e.column,
        message: plain_words(&e.message),
    }
}

/// serde's names for the action shapes, in the scenario's own words (README "Scenario files").
fn plain_words(message: &str) -> String {
    const SHAPES: [(&str, &str); 10] = [
        ("struct AddNode", "{name, labels?, taints?}"),
        ("struct ControllerDown", "{for: DURATION}"),
        ("struct TaintNode", "{name, taint}"),
        ("struct UntaintNode", "{name, key}"),
        (
            "struct LabelFields",
            "{name, labels} (or {name, key, value})",
        ),
        ("struct DeletePodGrace", "{pods, gracePeriodSeconds}"),
        ("struct DrainGrace", "{node, gracePeriodSeconds}"),
        ("unit value", "nothing (an empty entry)"),
        (
            "data did not match any variant of untagged enum TaintSpec",
            "a taint is written KEY[=VALUE]:EFFECT or {key, value?, effect}",
        ),
        ("struct ", "a mapping "),
    ];
    let mut m = message.to_string();
    for (serde, ours) in SHAPES {
        m = m.replace(serde, ours);
    }
    m
}

/// A list of actions, or `actions:` holding one; an empty file is an empty scenario.
struct RawScenario(Vec<RawAction>);

impl<'de> Deserialize<'de> for RawScenario {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScenarioVisitor)
    }
}

struct ScenarioVisitor;

impl<'de> Visitor<'de> for ScenarioVisitor {
    type Value = RawScenario;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of actions (`- at: 90s` followed by one action), or `actions:` holding that list")
    }

    fn visit_unit<E: de::Error>(self) -> Result<RawScenario, E> {
        Ok(RawScenario(Vec::new()))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawScenario, A::Error> {
        let mut v = Vec::new();
        while let Some(a) = seq.next_element()? {
            v.push(a);
        }
        Ok(RawScenario(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawScenario, A::Error> {
        let mut actions = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "actions" => actions = Some(map.next_value::<Option<Vec<RawAction>>>()?),
                other => {
                    return Err(de::Error::custom(format!(
                        "unknown field `{other}`: a scenario is a list of actions, or `actions:` holding one"
                    )))
                }
            }
        }
        Ok(RawScenario(actions.flatten().unwrap_or_default()))
    }
}

struct RawAction {
    at: Duration,
    action: RawKind,
}

enum RawKind {
    Ready(Action),
    Apply(String),
}

const ACTIONS: &[&str] = &[
    "addNode",
    "removeNode",
    "taintNode",
    "untaintNode",
    "labelNode",
    "unlabelNode",
    "cordon",
    "uncordon",
    "drain",
    "drainGrace",
    "labelPod",
    "failPod",
    "deletePod",
    "forceDeletePod",
    "deletePodGrace",
    "apply",
    "delete",
    "deleteOrphan",
    "deleteForeground",
    "controllerDown",
    "stopKubelet",
    "startKubelet",
];

impl<'de> Deserialize<'de> for RawAction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ActionVisitor)
    }
}

struct ActionVisitor;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddNode {
    name: String,
    #[serde(default)]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    taints: Vec<TaintSpec>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TaintSpec {
    Text(String),
    Fields {
        key: String,
        #[serde(default)]
        value: String,
        effect: String,
    },
}

impl TaintSpec {
    fn into_taint<E: de::Error>(self) -> Result<Taint, E> {
        match self {
            TaintSpec::Text(s) => Taint::parse(&s).map_err(E::custom),
            TaintSpec::Fields { key, value, effect } => {
                Taint::parse(&format!("{key}={value}:{effect}")).map_err(E::custom)
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaintNode {
    #[serde(alias = "node")]
    name: String,
    taint: TaintSpec,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UntaintNode {
    #[serde(alias = "node")]
    name: String,
    key: String,
}

/// `{name, key, value}` (one label; `value` defaults to empty) or `{name, labels: {k: v}}`,
/// where a null value removes the key, as in the merge patch `kubectl label` sends.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelFields {
    #[serde(alias = "node", alias = "pod")]
    name: String,
    key: Option<String>,
    value: Option<String>,
    labels: Option<BTreeMap<String, Option<String>>>,
}

/// A checked `labelNode` (errors then point at its value in the file).
#[derive(Deserialize)]
#[serde(try_from = "LabelFields")]
struct LabelNode(Action);

impl TryFrom<LabelFields> for LabelNode {
    type Error = String;

    fn try_from(l: LabelFields) -> Result<Self, String> {
        let (name, labels) = checked_labels(l, Kind::Node)?;
        Ok(LabelNode(Action::LabelNode { name, labels }))
    }
}

/// A checked `labelPod`.
#[derive(Deserialize)]
#[serde(try_from = "LabelFields")]
struct LabelPod(Action);

impl TryFrom<LabelFields> for LabelPod {
    type Error = String;

    fn try_from(l: LabelFields) -> Result<Self, String> {
        let (name, labels) = checked_labels(l, Kind::Pod)?;
        Ok(LabelPod(Action::LabelPod { name, labels }))
    }
}

/// The labels a `labelNode` / `labelPod` sets (`None`: removes), checked like the API server's
/// ValidateLabels; the object need not exist yet.
fn checked_labels(
    l: LabelFields,
    kind: Kind,
) -> Result<(String, BTreeMap<String, Option<String>>), String> {
    let verb = if kind == Kind::Pod {
        "labelPod"
    } else {
        "labelNode"
    };
    let labels = match (l.key, l.labels) {
        (Some(k), None) => crate::sort::to_map([(k, Some(l.value.unwrap_or_default()))]),
        (None, Some(m)) if l.value.is_none() && !m.is_empty() => m,
        _ => {
            return Err(format!(
                "{verb}: give `key` (and `value`), or `labels` (a null value removes the label)"
            ))
        }
    };
    let errors = super::label_patch_errors(&labels);
    if !errors.is_empty() {
        return Err(super::invalid(kind, &l.name, &errors));
    }
    Ok((l.name, labels))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DeletePodGrace {
    pods: String,
    grace_period_seconds: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DrainGrace {
    node: String,
    grace_period_seconds: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ControllerDown {
    #[serde(rename = "for")]
    for_: String,
}

/// `at: 90s`, or a bare number (`at: 0`), which `parse_duration` then judges.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
    Other(de::IgnoredAny),
}

fn duration<E: de::Error>(s: &str) -> Result<Duration, E> {
    parse_duration(s).map_err(E::custom)
}

impl<'de> Visitor<'de> for ActionVisitor {
    type Value = RawAction;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "an action: a mapping with `at` and one of {}",
            ACTIONS.join(", ")
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawAction, A::Error> {
        let mut at = None;
        let mut action: Option<RawKind> = None;
        while let Some(key) = map.next_key::<String>()? {
            let set = |action: &mut Option<RawKind>, a: RawKind| {
                if action.is_some() {
                    return Err(de::Error::custom(format!("one action per entry: `{key}` follows another action; start a new `- at:` entry")));
                }
                *action = Some(a);
                Ok(())
            };
            match key.as_str() {
                "at" => {
                    let s = match map.next_value::<Scalar>()? {
                        Scalar::Text(s) => s,
                        Scalar::Int(n) => n.to_string(),
                        Scalar::Float(n) => n.to_string(),
                        Scalar::Other(_) => {
                            return Err(de::Error::custom(
                                "`at` must be a duration such as 90s or 2m30s",
                            ))
                        }
                    };
                    at = Some(duration(&s)?);
                }
                "addNode" => {
                    let n: AddNode = map.next_value()?;
                    let taints = n
                        .taints
                        .into_iter()
                        .map(TaintSpec::into_taint)
                        .collect::<Result<Vec<_>, _>>()?;
                    // validateNodeTaints: one taint per key and effect.
                    for (i, t) in taints.iter().enumerate() {
                        if taints[..i]
                            .iter()
                            .any(|o| o.key == t.key && o.effect == t.effect)
                        {
                            return Err(serde::de::Error::custom(format!(
                                "taints[{i}]: Duplicate value: {t}: taints must be unique by key and effect pair"
                            )));
                        }
                    }
                    set(
                        &mut action,
                        RawKind::Ready(Action::AddNode {
                            name: n.name,
                            labels: n.labels,
                            taints,
                        }),
                    )?;
                }
                "removeNode" => set(
                    &mut action,
                    RawKind::Ready(Action::RemoveNode(map.next_value()?)),
                )?,
                "taintNode" => {
                    let t: TaintNode = map.next_value()?;
                    let taint = t.taint.into_taint()?;
                    set(
                        &mut action,
                        RawKind::Ready(Action::TaintNode {
                            name: t.name,
                            taint,
                        }),
                    )?;
                }
                "untaintNode" => {
                    let t: UntaintNode = map.next_value()?;
                    set(
                        &mut action,
                        RawKind::Ready(Action::UntaintNode {
                            name: t.name,
                            key: t.key,
                        }),
                    )?;
                }
                "labelNode" => {
                    let LabelNode(a) = map.next_value()?;
                    set(&mut action, RawKind::Ready(a))?;
                }
                "labelPod" => {
                    let LabelPod(a) = map.next_value()?;
                    set(&mut action, RawKind::Ready(a))?;
                }
                "unlabelNode" => {
                    // Removing a key never makes the labels invalid: nothing to check.
                    let t: UntaintNode = map.next_value()?;
                    set(
                        &mut action,
                        RawKind::Ready(Action::LabelNode {
                            name: t.name,
                            labels: crate::sort::to_map([(t.key, None)]),
                        }),
                    )?;
                }
                "cordon" => set(
                    &mut action,
                    RawKind::Ready(Action::Cordon(map.next_value()?)),
                )?,
                "uncordon" => set(
                    &mut action,
                    RawKind::Ready(Action::Uncordon(map.next_value()?)),
                )?,
                "drain" => set(
                    &mut action,
                    RawKind::Ready(Action::Drain(map.next_value()?)),
                )?,
                "drainGrace" => {
                    let g: DrainGrace = map.next_value()?;
                    if g.grace_period_seconds < 0 {
                        return Err(de::Error::custom(
                            "drainGrace: gracePeriodSeconds must be 0 or more",
                        ));
                    }
                    set(
                        &mut action,
                        RawKind::Ready(Action::DrainGrace(g.node, g.grace_period_seconds)),
                    )?;
                }
                "stopKubelet" => set(
                    &mut action,
                    RawKind::Ready(Action::StopKubelet(map.next_value()?)),
                )?,
                "startKubelet" => set(
                    &mut action,
                    RawKind::Ready(Action::StartKubelet(map.next_value()?)),
                )?,
                "failPod" => set(
                    &mut action,
                    RawKind::Ready(Action::FailPod(map.next_value()?)),
                )?,
                "deletePod" => set(
                    &mut action,
                    RawKind::Ready(Action::DeletePod(map.next_value()?)),
                )?,
                "forceDeletePod" => set(
                    &mut action,
                    RawKind::Ready(Action::DeletePodGrace(map.next_value()?, 0)),
                )?,
                "deletePodGrace" => {
                    let g: DeletePodGrace = map.next_value()?;
                    if g.grace_period_seconds < 0 {
                        return Err(de::Error::custom(
                            "deletePodGrace: gracePeriodSeconds must be 0 or more",
                        ));
                    }
                    set(
                        &mut action,
                        RawKind::Ready(Action::DeletePodGrace(g.pods, g.grace_period_seconds)),
                    )?;
                }
                "apply" => set(&mut action, RawKind::Apply(map.next_value()?))?,
                key @ ("delete" | "deleteOrphan" | "deleteForeground") => {
                    let s: String = map.next_value()?;
                    let (k, n) = s.split_once('/').ok_or_else(|| {
                        de::Error::custom(format!(
                            "{key}: expected Kind/name, e.g. Job/pi, got {s:?}"
                        ))
                    })?;
                    let kind = Kind::parse(k)
                        .ok_or_else(|| de::Error::custom(format!("{key}: unknown kind {k:?}")))?;
                    let a = match key {
                        "delete" => Action::Delete(kind, n.to_string()),
                        "deleteForeground" => Action::DeleteForeground(kind, n.to_string()),
                        _ => Action::DeleteOrphan(kind, n.to_string()),
                    };
                    set(&mut action, RawKind::Ready(a))?;
                }
                "controllerDown" => {
                    let c: ControllerDown = map.next_value()?;
                    set(
                        &mut action,
                        RawKind::Ready(Action::ControllerDown(duration(&c.for_)?)),
                    )?;
                }
                other => {
                    return Err(de::Error::custom(format!(
                        "unknown field `{other}`, expected `at` or one of {}",
                        ACTIONS.join(", ")
                    )));
                }
            }
        }
        let at = at.ok_or_else(|| {
            de::Error::custom("missing `at` (when the action happens, e.g. `at: 90s`)")
        })?;
        let action = action.ok_or_else(|| {
            de::Error::custom(format!("missing action: one of {}", ACTIONS.join(", ")))
        })?;
        Ok(RawAction { at, action })
    }
}

impl Simulation {
    /// Carries out one action now. Ok = what happened, in kubectl's words. What the previous
    /// action set off at this instant is settled first, so an action taken while the page shows
    /// work still pending lands where a replay (which settles up to each action) puts it.
    pub fn perform(&mut self, action: &Action) -> Result<String, String> {
        self.settle();
        match action {
            Action::AddNode {
                name,
                labels,
                taints,
            } => {
                self.add_node(name, labels.clone(), taints.clone())?;
                Ok(format!("node/{name} created"))
            }
            Action::RemoveNode(name) => self.delete(Kind::Node, name),
            Action::TaintNode { name, taint } => {
                self.taint_node(name, taint.clone())?;
                Ok(format!("node/{name} tainted"))
            }
            Action::UntaintNode { name, key } => {
                self.untaint_node(name, key)?;
                Ok(format!("node/{name} untainted"))
            }
            // `name` may list several, comma-separated (`kubectl label pods -l ...`).
            Action::LabelNode { name, labels } => {
                let mut out = Vec::new();
                for name in name.split(',') {
                    let word = self.label_node(name, labels)?;
                    out.push(format!("node/{name} {word}"));
                }
                Ok(out.join("\n"))
            }
            Action::LabelPod { name, labels } => {
                let mut out = Vec::new();
                for name in name.split(',') {
                    let word = self.label_pod(name, labels)?;
                    out.push(format!("pod/{name} {word}"));
                }
                Ok(out.join("\n"))
            }
            // kubectl drain.go `RunCordonOrUncordon`: a node already in that state is
            // "already cordoned" and left as it is.
            Action::Cordon(name) | Action::Uncordon(name) => {
                let on = matches!(action, Action::Cordon(_));
                let word = if on { "cordoned" } else { "uncordoned" };
                if self
                    .cluster
                    .store
                    .get::<crate::api::Node>(name)
                    .is_some_and(|n| n.spec.unschedulable == on)
                {
                    return Ok(format!("node/{name} already {word}"));
                }
                self.set_unschedulable(name, on)?;
                Ok(format!("node/{name} {word}"))
            }
            Action::Drain(node) => self.drain(node, None).map(|lines| lines.join("\n")),
            Action::DrainGrace(node, grace) => {
                self.drain(node, Some(*grace)).map(|lines| lines.join("\n"))
            }
            Action::StopKubelet(node) => self.stop_kubelet(node),
            Action::StartKubelet(node) => self.start_kubelet(node),
            Action::FailPod(target) => self
                .fail_pods(target)
                .map(|v| format!("failed {}", v.join(", "))),
            Action::DeletePod(target) => self.delete_pods(target).map(|v| {
                v.iter()
                    .map(|n| format!("pod \"{n}\" deleted"))
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
            Action::Apply(objs) => {
                let mut out = Vec::new();
                for o in objs {
                    out.push(self.apply(o.clone())?);
                }
                Ok(out.join("\n"))
            }
            Action::Delete(kind, name) => self.delete(*kind, name),
            Action::DeleteOrphan(kind, name) => self.delete_orphan(*kind, name),
            Action::DeleteForeground(kind, name) => self.delete_foreground(*kind, name),
            Action::DeletePodGrace(target, grace) => {
                let verb = if *grace == 0 {
                    "force deleted"
                } else {
                    "deleted"
                };
                self.delete_pods_with_grace(target, *grace).map(|v| {
                    v.iter()
                        .map(|n| format!("pod \"{n}\" {verb}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                })
            }
            Action::ControllerDown(d) => {
                self.controller_down(*d);
                Ok(format!(
                    "kube-controller-manager stopped for {}s",
                    d.whole_secs()
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<Vec<TimedAction>, Vec<ScenarioError>> {
        parse_scenario(src, &|f| Err(format!("no file {f}")))
    }

    fn labels(v: &[(&str, Option<&str>)]) -> BTreeMap<String, Option<String>> {
        v.iter()
            .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
            .collect()
    }

    fn error(src: &str) -> String {
        match parse(src) {
            Err(e) => e
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
            Ok(a) => panic!("parsed: {a:?}"),
        }
    }

    #[test]
    fn label_node_forms() {
        let src = "- at: 30s\n  labelNode: {name: worker-2, key: disktype, value: ssd}\n\
                   - at: 1m\n  labelNode: {node: worker-1, key: spot}\n\
                   - at: 90s\n  labelNode:\n    name: worker-3\n    labels: {zone: a, disktype: null}\n\
                   - at: 2m\n  unlabelNode: {name: worker-2, key: disktype}\n";
        let got: Vec<Action> = parse(src)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .into_iter()
            .map(|a| a.action)
            .collect();
        let label = |name: &str, l: &[(&str, Option<&str>)]| Action::LabelNode {
            name: name.into(),
            labels: labels(l),
        };
        assert_eq!(
            got,
            vec![
                label("worker-2", &[("disktype", Some("ssd"))]),
                label("worker-1", &[("spot", Some(""))]),
                label("worker-3", &[("disktype", None), ("zone", Some("a"))]),
                label("worker-2", &[("disktype", None)]),
            ]
        );
    }

    #[test]
    /// validateNodeTaints (core/validation/validation.go): a taint's key is a qualified name,
    /// its value a label value, and a node holds one taint per key and effect.
    fn taint_errors_are_the_api_servers() {
        assert!(
            error("- at: 1s\n  taintNode: {name: w, taint: \"a b=c:NoExecute\"}\n").starts_with(
                "2:14: invalid taint \"a b=c:NoExecute\": key: name part must consist"
            )
        );
        assert!(error(&format!(
            "- at: 1s\n  taintNode: {{name: w, taint: \"a={}:NoSchedule\"}}\n",
            "v".repeat(64)
        ))
        .contains(": value: must be no more than 63 characters"));
        assert_eq!(
            error("- at: 1s\n  addNode: {name: w9, taints: [\"a=b:NoSchedule\", \"a=c:NoSchedule\"]}\n"),
            "2:12: taints[1]: Duplicate value: a=c:NoSchedule: taints must be unique by key and effect pair"
        );
    }

    #[test]
    fn label_node_errors_stand_at_their_value() {
        assert_eq!(
            error("- at: 30s\n  labelNode: {name: worker-2}\n"),
            "2:14: labelNode: give `key` (and `value`), or `labels` (a null value removes the label)"
        );
        assert_eq!(
            error("- at: 30s\n  labelNode: {name: worker-2, key: \"bad key!\", value: x}\n"),
            "2:14: The Node \"worker-2\" is invalid: metadata.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        );
        assert_eq!(
            error("- at: 30s\n  labelNode: {name: worker-2, key: a, value: \"b c\"}\n"),
            "2:14: The Node \"worker-2\" is invalid: metadata.labels: Invalid value: \"b c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
        );
        assert_eq!(
            error("- at: 30s\n  labelNode: {name: worker-2, kee: x}\n"),
            "2:31: unknown field `kee`, expected one of `name`, `node`, `pod`, `key`, `value`, `labels`"
        );
        assert_eq!(
            error("- at: 30s\n  unlabelNode: {name: worker-2}\n"),
            "2:16: missing field `key`"
        );
        assert_eq!(
            error("- at: 30s\n  labelNode: {name: w, key: a, value: b}\n  cordon: w\n"),
            "3:11: one action per entry: `cordon` follows another action; start a new `- at:` entry"
        );
        assert!(error("- at: 30s\n  labelNod: {name: w}\n")
            .contains("taintNode, untaintNode, labelNode, unlabelNode, cordon, uncordon"));
    }

    #[test]
    fn label_node_updates_the_node() {
        let mut sim = Simulation::new(super::super::SimConfig::default());
        sim.add_default_nodes();
        let act = |l: &[(&str, Option<&str>)]| Action::LabelNode {
            name: "worker-2".into(),
            labels: labels(l),
        };
        let rv = |sim: &Simulation| {
            sim.nodes()
                .into_iter()
                .find(|n| n.metadata.name == "worker-2")
                .map(|n| {
                    (
                        n.metadata.resource_version.clone(),
                        n.metadata.labels.clone(),
                    )
                })
                .unwrap_or_default()
        };
        assert_eq!(
            sim.perform(&act(&[("disktype", Some("ssd"))])),
            Ok("node/worker-2 labeled".into())
        );
        let (before, l) = rv(&sim);
        assert_eq!(l.get("disktype").map(String::as_str), Some("ssd"));
        // Nothing to change: no write.
        assert_eq!(
            sim.perform(&act(&[("disktype", Some("ssd")), ("gone", None)])),
            Ok("node/worker-2 not labeled".into())
        );
        assert_eq!(rv(&sim).0, before);
        assert_eq!(
            sim.perform(&act(&[("disktype", None)])),
            Ok("node/worker-2 unlabeled".into())
        );
        assert!(!rv(&sim).1.contains_key("disktype"));
        assert_eq!(
            sim.perform(&Action::LabelNode {
                name: "ghost".into(),
                labels: labels(&[("a", Some("b"))]),
            }),
            Err("nodes \"ghost\" not found".into())
        );
        assert_eq!(
            sim.perform(&act(&[("-a", Some("b")), ("c", Some("-"))])),
            Err("The Node \"worker-2\" is invalid: [metadata.labels: Invalid value: \"-a\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), metadata.labels: Invalid value: \"-\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]".into())
        );
    }
}
