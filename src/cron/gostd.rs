//! Small re-implementations of the Go standard-library functions whose *behaviour or error text*
//! shows through robfig/cron v3 and Kubernetes: `strconv.Atoi`, `strconv.Quote`, `time.quote`,
//! `time.ParseDuration`, `time.LoadLocation` and `strings.ToLower` (as used for month/day names).
//!
//! Every function here is total: no panics, no `unwrap`.

use super::Location;

/// Go `strconv.Atoi` on a 64-bit platform, with Go's error text, e.g.
/// `strconv.Atoi: parsing "x": invalid syntax` or `... value out of range`.
///
/// Source: Go `strconv/atoi.go` (`Atoi` fast path for `len(s) < 19`, otherwise `ParseInt` →
/// `ParseUint`; every error names the original string `s0` and `Func` is rewritten to "Atoi").
pub(crate) fn atoi(s: &str) -> Result<i64, String> {
    let syntax = || format!("strconv.Atoi: parsing {}: invalid syntax", strconv_quote(s));
    let range = || {
        format!(
            "strconv.Atoi: parsing {}: value out of range",
            strconv_quote(s)
        )
    };
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return Err(syntax());
    };
    let (neg, digits) = match first {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() {
        return Err(syntax());
    }
    if b.len() < 19 {
        // Fast path: at most 18 digits cannot overflow an i64.
        let mut n: i64 = 0;
        for &c in digits {
            if !c.is_ascii_digit() {
                return Err(syntax());
            }
            n = n * 10 + i64::from(c - b'0');
        }
        return Ok(if neg { -n } else { n });
    }
    // Slow path (ParseUint semantics: the first bad byte or the first overflow decides).
    const CUTOFF: u64 = u64::MAX / 10 + 1;
    let mut n: u64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return Err(syntax());
        }
        if n >= CUTOFF {
            return Err(range());
        }
        n *= 10;
        let Some(n1) = n.checked_add(u64::from(c - b'0')) else {
            return Err(range());
        };
        n = n1;
    }
    const I64_CUTOFF: u64 = 1 << 63;
    if !neg && n >= I64_CUTOFF {
        return Err(range());
    }
    if neg && n > I64_CUTOFF {
        return Err(range());
    }
    Ok(if neg {
        (n as i64).wrapping_neg()
    } else {
        n as i64
    })
}

