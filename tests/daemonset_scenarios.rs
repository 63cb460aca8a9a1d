//! DaemonSet controller scenarios: YAML in, timeline out, checked against
//! `pkg/controller/daemon/daemon_controller.go`, `update.go` and `util/daemonset_util.go`
//! (kubernetes/kubernetes) where `../shared/spec/daemonset.md` is silent or wrong.
//!
//! The timeline model behind the expected numbers:
//! - a pod created at T is bound by the scheduler at T, its container starts at T+1
//!   (start-delay 1s) and it is Ready at T+1+ready-after (`sim.ctrlscope.dev/ready-after`,
//!   default 0);
//! - a deleted pod keeps running (and Ready) for 1 s, then terminates and is removed;
//! - the DaemonSet controller syncs at once on pod, node and DaemonSet events, so with
//!   maxUnavailable 1 and ready-after 5s one node takes 7 s: delete at T, replacement created at
//!   T+1, started T+2, Ready T+7, next node's pod deleted at T+7.
//!
//! The default cluster: `control-plane` (tainted `node-role.kubernetes.io/control-plane:
//! NoSchedule`) and `worker-1`..`worker-3`.

mod common;

use std::collections::BTreeSet;

use common::{cli, events, sim, step_until, times};
use ctrlscope::api::{ControllerRevision, DaemonSet, Object, Pod};
use ctrlscope::controllers::daemonset::{
    is_available, max_surge_and_unavailable, node_should_run_daemon_pod, target_node,
    CONTROLLER_REVISION_HASH, POD_TEMPLATE_GENERATION,
};
use ctrlscope::kubectl;
use ctrlscope::manifest::parse_manifests;
use ctrlscope::sim::scenario::parse_scenario;
use ctrlscope::sim::Simulation;

const FLUENTD: &str = include_str!("../examples/fluentd-daemonset.yaml");
const FLUENTD_UPDATE: &str = include_str!("../examples/fluentd-update.scenario.yaml");
const CP_TOLERATION: &str = "      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n";

/// A DaemonSet manifest `name` (selector `app: name`, one container `agent`).
#[derive(Clone)]
struct Ds<'a> {
    name: &'a str,
    image: &'a str,
    tolerate_control_plane: bool,
    /// Lines under `spec:` (2-space indent), e.g. an `updateStrategy:` block.
    strategy: &'a str,
    min_ready_seconds: i32,
    /// `key: value` of the template's nodeSelector, or empty.
    node_selector: &'a str,
    ready_after: &'a str,
    host_network: bool,
}

impl<'a> Ds<'a> {
    fn new(name: &'a str) -> Self {
        Ds {
            name,
            image: "agent:v1",
            tolerate_control_plane: true,
            strategy: "",
            min_ready_seconds: 0,
            node_selector: "",
            ready_after: "",
            host_network: false,
        }
    }

    fn yaml(&self) -> String {
        let name = self.name;
        let mut y = format!(
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {name}\nspec:\n  selector:\n    matchLabels:\n      app: {name}\n"
        );
        y += self.strategy;
        if self.min_ready_seconds > 0 {
            y += &format!("  minReadySeconds: {}\n", self.min_ready_seconds);
        }
        y += &format!("  template:\n    metadata:\n      labels:\n        app: {name}\n");
        if !self.ready_after.is_empty() {
            y += &format!(
                "      annotations:\n        sim.ctrlscope.dev/ready-after: \"{}\"\n",
                self.ready_after
            );
        }
        y += "    spec:\n";
        if self.host_network {
            y += "      hostNetwork: true\n";
        }
        if !self.node_selector.is_empty() {
            y += &format!("      nodeSelector:\n        {}\n", self.node_selector);
        }
        if self.tolerate_control_plane {
            y += CP_TOLERATION;
        }
        y += &format!(
            "      containers:\n      - name: agent\n        image: {}\n",
            self.image
        );
        y
    }
}

fn ds<'a>(s: &'a Simulation, name: &str) -> &'a DaemonSet {
    s.cluster
        .store
        .get::<DaemonSet>(name)
        .expect("daemonset exists")
}

/// The DaemonSet's pods, by name.
fn pods<'a>(s: &'a Simulation, name: &str) -> Vec<&'a Pod> {
    let uid = &ds(s, name).metadata.uid;
    let mut v = s.cluster.store.dependents::<Pod>(uid);
    v.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    v
}

/// Pods not being deleted.
fn live_pods<'a>(s: &'a Simulation, name: &str) -> Vec<&'a Pod> {
    pods(s, name)
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

/// Nodes that should run the daemon and have no available pod (of either revision) that is
/// not being deleted: desired − available, counted the strict way.
fn unavailable(s: &Simulation, name: &str) -> usize {
    let d = ds(s, name);
    let live = live_pods(s, name);
    s.nodes()
        .into_iter()
        .filter(|n| node_should_run_daemon_pod(n, d).should_run)
        .filter(|n| {
            !live.iter().any(|p| {
                target_node(p) == Some(n.metadata.name.as_str())
                    && is_available(p, d.spec.min_ready_seconds, s.now())
            })
        })
        .count()
}

fn rollout(s: &Simulation, name: &str) -> String {
    kubectl::rollout_status(ds(s, name)).0
}

fn apply(s: &mut Simulation, yaml: &str) {
    for o in parse_manifests(yaml).unwrap_or_else(|e| panic!("manifest errors: {e:?}")) {
        s.apply(o).unwrap_or_else(|e| panic!("apply: {e}"));
    }
}

/// Runs a scenario file's actions at their times, calling `check` after every step and right
/// after each action, then steps on to `until` seconds.
fn play(s: &mut Simulation, scenario: &str, until: i64, mut check: impl FnMut(&Simulation)) {
    let actions = parse_scenario(scenario, &|p: &str| Err(format!("no file {p}")))
        .unwrap_or_else(|e| panic!("scenario errors: {e:?}"));
    for a in actions {
        step_until(s, a.at.whole_secs(), &mut check);
        s.perform(&a.action)
            .unwrap_or_else(|e| panic!("at {}s: {e}", a.at.whole_secs()));
        check(s);
    }
    step_until(s, until, &mut check);
}

/// A scenario that applies `yaml` at `at`.
fn apply_at(at: &str, yaml: &str) -> String {
    let body: String = yaml.lines().map(|l| format!("    {l}\n")).collect();
    format!("- at: {at}\n  apply: |\n{body}")
}

/// Consecutive distinct values.
fn dedup<T: PartialEq + Clone>(v: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for x in v {
        if out.last() != Some(x) {
            out.push(x.clone());
        }
    }
    out
}

/// Times (s) of the DaemonSet's Events with this reason.
fn ds_times(s: &Simulation, name: &str, reason: &str) -> Vec<f64> {
    s.cluster
        .events
        .iter()
        .filter(|r| {
            r.name() == name && r.reason == reason && r.kind == ctrlscope::api::Kind::DaemonSet
        })
        .map(|r| (r.t - s.cluster.start).as_secs_f64())
        .collect()
}

fn secs(s: &Simulation) -> f64 {
    (s.now() - s.cluster.start).as_secs_f64()
}

// -------------------------------------------------------------------------------------------
// The seed's demo: examples/fluentd-daemonset.yaml

