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
