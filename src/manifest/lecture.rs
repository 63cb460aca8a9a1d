//! The lecture's known mistakes (the course's seed lecture), recognised in the API server's
//! error they cause, so the editor can say beside the error what the lecture said and what
//! Kubernetes does. The error itself stays the API server's own words.

use super::ManifestError;

/// What to tell a student about one error, in English and Chinese.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Note {
    pub en: &'static str,
    pub zh: &'static str,
}

const RESTART_POLICY: Note = Note {
    en: "The lecture says a Job may use restartPolicy Always. The API server accepts only OnFailure or Never for a Job's pods: a Job's pod must be able to end.",
    zh: "讲义说 Job 可以用 restartPolicy: Always。实际上 API 服务器只接受 OnFailure 或 Never：Job 的 Pod 必须能运行结束。",
};
const CONCURRENCY_POLICY: Note = Note {
    en: "The lecture describes concurrencyPolicy as true/false. It is one of three words: Allow (the default: runs may overlap), Forbid (skip a run while one is active) or Replace (delete the active Job and start the new one).",
    zh: "讲义把 concurrencyPolicy 说成 true/false。它其实是三个取值之一：Allow（默认，允许重叠）、Forbid（有 Job 在运行时跳过这次调度）、Replace（删除正在运行的 Job，再启动新的）。",
};
const HISTORY_LIMIT: Note = Note {
    en: "The lecture calls it JobsHistoryLimit. The real fields are successfulJobsHistoryLimit (default 3) and failedJobsHistoryLimit (default 1).",
    zh: "讲义里写的是 JobsHistoryLimit。真正的字段是 successfulJobsHistoryLimit（默认 3）和 failedJobsHistoryLimit（默认 1）。",
};
const SCHEDULE: Note = Note {
    en: "The lecture writes the schedule as /*/1. A cron schedule has five fields (minute hour day-of-month month day-of-week): every minute is \"*/1 * * * *\" (or \"* * * * *\"), in quotes.",
    zh: "讲义把 schedule 字段写成 /*/1。cron 表达式有五个字段（分 时 日 月 星期）：每分钟一次是 \"*/1 * * * *\"（或 \"* * * * *\"），要加引号。",
};
const UNQUOTED_STAR: Note = Note {
    en: "In YAML a value that starts with * is an alias (a reference to an &anchor). Put the cron expression in quotes: schedule: \"*/1 * * * *\".",
    zh: "在 YAML 里以 * 开头的值是别名（引用某个 &锚点）。请给 cron 表达式加上引号：schedule: \"*/1 * * * *\"。",
};
const UNQUOTED_AT: Note = Note {
    en: "In YAML @ and ` are reserved: a value cannot start with them. Put the schedule in quotes: schedule: \"@daily\".",
    zh: "在 YAML 里 @ 和 ` 是保留字符，值不能以它们开头。请给调度表达式加上引号：schedule: \"@daily\"。",
};
const CRONJOB_V1BETA1: Note = Note {
    en: "The lecture uses batch/v1beta1, which Kubernetes 1.25 removed. CronJob is batch/v1 (since 1.21).",
    zh: "讲义用的是 batch/v1beta1，Kubernetes 1.25 已经移除了它。CronJob 现在是 batch/v1（1.21 起）。",
};
const KIND_CASE: Note = Note {
    en: "Kinds are case-sensitive: write the kind exactly as Kubernetes spells it (Job, CronJob, DaemonSet, Node), each word with a capital letter. No cluster serves this spelling.",
    zh: "kind 区分大小写：请完全按 Kubernetes 的拼写来写（Job、CronJob、DaemonSet、Node），每个单词首字母大写。任何集群都不提供这种拼写的类型。",
};

const FULL_WIDTH: Note = Note {
    en: "This line has full-width punctuation (such as ： ， “ ” ‘ ’ （ ） － or a full-width space), typed by a Chinese input method. YAML's colon, comma, quotes and spaces must be the ASCII ones: switch the input method to English while writing YAML.",
    zh: "这一行有全角标点（如 ： ， “ ” ‘ ’ （ ） － 或全角空格），是中文输入法打出来的。YAML 的冒号、逗号、引号和空格必须是半角（ASCII）字符：写 YAML 时请切换到英文输入。",
};
const ODD_SPACE: Note = Note {
    en: "This line has a space that is not an ASCII space (a no-break space U+00A0, or a zero-width one), as text copied from a web page or slides often has. YAML reads it as part of the text, not as a space: type those spaces again.",
    zh: "这一行有不是半角空格的空白字符（不换行空格 U+00A0 或零宽空格），从网页或幻灯片复制的文字常带有它。YAML 把它当作文字而不是空格：请重新输入这些空格。",
};
const TAB: Note = Note {
    en: "YAML does not allow a tab where indentation or a value starts (kubectl's YAML parser stops at it). Indent with spaces.",
    zh: "YAML 不允许在缩进处或值的开头使用制表符（Tab）（kubectl 的 YAML 解析器会在这里报错）。请用空格缩进。",
};

