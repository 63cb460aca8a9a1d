//! `kubectl logs -f POD`: the container's log as time runs, until the container exits.
//!
//! A simulated container prints what its script reached by now (`sim::logs`), so following
//! it prints each line when the script's clock passes it (`sleep 30; date` after 30 s). Like
//! kubelet's log stream, it ends when the container it follows terminates (a restart is a new
//! container: `kubectl logs -f` again follows that one) or the pod is gone.

use super::console::Polled;
use crate::api::{Kind, Pod, Time};
use crate::sim::logs::{logs_of, LogOptions};
use crate::sim::store::Tap;
use crate::sim::Simulation;

#[derive(Clone, Debug, PartialEq)]
pub struct LogStream {
    pod: String,
    uid: String,
    /// The followed container's start.
    started: Time,
    /// Bytes of its log printed so far.
    printed: usize,
    /// `-c CONTAINER` (else the first).
    container: Option<String>,
}

/// The container's current attempt (`-c`, else the first): its start, and whether it has exited.
fn attempt(pod: &Pod, container: Option<&str>) -> Option<(Time, bool)> {
    let name = container.or(pod.spec.containers.first().map(|c| c.name.as_str()))?;
    let state = &pod
        .status
        .container_statuses
        .iter()
        .find(|s| s.name == name)?
        .state;
    match (&state.running, &state.terminated) {
        (Some(r), _) => Some((r.started_at, false)),
        (None, Some(t)) => Some((t.started_at, true)),
        _ => None,
    }
}

impl LogStream {
    /// Prints the log so far; returns the stream to follow, or None when the container has
    /// already exited (nothing more will come).
    pub fn start(
        sim: &mut Simulation,
        pod: &Pod,
        container: Option<String>,
    ) -> Result<(Option<LogStream>, String), String> {
        let now = sim.now();
        let text = logs_of(pod, Self::options(&container), now)?;
        let Some((started, exited)) = attempt(pod, container.as_deref()) else {
            return Ok((None, text));
        };
        if exited {
            return Ok((None, text));
        }
        let s = LogStream {
            pod: pod.metadata.name.clone(),
            uid: pod.metadata.uid.clone(),
            started,
            printed: text.len(),
            container,
        };
        // The tap only marks the stream alive: a rewound cluster is a new one without it.
        sim.cluster.store.tap = Some(Box::new(Tap {
            kind: Kind::Pod,
            now,
            events: Vec::new(),
        }));
        Ok((Some(s), text))
    }

    pub fn poll(&mut self, sim: &mut Simulation) -> Polled {
        match sim.cluster.store.tap.as_deref_mut() {
            Some(tap) if tap.kind == Kind::Pod => tap.events.clear(),
            _ => return Polled::Gone,
        }
        let Some(pod) = sim.cluster.store.get::<Pod>(&self.pod) else {
            return self.end(sim, String::new());
        };
        if pod.metadata.uid != self.uid {
            return self.end(sim, String::new());
        }
        let now = sim.now();
        let Some((started, exited)) = attempt(pod, self.container.as_deref()) else {
            return self.end(sim, String::new());
        };
        if started != self.started {
            // Restarted: the followed container is gone.
            return self.end(sim, String::new());
        }
        let text = logs_of(pod, Self::options(&self.container), now).unwrap_or_default();
        let new = text.get(self.printed..).unwrap_or_default().to_string();
        self.printed = text.len().max(self.printed);
        if exited {
            return self.end(sim, new);
        }
        Polled::More(new)
    }

    fn options(container: &Option<String>) -> LogOptions<'_> {
        LogOptions {
            container: container.as_deref(),
            previous: false,
        }
    }

    fn end(&self, sim: &mut Simulation, last: String) -> Polled {
        self.stop(sim);
        Polled::Done(last, false)
    }

    pub fn stop(&self, sim: &mut Simulation) {
        sim.cluster.store.end_tap(Kind::Pod);
    }
}
