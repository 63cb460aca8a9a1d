//! `kubectl rollout status|history|undo|restart` for DaemonSets.

use super::patch::update;
use super::{
    err, group_kind, int_flag, not_found, ok, plural, selected_names, type_and_name, ConsoleResult,
    Flags, Follow,
};
use crate::api::{ControllerRevision, DaemonSet, Duration, Kind, Object, Pod};
use crate::kubectl::rollout::RolloutWatch;
use crate::kubectl::{rollback, rollout_history, rollout_status, Rollback, RESTARTED_AT};
use crate::sim::scenario::Action;
use crate::sim::Simulation;

/// `kubectl rollout SUBCOMMAND` (staging/src/k8s.io/kubectl/pkg/cmd/rollout/), DaemonSets.
pub(super) fn rollout(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let sub = match args.first() {
        Some(&sub @ ("status" | "history" | "undo" | "restart" | "pause" | "resume")) => sub,
        // cmdutil.DefaultSubCommandRun → RequireNoArguments: every word, no suggestions.
        Some(_) => return err(super::unknown_subcommand("rollout", args)),
        None => {
            return err(
                "error: required subcommand: history, pause, restart, resume, status or undo"
                    .into(),
            )
        }
    };
    let help = format!("See 'kubectl rollout {sub} --help' for usage.");
    // Only `rollout status` has --timeout (rollout_status.go NewCmdRolloutStatus).
    if flags.timeout.is_some() && sub != "status" {
        return err(format!("error: unknown flag: --timeout\n{help}"));
    }
    // pflag's DurationVar; 0 (the default) and below never time out
    // (watchtools.ContextWithOptionalTimeout).
    let timeout = match flags.timeout.as_deref() {
        None => Duration::ZERO,
        Some(v) => match super::wait::go_duration_flag(v, &format!("rollout {sub}")) {
            Ok(d) => d.unwrap_or(Duration::ZERO),
            Err(e) => return err(e),
        },
    };
    // pflag reads the int flags as the line is read (a bad one is a flag error, with the
    // help line); then RolloutStatusOptions.Validate, before anything is looked up.
    for (value, flag) in [
        (flags.revision.as_deref(), "revision"),
        (flags.to_revision.as_deref(), "to-revision"),
    ] {
        if let Err(e) = int_flag(value, flag) {
            return err(format!("{e}\n{help}"));
        }
    }
    if sub == "status" && args.len() >= 2 {
        if let Ok(r @ ..=-1) = int_flag(flags.revision.as_deref(), "revision") {
            return err(format!("error: revision must be a positive integer: {r}"));
        }
    }
    // ResourceTypeOrNameArgs(true, ...): a type alone (or with -l) means every object of it
    // in the namespace.
    let (kind, names) = match type_and_name(&args[1..]) {
        Ok((k, Some(n))) => {
            if flags
                .selector
                .as_deref()
                .is_some_and(|s| !s.trim().is_empty())
            {
                return err("error: name cannot be provided when a selector is specified".into());
            }
            (k, vec![n.to_string()])
        }
        Ok((k, None)) => match flags.label_selector(Some(k), false) {
            Ok(sel) => (k, selected_names(sim, k, flags, sel.as_ref(), None)),
            Err(e) => return err(e),
        },
        Err(_) if args.len() < 2 => return err("error: required resource not specified".into()),
        Err(e) => return err(e),
    };
    if sub == "status" && names.len() != 1 {
        return err(format!(
            "error: rollout status is only supported on individual resources and resource collections - {} resources were found",
            names.len()
        ));
    }
    if names.is_empty() {
        // rollout_restart.go RunRestart says so; history and undo visit nothing.
        return ok(if sub == "restart" {
            format!("No resources found in {} namespace.", flags.namespace())
        } else {
            String::new()
        });
    }
    let mut out: Option<ConsoleResult> = None;
    for name in &names {
        let r = rollout_one(sim, sub, kind, name, flags, timeout);
        out = Some(match out {
            None => r,
            Some(mut acc) => {
                acc.output = format!("{}\n{}", acc.output, r.output);
                acc.error |= r.error;
                acc.action = match (acc.action, r.action) {
                    (Some(Action::Apply(mut a)), Some(Action::Apply(b))) => {
                        a.extend(b);
                        Some(Action::Apply(a))
                    }
                    (a, b) => a.or(b),
                };
                acc
            }
        });
    }
    out.unwrap_or_else(|| ok(String::new()))
}

