//! Share links and page parameters, pure and native-testable (the page in `ui` uses them).
//!
//! A share link carries what is on screen: the editor's YAML, the manifest the cluster was reset
//! from, the recorded actions (scenario entries), the seed, the virtual instant shown, the lesson
//! and its step, the language. It is JSON, compressed with DEFLATE in a zlib wrapper (its
//! Adler-32 checksum catches a mangled link) and written as base64url (no padding) in the URL
//! fragment: `#s=PAYLOAD`. The fragment never reaches a server.
//!
//! Decoding treats the link as untrusted: its length is bounded before anything is decoded, the
//! inflated size is bounded while inflating (a "zip bomb" stops at the limit), and every field is
//! checked after parsing. Any failure is a [`ShareError`], never a panic.
//!
//! Page parameters (`?embed=1&lesson=parallel-job&lang=zh&autoplay=1`, or the same in the
//! fragment) are read by [`Params::from_url`].

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine as _};
use miniz_oxide::inflate::{decompress_to_vec_zlib_with_limit, TINFLStatus};
use serde::{Deserialize, Serialize};

/// The format version written into every link.
pub const VERSION: u32 = 1;
/// The longest payload (base64 characters) accepted or produced.
pub const MAX_ENCODED: usize = 200_000;
/// The most bytes a payload may inflate to.
pub const MAX_INFLATED: usize = 1 << 20;
/// The longest YAML text (editor or run manifest), in bytes.
pub const MAX_TEXT: usize = 256 * 1024;
/// The most recorded actions, and the longest one (an `apply` entry holds its YAML).
pub const MAX_ACTIONS: usize = 2_000;
pub const MAX_ENTRY: usize = 256 * 1024;
/// The latest instant a link may show: one day of virtual time.
pub const MAX_AT_MS: i64 = 24 * 3600 * 1000;
/// The default seed (`SimConfig::default()`).
pub const DEFAULT_SEED: u64 = 42;

/// base64url without padding; decoding also accepts padding.
const B64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

fn default_seed() -> u64 {
    DEFAULT_SEED
}

/// What a share link holds. Short keys keep links short.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    #[serde(rename = "v")]
    pub version: u32,
    /// The editor's text (valid or not).
    #[serde(rename = "t", default)]
    pub text: String,
    /// The manifest the cluster was reset from, when it differs from `text`.
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub run: Option<String>,
    /// Recorded actions, one scenario entry each (`- at: 90s\n  failPod: NAME\n`).
    #[serde(rename = "a", default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<String>,
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// The virtual instant shown, in milliseconds since the start.
    #[serde(rename = "at", default)]
    pub at_ms: i64,
    /// The timeline's end as it was drawn (a run that never ends: where its window had got
    /// to), so the link opens with the same timeline and marks; 0 for none.
    #[serde(rename = "e", default, skip_serializing_if = "is_zero")]
    pub end_ms: i64,
    /// The open lesson (its scenario plays in the cluster).
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<String>,
    /// The lesson page shown (0-based; the challenge is the page after the last step).
    #[serde(rename = "st", default, skip_serializing_if = "Option::is_none")]
    pub step: Option<usize>,
    /// `en` or `zh`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Play speed (virtual seconds per second).
    #[serde(rename = "sp", default, skip_serializing_if = "Option::is_none")]
    pub speed: Option<u32>,
}

impl Default for Shared {
    fn default() -> Self {
        Shared {
            version: VERSION,
            text: String::new(),
            run: None,
            actions: Vec::new(),
            seed: DEFAULT_SEED,
            at_ms: 0,
            end_ms: 0,
            lesson: None,
            step: None,
            lang: None,
            speed: None,
        }
    }
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

/// Why a link could not be read (or written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Empty payload.
    Empty,
    /// Longer than [`MAX_ENCODED`] characters (on encode: the state is too big to share).
    TooLong(usize),
    /// Not base64url (a truncated or mangled link).
    NotBase64,
    /// The compressed data is damaged or cut off.
    Corrupt,
    /// It would inflate to more than [`MAX_INFLATED`] bytes.
    TooBig,
    /// Not the JSON this page writes.
    NotJson(String),
    /// Written by another version of the format.
    Version(u32),
    /// A field outside its limits: which one.
    Field(&'static str),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::Empty => write!(f, "the link holds no state"),
            ShareError::TooLong(n) => write!(f, "{n} characters, more than {MAX_ENCODED}"),
            ShareError::NotBase64 => write!(f, "not base64url: the link is damaged or cut off"),
            ShareError::Corrupt => write!(f, "the compressed state is damaged or cut off"),
            ShareError::TooBig => write!(f, "it inflates to more than {MAX_INFLATED} bytes"),
            ShareError::NotJson(e) => write!(f, "not a CtrlScope state: {e}"),
            ShareError::Version(v) => write!(f, "format version {v}, this page reads {VERSION}"),
            ShareError::Field(name) => write!(f, "the field {name} is out of range"),
        }
    }
}

