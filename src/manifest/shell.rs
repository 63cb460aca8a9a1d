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

/// How a container's words run: a shell's `-c SCRIPT` with the options before it (`-e` is
/// followed as `set -e`; `-ec` too), or the words as one command line. None for what is not
/// followed: another program's `-c` (`python3 -c CODE`), `-x` (its trace goes to the log),
/// `-u` and the other options, `-o pipefail` of a shell that may lack it.
fn invocation(words: &[String]) -> Option<(String, bool)> {
    let base = |w: &str| w.rsplit('/').next().unwrap_or_default().to_string();
    let program = base(words.first().map_or("", String::as_str));
    let shells = ["sh", "bash", "ash", "dash", "ksh", "zsh", "busybox"];
    let shell = shells.contains(&program.as_str());
    // A shell's `-c` may come with other option letters (`-ec`); another program's `-c` is
    // taken as code in its own language (`python3 -c`), and its other flags (`-conf`) as
    // flags.
    let flag = |w: &&String| match shell {
        true => w.starts_with('-') && !w.starts_with("--") && w.contains('c'),
        false => *w == "-c",
    };
    let Some(i) = words.iter().skip(1).position(|w| flag(&w)).map(|i| i + 1) else {
        return Some((script(words), false));
    };
    if !shell {
        return None;
    }
    let mut rest = words[1..i].iter().map(String::as_str).peekable();
    if program == "busybox" && rest.next_if(|w| matches!(*w, "sh" | "ash")).is_none() {
        return None;
    }
    let mut errexit = words[i][1..].contains('e');
    if !words[i][1..].chars().all(|c| matches!(c, 'c' | 'e')) {
        return None;
    }
    while let Some(o) = rest.next() {
        match o {
            "-e" => errexit = true,
            "-o" if program == "bash" && rest.next() == Some("pipefail") => {}
            _ => return None,
        }
    }
    Some((words.get(i + 1)?.clone(), errexit))
}

/// `execute` of a container's words (see `invocation`): nothing followed when their options
/// are not.
pub fn execute_words(words: &[String], env: &Env) -> Execution {
    match invocation(words) {
        Some((script, errexit)) => {
            let mut vars = env.clone();
            if errexit {
                vars.push((ERREXIT.into(), String::new()));
            }
            run_checked(&script, &mut vars)
        }
        None => Execution {
            commands: Vec::new(),
            end: End::Unknown,
            repeat: Vec::new(),
        },
    }
}

/// What a container's script says about its run.
#[derive(Clone, Debug, PartialEq)]
pub enum Run {
    /// It ends: its `sleep`s in all (None: it never sleeps) and its exit code when not 0 (the
    /// `exit N` it reaches, or its last command's status).
    Straight {
        sleeps: Option<Duration>,
        exit: Option<i32>,
    },
    /// `while true`, `while :`, `until false`, `sleep infinity`: it never ends by itself.
    Forever,
    /// Another loop, `case`, a test this reading cannot decide, a pipe, `$(…)` and the like:
    /// unknowable here.
    Unknown,
}

/// The container's environment as its script sees it: literal `env` values, and the pod's
/// completion index as `JOB_COMPLETION_INDEX` (its `valueFrom` in an Indexed Job's pods).
pub type Env = Vec<(String, String)>;

/// The environment of a pod's first container (`index`: the pod's completion index, if any).
pub fn env_of(c: &Container, index: Option<&str>) -> Env {
    let mut env: Env = c
        .env
        .iter()
        .filter_map(|e| Some((e.name.clone(), e.value.clone()?)))
        .collect();
    // The Job controller adds JOB_COMPLETION_INDEX (from the pod's index label) only to a
    // container that has none (indexed_job_utils.go addCompletionIndexEnvVariable): a value
    // the container sets itself wins.
    if let Some(ix) = index {
        if !c
            .env
            .iter()
            .any(|e| e.name == "JOB_COMPLETION_INDEX" && e.value.is_some())
        {
            env.push(("JOB_COMPLETION_INDEX".into(), ix.to_string()));
        }
    }
    env
}

/// A simple command the script ran: its words (redirections and leading `NAME=value`s gone),
/// and whether what it writes to stdout reaches the container's log.
#[derive(Clone, Debug, PartialEq)]
pub struct Command {
    pub words: Vec<String>,
    pub logged: bool,
}

/// How a script ended, and the simple commands it ran on the way, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Execution {
    pub commands: Vec<Command>,
    pub end: End,
    /// For an endless `while true; do …; done`: the commands of one pass, which repeat.
    pub repeat: Vec<Command>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum End {
    /// It ran off its end; the last command's status.
    Ran(i32),
    Exit(i32),
    Forever,
    /// A construct this reading does not follow; `commands` then holds what ran before it,
    /// which is certain (what follows is not guessed at).
    Unknown,
}

/// Runs a script as far as it can be followed: `;`/newline sequences, `&&` and `||`,
/// `if …; then …; [elif …; then …;]… [else …;] fi` (nestable), `[ … ]`/`test` on strings and
/// integers, `true`, `false`, `exit [N]`, `NAME=value`, `export`/`unset`, `$VAR`/`${VAR}`
/// from `env` and the script's own assignments, `>`/`>>`/`N>&M` redirections; other commands
/// succeed.
pub fn execute(script: &str, env: &Env) -> Execution {
    run_checked(script, &mut env.clone())
}

/// `set -e` on, kept among the variables (not a shell name, so no `$…` reads it) so that a
/// loop's pass carries it like the rest of the shell state.
const ERREXIT: &str = "-e";

/// A script longer than this is not followed (each statement looks its variables up in turn).
const MAX_STATEMENTS: usize = 2_000;

/// `run` of a whole script: an `IFS` of its own is not followed (fields split on the default).
fn run_checked(script: &str, vars: &mut Env) -> Execution {
    if vars.iter().any(|(k, _)| k == "IFS") {
        return Execution {
            commands: Vec::new(),
            end: End::Unknown,
            repeat: Vec::new(),
        };
    }
    run(script, vars, 0)
}

/// How deep endless loops nest in a followed script (each pass of one is a `run` of its
/// body): deeper is not followed, keeping the stack small in the page.
const MAX_DEPTH: usize = 8;

/// How many passes of an endless loop that assigns variables are followed, waiting for one
/// that leaves them as it found them (which then repeats).
const MAX_UNROLLED: usize = 3;

