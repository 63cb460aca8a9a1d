//! `kubectl logs`: one pod's container, a Job's or DaemonSet's pods, `-l`, `-f`.

use super::{err, not_found, ok, ConsoleResult, Flags, Follow};
use crate::api::{DaemonSet, Job, Kind, Pod};
use crate::kubectl::logstream::LogStream;
use crate::sim::logs::{logs_of, LogOptions};
use crate::sim::Simulation;

pub(super) fn logs(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    // logs.go Complete: `logs POD CONTAINER` names the container inline.
    let inline;
    let flags = match args {
        [_, container] => {
            if flags.container.is_some() {
                return err(
                    "error: only one of -c or an inline [CONTAINER] arg is allowed".into(),
                );
            }
            let mut f = flags.clone();
            f.container = Some(container.to_string());
            inline = f;
            &inline
        }
        [_, _, _, ..] => {
            return err("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples".into())
        }
        _ => flags,
    };
    let Some(target) = args.first() else {
        return err("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples".into());
    };
    let named = match target.split_once('/') {
        Some(("job" | "jobs" | "job.batch", name)) => Some((Kind::Job, name)),
        Some(("daemonset" | "daemonsets" | "ds" | "daemonset.apps", name)) => {
            Some((Kind::DaemonSet, name))
        }
        Some(("pod" | "pods" | "po", name)) => Some((Kind::Pod, name)),
        Some(_) => None,
        None => Some((Kind::Pod, *target)),
    };
    if let Some(Err(r)) = named.map(|(kind, name)| flags.named(sim, kind, name)) {
        return *r;
    }
    let store = &sim.cluster.store;
    // A Job or DaemonSet: the first of its pods as kubectl ranks them for logs
    // (polymorphichelpers logsForObject → GetFirstPod, podutils.ByLogging).
    let owned = |kind: Kind, name: &str| -> Result<(&Pod, usize), Box<ConsoleResult>> {
        let uid = match kind {
            Kind::Job => store.get::<Job>(name).map(|j| &j.metadata.uid),
            _ => store.get::<DaemonSet>(name).map(|d| &d.metadata.uid),
        };
        let Some(uid) = uid else {
            return Err(Box::new(not_found(kind, name)));
        };
        let mut pods = store.dependents::<Pod>(uid);
        crate::sort::sort_by(&mut pods, |a, b| by_logging(a, b));
        pods.first().map(|p| (*p, pods.len())).ok_or_else(|| {
            let plural = if kind == Kind::Job {
                "jobs"
            } else {
                "daemonsets"
            };
            Box::new(err(format!(
                "error: timed out waiting for the condition on {plural}/{name}"
            )))
        })
    };
    // logsForObject says which pod it took (on stderr) when there were several.
    let found_note = |(p, n): (&Pod, usize)| match n {
        0 | 1 => String::new(),
        n => format!("Found {n} pods, using pod/{}\n", p.metadata.name),
    };
    let mut found = String::new();
    let pod = match target.split_once('/') {
        Some(("job" | "jobs" | "job.batch", name)) => match owned(Kind::Job, name) {
            Ok(r) => {
                found = found_note(r);
                r.0
            }
            Err(r) => return *r,
        },
        Some(("daemonset" | "daemonsets" | "ds" | "daemonset.apps", name)) => {
            match owned(Kind::DaemonSet, name) {
                Ok(r) => {
                    found = found_note(r);
                    r.0
                }
                Err(r) => return *r,
            }
        }
        Some(("pod" | "pods" | "po", name)) => match store.get::<Pod>(name) {
            Some(p) => p,
            None => return not_found(Kind::Pod, name),
        },
        Some((t, _)) => {
            return err(format!(
                "error: cannot get the logs from {t}: selector for {t} not implemented"
            ))
        }
        None => match store.get::<Pod>(target) {
            Some(p) => p,
            None => return not_found(Kind::Pod, target),
        },
    };
    let tail = match tail_lines(flags) {
        Ok(t) => t,
        Err(e) => return err(e),
    };
    if flags.all_containers {
        if let Some(c) = &flags.container {
            return err(format!(
                "error: --all-containers=true should not be specified with container name {c}"
            ));
        }
        if flags.follow {
            return err(
                "error: CtrlScope follows one container's log: kubectl logs -f POD [-c CONTAINER]"
                    .into(),
            );
        }
        let mut out = found;
        return match containers_log(pod, &all_containers(pod), flags, tail, sim.now(), &mut out) {
            Ok(()) => ok(out.trim_end_matches('\n').to_string()),
            Err(e) => err(format!("{out}Error from server (BadRequest): {e}")),
        };
    }
    // polymorphichelpers/logsforobject.go: the container named by -c, else the one the
    // `kubectl.kubernetes.io/default-container` annotation names, else the first (saying so
    // when the pod has others, init containers included: podcmd.AllContainerNames).
    let mut notes = found;
    let annotated = pod
        .metadata
        .annotations
        .get("kubectl.kubernetes.io/default-container")
        .filter(|n| !n.is_empty());
    let mut container = flags.container.clone();
    if container.is_none() {
        if let Some(n) = annotated {
            if find_container(pod, n) {
                container = Some(n.clone());
            } else {
                notes.push_str(&format!(
                    "Default container name {n:?} not found in pod {}\n",
                    pod.metadata.name
                ));
            }
        }
    }
    if container.is_none() {
        let first = pod.spec.containers.first().map(|c| c.name.clone());
        if pod.spec.containers.len() > 1 || !pod.spec.init_containers.is_empty() {
            let all: Vec<String> = pod
                .spec
                .containers
                .iter()
                .map(|c| c.name.clone())
                .chain(
                    pod.spec
                        .init_containers
                        .iter()
                        .map(|c| format!("{} (init)", c.name)),
                )
                .collect();
            notes.push_str(&format!(
                "Defaulted container {:?} out of: {}\n",
                first.clone().unwrap_or_default(),
                all.join(", ")
            ));
        }
        container = first;
    }
    if let Some(c) = container.as_deref().filter(|c| !find_container(pod, c)) {
        return err(format!(
            "{notes}error: container {c} is not valid for pod {}",
            pod.metadata.name
        ));
    }
    let which = LogOptions {
        container: container.as_deref(),
        previous: flags.previous,
    };
    let defaulted = notes;
    if flags.follow && !flags.previous {
        if let Err(e) = logs_of(pod, which, sim.now()) {
            return err(format!("Error from server (BadRequest): {e}"));
        }
        let pod = pod.clone();
        return match LogStream::start(sim, &pod, container.clone()) {
            Ok((stream, text)) => ConsoleResult {
                // `--tail` cuts what was printed before the follow began.
                output: shown_head(&text, tail, stream.is_some()),
                error: false,
                action: None,
                follow: stream.map(|s| Box::new(Follow::Logs(s))),
            },
            Err(e) => err(format!("Error from server (BadRequest): {e}")),
        };
    }
    let prefix = flags
        .prefix
        .then(|| (pod, container.as_deref().unwrap_or("")));
    match logs_of(pod, which, sim.now()) {
        Ok(s) => ok(format!(
            "{defaulted}{}",
            shown(&s, tail, prefix).trim_end_matches('\n')
        )),
        Err(e) => err(format!("{defaulted}Error from server (BadRequest): {e}")),
    }
}

