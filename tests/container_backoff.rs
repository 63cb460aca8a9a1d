//! The kubelet's crash-loop back-off (pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff
//! over client-go util/flowcontrol/backoff.go): the first restart is immediate, later ones wait
//! 10 s, 20 s, 40 s … up to 5 min, and a container that ran more than twice the cap (10 min)
//! since its last restart starts over (hasExpired): restarted at once, no BackOff Event.

mod common;

use common::{event_secs, sim, step_until};

fn crashing(runs_for: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: app}}\nspec:\n  selector: {{matchLabels: {{app: app}}}}\n  template:\n    metadata:\n      labels: {{app: app}}\n      annotations:\n        sim.ctrlscope.dev/duration: \"{runs_for}\"\n        sim.ctrlscope.dev/exit-codes: \"1\"\n    spec:\n      nodeSelector: {{kubernetes.io/hostname: worker-1}}\n      containers:\n      - name: app\n        image: busybox:1.36\n"
    )
}

/// Started: the pod's container starts (its first start and each restart).
fn starts(s: &ctrlscope::sim::Simulation) -> Vec<i64> {
    event_secs(s, "Started")
}

#[test]
fn short_runs_back_off_ten_seconds_doubling() {
    let mut s = sim(&crashing("20s"));
    step_until(&mut s, 200, |_| {});
    let st = starts(&s);
    let gaps: Vec<i64> = st.windows(2).map(|w| w[1] - w[0]).collect();
    // 20 s runs; waits 0, 10, 20, 40 s between them.
    assert_eq!(&gaps[..4], &[20, 30, 40, 60], "starts at {st:?}");
}

#[test]
fn a_run_longer_than_ten_minutes_resets_the_back_off() {
    let mut s = sim(&crashing("11m"));
    step_until(&mut s, 3600, |_| {});
    let st = starts(&s);
    let gaps: Vec<i64> = st.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(gaps.len() >= 4, "starts at {st:?}");
    assert!(
        gaps.iter().all(|g| *g == 660),
        "each exit restarts at once: {gaps:?}"
    );
    assert!(event_secs(&s, "BackOff").is_empty());

    // 9-minute runs stay within the window: the waits grow.
    let mut s = sim(&crashing("9m"));
    step_until(&mut s, 3600, |_| {});
    let st = starts(&s);
    let gaps: Vec<i64> = st.windows(2).map(|w| w[1] - w[0]).collect();
    assert_eq!(&gaps[..3], &[540, 550, 560], "starts at {st:?}");
    assert!(!event_secs(&s, "BackOff").is_empty());
}

/// A container the kubelet kills for a failed liveness probe is restarted in the same sync,
/// judged by the exit before the kill (SyncPod kills, then doBackOff reads the status taken
/// before): while the kills come further apart than the back-off, each restart is at once; the
/// back-off only shows once it has grown past one probe-and-kill cycle (75 s here).
#[test]
fn liveness_kills_restart_at_once_until_the_back_off_outgrows_the_cycle() {
    let mut s = sim(include_str!("../examples/liveness-daemonset.yaml"));
    step_until(&mut s, 700, |_| {});
    let pod = s
        .pods()
        .iter()
        .map(|p| p.metadata.name.clone())
        .min()
        .expect("pods");
    let times = |reason: &str| -> Vec<i64> {
        s.cluster
            .events
            .iter()
            .filter(|e| e.reason.as_ref() == reason && e.name() == pod)
            .map(|e| (e.t - s.cluster.start).whole_secs())
            .collect()
    };
    let started = times("Started");
    assert_eq!(&started[..6], &[1, 76, 151, 226, 301, 376], "{started:?}");
    let backoff = times("BackOff");
    assert_eq!(backoff.first(), Some(&451), "{backoff:?}");
}

// --- Pods of several containers: each is restarted by itself (kuberuntime_manager.go
// computePodActions judges each container; doBackOff keys the back-off by container). ---

