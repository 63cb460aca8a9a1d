//! Cron schedules exactly as Kubernetes reads them: robfig/cron v3 `ParseStandard` and
//! `SpecSchedule.Next`, plus the CronJob validation messages and a human description.
//!
//! # Sources (ground truth)
//! - robfig/cron v3.0.1 as vendored by Kubernetes (`vendor/github.com/robfig/cron/v3/`):
//!   `parser.go` (`ParseStandard`, `getField`, `getRange`, `parseDescriptor`, error texts),
//!   `spec.go` (`bounds`, names, `starBit`, `Next`, `dayMatches`), `constantdelay.go` (`Every`).
//!   Their test vectors: robfig `spec_test.go` `TestNext`, `parser_test.go`.
//! - Kubernetes `pkg/apis/batch/validation/validation.go` (`validateScheduleFormat`,
//!   `validateTimeZone`) and `pkg/controller/cronjob/cronjob_controllerv2.go` (`formatSchedule`),
//!   `pkg/controller/cronjob/utils.go` (`mostRecentScheduleTime`, which only ever calls `Next`).
//!
//! # Why not the `cron` crate
//! This module does not use the `cron` crate (0.17) and it can be dropped from Cargo.toml. It is a
//! Quartz-style parser, not robfig's: it requires a seconds field (so a Kubernetes schedule such as
//! `0 3 * * 1` is rejected), numbers weekdays 1–7 with Sunday = 1 (so `1` means Sunday, not Monday,
//! and `0` is an error), and it always ANDs day-of-month with day-of-week where robfig (and so
//! Kubernetes) ORs them when both are restricted. Its error messages are its own as well. An
//! adapter would have had to rewrite every expression, re-implement the OR rule, robfig's DST
//! walk and the error texts — more code than the direct bit-set port of robfig here
//! (`parse.rs`, `next.rs`), which is exact.
//! The test `tests::the_cron_crate_is_not_kubernetes_cron` demonstrates each difference (delete it
//! together with the dependency).
//!
//! # Verification
//! Besides the vectors in `tests/cron_schedules.rs`, this port was compared with robfig v3.0.1
//! itself (the vendored sources compiled with Go 1.19) on over 120,000 generated expressions and start
//! times in 18 zones: identical fire times and byte-identical error texts. Known differences:
//! `TZ=zone` with no space (robfig panics, see [`parse_standard`]); zone rules come from
//! chrono-tz, whose tables end in 2099 (later years stay on standard time, where Go keeps applying
//! the DST rule); Go's `strconv.Quote` printability table is approximated for exotic code points.
//!
//! # Facts confirmed in the sources
//! - Day-of-week is `bounds{0, 6}`: `7` is rejected with `end of range (7) above maximum (6): 7`.
//! - The star bit is set for a field element starting with `*` or `?`, and cleared again when it
//!   has a step greater than 1: `*/1` counts as `*`, `*/2` does not (`getRange`). `N/step` means
//!   `N-max/step`. Anything after a leading `*` and before `/` is ignored (`*-5` = `*`).
//! - `@every <duration>` is accepted by `ParseStandard`, so Kubernetes validation (which only calls
//!   `cron.ParseStandard`) accepts it; utils.go `mostRecentScheduleTime` mentions "the ones
//!   specified with @every form".
//! - Validation rejects any schedule containing `TZ` with
//!   `cannot use TZ or CRON_TZ in schedule, use timeZone field instead`, after (and in addition
//!   to) any parse error.
//! - `spec.timeZone`: empty → `timeZone must be nil or non-empty string`; a `/`-separated part
//!   that is `.`/`..`, starts with `-` or is not `^[A-Za-z\.\-_0-9+]{1,14}$` (e.g. has a space) →
//!   `unknown time zone NAME`; `Local` in any case → `timeZone must be an explicit time zone as
//!   defined in https://www.iana.org/time-zones`; then Go `time.LoadLocation`'s own error
//!   (`unknown time zone NAME`).

mod describe;
pub(crate) mod gostd;
mod next;
mod parse;
mod validate;

