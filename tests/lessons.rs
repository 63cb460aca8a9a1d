//! Every compiled-in lesson (`lessons/<id>/`, see README "Lessons and lesson authoring"):
//! it loads, its texts exist in both languages, its reference solution passes its own checks,
//! its starting manifest does not, its manifests are valid for a real cluster (except files
//! named `*-rejected.yaml`, which must be rejected), its suggested kubectl commands work, and
//! `ctrlscope lesson check` agrees with the library.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use ctrlscope::api::{parse_duration, Duration, Object};
use ctrlscope::kubectl::console;
use ctrlscope::lessons::{self, describe_check, Check, Lesson, Text};
use ctrlscope::manifest::parse_manifests;
use ctrlscope::sim::scenario::parse_scenario;
use ctrlscope::sim::{SimConfig, Simulation};
use serde::Deserialize;

/// The lessons issue 6 asks for, in curriculum order.
const CURRICULUM: [&str; 11] = [
    "first-job",
    "parallel-job",
    "failures",
    "deadlines-cleanup",
    "first-cronjob",
    "overlapping-runs",
    "first-daemonset",
    "nodes-come-and-go",
    "updating-daemonset",
    "lost-node",
    "inside-a-controller",
];

fn lessons() -> Vec<Lesson> {
    lessons::all()
        .into_iter()
        .map(|l| l.unwrap_or_else(|e| panic!("lesson failed to load: {e}")))
        .collect()
}

/// What a lesson folder's file is, by its name.
#[derive(Debug, PartialEq)]
enum FileRole {
    /// `lesson.yaml`: the lesson itself.
    Lesson,
    /// `*.md`: notes for authors, not loaded as YAML.
    Notes,
    /// `*.scenario.yaml`: timed actions.
    Scenario,
    /// `*-rejected.yaml`: a manifest the API server must reject (a lesson shows the error).
    Rejected,
    /// Any other `*.yaml`/`*.yml`: a manifest valid for a real cluster.
    Manifest,
}

fn role(name: &str) -> FileRole {
    if name == "lesson.yaml" {
        FileRole::Lesson
    } else if name.ends_with(".md") {
        FileRole::Notes
    } else if name.ends_with(".scenario.yaml") || name.ends_with(".scenario.yml") {
        FileRole::Scenario
    } else if name.ends_with("-rejected.yaml") || name.ends_with("-rejected.yml") {
        FileRole::Rejected
    } else {
        FileRole::Manifest
    }
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn check_text(lesson: &str, what: &str, t: &Text) {
    assert!(!t.en.trim().is_empty(), "{lesson}: {what}.en is empty");
    assert!(!t.zh.trim().is_empty(), "{lesson}: {what}.zh is empty");
    assert!(
        has_cjk(&t.zh),
        "{lesson}: {what}.zh has no Chinese: {:?}",
        t.zh
    );
    assert_ne!(
        t.en.trim(),
        t.zh.trim(),
        "{lesson}: {what} is not translated"
    );
}

#[test]
fn the_curriculum_is_compiled_in_and_loads() {
    let all = lessons::all();
    for l in &all {
        if let Err(e) = l {
            panic!("lesson failed to load: {e}");
        }
    }
    let ids: Vec<String> = lessons().into_iter().map(|l| l.id).collect();
    for id in CURRICULUM {
        assert!(
            ids.iter().any(|i| i == id),
            "lesson {id} is missing; have {ids:?}"
        );
    }
    for id in &ids {
        assert!(lessons::find(id).is_some(), "find({id}) found nothing");
    }
}

#[test]
fn ids_are_unique_and_order_is_one_to_n() {
    let all = lessons();
    let ids: BTreeSet<&str> = all.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids.len(), all.len(), "duplicate lesson ids");
    let orders: Vec<u32> = all.iter().map(|l| l.order).collect();
    let want: Vec<u32> = (1..=all.len() as u32).collect();
    assert_eq!(
        orders, want,
        "order must be 1..=N without gaps or repeats (sorted by order)"
    );
    let ids_in_order: Vec<&str> = all.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(
        ids_in_order[..CURRICULUM.len()],
        CURRICULUM[..],
        "curriculum order"
    );
}

