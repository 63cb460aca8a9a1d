//! `kubectl rollout status`.

use crate::api::DaemonSet;

/// `kubectl rollout status ds/NAME` (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go).
pub fn rollout_status(ds: &DaemonSet) -> (String, bool) {
    if ds.spec.update_strategy.type_ == "OnDelete" {
        return (
            "error: rollout status is only available for RollingUpdate strategy type".into(),
            true,
        );
    }
    let s = &ds.status;
    let name = &ds.metadata.name;
    if ds.metadata.generation > s.observed_generation {
        return (
            "Waiting for daemon set spec update to be observed...".into(),
            false,
        );
    }
    if s.updated_number_scheduled < s.desired_number_scheduled {
        return (
            format!(
                "Waiting for daemon set \"{name}\" rollout to finish: {} out of {} new pods have been updated...",
                s.updated_number_scheduled, s.desired_number_scheduled
            ),
            false,
        );
    }
    if s.number_available < s.desired_number_scheduled {
        return (
            format!("Waiting for daemon set \"{name}\" rollout to finish: {} of {} updated pods are available...", s.number_available, s.desired_number_scheduled),
            false,
        );
    }
    (
        format!("daemon set \"{name}\" successfully rolled out"),
        true,
    )
}
