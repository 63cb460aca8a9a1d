//! `kubectl set image`.

use super::rollout::{updated, Updated};
use super::{
    err, not_found, ok, plural, resources_and_pairs, type_and_name, ConsoleResult, Flags,
    NO_RESOURCES,
};
use crate::api::{Kind, Object, Pod, PodSpec};
use crate::manifest::go_quote;
use crate::sim::{kubectl_resource, Simulation};
use std::collections::BTreeMap;

/// `kubectl set image (TYPE NAME | TYPE/NAME) CONTAINER=IMAGE ...`
/// (staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go): the pod template's containers and
/// init containers by name (`*`: all), sent as a patch; nothing printed when nothing changed.
pub(super) fn set(sim: &mut Simulation, args: &[&str], flags: &Flags) -> ConsoleResult {
    match args.first() {
        Some(&"image") => {}
        // cmdutil.DefaultSubCommandRun → RequireNoArguments: every word, no suggestions.
        Some(_) => return err(super::unknown_subcommand("set", args)),
        None => return err("error: required subcommand: image".into()),
    }
    // cmdutil.GetResourcesAndPairs, then ParsePairs without removal.
    let (resources, pairs) = match resources_and_pairs(&args[1..], "image changes") {
        Ok(rp) => rp,
        Err(e) => return err(e),
    };
    let invalid: Vec<&str> = pairs.iter().copied().filter(|p| !p.contains('=')).collect();
    if !invalid.is_empty() {
        return err(format!(
            "error: invalid image format: {}",
            invalid.join(", ")
        ));
    }
    let images: BTreeMap<&str, &str> =
        crate::sort::to_map(pairs.iter().filter_map(|p| p.split_once('=')));
    let (kind, name) = match type_and_name(resources) {
        Ok((k, Some(n))) if !n.is_empty() => (k, n),
        Ok(_) => return err("error: resource(s) were provided, but no name was specified".into()),
        Err(_) if resources.is_empty() => return err(NO_RESOURCES.into()),
        Err(e) => return err(e),
    };
    if images.is_empty() {
        return err("error: at least one image update is required".into());
    }
    if images.len() > 1 && images.contains_key("*") {
        return err("error: all containers are already specified by *, but saw more than one container_name=container_image pairs".into());
    }
    if let Err(r) = flags.named(sim, kind, name) {
        return *r;
    }
    let Some(old) = sim.existing(kind, name) else {
        return match kind {
            Kind::Pod if sim.cluster.store.contains::<Pod>(name) => err(
                "error: CtrlScope sets images in templates only: daemonsets, jobs, cronjobs".into(),
            ),
            _ => not_found(kind, name),
        };
    };
    let mut new = old.clone();
    // polymorphichelpers.updatePodSpecForObject.
    let spec: &mut PodSpec = match &mut new {
        Object::DaemonSet(d) => &mut d.spec.template.spec,
        Object::Job(j) => &mut j.spec.template.spec,
        Object::CronJob(c) => &mut c.spec.job_template.spec.template.spec,
        _ => {
            let what = "the object is not a pod or does not have a pod template";
            return err(format!("error: {}/{name} {what}: *v1.{kind}", plural(kind)));
        }
    };
    let mut errors = Vec::new();
    for (container, image) in &images {
        let mut found = false;
        for c in spec
            .init_containers
            .iter_mut()
            .chain(spec.containers.iter_mut())
        {
            if c.name == *container || *container == "*" {
                c.image = image.to_string();
                found = true;
            }
        }
        if !found {
            errors.push(format!(
                "error: unable to find container named {}",
                go_quote(container)
            ));
        }
    }
    // set_image.go Run: Recorder.Record puts the command line on the object before the patch
    // is made, so it goes with the template change (and to the DaemonSet's next revision).
    if let Some(cause) = &flags.change_cause {
        new.metadata_mut()
            .annotations
            .insert(crate::kubectl::rollout::CHANGE_CAUSE.into(), cause.clone());
    }
    let line = format!("{}/{name} image updated", kubectl_resource(kind));
    let mut r = match updated(sim, &old, &new, name, |e| {
        format!("error: failed to patch image update to pod template: {e}")
    }) {
        // An empty patch is skipped without a word.
        Updated::Unchanged => ok(String::new()),
        u => u.say(line),
    };
    if !errors.is_empty() {
        let mut lines: Vec<String> = vec![r.output.clone()];
        lines.retain(|l| !l.is_empty());
        lines.extend(errors);
        r.output = lines.join("\n");
        r.error = true;
    }
    r
}
