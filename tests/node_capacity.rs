//! Node capacity: every node reports `capacity.pods` = `allocatable.pods` = 110 (the
//! kubelet's `--max-pods` default) and a machine's cpu and memory, and the scheduler's
//! NodeResourcesFit filter turns a node away once its non-terminal pods reach
//! `allocatable.pods` or their requests leave too little of a resource
//! (pkg/scheduler/framework/plugins/noderesources/fit.go fitsRequest: "Too many pods",
//! "Insufficient cpu"); FailedScheduling counts each node under its first failing filter.

mod common;

use common::{sim, step_until};
use ctrlscope::api::{Duration, Pod};
use ctrlscope::manifest::parse_manifests;
use ctrlscope::sim::{SimConfig, Simulation};

fn job_yaml(name: &str, completions: u32, parallelism: u32, duration: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\nspec:\n  completions: {completions}\n  parallelism: {parallelism}\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: \"{duration}\"\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: work\n        image: busybox:1.36\n"
    )
}

/// Pods the scheduler counts on a node: bound and not terminal (pkg/scheduler/scheduler.go
/// newPodInformer watches `status.phase!=Succeeded,status.phase!=Failed`).
fn counted(s: &Simulation, node: &str) -> usize {
    s.pods()
        .iter()
        .filter(|p| p.spec.node_name == node)
        .filter(|p| !matches!(p.status.phase.as_str(), "Succeeded" | "Failed"))
        .count()
}

fn pending(s: &Simulation) -> Vec<&Pod> {
    s.pods()
        .into_iter()
        .filter(|p| p.spec.node_name.is_empty())
        .collect()
}

fn failed_scheduling(s: &Simulation) -> Vec<String> {
    common::event_messages(s, "FailedScheduling")
}

/// kubelet `--max-pods` default 110 (pkg/kubelet/apis/config/v1beta1/defaults.go), reported
/// as both capacity and allocatable.
#[test]
fn default_nodes_report_110_pods() {
    let s = sim("");
    assert_eq!(s.nodes().len(), 4);
    for n in s.nodes() {
        assert_eq!(
            n.status.capacity.get("pods").map(String::as_str),
            Some("110")
        );
        assert_eq!(
            n.status.allocatable.get("pods").map(String::as_str),
            Some("110")
        );
    }
}

/// fit.go: `len(nodeInfo.Pods)+1 > allowedPodNumber` → "Too many pods"; the FitError message
/// (pkg/scheduler/framework/types.go FitError.Error) sorts "<count> <reason>" strings, and
/// DefaultPreemption finds no victims among equal-priority pods on the full nodes while the
/// tainted control plane is "not helpful" (preemption.go, default_preemption.go).
#[test]
fn parallelism_400_on_three_workers_binds_330_and_leaves_70_pending() {
    let yaml = job_yaml("wide", 400, 400, "60s");
    let mut s = sim(&yaml);
    let mut max_bound = 0;
    step_until(&mut s, 30, |s| {
        let bound: usize = ["worker-1", "worker-2", "worker-3"]
            .iter()
            .map(|n| counted(s, n))
            .sum();
        max_bound = max_bound.max(bound);
        for n in ["worker-1", "worker-2", "worker-3"] {
            assert!(counted(s, n) <= 110, "{n} over capacity");
        }
    });
    assert_eq!(max_bound, 330);
    assert_eq!(s.pods().len(), 400);
    for n in ["worker-1", "worker-2", "worker-3"] {
        assert_eq!(counted(&s, n), 110, "{n}");
    }
    assert_eq!(counted(&s, "control-plane"), 0);
    let waiting = pending(&s);
    assert_eq!(waiting.len(), 70);
    for p in &waiting {
        assert_eq!(p.status.phase, "Pending");
        let c = p
            .status
            .conditions
            .iter()
            .find(|c| c.type_ == "PodScheduled")
            .expect("PodScheduled condition");
        assert_eq!(
            (c.status.as_str(), c.reason.as_str()),
            ("False", "Unschedulable")
        );
    }
    let msgs = failed_scheduling(&s);
    assert_eq!(msgs.len(), 70, "one FailedScheduling per waiting pod");
    for m in msgs {
        assert_eq!(
            m,
            "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Too many pods. \
             preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, \
             3 No preemption victims found for incoming pod.."
        );
    }
}

