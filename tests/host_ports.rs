//! The scheduler's NodePorts filter (pkg/scheduler/framework/plugins/nodeports/node_ports.go):
//! a pod asking for a host port (a container's `hostPort`, a sidecar's, or any port of a
//! `hostNetwork` pod) does not fit a node where a bound pod holds the same protocol and port on
//! an overlapping IP ("node(s) didn't have free ports for the requested pod ports"). That is why
//! two node exporters on port 9100 leave one Pending, and why a hostPort DaemonSet cannot surge.

mod common;

use common::{sim, step_until};
use ctrlscope::manifest::parse_manifests;
use ctrlscope::sim::Simulation;

fn daemonset(name: &str, port_line: &str, strategy: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {name}\nspec:\n  selector:\n    matchLabels: {{app: {name}}}\n{strategy}  template:\n    metadata:\n      labels: {{app: {name}}}\n    spec:\n      containers:\n      - name: exporter\n        image: prom/node-exporter:v1.8.2\n        ports:\n        - {port_line}\n"
    )
}

fn running_on(s: &Simulation, prefix: &str) -> Vec<String> {
    let mut nodes: Vec<String> = s
        .pods()
        .iter()
        .filter(|p| p.metadata.name.starts_with(prefix) && p.status.phase == "Running")
        .map(|p| p.spec.node_name.clone())
        .collect();
    nodes.sort();
    nodes
}

fn failed_scheduling(s: &Simulation) -> Vec<String> {
    common::event_messages(s, "FailedScheduling")
}

#[test]
fn two_daemonsets_on_one_host_port_leave_the_second_pending() {
    let yaml = format!(
        "{}---\n{}",
        daemonset("exp-a", "{containerPort: 9100, hostPort: 9100}", ""),
        daemonset("exp-b", "{containerPort: 9100, hostPort: 9100}", "")
    );
    let mut s = sim(&yaml);
    step_until(&mut s, 60, |_| {});
    let workers = ["worker-1", "worker-2", "worker-3"];
    assert_eq!(running_on(&s, "exp-a-"), workers);
    assert!(running_on(&s, "exp-b-").is_empty());
    let msgs = failed_scheduling(&s);
    assert_eq!(msgs.len(), 3, "{msgs:#?}");
    // The daemon pod's NodeAffinity PreFilter names one node; that node fails NodePorts,
    // which is Unschedulable (preemption is tried), not UnschedulableAndUnresolvable.
    assert!(msgs.iter().all(|m| m == "0/4 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.."), "{msgs:#?}");
}

#[test]
fn different_ports_protocols_and_host_ips_do_not_conflict() {
    let yaml = [
        daemonset("a", "{containerPort: 9100, hostPort: 9100}", ""),
        daemonset("b", "{containerPort: 9100, hostPort: 9101}", ""),
        daemonset(
            "c",
            "{containerPort: 9100, hostPort: 9100, protocol: UDP}",
            "",
        ),
        daemonset(
            "d",
            "{containerPort: 53, hostPort: 53, hostIP: 10.0.0.1}",
            "",
        ),
        daemonset(
            "e",
            "{containerPort: 53, hostPort: 53, hostIP: 10.0.0.2}",
            "",
        ),
        // 0.0.0.0 (no hostIP) overlaps every address: this one cannot fit.
        daemonset("f", "{containerPort: 53, hostPort: 53}", ""),
        // No hostPort: nothing is reserved on the host.
        daemonset("g", "{containerPort: 9100}", ""),
    ]
    .join("---\n");
    let mut s = sim(&yaml);
    step_until(&mut s, 60, |_| {});
    for ds in ["a-", "b-", "c-", "d-", "e-", "g-"] {
        assert_eq!(running_on(&s, ds).len(), 3, "{ds}");
    }
    assert!(running_on(&s, "f-").is_empty());
}

