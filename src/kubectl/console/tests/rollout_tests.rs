//! `kubectl rollout status|history|undo|restart` and `set image` on DaemonSets.

use super::*;
use crate::api::{Duration, Job};
use crate::controllers::daemonset::CONTROLLER_REVISION_HASH;
use crate::kubectl::RESTARTED_AT;

/// The `fluentd` DaemonSet (one container `fluentd`, image v1) rolled out on the three
/// workers, a Job `pi` and the CronJob `hello`.
fn sim() -> Simulation {
    let yaml = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: fluentd\n  labels:\n    tier: node\nspec:\n  selector:\n    matchLabels:\n      name: fluentd\n  template:\n    metadata:\n      labels:\n        name: fluentd\n    spec:\n      initContainers:\n      - name: setup\n        image: busybox:1.36\n      containers:\n      - name: fluentd\n        image: fluentd:v1\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: pi\n        image: perl:5.34.0\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: \"0 0 1 1 *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: hello\n            image: busybox:1.36\n";
    let mut s = super::tests::cluster(yaml);
    s.run_until(s.now() + Duration::from_secs(30));
    s
}

fn say(s: &mut Simulation, line: &str) -> String {
    run(s, line).output
}

/// The image of every fluentd pod, and whether the rollout is complete.
fn images(s: &Simulation) -> Vec<String> {
    let mut v: Vec<String> = s
        .pods()
        .iter()
        .filter(|p| p.metadata.name.starts_with("fluentd-"))
        .filter_map(|p| p.spec.containers.first().map(|c| c.image.clone()))
        .collect();
    crate::sort::sort(&mut v);
    v
}

fn history(rows: &[(i64, &str)]) -> String {
    let mut out = "daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE".to_string();
    for (n, cause) in rows {
        out.push_str(&format!("\n{n:<10}{cause}"));
    }
    // rollout_history.go: kubectl's output ends in a blank line.
    out + "\n"
}

