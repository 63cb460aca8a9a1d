//! A kubectl command line over the simulation, for the UI's console and for course authors:
//! `get`, `describe`, `logs`, `delete`, `rollout status`, `cordon`/`uncordon`, `taint`.
//! Answers use kubectl's own words, tables come from the printers in this module.

use super::{
    describe_cronjob, describe_daemonset, describe_job, describe_node, describe_pod,
    get_controllerrevisions, get_cronjobs, get_daemonsets, get_events, get_jobs, get_nodes,
    get_pods, rollout_status,
};
use crate::api::{ControllerRevision, CronJob, DaemonSet, Event, Job, Kind, Node, Pod, Taint};
use crate::sim::kubectl_resource;
use crate::sim::logs::{container_logs, split_words};
use crate::sim::scenario::Action;
use crate::sim::Simulation;

/// What a command printed, and the cluster change it made (for the UI to record and replay).
#[derive(Clone, Debug, PartialEq)]
pub struct ConsoleResult {
    pub output: String,
    pub error: bool,
    pub action: Option<Action>,
}

fn ok(output: String) -> ConsoleResult {
    ConsoleResult {
        output,
        error: false,
        action: None,
    }
}

fn err(output: String) -> ConsoleResult {
    ConsoleResult {
        output,
        error: true,
        action: None,
    }
}

const HELP: &str = "\
kubectl controls the simulated cluster.

 get TYPE[,TYPE] [NAME] [-o wide|yaml|json|name]   TYPE: pods jobs cronjobs daemonsets nodes events controllerrevisions all
 describe TYPE NAME | TYPE/NAME
 logs POD | job/NAME
 delete TYPE NAME | TYPE/NAME
 rollout status ds/NAME
 cordon NODE | uncordon NODE
 taint nodes NODE key[=value]:Effect[-]
 (apply: edit the YAML and press Apply, or Ctrl+Enter)";

/// Runs one command line (with or without the leading `kubectl`).
pub fn run(sim: &mut Simulation, line: &str) -> ConsoleResult {
    let words = split_words(line);
    let mut words: Vec<&str> = words.iter().map(String::as_str).collect();
    if matches!(words.first(), Some(&"kubectl") | Some(&"k")) {
        words.remove(0);
    }
    let Some((&cmd, rest)) = words.split_first() else {
        return ok(String::new());
    };
    let mut flags = Flags::default();
    let mut args: Vec<&str> = Vec::new();
    let mut it = rest.iter();
    while let Some(&w) = it.next() {
        match w {
            "-o" | "--output" => flags.output = it.next().map(|s| s.to_string()),
            "-n" | "--namespace" => flags.namespace = it.next().map(|s| s.to_string()),
            "-A" | "--all-namespaces" => flags.all_namespaces = true,
            "-w" | "--watch" | "--previous" | "-p" => {}
            "-c" | "--container" => {
                it.next();
            }
            w if w.starts_with("-o") && w.len() > 2 => {
                flags.output = Some(
                    w.trim_start_matches("-o")
                        .trim_start_matches('=')
                        .to_string(),
                )
            }
            w if w.starts_with("--output=") => {
                flags.output = Some(w["--output=".len()..].to_string())
            }
            w if w.starts_with("--namespace=") => {
                flags.namespace = Some(w["--namespace=".len()..].to_string())
            }
            w if w.starts_with("--container=") => {}
            w if w.starts_with('-') => {
                return err(format!(
                    "error: unknown flag: {w}\nSee 'kubectl {cmd} --help' for usage."
                ))
            }
            w => args.push(w),
        }
    }
    match cmd {
        "get" => get(sim, &args, &flags),
        "describe" => describe(sim, &args),
        "logs" | "log" => logs(sim, &args),
        "delete" => delete(sim, &args),
        "rollout" => rollout(sim, &args),
        "cordon" | "uncordon" => cordon(sim, cmd, &args),
        "taint" => taint(sim, &args),
        "apply" | "create" | "edit" => err("error: in CtrlScope, apply from the editor: change the YAML and press Apply (Ctrl+Enter)".into()),
        "version" => ok("Client Version: v1.34.0\nServer Version: v1.34.0 (CtrlScope simulation)".into()),
        "help" | "--help" | "-h" => ok(HELP.into()),
        other => err(format!("error: unknown command {other:?} for \"kubectl\"\nRun 'kubectl --help' for usage.")),
    }
}

