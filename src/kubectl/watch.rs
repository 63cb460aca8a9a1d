//! `kubectl get TYPE -w`: the list, then one row per watch event, for as long as the console
//! watches.
//!
//! Source: `staging/src/k8s.io/kubectl/pkg/cmd/get/get.go` (`watch`: the list first, each item
//! as an ADDED event with `--output-watch-events`; from a list no synthetic ADDED events follow;
//! `--watch-only` skips the list's rows), cli-runtime `tableprinter.go` (the header once, an
//! EVENT column first with `--output-watch-events`) and `GetNewTabWriter`, flushed after every
//! event with `RememberWidths`, so columns stay aligned and only ever widen. Which events a
//! filtered watch sees: apiserver `cacher/cache_watcher.go` `convertToWatchEvent` (an object
//! that stops matching the selector is DELETED, with its old state).

use super::format::format_labels;
use super::get::{
    controllerrevision_rows, cronjob_rows, daemonset_rows, event_rows, job_rows, node_rows,
    pod_rows, Rows,
};
use super::jsonpath::{column_cell, JsonPath};
use super::tabwriter::TabWriter;
use super::yaml::to_yaml;
use crate::api::{Event, Kind, LabelSelector, Object, ObjectMeta, Time};
use crate::sim::fasthash::FastMap;
use crate::sim::store::{Tap, WatchEventType};
use crate::sim::{kubectl_resource, Simulation};

/// How each event is printed (`-o`).
#[derive(Clone, Debug, PartialEq)]
pub enum WatchOutput {
    Table,
    Wide,
    Name,
    Yaml,
    Json,
    /// `-o jsonpath=…` (or `-o go-template`, read as jsonpath): the template per object.
    JsonPath(JsonPath),
    /// `-o custom-columns=…`: headers once, a row per event, aligned like a table.
    Columns(Vec<(String, JsonPath)>),
}

/// What `kubectl get -w` was asked to watch.
#[derive(Clone, Debug, PartialEq)]
pub struct WatchRequest {
    pub kind: Kind,
    /// `get pod NAME -w`.
    pub name: Option<String>,
    /// None with `-A`.
    pub namespace: Option<String>,
    pub selector: Option<LabelSelector>,
    pub output: WatchOutput,
    pub show_labels: bool,
    /// `-L KEY,...`: a column per label key.
    pub label_columns: Vec<String>,
    /// `--no-headers`.
    pub no_headers: bool,
    /// `--output-watch-events`: an EVENT column (ADDED, MODIFIED, DELETED).
    pub events: bool,
    /// `--watch-only`: no rows for the objects that exist already.
    pub watch_only: bool,
}

/// A running watch. The console polls it after time moves; it reads the store's tap, which the
/// watch installs and which a rewind or reset (a new simulation) does not carry.
#[derive(Clone, Debug, PartialEq)]
pub struct Watch {
    req: WatchRequest,
    writer: TabWriter,
    /// The table header went out (tableprinter.go `printedHeaders`).
    printed_header: bool,
    /// YAML documents printed (the YAML printer separates them with `---`).
    documents: usize,
    /// The objects the watch currently sees, by name, as last printed (a DELETED event for an
    /// object that leaves the selection prints its old state).
    seen: FastMap<String, Object>,
    /// Events kind: how many of the cluster's recorded events were printed.
    events_seen: usize,
    /// The printer failed (a -o jsonpath template an object cannot fill): kubectl's watch
    /// loop returns that error and the command ends (get.go `PrintObj`'s error).
    pub failed: bool,
}