#[test]
fn every_text_exists_in_both_languages() {
    for l in lessons() {
        let id = l.id.as_str();
        check_text(id, "title", &l.title);
        check_text(id, "summary", &l.summary);
        if let Some(n) = &l.lecture_note {
            check_text(id, "lectureNote", n);
        }
        check_text(id, "challenge.goal", &l.challenge.goal);
        assert!(!l.steps.is_empty(), "{id}: no steps");
        for (i, s) in l.steps.iter().enumerate() {
            check_text(id, &format!("steps[{i}].title"), &s.title);
            check_text(id, &format!("steps[{i}].text"), &s.text);
            assert!(
                s.kubectl.is_some() || s.run.is_some() || s.manifest.is_some(),
                "{id}: steps[{i}] suggests neither a kubectl command, a run time nor a manifest"
            );
            if let Some(k) = &s.kubectl {
                assert!(k.starts_with("kubectl "), "{id}: steps[{i}].kubectl {k:?}");
            }
        }
        assert!(
            !l.challenge.checks.is_empty(),
            "{id}: the challenge has no checks"
        );
        for c in &l.challenge.checks {
            let en = describe_check(c, "en");
            let zh = describe_check(c, "zh");
            assert!(
                !en.trim().is_empty() && !zh.trim().is_empty(),
                "{id}: {c:?} has no description"
            );
            assert!(
                has_cjk(&zh),
                "{id}: {c:?} has no Chinese description: {zh:?}"
            );
        }
    }
}

#[test]
fn chinese_paragraphs_are_not_broken_by_single_newlines() {
    // A single newline inside a paragraph renders as a space, which is wrong between CJK
    // characters; Chinese paragraphs are written on one line each.
    for l in lessons() {
        let mut texts = vec![&l.summary.zh, &l.title.zh, &l.challenge.goal.zh];
        texts.extend(l.lecture_note.as_ref().map(|n| &n.zh));
        for s in &l.steps {
            texts.push(&s.text.zh);
            texts.push(&s.title.zh);
        }
        for t in texts {
            let t = t.trim();
            let lines: Vec<&str> = t.split('\n').collect();
            for w in lines.windows(2) {
                assert!(
                    w[0].trim().is_empty() || w[1].trim().is_empty(),
                    "{}: a Chinese paragraph is split across lines: {:?} / {:?}",
                    l.id,
                    w[0],
                    w[1]
                );
            }
        }
    }
}

#[test]
fn reference_solutions_pass_and_starting_manifests_do_not() {
    for l in lessons() {
        let solution = &l.files[&l.challenge.solution];
        let report = lessons::check(&l, solution);
        for o in &report.outcomes {
            assert!(
                o.passed,
                "{}: the reference solution fails {}: {}",
                l.id,
                describe_check(&o.check, "en"),
                o.detail.en
            );
            assert!(
                !o.detail.en.trim().is_empty() && has_cjk(&o.detail.zh),
                "{}: {:?} detail",
                l.id,
                o.check
            );
        }
        assert!(
            report.passed,
            "{}: the reference solution does not pass",
            l.id
        );
        assert_eq!(report.outcomes.len(), l.challenge.checks.len());

        let start = &l.files[&l.manifest];
        assert_ne!(
            start.trim(),
            solution.trim(),
            "{}: the solution is the starting manifest",
            l.id
        );
        let report = lessons::check(&l, start);
        assert!(
            !report.passed,
            "{}: the starting manifest already passes the challenge",
            l.id
        );
        // The challenge must ask for a change of the manifest, not only for validity.
        assert!(
            report
                .outcomes
                .iter()
                .any(|o| !o.passed && o.check != Check::Valid),
            "{}: the starting manifest fails only by being invalid",
            l.id
        );
    }
}

