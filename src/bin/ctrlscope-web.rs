//! The browser app: Trunk builds this binary for wasm32 (see index.html).
fn main() {
    #[cfg(target_arch = "wasm32")]
    ctrlscope::ui::start();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("ctrlscope-web is the browser app: run `trunk serve` (see README.md)");
}
