//! A deterministic property test of the DaemonSet controller: a few hundred pseudo-random
//! sequences (a tiny inline LCG, so the same sequences every run) of node adds, removals,
//! taints, untaints and label changes, and DaemonSet applies (image, tolerations, nodeSelector,
//! RollingUpdate/OnDelete with int and percent maxUnavailable/maxSurge, minReadySeconds).
//!
//! Properties, checked after every step:
//! - nothing panics; no node ever has two live pods of the current revision;
//! - the rolling-update budget: once the number of unavailable nodes (desired nodes without an
//!   available, non-deleted pod of either revision) is within maxUnavailable, the controller
//!   never takes it past maxUnavailable (`rollingUpdate` only deletes while numUnavailable <
//!   maxUnavailable; with maxSurge, old pods go only when their replacement is available).
//!   The real controller cannot promise this across changes it does not make, so the check is
//!   disarmed by node churn (add, remove, taint, untaint, relabel: a new desired node starts
//!   without a pod, a shrinking node count shrinks a percentage) and by any DaemonSet change
//!   other than the image (maxUnavailable lowered or minReadySeconds raised mid-rollout,
//!   selectors or tolerations that add desired nodes, strategy switches), and re-armed once the
//!   count is back within budget.
//!
//! And once settled (nothing due, or a long quiet period):
//! - exactly one live pod on every node that should run one; with RollingUpdate it is of the
//!   current revision, and no old pod is left anywhere;
//! - no pods on nodes that should not continue running them, or on nodes that are gone;
//! - the status agrees: DESIRED, CURRENT, AVAILABLE, UP-TO-DATE, misscheduled.

use std::collections::{BTreeMap, BTreeSet};

use ctrlscope::api::DaemonSet;
use ctrlscope::api::{Duration, Node, Object, Pod, Taint, Time};
use ctrlscope::controllers::daemonset::{
    allows_surge, compute_hash, is_available, max_surge_and_unavailable,
    node_should_run_daemon_pod, target_node, CONTROLLER_REVISION_HASH,
};
use ctrlscope::manifest::parse_manifests;
use ctrlscope::sim::{SimConfig, Simulation};

const SEQUENCES: u64 = 300;
const NAME: &str = "agent";

/// Knuth's MMIX LCG; the high bits are good enough for test choices.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len() as u64) as usize]
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Config {
    image: u64,
    tolerate_control_plane: bool,
    /// Tolerate `dedicated` taints (any effect).
    tolerate_dedicated: bool,
    ssd_only: bool,
    /// None = OnDelete; Some((maxUnavailable, maxSurge)).
    rolling: Option<(String, String)>,
    min_ready_seconds: u64,
    ready_after: u64,
}

fn int_or_percent(r: &mut Lcg, ints: &[u64], percents: &[u64]) -> String {
    if r.chance(50) {
        r.pick(ints).to_string()
    } else {
        format!("\"{}%\"", r.pick(percents))
    }
}

fn random_config(r: &mut Lcg) -> Config {
    let rolling = if r.chance(15) {
        None
    } else if r.chance(30) {
        Some((
            "0".into(),
            int_or_percent(r, &[1, 2, 3], &[10, 25, 50, 100]),
        ))
    } else {
        Some((
            int_or_percent(r, &[1, 2, 3], &[10, 25, 34, 50, 100]),
            "0".into(),
        ))
    };
    Config {
        image: r.below(3) + 1,
        tolerate_control_plane: r.chance(50),
        tolerate_dedicated: r.chance(30),
        ssd_only: r.chance(25),
        rolling,
        min_ready_seconds: if r.chance(50) { 0 } else { r.below(15) + 1 },
        ready_after: r.below(6),
    }
}

