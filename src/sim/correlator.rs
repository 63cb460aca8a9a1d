//! client-go's `EventCorrelator` (tools/record/events_cache.go), which every component that
//! records Events through `record.EventRecorder` runs before it writes to the API server:
//!
//! - **dedupe** (`eventLogger`): an Event identical in source, object, type, reason and message
//!   to one seen before is not created again: the first one is patched, `count + 1`, its
//!   `lastTimestamp` (and message) renewed, so `kubectl describe` prints `(x5 over 5m)`;
//! - **aggregation** (`EventAggregator`): once 10 Events that differ only in message were seen
//!   within 10 minutes, the next ones become one Event "(combined from similar events): …";
//! - **spam filter** (`EventSourceObjectSpamFilter`): a source may write 25 Events about one
//!   object at once, then one per 5 minutes (a token bucket); the rest are dropped, though the
//!   dedupe above still counted them.
//!
//! Each of the three caches is an LRU of 4096 entries in client-go; here an entry not touched
//! in the last 2048 uses of its cache is dropped once the cache passes 4096, which is the same
//! for any simulation that does not churn through thousands of distinct Events.

use std::hash::Hasher;

use super::fasthash::{FastMap, FxHasher};
use crate::api::Time;

/// Two keys as one (the key of their parts joined).
fn combine(a: u64, b: u64) -> u64 {
    let mut h = FxHasher::default();
    h.write_u64(a);
    h.write_u64(b);
    h.finish()
}

/// A cache key: the 64-bit Fx hash of the key's parts (client-go joins them into a string; a
/// hash keeps the recorder free of allocations on the hot path of a 100 000-pod Job).
pub(crate) fn key(groups: &[&[&str]]) -> u64 {
    let mut h = FxHasher::default();
    for parts in groups {
        for p in *parts {
            h.write(p.as_bytes());
            h.write_u8(0xff);
        }
    }
    h.finish()
}

const MAX_LRU_CACHE_ENTRIES: usize = 4096;
const AGGREGATE_MAX_EVENTS: usize = 10;
const AGGREGATE_INTERVAL_MS: i64 = 600_000;
const SPAM_BURST: i64 = 25;
/// One token per 300 s (`defaultSpamQPS = 1/300`); the bucket counts milliseconds of refill.
const SPAM_TOKEN_MS: i64 = 300_000;
/// `EventAggregatorByReasonMessageFunc`.
pub const COMBINED_PREFIX: &str = "(combined from similar events): ";

/// What an Event becomes after correlation: written (created or patched) or dropped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Correlated {
    Write {
        /// `count` after this occurrence.
        count: u32,
        /// `firstTimestamp` of the Event written.
        first: Time,
        /// The Event's name: the `(time, seq)` of the write that created it; `None` when this
        /// write creates it.
        name: Option<(Time, u64)>,
        /// The message is the aggregate one (`COMBINED_PREFIX` + message).
        combined: bool,
    },
    /// Dropped by the spam filter.
    Skip,
}

#[derive(Clone, Debug, Default)]
pub struct Correlator {
    /// eventLogger: event (or aggregate) key → the Event written for it.
    logged: Lru<Logged>,
    /// EventAggregator: aggregate key → messages seen recently.
    similar: Lru<Similar>,
    /// Spam filter: source + object → token bucket.
    spam: Lru<Bucket>,
}

#[derive(Clone, Debug)]
struct Logged {
    count: u32,
    first: Time,
    name: (Time, u64),
}

#[derive(Clone, Debug, Default)]
struct Similar {
    /// `localKeys`: the distinct messages (their hashes, oldest first).
    messages: Vec<u64>,
    last: Option<Time>,
}

#[derive(Clone, Debug)]
struct Bucket {
    /// Milliseconds of refill held (a token is `SPAM_TOKEN_MS`).
    held: i64,
    at: Time,
}

