//! A kubectl command line over the simulation, for the UI's console and for course authors:
//! `get`, `describe`, `logs`, `delete`, `rollout status|history|undo|restart`,
//! `cordon`/`uncordon`, `taint`, `label`, `create job`, `patch` and `set image`.
//! Answers use kubectl's own words, tables come from the printers in this module.

use super::format::format_labels;
use super::get::{
    controllerrevision_rows, cronjob_rows, daemonset_rows, event_rows, job_rows, node_rows,
    pod_rows, Rows,
};
use super::jsonpath::{column_cell, go_sharp_v, relaxed, sort_order, JsonPath};
use super::tabwriter::{get_table, get_table_no_headers, TabWriter};
use super::{
    describe_cronjob, describe_daemonset, describe_job, describe_node, describe_pod,
    parse_selector, rollback, rollout_history, rollout_status, Rollback, RESTARTED_AT,
};
use std::collections::BTreeMap;

use super::events::{events_table, EventsRequest, EventsWatch};
use super::logstream::LogStream;
use super::rollout::RolloutWatch;
use super::wait::{Wait, WaitFor, WaitPolled};
use super::watch::{Watch, WatchOutput, WatchRequest};
use crate::api::{parse_duration, Duration, LabelSelector};
use crate::api::{
    ControllerRevision, CronJob, DaemonSet, Event, Job, Kind, Node, Object, ObjectMeta, Pod,
    PodSpec, Taint,
};
use crate::manifest::{
    go_quote, invalid_message, parse_documents, validate_update, ManifestError, Parsed,
};
use crate::sim::logs::{container_logs, split_words};
use crate::sim::scenario::Action;
use crate::sim::Simulation;
use crate::sim::{aggregate, invalid, kubectl_resource, label_change};

/// A command that goes on as time runs: `get -w` and `wait`. (One lives at a time, boxed in
/// `ConsoleResult`: the variants' sizes do not matter.)
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Follow {
    Watch(Watch),
    Wait(Wait),
    Logs(LogStream),
    Events(EventsWatch),
    Rollout(RolloutWatch),
}

/// What a poll of a following command found.
#[derive(Debug, PartialEq)]
pub enum Polled {
    /// It goes on; the output since the last poll.
    More(String),
    /// It ended: its last output, and whether that is an error.
    Done(String, bool),
    /// The cluster it followed was replaced (a rewind or reset).
    Gone,
}

impl Follow {
    pub fn poll(&mut self, sim: &mut Simulation) -> Polled {
        match self {
            Follow::Watch(w) => w.poll(sim).map_or(Polled::Gone, Polled::More),
            Follow::Wait(w) => match w.poll(sim) {
                WaitPolled::Waiting(out) => Polled::More(out),
                WaitPolled::Done(out, error) => Polled::Done(out, error),
                WaitPolled::Gone => Polled::Gone,
            },
            Follow::Logs(l) => l.poll(sim),
            Follow::Events(w) => w.poll(sim).map_or(Polled::Gone, Polled::More),
            Follow::Rollout(w) => w.poll(sim),
        }
    }

    /// Ctrl+C: the store stops copying writes for it.
    pub fn stop(&self, sim: &mut Simulation) {
        match self {
            Follow::Watch(w) => w.stop(sim),
            Follow::Wait(w) => w.stop(sim),
            Follow::Logs(l) => l.stop(sim),
            Follow::Events(w) => w.stop(sim),
            Follow::Rollout(w) => w.stop(sim),
        }
    }

    /// Its output is a table (the first line a header to keep when trimming).
    pub fn is_table(&self) -> bool {
        matches!(self, Follow::Watch(w) if w.is_table())
    }
}

/// What a command printed, and the cluster change it made (for the UI to record and replay).
#[derive(Clone, Debug, PartialEq)]
pub struct ConsoleResult {
    pub output: String,
    pub error: bool,
    pub action: Option<Action>,
    /// `get -w`, `wait`: what to poll as time moves (its first output is in `output`).
    pub follow: Option<Box<Follow>>,
}

fn ok(output: String) -> ConsoleResult {
    ConsoleResult {
        output,
        error: false,
        action: None,
        follow: None,
    }
}

fn err(output: String) -> ConsoleResult {
    ConsoleResult {
        output,
        error: true,
        action: None,
        follow: None,
    }
}

const HELP: &str = "\
kubectl controls the simulated cluster.

 get TYPE[,TYPE] [NAME] [-o FORMAT] [-l SELECTOR] [--show-labels] [--no-headers]
     [--sort-by=JSONPATH]   e.g. --sort-by=.metadata.creationTimestamp
     -w: then a row for every change as time runs (--output-watch-events, --watch-only)
     FORMAT: wide yaml json name jsonpath=TEMPLATE jsonpath-as-json=TEMPLATE
             custom-columns=HEADER:JSONPATH[,HEADER:JSONPATH...]
             go-template='{{.spec.updateStrategy.type}}{{\"\\n\"}}' ({{range .items}}...{{end}})
     TEMPLATE: '{.items[*].metadata.name}'  '{range .items[*]}{.metadata.name}{\"\\n\"}{end}'
               '{.items[?(@.status.phase==\"Running\")].metadata.name}'  ({..name}, [0], [-1:], [*])
     TYPE: pods jobs cronjobs daemonsets nodes events controllerrevisions all
     SELECTOR: k=v, k!=v, 'k in (a,b)', 'k notin (a)', k, '!k' (comma-separated)
 describe TYPE NAME | TYPE/NAME | TYPE NAME_PREFIX | TYPE [-l SELECTOR]
 logs [-f] POD | job/NAME | -l SELECTOR   (-f: goes on as time runs, until the container exits)
 delete TYPE NAME... | TYPE/NAME... | TYPE --all | TYPE -l SELECTOR
 events [--for TYPE/NAME] [--types Warning] [-A] [-w]   (oldest first; -w: as they come)
 wait TYPE/NAME... --for=condition=Complete|delete|create|jsonpath='{.status.phase}'=Running
     [--timeout=30s]   (goes on as time runs)
 rollout status|history|restart ds/NAME | rollout history ds/NAME --revision=N
 rollout undo ds/NAME [--to-revision=N]
 set image ds/NAME|job/NAME|cronjob/NAME CONTAINER=IMAGE [...]   (* = every container)
 cordon NODE | uncordon NODE
 taint nodes NODE key[=value]:Effect[-]
 create job NAME --from=cronjob/CRONJOB | create job NAME --image=IMAGE [-- COMMAND [ARGS...]]
 patch TYPE NAME -p PATCH [--type strategic|merge|json]   TYPE: jobs cronjobs daemonsets nodes
 label nodes NODE key=value [key2=value2] [key-] [--overwrite]
 (apply: edit the YAML and press Apply, or Ctrl+Enter)";

/// pflag's error for a flag it does not know (`--x`, or `-x` as a shorthand), with cobra's hint.
fn unknown_flag(w: &str, cmd: Option<&str>) -> String {
    let what = match w.strip_prefix('-') {
        Some(short) if !short.starts_with('-') && !short.is_empty() => {
            let c = short.chars().next().unwrap_or('-');
            format!("unknown shorthand flag: '{c}' in {w}")
        }
        _ => format!("unknown flag: {}", w.split('=').next().unwrap_or(w)),
    };
    let help = cmd.map_or("kubectl --help".to_string(), |c| {
        format!("kubectl {c} --help")
    });
    format!("error: {what}\nSee '{help}' for usage.")
}

/// Runs one command line (with or without the leading `kubectl`).
pub fn run(sim: &mut Simulation, line: &str) -> ConsoleResult {
    let words = split_words(line);
    let mut words: Vec<&str> = words.iter().map(String::as_str).collect();
    if matches!(words.first(), Some(&"kubectl") | Some(&"k")) {
        words.remove(0);
    }
    // kubectl's global flags may come before the command: `kubectl -n kube-system get pods`.
    let mut global: Vec<&str> = Vec::new();
    while let Some(&w) = words.first() {
        match w {
            "-n" | "--namespace" => {
                global.extend(words.drain(..2.min(words.len())));
            }
            w if w.starts_with("--namespace=") || (w.starts_with("-n") && w.len() > 2) => {
                global.push(words.remove(0));
            }
            w if w.starts_with('-') => return err(unknown_flag(w, None)),
            _ => break,
        }
    }
    words.extend(global);
    let Some((&cmd, rest)) = words.split_first() else {
        return ok(String::new());
    };
    let mut flags = Flags::default();
    let mut args: Vec<&str> = Vec::new();
    let mut it = rest.iter();
    let value = |w: &str, name: &str| w.strip_prefix(name).map(|v| v.to_string());
    // Commands that take `-l SELECTOR`.
    let selects = matches!(cmd, "get" | "describe" | "delete" | "logs" | "log" | "wait");
    while let Some(&w) = it.next() {
        match w {
            "-o" | "--output" => flags.output = it.next().map(|s| s.to_string()),
            "-n" | "--namespace" => flags.namespace = it.next().map(|s| s.to_string()),
            "-A" | "--all-namespaces" => flags.all_namespaces = true,
            // `patch -p PATCH`; elsewhere `-p` is `logs --previous`.
            "-p" | "--patch" if cmd == "patch" => flags.patch = it.next().map(|s| s.to_string()),
            "--type" if cmd == "patch" => flags.patch_type = it.next().map(|s| s.to_string()),
            "--from" if cmd == "create" => flags.from = it.next().map(|s| s.to_string()),
            "--image" if cmd == "create" => flags.image = it.next().map(|s| s.to_string()),
            w if cmd == "patch" && (w.starts_with("--patch=") || w.starts_with("-p=")) => {
                flags.patch = value(w, "--patch=").or(value(w, "-p="))
            }
            w if w.starts_with("--type=") && cmd == "patch" => {
                flags.patch_type = value(w, "--type=")
            }
            w if w.starts_with("--from=") && cmd == "create" => flags.from = value(w, "--from="),
            w if w.starts_with("--image=") && cmd == "create" => flags.image = value(w, "--image="),
            // `create job NAME --image=I -- COMMAND ARGS...`: the rest is the command.
            "--" => {
                flags.command = Some(it.by_ref().map(|s| s.to_string()).collect());
            }
            "-l" | "--selector" if selects => flags.selector = it.next().map(|s| s.to_string()),
            w if selects && w.starts_with("--selector=") => {
                flags.selector = value(w, "--selector=")
            }
            "--all" if matches!(cmd, "delete" | "wait") => flags.all = true,
            "--for" if matches!(cmd, "wait" | "events") => {
                flags.wait_for = it.next().map(|s| s.to_string())
            }
            w if matches!(cmd, "wait" | "events") && w.starts_with("--for=") => {
                flags.wait_for = value(w, "--for=")
            }
            "--types" if cmd == "events" => flags.types = it.next().map(|s| s.to_string()),
            w if cmd == "events" && w.starts_with("--types=") => flags.types = value(w, "--types="),
            "--timeout" if cmd == "wait" => flags.timeout = it.next().map(|s| s.to_string()),
            w if cmd == "wait" && w.starts_with("--timeout=") => {
                flags.timeout = value(w, "--timeout=")
            }
            // `-lapp=web` and `-l=app=web`, as pflag reads a short flag.
            w if selects && w.starts_with("-l") && !w.starts_with("--") => {
                flags.selector = Some(w[2..].strip_prefix('=').unwrap_or(&w[2..]).to_string())
            }
            "--show-labels" if cmd == "get" => flags.show_labels = true,
            "--sort-by" if cmd == "get" => flags.sort_by = it.next().map(|s| s.to_string()),
            w if cmd == "get" && w.starts_with("--sort-by=") => {
                flags.sort_by = value(w, "--sort-by=")
            }
            "--template" if cmd == "get" => flags.template = it.next().map(|s| s.to_string()),
            w if cmd == "get" && w.starts_with("--template=") => {
                flags.template = value(w, "--template=")
            }
            "--no-headers" if matches!(cmd, "get" | "events") => flags.no_headers = true,
            w if matches!(cmd, "get" | "events") && w.starts_with("--no-headers=") => {
                let v = &w["--no-headers=".len()..];
                flags.no_headers = match v {
                    "1" | "t" | "T" | "true" | "TRUE" | "True" => true,
                    "0" | "f" | "F" | "false" | "FALSE" | "False" => false,
                    _ => return err(format!("error: invalid argument {v:?} for \"--no-headers\" flag: strconv.ParseBool: parsing {v:?}: invalid syntax")),
                }
            }
            "--revision" | "--to-revision" if cmd == "rollout" => {
                let v = it.next().map(|s| s.to_string());
                match w {
                    "--revision" => flags.revision = v,
                    _ => flags.to_revision = v,
                }
            }
            w if cmd == "rollout" && w.starts_with("--revision=") => {
                flags.revision = value(w, "--revision=")
            }
            w if cmd == "rollout" && w.starts_with("--to-revision=") => {
                flags.to_revision = value(w, "--to-revision=")
            }
            "-w" | "--watch" if matches!(cmd, "get" | "events") => flags.watch = true,
            "--watch=false" | "-w=false" if cmd == "rollout" => flags.rollout_once = true,
            "--watch-only" if cmd == "get" => flags.watch_only = true,
            "--output-watch-events" if cmd == "get" => flags.output_watch_events = true,
            "-w" | "--watch" | "--previous" | "-p" => {}
            "--overwrite" if cmd == "label" => flags.overwrite = true,
            w if cmd == "label" && w.starts_with("--overwrite=") => {
                let v = &w["--overwrite=".len()..];
                // pflag's bool: strconv.ParseBool.
                flags.overwrite = match v {
                    "1" | "t" | "T" | "true" | "TRUE" | "True" => true,
                    "0" | "f" | "F" | "false" | "FALSE" | "False" => false,
                    _ => return err(format!("error: invalid argument {v:?} for \"--overwrite\" flag: strconv.ParseBool: parsing {v:?}: invalid syntax")),
                }
            }
            "-f" | "--follow" if matches!(cmd, "logs" | "log") => flags.follow = true,
            "-c" | "--container" => {
                it.next();
            }
            w if w.starts_with("-o") && w.len() > 2 => {
                flags.output = Some(
                    w.trim_start_matches("-o")
                        .trim_start_matches('=')
                        .to_string(),
                )
            }
            w if w.starts_with("--output=") => {
                flags.output = Some(w["--output=".len()..].to_string())
            }
            w if w.starts_with("--namespace=") => {
                flags.namespace = Some(w["--namespace=".len()..].to_string())
            }
            w if w.starts_with("--container=") => {}
            // `-nkube-system`, `-n=kube-system`, as pflag reads a short flag.
            w if w.starts_with("-n") && w.len() > 2 && !w.starts_with("--") => {
                flags.namespace = Some(w[2..].strip_prefix('=').unwrap_or(&w[2..]).to_string())
            }
            w if w.starts_with('-') => return err(unknown_flag(w, Some(cmd))),
            w => args.push(w),
        }
    }
    match cmd {
        "get" => get(sim, &args, &flags),
        "describe" => describe(sim, &args, &flags),
        "logs" | "log" if flags.selector.is_some() => logs_selected(sim, &args, &flags),
        "logs" | "log" => logs(sim, &args, flags.follow),
        "delete" => delete(sim, &args, &flags),
        "wait" => wait(sim, &args, &flags),
        "events" => events(sim, &args, &flags),
        "rollout" => rollout(sim, &args, &flags),
        "set" => set(sim, &args),
        "cordon" | "uncordon" => cordon(sim, cmd, &args),
        "taint" => taint(sim, &args),
        "create" if args.first().is_some_and(|t| resource(t) == Some(Kind::Job)) => {
            create_job(sim, &args[1..], &flags)
        }
        "patch" => patch(sim, &args, &flags),
        "label" => label(sim, &args, flags.overwrite),
        "apply" | "create" | "edit" => err("error: in CtrlScope, apply from the editor: change the YAML and press Apply (Ctrl+Enter)".into()),
        "version" => ok("Client Version: v1.34.0\nServer Version: v1.34.0 (CtrlScope simulation)".into()),
        "help" | "--help" | "-h" => ok(HELP.into()),
        other => err(format!("error: unknown command {other:?} for \"kubectl\"\nRun 'kubectl --help' for usage.")),
    }
}

#[derive(Default)]
struct Flags {
    output: Option<String>,
    namespace: Option<String>,
    all_namespaces: bool,
    patch: Option<String>,
    patch_type: Option<String>,
    from: Option<String>,
    image: Option<String>,
    /// The words after `--`.
    command: Option<Vec<String>>,
    overwrite: bool,
    /// `get -l`, `delete -l`.
    selector: Option<String>,
    /// `delete --all`, `wait --all`.
    all: bool,
    /// `logs -f`.
    follow: bool,
    /// `rollout status --watch=false`: print the status once.
    rollout_once: bool,
    /// `events --types`.
    types: Option<String>,
    /// `wait --for`, `--timeout` (`events --for` too).
    wait_for: Option<String>,
    timeout: Option<String>,
    show_labels: bool,
    /// `get --sort-by`, `--no-headers`, `--template` (the template of `-o jsonpath`).
    sort_by: Option<String>,
    no_headers: bool,
    template: Option<String>,
    /// `get -w`, `--watch-only`, `--output-watch-events`.
    watch: bool,
    watch_only: bool,
    output_watch_events: bool,
    /// `rollout history --revision`, `rollout undo --to-revision` (unparsed).
    revision: Option<String>,
    to_revision: Option<String>,
}

