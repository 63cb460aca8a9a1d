//! `kubectl taint nodes`.

use super::{err, not_found, resource, unknown_type, ConsoleResult, Flags};
use crate::api::{Kind, Node, Taint};
use crate::sim::scenario::Action;
use crate::sim::Simulation;

/// `kubectl taint` (staging/src/k8s.io/kubectl/pkg/cmd/taint: taint.go, utils.go): every
/// `key[=value]:Effect` to add and `key[:Effect]-` to remove, parsed and checked as kubectl
/// does (an existing key and effect needs --overwrite; a removal must find its taint), then one
/// update of the node: `tainted`, `untainted` or `modified`.
pub(super) fn taint(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    // taint.go Complete: the resources come before the first taint change (`key=v:E`, `key-`).
    let is_taint = |s: &str| s.contains('=') || s.contains(':') || s.ends_with('-');
    let mut resources: Vec<&str> = Vec::new();
    let mut specs: Vec<&str> = Vec::new();
    for &a in args {
        match (specs.is_empty(), is_taint(a)) {
            (_, true) => specs.push(a),
            (true, false) => resources.push(a),
            (false, false) => {
                return err(format!(
                    "error: all resources must be specified before taint changes: {a}"
                ))
            }
        }
    }
    if resources.is_empty() {
        return err("error: one or more resources must be specified as <resource> <name>".into());
    }
    if specs.is_empty() {
        return err("error: at least one taint update is required".into());
    }
    let (add, remove) = match parse_taints(&specs) {
        Ok(x) => x,
        // A usage error (cmdutil.UsageErrorf).
        Err(e) => {
            return err(format!(
                "error: {e}\nSee 'kubectl taint -h' for help and examples"
            ))
        }
    };
    // Validate: the first resource is a type, and a node type (`node/x` is not a type).
    let type_word = resources[0].to_ascii_lowercase();
    match resource(&type_word) {
        None => return err(unknown_type(&type_word)),
        Some(Kind::Node) => {}
        Some(_) => {
            return err(format!(
                "error: invalid resource type {type_word}, only node types are supported"
            ))
        }
    }
    // taint.go Validate: one entry per (addition, removal) pair that meet, additions outside.
    let conflicts: Vec<String> = add
        .iter()
        .flat_map(|a| {
            remove.iter().filter(move |(key, effect)| {
                a.key == *key && effect.as_ref().is_none_or(|e| *e == a.effect)
            })
        })
        .map(|(key, effect)| format!("{{\"{key}\":\"{}\"}}", effect.as_deref().unwrap_or("")))
        .collect();
    if !conflicts.is_empty() {
        return err(format!(
            "error: can not both modify and remove the following taint(s) in the same command: {}",
            conflicts.join(", ")
        ));
    }
    // validateFlags, then the nodes: named, or chosen by -l or --all (listed by name).
    let selector = flags.selector.as_deref().filter(|s| !s.is_empty());
    let names: Vec<String> = match (flags.all, selector) {
        (true, Some(_)) => {
            return err(
                "error: setting 'all' parameter with a non empty selector is prohibited".into(),
            )
        }
        (false, None) if resources.len() < 2 => return err(
            "error: at least one resource name must be specified since 'all' parameter is not set"
                .into(),
        ),
        (false, None) => resources[1..].iter().map(|n| n.to_string()).collect(),
        (all, _) => {
            let chosen = match flags.label_selector(Some(Kind::Node), false) {
                Ok(sel) => sel,
                Err(e) => return err(e),
            };
            sim.cluster
                .store
                .list::<Node>()
                .filter(|n| {
                    all || chosen
                        .as_ref()
                        .is_none_or(|sel| sel.matches(&n.metadata.labels))
                })
                .map(|n| n.metadata.name.clone())
                .collect()
        }
    };
    // The builder goes on past a node that fails (ContinueOnError): every other node is
    // updated, the errors come last. Each node is read as it now stands (Latest()), so a name
    // given twice sees its first update.
    let mut lines = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let mut updated: Vec<Node> = Vec::new();
    for node in &names {
        let current = updated
            .iter()
            .find(|n| n.metadata.name == *node)
            .or_else(|| sim.cluster.store.get::<Node>(node))
            .cloned();
        let Some(old) = current else {
            errors.push(not_found(Kind::Node, node).output);
            continue;
        };
        match retaint(&old, &add, &remove, flags.overwrite) {
            Ok((taints, word)) => {
                lines.push(format!("node/{node} {word}"));
                // spec.unschedulable stays: the node lifecycle controller puts its taint back.
                let mut n = old;
                n.spec.taints = taints;
                match updated.iter_mut().find(|u| u.metadata.name == *node) {
                    Some(slot) => *slot = n,
                    None => updated.push(n),
                }
            }
            Err(e) => errors.push(format!("error: {e}")),
        }
    }
    let failure = (!errors.is_empty()).then(|| errors.join("\n"));
    // One node and one change is one recorded action as before; otherwise the nodes' update.
    let action = match (updated.as_slice(), add.as_slice(), remove.as_slice()) {
        ([], ..) => None,
        ([n], [t], []) => Some(Action::TaintNode {
            name: n.metadata.name.clone(),
            taint: t.clone(),
        }),
        ([n], [], [(key, effect)]) => Some(Action::UntaintNode {
            name: n.metadata.name.clone(),
            key: match effect {
                Some(e) => format!("{key}:{e}"),
                None => key.clone(),
            },
        }),
        _ => Some(Action::Apply(
            updated.into_iter().map(crate::api::Object::Node).collect(),
        )),
    };
    if let Some(a) = &action {
        if let Err(e) = sim.perform(a) {
            return err(format!("error: {e}"));
        }
    }
    lines.extend(failure.iter().cloned());
    ConsoleResult {
        output: lines.join("\n"),
        error: failure.is_some(),
        action,
        follow: None,
    }
}