/// `NodeShouldRunDaemonPod`: the control-plane's NoSchedule taint keeps the daemon off it
/// unless the template tolerates it. `syncNodes` + `util.ReplaceDaemonSetPodNodeNameNodeAffinity`:
/// the controller does not set nodeName; each pod gets the required node affinity
/// `matchFields metadata.name In [node]` and the default scheduler binds it there.
/// `util.CreatePodTemplate`: labels `controller-revision-hash` and `pod-template-generation`,
/// and `util.AddOrUpdateDaemonPodTolerations`.
#[test]
fn fluentd_runs_on_three_workers_without_the_toleration_and_on_all_four_with_it() {
    let without = FLUENTD.replace(
        "      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n",
        "",
    );
    assert_ne!(
        without, FLUENTD,
        "the example tolerates the control-plane taint"
    );
    for (yaml, expected) in [
        (without.as_str(), vec!["worker-1", "worker-2", "worker-3"]),
        (
            FLUENTD,
            vec!["control-plane", "worker-1", "worker-2", "worker-3"],
        ),
    ] {
        let mut s = sim(yaml);
        step_until(&mut s, 30, |_| {});
        let name = "fluentd-elasticsearch";
        let d = ds(&s, name).clone();
        let n = expected.len() as i32;
        assert_eq!(
            (
                d.status.desired_number_scheduled,
                d.status.current_number_scheduled,
                d.status.number_ready,
                d.status.updated_number_scheduled,
                d.status.number_available,
                d.status.number_misscheduled,
            ),
            (n, n, n, n, n, 0)
        );
        let ps = pods(&s, name);
        let nodes: Vec<&str> = {
            let mut v: Vec<&str> = ps.iter().map(|p| p.spec.node_name.as_str()).collect();
            v.sort();
            v
        };
        assert_eq!(nodes, expected, "one pod per eligible node");
        let revisions: Vec<&ControllerRevision> =
            s.cluster.store.list::<ControllerRevision>().collect();
        assert_eq!(revisions.len(), 1);
        let hash = revisions[0].metadata.labels[CONTROLLER_REVISION_HASH].clone();
        assert_eq!(revisions[0].metadata.name, format!("{name}-{hash}"));
        assert_eq!(revisions[0].revision, 1);
        for p in &ps {
            assert!(p.metadata.name.starts_with("fluentd-elasticsearch-"));
            assert_eq!(
                p.metadata.name.len(),
                name.len() + 6,
                "generateName + 5 chars"
            );
            assert_eq!(p.metadata.namespace, "kube-system");
            assert_eq!(p.status.phase, "Running");
            // The node affinity names the node; the scheduler set nodeName from it.
            let terms = &p
                .spec
                .affinity
                .as_ref()
                .and_then(|a| a.node_affinity.as_ref())
                .and_then(|n| {
                    n.required_during_scheduling_ignored_during_execution
                        .as_ref()
                })
                .expect("required node affinity")
                .node_selector_terms;
            assert_eq!(terms.len(), 1);
            assert!(terms[0].match_expressions.is_empty());
            let f = &terms[0].match_fields;
            assert_eq!(f.len(), 1);
            assert_eq!(
                (
                    f[0].key.as_str(),
                    f[0].operator.as_str(),
                    f[0].values.clone()
                ),
                ("metadata.name", "In", vec![p.spec.node_name.clone()])
            );
            assert_eq!(p.metadata.labels[CONTROLLER_REVISION_HASH], hash);
            assert_eq!(p.metadata.labels[POD_TEMPLATE_GENERATION], "1");
            assert_eq!(p.metadata.labels["name"], "fluentd-elasticsearch");
            let owner = p.metadata.controller_of().expect("controller ref");
            assert_eq!(
                (owner.kind.as_str(), owner.name.as_str(), owner.uid.as_str()),
                ("DaemonSet", name, d.metadata.uid.as_str())
            );
            assert_eq!(owner.api_version, "apps/v1");
            assert_eq!(owner.block_owner_deletion, Some(true));
            let tolerations: BTreeSet<(String, String, String)> = p
                .spec
                .tolerations
                .iter()
                .map(|t| (t.key.clone(), t.operator.clone(), t.effect.clone()))
                .collect();
            let mut want: BTreeSet<(String, String, String)> = [
                ("node.kubernetes.io/not-ready", "NoExecute"),
                ("node.kubernetes.io/unreachable", "NoExecute"),
                ("node.kubernetes.io/disk-pressure", "NoSchedule"),
                ("node.kubernetes.io/memory-pressure", "NoSchedule"),
                ("node.kubernetes.io/pid-pressure", "NoSchedule"),
                ("node.kubernetes.io/unschedulable", "NoSchedule"),
            ]
            .into_iter()
            .map(|(k, e)| (k.to_string(), "Exists".to_string(), e.to_string()))
            .collect();
            if n == 4 {
                want.insert((
                    "node-role.kubernetes.io/control-plane".into(),
                    "Exists".into(),
                    "NoSchedule".into(),
                ));
            }
            assert_eq!(
                tolerations, want,
                "no network-unavailable without hostNetwork"
            );
            assert!(p
                .spec
                .tolerations
                .iter()
                .all(|t| t.toleration_seconds.is_none()));
        }
        // The scheduler's Events name the pod's node.
        for p in &ps {
            let msg = format!(
                "Successfully assigned kube-system/{} to {}",
                p.metadata.name, p.spec.node_name
            );
            assert!(
                s.cluster
                    .events
                    .iter()
                    .any(|e| e.reason == "Scheduled" && e.message() == msg),
                "{msg}"
            );
        }
    }
}

/// `util.AddOrUpdateDaemonPodTolerations`: hostNetwork pods also tolerate
/// `node.kubernetes.io/network-unavailable:NoSchedule`, so a node with that taint runs them.
#[test]
fn host_network_pods_tolerate_network_unavailable() {
    let mut d = Ds::new("net");
    d.host_network = true;
    let mut plain = Ds::new("plain");
    plain.image = "agent:v1";
    let yaml = format!("{}---\n{}", d.yaml(), plain.yaml());
    let mut s = sim(&yaml);
    play(
        &mut s,
        "- at: 1s\n  addNode: {name: worker-4, taints: [\"node.kubernetes.io/network-unavailable:NoSchedule\"]}\n",
        20,
        |_| {},
    );
    let on4 = |name: &str| {
        pods(&s, name)
            .iter()
            .any(|p| p.spec.node_name == "worker-4")
    };
    assert!(
        on4("net"),
        "hostNetwork daemon tolerates network-unavailable"
    );
    assert!(!on4("plain"));
    let p = &pods(&s, "net")[0];
    assert!(p
        .spec
        .tolerations
        .iter()
        .any(|t| t.key == "node.kubernetes.io/network-unavailable"
            && t.operator == "Exists"
            && t.effect == "NoSchedule"));
    assert_eq!(ds(&s, "net").status.desired_number_scheduled, 5);
    assert_eq!(ds(&s, "plain").status.desired_number_scheduled, 4);
}

/// kubelet_node_status.go initialNode labels every node with `beta.kubernetes.io/os` and
/// `beta.kubernetes.io/arch` beside the GA labels: an older DaemonSet that selects on them
/// (flannel, calico, fluentd add-ons) runs on every node, one added later included.
#[test]
fn a_beta_os_node_selector_matches_every_node() {
    let mut d = Ds::new("legacy");
    d.node_selector = "beta.kubernetes.io/os: linux";
    let mut s = sim(&d.yaml());
    play(
        &mut s,
        "- at: 1s\n  addNode: {name: worker-4}\n",
        20,
        |_| {},
    );
    assert_eq!(ds(&s, "legacy").status.desired_number_scheduled, 5);
    assert_eq!(ds(&s, "legacy").status.number_ready, 5);
    let node = s
        .cluster
        .store
        .get::<ctrlscope::api::Node>("worker-4")
        .unwrap();
    assert_eq!(node.metadata.labels["beta.kubernetes.io/arch"], "amd64");
}