#[test]
fn checks_are_deterministic() {
    for l in lessons() {
        let solution = &l.files[&l.challenge.solution];
        assert_eq!(
            lessons::check(&l, solution),
            lessons::check(&l, solution),
            "{}",
            l.id
        );
    }
}

#[test]
fn every_file_in_a_lesson_folder_has_a_role_and_parses() {
    for l in lessons() {
        let load = |name: &str| {
            l.files
                .get(name)
                .cloned()
                .ok_or_else(|| format!("{name}: no such file"))
        };
        for (name, src) in &l.files {
            match role(name) {
                FileRole::Lesson | FileRole::Notes => {}
                FileRole::Scenario => {
                    if let Err(e) = parse_scenario(src, &load) {
                        panic!("{}/{name}: invalid scenario: {e:?}", l.id);
                    }
                }
                FileRole::Rejected => {
                    let errs = parse_manifests(src).err().unwrap_or_else(|| {
                        panic!(
                            "{}/{name}: named *-rejected.yaml but the API server accepts it",
                            l.id
                        )
                    });
                    assert!(!errs.is_empty());
                }
                FileRole::Manifest => {
                    let objs = parse_manifests(src).unwrap_or_else(|e| {
                        let e: Vec<String> = e.iter().map(|e| format!("{}:{}: {}", e.line, e.column, e.message)).collect();
                        panic!("{}/{name}: invalid manifest: {e:?} (name it *-rejected.yaml if that is the point)", l.id)
                    });
                    assert!(!objs.is_empty(), "{}/{name}: no objects", l.id);
                    assert!(
                        objs.iter().all(|o| !matches!(o, Object::Node(_) | Object::Pod(_))),
                        "{}/{name}: lesson manifests hold workloads; nodes come from the default cluster or a scenario",
                        l.id
                    );
                }
            }
        }
        // The files the lesson names have the role their use needs.
        for name in [&l.manifest, &l.challenge.solution]
            .into_iter()
            .chain(l.challenge.baseline.as_ref())
        {
            assert_eq!(
                role(name),
                FileRole::Manifest,
                "{}: {name} must be a valid manifest",
                l.id
            );
        }
        if let Some(s) = &l.challenge.scenario {
            assert_eq!(
                role(s),
                FileRole::Scenario,
                "{}: {s} must be named *.scenario.yaml",
                l.id
            );
        }
        for s in &l.steps {
            if let Some(m) = &s.manifest {
                assert!(
                    matches!(role(m), FileRole::Manifest | FileRole::Rejected),
                    "{}: step manifest {m}",
                    l.id
                );
            }
        }
    }
}

/// Sim hints live only in `metadata.annotations` (a real cluster ignores annotations).
#[test]
fn simulation_hints_are_only_annotations() {
    fn walk(v: &serde_yaml::Value, path: &mut Vec<String>, file: &str) {
        match v {
            serde_yaml::Value::Mapping(m) => {
                for (k, v) in m {
                    let k = k.as_str().unwrap_or_default().to_string();
                    if k.starts_with("sim.ctrlscope.dev/") || k.contains("ctrlscope") {
                        let n = path.len();
                        assert!(
                            n >= 2 && path[n - 1] == "annotations" && path[n - 2] == "metadata",
                            "{file}: {k} outside metadata.annotations (at {})",
                            path.join(".")
                        );
                    }
                    path.push(k);
                    walk(v, path, file);
                    path.pop();
                }
            }
            serde_yaml::Value::Sequence(s) => {
                for v in s {
                    walk(v, path, file);
                }
            }
            _ => {}
        }
    }
    for l in lessons() {
        for (name, src) in &l.files {
            if !matches!(role(name), FileRole::Manifest | FileRole::Rejected) {
                continue;
            }
            for doc in serde_yaml::Deserializer::from_str(src) {
                let v = serde_yaml::Value::deserialize(doc)
                    .unwrap_or_else(|e| panic!("{}/{name}: {e}", l.id));
                walk(&v, &mut Vec::new(), &format!("{}/{name}", l.id));
            }
        }
    }
}

