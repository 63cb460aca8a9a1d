//! The kubelet's probes (pkg/kubelet/prober): liveness, readiness and startup probe runs, and a
//! container killed when its liveness or startup probe fails.

use super::{container_path, Kubelet, PodFacts, Runtime, Wake, COMPONENT, TERMINATION_TIME};
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

/// computePodActions' Killing Event for a container its liveness or startup probe failed
/// ("Container X failed liveness probe", with ", will be restarted" unless restartPolicy is
/// Never).
fn record_probe_kill(
    cluster: &mut Cluster,
    name: &str,
    container: &str,
    which: &str,
    policy: &str,
) {
    let restart = if policy == "Never" {
        ""
    } else {
        ", will be restarted"
    };
    cluster.with_pod(name, |p, recorder| {
        recorder.record_about(
            Kind::Pod,
            &p.metadata,
            &container_path(p, container),
            "Normal",
            "Killing",
            format_args!("Container {container} failed {which} probe{restart}"),
            COMPONENT,
            &p.spec.node_name,
        );
    });
}

/// A liveness or startup probe failure counted in a row: whether it is the failureThreshold-th,
/// which kills the container (and starts the count over).
fn kill_after_failure(failures: &mut u32, probe: &FileProbe) -> bool {
    *failures += 1;
    let kill = *failures >= probe.failure_threshold;
    if kill {
        *failures = 0;
    }
    kill
}

/// A readiness probe result counted in the worker's run of equal results: whether the
/// container's readiness changes to it now (failureThreshold, or successThreshold, in a row).
fn readiness_settled(run: &mut (bool, u32), pass: bool, probe: &FileProbe) -> bool {
    let (last, count) = run;
    if *last == pass {
        *count = count.saturating_add(1);
    } else {
        *last = pass;
        *count = 1;
    }
    *count
        >= if pass {
            probe.success_threshold
        } else {
            probe.failure_threshold
        }
}

