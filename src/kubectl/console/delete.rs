//! `kubectl delete`: propagation (`--cascade`), grace periods and `--force`.

use super::{err, exists, not_found, ok, perform, targets, ConsoleResult, Flags};
use crate::api::Kind;
use crate::sim::scenario::Action;
use crate::sim::{kubectl_resource, Simulation};

/// `kubectl delete TYPE NAME... | TYPE/NAME... | TYPE --all | TYPE -l SELECTOR`
/// (staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go: Validate, DeleteResult, PrintObj).
/// pflag's bool (`strconv.ParseBool`).
fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

/// How `kubectl delete` deletes (delete_flags.go, delete.go `Complete` and `Validate`): the
/// propagation, whether it is a force delete (grace period 0), and the warnings it prints.
struct DeleteHow {
    orphan: bool,
    /// `--cascade=foreground`.
    foreground: bool,
    force: bool,
    /// The grace period asked for (`--grace-period`, `--now`), -1 for the pod's own.
    grace: i64,
    warnings: Vec<String>,
}

fn delete_how(flags: &Flags) -> Result<DeleteHow, String> {
    let mut warnings = Vec::new();
    // parseCascadingFlag: the three words, or a deprecated boolean.
    let foreground = flags.cascade.as_deref() == Some("foreground");
    let orphan = match flags.cascade.as_deref() {
        None | Some("background" | "foreground") => false,
        Some("orphan") => true,
        Some(v) => match parse_bool(v) {
            Some(b) => {
                let now = if b { "background" } else { "orphan" };
                warnings.push(format!(
                    "warning: --cascade={v} is deprecated (boolean value) and can be replaced with --cascade={now}."
                ));
                !b
            }
            None => {
                return Err(format!(
                    "error: invalid cascade value ({v}). Must be \"background\", \"foreground\", or \"orphan\""
                ))
            }
        },
    };
    // --wait (true by default) only makes kubectl wait for the object to be gone: here the
    // answer comes at once either way.
    if let Some(v) = flags.wait.as_deref() {
        parse_bool(v).ok_or_else(|| {
            format!("error: invalid argument {v:?} for \"--wait\" flag: strconv.ParseBool: parsing {v:?}: invalid syntax")
        })?;
    }
    let mut grace: i64 = match flags.grace_period.as_deref() {
        None => -1,
        Some(v) => parse_grace(v)?,
    };
    // delete.go Complete: --now is 1 s; 0 without --force is 1 (graceful); --force alone is 0.
    if flags.now {
        if grace != -1 {
            return Err("error: --now and --grace-period cannot be specified together".into());
        }
        grace = 1;
    }
    if grace == 0 && !flags.force {
        grace = 1;
    }
    if flags.force && grace < 0 {
        grace = 0;
    }
    // Validate: the warning a force delete prints (its WarningPrinter), or the refusal.
    let force = flags.force;
    if force && grace > 0 {
        return Err(
            "error: --force and --grace-period greater than 0 cannot be specified together".into(),
        );
    }
    if force {
        warnings.push("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.".into());
    }
    Ok(DeleteHow {
        orphan,
        foreground,
        force,
        grace,
        warnings,
    })
}

