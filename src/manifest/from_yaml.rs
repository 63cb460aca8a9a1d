//! Serde over the positioned YAML tree (`yaml.rs`): scenario files and lessons are read with the
//! same parser as manifests, and a type error names the line and column of the node it is about.
//! (One YAML parser in the wasm bundle instead of two.)

use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

use super::yaml::{parse_stream, Entry, Node, Value};

/// A YAML or type error at a 1-based line and column.
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub line: usize,
    pub column: usize,
    pub message: String,
    placed: bool,
}

impl Error {
    fn at(mut self, line: usize, col: usize) -> Error {
        if !self.placed {
            self.line = line;
            self.column = col;
            self.placed = true;
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error {
            line: 1,
            column: 1,
            message: msg.to_string(),
            placed: false,
        }
    }
}

/// Reads a single-document YAML text into `T`. An empty text reads as `null`.
pub fn from_str<T: DeserializeOwned>(src: &str) -> Result<T, Error> {
    let stream = parse_stream(src);
    if let Some(f) = stream.fatal {
        return Err(de::Error::custom(f.message)).map_err(|e: Error| e.at(f.line, f.col));
    }
    let mut docs = stream.docs.into_iter();
    let doc = docs.next();
    if let Some(extra) = docs.next() {
        let (line, col) = extra.root.as_ref().map_or((1, 1), |n| (n.line, n.col));
        return Err(
            <Error as de::Error>::custom("expected a single YAML document, found more")
                .at(line, col),
        );
    }
    if let Some(e) = doc.as_ref().and_then(|d| d.errors.first()) {
        return Err(<Error as de::Error>::custom(&e.message).at(e.line, e.col));
    }
    let null = Node {
        value: Value::Null,
        line: 1,
        col: 1,
        raw: String::new(),
        depth: 1,
    };
    let root = doc.and_then(|d| d.root).unwrap_or(null);
    T::deserialize(&root).map_err(|e| e.at(1, 1))
}

fn unexpected(n: &Node) -> de::Unexpected<'_> {
    match &n.value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Int(i) => de::Unexpected::Signed(*i),
        Value::UInt(u) => de::Unexpected::Unsigned(*u),
        Value::Float(f) => de::Unexpected::Float(*f),
        Value::Str(s) => de::Unexpected::Str(s),
        Value::Seq(_) => de::Unexpected::Seq,
        Value::Map(_) => de::Unexpected::Map,
    }
}

impl<'de> de::Deserializer<'de> for &Node {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let r = match &self.value {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(*b),
            Value::Int(i) => v.visit_i64(*i),
            Value::UInt(u) => v.visit_u64(*u),
            Value::Float(f) => v.visit_f64(*f),
            Value::Str(s) => v.visit_str(s),
            Value::Seq(items) => v.visit_seq(Items(items.iter())),
            Value::Map(entries) => {
                // An error the visitor raises while at an entry (an unknown key it checks
                // itself, a value it parses after reading it) stands at that entry's value or
                // key; one after the last entry (a missing field) at the mapping.
                let at = std::cell::Cell::new(None);
                v.visit_map(Entries {
                    iter: entries.iter(),
                    value: None,
                    at: &at,
                })
                .map_err(|e| match at.get() {
                    Some((line, col)) => e.at(line, col),
                    None => e,
                })
            }
        };
        r.map_err(|e| e.at(self.line, self.col))
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
        .map_err(|e| e.at(self.line, self.col))
    }

    /// `- valid` or `- jobFinished: {job: pi}`: a variant name, or a one-key mapping.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        match &self.value {
            Value::Str(s) => v.visit_enum(s.as_str().into_deserializer()),
            Value::Map(entries) if entries.len() == 1 => v.visit_enum(Variant(&entries[0])),
            _ => Err(de::Error::invalid_type(unexpected(self), &v)),
        }
        .map_err(|e: Error| e.at(self.line, self.col))
    }

    /// A number where text is wanted is its text: `run: 300` reads like `run: "300"`, as a
    /// scenario's `at: 90` does (a bare number of seconds).
    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let text = match &self.value {
            Value::Int(i) => i.to_string(),
            Value::UInt(u) => u.to_string(),
            Value::Float(f) if f.is_finite() => f.to_string(),
            _ => return self.deserialize_any(v),
        };
        v.visit_string(text)
            .map_err(|e: Error| e.at(self.line, self.col))
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_string(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        v.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char
        bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

struct Items<'a>(std::slice::Iter<'a, Node>);

