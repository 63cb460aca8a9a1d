use std::collections::BTreeMap;

use ctrlscope::api::*;
use ctrlscope::sim::{SimConfig, Simulation};

fn job(
    name: &str,
    completions: Option<i32>,
    parallelism: i32,
    annotations: &[(&str, &str)],
    policy: &str,
) -> Job {
    let mut ann = BTreeMap::new();
    for (k, v) in annotations {
        ann.insert(k.to_string(), v.to_string());
    }
    Job {
        metadata: ObjectMeta {
            name: name.into(),
            ..Default::default()
        },
        spec: JobSpec {
            parallelism: Some(parallelism),
            completions,
            backoff_limit: Some(6),
            template: PodTemplateSpec {
                metadata: ObjectMeta {
                    annotations: ann,
                    ..Default::default()
                },
                spec: PodSpec {
                    containers: vec![Container {
                        name: "c".into(),
                        image: "busybox".into(),
                        ..Default::default()
                    }],
                    restart_policy: policy.into(),
                    ..Default::default()
                },
            },
            ..Default::default()
        },
        ..Default::default()
    }
}

#[test]
fn waves() {
    let mut sim = Simulation::new(SimConfig::default());
    sim.add_default_nodes();
    sim.apply(Object::Job(job(
        "pi",
        Some(8),
        2,
        &[("sim.ctrlscope.dev/duration", "30s")],
        "Never",
    )))
    .unwrap();
    sim.run_until(sim.now() + Duration::from_secs(600));
    for r in &sim.cluster.events {
        if r.kind == ctrlscope::api::Kind::Job {
            println!(
                "{:>6.1} {} {} {}",
                (r.t - sim.cluster.start).as_secs_f64(),
                r.reason,
                r.name,
                r.message
            );
        }
    }
    let j = sim.jobs()[0].clone();
    println!("{:?}", j.status);
    assert_eq!(j.status.succeeded, 8);
    assert!(j.status.is_finished());
}

#[test]
fn backoff() {
    let mut sim = Simulation::new(SimConfig::default());
    sim.add_default_nodes();
    let mut j = job(
        "fail",
        Some(1),
        1,
        &[
            ("sim.ctrlscope.dev/duration", "5s"),
            ("sim.ctrlscope.dev/exit-codes", "1"),
        ],
        "Never",
    );
    j.spec.backoff_limit = Some(3);
    sim.apply(Object::Job(j)).unwrap();
    sim.run_until(sim.now() + Duration::from_secs(3600));
    for r in &sim.cluster.events {
        if r.kind == ctrlscope::api::Kind::Job {
            println!(
                "{:>6.1} {} {} {}",
                (r.t - sim.cluster.start).as_secs_f64(),
                r.reason,
                r.name,
                r.message
            );
        }
    }
    let j = sim.jobs()[0].clone();
    println!("{:?}", j.status);
    assert_eq!(j.status.failed, 4);
}

#[test]
fn cron_hello() {
    let mut sim = Simulation::new(SimConfig::default());
    sim.add_default_nodes();
    let j = job(
        "x",
        Some(1),
        1,
        &[("sim.ctrlscope.dev/duration", "5s")],
        "OnFailure",
    );
    let cj = CronJob {
        metadata: ObjectMeta {
            name: "hello".into(),
            ..Default::default()
        },
        spec: CronJobSpec {
            schedule: "*/1 * * * *".into(),
            concurrency_policy: "Allow".into(),
            successful_jobs_history_limit: Some(3),
            failed_jobs_history_limit: Some(1),
            job_template: JobTemplateSpec {
                metadata: Default::default(),
                spec: j.spec,
            },
            ..Default::default()
        },
        ..Default::default()
    };
    sim.apply(Object::CronJob(cj)).unwrap();
    sim.run_until(sim.now() + Duration::from_secs(600));
    for r in &sim.cluster.events {
        if r.kind != ctrlscope::api::Kind::Pod {
            println!(
                "{:>6.1} {} {} {}",
                (r.t - sim.cluster.start).as_secs_f64(),
                r.reason,
                r.name,
                r.message
            );
        }
    }
    println!(
        "{:?}",
        sim.jobs()
            .iter()
            .map(|j| j.metadata.name.clone())
            .collect::<Vec<_>>()
    );
    println!("{:?}", sim.cronjobs()[0].status);
}

fn ds(image: &str, tolerate_cp: bool) -> DaemonSet {
    let mut labels = BTreeMap::new();
    labels.insert("name".to_string(), "fluentd".to_string());
    let mut tolerations = vec![];
    if tolerate_cp {
        tolerations.push(Toleration {
            key: "node-role.kubernetes.io/control-plane".into(),
            operator: "Exists".into(),
            effect: "NoSchedule".into(),
            ..Default::default()
        });
    }
    let mut ann = BTreeMap::new();
    ann.insert(
        "sim.ctrlscope.dev/ready-after".to_string(),
        "5s".to_string(),
    );
    DaemonSet {
        metadata: ObjectMeta {
            name: "fluentd".into(),
            ..Default::default()
        },
        spec: DaemonSetSpec {
            selector: Some(LabelSelector {
                match_labels: labels.clone(),
                ..Default::default()
            }),
            template: PodTemplateSpec {
                metadata: ObjectMeta {
                    labels,
                    annotations: ann,
                    ..Default::default()
                },
                spec: PodSpec {
                    containers: vec![Container {
                        name: "fluentd".into(),
                        image: image.into(),
                        ..Default::default()
                    }],
                    restart_policy: "Always".into(),
                    tolerations,
                    ..Default::default()
                },
            },
            update_strategy: DaemonSetUpdateStrategy {
                type_: "RollingUpdate".into(),
                rolling_update: Some(RollingUpdateDaemonSet {
                    max_unavailable: Some(IntOrString::Int(1)),
                    max_surge: Some(IntOrString::Int(0)),
                }),
            },
            ..Default::default()
        },
        ..Default::default()
    }
}

#[test]
fn daemonset_roll() {
    let mut sim = Simulation::new(SimConfig::default());
    sim.add_default_nodes();
    sim.apply(Object::DaemonSet(ds("fluentd:v1", false)))
        .unwrap();
    sim.run_until(sim.now() + Duration::from_secs(60));
    assert_eq!(sim.daemonsets()[0].status.desired_number_scheduled, 3);
    sim.apply(Object::DaemonSet(ds("fluentd:v1", true)))
        .unwrap();
    sim.run_until(sim.now() + Duration::from_secs(60));
    println!(
        "{}",
        ctrlscope::kubectl::get_daemonsets(&sim.daemonsets(), sim.now(), false)
    );
    sim.apply(Object::DaemonSet(ds("fluentd:v2", true)))
        .unwrap();
    let t0 = sim.now();
    while sim.step() && sim.now() < t0 + Duration::from_secs(300) {
        let d = sim.daemonsets()[0];
        println!(
            "{:>6.1} {}",
            (sim.now() - sim.cluster.start).as_secs_f64(),
            ctrlscope::kubectl::rollout_status(d).0
        );
    }
    println!(
        "{}",
        ctrlscope::kubectl::get_pods(&sim.pods(), sim.now(), true)
    );
    println!(
        "{}",
        ctrlscope::kubectl::get_daemonsets(&sim.daemonsets(), sim.now(), false)
    );
    let revs: Vec<&ControllerRevision> = sim.cluster.store.list::<ControllerRevision>().collect();
    println!(
        "{}",
        ctrlscope::kubectl::get_controllerrevisions(&revs, sim.now())
    );
    assert_eq!(sim.daemonsets()[0].status.updated_number_scheduled, 4);
}
