//! Init containers and native sidecars in the kubelet model:
//! - regular init containers run one at a time, each to exit 0, before any container
//!   (kuberuntime_manager.go computePodActions); a sidecar (`restartPolicy: Always`) starts and
//!   keeps running, and the next one starts at once;
//! - `kubectl get pods` STATUS reads `Init:i/n`, then the containers' (printers.go printPod);
//!   READY counts a started, ready sidecar;
//! - the Initialized condition waits for them (status/generate.go);
//! - a Job whose pod has a sidecar completes once its container has exited and the kubelet has
//!   stopped the sidecar (SIGTERM, SIGKILL after the grace period);
//! - an init container runs its script: a failing one fails the pod under restartPolicy Never
//!   (kubelet_pods.go getPhase) and crash-loops under OnFailure; the Job controller counts the
//!   failure, its restarts (pastBackoffLimitOnFailure) and its exit code (matchOnExitCodes).

mod common;

use common::sim;
use ctrlscope::api::{Duration, Pod};
use ctrlscope::kubectl;

const JOB: &str = "\
apiVersion: batch/v1
kind: Job
metadata:
  name: withinit
spec:
  template:
    metadata:
      annotations:
        sim.ctrlscope.dev/duration: 10s
    spec:
      restartPolicy: Never
      initContainers:
      - name: setup
        image: busybox:1.36
        command: [sh, -c, echo setup]
      - name: proxy
        image: envoyproxy/envoy:v1.30
        restartPolicy: Always
      containers:
      - name: main
        image: busybox:1.36
";

fn the_pod(s: &ctrlscope::sim::Simulation) -> Pod {
    s.pods()[0].clone()
}

#[test]
fn init_containers_run_in_order_and_a_sidecar_keeps_running() {
    let mut s = sim(JOB);
    let mut seen: Vec<(i64, String, String)> = Vec::new();
    for t in [0, 1, 2, 5, 13] {
        s.run_until(s.cluster.start + Duration::from_secs(t));
        let p = the_pod(&s);
        seen.push((t, kubectl::pod_ready(&p), kubectl::pod_status(&p)));
    }
    let want = [
        (0, "0/2", "Init:0/2"),
        (1, "0/2", "Init:0/2"),
        (2, "2/2", "Running"),
        (5, "2/2", "Running"),
        (13, "0/2", "Completed"),
    ];
    let want: Vec<(i64, String, String)> = want
        .iter()
        .map(|(t, r, st)| (*t, r.to_string(), st.to_string()))
        .collect();
    assert_eq!(seen, want);
    let p = the_pod(&s);
    let init = &p.status.init_container_statuses;
    assert_eq!(init.len(), 2);
    let setup = init[0].state.terminated.as_ref().expect("setup done");
    assert_eq!((setup.exit_code, setup.reason.as_str()), (0, "Completed"));
    assert_eq!(
        (
            setup.started_at - s.cluster.start,
            setup.finished_at - s.cluster.start
        ),
        (Duration::from_secs(1), Duration::from_secs(2))
    );
    // The sidecar was stopped once the container was done; the Job completed.
    assert!(init[1].state.terminated.is_some());
    assert_eq!(p.status.phase, "Succeeded");
    let job = s
        .cluster
        .store
        .get::<ctrlscope::api::Job>("withinit")
        .expect("job");
    assert_eq!(kubectl::job_status(job), "Complete");
    // Events in start order: setup, then proxy, then main.
    let started: Vec<&str> = s
        .cluster
        .events
        .iter()
        .filter(|e| e.reason.as_ref() == "Started")
        .map(|e| e.message())
        .collect();
    assert_eq!(
        started,
        [
            "Started container setup",
            "Started container proxy",
            "Started container main"
        ]
    );
}

#[test]
fn initialized_waits_for_the_init_containers() {
    let mut s = sim(JOB);
    s.run_until(s.cluster.start + Duration::from_millis(1500));
    let p = the_pod(&s);
    let conditions = ctrlscope::sim::kubelet::reported_conditions(&p);
    let init = conditions
        .iter()
        .find(|c| c.type_ == "Initialized")
        .expect("Initialized");
    assert_eq!(
        (
            init.status.as_str(),
            init.reason.as_str(),
            init.message.as_str()
        ),
        (
            "False",
            "ContainersNotInitialized",
            "containers with incomplete status: [setup proxy]"
        )
    );
    let described =
        kubectl::console::run(&mut s, &format!("describe pod {}", p.metadata.name)).output;
    assert!(
        described.contains("Init Containers:\n  setup:\n    Container ID:"),
        "{described}"
    );
    assert!(
        described.contains("    State:          Running\n"),
        "{described}"
    );
}