fn yaml(c: &Config) -> String {
    let mut y = format!(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {NAME}\nspec:\n  selector:\n    matchLabels:\n      app: {NAME}\n"
    );
    match &c.rolling {
        None => y += "  updateStrategy:\n    type: OnDelete\n",
        Some((u, s)) => {
            y += &format!(
                "  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: {u}\n      maxSurge: {s}\n"
            )
        }
    }
    if c.min_ready_seconds > 0 {
        y += &format!("  minReadySeconds: {}\n", c.min_ready_seconds);
    }
    y += &format!(
        "  template:\n    metadata:\n      labels:\n        app: {NAME}\n      annotations:\n        sim.ctrlscope.dev/ready-after: \"{}s\"\n    spec:\n",
        c.ready_after
    );
    if c.ssd_only {
        y += "      nodeSelector:\n        disk: ssd\n";
    }
    if c.tolerate_control_plane || c.tolerate_dedicated {
        y += "      tolerations:\n";
    }
    if c.tolerate_control_plane {
        y += "      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n";
    }
    if c.tolerate_dedicated {
        y += "      - key: dedicated\n        operator: Exists\n";
    }
    y += &format!(
        "      containers:\n      - name: agent\n        image: agent:v{}\n",
        c.image
    );
    y
}

fn apply_config(s: &mut Simulation, c: &Config) -> Result<(), String> {
    let objs = parse_manifests(&yaml(c)).map_err(|e| format!("invalid manifest: {e:?}"))?;
    for o in objs {
        s.apply(o)?;
    }
    Ok(())
}

fn ds(s: &Simulation) -> &DaemonSet {
    s.cluster.store.get::<DaemonSet>(NAME).expect("daemonset")
}

fn live_pods(s: &Simulation) -> Vec<&Pod> {
    s.cluster
        .store
        .dependents::<Pod>(&ds(s).metadata.uid)
        .into_iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .collect()
}

fn hash_of(p: &Pod) -> &str {
    p.metadata
        .labels
        .get(CONTROLLER_REVISION_HASH)
        .map(String::as_str)
        .unwrap_or_default()
}

/// (desired, unavailable, maxUnavailable) as the budget check sees them.
fn budget(s: &Simulation) -> (i32, i32, i32) {
    let d = ds(s);
    let live = live_pods(s);
    let mut desired = 0;
    let mut unavailable = 0;
    for n in s.nodes() {
        if !node_should_run_daemon_pod(n, d).should_run {
            continue;
        }
        desired += 1;
        let ok = live.iter().any(|p| {
            target_node(p) == Some(n.metadata.name.as_str())
                && is_available(p, d.spec.min_ready_seconds, s.now())
        });
        if !ok {
            unavailable += 1;
        }
    }
    let (_, max_unavailable) = max_surge_and_unavailable(d, desired);
    (desired, unavailable, max_unavailable)
}

/// The per-step invariants; `armed` is the budget check's state.
fn check_step(s: &Simulation, armed: &mut bool, log: &[String]) {
    let d = ds(s);
    let hash = compute_hash(&d.spec.template, 0);
    let mut current: BTreeMap<&str, usize> = BTreeMap::new();
    for p in live_pods(s) {
        if hash_of(p) == hash {
            *current
                .entry(target_node(p).unwrap_or_default())
                .or_default() += 1;
        }
    }
    if let Some((node, n)) = current.iter().find(|(_, n)| **n > 1) {
        fail(
            s,
            log,
            &format!("{n} live pods of the current revision on {node}"),
        );
    }
    if d.spec.update_strategy.type_ != "RollingUpdate" {
        *armed = false;
        return;
    }
    let (_, unavailable, max) = budget(s);
    if *armed && unavailable > max {
        fail(
            s,
            log,
            &format!("{unavailable} unavailable > maxUnavailable {max} without outside changes"),
        );
    }
    if unavailable <= max {
        *armed = true;
    }
}

