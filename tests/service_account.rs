//! The ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount/admission.go
//! Admit): a pod that names no service account runs as `default`; `-o json` mirrors it into
//! the deprecated `serviceAccount` field, as the v1 conversion does.

mod common;

use common::{sim, step_until};

#[test]
fn admission_names_the_default_service_account() {
    let mut s = sim(include_str!("../examples/pi-job.yaml"));
    step_until(&mut s, 5, |_| {});
    assert_eq!(s.pods()[0].spec.other["serviceAccountName"], "default");
    let out = ctrlscope::kubectl::console::run(
        &mut s,
        "get pods -o jsonpath={.items[0].spec.serviceAccountName}/{.items[0].spec.serviceAccount}",
    );
    assert_eq!(out.output, "default/default");
}

/// The plugin's token volume (mountServiceAccountToken): `kube-api-access-XXXXX`, projected
/// (token, cluster CA, namespace), mounted read-only at the service account path in every
/// container; `describe pod` prints it as kubectl does; `automountServiceAccountToken: false`
/// leaves it out.
#[test]
fn the_token_volume_is_mounted_unless_automount_is_off() {
    let yaml = include_str!("../examples/pi-job.yaml");
    let mut s = sim(yaml);
    step_until(&mut s, 5, |_| {});
    let name = s.pods()[0].metadata.name.clone();
    let mut get = |path: &str| {
        ctrlscope::kubectl::console::run(&mut s, &format!("get pod {name} -o jsonpath={{{path}}}"))
            .output
    };
    let volume = get(".spec.volumes[0].name");
    let path = get(".spec.containers[0].volumeMounts[0].mountPath");
    let volume = volume.as_str();
    assert!(
        volume.starts_with("kube-api-access-") && volume.len() == 21,
        "{volume}"
    );
    assert_eq!(path, "/var/run/secrets/kubernetes.io/serviceaccount");
    let described =
        ctrlscope::kubectl::console::run(&mut s, &format!("describe pod {name}")).output;
    assert!(described.contains(&format!(
        "/var/run/secrets/kubernetes.io/serviceaccount from {volume} (ro)"
    )));
    assert!(described.contains("Type:                    Projected (a volume that contains injected data from multiple sources)\n    TokenExpirationSeconds:  3607\n    ConfigMapName:           kube-root-ca.crt\n    Optional:                false\n    DownwardAPI:             true"), "{described}");

    let off = yaml.replace(
        "      containers:",
        "      automountServiceAccountToken: false\n      containers:",
    );
    assert_ne!(off, yaml);
    let mut s = sim(&off);
    step_until(&mut s, 5, |_| {});
    let out =
        ctrlscope::kubectl::console::run(&mut s, "get pods -o jsonpath={.items[0].spec.volumes}");
    assert_eq!(out.output, "");
}