/// The seed's demo end to end through the CLI: the image change at 60s replaces one node's pod
/// every 7 s (ready-after 5s), worker-4 gets a pod at 3m, removing worker-1 at 4m drops DESIRED.
#[test]
fn seed_demo_cli_timeline() {
    let out = cli(
        &[("ds.yaml", FLUENTD), ("update.yaml", FLUENTD_UPDATE)],
        &[
            "run",
            "ds.yaml",
            "--scenario",
            "update.yaml",
            "--events",
            "jsonl",
            "--until",
            "5m",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let evs = events(&out);
    let obj = "DaemonSet/fluentd-elasticsearch";
    assert_eq!(
        times(&evs, obj, "SuccessfulCreate"),
        vec![0.0, 0.0, 0.0, 0.0, 61.0, 68.0, 75.0, 82.0, 180.0]
    );
    assert_eq!(
        times(&evs, obj, "SuccessfulDelete"),
        vec![60.0, 67.0, 74.0, 81.0],
        "one node at a time: the next old pod goes when the new one is Ready (7 s later)"
    );
    // Each replacement lands on the node whose pod was just deleted.
    let node_of = |pod: &str| {
        evs.iter()
            .find(|e| e.reason == "Scheduled" && e.object == format!("Pod/{pod}"))
            .map(|e| e.message.rsplit(' ').next().unwrap_or_default().to_string())
            .unwrap_or_default()
    };
    let deleted: Vec<String> = evs
        .iter()
        .filter(|e| e.reason == "SuccessfulDelete")
        .map(|e| node_of(e.message.trim_start_matches("Deleted pod: ")))
        .collect();
    let created: Vec<String> = evs
        .iter()
        .filter(|e| e.reason == "SuccessfulCreate" && (60.0..100.0).contains(&e.t))
        .map(|e| node_of(e.message.trim_start_matches("Created pod: ")))
        .collect();
    assert_eq!(deleted, created);
    assert_eq!(
        deleted.iter().collect::<BTreeSet<_>>().len(),
        4,
        "every node once: {deleted:?}"
    );
    let last = evs
        .iter()
        .rfind(|e| e.reason == "SuccessfulCreate")
        .map(|e| node_of(e.message.trim_start_matches("Created pod: ")));
    assert_eq!(last.as_deref(), Some("worker-4"));

    let out = cli(
        &[("ds.yaml", FLUENTD), ("update.yaml", FLUENTD_UPDATE)],
        &[
            "run",
            "ds.yaml",
            "--scenario",
            "update.yaml",
            "--get",
            "daemonsets",
            "--every",
            "1m",
            "--until",
            "5m",
        ],
    );
    // The snapshot whose `# t=... (RFC 3339) kubectl get daemonsets` header names this instant.
    let table_at = |t: &str| -> String {
        let header = format!("(2026-01-01T00:{t}Z) kubectl get daemonsets");
        let start = out
            .stdout
            .find(&header)
            .unwrap_or_else(|| panic!("{t}: {}", out.stdout));
        out.stdout[start..]
            .lines()
            .nth(2)
            .unwrap_or_default()
            .to_string()
    };
    let cols =
        |row: String| -> Vec<String> { row.split_whitespace().take(7).map(String::from).collect() };
    // 1m: the rollout has just begun (one old pod terminating, still counted).
    assert_eq!(
        cols(table_at("01:00")),
        ["fluentd-elasticsearch", "4", "4", "4", "0", "4", "<none>"]
    );
    assert_eq!(
        cols(table_at("02:00")),
        ["fluentd-elasticsearch", "4", "4", "4", "4", "4", "<none>"]
    );
    // 3m: worker-4 was just added; its pod is not Ready yet.
    assert_eq!(
        cols(table_at("03:00")),
        ["fluentd-elasticsearch", "5", "5", "4", "5", "4", "<none>"]
    );
    // 4m: worker-1 removed. The DaemonSet controller does not watch node deletions; its pod
    // stays until the pod GC's quarantine is over (40 s, on its 20 s ticks: 4:40), and only
    // that pod's deletion re-syncs the DaemonSet.
    assert_eq!(
        cols(table_at("04:00")),
        ["fluentd-elasticsearch", "5", "5", "5", "5", "5", "<none>"]
    );
    assert_eq!(
        cols(table_at("05:00")),
        ["fluentd-elasticsearch", "4", "4", "4", "4", "4", "<none>"]
    );
}

// -------------------------------------------------------------------------------------------
// RollingUpdate

/// `rollingUpdate` with maxSurge 0 (update.go): an old available pod is deleted only while the
/// number of unavailable nodes (no pod, a new pod not yet available, or old and new together)
/// stays below maxUnavailable; `manage` then creates the new pod on that node.
/// `updateDaemonSetStatus` counts UP-TO-DATE by each node's oldest pod.
#[test]
fn image_change_rolls_the_four_nodes_one_at_a_time() {
    let name = "fluentd-elasticsearch";
    let mut s = sim(FLUENTD);
    let update = FLUENTD_UPDATE
        .split("\n- at: 3m")
        .next()
        .unwrap_or_default()
        .to_string();
    let mut max_unavailable = 0;
    let mut updated: Vec<i32> = Vec::new();
    let mut messages: Vec<(f64, String)> = Vec::new();
    let mut pod_counts: Vec<usize> = Vec::new();
    play(&mut s, &update, 200, |s| {
        if secs(s) < 60.0 {
            return;
        }
        let u = unavailable(s, name);
        assert!(u <= 1, "t={}: {u} unavailable > maxUnavailable 1", secs(s));
        max_unavailable = max_unavailable.max(u);
        if ds(s, name).status.observed_generation == 2 {
            updated.push(ds(s, name).status.updated_number_scheduled);
        }
        let m = rollout(s, name);
        if messages.last().map(|(_, l)| l) != Some(&m) {
            messages.push((secs(s), m));
        }
        pod_counts.push(pods(s, name).len());
    });
    assert_eq!(max_unavailable, 1, "the rollout uses its budget");
    assert_eq!(dedup(&updated), vec![0, 1, 2, 3, 4], "UP-TO-DATE 0→1→2→3→4");
    assert!(
        pod_counts.iter().all(|n| *n <= 4),
        "never a second pod on a node"
    );
    let w = |x: &str| format!("Waiting for daemon set \"{name}\" rollout to finish: {x}");
    assert_eq!(
        messages,
        vec![
            // Before the apply.
            (
                60.0,
                format!("daemon set \"{name}\" successfully rolled out")
            ),
            // After the apply, before the controller's sync.
            (
                60.0,
                "Waiting for daemon set spec update to be observed...".to_string()
            ),
            (60.0, w("0 out of 4 new pods have been updated...")),
            (61.0, w("1 out of 4 new pods have been updated...")),
            (68.0, w("2 out of 4 new pods have been updated...")),
            (75.0, w("3 out of 4 new pods have been updated...")),
            (82.0, w("3 of 4 updated pods are available...")),
            (
                88.0,
                format!("daemon set \"{name}\" successfully rolled out")
            ),
        ]
    );
    assert_eq!(
        ds_times(&s, name, "SuccessfulDelete"),
        vec![60.0, 67.0, 74.0, 81.0]
    );
    // A new ControllerRevision (revision 2); every pod carries its hash.
    let revs: Vec<&ControllerRevision> = s.cluster.store.list::<ControllerRevision>().collect();
    assert_eq!(revs.len(), 2);
    let newest = revs.iter().max_by_key(|r| r.revision).expect("revision");
    assert_eq!(newest.revision, 2);
    assert_eq!(
        newest.data.spec.containers[0].image,
        "quay.io/fluentd_elasticsearch/fluentd:v2.6.0"
    );
    let hash = &newest.metadata.labels[CONTROLLER_REVISION_HASH];
    assert!(pods(&s, name).iter().all(|p| hash_of(p) == hash));
    let table = kubectl::get_controllerrevisions(&revs, s.now());
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["NAME", "CONTROLLER", "REVISION", "AGE"]
    );
    assert!(table.contains(&format!("{name}-{hash}")));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("daemonset.apps/fluentd-elasticsearch")
                && l.split_whitespace().nth(2) == Some("2")
                && l.ends_with("2m20s")),
        "revision 2 made at 60 s is 2m20s old at 200 s:\n{table}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.split_whitespace().nth(2) == Some("1") && l.ends_with("3m20s")),
        "{table}"
    );
}

/// maxUnavailable 2 of 4: two nodes at a time.
#[test]
fn max_unavailable_two_replaces_two_nodes_at_a_time() {
    let mut d = Ds::new("agent");
    d.ready_after = "5s";
    d.strategy = "  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 2\n";
    let mut s = sim(&d.yaml());
    let mut v2 = d.clone();
    v2.image = "agent:v2";
    let mut max_u = 0;
    play(&mut s, &apply_at("60s", &v2.yaml()), 120, |s| {
        if secs(s) >= 60.0 {
            let u = unavailable(s, "agent");
            assert!(u <= 2, "t={}: {u} unavailable", secs(s));
            max_u = max_u.max(u);
        }
    });
    assert_eq!(max_u, 2);
    assert_eq!(
        ds_times(&s, "agent", "SuccessfulDelete"),
        vec![60.0, 60.0, 67.0, 67.0]
    );
    assert_eq!(
        ds_times(&s, "agent", "SuccessfulCreate"),
        vec![0.0, 0.0, 0.0, 0.0, 61.0, 61.0, 68.0, 68.0]
    );
    assert_eq!(
        rollout(&s, "agent"),
        "daemon set \"agent\" successfully rolled out"
    );
}

/// `util.UnavailableCount` rounds a percentage UP (`GetScaledValueFromIntOrPercent(..., true)`),
/// so 25 % of 4 nodes is 1 and 25 % of 5 nodes is 2 (not 1 as the spec file says).
#[test]
fn max_unavailable_percentage_rounds_up() {
    let mut d = Ds::new("agent");
    d.ready_after = "5s";
    d.strategy = "  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 25%\n";
    let mut v2 = d.clone();
    v2.image = "agent:v2";
    let parsed = |y: &str| match parse_manifests(y).expect("valid").remove(0) {
        Object::DaemonSet(d) => d,
        other => panic!("{other:?}"),
    };
    let obj = parsed(&d.yaml());
    assert_eq!(max_surge_and_unavailable(&obj, 4), (0, 1));
    assert_eq!(max_surge_and_unavailable(&obj, 5), (0, 2));
    assert_eq!(max_surge_and_unavailable(&obj, 9), (0, 3));
    // 10 % of 5 is 0.5 → 1.
    let ten = parsed(&d.yaml().replace("25%", "10%"));
    assert_eq!(max_surge_and_unavailable(&ten, 5), (0, 1));
    // maxSurge rounds up too; 0 and 0 (impossible) falls back to maxUnavailable 1.
    let mut surge = ten.clone();
    surge.spec.update_strategy.rolling_update = Some(ctrlscope::api::RollingUpdateDaemonSet {
        max_unavailable: Some(ctrlscope::api::IntOrString::Int(0)),
        max_surge: Some(ctrlscope::api::IntOrString::String("10%".into())),
    });
    assert_eq!(max_surge_and_unavailable(&surge, 5), (1, 0));
    surge.spec.update_strategy.rolling_update = Some(ctrlscope::api::RollingUpdateDaemonSet {
        max_unavailable: Some(ctrlscope::api::IntOrString::Int(0)),
        max_surge: Some(ctrlscope::api::IntOrString::Int(0)),
    });
    assert_eq!(max_surge_and_unavailable(&surge, 5), (0, 1));

    // 4 nodes: one at a time.
    let mut s = sim(&d.yaml());
    play(&mut s, &apply_at("60s", &v2.yaml()), 120, |s| {
        if secs(s) >= 60.0 {
            assert!(unavailable(s, "agent") <= 1);
        }
    });
    assert_eq!(
        ds_times(&s, "agent", "SuccessfulDelete"),
        vec![60.0, 67.0, 74.0, 81.0]
    );

    // 5 nodes: two at a time.
    let mut s = sim(&d.yaml());
    let scenario = format!(
        "- at: 1s\n  addNode: {{name: worker-4}}\n{}",
        apply_at("60s", &v2.yaml())
    );
    let mut max_u = 0;
    play(&mut s, &scenario, 120, |s| {
        if secs(s) >= 60.0 {
            let u = unavailable(s, "agent");
            assert!(u <= 2, "t={}: {u}", secs(s));
            max_u = max_u.max(u);
        }
    });
    assert_eq!(max_u, 2);
    assert_eq!(
        ds_times(&s, "agent", "SuccessfulDelete"),
        vec![60.0, 60.0, 67.0, 67.0, 74.0]
    );
    assert_eq!(ds(&s, "agent").status.updated_number_scheduled, 5);
}

