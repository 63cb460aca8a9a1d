//! Simulation hints: pod-template annotations that say how the simulated container behaves.
//! They keep the manifest valid for a real cluster (annotations are free-form there).

use std::collections::BTreeMap;

use crate::api::{parse_duration, Duration, PodSpec};
use crate::manifest::shell::Run;

pub const DURATION: &str = "sim.ctrlscope.dev/duration";
pub const EXIT_CODES: &str = "sim.ctrlscope.dev/exit-codes";
pub const START_DELAY: &str = "sim.ctrlscope.dev/start-delay";
pub const READY_AFTER: &str = "sim.ctrlscope.dev/ready-after";
pub const ALL: [&str; 4] = [DURATION, EXIT_CODES, START_DELAY, READY_AFTER];

/// How long a container runs when nothing says otherwise and the pod is run-to-completion.
pub const DEFAULT_DURATION: Duration = Duration::from_secs(10);
/// How long a container whose script runs only plain utilities and never sleeps runs.
pub const QUICK_DURATION: Duration = Duration::from_secs(1);
/// Pending → Running latency (image pull + container start).
pub const DEFAULT_START_DELAY: Duration = Duration::from_secs(1);

/// What the simulated kubelet does with a pod's (first) container.
#[derive(Clone, Debug, PartialEq)]
pub struct PodBehaviour {
    /// Run time per attempt; None = runs until stopped (a daemon).
    pub duration: Option<Duration>,
    /// Exit code per attempt; the last repeats. A container restart is the next attempt; with
    /// restartPolicy Never each new pod of the same owner is (its Job's retry).
    pub exit_codes: Vec<i32>,
    pub start_delay: Duration,
    /// Ready this long after the container starts.
    pub ready_after: Duration,
}

impl PodBehaviour {
    pub fn exit_code(&self, attempt: usize) -> i32 {
        self.exit_codes
            .get(attempt)
            .or(self.exit_codes.last())
            .copied()
            .unwrap_or(0)
    }
}

/// A bad hint: which annotation, and what is wrong with its value.
#[derive(Clone, Debug, PartialEq)]
pub struct HintError {
    pub key: &'static str,
    pub value: String,
    pub message: String,
}

/// Reads the hints from a pod's annotations. Without them, the first container's script says
/// (manifest::shell): its `sleep`s are its run time and the `exit N` it reaches its exit code
/// (`sh -c "sleep 5; exit 42"` fails with 42 after 5 s, as in the Job docs' examples); `while
/// true` runs on. Else run-to-completion pods (restartPolicy Never/OnFailure) run
/// `DEFAULT_DURATION` and `Always` pods run forever.
/// The longer `initialDelaySeconds` of the first container's readiness and startup probes
/// (each other container has its own: `container_behaviour`).
fn probe_delay(spec: &PodSpec) -> Duration {
    let secs = spec
        .containers
        .iter()
        .take(1)
        .flat_map(|c| ["readinessProbe", "startupProbe"].map(|p| c.other.get(p)))
        .flatten()
        .filter_map(|p| p.get("initialDelaySeconds").and_then(|v| v.as_i64()))
        .max()
        .unwrap_or(0);
    Duration::from_secs(secs.max(0))
}

