//! `cargo bench --bench job_scale`: a Job with completions 100 000 and parallelism 1 000, run to
//! completion in virtual time on the default cluster plus seven more workers (ten in all).
//! Prints wall time, events/s and watch events/s. No assertions on time (benchmarks print
//! numbers; tests do not time things).

use std::time::Instant;

use ctrlscope::api::{Duration, Job, Object};
use ctrlscope::manifest::parse_manifests;
use ctrlscope::sim::{SimConfig, Simulation};

const MANIFEST: &str = r#"
apiVersion: batch/v1
kind: Job
metadata:
  name: big
spec:
  completions: 100000
  parallelism: 1000
  template:
    metadata:
      annotations:
        sim.ctrlscope.dev/duration: "30s"
    spec:
      restartPolicy: Never
      containers:
      - name: work
        image: busybox:1.36
"#;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this too, as a quick smoke.
    let default = if args.iter().any(|a| a == "--bench") {
        100_000
    } else {
        2_000
    };
    let completions = args
        .iter()
        .skip_while(|a| *a != "--completions")
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    let objs = match parse_manifests(MANIFEST) {
        Ok(o) if !o.is_empty() => o,
        other => {
            eprintln!("manifest did not parse: {other:?}");
            std::process::exit(1);
        }
    };
    let mut sim = Simulation::new(SimConfig::default());
    sim.add_default_nodes();
    // Ten workers hold 1 100 pods (110 each, the kubelet's --max-pods default), so all
    // 1 000 run at once, as the benchmark has always measured.
    for i in 4..=10 {
        if let Err(e) = sim.add_node(&format!("worker-{i}"), Default::default(), Vec::new()) {
            eprintln!("add node: {e}");
            std::process::exit(1);
        }
    }
    for o in objs {
        let o = match o {
            Object::Job(mut j) => {
                j.spec.completions = Some(completions);
                Object::Job(j)
            }
            o => o,
        };
        if let Err(e) = sim.apply(o) {
            eprintln!("apply: {e}");
            std::process::exit(1);
        }
    }
    let wall = Instant::now();
    let horizon = sim.now() + Duration::from_secs(30 * 86_400);
    while sim.next_due().is_some_and(|t| t <= horizon) {
        sim.step();
    }
    let secs = wall.elapsed().as_secs_f64();
    let job: &Job = sim.jobs()[0];
    let events = sim.cluster.events.len();
    let virtual_secs = (sim.now() - sim.cluster.start).as_secs_f64();
    println!("job_scale: completions={completions} parallelism=1000");
    println!(
        "  result: succeeded={} failed={} finished={:?}",
        job.status.succeeded,
        job.status.failed,
        job.status.finished_type()
    );
    println!(
        "  virtual time: {virtual_secs:.0}s; resource versions written: {}",
        sim.cluster.store.resource_version()
    );
    println!("  wall time: {secs:.3}s");
    println!("  events: {events} ({:.0} events/s)", events as f64 / secs);
    println!(
        "  API writes: {:.0}/s",
        sim.cluster.store.resource_version() as f64 / secs
    );
}
