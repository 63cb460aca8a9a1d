//! No input panics the core: mutated manifests, garbage scenarios and random actions are fed
//! through the whole pipeline (parse → validate → apply → simulate → print), deterministically.

mod common;

use common::cli;

const EXAMPLES: &[(&str, &str)] = &[
    ("pi-job.yaml", include_str!("../examples/pi-job.yaml")),
    (
        "parallel-job.yaml",
        include_str!("../examples/parallel-job.yaml"),
    ),
    (
        "backoff-job.yaml",
        include_str!("../examples/backoff-job.yaml"),
    ),
    (
        "hello-cronjob.yaml",
        include_str!("../examples/hello-cronjob.yaml"),
    ),
    (
        "fluentd-daemonset.yaml",
        include_str!("../examples/fluentd-daemonset.yaml"),
    ),
    (
        "pod-failure-policy-job.yaml",
        include_str!("../examples/pod-failure-policy-job.yaml"),
    ),
    (
        "sidecar-job.yaml",
        include_str!("../examples/sidecar-job.yaml"),
    ),
];

/// A tiny deterministic generator (no dependency, same sequence everywhere).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Values that stress numbers, durations, names and enums wherever they land.
const NASTY: &[&str] = &[
    "0",
    "-1",
    "2147483648",
    "-2147483649",
    "9223372036854775807",
    "1e308",
    ".nan",
    "~",
    "null",
    "''",
    "\"\"",
    "[]",
    "{}",
    "true",
    "Always",
    "Indexed",
    "Replace",
    "\"*/0 * * * *\"",
    "\"@every 0s\"",
    "\"0 0 30 2 *\"",
    "\"999999999999999999999999s\"",
    "\"1,x,0\"",
    "\"-5s\"",
    "\"1ms\"",
    "\"10d\"",
    "Ж",
    "\"a\\u0000b\"",
    "&a [*a]",
    "!!binary aGk=",
    "'100%'",
    "'101%'",
    "\"0%\"",
];

/// Replaces the value of a random `key: value` line with a nasty one.
fn mutate_value(src: &str, rng: &mut Lcg) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let candidates: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].contains(": "))
        .collect();
    if candidates.is_empty() {
        return src.to_string();
    }
    let i = candidates[rng.below(candidates.len())];
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    if let Some((k, _)) = lines[i].split_once(": ") {
        out[i] = format!("{k}: {}", rng.pick(NASTY));
    }
    out.join("\n")
}

#[test]
fn mutated_manifests_never_panic_the_pipeline() {
    let mut rng = Lcg(2026);
    let mut ran = 0;
    for round in 0..300 {
        let (name, src) = EXAMPLES[round % EXAMPLES.len()];
        let mut text = src.to_string();
        for _ in 0..1 + rng.below(3) {
            text = mutate_value(&text, &mut rng);
        }
        let out = cli(
            &[(name, &text)],
            &[
                "run",
                name,
                "--until",
                "3m",
                "--events",
                "jsonl",
                "--get",
                "pods,jobs,cronjobs,ds,events",
                "--every",
                "1m",
                "--final-state",
                "json",
            ],
        );
        assert!(
            out.code == 0 || out.code == 1,
            "exit code {} for\n{text}\n{}",
            out.code,
            out.stderr
        );
        if out.code == 1 {
            // Every error line is FILE:LINE:COL: message.
            for line in out.stderr.lines() {
                let mut parts = line.splitn(4, ':');
                assert_eq!(parts.next(), Some(name), "{line}");
                assert!(
                    parts.next().is_some_and(|l| l.parse::<usize>().is_ok()),
                    "{line}"
                );
                assert!(
                    parts.next().is_some_and(|c| c.parse::<usize>().is_ok()),
                    "{line}"
                );
            }
        } else {
            ran += 1;
        }
    }
    assert!(
        ran >= 15,
        "some mutations must still be valid and run ({ran})"
    );
}

