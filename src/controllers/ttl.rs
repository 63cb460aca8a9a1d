//! The TTL-after-finished controller (pkg/controller/ttlafterfinished): deletes a finished Job
//! `ttlSecondsAfterFinished` after it finished, in the foreground: the garbage collector
//! removes its pods, then the Job.

use crate::api::{Duration, Job, Kind, Time};
use crate::sim::cluster::{object_ref, Cluster, Step};
use crate::sim::queue::WorkQueue;
use crate::sim::store::{WatchEvent, WatchEventType};

pub const COMPONENT: &str = "ttl-after-finished-controller";

#[derive(Clone, Debug, Default)]
pub struct TtlAfterFinishedController {
    pub queue: WorkQueue,
}

/// `jobFinishTime`: the transition time of the Complete/Failed condition.
fn finish_time(job: &Job) -> Option<Time> {
    job.status
        .conditions
        .iter()
        .find(|c| (c.type_ == "Complete" || c.type_ == "Failed") && c.status == "True")
        .and_then(|c| c.last_transition_time)
}

impl TtlAfterFinishedController {
    /// A restarted controller manager: a new controller whose informer's initial list queues
    /// every finished Job with a TTL.
    pub fn restart(&mut self, cluster: &mut Cluster) {
        *self = Self::default();
        let names: Vec<String> = cluster
            .store
            .list::<Job>()
            .filter(|j| j.spec.ttl_seconds_after_finished.is_some() && j.status.is_finished())
            .map(|j| j.metadata.name.clone())
            .collect();
        for name in &names {
            self.queue.add(name);
            super::trace_relisted(cluster, COMPONENT, Kind::Job, name);
        }
    }

    /// addJob/updateJob: `job.DeletionTimestamp == nil && needsCleanup(job)` of the Job the
    /// event carried (ttlafterfinished_controller.go): a status write before the Job's
    /// Failed condition (active 0, failed 1) does not queue it, even when the store already
    /// holds the finished Job.
    pub fn observe(&mut self, ev: &WatchEvent, cluster: &mut Cluster) {
        if ev.kind != Kind::Job || ev.type_ == WatchEventType::Deleted {
            return;
        }
        if ev.deleting || !ev.finished_job {
            return;
        }
        let Some(ttl) = cluster
            .store
            .get_watched::<Job>(ev)
            .and_then(|j| j.spec.ttl_seconds_after_finished)
        else {
            return;
        };
        let added = self.queue.add(&ev.name);
        cluster.trace(COMPONENT, || Step::Watch {
            event: ev.type_.as_str(),
            object: object_ref(Kind::Job, &ev.name),
        });
        cluster.trace(COMPONENT, || {
            let (en, zh) = super::already_queued(added);
            Step::Enqueue {
                key: ev.name.to_string(),
                after: None,
                why: format!("Job finished, ttlSecondsAfterFinished {ttl}{en}"),
                zh: format!("Job 已结束，ttlSecondsAfterFinished {ttl}{zh}"),
            }
        });
    }

    pub fn sync(&mut self, key: &str, cluster: &mut Cluster) {
        let Some(job) = cluster.store.get::<Job>(key) else {
            return;
        };
        // processTTL: a Job already being deleted is left alone.
        if job.metadata.deletion_timestamp.is_some() {
            return;
        }
        let (Some(ttl), Some(done)) = (job.spec.ttl_seconds_after_finished, finish_time(job))
        else {
            return;
        };
        cluster.trace(COMPONENT, || Step::Sync {
            key: key.to_string(),
        });
        let expire = done + Duration::from_secs(ttl as i64);
        if cluster.now < expire {
            let (finished, at) = (done.rfc3339(), expire.rfc3339());
            cluster.trace(COMPONENT, || Step::Decide {
                key: key.to_string(),
                message: format!("finished at {finished} + ttlSecondsAfterFinished {ttl} = {at}: not yet, look again then"),
                zh: format!("于 {finished} 结束，加上 ttlSecondsAfterFinished {ttl} 为 {at}：还没到，届时再看"),
            });
            if self.queue.add_after(key, expire) {
                cluster.trace(COMPONENT, || Step::Enqueue {
                    key: key.to_string(),
                    after: Some(expire),
                    why: format!("ttlSecondsAfterFinished {ttl}"),
                    zh: String::new(),
                });
            }
            return;
        }
        let finished = done.rfc3339();
        cluster.trace(COMPONENT, || Step::Decide {
            key: key.to_string(),
            message: format!("finished at {finished}, ttlSecondsAfterFinished {ttl} has passed: deleting the Job (foreground: its pods go first)"),
            zh: format!("于 {finished} 结束，已过 ttlSecondsAfterFinished {ttl}：删除 Job（前台删除：先删除它的 Pod）"),
        });
        // `policy := metav1.DeletePropagationForeground`: the Job stays until its pods are gone.
        cluster.delete_foreground(Kind::Job, key);
        cluster.trace(COMPONENT, || Step::Delete {
            object: object_ref(Kind::Job, key),
        });
    }
}
