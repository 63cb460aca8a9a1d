//! Probes: the readiness probe the simulated kubelet runs (pkg/kubelet/prober/worker.go
//! doProbe: results count in a row against successThreshold and failureThreshold; prober.go:
//! every failure is an `Unhealthy` Event), what it does to a DaemonSet's rolling update
//! (pkg/controller/daemon/update.go: an unavailable new pod uses up maxUnavailable), and the
//! API server's probe validation (pkg/apis/core/validation/validation.go validateProbe).

mod common;

use common::{sim, step_until};
use ctrlscope::api::{DaemonSet, Kind, Pod};
use ctrlscope::manifest::{parse_documents, parse_manifests};
use ctrlscope::sim::Simulation;

const READINESS: &str = include_str!("../examples/readiness-daemonset.yaml");

fn events(s: &Simulation, reason: &str) -> Vec<(i64, String)> {
    s.cluster
        .events
        .iter()
        .filter(|e| e.reason.as_ref() == reason && e.kind == Kind::Pod)
        .map(|e| {
            (
                (e.t - s.cluster.start).whole_secs(),
                e.message().to_string(),
            )
        })
        .collect()
}

fn ready_pods(s: &Simulation) -> usize {
    s.cluster
        .store
        .list::<Pod>()
        .filter(|p| p.status.container_statuses.iter().all(|c| c.ready))
        .filter(|p| !p.status.container_statuses.is_empty())
        .count()
}

fn web(s: &Simulation) -> DaemonSet {
    s.cluster.store.get::<DaemonSet>("web").expect("ds").clone()
}

/// The example's script creates /tmp/ready 10 s after the container starts (t=1 s); the probe
/// runs at 1, 6, 11 s: two failures (below failureThreshold, so just Events), then Ready.
#[test]
fn a_readiness_probe_keeps_a_pod_unready_until_its_file_exists() {
    let mut s = sim(READINESS);
    let mut ready_at = Vec::new();
    step_until(&mut s, 30, |s| {
        let n = ready_pods(s);
        if ready_at.last().map(|(_, m)| *m) != Some(n) {
            ready_at.push(((s.now() - s.cluster.start).whole_secs(), n));
        }
    });
    assert_eq!(ready_at, [(0, 0), (11, 3)]);
    let unhealthy = events(&s, "Unhealthy");
    assert_eq!(unhealthy.len(), 6, "two failures on each of three pods");
    assert!(unhealthy.iter().all(|(t, m)| [1, 6].contains(t)
        && m == "Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory"));
    let st = web(&s).status;
    assert_eq!((st.number_ready, st.number_available), (3, 3));
}

/// A file that goes away: failureThreshold (2) failures in a row make the pod unready, and
/// successThreshold (2) passes in a row make it ready again; the Ready condition's
/// lastTransitionTime follows.
#[test]
fn readiness_flips_only_after_its_thresholds_in_a_row() {
    let yaml = READINESS
        .replace(
            "sleep 10; touch /tmp/ready; sleep 3600",
            "touch /tmp/ready; sleep 20; rm /tmp/ready; sleep 20; touch /tmp/ready; sleep 3600",
        )
        .replace(
            "          periodSeconds: 5\n",
            "          periodSeconds: 5\n          failureThreshold: 2\n          successThreshold: 2\n",
        );
    let mut s = sim(&yaml);
    let mut changes = Vec::new();
    step_until(&mut s, 80, |s| {
        let n = ready_pods(s);
        if changes.last().map(|(_, m)| *m) != Some(n) {
            changes.push(((s.now() - s.cluster.start).whole_secs(), n));
        }
    });
    // Starts 1 s; probes 1, 6, ...; file gone 21-41 s. Unready needs failures at 26 and 31
    // (21 is a pass: the removal and the probe race, the file is still there); ready again
    // needs passes at 41 and 46. The first pass at 1 s already needs a second one (6 s).
    assert_eq!(changes, [(0, 0), (6, 3), (31, 0), (46, 3)]);
    let pod = s.cluster.store.list::<Pod>().next().expect("pod").clone();
    let ready = pod
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == "Ready")
        .expect("Ready");
    assert_eq!(
        (
            ready.status.as_str(),
            ready
                .last_transition_time
                .map(|t| (t - s.cluster.start).whole_secs())
        ),
        ("True", Some(46))
    );
}

