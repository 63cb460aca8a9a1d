//! `get -o jsonpath`, `-o custom-columns`, `--sort-by` and `--no-headers`.

use super::tests::cluster;
use super::*;
use crate::api::Duration;

/// examples/pi-job.yaml, 5 s in: one running pod.
fn pi() -> Simulation {
    let mut s = cluster(include_str!("../../../../examples/pi-job.yaml"));
    s.run_until(s.now() + Duration::from_secs(5));
    s
}

fn say(s: &mut Simulation, line: &str) -> (String, bool) {
    let r = run(s, line);
    (r.output, r.error)
}

fn pod_name(s: &mut Simulation) -> String {
    let names = run(s, "get pods -o name").output;
    names.trim_start_matches("pod/").to_string()
}

/// The Job tutorial's command (kubernetes.io "Running an example Job"), and the spellings
/// of the flag.
#[test]
fn jsonpath_like_the_job_tutorial() {
    let mut s = pi();
    let pod = pod_name(&mut s);
    assert!(pod.starts_with("pi-"), "{pod}");
    for line in [
        "get pods --selector=batch.kubernetes.io/job-name=pi --output=jsonpath='{.items[*].metadata.name}'",
        "kubectl get pods -l batch.kubernetes.io/job-name=pi -o jsonpath='{.items[*].metadata.name}'",
        "get pods -o=jsonpath={.items[*].metadata.name}",
        "get pods -ojsonpath={.items[0].metadata.name}",
        "get pods -o jsonpath --template={.items[-1:].metadata.name}",
        "get pods -o jsonpath='{.items[?(@.status.phase==\"Running\")].metadata.name}'",
        "get pods -o jsonpath='{..metadata.labels.job-name}{\"\\n\"}' --no-headers",
    ] {
        let want = if line.contains("job-name}") {
            "pi\n".to_string()
        } else {
            pod.clone()
        };
        assert_eq!(say(&mut s, line), (want, false), "{line}");
    }
    assert_eq!(
        say(&mut s, "get pods -o jsonpath='{range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}'"),
        (format!("{pod}\tRunning\n"), false)
    );
    // One object for `get TYPE NAME`; maps and lists print as JSON, missing keys as nothing.
    assert_eq!(
        say(&mut s, "get job pi -o jsonpath='{.kind} {.spec.backoffLimit} {.spec.suspend} {.nope}|{.spec.template.spec.containers[0].command}'"),
        (r#"Job 4 false |["perl","-Mbignum=bpi","-wle","print bpi(2000)"]"#.to_string(), false)
    );
    assert_eq!(
        say(
            &mut s,
            "get job pi -o jsonpath=\"{.metadata.labels.job-name}{.metadata.labels['job-name']}\""
        ),
        ("pipi".to_string(), false)
    );
    assert_eq!(
        say(
            &mut s,
            "get pods -o jsonpath-as-json={.items[*].metadata.name}"
        ),
        (format!("[\n    \"{pod}\"\n]\n"), false)
    );
    assert_eq!(
        say(&mut s, "get cronjobs -o jsonpath={.items[*].metadata.name}"),
        (String::new(), false)
    );
}

#[test]
fn jsonpath_errors_like_kubectl() {
    let mut s = pi();
    for (line, want) in [
        ("get pods -o jsonpath", "error: template format specified but no template given"),
        ("get pods -o jsonpath=", "error: template format specified but no template given"),
        ("get pods -o jsonpath='{.a'", "error: error parsing jsonpath {.a, unclosed action"),
        ("get pods -o jsonpath='{.items[}'", "error: error parsing jsonpath {.items[}, unterminated array"),
        ("get pods -o jsonpath='{.items[?(@.a=1}'", "error: error parsing jsonpath {.items[?(@.a=1}, unterminated filter"),
        ("get pods -o jsonpath={*}", "error: error parsing jsonpath {*}, unrecognized character in action: U+002A '*'"),
        ("get pods -o go-template='{{if .a}}'", "error: CtrlScope's go-template knows {{.field.path}}, {{\"text\"}}, {{range .list}}...{{end}} and {{index .map \"key\"}}, not {{if .a}}; -o jsonpath reads any field"),
        ("get pods -o go-template='{{range .items}}'", "error: error parsing template {{range .items}}, template: output:1: unexpected EOF"),
        ("get pods -o jsonpath-file=x", "error: the output format \"jsonpath-file\" is not supported in CtrlScope (it reads no files); allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"),
        ("get pods -o table", "error: unable to match a printer suitable for the output format \"table\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"),
        ("get pods -w -o jsonpath-as-json={.a}", "error: -o jsonpath-as-json with --watch is not supported in CtrlScope; use -o jsonpath"),
    ] {
        assert_eq!(say(&mut s, line), (want.to_string(), true), "{line}");
    }
    // An evaluation error: printers/jsonpath.go's message, with the object as Go dumps it.
    let (out, error) = say(&mut s, "get job pi -o jsonpath={.metadata.labels[0]}");
    assert!(error);
    assert!(
        out.starts_with("error: error executing jsonpath \"{.metadata.labels[0]}\": Error executing template: map[string]interface {} is not array or slice. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.metadata.labels[0]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"batch/v1\", \"kind\":\"Job\", "),
        "{out}"
    );
    let (out, error) = say(&mut s, "get pods -o jsonpath={.items[3]}");
    assert!(
        error && out.contains("array index out of bounds: index 3, length 1"),
        "{out}"
    );
    // Hostile templates end with an error, not a crash.
    let deep = format!("get pods -o jsonpath={{{}}}", "[?(@".repeat(2000));
    assert!(run(&mut s, &deep).error);
    let many = format!("get pods -o jsonpath='{}'", "{range @}{..}".repeat(40));
    let r = run(&mut s, &many);
    assert!(
        r.error && r.output.contains("too expensive"),
        "{}",
        r.output
    );
}

#[test]
fn custom_columns_like_kubectl() {
    let mut s = pi();
    let pod = pod_name(&mut s);
    assert_eq!(
        say(&mut s, "get pods -o custom-columns=NAME:.metadata.name,STATUS:{.status.phase},NODE:spec.nodeName,GATES:.spec.readinessGates"),
        (format!("NAME       STATUS    NODE       GATES\n{pod}   Running   worker-3   <none>"), false)
    );
    // One table for every kind; several values join with commas; maps as Go prints them.
    assert_eq!(
        say(&mut s, "get pods,jobs -o custom-columns=KIND:kind,IMAGES:..image,LABEL:.metadata.labels.job-name --no-headers"),
        // `..image` finds the pod's container and its status (containerd's normalised repo tag).
        ("Pod   perl:5.34.0,docker.io/library/perl:5.34.0   pi\nJob   perl:5.34.0                                 pi".to_string(), false)
    );
    assert_eq!(
        say(&mut s, "get job pi -o custom-columns=A:.spec.template.metadata.annotations,C:.spec.template.spec.containers[0].command"),
        ("A                                     C\nmap[sim.ctrlscope.dev/duration:12s]   [perl -Mbignum=bpi -wle print bpi(2000)]".to_string(), false)
    );
    // The header even for an empty list (customcolumn.go prints it before any object).
    assert_eq!(
        say(&mut s, "get cronjobs -o custom-columns=NAME:.metadata.name"),
        ("NAME".to_string(), false)
    );
    for (line, want) in [
        ("get pods -o custom-columns", "error: custom-columns format specified but no custom columns given"),
        ("get pods -o custom-columns=NAME", "error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>"),
        ("get pods -o custom-columns=NAME:.a,X", "error: unexpected custom-columns spec: X, expected <header>:<json-path-expr>"),
        ("get pods -o custom-columns=NAME:{.a}{.b}", "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"),
        ("get pods -o custom-columns=NAME:.a[", "error: unterminated array"),
    ] {
        assert_eq!(say(&mut s, line), (want.to_string(), true), "{line}");
    }
}

/// Two Jobs, `b` made before `a`: names and creation times disagree.
fn two_jobs() -> Simulation {
    let job = |name: &str| {
        format!("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n")
    };
    let mut s = cluster(&job("b"));
    s.run_until(s.now() + Duration::from_secs(10));
    super::tests::apply_all(&mut s, &job("a"));
    s.run_until(s.now() + Duration::from_secs(2));
    s
}

#[test]
fn sort_by_like_kubectl() {
    let mut s = two_jobs();
    let names = |s: &mut Simulation, line: &str| -> Vec<String> {
        let r = run(s, line);
        assert!(!r.error, "{line}: {}", r.output);
        r.output
            .lines()
            .filter_map(|l| l.split_whitespace().next().map(str::to_string))
            .collect()
    };
    assert_eq!(names(&mut s, "get jobs --no-headers"), ["a", "b"]);
    assert_eq!(
        names(
            &mut s,
            "get jobs --sort-by=.metadata.creationTimestamp --no-headers"
        ),
        ["b", "a"]
    );
    assert_eq!(
        names(
            &mut s,
            "get jobs --sort-by {.metadata.creationTimestamp} -o name"
        ),
        ["job.batch/b", "job.batch/a"]
    );
    assert_eq!(
        say(
            &mut s,
            "get jobs --sort-by=metadata.creationTimestamp -o jsonpath={.items[*].metadata.name}"
        ),
        ("b a".to_string(), false)
    );
    // Pods by start time, and events by creation time: oldest first.
    let pods = names(&mut s, "get pods --sort-by=.status.startTime --no-headers");
    assert!(
        pods.len() == 2 && pods[0].starts_with("b-") && pods[1].starts_with("a-"),
        "{pods:?}"
    );
    let r = run(&mut s, "get events --sort-by=.metadata.creationTimestamp");
    assert!(
        !r.error && r.output.starts_with("LAST SEEN"),
        "{}",
        r.output
    );
    let r = run(
        &mut s,
        "get events --sort-by=.lastTimestamp -o jsonpath={.items[*].involvedObject.name}",
    );
    // sorter.go isLess: the scheduler's Events (events.k8s.io, `lastTimestamp: null`) come
    // first, in the API server's key order; then by time, stable over that order: at one
    // instant `b-…` (a pod) before `b`.
    assert!(
        r.output.starts_with("a-x8cvv b-hrrsw b-hrrsw b "),
        "{}",
        r.output
    );
    let r = run(
        &mut s,
        "get events --sort-by=.lastTimestamp -o jsonpath={.items[*].reason}",
    );
    assert!(r.output.starts_with("Scheduled Scheduled "), "{}", r.output);
    // Names sort naturally (sortorder.NaturalLess); a kind that lacks the field fails.
    assert_eq!(
        say(&mut s, "get jobs --sort-by=.nope"),
        (
            "error: couldn't find any field with path \"{.nope}\" in the list of objects"
                .to_string(),
            true
        )
    );
    assert_eq!(
        say(&mut s, "get jobs --sort-by={.a"),
        ("error: sorting error: unclosed action".to_string(), true)
    );
    assert_eq!(
        say(&mut s, "get jobs --sort-by={.a -o name"),
        ("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'".to_string(), true)
    );
    // Nothing to sort, nothing to complain about (an empty list); one named object is
    // printed as it is.
    assert!(!run(&mut s, "get cronjobs --sort-by=.nope -o name").error);
    assert_eq!(
        say(&mut s, "get job a --sort-by=.nope -o name"),
        ("job.batch/a".to_string(), false)
    );
    // --watch ignores it, with kubectl's warning.
    let r = run(&mut s, "get jobs -w --sort-by=.metadata.name");
    assert!(
        r.output.starts_with(
            "warning: --watch or --watch-only requested, --sort-by will be ignored\nNAME"
        ),
        "{}",
        r.output
    );
}

/// The DaemonSet docs' `-o go-template='{{.spec.updateStrategy.type}}{{"\n"}}'` and a range.
#[test]
fn go_templates_of_the_docs() {
    let mut s = pi();
    let pod = pod_name(&mut s);
    assert_eq!(
        say(
            &mut s,
            r#"get job pi -o go-template='{{.spec.completions}}{{"\n"}}'"#
        ),
        ("1\n".to_string(), false)
    );
    assert_eq!(
        say(
            &mut s,
            r#"get pods -o go-template --template='{{range .items}}{{.metadata.name}} {{index .metadata.labels "batch.kubernetes.io/job-name"}}{{"\n"}}{{end}}'"#
        ),
        (format!("{pod} pi\n"), false)
    );
    // text/template exec.go: a missing map key is the invalid value, printed `<no value>`, also
    // at the end of a chain; a range over it runs no body.
    assert_eq!(
        say(
            &mut s,
            r#"get job pi -o go-template='{{.spec.nope}} {{.spec.a.b}} {{index .metadata.labels "x"}}{{range .spec.none}}!{{end}}'"#
        ),
        ("<no value> <no value> <no value>".to_string(), false)
    );
    // kubectl's global -n before the command.
    assert_eq!(
        say(&mut s, "kubectl -n kube-system get pods"),
        (
            "No resources found in kube-system namespace.".to_string(),
            false
        )
    );
}

#[test]
fn no_headers_lays_out_the_rows_alone() {
    let mut s = pi();
    let pod = pod_name(&mut s);
    assert_eq!(
        say(&mut s, "get pods --no-headers"),
        (format!("{pod}   1/1   Running   0     5s"), false)
    );
    // Kinds follow each other without the blank line; -A and --show-labels still add columns.
    let (out, _) = say(&mut s, "get jobs,pods -A --no-headers --show-labels");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    let words = |l: &str| l.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    // Two kinds: names carry their kind (get.go multipleGVKsRequested).
    assert_eq!(words(lines[0]), "default job.batch/pi Running 0/1", "{out}");
    assert_eq!(
        words(lines[1]),
        format!("default pod/{pod} 1/1 Running"),
        "{out}"
    );
    assert!(lines[1].ends_with("job-name=pi"), "{out}");
    assert_eq!(
        say(&mut s, "get pods --no-headers=false").0.lines().count(),
        2
    );
    assert!(say(&mut s, "get pods --no-headers=maybe").1);
    assert_eq!(
        say(&mut s, "get cronjobs --no-headers"),
        (
            "No resources found in default namespace.".to_string(),
            false
        )
    );
    assert!(run(&mut s, "help").output.contains("--sort-by"));
}

/// printers.go `printEvent` with `-o wide`, and client-go's EventCorrelator: a crash-looping
/// container's repeated `Created`/`Started`/`BackOff` Events are one row each with their COUNT.
#[test]
fn wide_events_show_source_first_seen_count_and_name() {
    let mut s = cluster(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: flaky\nspec:\n  backoffLimit: 100\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/exit-codes: \"1\"\n        sim.ctrlscope.dev/duration: \"1s\"\n    spec:\n      restartPolicy: OnFailure\n      containers:\n      - name: flaky\n        image: busybox:1.36\n",
    );
    s.run_until(s.now() + Duration::from_secs(120));
    let (out, _) = say(&mut s, "get events -o wide");
    let mut lines = out.lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    assert_eq!(
        header,
        [
            "LAST",
            "SEEN",
            "TYPE",
            "REASON",
            "OBJECT",
            "SUBOBJECT",
            "SOURCE",
            "MESSAGE",
            "FIRST",
            "SEEN",
            "COUNT",
            "NAME"
        ]
    );
    let started = lines
        .find(|l| l.contains(" Started "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(started.contains("kubelet, worker-"), "{started}");
    let count: u32 = started
        .split_whitespace()
        .rev()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("{started}"));
    assert!(count >= 4, "{out}");
    // One row per Event, not per occurrence.
    let reasons: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2))
        .collect();
    assert_eq!(
        reasons.iter().filter(|r| **r == "Started").count(),
        1,
        "{out}"
    );
}

