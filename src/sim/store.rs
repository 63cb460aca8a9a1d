//! The API server's object store: resource versions, uids, graceful deletion with finalizers,
//! and a watch stream every informer reads from its own cursor.

use std::collections::{BTreeMap, BTreeSet};

use super::fasthash::FastMap;

use serde::Serialize;

use crate::api::{
    ControllerRevision, CronJob, DaemonSet, Job, Kind, Node, Object, ObjectMeta, Pod, Time,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum WatchEventType {
    #[serde(rename = "ADDED")]
    Added,
    #[serde(rename = "MODIFIED")]
    Modified,
    #[serde(rename = "DELETED")]
    Deleted,
}

impl WatchEventType {
    pub fn as_str(self) -> &'static str {
        match self {
            WatchEventType::Added => "ADDED",
            WatchEventType::Modified => "MODIFIED",
            WatchEventType::Deleted => "DELETED",
        }
    }
}

/// One entry of the watch stream. It names the object; informers read the object itself from
/// the store (or, for DELETED, from `last_state`).
#[derive(Clone, Debug)]
pub struct WatchEvent {
    pub type_: WatchEventType,
    pub kind: Kind,
    pub name: String,
    pub resource_version: u64,
    /// The controller owner's (kind, name) at the time of the event, so handlers can map a
    /// dependent (a Pod, a Job of a CronJob) to its owner's key even after it is gone.
    pub owner: Option<(Kind, String)>,
    /// For a deleted object: its last state.
    pub last_state: Option<Box<Object>>,
    /// The object has a deletionTimestamp (lets handlers skip a lookup on the hot path).
    pub deleting: bool,
}

/// A kind the store keeps in its own map.
pub trait Resource: Clone + Sized + 'static {
    const KIND: Kind;
    fn meta(&self) -> &ObjectMeta;
    fn meta_mut(&mut self) -> &mut ObjectMeta;
    fn map(store: &Store) -> &BTreeMap<String, Self>;
    fn map_mut(store: &mut Store) -> &mut BTreeMap<String, Self>;
    fn into_object(self) -> Object;
}

macro_rules! resource {
    ($t:ty, $kind:expr, $field:ident, $variant:ident) => {
        impl Resource for $t {
            const KIND: Kind = $kind;
            fn meta(&self) -> &ObjectMeta {
                &self.metadata
            }
            fn meta_mut(&mut self) -> &mut ObjectMeta {
                &mut self.metadata
            }
            fn map(store: &Store) -> &BTreeMap<String, Self> {
                &store.$field
            }
            fn map_mut(store: &mut Store) -> &mut BTreeMap<String, Self> {
                &mut store.$field
            }
            fn into_object(self) -> Object {
                Object::$variant(self)
            }
        }
    };
}

resource!(Job, Kind::Job, jobs, Job);
resource!(CronJob, Kind::CronJob, cronjobs, CronJob);
resource!(DaemonSet, Kind::DaemonSet, daemonsets, DaemonSet);
resource!(Node, Kind::Node, nodes, Node);
resource!(Pod, Kind::Pod, pods, Pod);
resource!(
    ControllerRevision,
    Kind::ControllerRevision,
    revisions,
    ControllerRevision
);

