//! Schedule vectors for `ctrlscope::cron`, each naming its source.
//!
//! "robfig TestNext" vectors are robfig/cron v3 `spec_test.go` `TestNext` cases with the seconds
//! field dropped (ParseStandard has none); the expected times are robfig's. Vectors marked
//! "reasoning" follow from robfig v3.0.1 `parser.go`/`spec.go` (as vendored in
//! kubernetes/kubernetes `vendor/github.com/robfig/cron/v3/`); every expected value in this file
//! was also cross-checked against that code compiled with Go 1.19.

use chrono::{DateTime, SecondsFormat, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use ctrlscope::cron::{self, parse_standard, validate_schedule, Lang};

enum Expect {
    /// The next fire times, in order (RFC 3339, in the test's zone).
    Times(&'static [&'static str]),
    /// robfig returns its zero time: nothing within five years.
    Never,
    /// `parse_standard` (robfig `ParseStandard`) fails with exactly this text; Kubernetes
    /// validation reports the same text.
    ParseErr(&'static str),
    /// robfig fails with the first text; Kubernetes validation reports the second instead.
    ParseErrK8s(&'static str, &'static str),
    /// robfig parses it (and these are its next fire times) but Kubernetes validation rejects it
    /// with this message.
    Rejected(&'static str, &'static [&'static str]),
}
use Expect::*;

struct Case {
    expr: &'static str,
    start: &'static str,
    zone: &'static str,
    expect: Expect,
}

const fn case(expr: &'static str, start: &'static str, zone: &'static str, expect: Expect) -> Case {
    Case {
        expr,
        start,
        zone,
        expect,
    }
}

const NO_START: &str = "2026-01-01T00:00:00Z";
const TZ_MSG: &str = "cannot use TZ or CRON_TZ in schedule, use timeZone field instead";

#[rustfmt::skip]
const CASES: &[Case] = &[
    // ---- robfig spec_test.go TestNext: simple cases ----
    // robfig TestNext "Mon Jul 9 14:45 2012" "0 0/15 * * * *" -> "Mon Jul 9 15:00 2012"
    case("0/15 * * * *", "2012-07-09T14:45:00Z", "UTC", Times(&["2012-07-09T15:00:00Z", "2012-07-09T15:15:00Z"])),
    // robfig TestNext "Mon Jul 9 14:59:59 2012" "0 0/15 * * * *" -> "Mon Jul 9 15:00 2012"
    case("0/15 * * * *", "2012-07-09T14:59:59Z", "UTC", Times(&["2012-07-09T15:00:00Z"])),
    // robfig TestNext "Mon Jul 9 15:45 2012" "0 20-35/15 * * * *" -> "Mon Jul 9 16:20 2012" (wrap around hours)
    case("20-35/15 * * * *", "2012-07-09T15:45:00Z", "UTC", Times(&["2012-07-09T16:20:00Z", "2012-07-09T16:35:00Z", "2012-07-09T17:20:00Z"])),
    // robfig TestNext "Mon Jul 9 23:46 2012" "0 */15 * * * *" -> "Tue Jul 10 00:00 2012" (wrap around days)
    case("*/15 * * * *", "2012-07-09T23:46:00Z", "UTC", Times(&["2012-07-10T00:00:00Z", "2012-07-10T00:15:00Z"])),
    // robfig TestNext "Mon Jul 9 23:35:51 2012" "15/35 20-35/15 1/2 * * *" -> "Tue Jul 10 01:20:15" (seconds dropped)
    case("20-35/15 1/2 * * *", "2012-07-09T23:35:51Z", "UTC", Times(&["2012-07-10T01:20:00Z", "2012-07-10T01:35:00Z", "2012-07-10T03:20:00Z"])),
    // robfig TestNext "Mon Jul 9 23:35 2012" "0 0 0 9 Apr-Oct ?" -> "Thu Aug 9 00:00 2012" (wrap around months, names)
    case("0 0 9 Apr-Oct ?", "2012-07-09T23:35:00Z", "UTC", Times(&["2012-08-09T00:00:00Z", "2012-09-09T00:00:00Z", "2012-10-09T00:00:00Z"])),
    // robfig TestNext "0 0 0 */5 Apr,Aug,Oct Mon": v3's getRange clears the star bit of */5, so the
    // day fields are OR'ed: Wed Aug 1 (1 is in */5) comes before Mon Aug 6.
    case("0 0 */5 Apr,Aug,Oct Mon", "2012-07-09T23:35:00Z", "UTC", Times(&["2012-08-01T00:00:00Z", "2012-08-06T00:00:00Z", "2012-08-11T00:00:00Z", "2012-08-13T00:00:00Z"])),
    // robfig TestNext "Mon Jul 9 23:35 2012" "0 0 0 */5 Oct Mon" -> "Mon Oct 1 00:00 2012"
    case("0 0 */5 Oct Mon", "2012-07-09T23:35:00Z", "UTC", Times(&["2012-10-01T00:00:00Z", "2012-10-06T00:00:00Z", "2012-10-08T00:00:00Z"])),
    // robfig TestNext "Mon Jul 9 23:35 2012" "0 0 0 * Feb Mon" -> "Mon Feb 4 00:00 2013" (wrap around years)
    case("0 0 * Feb Mon", "2012-07-09T23:35:00Z", "UTC", Times(&["2013-02-04T00:00:00Z", "2013-02-11T00:00:00Z"])),
    // robfig TestNext "Mon Jul 9 23:35 2012" "0 0 0 * Feb Mon/2" -> "Fri Feb 1 00:00 2013" (Mon/2 = Mon,Wed,Fri)
    case("0 0 * Feb Mon/2", "2012-07-09T23:35:00Z", "UTC", Times(&["2013-02-01T00:00:00Z", "2013-02-04T00:00:00Z", "2013-02-06T00:00:00Z"])),
    // robfig TestNext "Mon Dec 31 23:59:45 2012" "0 * * * * *" -> "Tue Jan 1 00:00:00 2013"
    case("* * * * *", "2012-12-31T23:59:45Z", "UTC", Times(&["2013-01-01T00:00:00Z", "2013-01-01T00:01:00Z"])),

    // ---- leap years ----
    // robfig TestNext "Mon Jul 9 23:35 2012" "0 0 0 29 Feb ?" -> "Mon Feb 29 00:00 2016"
    case("0 0 29 Feb ?", "2012-07-09T23:35:00Z", "UTC", Times(&["2016-02-29T00:00:00Z", "2020-02-29T00:00:00Z"])),
    // reasoning (spec.go Next): numeric Feb 29 from 2025 waits for 2028, then 2032
    case("0 0 29 2 *", "2025-03-01T00:00:00Z", "UTC", Times(&["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"])),
    // reasoning (spec.go dayMatches): Feb 29 OR Monday — both restricted, so any Monday of February
    case("0 0 29 2 1", "2025-03-01T00:00:00Z", "UTC", Times(&["2026-02-02T00:00:00Z", "2026-02-09T00:00:00Z"])),

    // ---- impossible schedules: robfig returns the zero time (five-year limit) ----
    // robfig TestNext "Mon Jul 9 23:35 2012" "0 0 0 30 Feb ?" -> "" (unsatisfiable)
    case("0 0 30 2 *", "2026-01-01T00:00:00Z", "UTC", Never),
    // robfig TestNext "Mon Jul 9 23:35 2012" "0 0 0 31 Apr ?" -> "" (unsatisfiable)
    case("0 0 31 4 *", "2026-01-01T00:00:00Z", "UTC", Never),
    // Kubernetes utils.go mostRecentScheduleTime comment: "59 23 31 2 *" parses but never fires
    case("59 23 31 2 *", "2026-01-01T00:00:00Z", "UTC", Never),
    // reasoning: no 30-day month has a 31st
    case("0 0 31 4,6,9,11 *", "2026-01-01T00:00:00Z", "UTC", Never),
    // reasoning (parser.go getField uses strings.FieldsFunc: "," is no element, no bits, no error)
    case(", * * * *", "2026-01-01T00:00:00Z", "UTC", Never),

    // ---- day-of-month / day-of-week ----
    // robfig TestActivation "0 * * 1,15 * Sun": both restricted → OR (Fri Jun 15, Sun Jun 17, ...)
    case("0 0 1,15 * Sun", "2012-06-14T00:00:00Z", "UTC", Times(&["2012-06-15T00:00:00Z", "2012-06-17T00:00:00Z", "2012-06-24T00:00:00Z", "2012-07-01T00:00:00Z"])),
    // robfig TestActivation "0 * * * * Mon" false on Sun Jul 15: dom starred → AND → Mondays only
    case("0 0 * * Mon", "2012-07-14T00:00:00Z", "UTC", Times(&["2012-07-16T00:00:00Z", "2012-07-23T00:00:00Z"])),
    // robfig TestActivation "0 * * 1,15 * *": dow starred → dom alone (not Mon Jul 9; Sun Jul 15)
    case("0 0 1,15 * *", "2012-07-09T00:00:00Z", "UTC", Times(&["2012-07-15T00:00:00Z", "2012-08-01T00:00:00Z"])),
    // robfig TestActivation "0 * * */10 * Sun": in v3 */10 has no star bit → OR (1,11,21,31 or Sundays)
    case("0 0 */10 * Sun", "2012-07-14T00:00:00Z", "UTC", Times(&["2012-07-15T00:00:00Z", "2012-07-21T00:00:00Z", "2012-07-22T00:00:00Z"])),
    // robfig TestActivation "0 * * */2 * Sun": OR → odd days or Sundays
    case("0 0 */2 * Sun", "2012-07-14T00:00:00Z", "UTC", Times(&["2012-07-15T00:00:00Z", "2012-07-17T00:00:00Z", "2012-07-19T00:00:00Z"])),
    // reasoning (parser.go getRange: `if step > 1 { extra = 0 }`): */1 keeps the star bit → AND
    case("0 0 */1 * Sun", "2012-07-14T00:00:00Z", "UTC", Times(&["2012-07-15T00:00:00Z", "2012-07-22T00:00:00Z"])),
    // reasoning (spec.go dow bounds{0, 6}): 0 is Sunday
    case("0 0 * * 0", "2026-03-04T00:00:00Z", "UTC", Times(&["2026-03-08T00:00:00Z"])),

    // ---- names, steps, ? ----
    // reasoning (parser.go parseIntOrName: strings.ToLower, so names are case-insensitive)
    case("0 12 * JAN-mar sat", "2026-01-01T00:00:00Z", "UTC", Times(&["2026-01-03T12:00:00Z", "2026-01-10T12:00:00Z", "2026-01-17T12:00:00Z"])),
    // robfig TestActivation "0 5/15 * * *": "N/step" means "N-max/step" (getRange singleDigit)
    case("5/15 * * * *", "2026-01-01T00:00:00Z", "UTC", Times(&["2026-01-01T00:05:00Z", "2026-01-01T00:20:00Z", "2026-01-01T00:35:00Z", "2026-01-01T00:50:00Z", "2026-01-01T01:05:00Z"])),
    // reasoning (parser.go getBits with step)
    case("10-50/10 * * * *", "2026-01-01T00:00:00Z", "UTC", Times(&["2026-01-01T00:10:00Z", "2026-01-01T00:20:00Z", "2026-01-01T00:30:00Z", "2026-01-01T00:40:00Z", "2026-01-01T00:50:00Z", "2026-01-01T01:10:00Z"])),
    // robfig parser.go ParseStandard doc: "* * * * ?" — ? is *
    case("0 0 ? * ?", "2026-01-01T00:00:00Z", "UTC", Times(&["2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"])),
    // reasoning (getBits loop): a step beyond the range keeps only its start: once an hour
    case("*/61 * * * *", "2026-01-01T00:00:00Z", "UTC", Times(&["2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z"])),

    // ---- descriptors (parser.go parseDescriptor) ----
    // robfig TestActivation "@yearly" family: Jan 1 00:00
    case("@yearly", "2026-05-05T00:00:00Z", "UTC", Times(&["2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"])),
    case("@annually", "2026-05-05T00:00:00Z", "UTC", Times(&["2027-01-01T00:00:00Z"])),
    // robfig TestActivation "Sun Jul 1 00:00 2012" "@monthly" true
    case("@monthly", "2026-01-31T10:00:00Z", "UTC", Times(&["2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"])),
    // robfig TestActivation "Sun Jul 8 00:00 2012" "@weekly" true: Sundays
    case("@weekly", "2026-03-04T00:00:00Z", "UTC", Times(&["2026-03-08T00:00:00Z", "2026-03-15T00:00:00Z"])),
    // robfig TestActivation "Mon Jul 9 00:00 2012" "@daily" true
    case("@daily", "2026-03-04T00:00:00Z", "UTC", Times(&["2026-03-05T00:00:00Z", "2026-03-06T00:00:00Z"])),
    case("@midnight", "2026-03-04T23:59:59Z", "UTC", Times(&["2026-03-05T00:00:00Z"])),
    // robfig TestActivation "Mon Jul 9 15:00 2012" "@hourly" true
    case("@hourly", "2026-03-04T10:30:00Z", "UTC", Times(&["2026-03-04T11:00:00Z", "2026-03-04T12:00:00Z"])),
    // constantdelay.go Next: t + Delay - t.Nanosecond() (so from .5 s the result is whole seconds);
    // Kubernetes validation accepts @every (it only calls ParseStandard)
    case("@every 1h30m", "2026-01-01T00:00:00.5Z", "UTC", Times(&["2026-01-01T01:30:00Z", "2026-01-01T03:00:00Z"])),
    // constantdelay.go Every: "Delays of less than a second are not supported (will round up to 1 second)"
    case("@every 500ms", "2026-01-01T00:00:00.25Z", "UTC", Times(&["2026-01-01T00:00:01Z", "2026-01-01T00:00:02Z"])),

    // ---- daylight saving time (robfig TestNext DST block, TZ=America/New_York) ----
    // robfig TestNext "2012-03-11T00:00:00-0500" "TZ=America/New_York 0 30 2 11 Mar ?" -> "2013-03-11T02:30:00-0400"
    case("TZ=America/New_York 30 2 11 Mar ?", "2012-03-11T00:00:00-05:00", "America/New_York", Rejected(TZ_MSG, &["2013-03-11T02:30:00-04:00", "2014-03-11T02:30:00-04:00"])),
    // robfig TestNext "hourly job" 2012-03-11: 01:00 EST, 03:00 EDT, 04:00 EDT, 05:00 EDT
    case("TZ=America/New_York 0 * * * ?", "2012-03-11T00:00:00-05:00", "America/New_York", Rejected(TZ_MSG, &["2012-03-11T01:00:00-05:00", "2012-03-11T03:00:00-04:00", "2012-03-11T04:00:00-04:00", "2012-03-11T05:00:00-04:00"])),
    // robfig TestNext "1am nightly job": 2012-03-11T01:00-05:00 then 2012-03-12T01:00-04:00
    case("TZ=America/New_York 0 1 * * ?", "2012-03-11T00:00:00-05:00", "America/New_York", Rejected(TZ_MSG, &["2012-03-11T01:00:00-05:00", "2012-03-12T01:00:00-04:00"])),
    // robfig TestNext "2am nightly job (skipped)" -> "2012-03-12T02:00:00-0400"
    case("TZ=America/New_York 0 2 * * ?", "2012-03-11T00:00:00-05:00", "America/New_York", Rejected(TZ_MSG, &["2012-03-12T02:00:00-04:00", "2012-03-13T02:00:00-04:00"])),
    // robfig TestNext "2012-11-04T00:00:00-0400" "TZ=America/New_York 0 30 2 04 Nov ?" -> "2012-11-04T02:30:00-0500"
    case("TZ=America/New_York 30 2 04 Nov ?", "2012-11-04T00:00:00-04:00", "America/New_York", Rejected(TZ_MSG, &["2012-11-04T02:30:00-05:00"])),
    // robfig TestNext "2012-11-04T01:45:00-0400" "TZ=America/New_York 0 30 1 04 Nov ?" -> "2012-11-04T01:30:00-0500"
    case("TZ=America/New_York 30 1 04 Nov ?", "2012-11-04T01:45:00-04:00", "America/New_York", Rejected(TZ_MSG, &["2012-11-04T01:30:00-05:00"])),
    // robfig TestNext "hourly job" 2012-11-04: 01:00 EDT, 01:00 EST, 02:00 EST
    case("TZ=America/New_York 0 * * * ?", "2012-11-04T00:00:00-04:00", "America/New_York", Rejected(TZ_MSG, &["2012-11-04T01:00:00-04:00", "2012-11-04T01:00:00-05:00", "2012-11-04T02:00:00-05:00"])),
    // robfig TestNext "1am nightly job (runs twice)"
    case("TZ=America/New_York 0 1 * * ?", "2012-11-04T00:00:00-04:00", "America/New_York", Rejected(TZ_MSG, &["2012-11-04T01:00:00-04:00", "2012-11-04T01:00:00-05:00", "2012-11-05T01:00:00-05:00"])),
    // robfig TestNext "2am nightly job" / "3am nightly job" on 2012-11-04
    case("TZ=America/New_York 0 2 * * ?", "2012-11-04T00:00:00-04:00", "America/New_York", Rejected(TZ_MSG, &["2012-11-04T02:00:00-05:00", "2012-11-05T02:00:00-05:00"])),
    case("TZ=America/New_York 0 3 * * ?", "2012-11-04T00:00:00-04:00", "America/New_York", Rejected(TZ_MSG, &["2012-11-04T03:00:00-05:00", "2012-11-05T03:00:00-05:00"])),
    // robfig TestNext "Monthly job": "TZ=America/New_York 2012-11-04T00:00:00-0400" "0 0 3 3 * ?" -> "2012-12-03T03:00:00-0500"
    case("0 3 3 * ?", "2012-11-04T00:00:00-04:00", "America/New_York", Times(&["2012-12-03T03:00:00-05:00", "2013-01-03T03:00:00-05:00"])),
    // robfig TestNext, issue #157 (midnight missing in Sao Paulo): "TZ=America/Sao_Paulo 0 0 9 10 * ?" -> "2018-11-10T06:00:00-0500"
    case("TZ=America/Sao_Paulo 0 9 10 * ?", "2018-10-17T05:00:00-04:00", "America/New_York", Rejected(TZ_MSG, &["2018-11-10T06:00:00-05:00", "2018-12-10T06:00:00-05:00"])),
    // robfig TestNext, issue #157: "TZ=America/Sao_Paulo 0 0 9 22 * ?" from 2018-02-14T05:00-0500 -> "2018-02-22T07:00:00-0500"
    case("TZ=America/Sao_Paulo 0 9 22 * ?", "2018-02-14T05:00:00-05:00", "America/New_York", Rejected(TZ_MSG, &["2018-02-22T07:00:00-05:00", "2018-03-22T08:00:00-04:00"])),
    // reasoning (spec.go hour loop): 2018-11-04 has no midnight in Sao Paulo, so a midnight job skips that day
    case("0 0 * * *", "2018-11-03T12:00:00-03:00", "America/Sao_Paulo", Times(&["2018-11-05T00:00:00-02:00", "2018-11-06T00:00:00-02:00"])),

    // ---- DST in real zones, no TZ= (evaluated in the start time's zone: robfig time.Local rule) ----
    // reasoning (spec.go hour loop): 2026-03-08 02:30 does not exist in New York → skipped to the 9th
    case("30 2 * * *", "2026-03-07T12:00:00-05:00", "America/New_York", Times(&["2026-03-09T02:30:00-04:00", "2026-03-10T02:30:00-04:00"])),
    // reasoning (spec.go minute loop wraps into the repeated hour): 01:30 happens twice on 2026-11-01 → fires twice
    case("30 1 * * *", "2026-10-31T12:00:00-04:00", "America/New_York", Times(&["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00", "2026-11-02T01:30:00-05:00"])),
    // reasoning: Europe/Berlin 2026-03-29 02:00 CET → 03:00 CEST, so 02:30 is skipped that day
    case("30 2 * * *", "2026-03-28T12:00:00+01:00", "Europe/Berlin", Times(&["2026-03-30T02:30:00+02:00", "2026-03-31T02:30:00+02:00"])),
    // reasoning: Europe/Berlin 2026-10-25 03:00 CEST → 02:00 CET, so 02:30 fires in both offsets
    case("30 2 * * *", "2026-10-24T12:00:00+02:00", "Europe/Berlin", Times(&["2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00", "2026-10-26T02:30:00+01:00"])),
    // reasoning: hourly across the Berlin spring-forward: 01:00 CET, then 03:00 CEST
    case("0 * * * *", "2026-03-29T00:30:00+01:00", "Europe/Berlin", Times(&["2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T04:00:00+02:00"])),
    // robfig parser_test.go TestParseSchedule "TZ=Asia/Tokyo @midnight": descriptors take the zone too
    case("TZ=Asia/Tokyo @daily", "2026-03-04T00:00:00Z", "UTC", Rejected(TZ_MSG, &["2026-03-04T15:00:00Z", "2026-03-05T15:00:00Z"])),
    // robfig TestNext "hourly job using CRON_TZ": CRON_TZ= works like TZ=; Kubernetes rejects both
    case("CRON_TZ=Europe/Berlin 0 9 * * *", "2026-03-28T00:00:00Z", "UTC", Rejected(TZ_MSG, &["2026-03-28T08:00:00Z", "2026-03-29T07:00:00Z"])),
    // reasoning (spec.go Next: `if loc == time.Local { loc = t.Location() }`; Go LoadLocation("Local"))
    case("TZ=Local 0 9 * * *", "2026-07-01T00:00:00Z", "America/New_York", Rejected(TZ_MSG, &["2026-07-01T09:00:00-04:00"])),

    // ---- invalid expressions: robfig's messages (parser.go) ----
    // spec.go `dow = bounds{0, 6, ...}`: 7 is not Sunday in robfig v3
    case("0 0 * * 7", NO_START, "UTC", ParseErr("end of range (7) above maximum (6): 7")),
    // parser.go normalizeFields: "expected exactly %d fields, found %d: %s" (the Go slice)
    case("* * * * * *", NO_START, "UTC", ParseErr("expected exactly 5 fields, found 6: [* * * * * *]")),
    case("* * * *", NO_START, "UTC", ParseErr("expected exactly 5 fields, found 4: [* * * *]")),
    // robfig spec_test.go TestErrors "0 60 * * *" (here in the minute position) / Kubernetes docs example
    case("60 * * * *", NO_START, "UTC", ParseErr("end of range (60) above maximum (59): 60")),
    case("0 24 * * *", NO_START, "UTC", ParseErr("end of range (24) above maximum (23): 24")),
    // robfig parser_test.go TestRange "below minimum": day-of-month starts at 1
    case("0 0 0 * *", NO_START, "UTC", ParseErr("beginning of range (0) below minimum (1): 0")),
    case("0 0 * 13 *", NO_START, "UTC", ParseErr("end of range (13) above maximum (12): 13")),
    // robfig spec_test.go TestErrors "0 0 * * XYZ": bad name → strconv.Atoi error text
    case("* * * * FOO", NO_START, "UTC", ParseErr("failed to parse int from FOO: strconv.Atoi: parsing \"FOO\": invalid syntax")),
    // reasoning (spec.go names are three letters only)
    case("* * * * Monday", NO_START, "UTC", ParseErr("failed to parse int from Monday: strconv.Atoi: parsing \"Monday\": invalid syntax")),
    // robfig parser_test.go TestRange {"*/0", ..., "should be a positive number"}
    case("*/0 * * * *", NO_START, "UTC", ParseErr("step of range should be a positive number: */0")),
    // robfig parser_test.go TestRange "too many hyphens" / spec_test.go TestErrors "0-0-0 * * * *"
    case("1-2-3 * * * *", NO_START, "UTC", ParseErr("too many hyphens: 1-2-3")),
    // robfig spec_test.go TestErrors "*/5/5 * * * *"
    case("*/5/5 * * * *", NO_START, "UTC", ParseErr("too many slashes: */5/5")),
    // robfig spec_test.go TestErrors "59-2 * * * *" (beyond end of range)
    case("59-2 * * * *", NO_START, "UTC", ParseErr("beginning of range (59) beyond end of range (2): 59-2")),
    // robfig parser_test.go TestRange {"*/-12", ..., "negative number"}
    case("*/-1 * * * *", NO_START, "UTC", ParseErr("negative number (-1) not allowed: -1")),
    // parser.go parseDescriptor + Go time.ParseDuration ("d" is no Go unit)
    case("@every 1d", NO_START, "UTC", ParseErr("failed to parse duration @every 1d: time: unknown unit \"d\" in duration \"1d\"")),
    // parser.go parseDescriptor: "unrecognized descriptor: %s"
    case("@reboot", NO_START, "UTC", ParseErr("unrecognized descriptor: @reboot")),
    // robfig spec_test.go TestErrors "TZ=Bogus * * * * *"; Go LoadLocation error text
    case("TZ=Bogus 0 * * * *", NO_START, "UTC", ParseErr("provided bad location Bogus: unknown time zone Bogus")),
    // parser.go: `if len(spec) == 0 { return nil, fmt.Errorf("empty spec string") }`; validation.go
    // validateCronJobSpec never parses an empty schedule: `field.Required` ("spec.schedule: Required value")
    case("", NO_START, "UTC", ParseErrK8s("empty spec string", "Required value")),
    // parser.go normalizeFields: only whitespace → zero fields
    case("   ", NO_START, "UTC", ParseErr("expected exactly 5 fields, found 0: []")),
];

fn rfc<Z: TimeZone>(t: &DateTime<Z>) -> String
where
    Z::Offset: std::fmt::Display,
{
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn start_in(case: &Case) -> DateTime<Tz> {
    let zone: Tz = case.zone.parse().expect("test zone");
    DateTime::parse_from_rfc3339(case.start)
        .expect("test start time")
        .with_timezone(&zone)
}

#[test]
fn vectors() {
    assert!(CASES.len() >= 40, "{} vectors", CASES.len());
    let mut failures = Vec::new();
    for c in CASES {
        let parsed = parse_standard(c.expr);
        let valid = validate_schedule(c.expr);
        let (want_times, want_parse_err, want_valid): (
            Option<&[&str]>,
            Option<&str>,
            Result<(), String>,
        ) = match &c.expect {
            Times(t) => (Some(t), None, Ok(())),
            Never => (Some(&[]), None, Ok(())),
            ParseErr(e) => (None, Some(e), Err(e.to_string())),
            ParseErrK8s(e, k) => (None, Some(e), Err(k.to_string())),
            Rejected(msg, t) => (Some(t), None, Err(msg.to_string())),
        };
        if valid != want_valid {
            failures.push(format!(
                "{:?}: validate_schedule {:?}, want {:?}",
                c.expr, valid, want_valid
            ));
        }
        match (&parsed, want_parse_err) {
            (Err(got), Some(want)) if got == want => {}
            (Err(got), _) => failures.push(format!(
                "{:?}: parse error {got:?}, want {want_parse_err:?}",
                c.expr
            )),
            (Ok(_), Some(want)) => {
                failures.push(format!("{:?}: parsed, want error {want:?}", c.expr))
            }
            (Ok(s), None) => {
                let want = want_times.unwrap_or(&[]);
                let n = want.len().max(1);
                let got: Vec<String> = s.upcoming(&start_in(c), n).iter().map(rfc).collect();
                if got != want {
                    failures.push(format!(
                        "{:?} from {} in {}: got {got:?}, want {want:?}",
                        c.expr, c.start, c.zone
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// validation.go validateTimeZone messages.
#[test]
fn time_zone_validation_messages() {
    assert_eq!(
        cron::validate_time_zone("America/New_York").map(|z| z.name()),
        Ok("America/New_York")
    );
    // validation.go validateTimeZone → time.LoadLocation error
    assert_eq!(
        cron::validate_time_zone("Europe/Pariss"),
        Err("unknown time zone Europe/Pariss".to_string())
    );
    // validation.go validTimeZoneCharacters rejects the space before LoadLocation is tried
    assert_eq!(
        cron::validate_time_zone("America/New York"),
        Err("unknown time zone America/New York".to_string())
    );
    // validation.go: strings.EqualFold(*timeZone, "Local")
    assert_eq!(
        cron::validate_time_zone("Local"),
        Err(
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"
                .to_string()
        )
    );
    assert_eq!(
        cron::validate_time_zone(""),
        Err("timeZone must be nil or non-empty string".to_string())
    );
    assert_eq!(
        cron::time_zone_field_errors("Europe/Pariss"),
        vec![
            "spec.timeZone: Invalid value: \"Europe/Pariss\": unknown time zone Europe/Pariss"
                .to_string()
        ]
    );
    assert_eq!(
        cron::schedule_field_errors("CRON_TZ=UTC * * * * *"),
        vec![format!(
            "spec.schedule: Invalid value: \"CRON_TZ=UTC * * * * *\": {TZ_MSG}"
        )]
    );
}

/// The describe examples from the brief, through the public API.
#[test]
fn describe_examples() {
    let en = |e| cron::describe(e, Lang::En).expect("describes");
    let zh = |e| cron::describe(e, Lang::Zh).expect("describes");
    assert_eq!(en("*/1 * * * *"), "every minute");
    assert_eq!(zh("*/1 * * * *"), "每分钟");
    assert_eq!(
        en("0 3 * * 1-5"),
        "at 03:00 on every day-of-week from Monday through Friday"
    );
    assert_eq!(zh("0 3 * * 1-5"), "在周一至周五的 03:00");
    assert_eq!(en("*/15 * * * *"), "every 15th minute");
    assert_eq!(en("0 0 1 * *"), "at 00:00 on day-of-month 1");
    assert_eq!(en("5 4 * * sun"), "at 04:05 on Sunday");
    assert_eq!(
        en("23 0-20/2 * * *"),
        "at minute 23 past every 2nd hour from 0 through 20"
    );
    assert_eq!(en("0 0 1 * 1"), "at 00:00 on day-of-month 1 or on Monday");
    assert_eq!(
        cron::describe("0 0 * * 7", Lang::En),
        Err("end of range (7) above maximum (6): 7".to_string())
    );
}

// ---------------------------------------------------------------------------------------------
// Property tests: random-but-deterministic expressions against an independent brute-force matcher.

/// Numerical Recipes LCG.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
}

/// One generated field: its text, the set of values it selects, and whether robfig sets the star
/// bit (an element that is `*` or `?` with no step above 1).
struct GenField {
    text: String,
    set: [bool; 64],
    star: bool,
}

const MONTH_NAMES: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const DOW_NAMES: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// A value in `from..=hi`, sometimes written as a name (`names[v - lo]`, lo = the field minimum).
fn gen_value(r: &mut Lcg, lo: u64, from: u64, hi: u64, names: Option<&[&str]>) -> (u64, String) {
    let v = r.range(from, hi);
    if let Some(names) = names {
        if r.below(3) == 0 {
            let n = names[(v - lo) as usize];
            let text = if r.below(2) == 0 {
                n.to_uppercase()
            } else {
                n.to_string()
            };
            return (v, text);
        }
    }
    (v, v.to_string())
}

fn gen_field(r: &mut Lcg, lo: u64, hi: u64, names: Option<&[&str]>) -> GenField {
    let mut f = GenField {
        text: String::new(),
        set: [false; 64],
        star: false,
    };
    if r.below(3) == 0 {
        f.text = "*".into();
        f.star = true;
        for v in lo..=hi {
            f.set[v as usize] = true;
        }
        return f;
    }
    let count = 1 + r.below(3);
    let mut parts = Vec::new();
    for _ in 0..count {
        let (text, a, z, step) = match r.below(6) {
            0 => {
                let step = [1, 2, 3, 5, 7, 10, 15][r.below(7) as usize];
                let s = if r.below(2) == 0 { "*" } else { "?" };
                if step > 1 {
                    (format!("{s}/{step}"), lo, hi, step)
                } else {
                    f.star = true; // `*/1` keeps the star bit
                    (format!("{s}/1"), lo, hi, 1)
                }
            }
            1 | 2 => {
                let (v, t) = gen_value(r, lo, lo, hi, names);
                (t, v, v, 1)
            }
            3 => {
                let (a, ta) = gen_value(r, lo, lo, hi, names);
                let (z, tz) = gen_value(r, lo, a, hi, names);
                (format!("{ta}-{tz}"), a, z, 1)
            }
            4 => {
                let (a, ta) = gen_value(r, lo, lo, hi, names);
                let (z, tz) = gen_value(r, lo, a, hi, names);
                let step = 1 + r.below(6);
                (format!("{ta}-{tz}/{step}"), a, z, step)
            }
            _ => {
                let a = r.range(lo, hi);
                let step = 1 + r.below(20);
                (format!("{a}/{step}"), a, hi, step) // "N/step" means "N-max/step"
            }
        };
        let mut v = a;
        while v <= z {
            f.set[v as usize] = true;
            v += step;
        }
        parts.push(text);
    }
    f.text = parts.join(",");
    f
}

struct GenExpr {
    text: String,
    minute: GenField,
    hour: GenField,
    dom: GenField,
    month: GenField,
    dow: GenField,
}

fn gen_expr(r: &mut Lcg) -> GenExpr {
    let minute = gen_field(r, 0, 59, None);
    let hour = gen_field(r, 0, 23, None);
    let dom = gen_field(r, 1, 31, None);
    let month = gen_field(r, 1, 12, Some(&MONTH_NAMES));
    let dow = gen_field(r, 0, 6, Some(&DOW_NAMES));
    let text = format!(
        "{} {} {} {} {}",
        minute.text, hour.text, dom.text, month.text, dow.text
    );
    GenExpr {
        text,
        minute,
        hour,
        dom,
        month,
        dow,
    }
}

/// Independent matcher: cron semantics with robfig's day rule, on a UTC minute.
fn brute_matches(e: &GenExpr, t: &DateTime<Utc>) -> bool {
    use chrono::Datelike;
    let dom = e.dom.set[t.day() as usize];
    let dow = e.dow.set[t.weekday().num_days_from_sunday() as usize];
    let day = if e.dom.star || e.dow.star {
        dom && dow
    } else {
        dom || dow
    };
    e.minute.set[t.minute() as usize]
        && e.hour.set[t.hour() as usize]
        && e.month.set[t.month() as usize]
        && day
}

#[test]
fn random_expressions_agree_with_brute_force_in_utc() {
    let mut r = Lcg(0x5eed_cafe);
    let mut compared = 0usize;
    for i in 0..300 {
        let e = gen_expr(&mut r);
        let sched = parse_standard(&e.text)
            .unwrap_or_else(|err| panic!("{:?} should parse: {err}", e.text));
        // Start anywhere in 2024-2027, sometimes mid-minute.
        let base = Utc
            .with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
            .single()
            .expect("base");
        let start = base
            + chrono::Duration::seconds(
                (r.below(4 * 365 * 24 * 60) * 60 + [0, 0, 1, 30, 59][(i % 5) as usize]) as i64,
            );
        let end = start + chrono::Duration::days(2);

        let first_minute = start.timestamp().div_euclid(60) * 60 + 60;
        let expected: Vec<DateTime<Utc>> = (0..2 * 24 * 60)
            .filter_map(|k| DateTime::from_timestamp(first_minute + k * 60, 0))
            .filter(|t| *t > start && *t <= end && brute_matches(&e, t))
            .collect();

        let mut got = Vec::new();
        let mut cur = start;
        while let Some(t) = sched.next(&cur) {
            assert!(t > cur, "{:?}: next({cur}) = {t} is not later", e.text);
            if t > end {
                break;
            }
            got.push(t);
            cur = t;
        }
        assert_eq!(got, expected, "{:?} from {start}", e.text);
        compared += expected.len();
    }
    assert!(
        compared > 1000,
        "the generator should produce firing schedules ({compared})"
    );
}

#[test]
fn random_expressions_in_dst_zones_never_panic_and_increase() {
    let zones = [
        Tz::America__New_York,
        Tz::Europe__Berlin,
        Tz::America__Sao_Paulo,
        Tz::Australia__Lord_Howe,
        Tz::Pacific__Apia,
    ];
    let mut r = Lcg(42);
    let began = std::time::Instant::now();
    for i in 0..300 {
        let e = gen_expr(&mut r);
        let sched = parse_standard(&e.text)
            .unwrap_or_else(|err| panic!("{:?} should parse: {err}", e.text));
        let zone = zones[i % zones.len()];
        // Starts clustered around DST changes (March/April, September-November).
        let month = [3, 4, 9, 10, 11][r.below(5) as usize];
        let start = zone
            .with_ymd_and_hms(
                2005 + r.below(30) as i32,
                month,
                1 + r.below(28) as u32,
                r.below(24) as u32,
                0,
                0,
            )
            .earliest()
            .unwrap_or_else(|| {
                zone.with_ymd_and_hms(2020, 1, 1, 0, 0, 0)
                    .single()
                    .expect("plain date")
            });
        let times = sched.upcoming(&start, 12);
        let mut prev = start;
        for t in &times {
            assert!(*t > prev, "{:?} in {zone}: {t} after {prev}", e.text);
            prev = *t;
        }
        // In whole-hour DST zones every fire time's wall clock matches the minute and hour fields.
        if matches!(zone, Tz::America__New_York | Tz::Europe__Berlin) {
            for t in &times {
                assert!(
                    e.minute.set[t.minute() as usize] && e.hour.set[t.hour() as usize],
                    "{:?}: {t}",
                    e.text
                );
            }
        }
    }
    assert!(began.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn impossible_and_odd_schedules_answer_fast() {
    let began = std::time::Instant::now();
    let start = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("start");
    for e in [
        "0 0 30 2 *",
        "0 0 31 4 *",
        "0 0 31 2,4,6,9,11 *",
        "59 23 31 2 *",
        "0 0 30,31 2 *",
        ", * * * *",
        "* , * * *",
        "* * * , *",
        "0 0 , * *",
        "0 0 * * ,",
    ] {
        let s = parse_standard(e).expect("parses");
        assert_eq!(s.next(&start), None, "{e}");
        let ny = start.with_timezone(&Tz::America__New_York);
        assert_eq!(s.next(&ny), None, "{e}");
    }
    assert!(
        began.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        began.elapsed()
    );
}
