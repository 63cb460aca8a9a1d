//! Node addresses, pod CIDRs and pod IPs, and the pod conditions the kubelet reports:
//! - the node IPAM controller gives each node the next free /24 of 10.244.0.0/16
//!   (pkg/controller/nodeipam/ipam/range_allocator.go, cidrset AllocateNext);
//! - the CNI's host-local IPAM hands out .2–.254 of it round-robin, skipping addresses in use
//!   (containernetworking/plugins plugins/ipam/host-local), and a `hostNetwork` pod has its
//!   node's address;
//! - `kubectl get nodes -o wide` (printers.go `printNode`) and `describe node`;
//! - conditions in the kubelet's order with its reasons (pkg/kubelet/status/generate.go).

mod common;

use common::sim;
use ctrlscope::api::{Kind, Node, Pod};
use ctrlscope::kubectl::{api_value, console};
use ctrlscope::sim::Simulation;

fn pods(sim: &Simulation) -> Vec<&Pod> {
    sim.cluster.store.list::<Pod>().collect()
}

fn node<'a>(sim: &'a Simulation, name: &str) -> &'a Node {
    sim.cluster.store.get::<Node>(name).expect("node")
}

const JOB: &str = "\
apiVersion: batch/v1
kind: Job
metadata:
  name: work
spec:
  parallelism: 6
  completions: 12
  template:
    metadata:
      annotations:
        sim.ctrlscope.dev/duration: 10s
    spec:
      restartPolicy: Never
      containers:
      - name: work
        image: busybox:1.36
";