impl Correlator {
    /// `EventCorrelate` for one Event. `object` identifies source and involved object,
    /// `kind` type and reason; `seq` is this write's sequence number (its name, if it creates
    /// an Event).
    /// `process`: which run of the recording process this is (0 for the first). Each start of a
    /// component builds its correlator anew (record.NewBroadcaster in its main), so a restarted
    /// one writes new Events, not repeats of the last run's.
    #[allow(clippy::too_many_arguments)]
    pub fn correlate(
        &mut self,
        now: Time,
        process: u64,
        object: &[&str],
        kind: &[&str],
        field_path: &str,
        message: &str,
        seq: u64,
    ) -> Correlated {
        // EventAggregate: group by everything but the message. Each part is hashed once and
        // the keys combine the hashes.
        let object_key = match process {
            0 => key(&[object]),
            p => combine(key(&[object]), p),
        };
        let message_key = key(&[&[message]]);
        let aggregate_key = combine(object_key, key(&[kind]));
        let similar = self.similar.entry(aggregate_key, Similar::default);
        if similar
            .last
            .is_some_and(|last| now.0 - last.0 > AGGREGATE_INTERVAL_MS)
        {
            *similar = Similar::default();
        }
        if !similar.messages.contains(&message_key) {
            similar.messages.push(message_key);
        }
        similar.last = Some(now);
        let combined = similar.messages.len() >= AGGREGATE_MAX_EVENTS;
        if combined {
            // `PopAny` (Go picks at random; the oldest here, for a deterministic run).
            similar.messages.remove(0);
        }
        // eventObserve: the key of a plain Event has its message; an aggregate one has not
        // (so every combined Event patches the same one).
        // getEventKey has the field path too; the aggregation (by reason) has not.
        let event_key = if combined {
            aggregate_key
        } else if field_path.is_empty() {
            combine(aggregate_key, message_key)
        } else {
            combine(combine(aggregate_key, message_key), key(&[&[field_path]]))
        };
        let (count, first, name) = match self.logged.get_mut(event_key) {
            Some(l) => {
                l.count = l.count.saturating_add(1);
                (l.count, l.first, Some(l.name))
            }
            None => {
                self.logged.insert(
                    event_key,
                    Logged {
                        count: 1,
                        first: now,
                        name: (now, seq),
                    },
                );
                (1, now, None)
            }
        };
        // Filter: the token bucket of source + object (burst 25, one more per 5 minutes).
        let bucket = self.spam.entry(object_key, || Bucket {
            held: SPAM_BURST * SPAM_TOKEN_MS,
            at: now,
        });
        bucket.held = (bucket.held + (now.0 - bucket.at.0).max(0)).min(SPAM_BURST * SPAM_TOKEN_MS);
        bucket.at = now;
        if bucket.held < SPAM_TOKEN_MS {
            return Correlated::Skip;
        }
        bucket.held -= SPAM_TOKEN_MS;
        Correlated::Write {
            count,
            first,
            name,
            combined,
        }
    }
}

/// A map that forgets what it has not used for a while (client-go's `lru.Cache`, coarser).
#[derive(Clone, Debug)]
struct Lru<V> {
    map: FastMap<u64, (V, u64)>,
    tick: u64,
}

impl<V> Default for Lru<V> {
    fn default() -> Self {
        Lru {
            map: FastMap::default(),
            tick: 0,
        }
    }
}

impl<V> Lru<V> {
    fn get_mut(&mut self, key: u64) -> Option<&mut V> {
        self.tick += 1;
        let tick = self.tick;
        self.map.get_mut(&key).map(|(v, t)| {
            *t = tick;
            v
        })
    }

    fn insert(&mut self, key: u64, v: V) {
        self.make_room();
        self.map.insert(key, (v, self.tick));
    }

    fn entry(&mut self, key: u64, new: impl FnOnce() -> V) -> &mut V {
        self.make_room();
        let tick = self.tick;
        let (v, t) = self.map.entry(key).or_insert_with(|| (new(), tick));
        *t = tick;
        v
    }