/// cli-runtime printers/json.go: `json.MarshalIndent(obj, "", "    ")` of the object as the
/// API server sends it: keys in order, four spaces.
#[test]
fn json_output_is_go_marshal_indent() {
    let mut s = pi();
    let out = say(&mut s, "get job pi -o json").0;
    assert!(out.starts_with("{\n    \"apiVersion\": \"batch/v1\",\n    \"kind\": \"Job\",\n    \"metadata\": {\n        \"creationTimestamp\""), "{out}");
    let list = say(&mut s, "get jobs -o json").0;
    assert!(
        list.starts_with("{\n    \"apiVersion\": \"v1\",\n    \"items\": ["),
        "{list}"
    );
}

/// SetDefaults_PodSpec / SetDefaults_Container, as `kubectl get -o yaml|json` shows them.
#[test]
fn printed_objects_carry_the_api_server_defaults() {
    let mut s = pi();
    let pod = pod_name(&mut s);
    let say1 = |s: &mut Simulation, l: &str| run(s, l).output;
    assert_eq!(
        say1(&mut s, &format!("get pod {pod} -o 'jsonpath={{.spec.dnsPolicy}} {{.spec.schedulerName}} {{.spec.containers[0].imagePullPolicy}} {{.spec.containers[0].terminationMessagePath}}'")),
        "ClusterFirst default-scheduler IfNotPresent /dev/termination-log"
    );
    assert!(say1(&mut s, "get job pi -o yaml").contains("\n      dnsPolicy: ClusterFirst\n"));
    for (image, policy) in [
        ("ubuntu", "Always"),
        ("busybox:latest", "Always"),
        ("perl:5.34.0", "IfNotPresent"),
        ("localhost:5000/app", "Always"),
        ("app@sha256:abc", "IfNotPresent"),
    ] {
        let mut v = serde_json::json!({"kind": "Pod", "spec": {"containers": [{"name": "c", "image": image}]}});
        crate::manifest::api_view(&mut v);
        assert_eq!(
            v["spec"]["containers"][0]["imagePullPolicy"], policy,
            "{image}"
        );
    }
}