/// `execute` with the variables as shell state: the script's assignments change `vars`.
fn run(script: &str, vars: &mut Env, depth: usize) -> Execution {
    let mut commands: Vec<Command> = Vec::new();
    let mut status = 0;
    // Per open `if`: (its current branch runs, a branch was chosen, the `if` itself runs).
    let mut ifs: Vec<(bool, bool, bool)> = Vec::new();
    let unknown = |commands: Vec<Command>| Execution {
        commands,
        end: End::Unknown,
        repeat: Vec::new(),
    };
    // A syntax error: the shell runs none of it (dash and ash word their errors apart).
    let Some(parts) = split(script).filter(|p| p.len() <= MAX_STATEMENTS) else {
        return unknown(commands);
    };
    let Some(ends) = grammar(&parts) else {
        return unknown(commands);
    };
    if vars.iter().any(|(k, _)| k == ERREXIT) && compound_listed(&parts) {
        return unknown(commands);
    }
    // Parts already read as an `if` condition's `&&`/`||` tail.
    let mut consumed = 0;
    for (i, (op, stmt)) in parts.iter().enumerate() {
        if i < consumed {
            continue;
        }
        let op = *op;
        let mut w = tokens(stmt);
        // A statement runs when every enclosing `if` runs and is in its chosen branch.
        let running = |ifs: &[(bool, bool, bool)]| ifs.iter().all(|f| f.0);
        // POSIX 2.9.3: `a && if …; fi` runs the whole compound command or none of it; one
        // not run leaves the status of `a`.
        if let (Some(end), true) = (ends[i], running(&ifs)) {
            let skip = match op {
                Op::And => status != 0,
                Op::Or => status == 0,
                Op::Seq => false,
            };
            if skip {
                consumed = end + 1;
                continue;
            }
        }
        // Keywords first; `then`/`else` may carry a statement, itself perhaps an `if`.
        while let Some(first) = w.first().cloned() {
            match first.as_str() {
                // POSIX 2.9.4.4: `elif` tests only when no branch before it was taken.
                "if" | "elif" => {
                    let runs = match (first.as_str(), ifs.last()) {
                        ("if", _) => running(&ifs),
                        (_, Some(&(_, chosen, outer))) => outer && !chosen,
                        (_, None) => return unknown(commands),
                    };
                    w.remove(0);
                    let (n, taken) = condition(&w, &parts[i + 1..], vars, runs, &mut status);
                    consumed = i + 1 + n;
                    let Some(taken) = taken else {
                        return unknown(commands);
                    };
                    match (first.as_str(), ifs.last_mut()) {
                        ("elif", Some(top)) => {
                            top.0 = taken;
                            top.1 |= taken;
                        }
                        _ => ifs.push((taken, taken || !runs, runs)),
                    }
                    w.clear();
                }
                "then" => {
                    w.remove(0);
                }
                "else" => {
                    match ifs.last_mut() {
                        Some(top) => *top = (top.2 && !top.1, true, top.2),
                        None => return unknown(commands),
                    }
                    w.remove(0);
                }
                "fi" => {
                    // An `if` that took no branch (no else) ends with status 0.
                    if let Some((_, false, true)) = ifs.pop() {
                        status = 0;
                    }
                    w.clear();
                }
                // In a branch not taken, only the nesting counts: `do if …` opens an `if`.
                "while" | "until" | "do" | "done" | "{" | "}" if !running(&ifs) => {
                    w.remove(0);
                }
                "case" | "esac" | "for" | "select" | "do" | "done" | "while" | "until" | "{"
                | "}" | "!" | "[[" | "function" | "break" | "continue" | "return" | "eval"
                | "source" | "." | "read" | "shift" | "let" | "local" | "declare" | "typeset"
                | "readonly" | "set" => {
                    if !running(&ifs) {
                        w.clear();
                        break;
                    }
                    // `set -e`/`set +e` (POSIX 2.14); its other options are not followed.
                    if first == "set" && w.len() == 2 && matches!(w[1].as_str(), "-e" | "+e") {
                        if op != Op::Seq
                            || parts.get(i + 1).is_some_and(|(o, _)| *o != Op::Seq)
                            || (w[1] == "-e" && compound_listed(&parts))
                        {
                            return unknown(commands);
                        }
                        vars.retain(|(k, _)| k != ERREXIT);
                        if w[1] == "-e" {
                            vars.push((ERREXIT.into(), String::new()));
                        }
                        status = 0;
                        w.clear();
                        break;
                    }
                    let forever = w.len() == 2
                        && matches!(
                            (first.as_str(), w[1].as_str()),
                            ("while", "true" | ":") | ("until", "false")
                        );
                    // A loop `&&`/`||` follow, or `while true; false; do`: not followed.
                    let body = ends[i].and_then(|end| loop_body(&parts[i + 1..end + 1]));
                    let (true, Some(body)) = (forever, body) else {
                        return unknown(commands);
                    };
                    for _ in 0..MAX_UNROLLED {
                        let mut after = vars.clone();
                        if depth >= MAX_DEPTH {
                            return unknown(commands);
                        }
                        let pass = run(&body, &mut after, depth + 1);
                        match pass.end {
                            End::Ran(_) if after == *vars => {
                                return Execution {
                                    commands,
                                    end: End::Forever,
                                    repeat: pass.commands,
                                };
                            }
                            End::Ran(_) => {
                                commands.extend(pass.commands);
                                *vars = after;
                            }
                            End::Exit(_) => {
                                commands.extend(pass.commands);
                                return Execution {
                                    commands,
                                    end: pass.end,
                                    repeat: Vec::new(),
                                };
                            }
                            // A body it cannot follow (`break`, another loop…): it may end.
                            _ => return unknown(commands),
                        }
                    }
                    return unknown(commands);
                }
                _ => break,
            }
        }
        if !running(&ifs) || w.is_empty() {
            continue;
        }
        match op {
            Op::And if status != 0 => continue,
            Op::Or if status == 0 => continue,
            _ => {}
        }
        let Some(c) = simple(&w, vars) else {
            return unknown(commands);
        };
        let Some(cmd) = c.words.first() else {
            // Only assignments: status 0 (there is no command substitution here).
            status = 0;
            continue;
        };
        let cmd = cmd.rsplit('/').next().unwrap_or(cmd).to_string();
        let w = &c.words;
        match cmd.as_str() {
            "[" | "test" => {
                if run_test(w, &mut status).is_none() {
                    return unknown(commands);
                }
            }
            "true" | ":" => status = 0,
            "false" => status = 1,
            "exit" => {
                let code = match w.get(1) {
                    None => status,
                    // The shell keeps the low 8 bits (`exit 256` is 0); dash refuses a number
                    // past its int or with a sign ("Illegal number").
                    Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                        match n.parse::<i32>() {
                            Ok(n) => n & 255,
                            Err(_) => return unknown(commands),
                        }
                    }
                    Some(_) => return unknown(commands),
                };
                return Execution {
                    commands,
                    end: End::Exit(code),
                    repeat: Vec::new(),
                };
            }
            "sleep" if matches!(w.get(1).map(String::as_str), Some("infinity" | "inf")) => {
                return Execution {
                    commands,
                    end: End::Forever,
                    repeat: Vec::new(),
                };
            }
            // `export NAME=value`/`export NAME` and `unset NAME`: shell state only.
            "export" | "unset" => {
                // Bare `export` lists the variables; options are not followed.
                if w.len() < 2 || w.iter().any(|a| a.starts_with('-')) {
                    return unknown(commands);
                }
                for a in &w[1..] {
                    match (cmd.as_str(), a.split_once('=')) {
                        ("export", Some((name, v))) if is_name(name) && name != "IFS" => {
                            set(vars, name, v)
                        }
                        ("export", None) if is_name(a) => {}
                        ("unset", None) if is_name(a) => vars.retain(|(k, _)| k != a),
                        _ => return unknown(commands),
                    }
                }
                status = 0;
            }
            // dash's `echo` reads backslashes, bash's does not, `-e` is bash's: output that
            // differs by shell is not guessed at; nor `printf` beyond what `printf` does.
            "echo" if c.logged && echo_varies(&w[1..]) => return unknown(commands),
            // Even unlogged: `printf %d abc` fails (status 1).
            "printf" if printf(&w[1..]).is_none() => return unknown(commands),
            _ => {
                status = 0;
                commands.push(c);
            }
        }
        // POSIX 2.14 `set -e`: a failure ends the shell, unless an `&&`/`||` follows it (an
        // `if`/`elif` condition is read in `condition`).
        let last = parts.get(i + 1).is_none_or(|(o, _)| *o == Op::Seq);
        if status != 0 && last && vars.iter().any(|(k, _)| k == ERREXIT) {
            return Execution {
                commands,
                end: End::Exit(status),
                repeat: Vec::new(),
            };
        }
    }
    Execution {
        commands,
        end: End::Ran(status),
        repeat: Vec::new(),
    }
}

/// An `if`/`elif` condition: the statement after the keyword and the `&&`/`||` list after it,
/// up to `then`. How many of `rest` it took, and whether it holds (None: undecidable). A
/// condition that does not run (`runs` false) holds not.
fn condition(
    first: &[String],
    rest: &[(Op, String)],
    vars: &mut Env,
    runs: bool,
    status: &mut i32,
) -> (usize, Option<bool>) {
    let mut test = |t: &[String], status: &mut i32| {
        let c = simple(t, vars)?;
        run_test(&c.words, status)
    };
    let mut taken = match runs {
        true => test(first, status),
        false => Some(false),
    };
    let mut n = 0;
    for (next_op, next) in rest {
        if !matches!(next_op, Op::And | Op::Or) {
            break;
        }
        n += 1;
        let Some(was) = taken else { continue };
        let goes = match next_op {
            Op::And => was,
            _ => !was,
        };
        if runs && goes {
            taken = test(&tokens(next), status);
        }
    }
    (n, taken)
}

/// A shell variable name (POSIX 3.235).
fn is_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn set(vars: &mut Env, name: &str, value: &str) {
    match vars.iter_mut().find(|(k, _)| k == name) {
        Some(v) => v.1 = value.to_string(),
        None => vars.push((name.to_string(), value.to_string())),
    }
}