fn two_containers(kind_and_policy: &str, b_script: &str) -> String {
    let spec = format!("      restartPolicy: {}\n      containers:\n      - name: a\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 30\"]\n      - name: b\n        image: busybox:1.36\n        command: [sh, -c, \"{b_script}\"]\n", if kind_and_policy == "ds" { "Always" } else { kind_and_policy });
    if kind_and_policy == "ds" {
        format!("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: two}}\nspec:\n  selector: {{matchLabels: {{app: two}}}}\n  template:\n    metadata:\n      labels: {{app: two}}\n    spec:\n      nodeSelector: {{kubernetes.io/hostname: worker-1}}\n{}", spec.replace("sleep 30", "sleep 3600"))
    } else {
        format!("apiVersion: batch/v1\nkind: Job\nmetadata: {{name: two}}\nspec:\n  backoffLimit: 2\n  template:\n    spec:\n{spec}")
    }
}

fn the_pod(s: &ctrlscope::sim::Simulation) -> ctrlscope::api::Pod {
    s.pods()
        .into_iter()
        .find(|p| p.metadata.name.starts_with("two-"))
        .cloned()
        .expect("pod")
}

#[test]
fn a_crashing_second_container_backs_off_alone_and_holds_the_pod_not_ready() {
    let mut s = sim(&two_containers("ds", "sleep 5; exit 1"));
    step_until(&mut s, 90, |_| {});
    let p = the_pod(&s);
    let (a, b) = (
        &p.status.container_statuses[0],
        &p.status.container_statuses[1],
    );
    // a ran on from its only start; b started at 1 s, 6 s (at once), 21 s, 46 s.
    assert_eq!((a.restart_count, a.ready), (0, true));
    assert!(a.state.running.is_some());
    assert_eq!((b.restart_count, b.ready), (3, false));
    assert_eq!(
        b.state.waiting.as_ref().map(|w| w.reason.as_str()),
        Some("CrashLoopBackOff")
    );
    // doBackOff's message: the wait, the container, the pod as format.Pod names it.
    let message = b.state.waiting.as_ref().map_or("", |w| w.message.as_str());
    let pod = format!("pod={}_default({})", p.metadata.name, p.metadata.uid);
    assert_eq!(
        message,
        format!("back-off 40s restarting failed container=b {pod}")
    );
    let row = ctrlscope::kubectl::get_pods(&[&p], s.now(), false);
    assert!(
        row.contains("1/2     CrashLoopBackOff   3 (39s ago)"),
        "{row}"
    );
    let ready = ctrlscope::sim::kubelet::reported_conditions(&p)
        .into_iter()
        .find(|c| c.type_ == "Ready")
        .expect("Ready");
    assert_eq!(
        (
            ready.status.as_str(),
            ready.reason.as_str(),
            ready.message.as_str()
        ),
        (
            "False",
            "ContainersNotReady",
            "containers with unready status: [b]"
        )
    );
    assert_eq!(event_secs(&s, "Started").len(), 5, "a once, b four times");
    assert!(common::event_messages(&s, "BackOff")
        .iter()
        .all(|m| m.starts_with("Back-off restarting failed container b in pod ")));
    // b's next start, 40 s after its exit at 51 s: the pod is ready again.
    step_until(&mut s, 91, |_| {});
    let p = the_pod(&s);
    assert_eq!(p.status.container_statuses[1].restart_count, 4);
    let ready = ctrlscope::sim::kubelet::reported_conditions(&p)
        .into_iter()
        .find(|c| c.type_ == "Ready")
        .expect("Ready");
    assert_eq!(ready.status, "True");
}

