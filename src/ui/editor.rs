//! The manifest editor: a textarea with a line-number gutter, validated on every keystroke by
//! the core (`parse_documents`, `validate_update` against the live objects), Apply / Reset and
//! the example picker.

use std::collections::BTreeMap;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::presets::PRESETS;
use super::state::{Check, Msg, Verdict, LARGE_TEXT};
use crate::i18n::{t, tf, Key, Lang};
use crate::manifest::refuses_job_template_change;
use crate::sim::kubectl_resource;

/// How long the typing pauses before a large text is validated.
const PAUSE_MS: u32 = 250;

/// Above this many lines the gutter is one plain block (no per-line marks).
const MARKED_LINES_MAX: usize = 3000;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub text: Rc<str>,
    pub text_rev: u64,
    /// The `text_rev` that `check` describes: behind while a large text waits for a pause.
    pub check_rev: u64,
    pub text_loads: u64,
    pub check: Rc<Check>,
    pub preset: Rc<str>,
    /// The editor's text differs from what the cluster was last reset from or applied.
    pub dirty: bool,
    /// No manifest was accepted since the cluster started (a lesson page about an error).
    pub nothing_applied: bool,
    pub lang: Lang,
    /// A lesson is open (Reset keeps its scenario).
    pub lesson: bool,
    /// E focuses the manifest (the single-key shortcuts on, not classroom mode, where E hides
    /// the editor).
    pub e_key: bool,
    pub dispatch: Callback<Msg>,
}

/// UTF-16 offset of 1-based (line, column) in `text` (the textarea's selection unit).
fn utf16_offset(text: &str, line: usize, col: usize) -> u32 {
    let mut off = 0usize;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            off += l
                .chars()
                .take(col.saturating_sub(1))
                .map(char::len_utf16)
                .sum::<usize>();
            return off as u32;
        }
        off += l.encode_utf16().count() + 1;
    }
    off as u32
}

/// The errors listed under the editor: kubectl prints them all, but a pasted file with
/// thousands would make every keystroke redraw thousands of rows; the rest are counted.
const SHOWN_ERRORS: usize = 200;

