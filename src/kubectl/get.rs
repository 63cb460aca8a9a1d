//! `kubectl get` tables for the kinds the simulation has.
//!
//! Source: `pkg/printers/internalversion/printers.go` (`AddHandlers` column definitions,
//! `printPod`, `printJob`, `printCronJob`, `printDaemonSet`, `printNode`, `printEvent`) and
//! `staging/src/k8s.io/cli-runtime/pkg/printers/tableprinter.go` (`printTable`: upper-cased
//! headers, priority-1 columns only with `-o wide`, no header when there are no rows).

use crate::api::{Condition, Container, CronJob, DaemonSet, Event, Job, Node, Pod, Time};

use super::duration::{human_duration, non_zero, translate_timestamp_since};
use super::format::{format_label_selector, format_labels, layout_container_cells, print_bool};
use super::tabwriter::get_table;

/// The kubelet version `get nodes` shows (the simulation has no `status.nodeInfo`).
pub use crate::sim::kubelet::KUBELET_VERSION;

/// What `kubectl get` prints (to stderr) for an empty list in a namespace.
pub fn no_resources_found(namespace: &str) -> String {
    if namespace.is_empty() {
        "No resources found".to_string()
    } else {
        format!("No resources found in {namespace} namespace.")
    }
}

/// A `kubectl get` table before layout: its column headers and one row of cells per object.
pub struct Rows {
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl Rows {
    /// The table through `GetNewTabWriter`; empty without rows (tableprinter.go printTable:
    /// "avoid printing headers if we have no rows to display").
    pub fn render(self) -> String {
        if self.rows.is_empty() {
            return String::new();
        }
        get_table(&self.header, &self.rows)
    }
}

// ---------------------------------------------------------------------------------------------
// Pods

/// The READY, STATUS and RESTARTS cells of `printPod`.
struct PodCells {
    ready: String,
    status: String,
    restarts: String,
}

/// `printPod` (printers.go), the STATUS logic step by step:
/// 1. `status.reason` if set, else `status.phase`; `SchedulingGated` from the PodScheduled
///    condition.
/// 2. Init containers (`Init:N/M`, `Init:<reason>`): the first regular one not exited 0
///    decides; a started, ready sidecar counts in READY (and always in its total).
/// 3. Containers, last to first: a waiting reason (`ContainerCreating`, `CrashLoopBackOff`, …),
///    else a terminated reason (`Completed`, `Error`, …), else `Signal:N`/`ExitCode:N` for a
///    terminated container without a reason; a ready running container counts as ready.
/// 4. `Completed` with a container still running → `Running` if the Ready condition is true,
///    else `NotReady`.
/// 5. Being deleted: `Unknown` when the node is lost (`NodeLost`), else `Terminating` unless
///    the phase is terminal.
///
/// RESTARTS is the sum of restart counts, with ` (<age> ago)` of the latest last-termination
/// when known.
/// The latest `lastState.terminated.finishedAt` so far (RESTARTS' "(45s ago)").
fn note_last_restart(last: &mut Option<Time>, cs: &crate::api::ContainerStatus) {
    if let Some(t) = &cs.last_state.terminated {
        if last.is_none_or(|d| d < t.finished_at) {
            *last = Some(t.finished_at);
        }
    }
}

fn pod_cells(pod: &Pod, now: Time) -> PodCells {
    let mut restarts: i64 = 0;
    let mut total_containers = pod.spec.containers.len();
    let mut ready_containers = 0usize;
    let mut last_restart_date: Option<Time> = None;

    let phase = pod.status.phase.as_str();
    let mut reason = if pod.status.reason.is_empty() {
        phase.to_string()
    } else {
        pod.status.reason.clone()
    };

    for c in &pod.status.conditions {
        if c.type_ == "PodScheduled" && c.reason == "SchedulingGated" {
            reason = "SchedulingGated".to_string();
        }
    }

    for c in &pod.spec.init_containers {
        if c.is_restartable_init() {
            total_containers += 1;
        }
    }

    // Init containers, in order (printPod's switch): exited 0 → next; a started sidecar
    // counts when ready → next; otherwise the first such container decides (`Init:<reason>`,
    // `Init:ExitCode:N`, or `Init:i/n`), a sidecar not started yet included.
    let mut initializing = false;
    let mut sidecar_restarts: i64 = 0;
    let mut last_sidecar_restart: Option<Time> = None;
    let n_init = pod.spec.init_containers.len();
    for (i, cs) in pod.status.init_container_statuses.iter().enumerate() {
        restarts += i64::from(cs.restart_count);
        note_last_restart(&mut last_restart_date, cs);
        let restartable = pod
            .spec
            .init_containers
            .iter()
            .find(|c| c.name == cs.name)
            .is_some_and(Container::is_restartable_init);
        if restartable {
            sidecar_restarts += i64::from(cs.restart_count);
            note_last_restart(&mut last_sidecar_restart, cs);
        }
        let waiting = cs.state.waiting.as_ref().map(|w| w.reason.as_str());
        match &cs.state.terminated {
            Some(t) if t.exit_code == 0 => continue,
            _ if restartable && cs.started => {
                if cs.ready {
                    ready_containers += 1;
                }
                continue;
            }
            Some(t) => {
                reason = if t.reason.is_empty() {
                    format!("Init:ExitCode:{}", t.exit_code)
                } else {
                    format!("Init:{}", t.reason)
                };
            }
            None => match waiting {
                Some(w) if !w.is_empty() && w != "PodInitializing" => {
                    reason = format!("Init:{w}");
                }
                _ => reason = format!("Init:{i}/{n_init}"),
            },
        }
        initializing = true;
        break;
    }

    let mut has_running = false;
    // isPodInitializedConditionTrue, of the conditions as reported (stored pods keep fewer).
    let containers: &[crate::api::ContainerStatus] =
        if !initializing || crate::sim::kubelet::is_initialized(pod) {
            // Once initialized, the regular init containers' restarts no longer count.
            restarts = sidecar_restarts;
            last_restart_date = last_sidecar_restart;
            &pod.status.container_statuses
        } else {
            &[]
        };
    for cs in containers.iter().rev() {
        restarts += i64::from(cs.restart_count);
        note_last_restart(&mut last_restart_date, cs);
        let waiting_reason = cs
            .state
            .waiting
            .as_ref()
            .map(|w| w.reason.as_str())
            .unwrap_or("");
        if !waiting_reason.is_empty() {
            reason = waiting_reason.to_string();
        } else if let Some(t) = &cs.state.terminated {
            if !t.reason.is_empty() {
                reason = t.reason.clone();
            } else {
                // No `signal` field in this API: always ExitCode.
                reason = format!("ExitCode:{}", t.exit_code);
            }
        } else if cs.ready && cs.state.running.is_some() {
            has_running = true;
            ready_containers += 1;
        }
    }

    if reason == "Completed" && has_running {
        // hasPodReadyCondition (printers.go).
        reason = if pod.is_ready() {
            "Running".to_string()
        } else {
            "NotReady".to_string()
        };
    }

    if pod.metadata.deletion_timestamp.is_some() && pod.status.reason == "NodeLost" {
        reason = "Unknown".to_string();
    } else if pod.metadata.deletion_timestamp.is_some() && !pod.is_terminal() {
        reason = "Terminating".to_string();
    }

    let restarts_str = match last_restart_date.and_then(non_zero) {
        Some(t) if restarts != 0 => {
            format!(
                "{restarts} ({} ago)",
                translate_timestamp_since(Some(t), now)
            )
        }
        _ => restarts.to_string(),
    };

    PodCells {
        ready: format!("{ready_containers}/{total_containers}"),
        status: reason,
        restarts: restarts_str,
    }
}

/// The STATUS column of `kubectl get pods` (see [`get_pods`]).
pub fn pod_status(pod: &Pod) -> String {
    pod_cells(pod, Time::default()).status
}

/// The READY column of `kubectl get pods`: `ready/total` containers.
pub fn pod_ready(pod: &Pod) -> String {
    pod_cells(pod, Time::default()).ready
}

/// The RESTARTS column of `kubectl get pods`: `N` or `N (45s ago)`.
pub fn pod_restarts(pod: &Pod, now: Time) -> String {
    pod_cells(pod, now).restarts
}

fn readiness_gates(pod: &Pod) -> String {
    let gates: Vec<String> = pod
        .spec
        .other
        .get("readinessGates")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|g| g.get("conditionType").and_then(|t| t.as_str()))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if gates.is_empty() {
        return "<none>".to_string();
    }
    let true_conditions = gates
        .iter()
        .filter(|g| {
            pod.status
                .conditions
                .iter()
                .find(|c| &c.type_ == *g)
                .is_some_and(|c| c.status == "True")
        })
        .count();
    format!("{true_conditions}/{}", gates.len())
}

