//! The page's UI strings in English and Chinese: pure data. The UI asks for `t(Key::X, lang)`;
//! a key that is not in the table does not compile, and the tests below fail on a missing or
//! empty translation, on placeholders that differ between the languages, and on a key that the
//! UI (src/ui) no longer uses. Texts with `{0}`, `{1}`… are filled in by [`tf`].

/// The UI language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// `en` / `zh`: what URLs, storage, lessons (`Text::get`) and `describe_check` use.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// For `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// `en`, `en-US`, `zh`, `zh-CN`, `zh-Hans`…; anything else is `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        let l = s.trim().to_ascii_lowercase();
        if l == "en" || l.starts_with("en-") {
            Some(Lang::En)
        } else if l == "zh" || l.starts_with("zh-") {
            Some(Lang::Zh)
        } else {
            None
        }
    }

    /// The language's own name (for the switch).
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

    /// The cron describer's language.
    pub fn cron(self) -> crate::cron::Lang {
        match self {
            Lang::En => crate::cron::Lang::En,
            Lang::Zh => crate::cron::Lang::Zh,
        }
    }
}

macro_rules! strings {
    ($($key:ident => $en:expr, $zh:expr;)*) => {
        /// Every UI string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Key { $($key),* }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key),*];

            pub fn name(self) -> &'static str {
                match self { $(Key::$key => stringify!($key)),* }
            }

            fn pair(self) -> (&'static str, &'static str) {
                match self { $(Key::$key => ($en, $zh)),* }
            }
        }
    };
}

/// A span of time in Chinese words, as the lessons write them: `500 毫秒`, `51 秒`, `10 分钟`,
/// `4 分 30 秒`, `1 小时 5 分钟`, `3 天 4 小时`.
pub fn zh_duration(ms: i64) -> String {
    if (0..1000).contains(&ms) && ms != 0 {
        return format!("{ms} 毫秒");
    }
    let total = ms.max(0) / 1000;
    let (d, h, m, s) = (
        total / 86_400,
        total / 3600 % 24,
        total / 60 % 60,
        total % 60,
    );
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d} 天"));
    }
    if h > 0 {
        parts.push(format!("{h} 小时"));
    }
    if m > 0 {
        parts.push(format!("{m} {}", if s > 0 { "分" } else { "分钟" }));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s} 秒"));
    }
    parts.join(" ")
}

/// The text of `key` in `lang`.
pub fn t(key: Key, lang: Lang) -> &'static str {
    let (en, zh) = key.pair();
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// The text of `key` with `{0}`, `{1}`… replaced by `args`.
pub fn tf(key: Key, lang: Lang, args: &[&dyn std::fmt::Display]) -> String {
    fill(t(key, lang), args)
}

/// Replaces `{0}`…`{9}` in `template`; other braces stay as they are.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let tail = &rest[i..];
        let tb = tail.as_bytes();
        if tb.len() >= 3 && tb[1].is_ascii_digit() && tb[2] == b'}' {
            if let Some(a) = args.get(usize::from(tb[1] - b'0')) {
                out.push_str(&rest[..i]);
                out.push_str(&a.to_string());
                rest = &tail[3..];
                continue;
            }
        }
        out.push_str(&rest[..=i]);
        rest = &tail[1..];
    }
    out.push_str(rest);
    out
}

