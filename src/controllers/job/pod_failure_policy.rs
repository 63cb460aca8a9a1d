//! `spec.podFailurePolicy`, after pkg/controller/job/pod_failure_policy.go: the rules are
//! matched in order against a failed pod; the first match decides whether the Job fails at
//! once (`FailJob`), the failure is left out of `backoffLimit` (`Ignore`) or counted (`Count`).

use crate::api::PodFailurePolicy;

/// What a rule reads of a failed pod.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FailedPod {
    pub namespace: String,
    pub name: String,
    /// Terminated containers with a non-zero exit code: containers, then init containers.
    pub exits: Vec<(String, i32)>,
    /// The pod's conditions: (type, status).
    pub conditions: Vec<(String, String)>,
}

/// The first matching rule: its index, its action and, for `FailJob`, the Job's failure
/// message.
#[derive(Clone, Debug, PartialEq)]
pub struct Matched {
    pub rule: usize,
    pub action: &'static str,
    pub fail_job_message: Option<String>,
    /// What matched, for the controller's decision line: `exit code 42`, `condition X`.
    pub what: String,
}

impl Matched {
    /// `countFailed`: an `Ignore` match is left out of `status.failed` and `backoffLimit`.
    pub fn counts(m: Option<&Matched>) -> bool {
        m.is_none_or(|m| m.action != "Ignore")
    }
}

/// `matchPodFailurePolicy`: None when no rule matches (the failure counts).
pub fn match_pod_failure_policy(policy: &PodFailurePolicy, pod: &FailedPod) -> Option<Matched> {
    for (index, rule) in policy.rules.iter().enumerate() {
        let action = match rule.action.as_str() {
            "Ignore" => "Ignore",
            "Count" => "Count",
            "FailJob" => "FailJob",
            // Validation allows FailIndex only with backoffLimitPerIndex.
            "FailIndex" => "FailIndex",
            _ => continue,
        };
        if let Some(req) = &rule.on_exit_codes {
            // matchOnExitCodes: exit 0 never matches, not even NotIn.
            let hit = pod.exits.iter().find(|(name, code)| {
                *code != 0
                    && req.container_name.as_ref().is_none_or(|c| c == name)
                    && match req.operator.as_str() {
                        "In" => req.values.contains(code),
                        "NotIn" => !req.values.contains(code),
                        _ => false,
                    }
            });
            if let Some((container, code)) = hit {
                return Some(Matched {
                    rule: index,
                    action,
                    fail_job_message: (action == "FailJob").then(|| {
                        format!(
                            "Container {container} for pod {}/{} failed with exit code {code} matching FailJob rule at index {index}",
                            pod.namespace, pod.name
                        )
                    }),
                    what: format!("exit code {code}"),
                });
            }
        } else if let Some(patterns) = &rule.on_pod_conditions {
            // matchOnPodConditions: the pod's conditions in order, each against every pattern.
            let hit = pod
                .conditions
                .iter()
                .find(|(t, s)| patterns.iter().any(|p| &p.type_ == t && &p.status == s));
            if let Some((type_, _)) = hit {
                return Some(Matched {
                    rule: index,
                    action,
                    fail_job_message: (action == "FailJob").then(|| {
                        format!(
                            "Pod {}/{} has condition {type_} matching FailJob rule at index {index}",
                            pod.namespace, pod.name
                        )
                    }),
                    what: format!("condition {type_}"),
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{
        PodFailurePolicyOnExitCodes, PodFailurePolicyOnPodCondition, PodFailurePolicyRule,
    };

    fn exits(
        action: &str,
        container: Option<&str>,
        op: &str,
        values: &[i32],
    ) -> PodFailurePolicyRule {
        PodFailurePolicyRule {
            action: action.into(),
            on_exit_codes: Some(PodFailurePolicyOnExitCodes {
                container_name: container.map(str::to_string),
                operator: op.into(),
                values: values.to_vec(),
                values_listed: true,
            }),
            on_pod_conditions: None,
        }
    }

    fn pod(exits: &[(&str, i32)], conditions: &[(&str, &str)]) -> FailedPod {
        FailedPod {
            namespace: "default".into(),
            name: "job-pod-failure-policy-example-x".into(),
            exits: exits.iter().map(|(n, c)| (n.to_string(), *c)).collect(),
            conditions: conditions
                .iter()
                .map(|(t, s)| (t.to_string(), s.to_string()))
                .collect(),
        }
    }

    /// The Kubernetes docs' example (job-pod-failure-policy-example.yaml): exit 42 of `main`
    /// fails the Job; a disruption is ignored.
    #[test]
    fn docs_example_fails_on_42_and_ignores_disruptions() {
        let policy = PodFailurePolicy {
            rules: vec![
                exits("FailJob", Some("main"), "In", &[42]),
                PodFailurePolicyRule {
                    action: "Ignore".into(),
                    on_exit_codes: None,
                    on_pod_conditions: Some(vec![PodFailurePolicyOnPodCondition {
                        type_: "DisruptionTarget".into(),
                        status: "True".into(),
                    }]),
                },
            ],
        };
        let m = match_pod_failure_policy(&policy, &pod(&[("main", 42)], &[]));
        assert_eq!(
            m.as_ref().and_then(|m| m.fail_job_message.as_deref()),
            Some("Container main for pod default/job-pod-failure-policy-example-x failed with exit code 42 matching FailJob rule at index 0")
        );
        let m = match_pod_failure_policy(
            &policy,
            &pod(
                &[("main", 137)],
                &[("Ready", "False"), ("DisruptionTarget", "True")],
            ),
        );
        assert_eq!(m.as_ref().map(|m| (m.rule, m.action)), Some((1, "Ignore")));
        assert!(!Matched::counts(m.as_ref()));
        // Another exit code matches nothing and counts.
        let m = match_pod_failure_policy(&policy, &pod(&[("main", 1)], &[]));
        assert_eq!(m, None);
        assert!(Matched::counts(m.as_ref()));
    }

    #[test]
    fn not_in_never_matches_exit_0_and_container_names_filter() {
        let policy = PodFailurePolicy {
            rules: vec![
                exits("Count", Some("side"), "NotIn", &[1]),
                exits("Ignore", None, "NotIn", &[1, 2]),
            ],
        };
        assert_eq!(
            match_pod_failure_policy(&policy, &pod(&[("main", 0)], &[])),
            None
        );
        let m = match_pod_failure_policy(&policy, &pod(&[("main", 3)], &[]));
        assert_eq!(m.map(|m| (m.rule, m.action)), Some((1, "Ignore")));
        let m = match_pod_failure_policy(&policy, &pod(&[("side", 3)], &[]));
        assert_eq!(m.map(|m| (m.rule, m.action)), Some((0, "Count")));
    }
}
