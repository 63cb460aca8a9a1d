//! The browser's IANA zone data as the core's zone database (`crate::tz::install`): the UTC offset
//! of a zone at an instant, read back from `Intl.DateTimeFormat`'s wall-clock fields.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Date, Function, Intl, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// One formatter per zone (building one costs far more than using it); None: the browser
    /// does not know the zone.
    static FORMATTERS: RefCell<HashMap<String, Option<Intl::DateTimeFormat>>> =
        RefCell::new(HashMap::new());
}

pub fn install() {
    crate::tz::install(utc_offset);
}

fn formatter(zone: &str) -> Option<Intl::DateTimeFormat> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor: Function = Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let options = Object::new();
    for (k, v) in [
        ("timeZone", zone),
        ("hourCycle", "h23"),
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
        ("hour", "numeric"),
        ("minute", "numeric"),
        ("second", "numeric"),
    ] {
        Reflect::set(&options, &k.into(), &v.into()).ok()?;
    }
    let args = Array::of2(&"en-US".into(), &options);
    // Reflect.construct reports the RangeError of an unknown zone as Err instead of throwing.
    Reflect::construct(&ctor, &args)
        .ok()
        .map(JsValue::unchecked_into)
}

fn utc_offset(zone: &str, unix: i64) -> Option<i32> {
    let fmt = FORMATTERS.with(|f| {
        f.borrow_mut()
            .entry(zone.to_string())
            .or_insert_with(|| formatter(zone))
            .clone()
    })?;
    let parts = fmt.format_to_parts(&Date::new(&JsValue::from_f64(unix as f64 * 1000.0)));
    let (mut y, mut mo, mut d, mut h, mut mi, mut s) = (None, None, None, None, None, None);
    for part in parts.iter() {
        let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
        let value = Reflect::get(&part, &"value".into()).ok()?.as_string()?;
        let n = value.parse::<i64>().ok();
        match kind.as_str() {
            "year" => y = n,
            "month" => mo = n,
            "day" => d = n,
            "hour" => h = n,
            "minute" => mi = n,
            "second" => s = n,
            _ => {}
        }
    }
    let local = crate::cron::days_from_civil(y?, mo?, d?) * 86_400 + h? * 3600 + mi? * 60 + s?;
    i32::try_from(local - unix).ok()
}
