//! The controllers, each written like its `pkg/controller/*` original: informer handlers that
//! queue keys, and one sync function per key.

pub mod cronjob;
pub mod daemonset;
pub mod gc;
pub mod job;
pub mod ttl;

use crate::api::{Duration, Kind, ObjectMeta, Pod};
use crate::sim::cluster::{object_ref, Cluster, Step};
use crate::sim::queue::WorkQueue;

/// slowStartBatch (pkg/controller/job/job_controller.go, daemon_controller.go syncNodes):
/// `create` runs on the items in batches of 1, 2, 4, …, and a batch in which one failed ends
/// the creating (the rest waits for the next sync). Returns how many succeeded and whether one
/// failed.
pub(crate) fn slow_start_batch<T>(
    items: impl IntoIterator<Item = T>,
    mut create: impl FnMut(T) -> bool,
) -> (usize, bool) {
    let (mut created, mut batch) = (0, 1);
    let mut rest = items.into_iter().peekable();
    while rest.peek().is_some() {
        let mut failed = false;
        for item in rest.by_ref().take(batch) {
            if create(item) {
                created += 1;
            } else {
                failed = true;
            }
        }
        if failed {
            return (created, true);
        }
        batch *= 2;
    }
    (created, false)
}

/// PodControl.CreatePods (pkg/controller/controller_utils.go): the create, traced, and the
/// owner's `SuccessfulCreate` Event, or `FailedCreate` with the API server's error. Whether
/// it was created.
pub(crate) fn create_pod(
    cluster: &mut Cluster,
    component: &'static str,
    owner: (Kind, &ObjectMeta),
    pod: Pod,
) -> bool {
    match cluster.create(pod) {
        Ok(name) => {
            cluster.trace(component, || Step::Create {
                object: object_ref(Kind::Pod, &name),
            });
            cluster.record(
                owner.0,
                owner.1,
                "Normal",
                "SuccessfulCreate",
                format!("Created pod: {name}"),
                component,
                "",
            );
            true
        }
        Err(e) => {
            cluster.record(
                owner.0,
                owner.1,
                "Warning",
                "FailedCreate",
                format!("Error creating: {e}"),
                component,
                "",
            );
            false
        }
    }
}

/// PodControl.DeletePod: the delete, traced, and the owner's `SuccessfulDelete` Event (NotFound
/// is not an error for a delete). Whether it was deleted.
pub(crate) fn delete_pod(
    cluster: &mut Cluster,
    component: &'static str,
    owner: (Kind, &ObjectMeta),
    name: &str,
) -> bool {
    if cluster.delete_pod(name).is_err() {
        return false;
    }
    cluster.trace(component, || Step::Delete {
        object: object_ref(Kind::Pod, name),
    });
    cluster.record(
        owner.0,
        owner.1,
        "Normal",
        "SuccessfulDelete",
        format!("Deleted pod: {name}"),
        component,
        "",
    );
    true
}

/// processNextWorkItem after a sync that returned an error: `queue.AddRateLimited(key)`
/// (the key comes back after its rate limiter's back-off), traced with what failed.
/// `1.280` → `1.28`.
fn trim_zeros(x: f64) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub(crate) fn requeue_rate_limited(
    queue: &mut WorkQueue,
    cluster: &mut Cluster,
    component: &'static str,
    key: &str,
    (base, max): (Duration, Duration),
    (failed, failed_zh): (&str, &str),
) {
    // ItemExponentialFailureRateLimiter.When counts every failure, also one whose add the
    // delaying queue then drops (client-go default_rate_limiters.go, delaying_queue.go).
    queue.promote(cluster.now);
    let earlier = queue.due(key);
    let delay = queue.rate_limited_delay(key, base, max);
    let at = cluster.now + delay;
    let set = queue
        .add_rate_limited(key, cluster.now, base, max)
        .is_some();
    // Go's Duration words, not cut to whole seconds (1.28s, 5.12s, 2m40s).
    let wait = match delay.0 {
        ms if ms < 1000 => format!("{ms}ms"),
        ms if ms < 60_000 && ms % 1000 == 0 => format!("{}s", ms / 1000),
        ms if ms < 60_000 => format!("{}s", trim_zeros(ms as f64 / 1000.0)),
        ms => {
            let s = ms / 1000;
            format!("{}m{}s", s / 60, s % 60)
        }
    };
    let why = format!("sync failed ({failed}), retry in {wait}");
    let zh = format!(
        "同步失败（{failed_zh}），{}后重试",
        crate::i18n::zh_duration(delay.0)
    );
    match (set, earlier) {
        (false, Some(t)) if t < at => trace_dropped(cluster, component, key, at, t, (&why, &zh)),
        _ => cluster.trace(component, || Step::Enqueue {
            key: key.to_string(),
            after: Some(at),
            why,
            zh,
        }),
    }
}

