//! `resource.Quantity` arithmetic and a pod's total requests and limits
//! (k8s.io/apimachinery/pkg/api/resource, component-helpers `resource.PodRequests`), shared by
//! the scheduler's NodeResourcesFit and `kubectl describe`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Container, PodSpec};

/// How a `resource.Quantity` was written, which decides how sums print (`Quantity.Add` keeps
/// the receiver's format).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum QuantityFormat {
    DecimalSI,
    BinarySI,
    DecimalExponent,
}

/// A `resource.Quantity` in thousandths of the unit (millicores, millibytes), enough for the
/// sums and percentages describe prints.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Quantity {
    pub milli: i128,
    pub format: QuantityFormat,
}

impl Quantity {
    pub const ZERO: Quantity = Quantity {
        milli: 0,
        format: QuantityFormat::DecimalSI,
    };

    pub fn parse(v: &Value) -> Option<Quantity> {
        let s = match v {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            _ => return None,
        };
        let format = if s.ends_with('i') {
            QuantityFormat::BinarySI
        } else if s.contains(['e', 'E']) {
            QuantityFormat::DecimalExponent
        } else {
            QuantityFormat::DecimalSI
        };
        let milli = match exact_milli(&s) {
            Some(m) => m,
            // Beyond i128 thousandths (`1e40`): near enough.
            None => (crate::api::quantity_f64(&s)? * 1000.0).round() as i128,
        };
        Some(Quantity { milli, format })
    }

    /// The quantity as the API server stores it: rounded up to a thousandth
    /// (SetDefaults_ResourceList, pkg/apis/core/v1/defaults.go) and written canonically
    /// (`0.5` → `500m`, `1000M` → `1G`, `0.5Gi` → `512Mi`). None for what is not a quantity.
    pub fn canonical(v: &Value) -> Option<String> {
        // Only what reads exactly: a value past i128 thousandths (`1e308`) stays as written.
        let s = match v {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            _ => return None,
        };
        exact_milli(&s)?;
        Quantity::parse(v).map(Quantity::string)
    }

    pub fn plus(self, other: Quantity) -> Quantity {
        Quantity {
            milli: self.milli + other.milli,
            format: self.format,
        }
    }

    /// `MilliValue()`.
    pub fn milli_value(self) -> i128 {
        self.milli
    }

    /// `Value()`: rounded up to a whole unit.
    pub fn value(self) -> i128 {
        self.milli.div_euclid(1000) + i128::from(self.milli.rem_euclid(1000) != 0)
    }

    /// `Quantity.String()` (`CanonicalizeBytes`): BinarySI picks the largest power of 1024
    /// dividing a whole value of at least 1024 in magnitude; everything else prints as a
    /// mantissa with the largest exponent that is a multiple of 3 keeping it whole.
    pub fn string(self) -> String {
        if self.milli == 0 {
            return "0".into();
        }
        if self.format == QuantityFormat::BinarySI
            && self.milli % 1000 == 0
            && self.milli.abs() >= 1024 * 1000
        {
            let mut v = self.milli / 1000;
            let mut i = 0;
            while i < 6 && v % 1024 == 0 {
                v /= 1024;
                i += 1;
            }
            return format!("{v}{}", ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][i]);
        }
        let mut v = self.milli;
        let mut exp = -3i32;
        while exp < 18 && v % 1000 == 0 {
            v /= 1000;
            exp += 3;
        }
        let suffix = if self.format == QuantityFormat::DecimalExponent {
            if exp == 0 {
                String::new()
            } else {
                format!("e{exp}")
            }
        } else {
            match exp {
                -3 => "m",
                0 => "",
                3 => "k",
                6 => "M",
                9 => "G",
                12 => "T",
                15 => "P",
                _ => "E",
            }
            .to_string()
        };
        format!("{v}{suffix}")
    }
}