#[test]
fn history_undo_and_renumbering() {
    let mut s = sim();
    assert_eq!(
        say(&mut s, "rollout history ds/fluentd"),
        history(&[(1, "<none>")])
    );
    assert_eq!(
        say(&mut s, "rollout undo ds/fluentd"),
        "error: no last revision to roll back to"
    );
    let r = run(&mut s, "kubectl set image ds/fluentd fluentd=fluentd:v2");
    assert_eq!(
        (r.output.as_str(), r.error),
        ("daemonset.apps/fluentd image updated", false)
    );
    assert!(matches!(r.action, Some(Action::Apply(ref v)) if v.len() == 1));
    s.run_until(s.now() + Duration::from_secs(60));
    // A change-cause annotation on the DaemonSet is copied to its next revision.
    let r = run(
        &mut s,
        r#"patch ds fluentd -p '{"metadata":{"annotations":{"kubernetes.io/change-cause":"v3 please"}}}'"#,
    );
    assert!(!r.error, "{}", r.output);
    assert_eq!(
        say(&mut s, "set image daemonset fluentd fluentd=fluentd:v3"),
        "daemonset.apps/fluentd image updated"
    );
    s.run_until(s.now() + Duration::from_secs(60));
    assert_eq!(images(&s), ["fluentd:v3"; 3]);
    let three = history(&[(1, "<none>"), (2, "<none>"), (3, "v3 please")]);
    for line in [
        "rollout history ds/fluentd",
        "rollout history daemonset fluentd",
        "rollout history daemonsets/fluentd",
        "rollout history daemonset.apps/fluentd",
    ] {
        assert_eq!(say(&mut s, line), three, "{line}");
    }
    assert_eq!(
        say(&mut s, "rollout history ds/fluentd --revision=2"),
        "daemonset.apps/fluentd with revision #2\nPod Template:\n  Labels:\tname=fluentd\n  Init Containers:\n   setup:\n    Image:\tbusybox:1.36\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n  Containers:\n   fluentd:\n    Image:\tfluentd:v2\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n"
    );
    // Undo: the previous revision (2) is applied, rolls out, and is renumbered 4.
    let r = run(&mut s, "rollout undo ds/fluentd");
    assert_eq!(
        (r.output.as_str(), r.error),
        ("daemonset.apps/fluentd rolled back", false)
    );
    assert!(matches!(r.action, Some(Action::Apply(_))));
    assert_eq!(
        say(&mut s, "rollout status ds/fluentd --watch=false"),
        "Waiting for daemon set spec update to be observed..."
    );
    // rollout_status.go with --watch (the default): a line at each change until done.
    let r = run(&mut s, "rollout status ds/fluentd");
    assert_eq!(
        r.output,
        "Waiting for daemon set spec update to be observed...\n"
    );
    let mut f = *r.follow.expect("rollout status waits");
    let mut lines = String::new();
    for _ in 0..20 {
        s.run_until(s.now() + Duration::from_secs(3));
        match f.poll(&mut s) {
            Polled::More(out) => lines.push_str(&out),
            Polled::Done(out, error) => {
                assert!(!error);
                lines.push_str(&out);
                break;
            }
            Polled::Gone => panic!("the cluster is the same"),
        }
    }
    assert!(
        lines.contains("Waiting for daemon set \"fluentd\" rollout to finish: 1 out of 3 new pods have been updated...\n"),
        "{lines}"
    );
    assert!(
        lines.ends_with("daemon set \"fluentd\" successfully rolled out\n"),
        "{lines}"
    );
    s.run_until(s.now() + Duration::from_secs(60));
    assert_eq!(images(&s), ["fluentd:v2"; 3]);
    assert_eq!(
        say(&mut s, "rollout status ds/fluentd"),
        "daemon set \"fluentd\" successfully rolled out"
    );
    assert_eq!(
        say(&mut s, "rollout history ds/fluentd"),
        history(&[(1, "<none>"), (3, "v3 please"), (4, "<none>")])
    );
    assert_eq!(
        s.cluster.store.list::<ControllerRevision>().count(),
        3,
        "the old revision is reused, not duplicated"
    );
    assert_eq!(
        say(&mut s, "rollout undo ds/fluentd --to-revision=4"),
        "daemonset.apps/fluentd skipped rollback (current template already matches revision 4)"
    );
    // An explicit revision: 1 becomes 5.
    assert_eq!(
        say(&mut s, "rollout undo ds/fluentd --to-revision 1"),
        "daemonset.apps/fluentd rolled back"
    );
    s.run_until(s.now() + Duration::from_secs(60));
    assert_eq!(images(&s), ["fluentd:v1"; 3]);
    assert_eq!(
        say(&mut s, "rollout history ds/fluentd"),
        history(&[(3, "v3 please"), (4, "<none>"), (5, "<none>")])
    );
    let errors = [
        ("rollout undo ds/fluentd --to-revision=9", "error: unable to find specified revision 9 in history"),
        ("rollout undo ds/fluentd --to-revision=-1", "error: unable to find specified revision -1 in history"),
        ("rollout undo ds/fluentd --to-revision=x", "error: invalid argument \"x\" for \"--to-revision\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl rollout undo --help' for usage."),
        ("rollout undo ds --to-revision=x -n kube-system", "error: invalid argument \"x\" for \"--to-revision\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl rollout undo --help' for usage."),
        ("rollout -n default undo ds/fluentd --bogus", "error: unknown flag: --bogus\nSee 'kubectl rollout undo --help' for usage."),
        ("rollout history ds/fluentd --timeout", "error: unknown flag: --timeout\nSee 'kubectl rollout history --help' for usage."),
        ("rollout history ds/fluentd --revision=9", "error: unable to find the specified revision"),
        ("rollout history ds/fluentd --revision=-2", "error: revision must be a positive integer: -2"),
        ("rollout history ds/nope", "Error from server (NotFound): daemonsets.apps \"nope\" not found"),
        ("rollout undo job/pi", "error: no rollbacker has been implemented for \"Job.batch\""),
        ("rollout history cronjob/hello", "error: no history viewer has been implemented for \"CronJob.batch\""),
        ("rollout status job/pi", "error: no status viewer has been implemented for Job.batch"),
        ("rollout restart job/pi", "error: jobs.batch \"pi\" restarting is not supported"),
        ("rollout restart cj/hello", "error: cronjobs.batch \"hello\" restarting is not supported"),
        ("rollout restart job/nope", "Error from server (NotFound): jobs.batch \"nope\" not found"),
        ("rollout pause ds/fluentd", "error: daemonsets.apps \"fluentd\" pausing is not supported"),
        ("rollout resume job/pi", "error: jobs.batch \"pi\" resuming is not supported"),
        ("rollout bogus ds/fluentd", "error: unknown command \"bogus ds/fluentd\"\nSee 'kubectl rollout -h' for help and examples"),
        ("rollout undo", "error: required resource not specified"),
    ];
    for (line, want) in errors {
        let r = run(&mut s, line);
        assert_eq!(
            (r.output.as_str(), r.error, r.action.is_none()),
            (want, true, true),
            "{line}"
        );
    }
}

