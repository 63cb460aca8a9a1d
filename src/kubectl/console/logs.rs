//! `kubectl logs`: one pod's container, a Job's or DaemonSet's pods, `-l`, `-f`, and what the
//! kubelet reads of the request (`--tail`, `--since`, `--since-time`, `--timestamps`,
//! `--limit-bytes`).

use super::{err, not_found, ok, resource, unknown_type, ConsoleResult, Flags, Follow};
use crate::api::{DaemonSet, Duration, Job, Kind, Node, Pod, Time};
use crate::kubectl::logstream::LogStream;
use crate::sim::logs::{log_lines, logs_of, read_logs, LogOptions, ReadOptions};
use crate::sim::Simulation;

/// The `PodLogOptions` kubectl sends (logs.go ToLogOptions).
#[derive(Clone, Copy, Debug, Default)]
struct LogRequest {
    /// `--since`, rounded to whole seconds (set when the flag is not 0).
    since_seconds: Option<i64>,
    since_time: Option<Time>,
    timestamps: bool,
    /// `--limit-bytes` (set when not 0).
    limit_bytes: Option<i64>,
    /// `--tail` (None: all).
    tail: Option<usize>,
}

/// logs.go Complete → ToLogOptions, before the pod is looked up: `--since-time` through
/// util.ParseRFC3339 (its error is time.Parse's).
fn to_log_options(flags: &Flags) -> Result<LogRequest, String> {
    let since_time = match flags.since_time.as_deref() {
        None | Some("") => None,
        Some(v) => {
            Some(crate::kubectl::goparse::parse_rfc3339(v).map_err(|e| format!("error: {e}"))?)
        }
    };
    let since = flags.since.unwrap_or(0);
    Ok(LogRequest {
        // time.Duration.Round(time.Second): `--since=400ms` is 0 seconds, still sent.
        since_seconds: (since != 0).then(|| crate::kubectl::goparse::round_to_seconds(since)),
        since_time,
        timestamps: flags.timestamps,
        limit_bytes: flags.limit_bytes.filter(|n| *n != 0),
        tail: None,
    })
}

/// logs.go Validate, after the lookup; `tail` is the `--tail` it checks (`selector_tail` when
/// the flag is not given).
fn validate(flags: &Flags, selector_tail: Option<usize>) -> Result<LogRequest, String> {
    let mut o = to_log_options(flags)?;
    if flags.since_time.as_deref().is_some_and(|t| !t.is_empty()) && flags.since.unwrap_or(0) != 0 {
        return Err("error: at most one of `sinceTime` or `sinceSeconds` may be specified".into());
    }
    if let (true, Some(c)) = (flags.all_containers, &flags.container) {
        return Err(format!(
            "error: --all-containers=true should not be specified with container name {c}"
        ));
    }
    if flags.limit_bytes.is_some_and(|n| n < 0) {
        return Err("error: --limit-bytes must be greater than 0".into());
    }
    if o.since_seconds.is_some_and(|s| s < 0) {
        return Err("error: --since must be greater than 0".into());
    }
    o.tail = match flags.tail {
        Some(_) => tail_lines(flags)?,
        None => selector_tail,
    };
    Ok(o)
}

impl LogRequest {
    /// Why the API server cannot reach the log: it reads it from the pod's kubelet
    /// (pkg/registry/core/pod/strategy.go LogLocation: the node's connection info, then
    /// `https://NODE:10250/containerLogs/NS/POD/CONTAINER?…`). A removed node is NotFound; a
    /// stopped kubelet refuses the connection (net/http's error, kubectl's "Error from server").
    fn unreachable(
        &self,
        sim: &Simulation,
        pod: &Pod,
        container: &str,
        follow: bool,
        previous: bool,
    ) -> Option<String> {
        let node = pod.spec.node_name.as_str();
        if node.is_empty() {
            return None;
        }
        let Some(n) = sim.cluster.store.get::<Node>(node) else {
            return Some(format!(
                "Error from server (NotFound): nodes \"{node}\" not found"
            ));
        };
        if !sim.kubelet_stopped(node) {
            return None;
        }
        let ip = n.internal_ip().unwrap_or(node);
        // url.Values Encode: the parameters LogLocation sets, in key order.
        let mut query: Vec<String> = Vec::new();
        if follow {
            query.push("follow=true".into());
        }
        if let Some(b) = self.limit_bytes {
            query.push(format!("limitBytes={b}"));
        }
        if previous {
            query.push("previous=true".into());
        }
        if let Some(s) = self.since_seconds {
            query.push(format!("sinceSeconds={s}"));
        }
        if let Some(t) = self.since_time {
            query.push(format!(
                "sinceTime={}",
                t.stored().rfc3339().replace(':', "%3A")
            ));
        }
        if let Some(t) = self.tail {
            query.push(format!("tailLines={t}"));
        }
        if self.timestamps {
            query.push("timestamps=true".into());
        }
        let query = match query.is_empty() {
            true => String::new(),
            false => format!("?{}", query.join("&")),
        };
        Some(format!(
            "Error from server: Get \"https://{ip}:10250/containerLogs/{}/{}/{container}{query}\": dial tcp {ip}:10250: connect: connection refused",
            pod.metadata.namespace, pod.metadata.name
        ))
    }