/// A quantity's exact value in thousandths, rounded away from zero as `RoundUp(-3)` does
/// (`0.0001` → 1, `0.1` → 100 exactly, where f64 would give 100.00000000000001). None when it
/// does not read or does not fit.
fn exact_milli(s: &str) -> Option<i128> {
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let end = body
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(body.len());
    let (num, suffix) = body.split_at(end);
    let (whole, frac) = num.split_once('.').unwrap_or((num, ""));
    if whole.is_empty() && frac.is_empty() || frac.contains('.') {
        return None;
    }
    let mut mantissa: i128 = 0;
    for d in whole.bytes().chain(frac.bytes()) {
        mantissa = mantissa
            .checked_mul(10)?
            .checked_add(i128::from(d - b'0'))?;
    }
    // value = mantissa × 10^exp10 × 1024^exp2, in thousandths: exp10 + 3.
    let mut exp10 = 3 - i32::try_from(frac.len()).ok()?;
    let mut exp2 = 0u32;
    match suffix {
        "" => {}
        "n" => exp10 -= 9,
        "u" => exp10 -= 6,
        "m" => exp10 -= 3,
        "k" => exp10 += 3,
        "M" => exp10 += 6,
        "G" => exp10 += 9,
        "T" => exp10 += 12,
        "P" => exp10 += 15,
        "E" => exp10 += 18,
        "Ki" => exp2 = 1,
        "Mi" => exp2 = 2,
        "Gi" => exp2 = 3,
        "Ti" => exp2 = 4,
        "Pi" => exp2 = 5,
        "Ei" => exp2 = 6,
        e if e.starts_with(['e', 'E']) => {
            exp10 = exp10.checked_add(e[1..].parse::<i32>().ok()?)?;
        }
        _ => return None,
    }
    let mut v = mantissa.checked_mul(1024i128.checked_pow(exp2)?)?;
    if exp10 >= 0 {
        v = v.checked_mul(10i128.checked_pow(u32::try_from(exp10).ok()?)?)?;
    } else {
        let den = 10i128
            .checked_pow(u32::try_from(exp10.checked_neg()?).ok()?)
            .unwrap_or(i128::MAX);
        v = v / den + i128::from(v % den != 0);
    }
    Some(if neg { -v } else { v })
}

pub type ResourceList = BTreeMap<String, Quantity>;

pub fn resource_list(v: Option<&Value>) -> ResourceList {
    v.and_then(Value::as_object)
        .map(|m| {
            crate::sort::to_map(
                m.iter()
                    .filter_map(|(k, q)| Some((k.clone(), Quantity::parse(q)?))),
            )
        })
        .unwrap_or_default()
}

/// `addResourceList`: a new resource is copied in (keeping its format), others added to.
pub fn add_resource_list(to: &mut ResourceList, from: &ResourceList) {
    for (k, v) in from {
        to.entry(k.clone())
            .and_modify(|cur| *cur = cur.plus(*v))
            .or_insert(*v);
    }
}

/// `maxResourceList`: the larger of each.
pub fn max_resource_list(to: &mut ResourceList, from: &ResourceList) {
    for (k, v) in from {
        match to.get(k) {
            Some(cur) if cur.milli >= v.milli => {}
            _ => {
                to.insert(k.clone(), *v);
            }
        }
    }
}

/// A container's `resources.requests` (as the API server defaults them: a limit stands in for
/// an unset request, `SetDefaults_Pod`) or `resources.limits`.
pub fn container_resources(c: &Container, limits: bool) -> ResourceList {
    let res = c.other.get("resources");
    let lim = resource_list(res.and_then(|r| r.get("limits")));
    if limits {
        return lim;
    }
    let mut req = resource_list(res.and_then(|r| r.get("requests")));
    for (k, v) in lim {
        req.entry(k).or_insert(v);
    }
    req
}

/// Whether any container, the pod level or the overhead names resources at all: the cheap test
/// before summing (most pods request nothing).
pub fn declares_resources(spec: &PodSpec) -> bool {
    spec.containers
        .iter()
        .chain(&spec.init_containers)
        .any(|c| c.other.contains_key("resources"))
        || spec.other.contains_key("resources")
        || spec.other.contains_key("overhead")
}

