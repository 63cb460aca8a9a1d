//! `kubectl rollout status`, `history` and `undo` for DaemonSets.

use super::console::Polled;
use super::describe::print_template;
use super::tabwriter::TabWriter;
use crate::api::{ControllerRevision, DaemonSet, Kind, Object};
use crate::sim::store::{Tap, WatchEventType};
use crate::sim::Simulation;

/// `kubectl rollout status ds/NAME` (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go).
pub fn rollout_status(ds: &DaemonSet) -> (String, bool) {
    if ds.spec.update_strategy.type_ == "OnDelete" {
        return (
            "error: rollout status is only available for RollingUpdate strategy type".into(),
            true,
        );
    }
    let s = &ds.status;
    let name = &ds.metadata.name;
    if ds.metadata.generation > s.observed_generation {
        return (
            "Waiting for daemon set spec update to be observed...".into(),
            false,
        );
    }
    if s.updated_number_scheduled < s.desired_number_scheduled {
        return (
            format!(
                "Waiting for daemon set \"{name}\" rollout to finish: {} out of {} new pods have been updated...",
                s.updated_number_scheduled, s.desired_number_scheduled
            ),
            false,
        );
    }
    if s.number_available < s.desired_number_scheduled {
        return (
            format!("Waiting for daemon set \"{name}\" rollout to finish: {} of {} updated pods are available...", s.number_available, s.desired_number_scheduled),
            false,
        );
    }
    (
        format!("daemon set \"{name}\" successfully rolled out"),
        true,
    )
}

/// `kubectl rollout status` as it waits (rollout_status.go `Run` with --watch, the default):
/// the status line again at every change of the DaemonSet, until it has rolled out.
#[derive(Clone, Debug, PartialEq)]
pub struct RolloutWatch {
    name: String,
    /// `--timeout`: when the watch gives up (watchtools.ContextWithOptionalTimeout; 0: never).
    deadline: Option<crate::api::Time>,
}

impl RolloutWatch {
    /// The first status (the watch's initial ADDED event); the watch when it has not rolled
    /// out yet.
    pub fn start(
        sim: &mut Simulation,
        ds: &DaemonSet,
        timeout: crate::api::Duration,
    ) -> (Option<RolloutWatch>, String, bool) {
        let (line, done) = rollout_status(ds);
        let error = line.starts_with("error:");
        if done || error {
            return (None, line, error);
        }
        sim.cluster.store.tap = Some(Box::new(Tap {
            kind: Kind::DaemonSet,
            now: sim.now(),
            events: Vec::new(),
        }));
        let w = RolloutWatch {
            name: ds.metadata.name.clone(),
            deadline: (timeout > crate::api::Duration::ZERO).then(|| sim.now() + timeout),
        };
        (Some(w), format!("{line}\n"), false)
    }

    pub fn poll(&mut self, sim: &mut Simulation) -> Polled {
        let events = match sim.cluster.store.tap.as_deref_mut() {
            Some(t) if t.kind == Kind::DaemonSet => std::mem::take(&mut t.events),
            _ => return Polled::Gone,
        };
        let mut out = String::new();
        for ev in events {
            let Object::DaemonSet(ds) = &ev.object else {
                continue;
            };
            if ds.metadata.name != self.name || self.deadline.is_some_and(|d| ev.t > d) {
                continue;
            }
            if ev.type_ == WatchEventType::Deleted {
                out.push_str("error: object has been deleted");
                self.stop(sim);
                return Polled::Done(out, true);
            }
            let (line, done) = rollout_status(ds);
            out.push_str(&line);
            out.push('\n');
            if done {
                self.stop(sim);
                return Polled::Done(out, false);
            }
        }
        if self.deadline.is_some_and(|d| sim.now() >= d) {
            // client-go wait.ErrWaitTimeout, through UntilWithSync.
            out.push_str("error: timed out waiting for the condition");
            self.stop(sim);
            return Polled::Done(out, true);
        }
        Polled::More(out)
    }

    /// When `--timeout` runs out, if given.
    pub fn deadline(&self) -> Option<crate::api::Time> {
        self.deadline
    }

    pub fn stop(&self, sim: &mut Simulation) {
        sim.cluster.store.end_tap(Kind::DaemonSet);
    }
}

