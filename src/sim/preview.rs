//! What `kubectl apply` of a text would do to each of its objects, judged before applying:
//! the page's preview and its Apply, and `ctrlscope validate`, share it.

use crate::api::{ControllerRevision, CronJob, DaemonSet, Job, Kind, Node, Object, Pod};
use crate::manifest::{invalid_message, validate_update, ManifestError, Parsed};

use super::Simulation;

#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    Create,
    Update,
    /// Apply would change nothing (`kubectl apply` says `unchanged`).
    Unchanged,
    Refused {
        /// As kubectl prints it (`The Job "j" is invalid: ...`, or `error: ...`).
        message: String,
        errors: Vec<ManifestError>,
    },
}

/// The live object of this kind and name, for update validation.
pub fn live_object(sim: &Simulation, kind: Kind, name: &str) -> Option<Object> {
    let st = &sim.cluster.store;
    Some(match kind {
        Kind::Job => Object::Job(st.get::<Job>(name)?.clone()),
        Kind::CronJob => Object::CronJob(st.get::<CronJob>(name)?.clone()),
        Kind::DaemonSet => Object::DaemonSet(st.get::<DaemonSet>(name)?.clone()),
        Kind::Node => Object::Node(st.get::<Node>(name)?.clone()),
        Kind::Pod => Object::Pod(st.get::<Pod>(name)?.clone()),
        Kind::ControllerRevision => {
            Object::ControllerRevision(st.get::<ControllerRevision>(name)?.clone())
        }
        Kind::Event => return None,
    })
}

/// One verdict per document, in order. kubectl apply (apply.go Run) applies the objects in
/// turn, so a document that repeats an earlier one's kind and name is an update of what that
/// one left (the stored, defaulted object with its generated labels): such a text is judged
/// on a scratch copy of the cluster with the earlier documents applied.
pub fn apply_verdicts(sim: &Simulation, parsed: &[Parsed]) -> Vec<Verdict> {
    let mut seen = std::collections::HashSet::new();
    let repeats = !parsed
        .iter()
        .all(|p| seen.insert((p.object.kind(), p.object.name())));
    let mut scratch = repeats.then(|| sim.clone());
    let mut out = Vec::with_capacity(parsed.len());
    for p in parsed {
        let s = scratch.as_ref().unwrap_or(sim);
        let mut verdict = verdict(s, p);
        if let Some(s) = scratch.as_mut() {
            if !matches!(verdict, Verdict::Refused { .. }) {
                if let Err(e) = s.apply(p.object.clone()) {
                    verdict = Verdict::Refused {
                        message: format!("error: {e}"),
                        errors: Vec::new(),
                    };
                }
            }
        }
        out.push(verdict);
    }
    out
}

fn verdict(sim: &Simulation, p: &Parsed) -> Verdict {
    let kind = p.object.kind();
    let name = p.object.name();
    if let Some(r) =
        super::generate_name_refusal(&p.object).or_else(|| sim.namespace_clash(&p.object))
    {
        return Verdict::Refused {
            message: format!("error: {r}"),
            errors: Vec::new(),
        };
    }
    match live_object(sim, kind, name) {
        None => Verdict::Create,
        Some(old) => {
            let errors = validate_update(&old, p);
            if !errors.is_empty() {
                Verdict::Refused {
                    message: invalid_message(kind, name, &errors),
                    errors,
                }
            } else if sim.apply_changes(&p.object) {
                Verdict::Update
            } else {
                Verdict::Unchanged
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SimConfig;

    const NEVER: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n";

    fn verdicts(text: &str) -> Vec<Verdict> {
        let parsed = crate::manifest::parse_documents(text).expect("valid alone");
        apply_verdicts(&Simulation::new(SimConfig::default()), &parsed)
    }

    fn message(v: &Verdict) -> &str {
        match v {
            Verdict::Refused { message, .. } => message,
            other => panic!("not refused: {other:?}"),
        }
    }

    /// kubectl apply (apply.go Run) creates the first document, then sends the second as an
    /// update of it: refused for the template (batch validation ValidateJobSpecUpdate), in
    /// cmdutil.CheckErr's Invalid form (helpers.go checkErr + MultilineError).
    #[test]
    fn same_job_twice_in_one_text_is_created_then_refused_as_its_update() {
        let second = NEVER.replace("Never", "OnFailure");
        let v = verdicts(&format!("{NEVER}---\n{second}"));
        assert_eq!(v[0], Verdict::Create);
        let m = message(&v[1]);
        assert!(
            m.starts_with("The Job \"j\" is invalid: spec.template: Invalid value: {\"labels\":{\"batch.kubernetes.io/controller-uid\":"),
            "{m}"
        );
        assert!(m.ends_with("}: field is immutable"), "{m}");
        assert!(!m.contains('\n'), "{m}");
        // Several causes: one `* cause` line each, no Go aggregate brackets.
        let third = NEVER
            .replace("spec:\n  template:", "spec:\n  completions: 3\n  template:")
            .replace(
                "      restartPolicy",
                "      nodeSelector: {a: b}\n      restartPolicy",
            );
        let v = verdicts(&format!("{NEVER}---\n{third}"));
        let m = message(&v[1]);
        let lines: Vec<&str> = m.lines().collect();
        assert_eq!(lines[0], "The Job \"j\" is invalid: ", "{m}");
        assert_eq!(
            lines[1],
            "* spec.completions: Invalid value: 3: field is immutable"
        );
        assert!(
            lines[2].starts_with("* spec.template: Invalid value: {"),
            "{m}"
        );
        assert_eq!(lines.len(), 3, "{m}");
        // The same name in another namespace than the live one's: refused before Apply.
        let mut sim = Simulation::new(SimConfig::default());
        let parsed = crate::manifest::parse_documents(NEVER).expect("valid");
        sim.apply(parsed[0].object.clone()).expect("created");
        let other = NEVER.replace("  name: j\n", "  name: j\n  namespace: other\n");
        let parsed = crate::manifest::parse_documents(&other).expect("valid");
        assert_eq!(
            message(&apply_verdicts(&sim, &parsed)[0]),
            "error: Job \"j\" is also in namespace \"default\": CtrlScope keeps one Job per name across namespaces; rename one"
        );
        // The same document twice: created, then unchanged.
        assert_eq!(
            verdicts(&format!("{NEVER}---\n{NEVER}")),
            vec![Verdict::Create, Verdict::Unchanged]
        );
    }
}
