//! Selections and streams: `delete --all|-l` (delete.go), `logs -l|-f` (logs.go), `describe` by
//! prefix or selector (describe.go), `kubectl events` (events.go).

use super::tests::parallel_at;
use super::*;
use crate::api::Duration;

#[test]
fn delete_all_and_by_selector_delete_each_by_name() {
    let mut s = parallel_at(5);
    let r = run(&mut s, "delete pods --all");
    assert_eq!(
        (r.output.as_str(), r.error),
        (
            "pod \"paral-1-hrrsw\" deleted from default namespace\npod \"paral-1-rdx8c\" deleted from default namespace",
            false
        )
    );
    // One recorded action that replays the same deletions.
    assert_eq!(
        r.action,
        Some(Action::DeletePod("paral-1-hrrsw,paral-1-rdx8c".into()))
    );
    let r = run(&mut s, "delete pods -l app=nope");
    assert_eq!((r.output.as_str(), r.action), ("No resources found", None));
    // The Job's labels default to its template's (batch/v1 SetDefaults_Job), job-name too.
    let r = run(&mut s, "delete job -l job-name=paral-1");
    assert_eq!(
        r.output,
        "job.batch \"paral-1\" deleted from default namespace"
    );
    let r = run(&mut s, "delete jobs --all");
    assert_eq!(r.output, "No resources found");
}

#[test]
fn delete_argument_errors_use_kubectl_words() {
    let mut s = parallel_at(5);
    for (line, want) in [
        ("delete pods --all -l a=b", "error: cannot set --all and --selector at the same time"),
        ("delete pod x --all", "error: name cannot be provided when a selector is specified"),
        ("delete pod a b", "Error from server (NotFound): pods \"a\" not found\nError from server (NotFound): pods \"b\" not found"),
        ("delete pod/x y", "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'"),
        ("delete pods", "error: resource(s) were provided, but no name was specified"),
    ] {
        let r = run(&mut s, line);
        assert_eq!((r.output.as_str(), r.error, r.action.is_none()), (want, true, true), "{line}");
    }
    let r = run(&mut s, "delete pod/paral-1-hrrsw pods/paral-1-rdx8c");
    assert_eq!(
        r.output,
        "pod \"paral-1-hrrsw\" deleted from default namespace\npod \"paral-1-rdx8c\" deleted from default namespace"
    );
    // ContinueOnError: what exists is deleted, what does not is reported after.
    let mut s = parallel_at(5);
    let r = run(&mut s, "delete pods paral-1-hrrsw nope");
    assert_eq!(
        (r.output.as_str(), r.error, r.action.is_some()),
        (
            "pod \"paral-1-hrrsw\" deleted from default namespace\nError from server (NotFound): pods \"nope\" not found",
            true,
            true
        )
    );
}

/// Several names: get lists them in the order named and reports the missing after; describe
/// describes each; cordon cordons each (kubectl's ContinueOnError visitors).
#[test]
fn several_names_in_one_command() {
    let mut s = parallel_at(5);
    let r = run(
        &mut s,
        "get pods paral-1-rdx8c nope paral-1-hrrsw --no-headers",
    );
    let lines: Vec<&str> = r.output.lines().collect();
    assert!(r.error);
    assert!(lines[0].starts_with("paral-1-rdx8c"), "{}", r.output);
    assert!(lines[1].starts_with("paral-1-hrrsw"), "{}", r.output);
    assert_eq!(
        lines[2],
        "Error from server (NotFound): pods \"nope\" not found"
    );
    let r = run(&mut s, "describe pods paral-1-hrrsw paral-1-rdx8c");
    assert_eq!(
        r.output.matches("\nName:").count() + usize::from(r.output.starts_with("Name:")),
        2
    );
    let r = run(&mut s, "cordon worker-1 worker-2");
    assert_eq!(r.output, "node/worker-1 cordoned\nnode/worker-2 cordoned");
    assert!(run(&mut s, "get nodes worker-2")
        .output
        .contains("SchedulingDisabled"));
    assert_eq!(
        run(&mut s, "cordon worker-2").output,
        "node/worker-2 already cordoned"
    );
}

