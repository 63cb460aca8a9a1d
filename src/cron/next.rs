//! robfig/cron v3 `SpecSchedule.Next` (spec.go), including its daylight-saving behaviour, on top of
//! an emulation of the Go `time` operations it uses.
//!
//! Times are whole Unix seconds (`Next` drops the sub-second part first). The Go operations:
//! - `t.Year()`, `t.Month()`, ... — the civil fields of `t` in the zone: `unix + offset(unix)`.
//! - `time.Date(y, mo, d, h, mi, s, 0, loc)` — Go normalises overflowing fields, then looks the
//!   zone up twice (`time/time.go` `Date`: `lookup(unix)`, and if `unix - offset` falls outside that
//!   zone period, `lookup(unix - offset)`), which is `local - offset(local - offset(local))`. In a
//!   spring-forward gap this yields the wall time shifted by the gap in the direction that depends
//!   on the sign of the offsets (New York 02:30 → 01:30 EST; Berlin 02:30 → 03:30 CEST); in a
//!   fall-back overlap it picks the period in force at `local` read as UTC.
//! - `t.AddDate(y, m, d)` — `time.Date` on the civil fields plus the deltas.
//! - `t.Add(d)` — plain instant arithmetic; `t.Truncate(time.Minute)` — floor to a multiple of 60 s
//!   of absolute time (Go's zero time is minute-aligned with the Unix epoch).

use chrono::{DateTime, Offset, TimeZone};

use super::parse::STAR_BIT;
use super::Spec;

/// Civil fields of an instant in a zone.
#[derive(Clone, Copy, Debug)]
struct Civil {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    /// 0 = Sunday (Go `time.Weekday`).
    weekday: i64,
}

struct Clock<'a, Z: TimeZone> {
    zone: &'a Z,
}