#[test]
fn nodes_get_the_next_free_pod_cidr_and_their_addresses() {
    let mut s = sim("");
    let cidrs: Vec<(&str, &str, &str)> = s
        .cluster
        .store
        .list::<Node>()
        .map(|n| {
            (
                n.metadata.name.as_str(),
                n.spec.pod_cidr.as_str(),
                n.internal_ip().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        cidrs,
        [
            ("control-plane", "10.244.0.0/24", "172.18.0.2"),
            ("worker-1", "10.244.1.0/24", "172.18.0.3"),
            ("worker-2", "10.244.2.0/24", "172.18.0.4"),
            ("worker-3", "10.244.3.0/24", "172.18.0.5"),
        ]
    );
    assert_eq!(node(&s, "worker-1").address("Hostname"), Some("worker-1"));
    // A removed node's range is free again, but the search goes on after the last one given.
    s.delete(Kind::Node, "worker-2").expect("delete");
    s.add_node("worker-9", Default::default(), Vec::new())
        .expect("add");
    assert_eq!(node(&s, "worker-9").spec.pod_cidr, "10.244.4.0/24");
    assert_eq!(node(&s, "worker-9").spec.pod_cidrs, ["10.244.4.0/24"]);
    // Re-applying a node keeps what the controllers set.
    let yaml =
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: worker-9\n  labels:\n    disk: ssd\n";
    for o in ctrlscope::manifest::parse_manifests(yaml).expect("parse") {
        s.apply(o).expect("apply");
    }
    assert_eq!(node(&s, "worker-9").spec.pod_cidr, "10.244.4.0/24");
    assert_eq!(node(&s, "worker-9").internal_ip(), Some("172.18.0.6"));
}

/// The node IPAM and node lifecycle controllers run in kube-controller-manager: a node that
/// joins while it is down has no pod range and is not registered until it is back.
#[test]
fn a_node_joining_while_the_controller_manager_is_down_waits_for_its_range() {
    use ctrlscope::api::Duration;
    use ctrlscope::sim::scenario::Action;
    let mut s = sim("");
    common::step_until(&mut s, 10, |_| {});
    s.perform(&Action::ControllerDown(Duration::from_secs(30)))
        .expect("down");
    s.add_node("worker-4", Default::default(), Vec::new())
        .expect("add");
    let registered = |s: &Simulation| {
        common::event_messages(s, "RegisteredNode")
            .iter()
            .any(|m| m.contains("worker-4"))
    };
    common::step_until(&mut s, 39, |_| {});
    assert_eq!(node(&s, "worker-4").spec.pod_cidr, "");
    assert!(!registered(&s));
    assert!(
        node(&s, "worker-4").internal_ip().is_some(),
        "its kubelet reports addresses"
    );
    common::step_until(&mut s, 41, |_| {});
    assert_eq!(node(&s, "worker-4").spec.pod_cidr, "10.244.4.0/24");
    assert!(registered(&s));
}

/// Pods bound meanwhile to such a node wait: its CNI plugin has no config without a range
/// (kubelet.go: NetworkNotReady), and they get addresses from it once it has one. Two nodes
/// joining then have their own addresses.
#[test]
fn pods_on_a_node_without_its_range_wait_for_the_network() {
    use ctrlscope::api::Duration;
    use ctrlscope::sim::scenario::Action;
    // New nodes keep the API server's not-ready:NoSchedule taint while the controller manager
    // (its node lifecycle controller lifts it) is down: these pods tolerate it.
    let job = JOB.replace(
        "      restartPolicy: Never",
        "      nodeSelector: {disk: ssd}\n      tolerations: [{key: node.kubernetes.io/not-ready, operator: Exists, effect: NoSchedule}]\n      restartPolicy: Never",
    );
    let mut s = sim(&job);
    common::step_until(&mut s, 10, |_| {});
    assert!(pods(&s).iter().all(|p| p.spec.node_name.is_empty()));
    s.perform(&Action::ControllerDown(Duration::from_secs(30)))
        .expect("down");
    let ssd = [("disk".to_string(), "ssd".to_string())]
        .into_iter()
        .collect();
    s.add_node("worker-4", ssd, Vec::new()).expect("add");
    s.add_node("worker-5", Default::default(), Vec::new())
        .expect("add");
    assert_ne!(
        node(&s, "worker-4").internal_ip(),
        node(&s, "worker-5").internal_ip()
    );
    common::step_until(&mut s, 39, |_| {});
    let on4: Vec<&Pod> = pods(&s)
        .into_iter()
        .filter(|p| p.spec.node_name == "worker-4")
        .collect();
    assert_eq!(on4.len(), 6, "bound by the scheduler, which runs on");
    assert!(on4
        .iter()
        .all(|p| p.status.pod_ip.is_empty() && p.status.phase == "Pending"));
    assert!(common::event_messages(&s, "NetworkNotReady")
        .iter()
        .any(|m| m.ends_with("cni plugin not initialized")));
    common::step_until(&mut s, 60, |_| {});
    let ips: Vec<String> = pods(&s)
        .iter()
        .filter(|p| p.spec.node_name == "worker-4")
        .map(|p| p.status.pod_ip.clone())
        .collect();
    assert!(
        !ips.is_empty() && ips.iter().all(|ip| ip.starts_with("10.244.4.")),
        "{ips:?}"
    );
}

#[test]
fn get_nodes_wide_and_describe_node_show_what_the_kubelet_reports() {
    let mut s = sim("");
    let out = console::run(&mut s, "get nodes -o wide").output;
    let mut lines = out.lines();
    assert_eq!(
        lines
            .next()
            .map(|l| l.split_whitespace().collect::<Vec<_>>()),
        Some(vec![
            "NAME",
            "STATUS",
            "ROLES",
            "AGE",
            "VERSION",
            "INTERNAL-IP",
            "EXTERNAL-IP",
            "OS-IMAGE",
            "KERNEL-VERSION",
            "CONTAINER-RUNTIME"
        ])
    );
    let worker = lines.find(|l| l.starts_with("worker-1")).expect("row");
    assert!(
        worker.contains("v1.34.0   172.18.0.3    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-88-generic   containerd://2.1.3"),
        "{worker}"
    );
    let described = console::run(&mut s, "describe node worker-3").output;
    for line in [
        "\nAddresses:\n  InternalIP:  172.18.0.5\n  Hostname:    worker-3\n",
        "\n  Operating System:           linux\n  Architecture:               amd64\n",
        "\n  Kubelet Version:            v1.34.0\n  Kube-Proxy Version:         \nPodCIDR:                      10.244.3.0/24\nPodCIDRs:                     10.244.3.0/24\n",
    ] {
        assert!(described.contains(line), "{line:?} in\n{described}");
    }
}

#[test]
fn pod_ips_come_from_the_node_range_round_robin_and_are_not_reused_while_in_use() {
    let mut s = sim(JOB);
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(300));
    let all = pods(&s);
    assert_eq!(all.len(), 12);
    for p in &all {
        let cidr = &node(&s, &p.spec.node_name).spec.pod_cidr;
        let prefix = cidr.strip_suffix("0/24").expect("a /24");
        assert!(
            p.status.pod_ip.starts_with(prefix),
            "{} on {} has {}",
            p.metadata.name,
            p.spec.node_name,
            p.status.pod_ip
        );
        assert_eq!(
            p.status.host_ip,
            node(&s, &p.spec.node_name).internal_ip().unwrap()
        );
    }
    // Round-robin: a node's pods got .2, .3, … in the order they started, none twice.
    for n in ["worker-1", "worker-2", "worker-3"] {
        let mut on: Vec<&&Pod> = all.iter().filter(|p| p.spec.node_name == n).collect();
        on.sort_by_key(|p| (p.status.start_time, p.metadata.name.clone()));
        let hosts: Vec<u8> = on
            .iter()
            .map(|p| p.status.pod_ip.rsplit('.').next().unwrap().parse().unwrap())
            .collect();
        let mut sorted = hosts.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), hosts.len(), "{n}: {hosts:?}");
        assert_eq!(sorted.first(), Some(&2), "{n}: {hosts:?}");
    }
}