/// A finished pod leaves the scheduler cache (newPodInformer's phase field selector) and the
/// queue moves pods NodeResourcesFit rejected back to active (AssignedPodDelete), so the
/// waiting pods run as slots free and the Job completes.
#[test]
fn finished_pods_free_slots_for_pending_ones() {
    let yaml = job_yaml("wide", 400, 400, "60s");
    let mut s = sim(&yaml);
    step_until(&mut s, 10, |_| {});
    assert_eq!(pending(&s).len(), 70);
    step_until(&mut s, 600, |s| {
        for n in ["worker-1", "worker-2", "worker-3"] {
            assert!(counted(s, n) <= 110, "{n} over capacity");
        }
    });
    let job = s.jobs()[0];
    assert_eq!(job.status.succeeded, 400);
    assert_eq!(job.status.finished_type(), Some("Complete"));
}

/// Deleting a bound pod frees its slot at once: a pending pod is bound in the same instant's
/// scheduling pass, to the node that had room.
#[test]
fn deleting_a_bound_pod_schedules_a_pending_one() {
    let yaml = job_yaml("wide", 400, 400, "1h");
    let mut s = sim(&yaml);
    step_until(&mut s, 10, |_| {});
    assert_eq!(pending(&s).len(), 70);
    let victim = s
        .pods()
        .iter()
        .find(|p| p.spec.node_name == "worker-2")
        .map(|p| p.metadata.name.clone())
        .expect("a pod on worker-2");
    s.delete_pods(&victim).expect("delete");
    let now = s.now();
    s.run_until(now + Duration::from_secs(1));
    // The deleted pod is gone once its grace period ends; until then it still counts.
    step_until(&mut s, 60, |_| {});
    assert!(s.cluster.store.get::<Pod>(&victim).is_none(), "victim gone");
    // The Job controller replaced the deleted pod, so 70 still wait, but worker-2 is full again.
    assert_eq!(counted(&s, "worker-2"), 110);
    assert_eq!(pending(&s).len(), 70);
    let scheduled_late = s
        .cluster
        .events
        .iter()
        .filter(|e| e.reason == "Scheduled" && e.message().ends_with("to worker-2"))
        .count();
    assert_eq!(
        scheduled_late, 111,
        "110 at first, then one into the freed slot"
    );
}

/// A Node manifest's `status.allocatable.pods` is kept (the node strategy keeps status on
/// create) and bounds the pods the scheduler places there.
#[test]
fn node_manifest_with_allocatable_pods_2_holds_two_pods() {
    let node = "apiVersion: v1\nkind: Node\nmetadata:\n  name: tiny\nstatus:\n  allocatable:\n    pods: \"2\"\n";
    let yaml = format!("{node}---\n{}", job_yaml("three", 3, 3, "60s"));
    let mut s = Simulation::new(SimConfig::default());
    for o in parse_manifests(&yaml).expect("manifests") {
        s.apply(o).expect("apply");
    }
    let n = s.nodes()[0];
    assert_eq!(
        n.status.allocatable.get("pods").map(String::as_str),
        Some("2")
    );
    // Capacity was not given: it takes allocatable's value rather than a smaller default.
    assert_eq!(n.status.capacity.get("pods").map(String::as_str), Some("2"));
    step_until(&mut s, 10, |s| assert!(counted(s, "tiny") <= 2));
    assert_eq!(counted(&s, "tiny"), 2);
    assert_eq!(pending(&s).len(), 1);
    assert_eq!(
        failed_scheduling(&s),
        vec![
            "0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: \
             1 No preemption victims found for incoming pod.."
                .to_string()
        ]
    );
    // The first two finish at ~61s; the third then runs and the Job completes.
    step_until(&mut s, 300, |s| assert!(counted(s, "tiny") <= 2));
    assert_eq!(s.jobs()[0].status.succeeded, 3);
}

