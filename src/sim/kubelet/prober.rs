//! The kubelet's probes (pkg/kubelet/prober): liveness, readiness and startup probe runs, and a
//! container killed when its liveness or startup probe fails.

use super::{
    container_path, termination, Kubelet, PodFacts, Runtime, Wake, COMPONENT, TERMINATION_TIME,
};
use crate::api::{Duration, Kind, Pod, Time};
use crate::manifest::hints::FileProbe;
use crate::sim::cluster::{object_ref, Cluster, Step};
use crate::sim::scheduler::set_condition;
use std::rc::Rc;

/// prober.go: every failed run is a Warning `Unhealthy` Event.
fn record_unhealthy(cluster: &mut Cluster, name: &str, container: &str, probe: &str, output: &str) {
    cluster.with_pod(name, |p, recorder| {
        recorder.record_about(
            Kind::Pod,
            &p.metadata,
            &container_path(p, container),
            "Warning",
            "Unhealthy",
            format_args!("{probe} probe failed: {output}"),
            COMPONENT,
            &p.spec.node_name,
        );
    });
}

/// When a probe worker's first counted run comes, as time since the container started: it
/// probes at start and every period after, skipping the runs within initialDelaySeconds
/// (prober/worker.go doProbe), and none before `since`.
pub(super) fn first_probe(probe: &FileProbe, since: Duration) -> Duration {
    let p = probe.period.0.max(1);
    let from = probe.initial_delay.0.max(since.0);
    Duration((from + p - 1) / p * p)
}

impl Kubelet {
    /// What follows a container's start once it counts as started (at once, or when its startup
    /// probe passes): readiness, and the liveness probe's runs (prober/worker.go doProbe: the
    /// other probes are disabled until the container has started).
    pub(super) fn after_start(
        &mut self,
        name: &str,
        run: usize,
        started_at: Time,
        now: Time,
        startup: bool,
    ) {
        let Some(rt) = self.pods.get(name) else {
            return;
        };
        let (ready_probe, liveness, ready_after) = (
            rt.readiness.clone(),
            rt.liveness.clone(),
            rt.behaviour.ready_after,
        );
        if let Some(r) = ready_probe {
            let at = (started_at + r.initial_delay).max(now);
            self.wake_at(at, name, Wake::Readiness(run));
        } else if startup || started_at < now || ready_after > Duration::ZERO {
            let at = (started_at + ready_after).max(now);
            self.wake_at(at, name, Wake::Ready);
        }
        if let Some(l) = liveness {
            let at = started_at + first_probe(&l, now - started_at);
            self.wake_at(at, name, Wake::Probe(run));
        }
    }

    /// A liveness probe run: a pass resets the count; failureThreshold failures in a row kill
    /// the container (SIGTERM, then SIGKILL after the grace period), which then restarts per
    /// restartPolicy (kuberuntime_manager.go computePodActions: "failed liveness probe").
    pub(super) fn probe(&mut self, name: &str, run: usize, pod: &PodFacts, cluster: &mut Cluster) {
        let now = cluster.now;
        let Some((l, pass)) = self.probe_result(name, run, pod, now, |rt| &rt.liveness) else {
            return;
        };
        let Some(rt) = self.pods.get_mut(name) else {
            return;
        };
        if pass {
            rt.probe_failures = 0;
            self.wake_at(now + l.period, name, Wake::Probe(run));
            return;
        }
        self.probe_failed(name, run, &l, false, pod, cluster);
    }

    /// A startup probe run (prober/worker.go): a pass makes the container started, and its
    /// readiness and liveness probes begin; failureThreshold failures kill it like a failed
    /// liveness probe ("failed startup probe"). It runs until the first pass, not after.
    pub(super) fn startup_probe(
        &mut self,
        name: &str,
        run: usize,
        pod: &PodFacts,
        cluster: &mut Cluster,
    ) {
        let now = cluster.now;
        let Some((sp, pass)) = self.probe_result(name, run, pod, now, |rt| &rt.startup) else {
            return;
        };
        let Some(rt) = self.pods.get_mut(name) else {
            return;
        };
        if pass {
            rt.startup_failures = 0;
            let _ = cluster.store.modify::<Pod>(name, |p| {
                for cs in &mut p.status.container_statuses {
                    cs.started = cs.state.running.is_some();
                }
            });
            cluster.trace(COMPONENT, || Step::UpdateStatus {
                object: object_ref(Kind::Pod, name),
                summary: format!(
                    "startup probe passed: container {} has started; its readiness and liveness probes begin",
                    sp.container
                ),
            });
            let started_at = pod.running_since.unwrap_or(now);
            self.after_start(name, run, started_at, now, true);
            return;
        }
        self.probe_failed(name, run, &sp, true, pod, cluster);
    }

