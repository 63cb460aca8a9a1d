//! Calls every part of the core the page calls, behind one exported function, so that the linker
//! keeps exactly that code. The input is opaque to the optimiser (a pointer from the host).

use ctrlscope::{cron, manifest};

fn text<'a>(ptr: *const u8, len: usize) -> &'a str {
    // SAFETY: the host passes a valid UTF-8 buffer; this probe is only ever measured, never run.
    unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(ptr, len)) }
}

#[no_mangle]
pub extern "C" fn probe(ptr: *const u8, len: usize, mode: u32) -> usize {
    let text = text(ptr, len);
    let mut n = 0;
    match mode {
        0 => {
            n += manifest::parse_documents(text)
                .map(|d| d.len())
                .unwrap_or(0)
        }
        1 => {
            n += cron::describe(text, cron::Lang::En)
                .map(|s| s.len())
                .unwrap_or(0)
        }
        #[cfg(feature = "sim")]
        2 => {
            use ctrlscope::{api::Time, kubectl, sim};
            let mut s = sim::Simulation::new(sim::SimConfig::default());
            for o in manifest::parse_manifests(text).unwrap_or_default() {
                let _ = s.apply(o);
            }
            s.run_until(Time::default());
            n += kubectl::console::run(&mut s, text).output.len();
            for a in
                sim::scenario::parse_scenario(text, &|_| Err(String::new())).unwrap_or_default()
            {
                let _ = s.perform(&a.action);
            }
        }
        #[cfg(feature = "lessons")]
        3 => {
            for l in ctrlscope::lessons::all().into_iter().flatten() {
                n += ctrlscope::lessons::check(&l, text).outcomes.len();
            }
        }
        #[cfg(feature = "share")]
        4 => {
            if let Ok(s) = ctrlscope::share::decode(text) {
                n += ctrlscope::share::encode(&s).map(|e| e.len()).unwrap_or(0);
            }
        }
        _ => {}
    }
    n
}