/// pkg/apis/core/validation/validation.go ValidateNodeResources: quantities must be
/// non-negative; the decoder rejects what is not a quantity at all.
#[test]
fn node_manifest_with_bad_pod_quantities_is_rejected() {
    let neg = "apiVersion: v1\nkind: Node\nmetadata:\n  name: small\nstatus:\n  allocatable:\n    pods: \"-1\"\n";
    let errs = parse_manifests(neg).expect_err("negative pods");
    assert!(
        errs.iter().any(|e| {
            e.message
            == "status.allocatable.pods: Invalid value: \"-1\": must be greater than or equal to 0"
        }),
        "{errs:?}"
    );
    let junk = "apiVersion: v1\nkind: Node\nmetadata:\n  name: small\nstatus:\n  capacity:\n    pods: lots\n";
    let errs = parse_manifests(junk).expect_err("not a quantity");
    assert!(
        errs.iter().any(|e| e
            .message
            .contains("quantities must match the regular expression")),
        "{errs:?}"
    );
    let ok = "apiVersion: v1\nkind: Node\nmetadata:\n  name: small\nstatus:\n  capacity:\n    pods: 20\n    cpu: 500m\n";
    let objs = parse_manifests(ok).expect("valid");
    let mut s = Simulation::new(SimConfig::default());
    for o in objs {
        s.apply(o).expect("apply");
    }
    let n = s.nodes()[0];
    assert_eq!(
        n.status.capacity.get("pods").map(String::as_str),
        Some("20")
    );
    assert_eq!(
        n.status.capacity.get("cpu").map(String::as_str),
        Some("500m")
    );
    assert_eq!(
        n.status.allocatable.get("pods").map(String::as_str),
        Some("20")
    );
}

/// pkg/apis/core/validation/validation.go ValidateNodeResources → ValidateResourceQuantityValue:
/// the sign is the parsed quantity's (`-0.5` is -500m, not rounded up to 0), and `pods` and
/// extended resources must be whole (helper.IsIntegerResourceName); the value is printed as
/// Quantity.String().
#[test]
fn node_fractional_or_negative_fraction_quantities_are_rejected() {
    let node = |res: &str| {
        format!(
            "apiVersion: v1\nkind: Node\nmetadata:\n  name: small\nstatus:\n  allocatable:\n{res}"
        )
    };
    let msgs = |res: &str| -> Vec<String> {
        parse_manifests(&node(res))
            .expect_err("refused")
            .into_iter()
            .map(|e| e.message)
            .collect()
    };
    assert_eq!(
        msgs("    pods: \"1.5\"\n"),
        vec!["status.allocatable.pods: Invalid value: \"1500m\": must be an integer"]
    );
    assert_eq!(
        msgs("    cpu: \"-0.5\"\n"),
        vec![
            "status.allocatable.cpu: Invalid value: \"-500m\": must be greater than or equal to 0"
        ]
    );
    assert_eq!(
        msgs("    nvidia.com/gpu: \"0.5\"\n"),
        vec!["status.allocatable.nvidia.com/gpu: Invalid value: \"500m\": must be an integer"]
    );
    assert_eq!(
        msgs("    pods: \"-0.5\"\n"),
        vec![
            "status.allocatable.pods: Invalid value: \"-500m\": must be greater than or equal to 0",
            "status.allocatable.pods: Invalid value: \"-500m\": must be an integer"
        ]
    );
    // cpu and memory may be fractional.
    parse_manifests(&node("    cpu: \"1.5\"\n    memory: 1.5Gi\n")).expect("valid");
}