    /// A failed run of the liveness (or startup) probe: an `Unhealthy` Event, and at
    /// failureThreshold failures in a row the kill; else the next run a period later.
    fn probe_failed(
        &mut self,
        name: &str,
        run: usize,
        probe: &FileProbe,
        startup: bool,
        pod: &PodFacts,
        cluster: &mut Cluster,
    ) {
        let Some(rt) = self.pods.get_mut(name) else {
            return;
        };
        let failures = if startup {
            &mut rt.startup_failures
        } else {
            &mut rt.probe_failures
        };
        *failures += 1;
        let kill = *failures >= probe.failure_threshold;
        let (kind, which, next) = if startup {
            ("Startup", "startup", Wake::Startup(run))
        } else {
            ("Liveness", "liveness", Wake::Probe(run))
        };
        record_unhealthy(cluster, name, &probe.container, kind, &probe.output);
        if kill {
            self.kill_for_probe(name, probe, which, pod, cluster);
        } else {
            self.wake_at(cluster.now + probe.period, name, next);
        }
    }

    /// A liveness or startup probe failed failureThreshold times: the container is killed
    /// (kuberuntime_manager.go computePodActions: "Container X failed liveness probe", with
    /// ", will be restarted" unless restartPolicy is Never) and ends per restartPolicy.
    fn kill_for_probe(
        &mut self,
        name: &str,
        probe: &FileProbe,
        which: &str,
        pod: &PodFacts,
        cluster: &mut Cluster,
    ) {
        let now = cluster.now;
        let restart = if pod.restart_policy == "Never" {
            ""
        } else {
            ", will be restarted"
        };
        cluster.with_pod(name, |p, recorder| {
            recorder.record_about(
                Kind::Pod,
                &p.metadata,
                &container_path(p, &probe.container),
                "Normal",
                "Killing",
                format_args!(
                    "Container {} failed {which} probe{restart}",
                    probe.container
                ),
                COMPONENT,
                &p.spec.node_name,
            );
        });
        let (stop, killed) = cluster
            .store
            .get::<Pod>(name)
            .map_or((TERMINATION_TIME, false), termination);
        if let Some(rt) = self.pods.get_mut(name) {
            if which == "startup" {
                rt.startup_failures = 0;
            } else {
                rt.probe_failures = 0;
            }
            // The natural exit and the probes of this run are off.
            rt.token += 1;
            rt.forced_exit = Some(if killed { 137 } else { 143 });
            rt.probe_killed = true;
        }
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!(
                "{which} probe failed {} times: killing container {} ({}s)",
                probe.failure_threshold,
                probe.container,
                stop.whole_secs()
            ),
        });
        self.wake_at(now + stop, name, Wake::Exit);
    }

    /// A probe run of the container's `run`th start: the probe and whether it passes now; None
    /// when the container no longer runs or has restarted since (that run's probes stop).
    fn probe_result(
        &self,
        name: &str,
        run: usize,
        pod: &PodFacts,
        now: Time,
        which: impl Fn(&Runtime) -> &Option<Rc<FileProbe>>,
    ) -> Option<(Rc<FileProbe>, bool)> {
        let rt = self.pods.get(name).filter(|rt| rt.attempts == run)?;
        let probe = which(rt).clone()?;
        let pass = probe.passes(now - pod.running_since?);
        Some((probe, pass))
    }

    /// A readiness probe run (prober/worker.go doProbe): a result changes the container's
    /// readiness once it came failureThreshold (or successThreshold) times in a row. Every
    /// failure is an `Unhealthy` Event (prober.go). Unlike liveness, it goes on while the pod
    /// is being deleted.
    pub(super) fn readiness_probe(
        &mut self,
        name: &str,
        run: usize,
        pod: &PodFacts,
        cluster: &mut Cluster,
    ) {
        let now = cluster.now;
        let Some((r, pass)) = self.probe_result(name, run, pod, now, |rt| &rt.readiness) else {
            return;
        };
        let Some(rt) = self.pods.get_mut(name) else {
            return;
        };
        let (last, count) = &mut rt.readiness_run;
        if *last == pass {
            *count = count.saturating_add(1);
        } else {
            *last = pass;
            *count = 1;
        }
        let settled = *count
            >= if pass {
                r.success_threshold
            } else {
                r.failure_threshold
            };
        self.wake_at(now + r.period, name, Wake::Readiness(run));
        if !pass {
            record_unhealthy(cluster, name, &r.container, "Readiness", &r.output);
        }
        // The probe is the first container's; the others have their own readiness (one not
        // ready keeps the pod not ready whatever this probe says).
        let ready = cluster
            .store
            .get::<Pod>(name)
            .and_then(|p| p.status.container_statuses.first())
            .is_some_and(|c| c.ready);
        if !settled || ready == pass {
            return;
        }
        let _ = cluster.store.modify::<Pod>(name, |p| {
            if let Some(cs) = p.status.container_statuses.first_mut() {
                if cs.state.running.is_some() {
                    cs.ready = pass;
                }
            }
            if p.status.container_statuses.iter().all(|c| c.ready) {
                set_condition(p, "Ready", "True", "", Some(now));
            } else {
                set_condition(p, "Ready", "False", "ContainersNotReady", Some(now));
            }
        });
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: if pass {
                format!("readiness probe passed: container {} is ready", r.container)
            } else {
                format!(
                    "readiness probe failed {} times in a row: container {} is not ready",
                    r.failure_threshold, r.container
                )
            },
        });
    }
}