/// `logs -f`: lines appear when the script's clock passes them; the stream ends with the
/// container.
#[test]
fn logs_follow_prints_lines_as_time_runs_until_the_container_exits() {
    let mut s = parallel_at(5);
    let r = run(&mut s, "logs -f paral-1-hrrsw");
    assert_eq!((r.output.as_str(), r.error), ("", false));
    let mut f = *r.follow.expect("a stream");
    s.run_until(s.cluster.start + Duration::from_secs(20));
    assert_eq!(f.poll(&mut s), Polled::More(String::new()));
    s.run_until(s.cluster.start + Duration::from_secs(40));
    assert_eq!(
        f.poll(&mut s),
        Polled::Done("Thu Jan  1 00:00:31 UTC 2026\n".into(), false)
    );
    assert!(s.cluster.store.tap.is_none());
    // An exited container: the whole log, nothing to follow.
    let r = run(&mut s, "logs --follow paral-1-hrrsw");
    assert_eq!(
        (r.output.as_str(), r.follow.is_none()),
        ("Thu Jan  1 00:00:31 UTC 2026", true)
    );
    let r = run(&mut s, "logs -f -l job-name=paral-1");
    assert_eq!(
        r.output,
        "error: CtrlScope follows one pod's log: kubectl logs -f POD"
    );
}

/// `kubectl events` (events.go, event_printer.go): OBJECT as Kind/name, oldest first,
/// filtered by --for and --types; -w prints each new event.
#[test]
fn events_command_and_its_watch() {
    let mut s = parallel_at(5);
    let r = run(&mut s, "events --for job/paral-1");
    assert_eq!(
        r.output,
        "LAST SEEN   TYPE     REASON             OBJECT        MESSAGE\n\
         5s          Normal   SuccessfulCreate   Job/paral-1   Created pod: paral-1-hrrsw\n\
         5s          Normal   SuccessfulCreate   Job/paral-1   Created pod: paral-1-rdx8c"
    );
    for (line, want) in [
        (
            "events --types=Warning",
            "No events found in default namespace.",
        ),
        ("events --types=Warning -A", "No events found."),
        (
            "events --types=Bad",
            "error: valid --types are Normal or Warning",
        ),
        (
            "events --for job",
            "error: --for must be in resource/name form",
        ),
    ] {
        assert_eq!(run(&mut s, line).output, want, "{line}");
    }
    let r = run(&mut s, "events -w --for job/paral-1");
    assert_eq!(r.output.lines().count(), 3, "{}", r.output);
    let mut f = *r.follow.expect("a watch");
    s.run_until(s.cluster.start + Duration::from_secs(40));
    let Polled::More(out) = f.poll(&mut s) else {
        panic!("the watch goes on")
    };
    // The second wave, each line as recorded (its LAST SEEN at that instant).
    assert_eq!(
        out,
        "0s          Normal   SuccessfulCreate   Job/paral-1   Created pod: paral-1-dk248\n\
         0s          Normal   SuccessfulCreate   Job/paral-1   Created pod: paral-1-5w4wn\n"
    );
}

/// describe.go `DescribeMatchingResources`: no exact name, so every name with the prefix.
#[test]
fn describe_by_prefix_and_by_selector() {
    let mut s = parallel_at(5);
    let names = |out: &str| -> Vec<String> {
        out.lines()
            .filter_map(|l| l.strip_prefix("Name:"))
            .map(|n| n.trim().to_string())
            .collect()
    };
    let r = run(&mut s, "describe pod paral");
    assert_eq!(names(&r.output), ["paral-1-hrrsw", "paral-1-rdx8c"]);
    let r = run(&mut s, "describe pods -l job-name=paral-1");
    assert_eq!(names(&r.output), ["paral-1-hrrsw", "paral-1-rdx8c"]);
    let r = run(&mut s, "describe pods -l app=nope");
    assert_eq!(r.output, "No resources found in default namespace.");
    let r = run(&mut s, "describe pod nope");
    assert_eq!(
        r.output,
        "Error from server (NotFound): pods \"nope\" not found"
    );
    // Only `TYPE NAME` falls back to a prefix (describe.go Run: `len(o.BuilderArgs) == 2`):
    // TYPE/NAME, and three arguments, look each name up exactly.
    let r = run(&mut s, "describe pod/paral");
    assert_eq!(
        r.output,
        "Error from server (NotFound): pods \"paral\" not found"
    );
    let r = run(&mut s, "describe pods paral-1-hrrsw paral");
    assert_eq!(names(&r.output), ["paral-1-hrrsw"]);
    assert!(r.error);
    assert!(r
        .output
        .ends_with("\nError from server (NotFound): pods \"paral\" not found"));
    // Two TYPE/NAME arguments, one missing: DescribeMatchingResources reads job/paral-1 for
    // names starting with "pod/nope", finds none and returns the NotFound alone.
    let r = run(&mut s, "describe job/paral-1 pod/nope");
    assert_eq!(
        r.output,
        "Error from server (NotFound): pods \"nope\" not found"
    );
    let r = run(&mut s, "describe job/paral-1 pod/paral-1-hrrsw");
    assert_eq!(names(&r.output), ["paral-1", "paral-1-hrrsw"]);
}

