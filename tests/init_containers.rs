//! Init containers and native sidecars in the kubelet model:
//! - regular init containers run one at a time, each to exit 0, before any container
//!   (kuberuntime_manager.go computePodActions); a sidecar (`restartPolicy: Always`) starts and
//!   keeps running, and the next one starts at once;
//! - `kubectl get pods` STATUS reads `Init:i/n`, then the containers' (printers.go printPod);
//!   READY counts a started, ready sidecar;
//! - the Initialized condition waits for them (status/generate.go);
//! - a Job whose pod has a sidecar completes when its container exits: the kubelet stops the
//!   sidecar.

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
