//! `ctrlscope run`: the headless driver. Its flags and JSON shapes are a stable interface —
//! extend, never break.
//!
//! The logic here is pure (arguments and file contents in, text out) so tests can call
//! [`run`] directly; only [`main`] touches the file system and process streams.

use std::fmt::Write as _;

use serde::Serialize;

use crate::api::{parse_duration, Duration, Event, Kind, Object, Time};
use crate::kubectl;
use crate::kubectl::console::{self, Follow, Polled};
use crate::manifest::parse_manifests;
use crate::sim::scenario::{parse_scenario, TimedAction};
use crate::sim::{SimConfig, Simulation, DEFAULT_START, EVENT_RETENTION};

pub const USAGE: &str = "\
usage: ctrlscope run MANIFEST.yaml... [--scenario SCENARIO.yaml] [--until 10m] [--seed 42]
                     [--start 2026-01-01T00:00:00Z] [--events jsonl|table|none]
                     [--get jobs,pods,cronjobs,daemonsets,nodes,events --every 30s] [--wide]
                     [--describe job/NAME,...] [--loop] [--final-state json]
                     [--kubectl '[AT:] COMMAND']...
       ctrlscope validate MANIFEST.yaml...
       ctrlscope lesson list
       ctrlscope lesson check lessons/NAME [--manifest FILE]
       ctrlscope --help | --version

  A file named - is standard input (as in kubectl apply -f -).

  --until      virtual time to run, at most 366d (default: until nothing more is due and the
               last --kubectl and scenario action have come; at most 1h, or until the last
               of those if later)
  --seed       seed of the run's randomness (pod name suffixes, ties between equal nodes);
               default 42
  --start      the cluster clock's start, RFC 3339 (default 2026-01-01T00:00:00Z)
  --events     print Kubernetes Events as they happen: one JSON object per line, or a table
               (default: table, unless --get, --final-state or --kubectl is given)
  --get        print `kubectl get` tables at t=0, then every --every (default 30s), and at the end
  --wide       `-o wide` for --get tables
  --describe   print `kubectl describe` of these objects at the end
  --loop       also print the controllers' loop steps (watch, enqueue, sync, create...) as JSON lines
  --final-state json   after the run, print every object as one JSON v1 List
  --kubectl    run a console command at virtual time AT (default 0s), e.g. '1m: delete pod -l
               job-name=pi'; `get -w` and `wait` go on as time runs (until the next --kubectl)

A manifest with no Node objects runs on the default cluster: control-plane (tainted
node-role.kubernetes.io/control-plane:NoSchedule) and worker-1..worker-3.

Exit codes: 0 success (no arguments prints this usage); 1 a manifest, scenario or lesson that
cannot be read, is invalid or is empty, a scenario action that cannot be done at its time, a
--kubectl command or --describe that fails as kubectl would (its message stays in the output),
or a lesson check that fails; 2 a bad command line.";

#[derive(Clone, Debug, PartialEq)]
pub struct RunArgs {
    pub manifests: Vec<String>,
    pub scenario: Option<String>,
    pub until: Option<Duration>,
    pub seed: u64,
    pub start: Time,
    pub events: EventsFormat,
    pub get: Vec<GetTarget>,
    pub every: Duration,
    pub wide: bool,
    pub describe: Vec<(Kind, String)>,
    pub loop_steps: bool,
    pub final_state: bool,
    /// `--kubectl '[AT:] COMMAND'`: console commands and when to run them.
    pub kubectl: Vec<(Duration, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EventsFormat {
    Jsonl,
    Table,
    None,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum GetTarget {
    Jobs,
    Pods,
    CronJobs,
    DaemonSets,
    Nodes,
    Events,
}

/// The longest a run goes when `--until` is not given.
pub const DEFAULT_MAX_RUN: Duration = Duration::from_secs(3600);
/// The longest `--until`: a year of virtual time (a CronJob every minute is 525 600 Jobs).
pub const MAX_UNTIL: Duration = Duration::from_secs(366 * 24 * 3600);

fn parse_get(s: &str) -> Result<Vec<GetTarget>, String> {
    s.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            Ok(match Kind::parse(p.trim()) {
                Some(Kind::Job) => GetTarget::Jobs,
                Some(Kind::Pod) => GetTarget::Pods,
                Some(Kind::CronJob) => GetTarget::CronJobs,
                Some(Kind::DaemonSet) => GetTarget::DaemonSets,
                Some(Kind::Node) => GetTarget::Nodes,
                Some(Kind::Event) => GetTarget::Events,
                _ => return Err(format!("--get: unknown resource type {:?} (jobs, pods, cronjobs, daemonsets, nodes, events)", p.trim())),
            })
        })
        .collect()
}

/// Parses the arguments after `run`.
pub fn parse_run_args(args: &[String]) -> Result<RunArgs, String> {
    let mut a = RunArgs {
        manifests: Vec::new(),
        scenario: None,
        until: None,
        seed: 42,
        start: Time::parse_rfc3339(DEFAULT_START).unwrap_or_default(),
        events: EventsFormat::Table,
        get: Vec::new(),
        every: Duration::from_secs(30),
        wide: false,
        describe: Vec::new(),
        loop_steps: false,
        final_state: false,
        kubectl: Vec::new(),
    };
    let mut events_given = false;
    let mut every_given = false;
    let mut only_files = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if only_files {
            a.manifests.push(arg.clone());
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            // An empty value (`--scenario=`) is no value: not a file named "".
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .filter(|v| !v.is_empty())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        // An on/off flag takes no value, or pflag's true/false.
        let on = |inline: &Option<String>| -> Result<bool, String> {
            match inline.as_deref() {
                None | Some("true" | "1") => Ok(true),
                Some("false" | "0") => Ok(false),
                Some(v) => Err(format!("{flag}: {v:?} is not true or false")),
            }
        };
        match flag {
            "--" => only_files = true,
            "--scenario" if a.scenario.is_some() => {
                return Err("--scenario is given twice: one scenario file per run".into())
            }
            "--scenario" => a.scenario = Some(value(flag)?),
            "--until" => {
                let d = parse_duration(&value(flag)?).map_err(|e| format!("--until: {e}"))?;
                if d > MAX_UNTIL {
                    return Err("--until: at most 366d of virtual time".into());
                }
                a.until = Some(d);
            }
            "--seed" => {
                let v = value(flag)?;
                a.seed = v.parse().map_err(|_| {
                    let digits = !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit());
                    match digits {
                        true => format!("--seed: {v} is too large (at most {})", u64::MAX),
                        false => format!("--seed: {v:?} is not a non-negative integer"),
                    }
                })?;
            }
            "--start" => {
                let v = value(flag)?;
                a.start = Time::parse_rfc3339(&v).ok_or_else(|| {
                    format!("--start: {v:?} is not an RFC 3339 time such as 2026-01-01T00:00:00Z")
                })?;
            }
            "--events" => {
                events_given = true;
                a.events = match value(flag)?.as_str() {
                    "jsonl" | "json" => EventsFormat::Jsonl,
                    "table" => EventsFormat::Table,
                    "none" => EventsFormat::None,
                    v => return Err(format!("--events: {v:?} is not one of jsonl, table, none")),
                }
            }
            "--get" => {
                let v = value(flag)?;
                let kinds = parse_get(&v)?;
                if kinds.is_empty() {
                    return Err("--get: give a resource type, e.g. --get pods".into());
                }
                a.get.extend(kinds);
            }
            "--every" => {
                every_given = true;
                a.every = parse_duration(&value(flag)?).map_err(|e| format!("--every: {e}"))?;
                if a.every == Duration::ZERO {
                    return Err("--every must be greater than 0".into());
                }
            }
            "--wide" => a.wide = on(&inline)?,
            "-owide" => a.wide = true,
            "-o" => {
                let v = value(flag)?;
                if v != "wide" {
                    return Err(format!("-o: only \"wide\" is supported here (use --final-state json for JSON), got {v:?}"));
                }
                a.wide = true;
            }
            "--describe" => {
                let v = value(flag)?;
                if v.split(',').all(|p| p.trim().is_empty()) {
                    return Err("--describe: give KIND/NAME, e.g. --describe job/pi".into());
                }
                for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    let (k, n) = part
                        .split_once('/')
                        .ok_or_else(|| format!("--describe: expected KIND/NAME, got {part:?}"))?;
                    if n.is_empty() || n.contains('/') {
                        return Err(format!("--describe: {part:?}: arguments in resource/name form must have a single resource and name"));
                    }
                    // `jobs.batch/pi`, `daemonsets.apps/x`: the resource with its group.
                    let kind = Kind::parse(k)
                        .or_else(|| Kind::parse(k.split('.').next()?))
                        .ok_or_else(|| format!("--describe: unknown kind {k:?}"))?;
                    a.describe.push((kind, n.to_string()));
                }
            }
            "--loop" => a.loop_steps = on(&inline)?,
            "--kubectl" => a.kubectl.push(parse_kubectl_flag(&value(flag)?)?),
            "--final-state" => match value(flag)?.as_str() {
                "json" => a.final_state = true,
                v => return Err(format!("--final-state: {v:?} is not supported (json)")),
            },
            f if f.starts_with('-') && f.len() > 1 => return Err(format!("unknown flag {f}")),
            _ => a.manifests.push(arg.clone()),
        }
    }
    if a.manifests.is_empty() {
        return Err("no manifest given".into());
    }
    // Standard input can be read once (kubectl refuses `-f -` twice too).
    let stdin_uses = a.manifests.iter().filter(|m| *m == "-").count()
        + usize::from(a.scenario.as_deref() == Some("-"));
    if stdin_uses > 1 {
        return Err("standard input (-) can be read only once".into());
    }
    // Both shape the --get tables: alone they would do nothing.
    if a.get.is_empty() && (every_given || a.wide) {
        let flag = if every_given { "--every" } else { "--wide" };
        return Err(format!(
            "{flag} shapes the --get tables: give --get too (e.g. --get pods)"
        ));
    }
    // Commands run in time order; at the same time, in the order given.
    crate::sort::sort_by_key(&mut a.kubectl, |(at, _)| *at);
    if let Some((at, cmd)) = a.kubectl.last().filter(|(at, _)| *at > MAX_UNTIL) {
        return Err(format!(
            "--kubectl at {}: after the longest run (at most 366d of virtual time), `{cmd}` would never run",
            exact_duration(*at)
        ));
    }
    if let (Some(until), Some((at, cmd))) = (a.until, a.kubectl.last()) {
        if *at > until {
            return Err(format!(
                "--kubectl at {} is after --until {}: `{cmd}` would never run",
                exact_duration(*at),
                exact_duration(until)
            ));
        }
    }
    // RFC 3339 (and Go's metav1.Time) write years up to 9999.
    if let Some(last) = Time::parse_rfc3339("9999-12-31T23:59:59Z") {
        let run = a
            .until
            .unwrap_or(DEFAULT_MAX_RUN)
            .max(a.kubectl.last().map_or(Duration::ZERO, |k| k.0));
        if a.start + run > last {
            return Err(format!(
                "--start {}: the run would go past 9999-12-31T23:59:59Z, the last time RFC 3339 can write (start earlier or give a shorter --until)",
                a.start
            ));
        }
    }
    if !events_given && (!a.get.is_empty() || a.final_state || !a.kubectl.is_empty()) {
        a.events = EventsFormat::None;
    }
    Ok(a)
}