#[test]
fn a_long_running_pod_keeps_its_address_while_others_cycle_through_the_range() {
    // One pod that runs for ever on worker-1 and 300 short ones after it on the same node:
    // the allocator wraps past .254 and skips the address still in use.
    let yaml = "\
apiVersion: v1
kind: Node
metadata:
  name: solo
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: agent:v1
---
apiVersion: batch/v1
kind: Job
metadata:
  name: churn
spec:
  parallelism: 3
  completions: 300
  template:
    metadata:
      annotations:
        sim.ctrlscope.dev/duration: 1s
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
";
    let objs = ctrlscope::manifest::parse_manifests(yaml).expect("parse");
    let mut s = Simulation::new(Default::default());
    for o in objs {
        s.apply(o).expect("apply");
    }
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(3600));
    let all = pods(&s);
    let agent = all
        .iter()
        .find(|p| p.metadata.name.starts_with("agent-"))
        .expect("agent pod");
    assert!(
        agent.status.pod_ip.starts_with("10.244.0."),
        "{}",
        agent.status.pod_ip
    );
    let churn: Vec<&&Pod> = all
        .iter()
        .filter(|p| p.metadata.name.starts_with("churn-"))
        .collect();
    assert_eq!(churn.len(), 300);
    assert!(churn.iter().all(|p| p.status.pod_ip != agent.status.pod_ip));
    // 253 addresses for 300 pods: the range wrapped.
    assert!(churn.iter().any(|p| p.status.pod_ip == "10.244.0.3"));
    assert!(churn.iter().any(|p| p.status.pod_ip == "10.244.0.254"));
}

#[test]
fn host_network_pods_have_their_node_address() {
    let yaml = "\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: exporter
spec:
  selector:
    matchLabels: {app: exporter}
  template:
    metadata:
      labels: {app: exporter}
    spec:
      hostNetwork: true
      containers:
      - name: exporter
        image: quay.io/prometheus/node-exporter:v1.8.0
";
    let mut s = sim(yaml);
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(30));
    let all = pods(&s);
    assert_eq!(all.len(), 3);
    for p in all {
        assert_eq!(p.status.pod_ip, p.status.host_ip);
        assert_eq!(
            Some(p.status.pod_ip.as_str()),
            node(&s, &p.spec.node_name).internal_ip()
        );
    }
}

