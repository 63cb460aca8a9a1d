//! Scheduling gates and readiness gates: a gated pod is never scheduled (the scheduler's
//! SchedulingGates PreEnqueue plugin; the API server's applySchedulingGatedCondition in
//! pkg/registry/core/pod/strategy.go), and a readiness gate whose condition nobody sets keeps
//! a pod with ready containers not Ready (pkg/kubelet/status/generate.go
//! GeneratePodReadyCondition).

mod common;

use ctrlscope::api::Duration;

use common::sim;

const GATES: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: gated\nspec:\n  template:\n    spec:\n      schedulingGates:\n      - name: example.com/wait\n      containers:\n      - name: w\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"sleep 100\"]\n      restartPolicy: Never\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      readinessGates:\n      - conditionType: example.com/ready\n      containers:\n      - name: a\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"sleep 3600\"]\n";

#[test]
fn a_gated_pod_waits_and_a_readiness_gate_keeps_pods_not_ready() {
    let mut s = sim(GATES);
    s.run_until(s.now() + Duration::from_secs(60));
    let pods = ctrlscope::kubectl::console::run(&mut s, "get pods -A").output;
    let gated = pods
        .lines()
        .find(|l| l.contains("gated-"))
        .unwrap_or_else(|| panic!("{pods}"));
    assert!(gated.contains("0/1     SchedulingGated   0"), "{pods}");
    let yaml =
        ctrlscope::kubectl::console::run(&mut s, "get pods -l job-name=gated -o yaml").output;
    assert!(
        yaml.contains("      lastTransitionTime: \"2026-01-01T00:00:00Z\"\n      message: Scheduling is blocked due to non-empty scheduling gates\n      reason: SchedulingGated\n      status: \"False\"\n      type: PodScheduled\n"),
        "{yaml}"
    );
    assert!(!yaml.contains("nodeName"), "{yaml}");
    // No scheduling attempt, so no FailedScheduling.
    assert!(common::event_secs(&s, "FailedScheduling").is_empty());
    // The DaemonSet's pods run, their containers are ready, the pods are not.
    let describe = ctrlscope::kubectl::console::run(&mut s, "describe pods -l app=agent").output;
    assert!(
        describe.contains(
            "  Ready                       False \n  ContainersReady             True \n"
        ),
        "{describe}"
    );
    let json = ctrlscope::kubectl::console::run(
        &mut s,
        "get pods -l app=agent -o jsonpath='{.items[0].status.conditions[?(@.type==\"Ready\")].message}'",
    )
    .output;
    assert_eq!(
        json,
        "corresponding condition of pod readiness gate \"example.com/ready\" does not exist."
    );
    let ds = ctrlscope::kubectl::console::run(&mut s, "get ds agent").output;
    let row: Vec<&str> = ds.lines().nth(1).unwrap_or("").split_whitespace().collect();
    // DESIRED CURRENT READY UP-TO-DATE AVAILABLE: none ready.
    assert_eq!(row.get(1..6), Some(&["3", "3", "0", "3", "0"][..]), "{ds}");
}
