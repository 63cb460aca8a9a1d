//! `kubectl create job`: from a CronJob's template (`--from=cronjob/NAME`) or an image.

use super::{err, not_found, type_and_name, ConsoleResult, Flags};
use crate::api::{CronJob, Job, Kind, Object, ObjectMeta, Pod};
use crate::manifest::{parse_documents, ManifestError, Parsed};
use crate::sim::scenario::Action;
use crate::sim::Simulation;

pub const INSTANTIATE_ANNOTATION: &str = "cronjob.kubernetes.io/instantiate";

/// `kubectl create job NAME --from=cronjob/CJ` or `--image=IMAGE [-- COMMAND ARGS...]`
/// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_job.go: Complete, Validate, Run).
pub(super) fn create_job(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let [name] = args else {
        return err(format!("error: exactly one NAME is required, got {}\nSee 'kubectl create job -h' for help and examples", args.len()));
    };
    let (dry_run, warning) = match dry_run_strategy(flags.dry_run.as_deref()) {
        Ok(d) => d,
        Err(e) => return err(e),
    };
    let mut r = create_job_as(sim, name, flags, dry_run);
    if let Some(w) = warning {
        r.output = format!("{w}\n{}", r.output);
    }
    r
}

fn create_job_as(
    sim: &mut Simulation,
    name: &str,
    flags: &Flags,
    dry_run: DryRun,
) -> ConsoleResult {
    let command = flags.command.clone().unwrap_or_default();
    let output = flags.output.as_deref().unwrap_or_default();
    let printer = match output {
        "" => None,
        o => match super::get::generic_printer(o) {
            Ok(p) => Some(p),
            Err(e) => return err(e),
        },
    };
    let (image, from) = (flags.image.as_deref(), flags.from.as_deref());
    if image.is_some() == from.is_some() {
        return err("error: either --image or --from must be specified".into());
    }
    if from.is_some() && !command.is_empty() {
        return err("error: cannot specify --from and command".into());
    }
    let job = match (image, from) {
        (Some(image), _) => {
            // createJob: one container named after the Job, restartPolicy Never.
            let mut c = serde_json::json!({"name": name, "image": image});
            if let (false, Some(m)) = (command.is_empty(), c.as_object_mut()) {
                m.insert("command".into(), command.into());
            }
            let mut job = serde_json::json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name},
                "spec": {"template": {"spec": {"containers": [c], "restartPolicy": "Never"}}}});
            // EnforceNamespace: the namespace is set only when -n says it.
            if let (Some(ns), Some(m)) = (&flags.namespace, job["metadata"].as_object_mut()) {
                m.insert("namespace".into(), ns.clone().into());
            }
            job
        }
        (None, from) => {
            let from = from.unwrap_or_default();
            let cj = match type_and_name(&[from]) {
                Ok((Kind::CronJob, Some(n))) => {
                    if let Err(r) = flags.named(sim, Kind::CronJob, n) {
                        return *r;
                    }
                    match sim.cluster.store.get::<CronJob>(n) {
                        Some(cj) => cj,
                        None => return not_found(Kind::CronJob, n),
                    }
                }
                Ok((_, None)) => {
                    return err(
                        "error: resource(s) were provided, but no name was specified".into(),
                    )
                }
                Ok((kind, Some(n))) => {
                    let found = sim.existing(kind, n).is_some()
                        || (kind == Kind::Pod && sim.cluster.store.contains::<Pod>(n));
                    return if found {
                        err(format!("error: unknown object type *v1.{kind}"))
                    } else {
                        not_found(kind, n)
                    };
                }
                Err(e) => return err(e),
            };
            let mut job = job_from_cronjob(cj, name);
            if flags.namespace.is_none() {
                if let Some(m) = job["metadata"].as_object_mut() {
                    m.remove("namespace");
                }
            }
            job
        }
    };
    let name_line = format!("job.batch/{name}");
    if dry_run == DryRun::Client {
        // Printed as kubectl built it, the server never asked.
        let doc = as_typed(job);
        return match &printer {
            Some(p) => super::get::print_each(p, output, &[name_line], &[doc]),
            None => ConsoleResult {
                output: format!("{name_line} created (dry run)"),
                error: false,
                action: None,
                follow: None,
            },
        };
    }
    // NamespaceLifecycle admission (plugin/pkg/admission/namespace/lifecycle Admit) refuses
    // a create in a namespace that does not exist, before validation; a server dry run too.
    let failed = |m: String| err(format!("error: failed to create job: {m}"));
    if let Err(e) = super::get::namespace_exists(sim, flags.namespace()) {
        return failed(e);
    }
    // The API server puts the object in the namespace of the request.
    let mut job = job;
    if let Some(m) = job["metadata"].as_object_mut() {
        m.insert("namespace".into(), flags.namespace().into());
    }
    // The API server: decoding, defaults and validation as for any Job, then AlreadyExists.
    let obj = match admit(&job) {
        Ok(p) => p.object,
        Err(errs) => {
            let list: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
            let detail = match list.as_slice() {
                [one] => one.to_string(),
                _ => format!("[{}]", list.join(", ")),
            };
            return failed(format!("Job.batch {name:?} is invalid: {detail}"));
        }
    };
    if sim.cluster.store.contains::<Job>(name) {
        return failed(format!("jobs.batch {name:?} already exists"));
    }
    if dry_run == DryRun::Server {
        // Admitted and prepared as for a create (uid, creationTimestamp, generation, the
        // generated selector and labels: registry/batch/job/strategy.go PrepareForCreate), not
        // stored, so no resourceVersion (apiserver registry/generic/registry/dryrun.go). A
        // scratch copy of the cluster makes it: the real one, and its randomness, stay as
        // they were, so a replay needs no record of the dry run.
        let mut scratch = sim.clone();
        let prepared = scratch
            .perform(&Action::Apply(vec![obj.clone()]))
            .ok()
            .and_then(|_| scratch.cluster.store.get::<Job>(name).cloned());
        let mut doc = match prepared {
            Some(j) => crate::kubectl::api_value(&Object::Job(j)),
            None => crate::kubectl::api_value(&obj),
        };
        if let Some(m) = doc["metadata"].as_object_mut() {
            m.remove("resourceVersion");
        }
        return match &printer {
            Some(p) => super::get::print_each(p, output, &[name_line], &[doc]),
            None => ConsoleResult {
                output: format!("{name_line} created (server dry run)"),
                error: false,
                action: None,
                follow: None,
            },
        };
    }
    let action = Action::Apply(vec![obj]);
    match sim.perform(&action) {
        Ok(out) => {
            let output = match (&printer, sim.cluster.store.get::<Job>(name)) {
                (Some(p), Some(j)) => {
                    let doc = crate::kubectl::api_value(&Object::Job(j.clone()));
                    super::get::print_each(p, output, &[name_line], &[doc]).output
                }
                _ => out,
            };
            ConsoleResult {
                output,
                error: false,
                action: Some(action),
                follow: None,
            }
        }
        Err(e) => failed(e),
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum DryRun {
    None,
    Client,
    Server,
}

/// cmdutil.GetDryRunStrategy (helpers.go): `client`, `server`, `none`; the bare flag
/// (NoOptDefVal "unchanged") and a boolean are still read, with klog's deprecation warning.
/// Returns the strategy and that warning's text (printed without klog's header).
fn dry_run_strategy(flag: Option<&str>) -> Result<(DryRun, Option<String>), String> {
    let boolean = |v: &str, now: &str| {
        format!(
            "--dry-run={v} is deprecated (boolean value) and can be replaced with --dry-run={now}."
        )
    };
    match flag {
        None | Some("none") => Ok((DryRun::None, None)),
        Some("client") => Ok((DryRun::Client, None)),
        Some("server") => Ok((DryRun::Server, None)),
        Some("unchanged") => Ok((
            DryRun::Client,
            Some("--dry-run is deprecated and can be replaced with --dry-run=client.".into()),
        )),
        Some(v @ ("1" | "t" | "T" | "true" | "TRUE" | "True")) => {
            Ok((DryRun::Client, Some(boolean(v, "client"))))
        }
        Some(v @ ("0" | "f" | "F" | "false" | "FALSE" | "False")) => {
            Ok((DryRun::None, Some(boolean(v, "none"))))
        }
        Some(v) => Err(format!(
            "error: Invalid dry-run value ({v}). Must be \"none\", \"server\", or \"client\"."
        )),
    }
}

/// A Job as kubectl's typed Go object prints before any server has seen it: the template's
/// empty `metadata: {}`, each container's `resources: {}`, and `status: {}`. Its zero
/// `creationTimestamp` is left out since kubectl 1.34 (apimachinery meta/v1 types.go tags it
/// `omitzero`; before, it printed `creationTimestamp: null`).
fn as_typed(mut job: serde_json::Value) -> serde_json::Value {
    use serde_json::{json, Value};
    let template = &mut job["spec"]["template"];
    if template.get("metadata").is_none_or(Value::is_null) {
        template["metadata"] = json!({});
    }
    if let Some(cs) = template["spec"]["containers"].as_array_mut() {
        for c in cs.iter_mut().filter_map(Value::as_object_mut) {
            c.entry("resources").or_insert_with(|| json!({}));
        }
    }
    if let Some(m) = job.as_object_mut() {
        m.insert("status".into(), json!({}));
    }
    job
}

/// createJobFromCronJob: the jobTemplate's labels, `instantiate: manual` with the template's
/// annotations copied over it (one of its own wins), and a controller reference without
/// blockOwnerDeletion.
fn job_from_cronjob(cj: &CronJob, name: &str) -> serde_json::Value {
    let t = &cj.spec.job_template;
    let mut annotations = t.metadata.annotations.clone();
    annotations
        .entry(INSTANTIATE_ANNOTATION.into())
        .or_insert_with(|| "manual".into());
    let job = Job {
        api_version: "batch/v1".into(),
        kind: "Job".into(),
        metadata: ObjectMeta {
            name: name.into(),
            namespace: cj.metadata.namespace.clone(),
            labels: t.metadata.labels.clone(),
            annotations,
            owner_references: vec![crate::controllers::cronjob::owner_ref(cj, None)],
            ..Default::default()
        },
        spec: t.spec.clone(),
        status: Default::default(),
    };
    // The CronJob's jobTemplate as the server returned it, with the pod defaults it shows
    // (createJobFromCronJob copies the template as it is).
    let mut v = serde_json::to_value(&job).unwrap_or_default();
    crate::manifest::api_view(&mut v);
    v
}

/// An object as the API server admits it: decoded, defaulted and validated like a manifest.
pub(super) fn admit(doc: &serde_json::Value) -> Result<Parsed, Vec<ManifestError>> {
    admit_update(doc, None)
}

/// Likewise for an update of `old`: refused, it lists the update checks' errors too.
pub(super) fn admit_update(
    doc: &serde_json::Value,
    old: Option<&Object>,
) -> Result<Parsed, Vec<ManifestError>> {
    let text = serde_json::to_string(doc).unwrap_or_default();
    let mut docs = match old {
        Some(old) => crate::manifest::parse_update(&text, old)?,
        None => parse_documents(&text)?,
    };
    match docs.pop() {
        Some(p) if docs.is_empty() => Ok(p),
        _ => Err(Vec::new()),
    }
}
