//! Time: play/pause, back to the previous instant, step to the next, speed, the timeline slider
//! (scrubbing back replays from t=0) with the recorded actions marked (◆, and ◇ for a lesson's
//! scripted ones), rewind, the cluster clock. `compact`: the embedded view's mini bar.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::state::{Msg, SPEEDS};
use super::view;
use crate::api::{Duration, Time};
use crate::i18n::{t, tf, Key, Lang};

/// Marks closer than `min_gap` % of the track are one button, whoever made them (the user, the
/// lesson): stacked 11-px glyphs would hide all but the top one from a pointer, and targets
/// closer than 24 px are hard to hit (WCAG 2.5.8).
fn mark_groups(marks: &[Mark], pct: impl Fn(Duration) -> f64, min_gap: f64) -> Vec<Vec<&Mark>> {
    let mut sorted: Vec<&Mark> = marks.iter().collect();
    crate::sort::sort_by_key(&mut sorted, |m| m.at);
    let mut groups: Vec<Vec<&Mark>> = Vec::new();
    for m in sorted {
        match groups.last_mut() {
            Some(g) if pct(m.at) - pct(g[0].at) < min_gap => g.push(m),
            _ => groups.push(vec![m]),
        }
    }
    groups
}

/// A marked instant on the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub at: Duration,
    pub label: String,
    /// The lesson's own action (not the user's).
    pub scripted: bool,
}

#[derive(Properties, PartialEq)]
pub struct TimeProps {
    pub at: Duration,
    pub horizon: Duration,
    pub playing: bool,
    pub speed: u32,
    pub now: Time,
    pub marks: Rc<Vec<Mark>>,
    pub lang: Lang,
    #[prop_or_default]
    pub compact: bool,
    /// At the end with nothing more to come: Play replays from 0:00.
    #[prop_or_default]
    pub finished: bool,
    /// Which shortcut keys act now (declared and shown only then).
    pub keys: view::KeyMode,
    /// A modal dialog is open over the page: the bar is out of reach (inert), as the rest is.
    #[prop_or_default]
    pub inert: bool,
    pub dispatch: Callback<Msg>,
}

