//! A node whose kubelet stops, as the node lifecycle controller
//! (pkg/controller/nodelifecycle/node_lifecycle_controller.go) and the taint eviction controller
//! (pkg/controller/tainteviction/taint_eviction.go) handle it: 50 s after the Lease's last
//! renewal the node's conditions go Unknown, its pods not Ready (MarkPodsNotReady) and the node
//! gets `unreachable:NoSchedule`; on the next 5-s pass `unreachable:NoExecute`. Pods tolerating
//! that for the default 300 s are then deleted and stay Terminating; DaemonSet pods stay.

mod common;

use common::{event_messages, event_secs, sim, step_until};
use ctrlscope::api::{DaemonSet, Job, Node, Pod};
use ctrlscope::kubectl;
use ctrlscope::sim::scenario::Action;
use ctrlscope::sim::Simulation;

const JOB: &str = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: long}\nspec:\n  template:\n    metadata:\n      annotations: {sim.ctrlscope.dev/duration: 1h}\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: c, image: busybox:1.36}\n";

fn cluster() -> Simulation {
    let ds = include_str!("../examples/fluentd-daemonset.yaml");
    sim(&format!("{JOB}---\n{ds}"))
}

fn job_pods(s: &Simulation) -> Vec<&Pod> {
    s.pods()
        .into_iter()
        .filter(|p| p.metadata.name.starts_with("long-"))
        .collect()
}

fn node<'a>(s: &'a Simulation, name: &str) -> &'a Node {
    s.cluster.store.get::<Node>(name).expect("node")
}

fn condition<'a>(n: &'a Node, type_: &str) -> &'a ctrlscope::api::Condition {
    n.status
        .conditions
        .iter()
        .find(|c| c.type_ == type_)
        .expect("condition")
}

fn pod_condition<'a>(p: &'a Pod, type_: &str) -> &'a ctrlscope::api::Condition {
    p.status
        .conditions
        .iter()
        .find(|c| c.type_ == type_)
        .expect("condition")
}

/// The pod exists and is being deleted.
fn deleting(s: &Simulation, pod: &str) -> bool {
    s.cluster
        .store
        .get::<Pod>(pod)
        .expect("pod")
        .metadata
        .deletion_timestamp
        .is_some()
}

fn controller_down(s: &mut Simulation, secs: i64) {
    s.perform(&Action::ControllerDown(
        ctrlscope::api::Duration::from_secs(secs),
    ))
    .expect("down");
}

fn taints(s: &Simulation, name: &str) -> Vec<String> {
    node(s, name)
        .spec
        .taints
        .iter()
        .map(|t| t.to_string())
        .collect()
}

/// The Job's pod is running on this node; its kubelet is stopped at 20 s.
fn stop_at_20s() -> (Simulation, String, String) {
    let mut s = cluster();
    step_until(&mut s, 20, |_| {});
    let pod = job_pods(&s)[0].clone();
    let w = pod.spec.node_name.clone();
    assert_eq!(pod.status.phase, "Running");
    let out = s.perform(&Action::StopKubelet(w.clone())).expect("stopped");
    assert_eq!(out, format!("kubelet on node/{w} stopped"));
    (s, w, pod.metadata.name)
}

#[test]
fn the_node_turns_not_ready_fifty_seconds_after_the_last_lease_renewal() {
    let (mut s, w, pod) = stop_at_20s();
    step_until(&mut s, 69, |_| {});
    assert_eq!(kubectl::node_status(node(&s, &w)), "Ready");
    assert!(taints(&s, &w).is_empty());
    step_until(&mut s, 70, |_| {});
    let n = node(&s, &w);
    assert_eq!(kubectl::node_status(n), "NotReady");
    for type_ in ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"] {
        let c = condition(n, type_);
        assert_eq!(
            (c.status.as_str(), c.reason.as_str(), c.message.as_str()),
            (
                "Unknown",
                "NodeStatusUnknown",
                "Kubelet stopped posting node status."
            )
        );
        assert_eq!(c.last_transition_time, Some(s.now()));
    }
    assert_eq!(
        taints(&s, &w),
        ["node.kubernetes.io/unreachable:NoSchedule"]
    );
    assert_eq!(
        event_messages(&s, "NodeNotReady")[0],
        format!("Node {w} status is now: NodeNotReady")
    );
    // MarkPodsNotReady: the Job's pod and the daemon pod, Ready False, containers still ready.
    assert_eq!(
        event_messages(&s, "NodeNotReady")[1..],
        ["Node is not ready", "Node is not ready"]
    );
    let p = s.cluster.store.get::<Pod>(&pod).expect("pod");
    let ready = pod_condition(p, "Ready");
    assert_eq!(ready.status, "False");
    assert!(p.status.container_statuses[0].ready);
    assert_eq!(p.status.phase, "Running");
    // The NoExecute taint on the controller's next pass.
    step_until(&mut s, 74, |_| {});
    assert_eq!(taints(&s, &w).len(), 1);
    step_until(&mut s, 75, |_| {});
    assert_eq!(
        taints(&s, &w),
        [
            "node.kubernetes.io/unreachable:NoSchedule",
            "node.kubernetes.io/unreachable:NoExecute"
        ]
    );
    let t = &node(&s, &w).spec.taints[1];
    assert_eq!(t.time_added, Some(s.now()));
}

#[test]
fn the_job_pod_is_evicted_after_300_seconds_and_replaced_the_daemon_pod_stays() {
    let (mut s, w, pod) = stop_at_20s();
    step_until(&mut s, 374, |_| {});
    assert!(!deleting(&s, &pod));
    step_until(&mut s, 375, |_| {});
    assert_eq!(event_secs(&s, "TaintManagerEviction"), [375]);
    assert_eq!(
        event_messages(&s, "TaintManagerEviction"),
        [format!("Marking for deletion Pod default/{pod}")]
    );
    step_until(&mut s, 400, |_| {});
    // Deleted, but its kubelet cannot stop it: Terminating.
    let p = s.cluster.store.get::<Pod>(&pod).expect("still there");
    assert!(p.metadata.deletion_timestamp.is_some());
    let dt = pod_condition(p, "DisruptionTarget");
    assert_eq!(dt.reason, "DeletionByTaintManager");
    // emitPodDeletionEvent's reference has no uid: `get events` lists it, `describe pod`
    // (which selects involvedObject.uid) does not.
    let listed = kubectl::console::run(&mut s.clone(), "get events").output;
    assert!(listed.contains("TaintManagerEviction"), "{listed}");
    let described = kubectl::console::run(&mut s.clone(), &format!("describe pod {pod}")).output;
    assert!(!described.contains("TaintManagerEviction"), "{described}");
    assert!(described.contains("NodeNotReady"), "{described}");
    let get = kubectl::get_pods(&[p], s.now(), false);
    assert!(get.contains("Terminating"), "{get}");
    // The Job counts it failed and runs a replacement elsewhere.
    let job = s.cluster.store.get::<Job>("long").expect("job");
    assert_eq!(job.status.failed, 1);
    let pods = job_pods(&s);
    let new = pods
        .iter()
        .find(|p| p.metadata.name != pod)
        .expect("replacement");
    assert_ne!(new.spec.node_name, w);
    assert_eq!(new.status.phase, "Running");
    // The daemon pod tolerates unreachable:NoExecute without a limit: it stays. The node no
    // longer counts as one it should run on (unreachable:NoSchedule), so it is misscheduled.
    let daemon = s
        .pods()
        .into_iter()
        .find(|p| p.metadata.name.starts_with("fluentd") && p.spec.node_name == w)
        .expect("daemon pod");
    assert!(daemon.metadata.deletion_timestamp.is_none());
    let ds = s
        .cluster
        .store
        .get::<DaemonSet>("fluentd-elasticsearch")
        .expect("ds");
    assert_eq!(ds.status.desired_number_scheduled, 3);
    assert_eq!(ds.status.number_misscheduled, 1);
}