/// The DaemonSet controller does not look at node capacity (pkg/controller/daemon
/// NodeShouldRunDaemonPod checks taints and node affinity only): it creates the daemon pod,
/// and the default scheduler leaves it Pending with "Too many pods" on a full node.
#[test]
fn daemon_pod_on_a_full_node_stays_pending_with_too_many_pods() {
    let node = "apiVersion: v1\nkind: Node\nmetadata:\n  name: tiny\nstatus:\n  capacity:\n    pods: \"1\"\n";
    let yaml = format!("{node}---\n{}", job_yaml("one", 1, 1, "1h"));
    let mut s = Simulation::new(SimConfig::default());
    for o in parse_manifests(&yaml).expect("manifests") {
        s.apply(o).expect("apply");
    }
    step_until(&mut s, 5, |_| {});
    assert_eq!(counted(&s, "tiny"), 1);
    let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n      - name: agent\n        image: busybox:1.36\n";
    for o in parse_manifests(ds).expect("ds") {
        s.apply(o).expect("apply ds");
    }
    step_until(&mut s, 20, |_| {});
    let daemon: Vec<&Pod> = s
        .pods()
        .into_iter()
        .filter(|p| p.metadata.labels.get("app").map(String::as_str) == Some("agent"))
        .collect();
    assert_eq!(daemon.len(), 1, "the controller creates the pod regardless");
    assert!(daemon[0].spec.node_name.is_empty());
    assert_eq!(daemon[0].status.phase, "Pending");
    assert_eq!(
        failed_scheduling(&s),
        vec![
            "0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: \
             1 No preemption victims found for incoming pod.."
                .to_string()
        ]
    );
}

/// resource.Quantity `Value()` (apimachinery/pkg/api/resource/quantity.go): suffixes, and
/// rounding up to a whole number.
#[test]
fn quantity_values() {
    use ctrlscope::api::quantity_value;
    assert_eq!(quantity_value("110"), Some(110));
    assert_eq!(quantity_value("1k"), Some(1000));
    assert_eq!(quantity_value("1Ki"), Some(1024));
    assert_eq!(quantity_value("1e3"), Some(1000));
    assert_eq!(quantity_value("1500m"), Some(2));
    assert_eq!(quantity_value("-1"), Some(-1));
    assert_eq!(quantity_value("lots"), None);
    assert_eq!(quantity_value("1x"), None);
}

fn job_with_requests(name: &str, parallelism: u32, requests: &str, extra_spec: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\nspec:\n  completions: {parallelism}\n  parallelism: {parallelism}\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: \"60s\"\n    spec:\n{extra_spec}      restartPolicy: Never\n      containers:\n      - name: work\n        image: busybox:1.36\n        resources:\n          requests: {requests}\n"
    )
}

/// A default node reports a kind node's machine: 4 cpu, 8131296Ki memory, allocatable =
/// capacity (kind reserves nothing).
#[test]
fn default_nodes_report_cpu_and_memory() {
    let s = sim("");
    for n in s.nodes() {
        for (k, v) in [("cpu", "4"), ("memory", "8131296Ki"), ("pods", "110")] {
            assert_eq!(n.status.capacity.get(k).map(String::as_str), Some(v));
            assert_eq!(n.status.allocatable.get(k).map(String::as_str), Some(v));
        }
    }
}

/// NodeResourcesFit (fit.go fitsRequest): `podRequest.MilliCPU > allocatable - requested` →
/// "Insufficient cpu". 1.5 cpu each: two fit on a 4-cpu worker, so 6 of 8 run and 2 wait;
/// when the first ones finish, the waiting ones take their cpu.
#[test]
fn cpu_requests_fill_nodes_and_the_rest_wait_for_insufficient_cpu() {
    let mut s = sim(&job_with_requests("heavy", 8, "{cpu: 1500m}", ""));
    step_until(&mut s, 5, |_| {});
    for n in ["worker-1", "worker-2", "worker-3"] {
        assert_eq!(counted(&s, n), 2, "{n}");
    }
    assert_eq!(pending(&s).len(), 2);
    let msgs = failed_scheduling(&s);
    assert_eq!(msgs.len(), 2);
    assert_eq!(
        msgs[0],
        "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. \
         preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, \
         3 No preemption victims found for incoming pod.."
    );
    let described = ctrlscope::kubectl::console::run(&mut s, "describe node worker-1").output;
    assert!(
        described.contains("  cpu                3 (75%)   0 (0%)\n"),
        "{described}"
    );
    // The first pods finish at 61 s; the two waiting ones run then, and all 8 succeed.
    step_until(&mut s, 200, |_| {});
    assert!(pending(&s).is_empty());
    assert_eq!(
        s.pods()
            .iter()
            .filter(|p| p.status.phase == "Succeeded")
            .count(),
        8
    );
}

