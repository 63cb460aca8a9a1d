//! The lecture's manifests (examples/*.yaml), compiled in.

pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub yaml: &'static str,
}

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "parallel-job",
        title: "Parallel Job: 8 completions, 2 at a time",
        yaml: include_str!("../../examples/parallel-job.yaml"),
    },
    Preset {
        id: "pi-job",
        title: "The π Job (restartPolicy Never)",
        yaml: include_str!("../../examples/pi-job.yaml"),
    },
    Preset {
        id: "backoff-job",
        title: "A failing Job: back-off, then BackoffLimitExceeded",
        yaml: include_str!("../../examples/backoff-job.yaml"),
    },
    Preset {
        id: "hello-cronjob",
        title: "CronJob hello, every minute",
        yaml: include_str!("../../examples/hello-cronjob.yaml"),
    },
    Preset {
        id: "fluentd-daemonset",
        title: "DaemonSet fluentd on every node",
        yaml: include_str!("../../examples/fluentd-daemonset.yaml"),
    },
];

pub const DEFAULT: &Preset = &PRESETS[0];

pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