/// Go `strconv.Quote` (also what `%q` prints): a double-quoted Go string literal.
///
/// Printable runes are kept; `\a \b \f \n \r \t \v`, other C0/C1 controls, DEL and the non-printing
/// format/separator/private-use code points are escaped as `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
/// Go decides "printable" with the full Unicode tables (`unicode.IsPrint`); this keeps the common
/// cases exact and treats unassigned code points as printable (an approximation).
pub(crate) fn strconv_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if go_is_print(c) => out.push(c),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Approximation of Go `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the
/// ASCII space; not controls, not other spaces, not format characters, not private use.
fn go_is_print(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let u = c as u32;
    let format_or_private = matches!(u,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB
        | 0xFFFE | 0xFFFF | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xE0001 | 0xE0020..=0xE007F);
    !format_or_private
}

/// Go `time.quote` (package time's private quoting for error messages, `time/format.go`):
/// ASCII printable bytes as-is (with `"` and `\` escaped), every byte of a control or non-ASCII
/// character as `\xNN`.
pub(crate) fn time_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if (c as u32) >= 0x80 || c < ' ' {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).as_bytes() {
                out.push_str(&format!("\\x{byte:02x}"));
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// Go `time.ParseDuration`, returning nanoseconds or Go's error text
/// (`time: invalid duration "x"`, `time: missing unit in duration "1"`,
/// `time: unknown unit "x" in duration "1x"`). Source: Go `time/format.go` `ParseDuration`,
/// `leadingInt`, `leadingFraction`, `unitMap`.
pub(crate) fn parse_duration(orig: &str) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration {}", time_quote(orig));
    let mut s = orig;
    let mut d: u64 = 0;
    let mut neg = false;
    if let Some(c) = s.as_bytes().first() {
        if *c == b'-' || *c == b'+' {
            neg = *c == b'-';
            s = &s[1..];
        }
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    const LIMIT: u64 = 1 << 63;
    while !s.is_empty() {
        let b = s.as_bytes();
        if !(b[0] == b'.' || b[0].is_ascii_digit()) {
            return Err(invalid());
        }
        // leadingInt
        let mut v: u64 = 0;
        let mut i = 0;
        while i < b.len() && b[i].is_ascii_digit() {
            if v > LIMIT / 10 {
                return Err(invalid());
            }
            v = v * 10 + u64::from(b[i] - b'0');
            if v > LIMIT {
                return Err(invalid());
            }
            i += 1;
        }
        let pre = i > 0;
        s = &s[i..];
        // leadingFraction
        let mut f: u64 = 0;
        let mut scale: f64 = 1.0;
        let mut post = false;
        if s.as_bytes().first() == Some(&b'.') {
            s = &s[1..];
            let b = s.as_bytes();
            let mut j = 0;
            let mut overflow = false;
            while j < b.len() && b[j].is_ascii_digit() {
                if !overflow {
                    if f > (LIMIT - 1) / 10 {
                        overflow = true;
                    } else {
                        let y = f * 10 + u64::from(b[j] - b'0');
                        if y > LIMIT {
                            overflow = true;
                        } else {
                            f = y;
                            scale *= 10.0;
                        }
                    }
                }
                j += 1;
            }
            post = j > 0;
            s = &s[j..];
        }
        if !pre && !post {
            return Err(invalid());
        }
        // Unit: everything up to the next '.' or digit.
        let b = s.as_bytes();
        let mut k = 0;
        while k < b.len() && !(b[k] == b'.' || b[k].is_ascii_digit()) {
            k += 1;
        }
        if k == 0 {
            return Err(format!(
                "time: missing unit in duration {}",
                time_quote(orig)
            ));
        }
        let u = &s[..k];
        s = &s[k..];
        let unit: u64 = match u {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    time_quote(u),
                    time_quote(orig)
                ))
            }
        };
        if v > LIMIT / unit {
            return Err(invalid());
        }
        v *= unit;
        if f > 0 {
            v += (f as f64 * (unit as f64 / scale)) as u64;
            if v > LIMIT {
                return Err(invalid());
            }
        }
        d = d.wrapping_add(v); // Go's uint64 addition wraps (2^63 + 2^63 = 0), and so do we
        if d > LIMIT {
            return Err(invalid());
        }
    }
    if neg {
        return Ok((d as i64).wrapping_neg());
    }
    if d > LIMIT - 1 {
        return Err(invalid());
    }
    Ok(d as i64)
}

/// Go `time.LoadLocation` as far as its results and error texts go (`time/zoneinfo.go`):
/// `""` and `"UTC"` are UTC, `"Local"` is the local zone, a name containing `..` or starting with
/// `/` or `\` is `time: invalid location name`, anything the IANA database (here: chrono-tz, like
/// Go's embedded `time/tzdata`) lacks is `unknown time zone NAME`.
pub(crate) fn load_location(name: &str) -> Result<Location, String> {
    if name.is_empty() || name == "UTC" {
        return Ok(Location::Zone(crate::tz::Zone::utc()));
    }
    if name == "Local" {
        return Ok(Location::Local);
    }
    if name.contains("..") || name.starts_with('/') || name.starts_with('\\') {
        return Err("time: invalid location name".to_string());
    }
    crate::tz::Zone::from_name(name)
        .map(Location::Zone)
        .ok_or_else(|| format!("unknown time zone {name}"))
}

