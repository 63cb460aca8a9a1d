//! What `kubectl logs` prints for a simulated container: the container's command is read as a
//! tiny shell (manifest::shell: `echo`, `date`, `printf`, `sleep`, `exit`, and perl's
//! `print bpi(N)`), so the
//! lecture's pi Job prints real digits of π and the hello CronJob prints the (virtual) date.

use crate::api::{Pod, Time};
use crate::manifest::shell;

/// The log of the first container's current attempt as of `now`, or why there is none
/// (kubectl's words). A running container has printed what its script reached by `now`
/// (`sleep 30; date` prints nothing for 30 s); a terminated one what it reached by its exit.
pub fn container_logs(pod: &Pod, now: Time) -> Result<String, String> {
    logs_of(pod, LogOptions::default(), now)
}

/// Which log `kubectl logs` asks for: `-c CONTAINER` (else the first) and `-p` (the run before).
#[derive(Clone, Copy, Debug, Default)]
pub struct LogOptions<'a> {
    pub container: Option<&'a str>,
    pub previous: bool,
}

/// The API server picks the container (pkg/registry/core/pod/strategy.go `LogLocation`), the
/// kubelet the run (kubelet_pods.go `validateContainerLogStatus`): with `-p` the last terminated
/// one; else the running one, the terminated one, or, while the container waits to restart
/// (CrashLoopBackOff), the last terminated one.
pub fn logs_of(pod: &Pod, o: LogOptions, now: Time) -> Result<String, String> {
    let lines = log_lines(pod, o, now)?;
    Ok(lines.into_iter().map(|l| l.text).collect())
}

/// A line of a container's log as the runtime wrote it to the CRI log file: its text (with its
/// newline; the last line of a running container may not have one yet) and when it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    /// containerd's CRI logger reads a whole line before it writes it with `time.Now()`: the
    /// instant the script wrote the line's newline (or, for a last line without one, its last
    /// part).
    pub t: Time,
    pub text: String,
}

/// `logs_of` line by line, each with its time (what `--timestamps` and `--since` read).
pub fn log_lines(pod: &Pod, o: LogOptions, now: Time) -> Result<Vec<LogLine>, String> {
    let name = &pod.metadata.name;
    // A pod not yet bound to a node has no log location: an empty stream, no error
    // (strategy.go LogLocation, rest.LocationStreamer), once the container is a real one.
    if pod.spec.node_name.is_empty() && container_named(pod, o.container) {
        return Ok(Vec::new());
    }
    // A container or an init container (podcmd.FindContainerByName), with its status.
    let init = |c: &str| pod.spec.init_containers.iter().find(|x| x.name == c);
    let (container, statuses) = match o.container {
        Some(c) => match pod.spec.containers.iter().find(|x| x.name == c) {
            Some(x) => (x, &pod.status.container_statuses),
            None => (
                init(c).ok_or_else(|| format!("container {c} is not valid for pod {name}"))?,
                &pod.status.init_container_statuses,
            ),
        },
        None => (
            pod.spec
                .containers
                .first()
                .ok_or_else(|| format!("pod {name:?} has no containers"))?,
            &pod.status.container_statuses,
        ),
    };
    let status = statuses.iter().find(|s| s.name == container.name);
    let last = status
        .and_then(|s| s.last_state.terminated.as_ref())
        .map(|t| (t.started_at, t.finished_at));
    let current = status.and_then(|s| {
        s.state
            .running
            .as_ref()
            .map(|r| (r.started_at, now))
            .or_else(|| {
                s.state
                    .terminated
                    .as_ref()
                    .map(|t| (t.started_at, t.finished_at))
            })
    });
    let attempt = if o.previous {
        last.ok_or_else(|| {
            format!(
                "previous terminated container {:?} in pod {name:?} not found",
                container.name
            )
        })?
    } else {
        match current.or(last) {
            Some(a) => a,
            None => {
                let reason = status
                    .and_then(|s| s.state.waiting.as_ref())
                    .map(|w| w.reason.clone())
                    .unwrap_or_else(|| "ContainerCreating".into());
                return Err(format!(
                    "container {:?} in pod {name:?} is waiting to start: {reason}",
                    container.name
                ));
            }
        }
    };
    let (started, until) = attempt;
    // A running container's attempt ends now; a terminated one's at its finish.
    let ended = o.previous || status.is_none_or(|s| s.state.running.is_none());
    let words: Vec<String> = container
        .command
        .iter()
        .chain(container.args.iter())
        .cloned()
        .collect();
    let index = pod
        .metadata
        .annotations
        .get("batch.kubernetes.io/job-completion-index")
        .map(String::as_str);
    let mut env = shell::env_of(container, index);
    // The downward API (kubelet_pods.go makeEnvironmentVariables, podFieldSelectorRuntimeValue):
    // `env[].valueFrom.fieldRef` reads the pod's own fields.
    for e in &container.env {
        let path = e
            .value_from
            .as_ref()
            .and_then(|v| v.get("fieldRef"))
            .and_then(|f| f.get("fieldPath"))
            .and_then(serde_json::Value::as_str);
        if let Some(v) = path.and_then(|p| pod_field(pod, p)) {
            env.push((e.name.clone(), v));
        }
    }
    Ok(lines_of(run_script_timed(
        &words, &env, started, until, ended,
    )))
}

