//! `kubectl get -o yaml`: the object's JSON written as YAML the way kubectl writes it
//! (sigs.k8s.io/yaml `JSONToYAML`, i.e. go-yaml v2 `Marshal` of a generic map): keys sorted,
//! sequences inside a mapping not indented, strings quoted only where YAML would read them as
//! something else, multi-line strings as `|` blocks.

use serde_json::Value;

pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Object(m) if !m.is_empty() => write_map(&mut out, v, 0),
        Value::Array(a) if !a.is_empty() => write_seq(&mut out, v, 0),
        // A root scalar: the emitter's indent goes from -1 to best_indent (2).
        other => {
            out.push_str(&scalar(other, 2, 0));
            out.push('\n');
        }
    }
    // The caller ends the text; a keep (`|+`) block's own final break must stay.
    if out.ends_with('\n') {
        out.pop();
    }
    out
}

/// go-yaml v2's best_width: a plain or quoted scalar folds at a space past this column.
const BEST_WIDTH: usize = 80;

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// The emitter's column: characters (not bytes) since the last line break.
fn column(out: &str) -> usize {
    out[out.rfind('\n').map_or(0, |i| i + 1)..].chars().count()
}

fn is_block(v: &Value) -> bool {
    match v {
        Value::Object(m) => !m.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => false,
    }
}

fn write_map(out: &mut String, v: &Value, ind: usize) {
    let Value::Object(m) = v else { return };
    let mut keys: Vec<&String> = m.keys().collect();
    crate::sort::sort(&mut keys);
    for (i, k) in keys.into_iter().enumerate() {
        // The first key of a mapping inside a sequence follows its `- ` on the same line.
        if i > 0 || !out.ends_with("- ") {
            indent(out, ind);
        }
        // A key is a simple key: it never folds.
        out.push_str(&string(k, ind + 2, 0, false));
        out.push(':');
        let val = &m[k];
        match val {
            Value::Object(_) if is_block(val) => {
                out.push('\n');
                write_map(out, val, ind + 2);
            }
            Value::Array(_) if is_block(val) => {
                out.push('\n');
                write_seq(out, val, ind);
            }
            _ => {
                out.push(' ');
                // emitterc.go yaml_emitter_emit_scalar raises the indent by best_indent (2)
                // for the scalar: its folded lines and literal body sit there.
                let col = column(out);
                out.push_str(&scalar(val, ind + 2, col));
                out.push('\n');
            }
        }
    }
}

fn write_seq(out: &mut String, v: &Value, ind: usize) {
    let Value::Array(items) = v else { return };
    for (i, item) in items.iter().enumerate() {
        // A sequence inside a sequence starts on its parent's `- ` line.
        if i > 0 || !out.ends_with("- ") {
            indent(out, ind);
        }
        out.push_str("- ");
        match item {
            Value::Object(_) if is_block(item) => write_map(out, item, ind + 2),
            Value::Array(_) if is_block(item) => write_seq(out, item, ind + 2),
            _ => {
                let col = column(out);
                out.push_str(&scalar(item, ind + 2, col));
                out.push('\n');
            }
        }
    }
}

/// A scalar whose folded lines (and literal body) are indented `ind`, starting at column `col`.
fn scalar(v: &Value, ind: usize, col: usize) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s, ind, col, true),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

/// A string as go-yaml v2 writes it, starting at column `col`; past column 80 it folds at a
/// space onto a line indented `ind` when `fold` (a value, not a simple key).
fn string(s: &str, ind: usize, col: usize, fold: bool) -> String {
    let a = analyze(s);
    // go-yaml v2 encode.go stringv: a string with a line break is a literal block, if the
    // emitter allows one (yaml_emitter_select_scalar_style: no special characters, no space
    // before a break, no trailing space).
    if s.contains('\n') && a.block_allowed {
        return literal(s, ind);
    }
    // A string that would read back as another type (a bool, a number, null, a timestamp, a
    // base-60 float) is double-quoted; any other plain when the emitter allows it, else
    // single-quoted, else (special characters) double-quoted.
    let w = Writer { ind, col, fold };
    if reads_as_other_type(s) || is_base60_float(s) {
        w.double_quoted(s)
    } else if a.block_plain_allowed {
        w.plain(s)
    } else if a.single_quoted_allowed {
        w.single_quoted(s)
    } else {
        w.double_quoted(s)
    }
}

