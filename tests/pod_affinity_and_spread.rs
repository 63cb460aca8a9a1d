//! The scheduler's filters that read the other pods: InterPodAffinity
//! (pkg/scheduler/framework/plugins/interpodaffinity/filtering.go, required terms) and
//! PodTopologySpread (podtopologyspread/filtering.go, `whenUnsatisfiable: DoNotSchedule`),
//! with the FailedScheduling reasons they give.

mod common;

use common::{cli, events, Ev};

fn job(name: &str, n: u32, labels: &str, spec: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata: {{name: {name}}}\nspec:\n  parallelism: {n}\n  completions: {n}\n  template:\n    metadata: {{labels: {{{labels}}}}}\n    spec:\n      restartPolicy: Never\n{spec}      containers:\n      - name: c\n        image: busybox\n        command: [\"sh\",\"-c\",\"sleep 3600\"]\n"
    )
}

fn run(files: &[(&str, &str)], args: &[&str]) -> Vec<Ev> {
    let mut all = vec!["run"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--events", "jsonl"]);
    let out = cli(files, &all);
    assert_eq!(out.code, 0, "{}", out.stderr);
    events(&out)
}

fn of<'a>(evs: &'a [Ev], prefix: &str, reason: &str) -> Vec<&'a Ev> {
    evs.iter()
        .filter(|e| e.reason == reason && e.object.starts_with(&format!("Pod/{prefix}-")))
        .collect()
}

/// The node each pod of `prefix` was assigned to.
fn nodes_of(evs: &[Ev], prefix: &str) -> Vec<String> {
    let mut v: Vec<String> = of(evs, prefix, "Scheduled")
        .iter()
        .filter_map(|e| e.message.rsplit(' ').next().map(str::to_string))
        .collect();
    v.sort();
    v
}

const TAINT: &str = "1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }";

/// satisfyPodAntiAffinity: a pod whose anti-affinity term (`kubernetes.io/hostname`) selects
/// its siblings goes to a node none of them is on; 5 such pods on 3 workers leave 2 Pending,
/// Unschedulable (preemption might help, but no victim of lower priority exists).
#[test]
fn inter_pod_affinity_anti_affinity_spreads_one_per_node() {
    let spec = "      affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: anti}}, topologyKey: kubernetes.io/hostname}]}}\n";
    let evs = run(
        &[("a.yaml", &job("anti", 5, "app: anti", spec))],
        &["a.yaml", "--until", "30s"],
    );
    assert_eq!(nodes_of(&evs, "anti"), ["worker-1", "worker-2", "worker-3"]);
    let failed = of(&evs, "anti", "FailedScheduling");
    assert_eq!(failed.len(), 2, "{failed:?}");
    for e in failed {
        assert_eq!(
            e.message,
            format!("0/4 nodes are available: {TAINT}, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..")
        );
    }
}

/// satisfyPodAffinity: with no pod its term selects, a pod that does not match its own term
/// fits nowhere (UnschedulableAndUnresolvable); once such a pod is bound, it is retried (the
/// plugin's queueing hint for an added pod) and goes to that pod's node.
#[test]
fn inter_pod_affinity_waits_for_a_matching_pod_then_joins_its_node() {
    let spec = "      affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: db}}, topologyKey: kubernetes.io/hostname}]}}\n";
    let web = job("web", 1, "app: web", spec);
    let db = job("db", 1, "app: db", "");
    let evs = run(
        &[
            ("web.yaml", &web),
            ("db.yaml", &db),
            ("s.yaml", "- at: 10s\n  apply: db.yaml\n"),
        ],
        &["web.yaml", "--scenario", "s.yaml", "--until", "30s"],
    );
    let failed = of(&evs, "web", "FailedScheduling");
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(
        failed[0].message,
        format!("0/4 nodes are available: {TAINT}, 3 node(s) didn't match pod affinity rules. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..")
    );
    assert_eq!(of(&evs, "web", "Scheduled")[0].t, 10.0);
    assert_eq!(nodes_of(&evs, "web"), nodes_of(&evs, "db"));
}