/// Memory and cpu at once, and a limit standing in for an unset request (SetDefaults_Pod):
/// a node short of both gives both reasons. 5 cpu is over a 4-cpu worker's whole allocatable:
/// fitsRequest marks it `Unresolvable`, Filter returns UnschedulableAndUnresolvable, and
/// preemption skips those nodes (nodesWherePreemptionMightHelp): all 4 are "not helpful".
#[test]
fn each_insufficient_resource_is_its_own_reason() {
    let mut s = sim(&job_with_requests(
        "huge",
        1,
        "{cpu: \"5\", memory: 9Gi}",
        "",
    ));
    step_until(&mut s, 5, |_| {});
    let msgs = failed_scheduling(&s);
    assert_eq!(
        msgs,
        ["0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu, 3 Insufficient memory. \
          preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.."]
    );
}

/// fit.go fitsRequest `Unresolvable: rQuant > allocatable`: an extended resource no node has
/// (allocatable 0) can never be freed by preemption, so even a critical pod evicts nobody and
/// the message says every node is "not helpful" (Kubernetes 1.34, kubernetes#131345).
#[test]
fn fits_request_over_the_whole_allocatable_is_unresolvable_for_preemption() {
    let filler = job_with_requests("filler", 3, "{cpu: \"3\"}", "");
    let gpu = job_with_requests("gpu", 1, "{nvidia.com/gpu: \"1\"}", "")
        .replace("name: gpu\n", "name: gpu\n  namespace: kube-system\n")
        .replace(
            "requests: {nvidia.com/gpu: \"1\"}\n",
            "requests: {nvidia.com/gpu: \"1\"}\n          limits: {nvidia.com/gpu: \"1\"}\n",
        )
        .replace(
            "      restartPolicy",
            "      priorityClassName: system-cluster-critical\n      restartPolicy",
        );
    let mut s = sim(&format!("{filler}---\n{gpu}"));
    step_until(&mut s, 5, |_| {});
    let msgs = failed_scheduling(&s);
    assert_eq!(
        msgs,
        ["0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient nvidia.com/gpu. \
          preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.."]
    );
    assert!(common::event_messages(&s, "Preempted").is_empty());
    assert_eq!(pending(&s).len(), 1);
}

/// The default profile's filter order (pkg/scheduler/apis/config/v1/default_plugins.go):
/// NodeUnschedulable, TaintToleration, NodeAffinity; a node counts under the first it fails,
/// and each untolerated taint is named (taint_toleration.go Filter).
#[test]
fn failed_scheduling_counts_each_node_under_its_first_failing_filter() {
    let yaml = format!(
        "{}---\napiVersion: v1\nkind: Node\nmetadata:\n  name: gpu-1\nspec:\n  taints:\n  - key: dedicated\n    value: gpu\n    effect: NoSchedule\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: worker-3\nspec:\n  unschedulable: true\n",
        job_with_requests("picky", 1, "{cpu: 100m}", "      nodeSelector: {disktype: ssd}\n")
    );
    let mut s = sim(&yaml);
    step_until(&mut s, 5, |_| {});
    assert_eq!(
        failed_scheduling(&s),
        ["0/5 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. \
          preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.."]
    );
}

