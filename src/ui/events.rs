//! The newest Kubernetes Events as a polite live region (screen readers hear new ones).

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::state::{Engine, SimKey};
use super::view;
use crate::i18n::{t, tf, Key, Lang};

const SHOWN: usize = 8;

#[derive(Properties)]
pub struct EventsProps {
    pub engine: Rc<RefCell<Engine>>,
    pub key_: SimKey,
    pub lang: Lang,
}

impl PartialEq for EventsProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.engine, &o.engine)
            && self.key_.epoch == o.key_.epoch
            && self.key_.events == o.key_.events
            && self.lang == o.lang
    }
}

#[function_component(EventLog)]
pub fn event_log(p: &EventsProps) -> Html {
    let lang = p.lang;
    let e = p.engine.borrow();
    let start = e.start();
    let all = &e.sim.cluster.events;
    let from = all.len().saturating_sub(SHOWN);
    html! {
        <section class="panel events" aria-labelledby="events-h">
            <h2 id="events-h">{ t(Key::Events, lang) }<span class="muted count">{ " " }{ tf(Key::InAll, lang, &[&all.len()]) }</span></h2>
            <ol id="event-log" role="log" aria-live="polite" aria-relevant="additions">
                if all.is_empty() { <li class="muted">{ t(Key::NoEvents, lang) }</li> }
                { for all[from..].iter().enumerate().map(|(i, ev)| {
                    let warn = ev.type_ == "Warning";
                    html! {
                        <li key={format!("{}-{}", p.key_.epoch, from + i)} class={classes!(warn.then_some("warning"))}>
                            <span class="t">{ view::clock(ev.t - start) }</span>
                            <span class="etype">{ if warn { "⚠ Warning" } else { "Normal" } }</span>
                            <b>{ ev.reason.as_ref() }</b>
                            if ev.count > 1 { <span class="muted">{ format!(" (x{})", ev.count) }</span> }
                            <span class="obj">{ ev.object() }</span>
                            <span class="emsg">{ ev.message() }</span>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
