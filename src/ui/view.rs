//! Small view helpers: how a pod looks (class, icon, words), time formatting.

use crate::api::{Duration, Pod, Time};
use crate::kubectl;

/// A pod's look. Each has a colour, an icon and a word, so colour is never the only cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    Pending,
    Creating,
    Running,
    Succeeded,
    Failed,
    CrashLoop,
    Terminating,
    Other,
}

impl Look {
    pub fn class(self) -> &'static str {
        match self {
            Look::Pending => "st-pending",
            Look::Creating => "st-creating",
            Look::Running => "st-running",
            Look::Succeeded => "st-succeeded",
            Look::Failed => "st-failed",
            Look::CrashLoop => "st-crashloop",
            Look::Terminating => "st-terminating",
            Look::Other => "st-other",
        }
    }

    pub fn icon(self) -> &'static str {
        match self {
            Look::Pending => "…",
            Look::Creating => "◔",
            Look::Running => "▶",
            Look::Succeeded => "✓",
            Look::Failed => "✗",
            Look::CrashLoop => "↻",
            Look::Terminating => "⏏",
            Look::Other => "?",
        }
    }
}

/// The STATUS column (`kubectl get pods`) and the look it maps to.
pub fn pod_look(pod: &Pod) -> (Look, String) {
    let status = kubectl::pod_status(pod);
    let look = match status.as_str() {
        "Terminating" => Look::Terminating,
        "Completed" => Look::Succeeded,
        "Running" => Look::Running,
        "CrashLoopBackOff" | "Init:CrashLoopBackOff" => Look::CrashLoop,
        "ContainerCreating" | "PodInitializing" => Look::Creating,
        _ if pod.status.phase == "Failed" => Look::Failed,
        // A container of a running pod exited and will be restarted: a crash loop, not a
        // failed pod.
        "Error" | "OOMKilled"
            if pod.status.phase == "Running" && pod.spec.restart_policy != "Never" =>
        {
            Look::CrashLoop
        }
        // An init container that just failed reads like a container that did.
        "Init:Error" | "Init:OOMKilled" => Look::Failed,
        s if s.starts_with("Init:") => Look::Creating,
        "Pending" if pod.spec.node_name.is_empty() => Look::Pending,
        "Pending" => Look::Creating,
        "Error" | "OOMKilled" | "Failed" | "Evicted" | "DeadlineExceeded" => Look::Failed,
        _ if pod.status.phase == "Failed" => Look::Failed,
        _ if pod.status.phase == "Succeeded" => Look::Succeeded,
        // NotReady: one container has completed while another runs on.
        _ if pod.status.phase == "Running" => Look::Running,
        _ => Look::Other,
    };
    (look, status)
}