/// `rollingUpdate` with maxSurge > 0 (update.go) and `podsShouldBeOnNode`'s surge branch: a new
/// pod is created beside an old available one (at most maxSurge new pods not yet available);
/// the old pod is deleted once the new one is available. Availability never drops.
#[test]
fn max_surge_starts_the_new_pod_before_deleting_the_old() {
    let mut d = Ds::new("agent");
    d.ready_after = "5s";
    d.strategy =
        "  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n";
    let mut s = sim(&d.yaml());
    let mut v2 = d.clone();
    v2.image = "agent:v2";
    let mut max_pods = 0;
    let mut updated: Vec<(f64, i32)> = Vec::new();
    play(&mut s, &apply_at("60s", &v2.yaml()), 120, |s| {
        if secs(s) < 60.0 {
            return;
        }
        assert_eq!(
            unavailable(s, "agent"),
            0,
            "t={}: never below 4 available",
            secs(s)
        );
        let d = ds(s, "agent");
        assert!(
            d.status.number_available == 4 || secs(s) == 60.0,
            "t={}: AVAILABLE {}",
            secs(s),
            d.status.number_available
        );
        // At most desired + maxSurge pods that are not being deleted.
        let live = live_pods(s, "agent").len();
        assert!(live <= 5, "t={}: {live} live pods", secs(s));
        max_pods = max_pods.max(live);
        if d.status.observed_generation == 2 {
            updated.push((secs(s), d.status.updated_number_scheduled));
        }
    });
    assert_eq!(max_pods, 5);
    assert_eq!(
        ds_times(&s, "agent", "SuccessfulCreate"),
        vec![0.0, 0.0, 0.0, 0.0, 60.0, 66.0, 72.0, 78.0],
        "a new pod every 6 s: created, started 1 s later, Ready 5 s after that"
    );
    assert_eq!(
        ds_times(&s, "agent", "SuccessfulDelete"),
        vec![66.0, 72.0, 78.0, 84.0],
        "each old pod goes the moment its replacement is available"
    );
    // UP-TO-DATE counts each node's oldest pod, so it moves only when the old pod is gone.
    let firsts: Vec<(f64, i32)> = {
        let mut v: Vec<(f64, i32)> = Vec::new();
        for (t, u) in updated {
            if v.last().map(|x| x.1) != Some(u) {
                v.push((t, u));
            }
        }
        v
    };
    assert_eq!(
        firsts,
        vec![(60.0, 0), (67.0, 1), (73.0, 2), (79.0, 3), (85.0, 4)]
    );
    assert_eq!(
        rollout(&s, "agent"),
        "daemon set \"agent\" successfully rolled out"
    );
}

/// minReadySeconds: a pod is available once Ready for minReadySeconds
/// (`podutil.IsPodAvailable`); `updateDaemonSetStatus` re-queues the DaemonSet minReadySeconds
/// after a sync that saw Ready pods not yet available (`updatePod`'s minReadySeconds + 1 s
/// AddAfter collapses into that earlier one). With minReadySeconds 10 each node takes 12 s
/// instead of 2 s: deleted at T, replaced at T+1, Ready at T+2, available at T+12.
#[test]
fn min_ready_seconds_paces_the_rollout() {
    let mut fast = Ds::new("agent");
    fast.ready_after = "0s";
    let mut slow = fast.clone();
    slow.min_ready_seconds = 10;
    for (d, deletes, done) in [
        (fast, vec![60.0, 62.0, 64.0, 66.0], 68.0),
        (slow, vec![60.0, 72.0, 84.0, 96.0], 108.0),
    ] {
        let mut s = sim(&d.yaml());
        let mut v2 = d.clone();
        v2.image = "agent:v2";
        let mut rolled_out_at = None;
        let mut ready_not_available = false;
        play(&mut s, &apply_at("60s", &v2.yaml()), 200, |s| {
            if secs(s) < 60.0 {
                return;
            }
            assert!(unavailable(s, "agent") <= 1, "t={}", secs(s));
            let st = &ds(s, "agent").status;
            if st.number_ready > st.number_available {
                ready_not_available = true;
            }
            if rolled_out_at.is_none()
                && kubectl::rollout_status(ds(s, "agent")).1
                && secs(s) > 60.0
            {
                rolled_out_at = Some(secs(s));
            }
        });
        assert_eq!(
            ds_times(&s, "agent", "SuccessfulDelete"),
            deletes,
            "{}",
            d.min_ready_seconds
        );
        assert_eq!(rolled_out_at, Some(done));
        assert_eq!(
            ready_not_available,
            d.min_ready_seconds > 0,
            "READY runs ahead of AVAILABLE"
        );
    }
    // Before the first update: pods Ready at 1 s are AVAILABLE only after 11 s.
    let mut slow = Ds::new("agent");
    slow.min_ready_seconds = 10;
    let mut s = sim(&slow.yaml());
    let mut seen: Vec<(f64, i32, i32)> = Vec::new();
    step_until(&mut s, 20, |s| {
        let st = &ds(s, "agent").status;
        seen.push((secs(s), st.number_ready, st.number_available));
    });
    let firsts = dedup(&seen.iter().map(|x| (x.1, x.2)).collect::<Vec<_>>());
    assert_eq!(firsts, vec![(0, 0), (4, 0), (4, 4)]);
    let avail_at = seen.iter().find(|x| x.2 == 4).map(|x| x.0);
    assert_eq!(avail_at, Some(11.0), "Ready at 1 s, available 10 s later");
}

/// OnDelete: a template change creates a new ControllerRevision but touches no pod; a pod
/// deleted by hand comes back (on its node) from the new template.
#[test]
fn on_delete_replaces_only_deleted_pods() {
    let mut d = Ds::new("agent");
    d.strategy = "  updateStrategy:\n    type: OnDelete\n";
    let mut s = sim(&d.yaml());
    let mut v2 = d.clone();
    v2.image = "agent:v2";
    play(&mut s, &apply_at("60s", &v2.yaml()), 120, |_| {});
    assert_eq!(ds_times(&s, "agent", "SuccessfulDelete"), Vec::<f64>::new());
    assert_eq!(ds_times(&s, "agent", "SuccessfulCreate"), vec![0.0; 4]);
    assert_eq!(s.cluster.store.list::<ControllerRevision>().count(), 2);
    let st = &ds(&s, "agent").status;
    assert_eq!(
        (st.desired_number_scheduled, st.updated_number_scheduled),
        (4, 0)
    );
    assert_eq!(
        kubectl::rollout_status(ds(&s, "agent")),
        (
            "error: rollout status is only available for RollingUpdate strategy type".to_string(),
            true
        )
    );
    let victim = pods(&s, "agent")
        .into_iter()
        .find(|p| p.spec.node_name == "worker-2")
        .map(|p| p.metadata.name.clone())
        .expect("a pod on worker-2");
    play(
        &mut s,
        &format!("- at: 120s\n  deletePod: {victim}\n"),
        150,
        |_| {},
    );
    assert_eq!(
        ds_times(&s, "agent", "SuccessfulCreate"),
        vec![0.0, 0.0, 0.0, 0.0, 121.0]
    );
    let new: Vec<&Pod> = pods(&s, "agent")
        .into_iter()
        .filter(|p| p.spec.containers[0].image == "agent:v2")
        .collect();
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].spec.node_name, "worker-2");
    assert_eq!(new[0].metadata.labels[POD_TEMPLATE_GENERATION], "2");
    let st = &ds(&s, "agent").status;
    assert_eq!((st.updated_number_scheduled, st.number_available), (1, 4));
}

// -------------------------------------------------------------------------------------------
// Nodes

/// `addNode` queues the DaemonSets that should run on the new node; a removed node's pod is
/// deleted by the pod GC (`gcOrphaned`) once the node has been gone 40 s (quarantineTime, on
/// its 20 s ticks: removed at 20 s, collected at 60 s), whose pod events re-sync the
/// DaemonSet: DESIRED drops then.
#[test]
fn added_node_gets_a_pod_removed_node_loses_it() {
    let mut s = sim(&Ds::new("agent").yaml());
    let mut desired: Vec<(f64, i32)> = Vec::new();
    play(
        &mut s,
        "- at: 10s\n  addNode: {name: worker-4, labels: {disk: ssd}}\n- at: 20s\n  removeNode: worker-1\n",
        70,
        |s| {
            let d = ds(s, "agent").status.desired_number_scheduled;
            if desired.last().map(|x| x.1) != Some(d) {
                desired.push((secs(s), d));
            }
        },
    );
    assert_eq!(desired, vec![(0.0, 0), (0.0, 4), (10.0, 5), (60.0, 4)]);
    assert_eq!(
        ds_times(&s, "agent", "SuccessfulCreate"),
        vec![0.0, 0.0, 0.0, 0.0, 10.0]
    );
    let nodes: Vec<&str> = pods(&s, "agent")
        .iter()
        .map(|p| p.spec.node_name.as_str())
        .collect();
    assert_eq!(nodes.len(), 4);
    assert!(nodes.contains(&"worker-4") && !nodes.contains(&"worker-1"));
    let st = &ds(&s, "agent").status;
    assert_eq!(
        (
            st.current_number_scheduled,
            st.number_available,
            st.number_misscheduled
        ),
        (4, 4, 0)
    );
}

