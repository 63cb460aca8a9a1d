//! Human descriptions of a schedule, in the manner of crontab.guru, in English and Chinese.
//!
//! The words follow robfig's semantics, not the text: `*/1` and `?` read as `*`; a step larger than
//! its range reads as its single value; when both day fields are restricted (no star bit) the days
//! are joined with "or" (robfig `dayMatches`, as crontab.guru and Kubernetes do).

use super::parse::{self, Body, Bounds, Field, Fields, DOM, DOW, HOURS, MINUTES, MONTHS};

/// Language of [`describe`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Zh,
}

/// Describes a schedule in words, e.g. `0 3 * * 1-5` → "at 03:00 on every day-of-week from Monday
/// through Friday" / "在周一至周五的 03:00". Deterministic; `Err` is robfig's parse error.
pub fn describe(expr: &str, lang: Lang) -> Result<String, String> {
    let parsed = parse::parse(expr)?;
    let text = match &parsed.body {
        Body::Every { delay_secs } => every(*delay_secs, lang),
        Body::Spec {
            descriptor: Some(d),
            ..
        } => descriptor(d, lang),
        Body::Spec {
            fields,
            descriptor: None,
        } => spec(fields, lang),
    };
    Ok(match (&parsed.tz, lang) {
        (None, _) => text,
        (Some((name, _)), lang) => {
            let name = if name.is_empty() {
                "UTC"
            } else {
                name.as_str()
            };
            match lang {
                Lang::En => format!("{text} (time zone {name})"),
                Lang::Zh => zh_space(&format!("{text}（时区{name}）")),
            }
        }
    })
}

/// A field element, normalised by what it selects.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Part {
    Star,
    StarStep(u64),
    Single(u64),
    Range(u64, u64),
    RangeStep(u64, u64, u64),
}

impl Part {
    fn values(self, b: Bounds) -> Vec<u64> {
        let (a, z, n) = match self {
            Part::Star => (b.min, b.max, 1),
            Part::StarStep(n) => (b.min, b.max, n),
            Part::Single(v) => (v, v, 1),
            Part::Range(a, z) => (a, z, 1),
            Part::RangeStep(a, z, n) => (a, z, n),
        };
        let mut out = Vec::new();
        let mut v = a;
        while v <= z && out.len() < 64 {
            out.push(v);
            match v.checked_add(n.max(1)) {
                Some(next) => v = next,
                None => break,
            }
        }
        out
    }
}

fn parts(field: &Field, b: Bounds) -> Vec<Part> {
    if field.has_star() {
        return vec![Part::Star];
    }
    field
        .items
        .iter()
        .map(|it| {
            let (start, end) = if it.star {
                (b.min, b.max)
            } else {
                (it.start, it.end)
            };
            if start == end || start.saturating_add(it.step) > end {
                Part::Single(start)
            } else if it.star {
                Part::StarStep(it.step)
            } else if it.step <= 1 {
                Part::Range(start, end)
            } else {
                Part::RangeStep(start, end, it.step)
            }
        })
        .collect()
}

fn all_single(p: &[Part]) -> bool {
    !p.is_empty() && p.iter().all(|x| matches!(x, Part::Single(_)))
}

fn is_star(p: &[Part]) -> bool {
    p == [Part::Star]
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DOW_EN: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const DOW_ZH: [&str; 7] = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Minute,
    Hour,
    Dom,
    Month,
    Dow,
}

