//! `kubectl events -o FORMAT` (cmd/events/events.go) and the `kubectl logs` flags `--since`,
//! `--since-time`, `--timestamps`, `--limit-bytes` (cmd/logs/logs.go, read by the kubelet as
//! pkg/kubelet/kuberuntime/logs/logs.go does).

use super::tests::{cluster, parallel_at};
use super::*;
use crate::api::Duration;

fn say(s: &mut Simulation, line: &str) -> (String, bool) {
    let r = run(s, line);
    (r.output, r.error)
}

// ---------------------------------------------------------------------------------------------
// kubectl events -o

/// events.go Run: with -o, the filtered and sorted events as one `v1 EventList` (TypeMeta set,
/// empty list metadata), through the JSON printer; each item a typed corev1.Event, so its
/// fields in Go's struct order (kind, apiVersion, metadata, involvedObject, …).
#[test]
fn events_o_json_prints_one_event_list_in_struct_order() {
    let mut s = parallel_at(5);
    let (out, error) = say(&mut s, "events -o json --for job/paral-1");
    assert!(!error);
    assert!(
        out.starts_with(
            "{\n    \"kind\": \"EventList\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {},\n    \"items\": [\n        {\n            \"kind\": \"Event\",\n            \"apiVersion\": \"v1\",\n            \"metadata\": {\n"
        ),
        "{out}"
    );
    let list: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    let items = list["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 2);
    let keys: Vec<&str> = items[0]
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        [
            "kind",
            "apiVersion",
            "metadata",
            "involvedObject",
            "reason",
            "message",
            "source",
            "firstTimestamp",
            "lastTimestamp",
            "count",
            "type",
            "eventTime",
            "reportingComponent",
            "reportingInstance"
        ]
    );
    assert_eq!(items[1]["message"], "Created pod: paral-1-rdx8c");
}

/// events.go Run with -o yaml: the EventList through the YAML printer (sigs.k8s.io/yaml: keys
/// sorted), one document.
#[test]
fn events_o_yaml_prints_the_event_list() {
    let mut s = parallel_at(5);
    let (out, error) = say(&mut s, "events -o yaml --for job/paral-1");
    assert!(!error);
    assert!(
        out.starts_with("apiVersion: v1\nitems:\n- apiVersion: v1\n  count: 1\n"),
        "{out}"
    );
    assert!(
        out.ends_with("  type: Normal\nkind: EventList\nmetadata: {}"),
        "{out}"
    );
    assert!(!out.contains("---"));
}

/// events.go Run ignores PrintObj's error, and cli-runtime's name.go refuses a typed list
/// ("list types are not supported by name printing: *v1.EventList"): `-o name` prints nothing.
#[test]
fn events_o_name_prints_nothing_for_the_list() {
    let mut s = parallel_at(5);
    assert_eq!(say(&mut s, "events -o name"), (String::new(), false));
}

/// events.go: jsonpath and go-template read the EventList; the text goes through
/// printers.GetNewTabWriter, so tab-separated fields line up as in the event table.
#[test]
fn events_o_jsonpath_reads_the_list_through_the_tab_writer() {
    let mut s = parallel_at(5);
    assert_eq!(
        say(
            &mut s,
            "events --for job/paral-1 -o jsonpath={.items[*].reason}"
        ),
        ("SuccessfulCreate SuccessfulCreate".into(), false)
    );
    assert_eq!(
        say(
            &mut s,
            "events --for job/paral-1 -o go-template='{{range .items}}{{.reason}}{{\"\\n\"}}{{end}}'"
        ),
        ("SuccessfulCreate\nSuccessfulCreate".into(), false)
    );
    let (out, _) = say(
        &mut s,
        "events --types Normal -o 'jsonpath={range .items[*]}{.reason}{\"\\t\"}{.involvedObject.kind}{\"\\n\"}{end}'",
    );
    assert!(
        out.starts_with("SuccessfulCreate   Job\nSuccessfulCreate   Job\nScheduled          Pod\n"),
        "{out}"
    );
}

