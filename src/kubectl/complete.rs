//! Tab completion for the console: commands, resource types, flags, output formats and the
//! names of the objects in the cluster (a pod's random suffix is the part nobody wants to type).
//! The words offered are the ones kubectl's own shell completion offers for these commands.

use crate::api::Kind;
use crate::sim::Simulation;

const COMMANDS: [&str; 16] = [
    "get", "describe", "logs", "delete", "events", "wait", "rollout", "set", "cordon", "uncordon",
    "taint", "label", "create", "patch", "version", "help",
];

const TYPES: [&str; 8] = [
    "pods",
    "jobs",
    "cronjobs",
    "daemonsets",
    "nodes",
    "events",
    "controllerrevisions",
    "all",
];

const FORMATS: [&str; 8] = [
    "wide",
    "yaml",
    "json",
    "name",
    "jsonpath=",
    "jsonpath-as-json=",
    "custom-columns=",
    "go-template=",
];

/// The flags each command takes, as the console reads them.
fn flags(cmd: &str) -> &'static [&'static str] {
    match cmd {
        "get" => &[
            "-o",
            "-l",
            "-A",
            "-n",
            "-w",
            "--watch-only",
            "--output-watch-events",
            "--show-labels",
            "--no-headers",
            "--sort-by=",
            "--selector=",
            "--field-selector=",
        ],
        "describe" => &["-l", "-A", "-n"],
        "logs" => &[
            "-f",
            "-l",
            "-n",
            "--since=",
            "--since-time=",
            "--timestamps",
            "--limit-bytes=",
        ],
        "delete" => &[
            "--all",
            "-l",
            "-n",
            "--cascade=",
            "--grace-period=",
            "--force",
            "--now",
            "--field-selector=",
        ],
        "events" => &["--for=", "--types=", "-A", "-n", "-w", "--no-headers", "-o"],
        "wait" => &["--for=", "--timeout=", "--all", "-l", "-n"],
        "rollout" => &["--revision=", "--to-revision="],
        "label" => &["--overwrite", "--all", "--list", "-l"],
        "patch" => &["-p", "--type"],
        "create" => &["--from=", "--image=", "--dry-run=client", "-o"],
        _ => &[],
    }
}

/// The flags whose value is the next word (`-n kube-system`): that word is no argument.
pub(crate) const VALUE_FLAGS: [&str; 28] = [
    "--grace-period",
    "--field-selector",
    "-o",
    "--output",
    "-n",
    "--namespace",
    "-l",
    "--selector",
    "-p",
    "--patch",
    "--type",
    "--from",
    "--image",
    "--for",
    "--types",
    "--timeout",
    "--sort-by",
    "--template",
    "--revision",
    "--to-revision",
    "-c",
    "--container",
    "--tail",
    "--since",
    "--since-time",
    "--limit-bytes",
    "-L",
    "--label-columns",
];

/// Which namespace's objects a name may be: `-n`'s (`default` without it), any with `-A`
/// (None), as the command will look them up.
fn namespace<'a>(words: &[&'a str]) -> Option<&'a str> {
    let mut ns = Some("default");
    let mut it = words.iter();
    while let Some(&w) = it.next() {
        match w {
            "-A" | "--all-namespaces" => return None,
            "-n" | "--namespace" => ns = it.next().copied().or(ns),
            w if w.starts_with("--namespace=") => ns = Some(&w["--namespace=".len()..]),
            w if w.starts_with("-n") && !w.starts_with("--") && w.len() > 2 => {
                ns = Some(w[2..].strip_prefix('=').unwrap_or(&w[2..]))
            }
            _ => {}
        }
    }
    ns
}

/// The names of the objects of a kind in the namespace (nodes: all), sorted.
fn names(sim: &Simulation, kind: Kind, namespace: Option<&str>) -> Vec<String> {
    let mut v: Vec<String> = if kind == Kind::Event {
        Vec::new()
    } else {
        sim.cluster
            .store
            .all_objects()
            .into_iter()
            .filter(|o| o.kind() == kind)
            .filter(|o| {
                let ns = o.metadata().namespace.as_str();
                kind == Kind::Node || ns.is_empty() || namespace.is_none_or(|n| n == ns)
            })
            .map(|o| o.name().to_string())
            .collect()
    };
    crate::sort::sort_by(&mut v, |a, b| a.cmp(b));
    v
}

