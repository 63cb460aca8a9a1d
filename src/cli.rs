//! The headless CLI.
pub fn main(args: Vec<String>) -> i32 {
    let _ = args;
    0
}