fn or_none(s: &str) -> String {
    if s.is_empty() {
        "<none>".to_string()
    } else {
        s.to_string()
    }
}

/// `kubectl get pods [-o wide]`: NAME READY STATUS RESTARTS AGE
/// [IP NODE NOMINATED NODE READINESS GATES]. Empty string for no pods.
pub fn pod_rows(pods: &[&Pod], now: Time, wide: bool) -> Rows {
    let mut header = vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE"];
    if wide {
        header.extend(["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]);
    }
    let rows = pods
        .iter()
        .map(|pod| {
            let c = pod_cells(pod, now);
            let mut row = vec![
                pod.metadata.name.clone(),
                c.ready,
                c.status,
                c.restarts,
                translate_timestamp_since(pod.metadata.creation_timestamp, now),
            ];
            if wide {
                row.push(or_none(&pod.status.pod_ip));
                row.push(or_none(&pod.spec.node_name));
                row.push(or_none(&pod.status.nominated_node_name));
                row.push(readiness_gates(pod));
            }
            row
        })
        .collect();
    Rows { header, rows }
}

pub fn get_pods(pods: &[&Pod], now: Time, wide: bool) -> String {
    pod_rows(pods, now, wide).render()
}

// ---------------------------------------------------------------------------------------------
// Jobs

/// `hasJobCondition` (printers.go): the first condition of that type decides.
fn has_job_condition(conditions: &[Condition], type_: &str) -> bool {
    conditions
        .iter()
        .find(|c| c.type_ == type_)
        .is_some_and(|c| c.status == "True")
}

/// The STATUS column of `kubectl get jobs` (`printJob`): the first of `Complete`, `Failed`,
/// `Terminating` (being deleted), `Suspended`, `FailureTarget`, `SuccessCriteriaMet` that
/// holds, else `Running`. `SuccessCriteriaMet` is kubectl 1.34's (kubernetes PR #132832); the
/// interim conditions show while a finishing Job's pods terminate (job controller, 1.31+).
/// Validation never lets `SuccessCriteriaMet` stand with `FailureTarget` or `Failed`.
pub fn job_status(job: &Job) -> &'static str {
    let c = &job.status.conditions;
    if has_job_condition(c, "Complete") {
        "Complete"
    } else if has_job_condition(c, "Failed") {
        "Failed"
    } else if job.metadata.deletion_timestamp.is_some() {
        "Terminating"
    } else if has_job_condition(c, "Suspended") {
        "Suspended"
    } else if has_job_condition(c, "FailureTarget") {
        "FailureTarget"
    } else if has_job_condition(c, "SuccessCriteriaMet") {
        "SuccessCriteriaMet"
    } else {
        "Running"
    }
}

/// The COMPLETIONS column (`printJob`): `succeeded/completions`; with no completions (work-queue
/// mode) `succeeded/1 of parallelism` when parallelism > 1, else `succeeded/1`. Indexed and
/// NonIndexed Jobs print alike.
pub fn job_completions(job: &Job) -> String {
    let succeeded = job.status.succeeded;
    match job.spec.completions {
        Some(c) => format!("{succeeded}/{c}"),
        None => {
            let parallelism = job.spec.parallelism.unwrap_or(0);
            if parallelism > 1 {
                format!("{succeeded}/1 of {parallelism}")
            } else {
                format!("{succeeded}/1")
            }
        }
    }
}

/// The DURATION column (`printJob`): empty before the Job starts, `now − startTime` while it
/// runs, `completionTime − startTime` once complete.
pub fn job_duration(job: &Job, now: Time) -> String {
    match (job.status.start_time, job.status.completion_time) {
        (None, _) => String::new(),
        (Some(start), None) => human_duration(now - start.stored()),
        (Some(start), Some(done)) => human_duration(done.stored() - start.stored()),
    }
}

/// `kubectl get jobs [-o wide]`: NAME STATUS COMPLETIONS DURATION AGE
/// [CONTAINERS IMAGES SELECTOR].
pub fn job_rows(jobs: &[&Job], now: Time, wide: bool) -> Rows {
    let mut header = vec!["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"];
    if wide {
        header.extend(["CONTAINERS", "IMAGES", "SELECTOR"]);
    }
    let rows = jobs
        .iter()
        .map(|job| {
            let mut row = vec![
                job.metadata.name.clone(),
                job_status(job).to_string(),
                job_completions(job),
                job_duration(job, now),
                translate_timestamp_since(job.metadata.creation_timestamp, now),
            ];
            if wide {
                let (names, images) = layout_container_cells(&job.spec.template.spec.containers);
                row.extend([
                    names,
                    images,
                    format_label_selector(job.spec.selector.as_ref()),
                ]);
            }
            row
        })
        .collect();
    Rows { header, rows }
}

pub fn get_jobs(jobs: &[&Job], now: Time, wide: bool) -> String {
    job_rows(jobs, now, wide).render()
}

// ---------------------------------------------------------------------------------------------
// CronJobs

/// `kubectl get cronjobs [-o wide]`: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE
/// [CONTAINERS IMAGES SELECTOR].
pub fn cronjob_rows(cjs: &[&CronJob], now: Time, wide: bool) -> Rows {
    let mut header = vec![
        "NAME",
        "SCHEDULE",
        "TIMEZONE",
        "SUSPEND",
        "ACTIVE",
        "LAST SCHEDULE",
        "AGE",
    ];
    if wide {
        header.extend(["CONTAINERS", "IMAGES", "SELECTOR"]);
    }
    let rows = cjs
        .iter()
        .map(|cj| {
            let last_schedule = match cj.status.last_schedule_time {
                None => "<none>".to_string(),
                Some(t) => translate_timestamp_since(Some(t), now),
            };
            let time_zone = cj.spec.time_zone.clone().unwrap_or_else(|| "<none>".into());
            // printBoolPtr prints `<unset>` for nil, but the API server defaults suspend to
            // false (pkg/apis/batch/v1/defaults.go), so a stored CronJob always has it.
            let suspend = print_bool(cj.spec.suspend.unwrap_or(false)).to_string();
            let mut row = vec![
                cj.metadata.name.clone(),
                cj.spec.schedule.clone(),
                time_zone,
                suspend,
                cj.status.active.len().to_string(),
                last_schedule,
                translate_timestamp_since(cj.metadata.creation_timestamp, now),
            ];
            if wide {
                let spec = &cj.spec.job_template.spec;
                let (names, images) = layout_container_cells(&spec.template.spec.containers);
                row.extend([names, images, format_label_selector(spec.selector.as_ref())]);
            }
            row
        })
        .collect();
    Rows { header, rows }
}

pub fn get_cronjobs(cjs: &[&CronJob], now: Time, wide: bool) -> String {
    cronjob_rows(cjs, now, wide).render()
}

// ---------------------------------------------------------------------------------------------
// DaemonSets

/// `kubectl get daemonsets [-o wide]`: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE
/// NODE SELECTOR AGE [CONTAINERS IMAGES SELECTOR].
pub fn daemonset_rows(dss: &[&DaemonSet], now: Time, wide: bool) -> Rows {
    let mut header = vec![
        "NAME",
        "DESIRED",
        "CURRENT",
        "READY",
        "UP-TO-DATE",
        "AVAILABLE",
        "NODE SELECTOR",
        "AGE",
    ];
    if wide {
        header.extend(["CONTAINERS", "IMAGES", "SELECTOR"]);
    }
    let rows = dss
        .iter()
        .map(|ds| {
            let s = &ds.status;
            let mut row = vec![
                ds.metadata.name.clone(),
                s.desired_number_scheduled.to_string(),
                s.current_number_scheduled.to_string(),
                s.number_ready.to_string(),
                s.updated_number_scheduled.to_string(),
                s.number_available.to_string(),
                format_labels(&ds.spec.template.spec.node_selector),
                translate_timestamp_since(ds.metadata.creation_timestamp, now),
            ];
            if wide {
                let (names, images) = layout_container_cells(&ds.spec.template.spec.containers);
                row.extend([
                    names,
                    images,
                    format_label_selector(ds.spec.selector.as_ref()),
                ]);
            }
            row
        })
        .collect();
    Rows { header, rows }
}

pub fn get_daemonsets(dss: &[&DaemonSet], now: Time, wide: bool) -> String {
    daemonset_rows(dss, now, wide).render()
}

// ---------------------------------------------------------------------------------------------
// Nodes

/// `findNodeRoles` (printers.go): `node-role.kubernetes.io/<role>` label keys and the value of
/// `kubernetes.io/role`, sorted, deduplicated.
pub fn node_roles(node: &Node) -> Vec<String> {
    let mut roles = std::collections::BTreeSet::new();
    for (k, v) in &node.metadata.labels {
        if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
            if !role.is_empty() {
                roles.insert(role.to_string());
            }
        } else if k == "kubernetes.io/role" && !v.is_empty() {
            roles.insert(v.clone());
        }
    }
    roles.into_iter().collect()
}

