//! Event records stay bounded on a long run: the scheduler's series repeats that its recorder's
//! cache holds back are not stored (only `--final-state` lists them), and pruning drops Events
//! past the retention even while a pod pending since the start keeps its series counting.

mod common;

use common::sim;
use ctrlscope::api::{Duration, Kind};
use ctrlscope::sim::Simulation;

/// A pod no node fits (nodeSelector), retried every 5 min for as long as the run lasts, next to
/// a Job whose 1-s pods record Events all the time.
const PENDING_AND_BUSY: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pend\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      nodeSelector: {disktype: ssd}\n      containers:\n      - {name: w, image: busybox}\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: busy\nspec:\n  completions: 2147483647\n  parallelism: 5\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: \"1s\"\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: w, image: busybox:1.36}\n";

fn pending_pod_events(sim: &Simulation) -> Vec<ctrlscope::api::Event> {
    sim.cluster
        .all_events()
        .into_iter()
        .filter(|e| e.reason == "FailedScheduling" && e.involved_object.name.starts_with("pend-"))
        .collect()
}

#[test]
fn cached_series_repeats_are_not_stored() {
    let job = PENDING_AND_BUSY.split("---").next().unwrap_or_default();
    let mut s = sim(job);
    let start = s.cluster.start;
    s.run_until(start + Duration::from_secs(3 * 3600));
    let failed: Vec<_> = s
        .cluster
        .events
        .iter()
        .filter(|r| r.reason == "FailedScheduling")
        .collect();
    // Created, a new Event after the scheduler's own status patch, its patch to x2, then one
    // write per 30-min refresh: about 8, not one per attempt (36 in 3 h).
    assert!(failed.iter().all(|r| r.written), "{failed:?}");
    assert!((5..=10).contains(&failed.len()), "{}", failed.len());
    // The count the refreshes wrote still counts every attempt.
    let shown = pending_pod_events(&s);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].times() >= 30, "{:?}", shown[0]);
}

#[test]
fn pruning_passes_a_series_that_is_still_counting() {
    let mut s = sim(PENDING_AND_BUSY);
    let start = s.cluster.start;
    let keep = Duration::from_secs(2 * 3600);
    let mut most = 0;
    for minute in (10..=6 * 60).step_by(10) {
        s.run_until(start + Duration::from_secs(minute * 60));
        s.cluster.prune_events(keep);
        most = most.max(s.cluster.events.len());
        // The pending pod's series was created at t=0 and never ends: it no longer pins
        // every Event recorded since.
        if minute >= 3 * 60 {
            let oldest = s.cluster.events[0].t;
            assert!(
                oldest + keep + Duration::from_secs(30 * 60) > s.cluster.now,
                "t={minute}m: the oldest Event kept is from {}",
                common::secs(&s, oldest)
            );
        }
    }
    assert!(s.cluster.events_pruned > 0);
    // What the busy Job records in 2 h 10 min, not in 6 h.
    let recorded = s.cluster.events_recorded();
    assert!(most * 2 < recorded, "{most} kept of {recorded}");
    // The pending pod's Event, written by the last refresh, still shows, its first timestamp
    // its second attempt's (the first named the pod before the scheduler's own status patch).
    let shown = pending_pod_events(&s);
    assert_eq!(shown.len(), 1, "{shown:?}");
    // The scheduler's events.k8s.io Event: its repeats in `series`, its first in eventTime.
    assert!(shown[0].times() >= 60, "{:?}", shown[0]);
    assert_eq!(
        shown[0].first_seen(),
        Some(start + Duration::from_secs(330))
    );
    let describe = s
        .cluster
        .events_for(Kind::Pod, &shown[0].involved_object.name);
    assert_eq!(describe.len(), 1, "{describe:?}");
}

/// `--final-state` lists every Event recorded: the repeats the scheduler's recorder held in
/// its cache too, with `"count": 0` (README).
#[test]
fn final_state_keeps_the_cached_repeats() {
    let job = PENDING_AND_BUSY.split("---").next().unwrap_or_default();
    let out = common::cli(
        &[("pend.yaml", job)],
        &[
            "run",
            "pend.yaml",
            "--until",
            "40m",
            "--final-state",
            "json",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let list: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let counts: Vec<u64> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["kind"] == "Event" && i["reason"] == "FailedScheduling")
        .map(|i| i["count"].as_u64().unwrap_or(99))
        .collect();
    assert!(
        counts.iter().filter(|c| **c == 0).count() >= 4,
        "{counts:?}"
    );
}

/// The page prunes on a virtual-time grid, after the first instant run in each slot: reaching
/// 3h15m in one run, instant by instant, or in uneven slices keeps the same Events (replay
/// from a copy or a seek must show what play showed), and drops those past the retention.
#[test]
fn the_pages_grid_pruning_is_the_same_however_time_is_reached() {
    let busy = PENDING_AND_BUSY
        .split("---")
        .nth(1)
        .unwrap_or_default()
        .replace("parallelism: 5", "parallelism: 1");
    let busy = busy.as_str();
    let every = Some(Duration::from_secs(600));
    let until = |s: &Simulation| s.cluster.start + Duration::from_secs(3 * 3600 + 900);
    let mut once = sim(busy);
    once.prune_events_every = every;
    once.run_until(until(&once));
    let mut stepped = sim(busy);
    stepped.prune_events_every = every;
    while stepped.now() < until(&stepped) {
        let next = stepped
            .next_due()
            .map_or(until(&stepped), |t| t.min(until(&stepped)));
        stepped.run_until(next);
    }
    let mut sliced = sim(busy);
    sliced.prune_events_every = every;
    let mut t = sliced.cluster.start;
    while t < until(&sliced) {
        t = (t + Duration::from_millis(7_777)).min(until(&sliced));
        sliced.run_until(t);
    }
    let shape = |s: &Simulation| {
        (
            s.cluster.events_written,
            s.cluster.events_pruned,
            s.cluster.events.len(),
            s.cluster.events.first().map(|r| (r.t, r.object())),
        )
    };
    assert_eq!(shape(&once), shape(&stepped));
    assert_eq!(shape(&once), shape(&sliced));
    let (written, pruned, kept, _) = shape(&once);
    assert!(pruned >= 4096, "{written} {pruned} {kept}");
    // Nothing the API server still holds went.
    let oldest = once.cluster.events.first().map(|r| r.t).unwrap_or_default();
    assert!(oldest + ctrlscope::sim::EVENT_RETENTION <= once.now());
}