#[test]
fn garbage_scenarios_are_errors_not_panics() {
    let job = EXAMPLES[1].1;
    let cases = [
        "",
        "---",
        "[",
        "- at: soon\n  failPod: x\n",
        "- at: 10s\n",
        "- failPod: x\n",
        "- at: 10s\n  failPod: x\n  deletePod: y\n",
        "- at: 10s\n  addNode: {name: n, taints: [\"bad\"]}\n",
        "- at: 10s\n  addNode: {name: n, taints: [\"k=v:Sometimes\"]}\n",
        "- at: 10s\n  delete: Deployment/x\n",
        "- at: 10s\n  delete: nothing\n",
        "- at: 10s\n  controllerDown: {for: forever}\n",
        "- at: 10s\n  apply: missing.yaml\n",
        "- at: 10s\n  apply: |\n    kind: Job\n",
        "- at: 10s\n  bogus: 1\n",
        "- at: -5s\n  failPod: x\n",
        "- at: 999999999999999999999d\n  failPod: x\n",
        "actions: 5",
        "42",
        "- at: 10s\n  taintNode: {name: worker-1}\n",
        "- at: 10s\n  untaintNode: {name: worker-1, key: k}\n",
        "- at: 10s\n  labelNode: {name: worker-1}\n",
        "- at: 10s\n  labelNode: {name: worker-1, key: \"/\", value: \"é\"}\n",
        "- at: 10s\n  labelNode: {name: ghost, labels: {a: null}}\n",
        "- at: 10s\n  unlabelNode: {name: worker-1, key: absent}\n",
    ];
    for case in cases {
        let out = cli(
            &[("job.yaml", job), ("s.yaml", case)],
            &["run", "job.yaml", "--scenario", "s.yaml", "--until", "2m"],
        );
        assert!(out.code == 0 || out.code == 1, "{case:?} → {}", out.stderr);
        if out.code == 1 {
            // A parse error (`s.yaml:LINE:COL: …`), or an action that could not be done then.
            assert!(
                out.stderr
                    .lines()
                    .all(|l| l.starts_with("s.yaml:") || l.starts_with("t=")),
                "{case:?} → {}",
                out.stderr
            );
        }
    }
}

#[test]
fn random_actions_on_valid_manifests_never_panic() {
    let all: String = EXAMPLES
        .iter()
        .map(|(_, s)| format!("{s}\n---\n"))
        .collect();
    let mut rng = Lcg(7);
    for _ in 0..40 {
        let mut scenario = String::new();
        for _ in 0..8 {
            let at = rng.below(600);
            let target = rng.pick(&[
                "worker-1",
                "worker-2",
                "worker-3",
                "control-plane",
                "ghost",
                "job-name=pi",
                "job-name=paral-1",
                "name=fluentd-elasticsearch",
                "x=y",
            ]);
            let action = match rng.below(16) {
                14 => format!("labelPod: {{name: {target}, key: {}, value: x}}", rng.pick(&["app", "name", "controller-uid", "batch.kubernetes.io/controller-uid"])),
                15 => format!("labelPod: {{name: {target}, labels: {{name: null, app: null}}}}"),
                11 => format!("stopKubelet: {target}"),
                12 => format!("startKubelet: {target}"),
                13 => format!("{}: {target}", rng.pick(&["drain", "cordon", "uncordon"])),
                0 => format!("addNode: {{name: extra-{}, labels: {{disk: ssd}}}}", rng.below(3)),
                1 => format!("removeNode: {target}"),
                2 => format!("taintNode: {{name: {target}, taint: \"k=v:{}\"}}", rng.pick(&["NoSchedule", "NoExecute", "PreferNoSchedule"])),
                3 => format!("untaintNode: {{name: {target}, key: k}}"),
                4 => format!("failPod: {target}"),
                5 => match rng.below(3) {
                    0 => format!("deletePod: {target}"),
                    1 => format!("forceDeletePod: {target}"),
                    _ => format!("deletePodGrace: {{pods: {target}, gracePeriodSeconds: {}}}", rng.pick(&["0", "5", "9223372036854775807"])),
                },
                6 => format!("delete: {}", rng.pick(&["Job/pi", "CronJob/hello", "DaemonSet/fluentd-elasticsearch", "Node/worker-2", "Job/ghost"])),
                7 => format!("controllerDown: {{for: {}s}}", rng.below(400)),
                8 => format!("labelNode: {{name: {target}, key: disk, value: ssd}}"),
                9 => format!("unlabelNode: {{name: {target}, key: disk}}"),
                _ => "apply: |\n    apiVersion: batch/v1\n    kind: Job\n    metadata:\n      name: pi\n    spec:\n      parallelism: 3\n      completions: 5\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: pi\n            image: perl:5.34.0".to_string(),
            };
            scenario.push_str(&format!("- at: {at}s\n  {action}\n"));
        }
        let args = [
            "run",
            "all.yaml",
            "--scenario",
            "s.yaml",
            "--until",
            "15m",
            "--events",
            "jsonl",
            "--loop",
            "--get",
            "pods,ds,nodes",
            "--every",
            "5m",
            "--final-state",
            "json",
        ];
        let out = cli(&[("all.yaml", &all), ("s.yaml", &scenario)], &args);
        // An action on something gone, or refused, is said on stderr (`s.yaml: t=…: …`) and exits 1.
        assert!(
            out.code == 0
                || (out.code == 1
                    && out
                        .stderr
                        .lines()
                        .all(|l| l.starts_with("s.yaml: t=") || l.starts_with("note: "))),
            "{scenario}\n{}",
            out.stderr
        );
        // Deterministic: the same run prints the same bytes.
        let again = cli(&[("all.yaml", &all), ("s.yaml", &scenario)], &args);
        assert!(again.stdout == out.stdout, "not deterministic:\n{scenario}");
    }
}