    /// The API server's ValidatePodLogOptions (pkg/apis/core/validation/validation.go), then
    /// the kubelet's NewLogOptions (pkg/kubelet/kuberuntime/logs/logs.go): `since` from
    /// `sinceSeconds` before the kubelet's now, or `sinceTime`, which travels as a query
    /// parameter in whole seconds (metav1.Time MarshalQueryParameter).
    fn read(&self, pod: &Pod, now: Time) -> Result<ReadOptions, String> {
        if let Some(s) = self.since_seconds.filter(|s| *s < 1) {
            return Err(format!(
                "The PodLogOptions {:?} is invalid: sinceSeconds: Invalid value: {s}: must be greater than 0",
                pod.metadata.name
            ));
        }
        let since = self.since_seconds.map(|s| now - Duration::from_secs(s));
        let since = match (since, self.since_time.map(Time::stored)) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        Ok(ReadOptions {
            tail: self.tail,
            since,
            timestamps: self.timestamps,
            limit_bytes: self
                .limit_bytes
                .map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        })
    }
}

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
    if let Err(e) = to_log_options(flags) {
        return err(e);
    }
    // The builder resolves the type, then fetches the object (an unknown type or a missing
    // object fails before logsForObject looks at its kind).
    let split = match super::split_resource_type_name(target) {
        Ok(s) => s,
        Err(e) => return err(e),
    };
    let (kind, name) = match split {
        Some((t, name)) => match resource(t) {
            Some(kind) => (kind, name),
            None => return err(unknown_type(t)),
        },
        None => (Kind::Pod, *target),
    };
    if let Err(r) = flags.named(sim, kind, name) {
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
    let pod = match kind {
        Kind::Job | Kind::DaemonSet => match owned(kind, name) {
            Ok(r) => {
                found = found_note(r);
                r.0
            }
            Err(r) => return *r,
        },
        Kind::Pod => match store.get::<Pod>(name) {
            Some(p) => p,
            None => return not_found(Kind::Pod, name),
        },
        // logsForObject: SelectorsForObject knows no selector for it (the error names the Go type).
        _ if super::exists(sim, kind, name) => {
            return err(format!(
            "error: cannot get the logs from *v1.{kind}: selector for *v1.{kind} not implemented"
        ))
        }
        _ => return not_found(kind, name),
    };
    let request = match validate(flags, None) {
        Ok(r) => r,
        Err(e) => return err(e),
    };
    if flags.all_containers {
        if flags.follow {
            return err(
                "error: CtrlScope follows one container's log: kubectl logs -f POD [-c CONTAINER]"
                    .into(),
            );
        }
        let mut out = found;
        return match containers_log(sim, pod, &all_containers(pod), flags, &request, &mut out) {
            Ok(()) => ok(out.trim_end_matches('\n').to_string()),
            Err(e) => err(format!("{out}{e}")),
        };
    }
    let mut notes = found;
    let container = default_container(pod, flags, &mut notes);
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
    let prefix = flags
        .prefix
        .then(|| line_prefix(pod, container.as_deref().unwrap_or("")));
    let read = match request.read(pod, sim.now()) {
        Ok(r) => r,
        Err(e) => return err(format!("{defaulted}{e}")),
    };
    let named = container.as_deref().unwrap_or("");
    if let Some(e) = request.unreachable(sim, pod, named, flags.follow, flags.previous) {
        return err(format!("{defaulted}{e}"));
    }
    if flags.follow && !flags.previous {
        if let Err(e) = logs_of(pod, which, sim.now()) {
            return err(format!("{defaulted}Error from server (BadRequest): {e}"));
        }
        let pod = pod.clone();
        return match LogStream::start(sim, &pod, container.clone(), read, prefix) {
            Ok((stream, text)) => ConsoleResult {
                // Kept whole (ending in a newline) while the stream goes on, trimmed like any
                // answer once it has ended; logsForObject's notes first, as without -f.
                output: match stream.is_some() {
                    true => format!("{defaulted}{text}"),
                    false => format!("{defaulted}{text}")
                        .trim_end_matches('\n')
                        .to_string(),
                },
                error: false,
                action: None,
                follow: stream.map(|s| Box::new(Follow::Logs(s))),
            },
            Err(e) => err(format!("{defaulted}Error from server (BadRequest): {e}")),
        };
    }
    match log_lines(pod, which, sim.now()) {
        Ok(lines) => ok(format!(
            "{defaulted}{}",
            with_prefix(&read_logs(&lines, &read).0, prefix.as_deref()).trim_end_matches('\n')
        )),
        Err(e) => err(format!("{defaulted}Error from server (BadRequest): {e}")),
    }
}

