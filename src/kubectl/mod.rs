//! kubectl's human-readable output — `kubectl get` tables and `kubectl describe` — as pure
//! functions of the objects and the virtual `now`. No I/O.
//!
//! Ground truth, each function naming its source:
//! - ages and durations: apimachinery `pkg/util/duration/duration.go` ([`human_duration`]);
//! - table rows: `pkg/printers/internalversion/printers.go` (`printPod`, `printJob`,
//!   `printCronJob`, `printDaemonSet`, `printNode`, `printEvent`);
//! - table layout: cli-runtime `pkg/printers/tableprinter.go` over `GetNewTabWriter`
//!   (a tabwriter with minwidth 6, tabwidth 4, padding 3), ported in the private `tabwriter`;
//! - describe: kubectl `pkg/describe/describe.go`.
//!
//! An empty list prints nothing (kubectl writes [`no_resources_found`] to stderr instead).

pub mod complete;
pub mod console;
mod describe;
mod duration;
mod events;
mod format;
mod get;
mod jsonpath;
mod logstream;
mod patch;
mod rollout;
mod selector;
mod tabwriter;
pub mod wait;
pub mod watch;
mod yaml;

pub use describe::{
    describe_cronjob, describe_daemonset, describe_job, describe_node, describe_pod,
};
pub use duration::{human_duration, short_human_duration, translate_timestamp_since};
pub use get::{
    event_last_seen, event_object, get_controllerrevisions, get_cronjobs, get_daemonsets,
    get_events, get_jobs, get_nodes, get_pods, job_completions, job_duration, job_status,
    no_resources_found, node_roles, node_status, pod_ready, pod_restarts, pod_status,
    KUBELET_VERSION,
};
pub use rollout::{
    rollback, rollout_history, rollout_status, Rollback, CHANGE_CAUSE, RESTARTED_AT,
};
pub use selector::parse_selector;
