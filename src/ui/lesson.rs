//! Lessons: the list (a dialog, with ✓ for the lessons done), and the open lesson beside the
//! editor: its steps one page at a time (◀ ▶, PageUp/PageDown, `[` `]`, ← → in classroom
//! mode), each with its text, "load this step's manifest", "run to", "try kubectl", the
//! lecture note, and the challenge page with its checks and "Check my solution".
//!
//! Lesson text is plain text with `code` spans and blank-line paragraphs. It is rendered as Yew
//! nodes (never as HTML), so nothing in a lesson or a link can inject markup.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use super::state::{catalog, holds_manifest_at, run_of, Checked, Msg, Open};
use super::view;
use crate::i18n::{t, tf, Key, Lang};
use crate::lessons::{describe_check, Lesson};

/// Paragraphs (split at blank lines; single newlines are spaces) with `code` spans.
pub fn rich(text: &str) -> Html {
    let paras: Vec<String> = text
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect();
    html! { <>{ for paras.iter().map(|p| html! { <p>{ inline(p) }</p> }) }</> }
}

/// One line of text with `code` spans (`` ``a `b` c`` `` holds backticks; an unmatched backtick
/// stays a backtick).
pub fn inline(text: &str) -> Html {
    html! {
        <>{ for crate::lessons::code_spans(text).into_iter().map(|(code, part)| {
            if code {
                // A short span (`*/1 * * * *`, `restartPolicy: Never`) is not broken across
                // lines; a long command may be.
                let short = part.chars().count() <= 24;
                html! { <code class={classes!(short.then_some("nw"))}>{ part }</code> }
            } else {
                html! { { part } }
            }
        }) }</>
    }
}

#[derive(Properties, PartialEq)]
pub struct ListProps {
    pub lang: Lang,
    pub progress: Rc<BTreeSet<String>>,
    pub current: Option<String>,
    pub dispatch: Callback<Msg>,
}