pub(super) fn delete(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    // delete.go Validate: only `-o name`, refused before anything is deleted.
    let by_name = match flags.output.as_deref() {
        None => false,
        Some("name") => true,
        Some(o) => {
            return err(format!(
                "error: unexpected -o output mode: {o}. We only support '-o name'"
            ))
        }
    };
    let how = match delete_how(flags) {
        Ok(h) => h,
        Err(e) => return err(e),
    };
    let (kind, names, selected) = match targets(sim, args, flags) {
        Ok(t) => t,
        Err(e) => return err(e),
    };
    if !matches!(
        kind,
        Kind::Pod | Kind::Node | Kind::Job | Kind::CronJob | Kind::DaemonSet
    ) {
        return err(format!(
            "error: deleting {} objects is not supported here",
            kind.as_str()
        ));
    }
    if selected && names.is_empty() {
        return ok("No resources found".into());
    }
    // ContinueOnError: the names found are deleted, each one missing is reported after.
    let mut missing: Vec<String> = Vec::new();
    let mut names = names;
    if !selected {
        let several = names.len() > 1;
        let mut kept = Vec::new();
        for n in names {
            match flags.named(sim, kind, &n) {
                Err(r) if !several => return *r,
                Err(r) => missing.push(r.output),
                Ok(()) if several && !exists(sim, kind, &n) => {
                    missing.push(not_found(kind, &n).output)
                }
                Ok(()) => kept.push(n),
            }
        }
        names = kept;
    }
    // Each name is deleted in turn (ContinueOnError): a name given twice finds the object
    // gone, unless it is still there being deleted (a pod's grace period, a foreground delete).
    // A pod stays while a finalizer holds it (a Job's tracking finalizer) or its grace period
    // runs: not one force deleted, unscheduled or finished (strategy.go CheckGracefulDelete:
    // those go at once).
    let stays = |n: &str| match kind {
        Kind::Pod => sim
            .cluster
            .store
            .get::<crate::api::Pod>(n)
            .is_some_and(|p| {
                !p.metadata.finalizers.is_empty()
                    || (!how.force && !p.spec.node_name.is_empty() && !p.is_terminal())
            }),
        _ => how.foreground,
    };
    let mut unique: Vec<String> = Vec::new();
    let mut again: Vec<String> = Vec::new();
    for n in names {
        if !unique.contains(&n) {
            unique.push(n);
        } else if stays(&n) {
            again.push(n);
        } else {
            missing.push(not_found(kind, &n).output);
        }
    }
    let names = unique;
    if names.is_empty() {
        return err(missing.join("\n"));
    }
    let name = names.join(",");
    let name = name.as_str();
    // A pod has no dependents here: orphaning changes nothing for it (nor for a node).
    let action = match kind {
        Kind::Pod if how.force => Action::DeletePodGrace(name.to_string(), 0),
        Kind::Pod if how.grace > 0 => Action::DeletePodGrace(name.to_string(), how.grace),
        Kind::Pod => Action::DeletePod(name.to_string()),
        Kind::Node => Action::RemoveNode(name.to_string()),
        Kind::Job | Kind::CronJob | Kind::DaemonSet if how.orphan => {
            Action::DeleteOrphan(kind, name.to_string())
        }
        Kind::Job | Kind::CronJob | Kind::DaemonSet if how.foreground => {
            Action::DeleteForeground(kind, name.to_string())
        }
        Kind::Job | Kind::CronJob | Kind::DaemonSet => Action::Delete(kind, name.to_string()),
        _ => {
            return err(format!(
                "error: deleting {} objects is not supported here",
                kind.as_str()
            ))
        }
    };
    let verb = if how.force {
        "force deleted"
    } else {
        "deleted"
    };
    let warnings = how.warnings.join("\n");
    // delete.go PrintObj: a namespaced object's line names its namespace (kubectl 1.32+).
    let done = names
        .iter()
        .chain(&again)
        .map(|n| match super::namespace_of(sim, kind, n) {
            // PrintObj with -o name: RESOURCE/NAME alone.
            _ if by_name => format!("{}/{n}", kubectl_resource(kind)),
            Some(ns) => format!(
                "{} {n:?} {verb} from {ns} namespace",
                kubectl_resource(kind)
            ),
            None => format!("{} {n:?} {verb}", kubectl_resource(kind)),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let lines = |_: &str| {
        let done = done.clone();
        if warnings.is_empty() {
            done
        } else {
            format!("{warnings}\n{done}")
        }
    };
    let mut r = perform(sim, action, lines, kind, name);
    if !missing.is_empty() {
        r.output = format!("{}\n{}", r.output, missing.join("\n"));
        r.error = true;
    }
    r
}

/// `--grace-period` (delete, drain), as pflag reads an int: strconv.ParseInt's two errors,
/// digits too many for 64 bits or not a number.
pub(super) fn parse_grace(v: &str) -> Result<i64, String> {
    v.parse().map_err(|_| {
        let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
        let why = match !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            true => "value out of range",
            false => "invalid syntax",
        };
        format!("error: invalid argument {v:?} for \"--grace-period\" flag: strconv.ParseInt: parsing {v:?}: {why}")
    })
}