impl Flags {
    /// Lists show one namespace (`default` unless `-n`), or all with `-A`. Nodes have none.
    /// (Named lookups find an object in any namespace: names are unique in the simulation.)
    fn shows(&self, namespace: &str) -> bool {
        self.all_namespaces
            || namespace.is_empty()
            || namespace == self.namespace.as_deref().unwrap_or("default")
    }

    fn namespace(&self) -> &str {
        self.namespace.as_deref().unwrap_or("default")
    }

    /// `-l`, parsed (None when absent or empty); refused together with names.
    fn label_selector(
        &self,
        kind: Option<Kind>,
        named: bool,
    ) -> Result<Option<LabelSelector>, String> {
        match self.selector.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(_) if named => {
                Err("error: name cannot be provided when a selector is specified".into())
            }
            // The API server parses it; kubectl's resource visitor prefixes its error.
            Some(sel) => parse_selector(sel).map(Some).map_err(|e| {
                format!(
                    "Error from server (BadRequest): Unable to find \"{}\" that match label selector {}, field selector \"\": {e}",
                    kind.map_or("", group_version_resource),
                    go_quote(self.selector.as_deref().unwrap_or_default())
                )
            }),
        }
    }
}

/// A resource type as kubectl accepts it.
fn resource(word: &str) -> Option<Kind> {
    Kind::parse(word.split('.').next().unwrap_or(word))
}

/// `TYPE NAME` or `TYPE/NAME`.
fn type_and_name<'a>(args: &[&'a str]) -> Result<(Kind, Option<&'a str>), String> {
    let Some(first) = args.first() else {
        return Err("error: You must specify the type of resource to get.".into());
    };
    let (t, name) = match first.split_once('/') {
        Some((t, n)) => (t, Some(n)),
        None => (*first, args.get(1).copied()),
    };
    let kind = resource(t)
        .ok_or_else(|| format!("error: the server doesn't have a resource type {t:?}"))?;
    Ok((kind, name))
}

/// The API group suffix of a kind: `.batch`, `.apps` or none (core).
fn group(kind: Kind) -> &'static str {
    match kind {
        Kind::Job | Kind::CronJob => ".batch",
        Kind::DaemonSet | Kind::ControllerRevision => ".apps",
        _ => "",
    }
}

/// The resource as API errors name it: `jobs.batch`.
fn plural(kind: Kind) -> String {
    format!("{}s{}", kind.as_str().to_ascii_lowercase(), group(kind))
}

/// `schema.GroupKind.String()`: `Job.batch`, `Node`.
fn group_kind(kind: Kind) -> String {
    format!("{}{}", kind.as_str(), group(kind))
}

fn not_found(kind: Kind, name: &str) -> ConsoleResult {
    err(not_found_message(kind, name))
}

/// The API server's NotFound as kubectl prints it.
pub(super) fn not_found_message(kind: Kind, name: &str) -> String {
    format!(
        "Error from server (NotFound): {} {name:?} not found",
        plural(kind)
    )
}

/// The resource builder's error when a command names no resource.
const NO_RESOURCES: &str = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/// `cmdutil.GetResourcesAndPairs`: resources first, then `KEY=VAL` / `KEY-` pairs; `what` names
/// the pairs in the error (`label changes`, `image changes`).
fn resources_and_pairs<'a, 'b>(
    args: &'b [&'a str],
    what: &str,
) -> Result<(&'b [&'a str], &'b [&'a str]), String> {
    let is_pair =
        |s: &str| (s.contains('=') && !s.starts_with('=')) || (s.ends_with('-') && s != "-");
    let split = args.iter().position(|s| is_pair(s)).unwrap_or(args.len());
    let (resources, pairs) = args.split_at(split);
    match pairs.iter().find(|s| !is_pair(s)) {
        Some(s) => Err(format!(
            "error: all resources must be specified before {what}: {s}"
        )),
        None => Ok((resources, pairs)),
    }
}

/// `Int64Var` flags (pflag): strconv.ParseInt's error wording.
fn int_flag(value: Option<&str>, flag: &str) -> Result<i64, String> {
    match value {
        None => Ok(0),
        Some(v) => v.parse::<i64>().map_err(|_| {
            let why = if v.is_empty() || !v.trim_start_matches(['-', '+']).bytes().all(|b| b.is_ascii_digit()) {
                "invalid syntax"
            } else {
                "value out of range"
            };
            format!("error: invalid argument {v:?} for \"--{flag}\" flag: strconv.ParseInt: parsing {v:?}: {why}")
        }),
    }
}

fn get(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let Some(types) = args.first() else {
        return err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.".into());
    };
    let (types, name) = match types.split_once('/') {
        Some((t, n)) => (t.to_string(), Some(n)),
        None => (types.to_string(), args.get(1).copied()),
    };
    let mut kinds = Vec::new();
    for t in types.split(',') {
        if t == "all" {
            kinds.extend([Kind::Pod, Kind::DaemonSet, Kind::Job, Kind::CronJob]);
            continue;
        }
        match resource(t) {
            Some(k) => kinds.push(k),
            None => {
                return err(format!(
                    "error: the server doesn't have a resource type {t:?}"
                ))
            }
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
    let mut sections: Vec<String> = Vec::new();
    let mut tables = Vec::new();
    let mut objects: Vec<serde_json::Value> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for kind in kinds {
        let row_namespaces: Vec<String>;
        let row_labels: Vec<String>;
        // The kind's objects in listing order: sorted by --sort-by for a table (sorter.go
        // `TableSorter`, one table per kind); the other printers sort the whole list below.
        macro_rules! pick {
            ($v:expr) => {{
                let mut v = $v;
                let vals: Vec<serde_json::Value> = v
                    .iter()
                    .map(|o| serde_json::to_value(o).unwrap_or_default())
                    .collect();
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
                        Some(n) => o.metadata.name == n,
                        None => flags.shows(&o.metadata.namespace) && selected(&o.metadata.labels),
                    })
                    .collect();
                if let Some(n) = name {
                    if v.is_empty() {
                        return not_found(kind, n);
                    }
                }
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
                pick!(v)
            }};
        }
        let rows: Rows = match kind {
            Kind::Pod => pod_rows(&stored!(Pod), now, wide),
            Kind::Job => job_rows(&stored!(Job), now, wide),
            Kind::CronJob => cronjob_rows(&stored!(CronJob), now, wide),
            Kind::DaemonSet => daemonset_rows(&stored!(DaemonSet), now, wide),
            Kind::Node => node_rows(&stored!(Node), now),
            Kind::ControllerRevision => controllerrevision_rows(&stored!(ControllerRevision), now),
            Kind::Event => {
                let all: Vec<Event> = sim.cluster.all_events();
                let v: Vec<&Event> = all
                    .iter()
                    .filter(|e| flags.shows(&e.metadata.namespace) && selected(&e.metadata.labels))
                    .collect();
                event_rows(&pick!(v), now)
            }
        };
        if table.is_none() || rows.rows.is_empty() {
            continue;
        }
        tables.push((kind, rows, row_namespaces, row_labels));
    }
    // get.go `multipleGVKsRequested`: objects of more than one kind are named `kind/name`
    // (tableprinter.go `decorateTable` WithKind: `pod/pi-x7k2q`, `job.batch/pi`).
    let with_kind = tables.len() > 1;
    for (kind, rows, row_namespaces, row_labels) in tables {
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
            true if flags.all_namespaces => ok("No resources found".into()),
            true => ok(format!(
                "No resources found in {} namespace.",
                flags.namespace()
            )),
            // get.go: a blank line between kinds, unless --no-headers.
            false => ok(sections
                .iter()
                .map(|s| s.trim_end())
                .collect::<Vec<_>>()
                .join(if flags.no_headers { "\n" } else { "\n\n" })),
        };
    }
    // get.go `printGeneric`: `get TYPE NAME` prints the object, anything else one List
    // (sorted as a whole by sorter.go `SortingPrinter`).
    let single = name.is_some() && objects.len() == 1;
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
        Printer::Json => ok(serde_json::to_string_pretty(&doc).unwrap_or_default()),
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
        _ => ok(super::yaml::to_yaml(&doc)),
    }
}

/// What `get -o` prints with.
enum Printer {
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

/// The `-o` formats the console has (kubectl also has the go-template and file formats).
const ALLOWED_FORMATS: &str =
    "custom-columns,go-template,json,jsonpath,jsonpath-as-json,name,template,wide,yaml";

/// `-o FORMAT[=TEMPLATE]` as kubectl's print flags read it (genericclioptions
/// jsonpath_flags.go, get/customcolumn_flags.go and customcolumn.go), with their errors.
fn printer(output: &str, template: Option<&str>) -> Result<Printer, String> {
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
            let path = JsonPath::parse(&jsonpath)
                .map_err(|e| format!("error: error parsing template {t}, {e}"))?;
            Ok(Printer::JsonPath {
                template: t.to_string(),
                path,
                as_json: false,
            })
        }
        "go-template-file" | "templatefile" | "jsonpath-file" | "custom-columns-file" => Err(format!(
            "error: the output format {} is not supported in CtrlScope (it has no Go templates or files); allowed formats are: {ALLOWED_FORMATS}",
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
/// with, pipes, functions) is refused with a clear error rather than half-done. Unlike Go, a
/// missing field prints nothing instead of `<no value>`.
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
    ok(w.finish().trim_end().to_string())
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
        no_headers: flags.no_headers,
        events: flags.output_watch_events,
        watch_only: flags.watch_only,
    };
    let (watch, output) = Watch::start(sim, req);
    ConsoleResult {
        output,
        error: false,
        action: None,
        follow: Some(Box::new(Follow::Watch(watch))),
    }
}

/// `schema.GroupVersionResource.String()` of a kind's list.
fn group_version_resource(kind: Kind) -> &'static str {
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

/// `kubectl describe TYPE [NAME | NAME_PREFIX] [-l SELECTOR]` (kubectl/pkg/cmd/describe/
/// describe.go): a name that matches nothing exactly describes every object whose name starts
/// with it (`DescribeMatchingResources`: `describe pod pi` finds pi-x7k2q).
fn describe(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let (kind, name) = match type_and_name(args) {
        Ok(x) => x,
        Err(e) => return err(e),
    };
    let selector = match flags.label_selector(Some(kind), name.is_some()) {
        Ok(s) => s,
        Err(e) => return err(e),
    };
    if matches!(kind, Kind::Event | Kind::ControllerRevision) {
        return err(format!(
            "error: CtrlScope describes pods, jobs, cronjobs, daemonsets and nodes, not {}",
            plural(kind)
        ));
    }
    let listed = selected_names(sim, kind, flags, selector.as_ref());
    let names: Vec<String> = match name {
        Some(n) if exists(sim, kind, n) => vec![n.to_string()],
        Some(n) => {
            let matching: Vec<String> = listed.into_iter().filter(|m| m.starts_with(n)).collect();
            if matching.is_empty() {
                return not_found(kind, n);
            }
            matching
        }
        None => listed,
    };
    if names.is_empty() {
        return ok(if flags.all_namespaces {
            "No resources found".into()
        } else {
            format!("No resources found in {} namespace.", flags.namespace())
        });
    }
    let mut out = Vec::new();
    for n in names {
        match describe_one(sim, kind, &n) {
            Ok(s) => out.push(s),
            Err(e) => return *e,
        }
    }
    ok(out.join("\n\n"))
}

fn describe_one(sim: &Simulation, kind: Kind, name: &str) -> Result<String, Box<ConsoleResult>> {
    let now = sim.now();
    let owned = sim.cluster.events_for(kind, name);
    let events: Vec<&Event> = owned.iter().collect();
    let store = &sim.cluster.store;
    Ok(match kind {
        Kind::Job => {
            let j = store
                .get::<Job>(name)
                .ok_or_else(|| Box::new(not_found(kind, name)))?;
            describe_job(j, &store.dependents::<Pod>(&j.metadata.uid), &events, now)
        }
        Kind::CronJob => {
            let c = store
                .get::<CronJob>(name)
                .ok_or_else(|| Box::new(not_found(kind, name)))?;
            describe_cronjob(c, &store.dependents::<Job>(&c.metadata.uid), &events, now)
        }
        Kind::DaemonSet => {
            let d = store
                .get::<DaemonSet>(name)
                .ok_or_else(|| Box::new(not_found(kind, name)))?;
            describe_daemonset(d, &store.dependents::<Pod>(&d.metadata.uid), &events, now)
        }
        Kind::Pod => {
            let p = store
                .get::<Pod>(name)
                .ok_or_else(|| Box::new(not_found(kind, name)))?;
            describe_pod(p, &events, now)
        }
        Kind::Node => {
            let n = store
                .get::<Node>(name)
                .ok_or_else(|| Box::new(not_found(kind, name)))?;
            let pods: Vec<&Pod> = store.list::<Pod>().collect();
            describe_node(n, &pods, &events, now)
        }
        _ => {
            return Err(Box::new(err(format!(
                "error: describe is not supported for {kind} here"
            ))))
        }
    })
}

fn logs(sim: &mut Simulation, args: &[&str], follow: bool) -> ConsoleResult {
    let Some(target) = args.first() else {
        return err("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command".into());
    };
    let store = &sim.cluster.store;
    let pod = match target.split_once('/') {
        Some(("job" | "jobs" | "job.batch", name)) => {
            let Some(job) = store.get::<Job>(name) else {
                return not_found(Kind::Job, name);
            };
            let mut pods = store.dependents::<Pod>(&job.metadata.uid);
            crate::sort::sort_by(&mut pods, |a, b| {
                a.metadata
                    .creation_timestamp
                    .cmp(&b.metadata.creation_timestamp)
                    .then(a.metadata.name.cmp(&b.metadata.name))
            });
            match pods.first() {
                Some(p) => *p,
                None => {
                    return err(format!(
                        "error: timed out waiting for the condition on jobs/{name}"
                    ))
                }
            }
        }
        Some(("pod" | "pods" | "po", name)) => match store.get::<Pod>(name) {
            Some(p) => p,
            None => return not_found(Kind::Pod, name),
        },
        Some((t, _)) => {
            return err(format!(
                "error: cannot get the logs from {t}: selector for {t} not implemented"
            ))
        }
        None => match store.get::<Pod>(target) {
            Some(p) => p,
            None => return not_found(Kind::Pod, target),
        },
    };
    if follow {
        let pod = pod.clone();
        return match LogStream::start(sim, &pod) {
            Ok((stream, text)) => ConsoleResult {
                // Printed whole (the container has exited): trimmed like any answer.
                output: match stream {
                    Some(_) => text,
                    None => text.trim_end_matches('\n').to_string(),
                },
                error: false,
                action: None,
                follow: stream.map(|s| Box::new(Follow::Logs(s))),
            },
            Err(e) => err(format!("Error from server (BadRequest): {e}")),
        };
    }
    match container_logs(pod, sim.now()) {
        Ok(s) => ok(s.trim_end_matches('\n').to_string()),
        Err(e) => err(format!("Error from server (BadRequest): {e}")),
    }
}

/// `kubectl logs -l SELECTOR`: each matching pod's log, the last 10 lines of each (logs.go:
/// `--tail` defaults to 10 when a selector is given), pods in name order.
fn logs_selected(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    if flags.follow {
        return err("error: CtrlScope follows one pod's log: kubectl logs -f POD".into());
    }
    let selector = match flags.label_selector(Some(Kind::Pod), !args.is_empty()) {
        Ok(Some(s)) => s,
        Ok(None) => return logs(sim, args, flags.follow),
        Err(e) => return err(e),
    };
    let pods: Vec<&Pod> = sim
        .cluster
        .store
        .list::<Pod>()
        .filter(|p| flags.shows(&p.metadata.namespace) && selector.matches(&p.metadata.labels))
        .collect();
    if pods.is_empty() {
        return ok(format!(
            "No resources found in {} namespace.",
            flags.namespace()
        ));
    }
    let mut out = String::new();
    for pod in pods {
        match container_logs(pod, sim.now()) {
            Ok(text) => {
                let lines: Vec<&str> = text.lines().collect();
                for l in &lines[lines.len().saturating_sub(10)..] {
                    out.push_str(l);
                    out.push('\n');
                }
            }
            Err(e) => return err(format!("Error from server (BadRequest): {e}")),
        }
    }
    ok(out.trim_end_matches('\n').to_string())
}

/// `kubectl delete TYPE NAME... | TYPE/NAME... | TYPE --all | TYPE -l SELECTOR`
/// (staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go: Validate, DeleteResult, PrintObj).
fn delete(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let (kind, names, selected) = match targets(sim, args, flags) {
        Ok(t) => t,
        Err(e) => return err(e),
    };
    if selected && names.is_empty() {
        return ok("No resources found".into());
    }
    if names.len() > 1 {
        // Each name must exist: the first missing one is kubectl's NotFound (after the
        // deletions before it; here nothing is deleted then).
        if let Some(missing) = names.iter().find(|n| !exists(sim, kind, n)) {
            return not_found(kind, missing);
        }
    }
    let name = names.join(",");
    let name = name.as_str();
    let action = match kind {
        Kind::Pod => Action::DeletePod(name.to_string()),
        Kind::Node => Action::RemoveNode(name.to_string()),
        Kind::Job | Kind::CronJob | Kind::DaemonSet => Action::Delete(kind, name.to_string()),
        _ => {
            return err(format!(
                "error: deleting {} objects is not supported here",
                kind.as_str()
            ))
        }
    };
    let lines = |_: &str| {
        names
            .iter()
            .map(|n| format!("{} {n:?} deleted", kubectl_resource(kind)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    perform(sim, action, lines, kind, name)
}

/// What `delete` and `wait` act on: `TYPE NAME...`, `TYPE/NAME...`, or the objects `-l` or
/// `--all` select, listed by name. Returns the kind, the names and whether they were selected.
fn targets(
    sim: &Simulation,
    args: &[&str],
    flags: &Flags,
) -> Result<(Kind, Vec<String>, bool), String> {
    let (kind, names) = resource_targets(args)?;
    if flags.all
        && flags
            .selector
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty())
    {
        return Err("error: cannot set --all and --selector at the same time".into());
    }
    let selector = flags.label_selector(Some(kind), !names.is_empty())?;
    if flags.all || selector.is_some() {
        if !names.is_empty() {
            return Err("error: name cannot be provided when a selector is specified".into());
        }
        return Ok((
            kind,
            selected_names(sim, kind, flags, selector.as_ref()),
            true,
        ));
    }
    if names.is_empty() {
        return Err("error: resource(s) were provided, but no name was specified".into());
    }
    Ok((kind, names, false))
}

/// The names of the objects of `kind` in the namespace (nodes: all) the selector matches (all
/// without one), as kubectl lists them before acting on each by name.
fn selected_names(
    sim: &Simulation,
    kind: Kind,
    flags: &Flags,
    selector: Option<&LabelSelector>,
) -> Vec<String> {
    sim.cluster
        .store
        .all_objects()
        .into_iter()
        .filter(|o| o.kind() == kind && flags.shows(&o.metadata().namespace))
        .filter(|o| selector.is_none_or(|s| s.matches(&o.metadata().labels)))
        .map(|o| o.name().to_string())
        .collect()
}

/// `kubectl events [--for TYPE/NAME] [--types Normal,Warning] [-A] [-w]` (events.go).
fn events(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    if let Some(a) = args.first() {
        return err(format!(
            "error: unknown command {a:?} for \"kubectl events\"\nSee 'kubectl events --help' for usage."
        ));
    }
    if flags.output.is_some() {
        return err("error: CtrlScope prints kubectl events as a table; kubectl get events -o FORMAT prints the objects".into());
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
                None => {
                    return err(format!(
                        "error: the server doesn't have a resource type {t:?}"
                    ))
                }
            }
        }
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
    ok(events_table(sim, &req).trim_end().to_string())
}

/// `kubectl wait (TYPE/NAME... | TYPE NAME... | TYPE -l SELECTOR | TYPE --all) --for=...
/// [--timeout=30s]` (wait.go). It goes on as time runs; the console polls it.
fn wait(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let for_ = match WaitFor::parse(flags.wait_for.as_deref().unwrap_or("")) {
        Ok(f) => f,
        Err(e) => return err(e),
    };
    let timeout = match flags.timeout.as_deref().map(go_duration_flag) {
        None => Duration::from_secs(30),
        Some(Ok(d)) => d,
        Some(Err(e)) => return err(e),
    };
    let (kind, mut names, _) = match targets(sim, args, flags) {
        Ok(t) => t,
        Err(e) => return err(e),
    };
    if for_ == WaitFor::Delete {
        // RunWait ignores NotFound for --for=delete: a missing object is no wait at all.
        names.retain(|n| exists(sim, kind, n));
    } else if names.is_empty() {
        return err("error: no matching resources found".into());
    }
    let (wait, output, error) = Wait::start(sim, kind, names, for_, timeout);
    ConsoleResult {
        output,
        error,
        action: None,
        follow: wait.map(|w| Box::new(Follow::Wait(w))),
    }
}

/// A Go `time.Duration` flag (`--timeout=60s`): a bare number other than 0 lacks its unit; a
/// negative one means a week (wait.go).
fn go_duration_flag(v: &str) -> Result<Duration, String> {
    let bad = |why: &str| {
        format!("error: invalid argument {v:?} for \"--timeout\" flag: time: {why} {v:?}")
    };
    let (negative, body) = match v.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, v.strip_prefix('+').unwrap_or(v)),
    };
    if body == "0" {
        return Ok(Duration::ZERO);
    }
    if body.is_empty() || body.parse::<f64>().is_ok() {
        return Err(bad(if body.is_empty() {
            "invalid duration"
        } else {
            "missing unit in duration"
        }));
    }
    let d = parse_duration(body).map_err(|_| bad("invalid duration"))?;
    Ok(if negative && d > Duration::ZERO {
        Duration::from_secs(168 * 3600)
    } else {
        d
    })
}

