//! `Cluster`: what every controller acts on — the API server's store, the virtual clock, the
//! seeded random generator, the Event recorder and the record of the controller loop.

use std::borrow::Cow;

use serde::Serialize;

use super::rng::Rng;
use super::store::{ApiError, Resource, Store};
use crate::api::{Event, EventSource, Kind, ObjectMeta, ObjectReference, Pod, Time};

/// A pod finalizer the Job controller adds so it counts every finished pod exactly once
/// (`batch.kubernetes.io/job-tracking`, pkg/controller/job/tracking_utils.go).
pub const JOB_TRACKING_FINALIZER: &str = "batch.kubernetes.io/job-tracking";

/// One step of a controller's loop, for the UI's "how the controller thinks" view and
/// `--events loop`. `controller` is the component name Kubernetes uses.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LoopStep {
    pub t: Time,
    pub controller: &'static str,
    #[serde(flatten)]
    pub step: Step,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "step", rename_all = "camelCase")]
pub enum Step {
    /// An informer saw a watch event.
    Watch {
        event: &'static str,
        object: String,
    },
    /// A handler queued a key (`after` = AddAfter's due time).
    Enqueue {
        key: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        after: Option<Time>,
        why: String,
    },
    /// A worker popped a key and ran sync.
    Sync {
        key: String,
    },
    /// The sync's verdict in words (wanted vs observed): `message` in English (what
    /// `--events loop` prints), `zh` the same in Chinese for the page in 中文.
    Decide {
        key: String,
        message: String,
        #[serde(skip)]
        zh: String,
    },
    Create {
        object: String,
    },
    Delete {
        object: String,
    },
    UpdateStatus {
        object: String,
        summary: String,
    },
}

/// An Event as recorded: compact (most fields are static words), turned into an
/// `api::Event` when printed. A run of 100 000 pods records half a million of these.
#[derive(Clone, Debug, PartialEq)]
pub struct Recorded {
    pub t: Time,
    /// `Normal` or `Warning`.
    pub type_: &'static str,
    pub reason: Cow<'static, str>,
    pub kind: Kind,
    pub name: String,
    pub namespace: Cow<'static, str>,
    pub uid: String,
    pub message: String,
    pub component: &'static str,
    pub host: String,
    seq: u64,
}

impl Recorded {
    /// `kind/name`, as the CLI prints the involved object.
    pub fn object(&self) -> String {
        object_ref(self.kind, &self.name)
    }

