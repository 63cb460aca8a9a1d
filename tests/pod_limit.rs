//! A manifest that asks for millions of pods (`parallelism: 2147483647` is valid) must not freeze
//! the page: the simulation holds at most `POD_LIMIT` unfinished pods, refuses further creates
//! with a Forbidden error, and the Job controller handles the refusal as it handles any failed
//! create: `slowStartBatch` stops, the sync fails, and the work queue retries the key with
//! exponential back-off, 1 s doubling to 1 min (`DefaultJobApiBackOff`, `MaxJobApiBackOff`,
//! pkg/controller/job/job_controller.go).

mod common;

use common::{cli, events, sim, step_until};
use ctrlscope::api::Pod;
use ctrlscope::sim::cluster::POD_LIMIT;

fn huge_job(parallelism: &str, duration: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: huge\nspec:\n  parallelism: {parallelism}\n  completions: {parallelism}\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: \"{duration}\"\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: work\n        image: busybox:1.36\n"
    )
}

fn unfinished(s: &ctrlscope::sim::Simulation) -> usize {
    s.cluster
        .store
        .list::<Pod>()
        .filter(|p| !matches!(p.status.phase.as_str(), "Succeeded" | "Failed"))
        .count()
}

#[test]
fn unfinished_pods_never_exceed_the_limit() {
    let mut s = sim(&huge_job("2147483647", "10m"));
    let mut most = 0;
    step_until(&mut s, 30, |s| {
        let n = s.cluster.store.unfinished_pods();
        // The store's running count agrees with a full scan.
        assert_eq!(n, unfinished(s));
        most = most.max(n);
    });
    assert_eq!(most, POD_LIMIT);
}

