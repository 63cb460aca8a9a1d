//! robfig/cron v3 `ParseStandard`, line by line.
//!
//! Source: `github.com/robfig/cron/v3` v3.0.1 `parser.go` (as vendored by Kubernetes under
//! `vendor/github.com/robfig/cron/v3/parser.go`) and `spec.go` (bounds, names, `starBit`),
//! `constantdelay.go` (`Every`). Error texts are robfig's, byte for byte.

use super::gostd;
use super::Location;

/// robfig `spec.go`: "Set the top bit if a star was included in the expression."
pub(crate) const STAR_BIT: u64 = 1 << 63;

/// robfig `spec.go` `bounds`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Bounds {
    pub min: u64,
    pub max: u64,
    pub names: &'static [(&'static str, u64)],
}

pub(crate) const MINUTES: Bounds = Bounds {
    min: 0,
    max: 59,
    names: &[],
};
pub(crate) const HOURS: Bounds = Bounds {
    min: 0,
    max: 23,
    names: &[],
};
pub(crate) const DOM: Bounds = Bounds {
    min: 1,
    max: 31,
    names: &[],
};
pub(crate) const MONTHS: Bounds = Bounds {
    min: 1,
    max: 12,
    names: &[
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ],
};
/// robfig `spec.go`: `dow = bounds{0, 6, ...}` — so 7 is *not* Sunday: `end of range (7) above
/// maximum (6): 7`.
pub(crate) const DOW: Bounds = Bounds {
    min: 0,
    max: 6,
    names: &[
        ("sun", 0),
        ("mon", 1),
        ("tue", 2),
        ("wed", 3),
        ("thu", 4),
        ("fri", 5),
        ("sat", 6),
    ],
};

/// One comma-separated element of a field, as robfig's `getRange` read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Item {
    pub start: u64,
    pub end: u64,
    pub step: u64,
    /// The element began with `*` or `?` (robfig: `lowAndHigh[0] == "*" || lowAndHigh[0] == "?"`).
    pub star: bool,
}

/// A parsed field: robfig's bit set (bit 63 = star bit) plus the elements it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Field {
    pub bits: u64,
    pub items: Vec<Item>,
}

