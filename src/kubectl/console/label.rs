//! `kubectl label nodes` and `kubectl label pods`.

use super::{err, not_found_message, resources_and_pairs, targets, ConsoleResult, Flags};
use crate::api::{Kind, Node, Pod};
use crate::sim::scenario::Action;
use crate::sim::{aggregate, invalid, label_change, Simulation};
use std::collections::BTreeMap;

/// `kubectl label` (staging/src/k8s.io/kubectl/pkg/cmd/label/label.go), of nodes or pods named,
/// chosen by `-l`/`--field-selector`, or `--all`: its checks in kubectl's order, then each
/// object's patch, which the API server validates. The builder continues on error: each object
/// is labelled or fails by itself, the errors printed at the end. `--list` prints the labels.
pub(super) fn label(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let overwrite = flags.overwrite;
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
    if flags.all && flags.selector.as_deref().is_some_and(|s| !s.is_empty()) {
        return err("error: cannot set --all and --selector at the same time".into());
    }
    if flags.all
        && flags
            .field_selector
            .as_deref()
            .is_some_and(|s| !s.is_empty())
    {
        return err("error: cannot set --all and --field-selector at the same time".into());
    }
    if resources.is_empty() {
        return err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>".into());
    }
    if set.is_empty() && remove.is_empty() && !flags.list {
        return err("error: at least one label update is required".into());
    }
    let (kind, names, selected) = match targets(sim, resources, flags) {
        Ok(t) => t,
        Err(e) => return err(e),
    };
    if names.iter().any(String::is_empty) {
        return err(
            "error: arguments in resource/name form must have a single resource and name".into(),
        );
    }
    if !matches!(kind, Kind::Node | Kind::Pod) {
        return err(format!(
            "error: CtrlScope can label only nodes and pods here, not {}: kubectl label nodes|pods NAME key=value",
            kind.as_str()
        ));
    }
    // IntoSingleItemImplied: one object named, not a list.
    let one = !selected && names.len() == 1;
    let labels_of = |sim: &Simulation, name: &str| match kind {
        Kind::Node => sim
            .cluster
            .store
            .get::<Node>(name)
            .map(|n| n.metadata.labels.clone()),
        _ => sim
            .cluster
            .store
            .get::<Pod>(name)
            .map(|p| p.metadata.labels.clone()),
    };
    let resource = if kind == Kind::Node { "node" } else { "pod" };
    let mut out: Vec<String> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    if flags.list {
        for name in &names {
            let Some(labels) = labels_of(sim, name) else {
                errors.push(not_found_message(kind, name));
                continue;
            };
            let indent = if one { "" } else { " " };
            if !one {
                out.push(format!("Listing labels for {}./{name}:", kind.as_str()));
            }
            out.extend(labels.iter().map(|(k, v)| format!("{indent}{k}={v}")));
        }
        return finish(out, errors, None);
    }
    let mut patch: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut patched: Vec<&str> = Vec::new();
    for name in &names {
        let Some(old) = labels_of(sim, name) else {
            errors.push(not_found_message(kind, name));
            continue;
        };
        out.extend(
            remove
                .iter()
                .filter(|k| !old.contains_key(**k))
                .map(|k| format!("label {} not found.", crate::manifest::go_quote(k))),
        );
        if !overwrite {
            // validateNoOverwrites, an aggregate of one error per key.
            let taken: Vec<String> = set
                .keys()
                .filter_map(|k| {
                    old.get(k).map(|v| {
                        format!("'{k}' already has a value ({v}), and --overwrite is false")
                    })
                })
                .collect();
            if !taken.is_empty() {
                errors.push(format!("error: {}", aggregate(&taken)));
                continue;
            }
        }
        // The server rejects invalid keys (kubectl's checkErr prints one cause per line).
        let causes = crate::manifest::label_errors(&set);
        match causes.as_slice() {
            [] => {}
            [_] => {
                errors.push(invalid(kind, name, &causes));
                continue;
            }
            _ => {
                let lines: Vec<String> = causes.iter().map(|c| format!("* {c}")).collect();
                errors.push(format!(
                    "The {} {name:?} is invalid: \n{}",
                    kind.as_str(),
                    lines.join("\n")
                ));
                continue;
            }
        }
        let mut new = old.clone();
        let mut changed = false;
        for (k, v) in &set {
            if new.insert(k.clone(), v.clone()).as_ref() != Some(v) {
                patch.insert(k.clone(), Some(v.clone()));
                changed = true;
            }
        }
        for k in &remove {
            if new.remove(*k).is_some() {
                patch.insert(k.to_string(), None);
                changed = true;
            }
        }
        if changed {
            patched.push(name);
        }
        out.push(format!(
            "{resource}/{name} {}",
            label_change(&old, &new, overwrite)
        ));
    }
    // One merge patch per object; the same keys for each (a key set to its value, or removed
    // where it is absent, changes nothing), recorded as one action over the names.
    let action = (!patched.is_empty()).then(|| {
        let name = patched.join(",");
        match kind {
            Kind::Node => Action::LabelNode {
                name,
                labels: patch,
            },
            _ => Action::LabelPod {
                name,
                labels: patch,
            },
        }
    });
    if let Some(a) = &action {
        if let Err(e) = sim.perform(a) {
            errors.push(e);
            return finish(out, errors, None);
        }
    }
    finish(out, errors, action)
}

/// The lines printed as objects were visited, then the errors (cmdutil.CheckErr of the
/// builder's aggregate, one per line).
fn finish(mut out: Vec<String>, errors: Vec<String>, action: Option<Action>) -> ConsoleResult {
    let error = !errors.is_empty();
    out.extend(errors);
    ConsoleResult {
        output: out.join("\n"),
        error,
        action,
        follow: None,
    }
}
