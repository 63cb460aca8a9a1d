//! A container's `command` + `args` read as a tiny shell: what `kubectl logs` prints
//! (sim::logs) and how long the simulated container runs and with which exit code (hints) both
//! come from this one reading, so a `sleep 30; exit 1` both logs and fails at 30 s.

use crate::api::{Container, Duration};

/// The script a container runs: `sh -c SCRIPT` (or bash, or any `… -c SCRIPT`) is SCRIPT;
/// anything else is its words as one command line.
pub fn script(words: &[String]) -> String {
    match words.iter().position(|w| w == "-c") {
        Some(i)
            if words
                .first()
                .is_some_and(|w| w.ends_with("sh") || w.ends_with("bash"))
                || i > 0 =>
        {
            words.get(i + 1).cloned().unwrap_or_default()
        }
        _ => words.iter().map(|w| quote(w)).collect::<Vec<_>>().join(" "),
    }
}

/// What a container's script says about its run, as far as a straight reading can tell.
#[derive(Clone, Debug, PartialEq)]
pub enum Run {
    /// No loop and no branch: its `sleep`s in all (None: it never sleeps) and the code of the
    /// `exit` it reaches (None: it runs off its end).
    Straight {
        sleeps: Option<Duration>,
        exit: Option<i32>,
    },
    /// `while true`, `while :`, `until false`, `sleep infinity`: it never ends by itself.
    Forever,
    /// Another loop or a branch (`if`, `case`, `for`, `||`, `exit $VAR`): unknowable here.
    Unknown,
}

/// Reads the first container's script (see `Run`).
pub fn read(c: &Container) -> Run {
    let words: Vec<String> = c.command.iter().chain(c.args.iter()).cloned().collect();
    let script = script(&words);
    if script.contains("||") {
        return Run::Unknown;
    }
    let mut sleeps = Duration::ZERO;
    let mut exit = None;
    for stmt in statements(&script) {
        let w = self::words(&stmt);
        let cmd = w.first().map(|c| c.rsplit('/').next().unwrap_or(c));
        let arg = w.get(1).map(String::as_str);
        match (cmd, arg) {
            (Some("while"), Some("true" | ":")) | (Some("until"), Some("false")) => {
                return Run::Forever
            }
            (Some("sleep"), Some("infinity" | "inf")) => return Run::Forever,
            (
                Some(
                    "while" | "until" | "for" | "if" | "case" | "select" | "then" | "do" | "else"
                    | "elif",
                ),
                _,
            ) => return Run::Unknown,
            (Some("sleep"), _) => {
                sleeps = Duration(sleeps.0.saturating_add(sleep_duration(&w[1..]).0))
            }
            (Some("exit"), None) => {
                exit = Some(0);
                break;
            }
            // The shell keeps the low 8 bits (`exit 256` is 0).
            (Some("exit"), Some(n)) => match n.parse::<i64>() {
                Ok(n) => {
                    exit = Some(n.rem_euclid(256) as i32);
                    break;
                }
                Err(_) => return Run::Unknown,
            },
            _ => {}
        }
    }
    Run::Straight {
        sleeps: (sleeps > Duration::ZERO).then_some(sleeps),
        exit,
    }
}

/// GNU `sleep NUMBER[smhd]...`: the arguments summed (a bad one counts as 0).
pub fn sleep_duration(args: &[String]) -> Duration {
    let mut ms = 0i64;
    for a in args {
        let (num, unit) = match a.char_indices().last() {
            Some((i, c @ ('s' | 'm' | 'h' | 'd'))) => (&a[..i], c),
            _ => (a.as_str(), 's'),
        };
        let scale = match unit {
            'm' => 60_000.0,
            'h' => 3_600_000.0,
            'd' => 86_400_000.0,
            _ => 1_000.0,
        };
        if let Ok(v) = num.parse::<f64>() {
            if v.is_finite() && v > 0.0 {
                ms = ms.saturating_add((v * scale).min(1e15) as i64);
            }
        }
    }
    Duration::from_millis(ms)
}

fn quote(w: &str) -> String {
    if w.chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./=:,".contains(c))
    {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', "'\\''"))
    }
}

/// Splits a script into statements on `;`, `&&`, `||` and newlines, outside quotes.
pub fn statements(script: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let chars: Vec<char> = script.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match (quote, c) {
            (Some(q), _) if c == q => {
                quote = None;
                cur.push(c);
            }
            (Some(_), _) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                cur.push(c);
            }
            (None, ';' | '\n') => out.push(std::mem::take(&mut cur)),
            (None, '&' | '|') if chars.get(i + 1) == Some(&c) => {
                out.push(std::mem::take(&mut cur));
                i += 1;
            }
            _ => cur.push(c),
        }
        i += 1;
    }
    out.push(cur);
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Shell words with single/double quotes and backslash escapes removed.
pub fn words(stmt: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = stmt.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some('"'), '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            (Some(_), _) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                    in_word = true;
                }
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            (None, c) => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sleep_sums_its_arguments_like_gnu_sleep() {
        assert_eq!(
            sleep_duration(&["1.5".into(), "2m".into(), "x".into()]),
            Duration::from_millis(121_500)
        );
    }

    #[test]
    fn statements_and_words_respect_quotes() {
        assert_eq!(
            statements("echo 'a;b' && printf \"%s\\n\" x; exit 1\nfalse || true"),
            [
                "echo 'a;b'",
                "printf \"%s\\n\" x",
                "exit 1",
                "false",
                "true"
            ]
        );
        assert_eq!(words(r#"echo "a b" 'c' d\ e"#), ["echo", "a b", "c", "d e"]);
        let w = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(script(&w(&["/bin/sh", "-c", "exit 2"])), "exit 2");
        assert_eq!(script(&w(&["sleep", "30"])), "sleep 30");
        assert_eq!(script(&w(&["echo", "a b"])), "echo 'a b'");
    }
}