#[derive(Default)]
struct Flags {
    output: Option<String>,
    namespace: Option<String>,
    all_namespaces: bool,
}

impl Flags {
    /// Lists show one namespace (`default` unless `-n`), or all with `-A`. Nodes have none.
    /// (Named lookups find an object in any namespace: names are unique in the simulation.)
    fn shows(&self, namespace: &str) -> bool {
        self.all_namespaces
            || namespace.is_empty()
            || namespace == self.namespace.as_deref().unwrap_or("default")
    }

    fn namespace(&self) -> &str {
        self.namespace.as_deref().unwrap_or("default")
    }
}

/// A resource type as kubectl accepts it.
fn resource(word: &str) -> Option<Kind> {
    Kind::parse(word.split('.').next().unwrap_or(word))
}

/// `TYPE NAME` or `TYPE/NAME`.
fn type_and_name<'a>(args: &[&'a str]) -> Result<(Kind, Option<&'a str>), String> {
    let Some(first) = args.first() else {
        return Err("error: You must specify the type of resource to get.".into());
    };
    let (t, name) = match first.split_once('/') {
        Some((t, n)) => (t, Some(n)),
        None => (*first, args.get(1).copied()),
    };
    let kind = resource(t)
        .ok_or_else(|| format!("error: the server doesn't have a resource type {t:?}"))?;
    Ok((kind, name))
}

fn not_found(kind: Kind, name: &str) -> ConsoleResult {
    let plural = format!("{}s", kind.as_str().to_ascii_lowercase());
    let group = match kind {
        Kind::Job | Kind::CronJob => ".batch",
        Kind::DaemonSet | Kind::ControllerRevision => ".apps",
        _ => "",
    };
    err(format!(
        "Error from server (NotFound): {plural}{group} {name:?} not found"
    ))
}

