//! The lecture's manifests (examples/*.yaml), compiled in. On the Chinese page an example's
//! opening comment (what it shows, what to try) is in Chinese; the YAML is the same.

use std::borrow::Cow;

use crate::i18n::{Key, Lang};

pub struct Preset {
    pub id: &'static str,
    pub title: Key,
    yaml: &'static str,
    /// The opening comment in Chinese, `#` lines, standing for the file's own.
    zh: &'static str,
}

impl Preset {
    /// The example as the editor shows it in `lang`.
    pub fn text(&self, lang: Lang) -> Cow<'static, str> {
        if lang != Lang::Zh {
            return Cow::Borrowed(self.yaml);
        }
        let body = self
            .yaml
            .split_inclusive('\n')
            .skip_while(|l| l.starts_with('#'))
            .collect::<String>();
        Cow::Owned(format!("{}\n{body}", self.zh))
    }

    /// The editor holds this example, in either language (not the user's own manifest).
    pub fn is(&self, text: &str) -> bool {
        text == self.yaml || *self.text(Lang::Zh) == *text
    }
}

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "parallel-job",
        title: Key::PresetParallel,
        yaml: include_str!("../../examples/parallel-job.yaml"),
        zh: "# 讲义里的并行 Job：共需 8 次成功完成，同时最多运行 2 个 → 4 批，每批 2 个 Pod。",
    },
    Preset {
        id: "pi-job",
        title: Key::PresetPi,
        yaml: include_str!("../../examples/pi-job.yaml"),
        zh: "# 讲义里的第一个 Job：把 π 计算到 2000 位。`kubectl logs` 会打印出这些数字。",
    },
    Preset {
        id: "backoff-job",
        title: Key::PresetBackoff,
        yaml: include_str!("../../examples/backoff-job.yaml"),
        zh: "# 一个 Pod 总是失败的 Job：每次失败后，新 Pod 依次等待 10 秒、20 秒、40 秒……；\n\
             # 失败的 Pod 达到 backoffLimit + 1 个后，Job 以 BackoffLimitExceeded 失败。",
    },
    Preset {
        id: "pod-failure-policy-job",
        title: Key::PresetPodFailurePolicy,
        yaml: include_str!("../../examples/pod-failure-policy-job.yaml"),
        zh: "# Kubernetes 文档里的 podFailurePolicy 示例：退出码 42 表示程序有 bug，所以 Job 在第一个\n\
             # 这样的 Pod 出现时就失败，而不是一直重试到 backoffLimit；因节点消失而被中断的 Pod（状况\n\
             # DisruptionTarget）会重试，且不计入失败次数。这里每个 Pod 都在 0:31 以 42 退出，早于任何\n\
             # 中断被发现：想看 Ignore 规则，把命令改成 `sleep 90 && exit 0`，重置集群，再移除一个 worker；\n\
             # 40 秒后 Pod GC 以 DisruptionTarget 把它的 Pod 标记为失败，不计入失败次数。",
    },
    Preset {
        id: "sidecar-job",
        title: Key::PresetSidecar,
        yaml: include_str!("../../examples/sidecar-job.yaml"),
        zh: "# 边车（sidecar）问题。两个 Job 做同样的工作（5 秒），旁边都有一个永不退出的代理。\n\
             # `stuck` 把代理作为第二个普通容器运行：只要还有容器在运行，Pod 就是 Running，所以 Pod\n\
             # 永远不会结束，Job 也永远完成不了（kubectl get pods：1/2 NotReady）。`native` 把它作为\n\
             # 边车运行：一个 restartPolicy: Always 的 init 容器（Kubernetes 1.29+）。它最先启动，与\n\
             # 工作容器并行运行，工作完成后被停止，于是 Pod 成功，Job 完成。（停止要等满 30 秒的\n\
             # 宽限期：作为 PID 1 运行的 shell 会忽略 SIGTERM，所以 kubelet 到时才杀掉它。）",
    },
    Preset {
        id: "hello-cronjob",
        title: Key::PresetCron,
        yaml: include_str!("../../examples/hello-cronjob.yaml"),
        zh: "# 讲义里的 CronJob（它的 `/*/1` 不是合法的 cron 表达式；`*/1 * * * *` 才是每分钟一次）。",
    },
    Preset {
        id: "fluentd-daemonset",
        title: Key::PresetDaemonSet,
        yaml: include_str!("../../examples/fluentd-daemonset.yaml"),
        zh: "# 讲义里的 fluentd DaemonSet（与 Kubernetes 文档中的相同）。它容忍控制平面节点的污点，\n\
             # 所以会在默认集群的全部 4 个节点上运行；去掉这条容忍，它就只在 3 个节点上运行。",
    },
    Preset {
        id: "liveness-daemonset",
        title: Key::PresetLiveness,
        yaml: include_str!("../../examples/liveness-daemonset.yaml"),
        zh: "# Kubernetes 文档里的 liveness-exec 示例，做成只在一个节点上运行的 DaemonSet：容器创建\n\
             # /tmp/healthy，30 秒后删除它，此后 livenessProbe（每 5 秒执行 `cat /tmp/healthy`）一直\n\
             # 失败。连续失败 3 次后，kubelet 杀掉容器（它的 shell 忽略 SIGTERM，所以要等满 30 秒宽限期）\n\
             # 并重启它：RESTARTS 不断增加，两次重启之间有崩溃循环回退。Pod 一直都在；DaemonSet 控制器\n\
             # 无事可做。",
    },
    Preset {
        id: "readiness-daemonset",
        title: Key::PresetReadiness,
        yaml: include_str!("../../examples/readiness-daemonset.yaml"),
        zh: "# 一个会被模拟执行的 readinessProbe：脚本在 10 秒预热后创建 /tmp/ready，此后探针（每 5 秒\n\
             # 执行 `cat /tmp/ready`）通过。在此之前每个 Pod 都是 Running 但 READY 为 0/1（Warning\n\
             # Unhealthy: Readiness probe failed），DaemonSet 也要到那之后才把它计为 READY 和 AVAILABLE。\n\
             #\n\
             # 试试一次失败的更新：把探针改成 `cat /tmp/ready-v2`（脚本永远不会创建这个文件，镜像里的\n\
             # /tmp 又是空的），然后点“应用”。滚动更新（maxUnavailable 1）删除一个节点上的 Pod 并创建\n\
             # 新 Pod，而新 Pod 永远不会 Ready：控制器就停在那里，一个节点不可用，其余节点还是旧模板。\n\
             # `kubectl rollout undo daemonset/web` 可以把它恢复。",
    },
];

pub const DEFAULT: &Preset = &PRESETS[0];

pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
