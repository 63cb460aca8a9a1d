//! Console commands answer and fail as kubectl does (the shared fixtures live here).

use super::*;
use crate::api::{Duration, Job};
use crate::manifest::parse_manifests;
use crate::sim::SimConfig;

/// Applies every manifest in `yaml` (errors ignored: the fixtures are valid).
pub(super) fn apply_all(s: &mut Simulation, yaml: &str) {
    for o in parse_manifests(yaml).unwrap_or_default() {
        let _ = s.apply(o);
    }
}

/// The default cluster with these manifests applied.
pub(super) fn cluster(yaml: &str) -> Simulation {
    let mut s = Simulation::new(SimConfig::default());
    s.add_default_nodes();
    apply_all(&mut s, yaml);
    s
}

/// The parallel Job example (8 completions, 2 at a time), run `secs` seconds.
pub(super) fn parallel_at(secs: i64) -> Simulation {
    let mut s = cluster(include_str!("../../../../examples/parallel-job.yaml"));
    let t = s.now() + Duration::from_secs(secs);
    s.run_until(t);
    s
}

fn sim() -> Simulation {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: 12s\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: pi\n        image: perl:5.34.0\n        command: [\"perl\", \"-Mbignum=bpi\", \"-wle\", \"print bpi(2000)\"]\n";
    cluster(yaml)
}

/// perl computes π for the container's whole run and prints it as it exits: `kubectl logs`
/// of the running pod is empty, and the line's timestamp is the exit.
#[test]
fn the_pi_pod_prints_its_digits_as_it_ends() {
    let mut s = sim();
    s.run_until(s.now() + Duration::from_secs(5));
    let r = run(&mut s, "kubectl logs job/pi");
    assert_eq!((r.output.as_str(), r.error), ("", false));
    s.run_until(s.now() + Duration::from_secs(25));
    let r = run(&mut s, "kubectl logs job/pi --timestamps");
    assert!(
        r.output
            .starts_with("2026-01-01T00:00:13.000000000Z 3.14159"),
        "{}",
        &r.output[..60.min(r.output.len())]
    );
}

#[test]
fn get_describe_logs() {
    let mut s = sim();
    s.run_until(s.now() + Duration::from_secs(30));
    let r = run(&mut s, "kubectl get jobs");
    assert!(
        !r.error && r.output.starts_with("NAME   STATUS     COMPLETIONS"),
        "{}",
        r.output
    );
    let r = run(&mut s, "kubectl logs job/pi");
    assert!(r.output.starts_with("3.14159265358979"), "{}", r.output);
    assert_eq!(r.output.len(), 2001);
    assert!(run(&mut s, "describe job pi")
        .output
        .contains("Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed"));
    assert!(run(&mut s, "get pods -o yaml")
        .output
        .contains("kind: List"));
    assert_eq!(run(&mut s, "get pods -o name").output.lines().count(), 1);
    assert_eq!(
        run(&mut s, "get cronjobs").output,
        "No resources found in default namespace."
    );
}

#[test]
fn errors_like_kubectl() {
    let mut s = sim();
    assert_eq!(
        run(&mut s, "kubectl frob").output,
        "error: unknown command \"frob\" for \"kubectl\""
    );
    // cobra's suggestions (command.go findSuggestions: distance 2, or a prefix).
    assert_eq!(
        run(&mut s, "kubectl gett pods").output,
        "error: unknown command \"gett\" for \"kubectl\"\n\nDid you mean this?\n\tget\n\tset"
    );
    assert_eq!(
        run(&mut s, "desribe job pi").output,
        "error: unknown command \"desribe\" for \"kubectl\"\n\nDid you mean this?\n\tdescribe"
    );
    assert!(run(&mut s, "roll status ds/x")
        .output
        .ends_with("Did you mean this?\n\trollout"));
    // cobra measures by bytes: a two-character Chinese word (6 bytes) is near nothing.
    assert_eq!(
        run(&mut s, "获取 pods").output,
        "error: unknown command \"获取\" for \"kubectl\""
    );
    // A type every real cluster serves is said to be outside the simulation.
    assert_eq!(
        run(&mut s, "get deployments").output,
        "error: CtrlScope does not simulate deployments (a real cluster serves them); it has pods, jobs, cronjobs, daemonsets, nodes, events, controllerrevisions and namespaces"
    );
    assert!(run(&mut s, "describe svc kubernetes")
        .output
        .starts_with("error: CtrlScope does not simulate services"));
    assert_eq!(
        run(&mut s, "get pod nope").output,
        "Error from server (NotFound): pods \"nope\" not found"
    );
    assert_eq!(
        run(&mut s, "describe job/nope").output,
        "Error from server (NotFound): jobs.batch \"nope\" not found"
    );
    assert!(run(&mut s, "get pods -o table").error);
    assert!(run(&mut s, "logs").error);
    assert!(run(&mut s, "").output.is_empty());
    assert!(run(&mut s, "\"unterminated").error);
}

/// drain.go Complete: ResourceNames("nodes", args...) takes TYPE/NAME, looks it up, and
/// refuses another kind ("expected resource of type node").
#[test]
fn cordon_reads_type_and_name() {
    let mut s = sim();
    s.run_until(s.now() + Duration::from_secs(2));
    let pod = s.pods()[0].metadata.name.clone();
    for (line, want) in [
        (
            format!("cordon pod/{pod}"),
            "error: expected resource of type node, got \"/v1, Resource=pods\"".to_string(),
        ),
        (
            "drain jobs/pi".into(),
            "error: expected resource of type node, got \"batch/v1, Resource=jobs\"".into(),
        ),
        (
            "uncordon pod/nope".into(),
            "Error from server (NotFound): pods \"nope\" not found".into(),
        ),
        (
            "cordon foo/x".into(),
            "error: the server doesn't have a resource type \"foo\"".into(),
        ),
        (
            "cordon node/a/b".into(),
            "error: arguments in resource/name form may not have more than one slash".into(),
        ),
        (
            "cordon node/".into(),
            "error: arguments in resource/name form must have a single resource and name".into(),
        ),
        ("cordon no/worker-1".into(), "node/worker-1 cordoned".into()),
    ] {
        assert_eq!(run(&mut s, &line).output, want, "{line}");
    }
}

#[test]
fn actions_are_returned() {
    let mut s = sim();
    s.run_until(s.now() + Duration::from_secs(2));
    let pod = s.pods()[0].metadata.name.clone();
    let r = run(&mut s, &format!("kubectl delete pod {pod}"));
    assert_eq!(
        r.output,
        format!("pod {pod:?} deleted from default namespace")
    );
    assert_eq!(r.action, Some(Action::DeletePod(pod)));
    let r = run(&mut s, "kubectl cordon worker-1");
    assert_eq!(r.output, "node/worker-1 cordoned");
    assert!(r.action.is_some());
    let r = run(&mut s, "kubectl taint nodes worker-2 gpu=true:NoSchedule");
    assert_eq!(r.output, "node/worker-2 tainted");
    let r = run(&mut s, "kubectl taint nodes worker-2 gpu-");
    assert_eq!(r.output, "node/worker-2 untainted");
    let r = run(&mut s, "kubectl get pods -A");
    assert!(r.output.starts_with("NAMESPACE   NAME"), "{}", r.output);
    assert!(
        r.output
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("default     pi-")),
        "{}",
        r.output
    );
    let r = run(&mut s, "kubectl get nodes -A");
    assert!(r.output.starts_with("NAME "), "{}", r.output);
    let r = run(&mut s, "kubectl get pods -n kube-system");
    assert_eq!(r.output, "No resources found in kube-system namespace.");
    let r = run(&mut s, "kubectl get nodes worker-1");
    assert!(
        r.output.contains("Ready,SchedulingDisabled"),
        "{}",
        r.output
    );
    let r = run(&mut s, "kubectl delete node ghost");
    assert_eq!(
        r.output,
        "Error from server (NotFound): nodes \"ghost\" not found"
    );
}

/// User text in kubectl's messages is quoted as Go's %q quotes it (`\u200b`, not Rust's
/// `\u{200b}`).
#[test]
fn typed_text_is_quoted_as_go_quotes_it() {
    let mut s = sim();
    for (line, want) in [
        (
            "ge\u{200b}t pods",
            "error: unknown command \"ge\\u200bt\" for \"kubectl\"",
        ),
        (
            "get \u{200b}",
            "error: the server doesn't have a resource type \"\\u200b\"",
        ),
        (
            "wait job/pi --for=x\u{1b}",
            "error: unrecognized condition: \"x\\x1b\"",
        ),
    ] {
        assert_eq!(
            run(&mut s, line).output.lines().next(),
            Some(want),
            "{line}"
        );
    }
}

