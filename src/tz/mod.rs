//! IANA time zones for CronJob `spec.timeZone`, without shipping the zone database to the browser.
//!
//! The core needs two things from a zone: whether its name exists (validation, Go's
//! `time.LoadLocation`) and its UTC offset at an instant (robfig's `Next` works on `unix + offset`,
//! see `cron/next.rs`). Names are a static list here. Offsets come from a zone database the driver
//! installs with [`install`]: the CLI and native tests use chrono-tz (the default off wasm32); the
//! web page installs the browser's own IANA data (`Intl.DateTimeFormat`, `src/ui/intl_tz.rs`), so
//! the wasm bundle does not carry chrono-tz's ~900 KB of tables.

mod names;

use std::fmt;
use std::sync::OnceLock;

use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone};

/// `(zone name, unix seconds) → UTC offset in seconds`, None if the database lacks the zone.
pub type OffsetFn = fn(&str, i64) -> Option<i32>;

static DATABASE: OnceLock<OffsetFn> = OnceLock::new();

/// Installs the zone database (once; later calls are ignored and return false).
pub fn install(db: OffsetFn) -> bool {
    DATABASE.set(db).is_ok()
}

fn database() -> Option<OffsetFn> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        Some(*DATABASE.get_or_init(|| chrono_tz_offset))
    }
    #[cfg(target_arch = "wasm32")]
    {
        DATABASE.get().copied()
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn chrono_tz_offset(name: &str, unix: i64) -> Option<i32> {
    let tz: chrono_tz::Tz = name.parse().ok()?;
    let utc = chrono::DateTime::<chrono::Utc>::from_timestamp(unix, 0)?;
    Some(
        tz.offset_from_utc_datetime(&utc.naive_utc())
            .fix()
            .local_minus_utc(),
    )
}

/// A zone of the IANA database, by name (`America/New_York`, `UTC`, `Etc/GMT+5`, ...).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Zone(u16);

impl Zone {
    /// `UTC`: the zone of the controller manager, and Go's `LoadLocation("")`.
    pub fn utc() -> Zone {
        Zone::from_name("UTC").unwrap_or(Zone(0))
    }

    /// The zone named exactly `name` (case-sensitive, as Go reads zoneinfo files).
    pub fn from_name(name: &str) -> Option<Zone> {
        names::NAMES
            .binary_search(&name)
            .ok()
            .and_then(|i| u16::try_from(i).ok())
            .map(Zone)
    }

    pub fn name(self) -> &'static str {
        names::NAMES
            .get(usize::from(self.0))
            .copied()
            .unwrap_or("UTC")
    }

    /// Every known zone name, sorted.
    pub fn names() -> &'static [&'static str] {
        names::NAMES
    }

    /// The UTC offset in force at `unix`, in seconds. 0 when no database is installed or the
    /// database lacks this zone (a browser whose ICU dropped a legacy name).
    pub fn utc_offset(self, unix: i64) -> i32 {
        if self.name() == "UTC" {
            return 0;
        }
        database().and_then(|db| db(self.name(), unix)).unwrap_or(0)
    }

    fn offset_at(self, unix: i64) -> ZoneOffset {
        let secs = self.utc_offset(unix);
        ZoneOffset {
            zone: self,
            fixed: FixedOffset::east_opt(secs).unwrap_or_else(|| chrono::Utc.fix()),
        }
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name())
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The offset of a [`Zone`] at some instant.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Zone,
    fixed: FixedOffset,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.fixed)
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.fixed)
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Zone {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        match local.and_hms_opt(0, 0, 0) {
            Some(dt) => self.offset_from_local_datetime(&dt),
            None => LocalResult::None,
        }
    }

    /// A wall-clock time maps to the instants `local - o` whose offset is `o`. Real zones change
    /// offset at most once a day, so the offsets a day either side are the only candidates:
    /// two answers in a fall-back overlap (earlier instant first), none in a spring-forward gap.
    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        let l = local.and_utc().timestamp();
        let mut found: Vec<(i64, ZoneOffset)> = Vec::with_capacity(2);
        for probe in [l - 86_400, l + 86_400] {
            let o = self.utc_offset(probe);
            let unix = l - i64::from(o);
            if self.utc_offset(unix) == o && !found.iter().any(|(u, _)| *u == unix) {
                found.push((unix, self.offset_at(unix)));
            }
        }
        crate::sort::sort_by_key(&mut found, |(u, _)| *u);
        match found.as_slice() {
            [] => LocalResult::None,
            [(_, o)] => LocalResult::Single(*o),
            [(_, a), (_, b), ..] => LocalResult::Ambiguous(*a, *b),
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        match utc.and_hms_opt(0, 0, 0) {
            Some(dt) => self.offset_from_utc_datetime(&dt),
            None => self.offset_at(0),
        }
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.offset_at(utc.and_utc().timestamp())
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use chrono::{DateTime, Duration, Utc};

    #[test]
    fn names_match_chrono_tz() {
        let mut theirs: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|t| t.name()).collect();
        theirs.sort_unstable();
        assert_eq!(names::NAMES, theirs.as_slice());
    }

    #[test]
    fn names_are_exact() {
        assert_eq!(
            Zone::from_name("Europe/Berlin").map(Zone::name),
            Some("Europe/Berlin")
        );
        assert_eq!(Zone::from_name("europe/berlin"), None);
        assert_eq!(Zone::from_name("Europe/Pariss"), None);
        assert_eq!(Zone::utc().name(), "UTC");
    }

    /// Offsets and local-time resolution agree with chrono-tz's own `TimeZone` in DST zones,
    /// every 37 minutes over two years (gaps and overlaps included).
    #[test]
    fn agrees_with_chrono_tz() {
        for name in [
            "America/New_York",
            "Europe/Berlin",
            "America/Sao_Paulo",
            "Australia/Lord_Howe",
            "Pacific/Apia",
            "Asia/Kolkata",
        ] {
            let ours = Zone::from_name(name).unwrap();
            let theirs: chrono_tz::Tz = name.parse().unwrap();
            let mut t: DateTime<Utc> = "2011-01-01T00:00:00Z".parse().unwrap();
            let end: DateTime<Utc> = "2013-01-01T00:00:00Z".parse().unwrap();
            while t < end {
                let naive = t.naive_utc();
                assert_eq!(
                    ours.offset_from_utc_datetime(&naive).fix(),
                    theirs.offset_from_utc_datetime(&naive).fix(),
                    "{name} at {t}"
                );
                let a = ours.from_local_datetime(&naive).map(|d| d.timestamp());
                let b = theirs.from_local_datetime(&naive).map(|d| d.timestamp());
                assert_eq!(a, b, "{name} local {naive}");
                t += Duration::minutes(37);
            }
        }
    }

    #[test]
    fn formats_like_a_fixed_offset() {
        let ny = Zone::from_name("America/New_York").unwrap();
        let t: DateTime<Utc> = "2026-07-01T12:00:00Z".parse().unwrap();
        assert_eq!(
            t.with_timezone(&ny)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "2026-07-01T08:00:00-04:00"
        );
    }
}
