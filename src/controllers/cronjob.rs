//! The CronJob controller, after `pkg/controller/cronjob/cronjob_controllerv2.go` (`sync`,
//! `syncCronJob`, `cleanupFinishedJobs`) and `utils.go` (`mostRecentScheduleTime`,
//! `nextScheduleTime`, `getJobFromTemplate2`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::api::{
    CronJob, Duration, Job, Kind, Object, ObjectMeta, ObjectReference, OwnerReference, Time,
};
use crate::cron::{parse_standard, Schedule};
use crate::sim::cluster::{object_ref, Cluster, Step};
use crate::sim::fasthash::FastSet;
use crate::sim::queue::{WorkQueue, DEFAULT_FAILURE_BASE, DEFAULT_FAILURE_MAX};
use crate::sim::store::{WatchEvent, WatchEventType};
use crate::tz::Zone;

pub const COMPONENT: &str = "cronjob-controller";
/// Requeue a little after the schedule time so the sync lands past it (`nextScheduleDelta`).
pub const NEXT_SCHEDULE_DELTA: Duration = Duration::from_millis(100);
pub const SCHEDULED_TIMESTAMP_ANNOTATION: &str = "batch.kubernetes.io/cronjob-scheduled-timestamp";

#[derive(Clone, Debug, Default)]
pub struct CronJobController {
    pub queue: WorkQueue,
    /// The informer cache's view of each CronJob's (schedule, timeZone): `updateCronJob`
    /// compares the old object with the new one.
    seen: BTreeMap<String, (String, Option<String>)>,
    /// The Job create of this sync failed (syncCronJob returns the error).
    create_failed: bool,
}

/// A schedule bound to its zone (`spec.timeZone`, else the controller manager's zone: UTC).
struct ZonedSchedule {
    schedule: Schedule,
    tz: Zone,
}

