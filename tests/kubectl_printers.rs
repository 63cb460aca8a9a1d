//! kubectl printers against Kubernetes' own test vectors and hand-checked kubectl output.
//!
//! Sources: apimachinery `pkg/util/duration/duration_test.go`, `pkg/printers/internalversion/
//! printers.go`, cli-runtime `pkg/printers/tableprinter.go` (tabwriter minwidth 6, padding 3),
//! kubectl `pkg/describe/describe.go` (tabwriter minwidth 0, padding 2).

use std::collections::BTreeMap;

mod common;

use ctrlscope::api::*;
use ctrlscope::kubectl::*;

// ---------------------------------------------------------------------------------------------
// Builders

const SEC: i64 = 1000;
const MIN: i64 = 60 * SEC;
const HOUR: i64 = 60 * MIN;
const DAY: i64 = 24 * HOUR;

fn base() -> Time {
    // Thu, 16 Apr 2026 10:36:28 UTC
    Time::from_unix_secs(1_776_335_788)
}

fn at(secs: i64) -> Time {
    base() + Duration::from_secs(secs)
}

fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn cond(type_: &str, status: &str) -> Condition {
    Condition {
        type_: type_.into(),
        status: status.into(),
        ..Default::default()
    }
}

fn meta(name: &str, created: Time) -> ObjectMeta {
    ObjectMeta {
        name: name.into(),
        namespace: "default".into(),
        creation_timestamp: Some(created),
        ..Default::default()
    }
}

fn container(name: &str, image: &str) -> Container {
    Container {
        name: name.into(),
        image: image.into(),
        ..Default::default()
    }
}

