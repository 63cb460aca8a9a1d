//! `kubectl get`: tables, the `-o` printers (yaml, json, name, jsonpath, custom-columns,
//! go-template) and `-w`.

use std::ops::ControlFlow;

use super::{err, not_found, ok, resource, ConsoleResult, Flags, Follow};
use crate::api::{
    ControllerRevision, CronJob, DaemonSet, Event, Job, Kind, LabelSelector, Node, Pod,
};
use crate::kubectl::fieldsel::FieldSelector;
use crate::kubectl::format::format_labels;
use crate::kubectl::get::{
    controllerrevision_rows, cronjob_rows, daemonset_rows, event_rows, job_rows, node_rows,
    pod_rows, Rows,
};
use crate::kubectl::jsonpath::{column_cell, go_sharp_v, relaxed, sort_order, JsonPath};
use crate::kubectl::tabwriter::{get_table, get_table_no_headers, TabWriter};
use crate::kubectl::watch::{Watch, WatchOutput, WatchRequest};
use crate::manifest::go_quote;
use crate::sim::{kubectl_resource, Simulation};
use std::collections::BTreeMap;

pub(super) fn get(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let Some(types) = args.first() else {
        // get.go Complete: cmdutil.UsageErrorf, with the `explain` hint (a sibling command).
        return err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples".into());
    };
    // `TYPE NAME...` or `TYPE/NAME...` (ResourceTypeOrNameArgs). TYPE/NAME arguments may name
    // several types; consecutive ones of one type make a run.
    let mut runs: Vec<(&str, Vec<&str>)> = Vec::new();
    let listed = split_types(types);
    let (types, names): (String, Vec<&str>) = match types.split_once('/') {
        Some(_) => {
            for a in args {
                let split = match super::split_resource_type_name(a) {
                    Ok(s) => s,
                    Err(e) => return err(e),
                };
                let Some((t, n)) = split else {
                    return err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into());
                };
                push_run(&mut runs, t, n);
            }
            match one_run(sim, &runs, flags) {
                ControlFlow::Continue(run) => run,
                ControlFlow::Break(r) => return r,
            }
        }
        // builder.go normalizeMultipleResourcesArgs: `jobs,pods a b` is read as `jobs/a jobs/b
        // pods/a pods/b`, each object looked up on its own (ContinueOnError).
        None if args.len() > 1 && listed.len() > 1 => {
            // An empty type makes `/NAME` (splitResourceTypeName refuses it).
            if listed.iter().any(|t| t.is_empty()) {
                return err(
                    "error: arguments in resource/name form must have a single resource and name"
                        .into(),
                );
            }
            for t in &listed {
                for n in &args[1..] {
                    push_run(&mut runs, t, n);
                }
            }
            match one_run(sim, &runs, flags) {
                ControlFlow::Continue(run) => run,
                ControlFlow::Break(r) => return r,
            }
        }
        // `all` is a category: it stands for several types, which builder.go `visitByName`
        // refuses with a name (a selector is refused first, in get_named).
        None if args.len() > 1 && *types == "all" && !has_selector(flags) => {
            return err("error: you must specify only one resource".into());
        }
        None => (types.to_string(), args[1..].to_vec()),
    };
    // kubectl goes on past a name it does not find (ContinueOnError) and reports it after.
    let mut missing: Vec<String> = Vec::new();
    let r = get_named(sim, &types, &names, flags, &mut missing, None);
    with_missing(r, missing)
}

