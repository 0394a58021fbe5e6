//! Records the compiler's version for the report's first lines.
use std::process::Command;

fn main() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let version = Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| "an unknown rustc".to_string());
    println!("cargo:rustc-env=BASELINES_RUSTC={version}");
    println!("cargo:rerun-if-changed=build.rs");
}
