//! Lessons as data: `lessons/<id>/lesson.yaml` (bilingual text, steps, a challenge with checks)
//! plus the manifests it names. `build.rs` compiles every lesson folder into the binary, so adding
//! a lesson needs no Rust change. [`check`] runs a challenge headlessly against the simulation.

pub mod checks;
pub mod lint;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use checks::{check, describe as describe_check, CheckOutcome, CheckReport};

use crate::api::parse_duration;

/// Every file under `lessons/`, as (path relative to `lessons/`, contents), compiled in.
pub static FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/lesson_files.rs"));

/// Text in each UI language.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn get(&self, lang: &str) -> &str {
        if lang == "zh" {
            &self.zh
        } else {
            &self.en
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Lesson {
    /// The folder name; set by the loader.
    #[serde(default)]
    pub id: String,
    /// Position in the curriculum.
    pub order: u32,
    pub title: Text,
    pub summary: Text,
    /// The manifest the editor starts with (a file in the lesson folder).
    pub manifest: String,
    /// Where the lecture says something else than Kubernetes does (shown as a callout).
    #[serde(default)]
    pub lecture_note: Option<Text>,
    pub steps: Vec<Step>,
    pub challenge: Challenge,
    /// File contents of the lesson folder, by file name; set by the loader.
    #[serde(skip)]
    pub files: BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Step {
    pub title: Text,
    /// Plain text with `code` spans and blank-line paragraphs.
    pub text: Text,
    /// A manifest file to load into the editor at this step (optional).
    #[serde(default)]
    pub manifest: Option<String>,
    /// How far to run the clock for this step (`"2m"`), as a hint for the Play button.
    #[serde(default)]
    pub run: Option<String>,
    /// A kubectl command to suggest in the console.
    #[serde(default)]
    pub kubectl: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Challenge {
    pub goal: Text,
    /// The reference solution (a manifest file in the lesson folder).
    pub solution: String,
    /// Timed actions applied on top of the learner's manifest (a scenario file), if any. Its
    /// `apply: FILE` entries may name other files of the lesson folder.
    #[serde(default)]
    pub scenario: Option<String>,
    /// A manifest file of the lesson folder that is already running when the check starts: it
    /// is applied at t=0, before the learner's manifest. With `applyAt`, the learner's manifest
    /// becomes an update of these objects (`kubectl apply` over a running DaemonSet or Job).
    #[serde(default)]
    pub baseline: Option<String>,
    /// When the learner's manifest is applied (`"1m"`); default at once (t=0). An update of an
    /// existing object is validated like one (`field is immutable`).
    #[serde(default)]
    pub apply_at: Option<String>,
    /// Virtual time the check runs for.
    pub run: String,
    pub checks: Vec<Check>,
}

/// One machine-checked condition. Each is evaluated after every simulation step (`always`
/// kinds) or at the end of the run (the others).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Check {
    /// The manifest must be valid (no API-server errors).
    Valid,
    /// The manifest must be rejected, with an error containing this text.
    Rejected { contains: String },
    /// The Job finished with this condition (`Complete` or `Failed`), optionally with a reason.
    JobFinished {
        job: String,
        condition: String,
        #[serde(default)]
        reason: Option<String>,
    },
    /// The Job's status counters at the end.
    JobCounts {
        job: String,
        #[serde(default)]
        succeeded: Option<i32>,
        #[serde(default)]
        failed: Option<i32>,
    },
    /// The Job's pods were created in at most / exactly this many distinct instants.
    JobWaves {
        job: String,
        #[serde(default)]
        at_most: Option<usize>,
        #[serde(default)]
        exactly: Option<usize>,
    },
    /// Never more than this many active pods of the Job (checked at every step), counted from
    /// `since` (a time from the start; default the whole run).
    MaxActivePods {
        job: String,
        at_most: usize,
        #[serde(default)]
        since: Option<String>,
    },
    /// The Job finished within this virtual time.
    FinishedWithin { job: String, within: String },
    /// An Event with this reason (about this object, `Kind/name`) was recorded, or was not;
    /// with `within`, recorded no later than that time from the start.
    Event {
        reason: String,
        #[serde(default)]
        object: Option<String>,
        #[serde(default = "yes")]
        present: bool,
        #[serde(default)]
        within: Option<String>,
    },
    /// How many Jobs a CronJob has at the end (the history kept), or created in total.
    CronJobJobs {
        cronjob: String,
        #[serde(default)]
        existing: Option<usize>,
        #[serde(default)]
        created: Option<usize>,
    },
    /// The DaemonSet's desired/ready/up-to-date counts at the end.
    DaemonSetCounts {
        daemonset: String,
        #[serde(default)]
        desired: Option<i32>,
        #[serde(default)]
        ready: Option<i32>,
        #[serde(default)]
        updated: Option<i32>,
    },
    /// During the whole run, never fewer than this many available daemon pods once all were
    /// first available (checked at every step).
    MinAvailable { daemonset: String, at_least: i32 },
    /// A pod of this DaemonSet runs (or does not run) on this node at the end.
    DaemonPodOnNode {
        daemonset: String,
        node: String,
        #[serde(default = "yes")]
        present: bool,
    },
    /// What `kubectl logs` prints for the Job's (newest succeeded, else newest) pod at the end:
    /// exactly `equals` (surrounding whitespace ignored) and/or containing `contains`.
    PodLogs {
        job: String,
        #[serde(default)]
        equals: Option<String>,
        #[serde(default)]
        contains: Option<String>,
    },
    /// An object (`Kind/name`, e.g. `Job/pi`) exists at the end, or does not.
    Exists {
        object: String,
        #[serde(default = "yes")]
        present: bool,
    },
    /// How many pods (not being deleted) this object (`Kind/name`) controls at the end,
    /// optionally only those whose containers include this image.
    PodCount {
        owner: String,
        #[serde(default)]
        image: Option<String>,
        #[serde(default)]
        exactly: Option<usize>,
        #[serde(default)]
        at_least: Option<usize>,
        #[serde(default)]
        at_most: Option<usize>,
    },
    /// The object (`Kind/name`) existed and was then deleted (checked at every step), no
    /// earlier than `notBefore` and no later than `within` (times from the start) if given:
    /// a Job's `ttlSecondsAfterFinished`, a CronJob's history limit.
    Deleted {
        object: String,
        #[serde(default)]
        not_before: Option<String>,
        #[serde(default)]
        within: Option<String>,
    },
    /// What `kubectl get KIND NAME -o jsonpath=PATH` prints for the object at the end, e.g.
    /// `{.spec.suspend}` equals `true`: a field the learner had to set, or a status.
    /// Or, with `atMost`, a whole number no larger than that (a limit the learner chose, e.g.
    /// `startingDeadlineSeconds` of at most 20). Exactly one of the two is given.
    Field {
        object: String,
        path: String,
        #[serde(default)]
        equals: Option<String>,
        #[serde(default)]
        at_most: Option<i64>,
    },
    /// Never more than this many unfinished Jobs of the CronJob at once (checked at every step).
    MaxActiveJobs { cronjob: String, at_most: usize },
    /// Every Job of the CronJob was created at most this long after its scheduled time (checked
    /// at every step); fails when no Job was created at all.
    MaxStartDelay { cronjob: String, at_most: String },
}

fn yes() -> bool {
    true
}

impl Lesson {
    /// A file of the lesson folder as the page shows it in `lang`: on the Chinese page
    /// `NAME.zh.yaml` (the same YAML, its comments in Chinese) stands for `NAME.yaml`.
    pub fn file(&self, name: &str, lang: &str) -> Option<&String> {
        let zh = (lang == "zh")
            .then(|| name.strip_suffix(".yaml"))
            .flatten()
            .and_then(|stem| self.files.get(&format!("{stem}.zh.yaml")));
        zh.or_else(|| self.files.get(name))
    }
}

/// A lesson that failed to load: which file, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonError {
    pub file: String,
    pub message: String,
}

impl std::fmt::Display for LessonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// Loads a lesson from its folder's files (name → contents).
pub fn load(id: &str, files: BTreeMap<String, String>) -> Result<Lesson, LessonError> {
    let file = format!("{id}/lesson.yaml");
    let src = files.get("lesson.yaml").ok_or_else(|| LessonError {
        file: format!("{id}/"),
        message: if files.contains_key("lesson.yml") {
            "has lesson.yml: name it lesson.yaml".into()
        } else {
            "no lesson.yaml in the folder".into()
        },
    })?;
    let mut lesson: Lesson =
        crate::manifest::from_yaml::from_str(src).map_err(|e| LessonError {
            file: format!("{file}:{}:{}", e.line, e.column),
            message: e.message,
        })?;
    lesson.id = id.to_string();
    let mut named: Vec<(String, &str)> = vec![
        ("manifest".into(), &lesson.manifest),
        ("challenge.solution".into(), &lesson.challenge.solution),
    ];
    named.extend(
        lesson
            .challenge
            .scenario
            .as_deref()
            .map(|s| ("challenge.scenario".into(), s)),
    );
    named.extend(
        lesson
            .challenge
            .baseline
            .as_deref()
            .map(|s| ("challenge.baseline".into(), s)),
    );
    for (i, s) in lesson.steps.iter().enumerate() {
        named.extend(
            s.manifest
                .as_deref()
                .map(|m| (format!("steps[{i}].manifest"), m)),
        );
    }
    for (field, n) in named {
        if !files.contains_key(n) {
            return Err(LessonError {
                file: file.clone(),
                message: format!("{field} names {n:?}, which is not in the lesson folder"),
            });
        }
    }
    // The lesson's own scenario and baseline must read: a mistake there is the author's, said
    // with its place, not a failed check of every learner's manifest.
    let dir = id.to_string();
    if let Some(name) = &lesson.challenge.scenario {
        let src = files.get(name).map_or("", String::as_str);
        let load = |f: &str| {
            files
                .get(f)
                .cloned()
                .ok_or_else(|| format!("{f}: not in the lesson folder"))
        };
        if let Err(errs) = crate::sim::scenario::parse_scenario(src, &load) {
            let e = errs.first();
            return Err(LessonError {
                file: format!("{dir}/{name}"),
                message: e.map_or("the scenario does not read".into(), ToString::to_string),
            });
        }
    }
    if let Some(name) = &lesson.challenge.baseline {
        let src = files.get(name).map_or("", String::as_str);
        if let Err(errs) = crate::manifest::parse_manifests(src) {
            let e = errs.first();
            return Err(LessonError {
                file: format!("{dir}/{name}"),
                message: e.map_or("the baseline does not read".into(), ToString::to_string),
            });
        }
    }
    parse_duration(&lesson.challenge.run).map_err(|e| LessonError {
        file: file.clone(),
        message: format!("challenge.run: {e}"),
    })?;
    if let Some(a) = &lesson.challenge.apply_at {
        parse_duration(a).map_err(|e| LessonError {
            file: file.clone(),
            message: format!("challenge.applyAt: {e}"),
        })?;
    }
    for c in &lesson.challenge.checks {
        let d = match c {
            Check::MaxActivePods { since: Some(d), .. }
            | Check::Event {
                within: Some(d), ..
            }
            | Check::MaxStartDelay { at_most: d, .. } => d,
            _ => continue,
        };
        parse_duration(d).map_err(|e| LessonError {
            file: file.clone(),
            message: format!("challenge.checks: {e}"),
        })?;
    }
    for c in &lesson.challenge.checks {
        let o = match c {
            Check::Exists { object, .. }
            | Check::PodCount { owner: object, .. }
            | Check::Field { object, .. }
            | Check::Deleted { object, .. } => object,
            Check::Event {
                object: Some(o), ..
            } => o,
            _ => continue,
        };
        if o.split_once('/')
            .and_then(|(k, _)| crate::api::Kind::parse(k))
            .is_none()
        {
            return Err(LessonError {
                file: file.clone(),
                message: format!("challenge.checks: {o:?} is not Kind/name"),
            });
        }
    }
    for (i, c) in lesson.challenge.checks.iter().enumerate() {
        if let Check::Deleted {
            not_before, within, ..
        } = c
        {
            for d in not_before.iter().chain(within) {
                parse_duration(d).map_err(|e| LessonError {
                    file: file.clone(),
                    message: format!("challenge.checks[{i}]: {e}"),
                })?;
            }
        }
        if let Check::Field {
            path,
            equals,
            at_most,
            ..
        } = c
        {
            crate::kubectl::jsonpath_parses(path).map_err(|e| LessonError {
                file: file.clone(),
                message: format!("challenge.checks[{i}].path: {e}"),
            })?;
            if equals.is_some() == at_most.is_some() {
                return Err(LessonError {
                    file: file.clone(),
                    message: format!(
                        "challenge.checks[{i}]: a field check needs either equals or atMost"
                    ),
                });
            }
        }
    }
    for (i, s) in lesson.steps.iter().enumerate() {
        if let Some(r) = &s.run {
            parse_duration(r).map_err(|e| LessonError {
                file: file.clone(),
                message: format!("steps[{i}].run: {e}"),
            })?;
        }
    }
    lesson.files = files;
    Ok(lesson)
}

/// Every compiled-in lesson, in curriculum order. A broken lesson is reported, not skipped.
pub fn all() -> Vec<Result<Lesson, LessonError>> {
    let mut by_id: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (path, text) in FILES {
        if let Some((id, file)) = path.split_once('/') {
            by_id
                .entry(id.to_string())
                .or_default()
                .insert(file.to_string(), text.to_string());
        }
    }
    let mut out: Vec<Result<Lesson, LessonError>> = by_id
        .into_iter()
        .map(|(id, files)| load(&id, files))
        .collect();
    crate::sort::sort_by_key(&mut out, |l| match l {
        Ok(l) => (l.order, l.id.clone()),
        Err(e) => (u32::MAX, e.file.clone()),
    });
    out
}

/// The lesson with this id, if compiled in and valid.
pub fn find(id: &str) -> Option<Lesson> {
    all()
        .into_iter()
        .filter_map(Result::ok)
        .find(|l| l.id == id)
}
