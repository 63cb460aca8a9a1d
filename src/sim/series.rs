//! The events.k8s.io/v1 recorder (client-go tools/events/event_broadcaster.go), which the
//! scheduler records through instead of the core/v1 EventCorrelator. Isomorphic Events (same
//! type, reason, reporting controller and regarding object, whatever the note) form a series:
//!
//! - the first is created as it is;
//! - the second patches it with `series.count: 2` at once (recordToSink);
//! - later ones only bump the count in the recorder's cache, written by the refresh every
//!   30 min (refreshExistingEventSeries) or when the series ends: finishSeries, every 6 min,
//!   writes the final count of a series not observed for 6 min and forgets it, as it forgets
//!   a single Event 6 min old; the next isomorphic Event starts a new one.
//!
//! So `kubectl describe pod` shows a pending pod's FailedScheduling `(x2 over 4m)` until a
//! refresh, where the core/v1 correlator would count each one. The note stays the first
//! Event's: the series patch carries only `series`.

use std::collections::BTreeSet;

use super::fasthash::FastMap;
use crate::api::{Duration, Time};

/// finishTime.
const FINISH: Duration = Duration::from_secs(6 * 60);
/// refreshTime.
const REFRESH: Duration = Duration::from_secs(30 * 60);

/// What the recorder does with one Event.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    /// A new Event, created.
    Create,
    /// The second of a series: the Event created at `origin` is patched with this count.
    Patch { origin: usize, count: u32 },
    /// A later one: counted in the cache only.
    Cached { origin: usize, count: u32 },
}

/// A write the recorder's timers make: the Event created at `origin`, with its series' count
/// and lastObservedTime.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Write {
    pub origin: usize,
    pub count: u32,
    pub last_observed: Time,
}

#[derive(Clone, Debug)]
struct Entry {
    /// Index of the Event's creation among the recorded Events.
    origin: usize,
    count: u32,
    last_observed: Time,
    /// The refresh after the first count not written yet.
    refresh: Option<Time>,
    /// When the counts not yet written will be: that refresh, or the series' end if sooner.
    due: Option<Time>,
}

#[derive(Clone, Debug, Default)]
pub struct SeriesCache {
    entries: FastMap<u64, Entry>,
    /// (due, key) of the entries with counts not written yet.
    due: BTreeSet<(Time, u64)>,
    /// The size at which finished entries are swept out (each pod's `Scheduled` is a series
    /// of its own: without a sweep a year of a CronJob keeps half a million).
    sweep_at: usize,
}

/// The first tick of a timer started at `start` with `period` (wait.Until) after `t`.
fn tick_after(t: Time, start: Time, period: Duration) -> Time {
    let p = period.0.max(1);
    let k = (t - start).0.div_euclid(p) + 1;
    start + Duration::from_millis(k * p)
}

/// The finishSeries tick that ends an entry last observed at `t` (the first one at which it is
/// more than 6 min old).
fn finish_tick(t: Time, start: Time) -> Time {
    tick_after(t + FINISH, start, FINISH)
}

impl SeriesCache {
    /// One Event with the isomorphic `key` at `now`; `index`: where it is recorded if created.
    pub fn record(&mut self, now: Time, start: Time, key: u64, index: usize) -> Outcome {
        // finishSeries forgot an entry not observed since (one with counts to write is written
        // and forgotten by `flush` first).
        if self.entries.len() >= self.sweep_at.max(1024) {
            self.entries
                .retain(|_, e| e.due.is_some() || finish_tick(e.last_observed, start) > now);
            self.sweep_at = self.entries.len() * 2;
        }
        if let Some(e) = self.entries.get(&key) {
            if e.due.is_none() && finish_tick(e.last_observed, start) <= now {
                self.entries.remove(&key);
            }
        }
        let Some(e) = self.entries.get_mut(&key) else {
            self.entries.insert(
                key,
                Entry {
                    origin: index,
                    count: 1,
                    last_observed: now,
                    refresh: None,
                    due: None,
                },
            );
            return Outcome::Create;
        };
        e.count += 1;
        e.last_observed = now;
        if e.count == 2 {
            return Outcome::Patch {
                origin: e.origin,
                count: 2,
            };
        }
        // Written at the next refresh after the first count not written, or when the series
        // ends, if sooner.
        if let Some(d) = e.due {
            self.due.remove(&(d, key));
        }
        let refresh = *e
            .refresh
            .get_or_insert_with(|| tick_after(now, start, REFRESH));
        let due = refresh.min(finish_tick(now, start));
        e.due = Some(due);
        self.due.insert((due, key));
        Outcome::Cached {
            origin: e.origin,
            count: e.count,
        }
    }