#[test]
fn logs_by_selector_print_what_each_pod_printed_so_far() {
    // `sleep 30; date`: nothing before the sleep ends.
    let mut s = parallel_at(5);
    assert_eq!(run(&mut s, "logs -l job-name=paral-1").output, "");
    let mut s = parallel_at(40);
    assert_eq!(
        run(&mut s, "logs -l job-name=paral-1").output,
        "Thu Jan  1 00:00:31 UTC 2026\nThu Jan  1 00:00:31 UTC 2026"
    );
    assert_eq!(
        run(&mut s, "logs -l app=x").output,
        "No resources found in default namespace."
    );
}

/// A name is looked up in one namespace (cli-runtime resource/builder.go `visitByName`): `-n`,
/// else `default`. The DaemonSet and its pods live in kube-system, so without `-n` they are
/// NotFound, with a CtrlScope line that says where they are; `-A` with a name is refused.
#[test]
fn named_lookups_look_in_one_namespace() {
    let mut s = super::tests::cluster(include_str!("../../../../examples/fluentd-daemonset.yaml"));
    s.run_until(s.now() + Duration::from_secs(30));
    let pod = s
        .cluster
        .store
        .list::<Pod>()
        .map(|p| p.metadata.name.clone())
        .next()
        .unwrap_or_default();
    let ds = "fluentd-elasticsearch";
    let elsewhere = |what: &str, kind: &str, name: &str| {
        format!(
            "Error from server (NotFound): {what} \"{name}\" not found\n(CtrlScope: {kind} \"{name}\" is in namespace kube-system: add -n kube-system)"
        )
    };
    let missing_ds = elsewhere("daemonsets.apps", "daemonset", ds);
    let missing_pod = elsewhere("pods", "pod", &pod);
    let cases = [
        (format!("get ds {ds}"), missing_ds.clone()),
        (format!("get ds/{ds} -w"), missing_ds.clone()),
        (format!("describe ds {ds}"), missing_ds.clone()),
        (format!("describe pod {pod}"), missing_pod.clone()),
        (format!("logs {pod}"), missing_pod.clone()),
        (format!("logs pod/{pod} -f"), missing_pod.clone()),
        (format!("delete pod {pod}"), missing_pod.clone()),
        (format!("rollout status ds/{ds}"), missing_ds.clone()),
        (
            format!("set image ds/{ds} fluentd-elasticsearch=x"),
            missing_ds.clone(),
        ),
        (format!("patch ds {ds} -p '{{}}'"), missing_ds.clone()),
        (
            format!("wait --for=condition=Ready pod/{pod}"),
            missing_pod.clone(),
        ),
        (format!("get ds {ds} -n default"), missing_ds.clone()),
        (
            format!("get pod {pod} -A"),
            "error: a resource cannot be retrieved by name across all namespaces".into(),
        ),
        (
            format!("describe ds {ds} -A"),
            "error: a resource cannot be retrieved by name across all namespaces".into(),
        ),
    ];
    for (cmd, want) in &cases {
        let r = run(&mut s, cmd);
        assert_eq!(
            (r.output.as_str(), r.error, r.action.is_none()),
            (want.as_str(), true, true),
            "{cmd}"
        );
    }
    // A list in the wrong namespace is kubectl's "No resources found", then where they are
    // (the lecture's own `kubectl get ds`).
    assert_eq!(
        run(&mut s, "get ds").output,
        "No resources found in default namespace.\n(CtrlScope: DaemonSets are in namespace kube-system: add -n kube-system, or -A for every namespace)"
    );
    assert_eq!(
        run(&mut s, "get jobs").output,
        "No resources found in default namespace."
    );
    // The same commands in the right namespace work; nodes have no namespace.
    for cmd in [
        format!("get ds {ds} -n kube-system"),
        format!("kubectl -n kube-system describe pod {pod}"),
        format!("logs {pod} --namespace=kube-system"),
        format!("rollout status ds/{ds} -nkube-system --watch=false"),
        "describe node worker-1 -n kube-system".into(),
        "get node worker-1 -A".into(),
    ] {
        let r = run(&mut s, &cmd);
        assert!(!r.error, "{cmd}: {}", r.output);
    }
    // An object that is nowhere is the plain NotFound; a missing object is no wait for delete.
    let r = run(&mut s, "get ds nope");
    assert_eq!(
        r.output,
        "Error from server (NotFound): daemonsets.apps \"nope\" not found"
    );
    let r = run(&mut s, &format!("wait --for=delete pod/{pod}"));
    assert_eq!((r.output.as_str(), r.error), ("", false));
    let r = run(&mut s, &format!("delete pod {pod} -n kube-system"));
    assert_eq!(
        r.output,
        format!("pod \"{pod}\" deleted from kube-system namespace")
    );
}

