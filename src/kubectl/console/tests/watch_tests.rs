//! `get -w` (kubectl/pkg/cmd/get/get.go `watch`; cli-runtime tableprinter.go).

use super::tests::parallel_at;
use super::*;
use crate::api::Duration;

fn watch_of(r: ConsoleResult) -> Watch {
    match r.follow.map(|f| *f) {
        Some(Follow::Watch(w)) => w,
        other => panic!("not a watch: {other:?} ({})", r.output),
    }
}

/// The parallel Job example, settled at t=0 (two pods being created).
fn parallel() -> Simulation {
    parallel_at(0)
}

/// Runs `secs` seconds, polling the watch every 3 s; returns what it printed.
fn run_watch(s: &mut Simulation, w: &mut Watch, secs: i64) -> String {
    let mut out = String::new();
    let end = s.now() + Duration::from_secs(secs);
    while s.now() < end {
        let t = s.now() + Duration::from_secs(3);
        s.run_until(t);
        out.push_str(&w.poll(s).expect("the watch is alive"));
    }
    out
}

#[test]
fn pods_watch_prints_a_row_per_change_aligned_to_the_list() {
    let mut s = parallel();
    let r = run(&mut s, "get pods -w");
    assert!(!r.error);
    assert_eq!(
        r.output,
        "NAME            READY   STATUS              RESTARTS   AGE\n\
         paral-1-hrrsw   0/1     ContainerCreating   0          0s\n\
         paral-1-rdx8c   0/1     ContainerCreating   0          0s\n"
    );
    let mut w = watch_of(r);
    let out = run_watch(&mut s, &mut w, 36);
    let lines: Vec<&str> = out.lines().collect();
    // Running, then Completed; the next wave's pods arrive Pending (the API server's
    // PrepareForCreate), are bound (still Pending, now with a node) and start.
    assert_eq!(
        lines[0],
        "paral-1-hrrsw   1/1     Running             0          1s"
    );
    assert!(lines.contains(&"paral-1-hrrsw   0/1     Completed           0          31s"));
    let new_pod: Vec<&&str> = lines
        .iter()
        .filter(|l| l.starts_with("paral-1-dk248"))
        .collect();
    assert_eq!(
        new_pod,
        [
            &"paral-1-dk248   0/1     Pending             0          0s",
            &"paral-1-dk248   0/1     Pending             0          0s",
            &"paral-1-dk248   0/1     ContainerCreating   0          0s",
            &"paral-1-dk248   1/1     Running             0          1s",
        ]
    );
    // Stopping removes the store's tap.
    w.stop(&mut s);
    assert!(s.cluster.store.tap.is_none());
}

#[test]
fn output_watch_events_adds_an_event_column_and_deletions_print() {
    let mut s = parallel();
    let r = run(&mut s, "get pods --watch --output-watch-events");
    assert!(
        r.output.starts_with("EVENT   NAME            READY"),
        "{}",
        r.output
    );
    assert!(r
        .output
        .contains("\nADDED   paral-1-hrrsw   0/1     ContainerCreating"));
    let mut w = watch_of(r);
    run_watch(&mut s, &mut w, 6);
    let d = run(&mut s, "delete pod paral-1-hrrsw");
    assert!(!d.error, "{}", d.output);
    // Its shell ignores SIGTERM; its `sleep 30` ends within the grace period, at t = 31 s.
    let out = run_watch(&mut s, &mut w, 30);
    assert!(
        out.lines()
            .any(|l| l.starts_with("MODIFIED   paral-1-hrrsw") && l.contains("Terminating")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("DELETED    paral-1-hrrsw")),
        "{out}"
    );
}

#[test]
fn a_selector_watch_sees_objects_enter_and_leave_the_selection() {
    let mut s = parallel();
    let r = run(&mut s, "get nodes -l disktype=ssd -w --output-watch-events");
    // No node matches yet: nothing, not even a header.
    assert_eq!(r.output, "");
    let mut w = watch_of(r);
    run(&mut s, "label nodes worker-2 disktype=ssd");
    let added = run_watch(&mut s, &mut w, 3);
    assert_eq!(
        added,
        "EVENT   NAME       STATUS   ROLES    AGE   VERSION\nADDED   worker-2   Ready    <none>   0s    v1.34.0\n"
    );
    run(&mut s, "label nodes worker-2 disktype-");
    let left = run_watch(&mut s, &mut w, 3);
    // cache_watcher.go convertToWatchEvent: DELETED, with the state it was last seen in.
    assert_eq!(
        left,
        "DELETED   worker-2   Ready    <none>   3s    v1.34.0\n"
    );
}

