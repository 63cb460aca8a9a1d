//! `kubectl cordon`, `uncordon` and `drain` (which waits, as time runs, for the evicted pods
//! to go).

use super::{err, not_found, ConsoleResult, Follow, Polled};
use crate::api::{Kind, Node, Pod};
use crate::sim::scenario::Action;
use crate::sim::{DrainOptions, Simulation};

pub(super) fn cordon(sim: &mut Simulation, cmd: &str, args: &[&str]) -> ConsoleResult {
    if args.is_empty() {
        // drain.go Complete: cmdutil.UsageErrorf, as for drain.
        return err(format!(
            "error: USAGE: {cmd} NODE [flags]\nSee 'kubectl {cmd} -h' for help and examples"
        ));
    }
    if let Some(n) = args
        .iter()
        .find(|n| sim.cluster.store.get::<Node>(n).is_none())
    {
        return not_found(Kind::Node, n);
    }
    let on = cmd == "cordon";
    let word = if on { "cordoned" } else { "uncordoned" };
    let action = match args {
        [node] if on => Action::Cordon(node.to_string()),
        [node] => Action::Uncordon(node.to_string()),
        // drain.go RunCordonOrUncordon for each node: several are one update of the nodes.
        nodes => Action::Apply(
            nodes
                .iter()
                .filter_map(|n| sim.cluster.store.get::<Node>(n))
                .filter(|n| n.spec.unschedulable != on)
                .map(|n| {
                    let mut n = n.clone();
                    n.spec.unschedulable = on;
                    crate::api::Object::Node(n)
                })
                .collect(),
        ),
    };
    let lines: Vec<String> = args
        .iter()
        .map(|n| {
            let already = sim
                .cluster
                .store
                .get::<Node>(n)
                .is_some_and(|x| x.spec.unschedulable == on);
            match already {
                true => format!("node/{n} already {word}"),
                false => format!("node/{n} {word}"),
            }
        })
        .collect();
    match sim.perform(&action) {
        Ok(out) => ConsoleResult {
            output: if args.len() == 1 {
                out
            } else {
                lines.join("\n")
            },
            error: false,
            action: Some(action),
            follow: None,
        },
        Err(e) => err(format!("error: {e}")),
    }
}

/// `kubectl drain NODE` (kubectl/pkg/cmd/drain, pkg/drain): the node is cordoned first; then
/// each pod on it goes through drain's filters. A DaemonSet's pod cannot be evicted (its
/// controller would put it back), one with an emptyDir volume would lose its data, one with no
/// controller would not come back: without --ignore-daemonsets, --delete-emptydir-data or
/// --force, kubectl stops there with its error; else the pods are evicted.
/// `grace`: `--grace-period=N` (N ≥ 0), the evictions' grace period instead of each pod's own.
pub(super) fn drain(
    sim: &mut Simulation,
    args: &[&str],
    o: DrainOptions,
    grace: Option<i64>,
) -> ConsoleResult {
    let node = match args {
        [node] => node,
        [] => {
            return err(
                "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples"
                    .into(),
            )
        }
        // drain.go RunDrain cordons them all, then drains one after another, each waiting for
        // its pods to go; here each is its own command.
        [first, ..] => {
            return err(format!(
                "error: CtrlScope drains one node per command: kubectl drain {first} (then the next; kubectl would cordon them all first)"
            ))
        }
    };
    if sim.cluster.store.get::<Node>(node).is_none() {
        return not_found(Kind::Node, node);
    }
    let plan = sim.drain_plan(node, o);
    if !plan.errors.is_empty() {
        let action = Action::Cordon(node.to_string());
        let cordoned = sim.perform(&action).unwrap_or_default();
        // utilerrors.NewAggregate: one error as itself, several as [a, b]; the command's own
        // error at the end goes through checkErr, which prints an aggregate's errors one per
        // line (MultipleErrors).
        let why = match plan.errors.as_slice() {
            [one] => one.clone(),
            many => format!("[{}]", many.join(", ")),
        };
        let last = plan.errors.join("\n");
        return ConsoleResult {
            output: format!(
                "{cordoned}\nerror: unable to drain node {node:?} due to error: {why}, continuing command...\nThere are pending nodes to be drained:\n {node}\n{last}"
            ),
            error: true,
            action: Some(action),
            follow: None,
        };
    }
    let action = match grace {
        Some(g) => Action::DrainGrace(node.to_string(), g),
        None => Action::Drain(node.to_string()),
    };
    let out = match sim.perform(&action) {
        Ok(out) => out,
        Err(e) => return err(format!("error: {e}")),
    };
    // drain.go evictPods: each `pod/NAME evicted` once waitForDelete saw the pod go, then
    // `node/NAME drained`; pods still there (stopping, or on a node whose kubelet is stopped)
    // are waited for as time runs.
    let pending: Vec<String> = out
        .lines()
        .filter_map(|l| l.strip_prefix("pod/")?.strip_suffix(" evicted"))
        .filter(|name| sim.cluster.store.contains::<Pod>(name))
        .map(str::to_string)
        .collect();
    if pending.is_empty() {
        return ConsoleResult {
            output: out,
            error: false,
            action: Some(action),
            follow: None,
        };
    }
    let shown: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with("node/") || !l.ends_with(" drained"))
        .filter(|l| {
            l.strip_prefix("pod/")
                .and_then(|r| r.strip_suffix(" evicted"))
                .is_none_or(|n| !pending.iter().any(|p| p == n))
        })
        .collect();
    sim.cluster.store.tap = Some(Box::new(crate::sim::store::Tap {
        kind: Kind::Pod,
        now: sim.now(),
        events: Vec::new(),
    }));
    ConsoleResult {
        output: format!("{}\n", shown.join("\n")),
        error: false,
        action: Some(action),
        follow: Some(Box::new(Follow::Drain(DrainWatch {
            node: node.to_string(),
            pods: pending,
        }))),
    }
}

/// `kubectl drain` waiting for its evicted pods to be deleted.
#[derive(Clone, Debug, PartialEq)]
pub struct DrainWatch {
    node: String,
    pods: Vec<String>,
}

impl DrainWatch {
    pub fn poll(&mut self, sim: &mut Simulation) -> Polled {
        let events = match sim.cluster.store.tap.as_deref_mut() {
            Some(t) if t.kind == Kind::Pod => std::mem::take(&mut t.events),
            _ => return Polled::Gone,
        };
        let mut out = String::new();
        for ev in events {
            if ev.type_ != crate::sim::store::WatchEventType::Deleted {
                continue;
            }
            let name = ev.object.metadata().name.as_str();
            if let Some(i) = self.pods.iter().position(|p| p == name) {
                self.pods.remove(i);
                out.push_str(&format!("pod/{name} evicted\n"));
            }
        }
        if self.pods.is_empty() {
            sim.cluster.store.end_tap(Kind::Pod);
            out.push_str(&format!("node/{} drained", self.node));
            return Polled::Done(out, false);
        }
        Polled::More(out)
    }
}
