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
use super::fieldsel::{parse_field_selector, FieldSelector};
use super::logstream::LogStream;
use super::rollout::RolloutWatch;
use super::wait::{Wait, WaitFor, WaitPolled};
use super::watch::{Watch, WatchOutput, WatchRequest};
use crate::api::{parse_duration, Duration, LabelSelector};
use crate::api::{
    ControllerRevision, CronJob, DaemonSet, Event, Job, Kind, Node, Object, ObjectMeta, Pod,
    PodSpec, Taint,
};
use crate::manifest::shell::words as split_words;
use crate::manifest::{
    go_quote, invalid_message, parse_documents, validate_update, ManifestError, Parsed,
};
use crate::sim::logs::{logs_of, LogOptions};
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
    Drain(DrainWatch),
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
            Follow::Drain(w) => w.poll(sim),
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
            Follow::Drain(_) => sim.cluster.store.end_tap(Kind::Pod),
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
     TYPE: pods jobs cronjobs daemonsets nodes events controllerrevisions all namespaces
     SELECTOR: k=v, k!=v, 'k in (a,b)', 'k notin (a)', k, '!k' (comma-separated)
     --field-selector=FIELD=V[,FIELD!=V]   pods: status.phase spec.nodeName spec.restartPolicy
             events: reason type involvedObject.kind|name source   jobs: status.successful
 describe TYPE NAME | TYPE/NAME | TYPE NAME_PREFIX | TYPE [-l SELECTOR]
 logs [-f] POD | job/NAME | ds/NAME | -l SELECTOR (-f: goes on as time runs, until the container exits)
 delete TYPE NAME... | TYPE/NAME... | TYPE --all | TYPE -l SELECTOR | TYPE --field-selector=...
     [--cascade=orphan]   (the pods, or a CronJob's Jobs, stay, ownerless)
     [--cascade=foreground]   (the object stays, Terminating, until its dependents are gone)
     [--grace-period=N]   [--grace-period=0 --force]   (a pod object goes at once)
 events [--for TYPE/NAME] [--types Warning] [-A] [-w]   (oldest first; -w: as they come)
 wait TYPE/NAME... --for=condition=Complete|delete|create|jsonpath='{.status.phase}'=Running
     [--timeout=30s]   (goes on as time runs)
 rollout status|history|restart ds/NAME | rollout history ds/NAME --revision=N
 rollout undo ds/NAME [--to-revision=N]
 set image ds/NAME|job/NAME|cronjob/NAME CONTAINER=IMAGE [...]   (* = every container)
 cordon NODE | uncordon NODE
 drain NODE --ignore-daemonsets   (cordon, then evict every pod but the DaemonSets')
 taint nodes NODE key[=value]:Effect [key[:Effect]-]... [--overwrite]
 create job NAME --from=cronjob/CRONJOB | create job NAME --image=IMAGE [-- COMMAND [ARGS...]]
 patch TYPE NAME -p PATCH [--type strategic|merge|json]   TYPE: jobs cronjobs daemonsets nodes
 label nodes NODE key=value [key2=value2] [key-] [--overwrite]
 (apply: edit the YAML and press Apply, or Ctrl+Enter)";

/// The commands the console has.
const COMMANDS: &[&str] = &[
    "get", "describe", "logs", "log", "delete", "wait", "events", "rollout", "set", "cordon",
    "uncordon", "drain", "taint", "create", "patch", "label", "version", "help",
];

/// kubectl commands CtrlScope does not simulate.
const NOT_SIMULATED: &[&str] = &[
    "run",
    "expose",
    "scale",
    "autoscale",
    "exec",
    "attach",
    "port-forward",
    "proxy",
    "cp",
    "top",
    "explain",
    "api-resources",
    "api-versions",
    "config",
    "annotate",
    "diff",
    "replace",
    "cluster-info",
    "certificate",
    "auth",
    "debug",
    "kustomize",
    "plugin",
    "completion",
    "alpha",
];

/// What the command alone decides: `apply -f FILE` (there are no files: the editor holds the
/// manifest), `CMD --help`, a kubectl command CtrlScope lacks, an unknown one.
fn command_first(cmd: &str, rest: &[&str]) -> Option<ConsoleResult> {
    let creates_job =
        cmd == "create" && rest.first().is_some_and(|t| resource(t) == Some(Kind::Job));
    if matches!(cmd, "apply" | "edit") || (cmd == "create" && !creates_job) {
        let file = rest.iter().any(|w| {
            matches!(*w, "-f" | "--filename")
                || w.starts_with("--filename=")
                || w.starts_with("-f=")
        });
        return Some(err(if file {
            "error: CtrlScope has no files: the manifest is the YAML in the editor; change it and press Apply (Ctrl+Enter), as `kubectl apply -f` applies a file".into()
        } else {
            "error: in CtrlScope, apply from the editor: change the YAML and press Apply (Ctrl+Enter)".into()
        }));
    }
    if rest.iter().any(|w| matches!(*w, "--help" | "-h")) && COMMANDS.contains(&cmd) {
        // The help lines about this command.
        let mut out = String::new();
        let mut on = false;
        for l in HELP.lines() {
            // A command's line starts with one space; its continuation lines with more.
            match l.strip_prefix(' ') {
                Some(t) if !t.starts_with(' ') => {
                    on = t.starts_with(cmd) || (cmd == "uncordon" && t.starts_with("cordon"))
                }
                Some(_) => {}
                None => on = false,
            }
            if on {
                out.push_str(l.strip_prefix(' ').unwrap_or(l));
                out.push('\n');
            }
        }
        if out.is_empty() {
            return Some(ok(HELP.into()));
        }
        return Some(ok(format!("kubectl {}", out.trim_end())));
    }
    if NOT_SIMULATED.contains(&cmd) {
        return Some(err(format!(
            "error: `kubectl {cmd}` is not simulated in CtrlScope; its console has {} (help lists them)",
            COMMANDS[..COMMANDS.len() - 2].join(", ")
        )));
    }
    if !COMMANDS.contains(&cmd) {
        return Some(err(format!(
            "error: unknown command {cmd:?} for \"kubectl\"\nRun 'kubectl --help' for usage."
        )));
    }
    None
}

/// Flags real kubectl has that CtrlScope does not simulate: naming them "unknown" would teach
/// that they do not exist (kubectl 1.34's cmd/logs, cmd/get, cmd/describe, cmd/delete and
/// the global flags).
#[rustfmt::skip]
fn real_flag(flag: &str, cmd: Option<&str>) -> bool {
    const GLOBAL: &[&str] = &[
        "--context", "--kubeconfig", "--cluster", "--user", "--server", "-s", "--token", "--as",
        "--as-group", "--as-uid", "--request-timeout", "-v", "--v", "--insecure-skip-tls-verify",
        "--certificate-authority", "--client-certificate", "--client-key", "--profile",
        "--cache-dir", "--match-server-version", "--warnings-as-errors", "--disable-compression",
    ];
    // The file flags of get, describe and delete (CtrlScope has no files).
    const FILES: &[&str] = &["-k", "--kustomize", "-R", "--recursive", "-f", "--filename"];
    let (own, files): (&[&str], bool) = match cmd {
        Some("logs") => (
            &[
                "--tail", "--timestamps", "--all-containers", "--prefix", "--since",
                "--since-time", "--limit-bytes", "--pod-running-timeout", "--ignore-errors",
                "--max-log-requests", "--all-pods", "--insecure-skip-tls-verify-backend",
            ],
            false,
        ),
        Some("get") => (
            &[
                "-L", "--label-columns", "--show-kind", "--chunk-size", "--ignore-not-found",
                "--server-print", "--show-managed-fields", "--template", "--raw", "--subresource",
                "--allow-missing-template-keys",
            ],
            true,
        ),
        Some("describe") => (&["--show-events", "--chunk-size"], true),
        Some("delete") => (
            &["--ignore-not-found", "--timeout", "--dry-run", "--raw", "-i", "--interactive"],
            true,
        ),
        _ => (&[], false),
    };
    GLOBAL.contains(&flag) || own.contains(&flag) || (files && FILES.contains(&flag))
}

/// pflag's error for a flag it does not know (`--x`, or `-x` as a shorthand), with cobra's hint.
/// A real kubectl flag CtrlScope lacks is said to be that, not unknown.
fn unknown_flag(w: &str, cmd: Option<&str>) -> String {
    let name = w.split('=').next().unwrap_or(w);
    let short = name.strip_prefix('-').filter(|s| !s.starts_with('-'));
    let flag = match short {
        // `-L3`: the shorthand is the first letter.
        Some(s) if s.len() > 1 => &name[..2],
        _ => name,
    };
    if real_flag(flag, cmd) {
        let which = cmd.map_or(String::new(), |c| format!(" {c}"));
        return format!(
            "error: {flag} is a kubectl{which} flag that CtrlScope does not simulate; see 'help' for what it does"
        );
    }
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

/// ` -n NAMESPACE` for a command about an object outside `default` (empty otherwise): what the
/// page adds to the commands its buttons type.
pub fn namespace_flag(namespace: &str) -> String {
    match namespace {
        "" | "default" => String::new(),
        ns => format!(" -n {ns}"),
    }
}

/// Runs one command line (with or without the leading `kubectl`).
pub fn run(sim: &mut Simulation, line: &str) -> ConsoleResult {
    let words = split_words(line);
    // A shell's operators, typed as in a terminal (`get pods | grep Running`): without this,
    // kubectl would be asked for objects named "|" and "grep".
    if let Some(op) = shell_operator(line) {
        return err(format!(
            "error: CtrlScope's console runs one kubectl command and has no shell: `{op}` is not supported. Run the kubectl part alone (`-o jsonpath`, `-o custom-columns`, `-l` and `--field-selector` filter output here)."
        ));
    }
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
            "--help" | "-h" => return ok(HELP.into()),
            w if w.starts_with('-') => return err(unknown_flag(w, None)),
            _ => break,
        }
    }
    words.extend(global);
    // Plain `kubectl` prints its help, as kubectl does; an empty line nothing.
    let Some((&cmd, rest)) = words.split_first() else {
        return ok(if line.trim().is_empty() {
            String::new()
        } else {
            HELP.into()
        });
    };
    // Cobra finds the command before it reads flags: an unknown or missing command is named as
    // such, whatever flags follow it.
    if let Some(r) = command_first(cmd, rest) {
        return r;
    }
    let mut flags = Flags::default();
    let mut args: Vec<&str> = Vec::new();
    let mut it = rest.iter();
    let value = |w: &str, name: &str| w.strip_prefix(name).map(|v| v.to_string());
    // Commands that take `-l SELECTOR`.
    let selects = matches!(cmd, "get" | "describe" | "delete" | "logs" | "log" | "wait");
    while let Some(&w) = it.next() {
        // pflag: a flag that takes a value and ends the line has none.
        let bool_p = w == "-p" && matches!(cmd, "logs" | "log");
        if it.as_slice().is_empty() && super::complete::VALUE_FLAGS.contains(&w) && !bool_p {
            let what = match w.strip_prefix("--") {
                Some(_) => w.to_string(),
                None => format!("'{}' in {w}", &w[1..]),
            };
            return err(format!(
                "error: flag needs an argument: {what}\nSee 'kubectl {cmd} --help' for usage."
            ));
        }
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
            "--field-selector" if matches!(cmd, "get" | "delete") => {
                flags.field_selector = it.next().map(|s| s.to_string())
            }
            w if matches!(cmd, "get" | "delete") && w.starts_with("--field-selector=") => {
                flags.field_selector = value(w, "--field-selector=")
            }
            w if selects && w.starts_with("--selector=") => {
                flags.selector = value(w, "--selector=")
            }
            "--all" if matches!(cmd, "delete" | "wait") => flags.all = true,
            // delete_flags.go: --cascade has NoOptDefVal "background".
            "--cascade" if cmd == "delete" => flags.cascade = Some("background".into()),
            w if cmd == "delete" && w.starts_with("--cascade=") => {
                flags.cascade = value(w, "--cascade=")
            }
            "--grace-period" if cmd == "delete" => {
                flags.grace_period = it.next().map(|s| s.to_string())
            }
            w if cmd == "delete" && w.starts_with("--grace-period=") => {
                flags.grace_period = value(w, "--grace-period=")
            }
            "--force" | "--force=true" if cmd == "delete" => flags.force = true,
            "--force=false" if cmd == "delete" => flags.force = false,
            "--now" | "--now=true" if cmd == "delete" => flags.now = true,
            "--now=false" if cmd == "delete" => flags.now = false,
            "--wait" if cmd == "delete" => flags.wait = Some("true".into()),
            w if cmd == "delete" && w.starts_with("--wait=") => flags.wait = value(w, "--wait="),
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
            "--previous" | "-p" if matches!(cmd, "logs" | "log") => flags.previous = true,
            "--ignore-daemonsets" | "--ignore-daemonsets=true" if cmd == "drain" => {
                flags.ignore_daemonsets = true
            }
            // No emptyDir volumes or unmanaged pods here: these change nothing.
            "--delete-emptydir-data" | "--force" | "--ignore-daemonsets=false"
                if cmd == "drain" => {}
            "-w" | "--watch" | "--previous" | "-p" => {}
            "--overwrite" if matches!(cmd, "label" | "taint") => flags.overwrite = true,
            w if matches!(cmd, "label" | "taint") && w.starts_with("--overwrite=") => {
                let v = &w["--overwrite=".len()..];
                // pflag's bool: strconv.ParseBool.
                flags.overwrite = match v {
                    "1" | "t" | "T" | "true" | "TRUE" | "True" => true,
                    "0" | "f" | "F" | "false" | "FALSE" | "False" => false,
                    _ => return err(format!("error: invalid argument {v:?} for \"--overwrite\" flag: strconv.ParseBool: parsing {v:?}: invalid syntax")),
                }
            }
            "-f" | "--follow" if matches!(cmd, "logs" | "log") => flags.follow = true,
            "-c" | "--container" => flags.container = it.next().map(|s| s.to_string()),
            // `-cmain`, `-c=main`, as pflag reads a short flag with its value.
            w if matches!(cmd, "logs" | "log")
                && w.starts_with("-c")
                && w.len() > 2
                && !w.starts_with("--") =>
            {
                flags.container = Some(w[2..].strip_prefix('=').unwrap_or(&w[2..]).to_string())
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
            w if w.starts_with("--container=") => flags.container = value(w, "--container="),
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
        "logs" | "log" => logs(sim, &args, &flags),
        "delete" => delete(sim, &args, &flags),
        "wait" => wait(sim, &args, &flags),
        "events" => events(sim, &args, &flags),
        "rollout" => rollout(sim, &args, &flags),
        "set" => set(sim, &args, &flags),
        "cordon" | "uncordon" => cordon(sim, cmd, &args),
        "drain" => drain(sim, &args, flags.ignore_daemonsets),
        "taint" => taint(sim, &args, flags.overwrite),
        "create" if args.first().is_some_and(|t| resource(t) == Some(Kind::Job)) => {
            create_job(sim, &args[1..], &flags)
        }
        "patch" => patch(sim, &args, &flags),
        "label" => label(sim, &args, flags.overwrite),
        "version" => {
            ok("Client Version: v1.34.0\nServer Version: v1.34.0 (CtrlScope simulation)".into())
        }
        "help" | "--help" | "-h" => ok(HELP.into()),
        other => err(format!(
            "error: unknown command {other:?} for \"kubectl\"\nRun 'kubectl --help' for usage."
        )),
    }
}

#[derive(Default)]
struct Flags {
    /// `delete --cascade` (`--cascade` alone is background).
    cascade: Option<String>,
    /// `delete --grace-period`, as typed.
    grace_period: Option<String>,
    /// `delete --force`, `--now`, `--wait`.
    force: bool,
    now: bool,
    wait: Option<String>,
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
    /// `get --field-selector`, `delete --field-selector`.
    field_selector: Option<String>,
    /// `delete --all`, `wait --all`.
    all: bool,
    /// `drain --ignore-daemonsets`.
    ignore_daemonsets: bool,
    /// `logs -f`, `-p`, `-c CONTAINER`.
    follow: bool,
    previous: bool,
    container: Option<String>,
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
    fn shows(&self, namespace: &str) -> bool {
        self.all_namespaces
            || namespace.is_empty()
            || namespace == self.namespace.as_deref().unwrap_or("default")
    }

    fn namespace(&self) -> &str {
        self.namespace.as_deref().unwrap_or("default")
    }

    /// A name is looked up in one namespace (cli-runtime resource/builder.go `visitByName`):
    /// `-n`, else `default`; nodes in none; with `-A` a name is an error. The store keys objects
    /// by kind and name alone, so an object of that name in another namespace is kubectl's
    /// NotFound here, followed by a CtrlScope line saying where it is.
    fn named(&self, sim: &Simulation, kind: Kind, name: &str) -> Result<(), Box<ConsoleResult>> {
        if kind == Kind::Node {
            return Ok(());
        }
        if self.all_namespaces {
            return Err(Box::new(err(
                "error: a resource cannot be retrieved by name across all namespaces".into(),
            )));
        }
        match namespace_of(sim, kind, name) {
            Some(ns) if !ns.is_empty() && ns != self.namespace() => Err(Box::new(err(format!(
                "{}\n(CtrlScope: {} {name:?} is in namespace {ns}: add -n {ns})",
                not_found_message(kind, name),
                kind.as_str().to_ascii_lowercase()
            )))),
            _ => Ok(()),
        }
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
                    "Error from server (BadRequest): Unable to find \"{}\" that match label selector {}, field selector {}: {e}",
                    kind.map_or("", group_version_resource),
                    go_quote(self.selector.as_deref().unwrap_or_default()),
                    go_quote(self.field_selector.as_deref().unwrap_or_default())
                )
            }),
        }
    }

    /// `--field-selector`, parsed and checked against the fields `kind` can be selected by, as
    /// the API server does (None when absent or empty); refused together with names.
    fn field_selector(&self, kind: Kind, named: bool) -> Result<Option<FieldSelector>, String> {
        let Some(text) = self
            .field_selector
            .as_deref()
            .filter(|t| !t.trim().is_empty())
        else {
            return Ok(None);
        };
        // cli-runtime's visitBySelector refuses names before the server sees the selector.
        if named {
            return Err("error: name cannot be provided when a selector is specified".into());
        }
        let refuse = |e: String| {
            format!(
                "Error from server (BadRequest): Unable to find \"{}\" that match label selector {}, field selector {}: {e}",
                group_version_resource(kind),
                go_quote(self.selector.as_deref().unwrap_or_default()),
                go_quote(text)
            )
        };
        let Some(sel) = parse_field_selector(text).map_err(refuse)? else {
            return Ok(None);
        };
        match sel.unsupported(kind) {
            Some(e) => Err(refuse(e)),
            None => Ok(Some(sel)),
        }
    }
}

