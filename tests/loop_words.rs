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

/// Seconds since the run's start (its first loop step, at 0 s).
fn secs(sim: &Simulation, t: ctrlscope::api::Time) -> i64 {
    (t.0 - sim.cluster.loop_steps.first().map_or(0, |s| s.t.0)) / 1000
}

/// (t in seconds, English, Chinese) of each decision.
fn timed_decisions(sim: &Simulation) -> Vec<(i64, String, String)> {
    sim.cluster
        .loop_steps
        .iter()
        .filter_map(|l| match &l.step {
            Step::Decide { message, zh, .. } => Some((secs(sim, l.t), message.clone(), zh.clone())),
            _ => None,
        })
        .collect()
}

fn indexed_job(completions: i32, parallelism: i32, max_failed: i32) -> String {
    format!("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ix\nspec:\n  completions: {completions}\n  parallelism: {parallelism}\n  completionMode: Indexed\n  backoffLimitPerIndex: 1\n  maxFailedIndexes: {max_failed}\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: \"10s\"\n    spec:\n      containers:\n      - name: main\n        image: busybox\n        command: [\"sh\",\"-c\",\"sleep 10; if [ \\\"$JOB_COMPLETION_INDEX\\\" = 1 ]; then exit 1; fi\"]\n      restartPolicy: Never\n")
}

/// indexed_job_utils.go firstPendingIndexes takes only the `diff` lowest pending indexes: one
/// backing off holds the higher ones behind it; syncJob's two failed-index reasons each with
/// their own rule.
#[test]
fn indexed_back_off_names_the_index_and_the_failure_rule() {
    let mut s = sim(&indexed_job(4, 4, 2));
    run(&mut s, 60);
    let d = timed_decisions(&s);
    assert!(d.iter().any(|(t, en, zh)| *t == 13
        && en.ends_with("has 0: index 1, the lowest pending one (1 to create), backs off (backoffLimitPerIndex): next pod in 8s")
        && zh.ends_with("索引 1 是编号最小的待运行索引（要创建 1 个），正在回退（backoffLimitPerIndex）：8 秒后创建下一个 Pod")),
        "{d:#?}");
    assert!(d.iter().any(|(_, en, zh)| en
        == "job fails (FailedIndexes: 1 failed index(es) (not above maxFailedIndexes 2) and every index finished: 3 succeeded + 1 failed ≥ completions 4): FailureTarget written, no active pod to delete"
        && zh.contains("1 个索引失败（未超过 maxFailedIndexes 2），且所有索引都已结束：成功 3 + 失败 1 ≥ completions 4")),
        "{d:#?}");
    assert!(!d
        .iter()
        .any(|(_, en, _)| en.contains("every pending index")));

    let mut s = sim(&indexed_job(6, 2, 0));
    run(&mut s, 60);
    let d = timed_decisions(&s);
    // Index 1 backs off, index 3 waits behind it.
    assert!(d.iter().any(|(t, en, zh)| *t == 13
        && en.ends_with("index 1, the lowest pending one (1 to create), backs off (backoffLimitPerIndex): next pod in 8s; indexes above it wait behind it")
        && zh.ends_with("；更高的索引排在它后面等待")),
        "{d:#?}");
    assert!(
        d.iter().any(|(_, en, zh)| en.starts_with(
            "job fails (MaxFailedIndexesExceeded: 1 failed index(es) > maxFailedIndexes 0)"
        ) && zh.contains("失败索引数 1 > maxFailedIndexes 0")),
        "{d:#?}"
    );
}

