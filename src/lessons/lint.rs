//! The rules a lesson folder keeps beyond loading: both languages written, Chinese paragraphs
//! on one line, each file in the role its name gives it, the step suggestions working at their
//! step. `ctrlscope lesson check` says them before it runs the challenge, and the curriculum's
//! tests hold every compiled-in lesson to them, so an author learns of a mistake before a
//! rebuild.

use super::{describe_check, Check, Lesson, Text};
use crate::api::{Duration, Object};
use crate::manifest::parse_manifests;
use crate::sim::scenario::parse_scenario;
use crate::sim::{SimConfig, Simulation};

/// What a lesson folder's file is, by its name.
#[derive(Debug, PartialEq)]
pub enum FileRole {
    /// `lesson.yaml`: the lesson itself.
    Lesson,
    /// `*.md`: notes for authors, not loaded as YAML.
    Notes,
    /// `*.scenario.yaml`: timed actions.
    Scenario,
    /// `*-rejected.yaml`: a manifest the API server must refuse (a lesson shows the error).
    Rejected,
    /// `NAME.zh.yaml`: `NAME.yaml` with its comments in Chinese, shown on the Chinese page;
    /// every other line the same, so the objects and the error positions are too.
    Translation,
    /// Any other file: a manifest a real cluster accepts.
    Manifest,
}

pub fn role(name: &str) -> FileRole {
    if name == "lesson.yaml" {
        FileRole::Lesson
    } else if name.ends_with(".md") {
        FileRole::Notes
    } else if name.ends_with(".zh.yaml") {
        FileRole::Translation
    } else if name.ends_with(".scenario.yaml") || name.ends_with(".scenario.yml") {
        FileRole::Scenario
    } else if name.ends_with("-rejected.yaml") || name.ends_with("-rejected.yml") {
        FileRole::Rejected
    } else {
        FileRole::Manifest
    }
}

/// Whether a text holds Chinese characters (CJK ideographs).
pub fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A scenario's `apply: FILE` reads the lesson folder's files.
fn loader(l: &Lesson) -> impl Fn(&str) -> Result<String, String> + '_ {
    |name: &str| {
        l.files
            .get(name)
            .cloned()
            .ok_or_else(|| format!("{name}: no such file"))
    }
}

/// Every rule the lesson breaks, each a sentence naming its place; empty when it keeps them.
pub fn lint(l: &Lesson) -> Vec<String> {
    let mut out = Vec::new();
    texts(l, &mut out);
    files(l, &mut out);
    challenge(l, &mut out);
    if out.is_empty() {
        // Only a lesson whose files read can run its steps.
        steps(l, &mut out);
    }
    out
}

fn text(what: &str, t: &Text, out: &mut Vec<String>) {
    if t.en.trim().is_empty() {
        out.push(format!("{what}.en is empty"));
    }
    if t.zh.trim().is_empty() {
        out.push(format!("{what}.zh is empty"));
        return;
    }
    if !has_cjk(&t.zh) {
        out.push(format!("{what}.zh has no Chinese characters: {:?}", t.zh));
    } else if t.en.trim() == t.zh.trim() {
        out.push(format!("{what} is not translated"));
    }
    // A backtick left outside every code span shows as itself on the page: a span not closed,
    // or closed by a run of another length (`` a ` `` in CommonMark needs two to close).
    for (lang, t) in [("en", &t.en), ("zh", &t.zh)] {
        for line in t.split("\n\n") {
            let stray = super::code_spans(line)
                .iter()
                .any(|(code, part)| !code && part.contains('`'));
            if stray {
                let at: String = line.trim().chars().take(60).collect();
                out.push(format!(
                    "{what}.{lang}: a backtick opens no code span (one not closed, or closed by a run of another length): {at:?}"
                ));
                break;
            }
        }
    }
    // A single newline inside a paragraph renders as a space, which is wrong between Chinese
    // characters: a Chinese paragraph is one line (blank lines part paragraphs).
    let lines: Vec<&str> = t.zh.trim().split('\n').collect();
    for w in lines.windows(2) {
        if !w[0].trim().is_empty() && !w[1].trim().is_empty() {
            out.push(format!(
                "{what}.zh: a Chinese paragraph is split across lines ({:?} / {:?}); write each paragraph on one line",
                w[0].trim(),
                w[1].trim()
            ));
            break;
        }
    }
}