/// `kubectl get events` lists in the API server's key order (namespace, name = object name and
/// hex time), so one object's Events come together; only --sort-by orders them by time.
#[test]
fn get_events_lists_in_key_order() {
    let mut s = super::tests::cluster(include_str!("../../../../examples/backoff-job.yaml"));
    s.run_until(s.cluster.start + crate::api::Duration::from_secs(120));
    let objects: Vec<String> = run(&mut s, "get events --no-headers")
        .output
        .lines()
        .map(|l| l.split_whitespace().nth(3).unwrap_or("").to_string())
        .collect();
    let mut grouped = objects.clone();
    grouped.dedup();
    let mut distinct = grouped.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(grouped.len(), distinct.len(), "{objects:?}");
    assert_eq!(objects.last().map(String::as_str), Some("job/flaky"));
}

/// A pod as the API serialises it: SetDefaults_Pod's `enableServiceLinks: true`, and the struct
/// fields without omitempty (each condition's `lastProbeTime: null`, each container status's
/// `lastState: {}`).
#[test]
fn a_pods_json_has_the_fields_the_api_always_writes() {
    let mut s = pi();
    let pod = pod_name(&mut s);
    let (links, _) = say(
        &mut s,
        &format!("get pod {pod} -o jsonpath={{.spec.enableServiceLinks}}"),
    );
    assert_eq!(links, "true");
    let (json, _) = say(&mut s, &format!("get pod {pod} -o json"));
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let conditions = v["status"]["conditions"].as_array().expect("conditions");
    assert!(conditions
        .iter()
        .all(|c| c.get("lastProbeTime") == Some(&serde_json::Value::Null)));
    assert_eq!(
        v["status"]["containerStatuses"][0]["lastState"],
        serde_json::json!({})
    );
}