/// getPodCreationInfoForIndependentIndexes returns (indexesToAddNow, 0) when some index can be
/// created: manageJob then schedules no delayed sync for the ones backing off.
#[test]
fn indexes_created_beside_one_backing_off_set_no_delayed_sync() {
    let mut s = sim(&indexed_job(6, 2, 0));
    run(&mut s, 60);
    let d = timed_decisions(&s);
    assert!(d.iter().any(|(t, en, zh)| *t == 12
        && en.ends_with("has 0: creating 1 pod(s), not 2: index 1 backs off for 9s more (no delayed sync for the back-off: the pods' events bring the next)")
        && zh.ends_with("创建 1 个 Pod，而不是 2 个：索引 1 还要回退 9 秒（不为回退安排延迟同步：下一次同步由 Pod 的事件触发）")),
        "{d:#?}");
    let backoff_enqueues: Vec<i64> = s
        .cluster
        .loop_steps
        .iter()
        .filter_map(|l| match &l.step {
            Step::Enqueue { why, .. } if why == "index failure back-off" => Some(secs(&s, l.t)),
            _ => None,
        })
        .collect();
    // Not at 12 s (a pod was created then); later every index to create backs off.
    assert!(!backoff_enqueues.contains(&12), "{backoff_enqueues:?}");
    assert!(!backoff_enqueues.is_empty(), "{backoff_enqueues:?}");
    // Index 1's second pod still comes when its back-off ends (21 s).
    assert!(
        d.iter()
            .any(|(t, en, _)| *t == 21 && en.ends_with("creating 1 pod(s)")),
        "{d:#?}"
    );
}

/// backoff_utils.go newBackoffRecord: new succeeded pods reset failuresAfterLastSuccess (a
/// failure that finished with the last success is not counted).
#[test]
fn a_success_in_the_same_sync_resets_the_back_off() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pf\nspec:\n  completions: 6\n  parallelism: 2\n  backoffLimit: 6\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: \"20s\"\n        sim.ctrlscope.dev/exit-codes: \"1,0,1,0\"\n    spec:\n      containers:\n      - name: w\n        image: busybox\n        command: [\"sh\",\"-c\",\"sleep 20\"]\n      restartPolicy: Never\n";
    let mut s = sim(job);
    run(&mut s, 120);
    let d = timed_decisions(&s);
    assert!(d.iter().any(|(t, en, zh)| *t == 22
        && en.ends_with("has 0 (1 of backoffLimit 6 used): creating 2 pod(s); no back-off: a pod succeeded since, which resets the failure streak")
        && zh.ends_with("创建 2 个 Pod；不回退：此后有 Pod 成功，连续失败计数清零")),
        "{d:#?}");
    // Two successes and no failure: nothing to reset, nothing said.
    assert!(
        d.iter()
            .any(|(t, en, _)| *t == 66 && en.ends_with("creating 2 pod(s)")),
        "{d:#?}"
    );
}

/// isPodFailed (podReplacementPolicy TerminatingOrFailed): a deleted pod is failed at once
/// (`sh -c sleep` as PID 1 ignores SIGTERM: still terminating at the sync).
#[test]
fn a_deleted_pod_counted_as_failed_is_named() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pf\nspec:\n  completions: 6\n  parallelism: 2\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: \"60s\"\n    spec:\n      containers:\n      - name: w\n        image: busybox\n        command: [\"sh\",\"-c\",\"sleep 60\"]\n      restartPolicy: Never\n";
    let mut s = sim(job);
    run(&mut s, 10);
    let pod = s
        .cluster
        .store
        .list::<ctrlscope::api::Pod>()
        .map(|p| p.metadata.name.clone())
        .next()
        .expect("a pod");
    s.perform(&Action::DeletePod(pod.clone())).expect("delete");
    run(&mut s, 5);
    let d = timed_decisions(&s);
    let i = d
        .iter()
        .position(|(_, en, zh)| {
            *en == format!("pod {pod} is terminating (deleted): counted as failed (podReplacementPolicy TerminatingOrFailed)")
                && *zh == format!("Pod {pod} 正在终止（已被删除）：计为失败（podReplacementPolicy 为 TerminatingOrFailed）")
        })
        .unwrap_or_else(|| panic!("{d:#?}"));
    // Said once, before the back-off it starts.
    assert!(d[i + 1].1.contains("pod failure back-off"), "{d:#?}");
    assert_eq!(
        d.iter()
            .filter(|(_, en, _)| en.contains("is terminating (deleted)"))
            .count(),
        1
    );
}

