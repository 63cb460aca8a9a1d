//! The kinds without a describer of their own (ControllerRevision, Event) through kubectl's
//! generic describer (describe.go `GenericDescriberFor`, `genericDescriber.Describe`), and the
//! scheduler's events.k8s.io Events as every kubectl view reads them back through core/v1
//! (pkg/apis/events/v1/conversion.go `Convert_v1_Event_To_core_Event`).

use super::tests::cluster;
use super::*;
use crate::api::Duration;

const DS: &str = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds\nspec:\n  selector:\n    matchLabels: {app: ds}\n  template:\n    metadata:\n      labels: {app: ds}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n";

fn ds_at(secs: i64) -> Simulation {
    let mut s = cluster(DS);
    let t = s.now() + Duration::from_secs(secs);
    s.run_until(t);
    s
}

fn revision(s: &Simulation) -> String {
    s.cluster
        .store
        .list::<crate::api::ControllerRevision>()
        .map(|r| r.metadata.name.clone())
        .next()
        .unwrap_or_default()
}

/// The name of the first stored Event with this reason.
fn event_named(s: &Simulation, reason: &str) -> String {
    s.cluster
        .all_events()
        .into_iter()
        .find(|e| e.reason == reason)
        .map(|e| e.metadata.name)
        .unwrap_or_default()
}

/// genericDescriber.Describe: Name, Namespace, Labels, Annotations, then printUnstructuredContent
/// of every other field (sorted; maps and lists a level deeper; `smartLabelFor` labels), then
/// `Events:  <none>`.
#[test]
fn generic_describer_describes_a_controllerrevision() {
    let mut s = ds_at(60);
    let name = revision(&s);
    let r = run(&mut s, &format!("describe controllerrevision {name}"));
    assert!(!r.error, "{}", r.output);
    let uid = |kind: Kind, n: &str| {
        match kind {
            Kind::DaemonSet => s
                .cluster
                .store
                .get::<crate::api::DaemonSet>(n)
                .map(|o| o.metadata.uid.clone()),
            _ => s
                .cluster
                .store
                .get::<crate::api::ControllerRevision>(n)
                .map(|o| o.metadata.uid.clone()),
        }
        .unwrap_or_default()
    };
    let rv = s
        .cluster
        .store
        .get::<crate::api::ControllerRevision>(&name)
        .map(|o| o.metadata.resource_version.clone())
        .unwrap_or_default();
    let hash = name.trim_start_matches("ds-");
    let want = format!(
        "Name:         {name}
Namespace:    default
Labels:       app=ds
              controller-revision-hash={hash}
Annotations:  deprecated.daemonset.template.generation: 1
API Version:  apps/v1
Data:
  Spec:
    Template:
      $patch:  replace
      Metadata:
        Labels:
          App:  ds
      Spec:
        Containers:
          Image:              nginx
          Image Pull Policy:  Always
          Name:               c
          Resources:
          Termination Message Path:    /dev/termination-log
          Termination Message Policy:  File
        Dns Policy:                    ClusterFirst
        Restart Policy:                Always
        Scheduler Name:                default-scheduler
        Security Context:
        Termination Grace Period Seconds:  30
Kind:                                      ControllerRevision
Metadata:
  Creation Timestamp:  2026-01-01T00:00:00Z
  Owner References:
    API Version:           apps/v1
    Block Owner Deletion:  true
    Controller:            true
    Kind:                  DaemonSet
    Name:                  ds
    UID:                   {ds_uid}
  Resource Version:        {rv}
  UID:                     {cr_uid}
Revision:                  1
Events:                    <none>
",
        ds_uid = uid(Kind::DaemonSet, "ds"),
        cr_uid = uid(Kind::ControllerRevision, &name),
    );
    assert_eq!(r.output, want);
    // The same through `TYPE/NAME`, the short name, the name prefix and a selector.
    for cmd in [
        format!("describe controllerrevision/{name}"),
        "describe controllerrevisions ds".to_string(),
        "describe controllerrevisions -l app=ds".to_string(),
        "describe controllerrevisions".to_string(),
    ] {
        let r = run(&mut s, &cmd);
        assert_eq!(r.output, want, "{cmd}");
    }
}

/// describe.go Run: none found, or a name not found, as for the other kinds.
#[test]
fn generic_describer_finds_nothing_as_kubectl_does() {
    let mut s = ds_at(60);
    let r = run(&mut s, "describe controllerrevisions -l app=nope");
    assert_eq!(
        (r.output.as_str(), r.error),
        ("No resources found in default namespace.", false)
    );
    let r = run(&mut s, "describe controllerrevision nope");
    assert_eq!(
        (r.output.as_str(), r.error),
        (
            "Error from server (NotFound): controllerrevisions.apps \"nope\" not found",
            true
        )
    );
    let r = run(&mut s, "describe ev nope");
    assert_eq!(
        (r.output.as_str(), r.error),
        (
            "Error from server (NotFound): events \"nope\" not found",
            true
        )
    );
    let r = run(&mut s, "describe events -n kube-system");
    assert_eq!(
        (r.output.as_str(), r.error),
        ("No resources found in kube-system namespace.", false)
    );
}

