//! Every decision a controller records in its loop (`Step::Decide`) carries Chinese words as well
//! as English ones, so the page in 中文 explains the controllers in Chinese.

use ctrlscope::api::{Duration, Object};
use ctrlscope::manifest::parse_manifests;
use ctrlscope::sim::cluster::Step;
use ctrlscope::sim::scenario::Action;
use ctrlscope::sim::{SimConfig, Simulation};

/// A simulation recording its controllers' loops, on the default cluster.
fn sim(yaml: &str) -> Simulation {
    let mut s = Simulation::new(SimConfig {
        record_loop: true,
        ..SimConfig::default()
    });
    s.add_default_nodes();
    apply(&mut s, yaml);
    s
}

fn run(sim: &mut Simulation, secs: i64) {
    let t = sim.now() + Duration::from_secs(secs);
    sim.run_until(t);
}

fn apply(sim: &mut Simulation, yaml: &str) {
    for o in parse_manifests(yaml).expect("valid") {
        sim.apply(o).expect("applies");
    }
}

/// The work queue's reasons in words (not only API words): (English, Chinese).
fn queue_words(sim: &Simulation) -> Vec<(String, String)> {
    sim.cluster
        .loop_steps
        .iter()
        .filter_map(|s| match &s.step {
            Step::Enqueue { why, zh, .. }
                if ["back-off", "batched", "schedule", "retry", "ready"]
                    .iter()
                    .any(|w| why.contains(w)) =>
            {
                Some((why.clone(), zh.clone()))
            }
            _ => None,
        })
        .collect()
}

fn decisions(sim: &Simulation) -> Vec<(String, String)> {
    sim.cluster
        .loop_steps
        .iter()
        .filter_map(|s| match &s.step {
            Step::Decide { message, zh, .. } => Some((message.clone(), zh.clone())),
            _ => None,
        })
        .collect()
}

fn is_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_decision_has_chinese_words() {
    let mut seen = Vec::new();

    // Job: waves, nothing to do, back-off, failure.
    let mut s = sim(include_str!("../examples/parallel-job.yaml"));
    run(&mut s, 300);
    seen.extend(decisions(&s));
    seen.extend(queue_words(&s));
    let mut s = sim(include_str!("../examples/backoff-job.yaml"));
    run(&mut s, 600);
    seen.extend(decisions(&s));
    seen.extend(queue_words(&s));
    let mut s = sim(&include_str!("../examples/pi-job.yaml").replace(
        "  backoffLimit: 4\n",
        "  backoffLimit: 4\n  ttlSecondsAfterFinished: 30\n",
    ));
    run(&mut s, 120);
    seen.extend(decisions(&s));
    seen.extend(queue_words(&s));

    // CronJob: Replace and Forbid with a long job, suspend, controller manager down.
    let cron = |policy: &str| {
        format!(
            "apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: c-{p}}}\nspec:\n  schedule: \"* * * * *\"\n  concurrencyPolicy: {policy}\n  jobTemplate:\n    spec:\n      template:\n        metadata: {{annotations: {{sim.ctrlscope.dev/duration: 150s}}}}\n        spec: {{containers: [{{name: a, image: busybox}}], restartPolicy: Never}}\n",
            p = policy.to_lowercase()
        )
    };
    let mut s = sim(&format!("{}---\n{}", cron("Replace"), cron("Forbid")));
    run(&mut s, 200);
    s.perform(&Action::ControllerDown(Duration::from_secs(120)))
        .expect("controller down");
    run(&mut s, 200);
    let mut cj = match parse_manifests(&cron("Forbid")).expect("valid").remove(0) {
        Object::CronJob(c) => c,
        _ => unreachable!(),
    };
    cj.spec.suspend = Some(true);
    s.apply(Object::CronJob(cj)).expect("suspend");
    run(&mut s, 120);
    seen.extend(decisions(&s));
    seen.extend(queue_words(&s));

    // DaemonSet: placement, then a rolling update.
    let ds = include_str!("../examples/fluentd-daemonset.yaml");
    let mut s = sim(ds);
    run(&mut s, 30);
    apply(&mut s, &ds.replace("fluentd:v2.5.2", "fluentd:v2.6.0"));
    run(&mut s, 120);
    // A node that loses the label the nodeSelector wants no longer qualifies.
    let labelled = |on: bool| Action::LabelNode {
        name: "worker-2".into(),
        labels: [("disk".to_string(), on.then(|| "ssd".to_string()))]
            .into_iter()
            .collect(),
    };
    s.perform(&labelled(true)).expect("label");
    apply(
        &mut s,
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ssd}\nspec:\n  selector: {matchLabels: {app: ssd}}\n  template:\n    metadata: {labels: {app: ssd}}\n    spec:\n      nodeSelector: {disk: ssd}\n      containers: [{name: a, image: busybox}]\n",
    );
    run(&mut s, 10);
    s.perform(&labelled(false)).expect("unlabel");
    run(&mut s, 30);
    seen.extend(decisions(&s));
    seen.extend(queue_words(&s));

    assert!(seen.len() > 20, "{seen:?}");
    for (en, zh) in &seen {
        assert!(is_chinese(zh), "no Chinese words for {en:?}: {zh:?}");
    }
    for needle in [
        "nothing to do",
        "creating",
        "back-off",
        "job fails (",
        "concurrencyPolicy Replace",
        "Forbid: no new Job now",
        "late",
        "suspended",
        "controller manager down",
        "restarted",
        "rolling update",
        "need a daemon pod",
        "no longer qualifies",
        "SuccessCriteriaMet (CompletionsReached)",
        "ttlSecondsAfterFinished 30 has passed",
    ] {
        assert!(
            seen.iter().any(|(en, _)| en.contains(needle)),
            "no decision containing {needle:?}"
        );
    }
}

