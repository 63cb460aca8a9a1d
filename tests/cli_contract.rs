//! The CLI as scripts use it: what runs, what is refused at the command line (exit 2), and
//! what makes a run exit 1 (something it was asked to do failed, as kubectl would exit 1).

mod common;

use common::cli;

const PI: &str = include_str!("../examples/pi-job.yaml");
const PARALLEL: &str = include_str!("../examples/parallel-job.yaml");

/// Without --until a run goes on until its last --kubectl command (the help's own example).
#[test]
fn a_timed_command_keeps_the_run_going() {
    let out = cli(
        &[("pi.yaml", PI)],
        &["run", "pi.yaml", "--kubectl", "2m: get pods"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("# t=2m (2026-01-01T00:02:00Z) kubectl get pods\n"),
        "{}",
        out.stdout
    );
    // After --until it could never run: refused on the command line.
    let out = cli(
        &[("pi.yaml", PI)],
        &[
            "run",
            "pi.yaml",
            "--until",
            "1m",
            "--kubectl",
            "5m: get jobs",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("after --until"), "{}", out.stderr);
    // A mistyped time is not taken for a command at 0s.
    let out = cli(
        &[("pi.yaml", PI)],
        &["run", "pi.yaml", "--kubectl", "1x: get jobs"],
    );
    assert_eq!(out.code, 2, "{}", out.stdout);
}

/// A failing console command stays in the transcript and makes the run exit 1; a `wait` runs to
/// its timeout even when nothing else is due.
#[test]
fn a_failed_command_makes_the_run_exit_1() {
    let out = cli(
        &[("p.yaml", PARALLEL)],
        &[
            "run",
            "p.yaml",
            "--kubectl",
            "1s: wait --for=condition=complete job/paral-1 --timeout=30s",
        ],
    );
    assert_eq!(out.code, 1);
    assert!(out
        .stdout
        .contains("error: timed out waiting for the condition on jobs/paral-1"));
    let out = cli(
        &[("p.yaml", PARALLEL)],
        &["run", "p.yaml", "--kubectl", "10s: delete job nope"],
    );
    assert_eq!(out.code, 1);
    let out = cli(
        &[("p.yaml", PARALLEL)],
        &[
            "run",
            "p.yaml",
            "--kubectl",
            "3m: wait --for=condition=complete job/paral-1 --timeout=60s",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains("job.batch/paral-1 condition met"));
}

/// An action the scenario asks for that cannot be done exits 1 (said on stderr at its time).
#[test]
fn an_impossible_scenario_action_exits_1() {
    let out = cli(
        &[
            ("pi.yaml", PI),
            ("s.yaml", "- at: 10s\n  removeNode: worker-9\n"),
        ],
        &["run", "pi.yaml", "--scenario", "s.yaml"],
    );
    assert_eq!(out.code, 1);
    assert!(out.stderr.starts_with("s.yaml: t=10s: "), "{}", out.stderr);
    let out = cli(
        &[
            ("pi.yaml", PI),
            ("s.yaml", "- at: 10s\n  addNode: {name: worker-1}\n"),
        ],
        &["run", "pi.yaml", "--scenario", "s.yaml"],
    );
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("already exists"), "{}", out.stderr);
}

/// `--get` ends with the state the run ended in; an empty manifest is kubectl apply's error.
#[test]
fn get_tables_end_with_the_final_state_and_empty_input_is_an_error() {
    let out = cli(
        &[("p.yaml", PARALLEL)],
        &["run", "p.yaml", "--get", "jobs", "--every", "1m"],
    );
    assert_eq!(out.code, 0);
    let last = out.stdout.rsplit("# t=").next().unwrap_or_default();
    assert!(last.contains("Complete"), "{}", out.stdout);
    let out = cli(&[("e.yaml", "# nothing\n---\n")], &["run", "e.yaml"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (1, "e.yaml: error: no objects passed to apply\n")
    );
    // An empty file among others fails the run as it fails `validate` (the author lost a
    // file's content), named.
    let out = cli(
        &[("p.yaml", PARALLEL), ("e.yaml", "")],
        &["run", "p.yaml", "e.yaml", "--until", "1s"],
    );
    assert_eq!(
        (out.code, out.stderr.as_str(), out.stdout.as_str()),
        (1, "e.yaml: error: no objects passed to apply\n", "")
    );
}

/// On/off flags take true or false; a second --scenario is refused; the same name in two
/// namespaces is refused (one object of a kind per name).
#[test]
fn flag_values_and_name_clashes() {
    let pi = [("pi.yaml", PI), ("s.yaml", "[]\n")];
    assert_eq!(cli(&pi, &["run", "pi.yaml", "--wide=maybe"]).code, 2);
    assert_eq!(cli(&pi, &["run", "pi.yaml", "--loop=false"]).code, 0);
    let twice = cli(
        &pi,
        &[
            "run",
            "pi.yaml",
            "--scenario",
            "s.yaml",
            "--scenario",
            "s.yaml",
        ],
    );
    assert_eq!(twice.code, 2);
    let other = PI.replace("  name: pi\n", "  name: pi\n  namespace: team-b\n");
    let both = format!("{PI}\n---\n{other}");
    let out = cli(&[("both.yaml", &both)], &["run", "both.yaml"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("Job \"pi\" is also in namespace \"default\""),
        "{}",
        out.stderr
    );
    // The same across two files, and from a scenario's apply: refused, never merged.
    let out = cli(
        &[("pi.yaml", PI), ("b.yaml", &other)],
        &["run", "pi.yaml", "b.yaml"],
    );
    assert_eq!(out.code, 1);
    // In validate's words, at the second file's place.
    assert_eq!(
        out.stderr,
        "b.yaml:2:1: Job \"pi\" is also in namespace \"default\" (pi.yaml): CtrlScope keeps one Job per name across namespaces; rename one\n"
    );
    let body: String = other.lines().map(|l| format!("    {l}\n")).collect();
    let scenario = format!("- at: 5s\n  apply: |\n{body}");
    let out = cli(
        &[("pi.yaml", PI), ("s.yaml", &scenario)],
        &["run", "pi.yaml", "--scenario", "s.yaml", "--until", "10s"],
    );
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stderr.contains("is also in namespace"),
        "{}",
        out.stderr
    );
}

/// `lesson check` grades the file given (`--manifest FILE` or `--manifest=FILE`) and refuses
/// anything else on its command line, so a grading script never grades the solution by mistake.
#[test]
fn lesson_check_grades_the_given_file_or_refuses() {
    let main = |args: &[&str]| ctrlscope::cli::main(args.iter().map(|s| s.to_string()).collect());
    let dir = "lessons/parallel-job";
    assert_eq!(main(&["lesson", "check", dir]), 0);
    assert_eq!(
        main(&[
            "lesson",
            "check",
            dir,
            "--manifest=lessons/parallel-job/job.yaml"
        ]),
        1
    );
    assert_eq!(
        main(&[
            "lesson",
            "check",
            "--manifest",
            "lessons/parallel-job/job.yaml",
            dir
        ]),
        1
    );
    assert_eq!(main(&["lesson", "check", dir, "--manfest", "x.yaml"]), 2);
    assert_eq!(main(&["lesson", "check", dir, "extra"]), 2);
    assert_eq!(main(&["lesson", "list", "extra"]), 2);
}

/// A run streams its output as it goes (a long run shows its first lines at once): the chunks
/// the sink takes, then what is left, are the same bytes `run` returns; a sink that stops
/// (a closed pipe) ends the run with exit 1.
#[test]
fn output_streams_as_the_run_goes() {
    use ctrlscope::cli::{parse_run_args, run, run_streaming};
    let args: Vec<String> = [
        "p.yaml", "--until", "3m", "--events", "jsonl", "--get", "jobs",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let parsed = parse_run_args(&args).unwrap_or_else(|e| panic!("{e}"));
    let read = |_: &str| Ok::<String, String>(PARALLEL.to_string());
    let whole = run(&parsed, &read);
    let mut chunks: Vec<String> = Vec::new();
    let rest = run_streaming(&parsed, &read, &mut |text: &mut String, _: &mut String| {
        chunks.push(std::mem::take(text));
        true
    });
    assert!(chunks.iter().filter(|c| !c.is_empty()).count() > 5);
    assert_eq!(chunks.concat() + &rest.stdout, whole.stdout);
    let stopped = run_streaming(&parsed, &read, &mut |text: &mut String, _: &mut String| {
        text.is_empty()
    });
    assert_eq!(stopped.code, 1);
}

/// stderr goes out as the run goes too, after the stdout printed before it: a killed run keeps
/// its errors, and `2>&1` shows an action's error at its time, not after the whole run.
#[test]
fn errors_stream_in_order_with_the_output() {
    use ctrlscope::cli::{parse_run_args, run_streaming};
    let args: Vec<String> = [
        "p.yaml",
        "--until",
        "2m",
        "--events",
        "jsonl",
        "--scenario",
        "s.yaml",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let parsed = parse_run_args(&args).unwrap_or_else(|e| panic!("{e}"));
    let read = |p: &str| {
        Ok::<String, String>(match p {
            "s.yaml" => "- at: 10s\n  failPod: nosuchpod\n".to_string(),
            _ => PARALLEL.to_string(),
        })
    };
    let mut merged = String::new();
    let rest = run_streaming(&parsed, &read, &mut |o: &mut String, e: &mut String| {
        merged.push_str(&std::mem::take(o));
        merged.push_str(&std::mem::take(e));
        true
    });
    assert!(rest.stdout.is_empty() && rest.stderr.is_empty());
    let error = merged
        .find("s.yaml: t=10s")
        .unwrap_or_else(|| panic!("{merged}"));
    let after: Vec<&str> = merged[error..].lines().skip(1).collect();
    assert!(
        after.iter().any(|l| l.contains("\"t\": 32.0")),
        "later events come after the error:\n{merged}"
    );
    assert!(
        !merged[..error].contains("\"t\": 11"),
        "no event after 10 s before the error:\n{merged}"
    );
}

/// Scenario files a course author gets wrong: an empty one (exit 1, as an empty manifest), an
/// action past the longest run (exit 1); actions past this run's --until are a note on stderr
/// (a run cut short to look at the middle is fine). --every and --wide without --get would do
/// nothing: refused on the command line.
#[test]
fn scenario_and_flag_mistakes_are_said() {
    for empty in ["", "# nothing yet\n", "[]\n"] {
        let out = cli(
            &[("pi.yaml", PI), ("s.yaml", empty)],
            &["run", "pi.yaml", "--scenario", "s.yaml"],
        );
        assert_eq!(out.code, 1, "{empty:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("s.yaml: the scenario has no actions"),
            "{}",
            out.stderr
        );
    }
    let out = cli(
        &[
            ("pi.yaml", PI),
            ("s.yaml", "- at: 400d\n  controllerDown: {for: 1m}\n"),
        ],
        &["run", "pi.yaml", "--scenario", "s.yaml", "--until", "3m"],
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("after the longest run"),
        "{}",
        out.stderr
    );
    let out = cli(
        &[
            ("pi.yaml", PI),
            ("s.yaml", "- at: 5m\n  controllerDown: {for: 1m}\n"),
        ],
        &["run", "pi.yaml", "--scenario", "s.yaml", "--until", "3m"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("note: s.yaml: 1 action(s) from 5m on come after --until 3m"),
        "{}",
        out.stderr
    );
    for flags in [&["--every", "1m"][..], &["--wide"][..]] {
        let mut args = vec!["run", "pi.yaml"];
        args.extend_from_slice(flags);
        let out = cli(&[("pi.yaml", PI)], &args);
        assert_eq!(out.code, 2, "{flags:?}");
        assert!(
            out.stderr.contains("shapes the --get tables"),
            "{}",
            out.stderr
        );
    }
}

/// Without --until, what was scheduled later than an hour still happens (it was dropped with
/// exit 0 before).
#[test]
fn a_run_without_until_reaches_its_last_command_and_action() {
    let out = cli(
        &[
            ("pi.yaml", PI),
            ("s.yaml", "- at: 90m\n  cordon: worker-1\n"),
        ],
        &[
            "run",
            "pi.yaml",
            "--scenario",
            "s.yaml",
            "--kubectl",
            "2h: get nodes worker-1",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("# t=2h"), "{}", out.stdout);
    assert!(out.stdout.contains("SchedulingDisabled"), "{}", out.stdout);
}

/// `get -w -o jsonpath` with a template the objects cannot fill ends with the error once, as
/// kubectl's watch returns the printer's error, and counts as a failed command.
#[test]
fn a_watch_whose_printer_fails_ends_with_one_error() {
    let out = cli(
        &[("pi.yaml", PI)],
        &[
            "run",
            "pi.yaml",
            "--until",
            "30s",
            "--kubectl",
            "get pods -w -o jsonpath={.status.phase}{\\n}",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(out.stdout.matches("error:").count(), 1, "{}", out.stdout);
}

/// --describe: the API server's resource names in NotFound, spaces after commas, a group
/// suffix, and kubectl's refusal of an empty name.
#[test]
fn describe_flag_names_resources_as_the_api_server_does() {
    let out = cli(
        &[("pi.yaml", PI)],
        &[
            "run",
            "pi.yaml",
            "--until",
            "1s",
            "--describe",
            "po/x, jobs.batch/pi",
        ],
    );
    assert!(
        out.stdout
            .contains("Error from server (NotFound): pods \"x\" not found"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Name:") && out.stdout.contains("pi"),
        "{}",
        out.stdout
    );
    let out = cli(
        &[("pi.yaml", PI)],
        &["run", "pi.yaml", "--describe", "job/"],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("must have a single resource and name"),
        "{}",
        out.stderr
    );
}

/// --describe of a ControllerRevision or an Event: kubectl's generic describer
/// (describe.go GenericDescriberFor), as the console describes them.
#[test]
fn describe_flag_describes_controllerrevisions_through_the_generic_describer() {
    let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds\nspec:\n  selector:\n    matchLabels: {app: ds}\n  template:\n    metadata:\n      labels: {app: ds}\n    spec:\n      containers:\n      - {name: c, image: nginx}\n";
    let out = cli(
        &[("ds.yaml", ds)],
        &[
            "run",
            "ds.yaml",
            "--until",
            "1s",
            "--describe",
            "controllerrevision/ds-5bc584dc8b,ev/nope",
        ],
    );
    for line in [
        "Name:         ds-5bc584dc8b\n",
        "API Version:  apps/v1\nData:\n  Spec:\n",
        "Revision:                  1\nEvents:                    <none>\n",
        "Error from server (NotFound): events \"nope\" not found",
    ] {
        assert!(out.stdout.contains(line), "{line:?} in\n{}", out.stdout);
    }
    assert_eq!(out.code, 1, "{}", out.stderr);
}

/// --get with nothing to list says so, as kubectl get -A does; stamps keep their fraction of
/// a second; a run that would pass year 9999 is refused.
#[test]
fn get_tables_stamps_and_the_last_writable_time() {
    let hello = include_str!("../examples/hello-cronjob.yaml");
    let out = cli(
        &[("c.yaml", hello)],
        &[
            "run", "c.yaml", "--until", "1s", "--get", "jobs", "--every", "500ms",
        ],
    );
    assert!(
        out.stdout
            .contains("kubectl get jobs\nNo resources found\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("# t=0.5s (2026-01-01T00:00:00.5Z)"),
        "{}",
        out.stdout
    );
    let out = cli(
        &[("pi.yaml", PI)],
        &[
            "run",
            "pi.yaml",
            "--start",
            "9999-12-31T23:59:59Z",
            "--until",
            "1m",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("past 9999-12-31T23:59:59Z"),
        "{}",
        out.stderr
    );
}

/// A scenario's addNode goes through the API server's checks of a Node's name and labels.
#[test]
fn add_node_is_validated_like_a_node_manifest() {
    let out = cli(
        &[
            ("pi.yaml", PI),
            (
                "s.yaml",
                "- at: 10s\n  addNode: {name: Worker_X, labels: {\"bad key\": x}}\n",
            ),
        ],
        &[
            "run",
            "pi.yaml",
            "--scenario",
            "s.yaml",
            "--until",
            "20s",
            "--events",
            "none",
        ],
    );
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("The Node \"Worker_X\" is invalid: [metadata.name: Invalid value: \"Worker_X\": a lowercase RFC 1123 subdomain"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("metadata.labels: Invalid value: \"bad key\""),
        "{}",
        out.stderr
    );
}

/// `lesson check ID` with the id `lesson list` prints; a path that is not there is named.
#[test]
fn lesson_check_takes_a_lesson_id() {
    let code = ctrlscope::cli::main(vec!["lesson".into(), "check".into(), "parallel-job".into()]);
    assert_eq!(code, 0);
    let code = ctrlscope::cli::main(vec![
        "lesson".into(),
        "check".into(),
        "no-such-lesson".into(),
    ]);
    assert_eq!(code, 1);
}

/// A scenario's pod target with a set-based selector is said to be unsupported (it was "no pod
/// matches"); an action past the longest run is said in days.
#[test]
fn scenario_targets_and_times_are_explained() {
    let out = cli(
        &[
            ("p.yaml", PARALLEL),
            (
                "s.yaml",
                "- at: 10s\n  failPod: \"job-name in (paral-1)\"\n",
            ),
        ],
        &[
            "run",
            "p.yaml",
            "--scenario",
            "s.yaml",
            "--until",
            "20s",
            "--events",
            "none",
        ],
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("set-based selectors (in, notin, !key) are not supported here"),
        "{}",
        out.stderr
    );
    // A typo among pod names acts on none of them; a bare key among key=value terms is not
    // dropped (labels.Parse reads it as "has the label").
    for (target, said) in [
        (
            "paral-1-hrrsw,paral-1-typo",
            "no pod matches \"paral-1-typo\"",
        ),
        ("job-name=paral-1,foo", "\"foo\" has no \"=\""),
        ("paral-1-typo,", "no pod matches \"paral-1-typo\""),
    ] {
        let scenario = format!("- at: 10s\n  deletePod: \"{target}\"\n");
        let out = cli(
            &[("p.yaml", PARALLEL), ("s.yaml", &scenario)],
            &[
                "run",
                "p.yaml",
                "--scenario",
                "s.yaml",
                "--until",
                "20s",
                "--events",
                "table",
            ],
        );
        assert_eq!(out.code, 1, "{target}");
        assert!(out.stderr.contains(said), "{}", out.stderr);
        assert!(!out.stdout.contains("Killing"), "{}", out.stdout);
    }
    let out = cli(
        &[
            ("pi.yaml", PI),
            ("s.yaml", "- at: 99999d\n  cordon: worker-1\n"),
        ],
        &["run", "pi.yaml", "--scenario", "s.yaml"],
    );
    assert!(
        out.stderr
            .contains("an action is at 99999d, after the longest run (--until at most 366d)"),
        "{}",
        out.stderr
    );
}

/// Review fixes: a `wait` is always decided or said undecided (never a silent exit 0); times
/// past the longest run, empty scenario applies and empty --get are refused; `validate` takes
/// no flags and finds the cross-file namespace clash `run` refuses; a command line that is
/// not UTF-8 is exit 2, not a panic.
#[test]
fn waits_are_decided_and_validate_agrees_with_run() {
    // Without --until the run lasts until the wait's timeout (2h, past the default hour).
    let out = cli(
        &[("pi.yaml", PI)],
        &[
            "run",
            "pi.yaml",
            "--kubectl",
            "wait --for=delete job/pi --timeout=2h",
        ],
    );
    assert_eq!(out.code, 1);
    assert!(out
        .stdout
        .contains("error: timed out waiting for the condition on jobs/pi"));
    // --until before its timeout: said, exit 1.
    let out = cli(
        &[("pi.yaml", PI)],
        &[
            "run",
            "pi.yaml",
            "--until",
            "10s",
            "--kubectl",
            "10s: wait --for=condition=complete job/pi",
        ],
    );
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains(
        "error: the run ended at t=10s (--until), before the wait was decided (its timeout is at t=40s)"
    ));
    // A wait started at the run's end (1h here) is decided too.
    let slow = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: slow\nspec:\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: \"1h\"\n    spec:\n      containers:\n      - name: c\n        image: busybox:1.36\n      restartPolicy: Never\n";
    let out = cli(
        &[("slow.yaml", slow)],
        &[
            "run",
            "slow.yaml",
            "--kubectl",
            "1h: wait --for=condition=complete job/slow --timeout=2m",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout.contains("job.batch/slow condition met"),
        "{}",
        out.stdout
    );
    let out = cli(
        &[("pi.yaml", PI)],
        &["run", "pi.yaml", "--kubectl", "400d: get jobs"],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("after the longest run"),
        "{}",
        out.stderr
    );
    let out = cli(&[("pi.yaml", PI)], &["run", "pi.yaml", "--get", ""]);
    assert_eq!(out.code, 2);
    let empty = "- at: 10s\n  apply: |\n    # nothing here yet\n";
    let out = cli(
        &[("pi.yaml", PI), ("s.yaml", empty)],
        &["run", "pi.yaml", "--scenario", "s.yaml"],
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("apply: no objects passed to apply"),
        "{}",
        out.stderr
    );

    let other = PI.replacen("metadata:\n", "metadata:\n  namespace: other\n", 1);
    let read = |p: &str| match p {
        "pi.yaml" => Ok(PI.to_string()),
        "other.yaml" => Ok(other.clone()),
        _ => Err("no such file".to_string()),
    };
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let out = ctrlscope::cli::validate(&args(&["pi.yaml", "other.yaml"]), &read);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains(
            "Job \"pi\" is also in namespace \"default\" (pi.yaml): CtrlScope keeps one Job per name across namespaces; rename one"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(
        ctrlscope::cli::validate(&args(&["--strict", "pi.yaml"]), &read).code,
        2
    );
    // The same Job again with another template: run applies it as an update, refused.
    let changed = PI.replace("bpi(2000)", "bpi(100)");
    let read2 = |p: &str| match p {
        "pi.yaml" => Ok(PI.to_string()),
        "changed.yaml" => Ok(changed.clone()),
        _ => Err("no such file".to_string()),
    };
    let out = ctrlscope::cli::validate(&args(&["pi.yaml", "changed.yaml"]), &read2);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stderr.contains("field is immutable"), "{}", out.stderr);
    assert_eq!(
        ctrlscope::cli::validate(&args(&["pi.yaml", "pi.yaml"]), &read2).code,
        0
    );
    assert_eq!(
        ctrlscope::cli::validate(&args(&["--", "pi.yaml"]), &read).code,
        0
    );

    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bad = std::ffi::OsStr::from_bytes(b"caf\xe9.yaml");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ctrlscope"))
            .arg("validate")
            .arg(bad)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("is not valid UTF-8"));
    }
}

/// A scenario entry with a key given twice is refused (the later would silently win), and a
/// wrong shape is said in the scenario's own words, not serde's type names.
#[test]
fn scenario_duplicates_and_shapes_are_said_plainly() {
    let dup = "- at: 10s\n  cordon: worker-1\n  cordon: worker-2\n";
    let out = cli(
        &[("pi.yaml", PI), ("s.yaml", dup)],
        &["run", "pi.yaml", "--scenario", "s.yaml"],
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("s.yaml:3:3: \"cordon\" is given twice (first on line 2)"),
        "{}",
        out.stderr
    );
    let shape = "- at: 10s\n  controllerDown: 5m\n";
    let out = cli(
        &[("pi.yaml", PI), ("s.yaml", shape)],
        &["run", "pi.yaml", "--scenario", "s.yaml"],
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("invalid type: string \"5m\", expected {for: DURATION}"),
        "{}",
        out.stderr
    );
}

/// `-` is standard input, which can be read once: given twice it is a bad command line.
#[test]
fn standard_input_is_read_once() {
    let out = cli(&[], &["run", "-", "-"]);
    assert_eq!(out.code, 2);
    assert!(out
        .stderr
        .contains("standard input (-) can be read only once"));
    let out = cli(&[], &["run", "-", "--scenario", "-"]);
    assert_eq!(out.code, 2);
    let read = |_: &str| Err("unused".to_string());
    let args: Vec<String> = ["-", "-"].iter().map(|s| s.to_string()).collect();
    assert_eq!(ctrlscope::cli::validate(&args, &read).code, 2);
}

/// Files are read as kubectl reads them (cli-runtime resource/visitor.go FileVisitor): UTF-16
/// with a byte-order mark (PowerShell's `>`), a UTF-8 BOM dropped, stray bytes as U+FFFD.
#[test]
fn files_decode_like_kubectl() {
    use ctrlscope::cli::decode_text;
    let mut le = vec![0xFF, 0xFE];
    le.extend("kind: Job\n".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(decode_text(&le), "kind: Job\n");
    let mut be = vec![0xFE, 0xFF];
    be.extend("名: x".encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(decode_text(&be), "名: x");
    assert_eq!(decode_text(b"\xEF\xBB\xBFa: 1"), "a: 1");
    assert_eq!(decode_text(b"# caf\xe9\na: 1"), "# caf\u{FFFD}\na: 1");
}

/// `lesson check` says why a file cannot be read, and counts a scenario action that finds
/// nothing with the lesson's own solution, or comes after the run, as the author's mistake.
#[test]
fn lesson_check_says_unreadable_files_and_idle_actions() {
    let main = |args: &[&str]| ctrlscope::cli::main(args.iter().map(|s| s.to_string()).collect());
    let dir = std::env::temp_dir().join(format!("ctrlscope-lesson-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    for e in std::fs::read_dir("lessons/first-job").expect("lesson") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), dir.join(e.file_name())).expect("copy");
    }
    let d = dir.to_str().expect("utf-8 path");
    assert_eq!(main(&["lesson", "check", d]), 0);
    let lesson = std::fs::read_to_string(dir.join("lesson.yaml")).expect("lesson.yaml");
    let with = lesson.replacen(
        "  solution:",
        "  scenario: late.scenario.yaml\n  solution:",
        1,
    );
    assert_ne!(with, lesson);
    std::fs::write(dir.join("lesson.yaml"), &with).expect("write");
    std::fs::write(
        dir.join("late.scenario.yaml"),
        "- at: 1s\n  failPod: job-name=nothere\n- at: 99h\n  cordon: worker-1\n",
    )
    .expect("write");
    assert_eq!(main(&["lesson", "check", d]), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `validate` agrees with `run`: an object with only `generateName` is refused as kubectl
/// apply refuses it (apply.go: "cannot use generate name with apply"), at its document.
#[test]
fn validate_refuses_generate_name_as_apply_does() {
    let gen = PI.replacen("name: pi", "generateName: pi-", 1);
    let read = |_: &str| Ok(gen.clone());
    let out = ctrlscope::cli::validate(&["gen.yaml".to_string()], &read);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("gen.yaml:2:1: error: from pi-: cannot use generate name with apply"),
        "{}",
        out.stderr
    );
}

/// Without --until a run goes until nothing more is due, at most an hour: a pod sleeping past
/// the hour runs the clock to the hour (the run ended at 2 s), and a pod killed by the Job's
/// deadline does not keep the run going to its old exit time (it went to 10m1s).
#[test]
fn the_default_run_ends_where_the_work_ends_at_most_an_hour() {
    let job = |command: &str, deadline: &str| {
        format!(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: crunch\nspec:\n{deadline}  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"{command}\"]\n"
        )
    };
    let last_table = |yaml: &str| {
        let out = cli(
            &[("job.yaml", yaml)],
            &["run", "job.yaml", "--get", "jobs", "--every", "2h"],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
            .lines()
            .rfind(|l| l.starts_with("# t="))
            .map(|l| l.split(' ').nth(1).unwrap_or_default().to_string())
            .unwrap_or_default()
    };
    assert_eq!(last_table(&job("sleep 3600", "")), "t=1h");
    assert_eq!(
        last_table(&job("sleep 600", "  activeDeadlineSeconds: 60\n")),
        "t=92s"
    );
}

/// README's CLI section shows `ctrlscope --help` as the binary prints it.
#[test]
fn the_readme_shows_the_help_as_printed() {
    let readme = include_str!("../README.md");
    assert!(
        readme.contains(ctrlscope::cli::USAGE),
        "README's CLI block differs from --help:\n{}",
        ctrlscope::cli::USAGE
    );
}

/// kubectl apply (staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go Run) applies the
/// documents in turn, so a Job given twice is an update of the stored one, whose template has
/// the generated labels (pkg/registry/batch/job/strategy.go generateSelector): `validate` shows
/// the same Invalid value as `run` (Simulation::apply) and the page.
#[test]
fn validate_same_job_twice_shows_the_stored_templates_generated_labels() {
    let text = format!("{PI}---\n{}", PI.replace("bpi(2000)", "bpi(100)"));
    let read = |_: &str| Ok(text.clone());
    let out = ctrlscope::cli::validate(&["j.yaml".to_string()], &read);
    assert_eq!(out.code, 1);
    let objs = ctrlscope::manifest::parse_manifests(&text).expect("each valid alone");
    let mut s = ctrlscope::sim::Simulation::new(ctrlscope::sim::SimConfig::default());
    let mut objs = objs.into_iter();
    s.apply(objs.next().expect("first")).expect("created");
    let err = s.apply(objs.next().expect("second")).expect_err("refused");
    let cause = err
        .split_once(" is invalid: ")
        .map(|(_, c)| c)
        .expect("an Invalid");
    assert!(
        cause.starts_with(
            "spec.template: Invalid value: {\"labels\":{\"batch.kubernetes.io/controller-uid\":"
        ),
        "{cause}"
    );
    assert_eq!(
        out.stderr.trim_end(),
        format!("j.yaml:27:5: {cause}"),
        "{}",
        out.stderr
    );
}

/// A manifest with `metadata.resourceVersion` (copied from `get -o yaml`) is created: kubectl
/// apply and create clear it before the POST (staging/src/k8s.io/cli-runtime/pkg/resource/
/// helper.go CreateWithOptions, modify=true; apply.go applyOneObject calls helper.Create(ns,
/// true, obj)), so the etcd3 store's ErrResourceVersionSetOnCreate is never reached; the
/// stored object gets the store's own version.
#[test]
fn manifest_resource_version_is_cleared_by_kubectl_on_create() {
    let text = PI.replacen(
        "  name: pi\n",
        "  name: pi\n  resourceVersion: \"123\"\n",
        1,
    );
    let read = |_: &str| Ok(text.clone());
    let out = ctrlscope::cli::validate(&["pi.yaml".to_string()], &read);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "pi.yaml: job.batch/pi valid\n")
    );
    let objs = ctrlscope::manifest::parse_manifests(&text).expect("valid");
    let mut s = ctrlscope::sim::Simulation::new(ctrlscope::sim::SimConfig::default());
    for o in objs {
        assert_eq!(s.apply(o).as_deref(), Ok("job.batch/pi created"));
    }
    assert_ne!(s.jobs()[0].metadata.resource_version, "123");
}

/// Values the CLI cannot honour exactly are refused, not bent: a seed past u64 says so, a
/// duration finer than the millisecond clock, a scenario action past the year 9999 (RFC 3339's
/// last), a `--version` with arguments.
#[test]
fn values_the_cli_cannot_honour_are_refused() {
    let out = cli(
        &[("p.yaml", PI)],
        &["run", "p.yaml", "--seed", "18446744073709551616"],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("too large (at most 18446744073709551615)"),
        "{}",
        out.stderr
    );
    let out = cli(&[("p.yaml", PI)], &["run", "p.yaml", "--until", "0.4ms"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("finer than a millisecond"),
        "{}",
        out.stderr
    );
    let out = cli(
        &[("p.yaml", PI), ("s.yaml", "- at: 2h\n  cordon: worker-1\n")],
        &[
            "run",
            "p.yaml",
            "--start",
            "9999-12-31T22:30:00Z",
            "--scenario",
            "s.yaml",
        ],
    );
    assert_eq!((out.code, out.stdout.as_str()), (1, ""));
    assert!(
        out.stderr.contains("after 9999-12-31T23:59:59Z"),
        "{}",
        out.stderr
    );
    assert_eq!(cli(&[], &["--version", "x"]).code, 2);
    assert_eq!(
        cli(&[("p.yaml", PI)], &["run", "p.yaml", "--scenario="]).code,
        2
    );
}