/// The first shell operator outside quotes (`|`, `>`, `<`, `;`, `&&`, `&`), as a shell would
/// take it before kubectl saw the words.
fn shell_operator(line: &str) -> Option<&'static str> {
    let (mut single, mut double, mut escaped) = (false, false, false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if !single => escaped = true,
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            _ if single || double => {}
            '|' => return Some("|"),
            '>' => return Some(">"),
            '<' => return Some("<"),
            ';' => return Some(";"),
            '&' if chars.peek() == Some(&'&') => return Some("&&"),
            '&' => return Some("&"),
            _ => {}
        }
    }
    None
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
        // get.go Complete: cmdutil.UsageErrorf, with the `explain` hint (a sibling command).
        return err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples".into());
    };
    // `TYPE NAME...` or `TYPE/NAME...` (ResourceTypeOrNameArgs).
    let (types, names): (String, Vec<&str>) = match types.split_once('/') {
        Some((t, _)) => {
            let mut names = Vec::new();
            for a in args {
                match a.split_once('/') {
                    Some((t2, n)) if resource(t2).is_some() && resource(t2) == resource(t) => {
                        names.push(n)
                    }
                    Some(_) => return err("error: CtrlScope gets TYPE/NAME arguments of one type at a time".into()),
                    None => return err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into()),
                }
            }
            (t.to_string(), names)
        }
        None => (types.to_string(), args[1..].to_vec()),
    };
    // kubectl goes on past a name it does not find (ContinueOnError) and reports it after.
    let mut missing: Vec<String> = Vec::new();
    let mut r = get_named(sim, &types, &names, flags, &mut missing);
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

