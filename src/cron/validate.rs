//! Kubernetes' CronJob validation of `spec.schedule` and `spec.timeZone`.
//!
//! Source: Kubernetes `pkg/apis/batch/validation/validation.go`: `validateCronJobSpec`,
//! `validateScheduleFormat`, `validTimeZoneCharacters`, `validateTimeZone`; message formatting from
//! apimachinery `pkg/util/validation/field/errors.go` (`Invalid`: `%q` of a string value).

use super::gostd;
use super::Location;

/// validation.go `validateScheduleFormat`, on create (`allowTZInSchedule` false): any schedule that
/// contains `TZ` gets this message, in addition to a parse error if it has one.
pub const TZ_IN_SCHEDULE_MESSAGE: &str =
    "cannot use TZ or CRON_TZ in schedule, use timeZone field instead";

/// validation.go `validateScheduleFormat`, on update of a CronJob whose old schedule already had
/// `TZ` (allowed then, for compatibility) when `spec.timeZone` is also set.
pub const TZ_BOTH_MESSAGE: &str = "cannot use both timeZone field and TZ or CRON_TZ in schedule";

/// The detail messages Kubernetes reports for `spec.schedule` on create, in order
/// (empty = valid). `""` → `["Required value"]` (a Required error, not an Invalid one).
pub fn schedule_errors(expr: &str) -> Vec<String> {
    // validateCronJobSpec: `if len(spec.Schedule) == 0 { field.Required(...) }`.
    if expr.is_empty() {
        return vec!["Required value".to_string()];
    }
    let mut out = Vec::new();
    // validateScheduleFormat: `if _, err := cron.ParseStandard(schedule); err != nil`.
    if let Err(e) = super::parse_standard(expr) {
        out.push(e);
    }
    // `case !allowTZInSchedule && strings.Contains(schedule, "TZ")`.
    if expr.contains("TZ") {
        out.push(TZ_IN_SCHEDULE_MESSAGE.to_string());
    }
    out
}

/// Kubernetes' verdict on a CronJob `spec.schedule` (create): the first detail message, so that a
/// caller can print `spec.schedule: Invalid value: "<expr>": <message>` (see [`invalid_value`]).
/// Parse errors are robfig's text; a `TZ=`/`CRON_TZ=` prefix gives [`TZ_IN_SCHEDULE_MESSAGE`];
/// `@every <duration>` is valid. For `""` Kubernetes reports `spec.schedule: Required value`; this
/// returns `Err("Required value")`. All messages: [`schedule_errors`] / [`schedule_field_errors`].
pub fn validate_schedule(expr: &str) -> Result<(), String> {
    match schedule_errors(expr).into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// [`schedule_errors`] formatted as the API server prints them, e.g.
/// `spec.schedule: Invalid value: "0 0 * * 7": end of range (7) above maximum (6): 7`.
pub fn schedule_field_errors(expr: &str) -> Vec<String> {
    if expr.is_empty() {
        return vec!["spec.schedule: Required value".to_string()];
    }
    schedule_errors(expr)
        .iter()
        .map(|d| invalid_value("spec.schedule", expr, d))
        .collect()
}

/// validation.go `validTimeZoneCharacters`: `^[A-Za-z\.\-_0-9+]{1,14}$`.
fn valid_time_zone_part(part: &str) -> bool {
    (1..=14).contains(&part.len())
        && part
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'+'))
}

const EXPLICIT_ZONE_MESSAGE: &str =
    "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones";

/// The detail messages of validation.go `validateTimeZone` for a set `spec.timeZone`, in order.
pub fn time_zone_errors(tz: &str) -> Vec<String> {
    if tz.is_empty() {
        return vec!["timeZone must be nil or non-empty string".to_string()];
    }
    for part in tz.split('/') {
        if part == "." || part == ".." || part.starts_with('-') || !valid_time_zone_part(part) {
            return vec![format!("unknown time zone {tz}")];
        }
    }
    let mut out = Vec::new();
    // `strings.EqualFold(*timeZone, "Local")`: only ASCII reaches here, so ASCII folding is exact.
    if tz.eq_ignore_ascii_case("Local") {
        out.push(EXPLICIT_ZONE_MESSAGE.to_string());
    }
    // `time.LoadLocation(*timeZone)`: `Local` itself loads; `local`, `LOCAL` do not.
    if let Err(e) = gostd::load_location(tz) {
        out.push(e);
    }
    out
}