use chrono::{DateTime, TimeZone, Utc};

pub use describe::{describe, Lang};
// The page reads civil dates back from Intl (ui/intl_tz.rs).
#[cfg_attr(not(target_arch = "wasm32"), allow(unused_imports))]
pub(crate) use next::days_from_civil;
pub use validate::{
    invalid_value, schedule_errors, schedule_field_errors, time_zone_errors,
    time_zone_field_errors, validate_schedule, validate_time_zone, TZ_BOTH_MESSAGE,
    TZ_IN_SCHEDULE_MESSAGE,
};

/// The zone a schedule is evaluated in (robfig `SpecSchedule.Location`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// No `TZ=` prefix (robfig `time.Local`), or `TZ=Local`: evaluated in the zone of the time
    /// passed to [`Schedule::next`] ("schedules without a time zone specified (time.Local) are
    /// treated as local to the time provided", spec.go).
    Local,
    /// `TZ=<zone>` / `CRON_TZ=<zone>` (`TZ=` alone and `TZ=UTC` are UTC, as Go's `LoadLocation`).
    Zone(crate::tz::Zone),
}

/// Bit sets of a robfig `SpecSchedule` (bit 63 = robfig's star bit). The seconds field of
/// `ParseStandard` is always `0` and is not stored.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Spec {
    pub minute: u64,
    pub hour: u64,
    pub dom: u64,
    pub month: u64,
    pub dow: u64,
    pub location: Location,
}

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Spec(Spec),
    /// robfig `ConstantDelaySchedule` (`@every`): whole seconds, at least 1.
    Every {
        delay_secs: i64,
    },
}

/// A parsed schedule (robfig `cron.Schedule` as returned by `ParseStandard`).
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    kind: Kind,
}

/// Parses a 5-field schedule, a descriptor (`@daily`, `@every 1h30m`, ...) or either of them after
/// a `TZ=`/`CRON_TZ=` prefix, exactly as robfig v3 `ParseStandard`; the error text is robfig's
/// (e.g. `end of range (7) above maximum (6): 7`, `expected exactly 5 fields, found 6: [...]`).
///
/// Kubernetes *validation* additionally rejects `TZ=`: see [`validate_schedule`].
/// One divergence by necessity: for `TZ=zone` with no space after it robfig panics (slice bounds);
/// this returns `Err("runtime error: slice bounds out of range [:-1]")` instead, which validation
/// turns into the API server's answer to that panic (an HTTP 500).
pub fn parse_standard(expr: &str) -> Result<Schedule, String> {
    let parsed = parse::parse(expr)?;
    let location = parsed.tz.map(|(_, loc)| loc).unwrap_or(Location::Local);
    let kind = match parsed.body {
        parse::Body::Every { delay_secs } => Kind::Every { delay_secs },
        parse::Body::Spec { fields, .. } => Kind::Spec(Spec {
            minute: fields.minute.bits,
            hour: fields.hour.bits,
            dom: fields.dom.bits,
            month: fields.month.bits,
            dow: fields.dow.bits,
            location,
        }),
    };
    Ok(Schedule { kind })
}

/// What the CronJob controller parses (cronjob_controllerv2.go `formatSchedule`): a schedule
/// containing `TZ` is used as written; otherwise, when `time_zone` is set and loads, the schedule
/// becomes `TZ=<time_zone> <schedule>`; when it does not load, the schedule is used as written.
pub fn parse_for_cronjob(schedule: &str, time_zone: Option<&str>) -> Result<Schedule, String> {
    if schedule.contains("TZ") {
        return parse_standard(schedule);
    }
    match time_zone {
        Some(tz) if gostd::load_location(tz).is_ok() => {
            parse_standard(&format!("TZ={tz} {schedule}"))
        }
        _ => parse_standard(schedule),
    }
}