fn get(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let Some(types) = args.first() else {
        return err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.".into());
    };
    let (types, name) = match types.split_once('/') {
        Some((t, n)) => (t.to_string(), Some(n)),
        None => (types.to_string(), args.get(1).copied()),
    };
    let mut kinds = Vec::new();
    for t in types.split(',') {
        if t == "all" {
            kinds.extend([Kind::Pod, Kind::DaemonSet, Kind::Job, Kind::CronJob]);
            continue;
        }
        match resource(t) {
            Some(k) => kinds.push(k),
            None => {
                return err(format!(
                    "error: the server doesn't have a resource type {t:?}"
                ))
            }
        }
    }
    let output = flags.output.as_deref().unwrap_or("");
    if !matches!(output, "" | "wide" | "yaml" | "json" | "name") {
        return err(format!("error: unable to match a printer suitable for the output format {output:?}, allowed formats are: json,name,wide,yaml"));
    }
    let now = sim.now();
    let wide = output == "wide";
    let mut sections: Vec<String> = Vec::new();
    let mut objects: Vec<serde_json::Value> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for kind in kinds {
        let row_namespaces: Vec<String>;
        macro_rules! pick {
            ($t:ty) => {{
                let mut v: Vec<&$t> = sim
                    .cluster
                    .store
                    .list::<$t>()
                    .filter(|o| match name {
                        Some(n) => o.metadata.name == n,
                        None => flags.shows(&o.metadata.namespace),
                    })
                    .collect();
                if let Some(n) = name {
                    if v.is_empty() {
                        return not_found(kind, n);
                    }
                }
                // -A lists by namespace, then name.
                crate::sort::sort_by(&mut v, |a, b| {
                    (
                        flags.all_namespaces.then_some(&a.metadata.namespace),
                        &a.metadata.name,
                    )
                        .cmp(&(
                            flags.all_namespaces.then_some(&b.metadata.namespace),
                            &b.metadata.name,
                        ))
                });
                row_namespaces = v.iter().map(|o| o.metadata.namespace.clone()).collect();
                objects.extend(
                    v.iter()
                        .map(|o| serde_json::to_value(o).unwrap_or_default()),
                );
                names.extend(
                    v.iter()
                        .map(|o| format!("{}/{}", kubectl_resource(kind), o.metadata.name)),
                );
                v
            }};
        }
        let table = match kind {
            Kind::Pod => {
                let v = pick!(Pod);
                get_pods(&v, now, wide)
            }
            Kind::Job => {
                let v = pick!(Job);
                get_jobs(&v, now, wide)
            }
            Kind::CronJob => {
                let v = pick!(CronJob);
                get_cronjobs(&v, now, wide)
            }
            Kind::DaemonSet => {
                let v = pick!(DaemonSet);
                get_daemonsets(&v, now, wide)
            }
            Kind::Node => {
                let v = pick!(Node);
                get_nodes(&v, now)
            }
            Kind::ControllerRevision => {
                let v = pick!(ControllerRevision);
                get_controllerrevisions(&v, now)
            }
            Kind::Event => {
                let all: Vec<Event> = sim.cluster.all_events();
                let v: Vec<&Event> = all
                    .iter()
                    .filter(|e| flags.shows(&e.metadata.namespace))
                    .collect();
                row_namespaces = v.iter().map(|e| e.metadata.namespace.clone()).collect();
                objects.extend(
                    v.iter()
                        .map(|e| serde_json::to_value(e).unwrap_or_default()),
                );
                names.extend(v.iter().map(|e| format!("event/{}", e.metadata.name)));
                get_events(&v, now)
            }
        };
        if !table.is_empty() {
            let namespaced = kind != Kind::Node;
            sections.push(if flags.all_namespaces && namespaced {
                with_namespace_column(&table, &row_namespaces)
            } else {
                table
            });
        }
    }
    match output {
        "json" | "yaml" => {
            let doc = if name.is_some() && objects.len() == 1 {
                objects.remove(0)
            } else {
                serde_json::json!({"apiVersion": "v1", "items": objects, "kind": "List", "metadata": {"resourceVersion": ""}})
            };
            ok(if output == "json" {
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            } else {
                super::yaml::to_yaml(&doc)
            })
        }
        "name" => ok(names.join("\n")),
        _ if sections.is_empty() && flags.all_namespaces => ok("No resources found".into()),
        _ if sections.is_empty() => ok(format!(
            "No resources found in {} namespace.",
            flags.namespace()
        )),
        _ => ok(sections
            .iter()
            .map(|s| s.trim_end())
            .collect::<Vec<_>>()
            .join("\n\n")),
    }
}

/// `-A`: kubectl's NAMESPACE first column, padded like the rest (tabwriter padding 3).
fn with_namespace_column(table: &str, namespaces: &[String]) -> String {
    let width = namespaces
        .iter()
        .map(|n| n.chars().count())
        .chain(["NAMESPACE".len()])
        .max()
        .unwrap_or(9)
        + 3;
    let mut out = String::new();
    for (i, line) in table.lines().enumerate() {
        let ns = if i == 0 {
            "NAMESPACE"
        } else {
            namespaces.get(i - 1).map(String::as_str).unwrap_or("")
        };
        out.push_str(&format!("{ns:<width$}{line}\n"));
    }
    out
}

fn describe(sim: &mut Simulation, args: &[&str]) -> ConsoleResult {
    let (kind, name) = match type_and_name(args) {
        Ok(x) => x,
        Err(e) => return err(e),
    };
    let names: Vec<String> = match name {
        Some(n) => vec![n.to_string()],
        None => match kind {
            Kind::Pod => names_of::<Pod>(sim),
            Kind::Job => names_of::<Job>(sim),
            Kind::CronJob => names_of::<CronJob>(sim),
            Kind::DaemonSet => names_of::<DaemonSet>(sim),
            Kind::Node => names_of::<Node>(sim),
            _ => Vec::new(),
        },
    };
    if names.is_empty() {
        return ok("No resources found in default namespace.".into());
    }
    let mut out = Vec::new();
    for n in names {
        match describe_one(sim, kind, &n) {
            Ok(s) => out.push(s),
            Err(e) => return *e,
        }
    }
    ok(out.join("\n\n"))
}