/// `--field-selector` (fields.ParseSelector, the strategies' selectable fields): the Job
/// docs' and DaemonSet tutorials' `status.phase` and `spec.nodeName`, events by reason, a
/// cleanup by phase; unsupported fields and malformed selectors as the API server refuses them.
#[test]
fn field_selectors_filter_get_and_delete() {
    let mut s = parallel_at(40);
    let all = run(&mut s, "get pods -o name").output;
    let done = run(
        &mut s,
        "get pods --field-selector=status.phase=Succeeded -o name",
    )
    .output;
    let running = run(
        &mut s,
        "get pods --field-selector status.phase!=Succeeded -o name",
    )
    .output;
    assert!(!done.is_empty() && !running.is_empty(), "{all}");
    assert_eq!(
        done.lines().count() + running.lines().count(),
        all.lines().count()
    );
    let node = run(&mut s, "get pods -o jsonpath={.items[0].spec.nodeName}").output;
    let on_node = run(&mut s, &format!("get pods --field-selector spec.nodeName={node} -o jsonpath={{.items[*].spec.nodeName}}")).output;
    assert!(on_node.split(' ').all(|n| n == node), "{on_node}");
    let created = run(
        &mut s,
        "get events --field-selector reason=SuccessfulCreate,involvedObject.kind=Job --no-headers",
    )
    .output;
    assert!(
        created
            .lines()
            .all(|l| l.contains("SuccessfulCreate") && l.contains("job/paral-1")),
        "{created}"
    );
    let r = run(&mut s, "get pods --field-selector status.ready=true");
    assert_eq!(
        (r.output.as_str(), r.error),
        ("Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"\", field selector \"status.ready=true\": field label not supported: status.ready", true)
    );
    let r = run(&mut s, "get jobs --field-selector phase");
    assert!(
        r.error
            && r.output
                .ends_with("invalid selector: 'phase'; can't understand 'phase'"),
        "{}",
        r.output
    );
    let r = run(
        &mut s,
        "get pods paral-1-x --field-selector status.phase=Failed",
    );
    assert_eq!(
        r.output,
        "error: name cannot be provided when a selector is specified"
    );
    let r = run(
        &mut s,
        "delete pods --all --field-selector=status.phase=Succeeded",
    );
    assert_eq!(
        r.output,
        "error: cannot set --all and --field-selector at the same time"
    );
    let r = run(&mut s, "get pods --field-selector");
    assert!(r.error, "{}", r.output);
    // The cleanup the Job docs suggest for finished pods.
    let r = run(
        &mut s,
        "delete pods --field-selector=status.phase==Succeeded",
    );
    assert_eq!(
        r.output.lines().count(),
        done.lines().count(),
        "{}",
        r.output
    );
    assert!(
        run(&mut s, "get pods --field-selector=status.phase=Succeeded")
            .output
            .starts_with("No resources found")
    );
}

