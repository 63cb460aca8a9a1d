//! Foreground cascading deletion (`kubectl delete --cascade=foreground`, and the
//! TTL-after-finished controller's deletes): the API server keeps the owner, with a
//! deletionTimestamp and the `foregroundDeletion` finalizer (registry/store.go); the garbage
//! collector deletes its dependents and takes the finalizer off once they are gone
//! (garbagecollector.go attemptToDeleteItem, processDeletingDependentsItem); meanwhile the Job
//! controller creates no pods (job_controller.go: manageJob only without a deletionTimestamp),
//! and the DaemonSet and CronJob controllers stop (daemon_controller.go, cronjob_controllerv2.go).

mod common;

use common::{sim, step_until};
use ctrlscope::api::{CronJob, DaemonSet, Job, Kind, Pod};
use ctrlscope::kubectl::console;
use ctrlscope::sim::cluster::Step;
use ctrlscope::sim::scenario::{parse_scenario, Action};
use ctrlscope::sim::{SimConfig, Simulation};

const SLEEPER: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: sleeper\nspec:\n  parallelism: 2\n  completions: 4\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 600\"]\n";

fn secs(s: &Simulation) -> i64 {
    (s.now() - s.cluster.start).whole_secs()
}

/// The Job stays, Terminating, while its pods' shells ignore SIGTERM for their 30 s grace
/// period; no pod replaces them; at 35 s the last pod goes and the Job with it.
#[test]
fn a_job_deleted_in_the_foreground_waits_for_its_pods() {
    let mut s = sim(SLEEPER);
    step_until(&mut s, 5, |_| {});
    let before = s.cluster.store.get::<Job>("sleeper").expect("job").clone();
    let r = console::run(&mut s, "kubectl delete job sleeper --cascade=foreground");
    assert_eq!(
        (r.output.as_str(), r.action),
        (
            "job.batch \"sleeper\" deleted from default namespace",
            Some(Action::DeleteForeground(Kind::Job, "sleeper".into()))
        )
    );
    step_until(&mut s, 6, |_| {});
    let job = s
        .cluster
        .store
        .get::<Job>("sleeper")
        .expect("still there")
        .clone();
    let m = &job.metadata;
    assert_eq!(m.finalizers, ["foregroundDeletion"]);
    assert_eq!(m.deletion_grace_period_seconds, Some(0));
    assert_eq!(
        m.deletion_timestamp
            .map(|t| (t - s.cluster.start).whole_secs()),
        Some(5)
    );
    assert_eq!(m.generation, before.metadata.generation + 1);
    let get = console::run(&mut s, "get jobs --no-headers").output;
    assert!(get.starts_with("sleeper   Terminating   0/4"), "{get}");
    // A second foreground delete writes nothing.
    let rv = job.metadata.resource_version.clone();
    console::run(&mut s, "kubectl delete job sleeper --cascade=foreground");
    let again = s.cluster.store.get::<Job>("sleeper").expect("job");
    assert_eq!(again.metadata.resource_version, rv);
    let mut gone_at = None;
    let mut most_pods = 0;
    step_until(&mut s, 60, |s| {
        most_pods = most_pods.max(s.pods().len());
        if gone_at.is_none() && !s.cluster.store.contains::<Job>("sleeper") {
            gone_at = Some(secs(s));
        }
    });
    assert_eq!(most_pods, 2, "no replacement pods");
    assert_eq!(gone_at, Some(35));
    assert!(s.pods().is_empty());
}

/// Background after foreground: the object goes at once, the collector takes what is left.
#[test]
fn a_background_delete_after_a_foreground_one_removes_the_job_at_once() {
    let mut s = sim(SLEEPER);
    step_until(&mut s, 5, |_| {});
    console::run(&mut s, "kubectl delete job sleeper --cascade=foreground");
    step_until(&mut s, 6, |_| {});
    console::run(&mut s, "kubectl delete job sleeper");
    assert!(!s.cluster.store.contains::<Job>("sleeper"));
    step_until(&mut s, 60, |_| {});
    assert!(s.pods().is_empty());
}

