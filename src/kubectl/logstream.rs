//! `kubectl logs -f POD`: the container's log as time runs, until the container exits.
//!
//! A simulated container prints what its script reached by now (`sim::logs`), so following
//! it prints each line when the script's clock passes it (`sleep 30; date` after 30 s). Like
//! kubelet's log stream, it ends when the container it follows terminates (a restart is a new
//! container: `kubectl logs -f` again follows that one), the pod is gone or its kubelet
//! stops answering, or when `--limit-bytes` have been sent. The runtime writes whole lines to
//! the log file, so a line
//! still being written is not sent yet; each line is sent as the kubelet reads it (after its
//! time with `--timestamps`, only from `--since` on).

use super::console::Polled;
use crate::api::{Kind, Pod, Time};
use crate::sim::logs::{log_lines, read_logs, LogLine, LogOptions, ReadOptions};
use crate::sim::store::Tap;
use crate::sim::Simulation;

#[derive(Clone, Debug, PartialEq)]
pub struct LogStream {
    pod: String,
    uid: String,
    /// The followed container's start.
    started: Time,
    /// Bytes of what the kubelet sends printed so far.
    printed: usize,
    /// `-c CONTAINER` (else the first).
    container: Option<String>,
    /// The first line sent (`--tail` counts back from the lines there were at the start).
    first: usize,
    /// What the kubelet reads of the request, `tail` aside.
    read: ReadOptions,
    /// `--prefix`: before each line.
    prefix: Option<String>,
}

/// The lines the log file holds: all of an exited container's, a running one's whole lines.
fn written(lines: &[LogLine], exited: bool) -> &[LogLine] {
    let whole = match lines.last() {
        Some(l) if !exited && !l.text.ends_with('\n') => lines.len() - 1,
        _ => lines.len(),
    };
    &lines[..whole]
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
    /// Prints the log so far (as `read` and `prefix` ask); returns the stream to follow, or
    /// None when nothing more will come (the container has exited, `--limit-bytes` are sent).
    pub fn start(
        sim: &mut Simulation,
        pod: &Pod,
        container: Option<String>,
        read: ReadOptions,
        prefix: Option<String>,
    ) -> Result<(Option<LogStream>, String), String> {
        let now = sim.now();
        let lines = log_lines(pod, Self::options(&container), now)?;
        let current = attempt(pod, container.as_deref());
        let lines = written(&lines, current.is_none_or(|(_, exited)| exited));
        let first = read.tail.map_or(0, |n| lines.len().saturating_sub(n));
        let read = ReadOptions { tail: None, ..read };
        let (text, limited) = read_logs(&lines[first..], &read);
        let shown = super::console::with_prefix(&text, prefix.as_deref());
        let Some((started, false)) = current else {
            return Ok((None, shown));
        };
        if limited {
            return Ok((None, shown));
        }
        let s = LogStream {
            pod: pod.metadata.name.clone(),
            uid: pod.metadata.uid.clone(),
            started,
            printed: text.len(),
            container,
            first,
            read,
            prefix,
        };
        // The tap only marks the stream alive: a rewound cluster is a new one without it.
        sim.cluster.store.tap = Some(Box::new(Tap {
            kind: Kind::Pod,
            now,
            events: Vec::new(),
        }));
        Ok((Some(s), shown))
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
        let lines = log_lines(pod, Self::options(&self.container), now).unwrap_or_default();
        let lines = written(&lines, exited);
        let (text, limited) = read_logs(lines.get(self.first..).unwrap_or_default(), &self.read);
        let new = text.get(self.printed..).unwrap_or_default();
        let new = super::console::with_prefix(new, self.prefix.as_deref());
        self.printed = text.len().max(self.printed);
        // The stream comes from the pod's kubelet: it ends with the kubelet (stopped, or its
        // node removed), as the connection closes, after what was sent before.
        let node = &pod.spec.node_name;
        let lost =
            !sim.cluster.store.contains::<crate::api::Node>(node) || sim.kubelet_stopped(node);
        if exited || limited || lost {
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
