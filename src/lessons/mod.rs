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

/// The page loads only the compiled-in lessons, which the tests hold to every rule: the
/// author's diagnostics below are the CLI's (`lesson check`), not the wasm's.
#[cfg(target_arch = "wasm32")]
fn place(_: &str, _: &str) -> Option<(usize, usize)> {
    None
}
#[cfg(target_arch = "wasm32")]
fn check_problem(_: &Check) -> Option<String> {
    None
}

/// Where a field (`challenge.checks[2].within`) stands in `lesson.yaml`: its value's line and
/// column, or the deepest part of the path that is there.
#[cfg(not(target_arch = "wasm32"))]
fn place(src: &str, path: &str) -> Option<(usize, usize)> {
    use crate::manifest::yaml::{parse_stream, Value};
    let stream = parse_stream(src);
    let mut node = stream.docs.into_iter().next()?.root?;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, i)) => (k, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        let next = match &node.value {
            Value::Map(entries) => entries.iter().rev().find(|e| e.key == key),
            _ => None,
        };
        let Some(next) = next else { break };
        node = next.value.clone();
        if let Some(i) = index {
            match &node.value {
                Value::Seq(items) if i < items.len() => node = items[i].clone(),
                _ => break,
            }
        }
    }
    Some((node.line, node.col))
}

/// Why a check can never pass, or passes whatever happens: an author's mistake, said when the
/// lesson loads rather than as a puzzling verdict.
#[cfg(not(target_arch = "wasm32"))]
fn check_problem(c: &Check) -> Option<String> {
    let none = |what: &str| Some(format!("expects nothing: give {what}"));
    match c {
        Check::JobFinished { condition, .. }
            if condition != "Complete" && condition != "Failed" =>
        {
            Some(format!(
                "condition {condition:?}: a finished Job's condition is Complete or Failed"
            ))
        }
        Check::JobCounts {
            succeeded: None,
            failed: None,
            ..
        } => none("succeeded or failed"),
        Check::JobWaves {
            at_most: None,
            exactly: None,
            ..
        } => none("atMost or exactly"),
        Check::JobWaves {
            at_most: Some(m),
            exactly: Some(e),
            ..
        } if e > m => Some(format!("exactly {e} and atMost {m} can never both hold")),
        Check::CronJobJobs {
            existing: None,
            created: None,
            ..
        } => none("existing or created"),
        Check::DaemonSetCounts {
            desired: None,
            ready: None,
            updated: None,
            ..
        } => none("desired, ready or updated"),
        Check::PodLogs {
            equals: None,
            contains: None,
            ..
        } => none("equals or contains"),
        Check::PodCount {
            exactly: None,
            at_least: None,
            at_most: None,
            ..
        } => none("exactly, atLeast or atMost"),
        Check::PodCount {
            exactly,
            at_least,
            at_most,
            ..
        } => {
            let below = |a: &Option<usize>, b: &Option<usize>| matches!((a, b), (Some(a), Some(b)) if a < b);
            let never =
                below(exactly, at_least) || below(at_most, exactly) || below(at_most, at_least);
            never.then(|| "exactly, atLeast and atMost can never all hold".to_string())
        }
        Check::MinAvailable { at_least, .. } if *at_least <= 0 => Some(format!(
            "atLeast {at_least} passes whatever happens: no count of available pods is below it"
        )),
        _ => None,
    }
}

