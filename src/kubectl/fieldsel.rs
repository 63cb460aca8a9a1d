//! `--field-selector`: apimachinery's fields.ParseSelector (`k=v`, `k==v`, `k!=v`, joined by
//! commas), matched against the fields each resource's API server strategy exposes
//! (`GetAttrs`/`*ToSelectableFields` in pkg/registry/*/strategy.go; anything else is refused
//! with "field label not supported").

use serde_json::Value;

use crate::api::Kind;

#[derive(Clone, Debug, PartialEq)]
pub struct FieldSelector {
    /// (field, equal?, value)
    terms: Vec<(String, bool, String)>,
}

/// fields/selector.go `parseSelector`: terms split on unescaped commas, each split at its first
/// `!=`, `==` or `=`. An empty selector selects everything (None).
pub fn parse_field_selector(s: &str) -> Result<Option<FieldSelector>, String> {
    let mut terms = Vec::new();
    for term in split_terms(s) {
        if term.is_empty() {
            continue;
        }
        let Some((i, op)) = term.char_indices().find_map(|(i, _)| {
            ["!=", "==", "="]
                .into_iter()
                .find(|op| term[i..].starts_with(op))
                .map(|op| (i, op))
        }) else {
            return Err(format!(
                "invalid selector: '{s}'; can't understand '{term}'"
            ));
        };
        terms.push((
            unescape(&term[..i]),
            op != "!=",
            unescape(&term[i + op.len()..]),
        ));
    }
    Ok((!terms.is_empty()).then_some(FieldSelector { terms }))
}

fn split_terms(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut term = String::new();
    let mut escaped = false;
    for c in s.chars() {
        if escaped {
            term.push('\\');
            term.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == ',' {
            out.push(std::mem::take(&mut term));
        } else {
            term.push(c);
        }
    }
    out.push(term);
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}

/// The fields a kind can be selected by, besides metadata.name and metadata.namespace.
fn kind_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        // pkg/registry/core/pod/strategy.go ToSelectableFields.
        Kind::Pod => &[
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "spec.hostNetwork",
            "status.phase",
            "status.podIP",
            "status.podIPs",
            "status.nominatedNodeName",
        ],
        // pkg/registry/core/event/strategy.go ToSelectableFields.
        Kind::Event => &[
            "involvedObject.kind",
            "involvedObject.namespace",
            "involvedObject.name",
            "involvedObject.uid",
            "involvedObject.apiVersion",
            "involvedObject.resourceVersion",
            "involvedObject.fieldPath",
            "reason",
            "reportingComponent",
            "source",
            "type",
        ],
        // pkg/registry/batch/job/strategy.go JobToSelectableFields.
        Kind::Job => &["status.successful"],
        // pkg/registry/core/node/strategy.go NodeToSelectableFields.
        Kind::Node => &["spec.unschedulable"],
        _ => &[],
    }
}

impl FieldSelector {
    /// The first field the kind cannot be selected by, as the API server refuses it.
    pub fn unsupported(&self, kind: Kind) -> Option<String> {
        self.terms
            .iter()
            .find(|(f, _, _)| {
                !matches!(f.as_str(), "metadata.name" | "metadata.namespace")
                    && !kind_fields(kind).contains(&f.as_str())
            })
            .map(|(f, _, _)| format!("field label not supported: {f}"))
    }

    /// Whether the object (its API JSON) has every term's value.
    pub fn matches(&self, v: &Value) -> bool {
        self.terms
            .iter()
            .all(|(f, eq, want)| (field_value(v, f) == *want) == *eq)
    }
}

/// A selectable field's value as the strategy renders it.
fn field_value(v: &Value, field: &str) -> String {
    let at = |path: &str| {
        path.split('.')
            .try_fold(v, |v, k| v.get(k))
            .filter(|v| !v.is_null())
    };
    let text = |x: &Value| match x {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match field {
        "spec.hostNetwork" | "spec.unschedulable" => at(field)
            .and_then(Value::as_bool)
            .unwrap_or(false)
            .to_string(),
        "status.successful" => at("status.succeeded").map_or("0".into(), text),
        // All the pod's IPs, comma-separated (podIPsToString).
        "status.podIPs" => at("status.podIPs")
            .and_then(Value::as_array)
            .map(|ips| {
                ips.iter()
                    .filter_map(|ip| ip.get("ip").and_then(Value::as_str))
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .unwrap_or_default(),
        "source" => at("source.component").map_or(String::new(), text),
        // Admission (the ServiceAccount plugin) gives every pod `default`.
        "spec.serviceAccountName" => at(field).map_or("default".into(), text),
        _ => at(field).map_or(String::new(), text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_apimachinery() {
        let s = parse_field_selector("status.phase!=Running,spec.nodeName==worker-1,a=b=c")
            .unwrap()
            .unwrap();
        assert_eq!(
            s.terms,
            [
                ("status.phase".into(), false, "Running".into()),
                ("spec.nodeName".into(), true, "worker-1".into()),
                ("a".into(), true, "b=c".into()),
            ]
        );
        assert_eq!(parse_field_selector("").unwrap(), None);
        assert_eq!(
            parse_field_selector("status.phase").unwrap_err(),
            "invalid selector: 'status.phase'; can't understand 'status.phase'"
        );
        let escaped = parse_field_selector(r"metadata.name=a\,b")
            .unwrap()
            .unwrap();
        assert_eq!(
            escaped.terms,
            [("metadata.name".into(), true, "a,b".into())]
        );
    }

    #[test]
    fn matches_the_strategies_fields() {
        let pod = serde_json::json!({
            "metadata": {"name": "p"},
            "spec": {"nodeName": "worker-1"},
            "status": {"phase": "Failed", "podIPs": [{"ip": "10.244.1.2"}]}
        });
        let sel = |s: &str| parse_field_selector(s).unwrap().unwrap();
        assert!(sel("status.phase=Failed,spec.nodeName=worker-1").matches(&pod));
        assert!(sel("spec.hostNetwork=false,status.podIPs=10.244.1.2").matches(&pod));
        assert!(!sel("status.phase!=Failed").matches(&pod));
        assert_eq!(
            sel("status.ready=true").unsupported(Kind::Pod).as_deref(),
            Some("field label not supported: status.ready")
        );
        assert_eq!(sel("status.successful=1").unsupported(Kind::Job), None);
        let job = serde_json::json!({"status": {}});
        assert!(sel("status.successful=0").matches(&job));
    }
}