#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    AlreadyExists(Kind, String),
    NotFound(Kind, String),
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The API server's own wording (k8s.io/apimachinery/pkg/api/errors).
        match self {
            ApiError::AlreadyExists(k, n) => {
                write!(f, "{}s \"{n}\" already exists", k.as_str().to_lowercase())
            }
            ApiError::NotFound(k, n) => {
                write!(f, "{}s \"{n}\" not found", k.as_str().to_lowercase())
            }
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Store {
    resource_version: u64,
    pub jobs: BTreeMap<String, Job>,
    pub cronjobs: BTreeMap<String, CronJob>,
    pub daemonsets: BTreeMap<String, DaemonSet>,
    pub nodes: BTreeMap<String, Node>,
    pub pods: BTreeMap<String, Pod>,
    pub revisions: BTreeMap<String, ControllerRevision>,
    /// Names of the objects each uid controls (ownerReferences with controller: true).
    dependents: FastMap<String, BTreeSet<(Kind, String)>>,
    watch: Vec<WatchEvent>,
    /// Absolute index of `watch[0]`: cursors stay valid across compaction.
    watch_base: usize,
}

fn controller_key(meta: &ObjectMeta) -> Option<(Kind, String)> {
    let r = meta.controller_of()?;
    let kind = match r.kind.as_str() {
        "Job" => Kind::Job,
        "CronJob" => Kind::CronJob,
        "DaemonSet" => Kind::DaemonSet,
        // Owners the simulation does not run (a ReplicaSet, say) have no controller here.
        _ => return None,
    };
    Some((kind, r.name.clone()))
}

impl Store {
    pub fn get<R: Resource>(&self, name: &str) -> Option<&R> {
        R::map(self).get(name)
    }

    pub fn list<R: Resource>(&self) -> impl Iterator<Item = &R> {
        R::map(self).values()
    }

    pub fn contains<R: Resource>(&self, name: &str) -> bool {
        R::map(self).contains_key(name)
    }

    /// Objects of kind `R` whose controller is the object with `uid`.
    pub fn dependents<R: Resource>(&self, uid: &str) -> Vec<&R> {
        let map = R::map(self);
        self.dependents
            .get(uid)
            .into_iter()
            .flatten()
            .filter(|(k, _)| *k == R::KIND)
            .filter_map(|(_, n)| map.get(n))
            .collect()
    }

    pub fn dependent_count(&self, uid: &str) -> usize {
        self.dependents.get(uid).map_or(0, |s| s.len())
    }

    /// Creates the object. uid, creationTimestamp and the name (for generateName) must be set by
    /// the caller, who owns the random generator.
    pub fn create<R: Resource>(&mut self, mut obj: R) -> Result<(), ApiError> {
        let name = obj.meta().name.clone();
        if R::map(self).contains_key(&name) {
            return Err(ApiError::AlreadyExists(R::KIND, name));
        }
        self.resource_version += 1;
        let rv = self.resource_version;
        let meta = obj.meta_mut();
        meta.resource_version = rv.to_string();
        if meta.generation == 0 {
            meta.generation = 1;
        }
        if let Some(owner) = meta.controller_of() {
            self.dependents
                .entry(owner.uid.clone())
                .or_default()
                .insert((R::KIND, name.clone()));
        }
        let owner = controller_key(obj.meta());
        let deleting = obj.meta().deletion_timestamp.is_some();
        R::map_mut(self).insert(name.clone(), obj);
        self.watch.push(WatchEvent {
            type_: WatchEventType::Added,
            kind: R::KIND,
            name,
            resource_version: rv,
            owner,
            last_state: None,
            deleting,
        });
        Ok(())
    }

    /// Replaces the stored object (spec or status write). Returns NotFound if it is gone.
    pub fn update<R: Resource>(&mut self, obj: R) -> Result<(), ApiError> {
        let name = obj.meta().name.clone();
        self.modify::<R>(&name, |stored| *stored = obj)
    }

    /// Edits an object in place and writes it back (one MODIFIED event).
    pub fn modify<R: Resource>(
        &mut self,
        name: &str,
        f: impl FnOnce(&mut R),
    ) -> Result<(), ApiError> {
        self.resource_version += 1;
        let rv = self.resource_version;
        let Some(obj) = R::map_mut(self).get_mut(name) else {
            self.resource_version -= 1;
            return Err(ApiError::NotFound(R::KIND, name.to_string()));
        };
        let old_owner = obj.meta().controller_of().map(|r| r.uid.clone());
        f(obj);
        obj.meta_mut().resource_version = rv.to_string();
        let new_owner = obj.meta().controller_of().map(|r| r.uid.clone());
        let owner = controller_key(obj.meta());
        let deleting = obj.meta().deletion_timestamp.is_some();
        if old_owner != new_owner {
            if let Some(uid) = old_owner {
                self.unlink(&uid, R::KIND, name);
            }
            if let Some(uid) = new_owner {
                self.dependents
                    .entry(uid)
                    .or_default()
                    .insert((R::KIND, name.to_string()));
            }
        }
        self.watch.push(WatchEvent {
            type_: WatchEventType::Modified,
            kind: R::KIND,
            name: name.to_string(),
            resource_version: rv,
            owner,
            last_state: None,
            deleting,
        });
        Ok(())
    }

    /// Takes the watch stream from `cursor` on, when no reader needs what comes before it
    /// again (every informer is at `cursor`). Cheaper than copying it.
    pub fn take_watch(&mut self, cursor: usize) -> Vec<WatchEvent> {
        let skip = cursor.saturating_sub(self.watch_base).min(self.watch.len());
        let taken: Vec<WatchEvent> = self.watch.drain(..).skip(skip).collect();
        self.watch_base += skip + taken.len();
        taken
    }

    /// Removes the object now (the end of a deletion). Returns its last state.
    pub fn remove<R: Resource>(&mut self, name: &str) -> Option<R> {
        let obj = R::map_mut(self).remove(name)?;
        if let Some(owner) = obj.meta().controller_of() {
            let uid = owner.uid.clone();
            self.unlink(&uid, R::KIND, name);
        }
        self.resource_version += 1;
        let rv = self.resource_version;
        let owner = controller_key(obj.meta());
        let last = Box::new(obj.clone().into_object());
        self.watch.push(WatchEvent {
            type_: WatchEventType::Deleted,
            kind: R::KIND,
            name: name.to_string(),
            resource_version: rv,
            owner,
            last_state: Some(last),
            deleting: true,
        });
        Some(obj)
    }

    /// Starts a graceful deletion: sets deletionTimestamp. The caller decides when the object
    /// is actually removed (finalizers, kubelet termination).
    pub fn mark_deleted<R: Resource>(&mut self, name: &str, now: Time) -> Result<(), ApiError> {
        self.modify::<R>(name, |o| {
            let m = o.meta_mut();
            if m.deletion_timestamp.is_none() {
                m.deletion_timestamp = Some(now);
            }
        })
    }

    fn unlink(&mut self, owner_uid: &str, kind: Kind, name: &str) {
        if let Some(set) = self.dependents.get_mut(owner_uid) {
            set.remove(&(kind, name.to_string()));
            if set.is_empty() {
                self.dependents.remove(owner_uid);
            }
        }
    }

    /// The watch stream from `cursor` on.
    pub fn watch_from(&self, cursor: usize) -> &[WatchEvent] {
        self.watch
            .get(cursor.saturating_sub(self.watch_base)..)
            .unwrap_or(&[])
    }

    /// The absolute cursor just past the newest watch event.
    pub fn watch_len(&self) -> usize {
        self.watch_base + self.watch.len()
    }

    pub fn resource_version(&self) -> u64 {
        self.resource_version
    }

    /// Every object, in `Kind::ALL` order then by name (for `--final-state`).
    pub fn all_objects(&self) -> Vec<Object> {
        let mut out = Vec::new();
        out.extend(self.nodes.values().cloned().map(Object::Node));
        out.extend(self.cronjobs.values().cloned().map(Object::CronJob));
        out.extend(self.jobs.values().cloned().map(Object::Job));
        out.extend(self.daemonsets.values().cloned().map(Object::DaemonSet));
        out.extend(
            self.revisions
                .values()
                .cloned()
                .map(Object::ControllerRevision),
        );
        out.extend(self.pods.values().cloned().map(Object::Pod));
        out
    }

    /// Drops watch history every informer has read (keeps memory flat on long runs).
    pub fn compact_watch(&mut self, min_cursor: usize) {
        let n = min_cursor
            .saturating_sub(self.watch_base)
            .min(self.watch.len());
        self.watch.drain(..n);
        self.watch_base += n;
    }
}