    /// The full `v1` Event (`record.EventRecorder` names it `<object>.<hex time>`).
    pub fn to_event(&self) -> Event {
        Event {
            api_version: "v1".into(),
            kind: "Event".into(),
            metadata: ObjectMeta {
                name: format!(
                    "{}.{:x}",
                    self.name,
                    (self.t.0 as u64)
                        .wrapping_mul(1_000_000)
                        .wrapping_add(self.seq)
                ),
                namespace: self.namespace.to_string(),
                creation_timestamp: Some(self.t),
                ..Default::default()
            },
            involved_object: ObjectReference {
                kind: self.kind.as_str().into(),
                namespace: self.namespace.to_string(),
                name: self.name.clone(),
                uid: self.uid.clone(),
                api_version: self.kind.api_version().into(),
                resource_version: String::new(),
            },
            reason: self.reason.to_string(),
            message: self.message.clone(),
            type_: self.type_.into(),
            source: EventSource {
                component: self.component.into(),
                host: self.host.clone(),
            },
            first_timestamp: self.t,
            last_timestamp: self.t,
            count: 1,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Cluster {
    pub store: Store,
    pub now: Time,
    pub start: Time,
    pub rng: Rng,
    pub events: Vec<Recorded>,
    pub record_loop: bool,
    pub loop_steps: Vec<LoopStep>,
    event_seq: u64,
}

/// `kind/name` as the CLI prints an object.
pub fn object_ref(kind: Kind, name: &str) -> String {
    format!("{}/{}", kind.as_str(), name)
}

impl Cluster {
    pub fn new(seed: u64, start: Time, record_loop: bool) -> Self {
        Cluster {
            store: Store::default(),
            now: start,
            start,
            rng: Rng::new(seed),
            events: Vec::new(),
            record_loop,
            loop_steps: Vec::new(),
            event_seq: 0,
        }
    }

    /// Seconds of virtual time since the start.
    pub fn elapsed(&self) -> f64 {
        (self.now - self.start).as_secs_f64()
    }

    pub fn trace(&mut self, controller: &'static str, step: impl FnOnce() -> Step) {
        if self.record_loop {
            self.loop_steps.push(LoopStep {
                t: self.now,
                controller,
                step: step(),
            });
        }
    }

    /// `record.EventRecorder.Event`: a Kubernetes Event about `meta` of `kind`.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        kind: Kind,
        meta: &ObjectMeta,
        type_: &'static str,
        reason: impl Into<Cow<'static, str>>,
        message: String,
        component: &'static str,
        host: &str,
    ) {
        self.event_seq += 1;
        let namespace = match meta.namespace.as_str() {
            "default" => Cow::Borrowed("default"),
            "" => Cow::Borrowed(""),
            ns => Cow::Owned(ns.to_string()),
        };
        self.events.push(Recorded {
            t: self.now,
            type_,
            reason: reason.into(),
            kind,
            name: meta.name.clone(),
            namespace,
            uid: meta.uid.clone(),
            message,
            component,
            host: host.to_string(),
            seq: self.event_seq,
        });
    }

    /// Fills in what the API server sets on create: name from generateName, uid,
    /// creationTimestamp, namespace.
    pub fn stamp_new(&mut self, meta: &mut ObjectMeta, kind: Kind) {
        if meta.name.is_empty() {
            // names.SimpleNameGenerator: prefix + 5 random chars; retry on the rare collision.
            loop {
                let candidate = format!("{}{}", meta.generate_name, self.rng.name_suffix());
                let taken = match kind {
                    Kind::Pod => self.store.contains::<Pod>(&candidate),
                    Kind::Job => self.store.contains::<crate::api::Job>(&candidate),
                    _ => false,
                };
                if !taken {
                    meta.name = candidate;
                    break;
                }
            }
        }
        meta.uid = self.rng.uid();
        meta.creation_timestamp = Some(self.now);
        if meta.namespace.is_empty() {
            meta.namespace = "default".into();
        }
    }

    pub fn create<R: Resource>(&mut self, mut obj: R) -> Result<String, ApiError> {
        self.stamp_new(obj.meta_mut(), R::KIND);
        let name = obj.meta().name.clone();
        self.store.create(obj)?;
        Ok(name)
    }

    /// Deletes a pod the way the API server does: a pod bound to a node that has not finished
    /// gets a deletionTimestamp and waits for its kubelet; any pod with finalizers waits for
    /// them; otherwise it is removed at once.
    pub fn delete_pod(&mut self, name: &str) -> Result<(), ApiError> {
        self.store.mark_deleted::<Pod>(name, self.now)?;
        self.finish_pod_deletion_if_ready(name);
        Ok(())
    }

    /// Removes a deleted pod once nothing holds it (finalizers gone, kubelet done).
    pub fn finish_pod_deletion_if_ready(&mut self, name: &str) {
        let ready = self.store.get::<Pod>(name).is_some_and(|p| {
            p.metadata.deletion_timestamp.is_some()
                && p.metadata.finalizers.is_empty()
                && (p.spec.node_name.is_empty()
                    || matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
                    || !self.store.contains::<crate::api::Node>(&p.spec.node_name))
        });
        if ready {
            self.store.remove::<Pod>(name);
        }
    }

    /// Removes one finalizer from a pod (and the pod, if it was waiting only for that).
    pub fn remove_pod_finalizer(&mut self, name: &str, finalizer: &str) {
        let has = self
            .store
            .get::<Pod>(name)
            .is_some_and(|p| p.metadata.finalizers.iter().any(|f| f == finalizer));
        if has {
            let _ = self
                .store
                .modify::<Pod>(name, |p| p.metadata.finalizers.retain(|f| f != finalizer));
            self.finish_pod_deletion_if_ready(name);
        }
    }

    /// Events about one object, oldest first.
    pub fn events_for(&self, kind: Kind, name: &str) -> Vec<Event> {
        self.events
            .iter()
            .filter(|r| r.kind == kind && r.name == name)
            .map(Recorded::to_event)
            .collect()
    }

    /// Every Event as a `v1` Event.
    pub fn all_events(&self) -> Vec<Event> {
        self.events.iter().map(Recorded::to_event).collect()
    }
}