/// `[AT:] COMMAND`: AT a duration (`90s`, `1m30s`); without one (or when the text before the
/// first `:` is no duration, as in `-o custom-columns=NAME:.metadata.name`), at 0s.
fn parse_kubectl_flag(v: &str) -> Result<(Duration, String), String> {
    let (at, cmd) = match v.split_once(':') {
        Some((at, cmd)) if !at.trim().is_empty() => match parse_duration(at.trim()) {
            Ok(d) => (d, cmd.trim()),
            // One word that starts like a time (`1x:`, `-1s:`) was meant as one.
            Err(e)
                if !at.trim().contains(char::is_whitespace)
                    && at
                        .trim()
                        .trim_start_matches('-')
                        .starts_with(|c: char| c.is_ascii_digit()) =>
            {
                return Err(format!("--kubectl: {:?} is not a time: {e}", at.trim()))
            }
            Err(_) => (Duration::ZERO, v.trim()),
        },
        _ => (Duration::ZERO, v.trim()),
    };
    if cmd.is_empty() {
        return Err("--kubectl needs a command, e.g. --kubectl 'get pods -w'".into());
    }
    Ok((at, cmd.to_string()))
}

/// The JSON line of one Event (`--events jsonl`): keys in this order.
#[derive(Serialize)]
struct EventLine<'a> {
    t: f64,
    #[serde(rename = "type")]
    type_: &'a str,
    reason: &'a str,
    object: String,
    message: &'a str,
    /// A repeat (client-go's EventCorrelator patched the first one): how many so far.
    #[serde(skip_serializing_if = "is_first")]
    count: u32,
}

fn is_first(count: &u32) -> bool {
    *count <= 1
}