/// Full-width punctuation a Chinese input method types in place of YAML's own.
const FULL_WIDTH_CHARS: [char; 10] = ['：', '，', '“', '”', '‘', '’', '（', '）', '\u{3000}', '－'];

/// The note for a typing slip behind an error (not the lecture's): full-width punctuation on
/// the error's line or the line before (a missing ':' is found on the next line), or a tab.
pub fn typing_note(e: &ManifestError, text: &str) -> Option<Note> {
    typing_note_in(e, &text.lines().collect::<Vec<_>>())
}

/// [`typing_note`] over the text's lines, split once for a whole list of errors (a pasted
/// file with thousands of errors must not split the text again for each).
pub fn typing_note_in(e: &ManifestError, lines: &[&str]) -> Option<Note> {
    let m = e.message.as_str();
    let syntax =
        m.starts_with("yaml:") || m.contains("cannot unmarshal") || m.contains("unknown field");
    if !syntax || e.line == 0 {
        return None;
    }
    let line = |n: usize| lines.get(n.saturating_sub(1)).copied().unwrap_or("");
    if m.contains("found character that cannot start any token") || m.contains("found a tab") {
        return line(e.line).contains('\t').then_some(TAB);
    }
    let lines = [line(e.line.saturating_sub(1).max(1)), line(e.line)];
    if lines.iter().any(|l| l.contains(FULL_WIDTH_CHARS)) {
        return Some(FULL_WIDTH);
    }
    lines
        .iter()
        .any(|l| l.contains(ODD_SPACES))
        .then_some(ODD_SPACE)
}

/// Spaces that are not YAML's: a no-break space (web pages, slides), zero-width ones.
const ODD_SPACES: [char; 4] = ['\u{a0}', '\u{200b}', '\u{2060}', '\u{feff}'];

