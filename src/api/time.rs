//! Virtual time. `Time` is an instant (milliseconds since the Unix epoch) and serializes like
//! `metav1.Time` (RFC 3339, whole seconds); `Duration` is a span in milliseconds.

use std::fmt;

use chrono::{DateTime, Datelike, SecondsFormat, TimeZone, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub i64);

/// A span of virtual time in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration(pub i64);

impl Duration {
    pub const ZERO: Duration = Duration(0);
    pub const fn from_secs(s: i64) -> Self {
        Duration(s.saturating_mul(1000))
    }
    pub const fn from_millis(ms: i64) -> Self {
        Duration(ms)
    }
    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }
    pub fn whole_secs(self) -> i64 {
        self.0.div_euclid(1000)
    }
}

impl std::ops::Add<Duration> for Time {
    type Output = Time;
    fn add(self, d: Duration) -> Time {
        Time(self.0.saturating_add(d.0))
    }
}

impl std::ops::Sub<Duration> for Time {
    type Output = Time;
    fn sub(self, d: Duration) -> Time {
        Time(self.0.saturating_sub(d.0))
    }
}

impl std::ops::Sub<Time> for Time {
    type Output = Duration;
    fn sub(self, t: Time) -> Duration {
        Duration(self.0.saturating_sub(t.0))
    }
}

impl Time {
    /// The first instant at or after `self` of a ticker started at `origin` with `period` (a
    /// controller's periodic pass): `origin` itself for an earlier instant.
    pub fn next_tick(self, origin: Time, period: Duration) -> Time {
        let period = period.0.max(1);
        let since = (self.0 - origin.0).max(0);
        Time(origin.0 + (since + period - 1) / period * period)
    }