#[test]
fn refused_creates_are_failed_create_events_retried_with_exponential_back_off() {
    let out = cli(
        &[("huge.yaml", &huge_job("2147483647", "1h"))],
        &[
            "run",
            "huge.yaml",
            "--until",
            "6m",
            "--events",
            "jsonl",
            "--loop",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Nothing finishes within 6 minutes, so no slot frees. A sync creates at most 500 pods
    // (burstReplicas); the pods' events and the Job's own status writes bring it back batched,
    // a second later (syncJobBatchPeriod), so the 10 000 are created by t = 19 s. The first
    // refusal is at 20 s; after that only the rate limiter brings the key back (the pods'
    // updates at 21 s aside): failure n waits 2^(n-1) s, at most 60 s. (At 5:30 the scheduler
    // retries the pods Pending for over 5 minutes, flushUnschedulablePodsLeftover; their
    // condition is unchanged, so no pod is updated and the Job is not synced.)
    let mut syncs: Vec<f64> = out
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["step"] == "sync" && v["key"] == "huge")
        .map(|v| v["t"].as_f64().unwrap_or(-1.0))
        .collect();
    syncs.dedup();
    assert_eq!(
        syncs,
        [
            0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0,
            16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 23.0, 27.0, 35.0, 51.0, 83.0, 143.0, 203.0, 263.0,
            323.0
        ],
        "{syncs:?}"
    );
    // client-go's spam filter (events_cache.go: 25 Events about an object, then one per 5
    // minutes): the 10 000 creates spent the Job's 25, so the refusals are dropped until a
    // token is back at 300 s. The refusals name their pods, so they differ: the 10th and each
    // after it is the one combined Event, whose first write (at 323 s) counts two.
    let evs = events(&out);
    let failed: Vec<_> = evs.iter().filter(|e| e.reason == "FailedCreate").collect();
    assert_eq!(failed.len(), 1, "{failed:?}");
    let e = failed[0];
    assert_eq!((e.t, e.count), (323.0, 2));
    assert_eq!(e.type_, "Warning");
    assert_eq!(e.object, "Job/huge");
    assert!(
        e.message
            .starts_with("(combined from similar events): Error creating: pods \"huge-")
            && e.message.ends_with(&format!(
                "\" is forbidden: this simulation holds at most {POD_LIMIT} unfinished pods \
                 (a limit of CtrlScope, not of Kubernetes)"
            )),
        "{}",
        e.message
    );
    // The creates themselves: 9 Events, then one combined Event patched for the rest, until
    // the 25 are spent.
    let created: Vec<_> = evs
        .iter()
        .filter(|e| e.reason == "SuccessfulCreate")
        .collect();
    assert_eq!(created.len(), 25);
    assert!(created[8].message.starts_with("Created pod: huge-"));
    assert!(created[9]
        .message
        .starts_with("(combined from similar events): Created pod: huge-"));
    assert_eq!(created[24].count, 16);
}

#[test]
fn finished_pods_free_their_slots() {
    // One node with room for 20 000 pods (node capacity is not what this test is about), and
    // 30 s pods: the Job keeps POD_LIMIT pods in flight and keeps completing.
    let node = "apiVersion: v1\nkind: Node\nmetadata:\n  name: big\nstatus:\n  allocatable:\n    pods: \"20000\"\n---\n";
    let yaml = format!("{node}{}", huge_job("20000", "30s"));
    let objs = ctrlscope::manifest::parse_manifests(&yaml).expect("valid");
    let mut s = ctrlscope::sim::Simulation::new(Default::default());
    for o in objs {
        s.apply(o).expect("applied");
    }
    let mut most = 0;
    step_until(&mut s, 240, |s| {
        most = most.max(s.cluster.store.unfinished_pods());
    });
    assert_eq!(most, POD_LIMIT);
    let job = s
        .cluster
        .store
        .get::<ctrlscope::api::Job>("huge")
        .expect("job");
    assert!(job.status.succeeded >= POD_LIMIT as i32, "{:?}", job.status);
}

/// A DaemonSet whose pod creates are refused returns the error from its sync, and its work
/// queue brings the key back with the default controller rate limiter (5 ms doubling, at most
/// 1000 s; daemon_controller.go processNextWorkItem, AddRateLimited): once slots free, its
/// pods are created. It used to wait for good, nothing requeuing it.
#[test]
fn a_daemonset_refused_at_the_limit_retries_and_catches_up() {
    let mut s = sim(&huge_job("2", "30s"));
    s.cluster.pod_limit = 3;
    s.cluster.record_loop = true;
    step_until(&mut s, 5, |_| {});
    let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n      - name: agent\n        image: busybox:1.36\n";
    for o in ctrlscope::manifest::parse_manifests(ds).expect("valid") {
        s.apply(o).expect("applies");
    }
    step_until(&mut s, 20, |_| {});
    let agents = |s: &ctrlscope::sim::Simulation| {
        s.pods()
            .iter()
            .filter(|p| p.metadata.name.starts_with("agent-"))
            .count()
    };
    assert_eq!(agents(&s), 1, "one slot was free");
    // Requeued after 5 ms, then longer and longer (a sync its own status write brings back
    // at once fails too, and counts).
    let retries: Vec<String> = s
        .cluster
        .loop_steps
        .iter()
        .filter_map(|l| match &l.step {
            ctrlscope::sim::cluster::Step::Enqueue { why, .. }
                if l.controller == "daemonset-controller" && why.starts_with("sync failed") =>
            {
                Some(why.clone())
            }
            _ => None,
        })
        .collect();
    assert_eq!(retries[0], "sync failed (pod create refused), retry in 5ms");
    assert!(retries.len() > 6, "{retries:?}");
    assert!(retries.contains(&"sync failed (pod create refused), retry in 10.24s".to_string()));
    step_until(&mut s, 120, |_| {});
    assert_eq!(agents(&s), 3);
}

/// A DaemonSet every pod create of which admission refuses (an unknown priorityClassName):
/// syncNodes' slowStartBatch tries one create per sync and stops at its failure, and the
/// rate limiter brings the key back after 5 ms, 10 ms, … so `describe ds` reads as on a
/// cluster: one FailedCreate Event repeated, not three per sync until the spam filter drops
/// them. Fixed by an apply, every pod is created.
#[test]
fn a_refused_daemonset_tries_one_create_per_sync_and_recovers_when_fixed() {
    let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: bad\nspec:\n  selector:\n    matchLabels: {app: bad}\n  template:\n    metadata:\n      labels: {app: bad}\n    spec:\n      priorityClassName: nope\n      containers:\n      - name: a\n        image: busybox:1.36\n";
    let mut s = sim(ds);
    step_until(&mut s, 240, |_| {});
    let out = ctrlscope::kubectl::console::run(&mut s, "kubectl describe ds bad").output;
    assert!(
        out.contains("Warning  FailedCreate  77s (x16 over 4m)  daemonset-controller  Error creating: pods \"bad-\" is forbidden: no PriorityClass with name nope was found"),
        "{out}"
    );
    for o in
        ctrlscope::manifest::parse_manifests(&ds.replace("      priorityClassName: nope\n", ""))
            .expect("valid")
    {
        s.apply(o).expect("applied");
    }
    step_until(&mut s, 250, |_| {});
    let out = ctrlscope::kubectl::console::run(&mut s, "kubectl describe ds bad").output;
    assert_eq!(out.matches("SuccessfulCreate").count(), 3, "{out}");
}

/// podgc gc_controller.go gcTerminated: past `--terminated-pod-gc-threshold` (12 500) finished
/// pods, the pod GC deletes the oldest at its next 20 s tick. The Job's COMPLETIONS stay: its
/// pods were counted in its status before their finalizer went.
#[test]
fn finished_pods_past_the_threshold_are_collected() {
    use ctrlscope::controllers::gc::TERMINATED_POD_GC_THRESHOLD;
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: many\nspec:\n  parallelism: 5000\n  completions: 13000\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: \"1s\"\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: work\n        image: busybox:1.36\n";
    let nodes: String = (0..50)
        .map(|i| format!("---\napiVersion: v1\nkind: Node\nmetadata:\n  name: n{i}\n"))
        .collect();
    let mut s = sim(&format!("{yaml}{nodes}"));
    let mut most = 0;
    step_until(&mut s, 200, |s| {
        most = most.max(s.cluster.store.count::<Pod>());
    });
    let job = s
        .cluster
        .store
        .get::<ctrlscope::api::Job>("many")
        .expect("job");
    assert_eq!(job.status.succeeded, 13000);
    let finished = s
        .cluster
        .store
        .list::<Pod>()
        .filter(|p| p.is_terminal())
        .count();
    assert_eq!(finished, TERMINATED_POD_GC_THRESHOLD);
    assert!(most < 13000 + 100, "{most}");
    // The oldest went: no pod of the first wave is left.
    let oldest = s
        .cluster
        .store
        .list::<Pod>()
        .filter_map(|p| p.metadata.creation_timestamp)
        .min()
        .expect("pods");
    assert!(oldest > s.cluster.start, "{oldest:?}");
}
