//! `kubectl wait --for=...`: a condition, deletion, creation or a jsonpath value, as time runs.

use super::{err, exists, targets, ConsoleResult, Flags, Follow};
use crate::api::{parse_duration, Duration};
use crate::kubectl::wait::{Wait, WaitFor};
use crate::sim::Simulation;

/// `kubectl wait (TYPE/NAME... | TYPE NAME... | TYPE -l SELECTOR | TYPE --all) --for=...
/// [--timeout=30s]` (wait.go). It goes on as time runs; the console polls it.
pub(super) fn wait(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let for_ = match WaitFor::parse(flags.wait_for.as_deref().unwrap_or("")) {
        Ok(f) => f,
        Err(e) => return err(e),
    };
    let timeout = match flags.timeout.as_deref().map(go_duration_flag) {
        None => Duration::from_secs(30),
        Some(Ok(d)) => d,
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

/// A Go `time.Duration` flag (`--timeout=60s`): a bare number other than 0 lacks its unit; a
/// negative one means a week (wait.go).
fn go_duration_flag(v: &str) -> Result<Duration, String> {
    let bad = |why: &str| {
        format!("error: invalid argument {v:?} for \"--timeout\" flag: time: {why} {v:?}")
    };
    let (negative, body) = match v.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, v.strip_prefix('+').unwrap_or(v)),
    };
    if body == "0" {
        return Ok(Duration::ZERO);
    }
    if body.is_empty() || body.parse::<f64>().is_ok() {
        return Err(bad(if body.is_empty() {
            "invalid duration"
        } else {
            "missing unit in duration"
        }));
    }
    let d = parse_duration(body).map_err(|_| bad("invalid duration"))?;
    Ok(if negative && d > Duration::ZERO {
        Duration::from_secs(168 * 3600)
    } else {
        d
    })
}