/// satisfyPodAffinity's exception: no pod anywhere matches, but the pod matches its own
/// terms, so the first of a group that wants to be together may go anywhere; the rest join it.
#[test]
fn inter_pod_affinity_lets_the_first_of_a_self_affine_group_in() {
    let spec = "      affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: pack}}, topologyKey: kubernetes.io/hostname}]}}\n";
    let evs = run(
        &[("p.yaml", &job("pack", 3, "app: pack", spec))],
        &["p.yaml", "--until", "10s"],
    );
    let nodes = nodes_of(&evs, "pack");
    assert_eq!(nodes.len(), 3);
    assert!(nodes.iter().all(|n| *n == nodes[0]), "{nodes:?}");
}

/// satisfyExistingPodsAntiAffinity: a bound pod's anti-affinity keeps the pods it selects off
/// its node, whatever their own spec says.
#[test]
fn inter_pod_affinity_honours_existing_pods_anti_affinity() {
    let spec = "      affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname}]}}\n";
    let loner = job("loner", 1, "app: loner", spec);
    let web = job("web", 6, "app: web", "");
    let evs = run(
        &[
            ("l.yaml", &loner),
            ("w.yaml", &web),
            ("s.yaml", "- at: 5s\n  apply: w.yaml\n"),
        ],
        &["l.yaml", "--scenario", "s.yaml", "--until", "20s"],
    );
    let loner_node = nodes_of(&evs, "loner").pop().expect("loner bound");
    let web_nodes = nodes_of(&evs, "web");
    assert_eq!(web_nodes.len(), 6);
    assert!(
        !web_nodes.contains(&loner_node),
        "{web_nodes:?} vs {loner_node}"
    );
}

/// podtopologyspread Filter: a node without the constraint's topologyKey label fails with
/// `(missing required label)`, UnschedulableAndUnresolvable.
#[test]
fn pod_topology_spread_needs_the_topology_label() {
    let spec = "      topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: tsc}}}]\n";
    let evs = run(
        &[("t.yaml", &job("tsc", 1, "app: tsc", spec))],
        &["t.yaml", "--until", "10s"],
    );
    let failed = of(&evs, "tsc", "FailedScheduling");
    assert_eq!(failed.len(), 1);
    assert_eq!(
        failed[0].message,
        format!("0/4 nodes are available: {TAINT}, 3 node(s) didn't match pod topology spread constraints (missing required label). preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..")
    );
}

/// podtopologyspread Filter: 'matching pods in the domain' + 1 − 'global minimum' ≤ maxSkew.
/// Zone a = worker-1, zone b = worker-2 and worker-3: 6 pods split 3/3 by zone, and a 7th and
/// 8th with maxSkew 1 still balance (4/4); the control plane has no zone label.
#[test]
fn pod_topology_spread_max_skew_balances_zones() {
    let spec = "      topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: z}}}]\n";
    let scenario = "- at: 1s\n  labelNode: {name: worker-1, key: zone, value: a}\n- at: 1s\n  labelNode: {name: worker-2, key: zone, value: b}\n- at: 1s\n  labelNode: {name: worker-3, key: zone, value: b}\n- at: 2s\n  apply: z.yaml\n";
    let empty = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: never}\nspec:\n  schedule: \"0 0 1 1 *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: busybox}]\n";
    let evs = run(
        &[
            ("e.yaml", empty),
            ("z.yaml", &job("z", 8, "app: z", spec)),
            ("s.yaml", scenario),
        ],
        &["e.yaml", "--scenario", "s.yaml", "--until", "10s"],
    );
    let nodes = nodes_of(&evs, "z");
    assert_eq!(nodes.len(), 8, "{evs:#?}");
    let in_a = nodes.iter().filter(|n| *n == "worker-1").count();
    assert_eq!(in_a, 4, "{nodes:?}");
}
