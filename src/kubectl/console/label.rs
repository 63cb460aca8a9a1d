//! `kubectl label nodes` and `kubectl label pods`.

use super::{err, not_found, resources_and_pairs, type_and_name, ConsoleResult};
use crate::api::{Kind, Node, Pod};
use crate::sim::scenario::Action;
use crate::sim::{aggregate, invalid, label_change, Simulation};
use std::collections::BTreeMap;

/// `kubectl label` (staging/src/k8s.io/kubectl/pkg/cmd/label/label.go), of a node or a pod: its
/// checks in kubectl's order, then the patch, which the API server validates.
pub(super) fn label(sim: &mut Simulation, args: &[&str], overwrite: bool) -> ConsoleResult {
    let (resources, pairs) = match resources_and_pairs(args, "label changes") {
        Ok(rp) => rp,
        Err(e) => return err(e),
    };
    // parseLabels.
    let mut set: BTreeMap<String, String> = BTreeMap::new();
    let mut remove: Vec<&str> = Vec::new();
    for spec in pairs {
        if let Some((k, v)) = spec.split_once('=') {
            if v.contains('=') {
                return err(format!("error: invalid label spec: {spec}"));
            }
            let errs = crate::manifest::label_value_errors(v);
            if !errs.is_empty() {
                return err(format!(
                    "error: invalid label value: {spec:?}: {}",
                    errs.join(";")
                ));
            }
            set.insert(k.into(), v.into());
        } else {
            remove.push(spec.strip_suffix('-').unwrap_or(spec));
        }
    }
    if remove.iter().any(|k| set.contains_key(*k)) {
        return err("error: can not both modify and remove a label in the same command".into());
    }
    // Validate.
    if resources.is_empty() {
        return err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>".into());
    }
    if set.is_empty() && remove.is_empty() {
        return err("error: at least one label update is required".into());
    }
    let slash = resources[0].contains('/');
    let (kind, name) = match type_and_name(resources) {
        Ok((_, Some(""))) => return err("error: arguments in resource/name form must have a single resource and name".into()),
        Ok((k @ (Kind::Node | Kind::Pod), Some(n))) if resources.len() == if slash { 1 } else { 2 } => (k, n),
        Ok((Kind::Node | Kind::Pod, None)) => {
            return err("error: resource(s) were provided, but no name was specified".into())
        }
        Ok((Kind::Node | Kind::Pod, _)) => return err("error: CtrlScope labels one object per command here".into()),
        Ok((kind, _)) => {
            return err(format!(
                "error: CtrlScope can label only nodes and pods here, not {}: kubectl label nodes|pods NAME key=value",
                kind.as_str()
            ))
        }
        Err(e) => return err(e),
    };
    let old = match kind {
        Kind::Node => sim.cluster.store.get::<Node>(name).map(|n| &n.metadata),
        _ => sim.cluster.store.get::<Pod>(name).map(|p| &p.metadata),
    };
    let Some(old) = old.map(|m| m.labels.clone()) else {
        return not_found(kind, name);
    };
    let mut out: Vec<String> = remove
        .iter()
        .filter(|k| !old.contains_key(**k))
        .map(|k| format!("label {k:?} not found."))
        .collect();
    let mut fail = |msg: String| {
        out.push(msg);
        err(out.join("\n"))
    };
    if !overwrite {
        // validateNoOverwrites, an aggregate of one error per key.
        let taken: Vec<String> = set
            .keys()
            .filter_map(|k| {
                old.get(k)
                    .map(|v| format!("'{k}' already has a value ({v}), and --overwrite is false"))
            })
            .collect();
        if !taken.is_empty() {
            return fail(format!("error: {}", aggregate(&taken)));
        }
    }
    // The server rejects invalid keys (kubectl's checkErr prints one cause per line).
    let causes = crate::manifest::label_errors(&set);
    match causes.as_slice() {
        [] => {}
        [_] => return fail(invalid(kind, name, &causes)),
        _ => {
            let lines: Vec<String> = causes.iter().map(|c| format!("* {c}")).collect();
            return fail(format!(
                "The {} {name:?} is invalid: \n{}",
                kind.as_str(),
                lines.join("\n")
            ));
        }
    }
    let mut patch: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut new = old.clone();
    for (k, v) in &set {
        if new.insert(k.clone(), v.clone()).as_ref() != Some(v) {
            patch.insert(k.clone(), Some(v.clone()));
        }
    }
    for k in remove {
        if new.remove(k).is_some() {
            patch.insert(k.to_string(), None);
        }
    }
    let word = label_change(&old, &new, overwrite);
    let action = (!patch.is_empty()).then(|| match kind {
        Kind::Node => Action::LabelNode {
            name: name.to_string(),
            labels: patch,
        },
        _ => Action::LabelPod {
            name: name.to_string(),
            labels: patch,
        },
    });
    if let Some(a) = &action {
        if let Err(e) = sim.perform(a) {
            return fail(e);
        }
    }
    let resource = if kind == Kind::Node { "node" } else { "pod" };
    out.push(format!("{resource}/{name} {word}"));
    ConsoleResult {
        output: out.join("\n"),
        error: false,
        action,
        follow: None,
    }
}