/// The script's output split into lines, each timed by the part that ended it.
fn lines_of(parts: Vec<(Time, String)>) -> Vec<LogLine> {
    let mut lines = Vec::new();
    let mut text = String::new();
    let mut last = Time::default();
    for (t, part) in parts {
        last = t;
        let mut rest = part.as_str();
        while let Some(i) = rest.find('\n') {
            text.push_str(&rest[..=i]);
            lines.push(LogLine {
                t,
                text: std::mem::take(&mut text),
            });
            rest = &rest[i + 1..];
        }
        text.push_str(rest);
    }
    if !text.is_empty() {
        lines.push(LogLine { t: last, text });
    }
    lines
}

/// What the kubelet sends for a log request (pkg/kubelet/kuberuntime/logs/logs.go
/// `NewLogOptions`, `ReadLogs`, `logWriter.write`): from the last `tail` lines, those written
/// at or after `since`, each after its RFC3339NanoFixed time with `timestamps`, cut after
/// `limit_bytes` bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ReadOptions {
    pub tail: Option<usize>,
    pub since: Option<Time>,
    pub timestamps: bool,
    pub limit_bytes: Option<usize>,
}

/// `ReadLogs` over these lines: the text sent, and whether `limit_bytes` ended it
/// (`errMaximumWrite`: the stream ends there, even a followed one).
pub fn read_logs(lines: &[LogLine], o: &ReadOptions) -> (String, bool) {
    let from = o.tail.map_or(0, |n| lines.len().saturating_sub(n));
    let mut out: Vec<u8> = Vec::new();
    let mut remain = o.limit_bytes.unwrap_or(usize::MAX);
    let mut limited = false;
    for l in &lines[from..] {
        if o.since.is_some_and(|since| l.t < since) {
            continue;
        }
        let mut line = String::new();
        if o.timestamps {
            line.push_str(&l.t.rfc3339_nano_fixed());
            line.push(' ');
        }
        line.push_str(&l.text);
        // The CRI log file holds whole lines: the runtime ends the last one too.
        if !line.ends_with('\n') {
            line.push('\n');
        }
        let bytes = line.as_bytes();
        let n = bytes.len().min(remain);
        out.extend_from_slice(&bytes[..n]);
        remain -= n;
        if remain == 0 {
            limited = true;
            break;
        }
    }
    // A cut inside a character: the bytes sent, as a terminal shows them.
    (String::from_utf8_lossy(&out).into_owned(), limited)
}

/// A pod field the downward API gives a container (`fieldpath.ExtractFieldPathAsString` and the
/// kubelet's own status fields).
fn pod_field(pod: &Pod, path: &str) -> Option<String> {
    let m = &pod.metadata;
    if let Some((map, key)) = path.strip_suffix("']").and_then(|p| p.split_once("['")) {
        let map = match map {
            "metadata.labels" => &m.labels,
            "metadata.annotations" => &m.annotations,
            _ => return None,
        };
        return Some(map.get(key).cloned().unwrap_or_default());
    }
    Some(match path {
        "metadata.name" => m.name.clone(),
        "metadata.namespace" => m.namespace.clone(),
        "metadata.uid" => m.uid.clone(),
        "spec.nodeName" => pod.spec.node_name.clone(),
        "spec.serviceAccountName" => pod
            .spec
            .other
            .get("serviceAccountName")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_string(),
        "status.hostIP" | "status.hostIPs" => pod.status.host_ip.clone(),
        "status.podIP" | "status.podIPs" => pod.status.pod_ip.clone(),
        _ => return None,
    })
}

