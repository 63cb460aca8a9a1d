//! CronJob controller scenarios: YAML in, timeline out, checked against `../shared/spec/cronjob.md`
//! and Kubernetes' `pkg/controller/cronjob/cronjob_controllerv2.go` (`sync`, `syncCronJob`,
//! `cleanupFinishedJobs`, `removeOldestJobs`, `deleteJob`, `updateCronJob`) and `utils.go`
//! (`mostRecentScheduleTime`, `nextScheduleTime`, `nextScheduleTimeDuration`,
//! `getJobFromTemplate2`, `getTimeHashInMinutes`, `byJobStartTime`).
//!
//! The timeline model behind the expected numbers (default start 2026-01-01T00:00:00Z, t = 0):
//! - the controller requeues itself for the next schedule time + `nextScheduleDelta` (100 ms), so
//!   the Job for minute M is created at M + 0.1 s;
//! - a pod created at T is bound at T, its container starts at T+1 s and runs for its duration
//!   (10 s by default); the Job controller syncs 1 s after the pod event (`syncJobBatchPeriod`),
//!   so a 10 s Job created at T completes at T+12 s and a 2 m Job at T+122 s;
//! - the Job's update event re-queues its CronJob at once (`updateJob` → `enqueueController`).

mod common;

use common::{cli, events, secs, sim, step_until, times, Ev};
use ctrlscope::api::{Condition, CronJob, Job, ObjectMeta, OwnerReference, Pod, Time};
use ctrlscope::controllers::cronjob::SCHEDULED_TIMESTAMP_ANNOTATION;
use ctrlscope::sim::scenario::{parse_scenario, Action};
use ctrlscope::sim::Simulation;

const SEED_CRONJOB: &str = include_str!("../examples/hello-cronjob.yaml");

/// The lecture's CronJob with Jobs that run 10 s (its own `date; echo` ends at once), for
/// checks that need a Job running for a while.
fn seed_cronjob_10s() -> String {
    let yaml = SEED_CRONJOB.replace(
        "date; echo Hello from the Kubernetes cluster",
        "date; echo Hello from the Kubernetes cluster; sleep 10",
    );
    assert_ne!(yaml, SEED_CRONJOB);
    yaml
}

/// A CronJob `name` on `schedule` with extra spec lines, extra job-spec lines, pod-template
/// annotations (`sim.ctrlscope.dev/<k>: "<v>"`) and a restart policy.
fn cronjob_yaml(
    name: &str,
    schedule: &str,
    spec: &str,
    job_spec: &str,
    hints: &[(&str, &str)],
    policy: &str,
) -> String {
    let annotations: String = hints
        .iter()
        .map(|(k, v)| format!("            sim.ctrlscope.dev/{k}: \"{v}\"\n"))
        .collect();
    let metadata = if annotations.is_empty() {
        String::new()
    } else {
        format!("        metadata:\n          annotations:\n{annotations}")
    };
    format!(
        "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: {name}\nspec:\n  schedule: \"{schedule}\"\n{spec}  jobTemplate:\n    spec:\n{job_spec}      template:\n{metadata}        spec:\n          restartPolicy: {policy}\n          containers:\n          - name: work\n            image: busybox:1.36\n"
    )
}

/// `- at: AT\n  apply: |` followed by the manifest, indented.
fn apply_at(at: &str, manifest: &str) -> String {
    let body: String = manifest.lines().map(|l| format!("    {l}\n")).collect();
    format!("- at: {at}\n  apply: |\n{body}")
}

/// `getJobName`: `<cronjob>-<scheduled time in minutes since the epoch>` (`getTimeHashInMinutes`).
fn job_name_at(cronjob: &str, rfc3339: &str) -> String {
    let t = Time::parse_rfc3339(rfc3339).expect("RFC 3339 time");
    format!("{cronjob}-{}", t.unix_secs() / 60)
}

/// The names in `Created job X` / `Deleted job X` / `Saw completed job: X, …` messages.
fn job_names(evs: &[Ev], object: &str, reason: &str) -> Vec<String> {
    evs.iter()
        .filter(|e| e.object == object && e.reason == reason)
        .map(|e| {
            let rest = e
                .message
                .trim_start_matches("Created job ")
                .trim_start_matches("Deleted job ")
                .trim_start_matches("Saw completed job: ");
            rest.split(',').next().unwrap_or_default().to_string()
        })
        .collect()
}

/// The Job names for these minutes after the default start: 1 → `hello-29453761`, ….
fn minute_names(cronjob: &str, minutes: impl IntoIterator<Item = i64>) -> Vec<String> {
    let start = Time::parse_rfc3339("2026-01-01T00:00:00Z").expect("start");
    minutes
        .into_iter()
        .map(|m| format!("{cronjob}-{}", start.unix_secs() / 60 + m))
        .collect()
}

fn run_jsonl(files: &[(&str, &str)], extra: &[&str]) -> Vec<Ev> {
    let mut args = vec!["run", files[0].0, "--events", "jsonl"];
    args.extend_from_slice(extra);
    let out = cli(files, &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    events(&out)
}

fn cronjob<'a>(s: &'a Simulation, name: &str) -> &'a CronJob {
    s.cluster
        .store
        .get::<CronJob>(name)
        .expect("cronjob exists")
}

fn job_list(s: &Simulation) -> Vec<String> {
    let mut v: Vec<String> = s.jobs().iter().map(|j| j.metadata.name.clone()).collect();
    v.sort();
    v
}

/// Jobs that are not finished (no true Complete/Failed condition).
fn running_jobs(s: &Simulation) -> usize {
    s.jobs().iter().filter(|j| !j.status.is_finished()).count()
}

fn final_state(stdout: &str) -> Vec<serde_json::Value> {
    let start = stdout.find("{\n").expect("a JSON document");
    let v: serde_json::Value = serde_json::from_str(&stdout[start..]).expect("valid JSON");
    v["items"].as_array().cloned().unwrap_or_default()
}

// -------------------------------------------------------------------------------------------
// 1. The seed CronJob