    pub fn from_unix_secs(s: i64) -> Self {
        Time(s.saturating_mul(1000))
    }
    /// The instant as the API server keeps it: `metav1.Time` stores whole seconds
    /// (time_proto.go), so kubectl's ages count from the second below.
    pub fn stored(self) -> Self {
        Time::from_unix_secs(self.unix_secs())
    }
    pub fn unix_secs(self) -> i64 {
        self.0.div_euclid(1000)
    }
    pub fn to_chrono(self) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(self.0)
            .single()
            .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
    }
    pub fn from_chrono<Tz: TimeZone>(t: &DateTime<Tz>) -> Self {
        Time(t.timestamp_millis())
    }
    /// RFC 3339 with whole seconds, as `metav1.Time` marshals.
    pub fn rfc3339(self) -> String {
        Time::from_unix_secs(self.unix_secs())
            .to_chrono()
            .to_rfc3339_opts(SecondsFormat::Secs, true)
    }
    /// RFC 3339 with whole seconds at a UTC offset of `offset` seconds, as Go's `Format`
    /// writes it (time/format.go): `Z` for UTC, else ±hh:mm of the offset's whole minutes,
    /// truncated (Monrovia's −0:44:30 is `-00:44`).
    pub fn rfc3339_at_offset(self, offset: i32) -> String {
        if offset == 0 {
            return self.rfc3339();
        }
        let local = Time::from_unix_secs(self.unix_secs() + i64::from(offset)).rfc3339();
        let minutes = offset / 60;
        let sign = if minutes < 0 { '-' } else { '+' };
        let m = minutes.unsigned_abs();
        format!(
            "{}{sign}{:02}:{:02}",
            local.trim_end_matches('Z'),
            m / 60,
            m % 60
        )
    }
    /// Go's `time.RFC1123Z` in UTC: `Thu, 01 Jan 2026 00:01:00 +0000`.
    pub fn rfc1123z(self) -> String {
        let c = self.to_chrono();
        format!(
            "{}, {:02} {} {:04} {} +0000",
            WEEKDAYS[c.weekday().num_days_from_monday() as usize],
            c.day(),
            MONTHS[c.month0() as usize],
            c.year(),
            self.hms()
        )
    }

    /// `date`'s default C-locale output in UTC: `Thu Jan  1 00:00:30 UTC 2026`.
    pub fn unix_date(self) -> String {
        let c = self.to_chrono();
        format!(
            "{} {} {:2} {} UTC {:04}",
            WEEKDAYS[c.weekday().num_days_from_monday() as usize],
            MONTHS[c.month0() as usize],
            c.day(),
            self.hms(),
            c.year()
        )
    }

    /// Go's RFC3339Nano: the fraction of a second only when there is one, without trailing zeros.
    pub fn rfc3339_nano(self) -> String {
        let whole = self.rfc3339();
        match self.0.rem_euclid(1000) {
            0 => whole,
            ms => {
                let frac = format!("{ms:03}");
                format!(
                    "{}.{}Z",
                    whole.trim_end_matches('Z'),
                    frac.trim_end_matches('0')
                )
            }
        }
    }

    /// Go's `2006-01-02T15:04:05.000000000Z07:00` in UTC (the kubelet's `RFC3339NanoFixed`,
    /// pkg/kubelet/types/constants.go): the time `kubectl logs --timestamps` puts before a line.
    pub fn rfc3339_nano_fixed(self) -> String {
        let c = self.to_chrono();
        format!(
            "{:04}-{:02}-{:02}T{}.{:03}000000Z",
            c.year(),
            c.month(),
            c.day(),
            self.hms(),
            self.0.rem_euclid(1000)
        )
    }

    /// metav1.MicroTime as it is written (`2006-01-02T15:04:05.000000Z07:00`, RFC3339Micro):
    /// an events.k8s.io Event's `eventTime` and `series.lastObservedTime`.
    pub fn rfc3339_micro(self) -> String {
        let c = self.to_chrono();
        format!(
            "{:04}-{:02}-{:02}T{}.{:03}000Z",
            c.year(),
            c.month(),
            c.day(),
            self.hms(),
            self.0.rem_euclid(1000)
        )
    }

    /// `15:04:05` of the instant (UTC).
    pub fn hms(self) -> String {
        let c = self.to_chrono();
        format!("{:02}:{:02}:{:02}", c.hour(), c.minute(), c.second())
    }

    pub fn parse_rfc3339(s: &str) -> Option<Time> {
        DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|t| Time::from_chrono(&t))
    }
}

// Written by hand rather than with chrono's `format`: its strftime interpreter and the Unicode
// case tables it pulls in cost ~15 KB gzip in the wasm, for four fixed layouts.
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.rfc3339())
    }
}

/// `metav1.MicroTime`: an instant written with microseconds (`eventTime`,
/// `series.lastObservedTime` of an events.k8s.io Event).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MicroTime(pub Time);

impl Serialize for MicroTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.rfc3339_micro())
    }
}

impl<'de> Deserialize<'de> for MicroTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Time::deserialize(d).map(MicroTime)
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Time::parse_rfc3339(&s).ok_or_else(|| serde::de::Error::custom("not an RFC 3339 time"))
    }
}

/// Parses a Go-style duration as the simulation annotations and the CLI take it:
/// `90s`, `1m30s`, `500ms`, `2h`, `1.5s`, `30d` (days, a CLI convenience). A bare number is seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("empty duration".into());
    }
    if let Ok(n) = t.parse::<f64>() {
        return to_ms(n, 1000.0, s);
    }
    let mut total: f64 = 0.0;
    let mut rest = t;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(|| format!("missing unit in duration {s:?}"))?;
        if num_len == 0 {
            return Err(format!("invalid duration {s:?}"));
        }
        let n: f64 = rest[..num_len]
            .parse()
            .map_err(|_| format!("invalid duration {s:?}"))?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "ms" => 1.0,
            "s" => 1000.0,
            "m" => 60_000.0,
            "h" => 3_600_000.0,
            "d" => 86_400_000.0,
            u => {
                return Err(format!(
                    "unknown unit {u:?} in duration {s:?} (use ms, s, m, h or d)"
                ))
            }
        };
        rest = &rest[unit_len..];
        total += n * scale;
    }
    to_ms(total, 1.0, s)
}