/// logsforobject.go with allContainers: init containers, then containers, in order.
fn all_containers(pod: &Pod) -> Vec<&str> {
    pod.spec
        .init_containers
        .iter()
        .chain(&pod.spec.containers)
        .map(|c| c.name.as_str())
        .collect()
}

/// These containers' logs, one after another, as printed (`--tail`, `--prefix`), onto `out`.
fn containers_log(
    pod: &Pod,
    names: &[&str],
    flags: &Flags,
    tail: Option<usize>,
    now: crate::api::Time,
    out: &mut String,
) -> Result<(), String> {
    for c in names {
        let which = LogOptions {
            container: Some(c),
            previous: flags.previous,
        };
        let text = logs_of(pod, which, now)?;
        out.push_str(&shown(&text, tail, flags.prefix.then_some((pod, c))));
    }
    Ok(())
}

/// `--tail N`: the last N lines of each container's log (a negative N, the default: all).
fn tail_lines(flags: &Flags) -> Result<Option<usize>, String> {
    match flags.tail.as_deref() {
        None => Ok(None),
        Some(v) => match v.parse::<i64>() {
            // logs.go Validate.
            Ok(n) if n < -1 => Err("error: --tail must be greater than or equal to -1".into()),
            Ok(n) if n < 0 => Ok(None),
            Ok(n) => Ok(Some(usize::try_from(n).unwrap_or(usize::MAX))),
            Err(_) => Err(format!(
                "error: invalid argument {v:?} for \"--tail\" flag: strconv.ParseInt: parsing {v:?}: invalid syntax"
            )),
        },
    }
}