/// ttlafterfinished_controller.go deletes with `DeletePropagationForeground`: the TTL
/// controller's DELETE, then the garbage collector's deletes: the finished pod first, then
/// the Job (its finalizer off).
#[test]
fn the_ttl_controller_deletes_in_the_foreground() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: quick\nspec:\n  ttlSecondsAfterFinished: 5\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 2\"]\n";
    let objs = ctrlscope::manifest::parse_manifests(yaml).expect("valid");
    let mut s = Simulation::new(SimConfig {
        record_loop: true,
        ..Default::default()
    });
    s.add_default_nodes();
    for o in objs {
        s.apply(o).expect("apply");
    }
    step_until(&mut s, 30, |_| {});
    assert!(!s.cluster.store.contains::<Job>("quick"));
    assert!(s.pods().is_empty());
    let deletes: Vec<(&str, String)> = s
        .cluster
        .loop_steps
        .iter()
        .filter_map(|l| match &l.step {
            Step::Delete { object } => Some((l.controller, object.split('/').next()?.to_string())),
            _ => None,
        })
        .collect();
    assert_eq!(
        deletes,
        [
            ("ttl-after-finished-controller", "Job".to_string()),
            ("garbage-collector", "Pod".to_string()),
            ("garbage-collector", "Job".to_string()),
        ]
    );
}

