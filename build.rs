//! Compiles every file under `lessons/<id>/` into the binary (src/lessons reads them), so a
//! new lesson is a new folder and nothing else.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut entries: Vec<(String, String)> = Vec::new();
    if let Ok(dirs) = std::fs::read_dir(&root) {
        for dir in dirs.flatten() {
            let path = dir.path();
            if !path.is_dir() {
                continue;
            }
            println!("cargo:rerun-if-changed={}", path.display());
            let id = dir.file_name().to_string_lossy().to_string();
            if let Ok(files) = std::fs::read_dir(&path) {
                for f in files.flatten() {
                    let p = f.path();
                    let name = f.file_name().to_string_lossy().to_string();
                    if p.is_file()
                        && (name.ends_with(".yaml")
                            || name.ends_with(".yml")
                            || name.ends_with(".md"))
                    {
                        println!("cargo:rerun-if-changed={}", p.display());
                        entries.push((format!("{id}/{name}"), p.display().to_string()));
                    }
                }
            }
        }
    }
    entries.sort();
    let mut out = String::from("&[\n");
    for (key, path) in entries {
        let _ = writeln!(out, "    ({key:?}, include_str!({path:?})),");
    }
    out.push(']');
    let dest =
        Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("lesson_files.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("writing {}: {e}", dest.display());
    }
}