/// The STATUS column of `kubectl get nodes` (`printNode`): `Ready` / `NotReady` from the Ready
/// condition (`Unknown` without one), `,SchedulingDisabled` when cordoned.
pub fn node_status(node: &Node) -> String {
    // Go builds a map by type, so the last condition of a type wins.
    let ready = node
        .status
        .conditions
        .iter()
        .rev()
        .find(|c| c.type_ == "Ready");
    let mut status = vec![match ready {
        Some(c) if c.status == "True" => "Ready".to_string(),
        Some(_) => "NotReady".to_string(),
        None => "Unknown".to_string(),
    }];
    if node.spec.unschedulable {
        status.push("SchedulingDisabled".to_string());
    }
    status.join(",")
}

/// `kubectl get nodes` (printers.go `printNode`): NAME STATUS ROLES AGE VERSION, and with
/// `-o wide` INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME.
pub fn node_rows(nodes: &[&Node], now: Time, wide: bool) -> Rows {
    let mut header = vec!["NAME", "STATUS", "ROLES", "AGE", "VERSION"];
    if wide {
        header.extend([
            "INTERNAL-IP",
            "EXTERNAL-IP",
            "OS-IMAGE",
            "KERNEL-VERSION",
            "CONTAINER-RUNTIME",
        ]);
    }
    let rows = nodes
        .iter()
        .map(|node| {
            let roles = node_roles(node).join(",");
            let info = &node.status.node_info;
            let mut row = vec![
                node.metadata.name.clone(),
                node_status(node),
                if roles.is_empty() {
                    "<none>".to_string()
                } else {
                    roles
                },
                translate_timestamp_since(node.metadata.creation_timestamp, now),
                info.kubelet_version.clone(),
            ];
            if wide {
                let known = |s: &str| {
                    if s.is_empty() {
                        "<unknown>".to_string()
                    } else {
                        s.to_string()
                    }
                };
                row.extend([
                    node.internal_ip().unwrap_or("<none>").to_string(),
                    node.address("ExternalIP").unwrap_or("<none>").to_string(),
                    known(&info.os_image),
                    known(&info.kernel_version),
                    known(&info.container_runtime_version),
                ]);
            }
            row
        })
        .collect();
    Rows { header, rows }
}