/// Interprets `command + args`: `sh -c SCRIPT` runs SCRIPT; anything else is one command.
/// The script's clock starts at `started`, `sleep` moves it; it stops at `until`.
#[cfg(test)]
fn run_script(words: &[String], env: &shell::Env, started: Time, until: Time) -> String {
    run_script_timed(words, env, started, until, true)
        .into_iter()
        .map(|(_, s)| s)
        .collect()
}

/// `run_script`'s output as written: each command's output with the script's clock then.
/// `ended`: the container has exited at `until` (else it is still running then).
fn run_script_timed(
    words: &[String],
    env: &shell::Env,
    started: Time,
    until: Time,
    ended: bool,
) -> Vec<(Time, String)> {
    let run = shell::execute_words(words, env);
    let mut parts: Vec<(Time, String)> = Vec::new();
    let mut len = 0;
    let mut t = started;
    // An endless loop's pass repeats until `until`; a pass that never sleeps (or sleeps 0)
    // would print without end at one instant, so it runs once.
    let sleeps = run.repeat.iter().map(|c| &c.words).any(|w| {
        w.first()
            .is_some_and(|c| c.rsplit('/').next() == Some("sleep"))
            && shell::sleep_duration(&w[1..]) > crate::api::Duration::ZERO
    });
    let passes = if sleeps { MAX_LOOP_PASSES } else { 1 };
    let looped = std::iter::repeat_n(&run.repeat, passes).flatten();
    let last = if run.repeat.is_empty() {
        run.commands.len().checked_sub(1)
    } else {
        None
    };
    for (i, c) in run.commands.iter().chain(looped).enumerate() {
        let args = &c.words;
        let Some(cmd) = args.first() else { continue };
        let cmd = cmd.rsplit('/').next().unwrap_or(cmd);
        if cmd == "sleep" {
            t = t + shell::sleep_duration(&args[1..]);
        }
        if t > until || len > MAX_LOG_BYTES {
            break;
        }
        let mut out = String::new();
        match cmd {
            "echo" => {
                let (newline, rest) = match args.get(1).map(String::as_str) {
                    Some("-n") => (false, &args[2..]),
                    _ => (true, &args[1..]),
                };
                out.push_str(&rest.join(" "));
                if newline {
                    out.push('\n');
                }
            }
            "date" => {
                out.push_str(&unix_date(t));
                out.push('\n');
            }
            "printf" => out.push_str(&shell::printf(&args[1..]).unwrap_or_default()),
            "perl" => {
                if let Some(n) = bpi_digits(args) {
                    // The script's last command computes π for the container's whole run and
                    // prints it at the end: nothing while it runs (the Job docs' pi pod).
                    if last == Some(i) {
                        if !ended {
                            break;
                        }
                        t = t.max(until);
                    }
                    out.push_str(&pi_cached(n));
                    out.push('\n');
                }
            }
            "exit" => break,
            _ => {}
        }
        // Written to a file or /dev/null (`> f`, `>/dev/null`): not in the log.
        if !out.is_empty() && c.logged {
            len += out.len();
            parts.push((t, out));
        }
    }
    parts
}

/// How many passes of an endless loop a log holds at most (of a `sleep 5` loop: 2¾ hours).
const MAX_LOOP_PASSES: usize = 2_000;
/// How long a log grows at most (a loop that echoes long lines stops there).
const MAX_LOG_BYTES: usize = 4 << 20;

thread_local! {
    /// The last digits of π printed: a loop (or `logs -f` polling) prints the same ones again.
    static PI: std::cell::RefCell<Option<(usize, std::rc::Rc<str>)>> = const { std::cell::RefCell::new(None) };
    /// The longest expansion of π computed so far: any shorter one is rounded from it, so a
    /// script alternating `bpi(2000)` and `bpi(2001)` runs the O(n²) series once, not each
    /// time.
    static PI_RAW: std::cell::RefCell<std::rc::Rc<Vec<u8>>> = std::cell::RefCell::new(std::rc::Rc::new(Vec::new()));
}

fn pi_cached(n: usize) -> std::rc::Rc<str> {
    PI.with(|c| {
        if let Some((_, s)) = c.borrow().as_ref().filter(|(m, _)| *m == n) {
            return s.clone();
        }
        let raw = PI_RAW.with(|r| {
            if r.borrow().len() < n + PI_GUARD {
                *r.borrow_mut() = std::rc::Rc::new(pi_significant(n + PI_GUARD));
            }
            r.borrow().clone()
        });
        let s: std::rc::Rc<str> = pi_rounded(&raw, n).into();
        *c.borrow_mut() = Some((n, s.clone()));
        s
    })
}

