//! The controllers' recorded loop steps (what `--loop` prints and the page's loop panel walks)
//! show each write, watch event and work-queue add the real controller makes.

use ctrlscope::api::{Duration, Job, Time};
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

/// tainteviction/taint_eviction.go: NodeUpdated queues the node whose NoExecute taints
/// changed (or that is deleted) for handleNodeUpdate, whose processPodOnNode puts a pod that
/// tolerates them for a while in the timed queue (the queue the page shows live);
/// podgc/gc_controller.go gcOrphaned's nodeQueue.AddAfter(nodeName, quarantineTime) is the
/// add its sync 40 s on comes from.
#[test]
fn a_lost_node_shows_the_watch_events_and_queue_adds_of_its_syncs() {
    let mut s = sim(REPORT);
    let (pod, node) = lost_node(&mut s);
    run_to(&mut s, 200);
    let taint = lines(&s, "taint-eviction-controller");
    let watch = position(&taint, &format!("watch MODIFIED Node/{node}"));
    let add = position(&taint, &format!("enqueue {node} after=false NodeUpdated: Node {node}'s NoExecute taints changed (now node.kubernetes.io/unreachable"));
    let sync = position(&taint, &format!("sync {node}"));
    let timed = position(
        &taint,
        &format!("enqueue pod/{pod} after=true tolerationSeconds 300"),
    );
    assert!(watch < add && add < sync && sync < timed, "{taint:#?}");
    let live = s
        .queues()
        .into_iter()
        .find(|q| q.0 == "taint-eviction-controller")
        .expect("the taint eviction queue");
    assert_eq!(
        live.2.iter().map(|(_, k)| k.as_str()).collect::<Vec<_>>(),
        [format!("pod/{pod}")]
    );

    s.perform(&Action::RemoveNode(node.clone()))
        .expect("remove");
    run_to(&mut s, 600);
    let gc = lines(&s, "pod-garbage-collector");
    // The pod GC has no informer handlers (NewPodGCInternal): no watch event, its pass
    // finds the node missing and queues it.
    assert!(!gc.iter().any(|l| l.starts_with("watch")), "{gc:#?}");
    let add = position(
        &gc,
        &format!("enqueue node/{node} after=true node {node} does not exist"),
    );
    let sync = position(&gc, &format!("sync node/{node}"));
    assert!(add < sync, "{gc:#?}");
    // Its queue add is due when the sync came.
    let steps = steps_of(&s, "pod-garbage-collector");
    let due = steps.iter().find_map(|l| match &l.step {
        Step::Enqueue { key, after, .. } if *key == format!("node/{node}") => *after,
        _ => None,
    });
    assert_eq!(due, Some(steps[sync].t), "{gc:#?}");
    let taint = lines(&s, "taint-eviction-controller");
    assert!(
        taint
            .iter()
            .any(|l| *l == format!("enqueue {node} after=false NodeUpdated: Node {node} deleted")),
        "{taint:#?}"
    );
}

/// client-go ItemExponentialFailureRateLimiter.When counts each AddRateLimited, and the
/// delaying queue keeps the earlier due time of a key already waiting (delaying_queue.go):
/// the 10 ms retry merged into the 5 ms one is said, so 5 ms then 20 ms has its reason.
#[test]
fn a_rate_limited_add_the_queue_drops_is_said() {
    let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      priorityClassName: nope\n      containers:\n      - name: a\n        image: nginx:1.27\n";
    let mut s = sim(ds);
    run_to(&mut s, 1);
    let adds: Vec<String> = lines(&s, "daemonset-controller")
        .into_iter()
        .filter(|l| l.contains("retry in"))
        .take(3)
        .collect();
    assert_eq!(
        adds,
        [
            "enqueue agent after=true sync failed (pod create refused), retry in 5ms",
            "enqueue agent after=true sync failed (pod create refused), retry in 10ms: dropped, the queue keeps its earlier entry (due at t=0.005s)",
            "enqueue agent after=true sync failed (pod create refused), retry in 20ms",
        ]
    );
}

