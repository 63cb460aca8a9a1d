//! The controllers' recorded loop steps (what `--loop` prints and the page's loop panel walks)
//! show each write, watch event and work-queue add the real controller makes.

use ctrlscope::api::Duration;
use ctrlscope::manifest::parse_manifests;
use ctrlscope::sim::cluster::{LoopStep, Step};
use ctrlscope::sim::scenario::Action;
use ctrlscope::sim::{SimConfig, Simulation};

fn sim(yaml: &str) -> Simulation {
    let mut s = Simulation::new(SimConfig {
        record_loop: true,
        ..SimConfig::default()
    });
    s.add_default_nodes();
    for o in parse_manifests(yaml).expect("valid") {
        s.apply(o).expect("applies");
    }
    s
}

fn run_to(sim: &mut Simulation, secs: i64) {
    let t = sim.cluster.start + Duration::from_secs(secs);
    sim.run_until(t);
}

fn steps_of<'a>(sim: &'a Simulation, controller: &str) -> Vec<&'a LoopStep> {
    sim.cluster
        .loop_steps
        .iter()
        .filter(|s| s.controller == controller)
        .collect()
}

/// A short line per step, for the assertions' messages and matching.
fn line(s: &LoopStep) -> String {
    match &s.step {
        Step::Watch { event, object } => format!("watch {event} {object}"),
        Step::Enqueue {
            key, after, why, ..
        } => {
            format!("enqueue {key} after={} {why}", after.is_some())
        }
        Step::Sync { key } => format!("sync {key}"),
        Step::Decide { key, message, .. } => format!("decide {key}: {message}"),
        Step::Create { object } => format!("create {object}"),
        Step::Delete { object } => format!("delete {object}"),
        Step::Patch {
            object, summary, ..
        } => format!("patch {object}: {summary}"),
        Step::UpdateStatus { object, summary } => format!("updateStatus {object}: {summary}"),
    }
}

fn lines(sim: &Simulation, controller: &str) -> Vec<String> {
    steps_of(sim, controller).into_iter().map(line).collect()
}

fn position(lines: &[String], prefix: &str) -> usize {
    lines
        .iter()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix:?} in {lines:#?}"))
}

const REPORT: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: report\nspec:\n  template:\n    spec:\n      containers:\n      - name: r\n        image: busybox\n        command: [\"sh\", \"-c\", \"sleep 3600\"]\n      restartPolicy: Never\n";

/// The report pod's node lost (its kubelet stopped at 30 s), as in lessons/lost-node:
/// (pod, node).
fn lost_node(s: &mut Simulation) -> (String, String) {
    run_to(s, 30);
    let (pod, node) = s
        .cluster
        .store
        .list::<ctrlscope::api::Pod>()
        .find(|p| p.metadata.name.starts_with("report"))
        .map(|p| (p.metadata.name.clone(), p.spec.node_name.clone()))
        .expect("the report pod");
    assert!(!node.is_empty());
    s.perform(&Action::StopKubelet(node.clone())).expect("stop");
    (pod, node)
}

/// podgc/gc_controller.go markFailedAndDeletePodWithCondition: a pod not ended is patched to
/// Failed with a DisruptionTarget condition (DeletionByPodGC) before its delete with grace 0,
/// and that write is the pod GC's status step.
#[test]
fn the_pod_gc_marks_a_pod_of_a_removed_node_failed_before_deleting_it() {
    let mut s = sim(REPORT);
    let (pod, node) = lost_node(&mut s);
    run_to(&mut s, 200);
    s.perform(&Action::RemoveNode(node.clone()))
        .expect("remove");
    run_to(&mut s, 600);
    let gc = lines(&s, "pod-garbage-collector");
    let sync = position(&gc, &format!("sync node/{node}"));
    let status = position(
        &gc,
        &format!("updateStatus Pod/{pod}: phase=Failed, DisruptionTarget=True (DeletionByPodGC)"),
    );
    let delete = position(&gc, &format!("delete Pod/{pod}"));
    assert!(sync < status && status < delete, "{gc:#?}");
}