fn texts(l: &Lesson, out: &mut Vec<String>) {
    text("title", &l.title, out);
    text("summary", &l.summary, out);
    if let Some(n) = &l.lecture_note {
        text("lectureNote", n, out);
    }
    text("challenge.goal", &l.challenge.goal, out);
    if l.steps.is_empty() {
        out.push("steps: a lesson needs at least one step".into());
    }
    for (i, s) in l.steps.iter().enumerate() {
        text(&format!("steps[{i}].title"), &s.title, out);
        text(&format!("steps[{i}].text"), &s.text, out);
        if s.kubectl.is_none() && s.run.is_none() && s.manifest.is_none() {
            out.push(format!(
                "steps[{i}] suggests neither a kubectl command, a run time nor a manifest"
            ));
        }
        if let Some(k) = s.kubectl.as_deref().filter(|k| !k.starts_with("kubectl ")) {
            out.push(format!(
                "steps[{i}].kubectl {k:?} does not start with `kubectl `"
            ));
        }
    }
}

fn files(l: &Lesson, out: &mut Vec<String>) {
    let load = loader(l);
    for (name, src) in &l.files {
        match role(name) {
            FileRole::Lesson | FileRole::Notes => {}
            FileRole::Translation => translation(l, name, src, out),
            FileRole::Scenario => {
                if let Err(e) = parse_scenario(src, &load) {
                    out.push(match e.first() {
                        Some(e) => format!(
                            "{name}:{}:{}: invalid scenario: {}",
                            e.line, e.column, e.message
                        ),
                        None => format!("{name}: invalid scenario"),
                    });
                }
            }
            FileRole::Rejected => {
                if parse_manifests(src).is_ok() {
                    out.push(format!(
                        "{name}: named *-rejected.yaml but the API server accepts it"
                    ));
                }
            }
            FileRole::Manifest => match parse_manifests(src) {
                Err(e) => {
                    let at = e
                        .first()
                        .map_or(String::new(), |e| format!(":{}:{}", e.line, e.column));
                    let why = e.first().map_or("", |e| e.message.as_str());
                    out.push(format!(
                        "{name}{at}: invalid manifest: {why} (name it *-rejected.yaml if a step shows the API server's refusal)"
                    ));
                }
                Ok(objs) if objs.is_empty() => out.push(format!("{name}: no objects")),
                Ok(objs)
                    if objs
                        .iter()
                        .any(|o| matches!(o, Object::Node(_) | Object::Pod(_))) =>
                {
                    out.push(format!("{name}: lesson manifests hold workloads; nodes come from the default cluster or a scenario's addNode"));
                }
                Ok(_) => hint_notes(name, src, out),
            },
        }
    }
    let mut manifests = vec![
        ("manifest", &l.manifest),
        ("challenge.solution", &l.challenge.solution),
    ];
    manifests.extend(
        l.challenge
            .baseline
            .as_ref()
            .map(|b| ("challenge.baseline", b)),
    );
    for (field, name) in manifests {
        if role(name) != FileRole::Manifest {
            out.push(format!(
                "{field}: {name} must be a manifest (not *-rejected.yaml, *.zh.yaml, *.scenario.yaml or *.md)"
            ));
        }
    }
    if let Some(s) = l
        .challenge
        .scenario
        .as_ref()
        .filter(|s| role(s) != FileRole::Scenario)
    {
        out.push(format!(
            "challenge.scenario: {s} must be named *.scenario.yaml"
        ));
    }
    for (i, s) in l.steps.iter().enumerate() {
        if let Some(m) = s.manifest.as_ref() {
            if !matches!(role(m), FileRole::Manifest | FileRole::Rejected) {
                out.push(format!(
                    "steps[{i}].manifest: {m} must be a manifest or *-rejected.yaml (not *.zh.yaml, *.scenario.yaml or *.md)"
                ));
            }
        }
    }
}