/// cronjob_controllerv2.go updateCronJob: a changed schedule is enqueueControllerAfter the new
/// next time, which the queue drops while the key waits for an earlier one.
#[test]
fn a_schedule_change_merged_into_an_earlier_wait_is_said() {
    let cj = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: \"*/5 * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: c\n            image: busybox\n          restartPolicy: OnFailure\n";
    let mut s = sim(cj);
    run_to(&mut s, 60);
    let r = ctrlscope::kubectl::console::run(
        &mut s,
        r#"kubectl patch cronjob hello -p '{"spec":{"schedule":"*/10 * * * *"}}'"#,
    );
    assert!(r.output.contains("patched"), "{}", r.output);
    run_to(&mut s, 61);
    let l = lines(&s, "cronjob-controller");
    assert!(l.iter().any(|l| l == "enqueue hello after=true schedule changed: next schedule time: dropped, the queue keeps its earlier entry (due at t=300.1s)"), "{l:#?}");
    let zh = steps_of(&s, "cronjob-controller")
        .into_iter()
        .find_map(|l| match &l.step {
            Step::Enqueue { why, zh, .. } if why.contains("dropped") => Some(zh.clone()),
            _ => None,
        });
    assert_eq!(
        zh.as_deref(),
        Some("调度时间表已改：下一个调度时间：被丢弃，队列只保留更早的那一项（t=300.1 秒到期）")
    );
}

/// The same wake-up asked again is no drop: delaying_queue.go insert replaces only a later
/// readyAt, and an equal one is the entry already there (a CronJob every minute requeues
/// itself for its next schedule after each of its Jobs' events).
#[test]
fn the_same_wake_up_asked_again_is_not_said_dropped() {
    let cj = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: \"*/1 * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: c\n            image: busybox\n          restartPolicy: OnFailure\n";
    let mut s = sim(cj);
    run_to(&mut s, 600);
    let l = lines(&s, "cronjob-controller");
    assert!(l.iter().any(|l| l.starts_with("enqueue hello")), "{l:#?}");
    assert!(!l.iter().any(|l| l.contains("dropped")), "{l:#?}");
}

/// ttlafterfinished_controller.go updateJob judges the Job the event carried
/// (`needsCleanup`: IsJobFinished): the Job controller's write of active 0, failed 1 just
/// before the Failed condition does not queue it, though the store already holds the
/// finished Job when the event is handled.
#[test]
fn the_ttl_controller_queues_a_job_on_the_event_that_finished_it() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: slow\nspec:\n  activeDeadlineSeconds: 30\n  ttlSecondsAfterFinished: 20\n  template:\n    spec:\n      containers:\n      - name: s\n        image: busybox\n        command: [\"sh\", \"-c\", \"sleep 300\"]\n      restartPolicy: Never\n";
    let mut s = sim(job);
    run_to(&mut s, 62);
    let finished: Time = s
        .cluster
        .store
        .get::<Job>("slow")
        .and_then(|j| j.status.conditions.iter().find(|c| c.type_ == "Failed"))
        .and_then(|c| c.last_transition_time)
        .expect("failed");
    // The interim write came at the same instant, before the condition.
    let job_writes: Vec<String> = lines(&s, "job-controller")
        .into_iter()
        .filter(|l| l.starts_with("updateStatus"))
        .collect();
    assert!(
        job_writes
            .iter()
            .any(|l| l == "updateStatus Job/slow: active=0 ready=0 succeeded=0 failed=1"),
        "{job_writes:#?}"
    );
    let ttl = steps_of(&s, "ttl-after-finished-controller");
    let watched: Vec<Time> = ttl
        .iter()
        .filter(|l| matches!(l.step, Step::Watch { .. }))
        .map(|l| l.t)
        .collect();
    assert_eq!(
        watched,
        [finished],
        "{:#?}",
        lines(&s, "ttl-after-finished-controller")
    );
    let l = lines(&s, "ttl-after-finished-controller");
    assert_eq!(
        l[..2],
        [
            "watch MODIFIED Job/slow".to_string(),
            "enqueue slow after=false Job finished, ttlSecondsAfterFinished 20".to_string()
        ],
        "{l:#?}"
    );
}