/// `NodeShouldRunDaemonPod`: an untolerated NoSchedule taint means "should not run" but "should
/// continue running": the pod stays and counts as misscheduled; an untolerated NoExecute taint
/// evicts it (taint manager) and nothing replaces it. Removing the taint (`updateNode`) brings
/// a pod back.
#[test]
fn taints_no_schedule_keeps_the_pod_no_execute_evicts_it() {
    let mut s = sim(&Ds::new("agent").yaml());
    let mut status: Vec<(f64, (i32, i32, i32))> = Vec::new();
    play(
        &mut s,
        "- at: 10s\n  taintNode: {name: worker-1, taint: \"dedicated=db:NoSchedule\"}\n\
         - at: 20s\n  taintNode: {name: worker-2, taint: \"maintenance=now:NoExecute\"}\n\
         - at: 30s\n  untaintNode: {name: worker-2, key: maintenance}\n\
         - at: 40s\n  untaintNode: {name: worker-1, key: dedicated}\n",
        50,
        |s| {
            let st = &ds(s, "agent").status;
            let v = (
                st.desired_number_scheduled,
                st.current_number_scheduled,
                st.number_misscheduled,
            );
            if status.last().map(|x| x.1) != Some(v) {
                status.push((secs(s), v));
            }
        },
    );
    assert_eq!(
        status,
        vec![
            (0.0, (0, 0, 0)),
            (0.0, (4, 4, 0)),
            // NoSchedule on worker-1: not desired, still running → misscheduled.
            (10.0, (3, 3, 1)),
            // NoExecute on worker-2: evicted; misscheduled while it terminates.
            (20.0, (2, 2, 2)),
            (21.0, (2, 2, 1)),
            (30.0, (3, 3, 1)),
            (40.0, (4, 4, 0)),
        ]
    );
    assert_eq!(
        ds_times(&s, "agent", "SuccessfulCreate"),
        vec![0.0, 0.0, 0.0, 0.0, 30.0],
        "only the evicted pod is recreated, once its node is untainted"
    );
    assert_eq!(ds_times(&s, "agent", "SuccessfulDelete"), Vec::<f64>::new());
    let evicted: Vec<f64> = s
        .cluster
        .events
        .iter()
        .filter(|e| e.reason == "TaintManagerEviction")
        .map(|e| (e.t - s.cluster.start).as_secs_f64())
        .collect();
    assert_eq!(evicted, vec![20.0]);
    let table = kubectl::get_daemonsets(&s.daemonsets(), s.now(), false);
    assert!(
        table.lines().nth(1).is_some_and(|l| l.starts_with("agent")),
        "{table}"
    );
}

/// A nodeSelector change is a template change, and `podsShouldBeOnNode` deletes the pods of
/// nodes that no longer match at once (not limited by maxUnavailable). The one matching node's
/// old pod is replaced by `rollingUpdate`, which counts nodes with only terminating pods as
/// unavailable and so waits until they are gone.
/// Changing a node's labels under a running pod (`updateNode`) deletes the pod; it counts as
/// misscheduled until it has terminated.
#[test]
fn node_selector_changes_delete_pods_on_nodes_that_no_longer_match() {
    let d = Ds::new("agent");
    let mut s = sim(&d.yaml());
    let mut ssd = d.clone();
    ssd.node_selector = "disk: ssd";
    let scenario = format!(
        "- at: 5s\n  addNode: {{name: worker-4, labels: {{disk: ssd}}}}\n{}",
        apply_at("60s", &ssd.yaml())
    );
    play(&mut s, &scenario, 90, |_| {});
    assert_eq!(
        ds_times(&s, "agent", "SuccessfulDelete"),
        vec![60.0, 60.0, 60.0, 60.0, 61.0]
    );
    assert_eq!(
        ds_times(&s, "agent", "SuccessfulCreate"),
        vec![0.0, 0.0, 0.0, 0.0, 5.0, 62.0]
    );
    let ps = pods(&s, "agent");
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].spec.node_name, "worker-4");
    assert_eq!(
        ps[0].spec.node_selector.get("disk").map(String::as_str),
        Some("ssd")
    );
    let table = kubectl::get_daemonsets(&s.daemonsets(), s.now(), false);
    let row: Vec<&str> = table
        .lines()
        .nth(1)
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    assert_eq!(row[..7], ["agent", "1", "1", "1", "1", "1", "disk=ssd"]);

    // Relabel worker-4 (a Node apply, as `kubectl label node worker-4 disk-`).
    let relabel =
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: worker-4\n  labels:\n    disk: hdd\n";
    let mut status: Vec<(f64, (i32, i32, i32))> = Vec::new();
    play(&mut s, &apply_at("100s", relabel), 110, |s| {
        let st = &ds(s, "agent").status;
        let v = (
            st.desired_number_scheduled,
            st.current_number_scheduled,
            st.number_misscheduled,
        );
        if secs(s) >= 100.0 && status.last().map(|x| x.1) != Some(v) {
            status.push((secs(s), v));
        }
    });
    assert_eq!(
        status,
        vec![(100.0, (1, 1, 0)), (100.0, (0, 0, 1)), (101.0, (0, 0, 0))]
    );
    assert_eq!(
        *ds_times(&s, "agent", "SuccessfulDelete").last().unwrap(),
        100.0
    );
    assert!(pods(&s, "agent").is_empty());
}

/// `kubectl label nodes worker-2 disktype=ssd` under a DaemonSet with `nodeSelector: disktype:
/// ssd`: the Node update reaches `updateNode` (labels changed, so not `shouldIgnoreNodeUpdate`),
/// shouldRun turns true and the controller creates a pod there at once; `disktype-` turns both
/// shouldRun and shouldContinueRunning false, and `podsShouldBeOnNode` deletes the pod.
#[test]
fn labelling_a_node_starts_and_stops_its_daemon_pod() {
    let mut d = Ds::new("agent");
    d.node_selector = "disktype: ssd";
    let mut s = sim(&d.yaml());
    // (time, desired, the live pods' "node phase")
    let mut seen: Vec<(f64, i32, Vec<String>)> = Vec::new();
    play(
        &mut s,
        "- at: 30s\n  labelNode: {name: worker-2, key: disktype, value: ssd}\n\
         - at: 2m\n  unlabelNode: {name: worker-2, key: disktype}\n",
        150,
        |s| {
            let live: Vec<String> = live_pods(s, "agent")
                .iter()
                .map(|p| format!("{} {}", p.spec.node_name, p.status.phase))
                .collect();
            let desired = ds(s, "agent").status.desired_number_scheduled;
            if seen.last().map(|x| (x.1, &x.2)) != Some((desired, &live)) {
                seen.push((secs(s), desired, live));
            }
        },
    );
    let w2 = |phase: &str| vec![format!("worker-2 {phase}")];
    assert_eq!(
        seen,
        vec![
            (0.0, 0, vec![]),
            (30.0, 1, w2("Pending")),
            (31.0, 1, w2("Running")),
            (120.0, 0, vec![]),
        ]
    );
    assert_eq!(ds_times(&s, "agent", "SuccessfulCreate"), vec![30.0]);
    assert_eq!(ds_times(&s, "agent", "SuccessfulDelete"), vec![120.0]);
    assert!(pods(&s, "agent").is_empty());
    let node = s
        .nodes()
        .into_iter()
        .find(|n| n.metadata.name == "worker-2");
    assert!(node.is_some_and(|n| !n.metadata.labels.contains_key("disktype")));
}

// -------------------------------------------------------------------------------------------
// Failures

/// `failPod` on a daemon pod: restartPolicy Always, so the kubelet restarts the container in
/// place (the first restart is immediate). The controller has nothing to do.
#[test]
fn failed_container_restarts_in_place() {
    let mut d = Ds::new("agent");
    d.ready_after = "5s";
    let mut s = sim(&d.yaml());
    step_until(&mut s, 30, |_| {});
    let victim = pods(&s, "agent")
        .into_iter()
        .find(|p| p.spec.node_name == "worker-3")
        .map(|p| p.metadata.name.clone())
        .unwrap_or_default();
    let mut ready: Vec<(f64, i32)> = Vec::new();
    play(
        &mut s,
        &format!("- at: 30s\n  failPod: {victim}\n"),
        60,
        |s| {
            let r = ds(s, "agent").status.number_ready;
            if ready.last().map(|x| x.1) != Some(r) {
                ready.push((secs(s), r));
            }
        },
    );
    assert_eq!(
        ready,
        vec![(30.0, 4), (30.0, 3), (35.0, 4)],
        "not Ready until ready-after again"
    );
    assert_eq!(
        ds_times(&s, "agent", "SuccessfulCreate").len(),
        4,
        "no new pod"
    );
    let p = s.cluster.store.get::<Pod>(&victim).expect("same pod");
    assert_eq!(p.status.container_statuses[0].restart_count, 1);
    let table = kubectl::get_pods(&[p], s.now(), false);
    let row: Vec<&str> = table
        .lines()
        .nth(1)
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    assert_eq!(
        row[..6],
        [victim.as_str(), "1/1", "Running", "1", "(30s", "ago)"]
    );
}