impl std::error::Error for ShareError {}

/// Checks every field against its limits.
fn validate(s: &Shared) -> Result<(), ShareError> {
    if s.version != VERSION {
        return Err(ShareError::Version(s.version));
    }
    if s.text.len() > MAX_TEXT {
        return Err(ShareError::Field("text"));
    }
    if s.run.as_ref().is_some_and(|r| r.len() > MAX_TEXT) {
        return Err(ShareError::Field("run"));
    }
    if s.actions.len() > MAX_ACTIONS || s.actions.iter().any(|a| a.len() > MAX_ENTRY) {
        return Err(ShareError::Field("actions"));
    }
    if !(0..=MAX_AT_MS).contains(&s.at_ms) {
        return Err(ShareError::Field("at"));
    }
    if let Some(l) = &s.lesson {
        if !is_lesson_id(l) {
            return Err(ShareError::Field("lesson"));
        }
    }
    if s.step.is_some_and(|st| st > 1000) {
        return Err(ShareError::Field("step"));
    }
    if let Some(l) = &s.lang {
        if l != "en" && l != "zh" {
            return Err(ShareError::Field("lang"));
        }
    }
    if s.speed.is_some_and(|sp| sp == 0 || sp > 10_000) {
        return Err(ShareError::Field("speed"));
    }
    Ok(())
}

/// A lesson folder name: `a-z`, `0-9` and `-`, at most 64 characters.
pub fn is_lesson_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The payload for `#s=`: base64url(zlib(JSON)).
pub fn encode(s: &Shared) -> Result<String, ShareError> {
    validate(s)?;
    let json = serde_json::to_vec(s).map_err(|e| ShareError::NotJson(e.to_string()))?;
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&json, 9);
    let out = B64.encode(packed);
    if out.len() > MAX_ENCODED {
        return Err(ShareError::TooLong(out.len()));
    }
    Ok(out)
}

/// Reads a payload (what follows `#s=`). Untrusted input: bounded, checked, never panics.
pub fn decode(payload: &str) -> Result<Shared, ShareError> {
    let p = payload.trim();
    if p.is_empty() {
        return Err(ShareError::Empty);
    }
    if p.len() > MAX_ENCODED {
        return Err(ShareError::TooLong(p.len()));
    }
    let packed = B64.decode(p).map_err(|_| ShareError::NotBase64)?;
    let json =
        decompress_to_vec_zlib_with_limit(&packed, MAX_INFLATED).map_err(|e| match e.status {
            TINFLStatus::HasMoreOutput => ShareError::TooBig,
            _ => ShareError::Corrupt,
        })?;
    let s: Shared = serde_json::from_slice(&json).map_err(|e| {
        let mut m = e.to_string();
        m.truncate(200);
        ShareError::NotJson(m)
    })?;
    validate(&s)?;
    Ok(s)
}

/// The page's parameters, from the query (`?a=b&c=d`) and the fragment (`#a=b&c=d`); the
/// fragment wins where both name the same parameter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    /// `embed=1`: the compact view for an iframe.
    pub embed: bool,
    /// `lesson=ID`: open this lesson.
    pub lesson: Option<String>,
    /// `step=N`: its page, 1-based in the URL (stored 0-based here).
    pub step: Option<usize>,
    /// `lang=en|zh`.
    pub lang: Option<String>,
    /// `autoplay=1`: start playing.
    pub autoplay: bool,
    /// `present=1`: classroom (presenter) mode.
    pub present: bool,
    /// `s=PAYLOAD`: a share link.
    pub share: Option<String>,
    /// `at=1m30s` (a virtual time, at most a day) or `at=run` (the lesson page's "Run to"
    /// time): open with the clock there, so an embedded step shows its moment.
    pub at: Option<OpenAt>,
    /// The page's own parameters whose values could not be used, as typed (`at=2d`): the page
    /// says so instead of opening as if they were not there.
    pub ignored: Vec<String>,
}

/// Where the `at=` parameter puts the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenAt {
    Time(crate::api::Duration),
    /// The lesson page's own `run` time.
    Run,
}