/// PrintFlags("events") has json, yaml, name and the templates: no table formats, so `-o wide`
/// and custom-columns get genericclioptions' NoCompatiblePrinterError. events.go ToOptions
/// reads --for before -o, and Validate checks --types after both.
#[test]
fn events_o_wide_and_the_order_of_errors() {
    let mut s = parallel_at(5);
    let wide = "error: unable to match a printer suitable for the output format \"wide\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";
    assert_eq!(say(&mut s, "events -o wide"), (wide.into(), true));
    let (out, error) = say(&mut s, "events -o custom-columns=R:.reason");
    assert!(error);
    assert!(out.starts_with("error: unable to match a printer suitable for the output format \"custom-columns=R:.reason\", allowed formats are: go-template,"), "{out}");
    assert_eq!(
        say(&mut s, "events --for job -o wide"),
        ("error: --for must be in resource/name form".into(), true)
    );
    assert_eq!(
        say(&mut s, "events --types Bad -o wide"),
        (wide.into(), true)
    );
    assert_eq!(
        say(&mut s, "events --types Bad -o yaml"),
        ("error: valid --types are Normal or Warning".into(), true)
    );
    // No events: events.go says so on stderr, whatever the format.
    assert_eq!(
        say(&mut s, "events --types Warning -o json"),
        ("No events found in default namespace.".into(), false)
    );
}

/// events.go runWatch: each event the watch sends goes through the printer by itself (no
/// list): `event/NAME` with -o name, a YAML document each (the printer writes `---` before
/// every one after the first, cli-runtime printers/yaml.go).
#[test]
fn events_watch_prints_each_event_through_the_printer() {
    let mut s = parallel_at(5);
    let r = run(&mut s, "events -w -o name --for job/paral-1");
    assert!(!r.error);
    let names: Vec<&str> = r.output.lines().collect();
    assert_eq!(names.len(), 2, "{}", r.output);
    assert!(
        names.iter().all(|n| n.starts_with("event/paral-1.")),
        "{names:?}"
    );
    let mut f = *r.follow.expect("a watch");
    s.run_until(s.cluster.start + Duration::from_secs(40));
    let Polled::More(out) = f.poll(&mut s) else {
        panic!("the watch goes on")
    };
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        out.lines().all(|n| n.starts_with("event/paral-1.")),
        "{out}"
    );
    f.stop(&mut s);

    let mut s = parallel_at(5);
    let r = run(&mut s, "events -w -o yaml --for job/paral-1");
    assert!(
        r.output.starts_with("apiVersion: v1\ncount: 1\n"),
        "{}",
        r.output
    );
    assert_eq!(r.output.matches("\n---\n").count(), 1, "{}", r.output);
    let mut f = *r.follow.expect("a watch");
    s.run_until(s.cluster.start + Duration::from_secs(40));
    let Polled::More(out) = f.poll(&mut s) else {
        panic!("the watch goes on")
    };
    // The third and fourth documents of the same printer.
    assert!(out.starts_with("---\napiVersion: v1\n"), "{out}");
    assert_eq!(out.matches("---\n").count(), 2, "{out}");
    assert!(
        out.contains("message: 'Created pod: paral-1-dk248'"),
        "{out}"
    );
}

// ---------------------------------------------------------------------------------------------
// kubectl logs --timestamps --since --since-time --limit-bytes