/// `podsShouldBeOnNode`: a Failed daemon pod is deleted (FailedDaemonPod) and replaced, but
/// through `failedPodsBackoff` (1 s, doubling, keyed by DaemonSet, generation and node): a
/// failure within the current back-off re-queues the DaemonSet after the back-off instead.
/// A Succeeded pod is deleted at once (SucceededDaemonPod), without back-off.
/// (The kubelet model always restarts Always containers, so the test sets the phase the way a
/// kubelet rejecting or evicting the pod would.)
#[test]
fn failed_daemon_pods_are_replaced_with_backoff() {
    let mut s = sim(&Ds::new("agent").yaml());
    let on_worker1 = |s: &Simulation| -> String {
        live_pods(s, "agent")
            .into_iter()
            .find(|p| p.spec.node_name == "worker-1")
            .map(|p| p.metadata.name.clone())
            .expect("a pod on worker-1")
    };
    let set_phase = |s: &mut Simulation, phase: &str| {
        let name = on_worker1(s);
        s.cluster
            .store
            .modify::<Pod>(&name, |p| p.status.phase = phase.into())
            .expect("pod");
    };
    for t in [10, 11, 12, 15] {
        step_until(&mut s, t, |_| {});
        assert_eq!(
            s.cluster
                .store
                .get::<Pod>(&on_worker1(&s))
                .map(|p| p.status.phase.clone()),
            Some("Running".into()),
            "t={t}"
        );
        set_phase(&mut s, "Failed");
        s.run_until(s.now());
    }
    step_until(&mut s, 40, |_| {});
    // 10: first failure, deleted at once (back-off 1 s). 11: 1 s later, out of back-off →
    // deleted (back-off 2 s). 12: within 2 s → retried at 12 + 2 = 14 (back-off 4 s).
    // 15: within 4 s → retried at 15 + 4 = 19.
    assert_eq!(
        ds_times(&s, "agent", "FailedDaemonPod"),
        vec![10.0, 11.0, 14.0, 19.0]
    );
    assert_eq!(
        ds_times(&s, "agent", "SuccessfulCreate"),
        vec![0.0, 0.0, 0.0, 0.0, 10.0, 11.0, 14.0, 19.0]
    );
    let e = s
        .cluster
        .events
        .iter()
        .find(|e| e.reason == "FailedDaemonPod")
        .expect("event");
    assert_eq!(e.type_, "Warning");
    assert!(
        e.message()
            .starts_with("Found failed daemon pod default/agent-")
            && e.message()
                .ends_with(" on node worker-1, will try to kill it"),
        "{}",
        e.message()
    );

    set_phase(&mut s, "Succeeded");
    s.run_until(s.now());
    assert_eq!(ds_times(&s, "agent", "SucceededDaemonPod"), vec![40.0]);
    let e = s
        .cluster
        .events
        .iter()
        .find(|e| e.reason == "SucceededDaemonPod")
        .expect("event");
    assert_eq!(e.type_, "Normal");
    assert!(e
        .message()
        .ends_with(" on node worker-1, will try to delete it"));
    assert_eq!(
        *ds_times(&s, "agent", "SuccessfulCreate").last().unwrap(),
        40.0
    );
    assert_eq!(live_pods(&s, "agent").len(), 4);
}

// -------------------------------------------------------------------------------------------
// kubectl

/// `printDaemonSet`, `describeDaemonSet`, `printNode` on the demo.
#[test]
fn kubectl_get_and_describe() {
    let mut s = sim(FLUENTD);
    step_until(&mut s, 90, |_| {});
    let table = kubectl::get_daemonsets(&s.daemonsets(), s.now(), false);
    assert_eq!(
        table,
        "NAME                    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n\
         fluentd-elasticsearch   4         4         4       4            4           <none>          90s\n"
    );
    let mut d = Ds::new("agent");
    d.node_selector = "disk: ssd";
    apply(&mut s, &d.yaml());
    s.run_until(s.now());
    let table = kubectl::get_daemonsets(&s.daemonsets(), s.now(), false);
    assert!(
        table.contains("agent                   0         0         0       0            0           disk=ssd        0s"),
        "{table}"
    );

    let nodes = kubectl::get_nodes(&s.nodes(), s.now(), false);
    assert_eq!(
        nodes,
        format!(
            "NAME            STATUS   ROLES           AGE   VERSION\n\
             control-plane   Ready    control-plane   90s   {v}\n\
             worker-1        Ready    <none>          90s   {v}\n\
             worker-2        Ready    <none>          90s   {v}\n\
             worker-3        Ready    <none>          90s   {v}\n",
            v = kubectl::KUBELET_VERSION
        )
    );

    let out =
        ctrlscope::cli::describe(&s, ctrlscope::api::Kind::DaemonSet, "fluentd-elasticsearch");
    for line in [
        "Name:           fluentd-elasticsearch",
        "Namespace:      kube-system",
        "Selector:       name=fluentd-elasticsearch",
        "Node-Selector:  <none>",
        "Desired Number of Nodes Scheduled: 4",
        "Current Number of Nodes Scheduled: 4",
        "Number of Nodes Scheduled with Up-to-date Pods: 4",
        "Number of Nodes Scheduled with Available Pods: 4",
        "Number of Nodes Misscheduled: 0",
        "Pods Status:  4 Running / 0 Waiting / 0 Succeeded / 0 Failed",
    ] {
        assert!(out.lines().any(|l| l == line), "missing {line:?} in\n{out}");
    }
    assert!(
        out.contains("Image:      quay.io/fluentd_elasticsearch/fluentd:v2.5.2"),
        "{out}"
    );
    let created = out
        .lines()
        .filter(|l| {
            l.contains("SuccessfulCreate") && l.contains("Created pod: fluentd-elasticsearch-")
        })
        .count();
    assert_eq!(created, 4, "{out}");
}

// -------------------------------------------------------------------------------------------
// Bugs outside the DaemonSet controller (ignored: they fail until fixed where noted)

/// `pkg/registry/apps/daemonset/strategy.go`: the API server keeps `spec.templateGeneration`
/// (the `deprecated.daemonset.template.generation` annotation in apps/v1), bumped only when the
/// template changes; `util.CreatePodTemplate` labels pods `pod-template-generation` with it.
/// `Simulation::apply` (src/sim/mod.rs) does not keep it, so the controller falls back to
/// metadata.generation, which every spec change bumps.
#[test]
fn pod_template_generation_counts_template_changes_only() {
    let d = Ds::new("agent");
    let mut s = sim(&d.yaml());
    let mut slower = d.clone();
    slower.min_ready_seconds = 5;
    let mut v2 = slower.clone();
    v2.image = "agent:v2";
    let scenario = format!(
        "{}{}",
        apply_at("10s", &slower.yaml()),
        apply_at("20s", &v2.yaml())
    );
    play(&mut s, &scenario, 120, |_| {});
    assert_eq!(ds(&s, "agent").metadata.generation, 3);
    for p in pods(&s, "agent") {
        assert_eq!(
            p.metadata.labels[POD_TEMPLATE_GENERATION], "2",
            "the template changed once"
        );
    }
}

/// An empty list or map added to the template is no change: every such field under a pod
/// template is `omitempty` (not stored), and registry/apps/daemonset/strategy.go PrepareForUpdate
/// compares templates with apiequality.Semantic.DeepEqual, which takes an empty list for none.
#[test]
fn empty_lists_in_the_template_are_no_change() {
    let d = Ds::new("agent");
    let mut s = sim(&d.yaml());
    let empty = d.yaml().replace(
        "        image: ",
        "        ports: []\n        volumeMounts: []\n        envFrom: []\n        resources: {limits: {}}\n        image: ",
    );
    let empty = empty.replace(
        "      containers:",
        "      volumes: []\n      imagePullSecrets: []\n      hostAliases: []\n      containers:",
    );
    assert_ne!(empty, d.yaml());
    play(&mut s, &apply_at("10s", &empty), 60, |_| {});
    let got = ds(&s, "agent");
    assert_eq!(got.metadata.generation, 1);
    assert!(
        got.spec.template.spec.other.is_empty(),
        "{:?}",
        got.spec.template.spec.other
    );
    let c = &got.spec.template.spec.containers[0];
    assert!(c.other.is_empty(), "{:?}", c.other);
}

/// The UI's queue view (`Simulation::queues`, src/sim/mod.rs) lists the Job, CronJob, TTL and
/// GC queues but not the DaemonSet controller's.
#[test]
fn simulation_queues_include_the_daemonset_controller() {
    let s = sim(&Ds::new("agent").yaml());
    let names: Vec<&str> = s.queues().iter().map(|q| q.0).collect();
    assert!(
        names.contains(&ctrlscope::controllers::daemonset::COMPONENT),
        "{names:?}"
    );
}

/// `kubectl patch ds fluentd-elasticsearch -p …` (the docs' strategic merge patch: the container
/// merges by its name) at 60 s takes the same path as the editor's apply in the seed demo: a new
/// template generation, then one node's pod at a time.
#[test]
fn patching_the_image_starts_the_same_rolling_update() {
    let mut s = sim(FLUENTD);
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(60));
    let r = ctrlscope::kubectl::console::run(
        &mut s,
        r#"kubectl patch ds fluentd-elasticsearch -n kube-system -p '{"spec":{"template":{"spec":{"containers":[{"name":"fluentd-elasticsearch","image":"quay.io/fluentd_elasticsearch/fluentd:v2.6.0"}]}}}}'"#,
    );
    assert_eq!(r.output, "daemonset.apps/fluentd-elasticsearch patched");
    assert!(r.action.is_some());
    let d = ds(&s, "fluentd-elasticsearch");
    let c = &d.spec.template.spec.containers[0];
    assert!(
        c.other.contains_key("volumeMounts"),
        "the rest of the container is kept"
    );
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(100));
    let at = |reason: &str| -> Vec<f64> {
        s.cluster
            .events
            .iter()
            .filter(|e| e.reason == reason && e.kind == ctrlscope::api::Kind::DaemonSet)
            .map(|e| (e.t - s.cluster.start).as_secs_f64())
            .collect()
    };
    assert_eq!(
        at("SuccessfulCreate"),
        vec![0.0, 0.0, 0.0, 0.0, 61.0, 68.0, 75.0, 82.0]
    );
    assert_eq!(at("SuccessfulDelete"), vec![60.0, 67.0, 74.0, 81.0]);
    assert!(s
        .pods()
        .iter()
        .all(|p| p.spec.containers[0].image.ends_with(":v2.6.0")));
}