#[test]
fn restart_changes_the_template_hash_and_rolls() {
    let mut s = sim();
    let hash = |s: &Simulation| {
        let mut v: Vec<String> = s
            .pods()
            .iter()
            .filter_map(|p| p.metadata.labels.get(CONTROLLER_REVISION_HASH).cloned())
            .collect();
        v.dedup();
        v
    };
    let before = hash(&s);
    assert_eq!(before.len(), 1);
    let r = run(&mut s, "kubectl rollout restart daemonset/fluentd");
    assert_eq!(
        (r.output.as_str(), r.error),
        ("daemonset.apps/fluentd restarted", false)
    );
    assert!(r.action.is_some());
    let ds = s
        .cluster
        .store
        .get::<DaemonSet>("fluentd")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        ds.spec.template.metadata.annotations.get(RESTARTED_AT),
        Some(&s.now().rfc3339())
    );
    // The same instant again: an empty patch, refused unsent (rollout_restart.go
    // restartResources; TestRolloutRestartError wants nothing on stdout).
    let r = run(&mut s, "rollout restart ds/fluentd");
    assert_eq!(
        (r.output.as_str(), r.error, r.action),
        (
            "error: failed to create patch for fluentd: if restart has already been triggered within the past second, please wait before attempting to trigger another",
            true,
            None
        )
    );
    s.run_until(s.now() + Duration::from_secs(60));
    let after = hash(&s);
    assert_eq!(after.len(), 1);
    assert_ne!(after, before);
    assert_eq!(
        s.pods()
            .iter()
            .filter(|p| p.metadata.name.starts_with("fluentd-"))
            .count(),
        3
    );
    assert_eq!(
        say(&mut s, "rollout history ds/fluentd"),
        history(&[(1, "<none>"), (2, "<none>")])
    );
}

