//! Whether the kubelet can read a container's image as a reference: image_manager.go
//! `applyDefaultImageTag` calls `reference.ParseNormalizedNamed` (github.com/distribution/
//! reference v0.6: normalize.go, reference.go, regexp.go; digests by opencontainers/go-digest)
//! before it looks at the pull policy. The API server takes any image without surrounding
//! spaces, so `BusyBox:latest` is accepted and its pod waits in `InvalidImageName`.

/// `Err` with the parser's words when the kubelet cannot read `image`.
pub fn parse_normalized_named(s: &str) -> Result<(), String> {
    if s.len() == 64 && s.bytes().all(|b| matches!(b, b'a'..=b'f' | b'0'..=b'9')) {
        return Err(format!(
            "invalid repository name ({s}), cannot specify 64-byte hexadecimal strings"
        ));
    }
    let (domain, remainder) = split_docker_domain(s);
    let remote = remainder.split(':').next().unwrap_or_default();
    if has_upper(remote) {
        return Err(format!(
            "invalid reference format: repository name ({remote}) must be lowercase"
        ));
    }
    parse(&format!("{domain}/{remainder}"))
}

fn has_upper(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_uppercase())
        || s.chars().any(|c| !c.is_ascii() && c.is_uppercase())
}

/// normalize.go splitDockerDomain: a first part with `.` or `:`, `localhost`, or capitals is a
/// registry; otherwise the name is Docker Hub's (`library/` for a one-part name).
fn split_docker_domain(name: &str) -> (String, String) {
    let (mut domain, mut remainder) = match name.find('/') {
        Some(i)
            if name[..i].contains(['.', ':'])
                || &name[..i] == "localhost"
                || has_upper(&name[..i]) =>
        {
            (name[..i].to_string(), name[i + 1..].to_string())
        }
        _ => ("docker.io".to_string(), name.to_string()),
    };
    if domain == "index.docker.io" {
        domain = "docker.io".into();
    }
    if domain == "docker.io" && !remainder.contains('/') {
        remainder = format!("library/{remainder}");
    }
    (domain, remainder)
}

/// reference.go Parse: the whole reference against ReferenceRegexp, then the name's length
/// and the digest.
fn parse(s: &str) -> Result<(), String> {
    let Some(digest) = matches(s) else {
        if s.is_empty() {
            return Err("repository name must have at least one component".into());
        }
        if matches(&s.to_ascii_lowercase()).is_some() {
            return Err("repository name must be lowercase".into());
        }
        return Err("invalid reference format".into());
    };
    // The path (the name after its registry, without tag or digest) is at most 255
    // characters; `s` always begins with the registry splitDockerDomain chose.
    let name = s.split('@').next().unwrap_or_default();
    // anchoredNameRegexp: the first part is the registry only if it reads as a domain
    // (`a_b.c` does not: then the whole name is the path).
    let path = match name.split_once('/') {
        Some((first, p)) if is_domain(first) => p,
        _ => name,
    };
    let path = match path.rsplit_once('/') {
        Some((dir, last)) => dir.len() + 1 + last.split(':').next().unwrap_or_default().len(),
        None => path.split(':').next().unwrap_or_default().len(),
    };
    if path > 255 {
        return Err("repository name must not be more than 255 characters".into());
    }
    match digest {
        Some(d) => validate_digest(d),
        None => Ok(()),
    }
}

/// ReferenceRegexp: `name[:tag][@digest]`; `Some(digest)` when it matches.
fn matches(s: &str) -> Option<Option<&str>> {
    let (name_tag, digest) = match s.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (s, None),
    };
    if digest.is_some_and(|d| !is_digest(d)) {
        return None;
    }
    let parts: Vec<&str> = name_tag.split('/').collect();
    let (last, before) = parts.split_last()?;
    // The tag follows the last part's first `:` (a registry's port is in the first part).
    let (component, tag) = match last.split_once(':') {
        Some((c, t)) => (c, Some(t)),
        None => (*last, None),
    };
    if !is_component(component) || tag.is_some_and(|t| !is_tag(t)) {
        return None;
    }
    for (i, p) in before.iter().enumerate() {
        if !(is_component(p) || (i == 0 && is_domain(p))) {
            return None;
        }
    }
    Some(digest)
}

/// path-component: `[a-z0-9]+` runs joined by `.`, `_`, `__` or dashes.
fn is_component(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &s[start..i];
        let ok = matches!(sep, "." | "_" | "__") || sep.bytes().all(|c| c == b'-');
        if !ok {
            return false;
        }
    }
    true
}

/// domain: `[ipv6]` or dot-joined host labels, then an optional `:port`.
fn is_domain(s: &str) -> bool {
    let (host, port) = match s.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((v6, after)) => {
                if v6.is_empty() || !v6.bytes().all(|c| c.is_ascii_hexdigit() || c == b':') {
                    return false;
                }
                match after {
                    "" => return true,
                    p => (None, p.strip_prefix(':')),
                }
            }
            None => return false,
        },
        None => match s.split_once(':') {
            Some((h, p)) => (Some(h), Some(p)),
            None => (Some(s), None),
        },
    };
    let label = |l: &str| {
        let b = l.as_bytes();
        !b.is_empty()
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
    };
    let host_ok = host.is_none_or(|h| h.split('.').all(label));
    let port_ok = match (s.starts_with('['), port) {
        (_, Some(p)) => !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()),
        (true, None) => false,
        (false, None) => true,
    };
    host_ok && port_ok
}