/// One-line JSON with a space after each `:` and `,` between members, as the documented
/// format shows it: `{"t": 12.0, "type": "Normal", ...}`. Strings keep their own escaping.
fn spaced_json<T: Serialize>(v: &T) -> String {
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(v) else {
        return String::new();
    };
    let parts: Vec<String> = map
        .iter()
        .map(|(k, v)| format!("{}: {}", serde_json::Value::String(k.clone()), v))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

/// What a run printed: stdout text, stderr text, exit code.
#[derive(Debug, Default, PartialEq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Where a command's output goes as it is made: gets the stdout and stderr text printed so far,
/// takes what it writes out of them (stdout first: an error is about what was printed before
/// it), and says whether to go on (false: the output is gone, a closed pipe or a full disk).
/// What it does not take stays in the returned [`Output`].
pub type Sink<'a> = &'a mut dyn FnMut(&mut String, &mut String) -> bool;

/// A sink that takes nothing: the whole output is returned.
fn keep_all(_: &mut String, _: &mut String) -> bool {
    true
}

/// Loads manifests and scenario through `read`, validates them, runs, and renders the output.
pub fn run(args: &RunArgs, read: &dyn Fn(&str) -> Result<String, String>) -> Output {
    run_streaming(args, read, &mut keep_all)
}

/// [`run`], handing its output to `sink` as the run goes (a long run's output appears while it
/// runs, and a timeout or Ctrl-C keeps what was printed, errors included).
pub fn run_streaming(
    args: &RunArgs,
    read: &dyn Fn(&str) -> Result<String, String>,
    sink: Sink,
) -> Output {
    let mut out = Output::default();
    // Each file read once (standard input can be), then judged as `validate` judges them, so
    // a run refuses what validate refuses in the same words, at FILE:LINE:COL (an object
    // given twice with a changed template, one name in two namespaces, an empty file).
    let texts: Vec<(&String, Result<String, String>)> =
        args.manifests.iter().map(|p| (p, read(p))).collect();
    let cached = |p: &str| {
        texts
            .iter()
            .find(|(q, _)| q.as_str() == p)
            .map_or_else(|| read(p), |(_, r)| r.clone())
    };
    let paths: Vec<String> = std::iter::once("--".to_string())
        .chain(args.manifests.iter().cloned())
        .collect();
    let verdict = validate_streaming(&paths, &cached, &mut keep_all);
    if verdict.code != 0 {
        // Its warnings and notes too: they are about the lines refused.
        out.stderr = verdict.stderr;
        out.code = 1;
        return out;
    }
    // The texts just validated: each parses.
    let mut objects: Vec<Object> = Vec::new();
    for (_, text) in &texts {
        if let Ok(Ok(objs)) = text.as_deref().map(parse_manifests) {
            objects.extend(objs);
        }
    }
    let mut actions: Vec<TimedAction> = Vec::new();
    if let Some(path) = &args.scenario {
        match read(path) {
            Err(e) => {
                let _ = writeln!(out.stderr, "{path}: {e}");
                out.code = 1;
            }
            // `apply: FILE` is read next to the scenario file (as a lesson's is), else as given.
            Ok(src) => match parse_scenario(&src, &|file: &str| {
                let dir = std::path::Path::new(path).parent();
                // The error names the path tried (next to the scenario first).
                match dir.filter(|d| !d.as_os_str().is_empty() && !file.starts_with('/')) {
                    Some(d) => {
                        let near = d.join(file).to_string_lossy().into_owned();
                        read(&near).or_else(|near_err| {
                            // The error of the path that is there (`apply: scdir` found as a
                            // directory from here), else the one next to the scenario.
                            read(file).map_err(|e| match std::path::Path::new(&near).exists() {
                                false if std::path::Path::new(file).exists() => {
                                    format!("{file}: {e}")
                                }
                                _ => format!("{near}: {near_err}"),
                            })
                        })
                    }
                    None => read(file).map_err(|e| format!("{file}: {e}")),
                }
            }) {
                // An empty scenario is a mistake (a file that lost its entries), as an empty
                // manifest is; an action past the run's end would silently never happen.
                Ok(a) if a.is_empty() => {
                    let _ = writeln!(
                        out.stderr,
                        "{path}: the scenario has no actions (a list of `- at: 30s` entries)"
                    );
                    out.code = 1;
                }
                Ok(a) => {
                    // Past the longest run it can never happen: a mistake. Past this run's
                    // --until it is a run cut short on purpose (or not): said, not refused.
                    if let Some(late) = a.iter().find(|t| t.at > MAX_UNTIL) {
                        let _ = writeln!(
                            out.stderr,
                            "{path}: an action is at {}, after the longest run (--until at most 366d): it could never happen",
                            day_duration(late.at)
                        );
                        out.code = 1;
                    } else if let (Some(until), Some(late)) = (
                        args.until,
                        a.iter()
                            .filter(|t| t.at > args.until.unwrap_or(MAX_UNTIL))
                            .map(|t| t.at)
                            .min(),
                    ) {
                        let n = a.iter().filter(|t| t.at > until).count();
                        let _ = writeln!(
                            out.stderr,
                            "note: {path}: {n} action(s) from {} on come after --until {} and do not happen in this run",
                            exact_duration(late),
                            exact_duration(until)
                        );
                    }
                    actions = a;
                }
                Err(errs) => {
                    for e in errs {
                        let _ =
                            writeln!(out.stderr, "{path}:{}:{}: {}", e.line, e.column, e.message);
                    }
                    out.code = 1;
                }
            },
        }
    }
    if out.code != 0 {
        return out;
    }
    if objects.is_empty() {
        // kubectl apply's own words for a file with no objects in it.
        let _ = writeln!(out.stderr, "error: no objects passed to apply");
        out.code = 1;
        return out;
    }

    let mut sim = Simulation::new(SimConfig {
        seed: args.seed,
        start: args.start,
        record_loop: args.loop_steps,
    });
    // --final-state lists every Event recorded, the series repeats the scheduler's recorder
    // held in its cache too.
    sim.cluster.keep_cached_repeats = args.final_state;
    if !objects.iter().any(|o| matches!(o, Object::Node(_))) {
        sim.add_default_nodes();
    }
    // Nodes first, so the workloads find a cluster.
    crate::sort::sort_by_key(&mut objects, |o| !matches!(o, Object::Node(_)));
    for o in objects {
        if let Err(e) = sim.apply(o) {
            let _ = writeln!(out.stderr, "error: {e}");
            out.code = 1;
            return out;
        }
    }

    let start = args.start;
    // Let the controllers react to the applied objects before asking what is due next.
    sim.run_until(start);
    // Without --until: an hour, or longer when a scenario action or a --kubectl command is set
    // later (what was asked for happens).
    let scheduled = actions
        .iter()
        .map(|a| a.at)
        .chain(args.kubectl.iter().map(|c| c.0))
        .max()
        .unwrap_or(Duration::ZERO);
    // RFC 3339 writes years up to 9999: no instant of the run may pass that (the command line
    // is checked as parsed; a scenario's actions and a `wait --timeout` only here).
    let writable = Time::parse_rfc3339("9999-12-31T23:59:59Z").unwrap_or(Time(i64::MAX));
    if start + scheduled > writable {
        let _ = writeln!(
            out.stderr,
            "--start {start}: an action at {} would come after 9999-12-31T23:59:59Z, the last time RFC 3339 can write (start earlier)",
            exact_duration(scheduled)
        );
        out.code = 1;
        return out;
    }
    let base_cap = (start + args.until.unwrap_or(DEFAULT_MAX_RUN.max(scheduled))).min(writable);
    let mut cap = base_cap;
    let mut printed_events = 0usize;
    let mut next_prune = 8192usize;
    let mut printed_steps = 0usize;
    let mut next_snapshot = if args.get.is_empty() {
        None
    } else {
        Some(start)
    };
    let mut pending = actions.into_iter().peekable();
    let mut commands = args.kubectl.iter().peekable();
    let mut follow: Option<Follow> = None;
    let mut last_snapshot = None;
    let mut failed_commands = 0usize;
    loop {
        // The next instant anything is due: an action, a snapshot, a command, a `wait`'s
        // timeout, or the simulation.
        let next_action = pending.peek().map(|a| start + a.at);
        let next_command = commands.peek().map(|c| start + c.0);
        let timeout = follow
            .as_ref()
            .and_then(Follow::deadline)
            .filter(|d| *d > sim.now());
        let mut t = [
            next_action,
            next_snapshot,
            next_command,
            timeout,
            sim.next_due(),
        ]
        .into_iter()
        .flatten()
        .min();
        // With --until the run goes to it; without, work due past the longest run (a pod
        // sleeping longer than the hour) runs the clock to that longest run.
        if t.is_some_and(|t| t > cap) || (args.until.is_some() && t.is_none()) {
            t = Some(cap);
        }
        let Some(t) = t.filter(|t| *t <= cap) else {
            break;
        };
        sim.run_until(t);
        while pending.peek().is_some_and(|a| start + a.at <= t) {
            if let Some(a) = pending.next() {
                // An action that cannot be done is a mistake in the scenario: said, and exit 1.
                if let Err(e) = sim.perform(&a.action) {
                    let file = args.scenario.as_deref().unwrap_or("scenario");
                    let _ = writeln!(out.stderr, "{file}: t={}: {e}", exact_duration(a.at));
                    out.code = 1;
                }
            }
            sim.run_until(t);
        }
        flush(
            &mut out.stdout,
            &sim,
            args,
            &mut printed_events,
            &mut printed_steps,
        );
        if poll_follow(&mut out.stdout, &mut sim, &mut follow) {
            failed_commands += 1;
        }
        // Events printed and past the API server's TTL are dropped, so a year of a CronJob
        // runs in flat memory; --final-state lists every Event recorded, so it keeps them.
        if !args.final_state && sim.cluster.events.len() >= next_prune {
            sim.cluster.prune_events(EVENT_RETENTION);
            next_prune = sim.cluster.events.len() + 8192;
        }
        // Loop steps printed are not read again: dropped, so --loop runs in flat memory too.
        if printed_steps >= 8192 {
            sim.cluster.loop_steps.drain(..printed_steps);
            printed_steps = 0;
        }
        while commands.peek().is_some_and(|c| start + c.0 <= t) {
            if let Some((_, line)) = commands.next() {
                // A new command ends the one still following, as in a terminal.
                if let Some(f) = follow.take() {
                    f.stop(&mut sim);
                }
                let _ = writeln!(
                    out.stdout,
                    "# t={} ({}) kubectl {}",
                    exact_duration(sim.now() - start),
                    sim.now().rfc3339_nano(),
                    line.strip_prefix("kubectl ").unwrap_or(line)
                );
                let r = console::run(&mut sim, line);
                if !r.output.is_empty() {
                    let _ = writeln!(out.stdout, "{}", r.output.trim_end_matches('\n'));
                }
                // kubectl would exit 1: the transcript goes on, and the run exits 1.
                if r.error {
                    failed_commands += 1;
                }
                follow = r.follow.map(|f| *f);
            }
            sim.run_until(t);
        }
        if next_snapshot.is_some_and(|s| s <= t) {
            print_tables(&mut out.stdout, &sim, args);
            last_snapshot = Some(sim.now());
            next_snapshot = Some(t + args.every);
        }
        let waiting = follow
            .as_ref()
            .and_then(Follow::deadline)
            .is_some_and(|d| d > sim.now());
        // Without --until, a `wait` (one just started at the run's end too) is decided: its
        // timeout is set later, within the longest run.
        if args.until.is_none() {
            cap = match follow.as_ref().and_then(Follow::deadline) {
                Some(d) => base_cap.max(d.min(start + MAX_UNTIL).min(writable)),
                // Decided: the run ends where it would have (or now, if past that).
                None => base_cap.max(cap.min(t)),
            };
        }
        if !sink(&mut out.stdout, &mut out.stderr) {
            out.code = out.code.max(1);
            return out;
        }
        if t >= cap
            || (args.until.is_none()
                && pending.peek().is_none()
                && commands.peek().is_none()
                && !waiting
                && sim.next_due().is_none())
        {
            break;
        }
    }
    flush(
        &mut out.stdout,
        &sim,
        args,
        &mut printed_events,
        &mut printed_steps,
    );
    if poll_follow(&mut out.stdout, &mut sim, &mut follow) {
        failed_commands += 1;
    }
    // A `wait` the run ended before (--until) was neither met nor timed out: a CI script must
    // not take that for success.
    if let Some(d) = follow.as_ref().and_then(Follow::deadline) {
        let why = match args.until {
            Some(_) => "--until",
            None => "the longest run, 366d",
        };
        let _ = writeln!(
            out.stdout,
            "error: the run ended at t={} ({why}), before the wait was decided (its timeout is at t={})",
            exact_duration(sim.now() - start),
            exact_duration(d - start)
        );
        failed_commands += 1;
    }
    // The state the run ended in, unless the last table already shows it.
    if !args.get.is_empty() && last_snapshot != Some(sim.now()) {
        print_tables(&mut out.stdout, &sim, args);
    }
    for (kind, name) in &args.describe {
        let text = describe(&sim, *kind, name);
        if text.starts_with("Error from server") {
            failed_commands += 1;
        }
        let _ = writeln!(out.stdout, "{text}");
    }
    if args.final_state {
        // The List serde_json would print, written one item at a time: a month of a CronJob
        // holds a million Events, and a tree of all of them took ~12 times the output's size.
        let items = sim
            .cluster
            .store
            .all_objects()
            .into_iter()
            .map(|o| kubectl::api_value(&o))
            .chain(sim.cluster.events.iter().map(final_state_event));
        let s = &mut out.stdout;
        s.push_str("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": [");
        let mut first = true;
        for item in items {
            s.push_str(if first { "\n" } else { ",\n" });
            first = false;
            let text = serde_json::to_string_pretty(&item).unwrap_or_default();
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    s.push('\n');
                }
                s.push_str("    ");
                s.push_str(line);
            }
        }
        s.push_str(if first { "],\n" } else { "\n  ],\n" });
        let _ = writeln!(
            s,
            "  \"metadata\": {{\n    \"resourceVersion\": {}\n  }}\n}}",
            serde_json::Value::String(sim.cluster.store.resource_version().to_string())
        );
    }
    if failed_commands > 0 {
        let _ = writeln!(
            out.stderr,
            "error: {failed_commands} kubectl command(s) failed (from --kubectl or --describe; their messages are in the output)"
        );
        out.code = 1;
    }
    for t in sim.looped_at() {
        let _ = writeln!(
            out.stderr,
            "warning: at t={} a controller kept acting without time passing (a CtrlScope bug; please report it with this manifest); its work at that instant was dropped",
            exact_duration(*t - sim.cluster.start)
        );
    }
    out
}

/// Prints what a `get -w` or `wait` saw since the last poll; true when it ended in an error
/// (a `wait` that timed out).
fn poll_follow(buf: &mut String, sim: &mut Simulation, follow: &mut Option<Follow>) -> bool {
    let Some(f) = follow.as_mut() else {
        return false;
    };
    match f.poll(sim) {
        Polled::More(text) => buf.push_str(&text),
        Polled::Done(text, error) => {
            buf.push_str(text.trim_end_matches('\n'));
            buf.push('\n');
            *follow = None;
            return error;
        }
        Polled::Gone => *follow = None,
    }
    false
}

fn flush(
    buf: &mut String,
    sim: &Simulation,
    args: &RunArgs,
    printed_events: &mut usize,
    printed_steps: &mut usize,
) {
    let start = args.start;
    // Events and loop steps interleave by time; at equal times the loop step comes first.
    let events = sim.cluster.events_since(*printed_events);
    let steps = &sim.cluster.loop_steps[(*printed_steps).min(sim.cluster.loop_steps.len())..];
    let (mut i, mut j) = (0, 0);
    while i < events.len() || j < steps.len() {
        let take_step =
            args.loop_steps && j < steps.len() && (i >= events.len() || steps[j].t <= events[i].t);
        if take_step {
            let s = &steps[j];
            // Loop steps: `{"t": 1.0, "controller": "job-controller", "step": "sync", ...}`.
            let mut m = serde_json::Map::new();
            m.insert("t".into(), serde_json::json!((s.t - start).as_secs_f64()));
            if let Ok(serde_json::Value::Object(rest)) = serde_json::to_value(s) {
                m.extend(rest.into_iter().filter(|(k, _)| k != "t"));
            }
            let _ = writeln!(buf, "{}", spaced_json(&m));
            j += 1;
            continue;
        }
        if i >= events.len() {
            break;
        }
        let r = &events[i];
        let e = r;
        if !e.written {
            // Dropped by client-go's spam filter: never reached the API server.
            i += 1;
            continue;
        }
        let message = e.api_message();
        let t = (r.t - start).as_secs_f64();
        match args.events {
            EventsFormat::Jsonl => {
                let line = EventLine {
                    t,
                    type_: e.type_,
                    reason: &e.reason,
                    object: e.object(),
                    message: &message,
                    count: e.count,
                };
                let _ = writeln!(buf, "{}", spaced_json(&line));
            }
            EventsFormat::Table => {
                let _ = write!(
                    buf,
                    "{:>9}  {:<8} {:<26} {:<32} {}",
                    format!("{t:.1}s"),
                    e.type_,
                    e.reason,
                    e.object(),
                    message
                );
                let _ = match e.count {
                    0 | 1 => writeln!(buf),
                    n => writeln!(buf, " (x{n})"),
                };
            }
            EventsFormat::None => {}
        }
        i += 1;
    }
    *printed_events = sim.cluster.events_recorded();
    *printed_steps = sim.cluster.loop_steps.len();
}

fn print_tables(buf: &mut String, sim: &Simulation, args: &RunArgs) {
    let now = sim.now();
    for g in &args.get {
        let (name, table) = match g {
            GetTarget::Jobs => ("jobs", kubectl::get_jobs(&sim.jobs(), now, args.wide)),
            GetTarget::Pods => {
                let mut pods = sim.pods();
                crate::sort::sort_by(&mut pods, |a, b| a.metadata.name.cmp(&b.metadata.name));
                ("pods", kubectl::get_pods(&pods, now, args.wide))
            }
            GetTarget::CronJobs => (
                "cronjobs",
                kubectl::get_cronjobs(&sim.cronjobs(), now, args.wide),
            ),
            GetTarget::DaemonSets => (
                "daemonsets",
                kubectl::get_daemonsets(&sim.daemonsets(), now, args.wide),
            ),
            GetTarget::Nodes => ("nodes", kubectl::get_nodes(&sim.nodes(), now, args.wide)),
            GetTarget::Events => {
                let all = sim.cluster.all_events();
                let mut evs: Vec<&Event> = all.iter().collect();
                // The API server's key order, as `kubectl get events` shows it.
                crate::sort::sort_by(&mut evs, |a, b| {
                    (&a.metadata.namespace, &a.metadata.name)
                        .cmp(&(&b.metadata.namespace, &b.metadata.name))
                });
                ("events", kubectl::get_events(&evs, now, args.wide))
            }
        };
        let _ = writeln!(
            buf,
            "# t={} ({}) kubectl get {name}{}",
            exact_duration(now - args.start),
            now.rfc3339_nano(),
            if args.wide { " -o wide" } else { "" }
        );
        if table.trim().is_empty() {
            // The tables list every namespace: kubectl get -A's words for none.
            buf.push_str("No resources found\n");
        } else {
            let _ = write!(buf, "{table}");
            if !table.ends_with('\n') {
                buf.push('\n');
            }
        }
        buf.push('\n');
    }
}

/// One recorded Event as `--final-state` lists it: the stored Event with firstTimestamp,
/// lastTimestamp, count and source always filled in (README: a script reads every Event
/// alike), where the API server leaves them null, absent and `{}` for the scheduler's
/// events.k8s.io ones (what kubectl shows).
fn final_state_event(r: &crate::sim::cluster::Recorded) -> serde_json::Value {
    let e = r.to_event();
    let serde_json::Value::Object(fields) = serde_json::to_value(&e).unwrap_or_default() else {
        return serde_json::Value::Null;
    };
    let mut m = serde_json::Map::new();
    for (k, v) in fields {
        match k.as_str() {
            "source" => {
                let source = crate::api::EventSource {
                    component: r.component.into(),
                    host: r.host().to_string(),
                };
                m.insert(k, serde_json::to_value(source).unwrap_or_default());
            }
            "firstTimestamp" => {
                m.insert(k, serde_json::to_value(r.first).unwrap_or_default());
            }
            "lastTimestamp" => {
                m.insert(k, serde_json::to_value(r.observed).unwrap_or_default());
                m.insert("count".into(), r.count.into());
            }
            "count" => {}
            _ => {
                m.insert(k, v);
            }
        }
    }
    serde_json::Value::Object(m)
}

/// `kubectl describe KIND NAME` of the current state.
pub fn describe(sim: &Simulation, kind: Kind, name: &str) -> String {
    let owned: Vec<Event> = sim.cluster.events_for(kind, name);
    let events: Vec<&Event> = owned.iter().collect();
    match kubectl::describe_object(sim, kind, name, &events) {
        Ok(text) => text,
        // The API server names the resource (`pods "x" not found`), as the console does.
        Err(kubectl::DescribeError::NotFound) => kubectl::console::not_found_message(kind, name),
        Err(kubectl::DescribeError::Unsupported) => {
            format!("describe is not supported for {kind}")
        }
    }
}

/// The largest manifest or scenario file read: far above any real one, and it keeps a path
/// such as /dev/zero or /dev/urandom from eating memory without end.
#[cfg(not(target_arch = "wasm32"))]
const MAX_FILE: u64 = 64 << 20;

/// An I/O error in words, without Rust's ` (os error 2)`.
#[cfg(not(target_arch = "wasm32"))]
fn io_words(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn read_file(path: &str) -> Result<String, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    // `-` is standard input, as in `kubectl apply -f -`.
    let read = if path == "-" {
        std::io::stdin().take(MAX_FILE + 1).read_to_end(&mut bytes)
    } else {
        let file = std::fs::File::open(path).map_err(|e| io_words(&e))?;
        file.take(MAX_FILE + 1).read_to_end(&mut bytes)
    };
    read.map_err(|e| io_words(&e))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(format!("larger than {} MB", MAX_FILE >> 20));
    }
    Ok(decode_text(&bytes))
}

