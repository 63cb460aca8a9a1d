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
        if r.event.involved_object.kind == "Job" {
            println!(
                "{:>6.1} {} {} {}",
                (r.t - sim.cluster.start).as_secs_f64(),
                r.event.reason,
                r.event.involved_object.name,
                r.event.message
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
        if r.event.involved_object.kind == "Job" {
            println!(
                "{:>6.1} {} {} {}",
                (r.t - sim.cluster.start).as_secs_f64(),
                r.event.reason,
                r.event.involved_object.name,
                r.event.message
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
        if r.event.involved_object.kind != "Pod" {
            println!(
                "{:>6.1} {} {} {}",
                (r.t - sim.cluster.start).as_secs_f64(),
                r.event.reason,
                r.event.involved_object.name,
                r.event.message
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