/// The note for an error a lecture mistake causes, if it is one. `line` is the source line the
/// error stands on (for YAML syntax errors, which have no field path).
pub fn note(e: &ManifestError, line: Option<&str>) -> Option<Note> {
    let m = e.message.as_str();
    // A Job's `Always` is refused as `Required value` (batch validation.go: the pod's default,
    // Always, means none was chosen); a missing restartPolicy gets the same words, so the line
    // must say Always.
    if e.field.ends_with("template.spec.restartPolicy")
        && line.is_some_and(|l| l.contains("Always"))
    {
        return Some(RESTART_POLICY);
    }
    // Only for the lecture's true/false (a bool, or its words in quotes).
    if m.contains("spec.concurrencyPolicy")
        && (m.contains("unmarshal bool") || m.contains("\"true\"") || m.contains("\"false\""))
    {
        return Some(CONCURRENCY_POLICY);
    }
    if m.contains("unknown field \"spec.JobsHistoryLimit\"")
        || m.contains("unknown field \"spec.jobsHistoryLimit\"")
    {
        return Some(HISTORY_LIMIT);
    }
    if e.field == "spec.schedule" && m.contains("\"/*/") {
        return Some(SCHEDULE);
    }
    if m.contains("no matches for kind \"CronJob\" in version \"batch/v1beta1\"") {
        return Some(CRONJOB_V1BETA1);
    }
    // `kind: job`: a kind a cluster serves, spelt in other letter cases.
    let kind = m
        .strip_prefix("no matches for kind \"")
        .and_then(|r| r.split('"').next());
    if kind.is_some_and(|k| {
        super::BUILTIN_KINDS.iter().all(|(_, b)| *b != k)
            && super::BUILTIN_KINDS
                .iter()
                .any(|(_, b)| b.eq_ignore_ascii_case(k))
    }) {
        return Some(KIND_CASE);
    }
    let schedule = |l: &str| {
        let l = l.trim_start().trim_start_matches("- ");
        l.starts_with("schedule: @") || l.starts_with("schedule: `")
    };
    if m.ends_with("found character that cannot start any token") && line.is_some_and(schedule) {
        return Some(UNQUOTED_AT);
    }
    let alias = m.ends_with("did not find expected alphabetic or numeric character")
        || m.contains("unknown anchor");
    if alias && line.is_some_and(|l| l.contains(": *") || l.contains(":*")) {
        return Some(UNQUOTED_STAR);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::parse_documents;

    fn notes(yaml: &str) -> Vec<Option<Note>> {
        let errs = parse_documents(yaml).err().unwrap_or_default();
        errs.iter()
            .map(|e| note(e, yaml.lines().nth(e.line.saturating_sub(1))))
            .collect()
    }

    #[test]
    fn typing_slips_are_named() {
        let slip = |yaml: &str| {
            let errs = parse_documents(yaml).err().unwrap_or_default();
            errs.iter()
                .map(|e| typing_note(e, yaml))
                .collect::<Vec<_>>()
        };
        let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: a\nspec:\n  backoffLimit: 2\n  template:\n    spec:\n      restartPolicy：Never\n      containers: []\n";
        assert_eq!(slip(job), [Some(FULL_WIDTH)]);
        let tab = job.replace("restartPolicy：Never", "\trestartPolicy: Never");
        assert_eq!(slip(&tab), [Some(TAB)]);
        let comma = "apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n  labels: {a: b，c: d}\n";
        assert!(parse_documents(comma).is_ok() || slip(comma) == [Some(FULL_WIDTH)]);
        // Another error on a line without a slip: no note.
        let other = job
            .replace("restartPolicy：Never", "restartPolicy: Never")
            .replace("containers: []", "containers: 3");
        assert_eq!(slip(&other), [None]);
        // A key with a full-width colon among keys is marked on its own line (the message
        // names the next one, as go-yaml does), and the note speaks of that line.
        let among = job.replace(
            "      restartPolicy：Never\n",
            "      restartPolicy: Never\n      # the pod\n      dnsPolicy：Default\n\n",
        );
        let errs = parse_documents(&among).err().unwrap_or_default();
        assert_eq!(
            errs.iter().map(|e| (e.line, e.column)).collect::<Vec<_>>(),
            [(11, 7)],
            "{errs:?}"
        );
        assert!(errs[0]
            .message
            .starts_with("yaml: line 13: could not find expected ':'"));
        assert_eq!(slip(&among), [Some(FULL_WIDTH)]);
        // A no-break space pasted from a page or slides.
        let nbsp = job.replace("restartPolicy：Never", "restartPolicy:\u{a0}Never");
        assert_eq!(slip(&nbsp), [Some(ODD_SPACE)]);
    }

    const CRON: &str = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: SCHED\nEXTRA  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: POLICY\n          containers:\n          - name: hello\n            image: busybox:1.36\n";

    fn cron(sched: &str, extra: &str, policy: &str) -> String {
        CRON.replace("SCHED", sched)
            .replace("EXTRA", extra)
            .replace("POLICY", policy)
    }

    /// Each of the lecture's mistakes, typed as the lecture writes it, gets its note.
    #[test]
    fn the_lecture_mistakes_are_recognised() {
        let ok = "\"*/1 * * * *\"";
        assert_eq!(notes(&cron(ok, "", "Always")), vec![Some(RESTART_POLICY)]);
        assert_eq!(
            notes(&cron(ok, "  concurrencyPolicy: true\n", "OnFailure")),
            vec![Some(CONCURRENCY_POLICY)]
        );
        assert_eq!(
            notes(&cron(ok, "  concurrencyPolicy: \"false\"\n", "OnFailure")),
            vec![Some(CONCURRENCY_POLICY)]
        );
        assert_eq!(
            notes(&cron(ok, "  JobsHistoryLimit: 10\n", "OnFailure")),
            vec![Some(HISTORY_LIMIT)]
        );
        assert_eq!(notes(&cron("/*/1", "", "OnFailure")), vec![Some(SCHEDULE)]);
        assert_eq!(
            notes(&cron("*/1 * * * *", "", "OnFailure")),
            vec![Some(UNQUOTED_STAR)]
        );
        // scannerc.go: '@' cannot start a token; go-yaml's words, and the hint to quote it.
        let at = cron("@daily", "", "OnFailure");
        let errs = parse_documents(&at).err().unwrap_or_default();
        assert!(
            errs[0]
                .message
                .ends_with(": found character that cannot start any token"),
            "{errs:?}"
        );
        assert_eq!(notes(&at), vec![Some(UNQUOTED_AT)]);
        // The same error elsewhere is no schedule's.
        let name = cron(ok, "", "OnFailure").replace("name: hello", "name: @hello");
        assert_ne!(name, cron(ok, "", "OnFailure"));
        assert_eq!(notes(&name), vec![None]);
        let beta = cron(ok, "", "OnFailure").replace("batch/v1", "batch/v1beta1");
        assert_eq!(notes(&beta), vec![Some(CRONJOB_V1BETA1)]);
        // A missing restartPolicy is refused with the same words: not the lecture's mistake.
        let missing = cron(ok, "", "OnFailure").replace("          restartPolicy: OnFailure\n", "");
        assert_eq!(notes(&missing), vec![None]);
        assert_eq!(
            notes(&cron(ok, "  concurrencyPolicy: allow\n", "OnFailure")),
            vec![None]
        );
        // Other mistakes get none.
        assert_eq!(notes(&cron("\"61 * * * *\"", "", "OnFailure")), vec![None]);
    }
}