/// Events live for kube-apiserver's --event-ttl (1h) after their last write: two hours on,
/// `get events` and `describe` show none.
#[test]
fn events_expire_an_hour_after_their_last_write() {
    let mut s = pi();
    let (before, _) = say(&mut s, "get events");
    assert!(before.contains("SuccessfulCreate"), "{before}");
    s.run_until(s.cluster.start + Duration::from_secs(2 * 3600));
    assert_eq!(
        say(&mut s, "get events"),
        ("No resources found in default namespace.".into(), false)
    );
    let (described, _) = say(&mut s, "describe job pi");
    let last = described.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("Events:") && last.ends_with(" <none>"),
        "{described}"
    );
}

/// The kubelet's Events about a container name it (involvedObject.fieldPath, kubecontainer
/// GenerateContainerRef): SUBOBJECT in `-o wide`, the field selector, and the same words about
/// two containers are two Events (getEventKey has the field path), not one `x2`.
#[test]
fn container_events_name_their_container() {
    let mut s = cluster(include_str!("../../../../examples/sidecar-job.yaml"));
    s.run_until(s.now() + Duration::from_secs(5));
    let (proxy, _) = say(
        &mut s,
        "get events --field-selector involvedObject.fieldPath=spec.initContainers{proxy} -o custom-columns=REASON:.reason,PATH:.involvedObject.fieldPath --no-headers",
    );
    let reasons: Vec<&str> = proxy
        .lines()
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    assert_eq!(
        reasons,
        ["Pulling", "Pulled", "Created", "Started"],
        "{proxy}"
    );
    assert!(proxy
        .lines()
        .all(|l| l.ends_with("spec.initContainers{proxy}")));
    let pod = s
        .pods()
        .into_iter()
        .find(|p| p.metadata.name.starts_with("stuck-"))
        .map(|p| p.metadata.name.clone())
        .unwrap_or_default();
    let (pulled, _) = say(
        &mut s,
        &format!("get events --field-selector reason=Pulled,involvedObject.name={pod} -o custom-columns=COUNT:.count,PATH:.involvedObject.fieldPath --no-headers"),
    );
    assert_eq!(
        pulled
            .lines()
            .map(str::split_whitespace)
            .map(|w| w.collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>(),
        ["1 spec.containers{work}", "1 spec.containers{proxy}"],
        "{pulled}"
    );
}

/// A pod no node took has no log location: `kubectl logs` prints nothing, no error
/// (strategy.go LogLocation returns no location before a node is assigned).
#[test]
fn logs_of_an_unscheduled_pod_are_empty() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pend}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      nodeSelector: {disktype: none}\n      containers:\n      - {name: c, image: busybox:1.36, command: [sh, -c, echo hi]}\n";
    let mut s = cluster(yaml);
    s.run_until(s.now() + Duration::from_secs(5));
    assert_eq!(say(&mut s, "logs job/pend"), (String::new(), false));
    let (bad, error) = say(&mut s, "logs job/pend -c nope");
    assert!(
        error && bad.contains("container nope is not valid"),
        "{bad}"
    );
}