fn condition_rows(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v["status"]["conditions"]
        .as_array()
        .expect("conditions")
        .iter()
        .map(|c| {
            (
                c["type"].as_str().unwrap_or_default().to_string(),
                c["status"].as_str().unwrap_or_default().to_string(),
                c["reason"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn rows(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

#[test]
fn pods_report_the_kubelets_five_conditions_in_its_order() {
    let yaml = "\
apiVersion: batch/v1
kind: Job
metadata:
  name: mixed
spec:
  completions: 2
  parallelism: 2
  completionMode: Indexed
  backoffLimit: 0
  template:
    metadata:
      annotations:
        sim.ctrlscope.dev/duration: 20s
        sim.ctrlscope.dev/exit-codes: \"0,1\"
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
";
    let mut s = sim(yaml);
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(5));
    let running = pods(&s)[0].clone();
    assert_eq!(running.status.phase, "Running");
    assert_eq!(
        condition_rows(&api_value(&running)),
        rows(&[
            ("PodReadyToStartContainers", "True", ""),
            ("Initialized", "True", ""),
            ("Ready", "True", ""),
            ("ContainersReady", "True", ""),
            ("PodScheduled", "True", ""),
        ])
    );
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(60));
    let by_phase = |phase: &str| {
        pods(&s)
            .into_iter()
            .find(|p| p.status.phase == phase)
            .cloned()
            .unwrap_or_else(|| panic!("a {phase} pod"))
    };
    assert_eq!(
        condition_rows(&api_value(&by_phase("Succeeded"))),
        rows(&[
            ("PodReadyToStartContainers", "False", ""),
            ("Initialized", "True", "PodCompleted"),
            ("Ready", "False", "PodCompleted"),
            ("ContainersReady", "False", "PodCompleted"),
            ("PodScheduled", "True", ""),
        ])
    );
    let failed = by_phase("Failed");
    assert_eq!(
        condition_rows(&api_value(&failed)),
        rows(&[
            ("PodReadyToStartContainers", "False", ""),
            ("Initialized", "True", ""),
            ("Ready", "False", "PodFailed"),
            ("ContainersReady", "False", "PodFailed"),
            ("PodScheduled", "True", ""),
        ])
    );
    let v = api_value(&failed);
    let cs = &v["status"]["containerStatuses"][0];
    assert!(cs["containerID"]
        .as_str()
        .is_some_and(|id| id.starts_with("containerd://") && id.len() == 13 + 64));
    assert!(cs["imageID"]
        .as_str()
        .is_some_and(|id| id.starts_with("docker.io/library/busybox@sha256:")));
    assert_eq!(cs["started"], false);
    assert_eq!(v["status"]["qosClass"], "BestEffort");
    assert_eq!(v["status"]["podIPs"][0]["ip"], v["status"]["podIP"]);
    assert_eq!(v["status"]["hostIPs"][0]["ip"], v["status"]["hostIP"]);
    let name = failed.metadata.name.clone();
    let described = console::run(&mut s, &format!("describe pod {name}")).output;
    assert!(
        described.contains(
            "Conditions:\n  Type                        Status\n  PodReadyToStartContainers   False \n  Initialized                 True \n  Ready                       False \n  ContainersReady             False \n  PodScheduled                True \n"
        ),
        "{described}"
    );
}

#[test]
fn a_pod_the_scheduler_could_not_place_has_only_its_condition() {
    let yaml = "\
apiVersion: batch/v1
kind: Job
metadata:
  name: nowhere
spec:
  template:
    spec:
      nodeSelector: {disk: none}
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
";
    let mut s = sim(yaml);
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(5));
    let p = pods(&s)[0].clone();
    assert_eq!(
        condition_rows(&api_value(&p)),
        rows(&[("PodScheduled", "False", "Unschedulable")])
    );
    // schedule_one.go handleSchedulingFailure: the condition's message is the FitError's.
    assert!(
        p.status.conditions[0]
            .message
            .starts_with("0/4 nodes are available: "),
        "{:?}",
        p.status.conditions
    );
}

fn pull_events(s: &Simulation, pod: &str) -> Vec<String> {
    s.cluster
        .events
        .iter()
        .filter(|e| e.name() == pod && matches!(&*e.reason, "Pulling" | "Pulled"))
        .map(|e| format!("{} {}", e.reason, e.message()))
        .collect()
}

/// The kubelet's image manager (pkg/kubelet/images/image_manager.go): IfNotPresent pulls an
/// image once per node, from the sandbox's start until the container is created; Always pulls
/// on every start; the messages are the kubelet's.
#[test]
fn images_are_pulled_per_node_as_the_pull_policy_says() {
    let yaml = "\
apiVersion: v1
kind: Node
metadata:
  name: solo
---
apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  completions: 2
  template:
    metadata:
      annotations:
        sim.ctrlscope.dev/duration: 5s
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
";
    let objs = ctrlscope::manifest::parse_manifests(yaml).expect("parse");
    let mut s = Simulation::new(Default::default());
    for o in objs {
        s.apply(o).expect("apply");
    }
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(60));
    let mut names: Vec<(Option<ctrlscope::api::Time>, String)> = pods(&s)
        .iter()
        .map(|p| (p.metadata.creation_timestamp, p.metadata.name.clone()))
        .collect();
    names.sort();
    assert_eq!(
        pull_events(&s, &names[0].1),
        [
            "Pulling Pulling image \"busybox:1.36\"",
            "Pulled Successfully pulled image \"busybox:1.36\" in 1s (1s including waiting). Image size: 2160613 bytes."
        ]
    );
    assert_eq!(
        pull_events(&s, &names[1].1),
        ["Pulled Container image \"busybox:1.36\" already present on machine"]
    );
    // Always (the default for an untagged image): every start pulls, a cached one quickly.
    let yaml = "\
apiVersion: batch/v1
kind: Job
metadata:
  name: again
spec:
  backoffLimit: 2
  template:
    metadata:
      annotations:
        sim.ctrlscope.dev/duration: 2s
        sim.ctrlscope.dev/exit-codes: \"1,0\"
    spec:
      restartPolicy: OnFailure
      containers:
      - name: c
        image: ubuntu
";
    let mut s = sim(yaml);
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(60));
    let pod = pods(&s)[0].metadata.name.clone();
    assert_eq!(
        pull_events(&s, &pod),
        [
            "Pulling Pulling image \"ubuntu\"",
            "Pulled Successfully pulled image \"ubuntu\" in 1s (1s including waiting). Image size: 29754422 bytes.",
            "Pulling Pulling image \"ubuntu\"",
            "Pulled Successfully pulled image \"ubuntu\" in 412ms (412ms including waiting). Image size: 29754422 bytes.",
        ]
    );
}

/// Every container gets the image manager's and runtime's Events, in turn
/// (kuberuntime_container.go startContainer); `imagePullPolicy: Never` with an image the node
/// lacks leaves the pod waiting with ErrImageNeverPull (image_manager.go).
#[test]
fn each_container_is_pulled_created_and_started_and_never_means_never() {
    let yaml = "\
apiVersion: batch/v1
kind: Job
metadata:
  name: two
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: a
        image: busybox:1.36
      - name: b
        image: alpine:3.20
";
    let mut s = sim(yaml);
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(10));
    let pod = pods(&s)[0].metadata.name.clone();
    let reasons: Vec<String> = s
        .cluster
        .events
        .iter()
        .filter(|e| e.name() == pod && e.reason.as_ref() != "Scheduled")
        .map(|e| {
            format!(
                "{} {}",
                e.reason,
                e.message().split('"').nth(1).unwrap_or(e.message())
            )
        })
        .collect();
    assert_eq!(
        reasons,
        [
            "Pulling busybox:1.36",
            "Pulling alpine:3.20",
            "Pulled busybox:1.36",
            "Created Created container: a",
            "Started Started container a",
            "Pulled alpine:3.20",
            "Created Created container: b",
            "Started Started container b",
        ]
    );
    let never = yaml.replace(
        "        image: busybox:1.36\n",
        "        image: busybox:1.36\n        imagePullPolicy: Never\n",
    );
    let mut s = sim(&never);
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(30));
    let p = pods(&s)[0].clone();
    assert_eq!(p.status.phase, "Pending");
    assert_eq!(
        p.status.container_statuses[0]
            .state
            .waiting
            .as_ref()
            .map(|w| w.reason.as_str()),
        Some("ErrImageNeverPull")
    );
    assert!(s
        .cluster
        .events
        .iter()
        .any(|e| e.reason.as_ref() == "ErrImageNeverPull"
            && e.message()
                == "Container image \"busybox:1.36\" is not present with pull policy of Never"));
    // kuberuntime_container.go startContainer records the failed EnsureImageExists too.
    assert!(s
        .cluster
        .events
        .iter()
        .any(|e| e.reason.as_ref() == "Failed"
            && e.type_ == "Warning"
            && e.message() == "Error: ErrImageNeverPull"));
}

