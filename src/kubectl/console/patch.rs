//! `kubectl patch` and the update path other commands share: the edited object goes through the
//! API server's update validation like `kubectl apply` does.

use super::create::admit_update;
use super::{err, group_kind, not_found, ok, type_and_name, ConsoleResult, Flags, NO_RESOURCES};
use crate::api::{Kind, Object};
use crate::manifest::{go_quote, invalid_message, validate_replace, ManifestError, Parsed};
use crate::sim::scenario::Action;
use crate::sim::{aggregate, kubectl_resource, Simulation};

/// `kubectl patch TYPE NAME -p PATCH [--type strategic|merge]`
/// (staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go), then the API server's update.
pub(super) fn patch(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    let Some(text) = flags.patch.as_deref().filter(|p| !p.is_empty()) else {
        return err(
            "error: must specify --patch or --patch-file containing the contents of the patch"
                .into(),
        );
    };
    let patch_type = flags
        .patch_type
        .as_deref()
        .unwrap_or("")
        .to_ascii_lowercase();
    let json_patch = patch_type == "json";
    let strategic = match patch_type.as_str() {
        "" | "strategic" => true,
        "merge" | "json" => false,
        _ => {
            return err(format!(
                "error: --type must be one of [json merge strategic], not {:?}",
                flags.patch_type.as_deref().unwrap_or("")
            ))
        }
    };
    let body = match crate::manifest::to_json(text) {
        Ok(v) => v,
        Err(e) => return err(format!("error: unable to parse {}: {e}", go_quote(text))),
    };
    let (kind, name) = match type_and_name(args) {
        Ok((k, Some(n))) => (k, n),
        Ok((_, None)) => {
            return err("error: resource(s) were provided, but no name was specified".into())
        }
        Err(_) if args.is_empty() => return err(NO_RESOURCES.into()),
        Err(e) => return err(e),
    };
    if !matches!(
        kind,
        Kind::Job | Kind::CronJob | Kind::DaemonSet | Kind::Node
    ) {
        return err(format!(
            "error: patching {} objects is not supported in CtrlScope",
            kind.as_str()
        ));
    }
    if let Err(r) = flags.named(sim, kind, name) {
        return *r;
    }
    let Some(old) = sim.existing(kind, name) else {
        return not_found(kind, name);
    };
    let live = without_status(&old);
    let go_type = match &body {
        serde_json::Value::Object(_) | serde_json::Value::Null => "",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Bool(_) => "bool",
        serde_json::Value::Number(_) => "number",
    };
    let mut doc = live.clone();
    if json_patch {
        // patch.go applyJSPatch: jsonpatch.DecodePatch wants a list of operations.
        let Some(ops) = body.as_array() else {
            let go_type = if go_type.is_empty() {
                "object"
            } else {
                go_type
            };
            return err(format!("Error from server (BadRequest): json: cannot unmarshal {go_type} into Go value of type jsonpatch.Patch"));
        };
        // A failed operation is a 422 without details, which kubectl prints as below; the
        // operation's own error follows, marked as CtrlScope's.
        if let Err(e) = crate::kubectl::patch::json_patch(&mut doc, ops) {
            return err(format!("The request is invalid: the server rejected our request due to an error in our request\n(CtrlScope: the JSON patch failed: {e})"));
        }
    } else {
        if !go_type.is_empty() {
            return err(format!("Error from server (BadRequest): json: cannot unmarshal {go_type} into Go value of type map[string]interface {{}}"));
        }
        if let Err(e) = crate::kubectl::patch::merge(&mut doc, &body, strategic) {
            return err(format!("Error from server: {e}"));
        }
    }
    let new_name = doc.pointer("/metadata/name").and_then(|n| n.as_str());
    if new_name != Some(name) {
        return err(format!(
            "Error from server (BadRequest): the name of the object ({}) does not match the name on the URL ({name})",
            new_name.unwrap_or_default()
        ));
    }
    let mut sent = sendable(kind, &live, &doc);
    // Unknown fields are dropped with a warning (the API server's default fieldValidation=Warn).
    let mut warnings = String::new();
    let parsed = loop {
        match admit_update(&sent, Some(&old)) {
            Ok(p) => break p,
            Err(errs)
                if warnings.is_empty()
                    && !errs.is_empty()
                    && errs
                        .iter()
                        .all(|e| crate::manifest::unknown_field(&e.message).is_some()) =>
            {
                for e in &errs {
                    remove_path(&mut sent, &e.field);
                    remove_path(&mut doc, &e.field);
                    let field = crate::manifest::unknown_field(&e.message).unwrap_or_default();
                    warnings.push_str(&format!("Warning: {field}\n"));
                }
            }
            Err(errs) => return err(invalid_message(kind, name, &errs)),
        }
    };
    let resource = kubectl_resource(kind);
    let said = |verb: &str| format!("{warnings}{resource}/{name} {verb}");
    if doc == live {
        return ok(said("patched (no change)"));
    }
    if parsed.object.kind() != kind {
        return err(format!(
            "Error from server (BadRequest): the kind of the object ({}) does not match {kind}",
            parsed.object.kind()
        ));
    }
    match send_update(sim, &old, parsed) {
        Ok(None) => ok(said("patched (no change)")),
        Ok(action) => ConsoleResult {
            output: said("patched"),
            error: false,
            action,
            follow: None,
        },
        Err(Refused::Invalid(errs)) => err(invalid_message(kind, name, &errs)),
        Err(Refused::Failed(e)) => err(e),
    }
}