/// What may come in place of the line's last word (the text after its last space): every
/// candidate, sorted, each to replace that word. Empty when nothing fits.
pub fn complete(sim: &Simulation, line: &str) -> Vec<String> {
    let mut words: Vec<&str> = line.split_whitespace().collect();
    if matches!(words.first(), Some(&"kubectl") | Some(&"k")) {
        words.remove(0);
    }
    // The word being typed: empty after a space.
    let current = if line.ends_with(char::is_whitespace) || line.is_empty() {
        ""
    } else {
        words.pop().unwrap_or("")
    };
    // The arguments typed so far: the words that are neither flags nor flag values.
    let mut before: Vec<&str> = Vec::new();
    let mut it = words.iter();
    while let Some(&w) = it.next() {
        if VALUE_FLAGS.contains(&w) {
            it.next();
        } else if !w.starts_with('-') {
            before.push(w);
        }
    }
    let ns = namespace(&words);
    let names = |kind: Kind| names(sim, kind, ns);
    let Some(&cmd) = before.first() else {
        return matching(COMMANDS.iter().map(|c| c.to_string()), current);
    };
    let previous = words.last().copied().unwrap_or("");
    let candidates: Vec<String> = if current.starts_with('-') {
        flags(cmd).iter().map(|f| f.to_string()).collect()
    } else if matches!(previous, "-o" | "--output") {
        // Commands whose PrintFlags have no table (events.go, create_job.go): no wide, no
        // custom columns.
        let table = !matches!(cmd, "events" | "create");
        FORMATS
            .iter()
            .filter(|f| table || !matches!(**f, "wide" | "custom-columns="))
            .map(|f| f.to_string())
            .collect()
    } else if matches!(previous, "-n" | "--namespace") {
        vec!["default".into(), "kube-system".into()]
    } else if let Some((t, _)) = current.split_once('/') {
        // TYPE/NAME: the names of that type, keeping the type as typed.
        match Kind::parse(t.split('.').next().unwrap_or(t)) {
            Some(kind) => names(kind)
                .into_iter()
                .map(|n| format!("{t}/{n}"))
                .collect(),
            None => Vec::new(),
        }
    } else {
        let args = &before[1..];
        match (cmd, args) {
            ("get" | "describe" | "delete" | "wait", []) => {
                TYPES.iter().map(|t| t.to_string()).collect()
            }
            ("get" | "describe" | "delete" | "wait", [t, ..]) => {
                match Kind::parse(t.split('.').next().unwrap_or(t)) {
                    Some(kind) => names(kind),
                    None => Vec::new(),
                }
            }
            ("logs", []) => {
                let mut v = names(Kind::Pod);
                v.push("job/".into());
                v
            }
            ("cordon" | "uncordon", []) => names(Kind::Node),
            ("taint", []) => vec!["nodes".into()],
            ("label", []) => vec!["nodes".into(), "pods".into()],
            ("label", [t]) if matches!(*t, "pods" | "pod" | "po") => names(Kind::Pod),
            ("taint" | "label", [_]) => names(Kind::Node),
            ("rollout", []) => ["status", "history", "undo", "restart", "pause", "resume"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            ("rollout", [_]) | ("set", [_]) => names(Kind::DaemonSet)
                .into_iter()
                .map(|n| format!("ds/{n}"))
                .collect(),
            ("set", []) => vec!["image".into()],
            ("create", []) => vec!["job".into()],
            ("patch", []) => ["jobs", "cronjobs", "daemonsets", "nodes"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            ("patch", [t]) => match Kind::parse(t) {
                Some(kind) => names(kind),
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    };
    // Names already on the line are not offered again (completion.go
    // resourceTypeAndNameCompletionFunc: "Remove choices already on the command-line"), so a
    // Tab after the last one adds nothing and moves on.
    let typed = before.get(1..).unwrap_or_default();
    matching(
        candidates
            .into_iter()
            .filter(|c| !typed.contains(&c.as_str())),
        current,
    )
}

fn matching(candidates: impl Iterator<Item = String>, prefix: &str) -> Vec<String> {
    candidates.filter(|c| c.starts_with(prefix)).collect()
}

/// The line with its last word completed: the one candidate (and a space, unless it expects
/// more: `job/`, `--for=`), or the candidates' common prefix.
pub fn apply_completion(line: &str, candidates: &[String]) -> String {
    // After the last whitespace character (which may be more than one byte: U+3000).
    let start = line
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let head = &line[..start];
    match candidates {
        [] => line.to_string(),
        [one] if one.ends_with(['/', '=']) => format!("{head}{one}"),
        [one] => format!("{head}{one} "),
        [first, rest @ ..] => {
            let mut common = first.len();
            for c in rest {
                common = common.min(
                    first
                        .char_indices()
                        .zip(c.chars())
                        .find(|((_, a), b)| a != b)
                        .map_or(first.len().min(c.len()), |((i, _), _)| i),
                );
            }
            let prefix = first.get(..common).unwrap_or("");
            if prefix.len() > line.len() - start {
                format!("{head}{prefix}")
            } else {
                line.to_string()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::parse_manifests;
    use crate::sim::SimConfig;

    fn sim() -> Simulation {
        let mut s = Simulation::new(SimConfig::default());
        s.add_default_nodes();
        for o in
            parse_manifests(include_str!("../../examples/parallel-job.yaml")).unwrap_or_default()
        {
            let _ = s.apply(o);
        }
        s.run_until(s.now());
        s
    }

    fn done(line: &str) -> String {
        let s = sim();
        apply_completion(line, &complete(&s, line))
    }

    /// A name already on the line is not offered again (completion.go
    /// resourceTypeAndNameCompletionFunc): the Tab after it adds nothing.
    #[test]
    fn names_on_the_line_are_not_offered_again() {
        let s = sim();
        assert!(complete(&s, "describe job paral-1 ").is_empty());
        assert_eq!(done("describe job paral-1 "), "describe job paral-1 ");
        let pods = complete(&s, "get pods paral-1-hrrsw ");
        assert_eq!(pods, ["paral-1-rdx8c"]);
    }

    #[test]
    fn completes_commands_types_names_and_flags() {
        assert_eq!(done("kubectl ge"), "kubectl get ");
        assert_eq!(done("get po"), "get pods ");
        assert_eq!(done("get pods par"), "get pods paral-1-");
        assert_eq!(done("logs paral-1-h"), "logs paral-1-hrrsw ");
        assert_eq!(
            done("describe pod/paral-1-r"),
            "describe pod/paral-1-rdx8c "
        );
        assert_eq!(done("logs jo"), "logs job/");
        assert_eq!(done("logs job/p"), "logs job/paral-1 ");
        assert_eq!(done("cordon worker-"), "cordon worker-");
        assert_eq!(done("get pods -o js"), "get pods -o json");
        assert_eq!(done("get pods --wat"), "get pods --watch-only ");
        assert_eq!(done("wait job/paral-1 --fo"), "wait job/paral-1 --for=");
        assert_eq!(done("rollout "), "rollout ");
        assert_eq!(
            complete(&sim(), "rollout "),
            ["status", "history", "undo", "restart", "pause", "resume"]
        );
        assert_eq!(
            complete(&sim(), "get pods "),
            ["paral-1-hrrsw", "paral-1-rdx8c"]
        );
        // A wide space before the word: no slicing inside it.
        assert_eq!(done("get\u{3000}po"), "get\u{3000}pods ");
        assert_eq!(done("logs\u{3000}"), "logs\u{3000}");
        // Nothing to offer: the line stays.
        assert_eq!(done("get zz"), "get zz");
        // Flag values are no arguments: `-o wide` before the type.
        assert_eq!(done("get -o wide po"), "get -o wide pods ");
        assert_eq!(
            done("get -n default pods paral-1-h"),
            "get -n default pods paral-1-hrrsw "
        );
        assert_eq!(done(""), "");
        assert_eq!(complete(&sim(), "").len(), COMMANDS.len());
    }

    /// Names come from the namespace the command will look in (`-n`, else `default`; any with
    /// `-A`), as kubectl's completion lists them; nodes have none.
    #[test]
    fn completes_names_of_the_namespace_looked_in() {
        let mut s = sim();
        for o in parse_manifests(include_str!("../../examples/fluentd-daemonset.yaml"))
            .unwrap_or_default()
        {
            let _ = s.apply(o);
        }
        s.run_until(s.now());
        assert_eq!(complete(&s, "get ds "), Vec::<String>::new());
        assert_eq!(
            complete(&s, "get ds -n kube-system "),
            ["fluentd-elasticsearch"]
        );
        assert_eq!(
            complete(&s, "get ds -nkube-system "),
            ["fluentd-elasticsearch"]
        );
        assert_eq!(complete(&s, "get -A ds "), ["fluentd-elasticsearch"]);
        assert_eq!(
            complete(&s, "-n kube-system rollout status "),
            ["ds/fluentd-elasticsearch"]
        );
        assert_eq!(complete(&s, "get pods f"), Vec::<String>::new());
        assert_eq!(complete(&s, "get pods --namespace=kube-system f").len(), 4);
        assert_eq!(
            complete(&s, "cordon "),
            ["control-plane", "worker-1", "worker-2", "worker-3"]
        );
    }
}