/// The lecture's CronJob for 10 minutes. `syncCronJob` creates one Job per minute named by
/// `getJobName` (`getTimeHashInMinutes` = scheduled Unix seconds / 60), `nextScheduleTimeDuration`
/// requeues it 100 ms (`nextScheduleDelta`) after each minute, `SawCompletedJob` marks each
/// finished Job, and `cleanupFinishedJobs`/`removeOldestJobs` keep successfulJobsHistoryLimit (3).
#[test]
fn seed_cronjob_runs_every_minute_and_keeps_three_jobs() {
    // 2026-01-01T00:00:00Z is Unix 1767225600 = minute 29453760; the 00:01 run is 29453761.
    assert_eq!(
        job_name_at("hello", "2026-01-01T00:01:00Z"),
        "hello-29453761"
    );
    let evs = run_jsonl(&[("hello.yaml", SEED_CRONJOB)], &["--until", "10m"]);
    let created = times(&evs, "CronJob/hello", "SuccessfulCreate");
    assert_eq!(
        created,
        vec![60.1, 120.1, 180.1, 240.1, 300.1, 360.1, 420.1, 480.1, 540.1],
        "one Job a minute, 100 ms after the minute"
    );
    assert_eq!(
        job_names(&evs, "CronJob/hello", "SuccessfulCreate"),
        minute_names("hello", 1..=9)
    );
    assert!(evs
        .iter()
        .any(|e| e.reason == "SuccessfulCreate" && e.message == "Created job hello-29453761"));
    // `date; echo …` ends at once (its container runs 1 s, from 1 s after the pod's
    // creation): each Job completes 2 s after its creation, in the Job controller's batched
    // sync; the Job's update re-queues the CronJob.
    assert_eq!(
        times(&evs, "CronJob/hello", "SawCompletedJob"),
        created.iter().map(|t| t + 2.0).collect::<Vec<_>>()
    );
    let saw = evs
        .iter()
        .find(|e| e.reason == "SawCompletedJob")
        .expect("SawCompletedJob");
    assert_eq!(
        saw.message,
        "Saw completed job: hello-29453761, condition: Complete"
    );
    // The 4th finished Job makes 4 > 3: the oldest goes, in the same sync, before SawCompletedJob
    // (`sync` runs cleanupFinishedJobs before syncCronJob).
    assert_eq!(
        times(&evs, "CronJob/hello", "SuccessfulDelete"),
        vec![242.1, 302.1, 362.1, 422.1, 482.1, 542.1]
    );
    assert_eq!(
        job_names(&evs, "CronJob/hello", "SuccessfulDelete"),
        minute_names("hello", 1..=6),
        "oldest first"
    );
    let at_242: Vec<&str> = evs
        .iter()
        .filter(|e| e.object == "CronJob/hello" && e.t == 242.1)
        .map(|e| e.reason.as_str())
        .collect();
    assert_eq!(at_242, vec!["SuccessfulDelete", "SawCompletedJob"]);
    assert!(evs.iter().all(|e| e.type_ == "Normal"), "no warnings");

    // The same run, checked after every step: never more than 3 finished Jobs, at most one
    // running, and status.active names only Jobs that exist.
    let mut s = sim(SEED_CRONJOB);
    let mut max_finished = 0;
    step_until(&mut s, 600, |s| {
        let finished = s.jobs().iter().filter(|j| j.status.is_finished()).count();
        max_finished = max_finished.max(finished);
        assert!(
            finished <= 3,
            "successfulJobsHistoryLimit 3, saw {finished}"
        );
        assert!(running_jobs(s) <= 1);
        for r in &cronjob(s, "hello").status.active {
            assert!(
                s.cluster.store.contains::<Job>(&r.name),
                "{} exists",
                r.name
            );
        }
    });
    assert_eq!(max_finished, 3);
    assert_eq!(job_list(&s), minute_names("hello", 7..=9));
    let cj = cronjob(&s, "hello").clone();
    assert!(cj.status.active.is_empty());
    let last = cj.status.last_schedule_time.expect("lastScheduleTime");
    assert_eq!(last.rfc3339(), "2026-01-01T00:09:00Z");
    let ok = cj.status.last_successful_time.expect("lastSuccessfulTime");
    assert_eq!(secs(&s, ok), 542.1, "completion time of hello-29453769");

    // getJobFromTemplate2: the scheduled-timestamp annotation, a controller ownerReference.
    let j = s
        .cluster
        .store
        .get::<Job>("hello-29453767")
        .expect("hello-29453767");
    assert_eq!(
        j.metadata
            .annotations
            .get(SCHEDULED_TIMESTAMP_ANNOTATION)
            .map(String::as_str),
        Some("2026-01-01T00:07:00Z")
    );
    assert_eq!(
        SCHEDULED_TIMESTAMP_ANNOTATION,
        "batch.kubernetes.io/cronjob-scheduled-timestamp"
    );
    assert_eq!(
        j.metadata.owner_references,
        vec![OwnerReference {
            api_version: "batch/v1".into(),
            kind: "CronJob".into(),
            name: "hello".into(),
            uid: cj.metadata.uid.clone(),
            controller: Some(true),
            block_owner_deletion: Some(true),
        }]
    );
    assert_eq!(
        secs(&s, j.metadata.creation_timestamp.expect("created")),
        420.1
    );
    assert_eq!(j.status.finished_type(), Some("Complete"));
    // SetDefaults_Job: a Job without labels reads back with its pod template's labels, which
    // include the generated controller-uid and job-name.
    let label = |k: &str| j.metadata.labels.get(k).cloned();
    assert_eq!(
        label("batch.kubernetes.io/job-name").as_deref(),
        Some("hello-29453767")
    );
    assert_eq!(
        label("batch.kubernetes.io/controller-uid"),
        Some(j.metadata.uid.clone())
    );
    // The Job runs the template's container, unchanged.
    let c = &j.spec.template.spec.containers[0];
    assert_eq!(
        (c.image.as_str(), c.args.last().map(String::as_str)),
        (
            "busybox:1.36",
            Some("date; echo Hello from the Kubernetes cluster")
        )
    );
    assert_eq!(j.spec.template.spec.restart_policy, "OnFailure");
}