/// Container `i`'s readiness turned to `pass`: its status, the pod's Ready condition (every
/// container ready, or not), and the loop panel's line.
fn set_readiness(cluster: &mut Cluster, name: &str, i: usize, pass: bool, probe: &FileProbe) {
    let now = cluster.now;
    let _ = cluster.store.modify::<Pod>(name, |p| {
        if let Some(cs) = p.status.container_statuses.get_mut(i) {
            if cs.state.running.is_some() {
                cs.ready = pass;
            }
        }
        super::ready_by_containers(p, now);
    });
    cluster.trace(COMPONENT, || Step::UpdateStatus {
        object: object_ref(Kind::Pod, name),
        summary: if pass {
            format!(
                "readiness probe passed: container {} is ready",
                probe.container
            )
        } else {
            format!(
                "readiness probe failed {} times in a row: container {} is not ready",
                probe.failure_threshold, probe.container
            )
        },
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
        let kill = kill_after_failure(failures, probe);
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
        record_probe_kill(cluster, name, &probe.container, which, &pod.restart_policy);
        // Only this container is killed: its own way of stopping counts, not the others'.
        let (stop, code) = cluster
            .store
            .get::<Pod>(name)
            .and_then(|p| {
                p.spec
                    .containers
                    .first()
                    .map(|c| container_stop(p, c, which))
            })
            .unwrap_or((TERMINATION_TIME, 143));
        if let Some(rt) = self.pods.get_mut(name) {
            // The natural exit and the probes of this run are off.
            rt.token += 1;
            rt.forced_exit = Some(code);
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
        let settled = readiness_settled(&mut rt.readiness_run, pass, &r);
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
        if settled && ready != pass {
            set_readiness(cluster, name, 0, pass, &r);
        }
    }
}

// --- The probes of the containers after the first (prober_manager.go runs a worker per
// container and probe type): each decides its own container's readiness, and a failed
// liveness probe kills that container alone, which then restarts per restartPolicy. ---
impl Kubelet {
    /// Container `i` (after the first) of the pod's runtime.
    fn other_mut(&mut self, name: &str, i: usize) -> Option<&mut super::OtherContainer> {
        self.pods
            .get_mut(name)?
            .others
            .iter_mut()
            .find(|o| o.index == i)
    }

    /// Whether container `i` (after the first) has a readiness or startup probe the
    /// simulation runs (which then decides its readiness, not a fixed delay).
    pub(super) fn has_own_probes(&self, name: &str, i: usize) -> bool {
        self.pods
            .get(name)
            .and_then(|rt| rt.others.iter().find(|o| o.index == i))
            .is_some_and(|o| o.readiness.is_some() || o.startup.is_some())
    }

    /// Container `i` is in its start `run`, running, and the pod is not being stopped.
    pub(super) fn current_run(&self, name: &str, i: usize, run: usize) -> bool {
        self.pods.get(name).is_some_and(|rt| {
            !rt.done
                && !rt.terminating
                && rt
                    .others
                    .iter()
                    .any(|o| o.index == i && o.starts == run && !o.restarting)
        })
    }

    /// Container `i`'s probe workers for its start `run` at `started`: each probes first at
    /// its initialDelaySeconds (prober/worker.go doProbe), then every periodSeconds.
    pub(super) fn schedule_container_probes(
        &mut self,
        name: &str,
        i: usize,
        run: usize,
        started: Time,
    ) {
        let Some(o) = self.other_mut(name, i) else {
            return;
        };
        // A new start: readiness begins as Failure (the worker's initialValue). A startup
        // probe holds the others back until it passes (prober_manager.go isContainerStarted).
        o.readiness_run = (false, 0);
        o.startup_failures = 0;
        if let Some(sp) = o.startup.clone() {
            let at = started + first_probe(&sp, Duration::ZERO);
            self.wake_at(at, name, Wake::ContainerStartup(i, run));
            return;
        }
        self.schedule_after_started(name, i, run, started, started);
    }

    /// Container `i`'s liveness and readiness workers once it counts as started (at its start,
    /// or when its startup probe passed at `now`).
    fn schedule_after_started(
        &mut self,
        name: &str,
        i: usize,
        run: usize,
        started: Time,
        now: Time,
    ) {
        let Some(o) = self
            .pods
            .get(name)
            .and_then(|rt| rt.others.iter().find(|o| o.index == i))
        else {
            return;
        };
        let (l, r) = (o.liveness.clone(), o.readiness.clone());
        if let Some(l) = l {
            let at = started + first_probe(&l, now - started);
            self.wake_at(at, name, Wake::ContainerLiveness(i, run));
        }
        if let Some(r) = r {
            let at = started + first_probe(&r, now - started);
            self.wake_at(at, name, Wake::ContainerReadiness(i, run));
        }
    }

    /// A probe of container `i` in its start `run`: the probe and whether it passes now.
    fn container_probe_result(
        &self,
        name: &str,
        i: usize,
        run: usize,
        now: Time,
        cluster: &Cluster,
        which: usize,
    ) -> Option<(Rc<FileProbe>, bool)> {
        if !self.current_run(name, i, run) {
            return None;
        }
        let o = self.pods.get(name)?.others.iter().find(|o| o.index == i)?;
        let probe = match which {
            0 => &o.liveness,
            1 => &o.readiness,
            _ => &o.startup,
        }
        .clone()?;
        let started = cluster
            .store
            .get::<Pod>(name)?
            .status
            .container_statuses
            .get(i)?
            .state
            .running
            .as_ref()?
            .started_at;
        let pass = probe.passes(now - started);
        Some((probe, pass))
    }

    /// Container `i`'s liveness probe run: failureThreshold failures in a row kill it alone.
    pub(super) fn container_liveness(
        &mut self,
        name: &str,
        i: usize,
        run: usize,
        cluster: &mut Cluster,
    ) {
        let now = cluster.now;
        let Some((l, pass)) = self.container_probe_result(name, i, run, now, cluster, 0) else {
            return;
        };
        let Some(o) = self.other_mut(name, i) else {
            return;
        };
        if pass {
            o.live_failures = 0;
            self.wake_at(now + l.period, name, Wake::ContainerLiveness(i, run));
            return;
        }
        let kill = kill_after_failure(&mut o.live_failures, &l);
        record_unhealthy(cluster, name, &l.container, "Liveness", &l.output);
        if kill {
            self.kill_container_for_probe(name, i, run, &l, "liveness", cluster);
        } else {
            self.wake_at(now + l.period, name, Wake::ContainerLiveness(i, run));
        }
    }

    /// Container `i`'s startup probe run: a pass makes it started (its liveness and readiness
    /// probes begin; with no readiness probe it is ready); failureThreshold failures kill it
    /// ("failed startup probe").
    pub(super) fn container_startup(
        &mut self,
        name: &str,
        i: usize,
        run: usize,
        cluster: &mut Cluster,
    ) {
        let now = cluster.now;
        let Some((sp, pass)) = self.container_probe_result(name, i, run, now, cluster, 2) else {
            return;
        };
        let Some(o) = self.other_mut(name, i) else {
            return;
        };
        if !pass {
            let kill = kill_after_failure(&mut o.startup_failures, &sp);
            record_unhealthy(cluster, name, &sp.container, "Startup", &sp.output);
            if kill {
                self.kill_container_for_probe(name, i, run, &sp, "startup", cluster);
            } else {
                self.wake_at(now + sp.period, name, Wake::ContainerStartup(i, run));
            }
            return;
        }
        o.startup_failures = 0;
        let ready_now = o.readiness.is_none();
        let mut started_at = now;
        let _ = cluster.store.modify::<Pod>(name, |p| {
            if let Some(cs) = p.status.container_statuses.get_mut(i) {
                if let Some(r) = cs.state.running.as_ref() {
                    started_at = r.started_at;
                    cs.started = true;
                    cs.ready = ready_now;
                }
            }
            if super::all_ready(p) {
                set_condition(p, "Ready", "True", "", Some(now));
            }
        });
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!(
                "startup probe passed: container {} has started; its readiness and liveness probes begin",
                sp.container
            ),
        });
        self.schedule_after_started(name, i, run, started_at, now);
    }

    /// Container `i` failed its liveness or startup probe failureThreshold times: it alone is
    /// killed (Killing, then its own way of stopping) and ends per restartPolicy.
    fn kill_container_for_probe(
        &mut self,
        name: &str,
        i: usize,
        run: usize,
        l: &FileProbe,
        which: &str,
        cluster: &mut Cluster,
    ) {
        let now = cluster.now;
        let Some(p) = cluster.store.get::<Pod>(name) else {
            return;
        };
        let policy = p.spec.restart_policy.clone();
        let (stop, code) = p
            .spec
            .containers
            .get(i)
            .map_or((TERMINATION_TIME, 143), |c| container_stop(p, c, which));
        record_probe_kill(cluster, name, &l.container, which, &policy);
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!(
                "{which} probe failed {} times: killing container {} ({}s)",
                l.failure_threshold,
                l.container,
                stop.whole_secs()
            ),
        });
        self.wake_at(now + stop, name, Wake::ContainerKilled(i, run, code));
    }

    /// Container `i`'s readiness probe run: a result changes its readiness once it came
    /// failureThreshold (or successThreshold) times in a row; every failure is `Unhealthy`.
    pub(super) fn container_readiness(
        &mut self,
        name: &str,
        i: usize,
        run: usize,
        cluster: &mut Cluster,
    ) {
        let now = cluster.now;
        let Some((r, pass)) = self.container_probe_result(name, i, run, now, cluster, 1) else {
            return;
        };
        let Some(o) = self.other_mut(name, i) else {
            return;
        };
        let settled = readiness_settled(&mut o.readiness_run, pass, &r);
        self.wake_at(now + r.period, name, Wake::ContainerReadiness(i, run));
        if !pass {
            record_unhealthy(cluster, name, &r.container, "Readiness", &r.output);
        }
        let ready = cluster
            .store
            .get::<Pod>(name)
            .and_then(|p| p.status.container_statuses.get(i))
            .is_some_and(|c| c.ready);
        if settled && ready != pass {
            set_readiness(cluster, name, i, pass, &r);
        }
    }
}