/// The Kubernetes docs' broken-rollout case (tasks/manage-daemon/update-daemon-set,
/// "Troubleshooting"): a new template whose pods never turn Ready. maxUnavailable 1: one old
/// pod is replaced, the new one stays unready, and the update stops there.
#[test]
fn a_template_whose_readiness_never_passes_stalls_the_rolling_update() {
    let mut s = sim(READINESS);
    step_until(&mut s, 30, |_| {});
    let broken = READINESS.replace("- /tmp/ready\n", "- /tmp/ready-v2\n");
    for o in parse_manifests(&broken).expect("valid") {
        s.apply(o).expect("apply");
    }
    step_until(&mut s, 300, |_| {});
    let st = web(&s).status;
    assert_eq!(
        (
            st.desired_number_scheduled,
            st.updated_number_scheduled,
            st.number_ready,
            st.number_available,
            st.number_unavailable
        ),
        (3, 1, 2, 2, 1)
    );
    assert_eq!(s.cluster.store.list::<Pod>().count(), 3);
    assert_eq!(ready_pods(&s), 2);
}

fn errors(yaml: &str) -> Vec<String> {
    match parse_documents(yaml) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .into_iter()
            .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
            .collect(),
    }
}

fn with_probe(kind: &str, probe: &str) -> String {
    let mut y = String::from(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: busybox:1.36\n",
    );
    y.push_str(&format!("        {kind}:\n"));
    for l in probe.lines() {
        y.push_str(&format!("          {l}\n"));
    }
    y
}

#[test]
fn probes_are_validated_like_the_api_server() {
    let p = "spec.template.spec.containers[0]";
    assert_eq!(
        errors(&with_probe(
            "livenessProbe",
            "exec: {command: [cat, /tmp/x]}\nsuccessThreshold: 2"
        )),
        [format!(
            "17:29: {p}.livenessProbe.successThreshold: Invalid value: 2: must be 1"
        )]
    );
    assert_eq!(
        errors(&with_probe(
            "readinessProbe",
            "exec: {command: [cat, /tmp/x]}\nsuccessThreshold: 2"
        )),
        Vec::<String>::new()
    );
    assert_eq!(
        errors(&with_probe("readinessProbe", "periodSeconds: -1")),
        [
            format!("15:9: {p}.readinessProbe: Required value: must specify a handler type"),
            format!("16:26: {p}.readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0"),
        ]
    );
    assert_eq!(
        errors(&with_probe("startupProbe", "exec: {command: [cat, /tmp/x]}\ntcpSocket: {port: 8080}")),
        [format!("17:11: {p}.startupProbe.tcpSocket: Forbidden: may not specify more than 1 handler type")]
    );
    assert_eq!(
        errors(&with_probe("livenessProbe", "exec: {}")),
        [format!(
            "16:11: {p}.livenessProbe.exec.command: Required value"
        )]
    );
    assert_eq!(
        errors(&with_probe("readinessProbe", "httpGet: {path: /healthz}\nterminationGracePeriodSeconds: 5")),
        [
            format!("16:11: {p}.readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive"),
            format!("17:42: {p}.readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes"),
        ]
    );
    // The strict decoder: a probe's timings are int32.
    let typed = errors(&with_probe(
        "readinessProbe",
        "exec: {command: [cat, /tmp/x]}\nperiodSeconds: ten\nbogus: 1",
    ));
    assert_eq!(typed.len(), 2, "{typed:?}");
    assert!(typed[0].contains("json: cannot unmarshal string into Go struct field Probe.spec.template.spec.containers.readinessProbe.periodSeconds of type int32"), "{typed:?}");
    assert!(
        typed[1]
            .contains("unknown field \"spec.template.spec.containers[0].readinessProbe.bogus\""),
        "{typed:?}"
    );
    // A regular init container has no probes (a sidecar may).
    let init = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - name: init\n        image: busybox\n        readinessProbe: {exec: {command: [cat, /x]}}\n      containers:\n      - name: c\n        image: busybox\n";
    assert_eq!(
        errors(init),
        ["12:9: spec.template.spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"]
    );
    assert!(errors(&init.replace(
        "        image: busybox\n        readinessProbe",
        "        image: busybox\n        restartPolicy: Always\n        readinessProbe"
    ))
    .is_empty());
}