fn running(name: &str, ready: bool, started: Time) -> ContainerStatus {
    ContainerStatus {
        name: name.into(),
        image: "busybox".into(),
        ready,
        started: true,
        state: ContainerState {
            running: Some(ContainerStateRunning {
                started_at: started,
            }),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn waiting(name: &str, reason: &str) -> ContainerStatus {
    ContainerStatus {
        name: name.into(),
        image: "busybox".into(),
        state: ContainerState {
            waiting: Some(ContainerStateWaiting {
                reason: reason.into(),
                message: String::new(),
            }),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn terminated(name: &str, exit_code: i32, reason: &str, start: Time, end: Time) -> ContainerStatus {
    ContainerStatus {
        name: name.into(),
        image: "busybox".into(),
        state: ContainerState {
            terminated: Some(ContainerStateTerminated {
                exit_code,
                reason: reason.into(),
                started_at: start,
                finished_at: end,
            }),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn pod(name: &str, created: Time, phase: &str, statuses: Vec<ContainerStatus>) -> Pod {
    let containers = statuses
        .iter()
        .map(|s| container(&s.name, "busybox"))
        .collect::<Vec<_>>();
    Pod {
        api_version: "v1".into(),
        kind: "Pod".into(),
        metadata: meta(name, created),
        spec: PodSpec {
            containers: if containers.is_empty() {
                vec![container("main", "busybox")]
            } else {
                containers
            },
            ..Default::default()
        },
        status: PodStatus {
            phase: phase.into(),
            container_statuses: statuses,
            ..Default::default()
        },
    }
}

fn job(name: &str, created: Time) -> Job {
    Job {
        api_version: "batch/v1".into(),
        kind: "Job".into(),
        metadata: meta(name, created),
        spec: JobSpec {
            template: PodTemplateSpec {
                spec: PodSpec {
                    containers: vec![container(name, "perl:5.34.0")],
                    restart_policy: "Never".into(),
                    ..Default::default()
                },
                ..Default::default()
            },
            ..Default::default()
        },
        status: JobStatus::default(),
    }
}

#[allow(clippy::too_many_arguments)]
fn event(
    kind: &str,
    name: &str,
    reason: &str,
    msg: &str,
    component: &str,
    first: Time,
    last: Time,
    count: i32,
) -> Event {
    Event {
        api_version: "v1".into(),
        kind: "Event".into(),
        metadata: meta(&format!("{name}.18a2b3c4d5e6f7a8"), first),
        involved_object: ObjectReference {
            kind: kind.into(),
            namespace: "default".into(),
            name: name.into(),
            // The uid of the fixture object it is about (describe selects Events by uid).
            uid: match kind {
                "Job" => UID,
                "CronJob" => "cj-uid",
                "DaemonSet" => "ds-uid-1",
                _ => "",
            }
            .into(),
            ..Default::default()
        },
        reason: reason.into(),
        message: msg.into(),
        type_: if reason.starts_with("Back") || reason == "Failed" {
            "Warning".into()
        } else {
            "Normal".into()
        },
        source: EventSource {
            component: component.into(),
            host: String::new(),
        },
        first_timestamp: Some(first),
        last_timestamp: Some(last),
        count,
        ..Default::default()
    }
}

// ---------------------------------------------------------------------------------------------
// HumanDuration

#[test]
fn human_duration_test_human_duration() {
    // TestHumanDuration, apimachinery pkg/util/duration/duration_test.go
    let cases: &[(i64, &str)] = &[
        (SEC, "1s"),
        (70 * SEC, "70s"),
        (190 * SEC, "3m10s"),
        (70 * MIN, "70m"),
        (47 * HOUR, "47h"),
        (49 * HOUR, "2d1h"),
        ((8 * 24 + 2) * HOUR, "8d"),
        ((367 * 24) * HOUR, "367d"),
        ((365 * 2 * 24 + 25) * HOUR, "2y1d"),
        ((365 * 8 * 24 + 2) * HOUR, "8y"),
    ];
    for (ms, want) in cases {
        assert_eq!(human_duration(Duration(*ms)), *want, "{ms} ms");
    }
}

#[test]
fn human_duration_test_human_duration_boundaries() {
    // TestHumanDurationBoundaries, apimachinery pkg/util/duration/duration_test.go. Go's
    // durations are nanoseconds; "- time.Millisecond" and "+ 1" (ns) become ±1 ms here.
    let cases: &[(i64, &str)] = &[
        (-2 * SEC, "<invalid>"),
        (-2 * SEC + 1, "0s"),
        (0, "0s"),
        (SEC - 1, "0s"),
        (2 * MIN - 1, "119s"),
        (2 * MIN, "2m"),
        (2 * MIN + SEC, "2m1s"),
        (10 * MIN - 1, "9m59s"),
        (10 * MIN, "10m"),
        (10 * MIN + SEC, "10m"),
        (3 * HOUR - 1, "179m"),
        (3 * HOUR, "3h"),
        (3 * HOUR + MIN, "3h1m"),
        (8 * HOUR - 1, "7h59m"),
        (8 * HOUR, "8h"),
        (8 * HOUR + 59 * MIN, "8h"),
        (2 * DAY - 1, "47h"),
        (2 * DAY, "2d"),
        (2 * DAY + HOUR, "2d1h"),
        (8 * DAY - 1, "7d23h"),
        (8 * DAY, "8d"),
        (8 * DAY + 23 * HOUR, "8d"),
        (2 * 365 * DAY - 1, "729d"),
        (2 * 365 * DAY, "2y"),
        (2 * 365 * DAY + 23 * HOUR, "2y"),
        (2 * 365 * DAY + 23 * HOUR + 59 * MIN, "2y"),
        (2 * 365 * DAY + DAY - 1, "2y"),
        (2 * 365 * DAY + DAY, "2y1d"),
        (3 * 365 * DAY, "3y"),
        (4 * 365 * DAY, "4y"),
        (5 * 365 * DAY, "5y"),
        (6 * 365 * DAY, "6y"),
        (7 * 365 * DAY, "7y"),
        (8 * 365 * DAY - 1, "7y364d"),
        (8 * 365 * DAY, "8y"),
        (8 * 365 * DAY + 364 * DAY, "8y"),
        (9 * 365 * DAY, "9y"),
    ];
    for (ms, want) in cases {
        assert_eq!(human_duration(Duration(*ms)), *want, "{ms} ms");
    }
}

#[test]
fn human_duration_test_short_human_duration_boundaries() {
    // TestShortHumanDurationBoundaries, apimachinery pkg/util/duration/duration_test.go
    let cases: &[(i64, &str)] = &[
        (-2 * SEC, "<invalid>"),
        (-2 * SEC + 1, "0s"),
        (0, "0s"),
        (SEC - 1, "0s"),
        (SEC, "1s"),
        (2 * SEC - 1, "1s"),
        (MIN - 1, "59s"),
        (MIN, "1m"),
        (2 * MIN - 1, "1m"),
        (HOUR - 1, "59m"),
        (HOUR, "1h"),
        (2 * HOUR - 1, "1h"),
        (DAY - 1, "23h"),
        (DAY, "1d"),
        (2 * DAY - 1, "1d"),
        (365 * DAY - 1, "364d"),
        (365 * DAY, "1y"),
        (2 * 365 * DAY - 1, "1y"),
        (2 * 365 * DAY, "2y"),
    ];
    for (ms, want) in cases {
        assert_eq!(short_human_duration(Duration(*ms)), *want, "{ms} ms");
    }
}

#[test]
fn translate_timestamp_since_unknown_and_ages() {
    let now = at(0);
    assert_eq!(translate_timestamp_since(None, now), "<unknown>");
    // The lecture's ages: 146 s is past the two-minute mark, 110 s is not.
    assert_eq!(translate_timestamp_since(Some(at(-146)), now), "2m26s");
    assert_eq!(translate_timestamp_since(Some(at(-110)), now), "110s");
    assert_eq!(translate_timestamp_since(Some(at(-73)), now), "73s");
    assert_eq!(translate_timestamp_since(Some(at(-40)), now), "40s");
}

// ---------------------------------------------------------------------------------------------
// Pod STATUS / READY / RESTARTS (printPod)

#[test]
fn pod_status_pending_without_statuses_is_the_phase() {
    let p = pod("p", at(0), "Pending", vec![]);
    assert_eq!(pod_status(&p), "Pending");
    assert_eq!(pod_ready(&p), "0/1");
}

#[test]
fn pod_status_container_creating() {
    let p = pod(
        "p",
        at(0),
        "Pending",
        vec![waiting("c", "ContainerCreating")],
    );
    assert_eq!(pod_status(&p), "ContainerCreating");
    assert_eq!(pod_ready(&p), "0/1");
}

#[test]
fn pod_status_running_ready() {
    let p = pod("p", at(0), "Running", vec![running("c", true, at(1))]);
    assert_eq!(pod_status(&p), "Running");
    assert_eq!(pod_ready(&p), "1/1");
}

#[test]
fn pod_status_running_not_ready_counts_zero_ready() {
    let p = pod("p", at(0), "Running", vec![running("c", false, at(1))]);
    assert_eq!(pod_status(&p), "Running");
    assert_eq!(pod_ready(&p), "0/1");
}

#[test]
fn pod_status_completed_and_error() {
    let ok = pod(
        "p",
        at(0),
        "Succeeded",
        vec![terminated("c", 0, "Completed", at(1), at(9))],
    );
    assert_eq!(pod_status(&ok), "Completed");
    assert_eq!(pod_ready(&ok), "0/1");
    let err = pod(
        "p",
        at(0),
        "Failed",
        vec![terminated("c", 1, "Error", at(1), at(9))],
    );
    assert_eq!(pod_status(&err), "Error");
    let oom = pod(
        "p",
        at(0),
        "Failed",
        vec![terminated("c", 137, "OOMKilled", at(1), at(9))],
    );
    assert_eq!(pod_status(&oom), "OOMKilled");
}

#[test]
fn pod_status_terminated_without_reason_is_exit_code() {
    let p = pod(
        "p",
        at(0),
        "Failed",
        vec![terminated("c", 3, "", at(1), at(9))],
    );
    assert_eq!(pod_status(&p), "ExitCode:3");
}

#[test]
fn pod_status_crash_loop_back_off_with_restarts_ago() {
    let mut cs = waiting("c", "CrashLoopBackOff");
    cs.restart_count = 3;
    cs.last_state = ContainerState {
        terminated: Some(ContainerStateTerminated {
            exit_code: 1,
            reason: "Error".into(),
            started_at: at(50),
            finished_at: at(55),
        }),
        ..Default::default()
    };
    let p = pod("p", at(0), "Running", vec![cs]);
    assert_eq!(pod_status(&p), "CrashLoopBackOff");
    assert_eq!(pod_restarts(&p, at(100)), "3 (45s ago)");
}

#[test]
fn pod_restarts_without_last_termination_is_a_plain_count() {
    let mut cs = running("c", true, at(1));
    cs.restart_count = 2;
    let p = pod("p", at(0), "Running", vec![cs]);
    assert_eq!(pod_restarts(&p, at(100)), "2");
    let fresh = pod("p", at(0), "Running", vec![running("c", true, at(1))]);
    assert_eq!(pod_restarts(&fresh, at(100)), "0");
}

#[test]
fn pod_status_terminating_unless_terminal() {
    let mut p = pod("p", at(0), "Running", vec![running("c", true, at(1))]);
    p.metadata.deletion_timestamp = Some(at(30));
    assert_eq!(pod_status(&p), "Terminating");
    let mut done = pod(
        "p",
        at(0),
        "Succeeded",
        vec![terminated("c", 0, "Completed", at(1), at(9))],
    );
    done.metadata.deletion_timestamp = Some(at(30));
    assert_eq!(pod_status(&done), "Completed");
}

#[test]
fn pod_status_node_lost_reads_unknown() {
    let mut p = pod("p", at(0), "Running", vec![running("c", true, at(1))]);
    p.status.reason = "NodeLost".into();
    p.metadata.deletion_timestamp = Some(at(30));
    assert_eq!(pod_status(&p), "Unknown");
}

#[test]
fn pod_status_reason_overrides_phase() {
    let mut p = pod("p", at(0), "Failed", vec![]);
    p.status.reason = "Evicted".into();
    assert_eq!(pod_status(&p), "Evicted");
}

#[test]
fn pod_status_scheduling_gated() {
    let mut p = pod("p", at(0), "Pending", vec![]);
    p.status.conditions.push(Condition {
        reason: "SchedulingGated".into(),
        ..cond("PodScheduled", "False")
    });
    assert_eq!(pod_status(&p), "SchedulingGated");
}

#[test]
fn pod_status_completed_with_a_running_container_is_running_or_not_ready() {
    // Containers are read last to first: the first container's Completed decides the reason,
    // and the running sidecar turns it back to Running (Ready condition) or NotReady.
    let statuses = vec![
        terminated("a", 0, "Completed", at(1), at(9)),
        running("b", true, at(1)),
    ];
    let mut p = pod("p", at(0), "Running", statuses);
    assert_eq!(pod_status(&p), "NotReady");
    assert_eq!(pod_ready(&p), "1/2");
    p.status.conditions.push(cond("Ready", "True"));
    assert_eq!(pod_status(&p), "Running");
}

#[test]
fn pod_ready_counts_sidecar_init_containers_in_total() {
    let mut p = pod("p", at(0), "Running", vec![running("c", true, at(1))]);
    let mut sidecar = container("proxy", "envoy");
    sidecar
        .other
        .insert("restartPolicy".into(), serde_json::Value::from("Always"));
    p.spec.init_containers.push(sidecar);
    p.spec.init_containers.push(container("setup", "busybox"));
    assert_eq!(pod_ready(&p), "1/2");
}

// ---------------------------------------------------------------------------------------------
// Job STATUS / COMPLETIONS / DURATION (printJob)

#[test]
fn job_completions_every_mode() {
    // NonIndexed with completions.
    let mut j = job("pi", at(0));
    j.spec.completions = Some(8);
    j.spec.parallelism = Some(2);
    j.status.succeeded = 2;
    assert_eq!(job_completions(&j), "2/8");
    // Indexed prints the same way.
    j.spec.completion_mode = Some("Indexed".into());
    j.spec.completions = Some(5);
    j.status.succeeded = 3;
    j.status.completed_indexes = "0-2".into();
    assert_eq!(job_completions(&j), "3/5");
    // Work queue: completions unset, parallelism > 1.
    let mut q = job("queue", at(0));
    q.spec.parallelism = Some(3);
    assert_eq!(job_completions(&q), "0/1 of 3");
    q.status.succeeded = 1;
    assert_eq!(job_completions(&q), "1/1 of 3");
    // Work queue with parallelism 1, and nothing set at all.
    q.spec.parallelism = Some(1);
    assert_eq!(job_completions(&q), "1/1");
    assert_eq!(job_completions(&job("bare", at(0))), "0/1");
}

#[test]
fn job_status_strings_in_precedence_order() {
    let mut j = job("pi", at(0));
    assert_eq!(job_status(&j), "Running");
    j.status.conditions = vec![cond("FailureTarget", "True")];
    assert_eq!(job_status(&j), "FailureTarget");
    j.status.conditions = vec![cond("Suspended", "True")];
    assert_eq!(job_status(&j), "Suspended");
    j.status.conditions = vec![cond("Suspended", "False")];
    assert_eq!(job_status(&j), "Running");
    // kubectl 1.34 (kubernetes PR #132832) shows the interim success condition.
    j.status.conditions = vec![cond("SuccessCriteriaMet", "True")];
    assert_eq!(job_status(&j), "SuccessCriteriaMet");
    j.status.conditions = vec![cond("SuccessCriteriaMet", "False")];
    assert_eq!(job_status(&j), "Running");
    j.status.conditions = vec![cond("SuccessCriteriaMet", "True")];
    j.metadata.deletion_timestamp = Some(at(5));
    assert_eq!(job_status(&j), "Terminating");
    j.status.conditions = vec![cond("FailureTarget", "True"), cond("Failed", "True")];
    assert_eq!(job_status(&j), "Failed");
    j.status.conditions = vec![cond("SuccessCriteriaMet", "True"), cond("Complete", "True")];
    assert_eq!(job_status(&j), "Complete");
}

#[test]
fn job_duration_not_started_running_and_complete() {
    let mut j = job("pi", at(0));
    assert_eq!(job_duration(&j, at(100)), "");
    j.status.start_time = Some(at(1));
    assert_eq!(job_duration(&j, at(147)), "2m26s");
    j.status.completion_time = Some(at(66));
    assert_eq!(job_duration(&j, at(1000)), "65s");
}

// ---------------------------------------------------------------------------------------------
// Tables: tabwriter layout as kubectl prints it

#[test]
fn get_pods_lecture_table() {
    let now = at(146);
    let pods = [
        pod(
            "pi-2fmtr",
            at(0),
            "Succeeded",
            vec![terminated("pi", 0, "Completed", at(2), at(30))],
        ),
        pod(
            "pi-8kq5x",
            at(36),
            "Succeeded",
            vec![terminated("pi", 0, "Completed", at(38), at(70))],
        ),
        pod(
            "pi-tz8v9",
            at(73),
            "Running",
            vec![running("pi", true, at(75))],
        ),
        pod(
            "pi-zl4wb",
            at(106),
            "Pending",
            vec![waiting("pi", "ContainerCreating")],
        ),
    ];
    let refs: Vec<&Pod> = pods.iter().collect();
    let want = "\
NAME       READY   STATUS              RESTARTS   AGE
pi-2fmtr   0/1     Completed           0          2m26s
pi-8kq5x   0/1     Completed           0          110s
pi-tz8v9   1/1     Running             0          73s
pi-zl4wb   0/1     ContainerCreating   0          40s
";
    assert_eq!(get_pods(&refs, now, false), want);
}

#[test]
fn get_pods_wide_adds_ip_node_nominated_node_readiness_gates() {
    let mut a = pod(
        "pi-tz8v9",
        at(0),
        "Running",
        vec![running("pi", true, at(2))],
    );
    a.spec.node_name = "node01".into();
    a.status.pod_ip = "10.244.1.5".into();
    let b = pod("pi-zl4wb", at(30), "Pending", vec![]);
    let want = "\
NAME       READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
pi-tz8v9   1/1     Running   0          60s   10.244.1.5   node01   <none>           <none>
pi-zl4wb   0/1     Pending   0          30s   <none>       <none>   <none>           <none>
";
    assert_eq!(get_pods(&[&a, &b], at(60), true), want);
}

#[test]
fn get_jobs_table() {
    let mut pi = job("pi", at(0));
    pi.spec.completions = Some(4);
    pi.spec.parallelism = Some(2);
    pi.status.start_time = Some(at(0));
    pi.status.succeeded = 2;
    let mut done = job("hello-29123456", at(-600));
    done.spec.completions = Some(1);
    done.status.start_time = Some(at(-600));
    done.status.completion_time = Some(at(-595));
    done.status.succeeded = 1;
    done.status.conditions = vec![cond("SuccessCriteriaMet", "True"), cond("Complete", "True")];
    let mut queue = job("queue", at(-73));
    queue.spec.parallelism = Some(3);
    let want = "\
NAME             STATUS     COMPLETIONS   DURATION   AGE
pi               Running    2/4           2m26s      2m26s
hello-29123456   Complete   1/1           5s         12m
queue            Running    0/1 of 3                 3m39s
";
    assert_eq!(get_jobs(&[&pi, &done, &queue], at(146), false), want);
}

#[test]
fn get_jobs_wide_adds_containers_images_selector() {
    let mut pi = job("pi", at(0));
    pi.spec.completions = Some(1);
    pi.spec.selector = Some(LabelSelector {
        match_labels: labels(&[("batch.kubernetes.io/controller-uid", "4b2f")]),
        ..Default::default()
    });
    let want = "\
NAME   STATUS    COMPLETIONS   DURATION   AGE   CONTAINERS   IMAGES        SELECTOR
pi     Running   0/1                      10s   pi           perl:5.34.0   batch.kubernetes.io/controller-uid=4b2f
";
    assert_eq!(get_jobs(&[&pi], at(10), true), want);
}

#[test]
fn get_cronjobs_table() {
    let hello = CronJob {
        api_version: "batch/v1".into(),
        kind: "CronJob".into(),
        metadata: meta("hello", at(0)),
        spec: CronJobSpec {
            schedule: "*/1 * * * *".into(),
            ..Default::default()
        },
        status: CronJobStatus::default(),
    };
    let mut nightly = hello.clone();
    nightly.metadata = meta("nightly-report", at(-3 * 86_400));
    nightly.spec.schedule = "0 2 * * *".into();
    nightly.spec.time_zone = Some("Europe/Paris".into());
    nightly.spec.suspend = Some(true);
    nightly.status.active = vec![ObjectReference {
        kind: "Job".into(),
        name: "nightly-report-29600000".into(),
        ..Default::default()
    }];
    nightly.status.last_schedule_time = Some(at(-40));
    let want = "\
NAME             SCHEDULE      TIMEZONE       SUSPEND   ACTIVE   LAST SCHEDULE   AGE
hello            */1 * * * *   <none>         False     0        <none>          10s
nightly-report   0 2 * * *     Europe/Paris   True      1        50s             3d
";
    assert_eq!(get_cronjobs(&[&hello, &nightly], at(10), false), want);
}

fn fluentd() -> DaemonSet {
    DaemonSet {
        api_version: "apps/v1".into(),
        kind: "DaemonSet".into(),
        metadata: ObjectMeta {
            uid: "ds-uid-1".into(),
            namespace: "kube-system".into(),
            labels: labels(&[("k8s-app", "fluentd-logging")]),
            ..meta("fluentd-elasticsearch", at(0))
        },
        spec: DaemonSetSpec {
            selector: Some(LabelSelector {
                match_labels: labels(&[("name", "fluentd-elasticsearch")]),
                ..Default::default()
            }),
            template: PodTemplateSpec {
                metadata: ObjectMeta {
                    labels: labels(&[("name", "fluentd-elasticsearch")]),
                    ..Default::default()
                },
                spec: PodSpec {
                    containers: vec![container(
                        "fluentd-elasticsearch",
                        "quay.io/fluentd_elasticsearch/fluentd:v5.0.1",
                    )],
                    tolerations: vec![Toleration {
                        key: "node-role.kubernetes.io/control-plane".into(),
                        operator: "Exists".into(),
                        effect: "NoSchedule".into(),
                        ..Default::default()
                    }],
                    ..Default::default()
                },
            },
            ..Default::default()
        },
        status: DaemonSetStatus {
            desired_number_scheduled: 3,
            current_number_scheduled: 3,
            number_ready: 2,
            updated_number_scheduled: 3,
            number_available: 2,
            number_unavailable: 1,
            ..Default::default()
        },
    }
}

#[test]
fn get_daemonsets_table_with_node_selector() {
    let a = fluentd();
    let mut b = fluentd();
    b.metadata.name = "gpu-plugin".into();
    b.spec.template.spec.node_selector = labels(&[("gpu", "true"), ("disktype", "ssd")]);
    b.status = DaemonSetStatus::default();
    let want = "\
NAME                    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR           AGE
fluentd-elasticsearch   3         3         2       3            2           <none>                  5m
gpu-plugin              0         0         0       0            0           disktype=ssd,gpu=true   5m
";
    assert_eq!(get_daemonsets(&[&a, &b], at(300), false), want);
}

#[test]
fn get_daemonsets_wide() {
    let a = fluentd();
    let want = "\
NAME                    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE   CONTAINERS              IMAGES                                         SELECTOR
fluentd-elasticsearch   3         3         2       3            2           <none>          5m    fluentd-elasticsearch   quay.io/fluentd_elasticsearch/fluentd:v5.0.1   name=fluentd-elasticsearch
";
    assert_eq!(get_daemonsets(&[&a], at(300), true), want);
}

#[test]
fn get_nodes_table() {
    let node = |name: &str, role: Option<&str>, ready: &str, cordoned: bool| Node {
        api_version: "v1".into(),
        kind: "Node".into(),
        metadata: ObjectMeta {
            labels: match role {
                Some(r) => labels(&[(&format!("node-role.kubernetes.io/{r}"), "")]),
                None => BTreeMap::new(),
            },
            ..meta(name, at(-5 * 86_400))
        },
        spec: NodeSpec {
            unschedulable: cordoned,
            ..Default::default()
        },
        status: NodeStatus {
            conditions: vec![cond("Ready", ready)],
            node_info: ctrlscope::api::NodeSystemInfo {
                kubelet_version: "v1.34.0".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    };
    let cp = node("controlplane", Some("control-plane"), "True", false);
    let n1 = node("node01", None, "True", true);
    let n2 = node("node02", None, "Unknown", false);
    let mut n3 = node("node03", None, "True", false);
    n3.status.conditions.clear();
    let want = "\
NAME           STATUS                     ROLES           AGE   VERSION
controlplane   Ready                      control-plane   5d    v1.34.0
node01         Ready,SchedulingDisabled   <none>          5d    v1.34.0
node02         NotReady                   <none>          5d    v1.34.0
node03         Unknown                    <none>          5d    v1.34.0
";
    assert_eq!(get_nodes(&[&cp, &n1, &n2, &n3], at(0), false), want);
}

#[test]
fn get_events_table() {
    let evs = [
        event(
            "Job",
            "pi",
            "SuccessfulCreate",
            "Created pod: pi-2fmtr",
            "job-controller",
            at(0),
            at(0),
            1,
        ),
        event(
            "Pod",
            "pi-2fmtr",
            "Scheduled",
            "Successfully assigned default/pi-2fmtr to node01",
            "default-scheduler",
            at(0),
            at(0),
            1,
        ),
        event(
            "Pod",
            "pi-2fmtr",
            "BackOff",
            "Back-off restarting failed container pi in pod pi-2fmtr_default(...)\n",
            "kubelet",
            at(20),
            at(106),
            4,
        ),
    ];
    let refs: Vec<&Event> = evs.iter().collect();
    let want = "\
LAST SEEN   TYPE      REASON             OBJECT         MESSAGE
2m26s       Normal    SuccessfulCreate   job/pi         Created pod: pi-2fmtr
2m26s       Normal    Scheduled          pod/pi-2fmtr   Successfully assigned default/pi-2fmtr to node01
40s         Warning   BackOff            pod/pi-2fmtr   Back-off restarting failed container pi in pod pi-2fmtr_default(...)
";
    assert_eq!(get_events(&refs, at(146), false), want);
}

#[test]
fn empty_lists_print_nothing() {
    assert_eq!(get_pods(&[], at(0), false), "");
    assert_eq!(get_jobs(&[], at(0), true), "");
    assert_eq!(get_events(&[], at(0), false), "");
    assert_eq!(
        no_resources_found("default"),
        "No resources found in default namespace."
    );
}

// ---------------------------------------------------------------------------------------------
// describe

const UID: &str = "0d4b1c7e-5f3a-4e2b-9c61-7a8f2e9d3b10";

fn described_pi() -> Job {
    let lbls = labels(&[
        ("batch.kubernetes.io/controller-uid", UID),
        ("batch.kubernetes.io/job-name", "pi"),
        ("controller-uid", UID),
        ("job-name", "pi"),
    ]);
    let mut j = job("pi", at(0));
    j.metadata.uid = UID.into();
    j.metadata.labels = lbls.clone();
    j.spec.parallelism = Some(1);
    j.spec.completions = Some(1);
    j.spec.completion_mode = Some("NonIndexed".into());
    j.spec.suspend = Some(false);
    j.spec.backoff_limit = Some(4);
    j.spec.selector = Some(LabelSelector {
        match_labels: labels(&[("batch.kubernetes.io/controller-uid", UID)]),
        ..Default::default()
    });
    j.spec.template.metadata.labels = lbls;
    j.spec.template.spec.containers[0].command = vec![
        "perl".into(),
        "-Mbignum=bpi".into(),
        "-wle".into(),
        "print bpi(2000)".into(),
    ];
    j.status.start_time = Some(at(0));
    j.status.completion_time = Some(at(65));
    j.status.succeeded = 1;
    j.status.ready = Some(0);
    j.status.terminating = Some(0);
    j.status.conditions = vec![cond("SuccessCriteriaMet", "True"), cond("Complete", "True")];
    j
}

#[test]
fn describe_job_golden() {
    let j = described_pi();
    let evs = [
        event(
            "Job",
            "pi",
            "SuccessfulCreate",
            "Created pod: pi-xf9p4",
            "job-controller",
            at(0),
            at(0),
            1,
        ),
        event(
            "Job",
            "pi",
            "Completed",
            "Job completed",
            "job-controller",
            at(65),
            at(65),
            1,
        ),
        // Another object's event is not shown.
        event(
            "Job",
            "other",
            "SuccessfulCreate",
            "Created pod: other-abcde",
            "job-controller",
            at(0),
            at(0),
            1,
        ),
    ];
    let refs: Vec<&Event> = evs.iter().collect();
    let want = format!(
        "\
Name:             pi
Namespace:        default
Selector:         batch.kubernetes.io/controller-uid={UID}
Labels:           batch.kubernetes.io/controller-uid={UID}
                  batch.kubernetes.io/job-name=pi
                  controller-uid={UID}
                  job-name=pi
Annotations:      <none>
Parallelism:      1
Completions:      1
Completion Mode:  NonIndexed
Suspend:          false
Backoff Limit:    4
Start Time:       Thu, 16 Apr 2026 10:36:28 +0000
Completed At:     Thu, 16 Apr 2026 10:37:33 +0000
Duration:         65s
Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
Pod Template:
  Labels:  batch.kubernetes.io/controller-uid={UID}
           batch.kubernetes.io/job-name=pi
           controller-uid={UID}
           job-name=pi
  Containers:
   pi:
    Image:      perl:5.34.0
    Port:       <none>
    Host Port:  <none>
    Command:
      perl
      -Mbignum=bpi
      -wle
      print bpi(2000)
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From            Message
  ----    ------            ----  ----            -------
  Normal  SuccessfulCreate  2m    job-controller  Created pod: pi-xf9p4
  Normal  Completed         55s   job-controller  Job completed
"
    );
    assert_eq!(describe_job(&j, &[], &refs, at(120)), want);
}

#[test]
fn describe_job_indexed_running_without_events() {
    let mut j = described_pi();
    j.metadata.annotations = labels(&[("batch.kubernetes.io/job-tracking", "")]);
    j.spec.completions = Some(5);
    j.spec.parallelism = Some(2);
    j.spec.completion_mode = Some("Indexed".into());
    j.spec.backoff_limit = None; // defaulted to 6 by the API server
    j.spec.active_deadline_seconds = Some(600);
    j.spec.template.spec.containers[0].command.clear();
    j.spec.template.spec.containers[0].env = vec![EnvVar {
        name: "MODE".into(),
        value: Some("fast".into()),
        value_from: None,
    }];
    j.status.completion_time = None;
    j.status.conditions.clear();
    j.status.active = 2;
    j.status.ready = Some(1);
    j.status.succeeded = 2;
    j.status.completed_indexes = "0,2".into();
    let want = format!(
        "\
Name:                     pi
Namespace:                default
Selector:                 batch.kubernetes.io/controller-uid={UID}
Labels:                   batch.kubernetes.io/controller-uid={UID}
                          batch.kubernetes.io/job-name=pi
                          controller-uid={UID}
                          job-name=pi
Annotations:              batch.kubernetes.io/job-tracking: 
Parallelism:              2
Completions:              5
Completion Mode:          Indexed
Suspend:                  false
Backoff Limit:            6
Start Time:               Thu, 16 Apr 2026 10:36:28 +0000
Active Deadline Seconds:  600s
Pods Statuses:            2 Active (1 Ready) / 2 Succeeded / 0 Failed
Completed Indexes:        0,2
Pod Template:
  Labels:  batch.kubernetes.io/controller-uid={UID}
           batch.kubernetes.io/job-name=pi
           controller-uid={UID}
           job-name=pi
  Containers:
   pi:
    Image:      perl:5.34.0
    Port:       <none>
    Host Port:  <none>
    Environment:
      MODE:        fast
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:            <none>
"
    );
    assert_eq!(describe_job(&j, &[], &[], at(30)), want);
}

#[test]
fn describe_job_event_repeated_shows_count_and_span() {
    let j = described_pi();
    let evs = [event(
        "Job",
        "pi",
        "BackoffLimitExceeded",
        "Job has reached the specified backoff limit",
        "job-controller",
        at(0),
        at(200),
        3,
    )];
    let refs: Vec<&Event> = evs.iter().collect();
    let out = describe_job(&j, &[], &refs, at(300));
    assert!(
        out.ends_with(
            "  Warning  BackoffLimitExceeded  100s (x3 over 5m)  job-controller  Job has reached the specified backoff limit\n"
        ),
        "{out}"
    );
}

#[test]
fn describe_cronjob_golden() {
    let cj = CronJob {
        api_version: "batch/v1".into(),
        kind: "CronJob".into(),
        metadata: ObjectMeta {
            uid: "cj-uid".into(),
            ..meta("hello", at(0))
        },
        spec: CronJobSpec {
            schedule: "*/1 * * * *".into(),
            job_template: JobTemplateSpec {
                spec: JobSpec {
                    template: PodTemplateSpec {
                        spec: PodSpec {
                            containers: vec![Container {
                                command: vec![
                                    "/bin/sh".into(),
                                    "-c".into(),
                                    "date; echo Hello from the Kubernetes cluster".into(),
                                ],
                                ..container("hello", "busybox:1.28")
                            }],
                            restart_policy: "OnFailure".into(),
                            ..Default::default()
                        },
                        ..Default::default()
                    },
                    ..Default::default()
                },
                ..Default::default()
            },
            ..Default::default()
        },
        status: CronJobStatus {
            active: vec![ObjectReference {
                kind: "Job".into(),
                name: "hello-29602402".into(),
                ..Default::default()
            }],
            last_schedule_time: Some(at(60)),
            last_successful_time: None,
        },
    };
    let evs = [event(
        "CronJob",
        "hello",
        "SuccessfulCreate",
        "Created job hello-29602402",
        "cronjob-controller",
        at(60),
        at(60),
        1,
    )];
    let refs: Vec<&Event> = evs.iter().collect();
    let want = "\
Name:                          hello
Namespace:                     default
Labels:                        <none>
Annotations:                   <none>
Schedule:                      */1 * * * *
Concurrency Policy:            Allow
Suspend:                       False
Successful Job History Limit:  3
Failed Job History Limit:      1
Starting Deadline Seconds:     <unset>
Selector:                      <unset>
Parallelism:                   <unset>
Completions:                   <unset>
Pod Template:
  Labels:  <none>
  Containers:
   hello:
    Image:      busybox:1.28
    Port:       <none>
    Host Port:  <none>
    Command:
      /bin/sh
      -c
      date; echo Hello from the Kubernetes cluster
    Environment:     <none>
    Mounts:          <none>
  Volumes:           <none>
  Node-Selectors:    <none>
  Tolerations:       <none>
Last Schedule Time:  Thu, 16 Apr 2026 10:37:28 +0000
Active Jobs:         hello-29602402
Events:
  Type    Reason            Age   From                Message
  ----    ------            ----  ----                -------
  Normal  SuccessfulCreate  5s    cronjob-controller  Created job hello-29602402
";
    assert_eq!(describe_cronjob(&cj, &[], &refs, at(65)), want);
}

fn fluentd_pod(name: &str, node: &str, phase: &str, owner_uid: &str) -> Pod {
    let mut p = pod(name, at(5), phase, vec![]);
    p.metadata.namespace = "kube-system".into();
    p.metadata.labels = labels(&[("name", "fluentd-elasticsearch")]);
    p.metadata.owner_references = vec![OwnerReference {
        api_version: "apps/v1".into(),
        kind: "DaemonSet".into(),
        name: "fluentd-elasticsearch".into(),
        uid: owner_uid.into(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }];
    p.spec.node_name = node.into();
    p
}

#[test]
fn describe_daemonset_golden() {
    let ds = fluentd();
    let pods = [
        fluentd_pod(
            "fluentd-elasticsearch-4xk2p",
            "node01",
            "Running",
            "ds-uid-1",
        ),
        fluentd_pod(
            "fluentd-elasticsearch-9zq7d",
            "node02",
            "Running",
            "ds-uid-1",
        ),
        fluentd_pod(
            "fluentd-elasticsearch-b2m4c",
            "node03",
            "Pending",
            "ds-uid-1",
        ),
        // Same labels, another owner: not counted.
        fluentd_pod("impostor", "node03", "Running", "other-uid"),
    ];
    let refs: Vec<&Pod> = pods.iter().collect();
    let mut ev = event(
        "DaemonSet",
        "fluentd-elasticsearch",
        "SuccessfulCreate",
        "Created pod: fluentd-elasticsearch-4xk2p",
        "daemonset-controller",
        at(5),
        at(5),
        1,
    );
    ev.involved_object.namespace = "kube-system".into();
    let want = "\
Name:           fluentd-elasticsearch
Namespace:      kube-system
Selector:       name=fluentd-elasticsearch
Node-Selector:  <none>
Labels:         k8s-app=fluentd-logging
Annotations:    <none>
Desired Number of Nodes Scheduled: 3
Current Number of Nodes Scheduled: 3
Number of Nodes Scheduled with Up-to-date Pods: 3
Number of Nodes Scheduled with Available Pods: 2
Number of Nodes Misscheduled: 0
Pods Status:  2 Running / 1 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  name=fluentd-elasticsearch
  Containers:
   fluentd-elasticsearch:
    Image:         quay.io/fluentd_elasticsearch/fluentd:v5.0.1
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     node-role.kubernetes.io/control-plane:NoSchedule op=Exists
Events:
  Type    Reason            Age   From                  Message
  ----    ------            ----  ----                  -------
  Normal  SuccessfulCreate  55s   daemonset-controller  Created pod: fluentd-elasticsearch-4xk2p
";
    assert_eq!(describe_daemonset(&ds, &refs, &[&ev], at(60)), want);
}

#[test]
fn describe_pod_running_job_pod() {
    let mut p = pod(
        "pi-0-xf9p4",
        at(0),
        "Running",
        vec![running("pi", true, at(3))],
    );
    p.spec.containers[0].image = "perl:5.34.0".into();
    p.spec.containers[0].env = vec![EnvVar {
        name: "JOB_COMPLETION_INDEX".into(),
        value: None,
        value_from: Some(serde_json::json!({
            "fieldRef": {"fieldPath": "metadata.annotations['batch.kubernetes.io/job-completion-index']"}
        })),
    }];
    p.spec.node_name = "node01".into();
    p.spec.restart_policy = "Never".into();
    p.metadata.labels = labels(&[("job-name", "pi")]);
    p.metadata.annotations = labels(&[("batch.kubernetes.io/job-completion-index", "0")]);
    p.metadata.owner_references = vec![OwnerReference {
        api_version: "batch/v1".into(),
        kind: "Job".into(),
        name: "pi".into(),
        uid: UID.into(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }];
    p.status.host_ip = "172.18.0.3".into();
    p.status.pod_ip = "10.244.1.7".into();
    p.status.start_time = Some(at(1));
    p.status.conditions = vec![
        cond("PodReadyToStartContainers", "True"),
        cond("Initialized", "True"),
        cond("Ready", "True"),
        cond("ContainersReady", "True"),
        cond("PodScheduled", "True"),
    ];
    let evs = [
        event(
            "Pod",
            "pi-0-xf9p4",
            "Scheduled",
            "Successfully assigned default/pi-0-xf9p4 to node01",
            "default-scheduler",
            at(0),
            at(0),
            1,
        ),
        event(
            "Pod",
            "pi-0-xf9p4",
            "Started",
            "Started container pi",
            "kubelet",
            at(3),
            at(3),
            1,
        ),
    ];
    let refs: Vec<&Event> = evs.iter().collect();
    let want = "\
Name:             pi-0-xf9p4
Namespace:        default
Priority:         0
Service Account:  default
Node:             node01/172.18.0.3
Start Time:       Thu, 16 Apr 2026 10:36:29 +0000
Labels:           job-name=pi
Annotations:      batch.kubernetes.io/job-completion-index: 0
Status:           Running
IP:               10.244.1.7
IPs:
  IP:           10.244.1.7
Controlled By:  Job/pi
Containers:
  pi:
    Container ID:   containerd://d82b37aa1d15c362fd36dbf915f09bca248a698c58a8d33d49960dddd0450b73
    Image:          perl:5.34.0
    Image ID:       docker.io/library/busybox@sha256:f34198d1719e7bdcffd664f9ae1e9c78879f83685c340676082373ccde952618
    Port:           <none>
    Host Port:      <none>
    State:          Running
      Started:      Thu, 16 Apr 2026 10:36:31 +0000
    Ready:          True
    Restart Count:  0
    Environment:
      JOB_COMPLETION_INDEX:  0 (v1:metadata.annotations['batch.kubernetes.io/job-completion-index'])
    Mounts:                  <none>
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:                      <none>
QoS Class:                    BestEffort
Node-Selectors:               <none>
Tolerations:                  <none>
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  20s   default-scheduler  Successfully assigned default/pi-0-xf9p4 to node01
  Normal  Started    17s   kubelet            Started container pi
";
    assert_eq!(describe_pod(&p, &refs, at(20)), want);
}

#[test]
fn describe_pod_terminating_and_crash_looping() {
    let mut cs = waiting("pi", "CrashLoopBackOff");
    cs.restart_count = 2;
    cs.last_state = ContainerState {
        terminated: Some(ContainerStateTerminated {
            exit_code: 1,
            reason: "Error".into(),
            started_at: at(10),
            finished_at: at(12),
        }),
        ..Default::default()
    };
    let mut p = pod("pi-abcde", at(0), "Running", vec![cs]);
    p.metadata.deletion_timestamp = Some(at(50));
    p.spec.termination_grace_period_seconds = Some(30);
    let out = describe_pod(&p, &[], at(60));
    for line in [
        "Status:                    Terminating (lasts 10s)\n",
        "Termination Grace Period:  30s\n",
        "    State:          Waiting\n      Reason:       CrashLoopBackOff\n",
        "    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    1\n",
        "    Restart Count:  2\n",
        "Events:             <none>\n",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
}

/// describe.go `describePod`: `Terminating (lasts %s)` is translateTimestampSince of the
/// deletionTimestamp, which the API server puts at the end of the grace period, so during the
/// grace period the duration is negative and duration.go `HumanDuration` prints `<invalid>`
/// (under -1 s once truncated to whole seconds; a deviation under 2 s prints `0s`). The grace
/// period line is deletionGracePeriodSeconds, not the spec's.
#[test]
fn describe_pod_terminating_within_its_grace_period() {
    let mut p = pod(
        "pi-abcde",
        at(0),
        "Running",
        vec![running("pi", true, at(1))],
    );
    p.spec.termination_grace_period_seconds = Some(30);
    // Deleted at 50 s with a 5 s grace period (a delete with --grace-period=5).
    p.metadata.deletion_timestamp = Some(at(55));
    p.metadata.deletion_grace_period_seconds = Some(5);
    let out = describe_pod(&p, &[], at(50));
    for line in [
        "Status:                    Terminating (lasts <invalid>)\n",
        "Termination Grace Period:  5s\n",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    let almost = describe_pod(&p, &[], at(55) - Duration::from_millis(1_999));
    assert!(almost.contains("Terminating (lasts 0s)\n"), "{almost}");
    let late = describe_pod(&p, &[], at(55) - Duration::from_millis(2_000));
    assert!(late.contains("Terminating (lasts <invalid>)\n"), "{late}");
    let past = describe_pod(&p, &[], at(62));
    assert!(past.contains("Terminating (lasts 7s)\n"), "{past}");
}

// ---------------------------------------------------------------------------------------------
// describe node

fn fluentd_cluster() -> ctrlscope::sim::Simulation {
    use ctrlscope::sim::{SimConfig, Simulation};
    let mut sim = Simulation::new(SimConfig::default());
    sim.add_default_nodes();
    let yaml = include_str!("../examples/fluentd-daemonset.yaml");
    for o in ctrlscope::manifest::parse_manifests(yaml).unwrap() {
        sim.apply(o).unwrap();
    }
    let start = sim.cluster.start;
    sim.run_until(start + Duration::from_secs(60));
    sim
}

fn pod_on(sim: &ctrlscope::sim::Simulation, node: &str) -> String {
    sim.pods()
        .iter()
        .find(|p| p.spec.node_name == node)
        .map(|p| p.metadata.name.clone())
        .unwrap()
}

#[test]
fn describe_node_worker_with_daemonset_pod_golden() {
    let mut sim = fluentd_cluster();
    let pod = pod_on(&sim, "worker-1");
    let out = console::run(&mut sim, "kubectl describe node worker-1");
    assert!(!out.error, "{}", out.output);
    // A default node reports a kind node's machine (4 cpu, 8131296Ki memory).
    let want = format!(
        "Name:               worker-1\n\
         Roles:              <none>\n\
         Labels:             beta.kubernetes.io/arch=amd64\n\
         \x20                   beta.kubernetes.io/os=linux\n\
         \x20                   kubernetes.io/arch=amd64\n\
         \x20                   kubernetes.io/hostname=worker-1\n\
         \x20                   kubernetes.io/os=linux\n\
         Annotations:        node.alpha.kubernetes.io/ttl: 0\n\
         \x20                   volumes.kubernetes.io/controller-managed-attach-detach: true\n\
         CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000\n\
         Taints:             <none>\n\
         Unschedulable:      false\n\
         Lease:\n\
         \x20 HolderIdentity:  worker-1\n\
         \x20 AcquireTime:     <unset>\n\
         \x20 RenewTime:       Thu, 01 Jan 2026 00:01:00 +0000\n\
         Conditions:\n\
         \x20 Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message\n\
         \x20 ----             ------  -----------------                 ------------------                ------                       -------\n\
         \x20 MemoryPressure   False   Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available\n\
         \x20 DiskPressure     False   Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure\n\
         \x20 PIDPressure      False   Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available\n\
         \x20 Ready            True    Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletReady                 kubelet is posting ready status\n\
         Addresses:\n\
         \x20 InternalIP:  172.18.0.3\n\
         \x20 Hostname:    worker-1\n\
         Capacity:\n\
         \x20 cpu:                4\n\
         \x20 ephemeral-storage:  61202244Ki\n\
         \x20 hugepages-1Gi:      0\n\
         \x20 hugepages-2Mi:      0\n\
         \x20 memory:             8131296Ki\n\
         \x20 pods:               110\n\
         Allocatable:\n\
         \x20 cpu:                4\n\
         \x20 ephemeral-storage:  61202244Ki\n\
         \x20 hugepages-1Gi:      0\n\
         \x20 hugepages-2Mi:      0\n\
         \x20 memory:             8131296Ki\n\
         \x20 pods:               110\n\
         System Info:\n\
         \x20 Machine ID:                 e949062d2d7c979a3bae0f98c4311c29\n\
         \x20 System UUID:                0121df5d-948a-6ac1-5ecb-abd216ecbe47\n\
         \x20 Boot ID:                    873e99b2-81af-5218-2da0-c08184ee7b6e\n\
         \x20 Kernel Version:             6.8.0-88-generic\n\
         \x20 OS Image:                   Debian GNU/Linux 12 (bookworm)\n\
         \x20 Operating System:           linux\n\
         \x20 Architecture:               amd64\n\
         \x20 Container Runtime Version:  containerd://2.1.3\n\
         \x20 Kubelet Version:            v1.34.0\n\
         \x20 Kube-Proxy Version:         \n\
         PodCIDR:                      10.244.1.0/24\n\
         PodCIDRs:                     10.244.1.0/24\n\
         Non-terminated Pods:          (1 in total)\n\
         \x20 Namespace                   Name                           CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age\n\
         \x20 ---------                   ----                           ------------  ----------  ---------------  -------------  ---\n\
         \x20 kube-system                 {pod}    100m (2%)     0 (0%)      200Mi (2%)       200Mi (2%)     60s\n\
         Allocated resources:\n\
         \x20 (Total limits may be over 100 percent, i.e., overcommitted.)\n\
         \x20 Resource           Requests    Limits\n\
         \x20 --------           --------    ------\n\
         \x20 cpu                100m (2%)   0 (0%)\n\
         \x20 memory             200Mi (2%)  200Mi (2%)\n\
         \x20 ephemeral-storage  0 (0%)      0 (0%)\n\
         \x20 hugepages-1Gi      0 (0%)      0 (0%)\n\
         \x20 hugepages-2Mi      0 (0%)      0 (0%)\n\
         Events:              <none>\n"
    );
    assert_eq!(out.output, want);
    // The same through every spelling, and the CLI's --describe path.
    for cmd in [
        "describe nodes worker-1",
        "describe no worker-1",
        "describe node/worker-1",
    ] {
        assert_eq!(console::run(&mut sim, cmd).output, want, "{cmd}");
    }
    assert_eq!(ctrlscope::cli::describe(&sim, Kind::Node, "worker-1"), want);
}

#[test]
fn describe_node_control_plane_and_all_nodes() {
    let mut sim = fluentd_cluster();
    let out = console::run(&mut sim, "describe node control-plane").output;
    assert!(
        out.contains("\nRoles:              control-plane\n"),
        "{out}"
    );
    assert!(
        out.contains("\nTaints:             node-role.kubernetes.io/control-plane:NoSchedule\n"),
        "{out}"
    );
    assert!(
        out.contains("Non-terminated Pods:          (1 in total)\n"),
        "{out}"
    );
    let all = console::run(&mut sim, "describe node");
    assert!(!all.error);
    let names: Vec<&str> = all
        .output
        .lines()
        .filter_map(|l| l.strip_prefix("Name:               "))
        .collect();
    assert_eq!(names, ["control-plane", "worker-1", "worker-2", "worker-3"]);
    // kubectl's describe command writes `"\n\n%s"` before every describe after the first, each
    // ending in a newline: two blank lines between them.
    assert!(
        all.output
            .contains("Events:              <none>\n\n\nName:"),
        "{}",
        all.output
    );
    assert_eq!(
        console::run(&mut sim, "describe node nope").output,
        "Error from server (NotFound): nodes \"nope\" not found"
    );
}

#[test]
fn describe_node_cordoned_shows_unschedulable_and_taint() {
    let mut sim = fluentd_cluster();
    assert!(!console::run(&mut sim, "kubectl cordon control-plane").error);
    let out = console::run(&mut sim, "describe node control-plane").output;
    // Sorted by effect, then key (printNodeTaintsMultiline).
    assert!(
        out.contains(
            "Taints:             node-role.kubernetes.io/control-plane:NoSchedule\n\
             \x20                   node.kubernetes.io/unschedulable:NoSchedule\n\
             Unschedulable:      true\n"
        ),
        "{out}"
    );
}

#[test]
fn describe_node_requests_limits_and_percentages() {
    let mut node = Node {
        api_version: "v1".into(),
        kind: "Node".into(),
        ..Default::default()
    };
    node.metadata.name = "big".into();
    node.metadata.uid = "u-big".into();
    node.metadata.creation_timestamp = Some(at(0));
    node.metadata.labels = labels(&[("node-role.kubernetes.io/worker", ""), ("zone", "a")]);
    node.spec.taints = vec![
        Taint::parse("gpu=true:NoSchedule").unwrap(),
        Taint::parse("a:NoExecute").unwrap(),
    ];
    for (k, v) in [
        ("cpu", "4"),
        ("memory", "8Gi"),
        ("pods", "110"),
        ("hugepages-2Mi", "0"),
        ("example.com/dongle", "2"),
    ] {
        node.status.capacity.insert(k.into(), v.into());
        node.status.allocatable.insert(k.into(), v.into());
    }
    let pod = |name: &str, phase: &str, resources: serde_json::Value| {
        let mut p = Pod::default();
        p.metadata.name = name.into();
        p.metadata.namespace = "default".into();
        p.metadata.creation_timestamp = Some(at(0));
        p.spec.node_name = "big".into();
        p.status.phase = phase.into();
        let mut c = Container {
            name: "c".into(),
            ..Default::default()
        };
        c.other.insert("resources".into(), resources);
        p.spec.containers.push(c);
        p
    };
    let a = pod(
        "a",
        "Running",
        serde_json::json!({"requests": {"cpu": "250m", "memory": "1Gi"}, "limits": {"cpu": "1", "memory": "2Gi", "example.com/dongle": "1"}}),
    );
    // Limits stand in for unset requests, as the API server defaults them.
    let b = pod(
        "b",
        "Pending",
        serde_json::json!({"limits": {"cpu": "750m", "memory": "512Mi"}}),
    );
    let done = pod(
        "done",
        "Succeeded",
        serde_json::json!({"requests": {"cpu": "3"}}),
    );
    let mut elsewhere = pod("elsewhere", "Running", serde_json::json!({}));
    elsewhere.spec.node_name = "other".into();
    let ev = Event {
        involved_object: ObjectReference {
            kind: "Node".into(),
            name: "big".into(),
            // The kubelet records node events with the node's name for a uid.
            uid: "big".into(),
            ..Default::default()
        },
        type_: "Normal".into(),
        reason: "NodeNotSchedulable".into(),
        message: "Node big status is now: NodeNotSchedulable".into(),
        source: EventSource {
            component: "node-controller".into(),
            ..Default::default()
        },
        first_timestamp: Some(at(10)),
        last_timestamp: Some(at(10)),
        count: 1,
        ..Default::default()
    };
    let out = describe_node(
        &node,
        &[&done, &b, &a, &elsewhere],
        &[&ev],
        at(70),
        Default::default(),
    );
    let want = "Name:               big\n\
Roles:              worker\n\
Labels:             node-role.kubernetes.io/worker=\n\
\x20                   zone=a\n\
Annotations:        <none>\n\
CreationTimestamp:  Thu, 16 Apr 2026 10:36:28 +0000\n\
Taints:             a:NoExecute\n\
\x20                   gpu=true:NoSchedule\n\
Unschedulable:      false\n\
Lease:\n\
\x20 HolderIdentity:  big\n\
\x20 AcquireTime:     <unset>\n\
\x20 RenewTime:       Thu, 16 Apr 2026 10:37:38 +0000\n\
Addresses:\n\
Capacity:\n\
\x20 cpu:                 4\n\
\x20 example.com/dongle:  2\n\
\x20 hugepages-2Mi:       0\n\
\x20 memory:              8Gi\n\
\x20 pods:                110\n\
Allocatable:\n\
\x20 cpu:                 4\n\
\x20 example.com/dongle:  2\n\
\x20 hugepages-2Mi:       0\n\
\x20 memory:              8Gi\n\
\x20 pods:                110\n\
System Info:\n\
\x20 Machine ID:                 \n\
\x20 System UUID:                \n\
\x20 Boot ID:                    \n\
\x20 Kernel Version:             \n\
\x20 OS Image:                   \n\
\x20 Operating System:           \n\
\x20 Architecture:               \n\
\x20 Container Runtime Version:  \n\
\x20 Kubelet Version:            \n\
\x20 Kube-Proxy Version:         \n\
Non-terminated Pods:          (2 in total)\n\
\x20 Namespace                   Name    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age\n\
\x20 ---------                   ----    ------------  ----------  ---------------  -------------  ---\n\
\x20 default                     a       250m (6%)     1 (25%)     1Gi (12%)        2Gi (25%)      70s\n\
\x20 default                     b       750m (18%)    750m (18%)  512Mi (6%)       512Mi (6%)     70s\n\
Allocated resources:\n\
\x20 (Total limits may be over 100 percent, i.e., overcommitted.)\n\
\x20 Resource            Requests      Limits\n\
\x20 --------            --------      ------\n\
\x20 cpu                 1 (25%)       1750m (43%)\n\
\x20 memory              1536Mi (18%)  2560Mi (31%)\n\
\x20 ephemeral-storage   0 (0%)        0 (0%)\n\
\x20 hugepages-2Mi       0 (0%)        0 (0%)\n\
\x20 example.com/dongle  1             1\n\
Events:\n\
\x20 Type    Reason              Age   From             Message\n\
\x20 ----    ------              ----  ----             -------\n\
\x20 Normal  NodeNotSchedulable  60s   node-controller  Node big status is now: NodeNotSchedulable\n";
    assert_eq!(out, want);
}

/// `-o yaml` prints what the API server stores: SetDefaults_Job's `manualSelector: false`,
/// syncJob's empty `uncountedTerminatedPods`, no DaemonSet status counts that are zero
/// (`omitempty` in apps/v1 types.go), and a CronJob's active Job reference with the
/// resourceVersion the create returned (cronjob_controllerv2.go getRef).
#[test]
fn yaml_output_has_the_stored_fields() {
    let job = include_str!("../examples/pi-job.yaml");
    let ds = include_str!("../examples/fluentd-daemonset.yaml");
    let cj = include_str!("../examples/hello-cronjob.yaml");
    let mut sim = common::sim(&format!("{job}---\n{ds}---\n{cj}"));
    // hello's first Job runs from 60.1 s to 62.1 s.
    sim.run_until(sim.cluster.start + Duration::from_secs(61));
    let out = console::run(&mut sim, "get job pi -o yaml").output;
    assert!(out.contains("  manualSelector: false\n"), "{out}");
    assert!(out.contains("  uncountedTerminatedPods: {}"), "{out}");
    let out = console::run(&mut sim, "get ds -o yaml").output;
    assert!(!out.contains("numberUnavailable"), "{out}");
    assert!(!out.contains("minReadySeconds"), "{out}");
    let out = console::run(
        &mut sim,
        "get cronjob hello -o jsonpath={.status.active[0].resourceVersion}",
    )
    .output;
    assert!(!out.trim().is_empty(), "{out:?}");
}

/// A ControllerRevision's `data` is the patch that restores the DaemonSet's template
/// (pkg/controller/daemon/update.go getPatch), with the template's defaults, and a revision
/// has no generation.
#[test]
fn controller_revision_data_is_the_template_patch() {
    let ds = include_str!("../examples/fluentd-daemonset.yaml");
    let mut sim = common::sim(ds);
    sim.run_until(sim.cluster.start + Duration::from_secs(5));
    let out = console::run(&mut sim, "get controllerrevisions -A -o yaml").output;
    assert!(
        out.contains(
            "  data:\n    spec:\n      template:\n        $patch: replace\n        metadata:\n"
        ),
        "{out}"
    );
    assert!(out.contains("          dnsPolicy: ClusterFirst\n"), "{out}");
    assert!(!out.contains("generation: 1"), "{out}");
}

/// describeVolumes for a downwardAPI volume (the Kubernetes docs' Indexed Job), an NFS one,
/// and a projected Secret and ConfigMap (kubectl 1.33+: `Optional:` with its value).
#[test]
fn describe_prints_downward_api_nfs_and_projected_volumes() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: indexed-job\nspec:\n  completions: 2\n  parallelism: 2\n  completionMode: Indexed\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: worker\n        image: busybox\n        volumeMounts:\n        - {mountPath: /input, name: input}\n      volumes:\n      - name: input\n        downwardAPI:\n          items:\n          - path: data.txt\n            fieldRef:\n              fieldPath: metadata.annotations['batch.kubernetes.io/job-completion-index']\n      - name: nfsvol\n        nfs: {server: nfs.example.com, path: /exports}\n      - name: proj\n        projected:\n          sources:\n          - secret: {name: mysecret}\n          - configMap: {name: mycm, optional: true}\n";
    let out = common::cli(
        &[("j.yaml", job)],
        &[
            "run",
            "j.yaml",
            "--until",
            "5s",
            "--describe",
            "job/indexed-job",
        ],
    );
    assert!(out.stdout.contains("   input:\n    Type:  DownwardAPI (a volume populated by information about the pod)\n    Items:\n      metadata.annotations['batch.kubernetes.io/job-completion-index'] -> data.txt\n"), "{}", out.stdout);
    assert!(out.stdout.contains("   nfsvol:\n    Type:      NFS (an NFS mount that lasts the lifetime of a pod)\n    Server:    nfs.example.com\n    Path:      /exports\n    ReadOnly:  false\n"));
    assert!(out.stdout.contains("    SecretName:     mysecret\n    Optional:       false\n    ConfigMapName:  mycm\n    Optional:       true\n"));
}

/// A running container's status as a 1.34 kubelet writes it: its mounts (RecursiveReadOnlyMounts,
/// GA in 1.33) with the service account's read-only one, its cpu/memory resources
/// (InPlacePodVerticalScaling, kubelet_pods.go convertContainerStatusResources) and the image
/// as containerd reports it (internal/cri container_status.go: the repo tag).
#[test]
fn running_container_status_has_mounts_resources_and_the_runtime_image() {
    let mut sim = fluentd_cluster();
    let pod = pod_on(&sim, "worker-1");
    let out = console::run(&mut sim, &format!("get pod {pod} -n kube-system -o json"));
    let v: serde_json::Value = serde_json::from_str(&out.output).unwrap();
    let cs = &v["status"]["containerStatuses"][0];
    assert_eq!(
        cs["resources"],
        serde_json::json!({"limits": {"memory": "200Mi"}, "requests": {"cpu": "100m", "memory": "200Mi"}})
    );
    assert_eq!(cs["image"], "quay.io/fluentd_elasticsearch/fluentd:v2.5.2");
    let mounts = cs["volumeMounts"].as_array().unwrap();
    let sa = mounts
        .iter()
        .find(|m| m["mountPath"] == "/var/run/secrets/kubernetes.io/serviceaccount")
        .unwrap();
    assert_eq!(
        (&sa["readOnly"], &sa["recursiveReadOnly"]),
        (&serde_json::json!(true), &serde_json::json!("Disabled"))
    );
    let spec_mounts = v["spec"]["containers"][0]["volumeMounts"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(mounts.len(), spec_mounts);
}

// ---------------------------------------------------------------------------------------------
// events.k8s.io Events (the scheduler's) read through core/v1

/// A scheduler's Event as the API server returns it through core/v1
/// (Convert_v1_Event_To_core_Event): eventTime and maybe series set; firstTimestamp,
/// lastTimestamp null, no count, `source: {}`.
fn scheduler_event(reason: &str, msg: &str, at_: Time, series: Option<(i32, Time)>) -> Event {
    Event {
        api_version: "v1".into(),
        kind: "Event".into(),
        metadata: meta(&format!("pi-2fmtr.{:x}", at_.0), at_),
        involved_object: ObjectReference {
            kind: "Pod".into(),
            namespace: "default".into(),
            name: "pi-2fmtr".into(),
            ..Default::default()
        },
        reason: reason.into(),
        message: msg.into(),
        type_: if reason == "Scheduled" {
            "Normal"
        } else {
            "Warning"
        }
        .into(),
        event_time: Some(MicroTime(at_)),
        series: series.map(|(count, last)| EventSeries {
            count,
            last_observed_time: MicroTime(last),
        }),
        action: "Scheduling".into(),
        reporting_component: "default-scheduler".into(),
        reporting_instance: "default-scheduler-control-plane".into(),
        ..Default::default()
    }
}

/// printers.go printEvent: FIRST SEEN from eventTime when firstTimestamp is zero, LAST SEEN
/// from the first (or a series' lastObservedTime), COUNT the series' or 1; SOURCE
/// formatEventSource's reportingController, reportingInstance.
#[test]
fn print_event_reads_events_k8s_io_fields() {
    let failed = scheduler_event(
        "FailedScheduling",
        "0/2 nodes are available: 2 Insufficient cpu.",
        at(0),
        Some((3, at(100))),
    );
    let bound = scheduler_event(
        "Scheduled",
        "Successfully assigned default/pi-2fmtr to node01",
        at(120),
        None,
    );
    let want = "\
LAST SEEN   TYPE      REASON             OBJECT         SUBOBJECT   SOURCE                                               MESSAGE                                            FIRST SEEN   COUNT   NAME
46s         Warning   FailedScheduling   pod/pi-2fmtr               default-scheduler, default-scheduler-control-plane   0/2 nodes are available: 2 Insufficient cpu.       2m26s        3       pi-2fmtr.19d95dd17e0
26s         Normal    Scheduled          pod/pi-2fmtr               default-scheduler, default-scheduler-control-plane   Successfully assigned default/pi-2fmtr to node01   26s          1       pi-2fmtr.19d95deeca0
";
    assert_eq!(get_events(&[&failed, &bound], at(146), true), want);
    let want = "\
LAST SEEN   TYPE      REASON             OBJECT         MESSAGE
46s         Warning   FailedScheduling   pod/pi-2fmtr   0/2 nodes are available: 2 Insufficient cpu.
26s         Normal    Scheduled          pod/pi-2fmtr   Successfully assigned default/pi-2fmtr to node01
";
    assert_eq!(get_events(&[&failed, &bound], at(146), false), want);
}

/// describe.go DescribeEvents: sorted by lastTimestamp, so the scheduler's (null) first, in the
/// order listed; Age from eventTime, a series as `<lastObservedTime> (xN over <eventTime>)`;
/// From the source's component, else reportingController. Through the generic describer
/// (genericDescriber.Describe, printUnstructuredContent).
#[test]
fn describe_events_reads_events_k8s_io_fields() {
    let failed = scheduler_event(
        "FailedScheduling",
        "0/2 nodes are available: 2 Insufficient cpu.",
        at(0),
        Some((3, at(100))),
    );
    let pulled = event(
        "Pod",
        "pi-2fmtr",
        "BackOff",
        "Back-off pulling image",
        "kubelet",
        at(10),
        at(60),
        4,
    );
    let bound = scheduler_event(
        "Scheduled",
        "Successfully assigned default/pi-2fmtr to node01",
        at(120),
        None,
    );
    let obj = serde_json::json!({
        "apiVersion": "apps/v1",
        "kind": "ControllerRevision",
        "metadata": {
            "name": "ds-5bc584dc8b",
            "namespace": "default",
            "labels": {"app": "ds"},
            "annotations": {"note": "x"},
            "managedFields": [{"manager": "kubectl"}],
            "creationTimestamp": null,
        },
        "data": {"spec": {"template": {"$patch": "replace", "spec": {
            "containers": [{"name": "c", "args": ["a", "b"], "ports": [[1, 2]]}],
            "hostIPC": false,
            "podIPs": [],
            "nodeSelector": {"kubernetes.io/os": "linux"},
        }}}},
        "revision": 2,
    });
    let want = "\
Name:         ds-5bc584dc8b
Namespace:    default
Labels:       app=ds
Annotations:  note: x
API Version:  apps/v1
Data:
  Spec:
    Template:
      $patch:  replace
      Spec:
        Containers:
          Args:
            a
            b
          Name:  c
          Ports:
            [1 2]
        Host IPC:  false
        Node Selector:
          kubernetes.io/os:  linux
        Pod I Ps:
Kind:  ControllerRevision
Metadata:
  Creation Timestamp:  <nil>
Revision:              2
Events:
  Type     Reason            Age                  From               Message
  ----     ------            ----                 ----               -------
  Warning  FailedScheduling  46s (x3 over 2m26s)  default-scheduler  0/2 nodes are available: 2 Insufficient cpu.
  Normal   Scheduled         26s                  default-scheduler  Successfully assigned default/pi-2fmtr to node01
  Warning  BackOff           86s (x4 over 2m16s)  kubelet            Back-off pulling image
";
    assert_eq!(
        describe_generic(&obj, &[&failed, &pulled, &bound], at(146)),
        want
    );
}