/// A simple command from its tokens: leading `NAME=value`s (set in `vars` when no command
/// follows; a command's own are only its environment), then its words, expanded, with its
/// redirections read. None for what this reading does not follow: pipes, `&`, subshells,
/// here-documents, `$(…)`, `${X:-y}`, arrays, `>&3`.
fn simple(tokens: &[String], vars: &mut Env) -> Option<Command> {
    let assigns = tokens
        .iter()
        .take_while(|t| t.split_once('=').is_some_and(|(n, _)| is_name(n)))
        .count();
    let mut out = Vec::new();
    // Where fd 1 and fd 2 go: the container log takes both stdout and stderr.
    let mut fds = [true, true];
    let mut rest = tokens[assigns..].iter();
    while let Some(t) = rest.next() {
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        let (fd, op) = t.split_at(digits);
        let fd = fd.parse::<usize>().ok();
        let to = match op {
            ">" | ">>" | ">|" => {
                let target = words_of(rest.next()?, vars, false)?;
                // /dev/null or a file: not the log.
                match target.as_str() {
                    "/dev/stdout" => fds[0],
                    "/dev/stderr" => fds[1],
                    _ => false,
                }
            }
            ">&" => match rest.next()?.as_str() {
                "1" => fds[0],
                "2" => fds[1],
                _ => return None,
            },
            "<" | "<>" | "<&" => {
                rest.next()?;
                continue;
            }
            "<<" | "<<-" | "|" | "&" | "(" | ")" => return None,
            _ => {
                // `N+=1`, `a[1]=x`: bash's, not followed.
                let bash = |n: &str| n.ends_with('+') || n.contains('[');
                if out.is_empty() && t.split_once('=').is_some_and(|(n, _)| bash(n)) {
                    return None;
                }
                out.extend(words(&expand(t, vars, true)?));
                continue;
            }
        };
        match fd.unwrap_or(1) {
            1 => fds[0] = to,
            2 => fds[1] = to,
            _ => {}
        }
    }
    // POSIX 2.14: before a special built-in (`B=2 :`) an assignment stays in dash; bash
    // drops it: not followed.
    let special = [
        ":", "exit", "export", "unset", "set", "eval", ".", "readonly", "return", "shift", "times",
        "trap", "break", "continue", "exec",
    ];
    if assigns > 0 && out.first().is_some_and(|c| special.contains(&c.as_str())) {
        return None;
    }
    if out.is_empty() {
        for t in &tokens[..assigns] {
            let (name, _) = t.split_once('=')?;
            if name == "IFS" {
                return None;
            }
            let value = words_of(t, vars, false)?;
            set(vars, name, &value[name.len() + 1..]);
        }
    }
    Some(Command {
        words: out,
        logged: fds[0],
    })
}

/// A token expanded as one word (an assignment's value, a redirection's target).
fn words_of(t: &str, vars: &Env, split: bool) -> Option<String> {
    let w = words(&expand(t, vars, split)?);
    (w.len() == 1).then(|| w.concat())
}

/// The body of `do …; done` (`rest`: the parts from `do` to its `done`) as a script.
fn loop_body(rest: &[(Op, String)]) -> Option<String> {
    let ((_, done), inner) = rest.split_last()?;
    if done != "done" {
        return None;
    }
    let mut body = String::new();
    for (k, (op, stmt)) in inner.iter().enumerate() {
        let stmt = match k {
            0 => match stmt.strip_prefix("do") {
                Some(b) if b.is_empty() || b.starts_with(blank) => b.trim_matches(blank),
                _ => return None,
            },
            _ => stmt.as_str(),
        };
        if stmt.is_empty() {
            continue;
        }
        if !body.is_empty() {
            body.push_str(match op {
                Op::And => " && ",
                Op::Or => " || ",
                Op::Seq => "; ",
            });
        }
        body.push_str(stmt);
    }
    Some(body)
}

/// POSIX 2.14: `set -e` is ignored inside a compound command that an `&&`/`||` follows
/// (`if …; then false; fi && x`): not followed.
fn compound_listed(parts: &[(Op, String)]) -> bool {
    parts
        .windows(2)
        .any(|p| matches!(p[0].1.as_str(), "fi" | "done" | "}") && p[1].0 != Op::Seq)
}

/// An open compound command while the grammar is checked.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    /// `if`/`elif` before `then`.
    Cond,
    /// `then` or `else` before `elif`/`else`/`fi` (`true`: past `else`).
    Branch(bool),
    /// `while`/`until` before `do` (`for`'s header is one part).
    Head,
    Body,
    Brace,
}

/// Checks the nesting of `if`/`then`/`elif`/`else`/`fi`, `while`/`until`/`for`/`do`/`done`
/// and `{ … }` (POSIX 2.9.4) over the whole script, as the shell parses it before it runs.
/// Per part, the index of the part that closes the compound command the part begins with.
/// None for a syntax error (`if true; echo a; fi`, a missing `fi`/`done`, `then` after
/// `&&`, an empty branch, a redirection with no target) and for what is not read (`case`,
/// `(( ))`, a compound command with a redirection or pipe after it).
fn grammar(parts: &[(Op, String)]) -> Option<Vec<Option<usize>>> {
    let mut ends = vec![None; parts.len()];
    // Per open command: what it is, whether its current list has a command, where it began
    // (when it began its part).
    let mut stack: Vec<(Open, bool, Option<usize>)> = Vec::new();
    for (i, (op, stmt)) in parts.iter().enumerate() {
        let w = tokens(stmt);
        let mut k = 0;
        while let Some(t) = w.get(k).map(String::as_str) {
            let top = stack.last().map(|f| (f.0, f.1));
            let begins = (k == 0).then_some(i);
            if matches!(t, "then" | "elif" | "else" | "fi" | "do" | "done" | "}")
                && (k == 0 && *op != Op::Seq)
            {
                return None;
            }
            match (t, top) {
                ("if", _) => stack.push((Open::Cond, false, begins)),
                ("while" | "until", _) => stack.push((Open::Head, false, begins)),
                ("{", _) => stack.push((Open::Brace, false, begins)),
                // `for NAME [in WORD…]`: its header is the rest of the part.
                ("for", _) => {
                    stack.push((Open::Head, true, begins));
                    k = w.len();
                    continue;
                }
                ("then", Some((Open::Cond, true))) => {
                    *stack.last_mut()? = (Open::Branch(false), false, stack.last()?.2)
                }
                ("elif", Some((Open::Branch(false), true))) => {
                    *stack.last_mut()? = (Open::Cond, false, stack.last()?.2)
                }
                ("else", Some((Open::Branch(false), true))) => {
                    *stack.last_mut()? = (Open::Branch(true), false, stack.last()?.2)
                }
                ("do", Some((Open::Head, true))) => {
                    *stack.last_mut()? = (Open::Body, false, stack.last()?.2)
                }
                ("fi", Some((Open::Branch(_), true)))
                | ("done", Some((Open::Body, true)))
                | ("}", Some((Open::Brace, true))) => {
                    let (_, _, began) = stack.pop()?;
                    if let Some(b) = began {
                        ends[b] = Some(i);
                    }
                    if let Some(outer) = stack.last_mut() {
                        outer.1 = true;
                    }
                    // `fi > f`, `done | tee x`, `} &`: not read.
                    if k + 1 != w.len() {
                        return None;
                    }
                }
                ("then" | "elif" | "else" | "fi" | "do" | "done" | "}", _) => return None,
                ("case" | "esac" | "select" | "function" | "[[" | "((" | "(", _) => return None,
                _ => break,
            }
            k += 1;
        }
        if k < w.len() {
            if let Some(top) = stack.last_mut() {
                top.1 = true;
            }
            // A redirection needs its word (`echo hi > >` is a syntax error).
            for (j, t) in w.iter().enumerate().skip(k) {
                let op = |t: &str| {
                    let t = t.trim_start_matches(|c: char| c.is_ascii_digit());
                    t.starts_with(['<', '>']) || matches!(t, "|" | "&" | "(" | ")")
                };
                if op(t)
                    && t.trim_start_matches(|c: char| c.is_ascii_digit())
                        .starts_with(['<', '>'])
                    && w.get(j + 1).is_none_or(|n| op(n))
                {
                    return None;
                }
            }
        }
    }
    stack.is_empty().then_some(ends)
}

