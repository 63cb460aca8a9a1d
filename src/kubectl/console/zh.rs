//! Chinese glosses for the console's own teaching lines on the Chinese page. kubectl's answers
//! stay as kubectl prints them (English, as a real terminal shows them); the lines CtrlScope adds
//! ("CtrlScope has no files: …") are what a student needs to read, so the page shows their Chinese
//! under the output. Each English line is matched against its template (`%s` is a hole, filled
//! in order into `%1`, `%2`… of the Chinese); a test reads the console's sources so that an
//! English line edited there without its Chinese here fails.

/// (English as the console prints it, Chinese).
pub(super) const GLOSSES: &[(&str, &str)] = &[
    (
        "error: CtrlScope has no files: in the page the manifest is the YAML in the editor (change it and press Apply, Ctrl+Enter, as `kubectl apply -f` applies a file); in the CLI, give it to a scenario's `apply:` entry",
        "CtrlScope 没有文件：在网页里，清单就是编辑器里的 YAML（改好后点“应用”或按 Ctrl+Enter，相当于 `kubectl apply -f` 应用一个文件）；在命令行里，把它放进场景文件的 `apply:` 条目。",
    ),
    (
        "error: in CtrlScope, apply from the editor: change the YAML and press Apply (Ctrl+Enter)",
        "在 CtrlScope 里请从编辑器 apply：修改 YAML 后点“应用”（Ctrl+Enter）。",
    ),
    (
        "error: `kubectl %s` is not simulated in CtrlScope; its console has %s (help lists them)",
        "CtrlScope 没有模拟 `kubectl %1`；控制台支持的命令：%、2（help 会列出它们）。",
    ),
    (
        "error: %s is a kubectl%s flag that CtrlScope does not simulate; see 'help' for what it does",
        "%1 是真实 kubectl%2 的参数，但 CtrlScope 没有模拟它；help 列出这里支持的内容。",
    ),
    (
        "error: CtrlScope's console runs one kubectl command and has no shell: `%s` is not supported. Run the kubectl part alone (`-o jsonpath`, `-o custom-columns`, `-l` and `--field-selector` filter output here).",
        "CtrlScope 的控制台一次只运行一条 kubectl 命令，没有 shell：不支持 `%1`。请只运行 kubectl 那部分（这里用 `-o jsonpath`、`-o custom-columns`、`-l` 和 `--field-selector` 过滤输出）。",
    ),
    (
        "(CtrlScope: %s %s is in namespace %s: add -n %s)",
        "（CtrlScope：%1 %2 在命名空间 %3 里：加上 -n %4）",
    ),
    (
        "error: kubectl set %s is a real command that CtrlScope does not simulate (it has set image); see 'help'",
        "kubectl set %1 是真实的命令，但 CtrlScope 没有模拟它（这里有 set image）；help 列出这里支持的内容。",
    ),
    (
        "error: CtrlScope does not simulate %s (a real cluster serves them); it has pods, jobs, cronjobs, daemonsets, nodes, events, controllerrevisions and namespaces",
        "CtrlScope 没有模拟 %1（真实集群有）；这里有 pods、jobs、cronjobs、daemonsets、nodes、events、controllerrevisions 和 namespaces。",
    ),
    (
        "error: CtrlScope deletes one kind per command",
        "CtrlScope 每条命令只删除一种资源。",
    ),
    (
        "error: CtrlScope's delete and wait take one resource type per command (kubectl also takes %s): run one command per type, e.g. `delete jobs --all`, then `delete pods --all`",
        "CtrlScope 的 delete 和 wait 每条命令只处理一种资源类型（真实的 kubectl 也接受 %1）：请每种类型运行一条命令，例如先 `delete jobs --all`，再 `delete pods --all`。",
    ),
    (
        "error: CtrlScope drains one node per command: kubectl drain %s (then the next; kubectl would cordon them all first)",
        "CtrlScope 每条命令只腾空一个节点：kubectl drain %1（再腾空下一个；真实的 kubectl 会先把它们全部封锁）。",
    ),
    (
        "error: patching %s objects is not supported in CtrlScope",
        "CtrlScope 不支持 patch %1 对象。",
    ),
    (
        "(CtrlScope: the JSON patch failed: %s)",
        "（CtrlScope：JSON patch 执行失败：%1）",
    ),
    (
        "error: CtrlScope sets images in templates only: daemonsets, jobs, cronjobs",
        "CtrlScope 只修改模板里的镜像：daemonsets、jobs、cronjobs。",
    ),
    (
        "error: CtrlScope can label only nodes and pods here, not %s: kubectl label nodes|pods NAME key=value",
        "CtrlScope 在这里只能给 nodes 和 pods 打标签，不能给 %1：kubectl label nodes|pods NAME key=value",
    ),
    (
        "error: CtrlScope watches without --field-selector: kubectl get TYPE -w (-l works)",
        "CtrlScope 的 watch 不支持 --field-selector：kubectl get TYPE -w（-l 可以用）。",
    ),
    (
        "error: CtrlScope watches one name at a time: kubectl get TYPE NAME -w",
        "CtrlScope 一次只 watch 一个名字：kubectl get TYPE NAME -w",
    ),
    (
        "error: -o jsonpath-as-json with --watch is not supported in CtrlScope; use -o jsonpath",
        "CtrlScope 不支持 -o jsonpath-as-json 与 --watch 一起用；请用 -o jsonpath。",
    ),
    (
        "error: the output format %s is not supported in CtrlScope (it reads no files); allowed formats are: %s",
        "CtrlScope 不支持输出格式 %1（这里不能读取文件）；可用的格式：%2",
    ),
    (
        "error: CtrlScope's go-template knows {{.field.path}}, {{\"text\"}}, {{range .list}}...{{end}} and {{index .map \"key\"}}, not {{%s}}; -o jsonpath reads any field",
        "CtrlScope 的 go-template 只认识 {{.field.path}}、{{\"text\"}}、{{range .list}}...{{end}} 和 {{index .map \"key\"}}，不认识 {{%1}}；-o jsonpath 能读任何字段。",
    ),
    (
        "error: CtrlScope keeps no Namespace objects, so namespace %s cannot be deleted: delete what is in it (kubectl delete jobs --all -n %s) or take it out of the YAML",
        "CtrlScope 不保存 Namespace 对象，所以无法删除命名空间 %1：请删除其中的对象（kubectl delete jobs --all -n %2），或把它们从 YAML 里去掉。",
    ),
    (
        "error: the quote %s is never closed: a shell would wait for the rest of the command, so CtrlScope runs nothing (close it, or escape it as \\%s)",
        "引号 %1 没有闭合：shell 会等待命令的其余部分，所以 CtrlScope 不执行任何命令（请把它闭合，或写成 \\%2 转义）。",
    ),
    (
        "error: CtrlScope keeps no Namespace objects, so it lists them alone: kubectl get %s",
        "CtrlScope 不保存 Namespace 对象，所以只能单独列出它们：kubectl get %1",
    ),
    (
        "error: CtrlScope keeps no Namespace objects: kubectl get namespaces prints a table or -o name, not -o %s",
        "CtrlScope 不保存 Namespace 对象：kubectl get namespaces 只输出表格或 -o name，不支持 -o %1。",
    ),
    (
        "(CtrlScope: %ss are in namespace %s: add -n %s, or -A for every namespace)",
        "（CtrlScope：这些 %1 在命名空间 %2 里：加上 -n %3，或用 -A 查看所有命名空间）",
    ),
    (
        "error: CtrlScope follows one container's log: kubectl logs -f POD [-c CONTAINER]",
        "CtrlScope 一次只跟踪一个容器的日志：kubectl logs -f POD [-c CONTAINER]",
    ),
    (
        "error: CtrlScope follows one pod's log: kubectl logs -f POD",
        "CtrlScope 一次只跟踪一个 Pod 的日志：kubectl logs -f POD",
    ),
];