/// A quote left open is not closed for the student: a shell would wait for the rest of the
/// command (`get po"ds` ran as `get pods`).
#[test]
fn an_unclosed_quote_runs_nothing() {
    let mut s = sim();
    for (line, q) in [
        ("get po\"ds", '"'),
        ("get pods -l 'app=x", '\''),
        ("get pods'", '\''),
    ] {
        let r = run(&mut s, line);
        assert!(r.error, "{line}");
        assert!(
            r.output
                .starts_with(&format!("error: the quote {q} is never closed")),
            "{line}: {}",
            r.output
        );
    }
    // Closed, escaped or inside the other quotes, it is an ordinary character.
    for line in [
        "get pods -l 'app=x'",
        "get pods \\\"x",
        "get pods -o jsonpath=\"{.items[*].metadata.name}\"",
        "get pods -o jsonpath='{\"a\"}'",
    ] {
        assert!(
            !run(&mut s, line).output.contains("is never closed"),
            "{line}"
        );
    }
}

/// `pi` (a Job), the docs' `hello` CronJob with template labels and annotations, and the
/// docs' fluentd DaemonSet.
fn sim_with_workloads() -> Simulation {
    let mut s = sim();
    let yaml = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: \"*/1 * * * *\"\n  jobTemplate:\n    metadata:\n      labels:\n        team: a\n      annotations:\n        note: x\n    spec:\n      template:\n        spec:\n          containers:\n          - name: hello\n            image: busybox:1.36\n          restartPolicy: OnFailure\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: fluentd-elasticsearch\n  namespace: kube-system\nspec:\n  selector:\n    matchLabels:\n      name: fluentd-elasticsearch\n  template:\n    metadata:\n      labels:\n        name: fluentd-elasticsearch\n    spec:\n      containers:\n      - name: fluentd-elasticsearch\n        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2\n        env:\n        - name: A\n          value: \"1\"\n";
    apply_all(&mut s, yaml);
    s.run_until(s.now() + Duration::from_secs(5));
    s
}

#[test]
fn create_job_from_cronjob() {
    let mut s = sim_with_workloads();
    let r = run(&mut s, "kubectl create job manual-1 --from=cronjob/hello");
    assert_eq!(r.output, "job.batch/manual-1 created");
    assert!(!r.error && matches!(r.action, Some(Action::Apply(ref v)) if v.len() == 1));
    let cj_uid = s
        .cluster
        .store
        .get::<CronJob>("hello")
        .map(|c| c.metadata.uid.clone());
    let j = s
        .cluster
        .store
        .get::<Job>("manual-1")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        j.metadata
            .annotations
            .get(INSTANTIATE_ANNOTATION)
            .map(String::as_str),
        Some("manual")
    );
    assert_eq!(
        j.metadata.annotations.get("note").map(String::as_str),
        Some("x")
    );
    assert_eq!(j.metadata.labels.get("team").map(String::as_str), Some("a"));
    // The template's own instantiate annotation is copied over "manual".
    let yaml = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: auto\nspec:\n  schedule: \"0 0 * * *\"\n  jobTemplate:\n    metadata:\n      annotations:\n        cronjob.kubernetes.io/instantiate: auto\n    spec:\n      template:\n        spec:\n          containers:\n          - name: c\n            image: busybox:1.36\n          restartPolicy: OnFailure\n";
    apply_all(&mut s, yaml);
    run(&mut s, "create job m-auto --from=cronjob/auto");
    assert_eq!(
        s.cluster
            .store
            .get::<Job>("m-auto")
            .and_then(|j| j.metadata.annotations.get(INSTANTIATE_ANNOTATION))
            .map(String::as_str),
        Some("auto")
    );
    let owner = j
        .metadata
        .owner_references
        .first()
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (owner.kind.as_str(), owner.name.as_str(), Some(owner.uid)),
        ("CronJob", "hello", cj_uid)
    );
    assert_eq!(
        (owner.controller, owner.block_owner_deletion),
        (Some(true), None)
    );
    // Defaulted like any Job.
    assert_eq!(j.spec.backoff_limit, Some(6));
    assert!(j.spec.selector.is_some());
    // create_job.go createJobFromCronJob copies the jobTemplate as the server returned it,
    // with the pod defaults it holds.
    let dry = run(
        &mut s,
        "create job m --from=cronjob/hello --dry-run=client -o jsonpath={.spec.template.spec.dnsPolicy},{.spec.template.spec.containers[0].terminationMessagePolicy},{.metadata.creationTimestamp}",
    );
    assert_eq!(dry.output, "ClusterFirst,File,");
    assert_eq!(
        run(&mut s, "create job manual-1 --from=cronjob/hello").output,
        "error: failed to create job: jobs.batch \"manual-1\" already exists"
    );
    // The Job controller runs it; the CronJob controller does not adopt it.
    s.run_until(s.now() + Duration::from_secs(3));
    assert_eq!(s.cluster.store.dependents::<Pod>(&j.metadata.uid).len(), 1);
    let cj = s
        .cluster
        .store
        .get::<CronJob>("hello")
        .cloned()
        .unwrap_or_default();
    assert!(cj.status.active.iter().all(|r| r.name != "manual-1"));
    assert!(run(&mut s, "describe cronjob hello")
        .output
        .contains("Warning  UnexpectedJob"));
}

#[test]
fn create_job_errors_like_kubectl() {
    let mut s = sim_with_workloads();
    let cases = [
        ("create job x --from=cronjob/nope", "Error from server (NotFound): cronjobs.batch \"nope\" not found"),
        ("create job --from=cronjob/hello", "error: exactly one NAME is required, got 0\nSee 'kubectl create job -h' for help and examples"),
        ("create job x", "error: either --image or --from must be specified"),
        ("create job x --image=busybox --from=cronjob/hello", "error: either --image or --from must be specified"),
        ("create job x --from=cronjob/hello -- date", "error: cannot specify --from and command"),
        ("create job x --from=job/pi", "error: unknown object type *v1.Job"),
        ("create job x --from=ds/nope", "Error from server (NotFound): daemonsets.apps \"nope\" not found"),
        ("create job x --from=cronjob", "error: resource(s) were provided, but no name was specified"),
        ("create job x --from=widget/a", "error: the server doesn't have a resource type \"widget\""),
        ("create deployment x --image=nginx", "error: in CtrlScope, apply from the editor: change the YAML and press Apply (Ctrl+Enter)"),
    ];
    let uid = s
        .cluster
        .store
        .get::<Job>("pi")
        .map(|j| j.metadata.uid.clone());
    for (cmd, want) in cases {
        let r = run(&mut s, cmd);
        let want = want.replace("{uid}", uid.as_deref().unwrap_or_default());
        assert_eq!(
            (r.output.as_str(), r.error, r.action.is_none()),
            (want.as_str(), true, true),
            "{cmd}"
        );
    }
    let r = run(&mut s, "create job Bad_Name --from=cronjob/hello");
    assert!(r.output.starts_with("error: failed to create job: Job.batch \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"), "{}", r.output);
}

/// NamespaceLifecycle admission: no create in a namespace that does not exist (create_job.go
/// Run wraps the server's NotFound); one an object is in exists.
#[test]
fn create_job_in_a_missing_namespace_is_refused() {
    let mut s = sim();
    for cmd in [
        "create job m12 --image=busybox -n nope",
        "create job m12 --image=busybox -n nope --dry-run=server",
    ] {
        let r = run(&mut s, cmd);
        assert_eq!(
            (r.output.as_str(), r.error, r.action.is_none()),
            (
                "error: failed to create job: namespaces \"nope\" not found",
                true,
                true
            ),
            "{cmd}"
        );
    }
    assert!(s.cluster.store.get::<Job>("m12").is_none());
    assert!(!run(&mut s, "get ns").output.contains("nope"));
    // No server asked: the manifest is printed.
    assert!(
        !run(
            &mut s,
            "create job m12 --image=busybox -n nope --dry-run=client"
        )
        .error
    );
    let r = run(&mut s, "create job m12 --image=busybox -n kube-system");
    assert_eq!(r.output, "job.batch/m12 created");
}

#[test]
fn create_job_with_image_and_command() {
    let mut s = sim();
    let r = run(
        &mut s,
        "kubectl create job once --image=busybox:1.36 -- date -u",
    );
    assert_eq!(r.output, "job.batch/once created");
    assert!(r.action.is_some());
    let j = s
        .cluster
        .store
        .get::<Job>("once")
        .cloned()
        .unwrap_or_default();
    let c = j
        .spec
        .template
        .spec
        .containers
        .first()
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (c.name.as_str(), c.image.as_str()),
        ("once", "busybox:1.36")
    );
    assert_eq!(c.command, vec!["date", "-u"]);
    assert_eq!(j.spec.template.spec.restart_policy, "Never");
    assert!(j.metadata.owner_references.is_empty());
}