#[test]
fn set_image_like_kubectl() {
    let mut s = sim();
    // Init containers too; several pairs.
    assert_eq!(
        say(
            &mut s,
            "set image ds/fluentd setup=busybox:1.37 fluentd=fluentd:v2"
        ),
        "daemonset.apps/fluentd image updated"
    );
    let ds = s
        .cluster
        .store
        .get::<DaemonSet>("fluentd")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        ds.spec.template.spec.init_containers[0].image,
        "busybox:1.37"
    );
    assert_eq!(ds.spec.template.spec.containers[0].image, "fluentd:v2");
    // Unchanged: kubectl skips the empty patch and prints nothing.
    let r = run(&mut s, "set image ds/fluentd fluentd=fluentd:v2");
    assert_eq!((r.output.as_str(), r.error, r.action), ("", false, None));
    // `*`: every container.
    assert_eq!(
        say(&mut s, "set image daemonset/fluentd *=fluentd:v3"),
        "daemonset.apps/fluentd image updated"
    );
    // The CronJob's jobTemplate.
    let r = run(&mut s, "set image cronjob/hello hello=busybox:1.37");
    assert_eq!(
        (r.output.as_str(), r.error),
        ("cronjob.batch/hello image updated", false)
    );
    let cj = s
        .cluster
        .store
        .get::<CronJob>("hello")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        cj.spec.job_template.spec.template.spec.containers[0].image,
        "busybox:1.37"
    );
    let errors = [
        ("set image job/pi pi=perl:5.36", "error: failed to patch image update to pod template: Job.batch \"pi\" is invalid: spec.template: Invalid value: {\"labels\":{\"batch.kubernetes.io/controller-uid\":\"{uid}\",\"batch.kubernetes.io/job-name\":\"pi\",\"controller-uid\":\"{uid}\",\"job-name\":\"pi\"},\"Spec\":{...}}: field is immutable"),
        ("set image ds/fluentd x=y", "error: unable to find container named \"x\""),
        ("set image ds/fluentd x=y fluentd=fluentd:v4", "daemonset.apps/fluentd image updated\nerror: unable to find container named \"x\""),
        ("set image ds/fluentd", "error: at least one image update is required"),
        ("set image fluentd=x", "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'"),
        ("set image ds/fluentd a=b c", "error: all resources must be specified before image changes: c"),
        ("set image ds/fluentd a-", "error: invalid image format: a-"),
        ("set image ds/fluentd *=x a=b", "error: all containers are already specified by *, but saw more than one container_name=container_image pairs"),
        ("set image ds/nope a=b", "Error from server (NotFound): daemonsets.apps \"nope\" not found"),
        ("set image node/worker-1 a=b", "error: nodes/worker-1 the object is not a pod or does not have a pod template: *v1.Node"),
        ("set env ds/fluentd A=1", "error: kubectl set env is a real command that CtrlScope does not simulate (it has set image); see 'help'"),
        ("set bogus ds/fluentd A=1", "error: unknown command \"bogus ds/fluentd A=1\"\nSee 'kubectl set -h' for help and examples"),
    ];
    let uid = s
        .cluster
        .store
        .get::<Job>("pi")
        .map(|j| j.metadata.uid.clone());
    for (line, want) in errors {
        let r = run(&mut s, line);
        let want = want.replace("{uid}", uid.as_deref().unwrap_or_default());
        assert_eq!(
            (r.output.as_str(), r.error),
            (want.as_str(), true),
            "{line}"
        );
    }
    assert!(run(&mut s, "help").output.contains("set image"));
}

