//! How a deleted pod's containers stop (kuberuntime_container.go killContainer: SIGTERM, then
//! SIGKILL when the grace period is over):
//! - a container running its image's own program (no command, no args) handles SIGTERM: it
//!   stops 1 s later, exit 143 (0 for a server that shuts down cleanly, such as nginx), even
//!   beside a container that takes the whole grace period;
//! - a command line runs as PID 1 (the shell, or the `sleep` it execs), which ignores SIGTERM
//!   without a `trap`: the pod is Terminating for the whole grace period, then killed, exit 137;
//! - a command that ends by itself within the grace period ends then, with its own exit code.

mod common;

use common::{sim, step_until};
use ctrlscope::api::Pod;
use ctrlscope::kubectl;

fn pod_job(container: &str, grace: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: t\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n{grace}      containers:\n      - name: main\n{container}"
    )
}

/// A Job's pod whose shell sleeps an hour, running at 5 s: the simulation and the pod's name.
fn sleeping_pod() -> (ctrlscope::sim::Simulation, String) {
    let yaml = pod_job(
        "        image: busybox:1.36\n        command: [sh, -c, \"sleep 3600\"]\n",
        "",
    );
    let mut s = sim(&yaml);
    step_until(&mut s, 5, |_| {});
    let name = s.pods()[0].metadata.name.clone();
    (s, name)
}

/// Deletes the Job's pod at 5 s with the controller manager down, so the Job's tracking
/// finalizer holds the stopped pod; returns (seconds until its container stopped, its exit
/// code, the pod's phase).
fn delete_and_watch(yaml: &str) -> (i64, i32, String) {
    use ctrlscope::api::Duration;
    use ctrlscope::sim::scenario::Action;
    let mut s = sim(yaml);
    step_until(&mut s, 5, |_| {});
    let name = s.pods()[0].metadata.name.clone();
    s.perform(&Action::ControllerDown(Duration::from_secs(600)))
        .expect("down");
    let _ = kubectl::console::run(&mut s, &format!("kubectl delete pod {name}"));
    step_until(&mut s, 60, |_| {});
    let p = s.cluster.store.get::<Pod>(&name).expect("held").clone();
    let t = p.status.container_statuses[0]
        .state
        .terminated
        .clone()
        .expect("terminated");
    (
        (t.finished_at - s.cluster.start).whole_secs() - 5,
        t.exit_code,
        p.status.phase,
    )
}

#[test]
fn an_images_own_program_stops_on_sigterm() {
    let yaml = pod_job("        image: registry.example/app:1\n", "");
    assert_eq!(delete_and_watch(&yaml), (1, 143, "Failed".into()));
}