/// `kubectl get cronjobs,jobs` (printers `printCronJob`): NAME SCHEDULE TIMEZONE SUSPEND ACTIVE
/// LAST SCHEDULE AGE, with LAST SCHEDULE the age of status.lastScheduleTime.
#[test]
fn seed_cronjob_kubectl_get_cronjobs_and_jobs() {
    let out = cli(
        &[("hello.yaml", SEED_CRONJOB)],
        &[
            "run",
            "hello.yaml",
            "--until",
            "10m",
            "--get",
            "cronjobs,jobs",
            "--every",
            "1m",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let first = "# t=0s (2026-01-01T00:00:00Z) kubectl get cronjobs\n\
NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n\
hello   */1 * * * *   <none>     False     0        <none>          0s\n";
    assert!(out.stdout.starts_with(first), "{}", out.stdout);
    let last = "# t=10m (2026-01-01T00:10:00Z) kubectl get cronjobs\n\
NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n\
hello   */1 * * * *   <none>     False     0        60s             10m\n\
\n\
# t=10m (2026-01-01T00:10:00Z) kubectl get jobs\n\
NAME             STATUS     COMPLETIONS   DURATION   AGE\n\
hello-29453767   Complete   1/1           2s         3m\n\
hello-29453768   Complete   1/1           2s         2m\n\
hello-29453769   Complete   1/1           2s         60s\n";
    assert!(out.stdout.contains(last), "{}", out.stdout);

    // While a Job runs (60.1 to 62.1), ACTIVE is 1 (len(status.active)).
    let mut s = sim(SEED_CRONJOB);
    step_until(&mut s, 61, |_| {});
    let table = ctrlscope::kubectl::get_cronjobs(&s.cronjobs(), s.now(), false);
    assert_eq!(
        table,
        "NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n\
hello   */1 * * * *   <none>     False     1        1s              61s\n"
    );
}

// -------------------------------------------------------------------------------------------
// 2–4. concurrencyPolicy

fn two_minute_job(policy: &str) -> String {
    cronjob_yaml(
        "hello",
        "*/1 * * * *",
        &format!("  concurrencyPolicy: {policy}\n"),
        "",
        &[("duration", "2m")],
        "OnFailure",
    )
}

/// Forbid (`syncCronJob`: `ForbidConcurrent && len(Active) > 0` → `JobAlreadyActive`, requeue
/// at the next time). When the running Job finishes, `updateJob` re-queues the CronJob;
/// `nextScheduleTime` → `mostRecentScheduleTime(…, includeStartingDeadlineSeconds=true)` finds
/// the latest schedule time ≤ now after lastScheduleTime, and with no startingDeadlineSeconds it
/// is started at once, late. Derivation for a 2 m Job on `*/1`:
/// - 60.1: create hello-…61 (runs until 60.1 + 122 = 182.1); lastScheduleTime 00:01.
/// - 120.1, 180.1: JobAlreadyActive (times 00:02, 00:03).
/// - 182.1: SawCompletedJob; most recent unmet time is 00:03 (00:02 is never run) → create
///   hello-…63, 2.1 s late; it runs until 304.1.
/// - 240.1, 300.1: JobAlreadyActive; 304.1: create hello-…65 (4.1 s late); and so on, every
///   122 s: 426.1 (…67), 548.1 (…69).
#[test]
fn forbid_skips_while_active_and_starts_the_latest_missed_time_late() {
    let yaml = two_minute_job("Forbid");
    let evs = run_jsonl(&[("cj.yaml", &yaml)], &["--until", "10m"]);
    assert_eq!(
        times(&evs, "CronJob/hello", "SuccessfulCreate"),
        vec![60.1, 182.1, 304.1, 426.1, 548.1]
    );
    assert_eq!(
        job_names(&evs, "CronJob/hello", "SuccessfulCreate"),
        minute_names("hello", [1, 3, 5, 7, 9])
    );
    assert_eq!(
        times(&evs, "CronJob/hello", "JobAlreadyActive"),
        vec![120.1, 180.1, 240.1, 300.1, 360.1, 420.1, 480.1, 540.1]
    );
    let skip = evs
        .iter()
        .find(|e| e.reason == "JobAlreadyActive")
        .expect("JobAlreadyActive");
    assert_eq!(
        (skip.type_.as_str(), skip.message.as_str()),
        (
            "Normal",
            "Not starting job because prior execution is running and concurrency policy is Forbid"
        )
    );
    assert_eq!(
        times(&evs, "CronJob/hello", "SawCompletedJob"),
        vec![182.1, 304.1, 426.1, 548.1]
    );
    // At 182.1 the completion, then the late start, in that order.
    let at_182: Vec<&str> = evs
        .iter()
        .filter(|e| e.object == "CronJob/hello" && e.t == 182.1)
        .map(|e| e.reason.as_str())
        .collect();
    assert_eq!(at_182, vec!["SawCompletedJob", "SuccessfulCreate"]);

    let mut s = sim(&yaml);
    step_until(&mut s, 600, |s| {
        assert!(running_jobs(s) <= 1, "Forbid: never two running Jobs");
        assert!(cronjob(s, "hello").status.active.len() <= 1);
        let running_pods = s
            .pods()
            .iter()
            .filter(|p| p.status.phase == "Running")
            .count();
        assert!(running_pods <= 1);
    });
    // The late Job still carries its nominal scheduled time.
    let late = s
        .cluster
        .store
        .get::<Job>("hello-29453769")
        .expect("hello-29453769");
    assert_eq!(
        late.metadata
            .annotations
            .get(SCHEDULED_TIMESTAMP_ANNOTATION)
            .map(String::as_str),
        Some("2026-01-01T00:09:00Z")
    );
    assert_eq!(
        secs(&s, late.metadata.creation_timestamp.expect("created")),
        548.1
    );
    // 00:02, 00:04, … were skipped for good: no Event ever names their Jobs.
    for skipped in minute_names("hello", [2, 4, 6, 8]) {
        assert!(
            evs.iter().all(|e| !e.message.contains(&skipped)),
            "{skipped}"
        );
    }
    assert_eq!(
        cronjob(&s, "hello")
            .status
            .last_schedule_time
            .map(|t| t.rfc3339()),
        Some("2026-01-01T00:09:00Z".to_string())
    );
}

/// Replace (`syncCronJob`: `ReplaceConcurrent` → `deleteJob` for every active Job, event
/// `SuccessfulDelete "Deleted job NAME"`, then create). Deletion is background: the garbage
/// collector removes the old Job's pods (the kubelet stops the running container first).
#[test]
fn replace_deletes_the_running_job_then_creates_the_new_one() {
    let yaml = two_minute_job("Replace");
    let evs = run_jsonl(&[("cj.yaml", &yaml)], &["--until", "5m"]);
    assert_eq!(
        times(&evs, "CronJob/hello", "SuccessfulCreate"),
        vec![60.1, 120.1, 180.1, 240.1]
    );
    assert_eq!(
        times(&evs, "CronJob/hello", "SuccessfulDelete"),
        vec![120.1, 180.1, 240.1]
    );
    assert_eq!(
        job_names(&evs, "CronJob/hello", "SuccessfulDelete"),
        minute_names("hello", 1..=3)
    );
    // Delete first, then create, within one sync.
    let at_120: Vec<(&str, &str)> = evs
        .iter()
        .filter(|e| e.object == "CronJob/hello" && e.t == 120.1)
        .map(|e| (e.reason.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        at_120,
        vec![
            ("SuccessfulDelete", "Deleted job hello-29453761"),
            ("SuccessfulCreate", "Created job hello-29453762"),
        ]
    );
    // The replaced Jobs never complete.
    assert!(times(&evs, "CronJob/hello", "SawCompletedJob").is_empty());
    let killed: Vec<f64> = evs
        .iter()
        .filter(|e| e.reason == "Killing")
        .map(|e| e.t)
        .collect();
    assert_eq!(killed, vec![120.1, 180.1, 240.1]);

    let mut s = sim(&yaml);
    step_until(&mut s, 300, |s| {
        assert!(running_jobs(s) <= 1);
        assert!(cronjob(s, "hello").status.active.len() <= 1);
        // Every pod belongs to an existing Job, or is being deleted.
        for p in s.pods() {
            let owner = p.metadata.controller_of().expect("pod owner");
            assert!(
                s.cluster.store.contains::<Job>(&owner.name)
                    || p.metadata.deletion_timestamp.is_some(),
                "pod {} of a deleted Job not marked for deletion",
                p.metadata.name
            );
        }
    });
    assert_eq!(job_list(&s), minute_names("hello", [4]));
    let pods: Vec<&Pod> = s.pods();
    assert_eq!(pods.len(), 1, "the replaced Jobs' pods are gone");
    assert!(pods[0].metadata.name.starts_with("hello-29453764-"));
    let active: Vec<String> = cronjob(&s, "hello")
        .status
        .active
        .iter()
        .map(|r| r.name.clone())
        .collect();
    assert_eq!(active, minute_names("hello", [4]));
}

/// Allow (the default): `syncCronJob` creates regardless of status.active. A 90 s Job on a
/// 1-minute schedule overlaps the next one: status.active grows to 2 (60.1–152.1: …61; from
/// 120.1 also …62), then falls back to 1 when …61 completes at 152.1.
#[test]
fn allow_runs_overlapping_jobs_concurrently() {
    let yaml = cronjob_yaml(
        "hello",
        "*/1 * * * *",
        "",
        "",
        &[("duration", "90s")],
        "OnFailure",
    );
    let evs = run_jsonl(&[("cj.yaml", &yaml)], &["--until", "5m"]);
    assert_eq!(
        times(&evs, "CronJob/hello", "SuccessfulCreate"),
        vec![60.1, 120.1, 180.1, 240.1]
    );
    assert_eq!(
        times(&evs, "CronJob/hello", "SawCompletedJob"),
        vec![152.1, 212.1, 272.1]
    );
    assert!(times(&evs, "CronJob/hello", "JobAlreadyActive").is_empty());
    assert!(times(&evs, "CronJob/hello", "SuccessfulDelete").is_empty());

    let mut s = sim(&yaml);
    let mut max_active = 0;
    step_until(&mut s, 150, |s| {
        let active = cronjob(s, "hello").status.active.len();
        max_active = max_active.max(active);
        assert_eq!(active, running_jobs(s), "status.active = running Jobs");
    });
    assert_eq!(max_active, 2);
    let active: Vec<String> = cronjob(&s, "hello")
        .status
        .active
        .iter()
        .map(|r| r.name.clone())
        .collect();
    assert_eq!(active, minute_names("hello", 1..=2));
    let table = ctrlscope::kubectl::get_cronjobs(&s.cronjobs(), s.now(), false);
    assert!(
        table.contains("hello   */1 * * * *   <none>     False     2        30s"),
        "{table}"
    );
    step_until(&mut s, 300, |s| {
        assert!(cronjob(s, "hello").status.active.len() <= 2);
    });
}

// -------------------------------------------------------------------------------------------
// 5. The controller manager down: missed schedules

const DOWN_5M: &str = "- at: 2m30s\n  controllerDown: {for: 5m}\n";

/// No startingDeadlineSeconds, controller manager down 2m30s–7m30s (times 00:03–00:07 missed).
/// On restart the informers re-list and the CronJob syncs at 450 s: `mostRecentScheduleTime`
/// from lastScheduleTime 00:02 finds t1 = 00:03, t2 = 00:04 ≤ now, 5 missed, and returns only
/// the most recent, 00:07 — one Job (hello-…67) at once, not five.
#[test]
fn controller_down_without_deadline_starts_only_the_latest_missed_run() {
    let evs = run_jsonl(
        &[("hello.yaml", SEED_CRONJOB), ("down.yaml", DOWN_5M)],
        &["--scenario", "down.yaml", "--until", "10m"],
    );
    assert_eq!(
        times(&evs, "CronJob/hello", "SuccessfulCreate"),
        vec![60.1, 120.1, 450.0, 480.1, 540.1]
    );
    assert_eq!(
        job_names(&evs, "CronJob/hello", "SuccessfulCreate"),
        minute_names("hello", [1, 2, 7, 8, 9])
    );
    // 5 missed is "few": no warning.
    assert!(evs.iter().all(|e| e.type_ == "Normal"));
}

/// The simulation keeps each outage of the controller manager (the page shades it on a
/// CronJob's time axis); a stop while it is down extends the one under way.
#[test]
fn controller_outages_are_recorded() {
    let mut s = sim(SEED_CRONJOB);
    let at = |secs: i64| s_at(&s, secs);
    let (t30, t90, t150, t400, t700) = (at(30), at(90), at(150), at(400), at(700));
    s.run_until(t30);
    s.perform(&Action::ControllerDown(
        ctrlscope::api::Duration::from_secs(60),
    ))
    .expect("down");
    s.run_until(t90 - ctrlscope::api::Duration::from_secs(30));
    s.perform(&Action::ControllerDown(
        ctrlscope::api::Duration::from_secs(90),
    ))
    .expect("down again");
    assert_eq!(s.controller_outages(), [(t30, t150)]);
    s.run_until(t400);
    assert!(!s.controllers_down());
    s.perform(&Action::ControllerDown(
        ctrlscope::api::Duration::from_secs(300),
    ))
    .expect("down");
    s.run_until(t400 + ctrlscope::api::Duration::from_secs(10));
    assert_eq!(s.controller_outages(), [(t30, t150), (t400, t700)]);
}

fn s_at(s: &Simulation, secs: i64) -> Time {
    s.cluster.start + ctrlscope::api::Duration::from_secs(secs)
}

/// startingDeadlineSeconds 10, same outage. `mostRecentScheduleTime` with
/// includeStartingDeadlineSeconds moves the earliest time to now − 10 s = 7m20s, so at the
/// restart (7m30s) the next time, 00:08, is still ahead: nothing starts until 480.1. The missed
/// runs are simply not started — and no `MissSchedule` event either: since the earliest time
/// is already ≥ now − deadline, `syncCronJob`'s `tooLate` test can no longer be true.
#[test]
fn controller_down_with_starting_deadline_drops_missed_runs() {
    let yaml = SEED_CRONJOB.replace(
        "  schedule: \"*/1 * * * *\"\n",
        "  schedule: \"*/1 * * * *\"\n  startingDeadlineSeconds: 10\n",
    );
    assert_ne!(yaml, SEED_CRONJOB);
    let evs = run_jsonl(
        &[("hello.yaml", &yaml), ("down.yaml", DOWN_5M)],
        &["--scenario", "down.yaml", "--until", "10m"],
    );
    assert_eq!(
        times(&evs, "CronJob/hello", "SuccessfulCreate"),
        vec![60.1, 120.1, 480.1, 540.1]
    );
    assert_eq!(
        job_names(&evs, "CronJob/hello", "SuccessfulCreate"),
        minute_names("hello", [1, 2, 8, 9])
    );
    assert!(times(&evs, "CronJob/hello", "MissSchedule").is_empty());
    assert!(times(&evs, "CronJob/hello", "TooManyMissedTimes").is_empty());

    // Back within the deadline (down 2m30s + 4m35s → 7m05s): 00:07 is 5 s old ≤ 10 s, so it
    // starts at the restart, 5 s late.
    let evs = run_jsonl(
        &[
            ("hello.yaml", &yaml),
            ("down.yaml", "- at: 2m30s\n  controllerDown: {for: 4m35s}\n"),
        ],
        &["--scenario", "down.yaml", "--until", "10m"],
    );
    assert_eq!(
        times(&evs, "CronJob/hello", "SuccessfulCreate"),
        vec![60.1, 120.1, 425.0, 480.1, 540.1]
    );
    assert_eq!(
        job_names(&evs, "CronJob/hello", "SuccessfulCreate")[2],
        minute_names("hello", [7])[0]
    );
}

/// A "never skip" startingDeadlineSeconds of 10^10 s: Go's `time.Second * time.Duration(sds)`
/// wraps around int64 nanoseconds (utils.go mostRecentScheduleTime), the scheduling deadline
/// lands ~97 700 days ahead, and no Job is ever started, with no Event. 9 223 372 036 s, the
/// largest that does not wrap, runs every minute as without one.
#[test]
fn a_starting_deadline_past_292_years_wraps_and_nothing_starts() {
    let with = |sds: &str| {
        SEED_CRONJOB.replace(
            "  schedule: \"*/1 * * * *\"\n",
            &format!("  schedule: \"*/1 * * * *\"\n  startingDeadlineSeconds: {sds}\n"),
        )
    };
    for sds in ["10000000000", "9223372037", "9223372036854775807"] {
        let evs = run_jsonl(&[("hello.yaml", &with(sds))], &["--until", "5m"]);
        assert!(
            times(&evs, "CronJob/hello", "SuccessfulCreate").is_empty(),
            "{sds}"
        );
    }
    let evs = run_jsonl(&[("hello.yaml", &with("9223372036"))], &["--until", "3m1s"]);
    assert_eq!(
        times(&evs, "CronJob/hello", "SuccessfulCreate"),
        vec![60.1, 120.1, 180.1]
    );
    let out = cli(
        &[("hello.yaml", &with("10000000000"))],
        &[
            "run",
            "hello.yaml",
            "--until",
            "2m",
            "--loop",
            "--events",
            "none",
        ],
    );
    assert!(
        out.stdout
            .contains("startingDeadlineSeconds 10000000000 overflows Go's time.Duration"),
        "{}",
        out.stdout
    );
}

/// More than 100 missed times (`*/1`, down 3 h from 2m30s, no deadline): `mostRecentScheduleTime`
/// counts (now − t1)/60 s + 1 = 180 > 100 → manyMissed; `nextScheduleTime` records the
/// `TooManyMissedTimes` warning and still returns the most recent time (3h02m), which starts
/// at once: one Job.
#[test]
fn too_many_missed_times_warns_and_starts_one_job() {
    let evs = run_jsonl(
        &[
            ("hello.yaml", SEED_CRONJOB),
            ("down.yaml", "- at: 2m30s\n  controllerDown: {for: 3h}\n"),
        ],
        &["--scenario", "down.yaml", "--until", "3h5m"],
    );
    let restart = 150.0 + 3.0 * 3600.0;
    let warn: Vec<&Ev> = evs
        .iter()
        .filter(|e| e.reason == "TooManyMissedTimes")
        .collect();
    assert_eq!(warn.len(), 1);
    assert_eq!(
        (warn[0].t, warn[0].type_.as_str(), warn[0].object.as_str(), warn[0].message.as_str()),
        (
            restart,
            "Warning",
            "CronJob/hello",
            "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew"
        )
    );
    assert_eq!(
        times(&evs, "CronJob/hello", "SuccessfulCreate"),
        vec![60.1, 120.1, restart, 10980.1, 11040.1]
    );
    assert_eq!(
        job_names(&evs, "CronJob/hello", "SuccessfulCreate"),
        vec![
            job_name_at("hello", "2026-01-01T00:01:00Z"),
            job_name_at("hello", "2026-01-01T00:02:00Z"),
            job_name_at("hello", "2026-01-01T03:02:00Z"),
            job_name_at("hello", "2026-01-01T03:03:00Z"),
            job_name_at("hello", "2026-01-01T03:04:00Z"),
        ]
    );
}

// -------------------------------------------------------------------------------------------
// 6. suspend

/// `suspend: true` applied at 2m30s, `suspend: false` at 5m30s. While suspended `syncCronJob`
/// returns before scheduling. On resume `updateCronJob` (schedule unchanged) queues the CronJob
/// now; `mostRecentScheduleTime` from lastScheduleTime 00:02 finds 00:03–00:05 missed and, with
/// no startingDeadlineSeconds, the most recent, 00:05, starts at once (330 s).
#[test]
fn suspend_then_resume_starts_the_latest_missed_time() {
    let suspended = SEED_CRONJOB.replace(
        "  schedule: \"*/1 * * * *\"\n",
        "  schedule: \"*/1 * * * *\"\n  suspend: true\n",
    );
    let resumed = suspended.replace("suspend: true", "suspend: false");
    let scenario = format!(
        "{}{}",
        apply_at("2m30s", &suspended),
        apply_at("5m30s", &resumed)
    );
    let files = [("hello.yaml", SEED_CRONJOB), ("s.yaml", scenario.as_str())];
    let evs = run_jsonl(&files, &["--scenario", "s.yaml", "--until", "7m"]);
    assert_eq!(
        times(&evs, "CronJob/hello", "SuccessfulCreate"),
        vec![60.1, 120.1, 330.0, 360.1]
    );
    assert_eq!(
        job_names(&evs, "CronJob/hello", "SuccessfulCreate"),
        minute_names("hello", [1, 2, 5, 6])
    );

    // kubectl get cronjobs while suspended.
    let out = cli(
        &files,
        &[
            "run",
            "hello.yaml",
            "--scenario",
            "s.yaml",
            "--until",
            "4m",
            "--get",
            "cronjobs",
            "--every",
            "4m",
        ],
    );
    assert!(
        out.stdout.contains(
            "# t=4m (2026-01-01T00:04:00Z) kubectl get cronjobs\n\
NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n\
hello   */1 * * * *   <none>     True      0        2m              4m\n"
        ),
        "{}",
        out.stdout
    );
}

// -------------------------------------------------------------------------------------------
// 7. timeZone

/// `spec.timeZone: America/New_York`, `0 9 * * *`, from 2026-03-07T00:00:00Z for 3 days. US DST
/// starts Sunday 2026-03-08 at 02:00, so 09:00 New York is 14:00Z on the 7th, then 13:00Z.
/// `formatSchedule` runs the schedule as `TZ=America/New_York 0 9 * * *`, and
/// `getJobFromTemplate2` writes the scheduled-timestamp annotation `In(timeZoneLocation)`.
#[test]
fn time_zone_schedule_follows_new_york_across_dst() {
    let yaml = cronjob_yaml(
        "hello",
        "0 9 * * *",
        "  timeZone: \"America/New_York\"\n",
        "",
        &[],
        "OnFailure",
    );
    let out = cli(
        &[("cj.yaml", &yaml)],
        &[
            "run",
            "cj.yaml",
            "--start",
            "2026-03-07T00:00:00Z",
            "--until",
            "72h",
            "--events",
            "jsonl",
            "--final-state",
            "json",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let evs = events(&out);
    let (d7, d8, d9) = (
        14.0 * 3600.0,
        24.0 * 3600.0 + 13.0 * 3600.0,
        48.0 * 3600.0 + 13.0 * 3600.0,
    );
    assert_eq!(
        times(&evs, "CronJob/hello", "SuccessfulCreate"),
        vec![d7 + 0.1, d8 + 0.1, d9 + 0.1]
    );
    let expected = [
        ("2026-03-07T14:00:00Z", "2026-03-07T09:00:00-05:00"),
        ("2026-03-08T13:00:00Z", "2026-03-08T09:00:00-04:00"),
        ("2026-03-09T13:00:00Z", "2026-03-09T09:00:00-04:00"),
    ];
    assert_eq!(
        job_names(&evs, "CronJob/hello", "SuccessfulCreate"),
        expected
            .iter()
            .map(|(utc, _)| job_name_at("hello", utc))
            .collect::<Vec<_>>()
    );
    let items = final_state(&out.stdout);
    for (utc, local) in expected {
        let name = job_name_at("hello", utc);
        let job = items
            .iter()
            .find(|o| o["kind"] == "Job" && o["metadata"]["name"] == name.as_str())
            .unwrap_or_else(|| panic!("{name} in the final state"));
        assert_eq!(
            job["metadata"]["annotations"][SCHEDULED_TIMESTAMP_ANNOTATION], local,
            "{name}"
        );
    }
    let cj = items
        .iter()
        .find(|o| o["kind"] == "CronJob")
        .expect("CronJob");
    assert_eq!(cj["status"]["lastScheduleTime"], "2026-03-09T13:00:00Z");

    let out = cli(
        &[("cj.yaml", &yaml)],
        &[
            "run",
            "cj.yaml",
            "--start",
            "2026-03-07T00:00:00Z",
            "--until",
            "15h",
            "--get",
            "cronjobs",
            "--every",
            "15h",
        ],
    );
    assert!(
        out.stdout.contains(
            "NAME    SCHEDULE    TIMEZONE           SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n\
hello   0 9 * * *   America/New_York   False     0        60m             15h\n"
        ),
        "{}",
        out.stdout
    );
}

// -------------------------------------------------------------------------------------------
// 8–9. History limits

/// failedJobsHistoryLimit 1 with a Job that always fails (exit code 1, backoffLimit 0): each
/// Job fails 12 s after creation (`BackoffLimitExceeded`); `cleanupFinishedJobs` then finds 2
/// failed Jobs and `removeOldestJobs` deletes the older one, so one failed Job is kept.
#[test]
fn failed_jobs_history_limit_keeps_one_failed_job() {
    let yaml = cronjob_yaml(
        "flaky",
        "*/1 * * * *",
        "  failedJobsHistoryLimit: 1\n",
        "      backoffLimit: 0\n",
        &[("exit-codes", "1")],
        "Never",
    );
    let evs = run_jsonl(&[("cj.yaml", &yaml)], &["--until", "5m"]);
    assert_eq!(
        times(&evs, "CronJob/flaky", "SuccessfulCreate"),
        vec![60.1, 120.1, 180.1, 240.1]
    );
    let failed: Vec<f64> = evs
        .iter()
        .filter(|e| e.reason == "BackoffLimitExceeded")
        .map(|e| e.t)
        .collect();
    assert_eq!(failed, vec![72.1, 132.1, 192.1, 252.1]);
    assert_eq!(
        times(&evs, "CronJob/flaky", "SuccessfulDelete"),
        vec![132.1, 192.1, 252.1]
    );
    assert_eq!(
        job_names(&evs, "CronJob/flaky", "SuccessfulDelete"),
        minute_names("flaky", 1..=3)
    );
    assert!(evs.iter().any(|e| e.reason == "SawCompletedJob"
        && e.message == "Saw completed job: flaky-29453764, condition: Failed"));

    let mut s = sim(&yaml);
    step_until(&mut s, 300, |s| {
        let failed = s
            .jobs()
            .iter()
            .filter(|j| j.status.finished_type() == Some("Failed"))
            .count();
        assert!(failed <= 1, "failedJobsHistoryLimit 1, saw {failed}");
    });
    assert_eq!(job_list(&s), minute_names("flaky", [4]));
    let cj = cronjob(&s, "flaky");
    assert_eq!(cj.status.last_successful_time, None, "nothing succeeded");
    // The deleted Jobs' pods went with them.
    assert!(s
        .pods()
        .iter()
        .all(|p| p.metadata.name.starts_with("flaky-29453764-")));
}

/// A finished Job owned by `cj`, started at `start` seconds (or never).
fn finished_job(s: &mut Simulation, cj: &CronJob, name: &str, start: Option<i64>) {
    let at = |secs: i64| s.cluster.start + ctrlscope::api::Duration::from_secs(secs);
    let mut job = Job {
        api_version: "batch/v1".into(),
        kind: "Job".into(),
        metadata: ObjectMeta {
            name: name.into(),
            owner_references: vec![OwnerReference {
                api_version: "batch/v1".into(),
                kind: "CronJob".into(),
                name: cj.metadata.name.clone(),
                uid: cj.metadata.uid.clone(),
                controller: Some(true),
                block_owner_deletion: Some(true),
            }],
            ..Default::default()
        },
        spec: cj.spec.job_template.spec.clone(),
        status: Default::default(),
    };
    job.status.start_time = start.map(at);
    job.status.completion_time = Some(at(50));
    job.status.succeeded = 1;
    job.status.conditions.push(Condition {
        type_: "Complete".into(),
        status: "True".into(),
        last_transition_time: Some(at(50)),
        ..Default::default()
    });
    s.cluster
        .stamp_new(&mut job.metadata, ctrlscope::api::Kind::Job);
    ctrlscope::controllers::job::prepare_for_create(&mut job);
    s.cluster.store.create(job).expect("create job");
}

/// `removeOldestJobs` sorts with `byJobStartTime`: oldest status.startTime first, equal start
/// times by name, a Job with no startTime after every Job that has one. Five finished Jobs,
/// successfulJobsHistoryLimit 2 → the three oldest by start time go: b (10 s), e (10 s, after b
/// by name), d (20 s); a (30 s) and c (no startTime) stay — not the name order a, b, c.
#[test]
fn history_pruning_deletes_oldest_start_time_first() {
    let yaml = cronjob_yaml(
        "hist",
        "0 0 1 1 *",
        "  successfulJobsHistoryLimit: 2\n",
        "",
        &[],
        "OnFailure",
    );
    let mut s = sim(&yaml);
    // run_until, not step_until: Simulation::step would run on to the next due instant, a year
    // away (see the note on `step` in the report).
    let one = s.cluster.start + ctrlscope::api::Duration::from_secs(1);
    s.run_until(one);
    assert!(s.jobs().is_empty(), "the yearly schedule has not fired");
    let cj = cronjob(&s, "hist").clone();
    for (name, start) in [
        ("hist-a", Some(30)),
        ("hist-b", Some(10)),
        ("hist-c", None),
        ("hist-d", Some(20)),
        ("hist-e", Some(10)),
    ] {
        finished_job(&mut s, &cj, name, start);
    }
    let now = s.now();
    s.run_until(now);
    let deleted: Vec<String> = s
        .cluster
        .events
        .iter()
        .filter(|e| e.reason == "SuccessfulDelete")
        .map(|e| e.message().to_string())
        .collect();
    assert_eq!(
        deleted,
        vec![
            "Deleted job hist-b",
            "Deleted job hist-e",
            "Deleted job hist-d"
        ]
    );
    assert_eq!(job_list(&s), vec!["hist-a", "hist-c"]);
    // The deleted Jobs were in the lister's list, so lastSuccessfulTime was still read.
    assert_eq!(
        cronjob(&s, "hist")
            .status
            .last_successful_time
            .map(|t| secs(&s, t)),
        Some(50.0)
    );
}

/// successfulJobsHistoryLimit 0: each Job is deleted in the sync that sees it complete. `sync`
/// hands cleanupFinishedJobs and syncCronJob the same lister list, and `deleteJob` has already
/// taken the Job out of status.active, so there is no `SawCompletedJob`, yet lastSuccessfulTime
/// is still set from the deleted Job's completion time.
#[test]
fn zero_successful_history_deletes_each_job_when_it_completes() {
    let seed = seed_cronjob_10s();
    let yaml = seed.replace(
        "  schedule: \"*/1 * * * *\"\n",
        "  schedule: \"*/1 * * * *\"\n  successfulJobsHistoryLimit: 0\n",
    );
    let evs = run_jsonl(&[("hello.yaml", &yaml)], &["--until", "3m"]);
    assert_eq!(
        times(&evs, "CronJob/hello", "SuccessfulDelete"),
        vec![72.1, 132.1]
    );
    assert!(times(&evs, "CronJob/hello", "SawCompletedJob").is_empty());
    let mut s = sim(&yaml);
    step_until(&mut s, 180, |s| {
        assert!(s.jobs().iter().all(|j| !j.status.is_finished()));
    });
    let cj = cronjob(&s, "hello");
    assert_eq!(
        cj.status.last_successful_time.map(|t| secs(&s, t)),
        Some(132.1)
    );
    assert!(cj.status.active.is_empty());
}

// -------------------------------------------------------------------------------------------
// 10. Deleting the CronJob

/// `delete: CronJob/hello` at 185 s (hello-…63 running, …61 and …62 finished). Deletion is
/// background: the garbage collector deletes the three Jobs (their ownerReferences point at the
/// CronJob, `getJobFromTemplate2`), then their pods; the running container is stopped. The
/// CronJob's queued 240.1 s sync finds nothing (`sync`: NotFound → no requeue).
#[test]
fn deleting_the_cronjob_garbage_collects_its_jobs_and_pods() {
    let seed = seed_cronjob_10s();
    let scenario = "- at: 185s\n  delete: CronJob/hello\n";
    let evs = run_jsonl(
        &[("hello.yaml", seed.as_str()), ("s.yaml", scenario)],
        &["--scenario", "s.yaml", "--until", "5m"],
    );
    assert_eq!(
        times(&evs, "CronJob/hello", "SuccessfulCreate"),
        vec![60.1, 120.1, 180.1]
    );
    let killing: Vec<(f64, &str)> = evs
        .iter()
        .filter(|e| e.reason == "Killing")
        .map(|e| (e.t, e.object.as_str()))
        .collect();
    assert_eq!(killing.len(), 1);
    assert_eq!(killing[0].0, 185.0);
    assert!(killing[0].1.starts_with("Pod/hello-29453763-"));
    assert!(
        evs.iter().all(|e| e.t <= 185.0),
        "nothing after the deletion"
    );

    let mut s = sim(&seed);
    step_until(&mut s, 185, |_| {});
    assert_eq!(job_list(&s).len(), 3);
    assert_eq!(s.pods().len(), 3);
    s.perform(&ctrlscope::sim::scenario::Action::Delete(
        ctrlscope::api::Kind::CronJob,
        "hello".into(),
    ))
    .expect("delete cronjob");
    let now = s.now();
    s.run_until(now);
    step_until(&mut s, 186, |_| {});
    assert!(s.cronjobs().is_empty());
    assert!(s.jobs().is_empty(), "Jobs collected: {:?}", job_list(&s));
    // The running pod's shell (PID 1) ignores SIGTERM: it stays Terminating until its command
    // ends by itself, within the 30 s grace period.
    let terminating: Vec<_> = s
        .pods()
        .iter()
        .map(|p| ctrlscope::kubectl::pod_status(p))
        .collect();
    assert_eq!(terminating, ["Terminating"]);
    step_until(&mut s, 200, |_| {});
    assert!(s.pods().is_empty(), "pods collected");
    step_until(&mut s, 600, |s| assert!(s.jobs().is_empty()));
}

// -------------------------------------------------------------------------------------------
// 11. kubectl describe

/// `ctrlscope run … --describe cronjob/hello`: describe.go `describeCronJob` (defaults from
/// `SetDefaults_CronJob`, RFC 1123Z Last Schedule Time, `printActiveJobs`) and `DescribeEvents`.
#[test]
fn describe_cronjob_prints_fields_and_events() {
    let seed = seed_cronjob_10s();
    let out = cli(
        &[("hello.yaml", seed.as_str())],
        &[
            "run",
            "hello.yaml",
            "--until",
            "5m",
            "--events",
            "none",
            "--describe",
            "cronjob/hello",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let d = &out.stdout;
    for line in [
        "Name:                          hello\n",
        "Namespace:                     default\n",
        "Labels:                        <none>\n",
        "Annotations:                   <none>\n",
        "Schedule:                      */1 * * * *\n",
        "Concurrency Policy:            Allow\n",
        "Suspend:                       False\n",
        "Successful Job History Limit:  3\n",
        "Failed Job History Limit:      1\n",
        "Starting Deadline Seconds:     <unset>\n",
        "Selector:                      <unset>\n",
        // Real kubectl prints `Parallelism: <unset>` / `Completions: <unset>` here (the API server
        // does not default a CronJob's job template); CtrlScope's manifest defaults fill them in,
        // so they are not asserted.
        "Pod Template:\n",
        "   hello:\n",
        "    Image:      busybox:1.36\n",
        "      date; echo Hello from the Kubernetes cluster; sleep 10\n",
        "Last Schedule Time:  Thu, 01 Jan 2026 00:04:00 +0000\n",
        "Active Jobs:         <none>\n",
    ] {
        assert!(d.contains(line), "missing {line:?} in\n{d}");
    }
    let events = "Events:
  Type    Reason            Age    From                Message
  ----    ------            ----   ----                -------
  Normal  SuccessfulCreate  4m     cronjob-controller  Created job hello-29453761
  Normal  SawCompletedJob   3m48s  cronjob-controller  Saw completed job: hello-29453761, condition: Complete
  Normal  SuccessfulCreate  3m     cronjob-controller  Created job hello-29453762
  Normal  SawCompletedJob   2m48s  cronjob-controller  Saw completed job: hello-29453762, condition: Complete
  Normal  SuccessfulCreate  2m     cronjob-controller  Created job hello-29453763
  Normal  SawCompletedJob   108s   cronjob-controller  Saw completed job: hello-29453763, condition: Complete
  Normal  SuccessfulCreate  60s    cronjob-controller  Created job hello-29453764
  Normal  SuccessfulDelete  48s    cronjob-controller  Deleted job hello-29453761
  Normal  SawCompletedJob   48s    cronjob-controller  Saw completed job: hello-29453764, condition: Complete
";
    assert!(d.ends_with(&format!("{events}\n")), "{d}");

    // While a Job runs, Active Jobs names it.
    let out = cli(
        &[("hello.yaml", seed.as_str())],
        &[
            "run",
            "hello.yaml",
            "--until",
            "4m5s",
            "--events",
            "none",
            "--describe",
            "cronjob/hello",
        ],
    );
    assert!(
        out.stdout.contains("Active Jobs:         hello-29453764\n"),
        "{}",
        out.stdout
    );
    let missing = cli(
        &[("hello.yaml", seed.as_str())],
        &[
            "run",
            "hello.yaml",
            "--until",
            "1m",
            "--describe",
            "cronjob/nope",
        ],
    );
    assert!(missing
        .stdout
        .contains("Error from server (NotFound): cronjobs.batch \"nope\" not found"));
}

// -------------------------------------------------------------------------------------------
// Schedule changes

/// `updateCronJob`: when spec.schedule (or timeZone) changes, the CronJob is re-queued after
/// `nextScheduleTimeDuration` for the new schedule, not synced now. An hourly CronJob created at
/// 0 s is switched to `*/1` at 90 s: the next time is 00:02 (queued for 120.1 s), so 00:01 —
/// already past when the schedule changed — never runs.
#[test]
fn schedule_change_waits_for_the_new_schedules_next_time() {
    let hourly = cronjob_yaml("hello", "0 * * * *", "", "", &[], "OnFailure");
    let every_minute = hourly.replace("0 * * * *", "*/1 * * * *");
    let scenario = apply_at("90s", &every_minute);
    let evs = run_jsonl(
        &[("cj.yaml", &hourly), ("s.yaml", &scenario)],
        &["--scenario", "s.yaml", "--until", "3m"],
    );
    assert_eq!(
        times(&evs, "CronJob/hello", "SuccessfulCreate"),
        vec![120.1]
    );
    assert_eq!(
        job_names(&evs, "CronJob/hello", "SuccessfulCreate"),
        minute_names("hello", [2])
    );
}

/// A schedule that parses but never fires: `59 23 31 2 *` (31 February). robfig's `Next` gives
/// the zero time, so `mostRecentScheduleTime` sees two "schedules" less than a second apart and
/// errors (its own comment names this very schedule); `syncCronJob` records `InvalidSchedule`
/// and returns without a requeue.
#[test]
fn impossible_schedule_is_reported_as_invalid() {
    let yaml = cronjob_yaml("feb", "59 23 31 2 *", "", "", &[], "OnFailure");
    let evs = run_jsonl(&[("cj.yaml", &yaml)], &["--until", "1h"]);
    let got: Vec<(f64, &str, &str, &str)> = evs
        .iter()
        .map(|e| (e.t, e.type_.as_str(), e.reason.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![(
            0.0,
            "Warning",
            "InvalidSchedule",
            "invalid schedule: 59 23 31 2 * : time difference between two schedules is less than 1 second"
        )]
    );
}

/// `getJobFromTemplate2` copies jobTemplate.metadata labels and annotations to the Job, then
/// adds the scheduled-timestamp annotation; `SetDefaults_Job` fills a label-less Job from its pod
/// template only when jobTemplate.metadata.labels is empty.
#[test]
fn job_template_labels_and_annotations_are_copied() {
    let yaml = SEED_CRONJOB.replace(
        "  jobTemplate:\n    spec:\n",
        "  jobTemplate:\n    metadata:\n      labels:\n        app: hello\n      annotations:\n        team: batch\n    spec:\n",
    );
    assert_ne!(yaml, SEED_CRONJOB);
    let mut s = sim(&yaml);
    step_until(&mut s, 61, |_| {});
    let j = s
        .cluster
        .store
        .get::<Job>("hello-29453761")
        .expect("hello-29453761");
    let labels: Vec<(&str, &str)> = j
        .metadata
        .labels
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(labels, vec![("app", "hello")]);
    let annotations: Vec<(&str, &str)> = j
        .metadata
        .annotations
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        annotations,
        vec![
            (SCHEDULED_TIMESTAMP_ANNOTATION, "2026-01-01T00:01:00Z"),
            ("team", "batch"),
        ]
    );
}

/// Same YAML, scenario and seed ⇒ byte-identical output.
#[test]
fn cronjob_runs_are_deterministic() {
    let files = [("hello.yaml", SEED_CRONJOB), ("down.yaml", DOWN_5M)];
    let args = [
        "run",
        "hello.yaml",
        "--scenario",
        "down.yaml",
        "--until",
        "10m",
        "--events",
        "jsonl",
        "--final-state",
        "json",
    ];
    let a = cli(&files, &args);
    let b = cli(&files, &args);
    assert_eq!(a, b);
}

// -------------------------------------------------------------------------------------------
// 11. Manual runs (`kubectl create job --from=cronjob/…`) and `kubectl patch`

/// What the events say, for comparing two runs.
fn event_log(s: &Simulation) -> Vec<(f64, String, String, String)> {
    s.cluster
        .events
        .iter()
        .map(|e| {
            (
                secs(s, e.t),
                e.type_.to_string(),
                e.reason.to_string(),
                format!("{}/{}: {}", e.kind, e.name(), e.message()),
            )
        })
        .collect()
}

/// A console command at `at` seconds; returns its recordable action.
fn console_at(s: &mut Simulation, at: i64, line: &str) -> Action {
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(at));
    let r = ctrlscope::kubectl::console::run(s, line);
    assert!(!r.error, "{line}: {}", r.output);
    r.action.expect("a recordable action")
}

/// The page records a console action as a scenario entry (src/ui/record.rs: objects as
/// pretty JSON documents in an `apply:` string); reading it back must give the same objects.
fn round_trip(at: i64, action: &Action) -> Action {
    let Action::Apply(objs) = action else {
        panic!("not an apply: {action:?}")
    };
    let docs: Vec<String> = objs
        .iter()
        .map(|o| serde_json::to_string_pretty(o).expect("json"))
        .collect();
    let text = docs.join("\n---\n") + "\n";
    let entry = format!(
        "- at: {at}s\n  apply: {}\n",
        serde_json::to_string(&text).expect("quoted")
    );
    let mut v = parse_scenario(&entry, &|f| Err(f.to_string())).expect("entry parses");
    assert_eq!(v.len(), 1);
    let back = v.remove(0).action;
    assert_eq!(&back, action, "the entry reads back as the same objects");
    back
}

/// `kubectl create job manual --from=cronjob/hello` at 30 s (create_job.go
/// `createJobFromCronJob`). The Job is the CronJob's child (controller ownerReference) but
/// not in status.active: every sync while it runs warns `UnexpectedJob` (syncCronJob), its
/// completion is no `SawCompletedJob`, yet `cleanupFinishedJobs` counts it: with
/// successfulJobsHistoryLimit 1 it is the oldest finished Job when hello-…61 completes (72.1 s).
#[test]
fn manual_job_is_unexpected_not_active_and_counts_for_history() {
    let seed = seed_cronjob_10s();
    let yaml = seed.replace(
        "  schedule: \"*/1 * * * *\"\n",
        "  schedule: \"*/1 * * * *\"\n  successfulJobsHistoryLimit: 1\n",
    );
    let mut s = sim(&yaml);
    let action = console_at(&mut s, 30, "kubectl create job manual --from=cronjob/hello");
    step_until(&mut s, 100, |s| {
        let cj = cronjob(s, "hello");
        assert!(cj.status.active.iter().all(|r| r.name != "manual"));
    });
    let log = event_log(&s);
    let unexpected: Vec<f64> = log
        .iter()
        .filter(|e| e.2 == "UnexpectedJob")
        .map(|e| e.0)
        .collect();
    assert!(!unexpected.is_empty() && unexpected.iter().all(|t| (30.0..43.0).contains(t)));
    assert!(log.iter().any(|e| e.1 == "Warning"
        && e.3 == "CronJob/hello: Saw a job that the controller did not create or forgot: manual"));
    assert!(!log
        .iter()
        .any(|e| e.2 == "SawCompletedJob" && e.3.contains("manual")));
    let deleted: Vec<(f64, &str)> = log
        .iter()
        .filter(|e| e.2 == "SuccessfulDelete" && e.3.starts_with("CronJob/"))
        .map(|e| (e.0, e.3.as_str()))
        .collect();
    assert_eq!(deleted, vec![(72.1, "CronJob/hello: Deleted job manual")]);
    assert_eq!(
        job_list(&s),
        vec![job_name_at("hello", "2026-01-01T00:01:00Z")]
    );

    // Recorded and replayed (reload, share link): the same run, event for event.
    let mut replay = sim(&yaml);
    let back = round_trip(30, &action);
    replay.run_until(replay.cluster.start + ctrlscope::api::Duration::from_secs(30));
    replay.perform(&back).expect("replays");
    step_until(&mut replay, 100, |_| {});
    assert_eq!(event_log(&replay), log);
}

/// `kubectl patch cronjob hello -p '{"spec":{"suspend":true}}'` at 90 s: no Job after the
/// 60.1 s one (syncCronJob returns early for a suspended CronJob); the patch replays the same.
#[test]
fn patch_suspend_stops_the_schedule() {
    let mut s = sim(SEED_CRONJOB);
    let action = console_at(
        &mut s,
        90,
        r#"kubectl patch cronjob hello -p '{"spec":{"suspend":true}}'"#,
    );
    step_until(&mut s, 300, |_| {});
    let created: Vec<f64> = event_log(&s)
        .iter()
        .filter(|e| e.2 == "SuccessfulCreate" && e.3.starts_with("CronJob/"))
        .map(|e| e.0)
        .collect();
    assert_eq!(created, vec![60.1]);
    assert_eq!(cronjob(&s, "hello").spec.suspend, Some(true));
    let r = ctrlscope::kubectl::console::run(
        &mut s,
        r#"kubectl patch cronjob hello -p '{"spec":{"suspend":true}}'"#,
    );
    assert_eq!(
        (r.output.as_str(), r.action),
        ("cronjob.batch/hello patched (no change)", None)
    );

    let mut replay = sim(SEED_CRONJOB);
    let back = round_trip(90, &action);
    replay.run_until(replay.cluster.start + ctrlscope::api::Duration::from_secs(90));
    replay.perform(&back).expect("replays");
    step_until(&mut replay, 300, |_| {});
    assert_eq!(event_log(&replay), event_log(&s));
}

/// mostRecentScheduleTime (pkg/controller/cronjob/utils.go) walks every fire time of its
/// window without a bound. `* * 1-10 * *` resumed on Feb 10 after a month suspended: the
/// window holds 13 621 minutes, and the one Job is for the latest (11:00), with no
/// TooManyMissedTimes (t1 and t2 are three weeks apart: 2 missed). A cap of 10 000 steps had
/// created a stale Job for Feb 7 and warned.
#[test]
fn a_dense_schedule_resumed_starts_only_its_latest_run() {
    let yaml = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: dense\nspec:\n  schedule: \"* * 1-10 * *\"\n  suspend: true\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: w\n            image: busybox:1.36\n";
    let start = Time::parse_rfc3339("2026-01-10T23:58:30Z").expect("time");
    let mut s = Simulation::new(ctrlscope::sim::SimConfig {
        start,
        ..Default::default()
    });
    s.add_default_nodes();
    for o in ctrlscope::manifest::parse_manifests(yaml).expect("valid") {
        s.apply(o).expect("applied");
    }
    let resume = Time::parse_rfc3339("2026-02-10T11:00:00Z").expect("time");
    s.run_until(resume);
    let r = ctrlscope::kubectl::console::run(
        &mut s,
        r#"patch cronjob dense -p '{"spec":{"suspend":false}}'"#,
    );
    assert!(!r.error, "{}", r.output);
    s.run_until(resume + ctrlscope::api::Duration::from_secs(5));
    let jobs: Vec<String> = s
        .cluster
        .store
        .list::<Job>()
        .map(|j| j.metadata.name.clone())
        .collect();
    assert_eq!(jobs, ["dense-29512020"]);
    assert!(s
        .cluster
        .events
        .iter()
        .all(|e| e.reason != "TooManyMissedTimes"));
}

/// A restarted controller manager records through a new EventCorrelator (record.NewBroadcaster
/// at its start, tools/record/events_cache.go keeps its caches in memory): the CronJob
/// controller's JobAlreadyActive after the outage is a new Event, not a repeat of the one
/// before it.
#[test]
fn a_restarted_controller_manager_writes_new_events_not_repeats() {
    let cj = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: longrun}\nspec:\n  schedule: \"* * * * *\"\n  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: a, image: busybox, command: [sh, -c, \"sleep 600\"]}]\n";
    let out = common::cli(
        &[
            ("cj.yaml", cj),
            ("down.yaml", "- at: 200s\n  controllerDown: {for: 2m}\n"),
        ],
        &[
            "run",
            "cj.yaml",
            "--scenario",
            "down.yaml",
            "--until",
            "8m",
            "--events",
            "jsonl",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let active: Vec<(f64, u64)> = common::events(&out)
        .into_iter()
        .filter(|e| e.reason == "JobAlreadyActive")
        .map(|e| (e.t, e.count))
        .collect();
    // Before the outage: 2:00 and 3:00 (x2); after it (back at 5:20), counted from 1 again.
    let after: Vec<u64> = active
        .iter()
        .filter(|(t, _)| *t >= 320.0)
        .map(|(_, c)| *c)
        .collect();
    assert_eq!(
        active[..2].iter().map(|(_, c)| *c).collect::<Vec<_>>(),
        [1, 2],
        "{active:?}"
    );
    assert_eq!(after.first(), Some(&1), "{active:?}");
}

/// A long CLI run drops Events written more than two hours ago (flat memory over a year of a
/// CronJob): what kubectl shows afterwards is the same as without the drop, since the API
/// server keeps an Event only an hour (--event-ttl).
#[test]
fn pruned_events_change_nothing_kubectl_shows() {
    use ctrlscope::api::Duration;
    use ctrlscope::kubectl::console;
    let mut kept = sim(SEED_CRONJOB);
    step_until(&mut kept, 30 * 3600, |_| {});
    let mut pruned = kept.clone();
    pruned.cluster.prune_events(Duration::from_secs(7200));
    assert!(
        pruned.cluster.events_pruned > 10_000,
        "{}",
        pruned.cluster.events_pruned
    );
    assert!(pruned.cluster.events.len() < kept.cluster.events.len() / 10);
    for s in [&mut kept, &mut pruned] {
        let t = s.cluster.start + Duration::from_secs(32 * 3600);
        s.run_until(t);
    }
    assert_eq!(
        kept.cluster.events_recorded(),
        pruned.cluster.events_recorded()
    );
    for cmd in [
        "kubectl get events",
        "kubectl describe cronjob hello",
        "kubectl get events -o json",
    ] {
        assert_eq!(
            console::run(&mut kept, cmd).output,
            console::run(&mut pruned, cmd).output,
            "{cmd}"
        );
    }
}

/// `kubectl get events -w --watch-only` late in a run prints only what comes after it: it
/// counts the Event writes recorded, not the Events stored (a repeat is several writes of one
/// Event), which made it print thousands of old ones as new.
#[test]
fn a_late_events_watch_prints_only_new_events() {
    let out = cli(
        &[("c.yaml", SEED_CRONJOB)],
        &[
            "run",
            "c.yaml",
            "--until",
            "3h",
            "--kubectl",
            "2h59m30s: get events -w --watch-only",
        ],
    );
    let rows = out.stdout.lines().filter(|l| l.starts_with("0s ")).count();
    assert!(rows <= 12, "{}", out.stdout);
}

/// The API server validates each Job the controller creates (batch/validation.go
/// validateGeneratedSelector): a jobTemplate whose pod labels name another Job is valid in a
/// CronJob, but every scheduled Job is refused, a FailedCreate Warning on the CronJob.
#[test]
fn a_job_the_api_server_refuses_is_a_failed_create() {
    let yaml = SEED_CRONJOB.replace(
        "      template:\n",
        "      template:\n        metadata:\n          labels: {job-name: other}\n",
    );
    assert_ne!(yaml, SEED_CRONJOB);
    let mut s = sim(&yaml);
    step_until(&mut s, 70, |_| {});
    assert!(job_list(&s).is_empty(), "{:?}", job_list(&s));
    let failed = common::event_messages(&s, "FailedCreate");
    let name = job_name_at("hello", "2026-01-01T00:01:00Z");
    assert!(
        failed.first().is_some_and(|m| m.starts_with(&format!(
            "Error creating job: Job.batch \"{name}\" is invalid: spec.template.metadata.labels[job-name]: Invalid value: "
        )) && m.ends_with(&format!(": must be '{name}'"))),
        "{failed:#?}"
    );
    // The API server filled the new Job's uid before validating it: the printed labels hold a
    // uid, not the editor's stand-in, and each refused create had its own.
    let uid_of = |m: &String| {
        m.split("\"controller-uid\":\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .map(String::from)
    };
    let uids: Vec<Option<String>> = failed.iter().take(2).map(uid_of).collect();
    assert!(
        uids.iter()
            .all(|u| u.as_ref().is_some_and(|u| u.len() == 36)),
        "{failed:#?}"
    );
    assert_ne!(uids[0], uids[1]);
}

/// utils.go `byJobStartTime` over the stored start times (metav1.Time keeps whole seconds):
/// a manual Job started in the same second as the scheduled one sorts first by name, so
/// `removeOldestJobs` deletes it, not the scheduled Job.
#[test]
fn history_cleanup_orders_jobs_started_in_one_second_by_name() {
    let yaml = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: \"*/1 * * * *\"\n  successfulJobsHistoryLimit: 1\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: c\n            image: busybox:1.36\n            command: [\"sh\", \"-c\", \"sleep 5\"]\n          restartPolicy: OnFailure\n";
    let evs = run_jsonl(
        &[("c.yaml", yaml)],
        &[
            "--until",
            "100s",
            "--kubectl",
            "60.5s: create job a-manual --from=cronjob/c",
        ],
    );
    assert_eq!(
        job_names(&evs, "CronJob/c", "SuccessfulDelete"),
        ["a-manual"]
    );
}

/// The store keeps every Job a CronJob controlled after it is gone (the page's timeline draws
/// each run): one the TTL controller deleted (ttlafterfinished_controller.go) keeps its end, a
/// manual run (`kubectl create job --from`, create_job.go) deleted by hand is marked manual,
/// and a CronJob created again is another uid whose runs are its own.
#[test]
fn the_store_remembers_each_cronjob_run_after_its_job_is_gone() {
    let yaml = cronjob_yaml(
        "c",
        "*/1 * * * *",
        "",
        "      ttlSecondsAfterFinished: 5\n",
        &[],
        "Never",
    );
    let mut s = sim(&yaml);
    step_until(&mut s, 30, |_| {});
    let r =
        ctrlscope::kubectl::console::run(&mut s, "kubectl create job manual-1 --from=cronjob/c");
    assert!(r.output.contains("created"), "{}", r.output);
    step_until(&mut s, 40, |_| {});
    let r = ctrlscope::kubectl::console::run(&mut s, "kubectl delete job manual-1");
    assert!(r.output.contains("deleted"), "{}", r.output);
    step_until(&mut s, 200, |_| {});
    let first_uid = s
        .cluster
        .store
        .get::<CronJob>("c")
        .unwrap()
        .metadata
        .uid
        .clone();
    let runs: Vec<_> = s.cluster.store.cronjob_runs.iter().collect();
    let names: Vec<&str> = runs.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        ["manual-1", "c-29453761", "c-29453762", "c-29453763"]
    );
    assert!(runs.iter().all(|r| r.cronjob_uid == first_uid));
    assert_eq!(
        runs.iter().map(|r| r.manual).collect::<Vec<_>>(),
        [true, false, false, false]
    );
    // manual-1 was deleted at 40 s while it ran: no end.
    let manual = runs[0].removed.expect("manual-1 removed");
    assert_eq!((secs(&s, manual.0), manual.1), (40.0, None));
    // c-29453761 (created 1:00.1) completed, then the TTL controller removed it 5 s later.
    let (removed, end) = runs[1].removed.expect("TTL removed c-29453761");
    let (ended, failed) = end.expect("it had completed");
    assert!(!failed);
    assert_eq!(secs(&s, removed) - secs(&s, ended), 5.0);
    // Deleted and created again: another object, whose runs are not the first one's.
    let r = ctrlscope::kubectl::console::run(&mut s, "kubectl delete cronjob c");
    assert!(r.output.contains("deleted"), "{}", r.output);
    step_until(&mut s, 210, |_| {});
    for o in ctrlscope::manifest::parse_manifests(&yaml).unwrap() {
        s.apply(o).unwrap();
    }
    step_until(&mut s, 250, |_| {});
    let second_uid = s
        .cluster
        .store
        .get::<CronJob>("c")
        .unwrap()
        .metadata
        .uid
        .clone();
    assert_ne!(first_uid, second_uid);
    let second: Vec<&str> = s
        .cluster
        .store
        .cronjob_runs
        .iter()
        .filter(|r| r.cronjob_uid == second_uid)
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(second, ["c-29453764"]);
}