impl Unit {
    fn bounds(self) -> Bounds {
        match self {
            Unit::Minute => MINUTES,
            Unit::Hour => HOURS,
            Unit::Dom => DOM,
            Unit::Month => MONTHS,
            Unit::Dow => DOW,
        }
    }
    fn en(self) -> &'static str {
        match self {
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::Dom => "day-of-month",
            Unit::Month => "month",
            Unit::Dow => "day-of-week",
        }
    }
    fn en_value(self, v: u64) -> String {
        let name = match self {
            Unit::Month => usize::try_from(v.wrapping_sub(1))
                .ok()
                .and_then(|i| MONTHS_EN.get(i)),
            Unit::Dow => usize::try_from(v).ok().and_then(|i| DOW_EN.get(i)),
            _ => None,
        };
        name.map_or_else(|| v.to_string(), |n| (*n).to_string())
    }
    fn zh_value(self, v: u64) -> String {
        match self {
            Unit::Minute => format!("第{v}分钟"),
            Unit::Hour => format!("{v}点"),
            Unit::Dom => format!("{v}日"),
            Unit::Month => format!("{v}月"),
            Unit::Dow => usize::try_from(v)
                .ok()
                .and_then(|i| DOW_ZH.get(i))
                .map_or_else(|| v.to_string(), |n| (*n).to_string()),
        }
    }
}

fn ordinal(n: u64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "a", "a and b", "a, b, and c".
fn en_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// "a", "a和b", "a、b和c" (spacing is added by [`zh_space`]).
fn zh_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [init @ .., last] => format!("{}和{last}", init.join("、")),
    }
}

fn en_part(p: Part, u: Unit) -> String {
    match p {
        Part::Star => format!("every {}", u.en()),
        Part::StarStep(n) => format!("every {} {}", ordinal(n), u.en()),
        Part::Single(v) => u.en_value(v),
        Part::Range(a, z) => format!(
            "every {} from {} through {}",
            u.en(),
            u.en_value(a),
            u.en_value(z)
        ),
        Part::RangeStep(a, z, n) => format!(
            "every {} {} from {} through {}",
            ordinal(n),
            u.en(),
            u.en_value(a),
            u.en_value(z)
        ),
    }
}

/// crontab.guru style: "minute 5 and 10", "every 2nd hour from 0 through 20", "Monday and Friday".
/// A run of single numbers is introduced by its unit once: "minute 5 and 10", but
/// "every 2nd minute from 52 through 59 and minute 14".
fn en_field(p: &[Part], u: Unit) -> String {
    let numeric = matches!(u, Unit::Minute | Unit::Hour | Unit::Dom);
    let items: Vec<String> = p
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let text = en_part(*x, u);
            let run_start = i == 0 || !matches!(p[i - 1], Part::Single(_));
            if numeric && run_start && matches!(x, Part::Single(_)) {
                format!("{} {text}", u.en())
            } else {
                text
            }
        })
        .collect();
    en_list(&items)
}

fn zh_part(p: Part, u: Unit) -> String {
    let b = u.bounds();
    match (u, p) {
        (Unit::Dow, Part::StarStep(_) | Part::RangeStep(..)) => zh_list(
            &p.values(b)
                .into_iter()
                .map(|v| u.zh_value(v))
                .collect::<Vec<_>>(),
        ),
        (_, Part::Single(v)) => u.zh_value(v),
        (Unit::Minute, Part::Star) => "每分钟".into(),
        (Unit::Minute, Part::StarStep(n)) => format!("每{n}分钟"),
        (Unit::Minute, Part::Range(a, z)) => format!("第{a}至{z}分钟的每分钟"),
        (Unit::Minute, Part::RangeStep(a, z, n)) => format!("第{a}至{z}分钟之间每{n}分钟"),
        (Unit::Hour, Part::Star) => "每小时".into(),
        (Unit::Hour, Part::StarStep(n)) => format!("从0点起每{n}小时"),
        // robfig's `9-17` takes the whole of 17 o'clock: 17:59 is in it.
        (Unit::Hour, Part::Range(a, z)) => format!("{a}:00至{z}:59之间每小时"),
        (Unit::Hour, Part::RangeStep(a, z, n)) => format!("{a}点至{z}点之间每{n}小时"),
        (Unit::Dom, Part::Star) | (Unit::Dow, Part::Star) => "每天".into(),
        (Unit::Dom, Part::StarStep(n)) => format!("从1日起每{n}天"),
        (Unit::Dom, Part::Range(a, z)) => format!("{a}日至{z}日"),
        (Unit::Dom, Part::RangeStep(a, z, n)) => format!("{a}日至{z}日之间每{n}天"),
        (Unit::Month, Part::Star) => "每月".into(),
        (Unit::Month, Part::StarStep(n)) => format!("从1月起每{n}个月"),
        (Unit::Month, Part::Range(a, z)) => format!("{a}月至{z}月"),
        (Unit::Month, Part::RangeStep(a, z, n)) => format!("{a}月至{z}月之间每{n}个月"),
        (Unit::Dow, Part::Range(a, z)) => format!("{}至{}", u.zh_value(a), u.zh_value(z)),
    }
}