/// validateHandler for every handler a probe or a lifecycle hook may have
/// (pkg/apis/core/validation/validation.go validateHTTPGetAction, validateGRPCAction,
/// validateSleepAction, validateLifecycle).
#[test]
fn handlers_and_lifecycle_hooks_are_validated_like_the_api_server() {
    let p = "spec.template.spec.containers[0]";
    assert_eq!(
        errors(&with_probe("livenessProbe", "httpGet: {port: 80, scheme: ftp}")),
        [format!("16:39: {p}.livenessProbe.httpGet.scheme: Unsupported value: \"ftp\": supported values: \"HTTP\", \"HTTPS\"")]
    );
    assert_eq!(
        errors(&with_probe("livenessProbe", "grpc: {port: 0}")),
        [format!("16:24: {p}.livenessProbe.grpc.port: Invalid value: 0: must be between 1 and 65535, inclusive")]
    );
    assert_eq!(
        errors(&with_probe("readinessProbe", "httpGet: {port: 80, httpHeaders: [{name: \"bad header\", value: x}]}")),
        [format!("16:31: {p}.readinessProbe.httpGet.httpHeaders: Invalid value: \"bad header\": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')")]
    );
    assert_eq!(
        errors(&with_probe(
            "lifecycle",
            "preStop: {}\npostStart: {exec: {command: []}}"
        )),
        [
            format!("17:23: {p}.lifecycle.postStart.exec.command: Required value"),
            format!("16:11: {p}.lifecycle.preStop: Required value: must specify a handler type"),
        ]
    );
    assert_eq!(
        errors(&with_probe("lifecycle", "preStop: {exec: {command: [x]}, httpGet: {port: 80}}")),
        [format!("16:43: {p}.lifecycle.preStop.httpGet: Forbidden: may not specify more than 1 handler type")]
    );
    // A preStop sleep ends within the pod's grace period (30 s by default).
    assert_eq!(
        errors(&with_probe("lifecycle", "preStop: {sleep: {seconds: 100}}")),
        [format!("16:38: {p}.lifecycle.preStop.sleep: Invalid value: 100: must be non-negative and less than terminationGracePeriodSeconds (30)")]
    );
    assert!(errors(&with_probe("lifecycle", "preStop: {sleep: {seconds: 0}}")).is_empty());
    let longer = with_probe("lifecycle", "preStop: {sleep: {seconds: 100}}").replace(
        "    spec:\n      containers:",
        "    spec:\n      terminationGracePeriodSeconds: 120\n      containers:",
    );
    assert!(errors(&longer).is_empty(), "{:?}", errors(&longer));
}

/// SetDefaults_Probe: `-o yaml` shows the defaulted timings; a zero is defaulted too.
#[test]
fn probes_are_defaulted_in_the_api_view() {
    let yaml = with_probe("readinessProbe", "httpGet: {port: 8080}\nperiodSeconds: 0");
    let mut s = sim(&yaml);
    step_until(&mut s, 1, |_| {});
    let out = ctrlscope::kubectl::console::run(&mut s, "get ds web -o yaml");
    let text = &out.output;
    assert!(
        text.contains("        readinessProbe:\n          failureThreshold: 3\n          httpGet:\n            path: /\n            port: 8080\n            scheme: HTTP\n          periodSeconds: 10\n          successThreshold: 1\n          timeoutSeconds: 1\n"),
        "{text}"
    );
}