/// `kubectl rollout undo` in the console (kubectl polymorphichelpers/rollback.go): the
/// previous revision's template goes back through the Apply path, so the RollingUpdate replaces
/// one node at a time as for any template change; the controller reuses the old
/// ControllerRevision with the next revision number (update.go `constructHistory`). Replaying
/// the recorded action gives the same cluster.
#[test]
fn rollout_undo_rolls_back_node_by_node() {
    let name = "fluentd-elasticsearch";
    let update = FLUENTD_UPDATE
        .split("\n- at: 3m")
        .next()
        .unwrap_or_default()
        .to_string();
    let mut s = sim(FLUENTD);
    play(&mut s, &update, 120, |_| {});
    assert_eq!(
        rollout(&s, name),
        format!("daemon set \"{name}\" successfully rolled out")
    );
    let r = kubectl::console::run(
        &mut s,
        &format!("kubectl rollout undo ds/{name} -n kube-system"),
    );
    assert_eq!(r.output, format!("daemonset.apps/{name} rolled back"));
    let action = r.action.expect("undo is recorded");
    let mut updated: Vec<i32> = Vec::new();
    let mut max_unavailable = 0;
    step_until(&mut s, 240, |s| {
        max_unavailable = max_unavailable.max(unavailable(s, name));
        if ds(s, name).status.observed_generation == 3 {
            updated.push(ds(s, name).status.updated_number_scheduled);
        }
    });
    assert_eq!(max_unavailable, 1);
    assert_eq!(dedup(&updated), vec![0, 1, 2, 3, 4], "UP-TO-DATE 0→1→2→3→4");
    let deletes: Vec<f64> = ds_times(&s, name, "SuccessfulDelete")
        .into_iter()
        .filter(|t| *t >= 120.0)
        .collect();
    assert_eq!(deletes, vec![120.0, 127.0, 134.0, 141.0]);
    assert!(pods(&s, name)
        .iter()
        .all(|p| p.spec.containers[0].image == "quay.io/fluentd_elasticsearch/fluentd:v2.5.2"));
    let mut revs: Vec<(i64, String)> = s
        .cluster
        .store
        .list::<ControllerRevision>()
        .map(|r| (r.revision, r.data.spec.containers[0].image.clone()))
        .collect();
    revs.sort();
    assert_eq!(
        revs,
        vec![
            (
                2,
                "quay.io/fluentd_elasticsearch/fluentd:v2.6.0".to_string()
            ),
            (
                3,
                "quay.io/fluentd_elasticsearch/fluentd:v2.5.2".to_string()
            ),
        ]
    );
    let history =
        kubectl::console::run(&mut s, &format!("rollout history ds/{name} -n kube-system")).output;
    assert_eq!(
        history,
        format!(
            "daemonset.apps/{name} \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n"
        )
    );
    // Replay: the recorded Apply at the same instant, byte-identical outcome.
    let mut again = sim(FLUENTD);
    play(&mut again, &update, 120, |_| {});
    again.perform(&action).expect("replay");
    step_until(&mut again, 240, |_| {});
    let state =
        |s: &Simulation| kubectl::console::run(&mut s.clone(), "get pods -A -o yaml").output;
    assert_eq!(state(&again), state(&s));
}

/// tainteviction.go `processPodOnNode`: a pod that tolerates a NoExecute taint for
/// `tolerationSeconds` is deleted when they run out. The DaemonSet controller does not look at
/// tolerationSeconds (daemon_controller.go `NodeShouldRunDaemonPod`), so it makes a new pod,
/// evicted in turn: a loop every 20 s (plus the replacement's second). Removing the taint
/// cancels the pending deletion.
#[test]
fn toleration_seconds_evict_and_the_daemonset_churns() {
    let yaml = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      nodeSelector: {disk: ssd}\n      tolerations:\n      - {key: maint, operator: Exists, effect: NoExecute, tolerationSeconds: 20}\n      containers: [{name: agent, image: busybox:1.36}]\n";
    let out = cli(
        &[("ds.yaml", yaml)],
        &[
            "run",
            "ds.yaml",
            "--until",
            "100s",
            "--events",
            "jsonl",
            "--kubectl",
            "5s: label nodes worker-1 disk=ssd",
            "--kubectl",
            "10s: taint nodes worker-1 maint=yes:NoExecute",
            "--kubectl",
            "80s: taint nodes worker-1 maint-",
        ],
    );
    let evs = events(&out);
    let marked: Vec<f64> = evs
        .iter()
        .filter(|e| e.reason == "TaintManagerEviction" && e.message.starts_with("Marking"))
        .map(|e| e.t)
        .collect();
    assert_eq!(marked, [30.0, 51.0, 72.0], "{}", out.stdout);
    let cancelled: Vec<f64> = evs
        .iter()
        .filter(|e| e.reason == "TaintManagerEviction" && e.message.starts_with("Cancelling"))
        .map(|e| e.t)
        .collect();
    assert_eq!(cancelled, [80.0]);
}