    /// Ticks the clock; a full cache drops what was not used in the last half of its size.
    fn make_room(&mut self) {
        self.tick += 1;
        if self.map.len() >= MAX_LRU_CACHE_ENTRIES {
            let keep_from = self.tick.saturating_sub(MAX_LRU_CACHE_ENTRIES as u64 / 2);
            self.map.retain(|_, (_, t)| *t >= keep_from);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(c: Correlated) -> (u32, bool, bool) {
        match c {
            Correlated::Write {
                count,
                name,
                combined,
                ..
            } => (count, name.is_some(), combined),
            Correlated::Skip => panic!("skipped"),
        }
    }

    #[test]
    fn identical_events_are_counted_on_the_first() {
        let mut c = Correlator::default();
        let t = |s: i64| Time(s * 1000);
        assert_eq!(
            write(c.correlate(t(0), 0, &["cj"], &["JobAlreadyActive"], "", "m", 1)),
            (1, false, false)
        );
        assert_eq!(
            write(c.correlate(t(60), 0, &["cj"], &["JobAlreadyActive"], "", "m", 2)),
            (2, true, false)
        );
        match c.correlate(t(120), 0, &["cj"], &["JobAlreadyActive"], "", "m", 3) {
            Correlated::Write { first, name, .. } => {
                assert_eq!(first, t(0));
                assert_eq!(name, Some((t(0), 1)));
            }
            Correlated::Skip => panic!(),
        }
        // Another object, another Event.
        assert_eq!(
            write(c.correlate(t(120), 0, &["cj2"], &["JobAlreadyActive"], "", "m", 4)),
            (1, false, false)
        );
    }

    /// events_cache.go: the 10th distinct message within 10 minutes, and every new one after
    /// it, is the one combined Event.
    #[test]
    fn ten_similar_events_are_combined() {
        let mut c = Correlator::default();
        for i in 0..9 {
            let w = write(c.correlate(
                Time(i),
                0,
                &["job"],
                &["SuccessfulCreate"],
                "",
                &format!("Created pod: p{i}"),
                i as u64,
            ));
            assert_eq!(w, (1, false, false));
        }
        assert_eq!(
            write(c.correlate(
                Time(9),
                0,
                &["job"],
                &["SuccessfulCreate"],
                "",
                "Created pod: p9",
                9
            )),
            (1, false, true)
        );
        assert_eq!(
            write(c.correlate(
                Time(10),
                0,
                &["job"],
                &["SuccessfulCreate"],
                "",
                "Created pod: p10",
                10
            )),
            (2, true, true)
        );
        // Ten minutes later it starts afresh.
        assert_eq!(
            write(c.correlate(
                Time(700_000),
                0,
                &["job"],
                &["SuccessfulCreate"],
                "",
                "Created pod: p11",
                11
            )),
            (1, false, false)
        );
    }

    /// A source may write 25 Events about an object, then one every 5 minutes; the dropped
    /// ones still count.
    #[test]
    fn the_spam_filter_lets_25_through_then_one_per_5_minutes() {
        let mut c = Correlator::default();
        for i in 0..25 {
            write(c.correlate(
                Time(i),
                0,
                &["pod"],
                &["BackOff"],
                "",
                "Back-off restarting failed container",
                i as u64,
            ));
        }
        assert_eq!(
            c.correlate(
                Time(30),
                0,
                &["pod"],
                &["BackOff"],
                "",
                "Back-off restarting failed container",
                26
            ),
            Correlated::Skip
        );
        assert_eq!(
            c.correlate(
                Time(200_000),
                0,
                &["pod"],
                &["BackOff"],
                "",
                "Back-off restarting failed container",
                27
            ),
            Correlated::Skip
        );
        assert_eq!(
            write(c.correlate(
                Time(300_100),
                0,
                &["pod"],
                &["BackOff"],
                "",
                "Back-off restarting failed container",
                28
            )),
            (28, true, false)
        );
    }

    #[test]
    fn the_caches_stay_bounded() {
        let mut c = Correlator::default();
        for i in 0..20_000u64 {
            let o = format!("pod-{i}");
            write(c.correlate(Time(i as i64), 0, &[&o], &["Scheduled"], "", "m", i));
        }
        assert!(c.logged.map.len() <= MAX_LRU_CACHE_ENTRIES);
        assert!(c.spam.map.len() <= MAX_LRU_CACHE_ENTRIES);
        assert!(c.similar.map.len() <= MAX_LRU_CACHE_ENTRIES);
    }
}