#[test]
fn the_folders_on_disk_are_what_is_compiled_in() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let mut on_disk: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for dir in std::fs::read_dir(&root).unwrap().flatten() {
        if !dir.path().is_dir() {
            continue;
        }
        let id = dir.file_name().to_string_lossy().to_string();
        let files = on_disk.entry(id).or_default();
        for f in std::fs::read_dir(dir.path()).unwrap().flatten() {
            let n = f.file_name().to_string_lossy().to_string();
            if n.ends_with(".yaml") || n.ends_with(".yml") || n.ends_with(".md") {
                files.insert(n);
            }
        }
    }
    let compiled: BTreeMap<String, BTreeSet<String>> = lessons()
        .into_iter()
        .map(|l| (l.id.clone(), l.files.keys().cloned().collect()))
        .collect();
    assert_eq!(
        on_disk, compiled,
        "rebuild: build.rs compiles lessons/ into the binary"
    );
}

/// Applies a manifest the way a step does (on the default cluster, with the challenge's
/// scenario), runs to the step's time and runs its kubectl suggestion in the console.
#[test]
fn every_suggested_kubectl_command_works_at_its_step() {
    for l in lessons() {
        let load = |name: &str| {
            l.files
                .get(name)
                .cloned()
                .ok_or_else(|| format!("{name}: no such file"))
        };
        let actions = match &l.challenge.scenario {
            Some(s) => parse_scenario(&l.files[s], &load).unwrap(),
            None => Vec::new(),
        };
        let mut current = l.manifest.clone();
        for (i, s) in l.steps.iter().enumerate() {
            if let Some(m) = &s.manifest {
                current = m.clone();
            }
            let Some(cmd) = &s.kubectl else { continue };
            let mut sim = Simulation::new(SimConfig::default());
            sim.add_default_nodes();
            if let Ok(objs) = parse_manifests(&l.files[&current]) {
                for o in objs {
                    sim.apply(o).unwrap();
                }
            }
            let start = sim.cluster.start;
            let run = s
                .run
                .as_deref()
                .map(|r| parse_duration(r).unwrap())
                .unwrap_or(Duration::ZERO);
            sim.run_until(start);
            for a in actions.iter().filter(|a| a.at <= run) {
                sim.run_until(start + a.at);
                let _ = sim.perform(&a.action);
            }
            sim.run_until(start + run);
            let out = console::run(&mut sim, cmd);
            if std::env::var_os("LESSON_STEPS_PRINT").is_some() {
                eprintln!("==== {} steps[{i}] t={run:?} $ {cmd}\n{}", l.id, out.output);
            }
            assert!(
                !out.error,
                "{}: steps[{i}] `{cmd}` at {run:?} with {current}: {}",
                l.id, out.output
            );
            assert!(
                !out.output.trim().is_empty(),
                "{}: steps[{i}] `{cmd}` printed nothing",
                l.id
            );
        }
    }
}

#[test]
fn lesson_check_on_the_command_line_agrees() {
    let bin = env!("CARGO_BIN_EXE_ctrlscope");
    let root = env!("CARGO_MANIFEST_DIR");
    let list = Command::new(bin)
        .args(["lesson", "list"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(list.status.success());
    let list = String::from_utf8_lossy(&list.stdout);
    for l in lessons() {
        assert!(list.contains(&l.id), "lesson list misses {}", l.id);
        let dir = format!("lessons/{}", l.id);
        let out = Command::new(bin)
            .args(["lesson", "check", &dir])
            .current_dir(root)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {stdout}{}",
            l.id,
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.trim_end().ends_with("challenge passed"),
            "{}: {stdout}",
            l.id
        );
        assert_eq!(
            stdout.matches("  PASS  ").count(),
            l.challenge.checks.len(),
            "{}: {stdout}",
            l.id
        );

        let start = format!("{dir}/{}", l.manifest);
        let out = Command::new(bin)
            .args(["lesson", "check", &dir, "--manifest", &start])
            .current_dir(root)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}: the starting manifest passes on the CLI: {stdout}",
            l.id
        );
        let lib = lessons::check(&l, &l.files[&l.manifest]);
        assert_eq!(
            stdout.matches("  FAIL  ").count(),
            lib.outcomes.iter().filter(|o| !o.passed).count(),
            "{}: {stdout}",
            l.id
        );
    }
}