/// Bytes as kubectl reads a file (cli-runtime resource/visitor.go FileVisitor:
/// `unicode.BOMOverride(unicode.UTF8.NewDecoder())`): a UTF-16 byte-order mark means UTF-16
/// (PowerShell's `>` writes UTF-16LE), a UTF-8 one is dropped, and bytes that are not UTF-8
/// become U+FFFD.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode_text(bytes: &[u8]) -> String {
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| {
        let units = rest.chunks(2).map(|c| match c {
            [a, b] => unit([*a, *b]),
            _ => 0xFFFD,
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The process entry point: returns the exit code.
#[cfg(not(target_arch = "wasm32"))]
pub fn main(args: Vec<String>) -> i32 {
    use std::io::Write;
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => ("--help", &[][..]),
    };
    // Each stream written as the command goes, stdout then stderr, so `2>&1` keeps the order
    // and a killed run keeps its errors (kubectl's os.Stderr is unbuffered too).
    let mut failed: Option<std::io::Error> = None;
    let mut sink = |stdout: &mut String, stderr: &mut String| {
        if failed.is_none() && !stdout.is_empty() {
            let mut o = std::io::stdout().lock();
            if let Err(e) = o.write_all(stdout.as_bytes()).and_then(|()| o.flush()) {
                failed = Some(e);
            }
        }
        stdout.clear();
        if !stderr.is_empty() {
            let _ = std::io::stderr().write_all(stderr.as_bytes());
            stderr.clear();
        }
        failed.is_none()
    };
    let mut output = match cmd {
        "--help" | "-h" | "help" => Output {
            stdout: format!("{USAGE}\n"),
            ..Default::default()
        },
        "--version" | "version" if !rest.is_empty() => {
            usage_error(&format!("{cmd} takes no arguments, got {:?}", rest[0]))
        }
        "--version" | "version" => Output {
            stdout: format!("ctrlscope {}\n", env!("CARGO_PKG_VERSION")),
            ..Default::default()
        },
        _ if rest.iter().any(|a| a == "--help" || a == "-h") => Output {
            stdout: format!("{USAGE}\n"),
            ..Default::default()
        },
        "run" => match parse_run_args(rest) {
            Ok(a) => run_streaming(&a, &read_file, &mut sink),
            Err(e) => usage_error(&e),
        },
        "validate" => validate_streaming(rest, &read_file, &mut sink),
        "lesson" => lesson_command(rest, &mut sink),
        other => usage_error(&format!("unknown command {other:?}")),
    };
    sink(&mut output.stdout, &mut output.stderr);
    // A full disk is a failure, not a silent success; a reader that stopped early (`| head`)
    // is no error worth a line, but no success either (exit 1, as for any output lost).
    match failed {
        Some(e) => {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                let _ = writeln!(
                    std::io::stderr(),
                    "error: writing the output: {}",
                    io_words(&e)
                );
            }
            output.code.max(1)
        }
        None => output.code,
    }
}

/// A bad command line: one line, and where to read more (exit 2).
fn usage_error(e: &str) -> Output {
    Output {
        stderr: format!("error: {e}\nSee 'ctrlscope --help' for the commands and flags.\n"),
        code: 2,
        ..Default::default()
    }
}

/// `ctrlscope validate FILE...`: the API server's verdict on each object, nothing run.
pub fn validate(args: &[String], read: &dyn Fn(&str) -> Result<String, String>) -> Output {
    validate_streaming(args, read, &mut keep_all)
}

/// [`validate`], each file's verdicts handed to `sink` before the next file is read (an error
/// stays next to its file's lines under `2>&1`).
pub fn validate_streaming(
    args: &[String],
    read: &dyn Fn(&str) -> Result<String, String>,
    sink: Sink,
) -> Output {
    let mut out = Output::default();
    // `validate` takes no flags; `--` ends them, as for `run`.
    let ends = args.iter().position(|a| a == "--").unwrap_or(args.len());
    if let Some(flag) = args[..ends]
        .iter()
        .find(|a| a.starts_with('-') && a.len() > 1)
    {
        return usage_error(&format!(
            "unknown flag: {flag} (validate takes manifest files only)"
        ));
    }
    let paths: Vec<&String> = args[..ends]
        .iter()
        .chain(args.get(ends + 1..).unwrap_or_default())
        .collect();
    if paths.is_empty() {
        return usage_error("no manifest given");
    }
    if paths.iter().filter(|p| p.as_str() == "-").count() > 1 {
        return usage_error("standard input (-) can be read only once");
    }
    // One object of a kind per name across the files, as `run` applies them (Simulation::apply).
    // (kind, name, namespace, file)
    let mut seen: Vec<(Kind, String, String, String)> = Vec::new();
    // The objects applied in turn, as `run` and the page do: a repeated kind and name is an
    // update of the stored object (defaulted, with its generated labels), not of the text.
    let mut scratch = crate::sim::Simulation::new(crate::sim::SimConfig::default());
    for path in paths {
        if !sink(&mut out.stdout, &mut out.stderr) {
            break;
        }
        let text = read(path);
        match text.as_ref().map(|s| crate::manifest::parse_documents(s)) {
            Err(e) => {
                let _ = writeln!(out.stderr, "{path}: {e}");
                out.code = 1;
            }
            Ok(Ok(docs)) if docs.is_empty() => {
                let _ = writeln!(out.stderr, "{path}: error: no objects passed to apply");
                out.code = 1;
            }
            Ok(Ok(docs)) => {
                for d in docs {
                    let o = &d.object;
                    let (kind, name, ns) = (o.kind(), o.name(), &o.metadata().namespace);
                    // `run` applies it, and apply refuses an object with only generateName.
                    if let Some(e) = crate::sim::generate_name_refusal(o) {
                        let _ = writeln!(out.stderr, "{path}:{}:{}: error: {e}", d.line, d.column);
                        out.code = 1;
                        continue;
                    }
                    let other = seen
                        .iter()
                        .find(|(k, n, s, ..)| *k == kind && n == name && s != ns);
                    if let (Some((_, _, was, file)), false) = (other, kind == Kind::Node) {
                        let kind = kind.as_str();
                        let _ = writeln!(
                            out.stderr,
                            "{path}:{}:{}: {kind} {name:?} is also in namespace {was:?} ({file}): CtrlScope keeps one {kind} per name across namespaces; rename one",
                            d.line, d.column
                        );
                        out.code = 1;
                        continue;
                    }
                    // The same object again: `run` applies it as an update of the first
                    // (immutable fields).
                    if let Some(first) = seen
                        .iter()
                        .any(|(k, n, ..)| *k == kind && n == name)
                        .then(|| crate::sim::preview::live_object(&scratch, kind, name))
                        .flatten()
                    {
                        let errs = crate::manifest::validate_update(&first, &d);
                        for e in &errs {
                            let _ = writeln!(
                                out.stderr,
                                "{path}:{}:{}: {}",
                                e.line, e.column, e.message
                            );
                        }
                        if !errs.is_empty() {
                            out.code = 1;
                            continue;
                        }
                    }
                    if let Err(e) = scratch.apply(o.clone()) {
                        let _ = writeln!(out.stderr, "{path}:{}:{}: error: {e}", d.line, d.column);
                        out.code = 1;
                        continue;
                    }
                    seen.push((kind, name.to_string(), ns.clone(), path.clone()));
                    let resource = crate::sim::kubectl_resource(o.kind());
                    let _ = writeln!(out.stdout, "{path}: {resource}/{} valid", o.name());
                    for w in d.warnings() {
                        let _ = writeln!(out.stderr, "{path}: Warning: {w}");
                    }
                    // A note on stderr: stdout's lines stay as they were.
                    if let Some(f) = d.unread_script() {
                        let _ = writeln!(
                            out.stderr,
                            "{path}: note: {resource}/{}: {f}: {}",
                            o.name(),
                            crate::manifest::UNREAD_SCRIPT_NOTE
                        );
                    }
                    for (line, key, first) in &d.duplicates {
                        let n = crate::manifest::duplicate_note(*line, key, *first);
                        let _ = writeln!(out.stderr, "{path}: note: {n}");
                    }
                    for f in d.not_simulated() {
                        let _ = writeln!(
                            out.stderr,
                            "{path}: note: {resource}/{}: {f} is accepted but not simulated by CtrlScope",
                            o.name()
                        );
                    }
                }
            }
            Ok(Err(errs)) => {
                for e in errs {
                    let _ = writeln!(out.stderr, "{path}:{}:{}: {}", e.line, e.column, e.message);
                }
                if let Ok(src) = &text {
                    for (line, key, earlier) in crate::manifest::duplicate_keys(src) {
                        let n = crate::manifest::duplicate_note(line, &key, earlier);
                        let _ = writeln!(out.stderr, "{path}: note: {n}");
                    }
                }
                out.code = 1;
            }
        }
    }
    out
}

/// `ctrlscope lesson list` and `ctrlscope lesson check lessons/NAME [--manifest FILE]`: a
/// lesson's challenge run headlessly — the reference solution, or the given manifest.
#[cfg(not(target_arch = "wasm32"))]
fn lesson_command(args: &[String], sink: Sink) -> Output {
    match args.first().map(String::as_str) {
        Some("list") if args.len() > 1 => usage_error(&format!(
            "lesson list takes no arguments, got {:?}",
            args[1]
        )),
        Some("list") => {
            let mut out = Output::default();
            for l in crate::lessons::all() {
                match l {
                    Ok(l) => {
                        let _ = writeln!(
                            out.stdout,
                            "{:>2}  {:<24} {}  /  {}",
                            l.order, l.id, l.title.en, l.title.zh
                        );
                    }
                    Err(e) => {
                        let _ = writeln!(out.stderr, "{e}");
                        out.code = 1;
                    }
                }
            }
            out
        }
        Some("check") => {
            // `DIR [--manifest FILE | --manifest=FILE]`, in any order; anything else is refused
            // (a grading script must not grade the reference solution by mistake).
            let (mut dir, mut file) = (None::<&String>, None::<String>);
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                // One manifest is graded: a second would silently replace the first.
                let given = match a.split_once('=') {
                    Some(("--manifest", f)) => Some(f.to_string()),
                    _ if a == "--manifest" => match it.next() {
                        Some(f) => Some(f.clone()),
                        None => return usage_error("--manifest needs a file"),
                    },
                    _ => None,
                };
                if let Some(f) = given {
                    if file.is_some() {
                        return usage_error(
                            "lesson check grades one manifest: --manifest given twice (put the objects in one file)",
                        );
                    }
                    if f.is_empty() {
                        return usage_error("--manifest needs a file");
                    }
                    file = Some(f);
                    continue;
                }
                match a.split_once('=') {
                    _ if a.starts_with('-') => {
                        return usage_error(&format!("lesson check: unknown flag {a}"))
                    }
                    _ if dir.is_some() => {
                        return usage_error(&format!(
                            "lesson check: one lesson folder, got {a:?} too"
                        ))
                    }
                    _ => dir = Some(a),
                }
            }
            let Some(dir) = dir else {
                return usage_error("lesson check needs a lesson folder");
            };
            let manifest = match file.map(|f| read_file(&f).map_err(|e| format!("{f}: {e}\n"))) {
                Some(Ok(s)) => Some(s),
                Some(Err(e)) => {
                    return Output {
                        stderr: e,
                        code: 1,
                        ..Default::default()
                    }
                }
                None => None,
            };
            lesson_check(std::path::Path::new(dir), manifest, sink)
        }
        _ => usage_error("expected `lesson list` or `lesson check DIR`"),
    }
}