/// `date` in its default C-locale format: `Thu Jan  1 00:00:30 UTC 2026`.
fn unix_date(t: Time) -> String {
    t.unix_date()
}

/// `perl -Mbignum=bpi -wle 'print bpi(2000)'` → Some(2000).
fn bpi_digits(args: &[String]) -> Option<usize> {
    let code = args.iter().find(|a| a.contains("bpi("))?;
    let inner = code.split("bpi(").nth(1)?.split(')').next()?;
    let n: usize = inner.trim().parse().ok()?;
    Some(n.clamp(1, 10_000))
}

/// Digits computed past the ones printed, so the spigot's last (unsettled) ones and the
/// rounding carry never reach them.
const PI_GUARD: usize = 10;

/// π to `n` significant digits, rounded as bignum's `bpi(n)` prints it (`3.14159…`).
pub fn pi_digits(n: usize) -> String {
    pi_rounded(&pi_significant(n + PI_GUARD), n)
}

/// π's first `want` significant digits (3, 1, 4, 1, 5, …) by Machin's formula,
/// π = 16·atan(1/5) − 4·atan(1/239), in fixed point with base-10⁹ limbs: ~20 000 digits a
/// second in wasm (the Rabinowitz–Wagon spigot it replaced needed ~3 s for 10 000). The last
/// few may be off by the truncations; PI_GUARD digits cover them.
fn pi_significant(want: usize) -> Vec<u8> {
    // One integer limb, the fraction's limbs, two guard limbs against the terms' truncations
    // (each drops under one unit of the last limb; there are ~0.7·want of them).
    let limbs = 1 + want.div_ceil(9) + 2;
    let mut pi = atan_inv(5, limbs);
    mul_small(&mut pi, 16);
    let mut b = atan_inv(239, limbs);
    mul_small(&mut b, 4);
    sub_fixed(&mut pi, &b);
    let mut digits = Vec::with_capacity(limbs * 9);
    // The integer limb is 3: one digit; each fractional limb is nine.
    digits.push(pi[0] as u8);
    for limb in &pi[1..] {
        let mut d = [0u8; 9];
        let mut v = *limb;
        for slot in d.iter_mut().rev() {
            *slot = (v % 10) as u8;
            v /= 10;
        }
        digits.extend_from_slice(&d);
    }
    digits.truncate(want);
    digits
}

const LIMB: u64 = 1_000_000_000;

/// atan(1/x) = Σ (−1)ᵏ / ((2k+1)·x^(2k+1)), in fixed point (limb 0 the integer part).
fn atan_inv(x: u32, limbs: usize) -> Vec<u32> {
    let mut power = vec![0u32; limbs];
    power[0] = 1;
    let mut first = div_small(&mut power, x, 0);
    let mut sum = power.clone();
    let mut term = vec![0u32; limbs];
    let x2 = x * x;
    let mut k: u32 = 1;
    loop {
        first = div_small(&mut power, x2, first);
        if first >= limbs {
            return sum;
        }
        term[first..].copy_from_slice(&power[first..]);
        term[..first].fill(0);
        div_small(&mut term, 2 * k + 1, first);
        if k % 2 == 1 {
            sub_fixed(&mut sum, &term);
        } else {
            add_fixed(&mut sum, &term);
        }
        k += 1;
    }
}

/// Divides in place by `d`, skipping the limbs before `from` (known zero); returns the index
/// of the first non-zero limb after it (`len` if none).
fn div_small(v: &mut [u32], d: u32, from: usize) -> usize {
    let mut rem: u64 = 0;
    for limb in v[from..].iter_mut() {
        let cur = rem * LIMB + u64::from(*limb);
        *limb = (cur / u64::from(d)) as u32;
        rem = cur % u64::from(d);
    }
    from + v[from..]
        .iter()
        .position(|l| *l != 0)
        .unwrap_or(v.len() - from)
}

fn mul_small(v: &mut [u32], m: u32) {
    let mut carry: u64 = 0;
    for limb in v.iter_mut().rev() {
        let cur = u64::from(*limb) * u64::from(m) + carry;
        *limb = (cur % LIMB) as u32;
        carry = cur / LIMB;
    }
}

fn add_fixed(a: &mut [u32], b: &[u32]) {
    let mut carry = 0u32;
    for (x, y) in a.iter_mut().zip(b).rev() {
        let s = *x + *y + carry;
        (*x, carry) = if s >= LIMB as u32 {
            (s - LIMB as u32, 1)
        } else {
            (s, 0)
        };
    }
}