/// `AddAfter` traced: a key already waiting keeps its earliest due time (client-go
/// delaying_queue.go insert), and the dropped later add is said, for the wake-up dropped may
/// be the one a rollout or a schedule was waiting for. An entry due now, though, has already
/// left the waiting heap (its waitingLoop hands it to the queue when due): such entries are
/// promoted first so they do not swallow this later add. Whether this call set the due time.
pub(crate) fn enqueue_after(
    queue: &mut WorkQueue,
    cluster: &mut Cluster,
    component: &'static str,
    key: &str,
    at: crate::api::Time,
    why: (&str, &str),
) -> bool {
    queue.promote(cluster.now);
    let earlier = queue.due(key);
    if queue.add_after(key, at) {
        cluster.trace(component, || Step::Enqueue {
            key: key.to_string(),
            after: Some(at),
            why: why.0.to_string(),
            zh: why.1.to_string(),
        });
        return true;
    }
    // The same wake-up asked again (insert: only a later readyAt is replaced) drops nothing.
    if let Some(t) = earlier.filter(|t| *t < at) {
        trace_dropped(cluster, component, key, at, t, why);
    }
    false
}

/// An add the delaying queue dropped, as the key already waits until `earlier`.
fn trace_dropped(
    cluster: &mut Cluster,
    component: &'static str,
    key: &str,
    at: crate::api::Time,
    earlier: crate::api::Time,
    why: (&str, &str),
) {
    let start = cluster.start;
    cluster.trace(component, || Step::Enqueue {
        key: key.to_string(),
        after: Some(at),
        why: format!(
            "{}: dropped, the queue keeps its earlier entry (due at t={}s)",
            why.0,
            (earlier - start).as_secs_f64()
        ),
        zh: format!(
            "{}：被丢弃，队列只保留更早的那一项（t={} 秒到期）",
            if why.1.is_empty() { why.0 } else { why.1 },
            (earlier - start).as_secs_f64()
        ),
    });
}

/// A restarted controller manager's informer lists every object again: each comes as an ADDED
/// event (the initial list calls the add handler), which queues its key (the events of the
/// outage itself are never delivered).
pub(crate) fn trace_relisted(
    cluster: &mut crate::sim::cluster::Cluster,
    component: &'static str,
    kind: crate::api::Kind,
    name: &str,
) {
    cluster.trace(component, || Step::Watch {
        event: "ADDED",
        object: crate::sim::cluster::object_ref(kind, name),
    });
    cluster.trace(component, || relisted(kind.as_str(), name));
}

fn relisted(kind: &str, name: &str) -> Step {
    Step::Enqueue {
        key: name.to_string(),
        after: None,
        why: format!("informer re-list after the restart: {kind} {name} ADDED"),
        zh: format!("重启后 informer 重新列出：{kind} {name} ADDED"),
    }
}

/// An informer handler's Add in the loop's words (en, zh): a key already waiting is not queued
/// twice (client-go's workqueue dedup: one sync serves every event that came meanwhile).
pub(crate) fn why_added(why: String, added: bool) -> (String, String) {
    match added {
        true => (why, String::new()),
        false => {
            let (en, zh) = already_queued(false);
            (format!("{why}{en}"), format!("{why}{zh}"))
        }
    }
}

/// The note (en, zh) for an add the work queue merged into one it already holds.
pub(crate) fn already_queued(added: bool) -> (&'static str, &'static str) {
    match added {
        true => ("", ""),
        false => (
            " (already queued: the same sync serves it)",
            "（已在队列中：同一次同步一并处理）",
        ),
    }
}
