//! Every compiled-in lesson (`lessons/<id>/`, see README "Lessons and lesson authoring"):
//! it loads, its texts exist in both languages, its reference solution passes its own checks,
//! its starting manifest does not, its manifests are valid for a real cluster (except files
//! named `*-rejected.yaml`, which must be rejected), its suggested kubectl commands work, and
//! `ctrlscope lesson check` agrees with the library.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use ctrlscope::lessons::lint::{has_cjk, role, FileRole};
use ctrlscope::lessons::{self, describe_check, Check, Lesson};
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

/// Every compiled-in lesson keeps the rules `lesson check` says (lessons::lint): both
/// languages, Chinese paragraphs on one line, files in their roles, each step's kubectl
/// suggestion working at its step.
#[test]
fn every_lesson_keeps_the_lint() {
    for l in lessons() {
        let problems = lessons::lint::lint(&l);
        assert!(problems.is_empty(), "{}: {problems:#?}", l.id);
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
    lesson_from_files(files).unwrap_or_else(|e| panic!("{e}"))
}

fn lesson_from_files(files: &[(&str, &str)]) -> Result<Lesson, lessons::LessonError> {
    let files: BTreeMap<String, String> = files
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    lessons::load("test", files)
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
    // Mistakes that would make a check never pass (or pass whatever happens), or silently
    // drop one, are refused where they are written.
    let refused = |checks: &str| {
        let l = format!("{LESSON_HEAD}  run: 1m\n  checks:\n{checks}");
        lessons::load("x", files(&l)).unwrap_err()
    };
    let e = refused("    - finishedWithin: {job: pi, within: 1mm}\n");
    assert_eq!(
        e.file,
        format!("x/lesson.yaml:{}:41", LESSON_HEAD.lines().count() + 3)
    );
    assert!(
        e.message
            .starts_with("challenge.checks[0].finishedWithin.within: "),
        "{}",
        e.message
    );
    for (check, says) in [
        (
            "jobFinished: {job: pi, condition: Completed}",
            "Complete or Failed",
        ),
        (
            "jobCounts: {job: pi}",
            "expects nothing: give succeeded or failed",
        ),
        (
            "jobWaves: {job: pi, exactly: 2, atMost: 1}",
            "can never both hold",
        ),
        (
            "podCount: {owner: Job/pi, exactly: 1, atLeast: 3}",
            "can never all hold",
        ),
        ("podCount: {owner: Job/pi}", "expects nothing"),
        ("podLogs: {job: pi}", "expects nothing"),
        ("daemonSetCounts: {daemonset: d}", "expects nothing"),
        ("cronJobJobs: {cronjob: c}", "expects nothing"),
        (
            "minAvailable: {daemonset: d, atLeast: 0}",
            "passes whatever happens",
        ),
        (
            "deleted: {object: Job/pi, notBefore: 50s, within: 10s}",
            "can never pass",
        ),
    ] {
        let e = refused(&format!("    - valid\n    - {check}\n"));
        assert!(
            e.message.starts_with("challenge.checks[1]: "),
            "{check}: {}",
            e.message
        );
        assert!(e.message.contains(says), "{check}: {}", e.message);
    }
    let twice = format!("{LESSON_HEAD}  run: 1m\n  checks: [valid]\n  checks: [valid]\n");
    let e = lessons::load("x", files(&twice)).unwrap_err();
    assert!(
        e.message.contains("\"checks\" is given twice"),
        "{}",
        e.message
    );
    assert!(e.file.starts_with("x/lesson.yaml:"), "{}", e.file);
    // A scenario that does not read is the author's mistake, said with its file and place
    // (not five failed checks of the learner's manifest).
    let with_scenario =
        format!("{LESSON_HEAD}  scenario: kill.yaml\n  run: 1m\n  checks: [valid]\n");
    let mut f = files(&with_scenario);
    f.insert("kill.yaml".into(), "- at: 10s\n  failpod: x\n".into());
    let e = lessons::load("x", f).unwrap_err();
    assert_eq!(e.file, "x/kill.yaml:2:3");
    assert!(
        e.message.starts_with("unknown field `failpod`"),
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

/// `lesson check` says each rule a lesson folder breaks, with its place (lessons::lint):
/// what an author met only in `cargo test` before.
#[test]
fn the_lint_names_each_mistake() {
    let head = "order: 1
title: {en: Suspend, zh: Suspend}
summary: {en: S, zh: \"摘要第一行\\n摘要第二行\"}
manifest: job.yaml
steps:
  - title: {en: Step, zh: 步骤}
    text: {en: Text, zh: \"\"}
  - title: {en: Look, zh: 看看}
    text: {en: \"Look at ``kind` here\", zh: 看}
    run: 1m
    kubectl: kubectl getz pods
challenge:
  goal: {en: Goal, zh: 目标}
  solution: job.yaml
  applyAt: 5m
  run: 1m
  checks:
    - maxActivePods: {job: pi, atMost: 0}
";
    let l = lesson_from(&[
        ("lesson.yaml", head),
        ("job.yaml", PI),
        ("typo-rejected.yaml", PI),
        ("broken.yaml", "apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec: {template: {spec: {containers: [{name: a, image: b}], restartPolicy: Always}}}\n"),
        ("job.zh.yaml", &PI.replacen("name: pi\n", "name: 圆周率\n", 1)),
        ("lonely.zh.yaml", "# 孤单\n"),
    ]);
    let problems = lessons::lint::lint(&l).join("\n");
    for want in [
        "title.zh has no Chinese characters",
        "summary.zh: a Chinese paragraph is split across lines",
        "steps[0].text.zh is empty",
        "steps[1].text.en: a backtick opens no code span (one not closed, or closed by a run of another length): \"Look at ``kind` here\"",
        "steps[0] suggests neither a kubectl command, a run time nor a manifest",
        "typo-rejected.yaml: named *-rejected.yaml but the API server accepts it",
        "broken.yaml:4:76: invalid manifest: spec.template.spec.restartPolicy: Required value",
        "challenge.applyAt 5m is not before challenge.run 60s",
        "challenge.checks[0]: atMost 0 can never pass",
        "job.zh.yaml:",
        "job.zh.yaml:4: differs from job.yaml outside a comment: \"  name: 圆周率\"",
        "lonely.zh.yaml: translates lonely.yaml, which is not in the folder",
    ] {
        assert!(problems.contains(want), "{want:?} not in:\n{problems}");
    }
    // The steps run only when the files read; alone, a failing suggestion is named.
    let ok_head = head
        .replace("zh: Suspend}", "zh: 挂起}")
        .replace("\"摘要第一行\\n摘要第二行\"", "摘要")
        .replace("zh: \"\"}", "zh: 正文}\n    run: 10s")
        .replace("  applyAt: 5m\n", "")
        .replace("atMost: 0", "atMost: 1")
        .replace("``kind` here", "``kind`` here");
    let l = lesson_from(&[("lesson.yaml", &ok_head), ("job.yaml", PI)]);
    let problems = lessons::lint::lint(&l);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].starts_with("steps[1].kubectl `kubectl getz pods` fails at 60s with job.yaml: error: unknown command \"getz\""), "{}", problems[0]);
}

/// A step after one that loads a refused manifest runs on that refused manifest (the page
/// keeps it; its cluster is empty), so it must name its own: first-daemonset's step 3 said
/// "DESIRED is 3" over an empty cluster.
#[test]
fn the_lint_refuses_a_step_run_on_an_earlier_refused_manifest() {
    let lesson = "order: 1
title: {en: Pi, zh: 圆周率}
summary: {en: S, zh: 摘要}
manifest: job.yaml
steps:
  - title: {en: Refused, zh: 拒绝}
    text: {en: Refused, zh: 拒绝}
    manifest: always-rejected.yaml
  - title: {en: Look, zh: 看看}
    text: {en: Look, zh: 看}
    run: 10s
    kubectl: kubectl get jobs
challenge:
  goal: {en: Goal, zh: 目标}
  solution: job.yaml
  run: 1m
  checks:
    - maxActivePods: {job: pi, atMost: 1}
";
    let refused = PI.replace("restartPolicy: Never", "restartPolicy: Always");
    assert_ne!(refused, PI);
    let files = [
        ("lesson.yaml", lesson),
        ("job.yaml", PI),
        ("always-rejected.yaml", refused.as_str()),
    ];
    let problems = lessons::lint::lint(&lesson_from(&files));
    assert_eq!(
        problems,
        ["steps[1] runs on always-rejected.yaml, refused by the API server at an earlier step: give it its own manifest"]
    );
    let fixed = lesson.replace(
        "    run: 10s
",
        "    manifest: job.yaml
    run: 10s
",
    );
    let files = [
        ("lesson.yaml", fixed.as_str()),
        ("job.yaml", PI),
        ("always-rejected.yaml", refused.as_str()),
    ];
    assert_eq!(
        lessons::lint::lint(&lesson_from(&files)),
        Vec::<String>::new()
    );
    // A check the page would run for days while the student waits.
    let long = fixed.replace("  run: 1m\n", "  run: 2d\n");
    let files = [
        ("lesson.yaml", long.as_str()),
        ("job.yaml", PI),
        ("always-rejected.yaml", refused.as_str()),
    ];
    assert_eq!(
        lessons::lint::lint(&lesson_from(&files)),
        ["challenge.run 2d is longer than a day: the page runs the check while the student waits"]
    );
}

/// `field`: what `kubectl get KIND NAME -o jsonpath=PATH` prints for the object at the end; a
/// template that does not parse is refused when the lesson loads.
#[test]
fn the_field_check_reads_the_object_at_the_end() {
    let lesson = |check: &str| format!("{LESSON_HEAD}  run: 1m\n  checks:\n    - {check}\n");
    let l = lesson_from(&[
        (
            "lesson.yaml",
            &lesson("field: {object: Job/pi, path: \"{.spec.backoffLimit}\", equals: \"6\"}"),
        ),
        ("job.yaml", PI),
    ]);
    let report = lessons::check(&l, PI);
    assert!(report.passed, "{:?}", report.outcomes);
    let l = lesson_from(&[
        (
            "lesson.yaml",
            &lesson("field: {object: Job/pi, path: \"{.spec.suspend}\", equals: \"true\"}"),
        ),
        ("job.yaml", PI),
    ]);
    let report = lessons::check(&l, PI);
    assert!(!report.passed);
    assert_eq!(report.outcomes[0].detail.en, "{.spec.suspend} is \"false\"");
    assert_eq!(
        describe_check(&report.outcomes[0].check, "en"),
        "Job/pi's {.spec.suspend} is \"true\""
    );
    let files: BTreeMap<String, String> = [
        (
            "lesson.yaml",
            lesson("field: {object: Job/pi, path: \"{.spec[\", equals: x}"),
        ),
        ("job.yaml", PI.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let e = lessons::load("test", files).unwrap_err();
    assert!(
        e.message.starts_with("challenge.checks[0].field.path: "),
        "{}",
        e.message
    );
}

/// `deleted`: the object existed and then went, between `notBefore` and `within`: a Job's
/// ttlSecondsAfterFinished, as a course author asked for.
#[test]
fn the_deleted_check_times_a_ttl() {
    let job = |ttl: &str| {
        format!("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: report\nspec:\n{ttl}  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: 20s\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: r\n        image: busybox\n        command: [sleep, \"20\"]\n")
    };
    let head = LESSON_HEAD.replace("job.yaml", "report.yaml");
    let l = lesson_from(&[
        (
            "lesson.yaml",
            &format!("{head}  run: 3m\n  checks:\n    - deleted: {{object: Job/report, notBefore: 110s, within: 140s}}\n"),
        ),
        ("report.yaml", &job("  ttlSecondsAfterFinished: 100\n")),
    ]);
    let passed = |ttl: &str| {
        let r = lessons::check(&l, &job(ttl));
        (r.passed, r.outcomes[0].detail.en.clone())
    };
    let (ok, detail) = passed("  ttlSecondsAfterFinished: 100\n");
    assert!(ok, "{detail}");
    assert!(
        detail.starts_with("Job/report was deleted at 2m2s"),
        "{detail}"
    );
    let (ok, detail) = passed("  ttlSecondsAfterFinished: 0\n");
    assert!(
        !ok && detail.starts_with("Job/report was deleted at 2") && !detail.contains("m"),
        "{detail}"
    );
    assert_eq!(
        passed(""),
        (false, "Job/report was not deleted".to_string())
    );
    assert_eq!(
        describe_check(&l.challenge.checks[0], "en"),
        "Job/report is deleted between 110s and 140s"
    );
}

/// On the Chinese page the editor shows each lesson manifest with its comments in Chinese
/// (`NAME.zh.yaml`); the YAML is the same, line for line, so errors keep their positions.
#[test]
fn every_editor_manifest_has_chinese_comments() {
    for l in lessons() {
        let mut names = vec![l.manifest.clone()];
        names.extend(l.steps.iter().filter_map(|s| s.manifest.clone()));
        for name in names {
            let en = l.file(&name, "en").expect("in the folder");
            let zh = l.file(&name, "zh").expect("in the folder");
            assert_eq!(en, &l.files[&name], "{}/{name}", l.id);
            assert_ne!(en, zh, "{}/{name} has no NAME.zh.yaml", l.id);
            for line in zh.lines().filter(|x| x.trim_start().starts_with('#')) {
                assert!(
                    has_cjk(line),
                    "{}/{name}: an English comment on the Chinese page: {line}",
                    l.id
                );
            }
            assert_eq!(en.lines().count(), zh.lines().count(), "{}/{name}", l.id);
        }
    }
}

/// A bare number of seconds is a duration in lesson.yaml as in a scenario (`at: 90`).
#[test]
fn durations_may_be_bare_numbers() {
    let head = format!(
        "{LESSON_HEAD}  run: 300\n  checks:\n    - finishedWithin: {{job: pi, within: 90}}\n"
    );
    let l = lesson_from(&[("lesson.yaml", &head), ("job.yaml", PI)]);
    assert_eq!(l.challenge.run, "300");
    assert!(
        lessons::lint::lint(&l)
            .iter()
            .all(|p| !p.contains("within")),
        "{:?}",
        lessons::lint::lint(&l)
    );
}

/// A misspelt simulation hint is named by the lint, as `validate` notes it.
#[test]
fn misspelt_hints_are_named() {
    let job = PI.replace(
        "  template:\n",
        "  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/exitcodes: \"1\"\n",
    );
    assert_ne!(job, PI);
    let head = format!(
        "{LESSON_HEAD}  run: 1m\n  checks:\n    - finishedWithin: {{job: pi, within: 1m}}\n"
    );
    let l = lesson_from(&[("lesson.yaml", &head), ("job.yaml", &job)]);
    let problems = lessons::lint::lint(&l).join("\n");
    assert!(
        problems.contains("job.yaml: spec.template.metadata.annotations[sim.ctrlscope.dev/exitcodes] is accepted but not simulated by CtrlScope"),
        "{problems}"
    );
}

/// Why `lesson.yaml` (with the pi Job beside it) does not load.
fn load_error(lesson_yaml: &str) -> String {
    let l = lesson_from_files(&[("lesson.yaml", lesson_yaml), ("job.yaml", PI)]);
    l.unwrap_err().to_string()
}

/// A check that waits for a time the challenge's run never reaches can never pass.
#[test]
fn checks_past_the_run_are_refused() {
    let head = format!(
        "{LESSON_HEAD}  run: 5m\n  checks:\n    - maxActivePods: {{job: pi, atMost: 1, since: 6m}}\n"
    );
    let e = load_error(&head);
    assert!(
        e.contains("challenge.checks[0].maxActivePods.since: 6m is after challenge.run 5m: the check can never pass"),
        "{e}"
    );
    let head = format!(
        "{LESSON_HEAD}  run: 5m\n  checks:\n    - field: {{object: Job/pi, path: .spec.backoffLimit, equals: \"1\"}}\n"
    );
    let e = load_error(&head);
    assert!(e.contains("\".spec.backoffLimit\" has no {…}"), "{e}");
}

/// A step that runs on its own refused manifest runs nothing; a `kubectl wait` not decided by
/// the step's run time is said to be waiting, not to print nothing.
#[test]
fn steps_on_refused_manifests_and_undecided_waits_are_named() {
    let broken = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec: {template: {spec: {containers: [{name: a, image: b}], restartPolicy: Always}}}\n";
    let head = "order: 1
title: {en: T, zh: 标题}
summary: {en: S, zh: 摘要}
manifest: job.yaml
steps:
  - title: {en: Refused, zh: 拒绝}
    text: {en: Text, zh: 正文}
    manifest: x-rejected.yaml
    run: 1m
  - title: {en: Wait, zh: 等待}
    text: {en: Text, zh: 正文}
    manifest: job.yaml
    run: 1s
    kubectl: kubectl wait --for=condition=complete job/pi --timeout=5m
challenge:
  goal: {en: Goal, zh: 目标}
  solution: job.yaml
  run: 5m
  checks:
    - finishedWithin: {job: pi, within: 5m}
";
    let l = lesson_from(&[
        ("lesson.yaml", head),
        ("job.yaml", PI),
        ("x-rejected.yaml", broken),
    ]);
    let problems = lessons::lint::lint(&l).join("\n");
    for want in [
        "steps[0] runs on x-rejected.yaml, which the API server refuses: its cluster is empty",
        "steps[1].kubectl `kubectl wait --for=condition=complete job/pi --timeout=5m` is still waiting at 1s",
    ] {
        assert!(problems.contains(want), "{want:?} not in:\n{problems}");
    }
}