impl<'de, 'a> SeqAccess<'de> for Items<'a> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.0.next() {
            Some(n) => seed.deserialize(n).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Entries<'a> {
    iter: std::slice::Iter<'a, Entry>,
    value: Option<&'a Node>,
    /// Where the entry being read stands (its key, then its value once read).
    at: &'a std::cell::Cell<Option<(usize, usize)>>,
}

impl<'de, 'a> MapAccess<'de> for Entries<'a> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.iter.next() {
            Some(e) => {
                self.value = Some(&e.value);
                self.at.set(Some((e.key_line, e.key_col)));
                // An unknown or mistyped key is reported where the key stands.
                seed.deserialize(e.key.as_str().into_deserializer())
                    .map(Some)
                    .map_err(|err: Error| err.at(e.key_line, e.key_col))
            }
            None => {
                self.at.set(None);
                Ok(None)
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            // An error raised after the value was read (`try_from`) stands at the value.
            Some(n) => {
                self.at.set(Some((n.line, n.col)));
                seed.deserialize(n).map_err(|e| e.at(n.line, n.col))
            }
            None => Err(de::Error::custom("value requested before its key")),
        }
    }
}

struct Variant<'a>(&'a Entry);

impl<'de, 'a> EnumAccess<'de> for Variant<'a> {
    type Error = Error;
    type Variant = &'a Node;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, &'a Node), Error> {
        let e = self.0;
        seed.deserialize(e.key.as_str().into_deserializer())
            .map(|v| (v, &e.value))
            .map_err(|err: Error| err.at(e.key_line, e.key_col))
    }
}

impl<'de> VariantAccess<'de> for &Node {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            Value::Null => Ok(()),
            _ => Err(de::Error::invalid_type(
                unexpected(self),
                &"nothing after a unit variant",
            ))
            .map_err(|e: Error| e.at(self.line, self.col)),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, v)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(self, v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    struct Step {
        title: String,
        #[serde(default)]
        run_for: Option<u32>,
        checks: Vec<Check>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase")]
    enum Check {
        Valid,
        JobFinished { job: String },
        Count(u32),
    }

    #[test]
    fn reads_structs_and_enums() {
        let s: Step = from_str(
            "title: hi\nrunFor: 3\nchecks:\n- valid\n- jobFinished: {job: pi}\n- count: 2\n",
        )
        .unwrap();
        assert_eq!(
            s,
            Step {
                title: "hi".into(),
                run_for: Some(3),
                checks: vec![
                    Check::Valid,
                    Check::JobFinished { job: "pi".into() },
                    Check::Count(2)
                ],
            }
        );
        let m: BTreeMap<String, String> = from_str("a: x\nb: 'y'\n").unwrap();
        assert_eq!(m.len(), 2);
        let none: Option<Step> = from_str("").unwrap();
        assert_eq!(none, None);
    }

    #[test]
    fn errors_stand_where_they_are() {
        let e = from_str::<Step>("title: hi\nchecks:\n- valid\n- bogus: 1\n").unwrap_err();
        assert_eq!((e.line, e.column), (4, 3), "{e}");
        assert!(e.message.starts_with("unknown variant `bogus`"), "{e}");
        let e = from_str::<Step>("title: hi\nchekcs: []\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert!(e.message.starts_with("unknown field `chekcs`"), "{e}");
        let e = from_str::<Step>("title: [1]\nchecks: []\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 8));
        assert_eq!(e.message, "invalid type: sequence, expected a string");
        let e = from_str::<Step>("checks: []\n").unwrap_err();
        assert_eq!(e.message, "missing field `title`");
        let e = from_str::<Step>("title: 'x\n").unwrap_err();
        assert!(e.message.starts_with("yaml: "), "{e}");
        let e = from_str::<Step>("title: x\n---\ntitle: y\n").unwrap_err();
        assert_eq!(e.line, 3);
    }
}