/// restartPolicy OnFailure: a container that exits 0 is done and stays Completed, the pod runs
/// on (NotReady) until the last container ends; then it Succeeded and the Job is Complete.
#[test]
fn on_failure_a_second_container_done_early_waits_for_the_first() {
    let mut s = sim(&two_containers("OnFailure", "sleep 5"));
    step_until(&mut s, 20, |_| {});
    let p = the_pod(&s);
    assert_eq!(p.status.phase, "Running");
    let row = ctrlscope::kubectl::get_pods(&[&p], s.now(), false);
    assert!(row.contains("1/2     NotReady   0"), "{row}");
    step_until(&mut s, 40, |_| {});
    assert_eq!(the_pod(&s).status.phase, "Succeeded");
    let job = s
        .cluster
        .store
        .get::<ctrlscope::api::Job>("two")
        .expect("job");
    assert_eq!(job.status.succeeded, 1);
}

/// restartPolicy OnFailure: the second container's restarts count toward backoffLimit like the
/// first's (job_controller.go pastBackoffLimitOnFailure sums every container's restartCount).
#[test]
fn on_failure_the_second_containers_restarts_count_toward_the_backoff_limit() {
    let mut s = sim(&two_containers("OnFailure", "sleep 5; exit 3"));
    step_until(&mut s, 120, |_| {});
    let job = s
        .cluster
        .store
        .get::<ctrlscope::api::Job>("two")
        .expect("job");
    let failed = job
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == "Failed")
        .expect("failed");
    assert_eq!(failed.reason, "BackoffLimitExceeded");
}

/// restartPolicy OnFailure: while the first container waits out its back-off, the second one
/// ending with 0 does not end the pod (kubelet_pods.go getPhase: a waiting container with a
/// last termination is stopped but not succeeded, so the pod is Running); the Job runs on
/// until backoffLimit, and the pod never leaves a terminal phase.
#[test]
fn on_failure_a_crash_looping_first_container_keeps_the_pod_running() {
    let yaml = two_containers("OnFailure", "sleep 30; exit 0")
        .replace(
            "command: [sh, -c, \"sleep 30\"]",
            "command: [sh, -c, \"sleep 3; exit 1\"]",
        )
        .replace("backoffLimit: 2", "backoffLimit: 6");
    assert!(yaml.contains("sleep 3; exit 1"), "{yaml}");
    let mut s = sim(&yaml);
    step_until(&mut s, 60, |_| {});
    let p = the_pod(&s);
    assert_eq!(p.status.phase, "Running");
    assert_eq!(
        p.status.container_statuses[1]
            .state
            .terminated
            .as_ref()
            .map(|t| t.exit_code),
        Some(0)
    );
    let job = s
        .cluster
        .store
        .get::<ctrlscope::api::Job>("two")
        .expect("job");
    assert_eq!(job.status.succeeded, 0);
    assert!(job.status.finished_type().is_none());
    step_until(&mut s, 600, |_| {});
    let job = s
        .cluster
        .store
        .get::<ctrlscope::api::Job>("two")
        .expect("job");
    assert_eq!(job.status.finished_type(), Some("Failed"));
}

/// A fault on the second container restarts it (OnFailure); the exit its earlier run had
/// scheduled no longer ends the new run early.
#[test]
fn a_failed_second_container_runs_its_new_run_in_full() {
    let yaml = two_containers("OnFailure", "sleep 60").replace(
        "command: [sh, -c, \"sleep 30\"]",
        "command: [sh, -c, \"sleep 5\"]",
    );
    let mut s = sim(&yaml);
    step_until(&mut s, 20, |_| {});
    let pod = the_pod(&s).metadata.name.clone();
    s.perform(&ctrlscope::sim::scenario::Action::FailPod(pod))
        .expect("failed");
    step_until(&mut s, 70, |_| {});
    let p = the_pod(&s);
    assert_eq!(
        p.status.phase, "Running",
        "b restarted at 20 s runs to 80 s"
    );
    step_until(&mut s, 90, |_| {});
    assert_eq!(the_pod(&s).status.phase, "Succeeded");
}

