//! `kubectl events [--for TYPE/NAME] [--types Warning] [-A] [-w]`: the Events, oldest first,
//! as kubectl's own event printer lays them out.
//!
//! Source: `staging/src/k8s.io/kubectl/pkg/cmd/events/events.go` (`--for` as an
//! involvedObject field selector, `--types` Normal/Warning, sorted by last timestamp, "No events
//! found in NS namespace.", a watch that prints each new event) and `event_printer.go` (LAST SEEN
//! from the first timestamp, `(xN over …)` when repeated; OBJECT as `Kind/name`). With `-o`
//! (its genericclioptions PrintFlags) the same events go through that printer instead: the
//! list as one `v1 EventList`, a watch's events one by one.

use super::duration::{non_zero, translate_timestamp_since};
use super::tabwriter::TabWriter;
use crate::api::{Event, Kind, Time};
use crate::kubectl::console::Printer;
use crate::sim::store::Tap;
use crate::sim::Simulation;

/// What `kubectl events` shows.
#[derive(Clone, Debug, PartialEq)]
pub struct EventsRequest {
    /// `--for`: the involved object's kind (`Pod`) and name.
    pub for_: Option<(String, String)>,
    /// `--types`, lower-cased (empty: all).
    pub types: Vec<String>,
    /// None with `-A`.
    pub namespace: Option<String>,
    pub no_headers: bool,
    /// `-o FORMAT`: None prints the event table.
    pub(crate) printer: Option<Printer>,
}

impl EventsRequest {
    fn shows(&self, e: &Event) -> bool {
        let ns = self
            .namespace
            .as_ref()
            .is_none_or(|n| &e.metadata.namespace == n);
        let for_ = self
            .for_
            .as_ref()
            .is_none_or(|(k, n)| &e.involved_object.kind == k && &e.involved_object.name == n);
        let type_ =
            self.types.is_empty() || self.types.iter().any(|t| t.eq_ignore_ascii_case(&e.type_));
        ns && for_ && type_
    }
}

/// `kubectl events` (and the start of `kubectl events -w`): the table, or kubectl's "No events
/// found" line.
pub fn events_table(sim: &Simulation, req: &EventsRequest) -> String {
    let now = sim.now();
    let mut events: Vec<Event> = sim
        .cluster
        .all_events()
        .into_iter()
        .filter(|e| req.shows(e))
        .collect();
    if events.is_empty() {
        return match &req.namespace {
            None => "No events found.".into(),
            Some(ns) => format!("No events found in {ns} namespace."),
        };
    }
    // events.go `SortableEvents`: by `eventTime(event)` (series.lastObservedTime, else
    // lastTimestamp, else eventTime); the recorded order breaks ties.
    crate::sort::sort_by_key(&mut events, |e| e.last_seen());
    let mut w = EventPrinter::new(req);
    if let Some(p) = &req.printer {
        // events.go Run: one `EventList` (kind and apiVersion set, no list metadata), printed
        // through GetNewTabWriter; PrintObj's error is not checked, so a printer that
        // refuses the list (-o name) prints nothing.
        let items: Vec<serde_json::Value> = events.iter().map(typed_event).collect();
        let list = serde_json::json!({"kind": "EventList", "apiVersion": "v1", "metadata": {}, "items": items});
        w.writer.write(&p.print_obj(&list, 0).unwrap_or_default());
        w.writer.flush();
        return w.writer.take_output();
    }
    for e in &events {
        w.print(e, now);
    }
    w.writer.flush();
    w.writer.take_output()
}

/// An Event as the typed client's `corev1.Event` prints: its kind and apiVersion first
/// (TypeMeta, set by events.go when empty), then the fields in their Go order.
fn typed_event(e: &Event) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    m.insert("kind".into(), "Event".into());
    m.insert("apiVersion".into(), "v1".into());
    if let serde_json::Value::Object(mut fields) = crate::kubectl::api_value(e) {
        // types.go `Event`'s field order (the fields this API has).
        const ORDER: [&str; 14] = [
            "metadata",
            "involvedObject",
            "reason",
            "message",
            "source",
            "firstTimestamp",
            "lastTimestamp",
            "count",
            "type",
            "eventTime",
            "series",
            "action",
            "reportingComponent",
            "reportingInstance",
        ];
        for k in ORDER {
            if let Some(v) = fields.remove(k) {
                m.insert(k.into(), v);
            }
        }
        for (k, v) in fields {
            if k != "kind" && k != "apiVersion" {
                m.insert(k, v);
            }
        }
    }
    serde_json::Value::Object(m)
}

