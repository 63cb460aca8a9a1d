//! Manifests in, API-server messages (with line and column) out.

use ctrlscope::api::{IntOrString, Object};
use ctrlscope::manifest::*;

/// Joins lines; line N of the document is `lines[N - 1]`.
fn y(lines: &[&str]) -> String {
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

fn errors(src: &str) -> Vec<ManifestError> {
    match parse_documents(src) {
        Ok(docs) => panic!("expected errors, parsed {} object(s)", docs.len()),
        Err(e) => e,
    }
}

/// Exactly one error, with this message at this place.
fn one(src: &str, line: usize, column: usize, message: &str) {
    let errs = errors(src);
    assert_eq!(errs.len(), 1, "expected one error, got: {errs:#?}");
    assert_eq!(errs[0].message, message);
    assert_eq!(
        (errs[0].line, errs[0].column),
        (line, column),
        "{}",
        errs[0]
    );
}

/// Each error as `line:col: message`, in order.
fn placed(errs: &[ManifestError]) -> Vec<String> {
    errs.iter()
        .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
        .collect()
}

/// Among the errors, one with this message at this place.
fn has(errs: &[ManifestError], line: usize, column: usize, message: &str) {
    assert!(
        errs.iter()
            .any(|e| e.message == message && (e.line, e.column) == (line, column)),
        "no {line}:{column}: {message}\nin: {errs:#?}"
    );
}

fn parse_one(src: &str) -> Object {
    match parse_manifests(src) {
        Ok(mut v) => {
            assert_eq!(v.len(), 1);
            v.remove(0)
        }
        Err(e) => panic!("unexpected errors: {e:#?}"),
    }
}

// --- the seed lecture's examples ---------------------------------------------------------------

const PI: &str = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
"#;

const PARALLEL: &str = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: parallel-pi
spec:
  completions: 8
  parallelism: 2
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
"#;

const HELLO: &str = r#"apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure
"#;

const FLUENTD: &str = r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd-elasticsearch
  namespace: kube-system
  labels:
    k8s-app: fluentd-logging
spec:
  selector:
    matchLabels:
      name: fluentd-elasticsearch
  template:
    metadata:
      labels:
        name: fluentd-elasticsearch
    spec:
      tolerations:
      # these tolerations are to have the daemonset runnable on control plane nodes
      # remove them if your control plane nodes should not run pods
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      - key: node-role.kubernetes.io/master
        operator: Exists
        effect: NoSchedule
      containers:
      - name: fluentd-elasticsearch
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
        resources:
          limits:
            memory: 200Mi
          requests:
            cpu: 100m
            memory: 200Mi
        volumeMounts:
        - name: varlog
          mountPath: /var/log
      # it may be desirable to set a high priority class to ensure that a DaemonSet Pod
      # preempts running Pods
      # priorityClassName: important
      terminationGracePeriodSeconds: 30
      volumes:
      - name: varlog
        hostPath:
          path: /var/log
"#;

const NODE: &str = r#"apiVersion: v1
kind: Node
metadata:
  name: worker-1
  labels:
    kubernetes.io/hostname: worker-1
spec:
  taints:
  - key: dedicated
    value: gpu
    effect: NoSchedule
"#;

#[test]
fn lecture_job_pi_is_accepted_and_defaulted() {
    let Object::Job(job) = parse_one(PI) else {
        panic!()
    };
    assert_eq!(job.metadata.name, "pi");
    assert_eq!(job.metadata.namespace, "default");
    let s = &job.spec;
    assert_eq!((s.completions, s.parallelism), (Some(1), Some(1)));
    assert_eq!(s.backoff_limit, Some(4));
    assert_eq!(s.completion_mode.as_deref(), Some("NonIndexed"));
    assert_eq!(s.suspend, Some(false));
    assert_eq!(s.manual_selector, None);
    assert_eq!(s.selector, None);
    let pod = &s.template.spec;
    assert_eq!(pod.restart_policy, "Never");
    assert_eq!(pod.termination_grace_period_seconds, Some(30));
    assert_eq!(pod.containers[0].command[3], "print bpi(2000)");
}

#[test]
fn lecture_parallel_job_is_accepted() {
    let Object::Job(job) = parse_one(PARALLEL) else {
        panic!()
    };
    assert_eq!(
        (job.spec.completions, job.spec.parallelism),
        (Some(8), Some(2))
    );
    assert_eq!(job.spec.backoff_limit, Some(6));
}

#[test]
fn lecture_cronjob_hello_is_accepted_and_defaulted() {
    let Object::CronJob(cj) = parse_one(HELLO) else {
        panic!()
    };
    let s = &cj.spec;
    assert_eq!(s.schedule, "*/1 * * * *");
    assert_eq!(s.concurrency_policy, "Allow");
    assert_eq!(s.suspend, Some(false));
    assert_eq!(s.successful_jobs_history_limit, Some(3));
    assert_eq!(s.failed_jobs_history_limit, Some(1));
    // SetDefaults_CronJob leaves the Job fields of the template unset (the controller defaults
    // each Job it creates); only the pod template is defaulted.
    let js = &s.job_template.spec;
    assert_eq!(
        (js.completions, js.parallelism, js.backoff_limit),
        (None, None, None)
    );
    let c = &js.template.spec.containers[0];
    assert_eq!(c.command[2], "date; echo Hello from the Kubernetes cluster");
    // Written as the default for busybox:1.28 is, so stored as left out (kubectl shows it).
    assert_eq!(c.other.get("imagePullPolicy"), None);
    assert_eq!(js.template.spec.restart_policy, "OnFailure");
}

#[test]
fn lecture_fluentd_daemonset_is_accepted_and_defaulted() {
    let Object::DaemonSet(ds) = parse_one(FLUENTD) else {
        panic!()
    };
    assert_eq!(ds.metadata.namespace, "kube-system");
    let s = &ds.spec;
    assert_eq!(s.update_strategy.type_, "RollingUpdate");
    let ru = s.update_strategy.rolling_update.as_ref().unwrap();
    assert_eq!(ru.max_unavailable, Some(IntOrString::Int(1)));
    assert_eq!(ru.max_surge, Some(IntOrString::Int(0)));
    assert_eq!(s.revision_history_limit, Some(10));
    assert_eq!(s.min_ready_seconds, 0);
    let pod = &s.template.spec;
    assert_eq!(pod.restart_policy, "Always");
    assert_eq!(pod.tolerations.len(), 2);
    assert_eq!(
        pod.tolerations[0].key,
        "node-role.kubernetes.io/control-plane"
    );
    assert_eq!(pod.tolerations[0].operator, "Exists");
    let c = &pod.containers[0];
    assert_eq!(c.other["resources"]["limits"]["memory"], "200Mi");
    assert_eq!(c.other["resources"]["requests"]["cpu"], "100m");
    assert_eq!(c.other["volumeMounts"][0]["mountPath"], "/var/log");
    assert_eq!(pod.other["volumes"][0]["hostPath"]["path"], "/var/log");
}

#[test]
fn node_is_accepted() {
    let Object::Node(node) = parse_one(NODE) else {
        panic!()
    };
    assert_eq!(node.metadata.namespace, "");
    assert_eq!(node.spec.taints[0].to_string(), "dedicated=gpu:NoSchedule");
}

#[test]
fn all_seeds_in_one_stream() {
    let src = format!(
        "{PI}---\n{PARALLEL}---\n# only a comment\n---\n{HELLO}\n---\n{FLUENTD}---\n{NODE}...\n"
    );
    let docs = parse_documents(&src).unwrap();
    assert_eq!(docs.len(), 5);
    let kinds: Vec<_> = docs.iter().map(|d| d.object.kind().as_str()).collect();
    assert_eq!(kinds, ["Job", "Job", "CronJob", "DaemonSet", "Node"]);
}

// --- the lecture's mistakes --------------------------------------------------------------------

#[test]
fn lecture_mistake_job_with_restart_policy_always() {
    // The API server (since Kubernetes 1.20, PR #95747) reports Always as "not chosen".
    let src = PI.replace("restartPolicy: Never", "restartPolicy: Always");
    one(
        &src,
        12,
        22,
        "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"",
    );
}

#[test]
fn job_without_restart_policy_is_defaulted_to_always_then_rejected() {
    let src = PI.replace("      restartPolicy: Never\n", "");
    // Points at the pod spec mapping the field is missing from.
    one(
        &src,
        8,
        7,
        "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"",
    );
}

#[test]
fn lecture_mistake_concurrency_policy_true() {
    // `true` is a YAML boolean: the strict JSON decoder rejects it before validation runs.
    let src = HELLO.replace(
        "  jobTemplate:",
        "  concurrencyPolicy: true\n  jobTemplate:",
    );
    one(
        &src,
        7,
        22,
        "CronJob in version \"v1\" cannot be handled as a CronJob: json: cannot unmarshal bool into Go struct field CronJobSpec.spec.concurrencyPolicy of type v1.ConcurrencyPolicy",
    );
}

#[test]
fn lecture_mistake_jobs_history_limit_is_an_unknown_field() {
    let src = HELLO.replace("  jobTemplate:", "  jobsHistoryLimit: 3\n  jobTemplate:");
    one(&src, 7, 3, "CronJob in version \"v1\" cannot be handled as a CronJob: strict decoding error: unknown field \"spec.jobsHistoryLimit\"");
}

#[test]
fn lecture_mistake_schedule_with_leading_slash() {
    let src = HELLO.replace("\"*/1 * * * *\"", "\"/*/1 * * * *\"");
    // The robfig/cron message comes from crate::cron; while that module is a stub that accepts
    // everything, only check that nothing else is reported.
    match ctrlscope::cron::parse_standard("/*/1 * * * *") {
        Err(msg) => one(
            &src,
            6,
            13,
            &format!("spec.schedule: Invalid value: \"/*/1 * * * *\": {msg}"),
        ),
        Ok(_) => assert!(parse_documents(&src).is_ok()),
    }
}

// --- decoding ----------------------------------------------------------------------------------

#[test]
fn type_error_for_an_integer_field() {
    let src = y(&[
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata:",
        "  name: pi",
        "spec:",
        "  parallelism: two",
        "  template:",
        "    spec:",
        "      containers:",
        "      - name: pi",
        "        image: perl",
        "      restartPolicy: Never",
    ]);
    one(
        &src,
        6,
        16,
        "Job in version \"v1\" cannot be handled as a Job: json: cannot unmarshal string into Go struct field JobSpec.spec.parallelism of type int32",
    );
}

#[test]
fn type_errors_for_fractions_overflow_and_label_values() {
    let src = y(&[
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata:",
        "  name: pi",
        "spec:",
        "  completions: 2.5",
        "  backoffLimit: 99999999999",
        "  template:",
        "    metadata:",
        "      labels:",
        "        version: 1",
        "    spec:",
        "      containers:",
        "      - name: pi",
        "        image: perl",
        "        env:",
        "        - name: DEBUG",
        "          value: yes",
        "      restartPolicy: Never",
    ]);
    let errs = errors(&src);
    assert_eq!(errs.len(), 4, "{errs:#?}");
    has(&errs, 6, 16, "Job in version \"v1\" cannot be handled as a Job: json: cannot unmarshal number 2.5 into Go struct field JobSpec.spec.completions of type int32");
    has(&errs, 7, 17, "Job in version \"v1\" cannot be handled as a Job: json: cannot unmarshal number 99999999999 into Go struct field JobSpec.spec.backoffLimit of type int32");
    has(&errs, 11, 18, "Job in version \"v1\" cannot be handled as a Job: json: cannot unmarshal number into Go struct field ObjectMeta.spec.template.metadata.labels of type string");
    // go-yaml v2 reads `yes` as a boolean (YAML 1.1).
    has(&errs, 18, 18, "Job in version \"v1\" cannot be handled as a Job: json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string");
}

#[test]
fn float_that_is_an_integer_is_accepted() {
    let src = PARALLEL.replace("completions: 8", "completions: 8.0");
    let Object::Job(job) = parse_one(&src) else {
        panic!()
    };
    assert_eq!(job.spec.completions, Some(8));
}

#[test]
fn quoted_numbers_stay_strings() {
    let src = PI.replace("  backoffLimit: 4", "  backoffLimit: \"4\"");
    one(&src, 13, 17, "Job in version \"v1\" cannot be handled as a Job: json: cannot unmarshal string into Go struct field JobSpec.spec.backoffLimit of type int32");
}

#[test]
fn unknown_field_in_a_container() {
    let src = PI.replace("        image: perl:5.34.0", "        imagee: perl:5.34.0");
    let errs = errors(&src);
    // Decoding errors stop the document before validation (no "image: Required value").
    assert_eq!(errs.len(), 1, "{errs:#?}");
    has(
        &errs,
        10,
        9,
        "Job in version \"v1\" cannot be handled as a Job: strict decoding error: unknown field \"spec.template.spec.containers[0].imagee\"",
    );
}

#[test]
fn unknown_fields_everywhere_are_all_reported() {
    let src = y(&[
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata:",
        "  name: pi",
        "  lables: {a: b}",
        "spec:",
        "  template:",
        "    spec:",
        "      restartpolicy: Never",
        "      containers:",
        "      - name: pi",
        "        image: perl",
        "        resources:",
        "          limit: {cpu: 1}",
        "        volumeMounts:",
        "        - name: x",
        "          mountpath: /x",
        "specs: {}",
    ]);
    let errs = errors(&src);
    assert_eq!(errs.len(), 5, "{errs:#?}");
    has(&errs, 5, 3, "Job in version \"v1\" cannot be handled as a Job: strict decoding error: unknown field \"metadata.lables\"");
    has(
        &errs,
        9,
        7,
        "Job in version \"v1\" cannot be handled as a Job: strict decoding error: unknown field \"spec.template.spec.restartpolicy\"",
    );
    has(
        &errs,
        14,
        11,
        "Job in version \"v1\" cannot be handled as a Job: strict decoding error: unknown field \"spec.template.spec.containers[0].resources.limit\"",
    );
    has(
        &errs,
        17,
        11,
        "Job in version \"v1\" cannot be handled as a Job: strict decoding error: unknown field \"spec.template.spec.containers[0].volumeMounts[0].mountpath\"",
    );
    has(&errs, 18, 1, "Job in version \"v1\" cannot be handled as a Job: strict decoding error: unknown field \"specs\"");
}

#[test]
fn real_pod_spec_and_container_fields_are_kept() {
    let src = PI.replace(
        "      restartPolicy: Never",
        "      restartPolicy: Never\n      serviceAccountName: runner\n      securityContext:\n        runAsNonRoot: true\n      dnsPolicy: ClusterFirst",
    )
    .replace(
        "        image: perl:5.34.0",
        "        image: perl:5.34.0\n        imagePullPolicy: Always\n        workingDir: /w\n        ports:\n        - containerPort: 8080\n          name: http\n        env:\n        - name: A\n          value: \"1\"\n        securityContext:\n          readOnlyRootFilesystem: true",
    );
    let Object::Job(job) = parse_one(&src) else {
        panic!()
    };
    let pod = &job.spec.template.spec;
    assert_eq!(pod.other["serviceAccountName"], "runner");
    assert_eq!(pod.other["securityContext"]["runAsNonRoot"], true);
    let c = &pod.containers[0];
    assert_eq!(c.other["ports"][0]["containerPort"], 8080);
    assert_eq!(c.env[0].value.as_deref(), Some("1"));
    assert_eq!(c.other["imagePullPolicy"], "Always");
}

#[test]
fn status_is_accepted_and_ignored() {
    let src = format!("{PI}status:\n  succeeded: 3\n");
    let Object::Job(job) = parse_one(&src) else {
        panic!()
    };
    assert_eq!(job.status.succeeded, 0);
}

#[test]
fn pod_is_not_supported() {
    let src = y(&["apiVersion: v1", "kind: Pod", "metadata:", "  name: p"]);
    one(
        &src,
        2,
        7,
        "kind \"Pod\" is not supported here: CtrlScope simulates Job, CronJob, DaemonSet and Node objects",
    );
}

#[test]
fn unknown_kind_and_wrong_version() {
    let src = y(&[
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: d",
    ]);
    one(
        &src,
        2,
        7,
        "no matches for kind \"Deployment\" in version \"apps/v1\": CtrlScope simulates batch/v1 Job and CronJob, apps/v1 DaemonSet and v1 Node objects",
    );
    let src = HELLO.replace("batch/v1", "batch/v1beta1");
    let errs = errors(&src);
    assert_eq!(errs.len(), 1);
    assert!(errs[0]
        .message
        .starts_with("no matches for kind \"CronJob\" in version \"batch/v1beta1\""));
    assert_eq!((errs[0].line, errs[0].column), (1, 13));
}

/// A kind no cluster serves at that version is kubectl's refusal (its REST mapper,
/// apimachinery meta.NoKindMatchError), in kubectl's words, not CtrlScope's: kinds are
/// case-sensitive, and a built-in kind at another group's version is unknown too.
#[test]
fn kinds_no_cluster_serves_are_refused_in_kubectls_words() {
    let mut job = HELLO.replace("kind: CronJob", "kind: cronjob");
    one(
        &job,
        2,
        7,
        "no matches for kind \"cronjob\" in version \"batch/v1\"",
    );
    let e = errors(&job).remove(0);
    assert!(!ctrlscope::manifest::zh::ctrlscope_refusal(&e));
    let note = ctrlscope::manifest::lecture::note(&e, Some("kind: cronjob")).unwrap();
    assert!(
        note.en.starts_with("Kinds are case-sensitive"),
        "{}",
        note.en
    );
    // A built-in kind at a version that does not serve it: the apiVersion is what is wrong.
    job = y(&[
        "apiVersion: v1",
        "kind: Deployment",
        "metadata:",
        "  name: d",
    ]);
    one(
        &job,
        1,
        13,
        "no matches for kind \"Deployment\" in version \"v1\"",
    );
    let e = errors(&job).remove(0);
    assert_eq!(
        ctrlscope::manifest::lecture::note(&e, Some("apiVersion: v1")),
        None
    );
    // A Pod of apps/v1 exists nowhere; a Pod of v1 is CtrlScope's refusal.
    job = y(&["apiVersion: apps/v1", "kind: Pod", "metadata:", "  name: p"]);
    one(
        &job,
        1,
        13,
        "no matches for kind \"Pod\" in version \"apps/v1\"",
    );
    job = y(&[
        "apiVersion: example.com/v1",
        "kind: Widget",
        "metadata:",
        "  name: w",
    ]);
    one(
        &job,
        2,
        7,
        "no matches for kind \"Widget\" in version \"example.com/v1\"",
    );
}

/// kubectl checks that the type is named before it sends anything (kubectl/pkg/util/openapi/
/// validation getObjectKind, wrapped by cli-runtime resource.ValidateSchema).
#[test]
fn missing_kind_is_reported_like_kubectl() {
    let stop = "; if you choose to ignore these errors, turn validation off with --validate=false";
    let src = y(&["apiVersion: batch/v1", "metadata:", "  name: x"]);
    one(
        &src,
        1,
        1,
        &format!("error validating data: kind not set{stop}"),
    );
    let src = y(&["kind: Job", "metadata:", "  name: x"]);
    one(
        &src,
        1,
        1,
        &format!("error validating data: apiVersion not set{stop}"),
    );
    let src = y(&["metadata:", "  name: x"]);
    one(
        &src,
        1,
        1,
        &format!("error validating data: [apiVersion not set, kind not set]{stop}"),
    );
    let src = y(&["apiVersion: 1", "kind: Job"]);
    one(
        &src,
        1,
        13,
        &format!("error validating data: apiVersion isn't string type{stop}"),
    );
    let src = y(&["apiVersion: batch/v1/x", "kind: Job"]);
    one(
        &src,
        1,
        13,
        &format!("error validating data: unexpected GroupVersion string: batch/v1/x{stop}"),
    );
    // An empty kind is named: the decoder refuses it.
    let src = y(&[
        "apiVersion: batch/v1",
        "kind: \"\"",
        "metadata:",
        "  name: x",
    ]);
    one(
        &src,
        1,
        1,
        "Object 'Kind' is missing in '{\"apiVersion\":\"batch/v1\",\"kind\":\"\",\"metadata\":{\"name\":\"x\"}}'",
    );
}

/// A key given twice: kubectl converts YAML to JSON keeping the last value (sigs.k8s.io/yaml;
/// kubernetes#125885, kubectl 1.27 with strict field validation), so the earlier one is dropped
/// without an error. CtrlScope keeps the last too, and says so.
#[test]
fn a_key_given_twice_keeps_the_last_value_and_is_noted() {
    let src = PI.replace("  name: pi\n", "  name: pi\n  name: pi2\n");
    let docs = parse_documents(&src).expect("accepted, as kubectl accepts it");
    assert_eq!(docs[0].object.name(), "pi2");
    assert_eq!(docs[0].duplicates, [(5, "name".to_string(), 4)]);
    assert_eq!(
        duplicate_note(4, "name", 3),
        "line 4: \"name\" is given again (also at line 3): kubectl keeps the last one and silently drops the one at line 3"
    );
    // Two `containers:` lists: only the last one's container runs.
    let src = PI.replace(
        "      restartPolicy: Never\n",
        "      restartPolicy: Never\n      containers:\n      - name: second\n        image: busybox\n",
    );
    let docs = parse_documents(&src).expect("accepted");
    let Object::Job(job) = &docs[0].object else {
        panic!("a Job")
    };
    let names: Vec<&str> = job
        .spec
        .template
        .spec
        .containers
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["second"]);
}