/// `if`'s condition or a `[ … ]`/`test`: sets the status; None when it cannot be decided.
fn run_test(w: &[String], status: &mut i32) -> Option<bool> {
    let mut args: Vec<&str> = w.iter().map(String::as_str).collect();
    match args.first().copied() {
        Some("true" | ":") => {
            *status = 0;
            return Some(true);
        }
        Some("false") => {
            *status = 1;
            return Some(false);
        }
        Some("[") => {
            if args.last() != Some(&"]") {
                return None;
            }
            args = args[1..args.len() - 1].to_vec();
        }
        Some("test") => {
            args.remove(0);
        }
        _ => return None,
    }
    let negate = args.first() == Some(&"!");
    if negate {
        args.remove(0);
    }
    // C's isspace around the number, not Unicode's.
    let space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c');
    let int = |v: &str| v.trim_matches(space).parse::<i64>().ok();
    let result = match args.as_slice() {
        [] => Some(false),
        [a] => Some(!a.is_empty()),
        ["-z", a] => Some(a.is_empty()),
        ["-n", a] => Some(!a.is_empty()),
        [a, "=" | "==", b] => Some(a == b),
        [a, "!=", b] => Some(a != b),
        [a, op @ ("-eq" | "-ne" | "-lt" | "-le" | "-gt" | "-ge"), b] => {
            match (int(a), int(b)) {
                (Some(x), Some(y)) => Some(match *op {
                    "-eq" => x == y,
                    "-ne" => x != y,
                    "-lt" => x < y,
                    "-le" => x <= y,
                    "-gt" => x > y,
                    _ => x >= y,
                }),
                // The shell's "Illegal number" goes to the log in words of its own (dash,
                // ash and bash differ): not guessed at.
                _ => return None,
            }
        }
        _ => None,
    }?;
    let ok = result != negate;
    *status = i32::from(!ok);
    Some(ok)
}

/// `$VAR` and `${VAR}` from `env` (unset: empty), outside single quotes. The value is quoted
/// for `words`: in double quotes it stays one word; unquoted it is split on whitespace (field
/// splitting), unless `split` is false (an assignment's value). None for what is not followed:
/// `$(…)`, backquotes, `$((…))`, `${X:-y}`/`${a[1]}`, `$?`, `$1` and the other special
/// parameters.
/// How long one statement may grow by `$NAME` expansion: a script that repeats a long
/// variable (`$X$X$X…`) would otherwise take gigabytes. Past it the script is not followed.
const MAX_EXPANDED: usize = 1 << 16;

