//! `kubectl patch` bodies: JSON merge patch (RFC 7386, evanphx/json-patch `MergePatch`),
//! strategic merge patch (apimachinery pkg/util/strategicpatch/patch.go) for the lists these
//! objects hold, and JSON patch (RFC 6902, evanphx/json-patch v4 `patch.go`, which the API
//! server applies for `--type json`). Patches come from `manifest::to_json`, whose depth limit
//! bounds the recursion.

use serde_json::{Map, Value};

/// The `patchMergeKey` of the lists a strategic merge patch merges item by item
/// (staging/src/k8s.io/api/core/v1/types.go, meta/v1/types.go). Other lists (tolerations,
/// taints, command, args) have no merge key and are replaced whole.
fn merge_key(field: &str) -> Option<&'static str> {
    Some(match field {
        "containers"
        | "initContainers"
        | "ephemeralContainers"
        | "env"
        | "volumes"
        | "imagePullSecrets"
        | "schedulingGates"
        | "resourceClaims" => "name",
        "volumeMounts" => "mountPath",
        "volumeDevices" => "devicePath",
        "ports" => "containerPort",
        "hostAliases" => "ip",
        "topologySpreadConstraints" => "topologyKey",
        "ownerReferences" => "uid",
        _ => return None,
    })
}

/// RFC 7386: objects merge key by key, `null` removes, anything else replaces.
/// `strategic`: lists with a merge key merge by it; `$patch: delete` items remove theirs.
pub fn merge(target: &mut Value, patch: &Value, strategic: bool) -> Result<(), String> {
    let Value::Object(p) = patch else {
        *target = patch.clone();
        return Ok(());
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Value::Object(t) = target else {
        return Ok(());
    };
    for (k, v) in p {
        if strategic && k.starts_with('$') {
            continue; // directives ($retainKeys, $setElementOrder/...) only order or prune
        }
        match v {
            Value::Null => {
                t.remove(k);
            }
            Value::Array(items) if strategic => match merge_key(k) {
                Some(key) => {
                    let slot = t.entry(k.clone()).or_insert(Value::Null);
                    if !slot.is_array() {
                        *slot = Value::Array(Vec::new());
                    }
                    if let Value::Array(list) = slot {
                        merge_list(list, items, key)?;
                    }
                }
                None => {
                    t.insert(k.clone(), v.clone());
                }
            },
            _ => merge(t.entry(k.clone()).or_insert(Value::Null), v, strategic)?,
        }
    }
    Ok(())
}

/// `mergeSliceWithoutSpecialElements`: each patch item merges into the item with the same key
/// value, or is appended.
fn merge_list(list: &mut Vec<Value>, items: &[Value], key: &str) -> Result<(), String> {
    for item in items {
        let Some(id) = item.get(key) else {
            return Err(format!(
                "map: {} does not contain declared merge key: {key}",
                go_value(item)
            ));
        };
        let at = list.iter().position(|x| x.get(key) == Some(id));
        if item.get("$patch").and_then(Value::as_str) == Some("delete") {
            if let Some(i) = at {
                list.remove(i);
            }
            continue;
        }
        match at.and_then(|i| list.get_mut(i)) {
            Some(x) => merge(x, item, true)?,
            None => {
                let mut fresh = Value::Null;
                merge(&mut fresh, item, true)?;
                list.push(fresh);
            }
        }
    }
    Ok(())
}

/// Go's `%v` of a decoded JSON value (`map[image:nginx]`), for the merge key error.
fn go_value(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let mut parts: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{k}:{}", go_value(v)))
                .collect();
            parts.sort(); // Go prints map keys sorted
            format!("map[{}]", parts.join(" "))
        }
        Value::Array(a) => format!("[{}]", a.iter().map(go_value).collect::<Vec<_>>().join(" ")),
        Value::String(s) => s.clone(),
        Value::Null => "<nil>".into(),
        other => other.to_string(),
    }
}