/// A line of lesson text as (is code, text) runs, code spans as CommonMark writes them: a run
/// of n backticks opens a span that the next run of exactly n closes, so ``` `` a `b` c `` ```
/// holds backticks; one space just inside both ends is dropped. A run never closed is text.
pub fn code_spans(text: &str) -> Vec<(bool, &str)> {
    let b = text.as_bytes();
    let run_at = |i: usize| b[i..].iter().take_while(|c| **c == b'`').count();
    let mut out = Vec::new();
    let (mut plain, mut i) = (0, 0);
    while i < b.len() {
        if b[i] != b'`' {
            i += 1;
            continue;
        }
        let n = run_at(i);
        let body = i + n;
        // The closing run: exactly n backticks.
        let mut j = body;
        let close = loop {
            match b[j..].iter().position(|c| *c == b'`') {
                None => break None,
                Some(k) => {
                    let m = run_at(j + k);
                    if m == n {
                        break Some(j + k);
                    }
                    j += k + m;
                }
            }
        };
        let Some(end) = close else {
            i = body;
            continue;
        };
        if plain < i {
            out.push((false, &text[plain..i]));
        }
        let mut code = &text[body..end];
        if code.len() >= 2 && code.starts_with(' ') && code.ends_with(' ') && code.trim() != "" {
            code = &code[1..code.len() - 1];
        }
        out.push((true, code));
        i = end + n;
        plain = i;
    }
    if plain < b.len() {
        out.push((false, &text[plain..]));
    }
    out
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
    // A key given twice would silently lose the first (a whole `checks:` list, say).
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(doc) = crate::manifest::yaml::parse_stream(src).docs.first() {
        if let Some((line, column, key, earlier)) = doc.duplicates.first() {
            return Err(LessonError {
                file: format!("{file}:{line}:{column}"),
                message: format!(
                    "{key:?} is given twice (first on line {earlier}): the later one would win silently"
                ),
            });
        }
    }
    // The field's place in lesson.yaml, for an editor or CI to jump to.
    let fail = |path: &str, message: String| LessonError {
        file: match place(src, path) {
            Some((line, column)) => format!("{file}:{line}:{column}"),
            None => file.clone(),
        },
        message: format!("{path}: {message}"),
    };
    if !lesson.id.is_empty() && lesson.id != id {
        return Err(fail(
            "id",
            format!(
                "{:?} differs from the folder's name {id:?} (a lesson's id is its folder's name)",
                lesson.id
            ),
        ));
    }
    lesson.id = id.to_string();
    // The id is the page's address (`#lesson=ID`) and a CSS-safe name: lower-case words.
    let id_ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-');
    if !id_ok {
        return Err(LessonError {
            file: format!("{id}/"),
            message: format!(
                "the folder's name {id:?} is the lesson's id, in the page's address: lower-case letters, digits and '-' (e.g. parallel-job)"
            ),
        });
    }
    if lesson.order == 0 {
        return Err(fail(
            "order",
            "lessons are ordered from 1 (the curriculum's first lesson)".into(),
        ));
    }
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
            return Err(fail(
                &field,
                format!("names {n:?}, which is not in the lesson folder"),
            ));
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
                file: match e {
                    Some(e) => format!("{dir}/{name}:{}:{}", e.line, e.column),
                    None => format!("{dir}/{name}"),
                },
                message: e.map_or("the scenario does not read".into(), |e| e.message.clone()),
            });
        }
    }
    if let Some(name) = &lesson.challenge.baseline {
        let src = files.get(name).map_or("", String::as_str);
        if let Err(errs) = crate::manifest::parse_manifests(src) {
            let e = errs.first();
            return Err(LessonError {
                file: match e {
                    Some(e) => format!("{dir}/{name}:{}:{}", e.line, e.column),
                    None => format!("{dir}/{name}"),
                },
                message: e.map_or("the baseline does not read".into(), |e| e.message.clone()),
            });
        }
    }
    let duration = |path: &str, d: &str| parse_duration(d).map_err(|e| fail(path, e.to_string()));
    duration("challenge.run", &lesson.challenge.run)?;
    if let Some(a) = &lesson.challenge.apply_at {
        duration("challenge.applyAt", a)?;
    }
    for (i, s) in lesson.steps.iter().enumerate() {
        if let Some(r) = &s.run {
            duration(&format!("steps[{i}].run"), r)?;
        }
    }
    for (i, c) in lesson.challenge.checks.iter().enumerate() {
        let at = format!("challenge.checks[{i}]");
        let durations: Vec<(&str, &String)> = match c {
            Check::MaxActivePods { since, .. } => since.iter().map(|d| ("since", d)).collect(),
            Check::Event { within, .. } => within.iter().map(|d| ("within", d)).collect(),
            Check::MaxStartDelay { at_most, .. } => vec![("atMost", at_most)],
            Check::FinishedWithin { within, .. } => vec![("within", within)],
            Check::Deleted {
                not_before, within, ..
            } => not_before
                .iter()
                .map(|d| ("notBefore", d))
                .chain(within.iter().map(|d| ("within", d)))
                .collect(),
            _ => Vec::new(),
        };
        let run = parse_duration(&lesson.challenge.run).unwrap_or(crate::api::Duration::ZERO);
        for (field, d) in durations {
            let kind = place_kind(c);
            let path = format!("{at}.{kind}.{field}");
            // A time the check waits for that the run never reaches.
            if duration(&path, d)? > run && matches!(field, "since" | "notBefore") {
                return Err(fail(
                    &path,
                    format!(
                        "{d} is after challenge.run {}: the check can never pass",
                        lesson.challenge.run
                    ),
                ));
            }
        }
        if let Check::Deleted {
            not_before: Some(b),
            within: Some(w),
            ..
        } = c
        {
            if let (Ok(b), Ok(w)) = (parse_duration(b), parse_duration(w)) {
                if b > w {
                    return Err(fail(
                        &at,
                        "notBefore is after within: the check can never pass".into(),
                    ));
                }
            }
        }
        let object = match c {
            Check::Exists { object, .. }
            | Check::PodCount { owner: object, .. }
            | Check::Field { object, .. }
            | Check::Deleted { object, .. } => Some(object),
            Check::Event {
                object: Some(o), ..
            } => Some(o),
            _ => None,
        };
        if let Some(o) = object.filter(|o| {
            o.split_once('/')
                .and_then(|(k, _)| crate::api::Kind::parse(k))
                .is_none()
        }) {
            return Err(fail(&at, format!("{o:?} is not Kind/name")));
        }
        if let Check::Field {
            path,
            equals,
            at_most,
            ..
        } = c
        {
            crate::kubectl::jsonpath_parses(path)
                .map_err(|e| fail(&format!("{at}.field.path"), e.to_string()))?;
            // kubectl's JSONPath prints text outside `{…}` as it stands: the check would
            // compare the path's own words.
            if !path.contains('{') {
                return Err(fail(
                    &format!("{at}.field.path"),
                    format!("{path:?} has no {{…}}: write the template as kubectl's -o jsonpath takes it, e.g. \"{{{path}}}\""),
                ));
            }
            if equals.is_some() == at_most.is_some() {
                return Err(fail(
                    &at,
                    "a field check needs either equals or atMost".into(),
                ));
            }
        }
        if let Some(problem) = check_problem(c) {
            return Err(fail(&at, problem));
        }
    }
    lesson.files = files;
    Ok(lesson)
}

