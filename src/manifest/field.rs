//! API-server error shapes and Go formatting.
//!
//! Error bodies follow staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go
//! (`ErrorBody`): `Required value`/`Forbidden`/`Too long` omit the value, strings print as Go `%q`,
//! ints and bools plainly, other values as JSON (since 1.34; `%#v` before); `NotSupported` lists
//! `supported values: "a", "b"`.
//! Regex messages follow staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go.

use std::collections::BTreeMap;

use crate::api::{IntOrString, LabelSelector};

use super::{ManifestError, Positions};

/// A bad value as the API server prints it.
#[derive(Clone, Debug)]
pub(crate) enum GoVal {
    Str(String),
    Int(i64),
    Bool(bool),
    /// Already formatted (JSON of a struct, map or list).
    Raw(String),
}

impl GoVal {
    pub fn render(&self) -> String {
        match self {
            GoVal::Str(s) => go_quote(s),
            GoVal::Int(i) => i.to_string(),
            GoVal::Bool(b) => b.to_string(),
            GoVal::Raw(r) => r.clone(),
        }
    }
}

pub(crate) fn s(v: &str) -> GoVal {
    GoVal::Str(v.to_string())
}

/// Where an error points: a value (by field path, see `Positions::get`) or a mapping key.
#[derive(Clone, Copy, Debug)]
pub(crate) enum At<'a> {
    Val(&'a str),
    Key(&'a str),
}

/// Collects field errors for one document, each with its place in the source.
pub(crate) struct Errs<'a> {
    pub pos: &'a Positions,
    pub out: Vec<ManifestError>,
}

impl<'a> Errs<'a> {
    pub fn new(pos: &'a Positions) -> Self {
        Errs {
            pos,
            out: Vec::new(),
        }
    }

    fn locate(&self, at: At) -> (usize, usize) {
        match at {
            At::Val(p) => self.pos.get(p),
            At::Key(p) => self.pos.key(p),
        }
        .unwrap_or((self.pos.doc_line, self.pos.doc_col))
    }

    /// A request the API server answers with no field errors at all (an HTTP 500): this
    /// document's other errors are never reported, so it is the only one.
    pub fn server_error(&mut self, field: &str, at: At, message: String) {
        let (line, column) = self.locate(at);
        self.out.clear();
        self.out.push(ManifestError {
            line,
            column,
            field: field.to_string(),
            message,
        });
    }

    pub fn push(&mut self, field: &str, at: At, body: String) {
        let (line, column) = self.locate(at);
        let message = format!("{field}: {body}");
        // `ErrorList.ToAggregate` drops repeated messages.
        if self.out.iter().any(|e| e.message == message) {
            return;
        }
        self.out.push(ManifestError {
            line,
            column,
            field: field.to_string(),
            message,
        });
    }

    pub fn invalid(&mut self, field: &str, at: At, value: GoVal, detail: &str) {
        let mut body = format!("Invalid value: {}", value.render());
        if !detail.is_empty() {
            body.push_str(": ");
            body.push_str(detail);
        }
        self.push(field, at, body);
    }

    pub fn required(&mut self, field: &str, at: At, detail: &str) {
        let body = if detail.is_empty() {
            "Required value".to_string()
        } else {
            format!("Required value: {detail}")
        };
        self.push(field, at, body);
    }

    pub fn forbidden(&mut self, field: &str, at: At, detail: &str) {
        self.push(field, at, format!("Forbidden: {detail}"));
    }

    /// `field.NotFound`: "Not found: \"data\"".
    pub fn not_found(&mut self, field: &str, at: At, value: GoVal) {
        self.push(field, at, format!("Not found: {}", value.render()));
    }

    pub fn duplicate(&mut self, field: &str, at: At, value: GoVal) {
        self.push(field, at, format!("Duplicate value: {}", value.render()));
    }

    pub fn not_supported(&mut self, field: &str, at: At, value: GoVal, valid: &[&str]) {
        let list: Vec<String> = valid.iter().map(|v| go_quote(v)).collect();
        self.push(
            field,
            at,
            format!(
                "Unsupported value: {}: supported values: {}",
                value.render(),
                list.join(", ")
            ),
        );
    }

    /// `field.TooMany`: "Too many: 21: must have at most 20 items".
    pub fn too_many(&mut self, field: &str, at: At, actual: usize, max: usize) {
        self.push(
            field,
            at,
            format!("Too many: {actual}: must have at most {max} items"),
        );
    }

