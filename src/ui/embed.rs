//! The compact view for an iframe (`embed=1`, e.g. `index.html?embed=1&lesson=parallel-job&
//! lang=zh&autoplay=1`): the lesson's title, a mini time bar, the workloads and the nodes. No
//! editor, no console, no dialogs; it fits 800×500 without scrollbars and saves nothing.
//! "Open in CtrlScope" opens the full page with the same state (a share link).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::state::{Msg, State, Tone};
use super::url;
use crate::i18n::{t, Key};
use crate::share;

pub fn view(
    state: &State,
    _d: &Callback<Msg>,
    timebar: Html,
    workloads: Html,
    cluster: Html,
) -> Html {
    let lang = state.lang;
    let title = state
        .open
        .as_ref()
        .map(|o| o.lesson.title.get(lang.code()).to_string());
    // The link is made when clicked (deflating on every frame would be waste).
    let open_full = {
        let shared = state.shared();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            if let Ok(payload) = share::encode(&shared) {
                if let Some(w) = web_sys::window() {
                    let _ = w.open_with_url_and_target(&url::share_url(&payload), "_blank");
                }
            }
        })
    };
    // The link's own address carries the state too (copy link, open in a new window, middle
    // click): set when the pointer or the focus comes to it, not encoded on every frame.
    let refresh_href = {
        let shared = state.shared();
        move |target: Option<web_sys::EventTarget>| {
            // The event's own target (Yew delegates events: its current target is the body),
            // or the link around it.
            let Some(a) = target
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a.embed-open").ok().flatten())
            else {
                return;
            };
            if let Ok(payload) = share::encode(&shared) {
                let _ = a.set_attribute("href", &url::share_url(&payload));
            }
        }
    };
    let on_pointer = {
        let r = refresh_href.clone();
        Callback::from(move |e: MouseEvent| r(e.target()))
    };
    let on_focus = Callback::from(move |e: FocusEvent| refresh_href(e.target()));
    // A page whose manifest the API server refuses (the lecture's mistakes) shows the refusal:
    // the embed has no editor to mark it in.
    let refused = (!state.check.errors.is_empty()).then(|| {
        let lead = super::view::refusal_lead(&state.check.errors, state.nothing_applied(), lang);
        html! {
            <section class="panel embed-errors" id="embed-errors" role="status">
                <p class="lead">{ "✗ " }{ lead }</p>
                <ul>
                    { for state.check.errors.iter().map(|e| html! {
                        <li><span class="loc">{ format!("{}:{}", e.line, e.column) }</span>{ ": " }<span class="msg">{ &e.message }</span></li>
                    }) }
                </ul>
            </section>
        }
    });
    let idle = {
        let e = state.engine.borrow();
        e.sim.jobs().is_empty() && e.sim.cronjobs().is_empty() && e.sim.daemonsets().is_empty()
    };
    let error = state
        .notice
        .as_ref()
        .filter(|n| n.tone == Tone::Error)
        .cloned();
    html! {
        <div class="app embed-view" id="embed" lang={lang.html_lang()}>
            <header class="embed-head">
                <h1 class="embed-brand">{ "CtrlScope" }</h1>
                if let Some(ti) = title { <span class="embed-title" id="embed-title">{ ti }</span> }
                <a class="embed-open" href={url::base()} onclick={open_full} target="_blank" rel="noopener"
                    onmouseenter={on_pointer.clone()} oncontextmenu={on_pointer} onfocus={on_focus}
                    title={t(Key::OpenFullHint, lang)}>{ t(Key::OpenFull, lang) }{ " ↗" }</a>
            </header>
            { timebar }
            <main class="embed-main" id="embed-main">
                <div class="embed-fit" id="embed-fit">
                    if let Some(r) = refused { { r } }
                    // "Write one in the editor" means nothing without an editor.
                    if !idle || state.check.errors.is_empty() { { workloads } }
                    { cluster }
                </div>
            </main>
            if let Some(n) = error {
                <div id="notice" class="notice bad embed-notice" role="status">
                    <strong>{ &n.title }</strong>
                    if !n.body.is_empty() { <span>{ " " }{ &n.body }</span> }
                </div>
            }
        </div>
    }
}

/// Scales the content (CSS `zoom`, down to 55 %) so it fits the frame without scrollbars.
pub fn fit() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(main), Some(fit)) = (
        doc.get_element_by_id("embed-main"),
        doc.get_element_by_id("embed-fit"),
    ) else {
        return;
    };
    let Ok(fit) = fit.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    let style = fit.style();
    // A few pixels spare: the time bar's marks row may still settle after this.
    let room = (f64::from(main.client_height()) - 4.0).max(1.0);
    // The rendered height (zoom applied). A smaller zoom leaves more width, so the content
    // reflows shorter and the height is not proportional to the zoom: the largest zoom that
    // fits is found by bisection (7 layouts, to within 0.004).
    let fits = |z: f64| {
        let _ = style.set_property("zoom", &format!("{z:.3}"));
        fit.get_bounding_client_rect().height() <= room
    };
    // While the content keeps its height (each frame of a run), the last zoom still is the
    // answer: two layouts, not eight.
    let last = LAST_ZOOM.get();
    let steady = if last >= 1.0 {
        fits(1.0)
    } else {
        fits(last) && !fits((last + 0.01).min(1.0))
    };
    if steady {
        let _ = style.set_property("zoom", &format!("{last:.3}"));
        return;
    }
    if fits(1.0) {
        LAST_ZOOM.set(1.0);
        return;
    }
    let (mut lo, mut hi) = (0.55_f64, 1.0_f64);
    for _ in 0..7 {
        let mid = (lo + hi) / 2.0;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let _ = style.set_property("zoom", &format!("{lo:.3}"));
    LAST_ZOOM.set(lo);
}

thread_local! {
    /// The zoom `fit` chose last time.
    static LAST_ZOOM: std::cell::Cell<f64> = const { std::cell::Cell::new(1.0) };
}