/// An Event through the generic describer: the scheduler's shows its events.k8s.io fields
/// (Action, Event Time) and the null deprecated ones as `<nil>` and `Source:` empty; a
/// kubelet's its count, timestamps and source, and `Event Time:  <nil>`.
#[test]
fn generic_describer_describes_events() {
    let mut s = ds_at(60);
    let name = event_named(&s, "Scheduled");
    let r = run(&mut s, &format!("describe events {name}"));
    assert!(!r.error, "{}", r.output);
    let lines: Vec<&str> = r.output.lines().collect();
    let pod = name.split('.').next().unwrap_or("");
    assert_eq!(
        lines.get(..9).unwrap_or_default(),
        [
            format!("Name:             {name}").as_str(),
            "Namespace:        default",
            "Labels:           <none>",
            "Annotations:      <none>",
            "Action:           Binding",
            "API Version:      v1",
            "Event Time:       2026-01-01T00:00:00.000000Z",
            "First Timestamp:  <nil>",
            "Involved Object:",
        ]
    );
    assert_eq!(
        lines.get(14..).unwrap_or_default(),
        [
            "Kind:            Event",
            "Last Timestamp:  <nil>",
            format!("Message:         Successfully assigned default/{pod} to worker-3").as_str(),
            "Metadata:",
            "  Creation Timestamp:  2026-01-01T00:00:00Z",
            "Reason:                Scheduled",
            "Reporting Component:   default-scheduler",
            "Reporting Instance:    default-scheduler-control-plane",
            "Source:",
            "Type:    Normal",
            "Events:  <none>",
        ]
    );
    let name = event_named(&s, "Pulling");
    let r = run(&mut s, &format!("describe ev {name}"));
    for line in [
        "Count:            1",
        "Event Time:       <nil>",
        "First Timestamp:  2026-01-01T00:00:00Z",
        "Last Timestamp:  2026-01-01T00:00:00Z",
        "Source:\n  Component:  kubelet\n  Host:       worker-3\n",
    ] {
        assert!(r.output.contains(line), "{line:?} in\n{}", r.output);
    }
    // A name prefix describes each Event whose name starts with it, two blank lines apart.
    let r = run(&mut s, &format!("describe events {pod}"));
    let described = r.output.lines().filter(|l| l.starts_with("Name:")).count();
    assert_eq!(described, 5, "{}", r.output);
    assert_eq!(r.output.matches("\n\n\nName:").count(), 4);
}

/// The scheduler's Event read back through core/v1: `firstTimestamp: null`, `lastTimestamp:
/// null`, `source: {}`, no `count`; `eventTime`, `action`, `reportingComponent` and
/// `reportingInstance` set.
#[test]
fn scheduler_events_read_back_through_core_v1() {
    let mut s = ds_at(60);
    let name = event_named(&s, "Scheduled");
    let r = run(&mut s, &format!("get event {name} -o yaml"));
    let pod = name.split('.').next().unwrap_or("");
    assert_eq!(
        r.output,
        format!(
            "action: Binding
apiVersion: v1
eventTime: \"2026-01-01T00:00:00.000000Z\"
firstTimestamp: null
involvedObject:
  apiVersion: v1
  kind: Pod
  name: {pod}
  namespace: default
  uid: {uid}
kind: Event
lastTimestamp: null
message: Successfully assigned default/{pod} to worker-3
metadata:
  creationTimestamp: \"2026-01-01T00:00:00Z\"
  name: {name}
  namespace: default
reason: Scheduled
reportingComponent: default-scheduler
reportingInstance: default-scheduler-control-plane
source: {{}}
type: Normal",
            uid = s
                .cluster
                .store
                .get::<crate::api::Pod>(pod)
                .map(|p| p.metadata.uid.clone())
                .unwrap_or_default()
        )
    );
    // custom_column_printer.go printOneObject: a null is `<nil>`, a missing key `<none>`.
    let r = run(
        &mut s,
        &format!("get event {name} -o custom-columns=F:.firstTimestamp,C:.count,S:.source.component,E:.eventTime"),
    );
    assert_eq!(
        r.output,
        "F       C        S        E\n<nil>   <none>   <none>   2026-01-01T00:00:00.000000Z"
    );
    let r = run(
        &mut s,
        &format!("get event {name} -o jsonpath={{.firstTimestamp}}/{{.reportingComponent}}"),
    );
    // jsonpath.go evalToText: a null prints as `null`.
    assert_eq!(r.output, "null/default-scheduler");
    // The tables read eventTime (printers.go printEvent): LAST SEEN and FIRST SEEN from it,
    // COUNT 1, SOURCE from reportingController and reportingInstance.
    let r = run(&mut s, &format!("get event {name} -o wide --no-headers"));
    assert_eq!(
        r.output,
        format!("60s   Normal   Scheduled   pod/{pod}         default-scheduler, default-scheduler-control-plane   Successfully assigned default/{pod} to worker-3   60s   1     {name}")
    );
}