/// a − b, for a ≥ b.
fn sub_fixed(a: &mut [u32], b: &[u32]) {
    let mut borrow = 0u32;
    for (x, y) in a.iter_mut().zip(b).rev() {
        let t = *y + borrow;
        (*x, borrow) = if *x >= t {
            (*x - t, 0)
        } else {
            (*x + LIMB as u32 - t, 1)
        };
    }
}

/// `raw` (π's significant digits, at least `n` + PI_GUARD of them) rounded to `n`, as text.
fn pi_rounded(raw: &[u8], n: usize) -> String {
    let mut sig: Vec<u8> = raw[..raw.len().min(n + 1)].to_vec();
    if sig.len() > n {
        let round_up = sig[n] >= 5;
        sig.truncate(n);
        if round_up {
            let mut i = n;
            while i > 0 {
                i -= 1;
                if sig[i] == 9 {
                    sig[i] = 0;
                } else {
                    sig[i] += 1;
                    break;
                }
            }
        }
    }
    let mut s = String::with_capacity(n + 1);
    for (i, d) in sig.iter().enumerate() {
        if i == 1 {
            s.push('.');
        }
        s.push((b'0' + d) as char);
    }
    s
}

/// The container `-c` names (or the first) exists in the pod.
fn container_named(pod: &Pod, c: Option<&str>) -> bool {
    match c {
        None => !pod.spec.containers.is_empty(),
        Some(c) => pod
            .spec
            .containers
            .iter()
            .chain(&pod.spec.init_containers)
            .any(|x| x.name == c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Duration;

    #[test]
    fn pi() {
        assert_eq!(pi_digits(1), "3");
        assert_eq!(pi_digits(10), "3.141592654");
        assert_eq!(pi_digits(30), "3.14159265358979323846264338328");
        let p = pi_digits(2000);
        assert_eq!(p.len(), 2001);
        assert!(p.starts_with("3.14159265358979323846264338327950288419716939937510"));
        // The Feynman point: six 9s from the 762nd decimal digit.
        assert_eq!(&p[763..769], "999999");
        // Any shorter expansion is rounded from the longest one computed (the cache), the same
        // digits as its own spigot gives, the Feynman point's rounding carry included.
        let raw = pi_significant(2010);
        for n in [1, 10, 30, 761, 762, 763, 767, 1999, 2000] {
            assert_eq!(pi_rounded(&raw, n), pi_digits(n), "{n} digits");
        }
        assert_eq!(&*pi_cached(2000), p);
        assert_eq!(&*pi_cached(10), "3.141592654");
    }

    /// The Rabinowitz–Wagon spigot the Machin series replaced: the digits are the same.
    fn spigot(want: usize) -> Vec<u8> {
        let len = want * 10 / 3 + 2;
        let mut a = vec![2u32; len];
        let mut digits: Vec<u8> = Vec::with_capacity(want + 1);
        let (mut nines, mut predigit) = (0usize, 0u8);
        for _ in 0..want {
            let mut carry: u64 = 0;
            for k in (0..len).rev() {
                let x = a[k] as u64 * 10 + carry * (k as u64 + 1);
                let den = 2 * k as u64 + 1;
                a[k] = (x % den) as u32;
                carry = x / den;
            }
            a[0] = (carry % 10) as u32;
            match (carry / 10) as u8 {
                9 => nines += 1,
                10 => {
                    digits.push(predigit + 1);
                    digits.extend(std::iter::repeat_n(0, nines));
                    (predigit, nines) = (0, 0);
                }
                q => {
                    digits.push(predigit);
                    predigit = q;
                    digits.extend(std::iter::repeat_n(9, nines));
                    nines = 0;
                }
            }
        }
        digits.push(predigit);
        digits.into_iter().skip(1).collect()
    }

    #[test]
    fn machin_gives_the_spigots_digits() {
        let n = if cfg!(debug_assertions) { 1500 } else { 10_000 };
        let (m, s) = (pi_significant(n + PI_GUARD), spigot(n + PI_GUARD));
        assert_eq!(m[..n], s[..n]);
        for n in [1, 9, 10, 17, 18, 19, 100] {
            assert_eq!(pi_significant(n).len(), n);
        }
    }

    /// A loop whose only sleep is `sleep 0` never lets time pass: it runs once, not 2 000 times
    /// at one instant (each pass printing π again).
    #[test]
    fn a_loop_that_sleeps_zero_runs_once() {
        let words: Vec<String> = ["sh", "-c", "while true; do echo x; sleep 0; done"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let out = run_script_timed(&words, &shell::Env::default(), Time(0), Time(60_000), true);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn shell() {
        let t = Time::parse_rfc3339("2026-01-01T00:01:00Z").unwrap_or_default();
        let words: Vec<String> = [
            "/bin/sh",
            "-c",
            "date; echo Hello from the Kubernetes cluster",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            run_script(&words, &Vec::new(), t, t),
            "Thu Jan  1 00:01:00 UTC 2026\nHello from the Kubernetes cluster\n"
        );
        let words: Vec<String> = [
            "sh",
            "-c",
            "echo 'a;b' && printf '%s-%d\\n' x 3; exit 1; echo no",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(run_script(&words, &Vec::new(), t, t), "a;b\nx-3\n");
        let words: Vec<String> = ["perl", "-Mbignum=bpi", "-wle", "print bpi(12)"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(run_script(&words, &Vec::new(), t, t), "3.14159265359\n");
    }

    /// The log holds what reaches the container's stdout and stderr (POSIX 2.7: `>` and `>>`
    /// send it elsewhere), takes the branch `elif` picks (2.9.4.4) and the script's own
    /// variables (2.9.1); of a script it cannot follow, only what ran before that point.
    #[test]
    fn the_log_follows_redirections_elif_and_assignments() {
        let t = Time::parse_rfc3339("2026-01-01T00:00:00Z").unwrap_or_default();
        let sh = |script: &str| -> Vec<String> {
            ["sh", "-c", script].iter().map(|s| s.to_string()).collect()
        };
        let log = |script: &str, env: &shell::Env| run_script(&sh(script), env, t, t);
        assert_eq!(
            log(
                "echo hi > /tmp/x; echo visible; echo err 1>&2; date >/dev/null",
                &Vec::new()
            ),
            "visible\nerr\n"
        );
        let by_index = "if [ $JOB_COMPLETION_INDEX = 0 ]; then echo zero; elif [ $JOB_COMPLETION_INDEX = 1 ]; then echo one; exit 42; else echo other; fi";
        let env = |ix: &str| vec![("JOB_COMPLETION_INDEX".to_string(), ix.to_string())];
        assert_eq!(log(by_index, &env("1")), "one\n");
        assert_eq!(log(by_index, &env("2")), "other\n");
        assert_eq!(log("N=3; echo got $N", &Vec::new()), "got 3\n");
        // The Kubernetes docs' Indexed Job (a bash array): nothing is printed literally.
        let docs = "echo start; items=(foo bar baz qux xyz); echo ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt";
        assert_eq!(log(docs, &env("3")), "start\n");
    }

    /// An endless loop prints a pass each time round, as the clock reaches it.
    #[test]
    fn an_endless_loop_repeats_in_the_log() {
        let t = Time::parse_rfc3339("2026-01-01T00:00:00Z").unwrap_or_default();
        let words: Vec<String> = [
            "sh",
            "-c",
            "echo start; while true; do echo tick; sleep 5; done",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let at = |secs| t + Duration::from_secs(secs);
        assert_eq!(
            run_script(&words, &Vec::new(), t, at(12)),
            "start\ntick\ntick\ntick\n"
        );
        // A pass without a sleep prints once, not without end.
        let busy: Vec<String> = ["sh", "-c", "while :; do echo spin; done"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(run_script(&busy, &Vec::new(), t, at(60)), "spin\n");
    }

    /// `sleep` moves the script's clock: `date` after it prints the later time, and a running
    /// container has printed nothing past `now` yet.
    #[test]
    fn sleep_moves_the_clock() {
        let t = Time::parse_rfc3339("2026-01-01T00:00:01Z").unwrap_or_default();
        let words: Vec<String> = [
            "/bin/sh",
            "-c",
            "echo start; sleep 30; date; sleep 1m; echo end",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let at = |secs| t + Duration::from_secs(secs);
        assert_eq!(run_script(&words, &Vec::new(), t, at(5)), "start\n");
        assert_eq!(
            run_script(&words, &Vec::new(), t, at(30)),
            "start\nThu Jan  1 00:00:31 UTC 2026\n"
        );
        assert_eq!(
            run_script(&words, &Vec::new(), t, at(90)),
            "start\nThu Jan  1 00:00:31 UTC 2026\nend\n"
        );
    }
}