/// image_manager.go EnsureImageExists → applyDefaultImageTag: an image the API server accepts
/// but distribution/reference cannot read (capitals in the repository) never starts; the pod
/// has its sandbox (IP) and waits in InvalidImageName with the parser's words.
#[test]
fn an_image_with_capitals_waits_in_invalid_image_name() {
    let yaml = JOB.replace("image: busybox:1.36", "image: BusyBox:latest");
    assert!(yaml.contains("BusyBox:latest"));
    let mut s = sim(&yaml);
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(60));
    let p = pods(&s)[0].clone();
    assert_eq!(p.status.phase, "Pending");
    assert!(!p.status.pod_ip.is_empty());
    let w = p.status.container_statuses[0].state.waiting.clone();
    let msg = "Failed to apply default image tag \"BusyBox:latest\": couldn't parse image name \"BusyBox:latest\": invalid reference format: repository name (library/BusyBox) must be lowercase";
    assert_eq!(
        w.map(|w| (w.reason, w.message)),
        Some(("InvalidImageName".to_string(), msg.to_string()))
    );
    let said: Vec<(String, String)> = s
        .cluster
        .events
        .iter()
        .filter(|e| e.name() == p.metadata.name && e.reason.as_ref() != "Scheduled")
        .map(|e| (e.reason.to_string(), e.message().to_string()))
        .collect();
    // Said at the start, then at each retried pod sync (every 10 s, pod_workers.go).
    let pair = [
        ("InspectFailed".to_string(), msg.to_string()),
        ("Failed".to_string(), "Error: InvalidImageName".to_string()),
    ];
    assert_eq!(said.len(), 2 * 7, "{said:?}");
    assert!(said.chunks(2).all(|c| c == pair), "{said:?}");
    let out = console::run(&mut s, "describe pods");
    assert!(
        out.output.contains(
            "Warning  Failed         0s (x7 over 60s)  kubelet            Error: InvalidImageName"
        ),
        "{}",
        out.output
    );
    let out = console::run(&mut s, "get pods");
    assert!(
        out.output.contains("0/1     InvalidImageName"),
        "{}",
        out.output
    );
}