#[test]
fn get_with_label_selectors() {
    let mut s = sim();
    s.run_until(s.now() + Duration::from_secs(30));
    let names = |s: &mut Simulation, line: &str| -> Vec<String> {
        run(s, line)
            .output
            .lines()
            .skip(1)
            .filter_map(|l| l.split_whitespace().next().map(String::from))
            .collect()
    };
    let pi = names(
        &mut s,
        "get pods --selector=batch.kubernetes.io/job-name=pi",
    );
    assert_eq!(pi.len(), 1);
    assert!(pi[0].starts_with("pi-"), "{pi:?}");
    assert_eq!(names(&mut s, "get pods -l name=fluentd").len(), 3);
    assert_eq!(names(&mut s, "get pods -lname==fluentd").len(), 3);
    assert_eq!(names(&mut s, "get pods -l 'name in (fluentd,x)'").len(), 3);
    assert_eq!(names(&mut s, "get pods -l 'name notin (fluentd)'"), pi);
    assert_eq!(names(&mut s, "get pods -l name!=fluentd"), pi);
    assert_eq!(names(&mut s, "get pods -l '!name'"), pi);
    assert_eq!(
        names(&mut s, "get pods -l name,pod-template-generation=1").len(),
        3
    );
    assert_eq!(names(&mut s, "get ds,jobs -l tier=node"), ["fluentd"]);
    assert_eq!(
        names(&mut s, "get nodes -l node-role.kubernetes.io/control-plane").len(),
        1
    );
    assert_eq!(
        say(&mut s, "get pods -l name=nobody"),
        "No resources found in default namespace."
    );
    assert_eq!(
        say(&mut s, "get pods pi -l a=b"),
        "error: name cannot be provided when a selector is specified"
    );
    assert_eq!(
        say(&mut s, "get jobs -l 'a in'"),
        "Error from server (BadRequest): Unable to find \"batch/v1, Resource=jobs\" that match label selector \"a in\", field selector \"\": unable to parse requirement: found '' expected: '('"
    );
    // --show-labels: a last LABELS column, padded like the rest.
    assert_eq!(
        say(&mut s, "get ds --show-labels"),
        "NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE   LABELS\nfluentd   3         3         3       3            3           <none>          60s   tier=node"
    );
    let out = say(&mut s, "get pods -l name=fluentd --show-labels -o wide");
    let header: Vec<&str> = out.lines().next().unwrap_or("").split("   ").collect();
    assert_eq!(header.last(), Some(&"LABELS"));
    assert!(
        out.lines()
            .skip(1)
            .all(|l| l.ends_with(",name=fluentd,pod-template-generation=1")),
        "{out}"
    );
}

// rollout_history.go Run with -o: the DaemonSet at each revision (history.go
// applyDaemonSetHistory), one PrintObj per revision, ascending; `--revision` picks one. Its
// PrintFlags have no table printers.
#[test]
fn history_with_an_output_format_prints_the_daemonset_at_each_revision() {
    let mut s = sim();
    say(&mut s, "set image ds/fluentd fluentd=fluentd:v2");
    s.run_until(s.now() + Duration::from_secs(60));
    let image = "{.spec.template.spec.containers[0].image} ";
    assert_eq!(
        say(
            &mut s,
            &format!("rollout history ds/fluentd -o jsonpath='{image}'")
        ),
        "fluentd:v1 fluentd:v2 "
    );
    assert_eq!(
        say(&mut s, "rollout history ds/fluentd -o name"),
        "daemonset.apps/fluentd\ndaemonset.apps/fluentd"
    );
    let yaml = say(&mut s, "rollout history ds/fluentd -o yaml");
    assert_eq!(yaml.matches("\n---\n").count(), 1, "{yaml}");
    assert!(
        yaml.starts_with("apiVersion: apps/v1\nkind: DaemonSet\n"),
        "{yaml}"
    );
    let one = say(&mut s, "rollout history ds/fluentd --revision=1 -o yaml");
    assert!(
        one.contains("image: fluentd:v1") && !one.contains("---"),
        "{one}"
    );
    // The current object's status and generation, with the old template.
    assert!(one.contains("\n  observedGeneration: 2\n"), "{one}");
    let json = say(&mut s, "rollout history ds/fluentd -o json");
    assert_eq!(json.matches("\n}\n{\n").count(), 1, "{json}");
    for (line, want) in [
        (
            "rollout history ds/fluentd --revision=3 -o yaml",
            "error: unable to find the specified revision",
        ),
        (
            "rollout history ds/fluentd -o wide",
            "error: unable to match a printer suitable for the output format \"wide\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml",
        ),
    ] {
        let r = run(&mut s, line);
        assert_eq!((r.output.as_str(), r.error), (want, true), "{line}");
    }
}