// --- The check engine itself, on small in-memory lessons. ---

fn lesson_from(files: &[(&str, &str)]) -> Lesson {
    let files: BTreeMap<String, String> = files
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    lessons::load("test", files).unwrap_or_else(|e| panic!("{e}"))
}

const LESSON_HEAD: &str = "order: 1
title: {en: T, zh: 标题}
summary: {en: S, zh: 摘要}
manifest: job.yaml
steps:
  - title: {en: Step, zh: 步骤}
    text: {en: Text, zh: 正文}
challenge:
  goal: {en: Goal, zh: 目标}
  solution: job.yaml
";

const PI: &str = "apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: [\"perl\", \"-Mbignum=bpi\", \"-wle\", \"print bpi(10)\"]
      restartPolicy: Never
";

#[test]
fn the_rejected_check_passes_only_on_the_api_servers_refusal() {
    let l = lesson_from(&[
        (
            "lesson.yaml",
            &format!(
                "{LESSON_HEAD}  run: 1m\n  checks:\n    - rejected: {{contains: restartPolicy}}\n"
            ),
        ),
        ("job.yaml", PI),
    ]);
    assert!(!lessons::check(&l, PI).passed);
    let always = PI.replace("restartPolicy: Never", "restartPolicy: Always");
    let r = lessons::check(&l, &always);
    assert!(r.passed, "{r:?}");
    assert!(r.outcomes[0].detail.en.contains("Required value"), "{r:?}");
    let bad_name = PI
        .replace("name: pi", "name: Pi")
        .replace("restartPolicy: Never", "restartPolicy: Always");
    assert!(
        lessons::check(&l, &bad_name).passed,
        "any of the errors may match"
    );
    let other = PI.replace("name: pi", "name: Pi");
    assert!(
        !lessons::check(&l, &other).passed,
        "a different error does not match"
    );
}

#[test]
fn log_exists_and_pod_count_checks() {
    let l = lesson_from(&[
        (
            "lesson.yaml",
            &format!(
                "{LESSON_HEAD}  run: 2m\n  checks:\n    - podLogs: {{job: pi, equals: \"3.141592654\"}}\n    - podLogs: {{job: pi, contains: \"3.14\"}}\n    - exists: {{object: Job/pi}}\n    - exists: {{object: job/other, present: false}}\n    - podCount: {{owner: Job/pi, exactly: 1, image: \"perl:5.34.0\"}}\n    - event: {{reason: Completed, object: Job/pi, within: 30s}}\n"
            ),
        ),
        ("job.yaml", PI),
    ]);
    let r = lessons::check(&l, PI);
    assert!(r.passed, "{r:#?}");
    let r = lessons::check(&l, &PI.replace("bpi(10)", "bpi(11)"));
    let failed: Vec<usize> = r
        .outcomes
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.passed)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(failed, vec![0], "{r:#?}");
}

#[test]
fn baseline_and_apply_at_make_the_manifest_an_update() {
    let lesson = format!(
        "{LESSON_HEAD}  baseline: job.yaml\n  applyAt: 5s\n  run: 1m\n  checks:\n    - valid\n    - jobFinished: {{job: pi, condition: Complete}}\n"
    );
    let l = lesson_from(&[("lesson.yaml", &lesson), ("job.yaml", PI)]);
    assert!(
        lessons::check(&l, PI).passed,
        "re-applying the same Job is unchanged"
    );
    // The pod template of a Job is immutable: the update is refused, like `kubectl apply`.
    let changed = PI.replace("bpi(10)", "bpi(20)");
    let r = lessons::check(&l, &changed);
    assert!(!r.passed);
    assert!(
        r.outcomes[0].detail.en.contains("field is immutable"),
        "{r:#?}"
    );
    // Without a baseline the same manifest is a plain create.
    let plain = format!("{LESSON_HEAD}  run: 1m\n  checks:\n    - valid\n");
    assert!(
        lessons::check(
            &lesson_from(&[("lesson.yaml", &plain), ("job.yaml", PI)]),
            &changed
        )
        .passed
    );
}