/// A container running its image's own program (no command, no args) may make the file
/// itself: its file probe is not simulated, and passes as the other probes do.
#[test]
fn an_images_own_program_is_not_assumed_to_leave_tmp_empty() {
    let yaml = with_probe("readinessProbe", "exec: {command: [cat, /tmp/ready]}")
        .replace("image: busybox:1.36", "image: nginx:1.27");
    let mut s = sim(&yaml);
    step_until(&mut s, 5, |_| {});
    assert_eq!(ready_pods(&s), 3);
    assert!(events(&s, "Unhealthy").is_empty());
}

/// Only a script of plain shell utilities that never names the file is known never to make
/// it: a redirection, a flag naming it, a server or `python3 -c` may, so those probes are not
/// simulated (they pass).
#[test]
fn a_file_the_command_may_make_is_not_assumed_missing() {
    for cmd in [
        "[sh, -c, \"echo ok > /tmp/ready; sleep 3600\"]",
        "[sh, -c, \": > /tmp/ready; sleep 3600\"]",
        "[/app/server, --ready-file=/tmp/ready]",
        "[/app/server]",
        "[python3, -c, \"open('/tmp/ready','w'); import time; time.sleep(3600)\"]",
    ] {
        let yaml = with_probe("readinessProbe", "exec: {command: [cat, /tmp/ready]}").replace(
            "        image: busybox:1.36\n",
            &format!("        image: busybox:1.36\n        command: {cmd}\n"),
        );
        let mut s = sim(&yaml);
        step_until(&mut s, 5, |_| {});
        assert_eq!(ready_pods(&s), 3, "{cmd}");
    }
}

