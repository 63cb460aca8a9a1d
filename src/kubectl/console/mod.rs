//! A kubectl command line over the simulation, for the UI's console and for course authors:
//! `get`, `describe`, `logs`, `delete`, `rollout status|history|undo|restart`,
//! `cordon`/`uncordon`, `taint`, `label`, `create job`, `patch` and `set image`.
//! Answers use kubectl's own words, tables come from the printers in `kubectl::get`.
//!
//! This file reads the command line (global flags, the command, its flags) and dispatches;
//! each command lives in its own file, named as in kubectl's `pkg/cmd/`.

use super::events::EventsWatch;
use super::fieldsel::{parse_field_selector, FieldSelector};
use super::logstream::LogStream;
use super::parse_selector;
use super::rollout::RolloutWatch;
use super::wait::{Wait, WaitPolled};
use super::watch::Watch;
use crate::api::LabelSelector;
use crate::api::{ControllerRevision, CronJob, DaemonSet, Job, Kind, Node, Pod};
use crate::manifest::go_quote;
use crate::manifest::shell::words as split_words;
use crate::sim::scenario::Action;
use crate::sim::Simulation;

mod create;
mod delete;
mod describe;
mod drain;
mod events;
mod get;
mod label;
mod logs;
mod patch;
mod rollout;
mod set;
mod taint;
mod wait;
mod zh;
pub use zh::gloss;
pub(crate) use zh::gloss_line;

use self::create::create_job;
use self::delete::delete;
use self::describe::describe;
use self::drain::{cordon, drain};
use self::events::events;
use self::get::{get, group_version_resource};
use self::label::label;
use self::logs::{logs, logs_selected};
use self::patch::patch;
use self::rollout::rollout;
use self::set::set;
use self::taint::taint;
use self::wait::wait;