/// One object's `rollout SUB`.
fn rollout_one(
    sim: &mut Simulation,
    sub: &str,
    kind: Kind,
    name: &str,
    flags: &Flags,
    timeout: Duration,
) -> ConsoleResult {
    if let Err(r) = flags.named(sim, kind, name) {
        return *r;
    }
    let found = match kind {
        Kind::Pod => sim.cluster.store.contains::<Pod>(name),
        Kind::ControllerRevision => sim.cluster.store.contains::<ControllerRevision>(name),
        Kind::Event => false,
        _ => sim.existing(kind, name).is_some(),
    };
    if !found {
        return not_found(kind, name);
    }
    // Only a Deployment pauses (polymorphichelpers defaultObjectPauser/Resumer); rollout_pause.go
    // reports the error per object.
    if matches!(sub, "pause" | "resume") {
        let verb = if sub == "pause" {
            "pausing"
        } else {
            "resuming"
        };
        return err(format!(
            "error: {} {name:?} {verb} is not supported",
            plural(kind)
        ));
    }
    let Some(ds) = sim
        .cluster
        .store
        .get::<DaemonSet>(name)
        .filter(|_| kind == Kind::DaemonSet)
    else {
        return err(match sub {
            "status" => format!(
                "error: no status viewer has been implemented for {}",
                group_kind(kind)
            ),
            "history" => format!(
                "error: no history viewer has been implemented for {:?}",
                group_kind(kind)
            ),
            "undo" => format!(
                "error: no rollbacker has been implemented for {:?}",
                group_kind(kind)
            ),
            // set.CalculatePatches reports the restarter's error per object.
            _ => format!(
                "error: {} {name:?} restarting is not supported",
                plural(kind)
            ),
        });
    };
    let revisions = sim
        .cluster
        .store
        .dependents::<ControllerRevision>(&ds.metadata.uid);
    match sub {
        "status" if !flags.rollout_once => {
            let ds = ds.clone();
            let (watch, output, error) = RolloutWatch::start(sim, &ds, timeout);
            ConsoleResult {
                output,
                error,
                action: None,
                follow: watch.map(|w| Box::new(Follow::Rollout(w))),
            }
        }
        "status" => {
            let (msg, _) = rollout_status(ds);
            ConsoleResult {
                error: msg.starts_with("error:"),
                output: msg,
                action: None,
                follow: None,
            }
        }
        "history" => {
            let revision = match int_flag(flags.revision.as_deref(), "revision") {
                Ok(r) if r < 0 => {
                    return err(format!("error: revision must be a positive integer: {r}"))
                }
                Ok(r) => r,
                Err(e) => return err(e),
            };
            if let Some(output) = flags.output.as_deref() {
                return history_objects(ds, &revisions, revision, output, flags);
            }
            match rollout_history(ds, &revisions, revision) {
                // The name printer's "%s/%s %s\n" after a historyInfo that ends in its own newline
                // (rollout_history.go Run): kubectl's output ends in a blank line.
                Ok(s) => ok(s),
                Err(e) => err(e),
            }
        }
        "undo" => {
            let to_revision = match int_flag(flags.to_revision.as_deref(), "to-revision") {
                Ok(r) => r,
                Err(e) => return err(e),
            };
            let template = match rollback(ds, &revisions, to_revision) {
                Ok(Rollback::To(r)) => r.data.clone(),
                Ok(Rollback::Skipped(msg)) => return ok(msg),
                Err(e) => return err(e),
            };
            // The revision's `{"spec":{"template":{..., "$patch":"replace"}}}`.
            let old = Object::DaemonSet(ds.clone());
            let mut new = ds.clone();
            new.spec.template = template;
            updated(sim, &old, &Object::DaemonSet(new), name, |e| {
                format!("error: failed restoring revision {to_revision}: {e}")
            })
            .say(format!("daemonset.apps/{name} rolled back"))
        }
        _ => {
            // objectrestarter.go: time.Now() in RFC 3339, here the simulation's clock.
            let old = Object::DaemonSet(ds.clone());
            let mut new = ds.clone();
            new.spec
                .template
                .metadata
                .annotations
                .insert(RESTARTED_AT.into(), sim.now().rfc3339());
            let r = updated(sim, &old, &Object::DaemonSet(new), name, |e| {
                format!("error: failed to patch: {e}")
            });
            match r {
                // The same second twice: an empty patch, which rollout_restart.go
                // restartResources refuses without sending it.
                Updated::Unchanged => ConsoleResult {
                    output: format!("error: failed to create patch for {name}: if restart has already been triggered within the past second, please wait before attempting to trigger another"),
                    error: true,
                    action: None,
                    follow: None,
                },
                r => r.say(format!("daemonset.apps/{name} restarted")),
            }
        }
    }
}

