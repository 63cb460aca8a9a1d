//! `ctrlscope run ...`: the headless driver over the core.
fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    std::process::exit(ctrlscope::cli::main(std::env::args().skip(1).collect()));
}
