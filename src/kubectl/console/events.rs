//! `kubectl events`: oldest first, `--for`, `--types`, `-w`, `-o FORMAT`.

use super::{err, ok, resource, ConsoleResult, Flags, Follow};
use crate::kubectl::events::{events_table, EventsRequest, EventsWatch};
use crate::sim::Simulation;

/// `kubectl events [--for TYPE/NAME] [--types Normal,Warning] [-A] [-w] [-o FORMAT]` (events.go).
pub(super) fn events(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    if let Some(a) = args.first() {
        return err(format!(
            "error: unknown command {} for \"kubectl events\"\nSee 'kubectl events --help' for usage.",
            crate::manifest::go_quote(a)
        ));
    }
    let for_ = match flags.wait_for.as_deref() {
        None | Some("") => None,
        Some(f) => {
            let Some((t, n)) = f.split_once('/') else {
                return err("error: --for must be in resource/name form".into());
            };
            if n.contains('/') {
                return err(
                    "error: arguments in resource/name form may not have more than one slash"
                        .into(),
                );
            }
            match resource(t) {
                Some(k) => Some((k.as_str().to_string(), n.to_string())),
                None => return err(super::unknown_type(t)),
            }
        }
    };
    // events.go ToOptions: -o is genericclioptions PrintFlags("events"), checked after --for;
    // without -o, the event table.
    let printer = match flags.output.as_deref() {
        None | Some("") => None,
        Some(o) => match super::get::generic_printer(o) {
            Ok(p) => Some(p),
            Err(e) => return err(e),
        },
    };
    let types: Vec<String> = flags
        .types
        .as_deref()
        .unwrap_or("")
        .split(',')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    if types
        .iter()
        .any(|t| !t.eq_ignore_ascii_case("Normal") && !t.eq_ignore_ascii_case("Warning"))
    {
        return err("error: valid --types are Normal or Warning".into());
    }
    let req = EventsRequest {
        for_,
        types,
        namespace: (!flags.all_namespaces).then(|| flags.namespace().to_string()),
        no_headers: flags.no_headers,
        printer,
    };
    if flags.watch {
        let (watch, output) = EventsWatch::start(sim, req);
        return ConsoleResult {
            output,
            error: false,
            action: None,
            follow: Some(Box::new(Follow::Events(watch))),
        };
    }
    ok(events_table(sim, &req).trim_end_matches('\n').to_string())
}
