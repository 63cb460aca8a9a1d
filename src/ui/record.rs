//! The user's actions as the core's scenario format (`- at: 90s\n  failPod: NAME`), so what the
//! page records is exactly what `ctrlscope run --scenario` replays, and what localStorage and a
//! share link keep. Each recorded action keeps its own entry text; restoring parses
//! the entries back with the core's `parse_scenario`.

use std::collections::BTreeMap;

use crate::api::{Duration, Object};
use crate::i18n::{tf, Key, Lang};
use crate::sim::kubectl_resource;
use crate::sim::scenario::{parse_scenario, Action, TimedAction};

/// One recorded user action: when, what, and its scenario entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Rec {
    pub at: Duration,
    pub action: Action,
    /// The scenario entry (`- at: ...`); `None` if the action cannot be written down (it then
    /// replays in this session but is not saved or shared).
    pub entry: Option<String>,
}

impl Rec {
    /// `apply_yaml`: the manifest text of an `Apply` (its objects are already parsed).
    pub fn new(at: Duration, action: Action, apply_yaml: Option<&str>) -> Rec {
        let entry = entry(at, &action, apply_yaml);
        Rec { at, action, entry }
    }
}

/// `90s`, or `90500ms` when not whole seconds (`parse_duration` reads both).
pub fn duration_text(d: Duration) -> String {
    if d.0 % 1000 == 0 {
        format!("{}s", d.0 / 1000)
    } else {
        format!("{}ms", d.0)
    }
}

/// A JSON string is a valid YAML double-quoted scalar.
/// A label patch as a YAML flow map: `{"a": "1", "b": null}`.
fn labels_map(labels: &BTreeMap<String, Option<String>>) -> String {
    let pairs: Vec<String> = labels
        .iter()
        .map(|(k, v)| format!("{}: {}", q(k), v.as_deref().map_or("null".into(), q)))
        .collect();
    format!("{{{}}}", pairs.join(", "))
}