fn to_ms(n: f64, scale: f64, s: &str) -> Result<Duration, String> {
    let ms = n * scale;
    if !ms.is_finite() || !(0.0..=1e15).contains(&ms) {
        return Err(format!("duration {s:?} is out of range"));
    }
    // The clock's step is a millisecond: a finer value would be silently rounded (an
    // `--until 0.4ms` run ending at 1 ms).
    if (ms - ms.round()).abs() > 1e-6 {
        return Err(format!(
            "duration {s:?} is finer than a millisecond, the simulation's clock step"
        ));
    }
    Ok(Duration(ms.round() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// time/format.go appendInt of `offset/60`: minutes truncated toward zero, no seconds.
    #[test]
    fn rfc3339_at_an_offset_as_go_writes_it() {
        let t = Time::from_unix_secs(1_767_225_600); // 2026-01-01T00:00:00Z
        assert_eq!(t.rfc3339_at_offset(0), "2026-01-01T00:00:00Z");
        assert_eq!(t.rfc3339_at_offset(8 * 3600), "2026-01-01T08:00:00+08:00");
        assert_eq!(t.rfc3339_at_offset(-2670), "2025-12-31T23:15:30-00:44");
        assert_eq!(t.rfc3339_at_offset(20_700), "2026-01-01T05:45:00+05:45");
        assert_eq!(t.rfc3339_at_offset(-30), "2025-12-31T23:59:30+00:00");
    }

    #[test]
    fn go_layouts() {
        // 2026-11-25T13:05:09.750Z, a Wednesday.
        let t = Time::parse_rfc3339("2026-11-25T13:05:09.750Z").unwrap();
        assert_eq!(t.rfc1123z(), "Wed, 25 Nov 2026 13:05:09 +0000");
        assert_eq!(t.unix_date(), "Wed Nov 25 13:05:09 UTC 2026");
        assert_eq!(t.hms(), "13:05:09");
        let t = Time::parse_rfc3339("2027-02-07T00:00:00Z").unwrap();
        assert_eq!(t.rfc1123z(), "Sun, 07 Feb 2027 00:00:00 +0000");
        assert_eq!(t.unix_date(), "Sun Feb  7 00:00:00 UTC 2027");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("500ms"), Ok(Duration(500)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration(1500)));
        assert_eq!(parse_duration("30d"), Ok(Duration::from_secs(30 * 86400)));
        assert_eq!(parse_duration("7"), Ok(Duration::from_secs(7)));
        assert!(parse_duration("").is_err());
        assert!(parse_duration("-1s").is_err());
        assert!(parse_duration("5x").is_err());
        assert!(parse_duration("s").is_err());
        assert!(parse_duration("1e300h").is_err());
    }

    #[test]
    fn rfc3339_round_trip() {
        let t = Time::parse_rfc3339("2026-01-01T00:00:00Z").unwrap();
        assert_eq!(t.rfc3339(), "2026-01-01T00:00:00Z");
        assert_eq!((t + Duration(1999)).rfc3339(), "2026-01-01T00:00:01Z");
    }
}

#[cfg(test)]
mod finer_than_a_millisecond {
    use super::*;

    /// A value the millisecond clock cannot hold is refused, not rounded.
    #[test]
    fn sub_millisecond_durations_are_refused() {
        for s in ["0.4ms", "1.0000001s", "0.0005s"] {
            let e = parse_duration(s).expect_err(s);
            assert!(e.contains("finer than a millisecond"), "{s}: {e}");
        }
        assert_eq!(parse_duration("0.1s"), Ok(Duration(100)));
        assert_eq!(parse_duration("1.5ms").ok(), None);
        assert_eq!(parse_duration("2.5s"), Ok(Duration(2500)));
    }
}