/// The scalar writers of emitterc.go (yaml_emitter_write_{plain,single_quoted,double_quoted}
/// _scalar) with their folding: at a space, once past column 80, unless the last character
/// written was a space too, the line breaks and the next starts at the scalar's indent.
struct Writer {
    ind: usize,
    col: usize,
    fold: bool,
}

impl Writer {
    fn break_line(&self, out: &mut String, col: &mut usize) {
        out.push('\n');
        indent(out, self.ind);
        *col = self.ind;
    }

    fn plain(&self, s: &str) -> String {
        let (mut out, mut col) = (String::with_capacity(s.len()), self.col);
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                let next_space = chars.get(i + 1) == Some(&' ');
                if self.fold && !spaces && col > BEST_WIDTH && !next_space {
                    self.break_line(&mut out, &mut col);
                } else {
                    out.push(' ');
                    col += 1;
                }
                spaces = true;
            } else {
                out.push(c);
                col += 1;
                spaces = false;
            }
        }
        out
    }

    /// Single quotes; a line break inside is written as two (a blank line reads back as one).
    fn single_quoted(&self, s: &str) -> String {
        let (mut out, mut col) = (String::from("'"), self.col + 1);
        let chars: Vec<char> = s.chars().collect();
        let (mut spaces, mut breaks) = (false, false);
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                let inner = i > 0 && i + 1 < chars.len() && chars[i + 1] != ' ';
                if self.fold && !spaces && col > BEST_WIDTH && inner {
                    self.break_line(&mut out, &mut col);
                } else {
                    out.push(' ');
                    col += 1;
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    out.push('\n');
                }
                out.push(c);
                col = 0;
                breaks = true;
            } else {
                if breaks {
                    indent(&mut out, self.ind);
                    col = self.ind;
                }
                if c == '\'' {
                    out.push('\'');
                    col += 1;
                }
                out.push(c);
                col += 1;
                (spaces, breaks) = (false, false);
            }
        }
        out.push('\'');
        out
    }

    /// Double quotes: what is not printable, a break, the BOM, `"` and `\` escaped; a fold
    /// before a second space escapes that space (`\ `) so it is not taken as indentation.
    fn double_quoted(&self, s: &str) -> String {
        let (mut out, mut col) = (String::from("\""), self.col + 1);
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if !printable(c) || is_break(c) || c == '"' || c == '\\' {
                let before = out.len();
                escape(&mut out, c);
                col += out.len() - before;
                spaces = false;
            } else if c == ' ' {
                if self.fold && !spaces && col > BEST_WIDTH && i > 0 && i + 1 < chars.len() {
                    self.break_line(&mut out, &mut col);
                    if chars[i + 1] == ' ' {
                        out.push('\\');
                        col += 1;
                    }
                } else {
                    out.push(' ');
                    col += 1;
                }
                spaces = true;
            } else {
                out.push(c);
                col += 1;
                spaces = false;
            }
        }
        out.push('"');
        out
    }
}

/// A literal block (`|`) whose lines are indented `ind`, with go-yaml's hints: an indentation
/// digit when the text starts with a space or a break, and the chomping: `-` without a final
/// break, `+` with more than one.
fn literal(s: &str, ind: usize) -> String {
    let mut b = String::from("|");
    if s.starts_with(' ') || s.starts_with('\n') {
        b.push('2');
    }
    if !s.ends_with('\n') {
        b.push('-');
    } else if s.ends_with("\n\n") || s == "\n" {
        b.push('+');
    }
    let body = if b.ends_with('+') {
        s.strip_suffix('\n').unwrap_or(s)
    } else {
        s.trim_end_matches('\n')
    };
    for line in body.split('\n') {
        b.push('\n');
        if !line.is_empty() {
            indent(&mut b, ind);
            b.push_str(line);
        }
    }
    b
}

