//! CtrlScope: the Kubernetes Job, CronJob and DaemonSet controllers as a deterministic,
//! virtual-time simulation.
//!
//! - The core, pure Rust that knows nothing of the browser: `api` (the objects), `manifest`
//!   (parse, default, validate), `cron`, `tz`, `sim` (API server, clock, kubelets, scheduler),
//!   `controllers`, `kubectl` (printers and the console), `lessons`, `sort`.
//! - Support for the page that still builds and tests natively: `i18n` (its words in English
//!   and Chinese), `share` (the share-link codec), `persist` (what the page stores, read part
//!   by part).
//! - The two drivers: `cli` (the `ctrlscope` command) and `ui` (the Yew app, wasm32 only).

pub mod api;
pub mod cli;
pub mod controllers;
pub mod cron;
pub mod i18n;
pub mod kubectl;
pub mod lessons;
pub mod manifest;
pub mod persist;
pub mod share;
pub mod sim;
pub mod sort;
pub mod tz;

#[cfg(target_arch = "wasm32")]
pub mod ui;