/// Kubernetes' verdict on a CronJob `spec.timeZone`: the zone, or the first detail message
/// (e.g. `unknown time zone Europe/Pariss`) for `spec.timeZone: Invalid value: "<tz>": <message>`.
pub fn validate_time_zone(tz: &str) -> Result<crate::tz::Zone, String> {
    if let Some(e) = time_zone_errors(tz).into_iter().next() {
        return Err(e);
    }
    match gostd::load_location(tz) {
        Ok(Location::Zone(z)) => Ok(z),
        // Unreachable: "Local" was reported above. Kept total.
        Ok(Location::Local) => Err(EXPLICIT_ZONE_MESSAGE.to_string()),
        Err(e) => Err(e),
    }
}

/// [`time_zone_errors`] formatted as the API server prints them.
pub fn time_zone_field_errors(tz: &str) -> Vec<String> {
    time_zone_errors(tz)
        .iter()
        .map(|d| invalid_value("spec.timeZone", tz, d))
        .collect()
}

/// apimachinery `field.Invalid(path, value, detail).Error()` for a string value:
/// `<path>: Invalid value: <%q of value>: <detail>`.
pub fn invalid_value(path: &str, value: &str, detail: &str) -> String {
    let mut s = format!("{path}: Invalid value: {}", gostd::strconv_quote(value));
    if !detail.is_empty() {
        s.push_str(": ");
        s.push_str(detail);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_validation() {
        assert_eq!(validate_schedule("*/5 * * * *"), Ok(()));
        assert_eq!(validate_schedule("@every 1h"), Ok(()));
        assert_eq!(
            validate_schedule("TZ=UTC 0 * * * *"),
            Err(TZ_IN_SCHEDULE_MESSAGE.to_string())
        );
        assert_eq!(
            validate_schedule("CRON_TZ=Europe/Berlin 0 * * * *"),
            Err(TZ_IN_SCHEDULE_MESSAGE.to_string())
        );
        assert_eq!(
            schedule_errors("TZ=Bogus 0 * * * *"),
            vec![
                "provided bad location Bogus: unknown time zone Bogus".to_string(),
                TZ_IN_SCHEDULE_MESSAGE.to_string()
            ]
        );
        assert_eq!(validate_schedule(""), Err("Required value".to_string()));
        assert_eq!(
            schedule_field_errors("61 * * * *"),
            vec!["spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61".to_string()]
        );
    }

    #[test]
    fn time_zone_validation() {
        assert_eq!(
            validate_time_zone("Europe/Berlin"),
            Ok(crate::tz::Zone::from_name("Europe/Berlin").unwrap())
        );
        assert_eq!(validate_time_zone("UTC"), Ok(crate::tz::Zone::utc()));
        assert_eq!(
            validate_time_zone("Europe/Pariss"),
            Err("unknown time zone Europe/Pariss".to_string())
        );
        assert_eq!(
            validate_time_zone(""),
            Err("timeZone must be nil or non-empty string".to_string())
        );
        assert_eq!(
            validate_time_zone("America/New York"),
            Err("unknown time zone America/New York".to_string())
        );
        assert_eq!(
            validate_time_zone("/UTC"),
            Err("unknown time zone /UTC".to_string())
        );
        assert_eq!(
            validate_time_zone("America/Argentina_Buenos_Aires"),
            Err("unknown time zone America/Argentina_Buenos_Aires".to_string())
        );
        assert_eq!(
            time_zone_errors("Local"),
            vec![EXPLICIT_ZONE_MESSAGE.to_string()]
        );
        assert_eq!(
            time_zone_errors("local"),
            vec![
                EXPLICIT_ZONE_MESSAGE.to_string(),
                "unknown time zone local".to_string()
            ]
        );
        assert_eq!(
            time_zone_errors("a..b"),
            vec!["time: invalid location name".to_string()]
        );
        assert_eq!(
            time_zone_field_errors("Europe/Pariss"),
            vec![
                "spec.timeZone: Invalid value: \"Europe/Pariss\": unknown time zone Europe/Pariss"
                    .to_string()
            ]
        );
    }
}
