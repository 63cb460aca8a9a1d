//! Time: play/pause, back to the previous instant, step to the next, speed, the timeline slider
//! (scrubbing back replays from t=0) with the recorded actions marked, rewind, the cluster clock.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::state::{Msg, SPEEDS};
use super::view;
use crate::api::{Duration, Time};

#[derive(Properties, PartialEq)]
pub struct TimeProps {
    pub at: Duration,
    pub horizon: Duration,
    pub playing: bool,
    pub speed: u32,
    pub now: Time,
    /// Recorded actions: (when, what).
    pub marks: Rc<Vec<(Duration, String)>>,
    pub dispatch: Callback<Msg>,
}

#[function_component(TimeBar)]
pub fn time_bar(p: &TimeProps) -> Html {
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
    let horizon_s = p.horizon.whole_secs().max(1);
    let pct = |t: Duration| (t.0 as f64 * 100.0 / (horizon_s as f64 * 1000.0)).clamp(0.0, 100.0);
    html! {
        <div class="timebar" role="group" aria-label="virtual time">
            <button id="rewind" type="button" onclick={d.reform(|_: MouseEvent| Msg::Rewind)}
                title="Back to t=0 (Home)" aria-label="Rewind to t=0">{ "⇤" }</button>
            <button id="back" type="button" onclick={d.reform(|_: MouseEvent| Msg::StepBack)}
                title="Back to the previous instant something happened (←)" aria-label="Previous event">{ "◀◀" }</button>
            <button id="play" type="button" class="primary play" onclick={d.reform(|_: MouseEvent| Msg::TogglePlay)}
                aria-pressed={p.playing.to_string()} title="Play / pause (Space)">
                { if p.playing { "❚❚ Pause" } else { "▶ Play" } }
            </button>
            <button id="step" type="button" onclick={d.reform(|_: MouseEvent| Msg::Step)}
                title="Run to the next instant anything is due (→ or N)" aria-label="Next event">{ "▶▶" }</button>
            <label class="speed">
                <span class="sr-only">{ "Speed" }</span>
                <select id="speed" aria-label="speed" onchange={on_speed} title="Virtual seconds per second (+ / -)">
                    { for SPEEDS.iter().map(|&v| html! {
                        <option value={v.to_string()} selected={v == p.speed}>{ format!("{v}×") }</option>
                    }) }
                </select>
            </label>
            <div class="track">
                <input id="time" type="range" min="0" step="1" max={horizon_s.to_string()}
                    value={p.at.whole_secs().to_string()} oninput={on_seek}
                    aria-label="timeline (seconds of virtual time)"
                    aria-valuetext={format!("t = {}", view::clock(p.at))} />
                <div class="marks" aria-hidden="true">
                    { for p.marks.iter().map(|(t, label)| html! {
                        <span class="amark" style={format!("left: {:.2}%", pct(*t))} title={format!("{} {}", view::clock(*t), label)}>{ "◆" }</span>
                    }) }
                </div>
            </div>
            <span id="clock" class="clock" title="virtual time since the start · the cluster's clock (UTC)">
                <span class="at">{ format!("t = {}", view::clock(p.at)) }</span>
                <span class="wall">{ format!("{} UTC", view::hms(p.now)) }</span>
            </span>
        </div>
    }
}
