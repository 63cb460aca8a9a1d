//! The controllers, each written like its `pkg/controller/*` original: informer handlers that
//! queue keys, and one sync function per key.

pub mod cronjob;
pub mod daemonset;
pub mod gc;
pub mod job;
pub mod ttl;