#[function_component(Editor)]
pub fn editor(p: &EditorProps) -> Html {
    let lang = p.lang;
    let area = use_node_ref();
    let text = p.text.clone();
    let lines = text.split('\n').count().max(1);

    // line → (is error, messages) for the gutter marks
    let mut marks: BTreeMap<usize, (bool, Vec<String>)> = BTreeMap::new();
    for e in &p.check.errors {
        let m = marks.entry(e.line).or_insert((true, Vec::new()));
        m.0 = true;
        m.1.push(e.message.clone());
    }
    for d in &p.check.docs {
        if let Verdict::Refused { errors, .. } = &d.verdict {
            for e in errors {
                let m = marks.entry(e.line).or_insert((false, Vec::new()));
                m.1.push(e.message.clone());
            }
        }
    }

    {
        // A loaded text (an example, a lesson page) is shown from its top, not scrolled where
        // the previous one was; one the API server refuses (a lesson's rejected manifest) is
        // shown at its first error, which may be below the few lines a projector shows.
        let area = area.clone();
        let first_error = marks
            .iter()
            .find(|(_, (err, _))| *err)
            .or_else(|| marks.iter().next())
            .map(|(line, _)| *line);
        use_effect_with(p.text_loads, move |_| {
            if let Some(code) = area
                .cast::<web_sys::Element>()
                .and_then(|el| el.closest(".code").ok().flatten())
            {
                let mark = first_error.and_then(|l| {
                    code.query_selector(&format!(".ln[data-line=\"{l}\"]"))
                        .ok()
                        .flatten()
                });
                let top = mark.map_or(0, |m| {
                    let m: web_sys::HtmlElement = m.unchecked_into();
                    (m.offset_top() - code.client_height() / 3).max(0)
                });
                code.set_scroll_top(top);
            }
        });
    }

    let gutter = if lines <= MARKED_LINES_MAX {
        html! {
            { for (1..=lines).map(|n| match marks.get(&n) {
                Some((err, msgs)) => html! {
                    <span class={classes!("ln", if *err { "err" } else { "warn" })}
                        data-line={n.to_string()} title={msgs.join("\n")}>
                        <span class="mk">{ if *err { "✗" } else { "!" } }</span>{ n }
                    </span>
                },
                None => html! { <span class="ln">{ n }</span> },
            }) }
        }
    } else {
        let numbers: String = (1..=lines).map(|n| format!("{n}\n")).collect();
        html! { <span class="ln-block">{ numbers }</span> }
    };

    // A large text is validated once the typing pauses for PAUSE_MS (each keystroke drops
    // the previous timer), so typing in it stays quick.
    let pause = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    // Set while a check waits for the pause; cleared when it comes.
    let waiting = use_mut_ref(|| false);
    {
        // Hidden (E) before the pause came: its timer goes with the editor, so check now.
        let (waiting, d) = (waiting.clone(), p.dispatch.clone());
        use_effect_with((), move |_| {
            move || {
                if std::mem::take(&mut *waiting.borrow_mut()) {
                    d.emit(Msg::Recheck);
                }
            }
        });
    }
    let on_input = {
        let d = p.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlTextAreaElement = e.target_unchecked_into();
            let text = el.value();
            let large = text.len() > LARGE_TEXT;
            d.emit(Msg::Edit(text));
            *waiting.borrow_mut() = large;
            *pause.borrow_mut() = large.then(|| {
                let (d, waiting) = (d.clone(), waiting.clone());
                gloo_timers::callback::Timeout::new(PAUSE_MS, move || {
                    *waiting.borrow_mut() = false;
                    d.emit(Msg::Recheck);
                })
            });
        })
    };
    // A closed select changes on every arrow key: loading each example passed on the way
    // would restart the cluster each time (WCAG 3.2.2). Chosen with the arrows, an example
    // loads on Enter; leaving the select unchosen puts back the loaded one. A mouse pick, or
    // Enter in the opened list, loads at once.
    let arrowed = use_mut_ref(|| false);
    let on_preset = {
        let d = p.dispatch.clone();
        let arrowed = arrowed.clone();
        Callback::from(move |e: Event| {
            if *arrowed.borrow() {
                return;
            }
            let el: HtmlSelectElement = e.target_unchecked_into();
            d.emit(Msg::Preset(el.value()));
        })
    };
    let on_preset_key = {
        let d = p.dispatch.clone();
        let arrowed = arrowed.clone();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            let moves = matches!(
                key.as_str(),
                "ArrowUp"
                    | "ArrowDown"
                    | "ArrowLeft"
                    | "ArrowRight"
                    | "Home"
                    | "End"
                    | "PageUp"
                    | "PageDown"
            ) && !e.alt_key();
            if key == "Enter" && *arrowed.borrow() {
                e.prevent_default();
                *arrowed.borrow_mut() = false;
                let el: HtmlSelectElement = e.target_unchecked_into();
                d.emit(Msg::Preset(el.value()));
                return;
            }
            // Tab and Shift leave `arrowed` as it is: the blur that follows puts the loaded
            // example back. Space or Alt+↓ open the list, whose choice loads at once.
            if moves {
                *arrowed.borrow_mut() = true;
            } else if key == " " || e.alt_key() {
                *arrowed.borrow_mut() = false;
            }
        })
    };
    let on_preset_pointer = {
        let arrowed = arrowed.clone();
        Callback::from(move |_: MouseEvent| *arrowed.borrow_mut() = false)
    };
    let on_preset_blur = {
        let arrowed = arrowed.clone();
        let loaded = p.preset.clone();
        Callback::from(move |e: FocusEvent| {
            if std::mem::take(&mut *arrowed.borrow_mut()) {
                let el: HtmlSelectElement = e.target_unchecked_into();
                el.set_value(&loaded);
            }
        })
    };
    let apply = p.dispatch.reform(|_: MouseEvent| Msg::Apply);
    let reset = p.dispatch.reform(|_: MouseEvent| Msg::Reset);
    let goto = {
        let area = area.clone();
        let text = text.clone();
        move |line: usize, col: usize| {
            let area = area.clone();
            let text = text.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(el) = area.cast::<HtmlTextAreaElement>() {
                    let off = utf16_offset(&text, line, col);
                    // The focus without its scroll (to the old caret), then the caret: the
                    // focused text area scrolls sideways to it (a long line).
                    let quiet = web_sys::FocusOptions::new();
                    quiet.set_prevent_scroll(true);
                    let _ = el.focus_with_options(&quiet);
                    let _ = el.set_selection_range(off, off);
                    // Sideways, a column past the box's width is brought in (the text area
                    // scrolls itself only as the caret moves by typing): monospace columns,
                    // measured from the widest line.
                    let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(1);
                    let (pad, width, left) = (10, el.client_width(), el.scroll_left());
                    let char_w =
                        f64::from((el.scroll_width() - 2 * pad).max(1)) / widest.max(1) as f64;
                    let x = pad + (col.saturating_sub(1) as f64 * char_w) as i32;
                    if x < left + pad || x > left + width - 3 * char_w as i32 {
                        el.set_scroll_left((x - width / 3).max(0));
                    }
                    // The text area is as tall as its text and never scrolls itself: the
                    // editor's box (and the page) are scrolled to the line's number.
                    let code = el.closest(".code").ok().flatten();
                    let number = code.as_ref().and_then(|c| {
                        c.query_selector(&format!(".gutter > .ln:nth-child({line})"))
                            .ok()
                            .flatten()
                    });
                    match (number, code) {
                        (Some(n), _) => super::view::reveal(&n),
                        (None, Some(code)) => {
                            let lines = text.lines().count().max(1) as i32;
                            let y = el.scroll_height() * (line as i32 - 1) / lines;
                            code.set_scroll_top((y - code.client_height() / 3).max(0));
                            super::view::reveal(&code);
                        }
                        _ => {}
                    }
                }
            })
        }
    };

    let valid = p.check.valid();
    let refused = p
        .check
        .docs
        .iter()
        .any(|d| matches!(d.verdict, Verdict::Refused { .. }));
    let state_class = if !valid {
        "bad"
    } else if refused {
        "warn"
    } else {
        "ok"
    };
    let is_known_preset = PRESETS.iter().any(|x| *x.id == *p.preset);
    // Split once for all the errors' notes (not once per error).
    let mut said: Vec<&'static str> = Vec::new();
    let text_lines: Vec<&str> = if valid {
        Vec::new()
    } else {
        p.text.lines().collect()
    };

    html! {
        <section class="panel editor" aria-labelledby="editor-h">
            <div class="panel-head">
                <h2 id="editor-h">{ t(Key::Manifest, lang) }</h2>
                <label class="preset">
                    <span class="sr-only">{ t(Key::ExamplesLabel, lang) }</span>
                    <select id="preset" onchange={on_preset} onkeydown={on_preset_key} onmousedown={on_preset_pointer}
                        onblur={on_preset_blur} title={t(Key::ExamplesHint, lang)}>
                        if !is_known_preset {
                            <option value="" selected=true disabled=true>{ t(Key::Examples, lang) }</option>
                        }
                        { for PRESETS.iter().map(|x| html! {
                            <option value={x.id} selected={*x.id == *p.preset}>{ t(x.title, lang) }</option>
                        }) }
                    </select>
                </label>
            </div>
            <div class="code">
              <div class="code-inner">
                <div class="gutter" aria-hidden="true">{ gutter }</div>
                { for marks.iter().take(200).map(|(line, (err, _))| html! {
                    <div class={classes!("hl", if *err { "err" } else { "warn" })} aria-hidden="true"
                        style={format!("top: calc({} * var(--lh) + 0.6rem)", line - 1)}></div>
                }) }
                <textarea id="manifest" lang="en" aria-keyshortcuts={p.e_key.then_some("E")} ref={area} spellcheck="false" autocomplete="off"
                    autocapitalize="off" wrap="off"
                    aria-label={t(Key::EditorLabel, lang)}
                    aria-invalid={(!valid).to_string()}
                    aria-describedby="validation"
                    // The padding, and room for a horizontal scroll bar where scroll bars take
                    // room (a long line): the text never scrolls inside its box, so the gutter
                    // and the marks stay on their lines.
                    style={format!("height: calc({lines} * var(--lh) + 1.2rem + 20px)")}
                    value={text.to_string()} oninput={on_input} />
              </div>
            </div>
            <div class="editor-actions">
                <button id="apply" aria-keyshortcuts="Control+Enter Meta+Enter" class="primary" onclick={apply} disabled={!valid}
                    title={t(Key::ApplyHint, lang)}>
                    { t(Key::Apply, lang) }<kbd>{ "Ctrl+Enter" }</kbd>
                </button>
                <button id="reset" onclick={reset} disabled={!valid}
                    title={t(if p.lesson { Key::ResetHintLesson } else { Key::ResetHint }, lang)}>
                    { t(Key::Reset, lang) }
                </button>
                if p.dirty && valid {
                    <span class="dirty">{ t(Key::Edited, lang) }</span>
                }
            </div>
            <div id="validation" class={classes!("validation", state_class)}
                data-rev={p.check_rev.to_string()} data-valid={valid.to_string()}
                aria-busy={(p.check_rev != p.text_rev).then_some("true")}>
                if p.check_rev != p.text_rev {
                    <p class="muted checking">{ t(Key::Checking, lang) }</p>
                }
                if !valid {
                    <p class="lead">
                        { "✗ " }{ super::view::refusal_lead(&p.check.errors, p.nothing_applied, lang) }
                    </p>
                    <ul id="errors">
                        { for p.check.errors.iter().take(SHOWN_ERRORS).map(|e| html! {
                            <li data-line={e.line.to_string()} data-col={e.column.to_string()}>
                                <button class="loc" onclick={goto(e.line, e.column)}
                                    title={t(Key::ShowPlace, lang)}>
                                    { format!("{}:{}", e.line, e.column) }
                                </button>
                                { ": " }<span class="msg">{ breakable(&e.message) }</span>
                                if let Some(g) = (lang == Lang::Zh).then(|| crate::manifest::zh::gloss(&e.message)).flatten() {
                                    <p class="gloss" lang="zh-CN">{ g }</p>
                                }
                                { lecture_note(e, &text_lines, &mut said, lang) }
                            </li>
                        }) }
                        if p.check.errors.len() > SHOWN_ERRORS {
                            <li class="muted more-errors">
                                { tf(Key::MoreErrors, lang, &[&(p.check.errors.len() - SHOWN_ERRORS).to_string()]) }
                            </li>
                        }
                    </ul>
                    { for p.check.duplicates.iter().map(|(line, key, earlier)| html! {
                        <p class="not-simulated duplicate-key">{ tf(Key::DuplicateKey, lang, &[&line.to_string(), key, &earlier.to_string()]) }</p>
                    }) }
                } else if p.check.docs.is_empty() {
                    <p class="muted">{ t(Key::NoObjects, lang) }</p>
                } else {
                    <ul id="preview">
                        { for p.check.docs.iter().map(|d| {
                            let obj = format!("{}/{}", kubectl_resource(d.kind), d.name);
                            let note = html! { <>
                                if !d.not_simulated.is_empty() {
                                    <span class="not-simulated">{ tf(Key::NotSimulated, lang, &[&d.not_simulated.join(", ")]) }</span>
                                }
                                { for d.warnings.iter().map(|w| html! { <span class="not-simulated">{ format!("Warning: {w}") }</span> }) }
                                if let Some(f) = &d.unread_script {
                                    <span class="not-simulated unread-script">{ tf(Key::ScriptUnread, lang, &[f]) }</span>
                                }
                                { for d.duplicates.iter().map(|(line, key, first)| html! {
                                    <span class="not-simulated duplicate-key">{ tf(Key::DuplicateKey, lang, &[&line.to_string(), key, &first.to_string()]) }</span>
                                }) }
                            </> };
                            match &d.verdict {
                                Verdict::Create => html! {
                                    <li class="ok"><span class="mk">{ "✓ " }</span><code>{ obj }</code>{ " " }{ t(Key::PreviewCreate, lang) }{ note }</li>
                                },
                                Verdict::Update => html! {
                                    <li class="ok"><span class="mk">{ "✓ " }</span><code>{ obj }</code>{ " " }{ t(Key::PreviewUpdate, lang) }{ note }</li>
                                },
                                Verdict::Unchanged => html! {
                                    <li class="ok"><span class="mk">{ "✓ " }</span><code>{ obj }</code>{ " " }{ t(Key::PreviewUnchanged, lang) }{ note }</li>
                                },
                                Verdict::Refused { message, errors } => html! {
                                    <li class="refused"><span class="mk">{ "! " }</span><code>{ obj }</code>
                                        { " " }{ t(Key::PreviewRefused, lang) }
                                        if refuses_job_template_change(d.kind, errors) {
                                            // The advice first; the API server's long answer
                                            // (the whole template as JSON) folded under it.
                                            <p class="refusal-hint">{ tf(Key::JobTemplateImmutable, lang, &[&d.name]) }</p>
                                            <details class="refusal-full">
                                                <summary>{ t(Key::ApiServerAnswer, lang) }</summary>
                                                <pre class="refusal">{ message }</pre>
                                            </details>
                                        } else {
                                            <pre class="refusal">{ message }</pre>
                                        }
                                    </li>
                                },
                            }
                        }) }
                    </ul>
                }
            </div>
        </section>
    }
}