    /// `field.TooLong` since apimachinery 1.32 (TooLongMaxLength became the same): "Too long:
    /// may not be more than 63 bytes".
    pub fn too_long(&mut self, field: &str, at: At, max: usize) {
        let unit = if max == 1 { "byte" } else { "bytes" };
        self.push(
            field,
            at,
            format!("Too long: may not be more than {max} {unit}"),
        );
    }
}

/// Go `strconv.Quote` (what `%q` prints for a string); one implementation serves the cron
/// messages and the API server's.
pub(crate) fn go_quote(s: &str) -> String {
    crate::cron::gostd::strconv_quote(s)
}

/// A string as Go's `encoding/json` writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped too.
pub(crate) fn go_json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// JSON of a `map[string]string` (keys sorted, as Go writes them); `null` for a nil map.
///
/// Since Kubernetes 1.34 (kubernetes#132314, field/errors.go `ErrorBody`) a bad value that is
/// not a string, number or bool is printed as JSON (it was Go's `%#v`). Internal API types carry
/// no JSON tags, so their fields print under their Go names (`{"Key":…}`).
pub(crate) fn go_map(m: &BTreeMap<String, String>) -> String {
    if m.is_empty() {
        return "null".to_string();
    }
    let items: Vec<String> = m
        .iter()
        .map(|(k, v)| format!("{}:{}", go_json_str(k), go_json_str(v)))
        .collect();
    format!("{{{}}}", items.join(","))
}

/// JSON of a list of strings; `null` when empty.
pub(crate) fn go_json_strings(v: &[String]) -> String {
    if v.is_empty() {
        return "null".to_string();
    }
    let items: Vec<String> = v.iter().map(|s| go_json_str(s)).collect();
    format!("[{}]", items.join(","))
}

/// JSON of a `metav1.LabelSelector` (its JSON tags, empty fields left out).
pub(crate) fn go_selector(sel: &LabelSelector) -> String {
    let mut fields = Vec::new();
    if !sel.match_labels.is_empty() {
        fields.push(format!("\"matchLabels\":{}", go_map(&sel.match_labels)));
    }
    if !sel.match_expressions.is_empty() {
        let items: Vec<String> = sel
            .match_expressions
            .iter()
            .map(|r| {
                let mut f = vec![
                    format!("\"key\":{}", go_json_str(&r.key)),
                    format!("\"operator\":{}", go_json_str(&r.operator)),
                ];
                if !r.values.is_empty() {
                    f.push(format!("\"values\":{}", go_json_strings(&r.values)));
                }
                format!("{{{}}}", f.join(","))
            })
            .collect();
        fields.push(format!("\"matchExpressions\":[{}]", items.join(",")));
    }
    format!("{{{}}}", fields.join(","))
}

/// JSON of an `intstr.IntOrString` (its MarshalJSON): `1` or `"25%"`.
pub(crate) fn go_int_or_string(v: &IntOrString) -> String {
    match v {
        IntOrString::Int(i) => i.to_string(),
        IntOrString::String(s) => go_json_str(s),
    }
}

/// `validation.RegexError`.
pub(crate) fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    if examples.is_empty() {
        return format!("{msg} (regex used for validation is '{fmt}')");
    }
    let mut out = format!("{msg} (e.g. ");
    for (i, e) in examples.iter().enumerate() {
        if i > 0 {
            out.push_str(" or ");
        }
        out.push('\'');
        out.push_str(e);
        out.push_str("', ");
    }
    out.push_str(&format!("regex used for validation is '{fmt}')"));
    out
}

/// `validation.MaxLenError`.
pub(crate) fn max_len_error(n: usize) -> String {
    format!("must be no more than {n} characters")
}

// --- staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go -----------------------

const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL_ERR: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT: &str =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const DNS1123_SUBDOMAIN_ERR: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME_ERR: &str =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT: &str = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
const LABEL_VALUE_ERR: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

fn is_label_shape(s: &str, inner: impl Fn(u8) -> bool) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) => {
            f.is_ascii_alphanumeric() && l.is_ascii_alphanumeric() && b.iter().all(|&c| inner(c))
        }
        _ => false,
    }
}

fn dns1123_label_re(s: &str) -> bool {
    is_label_shape(s, |c| {
        c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'
    }) && !s.bytes().any(|c| c.is_ascii_uppercase())
        && s.bytes().next().is_some_and(|c| !c.is_ascii_uppercase())
}

fn dns1123_subdomain_re(s: &str) -> bool {
    !s.is_empty() && s.split('.').all(dns1123_label_re)
}

fn qualified_name_re(s: &str) -> bool {
    is_label_shape(s, |c| {
        c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b'.'
    })
}