pub use self::create::INSTANTIATE_ANNOTATION;
pub use self::drain::DrainWatch;
pub(crate) use self::get::Printer;
pub(crate) use self::logs::with_prefix;

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
    /// When it ends by itself even if nothing happens (a `wait`'s timeout).
    pub fn deadline(&self) -> Option<crate::api::Time> {
        match self {
            Follow::Wait(w) => Some(w.deadline()),
            Follow::Rollout(w) => w.deadline(),
            _ => None,
        }
    }

    pub fn poll(&mut self, sim: &mut Simulation) -> Polled {
        match self {
            Follow::Watch(w) => match w.poll(sim) {
                None => Polled::Gone,
                Some(text) if w.failed => Polled::Done(text, true),
                Some(text) => Polled::More(text),
            },
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

 get TYPE[,TYPE] [NAME] [-o FORMAT] [-l SELECTOR] [--show-labels] [-L KEY,...] [--no-headers]
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
 describe TYPE[,TYPE] [NAME...] | TYPE/NAME... | TYPE NAME_PREFIX | TYPE [-l SELECTOR]
 logs [-f] POD | job/NAME | ds/NAME | -l SELECTOR (-f: goes on as time runs, until the container exits)
     [-c CONTAINER | --all-containers] [-p] [--tail=N] [--prefix] [--timestamps] [--limit-bytes=N]
     [--since=10m | --since-time=2026-01-01T00:05:00Z]   (the cluster's virtual time)
 delete TYPE NAME... | TYPE/NAME... | TYPE --all | TYPE -l SELECTOR | TYPE --field-selector=...
     [--cascade=orphan]   (the pods, or a CronJob's Jobs, stay, ownerless)
     [--cascade=foreground]   (the object stays, Terminating, until its dependents are gone)
     [--grace-period=N]   [--grace-period=0 --force]   (a pod object goes at once)
 events [--for TYPE/NAME] [--types Warning] [-A] [-w]   (oldest first; -w: as they come)
     [-o yaml|json|name|jsonpath=TEMPLATE|go-template=TEMPLATE]   (one EventList; -w: each event)
 wait TYPE/NAME... --for=condition=Complete|delete|create|jsonpath='{.status.phase}'=Running
     [--timeout=30s]   (goes on as time runs)
 rollout status|history|restart ds/NAME | rollout history ds/NAME [--revision=N] [-o yaml|json|name|jsonpath=...]
 rollout undo ds/NAME [--to-revision=N]
 set image ds/NAME|job/NAME|cronjob/NAME CONTAINER=IMAGE [...]   (* = every container)
 cordon NODE | uncordon NODE
 drain NODE --ignore-daemonsets [--grace-period=N]   (cordon, then evict every pod but the DaemonSets')
 taint nodes NODE...|-l SELECTOR|--all key[=value]:Effect [key[:Effect]-]... [--overwrite]
 create job NAME --from=cronjob/CRONJOB | create job NAME --image=IMAGE [-- COMMAND [ARGS...]]
     [--dry-run=client|server -o yaml|json|name]   (client: print the manifest, create nothing)
 patch TYPE NAME -p PATCH [--type strategic|merge|json]   TYPE: jobs cronjobs daemonsets nodes
 label nodes|pods NAME...|-l SELECTOR|--all key=value [key2=value2] [key-] [--overwrite] | --list
 version [--client] [-o yaml|json]
 (apply: edit the YAML and press Apply, or Ctrl+Enter; in the CLI, a scenario's `apply:` entry)";

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
    "options",
];

/// What the command alone decides: `apply -f FILE` (there are no files: the editor holds the
/// manifest), `CMD --help`, a kubectl command CtrlScope lacks, an unknown one.
fn command_first(cmd: &str, rest: &[&str]) -> Option<ConsoleResult> {
    // create.go's subcommands (`job` has no alias); create's own Run takes only files.
    const CREATE_REAL: &[&str] = &[
        "namespace",
        "ns",
        "quota",
        "resourcequota",
        "secret",
        "configmap",
        "cm",
        "serviceaccount",
        "sa",
        "service",
        "svc",
        "deployment",
        "deploy",
        "clusterrole",
        "clusterrolebinding",
        "role",
        "rolebinding",
        "poddisruptionbudget",
        "pdb",
        "priorityclass",
        "pc",
        "ingress",
        "ing",
        "token",
    ];
    let create_sub = subcommand(rest).filter(|_| cmd == "create");
    let files = rest.iter().any(|w| {
        matches!(*w, "-f" | "--filename") || w.starts_with("--filename=") || w.starts_with("-f=")
    });
    match create_sub {
        Some("job") => {}
        Some(sub @ ("cronjob" | "cj")) if !files => {
            return Some(not_simulated(&format!("create {sub}")))
        }
        Some(sub) if !files && !CREATE_REAL.contains(&sub) => {
            // create.go Run without -f: its note, then DefaultSubCommandRun's
            // RequireNoArguments (every word that is not a flag).
            let mut words = Vec::new();
            let mut it = rest.iter();
            while let Some(w) = it.next() {
                if super::complete::VALUE_FLAGS.contains(w) {
                    it.next();
                } else if !w.starts_with('-') {
                    words.push(*w);
                }
            }
            return Some(err(format!(
                "Error: must specify one of -f and -k\n\n{}",
                unknown_subcommand("create", &words)
            )));
        }
        _ => {}
    }
    if matches!(cmd, "apply" | "edit") || (cmd == "create" && create_sub != Some("job")) {
        let file = rest.iter().any(|w| {
            matches!(*w, "-f" | "--filename")
                || w.starts_with("--filename=")
                || w.starts_with("-f=")
        });
        return Some(err(if file {
            "error: CtrlScope has no files: in the page the manifest is the YAML in the editor (change it and press Apply, Ctrl+Enter, as `kubectl apply -f` applies a file); in the CLI, give it to a scenario's `apply:` entry".into()
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
        return Some(not_simulated(cmd));
    }
    if !COMMANDS.contains(&cmd) {
        return Some(err(unknown_command(cmd)));
    }
    None
}

/// A real kubectl command CtrlScope lacks, said to be that.
fn not_simulated(cmd: &str) -> ConsoleResult {
    err(format!(
        "error: `kubectl {cmd}` is not simulated in CtrlScope; its console has {} (help lists them)",
        COMMANDS[..COMMANDS.len() - 2].join(", ")
    ))
}

/// kubectl 1.34's commands, sorted as cobra lists them (for its suggestions).
const KUBECTL_COMMANDS: &[&str] = &[
    "annotate",
    "api-resources",
    "api-versions",
    "apply",
    "attach",
    "auth",
    "autoscale",
    "certificate",
    "cluster-info",
    "completion",
    "config",
    "cordon",
    "cp",
    "create",
    "debug",
    "delete",
    "describe",
    "diff",
    "drain",
    "edit",
    "events",
    "exec",
    "explain",
    "expose",
    "get",
    "help",
    "kustomize",
    "label",
    "logs",
    "options",
    "patch",
    "plugin",
    "port-forward",
    "proxy",
    "replace",
    "rollout",
    "run",
    "scale",
    "set",
    "taint",
    "top",
    "uncordon",
    "version",
    "wait",
];

/// cobra's error for an unknown command (args.go legacyArgs with findSuggestions: commands
/// within Levenshtein distance 2, ignoring case, or starting with what was typed). kubectl
/// silences cobra's own printing (component-base cli RunNoErrOutput), so no "Run 'kubectl
/// --help'" line follows.
fn unknown_command(cmd: &str) -> String {
    let typed = cmd.to_ascii_lowercase();
    let suggestions: Vec<&str> = KUBECTL_COMMANDS
        .iter()
        .filter(|c| levenshtein(&typed, c) <= 2 || c.starts_with(typed.as_str()))
        .copied()
        .collect();
    let mut out = format!("error: unknown command {} for \"kubectl\"", go_quote(cmd));
    if !suggestions.is_empty() {
        out.push_str("\n\nDid you mean this?");
        for s in suggestions {
            out.push_str("\n\t");
            out.push_str(s);
        }
    }
    out
}

/// A parent command's answer to words that name none of its subcommands (helpers.go
/// RequireNoArguments through UsageErrorf): all the words, then the help hint.
fn unknown_subcommand(parent: &str, args: &[&str]) -> String {
    format!(
        "error: unknown command {}\nSee 'kubectl {parent} -h' for help and examples",
        go_quote(&args.join(" "))
    )
}

/// cobra's `ld`: the edit distance between two words, by bytes as Go indexes a string (a
/// Chinese word is 3 bytes a character, so `获取` is no near miss of `cp`).
fn levenshtein(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                prev.min(cur).min(row[j]) + 1
            };
            prev = cur;
        }
    }
    row[b.len()]
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
                "--pod-running-timeout", "--ignore-errors",
                "--max-log-requests", "--all-pods", "--insecure-skip-tls-verify-backend",
            ],
            false,
        ),
        Some("get") => (
            &[
                "--show-kind", "--chunk-size", "--ignore-not-found",
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
        // kubectl drain's own (drain.go NewCmdDrain).
        Some("drain") => (
            &[
                "--timeout", "--pod-selector", "--disable-eviction",
                "--dry-run", "--skip-wait-for-delete-timeout", "--chunk-size", "-l", "--selector",
                "--ignore-errors",
            ],
            false,
        ),
        Some("cordon") | Some("uncordon") => (&["--dry-run", "-l", "--selector"], false),
        // patch.go, set_image.go, create_job.go: what they do besides the simulated.
        Some("patch") => (
            &["--dry-run", "--local", "--subresource", "--field-manager"],
            true,
        ),
        Some(c) if c.starts_with("set") => (
            &[
                "--all", "-l", "--selector", "--local", "--dry-run", "--field-manager",
                "--show-managed-fields", "--allow-missing-template-keys", "--template",
            ],
            true,
        ),
        Some(c) if c.starts_with("create") => (
            &["--save-config", "--field-manager", "--validate", "--show-managed-fields", "--edit", "--windows-line-endings", "--raw"],
            true,
        ),
        // rollout_*.go: the printers' and updaters' flags, and files.
        Some(c) if c.starts_with("rollout") => (
            &[
                "--dry-run", "--field-manager", "--show-managed-fields",
                "--allow-missing-template-keys", "--template",
            ],
            true,
        ),
        Some("taint") => (&["--dry-run", "--field-manager"], false),
        Some("label") => (
            &["--dry-run", "--field-manager", "--resource-version"],
            true,
        ),
        _ => (&[], false),
    };
    GLOBAL.contains(&flag) || own.contains(&flag) || (files && FILES.contains(&flag))
}

/// pflag's error for a flag it does not know (`--x`, or `-x` as a shorthand), with cobra's hint;
/// `group`: the word it was typed in (`-Ax`). A real kubectl flag CtrlScope lacks is said to be
/// that, not unknown.
fn unknown_flag(w: &str, group: &str, cmd: Option<&str>) -> String {
    let name = w.split('=').next().unwrap_or(w);
    let short = name.strip_prefix('-').filter(|s| !s.starts_with('-'));
    let flag = match short {
        // `-L3`: the shorthand is the first character (a whole one: `-é`, `-ｏ`).
        Some(s) if s.chars().count() > 1 => {
            let end = name.char_indices().nth(2).map_or(name.len(), |(i, _)| i);
            &name[..end]
        }
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
            format!("unknown shorthand flag: '{c}' in {group}")
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
    // A quote left open: a shell would wait for the rest of the line, not run it.
    if let Some(q) = unclosed_quote(line) {
        return err(format!(
            "error: the quote {q} is never closed: a shell would wait for the rest of the command, so CtrlScope runs nothing (close it, or escape it as \\{q})"
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
            w if w.starts_with('-') => return err(unknown_flag(w, w, None)),
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
    let mut r = command(sim, &words, cmd, rest);
    // templater.go FlagErrorFunc: a flag value pflag cannot parse is a flag error, followed
    // by the command's usage hint.
    if r.error && r.output.starts_with("error: invalid argument ") && !r.output.contains("\nSee '")
    {
        r.output.push_str(&format!(
            "\nSee 'kubectl {} --help' for usage.",
            command_path(cmd, rest)
        ));
    }
    r
}

/// The subcommand: the first word that is neither a flag nor a flag's value (cobra's
/// stripFlags).
fn subcommand<'a>(rest: &[&'a str]) -> Option<&'a str> {
    let mut it = rest.iter();
    while let Some(w) = it.next() {
        if super::complete::VALUE_FLAGS.contains(w) {
            it.next();
        } else if !w.starts_with('-') {
            return Some(*w);
        }
    }
    None
}

/// cobra's c.CommandPath() without `kubectl`: `logs` (for `log` too), `rollout history`.
fn command_path(cmd: &str, rest: &[&str]) -> String {
    match (cmd, subcommand(rest)) {
        ("log", _) => "logs".into(),
        ("rollout" | "set" | "create", Some(sub)) => format!("{cmd} {sub}"),
        _ => cmd.to_string(),
    }
}

/// The command's flags read, then the command run.
fn command(sim: &mut Simulation, words: &[&str], cmd: &str, rest: &[&str]) -> ConsoleResult {
    let mut flags = Flags::default();
    let mut args: Vec<&str> = Vec::new();
    let (grouped, split) = short_flag_groups(cmd, rest);
    let grouped: Vec<&str> = grouped.iter().map(String::as_str).collect();
    let rest = match bool_flag_values(cmd, &grouped) {
        Ok(r) => r,
        Err(e) => return err(e),
    };
    let mut it = rest.iter();
    let value = |w: &str, name: &str| w.strip_prefix(name).map(|v| v.to_string());
    // Commands that take `-l SELECTOR`.
    let selects = matches!(
        cmd,
        "get" | "describe" | "delete" | "logs" | "log" | "wait" | "label" | "taint" | "rollout"
    );
    // cobra names the subcommand whose flags failed (templater.go FlagErrorFunc,
    // c.CommandPath()): `kubectl rollout history`, `kubectl set image`; the subcommand is the
    // first word that is neither a flag nor a flag's value (cobra's stripFlags).
    let sub = subcommand(&rest);
    let path = command_path(cmd, &rest);
    // set.go's other subcommands exist: said so, not "unknown" (their flags neither).
    if let Some(s @ ("env" | "resources" | "selector" | "serviceaccount" | "sa" | "subject")) =
        sub.filter(|_| cmd == "set")
    {
        return err(format!(
            "error: kubectl set {s} is a real command that CtrlScope does not simulate (it has set image); see 'help'"
        ));
    }
    while let Some(&w) = it.next() {
        // pflag: a flag that takes a value and ends the line has none.
        let bool_p = w == "-p" && matches!(cmd, "logs" | "log");
        // Only `rollout status` has --timeout: elsewhere under rollout it is unknown.
        if cmd == "rollout" && w == "--timeout" && path != "rollout status" {
            return err(unknown_flag(w, w, Some(&path)));
        }
        if it.as_slice().is_empty() && super::complete::VALUE_FLAGS.contains(&w) && !bool_p {
            let what = match w.strip_prefix("--") {
                Some(_) => w.to_string(),
                None => format!("'{}' in {w}", &w[1..]),
            };
            return err(format!(
                "error: flag needs an argument: {what}\nSee 'kubectl {path} --help' for usage."
            ));
        }
        match w {
            // describe and logs have no -o (cmd/describe, cmd/logs): pflag does not know it.
            "-o" | "--output" if !matches!(cmd, "describe" | "logs" | "log") => {
                flags.output = it.next().map(|s| s.to_string())
            }
            "-n" | "--namespace" => flags.namespace = it.next().map(|s| s.to_string()),
            "-A" | "--all-namespaces" => flags.all_namespaces = true,
            // `patch -p PATCH`; elsewhere `-p` is `logs --previous`.
            "-p" | "--patch" if cmd == "patch" => flags.patch = it.next().map(|s| s.to_string()),
            "--type" if cmd == "patch" => flags.patch_type = it.next().map(|s| s.to_string()),
            "--from" if cmd == "create" => flags.from = it.next().map(|s| s.to_string()),
            "--image" if cmd == "create" => flags.image = it.next().map(|s| s.to_string()),
            // cmdutil.AddDryRunFlag: NoOptDefVal "unchanged", GetDryRunStrategy's deprecated client.
            "--dry-run" if cmd == "create" => flags.dry_run = Some("unchanged".into()),
            w if cmd == "create" && w.starts_with("--dry-run=") => {
                flags.dry_run = value(w, "--dry-run=")
            }
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
            "--field-selector" if matches!(cmd, "get" | "delete" | "label") => {
                flags.field_selector = it.next().map(|s| s.to_string())
            }
            w if matches!(cmd, "get" | "delete" | "label")
                && w.starts_with("--field-selector=") =>
            {
                flags.field_selector = value(w, "--field-selector=")
            }
            w if selects && w.starts_with("--selector=") => {
                flags.selector = value(w, "--selector=")
            }
            "--all" if matches!(cmd, "delete" | "wait" | "label" | "taint") => flags.all = true,
            "--list" if cmd == "label" => flags.list = true,
            // delete_flags.go: --cascade has NoOptDefVal "background".
            "--cascade" if cmd == "delete" => flags.cascade = Some("background".into()),
            w if cmd == "delete" && w.starts_with("--cascade=") => {
                flags.cascade = value(w, "--cascade=")
            }
            "--grace-period" if matches!(cmd, "delete" | "drain") => {
                flags.grace_period = it.next().map(|s| s.to_string())
            }
            w if matches!(cmd, "delete" | "drain") && w.starts_with("--grace-period=") => {
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
            "--timeout" if matches!(cmd, "wait" | "rollout") => {
                flags.timeout = it.next().map(|s| s.to_string())
            }
            w if matches!(cmd, "wait" | "rollout") && w.starts_with("--timeout=") => {
                flags.timeout = value(w, "--timeout=")
            }
            // `-lapp=web` and `-l=app=web`, as pflag reads a short flag.
            w if selects && w.starts_with("-l") && !w.starts_with("--") => {
                flags.selector = Some(w[2..].strip_prefix('=').unwrap_or(&w[2..]).to_string())
            }
            "--show-labels" if cmd == "get" => flags.show_labels = true,
            // --label-columns is a string slice: comma-separated, repeatable.
            "-L" | "--label-columns" if cmd == "get" => {
                if let Some(v) = it.next() {
                    // pflag reads the value as CSV: an empty one names no key.
                    flags
                        .label_columns
                        .extend(v.split(',').filter(|k| !k.is_empty()).map(str::to_string));
                }
            }
            w if cmd == "get"
                && (w.starts_with("--label-columns=") || (w.starts_with("-L") && w.len() > 2)) =>
            {
                let v = w
                    .strip_prefix("--label-columns=")
                    .unwrap_or_else(|| w[2..].strip_prefix('=').unwrap_or(&w[2..]));
                flags
                    .label_columns
                    .extend(v.split(',').filter(|k| !k.is_empty()).map(str::to_string));
            }
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
            "--delete-emptydir-data" | "--delete-emptydir-data=true" if cmd == "drain" => {
                flags.delete_emptydir_data = true
            }
            "--force" | "--force=true" if cmd == "drain" => flags.force = true,
            "--ignore-daemonsets=false" | "--delete-emptydir-data=false" | "--force=false"
                if cmd == "drain" => {}
            "-w" | "--watch" | "--previous" | "-p" => {}
            // record_flags.go AddFlags: a bool that pflag marks deprecated; it still works.
            w if matches!(cmd, "set" | "patch" | "label")
                && (w == "--record" || w.starts_with("--record=")) =>
            {
                let v = w.strip_prefix("--record=").unwrap_or("true");
                flags.record = Some(match v {
                    "1" | "t" | "T" | "true" | "TRUE" | "True" => true,
                    "0" | "f" | "F" | "false" | "FALSE" | "False" => false,
                    _ => return err(format!("error: invalid argument {v:?} for \"--record\" flag: strconv.ParseBool: parsing {v:?}: invalid syntax\nSee 'kubectl {path} --help' for usage.")),
                });
            }
            "--client" if cmd == "version" => flags.client_only = true,
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
            "--tail" if matches!(cmd, "logs" | "log") => {
                flags.tail = it.next().map(|s| s.to_string())
            }
            w if matches!(cmd, "logs" | "log") && w.starts_with("--tail=") => {
                flags.tail = value(w, "--tail=")
            }
            "--timestamps" if matches!(cmd, "logs" | "log") => flags.timestamps = true,
            "--since" | "--since-time" | "--limit-bytes" if matches!(cmd, "logs" | "log") => {
                let v = it.next().copied().unwrap_or_default();
                if let Err(e) = flags.log_flag(w, v) {
                    return err(e);
                }
            }
            w if matches!(cmd, "logs" | "log")
                && (w.starts_with("--since=")
                    || w.starts_with("--since-time=")
                    || w.starts_with("--limit-bytes=")) =>
            {
                let (name, v) = w.split_once('=').unwrap_or((w, ""));
                if let Err(e) = flags.log_flag(name, v) {
                    return err(e);
                }
            }
            "--all-containers" | "--all-containers=true" if matches!(cmd, "logs" | "log") => {
                flags.all_containers = true
            }
            "--prefix" | "--prefix=true" if matches!(cmd, "logs" | "log") => flags.prefix = true,
            "--all-containers=false" | "--prefix=false" if matches!(cmd, "logs" | "log") => {}
            "-c" | "--container" => flags.container = it.next().map(|s| s.to_string()),
            // `-cmain`, `-c=main`, as pflag reads a short flag with its value.
            w if matches!(cmd, "logs" | "log")
                && w.starts_with("-c")
                && w.len() > 2
                && !w.starts_with("--") =>
            {
                flags.container = Some(w[2..].strip_prefix('=').unwrap_or(&w[2..]).to_string())
            }
            w if w.starts_with("-o")
                && w.len() > 2
                && !matches!(cmd, "describe" | "logs" | "log") =>
            {
                flags.output = Some(
                    w.trim_start_matches("-o")
                        .trim_start_matches('=')
                        .to_string(),
                )
            }
            w if w.starts_with("--output=") && !matches!(cmd, "describe" | "logs" | "log") => {
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
            w if w.starts_with('-') => {
                // pflag names the whole group a shorthand came in (`-Ax`), not its rest.
                let group = split.iter().find(|(piece, _)| piece == w).map(|(_, g)| *g);
                return err(unknown_flag(w, group.unwrap_or(w), Some(&path)));
            }
            w => args.push(w),
        }
    }
    // pflag parses an int64 flag's value as the line is read, before kubectl looks anything up.
    if let Some(v) = flags.tail.as_deref() {
        if let Err(e) = v.parse::<i64>() {
            let why = match e.kind() {
                std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow => {
                    "value out of range"
                }
                _ => "invalid syntax",
            };
            return err(format!(
                "error: invalid argument {v:?} for \"--tail\" flag: strconv.ParseInt: parsing {v:?}: {why}"
            ));
        }
    }
    // drain.go Complete: ResourceNames("nodes", args...) reads `TYPE/NAME` too, looks the
    // object up, and refuses what is not a node.
    if matches!(cmd, "cordon" | "uncordon" | "drain") {
        for a in args.iter_mut() {
            match node_ref(sim, a) {
                Ok(name) => *a = name,
                Err(e) => return err(e),
            }
        }
    }
    if flags.record.is_some() {
        // pflag prints a deprecated flag's notice as it parses it (flag.go Set), before the
        // command runs; --record=true annotates what set image changes.
        if flags.record == Some(true) {
            flags.change_cause = Some(change_cause(words));
        }
        let mut r = dispatch(sim, cmd, &args, &flags);
        r.output = match r.output.is_empty() {
            true => RECORD_DEPRECATED.to_string(),
            false => format!("{RECORD_DEPRECATED}\n{}", r.output),
        };
        return r;
    }
    dispatch(sim, cmd, &args, &flags)
}

/// pflag's notice for --record (record_flags.go: MarkDeprecated("record", ...)).
const RECORD_DEPRECATED: &str =
    "Flag --record has been deprecated, --record will be removed in the future";

/// record_flags.go parseCommandArguments: `kubectl`, the arguments, then each flag set, in
/// its long name, as `--name=value` (`--record=true`): what `rollout history` shows.
fn change_cause(words: &[&str]) -> String {
    let long = |f: &str| -> String {
        match f {
            "-n" => "--namespace".into(),
            "-o" => "--output".into(),
            "-l" => "--selector".into(),
            "-p" => "--patch".into(),
            "-c" => "--container".into(),
            "-A" => "--all-namespaces".into(),
            f if f.starts_with("--") => f.into(),
            f => format!("-{f}"),
        }
    };
    let (mut args, mut flags) = (String::new(), String::new());
    let mut it = words.iter();
    while let Some(&w) = it.next() {
        if w == "--" {
            for a in it.by_ref() {
                args.push(' ');
                args.push_str(a);
            }
            break;
        }
        if !w.starts_with('-') || w == "-" {
            args.push(' ');
            args.push_str(w);
            continue;
        }
        let (name, value) = match w.split_once('=') {
            Some((n, v)) => (long(n), v.to_string()),
            None if super::complete::VALUE_FLAGS.contains(&w) => {
                (long(w), it.next().copied().unwrap_or_default().to_string())
            }
            // `-nkube-system`.
            None if !w.starts_with("--") && w.chars().count() > 2 => {
                let end = w.char_indices().nth(2).map_or(w.len(), |(i, _)| i);
                (long(&w[..end]), w[end..].to_string())
            }
            None => (long(w), "true".into()),
        };
        flags.push_str(&format!(" {name}={value}"));
    }
    format!("kubectl{args}{flags}")
}

/// Runs the command the line named, its flags read.
fn dispatch(sim: &mut Simulation, cmd: &str, args: &[&str], flags: &Flags) -> ConsoleResult {
    match cmd {
        "get" => get(sim, args, flags),
        "describe" => {
            get::describe_namespaces(sim, args).unwrap_or_else(|| describe(sim, args, flags))
        }
        "logs" | "log" if flags.selector.is_some() => logs_selected(sim, args, flags),
        "logs" | "log" => logs(sim, args, flags),
        "delete" => get::delete_namespaces(sim, args).unwrap_or_else(|| delete(sim, args, flags)),
        "wait" => wait(sim, args, flags),
        "events" => events(sim, args, flags),
        "rollout" => rollout(sim, args, flags),
        "cordon" | "uncordon" => cordon(sim, cmd, args),
        "drain" => match flags.grace_period.as_deref().map(delete::parse_grace) {
            Some(Err(e)) => err(e),
            grace => drain(
                sim,
                args,
                crate::sim::DrainOptions {
                    ignore_daemonsets: flags.ignore_daemonsets,
                    delete_emptydir_data: flags.delete_emptydir_data,
                    force: flags.force,
                },
                // drain.go: a negative period is each pod's own.
                grace.and_then(Result::ok).filter(|g| *g >= 0),
            ),
        },
        "taint" => taint(sim, args, flags),
        "create" if args.first() == Some(&"job") => create_job(sim, &args[1..], flags),
        "patch" | "label" | "set" => {
            // PrintFlags: a bad -o is refused before anything changes; a good one prints each
            // changed object by it (`-o name`: `pod/x`, no verb).
            let printer = match flags.output.as_deref().map(get::generic_printer) {
                None => None,
                Some(Ok(p)) => Some(p),
                Some(Err(e)) => return err(e),
            };
            let r = match cmd {
                "patch" => patch(sim, args, flags),
                "set" => set(sim, args, flags),
                _ => label(sim, args, flags),
            };
            match (printer, flags.output.as_deref()) {
                (Some(p), Some(o)) => print_changed(sim, r, &p, o),
                _ => r,
            }
        }
        "version" => version(flags),
        "help" | "--help" | "-h" => ok(HELP.into()),
        other => err(unknown_command(other)),
    }
}

/// `kubectl version [--client] [-o yaml|json]` (cmd/version/version.go Validate, Run): the
/// client, the kustomize built into it, the server (not with --client). The values are
/// v1.34.0's release builds (linux/amd64), as its kubelets report v1.34.0.
fn version(flags: &Flags) -> ConsoleResult {
    const CLIENT: &[(&str, &str)] = &[
        ("major", "1"),
        ("minor", "34"),
        ("gitVersion", "v1.34.0"),
        ("gitCommit", "f28b4c9efbca5c5c0af716d9f2d5702667ee8a45"),
        ("gitTreeState", "clean"),
        ("buildDate", "2025-08-27T10:15:59Z"),
        ("goVersion", "go1.24.6"),
        ("compiler", "gc"),
        ("platform", "linux/amd64"),
    ];
    // The API server's /version adds its emulation and compatibility versions.
    const SERVER: &[(&str, &str)] = &[
        ("major", "1"),
        ("minor", "34"),
        ("emulationMajor", "1"),
        ("emulationMinor", "34"),
        ("minCompatibilityMajor", "1"),
        ("minCompatibilityMinor", "33"),
        ("gitVersion", "v1.34.0"),
        ("gitCommit", "f28b4c9efbca5c5c0af716d9f2d5702667ee8a45"),
        ("gitTreeState", "clean"),
        ("buildDate", "2025-08-27T10:09:04Z"),
        ("goVersion", "go1.24.6"),
        ("compiler", "gc"),
        ("platform", "linux/amd64"),
    ];
    const KUSTOMIZE: &str = "v5.7.1";
    let server = !flags.client_only;
    match flags.output.as_deref().unwrap_or_default() {
        "" => {
            let mut out = format!("Client Version: v1.34.0\nKustomize Version: {KUSTOMIZE}");
            if server {
                out.push_str("\nServer Version: v1.34.0");
            }
            ok(out)
        }
        // json.MarshalIndent: the struct's field order, two spaces.
        "json" => {
            let object = |fields: &[(&str, &str)]| {
                let lines: Vec<String> = fields
                    .iter()
                    .map(|(k, v)| format!("    \"{k}\": \"{v}\""))
                    .collect();
                format!("{{\n{}\n  }}", lines.join(",\n"))
            };
            let mut out = format!(
                "{{\n  \"clientVersion\": {},\n  \"kustomizeVersion\": \"{KUSTOMIZE}\"",
                object(CLIENT)
            );
            if server {
                out.push_str(&format!(",\n  \"serverVersion\": {}", object(SERVER)));
            }
            out.push_str("\n}");
            ok(out)
        }
        // sigs.k8s.io/yaml: keys sorted, strings that read as numbers or times quoted.
        "yaml" => {
            let object = |fields: &[(&str, &str)]| {
                let mut sorted = fields.to_vec();
                crate::sort::sort_by(&mut sorted, |a, b| a.0.cmp(b.0));
                let mut out = String::new();
                for (k, v) in sorted {
                    let quoted = v.starts_with(|c: char| c.is_ascii_digit());
                    match quoted {
                        true => out.push_str(&format!("\n  {k}: \"{v}\"")),
                        false => out.push_str(&format!("\n  {k}: {v}")),
                    }
                }
                out
            };
            let mut out = format!(
                "clientVersion:{}\nkustomizeVersion: {KUSTOMIZE}",
                object(CLIENT)
            );
            if server {
                out.push_str(&format!("\nserverVersion:{}", object(SERVER)));
            }
            ok(out)
        }
        _ => err("error: --output must be 'yaml' or 'json'".into()),
    }
}

/// A node named as `node/NAME` (or `nodes/`, `no/`): its name.
/// A node argument of cordon/uncordon/drain: `NAME` or `TYPE/NAME` (builder.go
/// splitResourceTypeName); another kind's object is "expected resource of type node".
fn node_ref<'a>(sim: &Simulation, word: &'a str) -> Result<&'a str, String> {
    let Some((t, name)) = split_resource_type_name(word)? else {
        return Ok(word);
    };
    match resource(t) {
        Some(Kind::Node) => Ok(name),
        Some(kind) if exists(sim, kind, name) => Err(format!(
            "error: expected resource of type node, got {:?}",
            get::group_version_resource(kind)
        )),
        Some(kind) => Err(not_found_message(kind, name)),
        None => Err(unknown_type(t)),
    }
}

/// A command's `RESOURCE/NAME VERB` lines printed by `-o` instead (label.go, patch.go,
/// set_image.go `PrintObj`): each object as it now is.
fn print_changed(
    sim: &Simulation,
    r: ConsoleResult,
    printer: &get::Printer,
    output: &str,
) -> ConsoleResult {
    // Each changed object printed in its line's place; a notice or an error line stays
    // (ContinueOnError: kubectl prints the objects it did change).
    let mut out: Vec<String> = Vec::new();
    for line in r.output.lines() {
        let word = line.split(' ').next().unwrap_or(line);
        let found = word
            .split_once('/')
            .and_then(|(res, name)| match resource(res)? {
                Kind::Pod => sim
                    .cluster
                    .store
                    .get::<crate::api::Pod>(name)
                    .cloned()
                    .map(crate::api::Object::Pod),
                kind => sim.existing(kind, name),
            });
        match found {
            Some(o) => {
                let doc = crate::kubectl::api_value(&o);
                let printed = get::print_each(printer, output, &[word.to_string()], &[doc]);
                out.push(printed.output.trim_end_matches('\n').to_string());
            }
            None => out.push(line.to_string()),
        }
    }
    ConsoleResult {
        output: out.join("\n"),
        ..r
    }
}

#[derive(Clone, Default)]
pub(super) struct Flags {
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
    /// `label --list`: print the labels.
    list: bool,
    /// `create --dry-run=client|server|none`.
    dry_run: Option<String>,
    /// `get --field-selector`, `delete --field-selector`.
    field_selector: Option<String>,
    /// `delete --all`, `wait --all`.
    all: bool,
    /// `drain --ignore-daemonsets`, `--delete-emptydir-data` (and `--force`, as for delete).
    ignore_daemonsets: bool,
    delete_emptydir_data: bool,
    /// `logs -f`, `-p`, `-c CONTAINER`.
    follow: bool,
    previous: bool,
    container: Option<String>,
    /// `logs --tail N` (unparsed), `--all-containers`, `--prefix`.
    tail: Option<String>,
    /// `logs --since` (nanoseconds, as Go's time.Duration), `--since-time` (unparsed: kubectl
    /// reads it after the flags), `--timestamps`, `--limit-bytes`.
    since: Option<i64>,
    since_time: Option<String>,
    timestamps: bool,
    limit_bytes: Option<i64>,
    all_containers: bool,
    prefix: bool,
    /// `rollout status --watch=false`: print the status once.
    rollout_once: bool,
    /// `events --types`.
    types: Option<String>,
    /// `wait --for`, `--timeout` (`events --for` too).
    wait_for: Option<String>,
    timeout: Option<String>,
    show_labels: bool,
    /// `get -L KEY,...`: a column per label key.
    label_columns: Vec<String>,
    /// `get --sort-by`, `--no-headers`, `--template` (the template of `-o jsonpath`).
    sort_by: Option<String>,
    no_headers: bool,
    template: Option<String>,
    /// `get -w`, `--watch-only`, `--output-watch-events`.
    watch: bool,
    watch_only: bool,
    output_watch_events: bool,
    /// `version --client`.
    client_only: bool,
    /// `--record` (deprecated) as given; the command line it records, when true.
    record: Option<bool>,
    change_cause: Option<String>,
    /// `rollout history --revision`, `rollout undo --to-revision` (unparsed).
    revision: Option<String>,
    to_revision: Option<String>,
}

impl Flags {
    /// `logs --since`, `--since-time`, `--limit-bytes` as pflag reads them (logs.go AddFlags:
    /// a DurationVar, a StringVar, an Int64Var): a bad value fails before the command runs.
    fn log_flag(&mut self, name: &str, v: &str) -> Result<(), String> {
        let invalid =
            |why: String| format!("error: invalid argument {v:?} for \"{name}\" flag: {why}");
        match name {
            "--since" => {
                self.since = Some(super::goparse::parse_duration_nanos(v).map_err(invalid)?)
            }
            "--since-time" => self.since_time = Some(v.to_string()),
            _ => {
                // strconv.ParseInt.
                let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
                if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
                    return Err(invalid(format!(
                        "strconv.ParseInt: parsing {v:?}: invalid syntax"
                    )));
                }
                let n = v.parse::<i64>().map_err(|_| {
                    invalid(format!(
                        "strconv.ParseInt: parsing {v:?}: value out of range"
                    ))
                })?;
                self.limit_bytes = Some(n);
            }
        }
        Ok(())
    }

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

/// The first shell construct a shell would act on before kubectl saw the words: an operator
/// outside quotes (`|`, `>`, `<`, `;`, `&&`, `&`), a substitution (`$(`, a backtick) or a
/// variable (`$pods`, `${pods}`) outside single quotes, a leading assignment (`pods=$(...)`)
/// or `echo` (the official Job tutorial's `pods=$(kubectl get pods ...)`, `echo $pods`).
fn shell_operator(line: &str) -> Option<String> {
    let first = line.split_whitespace().next().unwrap_or_default();
    if first == "echo" {
        return Some("echo".into());
    }
    if let Some((name, _)) = first.split_once('=') {
        let mut chars = name.chars();
        let starts = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
        if starts && chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Some(format!("{name}="));
        }
    }
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
            _ if single => {}
            '`' => return Some("`".into()),
            '$' => match chars.peek() {
                Some('(') => return Some("$(".into()),
                Some('{') => return Some("${".into()),
                Some(&n) if n.is_ascii_alphabetic() || n == '_' => {
                    let mut var = String::from("$");
                    while let Some(&n) = chars
                        .peek()
                        .filter(|n| n.is_ascii_alphanumeric() || **n == '_')
                    {
                        var.push(n);
                        chars.next();
                    }
                    return Some(var);
                }
                _ => {}
            },
            _ if double => {}
            '|' => return Some("|".into()),
            '>' => return Some(">".into()),
            '<' => return Some("<".into()),
            ';' => return Some(";".into()),
            '&' if chars.peek() == Some(&'&') => return Some("&&".into()),
            '&' => return Some("&".into()),
            _ => {}
        }
    }
    None
}

/// The quote (`'` or `"`) a line leaves open, read as a POSIX shell reads quotes and
/// backslashes.
fn unclosed_quote(line: &str) -> Option<char> {
    let (mut open, mut escaped) = (None, false);
    for c in line.chars() {
        match (open, c) {
            (_, _) if escaped => escaped = false,
            (Some('\''), '\'') => open = None,
            (Some('\''), _) => {}
            (_, '\\') => escaped = true,
            (None, '\'' | '"') => open = Some(c),
            (Some('"'), '"') => open = None,
            _ => {}
        }
    }
    open
}

/// A resource type as kubectl accepts it: `jobs`, or with its group (`jobs.batch`) or version
/// and group (`jobs.v1.batch`); another group is no match (cli-runtime builder.go mappingFor,
/// schema.ParseResourceArg).
fn resource(word: &str) -> Option<Kind> {
    let (name, group) = match word.split_once('.') {
        Some((n, g)) => (n, Some(g)),
        None => (word, None),
    };
    let kind = Kind::parse(name)?;
    let Some(g) = group else {
        return Some(kind);
    };
    let own = group_of(kind).trim_start_matches('.');
    let fits = |g: &str| g == own || (kind == Kind::Event && g == "events.k8s.io");
    // `pods.v1.`: version v1 of the core group.
    match g.strip_prefix("v1.") {
        Some(rest) => fits(rest),
        None => fits(g),
    }
    .then_some(kind)
}

/// pflag's boolean flags written with a value (`--show-labels=false`, `-p=true`): true is the
/// flag, false leaves it out (they all default to false), anything strconv.ParseBool refuses is
/// pflag's error. Flags whose `=VALUE` forms the parser reads itself are not listed.
/// The one-letter true/false flags of a command (pflag shorthands with no value).
fn bool_shorthands(cmd: &str) -> &'static [char] {
    match cmd {
        "get" => &['w', 'A'],
        "logs" | "log" => &['f', 'p', 'A'],
        "delete" | "label" | "describe" | "events" | "wait" => &['A'],
        _ => &[],
    }
}

/// pflag reads `-Aowide` one shorthand at a time (flag.go parseSingleShortArg): a true/false
/// one takes no value, so what follows it is the next shorthand: `-A -owide`, `-f -p`.
/// Also returns, for each word a group was split into, the group (for pflag's error).
fn short_flag_groups<'a>(cmd: &str, words: &[&'a str]) -> (Vec<String>, Vec<(String, &'a str)>) {
    let bools = bool_shorthands(cmd);
    let mut out = Vec::with_capacity(words.len());
    let mut split = Vec::new();
    let mut value_next = false;
    for (i, &w) in words.iter().enumerate() {
        if w == "--" {
            out.extend(words[i..].iter().map(|w| w.to_string()));
            break;
        }
        let group = w
            .strip_prefix('-')
            .filter(|g| g.len() > 1 && !g.starts_with('-'));
        match group {
            Some(mut group) if !value_next => loop {
                let mut chars = group.chars();
                let c = chars.next().unwrap_or('-');
                let rest = chars.as_str();
                if bools.contains(&c) && !rest.is_empty() && !rest.starts_with('=') {
                    out.push(format!("-{c}"));
                    group = rest;
                } else {
                    let last = format!("-{group}");
                    if last != w {
                        split.push((last.clone(), w));
                    }
                    out.push(last);
                    break;
                }
            },
            _ => out.push(w.to_string()),
        }
        value_next = !value_next && super::complete::VALUE_FLAGS.contains(&w);
    }
    (out, split)
}

fn bool_flag_values<'a>(cmd: &str, words: &[&'a str]) -> Result<Vec<&'a str>, String> {
    let flags: &[&str] = match cmd {
        "get" => &[
            "--show-labels",
            "-w",
            "--watch",
            "--watch-only",
            "--output-watch-events",
            "-A",
            "--all-namespaces",
        ],
        "logs" | "log" => &[
            "-f",
            "--follow",
            "-p",
            "--previous",
            "--all-containers",
            "--prefix",
            "--timestamps",
            "-A",
            "--all-namespaces",
        ],
        "delete" => &["--all", "-A", "--all-namespaces", "--force", "--now"],
        "label" => &["--all", "--list", "-A", "--all-namespaces"],
        "taint" => &["--all"],
        "version" => &["--client"],
        "drain" => &["--ignore-daemonsets", "--delete-emptydir-data", "--force"],
        "describe" | "events" | "wait" => &["-A", "--all-namespaces", "--all"],
        _ => &[],
    };
    let mut out = Vec::with_capacity(words.len());
    for &w in words {
        let Some((name, v)) = w.split_once('=').filter(|(n, _)| flags.contains(n)) else {
            out.push(w);
            continue;
        };
        match v {
            "1" | "t" | "T" | "true" | "TRUE" | "True" => out.push(name),
            "0" | "f" | "F" | "false" | "FALSE" | "False" => {}
            _ => {
                return Err(format!(
                    "error: invalid argument {v:?} for \"{name}\" flag: strconv.ParseBool: parsing {v:?}: invalid syntax"
                ))
            }
        }
    }
    Ok(out)
}