/// Each container stops its own way: nginx at once (0), the shell beside it at the end of the
/// grace period (137); the pod has stopped when both have.
#[test]
fn beside_a_shell_nginx_stops_at_once() {
    let yaml = pod_job(
        "        image: nginx:1.27
      - name: sh
        image: busybox:1.36
        command: [sh, -c, \"sleep 3600\"]
",
        "      terminationGracePeriodSeconds: 10
",
    );
    let mut s = sim(&yaml);
    step_until(&mut s, 5, |_| {});
    let name = s.pods()[0].metadata.name.clone();
    // The controller manager down: the Job's tracking finalizer holds the stopped pod.
    s.perform(&ctrlscope::sim::scenario::Action::ControllerDown(
        ctrlscope::api::Duration::from_secs(600),
    ))
    .expect("down");
    let _ = kubectl::console::run(&mut s, &format!("kubectl delete pod {name} --wait=false"));
    step_until(&mut s, 7, |_| {});
    let codes = |s: &ctrlscope::sim::Simulation| -> Vec<Option<i32>> {
        s.cluster
            .store
            .get::<Pod>(&name)
            .map(|p| {
                p.status
                    .container_statuses
                    .iter()
                    .map(|c| c.state.terminated.as_ref().map(|t| t.exit_code))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        codes(&s),
        [Some(0), None],
        "nginx has stopped, the shell runs on"
    );
    step_until(&mut s, 15, |_| {});
    let p = s.cluster.store.get::<Pod>(&name);
    assert!(
        p.is_some_and(|p| p.status.container_statuses[1]
            .state
            .terminated
            .as_ref()
            .is_some_and(|t| t.exit_code == 137)),
        "the shell is killed at the end of the grace period"
    );
}

/// nginx stops on its image's STOPSIGNAL (SIGQUIT) and exits 0, as fluentd does on SIGTERM:
/// the deleted pod ends Succeeded (kubectl: `Completed`, not `Error`).
#[test]
fn a_server_that_shuts_down_cleanly_exits_0() {
    for image in ["nginx:1.27", "quay.io/fluentd_elasticsearch/fluentd:v2.5.2"] {
        let yaml = pod_job(&format!("        image: {image}\n"), "");
        assert_eq!(
            delete_and_watch(&yaml),
            (1, 0, "Succeeded".into()),
            "{image}"
        );
    }
}

#[test]
fn a_shell_ignores_sigterm_and_is_killed_after_the_grace_period() {
    let yaml = pod_job(
        "        image: busybox:1.36\n        command: [sh, -c, \"sleep 3600\"]\n",
        "      terminationGracePeriodSeconds: 10\n",
    );
    assert_eq!(delete_and_watch(&yaml), (10, 137, "Failed".into()));
    let trapping = pod_job(
        "        image: busybox:1.36\n        command: [sh, -c, \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n",
        "",
    );
    assert_eq!(delete_and_watch(&trapping).0, 1);
}

#[test]
fn a_command_that_ends_within_the_grace_period_ends_with_its_own_code() {
    let yaml = pod_job(
        "        image: busybox:1.36\n        command: [sh, -c, \"sleep 20\"]\n",
        "",
    );
    // Started at 1 s, ends at 21 s: 16 s after the delete at 5 s, exit 0, Succeeded.
    assert_eq!(delete_and_watch(&yaml), (16, 0, "Succeeded".into()));
}

/// `kubectl delete pod --grace-period=N` sets the deletion's grace period: the shell that
/// ignores SIGTERM is killed after N seconds, not the pod's 30.
#[test]
fn a_grace_period_flag_shortens_the_wait() {
    let (mut s, name) = sleeping_pod();
    let out = kubectl::console::run(
        &mut s,
        &format!("kubectl delete pod {name} --grace-period=5"),
    );
    assert_eq!(
        out.output,
        format!("pod \"{name}\" deleted from default namespace")
    );
    let p = s.cluster.store.get::<Pod>(&name).expect("terminating");
    assert_eq!(p.metadata.deletion_grace_period_seconds, Some(5));
    step_until(&mut s, 11, |_| {});
    assert!(
        !s.cluster.store.contains::<Pod>(&name),
        "killed at 10 s, then removed"
    );
    let bad = kubectl::console::run(
        &mut s,
        "kubectl delete pods --all --grace-period=99999999999999999999",
    );
    assert_eq!(
        bad.output,
        "error: invalid argument \"99999999999999999999\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"99999999999999999999\": value out of range\nSee 'kubectl delete --help' for usage."
    );
}

/// A force delete of a pod already Terminating (its shell ignoring SIGTERM) shortens the wait:
/// the kubelet kills it at once instead of at the end of the first grace period.
#[test]
fn a_force_delete_cuts_a_termination_short() {
    let (mut s, name) = sleeping_pod();
    let _ = kubectl::console::run(&mut s, &format!("kubectl delete pod {name}"));
    step_until(&mut s, 10, |_| {});
    assert!(s.cluster.store.contains::<Pod>(&name), "Terminating");
    let _ = kubectl::console::run(
        &mut s,
        &format!("kubectl delete pod {name} --grace-period=0 --force"),
    );
    step_until(&mut s, 11, |_| {});
    assert!(
        !s.cluster.store.contains::<Pod>(&name),
        "gone at 10 s, not 35 s"
    );
}

/// The Kubernetes docs' liveness-exec example: `cat /tmp/healthy` every 5 s after 5 s, while
/// the script removes the file at 30 s. Three failures in a row (Unhealthy) kill the container
/// (Killing "failed liveness probe, will be restarted"); its shell ignores SIGTERM, so it stops
/// after the 30 s grace period (137) and restarts (pkg/kubelet/prober).
#[test]
fn the_docs_liveness_exec_example_restarts_its_container() {
    let yaml = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: liveness\nspec:\n  selector:\n    matchLabels: {app: liveness}\n  template:\n    metadata:\n      labels: {app: liveness}\n    spec:\n      nodeSelector: {kubernetes.io/hostname: worker-1}\n      containers:\n      - name: liveness\n        image: registry.k8s.io/busybox:1.27.2\n        args:\n        - /bin/sh\n        - -c\n        - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600\n        livenessProbe:\n          exec:\n            command:\n            - cat\n            - /tmp/healthy\n          initialDelaySeconds: 5\n          periodSeconds: 5\n";
    let docs = ctrlscope::manifest::parse_documents(yaml).expect("valid");
    assert!(
        docs[0].not_simulated().is_empty(),
        "this probe is simulated"
    );
    let mut s = sim(yaml);
    step_until(&mut s, 90, |_| {});
    let times = |reason: &str| -> Vec<i64> {
        s.cluster
            .events
            .iter()
            .filter(|e| e.reason.as_ref() == reason && e.kind == ctrlscope::api::Kind::Pod)
            .map(|e| (e.t - s.cluster.start).whole_secs())
            .collect()
    };
    assert_eq!(times("Unhealthy"), [36, 41, 46]);
    assert_eq!(times("Killing"), [46]);
    let unhealthy = s
        .cluster
        .events
        .iter()
        .find(|e| e.reason.as_ref() == "Unhealthy")
        .expect("Unhealthy");
    assert_eq!(
        unhealthy.message(),
        "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"
    );
    let p = s.pods()[0].clone();
    let c = &p.status.container_statuses[0];
    assert_eq!(c.restart_count, 1);
    let last = c.last_state.terminated.as_ref().expect("last state");
    assert_eq!(
        (
            last.exit_code,
            (last.finished_at - s.cluster.start).whole_secs()
        ),
        (137, 76)
    );
}

/// A pod's own `activeDeadlineSeconds` (pkg/kubelet/active_deadline.go): 20 s after its start
/// time the kubelet records `DeadlineExceeded` and kills its containers as for a deletion (the
/// shell ignores SIGTERM: 137 after the 30 s grace period). The status manager holds the
/// terminal phase back while containers may run (status_manager.go mergePodStatus): the pod
/// shows Running, not ready, until 50 s, then Failed with reason DeadlineExceeded. Only then
/// does the Job controller count a failure, and its back-off runs from the container's finish
/// (backoff_utils.go getFinishedTime): the retry comes at 60 s, never beside the first pod.
#[test]
fn a_pods_own_active_deadline_fails_it_once_its_containers_stop_and_the_job_retries() {
    let yaml = pod_job(
        "        image: busybox:1.36\n        command: [sh, -c, \"sleep 3600\"]\n",
        "      activeDeadlineSeconds: 20\n",
    )
    .replace(
        "spec:\n  template:",
        "spec:\n  backoffLimit: 1\n  template:",
    );
    let mut s = sim(&yaml);
    step_until(&mut s, 25, |_| {});
    let first = s.pods()[0].clone();
    assert_eq!(
        (first.status.phase.as_str(), first.status.reason.as_str()),
        ("Running", "")
    );
    assert!(first.status.container_statuses.iter().all(|c| !c.ready));
    let ready = first.status.conditions.iter().find(|c| c.type_ == "Ready");
    assert_eq!(
        ready.map(|c| (c.status.as_str(), c.reason.as_str())),
        Some(("False", "PodFailed"))
    );
    let get = kubectl::console::run(&mut s, "get pods --no-headers").output;
    assert!(get.contains("0/1   Running"), "{get}");
    step_until(&mut s, 51, |_| {});
    let first = s
        .pods()
        .into_iter()
        .find(|p| p.metadata.name == first.metadata.name)
        .expect("kept");
    assert_eq!(
        (
            first.status.phase.as_str(),
            first.status.reason.as_str(),
            first.status.message.as_str()
        ),
        (
            "Failed",
            "DeadlineExceeded",
            "Pod was active on the node longer than the specified deadline"
        )
    );
    let t = first.status.container_statuses[0]
        .state
        .terminated
        .as_ref()
        .expect("terminated");
    assert_eq!(
        (t.exit_code, (t.finished_at - s.cluster.start).whole_secs()),
        (137, 50)
    );
    step_until(&mut s, 150, |_| {});
    let at = |reason: &str| common::event_secs(&s, reason);
    assert_eq!(at("DeadlineExceeded"), [20, 80]);
    assert_eq!(at("SuccessfulCreate"), [0, 60]);
    assert_eq!(at("BackoffLimitExceeded"), [111]);
}

/// The pod's own deadline holds through a container failure and restart (a fault injected at
/// 20 s): the kubelet still fails the pod at 60 s.
#[test]
fn a_pods_deadline_survives_a_container_restart() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: dl\nspec:\n  backoffLimit: 10\n  template:\n    spec:\n      restartPolicy: OnFailure\n      activeDeadlineSeconds: 60\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 600\"]\n";
    let mut s = sim(yaml);
    step_until(&mut s, 20, |_| {});
    s.perform(&ctrlscope::sim::scenario::Action::FailPod(
        "job-name=dl".into(),
    ))
    .expect("fails");
    step_until(&mut s, 70, |_| {});
    let at = common::event_secs(&s, "DeadlineExceeded");
    assert_eq!(at, [60]);
}

/// Deleting a pod stops every running container, each with its own `Killing` Event, the
/// sidecars last (kuberuntime_container.go killContainersWithSyncResult, killContainer).
#[test]
fn every_running_container_gets_a_killing_event() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: two}\nspec:\n  template:\n    metadata:\n      annotations: {sim.ctrlscope.dev/duration: 5m}\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - {name: proxy, image: envoyproxy/envoy:v1.30, restartPolicy: Always}\n      containers:\n      - {name: a, image: busybox:1.36}\n      - {name: b, image: busybox:1.36, command: [sleep, \"600\"]}\n";
    let mut s = common::sim(yaml);
    common::step_until(&mut s, 30, |_| {});
    let r = ctrlscope::kubectl::console::run(&mut s, "delete pod -l job-name=two --wait=false");
    assert!(!r.error, "{}", r.output);
    common::step_until(&mut s, 31, |_| {});
    assert_eq!(
        common::event_messages(&s, "Killing"),
        [
            "Stopping container a",
            "Stopping container b",
            "Stopping container proxy"
        ]
    );
}

/// Two containers whose shells ignore SIGTERM: the pod stops when the last of them has
/// (killContainersWithSyncResult waits for every container), not when the first one's script
/// ends.
#[test]
fn a_pod_of_two_containers_stops_when_the_last_one_has() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: term\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: a\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 5; exit 0\"]\n      - name: b\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 20; exit 3\"]\n";
    let mut s = sim(yaml);
    step_until(&mut s, 3, |_| {});
    let name = s.pods()[0].metadata.name.clone();
    kubectl::console::run(&mut s, &format!("kubectl delete pod {name} --wait=false"));
    let mut last: Option<Pod> = None;
    let mut gone_at = 0;
    step_until(&mut s, 40, |s| match s.cluster.store.get::<Pod>(&name) {
        Some(p) => last = Some(p.clone()),
        None if gone_at == 0 => gone_at = (s.now() - s.cluster.start).whole_secs(),
        None => {}
    });
    assert_eq!(gone_at, 21, "b's script ends at 21 s");
    assert!(last.is_some());
}

/// While the pod is being deleted, a container whose script ends first shows it at once
/// (PLEG sees it): Terminated with its own exit code at 6 s, not ready, while the other
/// container runs on until its own end.
#[test]
fn a_container_that_ends_during_the_deletion_shows_it_at_once() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: term\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: a\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 5; exit 4\"]\n      - name: b\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 20; exit 3\"]\n";
    let mut s = sim(yaml);
    step_until(&mut s, 3, |_| {});
    let name = s.pods()[0].metadata.name.clone();
    kubectl::console::run(&mut s, &format!("kubectl delete pod {name} --wait=false"));
    step_until(&mut s, 7, |_| {});
    let p = s
        .cluster
        .store
        .get::<Pod>(&name)
        .expect("still there")
        .clone();
    let (a, b) = (
        &p.status.container_statuses[0],
        &p.status.container_statuses[1],
    );
    let t = a.state.terminated.as_ref().expect("a ended");
    assert_eq!(
        (
            t.exit_code,
            (t.finished_at - s.cluster.start).whole_secs(),
            a.ready
        ),
        (4, 6, false)
    );
    assert!(b.state.running.is_some(), "{b:?}");
    step_until(&mut s, 20, |_| {});
    let p = s
        .cluster
        .store
        .get::<Pod>(&name)
        .expect("still there")
        .clone();
    let t = p.status.container_statuses[0]
        .state
        .terminated
        .clone()
        .expect("a");
    assert_eq!(
        (t.exit_code, (t.finished_at - s.cluster.start).whole_secs()),
        (4, 6)
    );
}