/// `TYPE NAME...` or `TYPE/NAME...` (one kind per command here).
fn resource_targets(args: &[&str]) -> Result<(Kind, Vec<String>), String> {
    let Some(first) = args.first() else {
        return Err(NO_RESOURCES.into());
    };
    if !first.contains('/') {
        let kind = type_and_name(&args[..1])?.0;
        return Ok((kind, args[1..].iter().map(|n| n.to_string()).collect()));
    }
    // builder.go hasCombinedTypeArgs: all in resource/name form, or none.
    if args.iter().any(|a| !a.contains('/')) {
        return Err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into());
    }
    let mut kind = None;
    let mut names = Vec::new();
    for a in args {
        let (k, n) = type_and_name(&[a])?;
        let n = n.unwrap_or_default();
        if kind.is_some_and(|prev| prev != k) {
            return Err("error: CtrlScope deletes one kind per command".into());
        }
        kind = Some(k);
        names.push(n.to_string());
    }
    Ok((kind.unwrap_or(Kind::Pod), names))
}

fn exists(sim: &Simulation, kind: Kind, name: &str) -> bool {
    let st = &sim.cluster.store;
    match kind {
        Kind::Pod => st.contains::<Pod>(name),
        Kind::Job => st.contains::<Job>(name),
        Kind::CronJob => st.contains::<CronJob>(name),
        Kind::DaemonSet => st.contains::<DaemonSet>(name),
        Kind::Node => st.contains::<Node>(name),
        Kind::ControllerRevision => st.contains::<ControllerRevision>(name),
        Kind::Event => false,
    }
}

fn perform(
    sim: &mut Simulation,
    action: Action,
    say: impl Fn(&str) -> String,
    kind: Kind,
    name: &str,
) -> ConsoleResult {
    match sim.perform(&action) {
        Ok(s) => ConsoleResult {
            output: say(&s),
            error: false,
            action: Some(action),
            follow: None,
        },
        Err(e) if e.contains("not found") || e.starts_with("no pod matches") => {
            not_found(kind, name)
        }
        Err(e) => err(format!("error: {e}")),
    }
}

/// The annotation kubectl puts on a Job made from a CronJob (create_job.go).
pub const INSTANTIATE_ANNOTATION: &str = "cronjob.kubernetes.io/instantiate";

/// `kubectl create job NAME --from=cronjob/CJ` or `--image=IMAGE [-- COMMAND ARGS...]`
/// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_job.go: Complete, Validate, Run).
fn create_job(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let [name] = args else {
        return err(format!("error: exactly one NAME is required, got {}\nSee 'kubectl create job -h' for help and examples", args.len()));
    };
    let command = flags.command.clone().unwrap_or_default();
    let (image, from) = (flags.image.as_deref(), flags.from.as_deref());
    if image.is_some() == from.is_some() {
        return err("error: either --image or --from must be specified".into());
    }
    if from.is_some() && !command.is_empty() {
        return err("error: cannot specify --from and command".into());
    }
    let job = match (image, from) {
        (Some(image), _) => {
            // createJob: one container named after the Job, restartPolicy Never.
            let mut c = serde_json::json!({"name": name, "image": image});
            if let (false, Some(m)) = (command.is_empty(), c.as_object_mut()) {
                m.insert("command".into(), command.into());
            }
            serde_json::json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name},
                "spec": {"template": {"spec": {"containers": [c], "restartPolicy": "Never"}}}})
        }
        (None, from) => {
            let from = from.unwrap_or_default();
            let cj = match type_and_name(&[from]) {
                Ok((Kind::CronJob, Some(n))) => match sim.cluster.store.get::<CronJob>(n) {
                    Some(cj) => cj,
                    None => return not_found(Kind::CronJob, n),
                },
                Ok((_, None)) => {
                    return err(
                        "error: resource(s) were provided, but no name was specified".into(),
                    )
                }
                Ok((kind, Some(n))) => {
                    let found = sim.existing(kind, n).is_some()
                        || (kind == Kind::Pod && sim.cluster.store.contains::<Pod>(n));
                    return if found {
                        err(format!("error: unknown object type *v1.{kind}"))
                    } else {
                        not_found(kind, n)
                    };
                }
                Err(e) => return err(e),
            };
            job_from_cronjob(cj, name)
        }
    };
    // The API server: decoding, defaults and validation as for any Job, then AlreadyExists.
    let failed = |m: String| err(format!("error: failed to create job: {m}"));
    let obj = match admit(&job) {
        Ok(p) => p.object,
        Err(errs) => {
            let list: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
            let detail = match list.as_slice() {
                [one] => one.to_string(),
                _ => format!("[{}]", list.join(", ")),
            };
            return failed(format!("Job.batch {name:?} is invalid: {detail}"));
        }
    };
    if sim.cluster.store.contains::<Job>(name) {
        return failed(format!("jobs.batch {name:?} already exists"));
    }
    let action = Action::Apply(vec![obj]);
    match sim.perform(&action) {
        Ok(out) => ConsoleResult {
            output: out,
            error: false,
            action: Some(action),
            follow: None,
        },
        Err(e) => failed(e),
    }
}

/// createJobFromCronJob: the jobTemplate's labels, its annotations plus `instantiate: manual`,
/// and a controller reference without blockOwnerDeletion.
fn job_from_cronjob(cj: &CronJob, name: &str) -> serde_json::Value {
    let t = &cj.spec.job_template;
    let mut annotations = t.metadata.annotations.clone();
    annotations.insert(INSTANTIATE_ANNOTATION.into(), "manual".into());
    let job = Job {
        api_version: "batch/v1".into(),
        kind: "Job".into(),
        metadata: ObjectMeta {
            name: name.into(),
            namespace: cj.metadata.namespace.clone(),
            labels: t.metadata.labels.clone(),
            annotations,
            owner_references: vec![crate::controllers::cronjob::owner_ref(cj, None)],
            ..Default::default()
        },
        spec: t.spec.clone(),
        status: Default::default(),
    };
    serde_json::to_value(&job).unwrap_or_default()
}

/// An object as the API server admits it: decoded, defaulted and validated like a manifest.
fn admit(doc: &serde_json::Value) -> Result<Parsed, Vec<ManifestError>> {
    let text = serde_json::to_string(doc).unwrap_or_default();
    let mut docs = parse_documents(&text)?;
    match docs.pop() {
        Some(p) if docs.is_empty() => Ok(p),
        _ => Err(Vec::new()),
    }
}

/// `kubectl patch TYPE NAME -p PATCH [--type strategic|merge]`
/// (staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go), then the API server's update.
fn patch(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let Some(text) = flags.patch.as_deref().filter(|p| !p.is_empty()) else {
        return err(
            "error: must specify --patch or --patch-file containing the contents of the patch"
                .into(),
        );
    };
    let patch_type = flags
        .patch_type
        .as_deref()
        .unwrap_or("")
        .to_ascii_lowercase();
    let json_patch = patch_type == "json";
    let strategic = match patch_type.as_str() {
        "" | "strategic" => true,
        "merge" | "json" => false,
        _ => {
            return err(format!(
                "error: --type must be one of [json merge strategic], not {:?}",
                flags.patch_type.as_deref().unwrap_or("")
            ))
        }
    };
    let body = match crate::manifest::to_json(text) {
        Ok(v) => v,
        Err(e) => return err(format!("error: unable to parse {}: {e}", go_quote(text))),
    };
    let (kind, name) = match type_and_name(args) {
        Ok((k, Some(n))) => (k, n),
        Ok((_, None)) => {
            return err("error: resource(s) were provided, but no name was specified".into())
        }
        Err(_) if args.is_empty() => return err(NO_RESOURCES.into()),
        Err(e) => return err(e),
    };
    if !matches!(
        kind,
        Kind::Job | Kind::CronJob | Kind::DaemonSet | Kind::Node
    ) {
        return err(format!(
            "error: patching {} objects is not supported in CtrlScope",
            kind.as_str()
        ));
    }
    let Some(old) = sim.existing(kind, name) else {
        return not_found(kind, name);
    };
    let live = without_status(&old);
    let go_type = match &body {
        serde_json::Value::Object(_) | serde_json::Value::Null => "",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Bool(_) => "bool",
        serde_json::Value::Number(_) => "number",
    };
    let mut doc = live.clone();
    if json_patch {
        // patch.go applyJSPatch: jsonpatch.DecodePatch wants a list of operations.
        let Some(ops) = body.as_array() else {
            let go_type = if go_type.is_empty() {
                "object"
            } else {
                go_type
            };
            return err(format!("Error from server (BadRequest): json: cannot unmarshal {go_type} into Go value of type jsonpatch.Patch"));
        };
        // A failed operation is a 422 without details, which kubectl prints as below; the
        // operation's own error follows, marked as CtrlScope's.
        if let Err(e) = super::patch::json_patch(&mut doc, ops) {
            return err(format!("The request is invalid: the server rejected our request due to an error in our request\n(CtrlScope: the JSON patch failed: {e})"));
        }
    } else {
        if !go_type.is_empty() {
            return err(format!("Error from server (BadRequest): json: cannot unmarshal {go_type} into Go value of type map[string]interface {{}}"));
        }
        if let Err(e) = super::patch::merge(&mut doc, &body, strategic) {
            return err(format!("Error from server: {e}"));
        }
    }
    let new_name = doc.pointer("/metadata/name").and_then(|n| n.as_str());
    if new_name != Some(name) {
        return err(format!(
            "Error from server (BadRequest): the name of the object ({}) does not match the name on the URL ({name})",
            new_name.unwrap_or_default()
        ));
    }
    let mut sent = sendable(kind, &live, &doc);
    // Unknown fields are dropped with a warning (the API server's default fieldValidation=Warn).
    let mut warnings = String::new();
    let parsed = loop {
        match admit(&sent) {
            Ok(p) => break p,
            Err(errs)
                if warnings.is_empty()
                    && !errs.is_empty()
                    && errs.iter().all(|e| e.message.starts_with("unknown field ")) =>
            {
                for e in &errs {
                    remove_path(&mut sent, &e.field);
                    remove_path(&mut doc, &e.field);
                    warnings.push_str(&format!("Warning: {}\n", e.message));
                }
            }
            Err(errs) => return err(invalid_message(kind, name, &errs)),
        }
    };
    let resource = kubectl_resource(kind);
    let said = |verb: &str| format!("{warnings}{resource}/{name} {verb}");
    if doc == live {
        return ok(said("patched (no change)"));
    }
    if parsed.object.kind() != kind {
        return err(format!(
            "Error from server (BadRequest): the kind of the object ({}) does not match {kind}",
            parsed.object.kind()
        ));
    }
    match send_update(sim, &old, parsed) {
        Ok(None) => ok(said("patched (no change)")),
        Ok(action) => ConsoleResult {
            output: said("patched"),
            error: false,
            action,
            follow: None,
        },
        Err(Refused::Invalid(errs)) => err(invalid_message(kind, name, &errs)),
        Err(Refused::Failed(e)) => err(e),
    }
}

/// Why the API server refused an update.
enum Refused {
    Invalid(Vec<ManifestError>),
    Failed(String),
}

impl Refused {
    /// The StatusError's own message (`Job.batch "pi" is invalid: ...`), as kubectl prints it
    /// when it wraps the error in its own words.
    fn message(self, kind: Kind, name: &str) -> String {
        match self {
            Refused::Invalid(errs) => {
                let causes: Vec<String> = errs.into_iter().map(|e| e.message).collect();
                format!(
                    "{} {name:?} is invalid: {}",
                    group_kind(kind),
                    aggregate(&causes)
                )
            }
            Refused::Failed(e) => e,
        }
    }
}

/// The object to send for `doc`: a Job's generated selector, unchanged from `live`, is left
/// out (it keeps create validation quiet).
fn sendable(kind: Kind, live: &serde_json::Value, doc: &serde_json::Value) -> serde_json::Value {
    let mut sent = doc.clone();
    let at = |v: &serde_json::Value, p: &str| v.pointer(p).cloned();
    if kind == Kind::Job
        && at(doc, "/spec/selector") == at(live, "/spec/selector")
        && at(doc, "/spec/manualSelector") != Some(true.into())
    {
        if let Some(spec) = sent.get_mut("spec").and_then(|s| s.as_object_mut()) {
            spec.remove("selector");
        }
    }
    sent
}

/// The API server's update of an admitted object: update validation, then an Apply that the
/// page records like the editor's (`None` when nothing changed).
fn send_update(
    sim: &mut Simulation,
    old: &Object,
    parsed: Parsed,
) -> Result<Option<Action>, Refused> {
    let errs = validate_update(old, &parsed);
    if !errs.is_empty() {
        return Err(Refused::Invalid(errs));
    }
    let action = Action::Apply(vec![parsed.object]);
    match sim.perform(&action) {
        Ok(out) if out.ends_with(" unchanged") => Ok(None),
        Ok(_) => Ok(Some(action)),
        Err(e) => Err(Refused::Failed(e)),
    }
}

/// The object as JSON without its status: the status subresource is not changed through the
/// object.
fn without_status(o: &Object) -> serde_json::Value {
    let mut v = serde_json::to_value(o).unwrap_or_default();
    if let Some(m) = v.as_object_mut() {
        m.remove("status");
    }
    v
}