/// component-helpers `resource.PodRequests` / `PodLimits`: the containers' sum; init containers
/// by their maximum (sidecars, `restartPolicy: Always`, add up and count under the later
/// ones); `spec.overhead` added (to limits only where a limit is set); pod-level
/// `spec.resources` for cpu and memory in place of the aggregate where set.
pub fn pod_resources(spec: &PodSpec, limits: bool) -> ResourceList {
    let mut total = ResourceList::new();
    for c in &spec.containers {
        add_resource_list(&mut total, &container_resources(c, limits));
    }
    let mut sidecars = ResourceList::new();
    let mut init_max = ResourceList::new();
    for c in &spec.init_containers {
        let r = container_resources(c, limits);
        if c.is_restartable_init() {
            add_resource_list(&mut total, &r);
            add_resource_list(&mut sidecars, &r);
            max_resource_list(&mut init_max, &sidecars);
        } else {
            let mut tmp = r;
            add_resource_list(&mut tmp, &sidecars);
            max_resource_list(&mut init_max, &tmp);
        }
    }
    max_resource_list(&mut total, &init_max);
    let overhead = resource_list(spec.other.get("overhead"));
    if limits {
        for (k, v) in &overhead {
            if let Some(cur) = total.get(k).copied() {
                total.insert(k.clone(), cur.plus(*v));
            }
        }
    } else {
        add_resource_list(&mut total, &overhead);
    }
    let pod_level = spec.other.get("resources");
    let key = if limits { "limits" } else { "requests" };
    let mut level = resource_list(pod_level.and_then(|r| r.get(key)));
    if !limits {
        for (k, v) in resource_list(pod_level.and_then(|r| r.get("limits"))) {
            level.entry(k).or_insert(v);
        }
    }
    for name in ["cpu", "memory"] {
        if let Some(q) = level.get(name) {
            let mut q = *q;
            if let Some(o) = overhead.get(name) {
                q = q.plus(*o);
            }
            total.insert(name.to_string(), q);
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value kubectl shows after the API server defaulted it (SetDefaults_ResourceList
    /// rounds up to milli; quantity.go CanonicalizeBytes writes it).
    #[test]
    fn quantities_are_stored_rounded_up_to_milli_and_canonical() {
        for (written, stored) in [
            ("0.5", "500m"),
            ("1.0", "1"),
            ("1000M", "1G"),
            ("0.5Gi", "512Mi"),
            ("1.5Gi", "1536Mi"),
            ("0.0001", "1m"),
            ("0.1", "100m"),
            ("1.5", "1500m"),
            ("1024", "1024"),
            ("1024Ki", "1Mi"),
            ("1000Ki", "1000Ki"),
            ("0.5Ki", "512"),
            ("1e3", "1e3"),
            ("1.5e3", "1500"),
            ("100n", "1m"),
            ("0", "0"),
            ("0Gi", "0"),
            ("128974848", "128974848"),
            ("129e6", "129e6"),
            ("123Mi", "123Mi"),
        ] {
            assert_eq!(
                Quantity::canonical(&Value::String(written.into())).as_deref(),
                Some(stored),
                "{written}"
            );
        }
        assert_eq!(
            Quantity::canonical(&serde_json::json!(1)).as_deref(),
            Some("1")
        );
        assert_eq!(
            Quantity::canonical(&serde_json::json!(0.25)).as_deref(),
            Some("250m")
        );
        assert_eq!(Quantity::canonical(&Value::String("1x".into())), None);
        // Past exact reading: left as written, never a panic.
        assert_eq!(Quantity::canonical(&Value::String("1e308".into())), None);
        assert_eq!(
            Quantity::canonical(&Value::String("0.0001e-2147483648".into())),
            None
        );
        assert_eq!(
            Quantity::canonical(&Value::String("1e2147483647".into())),
            None
        );
    }
}
