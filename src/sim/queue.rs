//! A work queue like client-go's `workqueue`: a key is queued at most once; `add_after` holds a
//! key until a later virtual instant (AddAfter); `add_rate_limited` after a failed sync, with
//! the per-key exponential back-off of its rate limiter, which `forget` resets.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::api::{Duration, Time};

/// `workqueue.DefaultTypedControllerRateLimiter`'s per-item part (the DaemonSet and CronJob
/// controllers' queues): 5 ms doubling per failure in a row, at most 1000 s
/// (client-go util/workqueue/default_rate_limiters.go).
pub const DEFAULT_FAILURE_BASE: Duration = Duration::from_millis(5);
pub const DEFAULT_FAILURE_MAX: Duration = Duration::from_secs(1000);

#[derive(Clone, Debug, Default)]
pub struct WorkQueue {
    ready: VecDeque<String>,
    queued: BTreeSet<String>,
    /// Delayed keys by due time; a key keeps only its earliest due time (`delayingQueue`).
    waiting: BTreeMap<(Time, u64), String>,
    waiting_due: BTreeMap<String, (Time, u64)>,
    seq: u64,
    /// Failed syncs in a row per key (ItemExponentialFailureRateLimiter `failures`).
    failures: BTreeMap<String, u32>,
}

impl WorkQueue {
    /// Whether the key was queued by this call (false: it already waits, and one entry serves
    /// both: the queue's dedup).
    pub fn add(&mut self, key: &str) -> bool {
        let new = self.queued.insert(key.to_string());
        if new {
            self.ready.push_back(key.to_string());
        }
        new
    }

    /// Returns true when this call set (or moved earlier) the key's due time.
    pub fn add_after(&mut self, key: &str, at: Time) -> bool {
        if let Some(&(due, seq)) = self.waiting_due.get(key) {
            if due <= at {
                return false;
            }
            self.waiting.remove(&(due, seq));
        }
        self.seq += 1;
        self.waiting.insert((at, self.seq), key.to_string());
        self.waiting_due.insert(key.to_string(), (at, self.seq));
        true
    }

    /// `AddRateLimited` after a failed sync: the key comes back after `base × 2^failures`
    /// (at most `max`), the failures counted per key until `forget`. Returns the delay when
    /// this call set the key's due time.
    pub fn add_rate_limited(
        &mut self,
        key: &str,
        now: Time,
        base: Duration,
        max: Duration,
    ) -> Option<Duration> {
        let delay = self.rate_limited_delay(key, base, max);
        *self.failures.entry(key.to_string()).or_insert(0) += 1;
        self.add_after(key, now + delay).then_some(delay)
    }

    /// The back-off the key's next `add_rate_limited` gets: `base × 2^failures`, at most `max`.
    pub fn rate_limited_delay(&self, key: &str, base: Duration, max: Duration) -> Duration {
        let failures = self.failures.get(key).copied().unwrap_or(0);
        let factor = 1i64.checked_shl(failures.min(62)).unwrap_or(i64::MAX);
        Duration(base.0.saturating_mul(factor).min(max.0))
    }

    /// `Forget`: a clean sync resets the key's failures.
    pub fn forget(&mut self, key: &str) {
        self.failures.remove(key);
    }

    /// Moves every delayed key due at or before `now` into the ready queue.
    pub fn promote(&mut self, now: Time) {
        while let Some(entry) = self.waiting.first_entry() {
            if entry.key().0 > now {
                break;
            }
            let key = entry.remove();
            self.waiting_due.remove(&key);
            self.add(&key);
        }
    }

    pub fn pop(&mut self) -> Option<String> {
        let key = self.ready.pop_front()?;
        self.queued.remove(&key);
        Some(key)
    }

    pub fn next_due(&self) -> Option<Time> {
        self.waiting.keys().next().map(|(t, _)| *t)
    }

    pub fn has_ready(&self) -> bool {
        !self.ready.is_empty()
    }

    pub fn len(&self) -> usize {
        self.ready.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ready.is_empty()
    }

    /// When `key` waits in the delay heap, its due time.
    pub fn due(&self, key: &str) -> Option<Time> {
        self.waiting_due.get(key).map(|(t, _)| *t)
    }

    /// Keys ready now, in order (for the UI's queue view).
    pub fn ready_keys(&self) -> impl Iterator<Item = &str> {
        self.ready.iter().map(String::as_str)
    }

    /// Delayed keys with their due times.
    pub fn waiting_keys(&self) -> impl Iterator<Item = (Time, &str)> {
        self.waiting.iter().map(|((t, _), k)| (*t, k.as_str()))
    }

    /// Forgets everything (a controller restart loses its in-memory queue).
    pub fn clear(&mut self) {
        *self = WorkQueue::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedupes_and_delays() {
        let mut q = WorkQueue::default();
        q.add("a");
        q.add("a");
        assert!(q.add_after("b", Time(5000)));
        assert!(!q.add_after("b", Time(9000)));
        assert!(q.add_after("b", Time(2000)));
        assert_eq!(q.pop().as_deref(), Some("a"));
        assert_eq!(q.pop(), None);
        assert_eq!(q.next_due(), Some(Time(2000)));
        q.promote(Time(2000));
        assert_eq!(q.pop().as_deref(), Some("b"));
        assert_eq!(q.next_due(), None);
    }

    #[test]
    fn rate_limited_adds_back_off_per_key_until_forgotten() {
        let mut q = WorkQueue::default();
        let (base, max) = (DEFAULT_FAILURE_BASE, DEFAULT_FAILURE_MAX);
        let mut delays = Vec::new();
        for _ in 0..3 {
            delays.push(q.add_rate_limited("a", Time(0), base, max));
            q.promote(Time(1_000_000));
            q.pop();
        }
        let ms = |d: i64| Some(Duration::from_millis(d));
        assert_eq!(delays, [ms(5), ms(10), ms(20)]);
        for _ in 0..40 {
            q.add_rate_limited("a", Time(0), base, max);
            q.promote(Time(i64::MAX / 2));
            q.pop();
        }
        assert_eq!(q.add_rate_limited("a", Time(0), base, max), Some(max));
        q.forget("a");
        assert_eq!(q.add_rate_limited("b", Time(0), base, max), ms(5));
        q.promote(Time(i64::MAX / 2));
        q.pop();
        q.pop();
        assert_eq!(q.add_rate_limited("a", Time(0), base, max), ms(5));
    }
}