/// A field selector over several kinds (get.go: ContinueOnError): the kinds that support it
/// are printed, each kind that refuses it is reported after, in `get all`'s discovery order.
#[test]
fn field_selector_over_several_kinds_prints_what_it_can() {
    let mut s = parallel_at(40);
    let r = run(
        &mut s,
        "get all --field-selector status.phase=Running -o name",
    );
    let lines: Vec<&str> = r.output.lines().collect();
    let refused = |gvr: &str| {
        format!("Error from server (BadRequest): Unable to find \"{gvr}\" that match label selector \"\", field selector \"status.phase=Running\": field label not supported: status.phase")
    };
    let errors = [
        refused("apps/v1, Resource=daemonsets"),
        refused("batch/v1, Resource=cronjobs"),
        refused("batch/v1, Resource=jobs"),
    ];
    assert!(r.error);
    assert!(
        lines.len() > 3 && lines[0].starts_with("pod/paral-1-"),
        "{}",
        r.output
    );
    assert_eq!(
        lines[lines.len() - 3..],
        errors.each_ref().map(String::as_str)
    );
    // Nothing matched: no "No resources found", only the errors.
    let r = run(
        &mut s,
        "get jobs,pods --field-selector status.phase=Unknown",
    );
    assert_eq!(
        (r.output.as_str(), r.error),
        (errors[2].replace("Running", "Unknown").as_str(), true)
    );
    // A field every kind has filters them all, with no error.
    let r = run(
        &mut s,
        "get all --field-selector metadata.name=paral-1 -o name",
    );
    assert_eq!((r.output.as_str(), r.error), ("job.batch/paral-1", false));
}

/// `describe namespace` as describe.go describeNamespace prints it; `delete namespace` of the
/// immortal three is forbidden by the NamespaceLifecycle admission plugin.
#[test]
fn namespaces_are_described_and_not_deleted() {
    let mut s = parallel_at(5);
    let r = run(&mut s, "describe ns/kube-public");
    assert_eq!(
        (r.output.as_str(), r.error),
        (
            "Name:         kube-public\nLabels:       kubernetes.io/metadata.name=kube-public\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.",
            false
        )
    );
    let r = run(&mut s, "describe namespace default prod");
    assert!(
        r.error && r.output.starts_with("Name:         default\n"),
        "{}",
        r.output
    );
    assert!(r
        .output
        .ends_with("\nError from server (NotFound): namespaces \"prod\" not found"));
    let r = run(&mut s, "delete ns default prod");
    assert_eq!(
        (r.output.as_str(), r.error, r.action.is_none()),
        (
            "Error from server (Forbidden): namespaces \"default\" is forbidden: this namespace may not be deleted\nError from server (NotFound): namespaces \"prod\" not found",
            true,
            true
        )
    );
    let r = run(&mut s, "delete namespace kube-node-lease");
    assert!(r.error && r.output.contains("CtrlScope keeps no Namespace objects"));
    assert_eq!(
        run(&mut s, "delete namespaces").output,
        "error: resource(s) were provided, but no name was specified"
    );
}

/// `get namespaces`: the four a cluster starts with, and the ones objects are in.
#[test]
fn namespaces_are_listed() {
    let mut s = parallel_at(5);
    let r = run(&mut s, "get ns");
    assert_eq!(
        r.output,
        "NAME              STATUS   AGE\ndefault           Active   5s\nkube-node-lease   Active   5s\nkube-public       Active   5s\nkube-system       Active   5s"
    );
    assert_eq!(
        run(&mut s, "get namespace kube-system -o name").output,
        "namespace/kube-system"
    );
    let r = run(&mut s, "get namespaces prod");
    assert_eq!(
        (r.output.as_str(), r.error),
        (
            "Error from server (NotFound): namespaces \"prod\" not found",
            true
        )
    );
    // Not the server's unknown type: a real cluster lists them beside pods.
    assert_eq!(
        run(&mut s, "get pods,ns").output,
        "error: CtrlScope keeps no Namespace objects, so it lists them alone: kubectl get ns"
    );
}

