//! Go's `time.Parse(time.RFC3339, …)` (and `time.ParseDuration`, ported once in
//! src/cron/gostd.rs), with their error messages, for the kubectl flags that read them
//! (`logs --since` is a pflag `DurationVar`, `--since-time` goes through kubectl's
//! `util.ParseRFC3339`).
//!
//! Source: Go's `src/time/format.go` (`ParseDuration`, `parse`, `getnum`, `skip`,
//! `ParseError.Error`).

use crate::api::Time;
use crate::manifest::go_quote;

/// `time.ParseDuration`: the port the cron parser uses (`@every`) serves these flags too.
pub(crate) use crate::cron::gostd::parse_duration as parse_duration_nanos;

/// Go's `Duration.Round(time.Second).Seconds()` as an integer: halves away from zero.
pub(crate) fn round_to_seconds(nanos: i64) -> i64 {
    const S: i64 = 1_000_000_000;
    let (q, r) = (nanos / S, nanos % S);
    if r.abs() * 2 >= S {
        q + nanos.signum()
    } else {
        q
    }
}

const RFC3339: &str = "2006-01-02T15:04:05Z07:00";

/// kubectl's `util.ParseRFC3339`: `time.RFC3339Nano`, else `time.RFC3339`, whose error it
/// returns. Both layouts read the same values here (Go's parser takes a fraction after the
/// seconds of either), so one parser with the second layout's errors.
pub(crate) fn parse_rfc3339(value: &str) -> Result<Time, String> {
    let cannot = |rest: &str, elem: &str| {
        format!(
            "parsing time {} as {}: cannot parse {} as {}",
            go_quote(value),
            go_quote(RFC3339),
            go_quote(rest),
            go_quote(elem)
        )
    };
    let out_of_range =
        |what: &str| format!("parsing time {}: {what} out of range", go_quote(value));
    // getnum: one or (fixed) exactly two digits.
    let getnum = |b: &[u8], fixed: bool| -> Option<(i64, usize)> {
        if !b.first()?.is_ascii_digit() {
            return None;
        }
        match b.get(1) {
            Some(d) if d.is_ascii_digit() => {
                Some((i64::from(b[0] - b'0') * 10 + i64::from(d - b'0'), 2))
            }
            _ if fixed => None,
            _ => Some((i64::from(b[0] - b'0'), 1)),
        }
    };
    let mut v = value;
    // 2006: four characters, a number.
    let year = match v.get(..4) {
        Some(p) if p.as_bytes().first().is_some_and(u8::is_ascii_digit) => {
            p.parse::<i64>().map_err(|_| cannot(v, "2006"))?
        }
        _ => return Err(cannot(v, "2006")),
    };
    v = &v[4..];
    let mut fields = [0i64; 5];
    for (i, (sep, elem, fixed, what, max)) in [
        ("-", "01", true, "month", 12),
        ("-", "02", true, "", 31),
        ("T", "15", false, "hour", 23),
        (":", "04", true, "minute", 59),
        (":", "05", true, "second", 59),
    ]
    .into_iter()
    .enumerate()
    {
        // skip: the literal, else "cannot parse REST as LITERAL".
        v = v.strip_prefix(sep).ok_or_else(|| cannot(v, sep))?;
        let (n, len) = getnum(v.as_bytes(), fixed).ok_or_else(|| cannot(v, elem))?;
        v = &v[len..];
        if !what.is_empty() && (n > max || (what == "month" && n < 1)) {
            return Err(out_of_range(what));
        }
        fields[i] = n;
    }
    let [month, day, hour, minute, second] = fields;
    // A fraction after the seconds, whatever the layout says (up to nanoseconds kept).
    let mut millis = 0;
    let b = v.as_bytes();
    if b.len() >= 2 && (b[0] == b'.' || b[0] == b',') && b[1].is_ascii_digit() {
        let n = 1 + b[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        let frac = &v[1..n.min(10)];
        millis = frac
            .bytes()
            .chain(std::iter::repeat(b'0'))
            .take(3)
            .fold(0, |a, c| a * 10 + i64::from(c - b'0'));
        v = &v[n..];
    }
    // Z07:00: `Z`, or ±hh:mm.
    let offset_secs = if let Some(rest) = v.strip_prefix('Z') {
        v = rest;
        0
    } else {
        let b = v.as_bytes();
        if b.len() < 6 || b[3] != b':' {
            return Err(cannot(v, "Z07:00"));
        }
        let hh = getnum(&b[1..3], true);
        let mm = getnum(&b[4..6], true);
        let (Some((hh, _)), Some((mm, _)), true) = (hh, mm, matches!(b[0], b'+' | b'-')) else {
            return Err(cannot(v, "Z07:00"));
        };
        if hh > 24 {
            return Err(out_of_range("time zone offset hour"));
        }
        if mm > 60 {
            return Err(out_of_range("time zone offset minute"));
        }
        let off = (hh * 60 + mm) * 60;
        let off = if b[0] == b'-' { -off } else { off };
        v = &v[6..];
        off
    };
    if !v.is_empty() {
        return Err(format!(
            "parsing time {}: extra text: {}",
            go_quote(value),
            go_quote(v)
        ));
    }
    let date = u32::try_from(month)
        .ok()
        .zip(u32::try_from(day).ok())
        .and_then(|(m, d)| chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, m, d));
    let Some(date) = date.filter(|_| day >= 1) else {
        return Err(out_of_range("day"));
    };
    let secs = date
        .and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp())
        + hour * 3600
        + minute * 60
        + second
        - offset_secs;
    Ok(Time(secs * 1000 + millis))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Go's time/time_test.go `parseDurationTests` and `parseDurationErrorTests`.
    #[test]
    fn parse_duration_as_go() {
        for (s, want) in [
            ("0", 0),
            ("5s", 5_000_000_000),
            ("-5s", -5_000_000_000),
            ("+5s", 5_000_000_000),
            ("1.5h", 5_400_000_000_000),
            ("1h2m3s4ms5us6ns", 3_723_004_005_006),
            ("400ms", 400_000_000),
            (".5s", 500_000_000),
            ("1.s", 1_000_000_000),
            ("10\u{b5}s", 10_000),
        ] {
            assert_eq!(parse_duration_nanos(s), Ok(want), "{s}");
        }
        for (s, want) in [
            ("", r#"time: invalid duration """#),
            ("3", r#"time: missing unit in duration "3""#),
            ("x", r#"time: invalid duration "x""#),
            ("-", r#"time: invalid duration "-""#),
            (".s", r#"time: invalid duration ".s""#),
            ("3d", r#"time: unknown unit "d" in duration "3d""#),
            ("1s2", r#"time: missing unit in duration "1s2""#),
            (
                "9223372036854775810ns",
                r#"time: invalid duration "9223372036854775810ns""#,
            ),
        ] {
            assert_eq!(parse_duration_nanos(s), Err(want.to_string()), "{s}");
        }
        assert_eq!(round_to_seconds(1_500_000_000), 2);
        assert_eq!(round_to_seconds(1_499_999_999), 1);
        assert_eq!(round_to_seconds(-1_500_000_000), -2);
        assert_eq!(round_to_seconds(400_000_000), 0);
    }

    /// time.Parse(time.RFC3339, …) and its ParseError texts (format.go).
    #[test]
    fn parse_rfc3339_as_go() {
        let t = |s: &str| parse_rfc3339(s).map(|t| t.0);
        assert_eq!(t("2026-01-01T00:00:12Z"), Ok(1_767_225_612_000));
        assert_eq!(t("2026-01-01T00:00:12.5Z"), Ok(1_767_225_612_500));
        assert_eq!(t("2026-01-01T01:00:12+01:00"), Ok(1_767_225_612_000));
        assert_eq!(t("2026-01-01T0:00:12Z"), Ok(1_767_225_612_000));
        for (s, want) in [
            (
                "x",
                r#"parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006""#,
            ),
            (
                "2026-01-01",
                r#"parsing time "2026-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T""#,
            ),
            (
                "2026/01/01T00:00:00Z",
                r#"parsing time "2026/01/01T00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "/01/01T00:00:00Z" as "-""#,
            ),
            (
                "2026-1-01T00:00:00Z",
                r#"parsing time "2026-1-01T00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "1-01T00:00:00Z" as "01""#,
            ),
            (
                "2026-01-01T00:00:00",
                r#"parsing time "2026-01-01T00:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00""#,
            ),
            (
                "2026-13-01T00:00:00Z",
                r#"parsing time "2026-13-01T00:00:00Z": month out of range"#,
            ),
            (
                "2026-02-30T00:00:00Z",
                r#"parsing time "2026-02-30T00:00:00Z": day out of range"#,
            ),
            (
                "2026-01-01T00:00:00Zjunk",
                r#"parsing time "2026-01-01T00:00:00Zjunk": extra text: "junk""#,
            ),
        ] {
            assert_eq!(t(s), Err(want.to_string()), "{s}");
        }
    }
}