strings! {
    // ---- page and top bar
    AppTagline => "Kubernetes Job, CronJob and DaemonSet controllers, simulated in virtual time",
        "Kubernetes Job、CronJob 与 DaemonSet 控制器，在虚拟时间里模拟运行";
    PageTools => "Page tools", "页面工具";
    Lessons => "Lessons", "课程";
    SwitchLang => "Switch the language", "切换界面语言";
    Presenter => "Classroom", "课堂模式";
    PresenterHint => "Classroom mode for a projector: large type, high contrast (P). In it: E hides the editor, L enlarges the controller loop, ← → step through the lesson",
        "投影用的课堂模式：大字号、高对比度（P）。其中 E 隐藏编辑器，L 放大控制器循环，← → 翻动课程页面";
    PresenterHintNoKeys => "Classroom mode for a projector: large type, high contrast", "投影用的课堂模式：大字号、高对比度";
    Share => "Share", "分享";
    ShareHint => "A link that reproduces exactly what is on screen", "生成一个能完整重现当前画面的链接";
    Shortcuts => "Shortcuts", "快捷键";
    ShowEditor => "Show the editor (E)", "显示编辑器（E）";
    HideEditor => "Hide the editor (E)", "隐藏编辑器（E）";
    Dismiss => "Dismiss", "关闭提示";
    Close => "Close", "关闭";
    RestorePrevious => "Restore my previous session", "恢复我之前的会话";
    RestoreShort => "Restore", "恢复";
    // ---- notices
    NoticeRestarted => "Cluster restarted from the manifest at t=0", "集群已按清单在 t=0 重新启动";
    NoticeRestartedApplyAt => "Cluster restarted at t=0 with the lesson's starting objects; the editor's manifest is applied at {0}",
        "集群已在 t=0 用课程的初始对象重新启动；编辑器里的清单将在 {0} 应用";
    NoticeResetInvalid => "The manifest has {0}; the cluster keeps running the last good one",
        "清单有 {0}；集群继续运行上一个有效的清单";
    NoticeRecorded => "Recorded: {0}", "已记录：{0}";
    NoticeResetCleared => "Recorded actions cleared ({0}); the session before the reset is kept aside.", "已清除记录的操作（{0} 个）；重置前的会话已另行保存。";
    NoticeBranch => "Later recorded actions discarded ({0}): the timeline branches here.",
        "之后记录的 {0} 个操作已被丢弃：时间线从这里分叉。";
    CheckSameAsAbove => "(the same as above)", "（同上）";
    NoticeApplyInvalid => "The manifest has {0}: nothing applied, the cluster is unchanged",
        "清单有 {0}：没有应用任何内容，集群保持不变";
    NoticeApplyRefused => "kubectl apply: refused", "kubectl apply：被拒绝";
    NoticeIdle => "Nothing more is due: no controller, kubelet or timer has anything scheduled (pods that run for ever keep running)", "没有待发生的事情了：控制器、kubelet 和定时器都没有排定的动作（永远运行的 Pod 会继续运行）";
    NoticeRestoreFailed => "The session kept aside could not be restarted: its manifest is refused now, or it is gone.", "无法重新启动另行保存的会话：它的清单现在会被拒绝，或者它已不存在。";
    NoticeNotSaved => "This session does not fit in the browser's storage (about 5 MB for this site, shared with its other pages) and was not saved: a reload would bring back an older one. A smaller manifest, fewer large Applies, or clearing this site's stored data makes room.", "此会话放不进浏览器的存储空间（本站约 5 MB，与本站其他页面共用），未能保存：重新加载会回到较早的状态。请使用更小的清单、减少大型清单的“应用”次数，或清除本站的存储数据以腾出空间。";
    NoticeNoStorage => "This page cannot save here: the browser gives it no storage, so your work is lost on reload.", "此页面无法在这里保存：浏览器没有给它存储空间，重新加载后你的工作会丢失。";
    NoStorageInFrame => "Open CtrlScope in a tab of its own to keep your work.", "请在单独的标签页中打开 CtrlScope，这样才能保存你的工作。";
    NoticeOtherTab => "Another tab had saved newer work, which this tab's save replaced: it is kept, and the button below opens it here.", "另一个标签页保存过更新的内容，本标签页的保存替换了它：它已另行保存，点击下面的按钮可以在这里打开它。";
    NoticeOtherRestored => "Swapped with the other tab's kept work: the session that was open here is kept in its place, and the button swaps them back.", "已与另一个标签页保存的内容互换：原先在这里打开的会话换到了它的位置保存，点击按钮可以再换回来。";
    RestoreOther => "Open the other tab's work (a swap with this one)", "打开另一个标签页的内容（与本页的互换）";
    OtherShort => "Other tab", "另一标签页";
    NoticeSessionUnreadable => "The session saved in this browser could not be read (damaged, or written by a newer CtrlScope), so the page started afresh; the unreadable copy is kept aside under ctrlscope:v1:previous in this site's storage.", "本浏览器中保存的会话无法读取（已损坏，或由更新版本的 CtrlScope 写入），因此页面重新开始；无法读取的副本另存在本站存储的 ctrlscope:v1:previous 中。";
    NoticeSessionPartial => "Part of the session saved in this browser could not be read (damaged, or written by another CtrlScope version): what could be read is back, starting with your editor text; the whole copy is kept aside under ctrlscope:v1:previous in this site's storage.", "本浏览器中保存的会话有一部分无法读取（已损坏，或由其他版本的 CtrlScope 写入）：能读取的部分已恢复，包括编辑器中的文本；完整副本另存在本站存储的 ctrlscope:v1:previous 中。";
    NoticeSessionKeptAside => "Its cluster manifest and its {0} recorded actions are kept aside in this browser's storage, not saved over.", "它的集群清单和 {0} 个已记录的操作另行保存在本浏览器的存储中，没有被覆盖。";
    NoticeActionsDropped => "Part of the saved session was left out", "保存的会话有一部分被略去";
    ActionsDroppedBody => "{0} recorded action(s) could not be read (damaged, written by another CtrlScope version, or out of time order) and were left out, so this cluster differs from the one recorded.", "有 {0} 个录制的操作无法读取（已损坏、由其他版本的 CtrlScope 写入，或时间顺序错乱），已略去，因此这个集群与录制时的不同。";
    NoticeSessionLost => "The saved session's cluster could not be restarted: the manifest it ran is refused now. Your editor text is kept; \"Reset cluster\" starts one from it once it is valid.", "无法重新启动保存的会话的集群：它运行的清单现在会被拒绝。编辑器中的文本已保留；文本有效后，点击“重置集群”即可据此启动集群。";
    NoticeShareOpened => "Opened a shared link (t = {0})", "已打开分享链接（t = {0}）";
    NoticeShareBackup => "It replaced your session in this browser; the button below brings yours back.",
        "它替换了你在本浏览器中的会话；点击下面的按钮可以恢复。";
    NoticeShareBad => "This share link cannot be opened", "无法打开这个分享链接";
    NoticeShareTooBig => "This state is too big for a link", "当前状态太大，无法放进链接";
    NoticeLinkIgnored => "Not used from the link: {0}", "链接中未采用的参数：{0}";
    LinkParamsHelp => "The link's parameters: lesson=ID (a-z, 0-9, -), step=N (a page of that lesson, its challenge last), lang=en|zh, at=0s…24h (like 1m30s), or at=run on a lesson page with a \"Run to\" time; embed, autoplay and present take 1|0 (or true|false, yes|no, on|off).",
        "链接可用的参数：lesson=ID（a-z、0-9、-），step=N（该课程的第 N 页，最后一页是挑战），lang=en|zh，at=0s…24h（如 1m30s），或在有“运行到”时间的课程页上用 at=run；embed、autoplay 和 present 取 1|0（或 true|false、yes|no、on|off）。";
    NoticeNoLesson => "There is no lesson named {0}", "没有名为 {0} 的课程";
    NoticeLessonClosed => "Lesson closed: the cluster restarted from the editor's manifest, without the lesson's scenario.",
        "课程已关闭：集群已用编辑器中的清单重新启动，不再运行课程的场景。";
    NoticeRestored => "Your previous session is back", "已恢复你之前的会话";
    NoticeLessonOpened => "Lesson opened: its manifest is in the editor and the cluster restarted from it", "已打开课程：编辑器中是它的清单，集群已按它重新启动";
    PodLimitReached => "⚠ {0} unfinished pods: CtrlScope holds no more (a limit of this simulation, not of Kubernetes); further pod creates are refused with FailedCreate and retried with back-off.",
        "⚠ 已有 {0} 个未结束的 Pod：CtrlScope 不再容纳更多（这是本模拟的限制，不是 Kubernetes 的）；之后创建 Pod 会以 FailedCreate 被拒绝，并按回退时间重试。";
    NoticeLessonFileRefused => "Loaded the lesson's manifest; the API server refuses it (its errors are marked), so the cluster restarted at t=0 without it", "已载入课程的清单；API 服务器拒绝了它（错误已标出），所以集群在 t=0 重新启动，没有应用它";
    NoticeLessonFileLoaded => "Loaded the lesson's manifest; the cluster restarted from it at t=0", "已载入课程的清单；集群已按它在 t=0 重新启动";
    NoticePresetLoaded => "Loaded an example manifest; the cluster restarted from it at t=0", "已载入示例清单；集群已按它在 t=0 重新启动";
    NoticePresetBackup => "Your own manifest and its run were kept aside: the button below brings them back.",
        "你自己的清单及其运行已另外保存：点击下面的按钮可以恢复。";
    // ---- share errors
    ShareErrEmpty => "The link holds no state.", "链接里没有任何状态。";
    ShareErrTooLong => "The link is {0} characters long; at most {1} are read.", "链接长 {0} 个字符，最多只读取 {1} 个。";
    ShareErrNotBase64 => "The link is damaged or cut off (it is not base64url).", "链接已损坏或被截断（不是 base64url 编码）。";
    ShareErrCorrupt => "The compressed state in the link is damaged or cut off.", "链接中的压缩数据已损坏或被截断。";
    ShareErrTooBig => "The link unpacks to more than 1 MiB; it is not read.", "链接解压后超过 1 MiB，不予读取。";
    ShareErrNotJson => "The link does not hold a CtrlScope state.", "链接里不是 CtrlScope 的状态。";
    ShareErrVersion => "The link was written by format version {0}, which this page cannot read.", "链接使用的是格式版本 {0}，本页面无法读取。";
    ShareErrField => "The link's {0} is out of range (field “{1}”).", "链接中的{0}超出范围（字段“{1}”）。";
    ShareFieldText => "manifest text", "清单文本";
    ShareFieldRun => "cluster manifest", "集群清单";
    ShareFieldActions => "list of recorded actions", "操作记录";
    ShareFieldAt => "instant to open at", "打开时刻";
    ShareFieldLesson => "lesson name", "课程名称";
    ShareFieldStep => "lesson step", "课程步骤";
    ShareFieldLang => "language", "界面语言";
    ShareFieldSpeed => "playback speed", "播放速度";
    ShareErrManifest => "The cluster manifest in the link is invalid.", "链接中的集群清单无效。";
    // ---- share dialog
    ShareTitle => "Share link", "分享链接";
    ShareIntro => "Whoever opens this link sees this cluster at this instant: the YAML, your recorded actions, the seed, the lesson and step, and the language, replayed exactly.",
        "打开这个链接的人会看到此刻的这个集群：YAML、你记录的操作、随机种子、课程与步骤以及界面语言，都会被精确地重放出来。";
    ShareClassroom => "Open it in classroom mode (large type, for a projector)", "以课堂模式打开（大字号，适合投影）";
    ShareLength => "{0} characters; everything is in the link itself (after #), nothing is uploaded.",
        "共 {0} 个字符；所有内容都在链接本身（# 之后），不会上传到任何地方。";
    Copy => "Copy", "复制";
    Copied => "Copied to the clipboard.", "已复制到剪贴板。";
    CopyFailed => "The browser did not allow copying: select the link and copy it by hand.", "浏览器不允许复制：请选中链接手动复制。";
    OpenInNewTab => "Open in a new tab", "在新标签页中打开";
    // ---- embed
    OpenFull => "Open in CtrlScope", "在 CtrlScope 中打开";
    OpenFullHint => "The full page, with the editor, at this very state", "打开完整页面（含编辑器），保持当前状态";
    // ---- time bar
    VirtualTime => "virtual time", "虚拟时间";
    Rewind => "Rewind to t=0", "回到 t=0";
    RewindHint => "Back to t=0 (Home)", "回到 t=0（Home）";
    Back => "Previous event", "上一个事件";
    BackHint => "Back to the previous instant something happened (←)", "回到上一次发生事情的时刻（←）";
    Play => "Play", "播放";
    Pause => "Pause", "暂停";
    PlayHint => "Play / pause (Space)", "播放 / 暂停（空格）";
    Replay => "Replay", "重放";
    NoticeReplaying => "Replaying from 0:00", "从 0:00 重放";
    NoticeReplayingBody => "Your {0} recorded action(s) happen again at their times; nothing is lost.",
        "你记录的 {0} 个操作会在原来的时间再次发生，没有丢失任何内容。";
    ReplayHint => "Nothing more happens: replay from 0:00", "之后不再发生任何事：从 0:00 重放";
    StepNext => "Next event", "下一个事件";
    StepHint => "Run to the next instant anything is due (→ or N)", "运行到下一个有事发生的时刻（→ 或 N）";
    Speed => "Speed", "速度";
    SpeedHint => "Virtual seconds per second (+ / -)", "每秒推进的虚拟秒数（+ / -）";
    TimelineLabel => "timeline (seconds of virtual time)", "时间线（虚拟时间，单位秒）";
    TimelinePlaying => "playing: the time is said when paused", "播放中：暂停时读出时间";
    ClockHint => "virtual time since the start · the cluster's clock (UTC)", "从开始算起的虚拟时间 · 集群时钟（UTC）";
    UtcClock => "{0} UTC", "{0}（UTC）";
    MarkLesson => "lesson", "课程场景";
    MarkLessonApply => "lesson: your manifest is applied", "课程场景：应用你的清单";
    // ---- recorded actions
    LabelAddNode => "add node {0}", "添加节点 {0}";
    LabelRemoveNode => "remove node {0}", "移除节点 {0}";
    LabelTaint => "taint {0} {1}", "给 {0} 加污点 {1}";
    LabelUntaint => "untaint {0} {1}", "移除 {0} 的污点 {1}";
    LabelLabelNode => "label {0} {1}", "给节点 {0} 加标签 {1}";
    LabelLabelPod => "label pod {0} {1}", "修改 Pod {0} 的标签 {1}";
    LabelCordon => "cordon {0}", "封锁节点 {0}";
    LabelDrain => "drain {0}", "腾空节点 {0}";
    LabelDrainGrace => "drain {0} --grace-period={1}", "腾空节点 {0} --grace-period={1}";
    LabelUncordon => "uncordon {0}", "解除封锁节点 {0}";
    LabelFailPod => "fail pod {0}", "让 Pod {0} 失败";
    LabelDeletePod => "delete pod {0}", "删除 Pod {0}";
    LabelApply => "apply {0}", "应用 {0}";
    LabelDelete => "delete {0}", "删除 {0}";
    LabelDeleteOrphan => "delete {0} --cascade=orphan (its dependents stay)", "删除 {0} --cascade=orphan（其附属对象保留）";
    LabelDeleteForeground => "delete {0} --cascade=foreground (its dependents go first)", "删除 {0} --cascade=foreground（先删除其附属对象）";
    LabelForceDeletePod => "force delete pod {0}", "强制删除 Pod {0}";
    LabelDeletePodGrace => "delete pod {0} --grace-period={1}", "删除 Pod {0} --grace-period={1}";
    LabelControllerDown => "controller manager down {0}", "控制器管理器停机 {0}";
    NoticeFailedPods => "failed {0}", "已让 Pod {0} 失败";
    NoticeKubeletStopped => "kubelet on {0} stopped", "{0} 上的 kubelet 已停止";
    NoticeKubeletAlreadyStopped => "kubelet on {0} already stopped", "{0} 上的 kubelet 本来就已停止";
    NoticeKubeletStarted => "kubelet on {0} started", "{0} 上的 kubelet 已启动";
    NoticeKubeletAlreadyRunning => "kubelet on {0} already running", "{0} 上的 kubelet 本来就在运行";
    NoticeControllerDown => "kube-controller-manager stopped for {0}", "kube-controller-manager 停机 {0}";
    LabelStopKubelet => "stop the kubelet on {0}", "停止 {0} 上的 kubelet";
    LabelStartKubelet => "start the kubelet on {0}", "启动 {0} 上的 kubelet";
    // ---- editor
    Manifest => "Manifest", "清单";
    Examples => "Examples…", "示例…";
    ExamplesLabel => "Example manifests from the lecture", "讲义中的示例清单";
    ExamplesHint => "Load an example (restarts the cluster); with the keyboard: arrows to choose, Enter to load",
        "载入示例（会重启集群）；用键盘时：方向键选择，回车载入";
    PresetParallel => "Parallel Job: 8 completions, 2 at once", "并行 Job：8 次完成，同时 2 个";
    PresetPi => "The π Job (restartPolicy Never)", "计算 π 的 Job（restartPolicy Never）";
    PresetBackoff => "Failing Job: back-off, BackoffLimitExceeded", "失败的 Job：回退，BackoffLimitExceeded";
    PresetPodFailurePolicy => "podFailurePolicy: exit code 42 fails the Job", "podFailurePolicy：退出码 42 让 Job 失败";
    PresetSidecar => "Sidecar: a proxy that keeps a Job from ending", "边车容器：让 Job 无法结束的代理";
    PresetCron => "CronJob hello, every minute", "CronJob hello，每分钟一次";
    PresetDaemonSet => "DaemonSet fluentd on every node", "DaemonSet：每个节点上的 fluentd";
    PresetLiveness => "A liveness probe restarts a container", "存活探针让容器重启";
    PresetReadiness => "A readiness probe gates Ready (and a rolling update)", "就绪探针决定 Ready（以及滚动更新）";
    EditorLabel => "Kubernetes manifest (YAML). Ctrl+Enter applies it.", "Kubernetes 清单（YAML）。按 Ctrl+Enter 应用。";
    Apply => "Apply", "应用";
    ApplyHint => "kubectl apply this YAML to the running cluster (Ctrl+Enter)", "把这段 YAML kubectl apply 到正在运行的集群（Ctrl+Enter）";
    Reset => "Reset cluster", "重置集群";
    ResetHint => "Restart the cluster from this YAML at t=0 (recorded actions are cleared)", "用这段 YAML 在 t=0 重新启动集群（清除已记录的操作）";
    ResetHintLesson => "Restart the cluster from this YAML at t=0 with the lesson's scenario (your recorded actions are cleared)",
        "用这段 YAML 在 t=0 重新启动集群，并运行课程的场景（清除你记录的操作）";
    Edited => "edited: Apply to send it to the cluster", "已修改：点击“应用”发送到集群";
    Checking => "Checking once the typing pauses (a large manifest)…", "停止输入后检查（清单较大）……";
    RejectLead => "The API server would reject this ({0}). The cluster keeps running the last good manifest.",
        "API 服务器会拒绝它（{0}）。集群继续运行上一个有效的清单。";
    SyntaxLead => "This is not valid YAML, so kubectl cannot send it ({0}). The cluster keeps running the last good manifest.",
        "这不是有效的 YAML，kubectl 无法发送它（{0}）。集群继续运行上一个有效的清单。";
    ConvertLead => "kubectl cannot turn this YAML into JSON, so it cannot send it ({0}). The cluster keeps running the last good manifest.",
        "kubectl 无法把这段 YAML 转换成 JSON，因此无法发送它（{0}）。集群继续运行上一个有效的清单。";
    ConvertLeadNone => "kubectl cannot turn this YAML into JSON, so it cannot send it ({0}): nothing of it was created.",
        "kubectl 无法把这段 YAML 转换成 JSON，因此无法发送它（{0}）：其中的对象都没有被创建。";
    MappingLead => "kubectl cannot send this ({0}): the cluster serves no such kind at that version. The cluster keeps running the last good manifest.",
        "kubectl 无法发送它（{0}）：集群不以这个版本提供这种资源。集群继续运行上一个有效的清单。";
    MappingLeadNone => "kubectl cannot send this ({0}): the cluster serves no such kind at that version, so nothing of it was created.",
        "kubectl 无法发送它（{0}）：集群不以这个版本提供这种资源，所以其中的对象都没有被创建。";
    CtrlScopeLead => "CtrlScope does not accept this ({0}). The cluster keeps running the last good manifest.",
        "CtrlScope 不接受它（{0}）。集群继续运行上一个有效的清单。";
    CtrlScopeLeadNone => "CtrlScope does not accept this ({0}): nothing of it was created.",
        "CtrlScope 不接受它（{0}）：其中的对象都没有被创建。";
    RejectLeadNone => "The API server would reject this ({0}): nothing of it was created.",
        "API 服务器会拒绝它（{0}）：其中的对象都没有被创建。";
    SyntaxLeadNone => "This is not valid YAML, so kubectl cannot send it ({0}): nothing of it was created.",
        "这不是有效的 YAML，kubectl 无法发送它（{0}）：其中的对象都没有被创建。";
    OneError => "1 error", "1 处错误";
    Errors => "{0} errors", "{0} 处错误";
    ShowPlace => "Show this place in the editor", "在编辑器中定位到这里";
    NoObjects => "No objects: write a Job, CronJob, DaemonSet or Node.", "没有对象：请写一个 Job、CronJob、DaemonSet 或 Node。";
    PreviewCreate => "valid: Apply creates it", "有效：应用后将创建";
    PreviewUpdate => "valid: exists, Apply updates it", "有效：已存在，应用后将更新";
    PreviewUnchanged => "valid: the cluster runs it as written (on Apply kubectl says unchanged: nothing changes)", "有效：集群正按此运行（点“应用”时 kubectl 会显示 unchanged，即没有变化）";
    DuplicateKey => "line {0}: \"{1}\" is given again (also at line {2}): kubectl keeps the last one and silently drops the one at line {2}.",
        "第 {0} 行：“{1}”重复出现（第 {2} 行也有）：kubectl 保留最后一个，并默默丢弃第 {2} 行的那个。";
    ScriptUnread => "CtrlScope cannot tell how {0} ends, so its pods run as exiting 0; the annotation sim.ctrlscope.dev/exit-codes (e.g. \"1,1,0\") says how",
        "CtrlScope 无法判断 {0} 会怎样结束，所以按退出码 0 模拟它的 Pod；可用注解 sim.ctrlscope.dev/exit-codes（例如“1,1,0”）指定退出码";
    NotSimulated => "accepted by the API server, not simulated by CtrlScope: {0}", "API 服务器接受，但 CtrlScope 不模拟：{0}";
    PreviewRefused => "valid, but Apply would be refused:", "有效，但应用时会被拒绝：";
    ApiServerAnswer => "The API server's answer", "API 服务器的原话";
    JobTemplateImmutable => "A Job's pod template cannot change once the Job exists. To run the new template: Reset cluster (it restarts from this YAML), or kubectl delete job {0} and Apply again.",
        "Job 创建后，它的 Pod 模板就不能再修改。要运行新模板：点“重置集群”（从这份 YAML 重新开始），或先执行 kubectl delete job {0} 再点“应用”。";
    // ---- schedule
    Schedule => "Schedule", "调度时间表";
    ScheduleRunning => "As running in the cluster (the last valid manifest): the editor's text is invalid.", "集群中正在运行的版本（上一个有效的清单）：编辑器中的文本无效。";
    ScheduleEdited => "As in the editor, not applied yet: the cluster still runs the schedule it had (Apply or Reset to change it).", "编辑器中的版本，尚未应用：集群仍按原来的调度运行（点击“应用”或“重置集群”后生效）。";
    CannotDescribe => "(cannot describe: {0})", "（无法描述：{0}）";
    NextFireTimes => "next fire times", "接下来的触发时间";
    ZoneClock => "= {0} {1}", "= {1} 时间 {0}";
    InDuration => "in {0}", "{0}后";
    // ---- workloads
    Workloads => "Workloads", "工作负载";
    NoWorkloads => "No Job, CronJob or DaemonSet in the cluster yet: Apply puts the editor's in, once the API server accepts them.", "集群里还没有 Job、CronJob 或 DaemonSet：编辑器里的清单被 API 服务器接受后，点击“应用”即可创建。";
    CompletionsHint => "COMPLETIONS (succeeded/completions)", "COMPLETIONS（成功数/completions）";
    CompletionsBar => "completions", "完成进度";
    JobFacts => "parallelism {0} · active {1} · failures {2} (backoffLimit {3})", "parallelism {0} · 活跃 {1} · 失败 {2} 次（backoffLimit {3}）";
    JobFactsHint => "The Job fails (BackoffLimitExceeded) once more of its pods have failed than backoffLimit", "失败的 Pod 数超过 backoffLimit 时，Job 失败（BackoffLimitExceeded）";
    JobFactsOnFailure => "parallelism {0} · active {1} · active pods' restarts {2} (backoffLimit {3}) · failures {4}", "parallelism {0} · 活跃 {1} · 活跃 Pod 的重启 {2} 次（backoffLimit {3}）· 失败 {4} 次";
    JobFactsOnFailureHint => "restartPolicy OnFailure: only the container restarts of active (Pending or Running) pods count toward backoffLimit, and the Job fails once they reach it; the restarts of pods that have finished no longer count",
        "restartPolicy 为 OnFailure 时，只有活跃（Pending 或 Running）Pod 的容器重启次数计入 backoffLimit，达到该值时 Job 失败；已结束的 Pod 的重启不再计入";
    JobFactsPerIndex => "parallelism {0} · active {1} · failed {2} · failed indexes {3} (backoffLimitPerIndex {4})", "parallelism {0} · 活跃 {1} · 失败 {2} · 失败的索引 {3}（backoffLimitPerIndex {4}）";
    WavesLabel => "waves: pods created together", "批次：同时创建的 Pod";
    EarlierWaves => "{0} earlier waves", "更早的 {0} 批";
    WaveHead => "wave {0} · {1} · {2} pod(s)", "第 {0} 批 · {1} · {2} 个 Pod";
    WaveAfter => "after {0}", "{0}之后";
    WaveReplaces => "replaces {0}", "接替 {0}的 Pod";
    WavePartSucceeded => "{0} succeeded", "{0} 个 Pod 成功";
    WavePartFailed => "{0} failed", "{0} 个 Pod 失败";
    WaveReplacedFailed => "{0} failed", "{0} 个失败";
    WavePartDeleted => "{0} deleted", "{0} 个 Pod 被删除";
    WaveReplacedDeleted => "{0} deleted", "{0} 个被删除";
    WaveWhyHint => "pods that ended since the wave before: the Job controller creates pods when fewer than parallelism are active (and completions are left); after a failure it first waits out its pod-creation back-off (10 s, 20 s, 40 s …)", "上一批之后结束的 Pod：活跃 Pod 少于 parallelism（且仍有未完成的 completions）时，Job 控制器就创建新 Pod；失败之后，它先等待创建 Pod 的回退时间（10 秒、20 秒、40 秒……）";
    PodGoneTile => "{0}: no longer exists (deleted, evicted or garbage-collected)", "{0}：已不存在（被删除、被驱逐或被垃圾收集器删除）";
    Gone => "gone", "已消失";
    SkippedForbid => "skipped: concurrencyPolicy Forbid", "已跳过：concurrencyPolicy 为 Forbid";
    CronLegend => "⊘ skipped (Forbid) · ↷ started late · ⚠ missed while the controller manager was down · dashed tick: no Job for it", "⊘ 已跳过（Forbid）· ↷ 延迟启动 · ⚠ 控制器管理器停机期间错过 · 虚线刻度：这次调度没有产生 Job";
    StartedLateForbid => "started late: Forbid held this tick until the running Job ended", "延迟启动：Forbid 让这次调度等到正在运行的 Job 结束";
    StartedLate => "started {0} late", "延迟 {0} 启动";
    StartedLateOutage => "started {0} late: the controller manager was down at this time; once back, it started only the most recent missed schedule", "延迟 {0} 启动：这次调度时控制器管理器停机；恢复后它只启动最近一次错过的调度";
    MissedOutage => "scheduled {0}: missed while the controller manager was down ({1}–{2}), no Job for it", "计划于 {0}：控制器管理器停机期间（{1}–{2}）错过，这次调度没有产生 Job";
    OutageBand => "controller manager down", "控制器管理器停机";
    OutageBandTitle => "kube-controller-manager down {0}–{1}: no controller ran, so no schedule was acted on", "kube-controller-manager 在 {0}–{1} 停机：没有控制器运行，调度无人处理";
    LastSchedule => "last schedule {0}", "上次调度 {0}";
    NotScheduledYet => "not scheduled yet", "尚未调度";
    CronFacts => "{0} · concurrencyPolicy {1} · active {2} · {3}", "{0} · concurrencyPolicy {1} · 活跃 {2} · {3}";
    Suspended => "suspended", "已挂起";
    JumpStopped => "Stopped on the way", "中途停下";
    NoticeAtEnd => "The run is at its end", "运行已到结尾";
    NoticeAtEndBody => "Nothing more happens. ↻ Replay plays it again from 0:00 (that ends a running watch); Home rewinds.", "之后不再发生任何事。↻ 重放会从 0:00 重新播放（正在运行的 watch 会结束）；Home 倒回开头。";
    JumpStoppedBody => "Replaying the cluster to t = {0} took more than 3 seconds, so the clock stopped at t = {1}. Press ▶ Play or drag the timeline to go on.",
        "把集群重放到 t = {0} 用了 3 秒以上，时钟停在 t = {1}。按 ▶ 播放或拖动时间线继续。";
    ScheduleSuspended => "Suspended (spec.suspend: true): no Job is created at these times until it is resumed.", "已挂起（spec.suspend: true）：恢复之前，这些时间都不会创建 Job。";
    ScheduleStuck => "From {0} on, no Job: robfig/cron's Next gives that instant twice (the zone's clock is set back there), so the controller's mostRecentScheduleTime fails with InvalidSchedule \"time difference between two schedules is less than 1 second\".",
        "从 {0} 起不再创建 Job：robfig/cron 的 Next 两次给出同一时刻（该时区的时钟在那里回拨），控制器的 mostRecentScheduleTime 因此失败，报 InvalidSchedule “time difference between two schedules is less than 1 second”。";
    ScheduleNeverFires => "No date matches this schedule: it never fires.", "没有任何日期符合这个调度：它永远不会触发。";
    TimeAxis => "time axis {0} to {1}", "时间轴 {0} 至 {1}";
    ScheduledAt => "scheduled {0}", "计划于 {0}";
    TickNameTaken => "scheduled {0}: no Job: its name, {1}, counts minutes and the run earlier in this minute has it (the create is refused as AlreadyExists)", "计划于 {0}：没有 Job：Job 名 {1} 按分钟计，已被这一分钟里更早的一次占用（创建因 AlreadyExists 被拒绝）";
    EarlierRuns => "▴ {0} earlier runs in this window (kubectl get jobs lists them)", "▴ 此时间窗口内还有 {0} 次更早的运行（kubectl get jobs 可列出）";
    TickNoRun => "scheduled {0}: no Job for this tick (skipped by Forbid, missed while the controller manager was down, or suspended)", "计划于 {0}：这次调度没有产生 Job（被 Forbid 跳过、控制器管理器停机时错过，或处于挂起状态）";
    Now => "now", "现在";
    NoRunsYet => "no Job spawned in this window yet", "此时间窗口内还没有创建 Job";
    RunTitle => "{0} · {1} · created {2}", "{0} · {1} · 创建于 {2}";
    RunRunning => "Running", "运行中";
    RunComplete => "Complete", "已完成";
    RunFailed => "Failed", "失败";
    RunReplaced => "Replaced", "被替换";
    RunCompleteDeleted => "Complete, deleted", "已完成，已删除";
    RunFailedDeleted => "Failed, deleted", "失败，已删除";
    RunDeleted => "Deleted while running", "运行中被删除";
    RunSuspended => "Suspended", "已挂起";
    RunFailureTarget => "FailureTarget (failing)", "FailureTarget（即将失败）";
    RunSuccessCriteriaMet => "SuccessCriteriaMet (completing)", "SuccessCriteriaMet（即将完成）";
    RunTerminating => "Terminating", "终止中";
    RunManual => "manual", "手动";
    RunStartedBefore => "started at {0}, before this window", "开始于 {0}，在此时间窗口之前";
    OnDeleteText => "OnDelete: pods update only when deleted", "OnDelete：Pod 只有被删除后才会更新";
    UpToDate => "{0}/{1} up-to-date", "{0}/{1} 已更新";
    DsFacts => "desired {0} · current {1} · ready {2} · available {3} · unavailable {4}", "期望 {0} · 当前 {1} · 就绪 {2} · 可用 {3} · 不可用 {4}";
    DsMisscheduled => "· misscheduled {0}", "· 错误调度 {0}";
    DsMisscheduledHint => "status.numberMisscheduled: nodes that run a daemon pod but should not run one", "status.numberMisscheduled：运行着守护 Pod、但不应运行它的节点数";
    DsKeptNoSchedule => "kept: misscheduled — the NoSchedule taint {0} keeps new pods away but doesn't evict", "保留：错误调度——NoSchedule 污点 {0} 只阻止新 Pod，不驱逐已运行的 Pod";
    DsMisscheduledNode => "misscheduled: this node should not run it, the controller deletes it", "错误调度：这个节点不应运行它，控制器会删除它";
    RevisionPerNode => "revision per node", "各节点上的修订版本";
    RevisionTitle => "revision {0} ({1}), {2}", "修订版本 {0}（{1}），{2}";
    RevNew => "new", "新";
    RevOld => "old", "旧";
    Ready => "ready", "就绪";
    NotReady => "not ready", "未就绪";
    // ---- cluster
    Cluster => "Cluster", "集群";
    PodStates => "pod states", "Pod 状态";
    PodsInState => "{0} pod(s) {1}", "{0} 个 Pod 处于 {1}";
    AddNode => "Add node", "添加节点";
    AddNodeHint => "A new worker node joins the cluster", "一个新的工作节点加入集群";
    CmDown => "Controller manager down 5 min", "控制器管理器停机 5 分钟";
    CmDownHint => "kube-controller-manager stops for 5 minutes; the scheduler and kubelets go on", "kube-controller-manager 停止 5 分钟；调度器和 kubelet 照常工作";
    CmIsDown => "kube-controller-manager is down until {0}: no controller reacts; pods keep running.", "kube-controller-manager 停机至 {0}：没有控制器做出反应；Pod 继续运行。";
    PendingLabel => "Pending pods, not yet scheduled", "Pending 的 Pod，尚未调度";
    PendingTitle => "Pending — not yet scheduled", "Pending——尚未调度";
    NonePending => "none", "无";
    NodeFull => "full: {0}/{1} pods", "已满：{0}/{1} 个 Pod";
    NodeRequestsHint => "What this node's pods request of its allocatable cpu and memory (describe node: Allocated resources). The scheduler places a pod only where its requests still fit, else \"Insufficient cpu\".", "该节点上的 Pod 请求了多少可分配的 CPU 和内存（describe node 的 Allocated resources）。调度器只把 Pod 放到请求仍放得下的节点上，否则报“Insufficient cpu”。";
    NodeFullHint => "The node runs as many pods as status.allocatable.pods allows; the scheduler turns new pods away with \"Too many pods\".",
        "节点上的 Pod 数已达 status.allocatable.pods 的上限；调度器会以“Too many pods”拒绝新的 Pod。";
    NoPods => "no pods", "没有 Pod";
    MorePods => "+{0} more", "还有 {0} 个";
    MoreErrors => "… and {0} more errors (fix these first; each keystroke checks the whole text again)", "……还有 {0} 处错误（先改正上面这些；每次按键都会重新检查全文）";
    NodeLabel => "node {0}", "节点 {0}";
    NodeRemoved => "{0} (removed)", "{0}（已移除）";
    Removed => "removed", "已移除";
    NodeRemovedGc => "This node no longer exists, but its pods are still in the API server: the pod garbage collector deletes them once the node has been missing for {0} s (its quarantine).",
        "这个节点已不存在，但它的 Pod 仍在 API 服务器中：节点消失满 {0} 秒（隔离期）后，Pod 垃圾收集器才删除它们。";
    NodeRemovedGcDue => "This node no longer exists, but its pods are still in the API server: the pod garbage collector deletes them once the node has been missing for {0} s (its quarantine), at {1}.",
        "这个节点已不存在，但它的 Pod 仍在 API 服务器中：节点消失满 {0} 秒（隔离期）后，Pod 垃圾收集器才删除它们，时间是 {1}。";
    NodeSelectHint => "Select this node for faults: cordon, taint, label, remove", "选中此节点以制造故障：封锁、加污点、加标签、移除";
    Taint => "taint", "污点";
    Label => "label", "标签";
    PodNamed => "pod {0}", "Pod {0}";
    PodReady => "ready {0}", "就绪 {0}";
    PodRestarts => "{0} restart(s)", "重启 {0} 次";
    PodOwner => "owner {0}", "属主 {0}";
    PodRevision => "revision {0} ({1})", "修订版本 {0}（{1}）";
    SelectHint => "Click a pod or a node to fail, delete, cordon, taint, label or remove it. Every action is recorded on the timeline.",
        "点击一个 Pod 或节点，可以让它失败、删除、封锁、加污点、加标签或移除。每个操作都会记录在时间线上。";
    SelNode => "Node {0}", "节点 {0}";
    PodGone => "Pod {0} is gone.", "Pod {0} 已不存在。";
    NodeGone => "Node {0} is gone.", "节点 {0} 已不存在。";
    ClearSelection => "Clear selection", "取消选择";
    NotScheduled => "not scheduled", "未调度";
    OnNode => "on {0}", "在 {0} 上";
    Fail => "Fail", "使其失败";
    FailHint => "The container exits with code 1", "容器以退出码 1 退出";
    FailNoKubelet => "No kubelet runs this pod (its node was removed), so nothing can make its container exit",
        "没有 kubelet 在运行这个 Pod（它的节点已被移除），所以无法让它的容器退出";
    Delete => "Delete", "删除";
    Describe => "Describe", "详情";
    Logs => "Logs", "日志";
    Cordon => "Cordon", "封锁";
    Drain => "Drain", "腾空";
    DrainHint => "kubectl drain NODE --ignore-daemonsets --delete-emptydir-data --force: cordon, then evict every pod but the DaemonSets' (their controller would put them back), emptyDir data and pods no controller owns included", "kubectl drain NODE --ignore-daemonsets --delete-emptydir-data --force：先封锁，再驱逐除 DaemonSet 之外的所有 Pod（DaemonSet 控制器会把它们放回来），包括带 emptyDir 数据的 Pod 和没有控制器的 Pod";
    CordonHint => "kubectl cordon: spec.unschedulable = true, shown as the taint node.kubernetes.io/unschedulable:NoSchedule", "kubectl cordon：spec.unschedulable = true，体现为污点 node.kubernetes.io/unschedulable:NoSchedule";
    Uncordon => "Uncordon", "解除封锁";
    TaintNoSchedule => "Taint NoSchedule", "加污点 NoSchedule";
    TaintNoScheduleHint => "maintenance:NoSchedule — new pods without a toleration stay away", "maintenance:NoSchedule：没有相应容忍度的新 Pod 不会被调度到这里";
    TaintNoExecute => "Taint NoExecute", "加污点 NoExecute";
    TaintNoExecuteHint => "maintenance:NoExecute — running pods without a toleration are evicted", "maintenance:NoExecute：没有相应容忍度的运行中 Pod 会被驱逐";
    Untaint => "Untaint {0}", "移除污点 {0}";
    UntaintHint => "Remove the taint {0}", "移除污点 {0}";
    LabelDisk => "Label disktype=ssd", "加标签 disktype=ssd";
    LabelDiskHint => "kubectl label nodes: DaemonSets whose nodeSelector or node affinity now match start a pod here", "kubectl label nodes：nodeSelector 或节点亲和性因此匹配的 DaemonSet 会在这里启动 Pod";
    Unlabel => "Unlabel {0}", "移除标签 {0}";
    UnlabelHint => "Remove the label {0}: daemon pods that no longer match are deleted", "移除标签 {0}：不再匹配的守护 Pod 会被删除";
    RemoveNode => "Remove node", "移除节点";
    StopKubelet => "Stop kubelet", "停止 kubelet";
    StopKubeletHint => "systemctl stop kubelet: the pods run on but nothing is reported; 50 s after the last Lease renewal the node lifecycle controller marks the node NotReady and taints it unreachable; when a pod's toleration runs out (300 s by default) the taint eviction controller evicts it. DaemonSet pods tolerate it with no time limit",
        "systemctl stop kubelet：Pod 继续运行但不再上报；最后一次 Lease 续约 50 秒后，节点生命周期控制器把节点标记为 NotReady 并加上 unreachable 污点；Pod 的容忍时长（tolerationSeconds，默认 300 秒）到期后由污点驱逐控制器驱逐它；DaemonSet 的 Pod 无限期容忍";
    OutOfService => "Out of service", "标记停止服务";
    OutOfServiceHint => "The machine is off for good (non-graceful node shutdown): taint node.kubernetes.io/out-of-service=nodeshutdown:NoExecute. Its pods are evicted, and the pod garbage collector force-deletes the Terminating ones within 20 s instead of waiting for a kubelet that will not answer", "机器已永久关机（节点非体面关闭）：加上污点 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute。它上面的 Pod 被驱逐，Pod 垃圾收集器在 20 秒内强制删除处于 Terminating 的 Pod，不再等待不会回应的 kubelet";
    StartKubelet => "Start kubelet", "启动 kubelet";
    StartKubeletHint => "The kubelet posts Ready again: the unreachable taints go, pending evictions are cancelled, and pods deleted meanwhile are stopped", "kubelet 重新上报 Ready：unreachable 污点被移除，尚未执行的驱逐被取消，期间被删除的 Pod 随之停止";
    KubeletStopped => "kubelet stopped", "kubelet 已停止";
    KubeletStoppedHint => "You stopped this node's kubelet: the API server hears nothing from it; the node turns NotReady 50 s after its last Lease renewal", "你停止了这个节点的 kubelet：API 服务器收不到它的任何消息；最后一次 Lease 续约 50 秒后节点变为 NotReady";
    // ---- console
    ConsoleOutput => "kubectl output", "kubectl 输出";
    ConsoleTry => "Try: get pods -w (then Play) · describe job NAME · logs POD (Tab completes names) · wait --for=condition=complete job/NAME · events · help",
        "试试：get pods -w（再点播放）· describe job 名称 · logs Pod 名（Tab 补全名称）· wait --for=condition=complete job/名称 · events · help";
    ConsoleInput => "kubectl command (↑ and ↓ browse the history)", "kubectl 命令（↑ ↓ 浏览历史）";
    Run => "Run", "运行";
    Clear => "clear", "清空";
    ClearOutput => "Clear the output", "清空输出";
    Watching => "watching: a row for every change as time runs · Ctrl+C or Stop ends it",
        "正在监视：时间推进时每次变化打印一行 · Ctrl+C 或“停止”结束";
    Waiting => "waiting for the condition as time runs · Ctrl+C or Stop ends it",
        "随着时间推进等待状况（condition）满足 · Ctrl+C 或“停止”结束";
    Following => "following the log as time runs, until the container exits · Ctrl+C or Stop ends it",
        "随着时间推进跟随日志，直到容器退出 · Ctrl+C 或“停止”结束";
    WaitingRollout => "waiting for the rollout to finish as time runs · Ctrl+C or Stop ends it",
        "随着时间推进等待滚动更新完成 · Ctrl+C 或“停止”结束";
    WaitingDrain => "waiting for the evicted pods to be gone as time runs · Ctrl+C or Stop ends it",
        "随着时间推进等待被驱逐的 Pod 消失 · Ctrl+C 或“停止”结束";
    StopWatch => "Stop", "停止";
    WatchRewound => "watch ended: the cluster was rewound or reset (run the command again)",
        "监视已结束：集群被倒回到更早的时刻或被重置（请重新运行命令）";
    // ---- controller loop
    ControllerLoop => "Controller loop", "控制器循环";
    Controller => "Controller", "控制器";
    AutoController => "auto ({0})", "自动（{0}）";
    Enlarge => "Enlarge", "放大";
    Shrink => "Smaller", "缩小";
    EnlargeHint => "Enlarge the controller loop over the page (L)", "把控制器循环放大到整个页面（L）";
    ShrinkHint => "Put the controller loop back in its place on the page (L)", "把控制器循环放回页面中原来的位置（L）";
    LoopDown => "kube-controller-manager is down: no controller watches or syncs. Nothing is kept for it: when it comes back, its informers list every object as it is then and queue each one (the changes in between are never delivered one by one).",
        "kube-controller-manager 已停机：没有控制器在监听或同步。没有什么会为它保留：它恢复后，informer 按当时的状态重新列出所有对象，并把每一个加入队列（其间的变化不会逐条送达）。";
    LoopWalkFirstHint => "Back to the first step recorded at this instant; again: the instant before (a Job's sync comes a second after the pod events that asked for it)",
        "回到这一时刻记录的第一步；再按一次：上一个时刻（Job 的同步比请求它的 Pod 事件晚一秒）";
    LoopWalkFirst => "first step of this instant", "这一时刻的第一步";
    LoopWalkStep => "step {0} of {1} at {2}", "{2} 的第 {0}/{1} 步";
    LoopWalkBack => "step", "上一步";
    LoopWalkBackHint => "Show the loop one recorded step earlier (,)", "显示循环的上一个已记录步骤（,）";
    LoopWalkOn => "step", "下一步";
    // The buttons' names start with their visible words (WCAG 2.5.3); the key is declared apart.
    LoopWalkBackName => "step back: show the loop one recorded step earlier", "上一步：显示循环的上一个已记录步骤";
    LoopWalkOnName => "step on: show the loop one recorded step later; after the newest, the present again",
        "下一步：显示循环的下一个已记录步骤；最后一步之后回到当前";
    LoopWalkOnHint => "Show the loop one recorded step later; after the newest, the present again (.)",
        "显示循环的下一个已记录步骤；最后一步之后回到当前（.）";
    LoopWalkAt => "step {0} of {1} at {2}: what did it is outlined below",
        "{2} 时刻的第 {0}/{1} 步：产生这一步的环节已在下方加框";
    LoopLive => "live", "回到当前";
    LoopWalkPast => " (the cards and the cluster show the present, {0})", "（卡片和集群显示的是当前时刻 {0}）";
    // {0}: the keys, when the single-key shortcuts are on.
    LoopWalkIdle => "the newest steps: walk them one by one with ◀ ▶{0}",
        "显示最新的步骤：用 ◀ ▶{0}逐步查看";
    HopWatch => "watch event", "watch 事件";
    HopQueue => "work queue", "工作队列";
    HopSync => "sync", "同步";
    ActMore => "+{0} more at {1}", "{1} 还有 {0} 项";
    NoStatusWrites => "(this controller writes no status: it deletes)", "（这个控制器不写状态：它只删除）";
    NoStatusWritesPodGc => "(none yet: it writes a pod's status only to mark it Failed before deleting it)", "（暂无：它只在删除 Pod 之前把它标记为 Failed 时才写状态）";
    TimelineMarks => "Actions on the timeline", "时间线上的操作";
    SeekToMark => "Go to {0}", "跳到 {0}";
    SeekToMarks => "{0} actions: go to {1} (press again for the next one)", "{0} 个操作：跳到 {1}（再按一次：下一个）";
    ConsoleRestarted => "— the cluster restarted from the manifest at t=0 (a new cluster from here on) —", "—— 集群已按清单在 t=0 重新开始（此后是新的集群）——";
    ConsoleLessonOpened => "— lesson opened: {0} (a new cluster from here on) —", "—— 已打开课程：{0}（此后是新的集群）——";
    OutputCut => "… the console shows the first {0} MB of {1} MB: ask for less (a NAME, -l SELECTOR, --field-selector, -o name or -o jsonpath).", "…… 控制台只显示 {1} MB 中的前 {0} MB：请缩小范围（指定名称、-l 选择器、--field-selector、-o name 或 -o jsonpath）。";
    HopAct => "act", "执行";
    HopStatus => "status update", "更新状态";
    Decisions => "Decisions", "决策";
    NoneYet => "none yet", "暂无";
    After => "after {0}", "{0} 之后";
    SyncReads => "read the object from the informer cache", "从 informer 缓存读取对象";
    SyncReadsJob => "read the Job and its pods from the informer cache", "从 informer 缓存读取 Job 及其 Pod";
    SyncReadsCronJob => "read the CronJob and its Jobs from the informer cache", "从 informer 缓存读取 CronJob 及其 Job";
    SyncReadsDaemonSet => "read the DaemonSet, its pods and the nodes from the informer cache", "从 informer 缓存读取 DaemonSet、它的 Pod 和节点";
    SyncReadsTtl => "read the finished Job and its ttlSecondsAfterFinished", "读取已结束的 Job 及其 ttlSecondsAfterFinished";
    SyncReadsGc => "read the owner–dependent graph (uid/: an owner gone · fg/: a foreground deletion)", "读取属主与附属对象的关系图（uid/：属主已不存在 · fg/：前台删除）";
    SyncReadsPodGc => "read every pod and node from the informer caches, on its pass every 20 s (node/: a node gone · oos/: an out-of-service node · terminated: too many finished pods · unscheduled: pods deleted before scheduling)", "在每 20 秒一轮的检查中从 informer 缓存读取所有 Pod 和节点（node/：节点已不存在 · oos/：停止服务的节点 · terminated：已结束的 Pod 过多 · unscheduled：调度前就被删除的 Pod）";
    SyncReadsNodeLifecycle => "monitorNodeHealth, which runs every 5 s (--node-monitor-period; shown when it changed something): read every Node and its Lease from the informer caches", "monitorNodeHealth 每 5 秒运行一次（--node-monitor-period；有改动时才显示）：从 informer 缓存读取每个节点及其 Lease";
    SyncReadsTaint => "read the node's NoExecute taints and its pods' tolerations", "读取节点的 NoExecute 污点及其上 Pod 的容忍度";
    Create => "create", "创建";
    PatchVerb => "patch", "修补";
    DeleteVerb => "delete", "删除";
    QueueEmpty => "empty", "空";
    HopNothingYet => "nothing yet", "暂无";
    CronLanes => "the CronJob's Jobs, one lane each", "CronJob 的各个 Job，每个一条";
    QueueReady => "ready", "就绪";
    QueueDue => "due {0} (in {1})", "{0} 到期（{1}后）";
    QueueOverdueDown => "due {0} — the controller manager is down: this in-memory queue is lost, and its restart queues every object again", "{0} 到期——控制器管理器停机中：这个内存中的队列会丢失，重启时每个对象都会重新入队";
    QueueDueNow => "due {0} (now)", "{0} 到期（现在）";
    QueueHidden => "(this queue is not exposed by the simulation)", "（模拟器没有公开这个队列）";
    QueueNodeLifecycle => "no work queue: a timer runs monitorNodeHealth over all nodes every 5 s", "没有工作队列：定时器每 5 秒对所有节点运行一次 monitorNodeHealth";
    LastAdd => "last add:", "最近入队：";
    // ---- events
    Events => "Events", "事件";
    InAll => "{0} in all", "共 {0} 条";
    NoEvents => "no events yet", "还没有事件";
    EarlierEvents => "{0} earlier: kubectl get events lists them all", "更早的 {0} 条：kubectl get events 会全部列出";
    // ---- shortcuts dialog
    ShortcutsTitle => "Keyboard shortcuts", "键盘快捷键";
    KeyPlay => "play / pause (a focused button takes Space itself)", "播放 / 暂停（焦点在按钮上时，空格按下该按钮）";
    KeyNext => "step to the next instant anything is due (in classroom mode with a lesson open, → turns to the next page; N still steps)", "前进到下一个有事发生的时刻（课堂模式下打开课程时，→ 翻到下一页；N 仍然是前进）";
    KeyPrev => "back to the previous instant, replayed from t=0 (in classroom mode with a lesson open, ← turns to the previous page; B still steps back)", "回到上一个时刻，从 t=0 重放（课堂模式下打开课程时，← 翻到上一页；B 仍然是后退）";
    KeyHome => "rewind to t=0", "回到 t=0";
    KeySpeed => "faster / slower", "加快 / 减慢";
    KeyApply => "apply the manifest (kubectl apply)", "应用清单（kubectl apply）";
    KeyEditor => "focus the editor (classroom mode: hide or show it)", "聚焦编辑器（课堂模式：隐藏或显示编辑器）";
    KeyConsole => "focus the kubectl console (↑ ↓ browse its history, Tab completes a word and moves on when there is nothing to add, Ctrl+C stops a -w or wait)",
        "聚焦 kubectl 控制台（↑ ↓ 浏览历史，Tab 补全单词，无可补全时移到下一个控件，Ctrl+C 停止 -w 或 wait）";
    KeyLesson => "back to the open lesson's text and its buttons", "回到当前课程的正文及其按钮";
    KeyPages => "the lesson's next / previous page", "课程的下一页 / 上一页";
    KeyPresenter => "classroom mode: large type, high contrast", "课堂模式：大字号、高对比度";
    KeyLoop => "enlarge the controller loop, or shrink it back", "放大控制器循环，或还原";
    KeyLoopWalk => "walk the controller loop's recorded steps back / on (the clock stays)",
        "逐步后退 / 前进查看控制器循环已记录的步骤（时钟不动）";
    KeyTiles => "on a pod tile: move between the pods of its group (Home is the first pod there, not a rewind)",
        "在 Pod 方块上：在同一组 Pod 之间移动（这里 Home 是第一个 Pod，不是回到开头）";
    KeySelect => "on a pod tile or a node: select it and show its actions (fail, delete, cordon, taint…)",
        "在 Pod 方块或节点上：选中它并显示可用操作（使其失败、删除、封锁、加污点……）";
    UpToDateBar => "pods up to date", "已更新的 Pod";
    EventsHeldBack => "{0} more Events ({1} warnings); the newest: {2}",
        "另有 {0} 条事件（{1} 条警告）；最新的：{2}";
    CheckNews => "Check {0}: {1}", "第 {0} 次检查：{1}";
    KeyEsc => "leave the editor or console, clear the selection, close a dialog", "离开编辑器或控制台、取消选择、关闭对话框";
    KeyHelp => "show or hide these shortcuts", "显示或隐藏这些快捷键";
    ShortcutsNote => "Shortcuts other than Ctrl+Enter and Esc wait while you type in the editor or the console. Every pod or node action is recorded on the timeline and replayed when you scrub back. Your YAML, actions and lesson progress are kept in this browser.",
        "在编辑器或控制台中输入时，除 Ctrl+Enter 和 Esc 之外的快捷键都不生效。每个针对 Pod 或节点的操作都会记录在时间线上，往回拖动时会被重放。你的 YAML、操作和课程进度都保存在本浏览器中。";
    LetterKeys => "Single-key shortcuts (letters, Space, + − , . [ ] ?)", "单键快捷键（字母、空格、+ − , . [ ] ?）";
    LetterKeysHint => "Turn them off if you use speech input or they get in your way; Ctrl+Enter, Esc, the arrow keys, Home and PageUp/PageDown still work, and every action has its button.",
        "如果你使用语音输入，或觉得它们碍事，可以关闭；Ctrl+Enter、Esc、方向键、Home 和 PageUp/PageDown 仍然可用，每个操作也都有对应的按钮。";
    Forget => "Start over", "重新开始";
    ForgetConfirm => "Erase my YAML and actions? Click again", "要清除我的 YAML 和操作吗？再点一次确认";
    ForgetHint => "Forget the saved YAML and actions and start from the first example", "清除保存的 YAML 和操作，从第一个示例重新开始";
    PanicTitle => "CtrlScope stopped after an internal error. Your YAML is saved in this browser.", "CtrlScope 遇到内部错误而停止。你的 YAML 已保存在本浏览器中。";
    Reload => "Reload", "重新加载";
    PanicTitleEmbed => "CtrlScope stopped after an internal error.", "CtrlScope 遇到内部错误而停止。";
    PanicStartOver => "Start over (the saved session is kept aside)", "重新开始（原来的会话会另行保存）";
    // ---- lessons
    LessonsTitle => "Lessons", "课程";
    LessonsProgress => "{0} of {1} done", "已完成 {0} / {1}";
    LessonsIntro => "Each lesson follows the lecture, corrects it where real Kubernetes differs, and ends with a challenge the page checks by itself. While a lesson is open, the cluster plays its scenario.",
        "每一课都沿着课程讲义展开，在讲义与真实 Kubernetes 不一致的地方予以纠正，并以一个由页面自动检查的挑战结束。打开课程后，集群会运行该课的场景。";
    LessonDone => "done", "已完成";
    LessonCurrent => "open", "当前";
    AllLessons => "All lessons", "全部课程";
    LessonNofM => "Lesson {0} of {1}", "第 {0} 课，共 {1} 课";
    CloseLesson => "Close the lesson", "关闭课程";
    LessonPages => "Lesson pages", "课程页面";
    LessonText => "Lesson text", "课程正文";
    MoreBelow => "more ↓", "下面还有 ↓";
    Prev => "Back", "上一页";
    Next => "Next", "下一页";
    PrevPageHint => "The previous page (PageUp or [)", "上一页（PageUp 或 [）";
    NextPageHint => "The next page (PageDown or ])", "下一页（PageDown 或 ]）";
    StepN => "Step {0}", "第 {0} 步";
    StepNofM => "Step {0} of {1}", "第 {0} 步，共 {1} 步";
    Challenge => "Challenge", "挑战";
    ToChallenge => "On to the challenge", "前往挑战";
    LoadStep => "Load", "载入";
    LoadStepHint => "Put it in the editor and restart the cluster from it (with the lesson's scenario)", "放进编辑器，并据此重新启动集群（包含课程场景）";
    LoadStepHintPlain => "Put it in the editor and restart the cluster from it", "放进编辑器，并据此重新启动集群";
    NotLoaded => "not running yet: Run to loads it", "尚未运行：“运行到”会先载入它";
    ApiServerAnswers => "The API server refuses it:", "API 服务器拒绝了它：";
    RunToReachedHint => "The clock is there: play on, or step, to see what follows", "时钟已经到了这里：继续播放或单步前进，看看接下来发生什么";
    NotLoadedLoadIt => "not running yet: load it first", "尚未运行：请先载入";
    RunTo => "Run to {0}", "运行到 {0}";
    RunToHint => "Run (or replay) the cluster to this instant, from this step's manifest", "从本步骤的清单出发，把集群运行（或重放）到这一时刻";
    TryKubectl => "Try", "试试";
    TryKubectlHint => "Put this command into the kubectl console (press Enter there to run it)", "把这条命令放进 kubectl 控制台（在那里按回车执行）";
    LectureNoteTitle => "The lecture says…, Kubernetes says…", "讲义的说法与 Kubernetes 的实际行为";
    ChallengeHow => "Check my solution runs the editor's manifest on a fresh cluster, with the lesson's scenario, for {0} of virtual time.",
        "“检查我的答案”会在一个全新的集群上运行编辑器中的清单（包括课程场景），运行虚拟时间 {0}。";
    ChallengeHowPlain => "Check my solution runs the editor's manifest on a fresh cluster for {0} of virtual time.",
        "“检查我的答案”会在一个全新的集群上运行编辑器中的清单，运行虚拟时间 {0}。";
    CheckSolution => "Check my solution", "检查我的答案";
    CheckSolutionHint => "Run the challenge's checks against the editor's manifest", "用挑战的检查项检验编辑器中的清单";
    StartOverLesson => "Start from the lesson's manifest", "从课程的初始清单重新开始";
    StartOverHint => "Put the lesson's starting manifest back in the editor and restart the cluster", "把课程的初始清单放回编辑器并重新启动集群";
    CheckPassed => "passed", "通过";
    CheckFailed => "failed", "未通过";
    CheckNotRun => "not checked yet", "尚未检查";
    NextLesson => "Next lesson: {0}", "下一课：{0}";
    ChallengePassed => "Challenge passed! The lesson is marked done.", "挑战通过！本课已标记为完成。";
    ChallengeNotYet => "Not yet: {0} of {1} checks pass.", "还没有通过：{1} 项检查中通过了 {0} 项。";
    CheckStale => "(for an earlier version of the editor's text)", "（针对的是编辑器中较早的内容）";
    CheckedElsewhere => "The check ran in a cluster of its own; this page still shows the run you had.",
        "检查是在一个独立的集群里运行的；本页显示的仍是你原来的那次运行。";
    RunCheckedHere => "⟲ Run it here", "⟲ 在这里运行";
    RunCheckedHereHint => "Reset this page's cluster from the editor's manifest with the lesson's scenario, as the check ran it (then press Play)",
        "用编辑器中的清单和课程场景重置本页的集群（与检查的运行方式相同），再按播放";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(s: &str) -> BTreeSet<String> {
        let b = s.as_bytes();
        (0..b.len().saturating_sub(2))
            .filter(|&i| b[i] == b'{' && b[i + 1].is_ascii_digit() && b[i + 2] == b'}')
            .map(|i| s[i..i + 3].to_string())
            .collect()
    }

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_key_has_both_languages() {
        for &k in Key::ALL {
            let (en, zh) = (t(k, Lang::En), t(k, Lang::Zh));
            assert!(!en.trim().is_empty(), "{}: no English text", k.name());
            assert!(!zh.trim().is_empty(), "{}: no Chinese text", k.name());
            assert!(
                has_cjk(zh) || ZH_SAME_AS_EN.contains(&k.name()),
                "{}: the Chinese text {zh:?} has no Chinese in it",
                k.name()
            );
            assert_eq!(
                placeholders(en),
                placeholders(zh),
                "{}: the placeholders differ between {en:?} and {zh:?}",
                k.name()
            );
        }
    }

    /// Keys whose Chinese text is legitimately the English one (names, symbols).
    const ZH_SAME_AS_EN: &[&str] = &["UtcClock", "PodNamed"];

    #[test]
    fn every_key_is_used_by_the_ui() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui");
        let mut src = String::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "rs") {
                src.push_str(&std::fs::read_to_string(p).unwrap());
            }
        }
        for &k in Key::ALL {
            let used = format!("Key::{}", k.name());
            let hit = src.match_indices(&used).any(|(i, _)| {
                !src[i + used.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            });
            assert!(
                hit,
                "{used} is not used in src/ui: remove it from the table"
            );
        }
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(fill("{0} of {1}", &[&3, &"8"]), "3 of 8");
        assert_eq!(fill("{1}{0}", &[&"a", &"b"]), "ba");
        assert_eq!(fill("{x} {5} {", &[&1]), "{x} {5} {");
        assert_eq!(fill("", &[]), "");
        assert_eq!(fill("中{0}文", &[&"x"]), "中x文");
    }

    #[test]
    fn languages_parse() {
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en-US"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.code()), Some(l));
        }
    }
}