/// The lesson.yaml field path a lint problem starts with (`steps[2].title.zh is empty` →
/// `steps[2].title.zh`), if it starts with one.
#[cfg(not(target_arch = "wasm32"))]
fn lint_path(problem: &str) -> Option<&str> {
    let end = problem.find([' ', ':']).unwrap_or(problem.len());
    let path = &problem[..end];
    let word = |c: char| c.is_ascii_alphanumeric() || "_-.[]".contains(c);
    (path.starts_with(|c: char| c.is_ascii_lowercase()) && path.chars().all(word)).then_some(path)
}

/// The curriculum's rule that the orders are 1..N without gaps, as far as one folder can be
/// held to it: another lesson folder beside it (`lessons/*/lesson.yaml`) with the same `order`.
#[cfg(not(target_arch = "wasm32"))]
fn sibling_orders(dir: &std::path::Path, id: &str, order: u32) -> Vec<String> {
    let parent = std::fs::canonicalize(dir)
        .ok()
        .and_then(|d| d.parent().map(std::path::Path::to_path_buf));
    let Some(entries) = parent.and_then(|p| std::fs::read_dir(p).ok()) else {
        return Vec::new();
    };
    let mut same: Vec<String> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let text = std::fs::read_to_string(e.path().join("lesson.yaml")).ok()?;
            let theirs = text
                .lines()
                .find_map(|l| l.strip_prefix("order:"))
                .and_then(|v| v.split('#').next())
                .and_then(|v| v.trim().parse::<u32>().ok())?;
            (name != id && theirs == order).then_some(name)
        })
        .collect();
    crate::sort::sort_by(&mut same, |a, b| a.cmp(b));
    same.into_iter()
        .map(|other| {
            format!("order: {order} is also {other}'s: the orders of the lessons beside it are 1..N without gaps (renumber one)")
        })
        .collect()
}