/// What yaml_emitter_analyze_scalar (emitterc.go) lets a scalar be, in block context.
struct Analysis {
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

/// emitterc.go is_printable: what may stand as itself (tab, CR, DEL, C1 controls, the BOM and
/// anything beyond the Basic Multilingual Plane may not).
fn printable(c: char) -> bool {
    matches!(c, '\n' | ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        && c != '\u{FEFF}'
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn analyze(s: &str) -> Analysis {
    let chars: Vec<char> = s.chars().collect();
    // Only block context is written here: the flow indicators do not matter.
    let mut block_indicators = s.starts_with("---") || s.starts_with("...");
    let (mut special, mut line_breaks) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let mut preceded_by_whitespace = true;
    let n = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        let followed_by_whitespace = i + 1 >= n || matches!(chars[i + 1], ' ' | '\t');
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' | '-' => block_indicators |= followed_by_whitespace,
                _ => {}
            }
        } else {
            match c {
                ':' => block_indicators |= followed_by_whitespace,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        // Unicode line and paragraph separators would not read back in a quoted or plain
        // scalar (a break folds to a space): escaped in double quotes (\L, \P).
        if !printable(c) || matches!(c, '\u{2028}' | '\u{2029}') {
            special = true;
        }
        if c == ' ' {
            leading_space |= i == 0;
            trailing_space |= i + 1 == n;
            break_space |= previous_break;
            (previous_space, previous_break) = (true, false);
        } else if is_break(c) {
            line_breaks = true;
            leading_break |= i == 0;
            trailing_break |= i + 1 == n;
            space_break |= previous_space;
            (previous_space, previous_break) = (false, true);
        } else {
            (previous_space, previous_break) = (false, false);
        }
        preceded_by_whitespace = matches!(c, ' ' | '\t') || is_break(c);
    }
    let edges = leading_space || leading_break || trailing_space || trailing_break;
    Analysis {
        block_plain_allowed: !s.is_empty()
            && !block_indicators
            && !edges
            && !break_space
            && !space_break
            && !special
            && !line_breaks,
        single_quoted_allowed: !break_space && !space_break && !special,
        block_allowed: !trailing_space && !space_break && !special,
    }
}

/// Whether `s` reads back as something else than this string (go-yaml v2 resolve.go
/// `resolve`: its map of exact spellings, Go's integers with any base prefix and underscores,
/// YAML-style floats, and timestamps).
fn reads_as_other_type(s: &str) -> bool {
    const MAPPED: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no",
        "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "", "~", "null", "Null",
        "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
        "-.Inf", "-.INF",
    ];
    let Some(first) = s.chars().next() else {
        return true;
    };
    if !matches!(
        first,
        '+' | '-' | '0'
            ..='9' | 'y' | 'Y' | 'n' | 'N' | 't' | 'T' | 'f' | 'F' | 'o' | 'O' | '~' | '.'
    ) {
        return false;
    }
    if MAPPED.contains(&s) {
        return true;
    }
    match first {
        // strconv.ParseFloat of what starts with '.': a YAML-style float.
        '.' => yaml_style_float(s),
        '+' | '-' | '0'..='9' => {
            let plain = s.replace('_', "");
            is_timestamp(s) || go_int(&plain) || yaml_style_float(&plain)
        }
        _ => false,
    }
}

/// strconv.ParseInt(s, 0, 64) (or ParseUint) accepts it: a sign, then `0x`/`0o`/`0b` digits,
/// a leading-0 octal, or decimal.
fn go_int(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let digits = |d: &str, radix: u32| !d.is_empty() && d.chars().all(|c| c.is_digit(radix));
    let lower = body.to_ascii_lowercase();
    if let Some(h) = lower.strip_prefix("0x") {
        digits(h, 16)
    } else if let Some(o) = lower.strip_prefix("0o") {
        digits(o, 8)
    } else if let Some(b) = lower.strip_prefix("0b") {
        digits(b, 2)
    } else if body.len() > 1 && body.starts_with('0') {
        digits(&body[1..], 8)
    } else {
        digits(body, 10)
    }
}

/// resolve.go yamlStyleFloat: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn yaml_style_float(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s).as_bytes();
    let digits = |from: usize| from + b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i;
    if b.first() == Some(&b'.') {
        i = digits(1);
        if i == 1 {
            return false;
        }
    } else {
        i = digits(0);
        if i == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i = digits(i + 1);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let k = digits(j);
        if k == j {
            return false;
        }
        i = k;
    }
    i == b.len()
}

