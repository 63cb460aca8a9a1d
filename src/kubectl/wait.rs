//! `kubectl wait --for=condition=Complete job/pi`: waits, as time runs, until every named object
//! meets the condition, printing `job.batch/pi condition met` for each in turn.
//!
//! Source: `staging/src/k8s.io/kubectl/pkg/cmd/wait/wait.go` (`conditionFuncFor`, `RunWait`,
//! `IsDeleted`, `ConditionalWait.checkCondition`: type and status compared case-insensitively,
//! a condition older than the object's generation ignored; the timeout, 30 s by default, runs
//! from the start for all objects together; errors `timed out waiting for the condition on
//! jobs/pi`, `no matching resources found`). The console's clock is virtual: the wait reads
//! the store's tap, so an object that met the condition between two polls counts at the instant
//! it did, not when the page looked.

use serde_json::Value;

use super::console::not_found_message as not_found;
use super::jsonpath::{go_sprint, relaxed, JsonPath};
use crate::api::{Duration, Kind, Object, Time};
use crate::sim::store::{Tap, WatchEventType};
use crate::sim::{kubectl_resource, Simulation};

/// What `--for` asks.
#[derive(Clone, Debug, PartialEq)]
pub enum WaitFor {
    /// `condition=NAME[=VALUE]` (VALUE defaults to `true`).
    Condition { type_: String, status: String },
    /// `delete`: gone (or never there).
    Delete,
    /// `create`: exists.
    Create,
    /// `jsonpath='{EXPR}'[=VALUE]`: the expression finds one value (equal to VALUE, if given).
    JsonPath {
        expr: JsonPath,
        value: Option<String>,
    },
}

impl WaitFor {
    /// `conditionFuncFor`.
    pub fn parse(s: &str) -> Result<WaitFor, String> {
        if s.eq_ignore_ascii_case("delete") {
            return Ok(WaitFor::Delete);
        }
        if s.eq_ignore_ascii_case("create") {
            return Ok(WaitFor::Create);
        }
        if let Some(c) = s.strip_prefix("condition=") {
            let (type_, status) = c.split_once('=').unwrap_or((c, "true"));
            return Ok(WaitFor::Condition {
                type_: type_.to_string(),
                status: status.to_string(),
            });
        }
        if let Some(input) = s.strip_prefix("jsonpath=") {
            return parse_jsonpath_input(input);
        }
        Err(format!(
            "error: unrecognized condition: {}",
            crate::manifest::go_quote(s)
        ))
    }
}

/// `processJSONPathInput` and `newJSONPathParser`: EXPR and an optional VALUE split at a
/// single `=` (`==` stays inside the expression).
fn parse_jsonpath_input(input: &str) -> Result<WaitFor, String> {
    let mut parts: Vec<String> = vec![String::new()];
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('=', Some('=')) => {
                chars.next();
                if let Some(p) = parts.last_mut() {
                    p.push_str("==");
                }
            }
            ('=', _) => parts.push(String::new()),
            (c, _) => {
                if let Some(p) = parts.last_mut() {
                    p.push(c);
                }
            }
        }
    }
    if parts.len() > 2 {
        return Err("error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'".into());
    }
    let expr = relaxed(&parts[0]).map_err(|e| format!("error: {e}"))?;
    if expr.is_empty() {
        return Err("error: jsonpath expression cannot be empty".into());
    }
    let value = match parts.get(1) {
        None => None,
        Some(v) => {
            let v = v.trim_matches(|c| c == '\'' || c == '"');
            if v.is_empty() {
                return Err("error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3".into());
            }
            Some(v.to_string())
        }
    };
    let expr = JsonPath::parse(&expr).map_err(|e| format!("error: {e}"))?;
    Ok(WaitFor::JsonPath { expr, value })
}

/// A running `kubectl wait`.
#[derive(Clone, Debug, PartialEq)]
pub struct Wait {
    kind: Kind,
    for_: WaitFor,
    /// The objects, in the order kubectl visits them, and when each met the condition.
    targets: Vec<(String, Option<Time>)>,
    /// How many targets were printed.
    printed: usize,
    deadline: Time,
}

/// What a poll of a wait found.
#[derive(Debug, PartialEq)]
pub enum WaitPolled {
    /// Still waiting; the lines printed since the last poll.
    Waiting(String),
    /// Finished: the last lines, and whether it ended in an error.
    Done(String, bool),
    /// The cluster was replaced (a rewind or reset).
    Gone,
}

impl Wait {
    /// Starts waiting on `names` of `kind` (already resolved: names given or selected). Returns
    /// the wait (None when it is already over) and what it printed.
    pub fn start(
        sim: &mut Simulation,
        kind: Kind,
        names: Vec<String>,
        for_: WaitFor,
        timeout: Duration,
    ) -> (Option<Wait>, String, bool) {
        let now = sim.now();
        let mut targets = Vec::new();
        for name in names {
            let object = current(sim, kind, &name);
            if object.is_none() && matches!(for_, WaitFor::Condition { .. }) {
                return (None, not_found(kind, &name), true);
            }
            let met = meets(&for_, object.as_ref()).then_some(now);
            targets.push((name, met));
        }
        let mut w = Wait {
            kind,
            for_,
            targets,
            printed: 0,
            deadline: now + timeout,
        };
        sim.cluster.store.tap = Some(Box::new(Tap {
            kind,
            now,
            events: Vec::new(),
        }));
        // Timeout 0: check once (wait.go "condition not met for jobs/pi").
        match w.advance(now, timeout == Duration::ZERO) {
            WaitPolled::Waiting(out) => (Some(w), out, false),
            WaitPolled::Done(out, error) => {
                w.stop(sim);
                (None, out, error)
            }
            WaitPolled::Gone => (None, String::new(), false),
        }
    }

