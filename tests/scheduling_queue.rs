//! The scheduling queue's order: pods waiting for room are retried, when a bound pod leaves,
//! in activeQ order (pkg/scheduler/framework/plugins/queuesort/priority_sort.go
//! PrioritySort.Less: higher priority, then the earlier QueuedPodInfo.Timestamp, which
//! scheduling_queue.go sets when the pod is added and refreshes on each failed attempt), not
//! by name; each one that still fails records FailedScheduling again (handleSchedulingFailure).

mod common;

use common::{cli, events, Ev};

fn job(name: &str, cpu: &str, command: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata: {{name: {name}}}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n        command: [\"sh\",\"-c\",\"{command}\"]\n        resources: {{requests: {{cpu: \"{cpu}\"}}}}\n"
    )
}

/// Three 4-cpu workers, each taken by a 3-cpu pod; `f2`'s ends at ~121 s.
fn fill() -> String {
    format!(
        "{}---\n{}---\n{}",
        job("f1a", "3", "sleep 3600"),
        job("f1b", "3", "sleep 3600"),
        job("f2", "3", "sleep 120")
    )
}

fn scheduled_at(evs: &[Ev], prefix: &str) -> Vec<f64> {
    evs.iter()
        .filter(|e| e.reason == "Scheduled" && e.object.starts_with(&format!("Pod/{prefix}-")))
        .map(|e| e.t)
        .collect()
}

fn failed_at(evs: &[Ev], prefix: &str) -> Vec<(f64, u64)> {
    evs.iter()
        .filter(|e| {
            e.reason == "FailedScheduling" && e.object.starts_with(&format!("Pod/{prefix}-"))
        })
        .map(|e| (e.t, e.count))
        .collect()
}

/// PrioritySort.Less with equal priorities: the pod that has waited longer (zz, failed at
/// 1 s) gets the freed slot before one that failed later (aa, 60 s), whatever their names;
/// aa is tried too and records FailedScheduling again.
#[test]
fn priority_sort_less_earlier_timestamp_first() {
    let fill = fill();
    let zz = job("zz", "3", "sleep 3600");
    let aa = job("aa", "3", "sleep 3600");
    let scenario = "- at: 1s\n  apply: zz.yaml\n- at: 60s\n  apply: aa.yaml\n";
    let out = cli(
        &[
            ("fill.yaml", &fill),
            ("zz.yaml", &zz),
            ("aa.yaml", &aa),
            ("s.yaml", scenario),
        ],
        &[
            "run",
            "fill.yaml",
            "--scenario",
            "s.yaml",
            "--until",
            "200s",
            "--events",
            "jsonl",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let evs = events(&out);
    let zz_at = scheduled_at(&evs, "zz");
    assert_eq!(zz_at.len(), 1, "{evs:#?}");
    assert!((120.0..125.0).contains(&zz_at[0]), "{zz_at:?}");
    assert!(scheduled_at(&evs, "aa").is_empty());
    let aa_failed = failed_at(&evs, "aa");
    assert_eq!(aa_failed.len(), 2, "{aa_failed:?}");
    assert_eq!(aa_failed[0].0, 60.0);
    assert_eq!(aa_failed[1].0, zz_at[0]);
}

/// PrioritySort.Less: a higher priority goes first even when it has waited less (and its
/// name sorts last).
#[test]
fn priority_sort_less_higher_priority_first() {
    // The fill pods share the class, so "high" finds no victims and waits for the room.
    let critical = |y: String| {
        y.replace("}}\nspec:", ", namespace: kube-system}\nspec:")
            .replace(
                "      restartPolicy",
                "      priorityClassName: system-cluster-critical\n      restartPolicy",
            )
    };
    let fill = fill()
        .split("---\n")
        .map(|d| critical(d.to_string()))
        .collect::<Vec<_>>()
        .join("---\n");
    let low = job("alow", "3", "sleep 3600");
    let high = critical(job("zhigh", "3", "sleep 3600"));
    let scenario = "- at: 1s\n  apply: low.yaml\n- at: 60s\n  apply: high.yaml\n";
    let out = cli(
        &[
            ("fill.yaml", &fill),
            ("low.yaml", &low),
            ("high.yaml", &high),
            ("s.yaml", scenario),
        ],
        &[
            "run",
            "fill.yaml",
            "--scenario",
            "s.yaml",
            "--until",
            "200s",
            "--events",
            "jsonl",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let evs = events(&out);
    let high_at = scheduled_at(&evs, "zhigh");
    assert_eq!(high_at.len(), 1, "{evs:#?}");
    assert!((120.0..125.0).contains(&high_at[0]), "{high_at:?}");
    assert!(scheduled_at(&evs, "alow").is_empty());
}