/// `NAME.zh.yaml` differs from `NAME.yaml` only in whole comment lines, line for line.
fn translation(l: &Lesson, name: &str, src: &str, out: &mut Vec<String>) {
    let base = name.replace(".zh.yaml", ".yaml");
    let Some(en) = l.files.get(&base) else {
        out.push(format!(
            "{name}: translates {base}, which is not in the folder"
        ));
        return;
    };
    let (zh_lines, en_lines): (Vec<&str>, Vec<&str>) =
        (src.lines().collect(), en.lines().collect());
    if zh_lines.len() != en_lines.len() {
        out.push(format!(
            "{name}: {} lines, {base} {}: translate each comment line by one line",
            zh_lines.len(),
            en_lines.len()
        ));
        return;
    }
    for (i, (z, e)) in zh_lines.iter().zip(&en_lines).enumerate() {
        if without_comment(z) != without_comment(e) {
            out.push(format!(
                "{name}:{}: differs from {base} outside a comment: {z:?} / {e:?}",
                i + 1
            ));
            return;
        }
    }
    if !has_cjk(src) {
        out.push(format!("{name}: has no Chinese characters"));
    }
}

/// A simulation hint CtrlScope does not read (misspelt, or on the Job's own metadata rather than
/// its pod template's), as `validate` notes it: the lesson would run without the behaviour its
/// author meant.
fn hint_notes(name: &str, src: &str, out: &mut Vec<String>) {
    for d in crate::manifest::parse_documents(src).unwrap_or_default() {
        for f in d.not_simulated() {
            if f.contains("sim.ctrlscope.dev/") {
                out.push(format!(
                    "{name}: {f} is accepted but not simulated by CtrlScope (README \"Simulation hints\": the pod template's annotations)"
                ));
            }
        }
    }
}

/// A YAML line without its comment (a whole-line one, or one after a space outside quotes:
/// `backoffLimit: 6   # the limit`), and the spaces before it.
fn without_comment(line: &str) -> &str {
    let (mut quote, mut escaped, mut prev) = (None, false, ' ');
    for (i, c) in line.char_indices() {
        match quote {
            None if c == '#' && (prev == ' ' || prev == '\t') => return line[..i].trim_end(),
            None if c == '"' || c == '\'' => quote = Some(c),
            // Only a double-quoted scalar has escapes (`"a \" # b"`).
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            _ => {}
        }
        prev = c;
    }
    line.trim_end()
}

fn challenge(l: &Lesson, out: &mut Vec<String>) {
    let c = &l.challenge;
    if c.checks.is_empty() {
        out.push("challenge.checks: the challenge has no checks".into());
    }
    let run = super::parse_duration(&c.run).unwrap_or(Duration::ZERO);
    let apply_at = c
        .apply_at
        .as_deref()
        .and_then(|a| super::parse_duration(a).ok());
    // The page runs the check while the student waits, as far as `run` goes: a day of a
    // CronJob every minute is 1 440 Jobs, a year half a million.
    if run > Duration::from_secs(86_400) {
        out.push(format!(
            "challenge.run {} is longer than a day: the page runs the check while the student waits",
            c.run
        ));
    }
    if let Some(a) = apply_at.filter(|a| *a >= run) {
        out.push(format!(
            "challenge.applyAt {} is not before challenge.run {}: the learner's manifest would have no time to act",
            crate::kubectl::human_duration(a),
            crate::kubectl::human_duration(run)
        ));
    }
    // The scenario's actions past the run's end never happen (`ctrlscope run` says so too).
    let load = loader(l);
    let late: Vec<Duration> = c
        .scenario
        .as_ref()
        .and_then(|s| l.files.get(s))
        .and_then(|src| parse_scenario(src, &load).ok())
        .unwrap_or_default()
        .iter()
        .map(|a| a.at)
        .filter(|at| *at > run)
        .collect();
    if let Some(first) = late.iter().min() {
        out.push(format!(
            "challenge.scenario: {} action(s) from {} on come after challenge.run {} and never happen",
            late.len(),
            crate::kubectl::human_duration(*first),
            c.run
        ));
    }
    for (i, check) in c.checks.iter().enumerate() {
        if describe_check(check, "zh").trim().is_empty() || !has_cjk(&describe_check(check, "zh")) {
            out.push(format!("challenge.checks[{i}] has no Chinese description"));
        }
        match check {
            Check::MaxActivePods { at_most: 0, .. } | Check::MaxActiveJobs { at_most: 0, .. } => {
                out.push(format!(
                    "challenge.checks[{i}]: atMost 0 can never pass (it needs something to have run); to check that nothing ran, count it instead"
                ));
            }
            _ => {}
        }
    }
}