/// A Job whose container (started at 00:00:01) prints `start`, `one` 10 s later, then `two`
/// and 5 s later ` halves` on the same line, and `end` 40 s after that.
fn ticking(secs: i64) -> Simulation {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: tick\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: tick\n        image: busybox\n        command: [\"sh\", \"-c\", \"echo start; sleep 10; echo one; sleep 10; echo -n two; sleep 5; echo ' halves'; sleep 40; echo end\"]\n";
    let mut s = cluster(yaml);
    let t = s.now() + Duration::from_secs(secs);
    s.run_until(t);
    s
}

fn pod(s: &mut Simulation) -> String {
    run(s, "get pods -o name").output.replace("pod/", "")
}

/// kuberuntime/logs/logs.go logWriter.write: each line after its time as RFC3339NanoFixed
/// (pkg/kubelet/types: `2006-01-02T15:04:05.000000000Z07:00`) and a space. containerd writes a
/// line when its newline comes, with that time.
#[test]
fn logs_timestamps_put_each_lines_time_before_it() {
    let mut s = ticking(35);
    assert_eq!(
        say(&mut s, "logs job/tick --timestamps"),
        (
            "2026-01-01T00:00:01.000000000Z start\n2026-01-01T00:00:11.000000000Z one\n2026-01-01T00:00:26.000000000Z two halves".into(),
            false
        )
    );
    assert_eq!(
        say(&mut s, "logs job/tick --timestamps=false"),
        ("start\none\ntwo halves".into(), false)
    );
    // logs.go addPrefixIfNeeded: kubectl's prefix before what the kubelet sent.
    let p = pod(&mut s);
    assert_eq!(
        say(&mut s, "logs job/tick --timestamps --prefix --tail=1").0,
        format!("[pod/{p}/tick] 2026-01-01T00:00:26.000000000Z two halves")
    );
}

/// logs.go ToLogOptions: `--since` rounded to whole seconds; kubelet NewLogOptions: since is
/// the kubelet's now less those seconds, and logWriter.write skips a line only when its time is
/// before it (a line at that very second stays).
#[test]
fn logs_since_counts_back_from_the_virtual_now() {
    let mut s = ticking(35);
    for (since, want) in [
        ("9s", "two halves"),
        ("10s", "two halves"),
        ("24s", "one\ntwo halves"),
        ("1m", "start\none\ntwo halves"),
        // 0 is no --since at all (logs.go: `if o.SinceSeconds != 0`).
        ("0", "start\none\ntwo halves"),
        // Duration.Round(time.Second): 24.5 s is 25 s.
        ("24.5s", "one\ntwo halves"),
    ] {
        assert_eq!(
            say(&mut s, &format!("logs job/tick --since={since}")),
            (want.into(), false),
            "{since}"
        );
    }
    // ReadLogs: --tail picks the last lines first, then --since skips the older ones.
    assert_eq!(
        say(&mut s, "logs job/tick --tail=2 --since=9s"),
        ("two halves".into(), false)
    );
}

/// `--since-time` (util.ParseRFC3339): lines from that time on. It travels as a query parameter
/// in whole seconds (metav1.Time MarshalQueryParameter formats RFC3339), so a fraction is
/// dropped.
#[test]
fn logs_since_time_is_an_absolute_start() {
    let mut s = ticking(35);
    for (since, want) in [
        ("2026-01-01T00:00:11Z", "one\ntwo halves"),
        ("2026-01-01T00:00:11.900Z", "one\ntwo halves"),
        ("2026-01-01T00:00:11.900000000Z", "one\ntwo halves"),
        ("2026-01-01T01:00:12+01:00", "two halves"),
        ("2026-01-01T00:01:00Z", ""),
    ] {
        assert_eq!(
            say(&mut s, &format!("logs job/tick --since-time {since}")),
            (want.into(), false),
            "{since}"
        );
    }
}

/// kubelet logWriter.write: a line longer than the bytes left is cut, and the log ends there;
/// the timestamps count.
#[test]
fn logs_limit_bytes_cuts_the_output() {
    let mut s = ticking(35);
    assert_eq!(
        say(&mut s, "logs job/tick --limit-bytes=8"),
        ("start\non".into(), false)
    );
    assert_eq!(
        say(&mut s, "logs job/tick --limit-bytes 40 --timestamps"),
        ("2026-01-01T00:00:01.000000000Z start\n202".into(), false)
    );
    // logs.go ToLogOptions sends it only when not 0.
    assert_eq!(
        say(&mut s, "logs job/tick --limit-bytes=0"),
        ("start\none\ntwo halves".into(), false)
    );
    // Each request has its own limit: -l asks once per pod.
    assert_eq!(
        say(&mut s, "logs -l job-name=tick --limit-bytes=3"),
        ("sta".into(), false)
    );
}

/// The errors: pflag's for a value it cannot read (before anything else), logs.go Complete's
/// for --since-time (before the pod is looked up), Validate's (after), and the API server's
/// ValidatePodLogOptions for a `--since` that rounds to 0 s (kubectl's checkErr prints an
/// Invalid status as `The KIND "NAME" is invalid: …`, without `error: `).
#[test]
fn logs_flag_errors_like_kubectl() {
    let mut s = ticking(35);
    let p = pod(&mut s);
    for (line, want) in [
        (
            "logs job/tick --since=x",
            "error: invalid argument \"x\" for \"--since\" flag: time: invalid duration \"x\"\nSee 'kubectl logs --help' for usage.",
        ),
        (
            "logs job/tick --since 5",
            "error: invalid argument \"5\" for \"--since\" flag: time: missing unit in duration \"5\"\nSee 'kubectl logs --help' for usage.",
        ),
        (
            "logs job/tick --since=3d",
            "error: invalid argument \"3d\" for \"--since\" flag: time: unknown unit \"d\" in duration \"3d\"\nSee 'kubectl logs --help' for usage.",
        ),
        (
            "logs nope --limit-bytes=x",
            "error: invalid argument \"x\" for \"--limit-bytes\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl logs --help' for usage.",
        ),
        (
            "logs job/tick --since",
            "error: flag needs an argument: --since\nSee 'kubectl logs --help' for usage.",
        ),
        (
            "logs nope --since-time=x",
            "error: parsing time \"x\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"x\" as \"2006\"",
        ),
        (
            "logs job/tick --since-time=2026-01-01",
            "error: parsing time \"2026-01-01\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\"",
        ),
        (
            "logs nope --since=1s --since-time=2026-01-01T00:00:00Z",
            "Error from server (NotFound): pods \"nope\" not found",
        ),
        (
            "logs job/tick --since=1s --since-time=2026-01-01T00:00:00Z",
            "error: at most one of `sinceTime` or `sinceSeconds` may be specified",
        ),
        (
            "logs job/tick --limit-bytes=-1",
            "error: --limit-bytes must be greater than 0",
        ),
        ("logs job/tick --since=-5s", "error: --since must be greater than 0"),
        (
            "logs -l job-name=tick --since=-5s",
            "error: --since must be greater than 0",
        ),
    ] {
        assert_eq!(say(&mut s, line), (want.to_string(), true), "{line}");
    }
    let (out, error) = say(&mut s, "logs job/tick --since=400ms");
    assert!(error);
    assert_eq!(
        out,
        format!("The PodLogOptions {p:?} is invalid: sinceSeconds: Invalid value: 0: must be greater than 0")
    );
}

/// `logs -f` with these flags: the kubelet's stream reads each new line as the head did
/// (`--since`, `--timestamps`), ends when `--limit-bytes` are sent, and sends a line only once
/// the runtime has written it whole (containerd's CRI logger writes at the newline).
#[test]
fn logs_follow_with_the_kubelet_flags() {
    let mut s = ticking(5);
    let r = run(&mut s, "logs -f job/tick --timestamps");
    assert_eq!(r.output, "2026-01-01T00:00:01.000000000Z start\n");
    let mut f = *r.follow.expect("a stream");
    s.run_until(s.cluster.start + Duration::from_secs(15));
    assert_eq!(
        f.poll(&mut s),
        Polled::More("2026-01-01T00:00:11.000000000Z one\n".into())
    );
    // `two` is written, its line not yet.
    s.run_until(s.cluster.start + Duration::from_secs(23));
    assert_eq!(f.poll(&mut s), Polled::More(String::new()));
    s.run_until(s.cluster.start + Duration::from_secs(30));
    assert_eq!(
        f.poll(&mut s),
        Polled::More("2026-01-01T00:00:26.000000000Z two halves\n".into())
    );
    f.stop(&mut s);

    // --since-time in the future: nothing until then.
    let mut s = ticking(5);
    let r = run(&mut s, "logs -f job/tick --since-time=2026-01-01T00:00:20Z");
    assert_eq!(r.output, "");
    let mut f = *r.follow.expect("a stream");
    s.run_until(s.cluster.start + Duration::from_secs(30));
    assert_eq!(f.poll(&mut s), Polled::More("two halves\n".into()));
    f.stop(&mut s);

    // --limit-bytes: the stream ends with its last byte.
    let mut s = ticking(5);
    let r = run(&mut s, "logs -f job/tick --limit-bytes=8");
    assert_eq!(r.output, "start\n");
    let mut f = *r.follow.expect("a stream");
    s.run_until(s.cluster.start + Duration::from_secs(15));
    assert_eq!(f.poll(&mut s), Polled::Done("on".into(), false));
    assert!(s.cluster.store.tap.is_none());
    // Already sent whole at the start: nothing to follow.
    let r = run(&mut s, "logs -f job/tick --limit-bytes=3 --prefix");
    let p = pod(&mut s);
    assert_eq!(
        (r.output, r.follow.is_none()),
        (format!("[pod/{p}/tick] sta"), true)
    );
}

/// A running container's last line without its newline yet: plain `logs` shows it (as
/// CtrlScope always has), with the time of what has been written of it.
#[test]
fn logs_timestamps_of_a_line_still_being_written() {
    let mut s = ticking(23);
    assert_eq!(
        say(&mut s, "logs job/tick --timestamps --tail=1"),
        ("2026-01-01T00:00:21.000000000Z two".into(), false)
    );
}

/// Tab completion offers the new flags, and no table format where PrintFlags has none.
#[test]
fn completion_offers_the_new_flags() {
    let s = ticking(1);
    let c = |line: &str| crate::kubectl::complete::complete(&s, line);
    assert_eq!(c("logs --ti"), ["--timestamps"]);
    assert_eq!(c("logs --si"), ["--since=", "--since-time="]);
    assert_eq!(c("logs --li"), ["--limit-bytes="]);
    let formats = c("events -o ");
    assert!(formats.contains(&"yaml".to_string()), "{formats:?}");
    assert!(!formats.contains(&"wide".to_string()), "{formats:?}");
    assert!(c("get pods -o ").contains(&"wide".to_string()));
}

/// `CMD --help` shows the new flags.
#[test]
fn help_names_the_new_flags() {
    let mut s = ticking(1);
    let logs = run(&mut s, "logs --help").output;
    for f in [
        "--timestamps",
        "--since=",
        "--since-time=",
        "--limit-bytes=",
    ] {
        assert!(logs.contains(f), "{f}: {logs}");
    }
    assert!(run(&mut s, "events -h")
        .output
        .contains("-o yaml|json|name|jsonpath="));
}

/// pflag reads a group of shorthands one at a time (flag.go parseSingleShortArg): after a
/// true/false one (`-A`, `-w`, `-f`, `-p`) the rest of the word is the next shorthand, so
/// `-Aowide` is `-A -o wide`; an unknown one is named with the whole group.
#[test]
fn grouped_shorthands_read_like_pflag() {
    let mut s = ticking(12);
    let name = pod(&mut s);
    let (wide, error) = say(&mut s, "get pods -Aowide");
    assert!(!error, "{wide}");
    assert_eq!(wide, say(&mut s, "get pods -A -o wide").0);
    assert!(wide.starts_with("NAMESPACE   NAME"), "{wide}");
    assert_eq!(
        say(&mut s, "get pods -Al job-name=tick").0,
        say(&mut s, "get pods -A -l job-name=tick").0
    );
    let logs = format!("logs -fp {name}");
    assert_eq!(
        say(&mut s, &logs),
        say(&mut s, &format!("logs -f -p {name}"))
    );
    assert_eq!(
        say(&mut s, "get pods -Ax"),
        (
            "error: unknown shorthand flag: 'x' in -Ax\nSee 'kubectl get --help' for usage.".into(),
            true
        )
    );
    // A value is not a group: `-l -Aw` selects on "-Aw" (and fails as a selector).
    let (out, error) = say(&mut s, "get pods -l -Aw");
    assert!(error && !out.contains("shorthand"), "{out}");
}

/// apimachinery errors.NewNotFound formats the name with `%q` (Go's strconv.Quote), not Rust's
/// Debug: a right-to-left mark is `\u202e`, NUL `\x00`.
#[test]
fn not_found_quotes_the_name_like_go() {
    let mut s = ticking(1);
    assert_eq!(
        say(&mut s, "get pods \u{202e}rtl").0,
        "Error from server (NotFound): pods \"\\u202ertl\" not found"
    );
}

/// pflag parses `--tail` as an int64 when it reads the line: a value out of range is its error,
/// before kubectl looks for the pod.
#[test]
fn tail_out_of_range_is_pflags_error_first() {
    let mut s = ticking(1);
    assert_eq!(
        say(&mut s, "logs --tail=-99999999999999999999 nope").0,
        "error: invalid argument \"-99999999999999999999\" for \"--tail\" flag: strconv.ParseInt: parsing \"-99999999999999999999\": value out of range\nSee 'kubectl logs --help' for usage."
    );
}

/// kubectl's delete takes `jobs,pods` and the `all` category (builder.go ReplaceAliases);
/// CtrlScope's acts on one type per command and says so, not "no such resource type".
#[test]
fn delete_of_several_types_says_one_per_command() {
    let mut s = ticking(1);
    for cmd in ["delete jobs,pods --all", "delete all --all"] {
        let (out, error) = say(&mut s, cmd);
        assert!(
            error
                && out.starts_with(
                    "error: CtrlScope's delete and wait take one resource type per command"
                ),
            "{out}"
        );
        assert!(crate::kubectl::console::gloss(&out).is_some(), "{out}");
    }
}

/// Only a word split from a shorthand group is named by its group: an unknown `-z` after an
/// argument that happens to end in `z` is `-z`'s own.
#[test]
fn an_unknown_shorthand_is_named_by_its_own_word() {
    let mut s = ticking(1);
    assert!(say(&mut s, "get pods xyz -z")
        .0
        .starts_with("error: unknown shorthand flag: 'z' in -z\n"));
}

/// cmd/version/version.go: --client leaves the server out; -o yaml|json marshal the Version
/// struct (v1.34.0's release values); any other -o is refused by Validate.
#[test]
fn version_client_and_output() {
    let mut s = crate::sim::Simulation::new(crate::sim::SimConfig::default());
    assert_eq!(
        run(&mut s, "version").output,
        "Client Version: v1.34.0\nKustomize Version: v5.7.1\nServer Version: v1.34.0"
    );
    assert_eq!(
        run(&mut s, "kubectl version --client").output,
        "Client Version: v1.34.0\nKustomize Version: v5.7.1"
    );
    let json = run(&mut s, "version -o json").output;
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["clientVersion"]["gitVersion"], "v1.34.0");
    assert_eq!(v["serverVersion"]["minCompatibilityMinor"], "33");
    assert!(json.starts_with("{\n  \"clientVersion\": {\n    \"major\": \"1\",\n    \"minor\": \"34\",\n    \"gitVersion\": \"v1.34.0\","), "{json}");
    assert_eq!(
        run(&mut s, "version --client=true -o yaml").output,
        "clientVersion:\n  buildDate: \"2025-08-27T10:15:59Z\"\n  compiler: gc\n  gitCommit: f28b4c9efbca5c5c0af716d9f2d5702667ee8a45\n  gitTreeState: clean\n  gitVersion: v1.34.0\n  goVersion: go1.24.6\n  major: \"1\"\n  minor: \"34\"\n  platform: linux/amd64\nkustomizeVersion: v5.7.1"
    );
    assert!(run(&mut s, "version -oyaml").output.contains(
        "\n  minCompatibilityMajor: \"1\"\n  minCompatibilityMinor: \"33\"\n  minor: \"34\"\n"
    ));
    let r = run(&mut s, "version -o wide");
    assert_eq!(
        (r.output.as_str(), r.error),
        ("error: --output must be 'yaml' or 'json'", true)
    );
}

/// templater.go FlagErrorFunc: every flag value pflag refuses is followed by the usage hint
/// of the command it was given to (`log` is `kubectl logs`).
#[test]
fn flag_value_errors_end_with_the_usage_hint() {
    let mut s = parallel_at(5);
    for (line, want) in [
        ("log job/paral-1 --limit-bytes=x", "error: invalid argument \"x\" for \"--limit-bytes\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl logs --help' for usage."),
        ("delete pod x --grace-period=abc", "error: invalid argument \"abc\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\nSee 'kubectl delete --help' for usage."),
        ("get pods --no-headers=maybe", "error: invalid argument \"maybe\" for \"--no-headers\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\nSee 'kubectl get --help' for usage."),
        ("get pods --show-labels=maybe", "error: invalid argument \"maybe\" for \"--show-labels\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\nSee 'kubectl get --help' for usage."),
    ] {
        assert_eq!(say(&mut s, line), (want.to_string(), true), "{line}");
    }
}
