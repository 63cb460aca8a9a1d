//! `kubectl wait` (staging/src/k8s.io/kubectl/pkg/cmd/wait/wait.go) as time runs.

use super::tests::parallel_at;
use super::*;
use crate::api::Duration;

/// The parallel Job example, settled at t=0 (two pods being created).
fn parallel() -> Simulation {
    parallel_at(0)
}

fn follow_of(r: ConsoleResult) -> Follow {
    *r.follow.unwrap_or_else(|| panic!("no wait: {}", r.output))
}

/// Runs to `secs` after the start and polls once.
fn poll_at(s: &mut Simulation, f: &mut Follow, secs: i64) -> Polled {
    let t = s.cluster.start + Duration::from_secs(secs);
    s.run_until(t);
    f.poll(s)
}

#[test]
fn waits_for_a_condition_until_it_holds_or_times_out() {
    // The Job completes at 2m8s (four waves of 32 s).
    let mut s = parallel();
    let r = run(
        &mut s,
        "wait --for=condition=complete job/paral-1 --timeout=5m",
    );
    assert_eq!((r.output.as_str(), r.error), ("", false));
    let mut f = follow_of(r);
    assert_eq!(poll_at(&mut s, &mut f, 60), Polled::More(String::new()));
    // One late poll: the condition was met at 2m8s, inside the timeout.
    assert_eq!(
        poll_at(&mut s, &mut f, 400),
        Polled::Done("job.batch/paral-1 condition met\n".into(), false)
    );
    assert!(s.cluster.store.tap.is_none());

    // The default 30 s is too short.
    let mut s = parallel();
    let mut f = follow_of(run(&mut s, "wait job/paral-1 --for condition=Complete"));
    assert_eq!(
        poll_at(&mut s, &mut f, 200),
        Polled::Done(
            "error: timed out waiting for the condition on jobs/paral-1".into(),
            true
        )
    );
}

#[test]
fn waits_for_each_selected_object_in_turn() {
    let mut s = parallel();
    let mut f = follow_of(run(
        &mut s,
        "wait --for=condition=Ready pod -l job-name=paral-1",
    ));
    assert_eq!(
        poll_at(&mut s, &mut f, 5),
        Polled::Done(
            "pod/paral-1-hrrsw condition met\npod/paral-1-rdx8c condition met\n".into(),
            false
        )
    );
    // Already met: printed at once, nothing to follow.
    let r = run(&mut s, "wait --for=condition=Ready=true pods --all");
    assert_eq!(
        (r.output.as_str(), r.follow.is_none()),
        (
            "pod/paral-1-hrrsw condition met\npod/paral-1-rdx8c condition met\n",
            true
        )
    );
    // --for=delete: a pod deleted by hand goes after its grace period.
    let mut f = follow_of(run(
        &mut s,
        "wait --for=delete pod/paral-1-hrrsw --timeout=1m",
    ));
    run(&mut s, "delete pod paral-1-hrrsw");
    assert_eq!(
        poll_at(&mut s, &mut f, 40),
        Polled::Done("pod/paral-1-hrrsw condition met\n".into(), false)
    );
}

#[test]
fn waits_for_a_jsonpath_value() {
    let mut s = parallel();
    // The official example: wait for a pod's phase.
    let r = run(
        &mut s,
        "wait --for=jsonpath='{.status.phase}'=Running pod/paral-1-hrrsw",
    );
    let mut f = follow_of(r);
    assert_eq!(
        poll_at(&mut s, &mut f, 3),
        Polled::Done("pod/paral-1-hrrsw condition met\n".into(), false)
    );
    // A filter with `==` inside the expression (quoted as in the kubectl example).
    let r = run(
        &mut s,
        r#"wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pods --all"#,
    );
    assert_eq!(
        r.output,
        "pod/paral-1-hrrsw condition met\npod/paral-1-rdx8c condition met\n"
    );
    // No value: any one value found will do (status.succeeded appears with the first wave).
    let mut f = follow_of(run(
        &mut s,
        "wait --for=jsonpath={.status.succeeded} job/paral-1 --timeout=1m",
    ));
    assert_eq!(
        poll_at(&mut s, &mut f, 60),
        Polled::Done("job.batch/paral-1 condition met\n".into(), false)
    );
}