/// A DaemonSet waits for its pods (the controller makes no new ones); a CronJob for its Jobs,
/// each of which, having pods, is itself deleted in the foreground.
#[test]
fn daemonsets_and_cronjobs_wait_for_their_dependents() {
    let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n      - name: a\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 3600\"]\n";
    let mut s = sim(ds);
    step_until(&mut s, 5, |_| {});
    assert_eq!(s.pods().len(), 3);
    console::run(&mut s, "kubectl delete ds agent --cascade=foreground");
    step_until(&mut s, 20, |s| assert!(s.pods().len() <= 3));
    assert!(
        s.cluster.store.contains::<DaemonSet>("agent"),
        "waits for the pods"
    );
    step_until(&mut s, 40, |_| {});
    assert!(!s.cluster.store.contains::<DaemonSet>("agent"));
    assert!(s.pods().is_empty());

    let cj = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: tick\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: c\n            image: busybox:1.36\n            command: [sh, -c, \"sleep 600\"]\n";
    let mut s = sim(cj);
    step_until(&mut s, 65, |_| {});
    let job = s
        .cluster
        .store
        .list::<Job>()
        .next()
        .expect("a Job")
        .metadata
        .name
        .clone();
    console::run(&mut s, "kubectl delete cronjob tick --cascade=foreground");
    step_until(&mut s, 66, |_| {});
    let j = s
        .cluster
        .store
        .get::<Job>(&job)
        .expect("the Job stays a while");
    assert_eq!(j.metadata.finalizers, ["foregroundDeletion"]);
    assert!(s.cluster.store.contains::<CronJob>("tick"));
    step_until(&mut s, 200, |_| {});
    assert!(!s.cluster.store.contains::<CronJob>("tick"));
    assert!(s.cluster.store.list::<Job>().next().is_none());
    assert!(s.cluster.store.list::<Pod>().next().is_none());
}

/// Scenario files say `deleteForeground: Job/NAME`.
#[test]
fn the_scenario_action_reads_and_replays() {
    let actions = parse_scenario("- at: 5s\n  deleteForeground: Job/sleeper\n", &|p: &str| {
        Err(format!("no file {p}"))
    })
    .expect("parses");
    assert_eq!(
        actions[0].action,
        Action::DeleteForeground(Kind::Job, "sleeper".into())
    );
    let mut s = sim(SLEEPER);
    step_until(&mut s, 5, |_| {});
    assert_eq!(
        s.perform(&actions[0].action).as_deref(),
        Ok("job.batch/sleeper deleted")
    );
    step_until(&mut s, 6, |_| {});
    assert!(s.cluster.store.contains::<Job>("sleeper"));
}

/// A CronJob deleted while the controller manager is down: when it comes back, the garbage
/// collector's re-list finds its Jobs ownerless and collects them (and their pods).
#[test]
fn a_cronjob_deleted_during_an_outage_has_its_jobs_collected_after() {
    let cj = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: tick\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: c\n            image: busybox:1.36\n            command: [sh, -c, \"sleep 600\"]\n";
    let mut s = sim(cj);
    step_until(&mut s, 65, |_| {});
    assert_eq!(s.cluster.store.list::<Job>().count(), 1);
    s.perform(&Action::ControllerDown(
        ctrlscope::api::Duration::from_secs(60),
    ))
    .expect("down");
    s.perform(&Action::Delete(Kind::CronJob, "tick".into()))
        .expect("deleted");
    step_until(&mut s, 100, |_| {});
    assert_eq!(
        s.cluster.store.list::<Job>().count(),
        1,
        "nobody collects while down"
    );
    step_until(&mut s, 200, |_| {});
    assert_eq!(s.cluster.store.list::<Job>().count(), 0);
    assert!(s.pods().is_empty());
}

/// A Job deleted while the controller manager is down: back, the garbage collector deletes its
/// pods, and the Job controller's re-list finds them controlled by a Job that no longer
/// resolves, so it takes off their tracking finalizer (job_controller.go addPod,
/// resolveControllerRef, syncOrphanPod) and they go. They used to stay Terminating for good.
#[test]
fn a_job_deleted_during_an_outage_has_its_pods_released_after() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: long\nspec:\n  parallelism: 2\n  completions: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [sleep, \"600\"]\n";
    let mut s = sim(job);
    step_until(&mut s, 20, |_| {});
    assert_eq!(s.pods().len(), 2);
    s.perform(&Action::ControllerDown(
        ctrlscope::api::Duration::from_secs(60),
    ))
    .expect("down");
    s.perform(&Action::Delete(Kind::Job, "long".into()))
        .expect("deleted");
    step_until(&mut s, 300, |_| {});
    assert!(
        s.pods().is_empty(),
        "{:?}",
        s.pods()
            .iter()
            .map(|p| (&p.metadata.name, &p.metadata.finalizers))
            .collect::<Vec<_>>()
    );
}

/// A Job's pod relabelled out of its selector while the controller manager is down: back, the
/// Job's first sync claims its pods (getPodsForJob, ClaimPods) and releases that one (no
/// ownerReference, no tracking finalizer), then replaces it. It used to stay counted for good.
#[test]
fn a_pod_relabelled_during_an_outage_is_released_after() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: long\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [sleep, \"600\"]\n";
    let mut s = sim(job);
    step_until(&mut s, 20, |_| {});
    let pod = s.pods()[0].metadata.name.clone();
    s.perform(&Action::ControllerDown(
        ctrlscope::api::Duration::from_secs(60),
    ))
    .expect("down");
    let labels = [(
        "batch.kubernetes.io/controller-uid".to_string(),
        Some("someone-else".to_string()),
    )]
    .into_iter()
    .collect();
    s.perform(&Action::LabelPod {
        name: pod.clone(),
        labels,
    })
    .expect("labelled");
    step_until(&mut s, 100, |_| {});
    let p = s
        .cluster
        .store
        .get::<ctrlscope::api::Pod>(&pod)
        .expect("pod");
    assert!(p.metadata.owner_references.is_empty(), "{p:?}");
    assert!(p.metadata.finalizers.is_empty(), "{p:?}");
    let owned = s
        .pods()
        .iter()
        .filter(|p| !p.metadata.owner_references.is_empty())
        .count();
    assert_eq!(owned, 1, "replaced");
}

/// `kubectl delete job --cascade=orphan`, then the same Job (manualSelector) applied again: its
/// first sync claims the running orphans (getPodsForJob, ClaimPods: ownerReference and tracking
/// finalizer added), counts them, creates no new pods beside them, and completes with them.
#[test]
fn a_job_recreated_with_a_manual_selector_adopts_the_orphans() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: work\nspec:\n  manualSelector: true\n  selector:\n    matchLabels: {app: work}\n  completions: 2\n  parallelism: 2\n  template:\n    metadata:\n      labels: {app: work}\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 60\"]\n";
    let mut s = sim(job);
    step_until(&mut s, 20, |_| {});
    let names = |s: &ctrlscope::sim::Simulation| -> Vec<String> {
        let mut v: Vec<String> = s.pods().iter().map(|p| p.metadata.name.clone()).collect();
        v.sort();
        v
    };
    let before = names(&s);
    assert_eq!(before.len(), 2);
    s.perform(&Action::DeleteOrphan(Kind::Job, "work".into()))
        .expect("orphaned");
    step_until(&mut s, 25, |_| {});
    assert!(s
        .pods()
        .iter()
        .all(|p| p.metadata.owner_references.is_empty() && p.metadata.finalizers.is_empty()));
    for o in ctrlscope::manifest::parse_manifests(job).expect("valid") {
        s.apply(o).expect("applied");
    }
    step_until(&mut s, 30, |_| {});
    let uid = s
        .cluster
        .store
        .get::<Job>("work")
        .expect("job")
        .metadata
        .uid
        .clone();
    assert_eq!(names(&s), before, "no new pods");
    for p in s.pods() {
        assert_eq!(
            p.metadata.controller_of().map(|r| r.uid.as_str()),
            Some(uid.as_str())
        );
        assert_eq!(p.metadata.finalizers, ["batch.kubernetes.io/job-tracking"]);
        // generateSelectorIfNeeded: with manualSelector no controller-uid or job-name labels.
        assert_eq!(
            p.metadata.labels.keys().collect::<Vec<_>>(),
            ["app"],
            "{:?}",
            p.metadata.labels
        );
    }
    step_until(&mut s, 120, |_| {});
    let j = s.cluster.store.get::<Job>("work").expect("job");
    assert_eq!(j.status.succeeded, 2);
    assert_eq!(j.status.finished_type(), Some("Complete"));
    assert_eq!(names(&s), before, "completed by the adopted pods");
}

/// The garbage collector's and the TTL controller's loops say what they saw and why they act:
/// the owner's DELETED event and the dependents it leaves; the finished Job and when its TTL
/// runs out.
#[test]
fn the_gc_and_ttl_loops_explain_themselves() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: long\nspec:\n  ttlSecondsAfterFinished: 30\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [sleep, \"5\"]\n";
    let mut s = sim(job);
    s.cluster.record_loop = true;
    step_until(&mut s, 20, |_| {});
    let decisions = |s: &ctrlscope::sim::Simulation, c: &str| -> Vec<String> {
        s.cluster
            .loop_steps
            .iter()
            .filter(|l| l.controller == c)
            .filter_map(|l| match &l.step {
                Step::Decide { message, zh, .. } => {
                    assert!(!zh.is_empty(), "{message}");
                    Some(message.clone())
                }
                _ => None,
            })
            .collect()
    };
    let ttl = decisions(&s, "ttl-after-finished-controller");
    assert!(
        ttl[0].ends_with(
            "+ ttlSecondsAfterFinished 30 = 2026-01-01T00:00:37Z: not yet, look again then"
        ),
        "{ttl:?}"
    );
    let mut s = sim(&job
        .replace("  ttlSecondsAfterFinished: 30\n", "")
        .replace("\"5\"", "\"600\""));
    s.cluster.record_loop = true;
    step_until(&mut s, 20, |_| {});
    s.perform(&Action::Delete(Kind::Job, "long".into()))
        .expect("deleted");
    step_until(&mut s, 25, |_| {});
    assert_eq!(
        decisions(&s, "garbage-collector"),
        ["owner Job/long is gone (background deletion): deleting its 1 dependent(s)"]
    );
    assert!(s.cluster.loop_steps.iter().any(|l| l.controller == "garbage-collector"
        && matches!(&l.step, Step::Watch { event: "DELETED", object } if object == "Job/long")));
}

/// A finished Job claims no pods (syncJob returns before getPodsForJob): another Job's orphan
/// that its selector matches stays an orphan, and goes when deleted.
#[test]
fn a_finished_job_adopts_no_orphans() {
    let job = |name: &str, labels: &str, secs: u32| {
        format!("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\nspec:\n  manualSelector: true\n  selector:\n    matchLabels: {{app: x}}\n  template:\n    metadata:\n      labels: {labels}\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [sh, -c, \"sleep {secs}\"]\n")
    };
    let yaml = format!(
        "{}---\n{}",
        job("a", "{app: x}", 5),
        job("b", "{app: x, job: b}", 300)
            .replace("matchLabels: {app: x}", "matchLabels: {app: x, job: b}")
    );
    let mut s = sim(&yaml);
    step_until(&mut s, 60, |_| {});
    assert_eq!(
        s.cluster
            .store
            .get::<Job>("a")
            .and_then(|j| j.status.finished_type()),
        Some("Complete")
    );
    s.perform(&Action::DeleteOrphan(Kind::Job, "b".into()))
        .expect("orphaned");
    step_until(&mut s, 70, |_| {});
    let orphan = s
        .pods()
        .into_iter()
        .find(|p| p.metadata.labels.get("job").is_some_and(|v| v == "b"))
        .expect("b's pod")
        .clone();
    assert!(orphan.metadata.owner_references.is_empty(), "{orphan:?}");
    assert!(orphan.metadata.finalizers.is_empty(), "{orphan:?}");
}
