//! Chinese for the editor errors that are CtrlScope's own (what it does not simulate), shown
//! under the English on the Chinese page. The API server's and kubectl's own errors stay English
//! and get none. A template's `%s` holes fill `%1`, `%2`… of the Chinese, as in the console's
//! glosses (`kubectl::console::zh`).

/// (English as the editor lists it, Chinese).
const GLOSSES: &[(&str, &str)] = &[
    (
        "kind \"Pod\" is not supported here: CtrlScope simulates Job, CronJob, DaemonSet and Node objects",
        "这里不支持 kind \"Pod\"：CtrlScope 模拟的是 Job、CronJob、DaemonSet 和 Node 对象。",
    ),
    (
        "no matches for kind %s in version %s: CtrlScope simulates batch/v1 Job and CronJob, apps/v1 DaemonSet and v1 Node objects",
        "版本 %2 中没有 kind %1：CtrlScope 模拟的是 batch/v1 的 Job 和 CronJob、apps/v1 的 DaemonSet 以及 v1 的 Node 对象。",
    ),
    (
        "no matches for kind %s in version %s (CtrlScope: %s is served as %s)",
        "（CtrlScope：集群以 %4 提供 %3）",
    ),
    (
        "%s %s is also in namespace %s: CtrlScope keeps one %s per name across namespaces; rename one",
        "%1 %2 也在命名空间 %3 里：CtrlScope 在所有命名空间中每个名字只保留一个 %4；请给其中一个改名。",
    ),
];

/// The Chinese of a CtrlScope error in the editor; `None` for the API server's and kubectl's.
pub fn gloss(message: &str) -> Option<String> {
    if !message.contains("CtrlScope") {
        return None;
    }
    crate::kubectl::console::gloss_line(GLOSSES, message)
}

/// Whether the error is CtrlScope's refusal (a kind or a name it does not simulate), not the API
/// server's or kubectl's: the editor then says CtrlScope does not accept the manifest.
pub fn ctrlscope_refusal(e: &super::ManifestError) -> bool {
    e.message.contains("CtrlScope") && !e.message.starts_with("no matches for kind ")
        || e.message.contains(": CtrlScope simulates ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_error(src: &str) -> super::super::ManifestError {
        super::super::parse_documents(src).unwrap_err().remove(0)
    }

    #[test]
    fn every_ctrlscope_error_of_the_editor_reads_in_chinese() {
        let job = |ns: &str| {
            format!("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\n  namespace: {ns}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n")
        };
        for (src, zh, refusal) in [
            (
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n".to_string(),
                "这里不支持 kind \"Pod\"：CtrlScope 模拟的是 Job、CronJob、DaemonSet 和 Node 对象。",
                true,
            ),
            (
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n".to_string(),
                "版本 \"apps/v1\" 中没有 kind \"Deployment\"：CtrlScope 模拟的是 batch/v1 的 Job 和 CronJob、apps/v1 的 DaemonSet 以及 v1 的 Node 对象。",
                true,
            ),
            (
                "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: c\n".to_string(),
                "（CtrlScope：集群以 batch/v1 提供 CronJob）",
                false,
            ),
            (
                format!("{}---\n{}", job("default"), job("other")),
                "Job \"pi\" 也在命名空间 \"default\" 里：CtrlScope 在所有命名空间中每个名字只保留一个 Job；请给其中一个改名。",
                true,
            ),
        ] {
            let e = first_error(&src);
            assert_eq!(gloss(&e.message).as_deref(), Some(zh), "{}", e.message);
            assert_eq!(ctrlscope_refusal(&e), refusal, "{}", e.message);
        }
        let e = first_error("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: Pi\n");
        assert_eq!(gloss(&e.message), None, "{}", e.message);
        assert!(!ctrlscope_refusal(&e));
    }
}
