//! Pod priority and preemption. The Priority admission plugin
//! (plugin/pkg/admission/priority/admission.go) gives a pod the value of its PriorityClass (the
//! two system classes exist; with none named, 0) and PreemptLowerPriority; the scheduler's
//! DefaultPreemption (pkg/scheduler/framework/preemption/preemption.go) evicts lower-priority
//! pods from a node where that makes room, nominates the preemptor there, and binds it once the
//! victims are gone. The reason the upstream DaemonSet example suggests a high priority class.

mod common;

use common::step_until;
use ctrlscope::api::Pod;
use ctrlscope::manifest::parse_manifests;
use ctrlscope::sim::{SimConfig, Simulation};

const NODE: &str =
    "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  allocatable:\n    cpu: \"1\"\n";

fn hog() -> String {
    "apiVersion: batch/v1\nkind: Job\nmetadata: {name: hog}\nspec:\n  backoffLimit: 0\n  template:\n    metadata:\n      annotations: {sim.ctrlscope.dev/duration: 1h}\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n        resources: {requests: {cpu: 900m}}\n".to_string()
}

fn critical(class: &str) -> String {
    format!("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: crit, namespace: kube-system}}\nspec:\n  selector: {{matchLabels: {{app: crit}}}}\n  template:\n    metadata: {{labels: {{app: crit}}}}\n    spec:\n      priorityClassName: {class}\n      containers:\n      - name: a\n        image: busybox:1.36\n        resources: {{requests: {{cpu: 500m}}}}\n")
}

fn apply(s: &mut Simulation, yaml: &str) {
    for o in parse_manifests(yaml).expect("valid") {
        s.apply(o).expect("applied");
    }
}

fn cluster(yaml: &str) -> Simulation {
    let mut s = Simulation::new(SimConfig::default());
    apply(&mut s, yaml);
    s
}

fn pods<'a>(s: &'a Simulation, prefix: &str) -> Vec<&'a Pod> {
    s.pods()
        .into_iter()
        .filter(|p| p.metadata.name.starts_with(prefix))
        .collect()
}

#[test]
fn admission_sets_priority_and_preemption_policy() {
    let mut s = cluster(&format!("{NODE}---\n{}", critical("system-node-critical")));
    step_until(&mut s, 5, |_| {});
    let p = pods(&s, "crit-")[0];
    assert_eq!(p.spec.other["priority"], 2_000_001_000);
    assert_eq!(p.spec.other["preemptionPolicy"], "PreemptLowerPriority");
    let mut s = cluster(&format!("{NODE}---\n{}", hog()));
    step_until(&mut s, 5, |_| {});
    assert_eq!(pods(&s, "hog-")[0].spec.other["priority"], 0);
}

#[test]
fn an_unknown_priority_class_is_forbidden() {
    let mut s = cluster(&format!("{NODE}---\n{}", critical("high")));
    step_until(&mut s, 5, |_| {});
    assert!(pods(&s, "crit-").is_empty());
    let failed = common::event_messages(&s, "FailedCreate");
    assert_eq!(
        failed.first().map(String::as_str),
        Some("Error creating: pods \"crit-\" is forbidden: no PriorityClass with name high was found"),
        "{failed:#?}"
    );
    // A pod may not name its own priority or preemption policy either.
    let mut s = cluster(&hog().replace(
        "      restartPolicy",
        "      priority: 7\n      restartPolicy",
    ));
    step_until(&mut s, 5, |_| {});
    assert!(common::event_messages(&s, "FailedCreate")[0].ends_with("is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name"));
    let mut s = cluster(&hog().replace(
        "      restartPolicy",
        "      preemptionPolicy: Never\n      restartPolicy",
    ));
    step_until(&mut s, 5, |_| {});
    assert!(common::event_messages(&s, "FailedCreate")[0].ends_with("is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name"));
}

#[test]
fn a_critical_daemon_pod_preempts_a_lower_priority_pod() {
    let mut s = cluster(&format!("{NODE}---\n{}", hog()));
    step_until(&mut s, 10, |_| {});
    let victim = pods(&s, "hog-")[0].metadata.name.clone();
    apply(&mut s, &critical("system-node-critical"));
    step_until(&mut s, 10, |_| {});
    let crit = pods(&s, "crit-")[0].clone();
    assert_eq!(crit.status.nominated_node_name, "n1");
    assert!(crit.spec.node_name.is_empty(), "waits for the victim to go");
    assert_eq!(
        common::event_messages(&s, "FailedScheduling"),
        vec!["0/1 nodes are available: 1 Insufficient cpu.".to_string()]
    );
    assert_eq!(
        common::event_messages(&s, "Preempted"),
        vec![format!("Preempted by pod {} on node n1", crit.metadata.uid)]
    );
    let v = s
        .pods()
        .into_iter()
        .find(|p| p.metadata.name == victim)
        .expect("terminating");
    assert!(v.metadata.deletion_timestamp.is_some());
    let cond = v
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == "DisruptionTarget")
        .expect("DisruptionTarget");
    assert_eq!(cond.reason, "PreemptionByScheduler");
    assert_eq!(
        cond.message,
        "default-scheduler: preempting to accommodate a higher priority pod"
    );
    let out = ctrlscope::kubectl::console::run(&mut s, "get pods -A -o wide");
    let line = out
        .output
        .lines()
        .find(|l| l.starts_with("kube-system"))
        .expect("crit");
    assert!(
        line.contains("<none>   n1 "),
        "NODE <none>, NOMINATED NODE n1: {line}"
    );
    // The victim stops, then the critical pod binds to n1.
    step_until(&mut s, 60, |_| {});
    let crit = pods(&s, "crit-")[0];
    assert_eq!(crit.spec.node_name, "n1");
    assert_eq!(crit.status.phase, "Running");
    // Bound and run by the kubelet, whose status patches drop the nomination.
    assert_eq!(crit.status.nominated_node_name, "");
    // The Job counts the preempted pod as failed (backoffLimit 0: the Job fails).
    let out = ctrlscope::kubectl::console::run(&mut s, "get job hog");
    assert!(out.output.contains("Failed"), "{}", out.output);
}

/// Of the lower-priority pods only as many go as the room needs, the least important first;
/// a pod of priority 0 finds no victims among pods of priority 0.
#[test]
fn only_the_victims_needed_go_and_equal_priority_is_never_a_victim() {
    let node = NODE.replace("cpu: \"1\"", "cpu: \"2\"");
    let small = hog()
        .replace("name: hog", "name: small")
        .replace("900m", "600m")
        .replace(
            "  backoffLimit: 0\n",
            "  backoffLimit: 0\n  parallelism: 3\n  completions: 3\n",
        );
    let mut s = cluster(&format!("{node}---\n{small}"));
    step_until(&mut s, 10, |_| {});
    assert_eq!(
        pods(&s, "small-")
            .iter()
            .filter(|p| !p.spec.node_name.is_empty())
            .count(),
        3
    );
    apply(&mut s, &critical("system-cluster-critical"));
    step_until(&mut s, 11, |_| {});
    // 2000m - 3×600m = 200m free; the 500m pod needs one 600m pod to go.
    assert_eq!(common::event_messages(&s, "Preempted").len(), 1);
    let mut s = cluster(&format!("{NODE}---\n{}", hog()));
    step_until(&mut s, 10, |_| {});
    apply(&mut s, &hog().replace("name: hog", "name: second"));
    step_until(&mut s, 20, |_| {});
    assert!(common::event_messages(&s, "Preempted").is_empty());
    assert!(common::event_messages(&s, "FailedScheduling").iter().any(|m| m
        == "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.."));
}