/// TYPE/NAME runs of one type are a plain `get TYPE NAME...`; of several, each is looked up
/// (a category with a name refused first).
fn one_run<'a>(
    sim: &mut Simulation,
    runs: &[(&str, Vec<&'a str>)],
    flags: &Flags,
) -> ControlFlow<ConsoleResult, (String, Vec<&'a str>)> {
    if let Some(r) = category_named(runs, flags) {
        return ControlFlow::Break(r);
    }
    match runs {
        [(t, names)] => ControlFlow::Continue((t.to_string(), names.clone())),
        _ => ControlFlow::Break(get_mixed(sim, runs, flags)),
    }
}

/// builder.go SplitResourceArgument: the comma-separated types, each once, in order.
fn split_types(types: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for t in types.split(',') {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// One `TYPE/NAME` onto the runs of a `get`: a name of the type of the run before joins it.
fn push_run<'a>(runs: &mut Vec<(&'a str, Vec<&'a str>)>, t: &'a str, n: &'a str) {
    let same = |r: &(&str, Vec<&str>)| match resource(t) {
        Some(k) => resource(r.0) == Some(k),
        None => r.0 == t,
    };
    match runs.last_mut() {
        Some(r) if same(r) => r.1.push(n),
        _ => runs.push((t, vec![n])),
    }
}

/// `-l` or `--field-selector` given (builder.go ignores an empty one).
fn has_selector(flags: &Flags) -> bool {
    [&flags.selector, &flags.field_selector]
        .iter()
        .any(|s| s.as_deref().is_some_and(|s| !s.trim().is_empty()))
}

/// `all/NAME`: builder.go `mappingFor` reads each TYPE/NAME's type in order, and `all` is a
/// category, not a resource: the server's unknown type. (Another unknown type before it is
/// reported by get_named; with a selector, the selector is refused first.)
fn category_named(runs: &[(&str, Vec<&str>)], flags: &Flags) -> Option<ConsoleResult> {
    if has_selector(flags) {
        return None;
    }
    let is_ns = |t: &str| matches!(t, "ns" | "namespace" | "namespaces");
    let (t, _) = runs
        .iter()
        .find(|(t, _)| resource(t).is_none() && !is_ns(t))?;
    (*t == "all").then(|| err(super::unknown_type(t)))
}

/// Names not found (and other per-object errors) printed after what was found, as kubectl's
/// ContinueOnError visitor returns its aggregate error once everything is printed.
fn with_missing(mut r: ConsoleResult, missing: Vec<String>) -> ConsoleResult {
    if !missing.is_empty() {
        let found = !r.output.is_empty() && !r.output.starts_with("No resources found");
        r.output = match found {
            true => format!("{}\n{}", r.output, missing.join("\n")),
            false => missing.join("\n"),
        };
        r.error = true;
    }
    r
}

/// What the runs of a `get TYPE/NAME TYPE2/NAME2...` gathered for a printer that prints one
/// list (yaml, json, jsonpath, name, custom-columns).
#[derive(Default)]
struct Gathered {
    objects: Vec<serde_json::Value>,
    names: Vec<String>,
    /// get.go `multipleGVKsRequested` of the objects found: table rows named `kind/name`.
    with_kind: bool,
}

/// `get pod/a job.batch/b pod/c`: the builder visits the objects in the order named (builder.go
/// `visitByResource`, one Info per resource tuple) and get.go `Run` starts a new table, after a
/// blank line, whenever the type changes (`shouldGetNewPrinterForMapping`); every name carries
/// its kind (`multipleGVKsRequested`). The other printers print one List of them all.
fn get_mixed(sim: &mut Simulation, runs: &[(&str, Vec<&str>)], flags: &Flags) -> ConsoleResult {
    if flags.watch || flags.watch_only {
        // get.go `watch`: the builder's SingleResourceType().
        return err("error: you may only specify a single resource type".into());
    }
    let printer = match printer(
        flags.output.as_deref().unwrap_or(""),
        flags.template.as_deref(),
    ) {
        Ok(p) => p,
        Err(e) => return err(e),
    };
    let mut missing: Vec<String> = Vec::new();
    let mut gathered = Gathered::default();
    // The kinds of the objects found, not of those named: `get jobs,pods paral-1` with no pod
    // of that name prints the Job's row as `paral-1` (the NotFound is no Info).
    let mut found: Vec<Kind> = Vec::new();
    for (t, names) in runs {
        let Some(k) = resource(t) else { continue };
        if !found.contains(&k)
            && names
                .iter()
                .any(|n| flags.named(sim, k, n).is_ok() && found_by_name(sim, k, n))
        {
            found.push(k);
        }
    }
    gathered.with_kind = found.len() > 1;
    let mut tables: Vec<String> = Vec::new();
    for (t, names) in runs {
        let r = get_named(sim, t, names, flags, &mut missing, Some(&mut gathered));
        if r.error {
            return r;
        }
        if !r.output.is_empty() {
            tables.push(r.output);
        }
    }
    let r = match printer {
        Printer::Table { .. } => ok(tables.join(if flags.no_headers { "\n" } else { "\n\n" })),
        _ if gathered.objects.is_empty() => ok(String::new()),
        p => print_list(p, gathered.objects, gathered.names, false, flags),
    };
    with_missing(r, missing)
}

/// Whether `get` finds an object of this kind and name.
fn found_by_name(sim: &Simulation, kind: Kind, name: &str) -> bool {
    match kind {
        Kind::Event => sim
            .cluster
            .all_events()
            .iter()
            .any(|e| e.metadata.name == name),
        _ => super::exists(sim, kind, name),
    }
}

fn get_named(
    sim: &mut Simulation,
    types: &str,
    names: &[&str],
    flags: &Flags,
    missing: &mut Vec<String>,
    gathered: Option<&mut Gathered>,
) -> ConsoleResult {
    let mut wanted: Vec<&str> = names.to_vec();
    let name = wanted.first().copied();
    let mut kinds = Vec::new();
    for t in types.split(',') {
        if t == "all" {
            // The "all" category in discovery order: the core group, apps, then batch, whose
            // resources the API server lists alphabetically (installer.go sorts the paths), so
            // cronjobs come before jobs.
            for k in [Kind::Pod, Kind::DaemonSet, Kind::CronJob, Kind::Job] {
                if !kinds.contains(&k) {
                    kinds.push(k);
                }
            }
            continue;
        }
        match resource(t) {
            // One table per resource (builder.go `resourceMappings` drops a repeated one).
            Some(k) if kinds.contains(&k) => {}
            Some(k) => kinds.push(k),
            None if matches!(t, "ns" | "namespace" | "namespaces") => {
                if types == t {
                    return get_namespaces(sim, &wanted, flags);
                }
                // A real cluster serves namespaces like any type; here they are no objects.
                return err(format!(
                    "error: CtrlScope keeps no Namespace objects, so it lists them alone: kubectl get {t}"
                ));
            }
            None => return err(super::unknown_type(t)),
        }
    }
    let printer = match printer(
        flags.output.as_deref().unwrap_or(""),
        flags.template.as_deref(),
    ) {
        Ok(p) => p,
        Err(e) => return err(e),
    };
    let selector = match flags.label_selector(kinds.first().copied(), name.is_some()) {
        Ok(s) => s,
        Err(e) => return err(e),
    };
    // The field selector of each kind listed (the API server checks it per resource). A kind
    // that refuses it is reported after the others' tables, which are still printed
    // (get.go: ContinueOnError, the visitor's errors returned once everything is printed).
    let mut fields: Vec<(Kind, FieldSelector)> = Vec::new();
    let mut refused: Vec<Kind> = Vec::new();
    for &k in &kinds {
        match flags.field_selector(k, name.is_some()) {
            Ok(Some(f)) => fields.push((k, f)),
            Ok(None) => {}
            Err(e) if name.is_some() => return err(e),
            Err(e) => {
                refused.push(k);
                missing.push(e);
            }
        }
    }
    if !refused.is_empty() {
        kinds.retain(|k| !refused.contains(k));
        if kinds.is_empty() {
            return ok(String::new());
        }
    }
    if !fields.is_empty() && (flags.watch || flags.watch_only) {
        return err(
            "error: CtrlScope watches without --field-selector: kubectl get TYPE -w (-l works)"
                .into(),
        );
    }
    let field_match = |kind: Kind, v: &dyn Fn() -> serde_json::Value| {
        fields
            .iter()
            .find(|(k, _)| *k == kind)
            .is_none_or(|(_, f)| f.matches(&v()))
    };
    if wanted.len() > 1 && (flags.watch || flags.watch_only) {
        return err("error: CtrlScope watches one name at a time: kubectl get TYPE NAME -w".into());
    }
    // A run of a mixed `get TYPE/NAME...` is one of several too.
    let several = wanted.len() > 1 || gathered.is_some();
    for &k in &kinds {
        let mut kept = Vec::new();
        for n in wanted {
            match flags.named(sim, k, n) {
                Ok(()) => kept.push(n),
                Err(r) if several && !flags.all_namespaces => missing.push(r.output),
                Err(r) => return *r,
            }
        }
        wanted = kept;
    }
    if several && wanted.is_empty() {
        return ok(String::new());
    }
    let name = wanted.first().copied();
    // An empty --sort-by is no sorting (get.go `o.Sort = len(sortBy) > 0`).
    let sort_by = flags.sort_by.as_deref().filter(|s| !s.is_empty());
    if flags.watch || flags.watch_only {
        let output = match printer {
            Printer::Table { wide: false } => WatchOutput::Table,
            Printer::Table { wide: true } => WatchOutput::Wide,
            Printer::Name => WatchOutput::Name,
            Printer::Yaml => WatchOutput::Yaml,
            Printer::Json => WatchOutput::Json,
            Printer::JsonPath { as_json: true, .. } => {
                return err("error: -o jsonpath-as-json with --watch is not supported in CtrlScope; use -o jsonpath".into())
            }
            Printer::JsonPath { path, .. } => WatchOutput::JsonPath(path),
            Printer::Columns(c) => WatchOutput::Columns(c),
        };
        let mut r = get_watch(sim, &kinds, name, selector, output, flags);
        if sort_by.is_some() && !r.error {
            r.output = format!(
                "warning: --watch or --watch-only requested, --sort-by will be ignored\n{}",
                r.output
            );
        }
        return r;
    }
    let selected =
        |labels: &BTreeMap<String, String>| selector.as_ref().is_none_or(|s| s.matches(labels));
    let now = sim.now();
    let table = match printer {
        Printer::Table { wide } => Some(wide),
        _ => None,
    };
    let wide = table == Some(true);
    // The API objects as JSON, only where something reads them (a table of 10 000 pods
    // without --sort-by built 10 000 of them for nothing: seconds in the page).
    let need_values = table.is_none() || sort_by.is_some() || gathered.is_some();
    let mut sections: Vec<String> = Vec::new();
    let mut tables = Vec::new();
    let mut objects: Vec<serde_json::Value> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    // Only when no namespace was asked for: `-n` is a choice.
    let elsewhere = (name.is_none()
        && !flags.all_namespaces
        && flags.namespace.is_none()
        && selector.is_none()
        && flags.field_selector.is_none())
    .then(|| objects_elsewhere(sim, &kinds, flags.namespace()))
    .flatten();
    for kind in kinds {
        let row_namespaces: Vec<String>;
        let row_labels: Vec<String>;
        let row_label_columns: Vec<Vec<String>>;
        // The kind's objects in listing order: sorted by --sort-by for a table (sorter.go
        // `TableSorter`, one table per kind); the other printers sort the whole list below.
        macro_rules! pick {
            ($v:expr) => {{
                let mut v = $v;
                let vals: Vec<serde_json::Value> = match need_values {
                    true => v.iter().map(|o| crate::kubectl::api_value(*o)).collect(),
                    false => Vec::new(),
                };
                if let (Some(field), Some(_)) = (sort_by, table) {
                    match sort_order(field, &vals, true) {
                        Ok(order) => v = order.iter().filter_map(|&i| v.get(i).copied()).collect(),
                        Err(e) => return err(format!("error: {e}")),
                    }
                }
                row_namespaces = v.iter().map(|o| o.metadata.namespace.clone()).collect();
                row_labels = v
                    .iter()
                    .map(|o| format_labels(&o.metadata.labels))
                    .collect();
                row_label_columns = v
                    .iter()
                    .map(|o| {
                        flags
                            .label_columns
                            .iter()
                            .map(|k| o.metadata.labels.get(k).cloned().unwrap_or_default())
                            .collect()
                    })
                    .collect();
                objects.extend(vals);
                names.extend(
                    v.iter()
                        .map(|o| format!("{}/{}", kubectl_resource(kind), o.metadata.name)),
                );
                v
            }};
        }
        macro_rules! stored {
            ($t:ty) => {{
                let mut v: Vec<&$t> = sim
                    .cluster
                    .store
                    .list::<$t>()
                    .filter(|o| match name {
                        Some(_) => wanted.contains(&o.metadata.name.as_str()),
                        None => {
                            flags.shows(&o.metadata.namespace)
                                && selected(&o.metadata.labels)
                                && field_match(kind, &|| crate::kubectl::api_value(*o))
                        }
                    })
                    .collect();
                for n in &wanted {
                    if !v.iter().any(|o| o.metadata.name == *n) {
                        if !several {
                            return not_found(kind, n);
                        }
                        missing.push(not_found(kind, n).output);
                    }
                }
                if name.is_some() {
                    // Named objects come in the order named.
                    crate::sort::sort_by_key(&mut v, |o| {
                        wanted.iter().position(|n| *n == o.metadata.name)
                    });
                } else {
                    // -A lists by namespace, then name.
                    crate::sort::sort_by(&mut v, |a, b| {
                        (
                            flags.all_namespaces.then_some(&a.metadata.namespace),
                            &a.metadata.name,
                        )
                            .cmp(&(
                                flags.all_namespaces.then_some(&b.metadata.namespace),
                                &b.metadata.name,
                            ))
                    });
                }
                pick!(v)
            }};
        }
        let rows: Rows = match kind {
            Kind::Pod => pod_rows(&stored!(Pod), now, wide),
            Kind::Job => job_rows(&stored!(Job), now, wide),
            Kind::CronJob => cronjob_rows(&stored!(CronJob), now, wide),
            Kind::DaemonSet => daemonset_rows(&stored!(DaemonSet), now, wide),
            Kind::Node => {
                let nodes = stored!(Node);
                // The heartbeat is worked out when shown (describe.rs node_heartbeat).
                let from = objects.len().saturating_sub(nodes.len());
                for (o, n) in objects[from..].iter_mut().zip(&nodes) {
                    let beat = crate::kubectl::describe::node_heartbeat(
                        n,
                        now,
                        sim.node_lease(&n.metadata.name),
                    );
                    let Some(beat) = beat.and_then(|t| serde_json::to_value(t).ok()) else {
                        continue;
                    };
                    if let Some(cs) = o
                        .pointer_mut("/status/conditions")
                        .and_then(|c| c.as_array_mut())
                    {
                        for c in cs.iter_mut().filter_map(|c| c.as_object_mut()) {
                            c.insert("lastHeartbeatTime".into(), beat.clone());
                        }
                    }
                }
                node_rows(&nodes, now, wide)
            }
            Kind::ControllerRevision => controllerrevision_rows(&stored!(ControllerRevision), now),
            Kind::Event => {
                let all: Vec<Event> = sim.cluster.all_events();
                let mut v: Vec<&Event> = all
                    .iter()
                    .filter(|e| match name {
                        Some(_) => {
                            flags.shows(&e.metadata.namespace)
                                && wanted.contains(&e.metadata.name.as_str())
                        }
                        None => {
                            flags.shows(&e.metadata.namespace)
                                && selected(&e.metadata.labels)
                                && field_match(kind, &|| crate::kubectl::api_value(*e))
                        }
                    })
                    .collect();
                for n in &wanted {
                    if !v.iter().any(|e| e.metadata.name == *n) {
                        if !several {
                            return not_found(kind, n);
                        }
                        missing.push(not_found(kind, n).output);
                    }
                }
                if name.is_some() {
                    // Named objects come in the order named.
                    crate::sort::sort_by_key(&mut v, |e| {
                        wanted.iter().position(|n| *n == e.metadata.name)
                    });
                } else {
                    // The API server lists in key order (namespace, then name: the object's
                    // name and the hex time, client-go event.go makeEvent), so an object's
                    // Events come together and not by time; kubectl sorts only with --sort-by.
                    crate::sort::sort_by(&mut v, |a, b| {
                        (&a.metadata.namespace, &a.metadata.name)
                            .cmp(&(&b.metadata.namespace, &b.metadata.name))
                    });
                }
                event_rows(&pick!(v), now, wide)
            }
        };
        if table.is_none() || rows.rows.is_empty() {
            continue;
        }
        tables.push((kind, rows, row_namespaces, row_labels, row_label_columns));
    }
    // get.go `multipleGVKsRequested`: objects of more than one kind are named `kind/name`
    // (tableprinter.go `decorateTable` WithKind: `pod/pi-x7k2q`, `job.batch/pi`).
    let with_kind = tables.len() > 1 || gathered.as_ref().is_some_and(|g| g.with_kind);
    for (kind, rows, row_namespaces, row_labels, row_label_columns) in tables {
        let (mut header, mut cells) = (rows.header, rows.rows);
        if with_kind && kind != Kind::Event {
            for row in cells.iter_mut() {
                if let Some(name) = row.first_mut() {
                    *name = format!("{}/{name}", kubectl_resource(kind));
                }
            }
        }
        // --show-labels: a last LABELS column; -A: a first NAMESPACE column
        // (tableprinter.go `decorateTable`).
        // -L: a column per key, named by its last path segment (formatLabelHeaders).
        let label_headers: Vec<String> = flags
            .label_columns
            .iter()
            .map(|k| k.rsplit('/').next().unwrap_or(k).to_ascii_uppercase())
            .collect();
        header.extend(label_headers.iter().map(String::as_str));
        for (row, values) in cells.iter_mut().zip(&row_label_columns) {
            row.extend(values.iter().cloned());
        }
        if flags.show_labels {
            header.push("LABELS");
            for (row, l) in cells.iter_mut().zip(&row_labels) {
                row.push(l.clone());
            }
        }
        if flags.all_namespaces && kind != Kind::Node {
            header.insert(0, "NAMESPACE");
            for (row, ns) in cells.iter_mut().zip(&row_namespaces) {
                row.insert(0, ns.clone());
            }
        }
        sections.push(if flags.no_headers {
            get_table_no_headers(&cells)
        } else {
            get_table(&header, &cells)
        });
    }
    if table.is_some() {
        return match sections.is_empty() {
            true if gathered.is_some() => ok(String::new()),
            true if flags.all_namespaces => ok("No resources found".into()),
            true => ok(format!(
                "No resources found in {} namespace.{}",
                flags.namespace(),
                elsewhere.map(|h| format!("\n{h}")).unwrap_or_default()
            )),
            // get.go: a blank line between kinds, unless --no-headers.
            false => ok(sections
                .iter()
                .map(|s| s.trim_end_matches('\n'))
                .collect::<Vec<_>>()
                .join(if flags.no_headers { "\n" } else { "\n\n" })),
        };
    }
    if let Some(g) = gathered {
        g.objects.extend(objects);
        g.names.extend(names);
        return ok(String::new());
    }
    let single = name.is_some() && !several && objects.len() == 1;
    print_list(printer, objects, names, single, flags)
}

/// get.go `printGeneric`: `get TYPE NAME` prints the object, anything else one List
/// (sorted as a whole by sorter.go `SortingPrinter`).
fn print_list(
    printer: Printer,
    mut objects: Vec<serde_json::Value>,
    mut names: Vec<String>,
    single: bool,
    flags: &Flags,
) -> ConsoleResult {
    let sort_by = flags.sort_by.as_deref().filter(|s| !s.is_empty());
    if let (Some(field), false) = (sort_by, single) {
        match sort_order(field, &objects, false) {
            Ok(order) => {
                objects = order
                    .iter()
                    .filter_map(|&i| objects.get(i).cloned())
                    .collect();
                names = order
                    .iter()
                    .filter_map(|&i| names.get(i).cloned())
                    .collect();
            }
            Err(e) => return err(format!("error: {e}")),
        }
    }
    if let Printer::Name = printer {
        return ok(names.join("\n"));
    }
    if let Printer::Columns(columns) = &printer {
        return custom_columns(columns, &objects, flags.no_headers);
    }
    let doc = if single {
        objects.remove(0)
    } else {
        serde_json::json!({"apiVersion": "v1", "items": objects, "kind": "List", "metadata": {"resourceVersion": ""}})
    };
    match printer {
        Printer::Json => ok(crate::kubectl::jsonpath::kubectl_json(&doc)),
        Printer::JsonPath {
            template,
            path,
            as_json,
        } => match path.execute(&doc, as_json) {
            Ok(out) => ok(out),
            // cli-runtime printers/jsonpath.go `PrintObj`
            Err(e) => err(format!(
                "error: error executing jsonpath {}: Error executing template: {e}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\tobject given to jsonpath engine was:\n\t\t{}",
                go_quote(&template),
                go_sharp_v(&doc)
            )),
        },
        _ => ok(crate::kubectl::yaml::to_yaml(&doc)),
    }
}

/// Objects printed one `PrintObj` call each, as commands other than `get` print them
/// (`rollout history -o`): YAML documents after the first start with `---`
/// (cli-runtime printers/yaml.go), JSON objects follow one another, jsonpath results run on.
/// `names` are the objects' `-o name` lines. Those commands' PrintFlags have no table,
/// `wide` or custom columns.
pub(super) fn print_each(
    printer: &Printer,
    output: &str,
    names: &[String],
    docs: &[serde_json::Value],
) -> ConsoleResult {
    let mut out = String::new();
    for (i, doc) in docs.iter().enumerate() {
        match printer {
            Printer::Table { .. } | Printer::Columns(_) => {
                return err(format!(
                    "error: unable to match a printer suitable for the output format {}, allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml",
                    go_quote(output)
                ))
            }
            Printer::Name => {
                out.push_str(names.get(i).map_or("", String::as_str));
                out.push('\n');
            }
            Printer::Yaml => {
                if i > 0 {
                    out.push_str("---\n");
                }
                out.push_str(&crate::kubectl::yaml::to_yaml(doc));
                out.push('\n');
            }
            Printer::Json => {
                out.push_str(&crate::kubectl::jsonpath::kubectl_json(doc));
                out.push('\n');
            }
            Printer::JsonPath {
                template,
                path,
                as_json,
            } => match path.execute(doc, *as_json) {
                Ok(s) => out.push_str(&s),
                Err(e) => {
                    return err(format!(
                        "{out}error: error executing jsonpath {}: Error executing template: {e}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\tobject given to jsonpath engine was:\n\t\t{}",
                        go_quote(template),
                        go_sharp_v(doc)
                    ))
                }
            },
        }
    }
    ok(out.trim_end_matches('\n').to_string())
}

/// What `get -o` prints with.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Printer {
    Table {
        wide: bool,
    },
    Json,
    Yaml,
    Name,
    JsonPath {
        template: String,
        path: JsonPath,
        /// `-o jsonpath-as-json`.
        as_json: bool,
    },
    /// `-o custom-columns`: headers and their expressions.
    Columns(Vec<(String, JsonPath)>),
}

impl Printer {
    /// One `PrintObj` call of a non-table printer, as `kubectl events -o` makes them
    /// (cli-runtime printers): `printed` objects came before it (the YAML printer starts each
    /// later one with `---`). The name printer refuses a typed list ("list types are not
    /// supported by name printing", name.go) and the JSONPath printer's failure is an error:
    /// None, for the caller that ignores PrintObj's error (events.go Run) to print nothing.
    pub(crate) fn print_obj(&self, doc: &serde_json::Value, printed: usize) -> Option<String> {
        let kind = doc["kind"].as_str().unwrap_or_default();
        match self {
            Printer::Table { .. } | Printer::Columns(_) => None,
            Printer::Name if kind.ends_with("List") => None,
            Printer::Name => {
                // name.go printObj: lower-case kind, `.group` when the API group has a name.
                let group = doc["apiVersion"]
                    .as_str()
                    .and_then(|v| v.split_once('/'))
                    .map_or(String::new(), |(g, _)| format!(".{g}"));
                let name = doc["metadata"]["name"].as_str().unwrap_or("<unknown>");
                Some(format!("{}{group}/{name}\n", kind.to_ascii_lowercase()))
            }
            Printer::Yaml => {
                let sep = if printed > 0 { "---\n" } else { "" };
                Some(format!("{sep}{}\n", crate::kubectl::yaml::to_yaml(doc)))
            }
            Printer::Json => Some(format!(
                "{}\n",
                crate::kubectl::jsonpath::kubectl_json_typed(doc)
            )),
            Printer::JsonPath { path, as_json, .. } => path.execute(doc, *as_json).ok(),
        }
    }
}

/// genericclioptions `PrintFlags.ToPrinter` of a command whose flags have no table printer
/// (`create`, `events`): `-o wide` and `custom-columns` are no format of theirs.
pub(super) fn generic_printer(output: &str) -> Result<Printer, String> {
    // A format these commands do not have at all is refused with their own list too (an
    // error of a template they do have is that template's).
    let unknown = !ALLOWED_FORMATS
        .split(',')
        .any(|f| output.split('=').next() == Some(f));
    let chosen = if unknown {
        Ok(Printer::Table { wide: false })
    } else {
        printer(output, None)
    };
    match chosen? {
        Printer::Table { .. } | Printer::Columns(_) => Err(format!(
            "error: unable to match a printer suitable for the output format {}, allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml",
            go_quote(output)
        )),
        p => Ok(p),
    }
}

/// The `-o` formats the console has (kubectl also has the go-template and file formats).
/// genericclioptions PrintFlags.AllowedFormats, sorted as kubectl prints them.
const ALLOWED_FORMATS: &str = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

/// `-o FORMAT[=TEMPLATE]` as kubectl's print flags read it (genericclioptions
/// jsonpath_flags.go, get/customcolumn_flags.go and customcolumn.go), with their errors.
pub(super) fn printer(output: &str, template: Option<&str>) -> Result<Printer, String> {
    match output {
        "" => return Ok(Printer::Table { wide: false }),
        "wide" => return Ok(Printer::Table { wide: true }),
        "json" => return Ok(Printer::Json),
        "yaml" => return Ok(Printer::Yaml),
        "name" => return Ok(Printer::Name),
        _ => {}
    }
    let (format, value) = match output.split_once('=') {
        Some((f, v)) => (f, v),
        None => (output, ""),
    };
    match format {
        "jsonpath" | "jsonpath-as-json" => {
            // --template, when given, is the template.
            let t = template.filter(|t| !t.is_empty()).unwrap_or(value);
            if t.is_empty() {
                return Err("error: template format specified but no template given".into());
            }
            let path = JsonPath::parse(t).map_err(|e| format!("error: error parsing jsonpath {t}, {e}"))?;
            Ok(Printer::JsonPath {
                template: t.to_string(),
                path,
                as_json: format == "jsonpath-as-json",
            })
        }
        "custom-columns" => {
            if value.is_empty() {
                return Err("error: custom-columns format specified but no custom columns given".into());
            }
            let mut columns = Vec::new();
            for part in value.split(',') {
                let Some((header, expr)) = part.split_once(':') else {
                    return Err(format!("error: unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"));
                };
                let expr = relaxed(expr).map_err(|e| format!("error: {e}"))?;
                let path = JsonPath::parse(&expr).map_err(|e| format!("error: {e}"))?;
                columns.push((header.to_string(), path));
            }
            Ok(Printer::Columns(columns))
        }
        "go-template" | "template" => {
            let t = template.filter(|t| !t.is_empty()).unwrap_or(value);
            if t.is_empty() {
                return Err("error: template format specified but no template given".into());
            }
            let jsonpath = go_template_as_jsonpath(t)?;
            let path = JsonPath::parse_go_template(&jsonpath)
                .map_err(|e| format!("error: error parsing template {t}, {e}"))?;
            Ok(Printer::JsonPath {
                template: t.to_string(),
                path,
                as_json: false,
            })
        }
        "go-template-file" | "templatefile" | "jsonpath-file" | "custom-columns-file" => Err(format!(
            "error: the output format {} is not supported in CtrlScope (it reads no files); allowed formats are: {ALLOWED_FORMATS}",
            go_quote(format)
        )),
        _ => Err(format!(
            "error: unable to match a printer suitable for the output format {}, allowed formats are: {ALLOWED_FORMATS}",
            go_quote(output)
        )),
    }
}

/// `-o go-template`: the part of Go's text/template that kubectl's docs use, as the jsonpath it
/// means. `{{.a.b}}` is `{.a.b}`, `{{"\n"}}` is `{"\n"}`, `{{range .items}}`…`{{end}}` is
/// `{range .items[*]}`…`{end}` (inside it `.` is the item, as in jsonpath), `{{.}}` is `{@}`,
/// `{{index .m "k"}}` is `{.m.k}`; `{{-` and `-}}` trim spaces. The rest of text/template (if,
/// with, pipes, functions) is refused with a clear error rather than half-done. As in Go, a
/// missing field prints `<no value>`.
fn go_template_as_jsonpath(t: &str) -> Result<String, String> {
    let unsupported = |a: &str| {
        format!("error: CtrlScope's go-template knows {{{{.field.path}}}}, {{{{\"text\"}}}}, {{{{range .list}}}}...{{{{end}}}} and {{{{index .map \"key\"}}}}, not {{{{{a}}}}}; -o jsonpath reads any field")
    };
    let mut out = String::new();
    let mut rest = t;
    let mut depth = 0usize;
    while let Some(open) = rest.find("{{") {
        let mut text = &rest[..open];
        let mut action = &rest[open + 2..];
        if let Some(a) = action.strip_prefix('-') {
            action = a;
            text = text.trim_end();
        }
        let Some(close) = action.find("}}") else {
            return Err(format!(
                "error: error parsing template {t}, template: output:1: unclosed action"
            ));
        };
        let mut inner = &action[..close];
        rest = &action[close + 2..];
        if let Some(i) = inner.strip_suffix('-') {
            inner = i;
            rest = rest.trim_start();
        }
        if text.contains(['{', '}']) {
            return Err(unsupported(text));
        }
        out.push_str(text);
        let inner = inner.trim();
        let field = |f: &str| -> Result<String, String> {
            match f {
                "." => Ok("@".into()),
                f if f.starts_with('.') && !f.contains([' ', '|', '(', '"']) => Ok(f.into()),
                _ => Err(unsupported(inner)),
            }
        };
        if inner.starts_with('"') && inner.ends_with('"') && inner.len() >= 2 {
            out.push('{');
            out.push_str(inner);
            out.push('}');
        } else if let Some(list) = inner.strip_prefix("range ") {
            out.push_str(&format!("{{range {}[*]}}", field(list.trim())?));
            depth += 1;
        } else if inner == "end" {
            if depth == 0 {
                return Err(format!(
                    "error: error parsing template {t}, template: output:1: unexpected {{{{end}}}}"
                ));
            }
            depth -= 1;
            out.push_str("{end}");
        } else if let Some(args) = inner.strip_prefix("index ") {
            let (map, key) = args
                .trim()
                .split_once(' ')
                .ok_or_else(|| unsupported(inner))?;
            let key = key.trim().trim_matches('"');
            let escaped = key.replace('.', "\\.");
            out.push_str(&format!(
                "{{{}.{escaped}}}",
                field(map.trim())?.trim_end_matches('@')
            ));
        } else {
            out.push_str(&format!("{{{}}}", field(inner)?));
        }
    }
    if depth > 0 {
        return Err(format!(
            "error: error parsing template {t}, template: output:1: unexpected EOF"
        ));
    }
    if rest.contains(['{', '}']) {
        return Err(unsupported(rest));
    }
    out.push_str(rest);
    Ok(out)
}

/// `-o custom-columns` (customcolumn.go `CustomColumnsPrinter`): the header row unless
/// --no-headers, then a row per object; a column's values joined by commas, `<none>` when it
/// has none; laid out by `GetNewTabWriter`.
fn custom_columns(
    columns: &[(String, JsonPath)],
    objects: &[serde_json::Value],
    no_headers: bool,
) -> ConsoleResult {
    let mut text = String::new();
    if !no_headers {
        let headers: Vec<&str> = columns.iter().map(|(h, _)| h.as_str()).collect();
        text.push_str(&headers.join("\t"));
        text.push('\n');
    }
    for o in objects {
        let mut cells = Vec::new();
        for (_, path) in columns {
            match column_cell(path, o) {
                Ok(c) => cells.push(c),
                Err(e) => return err(format!("error: {e}")),
            }
        }
        text.push_str(&cells.join("\t"));
        text.push('\n');
    }
    let mut w = TabWriter::for_get();
    w.write(&text);
    ok(w.finish().trim_end_matches('\n').to_string())
}

/// `get TYPE [NAME] -w`: the list, then the watch the console polls.
fn get_watch(
    sim: &mut Simulation,
    kinds: &[Kind],
    name: Option<&str>,
    selector: Option<LabelSelector>,
    output: WatchOutput,
    flags: &Flags,
) -> ConsoleResult {
    // The resource builder's `SingleResourceType()` (get.go `watch`).
    let &[kind] = kinds else {
        return err("error: you may only specify a single resource type".into());
    };
    if let Some(n) = name {
        let exists = match kind {
            Kind::Event => sim
                .cluster
                .all_events()
                .iter()
                .any(|e| e.metadata.name == n),
            _ => sim
                .cluster
                .store
                .all_objects()
                .iter()
                .any(|o| o.kind() == kind && o.name() == n),
        };
        if !exists {
            return not_found(kind, n);
        }
    }
    let req = WatchRequest {
        kind,
        name: name.map(str::to_string),
        namespace: (!flags.all_namespaces).then(|| flags.namespace().to_string()),
        selector,
        output,
        show_labels: flags.show_labels,
        label_columns: flags.label_columns.clone(),
        no_headers: flags.no_headers,
        events: flags.output_watch_events,
        watch_only: flags.watch_only,
    };
    let (watch, output) = Watch::start(sim, req);
    if watch.failed {
        watch.stop(sim);
        return err(output);
    }
    ConsoleResult {
        output,
        error: false,
        action: None,
        follow: Some(Box::new(Follow::Watch(watch))),
    }
}

/// `schema.GroupVersionResource.String()` of a kind's list.
pub(super) fn group_version_resource(kind: Kind) -> &'static str {
    match kind {
        Kind::Pod => "/v1, Resource=pods",
        Kind::Node => "/v1, Resource=nodes",
        Kind::Event => "/v1, Resource=events",
        Kind::Job => "batch/v1, Resource=jobs",
        Kind::CronJob => "batch/v1, Resource=cronjobs",
        Kind::DaemonSet => "apps/v1, Resource=daemonsets",
        Kind::ControllerRevision => "apps/v1, Resource=controllerrevisions",
    }
}