/// A command's change to a live object (`new` is `old` changed), sent as `patch` sends it.
fn update(sim: &mut Simulation, old: &Object, new: &Object) -> Result<Option<Action>, Refused> {
    let (live, doc) = (without_status(old), without_status(new));
    if live == doc {
        return Ok(None);
    }
    let parsed = admit(&sendable(old.kind(), &live, &doc)).map_err(Refused::Invalid)?;
    send_update(sim, old, parsed)
}

/// Removes the field at a decoder path (`spec.template.spec.containers[0].foo`).
fn remove_path(doc: &mut serde_json::Value, path: &str) {
    let mut steps: Vec<&str> = Vec::new();
    for part in path.split('.') {
        let mut it = part.split('[');
        steps.extend(it.next());
        steps.extend(it.map(|i| i.trim_end_matches(']')));
    }
    let Some((last, parents)) = steps.split_last() else {
        return;
    };
    let mut cur = doc;
    for step in parents {
        let next = match cur {
            serde_json::Value::Array(a) => step.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
            serde_json::Value::Object(m) => m.get_mut(*step),
            _ => None,
        };
        match next {
            Some(n) => cur = n,
            None => return,
        }
    }
    if let Some(m) = cur.as_object_mut() {
        m.remove(*last);
    }
}

/// `kubectl rollout SUBCOMMAND` (staging/src/k8s.io/kubectl/pkg/cmd/rollout/), DaemonSets.
fn rollout(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let sub = match args.first() {
        Some(&sub @ ("status" | "history" | "undo" | "restart")) => sub,
        Some(other) => {
            return err(format!(
                "error: unknown command {other:?} for \"kubectl rollout\""
            ))
        }
        None => return err("error: required subcommand: status, history, undo or restart".into()),
    };
    let (kind, name) = match type_and_name(&args[1..]) {
        Ok((k, Some(n))) => (k, n),
        Ok((_, None)) => return err("error: required resource name not specified".into()),
        Err(_) if args.len() < 2 => return err("error: required resource not specified".into()),
        Err(e) => return err(e),
    };
    let found = match kind {
        Kind::Pod => sim.cluster.store.contains::<Pod>(name),
        Kind::ControllerRevision => sim.cluster.store.contains::<ControllerRevision>(name),
        Kind::Event => false,
        _ => sim.existing(kind, name).is_some(),
    };
    if !found {
        return not_found(kind, name);
    }
    let Some(ds) = sim
        .cluster
        .store
        .get::<DaemonSet>(name)
        .filter(|_| kind == Kind::DaemonSet)
    else {
        return err(match sub {
            "status" => format!(
                "error: no status viewer has been implemented for {}",
                group_kind(kind)
            ),
            "history" => format!(
                "error: no history viewer has been implemented for {:?}",
                group_kind(kind)
            ),
            "undo" => format!(
                "error: no rollbacker has been implemented for {:?}",
                group_kind(kind)
            ),
            // set.CalculatePatches reports the restarter's error per object.
            _ => format!(
                "error: {} {name:?} restarting is not supported",
                plural(kind)
            ),
        });
    };
    let revisions = sim
        .cluster
        .store
        .dependents::<ControllerRevision>(&ds.metadata.uid);
    match sub {
        "status" if !flags.rollout_once => {
            let ds = ds.clone();
            let (watch, output, error) = RolloutWatch::start(sim, &ds);
            ConsoleResult {
                output,
                error,
                action: None,
                follow: watch.map(|w| Box::new(Follow::Rollout(w))),
            }
        }
        "status" => {
            let (msg, _) = rollout_status(ds);
            ConsoleResult {
                error: msg.starts_with("error:"),
                output: msg,
                action: None,
                follow: None,
            }
        }
        "history" => {
            let revision = match int_flag(flags.revision.as_deref(), "revision") {
                Ok(r) if r < 0 => {
                    return err(format!("error: revision must be a positive integer: {r}"))
                }
                Ok(r) => r,
                Err(e) => return err(e),
            };
            match rollout_history(ds, &revisions, revision) {
                Ok(s) => ok(s.trim_end_matches('\n').to_string()),
                Err(e) => err(e),
            }
        }
        "undo" => {
            let to_revision = match int_flag(flags.to_revision.as_deref(), "to-revision") {
                Ok(r) => r,
                Err(e) => return err(e),
            };
            let template = match rollback(ds, &revisions, to_revision) {
                Ok(Rollback::To(r)) => r.data.clone(),
                Ok(Rollback::Skipped(msg)) => return ok(msg),
                Err(e) => return err(e),
            };
            // The revision's `{"spec":{"template":{..., "$patch":"replace"}}}`.
            let old = Object::DaemonSet(ds.clone());
            let mut new = ds.clone();
            new.spec.template = template;
            updated(sim, &old, &Object::DaemonSet(new), name, |e| {
                format!("error: failed restoring revision {to_revision}: {e}")
            })
            .say(format!("daemonset.apps/{name} rolled back"))
        }
        _ => {
            // objectrestarter.go: time.Now() in RFC 3339, here the simulation's clock.
            let old = Object::DaemonSet(ds.clone());
            let mut new = ds.clone();
            new.spec
                .template
                .metadata
                .annotations
                .insert(RESTARTED_AT.into(), sim.now().rfc3339());
            let r = updated(sim, &old, &Object::DaemonSet(new), name, |e| {
                format!("error: failed to patch: {e}")
            });
            match r {
                // The same second twice: an empty patch, which kubectl reports yet still sends.
                Updated::Unchanged => ConsoleResult {
                    output: format!("daemonset.apps/{name} restarted\nerror: failed to create patch for {name}: empty patch"),
                    error: true,
                    action: None,
                    follow: None,
                },
                r => r.say(format!("daemonset.apps/{name} restarted")),
            }
        }
    }
}

/// The outcome of a command's update.
enum Updated {
    Changed(Action),
    Unchanged,
    Refused(String),
}

/// [`update`], a refusal worded by `wrap` around the API server's message.
fn updated(
    sim: &mut Simulation,
    old: &Object,
    new: &Object,
    name: &str,
    wrap: impl Fn(String) -> String,
) -> Updated {
    match update(sim, old, new) {
        Ok(Some(a)) => Updated::Changed(a),
        Ok(None) => Updated::Unchanged,
        Err(r) => Updated::Refused(wrap(r.message(old.kind(), name))),
    }
}

impl Updated {
    /// The name printer's `daemonset.apps/NAME VERB`, or the error.
    fn say(self, line: String) -> ConsoleResult {
        match self {
            Updated::Changed(a) => ConsoleResult {
                output: line,
                error: false,
                action: Some(a),
                follow: None,
            },
            Updated::Unchanged => ok(line),
            Updated::Refused(e) => err(e),
        }
    }
}

/// `kubectl set image (TYPE NAME | TYPE/NAME) CONTAINER=IMAGE ...`
/// (staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go): the pod template's containers and
/// init containers by name (`*`: all), sent as a patch; nothing printed when nothing changed.
fn set(sim: &mut Simulation, args: &[&str]) -> ConsoleResult {
    match args.first() {
        Some(&"image") => {}
        Some(other) => {
            return err(format!(
                "error: unknown command {other:?} for \"kubectl set\""
            ))
        }
        None => return err("error: required subcommand: image".into()),
    }
    // cmdutil.GetResourcesAndPairs, then ParsePairs without removal.
    let (resources, pairs) = match resources_and_pairs(&args[1..], "image changes") {
        Ok(rp) => rp,
        Err(e) => return err(e),
    };
    let invalid: Vec<&str> = pairs.iter().copied().filter(|p| !p.contains('=')).collect();
    if !invalid.is_empty() {
        return err(format!(
            "error: invalid image format: {}",
            invalid.join(", ")
        ));
    }
    let images: BTreeMap<&str, &str> =
        crate::sort::to_map(pairs.iter().filter_map(|p| p.split_once('=')));
    let (kind, name) = match type_and_name(resources) {
        Ok((k, Some(n))) if !n.is_empty() => (k, n),
        Ok(_) => return err("error: resource(s) were provided, but no name was specified".into()),
        Err(_) if resources.is_empty() => return err(NO_RESOURCES.into()),
        Err(e) => return err(e),
    };
    if images.is_empty() {
        return err("error: at least one image update is required".into());
    }
    if images.len() > 1 && images.contains_key("*") {
        return err("error: all containers are already specified by *, but saw more than one container_name=container_image pairs".into());
    }
    let Some(old) = sim.existing(kind, name) else {
        return match kind {
            Kind::Pod if sim.cluster.store.contains::<Pod>(name) => err(
                "error: CtrlScope sets images in templates only: daemonsets, jobs, cronjobs".into(),
            ),
            _ => not_found(kind, name),
        };
    };
    let mut new = old.clone();
    // polymorphichelpers.updatePodSpecForObject.
    let spec: &mut PodSpec = match &mut new {
        Object::DaemonSet(d) => &mut d.spec.template.spec,
        Object::Job(j) => &mut j.spec.template.spec,
        Object::CronJob(c) => &mut c.spec.job_template.spec.template.spec,
        _ => {
            let what = "the object is not a pod or does not have a pod template";
            return err(format!("error: {}/{name} {what}: *v1.{kind}", plural(kind)));
        }
    };
    let mut errors = Vec::new();
    for (container, image) in &images {
        let mut found = false;
        for c in spec
            .init_containers
            .iter_mut()
            .chain(spec.containers.iter_mut())
        {
            if c.name == *container || *container == "*" {
                c.image = image.to_string();
                found = true;
            }
        }
        if !found {
            errors.push(format!(
                "error: unable to find container named {}",
                go_quote(container)
            ));
        }
    }
    let line = format!("{}/{name} image updated", kubectl_resource(kind));
    let mut r = match updated(sim, &old, &new, name, |e| {
        format!("error: failed to patch image update to pod template: {e}")
    }) {
        // An empty patch is skipped without a word.
        Updated::Unchanged => ok(String::new()),
        u => u.say(line),
    };
    if !errors.is_empty() {
        let mut lines: Vec<String> = vec![r.output.clone()];
        lines.retain(|l| !l.is_empty());
        lines.extend(errors);
        r.output = lines.join("\n");
        r.error = true;
    }
    r
}

fn cordon(sim: &mut Simulation, cmd: &str, args: &[&str]) -> ConsoleResult {
    let Some(&node) = args.first() else {
        return err(format!("error: USAGE: {cmd} NODE [flags]"));
    };
    if sim.cluster.store.get::<Node>(node).is_none() {
        return not_found(Kind::Node, node);
    }
    let action = if cmd == "cordon" {
        Action::Cordon(node.into())
    } else {
        Action::Uncordon(node.into())
    };
    let word = if cmd == "cordon" {
        "cordoned"
    } else {
        "uncordoned"
    };
    match sim.perform(&action) {
        Ok(_) => ConsoleResult {
            output: format!("node/{node} {word}"),
            error: false,
            action: Some(action),
            follow: None,
        },
        Err(e) => err(format!("error: {e}")),
    }
}

fn taint(sim: &mut Simulation, args: &[&str]) -> ConsoleResult {
    let (node, spec) = match args {
        [t, node, spec, ..] if resource(t) == Some(Kind::Node) => (*node, *spec),
        [tn, spec, ..] if tn.split_once('/').is_some_and(|(t, _)| resource(t) == Some(Kind::Node)) => (tn.split_once('/').map(|x| x.1).unwrap_or(""), *spec),
        _ => return err("error: at least one taint update is required\nUsage: kubectl taint nodes NODE key[=value]:Effect[-]".into()),
    };
    if sim.cluster.store.get::<Node>(node).is_none() {
        return not_found(Kind::Node, node);
    }
    let action = match spec.strip_suffix('-') {
        Some(remove) => Action::UntaintNode {
            name: node.into(),
            key: remove.into(),
        },
        None => match Taint::parse(spec) {
            Ok(t) => Action::TaintNode {
                name: node.into(),
                taint: t,
            },
            Err(e) => return err(format!("error: {e}")),
        },
    };
    let word = if spec.ends_with('-') {
        "untainted"
    } else {
        "tainted"
    };
    match sim.perform(&action) {
        Ok(_) => ConsoleResult {
            output: format!("node/{node} {word}"),
            error: false,
            action: Some(action),
            follow: None,
        },
        Err(e) => err(format!("error: {e}")),
    }
}