fn names_of<R: crate::sim::store::Resource>(sim: &Simulation) -> Vec<String> {
    sim.cluster
        .store
        .list::<R>()
        .map(|o| o.meta().name.clone())
        .collect()
}

fn describe_one(sim: &Simulation, kind: Kind, name: &str) -> Result<String, Box<ConsoleResult>> {
    let now = sim.now();
    let owned = sim.cluster.events_for(kind, name);
    let events: Vec<&Event> = owned.iter().collect();
    let store = &sim.cluster.store;
    Ok(match kind {
        Kind::Job => {
            let j = store
                .get::<Job>(name)
                .ok_or_else(|| Box::new(not_found(kind, name)))?;
            describe_job(j, &store.dependents::<Pod>(&j.metadata.uid), &events, now)
        }
        Kind::CronJob => {
            let c = store
                .get::<CronJob>(name)
                .ok_or_else(|| Box::new(not_found(kind, name)))?;
            describe_cronjob(c, &store.dependents::<Job>(&c.metadata.uid), &events, now)
        }
        Kind::DaemonSet => {
            let d = store
                .get::<DaemonSet>(name)
                .ok_or_else(|| Box::new(not_found(kind, name)))?;
            describe_daemonset(d, &store.dependents::<Pod>(&d.metadata.uid), &events, now)
        }
        Kind::Pod => {
            let p = store
                .get::<Pod>(name)
                .ok_or_else(|| Box::new(not_found(kind, name)))?;
            describe_pod(p, &events, now)
        }
        Kind::Node => {
            let n = store
                .get::<Node>(name)
                .ok_or_else(|| Box::new(not_found(kind, name)))?;
            let pods: Vec<&Pod> = store.list::<Pod>().collect();
            describe_node(n, &pods, &events, now)
        }
        _ => {
            return Err(Box::new(err(format!(
                "error: describe is not supported for {kind} here"
            ))))
        }
    })
}

fn logs(sim: &mut Simulation, args: &[&str]) -> ConsoleResult {
    let Some(target) = args.first() else {
        return err("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command".into());
    };
    let store = &sim.cluster.store;
    let pod = match target.split_once('/') {
        Some(("job" | "jobs" | "job.batch", name)) => {
            let Some(job) = store.get::<Job>(name) else {
                return not_found(Kind::Job, name);
            };
            let mut pods = store.dependents::<Pod>(&job.metadata.uid);
            crate::sort::sort_by(&mut pods, |a, b| {
                a.metadata
                    .creation_timestamp
                    .cmp(&b.metadata.creation_timestamp)
                    .then(a.metadata.name.cmp(&b.metadata.name))
            });
            match pods.first() {
                Some(p) => *p,
                None => {
                    return err(format!(
                        "error: timed out waiting for the condition on jobs/{name}"
                    ))
                }
            }
        }
        Some(("pod" | "pods" | "po", name)) => match store.get::<Pod>(name) {
            Some(p) => p,
            None => return not_found(Kind::Pod, name),
        },
        Some((t, _)) => {
            return err(format!(
                "error: cannot get the logs from {t}: selector for {t} not implemented"
            ))
        }
        None => match store.get::<Pod>(target) {
            Some(p) => p,
            None => return not_found(Kind::Pod, target),
        },
    };
    match container_logs(pod) {
        Ok(s) => ok(s.trim_end_matches('\n').to_string()),
        Err(e) => err(format!("Error from server (BadRequest): {e}")),
    }
}