/// `--dry-run=client -o yaml`, the usual way to start a manifest (create_job.go Run: the
/// object kubectl built, printed, nothing sent); `server` is admitted and not stored.
#[test]
fn create_job_dry_run_prints_the_manifest() {
    let mut s = sim();
    let r = run(
        &mut s,
        "kubectl create job hello --image=busybox:1.36 --dry-run=client -o yaml -- date",
    );
    assert_eq!(
        (r.output.as_str(), r.error, r.action.is_none()),
        (
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: hello\nspec:\n  template:\n    metadata: {}\n    spec:\n      containers:\n      - command:\n        - date\n        image: busybox:1.36\n        name: hello\n        resources: {}\n      restartPolicy: Never\nstatus: {}",
            false,
            true
        )
    );
    assert_eq!(
        run(&mut s, "create job hello --image=busybox --dry-run=client").output,
        "job.batch/hello created (dry run)"
    );
    assert_eq!(
        run(&mut s, "create job hello --image=busybox --dry-run=server").output,
        "job.batch/hello created (server dry run)"
    );
    // The server's answer: prepared as for a create (uid, generated selector and labels,
    // defaults), not stored (no resourceVersion), and the cluster's randomness untouched.
    let server = run(
        &mut s,
        "create job hello --image=busybox --dry-run=server -o json",
    );
    let v: serde_json::Value = serde_json::from_str(&server.output).expect("json");
    assert!(
        v["metadata"]["uid"].as_str().is_some_and(|u| !u.is_empty()),
        "{v}"
    );
    assert!(v["metadata"].get("resourceVersion").is_none(), "{v}");
    assert_eq!(v["metadata"]["generation"], 1);
    assert_eq!(
        v["spec"]["template"]["metadata"]["labels"]["job-name"],
        "hello"
    );
    assert_eq!(v["spec"]["backoffLimit"], 6);
    assert!(v["spec"]["selector"]["matchLabels"]["batch.kubernetes.io/controller-uid"].is_string());
    let real = run(&mut s, "create job hello2 --image=busybox -o json");
    let r: serde_json::Value = serde_json::from_str(&real.output).expect("json");
    assert_eq!(
        r["metadata"]["uid"], v["metadata"]["uid"],
        "the dry run took no uid"
    );
    run(&mut s, "delete job hello2");
    let ns = run(
        &mut s,
        "create job h -n kube-system --image=b --dry-run=client -o jsonpath={.metadata.namespace}",
    );
    assert_eq!(ns.output, "kube-system");
    assert!(s.cluster.store.get::<Job>("hello").is_none());
    // GetDryRunStrategy still reads the bare flag and booleans, with klog's warning.
    let r = run(&mut s, "create job x --image=busybox --dry-run");
    assert_eq!(
        (r.output.as_str(), r.action.is_none()),
        ("--dry-run is deprecated and can be replaced with --dry-run=client.\njob.batch/x created (dry run)", true)
    );
    assert_eq!(
        run(&mut s, "create job x --image=busybox --dry-run=true").output,
        "--dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.\njob.batch/x created (dry run)"
    );
    assert!(s.cluster.store.get::<Job>("x").is_none());
    let r = run(&mut s, "create job x --image=busybox --dry-run=false");
    assert_eq!(
        (r.output.as_str(), r.action.is_some()),
        ("--dry-run=false is deprecated (boolean value) and can be replaced with --dry-run=none.\njob.batch/x created", true)
    );
    run(&mut s, "delete job x");
    assert_eq!(
        run(&mut s, "create job x --image=busybox --dry-run=maybe").output,
        "error: Invalid dry-run value (maybe). Must be \"none\", \"server\", or \"client\"."
    );
    assert!(run(
        &mut s,
        "create job x --image=busybox --dry-run=client -o wide"
    )
    .output
    .starts_with("error: unable to match a printer suitable for the output format \"wide\""));
    // Created for real, `-o name` names it.
    let r = run(&mut s, "create job real --image=busybox -o name");
    assert_eq!(
        (r.output.as_str(), r.action.is_some()),
        ("job.batch/real", true)
    );
}

#[test]
fn patch_merges_and_updates() {
    let mut s = sim_with_workloads();
    let r = run(
        &mut s,
        r#"kubectl patch cronjob hello -p '{"spec":{"suspend":true}}'"#,
    );
    assert_eq!(
        (r.output.as_str(), r.error),
        ("cronjob.batch/hello patched", false)
    );
    assert!(matches!(r.action, Some(Action::Apply(_))));
    let suspended = |s: &Simulation| {
        s.cluster
            .store
            .get::<CronJob>("hello")
            .and_then(|c| c.spec.suspend)
    };
    assert_eq!(suspended(&s), Some(true));
    let r = run(
        &mut s,
        "kubectl patch cronjobs/hello --patch=spec:\\ {suspend:\\ true}",
    );
    assert_eq!(
        (r.output.as_str(), r.action),
        ("cronjob.batch/hello patched (no change)", None)
    );
    // YAML, and a merge patch.
    let r = run(
        &mut s,
        r#"patch cj hello -p '{"spec":{"suspend":true,"paused":1}}'"#,
    );
    assert_eq!(
        r.output,
        "Warning: unknown field \"spec.paused\"\ncronjob.batch/hello patched (no change)"
    );
    let r = run(
        &mut s,
        "patch cj hello --type=merge -p \"spec:\n  suspend: false\"",
    );
    assert_eq!(r.output, "cronjob.batch/hello patched");
    assert_eq!(suspended(&s), Some(false));
    // Strategic merge: the container merges by name, the env var joins the list.
    let r = run(
        &mut s,
        r#"kubectl patch ds fluentd-elasticsearch -n kube-system -p '{"spec":{"template":{"spec":{"containers":[{"name":"fluentd-elasticsearch","image":"quay.io/fluentd_elasticsearch/fluentd:v2.7.0","env":[{"name":"B","value":"2"}]}]}}}}'"#,
    );
    assert_eq!(r.output, "daemonset.apps/fluentd-elasticsearch patched");
    let ds = s
        .cluster
        .store
        .get::<DaemonSet>("fluentd-elasticsearch")
        .cloned()
        .unwrap_or_default();
    let c = ds
        .spec
        .template
        .spec
        .containers
        .first()
        .cloned()
        .unwrap_or_default();
    assert_eq!(c.image, "quay.io/fluentd_elasticsearch/fluentd:v2.7.0");
    assert_eq!(c.env.len(), 2);
    assert_eq!(
        ds.metadata
            .annotations
            .get(crate::sim::DS_TEMPLATE_GENERATION)
            .map(String::as_str),
        Some("2")
    );
    let r = run(
        &mut s,
        r#"patch node worker-1 -p '{"spec":{"unschedulable":true}}'"#,
    );
    assert_eq!(r.output, "node/worker-1 patched");
    assert!(run(&mut s, "get node worker-1")
        .output
        .contains("SchedulingDisabled"));
}

/// `--type json` (RFC 6902): the docs' replace of a DaemonSet's image rolls it out.
#[test]
fn json_patch_changes_a_daemonset_image() {
    let mut s = cluster(include_str!("../../../../examples/fluentd-daemonset.yaml"));
    let r = run(
        &mut s,
        r#"kubectl patch ds fluentd-elasticsearch -n kube-system --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"quay.io/fluentd_elasticsearch/fluentd:v2.6.0"}]'"#,
    );
    assert_eq!(
        (r.output.as_str(), r.error),
        ("daemonset.apps/fluentd-elasticsearch patched", false)
    );
    assert!(matches!(r.action, Some(Action::Apply(_))));
    let r = run(
        &mut s,
        "get ds fluentd-elasticsearch -n kube-system -o jsonpath={.spec.template.spec.containers[0].image}",
    );
    assert_eq!(r.output, "quay.io/fluentd_elasticsearch/fluentd:v2.6.0");
}