pub fn pod_behaviour(
    annotations: &BTreeMap<String, String>,
    spec: &PodSpec,
) -> Result<PodBehaviour, Vec<HintError>> {
    let mut errors = Vec::new();
    let mut duration_of = |key: &'static str| -> Option<Duration> {
        let v = annotations.get(key)?;
        match parse_duration(v) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(HintError {
                    key,
                    value: v.clone(),
                    message: e,
                });
                None
            }
        }
    };
    let duration = duration_of(DURATION);
    let start_delay = duration_of(START_DELAY).unwrap_or(DEFAULT_START_DELAY);
    // Without the hint, a container with a readiness (or startup) probe is Ready when its first
    // probe runs, initialDelaySeconds after it starts: probes always succeed here (no command
    // runs), so the first one passes (pkg/kubelet/prober/worker.go).
    let ready_after = duration_of(READY_AFTER).unwrap_or_else(|| probe_delay(spec));
    let mut exit_codes = Vec::new();
    if let Some(v) = annotations.get(EXIT_CODES) {
        for part in v.split(',') {
            match part.trim().parse::<i32>() {
                Ok(c) if (0..=255).contains(&c) => exit_codes.push(c),
                _ => {
                    errors.push(HintError {
                        key: EXIT_CODES,
                        value: v.clone(),
                        message: format!(
                            "{:?} is not an exit code: expected a comma-separated list of integers 0-255, e.g. \"1,1,0\"",
                            part.trim()
                        ),
                    });
                    break;
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let index = annotations
        .get("batch.kubernetes.io/job-completion-index")
        .map(String::as_str);
    let run = spec.containers.first().map_or(Run::Unknown, |c| {
        crate::manifest::shell::read(c, &crate::manifest::shell::env_of(c, index))
    });
    let (sleeps, exit) = match run {
        Run::Straight { sleeps, exit } => (sleeps, exit),
        Run::Forever => (None, None),
        // A loop or branch: the first `sleep` is the best guess.
        Run::Unknown => (sleep_seconds(spec), None),
    };
    if exit_codes.is_empty() {
        exit_codes.extend(exit);
    }
    // A script of plain utilities that never sleeps (`date; echo Hello`) ends within a moment.
    let at_once = sleeps.is_none()
        && spec.containers.first().is_some_and(|c| {
            crate::manifest::shell::runs_at_once(c, &crate::manifest::shell::env_of(c, index))
        });
    let duration = duration
        .or(sleeps)
        .or(at_once.then_some(QUICK_DURATION))
        .or_else(|| {
            let runs_to_completion =
                spec.restart_policy != "Always" && !spec.restart_policy.is_empty();
            (run != Run::Forever && (runs_to_completion || exit.is_some()))
                .then_some(DEFAULT_DURATION)
        });
    Ok(PodBehaviour {
        duration,
        exit_codes,
        start_delay,
        ready_after,
    })
}

/// What container `i` (not the first) does by its own script, for a pod whose containers run
/// side by side (restartPolicy Never): the hints on the pod's annotations are the first
/// container's, so only the start delay and an Indexed Job's index are read from them.
pub fn container_behaviour(
    annotations: &BTreeMap<String, String>,
    spec: &PodSpec,
    i: usize,
) -> Option<PodBehaviour> {
    let keep = ["batch.kubernetes.io/job-completion-index", START_DELAY];
    let mut own = BTreeMap::new();
    for k in keep {
        if let Some(v) = annotations.get(k) {
            own.insert(k.to_string(), v.clone());
        }
    }
    let one = PodSpec {
        containers: vec![spec.containers.get(i)?.clone()],
        restart_policy: spec.restart_policy.clone(),
        ..Default::default()
    };
    pod_behaviour(&own, &one).ok()
}

/// Finds `sleep N` (N seconds, or a Go-style `30s`/`1m`) in the first container's command and args,
/// whether as separate words (`["sleep", "30"]`) or inside a shell string (`"echo hi; sleep 30"`).
pub fn sleep_seconds(spec: &PodSpec) -> Option<Duration> {
    let c = spec.containers.first()?;
    let words: Vec<&str> = c
        .command
        .iter()
        .chain(c.args.iter())
        .flat_map(|s| s.split(|ch: char| ch.is_whitespace() || ch == ';' || ch == '&' || ch == '|'))
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).find_map(|w| {
        (w[0] == "sleep" || w[0].ends_with("/sleep"))
            .then(|| parse_duration(w[1].trim_matches(|c| c == '"' || c == '\'')).ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Container;

    fn spec(cmd: &[&str], policy: &str) -> PodSpec {
        PodSpec {
            containers: vec![Container {
                name: "c".into(),
                command: cmd.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            }],
            restart_policy: policy.into(),
            ..Default::default()
        }
    }

    #[test]
    fn sleep_is_inferred() {
        let s = spec(&["sh", "-c", "date; sleep 30; echo done"], "Never");
        assert_eq!(sleep_seconds(&s), Some(Duration::from_secs(30)));
        let b = pod_behaviour(&BTreeMap::new(), &s).unwrap();
        assert_eq!(b.duration, Some(Duration::from_secs(30)));
        assert_eq!(b.start_delay, DEFAULT_START_DELAY);
    }

    /// The script's `exit N` is the exit code, its sleeps (summed) the run time; a loop that
    /// never ends runs on; a branch leaves the code unknown (0). The annotation wins.
    #[test]
    fn exit_and_run_time_come_from_the_script() {
        let none = BTreeMap::new();
        let b = |cmd: &[&str], policy: &str| pod_behaviour(&none, &spec(cmd, policy)).unwrap();
        // The Job docs' pod failure policy example (job-pod-failure-policy-failjob.yaml).
        let docs = b(
            &["bash", "-c", "echo \"Hello world!\" && sleep 5 && exit 42"],
            "Never",
        );
        assert_eq!(
            (docs.duration, docs.exit_code(0)),
            (Some(Duration::from_secs(5)), 42)
        );
        // Plain utilities and no sleep: over within a moment.
        let quick = b(&["sh", "-c", "exit 1"], "Never");
        assert_eq!(
            (quick.duration, quick.exit_code(3)),
            (Some(QUICK_DURATION), 1)
        );
        let hello = b(
            &["sh", "-c", "date; echo Hello from the Kubernetes cluster"],
            "OnFailure",
        );
        assert_eq!(hello.duration, Some(QUICK_DURATION));
        // A pipe, a background job or a command substitution may hide a long command.
        for hidden in [
            "echo hello | nc -l -p 8080",
            "echo hi | sleep 30",
            "echo $(sleep 30) done",
            "echo `sleep 30`",
            "echo start & sleep 30",
            "cat <<EOT\nhi\nEOT",
        ] {
            assert_ne!(
                b(&["sh", "-c", hidden], "Never").duration,
                Some(QUICK_DURATION),
                "{hidden}"
            );
        }
        assert_eq!(
            b(&["sh", "-c", "date && echo ok || exit 1"], "Never").duration,
            Some(QUICK_DURATION)
        );
        // Another program (the image's own) runs the default time.
        let work = b(&["sh", "-c", "python3 train.py; exit 3"], "Never");
        assert_eq!(
            (work.duration, work.exit_code(0)),
            (Some(DEFAULT_DURATION), 3)
        );
        // A daemon that exits crashes (and restarts) instead of running forever.
        let crash = b(&["sh", "-c", "echo starting; exit 3"], "Always");
        assert_eq!(
            (crash.duration, crash.exit_code(0)),
            (Some(QUICK_DURATION), 3)
        );
        let sum = b(&["sh", "-c", "sleep 10; date; sleep 1m; exit 256"], "Never");
        assert_eq!(
            (sum.duration, sum.exit_code(0)),
            (Some(Duration::from_secs(70)), 0)
        );
        // A loop that never ends: the pod runs until something stops it.
        let daemon = b(
            &["sh", "-c", "while true; do echo tick; sleep 5; done"],
            "Always",
        );
        assert_eq!((daemon.duration, daemon.exit_code(0)), (None, 0));
        let job = b(&["sh", "-c", "while :; do sleep 5; done"], "Never");
        assert_eq!(job.duration, None);
        assert_eq!(b(&["sleep", "infinity"], "Never").duration, None);
        // A branch: the exit is unknowable, the first sleep the guess.
        let branch = b(
            &[
                "sh",
                "-c",
                "if [ \"$JOB_COMPLETION_INDEX\" = 1 ]; then exit 1; fi; sleep 20",
            ],
            "Never",
        );
        assert_eq!(
            (branch.duration, branch.exit_code(0)),
            (Some(Duration::from_secs(20)), 0)
        );
        let or = b(&["sh", "-c", "sleep 3 || exit 1"], "Never");
        assert_eq!(
            (or.duration, or.exit_code(0)),
            (Some(Duration::from_secs(3)), 0)
        );
        assert_eq!(b(&["sh", "-c", "exit $CODE"], "Never").exit_code(0), 0);
        // The annotation wins over the script.
        let mut a = BTreeMap::new();
        a.insert(EXIT_CODES.to_string(), "0".to_string());
        let hinted = pod_behaviour(&a, &spec(&["sh", "-c", "exit 1"], "Never")).unwrap();
        assert_eq!(hinted.exit_code(0), 0);
    }

    #[test]
    fn defaults_by_restart_policy() {
        let none = BTreeMap::new();
        assert_eq!(
            pod_behaviour(&none, &spec(&["perl"], "Never"))
                .unwrap()
                .duration,
            Some(DEFAULT_DURATION)
        );
        assert_eq!(
            pod_behaviour(&none, &spec(&["fluentd"], "Always"))
                .unwrap()
                .duration,
            None
        );
    }

    #[test]
    fn bad_values_are_reported() {
        let mut a = BTreeMap::new();
        a.insert(DURATION.to_string(), "soon".to_string());
        a.insert(EXIT_CODES.to_string(), "1,x".to_string());
        let e = pod_behaviour(&a, &spec(&[], "Never")).unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].key, DURATION);
        assert_eq!(e[1].key, EXIT_CODES);
    }

    #[test]
    fn exit_codes_repeat_last() {
        let mut a = BTreeMap::new();
        a.insert(EXIT_CODES.to_string(), "1, 1,0".to_string());
        let b = pod_behaviour(&a, &spec(&[], "Never")).unwrap();
        assert_eq!((b.exit_code(0), b.exit_code(2), b.exit_code(9)), (1, 0, 0));
    }
}

/// A liveness or readiness probe the simulation can run: an exec probe that tests a file
/// (`cat F`, `test -e F`, `[ -f F ]`, `ls F`) the container's own script creates and removes,
/// as in the Kubernetes docs' liveness-exec example (pkg/kubelet/prober).
#[derive(Clone, Debug, PartialEq)]
pub struct FileProbe {
    pub container: String,
    pub initial_delay: Duration,
    pub period: Duration,
    pub failure_threshold: u32,
    /// Passes in a row that make a failed readiness probe pass again (liveness: always 1).
    pub success_threshold: u32,
    /// The file's existence over the container's run time (created first).
    pub timeline: Vec<(Duration, bool)>,
    /// What the probe command prints when the file is missing.
    pub output: String,
    /// The probe as `kubectl describe` words it: `exec [cat /tmp/healthy]`.
    pub command: Vec<String>,
}

impl FileProbe {
    /// Whether the probe passes `run` after the container started.
    pub fn passes(&self, run: Duration) -> bool {
        let mut exists = false;
        for (t, made) in &self.timeline {
            // A probe at the very instant of a removal races it: the file is still there.
            if *t < run || (*t == run && *made) {
                exists = *made;
            }
        }
        exists
    }
}

/// The first container's `livenessProbe`, when the simulation can run it.
pub fn liveness(spec: &PodSpec) -> Option<FileProbe> {
    file_probe(spec, 0, "livenessProbe")
}

/// The first container's `readinessProbe`, when the simulation can run it.
pub fn readiness(spec: &PodSpec) -> Option<FileProbe> {
    file_probe(spec, 0, "readinessProbe")
}

/// The first container's `startupProbe`, when the simulation can run it.
pub fn startup(spec: &PodSpec) -> Option<FileProbe> {
    file_probe(spec, 0, "startupProbe")
}

/// Container `i`'s `livenessProbe`, `readinessProbe` and `startupProbe`, when the simulation
/// can run them (a container after the first tests a file its own script makes).
pub fn container_probes(spec: &PodSpec, i: usize) -> [Option<FileProbe>; 3] {
    [
        file_probe(spec, i, "livenessProbe"),
        file_probe(spec, i, "readinessProbe"),
        file_probe(spec, i, "startupProbe"),
    ]
}

fn file_probe(spec: &PodSpec, i: usize, field: &str) -> Option<FileProbe> {
    container_file_probe(spec.containers.get(i)?, field)
}

/// A container's probe (`field`: `readinessProbe`, …), when the simulation can run it: an exec
/// that tests a file its own script makes. Init containers' (a sidecar's) too.
pub fn container_file_probe(c: &crate::api::Container, field: &str) -> Option<FileProbe> {
    let probe = c.other.get(field)?;
    let command: Vec<String> = probe
        .get("exec")?
        .get("command")?
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect::<Option<Vec<String>>>()?;
    let words: Vec<&str> = command.iter().map(String::as_str).collect();
    let (path, output) = match words.as_slice() {
        ["cat", f] => (
            *f,
            format!("cat: can't open '{f}': No such file or directory"),
        ),
        ["ls", f] => (*f, format!("ls: {f}: No such file or directory")),
        ["test", "-e" | "-f", f] | ["[", "-e" | "-f", f, "]"] => (*f, String::new()),
        _ => return None,
    };
    let timeline =
        crate::manifest::shell::file_timeline(c, &crate::manifest::shell::env_of(c, None), path)?;
    // SetDefaults_Probe: a zero timing takes its default too.
    let secs = |k: &str, d: i64| match probe.get(k).and_then(|v| v.as_i64()).unwrap_or(0) {
        0 => d,
        v => v.max(0),
    };
    Some(FileProbe {
        container: c.name.clone(),
        initial_delay: Duration::from_secs(secs("initialDelaySeconds", 0)),
        period: Duration::from_secs(secs("periodSeconds", 10).max(1)),
        failure_threshold: secs("failureThreshold", 3).clamp(1, 1_000_000) as u32,
        success_threshold: secs("successThreshold", 1).clamp(1, 1_000_000) as u32,
        timeline,
        output,
        command,
    })
}