#[test]
fn the_kubelet_back_stops_the_evicted_pod_and_the_node_is_ready_again() {
    let (mut s, w, pod) = stop_at_20s();
    step_until(&mut s, 400, |_| {});
    let out = s
        .perform(&Action::StartKubelet(w.clone()))
        .expect("started");
    assert_eq!(out, format!("kubelet on node/{w} started"));
    assert_eq!(kubectl::node_status(node(&s, &w)), "Ready");
    // The node lifecycle controller takes the taints off when it runs (at once, it is up).
    assert_eq!(taints(&s, &w).len(), 2);
    step_until(&mut s, 400, |_| {});
    assert!(taints(&s, &w).is_empty());
    assert_eq!(event_messages(&s, "Starting"), ["Starting kubelet."]);
    assert_eq!(
        event_messages(&s, "NodeReady"),
        [format!("Node {w} status is now: NodeReady")]
    );
    assert_eq!(event_secs(&s, "NodeHasSufficientMemory"), [400]);
    step_until(&mut s, 440, |_| {});
    assert!(
        s.cluster.store.get::<Pod>(&pod).is_none(),
        "the Terminating pod is gone"
    );
    let daemon = s
        .pods()
        .into_iter()
        .find(|p| p.metadata.name.starts_with("fluentd") && p.spec.node_name == w)
        .expect("daemon pod");
    let ready = pod_condition(daemon, "Ready");
    assert_eq!(ready.status, "True");
    let ds = s
        .cluster
        .store
        .get::<DaemonSet>("fluentd-elasticsearch")
        .expect("ds");
    assert_eq!(ds.status.number_ready, 4);
}

#[test]
fn back_before_the_eviction_cancels_it() {
    let (mut s, w, pod) = stop_at_20s();
    step_until(&mut s, 200, |_| {});
    s.perform(&Action::StartKubelet(w)).expect("started");
    step_until(&mut s, 500, |_| {});
    assert_eq!(
        event_messages(&s, "TaintManagerEviction"),
        [format!("Cancelling deletion of Pod default/{pod}")]
    );
    let p = s.cluster.store.get::<Pod>(&pod).expect("pod");
    assert!(p.metadata.deletion_timestamp.is_none());
    let ready = pod_condition(p, "Ready");
    assert_eq!(ready.status, "True");
}

#[test]
fn what_the_containers_did_meanwhile_is_reported_when_the_kubelet_is_back() {
    // A 30-s pod ends while its kubelet is stopped; the API hears of it only at the start.
    let yaml = JOB.replace("duration: 1h", "duration: 30s");
    let mut s = sim(&yaml);
    step_until(&mut s, 10, |_| {});
    let w = job_pods(&s)[0].spec.node_name.clone();
    s.perform(&Action::StopKubelet(w.clone())).expect("stopped");
    step_until(&mut s, 60, |_| {});
    assert_eq!(job_pods(&s)[0].status.phase, "Running");
    s.perform(&Action::StartKubelet(w)).expect("started");
    step_until(&mut s, 61, |_| {});
    assert_eq!(job_pods(&s)[0].status.phase, "Succeeded");
    // It ended 30 s after it started, while the kubelet was stopped: the runtime's finishedAt.
    let cs = &job_pods(&s)[0].status.container_statuses[0];
    let t = cs.state.terminated.as_ref().expect("terminated");
    assert_eq!((t.finished_at - t.started_at).whole_secs(), 30);
    let job = s.cluster.store.get::<Job>("long").expect("job");
    assert_eq!(job.status.succeeded, 1);
}

#[test]
fn a_partially_disrupted_zone_gets_no_noexecute_taints() {
    // Three of four nodes lost (more than 2, at least 55 %): in a small cluster the controller
    // stops tainting NoExecute, so nothing is evicted (ReducedQPSFunc).
    let mut s = cluster();
    step_until(&mut s, 20, |_| {});
    for w in ["worker-1", "worker-2", "worker-3"] {
        s.perform(&Action::StopKubelet(w.into())).expect("stopped");
    }
    step_until(&mut s, 700, |_| {});
    for w in ["worker-1", "worker-2", "worker-3"] {
        assert_eq!(kubectl::node_status(node(&s, w)), "NotReady");
        assert_eq!(taints(&s, w), ["node.kubernetes.io/unreachable:NoSchedule"]);
    }
    assert!(event_secs(&s, "TaintManagerEviction").is_empty());
}

#[test]
fn a_second_lost_node_is_tainted_ten_seconds_after_the_first() {
    let mut s = cluster();
    step_until(&mut s, 20, |_| {});
    for w in ["worker-1", "worker-2"] {
        s.perform(&Action::StopKubelet(w.into())).expect("stopped");
    }
    step_until(&mut s, 100, |_| {});
    let added: Vec<i64> = ["worker-1", "worker-2"]
        .iter()
        .map(|w| {
            let t = node(&s, w)
                .spec
                .taints
                .iter()
                .find(|t| t.effect == "NoExecute")
                .expect("NoExecute");
            (t.time_added.expect("timeAdded") - s.cluster.start).whole_secs()
        })
        .collect();
    assert_eq!(added, [75, 85]);
}

#[test]
fn describe_node_shows_the_lease_and_heartbeats_stopping() {
    let (mut s, w, _) = stop_at_20s();
    step_until(&mut s, 100, |_| {});
    let out = kubectl::console::run(&mut s, &format!("kubectl describe node {w}")).output;
    assert!(
        out.contains("RenewTime:       Thu, 01 Jan 2026 00:00:20 +0000"),
        "{out}"
    );
    assert!(
        out.contains("Ready            Unknown   Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:01:10 +0000   NodeStatusUnknown   Kubelet stopped posting node status."),
        "{out}"
    );
    assert!(
        out.contains("node.kubernetes.io/unreachable:NoExecute"),
        "{out}"
    );
}