/// manageJob: with completions unset, wantActive = active once a pod succeeded.
#[test]
fn a_work_queue_job_stops_creating_after_a_success() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: wq\nspec:\n  parallelism: 3\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: \"10s\"\n        sim.ctrlscope.dev/exit-codes: \"1,0,0,1\"\n    spec:\n      containers:\n      - name: main\n        image: busybox\n      restartPolicy: Never\n";
    let mut s = sim(job);
    run(&mut s, 60);
    let d = timed_decisions(&s);
    assert!(d.iter().any(|(_, en, zh)| en.starts_with(
        "wants 0 active (work queue, succeeded 2: no new pods once one has succeeded; those running finish), has 0")
        && zh.starts_with("需要 0 个活跃 Pod（工作队列模式，已成功 2：已有 Pod 成功后不再创建新 Pod，运行中的 Pod 会运行到结束），现有 0 个")),
        "{d:#?}");
    assert!(
        !d.iter()
            .any(|(_, en, _)| en.contains("parallelism 3, succeeded 2")),
        "{d:#?}"
    );
}

/// NodeShouldRunDaemonPod: an untolerated NoSchedule taint gives shouldRun false,
/// shouldContinueRunning true: the pod stays, misscheduled.
#[test]
fn a_daemon_pod_kept_on_a_noschedule_node_is_said() {
    let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ag\nspec:\n  selector:\n    matchLabels: {app: ag}\n  template:\n    metadata:\n      labels: {app: ag}\n    spec:\n      containers:\n      - name: a\n        image: nginx:1.25\n";
    let mut s = sim(ds);
    run(&mut s, 10);
    s.perform(&Action::TaintNode {
        name: "worker-2".into(),
        taint: ctrlscope::api::Taint {
            key: "dedicated".into(),
            value: "x".into(),
            effect: "NoSchedule".into(),
            time_added: None,
        },
    })
    .expect("taint");
    run(&mut s, 5);
    let d = timed_decisions(&s);
    assert!(d.iter().any(|(_, en, zh)| en
        == "2 node(s) should run a daemon pod, each has its up-to-date one: nothing to do; worker-2 keeps its pod: NoSchedule does not evict (counted as misscheduled)"
        && zh.ends_with("无需操作；worker-2 上的 Pod 保留：NoSchedule 不驱逐已在运行的 Pod（计入 misscheduled）")),
        "{d:#?}");
    let summaries: Vec<&str> = s
        .cluster
        .loop_steps
        .iter()
        .filter_map(|l| match &l.step {
            Step::UpdateStatus { object, summary } if object.contains("DaemonSet") => {
                Some(summary.as_str())
            }
            _ => None,
        })
        .collect();
    assert!(
        summaries.contains(&"desired=2 current=2 ready=2 up-to-date=2 available=2 misscheduled=1"),
        "{summaries:?}"
    );
    // Zero is left out.
    assert!(
        summaries.contains(&"desired=3 current=3 ready=3 up-to-date=3 available=3"),
        "{summaries:?}"
    );
}

/// The informer-cache line counts the pods a sync created or deleted: a pending pod's deletion
/// is two writes (deletionTimestamp, then removal) but one pod.
#[test]
fn the_cache_line_counts_pods_not_writes() {
    let ds = |selector: &str| {
        format!("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: big\nspec:\n  selector:\n    matchLabels:\n      app: big\n  template:\n    metadata:\n      labels:\n        app: big\n    spec:\n{selector}      containers:\n      - name: c\n        image: nginx\n        resources:\n          requests:\n            cpu: \"64\"\n")
    };
    let mut s = sim(&ds(""));
    run(&mut s, 10);
    let pending = s
        .cluster
        .store
        .list::<ctrlscope::api::Pod>()
        .filter(|p| p.spec.node_name.is_empty())
        .count();
    assert_eq!(pending, 3, "every worker's pod waits for room");
    s.cluster.loop_steps.clear();
    apply(
        &mut s,
        &ds("      nodeSelector:\n        kubernetes.io/hostname: worker-1\n"),
    );
    run(&mut s, 5);
    let words: Vec<String> = decisions(&s)
        .into_iter()
        .map(|(en, _)| en)
        .filter(|m| m.starts_with("status from the informer cache"))
        .collect();
    assert!(
        words
            .iter()
            .any(|m| m.contains("this sync's 2 pod change(s)")),
        "{words:#?}"
    );
}
