//! The scheduler's filters that read the other pods: PodTopologySpread
//! (pkg/scheduler/framework/plugins/podtopologyspread/filtering.go, `DoNotSchedule`
//! constraints) and InterPodAffinity (interpodaffinity/filtering.go, required terms only). Each
//! has a PreFilter that counts the bound pods once per attempt, then a Filter per node.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::api::{LabelSelector, LabelSelectorRequirement, Node, Pod, PodSpec};

/// podtopologyspread ErrReasonConstraintsNotMatch and ErrReasonNodeLabelNotMatch.
pub const SPREAD: &str = "node(s) didn't match pod topology spread constraints";
pub const SPREAD_LABEL: &str =
    "node(s) didn't match pod topology spread constraints (missing required label)";
/// interpodaffinity ErrReasonAffinityRulesNotMatch, ErrReasonAntiAffinityRulesNotMatch and
/// ErrReasonExistingAntiAffinityRulesNotMatch.
pub const AFFINITY: &str = "node(s) didn't match pod affinity rules";
pub const ANTI_AFFINITY: &str = "node(s) didn't match pod anti-affinity rules";
pub const EXISTING_ANTI_AFFINITY: &str = "node(s) didn't satisfy existing pods anti-affinity rules";

/// A required pod (anti-)affinity term as framework.AffinityTerm holds it.
#[derive(Clone, Debug)]
pub struct Term {
    /// None: a nil labelSelector, which selects nothing.
    selector: Option<LabelSelector>,
    namespaces: Vec<String>,
    /// None: no namespaceSelector (only `namespaces` count); Some(empty) selects every one.
    namespace_selector: Option<LabelSelector>,
    topology_key: String,
}

impl Term {
    /// AffinityTerm.Matches: the pod is in one of the term's namespaces and has its labels.
    /// A namespace's only labels here are `kubernetes.io/metadata.name` (no Namespace objects).
    fn matches(&self, pod: &Pod) -> bool {
        let ns = &pod.metadata.namespace;
        let in_namespace = self.namespaces.iter().any(|n| n == ns)
            || self.namespace_selector.as_ref().is_some_and(|s| {
                let mut labels = BTreeMap::new();
                labels.insert("kubernetes.io/metadata.name".to_string(), ns.clone());
                s.matches(&labels)
            });
        in_namespace
            && self
                .selector
                .as_ref()
                .is_some_and(|s| s.matches(&pod.metadata.labels))
    }
}

fn selector(v: Option<&Value>) -> Option<LabelSelector> {
    v.filter(|v| !v.is_null())
        .and_then(|v| serde_json::from_value(v.clone()).ok())
}

/// matchLabelKeys / mismatchLabelKeys (MatchLabelKeysInPodAffinity, on in 1.34): the pod's
/// own value of each key is added to the selector as `In` / `NotIn`, as the API server does
/// at creation.
fn merge_label_keys(sel: &mut Option<LabelSelector>, term: &Value, pod: &Pod) {
    for (field, operator) in [("matchLabelKeys", "In"), ("mismatchLabelKeys", "NotIn")] {
        add_label_keys(sel, term, field, operator, pod);
    }
}

/// Each key listed in `term[field]` joins the selector with the pod's own value of it.
fn add_label_keys(
    sel: &mut Option<LabelSelector>,
    term: &Value,
    field: &str,
    operator: &str,
    pod: &Pod,
) {
    for key in term
        .get(field)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if let (Some(s), Some(v)) = (sel.as_mut(), pod.metadata.labels.get(key)) {
            s.match_expressions.push(LabelSelectorRequirement {
                key: key.to_string(),
                operator: operator.to_string(),
                values: vec![v.clone()],
            });
        }
    }
}

/// The pod's required terms of `podAffinity` or `podAntiAffinity`. With neither `namespaces`
/// nor `namespaceSelector` a term means the pod's own namespace
/// (GetNamespacesFromPodAffinityTerm).
pub fn required_terms(pod: &Pod, kind: &str) -> Vec<Term> {
    let Some(list) = pod
        .spec
        .affinity
        .as_ref()
        .and_then(|a| a.other.get(kind))
        .and_then(|k| k.get("requiredDuringSchedulingIgnoredDuringExecution"))
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    list.iter()
        .map(|t| {
            let mut sel = selector(t.get("labelSelector"));
            merge_label_keys(&mut sel, t, pod);
            let mut namespaces: Vec<String> = t
                .get("namespaces")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            let namespace_selector = selector(t.get("namespaceSelector"));
            if namespaces.is_empty() && namespace_selector.is_none() {
                namespaces.push(pod.metadata.namespace.clone());
            }
            Term {
                selector: sel,
                namespaces,
                namespace_selector,
                topology_key: t
                    .get("topologyKey")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
            }
        })
        .collect()
}

/// Whether the pod has required anti-affinity terms (the scheduler cache keeps such pods:
/// NodeInfo.PodsWithRequiredAntiAffinity).
pub fn has_required_anti_affinity(spec: &PodSpec) -> bool {
    spec.affinity
        .as_ref()
        .and_then(|a| a.other.get("podAntiAffinity"))
        .and_then(|k| k.get("requiredDuringSchedulingIgnoredDuringExecution"))
        .and_then(Value::as_array)
        .is_some_and(|l| !l.is_empty())
}