impl Schedule {
    /// The first activation strictly after `after`, in `after`'s zone: robfig `Next`, including
    /// its DST behaviour — a wall-clock time inside a spring-forward gap does not fire that day
    /// (robfig `TestNext` "2am nightly job (skipped)"), one inside a fall-back overlap fires in
    /// both offsets ("1am nightly job (runs twice)"). The schedule is evaluated in its `TZ=` zone,
    /// else in `after`'s zone (robfig's `time.Local` rule).
    /// None when robfig returns its zero time: nothing within five years (e.g. `0 0 30 2 *`).
    /// Never hangs: impossible schedules answer in at most a few thousand steps.
    pub fn next<Tz: TimeZone>(&self, after: &DateTime<Tz>) -> Option<DateTime<Tz>> {
        let start = after.timestamp(); // drops the nanoseconds, as robfig does first
        let secs = match &self.kind {
            // constantdelay.go: `t.Add(schedule.Delay - time.Duration(t.Nanosecond()))`.
            Kind::Every { delay_secs } => start.checked_add(*delay_secs)?,
            Kind::Spec(spec) => match spec.location {
                Location::Local => next::spec_next(spec, start, &after.timezone())?,
                Location::Zone(zone) => next::spec_next(spec, start, &zone)?,
            },
        };
        let utc = DateTime::<Utc>::from_timestamp(secs, 0)?;
        Some(utc.with_timezone(&after.timezone()))
    }

    /// Up to `n` successive activations after `after` (fewer if the schedule stops firing).
    pub fn upcoming<Tz: TimeZone>(&self, after: &DateTime<Tz>, n: usize) -> Vec<DateTime<Tz>> {
        let mut out = Vec::with_capacity(n.min(1024));
        let mut cur = after.clone();
        while out.len() < n {
            match self.next(&cur) {
                Some(t) => {
                    cur = t.clone();
                    out.push(t);
                }
                None => break,
            }
        }
        out
    }

    /// Up to `n` times the CronJob controller starts a Job after `now`. `base` is the
    /// CronJob's `status.lastScheduleTime`, else its creation: the controller counts the
    /// schedule on from there (utils.go `mostRecentScheduleTime`, then `schedule.Next`), which
    /// for `@every` is the grid `base + k × delay`, not `now + delay`.
    pub fn upcoming_from(
        &self,
        base: Option<DateTime<Utc>>,
        now: &DateTime<Utc>,
        n: usize,
    ) -> Vec<DateTime<Utc>> {
        match (self.every_seconds(), base) {
            (Some(delay), Some(base)) if delay > 0 => {
                let (b, now_s) = (base.timestamp(), now.timestamp());
                let k = if now_s >= b {
                    (now_s - b) / delay + 1
                } else {
                    1
                };
                (0..n as i64)
                    .map_while(|i| {
                        let secs = k.checked_add(i)?.checked_mul(delay)?.checked_add(b)?;
                        DateTime::<Utc>::from_timestamp(secs, 0)
                    })
                    .collect()
            }
            _ => self.upcoming(now, n),
        }
    }

    /// The `TZ=`/`CRON_TZ=` zone, if the expression had one (`Local` otherwise).
    pub fn location(&self) -> Location {
        match &self.kind {
            Kind::Spec(spec) => spec.location,
            Kind::Every { .. } => Location::Local,
        }
    }