/// polymorphichelpers/logsforobject.go for one pod (by name, or each of a `-l` list): the
/// container named by -c, else the one the `kubectl.kubernetes.io/default-container` annotation
/// names, else the first (saying so when the pod has others, init containers included:
/// podcmd.AllContainerNames). What it says on stderr goes onto `notes`.
fn default_container(pod: &Pod, flags: &Flags, notes: &mut String) -> Option<String> {
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
    container
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

/// These containers' logs, one after another, as printed, onto `out`; an error as printed.
fn containers_log(
    sim: &Simulation,
    pod: &Pod,
    names: &[&str],
    flags: &Flags,
    request: &LogRequest,
    out: &mut String,
) -> Result<(), String> {
    let now = sim.now();
    for c in names {
        let which = LogOptions {
            container: Some(c),
            previous: flags.previous,
        };
        let read = request.read(pod, now)?;
        if let Some(e) = request.unreachable(sim, pod, c, false, flags.previous) {
            return Err(e);
        }
        let lines = log_lines(pod, which, now)
            .map_err(|e| format!("Error from server (BadRequest): {e}"))?;
        let prefix = flags.prefix.then(|| line_prefix(pod, c));
        out.push_str(&with_prefix(&read_logs(&lines, &read).0, prefix.as_deref()));
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

/// logs.go addPrefixIfNeeded: `[pod/NAME/CONTAINER] `.
fn line_prefix(pod: &Pod, container: &str) -> String {
    format!("[pod/{}/{container}] ", pod.metadata.name)
}

/// The prefix before each line kubectl reads (DefaultConsumeRequest reads up to each newline,
/// prefixingWriter writes the prefix before each read; a line `--limit-bytes` cut too).
pub(crate) fn with_prefix(text: &str, prefix: Option<&str>) -> String {
    let Some(p) = prefix else {
        return text.to_string();
    };
    text.split_inclusive('\n')
        .map(|l| format!("{p}{l}"))
        .collect()
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
    if let Err(e) = to_log_options(flags) {
        return err(e);
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
    let request = match validate(flags, Some(10)) {
        Ok(r) => r,
        Err(e) => return err(e),
    };
    // logsforobject.go takes each pod of the list as it takes one by name, every request made
    // (and every note said) before any log is read.
    let mut out = String::new();
    let mut requests: Vec<(&Pod, Vec<String>)> = Vec::new();
    for pod in pods {
        let names: Vec<String> = match flags.all_containers {
            true => all_containers(pod).into_iter().map(String::from).collect(),
            false => {
                let container = default_container(pod, flags, &mut out);
                if let Some(c) = container.as_deref().filter(|c| !find_container(pod, c)) {
                    return err(format!(
                        "{out}error: container {c} is not valid for pod {}",
                        pod.metadata.name
                    ));
                }
                container.into_iter().collect()
            }
        };
        requests.push((pod, names));
    }
    for (pod, names) in requests {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        if let Err(e) = containers_log(sim, pod, &names, flags, &request, &mut out) {
            return err(format!("{out}{e}"));
        }
    }
    ok(out.trim_end_matches('\n').to_string())
}