/// `help` in Chinese: the usage above it stays kubectl's (commands and flags are typed in English).
const HELP: &str = "这个 kubectl 控制模拟的集群，命令和参数与真实 kubectl 相同。\
get 列出对象（-o 输出格式，-l 按标签筛选，-w 随时间推进继续打印变化）；\
describe 显示对象的详情和事件；logs 查看容器日志（-f 持续跟随，-p 上一次运行）；\
delete 删除对象（--cascade 决定其附属对象的去留）；events 列出事件；wait 等待某个状况（condition）成立；\
rollout 查看、重启或回滚 DaemonSet 的滚动更新；set image 修改模板里的镜像；\
cordon、uncordon、drain、taint 操作节点；create job 从 CronJob 或镜像创建 Job；\
patch 修改对象；label 给节点和 Pod 打标签。\
apply：在编辑器里修改 YAML，点“应用”（Ctrl+Enter）。";

/// The Chinese of the CtrlScope lines in a console answer, one line each; `None` when it has
/// none (kubectl's own words are not glossed).
pub fn gloss(output: &str) -> Option<String> {
    if output == super::HELP {
        return Some(HELP.into());
    }
    if !output.contains("CtrlScope") {
        return None;
    }
    let lines: Vec<String> = output
        .lines()
        .filter(|l| l.contains("CtrlScope"))
        .filter_map(|l| gloss_line(GLOSSES, l))
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The Chinese of `line` by the first (English, Chinese) template of `table` it matches.
pub(crate) fn gloss_line(table: &[(&str, &str)], line: &str) -> Option<String> {
    table
        .iter()
        .find_map(|(en, zh)| Some(fill(zh, &holes(en, line)?)))
}

/// What the `%s` holes of `template` hold in `line` (each the shortest that fits), or `None`
/// when the line is not that template.
fn holes<'a>(template: &str, line: &'a str) -> Option<Vec<&'a str>> {
    let mut parts = template.split("%s");
    let first = parts.next().unwrap_or("");
    let mut rest = line.strip_prefix(first)?;
    let mut found = Vec::new();
    let parts: Vec<&str> = parts.collect();
    for (i, literal) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        let at = if last && literal.is_empty() {
            rest.len()
        } else if last {
            // The last literal ends the line.
            rest.strip_suffix(literal).map(str::len)?
        } else {
            rest.find(literal)?
        };
        found.push(&rest[..at]);
        rest = &rest[at + literal.len()..];
    }
    if parts.is_empty() && !rest.is_empty() {
        return None;
    }
    Some(found)
}