impl Field {
    fn from_item(item: Item, star_bit: bool) -> Field {
        Field {
            bits: get_bits(item.start, item.end, item.step) | if star_bit { STAR_BIT } else { 0 },
            items: vec![item],
        }
    }
    /// robfig `1 << r.min`.
    fn first(b: Bounds) -> Field {
        Field::from_item(
            Item {
                start: b.min,
                end: b.min,
                step: 1,
                star: false,
            },
            false,
        )
    }
    /// robfig `all(r)`: every value plus the star bit.
    fn all(b: Bounds) -> Field {
        Field::from_item(
            Item {
                start: b.min,
                end: b.max,
                step: 1,
                star: true,
            },
            true,
        )
    }
    pub fn has_star(&self) -> bool {
        self.bits & STAR_BIT != 0
    }
    pub fn values(&self) -> impl Iterator<Item = u64> + '_ {
        (0..63u64).filter(move |v| self.bits & (1u64 << v) != 0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fields {
    pub minute: Field,
    pub hour: Field,
    pub dom: Field,
    pub month: Field,
    pub dow: Field,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Body {
    /// A `SpecSchedule` (five fields, or a descriptor such as `@daily`).
    Spec {
        fields: Fields,
        descriptor: Option<&'static str>,
    },
    /// `@every <duration>`: robfig `ConstantDelaySchedule`; `delay_secs` is already clamped to at
    /// least 1 s and truncated to whole seconds (`Every`, constantdelay.go).
    Every { delay_secs: i64 },
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Parsed {
    /// `TZ=`/`CRON_TZ=` prefix: the name as written and the loaded location.
    pub tz: Option<(String, Location)>,
    pub body: Body,
}

/// robfig `Parser.Parse` with the standard options `Minute | Hour | Dom | Month | Dow | Descriptor`.
pub(crate) fn parse(spec_in: &str) -> Result<Parsed, String> {
    // parser.go: `if len(spec) == 0 { return nil, fmt.Errorf("empty spec string") }`
    if spec_in.is_empty() {
        return Err("empty spec string".to_string());
    }
    let mut spec: &str = spec_in;
    let mut tz = None;
    // parser.go: "Extract timezone if present".
    if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
        // `i := strings.Index(spec, " ")`; with no ASCII space robfig evaluates `spec[eq+1 : -1]`,
        // which panics in Go. We cannot panic: report Go's runtime error text instead.
        let Some(i) = spec.find(' ') else {
            return Err("runtime error: slice bounds out of range [:-1]".to_string());
        };
        let eq = spec.find('=').unwrap_or(0);
        let name = spec.get(eq + 1..i).unwrap_or("");
        let loc =
            gostd::load_location(name).map_err(|e| format!("provided bad location {name}: {e}"))?;
        tz = Some((name.to_string(), loc));
        spec = spec[i..].trim();
    }
    // parser.go: "Handle named schedules (descriptors), if configured".
    if spec.starts_with('@') {
        let body = parse_descriptor(spec)?;
        return Ok(Parsed { tz, body });
    }
    // parser.go: `fields := strings.Fields(spec)` then `normalizeFields`: exactly 5 fields for the
    // standard parser; the message prints the Go slice, `[a b c]`.
    let fields: Vec<&str> = spec.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!(
            "expected exactly 5 fields, found {}: [{}]",
            fields.len(),
            fields.join(" ")
        ));
    }
    // The seconds field defaults to "0" (normalizeFields `defaults`); the first error wins, in
    // field order minute, hour, dom, month, dow.
    let minute = get_field(fields[0], MINUTES)?;
    let hour = get_field(fields[1], HOURS)?;
    let dom = get_field(fields[2], DOM)?;
    let month = get_field(fields[3], MONTHS)?;
    let dow = get_field(fields[4], DOW)?;
    Ok(Parsed {
        tz,
        body: Body::Spec {
            fields: Fields {
                minute,
                hour,
                dom,
                month,
                dow,
            },
            descriptor: None,
        },
    })
}

/// robfig `getField`: `strings.FieldsFunc(field, ',')` (empty elements are dropped, so `","`
/// yields no bits at all and no error).
fn get_field(field: &str, r: Bounds) -> Result<Field, String> {
    let mut out = Field {
        bits: 0,
        items: Vec::new(),
    };
    for expr in field.split(',').filter(|e| !e.is_empty()) {
        let (bits, item) = get_range(expr, r)?;
        out.bits |= bits;
        out.items.push(item);
    }
    Ok(out)
}

/// robfig `getRange`: `number | number "-" number [ "/" number ]`, and `*`/`?`.
fn get_range(expr: &str, r: Bounds) -> Result<(u64, Item), String> {
    let range_and_step: Vec<&str> = expr.split('/').collect();
    let low_and_high: Vec<&str> = range_and_step[0].split('-').collect();
    let single_digit = low_and_high.len() == 1;
    let (start, mut end);
    let mut star = false;
    let mut extra = 0u64;
    if low_and_high[0] == "*" || low_and_high[0] == "?" {
        // Note: robfig ignores whatever follows a leading `*` before the slash (`*-5` is `*`).
        start = r.min;
        end = r.max;
        extra = STAR_BIT;
        star = true;
    } else {
        start = parse_int_or_name(low_and_high[0], r)?;
        end = match low_and_high.len() {
            1 => start,
            2 => parse_int_or_name(low_and_high[1], r)?,
            _ => return Err(format!("too many hyphens: {expr}")),
        };
    }
    let step = match range_and_step.len() {
        1 => 1,
        2 => {
            let step = must_parse_int(range_and_step[1])?;
            // "Special handling: "N/step" means "N-max/step"."
            if single_digit {
                end = r.max;
            }
            // `if step > 1 { extra = 0 }`: `*/2` is not a star for the dom/dow rule, `*/1` is.
            if step > 1 {
                extra = 0;
            }
            step
        }
        _ => return Err(format!("too many slashes: {expr}")),
    };
    if start < r.min {
        return Err(format!(
            "beginning of range ({start}) below minimum ({}): {expr}",
            r.min
        ));
    }
    if end > r.max {
        return Err(format!(
            "end of range ({end}) above maximum ({}): {expr}",
            r.max
        ));
    }
    if start > end {
        return Err(format!(
            "beginning of range ({start}) beyond end of range ({end}): {expr}"
        ));
    }
    if step == 0 {
        return Err(format!("step of range should be a positive number: {expr}"));
    }
    Ok((
        get_bits(start, end, step) | extra,
        Item {
            start,
            end,
            step,
            star,
        },
    ))
}

/// robfig `parseIntOrName`: names (case-insensitive) for months and days of week only.
fn parse_int_or_name(expr: &str, r: Bounds) -> Result<u64, String> {
    if !r.names.is_empty() {
        if let Some(lower) = gostd::lower_for_names(expr) {
            if let Some((_, v)) = r.names.iter().find(|(n, _)| *n == lower) {
                return Ok(*v);
            }
        }
    }
    must_parse_int(expr)
}

/// robfig `mustParseInt` (despite the name it returns an error).
fn must_parse_int(expr: &str) -> Result<u64, String> {
    let num = gostd::atoi(expr).map_err(|e| format!("failed to parse int from {expr}: {e}"))?;
    if num < 0 {
        return Err(format!("negative number ({num}) not allowed: {expr}"));
    }
    Ok(num as u64)
}

/// robfig `getBits`. Callers have checked `min <= max <= 59` and `step >= 1`.
pub(crate) fn get_bits(min: u64, max: u64, step: u64) -> u64 {
    let mut bits = 0u64;
    let mut i = min;
    while i <= max && i < 63 {
        bits |= 1 << i;
        match i.checked_add(step.max(1)) {
            Some(n) => i = n,
            None => break,
        }
    }
    bits
}

/// robfig `parseDescriptor`.
fn parse_descriptor(descriptor: &str) -> Result<Body, String> {
    let spec = |name, minute, hour, dom, month, dow| {
        Ok(Body::Spec {
            fields: Fields {
                minute,
                hour,
                dom,
                month,
                dow,
            },
            descriptor: Some(name),
        })
    };
    use Field as F;
    match descriptor {
        "@yearly" => spec(
            "@yearly",
            F::first(MINUTES),
            F::first(HOURS),
            F::first(DOM),
            F::first(MONTHS),
            F::all(DOW),
        ),
        "@annually" => spec(
            "@annually",
            F::first(MINUTES),
            F::first(HOURS),
            F::first(DOM),
            F::first(MONTHS),
            F::all(DOW),
        ),
        "@monthly" => spec(
            "@monthly",
            F::first(MINUTES),
            F::first(HOURS),
            F::first(DOM),
            F::all(MONTHS),
            F::all(DOW),
        ),
        "@weekly" => spec(
            "@weekly",
            F::first(MINUTES),
            F::first(HOURS),
            F::all(DOM),
            F::all(MONTHS),
            F::first(DOW),
        ),
        "@daily" => spec(
            "@daily",
            F::first(MINUTES),
            F::first(HOURS),
            F::all(DOM),
            F::all(MONTHS),
            F::all(DOW),
        ),
        "@midnight" => spec(
            "@midnight",
            F::first(MINUTES),
            F::first(HOURS),
            F::all(DOM),
            F::all(MONTHS),
            F::all(DOW),
        ),
        "@hourly" => spec(
            "@hourly",
            F::first(MINUTES),
            F::all(HOURS),
            F::all(DOM),
            F::all(MONTHS),
            F::all(DOW),
        ),
        _ => {
            const EVERY: &str = "@every ";
            if let Some(rest) = descriptor.strip_prefix(EVERY) {
                let nanos = gostd::parse_duration(rest)
                    .map_err(|e| format!("failed to parse duration {descriptor}: {e}"))?;
                // constantdelay.go `Every`: below one second → one second; drop sub-second part.
                let nanos = nanos.max(1_000_000_000);
                return Ok(Body::Every {
                    delay_secs: nanos / 1_000_000_000,
                });
            }
            Err(format!("unrecognized descriptor: {descriptor}"))
        }
    }
}