/// A label patch in kubectl's own spelling: `key=value`, `key-` to remove.
fn label_args(labels: &BTreeMap<String, Option<String>>) -> String {
    let spec: Vec<String> = labels
        .iter()
        .map(|(k, v)| match v {
            Some(v) => format!("{k}={v}"),
            None => format!("{k}-"),
        })
        .collect();
    spec.join(" ")
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn entry(at: Duration, action: &Action, apply_yaml: Option<&str>) -> Option<String> {
    let body = match action {
        Action::AddNode {
            name,
            labels,
            taints,
        } => {
            let labels: Vec<String> = labels
                .iter()
                .map(|(k, v)| format!("{}: {}", q(k), q(v)))
                .collect();
            let taints: Vec<String> = taints.iter().map(|t| q(&t.to_string())).collect();
            format!(
                "addNode: {{name: {}, labels: {{{}}}, taints: [{}]}}",
                q(name),
                labels.join(", "),
                taints.join(", ")
            )
        }
        Action::RemoveNode(n) => format!("removeNode: {}", q(n)),
        Action::StopKubelet(n) => format!("stopKubelet: {}", q(n)),
        Action::StartKubelet(n) => format!("startKubelet: {}", q(n)),
        Action::TaintNode { name, taint } => format!(
            "taintNode: {{name: {}, taint: {}}}",
            q(name),
            q(&taint.to_string())
        ),
        Action::UntaintNode { name, key } => {
            format!("untaintNode: {{name: {}, key: {}}}", q(name), q(key))
        }
        // The general form covers setting and removing (`null`) alike.
        Action::LabelNode { name, labels } => {
            format!(
                "labelNode: {{name: {}, labels: {}}}",
                q(name),
                labels_map(labels)
            )
        }
        Action::LabelPod { name, labels } => {
            format!(
                "labelPod: {{name: {}, labels: {}}}",
                q(name),
                labels_map(labels)
            )
        }
        Action::Cordon(n) => format!("cordon: {}", q(n)),
        Action::Uncordon(n) => format!("uncordon: {}", q(n)),
        Action::Drain(n) => format!("drain: {}", q(n)),
        Action::DrainGrace(n, g) => {
            format!("drainGrace: {{node: {}, gracePeriodSeconds: {g}}}", q(n))
        }
        Action::FailPod(t) => format!("failPod: {}", q(t)),
        Action::DeletePod(t) => format!("deletePod: {}", q(t)),
        Action::Apply(objs) => {
            let text = match apply_yaml {
                Some(t) => t.to_string(),
                None => objects_as_json(objs)?,
            };
            // parse_scenario treats a one-line value without ": " as a file name: a one-line
            // manifest (JSON) gets a line break, which changes nothing in it.
            let text = match text.contains('\n') {
                true => text,
                false => format!("{text}\n"),
            };
            let written = finish(at, action, format!("apply: {}", q(&text)));
            if written.is_some() {
                return written;
            }
            // A Job as the API server returns it (a patch, its own `get -o yaml` applied)
            // carries its generated selector and pod labels, valid only as an update of that
            // Job: written without them it reads back, and replays as the same update.
            let text = objects_as_json(&without_generated(objs))?;
            format!("apply: {}", q(&text))
        }
        Action::Delete(kind, name) => {
            format!("delete: {}", q(&format!("{}/{name}", kind.as_str())))
        }
        Action::DeleteOrphan(kind, name) => {
            format!("deleteOrphan: {}", q(&format!("{}/{name}", kind.as_str())))
        }
        Action::DeleteForeground(kind, name) => {
            format!(
                "deleteForeground: {}",
                q(&format!("{}/{name}", kind.as_str()))
            )
        }
        Action::DeletePodGrace(t, 0) => format!("forceDeletePod: {}", q(t)),
        Action::DeletePodGrace(t, g) => {
            format!(
                "deletePodGrace: {{pods: {}, gracePeriodSeconds: {g}}}",
                q(t)
            )
        }
        Action::ControllerDown(d) => format!("controllerDown: {{for: {}}}", q(&duration_text(*d))),
    };
    finish(at, action, body)
}

/// The entry, if it reads back as the same action (only such entries are kept).
fn finish(at: Duration, action: &Action, body: String) -> Option<String> {
    let text = format!("- at: {}\n  {body}\n", duration_text(at));
    match parse_entry(&text) {
        Some(t) if t.at == at && same_action(&t.action, action) => Some(text),
        _ => None,
    }
}

/// Jobs without what the API server generated for them (`generateSelector`): the selector
/// and the four pod labels. An apply keeps them on the live Job.
fn without_generated(objs: &[Object]) -> Vec<Object> {
    use crate::controllers::job::{
        LABEL_CONTROLLER_UID, LABEL_JOB_NAME, LEGACY_LABEL_CONTROLLER_UID, LEGACY_LABEL_JOB_NAME,
    };
    objs.iter()
        .map(|o| match o {
            Object::Job(j) if j.spec.manual_selector != Some(true) => {
                let mut j = j.clone();
                j.spec.selector = None;
                for k in [
                    LABEL_CONTROLLER_UID,
                    LABEL_JOB_NAME,
                    LEGACY_LABEL_CONTROLLER_UID,
                    LEGACY_LABEL_JOB_NAME,
                ] {
                    j.spec.template.metadata.labels.remove(k);
                }
                Object::Job(j)
            }
            o => o.clone(),
        })
        .collect()
}

/// Objects without their source text: JSON documents (YAML reads JSON).
fn objects_as_json(objs: &[Object]) -> Option<String> {
    let docs: Vec<String> = objs
        .iter()
        // Through a Value: the pretty writer then needs no copy of every API type's
        // Serialize code (~7 KB gzip of wasm); preserve_order keeps the same text.
        .map(|o| serde_json::to_string_pretty(&serde_json::to_value(o).ok()?).ok())
        .collect::<Option<_>>()?;
    Some(docs.join("\n---\n") + "\n")
}

/// Applies compare by kind and name (re-parsing may differ in server-set fields).
fn same_action(a: &Action, b: &Action) -> bool {
    match (a, b) {
        (Action::Apply(x), Action::Apply(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| p.kind() == q.kind() && p.name() == q.name())
        }
        _ => a == b,
    }
}

/// Parses one saved entry back with the core's scenario parser.
pub fn parse_entry(text: &str) -> Option<TimedAction> {
    let mut v = parse_scenario(text, &|f| Err(format!("{f}: files cannot be read here"))).ok()?;
    (v.len() == 1).then(|| v.remove(0))
}

/// Restores saved entries (dropping any that no longer parse), in time order.
pub fn restore(entries: &[String]) -> Vec<Rec> {
    let mut out: Vec<Rec> = Vec::new();
    for e in entries {
        if let Some(t) = parse_entry(e) {
            if out.last().is_some_and(|l| l.at > t.at) {
                continue;
            }
            out.push(Rec {
                at: t.at,
                action: t.action,
                entry: Some(e.clone()),
            });
        }
    }
    out
}

/// A short description for the timeline marker and notices.
pub fn label(action: &Action, lang: Lang) -> String {
    let f = |k: Key, a: &[&dyn std::fmt::Display]| tf(k, lang, a);
    match action {
        Action::AddNode { name, .. } => f(Key::LabelAddNode, &[name]),
        Action::RemoveNode(n) => f(Key::LabelRemoveNode, &[n]),
        Action::StopKubelet(n) => f(Key::LabelStopKubelet, &[n]),
        Action::StartKubelet(n) => f(Key::LabelStartKubelet, &[n]),
        Action::TaintNode { name, taint } => f(Key::LabelTaint, &[name, taint]),
        Action::UntaintNode { name, key } => f(Key::LabelUntaint, &[name, key]),
        Action::LabelNode { name, labels } => f(Key::LabelLabelNode, &[name, &label_args(labels)]),
        Action::LabelPod { name, labels } => f(Key::LabelLabelPod, &[name, &label_args(labels)]),
        Action::Cordon(n) => f(Key::LabelCordon, &[n]),
        Action::Uncordon(n) => f(Key::LabelUncordon, &[n]),
        Action::Drain(n) => f(Key::LabelDrain, &[n]),
        Action::DrainGrace(n, g) => f(Key::LabelDrainGrace, &[n, g]),
        Action::FailPod(t) => f(Key::LabelFailPod, &[t]),
        Action::DeletePod(t) => f(Key::LabelDeletePod, &[t]),
        Action::Apply(objs) => {
            let names: Vec<String> = objs
                .iter()
                .map(|o| format!("{}/{}", kubectl_resource(o.kind()), o.name()))
                .collect();
            f(Key::LabelApply, &[&names.join(", ")])
        }
        Action::Delete(kind, name) => f(
            Key::LabelDelete,
            &[&format!("{}/{name}", kubectl_resource(*kind))],
        ),
        Action::DeleteOrphan(kind, name) => f(
            Key::LabelDeleteOrphan,
            &[&format!("{}/{name}", kubectl_resource(*kind))],
        ),
        Action::DeleteForeground(kind, name) => f(
            Key::LabelDeleteForeground,
            &[&format!("{}/{name}", kubectl_resource(*kind))],
        ),
        Action::DeletePodGrace(t, 0) => f(Key::LabelForceDeletePod, &[t]),
        Action::DeletePodGrace(t, g) => f(Key::LabelDeletePodGrace, &[t, g]),
        Action::ControllerDown(d) => f(
            Key::LabelControllerDown,
            &[&match lang {
                Lang::Zh => crate::i18n::zh_duration(d.0),
                _ => crate::kubectl::human_duration(*d),
            }],
        ),
    }
}

/// What an action's notice says under its label: the simulation's answer as it is (kubectl's
/// words, and the CLI's), except the lines that are CtrlScope's own, which read in Chinese on the
/// Chinese page (`failed …`, `kubelet on node/… stopped`, `kube-controller-manager stopped …`).
pub fn notice_body(action: &Action, out: String, lang: Lang) -> String {
    if lang != Lang::Zh {
        return out;
    }
    match action {
        Action::FailPod(_) => match out.strip_prefix("failed ") {
            Some(pods) => tf(Key::NoticeFailedPods, lang, &[&pods.replace(", ", "、")]),
            None => out,
        },
        Action::StopKubelet(n) | Action::StartKubelet(n) => {
            let key = match out.strip_prefix(&format!("kubelet on node/{n} ")) {
                Some("stopped") => Key::NoticeKubeletStopped,
                Some("already stopped") => Key::NoticeKubeletAlreadyStopped,
                Some("started") => Key::NoticeKubeletStarted,
                Some("already running") => Key::NoticeKubeletAlreadyRunning,
                _ => return out,
            };
            tf(key, lang, &[&format!("node/{n}")])
        }
        Action::ControllerDown(d) => tf(
            Key::NoticeControllerDown,
            lang,
            &[&crate::i18n::zh_duration(d.0)],
        ),
        _ => out,
    }
}