#[test]
fn stopping_an_unknown_node_is_not_found_and_twice_is_said_so() {
    let (mut s, w, _) = stop_at_20s();
    assert_eq!(
        s.perform(&Action::StopKubelet("nope".into())),
        Err("nodes \"nope\" not found".to_string())
    );
    assert_eq!(
        s.perform(&Action::StopKubelet(w.clone())),
        Ok(format!("kubelet on node/{w} already stopped"))
    );
    s.perform(&Action::StartKubelet(w.clone()))
        .expect("started");
    assert_eq!(
        s.perform(&Action::StartKubelet(w.clone())),
        Ok(format!("kubelet on node/{w} already running"))
    );
}

#[test]
fn removing_a_lost_node_lets_the_pod_gc_take_its_pods() {
    let (mut s, w, pod) = stop_at_20s();
    step_until(&mut s, 100, |_| {});
    s.perform(&Action::RemoveNode(w.clone())).expect("removed");
    step_until(&mut s, 200, |_| {});
    assert!(s.cluster.store.get::<Pod>(&pod).is_none());
    assert!(!s.kubelet_stopped(&w));
    // A new node of that name has a running kubelet.
    s.perform(&Action::AddNode {
        name: w.clone(),
        labels: Default::default(),
        taints: Vec::new(),
    })
    .expect("added");
    step_until(&mut s, 300, |_| {});
    assert_eq!(kubectl::node_status(node(&s, &w)), "Ready");
}