/// Each step's kubectl suggestion, run where the step leaves the cluster (its manifest on the
/// default cluster, the challenge's scenario, its run time), answers without an error.
fn steps(l: &Lesson, out: &mut Vec<String>) {
    let load = loader(l);
    let actions = match l.challenge.scenario.as_ref().and_then(|s| l.files.get(s)) {
        Some(src) => parse_scenario(src, &load).unwrap_or_default(),
        None => Vec::new(),
    };
    let mut current = l.manifest.clone();
    for (i, s) in l.steps.iter().enumerate() {
        if let Some(m) = &s.manifest {
            current = m.clone();
            if role(m) == FileRole::Rejected && (s.run.is_some() || s.kubectl.is_some()) {
                // Its own refused manifest: nothing runs, whatever time passes.
                out.push(format!(
                    "steps[{i}] runs on {m}, which the API server refuses: its cluster is empty (show the refusal in one step, run in another)"
                ));
            }
        } else if role(&current) == FileRole::Rejected && (s.run.is_some() || s.kubectl.is_some()) {
            // The page keeps an earlier step's refused manifest, whose cluster is empty.
            out.push(format!(
                "steps[{i}] runs on {current}, refused by the API server at an earlier step: give it its own manifest"
            ));
        }
        let Some(cmd) = &s.kubectl else { continue };
        let mut sim = Simulation::new(SimConfig::default());
        sim.add_default_nodes();
        for o in l
            .files
            .get(&current)
            .and_then(|src| parse_manifests(src).ok())
            .unwrap_or_default()
        {
            let _ = sim.apply(o);
        }
        let start = sim.cluster.start;
        let run = s
            .run
            .as_deref()
            .and_then(|r| super::parse_duration(r).ok())
            .unwrap_or(Duration::ZERO);
        sim.run_until(start);
        for a in actions.iter().filter(|a| a.at <= run) {
            sim.run_until(start + a.at);
            let _ = sim.perform(&a.action);
        }
        sim.run_until(start + run);
        let answer = crate::kubectl::console::run(&mut sim, cmd);
        let at = crate::kubectl::human_duration(run);
        if answer.error {
            let first = answer.output.lines().next().unwrap_or_default().to_string();
            out.push(format!(
                "steps[{i}].kubectl `{cmd}` fails at {at} with {current}: {first}"
            ));
        } else if answer.output.trim().is_empty() && answer.follow.is_some() {
            // A `wait` not decided yet goes on in the console (until its --timeout).
            out.push(format!(
                "steps[{i}].kubectl `{cmd}` is still waiting at {at}: what it waits for has not happened by the step's run time"
            ));
        } else if answer.output.trim().is_empty() {
            out.push(format!("steps[{i}].kubectl `{cmd}` prints nothing at {at}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::without_comment;

    /// A translation may translate end-of-line comments too (README: its comments translated
    /// line for line); a `#` inside quotes is no comment.
    #[test]
    fn comments_are_cut_where_yaml_cuts_them() {
        assert_eq!(
            without_comment("  backoffLimit: 6   # the limit"),
            "  backoffLimit: 6"
        );
        assert_eq!(
            without_comment("  backoffLimit: 6   # 上限"),
            "  backoffLimit: 6"
        );
        assert_eq!(without_comment("# whole line"), "");
        assert_eq!(without_comment("  a: b#c"), "  a: b#c");
        assert_eq!(
            without_comment(r#"  args: ["echo # x"] # y"#),
            r#"  args: ["echo # x"]"#
        );
        assert_eq!(
            without_comment(r#"  a: "q\" # in" # out"#),
            r#"  a: "q\" # in""#
        );
        assert_eq!(
            without_comment("  a: 'it''s # in' # out"),
            "  a: 'it''s # in'"
        );
    }
}