#[function_component(TimeBar)]
pub fn time_bar(p: &TimeProps) -> Html {
    let lang = p.lang;
    let d = &p.dispatch;
    let on_seek = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = el.value().parse::<f64>() {
                if v.is_finite() {
                    d.emit(Msg::Seek(Duration::from_millis((v * 1000.0) as i64)));
                }
            }
        })
    };
    let on_speed = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(v) = el.value().parse::<u32>() {
                d.emit(Msg::Speed(v));
            }
        })
    };
    // An option's `selected` attribute only sets the default: once the user has picked a
    // speed, the select shows what its value says, so the value follows the state (+/− keys).
    let speed_ref = use_node_ref();
    {
        let speed_ref = speed_ref.clone();
        use_effect_with(p.speed, move |speed| {
            if let Some(el) = speed_ref.cast::<HtmlSelectElement>() {
                el.set_value(&speed.to_string());
            }
        });
    }
    // The marks' row in pixels, measured again whenever the row itself changes size (a window
    // resize, but also classroom mode, the enlarged loop, a lesson opening): 24 px as a share of it.
    let marks_ref = use_node_ref();
    let width = use_state_eq(|| 0i32);
    {
        let (marks_ref, width) = (marks_ref.clone(), width.clone());
        use_effect_with((), move |_| {
            let el = marks_ref.cast::<web_sys::Element>();
            let observed = el.and_then(|el| {
                width.set(el.client_width());
                let target = el.clone();
                let on_resize =
                    Closure::<dyn FnMut()>::new(move || width.set(target.client_width()));
                let observer =
                    web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
                observer.observe(&el);
                Some((observer, on_resize))
            });
            move || {
                if let Some((observer, _on_resize)) = observed {
                    observer.disconnect();
                }
            }
        });
    }
    // The sticky bars' real heights (they wrap on a narrow screen) as CSS variables: the
    // enlarged loop opens below them, so nothing in it (its focused heading) hides under them.
    let bar_ref = use_node_ref();
    {
        let bar_ref = bar_ref.clone();
        use_effect_with((), move |_| {
            let observed = bar_ref.cast::<web_sys::HtmlElement>().and_then(|bar| {
                let measure = {
                    let bar = bar.clone();
                    move || {
                        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                            return;
                        };
                        let top = doc
                            .query_selector(".topbar")
                            .ok()
                            .flatten()
                            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                            .map_or(0, |e| e.offset_height());
                        if let Some(root) = doc
                            .document_element()
                            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                        {
                            let style = root.style();
                            let _ = style.set_property("--topbar-now", &format!("{top}px"));
                            let _ = style.set_property(
                                "--timebar-now",
                                &format!("{}px", bar.offset_height()),
                            );
                        }
                    }
                };
                measure();
                // How much of the top bar is still on screen: the sticky editor column is as
                // tall as the window leaves it (the top bar scrolls away; the column grows).
                let shown = || {
                    let Some(w) = web_sys::window() else { return };
                    let Some(doc) = w.document() else { return };
                    let top = doc
                        .query_selector(".topbar")
                        .ok()
                        .flatten()
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                        .map_or(0.0, |e| f64::from(e.offset_height()));
                    let y = w.scroll_y().unwrap_or(0.0);
                    if let Some(root) = doc
                        .document_element()
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = root
                            .style()
                            .set_property("--topbar-shown", &format!("{}px", (top - y).max(0.0)));
                    }
                };
                shown();
                let on_scroll = web_sys::window()
                    .map(|w| gloo_events::EventListener::new(&w, "scroll", move |_| shown()));
                let on_resize = Closure::<dyn FnMut()>::new(measure);
                let observer =
                    web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
                observer.observe(&bar);
                // The top bar changes height alone too (another language's buttons wrap).
                if let Some(top) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector(".topbar").ok().flatten())
                {
                    observer.observe(&top);
                }
                Some((observer, on_resize, on_scroll))
            });
            move || {
                if let Some((observer, _on_resize, _on_scroll)) = observed {
                    observer.disconnect();
                }
            }
        });
    }
    let min_gap = match *width {
        w if w > 0 => (2400.0 / f64::from(w)).max(1.0),
        _ => 1.0,
    };
    let horizon_s = p.horizon.whole_secs().max(1);
    let pct = |t: Duration| (t.0 as f64 * 100.0 / (horizon_s as f64 * 1000.0)).clamp(0.0, 100.0);
    // ← → step the clock unless they turn a lesson's pages (classroom mode); the letters,
    // Space and + − unless Help turned the single-key shortcuts off.
    let (k, arrows) = (p.keys.letters, !p.keys.arrows_turn_pages);
    let (back_aks, back_kbd) = view::kbd(&[("ArrowLeft", "←", arrows), ("B", "B", k)]);
    let (step_aks, step_kbd) = view::kbd(&[("ArrowRight", "→", arrows), ("N", "N", k)]);
    // At the end Space only says how to replay (state.rs PlayKey): ↻ Replay claims no key.
    let space = if lang == Lang::Zh { "空格" } else { "Space" };
    let (play_aks, play_kbd) = view::kbd(&[("Space", space, k && !p.finished)]);
    // "Plus": ARIA's name for the + key (+ joins a chord).
    let (speed_aks, speed_kbd) = view::kbd(&[("Plus", "+", k), ("-", "−", k)]);
    html! {
        <div ref={bar_ref} class={classes!("timebar", p.compact.then_some("compact"))} role="region" aria-label={t(Key::VirtualTime, lang)} inert={p.inert}>
            <button id="rewind" type="button" aria-keyshortcuts="Home" data-kbd="Home" onclick={d.reform(|_: MouseEvent| Msg::Rewind)}
                title={t(Key::RewindHint, lang)} aria-label={t(Key::Rewind, lang)}>{ "⇤" }</button>
            if !p.compact {
                <button id="back" type="button" aria-keyshortcuts={back_aks} data-kbd={back_kbd.clone()} onclick={d.reform(|_: MouseEvent| Msg::StepBack)}
                    title={view::with_keys(t(Key::BackHint, lang), back_kbd.as_deref(), lang)} aria-label={t(Key::Back, lang)}>{ "◀◀" }</button>
            }
            <button id="play" type="button" class="primary play" aria-keyshortcuts={play_aks} data-kbd={play_kbd.clone()} onclick={d.reform(|_: MouseEvent| Msg::TogglePlay)}
                data-playing={p.playing.to_string()} title={view::with_keys(t(if p.finished { Key::ReplayHint } else { Key::PlayHint }, lang), play_kbd.as_deref(), lang)}>
                <span aria-hidden="true">{ if p.playing { "❚❚ " } else if p.finished { "↻ " } else { "▶ " } }</span>
                { t(if p.playing { Key::Pause } else if p.finished { Key::Replay } else { Key::Play }, lang) }
            </button>
            <button id="step" type="button" aria-keyshortcuts={step_aks} data-kbd={step_kbd.clone()} onclick={d.reform(|_: MouseEvent| Msg::Step)}
                title={view::with_keys(t(Key::StepHint, lang), step_kbd.as_deref(), lang)} aria-label={t(Key::StepNext, lang)}>{ "▶▶" }</button>
            // The hint on the label: a select draws no ::after of its own.
            <label class="speed" data-kbd={speed_kbd.clone()}>
                <span class="sr-only">{ t(Key::Speed, lang) }</span>
                <select id="speed" ref={speed_ref} aria-label={t(Key::Speed, lang)} onchange={on_speed} title={view::with_keys(t(Key::SpeedHint, lang), speed_kbd.as_deref(), lang)}
                    aria-keyshortcuts={speed_aks}>
                    { for SPEEDS.iter().map(|&v| html! {
                        <option value={v.to_string()} selected={v == p.speed}>{ format!("{v}×") }</option>
                    }) }
                </select>
            </label>
            <div class="track">
                <input id="time" type="range" min="0" step="1" max={horizon_s.to_string()}
                    value={p.at.whole_secs().to_string()} oninput={on_seek}
                    aria-label={t(Key::TimelineLabel, lang)}
                    // Not the running clock while playing: a screen reader says a focused
                    // slider's every new value (158 in 3 s at 120×). The clock is said again on
                    // pause, seek or step.
                    aria-valuetext={if p.playing { t(Key::TimelinePlaying, lang).to_string() } else { format!("t = {}", view::clock_exact(p.at)) }} />
                // Each recorded action (◆) and lesson action (◇; both together ◈) is a button:
                // it says what happened and jumps there.
                <div class="marks" ref={marks_ref} role="group" aria-label={t(Key::TimelineMarks, lang)}>
                    { for mark_groups(&p.marks, pct, min_gap).into_iter().map(|g| {
                        let what = g
                            .iter()
                            // An action's own instant (`1:00.1`, after the CronJob's tick).
                            .map(|m| format!("{} {}", view::clock_exact(m.at), m.label))
                            .collect::<Vec<_>>()
                            .join("; ");
                        let at = g[0].at;
                        let lesson_marks = g.iter().filter(|m| m.scripted).count();
                        let (glyph, class) = match lesson_marks {
                            0 => ("◆", None),
                            n if n == g.len() => ("◇", Some("scripted")),
                            _ => ("◈", Some("mixed")),
                        };
                        // Pressed again where one of them is, it goes on to the next.
                        let ats: Vec<Duration> = g.iter().map(|m| m.at).collect();
                        let now = p.at;
                        let next = ats
                            .iter()
                            .position(|a| *a == now)
                            .map_or(at, |j| ats[(j + 1) % ats.len()]);
                        // A merged mark's name starts with the count it shows (Label in Name).
                        let name = match g.len() {
                            1 => tf(Key::SeekToMark, lang, &[&what]),
                            n => tf(Key::SeekToMarks, lang, &[&n, &what]),
                        };
                        html! {
                            <button type="button" class={classes!("amark", class)}
                                style={format!("left: {:.2}%", pct(at))} title={what.clone()}
                                aria-label={name} data-count={g.len().to_string()}
                                onclick={d.reform(move |_: MouseEvent| Msg::Seek(next))}>
                                { glyph }
                                if g.len() > 1 { <sub>{ g.len() }</sub> }
                            </button>
                        }
                    }) }
                </div>
            </div>
            <span id="clock" class="clock" title={t(Key::ClockHint, lang)}>
                <span class="at">{ format!("t = {}", if p.playing { view::clock(p.at) } else { view::clock_exact(p.at) }) }</span>
                if !p.compact {
                    <span class="wall">{ tf(Key::UtcClock, lang, &[&view::hms(p.now)]) }</span>
                }
            </span>
        </div>
    }
}