/// Through the CLI with a scenario file: the Events a student sees in `--events jsonl`.
#[test]
fn cli_scenario_stop_and_start_kubelet() {
    let scenario = "- at: 20s\n  stopKubelet: worker-1\n- at: 6m40s\n  startKubelet: worker-1\n";
    let ds = include_str!("../examples/fluentd-daemonset.yaml");
    let out = common::cli(
        &[("ds.yaml", ds), ("s.yaml", scenario)],
        &[
            "run",
            "ds.yaml",
            "--scenario",
            "s.yaml",
            "--events",
            "jsonl",
            "--until",
            "7m",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let evs = common::events(&out);
    let node = "Node/worker-1";
    assert_eq!(common::times(&evs, node, "NodeNotReady"), [70.0]);
    assert_eq!(common::times(&evs, node, "NodeReady"), [400.0]);
    // The daemon pod is marked not ready, never evicted.
    let not_ready: Vec<&common::Ev> = evs
        .iter()
        .filter(|e| e.reason == "NodeNotReady" && e.object.starts_with("Pod/"))
        .collect();
    assert_eq!(not_ready.len(), 1);
    assert_eq!(not_ready[0].type_, "Warning");
    assert!(evs.iter().all(|e| e.reason != "TaintManagerEviction"));
    let bad = common::cli(
        &[
            ("ds.yaml", ds),
            ("s.yaml", "- at: 1s\n  stopKubelet: [a]\n"),
        ],
        &["run", "ds.yaml", "--scenario", "s.yaml"],
    );
    assert_ne!(bad.code, 0);
    assert!(bad.stderr.contains("s.yaml:2:"), "{}", bad.stderr);
}

#[test]
fn the_controller_puts_back_unreachable_taints_someone_removed() {
    let (mut s, w, _) = stop_at_20s();
    step_until(&mut s, 100, |_| {});
    let out = kubectl::console::run(
        &mut s,
        &format!("kubectl taint nodes {w} node.kubernetes.io/unreachable-"),
    );
    assert!(!out.error, "{}", out.output);
    assert!(taints(&s, &w).is_empty());
    step_until(&mut s, 120, |_| {});
    assert_eq!(
        taints(&s, &w),
        [
            "node.kubernetes.io/unreachable:NoSchedule",
            "node.kubernetes.io/unreachable:NoExecute"
        ]
    );
}

#[test]
fn with_no_node_ready_the_noexecute_taints_are_taken_off() {
    // "Entering master disruption mode": every zone fully disrupted, so the controller blames
    // its own network and evicts nothing.
    let mut s = sim(JOB);
    step_until(&mut s, 20, |_| {});
    s.perform(&Action::StopKubelet("worker-1".into()))
        .expect("stopped");
    step_until(&mut s, 100, |_| {});
    assert_eq!(taints(&s, "worker-1").len(), 2);
    for n in ["control-plane", "worker-2", "worker-3"] {
        s.perform(&Action::StopKubelet(n.into())).expect("stopped");
    }
    step_until(&mut s, 800, |_| {});
    assert_eq!(
        taints(&s, "worker-1"),
        ["node.kubernetes.io/unreachable:NoSchedule"]
    );
    assert!(event_secs(&s, "TaintManagerEviction")
        .iter()
        .all(|t| *t < 400));
    assert!(job_pods(&s)
        .iter()
        .all(|p| p.metadata.deletion_timestamp.is_none()));
}

/// A rolling update meets a lost node: its old daemon pod is not available, so the update
/// deletes it at once (update.go rollingUpdate: an unavailable old pod is replaced), but the
/// kubelet cannot stop it; the node then has only a Terminating pod, which findUpdatedPodsOnNode
/// skips, so the node counts as unavailable and maxUnavailable 1 holds every other node back.
#[test]
fn a_daemonset_rollout_waits_on_a_lost_nodes_terminating_pod() {
    let ds = include_str!("../examples/fluentd-daemonset.yaml");
    let v2 = ds.replace("fluentd:v2.5.2", "fluentd:v2.6.0");
    let scenario = "- at: 20s\n  stopKubelet: worker-2\n- at: 2m\n  apply: v2.yaml\n- at: 5m\n  startKubelet: worker-2\n";
    let out = common::cli(
        &[("ds.yaml", ds), ("v2.yaml", &v2), ("s.yaml", scenario)],
        &[
            "run",
            "ds.yaml",
            "--scenario",
            "s.yaml",
            "--events",
            "none",
            "--until",
            "6m",
            "--kubectl",
            "4m59s: get ds -n kube-system",
            "--kubectl",
            "6m: get ds -n kube-system",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: Vec<Vec<&str>> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("fluentd-elasticsearch"))
        .map(|l| l.split_whitespace().collect())
        .collect();
    // NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE
    assert_eq!(
        rows[0][1..6],
        ["3", "3", "3", "0", "3"],
        "stalled while worker-2 is lost"
    );
    assert_eq!(
        rows[1][1..6],
        ["4", "4", "4", "4", "4"],
        "done once its kubelet is back"
    );
}

/// The node lifecycle and taint eviction controllers run in kube-controller-manager: while it
/// is down nothing is tainted, untainted or evicted, and what they kept in memory (scheduled
/// evictions, node health) starts over when it is back.
#[test]
fn the_controllers_wait_for_the_controller_manager() {
    // Back during the outage: the taints stay until the manager is.
    let (mut s, w, pod) = stop_at_20s();
    step_until(&mut s, 180, |_| {});
    controller_down(&mut s, 300);
    step_until(&mut s, 240, |_| {});
    s.perform(&Action::StartKubelet(w.clone()))
        .expect("started");
    step_until(&mut s, 470, |_| {});
    assert_eq!(
        taints(&s, &w).len(),
        2,
        "taints stay while the manager is down"
    );
    assert!(event_secs(&s, "TaintManagerEviction").is_empty());
    step_until(&mut s, 490, |_| {});
    assert!(taints(&s, &w).is_empty());
    assert!(!deleting(&s, &pod));

    // An eviction scheduled before the outage is scheduled again from the restart.
    let (mut s, _, pod) = stop_at_20s();
    step_until(&mut s, 200, |_| {});
    controller_down(&mut s, 300);
    step_until(&mut s, 900, |_| {});
    assert_eq!(event_secs(&s, "TaintManagerEviction"), [800]);
    assert!(deleting(&s, &pod));

    // A node not yet marked gets a fresh grace period from the restart.
    let (mut s, w, _) = stop_at_20s();
    step_until(&mut s, 30, |_| {});
    controller_down(&mut s, 60);
    step_until(&mut s, 139, |_| {});
    assert_eq!(kubectl::node_status(node(&s, &w)), "Ready");
    step_until(&mut s, 140, |_| {});
    assert_eq!(kubectl::node_status(node(&s, &w)), "NotReady");
}

#[test]
fn a_pod_deleted_meanwhile_keeps_its_scheduled_eviction() {
    let (mut s, _, pod) = stop_at_20s();
    step_until(&mut s, 120, |_| {});
    s.perform(&Action::DeletePod(pod.clone())).expect("deleted");
    step_until(&mut s, 400, |_| {});
    // PodUpdated ignores a change that only sets deletionTimestamp: no "Cancelling".
    assert_eq!(
        event_messages(&s, "TaintManagerEviction"),
        [format!("Marking for deletion Pod default/{pod}")]
    );
    assert_eq!(event_secs(&s, "TaintManagerEviction"), [375]);
}

#[test]
fn containers_ready_stays_true_while_the_node_is_lost() {
    let (mut s, _, pod) = stop_at_20s();
    step_until(&mut s, 100, |_| {});
    let p = s.cluster.store.get::<Pod>(&pod).expect("pod");
    let conditions = ctrlscope::sim::kubelet::reported_conditions(p);
    let get = |t: &str| {
        conditions
            .iter()
            .find(|c| c.type_ == t)
            .expect("condition")
            .status
            .clone()
    };
    assert_eq!(get("Ready"), "False");
    assert_eq!(get("ContainersReady"), "True");
}

#[test]
fn each_zone_has_its_own_noexecute_rate_limit() {
    let node = |name: &str, zone: &str| {
        format!("apiVersion: v1\nkind: Node\nmetadata:\n  name: {name}\n  labels: {{topology.kubernetes.io/zone: {zone}}}\n---\n")
    };
    let mut yaml = String::new();
    for (n, z) in [
        ("a1", "a"),
        ("a2", "a"),
        ("a3", "a"),
        ("b1", "b"),
        ("b2", "b"),
        ("b3", "b"),
    ] {
        yaml.push_str(&node(n, z));
    }
    yaml.push_str(JOB);
    let mut s = Simulation::new(ctrlscope::sim::SimConfig::default());
    for o in ctrlscope::manifest::parse_manifests(&yaml).expect("valid") {
        s.apply(o).expect("applied");
    }
    step_until(&mut s, 20, |_| {});
    for n in ["a1", "a2", "b1"] {
        s.perform(&Action::StopKubelet(n.into())).expect("stopped");
    }
    step_until(&mut s, 120, |_| {});
    let added = |n: &str| {
        let t = node_taint_time(&s, n);
        (t - s.cluster.start).whole_secs()
    };
    // a1 and b1 at once (each zone's first), a2 10 s after a1.
    assert_eq!([added("a1"), added("b1"), added("a2")], [75, 75, 85]);
}

fn node_taint_time(s: &Simulation, n: &str) -> ctrlscope::api::Time {
    node(s, n)
        .spec
        .taints
        .iter()
        .find(|t| t.effect == "NoExecute")
        .and_then(|t| t.time_added)
        .expect("NoExecute timeAdded")
}

#[test]
fn a_container_that_ended_meanwhile_is_not_killed_again() {
    let yaml = JOB.replace("duration: 1h", "duration: 30s");
    let mut s = sim(&yaml);
    step_until(&mut s, 10, |_| {});
    let p = job_pods(&s)[0].clone();
    s.perform(&Action::StopKubelet(p.spec.node_name.clone()))
        .expect("stopped");
    step_until(&mut s, 60, |_| {});
    s.perform(&Action::DeletePod(p.metadata.name.clone()))
        .expect("deleted");
    step_until(&mut s, 100, |_| {});
    s.perform(&Action::StartKubelet(p.spec.node_name.clone()))
        .expect("started");
    step_until(&mut s, 140, |_| {});
    assert!(
        event_secs(&s, "Killing").is_empty(),
        "{:?}",
        event_secs(&s, "Killing")
    );
    assert!(s.cluster.store.get::<Pod>(&p.metadata.name).is_none());
}

#[test]
fn taking_the_noexecute_taint_off_cancels_the_eviction_until_it_is_back() {
    let (mut s, w, pod) = stop_at_20s();
    step_until(&mut s, 180, |_| {});
    s.perform(&Action::UntaintNode {
        name: w.clone(),
        key: "node.kubernetes.io/unreachable:NoExecute".into(),
    })
    .expect("untainted");
    step_until(&mut s, 700, |_| {});
    assert_eq!(
        event_messages(&s, "TaintManagerEviction"),
        [
            format!("Cancelling deletion of Pod default/{pod}"),
            format!("Marking for deletion Pod default/{pod}")
        ]
    );
    // Put back on the controller's next pass (185 s); 300 s from then.
    assert_eq!(event_secs(&s, "TaintManagerEviction"), [180, 485]);
}

#[test]
fn a_restarted_kubelet_renews_its_lease_from_its_start() {
    let (mut s, w, _) = stop_at_20s();
    step_until(&mut s, 35, |_| {});
    s.perform(&Action::StartKubelet(w.clone()))
        .expect("started");
    let renew = |s: &mut Simulation| {
        let out = kubectl::console::run(s, &format!("kubectl describe node {w}")).output;
        out.lines()
            .find(|l| l.trim_start().starts_with("RenewTime:"))
            .map(|l| l.trim().to_string())
            .expect("RenewTime")
    };
    step_until(&mut s, 50, |_| {});
    assert_eq!(
        renew(&mut s),
        "RenewTime:       Thu, 01 Jan 2026 00:00:45 +0000"
    );
    step_until(&mut s, 58, |_| {});
    s.perform(&Action::StopKubelet(w.clone())).expect("stopped");
    step_until(&mut s, 70, |_| {});
    assert_eq!(
        renew(&mut s),
        "RenewTime:       Thu, 01 Jan 2026 00:00:55 +0000"
    );
    // Renewals at 35 s, 45 s, 55 s: NotReady 50 s after 55 s.
    step_until(&mut s, 104, |_| {});
    assert_eq!(kubectl::node_status(node(&s, &w)), "Ready");
    step_until(&mut s, 105, |_| {});
    assert_eq!(kubectl::node_status(node(&s, &w)), "NotReady");
}

/// An Event about a Node (cluster-scoped) lives in the `default` namespace (client-go
/// tools/record/event.go makeEvent), so `get events -n kube-system` does not list it and
/// `get events -A` shows it under `default`; its involvedObject has no namespace.
#[test]
fn node_events_live_in_the_default_namespace() {
    let (mut s, w, _) = stop_at_20s();
    step_until(&mut s, 120, |_| {});
    let all = ctrlscope::kubectl::console::run(&mut s, "get events -A").output;
    let line = all
        .lines()
        .find(|l| l.contains(&format!("node/{w}")) && l.contains("NodeNotReady"))
        .unwrap_or_else(|| panic!("{all}"));
    assert!(line.starts_with("default "), "{line}");
    let ks = ctrlscope::kubectl::console::run(&mut s, "get events -n kube-system").output;
    assert!(!ks.contains("node/"), "{ks}");
    let e = s
        .cluster
        .events
        .iter()
        .map(|e| e.to_event())
        .find(|e| e.involved_object.kind == "Node")
        .expect("a node event");
    assert_eq!(
        (
            e.metadata.namespace.as_str(),
            e.involved_object.namespace.as_str()
        ),
        ("default", "")
    );
}

/// Non-graceful node shutdown: the `node.kubernetes.io/out-of-service` NoExecute taint on the
/// lost node evicts its pods (taint eviction), and the pod GC's gcTerminating (every 20 s)
/// marks them Failed and deletes them with grace period 0, as no kubelet will ever confirm
/// they stopped (podgc gc_controller.go). Without it they would stay Terminating.
#[test]
fn the_out_of_service_taint_frees_a_lost_nodes_pods() {
    let (mut s, w, pod) = stop_at_20s();
    step_until(&mut s, 150, |_| {});
    let r = ctrlscope::kubectl::console::run(
        &mut s,
        &format!("taint nodes {w} node.kubernetes.io/out-of-service=nodeshutdown:NoExecute"),
    );
    assert!(!r.error, "{}", r.output);
    step_until(&mut s, 159, |_| {});
    assert!(deleting(&s, &pod), "evicted, Terminating");
    // The pod GC's next tick (every 20 s from the start) is at 160 s.
    step_until(&mut s, 160, |_| {});
    assert!(
        s.cluster.store.get::<Pod>(&pod).is_none(),
        "force deleted at 160 s"
    );
}

/// The taint put on at one of the pod GC's 20 s ticks: its sync marks the evicted pod Failed
/// while the Job's finalizer still holds it, and that update must not bring the pod GC back
/// at the same instant (a run that never left t=140 s, and a frozen page).
#[test]
fn the_out_of_service_taint_on_a_pod_gc_tick_does_not_loop() {
    let (mut s, w, pod) = stop_at_20s();
    step_until(&mut s, 140, |_| {});
    let r = ctrlscope::kubectl::console::run(
        &mut s,
        &format!("taint nodes {w} node.kubernetes.io/out-of-service=nodeshutdown:NoExecute"),
    );
    assert!(!r.error, "{}", r.output);
    step_until(&mut s, 200, |_| {});
    assert!(s.looped_at().is_empty(), "{:?}", s.looped_at());
    assert!(s.cluster.store.get::<Pod>(&pod).is_none(), "force deleted");
    assert_eq!(
        job_pods(&s)
            .iter()
            .filter(|p| p.metadata.deletion_timestamp.is_none())
            .count(),
        1,
        "replaced"
    );
}

/// A node that joins a running cluster records its kubelet starting and the node lifecycle
/// controller registering it ("Node worker-4 event: Registered Node worker-4 in Controller",
/// nodeutil.RecordNodeEvent); removed, "Removing Node worker-4 from Controller". The cluster's
/// own nodes, there before the run, record none.
#[test]
fn a_node_that_joins_or_leaves_says_so() {
    let mut s = cluster();
    assert!(event_messages(&s, "RegisteredNode").is_empty());
    step_until(&mut s, 30, |_| {});
    s.perform(&Action::AddNode {
        name: "worker-4".into(),
        labels: Default::default(),
        taints: Vec::new(),
    })
    .expect("added");
    let described = ctrlscope::kubectl::console::run(&mut s, "describe node worker-4").output;
    let reasons: Vec<&str> = described
        .lines()
        .skip_while(|l| !l.starts_with("Events:"))
        .skip(3)
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect();
    assert_eq!(
        reasons,
        [
            "Starting",
            "NodeHasSufficientMemory",
            "NodeHasNoDiskPressure",
            "NodeHasSufficientPID",
            "NodeAllocatableEnforced",
            "RegisteredNode",
            "NodeReady"
        ],
        "{described}"
    );
    // kubelet.go NewMainKubelet refers to its node with the node's name as uid; the node
    // controller uses the Node's own uid (describe node searches both).
    let uid = s
        .cluster
        .store
        .get::<Node>("worker-4")
        .unwrap()
        .metadata
        .uid
        .clone();
    for e in s.cluster.events.iter().map(|e| e.to_event()) {
        let r = &e.involved_object;
        if r.kind == "Node" && r.name == "worker-4" {
            let want = if e.source.component == "kubelet" {
                "worker-4"
            } else {
                uid.as_str()
            };
            assert_eq!(r.uid, want, "{}", e.reason);
        }
    }
    s.perform(&Action::RemoveNode("worker-4".into()))
        .expect("removed");
    assert_eq!(
        event_messages(&s, "RemovingNode"),
        ["Node worker-4 event: Removing Node worker-4 from Controller"]
    );
}

/// The node lifecycle controller's taints carry when it added them (SwapNodeControllerTaint
/// sets timeAdded), the unschedulable one of a cordon too.
#[test]
fn the_cordon_taint_says_when_it_was_added() {
    let mut s = cluster();
    step_until(&mut s, 30, |_| {});
    s.perform(&Action::Cordon("worker-2".into()))
        .expect("cordoned");
    let t = node(&s, "worker-2")
        .spec
        .taints
        .iter()
        .find(|t| t.key == "node.kubernetes.io/unschedulable")
        .cloned()
        .expect("taint");
    assert_eq!(t.time_added, Some(s.now()));
}

/// A Node created cordoned (`spec.unschedulable: true` in its manifest) carries the
/// unschedulable taint like a cordoned one: the node lifecycle controller follows the field
/// however it was set (node_lifecycle_controller.go doNoScheduleTaintingPass).
#[test]
fn a_node_created_cordoned_has_the_unschedulable_taint() {
    let node_yaml =
        "apiVersion: v1\nkind: Node\nmetadata: {name: w9}\nspec: {unschedulable: true}\n";
    let s = sim(&format!("{JOB}---\n{node_yaml}"));
    let taints: Vec<_> = node(&s, "w9")
        .spec
        .taints
        .iter()
        .map(|t| format!("{}:{}", t.key, t.effect))
        .collect();
    assert_eq!(taints, ["node.kubernetes.io/unschedulable:NoSchedule"]);
    let mut s = s;
    let out = kubectl::console::run(&mut s, "describe node w9").output;
    assert!(
        out.contains("Taints:             node.kubernetes.io/unschedulable:NoSchedule\nUnschedulable:      true"),
        "{out}"
    );
}

/// A node removed while the controller manager is down: the restarted pod GC's quarantine
/// starts afresh (it lives in memory), so the node's pods go 40 s after its first pass, not at
/// the restart (podgc gc_controller.go gcOrphaned).
#[test]
fn after_an_outage_the_pod_gc_quarantines_a_missing_node_again() {
    let mut s = cluster();
    step_until(&mut s, 20, |_| {});
    let pod = job_pods(&s)[0].metadata.name.clone();
    let w = job_pods(&s)[0].spec.node_name.clone();
    controller_down(&mut s, 180);
    step_until(&mut s, 30, |_| {});
    s.perform(&Action::RemoveNode(w)).expect("removed");
    let collected = |s: &Simulation| {
        s.cluster
            .store
            .get::<Pod>(&pod)
            .is_none_or(|p| p.metadata.deletion_timestamp.is_some())
    };
    step_until(&mut s, 239, |_| {});
    assert!(!collected(&s), "quarantined until 240 s");
    step_until(&mut s, 240, |_| {});
    assert!(collected(&s), "collected at 240 s");
}

/// A cordon and an uncordon are reported by the node's kubelet at its next status sync (every
/// 10 s since it started, kubelet_node_status.go syncNodeStatus → recordNodeSchedulableEvent):
/// NodeNotSchedulable at 30 s for the cordon at 20 s, then NodeSchedulable at 70 s. A cordon
/// undone before the next sync is never reported.
#[test]
fn cordon_and_uncordon_are_node_events() {
    let ds = include_str!("../examples/fluentd-daemonset.yaml");
    let out = common::cli(
        &[
            ("ds.yaml", ds),
            (
                "s.yaml",
                "- at: 20s\n  cordon: worker-2\n- at: 60s\n  uncordon: worker-2\n- at: 81s\n  cordon: worker-1\n- at: 85s\n  uncordon: worker-1\n",
            ),
        ],
        &[
            "run",
            "ds.yaml",
            "--scenario",
            "s.yaml",
            "--until",
            "2m",
            "--events",
            "jsonl",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let seen: Vec<(f64, String, String)> = common::events(&out)
        .into_iter()
        .filter(|e| e.object.starts_with("Node/worker-") && e.reason.contains("Schedulable"))
        .map(|e| (e.t, e.reason, e.message))
        .collect();
    assert_eq!(
        seen,
        [
            (
                30.0,
                "NodeNotSchedulable".to_string(),
                "Node worker-2 status is now: NodeNotSchedulable".to_string()
            ),
            (
                70.0,
                "NodeSchedulable".to_string(),
                "Node worker-2 status is now: NodeSchedulable".to_string()
            ),
        ]
    );
}

/// The two controllers' steps as the loop panel reads them (decisions left out).
fn loop_of(s: &Simulation, controller: &str) -> Vec<String> {
    use ctrlscope::sim::cluster::Step;
    s.cluster
        .loop_steps
        .iter()
        .filter(|l| l.controller == controller)
        .filter_map(|l| match &l.step {
            Step::Watch { event, object } => Some(format!("watch {event} {object}")),
            Step::Sync { key } => Some(format!("sync {key}")),
            Step::Patch {
                object, summary, ..
            } => Some(format!("patch {object} {summary}")),
            Step::UpdateStatus { object, summary } => Some(format!("status {object} {summary}")),
            Step::Delete { object } => Some(format!("delete {object}")),
            _ => None,
        })
        .collect()
}

// node_lifecycle_controller.go monitorNodeHealth / tryUpdateNodeHealth / MarkPodsNotReady /
// doNoScheduleTaintingPass / doNoExecuteTaintingPass / markNodeAsReachable, and
// taint_eviction.go handleNodeUpdate → processPodOnNode → addConditionAndDeletePod: each of the
// controller's writes is a step of its loop, so the page's loop panel is not empty for them.
#[test]
fn the_node_lifecycle_and_taint_eviction_loops_show_their_writes() {
    let (mut s, w, pod) = stop_at_20s();
    // Recorded from the stop on (the loop trace is off unless someone watches it).
    s.cluster.record_loop = true;
    step_until(&mut s, 400, |_| {});
    s.perform(&Action::StartKubelet(w.clone()))
        .expect("started");
    step_until(&mut s, 400, |_| {});
    let daemon = s
        .pods()
        .into_iter()
        .find(|p| p.metadata.name.starts_with("fluentd") && p.spec.node_name == w)
        .expect("daemon pod")
        .metadata
        .name
        .clone();
    let lifecycle = loop_of(&s, "node-lifecycle-controller");
    let taint = "node.kubernetes.io/unreachable";
    assert_eq!(lifecycle[0], format!("sync {w}"));
    assert_eq!(
        lifecycle[1],
        format!("status Node/{w} Ready=Unknown (NodeStatusUnknown)")
    );
    let mut not_ready = lifecycle[2..4].to_vec();
    not_ready.sort();
    let mut want = vec![
        format!("status Pod/{pod} Ready=False"),
        format!("status Pod/{daemon} Ready=False"),
    ];
    want.sort();
    assert_eq!(not_ready, want);
    assert_eq!(
        lifecycle[4..],
        [
            format!("patch Node/{w} taints += {taint}:NoSchedule"),
            format!("sync {w}"),
            format!("patch Node/{w} taints += {taint}:NoExecute"),
            format!("watch MODIFIED Node/{w}"),
            format!("sync {w}"),
            format!("patch Node/{w} taints -= {taint}:NoSchedule"),
            // NoExecute on the next pass, which no watch event starts (monitorNodeHealth).
            format!("sync {w}"),
            format!("patch Node/{w} taints -= {taint}:NoExecute"),
        ]
    );
    // NodeUpdated: the NoExecute taint's coming and going are each the watch event that
    // queues the node for handleNodeUpdate (taint_eviction.go).
    assert_eq!(
        loop_of(&s, "taint-eviction-controller"),
        [
            format!("watch MODIFIED Node/{w}"),
            format!("sync {w}"),
            // The timer firing is the timed worker's, no sync of the node (timed_workers.go).
            format!("status Pod/{pod} DisruptionTarget=True (DeletionByTaintManager)"),
            format!("delete Pod/{pod}"),
            format!("watch MODIFIED Node/{w}"),
            format!("sync {w}"),
        ]
    );
}

/// A kubelet with nothing new to say PATCHes its node status every nodeStatusReportFrequency
/// (5 min; kubelet_node_status.go tryUpdateNodeStatus), so LastHeartbeatTime lags behind the
/// Lease's RenewTime, which is renewed every 10 s.
#[test]
fn describe_node_heartbeats_come_every_five_minutes_the_lease_every_ten_seconds() {
    let mut s = cluster();
    step_until(&mut s, 395, |_| {});
    let out = kubectl::console::run(&mut s, "kubectl describe node worker-1").output;
    assert!(
        out.contains("RenewTime:       Thu, 01 Jan 2026 00:06:30 +0000"),
        "{out}"
    );
    assert!(
        out.contains("Ready            True    Thu, 01 Jan 2026 00:05:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletReady"),
        "{out}"
    );
    // `get -o yaml|jsonpath` shows the same heartbeat on every condition, as a cluster does.
    let beats = kubectl::console::run(
        &mut s,
        "get node worker-1 -o jsonpath={.status.conditions[*].lastHeartbeatTime}",
    )
    .output;
    assert_eq!(beats, ["2026-01-01T00:05:00Z"; 4].join(" "));
    let yaml = kubectl::console::run(&mut s, "get node worker-1 -o yaml").output;
    assert!(
        yaml.contains("  - lastHeartbeatTime: \"2026-01-01T00:05:00Z\"\n    lastTransitionTime: \"2026-01-01T00:00:00Z\"\n    message: kubelet is posting ready status"),
        "{yaml}"
    );
}

/// The taint eviction controller's scheduled deletions are its queue in the page's loop panel
/// (`Simulation::queues`): the Job's pod, due 300 s after the NoExecute taint.
#[test]
fn the_scheduled_evictions_are_the_taint_eviction_queue() {
    let (mut s, _, pod) = stop_at_20s();
    step_until(&mut s, 80, |_| {});
    let q = s
        .queues()
        .into_iter()
        .find(|q| q.0 == "taint-eviction-controller")
        .expect("queue");
    let start = s.cluster.start;
    let due: Vec<(i64, String)> =
        q.2.iter()
            .map(|(t, k)| ((*t - start).whole_secs(), k.clone()))
            .collect();
    assert_eq!(due, [(375, format!("pod/{pod}"))]);
}

/// node_lifecycle_controller.go: RemovingNode comes from monitorNodeHealth noticing a known
/// node gone; a node deleted while the controller manager is down is never known to the
/// restarted one (it lists the nodes there are), so no such Event is written.
#[test]
fn a_node_removed_while_the_controller_manager_is_down_is_not_reported() {
    let mut s = cluster();
    step_until(&mut s, 20, |_| {});
    controller_down(&mut s, 120);
    step_until(&mut s, 30, |_| {});
    s.perform(&Action::RemoveNode("worker-1".into()))
        .expect("removed");
    step_until(&mut s, 200, |_| {});
    assert!(event_messages(&s, "RemovingNode").is_empty());
}

/// A node joining the running cluster is created with the `not-ready:NoSchedule` taint (the
/// TaintNodesByCondition admission plugin, plugin/pkg/admission/nodetaint), which the node
/// lifecycle controller lifts once it sees the node Ready: a DaemonSet that does not tolerate
/// it gets its pod there only then, one that does (a log agent tolerating everything) needs
/// no wait. While the controller manager is down, the taint stays.
#[test]
fn a_new_node_is_not_ready_tainted_until_the_node_lifecycle_controller_lifts_it() {
    const DS: &str = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      containers: [{name: c, image: busybox:1.36}]\n";
    let mut s = sim(DS);
    step_until(&mut s, 5, |_| {});
    s.perform(&Action::ControllerDown(
        ctrlscope::api::Duration::from_secs(30),
    ))
    .expect("down");
    s.add_node("worker-4", Default::default(), Vec::new())
        .expect("add");
    step_until(&mut s, 20, |_| {});
    let keys = |s: &Simulation| -> Vec<String> {
        node(s, "worker-4")
            .spec
            .taints
            .iter()
            .map(|t| format!("{}:{}", t.key, t.effect))
            .collect()
    };
    assert_eq!(keys(&s), ["node.kubernetes.io/not-ready:NoSchedule"]);
    let on4 = |s: &Simulation| {
        s.pods()
            .iter()
            .filter(|p| p.spec.node_name == "worker-4")
            .count()
    };
    assert_eq!(on4(&s), 0, "the DaemonSet controller is down too");
    // Back at 35 s: the taint comes off, then the daemon pod is created.
    step_until(&mut s, 36, |_| {});
    assert!(keys(&s).is_empty());
    assert_eq!(on4(&s), 1);
    let ds = s.cluster.store.get::<DaemonSet>("agent").expect("ds");
    assert_eq!(ds.status.desired_number_scheduled, 4);
}

/// podgc gc_controller.go gcOrphaned: a pod bound (`spec.nodeName`) to a node that never
/// existed puts that name in the 40 s quarantine at the pod GC's next pass; still missing
/// after it, the pod is marked Failed with `DisruptionTarget` (DeletionByPodGC, `PodGC: node
/// no longer exists`) and deleted, as after a node removal. A Job counts each as a failure, so
/// its replacements (bound to the same name) fail in turn until BackoffLimitExceeded.
#[test]
fn gc_orphaned_collects_pods_bound_to_a_node_that_never_existed() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: nn9}\nspec:\n  backoffLimit: 2\n  template:\n    spec:\n      restartPolicy: Never\n      nodeName: worker-9\n      containers:\n      - name: c\n        image: busybox\n        command: [\"sh\",\"-c\",\"sleep 3600\"]\n";
    let mut s = sim(yaml);
    let mut marked: Vec<(String, String, String, String, f64)> = Vec::new();
    step_until(&mut s, 300, |s| {
        for p in s.pods() {
            let Some(c) = p
                .status
                .conditions
                .iter()
                .find(|c| c.type_ == "DisruptionTarget")
            else {
                continue;
            };
            if !marked.iter().any(|m| m.0 == p.metadata.name) {
                marked.push((
                    p.metadata.name.clone(),
                    p.status.phase.clone(),
                    c.reason.clone(),
                    c.message.clone(),
                    common::secs(s, s.now()),
                ));
            }
        }
    });
    assert_eq!(marked.len(), 3, "{marked:?}");
    for (_, phase, reason, message, _) in &marked {
        assert_eq!(phase, "Failed");
        assert_eq!(reason, "DeletionByPodGC");
        assert_eq!(message, "PodGC: node no longer exists");
    }
    // The first pass (0 s) quarantines worker-9, so the pod goes at 40 s; the pod's own
    // updates then keep the name quarantined, and each replacement goes 40 s later.
    let at: Vec<f64> = marked.iter().map(|m| m.4).collect();
    assert_eq!(at, [40.0, 80.0, 120.0]);
    assert!(s.pods().is_empty());
    assert_eq!(event_messages(&s, "BackoffLimitExceeded").len(), 1);
    let job = s.cluster.store.get::<Job>("nn9").expect("job");
    assert_eq!(job.status.failed, 3);
}

/// The API server reads a log from the pod's kubelet (pkg/registry/core/pod/strategy.go
/// LogLocation): a removed node's pod is NotFound on its node, a stopped kubelet refuses the
/// connection to port 10250.
#[test]
fn logs_come_from_the_kubelet_so_a_lost_node_has_none() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: lg}\nspec:\n  parallelism: 3\n  completions: 3\n  template:\n    spec:\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"while true; do date; sleep 10; done\"]\n      restartPolicy: Never\n";
    let scenario = "- at: 20s\n  stopKubelet: worker-1\n- at: 20s\n  removeNode: worker-2\n";
    let out = common::cli(
        &[("lg.yaml", job), ("s.yaml", scenario)],
        &[
            "lg.yaml",
            "--scenario",
            "s.yaml",
            "--until",
            "2m",
            "--kubectl",
            "10s: logs lg-hrrsw --tail=1",
            "--kubectl",
            "30s: logs lg-rdx8c --tail=1",
            "--kubectl",
            "100s: logs lg-hrrsw -f --timestamps",
        ],
    );
    let o = &out.stdout;
    assert!(
        o.contains("kubectl logs lg-hrrsw --tail=1\nThu Jan  1 00:00:01 UTC 2026\n"),
        "{o}"
    );
    assert!(o.contains("kubectl logs lg-rdx8c --tail=1\nError from server (NotFound): nodes \"worker-2\" not found\n"), "{o}");
    assert!(o.contains("Error from server: Get \"https://172.18.0.3:10250/containerLogs/default/lg-hrrsw/c?follow=true&timestamps=true\": dial tcp 172.18.0.3:10250: connect: connection refused"), "{o}");
}

/// A kubelet back just before a pod's toleration of `unreachable:NoExecute` runs out does not
/// save it: the NoSchedule taint comes off on the node's update (doNoScheduleTaintingPass), the
/// NoExecute one only on the controller's next 5-s pass (monitorNodeHealth →
/// markNodeAsReachable), after the eviction came due.
#[test]
fn the_noexecute_taint_stays_until_the_next_pass_after_the_kubelet_is_back() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: t2}\nspec:\n  parallelism: 3\n  completions: 3\n  template:\n    spec:\n      tolerations:\n      - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 44}\n      containers:\n      - {name: c, image: busybox:1.36, command: [sh, -c, sleep 3600]}\n      restartPolicy: Never\n";
    let scenario = "- at: 33s\n  stopKubelet: worker-1\n- at: 128s\n  startKubelet: worker-1\n";
    let out = common::cli(
        &[("j.yaml", job), ("s.yaml", scenario)],
        &[
            "j.yaml",
            "--scenario",
            "s.yaml",
            "--until",
            "135s",
            "--events",
            "jsonl",
            "--kubectl",
            "128s: get node worker-1 -o jsonpath={.spec.taints[*].effect}",
            "--kubectl",
            "130s: get node worker-1 -o jsonpath={.spec.taints[*].effect}",
        ],
    );
    let evs = common::events(&out);
    // NotReady at 80 s, NoExecute at 85 s: the toleration ends at 129 s, before the 130-s pass.
    let evictions: Vec<(f64, &str)> = evs
        .iter()
        .filter(|e| e.reason == "TaintManagerEviction")
        .map(|e| (e.t, e.message.as_str()))
        .collect();
    assert_eq!(
        evictions,
        [(129.0, "Marking for deletion Pod default/t2-hrrsw")],
        "{evictions:?}"
    );
    // At 128 s only NoExecute is left; the 130-s pass takes it off.
    let jsonpath = "kubectl get node worker-1 -o jsonpath={.spec.taints[*].effect}";
    assert!(
        out.stdout.contains(&format!(
            "# t=2m8s (2026-01-01T00:02:08Z) {jsonpath}\nNoExecute\n"
        )),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains(&format!(
            "# t=2m10s (2026-01-01T00:02:10Z) {jsonpath}\nNoExecute"
        )),
        "{}",
        out.stdout
    );
}