#[test]
fn patch_errors_like_kubectl() {
    let mut s = sim_with_workloads();
    let cases = [
        (r#"patch job pi -p '{"spec":{"template":{"spec":{"containers":[{"name":"pi","image":"perl:5.36"}]}}}}'"#,
         "The Job \"pi\" is invalid: spec.template: Invalid value: {\"labels\":{\"batch.kubernetes.io/controller-uid\":\"{uid}\",\"batch.kubernetes.io/job-name\":\"pi\",\"controller-uid\":\"{uid}\",\"job-name\":\"pi\"},\"annotations\":{\"sim.ctrlscope.dev/duration\":\"12s\"},\"Spec\":{...}}: field is immutable"),
        // Refused by both checks, both are listed (strategy.go ValidateUpdate: ValidateJob,
        // then ValidateJobUpdate).
        (r#"patch job pi -p '{"spec":{"backoffLimitPerIndex":1}}'"#,
         "The Job \"pi\" is invalid: \n* spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode\n* spec.backoffLimitPerIndex: Invalid value: 1: field is immutable"),
        (r#"patch cronjob hello -p '{"spec":{"schedule":"every day"}}'"#,
         "The CronJob \"hello\" is invalid: spec.schedule: Invalid value: \"every day\": expected exactly 5 fields, found 2: [every day]"),
        (r#"patch cronjob hello -p '{"spec":'"#, "error: unable to parse \"{\\\"spec\\\":\": yaml: line 1: did not find expected node content"),
        // patch.go: yaml.ToJSON ends in json.Marshal, which refuses infinities and NaN (the
        // first in sorted key order), and out-of-range numbers stay strings.
        (r#"patch cronjob hello -p '{"spec":{"suspend": .nan, "parallelism": -.inf}}'"#, "error: unable to parse \"{\\\"spec\\\":{\\\"suspend\\\": .nan, \\\"parallelism\\\": -.inf}}\": json: unsupported value: -Inf"),
        ("patch cronjob hello", "error: must specify --patch or --patch-file containing the contents of the patch"),
        (r#"patch cronjob hello --type json -p '{}'"#, "Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch"),
        (r#"patch cronjob hello --type json -p '[{"op":"remove","path":"/spec/nope"}]'"#, "The request is invalid: the server rejected our request due to an error in our request\n(CtrlScope: the JSON patch failed: error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value)"),
        (r#"patch cronjob hello --type xml -p '{}'"#, "error: --type must be one of [json merge strategic], not \"xml\""),
        (r#"patch cronjob nope -p '{}'"#, "Error from server (NotFound): cronjobs.batch \"nope\" not found"),
        (r#"patch cronjob -p '{}'"#, "error: resource(s) were provided, but no name was specified"),
        (r#"patch cronjob hello -p '[1]'"#, "Error from server (BadRequest): json: cannot unmarshal array into Go value of type map[string]interface {}"),
        (r#"patch ds fluentd-elasticsearch -n kube-system -p '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}'"#,
         "Error from server: map: map[image:x] does not contain declared merge key: name"),
        (r#"patch cronjob hello -p '{"metadata":{"name":"bye"}}'"#,
         "Error from server (BadRequest): the name of the object (bye) does not match the name on the URL (hello)"),
    ];
    let uid = s
        .cluster
        .store
        .get::<Job>("pi")
        .map(|j| j.metadata.uid.clone());
    for (cmd, want) in cases {
        let r = run(&mut s, cmd);
        let want = want.replace("{uid}", uid.as_deref().unwrap_or_default());
        assert_eq!(
            (r.output.as_str(), r.error, r.action.is_none()),
            (want.as_str(), true, true),
            "{cmd}"
        );
    }
    // A suspend flip on a Job is allowed.
    let r = run(&mut s, r#"patch job pi -p '{"spec":{"suspend":true}}'"#);
    assert_eq!(r.output, "job.batch/pi patched");
    // A deep patch is refused by the parser's depth limit, not by the stack.
    let deep = format!(
        "patch cronjob hello -p '{}{}'",
        "{\"a\":".repeat(5000),
        "}".repeat(5000)
    );
    assert!(run(&mut s, &deep).error);
}

#[test]
fn label_nodes_like_kubectl() {
    let mut s = sim();
    let mut say = |line: &str| {
        let r = run(&mut s, line);
        (r.output, r.error, r.action)
    };
    let (out, error, action) = say("kubectl label nodes worker-2 disktype=ssd");
    assert_eq!((out.as_str(), error), ("node/worker-2 labeled", false));
    assert_eq!(
        action,
        Some(Action::LabelNode {
            name: "worker-2".into(),
            labels: [("disktype".to_string(), Some("ssd".to_string()))].into(),
        })
    );
    let (out, error, action) = say("kubectl label nodes worker-2 disktype=hdd");
    assert_eq!(
        (out.as_str(), error, action),
        (
            "error: 'disktype' already has a value (ssd), and --overwrite is false",
            true,
            None
        )
    );
    // validateNoOverwrites refuses an existing key even with the same value.
    assert!(say("label node/worker-2 disktype=ssd").1);
    assert_eq!(
        say("label no worker-2 disktype=ssd --overwrite").0,
        "node/worker-2 not labeled"
    );
    assert_eq!(
        say("label nodes worker-2 --overwrite disktype=hdd").0,
        "node/worker-2 labeled"
    );
    assert_eq!(
        say("label nodes worker-2 a=1 b=2").0,
        "node/worker-2 labeled"
    );
    assert_eq!(
        say("label nodes worker-2 a=3 b=4").0,
        "error: ['a' already has a value (1), and --overwrite is false, 'b' already has a value (2), and --overwrite is false]"
    );
    let (out, _, action) = say("kubectl label nodes worker-2 disktype- a-");
    assert_eq!(out, "node/worker-2 unlabeled");
    assert_eq!(
        action,
        Some(Action::LabelNode {
            name: "worker-2".into(),
            labels: [("a".to_string(), None), ("disktype".to_string(), None)].into(),
        })
    );
    // kubectl says "labeled" for a removal with --overwrite (updateDataChangeMsg).
    assert_eq!(
        say("label nodes worker-2 b- --overwrite").0,
        "node/worker-2 labeled"
    );
    let (out, error, action) = say("label nodes worker-2 x-");
    assert_eq!(
        (out.as_str(), error, action),
        (
            "label \"x\" not found.\nnode/worker-2 not labeled",
            false,
            None
        )
    );
    assert_eq!(
        say("label nodes worker-2 x- c=1").0,
        "label \"x\" not found.\nnode/worker-2 labeled"
    );
    let node = s.cluster.store.get::<Node>("worker-2");
    let labels = node.map(|n| n.metadata.labels.clone()).unwrap_or_default();
    assert_eq!(labels.get("c").map(String::as_str), Some("1"));
    assert!(!labels.contains_key("disktype") && !labels.contains_key("b"));
}

/// Several objects: named, by `-l`, or `--all` (label.go: the builder continues on error, so
/// each is labelled or fails by itself); `--list` prints their labels.
#[test]
fn label_several_objects_like_kubectl() {
    let mut s = sim();
    let r = run(&mut s, "label nodes worker-1 worker-2 zone=a");
    assert_eq!(
        (r.output.as_str(), r.error),
        ("node/worker-1 labeled\nnode/worker-2 labeled", false)
    );
    assert_eq!(
        r.action,
        Some(Action::LabelNode {
            name: "worker-1,worker-2".into(),
            labels: [("zone".to_string(), Some("a".to_string()))].into(),
        })
    );
    // One already has it: that one fails, the others are labelled.
    let r = run(&mut s, "label nodes -l kubernetes.io/os=linux zone=a");
    assert_eq!(
        r.output,
        "node/control-plane labeled\nnode/worker-3 labeled\nerror: 'zone' already has a value (a), and --overwrite is false\nerror: 'zone' already has a value (a), and --overwrite is false"
    );
    assert!(r.error);
    let r = run(&mut s, "label nodes --all zone- ");
    assert_eq!(r.output.lines().count(), 4, "{}", r.output);
    assert!(r.output.lines().all(|l| l.ends_with(" unlabeled")));
    assert_eq!(
        run(&mut s, "label node worker-1 --list").output,
        "beta.kubernetes.io/arch=amd64\nbeta.kubernetes.io/os=linux\nkubernetes.io/arch=amd64\nkubernetes.io/hostname=worker-1\nkubernetes.io/os=linux"
    );
    let listed = run(
        &mut s,
        "label nodes -l kubernetes.io/hostname=worker-2 --list",
    )
    .output;
    assert!(
        listed.starts_with("Listing labels for Node./worker-2:\n beta.kubernetes.io/arch=amd64"),
        "{listed}"
    );
    // A selector that matches nothing labels nothing, quietly.
    let r = run(&mut s, "label pods -l app=none a=1");
    assert_eq!((r.output.as_str(), r.error, r.action), ("", false, None));
}

#[test]
fn label_errors_like_kubectl() {
    let mut s = sim();
    let mut say = |line: &str| {
        let r = run(&mut s, line);
        assert!(r.error && r.action.is_none(), "{line}: {r:?}");
        r.output
    };
    assert_eq!(
        say("label nodes worker-2 a=b=c"),
        "error: invalid label spec: a=b=c"
    );
    assert_eq!(
        say("label nodes worker-2 a=\"b c\""),
        "error: invalid label value: \"a=b c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
    );
    assert_eq!(
        say("label nodes worker-2 \"bad key!=x\""),
        "The Node \"worker-2\" is invalid: metadata.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
    );
    // Several causes: kubectl's MultilineError, one per line.
    let out = say("label nodes worker-2 a_=x .b=y");
    let lines: Vec<&str> = out
        .lines()
        .map(|l| l.split(": name").next().unwrap_or(l))
        .collect();
    assert_eq!(
        lines,
        [
            "The Node \"worker-2\" is invalid: ",
            "* metadata.labels: Invalid value: \".b\"",
            "* metadata.labels: Invalid value: \"a_\""
        ]
    );
    assert_eq!(
        say("label nodes worker-2 a=1 a-"),
        "error: can not both modify and remove a label in the same command"
    );
    assert_eq!(
        say("label nodes worker-2 a=1 extra"),
        "error: all resources must be specified before label changes: extra"
    );
    assert_eq!(
        say("label nodes worker-2"),
        "error: at least one label update is required"
    );
    assert_eq!(
        say("label a=1"),
        "error: one or more resources must be specified as <resource> <name> or <resource>/<name>"
    );
    assert_eq!(
        say("label nodes a=1"),
        "error: resource(s) were provided, but no name was specified"
    );
    assert_eq!(
        say("label nodes ghost a=1"),
        "Error from server (NotFound): nodes \"ghost\" not found"
    );
    assert_eq!(
        say("label frobs x a=1"),
        "error: the server doesn't have a resource type \"frobs\""
    );
    assert_eq!(
        say("label pods pi-abc a=1"),
        "Error from server (NotFound): pods \"pi-abc\" not found"
    );
    assert_eq!(
        say("label jobs pi a=1"),
        "error: CtrlScope can label only nodes and pods here, not Job: kubectl label nodes|pods NAME key=value"
    );
    assert_eq!(
        say("label nodes -l x=y --all a=1"),
        "error: cannot set --all and --selector at the same time"
    );
    assert_eq!(
        say("label node/ a=1"),
        "error: arguments in resource/name form must have a single resource and name"
    );
    assert_eq!(
        say("label nodes worker-2 a=1 --overwrite=maybe"),
        "error: invalid argument \"maybe\" for \"--overwrite\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\nSee 'kubectl label --help' for usage."
    );
    assert_eq!(
        say("get pods --overwrite"),
        "error: unknown flag: --overwrite\nSee 'kubectl get --help' for usage."
    );
    assert!(run(&mut s, "help")
        .output
        .contains("label nodes|pods NAME...|-l SELECTOR|--all key=value"));
    for odd in [
        "label",
        "label -",
        "label nodes worker-2 -",
        "label nodes worker-2 é=ü",
        "label / x-",
        "label node/worker-2 =",
        "label node/worker-2/x a=1",
        "label nodes worker-2 =- a==",
        "label nodes worker-2 é- ü=",
        "label nodes control-plane node-role.kubernetes.io/control-plane-",
    ] {
        run(&mut s, odd);
    }
}

/// `logs -c` picks the container (LogOptions, registry/core/pod/strategy.go `LogLocation`),
/// kubectl names the one it defaulted to, and the kubelet (`validateContainerLogStatus`)
/// serves the last run while a crash-looping container waits, and the previous one with `-p`.
#[test]
fn logs_choose_the_container_and_the_run() {
    let mut s = cluster(concat!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: mc\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n",
        "      - name: a\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"echo from-a\"]\n",
        "      - name: b\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"echo from-b\"]\n",
        "---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: flaky\nspec:\n  backoffLimit: 10\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/exit-codes: \"1\"\n    spec:\n      restartPolicy: OnFailure\n      containers:\n",
        "      - name: flaky\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"echo attempt; date; sleep 10; exit 1\"]\n",
    ));
    s.run_until(s.now() + Duration::from_secs(20));
    let say = |s: &mut Simulation, l: &str| {
        let r = run(s, l);
        (r.output, r.error)
    };
    assert_eq!(
        say(&mut s, "logs job/mc"),
        (
            "Defaulted container \"a\" out of: a, b\nfrom-a".into(),
            false
        )
    );
    for l in [
        "logs job/mc -c b",
        "logs job/mc -cb",
        "logs job/mc --container=b",
    ] {
        assert_eq!(say(&mut s, l), ("from-b".into(), false), "{l}");
    }
    let (out, error) = say(&mut s, "logs job/mc -c zzz");
    assert!(error);
    assert!(
        // logsForObjectWithClient checks the name itself: a client-side error.
        out.starts_with("error: container zzz is not valid for pod mc-"),
        "{out}"
    );
    // The first run started at 1 s; the second runs now.
    assert_eq!(
        say(&mut s, "logs job/flaky -p"),
        ("attempt\nThu Jan  1 00:00:01 UTC 2026".into(), false)
    );
    // The run that started at 31 s exited at 41 s (Error); the kubelet's next sync, at 51 s,
    // reports the back-off.
    s.run_until(s.now() + Duration::from_secs(35));
    let pods = run(&mut s, "get pods").output;
    assert!(pods.contains("CrashLoopBackOff"), "{pods}");
    assert_eq!(
        say(&mut s, "logs job/flaky"),
        ("attempt\nThu Jan  1 00:00:31 UTC 2026".into(), false)
    );
    let (out, error) = say(&mut s, "logs job/mc -p");
    assert!(error);
    assert!(
        out.ends_with("previous terminated container \"a\" in pod \"mc-rswhd\" not found")
            || out.contains("previous terminated container \"a\""),
        "{out}"
    );
}

/// Cobra finds the command before it reads flags: the lecture's `apply -f`, `--help` of a
/// command, a kubectl command CtrlScope lacks and an unknown one are answered as such.
#[test]
fn the_command_is_read_before_its_flags() {
    let mut s = sim();
    let said = |s: &mut Simulation, l: &str| run(s, l).output;
    assert!(said(&mut s, "apply -f job.yaml").starts_with("error: CtrlScope has no files"));
    assert!(said(&mut s, "kubectl create -f job.yaml").starts_with("error: CtrlScope has no files"));
    assert!(said(&mut s, "run nginx --image=nginx")
        .starts_with("error: `kubectl run` is not simulated in CtrlScope"));
    assert_eq!(
        said(&mut s, "frobnicate --x"),
        "error: unknown command \"frobnicate\" for \"kubectl\""
    );
    // options is a real command (no suggestion of itself).
    assert!(said(&mut s, "options")
        .starts_with("error: `kubectl options` is not simulated in CtrlScope"));
    // create: cronjob is a real subcommand; an unknown word is create.go Run's answer
    // without -f (DefaultSubCommandRun: every word, no suggestions); job has no alias.
    assert!(
        said(&mut s, "create cronjob x --image=busybox --schedule=*/1")
            .starts_with("error: `kubectl create cronjob` is not simulated in CtrlScope")
    );
    assert_eq!(
        said(&mut s, "create foo"),
        "Error: must specify one of -f and -k\n\nerror: unknown command \"foo\"\nSee 'kubectl create -h' for help and examples"
    );
    assert_eq!(
        said(&mut s, "create jobs u --image=busybox"),
        "Error: must specify one of -f and -k\n\nerror: unknown command \"jobs u\"\nSee 'kubectl create -h' for help and examples"
    );
    assert!(s.cluster.store.get::<Job>("u").is_none());
    assert!(said(&mut s, "create deployment d --image=nginx")
        .starts_with("error: in CtrlScope, apply from the editor"));
    // rollout and set: a word that is no subcommand (RequireNoArguments).
    assert_eq!(
        said(&mut s, "rollout restat ds/x"),
        "error: unknown command \"restat ds/x\"\nSee 'kubectl rollout -h' for help and examples"
    );
    assert_eq!(
        said(&mut s, "set foo"),
        "error: unknown command \"foo\"\nSee 'kubectl set -h' for help and examples"
    );
    let get = said(&mut s, "get --help");
    assert!(get.starts_with("kubectl get TYPE[,TYPE] [NAME]"), "{get}");
    assert!(get.contains("\n    FORMAT: wide yaml json"), "{get}");
    assert!(!get.contains("describe"), "{get}");
    assert!(said(&mut s, "kubectl").starts_with("kubectl controls the simulated cluster."));
    assert!(said(&mut s, "kubectl --help").starts_with("kubectl controls the simulated cluster."));
    assert_eq!(said(&mut s, "  "), "");
}

/// pflag: a value flag at the end of the line has no value; describe names its own verb.
#[test]
fn flags_without_values_and_describe_alone() {
    let mut s = sim();
    for (line, want) in [
        ("get pods -o", "error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage."),
        ("get pods --namespace", "error: flag needs an argument: --namespace\nSee 'kubectl get --help' for usage."),
        ("get pods --sort-by", "error: flag needs an argument: --sort-by\nSee 'kubectl get --help' for usage."),
        ("describe", "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources."),
    ] {
        let r = run(&mut s, line);
        assert_eq!((r.output.as_str(), r.error), (want, true), "{line}");
    }
    // `logs -p` is a switch.
    assert!(!run(&mut s, "logs job/pi -p").output.contains("flag needs"));
}

/// kubectl taint (taint.go, utils.go): several specs in one update, --overwrite, and
/// kubectl's messages for an existing taint, a bad effect or spec, and a missing removal.
#[test]
fn taint_like_kubectl() {
    let mut s = sim();
    let say = |s: &mut Simulation, l: &str| {
        let r = run(s, l);
        (r.output, r.error)
    };
    assert_eq!(
        say(
            &mut s,
            "taint nodes worker-1 k2=v:NoSchedule k3=v:NoExecute"
        ),
        ("node/worker-1 tainted".into(), false)
    );
    assert_eq!(
        run(
            &mut s,
            "get node worker-1 -o jsonpath={.spec.taints[*].key}"
        )
        .output,
        "k2 k3"
    );
    for (line, want) in [
        ("taint nodes worker-1 k2=w:NoSchedule", "error: node worker-1 already has k2 taint(s) with same effect(s) and --overwrite is false"),
        // A spec kubectl cannot parse is a usage error (cmdutil.UsageErrorf).
        ("taint nodes worker-1 k=v:Bogus", "error: invalid taint effect: Bogus, unsupported taint effect\nSee 'kubectl taint -h' for help and examples"),
        // taint.go Complete: an argument with no `=`, `:` or trailing `-` names a node.
        ("taint nodes worker-1 k", "error: at least one taint update is required"),
        ("taint nodes worker-1 k=v:NoSchedule worker-2", "error: all resources must be specified before taint changes: worker-2"),
        ("taint nodes worker-1 k:NoSchedule-", "error: taint \"k:NoSchedule\" not found"),
        ("taint nodes worker-1 a=1:NoSchedule a=2:NoSchedule", "error: duplicated taints with the same key and effect: {a 2 NoSchedule <nil>}\nSee 'kubectl taint -h' for help and examples"),
    ] {
        assert_eq!(say(&mut s, line), (want.to_string(), true), "{line}");
    }
    assert_eq!(
        say(&mut s, "taint nodes worker-1 k2=w:NoSchedule --overwrite"),
        ("node/worker-1 modified".into(), false)
    );
    assert_eq!(
        say(&mut s, "taint nodes worker-1 k2- k3-"),
        ("node/worker-1 untainted".into(), false)
    );
    assert_eq!(
        run(&mut s, "get node worker-1 -o jsonpath={.spec.taints}").output,
        ""
    );
}

/// The node a pod of the parallel-job example runs on.
fn paral_pod_node(s: &Simulation) -> String {
    s.cluster
        .store
        .list::<Pod>()
        .find(|p| p.metadata.name.starts_with("paral-1-"))
        .map(|p| p.spec.node_name.clone())
        .expect("a job pod")
}

/// kubectl drain (pkg/drain): cordon first; DaemonSet pods stop it without
/// --ignore-daemonsets; with it, every other pod is evicted and the DaemonSet's stays.
#[test]
fn drain_like_kubectl() {
    let mut s = cluster(include_str!("../../../../examples/fluentd-daemonset.yaml"));
    apply_all(
        &mut s,
        include_str!("../../../../examples/parallel-job.yaml"),
    );
    s.run_until(s.now() + Duration::from_secs(5));
    let on_node = |s: &Simulation, node: &str| -> Vec<String> {
        s.cluster
            .store
            .list::<Pod>()
            .filter(|p| p.spec.node_name == node && p.metadata.deletion_timestamp.is_none())
            .map(|p| p.metadata.name.clone())
            .collect()
    };
    let node = paral_pod_node(&s);
    let r = run(&mut s, &format!("drain {node}"));
    assert!(r.error);
    assert!(r.output.starts_with(&format!("node/{node} cordoned\nerror: unable to drain node \"{node}\" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/fluentd-elasticsearch-")), "{}", r.output);
    assert_eq!(r.action, Some(Action::Cordon(node.clone())));
    let r = run(&mut s, &format!("drain {node} --ignore-daemonsets"));
    assert!(!r.error, "{}", r.output);
    let lines: Vec<&str> = r.output.lines().collect();
    assert_eq!(lines[0], format!("node/{node} already cordoned"));
    assert!(lines[1].starts_with(
        "Warning: ignoring DaemonSet-managed Pods: kube-system/fluentd-elasticsearch-"
    ));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("evicting pod default/paral-1-")));
    // The evicted pod takes its grace period to stop: drain waits for it (waitForDelete),
    // then says it was evicted and the node drained.
    assert!(
        !r.output.contains(" evicted\n") && !r.output.contains("drained"),
        "{}",
        r.output
    );
    let mut follow = r.follow.expect("drain waits for the evicted pods");
    let mut rest = String::new();
    for _ in 0..40 {
        let next = s.now() + Duration::from_secs(1);
        s.run_until(next);
        match follow.poll(&mut s) {
            Polled::More(out) => rest.push_str(&out),
            Polled::Done(out, error) => {
                assert!(!error);
                rest.push_str(&out);
                break;
            }
            Polled::Gone => panic!("the drain's watch went"),
        }
    }
    let rest: Vec<&str> = rest.lines().collect();
    assert!(
        rest[0].starts_with("pod/paral-1-") && rest[0].ends_with(" evicted"),
        "{rest:?}"
    );
    assert_eq!(
        rest.last().copied(),
        Some(format!("node/{node} drained").as_str())
    );
    let left = on_node(&s, &node);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with("fluentd-elasticsearch-"));
}

/// `drain --grace-period=N` (drain.go makeDeleteOptions): the evictions' grace period instead
/// of each pod's own 30 s; a negative one is the pod's own; a bad one is pflag's error.
#[test]
fn drain_takes_the_grace_period() {
    let mut s = cluster(include_str!("../../../../examples/parallel-job.yaml"));
    s.run_until(s.now() + Duration::from_secs(5));
    let node = paral_pod_node(&s);
    let r = run(&mut s, &format!("drain {node} --grace-period x"));
    assert_eq!(r.output, "error: invalid argument \"x\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl drain --help' for usage.");
    assert_eq!(r.action, None);
    let r = run(&mut s, &format!("drain {node} --grace-period=-1"));
    assert_eq!(r.action, Some(Action::Drain(node.clone())));
    run(&mut s, &format!("uncordon {node}"));
    let r = run(&mut s, &format!("drain {node} --grace-period=2"));
    assert!(!r.error, "{}", r.output);
    assert_eq!(r.action, Some(Action::DrainGrace(node.clone(), 2)));
    let graces: Vec<Option<i64>> = s
        .cluster
        .store
        .list::<Pod>()
        .filter(|p| p.spec.node_name == node && p.metadata.deletion_timestamp.is_some())
        .map(|p| p.metadata.deletion_grace_period_seconds)
        .collect();
    assert!(
        !graces.is_empty() && graces.iter().all(|g| *g == Some(2)),
        "{graces:?}"
    );
}

/// drain's other filters (kubectl/pkg/drain filters.go): a pod with an emptyDir volume needs
/// --delete-emptydir-data, one with no controller --force (with a warning); errors of two
/// kinds are listed together; a pod already being deleted is waited for, not skipped.
#[test]
fn drain_refuses_local_storage_and_unmanaged_pods_without_their_flags() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: scratch}\nspec:\n  template:\n    metadata:\n      annotations: {sim.ctrlscope.dev/duration: 1h}\n    spec:\n      restartPolicy: Never\n      nodeName: worker-2\n      containers:\n      - {name: c, image: busybox:1.36}\n      volumes:\n      - {name: tmp, emptyDir: {}}\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: long}\nspec:\n  template:\n    metadata:\n      annotations: {sim.ctrlscope.dev/duration: 1h}\n    spec:\n      restartPolicy: Never\n      nodeName: worker-2\n      containers:\n      - {name: c, image: busybox:1.36}\n";
    let mut s = cluster(yaml);
    s.run_until(s.now() + Duration::from_secs(5));
    let r = run(&mut s, "delete job long --cascade=orphan");
    assert!(!r.error, "{}", r.output);
    let pod = |s: &Simulation, prefix: &str| -> String {
        s.cluster
            .store
            .list::<Pod>()
            .find(|p| p.metadata.name.starts_with(prefix))
            .map(|p| p.metadata.name.clone())
            .unwrap_or_default()
    };
    let (scratch, long) = (pod(&s, "scratch-"), pod(&s, "long-"));
    // kubectl drains several nodes one after another; here each is its own command.
    let r = run(&mut s, "drain worker-2 worker-3");
    assert_eq!(
        (r.output.as_str(), r.error, r.action.is_none()),
        ("error: CtrlScope drains one node per command: kubectl drain worker-2 (then the next; kubectl would cordon them all first)", true, true)
    );
    let r = run(&mut s, "drain worker-2");
    assert!(r.error);
    // Grouped by message in the order of the pods (kubectl's Go map has no order).
    let a = format!(
        "cannot delete Pods that declare no controller (use --force to override): default/{long}"
    );
    let b = format!("cannot delete Pods with local storage (use --delete-emptydir-data to override): default/{scratch}");
    // The aggregate inline as [a, b]; at the end one per line (checkErr's MultipleErrors).
    assert_eq!(
        r.output,
        format!("node/worker-2 cordoned\nerror: unable to drain node \"worker-2\" due to error: [{a}, {b}], continuing command...\nThere are pending nodes to be drained:\n worker-2\n{a}\n{b}")
    );
    let r = run(&mut s, "drain worker-2 --delete-emptydir-data");
    assert!(r.output.ends_with(&format!("\ncannot delete Pods that declare no controller (use --force to override): default/{long}")), "{}", r.output);
    let r = run(&mut s, "drain worker-2 --delete-emptydir-data --force");
    assert!(!r.error, "{}", r.output);
    let lines: Vec<&str> = r.output.lines().collect();
    assert_eq!(
        lines[..4],
        [
            "node/worker-2 already cordoned".to_string(),
            format!("Warning: deleting Pods that declare no controller: default/{long}"),
            format!("evicting pod default/{long}"),
            format!("evicting pod default/{scratch}"),
        ]
    );
    // Both are Terminating now: a second drain lists them again and waits.
    let r = run(&mut s, "drain worker-2 --delete-emptydir-data --force");
    assert!(
        r.output.contains(&format!("evicting pod default/{long}")),
        "{}",
        r.output
    );
    assert!(r.follow.is_some(), "{}", r.output);
}

/// A removal is parsed like a taint (cmd/taint/utils.go parseTaints → parseTaint): its value is
/// checked and ignored, so the documented `...=nodeshutdown:NoExecute-` untaints.
#[test]
fn untaint_with_the_value_written() {
    let mut s = sim();
    let say = |s: &mut Simulation, l: &str| {
        let r = run(s, l);
        (r.output, r.error)
    };
    let oos = "node.kubernetes.io/out-of-service=nodeshutdown:NoExecute";
    assert_eq!(
        say(&mut s, &format!("taint nodes worker-1 {oos}")),
        ("node/worker-1 tainted".into(), false)
    );
    assert_eq!(
        say(&mut s, &format!("taint nodes worker-1 {oos}-")),
        ("node/worker-1 untainted".into(), false)
    );
    assert_eq!(
        say(&mut s, "taint nodes worker-1 a=b=c:NoSchedule-"),
        ("error: invalid taint spec: a=b=c:NoSchedule\nSee 'kubectl taint -h' for help and examples".into(), true)
    );
}

/// taint.go: every node named before the taint changes is updated, each with its line.
#[test]
fn taint_several_nodes() {
    let mut s = sim();
    let say = |s: &mut Simulation, l: &str| {
        let r = run(s, l);
        (r.output, r.error)
    };
    assert_eq!(
        say(
            &mut s,
            "taint nodes worker-1 worker-2 dedicated=gpu:NoSchedule"
        ),
        ("node/worker-1 tainted\nnode/worker-2 tainted".into(), false)
    );
    assert_eq!(
        run(
            &mut s,
            "get nodes -o jsonpath={.items[*].spec.taints[*].value}"
        )
        .output,
        "gpu gpu"
    );
    // The first node that fails stops the command; the ones before it are done.
    assert_eq!(
        say(&mut s, "taint nodes worker-3 worker-1 dedicated=gpu:NoSchedule"),
        (
            "node/worker-3 tainted\nerror: node worker-1 already has dedicated taint(s) with same effect(s) and --overwrite is false".into(),
            true
        )
    );
    // -l chooses the nodes; --all takes every node, listed by name (with --overwrite, each
    // is "modified": reorganizeTaints).
    assert_eq!(
        say(
            &mut s,
            "taint nodes -l kubernetes.io/hostname=worker-2 dedicated-"
        ),
        ("node/worker-2 untainted".into(), false)
    );
    assert_eq!(
        say(&mut s, "taint nodes --all dedicated=x:NoSchedule --overwrite"),
        (
            "node/control-plane modified\nnode/worker-1 modified\nnode/worker-2 modified\nnode/worker-3 modified".into(),
            false
        )
    );
}

/// taint.go Complete, Validate and validateFlags, in that order, with their messages: the first
/// resource must be a node type (TYPE/NAME is not one), then at least one name, -l or --all.
#[test]
fn taint_arguments_like_kubectl() {
    let mut s = sim();
    for (line, want) in [
        ("taint", "error: one or more resources must be specified as <resource> <name>"),
        ("taint nodes a=b:NoSchedule", "error: at least one resource name must be specified since 'all' parameter is not set"),
        ("taint worker-1 a=b:NoSchedule", "error: the server doesn't have a resource type \"worker-1\""),
        ("taint node/worker-1 a=b:NoSchedule", "error: the server doesn't have a resource type \"node/worker-1\""),
        ("taint jobs pi a=b:NoSchedule", "error: invalid resource type jobs, only node types are supported"),
        ("taint nodes worker-1 a=b:NoSchedule a-", "error: can not both modify and remove the following taint(s) in the same command: {\"a\":\"\"}"),
        ("taint nodes --all -l x=y a=b:NoSchedule", "error: setting 'all' parameter with a non empty selector is prohibited"),
    ] {
        let r = run(&mut s, line);
        assert_eq!((r.output.as_str(), r.error), (want, true), "{line}");
    }
    // ContinueOnError: the other nodes are updated, the errors come last; a name given twice is
    // read again after its first update (Latest()). Conflicts: one per (addition, removal).
    let r = run(&mut s, "taint nodes worker-1 nope worker-2 a=b:NoSchedule");
    assert_eq!(
        (r.output.as_str(), r.error),
        ("node/worker-1 tainted\nnode/worker-2 tainted\nError from server (NotFound): nodes \"nope\" not found", true)
    );
    let r = run(&mut s, "taint nodes worker-3 worker-3 c=d:NoSchedule");
    assert_eq!(
        (r.output.as_str(), r.error),
        ("node/worker-3 tainted\nerror: node worker-3 already has c taint(s) with same effect(s) and --overwrite is false", true)
    );
    let r = run(
        &mut s,
        "taint nodes worker-3 b=1:NoSchedule a=1:NoSchedule a- b-",
    );
    assert_eq!(r.output, "error: can not both modify and remove the following taint(s) in the same command: {\"b\":\"\"}, {\"a\":\"\"}");
    assert!(!run(&mut s, "taint nodes --all=true z=1:NoSchedule").error);
    // A selector that matches no node updates nothing, silently.
    let r = run(&mut s, "taint nodes -l disktype=none a=b:NoSchedule");
    assert_eq!(
        (r.output.as_str(), r.error, r.action.is_none()),
        ("", false, true)
    );
}

/// A cordoned node's unschedulable taint comes back when removed: spec.unschedulable stays
/// and the node lifecycle controller re-adds it (doNoScheduleTaintingPass).
#[test]
fn a_cordoned_nodes_taint_comes_back() {
    let mut s = sim();
    run(&mut s, "cordon worker-1");
    let r = run(
        &mut s,
        "taint nodes worker-1 node.kubernetes.io/unschedulable:NoSchedule-",
    );
    assert!(!r.error, "{}", r.output);
    assert_eq!(
        run(
            &mut s,
            "get node worker-1 -o jsonpath={.spec.unschedulable}{.spec.taints[*].key}"
        )
        .output,
        "truenode.kubernetes.io/unschedulable"
    );
}

/// `logs job/NAME` and `logs ds/NAME` (polymorphichelpers logsForObject): the first pod as
/// podutils.ByLogging ranks them (running before pending, ready before not, more restarts
/// first, older first), with "Found N pods, using pod/NAME" when there were several.
#[test]
fn logs_of_a_job_or_daemonset_pick_one_pod_and_say_which() {
    let mut s = parallel_at(31);
    let pods = run(&mut s, "get pods -o name").output;
    let first = pods.lines().next().unwrap_or_default().to_string();
    let r = run(&mut s, "logs job/paral-1");
    assert_eq!(
        r.output,
        format!("Found 2 pods, using {first}\nThu Jan  1 00:00:31 UTC 2026")
    );
    let mut s = cluster(include_str!("../../../../examples/fluentd-daemonset.yaml"));
    s.run_until(s.now() + Duration::from_secs(30));
    let r = run(&mut s, "logs -n kube-system ds/fluentd-elasticsearch");
    assert!(
        r.output
            .starts_with("Found 4 pods, using pod/fluentd-elasticsearch-"),
        "{}",
        r.output
    );
    let r = run(&mut s, "logs daemonset.apps/nope -n kube-system");
    assert_eq!(
        r.output,
        "Error from server (NotFound): daemonsets.apps \"nope\" not found"
    );
    // -f says the same before the stream starts.
    let r = run(&mut s, "logs -f -n kube-system ds/fluentd-elasticsearch");
    assert!(
        r.output
            .starts_with("Found 4 pods, using pod/fluentd-elasticsearch-"),
        "{}",
        r.output
    );
    // Other kinds: the type resolved and the object fetched first, then logsForObject finds
    // no selector for the Go type.
    for (line, want) in [
        (
            "logs cronjob/nope",
            "Error from server (NotFound): cronjobs.batch \"nope\" not found",
        ),
        (
            "logs foo/x",
            "error: the server doesn't have a resource type \"foo\"",
        ),
        (
            "logs node/worker-1",
            "error: cannot get the logs from *v1.Node: selector for *v1.Node not implemented",
        ),
        (
            "logs no/nope",
            "Error from server (NotFound): nodes \"nope\" not found",
        ),
    ] {
        let r = run(&mut s, line);
        assert_eq!((r.output.as_str(), r.error), (want, true), "{line}");
    }
    // A pod that is not running yet comes after the running ones.
    let a = |phase: &str, node: &str, secs: i64| {
        let mut p = crate::api::Pod::default();
        p.status.phase = phase.into();
        p.spec.node_name = node.into();
        p.metadata.creation_timestamp = Some(crate::api::Time::from_unix_secs(secs));
        p
    };
    use super::logs::by_logging;
    use std::cmp::Ordering::Less;
    assert_eq!(
        by_logging(&a("Running", "w", 9), &a("Pending", "w", 1)),
        Less
    );
    assert_eq!(
        by_logging(&a("Pending", "w", 9), &a("Pending", "", 1)),
        Less
    );
    assert_eq!(
        by_logging(&a("Succeeded", "w", 1), &a("Failed", "w", 9)),
        Less
    );
}

/// Shell operators typed as in a terminal get one clear answer, not NotFound for "|" and "head".
#[test]
fn shell_operators_are_named() {
    let mut s = sim();
    for line in [
        "get pods | grep pi",
        "get pods > out.txt",
        "get pods && get jobs",
        "get pods |head",
        // The official Job tutorial's lines (a substitution, a variable, an assignment, echo).
        "pods=$(kubectl get pods --selector=batch.kubernetes.io/job-name=pi --output=jsonpath={.items[*].metadata.name})",
        "echo $pods",
        "kubectl logs $pods",
        "logs ${pods}",
        "kubectl logs $(kubectl get pods -o name)",
        "logs `kubectl get pods -o name`",
        "logs \"$pods\"",
    ] {
        let r = run(&mut s, line);
        assert!(
            r.error
                && r.output.starts_with(
                    "error: CtrlScope's console runs one kubectl command and has no shell"
                ),
            "{line}: {}",
            r.output
        );
    }
    assert!(!run(&mut s, "get pods -o jsonpath='{.items[*].metadata.name}'").error);
    // What the shell leaves alone: `$` in single quotes, `$` before no name, `=` after a word.
    assert!(!run(&mut s, "get pods -o jsonpath='{$.items[*].metadata.name}'").error);
    assert!(!run(&mut s, "get pods -l job-name=pi").error);
    let r = run(&mut s, "echo $pods");
    assert!(
        r.output.contains("no shell: `echo` is not supported"),
        "{}",
        r.output
    );
    let r = run(&mut s, "logs $pods");
    assert!(
        r.output.contains("no shell: `$pods` is not supported"),
        "{}",
        r.output
    );
    let r = run(&mut s, "pods=$(kubectl get pods)");
    assert!(
        r.output.contains("no shell: `pods=` is not supported"),
        "{}",
        r.output
    );
    assert!(
        !run(
            &mut s,
            r#"get pods -l "a in (b)" -o jsonpath="{.items[?(@.x>1)]}""#
        )
        .error
    );
}

/// logs -c finds init containers too (podcmd.FindContainerByName), and the "Defaulted
/// container" note lists them as "(init)" (podcmd.AllContainerNames); the
/// `kubectl.kubernetes.io/default-container` annotation picks the container quietly.
#[test]
fn logs_of_init_containers_and_the_default_container_annotation() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: ini}\nspec:\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: 5m\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - {name: prep, image: busybox, command: [sh, -c, echo preparing]}\n      containers:\n      - {name: main, image: busybox, command: [sh, -c, 'echo working; sleep 600']}\n      - {name: side, image: busybox, command: [sh, -c, 'echo beside; sleep 600']}\n";
    let say = |s: &mut Simulation, l: &str| {
        let r = run(s, l);
        (r.output, r.error)
    };
    let mut s = cluster(yaml);
    s.run_until(s.cluster.start + Duration::from_secs(30));
    assert_eq!(
        say(&mut s, "logs job/ini -c prep"),
        ("preparing".into(), false)
    );
    assert_eq!(
        say(&mut s, "logs job/ini"),
        (
            "Defaulted container \"main\" out of: main, side, prep (init)\nworking".into(),
            false
        )
    );
    // -f: the same note before the stream.
    assert!(say(&mut s, "logs -f job/ini")
        .0
        .starts_with("Defaulted container \"main\" out of: main, side, prep (init)\nworking"));
    let mut w = sim_with_workloads();
    assert_eq!(
        say(&mut w, "logs cronjob/hello"),
        (
            "error: cannot get the logs from *v1.CronJob: selector for *v1.CronJob not implemented"
                .into(),
            true
        )
    );
    let annotated = yaml.replace(
        "        sim.ctrlscope.dev/duration: 5m\n",
        "        sim.ctrlscope.dev/duration: 5m\n        kubectl.kubernetes.io/default-container: side\n",
    );
    let mut s = cluster(&annotated);
    s.run_until(s.cluster.start + Duration::from_secs(30));
    assert_eq!(say(&mut s, "logs job/ini"), ("beside".into(), false));
}

