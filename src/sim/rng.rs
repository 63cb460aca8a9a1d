//! The one seeded random generator every random choice goes through (SplitMix64: tiny, fast,
//! and the same sequence on every platform, wasm32 included).

#[derive(Clone, Copy, Debug)]
pub struct Rng {
    state: u64,
}

/// `utilrand.String`'s alphabet (k8s.io/apimachinery/pkg/util/rand): no vowels, no look-alikes.
const NAME_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // Lemire's multiply-shift; the tiny bias is irrelevant here.
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// The 5-character suffix `generateName` appends (`names.SimpleNameGenerator`).
    pub fn name_suffix(&mut self) -> String {
        let mut s = String::with_capacity(5);
        self.push_name_suffix(&mut s);
        s
    }

    /// Appends a `name_suffix` to `out` (one allocation less per generated name).
    pub fn push_name_suffix(&mut self, out: &mut String) {
        for _ in 0..5 {
            out.push(NAME_ALPHABET[self.below(NAME_ALPHABET.len() as u64) as usize] as char);
        }
    }

    /// A UUID-shaped uid (version-4 layout), deterministic from the seed:
    /// `{a>>32:08x}-{a>>16:04x}-4{a:03x}-{8|b>>48:04x}-{b:012x}`, written digit by digit (one
    /// per created object; `format!` was a visible share of creating a pod).
    pub fn uid(&mut self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
        let mut s = String::with_capacity(36);
        push_hex(&mut s, a >> 32, 8);
        s.push('-');
        push_hex(&mut s, (a >> 16) & 0xffff, 4);
        s.push_str("-4");
        push_hex(&mut s, a & 0x0fff, 3);
        s.push('-');
        push_hex(&mut s, ((b >> 48) & 0x3fff) | 0x8000, 4);
        s.push('-');
        push_hex(&mut s, b & 0xffff_ffff_ffff, 12);
        s
    }
}

/// `{v:0digits$x}` for a `v` that fits in `digits` hex digits.
fn push_hex(out: &mut String, v: u64, digits: u32) {
    for i in (0..digits).rev() {
        let d = ((v >> (4 * i)) & 0xf) as u8;
        out.push(char::from(if d < 10 { b'0' + d } else { b'a' + d - 10 }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        for _ in 0..100 {
            assert_eq!(a.name_suffix(), b.name_suffix());
        }
        assert_ne!(Rng::new(1).uid(), Rng::new(2).uid());
    }

    #[test]
    fn suffix_alphabet() {
        let mut r = Rng::new(7);
        for _ in 0..1000 {
            let s = r.name_suffix();
            assert_eq!(s.len(), 5);
            assert!(s.bytes().all(|c| NAME_ALPHABET.contains(&c)));
        }
        assert_eq!(Rng::new(3).uid().len(), 36);
    }

    #[test]
    fn uid_matches_its_format() {
        for seed in [0, 1, 42, u64::MAX] {
            let mut r = Rng::new(seed);
            let mut q = Rng::new(seed);
            for _ in 0..100 {
                let (a, b) = (q.next_u64(), q.next_u64());
                let want = format!(
                    "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
                    a >> 32,
                    (a >> 16) & 0xffff,
                    a & 0x0fff,
                    ((b >> 48) & 0x3fff) | 0x8000,
                    b & 0xffff_ffff_ffff
                );
                assert_eq!(r.uid(), want);
            }
        }
    }
}
