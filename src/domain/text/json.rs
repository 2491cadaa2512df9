//! Strict JSON for everything Readiness reads from outside (records, answers files, keys): RFC 8785
//! canonicalization is only defined for I-JSON (RFC 7493), whose objects have unique member names.
//! serde_json keeps the last of two equal keys silently, so a record carrying a second `"verdict"`
//! could show one thing and hash another; here any repeated key is an error with its position.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::domain::error::DataError;

/// Parses `text` as JSON, rejecting any object with a repeated member name (with the line and
/// column of the end of that name).
pub fn parse_strict(text: &str) -> Result<Value, DataError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = StrictValue
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| DataError::from_json(&e))?;
    Ok(value)
}

/// Parses `text` strictly (see [`parse_strict`]) into `T`.
pub fn from_str_strict<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, DataError> {
    let value = parse_strict(text)?;
    T::deserialize(value).map_err(|e| DataError::Shape(e.to_string()))
}

/// A JSON value read with unique object keys.
struct StrictValue;

impl<'de> DeserializeSeed<'de> for StrictValue {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(StrictValue)? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "duplicate key {key:?} (RFC 8785 needs I-JSON: each name once per object)"
                )));
            }
            let value = map.next_value_seed(StrictValue)?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_is_rejected_with_its_position() {
        let text = "{\n  \"verdict\": {\"decision\": \"GO\"},\n  \"verdict\": {\"decision\": \"NO-GO\"}\n}";
        match parse_strict(text) {
            Err(DataError::Json {
                line,
                column,
                message,
            }) => {
                assert_eq!((line, column), (3, 11), "{message}");
                assert!(message.contains("duplicate key \"verdict\""), "{message}");
            }
            other => panic!("accepted: {other:?}"),
        }
    }

    #[test]
    fn repeated_keys_are_caught_at_any_depth_and_equal_keys_in_different_objects_are_fine() {
        assert!(parse_strict(r#"{"a":[{"b":1,"b":2}]}"#).is_err());
        assert!(parse_strict(r#"{"a":{"b":1},"c":{"b":1}}"#).is_ok());
        assert_eq!(
            parse_strict(r#"{"n":[1,-2,2.5,true,null,"s"]}"#).ok(),
            serde_json::from_str(r#"{"n":[1,-2,2.5,true,null,"s"]}"#).ok()
        );
        assert!(parse_strict("{} trailing").is_err());
    }
}