    /// The Events (their first writes) that series still counting refer to.
    pub fn live_origins(&self, now: Time, start: Time) -> Vec<usize> {
        self.entries
            .values()
            .filter(|e| e.due.is_some() || finish_tick(e.last_observed, start) > now)
            .map(|e| e.origin)
            .collect()
    }

    /// When the next write is due.
    pub fn next_due(&self) -> Option<Time> {
        self.due.first().map(|(t, _)| *t)
    }

    /// The writes due at `now`: each series' count; a series that ended is forgotten.
    pub fn flush(&mut self, now: Time, start: Time) -> Vec<Write> {
        let mut writes = Vec::new();
        while let Some(&(due, key)) = self.due.first() {
            if due > now {
                break;
            }
            self.due.remove(&(due, key));
            let Some(e) = self.entries.get_mut(&key) else {
                continue;
            };
            e.due = None;
            e.refresh = None;
            writes.push(Write {
                origin: e.origin,
                count: e.count,
                last_observed: e.last_observed,
            });
            if finish_tick(e.last_observed, start) <= now {
                self.entries.remove(&key);
            }
        }
        writes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> Time {
        Time::default() + Duration::from_secs(s)
    }

    #[test]
    fn second_patches_later_ones_wait_for_the_series_end() {
        let start = at(0);
        let mut c = SeriesCache::default();
        assert_eq!(c.record(at(10), start, 1, 0), Outcome::Create);
        assert_eq!(
            c.record(at(70), start, 1, 5),
            Outcome::Patch {
                origin: 0,
                count: 2
            }
        );
        assert_eq!(c.next_due(), None);
        assert_eq!(
            c.record(at(130), start, 1, 9),
            Outcome::Cached {
                origin: 0,
                count: 3
            }
        );
        // Last observed at 130 s: the 6-min tick after 490 s is 720 s.
        assert_eq!(c.next_due(), Some(at(720)));
        assert_eq!(c.flush(at(719), start), []);
        assert_eq!(
            c.flush(at(720), start),
            [Write {
                origin: 0,
                count: 3,
                last_observed: at(130)
            }]
        );
        // Forgotten: the next one starts a new Event.
        assert_eq!(c.record(at(800), start, 1, 20), Outcome::Create);
    }

    #[test]
    fn a_long_series_is_written_by_the_30_minute_refresh() {
        let start = at(0);
        let mut c = SeriesCache::default();
        c.record(at(0), start, 7, 0);
        c.record(at(300), start, 7, 1);
        for t in (600..=3000).step_by(300) {
            c.record(at(t), start, 7, 2);
            let writes = c.flush(at(t), start);
            assert!(writes.is_empty() || t == 1800, "{t}: {writes:?}");
        }
        // The count after 1500 s was cached; the refresh at 1800 s had written it.
        assert_eq!(c.next_due(), Some(at(3600)));
    }

    #[test]
    fn a_single_event_is_forgotten_after_six_minutes() {
        let start = at(0);
        let mut c = SeriesCache::default();
        c.record(at(100), start, 3, 0);
        // Not yet: the tick at 360 s sees it 260 s old; the one at 720 s forgets it.
        assert!(matches!(
            c.record(at(700), start, 3, 4),
            Outcome::Patch { .. }
        ));
        let mut c = SeriesCache::default();
        c.record(at(100), start, 3, 0);
        assert_eq!(c.record(at(720), start, 3, 4), Outcome::Create);
    }
}