/// pflag's boolean flags take `=VALUE` (strconv.ParseBool): true sets, false leaves out, any
/// other word is pflag's error.
#[test]
fn boolean_flags_with_values() {
    let mut s = parallel_at(5);
    let plain = run(&mut s, "get pods").output;
    assert_eq!(run(&mut s, "get pods --show-labels=false").output, plain);
    assert!(run(&mut s, "get pods --show-labels=t")
        .output
        .contains("LABELS"));
    let r = run(&mut s, "drain worker-1 --force=maybe");
    assert_eq!(
        (r.output.as_str(), r.error),
        (
            "error: invalid argument \"maybe\" for \"--force\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\nSee 'kubectl drain --help' for usage.",
            true
        )
    );
}

/// `get -L KEY,...` (repeatable): a column per label key, named by its last path segment in
/// capitals, before LABELS (tableprinter.go formatLabelHeaders).
#[test]
fn get_label_columns() {
    let mut s = parallel_at(5);
    let r = run(
        &mut s,
        "get pods -L job-name,batch.kubernetes.io/controller-uid -Lapp --show-labels --no-headers",
    );
    assert!(!r.error, "{}", r.output);
    let r = run(
        &mut s,
        "get pods -L job-name,batch.kubernetes.io/job-name -L app",
    );
    let header: Vec<&str> = r
        .output
        .lines()
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    assert_eq!(
        header,
        ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "JOB-NAME", "JOB-NAME", "APP"]
    );
    let row: Vec<&str> = r
        .output
        .lines()
        .nth(1)
        .unwrap_or("")
        .split_whitespace()
        .collect();
    assert_eq!(row[5..], ["paral-1", "paral-1"]);
}