/// Whether one of the pod's required terms of `kind` selects `other`.
pub fn terms_select(pod: &Pod, kind: &str, other: &Pod) -> bool {
    required_terms(pod, kind).iter().any(|t| t.matches(other))
}

/// Whether one of the pod's DoNotSchedule spread constraints counts `other`.
pub fn spread_selects(pod: &Pod, other: &Pod) -> bool {
    other.metadata.namespace == pod.metadata.namespace
        && constraints(pod).iter().any(|c| {
            c.selector
                .as_ref()
                .is_some_and(|s| s.matches(&other.metadata.labels))
        })
}

/// A `whenUnsatisfiable: DoNotSchedule` constraint, defaults applied.
#[derive(Clone, Debug)]
struct Constraint {
    max_skew: i64,
    topology_key: String,
    /// None: a nil labelSelector, which selects nothing.
    selector: Option<LabelSelector>,
    min_domains: i64,
    /// nodeAffinityPolicy Honor (the default) and nodeTaintsPolicy Honor (default Ignore).
    honor_affinity: bool,
    honor_taints: bool,
}

fn constraints(pod: &Pod) -> Vec<Constraint> {
    let Some(list) = pod
        .spec
        .other
        .get("topologySpreadConstraints")
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    list.iter()
        .filter(|c| c.get("whenUnsatisfiable").and_then(Value::as_str) == Some("DoNotSchedule"))
        .map(|c| {
            let mut sel = selector(c.get("labelSelector"));
            // matchLabelKeys: the pod's values join the selector (`In`).
            add_label_keys(&mut sel, c, "matchLabelKeys", "In", pod);
            let policy = |k: &str, default: &str| {
                c.get(k).and_then(Value::as_str).unwrap_or(default) == "Honor"
            };
            Constraint {
                max_skew: c.get("maxSkew").and_then(Value::as_i64).unwrap_or(1),
                topology_key: c
                    .get("topologyKey")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                selector: sel,
                min_domains: c.get("minDomains").and_then(Value::as_i64).unwrap_or(1),
                honor_affinity: policy("nodeAffinityPolicy", "Honor"),
                honor_taints: policy("nodeTaintsPolicy", "Ignore"),
            }
        })
        .collect()
}

/// Why a node fails these filters, and whether preemption cannot help there
/// (UnschedulableAndUnresolvable).
pub struct Failure {
    pub reason: &'static str,
    pub unresolvable: bool,
}

/// The PreFilter states of PodTopologySpread and InterPodAffinity for one pod.
#[derive(Default)]
pub struct PodRules {
    /// Per constraint: its matching pods per topology value, and the smallest count.
    spread: Vec<(Constraint, BTreeMap<String, i64>, i64)>,
    self_match: Vec<bool>,
    affinity: Vec<Term>,
    anti: Vec<Term>,
    /// (topology key, value) → pods: matching all affinity terms, matching an anti term,
    /// and existing pods whose anti-affinity selects this pod.
    affinity_counts: BTreeMap<(String, String), i64>,
    anti_counts: BTreeMap<(String, String), i64>,
    existing_anti: BTreeMap<(String, String), i64>,
    /// Whether the pod matches all its own affinity terms (the first of a group may go).
    self_affine: bool,
}

