//! `kubectl patch` bodies: JSON merge patch (RFC 7386, evanphx/json-patch `MergePatch`) and
//! strategic merge patch (apimachinery pkg/util/strategicpatch/patch.go) for the lists these
//! objects hold. Patches come from `manifest::to_json`, whose depth limit bounds the recursion.

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
}