/// `logs --tail N` (each container's last N lines; with -l the default is 10),
/// `--all-containers` (init containers first) and `--prefix` (`[pod/NAME/CONTAINER] `, logs.go
/// addPrefixIfNeeded), and their errors.
#[test]
fn logs_tail_all_containers_and_prefix() {
    let mut s = cluster(include_str!("../../../../examples/sidecar-job.yaml"));
    s.run_until(s.cluster.start + Duration::from_secs(35));
    let say = |s: &mut Simulation, l: &str| {
        let r = run(s, l);
        (r.output, r.error)
    };
    let stuck = s
        .pods()
        .into_iter()
        .find(|p| p.metadata.name.starts_with("stuck-"))
        .map(|p| p.metadata.name.clone())
        .unwrap_or_default();
    assert_eq!(
        say(&mut s, "logs job/stuck --all-containers --prefix --tail=1"),
        (
            format!("[pod/{stuck}/work] done\n[pod/{stuck}/proxy] proxying"),
            false
        )
    );
    assert_eq!(
        say(&mut s, "logs job/native --all-containers"),
        (
            "proxying\nproxying\nproxying\nproxying\nworking\ndone".into(),
            false
        )
    );
    assert_eq!(
        say(&mut s, "logs job/stuck -c proxy --tail 2"),
        ("proxying\nproxying".into(), false)
    );
    assert_eq!(
        say(&mut s, "logs -l job-name=stuck --all-containers --tail=-1"),
        (
            "working\ndone\nproxying\nproxying\nproxying\nproxying".into(),
            false
        )
    );
    assert_eq!(
        say(&mut s, "logs job/stuck --tail x"),
        ("error: invalid argument \"x\" for \"--tail\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl logs --help' for usage.".into(), true)
    );
    // `logs POD CONTAINER` (logs.go Complete), and its conflicts.
    assert_eq!(
        say(&mut s, "logs job/stuck proxy --tail=1"),
        ("proxying".into(), false)
    );
    assert_eq!(
        say(&mut s, "logs job/stuck proxy -c work"),
        (
            "error: only one of -c or an inline [CONTAINER] arg is allowed".into(),
            true
        )
    );
    assert_eq!(
        say(&mut s, "logs -l job-name=stuck job/stuck"),
        ("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples".into(), true)
    );
    assert_eq!(
        say(&mut s, "logs job/stuck --tail=-2"),
        (
            "error: --tail must be greater than or equal to -1".into(),
            true
        )
    );
    assert_eq!(
        say(&mut s, "logs job/stuck --all-containers -c work"),
        (
            "error: --all-containers=true should not be specified with container name work".into(),
            true
        )
    );
}