/// Deleted while its second container still ran, a pod whose containers all end 0 by
/// themselves within the grace period ends Succeeded (getPhase: every container exited 0).
#[test]
fn a_deleted_pod_whose_containers_all_end_zero_succeeds() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: term\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: a\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 5\"]\n      - name: b\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 20\"]\n";
    let mut s = sim(yaml);
    step_until(&mut s, 10, |_| {});
    let name = s.pods()[0].metadata.name.clone();
    let mut watch = kubectl::console::run(&mut s, &format!("kubectl get pod {name} -w"));
    assert!(!watch.error, "{}", watch.output);
    kubectl::console::run(&mut s, &format!("kubectl delete pod {name} --wait=false"));
    let mut out = String::new();
    let end = s.cluster.start + ctrlscope::api::Duration::from_secs(30);
    while s.next_due().is_some_and(|t| t <= end) {
        s.step();
        if let Some(f) = watch.follow.as_mut() {
            if let kubectl::console::Polled::More(o) | kubectl::console::Polled::Done(o, _) =
                f.poll(&mut s)
            {
                out.push_str(&o);
            }
        }
    }
    assert!(out.contains("Completed"), "{out}");
    assert!(!out.contains("Error"), "{out}");
}

/// A pod deleted while its node is gone has no kubelet to stop it: it stays Terminating
/// (registry/core/pod/strategy.go CheckGracefulDelete keeps the grace period of a bound pod)
/// until the pod GC collects the missing node's pods (podgc gc_controller.go gcOrphaned).
#[test]
fn a_pod_deleted_on_a_removed_node_stays_terminating_until_the_pod_gc() {
    let (mut s, name) = sleeping_pod();
    let node = s
        .cluster
        .store
        .get::<Pod>(&name)
        .unwrap()
        .spec
        .node_name
        .clone();
    let _ = kubectl::console::run(&mut s, &format!("kubectl delete node {node}"));
    let _ = kubectl::console::run(&mut s, &format!("kubectl delete pod {name} --wait=false"));
    step_until(&mut s, 20, |_| {});
    let pod = s.cluster.store.get::<Pod>(&name).expect("still there");
    assert!(pod.metadata.deletion_timestamp.is_some());
    let table = kubectl::console::run(&mut s, "kubectl get pods").output;
    assert!(table.contains("Terminating"), "{table}");
    step_until(&mut s, 120, |_| {});
    assert!(
        !s.cluster.store.contains::<Pod>(&name),
        "collected by the pod GC"
    );
}