fn fail(s: &Simulation, log: &[String], what: &str) -> ! {
    let t = (s.now() - s.cluster.start).as_secs_f64();
    let pods: Vec<String> = s
        .pods()
        .iter()
        .map(|p| {
            format!(
                "{} node={} hash={} phase={} ready={} deleting={}",
                p.metadata.name,
                target_node(p).unwrap_or_default(),
                hash_of(p),
                p.status.phase,
                p.is_ready(),
                p.metadata.deletion_timestamp.is_some()
            )
        })
        .collect();
    let events: Vec<String> = s
        .cluster
        .events
        .iter()
        .filter(|e| e.kind == ctrlscope::api::Kind::DaemonSet)
        .map(|e| {
            format!(
                "{}s {} {}",
                (e.t - s.cluster.start).whole_secs(),
                e.reason,
                e.message()
            )
        })
        .collect();
    let recent = &events[events.len().saturating_sub(30)..];
    for step in s
        .cluster
        .loop_steps
        .iter()
        .filter(|l| l.controller == "daemonset-controller")
    {
        eprintln!(
            "{:>6.1} {}",
            (step.t - s.cluster.start).as_secs_f64(),
            serde_json::to_string(&step.step).unwrap_or_default()
        );
    }
    panic!(
        "t={t}: {what}\nactions:\n  {}\npods:\n  {}\nstatus: {:?}\nlast DaemonSet events:\n  {}",
        log.join("\n  "),
        pods.join("\n  "),
        ds(s).status,
        recent.join("\n  ")
    );
}

/// The settled-state invariants.
fn check_settled(s: &Simulation) -> Result<(), String> {
    let d = ds(s);
    let hash = compute_hash(&d.spec.template, 0);
    let rolling = d.spec.update_strategy.type_ == "RollingUpdate";
    let live = live_pods(s);
    let mut by_node: BTreeMap<&str, Vec<&Pod>> = BTreeMap::new();
    for p in &live {
        by_node
            .entry(target_node(p).unwrap_or_default())
            .or_default()
            .push(p);
    }
    let nodes: BTreeSet<&str> = s.nodes().iter().map(|n| n.metadata.name.as_str()).collect();
    let (mut desired, mut misscheduled) = (0, 0);
    for n in s.nodes() {
        let name = n.metadata.name.as_str();
        let f = node_should_run_daemon_pod(n, d);
        let (run, cont) = (f.should_run, f.should_continue_running);
        let here = by_node.get(name).map_or(0, Vec::len);
        if run {
            desired += 1;
            if here != 1 {
                return Err(format!(
                    "settled: {here} live pods on {name}, which should run one"
                ));
            }
        } else {
            if !cont && here > 0 {
                return Err(format!(
                    "settled: a pod left on {name}, which should not run it"
                ));
            }
            if here > 0 {
                misscheduled += 1;
            }
        }
    }
    for (node, pods) in &by_node {
        if !nodes.contains(node) {
            return Err(format!(
                "settled: {} pod(s) for the removed node {node}",
                pods.len()
            ));
        }
        if pods.iter().any(|p| p.spec.node_name.is_empty()) {
            return Err(format!("settled: an unscheduled pod for {node}"));
        }
    }
    if rolling {
        // Only on nodes that should run it: a pod left on a node that should merely continue
        // running it (an untolerated NoSchedule taint) may stay old. `rollingUpdate` would
        // replace it only within maxUnavailable of the desired nodes, which may be 0.
        let desired_nodes: BTreeSet<&str> = s
            .nodes()
            .into_iter()
            .filter(|n| node_should_run_daemon_pod(n, d).should_run)
            .map(|n| n.metadata.name.as_str())
            .collect();
        if let Some(p) = live.iter().find(|p| {
            hash_of(p) != hash && desired_nodes.contains(target_node(p).unwrap_or_default())
        }) {
            return Err(format!(
                "settled: {} is of an old revision",
                p.metadata.name
            ));
        }
    }
    let st = &d.status;
    let want_updated = if rolling {
        desired
    } else {
        s.nodes()
            .iter()
            .filter(|n| node_should_run_daemon_pod(n, d).should_run)
            .filter(|n| {
                by_node
                    .get(n.metadata.name.as_str())
                    .is_some_and(|v| v.iter().any(|p| hash_of(p) == hash))
            })
            .count() as i32
    };
    let got = (
        st.desired_number_scheduled,
        st.current_number_scheduled,
        st.number_ready,
        st.number_available,
        st.updated_number_scheduled,
        st.number_misscheduled,
        st.observed_generation,
    );
    let want = (
        desired,
        desired,
        desired,
        desired,
        want_updated,
        misscheduled,
        d.metadata.generation,
    );
    if got != want {
        return Err(format!("settled status {got:?}, expected {want:?}"));
    }
    Ok(())
}