/// The answer for a resource type CtrlScope does not know: a type every real cluster serves
/// (services, deployments...) is said to be outside the simulation, not missing from the
/// server, which would teach something false; any other gets the server's words.
pub(super) fn unknown_type(t: &str) -> String {
    #[rustfmt::skip]
    const REAL: &[(&str, &[&str])] = &[
        ("services", &["svc", "service"]), ("deployments", &["deploy", "deployment"]),
        ("replicasets", &["rs", "replicaset"]), ("statefulsets", &["sts", "statefulset"]),
        ("configmaps", &["cm", "configmap"]), ("secrets", &["secret"]),
        ("persistentvolumeclaims", &["pvc", "persistentvolumeclaim"]),
        ("persistentvolumes", &["pv", "persistentvolume"]), ("ingresses", &["ing", "ingress"]),
        ("serviceaccounts", &["sa", "serviceaccount"]), ("endpoints", &["ep"]),
        ("endpointslices", &["endpointslice"]),
        ("horizontalpodautoscalers", &["hpa", "horizontalpodautoscaler"]),
        ("poddisruptionbudgets", &["pdb", "poddisruptionbudget"]),
        ("networkpolicies", &["netpol", "networkpolicy"]),
        ("replicationcontrollers", &["rc", "replicationcontroller"]),
        ("resourcequotas", &["quota", "resourcequota"]), ("limitranges", &["limits", "limitrange"]),
        ("priorityclasses", &["pc", "priorityclass"]), ("storageclasses", &["sc", "storageclass"]),
        ("leases", &["lease"]), ("roles", &["role"]), ("rolebindings", &["rolebinding"]),
        ("clusterroles", &["clusterrole"]), ("clusterrolebindings", &["clusterrolebinding"]),
        ("customresourcedefinitions", &["crd", "crds", "customresourcedefinition"]),
        ("podtemplates", &["podtemplate"]),
    ];
    let word = t.split('.').next().unwrap_or(t).to_ascii_lowercase();
    match REAL
        .iter()
        .find(|(plural, short)| *plural == word || short.contains(&word.as_str()))
    {
        Some((plural, _)) => format!(
            "error: CtrlScope does not simulate {plural} (a real cluster serves them); it has pods, jobs, cronjobs, daemonsets, nodes, events, controllerrevisions and namespaces"
        ),
        // mappingFor names the resource alone (ParseResourceArg's GroupResource.Resource).
        None => format!(
            "error: the server doesn't have a resource type {}",
            go_quote(t.split('.').next().unwrap_or(t))
        ),
    }
}