/// A switch's value, in any letter case (`embed=TRUE`, as a course page may write it); None for a
/// value that is neither, named in the notice rather than read as off.
fn flag(v: &str) -> Option<bool> {
    let on = ["", "1", "true", "yes", "on"];
    let off = ["0", "false", "no", "off"];
    if on.iter().any(|w| w.eq_ignore_ascii_case(v)) {
        Some(true)
    } else if off.iter().any(|w| w.eq_ignore_ascii_case(v)) {
        Some(false)
    } else {
        None
    }
}

impl Params {
    /// `search` is `location.search` (with or without `?`), `hash` is `location.hash` (with or
    /// without `#`). Unknown parameters are left alone (a host page may add its own); a
    /// malformed value of one of ours is listed in `ignored`.
    pub fn from_url(search: &str, hash: &str) -> Params {
        let mut p = Params::default();
        for part in [search.trim_start_matches('?'), hash.trim_start_matches('#')] {
            for (k, v) in pairs(part) {
                // false: one of our parameters with a value that cannot be used.
                let used = match k.as_str() {
                    "embed" => flag(&v).map(|on| p.embed = on).is_some(),
                    "autoplay" => flag(&v).map(|on| p.autoplay = on).is_some(),
                    "present" => flag(&v).map(|on| p.present = on).is_some(),
                    // Typed by hand in a course page's link: `Parallel-Job` means parallel-job.
                    "lesson" => {
                        let id = v.to_ascii_lowercase();
                        let ok = is_lesson_id(&id);
                        if ok {
                            p.lesson = Some(id);
                        }
                        ok
                    }
                    "step" => match v.parse::<usize>() {
                        Ok(n) if (1..=1000).contains(&n) => {
                            p.step = Some(n - 1);
                            true
                        }
                        _ => false,
                    },
                    "lang" => {
                        let l = v.to_ascii_lowercase();
                        let lang = ["en", "zh"].into_iter().find(|c| {
                            l == *c || l.strip_prefix(c).is_some_and(|r| r.starts_with('-'))
                        });
                        if let Some(c) = lang {
                            p.lang = Some(c.into());
                        }
                        lang.is_some()
                    }
                    // The payload is base64url: no decoding needed (and none is done).
                    "s" => {
                        p.share = Some(v.clone());
                        true
                    }
                    "at" if v == "run" => {
                        p.at = Some(OpenAt::Run);
                        true
                    }
                    "at" => {
                        let day = crate::api::Duration::from_secs(24 * 3600);
                        match crate::api::parse_duration(&v) {
                            Ok(d) if d >= crate::api::Duration::ZERO && d <= day => {
                                p.at = Some(OpenAt::Time(d));
                                true
                            }
                            _ => false,
                        }
                    }
                    _ => true,
                };
                if !used {
                    p.ignored.push(typed(&k, &v));
                }
            }
        }
        p
    }
}

/// `k=v` as the page repeats it back: at most 40 characters of the value, no control characters.
fn typed(k: &str, v: &str) -> String {
    let mut out = format!("{k}=");
    for (i, c) in v.chars().enumerate() {
        if i == 40 {
            out.push('…');
            break;
        }
        out.push(if c.is_control() { '\u{FFFD}' } else { c });
    }
    out
}

/// The parameters the page reads; a host page's own (`utm_source`…) are left alone.
const KNOWN: [&str; 8] = [
    "embed", "autoplay", "present", "lesson", "step", "lang", "s", "at",
];

