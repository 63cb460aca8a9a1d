//! What a container runtime and the pod network make up: image sizes, container and image IDs,
//! node and pod addresses. Stable functions of their inputs, so runs stay deterministic.

use crate::api::ContainerStatus;

/// The size the runtime reports for an image (well-known ones near their real size).
pub(super) fn image_size(image: &str) -> u64 {
    match image_name(image) {
        "busybox" => 2_160_613,
        "nginx" => 68_857_691,
        "python" => 412_463_209,
        "node" => 393_847_014,
        "redis" => 45_180_346,
        "ubuntu" => 29_754_422,
        "alpine" => 3_653_068,
        "perl" => 336_295_185,
        "fluentd" => 141_221_352,
        _ => {
            let h = image.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
            5_000_000 + h % 150_000_000
        }
    }
}

/// Images whose own program shuts down cleanly on the signal the runtime stops it with, and
/// exits 0 (see `stop_exit_code`).
pub(super) fn stops_cleanly(image: &str) -> bool {
    matches!(
        image_name(image),
        "nginx" | "httpd" | "fluentd" | "fluent-bit" | "redis"
    )
}

/// An image's name without registry, path, tag or digest: `quay.io/a/fluentd:v2` → `fluentd`.
fn image_name(image: &str) -> &str {
    let repo = image.rsplit('/').next().unwrap_or(image);
    repo.split([':', '@']).next().unwrap_or(repo)
}

/// 64 hex digits from the given parts: the IDs a container runtime makes up.
fn hex_id(parts: &[&str]) -> String {
    let mut out = String::with_capacity(64);
    for round in 0..4u64 {
        let h = parts.iter().fold(0xcbf2_9ce4_8422_2325 ^ round, |h, p| {
            p.bytes()
                .chain([0])
                .fold(h, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
        });
        out.push_str(&format!("{:016x}", h ^ (h >> 29)));
    }
    out
}

/// The runtime's ID of a container's latest run (`containerd://` and 64 hex digits, a new one
/// per restart); empty before its first run was created.
pub fn container_id(pod_uid: &str, cs: &ContainerStatus) -> String {
    let created = cs.state.running.is_some()
        || cs.state.terminated.is_some()
        || cs.last_state.terminated.is_some();
    if !created {
        return String::new();
    }
    container_id_of_run(pod_uid, &cs.name, cs.restart_count)
}

/// The runtime's ID of the run a container's last state is about: the run before the latest,
/// except while it waits to be restarted (CrashLoopBackOff), when it is the latest run itself,
/// the one that exited (kubelet_pods.go convertToAPIContainerStatuses moves the exited
/// container's own state, its ID with it, into LastTerminationState).
pub fn last_state_container_id(pod_uid: &str, cs: &ContainerStatus) -> String {
    let run = match cs.state.waiting {
        Some(_) => cs.restart_count,
        None => cs.restart_count - 1,
    };
    container_id_of_run(pod_uid, &cs.name, run)
}

/// The runtime's ID of a container's `run`th start (0 the first).
fn container_id_of_run(pod_uid: &str, name: &str, run: i32) -> String {
    let run = run.to_string();
    format!("containerd://{}", hex_id(&[pod_uid, name, &run]))
}

/// The digest the runtime resolved the image to, with the registry and repository spelled out
/// as containerd reports them: `busybox:1.36` → `docker.io/library/busybox@sha256:…`.
pub fn image_id(pod_uid: &str, cs: &ContainerStatus) -> String {
    if container_id(pod_uid, cs).is_empty() {
        return String::new();
    }
    let image = cs.image.split('@').next().unwrap_or(&cs.image);
    let full = full_repository(split_tag(image).0);
    // A reference pinned by digest is that digest.
    match cs.image.split_once("@sha256:") {
        Some((_, digest)) if !digest.is_empty() => format!("{full}@sha256:{digest}"),
        _ => format!("{full}@sha256:{}", hex_id(&[&cs.image])),
    }
}

/// The image's name and tag (None when it has none).
fn split_tag(image: &str) -> (&str, Option<&str>) {
    match image.rsplit_once(':') {
        Some((r, tag)) if !tag.contains('/') => (r, Some(tag)),
        _ => (image, None),
    }
}

/// A repository as the registry client normalises it: Docker Hub's domain and `library/`
/// where the name has none (distribution/reference ParseNormalizedNamed).
fn full_repository(repo: &str) -> String {
    let first = repo.split('/').next().unwrap_or(repo);
    let domain = first.contains('.') || first.contains(':') || first == "localhost";
    match (domain, repo.contains('/')) {
        (true, _) => repo.to_string(),
        (false, true) => format!("docker.io/{repo}"),
        (false, false) => format!("docker.io/library/{repo}"),
    }
}

/// `status.containerStatuses[].image` once the runtime has the container: containerd reports
/// the image's first repo tag, normalised (`perl:5.34.0` → `docker.io/library/perl:5.34.0`,
/// no tag → `:latest`; containerd internal/cri container_status.go). A reference pinned by
/// digest alone has no tag to report and is shown as written.
pub fn status_image(image: &str) -> String {
    let (named, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    match split_tag(named) {
        (_, None) if digest.is_some() => image.to_string(),
        (repo, tag) => format!("{}:{}", full_repository(repo), tag.unwrap_or("latest")),
    }
}

/// A stable fake node address from its name.
pub(super) fn node_ip(node: &str) -> String {
    let h = node
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    format!("10.0.{}.{}", (h >> 8) % 250 + 1, h % 250 + 1)
}

pub(super) fn pod_ip(uid: &str) -> String {
    let h = uid
        .bytes()
        .fold(11u32, |h, b| h.wrapping_mul(131).wrapping_add(b as u32));
    format!("10.244.{}.{}", (h >> 8) % 250 + 1, h % 250 + 2)
}

#[cfg(test)]
mod status_image_tests {
    use super::status_image;

    /// containerd reports the image's first repo tag, normalised (internal/cri
    /// container_status.go; distribution/reference ParseNormalizedNamed).
    #[test]
    fn the_runtime_reports_the_normalised_repo_tag() {
        for (spec, status) in [
            ("perl:5.34.0", "docker.io/library/perl:5.34.0"),
            ("busybox", "docker.io/library/busybox:latest"),
            ("bitnami/kubectl:1.34", "docker.io/bitnami/kubectl:1.34"),
            ("registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10"),
            ("localhost:5000/app", "localhost:5000/app:latest"),
            ("nginx:1.27@sha256:abcd", "docker.io/library/nginx:1.27"),
            ("nginx@sha256:abcd", "nginx@sha256:abcd"),
        ] {
            assert_eq!(status_image(spec), status, "{spec}");
        }
    }
}