/// tag: `[\w][\w.-]{0,127}`.
fn is_tag(s: &str) -> bool {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && word(b[0])
        && b.iter().all(|c| word(*c) || *c == b'.' || *c == b'-')
}

/// digest: `algorithm:hex`, the algorithm's parts `[A-Za-z][A-Za-z0-9]*` joined by `-_+.`, at
/// least 32 hex digits.
fn is_digest(s: &str) -> bool {
    let Some((alg, hex)) = s.split_once(':') else {
        return false;
    };
    let part = |p: &str| {
        let b = p.as_bytes();
        !b.is_empty() && b[0].is_ascii_alphabetic() && b.iter().all(u8::is_ascii_alphanumeric)
    };
    alg.split(['-', '_', '+', '.']).all(part)
        && hex.len() >= 32
        && hex.bytes().all(|c| c.is_ascii_hexdigit())
}

/// go-digest Digest.Validate: a known algorithm and its exact length, lower-case hex.
fn validate_digest(d: &str) -> Result<(), String> {
    let (alg, hex) = d.split_once(':').unwrap_or((d, ""));
    let size = match alg {
        "sha256" => 32,
        "sha384" => 48,
        "sha512" => 64,
        // Digest.Validate: an algorithm it does not have is refused as unsupported only when
        // the digest reads as one (DigestRegexpAnchored: lower-case algorithm parts).
        _ => {
            let part = |p: &str| {
                !p.is_empty()
                    && p.bytes()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            };
            let readable = alg.split(['.', '+', '_', '-']).all(part)
                && !hex.is_empty()
                && hex
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'=' | b'_' | b'-'));
            return Err(match readable {
                true => "unsupported digest algorithm".into(),
                false => "invalid checksum digest format".into(),
            });
        }
    };
    if hex.len() != size * 2 {
        return Err("invalid checksum digest length".into());
    }
    if !hex.bytes().all(|c| matches!(c, b'a'..=b'f' | b'0'..=b'9')) {
        return Err("invalid checksum digest format".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_normalized_named as p;

    #[test]
    fn images_the_kubelet_reads() {
        for ok in [
            "busybox",
            "busybox:1.36",
            "ubuntu:22.04",
            "perl:5.34.0",
            "registry.k8s.io/fluentd-elasticsearch:1.20",
            "quay.io/fluentd_elasticsearch/fluentd:v2.5.2",
            "localhost:5000/my-app",
            "localhost/app",
            "MyRegistry.example.com/app:v1",
            "[::1]:5000/app",
            "my__repo/a--b/c.d_e:Tag_1.2-x",
            "busybox@sha256:7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa",
            "busybox:1.36@sha256:7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa",
        ] {
            assert_eq!(p(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn images_the_kubelet_refuses_as_distribution_reference_does() {
        for (bad, err) in [
            (
                "BusyBox:latest",
                "invalid reference format: repository name (library/BusyBox) must be lowercase",
            ),
            (
                "example.com/Team/app",
                "invalid reference format: repository name (Team/app) must be lowercase",
            ),
            ("busy box", "invalid reference format"),
            ("busybox:", "invalid reference format"),
            ("busybox:-x", "invalid reference format"),
            ("-busybox", "invalid reference format"),
            ("a..b", "invalid reference format"),
            ("busybox:1.36:2", "invalid reference format"),
            ("example.com:port/app", "invalid reference format"),
            ("busybox@sha256:abc", "invalid reference format"),
            (
                "busybox@md5:d41d8cd98f00b204e9800998ecf8427e",
                "unsupported digest algorithm",
            ),
            (
                "busybox@sha256:d41d8cd98f00b204e9800998ecf8427e",
                "invalid checksum digest length",
            ),
            (
                "busybox@sha256:7CC4B5AEFD1D0CADF8D97D4350462BA51C694EBCA145B08D7D41B41ACC8DB5AA",
                "invalid checksum digest format",
            ),
            (
                "7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa",
                "invalid repository name (7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa), cannot specify 64-byte hexadecimal strings",
            ),
        ] {
            assert_eq!(p(bad), Err(err.to_string()), "{bad}");
        }
        let long = format!("example.com/{}", "a".repeat(256));
        assert_eq!(
            p(&long),
            Err("repository name must not be more than 255 characters".into())
        );
        assert_eq!(p(&format!("example.com/{}", "a".repeat(255))), Ok(()));
        // `a_b.c` is no domain: the whole name is the path.
        assert_eq!(
            p(&format!("a_b.c/{}", "a".repeat(250))),
            Err("repository name must not be more than 255 characters".into())
        );
        // An algorithm go-digest cannot read (capitals) is a bad format, not an unsupported one.
        assert_eq!(
            p(&format!("busybox:1@SHA256:{}", "a".repeat(64))),
            Err("invalid checksum digest format".into())
        );
    }
}
