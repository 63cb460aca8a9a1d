//! `ctrlscope run ...`: the headless driver over the core (see `ctrlscope --help`).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(ctrlscope::cli::main(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}