/// `TYPE NAME` or `TYPE/NAME`.
fn type_and_name<'a>(args: &[&'a str]) -> Result<(Kind, Option<&'a str>), String> {
    let Some(first) = args.first() else {
        return Err("error: You must specify the type of resource to get.".into());
    };
    let (t, name) = match split_resource_type_name(first)? {
        Some((t, n)) => (t, Some(n)),
        None => (*first, args.get(1).copied()),
    };
    let kind = resource(t).ok_or_else(|| unknown_type(t))?;
    Ok((kind, name))
}

/// cli-runtime builder.go `splitResourceTypeName`: `TYPE/NAME` as its two parts (None
/// without a slash), refusing a second slash, an empty part or several types (`pods,jobs/x`)
/// before anything is looked up.
fn split_resource_type_name(s: &str) -> Result<Option<(&str, &str)>, String> {
    let Some((t, name)) = s.split_once('/') else {
        return Ok(None);
    };
    if name.contains('/') {
        return Err(
            "error: arguments in resource/name form may not have more than one slash".into(),
        );
    }
    // SplitResourceArgument: the comma-separated types, each once.
    let mut types: Vec<&str> = Vec::new();
    for part in t.split(',') {
        if !types.contains(&part) {
            types.push(part);
        }
    }
    if t.is_empty() || name.is_empty() || types.len() != 1 {
        return Err(
            "error: arguments in resource/name form must have a single resource and name".into(),
        );
    }
    Ok(Some((t, name)))
}