/// encode.go isBase60Float: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`, quoted on
/// the way out for parsers that still read YAML 1.1's base 60.
fn is_base60_float(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s).as_bytes();
    if !b.first().is_some_and(u8::is_ascii_digit) || !b.contains(&b':') {
        return false;
    }
    let mut i = 1 + b[1..]
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == b'_')
        .count();
    let mut groups = 0;
    while b.get(i) == Some(&b':') {
        let d = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        let ok = match d {
            1 => true,
            2 => b[i + 1] <= b'5',
            _ => false,
        };
        if !ok {
            return false;
        }
        i += 1 + d;
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1 + b[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == b'_')
            .count();
    }
    i == b.len()
}

/// resolve.go parseTimestamp: `YYYY-M-D`, optionally with `[Tt ]h:m:s[.frac]` and, after T
/// or t, a zone (`Z` or `±hh:mm`), as Go's time.Parse reads those layouts (fields of one or
/// two digits, in range; the day within its month).
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return false;
    }
    // A number of one or two digits from `i`, at most `max`.
    let num = |i: usize, max: u32| -> Option<(u32, usize)> {
        let d = b[i..]
            .iter()
            .take(2)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if d == 0 {
            return None;
        }
        let v = b[i..i + d]
            .iter()
            .fold(0u32, |a, c| a * 10 + u32::from(c - b'0'));
        (v <= max).then_some((v, i + d))
    };
    let year: u32 = b[..4].iter().fold(0, |a, c| a * 10 + u32::from(c - b'0'));
    let Some((month, i)) = num(5, 12).filter(|(m, _)| *m >= 1) else {
        return false;
    };
    if b.get(i) != Some(&b'-') {
        return false;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let Some((_, i)) = num(i + 1, days[month as usize - 1]).filter(|(d, _)| *d >= 1) else {
        return false;
    };
    if i == b.len() {
        return true;
    }
    let zoned = match b[i] {
        b'T' | b't' => true,
        b' ' => false,
        _ => return false,
    };
    let Some((_, i)) = num(i + 1, 23) else {
        return false;
    };
    if b.get(i) != Some(&b':') {
        return false;
    }
    let Some((_, i)) = num(i + 1, 59) else {
        return false;
    };
    if b.get(i) != Some(&b':') {
        return false;
    }
    let Some((_, mut i)) = num(i + 1, 59) else {
        return false;
    };
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1 + b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
    }
    if !zoned {
        return i == b.len();
    }
    match b.get(i) {
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            let z = &b[i + 1..];
            z.len() == 5 && z[2] == b':' && [0, 1, 3, 4].iter().all(|&k| z[k].is_ascii_digit())
        }
        _ => false,
    }
}

/// One character escaped as yaml_emitter_write_double_quoted_scalar escapes it (ASCII only).
fn escape(q: &mut String, c: char) {
    match c {
        '\0' => q.push_str("\\0"),
        '\u{7}' => q.push_str("\\a"),
        '\u{8}' => q.push_str("\\b"),
        '\t' => q.push_str("\\t"),
        '\n' => q.push_str("\\n"),
        '\u{b}' => q.push_str("\\v"),
        '\u{c}' => q.push_str("\\f"),
        '\r' => q.push_str("\\r"),
        '\u{1b}' => q.push_str("\\e"),
        '"' => q.push_str("\\\""),
        '\\' => q.push_str("\\\\"),
        '\u{85}' => q.push_str("\\N"),
        '\u{A0}' => q.push_str("\\_"),
        '\u{2028}' => q.push_str("\\L"),
        '\u{2029}' => q.push_str("\\P"),
        c if (c as u32) <= 0xFF => q.push_str(&format!("\\x{:02X}", c as u32)),
        c if (c as u32) <= 0xFFFF => q.push_str(&format!("\\u{:04X}", c as u32)),
        c => q.push_str(&format!("\\U{:08X}", c as u32)),
    }
}