/// A daemon pod names its node (`matchFields metadata.name`): NodeAffinity's PreFilter narrows
/// the candidates to it, and the other nodes are "absent", reported with the plugin that left
/// them out (schedule_one.go findNodesThatFitPod, SetAbsentNodesStatus). 100 cpu is over the
/// node's whole allocatable, so preemption is not helpful there either (fit.go Unresolvable).
#[test]
fn a_daemon_pod_that_does_not_fit_names_the_prefilter_for_the_other_nodes() {
    let yaml = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: big\nspec:\n  selector:\n    matchLabels: {app: big}\n  template:\n    metadata:\n      labels: {app: big}\n    spec:\n      containers:\n      - name: agent\n        image: busybox:1.36\n        resources:\n          requests: {cpu: \"100\"}\n";
    let mut s = sim(yaml);
    step_until(&mut s, 5, |_| {});
    let msgs = failed_scheduling(&s);
    assert_eq!(msgs.len(), 3, "{msgs:?}");
    assert!(msgs.iter().all(|m| m
        == "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. \
            preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.."),
        "{msgs:?}");
}

/// DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): every pod that
/// does not tolerate them already tolerates the not-ready and unreachable NoExecute taints for
/// 300 s, so a Job's pod on a node tainted unreachable is evicted 300 s later, not at once.
#[test]
fn pods_tolerate_an_unreachable_node_for_300s() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: long\nspec:\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: \"1h\"\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: work\n        image: busybox:1.36\n";
    let mut s = sim(yaml);
    step_until(&mut s, 10, |_| {});
    let pod = s.pods()[0].clone();
    let defaults: Vec<(String, Option<i64>)> = pod
        .spec
        .tolerations
        .iter()
        .map(|t| (t.key.clone(), t.toleration_seconds))
        .collect();
    assert_eq!(
        defaults,
        [
            ("node.kubernetes.io/not-ready".to_string(), Some(300)),
            ("node.kubernetes.io/unreachable".to_string(), Some(300)),
        ]
    );
    let node = pod.spec.node_name.clone();
    let r = ctrlscope::kubectl::console::run(
        &mut s,
        &format!("taint nodes {node} node.kubernetes.io/unreachable:NoExecute"),
    );
    assert!(!r.error, "{}", r.output);
    step_until(&mut s, 309, |_| {});
    assert!(s
        .pods()
        .iter()
        .any(|p| p.metadata.name == pod.metadata.name && p.metadata.deletion_timestamp.is_none()));
    step_until(&mut s, 312, |_| {});
    assert!(!s
        .pods()
        .iter()
        .any(|p| p.metadata.name == pod.metadata.name && p.metadata.deletion_timestamp.is_none()));
}

/// SetDefaults_Pod: a limit stands in for an unset request on the pod, not on the Job's template.
#[test]
fn a_pods_unset_request_defaults_to_its_limit() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: lim\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n        resources:\n          limits: {memory: 10Mi, cpu: 200m}\n          requests: {cpu: 100m}\n";
    let mut s = sim(yaml);
    step_until(&mut s, 2, |_| {});
    let pod = s.pods()[0].clone();
    let r = &pod.spec.containers[0].other["resources"];
    assert_eq!(r["requests"]["cpu"], "100m");
    assert_eq!(r["requests"]["memory"], "10Mi");
    let job = s.cluster.store.get::<ctrlscope::api::Job>("lim").unwrap();
    let t = &job.spec.template.spec.containers[0].other["resources"];
    assert!(t["requests"].get("memory").is_none());
}

/// Scoring (NodeResourcesFit LeastAllocated + BalancedAllocation over requests, an unset one
/// counting 100m / 200Mi): a node that gave 3 of its 4 cpu to one pod scores lowest, so six
/// request-less pods created next go to the other two workers.
#[test]
fn scoring_prefers_the_nodes_with_the_most_left() {
    let big = job_with_requests("a", 1, "{cpu: \"3\"}", "");
    let mut s = sim(&big);
    step_until(&mut s, 2, |_| {});
    let heavy = s.pods()[0].spec.node_name.clone();
    let small = job_yaml("b", 6, 6, "60s");
    for o in parse_manifests(&small).expect("parse") {
        s.apply(o).expect("apply");
    }
    step_until(&mut s, 4, |_| {});
    let on_heavy = s
        .pods()
        .iter()
        .filter(|p| p.metadata.name.starts_with("b-") && p.spec.node_name == heavy)
        .count();
    assert_eq!(on_heavy, 0, "b pods on {heavy}");
    for n in ["worker-1", "worker-2", "worker-3"]
        .iter()
        .filter(|n| **n != heavy)
    {
        assert_eq!(counted(&s, n), 3, "{n}");
    }
}