/// A deleted node's pods keep their eviction timers (taint_eviction.go handleNodeUpdate, on
/// NotFound, only forgets the node's taints); the pod GC's delete then cancels each timer with
/// its Event (handlePodUpdate → cancelWorkWithEvent), not the node's deletion.
#[test]
fn a_removed_nodes_pods_keep_their_eviction_timers_until_they_are_deleted() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: t2}\nspec:\n  template:\n    spec:\n      nodeName: worker-1\n      containers:\n      - {name: c, image: busybox:1.36, command: [sh, -c, sleep 3600]}\n      restartPolicy: Never\n";
    let scenario = "- at: 33s\n  stopKubelet: worker-1\n- at: 100s\n  removeNode: worker-1\n";
    let out = common::cli(
        &[("j.yaml", job), ("s.yaml", scenario)],
        &[
            "j.yaml",
            "--scenario",
            "s.yaml",
            "--until",
            "200s",
            "--events",
            "jsonl",
        ],
    );
    let evs = common::events(&out);
    let when = |reason: &str| -> Vec<f64> {
        evs.iter()
            .filter(|e| e.reason == reason)
            .map(|e| e.t)
            .collect()
    };
    let evictions: Vec<(f64, &str)> = evs
        .iter()
        .filter(|e| e.reason == "TaintManagerEviction")
        .map(|e| (e.t, e.message.as_str()))
        .collect();
    // The pod GC deletes it after its 40-s quarantine (on its 20-s ticks), long before the
    // 300-s toleration runs out: the timer is cancelled then, not at the node's deletion.
    let removed = when("RemovingNode");
    assert_eq!(removed, [100.0], "{evs:?}");
    assert_eq!(evictions.len(), 1, "{evs:?}");
    assert!(
        evictions[0].0 >= 140.0 && evictions[0].0 <= 160.0,
        "{evictions:?}"
    );
    assert!(
        evictions[0]
            .1
            .starts_with("Cancelling deletion of Pod default/t2-"),
        "{evictions:?}"
    );
}

/// `kubectl logs -f` reads the stream the kubelet serves: when the kubelet stops, the stream
/// ends with it (no line its container printed afterwards arrives).
#[test]
fn a_followed_log_ends_when_its_kubelet_stops() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: lg}\nspec:\n  template:\n    spec:\n      nodeName: worker-1\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"while true; do date; sleep 10; done\"]\n      restartPolicy: Never\n";
    let scenario = "- at: 25s\n  stopKubelet: worker-1\n";
    let out = common::cli(
        &[("lg.yaml", job), ("s.yaml", scenario)],
        &[
            "lg.yaml",
            "--scenario",
            "s.yaml",
            "--until",
            "90s",
            "--kubectl",
            "10s: logs -f job/lg",
            "--kubectl",
            "80s: get jobs",
        ],
    );
    let o = &out.stdout;
    let follow = o
        .split("kubectl logs -f job/lg\n")
        .nth(1)
        .unwrap_or_default();
    let follow = follow.split("# t=").next().unwrap_or_default();
    assert_eq!(
        follow,
        "Thu Jan  1 00:00:01 UTC 2026\nThu Jan  1 00:00:11 UTC 2026\nThu Jan  1 00:00:21 UTC 2026\n",
        "{o}"
    );
}
