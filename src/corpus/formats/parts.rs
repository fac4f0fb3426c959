//! Reading JSON a part at a time: each element of an array, and of one array member of an
//! object (an outbox's activities), as written, handed on as it is read and then let go. A
//! file is never held as one tree of values (six to forty times its size); read from disk,
//! an array is never held whole, nor an object's streamed member (its other members are kept
//! as written).
//!
//! Everything here is generic over serde_json's input: a text in memory, or a file read
//! as a stream; the formats read the same either way.

use serde::Deserializer as _;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Deserializer;
use serde_json::de::Read;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::fmt;

/// A JSON object's members, each as written; a key written twice keeps its later value.
pub type Members = HashMap<String, Box<RawValue>>;

/// Hands each element of the JSON array at `de` to `each`, one at a time, and checks that
/// nothing but white space follows it. What was handed on before a fault stays handed on.
pub fn each_item<'de, R: Read<'de>>(
    de: &mut Deserializer<R>,
    each: impl FnMut(&RawValue),
) -> Result<(), serde_json::Error> {
    Items(each).deserialize(&mut *de)?;
    de.end()
}

/// The members of the JSON object at `de`, as written, except the array `streamed`, whose
/// elements go to `each` as they are read instead. Whether that array was there is said
/// beside the members.
pub fn members_streaming<'de, R: Read<'de>>(
    de: &mut Deserializer<R>,
    streamed: &str,
    each: impl FnMut(&RawValue),
) -> Result<(Members, bool), serde_json::Error> {
    let read = (&mut *de).deserialize_map(Object {
        streamed,
        each,
        found: false,
    })?;
    de.end()?;
    Ok(read)
}

/// An array's elements, each handed to the function as it is read.
struct Items<F>(F);

impl<'de, F: FnMut(&RawValue)> DeserializeSeed<'de> for Items<F> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(&RawValue)> Visitor<'de> for Items<F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<Box<RawValue>>()? {
            (self.0)(&item);
        }
        Ok(())
    }
}

/// An object's members, with the elements of one array member handed on as they are read.
struct Object<'s, F> {
    streamed: &'s str,
    each: F,
    found: bool,
}

impl<'de, F: FnMut(&RawValue)> Visitor<'de> for Object<'_, F> {
    type Value = (Members, bool);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Members::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == self.streamed {
                let found = map.next_value_seed(ArrayOrNot(&mut self.each))?;
                self.found |= found;
                continue;
            }
            members.insert(key, map.next_value()?);
        }
        Ok((members, self.found))
    }
}

/// A value whose elements are handed on when it is an array (`true`), and passed over
/// otherwise (`false`).
struct ArrayOrNot<'f, F>(&'f mut F);

impl<'de, F: FnMut(&RawValue)> DeserializeSeed<'de> for ArrayOrNot<'_, F> {
    type Value = bool;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, F: FnMut(&RawValue)> Visitor<'de> for ArrayOrNot<'_, F> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<bool, A::Error> {
        Items(&mut *self.0).visit_seq(seq)?;
        Ok(true)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }

    fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_str<E>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }
}

/// The JSON text of an object of `members` (in no particular order).
pub fn object_text(members: &Members) -> Box<RawValue> {
    let mut text = String::from("{");
    for (i, (key, value)) in members.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&serde_json::Value::from(key.as_str()).to_string());
        text.push(':');
        text.push_str(value.get());
    }
    text.push('}');
    RawValue::from_string(text).expect("members are valid JSON")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(json: &str) -> (Vec<String>, Result<(), serde_json::Error>) {
        let mut seen = Vec::new();
        let mut de = Deserializer::from_str(json);
        let result = each_item(&mut de, |item| seen.push(item.get().to_string()));
        (seen, result)
    }

    #[test]
    fn each_element_is_handed_on_as_written() {
        let (seen, result) = items(r#" [ {"a": [1, 2]}, "x\n", null ] "#);
        assert!(result.is_ok());
        assert_eq!(seen, [r#"{"a": [1, 2]}"#, r#""x\n""#, "null"]);
    }

    #[test]
    fn what_was_read_before_a_fault_is_kept() {
        let (seen, result) = items(r#"[1, 2, {"cut"#);
        assert_eq!(seen, ["1", "2"]);
        assert!(result.unwrap_err().is_eof());
        let (_, trailing) = items("[1] x");
        assert!(trailing.unwrap_err().to_string().contains("trailing"));
    }

    #[test]
    fn one_member_is_streamed_the_others_kept() {
        let json = r#"{"type": "C", "items": [1, {"b": 2}], "n": {"deep": [3]}}"#;
        let mut seen = Vec::new();
        let mut de = Deserializer::from_reader(json.as_bytes());
        let (members, found) =
            members_streaming(&mut de, "items", |i| seen.push(i.get().to_string())).unwrap();
        assert!(found);
        assert_eq!(seen, ["1", r#"{"b": 2}"#]);
        assert_eq!(members["type"].get(), r#""C""#);
        assert_eq!(members["n"].get(), r#"{"deep": [3]}"#);
        assert!(!members.contains_key("items"));
        let round: serde_json::Value = serde_json::from_str(object_text(&members).get()).unwrap();
        assert_eq!(round, serde_json::json!({"type": "C", "n": {"deep": [3]}}));
    }

    #[test]
    fn a_streamed_member_that_is_not_an_array_is_passed_over() {
        for items in [r#"{"x": [1]}"#, "1", "-2", "1.5", "\"s\"", "true", "null"] {
            let json = format!(r#"{{"items": {items}}}"#);
            let mut de = Deserializer::from_str(&json);
            let (members, found) = members_streaming(&mut de, "items", |_| panic!()).unwrap();
            assert!(!found && members.is_empty(), "{json}");
        }
    }
}