pub fn get_nodes(nodes: &[&Node], now: Time, wide: bool) -> String {
    node_rows(nodes, now, wide).render()
}

// ---------------------------------------------------------------------------------------------
// Events

/// The OBJECT column (`printEvent`): lower-cased kind and name, `job/pi`.
pub fn event_object(e: &Event) -> String {
    let kind = e.involved_object.kind.to_ascii_lowercase();
    if e.involved_object.name.is_empty() {
        kind
    } else {
        format!("{kind}/{}", e.involved_object.name)
    }
}

/// The LAST SEEN, FIRST SEEN and COUNT cells (printers.go `printEvent`): firstTimestamp, else
/// eventTime; lastTimestamp, else the first; a series' lastObservedTime and count, else count
/// (0, the events.k8s.io recorders', is 1).
pub fn event_seen(e: &Event, now: Time) -> (String, String, i32) {
    let first = match e.first_timestamp.and_then(non_zero) {
        Some(t) => translate_timestamp_since(Some(t), now),
        None => translate_timestamp_since(e.event_time.and_then(|t| non_zero(t.0)), now),
    };
    let mut last = match e.last_timestamp.and_then(non_zero) {
        Some(t) => translate_timestamp_since(Some(t), now),
        None => first.clone(),
    };
    let mut count = e.count;
    match &e.series {
        Some(s) => {
            last = translate_timestamp_since(non_zero(s.last_observed_time.0), now);
            count = s.count;
        }
        None if count == 0 => count = 1,
        None => {}
    }
    (last, first, count)
}