/// `get pod/A job.batch/B ...`: builder.go visits the objects in the order named; get.go `Run`
/// starts a new table (after a blank line) when the type changes and names every row with its
/// kind (`multipleGVKsRequested`); a missing name is reported after the rest (ContinueOnError);
/// `-w` wants one type (SingleResourceType).
#[test]
fn get_type_name_arguments_of_several_types() {
    let mut s = parallel_at(5);
    let r = run(
        &mut s,
        "get pod/paral-1-hrrsw job/paral-1 pods/paral-1-rdx8c",
    );
    assert_eq!(
        (r.output.as_str(), r.error),
        (
            "NAME                READY   STATUS    RESTARTS   AGE\npod/paral-1-hrrsw   1/1     Running   0          5s\n\nNAME                STATUS    COMPLETIONS   DURATION   AGE\njob.batch/paral-1   Running   0/8           5s         5s\n\nNAME                READY   STATUS    RESTARTS   AGE\npod/paral-1-rdx8c   1/1     Running   0          5s",
            false
        )
    );
    let r = run(&mut s, "get pod/nope job/paral-1 -o name");
    assert_eq!(
        (r.output.as_str(), r.error),
        (
            "job.batch/paral-1\nError from server (NotFound): pods \"nope\" not found",
            true
        )
    );
    let r = run(
        &mut s,
        "get job/paral-1 node/worker-1 -o jsonpath={.items[*].metadata.name}",
    );
    assert_eq!(r.output, "paral-1 worker-1");
    let r = run(&mut s, "get job/paral-1 node/worker-1 -w");
    assert_eq!(
        r.output,
        "error: you may only specify a single resource type"
    );
    let r = run(&mut s, "get job/paral-1 foo/x");
    assert_eq!(
        r.output,
        "error: the server doesn't have a resource type \"foo\""
    );
}

/// `get jobs,pods NAME...`: builder.go `normalizeMultipleResourcesArgs` reads it as
/// `jobs/NAME... pods/NAME...`, each looked up on its own (ContinueOnError): the tables of what
/// was found, then a NotFound per missing object, in the order looked up. Rows carry their kind
/// only when objects of two kinds were found (get.go `multipleGVKsRequested` over the Infos, a
/// NotFound being none). `all` with a name is several resources (`visitByName`); `all/NAME`,
/// alone or from `all,jobs NAME`, is no resource type.
#[test]
fn get_several_types_with_names_reports_each_missing_one() {
    let mut s = parallel_at(5);
    let say = |s: &mut Simulation, l: &str| {
        let r = run(s, l);
        (r.output, r.error)
    };
    assert_eq!(
        say(&mut s, "get jobs,pods paral-1"),
        (
            "NAME      STATUS    COMPLETIONS   DURATION   AGE\nparal-1   Running   0/8           5s         5s\nError from server (NotFound): pods \"paral-1\" not found".into(),
            true
        )
    );
    assert_eq!(
        say(&mut s, "get jobs,pods paral-1 paral-1-hrrsw"),
        (
            "NAME                STATUS    COMPLETIONS   DURATION   AGE\njob.batch/paral-1   Running   0/8           5s         5s\n\nNAME                READY   STATUS    RESTARTS   AGE\npod/paral-1-hrrsw   1/1     Running   0          5s\nError from server (NotFound): jobs.batch \"paral-1-hrrsw\" not found\nError from server (NotFound): pods \"paral-1\" not found".into(),
            true
        )
    );
    assert_eq!(
        say(&mut s, "get jobs,cronjobs nope"),
        (
            "Error from server (NotFound): jobs.batch \"nope\" not found\nError from server (NotFound): cronjobs.batch \"nope\" not found".into(),
            true
        )
    );
    assert_eq!(
        say(&mut s, "get pods,jobs paral-1-hrrsw -o name"),
        (
            "pod/paral-1-hrrsw\nError from server (NotFound): jobs.batch \"paral-1-hrrsw\" not found".into(),
            true
        )
    );
    // A type written twice is one (SplitResourceArgument), as a plain `get jobs NAME`.
    assert_eq!(
        say(&mut s, "get jobs,jobs paral-1"),
        say(&mut s, "get jobs paral-1")
    );
    assert_eq!(
        say(&mut s, "get all paral-1"),
        ("error: you must specify only one resource".into(), true)
    );
    for l in ["get all/paral-1", "get all,jobs paral-1"] {
        assert_eq!(
            say(&mut s, l),
            (
                "error: the server doesn't have a resource type \"all\"".into(),
                true
            ),
            "{l}"
        );
    }
    // Without a name, `all` still lists every type.
    assert!(run(&mut s, "get all").output.contains("job.batch/paral-1"));
}