#[test]
fn watch_only_skips_the_list_and_names_print_one_per_event() {
    let mut s = parallel();
    let r = run(&mut s, "get pods -w --no-headers");
    assert!(!r.output.contains("NAME"), "{}", r.output);
    watch_of(r).stop(&mut s);
    let r = run(&mut s, "get pods --watch-only -o name");
    assert_eq!(r.output, "");
    let mut w = watch_of(r);
    let out = run_watch(&mut s, &mut w, 3);
    assert_eq!(out, "pod/paral-1-hrrsw\npod/paral-1-rdx8c\n");
}

/// `-o jsonpath` and `-o custom-columns` print each event with their template.
#[test]
fn jsonpath_and_custom_columns_watches() {
    let mut s = parallel();
    let r = run(
        &mut s,
        r#"get pod paral-1-hrrsw -w -o jsonpath='{.status.phase}{"\n"}'"#,
    );
    assert_eq!(r.output, "Pending\n");
    let mut w = watch_of(r);
    let out = run_watch(&mut s, &mut w, 36);
    assert!(out.starts_with("Running\n"), "{out}");
    assert!(out.contains("Succeeded\n"), "{out}");
    w.stop(&mut s);
    let r = run(
        &mut s,
        "get pods -w --watch-only -o custom-columns=NAME:.metadata.name,PHASE:.status.phase",
    );
    assert_eq!(r.output, "");
    let mut w = watch_of(r);
    // The third wave starts at 1m4s.
    let out = run_watch(&mut s, &mut w, 36);
    assert!(out.starts_with("NAME            PHASE\n"), "{out}");
    assert!(
        out.lines().skip(1).all(|l| l.starts_with("paral-1-")),
        "{out}"
    );
}

#[test]
fn events_watch_prints_new_events() {
    let mut s = parallel();
    let r = run(&mut s, "get events -w");
    assert!(
        r.output.starts_with("LAST SEEN   TYPE     REASON"),
        "{}",
        r.output
    );
    let mut w = watch_of(r);
    let out = run_watch(&mut s, &mut w, 3);
    assert!(
        out.contains("Started            pod/paral-1-hrrsw   Started container param"),
        "{out}"
    );
}

/// The watch's first list is in the API server's key order, the same rows as a plain `get
/// events` (get.go watch prints meta.ExtractList before watching).
#[test]
fn events_watch_lists_in_the_order_get_lists() {
    let mut s = parallel();
    s.run_until(s.now() + Duration::from_secs(30));
    let plain = run(&mut s, "get events").output;
    let watched = run(&mut s, "get events -w").output;
    assert_eq!(watched.trim_end(), plain.trim_end());
}

#[test]
fn watch_errors_and_the_end_of_a_replaced_cluster() {
    let mut s = parallel();
    let r = run(&mut s, "get pods,jobs -w");
    assert!(r.error && r.follow.is_none());
    assert_eq!(
        r.output,
        "error: you may only specify a single resource type"
    );
    let r = run(&mut s, "get all -w");
    assert_eq!(
        r.output,
        "error: you may only specify a single resource type"
    );
    let r = run(&mut s, "get pod nope -w");
    assert_eq!(
        r.output,
        "Error from server (NotFound): pods \"nope\" not found"
    );
    // A named watch prints the object, then its changes only.
    let r = run(&mut s, "get job paral-1 -w");
    assert!(
        r.output.starts_with("NAME      STATUS    COMPLETIONS"),
        "{}",
        r.output
    );
    let mut w = watch_of(r);
    assert!(run_watch(&mut s, &mut w, 3)
        .lines()
        .all(|l| l.starts_with("paral-1 ")));
    // A rewind replays into a new simulation, which has no tap: the watch has ended.
    let mut fresh = parallel();
    assert_eq!(w.poll(&mut fresh), None);
}
