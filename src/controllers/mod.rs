//! The controllers, each written like its `pkg/controller/*` original: informer handlers that
//! queue keys, and one sync function per key.

pub mod cronjob;
pub mod daemonset;
pub mod gc;
pub mod job;
pub mod ttl;

use crate::api::Duration;
use crate::sim::cluster::{Cluster, Step};
use crate::sim::queue::WorkQueue;

/// processNextWorkItem after a sync that returned an error: `queue.AddRateLimited(key)`
/// (the key comes back after its rate limiter's back-off), traced with what failed.
pub(crate) fn requeue_rate_limited(
    queue: &mut WorkQueue,
    cluster: &mut Cluster,
    component: &'static str,
    key: &str,
    (base, max): (Duration, Duration),
    (failed, failed_zh): (&str, &str),
) {
    let Some(delay) = queue.add_rate_limited(key, cluster.now, base, max) else {
        return;
    };
    let at = cluster.now + delay;
    let wait = match delay.0 {
        ms if ms < 1000 => format!("{ms}ms"),
        ms => format!("{}s", ms / 1000),
    };
    cluster.trace(component, || Step::Enqueue {
        key: key.to_string(),
        after: Some(at),
        why: format!("sync failed ({failed}), retry in {wait}"),
        zh: format!("同步失败（{failed_zh}），{wait} 后重试"),
    });
}