/// A container's exit syncs the whole pod (SyncPod walks every container): a sibling waiting
/// out its back-off reads CrashLoopBackOff from that sync on, and BackOff is recorded for it
/// again, not only at its own 10-s resyncs. Here b exits at 26 s into a 20-s back-off (its own
/// resync would be at 36 s); a's exit at 31 s reports it.
#[test]
fn a_siblings_exit_reports_the_other_containers_back_off() {
    let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: two}\nspec:\n  selector: {matchLabels: {app: two}}\n  template:\n    metadata:\n      labels: {app: two}\n    spec:\n      nodeSelector: {kubernetes.io/hostname: worker-1}\n      containers:\n      - name: a\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 30; exit 1\"]\n      - name: b\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 5; exit 1\"]\n";
    let mut s = sim(ds);
    let backoffs = |s: &ctrlscope::sim::Simulation| -> Vec<(i64, String)> {
        s.cluster
            .events
            .iter()
            .filter(|e| e.reason.as_ref() == "BackOff")
            .map(|e| {
                let m = e.message().to_string();
                let c = m.split_whitespace().nth(4).unwrap_or_default().to_string();
                ((e.t - s.cluster.start).whole_secs(), c)
            })
            .collect()
    };
    step_until(&mut s, 30, |_| {});
    let b = &the_pod(&s).status.container_statuses[1];
    assert!(b.state.terminated.is_some(), "{b:?}");
    step_until(&mut s, 31, |_| {});
    let p = the_pod(&s);
    let b = &p.status.container_statuses[1];
    assert_eq!(
        b.state.waiting.as_ref().map(|w| w.reason.as_str()),
        Some("CrashLoopBackOff")
    );
    assert_eq!(
        b.last_state.terminated.as_ref().map(|t| t.exit_code),
        Some(1)
    );
    // a's first exit restarts it at once: no back-off of its own.
    assert!(p.status.container_statuses[0].state.running.is_some());
    assert_eq!(
        backoffs(&s),
        [
            (11, "b".to_string()),
            (26, "b".to_string()),
            (31, "b".to_string())
        ]
    );
    // At 61 s a exits into its 10-s back-off while b (exited at 51 s) is due a resync: one
    // sync, one BackOff each, not b's twice.
    step_until(&mut s, 61, |_| {});
    let at61: Vec<String> = backoffs(&s)
        .into_iter()
        .filter(|(t, _)| *t == 61)
        .map(|(_, c)| c)
        .collect();
    assert_eq!(at61, ["a", "b"]);
}

/// Deletes the Job's pod at `at` s with the controller manager down (its tracking finalizer
/// holds the stopped pod) and runs on 30 s: the pod as its kubelet left it, and its `get pods`
/// row.
fn deleted_in_back_off(yaml: &str, at: i64) -> (ctrlscope::api::Pod, String) {
    use ctrlscope::api::{Duration, Pod};
    use ctrlscope::sim::scenario::Action;
    let mut s = sim(yaml);
    step_until(&mut s, at, |_| {});
    let name = s.pods()[0].metadata.name.clone();
    s.perform(&Action::ControllerDown(Duration::from_secs(600)))
        .expect("down");
    let _ = ctrlscope::kubectl::console::run(&mut s, &format!("kubectl delete pod {name}"));
    step_until(&mut s, at + 30, |_| {});
    let row = ctrlscope::kubectl::console::run(&mut s, &format!("kubectl get pod {name}")).output;
    let p = s.cluster.store.get::<Pod>(&name).expect("held").clone();
    (p, row)
}