/// Why the API server refused an update.
pub(super) enum Refused {
    Invalid(Vec<ManifestError>),
    Failed(String),
}

impl Refused {
    /// The StatusError's own message (`Job.batch "pi" is invalid: ...`), as kubectl prints it
    /// when it wraps the error in its own words.
    pub(super) fn message(self, kind: Kind, name: &str) -> String {
        match self {
            Refused::Invalid(errs) => {
                let causes: Vec<String> = errs.into_iter().map(|e| e.message).collect();
                format!(
                    "{} {name:?} is invalid: {}",
                    group_kind(kind),
                    aggregate(&causes)
                )
            }
            Refused::Failed(e) => e,
        }
    }
}

/// The object to send for `doc`: a Job's generated selector, unchanged from `live`, is left
/// out (it keeps create validation quiet).
fn sendable(kind: Kind, live: &serde_json::Value, doc: &serde_json::Value) -> serde_json::Value {
    let mut sent = doc.clone();
    let at = |v: &serde_json::Value, p: &str| v.pointer(p).cloned();
    if kind == Kind::Job
        && at(doc, "/spec/selector") == at(live, "/spec/selector")
        && at(doc, "/spec/manualSelector") != Some(true.into())
    {
        if let Some(spec) = sent.get_mut("spec").and_then(|s| s.as_object_mut()) {
            spec.remove("selector");
        }
    }
    sent
}

/// The API server's update of an admitted object: update validation, then an Apply that the
/// page records like the editor's (`None` when nothing changed).
fn send_update(
    sim: &mut Simulation,
    old: &Object,
    parsed: Parsed,
) -> Result<Option<Action>, Refused> {
    let errs = validate_replace(old, &parsed);
    if !errs.is_empty() {
        return Err(Refused::Invalid(errs));
    }
    let action = Action::Apply(vec![parsed.object]);
    match sim.perform(&action) {
        Ok(out) if out.ends_with(" unchanged") => Ok(None),
        Ok(_) => Ok(Some(action)),
        Err(e) => Err(Refused::Failed(e)),
    }
}

/// The object as JSON without its status: the status subresource is not changed through the
/// object.
fn without_status(o: &Object) -> serde_json::Value {
    let mut v = serde_json::to_value(o).unwrap_or_default();
    if let Some(m) = v.as_object_mut() {
        m.remove("status");
    }
    v
}

/// A command's change to a live object (`new` is `old` changed), sent as `patch` sends it.
pub(super) fn update(
    sim: &mut Simulation,
    old: &Object,
    new: &Object,
) -> Result<Option<Action>, Refused> {
    let (live, doc) = (without_status(old), without_status(new));
    if live == doc {
        return Ok(None);
    }
    let parsed =
        admit_update(&sendable(old.kind(), &live, &doc), Some(old)).map_err(Refused::Invalid)?;
    send_update(sim, old, parsed)
}

/// Removes the field at a decoder path (`spec.template.spec.containers[0].foo`).
fn remove_path(doc: &mut serde_json::Value, path: &str) {
    let mut steps: Vec<&str> = Vec::new();
    for part in path.split('.') {
        let mut it = part.split('[');
        steps.extend(it.next());
        steps.extend(it.map(|i| i.trim_end_matches(']')));
    }
    let Some((last, parents)) = steps.split_last() else {
        return;
    };
    let mut cur = doc;
    for step in parents {
        let next = match cur {
            serde_json::Value::Array(a) => step.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
            serde_json::Value::Object(m) => m.get_mut(*step),
            _ => None,
        };
        match next {
            Some(n) => cur = n,
            None => return,
        }
    }
    if let Some(m) = cur.as_object_mut() {
        m.remove(*last);
    }
}
