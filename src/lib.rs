//! CtrlScope: the Kubernetes Job, CronJob and DaemonSet controllers as a deterministic,
//! virtual-time simulation.
//!
//! The core (`api`, `manifest`, `cron`, `sim`, `controllers`, `kubectl`, `cli`) is pure Rust and
//! knows nothing of the browser; `ui` is the Yew shell, compiled for wasm32 only.

pub mod api;
pub mod cli;
pub mod controllers;
pub mod cron;
pub mod i18n;
pub mod kubectl;
pub mod lessons;
pub mod manifest;
pub mod share;
pub mod sim;
pub mod sort;
pub mod tz;

#[cfg(target_arch = "wasm32")]
pub mod ui;