    /// For `@every <duration>`: the delay in whole seconds (robfig `ConstantDelaySchedule.Delay`).
    pub fn every_seconds(&self) -> Option<i64> {
        match self.kind {
            Kind::Every { delay_secs } => Some(delay_secs),
            Kind::Spec(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_is_counted_on_from_the_last_schedule_not_from_now() {
        // utils.go mostRecentScheduleTime + robfig ConstantDelaySchedule.Next: created at
        // 0:00, "@every 90s" runs at 1:30, 3:00, 4:30…; at 2:10 the next is 3:00, not 3:40.
        let s = parse_for_cronjob("@every 90s", None).unwrap();
        let at = |secs: i64| DateTime::<Utc>::from_timestamp(1_767_225_600 + secs, 0).unwrap();
        let next = s.upcoming_from(Some(at(0)), &at(130), 3);
        assert_eq!(next, [at(180), at(270), at(360)]);
        // A time on the grid is not after itself.
        assert_eq!(s.upcoming_from(Some(at(0)), &at(180), 1), [at(270)]);
        // Before the first run, and a spec schedule ignores the base.
        assert_eq!(s.upcoming_from(Some(at(0)), &at(10), 1), [at(90)]);
        let spec = parse_for_cronjob("*/5 * * * *", None).unwrap();
        assert_eq!(spec.upcoming_from(Some(at(7)), &at(130), 1), [at(300)]);
    }

    use super::*;
    use chrono::{Datelike, Weekday};

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .expect("valid test date")
    }

    fn next_utc(expr: &str, from: DateTime<Utc>) -> Option<DateTime<Utc>> {
        parse_standard(expr)
            .expect("test expression parses")
            .next(&from)
    }

    #[test]
    fn the_cron_crate_is_not_kubernetes_cron() {
        use std::str::FromStr;
        // 1. A Kubernetes (5-field) schedule does not parse: the cron crate wants seconds first.
        assert!(::cron::Schedule::from_str("0 3 * * 1").is_err());
        assert!(parse_standard("0 3 * * 1").is_ok());

        // 2. Weekday numbering: in the cron crate `1` is Sunday; in robfig/Kubernetes, Monday.
        let wednesday = utc(2026, 3, 4, 0, 0);
        let quartz = ::cron::Schedule::from_str("0 0 3 * * 1").expect("quartz parses");
        let quartz_next = quartz.after(&wednesday).next().expect("quartz fires");
        assert_eq!(quartz_next.weekday(), Weekday::Sun);
        let k8s_next = next_utc("0 3 * * 1", wednesday).expect("fires");
        assert_eq!(k8s_next.weekday(), Weekday::Mon);
        // ... and `0` (Sunday in Kubernetes) is out of range there.
        assert!(::cron::Schedule::from_str("0 0 3 * * 0").is_err());
        assert!(parse_standard("0 3 * * 0").is_ok());

        // 3. Both day fields restricted: the cron crate ANDs them (1st of the month that is also
        //    a Sunday), robfig ORs them (1st of the month, or any Monday).
        let quartz = ::cron::Schedule::from_str("0 0 0 1 * 2").expect("quartz parses");
        let quartz_next = quartz.after(&wednesday).next().expect("quartz fires");
        assert_eq!(quartz_next, utc(2026, 6, 1, 0, 0)); // the next 1st that is a Monday
        assert_eq!(
            next_utc("0 0 1 * 1", wednesday),
            Some(utc(2026, 3, 9, 0, 0))
        );
    }

    #[test]
    fn parse_errors_are_robfigs() {
        let err = |e: &str| parse_standard(e).err();
        assert_eq!(
            err("0 0 * * 7"),
            Some("end of range (7) above maximum (6): 7".into())
        );
        assert_eq!(
            err("* * * * * *"),
            Some("expected exactly 5 fields, found 6: [* * * * * *]".into())
        );
        assert_eq!(err(""), Some("empty spec string".into()));
        assert_eq!(
            err("*/0 * * * *"),
            Some("step of range should be a positive number: */0".into())
        );
        assert_eq!(
            err("0 0 0 * *"),
            Some("beginning of range (0) below minimum (1): 0".into())
        );
        assert_eq!(
            err("5-2 * * * *"),
            Some("beginning of range (5) beyond end of range (2): 5-2".into())
        );
        assert_eq!(err("1-2-3 * * * *"), Some("too many hyphens: 1-2-3".into()));
        assert_eq!(err("*/5/5 * * * *"), Some("too many slashes: */5/5".into()));
        assert_eq!(
            err("* * * * xyz"),
            Some(
                "failed to parse int from xyz: strconv.Atoi: parsing \"xyz\": invalid syntax"
                    .into()
            )
        );
        assert_eq!(
            err("*/-1 * * * *"),
            Some("negative number (-1) not allowed: -1".into())
        );
        assert_eq!(
            err("@Daily"),
            Some("unrecognized descriptor: @Daily".into())
        );
        assert_eq!(
            err("TZ=Mars/Base * * * * *"),
            Some("provided bad location Mars/Base: unknown time zone Mars/Base".into())
        );
        assert_eq!(
            err("TZ=UTC"),
            Some("runtime error: slice bounds out of range [:-1]".into())
        );
    }

    #[test]
    fn star_bit_rules() {
        let bits = |e: &str| match parse_standard(e).map(|s| s.kind) {
            Ok(Kind::Spec(s)) => s.dom,
            _ => 0,
        };
        assert_ne!(bits("0 0 * * 1") & parse::STAR_BIT, 0);
        assert_ne!(bits("0 0 ? * 1") & parse::STAR_BIT, 0);
        assert_ne!(bits("0 0 */1 * 1") & parse::STAR_BIT, 0);
        assert_eq!(bits("0 0 */2 * 1") & parse::STAR_BIT, 0);
        assert_ne!(bits("0 0 *-9 * 1") & parse::STAR_BIT, 0);
        // `*/1` in dom + dow restricted → AND → Mondays only.
        let wednesday = utc(2026, 3, 4, 0, 0);
        assert_eq!(
            next_utc("0 0 */1 * 1", wednesday),
            Some(utc(2026, 3, 9, 0, 0))
        );
        // `*/2` in dom + dow restricted → OR → odd days or Mondays: Thursday the 5th.
        assert_eq!(
            next_utc("0 0 */2 * 1", wednesday),
            Some(utc(2026, 3, 5, 0, 0))
        );
    }

    #[test]
    fn every_and_time_zones() {
        let s = parse_standard("@every 1h30m").expect("parses");
        assert_eq!(s.every_seconds(), Some(5400));
        let t0 = utc(2026, 1, 1, 0, 0) + chrono::Duration::milliseconds(700);
        assert_eq!(s.next(&t0), Some(utc(2026, 1, 1, 1, 30)));
        assert_eq!(
            parse_standard("@every 10ms")
                .ok()
                .and_then(|s| s.every_seconds()),
            Some(1)
        );
        let s = parse_standard("TZ=America/New_York 0 9 * * *").expect("parses");
        assert_eq!(
            s.location(),
            Location::Zone(crate::tz::Zone::from_name("America/New_York").unwrap())
        );
        assert_eq!(s.next(&utc(2026, 7, 1, 0, 0)), Some(utc(2026, 7, 1, 13, 0)));
        let via_controller =
            parse_for_cronjob("0 9 * * *", Some("America/New_York")).expect("parses");
        assert_eq!(via_controller, s);
        assert_eq!(
            parse_for_cronjob("0 9 * * *", Some("Nowhere/Else")),
            parse_standard("0 9 * * *")
        );
    }

    #[test]
    fn impossible_schedules_are_fast() {
        let start = std::time::Instant::now();
        for e in [
            "0 0 30 2 *",
            "0 0 31 4,6,9,11 *",
            ", * * * *",
            "0 0 , * *",
            "0 0 * * ,",
        ] {
            assert_eq!(next_utc(e, utc(2026, 1, 1, 0, 0)), None, "{e}");
        }
        // dom `,` (no bits, no star) OR'ed with a restricted dow still fires.
        assert_eq!(
            next_utc("0 0 , * 1", utc(2026, 3, 4, 0, 0)),
            Some(utc(2026, 3, 9, 0, 0))
        );
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn upcoming_is_strictly_increasing() {
        let s = parse_standard("*/20 * * * *").expect("parses");
        let got = s.upcoming(&utc(2026, 1, 1, 0, 0), 4);
        assert_eq!(
            got,
            vec![
                utc(2026, 1, 1, 0, 20),
                utc(2026, 1, 1, 0, 40),
                utc(2026, 1, 1, 1, 0),
                utc(2026, 1, 1, 1, 20)
            ]
        );
        assert!(parse_standard("0 0 30 2 *")
            .expect("parses")
            .upcoming(&utc(2026, 1, 1, 0, 0), 3)
            .is_empty());
    }
}
