//! Helpers shared by the scenario tests: run the CLI on in-memory files, read its JSON lines,
//! and drive a Simulation from YAML.
#![allow(dead_code)]

use std::collections::HashMap;

use ctrlscope::api::{Duration, Time};
use ctrlscope::cli::{parse_run_args, run, Output};
use ctrlscope::manifest::parse_manifests;
use ctrlscope::sim::{SimConfig, Simulation};

/// Runs `ctrlscope run ARGS` where file names resolve to `files`.
pub fn cli(files: &[(&str, &str)], args: &[&str]) -> Output {
    let map: HashMap<String, String> = files
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let args: Vec<String> = args
        .iter()
        .skip_while(|a| **a == "run")
        .map(|s| s.to_string())
        .collect();
    let parsed = match parse_run_args(&args) {
        Ok(a) => a,
        Err(e) => {
            return Output {
                stdout: String::new(),
                stderr: e,
                code: 2,
            }
        }
    };
    run(&parsed, &|p: &str| {
        map.get(p)
            .cloned()
            .ok_or_else(|| format!("open {p}: no such file or directory"))
    })
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ev {
    pub t: f64,
    pub type_: String,
    pub reason: String,
    pub object: String,
    pub message: String,
    /// `count` of a repeated Event (1 for a new one).
    pub count: u64,
}

/// The `--events jsonl` lines of an output.
pub fn events(out: &Output) -> Vec<Ev> {
    out.stdout
        .lines()
        .filter(|l| l.starts_with('{'))
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v.get("reason").is_some())
        .map(|v| Ev {
            t: v["t"].as_f64().unwrap_or(-1.0),
            type_: v["type"].as_str().unwrap_or_default().to_string(),
            reason: v["reason"].as_str().unwrap_or_default().to_string(),
            object: v["object"].as_str().unwrap_or_default().to_string(),
            message: v["message"].as_str().unwrap_or_default().to_string(),
            count: v["count"].as_u64().unwrap_or(1),
        })
        .collect()
}

/// Times of the events with this reason about this object.
pub fn times(evs: &[Ev], object: &str, reason: &str) -> Vec<f64> {
    evs.iter()
        .filter(|e| e.object == object && e.reason == reason)
        .map(|e| e.t)
        .collect()
}

/// A simulation on the default cluster with these manifests applied.
pub fn sim(yaml: &str) -> Simulation {
    let objs = parse_manifests(yaml).unwrap_or_else(|e| panic!("manifest errors: {e:?}"));
    let mut sim = Simulation::new(SimConfig::default());
    sim.add_default_nodes();
    for o in objs {
        sim.apply(o).unwrap_or_else(|e| panic!("apply: {e}"));
    }
    sim
}

/// Steps the simulation to `until` seconds, calling `check` after every step.
pub fn step_until(sim: &mut Simulation, until_secs: i64, mut check: impl FnMut(&Simulation)) {
    let end = sim.cluster.start + Duration::from_secs(until_secs);
    check(sim);
    while sim.next_due().is_some_and(|t: Time| t <= end) {
        sim.step();
        check(sim);
    }
    sim.run_until(end);
    check(sim);
}

pub fn secs(sim: &Simulation, t: Time) -> f64 {
    (t - sim.cluster.start).as_secs_f64()
}

/// The whole seconds since the start at which Events with this reason were recorded.
pub fn event_secs(sim: &Simulation, reason: &str) -> Vec<i64> {
    sim.cluster
        .events
        .iter()
        .filter(|e| e.reason.as_ref() == reason)
        .map(|e| (e.t - sim.cluster.start).whole_secs())
        .collect()
}

/// The messages of the Events recorded with this reason, in order.
pub fn event_messages(sim: &Simulation, reason: &str) -> Vec<String> {
    sim.cluster
        .events
        .iter()
        .filter(|e| e.reason.as_ref() == reason)
        .map(|e| e.message().to_string())
        .collect()
}

/// The second and third columns (READY and STATUS of `get pods`, STATUS and COMPLETIONS of
/// `get jobs`) of each row a `--kubectl 'get … -w'` printed, after its `# t=` line and header.
pub fn watch_columns(stdout: &str) -> Vec<(String, String)> {
    stdout
        .lines()
        .skip(2)
        .filter_map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            Some((w.get(1)?.to_string(), w.get(2)?.to_string()))
        })
        .collect()
}

/// [`watch_columns`] with repeated rows dropped: the sequence of states a watch went through.
pub fn watch_changes(stdout: &str) -> Vec<(String, String)> {
    let mut seen: Vec<(String, String)> = Vec::new();
    for c in watch_columns(stdout) {
        if seen.last() != Some(&c) {
            seen.push(c);
        }
    }
    seen
}

/// `(&str, &str)` pairs as owned strings, to compare with [`watch_changes`].
pub fn pairs(want: &[(&str, &str)]) -> Vec<(String, String)> {
    want.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}