/// Whether `s` is written plain (the tests' view of `string`).
#[cfg(test)]
fn plain_ok(s: &str) -> bool {
    string(s, 2, 0, false) == s
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_like_kubectl() {
        let v = json!({
            "kind": "Pod",
            "apiVersion": "v1",
            "metadata": {"name": "pi-abcde", "creationTimestamp": "2026-01-01T00:00:00Z",
                         "labels": {"job-name": "pi"}, "resourceVersion": ""},
            "spec": {"containers": [{"name": "pi", "command": ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"],
                                     "resources": {}}],
                     "restartPolicy": "Never"},
            "status": {"phase": "Succeeded", "ready": true, "port": "8080", "empty": []}
        });
        assert_eq!(
            to_yaml(&v),
            r#"apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2026-01-01T00:00:00Z"
  labels:
    job-name: pi
  name: pi-abcde
  resourceVersion: ""
spec:
  containers:
  - command:
    - perl
    - -Mbignum=bpi
    - -wle
    - print bpi(2000)
    name: pi
    resources: {}
  restartPolicy: Never
status:
  empty: []
  phase: Succeeded
  port: "8080"
  ready: true"#
        );
    }

    #[test]
    fn quotes_what_would_read_back_differently() {
        for s in [
            "true", "no", "On", "1", "-1", "0x1f", "1.5", "", " a", "a: b", "#x", "*a", "- x",
            "12:30",
        ] {
            assert!(!plain_ok(s), "{s:?} must be quoted");
        }
        for s in [
            "pi",
            "busybox:1.36",
            "-wle",
            "job-name=pi",
            "a b",
            "http://x/y",
        ] {
            assert!(plain_ok(s), "{s:?} can be plain");
        }
        assert_eq!(string("a\nb\n", 2, 0, false), "|\n  a\n  b");
        // Double quotes for what reads as another type, single quotes for the rest.
        assert_eq!(string("8080", 2, 0, false), "\"8080\"");
        assert_eq!(string("", 2, 0, false), "\"\"");
        assert_eq!(string("*/1 * * * *", 2, 0, false), "'*/1 * * * *'");
        assert_eq!(
            string("Node worker-1 status is now: NodeNotReady", 2, 0, false),
            "'Node worker-1 status is now: NodeNotReady'"
        );
        assert_eq!(string("it's: here", 2, 0, false), "'it''s: here'");
        assert_eq!(string("a\tb: c", 2, 0, false), "\"a\\tb: c\"");
    }

    /// go-yaml v2's resolve and emitter, case by case (found by fuzzing the console).
    #[test]
    fn quotes_like_go_yaml() {
        // Read back as another type: double quotes.
        for s in [
            "0o17",
            "0b101",
            "0X1F",
            "-0b1",
            "017",
            "1_000",
            "2026-1-2",
            "190:20:30.15",
            "1e3",
            ".5",
            "2026-01-01T10:00:00Z",
            "2026-01-01 10:00:00",
        ] {
            assert_eq!(string(s, 2, 0, false), format!("\"{s}\""), "{s}");
        }
        // Strings, plain: resolve's map is case-exact; not base 60; not a timestamp.
        for s in [
            "tRUE",
            "YeS",
            ".iNf",
            "12:60",
            "2026-01-01 release notes",
            "inf",
            "+",
            "08x",
            "2026-02-30",
        ] {
            assert_eq!(string(s, 2, 0, false), s, "{s}");
        }
        // Not plain: single quotes.
        assert_eq!(string(":", 2, 0, false), "':'");
        assert_eq!(string("---", 2, 0, false), "'---'");
        assert_eq!(string("...", 2, 0, false), "'...'");
        // Special characters: double quotes with go-yaml's escapes.
        assert_eq!(string("a\u{2028}b", 2, 0, false), "\"a\\Lb\"");
        assert_eq!(string("\u{FEFF}x", 2, 0, false), "\"\\uFEFFx\"");
        assert_eq!(
            string("\u{1}\u{7F}\u{85}", 2, 0, false),
            "\"\\x01\\x7F\\N\""
        );
        assert_eq!(string("ok 😀", 2, 0, false), "\"ok \\U0001F600\"");
        // Literal blocks: keep (+) for more than one final break, an indentation digit for a
        // leading space; a space before a break makes it double-quoted.
        assert_eq!(string("a\n\n", 2, 0, false), "|+\n  a\n");
        assert_eq!(string(" a\nb", 2, 0, false), "|2-\n   a\n  b");
        assert_eq!(string("a \nb", 2, 0, false), "\"a \\nb\"");
        assert_eq!(to_yaml(&json!({"s": "x\ny"})), "s: |-\n  x\n  y");
        assert_eq!(to_yaml(&json!([[1, 2], {"a": 1}])), "- - 1\n  - 2\n- a: 1");
    }
}