/// A message with line-break opportunities (`<wbr>`) inside field paths, after a `.` before a
/// letter and after a `]`: a long path wraps between its parts, not inside a name.
fn breakable(msg: &str) -> Html {
    let mut parts: Vec<&str> = Vec::new();
    let mut start = 0;
    let bytes = msg.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let next_is_letter = bytes.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic());
        if (b == b'.' && next_is_letter) || (b == b']' && i + 1 < bytes.len()) {
            parts.push(&msg[start..=i]);
            start = i + 1;
        }
    }
    parts.push(&msg[start..]);
    parts
        .into_iter()
        .map(|p| html! { <>{ p }<wbr/></> })
        .collect::<Html>()
}

/// What the lecture said that led to this error, and what Kubernetes does, or the typing slip
/// behind it (manifest::lecture).
/// Each note once in the list (the first error it explains): fifty copies of the lecture's
/// restartPolicy note would bury the other errors.
fn lecture_note(
    e: &crate::manifest::ManifestError,
    lines: &[&str],
    said: &mut Vec<&'static str>,
    lang: Lang,
) -> Html {
    let line = lines.get(e.line.saturating_sub(1)).copied();
    let n = crate::manifest::lecture::note(e, line)
        .or_else(|| crate::manifest::lecture::typing_note_in(e, lines));
    let Some(n) = n.filter(|n| !said.contains(&n.en)) else {
        return html! {};
    };
    said.push(n.en);
    let words = match lang {
        Lang::Zh => n.zh,
        _ => n.en,
    };
    html! { <p class="lecture-fix">{ "⚠ " }{ words }</p> }
}
