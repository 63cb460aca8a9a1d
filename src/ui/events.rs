//! The newest Kubernetes Events, and a polite live region that says only the ones that arrive
//! as time runs forward (a rewind or a scrub replays the cluster: nothing is new to hear).

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::state::{Engine, SimKey};
use super::view;
use crate::i18n::{t, tf, Key, Lang};

const SHOWN: usize = 8;
/// At most this many arrivals are kept in the live region.
const ANNOUNCED: usize = 3;
/// Fast play would flood a screen reader (90 Events in 10 s at 120×): at most SAID_PER_WINDOW
/// Events are said in each WINDOW_MS of real time; the rest are counted and said as one line
/// when the next window opens.
const SAID_PER_WINDOW: usize = 2;
const WINDOW_MS: f64 = 5000.0;

/// What the live region has said: the replay epoch and Event count it last saw, the arrivals
/// it holds (index, text), and the current window (its start, how many were said, how many
/// held back and the newest of those).
#[derive(Default)]
struct Heard {
    seen: Option<(u64, usize)>,
    /// (id, text, whether the text is the page's own words rather than an Event's English).
    items: Vec<(usize, String, bool)>,
    window_start: f64,
    said: usize,
    held: usize,
    held_warnings: usize,
    latest: String,
    next_id: usize,
}

impl Heard {
    fn push(&mut self, text: String, ours: bool) {
        self.next_id += 1;
        self.items.push((self.next_id, text, ours));
    }

    /// A new window opens once the last is WINDOW_MS old: what the last one held back is said.
    fn open_window(&mut self, now: f64, lang: Lang) {
        if now - self.window_start >= WINDOW_MS {
            self.window_start = now;
            self.said = 0;
            self.flush(lang);
        }
    }

    /// Events that arrived in one step beyond those the log shows: held back unsaid.
    fn unshown(&mut self, count: usize, warnings: usize, newest: String) {
        if count > 0 {
            self.held += count;
            self.held_warnings += warnings;
            self.latest = newest;
        }
    }

    /// An Event arrived at `now` (ms of real time).
    fn arrived(&mut self, text: String, warn: bool, now: f64, lang: Lang) {
        self.open_window(now, lang);
        if self.said < SAID_PER_WINDOW {
            self.said += 1;
            self.push(text, false);
        } else {
            self.held += 1;
            self.held_warnings += usize::from(warn);
            self.latest = text;
        }
    }

    /// The Events held back, as one line.
    fn flush(&mut self, lang: Lang) {
        if self.held == 0 {
            return;
        }
        let line = tf(
            Key::EventsHeldBack,
            lang,
            &[&self.held, &self.held_warnings, &self.latest],
        );
        self.held = 0;
        self.held_warnings = 0;
        self.push(line, true);
    }
}

#[derive(Properties)]
pub struct EventsProps {
    pub engine: Rc<RefCell<Engine>>,
    pub key_: SimKey,
    pub lang: Lang,
    /// The clock runs; once it stops, the Events held back are said.
    pub playing: bool,
    /// Under the enlarged loop: inert.
    #[prop_or_default]
    pub covered: bool,
}

impl PartialEq for EventsProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.engine, &o.engine)
            && self.key_.epoch == o.key_.epoch
            && self.key_.events == o.key_.events
            && self.lang == o.lang
            && self.playing == o.playing
            && self.covered == o.covered
    }
}

/// One Event as the log shows it (and as the live region says it).
struct Shown {
    t: crate::api::Time,
    warn: bool,
    reason: String,
    count: u32,
    object: String,
    message: String,
}

/// The Events written to the API server that are still kept, newest first.
fn written_newest_first(e: &Engine) -> impl Iterator<Item = &crate::sim::cluster::Recorded> {
    e.sim.cluster.events.iter().rev().filter(|r| r.written)
}

impl Shown {
    fn of(r: &crate::sim::cluster::Recorded) -> Shown {
        Shown {
            t: r.t,
            warn: r.type_ == "Warning",
            reason: r.reason.to_string(),
            count: r.count,
            object: r.object(),
            message: r.api_message().into_owned(),
        }
    }
}