/// The key a check is written under (`finishedWithin`), for its fields' places.
fn place_kind(c: &Check) -> &'static str {
    match c {
        Check::MaxActivePods { .. } => "maxActivePods",
        Check::Event { .. } => "event",
        Check::MaxStartDelay { .. } => "maxStartDelay",
        Check::FinishedWithin { .. } => "finishedWithin",
        Check::Deleted { .. } => "deleted",
        _ => "",
    }
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

#[cfg(test)]
mod code_span_tests {
    use super::code_spans;

    /// CommonMark's code spans (spec 6.1): the closing run has the opening run's length.
    #[test]
    fn code_spans_as_commonmark_reads_them() {
        assert_eq!(
            code_spans("run `a` then `b`"),
            [(false, "run "), (true, "a"), (false, " then "), (true, "b")]
        );
        assert_eq!(
            code_spans("says `` x: `selector` does not match `labels` `` here"),
            [
                (false, "says "),
                (true, "x: `selector` does not match `labels`"),
                (false, " here")
            ]
        );
        assert_eq!(code_spans("a ` b"), [(false, "a ` b")]);
        assert_eq!(code_spans("``x`"), [(false, "``x`")]);
        assert_eq!(code_spans("` `"), [(true, " ")]);
        assert_eq!(
            code_spans("中`文`字"),
            [(false, "中"), (true, "文"), (false, "字")]
        );
        assert!(code_spans("").is_empty());
    }
}