/// The API group suffix of a kind: `.batch`, `.apps` or none (core).
fn group_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Job | Kind::CronJob => ".batch",
        Kind::DaemonSet | Kind::ControllerRevision => ".apps",
        _ => "",
    }
}

/// The resource as API errors name it: `jobs.batch`.
fn plural(kind: Kind) -> String {
    crate::sim::api_resource(kind)
}

/// `schema.GroupKind.String()`: `Job.batch`, `Node`.
fn group_kind(kind: Kind) -> String {
    format!("{}{}", kind.as_str(), group_of(kind))
}

fn not_found(kind: Kind, name: &str) -> ConsoleResult {
    err(not_found_message(kind, name))
}

/// The API server's NotFound as kubectl prints it (errors.NewNotFound quotes with `%q`).
pub fn not_found_message(kind: Kind, name: &str) -> String {
    format!(
        "Error from server (NotFound): {} {} not found",
        plural(kind),
        crate::manifest::go_quote(name)
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

/// `TYPE NAME...` or `TYPE/NAME...` (one kind per command here).
fn resource_targets(args: &[&str]) -> Result<(Kind, Vec<String>), String> {
    let Some(first) = args.first() else {
        return Err(NO_RESOURCES.into());
    };
    if !first.contains('/') {
        // kubectl takes `jobs,pods` and the `all` category here too; CtrlScope's delete and
        // wait act on one type per command (one recorded action): said so, not "no such type".
        if first.contains(',') || *first == "all" {
            return Err(format!(
                "error: CtrlScope's delete and wait take one resource type per command (kubectl also takes {first:?}): run one command per type, e.g. `delete jobs --all`, then `delete pods --all`"
            ));
        }
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
#[cfg(test)]
#[path = "tests/tests.rs"]
mod tests;

#[cfg(test)]
#[path = "tests/rollout_tests.rs"]
mod rollout_tests;

#[cfg(test)]
#[path = "tests/watch_tests.rs"]
mod watch_tests;

#[cfg(test)]
#[path = "tests/selection_tests.rs"]
mod selection_tests;

#[cfg(test)]
#[path = "tests/wait_tests.rs"]
mod wait_tests;

#[cfg(test)]
#[path = "tests/output_format_tests.rs"]
mod output_format_tests;

#[cfg(test)]
#[path = "tests/events_logs_flags_tests.rs"]
mod events_logs_flags_tests;

#[cfg(test)]
#[path = "tests/describe_generic_tests.rs"]
mod describe_generic_tests;