impl PodRules {
    /// The PreFilters. `bound` lists the scheduler cache's pods (bound, not terminal) with
    /// their nodes; `with_anti` those of them with required anti-affinity.
    pub fn new<'a>(
        pod: &Pod,
        nodes: &[&'a Node],
        bound: &[(&'a Pod, &'a Node)],
        with_anti: &[(&'a Pod, &'a Node)],
        node_ok: impl Fn(&Node) -> (bool, bool),
    ) -> PodRules {
        let mut rules = PodRules::default();
        // podtopologyspread calPreFilterState: nodes that have every constraint's key and pass
        // the pod's node affinity (Honor) and, if asked, its tolerations count as domains.
        let cs = constraints(pod);
        if !cs.is_empty() {
            let mut per_node: BTreeMap<&str, Vec<&Pod>> = BTreeMap::new();
            for (p, n) in bound {
                per_node
                    .entry(n.metadata.name.as_str())
                    .or_default()
                    .push(p);
            }
            let mut counts: Vec<BTreeMap<String, i64>> = vec![BTreeMap::new(); cs.len()];
            for node in nodes {
                let labels = &node.metadata.labels;
                if !cs.iter().all(|c| labels.contains_key(&c.topology_key)) {
                    continue;
                }
                let (affinity_ok, taints_ok) = node_ok(node);
                for (i, c) in cs.iter().enumerate() {
                    if (c.honor_affinity && !affinity_ok) || (c.honor_taints && !taints_ok) {
                        continue;
                    }
                    // countPodsMatchSelector: not terminating, the pod's namespace, selected.
                    let n = per_node
                        .get(node.metadata.name.as_str())
                        .into_iter()
                        .flatten()
                        .filter(|p| {
                            p.metadata.deletion_timestamp.is_none()
                                && p.metadata.namespace == pod.metadata.namespace
                                && c.selector
                                    .as_ref()
                                    .is_some_and(|s| s.matches(&p.metadata.labels))
                        })
                        .count() as i64;
                    *counts[i]
                        .entry(labels[&c.topology_key].clone())
                        .or_default() += n;
                }
            }
            for (c, counts) in cs.into_iter().zip(counts) {
                // minMatchNum: below minDomains domains the global minimum is 0.
                let min = if (counts.len() as i64) < c.min_domains {
                    0
                } else {
                    counts
                        .values()
                        .copied()
                        .min()
                        .unwrap_or(i64::from(i32::MAX))
                };
                rules.self_match.push(
                    c.selector
                        .as_ref()
                        .is_some_and(|s| s.matches(&pod.metadata.labels)),
                );
                rules.spread.push((c, counts, min));
            }
        }
        // interpodaffinity PreFilter.
        rules.affinity = required_terms(pod, "podAffinity");
        rules.anti = required_terms(pod, "podAntiAffinity");
        rules.self_affine = rules.affinity.iter().all(|t| t.matches(pod));
        let key = |n: &Node, k: &str| n.metadata.labels.get(k).map(|v| (k.to_string(), v.clone()));
        if !rules.affinity.is_empty() || !rules.anti.is_empty() {
            for (p, n) in bound {
                if !rules.affinity.is_empty() && rules.affinity.iter().all(|t| t.matches(p)) {
                    for t in &rules.affinity {
                        if let Some(k) = key(n, &t.topology_key) {
                            *rules.affinity_counts.entry(k).or_default() += 1;
                        }
                    }
                }
                for t in rules.anti.iter().filter(|t| t.matches(p)) {
                    if let Some(k) = key(n, &t.topology_key) {
                        *rules.anti_counts.entry(k).or_default() += 1;
                    }
                }
            }
        }
        for (p, n) in with_anti {
            for t in required_terms(p, "podAntiAffinity")
                .iter()
                .filter(|t| t.matches(pod))
            {
                if let Some(k) = key(n, &t.topology_key) {
                    *rules.existing_anti.entry(k).or_default() += 1;
                }
            }
        }
        rules
    }

    /// Whether any of these filters can turn a node away.
    pub fn active(&self) -> bool {
        !self.spread.is_empty()
            || !self.affinity.is_empty()
            || !self.anti.is_empty()
            || !self.existing_anti.is_empty()
    }

    /// PodTopologySpread's Filter, then InterPodAffinity's, in the default profile's order.
    pub fn filter(&self, node: &Node) -> Option<Failure> {
        let labels = &node.metadata.labels;
        for (i, (c, counts, min)) in self.spread.iter().enumerate() {
            let Some(value) = labels.get(&c.topology_key) else {
                return Some(Failure {
                    reason: SPREAD_LABEL,
                    unresolvable: true,
                });
            };
            // 'existing matching num' + 'if self-match (1 or 0)' - 'global minimum' <= maxSkew.
            let skew =
                counts.get(value).copied().unwrap_or(0) + i64::from(self.self_match[i]) - min;
            if skew > c.max_skew {
                return Some(Failure {
                    reason: SPREAD,
                    unresolvable: false,
                });
            }
        }
        // satisfyPodAffinity: every term's topology label on the node and a matching pod in
        // that domain; or, no pod matching anywhere, the pod matching its own terms.
        let mut pods_exist = true;
        for t in &self.affinity {
            let Some(v) = labels.get(&t.topology_key) else {
                return Some(Failure {
                    reason: AFFINITY,
                    unresolvable: true,
                });
            };
            if self
                .affinity_counts
                .get(&(t.topology_key.clone(), v.clone()))
                .is_none_or(|n| *n <= 0)
            {
                pods_exist = false;
            }
        }
        let first_of_group = self.affinity_counts.is_empty() && self.self_affine;
        if !(pods_exist || first_of_group) {
            return Some(Failure {
                reason: AFFINITY,
                unresolvable: true,
            });
        }
        // satisfyPodAntiAffinity, then satisfyExistingPodsAntiAffinity.
        let hit = |counts: &BTreeMap<(String, String), i64>, k: &str, v: &String| {
            counts
                .get(&(k.to_string(), v.clone()))
                .is_some_and(|n| *n > 0)
        };
        if self.anti.iter().any(|t| {
            labels
                .get(&t.topology_key)
                .is_some_and(|v| hit(&self.anti_counts, &t.topology_key, v))
        }) {
            return Some(Failure {
                reason: ANTI_AFFINITY,
                unresolvable: false,
            });
        }
        if !self.existing_anti.is_empty()
            && labels.iter().any(|(k, v)| hit(&self.existing_anti, k, v))
        {
            return Some(Failure {
                reason: EXISTING_ANTI_AFFINITY,
                unresolvable: false,
            });
        }
        None
    }
}
