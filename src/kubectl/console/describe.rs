//! `kubectl describe`: one object, a name prefix or a selector.

use super::{err, exists, not_found, ok, selected_names, type_and_name, ConsoleResult, Flags};
use crate::api::{Event, Kind};
use crate::kubectl::{describe_object, DescribeError};
use crate::sim::Simulation;

/// `kubectl describe TYPE [NAME | NAME_PREFIX] [-l SELECTOR]` (kubectl/pkg/cmd/describe/
/// describe.go): a name that matches nothing exactly describes every object whose name starts
/// with it (`DescribeMatchingResources`: `describe pod pi` finds pi-x7k2q).
pub(super) fn describe(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    if args.is_empty() {
        // describe.go Complete.
        return err("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.".into());
    }
    // `TYPE NAME...` or `TYPE/NAME...` (ResourceTypeOrNameArgs): each name described in turn;
    // one that is not found is reported after the others (ContinueOnError).
    let mut targets: Vec<(Kind, Option<&str>)> = Vec::new();
    // `jobs,pods NAME...` (builder.go normalizeMultipleResourcesArgs): jobs/NAME... then
    // pods/NAME..., each looked up by its name only (no name prefix).
    let mut tuples = false;
    let slashed = args[0].contains('/');
    if slashed {
        for a in args {
            match type_and_name(&[a]) {
                Ok(t) => targets.push(t),
                Err(e) => return err(e),
            }
        }
    } else {
        // builder.go SplitResourceArgument: each type once, in order.
        let mut types: Vec<&str> = Vec::new();
        for t in args[0].split(',') {
            if !types.contains(&t) {
                types.push(t);
            }
        }
        // normalizeMultipleResourcesArgs: with names, an empty type makes `/NAME`.
        if args.len() > 1 && types.len() > 1 && types.contains(&"") {
            return err(
                "error: arguments in resource/name form must have a single resource and name"
                    .into(),
            );
        }
        let mut kinds: Vec<Kind> = Vec::new();
        for t in &types {
            match type_and_name(&[t]) {
                Ok((k, _)) => kinds.push(k),
                Err(e) => return err(e),
            }
        }
        match &args[1..] {
            // `jobs,pods`: every object of each type, a type listed once (`resourceMappings`).
            [] => {
                for k in kinds {
                    if !targets.contains(&(k, None)) {
                        targets.push((k, None));
                    }
                }
            }
            names if kinds.len() > 1 => {
                tuples = true;
                for k in kinds {
                    targets.extend(names.iter().map(|n| (k, Some(*n))));
                }
            }
            names => targets.extend(
                kinds
                    .iter()
                    .flat_map(|k| names.iter().map(|n| (*k, Some(*n)))),
            ),
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let mut none_found = None;
    // describe.go Run: only `TYPE NAME` (two arguments) falls back to the names starting with
    // NAME (DescribeMatchingResources); `TYPE/NAME` and `TYPE NAME NAME` look names up exactly.
    let prefix = !tuples && !slashed && args.len() == 2;
    for (kind, name) in targets {
        let described = match name {
            Some(n) if !prefix => describe_named(sim, kind, n, flags),
            _ => describe_target(sim, kind, name, flags),
        };
        match described {
            Ok(mut texts) => out.append(&mut texts),
            Err(r) if r.error => errors.push(r.output),
            // "No resources found": said once, when no type had any.
            Err(r) => none_found = Some(r.output),
        }
    }
    if out.is_empty() && errors.is_empty() {
        out.extend(none_found);
    }
    // describe.go Run: one NotFound of two arguments goes to DescribeMatchingResources, whose
    // builder takes one resource type (SingleResourceType) and so refuses `jobs,pods`, and
    // nothing found is described.
    if tuples
        && args.len() == 2
        && matches!(errors.as_slice(), [e] if e.starts_with("Error from server (NotFound)"))
    {
        return err("error: you may only specify a single resource type".into());
    }
    // `describe job/a pod/nope`: the retry reads the object job/a for names starting with
    // "pod/nope", finds none and returns the first lookup's error alone.
    if slashed
        && args.len() == 2
        && errors
            .iter()
            .any(|e| e.starts_with("Error from server (NotFound)"))
    {
        out.clear();
    }
    let mut text = out.join("\n\n");
    for e in &errors {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(e);
    }
    ConsoleResult {
        output: text,
        error: !errors.is_empty(),
        action: None,
        follow: None,
    }
}

/// One `TYPE [NAME]` of a describe: its texts, or the answer instead (an error, "No resources").
fn describe_target(
    sim: &Simulation,
    kind: Kind,
    name: Option<&str>,
    flags: &Flags,
) -> Result<Vec<String>, Box<ConsoleResult>> {
    let selector = match flags.label_selector(Some(kind), name.is_some()) {
        Ok(s) => s,
        Err(e) => return Err(Box::new(err(e))),
    };
    // Events are no stored objects: listed from the recorded ones.
    let all_events: Vec<Event> = match kind {
        Kind::Event => sim
            .cluster
            .all_events()
            .into_iter()
            .filter(|e| flags.shows(&e.metadata.namespace))
            .filter(|e| {
                selector
                    .as_ref()
                    .is_none_or(|s| s.matches(&e.metadata.labels))
            })
            .collect(),
        _ => Vec::new(),
    };
    let listed = match kind {
        // The API server lists in key order (namespace, name).
        Kind::Event => {
            let mut v: Vec<&Event> = all_events.iter().collect();
            crate::sort::sort_by(&mut v, |a, b| {
                (&a.metadata.namespace, &a.metadata.name)
                    .cmp(&(&b.metadata.namespace, &b.metadata.name))
            });
            v.iter().map(|e| e.metadata.name.clone()).collect()
        }
        _ => selected_names(sim, kind, flags, selector.as_ref(), None),
    };
    let exists = |n: &str| match kind {
        Kind::Event => all_events.iter().any(|e| e.metadata.name == n),
        _ => exists(sim, kind, n),
    };
    let names: Vec<String> = match name {
        Some(n) => match flags.named(sim, kind, n) {
            Ok(()) if exists(n) => vec![n.to_string()],
            Err(r) if flags.all_namespaces => return Err(r),
            // NotFound: the objects of the namespace whose names start with it, else the error.
            found => {
                let matching: Vec<String> =
                    listed.into_iter().filter(|m| m.starts_with(n)).collect();
                if matching.is_empty() {
                    return Err(found.err().unwrap_or_else(|| Box::new(not_found(kind, n))));
                }
                matching
            }
        },
        None => listed,
    };
    if names.is_empty() {
        return Err(Box::new(ok(if flags.all_namespaces {
            "No resources found".into()
        } else {
            format!("No resources found in {} namespace.", flags.namespace())
        })));
    }
    let mut out = Vec::new();
    if kind == Kind::Event {
        // describe.go GenericDescriberFor: no Event is about an Event.
        let now = sim.now();
        for n in names {
            if let Some(e) = all_events.iter().find(|e| e.metadata.name == n) {
                out.push(crate::kubectl::describe::describe_generic(
                    &crate::kubectl::api_value(e),
                    &[],
                    now,
                ));
            }
        }
        return Ok(out);
    }
    // The Events of every object described, read in one pass (once per object, `describe
    // pods` of a 25 000-pod Job read 137 000 Events 25 000 times).
    let mut by_name = sim.cluster.events_by_name(kind);
    for n in names {
        let owned = by_name.remove(n.as_str()).unwrap_or_default();
        match describe_one(sim, kind, &n, owned) {
            Ok(s) => out.push(s),
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// One name looked up exactly (`describe TYPE/NAME`, `TYPE,TYPE2 NAME`, `TYPE NAME NAME`): the
/// object of that name, or the NotFound.
fn describe_named(
    sim: &Simulation,
    kind: Kind,
    name: &str,
    flags: &Flags,
) -> Result<Vec<String>, Box<ConsoleResult>> {
    if let Err(e) = flags.label_selector(Some(kind), true) {
        return Err(Box::new(err(e)));
    }
    flags.named(sim, kind, name)?;
    if kind == Kind::Event {
        let now = sim.now();
        let found = sim
            .cluster
            .all_events()
            .into_iter()
            .find(|e| e.metadata.name == name && flags.shows(&e.metadata.namespace));
        return match found {
            Some(e) => Ok(vec![crate::kubectl::describe::describe_generic(
                &crate::kubectl::api_value(&e),
                &[],
                now,
            )]),
            None => Err(Box::new(not_found(kind, name))),
        };
    }
    if !exists(sim, kind, name) {
        return Err(Box::new(not_found(kind, name)));
    }
    let owned = sim
        .cluster
        .events_by_name(kind)
        .remove(name)
        .unwrap_or_default();
    describe_one(sim, kind, name, owned).map(|s| vec![s])
}

fn describe_one(
    sim: &Simulation,
    kind: Kind,
    name: &str,
    owned: Vec<Event>,
) -> Result<String, Box<ConsoleResult>> {
    let events: Vec<&Event> = owned.iter().collect();
    describe_object(sim, kind, name, &events).map_err(|e| {
        Box::new(match e {
            DescribeError::NotFound => not_found(kind, name),
            DescribeError::Unsupported => {
                err(format!("error: describe is not supported for {kind} here"))
            }
        })
    })
}