/// The default profile's other scores (apis/config/v1/default_plugins.go): TaintToleration
/// (weight 3) keeps pods off a node whose PreferNoSchedule taint they do not tolerate while
/// others have room; NodeAffinity (weight 2) sends them to the node their preferred terms name.
/// Whatever the seed.
#[test]
fn prefer_no_schedule_taints_and_preferred_affinity_steer_the_scheduler() {
    let nodes = "apiVersion: v1\nkind: Node\nmetadata: {name: worker-1}\nspec:\n  taints: [{key: spot, value: \"true\", effect: PreferNoSchedule}]\n---\napiVersion: v1\nkind: Node\nmetadata: {name: worker-2}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: worker-3}\n---\n";
    let job = |extra: &str| {
        format!("{nodes}apiVersion: batch/v1\nkind: Job\nmetadata: {{name: two}}\nspec:\n  parallelism: 2\n  completions: 2\n  template:\n    metadata:\n      annotations: {{sim.ctrlscope.dev/duration: 1h}}\n    spec:\n      restartPolicy: Never\n{extra}      containers:\n      - {{name: c, image: busybox:1.36}}\n")
    };
    let placed = |yaml: &str, seed: u64| -> Vec<String> {
        let mut s = Simulation::new(SimConfig {
            seed,
            ..Default::default()
        });
        for o in parse_manifests(yaml).expect("valid") {
            s.apply(o).expect("applied");
        }
        s.run_until(s.cluster.start + Duration::from_secs(2));
        let mut nodes: Vec<String> = s.pods().iter().map(|p| p.spec.node_name.clone()).collect();
        nodes.sort();
        nodes
    };
    let preferred = "      affinity:\n        nodeAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 100\n            preference:\n              matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [worker-1]}]\n";
    let tolerant = "      tolerations: [{key: spot, operator: Exists, effect: PreferNoSchedule}]\n";
    let untainted = job(preferred).replace(
        "spec:\n  taints: [{key: spot, value: \"true\", effect: PreferNoSchedule}]\n",
        "",
    );
    for seed in 1..=6 {
        let at = |yaml: &str| placed(yaml, seed);
        assert_eq!(at(&job("")), ["worker-2", "worker-3"], "seed {seed}");
        assert_eq!(at(&untainted), ["worker-1", "worker-1"], "seed {seed}");
        // Both: the untolerated taint (3 × 100) outweighs the preference (2 × 100).
        assert_eq!(at(&job(preferred)), ["worker-2", "worker-3"], "seed {seed}");
    }
    // A pod that tolerates the taint may land there (on one of the seeds).
    assert!((1..=6).any(|seed| placed(&job(tolerant), seed).iter().any(|n| n == "worker-1")));
}