/// A liveness kill does not stop the readiness probe: the container is still running (its
/// shell ignores SIGTERM for the 30 s grace period), and readiness keeps failing it
/// (prober/worker.go: only liveness and startup probes hold after a kill).
#[test]
fn readiness_goes_on_while_a_liveness_kill_waits_out_the_grace_period() {
    let yaml = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: both\nspec:\n  selector:\n    matchLabels: {app: both}\n  template:\n    metadata:\n      labels: {app: both}\n    spec:\n      nodeSelector: {kubernetes.io/hostname: worker-1}\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [sh, -c, \"touch /tmp/healthy; sleep 12; rm /tmp/healthy; sleep 600\"]\n        livenessProbe:\n          exec:\n            command: [cat, /tmp/healthy]\n          periodSeconds: 5\n          failureThreshold: 2\n        readinessProbe:\n          exec:\n            command: [cat, /tmp/healthy]\n          periodSeconds: 5\n          failureThreshold: 3\n";
    let mut s = sim(yaml);
    let mut changes = Vec::new();
    step_until(&mut s, 50, |s| {
        let n = ready_pods(s);
        if changes.last().map(|(_, m)| *m) != Some(n) {
            changes.push(((s.now() - s.cluster.start).whole_secs(), n));
        }
    });
    // File gone at 13 s; probes at 1, 6, 11, 16, 21, 26: liveness kills at 21 (2 failures),
    // readiness turns the pod unready at 26 (3 failures), before the kill ends at 51.
    assert_eq!(changes, [(0, 0), (1, 1), (26, 0)]);
}

const STARTUP: &str = "\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: slow
spec:
  selector:
    matchLabels: {app: slow}
  template:
    metadata:
      labels: {app: slow}
    spec:
      nodeSelector: {kubernetes.io/hostname: worker-1}
      containers:
      - name: app
        image: busybox:1.36
        command: [sh, -c, \"sleep 25; touch /tmp/started; sleep 3600\"]
        startupProbe:
          exec:
            command: [cat, /tmp/started]
          periodSeconds: 10
          failureThreshold: 5
        livenessProbe:
          exec:
            command: [cat, /tmp/started]
          periodSeconds: 5
";

/// prober/worker.go: until the startup probe passes the container is not `started`, and its
/// liveness (and readiness) probes do not run; then the container is ready (no readiness
/// probe) and liveness begins. The container starts at 1 s; the file exists from 26 s.
#[test]
fn a_startup_probe_holds_liveness_and_readiness_until_it_passes() {
    let mut s = sim(STARTUP);
    let mut seen = Vec::new();
    step_until(&mut s, 60, |s| {
        let p = s.cluster.store.list::<Pod>().next().cloned();
        let st = p.and_then(|p| p.status.container_statuses.first().cloned());
        let now = st.map(|c| (c.started, c.ready));
        if seen.last().map(|(_, v)| *v) != Some(now) {
            seen.push(((s.now() - s.cluster.start).whole_secs(), now));
        }
    });
    assert_eq!(
        seen,
        [
            (0, None),
            (0, Some((false, false))),
            (31, Some((true, true)))
        ],
        "started and ready at the startup probe's run at 31 s"
    );
    let failed = events(&s, "Unhealthy");
    assert_eq!(
        failed.iter().map(|(t, _)| *t).collect::<Vec<_>>(),
        [1, 11, 21],
        "{failed:?}"
    );
    assert!(failed.iter().all(|(_, m)| m
        == "Startup probe failed: cat: can't open '/tmp/started': No such file or directory"));
    assert!(events(&s, "Killing").is_empty());
}

/// failureThreshold failures of the startup probe kill the container like a failed liveness
/// probe (kuberuntime_manager.go computePodActions: "failed startup probe, will be
/// restarted"); it restarts and is probed again from the start.
#[test]
fn a_startup_probe_that_keeps_failing_restarts_the_container() {
    let mut s = sim(&STARTUP.replace("failureThreshold: 5", "failureThreshold: 2"));
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(80));
    let killing = events(&s, "Killing");
    // Killed at 11 s, gone at 41 s after the grace period, restarted at once, killed at 51 s.
    let kill = "Container app failed startup probe, will be restarted".to_string();
    assert_eq!(killing, [(11, kill.clone()), (51, kill)]);
    let p = s.cluster.store.list::<Pod>().next().cloned().expect("pod");
    let c = &p.status.container_statuses[0];
    // `sh` as PID 1 ignores SIGTERM: killed after the 30 s grace period, exit 137.
    let last = c.last_state.terminated.as_ref().expect("last state");
    assert_eq!(
        (c.restart_count, last.exit_code, c.started),
        (1, 137, false)
    );
}

/// Under restartPolicy Never the kill message has no "will be restarted".
#[test]
fn a_liveness_kill_under_never_does_not_promise_a_restart() {
    let job = "\
apiVersion: batch/v1
kind: Job
metadata:
  name: live
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: app
        image: busybox:1.36
        command: [sh, -c, \"sleep 3600\"]
        livenessProbe:
          exec:
            command: [cat, /tmp/healthy]
";
    let mut s = sim(job);
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(40));
    assert_eq!(
        events(&s, "Killing").first().map(|(_, m)| m.as_str()),
        Some("Container app failed liveness probe")
    );
}

/// A startup probe that passes on its first run (at the container's start) makes the container
/// started and, with no readiness probe, Ready at once (prober_manager.go isContainerStarted).
#[test]
fn a_startup_probe_passing_at_once_makes_the_pod_ready() {
    let yaml = STARTUP
        .replace("sleep 25; touch /tmp/started", "touch /tmp/started")
        .replace("        livenessProbe:\n          exec:\n            command: [cat, /tmp/started]\n          periodSeconds: 5\n", "");
    let mut s = sim(&yaml);
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(3));
    assert_eq!(ready_pods(&s), 1);
    assert!(events(&s, "Unhealthy").is_empty());
}

/// The startup probe's failures in a row are kept across a container restart that was not its
/// own kill (worker.go keeps resultRun for a new container ID): with failureThreshold 3, a
/// container that exits after 8 s fails runs at 1 s and 6 s, exits at 9 s, restarts at once,
/// and the run at 9 s is the third failure in a row: killed.
#[test]
fn startup_failures_add_up_across_a_crash() {
    let yaml = STARTUP
        .replace(
            "sleep 25; touch /tmp/started; sleep 3600",
            "sleep 8; exit 1",
        )
        .replace("failureThreshold: 5", "failureThreshold: 3")
        .replace("periodSeconds: 10", "periodSeconds: 5");
    let mut s = sim(&yaml);
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(12));
    let failed: Vec<i64> = events(&s, "Unhealthy").iter().map(|(t, _)| *t).collect();
    assert_eq!(failed, [1, 6, 9]);
    assert_eq!(
        events(&s, "Killing"),
        [(
            9,
            "Container app failed startup probe, will be restarted".to_string()
        )]
    );
}