/// The namespaces: the four every cluster starts with and any other one an object is in, all
/// Active since the cluster's start (CtrlScope keeps no Namespace objects).
fn namespaces(sim: &Simulation) -> Vec<String> {
    let mut all: Vec<String> = ["default", "kube-node-lease", "kube-public", "kube-system"]
        .map(String::from)
        .to_vec();
    for o in sim.cluster.store.all_objects() {
        let ns = &o.metadata().namespace;
        if !ns.is_empty() && !all.contains(ns) {
            all.push(ns.clone());
        }
    }
    crate::sort::sort_by(&mut all, |a, b| a.cmp(b));
    all
}

/// Whether the namespace exists (the four built-in ones, or one an object is in: CtrlScope has
/// no Namespace objects); Err: the API server's NotFound, without kubectl's prefix.
pub(super) fn namespace_exists(sim: &Simulation, name: &str) -> Result<(), String> {
    match namespaces(sim).iter().any(|n| n == name) {
        true => Ok(()),
        false => Err(format!("namespaces {} not found", go_quote(name))),
    }
}

fn namespace_not_found(name: &str) -> String {
    format!(
        "Error from server (NotFound): namespaces {} not found",
        go_quote(name)
    )
}

/// `ns NAME...` or `ns/NAME...` (any spelling of the type): the names, or None for another type.
fn namespace_targets<'a>(args: &[&'a str]) -> Option<Vec<&'a str>> {
    let is_ns = |t: &str| matches!(t, "ns" | "namespace" | "namespaces");
    match args {
        [t, names @ ..] if is_ns(t) => Some(names.to_vec()),
        [first, ..] if first.split_once('/').is_some_and(|(t, _)| is_ns(t)) => args
            .iter()
            .map(|a| a.split_once('/').filter(|(t, _)| is_ns(t)).map(|(_, n)| n))
            .collect(),
        _ => None,
    }
}