/// A node added under a removed node's name gets a kubelet that finds a pod bound to it being
/// deleted, with none of its containers: it reports them ContainerStatusUnknown (137) and the
/// pod Failed (status_manager.go TerminatePod), and the deletion completes then; the Job counts
/// the pod failed. Before, such a pod stayed Terminating for ever.
#[test]
fn a_node_back_under_its_name_ends_the_pod_being_deleted_there() {
    use ctrlscope::sim::scenario::Action;
    let (mut s, name) = sleeping_pod();
    let node = s
        .cluster
        .store
        .get::<Pod>(&name)
        .unwrap()
        .spec
        .node_name
        .clone();
    let _ = kubectl::console::run(&mut s, &format!("kubectl delete pod {name} --wait=false"));
    let _ = kubectl::console::run(&mut s, &format!("kubectl delete node {node}"));
    step_until(&mut s, 8, |_| {});
    assert!(
        s.cluster.store.contains::<Pod>(&name),
        "Terminating, no kubelet"
    );
    s.perform(&Action::AddNode {
        name: node.clone(),
        labels: Default::default(),
        taints: Vec::new(),
    })
    .unwrap();
    step_until(&mut s, 40, |_| {});
    assert!(
        !s.cluster.store.contains::<Pod>(&name),
        "ended when the node came back"
    );
    let job = kubectl::console::run(&mut s, "kubectl get job t -o jsonpath={.status.failed}");
    assert_eq!(job.output, "1");
}