/// A flag kubectl does not have is pflag's "unknown flag"; one it has and CtrlScope does not
/// simulate says so instead (a student would otherwise learn `--tail` does not exist). With no
/// resource, `get` ends as cmdutil.UsageErrorf does.
#[test]
fn real_but_unsimulated_flags_and_get_without_a_resource() {
    let mut s = sim();
    let r = run(&mut s, "get pods --bogus");
    assert!(r.error);
    assert_eq!(
        r.output,
        "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage."
    );
    let r = run(&mut s, "logs job/pi --ignore-errors");
    assert!(r.error);
    assert_eq!(
        r.output,
        "error: --ignore-errors is a kubectl logs flag that CtrlScope does not simulate; see 'help' for what it does"
    );
    // drain.go's flags (robustness audit: `--timeout` was called unknown).
    let r = run(&mut s, "drain worker-1 --ignore-daemonsets --timeout=30s");
    assert!(r.error);
    assert!(
        r.output.starts_with(
            "error: --timeout is a kubectl drain flag that CtrlScope does not simulate"
        ),
        "{}",
        r.output
    );
    let r = run(&mut s, "get pods --chunk-size=10");
    assert!(
        r.output
            .starts_with("error: --chunk-size is a kubectl get flag"),
        "{}",
        r.output
    );
    let r = run(&mut s, "get");
    assert!(r.error);
    assert!(
        r.output.ends_with("error: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples"),
        "{}",
        r.output
    );
}
