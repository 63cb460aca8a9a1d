//! Cron schedules exactly as Kubernetes reads them (robfig/cron v3 `ParseStandard`).
//! STUB: being written.

use chrono::{DateTime, TimeZone};

#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    expr: String,
}

/// Parses a 5-field schedule or a descriptor; the error text is robfig/cron's.
pub fn parse_standard(expr: &str) -> Result<Schedule, String> {
    Ok(Schedule {
        expr: expr.to_string(),
    })
}

impl Schedule {
    /// The first fire time strictly after `after`, in `after`'s zone (robfig `SpecSchedule.Next`).
    /// None when the schedule can never fire.
    pub fn next<Tz: TimeZone>(&self, after: &DateTime<Tz>) -> Option<DateTime<Tz>> {
        let _ = after;
        None
    }
}