fn step_to(s: &mut Simulation, until: Time, armed: &mut bool, log: &[String]) {
    check_step(s, armed, log);
    while s.next_due().is_some_and(|t| t <= until) {
        s.step();
        check_step(s, armed, log);
    }
    s.run_until(until);
    check_step(s, armed, log);
}

fn run_sequence(seed: u64) -> usize {
    let mut r = Lcg(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xDAE5);
    let mut s = Simulation::new(SimConfig {
        seed,
        // DS_SEED=n replays one sequence with the controller loop recorded (for `fail`).
        record_loop: std::env::var("DS_SEED").is_ok(),
        ..SimConfig::default()
    });
    s.add_default_nodes();
    let mut config = random_config(&mut r);
    let mut log = vec![format!("seed {seed}"), format!("0s create {config:?}")];
    apply_config(&mut s, &config).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
    let mut armed = false;
    let mut t = s.now();
    let actions = 8 + r.below(13);
    let mut steps = 0usize;
    for _ in 0..actions {
        t = t + Duration::from_secs(r.below(13) as i64);
        step_to(&mut s, t, &mut armed, &log);
        let at = (t - s.cluster.start).whole_secs();
        let node_names: Vec<String> = s.nodes().iter().map(|n| n.metadata.name.clone()).collect();
        let workers: Vec<String> = node_names
            .iter()
            .filter(|n| *n != "control-plane")
            .cloned()
            .collect();
        let roll = r.below(100);
        let disturbing;
        let what: String;
        if roll < 14 {
            let name = format!("worker-{}", 4 + r.below(5));
            let mut labels = BTreeMap::new();
            if r.chance(50) {
                labels.insert("disk".to_string(), r.pick(&["ssd", "hdd"]).to_string());
            }
            let taints = if r.chance(25) {
                vec![Taint {
                    key: "dedicated".into(),
                    value: "x".into(),
                    effect: r.pick(&["NoSchedule", "NoExecute"]).to_string(),
                    time_added: None,
                }]
            } else {
                Vec::new()
            };
            what = format!("addNode {name} {labels:?} {taints:?}");
            let _ = s.add_node(&name, labels, taints);
            disturbing = true;
        } else if roll < 24 {
            if workers.is_empty() {
                continue;
            }
            let name = r.pick(&workers).clone();
            what = format!("removeNode {name}");
            let _ = s.delete(ctrlscope::api::Kind::Node, &name);
            disturbing = true;
        } else if roll < 38 {
            let name = r.pick(&node_names).clone();
            let (key, effect) = *r.pick(&[
                ("dedicated", "NoSchedule"),
                ("dedicated", "NoExecute"),
                ("maintenance", "NoExecute"),
                ("maintenance", "NoSchedule"),
            ]);
            what = format!("taintNode {name} {key}:{effect}");
            let _ = s.taint_node(
                &name,
                Taint {
                    key: key.into(),
                    value: "x".into(),
                    effect: effect.into(),
                    time_added: None,
                },
            );
            disturbing = true;
        } else if roll < 48 {
            let tainted: Vec<(String, String)> = s
                .nodes()
                .iter()
                .flat_map(|n| {
                    n.spec
                        .taints
                        .iter()
                        .map(|t| (n.metadata.name.clone(), t.key.clone()))
                })
                .collect();
            if tainted.is_empty() {
                continue;
            }
            let (name, key) = r.pick(&tainted).clone();
            what = format!("untaintNode {name} {key}");
            let _ = s.untaint_node(&name, &key);
            disturbing = true;
        } else if roll < 58 {
            let name = r.pick(&node_names).clone();
            let Some(mut node) = s.cluster.store.get::<Node>(&name).cloned() else {
                continue;
            };
            match r.below(3) {
                0 => node.metadata.labels.remove("disk"),
                1 => node.metadata.labels.insert("disk".into(), "ssd".into()),
                _ => node.metadata.labels.insert("disk".into(), "hdd".into()),
            };
            what = format!("relabel {name} {:?}", node.metadata.labels.get("disk"));
            let _ = s.apply(Object::Node(node));
            disturbing = true;
        } else if roll < 83 {
            let mut next = config.clone();
            next.image = next.image % 3 + 1;
            what = format!("image agent:v{}", next.image);
            apply_config(&mut s, &next).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
            config = next;
            disturbing = false;
        } else {
            let next = random_config(&mut r);
            let mut same_but_image = next.clone();
            same_but_image.image = config.image;
            disturbing = same_but_image != config;
            what = format!("apply {next:?}");
            apply_config(&mut s, &next).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
            config = next;
        }
        log.push(format!("{at}s {what}"));
        if disturbing {
            armed = false;
            // What the churn sets off at this instant counts as part of it: a new node's
            // not-ready taint, lifted by the node lifecycle controller once it is Ready, adds
            // a desired node then.
            s.run_until(s.now());
        }
        check_step(&s, &mut armed, &log);
        steps += 1;
    }
    // Settle: until nothing is due, or 15 quiet minutes.
    let end = t + Duration::from_secs(900);
    step_to(&mut s, end, &mut armed, &log);
    if let Err(first) = check_settled(&s) {
        // The one way the upstream controller stalls: surging with minReadySeconds, a new pod's
        // `updatePod` AddAfter(minReadySeconds + 1 s) is swallowed by an earlier pending AddAfter
        // of the same key (client-go keeps the earliest), and `updateDaemonSetStatus` only looks
        // at each node's oldest (old, available) pod, so nothing re-queues the DaemonSet to
        // delete the old pod. A real cluster recovers at the informer's periodic resync
        // (12–24 h), which calls `updateDaemonset` for every DaemonSet; a metadata change stands
        // in for it here. (OpenKruise fixed this in its fork: openkruise/kruise#1012, #1014.)
        let d = ds(&s);
        let stalled_surge = allows_surge(d)
            && d.spec.min_ready_seconds > 0
            && first.contains("live pods on")
            && stalled_surge_nodes(&s);
        if !stalled_surge {
            fail(&s, &log, &first);
        }
        let mut nudged = d.clone();
        nudged.metadata.labels.insert(
            "resync".into(),
            (t - s.cluster.start).whole_secs().to_string(),
        );
        s.apply(Object::DaemonSet(nudged)).expect("nudge");
        let end = s.now() + Duration::from_secs(900);
        step_to(&mut s, end, &mut armed, &log);
        if let Err(e) = check_settled(&s) {
            fail(
                &s,
                &log,
                &format!("after the resync stand-in: {e} (first: {first})"),
            );
        }
        STALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    steps
}

static STALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Every node with two live pods has exactly an old and a new one, both available: the old one
/// is only waiting for a sync.
fn stalled_surge_nodes(s: &Simulation) -> bool {
    let d = ds(s);
    let hash = compute_hash(&d.spec.template, 0);
    let mut by_node: BTreeMap<&str, Vec<&Pod>> = BTreeMap::new();
    for p in live_pods(s) {
        by_node
            .entry(target_node(p).unwrap_or_default())
            .or_default()
            .push(p);
    }
    by_node.values().filter(|v| v.len() > 1).all(|v| {
        v.len() == 2
            && v.iter().filter(|p| hash_of(p) == hash).count() == 1
            && v.iter()
                .all(|p| is_available(p, d.spec.min_ready_seconds, s.now()))
    })
}

#[test]
fn random_node_and_daemonset_changes_keep_the_invariants() {
    let mut actions = 0;
    let only: Option<u64> = std::env::var("DS_SEED").ok().and_then(|v| v.parse().ok());
    for seed in (0..SEQUENCES).filter(|s| only.is_none_or(|o| o == *s)) {
        actions += run_sequence(seed);
    }
    let stalls = STALLS.load(std::sync::atomic::Ordering::Relaxed);
    eprintln!(
        "{actions} actions; {stalls} sequence(s) hit the upstream surge/minReadySeconds stall"
    );
    if only.is_none() {
        assert!(actions > SEQUENCES as usize * 8, "{actions} actions");
        assert!(stalls < SEQUENCES as usize / 10, "{stalls} stalls");
    }
}