/// `describe jobs,pods`: every object of each type in turn, each description after the last
/// with describe.go's "\n\n" (a description ends in a newline); `No resources found` once, when
/// no type had any. With names, `jobs/NAME... pods/NAME...`, each by its exact name, and the
/// NotFounds after the descriptions; but one NotFound of a two-argument describe goes to
/// `DescribeMatchingResources`, whose single-type builder refuses `jobs,pods`.
#[test]
fn describe_several_types() {
    let mut s = parallel_at(5);
    let job = run(&mut s, "describe job paral-1").output;
    let hrrsw = run(&mut s, "describe pod paral-1-hrrsw").output;
    let rdx8c = run(&mut s, "describe pod paral-1-rdx8c").output;
    assert!(job.ends_with('\n') && job.starts_with("Name:             paral-1\n"));
    let r = run(&mut s, "describe jobs,pods");
    assert_eq!(
        (r.output, r.error),
        (format!("{job}\n\n{hrrsw}\n\n{rdx8c}"), false)
    );
    let r = run(&mut s, "describe pods,jobs,pods");
    assert_eq!(r.output, format!("{hrrsw}\n\n{rdx8c}\n\n{job}"));
    let r = run(&mut s, "describe cronjobs,daemonsets");
    assert_eq!(
        (r.output.as_str(), r.error),
        ("No resources found in default namespace.", false)
    );
    let r = run(&mut s, "describe jobs,pods paral-1 paral-1-hrrsw nope");
    assert_eq!(
        (r.output, r.error),
        (
            format!("{job}\n\n{hrrsw}\nError from server (NotFound): jobs.batch \"paral-1-hrrsw\" not found\nError from server (NotFound): jobs.batch \"nope\" not found\nError from server (NotFound): pods \"paral-1\" not found\nError from server (NotFound): pods \"nope\" not found"),
            true
        )
    );
    let r = run(&mut s, "describe jobs,cronjobs nope");
    assert_eq!(
        (r.output.as_str(), r.error),
        (
            "Error from server (NotFound): jobs.batch \"nope\" not found\nError from server (NotFound): cronjobs.batch \"nope\" not found",
            true
        )
    );
    // One missing of a two-argument describe: describe.go's single-type retry refuses.
    let r = run(&mut s, "describe jobs,pods paral-1");
    assert_eq!(
        (r.output.as_str(), r.error),
        ("error: you may only specify a single resource type", true)
    );
    let r = run(&mut s, "describe jobs,foo");
    assert_eq!(
        r.output,
        "error: the server doesn't have a resource type \"foo\""
    );
}

