//! The kubelet's crash-loop back-off (pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff
//! over client-go util/flowcontrol/backoff.go): the first restart is immediate, later ones wait
//! 10 s, 20 s, 40 s … up to 5 min, and a container that ran more than twice the cap (10 min)
//! since its last restart starts over (hasExpired): restarted at once, no BackOff Event.

mod common;

use common::{event_secs, sim, step_until};

fn crashing(runs_for: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: app}}\nspec:\n  selector: {{matchLabels: {{app: app}}}}\n  template:\n    metadata:\n      labels: {{app: app}}\n      annotations:\n        sim.ctrlscope.dev/duration: \"{runs_for}\"\n        sim.ctrlscope.dev/exit-codes: \"1\"\n    spec:\n      nodeSelector: {{kubernetes.io/hostname: worker-1}}\n      containers:\n      - name: app\n        image: busybox:1.36\n"
    )
}

/// Started: the pod's container starts (its first start and each restart).
fn starts(s: &ctrlscope::sim::Simulation) -> Vec<i64> {
    event_secs(s, "Started")
}

#[test]
fn short_runs_back_off_ten_seconds_doubling() {
    let mut s = sim(&crashing("20s"));
    step_until(&mut s, 200, |_| {});
    let st = starts(&s);
    let gaps: Vec<i64> = st.windows(2).map(|w| w[1] - w[0]).collect();
    // 20 s runs; waits 0, 10, 20, 40 s between them.
    assert_eq!(&gaps[..4], &[20, 30, 40, 60], "starts at {st:?}");
}

#[test]
fn a_run_longer_than_ten_minutes_resets_the_back_off() {
    let mut s = sim(&crashing("11m"));
    step_until(&mut s, 3600, |_| {});
    let st = starts(&s);
    let gaps: Vec<i64> = st.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(gaps.len() >= 4, "starts at {st:?}");
    assert!(
        gaps.iter().all(|g| *g == 660),
        "each exit restarts at once: {gaps:?}"
    );
    assert!(event_secs(&s, "BackOff").is_empty());

    // 9-minute runs stay within the window: the waits grow.
    let mut s = sim(&crashing("9m"));
    step_until(&mut s, 3600, |_| {});
    let st = starts(&s);
    let gaps: Vec<i64> = st.windows(2).map(|w| w[1] - w[0]).collect();
    assert_eq!(&gaps[..3], &[540, 550, 560], "starts at {st:?}");
    assert!(!event_secs(&s, "BackOff").is_empty());
}

/// A container the kubelet kills for a failed liveness probe is restarted in the same sync,
/// judged by the exit before the kill (SyncPod kills, then doBackOff reads the status taken
/// before): while the kills come further apart than the back-off, each restart is at once; the
/// back-off only shows once it has grown past one probe-and-kill cycle (75 s here).
#[test]
fn liveness_kills_restart_at_once_until_the_back_off_outgrows_the_cycle() {
    let mut s = sim(include_str!("../examples/liveness-daemonset.yaml"));
    step_until(&mut s, 700, |_| {});
    let pod = s
        .pods()
        .iter()
        .map(|p| p.metadata.name.clone())
        .min()
        .expect("pods");
    let times = |reason: &str| -> Vec<i64> {
        s.cluster
            .events
            .iter()
            .filter(|e| e.reason.as_ref() == reason && e.name() == pod)
            .map(|e| (e.t - s.cluster.start).whole_secs())
            .collect()
    };
    let started = times("Started");
    assert_eq!(&started[..6], &[1, 76, 151, 226, 301, 376], "{started:?}");
    let backoff = times("BackOff");
    assert_eq!(backoff.first(), Some(&451), "{backoff:?}");
}
