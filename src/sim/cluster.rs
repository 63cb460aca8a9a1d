//! `Cluster`: what every controller acts on — the API server's store, the virtual clock, the
//! seeded random generator, the Event recorder and the record of the controller loop.

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
    /// The sync's verdict in words (wanted vs observed).
    Decide {
        key: String,
        message: String,
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

/// An Event as recorded, with its virtual time.
#[derive(Clone, Debug, PartialEq)]
pub struct Recorded {
    pub t: Time,
    pub event: Event,
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
    pub fn record(
        &mut self,
        kind: Kind,
        meta: &ObjectMeta,
        type_: &str,
        reason: &str,
        message: String,
        component: &str,
        host: &str,
    ) {
        self.event_seq += 1;
        let name = format!(
            "{}.{:x}",
            meta.name,
            (self.now.0 as u64)
                .wrapping_mul(1_000_000)
                .wrapping_add(self.event_seq)
        );
        let event = Event {
            api_version: "v1".into(),
            kind: "Event".into(),
            metadata: ObjectMeta {
                name,
                namespace: meta.namespace.clone(),
                creation_timestamp: Some(self.now),
                ..Default::default()
            },
            involved_object: ObjectReference {
                kind: kind.as_str().into(),
                namespace: meta.namespace.clone(),
                name: meta.name.clone(),
                uid: meta.uid.clone(),
                api_version: kind.api_version().into(),
                resource_version: String::new(),
            },
            reason: reason.into(),
            message,
            type_: type_.into(),
            source: EventSource {
                component: component.into(),
                host: host.into(),
            },
            first_timestamp: self.now,
            last_timestamp: self.now,
            count: 1,
        };
        self.events.push(Recorded { t: self.now, event });
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
    pub fn events_for(&self, kind: Kind, name: &str) -> Vec<&Event> {
        self.events
            .iter()
            .filter(|r| {
                r.event.involved_object.kind == kind.as_str()
                    && r.event.involved_object.name == name
            })
            .map(|r| &r.event)
            .collect()
    }
}