#[cfg(not(target_arch = "wasm32"))]
fn lesson_check(dir: &std::path::Path, manifest: Option<String>, sink: Sink) -> Output {
    let mut files = std::collections::BTreeMap::new();
    // A lesson's id as `lesson list` prints it (`parallel-job`), not a folder here: the
    // compiled-in lesson of that id.
    let builtin = (!dir.exists())
        .then(|| dir.to_str())
        .flatten()
        .and_then(crate::lessons::find);
    let entries = match std::fs::read_dir(dir) {
        _ if builtin.is_some() => None.into_iter().flatten(),
        Ok(e) => Some(e).into_iter().flatten(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Output {
                stderr: format!(
                    "error: the path \"{}\" does not exist (a lesson folder such as lessons/first-job, or an id from `ctrlscope lesson list`)\n",
                    dir.display()
                ),
                code: 1,
                ..Default::default()
            }
        }
        Err(e) => {
            return Output {
                stderr: format!("{}: {}\n", dir.display(), io_words(&e)),
                code: 1,
                ..Default::default()
            }
        }
    };
    let mut unread = String::new();
    for e in entries.flatten() {
        let Some(name) = e.file_name().to_str().map(String::from) else {
            continue;
        };
        // The files build.rs compiles in (an editor's backup or lock file, `.DS_Store`, are
        // not the lesson's).
        let compiled = [".yaml", ".yml", ".md"].iter().any(|x| name.ends_with(x));
        if !compiled || !e.path().is_file() {
            continue;
        }
        // Through the same size cap as manifests (a link to /dev/zero must not eat memory),
        // and as UTF-8: build.rs compiles them in with include_str!, which takes nothing else.
        let read = e.path().to_str().map(read_file).map(|r| {
            r.and_then(|text| {
                match std::fs::read(e.path()).is_ok_and(|b| std::str::from_utf8(&b).is_err()) {
                    true => Err(
                        "not UTF-8: lesson files are compiled in as UTF-8 text; save it as UTF-8"
                            .to_string(),
                    ),
                    false => Ok(text),
                }
            })
        });
        match read {
            Some(Ok(text)) => {
                files.insert(name, text);
            }
            Some(Err(why)) => {
                let _ = writeln!(unread, "{}: {why}", dir.join(&name).display());
            }
            None => {}
        }
    }
    // A file that cannot be read is said as such, not as a missing one.
    if !unread.is_empty() {
        return Output {
            stderr: unread,
            code: 1,
            ..Default::default()
        };
    }
    // `lesson check .` inside the folder: its real name.
    let id = std::fs::canonicalize(dir)
        .ok()
        .and_then(|p| p.file_name().and_then(|n| n.to_str()).map(String::from))
        .or_else(|| dir.file_name().and_then(|n| n.to_str()).map(String::from))
        .unwrap_or_else(|| "lesson".into());
    let loaded = match builtin {
        Some(l) => Ok(l),
        None => crate::lessons::load(&id, files),
    };
    let lesson = match loaded {
        Ok(l) => l,
        Err(e) => {
            // The folder as given, not only its name.
            let file = match e.file.strip_prefix(&format!("{id}/")) {
                Some(rest) => dir.join(rest).display().to_string(),
                None => e.file.clone(),
            };
            return Output {
                stderr: format!("{file}: {}\n", e.message),
                code: 1,
                ..Default::default()
            };
        }
    };
    if manifest
        .as_deref()
        .is_some_and(|m| parse_manifests(m).is_ok_and(|objs| objs.is_empty()))
    {
        return Output {
            stderr: "error: no objects passed to apply\n".into(),
            code: 1,
            ..Default::default()
        };
    }
    let own_solution = manifest.is_none();
    let manifest = manifest.unwrap_or_else(|| {
        lesson
            .files
            .get(&lesson.challenge.solution)
            .cloned()
            .unwrap_or_default()
    });
    let report = crate::lessons::check(&lesson, &manifest);
    let mut out = Output::default();
    // The folder's own rules (what the curriculum's tests hold every lesson to), said first:
    // an author learns of them here, before a rebuild.
    let mut problems = crate::lessons::lint::lint(&lesson);
    // With the lesson's own solution, a scenario action with nothing to act on is the
    // author's mistake (with a learner's manifest it may be theirs: the checks say what).
    if own_solution {
        problems.extend(
            report
                .unperformed
                .iter()
                .map(|e| format!("challenge.scenario: with the solution, the action at {e}")),
        );
    }
    problems.extend(sibling_orders(dir, &id, lesson.order));
    // Each problem at its file (FILE:LINE:COL when it has a place), as editors and CI read
    // them; those of no other file are lesson.yaml's, placed by the field path they start with.
    let lesson_yaml = lesson.files.get("lesson.yaml").map(String::as_str);
    let positions = lesson_yaml.and_then(crate::manifest::Positions::of_yaml);
    for p in &problems {
        let file = p
            .split(':')
            .next()
            .filter(|f| lesson.files.contains_key(*f));
        let place = positions
            .as_ref()
            .and_then(|pos| {
                // A path of lesson.yaml's own: its first field is in the file.
                let path = lint_path(p)?;
                let head = path.split(['.', '[']).next()?;
                pos.contains(head).then(|| pos.get(path))?
            })
            .map(|(line, col)| format!(":{line}:{col}"))
            .unwrap_or_default();
        let _ = match file {
            Some(_) => writeln!(out.stderr, "{}", dir.join(p).display()),
            None => writeln!(
                out.stderr,
                "{}{place}: {p}",
                dir.join("lesson.yaml").display()
            ),
        };
    }
    // The rules broken come before the verdict, as said.
    sink(&mut out.stdout, &mut out.stderr);
    let _ = writeln!(
        out.stdout,
        "lesson {}: {}",
        lesson.id, lesson.challenge.goal.en
    );
    for o in &report.outcomes {
        let _ = writeln!(
            out.stdout,
            "  {}  {} — {}",
            if o.passed { "PASS" } else { "FAIL" },
            crate::lessons::describe_check(&o.check, "en"),
            o.detail.en
        );
    }
    let _ = writeln!(
        out.stdout,
        "{}",
        if report.passed {
            "challenge passed"
        } else {
            "challenge not passed"
        }
    );
    if !problems.is_empty() {
        let _ = writeln!(
            out.stderr,
            "error: the lesson breaks {} rule{} above (README \"Lessons and lesson authoring\")",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
    }
    out.code = if report.passed && problems.is_empty() {
        0
    } else {
        1
    };
    out
}

/// A long duration in days and what is left (`99999d`, `400d2h`), as a person writes it.
fn day_duration(d: Duration) -> String {
    let day = 24 * 3600 * 1000;
    match (d.0 / day, d.0 % day) {
        (0, _) => exact_duration(d),
        (days, 0) => format!("{days}d"),
        (days, rest) => format!("{days}d{}", exact_duration(Duration::from_millis(rest))),
    }
}

/// The `--get` header's time: like kubectl's ages (`90s`, `2m30s`) but never rounded
/// (`10m30s`, not `10m`; `1.5s`, not `1s`).
fn exact_duration(d: Duration) -> String {
    let (secs, ms) = (d.whole_secs(), d.0.rem_euclid(1000));
    let frac = if ms == 0 {
        String::new()
    } else {
        format!(".{ms:03}").trim_end_matches('0').to_string()
    };
    if secs < 120 {
        return format!("{secs}{frac}s");
    }
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || !frac.is_empty() {
        out.push_str(&format!("{s}{frac}s"));
    }
    out
}

#[cfg(test)]
mod tests {
    /// `lesson check` says a lesson folder whose `order` another folder beside it has.
    #[test]
    fn sibling_orders_name_a_shared_order() {
        let root = std::env::temp_dir().join(format!("ctrlscope-orders-{}", std::process::id()));
        for (name, order) in [("a-lesson", 1), ("b-lesson", 2), ("c-lesson", 2)] {
            let dir = root.join(name);
            std::fs::create_dir_all(&dir).expect("temp dir");
            std::fs::write(dir.join("lesson.yaml"), format!("order: {order}  # here\n"))
                .expect("write");
        }
        let said = super::sibling_orders(&root.join("b-lesson"), "b-lesson", 2);
        let alone = super::sibling_orders(&root.join("a-lesson"), "a-lesson", 1);
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(
            said,
            ["order: 2 is also c-lesson's: the orders of the lessons beside it are 1..N without gaps (renumber one)"]
        );
        assert!(alone.is_empty());
    }

    /// A problem of lesson.yaml's own is said at its field's line and column, as a compiler
    /// says it (an editor jumps there); a problem of another file keeps that file's place.
    #[test]
    fn lesson_check_places_lesson_yaml_problems() {
        let dir = std::env::temp_dir().join(format!("ctrlscope-place-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        for e in std::fs::read_dir("lessons/first-job").expect("lesson") {
            let e = e.expect("entry");
            std::fs::copy(e.path(), dir.join(e.file_name())).expect("copy");
        }
        let lesson = std::fs::read_to_string(dir.join("lesson.yaml")).expect("lesson.yaml");
        let broken = lesson.replacen("  zh: 第一个 Job", "  zh: A first Job", 1);
        assert_ne!(broken, lesson);
        std::fs::write(dir.join("lesson.yaml"), broken).expect("write");
        let out = super::lesson_check(&dir, None, &mut super::keep_all);
        let _ = std::fs::remove_dir_all(&dir);
        let want = format!(
            "{}:4:7: title.zh has no Chinese characters: \"A first Job\"",
            dir.join("lesson.yaml").display()
        );
        assert!(
            out.stderr.contains(&want),
            "{want}\nnot in:\n{}",
            out.stderr
        );
        assert_eq!(
            super::lint_path("steps[2].kubectl \"x\" does not"),
            Some("steps[2].kubectl")
        );
        assert_eq!(super::lint_path("job.yaml:3:1: x"), Some("job.yaml"));
        assert_eq!(super::lint_path("A lesson"), None);
    }
}