fn delete(sim: &mut Simulation, args: &[&str]) -> ConsoleResult {
    let (kind, name) = match type_and_name(args) {
        Ok((k, Some(n))) => (k, n),
        Ok((_, None)) => {
            return err("error: resource(s) were provided, but no name was specified".into())
        }
        Err(e) => return err(e),
    };
    let action = match kind {
        Kind::Pod => Action::DeletePod(name.to_string()),
        Kind::Node => Action::RemoveNode(name.to_string()),
        Kind::Job | Kind::CronJob | Kind::DaemonSet => Action::Delete(kind, name.to_string()),
        _ => {
            return err(format!(
                "error: deleting {} objects is not supported here",
                kind.as_str()
            ))
        }
    };
    perform(
        sim,
        action,
        |_| format!("{} {name:?} deleted", kubectl_resource(kind)),
        kind,
        name,
    )
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
        },
        Err(e) if e.contains("not found") || e.starts_with("no pod matches") => {
            not_found(kind, name)
        }
        Err(e) => err(format!("error: {e}")),
    }
}

fn rollout(sim: &mut Simulation, args: &[&str]) -> ConsoleResult {
    match args.first() {
        Some(&"status") => {}
        Some(other) => {
            return err(format!(
                "error: unknown command {other:?} for \"kubectl rollout\""
            ))
        }
        None => return err("error: required subcommand: status".into()),
    }
    let (kind, name) = match type_and_name(&args[1..]) {
        Ok((k, Some(n))) => (k, n),
        Ok((_, None)) => return err("error: required resource name not specified".into()),
        Err(e) => return err(e),
    };
    if kind != Kind::DaemonSet {
        return err(format!(
            "error: no status viewer has been implemented for {}",
            kind.as_str()
        ));
    }
    match sim.cluster.store.get::<DaemonSet>(name) {
        Some(ds) => {
            let (msg, _) = rollout_status(ds);
            ConsoleResult {
                error: msg.starts_with("error:"),
                output: msg,
                action: None,
            }
        }
        None => not_found(kind, name),
    }
}

fn cordon(sim: &mut Simulation, cmd: &str, args: &[&str]) -> ConsoleResult {
    let Some(&node) = args.first() else {
        return err(format!("error: USAGE: {cmd} NODE [flags]"));
    };
    if sim.cluster.store.get::<Node>(node).is_none() {
        return not_found(Kind::Node, node);
    }
    let action = if cmd == "cordon" {
        Action::Cordon(node.into())
    } else {
        Action::Uncordon(node.into())
    };
    let word = if cmd == "cordon" {
        "cordoned"
    } else {
        "uncordoned"
    };
    match sim.perform(&action) {
        Ok(_) => ConsoleResult {
            output: format!("node/{node} {word}"),
            error: false,
            action: Some(action),
        },
        Err(e) => err(format!("error: {e}")),
    }
}

