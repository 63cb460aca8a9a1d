//! The lecture's manifests (examples/*.yaml), compiled in.

use crate::i18n::Key;

pub struct Preset {
    pub id: &'static str,
    pub title: Key,
    pub yaml: &'static str,
}

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "parallel-job",
        title: Key::PresetParallel,
        yaml: include_str!("../../examples/parallel-job.yaml"),
    },
    Preset {
        id: "pi-job",
        title: Key::PresetPi,
        yaml: include_str!("../../examples/pi-job.yaml"),
    },
    Preset {
        id: "backoff-job",
        title: Key::PresetBackoff,
        yaml: include_str!("../../examples/backoff-job.yaml"),
    },
    Preset {
        id: "pod-failure-policy-job",
        title: Key::PresetPodFailurePolicy,
        yaml: include_str!("../../examples/pod-failure-policy-job.yaml"),
    },
    Preset {
        id: "sidecar-job",
        title: Key::PresetSidecar,
        yaml: include_str!("../../examples/sidecar-job.yaml"),
    },
    Preset {
        id: "hello-cronjob",
        title: Key::PresetCron,
        yaml: include_str!("../../examples/hello-cronjob.yaml"),
    },
    Preset {
        id: "fluentd-daemonset",
        title: Key::PresetDaemonSet,
        yaml: include_str!("../../examples/fluentd-daemonset.yaml"),
    },
    Preset {
        id: "liveness-daemonset",
        title: Key::PresetLiveness,
        yaml: include_str!("../../examples/liveness-daemonset.yaml"),
    },
    Preset {
        id: "readiness-daemonset",
        title: Key::PresetReadiness,
        yaml: include_str!("../../examples/readiness-daemonset.yaml"),
    },
];

pub const DEFAULT: &Preset = &PRESETS[0];

pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