/// validation.go validateContainersOnlyForPod: an image with spaces around it passes in a Job's
/// template but its pods are refused (FailedCreate with the API server's Invalid cause).
#[test]
fn an_image_with_surrounding_spaces_is_refused_on_the_pod() {
    let yaml = JOB.replace("image: busybox:1.36", "image: \"busybox \"");
    assert!(yaml.contains("\"busybox \""));
    let mut s = sim(&yaml);
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(5));
    assert!(pods(&s).is_empty());
    let failed: Vec<String> = s
        .cluster
        .events
        .iter()
        .filter(|e| e.reason.as_ref() == "FailedCreate")
        .map(|e| e.message().to_string())
        .collect();
    assert!(
        failed.first().is_some_and(|m| m.starts_with("Error creating: Pod \"work-")
            && m.ends_with(
                "\" is invalid: spec.containers[0].image: Invalid value: \"busybox \": must not have leading or trailing whitespace"
            )),
        "{failed:?}"
    );
}

/// A container that starts after an init container is held too when its image cannot be used
/// (it does not run, nor claim its image is present), and the pod's STATUS names the reason of
/// a main container's image (printPod reads the waiting reasons).
#[test]
fn a_later_containers_unusable_image_holds_the_pod() {
    let init = JOB.replace(
        "      containers:\n      - name: work\n        image: busybox:1.36\n",
        "      initContainers:\n      - name: setup\n        image: busybox:1.36\n      containers:\n      - name: work\n        image: never-here:1\n        imagePullPolicy: Never\n",
    );
    assert_ne!(init, JOB);
    let mut s = sim(&init);
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(30));
    let p = pods(&s)[0].clone();
    assert_eq!(p.status.phase, "Pending");
    let reasons: Vec<&str> = s
        .cluster
        .events
        .iter()
        .filter(|e| e.name() == p.metadata.name)
        .map(|e| e.reason.as_ref())
        .collect();
    assert_eq!(reasons[..3], ["Scheduled", "ErrImageNeverPull", "Failed"]);
    assert_eq!(reasons.len(), 1 + 2 * 4, "{reasons:?}");
    let two = JOB.replace(
        "        image: busybox:1.36\n",
        "        image: busybox:1.36\n      - name: bad\n        image: Alpine\n",
    );
    let mut s = sim(&two);
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(30));
    let out = console::run(&mut s, "get pods");
    assert!(
        out.output.contains("0/2     InvalidImageName"),
        "{}",
        out.output
    );
}

/// node_lifecycle_controller.go: a restarted controller's node set starts empty, so it records
/// RegisteredNode for every node again at its first pass.
#[test]
fn a_restarted_controller_manager_registers_every_node_again() {
    let mut s = sim(JOB);
    let registered = |s: &Simulation| {
        s.cluster
            .events
            .iter()
            .filter(|e| e.reason.as_ref() == "RegisteredNode")
            .count()
    };
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(20));
    let before = registered(&s);
    s.controller_down(ctrlscope::api::Duration::from_secs(60));
    s.run_until(s.cluster.start + ctrlscope::api::Duration::from_secs(100));
    assert_eq!(registered(&s), before + 4);
}