/// Virtual time since the start as `m:ss` (or `h:mm:ss`).
pub fn clock(d: Duration) -> String {
    let s = d.whole_secs().max(0);
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// `clock`, with the fraction of a second when there is one (`2:00.1`): the CronJob controller
/// acts at :00.1 (nextScheduleTimeDuration's 100 ms), and a scrub lands on :00.0, two
/// instants that must not read the same. For a stopped clock (a playing one would flicker).
pub fn clock_exact(d: Duration) -> String {
    let ms = d.0.max(0) % 1000;
    match ms {
        0 => clock(d),
        _ => format!("{}.{}", clock(d), format!("{ms:03}").trim_end_matches('0')),
    }
}

/// `00:01:32` of an instant (UTC).
pub fn hms(t: Time) -> String {
    t.hms()
}

/// The last dash-separated part of a generated name (`paral-1-x7k2q` → `x7k2q`).
pub fn suffix(name: &str) -> &str {
    name.rsplit_once('-').map_or(name, |(_, s)| s)
}

/// A ref whose element takes the keyboard focus when the component mounts (a dialog's close
/// button, so Esc/Enter work at once and screen readers land in the dialog).
#[yew::hook]
pub fn use_focus_on_mount() -> yew::NodeRef {
    let r = yew::use_node_ref();
    {
        let r = r.clone();
        yew::use_effect_with((), move |_| {
            if let Some(el) = r.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    r
}

/// "1 error", "3 errors" (1 处 / 3 处错误).
pub fn count_errors(n: usize, lang: crate::i18n::Lang) -> String {
    use crate::i18n::{t, tf, Key};
    if n == 1 {
        t(Key::OneError, lang).to_string()
    } else {
        tf(Key::Errors, lang, &[&n])
    }
}

/// The line above a refused manifest's errors: a YAML syntax error, or a kind at a version no
/// API serves (kubectl's REST mapping: `batch/v1beta1` CronJob), is kubectl's own, before any
/// request; else the API server's refusal. The cluster runs on unchanged, or, when no manifest
/// was ever accepted (a lesson page about the error), nothing of it was created.
pub fn refusal_lead(
    errors: &[crate::manifest::ManifestError],
    nothing_applied: bool,
    lang: crate::i18n::Lang,
) -> String {
    use crate::i18n::{tf, Key};
    let syntax = |e: &&crate::manifest::ManifestError| e.message.starts_with("yaml: ");
    let unmapped = |e: &&crate::manifest::ManifestError| {
        e.message.starts_with("no matches for kind ")
            && !e.message.contains(": CtrlScope simulates ")
    };
    // `.inf`/`.nan`: valid YAML that kubectl's YAML-to-JSON conversion refuses.
    let convert = |e: &&crate::manifest::ManifestError| {
        e.message.starts_with("error converting YAML to JSON: ")
    };
    let key = if errors.iter().all(|e| syntax(&e)) {
        if nothing_applied {
            Key::SyntaxLeadNone
        } else {
            Key::SyntaxLead
        }
    } else if errors.iter().all(|e| syntax(&e) || convert(&e)) {
        if nothing_applied {
            Key::ConvertLeadNone
        } else {
            Key::ConvertLead
        }
    } else if errors.iter().all(|e| syntax(&e) || unmapped(&e)) {
        if nothing_applied {
            Key::MappingLeadNone
        } else {
            Key::MappingLead
        }
    } else if errors
        .iter()
        .all(|e| syntax(&e) || crate::manifest::zh::ctrlscope_refusal(e))
    {
        // A kind or a name CtrlScope does not simulate: not the API server's refusal.
        if nothing_applied {
            Key::CtrlScopeLeadNone
        } else {
            Key::CtrlScopeLead
        }
    } else if nothing_applied {
        Key::RejectLeadNone
    } else {
        Key::RejectLead
    };
    tf(key, lang, &[&count_errors(errors.len(), lang)])
}

/// Scrolls the least needed to show `el` (its scroll boxes and the page: `block: nearest`).
pub fn reveal(el: &web_sys::Element) {
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// Whether the keyboard focus fell back to the document (its element was removed or disabled).
pub fn focus_lost() -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    match (doc.active_element(), doc.body()) {
        (None, _) => true,
        (Some(a), Some(b)) => a == *b.as_ref(),
        _ => false,
    }
}

/// Focuses the first element `selector` finds; false when there is none.
pub fn focus(selector: &str) -> bool {
    use wasm_bindgen::JsCast;
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| el.focus().is_ok())
}

/// Focuses the first element `selector` finds without scrolling the page to it.
pub fn focus_quietly(selector: &str) -> bool {
    use wasm_bindgen::JsCast;
    let quiet = web_sys::FocusOptions::new();
    quiet.set_prevent_scroll(true);
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| el.focus_with_options(&quiet).is_ok())
}

/// Which shortcut keys act in the current setting, so that a control declares
/// (`aria-keyshortcuts`) and shows (`data-kbd`, its focus hint) only keys that work (WCAG 4.1.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyMode {
    /// The single-key shortcuts (letters, Space, punctuation) are on: Help turns them off.
    pub letters: bool,
    /// ← → turn the lesson's pages (classroom mode with a lesson open), not the clock.
    pub arrows_turn_pages: bool,
    /// The lesson's page keys act (a lesson open, not under the enlarged loop).
    pub pages: bool,
}

/// `aria-keyshortcuts` and `data-kbd` from (declared key, shown key, acts now): the keys that
/// act, or neither attribute when none does.
pub fn kbd(keys: &[(&str, &str, bool)]) -> (Option<String>, Option<String>) {
    let mut aria = String::new();
    let mut shown = String::new();
    for (a, s, _) in keys.iter().filter(|k| k.2) {
        if !aria.is_empty() {
            aria.push(' ');
            shown.push_str(" / ");
        }
        aria.push_str(a);
        shown.push_str(s);
    }
    if aria.is_empty() {
        (None, None)
    } else {
        (Some(aria), Some(shown))
    }
}

/// A hint (a tooltip, a label) whose trailing "(keys)" names the keys that act now, or none.
pub fn with_keys(text: &str, shown: Option<&str>, lang: crate::i18n::Lang) -> String {
    let zh = lang == crate::i18n::Lang::Zh;
    let bare = match (text.strip_suffix(')'), text.strip_suffix('）')) {
        (Some(t), _) => t.rfind('(').map(|i| &t[..i]),
        (_, Some(t)) => t.rfind('（').map(|i| &t[..i]),
        _ => None,
    }
    .unwrap_or(text)
    .trim_end();
    match shown {
        Some(k) if zh => format!("{bare}（{k}）"),
        Some(k) => format!("{bare} ({k})"),
        None => bare.to_string(),
    }
}