/// The Chinese with `%1`, `%2`… replaced by the holes' text; `%、2` takes an English list
/// (`a, b, c`) and joins it with the Chinese enumeration comma (`a、b、c`).
fn fill(zh: &str, holes: &[&str]) -> String {
    let mut out = zh.to_string();
    for (i, h) in holes.iter().enumerate().rev() {
        out = out.replace(&format!("%、{}", i + 1), &h.replace(", ", "、"));
        out = out.replace(&format!("%{}", i + 1), h);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string literal of the console's sources that says "CtrlScope", as the console
    /// prints it: a format string's `{name}`, `{}`, `{x:?}` become `%s`, `{{` `}}` braces.
    fn english_lines() -> Vec<(String, String)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/kubectl/console");
        let mut found = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "rs") && !p.ends_with("zh.rs"))
            .collect();
        files.sort();
        for path in files {
            let src = std::fs::read_to_string(&path).unwrap();
            let code: String = src
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            for lit in literals(&code) {
                for line in lit.split('\n') {
                    if line.contains("CtrlScope") {
                        found.push((path.display().to_string(), format_template(line)));
                    }
                }
            }
        }
        found
    }

    /// The contents of the `"…"` literals in Rust source (escapes undone); char literals such
    /// as `'"'` are skipped.
    fn literals(code: &str) -> Vec<String> {
        let b: Vec<char> = code.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                '\'' if b.get(i + 1) == Some(&'\\') && b.get(i + 3) == Some(&'\'') => i += 4,
                '\'' if b.get(i + 2) == Some(&'\'') => i += 3,
                '"' => {
                    let mut s = String::new();
                    i += 1;
                    while i < b.len() && b[i] != '"' {
                        if b[i] == '\\' {
                            i += 1;
                            match b.get(i) {
                                Some('n') => s.push('\n'),
                                Some('\n') => {
                                    // A continued line: its leading spaces are not in it.
                                    while b.get(i + 1).is_some_and(|c| c.is_whitespace()) {
                                        i += 1;
                                    }
                                }
                                Some(&c) => s.push(c),
                                None => {}
                            }
                        } else {
                            s.push(b[i]);
                        }
                        i += 1;
                    }
                    out.push(s);
                    i += 1;
                }
                _ => i += 1,
            }
        }
        out
    }

    fn format_template(s: &str) -> String {
        let mut out = String::new();
        let mut it = s.chars().peekable();
        while let Some(c) = it.next() {
            match c {
                '{' if it.peek() == Some(&'{') => {
                    it.next();
                    out.push('{');
                }
                '}' if it.peek() == Some(&'}') => {
                    it.next();
                    out.push('}');
                }
                '{' => {
                    for c in it.by_ref() {
                        if c == '}' {
                            break;
                        }
                    }
                    out.push_str("%s");
                }
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn every_ctrlscope_line_of_the_console_has_its_chinese_and_none_is_stale() {
        let english = english_lines();
        assert!(english.len() >= 20, "{english:?}");
        for (file, line) in &english {
            assert!(
                GLOSSES.iter().any(|(en, _)| en == line),
                "{file}: no Chinese for {line:?} in src/kubectl/console/zh.rs"
            );
        }
        for (en, zh) in GLOSSES {
            assert!(
                english.iter().any(|(_, l)| l == en),
                "stale gloss (the console no longer prints it): {en:?}"
            );
            let holes = en.matches("%s").count();
            for i in 1..=holes {
                assert!(
                    zh.contains(&format!("%{i}")) || zh.contains(&format!("%、{i}")),
                    "{zh:?} lacks %{i}"
                );
            }
            assert!(!zh.contains(&format!("%{}", holes + 1)), "{zh:?}");
        }
    }

    #[test]
    fn the_lectures_kubectl_apply_and_a_shell_pipe_read_in_chinese() {
        let mut s = crate::sim::Simulation::new(crate::sim::SimConfig::default());
        for (line, zh) in [
            ("kubectl apply -f job.yaml", "CtrlScope 没有文件"),
            ("kubectl create -f job.yaml", "CtrlScope 没有文件"),
            ("kubectl get pods | grep pi", "不支持 `|`"),
            ("kubectl get ingress", "CtrlScope 没有模拟 ingresses"),
            ("kubectl drain a b", "kubectl drain a（"),
            ("kubectl port-forward x", "get、describe、logs"),
        ] {
            let out = super::super::run(&mut s, line).output;
            let g = gloss(&out).unwrap_or_else(|| panic!("{line}: {out}"));
            assert!(g.contains(zh), "{line}: {out}\n{g}");
        }
    }

    #[test]
    fn help_reads_in_chinese_under_kubectls_usage() {
        let mut s = crate::sim::Simulation::new(crate::sim::SimConfig::default());
        for line in ["help", "kubectl --help", "-h"] {
            let out = super::super::run(&mut s, line).output;
            assert!(out.starts_with("kubectl controls"), "{line}: {out}");
            let g = gloss(&out).unwrap_or_else(|| panic!("{line}: {out}"));
            assert!(g.contains("drain") && g.contains("“应用”"), "{g}");
        }
    }

    #[test]
    fn holes_take_the_shortest_fit_and_may_be_empty() {
        assert_eq!(
            holes(
                "error: %s is a kubectl%s flag that",
                "error: --x is a kubectl flag that"
            ),
            Some(vec!["--x", ""])
        );
        assert_eq!(
            holes(
                "(CtrlScope: %ss are in namespace %s: add",
                "(CtrlScope: Jobs are in namespace a: add"
            ),
            Some(vec!["Job", "a"])
        );
        assert_eq!(holes("a %s b", "a x b c"), None);
        assert_eq!(holes("exact", "exact"), Some(vec![]));
        assert_eq!(holes("exact", "exact and more"), None);
    }

    #[test]
    fn a_kubectl_line_has_no_gloss_and_a_ctrlscope_line_reads_in_chinese() {
        assert_eq!(
            gloss("Error from server (NotFound): pods \"x\" not found"),
            None
        );
        let g = gloss("error: CtrlScope drains one node per command: kubectl drain a (then the next; kubectl would cordon them all first)").unwrap();
        assert!(g.contains("kubectl drain a（"), "{g}");
        let g = gloss("Error from server (NotFound): jobs.batch \"pi\" not found\n(CtrlScope: job \"pi\" is in namespace kube-system: add -n kube-system)").unwrap();
        assert_eq!(
            g,
            "（CtrlScope：job \"pi\" 在命名空间 kube-system 里：加上 -n kube-system）"
        );
    }
}