#[test]
fn loading_reports_bad_lessons() {
    let files = |lesson: &str| -> BTreeMap<String, String> {
        [("lesson.yaml", lesson), ("job.yaml", PI)]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let missing = format!("{LESSON_HEAD}  baseline: nope.yaml\n  run: 1m\n  checks: [valid]\n");
    assert!(lessons::load("x", files(&missing))
        .unwrap_err()
        .message
        .contains("nope.yaml"));
    let bad_time = format!("{LESSON_HEAD}  applyAt: soon\n  run: 1m\n  checks: [valid]\n");
    assert!(lessons::load("x", files(&bad_time))
        .unwrap_err()
        .message
        .contains("applyAt"));
    let bad_ref = format!("{LESSON_HEAD}  run: 1m\n  checks:\n    - exists: {{object: pi}}\n");
    assert!(lessons::load("x", files(&bad_ref))
        .unwrap_err()
        .message
        .contains("Kind/name"));
    let unknown = format!("{LESSON_HEAD}  run: 1m\n  checks:\n    - teleport: {{job: pi}}\n");
    assert!(lessons::load("x", files(&unknown)).is_err());
    // A scenario that does not read is the author's mistake, said with its file and place
    // (not five failed checks of the learner's manifest).
    let with_scenario =
        format!("{LESSON_HEAD}  scenario: kill.yaml\n  run: 1m\n  checks: [valid]\n");
    let mut f = files(&with_scenario);
    f.insert("kill.yaml".into(), "- at: 10s\n  failpod: x\n".into());
    let e = lessons::load("x", f).unwrap_err();
    assert_eq!(e.file, "x/kill.yaml");
    assert!(
        e.message.starts_with("2:3: unknown field `failpod`"),
        "{}",
        e.message
    );
}

/// A daemon pod missing from a node says why, as the DaemonSet controller decides it
/// (NodeShouldRunDaemonPod): the taint the template does not tolerate, or its nodeSelector.
#[test]
fn a_missing_daemon_pod_check_names_the_reason() {
    let l = lessons()
        .into_iter()
        .find(|l| l.id == "first-daemonset")
        .expect("first-daemonset");
    let report = lessons::check(&l, &l.files[&l.manifest]);
    let detail = report
        .outcomes
        .iter()
        .find(|o| matches!(o.check, Check::DaemonPodOnNode { .. }))
        .map(|o| o.detail.clone())
        .expect("a daemonPodOnNode check");
    assert_eq!(
        detail.en,
        "no daemon pod on control-plane: control-plane has the taint node-role.kubernetes.io/control-plane:NoSchedule, which the template's tolerations do not tolerate"
    );
    assert!(
        detail
            .zh
            .contains("node-role.kubernetes.io/control-plane:NoSchedule"),
        "{}",
        detail.zh
    );
}

/// A baseline the API server refuses is the lesson's fault: every check fails with that
/// message instead of silently running without it.
#[test]
fn a_baseline_the_api_server_refuses_fails_every_check_with_its_reason() {
    let changed = PI.replace("perl:5.34.0", "perl:5.36.0");
    let l = lesson_from(&[
        (
            "lesson.yaml",
            &format!(
                "{LESSON_HEAD}  baseline: base.yaml\n  run: 1m\n  checks:\n    - exists: {{object: Job/pi}}\n"
            ),
        ),
        ("job.yaml", PI),
        ("base.yaml", &format!("{PI}---\n{changed}")),
    ]);
    let r = lessons::check(&l, PI);
    assert!(!r.passed);
    let why = &r.outcomes[0].detail.en;
    assert!(
        why.starts_with("lesson baseline cannot be applied: ")
            && why.contains("field is immutable"),
        "{why}"
    );
}
