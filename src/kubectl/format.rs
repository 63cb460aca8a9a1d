//! Small formatting helpers kubectl's printers and describers share.

use std::collections::BTreeMap;

use crate::api::{Container, LabelSelector, Time};

/// `labels.FormatLabels` (apimachinery `pkg/labels/labels.go`): `k=v,k2=v2` sorted by key,
/// `<none>` when empty.
pub(crate) fn format_labels(labels: &BTreeMap<String, String>) -> String {
    if labels.is_empty() {
        return "<none>".to_string();
    }
    labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// `metav1.LabelSelectorAsSelector(s).String()` (apimachinery `pkg/apis/meta/v1/helpers.go`,
/// `pkg/labels/selector.go` `Requirement.String`): requirements sorted by key, matchLabels as
/// `k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`. Empty for a nil or empty selector.
pub(crate) fn selector_string(sel: Option<&LabelSelector>) -> String {
    let Some(sel) = sel else {
        return String::new();
    };
    // (key, rendered) pairs; matchLabels come first, then a stable sort by key (Go's
    // `sort.Sort(ByKey)` is an insertion sort, stable, for the handful of requirements here).
    let mut reqs: Vec<(String, String)> = Vec::new();
    for (k, v) in &sel.match_labels {
        reqs.push((k.clone(), format!("{k}={v}")));
    }
    for e in &sel.match_expressions {
        let mut values = e.values.clone();
        crate::sort::sort(&mut values);
        let rendered = match e.operator.as_str() {
            "In" => format!("{} in ({})", e.key, values.join(",")),
            "NotIn" => format!("{} notin ({})", e.key, values.join(",")),
            "Exists" => e.key.clone(),
            "DoesNotExist" => format!("!{}", e.key),
            other => format!(
                "{} {} ({})",
                e.key,
                other.to_ascii_lowercase(),
                values.join(",")
            ),
        };
        reqs.push((e.key.clone(), rendered));
    }
    crate::sort::sort_by(&mut reqs, |a, b| a.0.cmp(&b.0));
    reqs.into_iter()
        .map(|(_, r)| r)
        .collect::<Vec<_>>()
        .join(",")
}

/// `metav1.FormatLabelSelector`: the selector string, `<none>` when it is empty.
pub(crate) fn format_label_selector(sel: Option<&LabelSelector>) -> String {
    let s = selector_string(sel);
    if s.is_empty() {
        "<none>".to_string()
    } else {
        s
    }
}

/// Go's `time.RFC1123Z` layout, `Mon, 02 Jan 2006 15:04:05 -0700`, in UTC (the simulation has
/// no local zone; kubectl prints the machine's).
pub(crate) fn rfc1123z(t: Time) -> String {
    Time::from_unix_secs(t.unix_secs()).rfc1123z()
}

/// `layoutContainerCells` (printers.go): names and images joined by commas.
pub(crate) fn layout_container_cells(containers: &[Container]) -> (String, String) {
    let names: Vec<&str> = containers.iter().map(|c| c.name.as_str()).collect();
    let images: Vec<&str> = containers.iter().map(|c| c.image.as_str()).collect();
    (names.join(","), images.join(","))
}

/// `printBool` (describe.go / printers.go).
pub(crate) fn print_bool(v: bool) -> &'static str {
    if v {
        "True"
    } else {
        "False"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::LabelSelectorRequirement;

    #[test]
    fn labels() {
        assert_eq!(format_labels(&BTreeMap::new()), "<none>");
        let m: BTreeMap<String, String> = [("b", "2"), ("a", "1")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(format_labels(&m), "a=1,b=2");
    }

    #[test]
    fn selectors() {
        assert_eq!(format_label_selector(None), "<none>");
        assert_eq!(
            format_label_selector(Some(&LabelSelector::default())),
            "<none>"
        );
        let sel = LabelSelector {
            match_labels: [("name".to_string(), "fluentd".to_string())]
                .into_iter()
                .collect(),
            match_expressions: vec![
                LabelSelectorRequirement {
                    key: "tier".into(),
                    operator: "In".into(),
                    values: vec!["web".into(), "api".into()],
                },
                LabelSelectorRequirement {
                    key: "canary".into(),
                    operator: "DoesNotExist".into(),
                    values: vec![],
                },
                LabelSelectorRequirement {
                    key: "env".into(),
                    operator: "Exists".into(),
                    values: vec![],
                },
            ],
        };
        assert_eq!(
            format_label_selector(Some(&sel)),
            "!canary,env,name=fluentd,tier in (api,web)"
        );
    }

    #[test]
    fn rfc1123z_shape() {
        let t = Time::parse_rfc3339("2019-12-02T13:20:11Z").unwrap_or_default();
        assert_eq!(rfc1123z(t), "Mon, 02 Dec 2019 13:20:11 +0000");
    }
}
