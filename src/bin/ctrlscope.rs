//! `ctrlscope run ...`: the headless driver over the core (see `ctrlscope --help`).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    // `env::args` panics on an argument that is not UTF-8: a bad command line is exit 2.
    let mut args = Vec::new();
    for a in std::env::args_os().skip(1) {
        match a.into_string() {
            Ok(a) => args.push(a),
            Err(a) => {
                eprintln!("error: the argument {a:?} is not valid UTF-8");
                std::process::exit(2);
            }
        }
    }
    std::process::exit(ctrlscope::cli::main(args));
}

#[cfg(target_arch = "wasm32")]
fn main() {}