/// `event_printer.go`: headings once, then one line per event, through `GetNewTabWriter`.
#[derive(Clone, Debug, PartialEq)]
struct EventPrinter {
    all_namespaces: bool,
    no_headers: bool,
    headers_printed: bool,
    writer: TabWriter,
}

impl EventPrinter {
    fn new(req: &EventsRequest) -> Self {
        EventPrinter {
            all_namespaces: req.namespace.is_none(),
            no_headers: req.no_headers,
            headers_printed: false,
            writer: TabWriter::for_get(),
        }
    }

    fn print(&mut self, e: &Event, now: Time) {
        let mut line = String::new();
        if !self.no_headers && !self.headers_printed {
            if self.all_namespaces {
                line.push_str("NAMESPACE\t");
            }
            line.push_str("LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n");
            self.headers_printed = true;
        }
        if self.all_namespaces {
            line.push_str(&e.metadata.namespace);
            line.push('\t');
        }
        let interval = event_interval(e, now);
        let message = e.message.trim();
        let message = message.split(['\n', '\r', '\x0c']).next().unwrap_or("");
        line.push_str(&format!(
            "{interval}\t{}\t{}\t{}/{}\t{message}\n",
            e.type_, e.reason, e.involved_object.kind, e.involved_object.name
        ));
        self.writer.write(&line);
    }
}

/// The age of an Event as `kubectl events` (event_printer.go getInterval) and `kubectl describe`
/// (describe.go DescribeEvents) print it: since eventTime, else firstTimestamp; for a series
/// `<lastObservedTime> (xN over <first>)`, for a counted one `<lastTimestamp> (xN over <first>)`.
pub(crate) fn event_interval(e: &Event, now: Time) -> String {
    let first = match e.event_time.and_then(|t| non_zero(t.0)) {
        Some(t) => translate_timestamp_since(Some(t), now),
        None => translate_timestamp_since(e.first_timestamp.and_then(non_zero), now),
    };
    if let Some(s) = &e.series {
        let last = translate_timestamp_since(non_zero(s.last_observed_time.0), now);
        format!("{last} (x{} over {first})", s.count)
    } else if e.count > 1 {
        let last = translate_timestamp_since(e.last_timestamp.and_then(non_zero), now);
        format!("{last} (x{} over {first})", e.count)
    } else {
        first
    }
}

/// `kubectl events -w`: each new event as it is recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct EventsWatch {
    req: EventsRequest,
    printer: EventPrinter,
    /// Recorded events seen so far.
    seen: usize,
    /// Events printed so far (`-o yaml` starts each later one with `---`).
    printed: usize,
}

impl EventsWatch {
    /// Prints the events so far (as `kubectl events -w` lists before it watches) and starts.
    pub fn start(sim: &mut Simulation, req: EventsRequest) -> (EventsWatch, String) {
        let mut w = EventsWatch {
            printer: EventPrinter::new(&req),
            seen: sim.cluster.events_recorded(),
            printed: 0,
            req,
        };
        // Events are not stored objects: the tap only marks the watch as alive.
        sim.cluster.store.tap = Some(Box::new(Tap {
            kind: Kind::Event,
            now: sim.now(),
            events: Vec::new(),
        }));
        let out = w.drain(sim, 0);
        (w, out)
    }

    /// New events since the last poll; None when the cluster was replaced.
    pub fn poll(&mut self, sim: &mut Simulation) -> Option<String> {
        match sim.cluster.store.tap.as_deref() {
            Some(t) if t.kind == Kind::Event => {}
            _ => return None,
        }
        let from = self.seen;
        Some(self.drain(sim, from))
    }

    fn drain(&mut self, sim: &Simulation, from: usize) -> String {
        let new: Vec<(Time, Event)> = sim
            .cluster
            .events_since(from)
            .iter()
            .filter(|r| r.written)
            .map(|r| (r.t, r.to_event()))
            .collect();
        self.seen = sim.cluster.events_recorded();
        let mut out = String::new();
        for (t, e) in new {
            if self.req.shows(&e) {
                // Each event is printed, then the writer flushed (events.go runWatch).
                match &self.req.printer {
                    Some(p) => {
                        let text = p.print_obj(&typed_event(&e), self.printed);
                        self.printer.writer.write(&text.unwrap_or_default());
                    }
                    None => self.printer.print(&e, t),
                }
                self.printed += 1;
                self.printer.writer.flush();
                out.push_str(&self.printer.writer.take_output());
            }
        }
        out
    }

    pub fn stop(&self, sim: &mut Simulation) {
        sim.cluster.store.end_tap(Kind::Event);
    }
}