/// A daemon pod its template binds to a node (`spec.nodeName`) skips the scheduler, so the
/// kubelet's admission (lifecycle/predicate.go) rejects it when the node lacks room: Failed,
/// reason OutOfcpu, "Pod was rejected: Node didn't have enough resource: cpu, requested: …".
/// The DaemonSet controller then kills and recreates it with its failed-pods back-off, 1 s
/// doubling (daemon_controller.go podsShouldBeOnNode, FailedDaemonPod).
#[test]
fn a_daemon_pod_the_kubelet_rejects_is_recreated_with_back_off() {
    let yaml = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: big\nspec:\n  selector:\n    matchLabels: {app: big}\n  template:\n    metadata:\n      labels: {app: big}\n    spec:\n      nodeName: worker-1\n      containers:\n      - name: agent\n        image: busybox:1.36\n        resources:\n          requests: {cpu: \"100\"}\n";
    let mut s = sim(yaml);
    step_until(&mut s, 20, |_| {});
    let ev = |reason: &str| -> Vec<(i64, String)> {
        s.cluster
            .events
            .iter()
            .filter(|e| e.reason.as_ref() == reason)
            .map(|e| {
                (
                    (e.t - s.cluster.start).whole_secs(),
                    e.message().to_string(),
                )
            })
            .collect()
    };
    let rejected = ev("OutOfcpu");
    assert!(!rejected.is_empty());
    assert!(rejected.iter().all(|(_, m)| m
        == "Node didn't have enough resource: cpu, requested: 100000, used: 0, capacity: 4000"));
    let killed: Vec<i64> = ev("FailedDaemonPod").iter().map(|(t, _)| *t).collect();
    assert_eq!(killed, [0, 1, 3, 7, 15]);
    let pod = s.pods()[0].clone();
    assert_eq!(
        (
            pod.status.phase.as_str(),
            pod.status.reason.as_str(),
            ctrlscope::kubectl::pod_status(&pod).as_str()
        ),
        ("Failed", "OutOfcpu", "OutOfcpu")
    );
    assert!(pod
        .status
        .message
        .starts_with("Pod was rejected: Node didn't have enough resource: cpu"));
}

/// Found by fuzzing: a surging DaemonSet (maxSurge 1) whose pods a full node's kubelet rejects
/// (OutOfpods) used to create a new pod at the same instant forever while the failed one waited
/// out its back-off. The node now waits: kill-and-recreate at 0, 1, 3, 7, 15 s (the failed-pod
/// back-off doubling from 1 s).
#[test]
fn a_surging_daemonset_on_a_full_node_backs_off_instead_of_hot_looping() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: fill\nspec:\n  parallelism: 110\n  template:\n    spec:\n      nodeSelector: {kubernetes.io/hostname: worker-1}\n      containers:\n      - name: c\n        image: busybox\n        command: [sleep, \"600\"]\n      restartPolicy: Never\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds\nspec:\n  updateStrategy:\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}\n  selector:\n    matchLabels: {app: ds}\n  template:\n    metadata:\n      labels: {app: ds}\n    spec:\n      nodeName: worker-1\n      containers:\n      - name: c\n        image: busybox\n";
    let mut s = sim(yaml);
    step_until(&mut s, 20, |_| {});
    let kills = common::event_secs(&s, "FailedDaemonPod");
    assert_eq!(kills, [0, 1, 3, 7, 15]);
}

/// The downward API: `env[].valueFrom.fieldRef` gives each daemon pod its node's name, its own
/// name, address and labels (kubelet_pods.go podFieldSelectorRuntimeValue), as its log shows.
#[test]
fn downward_api_env_reaches_the_script() {
    let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: whoami}\nspec:\n  selector: {matchLabels: {app: whoami}}\n  template:\n    metadata: {labels: {app: whoami}}\n    spec:\n      containers:\n      - name: c\n        image: busybox\n        command: [\"sh\", \"-c\", \"echo on $NODE_NAME as $POD_NAME app $APP; sleep infinity\"]\n        env:\n        - name: NODE_NAME\n          valueFrom: {fieldRef: {fieldPath: spec.nodeName}}\n        - name: POD_NAME\n          valueFrom: {fieldRef: {fieldPath: metadata.name}}\n        - name: APP\n          valueFrom: {fieldRef: {fieldPath: \"metadata.labels['app']\"}}\n";
    let out = cli(
        &[("ds.yaml", ds)],
        &[
            "run",
            "ds.yaml",
            "--until",
            "10s",
            "--events",
            "none",
            "--kubectl",
            "10s: logs -l app=whoami",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("on "))
        .collect();
    assert_eq!(lines.len(), 3, "{}", out.stdout);
    for l in lines {
        let words: Vec<&str> = l.split(' ').collect();
        assert!(words[1].starts_with("worker-"), "{l}");
        assert!(words[3].starts_with("whoami-"), "{l}");
        assert_eq!(words[5], "whoami", "{l}");
    }
}

/// `delete ds --cascade=orphan`, then the same DaemonSet again: controller_ref_manager.go
/// `ClaimObject` (ClaimPods in getDaemonPods, ClaimControllerRevisions in constructHistory)
/// adopts the running pods and the old ControllerRevision, so nothing is created twice and
/// the rollout history goes on.
#[test]
fn orphans_are_adopted_by_the_daemonset_applied_again() {
    let agent = Ds::new("agent");
    let mut s = sim(&agent.yaml());
    s.cluster.record_loop = true;
    step_until(&mut s, 20, |_| {});
    let before: Vec<String> = live_pods(&s, "agent")
        .iter()
        .map(|p| p.metadata.name.clone())
        .collect();
    assert_eq!(before.len(), 4);
    let r = kubectl::console::run(&mut s, "delete ds agent --cascade=orphan");
    assert_eq!(
        r.output,
        "daemonset.apps \"agent\" deleted from default namespace"
    );
    step_until(&mut s, 30, |_| {});
    assert!(s.cluster.store.get::<DaemonSet>("agent").is_none());
    let orphans = s
        .cluster
        .store
        .list::<Pod>()
        .filter(|p| p.metadata.owner_references.is_empty())
        .count();
    assert_eq!(orphans, 4, "the pods run on without an owner");
    apply(&mut s, &agent.yaml());
    step_until(&mut s, 60, |_| {});
    let after: Vec<String> = live_pods(&s, "agent")
        .iter()
        .map(|p| p.metadata.name.clone())
        .collect();
    assert_eq!(after, before, "the same four pods, now the new DaemonSet's");
    assert_eq!(ds(&s, "agent").status.current_number_scheduled, 4);
    assert_eq!(ds(&s, "agent").status.updated_number_scheduled, 4);
    let revisions = s
        .cluster
        .store
        .dependents::<ControllerRevision>(&ds(&s, "agent").metadata.uid);
    assert_eq!(
        revisions.iter().map(|r| r.revision).collect::<Vec<_>>(),
        vec![1]
    );
    let history = kubectl::console::run(&mut s, "rollout history ds/agent").output;
    assert!(history.contains("\n1         <none>"), "{history}");
    let adopted = s
        .cluster
        .loop_steps
        .iter()
        .filter(|st| format!("{:?}", st.step).contains("adopt Pod/"))
        .count();
    assert_eq!(adopted, 1, "one sync adopts them, and says so");
}

/// The same, with a changed template: the adopted pods carry `pod-template-generation: 1`,
/// and the new DaemonSet's template generation starts at 1 again, so `util.IsPodUpdated`
/// (hash OR template generation) counts them as up to date and nothing rolls: a real
/// Kubernetes gotcha, kept. The new template is revision 2 after the adopted revision 1.
#[test]
fn adopted_pods_of_an_old_template_count_as_updated_by_template_generation() {
    let v1 = Ds::new("agent");
    let mut s = sim(&v1.yaml());
    step_until(&mut s, 20, |_| {});
    kubectl::console::run(&mut s, "delete ds agent --cascade=orphan");
    step_until(&mut s, 30, |_| {});
    let v2 = Ds {
        image: "agent:v2",
        ..v1.clone()
    };
    apply(&mut s, &v2.yaml());
    step_until(&mut s, 120, |_| {});
    let d = ds(&s, "agent");
    assert_eq!(
        (
            d.status.desired_number_scheduled,
            d.status.updated_number_scheduled,
            d.status.number_available
        ),
        (4, 4, 4)
    );
    let images: Vec<&str> = live_pods(&s, "agent")
        .iter()
        .map(|p| p.spec.containers[0].image.as_str())
        .collect();
    assert_eq!(images, vec!["agent:v1"; 4]);
    let mut revisions: Vec<i64> = s
        .cluster
        .store
        .dependents::<ControllerRevision>(&d.metadata.uid)
        .iter()
        .map(|r| r.revision)
        .collect();
    revisions.sort();
    assert_eq!(revisions, vec![1, 2]);
}

/// A pod whose labels stop matching the selector is released (its ownerReference removed)
/// and the DaemonSet creates another on that node; the released pod runs on, an orphan.
#[test]
fn a_pod_relabelled_out_of_the_selector_is_released() {
    let mut s = sim(&Ds::new("agent").yaml());
    step_until(&mut s, 20, |_| {});
    let victim = live_pods(&s, "agent")[0].clone();
    let node = target_node(&victim).unwrap().to_string();
    let r = kubectl::console::run(
        &mut s,
        &format!("label pod {} app=debug --overwrite", victim.metadata.name),
    );
    assert_eq!(r.output, format!("pod/{} labeled", victim.metadata.name));
    assert!(r.action.is_some(), "recorded for replay and share links");
    step_until(&mut s, 40, |_| {});
    let released = s
        .cluster
        .store
        .get::<Pod>(&victim.metadata.name)
        .expect("the released pod runs on");
    assert!(released.metadata.owner_references.is_empty());
    let on_node = live_pods(&s, "agent")
        .into_iter()
        .filter(|p| target_node(p) == Some(node.as_str()))
        .count();
    assert_eq!(on_node, 1, "a new daemon pod on {node}");
    assert_eq!(live_pods(&s, "agent").len(), 4);
}

/// The rolling update's "no step now" line gives the numbers that hold it, in rollingUpdate's
/// own counts (update.go): a node whose old pod is being deleted counts as unavailable
/// (findUpdatedPodsOnNode skips deleted pods), against maxUnavailable.
#[test]
fn a_rolling_update_waiting_says_what_holds_it() {
    let mut s = sim(include_str!("../examples/fluentd-daemonset.yaml"));
    s.cluster.record_loop = true;
    let sc = parse_scenario(
        include_str!("../examples/fluentd-update.scenario.yaml"),
        &|_| Err("no files".into()),
    )
    .expect("scenario");
    for a in sc {
        step_until(&mut s, a.at.whole_secs(), |_| {});
        s.perform(&a.action).expect("performed");
    }
    step_until(&mut s, 62, |_| {});
    let words: Vec<String> = s
        .cluster
        .loop_steps
        .iter()
        .filter_map(|l| match &l.step {
            ctrlscope::sim::cluster::Step::Decide { message, .. } => Some(message.clone()),
            _ => None,
        })
        .collect();
    assert!(
        words.iter().any(|w| w.contains("takes no step now: 1 unavailable (worker-") && w.ends_with(", maxUnavailable 1 (counting 1 node(s) whose old pod is still terminating): nothing to do")),
        "{words:?}"
    );
    assert!(
        words.iter().any(|w| w.ends_with(
            "takes no step now: 1 unavailable (worker-2), maxUnavailable 1: nothing to do"
        )),
        "{words:?}"
    );
}

/// daemon_controller.go syncDaemonSet → updateDaemonSetStatus → getNodesToDaemonPods reads the
/// pod informer's cache, which has not seen the pods this sync just created: the first status
/// write says current 0; the pods' ADDED events bring the sync that counts them.
#[test]
fn status_written_by_the_creating_sync_counts_pods_as_observed_before_it() {
    let out = cli(
        &[("ds.yaml", FLUENTD)],
        &["run", "ds.yaml", "--loop", "--until", "1s"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let writes: Vec<String> = out
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["controller"] == "daemonset-controller" && v["step"] == "updateStatus")
        .map(|v| v["summary"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        writes.first().map(String::as_str),
        Some("desired=4 current=0 ready=0 up-to-date=0 available=0"),
        "{writes:#?}"
    );
    assert_eq!(
        writes.get(1).map(String::as_str),
        Some("desired=4 current=4 ready=0 up-to-date=4 available=0"),
        "{writes:#?}"
    );
}

/// A second template change while a surge rollout waits out minReadySeconds: the new pod's
/// "became ready" AddAfter is dropped because an earlier entry for the key waits (client-go's
/// delaying queue keeps the earliest), and updateDaemonSetStatus does not requeue (it counts
/// the oldest pod per node). As upstream, the rollout then waits for an informer event; the
/// loop says both, instead of promising a step in 10 s.
#[test]
fn a_stalled_surge_rollout_says_why() {
    let m = |image: &str| {
        format!(
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: agent}}\nspec:\n  selector: {{matchLabels: {{app: agent}}}}\n  minReadySeconds: 10\n  updateStrategy: {{type: RollingUpdate, rollingUpdate: {{maxSurge: 1, maxUnavailable: 0}}}}\n  template:\n    metadata: {{labels: {{app: agent}}}}\n    spec: {{containers: [{{name: a, image: \"{image}\"}}]}}\n"
        )
    };
    let (a, b, c) = (m("nginx:1.25"), m("nginx:1.26"), m("nginx:1.27"));
    let out = cli(
        &[
            ("m.yaml", &a),
            ("b.yaml", &b),
            ("c.yaml", &c),
            (
                "s.yaml",
                "- at: 20s\n  apply: b.yaml\n- at: 23s\n  apply: c.yaml\n",
            ),
        ],
        &[
            "run",
            "m.yaml",
            "--scenario",
            "s.yaml",
            "--until",
            "2m",
            "--loop",
            "--events",
            "none",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("pod became ready: minReadySeconds 10 + 1s: dropped, the queue keeps its earlier entry (due at t=32s)"),
        "{}",
        out.stdout
    );
    let stalled: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("the rollout is unfinished and no sync is due for it"))
        .collect();
    assert_eq!(stalled.len(), 1, "{stalled:?}");
    assert!(stalled[0].starts_with("{\"t\": 32.0,"), "{}", stalled[0]);
}