#[test]
fn wait_errors_use_kubectl_words() {
    let mut s = parallel();
    for (line, want) in [
        ("wait job/paral-1", "error: unrecognized condition: \"\""),
        ("wait job/paral-1 --for=ready", "error: unrecognized condition: \"ready\""),
        (
            "wait job/paral-1 --for=condition=Complete --timeout=30",
            "error: invalid argument \"30\" for \"--timeout\" flag: time: missing unit in duration \"30\"\nSee 'kubectl wait --help' for usage.",
        ),
        // pflag's DurationVar is Go's time.ParseDuration: no days.
        (
            "wait job/paral-1 --for=condition=Complete --timeout=1d",
            "error: invalid argument \"1d\" for \"--timeout\" flag: time: unknown unit \"d\" in duration \"1d\"\nSee 'kubectl wait --help' for usage.",
        ),
        (
            "wait job/nope --for=condition=Complete",
            "Error from server (NotFound): jobs.batch \"nope\" not found",
        ),
        (
            "wait pods -l app=x --for=condition=Ready",
            "error: no matching resources found",
        ),
        (
            "wait job/paral-1 --for=condition=Complete --timeout=0",
            "error: condition not met for jobs/paral-1",
        ),
    ] {
        let r = run(&mut s, line);
        assert_eq!((r.output.as_str(), r.error, r.follow.is_none()), (want, true, true), "{line}");
    }
    // jsonpath (wait.go processJSONPathInput).
    let r = run(
        &mut s,
        "wait job/paral-1 --for=jsonpath={.status.active}=2=3",
    );
    assert_eq!(r.output, "error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
    let r = run(&mut s, "wait job/paral-1 --for=jsonpath={.status.active}=");
    assert_eq!(r.output, "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
    // Nothing to wait for: a missing object is already deleted.
    let r = run(&mut s, "wait --for=delete pod/nope");
    assert_eq!(
        (r.output.as_str(), r.error, r.follow.is_none()),
        ("", false, true)
    );
    // A rewind replaces the cluster: the wait is gone.
    let mut f = follow_of(run(&mut s, "wait --for=condition=Complete job/paral-1"));
    assert_eq!(f.poll(&mut parallel()), Polled::Gone);
}

/// The largest Go duration is a wait of ~292 years, not an overflow into an instant timeout.
#[test]
fn the_largest_go_duration_waits() {
    let mut s = parallel();
    let r = run(
        &mut s,
        "wait job/paral-1 --for=condition=Complete --timeout=2562047h47m16.854775807s",
    );
    assert!(!r.error, "{}", r.output);
    assert!(r.follow.is_some(), "{}", r.output);
}

/// delete.go Validate (only `-o name`, checked before anything is deleted; a name given twice
/// finds the object gone) and the printers of label and patch (`-o name`: RESOURCE/NAME).
#[test]
fn output_flags_of_changing_commands() {
    let mut s = parallel();
    let r = run(&mut s, "delete job paral-1 -o yaml");
    assert_eq!(
        (r.output.as_str(), r.error),
        (
            "error: unexpected -o output mode: yaml. We only support '-o name'",
            true
        )
    );
    assert!(s.cluster.store.get::<crate::api::Job>("paral-1").is_some());
    let r = run(&mut s, "label pod -l job-name=paral-1 a=b -o name");
    let mut names: Vec<String> = s
        .pods()
        .iter()
        .map(|p| format!("pod/{}", p.metadata.name))
        .collect();
    crate::sort::sort(&mut names);
    assert_eq!(r.output, names.join("\n"));
    let r = run(
        &mut s,
        "patch job paral-1 -p {\"spec\":{\"parallelism\":3}} -o name",
    );
    assert_eq!((r.output.as_str(), r.error), ("job.batch/paral-1", false));
    let r = run(&mut s, "delete job paral-1 paral-1");
    assert_eq!(
        (r.output.as_str(), r.error),
        (
            "job.batch \"paral-1\" deleted from default namespace\nError from server (NotFound): jobs.batch \"paral-1\" not found",
            true
        )
    );
    let r = run(&mut s, "delete events --all");
    assert_eq!(
        r.output,
        "error: deleting Event objects is not supported here"
    );
}

/// A pod deleted twice in one command: a running pod is still there (its grace period), a
/// force-deleted one without finalizers is not; label -o name prints names beside notices.
#[test]
fn deleting_a_pod_twice_and_printing_beside_notices() {
    let mut s = parallel();
    let pod = s.pods()[0].metadata.name.clone();
    let r = run(&mut s, &format!("delete pod {pod} {pod}"));
    assert_eq!(
        r.output,
        format!("pod \"{pod}\" deleted from default namespace\npod \"{pod}\" deleted from default namespace")
    );
    let r = run(&mut s, "label node worker-1 zz- -o name");
    assert_eq!(r.output, "label \"zz\" not found.\nnode/worker-1");
    // Their printers have no tables: any other format is refused with their list.
    let r = run(&mut s, "label node worker-1 a=b -o bogus");
    assert_eq!(r.output, "error: unable to match a printer suitable for the output format \"bogus\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml");
    assert!(s
        .cluster
        .store
        .get::<crate::api::Node>("worker-1")
        .is_some_and(|n| !n.metadata.labels.contains_key("a")));
}