/// SetDefaults_Pod (pkg/apis/core/v1/defaults.go): a hostNetwork pod's containerPort is its
/// hostPort too.
#[test]
fn a_host_network_pod_holds_its_container_ports() {
    let host_net = daemonset("net", "{containerPort: 9100}", "").replace(
        "      containers:",
        "      hostNetwork: true\n      containers:",
    );
    let mut s = sim(&host_net);
    step_until(&mut s, 30, |_| {});
    apply(
        &mut s,
        &daemonset("exp", "{containerPort: 9100, hostPort: 9100}", ""),
    );
    step_until(&mut s, 60, |_| {});
    assert_eq!(running_on(&s, "net-").len(), 3);
    assert!(running_on(&s, "exp-").is_empty());
}

fn apply(s: &mut Simulation, yaml: &str) {
    for o in parse_manifests(yaml).expect("valid") {
        s.apply(o).expect("applied");
    }
}

/// A surge pod lands on the node its old pod still holds the port of: the rollout cannot go on
/// (the reason Kubernetes' docs say a hostPort DaemonSet cannot use maxSurge).
#[test]
fn a_host_port_daemonset_cannot_surge() {
    let strategy = "  updateStrategy:\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}\n";
    let yaml = daemonset("exp", "{containerPort: 9100, hostPort: 9100}", strategy);
    let mut s = sim(&yaml);
    step_until(&mut s, 30, |_| {});
    assert_eq!(running_on(&s, "exp-").len(), 3);
    apply(&mut s, &yaml.replace("v1.8.2", "v1.9.0"));
    step_until(&mut s, 300, |_| {});
    let pods = s.pods();
    let new: Vec<_> = pods
        .iter()
        .filter(|p| p.spec.containers[0].image.ends_with("v1.9.0"))
        .collect();
    assert_eq!(new.len(), 1, "one surge pod at a time (maxSurge 1)");
    assert!(
        new[0].spec.node_name.is_empty(),
        "the surge pod stays Pending"
    );
    assert_eq!(running_on(&s, "exp-").len(), 3, "the old pods keep running");
    assert!(failed_scheduling(&s)
        .iter()
        .any(|m| m.contains("1 node(s) didn't have free ports for the requested pod ports")));
}

/// The port is free again once its pod is gone: the waiting pod is retried (NodePorts registers
/// for AssignedPodDelete) and binds.
#[test]
fn a_freed_host_port_lets_the_waiting_pod_in() {
    let mut s = sim(&daemonset(
        "old",
        "{containerPort: 9100, hostPort: 9100}",
        "",
    ));
    step_until(&mut s, 30, |_| {});
    apply(
        &mut s,
        &daemonset("new", "{containerPort: 9100, hostPort: 9100}", ""),
    );
    step_until(&mut s, 60, |_| {});
    assert!(running_on(&s, "new-").is_empty());
    let out = ctrlscope::kubectl::console::run(&mut s, "delete ds old");
    assert!(!out.error, "{}", out.output);
    step_until(&mut s, 180, |_| {});
    assert_eq!(running_on(&s, "new-").len(), 3);
    assert!(running_on(&s, "old-").is_empty());
}

/// A pod its creator bound with `spec.nodeName` skips the scheduler; the kubelet's admission
/// runs the same check (scheduler.AdmissionCheck in pkg/kubelet/lifecycle/predicate.go) and
/// rejects it: Failed, reason `NodePorts`.
#[test]
fn the_kubelet_rejects_a_bound_pod_whose_host_port_is_taken() {
    let mut s = sim(&daemonset(
        "exp",
        "{containerPort: 9100, hostPort: 9100}",
        "",
    ));
    step_until(&mut s, 30, |_| {});
    apply(
        &mut s,
        "apiVersion: batch/v1\nkind: Job\nmetadata: {name: probe}\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      nodeName: worker-1\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n        ports: [{containerPort: 9100, hostPort: 9100}]\n",
    );
    step_until(&mut s, 60, |_| {});
    let pods = s.pods();
    let p = pods
        .iter()
        .find(|p| p.metadata.name.starts_with("probe-"))
        .expect("the Job's pod");
    assert_eq!(p.status.phase, "Failed");
    assert_eq!(p.status.reason, "NodePorts");
    assert_eq!(
        p.status.message,
        "Pod was rejected: Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports"
    );
}