/// The LAST SEEN column (`printEvent`).
pub fn event_last_seen(e: &Event, now: Time) -> String {
    event_seen(e, now).0
}

/// `kubectl get events` (printers.go `printEvent`): LAST SEEN TYPE REASON OBJECT MESSAGE, and
/// with `-o wide` SUBOBJECT SOURCE (`component, host`) between them and FIRST SEEN COUNT NAME
/// after; in the order given (kubectl does not sort them unless `--sort-by` is given).
pub fn event_rows(events: &[&Event], now: Time, wide: bool) -> Rows {
    let header = if wide {
        vec![
            "LAST SEEN",
            "TYPE",
            "REASON",
            "OBJECT",
            "SUBOBJECT",
            "SOURCE",
            "MESSAGE",
            "FIRST SEEN",
            "COUNT",
            "NAME",
        ]
    } else {
        vec!["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
    };
    let rows = events
        .iter()
        .map(|e| {
            let message = e.message.trim().to_string();
            if !wide {
                return vec![
                    event_last_seen(e, now),
                    e.type_.clone(),
                    e.reason.clone(),
                    event_object(e),
                    message,
                ];
            }
            // printers.go formatEventSource: the events.k8s.io recorders (the scheduler's) leave
            // `source` empty and name themselves in reportingController/reportingInstance.
            let first_non_empty = |a: &str, b: &str| {
                if a.is_empty() {
                    b.to_string()
                } else {
                    a.to_string()
                }
            };
            let component = first_non_empty(&e.source.component, &e.reporting_component);
            let source = match first_non_empty(&e.source.host, &e.reporting_instance) {
                instance if instance.is_empty() => component,
                instance => format!("{component}, {instance}"),
            };
            let (last, first, count) = event_seen(e, now);
            vec![
                last,
                e.type_.clone(),
                e.reason.clone(),
                event_object(e),
                e.involved_object.field_path.clone(),
                source,
                message,
                first,
                count.to_string(),
                e.metadata.name.clone(),
            ]
        })
        .collect();
    Rows { header, rows }
}

pub fn get_events(events: &[&Event], now: Time, wide: bool) -> String {
    event_rows(events, now, wide).render()
}

// ---------------------------------------------------------------------------------------------
// ControllerRevisions

/// `kubectl get controllerrevisions` (`printControllerRevision`): NAME CONTROLLER REVISION AGE,
/// CONTROLLER as `daemonset.apps/NAME`.
pub fn controllerrevision_rows(revs: &[&crate::api::ControllerRevision], now: Time) -> Rows {
    let header = vec!["NAME", "CONTROLLER", "REVISION", "AGE"];
    let rows = revs
        .iter()
        .map(|r| {
            let controller = r
                .metadata
                .controller_of()
                .map(|o| {
                    format!(
                        "{}.{}/{}",
                        o.kind.to_ascii_lowercase(),
                        o.api_version.split('/').next().unwrap_or(""),
                        o.name
                    )
                })
                .unwrap_or_else(|| "<none>".into());
            vec![
                r.metadata.name.clone(),
                controller,
                r.revision.to_string(),
                translate_timestamp_since(r.metadata.creation_timestamp, now),
            ]
        })
        .collect();
    Rows { header, rows }
}

pub fn get_controllerrevisions(revs: &[&crate::api::ControllerRevision], now: Time) -> String {
    controllerrevision_rows(revs, now).render()
}