fn get_named(
    sim: &mut Simulation,
    types: &str,
    names: &[&str],
    flags: &Flags,
    missing: &mut Vec<String>,
) -> ConsoleResult {
    let mut wanted: Vec<&str> = names.to_vec();
    let name = wanted.first().copied();
    let mut kinds = Vec::new();
    for t in types.split(',') {
        if t == "all" {
            // The "all" category in discovery order: the core group, apps, then batch, whose
            // resources the API server lists alphabetically (installer.go sorts the paths), so
            // cronjobs come before jobs.
            kinds.extend([Kind::Pod, Kind::DaemonSet, Kind::CronJob, Kind::Job]);
            continue;
        }
        match resource(t) {
            Some(k) => kinds.push(k),
            None if types == t && matches!(t, "ns" | "namespace" | "namespaces") => {
                return get_namespaces(sim, &wanted, flags);
            }
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
    let several = wanted.len() > 1;
    for &k in &kinds {
        let mut kept = Vec::new();
        for n in wanted {
            match flags.named(sim, k, n) {
                Ok(()) => kept.push(n),
                Err(r) if several => missing.push(r.output),
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
                let vals: Vec<serde_json::Value> = v.iter().map(|o| super::api_value(*o)).collect();
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
                        Some(_) => wanted.contains(&o.metadata.name.as_str()),
                        None => {
                            flags.shows(&o.metadata.namespace)
                                && selected(&o.metadata.labels)
                                && field_match(kind, &|| super::api_value(*o))
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
            Kind::Node => node_rows(&stored!(Node), now, wide),
            Kind::ControllerRevision => controllerrevision_rows(&stored!(ControllerRevision), now),
            Kind::Event => {
                let all: Vec<Event> = sim.cluster.all_events();
                let mut v: Vec<&Event> = all
                    .iter()
                    .filter(|e| {
                        flags.shows(&e.metadata.namespace)
                            && selected(&e.metadata.labels)
                            && field_match(kind, &|| super::api_value(*e))
                    })
                    .collect();
                // The API server lists in key order (namespace, then name: the object's name
                // and the hex time, client-go event.go makeEvent), so an object's Events come
                // together and not by time; kubectl sorts only with --sort-by.
                crate::sort::sort_by(&mut v, |a, b| {
                    (&a.metadata.namespace, &a.metadata.name)
                        .cmp(&(&b.metadata.namespace, &b.metadata.name))
                });
                event_rows(&pick!(v), now, wide)
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
    let single = name.is_some() && !several && objects.len() == 1;
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
        Printer::Json => ok(super::jsonpath::kubectl_json(&doc)),
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
/// genericclioptions PrintFlags.AllowedFormats, sorted as kubectl prints them.
const ALLOWED_FORMATS: &str = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

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
            let path = JsonPath::parse_go_template(&jsonpath)
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
    if args.is_empty() {
        // describe.go Complete.
        return err("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.".into());
    }
    // `TYPE NAME...` or `TYPE/NAME...` (ResourceTypeOrNameArgs): each name described in turn;
    // one that is not found is reported after the others (ContinueOnError).
    let mut targets: Vec<(Kind, Option<&str>)> = Vec::new();
    if args[0].contains('/') {
        for a in args {
            match type_and_name(&[a]) {
                Ok(t) => targets.push(t),
                Err(e) => return err(e),
            }
        }
    } else {
        let kind = match type_and_name(&args[..1]) {
            Ok((k, _)) => k,
            Err(e) => return err(e),
        };
        match &args[1..] {
            [] => targets.push((kind, None)),
            names => targets.extend(names.iter().map(|n| (kind, Some(*n)))),
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for (kind, name) in targets {
        match describe_target(sim, kind, name, flags) {
            Ok(mut texts) => out.append(&mut texts),
            Err(r) if r.error => errors.push(r.output),
            Err(r) => out.push(r.output),
        }
    }
    let mut text = out.join("\n\n");
    for e in &errors {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(e);
    }
    ConsoleResult {
        output: text,
        error: !errors.is_empty(),
        action: None,
        follow: None,
    }
}

/// One `TYPE [NAME]` of a describe: its texts, or the answer instead (an error, "No resources").
fn describe_target(
    sim: &Simulation,
    kind: Kind,
    name: Option<&str>,
    flags: &Flags,
) -> Result<Vec<String>, Box<ConsoleResult>> {
    let selector = match flags.label_selector(Some(kind), name.is_some()) {
        Ok(s) => s,
        Err(e) => return Err(Box::new(err(e))),
    };
    if matches!(kind, Kind::Event | Kind::ControllerRevision) {
        return Err(Box::new(err(format!(
            "error: CtrlScope describes pods, jobs, cronjobs, daemonsets and nodes, not {}",
            plural(kind)
        ))));
    }
    let listed = selected_names(sim, kind, flags, selector.as_ref(), None);
    let names: Vec<String> = match name {
        Some(n) => match flags.named(sim, kind, n) {
            Ok(()) if exists(sim, kind, n) => vec![n.to_string()],
            Err(r) if flags.all_namespaces => return Err(r),
            // NotFound: the objects of the namespace whose names start with it, else the error.
            found => {
                let matching: Vec<String> =
                    listed.into_iter().filter(|m| m.starts_with(n)).collect();
                if matching.is_empty() {
                    return Err(found.err().unwrap_or_else(|| Box::new(not_found(kind, n))));
                }
                matching
            }
        },
        None => listed,
    };
    if names.is_empty() {
        return Err(Box::new(ok(if flags.all_namespaces {
            "No resources found".into()
        } else {
            format!("No resources found in {} namespace.", flags.namespace())
        })));
    }
    let mut out = Vec::new();
    // The Events of every object described, read in one pass (once per object, `describe
    // pods` of a 25 000-pod Job read 137 000 Events 25 000 times).
    let mut by_name = sim.cluster.events_by_name(kind);
    for n in names {
        let owned = by_name.remove(n.as_str()).unwrap_or_default();
        match describe_one(sim, kind, &n, owned) {
            Ok(s) => out.push(s),
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

fn describe_one(
    sim: &Simulation,
    kind: Kind,
    name: &str,
    owned: Vec<Event>,
) -> Result<String, Box<ConsoleResult>> {
    let now = sim.now();
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
            describe_node(n, &pods, &events, now, sim.node_lease(name))
        }
        _ => {
            return Err(Box::new(err(format!(
                "error: describe is not supported for {kind} here"
            ))))
        }
    })
}

fn logs(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let Some(target) = args.first() else {
        return err("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples".into());
    };
    let named = match target.split_once('/') {
        Some(("job" | "jobs" | "job.batch", name)) => Some((Kind::Job, name)),
        Some(("daemonset" | "daemonsets" | "ds" | "daemonset.apps", name)) => {
            Some((Kind::DaemonSet, name))
        }
        Some(("pod" | "pods" | "po", name)) => Some((Kind::Pod, name)),
        Some(_) => None,
        None => Some((Kind::Pod, *target)),
    };
    if let Some(Err(r)) = named.map(|(kind, name)| flags.named(sim, kind, name)) {
        return *r;
    }
    let store = &sim.cluster.store;
    // A Job or DaemonSet: the first of its pods as kubectl ranks them for logs
    // (polymorphichelpers logsForObject → GetFirstPod, podutils.ByLogging).
    let owned = |kind: Kind, name: &str| -> Result<(&Pod, usize), Box<ConsoleResult>> {
        let uid = match kind {
            Kind::Job => store.get::<Job>(name).map(|j| &j.metadata.uid),
            _ => store.get::<DaemonSet>(name).map(|d| &d.metadata.uid),
        };
        let Some(uid) = uid else {
            return Err(Box::new(not_found(kind, name)));
        };
        let mut pods = store.dependents::<Pod>(uid);
        crate::sort::sort_by(&mut pods, |a, b| by_logging(a, b));
        pods.first().map(|p| (*p, pods.len())).ok_or_else(|| {
            let plural = if kind == Kind::Job {
                "jobs"
            } else {
                "daemonsets"
            };
            Box::new(err(format!(
                "error: timed out waiting for the condition on {plural}/{name}"
            )))
        })
    };
    // logsForObject says which pod it took (on stderr) when there were several.
    let found_note = |(p, n): (&Pod, usize)| match n {
        0 | 1 => String::new(),
        n => format!("Found {n} pods, using pod/{}\n", p.metadata.name),
    };
    let mut found = String::new();
    let pod = match target.split_once('/') {
        Some(("job" | "jobs" | "job.batch", name)) => match owned(Kind::Job, name) {
            Ok(r) => {
                found = found_note(r);
                r.0
            }
            Err(r) => return *r,
        },
        Some(("daemonset" | "daemonsets" | "ds" | "daemonset.apps", name)) => {
            match owned(Kind::DaemonSet, name) {
                Ok(r) => {
                    found = found_note(r);
                    r.0
                }
                Err(r) => return *r,
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
    // polymorphichelpers/logsforobject.go: the container named by -c, else the one the
    // `kubectl.kubernetes.io/default-container` annotation names, else the first (saying so
    // when the pod has others, init containers included: podcmd.AllContainerNames).
    let mut notes = found;
    let annotated = pod
        .metadata
        .annotations
        .get("kubectl.kubernetes.io/default-container")
        .filter(|n| !n.is_empty());
    let mut container = flags.container.clone();
    if container.is_none() {
        if let Some(n) = annotated {
            if find_container(pod, n) {
                container = Some(n.clone());
            } else {
                notes.push_str(&format!(
                    "Default container name {n:?} not found in pod {}\n",
                    pod.metadata.name
                ));
            }
        }
    }
    if container.is_none() {
        let first = pod.spec.containers.first().map(|c| c.name.clone());
        if pod.spec.containers.len() > 1 || !pod.spec.init_containers.is_empty() {
            let all: Vec<String> = pod
                .spec
                .containers
                .iter()
                .map(|c| c.name.clone())
                .chain(
                    pod.spec
                        .init_containers
                        .iter()
                        .map(|c| format!("{} (init)", c.name)),
                )
                .collect();
            notes.push_str(&format!(
                "Defaulted container {:?} out of: {}\n",
                first.clone().unwrap_or_default(),
                all.join(", ")
            ));
        }
        container = first;
    }
    if let Some(c) = container.as_deref().filter(|c| !find_container(pod, c)) {
        return err(format!(
            "{notes}error: container {c} is not valid for pod {}",
            pod.metadata.name
        ));
    }
    let which = LogOptions {
        container: container.as_deref(),
        previous: flags.previous,
    };
    let defaulted = notes;
    if flags.follow && !flags.previous {
        if let Err(e) = logs_of(pod, which, sim.now()) {
            return err(format!("Error from server (BadRequest): {e}"));
        }
        let pod = pod.clone();
        return match LogStream::start(sim, &pod, container.clone()) {
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
    match logs_of(pod, which, sim.now()) {
        Ok(s) => ok(format!("{defaulted}{}", s.trim_end_matches('\n'))),
        Err(e) => err(format!("{defaulted}Error from server (BadRequest): {e}")),
    }
}

/// podcmd.FindContainerByName: a container or an init container of that name.
fn find_container(pod: &Pod, name: &str) -> bool {
    pod.spec
        .containers
        .iter()
        .chain(&pod.spec.init_containers)
        .any(|c| c.name == name)
}

/// kubectl's podutils.ByLogging: the pod whose log is most worth showing first. Assigned before
/// unassigned; Running (and terminal) before Unknown before Pending; ready before not, ready
/// longer first; more container restarts first; older first (then by name, for a stable pick).
fn by_logging(a: &Pod, b: &Pod) -> std::cmp::Ordering {
    use crate::controllers::daemonset::is_ready;
    let phase = |p: &Pod| match p.status.phase.as_str() {
        "Unknown" => 1,
        "Pending" => 2,
        _ => 0,
    };
    let ready_at = |p: &Pod| {
        p.status
            .conditions
            .iter()
            .find(|c| c.type_ == "Ready" && c.status == "True")
            .and_then(|c| c.last_transition_time)
    };
    let restarts = |p: &Pod| {
        p.status
            .container_statuses
            .iter()
            .map(|c| c.restart_count)
            .max()
            .unwrap_or(0)
    };
    a.spec
        .node_name
        .is_empty()
        .cmp(&b.spec.node_name.is_empty())
        .then(phase(a).cmp(&phase(b)))
        .then(is_ready(b).cmp(&is_ready(a)))
        .then_with(
            || match (is_ready(a) && is_ready(b), ready_at(a), ready_at(b)) {
                (true, Some(x), Some(y)) => x.cmp(&y),
                _ => std::cmp::Ordering::Equal,
            },
        )
        .then(restarts(b).cmp(&restarts(a)))
        .then(
            a.metadata
                .creation_timestamp
                .cmp(&b.metadata.creation_timestamp),
        )
        .then(a.metadata.name.cmp(&b.metadata.name))
}

/// `kubectl logs -l SELECTOR`: each matching pod's log, the last 10 lines of each (logs.go:
/// `--tail` defaults to 10 when a selector is given), pods in name order.
fn logs_selected(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    if flags.follow {
        return err("error: CtrlScope follows one pod's log: kubectl logs -f POD".into());
    }
    let selector = match flags.label_selector(Some(Kind::Pod), !args.is_empty()) {
        Ok(Some(s)) => s,
        Ok(None) => return logs(sim, args, flags),
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
    let which = LogOptions {
        container: flags.container.as_deref(),
        previous: flags.previous,
    };
    let mut out = String::new();
    for pod in pods {
        match logs_of(pod, which, sim.now()) {
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
/// pflag's bool (`strconv.ParseBool`).
fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

/// How `kubectl delete` deletes (delete_flags.go, delete.go `Complete` and `Validate`): the
/// propagation, whether it is a force delete (grace period 0), and the warnings it prints.
struct DeleteHow {
    orphan: bool,
    /// `--cascade=foreground`.
    foreground: bool,
    force: bool,
    /// The grace period asked for (`--grace-period`, `--now`), -1 for the pod's own.
    grace: i64,
    warnings: Vec<String>,
}

fn delete_how(flags: &Flags) -> Result<DeleteHow, String> {
    let mut warnings = Vec::new();
    // parseCascadingFlag: the three words, or a deprecated boolean.
    let foreground = flags.cascade.as_deref() == Some("foreground");
    let orphan = match flags.cascade.as_deref() {
        None | Some("background" | "foreground") => false,
        Some("orphan") => true,
        Some(v) => match parse_bool(v) {
            Some(b) => {
                let now = if b { "background" } else { "orphan" };
                warnings.push(format!(
                    "warning: --cascade={v} is deprecated (boolean value) and can be replaced with --cascade={now}."
                ));
                !b
            }
            None => {
                return Err(format!(
                    "error: invalid cascade value ({v}). Must be \"background\", \"foreground\", or \"orphan\""
                ))
            }
        },
    };
    // --wait (true by default) only makes kubectl wait for the object to be gone: here the
    // answer comes at once either way.
    if let Some(v) = flags.wait.as_deref() {
        parse_bool(v).ok_or_else(|| {
            format!("error: invalid argument {v:?} for \"--wait\" flag: strconv.ParseBool: parsing {v:?}: invalid syntax")
        })?;
    }
    let mut grace: i64 = match flags.grace_period.as_deref() {
        None => -1,
        Some(v) => v.parse().map_err(|_| {
            // strconv.ParseInt's two errors: digits too many for 64 bits, or not a number.
            let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
            let why = match !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                true => "value out of range",
                false => "invalid syntax",
            };
            format!("error: invalid argument {v:?} for \"--grace-period\" flag: strconv.ParseInt: parsing {v:?}: {why}")
        })?,
    };
    // delete.go Complete: --now is 1 s; 0 without --force is 1 (graceful); --force alone is 0.
    if flags.now {
        if grace != -1 {
            return Err("error: --now and --grace-period cannot be specified together".into());
        }
        grace = 1;
    }
    if grace == 0 && !flags.force {
        grace = 1;
    }
    if flags.force && grace < 0 {
        grace = 0;
    }
    // Validate: the warning a force delete prints (its WarningPrinter), or the refusal.
    let force = flags.force;
    if force && grace > 0 {
        return Err(
            "error: --force and --grace-period greater than 0 cannot be specified together".into(),
        );
    }
    if force {
        warnings.push("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.".into());
    }
    Ok(DeleteHow {
        orphan,
        foreground,
        force,
        grace,
        warnings,
    })
}

fn delete(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let how = match delete_how(flags) {
        Ok(h) => h,
        Err(e) => return err(e),
    };
    let (kind, names, selected) = match targets(sim, args, flags) {
        Ok(t) => t,
        Err(e) => return err(e),
    };
    if selected && names.is_empty() {
        return ok("No resources found".into());
    }
    // ContinueOnError: the names found are deleted, each one missing is reported after.
    let mut missing: Vec<String> = Vec::new();
    let mut names = names;
    if !selected {
        let several = names.len() > 1;
        let mut kept = Vec::new();
        for n in names {
            match flags.named(sim, kind, &n) {
                Err(r) if !several => return *r,
                Err(r) => missing.push(r.output),
                Ok(()) if several && !exists(sim, kind, &n) => {
                    missing.push(not_found(kind, &n).output)
                }
                Ok(()) => kept.push(n),
            }
        }
        names = kept;
    }
    if names.is_empty() {
        return err(missing.join("\n"));
    }
    let name = names.join(",");
    let name = name.as_str();
    // A pod has no dependents here: orphaning changes nothing for it (nor for a node).
    let action = match kind {
        Kind::Pod if how.force => Action::DeletePodGrace(name.to_string(), 0),
        Kind::Pod if how.grace > 0 => Action::DeletePodGrace(name.to_string(), how.grace),
        Kind::Pod => Action::DeletePod(name.to_string()),
        Kind::Node => Action::RemoveNode(name.to_string()),
        Kind::Job | Kind::CronJob | Kind::DaemonSet if how.orphan => {
            Action::DeleteOrphan(kind, name.to_string())
        }
        Kind::Job | Kind::CronJob | Kind::DaemonSet if how.foreground => {
            Action::DeleteForeground(kind, name.to_string())
        }
        Kind::Job | Kind::CronJob | Kind::DaemonSet => Action::Delete(kind, name.to_string()),
        _ => {
            return err(format!(
                "error: deleting {} objects is not supported here",
                kind.as_str()
            ))
        }
    };
    let verb = if how.force {
        "force deleted"
    } else {
        "deleted"
    };
    let warnings = how.warnings.join("\n");
    let lines = |_: &str| {
        let done = names
            .iter()
            .map(|n| format!("{} {n:?} {verb}", kubectl_resource(kind)))
            .collect::<Vec<_>>()
            .join("\n");
        if warnings.is_empty() {
            done
        } else {
            format!("{warnings}\n{done}")
        }
    };
    let mut r = perform(sim, action, lines, kind, name);
    if !missing.is_empty() {
        r.output = format!("{}\n{}", r.output, missing.join("\n"));
        r.error = true;
    }
    r
}

/// What `delete` and `wait` act on: `TYPE NAME...`, `TYPE/NAME...`, or the objects `-l` or
/// `--all` select, listed by name. Returns the kind, the names and whether they were selected.
fn targets(
    sim: &Simulation,
    args: &[&str],
    flags: &Flags,
) -> Result<(Kind, Vec<String>, bool), String> {
    let (kind, names) = resource_targets(args)?;
    // delete.go Validate.
    let given = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
    if flags.all && given(&flags.selector) {
        return Err("error: cannot set --all and --selector at the same time".into());
    }
    if flags.all && given(&flags.field_selector) {
        return Err("error: cannot set --all and --field-selector at the same time".into());
    }
    let selector = flags.label_selector(Some(kind), !names.is_empty())?;
    let fields = flags.field_selector(kind, !names.is_empty())?;
    if flags.all || selector.is_some() || fields.is_some() {
        if !names.is_empty() {
            return Err("error: name cannot be provided when a selector is specified".into());
        }
        let listed = selected_names(sim, kind, flags, selector.as_ref(), fields.as_ref());
        return Ok((kind, listed, true));
    }
    if names.is_empty() {
        return Err("error: resource(s) were provided, but no name was specified".into());
    }
    Ok((kind, names, false))
}

/// `kubectl get namespaces`: the four every cluster starts with and any other one an object is
/// in, all Active since the cluster's start (CtrlScope keeps no Namespace objects).
fn get_namespaces(sim: &Simulation, names: &[&str], flags: &Flags) -> ConsoleResult {
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
    for n in names {
        if !all.iter().any(|a| a == n) {
            return err(format!(
                "Error from server (NotFound): namespaces {} not found",
                go_quote(n)
            ));
        }
    }
    let shown: Vec<&String> = all
        .iter()
        .filter(|a| names.is_empty() || names.contains(&a.as_str()))
        .collect();
    let age = super::translate_timestamp_since(Some(sim.cluster.start), sim.now());
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
            ok(get_table(&["NAME", "STATUS", "AGE"], &rows).trim_end().to_string())
        }
        o => err(format!(
            "error: CtrlScope keeps no Namespace objects: kubectl get namespaces prints a table or -o name, not -o {o}"
        )),
    }
}

/// The names of the objects of `kind` in the namespace (nodes: all) the selector matches (all
/// without one), as kubectl lists them before acting on each by name.
fn selected_names(
    sim: &Simulation,
    kind: Kind,
    flags: &Flags,
    selector: Option<&LabelSelector>,
    fields: Option<&FieldSelector>,
) -> Vec<String> {
    sim.cluster
        .store
        .all_objects()
        .into_iter()
        .filter(|o| o.kind() == kind && flags.shows(&o.metadata().namespace))
        .filter(|o| selector.is_none_or(|s| s.matches(&o.metadata().labels)))
        .filter(|o| fields.is_none_or(|f| f.matches(&super::api_value(o))))
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
    let (kind, mut names, selected) = match targets(sim, args, flags) {
        Ok(t) => t,
        Err(e) => return err(e),
    };
    if for_ == WaitFor::Delete {
        // RunWait ignores NotFound for --for=delete: a missing object is no wait at all.
        if let (false, Some(Err(r))) = (selected, names.first().map(|n| flags.named(sim, kind, n)))
        {
            if flags.all_namespaces {
                return *r;
            }
        }
        names.retain(|n| exists(sim, kind, n) && flags.named(sim, kind, n).is_ok());
    } else if names.is_empty() {
        return err("error: no matching resources found".into());
    } else if !selected {
        for n in &names {
            if let Err(r) = flags.named(sim, kind, n) {
                return *r;
            }
        }
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

/// The namespace of the stored object of `kind` named `name`, if there is one.
fn namespace_of<'a>(sim: &'a Simulation, kind: Kind, name: &str) -> Option<&'a str> {
    let st = &sim.cluster.store;
    let meta = match kind {
        Kind::Pod => st.get::<Pod>(name).map(|o| &o.metadata),
        Kind::Job => st.get::<Job>(name).map(|o| &o.metadata),
        Kind::CronJob => st.get::<CronJob>(name).map(|o| &o.metadata),
        Kind::DaemonSet => st.get::<DaemonSet>(name).map(|o| &o.metadata),
        Kind::ControllerRevision => st.get::<ControllerRevision>(name).map(|o| &o.metadata),
        Kind::Node | Kind::Event => None,
    };
    meta.map(|m| m.namespace.as_str())
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
            serde_json::json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name, "namespace": flags.namespace()},
                "spec": {"template": {"spec": {"containers": [c], "restartPolicy": "Never"}}}})
        }
        (None, from) => {
            let from = from.unwrap_or_default();
            let cj = match type_and_name(&[from]) {
                Ok((Kind::CronJob, Some(n))) => {
                    if let Err(r) = flags.named(sim, Kind::CronJob, n) {
                        return *r;
                    }
                    match sim.cluster.store.get::<CronJob>(n) {
                        Some(cj) => cj,
                        None => return not_found(Kind::CronJob, n),
                    }
                }
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
    if let Err(r) = flags.named(sim, kind, name) {
        return *r;
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
                    && errs
                        .iter()
                        .all(|e| crate::manifest::unknown_field(&e.message).is_some()) =>
            {
                for e in &errs {
                    remove_path(&mut sent, &e.field);
                    remove_path(&mut doc, &e.field);
                    let field = crate::manifest::unknown_field(&e.message).unwrap_or_default();
                    warnings.push_str(&format!("Warning: {field}\n"));
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
        Some(&sub @ ("status" | "history" | "undo" | "restart" | "pause" | "resume")) => sub,
        Some(other) => {
            return err(format!(
                "error: unknown command {other:?} for \"kubectl rollout\""
            ))
        }
        None => {
            return err(
                "error: required subcommand: history, pause, restart, resume, status or undo"
                    .into(),
            )
        }
    };
    let (kind, name) = match type_and_name(&args[1..]) {
        Ok((k, Some(n))) => (k, n),
        Ok((_, None)) => return err("error: required resource name not specified".into()),
        Err(_) if args.len() < 2 => return err("error: required resource not specified".into()),
        Err(e) => return err(e),
    };
    if let Err(r) = flags.named(sim, kind, name) {
        return *r;
    }
    let found = match kind {
        Kind::Pod => sim.cluster.store.contains::<Pod>(name),
        Kind::ControllerRevision => sim.cluster.store.contains::<ControllerRevision>(name),
        Kind::Event => false,
        _ => sim.existing(kind, name).is_some(),
    };
    if !found {
        return not_found(kind, name);
    }
    // Only a Deployment pauses (polymorphichelpers defaultObjectPauser/Resumer); rollout_pause.go
    // reports the error per object.
    if matches!(sub, "pause" | "resume") {
        let verb = if sub == "pause" {
            "pausing"
        } else {
            "resuming"
        };
        return err(format!(
            "error: {} {name:?} {verb} is not supported",
            plural(kind)
        ));
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
fn set(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
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
    if let Err(r) = flags.named(sim, kind, name) {
        return *r;
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
    if args.is_empty() {
        return err(format!("error: USAGE: {cmd} NODE [flags]"));
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

/// `kubectl drain NODE` (kubectl/pkg/cmd/drain, pkg/drain): the node is cordoned first; a
/// DaemonSet's pod cannot be evicted (its controller would put it back), so without
/// --ignore-daemonsets kubectl stops there with its error; with it, the other pods are evicted.
fn drain(sim: &mut Simulation, args: &[&str], ignore_daemonsets: bool) -> ConsoleResult {
    let [node] = args else {
        return err(
            "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples".into(),
        );
    };
    if sim.cluster.store.get::<Node>(node).is_none() {
        return not_found(Kind::Node, node);
    }
    if !ignore_daemonsets {
        let daemons: Vec<String> = sim
            .drain_plan(node)
            .1
            .iter()
            .map(|p| format!("{}/{}", p.metadata.namespace, p.metadata.name))
            .collect();
        if !daemons.is_empty() {
            let action = Action::Cordon(node.to_string());
            let cordoned = sim.perform(&action).unwrap_or_default();
            let why = format!(
                "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): {}",
                daemons.join(", ")
            );
            return ConsoleResult {
                output: format!(
                    "{cordoned}\nerror: unable to drain node {node:?} due to error: {why}, continuing command...\nThere are pending nodes to be drained:\n {node}\n{why}"
                ),
                error: true,
                action: Some(action),
                follow: None,
            };
        }
    }
    let action = Action::Drain(node.to_string());
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

/// `kubectl taint` (staging/src/k8s.io/kubectl/pkg/cmd/taint: taint.go, utils.go): every
/// `key[=value]:Effect` to add and `key[:Effect]-` to remove, parsed and checked as kubectl
/// does (an existing key and effect needs --overwrite; a removal must find its taint), then one
/// update of the node: `tainted`, `untainted` or `modified`.
fn taint(sim: &mut Simulation, args: &[&str], overwrite: bool) -> ConsoleResult {
    const USAGE: &str =
        "error: at least one taint update is required\nUsage: kubectl taint nodes NODE key[=value]:Effect[-]";
    // taint.go Complete: every node named before the first taint change (`key=v:E`, `key-`).
    let (names, specs): (Vec<&str>, Vec<&str>) = {
        let is_taint = |s: &str| s.contains('=') || s.contains(':') || s.ends_with('-');
        let typed = args
            .first()
            .is_some_and(|t| resource(t) == Some(Kind::Node));
        let mut names = Vec::new();
        let mut specs = Vec::new();
        for a in args.iter().skip(usize::from(typed)) {
            let slashed = a
                .split_once('/')
                .filter(|(t, _)| !typed && resource(t) == Some(Kind::Node));
            match (specs.is_empty(), slashed) {
                (true, Some((_, n))) => names.push(n),
                (true, None) if typed && !is_taint(a) => names.push(*a),
                (false, _) if !is_taint(a) => {
                    return err(format!(
                        "error: all resources must be specified before taint changes: {a}"
                    ))
                }
                _ => specs.push(*a),
            }
        }
        (names, specs)
    };
    if names.is_empty() {
        return err(USAGE.into());
    }
    if specs.is_empty() {
        return err("error: at least one taint update is required".into());
    }
    let (add, remove) = match parse_taints(&specs) {
        Ok(x) => x,
        Err(e) => return err(format!("error: {e}")),
    };
    let mut lines = Vec::new();
    let mut updated = Vec::new();
    let mut failure = None;
    for node in &names {
        let Some(old) = sim.cluster.store.get::<Node>(node) else {
            failure = Some(not_found(Kind::Node, node).output);
            break;
        };
        match retaint(old, &add, &remove, overwrite) {
            Ok((taints, word)) => {
                lines.push(format!("node/{node} {word}"));
                // spec.unschedulable stays: the node lifecycle controller puts its taint back.
                let mut n = old.clone();
                n.spec.taints = taints;
                updated.push(n);
            }
            Err(e) => {
                failure = Some(format!("error: {e}"));
                break;
            }
        }
    }
    // One node and one change is one recorded action as before; otherwise the nodes' update.
    let action = match (updated.as_slice(), add.as_slice(), remove.as_slice()) {
        ([], ..) => None,
        ([n], [t], []) => Some(Action::TaintNode {
            name: n.metadata.name.clone(),
            taint: t.clone(),
        }),
        ([n], [], [(key, effect)]) => Some(Action::UntaintNode {
            name: n.metadata.name.clone(),
            key: match effect {
                Some(e) => format!("{key}:{e}"),
                None => key.clone(),
            },
        }),
        _ => Some(Action::Apply(
            updated.into_iter().map(crate::api::Object::Node).collect(),
        )),
    };
    if let Some(a) = &action {
        if let Err(e) = sim.perform(a) {
            return err(format!("error: {e}"));
        }
    }
    lines.extend(failure.iter().cloned());
    ConsoleResult {
        output: lines.join("\n"),
        error: failure.is_some(),
        action,
        follow: None,
    }
}

/// One node's taints after the changes (taint.go `updateTaints`: `checkIfTaintsAlreadyExists`,
/// `reorganizeTaints`), and kubectl's word for it: `tainted`, `untainted` or `modified`.
fn retaint(
    old: &Node,
    add: &[Taint],
    remove: &[TaintRemoval],
    overwrite: bool,
) -> Result<(Vec<Taint>, &'static str), String> {
    let node = &old.metadata.name;
    if !overwrite {
        let exists: Vec<&str> = add
            .iter()
            .filter(|t| {
                old.spec
                    .taints
                    .iter()
                    .any(|o| o.key == t.key && o.effect == t.effect)
            })
            .map(|t| t.key.as_str())
            .collect();
        if !exists.is_empty() {
            return Err(format!(
                "node {node} already has {} taint(s) with same effect(s) and --overwrite is false",
                exists.join(",")
            ));
        }
    }
    // reorganizeTaints: the new ones, the old ones not replaced, minus the removals.
    let mut taints = add.to_vec();
    let mut added = false;
    for o in &old.spec.taints {
        if !taints
            .iter()
            .any(|t| t.key == o.key && t.effect == o.effect)
        {
            taints.push(o.clone());
        } else {
            added = true;
        }
    }
    added = added || add.iter().any(|t| !old.spec.taints.contains(t));
    let mut errors = Vec::new();
    let mut deleted = false;
    for (key, effect) in remove {
        let before = taints.len();
        taints.retain(|t| !(t.key == *key && effect.as_ref().is_none_or(|e| *e == t.effect)));
        deleted = taints.len() < before;
        if !deleted {
            let shown = match effect {
                Some(e) => format!("{key}:{e}"),
                None => key.clone(),
            };
            errors.push(format!("taint {shown:?} not found"));
        }
    }
    match errors.len() {
        0 => {}
        1 => return Err(errors.remove(0)),
        _ => return Err(format!("[{}]", errors.join(", "))),
    }
    let word = if (added && deleted) || overwrite {
        "modified"
    } else if added {
        "tainted"
    } else {
        "untainted"
    };
    Ok((taints, word))
}

/// A taint removal: its key and, if given, its effect.
type TaintRemoval = (String, Option<String>);

/// taint utils.go `parseTaints` and `parseTaint`, with their messages.
fn parse_taints(specs: &[&str]) -> Result<(Vec<Taint>, Vec<TaintRemoval>), String> {
    let effect_ok = |e: &str| {
        if matches!(e, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
            Ok(())
        } else {
            Err(format!(
                "invalid taint effect: {e}, unsupported taint effect"
            ))
        }
    };
    let mut add: Vec<Taint> = Vec::new();
    let mut remove = Vec::new();
    let mut errors = Vec::new();
    for spec in specs {
        if let Some(k) = spec.strip_suffix('-') {
            let (key, effect) = match k.split_once(':') {
                Some((k, e)) => (k, Some(e)),
                None => (k, None),
            };
            if let Some(e) = effect.filter(|e| !e.is_empty()) {
                if let Err(m) = effect_ok(e) {
                    errors.push(m);
                    continue;
                }
            }
            remove.push((
                key.to_string(),
                effect.filter(|e| !e.is_empty()).map(str::to_string),
            ));
            continue;
        }
        let parts: Vec<&str> = spec.split(':').collect();
        let (kv, effect) = match parts.as_slice() {
            [kv] => (*kv, ""),
            [kv, e] => {
                if let Err(m) = effect_ok(e) {
                    errors.push(m);
                    continue;
                }
                (*kv, *e)
            }
            _ => {
                errors.push(format!("invalid taint spec: {spec}"));
                continue;
            }
        };
        // One part is all key (`k=v` is then a bad key); with an effect, `key[=value]`.
        let kvs: Vec<&str> = if effect.is_empty() {
            vec![kv]
        } else {
            kv.split('=').collect()
        };
        if kvs.len() > 2 {
            errors.push(format!("invalid taint spec: {spec}"));
            continue;
        }
        let (key, value) = (kvs[0], kvs.get(1).copied().unwrap_or(""));
        let bad = crate::manifest::label_value_errors(value);
        if !bad.is_empty() {
            errors.push(format!("invalid taint spec: {spec}, {}", bad.join("; ")));
            continue;
        }
        let bad = crate::manifest::qualified_name_errors(key);
        if !bad.is_empty() {
            errors.push(format!("invalid taint spec: {spec}, {}", bad.join("; ")));
            continue;
        }
        if effect.is_empty() {
            errors.push(format!("invalid taint spec: {spec}"));
            continue;
        }
        let t = Taint {
            key: key.into(),
            value: value.into(),
            effect: effect.into(),
            time_added: None,
        };
        if add.iter().any(|a| a.key == t.key && a.effect == t.effect) {
            // %v of a v1.Taint.
            errors.push(format!(
                "duplicated taints with the same key and effect: {{{} {} {} <nil>}}",
                t.key, t.value, t.effect
            ));
            continue;
        }
        add.push(t);
    }
    match errors.len() {
        0 => Ok((add, remove)),
        1 => Err(errors.remove(0)),
        _ => Err(format!("[{}]", errors.join(", "))),
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
#[path = "console_tests/tests.rs"]
mod tests;

#[cfg(test)]
#[path = "console_tests/rollout_tests.rs"]
mod rollout_tests;

#[cfg(test)]
#[path = "console_tests/watch_tests.rs"]
mod watch_tests;

#[cfg(test)]
#[path = "console_tests/selection_tests.rs"]
mod selection_tests;

#[cfg(test)]
#[path = "console_tests/wait_tests.rs"]
mod wait_tests;

#[cfg(test)]
#[path = "console_tests/output_format_tests.rs"]
mod output_format_tests;