/// The annotation `kubectl rollout history` shows as CHANGE-CAUSE
/// (kubectl polymorphichelpers/history.go `ChangeCauseAnnotation`).
pub const CHANGE_CAUSE: &str = "kubernetes.io/change-cause";

/// The pod template annotation `kubectl rollout restart` sets (polymorphichelpers/objectrestarter.go).
pub const RESTARTED_AT: &str = "kubectl.kubernetes.io/restartedAt";

/// `kubectl rollout history ds/NAME [--revision=N]` (cmd/rollout/rollout_history.go over
/// polymorphichelpers/history.go `DaemonSetHistoryViewer`): the name printer's line with the
/// history as its "operation", so a bare `daemonset.apps/NAME ` (trailing space) heads the
/// table. `revisions` are the ControllerRevisions the DaemonSet controls.
pub fn rollout_history(
    ds: &DaemonSet,
    revisions: &[&ControllerRevision],
    revision: i64,
) -> Result<String, String> {
    // historyInfo: by revision number, the last one listed wins a tie.
    let by_revision = crate::sort::to_map(revisions.iter().map(|r| (r.revision, *r)));
    let with_revision = if revision > 0 {
        format!("with revision #{revision}")
    } else {
        String::new()
    };
    let info = if by_revision.is_empty() {
        "No rollout history found.".to_string()
    } else if revision > 0 {
        let r = by_revision
            .get(&revision)
            .ok_or_else(|| "error: unable to find the specified revision".to_string())?;
        print_template(&r.data)
    } else {
        // tabbedString: a tabwriter with minwidth 0, tabwidth 8, padding 2.
        let mut tw = TabWriter::for_describe();
        tw.write("REVISION\tCHANGE-CAUSE\n");
        for (n, r) in &by_revision {
            let cause = r
                .metadata
                .annotations
                .get(CHANGE_CAUSE)
                .filter(|c| !c.is_empty())
                .map_or("<none>", String::as_str);
            tw.write(&format!("{n}\t{cause}\n"));
        }
        tw.finish()
    };
    Ok(format!(
        "daemonset.apps/{} {with_revision}\n{info}",
        ds.metadata.name
    ))
}

/// What `kubectl rollout undo` does to a DaemonSet.
#[derive(Debug, PartialEq)]
pub enum Rollback<'a> {
    /// Restore this revision's template.
    To(&'a ControllerRevision),
    /// The current template already matches: kubectl's message.
    Skipped(String),
}

/// `DaemonSetRollbacker.Rollback` (kubectl polymorphichelpers/rollback.go) up to the patch:
/// `findHistory` (the second-highest revision by default), then `daemonSetMatch`.
pub fn rollback<'a>(
    ds: &DaemonSet,
    revisions: &[&'a ControllerRevision],
    to_revision: i64,
) -> Result<Rollback<'a>, String> {
    let not_found = || format!("error: unable to find specified revision {to_revision} in history");
    if to_revision < 0 {
        return Err(not_found());
    }
    if to_revision == 0 && revisions.len() <= 1 {
        return Err("error: no last revision to roll back to".into());
    }
    let mut sorted = revisions.to_vec();
    crate::sort::sort_by_key(&mut sorted, |r| r.revision);
    let found = if to_revision == 0 {
        sorted.len().checked_sub(2).and_then(|i| sorted.get(i))
    } else {
        sorted.iter().find(|r| r.revision == to_revision)
    };
    let to = *found.ok_or_else(not_found)?;
    let same = serde_json::to_value(&ds.spec.template).ok() == serde_json::to_value(&to.data).ok();
    Ok(if same {
        // kubectl prints the flag's value: 0 when --to-revision was not given.
        Rollback::Skipped(format!(
            "daemonset.apps/{} skipped rollback (current template already matches revision {to_revision})",
            ds.metadata.name
        ))
    } else {
        Rollback::To(to)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_history_yet() {
        let mut ds = DaemonSet::default();
        ds.metadata.name = "fluentd".into();
        assert_eq!(
            rollout_history(&ds, &[], 0).as_deref(),
            Ok("daemonset.apps/fluentd \nNo rollout history found.")
        );
        assert_eq!(
            rollout_history(&ds, &[], 2).as_deref(),
            Ok("daemonset.apps/fluentd with revision #2\nNo rollout history found.")
        );
        assert_eq!(
            rollback(&ds, &[], 3),
            Err("error: unable to find specified revision 3 in history".to_string())
        );
    }
}
