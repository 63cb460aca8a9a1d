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
        other => {
            out.push_str(&scalar(other, 0));
            out.push('\n');
        }
    }
    out.truncate(out.trim_end().len());
    out
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
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
        out.push_str(&string(k, ind));
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
                out.push_str(&scalar(val, ind));
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
                out.push_str(&scalar(item, ind + 2));
                out.push('\n');
            }
        }
    }
}

fn scalar(v: &Value, ind: usize) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s, ind),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

fn string(s: &str, ind: usize) -> String {
    if s.contains('\n') && !s.chars().any(|c| c.is_control() && c != '\n') {
        // Literal block; `|-` when there is no final newline, as go-yaml chooses.
        let chomp = if s.ends_with('\n') { "" } else { "-" };
        let mut b = format!("|{chomp}");
        for line in s.trim_end_matches('\n').split('\n') {
            b.push('\n');
            if !line.is_empty() {
                b.push_str(&" ".repeat(ind + 2));
                b.push_str(line);
            }
        }
        return b;
    }
    // go-yaml v2 (encode.go stringv): a string that would read back as another type (a bool,
    // a number, null, a timestamp) is double-quoted; any other is written plain when the
    // emitter allows it, else single-quoted, else (control characters) double-quoted
    // (emitterc.go yaml_emitter_select_scalar_style).
    if reads_as_other_type(s) {
        quoted(s)
    } else if plain_allowed(s) {
        s.to_string()
    } else if !s.chars().any(|c| c.is_control()) {
        format!("'{}'", s.replace('\'', "''"))
    } else {
        quoted(s)
    }
}

/// Whether `s` reads back as the same string when written plain (YAML 1.1 resolution, as go-yaml
/// v2 checks before writing).
#[cfg(test)]
fn plain_ok(s: &str) -> bool {
    !reads_as_other_type(s) && plain_allowed(s)
}

/// YAML 1.1 resolves `s`, written plain, to something else than this string.
fn reads_as_other_type(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let reserved = [
        "", "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    ];
    reserved.contains(&lower.as_str()) || looks_numeric(s) || looks_like_time(s)
}

/// The emitter's analysis (yaml_emitter_analyze_scalar) lets `s` be a plain scalar in a block.
fn plain_allowed(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.starts_with(' ') || s.ends_with(' ') || s.ends_with(':') {
        return false;
    }
    // An indicator cannot start a plain scalar; `-` can, when not `- ` and not a number (`-wle`).
    let dash_ok = first == '-' && s.len() > 1 && !s.starts_with("- ") && !looks_numeric(s);
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) && !dash_ok {
        return false;
    }
    !(s.contains(": ") || s.contains(" #") || s.chars().any(|c| c.is_control()))
}

fn looks_numeric(s: &str) -> bool {
    let t = s.strip_prefix(['-', '+']).unwrap_or(s).replace('_', "");
    if t.is_empty() {
        return false;
    }
    if let Some(hex) = t.strip_prefix("0x") {
        return !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    if matches!(t.to_ascii_lowercase().as_str(), ".inf" | ".nan") {
        return true;
    }
    t.parse::<f64>().is_ok() || t.chars().all(|c| c.is_ascii_digit() || c == ':')
}

/// `2026-01-01` or `2026-01-01T00:00:00Z`: YAML 1.1 timestamps, which go-yaml quotes.
fn looks_like_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

fn quoted(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            '\r' => q.push_str("\\r"),
            c if c.is_control() => q.push_str(&format!("\\u{:04X}", c as u32)),
            c => q.push(c),
        }
    }
    q.push('"');
    q
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
        assert_eq!(string("a\nb\n", 0), "|\n  a\n  b");
        // Double quotes for what reads as another type, single quotes for the rest.
        assert_eq!(string("8080", 0), "\"8080\"");
        assert_eq!(string("", 0), "\"\"");
        assert_eq!(string("*/1 * * * *", 0), "'*/1 * * * *'");
        assert_eq!(
            string("Node worker-1 status is now: NodeNotReady", 0),
            "'Node worker-1 status is now: NodeNotReady'"
        );
        assert_eq!(string("it's: here", 0), "'it''s: here'");
        assert_eq!(string("a\tb: c", 0), "\"a\\tb: c\"");
        assert_eq!(to_yaml(&json!({"s": "x\ny"})), "s: |-\n  x\n  y");
        assert_eq!(to_yaml(&json!([[1, 2], {"a": 1}])), "- - 1\n  - 2\n- a: 1");
    }
}