#[cfg(test)]
mod folding {
    use super::*;
    use serde_json::json;

    fn condition_message(msg: &str) -> String {
        let v = json!({"status": {"conditions": [{"lastProbeTime": null, "message": msg}]}});
        to_yaml(&v)
    }

    /// go-yaml v2 folds long scalars past column 80 (best_width; kubectl never calls
    /// FutureLineWrap). Expected texts are real `kubectl get pod -o yaml` output.
    #[test]
    fn folds_long_scalars_at_80_columns_like_go_yaml_v2() {
        let head = "status:\n  conditions:\n  - lastProbeTime: null\n";
        for (msg, folded) in [
            (
                "0/3 nodes are available: 1 node(s) had untolerated taint {test-unschedulable: true}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..",
                "    message: '0/3 nodes are available: 1 node(s) had untolerated taint {test-unschedulable:
      true}, 2 node(s) didn''t match Pod''s node affinity/selector. preemption: 0/3
      nodes are available: 3 Preemption is not helpful for scheduling..'",
            ),
            (
                "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had volume node affinity conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..",
                "    message: '0/2 nodes are available: 1 node(s) didn''t match Pod''s node affinity/selector,
      1 node(s) had volume node affinity conflict. preemption: 0/2 nodes are available:
      2 Preemption is not helpful for scheduling..'",
            ),
            (
                "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
                "    message: '0/1 nodes are available: 1 node(s) didn''t match Pod''s node affinity/selector.
      preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.'",
            ),
        ] {
            assert_eq!(condition_message(msg), format!("{head}{folded}"));
        }
    }

    #[test]
    fn folds_plain_and_double_quoted_and_keeps_keys_whole() {
        // Plain: a long annotation value folds at the first space past column 80; a run of
        // spaces is never split (the fold takes one space only where the next is not one).
        let words = "word ".repeat(20);
        let v = json!({"metadata": {"annotations": {"note": words.trim_end()}}});
        assert_eq!(
            to_yaml(&v),
            "metadata:\n  annotations:\n    note: word word word word word word word word word word word word word word word\n      word word word word word"
        );
        // Double quotes (a tab inside): a fold takes the first of two spaces (it reads back as
        // one) and escapes the second, which would otherwise be indentation.
        let s = format!("{}\t{}  tail", "x".repeat(70), "y".repeat(10));
        assert_eq!(
            to_yaml(&json!({ "k": s })),
            format!("k: \"{}\\t{}\n  \\ tail\"", "x".repeat(70), "y".repeat(10))
        );
        // A key is never folded, and a sequence item folds at its own indent.
        let long_key = format!("{} {}", "k".repeat(85), "k");
        assert_eq!(
            to_yaml(&json!({ long_key.clone(): 1 })),
            format!("{long_key}: 1")
        );
        let item = format!("{} end", "a".repeat(90));
        assert_eq!(
            to_yaml(&json!({"args": [item]})),
            format!("args:\n- {}\n  end", "a".repeat(90))
        );
    }

    /// A literal block in a sequence sits two spaces in from its `- ` (the scalar's indent).
    #[test]
    fn literal_in_a_sequence_is_indented_from_its_dash() {
        let v = json!({"spec": {"containers": [{"command": ["sh", "-c", "echo a\necho b\n"]}]}});
        assert_eq!(
            to_yaml(&v),
            "spec:\n  containers:\n  - command:\n    - sh\n    - -c\n    - |\n      echo a\n      echo b"
        );
    }

    /// A single-quoted string with a break (here: a trailing space forbids a block) writes the
    /// break twice and indents the next line, so it reads back the same.
    #[test]
    fn single_quoted_break_reads_back() {
        assert_eq!(to_yaml(&json!({"k": "a\nb "})), "k: 'a\n\n  b '");
    }
}