#[test]
fn scenario_apply_errors_point_into_the_scenario_file() {
    let job = EXAMPLES[0].1;
    let scenario = "- at: 10s\n  apply: |\n    apiVersion: batch/v1\n    kind: Job\n    metadata:\n      name: later\n    spec:\n      template:\n        spec:\n          restartPolicy: Always\n          containers:\n          - name: c\n            image: busybox\n";
    let out = cli(
        &[("job.yaml", job), ("s.yaml", scenario)],
        &["run", "job.yaml", "--scenario", "s.yaml"],
    );
    assert_eq!(out.code, 1);
    // restartPolicy is on line 10 of the scenario file, its value at column 26.
    assert!(
        out.stderr.contains("s.yaml:10:26: spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""),
        "{}",
        out.stderr
    );
}

#[test]
fn bad_manifest_reports_file_line_column_and_exits_1() {
    let text = EXAMPLES[0]
        .1
        .replace("restartPolicy: Never", "restartPolicy: Always");
    let out = cli(&[("pi.yaml", &text)], &["run", "pi.yaml"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    let line = text
        .lines()
        .position(|l| l.contains("restartPolicy"))
        .map(|i| i + 1)
        .unwrap_or(0);
    let expected = format!("pi.yaml:{line}:22: spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"");
    assert!(
        out.stderr.lines().any(|l| l == expected),
        "{}\nexpected {expected}",
        out.stderr
    );
}

#[test]
fn unknown_flags_are_usage_errors() {
    let out = cli(
        &[("a.yaml", EXAMPLES[0].1)],
        &["run", "a.yaml", "--frobnicate"],
    );
    assert_eq!(out.code, 2);
    let out = cli(
        &[("a.yaml", EXAMPLES[0].1)],
        &["run", "a.yaml", "--until", "forever"],
    );
    assert_eq!(out.code, 2);
    let out = cli(&[], &["run", "missing.yaml"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.starts_with("missing.yaml: "), "{}", out.stderr);
}

/// The default cluster with every example applied.
fn examples_cluster() -> ctrlscope::sim::Simulation {
    let mut s = ctrlscope::sim::Simulation::new(ctrlscope::sim::SimConfig::default());
    s.add_default_nodes();
    for (_, src) in EXAMPLES {
        for o in ctrlscope::manifest::parse_manifests(src).unwrap_or_default() {
            let _ = s.apply(o);
        }
    }
    s
}

/// `kubectl create job` and `kubectl patch` in the console with random and hostile patches:
/// every answer is output, never a panic (or a blown stack), and the cluster keeps running.
#[test]
fn console_create_and_patch_never_panic() {
    use ctrlscope::kubectl::console::run;
    let mut s = examples_cluster();
    let pieces = [
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "null",
        "1",
        "-3",
        "true",
        "\"x\"",
        "\"name\"",
        "\"spec\"",
        "\"template\"",
        "\"containers\"",
        "\"env\"",
        "\"$patch\"",
        "\"delete\"",
        "\"metadata\"",
        "\"kind\"",
        "\"Node\"",
        "\"suspend\"",
        "\"schedule\"",
        "\"selector\"",
        "\"image\"",
        "\"volumeMounts\"",
        "\"mountPath\"",
        "\"ports\"",
        "\"status\"",
        "{}",
        "[]",
    ];
    let targets = [
        "job pi",
        "cronjob hello",
        "ds fluentd-elasticsearch",
        "node worker-1",
        "pod x",
        "job",
        "",
    ];
    let mut rng = Lcg(11);
    for i in 0..600 {
        let len = 1 + rng.below(24);
        let body: String = (0..len).map(|_| rng.pick(&pieces)).collect();
        let kind = rng.pick(&["", " --type merge", " --type strategic", " --type json"]);
        let cmd = format!("patch {} -p '{body}'{kind}", rng.pick(&targets));
        let r = run(&mut s, &cmd);
        assert!(!r.output.is_empty(), "{cmd}");
        let from = rng.pick(&["cronjob/hello", "cronjob/", "job/pi", "hello", "x/y/z", ""]);
        let _ = run(&mut s, &format!("create job m-{i} --from={from}"));
        if i % 50 == 0 {
            s.run_until(s.now() + ctrlscope::api::Duration::from_secs(30));
        }
    }
    // Structured but wrong: every spec field of each kind set to each type.
    for target in [
        "job pi",
        "cronjob hello",
        "ds fluentd-elasticsearch",
        "node worker-2",
    ] {
        for value in [
            "null",
            "1",
            "\"s\"",
            "[1, {}]",
            "{\"a\": {}}",
            "[{\"name\": null}]",
        ] {
            for path in [
                "spec",
                "spec.template",
                "spec.template.spec.containers",
                "metadata",
                "metadata.labels",
                "spec.jobTemplate.spec.template.spec.containers",
                "spec.taints",
            ] {
                let mut patch = value.to_string();
                for key in path.rsplit('.') {
                    patch = format!("{{\"{key}\": {patch}}}");
                }
                let r = run(&mut s, &format!("patch {target} -p '{patch}'"));
                assert!(!r.output.is_empty());
            }
        }
    }
    for depth in [100, 1_000, 100_000] {
        let deep = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        assert!(run(&mut s, &format!("patch cronjob hello -p '{deep}'")).error);
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(
            run(
                &mut s,
                &format!("patch cronjob hello --type merge -p '{deep}'")
            )
            .error
        );
    }
    s.run_until(s.now() + ctrlscope::api::Duration::from_secs(120));
    // rollout history/undo/restart, set image and label selectors with odd input.
    let odd = [
        "rollout",
        "rollout history",
        "rollout history ds/",
        "rollout history ds/fluentd-elasticsearch --revision",
        "rollout history ds/fluentd-elasticsearch --revision=99999999999999999999",
        "rollout history ds/fluentd-elasticsearch --revision=é",
        "rollout undo ds/fluentd-elasticsearch --to-revision=-9223372036854775808",
        "rollout undo ds/fluentd-elasticsearch --to-revision=9223372036854775807",
        "rollout undo ds/fluentd-elasticsearch --to-revision= ",
        "rollout undo / x",
        "rollout restart pod/x",
        "rollout restart controllerrevisions/x",
        "rollout restart events/x",
        "rollout status ds/é",
        "set",
        "set image",
        "set image =",
        "set image ds/fluentd-elasticsearch =x",
        "set image ds/fluentd-elasticsearch é=ü",
        "set image ds/fluentd-elasticsearch *=",
        "set image ds/fluentd-elasticsearch - -",
        "set image job/ a=b",
        "set image pod/x a=b",
        "set image cj hello hello=",
        "get pods -l",
        "get pods -l=",
        "get pods -l ''",
        "get pods -l '!'",
        "get pods -l '!!a'",
        "get pods -l 'a in ((('",
        "get pods -l 'a in (,,)'",
        "get pods -l 'a notin ()'",
        "get pods -l a>1,b<x",
        "get pods -l 'é=ü,ö'",
        "get pods -l '=é'",
        "get pods -l 'a=é'",
        "get pods -l ', ,'",
        "get all -A -l a --show-labels -o wide",
        "get events --show-labels -l x",
        "get pods --selector",
        "get pods --selector=a=b=c",
        "label pod",
        "label pods x",
        "label pods ghost a=b",
        "label pod/ a=b",
        "label pods -l a=b c=d",
        "label po é=ü",
        "label pods fluentd-elasticsearch name-",
    ];
    for line in odd {
        let _ = run(&mut s, line);
    }
    let words = [
        "rollout",
        "undo",
        "history",
        "restart",
        "set",
        "image",
        "get",
        "pods",
        "ds",
        "ds/fluentd-elasticsearch",
        "-l",
        "a=b",
        "!",
        "(",
        ")",
        ",",
        "in",
        "--to-revision=1",
        "--revision=2",
        "*=x",
        "--show-labels",
        "é",
        "=",
        "label",
        "pod",
        "name-",
        "controller-uid-",
        "--overwrite",
    ];
    for _ in 0..400 {
        let len = 1 + rng.below(8);
        let line: Vec<&str> = (0..len).map(|_| rng.pick(&words)).collect();
        let _ = run(&mut s, &line.join(" "));
    }
    s.run_until(s.now() + ctrlscope::api::Duration::from_secs(60));
}

/// The console's output formats, watches and waits with random and hostile arguments: jsonpath
/// templates and custom columns built from pieces, sort keys, watch and wait flags, deletes by
/// selector. Nothing panics; a following command keeps polling as time runs.
#[test]
fn console_formats_watches_and_waits_never_panic() {
    use ctrlscope::kubectl::console::{run, Polled};
    let mut s = examples_cluster();
    let pieces = [
        "{",
        "}",
        "[",
        "]",
        "(",
        ")",
        ".",
        "..",
        "*",
        "?",
        "@",
        "==",
        "!=",
        "<",
        ">=",
        ",",
        ":",
        "-1",
        "0",
        "2",
        "'",
        "\"",
        "\\",
        "range",
        "end",
        "items",
        "metadata",
        "name",
        "status",
        "conditions",
        "type",
        "\"Ready\"",
        "phase",
        "spec",
        "containers",
        "$",
        " ",
        "\\n",
        "é",
        "\u{3000}",
        "{.items[*]}",
        "{range .items[*]}",
        "{end}",
        "{\"\\t\"}",
    ];
    let kinds = [
        "pods",
        "jobs",
        "nodes",
        "events",
        "ds -A",
        "cronjobs",
        "controllerrevisions -A",
    ];
    let mut rng = Lcg(23);
    for i in 0..800 {
        let len = 1 + rng.below(16);
        let t: String = (0..len).map(|_| rng.pick(&pieces)).collect();
        let kind = rng.pick(&kinds);
        let cmd = match i % 8 {
            0 => format!("get {kind} -o jsonpath='{t}'"),
            1 => format!("get {kind} -o jsonpath-as-json='{t}'"),
            2 => format!("get {kind} -o custom-columns='A:{t},B:.metadata.name'"),
            3 => format!("get {kind} --sort-by='{t}'"),
            4 => format!(
                "get {kind} -w {} -l '{t}'",
                rng.pick(&[
                    "",
                    "--output-watch-events",
                    "--watch-only",
                    "-o name",
                    "-o yaml",
                    "-o wide"
                ])
            ),
            5 => format!(
                "wait {} --for={} --timeout={}",
                rng.pick(&["job/pi", "pods --all", "nodes -l a=b", "ds/x", "pod/", ""]),
                rng.pick(&[
                    "condition=Ready",
                    "condition=",
                    "delete",
                    "create",
                    "jsonpath=",
                    "jsonpath='{t}'=1",
                    "x"
                ]),
                rng.pick(&["0", "-1s", "5s", "30", "1h", "", "9999999999h"]),
            ),
            6 => format!(
                "delete {kind} -l '{t}' {}",
                rng.pick(&[
                    "",
                    "--cascade=orphan",
                    "--cascade=false",
                    "--cascade=x",
                    "--grace-period=0 --force",
                    "--grace-period=-9223372036854775808 --force",
                    "--grace-period=99999999999999999999",
                    "--grace-period=2147483648",
                    "--now --wait=false",
                    "--force"
                ])
            ),
            _ if i % 16 == 7 => format!("logs -l '{t}'"),
            _ => format!(
                "logs -f {}",
                rng.pick(&["job/pi", "pi", "pod/x", "job/", "job/hello", "'{t}'"])
            ),
        };
        // Tab completion of the same line (and of every prefix of it, cut at a char boundary).
        for (cut, _) in cmd.char_indices().chain([(cmd.len(), ' ')]) {
            let line = &cmd[..cut];
            let found = ctrlscope::kubectl::complete::complete(&s, line);
            let _ = ctrlscope::kubectl::complete::apply_completion(line, &found);
        }
        let mut r = run(&mut s, &cmd);
        if let Some(f) = r.follow.as_mut() {
            for _ in 0..3 {
                s.run_until(s.now() + ctrlscope::api::Duration::from_secs(7));
                if !matches!(f.poll(&mut s), Polled::More(_)) {
                    break;
                }
            }
            f.stop(&mut s);
        }
        if i % 100 == 0 {
            s.run_until(s.now() + ctrlscope::api::Duration::from_secs(30));
        }
    }
}

/// A flag word whose character after `-` is not ASCII (`-ｏ` from a Chinese input method, `-é`,
/// a group `-Aé`): pflag's unknown shorthand, never a cut inside a character (it panicked and
/// killed the page). Every command, each flag form, with and without `--record`.
#[test]
fn non_ascii_flags_never_panic_the_console() {
    use ctrlscope::kubectl::console::run;
    let mut s = examples_cluster();
    let commands = [
        "get pods",
        "describe jobs",
        "logs job/pi",
        "delete pod nope",
        "create job x --image=busybox",
        "patch job pi -p {}",
        "label nodes worker-1 a=b",
        "annotate nodes worker-1 a=b",
        "taint nodes worker-1 k=v:NoSchedule",
        "cordon worker-1",
        "drain worker-1",
        "rollout status ds/fluentd-elasticsearch",
        "set image ds/fluentd-elasticsearch a=b",
        "wait --for=condition=complete job/pi",
        "events",
        "version",
        "explain jobs",
        "top pods",
        "",
    ];
    let flags = [
        "-é",
        "-ｏ",
        "-ｏ yaml",
        "-Aé",
        "--é",
        "-é=x",
        "-nｏ",
        "-名字",
        "-ﬀ",
        "-\u{301}",
        "-é-",
    ];
    for c in commands {
        for f in flags {
            for record in ["", " --record"] {
                let line = format!("kubectl {c} {f}{record}");
                let r = run(&mut s, &line);
                assert!(!r.output.is_empty(), "{line}: no answer");
            }
        }
    }
    assert_eq!(
        run(&mut s, "get pods -ｏ yaml").output,
        "error: unknown shorthand flag: 'ｏ' in -ｏ\nSee 'kubectl get --help' for usage."
    );
}