/// A pod deleted while a container waits out its back-off: ShouldContainerBeRestarted
/// (pkg/kubelet/container/helpers.go) is false once the pod has a deletionTimestamp, so
/// convertToAPIContainerStatuses no longer reports the container Waiting (CrashLoopBackOff):
/// its exited run is its state again (Error, its exit code), the run before it the last state.
#[test]
fn a_container_in_back_off_ends_terminated_when_its_pod_is_deleted() {
    let crash = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: crash}\nspec:\n  backoffLimit: 100\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: \"5s\"\n        sim.ctrlscope.dev/exit-codes: \"1\"\n    spec:\n      restartPolicy: OnFailure\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 5; exit 1\"]\n";
    let (p, row) = deleted_in_back_off(crash, 40);
    let cs = &p.status.container_statuses[0];
    assert!(cs.state.waiting.is_none(), "{:?}", cs.state);
    let t = cs.state.terminated.as_ref().expect("terminated");
    assert_eq!((t.exit_code, t.reason.as_str()), (1, "Error"));
    let before = cs.last_state.terminated.as_ref().expect("the run before");
    assert!(before.finished_at < t.started_at, "{before:?} {t:?}");
    assert_eq!(cs.restart_count, 2);
    assert!(row.contains(" Error "), "{row}");
    let status = ctrlscope::kubectl::api_value(&p);
    let ids = &status["status"]["containerStatuses"][0];
    assert_eq!(
        ids["state"]["terminated"]["containerID"],
        ids["containerID"]
    );
    assert_ne!(
        ids["lastState"]["terminated"]["containerID"],
        ids["containerID"]
    );

    let init = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: ini}\nspec:\n  backoffLimit: 10\n  template:\n    spec:\n      restartPolicy: OnFailure\n      initContainers:\n      - name: setup\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 2; exit 7\"]\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 5\"]\n";
    let (p, row) = deleted_in_back_off(init, 30);
    let cs = &p.status.init_container_statuses[0];
    let t = cs.state.terminated.as_ref().expect("terminated");
    assert_eq!((t.exit_code, t.reason.as_str()), (7, "Error"));
    assert!(row.contains(" Init:Error "), "{row}");
}

/// In CrashLoopBackOff the last state is the exited container itself: its ID is the status's
/// containerID (convertToAPIContainerStatuses moves the exited container's own state into
/// LastTerminationState); once restarted, the last state names the run before the running one.
#[test]
fn in_back_off_the_last_state_names_the_exited_container() {
    let mut s = sim(&crashing("5s"));
    step_until(&mut s, 40, |_| {});
    let p = s.pods()[0].clone();
    let v = ctrlscope::kubectl::api_value(&p);
    let cs = &v["status"]["containerStatuses"][0];
    assert_eq!(cs["state"]["waiting"]["reason"], "CrashLoopBackOff");
    assert_eq!(
        cs["lastState"]["terminated"]["containerID"],
        cs["containerID"]
    );
    step_until(&mut s, 50, |_| {});
    let p = s.pods()[0].clone();
    let v = ctrlscope::kubectl::api_value(&p);
    let cs = &v["status"]["containerStatuses"][0];
    assert!(cs["state"]["running"].is_object(), "{cs}");
    let last = &cs["lastState"]["terminated"]["containerID"];
    assert!(last.is_string() && *last != cs["containerID"], "{cs}");
}

/// The pod worker syncs a pod every 10 s while a container backs off, but only the first of
/// those syncs changes its status (the container turns CrashLoopBackOff); the status manager
/// writes nothing for the same status again (status_manager.go isPodStatusByKubeletEqual), so
/// the pod's resourceVersion stays and `get pods -w` prints no repeated row.
#[test]
fn back_off_syncs_that_change_nothing_write_nothing() {
    let two = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: two}\nspec:\n  backoffLimit: 100\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n      - name: a\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 5\"]\n      - name: b\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 3; exit 1\"]\n";
    let mut s = sim(two);
    step_until(&mut s, 54, |_| {});
    let rv = |s: &ctrlscope::sim::Simulation| s.pods()[0].metadata.resource_version.clone();
    let waiting = rv(&s);
    let b = &s.pods()[0].status.container_statuses[1];
    assert!(b.state.waiting.is_some(), "{b:?}");
    // b waits out 40 s from its exit at 43 s, restarting at 83 s: syncs at 63 s and 73 s.
    step_until(&mut s, 82, |s| assert_eq!(rv(s), waiting));
    assert_eq!(
        event_secs(&s, "BackOff")
            .iter()
            .filter(|t| **t > 54)
            .count(),
        2
    );
}