/// `strings.ToLower(expr)` as robfig's `parseIntOrName` uses it, but only as far as it can produce
/// one of the ASCII month/day names: Go's `unicode.ToLower` maps U+0130 (İ) to `i` and U+212A
/// (Kelvin sign) to `k`; every other non-ASCII rune lowers to a non-ASCII rune, so no name matches.
pub(crate) fn lower_for_names(s: &str) -> Option<String> {
    s.chars()
        .map(|c| match c {
            '\u{130}' => Some('i'),
            '\u{212a}' => Some('k'),
            c if c.is_ascii() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoi_matches_go() {
        assert_eq!(atoi("59"), Ok(59));
        assert_eq!(atoi("+7"), Ok(7));
        assert_eq!(atoi("-3"), Ok(-3));
        assert_eq!(atoi("007"), Ok(7));
        assert_eq!(
            atoi(""),
            Err("strconv.Atoi: parsing \"\": invalid syntax".to_string())
        );
        assert_eq!(
            atoi("+"),
            Err("strconv.Atoi: parsing \"+\": invalid syntax".to_string())
        );
        assert_eq!(
            atoi("mon"),
            Err("strconv.Atoi: parsing \"mon\": invalid syntax".to_string())
        );
        assert_eq!(atoi("9223372036854775807"), Ok(i64::MAX));
        assert_eq!(atoi("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(
            atoi("9223372036854775808"),
            Err("strconv.Atoi: parsing \"9223372036854775808\": value out of range".to_string())
        );
        assert_eq!(
            atoi("99999999999999999999x"),
            Err("strconv.Atoi: parsing \"99999999999999999999x\": value out of range".to_string())
        );
        assert_eq!(
            atoi("1234567890123456789x"),
            Err("strconv.Atoi: parsing \"1234567890123456789x\": invalid syntax".to_string())
        );
    }

    #[test]
    fn quoting() {
        assert_eq!(strconv_quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(strconv_quote("\u{1}"), "\"\\x01\"");
        assert_eq!(strconv_quote("\u{200b}"), "\"\\u200b\"");
        assert_eq!(strconv_quote("日本"), "\"日本\"");
        assert_eq!(time_quote("1µ"), "\"1\\xc2\\xb5\"");
    }

    #[test]
    fn durations_match_go() {
        assert_eq!(parse_duration("1h30m"), Ok(5_400_000_000_000));
        assert_eq!(parse_duration("1.5s"), Ok(1_500_000_000));
        assert_eq!(parse_duration(".5s"), Ok(500_000_000));
        assert_eq!(parse_duration("-2m"), Ok(-120_000_000_000));
        assert_eq!(parse_duration("0"), Ok(0));
        assert_eq!(parse_duration("3\u{b5}s"), Ok(3_000));
        assert_eq!(
            parse_duration(""),
            Err("time: invalid duration \"\"".to_string())
        );
        assert_eq!(
            parse_duration("1"),
            Err("time: missing unit in duration \"1\"".to_string())
        );
        assert_eq!(
            parse_duration("1d"),
            Err("time: unknown unit \"d\" in duration \"1d\"".to_string())
        );
        assert_eq!(
            parse_duration("3000000h"),
            Err("time: invalid duration \"3000000h\"".to_string())
        );
        // Go's uint64 overflow: 2^63 ns + 2^63 ns wraps to 0 and is accepted.
        assert_eq!(
            parse_duration("9223372036854775808ns9223372036854775808ns"),
            Ok(0)
        );
        assert_eq!(
            parse_duration(" 1h"),
            Err("time: invalid duration \" 1h\"".to_string())
        );
    }

    #[test]
    fn locations() {
        assert_eq!(
            load_location(""),
            Ok(Location::Zone(crate::tz::Zone::utc()))
        );
        assert_eq!(load_location("Local"), Ok(Location::Local));
        assert_eq!(
            load_location("Europe/Berlin"),
            Ok(Location::Zone(
                crate::tz::Zone::from_name("Europe/Berlin").unwrap()
            ))
        );
        assert_eq!(
            load_location("Mars/Olympus"),
            Err("unknown time zone Mars/Olympus".to_string())
        );
        assert_eq!(
            load_location("../etc"),
            Err("time: invalid location name".to_string())
        );
        assert_eq!(
            load_location("europe/berlin"),
            Err("unknown time zone europe/berlin".to_string())
        );
    }
}