#[function_component(EventLog)]
pub fn event_log(p: &EventsProps) -> Html {
    let lang = p.lang;
    let (start, total, shown) = {
        let e = p.engine.borrow();
        // What reached the API server (client-go's spam filter drops some), newest last; the
        // count is of every one written (the oldest are pruned past EVENT_RETENTION).
        let total = e.sim.cluster.events_written;
        let mut shown: Vec<Shown> = written_newest_first(&e)
            .take(SHOWN)
            .map(Shown::of)
            .collect();
        shown.reverse();
        (e.start(), total, shown)
    };
    let said = |ev: &Shown| {
        let kind = if ev.warn { "Warning" } else { "Normal" };
        format!("{kind} {} {}: {}", ev.reason, ev.object, ev.message)
    };
    let from = total.saturating_sub(shown.len());
    let heard = use_mut_ref(Heard::default);
    // Stepping (or a pause) says what was held back when the window ends, not at once: holding
    // N must not queue a summary per step.
    let redraw = use_force_update();
    let window_end = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    {
        let mut h = heard.borrow_mut();
        match h.seen {
            Some((epoch, seen)) if epoch == p.key_.epoch && total > seen => {
                let arrived = total - seen;
                let now = js_sys::Date::now();
                h.open_window(now, lang);
                // More than SHOWN at once: those not shown are held back, counted with their
                // warnings, the newest of them kept to be named.
                let unseen = arrived.saturating_sub(shown.len());
                if unseen > 0 {
                    let e = p.engine.borrow();
                    // The arrived ones not shown: those just older than the shown, newest first.
                    let held = written_newest_first(&e).skip(shown.len()).take(unseen);
                    let (mut warnings, mut newest) = (0, String::new());
                    for r in held {
                        warnings += usize::from(r.type_ == "Warning");
                        if newest.is_empty() {
                            newest = said(&Shown::of(r));
                        }
                    }
                    h.unshown(unseen, warnings, newest);
                }
                for ev in shown.iter().skip(shown.len().saturating_sub(arrived)) {
                    h.arrived(said(ev), ev.warn, now, lang);
                }
                let keep = h.items.len().saturating_sub(ANNOUNCED);
                h.items.drain(..keep);
            }
            Some((epoch, _)) if epoch == p.key_.epoch => {}
            // Another run (rewind, reset, an example): nothing of the last one is owed.
            _ => {
                h.items.clear();
                h.held = 0;
                h.held_warnings = 0;
                h.said = 0;
                h.window_start = 0.0;
            }
        }
        h.seen = Some((p.key_.epoch, total));
        // The clock stopped (paused, stepping, or the run ended): what was held back is said
        // when the current window ends (a timer redraws then if nothing else does).
        if !p.playing {
            let now = js_sys::Date::now();
            h.open_window(now, lang);
            if h.held > 0 {
                let wait = (h.window_start + WINDOW_MS - now).max(0.0) as u32 + 50;
                let redraw = redraw.clone();
                *window_end.borrow_mut() =
                    Some(gloo_timers::callback::Timeout::new(wait, move || {
                        redraw.force_update()
                    }));
            }
            let keep = h.items.len().saturating_sub(ANNOUNCED);
            h.items.drain(..keep);
        }
    }
    let announced: Vec<(usize, String, bool)> = heard.borrow().items.clone();
    html! {
        <section class="panel events" aria-labelledby="events-h" inert={p.covered}>
            <h2 id="events-h">{ t(Key::Events, lang) }<span class="muted count">{ " " }{ tf(Key::InAll, lang, &[&total]) }</span></h2>
            <div id="event-news" class="sr-only" role="log" aria-live="polite" aria-relevant="additions">
                // An Event is English on either page; the held-back summary is the page's.
                { for announced.into_iter().map(|(i, text, ours)| html! {
                    <p key={i} lang={if ours { lang.html_lang() } else { "en" }}>{ text }</p>
                }) }
            </div>
            // Kubernetes Events are English on either page.
            <ol id="event-log" lang="en">
                if shown.is_empty() { <li class="muted" lang={lang.html_lang()}>{ t(Key::NoEvents, lang) }</li> }
                // The log shows the newest few: where the rest are.
                if from > 0 { <li class="muted earlier" lang={lang.html_lang()}>{ tf(Key::EarlierEvents, lang, &[&from]) }</li> }
                <>{ for shown.into_iter().enumerate().map(|(i, ev)| {
                    let warn = ev.warn;
                    html! {
                        <li key={format!("{}-{}", p.key_.epoch, from + i)} class={classes!(warn.then_some("warning"))}>
                            <span class="t">{ view::clock(ev.t - start) }</span>
                            <span class="etype">{ if warn { "⚠ Warning" } else { "Normal" } }</span>
                            <b>{ ev.reason }</b>
                            if ev.count > 1 { <span class="muted">{ format!(" (x{})", ev.count) }</span> }
                            <span class="obj">{ ev.object }</span>
                            <span class="emsg">{ ev.message }</span>
                        </li>
                    }
                }) }</>
            </ol>
        </section>
    }
}