#[test]
fn syntax_error_has_the_scanner_position() {
    let src = y(&["apiVersion: batch/v1", "kind: Job", "metadata: name: pi"]);
    let errs = errors(&src);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].line, 3);
    assert!(
        errs[0]
            .message
            .starts_with("yaml: line 3: mapping values are not allowed in this context"),
        "{}",
        errs[0]
    );
}

#[test]
fn anchors_and_aliases_are_resolved() {
    let src = y(&[
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata:",
        "  name: pi",
        "  labels: &l {app: pi}",
        "spec:",
        "  template:",
        "    metadata:",
        "      labels: *l",
        "    spec:",
        "      containers:",
        "      - name: pi",
        "        image: perl",
        "      restartPolicy: Never",
    ]);
    let Object::Job(job) = parse_one(&src) else {
        panic!()
    };
    assert_eq!(job.spec.template.metadata.labels["app"], "pi");
}

#[test]
fn non_string_keys_and_bad_documents() {
    // go-yaml v2 decode.go `mapping` cannot use a list or a map as a key; sigs.k8s.io/yaml
    // convertToJSONableObject refuses a null one, printing the value as Go's %#v.
    let errs = errors("? [a]\n: b\n");
    assert_eq!(
        errs[0].message,
        "yaml: invalid map key: []interface {}{\"a\"}"
    );
    let errs = errors("a: 1\nnull: {a: ~, b: [1, \"x\\ty\"]}\n");
    assert_eq!(
        (errs[0].line, errs[0].column, errs[0].message.as_str()),
        (2, 1, "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: map[interface {}]interface {}{\"a\":interface {}(nil), \"b\":[]interface {}{1, \"x\\ty\"}}")
    );
    let errs = errors("a: 1\n~: 1e30\n");
    assert_eq!(
        errs[0].message,
        "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: 1e+30"
    );
    let errs = errors("just a string\n");
    assert_eq!(
        errs[0].message,
        "json: cannot unmarshal string into Go value of type map[string]interface {}"
    );
}

// --- metadata ----------------------------------------------------------------------------------

const DNS1123_SUBDOMAIN: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1123_LABEL: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

#[test]
fn name_must_be_a_dns_subdomain() {
    let src = PI.replace("name: pi\nspec", "name: Pi_1\nspec");
    one(
        &src,
        4,
        9,
        &format!("metadata.name: Invalid value: \"Pi_1\": {DNS1123_SUBDOMAIN}"),
    );
}

#[test]
fn name_is_required() {
    let src = PI.replace("  name: pi\nspec", "  labels: {a: b}\nspec");
    one(
        &src,
        4,
        3,
        "metadata.name: Required value: name or generateName is required",
    );
}

#[test]
fn job_name_longer_than_63_fails_the_job_name_label() {
    let name = "a".repeat(64);
    let src = PI.replace("name: pi\nspec", &format!("name: {name}\nspec"));
    one(
        &src,
        4,
        9,
        &format!(
            "spec.template.labels: Invalid value: \"{name}\": must be no more than 63 characters"
        ),
    );
}

#[test]
fn namespace_must_be_a_dns_label() {
    let src = PI.replace("  name: pi\n", "  name: pi\n  namespace: My.NS\n");
    one(
        &src,
        5,
        14,
        &format!("metadata.namespace: Invalid value: \"My.NS\": {DNS1123_LABEL}"),
    );
}

