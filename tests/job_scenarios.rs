//! Job controller scenarios: YAML in, timeline out, checked against `../shared/spec/job.md` and
//! `pkg/controller/job/job_controller.go`.
//!
//! The timeline model behind the expected numbers: a pod created at T is bound at T, its
//! container starts at T+1 (start-delay 1s) and exits at T+1+duration; the Job controller hears
//! of pod changes batched by `syncJobBatchPeriod` (1 s), so it acts at T+2+duration.

mod common;

use common::{cli, events, sim, step_until, times};
use ctrlscope::api::{Duration, Job, Pod};

fn job_yaml(name: &str, spec: &str, annotations: &str, policy: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\nspec:\n{spec}  template:\n    metadata:\n      annotations:\n{annotations}    spec:\n      restartPolicy: {policy}\n      containers:\n      - name: work\n        image: busybox:1.36\n"
    )
}

fn ann(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("        sim.ctrlscope.dev/{k}: \"{v}\"\n"))
        .collect()
}

fn job<'a>(s: &'a ctrlscope::sim::Simulation, name: &str) -> &'a Job {
    s.cluster.store.get::<Job>(name).expect("job exists")
}

/// job_controller.go `manageJob`: wantActive = min(parallelism, completions − succeeded).
#[test]
fn parallel_job_runs_in_four_waves_of_two() {
    let yaml = job_yaml(
        "paral",
        "  completions: 8\n  parallelism: 2\n",
        &ann(&[("duration", "30s")]),
        "Never",
    );
    let out = cli(
        &[("job.yaml", &yaml)],
        &["run", "job.yaml", "--events", "jsonl", "--until", "10m"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let evs = events(&out);
    let created = times(&evs, "Job/paral", "SuccessfulCreate");
    assert_eq!(
        created,
        vec![0.0, 0.0, 32.0, 32.0, 64.0, 64.0, 96.0, 96.0],
        "4 waves of 2"
    );
    assert_eq!(times(&evs, "Job/paral", "Completed"), vec![128.0]);

    // Never more than 2 active, checked after every step of the simulation.
    let mut s = sim(&yaml);
    let mut max_active = 0;
    step_until(&mut s, 600, |s| {
        let active = s
            .pods()
            .iter()
            .filter(|p| !matches!(p.status.phase.as_str(), "Succeeded" | "Failed"))
            .count();
        max_active = max_active.max(active);
        assert!(active <= 2, "at most parallelism pods active, saw {active}");
        assert!(s.jobs().iter().all(|j| j.status.active <= 2));
    });
    assert_eq!(max_active, 2);
    let j = job(&s, "paral");
    assert_eq!(j.status.succeeded, 8);
    assert_eq!(j.status.finished_type(), Some("Complete"));
    let table = ctrlscope::kubectl::get_jobs(&s.jobs(), s.now(), false);
    assert!(
        table.contains("Complete") && table.contains("8/8"),
        "{table}"
    );
    assert!(
        table.contains("2m8s"),
        "DURATION = completionTime − startTime: {table}"
    );
}

/// backoff_utils.go: 10 s × 2^(failures−1) from the last failure; BackoffLimitExceeded after
/// backoffLimit + 1 failed pods.
#[test]
fn failed_pods_are_recreated_with_exponential_backoff() {
    let yaml = job_yaml(
        "flaky",
        "  backoffLimit: 4\n",
        &ann(&[("duration", "5s"), ("exit-codes", "1")]),
        "Never",
    );
    let out = cli(
        &[("job.yaml", &yaml)],
        &["run", "job.yaml", "--events", "jsonl"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let evs = events(&out);
    let created = times(&evs, "Job/flaky", "SuccessfulCreate");
    assert_eq!(created, vec![0.0, 16.0, 42.0, 88.0, 174.0]);
    // Each pod fails 6 s after its creation; the next one waits 10, 20, 40, 80 s after that failure.
    let gaps: Vec<f64> = created.windows(2).map(|w| w[1] - (w[0] + 6.0)).collect();
    assert_eq!(gaps, vec![10.0, 20.0, 40.0, 80.0]);
    let failed = evs
        .iter()
        .find(|e| e.reason == "BackoffLimitExceeded")
        .expect("BackoffLimitExceeded event");
    assert_eq!(
        (failed.t, failed.type_.as_str(), failed.message.as_str()),
        (
            181.0,
            "Warning",
            "Job has reached the specified backoff limit"
        )
    );

    let mut s = sim(&yaml);
    step_until(&mut s, 400, |_| {});
    let j = job(&s, "flaky");
    assert_eq!(j.status.failed, 5, "backoffLimit + 1 failures");
    assert_eq!(j.status.finished_type(), Some("Failed"));
    assert!(
        j.status.condition("FailureTarget").is_some(),
        "interim FailureTarget condition precedes Failed"
    );
}

/// The back-off is capped at MaxJobPodFailureBackOff (10 min in today's job_controller.go).
#[test]
fn pod_failure_backoff_is_capped_at_ten_minutes() {
    let yaml = job_yaml(
        "capped",
        "  backoffLimit: 9\n",
        &ann(&[("duration", "1s"), ("exit-codes", "1")]),
        "Never",
    );
    let out = cli(
        &[("job.yaml", &yaml)],
        &["run", "job.yaml", "--events", "jsonl", "--until", "3h"],
    );
    let created = times(&events(&out), "Job/capped", "SuccessfulCreate");
    let gaps: Vec<f64> = created.windows(2).map(|w| w[1] - (w[0] + 2.0)).collect();
    assert_eq!(
        gaps,
        vec![10.0, 20.0, 40.0, 80.0, 160.0, 320.0, 600.0, 600.0, 600.0]
    );
}

/// restartPolicy OnFailure: the kubelet restarts the container in place; restarts count toward
/// backoffLimit (`pastBackoffLimitOnFailure`: restarts ≥ backoffLimit), no new pod is created.
#[test]
fn on_failure_restarts_in_place_and_counts_restarts() {
    let yaml = job_yaml(
        "restarts",
        "  backoffLimit: 3\n",
        &ann(&[("duration", "5s"), ("exit-codes", "1")]),
        "OnFailure",
    );
    let out = cli(
        &[("job.yaml", &yaml)],
        &["run", "job.yaml", "--events", "jsonl"],
    );
    let evs = events(&out);
    assert_eq!(
        times(&evs, "Job/restarts", "SuccessfulCreate"),
        vec![0.0],
        "one pod, restarted in place"
    );
    // Container runs 1–6, restarts at once, runs 6–11, backs off 10 s, runs 21–26, backs off
    // 20 s and restarts at 46: the third restart.
    let pod = evs
        .iter()
        .find(|e| e.reason == "SuccessfulCreate")
        .map(|e| e.message.trim_start_matches("Created pod: ").to_string())
        .unwrap_or_default();
    assert_eq!(
        times(&evs, &format!("Pod/{pod}"), "Started"),
        vec![1.0, 6.0, 21.0, 46.0]
    );
    // Crash-loop back-off after the second and third exits, and again on each pod-worker
    // retry (every 10 s) while the back-off lasts (kuberuntime_manager.go doBackOff).
    assert_eq!(
        times(&evs, &format!("Pod/{pod}"), "BackOff"),
        vec![11.0, 26.0, 36.0]
    );
    // Sync at 47 sees 3 restarts: FailureTarget, the pod is deleted; Failed once it is gone.
    assert_eq!(times(&evs, "Job/restarts", "SuccessfulDelete"), vec![47.0]);
    assert_eq!(
        times(&evs, "Job/restarts", "BackoffLimitExceeded"),
        vec![48.0]
    );
}

/// Work-queue mode (completions unset): parallelism pods; once any succeeds, no new pods; the
/// Job completes when none is active.
#[test]
fn work_queue_mode_completes_after_first_success_and_drain() {
    let yaml = job_yaml(
        "queue",
        "  parallelism: 3\n",
        &ann(&[("duration", "10s")]),
        "Never",
    );
    let mut s = sim(&yaml);
    step_until(&mut s, 120, |_| {});
    let j = job(&s, "queue");
    assert_eq!(
        j.spec.completions, None,
        "defaults keep completions unset in work-queue mode"
    );
    assert_eq!(j.status.succeeded, 3);
    assert_eq!(j.status.finished_type(), Some("Complete"));
    assert!(ctrlscope::kubectl::get_jobs(&s.jobs(), s.now(), false).contains("3/1 of 3"));
}

/// indexed_job_utils.go: `<job>-<index>-xxxxx`, the completion-index annotation and label, the
/// lowest pending indexes first, completedIndexes as ranges.
#[test]
fn indexed_job_names_pods_by_index() {
    let yaml = job_yaml(
        "idx",
        "  completions: 5\n  parallelism: 2\n  completionMode: Indexed\n",
        &ann(&[("duration", "10s")]),
        "Never",
    );
    let out = cli(
        &[("job.yaml", &yaml)],
        &["run", "job.yaml", "--events", "jsonl"],
    );
    let evs = events(&out);
    let created: Vec<(f64, String)> = evs
        .iter()
        .filter(|e| e.reason == "SuccessfulCreate")
        .map(|e| (e.t, e.message.clone()))
        .collect();
    let prefixes: Vec<(f64, String)> = created
        .iter()
        .map(|(t, m)| {
            (
                *t,
                m.trim_start_matches("Created pod: ")
                    .rsplit_once('-')
                    .map(|x| x.0.to_string())
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        prefixes,
        vec![
            (0.0, "idx-0".into()),
            (0.0, "idx-1".into()),
            (12.0, "idx-2".into()),
            (12.0, "idx-3".into()),
            (24.0, "idx-4".into())
        ]
    );
    let mut s = sim(&yaml);
    let mut seen = false;
    step_until(&mut s, 100, |s| {
        for p in s.pods() {
            let ix = p
                .metadata
                .annotations
                .get("batch.kubernetes.io/job-completion-index")
                .expect("index annotation");
            assert_eq!(
                p.metadata
                    .labels
                    .get("batch.kubernetes.io/job-completion-index"),
                Some(ix)
            );
            assert!(p.metadata.name.starts_with(&format!("idx-{ix}-")));
            assert!(p.spec.containers[0]
                .env
                .iter()
                .any(|e| e.name == "JOB_COMPLETION_INDEX"));
            seen = true;
        }
    });
    assert!(seen);
    // Shown as stored: the API server defaults the env var's fieldRef apiVersion
    // (SetDefaults_ObjectFieldSelector).
    let pod = s.pods()[0].metadata.name.clone();
    let yaml = ctrlscope::kubectl::console::run(&mut s, &format!("get pod {pod} -o yaml")).output;
    assert!(
        yaml.contains("        fieldRef:\n          apiVersion: v1\n          fieldPath: metadata.labels['batch.kubernetes.io/job-completion-index']"),
        "{yaml}"
    );
    let j = job(&s, "idx");
    assert_eq!(j.status.completed_indexes, "0-4");
    assert_eq!(j.status.finished_type(), Some("Complete"));
}

/// activeDeadlineSeconds from status.startTime → DeadlineExceeded, active pods deleted.
#[test]
fn active_deadline_fails_the_job_and_deletes_pods() {
    let yaml = job_yaml(
        "slow",
        "  completions: 2\n  parallelism: 2\n  activeDeadlineSeconds: 45\n",
        &ann(&[("duration", "100s")]),
        "Never",
    );
    let out = cli(
        &[("job.yaml", &yaml)],
        &["run", "job.yaml", "--events", "jsonl"],
    );
    let evs = events(&out);
    assert_eq!(
        times(&evs, "Job/slow", "SuccessfulDelete"),
        vec![45.0, 45.0]
    );
    let d = evs
        .iter()
        .find(|e| e.reason == "DeadlineExceeded")
        .expect("DeadlineExceeded");
    assert_eq!(
        (d.type_.as_str(), d.message.as_str()),
        ("Warning", "Job was active longer than specified deadline")
    );
    // Pods stop 1 s after deletion; the batched sync at 46 s finds none terminating → Failed.
    assert_eq!(d.t, 46.0);
    let mut s = sim(&yaml);
    step_until(&mut s, 120, |_| {});
    let j = job(&s, "slow");
    assert_eq!(j.status.failed, 2, "deleted active pods count as failed");
    assert_eq!(
        j.status.condition("Failed").map(|c| c.reason.as_str()),
        Some("DeadlineExceeded")
    );
}

/// suspend: no pods while suspended (Suspended), resume creates them and resets startTime.
#[test]
fn suspend_and_resume() {
    let yaml = job_yaml(
        "later",
        "  completions: 2\n  parallelism: 2\n  suspend: true\n",
        &ann(&[("duration", "10s")]),
        "Never",
    );
    let resumed = yaml.replace("suspend: true", "suspend: false");
    let scenario = format!(
        "- at: 30s\n  apply: |\n{}",
        resumed
            .lines()
            .map(|l| format!("    {l}\n"))
            .collect::<String>()
    );
    let out = cli(
        &[("job.yaml", &yaml), ("s.yaml", &scenario)],
        &[
            "run",
            "job.yaml",
            "--scenario",
            "s.yaml",
            "--events",
            "jsonl",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let evs = events(&out);
    assert_eq!(times(&evs, "Job/later", "Suspended"), vec![0.0]);
    assert_eq!(times(&evs, "Job/later", "Resumed"), vec![30.0]);
    assert_eq!(
        times(&evs, "Job/later", "SuccessfulCreate"),
        vec![30.0, 30.0]
    );
    assert_eq!(times(&evs, "Job/later", "Completed"), vec![42.0]);
}

/// Suspending a running Job deletes its active pods without counting them as failures.
#[test]
fn suspending_a_running_job_deletes_pods_without_failures() {
    let yaml = job_yaml(
        "pause",
        "  completions: 2\n  parallelism: 2\n",
        &ann(&[("duration", "60s")]),
        "Never",
    );
    let suspended = yaml.replace("  completions: 2\n", "  completions: 2\n  suspend: true\n");
    let scenario = format!(
        "- at: 10s\n  apply: |\n{}",
        suspended
            .lines()
            .map(|l| format!("    {l}\n"))
            .collect::<String>()
    );
    let out = cli(
        &[("job.yaml", &yaml), ("s.yaml", &scenario)],
        &[
            "run",
            "job.yaml",
            "--scenario",
            "s.yaml",
            "--events",
            "jsonl",
            "--final-state",
            "json",
            "--until",
            "2m",
        ],
    );
    let evs = events(&out);
    assert_eq!(
        times(&evs, "Job/pause", "SuccessfulDelete"),
        vec![10.0, 10.0]
    );
    assert_eq!(times(&evs, "Job/pause", "Suspended"), vec![10.0]);
    let list = final_state(&out.stdout);
    let job = list
        .iter()
        .find(|o| o["kind"] == "Job")
        .expect("job in final state");
    assert_eq!(
        job["status"].get("failed"),
        None,
        "suspension is not failure: {job}"
    );
    assert_eq!(job["status"]["conditions"][0]["type"], "Suspended");
}

/// ttlSecondsAfterFinished: the TTL controller deletes the finished Job; its pods go with it.
#[test]
fn ttl_after_finished_deletes_job_and_pods() {
    let yaml = job_yaml(
        "short",
        "  ttlSecondsAfterFinished: 30\n",
        &ann(&[("duration", "10s")]),
        "Never",
    );
    let mut s = sim(&yaml);
    step_until(&mut s, 41, |_| {});
    assert!(
        s.cluster
            .store
            .get::<Job>("short")
            .is_some_and(|j| j.status.is_finished()),
        "finished at 12 s, kept until 42 s"
    );
    step_until(&mut s, 43, |_| {});
    assert!(
        s.cluster.store.get::<Job>("short").is_none(),
        "deleted 30 s after it finished"
    );
    assert_eq!(
        s.cluster.store.list::<Pod>().count(),
        0,
        "pods removed by the garbage collector"
    );
}

/// Lowering parallelism deletes surplus active pods (not counted as failed).
#[test]
fn lowering_parallelism_deletes_surplus_pods() {
    let yaml = job_yaml(
        "wide",
        "  completions: 4\n  parallelism: 4\n",
        &ann(&[("duration", "100s")]),
        "Never",
    );
    let narrower = yaml.replace("parallelism: 4", "parallelism: 2");
    let scenario = format!(
        "- at: 20s\n  apply: |\n{}",
        narrower
            .lines()
            .map(|l| format!("    {l}\n"))
            .collect::<String>()
    );
    let out = cli(
        &[("job.yaml", &yaml), ("s.yaml", &scenario)],
        &[
            "run",
            "job.yaml",
            "--scenario",
            "s.yaml",
            "--events",
            "jsonl",
            "--until",
            "10m",
        ],
    );
    let evs = events(&out);
    assert_eq!(
        times(&evs, "Job/wide", "SuccessfulDelete"),
        vec![20.0, 20.0]
    );
    // Two pods finish at 101 s; two more are created at 102 s.
    assert_eq!(
        times(&evs, "Job/wide", "SuccessfulCreate"),
        vec![0.0, 0.0, 0.0, 0.0, 102.0, 102.0]
    );
}

/// Exit codes per attempt across a Job's pods: "1,1,0" fails twice, then succeeds.
#[test]
fn exit_codes_per_attempt_then_success() {
    let yaml = job_yaml(
        "third",
        "",
        &ann(&[("duration", "5s"), ("exit-codes", "1,1,0")]),
        "Never",
    );
    let mut s = sim(&yaml);
    step_until(&mut s, 300, |_| {});
    let j = job(&s, "third");
    assert_eq!((j.status.failed, j.status.succeeded), (2, 1));
    assert_eq!(j.status.finished_type(), Some("Complete"));
}

/// Pods carry the job labels and a controller ownerReference to the batch/v1 Job (the lecture's
/// `ownerReferences` slide); the pod name is `<job>-` + 5 characters.
#[test]
fn pods_have_owner_references_and_job_labels() {
    let yaml = job_yaml("pi", "", &ann(&[("duration", "10s")]), "Never");
    let out = cli(
        &[("job.yaml", &yaml)],
        &["run", "job.yaml", "--until", "5s", "--final-state", "json"],
    );
    let list = final_state(&out.stdout);
    let job = list.iter().find(|o| o["kind"] == "Job").expect("job");
    let uid = job["metadata"]["uid"].as_str().unwrap_or_default();
    let pod = list.iter().find(|o| o["kind"] == "Pod").expect("pod");
    let name = pod["metadata"]["name"].as_str().unwrap_or_default();
    assert!(name.starts_with("pi-") && name.len() == 8, "{name}");
    let owner = &pod["metadata"]["ownerReferences"][0];
    assert_eq!(owner["apiVersion"], "batch/v1");
    assert_eq!(owner["kind"], "Job");
    assert_eq!(owner["name"], "pi");
    assert_eq!(owner["uid"], uid);
    assert_eq!(owner["controller"], true);
    assert_eq!(owner["blockOwnerDeletion"], true);
    for (k, v) in [
        ("batch.kubernetes.io/job-name", "pi"),
        ("job-name", "pi"),
        ("batch.kubernetes.io/controller-uid", uid),
        ("controller-uid", uid),
    ] {
        assert_eq!(pod["metadata"]["labels"][k], v, "label {k}");
    }
    assert_eq!(
        job["spec"]["selector"]["matchLabels"]["batch.kubernetes.io/controller-uid"],
        uid
    );
    assert_eq!(
        pod["spec"]["nodeName"]
            .as_str()
            .map(|n| n.starts_with("worker-")),
        Some(true),
        "never on the tainted control plane"
    );
    assert_eq!(pod["status"]["phase"], "Running");
    assert!(pod["status"]["startTime"].is_string());
}

/// A failPod action: the running container exits 1; under Never the pod fails and a
/// replacement follows after the 10 s back-off.
#[test]
fn fail_pod_action_triggers_replacement_after_backoff() {
    let yaml = job_yaml("victim", "", &ann(&[("duration", "60s")]), "Never");
    let out = cli(
        &[
            ("j.yaml", &yaml),
            ("s.yaml", "- at: 15s\n  failPod: job-name=victim\n"),
        ],
        &["run", "j.yaml", "--scenario", "s.yaml", "--events", "jsonl"],
    );
    let evs = events(&out);
    assert_eq!(
        times(&evs, "Job/victim", "SuccessfulCreate"),
        vec![0.0, 25.0]
    );
    assert_eq!(times(&evs, "Job/victim", "Completed"), vec![25.0 + 62.0]);
}

/// Removing a node: the pod GC fails and removes its pods; the Job counts the failure and
/// replaces the pod.
#[test]
fn node_removal_fails_its_pods_and_the_job_replaces_them() {
    let yaml = job_yaml("moved", "", &ann(&[("duration", "60s")]), "Never");
    let mut s = sim(&yaml);
    step_until(&mut s, 5, |_| {});
    let node = s.pods()[0].spec.node_name.clone();
    s.perform(&ctrlscope::sim::scenario::Action::RemoveNode(node.clone()))
        .expect("remove node");
    step_until(&mut s, 200, |_| {});
    let j = job(&s, "moved");
    assert_eq!((j.status.failed, j.status.succeeded), (1, 1));
    assert!(s.pods().iter().all(|p| p.spec.node_name != node));
}

/// Same YAML + seed ⇒ byte-identical output; another seed changes pod names only.
#[test]
fn runs_are_deterministic() {
    let yaml = job_yaml(
        "paral",
        "  completions: 8\n  parallelism: 2\n",
        &ann(&[("duration", "30s"), ("exit-codes", "1,0")]),
        "Never",
    );
    let files = [
        ("job.yaml", yaml.as_str()),
        (
            "s.yaml",
            "- at: 40s\n  failPod: job-name=paral\n- at: 70s\n  removeNode: worker-2\n",
        ),
    ];
    let args = [
        "run",
        "job.yaml",
        "--scenario",
        "s.yaml",
        "--events",
        "jsonl",
        "--final-state",
        "json",
        "--seed",
        "7",
    ];
    let a = cli(&files, &args);
    let b = cli(&files, &args);
    assert_eq!(a.stdout, b.stdout);
    assert!(!a.stdout.is_empty());
    let mut other = args;
    other[9] = "8";
    let c = cli(&files, &other);
    assert_ne!(a.stdout, c.stdout);
    // The seed also breaks the scheduler's ties, so which node runs a pod (and so whether an
    // image is pulled there) moves with it; the controllers' timeline does not.
    let reasons = |o: &ctrlscope::cli::Output| {
        events(o)
            .into_iter()
            .filter(|e| e.reason != "Pulling" && e.reason != "Pulled")
            .map(|e| (e.t, e.reason))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        reasons(&a),
        reasons(&c),
        "the seed changes names and nodes, not the timeline"
    );
}

/// The documented JSON line shape.
#[test]
fn events_jsonl_shape() {
    let yaml = job_yaml("pi", "", &ann(&[("duration", "10s")]), "Never");
    let out = cli(
        &[("job.yaml", &yaml)],
        &["run", "job.yaml", "--events", "jsonl"],
    );
    let first = out.stdout.lines().next().unwrap_or_default();
    assert!(first.starts_with(r#"{"t": 0.0, "type": "Normal", "reason": "SuccessfulCreate", "object": "Job/pi", "message": "Created pod: pi-"#), "{first}");
}

fn final_state(stdout: &str) -> Vec<serde_json::Value> {
    let start = stdout.find("{\n").expect("a JSON document");
    let v: serde_json::Value = serde_json::from_str(&stdout[start..]).expect("valid JSON");
    assert_eq!(v["apiVersion"], "v1");
    assert_eq!(v["kind"], "List");
    v["items"].as_array().cloned().unwrap_or_default()
}

/// ValidateJobSpecUpdate: a scenario `apply` that changes a Job's pod template is refused like
/// `kubectl apply` is (`field is immutable`), and the running Job carries on unchanged.
#[test]
fn changing_a_job_template_is_refused() {
    let yaml = job_yaml("fixed", "", &ann(&[("duration", "30s")]), "Never");
    let changed = yaml.replace("busybox:1.36", "busybox:1.37");
    let scenario = format!(
        "- at: 10s\n  apply: |\n{}",
        changed
            .lines()
            .map(|l| format!("    {l}\n"))
            .collect::<String>()
    );
    let out = cli(
        &[("job.yaml", &yaml), ("s.yaml", &scenario)],
        &[
            "run",
            "job.yaml",
            "--scenario",
            "s.yaml",
            "--events",
            "jsonl",
        ],
    );
    // Refused, as kubectl apply would be (exit 1); the run goes on with the old template.
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("t=10s: The Job \"fixed\" is invalid: spec.template: Invalid value: ")
            && out.stderr.contains("field is immutable"),
        "{}",
        out.stderr
    );
    assert_eq!(times(&events(&out), "Job/fixed", "Completed"), vec![32.0]);
}

fn pod_named<'a>(s: &'a ctrlscope::sim::Simulation, name: &str) -> &'a Pod {
    s.cluster.store.get::<Pod>(name).expect("pod exists")
}

/// A running pod's delete: deletionTimestamp = now + grace and deletionGracePeriodSeconds = grace
/// (staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go `BeforeDelete`), the grace being the
/// spec's terminationGracePeriodSeconds, defaulted to 30 (pkg/registry/core/pod/strategy.go
/// `CheckGracefulDelete`).
#[test]
fn deleting_a_running_pod_sets_deletion_timestamp_after_its_grace_period() {
    for (extra, grace) in [("", 30), ("      terminationGracePeriodSeconds: 5\n", 5)] {
        let yaml = job_yaml("graceful", "", &ann(&[("duration", "60s")]), "Never").replace(
            "      restartPolicy:",
            &format!("{extra}      restartPolicy:"),
        );
        let mut s = sim(&yaml);
        step_until(&mut s, 5, |_| {});
        let name = s.pods()[0].metadata.name.clone();
        assert_eq!(pod_named(&s, &name).status.phase, "Running");
        let now = s.now();
        s.cluster.delete_pod(&name).expect("delete");
        let m = &pod_named(&s, &name).metadata;
        assert_eq!(m.deletion_timestamp, Some(now + Duration::from_secs(grace)));
        assert_eq!(m.deletion_grace_period_seconds, Some(grace));
        // A second delete leaves a pending deletion as it is.
        s.cluster.delete_pod(&name).expect("delete again");
        let m = &pod_named(&s, &name).metadata;
        assert_eq!(m.deletion_timestamp, Some(now + Duration::from_secs(grace)));
    }
}

/// `CheckGracefulDelete` (pkg/registry/core/pod/strategy.go): an unscheduled pod is deleted
/// with grace 0, so deletionTimestamp = now. The Job's tracking finalizer keeps it visible.
#[test]
fn deleting_an_unscheduled_pod_uses_grace_zero() {
    let yaml = job_yaml("nowhere", "", &ann(&[("duration", "60s")]), "Never").replace(
        "      restartPolicy:",
        "      nodeSelector:\n        no-such: node\n      restartPolicy:",
    );
    let mut s = sim(&yaml);
    step_until(&mut s, 5, |_| {});
    let name = s.pods()[0].metadata.name.clone();
    assert!(pod_named(&s, &name).spec.node_name.is_empty());
    let now = s.now();
    s.cluster.delete_pod(&name).expect("delete");
    let m = &pod_named(&s, &name).metadata;
    assert_eq!(m.deletion_timestamp, Some(now));
    assert_eq!(m.deletion_grace_period_seconds, Some(0));
}

/// `CheckGracefulDelete` (pkg/registry/core/pod/strategy.go): a Succeeded (or Failed) pod is
/// deleted with grace 0, though its spec asks for 30 s.
#[test]
fn deleting_a_succeeded_pod_uses_grace_zero() {
    let yaml = job_yaml("done", "", &ann(&[("duration", "5s")]), "Never");
    let mut s = sim(&yaml);
    step_until(&mut s, 30, |_| {});
    let name = s.pods()[0].metadata.name.clone();
    assert_eq!(pod_named(&s, &name).status.phase, "Succeeded");
    assert_eq!(
        pod_named(&s, &name).spec.termination_grace_period_seconds,
        Some(30)
    );
    // A finalizer of our own keeps the deleted pod in the store to be looked at.
    s.cluster
        .store
        .modify::<Pod>(&name, |p| p.metadata.finalizers.push("test/hold".into()))
        .expect("add finalizer");
    let now = s.now();
    s.cluster.delete_pod(&name).expect("delete");
    let m = &pod_named(&s, &name).metadata;
    assert_eq!(m.deletion_timestamp, Some(now));
    assert_eq!(m.deletion_grace_period_seconds, Some(0));
}

/// The history of a Job's removed pods keeps how each ended: a succeeded pod deleted later
/// is still a success at its finish time; a running pod deleted is a deletion at the delete.
#[test]
fn removed_pods_keep_how_they_ended() {
    use ctrlscope::controllers::job::PodEnding;
    let yaml = job_yaml(
        "paral",
        "  completions: 4\n  parallelism: 2\n",
        &ann(&[("duration", "30s")]),
        "Never",
    );
    let mut s = sim(&yaml);
    // The page's cluster (it keeps the ended pods for the wave captions).
    s.cluster.record_loop = true;
    // The first two pods have succeeded (31 s), the next two run.
    step_until(&mut s, 40, |_| {});
    let named = |phase: &str| {
        s.pods()
            .iter()
            .find(|p| p.status.phase == phase)
            .map(|p| p.metadata.name.clone())
            .expect(phase)
    };
    let (done, running) = (named("Succeeded"), named("Running"));
    let deleted_at = s.now();
    s.cluster.delete_pod(&done).expect("delete");
    s.cluster.delete_pod(&running).expect("delete");
    step_until(&mut s, 100, |_| {});
    let uid = job(&s, "paral").metadata.uid.clone();
    let ended = |n: &str| {
        s.cluster
            .ended_pods
            .iter()
            .find(|e| e.name == n && e.job_uid == uid)
            .map(|e| e.ending)
    };
    let (at, how) = ended(&done).flatten().expect("the succeeded pod's end");
    assert_eq!(how, PodEnding::Succeeded);
    assert!(at < deleted_at, "finished before it was deleted");
    assert_eq!(
        ended(&running).flatten(),
        Some((deleted_at, PodEnding::Deleted))
    );
}

/// `ctrlscope run --kubectl '[AT:] COMMAND'`: console commands at their virtual times, a
/// `get -w` printing each change until the next command, `wait` ending on its own.
#[test]
fn cli_kubectl_commands_run_at_their_times_and_follow() {
    let yaml = include_str!("../examples/parallel-job.yaml");
    let out = cli(
        &[("job.yaml", yaml)],
        &[
            "run",
            "job.yaml",
            "--until",
            "3m",
            "--kubectl",
            "get jobs -w --output-watch-events",
            "--kubectl",
            "70s: wait --for=condition=Complete job/paral-1 --timeout=2m",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "# t=0s (2026-01-01T00:00:00Z) kubectl get jobs -w --output-watch-events"
    );
    assert!(
        lines[1].starts_with("EVENT   NAME      STATUS    COMPLETIONS"),
        "{}",
        out.stdout
    );
    assert!(
        lines[2].starts_with("ADDED   paral-1   Running   0/8"),
        "{}",
        out.stdout
    );
    // The watch shows the first two waves, then the wait takes over the terminal at 70s and
    // ends when the Job completes (4 waves of 32 s: 2m8s).
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("MODIFIED   paral-1   Running   4/8")),
        "{}",
        out.stdout
    );
    assert!(
        !lines.iter().any(|l| l.contains("6/8")),
        "the watch ended at 70s:\n{}",
        out.stdout
    );
    let at = lines
        .iter()
        .position(|l| l.starts_with("# t=70s (2026-01-01T00:01:10Z) kubectl wait"))
        .expect("the wait's header");
    assert_eq!(&lines[at + 1..], ["job.batch/paral-1 condition met"]);
    // A command's time must parse, or the whole text is the command.
    let out = cli(
        &[("job.yaml", yaml)],
        &[
            "run",
            "job.yaml",
            "--until",
            "1s",
            "--kubectl",
            "get pods -o custom-columns=NAME:.metadata.name",
        ],
    );
    assert!(out.stdout.starts_with("# t=0s (2026-01-01T00:00:00Z) kubectl get pods -o custom-columns=NAME:.metadata.name\n"), "{}", out.stdout);
    let out = cli(
        &[("job.yaml", yaml)],
        &["run", "job.yaml", "--kubectl", "1m:"],
    );
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (2, "--kubectl needs a command, e.g. --kubectl 'get pods -w'")
    );
}

/// The Kubernetes docs' FailJob example (job-pod-failure-policy-failjob.yaml): `exit 42` of
/// container `main` matches the rule, so the Job fails on the first failure instead of
/// retrying up to backoffLimit 6 (pod_failure_policy.go `matchPodFailurePolicy`, syncJob's
/// `getFailJobMessage` before the backoffLimit check).
#[test]
fn pod_failure_policy_fail_job_ends_the_job_at_the_first_match() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: job-pod-failure-policy-failjob\nspec:\n  completions: 8\n  parallelism: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: docker.io/library/bash:5\n        command: [\"bash\"]\n        args:\n        - -c\n        - echo \"Hello world! I'm going to exit with 42 to simulate a software bug.\" && sleep 30 && exit 42\n  backoffLimit: 6\n  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes:\n        containerName: main\n        operator: In\n        values: [42]\n";
    let out = cli(
        &[("job.yaml", yaml)],
        &["run", "job.yaml", "--events", "jsonl", "--until", "5m"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let evs = events(&out);
    let job_ref = "Job/job-pod-failure-policy-failjob";
    assert_eq!(times(&evs, job_ref, "SuccessfulCreate"), vec![0.0, 0.0]);
    // Both pods exit at 31 s; the batched sync at 32 s fails the Job.
    let failed: Vec<_> = evs
        .iter()
        .filter(|e| e.reason == "PodFailurePolicy")
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!((failed[0].t, failed[0].type_.as_str()), (32.0, "Warning"));
    assert!(
        failed[0]
            .message
            .starts_with("Container main for pod default/job-pod-failure-policy-failjob-")
            && failed[0]
                .message
                .ends_with(" failed with exit code 42 matching FailJob rule at index 0"),
        "{}",
        failed[0].message
    );
    assert!(times(&evs, job_ref, "BackoffLimitExceeded").is_empty());
    let mut s = sim(yaml);
    step_until(&mut s, 300, |_| {});
    let j = job(&s, "job-pod-failure-policy-failjob");
    assert_eq!((j.status.failed, j.status.succeeded), (2, 0));
    let target = j
        .status
        .condition("FailureTarget")
        .expect("FailureTarget first");
    assert_eq!(target.reason, "PodFailurePolicy");
    assert_eq!(j.status.finished_type(), Some("Failed"));
}

/// The docs' Ignore example (job-pod-failure-policy-ignore.yaml): a pod disrupted by its node
/// going away (the pod GC marks it DisruptionTarget, then Failed) is replaced and not counted;
/// another failure counts.
#[test]
fn pod_failure_policy_ignore_does_not_count_disruptions() {
    use ctrlscope::sim::scenario::Action;
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ignore\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n        command: [\"sh\", \"-c\", \"sleep 90\"]\n  podFailurePolicy:\n    rules:\n    - action: Ignore\n      onPodConditions:\n      - type: DisruptionTarget\n";
    let mut s = sim(yaml);
    step_until(&mut s, 10, |_| {});
    let pods = s.pods();
    let first = pods.first().expect("a pod");
    let node = first.spec.node_name.clone();
    let name = first.metadata.name.clone();
    s.perform(&Action::RemoveNode(node)).expect("node removed");
    // The pod GC collects the pod once the node has been gone 40 s (on its 20 s ticks): 60 s.
    step_until(&mut s, 59, |_| {});
    assert_eq!(
        s.pods().len(),
        1,
        "the pod stays while the node is in quarantine"
    );
    step_until(&mut s, 75, |_| {});
    let j = job(&s, "ignore");
    // backoffLimit 0 would have failed the Job at its first counted failure.
    assert_eq!((j.status.failed, j.status.active), (0, 1), "{:?}", j.status);
    assert_eq!(j.status.finished_type(), None);
    let replacement = s.pods().into_iter().find(|p| p.metadata.name != name);
    assert!(replacement.is_some(), "the disrupted pod is replaced");
    // A plain failure (no DisruptionTarget) counts: backoffLimit 0 fails the Job.
    let running = replacement
        .map(|p| p.metadata.name.clone())
        .unwrap_or_default();
    s.perform(&Action::FailPod(running)).expect("pod failed");
    step_until(&mut s, 120, |_| {});
    let j = job(&s, "ignore");
    assert_eq!(j.status.failed, 1);
    assert_eq!(j.status.finished_type(), Some("Failed"));
}

/// A NoExecute taint's eviction (tainteviction/taint_eviction.go addConditionAndDeletePod) marks
/// the pod DisruptionTarget (DeletionByTaintManager) before deleting it: an Ignore rule on that
/// condition leaves the failure uncounted.
#[test]
fn pod_failure_policy_ignores_a_taint_eviction() {
    use ctrlscope::api::Taint;
    use ctrlscope::sim::scenario::Action;
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ignore\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n        command: [\"sh\", \"-c\", \"sleep 90\"]\n  podFailurePolicy:\n    rules:\n    - action: Ignore\n      onPodConditions:\n      - type: DisruptionTarget\n";
    let mut s = sim(yaml);
    step_until(&mut s, 10, |_| {});
    let first: Pod = s.pods()[0].clone();
    let taint = Taint {
        key: "dedicated".into(),
        value: "x".into(),
        effect: "NoExecute".into(),
        time_added: None,
    };
    s.perform(&Action::TaintNode {
        name: first.spec.node_name.clone(),
        taint,
    })
    .expect("tainted");
    let evicted = s
        .cluster
        .store
        .get::<Pod>(&first.metadata.name)
        .expect("terminating");
    let c = evicted
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == "DisruptionTarget")
        .expect("DisruptionTarget");
    assert_eq!(
        (c.status.as_str(), c.reason.as_str(), c.message.as_str()),
        (
            "True",
            "DeletionByTaintManager",
            "Taint manager: deleting due to NoExecute taint"
        )
    );
    // Its shell ignores SIGTERM: it is killed when the 30 s grace period is over (t = 40 s);
    // only then, Failed, is it replaced (podReplacementPolicy Failed), after the 10 s pod
    // back-off (an ignored failure still counts there).
    step_until(&mut s, 30, |_| {});
    let j = job(&s, "ignore");
    assert_eq!(
        (j.status.active, j.status.terminating),
        (0, Some(1)),
        "{:?}",
        j.status
    );
    step_until(&mut s, 55, |_| {});
    let j = job(&s, "ignore");
    assert_eq!((j.status.failed, j.status.active), (0, 1), "{:?}", j.status);
    assert_eq!(j.status.finished_type(), None);
}

/// With a podFailurePolicy, a deleted pod is a failure only once it is Failed
/// (`onlyReplaceFailedPods`), so the rules see how its container ended: its shell (PID 1) ignores
/// SIGTERM, so the kubelet kills it at the end of the 30 s grace period, exit code 137, which
/// matches a rule on 137 and fails the Job. (The docs' reason to pair such rules with an Ignore
/// rule on DisruptionTarget.) Without a policy the deleted pod simply counts.
#[test]
fn pod_failure_policy_sees_the_exit_code_of_a_deleted_pod() {
    use ctrlscope::sim::scenario::Action;
    let base = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: del\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n        command: [\"sh\", \"-c\", \"sleep 60\"]\n";
    let with_policy = format!("{base}  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes: {{operator: In, values: [137]}}\n");
    let mut outcomes = Vec::new();
    for yaml in [base.to_string(), with_policy] {
        let mut s = sim(&yaml);
        step_until(&mut s, 10, |_| {});
        let pod = s
            .pods()
            .first()
            .map(|p| p.metadata.name.clone())
            .unwrap_or_default();
        s.perform(&Action::DeletePod(pod.clone())).expect("deleted");
        step_until(&mut s, 60, |_| {});
        let j = job(&s, "del");
        let message = j
            .status
            .condition("Failed")
            .map(|c| c.message.replace(&pod, "POD"));
        outcomes.push((
            j.status.failed,
            j.status.finished_type().map(str::to_string),
            message,
        ));
    }
    assert_eq!(
        outcomes,
        vec![
            (1, None, None),
            (
                1,
                Some("Failed".to_string()),
                Some("Container main for pod default/POD failed with exit code 137 matching FailJob rule at index 0".into())
            ),
        ]
    );
}

/// successPolicy (success_policy.go `matchSuccessPolicy`): an Indexed Job succeeds once indexes
/// 0 and 1 have, although index 2 still runs (its container was restarted); that pod is deleted,
/// not counted as failed, and Complete waits until it is gone (SuccessCriteriaMet first).
#[test]
fn success_policy_completes_the_job_early_and_deletes_the_rest() {
    use ctrlscope::sim::scenario::Action;
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: leader\nspec:\n  completions: 3\n  parallelism: 3\n  completionMode: Indexed\n  successPolicy:\n    rules:\n    - succeededIndexes: \"0-1\"\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n      - name: main\n        image: busybox\n        command: [\"sh\", \"-c\", \"sleep 10\"]\n";
    let mut s = sim(yaml);
    step_until(&mut s, 5, |_| {});
    let worker = s
        .pods()
        .iter()
        .find(|p| p.metadata.name.starts_with("leader-2-"))
        .map(|p| p.metadata.name.clone())
        .expect("index 2");
    s.perform(&Action::FailPod(worker.clone())).expect("failed");
    let mut met_while_terminating = false;
    step_until(&mut s, 60, |s| {
        let j = job(s, "leader");
        if j.status.condition("SuccessCriteriaMet").is_some()
            && j.status.condition("Complete").is_none()
        {
            met_while_terminating |= j.status.terminating.unwrap_or(0) > 0;
        }
    });
    let j = job(&s, "leader");
    let complete = j.status.condition("Complete").expect("Complete");
    assert_eq!(
        (complete.reason.as_str(), complete.message.as_str()),
        ("SuccessPolicy", "Matched rules at index 0")
    );
    assert_eq!((j.status.succeeded, j.status.failed), (2, 0));
    assert_eq!(j.status.completed_indexes, "0,1");
    assert!(met_while_terminating, "Complete waits for the deleted pod");
    assert!(
        s.pods().iter().all(|p| p.metadata.name != worker),
        "index 2 deleted"
    );
    assert!(j.status.completion_time.is_some());
}

/// backoffLimitPerIndex (indexed_job_utils.go, job_controller.go): each index retries on its own
/// after its own back-off (10 s after the failure), its pods carry
/// `batch.kubernetes.io/job-index-failure-count`, a failed index is not retried, and once every
/// index has succeeded or failed the Job fails with FailedIndexes; maxFailedIndexes stops it
/// sooner with MaxFailedIndexesExceeded.
#[test]
fn backoff_limit_per_index_fails_indexes_on_their_own() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: per-index\nspec:\n  completions: 4\n  parallelism: 2\n  completionMode: Indexed\n  backoffLimitPerIndex: 1\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n        command: [\"sh\", \"-c\", \"sleep 5; exit 1\"]\n";
    let out = cli(
        &[("job.yaml", yaml)],
        &["run", "job.yaml", "--events", "jsonl", "--until", "3m"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let evs = events(&out);
    // Indexes 0 and 1 fail at 6 s and retry at 16 s; failed twice, they are done at 23 s and
    // indexes 2 and 3 start.
    assert_eq!(
        times(&evs, "Job/per-index", "SuccessfulCreate"),
        vec![0.0, 0.0, 16.0, 16.0, 23.0, 23.0, 39.0, 39.0]
    );
    assert_eq!(times(&evs, "Job/per-index", "FailedIndexes"), vec![46.0]);
    let mut s = sim(yaml);
    step_until(&mut s, 180, |_| {});
    let j = job(&s, "per-index");
    assert_eq!(
        j.spec.backoff_limit,
        Some(i32::MAX),
        "defaulted with backoffLimitPerIndex"
    );
    assert_eq!(j.status.failed_indexes.as_deref(), Some("0-3"));
    assert_eq!((j.status.failed, j.status.succeeded), (8, 0));
    assert_eq!(
        j.status.condition("Failed").map(|c| c.reason.as_str()),
        Some("FailedIndexes")
    );
    let mut counts: Vec<(i32, String)> = s
        .pods()
        .iter()
        .map(|p| {
            let ix = ctrlscope::controllers::job::completion_index(p).unwrap_or(-1);
            let n = p
                .metadata
                .annotations
                .get("batch.kubernetes.io/job-index-failure-count");
            (ix, n.cloned().unwrap_or_default())
        })
        .collect();
    counts.sort();
    let want: Vec<(i32, String)> = (0..4)
        .flat_map(|ix| [(ix, "0".to_string()), (ix, "1".to_string())])
        .collect();
    assert_eq!(counts, want);
    // maxFailedIndexes 1: the second failed index ends the Job.
    let capped = yaml.replace(
        "  backoffLimitPerIndex: 1\n",
        "  backoffLimitPerIndex: 1\n  maxFailedIndexes: 1\n",
    );
    let mut s = sim(&capped);
    step_until(&mut s, 180, |_| {});
    let j = job(&s, "per-index");
    assert_eq!(
        j.status
            .condition("Failed")
            .map(|c| (c.reason.as_str(), c.message.as_str())),
        Some((
            "MaxFailedIndexesExceeded",
            "Job has exceeded the specified maximal number of failed indexes"
        ))
    );
    assert_eq!(j.status.failed_indexes.as_deref(), Some("0,1"));
}

/// A FailIndex rule (pod_failure_policy.go) fails the index at its first matching failure,
/// whatever backoffLimitPerIndex allows; the other indexes go on.
#[test]
fn fail_index_rule_fails_the_index_at_once() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: fi\nspec:\n  completions: 2\n  parallelism: 2\n  completionMode: Indexed\n  backoffLimitPerIndex: 3\n  podFailurePolicy:\n    rules:\n    - action: FailIndex\n      onExitCodes: {operator: In, values: [42]}\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n        command: [\"sh\", \"-c\", \"sleep 5; exit 42\"]\n";
    let mut s = sim(yaml);
    step_until(&mut s, 120, |_| {});
    let j = job(&s, "fi");
    assert_eq!(j.status.failed_indexes.as_deref(), Some("0,1"));
    assert_eq!(j.status.failed, 2, "no retries");
    assert_eq!(
        j.status.condition("Failed").map(|c| c.reason.as_str()),
        Some("FailedIndexes")
    );
}

/// `spec.managedBy` naming another controller (e.g. Kueue's MultiKueue): the built-in Job
/// controller does not sync the Job at all (job_controller.go `managedByExternalController`).
#[test]
fn a_job_managed_by_another_controller_is_left_alone() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: elsewhere\nspec:\n  managedBy: kueue.x-k8s.io/multikueue\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n";
    let mut s = sim(yaml);
    step_until(&mut s, 60, |_| {});
    assert!(s.pods().is_empty());
    let j = job(&s, "elsewhere");
    assert_eq!((j.status.active, j.status.start_time), (0, None));
    let own = yaml.replace("kueue.x-k8s.io/multikueue", "kubernetes.io/job-controller");
    let mut s = sim(&own);
    step_until(&mut s, 60, |_| {});
    assert_eq!(
        job(&s, "elsewhere").status.finished_type(),
        Some("Complete")
    );
}

/// A script that fails by its index (`$JOB_COMPLETION_INDEX`, which an Indexed Job's pods get):
/// with backoffLimitPerIndex only index 1 is retried and then given up; 0 and 2 succeed, and
/// the Job ends Failed with FailedIndexes once every index is done.
#[test]
fn a_script_can_fail_by_its_completion_index() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: by-index\nspec:\n  completions: 3\n  parallelism: 3\n  completionMode: Indexed\n  backoffLimitPerIndex: 1\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n        command: [\"sh\", \"-c\", \"sleep 5; if [ \\\"$JOB_COMPLETION_INDEX\\\" = 1 ]; then echo bad index; exit 1; fi; echo done\"]\n";
    let mut s = sim(yaml);
    step_until(&mut s, 120, |_| {});
    let j = job(&s, "by-index");
    assert_eq!(j.status.completed_indexes, "0,2");
    assert_eq!(j.status.failed_indexes.as_deref(), Some("1"));
    assert_eq!((j.status.succeeded, j.status.failed), (2, 2));
    assert_eq!(
        j.status.condition("Failed").map(|c| c.reason.as_str()),
        Some("FailedIndexes")
    );
    // The log follows the same branch.
    let logs: Vec<String> = s
        .pods()
        .iter()
        .map(|p| ctrlscope::sim::logs::container_logs(p, s.now()).unwrap_or_default())
        .collect();
    assert_eq!(
        logs.iter().filter(|l| l.as_str() == "bad index\n").count(),
        2
    );
    assert_eq!(logs.iter().filter(|l| l.as_str() == "done\n").count(), 2);
}

/// The reviewer's Indexed Job: `elif` (POSIX 2.9.4.4) picks index 1's `exit 42`, a variable
/// the script sets (2.9.1) decides index 2's code, and what goes to a file (2.7) is not logged.
#[test]
fn elif_assignments_and_redirections_decide_each_index() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: el\nspec:\n  completions: 3\n  parallelism: 3\n  completionMode: Indexed\n  backoffLimitPerIndex: 0\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n        command: [\"sh\", \"-c\", \"echo saved > /tmp/out; C=0; if [ \\\"$JOB_COMPLETION_INDEX\\\" = 0 ]; then echo zero; exit 1; elif [ \\\"$JOB_COMPLETION_INDEX\\\" = 1 ]; then echo one; exit 42; else echo index $JOB_COMPLETION_INDEX; fi; exit $C\"]\n";
    let mut s = sim(yaml);
    step_until(&mut s, 60, |_| {});
    let j = job(&s, "el");
    assert_eq!(j.status.completed_indexes, "2");
    assert_eq!(j.status.failed_indexes.as_deref(), Some("0,1"));
    let mut ends: Vec<(String, i32, String)> = s
        .pods()
        .iter()
        .map(|p| {
            let ix = p.metadata.annotations["batch.kubernetes.io/job-completion-index"].clone();
            let code = p.status.container_statuses[0]
                .state
                .terminated
                .as_ref()
                .map_or(-1, |t| t.exit_code);
            let log = ctrlscope::sim::logs::container_logs(p, s.now()).unwrap_or_default();
            (ix, code, log)
        })
        .collect();
    ends.sort();
    assert_eq!(
        ends,
        [
            ("0".to_string(), 1, "zero\n".to_string()),
            ("1".into(), 42, "one\n".into()),
            ("2".into(), 0, "index 2\n".into())
        ]
    );
}

/// The page performs a click at once, while the work the previous click set off at the same
/// instant may still be pending; a replay (reload, share link, scrubbing back) runs up to each
/// action first. Both must end the same: remove worker-1 and add a node of that name at 2 s.
#[test]
fn actions_at_one_instant_end_the_same_live_and_replayed() {
    use ctrlscope::sim::scenario::Action;
    use std::collections::BTreeMap;
    let yaml = include_str!("../examples/parallel-job.yaml");
    let at = |s: &ctrlscope::sim::Simulation| s.cluster.start + Duration::from_secs(2);
    let remove = Action::RemoveNode("worker-1".into());
    let add = Action::AddNode {
        name: "worker-1".into(),
        labels: BTreeMap::new(),
        taints: Vec::new(),
    };
    let outcome = |s: &ctrlscope::sim::Simulation| {
        let j = job(s, "paral-1");
        let pods: Vec<String> = s
            .cluster
            .store
            .list::<Pod>()
            .map(|p| {
                format!(
                    "{} {} {}",
                    p.metadata.name, p.spec.node_name, p.status.phase
                )
            })
            .collect();
        (j.status.succeeded, j.status.failed, pods)
    };
    // Live: the second click comes before anything ran.
    let mut live = sim(yaml);
    let t = at(&live);
    live.run_until(t);
    live.perform(&remove).expect("remove");
    live.perform(&add).expect("add");
    live.run_until(t + Duration::from_secs(300));
    // Replay.
    let mut replay = sim(yaml);
    replay.run_until(t);
    replay.perform(&remove).expect("remove");
    replay.run_until(t);
    replay.perform(&add).expect("add");
    replay.run_until(t + Duration::from_secs(300));
    assert_eq!(outcome(&live), outcome(&replay));
    assert_eq!(job(&live, "paral-1").status.succeeded, 8);
}

/// `kubectl apply` of the same manifest again is `unchanged`: the labels SetDefaults_Job copied
/// from the template are the server's, not removed by a manifest that never set any.
#[test]
fn applying_the_same_job_again_is_unchanged() {
    let yaml = include_str!("../examples/pi-job.yaml");
    let mut s = sim(yaml);
    let objs = ctrlscope::manifest::parse_manifests(yaml).expect("valid");
    for o in objs {
        assert!(!s.apply_changes(&o));
        assert_eq!(s.apply(o).expect("apply"), "job.batch/pi unchanged");
    }
    let changed = yaml.replace("backoffLimit: 4", "backoffLimit: 5");
    let objs = ctrlscope::manifest::parse_manifests(&changed).expect("valid");
    assert!(s.apply_changes(&objs[0]));
    assert_eq!(
        s.apply(objs[0].clone()).expect("apply"),
        "job.batch/pi configured"
    );
}

/// apiserver generate.go: a generated name's prefix is cut to 58 characters, so pod names stay
/// within 63; an Indexed Job keeps its `-INDEX-` (indexed_job_utils.go podGenerateNameWithIndex).
#[test]
fn generated_pod_names_never_pass_63_characters() {
    let long = "a".repeat(63);
    let mut s = sim(&job_yaml(&long, "", &ann(&[]), "Never"));
    s.run_until(s.cluster.start + Duration::from_secs(2));
    let pod = s.cluster.store.list::<Pod>().next().expect("a pod");
    assert_eq!(pod.metadata.name.len(), 63, "{}", pod.metadata.name);
    assert!(pod.metadata.name.starts_with(&"a".repeat(58)));
    let name = "b".repeat(58);
    let mut s = sim(&job_yaml(
        &name,
        "  completionMode: Indexed\n  completions: 12\n  parallelism: 12\n",
        &ann(&[]),
        "Never",
    ));
    s.run_until(s.cluster.start + Duration::from_secs(2));
    for p in s.cluster.store.list::<Pod>() {
        let n = &p.metadata.name;
        assert!(n.len() <= 63, "{n}");
        let ix = &p.metadata.annotations["batch.kubernetes.io/job-completion-index"];
        assert!(n[..n.len() - 5].ends_with(&format!("-{ix}-")), "{n}");
    }
}

/// indexed_job_utils.go addCompletionIndexEnvVariables: init containers get the variable too,
/// and a container that sets it keeps its own.
#[test]
fn completion_index_variable_is_added_once() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ix\nspec:\n  completionMode: Indexed\n  completions: 1\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - name: init\n        image: busybox:1.36\n      containers:\n      - name: own\n        image: busybox:1.36\n        env:\n        - name: JOB_COMPLETION_INDEX\n          value: \"x\"\n";
    let mut s = sim(yaml);
    s.run_until(s.cluster.start + Duration::from_secs(1));
    let pod = s.cluster.store.list::<Pod>().next().expect("a pod");
    let count = |c: &ctrlscope::api::Container| {
        c.env
            .iter()
            .filter(|e| e.name == "JOB_COMPLETION_INDEX")
            .count()
    };
    assert_eq!(count(&pod.spec.init_containers[0]), 1);
    assert_eq!(count(&pod.spec.containers[0]), 1);
    assert_eq!(pod.spec.containers[0].env[0].value.as_deref(), Some("x"));
}

/// `kubectl delete job --cascade=orphan` (the garbage collector's orphan propagation): the pods
/// stay and run on, ownerless; the Job controller's syncOrphanPod releases their tracking
/// finalizer. `--grace-period=0 --force` removes a pod object at once, with kubectl's warning
/// (delete.go), and bad flag values are refused as kubectl refuses them.
#[test]
fn delete_cascade_orphan_keeps_the_pods_and_force_removes_at_once() {
    use ctrlscope::kubectl::console;
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: work\nspec:\n  parallelism: 2\n  completions: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: [sh, -c, \"sleep 60\"]\n";
    let mut s = sim(yaml);
    step_until(&mut s, 5, |_| {});
    let out = console::run(&mut s, "kubectl delete job work --cascade=orphan");
    assert_eq!(
        out.output,
        "job.batch \"work\" deleted from default namespace"
    );
    step_until(&mut s, 10, |_| {});
    let pods = s.pods();
    assert_eq!(pods.len(), 2);
    for p in &pods {
        assert_eq!(p.status.phase, "Running");
        assert!(p.metadata.owner_references.is_empty(), "{:?}", p.metadata);
        assert!(p.metadata.finalizers.is_empty(), "{:?}", p.metadata);
    }
    let name = pods[0].metadata.name.clone();
    let out = console::run(
        &mut s,
        &format!("kubectl delete pod {name} --grace-period=0 --force"),
    );
    assert_eq!(
        out.output,
        format!("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod \"{name}\" force deleted from default namespace")
    );
    assert!(!s.cluster.store.contains::<Pod>(&name), "gone at once");
    // The other runs to its end: nothing owns or collects it.
    step_until(&mut s, 70, |_| {});
    let left = s.pods();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].status.phase, "Succeeded");
    for (cmd, want) in [
        ("kubectl delete pod x --cascade=maybe", "error: invalid cascade value (maybe). Must be \"background\", \"foreground\", or \"orphan\""),
        ("kubectl delete pods --all --grace-period=5 --force", "error: --force and --grace-period greater than 0 cannot be specified together"),
        ("kubectl delete pods --all --now --grace-period=5", "error: --now and --grace-period cannot be specified together"),
    ] {
        assert_eq!(console::run(&mut s, cmd).output, want, "{cmd}");
    }
}

/// Scaling a Job down deletes the pods controller.ActivePods sorts first
/// (pkg/controller/controller_utils.go ActivePods.Less, via job_controller.go
/// activePodsForRemoval): of two Running, ready pods created together, the one ready since
/// later and with more container restarts goes.
#[test]
fn scale_down_deletes_the_pod_active_pods_orders_first() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: sc}\nspec:\n  parallelism: 2\n  completions: 2\n  template:\n    metadata:\n      annotations: {sim.ctrlscope.dev/duration: 300s}\n    spec:\n      restartPolicy: OnFailure\n      containers: [{name: c, image: \"busybox:1.36\"}]\n";
    // Two pods created together; the `restart`th (in name order) restarts once, so it is
    // ready since later and has more restarts. Scaling to parallelism 1 deletes it.
    let deleted_after_restarting = |restart: usize| -> (String, Vec<String>) {
        let mut s = sim(yaml);
        step_until(&mut s, 5, |_| {});
        let mut names: Vec<String> = s.pods().iter().map(|p| p.metadata.name.clone()).collect();
        names.sort();
        assert_eq!(names.len(), 2);
        s.perform(&ctrlscope::sim::scenario::Action::FailPod(
            names[restart].clone(),
        ))
        .expect("fail pod");
        step_until(&mut s, 30, |_| {});
        let r = ctrlscope::kubectl::console::run(
            &mut s,
            r#"patch job sc --type=merge -p '{"spec":{"parallelism":1}}'"#,
        );
        assert!(!r.error, "{}", r.output);
        step_until(&mut s, 35, |_| {});
        let deleted = s
            .cluster
            .events
            .iter()
            .filter(|e| e.reason == "SuccessfulDelete")
            .map(|e| e.message().to_string())
            .collect();
        (names[restart].clone(), deleted)
    };
    for restart in [0, 1] {
        let (restarted, deleted) = deleted_after_restarting(restart);
        assert_eq!(deleted, vec![format!("Deleted pod: {restarted}")]);
    }
}

/// A failed container is reported at the instant it fails (the kubelet's PLEG relists the
/// runtime at once and the status manager writes it), so the API and a paused page see the
/// Error before anything else runs; the Job controller reacts on the next pass.
#[test]
fn a_failed_pod_is_reported_at_once() {
    use ctrlscope::sim::scenario::Action;
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n        command: [\"sh\", \"-c\", \"sleep 90\"]\n";
    let mut s = sim(yaml);
    step_until(&mut s, 10, |_| {});
    let at = s.now();
    s.perform(&Action::FailPod("job-name=once".into()))
        .expect("pod failed");
    assert_eq!(s.now(), at, "no time passes");
    let p = &s.pods()[0];
    assert_eq!(p.status.phase, "Failed");
    let t = p.status.container_statuses[0]
        .state
        .terminated
        .as_ref()
        .expect("terminated");
    assert_eq!((t.exit_code, t.reason.as_str()), (1, "Error"));
    assert_eq!(t.finished_at, at);
    // The Job counts it once its controller has run.
    step_until(&mut s, 11, |_| {});
    assert_eq!(job(&s, "once").status.failed, 1);
}

/// SetDefaults_Job (pkg/apis/batch/v1/defaults.go) gives a Job without labels its template's
/// label map itself, and generateSelector (pkg/registry/batch/job/strategy.go) then writes the
/// generated labels into that map: the Job carries them beside the template's own. A Job with
/// labels of its own keeps just those.
#[test]
fn a_job_without_labels_shares_its_templates_including_the_generated_ones() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: lab\nspec:\n  template:\n    metadata:\n      labels:\n        app: pi\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: own\n  labels:\n    team: x\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n";
    let s = sim(yaml);
    let keys =
        |name: &str| -> Vec<String> { job(&s, name).metadata.labels.keys().cloned().collect() };
    assert_eq!(
        keys("lab"),
        [
            "app",
            "batch.kubernetes.io/controller-uid",
            "batch.kubernetes.io/job-name",
            "controller-uid",
            "job-name"
        ]
    );
    assert_eq!(keys("own"), ["team"]);
}

/// Containers side by side (restartPolicy Never) each run their own script: `a` fails with 3
/// after 5 s while `b` sleeps on, so the pod stays Running (kubelet_pods.go getPhase: running
/// while any container runs) and kubectl shows `1/2 Error`; it fails only when `b` has ended,
/// with each container's own exit code and finish time.
#[test]
fn side_by_side_containers_end_by_their_own_scripts() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: mc\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: a\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"sleep 5; exit 3\"]\n      - name: b\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"sleep 30\"]\n";
    let mut s = sim(yaml);
    step_until(&mut s, 10, |_| {});
    let p = s.pods()[0].clone();
    assert_eq!(p.status.phase, "Running");
    let a = p.status.container_statuses[0]
        .state
        .terminated
        .as_ref()
        .expect("a ended");
    assert_eq!(a.exit_code, 3);
    assert!(p.status.container_statuses[1].state.running.is_some());
    let get = ctrlscope::kubectl::console::run(&mut s, "get pods --no-headers").output;
    assert!(get.contains("1/2   Error"), "{get}");
    step_until(&mut s, 60, |_| {});
    let p = s.pods()[0].clone();
    assert_eq!(p.status.phase, "Failed");
    let ends: Vec<(i32, i64)> = p
        .status
        .container_statuses
        .iter()
        .map(|c| {
            let t = c.state.terminated.as_ref().expect("ended");
            (t.exit_code, (t.finished_at - s.cluster.start).whole_secs())
        })
        .collect();
    assert_eq!(ends, [(3, 6), (0, 31)]);
    assert_eq!(common::event_secs(&s, "BackoffLimitExceeded"), [32]);
}

/// The classic sidecar problem: a proxy run as a regular container never exits, so the pod
/// never ends and the Job never completes, though its main container has (the reason for
/// sidecar init containers, KEP-753).
#[test]
fn a_sidecar_run_as_a_regular_container_keeps_the_job_from_completing() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: sc\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"echo working; sleep 5\"]\n      - name: proxy\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"while true; do sleep 1; done\"]\n";
    let mut s = sim(yaml);
    step_until(&mut s, 600, |_| {});
    let p = s.pods()[0].clone();
    assert_eq!(p.status.phase, "Running");
    let main = p.status.container_statuses[0].state.terminated.as_ref();
    assert_eq!(main.map(|t| t.exit_code), Some(0));
    let get = ctrlscope::kubectl::console::run(&mut s, "get pods --no-headers").output;
    assert!(get.contains("1/2   NotReady"), "{get}");
    assert_eq!(job(&s, "sc").status.finished_type(), None);
    assert_eq!(job(&s, "sc").status.active, 1);
}

/// A podFailurePolicy rule names a container: only that container's own exit code matches
/// (pod_failure_policy.go getMatchingContainerFromList). `a` exits 3, `b` exits 0: the FailJob
/// rule for `b` does not match, and the failure counts toward backoffLimit.
#[test]
fn a_pod_failure_policy_rule_reads_the_named_containers_own_exit_code() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: mcp\nspec:\n  backoffLimit: 0\n  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes:\n        containerName: b\n        operator: In\n        values: [3]\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: a\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"sleep 5; exit 3\"]\n      - name: b\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"sleep 30\"]\n";
    let mut s = sim(yaml);
    step_until(&mut s, 60, |_| {});
    let j = job(&s, "mcp");
    let failed = j.status.conditions.iter().find(|c| c.type_ == "Failed");
    assert_eq!(
        failed.map(|c| c.reason.as_str()),
        Some("BackoffLimitExceeded")
    );
}

/// examples/sidecar-job.yaml: the same proxy as a regular container keeps `stuck` running; as a
/// sidecar init container it is stopped once the work is done (its shell ignores SIGTERM: 30 s
/// later), and `native` completes.
#[test]
fn the_sidecar_example_completes_only_with_a_native_sidecar() {
    let mut s = sim(include_str!("../examples/sidecar-job.yaml"));
    step_until(&mut s, 300, |_| {});
    assert_eq!(job(&s, "native").status.finished_type(), Some("Complete"));
    assert_eq!(job(&s, "stuck").status.finished_type(), None);
    let get = ctrlscope::kubectl::console::run(&mut s, "get pods --no-headers").output;
    assert!(get.contains("0/2   Completed"), "{get}");
    assert!(get.contains("1/2   NotReady"), "{get}");
}

/// Fail by click on side-by-side containers (restartPolicy Never): the first fails and the
/// others run on (the pod shows 1/2 Error and stays Running); the next click fails the next
/// running one, and the pod is Failed. A fault on the first does not cancel the others' own
/// exits.
#[test]
fn failing_side_by_side_containers_one_at_a_time() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: two\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"sleep 600\"]\n      - name: helper\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"sleep 30\"]\n";
    let mut s = sim(yaml);
    step_until(&mut s, 5, |_| {});
    let fail = |s: &mut ctrlscope::sim::Simulation| {
        s.perform(&ctrlscope::sim::scenario::Action::FailPod(
            "job-name=two".into(),
        ))
        .expect("failed")
    };
    fail(&mut s);
    let p = s.pods()[0].clone();
    assert_eq!(p.status.phase, "Running");
    let main = p.status.container_statuses[0].state.terminated.as_ref();
    assert_eq!(main.map(|t| t.exit_code), Some(1));
    // The helper still ends by itself at 31 s, and the pod with it.
    step_until(&mut s, 40, |_| {});
    let p = s.pods()[0].clone();
    assert_eq!(p.status.phase, "Failed");
    let helper = p.status.container_statuses[1].state.terminated.as_ref();
    assert_eq!(
        helper.map(|t| (t.exit_code, (t.finished_at - s.cluster.start).whole_secs())),
        Some((0, 31))
    );
    // Once more, failing both by hand.
    let mut s = sim(yaml);
    step_until(&mut s, 5, |_| {});
    fail(&mut s);
    fail(&mut s);
    let p = s.pods()[0].clone();
    assert_eq!(p.status.phase, "Failed");
    let codes: Vec<i32> = p
        .status
        .container_statuses
        .iter()
        .filter_map(|c| c.state.terminated.as_ref().map(|t| t.exit_code))
        .collect();
    assert_eq!(codes, [1, 1]);
}

/// backoff_utils.go `getFinishTimeFromContainers`: with sidecars (init containers with
/// `restartPolicy: Always`) the pod's failure time is the last container to stop, the sidecar
/// (here 30 s after the work fails: it ignores SIGTERM, so the grace period runs out). The
/// back-off runs from then, not from the work container's exit.
#[test]
fn sidecar_pod_failure_backoff_runs_from_the_sidecars_stop() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: sc\nspec:\n  backoffLimit: 2\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - name: proxy\n        image: busybox:1.36\n        restartPolicy: Always\n        command: [\"sh\", \"-c\", \"while true; do echo proxying; sleep 10; done\"]\n      containers:\n      - name: work\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"echo working; sleep 5; exit 1\"]\n";
    let out = cli(
        &[("job.yaml", yaml)],
        &["run", "job.yaml", "--events", "jsonl", "--until", "5m"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let evs = events(&out);
    // Each pod: work exits at +6 s, the proxy is killed at +36 s (30 s grace); the next pod
    // comes 10 s, then 20 s after that.
    assert_eq!(
        times(&evs, "Job/sc", "SuccessfulCreate"),
        vec![0.0, 46.0, 102.0]
    );
    assert_eq!(times(&evs, "Job/sc", "BackoffLimitExceeded"), vec![139.0]);
}

/// An elastic Indexed Job (completions and parallelism lowered together, job_controller.go
/// `calculateSucceededIndexes` → `parseIndexesFromString(…, completions)`): finished indexes
/// at or above the new completions are forgotten, so they neither count toward COMPLETIONS
/// nor make the controller delete a pod of an index that still exists.
#[test]
fn scaling_an_indexed_job_down_forgets_indexes_past_completions() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: el\nspec:\n  completionMode: Indexed\n  completions: 4\n  parallelism: 4\n  template:\n    spec:\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"if [ $JOB_COMPLETION_INDEX = 3 ]; then sleep 5; else sleep 100; fi\"]\n      restartPolicy: Never\n";
    let mut s = sim(yaml);
    step_until(&mut s, 20, |_| {});
    assert_eq!(job(&s, "el").status.completed_indexes, "3");
    let r = ctrlscope::kubectl::console::run(
        &mut s,
        r#"patch job el -p '{"spec":{"completions":2,"parallelism":2}}'"#,
    );
    assert_eq!(r.output, "job.batch/el patched");
    step_until(&mut s, 22, |_| {});
    let j = job(&s, "el");
    assert_eq!(
        (j.status.completed_indexes.as_str(), j.status.succeeded),
        ("", 0)
    );
    let deleting: Vec<String> = s
        .cluster
        .store
        .list::<Pod>()
        .filter(|p| p.metadata.deletion_timestamp.is_some())
        .map(|p| p.metadata.name.clone())
        .collect();
    assert_eq!(deleting.len(), 1, "{deleting:?}");
    assert!(deleting[0].starts_with("el-2-"), "only index 2 is gone");
    step_until(&mut s, 180, |_| {});
    let j = job(&s, "el");
    assert_eq!(j.status.finished_type(), Some("Complete"));
    assert_eq!(
        (j.status.completed_indexes.as_str(), j.status.succeeded),
        ("0,1", 2)
    );
}

/// job_controller.go `trackJobStatusAndRemoveFinalizers`: the interim condition is written
/// first, with the finishing pod in `uncountedTerminatedPods` and the old counts
/// (`flushUncountedAndRemoveFinalizers`); the counts and Complete / Failed come in a second
/// write (`enactJobFinished`). `kubectl get jobs -w` prints both lines, as in 1.34.
#[test]
fn the_interim_condition_is_its_own_status_write() {
    let ok = job_yaml("ok", "", &ann(&[("duration", "5s")]), "Never");
    let out = cli(
        &[("job.yaml", &ok)],
        &[
            "run",
            "job.yaml",
            "--kubectl",
            "get jobs -w",
            "--until",
            "20s",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows = common::watch_columns(&out.stdout);
    let tail: Vec<(&str, &str)> = rows[rows.len() - 2..]
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(tail, [("SuccessCriteriaMet", "0/1"), ("Complete", "1/1")]);

    let bad = job_yaml(
        "bad",
        "  backoffLimit: 0\n",
        &ann(&[("duration", "5s"), ("exit-codes", "1")]),
        "Never",
    );
    let out = cli(
        &[("job.yaml", &bad)],
        &[
            "run",
            "job.yaml",
            "--kubectl",
            "get jobs -w -o jsonpath={.status.uncountedTerminatedPods.failed[*]}{.status.failed}{.status.conditions[-1:].type}",
            "--until",
            "20s",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    // -w with jsonpath prints no newlines: the interim write (one uncounted failed pod's
    // uid, failed not counted yet, FailureTarget), then the count and Failed.
    let watch = out.stdout.lines().nth(1).unwrap_or_default();
    let (uid, rest) = watch.split_at(36.min(watch.len()));
    assert_eq!(uid.matches('-').count(), 4, "{watch}");
    assert_eq!(rest, "FailureTarget1Failed");
}

/// ClaimPods in getPodsForJob (controller_ref_manager.go `ReleasePod`): a pod relabelled out
/// of the Job's selector (`batch.kubernetes.io/controller-uid`) loses its ownerReference and
/// tracking finalizer; the Job no longer counts it and starts a replacement.
#[test]
fn a_pod_relabelled_out_of_the_job_selector_is_released_and_replaced() {
    let yaml = job_yaml(
        "paral",
        "  completions: 4\n  parallelism: 2\n",
        &ann(&[("duration", "30s")]),
        "Never",
    );
    let mut s = sim(&yaml);
    step_until(&mut s, 5, |_| {});
    let victim = s.pods().first().map(|p| p.metadata.name.clone()).unwrap();
    let r = ctrlscope::kubectl::console::run(
        &mut s,
        &format!("label pod {victim} batch.kubernetes.io/controller-uid-"),
    );
    assert_eq!(r.output, format!("pod/{victim} unlabeled"));
    step_until(&mut s, 7, |_| {});
    let p = s.cluster.store.get::<Pod>(&victim).unwrap();
    assert!(p.metadata.owner_references.is_empty());
    assert!(p.metadata.finalizers.is_empty());
    assert_eq!(job(&s, "paral").status.active, 2, "a replacement runs");
    step_until(&mut s, 300, |_| {});
    let j = job(&s, "paral");
    assert_eq!(j.status.finished_type(), Some("Complete"));
    assert_eq!(
        j.status.succeeded, 4,
        "the released pod's success is not counted"
    );
    let owned = s
        .pods()
        .iter()
        .filter(|p| !p.metadata.owner_references.is_empty())
        .count();
    assert_eq!(owned, 4);
}

/// The loop's steps of one controller at one instant (`--loop` lines), without watch steps.
fn loop_steps_at(stdout: &str, controller: &str, t: f64) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["controller"] == controller && v["t"].as_f64() == Some(t))
        .filter(|v| v["step"] != "watch")
        .collect()
}

/// job_controller.go trackJobStatusAndRemoveFinalizers → flushUncountedAndRemoveFinalizers →
/// cleanUncountedPodsWithoutFinalizers: a finished pod is first written into
/// uncountedTerminatedPods, then released (its tracking finalizer removed), then counted.
#[test]
fn finished_pod_is_recorded_as_uncounted_before_its_finalizer_goes_then_counted() {
    let yaml = job_yaml(
        "serial",
        "  completions: 2\n",
        &ann(&[("duration", "10s")]),
        "Never",
    );
    let out = cli(
        &[("job.yaml", &yaml)],
        &["run", "job.yaml", "--loop", "--until", "13s"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let steps: Vec<String> = loop_steps_at(&out.stdout, "job-controller", 12.0)
        .iter()
        .filter(|v| !matches!(v["step"].as_str(), Some("sync" | "decide" | "enqueue")))
        .map(|v| {
            let what = v["summary"].as_str().unwrap_or("");
            format!(
                "{} {} {what}",
                v["step"].as_str().unwrap_or(""),
                v["object"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(steps.len(), 4, "{steps:#?}");
    assert!(steps[0].starts_with("create Pod/serial-"), "{steps:#?}");
    assert_eq!(
        steps[1],
        "updateStatus Job/serial active=1 ready=0 succeeded=0 failed=0 uncountedTerminatedPods: succeeded=1 failed=0"
    );
    assert!(steps[2].starts_with("patch Pod/serial-"), "{steps:#?}");
    assert!(steps[2].ends_with("remove finalizer batch.kubernetes.io/job-tracking"));
    assert_eq!(
        steps[3],
        "updateStatus Job/serial active=1 ready=0 succeeded=1 failed=0"
    );
}

/// job_controller.go enqueueSyncJobWithDelay: a pod failure back-off shorter than the batching
/// period (syncJobBatchPeriod, 1 s) still waits 1 s.
#[test]
fn pod_failure_backoff_requeue_waits_at_least_the_batch_period() {
    let yaml = job_yaml(
        "l",
        "  completions: 2\n  parallelism: 2\n",
        &ann(&[("duration", "60s")]),
        "Never",
    );
    let mut s = sim(&yaml);
    step_until(&mut s, 1, |_| {});
    let names: Vec<String> = s.pods().iter().map(|p| p.metadata.name.clone()).collect();
    assert_eq!(names.len(), 2);
    let scenario = format!("- at: 10s\n  failPod: {}\n", names[0]);
    // A label change 0.5 s before the back-off ends syncs the Job (batched) 0.5 s before it.
    let label = format!("18.5s: label pod {} foo=bar", names[1]);
    let out = cli(
        &[("job.yaml", &yaml), ("s.yaml", &scenario)],
        &[
            "run",
            "job.yaml",
            "--scenario",
            "s.yaml",
            "--loop",
            "--events",
            "jsonl",
            "--until",
            "25s",
            "--kubectl",
            &label,
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let at_19_5 = loop_steps_at(&out.stdout, "job-controller", 19.5);
    assert!(
        at_19_5.iter().any(|v| v["step"] == "enqueue"
            && v["after"] == "2026-01-01T00:00:20.5Z"
            && v["why"] == "pod failure back-off"),
        "{at_19_5:#?}"
    );
    let evs = events(&out);
    assert_eq!(
        times(&evs, "Job/l", "SuccessfulCreate"),
        vec![0.0, 0.0, 20.5]
    );
}

fn success_policy_job(name: &str, extra: &str, index0_sleep: u32) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\nspec:\n  completions: 3\n  parallelism: 3\n  completionMode: Indexed\n{extra}  successPolicy:\n    rules:\n    - succeededIndexes: \"0\"\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n        command: [\"sh\",\"-c\",\"if [ \\\"$JOB_COMPLETION_INDEX\\\" = 0 ]; then sleep {index0_sleep}; else sleep 100; fi\"]\n"
    )
}

/// job_controller.go: the pods a successPolicy deletes keep their tracking finalizers
/// (deleteActivePods); the SuccessCriteriaMet write comes first, then one patch per pod
/// (flushUncountedAndRemoveFinalizers; canRemoveFinalizer once the Job has a finished
/// condition), none of them counted.
#[test]
fn a_success_policy_deletes_first_writes_then_releases_every_pod() {
    let yaml = success_policy_job("sp", "", 5);
    let out = cli(
        &[("job.yaml", &yaml)],
        &["run", "job.yaml", "--loop", "--until", "8s"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let steps: Vec<String> = loop_steps_at(&out.stdout, "job-controller", 7.0)
        .iter()
        .filter(|v| !matches!(v["step"].as_str(), Some("sync" | "decide" | "enqueue")))
        .map(|v| v["step"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        steps,
        [
            "delete",
            "delete",
            "updateStatus",
            "patch",
            "patch",
            "patch"
        ],
        "{}",
        out.stdout
    );
}

/// canRemoveFinalizer: a pod still terminating when the Job succeeds (podReplacementPolicy
/// Failed keeps it out of the failures) is released in that sync and never counted as failed.
#[test]
fn a_pod_terminating_when_the_job_succeeds_is_released_uncounted() {
    let yaml = success_policy_job("fj", "  podReplacementPolicy: Failed\n", 10);
    let mut s = sim(&yaml);
    step_until(&mut s, 5, |_| {});
    let victim = s
        .pods()
        .iter()
        .map(|p| p.metadata.name.clone())
        .find(|n| n.starts_with("fj-1-"))
        .expect("index 1's pod");
    let scenario = format!("- at: 5s\n  deletePod: {victim}\n");
    let out = cli(
        &[("job.yaml", &yaml), ("s.yaml", &scenario)],
        &[
            "run",
            "job.yaml",
            "--scenario",
            "s.yaml",
            "--until",
            "60s",
            "--final-state",
            "json",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let list: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let job = list["items"]
        .as_array()
        .and_then(|v| v.iter().find(|o| o["kind"] == "Job"))
        .expect("the Job");
    assert_eq!(job["status"]["succeeded"], 1);
    assert!(
        job["status"]["failed"].is_null() || job["status"]["failed"] == 0,
        "{job}"
    );
}

/// podgc gc_controller.go `gcUnscheduledTerminating`: a pod deleted before it was scheduled has
/// no kubelet to end it, and a Job's tracking finalizer holds it. With podReplacementPolicy
/// Failed the Job waits for it to fail: at the pod GC's next 20 s pass it is marked Failed and
/// deleted, the Job counts the failure, and the replacement (after the 10 s pod-failure
/// back-off) runs on the node labelled meanwhile.
#[test]
fn an_unscheduled_pod_deleted_under_podreplacementpolicy_failed_is_failed_by_the_pod_gc() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: uns\nspec:\n  podReplacementPolicy: Failed\n  template:\n    spec:\n      nodeSelector: {disktype: ssd}\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"sleep 20\"]\n";
    let out = cli(
        &[("uns.yaml", job)],
        &[
            "run",
            "uns.yaml",
            "--until",
            "2m",
            "--events",
            "none",
            "--kubectl",
            "5s: delete pod -l job-name=uns --wait=false",
            "--kubectl",
            "6s: label nodes worker-1 disktype=ssd",
            "--kubectl",
            "19s: get job uns -o jsonpath={.status.terminating}/{.status.failed}",
            "--kubectl",
            "21s: get job uns -o jsonpath={.status.terminating}/{.status.failed}",
            "--kubectl",
            "2m: get jobs",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("\n1/\n"), "{}", out.stdout);
    assert!(out.stdout.contains("\n0/1\n"), "{}", out.stdout);
    assert!(
        out.stdout.contains("uns    Complete   1/1"),
        "{}",
        out.stdout
    );
}

/// job_controller.go `recordJobFinished`: a Job that counts more succeeded pods than its
/// completions (here three finished orphans adopted through a manualSelector) warns
/// TooManySucceededPods before its Completed Event.
#[test]
fn adopting_more_succeeded_pods_than_completions_warns() {
    let job = |name: &str, completions: u32| {
        format!(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\nspec:\n  completions: {completions}\n  parallelism: {completions}\n  manualSelector: true\n  selector:\n    matchLabels: {{app: x}}\n  template:\n    metadata:\n      labels: {{app: x}}\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"sleep 5\"]\n"
        )
    };
    let scenario = format!(
        "- at: 30s\n  deleteOrphan: Job/ja\n- at: 40s\n  apply: |\n{}",
        job("jb", 1)
            .lines()
            .map(|l| format!("    {l}\n"))
            .collect::<String>()
    );
    let out = cli(
        &[("job.yaml", &job("ja", 3)), ("s.yaml", &scenario)],
        &[
            "run",
            "job.yaml",
            "--scenario",
            "s.yaml",
            "--until",
            "60s",
            "--events",
            "jsonl",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let evs = events(&out);
    let jb: Vec<(&str, &str)> = evs
        .iter()
        .filter(|e| e.object == "Job/jb")
        .map(|e| (e.type_.as_str(), e.reason.as_str()))
        .collect();
    assert_eq!(
        jb,
        [("Warning", "TooManySucceededPods"), ("Normal", "Completed")]
    );
    // Not for the Job that counted exactly its completions.
    assert!(times(&evs, "Job/ja", "TooManySucceededPods").is_empty());
}

/// A Job whose container runs `sh -c SCRIPT` (with `env`).
fn script_job(name: &str, script: &str, env: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: work\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", {script:?}]\n{env}"
    )
}

/// The container's script decides how the Job ends: redirections (`2>&1`, `>&2`) and a
/// quoted `|` are not pipes, so a script of plain utilities still ends at once (the Job
/// completes at 2 s, not 12 s after a 10 s default run); `a && while true; …` runs the loop only when `a` holds (POSIX 2.9.3);
/// `set -e` ends the script at its first failure (POSIX 2.14).
#[test]
fn the_script_decides_how_a_job_ends() {
    let completed = |yaml: &str, name: &str, reason: &str| {
        let out = cli(
            &[("job.yaml", yaml)],
            &["run", "job.yaml", "--events", "jsonl", "--until", "2m"],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        times(&events(&out), &format!("Job/{name}"), reason)
    };
    let quick = script_job("quick", "echo hi 2>&1; echo \"a | b\" >&2", "");
    assert_eq!(completed(&quick, "quick", "Completed"), vec![2.0]);
    let batch = script_job(
        "batch",
        "[ \"$MODE\" = serve ] && while true; do echo serving; sleep 5; done; echo batch done",
        "        env:\n        - name: MODE\n          value: batch\n",
    );
    assert_eq!(completed(&batch, "batch", "Completed"), vec![2.0]);
    let strict = script_job("strict", "set -e; echo start; false; echo unreachable", "");
    assert_eq!(completed(&strict, "strict", "Completed"), Vec::<f64>::new());
    assert_eq!(
        completed(&strict, "strict", "BackoffLimitExceeded").len(),
        1
    );
}