fn expand(stmt: &str, env: &Env, split: bool) -> Option<String> {
    let lookup = |name: &str| {
        env.iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
            .to_string()
    };
    let mut out = String::with_capacity(stmt.len());
    let mut chars = stmt.chars().peekable();
    let (mut single, mut double) = (false, false);
    while let Some(c) = chars.next() {
        match c {
            '\'' if !double => {
                single = !single;
                out.push(c);
            }
            '"' if !single => {
                double = !double;
                out.push(c);
            }
            // `\$X` is a literal `$X` (the backslash goes when the words are split).
            '\\' if !single => {
                out.push(c);
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '`' if !single => return None,
            '$' if !single => {
                let braced = chars.peek() == Some(&'{');
                if braced {
                    chars.next();
                }
                let mut name = String::new();
                while let Some(&n) = chars.peek() {
                    if n.is_ascii_alphanumeric() || n == '_' {
                        name.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                let special = matches!(
                    chars.peek(),
                    Some('(' | '?' | '#' | '@' | '*' | '!' | '$' | '-')
                );
                if braced && (!is_name(&name) || chars.next() != Some('}')) {
                    return None;
                }
                if name.is_empty() {
                    if special {
                        return None;
                    }
                    out.push('$');
                    continue;
                }
                if !is_name(&name) {
                    return None;
                }
                let v = lookup(&name);
                if out.len() + v.len() > MAX_EXPANDED {
                    return None;
                }
                if double {
                    for ch in v.chars() {
                        if matches!(ch, '"' | '\\') {
                            out.push('\\');
                        }
                        out.push(ch);
                    }
                } else {
                    let quoted = |p: &str| format!("'{}'", p.replace('\'', "'\\''"));
                    match split {
                        // POSIX 2.6.5: IFS white space at either end also ends a field
                        // (`$A$A` with A=" 2 " is two fields).
                        true => {
                            let fields: Vec<String> = v
                                .split(blank)
                                .filter(|f| !f.is_empty())
                                .map(quoted)
                                .collect();
                            if v.starts_with(blank) {
                                out.push(' ');
                            }
                            out.push_str(&fields.join(" "));
                            if v.ends_with(blank) && !fields.is_empty() {
                                out.push(' ');
                            }
                        }
                        false => out.push_str(&quoted(&v)),
                    }
                }
            }
            c => out.push(c),
        }
    }
    Some(out)
}

/// Reads the first container's script (see `Run`) in its environment.
pub fn read(c: &Container, env: &Env) -> Run {
    let words: Vec<String> = c.command.iter().chain(c.args.iter()).cloned().collect();
    // `python3 -c CODE` and the like: code in another language, not a shell script (see
    // `invocation`).
    let run = execute_words(&words, env);
    let sleeps = || {
        let total = run
            .commands
            .iter()
            .map(|c| &c.words)
            .filter(|w| {
                w.first()
                    .is_some_and(|c| c == "sleep" || c.ends_with("/sleep"))
            })
            .fold(0i64, |t, w| t.saturating_add(sleep_duration(&w[1..]).0));
        (total > 0).then_some(Duration(total))
    };
    match run.end {
        End::Forever => Run::Forever,
        End::Unknown => Run::Unknown,
        End::Ran(code) | End::Exit(code) => Run::Straight {
            sleeps: sleeps(),
            exit: (code != 0 || matches!(run.end, End::Exit(_))).then_some(code),
        },
    }
}

/// When the container's script creates (`touch`) and removes (`rm`) `path`, in its run time
/// (its `sleep`s so far): the file's existence over time, for an exec probe that tests it. A
/// file under `/tmp/` that a script of plain shell utilities never names never exists. None
/// when the script is not read to its end, or does not create a file it names (the image may
/// hold it).
pub fn file_timeline(c: &Container, env: &Env, path: &str) -> Option<Vec<(Duration, bool)>> {
    let words: Vec<String> = c.command.iter().chain(c.args.iter()).cloned().collect();
    let run = execute_words(&words, env);
    if run.end == End::Unknown {
        return None;
    }
    let mut t = Duration::ZERO;
    let mut out = Vec::new();
    for w in run.commands.iter().map(|c| &c.words) {
        let cmd = w.first().map(|c| c.rsplit('/').next().unwrap_or(c));
        let names = || w[1..].iter().any(|a| a == path);
        match cmd {
            Some("sleep") => t = Duration(t.0.saturating_add(sleep_duration(&w[1..]).0)),
            Some("touch") if names() => out.push((t, true)),
            Some("rm") if names() => out.push((t, false)),
            _ => {}
        }
    }
    // A script of shell utilities that never names the file never makes it (images ship an
    // empty /tmp). Any other program (the image's own, a server, `python -c`), or a mention
    // of the file (a redirection, a flag), may make it: not simulated.
    if out.is_empty()
        && path.starts_with("/tmp/")
        && !words.is_empty()
        && !words.iter().any(|w| w.contains(path))
        && run.commands.iter().all(|c| plain(&c.words))
    {
        return Some(out);
    }
    out.first().is_some_and(|(_, made)| *made).then_some(out)
}

/// A shell utility that does its work at once (no program of the image's own).
fn plain(w: &[String]) -> bool {
    w.first()
        .map(|c| c.rsplit('/').next().unwrap_or(c))
        .is_some_and(|c| {
            matches!(
                c,
                "sleep"
                    | "echo"
                    | "printf"
                    | "date"
                    | "true"
                    | "false"
                    | "exit"
                    | ":"
                    | "touch"
                    | "rm"
                    | "test"
                    | "["
                    | "trap"
                    | "wait"
                    | "hostname"
            )
        })
}

/// A script read to its end that runs only plain utilities and never sleeps (`date; echo
/// Hello from the Kubernetes cluster`): on a cluster its container exits within a moment.
pub fn runs_at_once(c: &Container, env: &Env) -> bool {
    let words: Vec<String> = c.command.iter().chain(c.args.iter()).cloned().collect();
    if words.is_empty() {
        return false;
    }
    // Pipes, background jobs, command substitution and heredocs (`echo hi | nc -l 8080`,
    // `echo $(sleep 30)`) are not followed, so a run read to its end has none; `2>&1` and a
    // quoted "a | b" are not pipes.
    let run = execute_words(&words, env);
    matches!(run.end, End::Ran(_) | End::Exit(_))
        && run.commands.iter().all(|c| plain(&c.words))
        && !run.commands.iter().any(|c| {
            c.words
                .first()
                .is_some_and(|c| c == "sleep" || c.ends_with("/sleep"))
        })
}

/// `echo ARG…` whose output differs between shells: dash reads backslash escapes, bash and
/// busybox do not (nor their `-e`/`-E`, which dash prints).
fn echo_varies(args: &[String]) -> bool {
    let flag = |a: &String| {
        a.len() > 1 && a.starts_with('-') && a[1..].bytes().all(|b| b"neE".contains(&b))
    };
    // dash takes one exact `-n`; bash takes `-n -e`, `-ne`…
    let rest = match args.first().map(String::as_str) {
        Some("-n") => &args[1..],
        _ => args,
    };
    rest.first().is_some_and(flag) || args.iter().any(|a| a.contains('\\'))
}

/// POSIX `printf FORMAT [ARG…]`: the format is used again while arguments remain; `%s`, `%d`
/// (a missing argument is empty or 0), `%%`, `\n`, `\t`, `\\`. None for the rest (widths,
/// `%x`, `%b`, other escapes, `%d` of `abc`, of `010` (octal) or past 64 bits), which shells
/// print each their own way or with an error.
pub fn printf(args: &[String]) -> Option<String> {
    let fmt: Vec<char> = args.first()?.chars().collect();
    let mut rest = args[1..].iter().peekable();
    let mut out = String::new();
    loop {
        let mut used = false;
        let mut i = 0;
        while let Some(&c) = fmt.get(i) {
            i += 1;
            match c {
                '\\' => {
                    out.push(match fmt.get(i) {
                        Some('n') => '\n',
                        Some('t') => '\t',
                        Some('\\') => '\\',
                        _ => return None,
                    });
                    i += 1;
                }
                '%' => {
                    match fmt.get(i) {
                        Some('%') => out.push('%'),
                        Some('s') => out.push_str(rest.next().map_or("", String::as_str)),
                        Some('d') => {
                            let n = match rest.next().map(String::as_str) {
                                None => 0,
                                Some(a) => {
                                    let digits = a.strip_prefix('-').unwrap_or(a);
                                    let plain = digits.bytes().all(|b| b.is_ascii_digit())
                                        && (digits == "0"
                                            || digits
                                                .starts_with(|c: char| matches!(c, '1'..='9')));
                                    if !plain || a == "-0" {
                                        return None;
                                    }
                                    a.parse::<i64>().ok()?
                                }
                            };
                            out.push_str(&n.to_string());
                        }
                        _ => return None,
                    }
                    used |= fmt.get(i) != Some(&'%');
                    i += 1;
                }
                c => out.push(c),
            }
        }
        if !used || rest.peek().is_none() {
            return Some(out);
        }
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

/// How a statement joins the one before it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    Seq,
    And,
    Or,
}

/// A blank in the shell's sense: the IFS white space (POSIX 2.6.5) and the token separators
/// of 2.3, never other Unicode spaces (U+3000 is part of a word).
fn blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n')
}

/// Splits a script into statements on `;`, `&&`, `||` and newlines, outside quotes and
/// backslash escapes (POSIX 2.2.1), each with the operator before it. None for a syntax
/// error: an unclosed quote, `;` or `&&` with no command before it, `&&` with none after.
fn split(script: &str) -> Option<Vec<(Op, String)>> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut op = Op::Seq;
    let mut quote: Option<char> = None;
    // The last character of `cur` was escaped (`\ ` does not start a comment).
    let mut escaped = false;
    // An `&&`/`||` waits for its command (newlines may come between, 2.10 `linebreak`).
    let mut pending = false;
    let chars: Vec<char> = script.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match (quote, c) {
            (Some(q), _) if c == q => {
                quote = None;
                cur.push(c);
            }
            (Some('"'), '\\') => {
                cur.push(c);
                if let Some(&n) = chars.get(i + 1) {
                    cur.push(n);
                    i += 1;
                }
            }
            (Some(_), _) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                cur.push(c);
            }
            (None, '\\') => {
                cur.push(c);
                if let Some(&n) = chars.get(i + 1) {
                    cur.push(n);
                    i += 1;
                }
                escaped = true;
                i += 1;
                continue;
            }
            // A comment runs to the end of its line (POSIX 2.3 rule 9).
            (None, '#') if cur.is_empty() || (!escaped && cur.ends_with(blank)) => {
                while chars.get(i + 1).is_some_and(|&n| n != '\n') {
                    i += 1;
                }
            }
            (None, '\n') if pending && cur.trim_matches(blank).is_empty() => {}
            (None, ';' | '\n') => {
                // `;` with no command before it (`; x`, `;;` outside `case`, `&& ;`).
                if c == ';' && cur.trim_matches(blank).is_empty() {
                    return None;
                }
                out.push((op, std::mem::take(&mut cur)));
                op = Op::Seq;
                pending = false;
            }
            (None, '&' | '|') if chars.get(i + 1) == Some(&c) => {
                if cur.trim_matches(blank).is_empty() {
                    return None;
                }
                out.push((op, std::mem::take(&mut cur)));
                op = if c == '&' { Op::And } else { Op::Or };
                pending = true;
                i += 1;
            }
            _ => cur.push(c),
        }
        escaped = false;
        i += 1;
    }
    if quote.is_some() || (pending && cur.trim_matches(blank).is_empty()) {
        return None;
    }
    out.push((op, cur));
    Some(
        out.into_iter()
            .map(|(op, s)| (op, s.trim_matches(blank).to_string()))
            .filter(|(_, s)| !s.is_empty())
            .collect(),
    )
}

/// A statement's words as written (quotes and backslashes kept), with `>`/`<` operators (and
/// the fd number before one), `|`, `&`, `(` and `)` as words of their own.
fn tokens(stmt: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut chars = stmt.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), _) => {
                cur.push(c);
                if c == q {
                    quote = None;
                } else if c == '\\' && q == '"' {
                    cur.extend(chars.next());
                }
            }
            (None, '\'' | '"') => {
                quote = Some(c);
                cur.push(c);
            }
            (None, '\\') => {
                cur.push(c);
                cur.extend(chars.next());
            }
            (None, c) if blank(c) => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            (None, '>' | '<') => {
                if cur.is_empty() || !cur.chars().all(|d| d.is_ascii_digit()) {
                    out.extend((!cur.is_empty()).then(|| std::mem::take(&mut cur)));
                }
                cur.push(c);
                if let Some(&n) = chars.peek() {
                    if matches!((c, n), ('>', '>' | '&' | '|') | ('<', '<' | '&' | '>')) {
                        cur.push(n);
                        chars.next();
                    }
                }
                if cur.ends_with("<<") && chars.peek() == Some(&'-') {
                    cur.extend(chars.next());
                }
                out.push(std::mem::take(&mut cur));
            }
            (None, '|' | '&' | '(' | ')') => {
                out.extend((!cur.is_empty()).then(|| std::mem::take(&mut cur)));
                out.push(c.to_string());
            }
            (None, c) => cur.push(c),
        }
    }
    out.extend((!cur.is_empty()).then_some(cur));
    out
}