#[test]
fn template_label_keys_and_values() {
    let src = y(&[
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata:",
        "  name: pi",
        "spec:",
        "  template:",
        "    metadata:",
        "      labels:",
        "        bad key: x",
        "        tier: -backend",
        "      annotations:",
        "        example.com/a/b: x",
        "    spec:",
        "      containers:",
        "      - name: pi",
        "        image: perl",
        "      restartPolicy: Never",
    ]);
    let errs = errors(&src);
    // The Job's own labels default to the template's (SetDefaults_Job), so they fail too,
    // reported where they were written.
    assert_eq!(errs.len(), 5, "{errs:#?}");
    has(&errs, 9, 9, "metadata.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    has(&errs, 10, 15, "metadata.labels: Invalid value: \"-backend\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    has(&errs, 9, 9, "spec.template.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    has(&errs, 10, 15, "spec.template.labels: Invalid value: \"-backend\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    has(&errs, 12, 9, "spec.template.annotations: Invalid value: \"example.com/a/b\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
}

#[test]
fn job_labels_default_to_the_template_labels() {
    let src = PI.replace(
        "    spec:\n      containers",
        "    metadata:\n      labels: {app: pi}\n    spec:\n      containers",
    );
    let Object::Job(job) = parse_one(&src) else {
        panic!()
    };
    assert_eq!(job.metadata.labels["app"], "pi");
}

// --- Job spec ----------------------------------------------------------------------------------

fn job_with(spec_lines: &[&str]) -> String {
    let mut lines = vec![
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata:",
        "  name: pi",
        "spec:",
    ];
    lines.extend_from_slice(spec_lines);
    lines.extend_from_slice(&[
        "  template:",
        "    spec:",
        "      containers:",
        "      - name: pi",
        "        image: perl",
        "      restartPolicy: Never",
    ]);
    y(&lines)
}

#[test]
fn job_counts_must_not_be_negative() {
    let src = job_with(&[
        "  parallelism: -1",
        "  completions: -2",
        "  activeDeadlineSeconds: -3",
        "  backoffLimit: -4",
        "  ttlSecondsAfterFinished: -5",
    ]);
    let errs = errors(&src);
    assert_eq!(errs.len(), 5, "{errs:#?}");
    has(
        &errs,
        6,
        16,
        "spec.parallelism: Invalid value: -1: must be greater than or equal to 0",
    );
    has(
        &errs,
        7,
        16,
        "spec.completions: Invalid value: -2: must be greater than or equal to 0",
    );
    has(
        &errs,
        8,
        26,
        "spec.activeDeadlineSeconds: Invalid value: -3: must be greater than or equal to 0",
    );
    has(
        &errs,
        9,
        17,
        "spec.backoffLimit: Invalid value: -4: must be greater than or equal to 0",
    );
    has(
        &errs,
        10,
        28,
        "spec.ttlSecondsAfterFinished: Invalid value: -5: must be greater than or equal to 0",
    );
}

#[test]
fn work_queue_job_keeps_completions_unset() {
    let Object::Job(job) = parse_one(&job_with(&["  parallelism: 3"])) else {
        panic!()
    };
    assert_eq!(
        (job.spec.completions, job.spec.parallelism),
        (None, Some(3))
    );
    let Object::Job(job) = parse_one(&job_with(&["  completions: 5"])) else {
        panic!()
    };
    assert_eq!(
        (job.spec.completions, job.spec.parallelism),
        (Some(5), Some(1))
    );
}

#[test]
fn completion_mode_rules() {
    one(
        &job_with(&["  completionMode: Sideways"]),
        6,
        19,
        "spec.completionMode: Unsupported value: \"Sideways\": supported values: \"NonIndexed\", \"Indexed\"",
    );
    one(
        &job_with(&["  parallelism: 2", "  completionMode: Indexed"]),
        7,
        19,
        "spec.completions: Required value: when completion mode is Indexed",
    );
    one(
        &job_with(&["  parallelism: 100001", "  completions: 5", "  completionMode: Indexed"]),
        6,
        16,
        "spec.parallelism: Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed",
    );
    let src = job_with(&["  completions: 5", "  completionMode: Indexed"])
        .replace("name: pi\nspec", "name: a.b\nspec");
    one(&src, 4, 9, "metadata.name: Invalid value: \"a.b\": will not able to create pod with invalid DNS label: a.b-4");
    let Object::Job(job) = parse_one(&job_with(&[
        "  completions: 5",
        "  completionMode: Indexed",
    ])) else {
        panic!()
    };
    assert!(job.spec.is_indexed());
}

#[test]
fn unsupported_restart_policy_fails_twice() {
    let src = PI.replace("restartPolicy: Never", "restartPolicy: Sometimes");
    let errs = errors(&src);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    has(&errs, 12, 22, "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
    has(&errs, 12, 22, "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"OnFailure\", \"Never\"");
}

#[test]
fn manual_selector_rules() {
    let src = job_with(&[
        "  manualSelector: true",
        "  selector:",
        "    matchLabels:",
        "      app: pi",
    ]);
    // The template has no labels: the selector does not select its pods.
    one(&src, 11, 5, "spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`");
    // ValidateJobSpec: Required, and the nil selector (labels.Nothing()) matches nothing.
    let errs = errors(&job_with(&["  manualSelector: true"]));
    assert_eq!(errs.len(), 2, "{errs:#?}");
    has(&errs, 6, 3, "spec.selector: Required value");
    has(&errs, 8, 5, "spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`");
    let src = job_with(&["  selector:", "    matchLabels:", "      app: pi"]);
    let errs = errors(&src);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    // generateSelector (pkg/registry/batch/job/strategy.go) has added the uid and job-name
    // labels before validation, so the printed values hold them; the uid is not made yet.
    has(&errs, 10, 5, "spec.template.metadata.labels: Invalid value: {\"batch.kubernetes.io/controller-uid\":\"(uid of the new Job)\",\"batch.kubernetes.io/job-name\":\"pi\",\"controller-uid\":\"(uid of the new Job)\",\"job-name\":\"pi\"}: `selector` does not match template `labels`");
    has(&errs, 7, 5, "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"pi\",\"batch.kubernetes.io/controller-uid\":\"(uid of the new Job)\"}}: `selector` not auto-generated");
}

#[test]
fn selector_expressions_are_validated() {
    let src = job_with(&[
        "  manualSelector: true",
        "  selector:",
        "    matchExpressions:",
        "    - key: app",
        "      operator: In",
        "    - key: tier",
        "      operator: Near",
    ]);
    let errs = errors(&src);
    has(&errs, 9, 7, "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
    has(&errs, 12, 17, "spec.selector.matchExpressions[1].operator: Invalid value: \"Near\": not a valid selector operator");
}

#[test]
fn containers_are_required() {
    let src = PI.replace(
        "      containers:\n      - name: pi\n        image: perl:5.34.0\n        command: [\"perl\",  \"-Mbignum=bpi\", \"-wle\", \"print bpi(2000)\"]\n",
        "      containers: []\n",
    );
    one(&src, 8, 19, "spec.template.spec.containers: Required value");
}

#[test]
fn container_name_and_image_rules() {
    let src = y(&[
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata:",
        "  name: pi",
        "spec:",
        "  template:",
        "    spec:",
        "      containers:",
        "      - image: perl",
        "      - name: Pi_1",
        "        image: perl",
        "      - name: pi",
        "      - name: pi",
        "        image: perl",
        "      restartPolicy: Never",
    ]);
    let errs = errors(&src);
    assert_eq!(errs.len(), 4, "{errs:#?}");
    has(
        &errs,
        9,
        9,
        "spec.template.spec.containers[0].name: Required value",
    );
    has(
        &errs,
        10,
        15,
        &format!("spec.template.spec.containers[1].name: Invalid value: \"Pi_1\": {DNS1123_LABEL}"),
    );
    has(
        &errs,
        12,
        9,
        "spec.template.spec.containers[2].image: Required value",
    );
    has(
        &errs,
        13,
        15,
        "spec.template.spec.containers[3].name: Duplicate value: \"pi\"",
    );
}

#[test]
fn container_ports_env_and_pull_policy() {
    let src = PI.replace(
        "        image: perl:5.34.0\n",
        "        image: perl:5.34.0\n        imagePullPolicy: Sometimes\n        ports:\n        - containerPort: 70000\n          protocol: HTTP\n        env:\n        - name: A=B\n",
    );
    let errs = errors(&src);
    assert_eq!(errs.len(), 4, "{errs:#?}");
    has(&errs, 11, 26, "spec.template.spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"");
    has(&errs, 13, 26, "spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive");
    has(&errs, 14, 21, "spec.template.spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
    has(&errs, 16, 17, "spec.template.spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='");
}

#[test]
fn volume_names_must_be_unique() {
    let src = FLUENTD.replace(
        "          path: /var/log\n",
        "          path: /var/log\n      - name: varlog\n        emptyDir: {}\n",
    );
    one(
        &src,
        46,
        15,
        "spec.template.spec.volumes[1].name: Duplicate value: \"varlog\"",
    );
}

#[test]
fn node_selector_and_tolerations() {
    let src = y(&[
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata:",
        "  name: pi",
        "spec:",
        "  template:",
        "    spec:",
        "      nodeSelector:",
        "        disk: fast ssd",
        "      tolerations:",
        "      - key: k",
        "        operator: Exists",
        "        value: v",
        "        effect: NoSchedule",
        "      - key: k",
        "        operator: Maybe",
        "        effect: NoWay",
        "      - operator: Equal",
        "        value: x",
        "      containers:",
        "      - name: pi",
        "        image: perl",
        "      restartPolicy: Never",
    ]);
    let errs = errors(&src);
    assert_eq!(errs.len(), 5, "{errs:#?}");
    has(&errs, 9, 15, "spec.template.spec.nodeSelector: Invalid value: \"fast ssd\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    has(&errs, 13, 16, "spec.template.spec.tolerations[0].operator: Invalid value: {\"Key\":\"k\",\"Operator\":\"Exists\",\"Value\":\"v\",\"Effect\":\"NoSchedule\",\"TolerationSeconds\":null}: value must be empty when `operator` is 'Exists'");
    has(&errs, 16, 19, "spec.template.spec.tolerations[1].operator: Unsupported value: \"Maybe\": supported values: \"Equal\", \"Exists\"");
    has(&errs, 17, 17, "spec.template.spec.tolerations[1].effect: Unsupported value: \"NoWay\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"");
    has(&errs, 18, 19, "spec.template.spec.tolerations[2].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
}

#[test]
fn node_affinity_requires_terms() {
    let src = PI.replace(
        "      restartPolicy: Never",
        "      restartPolicy: Never\n      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms: []",
    );
    one(&src, 16, 32, "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term");
}

#[test]
fn simulation_hints_are_validated_at_their_annotation() {
    let src = PI.replace(
        "    spec:\n      containers",
        "    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: soon\n    spec:\n      containers",
    );
    let msg = ctrlscope::api::parse_duration("soon").unwrap_err();
    one(
        &src,
        9,
        37,
        &format!("spec.template.metadata.annotations[sim.ctrlscope.dev/duration]: Invalid value: \"soon\": {msg}"),
    );
    let src = HELLO.replace(
        "      template:\n        spec:",
        "      template:\n        metadata:\n          annotations:\n            sim.ctrlscope.dev/exit-codes: \"1,x\"\n        spec:",
    );
    let errs = errors(&src);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(errs[0].message.starts_with(
        "spec.jobTemplate.spec.template.metadata.annotations[sim.ctrlscope.dev/exit-codes]: Invalid value: \"1,x\": "
    ));
    assert_eq!((errs[0].line, errs[0].column), (12, 43));
}

// --- CronJob -----------------------------------------------------------------------------------

fn cron_with(spec_lines: &[&str]) -> String {
    let mut lines = vec![
        "apiVersion: batch/v1",
        "kind: CronJob",
        "metadata:",
        "  name: hello",
        "spec:",
    ];
    lines.extend_from_slice(spec_lines);
    lines.extend_from_slice(&[
        "  jobTemplate:",
        "    spec:",
        "      template:",
        "        spec:",
        "          containers:",
        "          - name: hello",
        "            image: busybox",
        "          restartPolicy: OnFailure",
    ]);
    y(&lines)
}

#[test]
fn cron_schedule_rules() {
    // Points at the spec mapping the field is missing from.
    one(&cron_with(&[]), 6, 3, "spec.schedule: Required value");
    let errs = errors(&cron_with(&["  schedule: \"TZ=UTC 0 * * * *\""]));
    has(&errs, 6, 13, "spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
}

/// `TZ=UTC` with nothing after the zone: robfig/cron v3.0.1 ParseStandard panics (slice
/// bounds, robfig/cron#470) inside validateScheduleFormat; the API server answers 500 and no
/// field error, not even the others of the document (here the bad name).
#[test]
fn a_tz_prefix_alone_panics_the_api_server() {
    for schedule in ["TZ=UTC", "TZ=", "CRON_TZ=UTC"] {
        let yaml = cron_with(&[&format!("  schedule: \"{schedule}\"")]).replacen(
            "name: ",
            "name: Bad_",
            1,
        );
        one(
            &yaml,
            6,
            13,
            "Error from server (InternalError): an error on the server (\"This request caused apiserver to panic. Look in the logs for details.\") has prevented the request from succeeding (post cronjobs.batch) (robfig/cron v3 panics on a TZ= prefix with no space after the zone)",
        );
    }
}

#[test]
fn cron_time_zone_rules() {
    let ok = cron_with(&["  schedule: \"0 * * * *\"", "  timeZone: Europe/Berlin"]);
    parse_one(&ok);
    one(
        &cron_with(&["  schedule: \"0 * * * *\"", "  timeZone: Mars/Olympus_Mons"]),
        7,
        13,
        "spec.timeZone: Invalid value: \"Mars/Olympus_Mons\": unknown time zone Mars/Olympus_Mons",
    );
    one(
        &cron_with(&["  schedule: \"0 * * * *\"", "  timeZone: Local"]),
        7,
        13,
        "spec.timeZone: Invalid value: \"Local\": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
    );
    // time.LoadLocation takes exactly "Local": another spelling is also an unknown zone.
    let messages: Vec<String> = errors(&cron_with(&[
        "  schedule: \"0 * * * *\"",
        "  timeZone: local",
    ]))
    .into_iter()
    .map(|e| e.message)
    .collect();
    assert_eq!(
        messages,
        [
            "spec.timeZone: Invalid value: \"local\": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
            "spec.timeZone: Invalid value: \"local\": unknown time zone local",
        ]
    );
    one(
        &cron_with(&["  schedule: \"0 * * * *\"", "  timeZone: \"\""]),
        7,
        13,
        "spec.timeZone: Invalid value: \"\": timeZone must be nil or non-empty string",
    );
}

#[test]
fn cron_policy_and_limits() {
    one(
        &cron_with(&["  schedule: \"0 * * * *\"", "  concurrencyPolicy: Sometimes"]),
        7,
        22,
        "spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\"",
    );
    let errs = errors(&cron_with(&[
        "  schedule: \"0 * * * *\"",
        "  startingDeadlineSeconds: -5",
        "  successfulJobsHistoryLimit: -1",
        "  failedJobsHistoryLimit: -1",
    ]));
    assert_eq!(errs.len(), 3, "{errs:#?}");
    has(
        &errs,
        7,
        28,
        "spec.startingDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0",
    );
    has(
        &errs,
        8,
        31,
        "spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
    );
    has(
        &errs,
        9,
        27,
        "spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
    );
}

#[test]
fn cron_name_at_most_52_characters() {
    let name = "c".repeat(53);
    let src = cron_with(&["  schedule: \"0 * * * *\""])
        .replace("name: hello\nspec", &format!("name: {name}\nspec"));
    one(
        &src,
        4,
        9,
        &format!("metadata.name: Invalid value: \"{name}\": must be no more than 52 characters"),
    );
}

#[test]
fn cron_job_template_is_validated_like_a_job() {
    let src = cron_with(&["  schedule: \"0 * * * *\""])
        .replace("          restartPolicy: OnFailure\n", "");
    one(&src, 11, 11, "spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"");
    let src = cron_with(&["  schedule: \"0 * * * *\""]).replace(
        "    spec:\n      template:",
        "    spec:\n      manualSelector: true\n      selector:\n        matchLabels: {a: b}\n      template:",
    );
    let errs = errors(&src);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    has(&errs, 11, 9, "spec.jobTemplate.spec.selector: Invalid value: {\"matchLabels\":{\"a\":\"b\"}}: `selector` will be auto-generated");
    has(&errs, 9, 23, "spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: \"nil\", \"false\"");
}

// --- DaemonSet ---------------------------------------------------------------------------------

#[test]
fn daemonset_restart_policy_must_be_always() {
    let src = FLUENTD.replace(
        "      terminationGracePeriodSeconds: 30",
        "      terminationGracePeriodSeconds: 30\n      restartPolicy: Never",
    );
    one(&src, 42, 22, "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");
}

#[test]
fn daemonset_selector_rules() {
    let src = FLUENTD.replace(
        "  selector:\n    matchLabels:\n      name: fluentd-elasticsearch\n",
        "",
    );
    // ValidateDaemonSetSpec has no Required check: only the mismatch.
    one(&src, 12, 9, "spec.template.metadata.labels: Invalid value: {\"name\":\"fluentd-elasticsearch\"}: `selector` does not match template `labels`");
    let src = FLUENTD.replace(
        "      name: fluentd-elasticsearch\n  template",
        "      name: fluentd\n  template",
    );
    one(&src, 15, 9, "spec.template.metadata.labels: Invalid value: {\"name\":\"fluentd-elasticsearch\"}: `selector` does not match template `labels`");
    let src = FLUENTD.replace(
        "  selector:\n    matchLabels:\n      name: fluentd-elasticsearch\n",
        "  selector: {}\n",
    );
    one(
        &src,
        9,
        13,
        "spec.selector: Invalid value: {}: empty selector is invalid for daemonset",
    );
}

fn ds_strategy(lines: &[&str]) -> String {
    let mut extra = String::new();
    for l in lines {
        extra.push_str(l);
        extra.push('\n');
    }
    FLUENTD.replace("spec:\n  selector:", &format!("spec:\n{extra}  selector:"))
}

#[test]
fn daemonset_update_strategy_rules() {
    one(
        &ds_strategy(&["  updateStrategy:", "    type: Recreate"]),
        10,
        11,
        "spec.updateStrategy: Unsupported value: {\"Type\":\"Recreate\",\"RollingUpdate\":null}: supported values: \"RollingUpdate\", \"OnDelete\"",
    );
    one(
        &ds_strategy(&["  updateStrategy:", "    rollingUpdate:", "      maxUnavailable: 0"]),
        11,
        23,
        "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
    );
    one(
        &ds_strategy(&["  updateStrategy:", "    rollingUpdate:", "      maxUnavailable: 150%"]),
        11,
        23,
        "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%",
    );
    one(
        &ds_strategy(&["  updateStrategy:", "    rollingUpdate:", "      maxSurge: 1"]),
        11,
        17,
        "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero",
    );
    let errs = errors(&ds_strategy(&[
        "  updateStrategy:",
        "    rollingUpdate:",
        "      maxUnavailable: lots",
    ]));
    assert_eq!(errs.len(), 2, "{errs:#?}");
    has(&errs, 11, 23, "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"lots\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
    has(&errs, 11, 23, "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0");
    let Object::DaemonSet(ds) =
        parse_one(&ds_strategy(&["  updateStrategy:", "    type: OnDelete"]))
    else {
        panic!()
    };
    assert_eq!(ds.spec.update_strategy.rolling_update, None);
    let Object::DaemonSet(ds) = parse_one(&ds_strategy(&[
        "  updateStrategy:",
        "    rollingUpdate:",
        "      maxUnavailable: 0",
        "      maxSurge: 25%",
    ])) else {
        panic!()
    };
    let ru = ds.spec.update_strategy.rolling_update.unwrap();
    assert_eq!(ru.max_surge, Some(IntOrString::String("25%".into())));
}

#[test]
fn daemonset_counts_must_not_be_negative() {
    let errs = errors(&ds_strategy(&[
        "  minReadySeconds: -1",
        "  revisionHistoryLimit: -2",
    ]));
    assert_eq!(errs.len(), 2, "{errs:#?}");
    has(
        &errs,
        9,
        20,
        "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
    );
    has(
        &errs,
        10,
        25,
        "spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0",
    );
}

// --- Node --------------------------------------------------------------------------------------

#[test]
fn node_taint_rules() {
    let src = NODE.replace(
        "    effect: NoSchedule\n",
        "    effect: NoSchedule\n  - key: dedicated\n    effect: NoSchedule\n  - key: x\n    effect: Sometimes\n  - key: z\n",
    );
    let errs = errors(&src);
    assert_eq!(errs.len(), 3, "{errs:#?}");
    // ValidateNode's path for taints starts at "metadata".
    has(&errs, 12, 5, "metadata.taints[1]: Duplicate value: {\"Key\":\"dedicated\",\"Value\":\"\",\"Effect\":\"NoSchedule\",\"TimeAdded\":null}: taints must be unique by key and effect pair");
    has(&errs, 15, 13, "metadata.taints[2].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"");
    has(&errs, 16, 5, "metadata.taints[3].effect: Required value");
}

#[test]
fn node_name_must_be_a_dns_subdomain() {
    let src = NODE.replace("name: worker-1", "name: Worker_1");
    one(
        &src,
        4,
        9,
        &format!("metadata.name: Invalid value: \"Worker_1\": {DNS1123_SUBDOMAIN}"),
    );
}

/// ValidateNode checks spec.podCIDRs, which the v1 conversion fills from podCIDR
/// (Convert_v1_NodeSpec_To_core_NodeSpec): each entry parses (IsValidCIDRForLegacyField) and
/// two are one per IP family.
#[test]
fn node_pod_cidrs_must_parse() {
    const BAD: &str = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";
    let with = |spec: &str| NODE.replace("spec:\n", &format!("spec:\n{spec}"));
    one(
        &with("  podCIDR: banana\n"),
        8,
        12,
        &format!("spec.podCIDRs[0]: Invalid value: \"banana\": {BAD}"),
    );
    one(
        &with("  podCIDR: 10.0.0.0/33\n"),
        8,
        12,
        &format!("spec.podCIDRs[0]: Invalid value: \"10.0.0.0/33\": {BAD}"),
    );
    one(&with("  podCIDRs: [10.0.0.0/24, 10.1.0.0/24]\n"), 8, 13, "spec.podCIDRs: Invalid value: [\"10.0.0.0/24\",\"10.1.0.0/24\"]: may specify no more than one CIDR for each IP family");
    for good in ["10.244.7.0/24", "010.244.7.0/024", "fd00:10:244::/64"] {
        assert!(
            parse_documents(&with(&format!("  podCIDR: {good}\n"))).is_ok(),
            "{good}"
        );
    }
    assert!(parse_documents(&with("  podCIDRs: [10.0.0.0/24, \"fd00::/64\"]\n")).is_ok());
}

// --- positions ---------------------------------------------------------------------------------

#[test]
fn multi_document_positions_are_absolute() {
    let bad = PI.replace("restartPolicy: Never", "restartPolicy: Always");
    let src = format!("{PARALLEL}---\n{bad}---\n{NODE}");
    // PARALLEL has 14 lines, the separator is line 15: PI's line 12 is line 27.
    one(
        &src,
        27,
        22,
        "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"",
    );
    let docs = parse_documents(&format!("{PARALLEL}---\n{PI}")).unwrap();
    assert_eq!((docs[1].line, docs[1].column), (16, 1));
    let p = &docs[1].positions;
    assert_eq!(
        p.get("spec.template.spec.containers[0].image"),
        Some((25, 16))
    );
    assert_eq!(
        p.key("spec.template.spec.containers[0].image"),
        Some((25, 9))
    );
    assert_eq!(p.get("spec.backoffLimit"), Some((28, 17)));
    // Absent fields fall back to the nearest ancestor that is there.
    assert_eq!(
        p.get("spec.template.spec.containers[0].ports[3].name"),
        Some((24, 9))
    );
    assert_eq!(p.get("spec.activeDeadlineSeconds"), Some((21, 3)));
}

#[test]
fn annotation_positions_use_brackets() {
    let src = PI.replace(
        "    spec:\n      containers",
        "    metadata:\n      annotations:\n        sim.ctrlscope.dev/duration: 30s\n    spec:\n      containers",
    );
    let docs = parse_documents(&src).unwrap();
    let p = &docs[0].positions;
    assert_eq!(
        p.get("spec.template.metadata.annotations[sim.ctrlscope.dev/duration]"),
        Some((9, 37))
    );
    assert!(p.paths().count() > 10);
}

// --- updates -----------------------------------------------------------------------------------

fn parsed(src: &str) -> Parsed {
    parse_documents(src).unwrap().remove(0)
}

/// What the simulation stores: the manifest plus a generated selector and template labels.
fn live_job(src: &str) -> Object {
    let mut obj = parsed(src).object;
    if let Object::Job(job) = &mut obj {
        let mut sel = ctrlscope::api::LabelSelector::default();
        sel.match_labels
            .insert("batch.kubernetes.io/controller-uid".into(), "uid-1".into());
        job.spec.selector = Some(sel);
        let labels = &mut job.spec.template.metadata.labels;
        labels.insert("batch.kubernetes.io/controller-uid".into(), "uid-1".into());
        labels.insert(
            "batch.kubernetes.io/job-name".into(),
            job.metadata.name.clone(),
        );
        labels.insert("controller-uid".into(), "uid-1".into());
        labels.insert("job-name".into(), job.metadata.name.clone());
    }
    obj
}

#[test]
fn reapplying_an_unchanged_job_is_fine() {
    let old = live_job(PARALLEL);
    assert_eq!(validate_update(&old, &parsed(PARALLEL)), vec![]);
    let more = PARALLEL.replace("parallelism: 2", "parallelism: 4");
    assert_eq!(validate_update(&old, &parsed(&more)), vec![]);
}

#[test]
fn job_completions_and_template_are_immutable() {
    let old = live_job(PARALLEL);
    let new = parsed(&PARALLEL.replace("completions: 8", "completions: 9"));
    let errs = validate_update(&old, &new);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(
        errs[0].message,
        "spec.completions: Invalid value: 9: field is immutable"
    );
    assert_eq!((errs[0].line, errs[0].column), (6, 16));
    let new = parsed(&PARALLEL.replace("image: perl:5.34.0", "image: perl:5.36"));
    let errs = validate_update(&old, &new);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(
        errs[0].message,
        "spec.template: Invalid value: {\"labels\":{\"batch.kubernetes.io/controller-uid\":\"uid-1\",\"batch.kubernetes.io/job-name\":\"parallel-pi\",\"controller-uid\":\"uid-1\",\"job-name\":\"parallel-pi\"},\"Spec\":{...}}: field is immutable"
    );
    assert_eq!((errs[0].line, errs[0].column), (9, 5));
}

#[test]
fn suspended_job_may_change_scheduling_directives() {
    let src = PARALLEL.replace("  completions: 8", "  suspend: true\n  completions: 8");
    let old = live_job(&src);
    let moved = src.replace(
        "      restartPolicy: Never",
        "      restartPolicy: Never\n      nodeSelector: {disk: ssd}",
    );
    assert_eq!(validate_update(&old, &parsed(&moved)), vec![]);
    // strategy.go validationOptionsForJob reads the old Job: the update that resumes it may
    // move it too (how Kueue admits a Job).
    let resumed = moved.replace("  suspend: true", "  suspend: false");
    assert_eq!(validate_update(&old, &parsed(&resumed)), vec![]);
    let old = live_job(PARALLEL);
    let moved = PARALLEL.replace(
        "      restartPolicy: Never",
        "      restartPolicy: Never\n      nodeSelector: {disk: ssd}",
    );
    assert_eq!(validate_update(&old, &parsed(&moved)).len(), 1);
}

#[test]
fn elastic_indexed_job_changes_completions_with_parallelism() {
    let src = PARALLEL.replace(
        "  parallelism: 2",
        "  parallelism: 8\n  completionMode: Indexed",
    );
    let old = live_job(&src);
    let both = src
        .replace("completions: 8", "completions: 4")
        .replace("parallelism: 8", "parallelism: 4");
    assert_eq!(validate_update(&old, &parsed(&both)), vec![]);
    let only = src.replace("completions: 8", "completions: 4");
    let errs = validate_update(&old, &parsed(&only));
    assert_eq!(
        errs[0].message,
        "spec.completions: Invalid value: 4: can only be modified in tandem with spec.parallelism"
    );
}

#[test]
fn daemonset_selector_is_immutable() {
    let old = parsed(FLUENTD).object;
    let new = FLUENTD
        .replace(
            "name: fluentd-elasticsearch\n  template",
            "name: fluentd-elasticsearch\n      tier: logs\n  template",
        )
        .replace(
            "        name: fluentd-elasticsearch\n    spec",
            "        name: fluentd-elasticsearch\n        tier: logs\n    spec",
        );
    let errs = validate_update(&old, &parsed(&new));
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].message, "spec.selector: Invalid value: {\"matchLabels\":{\"name\":\"fluentd-elasticsearch\",\"tier\":\"logs\"}}: field is immutable");
    assert_eq!((errs[0].line, errs[0].column), (10, 5));
    assert_eq!(validate_update(&old, &parsed(FLUENTD)), vec![]);
}

// --- robustness --------------------------------------------------------------------------------

fn mutations(seed: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes: Vec<usize> = seed.char_indices().map(|(i, _)| i).collect();
    for &i in &bytes {
        out.push(seed[..i].to_string());
    }
    let chars: Vec<char> = seed.chars().collect();
    for i in (0..chars.len().saturating_sub(1)).step_by(3) {
        let mut c = chars.clone();
        c.swap(i, i + 1);
        out.push(c.into_iter().collect());
    }
    let lines: Vec<&str> = seed.lines().collect();
    for (n, _) in lines.iter().enumerate() {
        for ins in [
            ":", "-", "[", "\t", "{", "? ", "&a ", "*a", "!!int ", "<<: ", "'", "\"", "|", ">",
            "%", "@", "#",
        ] {
            let mut l = lines.clone();
            let joined = format!("{ins}{}", l[n]);
            l[n] = &joined;
            out.push(l.join("\n"));
            let mut l = lines.clone();
            let joined = format!("{}{ins}", lines[n]);
            l[n] = &joined;
            out.push(l.join("\n"));
        }
        let mut l = lines.clone();
        l.remove(n);
        out.push(l.join("\n"));
        let mut l = lines.clone();
        l.insert(n, lines[n]);
        out.push(l.join("\n"));
    }
    out
}

#[test]
fn nothing_panics_on_mutated_manifests() {
    let start = std::time::Instant::now();
    let mut inputs: Vec<String> = Vec::new();
    for seed in [PI, PARALLEL, HELLO, FLUENTD, NODE] {
        inputs.extend(mutations(seed));
    }
    inputs.extend([
        "[".repeat(10_000),
        "{".repeat(10_000),
        "- ".repeat(5_000),
        (0..300).map(|i| format!("{}a:\n", " ".repeat(i))).collect(),
        "a: &a [1,2,3,4,5,6,7,8,9]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n".to_string(),
        "a: &a [x]\nb: &b [*a]\nc: &c [*b]\nd: &d [*c]\n".to_string() + &(0..200).map(|i| format!("k{i}: &k{i} [*k{}]\n", i.max(1) - 1)).collect::<String>(),
        PI.replace("backoffLimit: 4", "backoffLimit: 99999999999999999999999999999"),
        PI.replace("backoffLimit: 4", "backoffLimit: 1e400"),
        PI.replace("backoffLimit: 4", "backoffLimit: .nan"),
        PI.replace("backoffLimit: 4", "backoffLimit: -.inf"),
        PI.replace("backoffLimit: 4", "backoffLimit: -9223372036854775809"),
        PI.replace("backoffLimit: 4", "backoffLimit: 0x"),
        PI.replace("name: pi\nspec", "name: π\nspec"),
        "? [a]: b\n".to_string(),
        "{[a]: b}\n".to_string(),
        "? {a: b}\n: c\n".to_string(),
        "~: x\n1: y\ntrue: z\n1.5: w\n".to_string(),
        "kind: [Job]\n".to_string(),
        "kind: Job\napiVersion: {a: b}\n".to_string(),
        "apiVersion: batch/v1\nkind: Job\nmetadata: [1]\nspec: 5\n".to_string(),
        "apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec: {template: {spec: {containers: {a: b}, tolerations: [1, [2]], affinity: []}}}\n".to_string(),
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x}\nspec: {updateStrategy: {rollingUpdate: {maxSurge: [], maxUnavailable: true}}}\n".to_string(),
        "---\n---\n...\n---\n".to_string(),
        "\u{feff}kind: Job\n".to_string(),
        "a: !!binary aGVsbG8=\nb: !custom x\nc: !!str 5\n".to_string(),
        "%YAML 1.2\n---\nkind: Node\n".to_string(),
        "\0\u{1}\u{7f}".to_string(),
    ]);
    let n = inputs.len();
    for src in &inputs {
        let _ = parse_documents(src);
    }
    // Also as updates of the seeds.
    let old = live_job(PI);
    for src in inputs.iter().take(2_000) {
        if let Ok(docs) = parse_documents(src) {
            for d in docs {
                let _ = validate_update(&old, &d);
            }
        }
    }
    let took = start.elapsed();
    assert!(n > 3_000, "only {n} inputs");
    assert!(took.as_secs() < 30, "{n} inputs took {took:?}");
    eprintln!("{n} mutated manifests in {took:?}");
}

// --- spec.podFailurePolicy (validation.go validatePodFailurePolicy) ------------------------------

/// A Job with this podFailurePolicy (lines from 6 on) and restartPolicy.
fn pfp_job(policy: &[&str], restart: &str) -> String {
    let mut lines = vec![
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata:",
        "  name: pfp",
        "spec:",
        "  podFailurePolicy:",
    ];
    lines.extend_from_slice(policy);
    let restart = format!("      restartPolicy: {restart}");
    lines.extend_from_slice(&[
        "  template:",
        "    spec:",
        &restart,
        "      containers:",
        "      - name: main",
        "        image: busybox",
    ]);
    y(&lines)
}

/// The Kubernetes docs' example (job-pod-failure-policy-example.yaml) is accepted; the
/// onPodConditions status defaults to True.
#[test]
fn pod_failure_policy_docs_example_is_accepted_and_defaulted() {
    let src = pfp_job(
        &[
            "    rules:",
            "    - action: FailJob",
            "      onExitCodes:",
            "        containerName: main",
            "        operator: In",
            "        values: [42]",
            "    - action: Ignore",
            "      onPodConditions:",
            "      - type: DisruptionTarget",
        ],
        "Never",
    );
    let Object::Job(j) = parse_one(&src) else {
        panic!("a Job")
    };
    let rules = &j.spec.pod_failure_policy.expect("policy").rules;
    assert_eq!(rules.len(), 2);
    assert_eq!(
        rules[0].on_exit_codes.as_ref().map(|r| r.values.clone()),
        Some(vec![42])
    );
    let patterns = rules[1].on_pod_conditions.clone().unwrap_or_default();
    assert_eq!(
        (patterns[0].type_.as_str(), patterns[0].status.as_str()),
        ("DisruptionTarget", "True")
    );
}

#[test]
fn pod_failure_policy_errors_like_the_api_server() {
    // restartPolicy must be Never.
    one(
        &pfp_job(&["    rules: []"], "OnFailure"),
        10,
        22,
        "spec.template.spec.restartPolicy: Invalid value: \"OnFailure\": only \"Never\" is supported when podFailurePolicy is specified",
    );
    let errs = errors(&pfp_job(
        &[
            "    rules:",
            "    - onExitCodes:",
            "        containerName: sidecar",
            "        operator: In",
            "        values: [3, 0, 3]",
            "    - action: Retry",
            "      onExitCodes: {operator: Between, values: [1]}",
            "      onPodConditions: [{type: DisruptionTarget, status: Maybe}]",
            "    - action: FailIndex",
            "      onPodConditions: []",
        ],
        "Never",
    ));
    has(&errs, 8, 7, "spec.podFailurePolicy.rules[0].action: Required value: valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]");
    has(&errs, 9, 24, "spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: \"sidecar\": must be one of the container or initContainer names in the pod template");
    has(&errs, 11, 21, "spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 0: must not be 0 for the In operator");
    has(
        &errs,
        11,
        24,
        "spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 3",
    );
    has(&errs, 11, 17, "spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [3,0,3]: must be ordered");
    has(&errs, 12, 15, "spec.podFailurePolicy.rules[1].action: Unsupported value: \"Retry\": supported values: \"Count\", \"FailIndex\", \"FailJob\", \"Ignore\"");
    has(&errs, 12, 7, "spec.podFailurePolicy.rules[1]: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported");
    has(&errs, 13, 31, "spec.podFailurePolicy.rules[1].onExitCodes.operator: Unsupported value: \"Between\": supported values: \"In\", \"NotIn\"");
    has(&errs, 14, 58, "spec.podFailurePolicy.rules[1].onPodConditions[0].status: Unsupported value: \"Maybe\": supported values: \"False\", \"True\", \"Unknown\"");
    has(&errs, 15, 15, "spec.podFailurePolicy.rules[2].action: Invalid value: \"FailIndex\": requires the backoffLimitPerIndex to be set");
    has(&errs, 15, 7, "spec.podFailurePolicy.rules[2]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required");
    assert_eq!(errs.len(), 11, "{errs:#?}");
    // An empty list is printed as JSON prints an empty slice; a missing one as nil.
    let errs = errors(&pfp_job(
        &[
            "    rules:",
            "    - action: FailJob",
            "      onExitCodes: {operator: In, values: []}",
            "    - action: FailJob",
            "      onExitCodes: {operator: In}",
        ],
        "Never",
    ));
    let got: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(got, [
        "spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []: at least one value is required",
        "spec.podFailurePolicy.rules[1].onExitCodes.values: Invalid value: null: at least one value is required",
    ]);
    // A type error names the Go types.
    one(
        &pfp_job(&["    rules:", "    - action: FailJob", "      onExitCodes: {operator: In, values: [\"42\"]}"], "Never"),
        9,
        44,
        "Job in version \"v1\" cannot be handled as a Job: json: cannot unmarshal string into Go struct field PodFailurePolicyOnExitCodesRequirement.spec.podFailurePolicy.rules.onExitCodes.values of type int32",
    );
}

/// Valid pod fields the simulated kubelet does not act on (probes) are named, so the page and
/// `ctrlscope validate` can say so; init containers are simulated.
#[test]
fn fields_that_are_not_simulated_are_named() {
    let job = y(&[
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata: {name: probes}",
        "spec:",
        "  template:",
        "    spec:",
        "      restartPolicy: Never",
        "      initContainers: [{name: init, image: busybox}]",
        "      containers:",
        "      - name: main",
        "        image: busybox",
        "        readinessProbe: {exec: {command: [\"true\"]}}",
        "        livenessProbe: {exec: {command: [\"true\"]}}",
    ]);
    let docs = parse_documents(&job).expect("valid");
    assert_eq!(
        docs[0].not_simulated(),
        ["spec.template.spec.containers[0].livenessProbe"]
    );
    let docs = parse_documents(PI).expect("valid");
    assert!(docs[0].not_simulated().is_empty());
    // A hint the simulation never reads: a misspelt key, or a known one on the Job itself.
    let hints = y(&[
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata: {name: h, annotations: {sim.ctrlscope.dev/duration: 5s}}",
        "spec:",
        "  template:",
        "    metadata:",
        "      annotations: {sim.ctrlscope.dev/durations: 50s, sim.ctrlscope.dev/exit-codes: \"1\"}",
        "    spec:",
        "      restartPolicy: Never",
        "      containers: [{name: c, image: busybox}]",
    ]);
    let docs = parse_documents(&hints).expect("valid");
    assert_eq!(
        docs[0].not_simulated(),
        [
            "metadata.annotations[sim.ctrlscope.dev/duration]",
            "spec.template.metadata.annotations[sim.ctrlscope.dev/durations]"
        ]
    );
}

/// podReplacementPolicy (GA in 1.34): defaults to Failed with a podFailurePolicy, else
/// TerminatingOrFailed; with a podFailurePolicy only Failed is valid (validatePodReplacementPolicy).
#[test]
fn pod_replacement_policy_defaults_and_validation() {
    let Object::Job(pi) = parse_one(PI) else {
        panic!("a Job")
    };
    assert_eq!(
        pi.spec.pod_replacement_policy.as_deref(),
        Some("TerminatingOrFailed")
    );
    let with_policy = pfp_job(&["    rules: []"], "Never");
    let Object::Job(j) = parse_one(&with_policy) else {
        panic!("a Job")
    };
    assert_eq!(j.spec.pod_replacement_policy.as_deref(), Some("Failed"));
    one(
        &with_policy.replace("spec:\n  podFailurePolicy:", "spec:\n  podReplacementPolicy: TerminatingOrFailed\n  podFailurePolicy:"),
        6,
        25,
        "spec.podReplacementPolicy: Unsupported value: \"TerminatingOrFailed\": supported values: \"Failed\"",
    );
    one(
        &PI.replace("spec:\n  template:", "spec:\n  podReplacementPolicy: Never\n  template:"),
        6,
        25,
        "spec.podReplacementPolicy: Unsupported value: \"Never\": supported values: \"Failed\", \"TerminatingOrFailed\"",
    );
}

#[test]
fn success_policy_errors_like_the_api_server() {
    let job = |extra: &[&str], mode: &str| {
        let mut spec = vec!["  completions: 5", mode, "  successPolicy:"];
        spec.extend_from_slice(extra);
        job_with(&spec)
    };
    one(
        &job(&["    rules: []"], "  completionMode: NonIndexed"),
        8,
        3,
        "spec.successPolicy: Invalid value: {\"Rules\":[]}: requires indexed completion mode",
    );
    one(
        &job(&["    rules: []"], "  completionMode: Indexed"),
        8,
        3,
        "spec.successPolicy.rules: Required value: at least one rules must be specified when the successPolicy is specified",
    );
    let errs = errors(&job(
        &[
            "    rules:",
            "    - {}",
            "    - succeededIndexes: \"3-1\"",
            "    - succeededIndexes: \"1,0\"",
            "    - succeededIndexes: \"x\"",
            "    - succeededIndexes: \"9\"",
            "    - succeededIndexes: \"0-1\"",
            "      succeededCount: 3",
            "    - succeededCount: 6",
        ],
        "  completionMode: Indexed",
    ));
    let messages: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "spec.successPolicy.rules[0]: Required value: at least one of succeededCount or succeededIndexes must be specified",
            "spec.successPolicy.rules[1].succeededIndexes: Invalid value: \"3-1\": error parsing succeededIndexes: non-increasing order, previous: 3, current: 1",
            "spec.successPolicy.rules[2].succeededIndexes: Invalid value: \"1,0\": error parsing succeededIndexes: non-increasing order, previous: 1, current: 0",
            "spec.successPolicy.rules[3].succeededIndexes: Invalid value: \"x\": error parsing succeededIndexes: cannot convert string to integer for index: \"x\"",
            "spec.successPolicy.rules[4].succeededIndexes: Invalid value: \"9\": error parsing succeededIndexes: too large index: \"9\"",
            "spec.successPolicy.rules[5].succeededCount: Invalid value: 3: must be less than or equal to 2 (the number of indexes in the specified succeededIndexes field)",
            "spec.successPolicy.rules[6].succeededCount: Invalid value: 6: must be less than or equal to 5 (the number of specified completions)",
        ]
    );
}

#[test]
fn backoff_limit_per_index_and_managed_by_errors_like_the_api_server() {
    let job = |extra: &[&str], mode: &str| {
        let mut spec = vec!["  completions: 3", mode];
        spec.extend_from_slice(extra);
        job_with(&spec)
    };
    let messages =
        |src: &str| -> Vec<String> { errors(src).into_iter().map(|e| e.message).collect() };
    assert_eq!(
        messages(&job(
            &["  backoffLimitPerIndex: 1", "  maxFailedIndexes: 1"],
            "  completionMode: NonIndexed"
        )),
        [
            "spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode",
            "spec.maxFailedIndexes: Invalid value: 1: requires indexed completion mode",
        ]
    );
    assert_eq!(
        messages(&job(
            &["  maxFailedIndexes: 4"],
            "  completionMode: Indexed"
        )),
        [
            "spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified",
            "spec.maxFailedIndexes: Invalid value: 4: must be less than or equal to completions",
        ]
    );
    assert_eq!(
        messages(&job(
            &["  backoffLimitPerIndex: -1"],
            "  completionMode: Indexed"
        )),
        ["spec.backoffLimitPerIndex: Invalid value: -1: must be greater than or equal to 0"]
    );
    assert_eq!(
        messages(&job(&["  managedBy: kueue"], "  completionMode: Indexed")),
        ["spec.managedBy: Invalid value: \"kueue\": must be a domain-prefixed path (such as \"acme.io/foo\")"]
    );
    // Defaults: backoffLimit becomes MaxInt32 with backoffLimitPerIndex.
    let Object::Job(j) = parse_one(&job(
        &["  backoffLimitPerIndex: 1"],
        "  completionMode: Indexed",
    )) else {
        panic!("a Job")
    };
    assert_eq!(j.spec.backoff_limit, Some(i32::MAX));
}

/// ValidateJobSpecUpdate: podFailurePolicy, successPolicy, backoffLimitPerIndex and managedBy
/// are immutable.
#[test]
fn job_policies_are_immutable() {
    let old = live_job(PARALLEL);
    let with = PARALLEL.replace(
        "  parallelism: 2\n",
        "  parallelism: 2\n  managedBy: kueue.x-k8s.io/multikueue\n  podFailurePolicy:\n    rules: []\n",
    );
    let errs = validate_update(&old, &parsed(&with));
    let messages: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert!(
        messages
            .contains(&"spec.podFailurePolicy: Invalid value: {\"Rules\":[]}: field is immutable")
            && messages.contains(
                &"spec.managedBy: Invalid value: \"kueue.x-k8s.io/multikueue\": field is immutable"
            ),
        "{messages:#?}"
    );
}

#[test]
fn pod_failure_policy_rules_are_limited_to_20() {
    let rule = "    - {action: Count, onExitCodes: {operator: In, values: [1]}}";
    let mut lines = vec!["    rules:"];
    lines.extend(std::iter::repeat_n(rule, 21));
    let errs = errors(&pfp_job(&lines, "Never"));
    assert_eq!(
        errs.iter().map(|e| e.message.as_str()).collect::<Vec<_>>(),
        ["spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items"]
    );
}

/// batch and apps strategy.go `WarningsOnCreate`: a name that is not a DNS label is valid but
/// warned about (it becomes part of pod names and hostnames).
#[test]
fn names_that_are_not_dns_labels_are_warned_about() {
    let docs = ctrlscope::manifest::parse_documents(
        &PARALLEL.replace("name: parallel-pi", "name: my.job"),
    )
    .expect("valid");
    assert_eq!(
        docs[0].warnings(),
        ["metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]"]
    );
    let docs = ctrlscope::manifest::parse_documents(PARALLEL).expect("valid");
    assert!(docs[0].warnings().is_empty());
}

/// ValidateResourceRequirements (pkg/apis/core/validation): requests ≤ limits; extended
/// resources and hugepages need a limit and an equal request; hugepages need cpu or memory.
#[test]
fn resource_requests_and_limits() {
    let job = |resources: &[&str]| {
        let mut lines = vec![
            "apiVersion: batch/v1",
            "kind: Job",
            "metadata:",
            "  name: res",
            "spec:",
            "  template:",
            "    spec:",
            "      restartPolicy: Never",
            "      containers:",
            "      - name: c",
            "        image: busybox:1.36",
            "        resources:",
        ];
        lines.extend_from_slice(resources);
        y(&lines)
    };
    one(
        &job(&["          requests:", "            cpu: \"2\"", "          limits:", "            cpu: 1"]),
        14,
        13,
        "spec.template.spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1",
    );
    one(
        &job(&["          requests:", "            example.com/foo: \"1\""]),
        13,
        11,
        "spec.template.spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources",
    );
    one(
        &job(&["          requests:", "            example.com/foo: \"1\"", "          limits:", "            example.com/foo: \"2\""]),
        14,
        13,
        "spec.template.spec.containers[0].resources.requests: Invalid value: \"1\": must be equal to example.com/foo limit of 2",
    );
    one(
        &job(&["          limits:", "            hugepages-2Mi: 2Mi"]),
        13,
        11,
        "spec.template.spec.containers[0].resources: Forbidden: HugePages require cpu or memory",
    );
    // Within the limit, or a limit alone: valid.
    assert!(parse_documents(&job(&[
        "          requests:",
        "            cpu: 500m",
        "          limits:",
        "            cpu: 1",
        "            memory: 1Gi"
    ]))
    .is_ok());
}

/// validateJobSpec's order (pkg/apis/batch/validation/validation.go): the per-index limits
/// before successPolicy; maxFailedIndexes is checked against completions only when they are set.
#[test]
fn job_spec_errors_come_in_the_api_servers_order() {
    let src = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: nonidx\nspec:\n  backoffLimitPerIndex: 1\n  maxFailedIndexes: 1\n  successPolicy:\n    rules:\n    - succeededCount: 1\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n";
    let fields: Vec<String> = errors(src).iter().map(|e| e.field.clone()).collect();
    assert_eq!(
        fields,
        [
            "spec.backoffLimitPerIndex",
            "spec.maxFailedIndexes",
            "spec.successPolicy"
        ]
    );
    let indexed = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: idx\nspec:\n  completionMode: Indexed\n  parallelism: 2\n  backoffLimitPerIndex: 1\n  maxFailedIndexes: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n";
    let messages: Vec<String> = errors(indexed).iter().map(|e| e.message.clone()).collect();
    assert_eq!(
        messages,
        ["spec.completions: Required value: when completion mode is Indexed"]
    );
}

/// A Job's command CtrlScope cannot read to its end (the docs' backoffLimitPerIndex example runs
/// Python) is named, so the page and `ctrlscope validate` can say its exit code is a guess; a
/// readable script or an exit-codes hint is not.
#[test]
fn an_unreadable_job_command_is_named() {
    let py = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: py\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: example\n        image: python\n        command: [python3, -c, \"import sys; sys.exit(1)\"]\n";
    let docs = parse_documents(py).expect("valid");
    assert_eq!(
        docs[0].unread_script().as_deref(),
        Some("spec.template.spec.containers[0].command")
    );
    let hinted = py.replace(
        "  template:\n",
        "  template:\n    metadata:\n      annotations:\n        sim.ctrlscope.dev/exit-codes: \"1\"\n",
    );
    assert_eq!(
        parse_documents(&hinted).expect("valid")[0].unread_script(),
        None
    );
    let pi = include_str!("../examples/pi-job.yaml");
    assert_eq!(parse_documents(pi).expect("valid")[0].unread_script(), None);
}

/// Found by fuzzing: aliases of a long string (a 22 KB "billion laughs") are refused as
/// excessive aliasing before they are copied (they took gigabytes); a script repeating a long
/// variable expands to at most 64 KiB per statement.
#[test]
fn alias_and_variable_amplification_is_bounded() {
    let mut y = String::from("apiVersion: v1\nkind: Node\nmetadata: {name: n}\n");
    y.push_str(&format!("x0: &a0 \"{}\"\n", "a".repeat(20_000)));
    for i in 1..6 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        y.push_str(&format!("x{i}: &a{i} [{refs}]\n"));
    }
    let errs = parse_documents(&y).expect_err("refused");
    assert!(errs[0].message.contains("excessive aliasing"), "{errs:?}");
    let value = "v".repeat(100_000);
    let script = "echo ".to_string() + &"$X".repeat(2000);
    let job = format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata: {{name: big}}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n        env: [{{name: X, value: \"{value}\"}}]\n        command: [sh, -c, \"{script}\"]\n"
    );
    assert!(parse_documents(&job).is_ok());
}

/// Typed container fields are decoded strictly (the request body is JSON decoded into Go
/// structs): `containerPort: "80"` is an unmarshal error, not a missing port; requests and
/// limits must be quantities (resource/quantity.go Quantity.UnmarshalJSON): `512MB` is the
/// classic first mistake (`512M` or `512Mi`).
#[test]
fn container_ports_mounts_and_quantities_are_typed() {
    let src = y(&[
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata: {name: q}",
        "spec:",
        "  template:",
        "    spec:",
        "      restartPolicy: Never",
        "      volumes: [{name: d, emptyDir: {sizeLimit: 1GB}}]",
        "      containers:",
        "      - name: a",
        "        image: busybox",
        "        ports: [{containerPort: \"80\"}]",
        "        volumeMounts: [{name: d, mountPath: /d, readOnly: \"true\"}]",
        "        resources:",
        "          requests: {memory: 512MB, cpu: \"1 core\"}",
        "          limits: {memory: 1Gi, cpu: 2, ephemeral-storage: 1e3}",
    ]);
    let errs = errors(&src);
    const RE: &str = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    has(
        &errs,
        8,
        49,
        &format!("Job in version \"v1\" cannot be handled as a Job: {RE}"),
    );
    has(&errs, 12, 33, "Job in version \"v1\" cannot be handled as a Job: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32");
    has(&errs, 13, 59, "Job in version \"v1\" cannot be handled as a Job: json: cannot unmarshal string into Go struct field VolumeMount.spec.template.spec.containers.volumeMounts.readOnly of type bool");
    has(
        &errs,
        15,
        30,
        &format!("Job in version \"v1\" cannot be handled as a Job: {RE}"),
    );
    has(
        &errs,
        15,
        42,
        &format!("Job in version \"v1\" cannot be handled as a Job: {RE}"),
    );
    assert_eq!(errs.len(), 5, "{errs:#?}");
}

/// ValidateVolumeMounts: a mount names one of the pod's volumes and a unique mount path; a
/// subPath has no `..` (its path has no index, as in Kubernetes).
#[test]
fn volume_mounts_name_a_volume_and_a_unique_path() {
    let src = y(&[
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata: {name: q}",
        "spec:",
        "  template:",
        "    spec:",
        "      restartPolicy: Never",
        "      volumes: [{name: cache, emptyDir: {}}]",
        "      containers:",
        "      - name: a",
        "        image: busybox",
        "        volumeMounts:",
        "        - {name: data, mountPath: /data}",
        "        - {name: cache, mountPath: /data, subPath: ../x}",
        "        - {name: cache}",
    ]);
    let errs = errors(&src);
    let at = "spec.template.spec.containers[0].volumeMounts";
    has(&errs, 13, 18, &format!("{at}[0].name: Not found: \"data\""));
    has(
        &errs,
        14,
        36,
        &format!("{at}[1].mountPath: Invalid value: \"/data\": must be unique"),
    );
    has(
        &errs,
        14,
        52,
        &format!("{at}.subPath: Invalid value: \"../x\": must not contain '..'"),
    );
    has(&errs, 15, 11, &format!("{at}[2].mountPath: Required value"));
    assert_eq!(errs.len(), 4, "{errs:#?}");
}

/// A running Job's own `kubectl get job -o yaml` (its generated controller-uid labels and
/// selector) is an update of it, not a new Job: the page's editor validates it against the
/// live object (parse_documents_live), and it applies back unchanged.
#[test]
fn a_jobs_own_get_o_yaml_applies_back_as_an_update() {
    let mut s = ctrlscope::sim::Simulation::new(ctrlscope::sim::SimConfig::default());
    s.add_default_nodes();
    for o in parse_manifests(PI).expect("valid") {
        s.apply(o).expect("applied");
    }
    let yaml = ctrlscope::kubectl::console::run(&mut s, "get job pi -o yaml").output;
    assert!(yaml.contains("controller-uid: "), "{yaml}");
    // As a new Job it is refused: those labels name another Job's uid.
    assert!(parse_documents(&yaml).is_err());
    let live = |kind: ctrlscope::api::Kind, name: &str| {
        let job = s.cluster.store.get::<ctrlscope::api::Job>(name)?;
        (kind == ctrlscope::api::Kind::Job).then(|| Object::Job(job.clone()))
    };
    let parsed = parse_documents_live(&yaml, &live).unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(parsed.len(), 1);
    let old = live(ctrlscope::api::Kind::Job, "pi").expect("live");
    // The API defaults it prints (imagePullPolicy, dnsPolicy, …) are the ones left out.
    let errs = validate_update(&old, &parsed[0]);
    assert!(errs.is_empty(), "{errs:#?}");
    assert!(!refuses_job_template_change(
        ctrlscope::api::Kind::Job,
        &errs
    ));
    // Another image is a template change, which the page explains.
    let changed = parse_documents_live(&yaml.replace("perl:5.34.0", "perl:5.36"), &live)
        .unwrap_or_else(|e| panic!("{e:#?}"));
    let errs = validate_update(&old, &changed[0]);
    assert!(
        refuses_job_template_change(ctrlscope::api::Kind::Job, &errs),
        "{errs:#?}"
    );
    assert!(!s.apply_changes(&parsed[0].object), "applies unchanged");
    // A DaemonSet's own YAML makes no new revision either.
    let ds = include_str!("../examples/fluentd-daemonset.yaml");
    for o in parse_manifests(ds).expect("valid") {
        s.apply(o).expect("applied");
    }
    let yaml = ctrlscope::kubectl::console::run(
        &mut s,
        "get ds fluentd-elasticsearch -n kube-system -o yaml",
    )
    .output;
    let parsed = parse_manifests(&yaml).unwrap_or_else(|e| panic!("{e:#?}"));
    assert!(!s.apply_changes(&parsed[0]), "{yaml}");
    // A patch sends the whole object: a generated label taken out is not generated again on
    // an update (ValidateHasLabel: Required), unlike an apply that never had it, and the
    // template changed (strategy.go ValidateUpdate runs ValidateJob, then ValidateJobUpdate).
    let out = ctrlscope::kubectl::console::run(
        &mut s,
        r#"patch job pi -p '{"spec":{"template":{"metadata":{"labels":{"job-name":null}}}}}'"#,
    );
    assert!(out.error, "{}", out.output);
    let lines: Vec<&str> = out.output.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.output);
    assert_eq!(lines[0], "The Job \"pi\" is invalid: ");
    assert_eq!(
        lines[1],
        "* spec.template.metadata.labels[job-name]: Required value: must be 'pi'"
    );
    assert!(
        lines[2].starts_with("* spec.template: Invalid value: {\"labels\":{"),
        "{}",
        lines[2]
    );
    assert!(lines[2].ends_with(": field is immutable"), "{}", lines[2]);
    assert!(!lines[2].contains("\"job-name\""), "{}", lines[2]);
}

/// validateGeneratedSelector (batch/validation.go) runs after generateSelector (batch job
/// strategy.go) added the controller-uid to a selector of the user's: `job-name: NAME` selects
/// the Job's own pods and is accepted (kept, with the uid added); a template label `job-name`
/// of another value is refused.
#[test]
fn a_selector_on_the_jobs_own_labels_is_accepted_and_kept() {
    let src = job_with(&["  selector:", "    matchLabels:", "      job-name: pi"]);
    let objs = parse_manifests(&src).expect("valid");
    let mut s = ctrlscope::sim::Simulation::new(ctrlscope::sim::SimConfig::default());
    s.add_default_nodes();
    for o in objs {
        s.apply(o).expect("applied");
    }
    let job = s
        .cluster
        .store
        .get::<ctrlscope::api::Job>("pi")
        .expect("job");
    let sel = job.spec.selector.as_ref().expect("selector");
    assert_eq!(
        sel.match_labels.get("job-name").map(String::as_str),
        Some("pi")
    );
    assert_eq!(
        sel.match_labels.get("batch.kubernetes.io/controller-uid"),
        Some(&job.metadata.uid)
    );
    let src = PI.replace(
        "  template:\n",
        "  template:\n    metadata:\n      labels:\n        job-name: other\n",
    );
    let errs = errors(&src);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(
        errs[0].message,
        "spec.template.metadata.labels[job-name]: Invalid value: {\"batch.kubernetes.io/controller-uid\":\"(uid of the new Job)\",\"batch.kubernetes.io/job-name\":\"pi\",\"controller-uid\":\"(uid of the new Job)\",\"job-name\":\"other\"}: must be 'pi'"
    );
    // A controller-uid label of the user's (copied from another Job's `kubectl get -o yaml`)
    // is kept by generateSelector and then refused: it is not the new Job's uid, and the
    // selector generated on that uid does not select it.
    let src = PI.replace(
        "  template:\n",
        "  template:\n    metadata:\n      labels:\n        batch.kubernetes.io/controller-uid: abc\n",
    );
    let errs = errors(&src);
    let got: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(got, [
        "spec.template.metadata.labels[batch.kubernetes.io/controller-uid]: Invalid value: {\"batch.kubernetes.io/controller-uid\":\"abc\",\"batch.kubernetes.io/job-name\":\"pi\",\"controller-uid\":\"(uid of the new Job)\",\"job-name\":\"pi\"}: must be '(uid of the new Job)'",
        "spec.template.metadata.labels: Invalid value: {\"batch.kubernetes.io/controller-uid\":\"abc\",\"batch.kubernetes.io/job-name\":\"pi\",\"controller-uid\":\"(uid of the new Job)\",\"job-name\":\"pi\"}: `selector` does not match template `labels`",
    ]);
    // A selector on a controller-uid cannot know the uid of a Job not yet created.
    let src = job_with(&[
        "  selector:",
        "    matchLabels:",
        "      controller-uid: abc",
    ]);
    assert!(errors(&src)
        .iter()
        .any(|e| e.message.ends_with("`selector` not auto-generated")));
}

/// validateContainerCommon, validateContainers, validateInitContainers, validateDNSPolicy:
/// enum fields of the pod template a student may mistype.
#[test]
fn pod_template_enums_are_validated() {
    let src = y(&[
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata: {name: q}",
        "spec:",
        "  template:",
        "    spec:",
        "      restartPolicy: Never",
        "      dnsPolicy: clusterFirst",
        "      initContainers:",
        "      - {name: i, image: busybox, restartPolicy: OnFailure}",
        "      containers:",
        "      - name: a",
        "        image: busybox",
        "        restartPolicy: Always",
        "        terminationMessagePolicy: Log",
    ]);
    let errs = errors(&src);
    let at = "spec.template.spec";
    has(&errs, 15, 35, &format!("{at}.containers[0].terminationMessagePolicy: Unsupported value: \"Log\": supported values: \"File\", \"FallbackToLogsOnError\""));
    has(
        &errs,
        14,
        9,
        &format!(
            "{at}.containers[0].restartPolicy: Forbidden: may not be set for non-init containers"
        ),
    );
    has(&errs, 10, 50, &format!("{at}.initContainers[0].restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\""));
    has(&errs, 8, 18, &format!("{at}.dnsPolicy: Unsupported value: \"clusterFirst\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""));
    assert_eq!(errs.len(), 4, "{errs:#?}");
}

/// GetWarningsForPodTemplate (pkg/api/pod/warnings.go): `memory: 100m` is a tenth of a byte
/// (the cpu habit), so the API server warns; so does an env variable defined twice unless the
/// later value uses the earlier one ($(A)).
#[test]
fn fractional_memory_and_duplicate_env_are_warned_about() {
    let src = y(&[
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata: {name: q}",
        "spec:",
        "  template:",
        "    spec:",
        "      restartPolicy: Never",
        "      containers:",
        "      - name: a",
        "        image: busybox",
        "        env: [{name: A, value: \"1\"}, {name: A, value: \"2\"}, {name: A, value: \"$(A)x\"}]",
        "        resources:",
        "          requests: {memory: 100m, cpu: 100m}",
        "          limits: {memory: 0.5, ephemeral-storage: 1Gi}",
    ]);
    let docs = parse_documents(&src).expect("valid");
    let at = "spec.template.spec.containers[0]";
    assert_eq!(
        docs[0].warnings(),
        [
            format!("{at}.resources.limits[memory]: fractional byte value \"500m\" is invalid, must be an integer"),
            format!("{at}.resources.requests[memory]: fractional byte value \"100m\" is invalid, must be an integer"),
            format!("{at}.env[1]: hides previous definition of \"A\", which may be dropped when using apply"),
        ]
    );
}

/// warningsForPodSpecAndMeta (pkg/api/pod/warnings.go) with pkg/api/node/util.go
/// deprecatedNodeLabels: a node selector or required node affinity on `beta.kubernetes.io/os`
/// still works (the kubelet sets it) but is warned about; a negative grace period is treated as 1.
#[test]
fn deprecated_node_labels_and_a_negative_grace_period_are_warned_about() {
    let src = y(&[
        "apiVersion: apps/v1",
        "kind: DaemonSet",
        "metadata: {name: agent}",
        "spec:",
        "  selector: {matchLabels: {app: agent}}",
        "  template:",
        "    metadata: {labels: {app: agent}}",
        "    spec:",
        "      nodeSelector: {beta.kubernetes.io/os: linux, disk: ssd}",
        "      terminationGracePeriodSeconds: -1",
        "      affinity:",
        "        nodeAffinity:",
        "          requiredDuringSchedulingIgnoredDuringExecution:",
        "            nodeSelectorTerms:",
        "            - matchExpressions:",
        "              - {key: zone, operator: Exists}",
        "              - {key: beta.kubernetes.io/arch, operator: In, values: [amd64]}",
        "      containers:",
        "      - name: a",
        "        image: busybox",
    ]);
    let docs = parse_documents(&src).expect("valid");
    let at = "spec.template.spec";
    assert_eq!(
        docs[0].warnings(),
        [
            format!(r#"{at}.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead"#),
            format!(r#"{at}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].key: beta.kubernetes.io/arch is deprecated since v1.14; use "kubernetes.io/arch" instead"#),
            format!("{at}.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1"),
        ]
    );
}

/// Review fixes: negative quantities (ValidateNonnegativeQuantity), a selector on the generated
/// controller-uid, mounts of a volume that failed its checks (ValidateVolumes keeps only valid
/// ones), dnsPolicy None without dnsConfig (validatePodDNSConfig), and the duplicate-key note
/// when the text is refused.
#[test]
fn quantities_uid_selectors_volumes_and_dns_none() {
    let errs = errors(&job_with(&[]).replace(
        "        image: perl\n",
        "        image: perl\n        resources: {requests: {memory: \"-1Mi\"}, limits: {cpu: \"-1\"}}\n",
    ));
    let at = "spec.template.spec.containers[0].resources";
    has(
        &errs,
        11,
        63,
        &format!("{at}.limits[cpu]: Invalid value: \"-1\": must be greater than or equal to 0"),
    );
    has(
        &errs,
        11,
        40,
        &format!(
            "{at}.requests[memory]: Invalid value: \"-1Mi\": must be greater than or equal to 0"
        ),
    );
    let src = job_with(&[
        "  selector:",
        "    matchExpressions: [{key: controller-uid, operator: Exists}]",
    ]);
    assert!(
        parse_documents(&src).is_ok(),
        "{:#?}",
        parse_documents(&src).err()
    );
    let src = job_with(&[])
        .replace(
            "      restartPolicy: Never\n",
            "      restartPolicy: Never\n      dnsPolicy: None\n      volumes: [{name: Cache}]\n",
        )
        .replace(
            "        image: perl\n",
            "        image: perl\n        volumeMounts: [{name: Cache, mountPath: /c}]\n",
        );
    let errs = errors(&src);
    assert!(
        errs.iter().any(|e| e
            .message
            .ends_with("volumeMounts[0].name: Not found: \"Cache\"")),
        "{errs:#?}"
    );
    assert!(errs.iter().any(|e| e.message == "spec.template.spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None"), "{errs:#?}");
    // A second `containers:` without an image: refused, and the duplicate explains why.
    let src = PI.replace(
        "      restartPolicy: Never\n",
        "      restartPolicy: Never\n      containers: [{name: b}]\n",
    );
    assert!(parse_documents(&src).is_err());
    assert_eq!(duplicate_keys(&src), [(13, "containers".to_string(), 8)]);
}

/// generateName: the registry completes the name before validating and warning, so an Indexed
/// Job of `generateName: pi-` is valid and gets no name warning; `kubectl apply` (the page's
/// Apply, `ctrlscope run`) refuses it (apply.go: "cannot use generate name with apply").
#[test]
fn generate_name_is_valid_but_not_for_apply() {
    let src = job_with(&["  completionMode: Indexed", "  completions: 3"])
        .replace("  name: pi\n", "  generateName: pi-\n");
    let docs = parse_documents(&src).expect("valid");
    assert!(docs[0].warnings().is_empty(), "{:?}", docs[0].warnings());
    let mut s = ctrlscope::sim::Simulation::new(ctrlscope::sim::SimConfig::default());
    s.add_default_nodes();
    assert_eq!(
        s.apply(docs[0].object.clone()),
        Err("from pi-: cannot use generate name with apply".to_string())
    );
}

/// validateEnvVarValueFrom and ValidateEnvFrom: one source each, no `value` beside `valueFrom`.
#[test]
fn env_sources_are_validated() {
    let src = y(&[
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata: {name: q}",
        "spec:",
        "  template:",
        "    spec:",
        "      restartPolicy: Never",
        "      containers:",
        "      - name: a",
        "        image: busybox",
        "        env:",
        "        - {name: A, valueFrom: {}}",
        "        - {name: B, value: x, valueFrom: {fieldRef: {fieldPath: metadata.name}}}",
        "        - name: POD",
        "          valueFrom: {fieldRef: {fieldPath: metadata.name}}",
        "        envFrom:",
        "        - {prefix: x}",
        "        - configMapRef: {}",
    ]);
    let errs = errors(&src);
    let at = "spec.template.spec.containers[0]";
    has(&errs, 12, 32, &format!("{at}.env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
    has(&errs, 13, 42, &format!("{at}.env[1].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty"));
    has(
        &errs,
        17,
        11,
        &format!(
            "{at}.envFrom: Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`"
        ),
    );
    has(
        &errs,
        18,
        25,
        &format!("{at}.envFrom[1].configMapRef.name: Required value"),
    );
    assert_eq!(errs.len(), 4, "{errs:#?}");
}

/// A Job whose pod template ends with these lines (at pod-spec indentation).
fn pod_with(spec_lines: &[&str]) -> String {
    let mut lines = vec![
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata: {name: v}",
        "spec:",
        "  template:",
        "    spec:",
        "      restartPolicy: Never",
        "      containers:",
        "      - name: c",
        "        image: busybox",
        "        volumeMounts: [{name: logs, mountPath: /logs}]",
    ];
    lines.extend_from_slice(spec_lines);
    y(&lines)
}

/// ValidateVolumes and validateVolumeSource (pkg/apis/core/validation/validation.go): one
/// source per volume (checked in VolumeSource's field order, not the YAML's), a hostPath
/// needs its path, and a volume with errors cannot be mounted.
#[test]
fn volume_sources_are_validated() {
    const MOUNT: &str =
        "spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"logs\"";
    let errs = errors(&pod_with(&[
        "      volumes:",
        "      - name: logs",
        "        hostPath: {path: /var/log}",
        "        emptyDir: {}",
    ]));
    assert_eq!(errs.len(), 2, "{errs:#?}");
    has(&errs, 14, 9, "spec.template.spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type");
    has(&errs, 11, 31, MOUNT);
    let errs = errors(&pod_with(&[
        "      volumes:",
        "      - name: logs",
        "        hostPath: {}",
    ]));
    has(
        &errs,
        14,
        19,
        "spec.template.spec.volumes[0].hostPath.path: Required value",
    );
    assert_eq!(errs.len(), 2, "{errs:#?}");
    let errs = errors(&pod_with(&["      volumes:", "      - name: logs"]));
    has(
        &errs,
        13,
        9,
        "spec.template.spec.volumes[0]: Required value: must specify a volume type",
    );
    let errs = errors(&pod_with(&[
        "      volumes:",
        "      - name: logs",
        "        hostPath: {path: /a/../etc, type: Dir}",
    ]));
    has(&errs, 14, 26, "spec.template.spec.volumes[0].hostPath.path: Invalid value: \"/a/../etc\": must not contain '..'");
    has(&errs, 14, 43, "spec.template.spec.volumes[0].hostPath.type: Unsupported value: \"Dir\": supported values: \"\", \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\"");
    let errs = errors(&pod_with(&[
        "      volumes:",
        "      - name: logs",
        "        secret: {defaultMode: 1000}",
        "      - name: conf",
        "        configMap: {}",
        "      - name: data",
        "        persistentVolumeClaim: {readOnly: true}",
    ]));
    has(
        &errs,
        14,
        17,
        "spec.template.spec.volumes[0].secret.secretName: Required value",
    );
    has(&errs, 14, 31, "spec.template.spec.volumes[0].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive");
    has(
        &errs,
        16,
        20,
        "spec.template.spec.volumes[1].configMap.name: Required value",
    );
    has(
        &errs,
        18,
        32,
        "spec.template.spec.volumes[2].persistentVolumeClaim.claimName: Required value",
    );
    // A volume with errors is not registered, so a later one of the same name is no duplicate.
    let errs = errors(&pod_with(&[
        "      volumes:",
        "      - name: logs",
        "        hostPath: {}",
        "      - name: logs",
        "        emptyDir: {}",
    ]));
    assert_eq!(errs.len(), 1, "{errs:#?}");
    parse_one(&pod_with(&[
        "      volumes:",
        "      - name: logs",
        "        hostPath: {path: /var/log, type: DirectoryOrCreate}",
    ]));
}

/// Fields the simulation keeps untyped still decode strictly: a value of the wrong JSON type is
/// the decoder's BadRequest (apiserver endpoints/handlers/rest.go transformDecodeError).
#[test]
fn untyped_pod_fields_still_decode_strictly() {
    const HEAD: &str = "Job in version \"v1\" cannot be handled as a Job: ";
    let errs = errors(&pod_with(&[
        "        envFrom: {configMapRef: {name: settings}}",
        "        stdin: \"true\"",
        "      imagePullSecrets: [regcred]",
        "      priority: high",
        "      securityContext: 5",
        "      volumes:",
        "      - name: on",
        "        emptyDir: {}",
    ]));
    has(&errs, 12, 18, &format!("{HEAD}json: cannot unmarshal object into Go struct field Container.spec.template.spec.containers.envFrom of type []v1.EnvFromSource"));
    has(&errs, 13, 16, &format!("{HEAD}json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.stdin of type bool"));
    has(&errs, 14, 26, &format!("{HEAD}json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.imagePullSecrets of type v1.LocalObjectReference"));
    has(&errs, 15, 17, &format!("{HEAD}json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.priority of type int32"));
    has(&errs, 16, 24, &format!("{HEAD}json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.securityContext of type v1.PodSecurityContext"));
    has(&errs, 18, 15, &format!("{HEAD}json: cannot unmarshal bool into Go struct field Volume.spec.template.spec.volumes.name of type string"));
    assert_eq!(errs.len(), 6, "{errs:#?}");
    one(
        &pod_with(&["        envFrom: [{configMapRef: {name: a}, secretRf: {name: b}}]"]),
        12,
        45,
        &format!("{HEAD}strict decoding error: unknown field \"spec.template.spec.containers[0].envFrom[0].secretRf\""),
    );
}

/// kubectl's YAML→JSON step (go-yaml v2, then encoding/json): an integer too big for int64
/// becomes a float64, written `1e+41`; one too big for a float64 stays a string.
#[test]
fn numbers_beyond_int64_read_as_go_writes_them() {
    const HEAD: &str = "Job in version \"v1\" cannot be handled as a Job: ";
    let errs = errors(&job_with(&[
        "  backoffLimit: 99999999999999999999999999999999999999999",
        "  parallelism: 1e400",
    ]));
    has(&errs, 6, 17, &format!("{HEAD}json: cannot unmarshal number 1e+41 into Go struct field JobSpec.spec.backoffLimit of type int32"));
    has(&errs, 7, 16, &format!("{HEAD}json: cannot unmarshal string into Go struct field JobSpec.spec.parallelism of type int32"));
}

/// validateEnvVarValueFrom's sources: validateObjectFieldSelector (after
/// ConvertDownwardAPIFieldLabel, pkg/apis/core/pods/helpers.go), validateContainerResourceFieldSelector,
/// validateConfigMapKeySelector and validateSecretKeySelector (pkg/apis/core/validation/validation.go).
#[test]
fn env_value_from_sources_are_validated() {
    let src = |from: &str| {
        y(&[
            "apiVersion: batch/v1",
            "kind: Job",
            "metadata: {name: env}",
            "spec:",
            "  template:",
            "    spec:",
            "      restartPolicy: Never",
            "      containers:",
            "      - name: c",
            "        image: busybox",
            "        env:",
            "        - name: A",
            &format!("          valueFrom: {from}"),
        ])
    };
    let p = "spec.template.spec.containers[0].env[0].valueFrom";
    one(
        &src("{fieldRef: {fieldPath: spec.nodname}}"),
        13,
        45,
        &format!("{p}.fieldRef.fieldPath: Invalid value: \"spec.nodname\": error converting fieldPath: field label not supported: spec.nodname"),
    );
    one(
        &src("{fieldRef: {fieldPath: status.phase}}"),
        13,
        45,
        &format!("{p}.fieldRef.fieldPath: Unsupported value: \"status.phase\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\""),
    );
    one(
        &src("{fieldRef: {apiVersion: v2, fieldPath: metadata.name}}"),
        13,
        61,
        &format!("{p}.fieldRef.fieldPath: Invalid value: \"metadata.name\": error converting fieldPath: unsupported pod version: v2"),
    );
    one(
        &src("{resourceFieldRef: {resource: limits.gpu}}"),
        13,
        52,
        &format!("{p}.resourceFieldRef.resource: Unsupported value: \"limits.gpu\": supported values: \"limits.cpu\", \"limits.ephemeral-storage\", \"limits.memory\", \"requests.cpu\", \"requests.ephemeral-storage\", \"requests.memory\""),
    );
    one(
        &src("{secretKeyRef: {name: s}}"),
        13,
        37,
        &format!("{p}.secretKeyRef.key: Required value"),
    );
    let errs = errors(&src("{configMapKeyRef: {name: Cfg, key: '..a'}}"));
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert!(
        errs[1]
            .message
            .ends_with("\"..a\": must not start with '..'"),
        "{errs:#?}"
    );
    // Accepted: the paths the kubelet fills in, and label keys.
    for ok in [
        "{fieldRef: {fieldPath: spec.nodeName}}",
        "{fieldRef: {fieldPath: \"metadata.labels['app']\"}}",
        "{resourceFieldRef: {resource: requests.memory}}",
        "{configMapKeyRef: {name: cfg, key: KEY_NAME}}",
    ] {
        assert!(parse_documents(&src(ok)).is_ok(), "{ok}");
    }
}

/// validatePreferredSchedulingTerms and validateWeightedPodAffinityTerms
/// (pkg/apis/core/validation/validation.go): a preferred term's weight is 1-100.
#[test]
fn preferred_affinity_weights_are_1_to_100() {
    let src = y(&[
        "apiVersion: apps/v1",
        "kind: DaemonSet",
        "metadata: {name: aff}",
        "spec:",
        "  selector: {matchLabels: {app: aff}}",
        "  template:",
        "    metadata: {labels: {app: aff}}",
        "    spec:",
        "      affinity:",
        "        nodeAffinity:",
        "          preferredDuringSchedulingIgnoredDuringExecution:",
        "          - weight: 0",
        "            preference: {matchExpressions: [{key: disk, operator: In, values: [ssd]}]}",
        "        podAntiAffinity:",
        "          preferredDuringSchedulingIgnoredDuringExecution:",
        "          - weight: 101",
        "            podAffinityTerm: {topologyKey: kubernetes.io/hostname}",
        "      containers:",
        "      - {name: c, image: busybox}",
    ]);
    let errs = errors(&src);
    let p = "spec.template.spec.affinity";
    has(&errs, 12, 21, &format!("{p}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100"));
    has(&errs, 16, 21, &format!("{p}.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100"));
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert!(parse_documents(
        &src.replace("weight: 0", "weight: 1")
            .replace("weight: 101", "weight: 100")
    )
    .is_ok());
}

/// A selector that LabelSelectorAsSelector cannot convert (a bad key or value) reports only its
/// own error: the "does not match template labels" check is skipped (apps/validation
/// ValidateDaemonSetSpec, batch ValidateJobSpec).
#[test]
fn an_invalid_selector_is_not_also_said_to_mismatch() {
    let src = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: fluentd\nspec:\n  selector:\n    matchLabels:\n      app: \"a b\"\n  template:\n    metadata:\n      labels:\n        app: fluentd\n    spec:\n      containers:\n      - name: f\n        image: fluentd\n";
    let errs = errors(src);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(errs[0]
        .message
        .starts_with("spec.selector.matchLabels: Invalid value: \"a b\": a valid label must be"));
}

/// validateContainerCommon's order (name, image, terminationMessagePolicy, ports, env — each
/// entry's name then its source —, envFrom, volumeMounts, imagePullPolicy, resources), then
/// validateContainers' duplicate name and probes; host ports are checked across containers.
#[test]
fn container_errors_come_in_the_api_servers_order() {
    let src = PI.replace(
        "        command: [\"perl\",  \"-Mbignum=bpi\", \"-wle\", \"print bpi(2000)\"]\n",
        "        imagePullPolicy: always\n        resources:\n          requests: {cpu: 2}\n          limits: {cpu: 1}\n        volumeMounts:\n        - {name: data, mountPath: /data}\n        env:\n        - name: A=B\n          valueFrom: {}\n        - name: \"\"\n        ports:\n        - {containerPort: 80, hostPort: 8080}\n      - name: pi\n        image: perl\n        livenessProbe: {}\n        ports:\n        - {containerPort: 81, hostPort: 8080}\n",
    );
    let errs = errors(&src);
    let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "spec.template.spec.containers[0].env[0].name",
            "spec.template.spec.containers[0].env[0].valueFrom",
            "spec.template.spec.containers[0].env[1].name",
            "spec.template.spec.containers[0].volumeMounts[0].name",
            "spec.template.spec.containers[0].imagePullPolicy",
            "spec.template.spec.containers[0].resources.requests",
            "spec.template.spec.containers[1].name",
            "spec.template.spec.containers[1].livenessProbe",
            "spec.template.spec.containers[1].ports[0].hostPort",
        ],
        "{errs:#?}"
    );
    assert_eq!(
        errs[8].message,
        "spec.template.spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//8080\""
    );
}

/// Orders that differ when more than one rule fails: ValidateRollingUpdateDaemonSet checks both
/// fields' form before either against 100%; validateJobSpec's high-completions block says
/// maxFailedIndexes is missing, then parallelism, then maxFailedIndexes' limit;
/// validatePodFailurePolicyRule checks onExitCodes before "specifying both".
#[test]
fn multiple_errors_come_in_the_api_servers_order() {
    let errs = errors(&ds_strategy(&[
        "  updateStrategy:",
        "    rollingUpdate:",
        "      maxUnavailable: 150%",
        "      maxSurge: abc",
    ]));
    let bodies: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert!(bodies[0].starts_with("spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"abc\": a valid percent string"), "{bodies:#?}");
    assert_eq!(
        bodies[1],
        "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%"
    );
    let src = PARALLEL.replace(
        "  completions: 8\n  parallelism: 2\n",
        "  completions: 200000\n  parallelism: 20000\n  completionMode: Indexed\n  backoffLimitPerIndex: 1\n  maxFailedIndexes: 20000\n",
    );
    let fields: Vec<String> = errors(&src).into_iter().map(|e| e.field).collect();
    assert_eq!(fields, ["spec.parallelism", "spec.maxFailedIndexes"]);
    let src = PARALLEL.replace(
        "  parallelism: 2\n",
        "  parallelism: 2\n  podFailurePolicy:\n    rules:\n    - action: Ignore\n      onExitCodes: {operator: In, values: [0]}\n      onPodConditions: [{type: DisruptionTarget}]\n",
    );
    let fields: Vec<String> = errors(&src).into_iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            "spec.podFailurePolicy.rules[0].onExitCodes.values[0]",
            "spec.podFailurePolicy.rules[0]"
        ]
    );
}

/// validateContainerResourceName: an unknown resource without a domain is neither a standard
/// resource nor one for containers; a quota-only one (pods) is not for containers.
#[test]
fn container_resource_names_are_validated() {
    let src = PI.replace(
        "        command: [\"perl\",  \"-Mbignum=bpi\", \"-wle\", \"print bpi(2000)\"]\n",
        "        resources:\n          limits: {cpus: 1, pods: 2, example.com/gpu: 1}\n",
    );
    let errs = errors(&src);
    let messages: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "spec.template.spec.containers[0].resources.limits[cpus]: Invalid value: \"cpus\": must be a standard resource type or fully qualified",
            "spec.template.spec.containers[0].resources.limits[cpus]: Invalid value: \"cpus\": must be a standard resource for containers",
            "spec.template.spec.containers[0].resources.limits[pods]: Invalid value: \"pods\": must be a standard resource for containers",
        ]
    );
    assert_eq!((errs[0].line, errs[0].column), (12, 20));
}

/// A probe's named port is a port name (ValidatePortNumOrName: "8080" in quotes is a name too);
/// an envFrom source names a DNS subdomain (validateConfigMapEnvSource).
#[test]
fn probe_port_names_and_env_from_names_are_validated() {
    let src = PI.replace(
        "        command: [\"perl\",  \"-Mbignum=bpi\", \"-wle\", \"print bpi(2000)\"]\n",
        "        envFrom:\n        - configMapRef: {name: My_Config}\n        livenessProbe:\n          httpGet: {port: HTTP_PORT, path: /}\n        readinessProbe:\n          tcpSocket: {port: \"8080\"}\n",
    );
    let messages: Vec<String> = errors(&src).into_iter().map(|e| e.message).collect();
    let c = "spec.template.spec.containers[0]";
    assert_eq!(messages.len(), 4, "{messages:#?}");
    assert!(messages[0].starts_with(&format!("{c}.envFrom[0].configMapRef.name: Invalid value: \"My_Config\": a lowercase RFC 1123 subdomain")));
    assert_eq!(messages[1], format!("{c}.livenessProbe.httpGet.port: Invalid value: \"HTTP_PORT\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"));
    assert_eq!(messages[2], format!("{c}.livenessProbe.httpGet.port: Invalid value: \"HTTP_PORT\": must contain at least one letter (a-z)"));
    assert_eq!(messages[3], format!("{c}.readinessProbe.tcpSocket.port: Invalid value: \"8080\": must contain at least one letter (a-z)"));
}

/// kubectl's message lists unknown fields as the decoder meets them in the JSON kubectl sends:
/// keys sorted at every level, so metadata's before spec's and `aaa` before `zzz`.
#[test]
fn unknown_fields_are_listed_in_json_key_order() {
    let src = PI
        .replace(
            "        image: perl:5.34.0\n",
            "        zzz: 1\n        image: perl:5.34.0\n        aaa: 2\n",
        )
        .replace("  name: pi\n", "  name: pi\n  foo: 3\n");
    let errs = errors(&src);
    assert_eq!(
        invalid_message(ctrlscope::api::Kind::Job, "pi", &errs),
        "Error from server (BadRequest): Job in version \"v1\" cannot be handled as a Job: strict decoding error: unknown field \"metadata.foo\", unknown field \"spec.template.spec.containers[0].aaa\", unknown field \"spec.template.spec.containers[0].zzz\""
    );
}

/// A v1 List (what `kubectl get -o yaml` prints) stands for its items, as kubectl's resource
/// builder flattens it: each item is validated at its own lines.
#[test]
fn a_v1_list_stands_for_its_items() {
    let item = |name: &str, policy: &str| {
        format!("- apiVersion: batch/v1\n  kind: Job\n  metadata:\n    name: {name}\n  spec:\n    template:\n      spec:\n        restartPolicy: {policy}\n        containers:\n        - name: c\n          image: busybox\n")
    };
    let list = format!(
        "apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: \"\"\nitems:\n{}{}",
        item("a", "Never"),
        item("b", "Never")
    );
    let objs = parse_manifests(&list).expect("valid");
    let names: Vec<&str> = objs.iter().map(|o| o.name()).collect();
    assert_eq!(names, ["a", "b"]);
    let bad = format!(
        "apiVersion: v1\nkind: List\nitems:\n{}{}",
        item("a", "Never"),
        item("b", "Always")
    );
    let errs = errors(&bad);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!((errs[0].line, errs[0].column), (22, 24));
    assert!(errs[0]
        .message
        .starts_with("spec.template.spec.restartPolicy: Required value"));
    assert!(parse_manifests("apiVersion: v1\nkind: List\nitems: []\n")
        .unwrap()
        .is_empty());
}

/// pkg/apis/core/v1/defaults.go: quantities are stored rounded up to milli and canonical
/// (SetDefaults_ResourceList; quantity.go CanonicalizeBytes), a port gets protocol TCP
/// (SetDefaults_ContainerPort), configMap/secret volumes mode 420, hostPath type "", a
/// resourceFieldRef divisor "0". Written out or left out, the DaemonSet is the same: its own
/// `-o yaml` applied back makes no new revision, nor does `cpu: 0.5` for `500m`.
#[test]
fn defaults_are_shown_canonical_and_the_same_written_or_not() {
    let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n      - name: a\n        image: busybox:1.36\n        ports:\n        - containerPort: 9100\n          hostPort: 9100\n        env:\n        - name: CPU\n          valueFrom:\n            resourceFieldRef: {resource: limits.cpu}\n        resources:\n          requests: {cpu: 0.5, memory: 1000M}\n          limits: {cpu: \"1.0\", memory: 1.5Gi}\n      volumes:\n      - name: cfg\n        configMap: {name: x}\n      - name: logs\n        hostPath: {path: /var/log}\n";
    let mut s = ctrlscope::sim::Simulation::new(ctrlscope::sim::SimConfig::default());
    s.add_default_nodes();
    for o in parse_manifests(ds).expect("valid") {
        s.apply(o).expect("applied");
    }
    let yaml = ctrlscope::kubectl::console::run(&mut s, "get ds agent -o yaml").output;
    for want in [
        "          protocol: TCP\n",
        "            cpu: 500m\n            memory: 1G\n",
        "            cpu: \"1\"\n            memory: 1536Mi\n",
        "          defaultMode: 420\n          name: x\n",
        "          type: \"\"\n",
        "              divisor: \"0\"\n",
    ] {
        assert!(yaml.contains(want), "{want:?} in\n{yaml}");
    }
    let parsed = parse_manifests(&yaml).unwrap_or_else(|e| panic!("{e:#?}"));
    assert!(!s.apply_changes(&parsed[0]), "{yaml}");
    let milli = ds
        .replace("cpu: 0.5", "cpu: 500m")
        .replace("memory: 1.5Gi", "memory: 1536Mi");
    let parsed = parse_manifests(&milli).expect("valid");
    assert!(!s.apply_changes(&parsed[0]));
    let json = ctrlscope::kubectl::console::run(&mut s, "get ds agent -o json").output;
    assert!(
        json.contains("\"hostPort\": 9100,\n                                \"protocol\": \"TCP\""),
        "{json}"
    );
}

// --- ValidatePodSpec's pod-level rules (pkg/apis/core/validation/validation.go) -----------------

/// A Job whose pod spec continues (from line 11) with these lines after its container `c`.
fn job_pod(spec_lines: &[&str]) -> String {
    let mut lines = vec![
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata: {name: v}",
        "spec:",
        "  template:",
        "    spec:",
        "      restartPolicy: Never",
        "      containers:",
        "      - name: c",
        "        image: busybox",
    ];
    lines.extend_from_slice(spec_lines);
    y(&lines)
}

fn messages(src: &str) -> Vec<String> {
    errors(src).into_iter().map(|e| e.message).collect()
}

const P: &str = "spec.template.spec";
const LABEL_ERR: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_ERR: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const NAME_PART_ERR: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/// ValidateNodeSelectorTerm runs ValidateNodeFieldSelectorRequirement on matchFields (only
/// metadata.name, In/NotIn with one value); required matchExpressions values are label values
/// (AllowInvalidLabelValueInRequiredNodeAffinity is false on create); preferred terms are
/// checked too, their values not.
#[test]
fn node_affinity_terms_are_validated() {
    let src = job_pod(&[
        "      affinity:",
        "        nodeAffinity:",
        "          requiredDuringSchedulingIgnoredDuringExecution:",
        "            nodeSelectorTerms:",
        "            - matchExpressions:",
        "              - {key: zone, operator: In, values: [\"bad value!\"]}",
        "              matchFields:",
        "              - {key: metadata.name, operator: In, values: [a, b]}",
        "              - {key: metadata.name, operator: Exists}",
        "              - {key: spec.unschedulable, operator: In, values: [x]}",
        "              - {key: metadata.name, operator: NotIn, values: [Bad_Node]}",
        "          preferredDuringSchedulingIgnoredDuringExecution:",
        "          - weight: 1",
        "            preference:",
        "              matchExpressions:",
        "              - {key: zone, operator: Equals, values: [\"bad value!\"]}",
        "              matchFields:",
        "              - {key: metadata.labels, operator: In, values: [a]}",
    ]);
    let errs = errors(&src);
    let req = format!("{P}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]");
    let pref = format!(
        "{P}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference"
    );
    let got: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        got,
        [
            format!("{req}.matchExpressions[0].values[0]: Invalid value: \"bad value!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
            format!("{req}.matchFields[0].values: Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector"),
            format!("{req}.matchFields[1].operator: Invalid value: \"Exists\": not a valid selector operator"),
            format!("{req}.matchFields[2].key: Invalid value: \"spec.unschedulable\": not a valid field selector key"),
            format!("{req}.matchFields[3].values[0]: Invalid value: \"Bad_Node\": {SUBDOMAIN_ERR}"),
            format!("{pref}.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator"),
            format!("{pref}.matchFields[0].key: Invalid value: \"metadata.labels\": not a valid field selector key"),
        ],
        "{errs:#?}"
    );
    // Each at its value: the label value, the field selector key.
    has(&errs, 16, 52, got[0]);
    has(&errs, 20, 23, got[3]);
}

/// validatePodAffinityTerm, for required terms and each weighted term's podAffinityTerm:
/// selectors, namespaces (reported under `namespace`), matchLabelKeys/mismatchLabelKeys, and a
/// topologyKey that is required and a label name.
#[test]
fn pod_affinity_terms_are_validated() {
    let src = job_pod(&[
        "      affinity:",
        "        podAntiAffinity:",
        "          requiredDuringSchedulingIgnoredDuringExecution:",
        "          - labelSelector: {matchLabels: {app: x}}",
        "            matchLabelKeys: [app, \"bad key!\"]",
        "            mismatchLabelKeys: [app]",
        "          preferredDuringSchedulingIgnoredDuringExecution:",
        "          - weight: 200",
        "            podAffinityTerm:",
        "              topologyKey: \"bad key!\"",
        "              namespaceSelector: {matchExpressions: [{key: team, operator: Exists, values: [a]}]}",
        "        podAffinity:",
        "          requiredDuringSchedulingIgnoredDuringExecution:",
        "          - topologyKey: zone",
        "            namespaces: [ok, Bad_NS]",
        "            matchLabelKeys: [app]",
    ]);
    let errs = errors(&src);
    let pa = format!("{P}.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]");
    let anti =
        format!("{P}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]");
    let weighted =
        format!("{P}.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]");
    let got: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        got,
        [
            format!("{pa}.namespace: Invalid value: \"Bad_NS\": {LABEL_ERR}"),
            format!("{pa}.matchLabelKeys: Forbidden: must not be specified when labelSelector is not set"),
            format!("{anti}.matchLabelKeys[1]: Invalid value: \"bad key!\": {NAME_PART_ERR}"),
            format!("{anti}.matchLabelKeys[0]: Invalid value: \"app\": exists in both matchLabelKeys and mismatchLabelKeys"),
            format!("{anti}.topologyKey: Required value: can not be empty"),
            format!("{anti}.topologyKey: Invalid value: \"\": name part must be non-empty"),
            format!("{anti}.topologyKey: Invalid value: \"\": {NAME_PART_ERR}"),
            format!("{weighted}.weight: Invalid value: 200: must be in the range 1-100"),
            format!("{weighted}.podAffinityTerm.namespaceSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
            format!("{weighted}.podAffinityTerm.topologyKey: Invalid value: \"bad key!\": {NAME_PART_ERR}"),
        ],
        "{errs:#?}"
    );
    // The namespace error is at the bad entry of `namespaces`.
    has(&errs, 25, 30, got[0]);
}

/// The PodSpec's names: serviceAccountName (ValidateServiceAccountName), hostname and subdomain
/// (ValidateDNS1123Label), priorityClassName; readinessGates' and schedulingGates' qualified
/// names (a repeated gate is a Duplicate at the item); os.name (validateOS).
#[test]
fn pod_spec_names_and_gates_are_validated() {
    let src = job_pod(&[
        "      serviceAccountName: Bad_SA",
        "      hostname: Bad_Host",
        "      subdomain: sub.domain",
        "      priorityClassName: Bad_PC",
        "      readinessGates:",
        "      - conditionType: \"bad type!\"",
        "      schedulingGates:",
        "      - name: example.com/wait",
        "      - name: example.com/wait",
        "      os: {name: macos}",
    ]);
    let errs = errors(&src);
    let got: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        got,
        [
            format!("{P}.readinessGates[0].conditionType: Invalid value: \"bad type!\": {NAME_PART_ERR}"),
            format!("{P}.schedulingGates[1]: Duplicate value: \"example.com/wait\""),
            format!("{P}.serviceAccountName: Invalid value: \"Bad_SA\": {SUBDOMAIN_ERR}"),
            format!("{P}.hostname: Invalid value: \"Bad_Host\": {LABEL_ERR}"),
            format!("{P}.subdomain: Invalid value: \"sub.domain\": must not contain dots"),
            format!("{P}.priorityClassName: Invalid value: \"Bad_PC\": {SUBDOMAIN_ERR}"),
            format!("{P}.os: Unsupported value: \"macos\": supported values: \"linux\", \"windows\""),
        ],
        "{errs:#?}"
    );
    has(&errs, 19, 15, got[1]);
    has(&errs, 11, 27, got[2]);
    has(&errs, 20, 18, got[6]);
    assert_eq!(
        messages(&job_pod(&["      os: {name: \"\"}"])),
        [format!("{P}.os.name: Required value: cannot be empty")]
    );
}

/// validatePodHostNetworkDeps: with hostNetwork a template's hostPort is 0 or its containerPort.
#[test]
fn host_network_ports_must_match() {
    let src = job_pod(&[
        "        ports:",
        "        - {containerPort: 80, hostPort: 81}",
        "        - {containerPort: 90}",
        "      hostNetwork: true",
    ]);
    one(
        &src,
        12,
        41,
        &format!("{P}.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true"),
    );
}

/// validatePodSpecSecurityContext and the container's ValidateSecurityContext (last in
/// validateContainerCommon): ID ranges, fsGroupChangePolicy, sysctls, seccomp and AppArmor
/// profiles, procMount, and privileged with allowPrivilegeEscalation false (the value is the
/// internal SecurityContext as JSON).
#[test]
fn security_contexts_are_validated() {
    let src = job_pod(&[
        "        securityContext:",
        "          runAsUser: -1",
        "          privileged: true",
        "          allowPrivilegeEscalation: false",
        "          capabilities: {add: [SYS_ADMIN]}",
        "          procMount: Unmasked",
        "          seccompProfile: {type: RuntimeDefault, localhostProfile: x}",
        "      securityContext:",
        "        runAsGroup: -5",
        "        supplementalGroups: [1, 4294967296]",
        "        fsGroupChangePolicy: Sometimes",
        "        sysctls: [{name: net.core.somaxconn}, {name: net.core.somaxconn}, {name: Bad}]",
        "        seccompProfile: {type: Localhost, localhostProfile: ../x}",
        "        appArmorProfile: {type: Localhost}",
        "      shareProcessNamespace: true",
        "      hostPID: true",
    ]);
    let errs = errors(&src);
    let c = format!("{P}.containers[0].securityContext");
    let sc = format!("{P}.securityContext");
    let got: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        got,
        [
            format!("{c}.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive"),
            format!("{c}.procMount: Invalid value: \"Unmasked\": `hostUsers` must be false to use `Unmasked`"),
            format!("{c}.seccompProfile.localhostProfile: Invalid value: {{\"Type\":\"RuntimeDefault\",\"LocalhostProfile\":\"x\"}}: can only be set when seccomp type is Localhost"),
            format!("{c}: Invalid value: {{\"Capabilities\":{{\"Add\":[\"SYS_ADMIN\"],\"Drop\":null}},\"Privileged\":true,\"SELinuxOptions\":null,\"WindowsOptions\":null,\"RunAsUser\":-1,\"RunAsGroup\":null,\"RunAsNonRoot\":null,\"ReadOnlyRootFilesystem\":null,\"AllowPrivilegeEscalation\":false,\"ProcMount\":\"Unmasked\",\"SeccompProfile\":{{\"Type\":\"RuntimeDefault\",\"LocalhostProfile\":\"x\"}},\"AppArmorProfile\":null}}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true"),
            format!("{sc}.runAsGroup: Invalid value: -5: must be between 0 and 2147483647, inclusive"),
            format!("{sc}.supplementalGroups[1]: Invalid value: 4294967296: must be between 0 and 2147483647, inclusive"),
            format!("{sc}.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled"),
            format!("{sc}.sysctls[1].name: Duplicate value: \"net.core.somaxconn\""),
            format!("{sc}.sysctls[2].name: Invalid value: \"Bad\": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$"),
            format!("{sc}.fsGroupChangePolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnRootMismatch\""),
            format!("{sc}.seccompProfile.localhostProfile: Invalid value: \"../x\": must not contain '..'"),
            format!("{sc}.appArmorProfile.localhostProfile: Required value: must be set when AppArmor type is Localhost"),
        ],
        "{errs:#?}"
    );
    has(&errs, 12, 11, got[3]);
    has(&errs, 25, 30, got[6]);
    // A net.* sysctl with hostNetwork.
    assert_eq!(
        messages(&job_pod(&[
            "      hostNetwork: true",
            "      securityContext: {sysctls: [{name: net.core.somaxconn, value: \"1024\"}]}",
        ])),
        [format!("{sc}.sysctls[0].name: Invalid value: \"net.core.somaxconn\": may not be specified when 'hostNetwork' is true")]
    );
}

/// validateTopologySpreadConstraints: maxSkew, topologyKey, whenUnsatisfiable, a repeated
/// {topologyKey, whenUnsatisfiable}, minDomains, the node inclusion policies, matchLabelKeys,
/// then the selector.
#[test]
fn topology_spread_constraints_are_validated() {
    let src = job_pod(&[
        "      topologySpreadConstraints:",
        "      - maxSkew: 0",
        "        topologyKey: zone",
        "        whenUnsatisfiable: ScheduleAnyway",
        "        minDomains: 0",
        "        nodeAffinityPolicy: Always",
        "        matchLabelKeys: [app]",
        "        labelSelector: {matchLabels: {app: x, \"bad key!\": y}}",
        "      - maxSkew: 1",
        "        topologyKey: zone",
        "        whenUnsatisfiable: ScheduleAnyway",
        "        matchLabelKeys: [app]",
        "      - {maxSkew: 1, topologyKey: \"\", whenUnsatisfiable: Maybe}",
    ]);
    let errs = errors(&src);
    let t = format!("{P}.topologySpreadConstraints");
    let got: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        got,
        [
            format!("{t}[0].maxSkew: Invalid value: 0: must be greater than zero"),
            format!("{t}[0].{{topologyKey, whenUnsatisfiable}}: Duplicate value: \"{{zone, ScheduleAnyway}}\""),
            format!("{t}[0].minDomains: Invalid value: 0: must be greater than zero"),
            format!("{t}[0].minDomains: Invalid value: 0: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway"),
            format!("{t}[0].nodeAffinityPolicy: Unsupported value: \"Always\": supported values: \"Honor\", \"Ignore\""),
            format!("{t}[0].matchLabelKeys[0]: Invalid value: \"app\": exists in both matchLabelKeys and labelSelector"),
            format!("{t}[0].labelSelector.matchLabels: Invalid value: \"bad key!\": {NAME_PART_ERR}"),
            format!("{t}[1].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set"),
            format!("{t}[2].topologyKey: Required value: can not be empty"),
            format!("{t}[2].whenUnsatisfiable: Unsupported value: \"Maybe\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\""),
        ],
        "{errs:#?}"
    );
    has(&errs, 12, 18, got[0]);
}

/// ValidateHostAliases (IPs, hostnames) and validatePodDNSConfig: at most 3 nameservers, each
/// an IP; searches are subdomains where '_' is allowed and a trailing '.' dropped; options named.
#[test]
fn host_aliases_and_dns_config_are_validated() {
    let src = job_pod(&[
        "      hostAliases:",
        "      - ip: \"999.1.1.1\"",
        "        hostnames: [Bad_Host, ok.example]",
        "      - {ip: \"fe80::1\", hostnames: [x]}",
        "      dnsConfig:",
        "        nameservers: [1.1.1.1, 2.2.2.2, 3.3.3.3, nope]",
        "        searches: [_srv.example.com., Bad..domain, .]",
        "        options: [{name: ndots, value: \"2\"}, {value: x}]",
    ]);
    let errs = errors(&src);
    let d = format!("{P}.dnsConfig");
    let got: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        got,
        [
            format!("{d}.nameservers: Invalid value: [\"1.1.1.1\",\"2.2.2.2\",\"3.3.3.3\",\"nope\"]: must not have more than 3 nameservers"),
            format!("{d}.nameservers[3]: Invalid value: \"nope\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
            format!("{d}.searches[1]: Invalid value: \"Bad..domain\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')"),
            format!("{d}.options[1]: Required value: must not be empty"),
            format!("{P}.hostAliases[0].ip: Invalid value: \"999.1.1.1\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
            format!("{P}.hostAliases[0].hostnames[0]: Invalid value: \"Bad_Host\": {SUBDOMAIN_ERR}"),
        ],
        "{errs:#?}"
    );
    has(&errs, 12, 13, got[4]);
}

/// ValidateResourceQuantityValue: an extended resource is a whole number; and
/// validateResourceQuantityHugePageValue: hugepages are whole pages. The value shown is the
/// canonical quantity.
#[test]
fn extended_resources_are_integers_and_hugepages_whole_pages() {
    let src = job_pod(&[
        "        resources:",
        "          requests: {example.com/gpu: \"1.5\", hugepages-2Mi: 1Mi, cpu: 1}",
        "          limits: {example.com/gpu: \"1.5\", hugepages-2Mi: 1Mi}",
    ]);
    let errs = errors(&src);
    let r = format!("{P}.containers[0].resources");
    let got: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        got,
        [
            format!("{r}.limits[example.com/gpu]: Invalid value: \"1500m\": must be an integer"),
            format!("{r}.limits[hugepages-2Mi]: Invalid value: \"1Mi\": 1Mi is not positive integer multiple of hugepages-2Mi"),
            format!("{r}.requests[example.com/gpu]: Invalid value: \"1500m\": must be an integer"),
            format!("{r}.requests[hugepages-2Mi]: Invalid value: \"1Mi\": 1Mi is not positive integer multiple of hugepages-2Mi"),
        ],
        "{errs:#?}"
    );
    has(&errs, 13, 37, got[0]);
    assert!(parse_documents(&src.replace("1.5", "2").replace("1Mi", "4Mi")).is_ok());
}

/// ValidatePodSpec's order: containers, validatePodHostNetworkDeps, restartPolicy, dnsPolicy,
/// nodeSelector, securityContext, affinity, dnsConfig, readinessGates, schedulingGates,
/// topologySpreadConstraints, hostUsers, serviceAccountName, nodeName, activeDeadlineSeconds,
/// hostname, subdomain, tolerations, hostAliases, priorityClassName, os — whatever the YAML's.
#[test]
fn pod_spec_errors_come_in_the_api_servers_order() {
    let src = y(&[
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata: {name: v}",
        "spec:",
        "  template:",
        "    spec:",
        "      os: {name: macos}",
        "      priorityClassName: Bad_PC",
        "      hostAliases: [{ip: nope}]",
        "      tolerations: [{key: k, operator: Maybe}]",
        "      subdomain: Bad_Sub",
        "      hostname: Bad_Host",
        "      activeDeadlineSeconds: 0",
        "      nodeName: Bad_Node",
        "      serviceAccountName: Bad_SA",
        "      hostUsers: false",
        "      topologySpreadConstraints: [{maxSkew: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}]",
        "      schedulingGates: [{name: \"bad gate!\"}]",
        "      readinessGates: [{conditionType: \"bad type!\"}]",
        "      dnsConfig: {nameservers: []}",
        "      affinity:",
        "        nodeAffinity:",
        "          requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: []}",
        "      securityContext: {runAsUser: -1}",
        "      nodeSelector: {\"bad key!\": x}",
        "      dnsPolicy: None",
        "      restartPolicy: Sometimes",
        "      hostNetwork: true",
        "      containers:",
        "      - name: c",
        "        image: busybox",
        "        ports: [{containerPort: 80, hostPort: 81}]",
    ]);
    let fields: Vec<String> = errors(&src).into_iter().map(|e| e.field).collect();
    let expected: Vec<String> = [
        "containers[0].ports[0].hostPort",
        "restartPolicy",
        "nodeSelector",
        "securityContext.runAsUser",
        "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms",
        "dnsConfig.nameservers",
        "readinessGates[0].conditionType",
        "schedulingGates[0]",
        "topologySpreadConstraints[0].maxSkew",
        "hostNetwork",
        "serviceAccountName",
        "nodeName",
        "activeDeadlineSeconds",
        "hostname",
        "subdomain",
        "tolerations[0].operator",
        "hostAliases[0].ip",
        "priorityClassName",
        "os",
        // ValidateJobSpec's own restartPolicy rule, after the template's.
        "restartPolicy",
    ]
    .iter()
    .map(|f| format!("{P}.{f}"))
    .collect();
    assert_eq!(fields, expected);
}

/// getPercentValue (pkg/apis/apps/validation/validation.go) reads a percentage with
/// `value, _ := strconv.Atoi(...)`: out of int64's range it is the largest int, not 0, so
/// the API server says "greater than 100%" (and "non-zero" for the other field).
#[test]
fn a_percentage_past_int64_is_huge_not_zero() {
    let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: \"9999999999999999999999%\"\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n      - name: c\n        image: busybox:1.36\n";
    let errs = parse_manifests(ds).expect_err("refused");
    has(&errs, 11, 23, "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"9999999999999999999999%\": must not be greater than 100%");
    has(&errs, 10, 17, "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero");
    assert_eq!(errs.len(), 2, "{errs:#?}");
}

/// YAML 1.1 `.inf`, `-.inf`, `.nan` (go-yaml v2 resolve table, any of their three spellings)
/// are floats JSON cannot hold: kubectl's decoder converts the document to JSON first and
/// json.Marshal fails (sigs.k8s.io/yaml unmarshal → yamlToJSONTarget: `error converting YAML
/// to JSON: ` + encoding/json UnsupportedValueError), whatever field holds it — one error for
/// the document, the first value in json.Marshal's order (keys sorted). A number out of
/// float64's range stays a string (ParseFloat fails), as in go-yaml.
#[test]
fn yaml_inf_and_nan_fail_kubectls_yaml_to_json_conversion() {
    let job = |backoff: &str, label: &str| {
        y(&[
            "apiVersion: batch/v1",
            "kind: Job",
            "metadata:",
            "  name: j",
            "  labels:",
            &format!("    a: {label}"),
            "spec:",
            &format!("  backoffLimit: {backoff}"),
            "  template:",
            "    spec:",
            "      restartPolicy: Never",
            "      containers:",
            "      - name: c",
            "        image: busybox",
        ])
    };
    for (v, go) in [
        (".inf", "+Inf"),
        (".Inf", "+Inf"),
        ("+.INF", "+Inf"),
        ("-.inf", "-Inf"),
        (".nan", "NaN"),
        (".NAN", "NaN"),
    ] {
        let msg = format!("error converting YAML to JSON: json: unsupported value: {go}");
        one(&job(v, "x"), 8, 17, &msg);
        // metadata sorts before spec: the label is met first, and is the only error.
        one(&job(v, v), 6, 8, &msg);
    }
    // Quoted, it is a string: then the decoder's type error.
    assert!(messages(&job("\".inf\"", "x"))[0].contains("cannot unmarshal string"));
    assert!(messages(&job("1e400", "x"))[0].contains("cannot unmarshal string"));
    // 1e400 is a string, so a label may be it.
    assert!(parse_documents(&job("4", "1e400")).is_ok());
}

/// A Job whose template carries `meta` under `template:` and `spec` lines under its pod spec,
/// and `ctr` lines under its one container (line 9 is `containers:` when `meta` is empty).
fn job_parts(meta: &[&str], spec: &[&str], ctr: &[&str]) -> String {
    let mut l = vec![
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata:",
        "  name: pi",
        "spec:",
        "  template:",
    ];
    l.extend_from_slice(meta);
    l.extend_from_slice(&["    spec:", "      restartPolicy: Never"]);
    l.extend_from_slice(spec);
    l.extend_from_slice(&[
        "      containers:",
        "      - name: main",
        "        image: busybox",
    ]);
    l.extend_from_slice(ctr);
    y(&l)
}

#[test]
fn validate_pod_template_spec_forbids_ephemeral_containers() {
    one(
        &job_parts(&[], &["      ephemeralContainers:", "      - name: dbg", "        image: busybox"], &[]),
        9,
        7,
        "spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template",
    );
}

#[test]
fn validate_key_to_path_checks_config_map_and_secret_items() {
    let errs = errors(&job_parts(
        &[],
        &[
            "      volumes:",
            "      - name: cm",
            "        configMap:",
            "          name: c",
            "          items:",
            "          - key: a",
            "          - key: b",
            "            path: /abs",
            "          - key: c",
            "            path: ../up",
            "          - key: d",
            "            path: ..x",
            "            mode: 512",
            "      - name: s",
            "        secret:",
            "          secretName: s",
            "          items:",
            "          - path: p",
        ],
        &[],
    ));
    let m = "spec.template.spec.volumes";
    assert_eq!(errs.len(), 6, "{errs:#?}");
    has(
        &errs,
        14,
        13,
        &format!("{m}[0].configMap.items[0].path: Required value"),
    );
    has(
        &errs,
        16,
        19,
        &format!(
            "{m}[0].configMap.items[1].path: Invalid value: \"/abs\": must be a relative path"
        ),
    );
    has(
        &errs,
        18,
        19,
        &format!("{m}[0].configMap.items[2].path: Invalid value: \"../up\": must not contain '..'"),
    );
    has(
        &errs,
        20,
        19,
        &format!(
            "{m}[0].configMap.items[3].path: Invalid value: \"..x\": must not start with '..'"
        ),
    );
    has(&errs, 21, 19, &format!("{m}[0].configMap.items[3].mode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive"));
    has(
        &errs,
        26,
        13,
        &format!("{m}[1].secret.items[0].key: Required value"),
    );
}

#[test]
fn validate_volume_source_checks_size_limit_nfs_csi_ephemeral_and_downward_api() {
    let errs = errors(&job_parts(
        &[],
        &[
            "      volumes:",
            "      - name: ed",
            "        emptyDir:",
            "          sizeLimit: -1Gi",
            "      - name: nfs",
            "        nfs:",
            "          path: data",
            "      - name: csi",
            "        csi: {}",
            "      - name: eph",
            "        ephemeral: {}",
            "      - name: dapi",
            "        downwardAPI:",
            "          items:",
            "          - path: /etc/x",
        ],
        &[],
    ));
    let m = "spec.template.spec.volumes";
    let want = [
        format!("{m}[0].emptyDir.sizeLimit: Forbidden: SizeLimit field must be a valid resource quantity"),
        format!("{m}[1].nfs.server: Required value"),
        format!("{m}[1].nfs.path: Invalid value: \"data\": must be an absolute path"),
        format!("{m}[2].csi.driver: Required value"),
        format!("{m}[2].csi.driver: Invalid value: \"\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        format!("{m}[3].ephemeral.volumeClaimTemplate: Required value"),
        format!("{m}[4].downwardAPI.path: Invalid value: \"/etc/x\": must be a relative path"),
        format!("{m}[4].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required"),
    ];
    let got: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(got, want);
    has(&errs, 12, 22, &want[0]);
}

/// validateDownwardAPIVolumeFile → validateContainerResourceFieldSelector(…, volume=true): a
/// file of the pod names its container; its resource is one of the supported ones.
#[test]
fn validate_downward_api_volume_resource_field_ref() {
    let errs = errors(&job_parts(
        &[],
        &[
            "      volumes:",
            "      - name: d",
            "        downwardAPI:",
            "          items:",
            "          - path: cpu",
            "            resourceFieldRef: {resource: limits.cpu}",
            "          - path: foo",
            "            resourceFieldRef: {containerName: pi, resource: limits.foo}",
            "          - path: mem",
            "            resourceFieldRef: {containerName: pi, resource: requests.memory}",
        ],
        &[],
    ));
    let m = "spec.template.spec.volumes[0].downwardAPI.resourceFieldRef";
    let got: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!(got[0], format!("{m}.containerName: Required value"));
    assert!(
        got[1].starts_with(&format!(
            "{m}.resource: Unsupported value: \"limits.foo\": supported values: "
        )),
        "{}",
        got[1]
    );
}

#[test]
fn validate_mount_propagation_and_recursive_read_only() {
    let errs = errors(&job_parts(
        &[],
        &["      volumes:", "      - name: v", "        emptyDir: {}"],
        &[
            "        volumeMounts:",
            "        - name: v",
            "          mountPath: /a",
            "          mountPropagation: Foo",
            "        - name: v",
            "          mountPath: /b",
            "          mountPropagation: Bidirectional",
            "        - name: v",
            "          mountPath: /c",
            "          recursiveReadOnly: Enabled",
            "          mountPropagation: HostToContainer",
        ],
    ));
    let m = "spec.template.spec.containers[0].volumeMounts";
    let got: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        got,
        [
            format!("{m}.mountPropagation: Unsupported value: \"Foo\": supported values: \"Bidirectional\", \"HostToContainer\", \"None\""),
            format!("{m}.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers"),
            format!("{m}.recursiveReadOnly: Forbidden: may only be specified when readOnly is true"),
            format!("{m}.recursiveReadOnly: Forbidden: may only be specified when mountPropagation is None or not specified"),
        ]
    );
    has(&errs, 18, 29, got[0]);
    // A privileged container may use Bidirectional.
    parse_one(&job_parts(
        &[],
        &["      volumes:", "      - name: v", "        emptyDir: {}"],
        &[
            "        securityContext:",
            "          privileged: true",
            "        volumeMounts:",
            "        - name: v",
            "          mountPath: /a",
            "          mountPropagation: Bidirectional",
        ],
    ));
}

#[test]
fn validate_pod_specific_annotations_mirror_and_deletion_cost() {
    let errs = errors(&job_parts(
        &[
            "    metadata:",
            "      annotations:",
            "        controller.kubernetes.io/pod-deletion-cost: \"007\"",
            "        kubernetes.io/config.mirror: x",
        ],
        &[],
        &[],
    ));
    let got: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        got,
        [
            "spec.template.annotations[kubernetes.io/config.mirror]: Invalid value: \"x\": must set spec.nodeName if mirror pod annotation is set",
            "spec.template.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: \"007\": must be a 32bit integer",
        ]
    );
    for ok in ["0", "-5", "2147483647"] {
        let cost = format!("        controller.kubernetes.io/pod-deletion-cost: \"{ok}\"");
        parse_one(&job_parts(
            &["    metadata:", "      annotations:", &cost],
            &[],
            &[],
        ));
    }
    for bad in ["+5", "2147483648", "", "-"] {
        let cost = format!("        controller.kubernetes.io/pod-deletion-cost: \"{bad}\"");
        errors(&job_parts(
            &["    metadata:", "      annotations:", &cost],
            &[],
            &[],
        ));
    }
}

const PROJECTED: &str = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      restartPolicy: Never
      volumes:
      - name: p
        projected:
          sources:
          - secret:
              name: s
              items:
              - key: a
                path: x
            configMap:
              name: c
          - configMap:
              name: c
              items:
              - key: b
                path: x
          - serviceAccountToken:
              expirationSeconds: 60
          - downwardAPI:
              items:
              - path: /y
                fieldRef:
                  fieldPath: metadata.name
      containers:
      - name: main
        image: busybox
"#;

#[test]
fn validate_projection_sources_checks_items_paths_and_tokens() {
    let errs = errors(PROJECTED);
    let v = "spec.template.spec.volumes[0].projected";
    let got = placed(&errs);
    assert_eq!(
        got,
        [
            format!("13:13: {v}.sources[0]: Forbidden: may not specify more than 1 volume type per source"),
            format!("24:23: {v}: Invalid value: \"c\": conflicting duplicate paths"),
            format!("26:34: {v}.sources[2].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes"),
            format!("26:15: {v}.path: Required value"),
            format!("29:23: {v}.sources[3].downwardAPI.path: Invalid value: \"/y\": must be a relative path"),
        ]
    );
}

const SECCOMP_APPARMOR: &str = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    metadata:
      annotations:
        seccomp.security.alpha.kubernetes.io/pod: foo
        container.seccomp.security.alpha.kubernetes.io/main: localhost/../x
        container.apparmor.security.beta.kubernetes.io/other: bogus
        container.apparmor.security.beta.kubernetes.io/main: localhost/ok
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
"#;

#[test]
fn validate_seccomp_and_app_armor_pod_annotations() {
    let errs = errors(SECCOMP_APPARMOR);
    let a = "spec.template.annotations";
    let got = placed(&errs);
    assert_eq!(
        got,
        [
            format!("9:51: {a}.seccomp.security.alpha.kubernetes.io/pod: Invalid value: \"foo\": must be a valid seccomp profile"),
            format!("10:62: {a}.container.seccomp.security.alpha.kubernetes.io/main: Invalid value: \"../x\": must not contain '..'"),
            format!("11:63: {a}[container.apparmor.security.beta.kubernetes.io/other]: Invalid value: \"other\": container not found"),
            format!("11:63: {a}[container.apparmor.security.beta.kubernetes.io/other]: Invalid value: \"bogus\": invalid AppArmor profile name: \"bogus\""),
        ]
    );
}

const HANDLER_PORTS: &str = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        readinessProbe:
          tcpSocket:
            port: true
        livenessProbe:
          httpGet:
            port: 80.5
        startupProbe:
          httpGet:
            port: http
        lifecycle:
          postStart:
            tcpSocket:
              port: [80]
          preStop:
            sleep:
              seconds: "5"
"#;

/// IntOrString.UnmarshalJSON decodes a non-string into its int32: a probe's or hook's
/// `port: true` or `80.5` is the decoder's error, named after the struct holding the port.
#[test]
fn int_or_string_unmarshal_json_handler_ports() {
    let errs = errors(HANDLER_PORTS);
    let h = "Job in version \"v1\" cannot be handled as a Job: json: cannot unmarshal";
    let c = "spec.template.spec.containers";
    let got = placed(&errs);
    assert_eq!(
        got,
        [
            format!("14:19: {h} bool into Go struct field TCPSocketAction.{c}.readinessProbe.tcpSocket.port of type int32"),
            format!("17:19: {h} number 80.5 into Go struct field HTTPGetAction.{c}.livenessProbe.httpGet.port of type int32"),
            format!("24:21: {h} array into Go struct field TCPSocketAction.{c}.lifecycle.postStart.tcpSocket.port of type int32"),
            format!("27:24: {h} string into Go struct field SleepAction.{c}.lifecycle.preStop.sleep.seconds of type int64"),
        ]
    );
}

const WARNED_TEMPLATE: &str = r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ds
spec:
  selector:
    matchLabels:
      app: ds
  template:
    metadata:
      labels:
        app: ds
      annotations:
        scheduler.alpha.kubernetes.io/critical-pod: ""
        seccomp.security.alpha.kubernetes.io/pod: runtime/default
        container.apparmor.security.beta.kubernetes.io/main: runtime/default
    spec:
      affinity:
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 1
            preference:
              matchExpressions:
              - key: failure-domain.beta.kubernetes.io/zone
                operator: Exists
        podAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - topologyKey: kubernetes.io/hostname
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 1
            podAffinityTerm:
              topologyKey: kubernetes.io/hostname
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: failure-domain.beta.kubernetes.io/zone
        whenUnsatisfiable: ScheduleAnyway
      hostAliases:
      - ip: 10.0.0.1
        hostnames: [a]
      - ip: 10.0.0.1
        hostnames: [b]
      imagePullSecrets:
      - name: reg
      - name: reg
      - {}
      volumes:
      - name: g
        gitRepo:
          repository: https://example.com/r.git
      - name: c
        cephfs:
          monitors: [10.0.0.1]
      containers:
      - name: main
        image: busybox
        ports:
        - containerPort: 80
        - containerPort: 80
        - containerPort: 81
          hostIP: 10.0.0.1
      - name: side
        image: busybox
        ports:
        - containerPort: 80
          hostPort: 8080
"#;

/// pkg/api/pod/warnings.go warningsForPodSpecAndMeta: every warning in its order.
#[test]
fn warnings_for_pod_spec_and_meta_in_upstream_order() {
    let docs = parse_documents(WARNED_TEMPLATE).expect("valid");
    let s = "spec.template.spec";
    let m = "spec.template.metadata.annotations";
    let zone = r#"failure-domain.beta.kubernetes.io/zone is deprecated since v1.17; use "topology.kubernetes.io/zone" instead"#;
    let null = "a null labelSelector results in matching no pod";
    assert_eq!(
        docs[0].warnings(),
        [
            format!("{s}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].key: {zone}"),
            format!("{s}.topologySpreadConstraints[0].topologyKey: {zone}"),
            format!("{s}.topologySpreadConstraints[0].labelSelector: {null}"),
            format!("{m}[scheduler.alpha.kubernetes.io/critical-pod]: non-functional in v1.16+; use the \"priorityClassName\" field instead"),
            format!("{s}.volumes[0].gitRepo: deprecated in v1.11"),
            format!("{s}.volumes[1].cephfs: deprecated in v1.28, non-functional in v1.31+"),
            format!("{s}.hostAliases[1].ip: duplicate ip \"10.0.0.1\""),
            format!("{s}.imagePullSecrets[1].name: duplicate name \"reg\""),
            format!("{s}.imagePullSecrets[2].name: invalid empty name \"\""),
            format!("{m}[seccomp.security.alpha.kubernetes.io/pod]: non-functional in v1.27+; use the \"seccompProfile\" field instead"),
            format!("{m}[container.apparmor.security.beta.kubernetes.io/main]: deprecated since v1.30; use the \"appArmorProfile\" field instead"),
            format!("{s}.containers[0].ports[1]: duplicate port definition with {s}.containers[0].ports[0]"),
            format!("{s}.containers[0].ports[2]: hostIP set without hostPort: {{Name: HostPort:0 ContainerPort:81 Protocol:TCP HostIP:10.0.0.1}}"),
            format!("{s}.containers[1].ports[0]: overlapping port definition with {s}.containers[0].ports[0]"),
            format!("{s}.containers[1].ports[0]: overlapping port definition with {s}.containers[0].ports[1]"),
            format!("{s}.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector: {null}"),
            format!("{s}.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector: {null}"),
        ]
    );
}

/// metav1.Time.UnmarshalJSON: a timestamp must be RFC 3339 (time.Parse's own error is the
/// whole message), and a non-string fails its decoding into a string.
#[test]
fn metav1_time_unmarshal_json_is_rfc3339() {
    let head = "Job in version \"v1\" cannot be handled as a Job: ";
    let layout = "\"2006-01-02T15:04:05Z07:00\"";
    for (ts, msg) in [
        ("yesterday", format!("parsing time \"yesterday\" as {layout}: cannot parse \"yesterday\" as \"2006\"")),
        ("\"2024-01-01\"", format!("parsing time \"2024-01-01\" as {layout}: cannot parse \"\" as \"T\"")),
        ("\"2024-01-01 10:00:00\"", format!("parsing time \"2024-01-01 10:00:00\" as {layout}: cannot parse \" 10:00:00\" as \"T\"")),
        ("\"2024-01-01T10:00:00\"", format!("parsing time \"2024-01-01T10:00:00\" as {layout}: cannot parse \"\" as \"Z07:00\"")),
        ("\"2024-13-01T00:00:00Z\"", "parsing time \"2024-13-01T00:00:00Z\": month out of range".to_string()),
        ("\"2023-02-29T00:00:00Z\"", "parsing time \"2023-02-29T00:00:00Z\": day out of range".to_string()),
        ("\"2024-01-01T00:00:00Zx\"", "parsing time \"2024-01-01T00:00:00Zx\": extra text: \"x\"".to_string()),
        ("12", "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string".to_string()),
    ] {
        let src = PI.replace("  name: pi\n", &format!("  name: pi\n  creationTimestamp: {ts}\n"));
        one(&src, 5, 22, &format!("{head}{msg}"));
    }
    for ok in [
        "null",
        "\"2024-02-29T23:59:59.5+01:00\"",
        "\"2024-01-01T00:00:00Z\"",
    ] {
        let src = PI.replace(
            "  name: pi\n",
            &format!("  name: pi\n  creationTimestamp: {ok}\n"),
        );
        parse_one(&src);
    }
}

/// A Job's, CronJob's or DaemonSet's `status` is decoded strictly (unknown fields, types,
/// times), then dropped.
#[test]
fn status_is_decoded_strictly() {
    let head = "Job in version \"v1\" cannot be handled as a Job: ";
    let errs = errors(&format!(
        "{PI}status:\n  foo: 1\n  active: x\n  startTime: \"2024-01-01\"\n  conditions:\n  - type: Complete\n    bar: 2\n"
    ));
    let got: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        got,
        [
            format!("{head}strict decoding error: unknown field \"status.foo\""),
            format!("{head}json: cannot unmarshal string into Go struct field JobStatus.status.active of type int32"),
            format!("{head}parsing time \"2024-01-01\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\""),
            format!("{head}strict decoding error: unknown field \"status.conditions[0].bar\""),
        ]
    );
    // What `kubectl get -o yaml` prints decodes.
    parse_one(&format!(
        "{PI}status:\n  active: 1\n  ready: 0\n  terminating: 0\n  startTime: \"2026-01-01T00:00:00Z\"\n  uncountedTerminatedPods: {{}}\n"
    ));
}

/// validatePathNoBacksteps splits at `/` only (filepath.ToSlash on Linux): `a\..\b` has no
/// `..` element.
#[test]
fn validate_path_no_backsteps_splits_at_slashes_only() {
    parse_one(&job_parts(
        &[],
        &[
            "      volumes:",
            "      - name: h",
            "        hostPath:",
            "          path: '/a\\..\\b'",
        ],
        &[],
    ));
}

const DOWNWARD_API_FILES: &str = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      restartPolicy: Never
      volumes:
      - name: d
        downwardAPI:
          items:
          - path: a
            fieldRef:
              fieldPath: spec.nodeName
          - path: b
            fieldRef:
              fieldPath: metadata.labels['app']
          - path: c
            fieldRef:
              fieldPath: status.bogus
      containers:
      - name: main
        image: busybox
        env:
        - name: LBL
          valueFrom:
            fieldRef:
              fieldPath: metadata.labels
"#;

/// validateDownwardAPIVolumeFile → validateObjectFieldSelector with
/// validVolumeDownwardAPIFieldPathExpressions (env's own list stays env's).
#[test]
fn validate_downward_api_volume_file_field_ref() {
    let errs = errors(DOWNWARD_API_FILES);
    let d = "spec.template.spec.volumes[0].downwardAPI.fieldRef.fieldPath";
    let got = placed(&errs);
    assert_eq!(
        got,
        [
            format!("15:26: {d}: Unsupported value: \"spec.nodeName\": supported values: \"metadata.annotations\", \"metadata.labels\", \"metadata.name\", \"metadata.namespace\", \"metadata.uid\""),
            format!("21:26: {d}: Invalid value: \"status.bogus\": error converting fieldPath: field label not supported: status.bogus"),
            "29:26: spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: \"metadata.labels\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\"".to_string(),
        ]
    );
}

const SECCOMP_MISMATCH: &str = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    metadata:
      annotations:
        seccomp.security.alpha.kubernetes.io/pod: unconfined
        container.seccomp.security.alpha.kubernetes.io/main: localhost/a.json
    spec:
      restartPolicy: Never
      securityContext:
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: main
        image: busybox
        securityContext:
          seccompProfile:
            type: Localhost
            localhostProfile: b.json
"#;

/// validateSeccompAnnotationsAndFields (ValidatePodTemplateSpec, after the pod spec): an
/// annotation beside its field must say the same.
#[test]
fn validate_seccomp_annotations_and_fields_match() {
    let errs = errors(SECCOMP_MISMATCH);
    let got = placed(&errs);
    assert_eq!(
        got,
        [
            "15:17: spec.template.spec.securityContext.seccompProfile.type: Forbidden: seccomp type in annotation and field must match",
            "22:31: spec.template.spec.containers[0].securityContext.seccompProfile.localhostProfile: Forbidden: seccomp profile in annotation and field must match",
        ]
    );
    let same = SECCOMP_MISMATCH
        .replace(": unconfined", ": runtime/default")
        .replace("localhost/a.json", "localhost/b.json");
    parse_one(&same);
}

/// A Job named pi with `meta` after its name and `container` after its container's image (the
/// files the go-yaml tests below were checked with against kubectl 1.32, whose go-yaml v2 parses
/// as 1.34's: `kubectl label --local -f FILE a=b -o json`).
fn pi_with(meta: &str, container: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\n{meta}spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: pi\n        image: busybox\n{container}"
    )
}

/// What go-yaml v2 (sigs.k8s.io/yaml's fork, a port of libyaml's scanner.c and parser.c)
/// accepts, CtrlScope accepts, with the same values: libyaml checks no indentation inside a flow
/// collection or a quoted scalar (yaml_parser_fetch_next_token, yaml_parser_scan_flow_scalar),
/// eats tabs after a simple key's ':' (yaml_parser_scan_to_next_token), takes a comment right
/// after a token, `\'` in double quotes.
#[test]
fn go_yaml_v2_accepts_flow_and_quoted_continuations_tabs_after_a_colon_and_escaped_quotes() {
    let command = |src: &str| -> (Vec<String>, Option<String>) {
        let docs = parse_documents(src).unwrap_or_else(|e| panic!("{src}\n{e:#?}"));
        let Object::Job(job) = &docs[0].object else {
            panic!("a Job")
        };
        let c = &job.spec.template.spec.containers[0];
        let words = [c.command.clone(), c.args.clone()].concat();
        (words, job.metadata.annotations.get("a").cloned())
    };
    let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let cases: &[(&str, &str, &[&str], Option<&str>)] = &[
        // A flow sequence continued at its key's column, left of it, at column 1.
        (
            "",
            "        command: [\"sh\", \"-c\",\n        \"echo hello; sleep 5\"]\n",
            &["sh", "-c", "echo hello; sleep 5"],
            None,
        ),
        (
            "",
            "        command: [\"sh\", \"-c\",\n      \"echo hello; sleep 5\"]\n",
            &["sh", "-c", "echo hello; sleep 5"],
            None,
        ),
        (
            "",
            "        command: [\"sh\", \"-c\",\n\"echo hello; sleep 5\"]\n",
            &["sh", "-c", "echo hello; sleep 5"],
            None,
        ),
        // The closing bracket left of its key.
        (
            "",
            "        command: [\"sh\", \"-c\", \"echo hi\"\n      ]\n",
            &["sh", "-c", "echo hi"],
            None,
        ),
        (
            "",
            "        args: [\n  \"a\",\n  \"b\"\n]\n",
            &["a", "b"],
            None,
        ),
        (
            "",
            "        resources: {limits: {cpu: 1},\n    requests: {cpu: 1}}\n",
            &[],
            None,
        ),
        // A quoted scalar whose next line is left of its key.
        ("  annotations:\n    a: \"x\ny\"\n", "", &[], Some("x y")),
        ("  annotations:\n    a: 'x\n  y'\n", "", &[], Some("x y")),
        (
            "",
            "        args: [\"echo\n    hello\"]\n",
            &["echo hello"],
            None,
        ),
        (
            "",
            "        args:\n        - \"echo\n      hello\"\n",
            &["echo hello"],
            None,
        ),
        // Tabs after a key's ':'.
        ("", "        args:\t\n        - x\n", &["x"], None),
        ("", "        args:\t[\"x\"]\n", &["x"], None),
        ("  annotations:\n    a:\t\"x\"\n", "", &[], Some("x")),
        ("  annotations:\n    a:\tx\n", "", &[], Some("x")),
        // `\'` in double quotes.
        ("  annotations:\n    a: \"it\\'s\"\n", "", &[], Some("it's")),
        // A comment right after a token.
        ("", "        args: [\"x\"]# hi\n", &["x"], None),
        ("  annotations:\n    a: \"x\"# hi\n", "", &[], Some("x")),
    ];
    for (meta, container, want, annotation) in cases {
        let src = pi_with(meta, container);
        assert_eq!(
            command(&src),
            (words(want), annotation.map(str::to_string)),
            "{src}"
        );
    }
    let tab = pi_with("", "").replace("containers:\n", "containers:\t\n");
    assert_eq!(command(&tab), (vec![], None));
    // sigs.k8s.io/yaml Unmarshal decodes a document's first YAML document and reads no further:
    // what follows a `...`, or a line left of the first, is never parsed.
    for tail in ["...\nstray: \"\n", "...\nb: 2: 3\n"] {
        let src = pi_with("", tail);
        assert_eq!(command(&src), (vec![], None), "{src}");
    }
    // A byte order mark inside a document is text (go-yaml v2's is_bom looks at the buffer's
    // start only): kubectl refuses a line it starts.
    let bom = pi_with("", "").replace("spec:\n", "\u{feff}# c\nspec:\n");
    assert!(parse_documents(&bom).is_err(), "{bom}");
    // A document after `---` may start with a byte order mark too.
    let pi = pi_with("", "");
    let two = format!(
        "{pi}---\n\u{feff}{}",
        pi.replace("name: pi\nspec", "name: p2\nspec")
    );
    assert_eq!(parse_documents(&two).map(|d| d.len()).ok(), Some(2));
    let indented: String = pi_with("", "")
        .lines()
        .map(|l| format!("  {l}\n"))
        .collect();
    assert_eq!(command(&format!("{indented}b: \"x\n")), (vec![], None));
}

/// go-yaml v2's refusals in its words (decode.go `fail`: a scanner error on its 1-based line, a
/// parser error on its 0-based one, none on line 0), where the gutter marks the mistake.
/// kubectl's YAMLReader (k8s.io/apimachinery pkg/util/yaml) cuts the stream at `---` lines
/// before go-yaml parses each document, so lines count from the document's first line, a quote
/// left open ends at the next `---`, a `%YAML` or `%TAG` directive never has its `---`, and a
/// separator followed by more than a comment is refused.
#[test]
fn go_yaml_v2_refusals_in_kubectls_words_and_lines() {
    let pi = pi_with("", "");
    let cases: Vec<(String, (usize, usize), &str)> = vec![
        // scannerc.go yaml_parser_scan_flow_scalar knows no `\/` (YAML 1.2's).
        (pi_with("  annotations:\n    a: \"x\\/y\"\n", ""), (6, 10), "yaml: line 6: found unknown escape character"),
        (pi_with("  annotations:\n    a: \"x\n      \\/y\"\n", ""), (7, 7), "yaml: line 7: found unknown escape character"),
        // Directives (parserc.go yaml_parser_process_directives).
        (format!("%YAML 1.1\n---\n{pi}"), (1, 1), "yaml: line 1: did not find expected <document start>"),
        (format!("%YAML 1.2\n---\n{pi}"), (1, 1), "yaml: found incompatible YAML document"),
        (format!("# c\n%YAML 1.2\n---\n{pi}"), (2, 1), "yaml: line 1: found incompatible YAML document"),
        (format!("%TAG ! tag:x,2000:\n---\n{pi}"), (1, 1), "yaml: line 1: did not find expected <document start>"),
        (format!("%FOO bar\n---\n{pi}"), (1, 2), "yaml: found unknown directive name"),
        (format!("%YAML 1.1\n%YAML 1.1\n---\n{pi}"), (2, 1), "yaml: line 1: found duplicate %YAML directive"),
        (format!("{pi}---\n%YAML 1.1\n---\n{pi}"), (13, 1), "yaml: line 1: did not find expected <document start>"),
        // A flow collection left open, then a key or a '-' (parserc.go
        // yaml_parser_parse_flow_sequence_entry, yaml_parser_parse_flow_mapping_key).
        (pi_with("", "        command: [\"sh\", \"-c\", \"echo hi\"\n        imagePullPolicy: Always\n"), (13, 9), "yaml: line 12: did not find expected ',' or ']'"),
        (pi_with("", "        command: [\"sh\", \"-c\", \"echo hi\"\n      restartPolicy: Never\n"), (13, 7), "yaml: line 12: did not find expected ',' or ']'"),
        (pi_with("", "        command: [\"sh\", \"-c\",\n        imagePullPolicy: Always\n      dnsPolicy: Default\n"), (14, 7), "yaml: line 13: did not find expected ',' or ']'"),
        (pi_with("", "        command: [\"sh\", \"-c\", \"echo hi\"\n      - name: b\n        image: x\n"), (13, 7), "yaml: line 12: did not find expected ',' or ']'"),
        (pi_with("", "        command: [\"sh\",\n      - name: b\n"), (13, 7), "yaml: line 12: did not find expected node content"),
        (pi_with("", "        resources: {limits: {cpu: 1}\n        imagePullPolicy: Always\n"), (13, 9), "yaml: line 12: did not find expected ',' or '}'"),
        // scannerc.go yaml_parser_scan_plain_scalar ends a plain scalar in a flow collection
        // at '?', which then starts a key.
        (pi_with("", "        args: [--url=http://x/?a=b]\n"), (12, 31), "yaml: line 11: did not find expected ',' or ']'"),
        // An empty key (parserc.go yaml_parser_parse_block_mapping_key wants a KEY token).
        (pi_with("  annotations:\n    : x\n", ""), (6, 5), "yaml: line 5: did not find expected key"),
        (pi_with("  annotations:\n    a: b\n    : x\n", ""), (7, 5), "yaml: line 6: did not find expected key"),
        (pi_with("  annotations: {: x}\n", ""), (5, 17), "yaml: line 4: did not find expected node content"),
        // Lines count from the document's start; the gutter marks the stream's line.
        (format!("{pi}---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: p2\n x: 1\n"), (17, 3), "yaml: line 4: did not find expected key"),
        // A quote left open to the end (of the stream, or of its document at the next `---`):
        // go-yaml names the end, the gutter marks the quote.
        (pi.replace("image: busybox", "image: \"busybox"), (11, 16), "yaml: line 12: found unexpected end of stream"),
        (format!("{}---\n{pi}", pi.lines().take(4).collect::<Vec<_>>().join("\n").replace("name: pi", "name: \"pi") + "\n"), (4, 9), "yaml: line 5: found unexpected end of stream"),
        (pi_with("  annotations:\n    a: \"x\n---\n\"\n", ""), (6, 8), "yaml: line 7: found unexpected end of stream"),
        // A closed quote that went on left of its key, then a mistake: go-yaml's words.
        (pi_with("  annotations:\n    a: \"x\ny\"\n    b: c: d\n", ""), (8, 9), "yaml: line 8: mapping values are not allowed in this context"),
        // Kept on purpose (README): a quote left open that swallows keys is named where it
        // opens, not where libyaml stops (here `yaml: line 9: did not find expected key`).
        (pi.replace("name: pi\nspec", "name: \"pi\nspec").replace("- name: pi", "- name: \"pi\""), (4, 9), "yaml: line 4: invalid indentation in quoted scalar"),
        // YAMLReader.Read: "invalid Yaml document separator".
        (format!("{pi}---x\n{pi}"), (12, 4), "invalid Yaml document separator: x"),
        (format!("{pi}--- |\n  text\n"), (12, 4), "invalid Yaml document separator: |"),
    ];
    for (src, (line, column), message) in cases {
        let errs = errors(&src);
        assert_eq!(errs.len(), 1, "{src}\n{errs:#?}");
        assert_eq!(
            (errs[0].line, errs[0].column, errs[0].message.as_str()),
            (line, column, message),
            "{src}"
        );
    }
}

/// go-yaml is in a flow collection only after a real `[` or `{` token: one inside a block
/// scalar (`echo {`) or a plain value (`echo [x`) leaves a later mistake the block parser's
/// `did not find expected key` (yaml_parser_parse_block_mapping_key), as kubectl says it.
#[test]
fn brackets_in_text_open_no_flow_collection() {
    let block = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n        command:\n        - sh\n        - -c\n        - |\n          echo {\n        env:\n        - name: A\n          value: \"1\"   x: 2\n";
    one(block, 19, 24, "yaml: line 18: did not find expected key");
    let plain = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\n  annotations:\n    t: echo [x\n    x: \"1\"    y: 2\n";
    one(plain, 7, 15, "yaml: line 6: did not find expected key");
}

/// A `%YAML` directive as go-yaml v2's scanner reads it before its parser judges it
/// (scannerc.go yaml_parser_scan_version_directive_value, yaml_parser_scan_directive;
/// yaml_parser_process_directives), and a `-` on the line right after one (the directive ate
/// that line's break, so yaml_parser_fetch_block_entry finds no simple key allowed). Each as
/// kubectl 1.32 says it.
#[test]
fn yaml_directives_are_read_as_go_yaml_reads_them() {
    for (src, message) in [
        (
            "%YAML\n---\na: 1\n",
            "yaml: did not find expected version number",
        ),
        (
            "%YAML 1.\n---\na: 1\n",
            "yaml: did not find expected version number",
        ),
        (
            "%YAML 1.1x\n---\na: 1\n",
            "yaml: did not find expected comment or line break",
        ),
        (
            "%YAML 2\n---\na: 1\n",
            "yaml: did not find expected digit or '.' character",
        ),
        (
            "%YAML 1.2\n---\na: 1\n",
            "yaml: found incompatible YAML document",
        ),
        (
            "%YAML 1.1\n- a\nb: c\n",
            "yaml: line 2: block sequence entries are not allowed in this context",
        ),
        (
            "%YAML 1.1\n\n- a\n",
            "yaml: line 2: did not find expected <document start>",
        ),
        (
            "%YAML 1.1\nb: c\n",
            "yaml: line 1: did not find expected <document start>",
        ),
    ] {
        let errs = errors(src);
        assert_eq!(errs[0].message, message, "{src:?}");
    }
}