fn taint(sim: &mut Simulation, args: &[&str]) -> ConsoleResult {
    let (node, spec) = match args {
        [t, node, spec, ..] if resource(t) == Some(Kind::Node) => (*node, *spec),
        [tn, spec, ..] if tn.split_once('/').is_some_and(|(t, _)| resource(t) == Some(Kind::Node)) => (tn.split_once('/').map(|x| x.1).unwrap_or(""), *spec),
        _ => return err("error: at least one taint update is required\nUsage: kubectl taint nodes NODE key[=value]:Effect[-]".into()),
    };
    if sim.cluster.store.get::<Node>(node).is_none() {
        return not_found(Kind::Node, node);
    }
    let action = match spec.strip_suffix('-') {
        Some(remove) => Action::UntaintNode {
            name: node.into(),
            key: remove.into(),
        },
        None => match Taint::parse(spec) {
            Ok(t) => Action::TaintNode {
                name: node.into(),
                taint: t,
            },
            Err(e) => return err(format!("error: {e}")),
        },
    };
    let word = if spec.ends_with('-') {
        "untainted"
    } else {
        "tainted"
    };
    match sim.perform(&action) {
        Ok(_) => ConsoleResult {
            output: format!("node/{node} {word}"),
            error: false,
            action: Some(action),
        },
        Err(e) => err(format!("error: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Duration;
    use crate::manifest::parse_manifests;
    use crate::sim::SimConfig;

    fn sim() -> Simulation {
        let mut s = Simulation::new(SimConfig::default());
        s.add_default_nodes();
        let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: 12s\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: pi\n        image: perl:5.34.0\n        command: [\"perl\", \"-Mbignum=bpi\", \"-wle\", \"print bpi(2000)\"]\n";
        for o in parse_manifests(yaml).unwrap_or_default() {
            let _ = s.apply(o);
        }
        s
    }

    #[test]
    fn get_describe_logs() {
        let mut s = sim();
        s.run_until(s.now() + Duration::from_secs(30));
        let r = run(&mut s, "kubectl get jobs");
        assert!(
            !r.error && r.output.starts_with("NAME   STATUS     COMPLETIONS"),
            "{}",
            r.output
        );
        let r = run(&mut s, "kubectl logs job/pi");
        assert!(r.output.starts_with("3.14159265358979"), "{}", r.output);
        assert_eq!(r.output.len(), 2001);
        assert!(run(&mut s, "describe job pi")
            .output
            .contains("Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed"));
        assert!(run(&mut s, "get pods -o yaml")
            .output
            .contains("kind: List"));
        assert_eq!(run(&mut s, "get pods -o name").output.lines().count(), 1);
        assert_eq!(
            run(&mut s, "get cronjobs").output,
            "No resources found in default namespace."
        );
    }

    #[test]
    fn errors_like_kubectl() {
        let mut s = sim();
        assert_eq!(
            run(&mut s, "kubectl frob").output,
            "error: unknown command \"frob\" for \"kubectl\"\nRun 'kubectl --help' for usage."
        );
        assert_eq!(
            run(&mut s, "get deployments").output,
            "error: the server doesn't have a resource type \"deployments\""
        );
        assert_eq!(
            run(&mut s, "get pod nope").output,
            "Error from server (NotFound): pods \"nope\" not found"
        );
        assert_eq!(
            run(&mut s, "describe job/nope").output,
            "Error from server (NotFound): jobs.batch \"nope\" not found"
        );
        assert!(run(&mut s, "get pods -o table").error);
        assert!(run(&mut s, "logs").error);
        assert!(run(&mut s, "").output.is_empty());
        assert!(run(&mut s, "\"unterminated").error);
    }

    #[test]
    fn actions_are_returned() {
        let mut s = sim();
        s.run_until(s.now() + Duration::from_secs(2));
        let pod = s.pods()[0].metadata.name.clone();
        let r = run(&mut s, &format!("kubectl delete pod {pod}"));
        assert_eq!(r.output, format!("pod {pod:?} deleted"));
        assert_eq!(r.action, Some(Action::DeletePod(pod)));
        let r = run(&mut s, "kubectl cordon worker-1");
        assert_eq!(r.output, "node/worker-1 cordoned");
        assert!(r.action.is_some());
        let r = run(&mut s, "kubectl taint nodes worker-2 gpu=true:NoSchedule");
        assert_eq!(r.output, "node/worker-2 tainted");
        let r = run(&mut s, "kubectl taint nodes worker-2 gpu-");
        assert_eq!(r.output, "node/worker-2 untainted");
        let r = run(&mut s, "kubectl get pods -A");
        assert!(r.output.starts_with("NAMESPACE   NAME"), "{}", r.output);
        assert!(
            r.output
                .lines()
                .nth(1)
                .is_some_and(|l| l.starts_with("default     pi-")),
            "{}",
            r.output
        );
        let r = run(&mut s, "kubectl get nodes -A");
        assert!(r.output.starts_with("NAME "), "{}", r.output);
        let r = run(&mut s, "kubectl get pods -n kube-system");
        assert_eq!(r.output, "No resources found in kube-system namespace.");
        let r = run(&mut s, "kubectl get nodes worker-1");
        assert!(
            r.output.contains("Ready,SchedulingDisabled"),
            "{}",
            r.output
        );
        let r = run(&mut s, "kubectl delete node ghost");
        assert_eq!(
            r.output,
            "Error from server (NotFound): nodes \"ghost\" not found"
        );
    }
}