/// rollout_status.go: a type alone means every object of it (ResourceTypeOrNameArgs(true));
/// status takes exactly one, --timeout ends the watch, --revision is validated; the help line
/// names the subcommand (templater.go FlagErrorFunc).
#[test]
fn rollout_types_flags_and_timeouts_like_kubectl() {
    let mut s = sim();
    assert_eq!(
        say(&mut s, "rollout status ds"),
        "daemon set \"fluentd\" successfully rolled out"
    );
    assert!(
        say(&mut s, "rollout history daemonset").starts_with("daemonset.apps/fluentd \nREVISION")
    );
    assert_eq!(
        say(&mut s, "rollout status ds -n kube-system"),
        "error: rollout status is only supported on individual resources and resource collections - 0 resources were found"
    );
    assert_eq!(
        say(&mut s, "rollout restart ds -n kube-system"),
        "No resources found in kube-system namespace."
    );
    assert_eq!(
        say(&mut s, "rollout status ds/fluentd --revision=-1"),
        "error: revision must be a positive integer: -1"
    );
    assert_eq!(
        say(&mut s, "rollout history ds/fluentd --timeout=1s"),
        "error: unknown flag: --timeout\nSee 'kubectl rollout history --help' for usage."
    );
    assert_eq!(
        say(&mut s, "rollout undo ds/fluentd --bogus"),
        "error: unknown flag: --bogus\nSee 'kubectl rollout undo --help' for usage."
    );
    assert_eq!(
        say(&mut s, "rollout status ds -l name=nothing"),
        "error: rollout status is only supported on individual resources and resource collections - 0 resources were found"
    );
    assert_eq!(
        say(&mut s, "rollout status ds/fluentd --timeout=1d"),
        "error: invalid argument \"1d\" for \"--timeout\" flag: time: unknown unit \"d\" in duration \"1d\"\nSee 'kubectl rollout status --help' for usage."
    );
    // A restart rolls; a 2 s timeout ends the watch before it has.
    assert_eq!(
        say(&mut s, "rollout restart ds"),
        "daemonset.apps/fluentd restarted"
    );
    let r = run(&mut s, "rollout status ds/fluentd --timeout=2s");
    let mut follow = r.follow.expect("watches");
    assert_eq!(follow.deadline(), Some(s.now() + Duration::from_secs(2)));
    s.run_until(s.now() + Duration::from_secs(2));
    match follow.poll(&mut s) {
        Polled::Done(out, true) => {
            assert!(
                out.ends_with("error: timed out waiting for the condition"),
                "{out}"
            )
        }
        _ => panic!("the watch should have timed out"),
    }
}

/// `--record` is deprecated, not gone (record_flags.go AddFlags): pflag's notice, then the
/// command; `set image` puts the command line on the DaemonSet as its change-cause.
#[test]
fn record_is_deprecated_and_records_the_change_cause() {
    let mut s = sim();
    let r = run(
        &mut s,
        "kubectl set image ds/fluentd fluentd=fluentd:v2 --record",
    );
    assert_eq!(
        (r.output.as_str(), r.error, r.action.is_some()),
        (
            "Flag --record has been deprecated, --record will be removed in the future\ndaemonset.apps/fluentd image updated",
            false,
            true
        )
    );
    s.run_until(s.now() + Duration::from_secs(60));
    assert_eq!(
        say(&mut s, "rollout history ds/fluentd"),
        history(&[
            (1, "<none>"),
            (
                2,
                "kubectl set image ds/fluentd fluentd=fluentd:v2 --record=true"
            )
        ])
    );
    let r = run(&mut s, "label nodes worker-1 disk=ssd --record=false");
    assert_eq!(
        r.output,
        "Flag --record has been deprecated, --record will be removed in the future\nnode/worker-1 labeled"
    );
    let r = run(&mut s, "patch job pi -p {} --record");
    assert!(
        r.output
            .starts_with("Flag --record has been deprecated, --record will be removed in the future\njob.batch/pi patched"),
        "{}",
        r.output
    );
    assert_eq!(
        say(&mut s, "set image ds/fluentd fluentd=x --record=maybe"),
        "error: invalid argument \"maybe\" for \"--record\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\nSee 'kubectl set image --help' for usage."
    );
}
