//! Beside the editor, for each CronJob: its schedule in words (English and Chinese, from
//! `cron::describe`) and the next five fire times after the cluster's clock.

use yew::prelude::*;

use super::view;
use crate::api::Time;
use crate::cron::{self, Lang};
use crate::i18n::{self, t, tf, Key};

#[derive(Clone, Debug, PartialEq)]
pub struct CronInfo {
    pub name: String,
    pub schedule: String,
    pub time_zone: Option<String>,
    /// The live CronJob's `lastScheduleTime`, else its creation: `@every` counts on from it.
    pub base: Option<Time>,
    /// `spec.suspend` (the live CronJob's, which a patch may have changed): no Job at these times.
    pub suspended: bool,
}

#[derive(Properties, PartialEq)]
pub struct ScheduleProps {
    pub cronjobs: Vec<CronInfo>,
    /// The editor's text is invalid: these are the CronJobs the cluster runs (the last valid
    /// manifest's), not the text's.
    pub running: bool,
    /// The text is valid but not applied: its schedules differ from the cluster's.
    #[prop_or_default]
    pub edited: bool,
    /// The cluster clock, whole seconds.
    pub now: Time,
    pub lang: i18n::Lang,
}

#[function_component(SchedulePanel)]
pub fn schedule_panel(p: &ScheduleProps) -> Html {
    if p.cronjobs.is_empty() {
        return html! {};
    }
    html! {
        <section class="panel schedule" aria-labelledby="schedule-h" id="schedule">
            <h2 id="schedule-h">{ t(Key::Schedule, p.lang) }</h2>
            if p.running { <p class="running-note" id="schedule-running">{ t(Key::ScheduleRunning, p.lang) }</p> }
            if p.edited { <p class="running-note" id="schedule-edited">{ t(Key::ScheduleEdited, p.lang) }</p> }
            { for p.cronjobs.iter().map(|c| one(c, p.now, p.lang)) }
        </section>
    }
}

fn one(c: &CronInfo, now: Time, lang: i18n::Lang) -> Html {
    let en = cron::describe(&c.schedule, Lang::En);
    let zh = cron::describe(&c.schedule, Lang::Zh);
    let mut next = cron::parse_for_cronjob(&c.schedule, c.time_zone.as_deref())
        .map(|s| s.upcoming_from(c.base.map(Time::to_chrono), &now.to_chrono(), 5))
        .unwrap_or_default();
    // Two fire times less than a second apart: the controller errors at the first of them and
    // starts nothing from there (utils.go mostRecentScheduleTime), so the list ends before it.
    let stuck = next
        .windows(2)
        .position(|w| w[1].timestamp() - w[0].timestamp() < 1)
        .map(|i| Time::from_chrono(&next[i]));
    if let Some(t) = stuck {
        next.retain(|x| Time::from_chrono(x) < t);
    }
    // With a timeZone, each fire time also as that zone's clock reads it (the schedule's own
    // words are in that zone).
    let zone = c
        .time_zone
        .as_deref()
        .and_then(crate::tz::Zone::from_name)
        .filter(|z| z.name() != "UTC");
    // The date too when the times are not all on one day (a daily schedule's lines would read
    // the same), and the year when they span years (a yearly one's).
    // Also when they are all on one day that is not today's (UTC).
    let today = date(now);
    let dates: Vec<(i32, String)> = next.iter().map(|t| date(Time::from_chrono(t))).collect();
    let days = dates.windows(2).any(|w| w[0] != w[1]) || dates.first().is_some_and(|d| *d != today);
    let years =
        dates.windows(2).any(|w| w[0].0 != w[1].0) || dates.first().is_some_and(|d| d.0 != today.0);
    let local = |t: Time| {
        zone.map(|z| {
            let off = crate::api::Duration::from_secs(i64::from(z.utc_offset(t.unix_secs())));
            format!(
                " {}",
                tf(Key::ZoneClock, lang, &[&view::hms(t + off), &z.name()])
            )
        })
    };
    html! {
        <div class="cron-info" data-cronjob={c.name.clone()}>
            <p class="cron-expr"><code>{ &c.name }</code>{ " " }<code class="expr">{ format!("\"{}\"", c.schedule) }</code>
                if let Some(tz) = &c.time_zone { <span class="muted">{ format!(" timeZone {tz}") }</span> }
            </p>
            if lang == i18n::Lang::Zh {
                if let Ok(zh) = &zh { <p class="words" lang="zh">{ zh }</p> }
            }
            <p class="words" lang="en">{ en.clone().unwrap_or_else(|e| tf(Key::CannotDescribe, lang, &[&e])) }</p>
            if lang == i18n::Lang::En {
                if let Ok(zh) = &zh { <p class="words" lang="zh">{ zh }</p> }
            }
            if c.suspended {
                <p class="running-note suspended-note">{ t(Key::ScheduleSuspended, lang) }</p>
            }
            if let Some(t) = stuck {
                <p class="running-note stuck-note">{ tf(Key::ScheduleStuck, lang, &[&t.rfc3339()]) }</p>
            }
            if next.is_empty() && en.is_ok() && stuck.is_none() {
                <p class="running-note">{ t(Key::ScheduleNeverFires, lang) }</p>
            }
            if !next.is_empty() {
                <ol class={classes!("next", zone.is_some().then_some("zoned"))} aria-label={t(Key::NextFireTimes, lang)}>
                    { for next.iter().map(|t| {
                        let t = Time::from_chrono(t);
                        let d = t - now;
                        // The date too when the times span days (a daily schedule's lines
                        // would read the same).
                        let (year, day) = date(t);
                        let date = match (years, days) {
                            (true, _) => format!("{year}-{day} "),
                            (false, true) => format!("{day} "),
                            _ => String::new(),
                        };
                        html! { <li><time>{ date }{ view::hms(t) }{ "Z" }</time>{ local(t).unwrap_or_default() }{ " · " }<span class="muted">{ tf(Key::InDuration, lang, &[&countdown(d, lang)]) }</span></li> }
                    }) }
                </ol>
            }
        </div>
    }
}

/// The year and `MM-DD` of an instant (UTC).
fn date(t: Time) -> (i32, String) {
    use chrono::Datelike;
    let c = t.to_chrono();
    (c.year(), format!("{:02}-{:02}", c.month(), c.day()))
}

/// A wait as a clock reads it: `55s`, `1m55s`, `2h5m`, `3d4h` (whole seconds, two units).
fn countdown(d: crate::api::Duration, lang: i18n::Lang) -> String {
    let s = d.whole_secs().max(0);
    let (days, hours, mins, secs) = (s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
    let units = match lang {
        i18n::Lang::En => ["d", "h", "m", "s"],
        i18n::Lang::Zh => ["天", "小时", "分", "秒"],
    };
    let parts = [
        (days, units[0]),
        (hours, units[1]),
        (mins, units[2]),
        (secs, units[3]),
    ];
    let first = parts.iter().position(|(v, _)| *v > 0).unwrap_or(3);
    if lang == i18n::Lang::Zh {
        // The two leading units, in words (`1 分钟`, `1 分 55 秒`, `3 天 4 小时`).
        const UNIT: [i64; 4] = [86_400, 3600, 60, 1];
        let kept = parts[first..]
            .iter()
            .zip(&UNIT[first..])
            .take(2)
            .map(|((v, _), u)| v * u)
            .sum::<i64>();
        return i18n::zh_duration(kept * 1000);
    }
    parts[first..]
        .iter()
        .take(2)
        .filter(|(v, _)| *v > 0 || first == 3)
        .map(|(v, u)| format!("{v}{u}"))
        .collect()
}