/// Probes run no command and pass: a readiness probe makes the container Ready when its first
/// probe runs, initialDelaySeconds after it starts (pkg/kubelet/prober/worker.go).
#[test]
fn a_readiness_probe_delays_ready_by_its_initial_delay() {
    let yaml = "\
apiVersion: batch/v1
kind: Job
metadata:
  name: probed
spec:
  template:
    metadata:
      annotations:
        sim.ctrlscope.dev/duration: 60s
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
        readinessProbe:
          exec: {command: [\"true\"]}
          initialDelaySeconds: 5
";
    let mut s = sim(yaml);
    s.run_until(s.cluster.start + Duration::from_secs(5));
    assert_eq!(kubectl::pod_ready(&the_pod(&s)), "0/1");
    s.run_until(s.cluster.start + Duration::from_secs(6));
    assert_eq!(kubectl::pod_ready(&the_pod(&s)), "1/1");
}

/// A Job whose init container `migrate` runs `sleep 2; exit 3`, under `policy`.
fn failing_init(policy: &str, extra: &str) -> String {
    format!(
        "\
apiVersion: batch/v1
kind: Job
metadata:
  name: initfail
spec:
  backoffLimit: 1
{extra}  template:
    spec:
      restartPolicy: {policy}
      initContainers:
      - name: migrate
        image: busybox:1.36
        command: [sh, -c, \"sleep 2; exit 3\"]
      containers:
      - name: main
        image: busybox:1.36
        command: [sh, -c, \"echo done\"]
"
    )
}

fn job_condition(s: &ctrlscope::sim::Simulation, name: &str) -> (String, String) {
    let job = s
        .cluster
        .store
        .get::<ctrlscope::api::Job>(name)
        .expect("job");
    let c = job
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == "Failed")
        .expect("Failed condition");
    (c.reason.clone(), c.message.clone())
}

/// restartPolicy Never: the init container's exit 3 fails the pod (Init:Error); the containers
/// never start; the Job's back-off runs from when Ready turned False (backoff_utils.go
/// getFinishedTime: the containers never terminated), so the second pod comes at 10 s.
#[test]
fn a_failing_init_container_fails_the_pod_under_never() {
    let mut s = sim(&failing_init("Never", ""));
    s.run_until(s.cluster.start + Duration::from_secs(5));
    let p = the_pod(&s);
    assert_eq!(p.status.phase, "Failed");
    assert_eq!(kubectl::pod_status(&p), "Init:Error");
    let t = p.status.init_container_statuses[0]
        .state
        .terminated
        .as_ref()
        .expect("terminated");
    assert_eq!((t.exit_code, t.reason.as_str()), (3, "Error"));
    assert_eq!(
        t.finished_at - s.cluster.start,
        Duration::from_secs(3),
        "pull 1 s, then sleep 2"
    );
    let main = &p.status.container_statuses[0];
    assert_eq!(
        main.state.waiting.as_ref().map(|w| w.reason.as_str()),
        Some("PodInitializing")
    );
    assert!(!p.status.pod_ip.is_empty(), "the sandbox came first");
    s.run_until(s.cluster.start + Duration::from_secs(60));
    let created: Vec<i64> = s
        .cluster
        .events
        .iter()
        .filter(|e| e.reason.as_ref() == "SuccessfulCreate")
        .map(|e| (e.t - s.cluster.start).whole_secs())
        .collect();
    assert_eq!(created, [0, 10]);
    assert_eq!(
        job_condition(&s, "initfail"),
        (
            "BackoffLimitExceeded".to_string(),
            "Job has reached the specified backoff limit".to_string()
        )
    );
}

/// restartPolicy OnFailure: the init container restarts in place with the crash-loop back-off
/// (BackOff Events naming it); its restarts count toward backoffLimit. As for a container, it
/// reads `Init:Error` after each exit and `Init:CrashLoopBackOff` from the next pod sync in
/// back-off (kubelet_pods.go convertToAPIContainerStatuses, the reason cache).
#[test]
fn a_failing_init_container_crash_loops_under_on_failure() {
    let mut s = sim(&failing_init("OnFailure", "").replace("backoffLimit: 1", "backoffLimit: 3"));
    // Started at 1 s, exits at 3 s, restarts at once, exits again at 5 s: a 10 s back-off.
    s.run_until(s.cluster.start + Duration::from_secs(10));
    let p = the_pod(&s);
    assert_eq!(p.status.phase, "Pending");
    assert_eq!(kubectl::pod_status(&p), "Init:Error");
    assert_eq!(p.status.init_container_statuses[0].restart_count, 1);
    // Restarted at 15 s, exits at 17 s into a 20 s back-off; the pod worker's sync 10 s later
    // reports it waiting.
    s.run_until(s.cluster.start + Duration::from_secs(26));
    assert_eq!(kubectl::pod_status(&the_pod(&s)), "Init:Error");
    s.run_until(s.cluster.start + Duration::from_secs(27));
    let p = the_pod(&s);
    assert_eq!(kubectl::pod_status(&p), "Init:CrashLoopBackOff");
    let init = &p.status.init_container_statuses[0];
    let last = init.last_state.terminated.as_ref().expect("last state");
    assert_eq!(
        (
            last.exit_code,
            (last.finished_at - s.cluster.start).whole_secs()
        ),
        (3, 17)
    );
    let backoff = s
        .cluster
        .events
        .iter()
        .find(|e| e.reason.as_ref() == "BackOff")
        .expect("BackOff");
    assert!(
        backoff
            .message()
            .starts_with("Back-off restarting failed container migrate in pod initfail-"),
        "{}",
        backoff.message()
    );
    s.run_until(s.cluster.start + Duration::from_secs(120));
    assert_eq!(
        job_condition(&s, "initfail").0,
        "BackoffLimitExceeded",
        "3 init container restarts reach backoffLimit 3"
    );
    let killing = s
        .cluster
        .events
        .iter()
        .find(|e| e.reason.as_ref() == "Killing")
        .expect("Killing");
    assert_eq!(killing.message(), "Stopping container migrate");
}

/// matchOnExitCodes (pod_failure_policy.go) reads the init containers after the containers: a
/// FailJob rule on exit code 3 matches the init container's exit.
#[test]
fn a_pod_failure_policy_matches_an_init_container_exit_code() {
    let policy = "  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes:\n        operator: In\n        values: [3]\n";
    let mut s = sim(&failing_init("Never", policy));
    s.run_until(s.cluster.start + Duration::from_secs(30));
    let pod = the_pod(&s).metadata.name;
    assert_eq!(
        job_condition(&s, "initfail"),
        (
            "PodFailurePolicy".to_string(),
            format!("Container migrate for pod default/{pod} failed with exit code 3 matching FailJob rule at index 0")
        )
    );
}

/// An init container that never ends by itself holds the pod in Init:0/1; failing the pod by
/// hand fails that init container.
#[test]
fn a_looping_init_container_holds_the_pod_until_failed_by_hand() {
    let yaml = failing_init("Never", "").replace("sleep 2; exit 3", "while true; do sleep 1; done");
    let mut s = sim(&yaml);
    s.run_until(s.cluster.start + Duration::from_secs(300));
    let p = the_pod(&s);
    assert_eq!(kubectl::pod_status(&p), "Init:0/1");
    let name = p.metadata.name.clone();
    assert_eq!(s.fail_pods(&name), Ok(vec![name.clone()]));
    s.run_until(s.cluster.start + Duration::from_secs(301));
    let p = s.cluster.store.get::<Pod>(&name).expect("pod").clone();
    assert_eq!(kubectl::pod_status(&p), "Init:Error");
    assert_eq!(
        p.status.init_container_statuses[0]
            .state
            .terminated
            .as_ref()
            .map(|t| t.exit_code),
        Some(1)
    );
}

/// A sidecar before a regular init container: the regular one's first start is not a restart
/// (nothing to count toward backoffLimit under OnFailure).
#[test]
fn a_sidecar_first_gives_the_next_init_container_no_false_restart() {
    let yaml = JOB
        .replace("restartPolicy: Never\n", "restartPolicy: OnFailure\n")
        .replace("spec:\n  template:", "spec:\n  backoffLimit: 1\n  template:")
        .replace(
            "      - name: setup\n        image: busybox:1.36\n        command: [sh, -c, echo setup]\n      - name: proxy\n        image: envoyproxy/envoy:v1.30\n        restartPolicy: Always\n",
            "      - name: proxy\n        image: envoyproxy/envoy:v1.30\n        restartPolicy: Always\n      - name: setup\n        image: busybox:1.36\n        command: [sh, -c, echo setup]\n",
        );
    let mut s = sim(&yaml);
    s.run_until(s.cluster.start + Duration::from_secs(30));
    let p = the_pod(&s);
    let setup = p
        .status
        .init_container_statuses
        .iter()
        .find(|c| c.name == "setup")
        .expect("setup");
    assert_eq!(setup.restart_count, 0);
    assert_eq!(p.status.phase, "Succeeded");
}

/// A pod deleted while an init container runs: the containers never ran, so they keep their
/// waiting state and no exit code (a podFailurePolicy rule on one cannot match); the init
/// container, a shell that ignores SIGTERM, is killed at the end of the grace period (137).
#[test]
fn a_pod_deleted_during_initialization_leaves_its_containers_unrun() {
    let policy = "  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes:\n        containerName: main\n        operator: In\n        values: [137, 143]\n";
    let yaml = failing_init("Never", policy).replace("sleep 2; exit 3", "sleep 3600");
    let mut s = sim(&yaml);
    s.run_until(s.cluster.start + Duration::from_secs(5));
    let name = the_pod(&s).metadata.name;
    let _ = kubectl::console::run(&mut s, &format!("kubectl delete pod {name}"));
    s.run_until(s.cluster.start + Duration::from_secs(60));
    let job = s
        .cluster
        .store
        .get::<ctrlscope::api::Job>("initfail")
        .expect("job");
    assert_ne!(
        job.status.finished_type(),
        Some("Failed"),
        "{:?}",
        job.status
    );
}

/// Initialized turns True when the last init container is done (status_manager.go
/// updateLastTransitionTime): its lastTransitionTime is then, not the pod's start.
#[test]
fn initialized_transition_time_is_when_initialization_ended() {
    let yaml = JOB.replace(
        "command: [sh, -c, echo setup]",
        "command: [sh, -c, \"sleep 30\"]",
    );
    let mut s = sim(&yaml);
    s.run_until(s.cluster.start + Duration::from_secs(36));
    let p = the_pod(&s);
    let conditions = ctrlscope::sim::kubelet::reported_conditions(&p);
    let init = conditions
        .iter()
        .find(|c| c.type_ == "Initialized")
        .expect("Initialized");
    assert_eq!(init.status, "True");
    let setup_done = p.status.init_container_statuses[0]
        .state
        .terminated
        .as_ref()
        .expect("setup done")
        .finished_at;
    let proxy_started = p.status.init_container_statuses[1]
        .state
        .running
        .as_ref()
        .expect("proxy runs")
        .started_at;
    assert!(setup_done > p.status.start_time.expect("started"));
    assert_eq!(
        init.last_transition_time,
        Some(setup_done.max(proxy_started))
    );
}

/// When the containers are done the kubelet kills the pod, sidecars included (computePodActions
/// KillPod), with a `Killing` Event each and the pod's grace period; the phase turns terminal
/// only once they have stopped (generateAPIPodStatus), so the Job completes then. A shell loop
/// as PID 1 ignores SIGTERM: killed after 30 s, exit 137. An image's own program stops on
/// SIGTERM: exit 143.
#[test]
fn sidecars_are_stopped_before_the_pod_finishes() {
    let job = |sidecar: &str| {
        format!("apiVersion: batch/v1\nkind: Job\nmetadata: {{name: sc}}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - name: logshipper\n        image: busybox:1.36\n        restartPolicy: Always\n{sidecar}      containers:\n      - {{name: main, image: busybox:1.36, command: [sh, -c, \"sleep 20\"]}}\n")
    };
    let shell = "        command: [sh, -c, \"while true; do echo ship; sleep 5; done\"]\n";
    let mut s = sim(&job(shell));
    s.run_until(s.cluster.start + Duration::from_secs(30));
    let p = the_pod(&s);
    assert_eq!(
        p.status.phase, "Running",
        "the sidecar is still being stopped"
    );
    assert_eq!(
        common::event_messages(&s, "Killing"),
        ["Stopping container logshipper"]
    );
    s.run_until(s.cluster.start + Duration::from_secs(60));
    let p = the_pod(&s);
    assert_eq!(p.status.phase, "Succeeded");
    let t = p.status.init_container_statuses[0]
        .state
        .terminated
        .as_ref()
        .expect("stopped");
    assert_eq!((t.exit_code, t.reason.as_str()), (137, "Error"));
    assert_eq!(t.finished_at - s.cluster.start, Duration::from_secs(51));
    assert_eq!(common::event_secs(&s, "Completed"), [52]);

    let mut s = sim(&job(""));
    s.run_until(s.cluster.start + Duration::from_secs(60));
    let p = the_pod(&s);
    let t = p.status.init_container_statuses[0]
        .state
        .terminated
        .as_ref()
        .expect("stopped");
    assert_eq!(
        (t.exit_code, t.finished_at - s.cluster.start),
        (143, Duration::from_secs(22))
    );
}

/// An init container that fails under restartPolicy Never fails the pod; a sidecar started
/// before it is stopped first, as when the containers end (Killing, the grace period).
#[test]
fn a_failed_init_container_stops_the_sidecars_before_the_pod_fails() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: bad}\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - {name: proxy, image: envoyproxy/envoy:v1.30, restartPolicy: Always}\n      - {name: setup, image: busybox:1.36, command: [sh, -c, \"sleep 5; exit 3\"]}\n      containers:\n      - {name: main, image: busybox:1.36}\n";
    let mut s = sim(yaml);
    s.run_until(s.cluster.start + Duration::from_secs(30));
    let p = the_pod(&s);
    assert_eq!(p.status.phase, "Failed");
    assert_eq!(
        common::event_messages(&s, "Killing"),
        ["Stopping container proxy"]
    );
    let proxy = p.status.init_container_statuses[0]
        .state
        .terminated
        .as_ref()
        .expect("stopped");
    let setup = p.status.init_container_statuses[1]
        .state
        .terminated
        .as_ref()
        .expect("failed");
    assert_eq!(setup.exit_code, 3);
    // The image's own program stops on SIGTERM a second later: exit 143.
    assert_eq!(proxy.exit_code, 143);
    assert_eq!(
        proxy.finished_at - setup.finished_at,
        Duration::from_secs(1)
    );
}

/// printPod (pkg/printers/internalversion/printers.go): a sidecar counts as initialized only
/// once started, so until then the pod is `Init:i/n` (not PodInitializing); once the pod is
/// Initialized, the containers decide (a sidecar killed at the end does not make it
/// `Init:Error`).
#[test]
fn a_sidecar_not_started_yet_shows_init_progress() {
    let out = common::cli(
        &[("job.yaml", JOB)],
        &[
            "run",
            "job.yaml",
            "--until",
            "20s",
            "--kubectl",
            "get pods -w",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let want = common::pairs(&[
        ("0/2", "Init:0/2"),
        ("0/2", "Init:1/2"),
        ("1/2", "PodInitializing"),
        ("2/2", "Running"),
        ("1/2", "Completed"),
        ("0/2", "Completed"),
    ]);
    assert_eq!(common::watch_changes(&out.stdout), want);
}

/// One of two side-by-side containers exits: the kubelet writes the exited container and the
/// pod's Ready False together (generateAPIPodStatus), so a watch goes from `2/2 Running`
/// straight to `1/2 NotReady`, never `1/2 Running`.
#[test]
fn a_container_exit_and_ready_false_are_one_write() {
    let out = common::cli(
        &[("j.yaml", include_str!("../examples/sidecar-job.yaml"))],
        &[
            "run",
            "j.yaml",
            "--until",
            "20s",
            "--kubectl",
            "get pods -w",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let stuck: Vec<String> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("stuck-"))
        .map(|l| {
            l.split_whitespace()
                .skip(1)
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(
        stuck,
        ["0/2 ContainerCreating", "2/2 Running", "1/2 NotReady"]
    );
}

/// A sidecar's startup probe holds the pod's start (kuberuntime_manager.go
/// computeInitContainerActions: the next container waits until the restartable init container
/// is started); probes the simulation does not run pass once initialDelaySeconds have gone by.
/// Its readiness probe holds only its own READY.
#[test]
fn a_sidecar_startup_probe_holds_the_containers() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: sp\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - name: proxy\n        image: busybox:1.36\n        restartPolicy: Always\n        command: [\"sh\", \"-c\", \"while true; do sleep 10; done\"]\n        startupProbe:\n          exec: {command: [\"true\"]}\n          initialDelaySeconds: 20\n        readinessProbe:\n          exec: {command: [\"true\"]}\n          initialDelaySeconds: 25\n      containers:\n      - name: work\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"sleep 30\"]\n";
    let out = common::cli(
        &[("job.yaml", job)],
        &[
            "run",
            "job.yaml",
            "--until",
            "40s",
            "--kubectl",
            "get pods -w",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let want = common::pairs(&[
        ("0/2", "Init:0/1"),
        ("0/2", "PodInitializing"),
        ("1/2", "Running"),
        ("2/2", "Running"),
    ]);
    assert_eq!(common::watch_changes(&out.stdout), want, "{}", out.stdout);
    let ages: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("PodInitializing") || l.contains("2/2"))
        .filter_map(|l| l.split_whitespace().last())
        .collect();
    assert_eq!(
        ages.first(),
        Some(&"21s"),
        "started after the 20 s startup probe"
    );
    assert_eq!(
        ages.last(),
        Some(&"26s"),
        "ready after the 25 s readiness probe"
    );
}

/// A regular init container that exited 0 is ready (prober_manager.go UpdatePodStatus), as
/// `describe pod` shows it on a cluster.
#[test]
fn a_completed_init_container_is_ready() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: init}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - name: setup\n        image: busybox:1.36\n        command: [sh, -c, \"echo setup\"]\n      containers:\n      - name: work\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 30\"]\n";
    let mut s = common::sim(yaml);
    common::step_until(&mut s, 10, |_| {});
    let p = s.pods()[0].clone();
    let init = &p.status.init_container_statuses[0];
    assert!(init.state.terminated.is_some());
    assert!(init.ready);
}

/// The status manager moves a condition's lastTransitionTime only when its status flips
/// (status_manager.go updateLastTransitionTime): PodReadyToStartContainers turns False when the
/// sandbox goes with the pod's end (here when the failed init container stopped, restartPolicy
/// Never), and Initialized keeps the time its sidecar started after the sidecar is killed.
#[test]
fn condition_times_move_only_when_the_status_flips() {
    let at = |p: &Pod, type_: &str| {
        let c = ctrlscope::sim::kubelet::reported_conditions(p);
        let c = c.into_iter().find(|c| c.type_ == type_).expect("condition");
        (c.status, c.last_transition_time.map(|t| t.to_string()))
    };
    let failing = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: ini}\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - name: setup\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 2; exit 7\"]\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 5\"]\n";
    let mut s = sim(failing);
    common::step_until(&mut s, 10, |_| {});
    let p = s.pods()[0].clone();
    assert_eq!(p.status.phase, "Failed");
    let ended = p.status.init_container_statuses[0].state.terminated.clone();
    let ended = ended.expect("failed").finished_at.to_string();
    assert_eq!(
        at(&p, "PodReadyToStartContainers"),
        ("False".into(), Some(ended))
    );

    let mut s = sim(include_str!("../examples/sidecar-job.yaml"));
    common::step_until(&mut s, 20, |_| {});
    let native = |s: &ctrlscope::sim::Simulation| {
        let p = s
            .pods()
            .into_iter()
            .find(|p| p.metadata.name.starts_with("native-"));
        p.expect("native pod").clone()
    };
    let before = at(&native(&s), "Initialized");
    assert_eq!(before.0, "True");
    common::step_until(&mut s, 60, |_| {});
    let p = native(&s);
    assert_eq!(p.status.phase, "Succeeded");
    assert_eq!(
        at(&p, "Initialized"),
        before,
        "the sidecar's kill flips nothing"
    );
    let killed = p.status.init_container_statuses[0].state.terminated.clone();
    let killed = killed.expect("sidecar stopped").finished_at.to_string();
    assert_eq!(
        at(&p, "PodReadyToStartContainers"),
        ("False".into(), Some(killed)),
        "the sandbox went with the sidecar, after the containers"
    );
}

/// A sidecar runs its own script: when its process exits it is started again whatever the
/// pod's restartPolicy (kuberuntime_manager.go computeInitContainerActions), with the
/// crash-loop back-off of any container (first restart at once, then 10 s doubling); its
/// restartCount grows and RESTARTS counts it (printers.go restartableInitContainerRestarts);
/// its state shows the exit, then CrashLoopBackOff; the container runs on meanwhile.
#[test]
fn a_sidecar_that_exits_is_restarted_with_back_off() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: sc4}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - {name: side, image: busybox:1.36, restartPolicy: Always, command: [sh, -c, \"sleep 3; exit 1\"]}\n      containers:\n      - {name: work, image: busybox:1.36, command: [sh, -c, \"sleep 60\"]}\n";
    let mut s = sim(yaml);
    let mut seen = Vec::new();
    for t in [2, 4, 7, 17, 21, 30, 40] {
        let at = s.cluster.start + Duration::from_secs(t);
        s.run_until(at);
        let p = the_pod(&s);
        let side = &p.status.init_container_statuses[0];
        let state = match (
            &side.state.running,
            &side.state.terminated,
            &side.state.waiting,
        ) {
            (Some(_), _, _) => "running".to_string(),
            (_, Some(t), _) => format!("{} {}", t.reason, t.exit_code),
            (_, _, Some(w)) => w.reason.clone(),
            _ => String::new(),
        };
        let work = p.status.container_statuses[0].state.running.is_some();
        seen.push((
            t,
            state,
            side.restart_count,
            kubectl::pod_restarts(&p, at),
            work,
        ));
    }
    let want = [
        (2, "running", 0, "0", true),
        (4, "running", 1, "1 (0s ago)", true),
        (7, "Error 1", 1, "1 (3s ago)", true),
        (17, "running", 2, "2 (10s ago)", true),
        (21, "Error 1", 2, "2 (14s ago)", true),
        (30, "CrashLoopBackOff", 2, "2 (10s ago)", true),
        (40, "running", 3, "3 (20s ago)", true),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(t, st, n, r, w)| (*t, st.to_string(), *n, r.to_string(), *w))
        .collect();
    assert_eq!(seen, want);
    let p = the_pod(&s);
    assert_eq!(p.status.phase, "Running");
    assert_eq!(common::event_secs(&s, "BackOff"), [7, 20, 30]);
}

/// How each sidecar ended: (exit code, finished seconds since the start).
fn sidecar_ends(p: &Pod, s: &ctrlscope::sim::Simulation) -> Vec<(String, i32, i64)> {
    p.status
        .init_container_statuses
        .iter()
        .map(|cs| {
            let t = cs.state.terminated.as_ref().expect("stopped");
            let at = (t.finished_at - s.cluster.start).whole_secs();
            (cs.name.clone(), t.exit_code, at)
        })
        .collect()
}

/// kuberuntime_termination_order.go: sidecars stop after the regular containers, in reverse
/// order of declaration, each waiting for the later ones (waitForTurn, at most the grace
/// period) and getting what is left of the grace period, still at least 2 s (killContainer).
/// A sidecar that handles SIGTERM stops at once when its turn comes.
#[test]
fn sidecars_stop_in_reverse_order_each_in_its_turn() {
    let job = |second: &str| {
        format!("apiVersion: batch/v1\nkind: Job\nmetadata: {{name: sc}}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - {{name: first, image: busybox:1.36, restartPolicy: Always, command: [sh, -c, \"while true; do sleep 10; done\"]}}\n      - {{name: second, restartPolicy: Always, {second}}}\n      containers:\n      - {{name: work, image: busybox:1.36, command: [sh, -c, \"sleep 5\"]}}\n")
    };
    let at = |s: &mut ctrlscope::sim::Simulation, t: i64| {
        s.run_until(s.cluster.start + Duration::from_secs(t));
        the_pod(s).status.phase
    };
    // Both ignore SIGTERM: `second` (the later) is killed 30 s after the work ended at 6 s;
    // `first` waited all 30 s of the grace period for it, so it gets the 2 s minimum.
    let shell = "image: busybox:1.36, command: [sh, -c, \"while true; do sleep 10; done\"]";
    let mut s = sim(&job(shell));
    assert_eq!(at(&mut s, 37), "Running");
    let p = the_pod(&s);
    let init = &p.status.init_container_statuses;
    assert!(init[0].state.running.is_some(), "first waits for its turn");
    assert!(init[1].state.terminated.is_some(), "second stopped at 36 s");
    assert_eq!(at(&mut s, 60), "Succeeded");
    assert_eq!(
        sidecar_ends(&the_pod(&s), &s),
        [("first".into(), 137, 38), ("second".into(), 137, 36)]
    );
    assert_eq!(
        common::event_messages(&s, "Killing"),
        ["Stopping container first", "Stopping container second"]
    );
    // `second` is nginx, which stops on SIGTERM (exit 0) a second after its turn; `first`
    // then gets the 29 s left of the grace period.
    let mut s = sim(&job("image: \"nginx:1.27\""));
    assert_eq!(at(&mut s, 60), "Succeeded");
    assert_eq!(
        sidecar_ends(&the_pod(&s), &s),
        [("first".into(), 137, 36), ("second".into(), 0, 7)]
    );
}

/// A deleted pod: the regular container stops first (its `trap` handles SIGTERM), then the
/// sidecars in reverse order, the earlier one's wait capped by the grace period.
#[test]
fn a_deleted_pods_sidecars_stop_after_its_containers() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: del}\nspec:\n  template:\n   spec:\n    restartPolicy: Never\n    initContainers:\n    - {name: first, image: busybox:1.36, restartPolicy: Always, command: [sh, -c, \"while true; do sleep 10; done\"]}\n    - {name: second, image: busybox:1.36, restartPolicy: Always, command: [sh, -c, \"while true; do sleep 10; done\"]}\n    containers:\n    - {name: work, image: busybox:1.36, command: [sh, -c, \"trap 'exit 0' TERM; sleep 3600 & wait\"]}\n";
    let mut s = sim(yaml);
    s.run_until(s.cluster.start + Duration::from_secs(10));
    let name = the_pod(&s).metadata.name;
    // The controller manager down: the Job's tracking finalizer holds the stopped pod.
    s.perform(&ctrlscope::sim::scenario::Action::ControllerDown(
        Duration::from_secs(600),
    ))
    .expect("down");
    let _ = kubectl::console::run(&mut s, &format!("kubectl delete pod {name} --wait=false"));
    let pod = |s: &ctrlscope::sim::Simulation| {
        s.pods()
            .into_iter()
            .find(|p| p.metadata.name == name)
            .cloned()
            .expect("pod")
    };
    s.run_until(s.cluster.start + Duration::from_secs(20));
    let p = pod(&s);
    let work = p.status.container_statuses[0].state.terminated.as_ref();
    assert_eq!(
        work.map(|t| (t.exit_code, (t.finished_at - s.cluster.start).whole_secs())),
        Some((143, 11))
    );
    s.run_until(s.cluster.start + Duration::from_secs(41));
    let p = pod(&s);
    assert!(p.status.init_container_statuses[0].state.running.is_some());
    assert!(p.status.init_container_statuses[1]
        .state
        .terminated
        .is_some());
    // `second`: its turn at 11 s, the 1 s it waited off its grace period, so killed at 40 s;
    // `first`: its wait ends with the grace period at 40 s, then the 2 s minimum.
    s.run_until(s.cluster.start + Duration::from_secs(42));
    assert_eq!(
        sidecar_ends(&pod(&s), &s),
        [("first".into(), 137, 42), ("second".into(), 137, 40)]
    );
}

/// A sidecar's readinessProbe runs against its own script like a container's
/// (prober_manager.go AddPod: a restartable init container has a readiness worker), and the
/// pod is ready only once its sidecars are (status/generate.go counts them).
#[test]
fn a_sidecar_readiness_probe_runs_against_its_script() {
    let job = |script: &str| {
        format!("apiVersion: batch/v1\nkind: Job\nmetadata: {{name: sc5}}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - name: side\n        image: busybox:1.36\n        restartPolicy: Always\n        command: [sh, -c, \"{script}\"]\n        readinessProbe:\n          exec: {{command: [cat, /tmp/ready]}}\n          periodSeconds: 5\n      containers:\n      - {{name: work, image: busybox:1.36, command: [sh, -c, \"sleep 60\"]}}\n")
    };
    let ready_at = |s: &mut ctrlscope::sim::Simulation, t: i64| {
        s.run_until(s.cluster.start + Duration::from_secs(t));
        let p = the_pod(s);
        let pod_ready = p
            .status
            .conditions
            .iter()
            .any(|c| c.type_ == "Ready" && c.status == "True");
        (
            p.status.init_container_statuses[0].ready,
            pod_ready,
            kubectl::pod_ready(&p),
        )
    };
    // It never makes the file: never ready, nor the pod, an Unhealthy Event every period.
    let mut s = sim(&job("sleep 3600"));
    assert_eq!(ready_at(&mut s, 30), (false, false, "1/2".to_string()));
    assert_eq!(common::event_secs(&s, "Unhealthy"), [1, 6, 11, 16, 21, 26]);
    // It makes the file 7 s after its start at 1 s: the run at 11 s passes.
    let mut s = sim(&job("sleep 7; touch /tmp/ready; sleep 3600"));
    assert_eq!(ready_at(&mut s, 10), (false, false, "1/2".to_string()));
    assert_eq!(ready_at(&mut s, 11), (true, true, "2/2".to_string()));
}

/// A sidecar crash-looping when the pod's work ends is not restarted (ShouldContainerBeRestarted):
/// its exited run is its final state; while it was down, Ready named it
/// (GenerateContainersReadyCondition lists unready sidecars first).
#[test]
fn a_crash_looping_sidecar_ends_terminated_with_its_pod() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: cs\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - name: proxy\n        image: busybox:1.36\n        restartPolicy: Always\n        command: [\"sh\", \"-c\", \"exit 3\"]\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"sleep 600\"]\n";
    let mut s = common::sim(yaml);
    s.run_until(s.now() + ctrlscope::api::Duration::from_secs(30));
    let msg = ctrlscope::kubectl::console::run(
        &mut s,
        "get pods -o jsonpath={.items[0].status.conditions[2].message}",
    )
    .output;
    assert_eq!(msg, "containers with unready status: [proxy]");
    s.run_until(s.now() + ctrlscope::api::Duration::from_secs(630));
    let state = ctrlscope::kubectl::console::run(
        &mut s,
        "get pods -o jsonpath={.items[0].status.initContainerStatuses[0].state.terminated.exitCode}",
    )
    .output;
    assert_eq!(state, "3");
}

/// status_manager.go updateLastTransitionTime: Initialized stays True while a sidecar restarts
/// (GeneratePodInitializedCondition: a container has started), so its time does not move.
#[test]
fn initialized_keeps_its_time_across_sidecar_restarts() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: del\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - name: a\n        image: busybox:1.36\n        restartPolicy: Always\n        command: [\"sh\", \"-c\", \"sleep 2; exit 1\"]\n      containers:\n      - name: w\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"sleep 300\"]\n";
    let mut s = common::sim(yaml);
    let mut seen = Vec::new();
    let start = s.now();
    for secs in [3, 15, 60] {
        s.run_until(start + Duration::from_secs(secs));
        let t = ctrlscope::kubectl::console::run(
            &mut s,
            "get pods -o jsonpath={.items[0].status.conditions[1].lastTransitionTime}",
        )
        .output;
        seen.push(t);
    }
    assert!(seen.iter().all(|t| t == "2026-01-01T00:00:01Z"), "{seen:?}");
}
