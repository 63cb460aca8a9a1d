//! One stable sort for the whole crate.
//!
//! `slice::sort_by` is generic over the element and the comparator, so each call site compiles
//! its own copy of the standard library's driftsort (~3 KB of wasm each; 31 copies were ~100 KB,
//! 7 % of the web bundle). [`sort_by`] sorts a permutation of `u32` indices with one
//! non-generic comparator, so the sort itself is compiled once, and then moves the elements into
//! place. The order is the same as `sort_by`'s: stable, and decided by the same comparator.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `v` stably by `cmp`; the same result as `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut perm: Vec<u32> = (0..v.len() as u32).collect();
    sort_indices(&mut perm, &mut |a, b| cmp(&v[a], &v[b]));
    apply(v, &mut perm);
}

/// Sorts `v` stably by a key; the same result as `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably in its natural order; the same result as `v.sort()`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// `iter.collect()` into a `BTreeSet`, without its hidden sort: `FromIterator` for B-trees sorts
/// the input with a stable sort compiled per element type (~4 KB of wasm each); inserting one
/// by one reuses `insert`. Of equal elements the first is kept (`collect()` keeps the last):
/// for plain values like the strings and numbers it is used with, the same set.
pub fn to_set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for x in items {
        set.insert(x);
    }
    set
}

/// `iter.collect()` into a `BTreeMap` (see [`to_set`]); for a repeated key the last value wins,
/// as with `collect()`.
pub fn to_map<K: Ord, V>(items: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in items {
        map.insert(k, v);
    }
    map
}

/// The one instantiation of the standard library's stable sort.
#[inline(never)]
fn sort_indices(perm: &mut [u32], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    perm.sort_by(|&a, &b| cmp(a as usize, b as usize));
}

/// Rearranges `v` so that `v[i]` becomes the old `v[perm[i]]`, following each cycle with swaps.
/// `perm` is used up (entries are marked as done).
fn apply<T>(v: &mut [T], perm: &mut [u32]) {
    const DONE: u32 = u32::MAX;
    for start in 0..perm.len() {
        if perm[start] == DONE {
            continue;
        }
        let mut at = start;
        loop {
            let from = perm[at] as usize;
            perm[at] = DONE;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (no dependency on the simulation's).
    fn numbers(seed: u64, n: usize, modulo: u64) -> Vec<u64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x % modulo
            })
            .collect()
    }

    #[test]
    fn same_order_as_std_stable_sort() {
        for (seed, n, modulo) in [
            (1, 0, 5),
            (2, 1, 5),
            (3, 2, 2),
            (4, 17, 3),
            (5, 100, 10),
            (6, 1000, 1000),
        ] {
            // Pairs (key, original position): ties must keep their original order.
            let v: Vec<(u64, usize)> = numbers(seed, n, modulo).into_iter().zip(0..).collect();
            let mut ours = v.clone();
            let mut std_ = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            std_.sort_by_key(|p| p.0);
            assert_eq!(ours, std_, "seed {seed} n {n}");
        }
    }

    #[test]
    fn sorts_owned_values() {
        let mut v: Vec<String> = ["b", "c", "a", "b"].iter().map(|s| s.to_string()).collect();
        sort(&mut v);
        assert_eq!(v, ["a", "b", "b", "c"]);
        let mut r = vec![3, 1, 2];
        sort_by(&mut r, |a, b| b.cmp(a));
        assert_eq!(r, [3, 2, 1]);
    }
}
