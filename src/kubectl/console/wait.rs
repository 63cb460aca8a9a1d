//! `kubectl wait --for=...`: a condition, deletion, creation or a jsonpath value, as time runs.

use super::{err, exists, targets, ConsoleResult, Flags, Follow};
use crate::api::Duration;
use crate::kubectl::wait::{Wait, WaitFor};
use crate::sim::Simulation;

/// `kubectl wait (TYPE/NAME... | TYPE NAME... | TYPE -l SELECTOR | TYPE --all) --for=...
/// [--timeout=30s]` (wait.go). It goes on as time runs; the console polls it.
pub(super) fn wait(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let for_ = match WaitFor::parse(flags.wait_for.as_deref().unwrap_or("")) {
        Ok(f) => f,
        Err(e) => return err(e),
    };
    let timeout = match flags
        .timeout
        .as_deref()
        .map(|v| go_duration_flag(v, "wait"))
    {
        None => Duration::from_secs(30),
        // Negative: a week (wait.go).
        Some(Ok(d)) => d.unwrap_or(Duration::from_secs(168 * 3600)),
        Some(Err(e)) => return err(e),
    };
    let (kind, mut names, selected) = match targets(sim, args, flags) {
        Ok(t) => t,
        Err(e) => return err(e),
    };
    if for_ == WaitFor::Delete {
        // RunWait ignores NotFound for --for=delete: a missing object is no wait at all.
        if let (false, Some(Err(r))) = (selected, names.first().map(|n| flags.named(sim, kind, n)))
        {
            if flags.all_namespaces {
                return *r;
            }
        }
        names.retain(|n| exists(sim, kind, n) && flags.named(sim, kind, n).is_ok());
    } else if names.is_empty() {
        return err("error: no matching resources found".into());
    } else if !selected {
        for n in &names {
            if let Err(r) = flags.named(sim, kind, n) {
                return *r;
            }
        }
    }
    let (wait, output, error) = Wait::start(sim, kind, names, for_, timeout);
    ConsoleResult {
        output,
        error,
        action: None,
        follow: wait.map(|w| Box::new(Follow::Wait(w))),
    }
}

/// A Go `time.Duration` flag (`--timeout=60s`): pflag's DurationVar reads it with Go's
/// `time.ParseDuration` (no `d`; `us` and fractions are fine), and a flag error ends with the
/// command's help line (templater.go FlagErrorFunc). `None` for a negative duration (each
/// command says what that means); a positive one below a millisecond is the virtual clock's
/// smallest step.
pub(super) fn go_duration_flag(v: &str, cmd: &str) -> Result<Option<Duration>, String> {
    let nanos = crate::kubectl::goparse::parse_duration_nanos(v).map_err(|e| {
        format!("error: invalid argument {v:?} for \"--timeout\" flag: {e}\nSee 'kubectl {cmd} --help' for usage.")
    })?;
    Ok((nanos >= 0)
        .then(|| Duration::from_millis(nanos / 1_000_000 + i64::from(nanos % 1_000_000 != 0))))
}
