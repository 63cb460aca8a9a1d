//! `cargo bench --bench daemonset_rollout`: a DaemonSet on 5 000 nodes, then an image change
//! rolled out with maxUnavailable 10 % (500 nodes at a time). Prints the wall time of the
//! initial placement and of the rollout, events/s and API writes/s. No assertions on time
//! (benchmarks print numbers; tests do not time things). Under `cargo test --all-targets`
//! (no `--bench` argument) it runs a 50-node version as a quick smoke test.
//! `--nodes N` overrides the node count.

use std::collections::BTreeMap;
use std::time::Instant;

use ctrlscope::api::{DaemonSet, Duration, Object};
use ctrlscope::kubectl::rollout_status;
use ctrlscope::manifest::parse_manifests;
use ctrlscope::sim::{SimConfig, Simulation};

const MANIFEST: &str = r#"
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: "10%"
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      containers:
      - name: agent
        image: agent:IMAGE
"#;

fn daemonset(image: &str) -> Object {
    match parse_manifests(&MANIFEST.replace("IMAGE", image)) {
        Ok(mut o) if o.len() == 1 => o.remove(0),
        other => {
            eprintln!("manifest did not parse: {other:?}");
            std::process::exit(1);
        }
    }
}

/// Steps until `kubectl rollout status` says done (and nothing is left at this instant).
fn run_until_rolled_out(sim: &mut Simulation) {
    let horizon = sim.now() + Duration::from_secs(86_400);
    loop {
        let done = sim
            .daemonsets()
            .first()
            .is_some_and(|d: &&DaemonSet| rollout_status(d).1);
        if done || sim.next_due().is_none_or(|t| t > horizon) {
            break;
        }
        sim.step();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this too, as a quick smoke.
    let default = if args.iter().any(|a| a == "--bench") {
        5_000
    } else {
        50
    };
    let nodes: usize = args
        .iter()
        .skip_while(|a| *a != "--nodes")
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);

    let mut sim = Simulation::new(SimConfig::default());
    let wall = Instant::now();
    for i in 0..nodes {
        if let Err(e) = sim.add_node(&format!("node-{i:05}"), BTreeMap::new(), Vec::new()) {
            eprintln!("add_node: {e}");
            std::process::exit(1);
        }
    }
    sim.run_until(sim.now());
    let add_secs = wall.elapsed().as_secs_f64();

    let wall = Instant::now();
    if let Err(e) = sim.apply(daemonset("v1")) {
        eprintln!("apply: {e}");
        std::process::exit(1);
    }
    run_until_rolled_out(&mut sim);
    let place_secs = wall.elapsed().as_secs_f64();
    let placed_at = sim.now();
    let events_before = sim.cluster.events.len();
    let writes_before = sim.cluster.store.resource_version();

    let wall = Instant::now();
    if let Err(e) = sim.apply(daemonset("v2")) {
        eprintln!("apply: {e}");
        std::process::exit(1);
    }
    run_until_rolled_out(&mut sim);
    let roll_secs = wall.elapsed().as_secs_f64();
    let events = sim.cluster.events.len() - events_before;
    let writes = sim.cluster.store.resource_version() - writes_before;

    let ds = sim.daemonsets()[0].clone();
    let s = &ds.status;
    println!("daemonset_rollout: nodes={nodes} maxUnavailable=10%");
    println!("  add {nodes} nodes: {add_secs:.3}s wall");
    println!(
        "  initial placement: {place_secs:.3}s wall, {:.0}s virtual",
        (placed_at - sim.cluster.start).as_secs_f64()
    );
    println!(
        "  rollout: {roll_secs:.3}s wall, {:.0}s virtual; {}",
        (sim.now() - placed_at).as_secs_f64(),
        rollout_status(&ds).0
    );
    println!(
        "  status: desired={} current={} up-to-date={} available={}",
        s.desired_number_scheduled,
        s.current_number_scheduled,
        s.updated_number_scheduled,
        s.number_available
    );
    println!(
        "  rollout events: {events} ({:.0} events/s); API writes: {writes} ({:.0}/s)",
        events as f64 / roll_secs,
        writes as f64 / roll_secs
    );
    if s.updated_number_scheduled != nodes as i32 || s.number_available != nodes as i32 {
        eprintln!("rollout did not complete");
        std::process::exit(1);
    }
}