/// killContainer gives every container at least minimumGracePeriodInSeconds (2 s) between
/// SIGTERM and SIGKILL ("always give containers a minimal shutdown window"): a shell deleted
/// with `--grace-period=1` is killed 2 s later, not 1 s.
#[test]
fn a_one_second_grace_period_still_gives_two_seconds() {
    let (mut s, name) = sleeping_pod();
    let _ = kubectl::console::run(
        &mut s,
        &format!("kubectl delete pod {name} --grace-period=1"),
    );
    step_until(&mut s, 6, |_| {});
    assert!(
        s.cluster.store.contains::<Pod>(&name),
        "still stopping at 6 s"
    );
    step_until(&mut s, 7, |_| {});
    assert!(!s.cluster.store.contains::<Pod>(&name), "killed at 7 s");

    // The sidecars a finished pod's kill stops get the same window, whether the pod's grace
    // period is 0 or 1.
    for grace in ["0", "1"] {
        let yaml = format!("apiVersion: batch/v1\nkind: Job\nmetadata: {{name: sc}}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      terminationGracePeriodSeconds: {grace}\n      initContainers:\n      - name: side\n        image: busybox:1.36\n        restartPolicy: Always\n        command: [sh, -c, \"while true; do sleep 10; done\"]\n      containers:\n      - name: work\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 5\"]\n");
        let mut s = sim(&yaml);
        step_until(&mut s, 30, |_| {});
        let p = s.pods()[0].clone();
        let work = p.status.container_statuses[0].state.terminated.clone();
        let side = p.status.init_container_statuses[0].state.terminated.clone();
        let (work, side) = (work.expect("work ended"), side.expect("side killed"));
        assert_eq!(side.exit_code, 137);
        assert_eq!(
            (side.finished_at - work.finished_at).whole_secs(),
            2,
            "grace {grace}"
        );
    }
}

/// A second DELETE of a pod whose graceful deletion is pending writes nothing (rest/delete.go
/// BeforeDelete: "graceful deletion is pending, do nothing"); a shorter grace period does.
/// (Each repeat wrote a MODIFIED per pod: 2 000 repeated deletes of 10 000 pods in a share
/// link froze the page and ran it out of memory.)
#[test]
fn a_pending_graceful_delete_is_not_written_again() {
    use ctrlscope::sim::scenario::Action;
    let (mut s, name) = sleeping_pod();
    s.perform(&Action::DeletePod(name.clone())).expect("delete");
    let watched = s.cluster.store.watch_len();
    s.perform(&Action::DeletePod(name.clone())).expect("again");
    s.perform(&Action::DeletePodGrace(name.clone(), 30))
        .expect("same grace");
    assert_eq!(s.cluster.store.watch_len(), watched);
    s.perform(&Action::DeletePodGrace(name.clone(), 5))
        .expect("shorter");
    assert_eq!(s.cluster.store.watch_len(), watched + 1);
    let p = s
        .cluster
        .store
        .get::<Pod>(&name)
        .expect("still terminating");
    assert_eq!(p.metadata.deletion_grace_period_seconds, Some(5));
}