impl Watch {
    /// Lists what matches, prints it and starts watching. Returns the first output.
    pub fn start(sim: &mut Simulation, req: WatchRequest) -> (Watch, String) {
        let mut w = Watch {
            writer: TabWriter::for_get(),
            printed_header: false,
            documents: 0,
            seen: FastMap::default(),
            events_seen: 0,
            failed: false,
            req,
        };
        let now = sim.now();
        let mut out = String::new();
        // Events are not stored objects: their tap only marks the watch as alive.
        sim.cluster.store.tap = Some(Box::new(Tap {
            kind: w.req.kind,
            now,
            events: Vec::new(),
        }));
        if w.req.kind == Kind::Event {
            let mut all = sim.cluster.all_events();
            // The watch first prints the list (get.go watch: meta.ExtractList), in the API
            // server's key order as a plain `get events` prints it, not by time.
            crate::sort::sort_by(&mut all, |a, b| {
                (&a.metadata.namespace, &a.metadata.name)
                    .cmp(&(&b.metadata.namespace, &b.metadata.name))
            });
            // The recorded writes seen, not the stored Events listed (a repeat is one
            // stored Event of several writes).
            w.events_seen = sim.cluster.events_recorded();
            if !w.req.watch_only {
                for e in all {
                    if w.matches(&e.metadata) {
                        w.print(&mut out, WatchEventType::Added, &Object::Event(e), now);
                    }
                }
                w.flush(&mut out);
            }
            return (w, out);
        }
        let mut listed: Vec<Object> = sim
            .cluster
            .store
            .all_objects()
            .into_iter()
            .filter(|o| o.kind() == w.req.kind && w.matches(o.metadata()))
            .collect();
        // Listed by namespace (with -A), then name, as `kubectl get` sorts them.
        let all_ns = w.req.namespace.is_none();
        crate::sort::sort_by(&mut listed, |a, b| {
            let (a, b) = (a.metadata(), b.metadata());
            (all_ns.then_some(&a.namespace), &a.name)
                .cmp(&(all_ns.then_some(&b.namespace), &b.name))
        });
        for o in &listed {
            if !w.req.watch_only {
                w.print(&mut out, WatchEventType::Added, o, now);
            }
            w.seen.insert(o.metadata().name.clone(), o.clone());
        }
        // The list is laid out as one table; each later event is flushed on its own.
        w.flush(&mut out);
        (w, out)
    }

    /// What happened since the last poll, printed; None when the watch's stream is gone (the
    /// cluster was rewound or reset: a new simulation without this watch).
    pub fn poll(&mut self, sim: &mut Simulation) -> Option<String> {
        let mut out = String::new();
        let tap = sim.cluster.store.tap.as_deref_mut()?;
        if tap.kind != self.req.kind {
            return None;
        }
        let tapped = std::mem::take(&mut tap.events);
        if self.req.kind == Kind::Event {
            if sim.cluster.events_recorded() < self.events_seen {
                return None;
            }
            // A repeat patches its Event: the watch sees it MODIFIED.
            let new: Vec<(Time, Event, bool)> = sim
                .cluster
                .events_since(self.events_seen)
                .iter()
                .filter(|r| r.written)
                .map(|r| (r.t, r.to_event(), r.is_repeat()))
                .collect();
            self.events_seen = sim.cluster.events_recorded();
            for (t, e, repeat) in new {
                if self.matches(&e.metadata) {
                    let kind = if repeat {
                        WatchEventType::Modified
                    } else {
                        WatchEventType::Added
                    };
                    self.print(&mut out, kind, &Object::Event(e), t);
                    self.flush(&mut out);
                }
            }
            return Some(out);
        }
        for ev in tapped {
            let name = ev.object.metadata().name.clone();
            let passes = ev.type_ != WatchEventType::Deleted && self.matches(ev.object.metadata());
            let old = self.seen.remove(&name);
            let (type_, shown) = match (passes, old) {
                (true, Some(_)) => (WatchEventType::Modified, ev.object),
                (true, None) => (WatchEventType::Added, ev.object),
                // A deletion of an object the watch saw: its final state.
                (false, Some(_)) if ev.type_ == WatchEventType::Deleted => {
                    (WatchEventType::Deleted, ev.object)
                }
                // It stopped matching: DELETED with the state it was last seen in.
                (false, Some(old)) => (WatchEventType::Deleted, old),
                (false, None) => continue,
            };
            self.print(&mut out, type_, &shown, ev.t);
            self.flush(&mut out);
            if passes {
                self.seen.insert(name, shown);
            }
        }
        Some(out)
    }

    /// Prints a table (whose first line is its header).
    pub fn is_table(&self) -> bool {
        matches!(
            self.req.output,
            WatchOutput::Table | WatchOutput::Wide | WatchOutput::Columns(_)
        )
    }

    /// Stops watching: the store no longer copies writes.
    pub fn stop(&self, sim: &mut Simulation) {
        sim.cluster.store.end_tap(self.req.kind);
    }

    fn matches(&self, m: &ObjectMeta) -> bool {
        if let Some(n) = &self.req.name {
            return &m.name == n;
        }
        let in_namespace = match &self.req.namespace {
            None => true,
            // Nodes have no namespace.
            Some(ns) => m.namespace.is_empty() || &m.namespace == ns,
        };
        in_namespace
            && self
                .req
                .selector
                .as_ref()
                .is_none_or(|s| s.matches(&m.labels))
    }

    /// `writer.Flush()`: the table rows written so far, laid out.
    fn flush(&mut self, out: &mut String) {
        self.writer.flush();
        out.push_str(&self.writer.take_output());
    }