/// One node's taints after the changes (taint.go `updateTaints`: `checkIfTaintsAlreadyExists`,
/// `reorganizeTaints`), and kubectl's word for it: `tainted`, `untainted` or `modified`.
fn retaint(
    old: &Node,
    add: &[Taint],
    remove: &[TaintRemoval],
    overwrite: bool,
) -> Result<(Vec<Taint>, &'static str), String> {
    let node = &old.metadata.name;
    if !overwrite {
        let exists: Vec<&str> = add
            .iter()
            .filter(|t| {
                old.spec
                    .taints
                    .iter()
                    .any(|o| o.key == t.key && o.effect == t.effect)
            })
            .map(|t| t.key.as_str())
            .collect();
        if !exists.is_empty() {
            return Err(format!(
                "node {node} already has {} taint(s) with same effect(s) and --overwrite is false",
                exists.join(",")
            ));
        }
    }
    // reorganizeTaints: the new ones, the old ones not replaced, minus the removals.
    let mut taints = add.to_vec();
    let mut added = false;
    for o in &old.spec.taints {
        if !taints
            .iter()
            .any(|t| t.key == o.key && t.effect == o.effect)
        {
            taints.push(o.clone());
        } else {
            added = true;
        }
    }
    added = added || add.iter().any(|t| !old.spec.taints.contains(t));
    let mut errors = Vec::new();
    let mut deleted = false;
    for (key, effect) in remove {
        let before = taints.len();
        taints.retain(|t| !(t.key == *key && effect.as_ref().is_none_or(|e| *e == t.effect)));
        deleted = taints.len() < before;
        if !deleted {
            let shown = match effect {
                Some(e) => format!("{key}:{e}"),
                None => key.clone(),
            };
            errors.push(format!(
                "taint {} not found",
                crate::manifest::go_quote(&shown)
            ));
        }
    }
    match errors.len() {
        0 => {}
        1 => return Err(errors.remove(0)),
        _ => return Err(format!("[{}]", errors.join(", "))),
    }
    let word = if (added && deleted) || overwrite {
        "modified"
    } else if added {
        "tainted"
    } else {
        "untainted"
    };
    Ok((taints, word))
}

/// A taint removal: its key and, if given, its effect.
type TaintRemoval = (String, Option<String>);

/// taint utils.go `parseTaints` and `parseTaint`, with their messages.
/// kubectl's parseTaint (cmd/taint/utils.go): `key`, or `key[=value]:Effect`, checked as
/// kubectl checks it. Returns (key, value, effect; empty when not given).
fn parse_taint(st: &str) -> Result<(String, String, String), String> {
    let parts: Vec<&str> = st.split(':').collect();
    let (key, value, effect) = match parts.as_slice() {
        // One part is all key (`k=v` is then a bad key).
        [k] => (*k, "", ""),
        [kv, e] => {
            if !matches!(*e, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
                return Err(format!(
                    "invalid taint effect: {e}, unsupported taint effect"
                ));
            }
            let kvs: Vec<&str> = kv.split('=').collect();
            if kvs.len() > 2 {
                return Err(format!("invalid taint spec: {st}"));
            }
            let value = kvs.get(1).copied().unwrap_or("");
            let bad = crate::manifest::label_value_errors(value);
            if !bad.is_empty() {
                return Err(format!("invalid taint spec: {st}, {}", bad.join("; ")));
            }
            (kvs[0], value, *e)
        }
        _ => return Err(format!("invalid taint spec: {st}")),
    };
    let bad = crate::manifest::qualified_name_errors(key);
    if !bad.is_empty() {
        return Err(format!("invalid taint spec: {st}, {}", bad.join("; ")));
    }
    Ok((key.to_string(), value.to_string(), effect.to_string()))
}

fn parse_taints(specs: &[&str]) -> Result<(Vec<Taint>, Vec<TaintRemoval>), String> {
    let mut add: Vec<Taint> = Vec::new();
    let mut remove = Vec::new();
    let mut errors = Vec::new();
    for spec in specs {
        // A removal is parsed like a taint (its value, if any, is checked and ignored).
        if let Some(k) = spec.strip_suffix('-') {
            match parse_taint(k) {
                Ok((key, _, effect)) => remove.push((key, (!effect.is_empty()).then_some(effect))),
                Err(e) => errors.push(e),
            }
            continue;
        }
        let (key, value, effect) = match parse_taint(spec) {
            Ok(t) => t,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        // An effect is needed to add a taint.
        if effect.is_empty() {
            errors.push(format!("invalid taint spec: {spec}"));
            continue;
        }
        let t = Taint {
            key,
            value,
            effect,
            time_added: None,
        };
        if add.iter().any(|a| a.key == t.key && a.effect == t.effect) {
            // %v of a v1.Taint.
            errors.push(format!(
                "duplicated taints with the same key and effect: {{{} {} {} <nil>}}",
                t.key, t.value, t.effect
            ));
            continue;
        }
        add.push(t);
    }
    match errors.len() {
        0 => Ok((add, remove)),
        1 => Err(errors.remove(0)),
        _ => Err(format!("[{}]", errors.join(", "))),
    }
}