/// The lessons, as a dialog.
#[function_component(LessonList)]
pub fn lesson_list(p: &ListProps) -> Html {
    let lang = p.lang;
    let close_ref = super::view::use_focus_on_mount();
    let lessons = catalog();
    let done = lessons
        .iter()
        .filter(|l| p.progress.contains(&l.id))
        .count();
    let close = p.dispatch.reform(|_: MouseEvent| Msg::Lessons(false));
    html! {
        <div class="overlay" onclick={close.clone()}>
            <div class="dialog lessons-dialog" id="lessons" role="dialog" aria-modal="true" aria-labelledby="lessons-h"
                onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                <div class="dialog-head">
                    <h2 id="lessons-h">{ t(Key::LessonsTitle, lang) }</h2>
                    <span class="muted">{ tf(Key::LessonsProgress, lang, &[&done, &lessons.len()]) }</span>
                    <button type="button" class="close" ref={close_ref} onclick={close}
                        aria-label={t(Key::Close, lang)}>{ "×" }</button>
                </div>
                <p class="muted">{ t(Key::LessonsIntro, lang) }</p>
                <ol class="lesson-list">
                    { for lessons.iter().map(|l| {
                        let id = l.id.clone();
                        let is_done = p.progress.contains(&l.id);
                        let current = p.current.as_deref() == Some(l.id.as_str());
                        let open = p.dispatch.reform(move |_: MouseEvent| Msg::OpenLesson(id.clone()));
                        html! {
                            <li class={classes!(is_done.then_some("done"), current.then_some("current"))}
                                data-lesson={l.id.clone()} data-done={is_done.to_string()}>
                                <button type="button" class="lesson-item" onclick={open}>
                                    <span class="lesson-n" aria-hidden="true">{ if is_done { "✓".to_string() } else { l.order.to_string() } }</span>
                                    <span class="lesson-text">
                                        <span class="lesson-name">{ l.title.get(lang.code()) }
                                            if is_done { <span class="sr-only">{ format!(" ({})", t(Key::LessonDone, lang)) }</span> }
                                            // Apart from the title in the button's name too, not "Parallel Jobsopen".
                                            if current {
                                                <span class="sr-only">{ if lang == Lang::Zh { "（" } else { " (" } }</span>
                                                <span class="badge">{ t(Key::LessonCurrent, lang) }</span>
                                                <span class="sr-only">{ if lang == Lang::Zh { "）" } else { ")" } }</span>
                                            }
                                        </span>
                                        <span class="lesson-summary">{ inline(l.summary.get(lang.code())) }</span>
                                    </span>
                                </button>
                            </li>
                        }
                    }) }
                </ol>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct LessonProps {
    pub open: Open,
    pub lang: Lang,
    pub done: bool,
    pub checked: Option<Rc<Checked>>,
    pub text_rev: u64,
    /// Classroom mode: the type and the box change size, so the "more ↓" cue is checked again.
    pub presenter: bool,
    /// The clock is at this page's "Run to" time.
    #[prop_or_default]
    pub run_reached: bool,
    /// The editor holds this page's manifest and the API server refuses it: its first error
    /// (`line:col: message`), shown with the step (on a projector the editor's error list is
    /// below the fold).
    #[prop_or_default]
    pub refusal: Option<Rc<str>>,
    /// Which shortcut keys act now (the page keys declared and shown only then).
    pub keys: view::KeyMode,
    pub dispatch: Callback<Msg>,
}

/// The open lesson: one page at a time.
/// Whether the page's text goes on below its scroll box (None: not rendered).
fn more_below(body: &NodeRef) -> Option<bool> {
    let el = body.cast::<web_sys::Element>()?;
    Some(el.scroll_top() + el.client_height() + 4 < el.scroll_height())
}

#[function_component(LessonPanel)]
pub fn lesson_panel(p: &LessonProps) -> Html {
    let lang = p.lang;
    let code = lang.code();
    let l: &Lesson = &p.open.lesson;
    let page = p.open.page;
    let pages = p.open.pages();
    let body_ref = use_node_ref();
    // Whether the page's text goes on below its scroll box: a projector shows a third of a
    // long step, and a thin scrollbar is easy to miss from the back of a room.
    let more = use_state(|| false);
    let update_more = {
        let r = body_ref.clone();
        let more = more.clone();
        Rc::new(move || {
            if let Some(m) = more_below(&r) {
                if *more != m {
                    more.set(m);
                }
            }
        })
    };
    {
        let u = update_more.clone();
        use_effect(move || u());
    }
    {
        // The page lays out anew after the mode's class is set: look on the next frame.
        let u = update_more.clone();
        let frame = use_mut_ref(|| None::<gloo_render::AnimationFrame>);
        use_effect_with(p.presenter, move |_| {
            *frame.borrow_mut() = Some(gloo_render::request_animation_frame(move |_| u()));
        });
    }
    {
        // A window made larger or smaller (a projector's resolution changed, a frame resized)
        // lays the text out anew.
        let r = body_ref.clone();
        let set = more.setter();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "resize", move |_| {
                    if let Some(m) = more_below(&r) {
                        set.set(m);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let on_scroll = {
        let u = update_more.clone();
        Callback::from(move |_: Event| u())
    };
    let scroll_down = {
        let r = body_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = r.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_top() + el.client_height() * 3 / 4);
            }
        })
    };
    {
        // A new page starts at its top. When the button that turned it is gone (the pager's
        // "On to the challenge"), the focus goes to the page's heading, not to the document.
        let r = body_ref.clone();
        let mounted = use_mut_ref(|| false);
        use_effect_with((l.id.clone(), page), move |_| {
            if let Some(el) = r.cast::<web_sys::Element>() {
                el.set_scroll_top(0);
            }
            if std::mem::replace(&mut *mounted.borrow_mut(), true) && super::view::focus_lost() {
                super::view::focus("#lesson-h");
            }
        });
    }
    {
        // A new verdict is brought into view: below the checks it can sit under the fold of
        // the lesson's scroll box on a 768-px screen.
        let verdict = p.checked.as_ref().map(|c| Rc::as_ptr(c) as usize);
        use_effect_with(verdict, move |v| {
            let doc = web_sys::window().and_then(|w| w.document());
            let (Some(_), Some(doc)) = (v, doc) else {
                return;
            };
            // The lesson's text to the verdict, so the verdict, the offer to run the checked
            // run here and a pass's "Next lesson" read from the top of its box. Only that box
            // scrolls: the page stays, with its top bar and the cluster in view, unless the
            // panel itself is off screen (the page was scrolled down to the manifest).
            if let (Some(el), Some(body)) = (
                doc.get_element_by_id("verdict"),
                doc.get_element_by_id("lesson-body"),
            ) {
                let top = el.get_bounding_client_rect().top()
                    - body.get_bounding_client_rect().top()
                    + f64::from(body.scroll_top());
                body.set_scroll_top(top.max(0.0) as i32);
            }
            if let Some(panel) = doc.get_element_by_id("lesson") {
                let r = panel.get_bounding_client_rect();
                let height = web_sys::window()
                    .and_then(|w| w.inner_height().ok())
                    .and_then(|h| h.as_f64())
                    .unwrap_or(f64::MAX);
                if r.bottom() < 0.0 || r.top() > height {
                    super::view::reveal(&panel);
                }
            }
        });
    }
    let d = &p.dispatch;
    let prev = d.reform(|_: MouseEvent| Msg::PrevPage);
    let next = d.reform(|_: MouseEvent| Msg::NextPage);
    let k = p.keys;
    let (prev_aks, prev_kbd) = view::kbd(&[
        ("PageUp", "PageUp", k.pages),
        ("[", "[", k.pages && k.letters),
        ("ArrowLeft", "←", k.arrows_turn_pages),
    ]);
    let (next_aks, next_kbd) = view::kbd(&[
        ("PageDown", "PageDown", k.pages),
        ("]", "]", k.pages && k.letters),
        ("ArrowRight", "→", k.arrows_turn_pages),
    ]);
    let total = catalog().len();
    // The page's text scrolls; its buttons stay in view below it (a 1366x768 projector shows
    // a third of a long step).
    let (body, actions) = if p.open.on_challenge() {
        (challenge(p), challenge_actions(p))
    } else {
        (
            step_page(l, page, lang, d),
            step_actions(
                l,
                page,
                lang,
                d,
                holds_manifest_at(l, page, &p.open.origin),
                p.run_reached,
                p.refusal.as_deref(),
            ),
        )
    };
    // A page turn is said (the focus stays on Next, so nothing else would say it).
    let page_news = match l.steps.get(page).filter(|_| !p.open.on_challenge()) {
        Some(s) => format!(
            "{} {}",
            tf(Key::StepNofM, lang, &[&(page + 1), &l.steps.len()]),
            s.title.get(code)
        ),
        None => format!("★ {}", t(Key::Challenge, lang)),
    };
    html! {
        <section class="panel lesson" id="lesson" aria-labelledby="lesson-h" data-lesson={l.id.clone()}
            data-page={page.to_string()} data-done={p.done.to_string()}>
            <div class="lesson-head">
                <button type="button" class="chip-btn all" id="all-lessons" onclick={d.reform(|_: MouseEvent| Msg::Lessons(true))}
                    title={t(Key::AllLessons, lang)} aria-label={format!("{}/{}: {} ({})", l.order, total, t(Key::AllLessons, lang), tf(Key::LessonNofM, lang, &[&l.order, &total]))}>
                    { format!("☰ {}/{}", l.order, total) }
                </button>
                <h2 id="lesson-h" class="lesson-h" tabindex="-1" aria-keyshortcuts={p.keys.letters.then_some("G")}>{ l.title.get(code) }</h2>
                if p.done { <span class="done-badge" id="lesson-done" title={t(Key::LessonDone, lang)}>{ "✓ " }{ t(Key::LessonDone, lang) }</span> }
                <button type="button" class="close" id="close-lesson" onclick={d.reform(|_: MouseEvent| Msg::CloseLesson)}
                    aria-label={t(Key::CloseLesson, lang)} title={t(Key::CloseLesson, lang)}>{ "×" }</button>
            </div>
            <p class="sr-only" id="page-news" aria-live="polite">{ page_news }</p>
            // Focusable, so the keyboard scrolls a page longer than its box (arrows, PageDown).
            // Named apart from the lesson's section (two landmarks of one name are one too many).
            <div class="lesson-body" id="lesson-body" ref={body_ref} tabindex="0" role="region" onscroll={on_scroll}
                aria-label={format!("{}{}{}", t(Key::LessonText, lang), if lang == Lang::Zh { "：" } else { ": " }, l.title.get(code))}>
                { body }
            </div>
            // The cue sits under the text, not over its last lines or a verdict.
            if *more {
                <button type="button" class="more-below" id="more-below" tabindex="-1" aria-hidden="true"
                    onclick={scroll_down}>{ t(Key::MoreBelow, lang) }</button>
            }
            { actions }
            <nav class="pager" aria-label={t(Key::LessonPages, lang)}>
                <button type="button" id="prev-page" onclick={prev} disabled={page == 0} aria-keyshortcuts={prev_aks} data-kbd={prev_kbd.clone()}
                    title={view::with_keys(t(Key::PrevPageHint, lang), prev_kbd.as_deref(), lang)}><span aria-hidden="true">{ "◀ " }</span>{ t(Key::Prev, lang) }</button>
                <ol class="dots">
                    { for (0..pages).map(|i| {
                        let go = d.reform(move |_: MouseEvent| Msg::Page(i));
                        let is_ch = i + 1 == pages;
                        let label = if is_ch { t(Key::Challenge, lang).to_string() } else {
                            format!("{} {}", tf(Key::StepN, lang, &[&(i + 1)]), l.steps[i].title.get(code)) };
                        html! {
                            <li>
                                <button type="button" class={classes!("dot", (i == page).then_some("on"), is_ch.then_some("ch"))}
                                    aria-current={(i == page).then_some("step")} onclick={go} title={label.clone()} aria-label={label}>
                                    { if is_ch { "★".to_string() } else { (i + 1).to_string() } }
                                </button>
                            </li>
                        }
                    }) }
                </ol>
                <button type="button" id="next-page" onclick={next} disabled={page + 1 >= pages} aria-keyshortcuts={next_aks} data-kbd={next_kbd.clone()}
                    title={view::with_keys(t(Key::NextPageHint, lang), next_kbd.as_deref(), lang)}>{ t(Key::Next, lang) }{ " ▶" }</button>
            </nav>
        </section>
    }
}

fn lecture_note(l: &Lesson, lang: Lang, open: bool) -> Html {
    let Some(n) = &l.lecture_note else {
        return html! {};
    };
    let text = rich(n.get(lang.code()));
    if open {
        html! {
            <aside class="callout lecture" id="lecture-note">
                <strong>{ "⚠ " }{ t(Key::LectureNoteTitle, lang) }</strong>
                { text }
            </aside>
        }
    } else {
        html! {
            <details class="callout lecture">
                <summary>{ "⚠ " }{ t(Key::LectureNoteTitle, lang) }</summary>
                { text }
            </details>
        }
    }
}

fn step_page(l: &Lesson, page: usize, lang: Lang, d: &Callback<Msg>) -> Html {
    let code = lang.code();
    let s = &l.steps[page];
    html! {
        <>
            <h3 class="step-title">
                <span class="step-n">{ tf(Key::StepNofM, lang, &[&(page + 1), &l.steps.len()]) }</span>
                { s.title.get(code) }
            </h3>
            <div class="step-text" lang={lang.html_lang()}>{ rich(s.text.get(code)) }</div>
            { lecture_note(l, lang, page == 0) }
            if page + 1 == l.steps.len() {
                <p class="to-challenge">
                    <button type="button" class="primary" onclick={d.reform(|_: MouseEvent| Msg::NextPage)}>
                        { "★ " }{ t(Key::ToChallenge, lang) }
                    </button>
                </p>
            }
        </>
    }
}

/// A step's buttons: load its manifest, run to its time, try its kubectl command.
fn step_actions(
    l: &Lesson,
    page: usize,
    lang: Lang,
    d: &Callback<Msg>,
    loaded: bool,
    reached: bool,
    refusal: Option<&str>,
) -> Html {
    let s = &l.steps[page];
    let load = s.manifest.clone().map(|m| {
        let name = m.clone();
        (
            m,
            d.reform(move |_: MouseEvent| Msg::LoadLessonFile(name.clone())),
        )
    });
    let run = run_of(s).map(|r| (r, d.reform(move |_: MouseEvent| Msg::RunTo(r))));
    let kubectl = s.kubectl.clone().map(|k| {
        let c = k.clone();
        (k, d.reform(move |_: MouseEvent| Msg::TryKubectl(c.clone())))
    });
    html! {
        <>
            if load.is_some() || run.is_some() || kubectl.is_some() {
                <div class="step-actions lesson-actions">
                    if let Some((m, cb)) = load {
                        <button type="button" id="step-load" class={classes!((!loaded).then_some("unloaded"))}
                            onclick={cb} title={t(if l.challenge.scenario.is_some() { Key::LoadStepHint } else { Key::LoadStepHintPlain }, lang)}>
                            { "⇩ " }{ t(Key::LoadStep, lang) }{ " " }<code>{ m }</code>
                            if !loaded {
                                <span class="not-loaded">{ t(if run.is_some() { Key::NotLoaded } else { Key::NotLoadedLoadIt }, lang) }</span>
                            }
                        </button>
                    }
                    if let Some((k, cb)) = kubectl.as_ref().filter(|(k, _)| follows_time(k)) {
                        { try_button(k, cb.clone(), lang) }
                    }
                    if let Some((r, cb)) = run {
                        // Already there (this page's manifest running, the clock at its time):
                        // said, so the press that changes nothing is not taken for a fault.
                        <button type="button" id="step-run" onclick={cb}
                            class={classes!((reached && loaded).then_some("reached"))}
                            title={t(if reached && loaded { Key::RunToReachedHint } else { Key::RunToHint }, lang)}>
                            { if reached && loaded { "✓ " } else { "» " } }{ tf(Key::RunTo, lang, &[&view::clock(r)]) }
                        </button>
                    }
                    if let Some((k, cb)) = kubectl.as_ref().filter(|(k, _)| !follows_time(k)) {
                        { try_button(k, cb.clone(), lang) }
                    }
                </div>
            }
            if let Some(r) = refusal {
                <p class="step-refusal" id="step-refusal">
                    <span aria-hidden="true">{ "✗ " }</span>{ t(Key::ApiServerAnswers, lang) }{ if lang == Lang::Zh { "" } else { " " } }<code>{ r }</code>
                </p>
            }
        </>
    }
}

/// A console command that goes on as time runs (`get -w`, `wait`, `rollout status`,
/// `logs -f`, `events -w`): its button comes before "Run to", in the order the step's text
/// asks for (start the watch, then run).
fn follows_time(cmd: &str) -> bool {
    let words: Vec<&str> = cmd.split_whitespace().collect();
    let has = |w: &str| words.contains(&w);
    has("-w")
        || has("--watch")
        || has("--watch-only")
        || has("-f")
        || has("--follow")
        || has("wait")
        || (has("rollout") && has("status"))
}

fn try_button(k: &str, cb: Callback<MouseEvent>, lang: Lang) -> Html {
    html! {
        <button type="button" id="step-kubectl" onclick={cb} title={format!("{}: {k}", t(Key::TryKubectlHint, lang))}>
            { "$ " }{ t(Key::TryKubectl, lang) }{ " " }<code>{ words(k) }</code>
        </button>
    }
}

/// A command wrapped at its spaces only: `-o wide` and `--output-watch-events` stay whole
/// (a browser breaks a line after a hyphen).
fn words(k: &str) -> Html {
    html! { <>{ for k.split(' ').enumerate().map(|(i, w)| html! {
        <>{ if i > 0 { " " } else { "" } }<span class="word">{ w.to_string() }</span></>
    }) }</> }
}

/// The challenge's buttons: check the editor's manifest, start over from the lesson's.
fn challenge_actions(p: &LessonProps) -> Html {
    let lang = p.lang;
    let d = &p.dispatch;
    let start = p.open.lesson.manifest.clone();
    html! {
        <div class="challenge-actions lesson-actions">
            <button type="button" class="primary" id="check-solution" onclick={d.reform(|_: MouseEvent| Msg::CheckSolution)}
                title={t(Key::CheckSolutionHint, lang)}>{ "✔ " }{ t(Key::CheckSolution, lang) }</button>
            <button type="button" id="challenge-restart" onclick={d.reform(move |_: MouseEvent| Msg::LoadLessonFile(start.clone()))}
                title={t(Key::StartOverHint, lang)}>{ t(Key::StartOverLesson, lang) }</button>
        </div>
    }
}

fn challenge(p: &LessonProps) -> Html {
    let lang = p.lang;
    let code = lang.code();
    let l: &Lesson = &p.open.lesson;
    let checked = p.checked.as_ref().filter(|c| c.lesson == l.id);
    let stale = checked.is_some_and(|c| c.text_rev != p.text_rev);
    let (passed_n, total) = checked
        .map(|c| {
            (
                c.report.outcomes.iter().filter(|o| o.passed).count(),
                c.report.outcomes.len(),
            )
        })
        .unwrap_or((0, l.challenge.checks.len()));
    // One status region, always in the page, says each check's verdict with its number: a
    // second check with the same result still changes the text, so it is heard.
    let news = checked.map(|c| {
        let verdict = if c.report.passed {
            t(Key::ChallengePassed, lang).to_string()
        } else {
            tf(Key::ChallengeNotYet, lang, &[&passed_n, &total])
        };
        tf(Key::CheckNews, lang, &[&c.run, &verdict])
    });
    html! {
        <>
            <p class="sr-only" id="check-news" role="status">{ news.unwrap_or_default() }</p>
            <h3 class="step-title"><span class="step-n">{ "★ " }</span>{ t(Key::Challenge, lang) }</h3>
            <div class="goal" id="goal">{ rich(l.challenge.goal.get(code)) }</div>
            <p class="muted small">{ tf(if l.challenge.scenario.is_some() { Key::ChallengeHow } else { Key::ChallengeHowPlain }, lang, &[&match lang {
                Lang::Zh => crate::lessons::checks::zh_duration(&l.challenge.run),
                Lang::En => l.challenge.run.clone(),
            }]) }</p>
            <ol class="checks" id="checks">
                { for l.challenge.checks.iter().enumerate().map(|(i, c)| {
                    let outcome = checked.and_then(|r| r.report.outcomes.get(i));
                    let (mark, cls, word) = match outcome {
                        Some(o) if o.passed => ("✓", "pass", t(Key::CheckPassed, lang)),
                        Some(_) => ("✗", "fail", t(Key::CheckFailed, lang)),
                        None => ("○", "todo", t(Key::CheckNotRun, lang)),
                    };
                    html! {
                        <li class={classes!("check", cls)} data-passed={outcome.map(|o| o.passed.to_string()).unwrap_or_default()}>
                            <span class="mark" aria-hidden="true">{ mark }</span>
                            <span class="sr-only">{ if lang == Lang::Zh { format!("{word}：") } else { format!("{word}: ") } }</span>
                            <span class="what">{ inline(&describe_check(c, code)) }</span>
                            if let Some(o) = outcome {
                                // One refusal under every check would push the verdict off
                                // the screen: said once, then referred to.
                                if i > 0 && !o.passed && checked.and_then(|r| r.report.outcomes.get(i - 1)).is_some_and(|prev| !prev.passed && prev.detail.get(code) == o.detail.get(code)) {
                                    <span class="detail muted">{ t(Key::CheckSameAsAbove, lang) }</span>
                                } else {
                                    <span class="detail">{ inline(o.detail.get(code)) }</span>
                                }
                            }
                        </li>
                    }
                }) }
            </ol>
            if let Some(c) = checked {
                <p id="verdict" class={classes!("verdict", if c.report.passed { "ok" } else { "bad" })}
                    data-passed={c.report.passed.to_string()}>
                    if c.report.passed {
                        { "✓ " }{ t(Key::ChallengePassed, lang) }
                    } else {
                        { "✗ " }{ tf(Key::ChallengeNotYet, lang, &[&passed_n, &total]) }
                    }
                    if stale { <span class="stale">{ " " }{ t(Key::CheckStale, lang) }</span> }
                </p>
                if !stale {
                    <p class="checked-elsewhere muted small">
                        { t(Key::CheckedElsewhere, lang) }{ " " }
                        <button type="button" class="chip-btn" id="run-checked" title={t(Key::RunCheckedHereHint, lang)}
                            onclick={p.dispatch.reform(|_: MouseEvent| Msg::Reset)}>{ t(Key::RunCheckedHere, lang) }</button>
                    </p>
                }
            }
            // A lesson passed once stays a way forward: after a reload, or a later try that fails.
            if p.done || checked.is_some_and(|c| c.report.passed && !stale) {
                if let Some(next) = next_lesson(l) {
                    <p class="next-lesson">
                        <button type="button" class="primary" id="next-lesson"
                            onclick={p.dispatch.reform({ let id = next.id.clone(); move |_: MouseEvent| Msg::OpenLesson(id.clone()) })}>
                            { tf(Key::NextLesson, lang, &[&next.title.get(code)]) }{ " ▶" }
                        </button>
                    </p>
                }
            }
            { lecture_note(l, lang, false) }
        </>
    }
}

/// The lesson after `l` in the course, if any.
fn next_lesson(l: &Lesson) -> Option<Rc<Lesson>> {
    let all = catalog();
    let i = all.iter().position(|x| x.id == l.id)?;
    all.get(i + 1).cloned()
}