    /// One object through the printer (tableprinter.go `PrintObj`); a table row waits in the
    /// tabwriter until `flush`.
    fn print(&mut self, out: &mut String, type_: WatchEventType, o: &Object, t: Time) {
        if self.failed {
            return;
        }
        let name = &o.metadata().name;
        match &self.req.output {
            WatchOutput::JsonPath(path) => {
                // jsonpath.go PrintObj: the template per object, errors as printed text.
                let value = super::api_value(o);
                match path.execute(&value, false) {
                    Ok(text) => out.push_str(&text),
                    Err(e) => {
                        out.push_str(&format!("error: {e}\n"));
                        self.failed = true;
                    }
                }
            }
            WatchOutput::Columns(columns) => {
                let value = super::api_value(o);
                let mut text = String::new();
                if !self.printed_header && !self.req.no_headers {
                    let headers: Vec<&str> = columns.iter().map(|(h, _)| h.as_str()).collect();
                    text.push_str(&headers.join("\t"));
                    text.push('\n');
                    self.printed_header = true;
                }
                let cells: Vec<String> = columns
                    .iter()
                    .map(|(_, p)| column_cell(p, &value).unwrap_or_else(|e| format!("error: {e}")))
                    .collect();
                text.push_str(&cells.join("\t"));
                text.push('\n');
                self.writer.write(&text);
            }
            WatchOutput::Name => {
                out.push_str(&format!("{}/{name}\n", kubectl_resource(self.req.kind)));
            }
            WatchOutput::Yaml | WatchOutput::Json => {
                let value = super::api_value(o);
                let doc = if self.req.events {
                    serde_json::json!({"type": type_.as_str(), "object": value})
                } else {
                    value
                };
                if matches!(self.req.output, WatchOutput::Json) {
                    out.push_str(&super::jsonpath::kubectl_json(&doc));
                    out.push('\n');
                } else {
                    if self.documents > 0 {
                        out.push_str("---\n");
                    }
                    out.push_str(&to_yaml(&doc));
                }
                self.documents += 1;
            }
            WatchOutput::Table | WatchOutput::Wide => {
                let wide = matches!(self.req.output, WatchOutput::Wide);
                let Rows { header, rows } = rows_of(o, t, wide);
                let Some(cells) = rows.into_iter().next() else {
                    return;
                };
                let namespaced = self.req.kind != Kind::Node;
                let with_namespace = self.req.namespace.is_none() && namespaced;
                let mut text = String::new();
                if !self.printed_header && !self.req.no_headers {
                    let mut h: Vec<&str> = Vec::new();
                    if self.req.events {
                        h.push("EVENT");
                    }
                    if with_namespace {
                        h.push("NAMESPACE");
                    }
                    h.extend(header);
                    let label_headers: Vec<String> = self
                        .req
                        .label_columns
                        .iter()
                        .map(|k| k.rsplit('/').next().unwrap_or(k).to_ascii_uppercase())
                        .collect();
                    h.extend(label_headers.iter().map(String::as_str));
                    if self.req.show_labels {
                        h.push("LABELS");
                    }
                    text.push_str(&h.join("\t"));
                    text.push('\n');
                    self.printed_header = true;
                }
                let mut row: Vec<String> = Vec::new();
                if self.req.events {
                    row.push(type_.as_str().to_string());
                }
                if with_namespace {
                    row.push(o.metadata().namespace.clone());
                }
                row.extend(cells.into_iter().map(|c| match c.find('\n') {
                    Some(i) => format!("{}...", &c[..i]),
                    None => c,
                }));
                for k in &self.req.label_columns {
                    row.push(o.metadata().labels.get(k).cloned().unwrap_or_default());
                }
                if self.req.show_labels {
                    row.push(format_labels(&o.metadata().labels));
                }
                text.push_str(&row.join("\t"));
                text.push('\n');
                self.writer.write(&text);
            }
        }
    }
}

/// The `kubectl get` row of one object, as of `now`.
fn rows_of(o: &Object, now: Time, wide: bool) -> Rows {
    match o {
        Object::Pod(p) => pod_rows(&[p], now, wide),
        Object::Job(j) => job_rows(&[j], now, wide),
        Object::CronJob(c) => cronjob_rows(&[c], now, wide),
        Object::DaemonSet(d) => daemonset_rows(&[d], now, wide),
        Object::Node(n) => node_rows(&[n], now, wide),
        Object::ControllerRevision(r) => controllerrevision_rows(&[r], now),
        Object::Event(e) => event_rows(&[e], now, wide),
    }
}