/// `kubectl label` (staging/src/k8s.io/kubectl/pkg/cmd/label/label.go), nodes only: its
/// checks in kubectl's order, then the patch, which the API server validates.
fn label(sim: &mut Simulation, args: &[&str], overwrite: bool) -> ConsoleResult {
    let (resources, pairs) = match resources_and_pairs(args, "label changes") {
        Ok(rp) => rp,
        Err(e) => return err(e),
    };
    // parseLabels.
    let mut set: BTreeMap<String, String> = BTreeMap::new();
    let mut remove: Vec<&str> = Vec::new();
    for spec in pairs {
        if let Some((k, v)) = spec.split_once('=') {
            if v.contains('=') {
                return err(format!("error: invalid label spec: {spec}"));
            }
            let errs = crate::manifest::label_value_errors(v);
            if !errs.is_empty() {
                return err(format!(
                    "error: invalid label value: {spec:?}: {}",
                    errs.join(";")
                ));
            }
            set.insert(k.into(), v.into());
        } else {
            remove.push(spec.strip_suffix('-').unwrap_or(spec));
        }
    }
    if remove.iter().any(|k| set.contains_key(*k)) {
        return err("error: can not both modify and remove a label in the same command".into());
    }
    // Validate.
    if resources.is_empty() {
        return err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>".into());
    }
    if set.is_empty() && remove.is_empty() {
        return err("error: at least one label update is required".into());
    }
    let slash = resources[0].contains('/');
    let (kind, name) = match type_and_name(resources) {
        Ok((_, Some(""))) => return err("error: arguments in resource/name form must have a single resource and name".into()),
        Ok((Kind::Node, Some(n))) if resources.len() == if slash { 1 } else { 2 } => (Kind::Node, n),
        Ok((Kind::Node, None)) => {
            return err("error: resource(s) were provided, but no name was specified".into())
        }
        Ok((Kind::Node, _)) => return err("error: CtrlScope labels one node per command here".into()),
        Ok((kind, _)) => {
            return err(format!(
                "error: CtrlScope can label only nodes here, not {}: kubectl label nodes NAME key=value",
                kind.as_str()
            ))
        }
        Err(e) => return err(e),
    };
    let Some(node) = sim.cluster.store.get::<Node>(name) else {
        return not_found(kind, name);
    };
    let old = node.metadata.labels.clone();
    let mut out: Vec<String> = remove
        .iter()
        .filter(|k| !old.contains_key(**k))
        .map(|k| format!("label {k:?} not found."))
        .collect();
    let mut fail = |msg: String| {
        out.push(msg);
        err(out.join("\n"))
    };
    if !overwrite {
        // validateNoOverwrites, an aggregate of one error per key.
        let taken: Vec<String> = set
            .keys()
            .filter_map(|k| {
                old.get(k)
                    .map(|v| format!("'{k}' already has a value ({v}), and --overwrite is false"))
            })
            .collect();
        if !taken.is_empty() {
            return fail(format!("error: {}", aggregate(&taken)));
        }
    }
    // The server rejects invalid keys (kubectl's checkErr prints one cause per line).
    let causes = crate::manifest::label_errors(&set);
    match causes.as_slice() {
        [] => {}
        [_] => return fail(invalid(kind, name, &causes)),
        _ => {
            let lines: Vec<String> = causes.iter().map(|c| format!("* {c}")).collect();
            return fail(format!(
                "The Node {name:?} is invalid: \n{}",
                lines.join("\n")
            ));
        }
    }
    let mut patch: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut new = old.clone();
    for (k, v) in &set {
        if new.insert(k.clone(), v.clone()).as_ref() != Some(v) {
            patch.insert(k.clone(), Some(v.clone()));
        }
    }
    for k in remove {
        if new.remove(k).is_some() {
            patch.insert(k.to_string(), None);
        }
    }
    let word = label_change(&old, &new, overwrite);
    let action = (!patch.is_empty()).then(|| Action::LabelNode {
        name: name.to_string(),
        labels: patch,
    });
    if let Some(a) = &action {
        if let Err(e) = sim.perform(a) {
            return fail(e);
        }
    }
    out.push(format!("node/{name} {word}"));
    ConsoleResult {
        output: out.join("\n"),
        error: false,
        action,
        follow: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Duration;
    use crate::manifest::parse_manifests;
    use crate::sim::SimConfig;

    /// Applies every manifest in `yaml` (errors ignored: the fixtures are valid).
    pub(super) fn apply_all(s: &mut Simulation, yaml: &str) {
        for o in parse_manifests(yaml).unwrap_or_default() {
            let _ = s.apply(o);
        }
    }

    /// The default cluster with these manifests applied.
    pub(super) fn cluster(yaml: &str) -> Simulation {
        let mut s = Simulation::new(SimConfig::default());
        s.add_default_nodes();
        apply_all(&mut s, yaml);
        s
    }

    fn sim() -> Simulation {
        let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: 12s\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: pi\n        image: perl:5.34.0\n        command: [\"perl\", \"-Mbignum=bpi\", \"-wle\", \"print bpi(2000)\"]\n";
        cluster(yaml)
    }

    #[test]
    fn get_describe_logs() {
        let mut s = sim();
        s.run_until(s.now() + Duration::from_secs(30));
        let r = run(&mut s, "kubectl get jobs");
        assert!(
            !r.error && r.output.starts_with("NAME   STATUS     COMPLETIONS"),
            "{}",
            r.output
        );
        let r = run(&mut s, "kubectl logs job/pi");
        assert!(r.output.starts_with("3.14159265358979"), "{}", r.output);
        assert_eq!(r.output.len(), 2001);
        assert!(run(&mut s, "describe job pi")
            .output
            .contains("Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed"));
        assert!(run(&mut s, "get pods -o yaml")
            .output
            .contains("kind: List"));
        assert_eq!(run(&mut s, "get pods -o name").output.lines().count(), 1);
        assert_eq!(
            run(&mut s, "get cronjobs").output,
            "No resources found in default namespace."
        );
    }

    #[test]
    fn errors_like_kubectl() {
        let mut s = sim();
        assert_eq!(
            run(&mut s, "kubectl frob").output,
            "error: unknown command \"frob\" for \"kubectl\"\nRun 'kubectl --help' for usage."
        );
        assert_eq!(
            run(&mut s, "get deployments").output,
            "error: the server doesn't have a resource type \"deployments\""
        );
        assert_eq!(
            run(&mut s, "get pod nope").output,
            "Error from server (NotFound): pods \"nope\" not found"
        );
        assert_eq!(
            run(&mut s, "describe job/nope").output,
            "Error from server (NotFound): jobs.batch \"nope\" not found"
        );
        assert!(run(&mut s, "get pods -o table").error);
        assert!(run(&mut s, "logs").error);
        assert!(run(&mut s, "").output.is_empty());
        assert!(run(&mut s, "\"unterminated").error);
    }

    #[test]
    fn actions_are_returned() {
        let mut s = sim();
        s.run_until(s.now() + Duration::from_secs(2));
        let pod = s.pods()[0].metadata.name.clone();
        let r = run(&mut s, &format!("kubectl delete pod {pod}"));
        assert_eq!(r.output, format!("pod {pod:?} deleted"));
        assert_eq!(r.action, Some(Action::DeletePod(pod)));
        let r = run(&mut s, "kubectl cordon worker-1");
        assert_eq!(r.output, "node/worker-1 cordoned");
        assert!(r.action.is_some());
        let r = run(&mut s, "kubectl taint nodes worker-2 gpu=true:NoSchedule");
        assert_eq!(r.output, "node/worker-2 tainted");
        let r = run(&mut s, "kubectl taint nodes worker-2 gpu-");
        assert_eq!(r.output, "node/worker-2 untainted");
        let r = run(&mut s, "kubectl get pods -A");
        assert!(r.output.starts_with("NAMESPACE   NAME"), "{}", r.output);
        assert!(
            r.output
                .lines()
                .nth(1)
                .is_some_and(|l| l.starts_with("default     pi-")),
            "{}",
            r.output
        );
        let r = run(&mut s, "kubectl get nodes -A");
        assert!(r.output.starts_with("NAME "), "{}", r.output);
        let r = run(&mut s, "kubectl get pods -n kube-system");
        assert_eq!(r.output, "No resources found in kube-system namespace.");
        let r = run(&mut s, "kubectl get nodes worker-1");
        assert!(
            r.output.contains("Ready,SchedulingDisabled"),
            "{}",
            r.output
        );
        let r = run(&mut s, "kubectl delete node ghost");
        assert_eq!(
            r.output,
            "Error from server (NotFound): nodes \"ghost\" not found"
        );
    }

    /// `pi` (a Job), the docs' `hello` CronJob with template labels and annotations, and the
    /// docs' fluentd DaemonSet.
    fn sim_with_workloads() -> Simulation {
        let mut s = sim();
        let yaml = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: \"*/1 * * * *\"\n  jobTemplate:\n    metadata:\n      labels:\n        team: a\n      annotations:\n        note: x\n    spec:\n      template:\n        spec:\n          containers:\n          - name: hello\n            image: busybox:1.36\n          restartPolicy: OnFailure\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: fluentd-elasticsearch\n  namespace: kube-system\nspec:\n  selector:\n    matchLabels:\n      name: fluentd-elasticsearch\n  template:\n    metadata:\n      labels:\n        name: fluentd-elasticsearch\n    spec:\n      containers:\n      - name: fluentd-elasticsearch\n        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2\n        env:\n        - name: A\n          value: \"1\"\n";
        apply_all(&mut s, yaml);
        s.run_until(s.now() + Duration::from_secs(5));
        s
    }

    #[test]
    fn create_job_from_cronjob() {
        let mut s = sim_with_workloads();
        let r = run(&mut s, "kubectl create job manual-1 --from=cronjob/hello");
        assert_eq!(r.output, "job.batch/manual-1 created");
        assert!(!r.error && matches!(r.action, Some(Action::Apply(ref v)) if v.len() == 1));
        let cj_uid = s
            .cluster
            .store
            .get::<CronJob>("hello")
            .map(|c| c.metadata.uid.clone());
        let j = s
            .cluster
            .store
            .get::<Job>("manual-1")
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            j.metadata
                .annotations
                .get(INSTANTIATE_ANNOTATION)
                .map(String::as_str),
            Some("manual")
        );
        assert_eq!(
            j.metadata.annotations.get("note").map(String::as_str),
            Some("x")
        );
        assert_eq!(j.metadata.labels.get("team").map(String::as_str), Some("a"));
        let owner = j
            .metadata
            .owner_references
            .first()
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            (owner.kind.as_str(), owner.name.as_str(), Some(owner.uid)),
            ("CronJob", "hello", cj_uid)
        );
        assert_eq!(
            (owner.controller, owner.block_owner_deletion),
            (Some(true), None)
        );
        // Defaulted like any Job.
        assert_eq!(j.spec.backoff_limit, Some(6));
        assert!(j.spec.selector.is_some());
        assert_eq!(
            run(&mut s, "create job manual-1 --from=cronjob/hello").output,
            "error: failed to create job: jobs.batch \"manual-1\" already exists"
        );
        // The Job controller runs it; the CronJob controller does not adopt it.
        s.run_until(s.now() + Duration::from_secs(3));
        assert_eq!(s.cluster.store.dependents::<Pod>(&j.metadata.uid).len(), 1);
        let cj = s
            .cluster
            .store
            .get::<CronJob>("hello")
            .cloned()
            .unwrap_or_default();
        assert!(cj.status.active.iter().all(|r| r.name != "manual-1"));
        assert!(run(&mut s, "describe cronjob hello")
            .output
            .contains("Warning  UnexpectedJob"));
    }

    #[test]
    fn create_job_errors_like_kubectl() {
        let mut s = sim_with_workloads();
        let cases = [
            ("create job x --from=cronjob/nope", "Error from server (NotFound): cronjobs.batch \"nope\" not found"),
            ("create job --from=cronjob/hello", "error: exactly one NAME is required, got 0\nSee 'kubectl create job -h' for help and examples"),
            ("create job x", "error: either --image or --from must be specified"),
            ("create job x --image=busybox --from=cronjob/hello", "error: either --image or --from must be specified"),
            ("create job x --from=cronjob/hello -- date", "error: cannot specify --from and command"),
            ("create job x --from=job/pi", "error: unknown object type *v1.Job"),
            ("create job x --from=ds/nope", "Error from server (NotFound): daemonsets.apps \"nope\" not found"),
            ("create job x --from=cronjob", "error: resource(s) were provided, but no name was specified"),
            ("create job x --from=widget/a", "error: the server doesn't have a resource type \"widget\""),
            ("create deployment x --image=nginx", "error: in CtrlScope, apply from the editor: change the YAML and press Apply (Ctrl+Enter)"),
        ];
        for (cmd, want) in cases {
            let r = run(&mut s, cmd);
            assert_eq!(
                (r.output.as_str(), r.error, r.action.is_none()),
                (want, true, true),
                "{cmd}"
            );
        }
        let r = run(&mut s, "create job Bad_Name --from=cronjob/hello");
        assert!(r.output.starts_with("error: failed to create job: Job.batch \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"), "{}", r.output);
    }

    #[test]
    fn create_job_with_image_and_command() {
        let mut s = sim();
        let r = run(
            &mut s,
            "kubectl create job once --image=busybox:1.36 -- date -u",
        );
        assert_eq!(r.output, "job.batch/once created");
        assert!(r.action.is_some());
        let j = s
            .cluster
            .store
            .get::<Job>("once")
            .cloned()
            .unwrap_or_default();
        let c = j
            .spec
            .template
            .spec
            .containers
            .first()
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            (c.name.as_str(), c.image.as_str()),
            ("once", "busybox:1.36")
        );
        assert_eq!(c.command, vec!["date", "-u"]);
        assert_eq!(j.spec.template.spec.restart_policy, "Never");
        assert!(j.metadata.owner_references.is_empty());
    }

    #[test]
    fn patch_merges_and_updates() {
        let mut s = sim_with_workloads();
        let r = run(
            &mut s,
            r#"kubectl patch cronjob hello -p '{"spec":{"suspend":true}}'"#,
        );
        assert_eq!(
            (r.output.as_str(), r.error),
            ("cronjob.batch/hello patched", false)
        );
        assert!(matches!(r.action, Some(Action::Apply(_))));
        let suspended = |s: &Simulation| {
            s.cluster
                .store
                .get::<CronJob>("hello")
                .and_then(|c| c.spec.suspend)
        };
        assert_eq!(suspended(&s), Some(true));
        let r = run(
            &mut s,
            "kubectl patch cronjobs/hello --patch=spec:\\ {suspend:\\ true}",
        );
        assert_eq!(
            (r.output.as_str(), r.action),
            ("cronjob.batch/hello patched (no change)", None)
        );
        // YAML, and a merge patch.
        let r = run(
            &mut s,
            r#"patch cj hello -p '{"spec":{"suspend":true,"paused":1}}'"#,
        );
        assert_eq!(
            r.output,
            "Warning: unknown field \"spec.paused\"\ncronjob.batch/hello patched (no change)"
        );
        let r = run(
            &mut s,
            "patch cj hello --type=merge -p \"spec:\n  suspend: false\"",
        );
        assert_eq!(r.output, "cronjob.batch/hello patched");
        assert_eq!(suspended(&s), Some(false));
        // Strategic merge: the container merges by name, the env var joins the list.
        let r = run(
            &mut s,
            r#"kubectl patch ds fluentd-elasticsearch -p '{"spec":{"template":{"spec":{"containers":[{"name":"fluentd-elasticsearch","image":"quay.io/fluentd_elasticsearch/fluentd:v2.7.0","env":[{"name":"B","value":"2"}]}]}}}}'"#,
        );
        assert_eq!(r.output, "daemonset.apps/fluentd-elasticsearch patched");
        let ds = s
            .cluster
            .store
            .get::<DaemonSet>("fluentd-elasticsearch")
            .cloned()
            .unwrap_or_default();
        let c = ds
            .spec
            .template
            .spec
            .containers
            .first()
            .cloned()
            .unwrap_or_default();
        assert_eq!(c.image, "quay.io/fluentd_elasticsearch/fluentd:v2.7.0");
        assert_eq!(c.env.len(), 2);
        assert_eq!(
            ds.metadata
                .annotations
                .get(crate::sim::DS_TEMPLATE_GENERATION)
                .map(String::as_str),
            Some("2")
        );
        let r = run(
            &mut s,
            r#"patch node worker-1 -p '{"spec":{"unschedulable":true}}'"#,
        );
        assert_eq!(r.output, "node/worker-1 patched");
        assert!(run(&mut s, "get node worker-1")
            .output
            .contains("SchedulingDisabled"));
    }

    /// `--type json` (RFC 6902): the docs' replace of a DaemonSet's image rolls it out.
    #[test]
    fn json_patch_changes_a_daemonset_image() {
        let mut s = cluster(include_str!("../../examples/fluentd-daemonset.yaml"));
        let r = run(
            &mut s,
            r#"kubectl patch ds fluentd-elasticsearch -n kube-system --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"quay.io/fluentd_elasticsearch/fluentd:v2.6.0"}]'"#,
        );
        assert_eq!(
            (r.output.as_str(), r.error),
            ("daemonset.apps/fluentd-elasticsearch patched", false)
        );
        assert!(matches!(r.action, Some(Action::Apply(_))));
        let r = run(
            &mut s,
            "get ds fluentd-elasticsearch -n kube-system -o jsonpath={.spec.template.spec.containers[0].image}",
        );
        assert_eq!(r.output, "quay.io/fluentd_elasticsearch/fluentd:v2.6.0");
    }

    #[test]
    fn patch_errors_like_kubectl() {
        let mut s = sim_with_workloads();
        let cases = [
            (r#"patch job pi -p '{"spec":{"template":{"spec":{"containers":[{"name":"pi","image":"perl:5.36"}]}}}}'"#,
             "The Job \"pi\" is invalid: spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable"),
            (r#"patch cronjob hello -p '{"spec":{"schedule":"every day"}}'"#,
             "The CronJob \"hello\" is invalid: spec.schedule: Invalid value: \"every day\": expected exactly 5 fields, found 2: [every day]"),
            (r#"patch cronjob hello -p '{"spec":'"#, "error: unable to parse \"{\\\"spec\\\":\": yaml: line 2: while parsing a node, did not find expected node content"),
            ("patch cronjob hello", "error: must specify --patch or --patch-file containing the contents of the patch"),
            (r#"patch cronjob hello --type json -p '{}'"#, "Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch"),
            (r#"patch cronjob hello --type json -p '[{"op":"remove","path":"/spec/nope"}]'"#, "The request is invalid: the server rejected our request due to an error in our request\n(CtrlScope: the JSON patch failed: error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value)"),
            (r#"patch cronjob hello --type xml -p '{}'"#, "error: --type must be one of [json merge strategic], not \"xml\""),
            (r#"patch cronjob nope -p '{}'"#, "Error from server (NotFound): cronjobs.batch \"nope\" not found"),
            (r#"patch cronjob -p '{}'"#, "error: resource(s) were provided, but no name was specified"),
            (r#"patch cronjob hello -p '[1]'"#, "Error from server (BadRequest): json: cannot unmarshal array into Go value of type map[string]interface {}"),
            (r#"patch ds fluentd-elasticsearch -p '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}'"#,
             "Error from server: map: map[image:x] does not contain declared merge key: name"),
            (r#"patch cronjob hello -p '{"metadata":{"name":"bye"}}'"#,
             "Error from server (BadRequest): the name of the object (bye) does not match the name on the URL (hello)"),
        ];
        for (cmd, want) in cases {
            let r = run(&mut s, cmd);
            assert_eq!(
                (r.output.as_str(), r.error, r.action.is_none()),
                (want, true, true),
                "{cmd}"
            );
        }
        // A suspend flip on a Job is allowed.
        let r = run(&mut s, r#"patch job pi -p '{"spec":{"suspend":true}}'"#);
        assert_eq!(r.output, "job.batch/pi patched");
        // A deep patch is refused by the parser's depth limit, not by the stack.
        let deep = format!(
            "patch cronjob hello -p '{}{}'",
            "{\"a\":".repeat(5000),
            "}".repeat(5000)
        );
        assert!(run(&mut s, &deep).error);
    }

    #[test]
    fn label_nodes_like_kubectl() {
        let mut s = sim();
        let mut say = |line: &str| {
            let r = run(&mut s, line);
            (r.output, r.error, r.action)
        };
        let (out, error, action) = say("kubectl label nodes worker-2 disktype=ssd");
        assert_eq!((out.as_str(), error), ("node/worker-2 labeled", false));
        assert_eq!(
            action,
            Some(Action::LabelNode {
                name: "worker-2".into(),
                labels: [("disktype".to_string(), Some("ssd".to_string()))].into(),
            })
        );
        let (out, error, action) = say("kubectl label nodes worker-2 disktype=hdd");
        assert_eq!(
            (out.as_str(), error, action),
            (
                "error: 'disktype' already has a value (ssd), and --overwrite is false",
                true,
                None
            )
        );
        // validateNoOverwrites refuses an existing key even with the same value.
        assert!(say("label node/worker-2 disktype=ssd").1);
        assert_eq!(
            say("label no worker-2 disktype=ssd --overwrite").0,
            "node/worker-2 not labeled"
        );
        assert_eq!(
            say("label nodes worker-2 --overwrite disktype=hdd").0,
            "node/worker-2 labeled"
        );
        assert_eq!(
            say("label nodes worker-2 a=1 b=2").0,
            "node/worker-2 labeled"
        );
        assert_eq!(
            say("label nodes worker-2 a=3 b=4").0,
            "error: ['a' already has a value (1), and --overwrite is false, 'b' already has a value (2), and --overwrite is false]"
        );
        let (out, _, action) = say("kubectl label nodes worker-2 disktype- a-");
        assert_eq!(out, "node/worker-2 unlabeled");
        assert_eq!(
            action,
            Some(Action::LabelNode {
                name: "worker-2".into(),
                labels: [("a".to_string(), None), ("disktype".to_string(), None)].into(),
            })
        );
        // kubectl says "labeled" for a removal with --overwrite (updateDataChangeMsg).
        assert_eq!(
            say("label nodes worker-2 b- --overwrite").0,
            "node/worker-2 labeled"
        );
        let (out, error, action) = say("label nodes worker-2 x-");
        assert_eq!(
            (out.as_str(), error, action),
            (
                "label \"x\" not found.\nnode/worker-2 not labeled",
                false,
                None
            )
        );
        assert_eq!(
            say("label nodes worker-2 x- c=1").0,
            "label \"x\" not found.\nnode/worker-2 labeled"
        );
        let node = s.cluster.store.get::<Node>("worker-2");
        let labels = node.map(|n| n.metadata.labels.clone()).unwrap_or_default();
        assert_eq!(labels.get("c").map(String::as_str), Some("1"));
        assert!(!labels.contains_key("disktype") && !labels.contains_key("b"));
    }

    #[test]
    fn label_errors_like_kubectl() {
        let mut s = sim();
        let mut say = |line: &str| {
            let r = run(&mut s, line);
            assert!(r.error && r.action.is_none(), "{line}: {r:?}");
            r.output
        };
        assert_eq!(
            say("label nodes worker-2 a=b=c"),
            "error: invalid label spec: a=b=c"
        );
        assert_eq!(
            say("label nodes worker-2 a=\"b c\""),
            "error: invalid label value: \"a=b c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
        );
        assert_eq!(
            say("label nodes worker-2 \"bad key!=x\""),
            "The Node \"worker-2\" is invalid: metadata.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        );
        // Several causes: kubectl's MultilineError, one per line.
        let out = say("label nodes worker-2 a_=x .b=y");
        let lines: Vec<&str> = out
            .lines()
            .map(|l| l.split(": name").next().unwrap_or(l))
            .collect();
        assert_eq!(
            lines,
            [
                "The Node \"worker-2\" is invalid: ",
                "* metadata.labels: Invalid value: \".b\"",
                "* metadata.labels: Invalid value: \"a_\""
            ]
        );
        assert_eq!(
            say("label nodes worker-2 a=1 a-"),
            "error: can not both modify and remove a label in the same command"
        );
        assert_eq!(
            say("label nodes worker-2 a=1 extra"),
            "error: all resources must be specified before label changes: extra"
        );
        assert_eq!(
            say("label nodes worker-2"),
            "error: at least one label update is required"
        );
        assert_eq!(
            say("label a=1"),
            "error: one or more resources must be specified as <resource> <name> or <resource>/<name>"
        );
        assert_eq!(
            say("label nodes a=1"),
            "error: resource(s) were provided, but no name was specified"
        );
        assert_eq!(
            say("label nodes ghost a=1"),
            "Error from server (NotFound): nodes \"ghost\" not found"
        );
        assert_eq!(
            say("label frobs x a=1"),
            "error: the server doesn't have a resource type \"frobs\""
        );
        assert_eq!(
            say("label pods pi-abc a=1"),
            "error: CtrlScope can label only nodes here, not Pod: kubectl label nodes NAME key=value"
        );
        assert_eq!(
            say("label nodes worker-1 worker-2 a=1"),
            "error: CtrlScope labels one node per command here"
        );
        assert_eq!(
            say("label node/ a=1"),
            "error: arguments in resource/name form must have a single resource and name"
        );
        assert_eq!(
            say("label nodes worker-2 a=1 --overwrite=maybe"),
            "error: invalid argument \"maybe\" for \"--overwrite\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax"
        );
        assert_eq!(
            say("get pods --overwrite"),
            "error: unknown flag: --overwrite\nSee 'kubectl get --help' for usage."
        );
        assert!(run(&mut s, "help")
            .output
            .contains("label nodes NODE key=value"));
        for odd in [
            "label",
            "label -",
            "label nodes worker-2 -",
            "label nodes worker-2 é=ü",
            "label / x-",
            "label node/worker-2 =",
            "label node/worker-2/x a=1",
            "label nodes worker-2 =- a==",
            "label nodes worker-2 é- ü=",
            "label nodes control-plane node-role.kubernetes.io/control-plane-",
        ] {
            run(&mut s, odd);
        }
    }
}

#[cfg(test)]
mod rollout_tests {
    use super::*;
    use crate::api::Duration;
    use crate::controllers::daemonset::CONTROLLER_REVISION_HASH;

    /// The `fluentd` DaemonSet (one container `fluentd`, image v1) rolled out on the three
    /// workers, a Job `pi` and the CronJob `hello`.
    fn sim() -> Simulation {
        let yaml = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: fluentd\n  labels:\n    tier: node\nspec:\n  selector:\n    matchLabels:\n      name: fluentd\n  template:\n    metadata:\n      labels:\n        name: fluentd\n    spec:\n      initContainers:\n      - name: setup\n        image: busybox:1.36\n      containers:\n      - name: fluentd\n        image: fluentd:v1\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: pi\n        image: perl:5.34.0\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: \"0 0 1 1 *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: hello\n            image: busybox:1.36\n";
        let mut s = super::tests::cluster(yaml);
        s.run_until(s.now() + Duration::from_secs(30));
        s
    }

    fn say(s: &mut Simulation, line: &str) -> String {
        run(s, line).output
    }

    /// The image of every fluentd pod, and whether the rollout is complete.
    fn images(s: &Simulation) -> Vec<String> {
        let mut v: Vec<String> = s
            .pods()
            .iter()
            .filter(|p| p.metadata.name.starts_with("fluentd-"))
            .filter_map(|p| p.spec.containers.first().map(|c| c.image.clone()))
            .collect();
        crate::sort::sort(&mut v);
        v
    }

    fn history(rows: &[(i64, &str)]) -> String {
        let mut out = "daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE".to_string();
        for (n, cause) in rows {
            out.push_str(&format!("\n{n:<10}{cause}"));
        }
        out
    }

    #[test]
    fn history_undo_and_renumbering() {
        let mut s = sim();
        assert_eq!(
            say(&mut s, "rollout history ds/fluentd"),
            history(&[(1, "<none>")])
        );
        assert_eq!(
            say(&mut s, "rollout undo ds/fluentd"),
            "error: no last revision to roll back to"
        );
        let r = run(&mut s, "kubectl set image ds/fluentd fluentd=fluentd:v2");
        assert_eq!(
            (r.output.as_str(), r.error),
            ("daemonset.apps/fluentd image updated", false)
        );
        assert!(matches!(r.action, Some(Action::Apply(ref v)) if v.len() == 1));
        s.run_until(s.now() + Duration::from_secs(60));
        // A change-cause annotation on the DaemonSet is copied to its next revision.
        let r = run(
            &mut s,
            r#"patch ds fluentd -p '{"metadata":{"annotations":{"kubernetes.io/change-cause":"v3 please"}}}'"#,
        );
        assert!(!r.error, "{}", r.output);
        assert_eq!(
            say(&mut s, "set image daemonset fluentd fluentd=fluentd:v3"),
            "daemonset.apps/fluentd image updated"
        );
        s.run_until(s.now() + Duration::from_secs(60));
        assert_eq!(images(&s), ["fluentd:v3"; 3]);
        let three = history(&[(1, "<none>"), (2, "<none>"), (3, "v3 please")]);
        for line in [
            "rollout history ds/fluentd",
            "rollout history daemonset fluentd",
            "rollout history daemonsets/fluentd",
            "rollout history daemonset.apps/fluentd",
        ] {
            assert_eq!(say(&mut s, line), three, "{line}");
        }
        assert_eq!(
            say(&mut s, "rollout history ds/fluentd --revision=2"),
            "daemonset.apps/fluentd with revision #2\nPod Template:\n  Labels:\tname=fluentd\n  Init Containers:\n   setup:\n    Image:\tbusybox:1.36\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n  Containers:\n   fluentd:\n    Image:\tfluentd:v2\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>"
        );
        // Undo: the previous revision (2) is applied, rolls out, and is renumbered 4.
        let r = run(&mut s, "rollout undo ds/fluentd");
        assert_eq!(
            (r.output.as_str(), r.error),
            ("daemonset.apps/fluentd rolled back", false)
        );
        assert!(matches!(r.action, Some(Action::Apply(_))));
        assert_eq!(
            say(&mut s, "rollout status ds/fluentd --watch=false"),
            "Waiting for daemon set spec update to be observed..."
        );
        // rollout_status.go with --watch (the default): a line at each change until done.
        let r = run(&mut s, "rollout status ds/fluentd");
        assert_eq!(
            r.output,
            "Waiting for daemon set spec update to be observed...\n"
        );
        let mut f = *r.follow.expect("rollout status waits");
        let mut lines = String::new();
        for _ in 0..20 {
            s.run_until(s.now() + Duration::from_secs(3));
            match f.poll(&mut s) {
                Polled::More(out) => lines.push_str(&out),
                Polled::Done(out, error) => {
                    assert!(!error);
                    lines.push_str(&out);
                    break;
                }
                Polled::Gone => panic!("the cluster is the same"),
            }
        }
        assert!(
            lines.contains("Waiting for daemon set \"fluentd\" rollout to finish: 1 out of 3 new pods have been updated...\n"),
            "{lines}"
        );
        assert!(
            lines.ends_with("daemon set \"fluentd\" successfully rolled out\n"),
            "{lines}"
        );
        s.run_until(s.now() + Duration::from_secs(60));
        assert_eq!(images(&s), ["fluentd:v2"; 3]);
        assert_eq!(
            say(&mut s, "rollout status ds/fluentd"),
            "daemon set \"fluentd\" successfully rolled out"
        );
        assert_eq!(
            say(&mut s, "rollout history ds/fluentd"),
            history(&[(1, "<none>"), (3, "v3 please"), (4, "<none>")])
        );
        assert_eq!(
            s.cluster.store.list::<ControllerRevision>().count(),
            3,
            "the old revision is reused, not duplicated"
        );
        assert_eq!(
            say(&mut s, "rollout undo ds/fluentd --to-revision=4"),
            "daemonset.apps/fluentd skipped rollback (current template already matches revision 4)"
        );
        // An explicit revision: 1 becomes 5.
        assert_eq!(
            say(&mut s, "rollout undo ds/fluentd --to-revision 1"),
            "daemonset.apps/fluentd rolled back"
        );
        s.run_until(s.now() + Duration::from_secs(60));
        assert_eq!(images(&s), ["fluentd:v1"; 3]);
        assert_eq!(
            say(&mut s, "rollout history ds/fluentd"),
            history(&[(3, "v3 please"), (4, "<none>"), (5, "<none>")])
        );
        let errors = [
            ("rollout undo ds/fluentd --to-revision=9", "error: unable to find specified revision 9 in history"),
            ("rollout undo ds/fluentd --to-revision=-1", "error: unable to find specified revision -1 in history"),
            ("rollout undo ds/fluentd --to-revision=x", "error: invalid argument \"x\" for \"--to-revision\" flag: strconv.ParseInt: parsing \"x\": invalid syntax"),
            ("rollout history ds/fluentd --revision=9", "error: unable to find the specified revision"),
            ("rollout history ds/fluentd --revision=-2", "error: revision must be a positive integer: -2"),
            ("rollout history ds/nope", "Error from server (NotFound): daemonsets.apps \"nope\" not found"),
            ("rollout undo job/pi", "error: no rollbacker has been implemented for \"Job.batch\""),
            ("rollout history cronjob/hello", "error: no history viewer has been implemented for \"CronJob.batch\""),
            ("rollout status job/pi", "error: no status viewer has been implemented for Job.batch"),
            ("rollout restart job/pi", "error: jobs.batch \"pi\" restarting is not supported"),
            ("rollout restart cj/hello", "error: cronjobs.batch \"hello\" restarting is not supported"),
            ("rollout restart job/nope", "Error from server (NotFound): jobs.batch \"nope\" not found"),
            ("rollout pause ds/fluentd", "error: unknown command \"pause\" for \"kubectl rollout\""),
            ("rollout undo", "error: required resource not specified"),
        ];
        for (line, want) in errors {
            let r = run(&mut s, line);
            assert_eq!(
                (r.output.as_str(), r.error, r.action.is_none()),
                (want, true, true),
                "{line}"
            );
        }
    }

    #[test]
    fn restart_changes_the_template_hash_and_rolls() {
        let mut s = sim();
        let hash = |s: &Simulation| {
            let mut v: Vec<String> = s
                .pods()
                .iter()
                .filter_map(|p| p.metadata.labels.get(CONTROLLER_REVISION_HASH).cloned())
                .collect();
            v.dedup();
            v
        };
        let before = hash(&s);
        assert_eq!(before.len(), 1);
        let r = run(&mut s, "kubectl rollout restart daemonset/fluentd");
        assert_eq!(
            (r.output.as_str(), r.error),
            ("daemonset.apps/fluentd restarted", false)
        );
        assert!(r.action.is_some());
        let ds = s
            .cluster
            .store
            .get::<DaemonSet>("fluentd")
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            ds.spec.template.metadata.annotations.get(RESTARTED_AT),
            Some(&s.now().rfc3339())
        );
        // The same instant again: an empty patch.
        let r = run(&mut s, "rollout restart ds/fluentd");
        assert_eq!(
            (r.output.as_str(), r.error, r.action),
            (
                "daemonset.apps/fluentd restarted\nerror: failed to create patch for fluentd: empty patch",
                true,
                None
            )
        );
        s.run_until(s.now() + Duration::from_secs(60));
        let after = hash(&s);
        assert_eq!(after.len(), 1);
        assert_ne!(after, before);
        assert_eq!(
            s.pods()
                .iter()
                .filter(|p| p.metadata.name.starts_with("fluentd-"))
                .count(),
            3
        );
        assert_eq!(
            say(&mut s, "rollout history ds/fluentd"),
            history(&[(1, "<none>"), (2, "<none>")])
        );
    }

    #[test]
    fn set_image_like_kubectl() {
        let mut s = sim();
        // Init containers too; several pairs.
        assert_eq!(
            say(
                &mut s,
                "set image ds/fluentd setup=busybox:1.37 fluentd=fluentd:v2"
            ),
            "daemonset.apps/fluentd image updated"
        );
        let ds = s
            .cluster
            .store
            .get::<DaemonSet>("fluentd")
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            ds.spec.template.spec.init_containers[0].image,
            "busybox:1.37"
        );
        assert_eq!(ds.spec.template.spec.containers[0].image, "fluentd:v2");
        // Unchanged: kubectl skips the empty patch and prints nothing.
        let r = run(&mut s, "set image ds/fluentd fluentd=fluentd:v2");
        assert_eq!((r.output.as_str(), r.error, r.action), ("", false, None));
        // `*`: every container.
        assert_eq!(
            say(&mut s, "set image daemonset/fluentd *=fluentd:v3"),
            "daemonset.apps/fluentd image updated"
        );
        // The CronJob's jobTemplate.
        let r = run(&mut s, "set image cronjob/hello hello=busybox:1.37");
        assert_eq!(
            (r.output.as_str(), r.error),
            ("cronjob.batch/hello image updated", false)
        );
        let cj = s
            .cluster
            .store
            .get::<CronJob>("hello")
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            cj.spec.job_template.spec.template.spec.containers[0].image,
            "busybox:1.37"
        );
        let errors = [
            ("set image job/pi pi=perl:5.36", "error: failed to patch image update to pod template: Job.batch \"pi\" is invalid: spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable"),
            ("set image ds/fluentd x=y", "error: unable to find container named \"x\""),
            ("set image ds/fluentd x=y fluentd=fluentd:v4", "daemonset.apps/fluentd image updated\nerror: unable to find container named \"x\""),
            ("set image ds/fluentd", "error: at least one image update is required"),
            ("set image fluentd=x", "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'"),
            ("set image ds/fluentd a=b c", "error: all resources must be specified before image changes: c"),
            ("set image ds/fluentd a-", "error: invalid image format: a-"),
            ("set image ds/fluentd *=x a=b", "error: all containers are already specified by *, but saw more than one container_name=container_image pairs"),
            ("set image ds/nope a=b", "Error from server (NotFound): daemonsets.apps \"nope\" not found"),
            ("set image node/worker-1 a=b", "error: nodes/worker-1 the object is not a pod or does not have a pod template: *v1.Node"),
            ("set env ds/fluentd A=1", "error: unknown command \"env\" for \"kubectl set\""),
        ];
        for (line, want) in errors {
            let r = run(&mut s, line);
            assert_eq!((r.output.as_str(), r.error), (want, true), "{line}");
        }
        assert!(run(&mut s, "help").output.contains("set image"));
    }

    #[test]
    fn get_with_label_selectors() {
        let mut s = sim();
        s.run_until(s.now() + Duration::from_secs(30));
        let names = |s: &mut Simulation, line: &str| -> Vec<String> {
            run(s, line)
                .output
                .lines()
                .skip(1)
                .filter_map(|l| l.split_whitespace().next().map(String::from))
                .collect()
        };
        let pi = names(
            &mut s,
            "get pods --selector=batch.kubernetes.io/job-name=pi",
        );
        assert_eq!(pi.len(), 1);
        assert!(pi[0].starts_with("pi-"), "{pi:?}");
        assert_eq!(names(&mut s, "get pods -l name=fluentd").len(), 3);
        assert_eq!(names(&mut s, "get pods -lname==fluentd").len(), 3);
        assert_eq!(names(&mut s, "get pods -l 'name in (fluentd,x)'").len(), 3);
        assert_eq!(names(&mut s, "get pods -l 'name notin (fluentd)'"), pi);
        assert_eq!(names(&mut s, "get pods -l name!=fluentd"), pi);
        assert_eq!(names(&mut s, "get pods -l '!name'"), pi);
        assert_eq!(
            names(&mut s, "get pods -l name,pod-template-generation=1").len(),
            3
        );
        assert_eq!(names(&mut s, "get ds,jobs -l tier=node"), ["fluentd"]);
        assert_eq!(
            names(&mut s, "get nodes -l node-role.kubernetes.io/control-plane").len(),
            1
        );
        assert_eq!(
            say(&mut s, "get pods -l name=nobody"),
            "No resources found in default namespace."
        );
        assert_eq!(
            say(&mut s, "get pods pi -l a=b"),
            "error: name cannot be provided when a selector is specified"
        );
        assert_eq!(
            say(&mut s, "get jobs -l 'a in'"),
            "Error from server (BadRequest): Unable to find \"batch/v1, Resource=jobs\" that match label selector \"a in\", field selector \"\": unable to parse requirement: found '' expected: '('"
        );
        // --show-labels: a last LABELS column, padded like the rest.
        assert_eq!(
            say(&mut s, "get ds --show-labels"),
            "NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE   LABELS\nfluentd   3         3         3       3            3           <none>          60s   tier=node"
        );
        let out = say(&mut s, "get pods -l name=fluentd --show-labels -o wide");
        let header: Vec<&str> = out.lines().next().unwrap_or("").split("   ").collect();
        assert_eq!(header.last(), Some(&"LABELS"));
        assert!(
            out.lines()
                .skip(1)
                .all(|l| l.ends_with(",name=fluentd,pod-template-generation=1")),
            "{out}"
        );
    }
}

/// `get -w` (kubectl/pkg/cmd/get/get.go `watch`; cli-runtime tableprinter.go).
#[cfg(test)]
mod watch_tests {
    use super::tests::cluster;
    use super::*;
    use crate::api::Duration;

    fn watch_of(r: ConsoleResult) -> Watch {
        match r.follow.map(|f| *f) {
            Some(Follow::Watch(w)) => w,
            other => panic!("not a watch: {other:?} ({})", r.output),
        }
    }

    /// The parallel Job example, settled at t=0 (two pods being created).
    fn parallel() -> Simulation {
        let mut s = cluster(include_str!("../../examples/parallel-job.yaml"));
        s.run_until(s.now());
        s
    }

    /// Runs `secs` seconds, polling the watch every 3 s; returns what it printed.
    fn run_watch(s: &mut Simulation, w: &mut Watch, secs: i64) -> String {
        let mut out = String::new();
        let end = s.now() + Duration::from_secs(secs);
        while s.now() < end {
            let t = s.now() + Duration::from_secs(3);
            s.run_until(t);
            out.push_str(&w.poll(s).expect("the watch is alive"));
        }
        out
    }

    #[test]
    fn pods_watch_prints_a_row_per_change_aligned_to_the_list() {
        let mut s = parallel();
        let r = run(&mut s, "get pods -w");
        assert!(!r.error);
        assert_eq!(
            r.output,
            "NAME            READY   STATUS              RESTARTS   AGE\n\
             paral-1-hrrsw   0/1     ContainerCreating   0          0s\n\
             paral-1-rdx8c   0/1     ContainerCreating   0          0s\n"
        );
        let mut w = watch_of(r);
        let out = run_watch(&mut s, &mut w, 36);
        let lines: Vec<&str> = out.lines().collect();
        // Running, then Completed; the next wave's pods arrive Pending (the API server's
        // PrepareForCreate), are bound (still Pending, now with a node) and start.
        assert_eq!(
            lines[0],
            "paral-1-hrrsw   1/1     Running             0          1s"
        );
        assert!(lines.contains(&"paral-1-hrrsw   0/1     Completed           0          31s"));
        let new_pod: Vec<&&str> = lines
            .iter()
            .filter(|l| l.starts_with("paral-1-dk248"))
            .collect();
        assert_eq!(
            new_pod,
            [
                &"paral-1-dk248   0/1     Pending             0          0s",
                &"paral-1-dk248   0/1     Pending             0          0s",
                &"paral-1-dk248   0/1     ContainerCreating   0          0s",
                &"paral-1-dk248   1/1     Running             0          1s",
            ]
        );
        // Stopping removes the store's tap.
        w.stop(&mut s);
        assert!(s.cluster.store.tap.is_none());
    }

    #[test]
    fn output_watch_events_adds_an_event_column_and_deletions_print() {
        let mut s = parallel();
        let r = run(&mut s, "get pods --watch --output-watch-events");
        assert!(
            r.output.starts_with("EVENT   NAME            READY"),
            "{}",
            r.output
        );
        assert!(r
            .output
            .contains("\nADDED   paral-1-hrrsw   0/1     ContainerCreating"));
        let mut w = watch_of(r);
        run_watch(&mut s, &mut w, 6);
        let d = run(&mut s, "delete pod paral-1-hrrsw");
        assert!(!d.error, "{}", d.output);
        let out = run_watch(&mut s, &mut w, 3);
        assert!(
            out.lines()
                .any(|l| l.starts_with("MODIFIED   paral-1-hrrsw") && l.contains("Terminating")),
            "{out}"
        );
        assert!(
            out.lines()
                .any(|l| l.starts_with("DELETED    paral-1-hrrsw")),
            "{out}"
        );
    }

    #[test]
    fn a_selector_watch_sees_objects_enter_and_leave_the_selection() {
        let mut s = parallel();
        let r = run(&mut s, "get nodes -l disktype=ssd -w --output-watch-events");
        // No node matches yet: nothing, not even a header.
        assert_eq!(r.output, "");
        let mut w = watch_of(r);
        run(&mut s, "label nodes worker-2 disktype=ssd");
        let added = run_watch(&mut s, &mut w, 3);
        assert_eq!(
            added,
            "EVENT   NAME       STATUS   ROLES    AGE   VERSION\nADDED   worker-2   Ready    <none>   0s    v1.34.0\n"
        );
        run(&mut s, "label nodes worker-2 disktype-");
        let left = run_watch(&mut s, &mut w, 3);
        // cache_watcher.go convertToWatchEvent: DELETED, with the state it was last seen in.
        assert_eq!(
            left,
            "DELETED   worker-2   Ready    <none>   3s    v1.34.0\n"
        );
    }

    #[test]
    fn watch_only_skips_the_list_and_names_print_one_per_event() {
        let mut s = parallel();
        let r = run(&mut s, "get pods -w --no-headers");
        assert!(!r.output.contains("NAME"), "{}", r.output);
        watch_of(r).stop(&mut s);
        let r = run(&mut s, "get pods --watch-only -o name");
        assert_eq!(r.output, "");
        let mut w = watch_of(r);
        let out = run_watch(&mut s, &mut w, 3);
        assert_eq!(out, "pod/paral-1-hrrsw\npod/paral-1-rdx8c\n");
    }

    /// `-o jsonpath` and `-o custom-columns` print each event with their template.
    #[test]
    fn jsonpath_and_custom_columns_watches() {
        let mut s = parallel();
        let r = run(
            &mut s,
            r#"get pod paral-1-hrrsw -w -o jsonpath='{.status.phase}{"\n"}'"#,
        );
        assert_eq!(r.output, "Pending\n");
        let mut w = watch_of(r);
        let out = run_watch(&mut s, &mut w, 36);
        assert!(out.starts_with("Running\n"), "{out}");
        assert!(out.contains("Succeeded\n"), "{out}");
        w.stop(&mut s);
        let r = run(
            &mut s,
            "get pods -w --watch-only -o custom-columns=NAME:.metadata.name,PHASE:.status.phase",
        );
        assert_eq!(r.output, "");
        let mut w = watch_of(r);
        // The third wave starts at 1m4s.
        let out = run_watch(&mut s, &mut w, 36);
        assert!(out.starts_with("NAME            PHASE\n"), "{out}");
        assert!(
            out.lines().skip(1).all(|l| l.starts_with("paral-1-")),
            "{out}"
        );
    }

    #[test]
    fn events_watch_prints_new_events() {
        let mut s = parallel();
        let r = run(&mut s, "get events -w");
        assert!(
            r.output.starts_with("LAST SEEN   TYPE     REASON"),
            "{}",
            r.output
        );
        let mut w = watch_of(r);
        let out = run_watch(&mut s, &mut w, 3);
        assert!(
            out.contains("Started            pod/paral-1-hrrsw   Started container param"),
            "{out}"
        );
    }

    #[test]
    fn watch_errors_and_the_end_of_a_replaced_cluster() {
        let mut s = parallel();
        let r = run(&mut s, "get pods,jobs -w");
        assert!(r.error && r.follow.is_none());
        assert_eq!(
            r.output,
            "error: you may only specify a single resource type"
        );
        let r = run(&mut s, "get all -w");
        assert_eq!(
            r.output,
            "error: you may only specify a single resource type"
        );
        let r = run(&mut s, "get pod nope -w");
        assert_eq!(
            r.output,
            "Error from server (NotFound): pods \"nope\" not found"
        );
        // A named watch prints the object, then its changes only.
        let r = run(&mut s, "get job paral-1 -w");
        assert!(
            r.output.starts_with("NAME      STATUS    COMPLETIONS"),
            "{}",
            r.output
        );
        let mut w = watch_of(r);
        assert!(run_watch(&mut s, &mut w, 3)
            .lines()
            .all(|l| l.starts_with("paral-1 ")));
        // A rewind replays into a new simulation, which has no tap: the watch has ended.
        let mut fresh = parallel();
        assert_eq!(w.poll(&mut fresh), None);
    }
}

/// `delete --all | -l | NAME...` (delete.go) and `logs -l` (logs.go).
#[cfg(test)]
mod selection_tests {
    use super::tests::cluster;
    use super::*;
    use crate::api::Duration;

    fn parallel_at(secs: i64) -> Simulation {
        let mut s = cluster(include_str!("../../examples/parallel-job.yaml"));
        let t = s.now() + Duration::from_secs(secs);
        s.run_until(t);
        s
    }

    #[test]
    fn delete_all_and_by_selector_delete_each_by_name() {
        let mut s = parallel_at(5);
        let r = run(&mut s, "delete pods --all");
        assert_eq!(
            (r.output.as_str(), r.error),
            (
                "pod \"paral-1-hrrsw\" deleted\npod \"paral-1-rdx8c\" deleted",
                false
            )
        );
        // One recorded action that replays the same deletions.
        assert_eq!(
            r.action,
            Some(Action::DeletePod("paral-1-hrrsw,paral-1-rdx8c".into()))
        );
        let r = run(&mut s, "delete pods -l app=nope");
        assert_eq!((r.output.as_str(), r.action), ("No resources found", None));
        // The Job's labels default to its template's (batch/v1 SetDefaults_Job), job-name too.
        let r = run(&mut s, "delete job -l job-name=paral-1");
        assert_eq!(r.output, "job.batch \"paral-1\" deleted");
        let r = run(&mut s, "delete jobs --all");
        assert_eq!(r.output, "No resources found");
    }

    #[test]
    fn delete_argument_errors_use_kubectl_words() {
        let mut s = parallel_at(5);
        for (line, want) in [
            ("delete pods --all -l a=b", "error: cannot set --all and --selector at the same time"),
            ("delete pod x --all", "error: name cannot be provided when a selector is specified"),
            ("delete pod a b", "Error from server (NotFound): pods \"a\" not found"),
            ("delete pod/x y", "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'"),
            ("delete pods", "error: resource(s) were provided, but no name was specified"),
        ] {
            let r = run(&mut s, line);
            assert_eq!((r.output.as_str(), r.error, r.action.is_none()), (want, true, true), "{line}");
        }
        let r = run(&mut s, "delete pod/paral-1-hrrsw pods/paral-1-rdx8c");
        assert_eq!(
            r.output,
            "pod \"paral-1-hrrsw\" deleted\npod \"paral-1-rdx8c\" deleted"
        );
    }

    /// `logs -f`: lines appear when the script's clock passes them; the stream ends with the
    /// container.
    #[test]
    fn logs_follow_prints_lines_as_time_runs_until_the_container_exits() {
        let mut s = parallel_at(5);
        let r = run(&mut s, "logs -f paral-1-hrrsw");
        assert_eq!((r.output.as_str(), r.error), ("", false));
        let mut f = *r.follow.expect("a stream");
        s.run_until(s.cluster.start + Duration::from_secs(20));
        assert_eq!(f.poll(&mut s), Polled::More(String::new()));
        s.run_until(s.cluster.start + Duration::from_secs(40));
        assert_eq!(
            f.poll(&mut s),
            Polled::Done("Thu Jan  1 00:00:31 UTC 2026\n".into(), false)
        );
        assert!(s.cluster.store.tap.is_none());
        // An exited container: the whole log, nothing to follow.
        let r = run(&mut s, "logs --follow paral-1-hrrsw");
        assert_eq!(
            (r.output.as_str(), r.follow.is_none()),
            ("Thu Jan  1 00:00:31 UTC 2026", true)
        );
        let r = run(&mut s, "logs -f -l job-name=paral-1");
        assert_eq!(
            r.output,
            "error: CtrlScope follows one pod's log: kubectl logs -f POD"
        );
    }

    /// `kubectl events` (events.go, event_printer.go): OBJECT as Kind/name, oldest first,
    /// filtered by --for and --types; -w prints each new event.
    #[test]
    fn events_command_and_its_watch() {
        let mut s = parallel_at(5);
        let r = run(&mut s, "events --for job/paral-1");
        assert_eq!(
            r.output,
            "LAST SEEN   TYPE     REASON             OBJECT        MESSAGE\n\
             5s          Normal   SuccessfulCreate   Job/paral-1   Created pod: paral-1-hrrsw\n\
             5s          Normal   SuccessfulCreate   Job/paral-1   Created pod: paral-1-rdx8c"
        );
        for (line, want) in [
            (
                "events --types=Warning",
                "No events found in default namespace.",
            ),
            ("events --types=Warning -A", "No events found."),
            (
                "events --types=Bad",
                "error: valid --types are Normal or Warning",
            ),
            (
                "events --for job",
                "error: --for must be in resource/name form",
            ),
        ] {
            assert_eq!(run(&mut s, line).output, want, "{line}");
        }
        let r = run(&mut s, "events -w --for job/paral-1");
        assert_eq!(r.output.lines().count(), 3, "{}", r.output);
        let mut f = *r.follow.expect("a watch");
        s.run_until(s.cluster.start + Duration::from_secs(40));
        let Polled::More(out) = f.poll(&mut s) else {
            panic!("the watch goes on")
        };
        // The second wave, each line as recorded (its LAST SEEN at that instant).
        assert_eq!(
            out,
            "0s          Normal   SuccessfulCreate   Job/paral-1   Created pod: paral-1-dk248\n\
             0s          Normal   SuccessfulCreate   Job/paral-1   Created pod: paral-1-5w4wn\n"
        );
    }

    /// describe.go `DescribeMatchingResources`: no exact name, so every name with the prefix.
    #[test]
    fn describe_by_prefix_and_by_selector() {
        let mut s = parallel_at(5);
        let names = |out: &str| -> Vec<String> {
            out.lines()
                .filter_map(|l| l.strip_prefix("Name:"))
                .map(|n| n.trim().to_string())
                .collect()
        };
        let r = run(&mut s, "describe pod paral");
        assert_eq!(names(&r.output), ["paral-1-hrrsw", "paral-1-rdx8c"]);
        let r = run(&mut s, "describe pods -l job-name=paral-1");
        assert_eq!(names(&r.output), ["paral-1-hrrsw", "paral-1-rdx8c"]);
        let r = run(&mut s, "describe pods -l app=nope");
        assert_eq!(r.output, "No resources found in default namespace.");
        let r = run(&mut s, "describe pod nope");
        assert_eq!(
            r.output,
            "Error from server (NotFound): pods \"nope\" not found"
        );
    }

    #[test]
    fn logs_by_selector_print_what_each_pod_printed_so_far() {
        // `sleep 30; date`: nothing before the sleep ends.
        let mut s = parallel_at(5);
        assert_eq!(run(&mut s, "logs -l job-name=paral-1").output, "");
        let mut s = parallel_at(40);
        assert_eq!(
            run(&mut s, "logs -l job-name=paral-1").output,
            "Thu Jan  1 00:00:31 UTC 2026\nThu Jan  1 00:00:31 UTC 2026"
        );
        assert_eq!(
            run(&mut s, "logs -l app=x").output,
            "No resources found in default namespace."
        );
    }
}

/// `kubectl wait` (staging/src/k8s.io/kubectl/pkg/cmd/wait/wait.go) as time runs.
#[cfg(test)]
mod wait_tests {
    use super::tests::cluster;
    use super::*;

    fn parallel() -> Simulation {
        let mut s = cluster(include_str!("../../examples/parallel-job.yaml"));
        s.run_until(s.now());
        s
    }

    fn follow_of(r: ConsoleResult) -> Follow {
        *r.follow.unwrap_or_else(|| panic!("no wait: {}", r.output))
    }

    /// Runs to `secs` after the start and polls once.
    fn poll_at(s: &mut Simulation, f: &mut Follow, secs: i64) -> Polled {
        let t = s.cluster.start + Duration::from_secs(secs);
        s.run_until(t);
        f.poll(s)
    }

    #[test]
    fn waits_for_a_condition_until_it_holds_or_times_out() {
        // The Job completes at 2m8s (four waves of 32 s).
        let mut s = parallel();
        let r = run(
            &mut s,
            "wait --for=condition=complete job/paral-1 --timeout=5m",
        );
        assert_eq!((r.output.as_str(), r.error), ("", false));
        let mut f = follow_of(r);
        assert_eq!(poll_at(&mut s, &mut f, 60), Polled::More(String::new()));
        // One late poll: the condition was met at 2m8s, inside the timeout.
        assert_eq!(
            poll_at(&mut s, &mut f, 400),
            Polled::Done("job.batch/paral-1 condition met\n".into(), false)
        );
        assert!(s.cluster.store.tap.is_none());

        // The default 30 s is too short.
        let mut s = parallel();
        let mut f = follow_of(run(&mut s, "wait job/paral-1 --for condition=Complete"));
        assert_eq!(
            poll_at(&mut s, &mut f, 200),
            Polled::Done(
                "error: timed out waiting for the condition on jobs/paral-1".into(),
                true
            )
        );
    }

    #[test]
    fn waits_for_each_selected_object_in_turn() {
        let mut s = parallel();
        let mut f = follow_of(run(
            &mut s,
            "wait --for=condition=Ready pod -l job-name=paral-1",
        ));
        assert_eq!(
            poll_at(&mut s, &mut f, 5),
            Polled::Done(
                "pod/paral-1-hrrsw condition met\npod/paral-1-rdx8c condition met\n".into(),
                false
            )
        );
        // Already met: printed at once, nothing to follow.
        let r = run(&mut s, "wait --for=condition=Ready=true pods --all");
        assert_eq!(
            (r.output.as_str(), r.follow.is_none()),
            (
                "pod/paral-1-hrrsw condition met\npod/paral-1-rdx8c condition met\n",
                true
            )
        );
        // --for=delete: a pod deleted by hand goes after its grace period.
        let mut f = follow_of(run(
            &mut s,
            "wait --for=delete pod/paral-1-hrrsw --timeout=1m",
        ));
        run(&mut s, "delete pod paral-1-hrrsw");
        assert_eq!(
            poll_at(&mut s, &mut f, 40),
            Polled::Done("pod/paral-1-hrrsw condition met\n".into(), false)
        );
    }

    #[test]
    fn waits_for_a_jsonpath_value() {
        let mut s = parallel();
        // The official example: wait for a pod's phase.
        let r = run(
            &mut s,
            "wait --for=jsonpath='{.status.phase}'=Running pod/paral-1-hrrsw",
        );
        let mut f = follow_of(r);
        assert_eq!(
            poll_at(&mut s, &mut f, 3),
            Polled::Done("pod/paral-1-hrrsw condition met\n".into(), false)
        );
        // A filter with `==` inside the expression (quoted as in the kubectl example).
        let r = run(
            &mut s,
            r#"wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pods --all"#,
        );
        assert_eq!(
            r.output,
            "pod/paral-1-hrrsw condition met\npod/paral-1-rdx8c condition met\n"
        );
        // No value: any one value found will do (status.succeeded appears with the first wave).
        let mut f = follow_of(run(
            &mut s,
            "wait --for=jsonpath={.status.succeeded} job/paral-1 --timeout=1m",
        ));
        assert_eq!(
            poll_at(&mut s, &mut f, 60),
            Polled::Done("job.batch/paral-1 condition met\n".into(), false)
        );
    }

    #[test]
    fn wait_errors_use_kubectl_words() {
        let mut s = parallel();
        for (line, want) in [
            ("wait job/paral-1", "error: unrecognized condition: \"\""),
            ("wait job/paral-1 --for=ready", "error: unrecognized condition: \"ready\""),
            (
                "wait job/paral-1 --for=condition=Complete --timeout=30",
                "error: invalid argument \"30\" for \"--timeout\" flag: time: missing unit in duration \"30\"",
            ),
            (
                "wait job/nope --for=condition=Complete",
                "Error from server (NotFound): jobs.batch \"nope\" not found",
            ),
            (
                "wait pods -l app=x --for=condition=Ready",
                "error: no matching resources found",
            ),
            (
                "wait job/paral-1 --for=condition=Complete --timeout=0",
                "error: condition not met for jobs/paral-1",
            ),
        ] {
            let r = run(&mut s, line);
            assert_eq!((r.output.as_str(), r.error, r.follow.is_none()), (want, true, true), "{line}");
        }
        // jsonpath (wait.go processJSONPathInput).
        let r = run(
            &mut s,
            "wait job/paral-1 --for=jsonpath={.status.active}=2=3",
        );
        assert_eq!(r.output, "error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
        let r = run(&mut s, "wait job/paral-1 --for=jsonpath={.status.active}=");
        assert_eq!(r.output, "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
        // Nothing to wait for: a missing object is already deleted.
        let r = run(&mut s, "wait --for=delete pod/nope");
        assert_eq!(
            (r.output.as_str(), r.error, r.follow.is_none()),
            ("", false, true)
        );
        // A rewind replaces the cluster: the wait is gone.
        let mut f = follow_of(run(&mut s, "wait --for=condition=Complete job/paral-1"));
        assert_eq!(f.poll(&mut parallel()), Polled::Gone);
    }
}

/// `get -o jsonpath`, `-o custom-columns`, `--sort-by` and `--no-headers`.
#[cfg(test)]
mod output_format_tests {
    use super::tests::cluster;
    use super::*;
    use crate::api::Duration;

    /// examples/pi-job.yaml, 5 s in: one running pod.
    fn pi() -> Simulation {
        let mut s = cluster(include_str!("../../examples/pi-job.yaml"));
        s.run_until(s.now() + Duration::from_secs(5));
        s
    }

    fn say(s: &mut Simulation, line: &str) -> (String, bool) {
        let r = run(s, line);
        (r.output, r.error)
    }

    fn pod_name(s: &mut Simulation) -> String {
        let names = run(s, "get pods -o name").output;
        names.trim_start_matches("pod/").to_string()
    }

    /// The Job tutorial's command (kubernetes.io "Running an example Job"), and the spellings
    /// of the flag.
    #[test]
    fn jsonpath_like_the_job_tutorial() {
        let mut s = pi();
        let pod = pod_name(&mut s);
        assert!(pod.starts_with("pi-"), "{pod}");
        for line in [
            "get pods --selector=batch.kubernetes.io/job-name=pi --output=jsonpath='{.items[*].metadata.name}'",
            "kubectl get pods -l batch.kubernetes.io/job-name=pi -o jsonpath='{.items[*].metadata.name}'",
            "get pods -o=jsonpath={.items[*].metadata.name}",
            "get pods -ojsonpath={.items[0].metadata.name}",
            "get pods -o jsonpath --template={.items[-1:].metadata.name}",
            "get pods -o jsonpath='{.items[?(@.status.phase==\"Running\")].metadata.name}'",
            "get pods -o jsonpath='{..metadata.labels.job-name}{\"\\n\"}' --no-headers",
        ] {
            let want = if line.contains("job-name}") {
                "pi\n".to_string()
            } else {
                pod.clone()
            };
            assert_eq!(say(&mut s, line), (want, false), "{line}");
        }
        assert_eq!(
            say(&mut s, "get pods -o jsonpath='{range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}'"),
            (format!("{pod}\tRunning\n"), false)
        );
        // One object for `get TYPE NAME`; maps and lists print as JSON, missing keys as nothing.
        assert_eq!(
            say(&mut s, "get job pi -o jsonpath='{.kind} {.spec.backoffLimit} {.spec.suspend} {.nope}|{.spec.template.spec.containers[0].command}'"),
            (r#"Job 4 false |["perl","-Mbignum=bpi","-wle","print bpi(2000)"]"#.to_string(), false)
        );
        assert_eq!(
            say(&mut s, "get job pi -o jsonpath=\"{.metadata.labels.job-name}{.metadata.labels['job-name']}\""),
            ("pipi".to_string(), false)
        );
        assert_eq!(
            say(
                &mut s,
                "get pods -o jsonpath-as-json={.items[*].metadata.name}"
            ),
            (format!("[\n    \"{pod}\"\n]\n"), false)
        );
        assert_eq!(
            say(&mut s, "get cronjobs -o jsonpath={.items[*].metadata.name}"),
            (String::new(), false)
        );
    }

    #[test]
    fn jsonpath_errors_like_kubectl() {
        let mut s = pi();
        for (line, want) in [
            ("get pods -o jsonpath", "error: template format specified but no template given"),
            ("get pods -o jsonpath=", "error: template format specified but no template given"),
            ("get pods -o jsonpath='{.a'", "error: error parsing jsonpath {.a, unclosed action"),
            ("get pods -o jsonpath='{.items[}'", "error: error parsing jsonpath {.items[}, unterminated array"),
            ("get pods -o jsonpath='{.items[?(@.a=1}'", "error: error parsing jsonpath {.items[?(@.a=1}, unterminated filter"),
            ("get pods -o jsonpath={*}", "error: error parsing jsonpath {*}, unrecognized character in action: U+002A '*'"),
            ("get pods -o go-template='{{if .a}}'", "error: CtrlScope's go-template knows {{.field.path}}, {{\"text\"}}, {{range .list}}...{{end}} and {{index .map \"key\"}}, not {{if .a}}; -o jsonpath reads any field"),
            ("get pods -o go-template='{{range .items}}'", "error: error parsing template {{range .items}}, template: output:1: unexpected EOF"),
            ("get pods -o jsonpath-file=x", "error: the output format \"jsonpath-file\" is not supported in CtrlScope (it has no Go templates or files); allowed formats are: custom-columns,go-template,json,jsonpath,jsonpath-as-json,name,template,wide,yaml"),
            ("get pods -o table", "error: unable to match a printer suitable for the output format \"table\", allowed formats are: custom-columns,go-template,json,jsonpath,jsonpath-as-json,name,template,wide,yaml"),
            ("get pods -w -o jsonpath-as-json={.a}", "error: -o jsonpath-as-json with --watch is not supported in CtrlScope; use -o jsonpath"),
        ] {
            assert_eq!(say(&mut s, line), (want.to_string(), true), "{line}");
        }
        // An evaluation error: printers/jsonpath.go's message, with the object as Go dumps it.
        let (out, error) = say(&mut s, "get job pi -o jsonpath={.metadata.labels[0]}");
        assert!(error);
        assert!(
            out.starts_with("error: error executing jsonpath \"{.metadata.labels[0]}\": Error executing template: map[string]interface {} is not array or slice. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.metadata.labels[0]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"batch/v1\", \"kind\":\"Job\", "),
            "{out}"
        );
        let (out, error) = say(&mut s, "get pods -o jsonpath={.items[3]}");
        assert!(
            error && out.contains("array index out of bounds: index 3, length 1"),
            "{out}"
        );
        // Hostile templates end with an error, not a crash.
        let deep = format!("get pods -o jsonpath={{{}}}", "[?(@".repeat(2000));
        assert!(run(&mut s, &deep).error);
        let many = format!("get pods -o jsonpath='{}'", "{range @}{..}".repeat(40));
        let r = run(&mut s, &many);
        assert!(
            r.error && r.output.contains("too expensive"),
            "{}",
            r.output
        );
    }

    #[test]
    fn custom_columns_like_kubectl() {
        let mut s = pi();
        let pod = pod_name(&mut s);
        assert_eq!(
            say(&mut s, "get pods -o custom-columns=NAME:.metadata.name,STATUS:{.status.phase},NODE:spec.nodeName,GATES:.spec.readinessGates"),
            (format!("NAME       STATUS    NODE       GATES\n{pod}   Running   worker-1   <none>"), false)
        );
        // One table for every kind; several values join with commas; maps as Go prints them.
        assert_eq!(
            say(&mut s, "get pods,jobs -o custom-columns=KIND:kind,IMAGES:..image,LABEL:.metadata.labels.job-name --no-headers"),
            // `..image` finds the pod's container and its status.
            ("Pod   perl:5.34.0,perl:5.34.0   pi\nJob   perl:5.34.0               pi".to_string(), false)
        );
        assert_eq!(
            say(&mut s, "get job pi -o custom-columns=A:.spec.template.metadata.annotations,C:.spec.template.spec.containers[0].command"),
            ("A                                     C\nmap[sim.ctrlscope.dev/duration:12s]   [perl -Mbignum=bpi -wle print bpi(2000)]".to_string(), false)
        );
        // The header even for an empty list (customcolumn.go prints it before any object).
        assert_eq!(
            say(&mut s, "get cronjobs -o custom-columns=NAME:.metadata.name"),
            ("NAME".to_string(), false)
        );
        for (line, want) in [
            ("get pods -o custom-columns", "error: custom-columns format specified but no custom columns given"),
            ("get pods -o custom-columns=NAME", "error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>"),
            ("get pods -o custom-columns=NAME:.a,X", "error: unexpected custom-columns spec: X, expected <header>:<json-path-expr>"),
            ("get pods -o custom-columns=NAME:{.a}{.b}", "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"),
            ("get pods -o custom-columns=NAME:.a[", "error: unterminated array"),
        ] {
            assert_eq!(say(&mut s, line), (want.to_string(), true), "{line}");
        }
    }

    /// Two Jobs, `b` made before `a`: names and creation times disagree.
    fn two_jobs() -> Simulation {
        let job = |name: &str| {
            format!("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n")
        };
        let mut s = cluster(&job("b"));
        s.run_until(s.now() + Duration::from_secs(10));
        super::tests::apply_all(&mut s, &job("a"));
        s.run_until(s.now() + Duration::from_secs(2));
        s
    }

    #[test]
    fn sort_by_like_kubectl() {
        let mut s = two_jobs();
        let names = |s: &mut Simulation, line: &str| -> Vec<String> {
            let r = run(s, line);
            assert!(!r.error, "{line}: {}", r.output);
            r.output
                .lines()
                .filter_map(|l| l.split_whitespace().next().map(str::to_string))
                .collect()
        };
        assert_eq!(names(&mut s, "get jobs --no-headers"), ["a", "b"]);
        assert_eq!(
            names(
                &mut s,
                "get jobs --sort-by=.metadata.creationTimestamp --no-headers"
            ),
            ["b", "a"]
        );
        assert_eq!(
            names(
                &mut s,
                "get jobs --sort-by {.metadata.creationTimestamp} -o name"
            ),
            ["job.batch/b", "job.batch/a"]
        );
        assert_eq!(
            say(&mut s, "get jobs --sort-by=metadata.creationTimestamp -o jsonpath={.items[*].metadata.name}"),
            ("b a".to_string(), false)
        );
        // Pods by start time, and events by creation time: oldest first.
        let pods = names(&mut s, "get pods --sort-by=.status.startTime --no-headers");
        assert!(
            pods.len() == 2 && pods[0].starts_with("b-") && pods[1].starts_with("a-"),
            "{pods:?}"
        );
        let r = run(&mut s, "get events --sort-by=.metadata.creationTimestamp");
        assert!(
            !r.error && r.output.starts_with("LAST SEEN"),
            "{}",
            r.output
        );
        let r = run(
            &mut s,
            "get events --sort-by=.lastTimestamp -o jsonpath={.items[*].involvedObject.name}",
        );
        assert!(r.output.starts_with("b "), "{}", r.output);
        // Names sort naturally (sortorder.NaturalLess); a kind that lacks the field fails.
        assert_eq!(
            say(&mut s, "get jobs --sort-by=.nope"),
            (
                "error: couldn't find any field with path \"{.nope}\" in the list of objects"
                    .to_string(),
                true
            )
        );
        assert_eq!(
            say(&mut s, "get jobs --sort-by={.a"),
            ("error: sorting error: unclosed action".to_string(), true)
        );
        assert_eq!(
            say(&mut s, "get jobs --sort-by={.a -o name"),
            ("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'".to_string(), true)
        );
        // Nothing to sort, nothing to complain about (an empty list); one named object is
        // printed as it is.
        assert!(!run(&mut s, "get cronjobs --sort-by=.nope -o name").error);
        assert_eq!(
            say(&mut s, "get job a --sort-by=.nope -o name"),
            ("job.batch/a".to_string(), false)
        );
        // --watch ignores it, with kubectl's warning.
        let r = run(&mut s, "get jobs -w --sort-by=.metadata.name");
        assert!(
            r.output.starts_with(
                "warning: --watch or --watch-only requested, --sort-by will be ignored\nNAME"
            ),
            "{}",
            r.output
        );
    }

    /// The DaemonSet docs' `-o go-template='{{.spec.updateStrategy.type}}{{"\n"}}'` and a range.
    #[test]
    fn go_templates_of_the_docs() {
        let mut s = pi();
        let pod = pod_name(&mut s);
        assert_eq!(
            say(
                &mut s,
                r#"get job pi -o go-template='{{.spec.completions}}{{"\n"}}'"#
            ),
            ("1\n".to_string(), false)
        );
        assert_eq!(
            say(
                &mut s,
                r#"get pods -o go-template --template='{{range .items}}{{.metadata.name}} {{index .metadata.labels "batch.kubernetes.io/job-name"}}{{"\n"}}{{end}}'"#
            ),
            (format!("{pod} pi\n"), false)
        );
        // kubectl's global -n before the command.
        assert_eq!(
            say(&mut s, "kubectl -n kube-system get pods"),
            (
                "No resources found in kube-system namespace.".to_string(),
                false
            )
        );
    }

    #[test]
    fn no_headers_lays_out_the_rows_alone() {
        let mut s = pi();
        let pod = pod_name(&mut s);
        assert_eq!(
            say(&mut s, "get pods --no-headers"),
            (format!("{pod}   1/1   Running   0     5s"), false)
        );
        // Kinds follow each other without the blank line; -A and --show-labels still add columns.
        let (out, _) = say(&mut s, "get jobs,pods -A --no-headers --show-labels");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{out}");
        let words = |l: &str| l.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
        // Two kinds: names carry their kind (get.go multipleGVKsRequested).
        assert_eq!(words(lines[0]), "default job.batch/pi Running 0/1", "{out}");
        assert_eq!(
            words(lines[1]),
            format!("default pod/{pod} 1/1 Running"),
            "{out}"
        );
        assert!(lines[1].ends_with("job-name=pi"), "{out}");
        assert_eq!(
            say(&mut s, "get pods --no-headers=false").0.lines().count(),
            2
        );
        assert!(say(&mut s, "get pods --no-headers=maybe").1);
        assert_eq!(
            say(&mut s, "get cronjobs --no-headers"),
            (
                "No resources found in default namespace.".to_string(),
                false
            )
        );
        assert!(run(&mut s, "help").output.contains("--sort-by"));
    }
}