/// `a=b&c=d` → the page's own pairs, percent-decoded (`+` is a space), wherever they are
/// among a host page's parameters; at most 32 of them.
fn pairs(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            let k = percent_decode(k);
            KNOWN.contains(&k.as_str()).then(|| (k, percent_decode(v)))
        })
        .take(32)
        .collect()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Shared {
        Shared {
            text: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\n# 中文注释\n".into(),
            run: Some("apiVersion: batch/v1\nkind: Job\n".into()),
            actions: vec!["- at: 30s\n  failPod: \"pi-abcde\"\n".into()],
            seed: u64::MAX,
            at_ms: 70_500,
            lesson: Some("parallel-job".into()),
            step: Some(2),
            lang: Some("zh".into()),
            speed: Some(30),
            ..Default::default()
        }
    }

    #[test]
    fn round_trip() {
        let s = sample();
        let enc = encode(&s).unwrap();
        assert!(enc
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode(&enc).unwrap(), s);
        let minimal = Shared::default();
        assert_eq!(decode(&encode(&minimal).unwrap()).unwrap(), minimal);
    }

    /// Recorded `kubectl label` actions travel as scenario entries, in each form a scenario
    /// accepts (the page writes the `labels:` one), and read back as the same actions.
    #[test]
    fn label_actions_round_trip() {
        use crate::sim::scenario::{parse_scenario, Action};
        let s = Shared {
            actions: vec![
                "- at: 30s\n  labelNode: {name: \"worker-2\", key: \"disktype\", value: \"ssd\"}\n".into(),
                "- at: 2m\n  unlabelNode: {name: \"worker-2\", key: \"disktype\"}\n".into(),
                "- at: 3m\n  labelNode: {name: \"worker-1\", labels: {\"a\": \"1\", \"b\": null}}\n".into(),
                "- at: 4m\n  labelPod: {name: \"pi-x7k2q\", labels: {\"app\": null}}\n".into(),
            ],
            ..sample()
        };
        let back = decode(&encode(&s).unwrap()).unwrap();
        assert_eq!(back, s);
        let actions: Vec<Action> = back
            .actions
            .iter()
            .flat_map(|e| parse_scenario(e, &|_| Err(String::new())).unwrap())
            .map(|t| t.action)
            .collect();
        let label = |name: &str, l: &[(&str, Option<&str>)]| Action::LabelNode {
            name: name.into(),
            labels: l
                .iter()
                .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
                .collect(),
        };
        assert_eq!(
            actions,
            [
                label("worker-2", &[("disktype", Some("ssd"))]),
                label("worker-2", &[("disktype", None)]),
                label("worker-1", &[("a", Some("1")), ("b", None)]),
                Action::LabelPod {
                    name: "pi-x7k2q".into(),
                    labels: [("app".to_string(), None)].into_iter().collect(),
                },
            ]
        );
    }

    #[test]
    fn compresses_yaml() {
        let yaml = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/parallel-job.yaml"
        ))
        .unwrap();
        let s = Shared {
            text: yaml.clone(),
            ..Default::default()
        };
        let enc = encode(&s).unwrap();
        assert!(enc.len() < yaml.len(), "{} vs {}", enc.len(), yaml.len());
    }

    #[test]
    fn garbage_is_an_error_never_a_panic() {
        let good = encode(&sample()).unwrap();
        let mut bad: Vec<String> = vec![
            String::new(),
            "garbage".into(),
            "!!!!".into(),
            "%%%".into(),
            "<script>alert(1)</script>".into(),
            "A".into(),
            "AAAA".into(),
            "a".repeat(MAX_ENCODED + 1),
            B64.encode(b"not deflate at all"),
            B64.encode(miniz_oxide::deflate::compress_to_vec_zlib(b"{\"v\":2}", 6)),
            B64.encode(miniz_oxide::deflate::compress_to_vec_zlib(b"[1,2,3]", 6)),
            B64.encode(miniz_oxide::deflate::compress_to_vec_zlib(
                b"{\"v\":1,\"at\":-5}",
                6,
            )),
            B64.encode(miniz_oxide::deflate::compress_to_vec_zlib(
                b"{\"v\":1,\"l\":\"../../etc\"}",
                6,
            )),
            B64.encode(miniz_oxide::deflate::compress_to_vec_zlib(
                b"{\"v\":1,\"lang\":\"<b>\"}",
                6,
            )),
            B64.encode(miniz_oxide::deflate::compress_to_vec_zlib(
                &[0xff, 0xfe, 0x00],
                6,
            )),
        ];
        // Every truncation of a good link.
        for n in 0..good.len() {
            bad.push(good[..n].to_string());
        }
        // Flipped characters.
        for i in (0..good.len()).step_by(7) {
            let mut b = good.clone().into_bytes();
            b[i] = if b[i] == b'A' { b'B' } else { b'A' };
            bad.push(String::from_utf8(b).unwrap());
        }
        let original = sample();
        for b in &bad {
            // A damaged link is an error (the zlib checksum); if a flipped character only
            // touched unused bits, it decodes to the original.
            if let Ok(s) = decode(b) {
                assert_eq!(s, original, "{b:?}");
            }
        }
        assert!(decode("garbage").is_err());
        assert!(matches!(
            decode(&"a".repeat(MAX_ENCODED + 1)),
            Err(ShareError::TooLong(_))
        ));
    }

    #[test]
    fn a_zip_bomb_stops_at_the_limit() {
        // 64 MiB of spaces inside a JSON string compress to about 64 KiB.
        let mut json = b"{\"v\":1,\"t\":\"".to_vec();
        json.extend(std::iter::repeat_n(b' ', 64 << 20));
        json.extend(b"\"}");
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&json, 9);
        let payload = B64.encode(&packed);
        assert!(payload.len() <= MAX_ENCODED, "{}", payload.len());
        assert_eq!(decode(&payload), Err(ShareError::TooBig));
    }

    #[test]
    fn fields_are_bounded() {
        let big = Shared {
            text: "x".repeat(MAX_TEXT + 1),
            ..Default::default()
        };
        assert_eq!(encode(&big), Err(ShareError::Field("text")));
        let late = Shared {
            at_ms: MAX_AT_MS + 1,
            ..Default::default()
        };
        assert_eq!(encode(&late), Err(ShareError::Field("at")));
        let many = Shared {
            actions: vec![String::new(); MAX_ACTIONS + 1],
            ..Default::default()
        };
        assert_eq!(encode(&many), Err(ShareError::Field("actions")));
    }

    #[test]
    fn params_after_many_of_a_host_page() {
        // 32 tracking parameters first: the lesson after them is still read.
        let mut q: String = (0..32).map(|i| format!("utm{i}=x&")).collect();
        q.push_str("lesson=first-job&step=2");
        let p = Params::from_url(&q, "");
        assert_eq!(p.lesson.as_deref(), Some("first-job"));
        assert_eq!(p.step, Some(1));
        assert!(p.ignored.is_empty());
    }

    #[test]
    fn params_from_query_and_fragment() {
        let p = Params::from_url("?embed=1&lesson=parallel-job&lang=zh&autoplay=1", "");
        assert!(p.embed && p.autoplay && !p.present);
        assert_eq!(p.lesson.as_deref(), Some("parallel-job"));
        assert_eq!(p.lang.as_deref(), Some("zh"));
        let q = Params::from_url("", "#embed=1&lesson=first-job&lang=en-US&step=3");
        assert!(q.embed);
        assert_eq!(q.lesson.as_deref(), Some("first-job"));
        assert_eq!(q.lang.as_deref(), Some("en"));
        assert_eq!(q.step, Some(2));
        // The fragment wins.
        let r = Params::from_url("?lang=en&lesson=a", "#lang=zh");
        assert_eq!(r.lang.as_deref(), Some("zh"));
        assert_eq!(r.lesson.as_deref(), Some("a"));
        let c = Params::from_url("?lesson=Parallel-Job", "");
        assert_eq!(c.lesson.as_deref(), Some("parallel-job"));
        // Garbage is ignored.
        let g = Params::from_url(
            "?lesson=%3Cscript%3E&lang=fr&step=0&step=x&embed=0&%zz=%",
            "#s=abc_-",
        );
        assert_eq!(g.lesson, None);
        assert_eq!(g.lang, None);
        assert_eq!(g.step, None);
        assert!(!g.embed);
        assert_eq!(g.share.as_deref(), Some("abc_-"));
        // ... and named, so the page can say what it did not use; others' parameters are not.
        assert_eq!(
            g.ignored,
            ["lesson=<script>", "lang=fr", "step=0", "step=x"]
        );
        assert!(p.ignored.is_empty() && q.ignored.is_empty() && r.ignored.is_empty());
        // Switches in any letter case; a value that is neither on nor off is named.
        let e = Params::from_url("?embed=TRUE&autoplay=Yes", "#present=2");
        assert!(e.embed && e.autoplay && !e.present);
        assert_eq!(e.ignored, ["present=2"]);
        assert!(!Params::from_url("?embed=Off", "").embed);
        let long = Params::from_url(&format!("?at={}%07&utm_source=x", "9".repeat(50)), "");
        assert_eq!(long.ignored, [format!("at={}…", "9".repeat(40))]);
        assert_eq!(Params::from_url("?at=%07", "").ignored, ["at=\u{FFFD}"]);
        // at=: a virtual time up to a day, or the page's run time; anything else is ignored.
        let at = |q: &str| Params::from_url(q, "").at;
        assert_eq!(
            at("?at=1m30s"),
            Some(OpenAt::Time(crate::api::Duration::from_secs(90)))
        );
        assert_eq!(at("?at=run"), Some(OpenAt::Run));
        for bad in ["?at=-5s", "?at=25h", "?at=soon", "?at="] {
            assert_eq!(at(bad), None, "{bad}");
        }
        assert_eq!(percent_decode("a%20b+c%"), "a b c%");
        assert_eq!(percent_decode("%e4%b8%ad"), "中");
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%4"), "%4");
    }
}