/// The decision lines say why a Job fails and what it waits for (job_controller.go syncJob:
/// FailureTarget first, Failed once no pod terminates), once each, before the deletes; with
/// backoffLimitPerIndex a policy match speaks of the index, not of backoffLimit.
#[test]
fn failing_jobs_are_explained() {
    let deadline = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: sync-data\nspec:\n  activeDeadlineSeconds: 60\n  template:\n    spec:\n      containers:\n      - name: sync\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"echo syncing; sleep 3600\"]\n      restartPolicy: Never\n";
    let mut s = sim(deadline);
    run(&mut s, 120);
    let lines: Vec<String> = decisions(&s)
        .into_iter()
        .map(|(en, _)| en)
        .filter(|en| en.contains("job fail"))
        .collect();
    assert_eq!(
        lines,
        [
            "job fails (DeadlineExceeded: active longer than activeDeadlineSeconds 60): FailureTarget written, deleting 1 active pod(s); Failed once they are gone",
            "job failing (DeadlineExceeded): Failed once its 1 terminating pod(s) are gone",
            "job failing (DeadlineExceeded): no pod left, so Failed",
        ]
    );
    let steps: Vec<String> = s
        .cluster
        .loop_steps
        .iter()
        .map(|st| format!("{:?}", st.step))
        .collect();
    let said = steps
        .iter()
        .position(|st| st.contains("job fails ("))
        .unwrap();
    let deleted = steps
        .iter()
        .position(|st| st.starts_with("Delete") && st.contains("Pod/sync-data"))
        .unwrap();
    assert!(said < deleted, "the decision comes before its action");

    let fail_index = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: fi\nspec:\n  completionMode: Indexed\n  completions: 4\n  parallelism: 4\n  backoffLimitPerIndex: 2\n  podFailurePolicy:\n    rules:\n    - action: FailIndex\n      onExitCodes:\n        operator: In\n        values: [42]\n    - action: Count\n      onExitCodes:\n        operator: In\n        values: [1]\n  template:\n    spec:\n      containers:\n      - name: c\n        image: busybox:1.36\n        command:\n        - sh\n        - -c\n        - |\n          sleep 10\n          if [ \"$JOB_COMPLETION_INDEX\" = 1 ]; then exit 42; fi\n          if [ \"$JOB_COMPLETION_INDEX\" = 2 ]; then exit 1; fi\n      restartPolicy: Never\n";
    let mut s = sim(fail_index);
    run(&mut s, 20);
    let policy: Vec<String> = decisions(&s)
        .into_iter()
        .map(|(en, _)| en)
        .filter(|en| en.contains("podFailurePolicy"))
        .collect();
    assert!(
        policy
            .iter()
            .any(|l| l.ends_with("(FailIndex) → index 1 fails now and is not retried")),
        "{policy:?}"
    );
    assert!(
        policy.iter().any(|l| l
            .ends_with("(Count) → counted toward index 2's backoffLimitPerIndex 2 (failure 1)")),
        "{policy:?}"
    );
    assert!(
        policy
            .iter()
            .any(|l| l == "index 1 failed (podFailurePolicy rule 0: FailIndex): it is not retried"),
        "{policy:?}"
    );
    assert_eq!(
        policy.iter().filter(|l| l.contains("pod fi-2-")).count(),
        1,
        "the held pod's verdict is said once, when it fails: {policy:?}"
    );
}

/// cronjob_controllerv2.go syncCronJob's first step takes a finished Job out of status.active
/// (SawCompletedJob): the loop says so, instead of only "no unmet schedule time". A Job's pod
/// create the API server refuses stops slowStartBatch (job_controller.go manageJob), and the
/// loop says how many of the wanted pods were created.
#[test]
fn the_loop_explains_a_finished_cronjob_run_and_a_refused_create() {
    let mut s = sim(include_str!("../examples/hello-cronjob.yaml"));
    run(&mut s, 65);
    let words = decisions(&s);
    assert!(
        words.iter().any(|(en, zh)| en
            == "Job hello-29453761 finished (Complete): no longer in status.active"
            && zh == "Job hello-29453761 已结束（Complete）：从 status.active 中移除"),
        "{words:#?}"
    );
    let refused = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  parallelism: 2\n  completions: 2\n  template:\n    spec:\n      priorityClassName: nope\n      restartPolicy: Never\n      containers:\n      - name: pi\n        image: perl\n";
    let mut s = sim(refused);
    run(&mut s, 1);
    let words = decisions(&s);
    assert!(
        words
            .iter()
            .any(|(en, zh)| en.starts_with("the API server refused a create")
                && en.contains("0 of 2 pod(s) created")
                && zh.contains("2 个 Pod 中创建了 0 个")),
        "{words:#?}"
    );
}

/// cronjob_controllerv2.go: the CronJob informer's DeleteFunc is enqueueController, so a deleted
/// CronJob is synced once more, finds itself gone and stops.
#[test]
fn a_deleted_cronjob_is_synced_once_more_and_found_gone() {
    let mut s = sim(include_str!("../examples/hello-cronjob.yaml"));
    run(&mut s, 30);
    s.perform(&Action::Delete(
        ctrlscope::api::Kind::CronJob,
        "hello".into(),
    ))
    .expect("deleted");
    run(&mut s, 1);
    let gone = s
        .cluster
        .loop_steps
        .iter()
        .rev()
        .find_map(|l| match &l.step {
            Step::Enqueue { why, .. } if l.controller == "cronjob-controller" => Some(why.clone()),
            _ => None,
        });
    assert_eq!(gone.as_deref(), Some("CronJob hello DELETED"));
    assert!(decisions(&s).iter().any(
        |(en, zh)| en.starts_with("the CronJob is gone (NotFound)") && zh.contains("NotFound")
    ));
}

/// client-go's workqueue keeps a key once: an event for a key already waiting is merged, and
/// the loop says so (the DaemonSet hears of four nodes and itself before its first sync).
#[test]
fn an_event_for_a_queued_key_says_it_is_merged() {
    let mut s = sim(include_str!("../examples/fluentd-daemonset.yaml"));
    run(&mut s, 1);
    let adds: Vec<(String, String)> = s
        .cluster
        .loop_steps
        .iter()
        .filter(|l| l.controller == "daemonset-controller")
        .filter_map(|l| match &l.step {
            Step::Enqueue { why, zh, .. } => Some((why.clone(), zh.clone())),
            _ => None,
        })
        .collect();
    assert!(!adds[0].0.contains("already queued"), "{adds:#?}");
    assert!(
        adds.iter().any(
            |(en, zh)| en.ends_with(" (already queued: the same sync serves it)")
                && zh.ends_with("（已在队列中：同一次同步一并处理）")
        ),
        "{adds:#?}"
    );
}

/// Review fixes to the decision lines (each against the rule it names):
/// - restartPolicy OnFailure: failed pods (`exceedsBackoffLimit`) and container restarts
///   (`pastBackoffLimitOnFailure`) are each held against backoffLimit, never added up
///   (job_controller.go syncJob);
/// - a suspended Job says why it runs nothing;
/// - a success whose last pods are terminating says Complete waits for them
///   (delayTerminalCondition);
/// - a DaemonSet that fits no node says so.
#[test]
fn decisions_name_the_rule_they_follow() {
    let onfailure = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: flaky\nspec:\n  backoffLimit: 3\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/exit-codes: \"1\"\n    spec:\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"echo trying; exit 1\"]\n      restartPolicy: OnFailure\n";
    let mut s = sim(onfailure);
    run(&mut s, 120);
    let lines: Vec<String> = decisions(&s).into_iter().map(|(en, _)| en).collect();
    assert!(
        lines.iter().any(|l| l.contains(
            "(backoffLimit 3: 0 failed pod(s), the Job fails above 3; 1 container restart(s) in running pods, it fails at 3)"
        )),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.contains(
            "3 container restart(s) in running pods reach backoffLimit 3 (restartPolicy OnFailure: pastBackoffLimitOnFailure counts them apart from the 0 failed pod(s))"
        )),
        "{lines:#?}"
    );
    assert!(!lines
        .iter()
        .any(|l| l.contains("failure(s) and container restart(s)")));

    let suspended = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: later\nspec:\n  suspend: true\n  template:\n    spec:\n      containers:\n      - name: c\n        image: busybox:1.36\n      restartPolicy: Never\n";
    let mut s = sim(suspended);
    run(&mut s, 5);
    assert!(decisions(&s).iter().any(|(en, zh)| en
        == "spec.suspend is true: condition Suspended, no pods run until it is resumed"
        && zh.contains("Suspended")));

    let success = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: sp\nspec:\n  completionMode: Indexed\n  completions: 4\n  parallelism: 4\n  successPolicy:\n    rules:\n    - succeededIndexes: \"0\"\n    - succeededCount: 2\n  template:\n    spec:\n      containers:\n      - name: w\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"if [ \\\"$JOB_COMPLETION_INDEX\\\" = 0 ]; then sleep 50; exit 1; fi; if [ \\\"$JOB_COMPLETION_INDEX\\\" = 1 ]; then sleep 10; fi; if [ \\\"$JOB_COMPLETION_INDEX\\\" = 2 ]; then sleep 20; fi; sleep 100\"]\n      restartPolicy: Never\n";
    let mut s = sim(success);
    run(&mut s, 200);
    let lines: Vec<String> = decisions(&s).into_iter().map(|(en, _)| en).collect();
    assert!(
        lines.iter().any(|l| {
            l
            == "SuccessCriteriaMet (SuccessPolicy): Complete once its 1 terminating pod(s) are gone"
        }),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l
                == "SuccessCriteriaMet (SuccessPolicy) and no pod terminating any more: Complete"),
        "{lines:#?}"
    );

    let nowhere = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ssd\nspec:\n  selector: {matchLabels: {app: ssd}}\n  template:\n    metadata: {labels: {app: ssd}}\n    spec:\n      nodeSelector: {disk: ssd}\n      containers:\n      - name: c\n        image: busybox:1.36\n";
    let mut s = sim(nowhere);
    run(&mut s, 5);
    assert!(decisions(&s).iter().any(|(en, _)| en
        == "0 node(s) should run a daemon pod, none of the 4 node(s) matches its nodeSelector and node affinity with only taints it tolerates: nothing to do"));
}