impl ZonedSchedule {
    /// robfig `SpecSchedule.Next`: strictly after `t`, in the schedule's zone.
    fn next(&self, t: Time) -> Option<Time> {
        let at = t.to_chrono().with_timezone(&self.tz);
        self.schedule.next(&at).map(|n| Time::from_chrono(&n))
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Missed {
    None,
    Few,
    Many,
}

/// `sign * time.Second * time.Duration(sds)` as Go computes it: int64 nanoseconds that wrap
/// around for 9 223 372 037 s (~292 years) and more, so a huge startingDeadlineSeconds (a
/// "never skip" idiom) puts the scheduling deadline in the future and no Job is ever started
/// (utils.go mostRecentScheduleTime, cronjob_controllerv2.go syncCronJob).
fn go_seconds(sign: i64, sds: i64) -> Duration {
    let ns = (sign * 1_000_000_000).wrapping_mul(sds);
    Duration::from_millis(ns.div_euclid(1_000_000))
}

/// `mostRecentScheduleTime`: (earliest time considered, the most recent schedule time ≤ now,
/// how many were missed). Err when two schedule times are less than a second apart.
fn most_recent_schedule_time(
    cj: &CronJob,
    now: Time,
    sched: &ZonedSchedule,
    include_starting_deadline: bool,
) -> Result<(Time, Option<Time>, Missed), String> {
    let mut earliest = cj
        .status
        .last_schedule_time
        .or(cj.metadata.creation_timestamp)
        .unwrap_or(now);
    if include_starting_deadline {
        if let Some(sds) = cj.spec.starting_deadline_seconds {
            let deadline = now + go_seconds(-1, sds);
            if deadline > earliest {
                earliest = deadline;
            }
        }
    }
    // robfig's Next returns the zero time when nothing matches within 5 years ("59 23 31 2 *"):
    // None here. In Go the zero time is before now and, for a schedule that never matches, so is
    // Next(zero): the gap is < 1 s and the sync ends in the error below. (One that matched long
    // ago, "0 0 29 2 *" after 2096, makes Go's loop below cycle through year 1 without end; here
    // it ends in the same error.)
    const TOO_CLOSE: &str = "time difference between two schedules is less than 1 second";
    let t1 = sched.next(earliest);
    if t1.is_some_and(|t1| now < t1) {
        return Ok((earliest, None, Missed::None));
    }
    let Some(t1) = t1 else {
        return Err(TOO_CLOSE.into());
    };
    let Some(t2) = sched.next(t1) else {
        return Err(TOO_CLOSE.into());
    };
    if now < t2 {
        return Ok((earliest, Some(t1), Missed::None));
    }
    let between = ((t2 - t1).0 + 500).div_euclid(1000);
    if between < 1 {
        return Err(TOO_CLOSE.into());
    }
    let elapsed = (now - t1).whole_secs();
    let missed = elapsed / between + 1;
    // Start two intervals back and let the schedule find the exact times (irregular schedules).
    let potential_earliest = t1 + Duration::from_secs((missed - 2) * between);
    // Go's loop has no bound: the window is about two gaps long, so a schedule dense in one
    // part of the year (`* * * 1 *`) walks up to ~90 000 times. The guard only stops a runaway.
    let mut most_recent = None;
    let mut t = sched.next(potential_earliest);
    let mut guard = 0u32;
    while let Some(x) = t {
        if x > now || guard > 4_000_000 {
            break;
        }
        most_recent = Some(x);
        t = sched.next(x);
        guard += 1;
    }
    let kind = if missed > 100 {
        Missed::Many
    } else if missed > 0 {
        Missed::Few
    } else {
        Missed::None
    };
    Ok((earliest, most_recent, kind))
}

/// `getJobName`: `<cronjob>-<scheduled time in minutes since the epoch>`.
pub fn job_name(cj: &CronJob, scheduled: Time) -> String {
    format!(
        "{}-{}",
        cj.metadata.name,
        scheduled.unix_secs().div_euclid(60)
    )
}

fn job_ref(job: &Job) -> ObjectReference {
    ObjectReference {
        kind: "Job".into(),
        namespace: job.metadata.namespace.clone(),
        name: job.metadata.name.clone(),
        uid: job.metadata.uid.clone(),
        api_version: "batch/v1".into(),
        resource_version: job.metadata.resource_version.clone(),
        field_path: String::new(),
    }
}

impl CronJobController {
    /// Handlers: a CronJob change, or a change to one of its Jobs, queues the CronJob
    /// (`addJob`/`updateJob`/`deleteJob` → `enqueueController`). A CronJob update goes through
    /// `updateCronJob`.
    pub fn observe(&mut self, ev: &WatchEvent, cluster: &mut Cluster) {
        let key = match ev.kind {
            // deleteFunc is enqueueController too: the sync finds it gone (NotFound) and stops.
            Kind::CronJob if ev.type_ == WatchEventType::Deleted => {
                self.seen.remove(&*ev.name);
                ev.name.to_string()
            }
            Kind::CronJob => ev.name.to_string(),
            Kind::Job => match &ev.owner {
                Some((Kind::CronJob, owner)) => owner.to_string(),
                _ => return,
            },
            _ => return,
        };
        cluster.trace(COMPONENT, || Step::Watch {
            event: ev.type_.as_str(),
            object: object_ref(ev.kind, &ev.name),
        });
        if ev.kind == Kind::CronJob {
            if let Some(cj) = cluster.store.get::<CronJob>(&key).cloned() {
                let now_seen = (cj.spec.schedule.clone(), cj.spec.time_zone.clone());
                let old = self.seen.insert(key.clone(), now_seen.clone());
                if ev.type_ == WatchEventType::Modified && old.is_some_and(|o| o != now_seen) {
                    return self.update_cronjob_schedule(&cj, cluster);
                }
            }
        }
        let added = self.queue.add(&key);
        cluster.trace(COMPONENT, || {
            let (why, zh) = super::why_added(
                format!("{} {} {}", ev.kind, ev.name, ev.type_.as_str()),
                added,
            );
            Step::Enqueue {
                key: key.clone(),
                after: None,
                why,
                zh,
            }
        });
    }

    /// `updateCronJob` when spec.schedule or spec.timeZone changed: requeue at the new
    /// schedule's next time (`nextScheduleTimeDuration`), not now, so a time the new schedule
    /// "missed" before the change is not started.
    fn update_cronjob_schedule(&mut self, cj: &CronJob, cluster: &mut Cluster) {
        let key = cj.metadata.name.clone();
        // formatSchedule: an unknown zone falls back to the bare schedule (syncCronJob then
        // reports UnknownTimeZone).
        let tz = cj
            .spec
            .time_zone
            .as_deref()
            .and_then(|name| crate::cron::validate_time_zone(name).ok())
            .unwrap_or_else(Zone::utc);
        let Ok(schedule) = parse_standard(&cj.spec.schedule) else {
            cluster.record(
                Kind::CronJob,
                &cj.metadata,
                "Warning",
                "UnParseableCronJobSchedule",
                format!("unparseable schedule for cronjob: {}", cj.spec.schedule),
                COMPONENT,
                "",
            );
            return;
        };
        let sched = ZonedSchedule { schedule, tz };
        let now = cluster.now;
        // No next time at all: Go's duration would be negative, and AddAfter queues it now.
        let Some(d) = next_schedule_duration(cj, now, &sched) else {
            self.queue.add(&key);
            return;
        };
        // enqueueControllerAfter: a key already waiting for an earlier time keeps it.
        super::enqueue_after(
            &mut self.queue,
            cluster,
            COMPONENT,
            &key,
            now + d,
            (
                "schedule changed: next schedule time",
                "调度时间表已改：下一个调度时间",
            ),
        );
    }

    /// `sync`: clean up history, run `syncCronJob`, write status, requeue for the next time.
    pub fn sync(&mut self, key: &str, cluster: &mut Cluster) {
        cluster.trace(COMPONENT, || Step::Sync {
            key: key.to_string(),
        });
        let Some(original) = cluster.store.get::<crate::api::CronJob>(key).cloned() else {
            cluster.trace(COMPONENT, || Step::Decide {
                key: key.to_string(),
                message: "the CronJob is gone (NotFound): nothing to do, its Jobs go with the garbage collector".into(),
                zh: "CronJob 已不存在（NotFound）：无需操作，它的 Job 由垃圾收集器删除".into(),
            });
            return;
        };
        self.seen.entry(key.to_string()).or_insert_with(|| {
            (
                original.spec.schedule.clone(),
                original.spec.time_zone.clone(),
            )
        });
        let mut cj = original.clone();
        // getJobsToBeReconciled: one list for both steps. Like the lister's, it still holds the
        // Jobs cleanupFinishedJobs deletes, so syncCronJob reads their completion time too.
        // Only their metadata and status are read: their pod templates are not copied (a
        // CronJob keeping a long history made each sync copy every template it ever ran).
        let jobs: Vec<Job> = cluster
            .store
            .dependents::<Job>(&cj.metadata.uid)
            .into_iter()
            .map(|j| Job {
                api_version: String::new(),
                kind: String::new(),
                metadata: j.metadata.clone(),
                spec: Default::default(),
                status: j.status.clone(),
            })
            .collect();
        self.cleanup_finished_jobs(cluster, &mut cj, &jobs);
        self.create_failed = false;
        let requeue = self.sync_cronjob(cluster, &mut cj, &jobs);
        if cj.status != original.status {
            let mut summary = format!(
                "active={} lastScheduleTime={}",
                cj.status.active.len(),
                cj.status
                    .last_schedule_time
                    .map(|t| t.rfc3339())
                    .unwrap_or_else(|| "<none>".into())
            );
            // The same write sets lastSuccessfulTime when a Job completed.
            if let Some(t) = cj
                .status
                .last_successful_time
                .filter(|t| original.status.last_successful_time != Some(*t))
            {
                summary.push_str(&format!(" lastSuccessfulTime={}", t.rfc3339()));
            }
            let _ = cluster.store.update(cj);
            cluster.trace(COMPONENT, || Step::UpdateStatus {
                object: object_ref(Kind::CronJob, key),
                summary,
            });
        }
        // processNextWorkItem: an error is retried by the rate limiter (the missed time is
        // still due); otherwise Forget, then AddAfter the next schedule time.
        if self.create_failed {
            super::requeue_rate_limited(
                &mut self.queue,
                cluster,
                COMPONENT,
                key,
                (DEFAULT_FAILURE_BASE, DEFAULT_FAILURE_MAX),
                ("Job create refused", "创建 Job 被拒绝"),
            );
            return;
        }
        // processNextWorkItem: Forget and AddAfter only with a requeue time (a suspended
        // CronJob or a bad schedule gets neither).
        if let Some(d) = requeue {
            self.queue.forget(key);
            let at = cluster.now + d;
            super::enqueue_after(
                &mut self.queue,
                cluster,
                COMPONENT,
                key,
                at,
                ("next schedule time", "下一个调度时间"),
            );
        }
    }

    fn sync_cronjob(
        &mut self,
        cluster: &mut Cluster,
        cj: &mut CronJob,
        jobs: &[Job],
    ) -> Option<Duration> {
        let now = cluster.now;
        reconcile_active(cluster, cj, jobs);
        if cj.metadata.deletion_timestamp.is_some() {
            return None;
        }
        let tz = time_zone(cluster, cj)?;
        if cj.spec.suspend == Some(true) {
            cluster.trace(COMPONENT, || Step::Decide {
                key: cj.metadata.name.clone(),
                message: "suspended: not starting jobs".into(),
                zh: "已挂起（suspend）：不启动新的 Job".into(),
            });
            return None;
        }
        let schedule = ZonedSchedule {
            schedule: parse_schedule(cluster, cj)?,
            tz,
        };
        let recent = most_recent_schedule_time(cj, now, &schedule, true);
        let earliest = recent.as_ref().map_or(now, |r| r.0);
        let missed_earlier;
        let scheduled = match recent {
            Err(e) => {
                cluster.record(
                    Kind::CronJob,
                    &cj.metadata,
                    "Warning",
                    "InvalidSchedule",
                    format!("invalid schedule: {} : {e}", cj.spec.schedule),
                    COMPONENT,
                    "",
                );
                return None;
            }
            Ok((_, Some(t), missed)) if t <= now => {
                if missed == Missed::Many {
                    cluster.record(Kind::CronJob, &cj.metadata, "Warning", "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew", COMPONENT, "");
                }
                missed_earlier = missed != Missed::None;
                t
            }
            Ok(_) => {
                // getMostRecentScheduleTime looks no further back than startingDeadlineSeconds:
                // older unmet times are dropped without a word.
                let wrapped = cj
                    .spec
                    .starting_deadline_seconds
                    .filter(|sds| go_seconds(1, *sds) != Duration::from_secs(*sds));
                let window = if let Some(sds) = wrapped {
                    (
                        format!(" (startingDeadlineSeconds {sds} overflows Go's time.Duration, int64 nanoseconds: the deadline lands at {}, so no tick before it counts)", (now + go_seconds(-1, sds)).rfc3339()),
                        format!("（startingDeadlineSeconds {sds} 超出了 Go 的 time.Duration（int64 纳秒）范围而回绕：截止时间落在 {}，之前的调度时间都不算）", (now + go_seconds(-1, sds)).rfc3339()),
                    )
                } else {
                    cj
                    .spec
                    .starting_deadline_seconds
                    .filter(|sds| now - Duration::from_secs(*sds) >= earliest)
                    .map(|sds| {
                        (
                            format!(" since {} (startingDeadlineSeconds {sds}: older ones no longer count)", earliest.rfc3339_nano()),
                            format!("（自 {} 起；startingDeadlineSeconds {sds}：更早的不再计入）", earliest.rfc3339_nano()),
                        )
                    })
                    .unwrap_or_default()
                };
                // A schedule whose ticks are irregular (`0 0 1,2 * *`): mostRecentScheduleTime
                // guesses the spacing from the first two ticks and starts its search that far
                // back, so earlier unmet ticks can be passed over (utils.go).
                let skipped = schedule.next(earliest).filter(|t| *t <= now);
                let window = match (window.0.is_empty(), skipped) {
                    (true, Some(t)) => (
                        format!(" found: the unmet tick {} is passed over (mostRecentScheduleTime estimates the ticks' spacing from the first two and searches from there)", t.rfc3339()),
                        format!("：未执行的调度时间 {} 被跳过（mostRecentScheduleTime 按前两次的间隔估计，从那里开始查找）", t.rfc3339()),
                    ),
                    _ => window,
                };
                cluster.trace(COMPONENT, || Step::Decide {
                    key: cj.metadata.name.clone(),
                    message: format!("no unmet schedule time{}: wait for the next one", window.0),
                    zh: format!("没有未执行的调度时间{}：等待下一次", window.1),
                });
                return next_schedule_duration(cj, now, &schedule);
            }
        };
        let key = cj.metadata.name.clone();
        if let Some(sds) = cj.spec.starting_deadline_seconds {
            if scheduled + go_seconds(1, sds) < now {
                let when = scheduled.rfc1123z();
                cluster.trace(COMPONENT, || Step::Decide {
                    key: cj.metadata.name.clone(),
                    message: format!("{} was missed and its startingDeadlineSeconds {sds} has passed: no Job for it (MissSchedule); wait for the next one", scheduled.rfc3339()),
                    zh: format!("调度时间 {} 已错过，且超过了 startingDeadlineSeconds {sds}：不再为它创建 Job（MissSchedule）；等待下一次", scheduled.rfc3339()),
                });
                cluster.record(
                    Kind::CronJob,
                    &cj.metadata,
                    "Warning",
                    "MissSchedule",
                    format!("Missed scheduled time to start a job: {when}"),
                    COMPONENT,
                    "",
                );
                return next_schedule_duration(cj, now, &schedule);
            }
        }
        let name = job_name(cj, scheduled);
        if cj.status.active.iter().any(|r| r.name == name)
            || cj.status.last_schedule_time == Some(scheduled)
        {
            return next_schedule_duration(cj, now, &schedule);
        }
        match cj.spec.concurrency_policy.as_str() {
            "Forbid" if !cj.status.active.is_empty() => {
                let running: Vec<&str> = cj.status.active.iter().map(|r| r.name.as_str()).collect();
                let running = running.join(", ");
                cluster.trace(COMPONENT, || Step::Decide {
                    key: key.clone(),
                    message: format!("{scheduled} is due but Job {running} is still active and concurrencyPolicy is Forbid: no new Job now. lastScheduleTime stays, so this time runs late once the active Job is done (only the latest unmet time runs; startingDeadlineSeconds may drop it)"),
                    zh: format!("调度时间 {scheduled} 已到，但 Job {running} 仍在运行，concurrencyPolicy 为 Forbid：现在不创建新 Job。lastScheduleTime 不变，所以等正在运行的 Job 结束后这次会推迟运行（只运行最近一个未执行的时间；startingDeadlineSeconds 可能让它作废）"),
                });
                cluster.record(Kind::CronJob, &cj.metadata, "Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid", COMPONENT, "");
                return next_schedule_duration(cj, now, &schedule);
            }
            "Replace" => {
                for r in cj.status.active.clone() {
                    cluster.trace(COMPONENT, || Step::Decide {
                        key: key.clone(),
                        message: format!(
                            "concurrencyPolicy Replace: deleting running job {}",
                            r.name
                        ),
                        zh: format!("concurrencyPolicy Replace：删除正在运行的 Job {}", r.name),
                    });
                    self.delete_job(cluster, cj, &r.name);
                }
            }
            _ => {}
        }
        self.create_job(cluster, cj, scheduled, tz, missed_earlier)?;
        cj.status.last_schedule_time = Some(scheduled);
        next_schedule_duration(cj, now, &schedule)
    }

    /// The Job for `scheduled`, created (getJobFromTemplate2, with the decision line saying
    /// how late it is), or ours re-adopted when it already exists. None ends the sync: a Job
    /// someone else has, or a create the API server refused (then retried by the queue).
    fn create_job(
        &mut self,
        cluster: &mut Cluster,
        cj: &mut CronJob,
        scheduled: Time,
        tz: Zone,
        missed_earlier: bool,
    ) -> Option<()> {
        let (now, name) = (cluster.now, job_name(cj, scheduled));
        cluster.trace(COMPONENT, || {
            let policy = match cj.spec.concurrency_policy.as_str() {
                "" => "Allow",
                p => p,
            };
            let (at, active) = (scheduled.rfc3339(), cj.status.active.len());
            // A run started late (Forbid waited, the controller manager was down, a resumed
            // CronJob) says how late; earlier unmet times are not run at all.
            let late = now - scheduled;
            let (mut late, mut late_zh) = if late >= Duration::from_secs(1) {
                let d = crate::kubectl::human_duration(late);
                (format!(", {d} late"), format!("，晚了 {} 秒", late.whole_secs()))
            } else {
                (String::new(), String::new())
            };
            if missed_earlier {
                late.push_str("; earlier unmet times are skipped, only the most recent runs");
                late_zh.push_str("；更早的未执行时间被跳过，只运行最近的一次");
            }
            Step::Decide {
                key: cj.metadata.name.clone(),
                message: format!(
                    "schedule time {at} is due (concurrencyPolicy {policy}, {active} active{late}): creating Job {name}"
                ),
                zh: format!(
                    "调度时间 {at} 已到（concurrencyPolicy {policy}，{active} 个活跃 Job{late_zh}）：创建 Job {name}"
                ),
            }
        });
        // The API server validates the Job as it validates any create (a template label
        // `job-name: other`, or a controller-uid of another Job, is refused; the CronJob
        // itself was valid): FailedCreate with its StatusError, as below.
        let sent = Object::Job(job_from_template(cj, scheduled, tz));
        let invalid = crate::manifest::validate_create(&sent);
        let Object::Job(mut job) = sent else {
            return None;
        };
        if !invalid.is_empty() {
            // The API server gives the Job its uid before it validates it (rest.
            // FillObjectMetaSystemFields in the registry's Create): each refused create prints
            // a fresh one where the editor's check says "(uid of the new Job)".
            let uid = cluster.rng.uid();
            let causes =
                crate::sim::aggregate(&invalid).replace(crate::manifest::NEW_JOB_UID, &uid);
            self.failed_create(
                cluster,
                cj,
                format!("Job.batch {name:?} is invalid: {causes}"),
            );
            return None;
        }
        cluster.stamp_new(&mut job.metadata, Kind::Job);
        crate::controllers::job::prepare_for_create(&mut job);
        // SetDefaults_Job runs again whenever the Job is read back: a Job still without labels
        // shows its template's, now with the generated controller-uid/job-name labels.
        if job.metadata.labels.is_empty() {
            job.metadata.labels = job.spec.template.metadata.labels.clone();
        }
        match cluster.store.create(job) {
            Ok(()) => {
                cluster.trace(COMPONENT, || Step::Create {
                    object: object_ref(Kind::Job, &name),
                });
                cluster.record(
                    Kind::CronJob,
                    &cj.metadata,
                    "Normal",
                    "SuccessfulCreate",
                    format!("Created job {name}"),
                    COMPONENT,
                    "",
                );
                // getRef of the Job the API server returned: with its resourceVersion.
                if let Some(created) = cluster.store.get::<Job>(&name) {
                    cj.status.active.push(job_ref(created));
                }
            }
            Err(crate::sim::store::ApiError::AlreadyExists(..)) => {
                // IsAlreadyExists: a Job someone else controls, or one already in the active
                // list, ends the sync without a requeue; our own forgotten Job is re-adopted.
                let existing = cluster.store.get::<Job>(&name)?.clone();
                let ours = existing
                    .metadata
                    .controller_of()
                    .is_some_and(|o| o.uid == cj.metadata.uid);
                let uid = &existing.metadata.uid;
                let adopt = ours && !cj.status.active.iter().any(|r| &r.uid == uid);
                // A Job is named by its scheduled minute: a schedule firing more often than
                // once a minute (`@every 20s`) meets its own Job of that minute again.
                cluster.trace(COMPONENT, || Step::Decide {
                    key: cj.metadata.name.clone(),
                    message: match adopt {
                        true => format!("Job {name} already exists (Jobs are named by their scheduled minute): no new Job; it goes back into status.active"),
                        false => format!("Job {name} already exists (Jobs are named by their scheduled minute): no new Job"),
                    },
                    zh: match adopt {
                        true => format!("Job {name} 已存在（Job 以调度时间的分钟命名）：不创建新 Job；把它放回 status.active"),
                        false => format!("Job {name} 已存在（Job 以调度时间的分钟命名）：不创建新 Job"),
                    },
                });
                if !adopt {
                    return None;
                }
                cj.status.active.push(job_ref(&existing));
            }
            Err(e) => {
                self.failed_create(cluster, cj, e);
                return None;
            }
        }
        Some(())
    }

    /// The API server refused the Job: a Warning on the CronJob, and the sync is retried.
    fn failed_create(&mut self, cluster: &mut Cluster, cj: &CronJob, e: impl std::fmt::Display) {
        self.create_failed = true;
        cluster.record(
            Kind::CronJob,
            &cj.metadata,
            "Warning",
            "FailedCreate",
            format!("Error creating job: {e}"),
            COMPONENT,
            "",
        );
    }

    /// `cleanupFinishedJobs` / `removeOldestJobs`: keep the newest N successful and failed Jobs.
    fn cleanup_finished_jobs(&mut self, cluster: &mut Cluster, cj: &mut CronJob, jobs: &[Job]) {
        let keep_ok = cj.spec.successful_jobs_history_limit.unwrap_or(i32::MAX);
        let keep_failed = cj.spec.failed_jobs_history_limit.unwrap_or(i32::MAX);
        let mut ok: Vec<&Job> = jobs
            .iter()
            .filter(|j| j.status.finished_type() == Some("Complete"))
            .collect();
        let mut failed: Vec<&Job> = jobs
            .iter()
            .filter(|j| j.status.finished_type() == Some("Failed"))
            .collect();
        let limits = [
            (
                &mut ok,
                keep_ok,
                "successfulJobsHistoryLimit",
                "succeeded",
                "成功",
            ),
            (
                &mut failed,
                keep_failed,
                "failedJobsHistoryLimit",
                "failed",
                "失败",
            ),
        ];
        for (list, keep, field, what, what_zh) in limits {
            let excess = list.len().saturating_sub(keep.max(0) as usize);
            if excess == 0 {
                continue;
            }
            // byJobStartTime: oldest start first; no start time sorts last; then by name.
            // Start times as stored (metav1.Time keeps whole seconds): two Jobs started in the
            // same second are ordered by name.
            crate::sort::sort_by(list, |a, b| {
                match (a.status.start_time, b.status.start_time) {
                    (Some(x), Some(y)) => x
                        .stored()
                        .cmp(&y.stored())
                        .then(a.metadata.name.cmp(&b.metadata.name)),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => a.metadata.name.cmp(&b.metadata.name),
                }
            });
            let names: Vec<String> = list
                .iter()
                .take(excess)
                .map(|j| j.metadata.name.clone())
                .collect();
            let (kept, oldest) = (list.len(), names.join(", "));
            cluster.trace(COMPONENT, || Step::Decide {
                key: cj.metadata.name.clone(),
                message: format!(
                    "{kept} {what} Jobs, more than {field} {keep}: deleting the oldest ({oldest})"
                ),
                zh: format!(
                    "现有 {kept} 个{what_zh}的 Job，多于 {field} {keep}：删除最早的（{oldest}）"
                ),
            });
            for n in names {
                self.delete_job(cluster, cj, &n);
            }
        }
    }

    /// `deleteJob`: background deletion (the garbage collector removes the pods).
    fn delete_job(&mut self, cluster: &mut Cluster, cj: &mut CronJob, name: &str) {
        if let Some(job) = cluster.store.remove::<Job>(name) {
            cj.status.active.retain(|r| r.uid != job.metadata.uid);
            cluster.trace(COMPONENT, || Step::Delete {
                object: object_ref(Kind::Job, name),
            });
            cluster.record(
                Kind::CronJob,
                &cj.metadata,
                "Normal",
                "SuccessfulDelete",
                format!("Deleted job {name}"),
                COMPONENT,
                "",
            );
        }
    }

    /// A restarted controller manager: empty queue and informer cache; the informer's
    /// initial list queues every CronJob.
    pub fn restart(&mut self, cluster: &mut Cluster) {
        self.queue.clear();
        self.seen.clear();
        let names: Vec<String> = cluster
            .store
            .list::<CronJob>()
            .map(|c| c.metadata.name.clone())
            .collect();
        for name in &names {
            self.queue.add(name);
            super::trace_relisted(cluster, COMPONENT, Kind::CronJob, name);
        }
    }
}

/// `nextScheduleTimeDuration`: how long until the schedule time after the most recent one
/// (deadline ignored), plus `nextScheduleDelta`. On an error, or when times were missed but none
/// was found, it aims for the next time after now.
fn next_schedule_duration(cj: &CronJob, now: Time, sched: &ZonedSchedule) -> Option<Duration> {
    let base = match most_recent_schedule_time(cj, now, sched, false) {
        Err(_) => now,
        Ok((_, Some(t), _)) => t,
        Ok((earliest, None, Missed::None)) => earliest,
        Ok((_, None, _)) => now,
    };
    let next = sched.next(base)?;
    Some(Duration(((next + NEXT_SCHEDULE_DELTA) - now).0.max(0)))
}

/// `getJobFromTemplate2`.
fn job_from_template(cj: &CronJob, scheduled: Time, tz: Zone) -> Job {
    let template = &cj.spec.job_template;
    let mut annotations = template.metadata.annotations.clone();
    let when: DateTime<Utc> = scheduled.to_chrono();
    annotations.insert(
        SCHEDULED_TIMESTAMP_ANNOTATION.into(),
        scheduled.rfc3339_at_offset(
            chrono::Offset::fix(when.with_timezone(&tz).offset()).local_minus_utc(),
        ),
    );
    let mut job = Job {
        api_version: "batch/v1".into(),
        kind: "Job".into(),
        metadata: ObjectMeta {
            name: job_name(cj, scheduled),
            namespace: cj.metadata.namespace.clone(),
            labels: template.metadata.labels.clone(),
            annotations,
            owner_references: vec![owner_ref(cj, Some(true))],
            ..Default::default()
        },
        spec: template.spec.clone(),
        status: Default::default(),
    };
    // The API server defaults the Job it is asked to create (`SetDefaults_Job`, which also gives
    // a Job without labels its pod template's labels); the CronJob's template is stored as written.
    crate::manifest::default_job_spec(&mut job.spec);
    if job.metadata.labels.is_empty() {
        job.metadata.labels = job.spec.template.metadata.labels.clone();
    }
    job
}

/// The CronJob as its Jobs' controller. The controller sets blockOwnerDeletion
/// (`metav1.NewControllerRef`); `kubectl create job --from` leaves it out (create_job.go).
pub fn owner_ref(cj: &CronJob, block_owner_deletion: Option<bool>) -> OwnerReference {
    OwnerReference {
        api_version: "batch/v1".into(),
        kind: "CronJob".into(),
        name: cj.metadata.name.clone(),
        uid: cj.metadata.uid.clone(),
        controller: Some(true),
        block_owner_deletion,
    }
}

/// syncCronJob's first step: the Jobs it owns against `status.active`: a running Job it does
/// not list (UnexpectedJob), a listed one finished (SawCompletedJob, lastSuccessfulTime) or gone
/// (MissingJob).
fn reconcile_active(cluster: &mut Cluster, cj: &mut CronJob, jobs: &[Job]) {
    // UIDs in sets: a CronJob whose runs pile up (Allow, Jobs that never end) lists thousands
    // of active Jobs, and utils.go inActiveList's scan per Job made each sync quadratic.
    let mut children: FastSet<&str> = FastSet::default();
    let mut active: FastSet<String> = cj.status.active.iter().map(|r| r.uid.clone()).collect();
    for j in jobs {
        children.insert(&j.metadata.uid);
        let in_active = active.contains(&j.metadata.uid);
        let finished = j.status.finished_type();
        if !in_active && finished.is_none() {
            cluster.record(
                Kind::CronJob,
                &cj.metadata,
                "Warning",
                "UnexpectedJob",
                format!(
                    "Saw a job that the controller did not create or forgot: {}",
                    j.metadata.name
                ),
                COMPONENT,
                "",
            );
        } else if in_active && finished.is_some() {
            cj.status.active.retain(|r| r.uid != j.metadata.uid);
            active.remove(&j.metadata.uid);
            let (name, cond) = (&j.metadata.name, finished.unwrap_or_default());
            cluster.trace(COMPONENT, || Step::Decide {
                key: cj.metadata.name.clone(),
                message: format!("Job {name} finished ({cond}): no longer in status.active"),
                zh: format!("Job {name} 已结束（{cond}）：从 status.active 中移除"),
            });
            cluster.record(
                Kind::CronJob,
                &cj.metadata,
                "Normal",
                "SawCompletedJob",
                format!(
                    "Saw completed job: {}, condition: {}",
                    j.metadata.name,
                    finished.unwrap_or_default()
                ),
                COMPONENT,
                "",
            );
        }
        if finished == Some("Complete") {
            if let Some(done) = j.status.completion_time {
                if cj.status.last_successful_time.is_none_or(|t| done > t) {
                    cj.status.last_successful_time = Some(done);
                }
            }
        }
    }
    let missing: Vec<ObjectReference> = cj
        .status
        .active
        .iter()
        .filter(|r| !children.contains(r.uid.as_str()))
        .cloned()
        .collect();
    for r in missing {
        cluster.trace(COMPONENT, || Step::Decide {
            key: cj.metadata.name.clone(),
            message: format!("Job {} in status.active no longer exists: removed", r.name),
            zh: format!("status.active 中的 Job {} 已不存在：移除", r.name),
        });
        cluster.record(
            Kind::CronJob,
            &cj.metadata,
            "Normal",
            "MissingJob",
            format!("Active job went missing: {}", r.name),
            COMPONENT,
            "",
        );
        cj.status.active.retain(|a| a.uid != r.uid);
    }
}

/// The zone of `spec.timeZone` (UTC without one); an unknown one is an UnknownTimeZone Event.
fn time_zone(cluster: &mut Cluster, cj: &CronJob) -> Option<Zone> {
    match cj.spec.time_zone.as_deref() {
        None => Some(Zone::utc()),
        Some(name) => match crate::cron::validate_time_zone(name) {
            Ok(tz) => Some(tz),
            Err(e) => {
                cluster.record(
                    Kind::CronJob,
                    &cj.metadata,
                    "Warning",
                    "UnknownTimeZone",
                    format!("invalid timeZone: {name:?}: {e}"),
                    COMPONENT,
                    "",
                );
                None
            }
        },
    }
}

/// `spec.schedule` parsed; an unparseable one is an UnparseableSchedule Event.
fn parse_schedule(cluster: &mut Cluster, cj: &CronJob) -> Option<Schedule> {
    match parse_standard(&cj.spec.schedule) {
        Ok(s) => Some(s),
        Err(e) => {
            cluster.record(
                Kind::CronJob,
                &cj.metadata,
                "Warning",
                "UnparseableSchedule",
                format!("unparseable schedule: {:?} : {e}", cj.spec.schedule),
                COMPONENT,
                "",
            );
            None
        }
    }
}