    /// When `--timeout` runs out.
    pub fn deadline(&self) -> Time {
        self.deadline
    }

    pub fn poll(&mut self, sim: &mut Simulation) -> WaitPolled {
        let Some(tap) = sim.cluster.store.tap.as_deref_mut() else {
            return WaitPolled::Gone;
        };
        if tap.kind != self.kind {
            return WaitPolled::Gone;
        }
        for ev in std::mem::take(&mut tap.events) {
            let name = ev.object.metadata().name.as_str();
            let Some(i) = self
                .targets
                .iter()
                .position(|(n, met)| n == name && met.is_none())
            else {
                continue;
            };
            let object = (ev.type_ != WatchEventType::Deleted).then_some(&ev.object);
            if meets(&self.for_, object) {
                self.targets[i].1 = Some(ev.t);
            } else if object.is_none() && matches!(self.for_, WaitFor::Condition { .. }) {
                // The object went away while waited on: the precondition's NotFound.
                if ev.t <= self.deadline {
                    let mut out = self.print_met(ev.t);
                    out.push_str(&not_found(self.kind, name));
                    return self.finish(sim, out, true);
                }
            }
        }
        match self.advance(sim.now(), false) {
            WaitPolled::Done(out, error) => self.finish(sim, out, error),
            other => other,
        }
    }

    fn finish(&mut self, sim: &mut Simulation, out: String, error: bool) -> WaitPolled {
        self.stop(sim);
        WaitPolled::Done(out, error)
    }

    /// Prints the targets met by `until`, in order; decides whether the wait is over at `now`.
    fn advance(&mut self, now: Time, once: bool) -> WaitPolled {
        let mut out = self.print_met(now.min(self.deadline));
        if self.printed == self.targets.len() {
            return WaitPolled::Done(out, false);
        }
        let name = &self.targets[self.printed].0;
        let resource = plural(self.kind);
        if once {
            out.push_str(&format!("error: condition not met for {resource}/{name}"));
            return WaitPolled::Done(out, true);
        }
        if now >= self.deadline {
            out.push_str(&format!(
                "error: timed out waiting for the condition on {resource}/{name}"
            ));
            return WaitPolled::Done(out, true);
        }
        WaitPolled::Waiting(out)
    }

    /// `job.batch/pi condition met` for each next target met by `until`.
    fn print_met(&mut self, until: Time) -> String {
        let mut out = String::new();
        while let Some((name, Some(t))) = self.targets.get(self.printed) {
            if *t > until {
                break;
            }
            out.push_str(&format!(
                "{}/{name} condition met\n",
                kubectl_resource(self.kind)
            ));
            self.printed += 1;
        }
        out
    }

    /// Stops: the store no longer copies writes.
    pub fn stop(&self, sim: &mut Simulation) {
        sim.cluster.store.end_tap(self.kind);
    }
}

/// The object's current state, if it exists.
fn current(sim: &Simulation, kind: Kind, name: &str) -> Option<Object> {
    sim.cluster
        .store
        .all_objects()
        .into_iter()
        .find(|o| o.kind() == kind && o.name() == name)
}

/// Whether the object (None: gone) meets the condition.
fn meets(for_: &WaitFor, object: Option<&Object>) -> bool {
    match (for_, object) {
        (WaitFor::Delete, o) => o.is_none(),
        (WaitFor::Create, o) => o.is_some(),
        (WaitFor::Condition { .. } | WaitFor::JsonPath { .. }, None) => false,
        (WaitFor::JsonPath { expr, value }, Some(o)) => {
            let v = serde_json::to_value(o).unwrap_or_default();
            jsonpath_met(expr, value.as_deref(), &v)
        }
        (WaitFor::Condition { type_, status }, Some(o)) => {
            let v = serde_json::to_value(o).unwrap_or_default();
            has_condition(&v, type_, status)
        }
    }
}

/// `JSONPathWait.checkCondition`: exactly one value found; with VALUE, a primitive whose
/// printed form equals it (both trimmed). Errors (several values, a map) count as not met.
fn jsonpath_met(expr: &JsonPath, want: Option<&str>, obj: &Value) -> bool {
    let Ok(results) = expr.values(obj) else {
        return false;
    };
    let [only] = results.as_slice() else {
        return false;
    };
    let [v] = only.as_slice() else {
        return false;
    };
    match want {
        None => true,
        Some(_) if v.is_object() || v.is_array() => false,
        Some(w) => go_sprint(v).trim() == w.trim(),
    }
}

/// `ConditionalWait.checkCondition`: the first condition of the type decides; one observed for
/// an older generation does not count.
fn has_condition(obj: &Value, type_: &str, status: &str) -> bool {
    let Some(conditions) = obj["status"]["conditions"].as_array() else {
        return false;
    };
    for c in conditions {
        let (Some(t), Some(s)) = (c["type"].as_str(), c["status"].as_str()) else {
            continue;
        };
        if !t.eq_ignore_ascii_case(type_) {
            continue;
        }
        let generation = obj["metadata"]["generation"].as_i64();
        let observed = c["observedGeneration"]
            .as_i64()
            .or(obj["status"]["observedGeneration"].as_i64());
        if let (Some(g), Some(o)) = (generation, observed) {
            if o < g {
                return false;
            }
        }
        return s.eq_ignore_ascii_case(status);
    }
    false
}

/// The resource as `Resource.Resource` prints in wait's errors: `jobs`, `pods`.
fn plural(kind: Kind) -> String {
    format!("{}s", kind.as_str().to_ascii_lowercase())
}