impl<Z: TimeZone> Clock<'_, Z> {
    /// UTC offset in seconds in force at the instant `unix`. None outside chrono's range.
    fn offset(&self, unix: i64) -> Option<i64> {
        let utc = DateTime::from_timestamp(unix, 0)?;
        let off = self.zone.offset_from_utc_datetime(&utc.naive_utc());
        Some(i64::from(off.fix().local_minus_utc()))
    }

    fn civil(&self, unix: i64) -> Option<Civil> {
        let local = unix.checked_add(self.offset(unix)?)?;
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        Some(Civil {
            year,
            month,
            day,
            hour: secs / 3600,
            minute: secs % 3600 / 60,
            second: secs % 60,
            weekday: (days + 4).rem_euclid(7),
        })
    }

    /// robfig's loop of `t = t.Add(step)` while the field (now `value`, counting to `wrap_at`)
    /// does not match, done in one jump: to the first later value that matches, or to the
    /// wrap (`value` 0, where robfig starts over). Only when the zone's offset is the same at
    /// both ends (then every step moved the field by one); None lets the caller step.
    fn skip(
        &self,
        t: i64,
        step: i64,
        value: i64,
        wrap_at: i64,
        matches: impl Fn(i64) -> bool,
    ) -> Option<(i64, bool)> {
        let target = (value + 1..wrap_at)
            .find(|v| matches(*v))
            .unwrap_or(wrap_at);
        let to = t.checked_add((target - value).checked_mul(step)?)?;
        (self.offset(to)? == self.offset(t)?).then_some((to, target == wrap_at))
    }

    /// Go `time.Date(y, mo, d, h, mi, s, 0, loc)`.
    fn date(&self, y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> Option<i64> {
        let m0 = mo.checked_sub(1)?;
        let y = y.checked_add(m0.div_euclid(12))?;
        let m = m0.rem_euclid(12) + 1;
        let days = days_from_civil(y, m, 1).checked_add(d.checked_sub(1)?)?;
        let local = days
            .checked_mul(86_400)?
            .checked_add(h.checked_mul(3600)?)?
            .checked_add(mi.checked_mul(60)?)?
            .checked_add(s)?;
        let off1 = self.offset(local)?;
        let off2 = self.offset(local.checked_sub(off1)?)?;
        local.checked_sub(off2)
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1..=12). H. Hinnant's algorithm.
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn has(bits: u64, v: i64) -> bool {
    (0..63).contains(&v) && bits & (1u64 << v) != 0
}

/// robfig `dayMatches` (spec.go): if either day field has the star bit, both must match (AND);
/// otherwise either may match (OR).
fn day_matches(s: &Spec, f: &Civil) -> bool {
    let dom_match = has(s.dom, f.day);
    let dow_match = has(s.dow, f.weekday);
    if s.dom & STAR_BIT != 0 || s.dow & STAR_BIT != 0 {
        dom_match && dow_match
    } else {
        dom_match || dow_match
    }
}

/// Whether the bit sets alone rule out every time (a field like `,` parses to no bits). robfig
/// would loop through five years of minutes and then give up; the answer is the same, at once.
fn bits_can_match(s: &Spec) -> bool {
    let any = |b: u64| b & !STAR_BIT != 0;
    let days = if s.dom & STAR_BIT != 0 || s.dow & STAR_BIT != 0 {
        any(s.dom) && any(s.dow)
    } else {
        any(s.dom) || any(s.dow)
    };
    any(s.minute) && any(s.hour) && any(s.month) && days
}

/// Upper bound on loop steps; robfig's own loops need a few thousand at most over five years,
/// so this only guards against a bug turning into a hang.
const STEP_BUDGET: u32 = 2_000_000;

/// robfig `SpecSchedule.Next` for a time given as whole Unix seconds (`after_floor`, i.e. the
/// input with its nanoseconds dropped), evaluated in `zone`. None = robfig's zero time.
pub(crate) fn spec_next<Z: TimeZone>(s: &Spec, after_floor: i64, zone: &Z) -> Option<i64> {
    spec_next_stepping(s, after_floor, zone, true)
}

/// `spec_next`; `jump` false takes every one of robfig's steps (the tests' reference).
fn spec_next_stepping<Z: TimeZone>(
    s: &Spec,
    after_floor: i64,
    zone: &Z,
    jump: bool,
) -> Option<i64> {
    if !bits_can_match(s) {
        return None;
    }
    let c = Clock { zone };
    // "Start at the earliest possible time (the upcoming second)."
    let mut t = after_floor.checked_add(1)?;
    // "This flag indicates whether a field has been incremented."
    let mut added = false;
    // "If no time is found within five years, return zero."
    let year_limit = c.civil(t)?.year + 5;
    let mut budget = STEP_BUDGET;
    macro_rules! tick {
        () => {
            budget = budget.checked_sub(1)?;
        };
    }

    'wrap: loop {
        if c.civil(t)?.year > year_limit {
            return None;
        }

        // "Find the first applicable month."
        loop {
            let f = c.civil(t)?;
            if has(s.month, f.month) {
                break;
            }
            tick!();
            if !added {
                added = true;
                t = c.date(f.year, f.month, 1, 0, 0, 0)?;
            }
            let f = c.civil(t)?;
            t = c.date(f.year, f.month + 1, f.day, f.hour, f.minute, f.second)?; // AddDate(0, 1, 0)
            if c.civil(t)?.month == 1 {
                continue 'wrap; // "Wrapped around."
            }
        }

        // "Now get a day in that month." (with robfig's DST fix-up for a missing midnight)
        loop {
            let f = c.civil(t)?;
            if day_matches(s, &f) {
                break;
            }
            tick!();
            if !added {
                added = true;
                t = c.date(f.year, f.month, f.day, 0, 0, 0)?;
            }
            let f = c.civil(t)?;
            t = c.date(f.year, f.month, f.day + 1, f.hour, f.minute, f.second)?; // AddDate(0, 0, 1)
                                                                                 // "Notice if the hour is no longer midnight due to DST.
                                                                                 //  Add an hour if it's 23, subtract an hour if it's 1."
            let h = c.civil(t)?.hour;
            if h != 0 {
                if h > 12 {
                    t = t.checked_add((24 - h) * 3600)?;
                } else {
                    t = t.checked_sub(h * 3600)?;
                }
            }
            if c.civil(t)?.day == 1 {
                continue 'wrap;
            }
        }

        loop {
            let f = c.civil(t)?;
            if has(s.hour, f.hour) {
                break;
            }
            tick!();
            if !added {
                added = true;
                t = c.date(f.year, f.month, f.day, f.hour, 0, 0)?;
            }
            t = t.checked_add(3600)?;
            if c.civil(t)?.hour == 0 {
                continue 'wrap;
            }
        }

        loop {
            let f = c.civil(t)?;
            if has(s.minute, f.minute) {
                break;
            }
            tick!();
            if !added {
                added = true;
                t = t.div_euclid(60) * 60; // t.Truncate(time.Minute)
            } else if let Some((to, wrapped)) = jump
                .then(|| c.skip(t, 60, f.minute, 60, |m| has(s.minute, m)))
                .flatten()
            {
                // The steps of `t.Add(time.Minute)` to the next matching minute (or the top of
                // the hour) in one, as no offset change lies between.
                t = to;
                if wrapped {
                    continue 'wrap;
                }
                continue;
            }
            t = t.checked_add(60)?;
            if c.civil(t)?.minute == 0 {
                continue 'wrap;
            }
        }

        // ParseStandard's seconds field is always "0" (normalizeFields defaults).
        loop {
            let f = c.civil(t)?;
            if f.second == 0 {
                break;
            }
            tick!();
            // `if !added { added = true; t = t.Truncate(time.Second) }`: t is whole seconds here.
            added = true;
            // Up to 59 steps of `t.Add(time.Second)` to second 0, in one when no offset change
            // lies between (a schedule every minute spent most of its time here).
            if let Some((to, _)) = jump
                .then(|| c.skip(t, 1, f.second, 60, |_| false))
                .flatten()
            {
                t = to;
                continue 'wrap;
            }
            t = t.checked_add(1)?;
            if c.civil(t)?.second == 0 {
                continue 'wrap;
            }
        }

        return Some(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The jumps over robfig's minute and second steps land where the steps do: random
    /// schedules and instants, in zones with DST, half-hour DST (Lord Howe) and offsets with
    /// seconds (Monrovia −0:44:30 until 1972, Amsterdam +0:19:32 before 1937).
    #[test]
    fn jumps_land_where_robfigs_steps_do() {
        let zones = [
            chrono_tz::Tz::UTC,
            chrono_tz::Tz::America__New_York,
            chrono_tz::Tz::Australia__Lord_Howe,
            chrono_tz::Tz::Africa__Monrovia,
            chrono_tz::Tz::Europe__Amsterdam,
            chrono_tz::Tz::Asia__Kolkata,
        ];
        let exprs = [
            "* * * * *",
            "*/7 * * * *",
            "59 * * * *",
            "0,13,44 */5 * * *",
            "30 2 * * *",
            "15-20 1-3 * 3,11 0",
            "0 0 29 2 *",
            "45 1 1 * *",
        ];
        // Each zone's offset changes, 1900..2040: half the starts fall in the two hours before one.
        let (from, to) = (-2_208_988_800i64, 2_208_988_800i64);
        let changes: Vec<Vec<i64>> = zones
            .iter()
            .map(|z| {
                let c = Clock { zone: z };
                let mut out = Vec::new();
                let mut t = from;
                while t < to {
                    if c.offset(t) != c.offset(t + 86_400) {
                        // To the second: the last instant of the old offset.
                        let (mut lo, mut hi) = (t, t + 86_400);
                        while hi - lo > 1 {
                            let mid = (lo + hi) / 2;
                            if c.offset(mid) == c.offset(t) {
                                lo = mid;
                            } else {
                                hi = mid;
                            }
                        }
                        out.push(lo);
                    }
                    t += 86_400;
                }
                out
            })
            .collect();
        let mut rng = crate::sim::rng::Rng::new(7);
        let mut checked = 0;
        for i in 0..3_000 {
            let z = (rng.next_u64() % zones.len() as u64) as usize;
            let zone = zones[z];
            let expr = exprs[(rng.next_u64() % exprs.len() as u64) as usize];
            let Ok(super::super::Schedule {
                kind: super::super::Kind::Spec(spec),
                ..
            }) = super::super::parse_standard(expr)
            else {
                panic!("{expr} parses")
            };
            // 1900..2040, dense around DST and offset changes of the zones above.
            let start = match changes[z].len() {
                n if n > 0 && i % 2 == 0 => {
                    changes[z][(rng.next_u64() % n as u64) as usize]
                        - (rng.next_u64() % 7_200) as i64
                }
                _ => from + (rng.next_u64() % (to - from) as u64) as i64,
            };
            let mut t = start;
            for _ in 0..5 {
                let jumped = spec_next_stepping(&spec, t, &zone, true);
                let stepped = spec_next_stepping(&spec, t, &zone, false);
                assert_eq!(jumped, stepped, "{expr} in {zone} after {t}");
                checked += 1;
                match jumped {
                    Some(n) => t = n,
                    None => break,
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn civil_round_trip() {
        for days in [-800_000i64, -1, 0, 1, 11_016, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn go_date_in_gaps_and_overlaps() {
        let ny = chrono_tz::Tz::America__New_York;
        let c = Clock { zone: &ny };
        // 2026-03-08 02:30 does not exist in New York; Go's time.Date gives 01:30 EST (06:30Z).
        let t = c.date(2026, 3, 8, 2, 30, 0);
        assert_eq!(t, Some(1_772_951_400));
        // 2026-11-01 01:30 happens twice; Go picks the first (EDT, 05:30Z).
        assert_eq!(c.date(2026, 11, 1, 1, 30, 0), Some(1_793_511_000));
        let berlin = chrono_tz::Tz::Europe__Berlin;
        let c = Clock { zone: &berlin };
        // 2026-03-29 02:30 does not exist in Berlin; Go gives 03:30 CEST (01:30Z).
        assert_eq!(c.date(2026, 3, 29, 2, 30, 0), Some(1_774_747_800));
        // 2026-10-25 02:30 happens twice; Go picks the second (CET, 01:30Z).
        assert_eq!(c.date(2026, 10, 25, 2, 30, 0), Some(1_792_891_800));
        // Month and day overflow normalise like Go: 2026-14-32 = 2027-03-04.
        let utc = chrono_tz::Tz::UTC;
        let c = Clock { zone: &utc };
        assert_eq!(c.date(2026, 14, 32, 0, 0, 0), c.date(2027, 3, 4, 0, 0, 0));
    }
}