/// `kubectl describe namespace NAME` (describe.go describeNamespace), or None for another type.
pub(super) fn describe_namespaces(sim: &Simulation, args: &[&str]) -> Option<ConsoleResult> {
    let names = namespace_targets(args)?;
    let all = namespaces(sim);
    let shown: Vec<&str> = match names.is_empty() {
        true => all.iter().map(String::as_str).collect(),
        false => names,
    };
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for n in shown {
        if !all.iter().any(|a| a == n) {
            missing.push(namespace_not_found(n));
            continue;
        }
        // The API server labels every namespace with its name (NamespaceDefaultLabelName).
        out.push(format!(
            "Name:         {n}\nLabels:       kubernetes.io/metadata.name={n}\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource."
        ));
    }
    let text = [out.join("\n\n\n"), missing.join("\n")]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    Some(match missing.is_empty() {
        true => ok(text),
        false => err(text),
    })
}

/// `kubectl delete namespace NAME`, or None for another type. The NamespaceLifecycle admission
/// plugin (apiserver admission/plugin/namespace/lifecycle) forbids deleting default,
/// kube-system and kube-public; CtrlScope has no Namespace objects to delete for the others.
pub(super) fn delete_namespaces(sim: &Simulation, args: &[&str]) -> Option<ConsoleResult> {
    let names = namespace_targets(args)?;
    if names.is_empty() {
        return Some(err(
            "error: resource(s) were provided, but no name was specified".into(),
        ));
    }
    let all = namespaces(sim);
    let lines: Vec<String> = names
        .iter()
        .map(|n| match *n {
            _ if !all.iter().any(|a| a == n) => namespace_not_found(n),
            "default" | "kube-system" | "kube-public" => format!(
                "Error from server (Forbidden): namespaces {} is forbidden: this namespace may not be deleted",
                go_quote(n)
            ),
            _ => format!(
                "error: CtrlScope keeps no Namespace objects, so namespace {} cannot be deleted: delete what is in it (kubectl delete jobs --all -n {n}) or take it out of the YAML",
                go_quote(n)
            ),
        })
        .collect();
    Some(err(lines.join("\n")))
}