impl Kubelet {
    /// Sidecar `i`'s readiness probe run for its start `run` (prober/worker.go doProbe: a
    /// restartable init container has its own worker, run against its own script): a result
    /// changes its readiness once it came failureThreshold (or successThreshold) times in a
    /// row, and with it the pod's Ready condition (status/generate.go counts sidecars); every
    /// failure is `Unhealthy`.
    pub(super) fn sidecar_readiness(
        &mut self,
        name: &str,
        i: usize,
        run: u32,
        cluster: &mut Cluster,
    ) {
        let now = cluster.now;
        let Some(rt) = self.pods.get_mut(name).filter(|rt| !rt.done) else {
            return;
        };
        let Some(sc) = rt
            .sidecars
            .iter_mut()
            .find(|s| s.index == i && s.starts == run && !s.restarting)
        else {
            return;
        };
        let Some(r) = sc.readiness.clone() else {
            return;
        };
        let Some((started_at, ready)) = cluster.store.get::<Pod>(name).and_then(|p| {
            let cs = p.status.init_container_statuses.get(i)?;
            Some((cs.state.running.as_ref()?.started_at, cs.ready))
        }) else {
            return;
        };
        let pass = r.passes(now - started_at);
        let settled = readiness_settled(&mut sc.readiness_run, pass, &r);
        self.wake_at(now + r.period, name, Wake::SidecarReadiness(i, run));
        if !pass {
            record_unhealthy(cluster, name, &r.container, "Readiness", &r.output);
        }
        if !settled || ready == pass {
            return;
        }
        let _ = cluster.store.modify::<Pod>(name, |p| {
            if let Some(cs) = p.status.init_container_statuses.get_mut(i) {
                cs.ready = pass;
            }
            super::ready_by_containers(p, now);
        });
        cluster.trace(COMPONENT, || Step::UpdateStatus {
            object: object_ref(Kind::Pod, name),
            summary: format!(
                "readiness probe {}: sidecar {} is {}ready",
                if pass { "passed" } else { "failed" },
                r.container,
                if pass { "" } else { "not " }
            ),
        });
    }
}

/// How one container stops when the kubelet kills it for its failed `which` probe
/// (`liveness` or `startup`; killContainer): one that handles SIGTERM stops 1 s later
/// (`stop_exit_code`: 0 for an image's own server, 143 for a `trap`); a shell as PID 1 ignores
/// it and is killed when the grace period is over (137). The grace period is the probe's own
/// `terminationGracePeriodSeconds` when it has one, else the pod's (setTerminationGracePeriod;
/// a deletion's comes first).
fn container_stop(p: &Pod, c: &crate::api::Container, which: &str) -> (Duration, i32) {
    let field = if which == "startup" {
        "startupProbe"
    } else {
        "livenessProbe"
    };
    let own = c
        .other
        .get(field)
        .and_then(|probe| probe.get("terminationGracePeriodSeconds"))
        .and_then(|v| v.as_i64());
    let grace = p
        .metadata
        .deletion_grace_period_seconds
        .or(own)
        .or(p.spec.termination_grace_period_seconds)
        .unwrap_or(30);
    let grace = super::kill_window(grace);
    if super::handles_sigterm(c) {
        (TERMINATION_TIME.min(grace), super::stop_exit_code(c))
    } else {
        (grace, 137)
    }
}
