//! The kubelet's admission of a pod its creator bound with `spec.nodeName` (no scheduler):
//! pkg/kubelet/lifecycle/predicate.go Admit → generalFilter → scheduler.AdmissionCheck
//! (pkg/scheduler/eventhandlers.go), which checks NodeResourcesFit, then NodeAffinity,
//! NodeName and NodePorts; the first failure names the rejection.

mod common;

use common::{sim, step_until};
use ctrlscope::api::Pod;

fn bound_job(extra_spec: &str, container_extra: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata: {{name: bound}}\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      nodeName: worker-1\n{extra_spec}      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n        command: [\"sh\",\"-c\",\"sleep 3600\"]\n{container_extra}"
    )
}

fn the_pod(s: &ctrlscope::sim::Simulation) -> Pod {
    s.pods()
        .into_iter()
        .find(|p| p.metadata.name.starts_with("bound-"))
        .expect("the Job's pod")
        .clone()
}

/// AdmissionCheck's NodeAffinity: a nodeSelector the node's labels do not match rejects the
/// pod as a PredicateFailureError (reason `NodeAffinity`, nodeaffinity.ErrReasonPod); it never
/// runs, and the Job counts it as failed.
#[test]
fn admission_check_node_affinity_rejects_a_bound_pod_whose_selector_does_not_match() {
    let mut s = sim(&bound_job("      nodeSelector: {disk: ssd}\n", ""));
    step_until(&mut s, 20, |_| {});
    let p = the_pod(&s);
    assert_eq!(p.status.phase, "Failed");
    assert_eq!(p.status.reason, "NodeAffinity");
    assert_eq!(
        p.status.message,
        "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector"
    );
    assert!(p
        .status
        .container_statuses
        .iter()
        .all(|c| c.state.running.is_none()));
    let msgs = common::event_messages(&s, "NodeAffinity");
    assert_eq!(
        msgs,
        ["Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector"]
    );
    assert_eq!(common::event_messages(&s, "BackoffLimitExceeded").len(), 1);
}

/// The same for required node affinity; a matching selector (the kubelet's own hostname
/// label) is admitted.
#[test]
fn admission_check_node_affinity_reads_required_terms_and_admits_a_match() {
    let affinity = "      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchExpressions:\n              - {key: kubernetes.io/hostname, operator: In, values: [worker-2]}\n";
    let mut s = sim(&bound_job(affinity, ""));
    step_until(&mut s, 20, |_| {});
    assert_eq!(the_pod(&s).status.reason, "NodeAffinity");

    let mut s = sim(&bound_job(
        "      nodeSelector: {kubernetes.io/hostname: worker-1}\n",
        "",
    ));
    step_until(&mut s, 20, |_| {});
    assert_eq!(the_pod(&s).status.phase, "Running");
}

/// AdmissionCheck's order: NodeResourcesFit before NodeAffinity, so a pod short of cpu and
/// with a mismatched selector is rejected `OutOfcpu`.
#[test]
fn admission_check_fits_resources_before_node_affinity() {
    let mut s = sim(&bound_job(
        "      nodeSelector: {disk: ssd}\n",
        "        resources: {requests: {cpu: \"100\"}}\n",
    ));
    step_until(&mut s, 20, |_| {});
    assert_eq!(the_pod(&s).status.reason, "OutOfcpu");
}