/// Readiness is per container (prober_manager.go UpdatePodStatus: no readinessProbe → ready;
/// results kept per container ID): the second container's probe delays only it, after each of
/// its own starts, and the pod is Ready when both are.
#[test]
fn a_second_containers_readiness_probe_delays_only_it_after_each_start() {
    let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: pr2}\nspec:\n  selector:\n    matchLabels: {app: pr2}\n  template:\n    metadata:\n      labels: {app: pr2}\n    spec:\n      nodeSelector: {kubernetes.io/hostname: worker-1}\n      containers:\n      - name: a\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 3600\"]\n      - name: b\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 30; exit 1\"]\n        readinessProbe:\n          httpGet: {path: /, port: 8080}\n          initialDelaySeconds: 10\n";
    let mut s = common::sim(ds);
    let ready = |s: &ctrlscope::sim::Simulation| -> String {
        let p = s.pods().into_iter().next().expect("pod").clone();
        ctrlscope::kubectl::pod_ready(&p)
    };
    common::step_until(&mut s, 5, |_| {});
    assert_eq!(ready(&s), "1/2", "a is ready at once");
    common::step_until(&mut s, 15, |_| {});
    assert_eq!(ready(&s), "2/2");
    // b exits at 31 s and restarts at once: not ready again for its probe's 10 s.
    common::step_until(&mut s, 35, |_| {});
    assert_eq!(ready(&s), "1/2");
    common::step_until(&mut s, 45, |_| {});
    assert_eq!(ready(&s), "2/2");
}

/// A pod of two containers whose second has probes of its own (prober_manager.go: a worker
/// per container and probe type): its readiness holds the pod not ready until its file
/// exists, and its failed liveness probe kills and restarts it alone, the first container
/// running on.
fn sidecar_probed() -> String {
    "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: two}\nspec:\n  selector: {matchLabels: {app: two}}\n  template:\n    metadata:\n      labels: {app: two}\n    spec:\n      nodeSelector: {kubernetes.io/hostname: worker-1}\n      containers:\n      - name: a\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 3600\"]\n      - name: b\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 10; touch /tmp/ready; touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600\"]\n        readinessProbe:\n          exec: {command: [cat, /tmp/ready]}\n          periodSeconds: 5\n        livenessProbe:\n          exec: {command: [cat, /tmp/healthy]}\n          initialDelaySeconds: 15\n          periodSeconds: 5\n".to_string()
}

fn two_pod(s: &Simulation) -> Pod {
    s.cluster
        .store
        .list::<Pod>()
        .find(|p| p.metadata.name.starts_with("two-"))
        .cloned()
        .expect("pod")
}

#[test]
fn a_second_containers_own_probes_decide_its_readiness_and_restarts() {
    let mut s = sim(&sidecar_probed());
    // b starts at 1 s and makes /tmp/ready at 11 s; its readiness probe runs at 1, 6, 11 s
    // (a probe at the instant of the touch sees the file).
    step_until(&mut s, 10, |_| {});
    let p = two_pod(&s);
    assert!(p.status.container_statuses[0].ready);
    assert!(!p.status.container_statuses[1].ready);
    let unready = events(&s, "Unhealthy");
    assert!(
        unready.iter().all(|(_, m)| m
            == "Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory"),
        "{unready:?}"
    );
    step_until(&mut s, 11, |_| {});
    assert!(two_pod(&s).status.container_statuses[1].ready);
    // /tmp/healthy goes at 41 s: liveness fails at 46, 51, 56 s, and b is killed then (a
    // shell ignores SIGTERM: the 30-s grace period, exit 137) and restarted; a runs on.
    step_until(&mut s, 56, |_| {});
    let killing = events(&s, "Killing");
    assert_eq!(
        killing,
        [(
            56,
            "Container b failed liveness probe, will be restarted".to_string()
        )]
    );
    let live: Vec<i64> = events(&s, "Unhealthy")
        .into_iter()
        .filter(|(_, m)| m.starts_with("Liveness"))
        .map(|(t, _)| t)
        .collect();
    assert_eq!(live, [46, 51, 56]);
    step_until(&mut s, 87, |_| {});
    let p = two_pod(&s);
    let (a, b) = (
        &p.status.container_statuses[0],
        &p.status.container_statuses[1],
    );
    assert_eq!((a.restart_count, b.restart_count), (0, 1));
    assert_eq!(
        b.last_state
            .terminated
            .as_ref()
            .map(|t| (t.exit_code, (t.finished_at - s.cluster.start).whole_secs())),
        Some((137, 86))
    );
    // Restarted, it is not ready until its readiness probe passes again.
    assert!(!b.ready);
}