/// `kubectl get namespaces`.
fn get_namespaces(sim: &Simulation, names: &[&str], flags: &Flags) -> ConsoleResult {
    let all = namespaces(sim);
    for n in names {
        if !all.iter().any(|a| a == n) {
            return err(namespace_not_found(n));
        }
    }
    let shown: Vec<&String> = all
        .iter()
        .filter(|a| names.is_empty() || names.contains(&a.as_str()))
        .collect();
    let age = crate::kubectl::translate_timestamp_since(Some(sim.cluster.start), sim.now());
    match flags.output.as_deref().unwrap_or("") {
        "name" => ok(shown
            .iter()
            .map(|n| format!("namespace/{n}"))
            .collect::<Vec<_>>()
            .join("\n")),
        "" | "wide" => {
            let rows: Vec<Vec<String>> = shown
                .iter()
                .map(|n| vec![n.to_string(), "Active".into(), age.clone()])
                .collect();
            ok(get_table(&["NAME", "STATUS", "AGE"], &rows).trim_end_matches('\n').to_string())
        }
        o => err(format!(
            "error: CtrlScope keeps no Namespace objects: kubectl get namespaces prints a table or -o name, not -o {o}"
        )),
    }
}

/// A CtrlScope line for an empty `get` in one namespace when objects of those kinds are in
/// another (the lecture's DaemonSet is in kube-system): where they are, and the flag to see
/// them. kubectl itself says only "No resources found".
fn objects_elsewhere(sim: &Simulation, kinds: &[Kind], namespace: &str) -> Option<String> {
    fn namespaces<R: crate::sim::store::Resource>(sim: &Simulation) -> Vec<&str> {
        sim.cluster
            .store
            .list::<R>()
            .map(|o| o.meta().namespace.as_str())
            .collect()
    }
    let mut found: Vec<(Kind, String)> = Vec::new();
    for &kind in kinds {
        let spaces = match kind {
            Kind::Pod => namespaces::<Pod>(sim),
            Kind::Job => namespaces::<Job>(sim),
            Kind::CronJob => namespaces::<CronJob>(sim),
            Kind::DaemonSet => namespaces::<DaemonSet>(sim),
            _ => Vec::new(),
        };
        for ns in spaces {
            if !ns.is_empty()
                && ns != namespace
                && !found.iter().any(|(k, n)| *k == kind && n == ns)
            {
                found.push((kind, ns.to_string()));
            }
        }
    }
    let (kind, ns) = found.first()?;
    Some(format!(
        "(CtrlScope: {}s are in namespace {ns}: add -n {ns}, or -A for every namespace)",
        kind.as_str()
    ))
}