/// A pod no node takes is retried once it has waited over 5 minutes (the scheduling queue's
/// flushUnschedulablePodsLeftover, every 30 s), each failure recorded through the
/// events.k8s.io recorder (src/sim/series.rs). The first Event names the pod as it was before
/// the scheduler's own PodScheduled=False patch (its resourceVersion is in `regarding`), so the
/// second failure starts a new Event, which the third patches into a series `(x2 over 5m30s)`;
/// a fourth would only be counted in the recorder's cache until its 30-min refresh.
#[test]
fn an_unschedulable_pod_is_retried_every_five_minutes() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pend\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      nodeSelector: {disktype: ssd}\n      containers:\n      - {name: w, image: busybox}\n";
    let out = common::cli(
        &[("pend.yaml", job)],
        &["run", "pend.yaml", "--until", "12m", "--events", "jsonl"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let failed: Vec<(f64, u64)> = common::events(&out)
        .into_iter()
        .filter(|e| e.reason == "FailedScheduling")
        .map(|e| (e.t, e.count))
        .collect();
    assert_eq!(failed, [(0.0, 1), (330.0, 1), (660.0, 2)]);
}

/// The scheduler's later failures are counted in its recorder's cache and written by the
/// 30-min refresh (event_broadcaster.go refreshExistingEventSeries) or when the series ends;
/// `kubectl describe` shows the count last written, and the note of the series' first Event.
#[test]
fn failed_scheduling_counts_are_written_by_the_recorders_refresh() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pend\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      nodeSelector: {disktype: ssd}\n      containers:\n      - {name: w, image: busybox}\n";
    let out = common::cli(
        &[("pend.yaml", job)],
        &[
            "run",
            "pend.yaml",
            "--until",
            "40m",
            "--events",
            "jsonl",
            "--kubectl",
            "31m: describe pods",
            "--kubectl",
            "39m: get events",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let failed: Vec<(f64, u64)> = common::events(&out)
        .into_iter()
        .filter(|e| e.reason == "FailedScheduling")
        .map(|e| (e.t, e.count))
        .collect();
    // Failures every 330 s from 330 s: written at 330 (new), 660 (x2), then the refresh at
    // 1800 s writes x5 (330, 660, 990, 1320, 1650); 1980 and 2310 wait for the next one.
    assert_eq!(failed, [(0.0, 1), (330.0, 1), (660.0, 2), (1800.0, 5)]);
    assert!(
        out.stdout.contains("FailedScheduling  3m30s (x5 over 25m)"),
        "{}",
        out.stdout
    );
    // LAST SEEN is the series' lastObservedTime as written at 30 min: 27.5 min.
    let events = out
        .stdout
        .split("kubectl get events")
        .nth(1)
        .unwrap_or_default();
    assert!(
        events.contains("\n11m         Warning   FailedScheduling"),
        "{events}"
    );
}

/// Kubernetes 1.34's queueing hints (SchedulerQueueingHints, GA): a pod turned away for its
/// resources is not tried again for a node's new label or a cordon (noderesources/fit.go
/// registers only node additions and allocatable changes); a pod turned away by its
/// nodeSelector is, once a node has the label (nodeaffinity isSchedulableAfterNodeChange).
#[test]
fn node_changes_move_only_the_pods_they_can_help() {
    use ctrlscope::sim::scenario::Action;
    let big = job_yaml("big", 4, 4, "1h").replace(
        "        image: busybox:1.36\n",
        "        image: busybox:1.36\n        resources:\n          requests:\n            cpu: \"3\"\n",
    );
    let mut s = sim(&big);
    s.run_until(s.cluster.start + Duration::from_secs(10));
    assert_eq!(pending(&s).len(), 1);
    assert_eq!(failed_scheduling(&s).len(), 1);
    let label = |key: &str| Action::LabelNode {
        name: "worker-2".into(),
        labels: [(key.to_string(), Some("ssd".to_string()))]
            .into_iter()
            .collect(),
    };
    s.perform(&label("disktype")).expect("labels");
    s.perform(&Action::Cordon("worker-1".into()))
        .expect("cordons");
    s.run_until(s.cluster.start + Duration::from_secs(60));
    assert_eq!(
        failed_scheduling(&s).len(),
        1,
        "{:?}",
        failed_scheduling(&s)
    );
    let sel = job_yaml("sel", 1, 1, "1h").replace(
        "      restartPolicy: Never\n",
        "      restartPolicy: Never\n      nodeSelector: {zone: a}\n",
    );
    let mut s = sim(&sel);
    s.run_until(s.cluster.start + Duration::from_secs(10));
    assert_eq!(pending(&s).len(), 1);
    s.perform(&label("zone")).expect("labels");
    s.perform(&Action::LabelNode {
        name: "worker-3".into(),
        labels: [("zone".to_string(), Some("a".to_string()))]
            .into_iter()
            .collect(),
    })
    .expect("labels");
    s.run_until(s.cluster.start + Duration::from_secs(12));
    assert!(pending(&s).is_empty());
    assert_eq!(s.pods()[0].spec.node_name, "worker-3");
}