pub(crate) fn is_dns1123_label(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > 63 {
        errs.push(max_len_error(63));
    }
    if !dns1123_label_re(v) {
        if dns1123_subdomain_re(v) {
            errs.push("must not contain dots".to_string());
        } else {
            errs.push(regex_error(
                DNS1123_LABEL_ERR,
                DNS1123_LABEL_FMT,
                &["my-name", "123-abc"],
            ));
        }
    }
    errs
}

pub(crate) fn is_dns1123_subdomain(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > 253 {
        errs.push(max_len_error(253));
    }
    if !dns1123_subdomain_re(v) {
        errs.push(regex_error(
            DNS1123_SUBDOMAIN_ERR,
            DNS1123_SUBDOMAIN_FMT,
            &["example.com"],
        ));
    }
    errs
}

/// `IsDNS1123SubdomainWithUnderscore`: labels may also hold '_' and start with one.
pub(crate) fn is_dns1123_subdomain_with_underscore(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > 253 {
        errs.push(max_len_error(253));
    }
    let label_ok = |l: &str| {
        let l = l.strip_prefix('_').unwrap_or(l);
        is_label_shape(l, |c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'_'
        }) && !l.bytes().any(|c| c.is_ascii_uppercase())
    };
    if v.is_empty() || !v.split('.').all(label_ok) {
        errs.push(regex_error(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character",
            "_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*",
            &["example.com"],
        ));
    }
    errs
}

/// `IsQualifiedName` (label keys, annotation keys, taint and toleration keys).
pub(crate) fn is_qualified_name(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let parts: Vec<&str> = v.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errs.push("prefix part must be non-empty".to_string());
            } else {
                for m in is_dns1123_subdomain(prefix) {
                    errs.push(format!("prefix part {m}"));
                }
            }
            *name
        }
        _ => {
            errs.push(format!(
                "a qualified name {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, &["MyName", "my.name", "123-abc"])
            ));
            return errs;
        }
    };
    if name.is_empty() {
        errs.push("name part must be non-empty".to_string());
    } else if name.len() > 63 {
        errs.push(format!("name part {}", max_len_error(63)));
    }
    if !qualified_name_re(name) {
        errs.push(format!(
            "name part {}",
            regex_error(
                QUALIFIED_NAME_ERR,
                QUALIFIED_NAME_FMT,
                &["MyName", "my.name", "123-abc"]
            )
        ));
    }
    errs
}

pub(crate) fn is_valid_label_value(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > 63 {
        errs.push(max_len_error(63));
    }
    if !(v.is_empty() || qualified_name_re(v)) {
        errs.push(regex_error(
            LABEL_VALUE_ERR,
            LABEL_VALUE_FMT,
            &["MyValue", "my_value", "12345"],
        ));
    }
    errs
}

pub(crate) fn is_valid_percent(v: &str) -> Vec<String> {
    let ok = v
        .strip_suffix('%')
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit()));
    if ok {
        Vec::new()
    } else {
        vec![regex_error(
            "a valid percent string must be a numeric string followed by an ending '%'",
            "[0-9]+%",
            &["1%", "93%"],
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_and_label_rules() {
        assert!(is_dns1123_label("my-name").is_empty());
        assert_eq!(
            is_dns1123_label("a.b"),
            vec!["must not contain dots".to_string()]
        );
        assert!(is_dns1123_subdomain("example.com").is_empty());
        assert_eq!(is_dns1123_subdomain("Pi").len(), 1);
        assert!(is_qualified_name("node-role.kubernetes.io/control-plane").is_empty());
        assert!(!is_qualified_name("a/b/c").is_empty());
        assert!(is_valid_label_value("").is_empty());
        assert_eq!(
            is_valid_label_value(&"a".repeat(64)),
            vec![max_len_error(63)]
        );
        assert!(is_valid_percent("10%").is_empty());
        assert_eq!(
            is_valid_percent("x")[0],
            "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"
        );
    }

    #[test]
    fn go_formatting() {
        assert_eq!(go_quote("a\"b\n"), "\"a\\\"b\\n\"");
        // strconv.Quote: unicode.IsPrint is false for spaces other than ASCII's (Zs) and for
        // format characters; printable CJK stays as it is.
        assert_eq!(go_quote("a\u{a0}b"), "\"a\\u00a0b\"");
        assert_eq!(go_quote("\u{200b}任务"), "\"\\u200b任务\"");
        let mut m = BTreeMap::new();
        m.insert("b".to_string(), "2".to_string());
        m.insert("a".to_string(), "1".to_string());
        assert_eq!(go_map(&m), "{\"a\":\"1\",\"b\":\"2\"}");
    }
}
