//! The API objects, shaped like `k8s.io/api` so `--final-state json` reads like `kubectl get -o json`.
//! Only the fields the simulation acts on are typed; other Pod/Container fields ride along untouched.

mod apps;
mod batch;
mod core;
mod meta;
pub mod resources;
mod time;

pub use apps::*;
pub use batch::*;
pub use core::*;
pub use meta::*;
pub use time::*;

use serde::{Deserialize, Serialize};

/// Every kind a manifest may hold or the simulation may create. (Variants are whole API
/// objects of similar size; boxing them would only add indirection.)
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Object {
    Job(Job),
    CronJob(CronJob),
    DaemonSet(DaemonSet),
    Node(Node),
    Pod(Pod),
    ControllerRevision(ControllerRevision),
    Event(Event),
}

/// The kinds the store keeps, in the order `--final-state` lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    Node,
    CronJob,
    Job,
    DaemonSet,
    ControllerRevision,
    Pod,
    Event,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Node,
        Kind::CronJob,
        Kind::Job,
        Kind::DaemonSet,
        Kind::ControllerRevision,
        Kind::Pod,
        Kind::Event,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Node => "Node",
            Kind::CronJob => "CronJob",
            Kind::Job => "Job",
            Kind::DaemonSet => "DaemonSet",
            Kind::ControllerRevision => "ControllerRevision",
            Kind::Pod => "Pod",
            Kind::Event => "Event",
        }
    }
    pub fn api_version(self) -> &'static str {
        match self {
            Kind::Node | Kind::Pod | Kind::Event => "v1",
            Kind::CronJob | Kind::Job => "batch/v1",
            Kind::DaemonSet | Kind::ControllerRevision => "apps/v1",
        }
    }
    /// Accepts kubectl's spellings: `job`, `jobs`, `Job`, `cj`, `ds`, `po`, `no`, `ev`.
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s.to_ascii_lowercase().as_str() {
            "node" | "nodes" | "no" => Kind::Node,
            "cronjob" | "cronjobs" | "cj" => Kind::CronJob,
            "job" | "jobs" => Kind::Job,
            "daemonset" | "daemonsets" | "ds" => Kind::DaemonSet,
            "controllerrevision" | "controllerrevisions" => Kind::ControllerRevision,
            "pod" | "pods" | "po" => Kind::Pod,
            "event" | "events" | "ev" => Kind::Event,
            _ => return None,
        })
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Object {
    pub fn kind(&self) -> Kind {
        match self {
            Object::Job(_) => Kind::Job,
            Object::CronJob(_) => Kind::CronJob,
            Object::DaemonSet(_) => Kind::DaemonSet,
            Object::Node(_) => Kind::Node,
            Object::Pod(_) => Kind::Pod,
            Object::ControllerRevision(_) => Kind::ControllerRevision,
            Object::Event(_) => Kind::Event,
        }
    }
    pub fn metadata(&self) -> &ObjectMeta {
        match self {
            Object::Job(o) => &o.metadata,
            Object::CronJob(o) => &o.metadata,
            Object::DaemonSet(o) => &o.metadata,
            Object::Node(o) => &o.metadata,
            Object::Pod(o) => &o.metadata,
            Object::ControllerRevision(o) => &o.metadata,
            Object::Event(o) => &o.metadata,
        }
    }
    pub fn metadata_mut(&mut self) -> &mut ObjectMeta {
        match self {
            Object::Job(o) => &mut o.metadata,
            Object::CronJob(o) => &mut o.metadata,
            Object::DaemonSet(o) => &mut o.metadata,
            Object::Node(o) => &mut o.metadata,
            Object::Pod(o) => &mut o.metadata,
            Object::ControllerRevision(o) => &mut o.metadata,
            Object::Event(o) => &mut o.metadata,
        }
    }
    pub fn name(&self) -> &str {
        &self.metadata().name
    }
}