/// A second container's startup probe holds it not started and not ready until it passes
/// (prober_manager.go isContainerStarted), then it is ready (no readiness probe); one that
/// never passes kills that container alone ("failed startup probe").
#[test]
fn a_second_containers_startup_probe_holds_it_then_starts_or_kills_it() {
    let ds = |script: &str| {
        sidecar_probed().split("        readinessProbe:").next().unwrap_or_default()
        .replace("sleep 10; touch /tmp/ready; touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600", script)
        + "        startupProbe:\n          exec: {command: [test, -e, /tmp/started]}\n          periodSeconds: 5\n          failureThreshold: 5\n"
    };
    let mut s = sim(&ds("sleep 12; touch /tmp/started; sleep 3600"));
    // b starts at 1 s, makes the file at 13 s; its startup probe runs at 1, 6, 11, 16 s.
    step_until(&mut s, 15, |_| {});
    let b = two_pod(&s).status.container_statuses[1].clone();
    assert_eq!((b.started, b.ready), (false, false));
    assert_eq!(events(&s, "Unhealthy").len(), 3);
    step_until(&mut s, 16, |_| {});
    let p = two_pod(&s);
    let b = &p.status.container_statuses[1];
    assert_eq!((b.started, b.ready), (true, true));
    let ready = ctrlscope::sim::kubelet::reported_conditions(&p)
        .into_iter()
        .find(|c| c.type_ == "Ready")
        .expect("Ready");
    assert_eq!(ready.status, "True");

    let mut s = sim(&ds("sleep 3600"));
    // Fails at 1, 6, 11, 16, 21 s: killed at 21 s, the shell ignores SIGTERM: 137 at 51 s.
    step_until(&mut s, 52, |_| {});
    assert_eq!(
        events(&s, "Killing"),
        [(
            21,
            "Container b failed startup probe, will be restarted".to_string()
        )]
    );
    let p = two_pod(&s);
    assert_eq!(
        (
            p.status.container_statuses[0].restart_count,
            p.status.container_statuses[1].restart_count
        ),
        (0, 1)
    );
}

/// A liveness (or startup) probe's own `terminationGracePeriodSeconds` is the grace period of
/// the kill it causes (kuberuntime_container.go setTerminationGracePeriod), not the pod's 30 s:
/// the docs' example with 5 s on its probe restarts 5 s after the Killing.
#[test]
fn a_probes_own_grace_period_times_its_kill() {
    let yaml = include_str!("../examples/liveness-daemonset.yaml").replace(
        "          periodSeconds: 5\n",
        "          periodSeconds: 5\n          terminationGracePeriodSeconds: 5\n",
    );
    assert_ne!(yaml, include_str!("../examples/liveness-daemonset.yaml"));
    let mut s = sim(&yaml);
    step_until(&mut s, 120, |_| {});
    let killing: Vec<i64> = events(&s, "Killing").iter().map(|e| e.0).collect();
    let started: Vec<i64> = events(&s, "Started").iter().map(|e| e.0).collect();
    assert_eq!(killing[..2], [46, 96], "{killing:?}");
    assert_eq!(started[..3], [1, 51, 101], "{started:?}");
    let p = &s.pods()[0];
    let last = p.status.container_statuses[0]
        .last_state
        .terminated
        .as_ref();
    assert_eq!(last.map(|t| t.exit_code), Some(137));
}