/// The outcome of a command's update.
pub(super) enum Updated {
    Changed(Action),
    Unchanged,
    Refused(String),
}

/// [`update`], a refusal worded by `wrap` around the API server's message.
pub(super) fn updated(
    sim: &mut Simulation,
    old: &Object,
    new: &Object,
    name: &str,
    wrap: impl Fn(String) -> String,
) -> Updated {
    match update(sim, old, new) {
        Ok(Some(a)) => Updated::Changed(a),
        Ok(None) => Updated::Unchanged,
        Err(r) => Updated::Refused(wrap(r.message(old.kind(), name))),
    }
}

impl Updated {
    /// The name printer's `daemonset.apps/NAME VERB`, or the error.
    pub(super) fn say(self, line: String) -> ConsoleResult {
        match self {
            Updated::Changed(a) => ConsoleResult {
                output: line,
                error: false,
                action: Some(a),
                follow: None,
            },
            Updated::Unchanged => ok(line),
            Updated::Refused(e) => err(e),
        }
    }
}

/// `rollout history -o FORMAT` (rollout_history.go Run, OutputFlagSpecified): the DaemonSet
/// as each revision had it (polymorphichelpers/history.go applyDaemonSetHistory: the current
/// object with the revision's template patched in), one printed object per revision in
/// ascending order, or the one `--revision` names.
fn history_objects(
    ds: &DaemonSet,
    revisions: &[&ControllerRevision],
    revision: i64,
    output: &str,
    flags: &Flags,
) -> ConsoleResult {
    let printer = match super::get::printer(output, flags.template.as_deref()) {
        Ok(p) => p,
        Err(e) => return err(e),
    };
    // historyInfo: by revision number, the last one listed wins a tie.
    let by_revision = crate::sort::to_map(revisions.iter().map(|r| (r.revision, *r)));
    let chosen: Vec<&ControllerRevision> = if revision > 0 {
        match by_revision.get(&revision) {
            Some(r) => vec![*r],
            None => return err("error: unable to find the specified revision".into()),
        }
    } else {
        by_revision.values().copied().collect()
    };
    let docs: Vec<serde_json::Value> = chosen
        .iter()
        .map(|r| {
            let mut at = ds.clone();
            at.spec.template = r.data.clone();
            crate::kubectl::api_value(&Object::DaemonSet(at))
        })
        .collect();
    let names = vec![format!("daemonset.apps/{}", ds.metadata.name); docs.len()];
    super::get::print_each(&printer, output, &names, &docs)
}