/// `logs -l`: logsforobject.go takes each pod of the list as one named: -c, else the
/// `kubectl.kubernetes.io/default-container` annotation, else the first container, with the
/// "Defaulted container" note per pod; the notes come as the requests are made, before any log
/// is read. A container a pod lacks fails before any log.
#[test]
fn logs_by_selector_choose_each_pods_container() {
    let yaml = include_str!("../../../../examples/sidecar-job.yaml");
    let mut s = super::tests::cluster(yaml);
    s.run_until(s.cluster.start + Duration::from_secs(40));
    let say = |s: &mut Simulation, l: &str| {
        let r = run(s, l);
        (r.output, r.error)
    };
    assert_eq!(
        say(&mut s, "logs -l job-name"),
        (
            "Defaulted container \"work\" out of: work, proxy (init)\nDefaulted container \"work\" out of: work, proxy\nworking\ndone\nworking\ndone".into(),
            false
        )
    );
    assert_eq!(
        say(&mut s, "logs -l job-name=native"),
        say(&mut s, "logs job/native")
    );
    assert_eq!(
        say(&mut s, "logs -l job-name -c work"),
        ("working\ndone\nworking\ndone".into(), false)
    );
    assert_eq!(
        say(&mut s, "logs -l job-name -c nope"),
        (
            "error: container nope is not valid for pod native-x8cvv".into(),
            true
        )
    );
    // The annotation picks the container quietly; one it does not find is said, then the first.
    let annotated = yaml
        .replacen(
            "  template:\n    spec:",
            "  template:\n    metadata:\n      annotations:\n        kubectl.kubernetes.io/default-container: proxy\n    spec:",
            1,
        )
        .replacen(
            "  template:\n    spec:",
            "  template:\n    metadata:\n      annotations:\n        kubectl.kubernetes.io/default-container: gone\n    spec:",
            1,
        );
    let mut s = super::tests::cluster(&annotated);
    s.run_until(s.cluster.start + Duration::from_secs(40));
    let r = run(&mut s, "logs -l job-name --tail 1");
    assert_eq!(
        (r.output.as_str(), r.error),
        (
            "Default container name \"gone\" not found in pod native-x8cvv\nDefaulted container \"work\" out of: work, proxy (init)\ndone\nproxying",
            false
        )
    );
}

/// A type with a group is that group's (builder.go mappingFor): `jobs.batch` and
/// `jobs.v1.batch` are Jobs, `jobs.apps` is no type, named by its resource alone.
#[test]
fn a_resource_type_with_the_wrong_group_is_unknown() {
    let mut s = super::tests::parallel_at(5);
    let jobs = run(&mut s, "get jobs").output;
    for line in ["get jobs.batch", "get jobs.v1.batch", "get job.batch"] {
        assert_eq!(run(&mut s, line).output, jobs, "{line}");
    }
    for (line, want) in [
        (
            "get jobs.apps",
            "error: the server doesn't have a resource type \"jobs\"",
        ),
        (
            "get daemonsets.batch",
            "error: the server doesn't have a resource type \"daemonsets\"",
        ),
        (
            "get pods.v1",
            "error: the server doesn't have a resource type \"pods\"",
        ),
        (
            "describe cronjobs.v2.batch",
            "error: the server doesn't have a resource type \"cronjobs\"",
        ),
        (
            "delete jobs.apps paral-1",
            "error: the server doesn't have a resource type \"jobs\"",
        ),
    ] {
        let r = run(&mut s, line);
        assert_eq!((r.output.as_str(), r.error), (want, true), "{line}");
    }
    assert!(!run(&mut s, "get events.events.k8s.io").error);
    assert!(!run(&mut s, "get ds.apps -A").error);
    assert!(!run(&mut s, "get controllerrevisions.apps -A").error);
}

/// cli-runtime builder.go `splitResourceTypeName`: a TYPE/NAME argument with a second slash, an
/// empty part or several types is refused before anything is looked up, by every command.
#[test]
fn malformed_type_name_arguments_are_refused_first() {
    let mut s = parallel_at(5);
    let two = "error: arguments in resource/name form may not have more than one slash";
    let single = "error: arguments in resource/name form must have a single resource and name";
    for (line, want) in [
        ("get pod/x/y", two),
        ("describe job//paral-1", two),
        ("delete job/paral-1/x", two),
        ("logs pod//x", two),
        ("rollout status ds/a/b", two),
        ("set image job/paral-1/x a=b", two),
        ("cordon node//x", two),
        ("get pod/", single),
        ("delete job/", single),
        ("logs job/", single),
        ("get /x", single),
        ("describe /paral-1", single),
        ("get pods,jobs/paral-1", single),
        ("get ns/", single),
    ] {
        let r = run(&mut s, line);
        assert_eq!((r.output.as_str(), r.error), (want, true), "{line}");
    }
}
