//! The pod conditions the kubelet reports (kubelet_pods.go generateAPIPodStatus).

use crate::api::{Condition, Pod, Time};

/// Condition types the kubelet owns (pkg/kubelet/types/pod_status.go `PodConditionsByKubelet`).
const KUBELET_CONDITIONS: [&str; 5] = [
    "PodReadyToStartContainers",
    "Initialized",
    "Ready",
    "ContainersReady",
    "PodScheduled",
];

fn any_container_started(pod: &Pod) -> bool {
    pod.status
        .container_statuses
        .iter()
        .any(|c| c.started || c.state.waiting.is_none())
}

/// An init container not done: a regular one not exited 0, a sidecar not started.
fn init_incomplete(pod: &Pod, c: &crate::api::Container, started: bool) -> bool {
    let sidecar = c.is_restartable_init();
    let st = &pod.status;
    match st.init_container_statuses.iter().find(|s| s.name == c.name) {
        None => !started,
        Some(s) if sidecar => !s.started && s.state.terminated.is_none(),
        Some(s) => s.state.terminated.as_ref().is_none_or(|t| t.exit_code != 0),
    }
}

/// Whether the reported `Initialized` condition is True (as [`reported_conditions`] words it),
/// without building the conditions: printPod asks it for every pod.
pub fn is_initialized(pod: &Pod) -> bool {
    let st = &pod.status;
    if st.host_ip.is_empty() {
        return st
            .conditions
            .iter()
            .any(|c| c.type_ == "Initialized" && c.status == "True");
    }
    let started = any_container_started(pod);
    st.phase == "Succeeded"
        || started
        || !pod
            .spec
            .init_containers
            .iter()
            .any(|c| init_incomplete(pod, c, started))
}

/// A pod's conditions as the API returns them once its kubelet has reported: the others' first
/// (DisruptionTarget), then the kubelet's in its order (kubelet_pods.go `generateAPIPodStatus`,
/// status/generate.go). Stored pods keep only PodScheduled and Ready, for memory's sake (a big
/// Job keeps 100 000 pods); the other three follow from them and the container states, so
/// printers add them here.
pub fn reported_conditions(pod: &Pod) -> Vec<Condition> {
    let st = &pod.status;
    if st.host_ip.is_empty() {
        return st.conditions.clone();
    }
    let stored = |t: &str| st.conditions.iter().find(|c| c.type_ == t);
    let terminal = pod.is_terminal();
    // When the pod's last container stopped (its sidecars after the containers; a failed init
    // container when the pod never got further): the sandbox went then.
    let finished = st
        .container_statuses
        .iter()
        .chain(&st.init_container_statuses)
        .filter_map(|c| c.state.terminated.as_ref().map(|t| t.finished_at))
        .max();
    let condition =
        |type_: &str, ok: bool, reason: &str, message: String, at: Option<Time>| Condition {
            type_: type_.into(),
            status: if ok { "True" } else { "False" }.into(),
            reason: reason.into(),
            message,
            last_transition_time: at,
            ..Default::default()
        };
    let mut out: Vec<Condition> = st
        .conditions
        .iter()
        .filter(|c| !KUBELET_CONDITIONS.contains(&c.type_.as_str()))
        .cloned()
        .collect();
    // The sandbox (and with it the pod's IP) exists from the first start until the pod ends.
    let sandbox = !st.pod_ip.is_empty() && !terminal;
    out.push(condition(
        "PodReadyToStartContainers",
        sandbox,
        "",
        String::new(),
        if sandbox || finished.is_none() {
            st.start_time
        } else {
            finished
        },
    ));
    let started = any_container_started(pod);
    let incomplete: Vec<&str> = pod
        .spec
        .init_containers
        .iter()
        .filter(|c| init_incomplete(pod, c, started))
        .map(|c| c.name.as_str())
        .collect();
    // Initialized turned True when the last init container was done (a sidecar: started):
    // status_manager.go updateLastTransitionTime keeps the time of the last change, so a
    // sidecar stopped with the pod still counts from its start.
    let initialized_at = pod
        .spec
        .init_containers
        .iter()
        .zip(&st.init_container_statuses)
        .filter_map(|(c, s)| match (&s.state.terminated, &s.state.running) {
            (_, Some(r)) => Some(r.started_at),
            (Some(t), _) if c.is_restartable_init() => Some(t.started_at),
            (Some(t), _) if t.exit_code == 0 => Some(t.finished_at),
            // A sidecar waiting out a back-off had started.
            (None, None) if c.is_restartable_init() => {
                s.last_state.terminated.as_ref().map(|t| t.started_at)
            }
            _ => None,
        })
        .max()
        // A sidecar restarted since keeps the time it first made the pod initialized, which
        // came before any container started (the condition stays True across its restarts).
        .map(|t| {
            let first_start = st
                .container_statuses
                .iter()
                .flat_map(|c| {
                    [
                        c.state.running.as_ref().map(|r| r.started_at),
                        c.state.terminated.as_ref().map(|t| t.started_at),
                        c.last_state.terminated.as_ref().map(|t| t.started_at),
                    ]
                })
                .flatten()
                .min();
            first_start.map_or(t, |f| t.min(f))
        })
        .or(st.start_time);
    out.push(if st.phase == "Succeeded" {
        condition(
            "Initialized",
            true,
            "PodCompleted",
            String::new(),
            initialized_at,
        )
    } else if incomplete.is_empty() || started {
        condition("Initialized", true, "", String::new(), initialized_at)
    } else {
        condition(
            "Initialized",
            false,
            "ContainersNotInitialized",
            format!(
                "containers with incomplete status: [{}]",
                incomplete.join(" ")
            ),
            st.start_time,
        )
    });
    let mut ready = stored("Ready")
        .cloned()
        .unwrap_or_else(|| condition("Ready", false, "ContainersNotReady", String::new(), None));
    if ready.reason == "ContainersNotReady" && ready.message.is_empty() {
        // GenerateContainersReadyCondition: the sidecars first, then the containers.
        let sidecars = pod
            .spec
            .init_containers
            .iter()
            .filter(|c| c.is_restartable_init())
            .filter(|c| {
                !st.init_container_statuses
                    .iter()
                    .any(|s| s.name == c.name && s.ready)
            });
        let unready: Vec<&str> = sidecars
            .chain(pod.spec.containers.iter().filter(|c| {
                !st.container_statuses
                    .iter()
                    .any(|s| s.name == c.name && s.ready)
            }))
            .map(|c| c.name.as_str())
            .collect();
        ready.message = format!("containers with unready status: [{}]", unready.join(" "));
    }
    // Kept apart while the node lifecycle controller has marked the pod not Ready, and for a
    // pod with readiness gates (scheduler.rs set_condition).
    let mut containers_ready = stored("ContainersReady").cloned().unwrap_or_else(|| {
        let mut c = ready.clone();
        c.type_ = "ContainersReady".into();
        c
    });
    if containers_ready.reason == "ContainersNotReady" && containers_ready.message.is_empty() {
        containers_ready.message = ready.message.clone();
    }
    out.push(ready);
    out.push(containers_ready);
    if let Some(c) = stored("PodScheduled") {
        out.push(c.clone());
    }
    out
}
