//! Ages and durations as kubectl prints them.
//!
//! Source: `staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go` (`HumanDuration`,
//! `ShortHumanDuration`) and `translateTimestampSince` in
//! `pkg/printers/internalversion/printers.go` / `staging/src/k8s.io/kubectl/pkg/describe/describe.go`.

use crate::api::{Duration, Time};

const SECOND: i64 = 1000;
const MINUTE: i64 = 60 * SECOND;
const HOUR: i64 = 60 * MINUTE;

/// `duration.HumanDuration`: ~2–3 significant figures.
///
/// | span                 | shape            |
/// |----------------------|------------------|
/// | < -1 s               | `<invalid>`      |
/// | (-2 s, 0 s)          | `0s`             |
/// | < 2 m                | `119s`           |
/// | < 10 m               | `9m59s` / `2m`   |
/// | < 3 h                | `179m`           |
/// | < 8 h                | `7h59m` / `3h`   |
/// | < 48 h               | `47h`            |
/// | < 8 d                | `7d23h` / `2d`   |
/// | < 2 y (730 d)        | `729d`           |
/// | < 8 y                | `7y364d` / `2y`  |
/// | otherwise            | `8y`             |
pub fn human_duration(d: Duration) -> String {
    let ms = d.0;
    // Go: `int(d.Seconds())` truncates toward zero; a deviation under 2 s reads as "almost now".
    let seconds = ms / SECOND;
    if seconds < -1 {
        return "<invalid>".to_string();
    } else if seconds < 0 {
        return "0s".to_string();
    } else if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = ms / MINUTE;
    if minutes < 10 {
        let s = (ms / SECOND) % 60;
        if s == 0 {
            return format!("{minutes}m");
        }
        return format!("{minutes}m{s}s");
    } else if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = ms / HOUR;
    if hours < 8 {
        let m = (ms / MINUTE) % 60;
        if m == 0 {
            return format!("{hours}h");
        }
        return format!("{hours}h{m}m");
    } else if hours < 48 {
        return format!("{hours}h");
    } else if hours < 24 * 8 {
        let h = hours % 24;
        if h == 0 {
            return format!("{}d", hours / 24);
        }
        return format!("{}d{}h", hours / 24, h);
    } else if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    } else if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        if dy == 0 {
            return format!("{}y", hours / 24 / 365);
        }
        return format!("{}y{}d", hours / 24 / 365, dy);
    }
    format!("{}y", hours / 24 / 365)
}

/// `duration.ShortHumanDuration`: one unit only (`59s`, `1m`, `23h`, `364d`, `2y`).
pub fn short_human_duration(d: Duration) -> String {
    let ms = d.0;
    let seconds = ms / SECOND;
    if seconds < -1 {
        return "<invalid>".to_string();
    } else if seconds < 0 {
        return "0s".to_string();
    } else if seconds < 60 {
        return format!("{seconds}s");
    }
    let minutes = ms / MINUTE;
    if minutes < 60 {
        return format!("{minutes}m");
    }
    let hours = ms / HOUR;
    if hours < 24 {
        return format!("{hours}h");
    } else if hours < 24 * 365 {
        return format!("{}d", hours / 24);
    }
    // Go: int(d.Hours()/24/365), a float division truncated.
    format!("{}y", hours / 24 / 365)
}

/// `translateTimestampSince`: `<unknown>` for an unset timestamp, else `HumanDuration(now - t)`.
pub fn translate_timestamp_since(t: Option<Time>, now: Time) -> String {
    match t {
        None => "<unknown>".to_string(),
        Some(t) => human_duration(now - t.stored()),
    }
}

/// The Go zero value of a non-pointer `metav1.Time` field (Event timestamps, container state
/// times) is what `Time::default()` gives here; `IsZero()` maps to this.
pub(crate) fn non_zero(t: Time) -> Option<Time> {
    (t != Time::default()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(ms: i64) -> Duration {
        Duration(ms)
    }

    #[test]
    fn boundaries_from_duration_test_go() {
        // TestHumanDurationBoundaries (duration_test.go); Go's nanosecond offsets become 1 ms here.
        let cases: &[(i64, &str)] = &[
            (-2 * SECOND, "<invalid>"),
            (-2 * SECOND + 1, "0s"),
            (0, "0s"),
            (SECOND - 1, "0s"),
            (2 * MINUTE - 1, "119s"),
            (2 * MINUTE, "2m"),
            (2 * MINUTE + SECOND, "2m1s"),
            (10 * MINUTE - 1, "9m59s"),
            (10 * MINUTE, "10m"),
            (3 * HOUR - 1, "179m"),
            (3 * HOUR, "3h"),
            (8 * HOUR - 1, "7h59m"),
            (8 * HOUR, "8h"),
        ];
        for (ms, want) in cases {
            assert_eq!(human_duration(d(*ms)), *want, "{ms} ms");
        }
    }

    #[test]
    fn short_boundaries() {
        assert_eq!(short_human_duration(d(-2 * SECOND)), "<invalid>");
        assert_eq!(short_human_duration(d(MINUTE - 1)), "59s");
        assert_eq!(short_human_duration(d(MINUTE)), "1m");
        assert_eq!(short_human_duration(d(24 * HOUR)), "1d");
    }

    #[test]
    fn translate() {
        let now = Time::from_unix_secs(1_000_000);
        assert_eq!(translate_timestamp_since(None, now), "<unknown>");
        assert_eq!(
            translate_timestamp_since(Some(now - Duration::from_secs(110)), now),
            "110s"
        );
        // A timestamp slightly in the future (clock skew) still reads 0s.
        assert_eq!(
            translate_timestamp_since(Some(now + Duration(1500)), now),
            "0s"
        );
    }
}