/// The statements of a script (`split` without the operators; none for a syntax error).
pub fn statements(script: &str) -> Vec<String> {
    split(script)
        .unwrap_or_default()
        .into_iter()
        .map(|(_, s)| s)
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
            // In double quotes a backslash escapes only $ ` " \ and a newline; before any
            // other character it stays (POSIX 2.2.3): "\n" is a backslash and an n.
            (Some('"'), '\\') => match chars.peek() {
                // Backslash-newline continues the line: both go.
                Some('\n') => {
                    chars.next();
                }
                Some('$' | '`' | '"' | '\\') => {
                    if let Some(n) = chars.next() {
                        cur.push(n);
                    }
                }
                _ => cur.push('\\'),
            },
            (Some(_), _) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '\\') => {
                if let Some(n) = chars.next().filter(|n| *n != '\n') {
                    cur.push(n);
                    in_word = true;
                }
            }
            (None, c) if blank(c) => {
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

    /// The words of the commands a run reached.
    fn cmds(run: &Execution) -> Vec<Vec<String>> {
        run.commands.iter().map(|c| c.words.clone()).collect()
    }

    /// POSIX 2.2.1/2.2.3: `\$` is a literal dollar, quoted or not; backslash-newline is
    /// removed; a single quote inside double quotes is just a character.
    #[test]
    fn an_escaped_dollar_is_not_expanded() {
        let env: Env = vec![("X".into(), "1".into())];
        let run = execute(r#"echo "\$X $X" \$X "it's $X""#, &env);
        assert_eq!(
            cmds(&run),
            [vec![
                "echo".to_string(),
                "$X 1".into(),
                "$X".into(),
                "it's 1".into()
            ]]
        );
        assert_eq!(words("\"a\\\nb\" c\\\nd"), ["ab", "cd"]);
    }

    #[test]
    fn a_backslash_in_double_quotes_escapes_only_what_posix_says() {
        assert_eq!(
            words(r#"a "\n" "\"x\"" "\\" '\n' \n"#),
            ["a", "\\n", "\"x\"", "\\", "\\n", "n"]
        );
    }

    #[test]
    fn sleep_sums_its_arguments_like_gnu_sleep() {
        assert_eq!(
            sleep_duration(&["1.5".into(), "2m".into(), "x".into()]),
            Duration::from_millis(121_500)
        );
    }

    fn env(ix: &str) -> Env {
        vec![("JOB_COMPLETION_INDEX".into(), ix.into())]
    }

    fn end(script: &str, ix: &str) -> End {
        execute(script, &env(ix)).end
    }

    /// `if`, `&&`, `||` and `[ … ]` decided with the environment: an Indexed Job's pods can
    /// behave by their index.
    #[test]
    fn conditions_follow_the_environment() {
        let by_index = "if [ \"$JOB_COMPLETION_INDEX\" -eq 1 ]; then echo bad; exit 3; fi; echo ok";
        assert_eq!(end(by_index, "1"), End::Exit(3));
        assert_eq!(end(by_index, "2"), End::Ran(0));
        assert_eq!(end("if [ 1 = 2 ]; then exit 1; fi", ""), End::Ran(0));
        let run = execute(by_index, &env("1"));
        assert_eq!(cmds(&run), [vec!["echo".to_string(), "bad".into()]]);
        let even = "[ ${JOB_COMPLETION_INDEX} = 0 ] || exit 1";
        assert_eq!(
            (end(even, "0"), end(even, "4")),
            (End::Ran(0), End::Exit(1))
        );
        let and = "test $JOB_COMPLETION_INDEX != 2 && exit 7; sleep 5";
        assert_eq!((end(and, "1"), end(and, "2")), (End::Exit(7), End::Ran(0)));
        // The condition is the whole `&&`/`||` list before `then`.
        let or = "if [ $JOB_COMPLETION_INDEX -eq 1 ] || [ $JOB_COMPLETION_INDEX -eq 3 ]; then exit 1; fi";
        assert_eq!(
            (end(or, "1"), end(or, "2"), end(or, "3")),
            (End::Exit(1), End::Ran(0), End::Exit(1))
        );
        // A shell's options before -c; another language's -c is not shell.
        let c = |words: &[&str]| Container {
            command: words.iter().map(|w| w.to_string()).collect(),
            ..Default::default()
        };
        assert_eq!(
            read(&c(&["sh", "-e", "-c", "sleep 5; exit 3"]), &Vec::new()),
            Run::Straight {
                sleeps: Some(Duration::from_secs(5)),
                exit: Some(3)
            }
        );
        assert_eq!(
            read(
                &c(&["/bin/bash", "-o", "pipefail", "-c", "exit 4"]),
                &Vec::new()
            ),
            Run::Straight {
                sleeps: None,
                exit: Some(4)
            }
        );
        assert_eq!(
            read(
                &c(&["python3", "-c", "import sys; sys.exit(1)"]),
                &Vec::new()
            ),
            Run::Unknown
        );
        let both = "if [ $JOB_COMPLETION_INDEX -gt 0 ] && [ $JOB_COMPLETION_INDEX -lt 3 ]\nthen\n  exit 5\nfi";
        assert_eq!(
            (end(both, "0"), end(both, "2"), end(both, "3")),
            (End::Ran(0), End::Exit(5), End::Ran(0))
        );
        let nested = "if [ 1 = 2 ]; then if true; then exit 9; fi; else exit 4; fi";
        assert_eq!(end(nested, ""), End::Exit(4));
        // The last command's status is the exit code; a failed test at the end is 1.
        assert_eq!(end("echo hi; false", ""), End::Ran(1));
        assert_eq!(end("[ a = b ]", ""), End::Ran(1));
        // `-eq` on a non-number: status 2 and a message that differs by shell.
        assert_eq!(end("[ x -eq 1 ]", ""), End::Unknown);
        // Single quotes keep `$`; unknown constructs give up.
        let run = execute("echo '$JOB_COMPLETION_INDEX'", &env("3"));
        assert_eq!(
            cmds(&run),
            [vec!["echo".to_string(), "$JOB_COMPLETION_INDEX".into()]]
        );
        assert_eq!(end("if grep -q x f; then exit 1; fi", ""), End::Unknown);
        assert_eq!(end("for i in 1 2; do echo $i; done", ""), End::Unknown);
        assert_eq!(
            end("echo start; while true; do sleep 1; done", ""),
            End::Forever
        );
    }

    /// POSIX 2.9.4.4 (the if construct): each `elif` is tested only when no condition before
    /// it held; the first that holds runs its branch, else the `else`. An `if` that ran no
    /// branch has status 0.
    #[test]
    fn elif_is_tested_only_when_no_branch_before_it_held() {
        let s = "if [ \"$JOB_COMPLETION_INDEX\" = 0 ]; then exit 1; elif [ \"$JOB_COMPLETION_INDEX\" = 1 ]; then exit 42; else exit 0; fi";
        assert_eq!(
            (end(s, "0"), end(s, "1"), end(s, "2")),
            (End::Exit(1), End::Exit(42), End::Exit(0))
        );
        let echoes = "if [ $JOB_COMPLETION_INDEX = 0 ]; then echo zero\nelif [ $JOB_COMPLETION_INDEX = 1 ]\nthen echo one\nelif [ $JOB_COMPLETION_INDEX -lt 5 ] && [ $JOB_COMPLETION_INDEX != 3 ]; then echo small\nelse echo other; fi; echo end";
        let said = |ix: &str| {
            cmds(&execute(echoes, &env(ix)))
                .iter()
                .map(|w| w[1..].join(" "))
                .collect::<Vec<_>>()
        };
        assert_eq!(said("0"), ["zero", "end"]);
        assert_eq!(said("1"), ["one", "end"]);
        assert_eq!(said("2"), ["small", "end"]);
        assert_eq!(said("3"), ["other", "end"]);
        // Nested: an inner elif in a taken branch, and one in a branch not taken.
        let nested = "if true; then if false; then echo a; elif true; then echo b; fi; elif true; then echo c; fi";
        assert_eq!(cmds(&execute(nested, &Vec::new())), [["echo", "b"]]);
        let skipped = "if false; then if true; then exit 1; elif true; then exit 2; fi; elif false; then exit 3; fi";
        assert_eq!(end(skipped, ""), End::Ran(0));
        assert_eq!(
            end("false; if false; then :; elif false; then :; fi", ""),
            End::Ran(0)
        );
        assert_eq!(end("elif true; then exit 1; fi", ""), End::Unknown);
    }

    /// POSIX 2.9.1: `NAME=value` with no command sets a shell variable for what follows (its
    /// value expanded but not field-split); before a command it is only that command's.
    #[test]
    fn assignments_are_shell_state() {
        let run = execute(
            "N=3; echo got $N; if [ \"$N\" = 3 ]; then exit 7; fi",
            &Vec::new(),
        );
        assert_eq!(
            (cmds(&run), run.end),
            (
                vec![vec!["echo".to_string(), "got".into(), "3".into()]],
                End::Exit(7)
            )
        );
        let run = execute(
            "M=\"a  b\"; X=$M; echo \"$X\" $X; Q=\"it's\" R='$M'; echo $Q $R; N=5 true; echo \"[$N]\"",
            &Vec::new(),
        );
        assert_eq!(
            cmds(&run),
            [
                vec!["echo", "a  b", "a", "b"],
                vec!["echo", "it's", "$M"],
                vec!["echo", "[]"]
            ]
        );
        // The environment's value is replaced; `export` and `unset` too.
        assert_eq!(
            end("JOB_COMPLETION_INDEX=9; exit $JOB_COMPLETION_INDEX", "1"),
            End::Exit(9)
        );
        assert_eq!(
            end("export Y=2 Z; [ $Y -eq 2 ] && exit 4", ""),
            End::Exit(4)
        );
        assert_eq!(
            end("Y=2; unset Y; [ -z \"$Y\" ] || exit 1", ""),
            End::Ran(0)
        );
        // A branch not taken assigns nothing.
        assert_eq!(end("if false; then Y=1; fi; exit ${Y}0", ""), End::Exit(0));
        // What is not followed is not guessed at.
        for s in [
            "N=$(date); echo $N",
            "N=`date`",
            "N=$((1 + 2))",
            "echo ${N:-x}",
            "items=(foo bar); echo ${items[1]}",
            "N+=1",
            "a[1]=x",
            "false; echo $?",
            "echo $1",
            "echo \"$(hostname)\"",
            "export -n X",
        ] {
            assert_eq!(end(s, ""), End::Unknown, "{s}");
        }
        // An endless loop's pass repeats once it leaves the variables as it found them; one
        // that never does is not unrolled.
        let run = execute("while true; do N=x; echo $N; sleep 1; done", &Vec::new());
        assert_eq!(
            (cmds(&run).len(), run.repeat.len(), run.end),
            (2, 2, End::Forever)
        );
        assert_eq!(end("while true; do N=x$N; sleep 1; done", ""), End::Unknown);
        let run = execute(
            "N=0; while true; do if [ $N = 1 ]; then exit 3; fi; N=1; sleep 1; done",
            &Vec::new(),
        );
        assert_eq!(
            (cmds(&run), run.end),
            (vec![vec!["sleep".to_string(), "1".into()]], End::Exit(3))
        );
    }

    /// POSIX 2.7 (redirection): output sent to a file or /dev/null is not in the log; the log
    /// takes stderr as well as stdout, so `1>&2` stays. A comment runs to the end of its line
    /// (2.3); pipes, `&`, subshells and here-documents are not followed.
    #[test]
    fn redirections_decide_what_reaches_the_log() {
        let run = execute(
            "echo a > /tmp/x; echo b >/tmp/x; echo c >> f; echo d 1>&2; echo e 2>/dev/null; echo f > /dev/stdout; echo g >/dev/stderr; echo h >/dev/null; echo i >/dev/null 2>&1; echo j 2>&1 >/dev/null; echo k>f; echo \">\" l; echo m # no; exit 1",
            &Vec::new(),
        );
        let logged: Vec<String> = run
            .commands
            .iter()
            .filter(|c| c.logged)
            .map(|c| c.words[1..].join(" "))
            .collect();
        assert_eq!(logged, ["d", "e", "f", "g", "> l", "m"]);
        assert_eq!(cmds(&run)[10], ["echo", "k"]);
        assert_eq!(run.end, End::Ran(0));
        for s in [
            "echo hi | tee f",
            "sleep 5 &",
            "(exit 3)",
            "cat <<EOF",
            "echo hi >&3",
            "items=(foo bar baz qux xyz); echo ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt",
        ] {
            let run = execute(s, &env("3"));
            assert_eq!((run.end, run.commands), (End::Unknown, Vec::new()), "{s}");
        }
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

#[cfg(test)]
mod fuzz_tests {
    use super::*;

    fn end(script: &str) -> End {
        execute(script, &Vec::new()).end
    }

    fn said(script: &str, env: &Env) -> Vec<String> {
        execute(script, env)
            .commands
            .iter()
            .filter(|c| c.logged)
            .map(|c| c.words[1..].join(" "))
            .collect()
    }

    /// POSIX 2.14 `set -e`: a failing command ends the shell, except in an `if` condition
    /// and before an `&&`/`||`; `sh -e -c` and `sh -ec` are the same. `set -x` and the
    /// other options are not followed.
    #[test]
    fn set_e_ends_at_the_first_failure() {
        let s = "set -e; echo start; false; echo unreachable";
        assert_eq!(end(s), End::Exit(1));
        assert_eq!(said(s, &Vec::new()), ["start"]);
        assert_eq!(end("set -e; false && echo x; echo y"), End::Ran(0));
        assert_eq!(end("set -e; false || false; echo y"), End::Exit(1));
        assert_eq!(end("set -e; true && [ a = b ]; echo y"), End::Exit(1));
        assert_eq!(
            end("set -e; if false; then :; fi; [ 1 = 2 ] || exit 3"),
            End::Exit(3)
        );
        assert_eq!(
            end("set -e; if true; then false && true; fi; exit 4"),
            End::Exit(4)
        );
        assert_eq!(end("set -e; set +e; false; exit 5"), End::Exit(5));
        assert_eq!(
            end("set -e; if true; then false; fi && echo x"),
            End::Unknown
        );
        for s in [
            "set -x; echo a",
            "set -u",
            "set -- a b",
            "set",
            "set -o errexit",
        ] {
            assert_eq!(end(s), End::Unknown, "{s}");
        }
        let w = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let e = |v: &[&str]| execute_words(&w(v), &Vec::new()).end;
        assert_eq!(e(&["sh", "-e", "-c", "false; exit 3"]), End::Exit(1));
        assert_eq!(e(&["/bin/sh", "-ec", "false; exit 3"]), End::Exit(1));
        assert_eq!(e(&["sh", "-c", "false; exit 3"]), End::Exit(3));
        assert_eq!(e(&["busybox", "sh", "-c", "exit 3"]), End::Exit(3));
        assert_eq!(e(&["bash", "-o", "pipefail", "-c", "exit 4"]), End::Exit(4));
        // Another program's flags with a `c` are its own.
        assert_eq!(e(&["app", "-conf", "x"]), End::Ran(0));
        for v in [
            &["sh", "-x", "-c", "exit 3"][..],
            &["sh", "-xc", "exit 3"],
            &["sh", "-u", "-c", "exit 3"],
            &["sh", "-o", "pipefail", "-c", "exit 3"],
            &["python3", "-c", "exit 3"],
            &["/bin/sh", "run.sh", "-c", "x"],
            &["sh", "-c"],
        ] {
            assert_eq!(e(v), End::Unknown, "{v:?}");
        }
        // A loop's pass keeps `set -e`.
        assert_eq!(
            end("set -e; while true; do sleep 1; false; done"),
            End::Exit(1)
        );
    }

    /// POSIX 2.9.3: `a && COMPOUND` runs the whole compound command or none of it.
    #[test]
    fn and_or_lists_take_whole_compound_commands() {
        let env: Env = vec![("MODE".into(), "batch".into())];
        let s =
            "[ \"$MODE\" = serve ] && while true; do echo serving; sleep 5; done; echo batch done";
        let run = execute(s, &env);
        assert_eq!(
            (said(s, &env), run.end),
            (vec!["batch done".to_string()], End::Ran(0))
        );
        let env: Env = vec![("MODE".into(), "serve".into())];
        assert_eq!(execute(s, &env).end, End::Forever);
        assert_eq!(end("false && if true; then exit 5; fi"), End::Ran(1));
        assert_eq!(
            end("true || if true; then exit 5; fi; exit 6"),
            End::Exit(6)
        );
        assert_eq!(end("true && if true; then exit 5; fi"), End::Exit(5));
        assert_eq!(
            end("false && if true; then if true; then exit 5; fi; fi || exit 7"),
            End::Exit(7)
        );
        assert_eq!(end("false && { exit 5; }; exit 2"), End::Exit(2));
    }

    /// An endless loop's body that may end it (`break`, a loop in it) is not followed as
    /// endless; nor `while true; false; do` (its condition is the list's last command).
    #[test]
    fn a_loop_that_may_end_is_not_endless() {
        for s in [
            "while true; do echo hi; break; done; exit 4",
            "while true; do while true; do sleep 1; done; done",
            "while true; false; do echo; done; exit 3",
            "while true; do echo a; done > /dev/null",
        ] {
            assert_eq!(end(s), End::Unknown, "{s}");
        }
        assert_eq!(end("while true; do sleep 1; done"), End::Forever);
        // It never ends, so what an `&&` puts after it never runs.
        assert_eq!(
            end("true && while true; do sleep 1; done && exit 1"),
            End::Forever
        );
    }

    /// POSIX 2.2.1: an unquoted backslash keeps the next character literal, `;`, `'`, `#`
    /// and blanks included.
    #[test]
    fn a_backslash_escapes_outside_quotes() {
        let s = "echo It\\'s done; exit 3";
        assert_eq!(
            (said(s, &Vec::new()), end(s)),
            (vec!["It's done".to_string()], End::Exit(3))
        );
        assert_eq!(said("echo a\\; b", &Vec::new()), ["a; b"]);
        assert_eq!(said("echo \\ #x", &Vec::new()), [" #x"]);
        assert_eq!(said("echo a\\\nb", &Vec::new()), ["ab"]);
    }

    /// POSIX 2.10: a script that does not parse runs nothing (the shell exits 2 with a
    /// message that differs between dash and ash: not guessed at).
    #[test]
    fn a_syntax_error_runs_nothing() {
        for s in [
            "echo \"Finished; exit 3",
            "echo 'a",
            "if true; then echo a",
            "echo a; then echo b",
            "if true; echo a; fi",
            "echo hi > >",
            "while true; do echo a",
            "if true; then echo a # x; fi",
            "echo a; fi",
            "if true; then fi",
            "; echo a",
            "echo a;; echo b",
            "echo a &&",
            "echo a && ; echo b",
            "&& echo a",
            "done",
            "{ echo a",
            "false && then echo a; fi",
        ] {
            let run = execute(s, &Vec::new());
            assert_eq!((run.end, run.commands), (End::Unknown, Vec::new()), "{s}");
        }
        // A newline may follow `&&`.
        assert_eq!(said("true &&\n echo a", &Vec::new()), ["a"]);
    }

    /// POSIX 2.9.4: a branch not taken still nests: its loops' `do` and `{` open nothing
    /// that its `if`s close.
    #[test]
    fn a_branch_not_taken_keeps_its_nesting() {
        let env: Env = vec![("MODE".into(), "once".into())];
        let s = "if [ \"$MODE\" = loop ]; then while true; do if [ -n \"$N\" ]; then echo hi; else echo \"no name\"; fi; sleep 5; done; fi; echo end";
        assert_eq!(said(s, &env), ["end"]);
        let s = "if false; then while true; do if true; then while true; do if true; then echo a; else echo b; fi; done; else echo c; fi; done; else echo d; fi";
        assert_eq!(said(s, &env), ["d"]);
        let s = "if false; then { if true; then echo a; else echo b; fi; }; else echo e; fi";
        assert_eq!(said(s, &env), ["e"]);
    }

    /// `2>&1`, `>&2` and a quoted `|` are neither pipes nor background jobs.
    #[test]
    fn redirections_and_quotes_are_not_pipes() {
        let c = |s: &str| Container {
            command: vec!["sh".into(), "-c".into(), s.into()],
            ..Default::default()
        };
        for s in [
            "echo hi 2>&1",
            "echo hi >&2",
            "echo \"a | b\"",
            "echo 'x & y'",
        ] {
            assert!(runs_at_once(&c(s), &Vec::new()), "{s}");
        }
        for s in ["echo hi | cat", "sleep 5 &", "echo $(sleep 3)"] {
            assert!(!runs_at_once(&c(s), &Vec::new()), "{s}");
        }
    }

    /// POSIX `printf`: the format is reused for the remaining arguments; a missing `%d` is 0;
    /// what differs by shell or is an error is not guessed at, nor `echo` with backslashes.
    #[test]
    fn printf_reuses_its_format() {
        let p = |v: &[&str]| printf(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            p(&["%s\\n", "one", "two", "three"]).unwrap(),
            "one\ntwo\nthree\n"
        );
        assert_eq!(p(&["%d\\n"]).unwrap(), "0\n");
        assert_eq!(p(&["%s-%s\\n", "a", "b", "c"]).unwrap(), "a-b\nc-\n");
        assert_eq!(p(&["hi\\n", "x"]).unwrap(), "hi\n");
        assert_eq!(p(&["%d|%%\\n", "-12"]).unwrap(), "-12|%\n");
        for v in [
            &["%5d|\\n", "3"][..],
            &["%d\\n", "abc"],
            &["%d", "010"],
            &["%x", "1"],
            &["\\a"],
            &[],
        ] {
            assert_eq!(p(v), None, "{v:?}");
        }
        assert_eq!(end("printf \"%5d|\\n\" 3"), End::Unknown);
        assert_eq!(end("printf \"%5d|\\n\" 3 > /dev/null"), End::Unknown);
        assert_eq!(end("echo -e \"a\\tb\""), End::Unknown);
        assert_eq!(end("echo 'a\\nb'"), End::Unknown);
        assert_eq!(end("echo -n a"), End::Ran(0));
        assert_eq!(end("echo -n -e a"), End::Unknown);
        assert_eq!(end("echo a -e"), End::Ran(0));
        assert_eq!(end("printf %d abc >/dev/null && exit 3"), End::Unknown);
    }

    /// POSIX 2.6.5: fields split on IFS white space (space, tab, newline) only, and IFS white
    /// space at either end of an expansion ends a field.
    #[test]
    fn fields_split_on_ifs_white_space() {
        assert_eq!(
            said("echo 你好\u{3000}世界", &Vec::new()),
            ["你好\u{3000}世界"]
        );
        let env: Env = vec![
            ("A".into(), " 2 ".into()),
            ("U".into(), "a\u{3000}b".into()),
        ];
        let run = execute("echo $A$A x${A}y $U", &env);
        assert_eq!(
            run.commands[0].words,
            ["echo", "2", "2", "x", "2", "y", "a\u{3000}b"]
        );
        assert_eq!(end("IFS=,; echo a"), End::Unknown);
        // POSIX 2.14: an assignment before a special built-in stays in dash, not in bash.
        assert_eq!(end("B=2 :; echo $B"), End::Unknown);
        assert_eq!(
            execute("echo a", &vec![("IFS".into(), ",".into())]).end,
            End::Unknown
        );
    }

    /// dash's `exit` takes 0 to 2147483647 (the low 8 bits); anything else is "Illegal
    /// number" (status 2 and a message): not followed.
    #[test]
    fn exit_takes_a_plain_number() {
        assert_eq!(end("exit 256"), End::Exit(0));
        assert_eq!(end("exit 2147483647"), End::Exit(255));
        for s in ["exit -1", "exit 99999999999", "exit +3", "exit x"] {
            assert_eq!(end(s), End::Unknown, "{s}");
        }
    }

    /// Long scripts stay linear: past MAX_STATEMENTS they are not followed; an expansion past
    /// MAX_EXPANDED is not followed either (never cut short).
    #[test]
    fn long_scripts_are_cut_off_not_slow() {
        let many: String = (0..30_000).map(|n| format!("V{n}={n};")).collect();
        let t = std::time::Instant::now();
        assert_eq!(end(&many), End::Unknown);
        let nested = "if true; then ".repeat(20_000) + &"fi; ".repeat(20_000);
        assert_eq!(end(&nested), End::Unknown);
        assert!(t.elapsed() < std::time::Duration::from_secs(1));
        let few: String = (0..1_000).map(|n| format!("V{n}={n}; ")).collect();
        assert_eq!(end(&(few + "exit $V999")), End::Exit(231));
        // Endless loops nested deeper than MAX_DEPTH are not followed (the page's stack).
        let deep = "while true; do ".repeat(1_000) + &"done; ".repeat(1_000);
        assert_eq!(end(&deep), End::Unknown);
        let env: Env = vec![("X".into(), "x".repeat(40_000))];
        assert_eq!(execute("[ \"$X$X\" = \"\" ]", &env).end, End::Unknown);
    }
}