/// RFC 6901: `~1` is `/`, `~0` is `~` (`decodePatchKey`).
fn decode_key(k: &str) -> String {
    k.replace("~1", "/").replace("~0", "~")
}

/// `findObject`: the container that holds the path's last key, and that key.
fn find_parent<'a>(doc: &'a mut Value, path: &str) -> Option<(&'a mut Value, String)> {
    let rest = path.strip_prefix('/')?;
    let mut parts: Vec<String> = rest.split('/').map(decode_key).collect();
    let key = parts.pop()?;
    let mut cur = doc;
    for p in parts {
        cur = match cur {
            Value::Object(m) => m.get_mut(&p)?,
            Value::Array(a) => {
                let i: usize = p.parse().ok()?;
                a.get_mut(i)?
            }
            _ => return None,
        };
    }
    matches!(cur, Value::Object(_) | Value::Array(_)).then_some((cur, key))
}

/// An array index as `partialArray` reads it (negative counts from the end), checked against
/// `len` (`len` itself allowed when `insert`).
fn index(key: &str, len: usize, insert: bool) -> Result<usize, String> {
    let i: i64 = key
        .parse()
        .map_err(|_| format!("strconv.Atoi: parsing {key:?}: invalid syntax"))?;
    let n = len as i64;
    let max = if insert { n } else { n - 1 };
    let j = if i < 0 { i + n } else { i };
    if i > max || j < 0 || j > max {
        return Err(format!(
            "Unable to access invalid index: {i}: invalid index referenced"
        ));
    }
    Ok(j as usize)
}

fn get(con: &Value, key: &str) -> Result<Value, String> {
    match con {
        Value::Object(m) => m
            .get(key)
            .cloned()
            .ok_or_else(|| format!("Unable to get nonexistent key: {key}: missing value")),
        Value::Array(a) => Ok(a[index(key, a.len(), false)?].clone()),
        _ => Err("missing value".into()),
    }
}

fn add(con: &mut Value, key: &str, v: Value) -> Result<(), String> {
    match con {
        Value::Object(m) => {
            m.insert(key.to_string(), v);
            Ok(())
        }
        Value::Array(a) if key == "-" => {
            a.push(v);
            Ok(())
        }
        Value::Array(a) => {
            let i = index(key, a.len(), true)?;
            a.insert(i, v);
            Ok(())
        }
        _ => Err("missing value".into()),
    }
}

fn remove(con: &mut Value, key: &str) -> Result<Value, String> {
    match con {
        Value::Object(m) => m
            .remove(key)
            .ok_or_else(|| format!("Unable to remove nonexistent key: {key}: missing value")),
        Value::Array(a) => {
            let i = index(key, a.len(), false)?;
            Ok(a.remove(i))
        }
        _ => Err("missing value".into()),
    }
}