fn zh_field(p: &[Part], u: Unit) -> String {
    if u == Unit::Minute && all_single(p) {
        // "第5、10和15分钟" rather than "第5分钟、第10分钟和第15分钟".
        let nums: Vec<String> = p
            .iter()
            .filter_map(|x| match x {
                Part::Single(v) => Some(v.to_string()),
                _ => None,
            })
            .collect();
        return format!("第{}分钟", zh_list(&nums));
    }
    zh_list(&p.iter().map(|x| zh_part(*x, u)).collect::<Vec<_>>())
}

/// Inserts a space between an ASCII letter/digit and a CJK ideograph (either order), the usual
/// Chinese typography for mixed text: "在周一至周五的 03:00", "每 15 分钟".
fn zh_space(s: &str) -> String {
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let ascii = |c: char| c.is_ascii_alphanumeric();
    let mut out = String::with_capacity(s.len() + 16);
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if let Some(p) = prev {
            if (ascii(p) && cjk(c)) || (cjk(p) && ascii(c)) {
                out.push(' ');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Clock times "HH:MM" when minute and hour are a few single values.
fn clock_times(minute: &Field, hour: &Field, pm: &[Part], ph: &[Part]) -> Option<Vec<String>> {
    if !all_single(pm) || !all_single(ph) {
        return None;
    }
    let ms: Vec<u64> = minute.values().collect();
    let hs: Vec<u64> = hour.values().collect();
    if ms.is_empty() || hs.is_empty() || ms.len() * hs.len() > 6 {
        return None;
    }
    Some(
        hs.iter()
            .flat_map(|h| ms.iter().map(move |m| format!("{h:02}:{m:02}")))
            .collect(),
    )
}

struct Days {
    dom: Option<Vec<Part>>,
    dow: Option<Vec<Part>>,
}

/// Which day phrases apply (robfig `dayMatches`); None = the schedule can never fire.
fn days(f: &Fields) -> Option<Days> {
    let dom = parts(&f.dom, DOM);
    let dow = parts(&f.dow, DOW);
    if f.dom.has_star() || f.dow.has_star() {
        // AND: a starred field adds nothing; an empty one (e.g. ",") never matches.
        let pick = |field: &Field, p: Vec<Part>| {
            if field.has_star() {
                Some(None)
            } else if p.is_empty() {
                None
            } else {
                Some(Some(p))
            }
        };
        Some(Days {
            dom: pick(&f.dom, dom)?,
            dow: pick(&f.dow, dow)?,
        })
    } else {
        // OR: an empty field adds nothing; both empty never match.
        if dom.is_empty() && dow.is_empty() {
            return None;
        }
        let keep = |p: Vec<Part>| if p.is_empty() { None } else { Some(p) };
        Some(Days {
            dom: keep(dom),
            dow: keep(dow),
        })
    }
}

fn never(lang: Lang, field: &str) -> String {
    match lang {
        Lang::En => format!("never (the {field} field selects no value)"),
        Lang::Zh => format!("永不触发（{field}字段没有选中任何值）"),
    }
}

fn spec(f: &Fields, lang: Lang) -> String {
    let pm = parts(&f.minute, MINUTES);
    let ph = parts(&f.hour, HOURS);
    let pmo = parts(&f.month, MONTHS);
    for (p, en, zh) in [
        (&pm, "minute", "分钟"),
        (&ph, "hour", "小时"),
        (&pmo, "month", "月份"),
    ] {
        if p.is_empty() {
            return never(lang, if lang == Lang::En { en } else { zh });
        }
    }
    let Some(d) = days(f) else {
        return never(
            lang,
            if lang == Lang::En {
                "day-of-month/day-of-week"
            } else {
                "日期/星期"
            },
        );
    };
    let month = if is_star(&pmo) { None } else { Some(pmo) };
    let clock = clock_times(&f.minute, &f.hour, &pm, &ph);
    match lang {
        Lang::En => spec_en(&pm, &ph, clock, &d, month.as_deref()),
        Lang::Zh => zh_space(&spec_zh(&pm, &ph, clock, &d, month.as_deref())),
    }
}

fn spec_en(
    pm: &[Part],
    ph: &[Part],
    clock: Option<Vec<String>>,
    d: &Days,
    month: Option<&[Part]>,
) -> String {
    let mut s = match clock {
        Some(times) => format!("at {}", en_list(&times)),
        None => {
            let m = en_field(pm, Unit::Minute);
            let mut s = if m.starts_with("every") {
                m
            } else {
                format!("at {m}")
            };
            if !is_star(ph) {
                s.push_str(" past ");
                s.push_str(&en_field(ph, Unit::Hour));
            }
            s
        }
    };
    match (&d.dom, &d.dow) {
        (Some(dom), Some(dow)) => s.push_str(&format!(
            " on {} or on {}",
            en_field(dom, Unit::Dom),
            en_field(dow, Unit::Dow)
        )),
        (Some(dom), None) => s.push_str(&format!(" on {}", en_field(dom, Unit::Dom))),
        (None, Some(dow)) => s.push_str(&format!(" on {}", en_field(dow, Unit::Dow))),
        (None, None) => {}
    }
    if let Some(mo) = month {
        s.push_str(&format!(" in {}", en_field(mo, Unit::Month)));
    }
    s
}

fn spec_zh(
    pm: &[Part],
    ph: &[Part],
    clock: Option<Vec<String>>,
    d: &Days,
    month: Option<&[Part]>,
) -> String {
    let is_clock = clock.is_some();
    let time = match clock {
        Some(times) => zh_list(&times),
        None => {
            let m = zh_field(pm, Unit::Minute);
            if is_star(ph) {
                if m.starts_with('每') {
                    m
                } else {
                    format!("每小时的{m}")
                }
            } else if let (true, [Part::Range(a, z)]) = (m.starts_with('每'), ph) {
                // "9:00至17:59之间，每5分钟", not "…之间每小时的每5分钟".
                format!("{a}:00至{z}:59之间，{m}")
            } else {
                format!("{}的{m}", zh_field(ph, Unit::Hour))
            }
        }
    };
    let hour_range = !is_clock && matches!(ph, [Part::Range(..)]);
    let stepped = |p: &Part| matches!(p, Part::StarStep(_) | Part::RangeStep(..));
    let month_step = month.is_some_and(|m| m.iter().any(stepped));
    let dom = d.dom.as_deref().map(|p| zh_field(p, Unit::Dom));
    let dow = d.dow.as_deref().map(|p| zh_field(p, Unit::Dow));
    let mo = month.map(|p| zh_field(p, Unit::Month));
    let single_month = matches!(month, Some([Part::Single(_)]));
    let single_days = d.dom.as_deref().is_some_and(all_single);
    let day_desc = match (mo, dom, dow) {
        // "1月至6月每天12:00"; "从1月起每3个月，每天00:00"; "1月至6月，每5分钟".
        (Some(m), None, None) if time.starts_with('每') => return format!("{m}，{time}"),
        (Some(m), None, None) if month_step => return format!("{m}，每天{time}"),
        (Some(m), None, None) => return format!("{m}每天{time}"),
        // "从1月起每3个月，当月1日00:00".
        (Some(m), Some(dm), None) if month_step => return format!("{m}，当月{dm}{time}"),
        (None, None, None) => None,
        (None, Some(dm), None) => Some(format!("每月{dm}")),
        (None, None, Some(w)) => Some(w),
        (None, Some(dm), Some(w)) => Some(format!("每月{dm}或{w}")),
        (Some(m), Some(dm), None) if single_month && single_days => Some(format!("{m}{dm}")),
        (Some(m), Some(dm), None) => Some(format!("{m}的{dm}")),
        (Some(m), None, Some(w)) => Some(format!("{m}的{w}")),
        (Some(m), Some(dm), Some(w)) => Some(format!("{m}的{dm}或{w}")),
    };
    match day_desc {
        // "周一至周五9:00至17:59之间，每5分钟".
        Some(dd) if hour_range => format!("{dd}{time}"),
        Some(dd) => format!("在{dd}的{time}"),
        None if is_clock || !is_star(ph) => format!("每天{time}"),
        None => time,
    }
}

fn descriptor(d: &str, lang: Lang) -> String {
    let (en, zh) = match d {
        "@yearly" | "@annually" => (
            "once a year, at 00:00 on day-of-month 1 in January",
            "每年一次，在1月1日的00:00",
        ),
        "@monthly" => (
            "once a month, at 00:00 on day-of-month 1",
            "每月一次，在每月1日的00:00",
        ),
        "@weekly" => ("once a week, at 00:00 on Sunday", "每周一次，在周日的00:00"),
        "@hourly" => ("once an hour, at minute 0", "每小时一次，在第0分钟"),
        _ => ("once a day, at 00:00", "每天一次，在00:00"), // @daily, @midnight
    };
    match lang {
        Lang::En => en.to_string(),
        Lang::Zh => zh_space(zh),
    }
}

fn every(delay_secs: i64, lang: Lang) -> String {
    let (h, m, s) = (delay_secs / 3600, delay_secs % 3600 / 60, delay_secs % 60);
    match lang {
        Lang::En => {
            let units = [(h, "hour"), (m, "minute"), (s, "second")];
            let nonzero: Vec<(i64, &str)> = units.into_iter().filter(|(n, _)| *n > 0).collect();
            let what = match nonzero.as_slice() {
                [(1, u)] => (*u).to_string(),
                _ => en_list(
                    &nonzero
                        .iter()
                        .map(|(n, u)| format!("{n} {u}{}", if *n == 1 { "" } else { "s" }))
                        .collect::<Vec<_>>(),
                ),
            };
            format!("every {what}, counted from the previous scheduled time")
        }
        Lang::Zh => {
            let mut what = String::new();
            for (n, u) in [(h, "小时"), (m, "分钟"), (s, "秒")] {
                if n > 0 {
                    what.push_str(&format!("{n}{u}"));
                }
            }
            zh_space(&format!("每隔{what}，从上一次计划时间起算"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(e: &str) -> String {
        describe(e, Lang::En).unwrap_or_else(|err| format!("ERR {err}"))
    }
    fn zh(e: &str) -> String {
        describe(e, Lang::Zh).unwrap_or_else(|err| format!("ERR {err}"))
    }

    #[test]
    fn every_minute() {
        assert_eq!(en("*/1 * * * *"), "every minute");
        assert_eq!(zh("*/1 * * * *"), "每分钟");
        assert_eq!(en("* * * * *"), "every minute");
        assert_eq!(en("? * * * ?"), "every minute");
    }

    #[test]
    fn weekdays_at_three() {
        assert_eq!(
            en("0 3 * * 1-5"),
            "at 03:00 on every day-of-week from Monday through Friday"
        );
        assert_eq!(zh("0 3 * * 1-5"), "在周一至周五的 03:00");
        assert_eq!(
            en("0 22 * * 1-5"),
            "at 22:00 on every day-of-week from Monday through Friday"
        );
        assert_eq!(zh("0 22 * * MON-FRI"), "在周一至周五的 22:00");
    }

    #[test]
    fn minute_steps() {
        assert_eq!(en("*/15 * * * *"), "every 15th minute");
        assert_eq!(zh("*/15 * * * *"), "每 15 分钟");
        assert_eq!(en("5/15 * * * *"), "every 15th minute from 5 through 59");
        assert_eq!(
            en("10-50/10 * * * *"),
            "every 10th minute from 10 through 50"
        );
        assert_eq!(
            zh("10-50/10 * * * *"),
            "每小时的第 10 至 50 分钟之间每 10 分钟"
        );
        assert_eq!(en("*/61 * * * *"), "at minute 0");
        assert_eq!(en("*/2 * * * *"), "every 2nd minute");
        assert_eq!(en("*/3 * * * *"), "every 3rd minute");
        assert_eq!(en("*/11 * * * *"), "every 11th minute");
        assert_eq!(en("*/21 * * * *"), "every 21st minute");
    }

    #[test]
    fn day_of_month() {
        assert_eq!(en("0 0 1 * *"), "at 00:00 on day-of-month 1");
        assert_eq!(zh("0 0 1 * *"), "在每月 1 日的 00:00");
        assert_eq!(en("0 0 1,15 * *"), "at 00:00 on day-of-month 1 and 15");
        assert_eq!(
            en("0 4 8-14 * *"),
            "at 04:00 on every day-of-month from 8 through 14"
        );
        assert_eq!(en("0 0 */2 * *"), "at 00:00 on every 2nd day-of-month");
    }

    #[test]
    fn named_days_and_months() {
        assert_eq!(en("5 4 * * sun"), "at 04:05 on Sunday");
        assert_eq!(zh("5 4 * * sun"), "在周日的 04:05");
        assert_eq!(
            en("0 0 * * 1,3,5"),
            "at 00:00 on Monday, Wednesday, and Friday"
        );
        assert_eq!(zh("0 0 * * 1,3,5"), "在周一、周三和周五的 00:00");
        assert_eq!(en("5 0 * 8 *"), "at 00:05 in August");
        assert_eq!(zh("5 0 * 8 *"), "8 月每天 00:05");
        assert_eq!(en("0 0 1 1 *"), "at 00:00 on day-of-month 1 in January");
        assert_eq!(zh("0 0 1 jan *"), "在 1 月 1 日的 00:00");
        assert_eq!(zh("45 0 8 mar,oct *"), "在 3 月和 10 月的 8 日的 00:45");
        assert_eq!(
            en("14,52/2 * * * *"),
            "at minute 14 and every 2nd minute from 52 through 59"
        );
        assert_eq!(
            en("52/2,14 * * * *"),
            "every 2nd minute from 52 through 59 and minute 14"
        );
        assert_eq!(
            en("0 0 1 1-3 *"),
            "at 00:00 on day-of-month 1 in every month from January through March"
        );
        assert_eq!(zh("0 0 * * */2"), "在周日、周二、周四和周六的 00:00");
    }

    #[test]
    fn hour_steps() {
        assert_eq!(
            en("23 0-20/2 * * *"),
            "at minute 23 past every 2nd hour from 0 through 20"
        );
        assert_eq!(
            zh("23 0-20/2 * * *"),
            "每天 0 点至 20 点之间每 2 小时的第 23 分钟"
        );
        assert_eq!(en("0 */2 * * *"), "at minute 0 past every 2nd hour");
        assert_eq!(zh("0 */2 * * *"), "每天从 0 点起每 2 小时的第 0 分钟");
        // robfig's `9-17` includes 17:00-17:59.
        assert_eq!(
            zh("*/5 9-17 * * 1-5"),
            "周一至周五 9:00 至 17:59 之间，每 5 分钟"
        );
        assert_eq!(zh("*/5 9-17 * * *"), "每天 9:00 至 17:59 之间，每 5 分钟");
        assert_eq!(
            zh("5 9-17 * * *"),
            "每天 9:00 至 17:59 之间每小时的第 5 分钟"
        );
        assert_eq!(en("* 3 * * *"), "every minute past hour 3");
        assert_eq!(zh("* 3 * * *"), "每天 3 点的每分钟");
        assert_eq!(
            en("*/5 9-17 * * *"),
            "every 5th minute past every hour from 9 through 17"
        );
        assert_eq!(en("5 * * * *"), "at minute 5");
        assert_eq!(zh("5 * * * *"), "每小时的第 5 分钟");
        assert_eq!(zh("5,35 * * * *"), "每小时的第 5 和 35 分钟");
    }

    #[test]
    fn clock_lists() {
        assert_eq!(en("0 0,12 * * *"), "at 00:00 and 12:00");
        assert_eq!(zh("0 0,12 * * *"), "每天 00:00 和 12:00");
        assert_eq!(en("0,30 9 * * *"), "at 09:00 and 09:30");
        assert_eq!(en("0 0 * * *"), "at 00:00");
        assert_eq!(zh("0 3 * * *"), "每天 03:00");
        // More than six times: back to the field-by-field form.
        assert_eq!(
            en("0 1,2,3,4,5,6,7 * * *"),
            "at minute 0 past hour 1, 2, 3, 4, 5, 6, and 7"
        );
    }

    #[test]
    fn both_day_fields_restricted_is_or() {
        assert_eq!(en("0 9 1 * 1"), "at 09:00 on day-of-month 1 or on Monday");
        assert_eq!(zh("0 9 1 * 1"), "在每月 1 日或周一的 09:00");
        assert_eq!(
            en("0 0 */2 * 1"),
            "at 00:00 on every 2nd day-of-month or on Monday"
        );
        // `*/1` keeps the star bit: AND with a starred day-of-month = the weekday alone.
        assert_eq!(en("0 0 */1 * 1"), "at 00:00 on Monday");
        assert_eq!(
            en("0 0 1 6 1"),
            "at 00:00 on day-of-month 1 or on Monday in June"
        );
        assert_eq!(zh("0 0 1 6 1"), "在 6 月的 1 日或周一的 00:00");
    }

    #[test]
    fn descriptors() {
        assert_eq!(en("@hourly"), "once an hour, at minute 0");
        assert_eq!(zh("@hourly"), "每小时一次，在第 0 分钟");
        assert_eq!(en("@daily"), en("@midnight"));
        assert_eq!(zh("@daily"), "每天一次，在 00:00");
        assert_eq!(en("@weekly"), "once a week, at 00:00 on Sunday");
        assert_eq!(en("@monthly"), "once a month, at 00:00 on day-of-month 1");
        assert_eq!(en("@yearly"), en("@annually"));
        assert_eq!(zh("@yearly"), "每年一次，在 1 月 1 日的 00:00");
    }

    #[test]
    fn every_durations() {
        assert_eq!(
            en("@every 1h30m"),
            "every 1 hour and 30 minutes, counted from the previous scheduled time"
        );
        assert_eq!(
            en("@every 1h"),
            "every hour, counted from the previous scheduled time"
        );
        assert_eq!(zh("@every 90s"), "每隔 1 分钟 30 秒，从上一次计划时间起算");
        assert_eq!(
            en("@every 100ms"),
            "every second, counted from the previous scheduled time"
        );
    }

    #[test]
    fn time_zone_prefix() {
        assert_eq!(
            en("TZ=Asia/Tokyo 0 9 * * *"),
            "at 09:00 (time zone Asia/Tokyo)"
        );
        assert_eq!(
            zh("CRON_TZ=Asia/Tokyo 0 9 * * *"),
            "每天 09:00（时区 Asia/Tokyo）"
        );
    }

    #[test]
    fn never_and_errors() {
        assert_eq!(en(", * * * *"), "never (the minute field selects no value)");
        assert_eq!(zh("0 0 * * ,"), "永不触发（日期/星期字段没有选中任何值）");
        assert_eq!(en("0 0 , * 1"), "at 00:00 on Monday");
        assert_eq!(en("0 0 * * 7"), "ERR end of range (7) above maximum (6): 7");
        assert_eq!(
            zh("bogus"),
            "ERR expected exactly 5 fields, found 1: [bogus]"
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for e in [
            "",
            " ",
            "@",
            "@every",
            "@every ",
            "TZ=",
            "TZ= ",
            "TZ=UTC",
            "*-5 * * * *",
            "1,,2 * * * *",
            "59/99 23/99 31/99 12/99 6/99",
            "\u{0} * * * *",
            "İ * * FRİ *",
            "0 0 * * FR\u{130}",
            "99999999999999999999 * * * *",
        ] {
            let _ = describe(e, Lang::En);
            let _ = describe(e, Lang::Zh);
        }
        assert_eq!(en("0 0 * * FR\u{130}"), "at 00:00 on Friday");
    }

    #[test]
    fn question_mark_and_star_step_one_read_as_star() {
        assert_eq!(en("0 0 ? * ?"), "at 00:00");
        assert_eq!(en("0 0 */1 */1 */1"), "at 00:00");
        assert_eq!(zh("0 0 ? * ?"), "每天 00:00");
    }

    #[test]
    fn month_steps_and_ranges() {
        assert_eq!(
            en("0 0 1 */3 *"),
            "at 00:00 on day-of-month 1 in every 3rd month"
        );
        assert_eq!(zh("0 0 1 */3 *"), "从 1 月起每 3 个月，当月 1 日 00:00");
        assert_eq!(zh("0 0 * */3 *"), "从 1 月起每 3 个月，每天 00:00");
        assert_eq!(
            en("0 12 * 1-6 *"),
            "at 12:00 in every month from January through June"
        );
        assert_eq!(zh("0 12 * 1-6 *"), "1 月至 6 月每天 12:00");
        assert_eq!(zh("*/5 * * 1-6 *"), "1 月至 6 月，每 5 分钟");
        assert_eq!(
            en("0 0 * 2-10/4 *"),
            "at 00:00 in every 4th month from February through October"
        );
        assert_eq!(en("0 0 * jan,JUN *"), "at 00:00 in January and June");
    }

    #[test]
    fn weekday_names_and_ranges() {
        assert_eq!(en("0 8 * * sat,sun"), "at 08:00 on Saturday and Sunday");
        assert_eq!(zh("0 8 * * 0-2"), "在周日至周二的 08:00");
        assert_eq!(
            en("0 8 * * 1-5/2"),
            "at 08:00 on every 2nd day-of-week from Monday through Friday"
        );
        assert_eq!(zh("0 8 * * 1-5/2"), "在周一、周三和周五的 08:00");
    }

    #[test]
    fn empty_and_local_time_zone_prefixes() {
        assert_eq!(en("TZ= 0 9 * * *"), "at 09:00 (time zone UTC)");
        assert_eq!(en("TZ=Local 0 9 * * *"), "at 09:00 (time zone Local)");
        assert_eq!(
            en("TZ=Nowhere 0 9 * * *"),
            "ERR provided bad location Nowhere: unknown time zone Nowhere"
        );
    }

    #[test]
    fn helpers() {
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(ordinal(113), "113th");
        assert_eq!(
            en_list(&["a".into(), "b".into(), "c".into()]),
            "a, b, and c"
        );
        assert_eq!(zh_list(&["a".into(), "b".into(), "c".into()]), "a、b和c");
        assert_eq!(zh_space("每15分钟（时区UTC）"), "每 15 分钟（时区 UTC）");
    }

    #[test]
    fn deterministic() {
        for e in ["0 3 * * 1-5", "@every 2h", "TZ=Asia/Tokyo */5 1-3 * * *"] {
            assert_eq!(describe(e, Lang::En), describe(e, Lang::En));
            assert_eq!(describe(e, Lang::Zh), describe(e, Lang::Zh));
        }
    }

    #[test]
    fn every_seconds_and_long_delays() {
        assert_eq!(
            en("@every 45s"),
            "every 45 seconds, counted from the previous scheduled time"
        );
        assert_eq!(
            en("@every 49h1s"),
            "every 49 hours and 1 second, counted from the previous scheduled time"
        );
        assert_eq!(zh("@every 2h"), "每隔 2 小时，从上一次计划时间起算");
    }
}