/// What `logs -f` prints before it follows: the last `tail` lines, kept whole (ending in a
/// newline) while the stream goes on, trimmed like any answer once the container has exited.
fn shown_head(text: &str, tail: Option<usize>, following: bool) -> String {
    let head = match tail {
        Some(_) => shown(text, tail, None),
        None => text.to_string(),
    };
    match following {
        true => head,
        false => head.trim_end_matches('\n').to_string(),
    }
}

/// A container's log as printed: its last `tail` lines, each after `[pod/NAME/CONTAINER] `
/// with `--prefix` (logs.go addPrefixIfNeeded).
fn shown(text: &str, tail: Option<usize>, prefix: Option<(&Pod, &str)>) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let from = tail.map_or(0, |n| lines.len().saturating_sub(n));
    let mut out = String::new();
    for l in &lines[from..] {
        if let Some((p, c)) = prefix {
            out.push_str(&format!("[pod/{}/{c}] ", p.metadata.name));
        }
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// podcmd.FindContainerByName: a container or an init container of that name.
fn find_container(pod: &Pod, name: &str) -> bool {
    pod.spec
        .containers
        .iter()
        .chain(&pod.spec.init_containers)
        .any(|c| c.name == name)
}

/// kubectl's podutils.ByLogging: the pod whose log is most worth showing first. Assigned before
/// unassigned; Running (and terminal) before Unknown before Pending; ready before not, ready
/// longer first; more container restarts first; older first (then by name, for a stable pick).
pub(super) fn by_logging(a: &Pod, b: &Pod) -> std::cmp::Ordering {
    let phase = |p: &Pod| match p.status.phase.as_str() {
        "Unknown" => 1,
        "Pending" => 2,
        _ => 0,
    };
    let ready_at = |p: &Pod| {
        p.status
            .conditions
            .iter()
            .find(|c| c.type_ == "Ready" && c.status == "True")
            .and_then(|c| c.last_transition_time)
    };
    let restarts = |p: &Pod| {
        p.status
            .container_statuses
            .iter()
            .map(|c| c.restart_count)
            .max()
            .unwrap_or(0)
    };
    a.spec
        .node_name
        .is_empty()
        .cmp(&b.spec.node_name.is_empty())
        .then(phase(a).cmp(&phase(b)))
        .then(b.is_ready().cmp(&a.is_ready()))
        .then_with(
            || match (a.is_ready() && b.is_ready(), ready_at(a), ready_at(b)) {
                (true, Some(x), Some(y)) => x.cmp(&y),
                _ => std::cmp::Ordering::Equal,
            },
        )
        .then(restarts(b).cmp(&restarts(a)))
        .then(
            a.metadata
                .creation_timestamp
                .cmp(&b.metadata.creation_timestamp),
        )
        .then(a.metadata.name.cmp(&b.metadata.name))
}

/// `kubectl logs -l SELECTOR`: each matching pod's log, the last 10 lines of each (logs.go:
/// `--tail` defaults to 10 when a selector is given), pods in name order.
pub(super) fn logs_selected(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    if flags.follow {
        return err("error: CtrlScope follows one pod's log: kubectl logs -f POD".into());
    }
    if !args.is_empty() && flags.selector.is_some() {
        return err("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples".into());
    }
    let selector = match flags.label_selector(Some(Kind::Pod), !args.is_empty()) {
        Ok(Some(s)) => s,
        Ok(None) => return logs(sim, args, flags),
        Err(e) => return err(e),
    };
    let pods: Vec<&Pod> = sim
        .cluster
        .store
        .list::<Pod>()
        .filter(|p| flags.shows(&p.metadata.namespace) && selector.matches(&p.metadata.labels))
        .collect();
    if pods.is_empty() {
        return ok(format!(
            "No resources found in {} namespace.",
            flags.namespace()
        ));
    }
    let tail = match flags.tail {
        Some(_) => match tail_lines(flags) {
            Ok(t) => t,
            Err(e) => return err(e),
        },
        None => Some(10),
    };
    if let (true, Some(c)) = (flags.all_containers, &flags.container) {
        return err(format!(
            "error: --all-containers=true should not be specified with container name {c}"
        ));
    }
    let mut out = String::new();
    for pod in pods {
        let first = pod.spec.containers.first().map(|c| c.name.as_str());
        let names: Vec<&str> = match (flags.all_containers, flags.container.as_deref()) {
            (true, _) => all_containers(pod),
            (false, Some(c)) => vec![c],
            (false, None) => first.into_iter().collect(),
        };
        if let Err(e) = containers_log(pod, &names, flags, tail, sim.now(), &mut out) {
            return err(format!("Error from server (BadRequest): {e}"));
        }
    }
    ok(out.trim_end_matches('\n').to_string())
}