/// RFC 6902 as evanphx/json-patch v4 `Patch.Apply` runs it: each operation in turn, its errors
/// in that library's words (`add operation does not apply: doc is missing path: "/x": missing
/// value`). `ops` must be a JSON array (the caller reports `DecodePatch`'s error otherwise).
pub fn json_patch(doc: &mut Value, ops: &[Value]) -> Result<(), String> {
    for op in ops {
        let kind = op["op"].as_str().unwrap_or("");
        let path = op["path"].as_str().unwrap_or("");
        let from = op["from"].as_str().unwrap_or("");
        let value = op.get("value").cloned();
        match kind {
            "add" => {
                let (con, key) = find_parent(doc, path).ok_or_else(|| {
                    format!("add operation does not apply: doc is missing path: {path:?}: missing value")
                })?;
                add(con, &key, value.unwrap_or(Value::Null))
                    .map_err(|e| format!("error in add for path: '{path}': {e}"))?;
            }
            "remove" => {
                let (con, key) = find_parent(doc, path).ok_or_else(|| {
                    format!("remove operation does not apply: doc is missing path: {path:?}: missing value")
                })?;
                remove(con, &key)
                    .map_err(|e| format!("error in remove for path: '{path}': {e}"))?;
            }
            "replace" => {
                let (con, key) = find_parent(doc, path).ok_or_else(|| {
                    format!("replace operation does not apply: doc is missing path: {path}: missing value")
                })?;
                if get(con, &key).is_err() {
                    return Err(format!(
                        "replace operation does not apply: doc is missing key: {path}: missing value"
                    ));
                }
                let v = value.unwrap_or(Value::Null);
                match con {
                    Value::Object(m) => {
                        m.insert(key, v);
                    }
                    Value::Array(a) => {
                        let i = index(&key, a.len(), false)?;
                        a[i] = v;
                    }
                    _ => {}
                }
            }
            "move" | "copy" => {
                let (con, key) = find_parent(doc, from).ok_or_else(|| {
                    format!("{kind} operation does not apply: doc is missing from path: {from}: missing value")
                })?;
                let v = if kind == "move" {
                    remove(con, &key)
                        .map_err(|e| format!("error in move for path: '{key}': {e}"))?
                } else {
                    get(con, &key).map_err(|e| format!("error in copy for from: '{from}': {e}"))?
                };
                let (con, key) = find_parent(doc, path).ok_or_else(|| {
                    format!("{kind} operation does not apply: doc is missing destination path: {path}: missing value")
                })?;
                add(con, &key, v)
                    .map_err(|e| format!("error in {kind} for path: '{path}': {e}"))?;
            }
            "test" => {
                let (con, key) = find_parent(doc, path).ok_or_else(|| {
                    format!("test operation does not apply: is missing path: {path}: missing value")
                })?;
                let got =
                    get(con, &key).map_err(|e| format!("error in test for path: '{path}': {e}"))?;
                if Some(&got) != value.as_ref() {
                    return Err(format!("testing value {path} failed: test failed"));
                }
            }
            other => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn patched(target: Value, patch: Value, strategic: bool) -> Value {
        let mut t = target;
        merge(&mut t, &patch, strategic).unwrap();
        t
    }

    #[test]
    fn rfc7386_examples() {
        // RFC 7386 section 3.
        let t = json!({"title": "Goodbye!", "author": {"givenName": "John", "familyName": "Doe"}, "tags": ["example", "sample"], "content": "This will be unchanged"});
        let p = json!({"title": "Hello!", "phoneNumber": "+01-123-456-7890", "author": {"familyName": null}, "tags": ["example"]});
        assert_eq!(
            patched(t, p, false),
            json!({"title": "Hello!", "author": {"givenName": "John"}, "tags": ["example"], "content": "This will be unchanged", "phoneNumber": "+01-123-456-7890"})
        );
        assert_eq!(
            patched(json!({"a": "b"}), json!({"a": {"b": "c"}}), false),
            json!({"a": {"b": "c"}})
        );
        assert_eq!(
            patched(json!(["a"]), json!({"a": "c"}), false),
            json!({"a": "c"})
        );
        assert_eq!(
            patched(json!({"e": null}), json!({"a": 1}), false),
            json!({"e": null, "a": 1})
        );
    }

    #[test]
    fn strategic_lists() {
        let t = json!({"containers": [
            {"name": "a", "image": "a:1", "env": [{"name": "X", "value": "1"}], "command": ["x", "y"]},
            {"name": "b", "image": "b:1"}
        ], "tolerations": [{"key": "k"}]});
        let p = json!({"containers": [
            {"name": "a", "image": "a:2", "env": [{"name": "Y", "value": "2"}], "command": ["z"]},
            {"name": "c", "image": "c:1"},
            {"name": "b", "$patch": "delete"}
        ], "tolerations": [{"key": "j"}]});
        assert_eq!(
            patched(t.clone(), p.clone(), true),
            json!({"containers": [
                {"name": "a", "image": "a:2", "env": [{"name": "X", "value": "1"}, {"name": "Y", "value": "2"}], "command": ["z"]},
                {"name": "c", "image": "c:1"}
            ], "tolerations": [{"key": "j"}]})
        );
        // A merge patch replaces the list.
        assert_eq!(
            patched(t.clone(), p, false)["containers"]
                .as_array()
                .map(Vec::len),
            Some(3)
        );
        let mut t2 = t;
        assert_eq!(
            merge(&mut t2, &json!({"containers": [{"image": "x"}]}), true),
            Err("map: map[image:x] does not contain declared merge key: name".into())
        );
    }

    /// RFC 6902 appendix A examples, and evanphx/json-patch's error words.
    #[test]
    fn rfc6902_operations() {
        let apply = |doc: Value, ops: Value| -> Result<Value, String> {
            let mut d = doc;
            json_patch(&mut d, ops.as_array().map(Vec::as_slice).unwrap_or(&[]))?;
            Ok(d)
        };
        assert_eq!(
            apply(
                json!({"foo": "bar"}),
                json!([{"op": "add", "path": "/baz", "value": "qux"}])
            ),
            Ok(json!({"foo": "bar", "baz": "qux"}))
        );
        assert_eq!(
            apply(
                json!({"foo": ["bar", "baz"]}),
                json!([{"op": "add", "path": "/foo/1", "value": "qux"}])
            ),
            Ok(json!({"foo": ["bar", "qux", "baz"]}))
        );
        assert_eq!(
            apply(
                json!({"foo": ["bar"]}),
                json!([{"op": "add", "path": "/foo/-", "value": "x"}])
            ),
            Ok(json!({"foo": ["bar", "x"]}))
        );
        assert_eq!(
            apply(
                json!({"baz": "qux", "foo": "bar"}),
                json!([{"op": "remove", "path": "/baz"}])
            ),
            Ok(json!({"foo": "bar"}))
        );
        assert_eq!(
            apply(
                json!({"baz": "qux"}),
                json!([{"op": "replace", "path": "/baz", "value": "boo"}])
            ),
            Ok(json!({"baz": "boo"}))
        );
        assert_eq!(
            apply(
                json!({"foo": {"bar": "baz", "waldo": "fred"}, "qux": {"corge": "grault"}}),
                json!([{"op": "move", "from": "/foo/waldo", "path": "/qux/thud"}])
            ),
            Ok(json!({"foo": {"bar": "baz"}, "qux": {"corge": "grault", "thud": "fred"}}))
        );
        assert_eq!(
            apply(
                json!({"a": [1]}),
                json!([{"op": "copy", "from": "/a/0", "path": "/b"}])
            ),
            Ok(json!({"a": [1], "b": 1}))
        );
        assert_eq!(
            apply(
                json!({"a/b": {"m~n": 1}}),
                json!([{"op": "test", "path": "/a~1b/m~0n", "value": 1}])
            ),
            Ok(json!({"a/b": {"m~n": 1}}))
        );
        for (ops, want) in [
            (json!([{"op": "add", "path": "/x/y", "value": 1}]), "add operation does not apply: doc is missing path: \"/x/y\": missing value"),
            (json!([{"op": "replace", "path": "/nope", "value": 1}]), "replace operation does not apply: doc is missing key: /nope: missing value"),
            (json!([{"op": "remove", "path": "/nope"}]), "error in remove for path: '/nope': Unable to remove nonexistent key: nope: missing value"),
            (json!([{"op": "add", "path": "/l/5", "value": 1}]), "error in add for path: '/l/5': Unable to access invalid index: 5: invalid index referenced"),
            (json!([{"op": "test", "path": "/l/0", "value": 2}]), "testing value /l/0 failed: test failed"),
            (json!([{"op": "frob", "path": "/l"}]), "Unexpected kind: frob"),
        ] {
            assert_eq!(apply(json!({"l": [1]}), ops), Err(want.to_string()));
        }
    }
}
