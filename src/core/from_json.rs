//! Documents from JS read by hand with the boundary's readers ([`json::object`],
//! [`json::list`], [`json::variant`] and the scalar readers of [`json::from_str`]): the stored
//! queue's cards, the memory's earlier invitations, the history's entries and the preview's
//! sample. serde's derived readers cost the wasm about 20 KB here. Each reads as its derived
//! `Deserialize` reads (unknown fields skipped, missing ones refused or defaulted, serde's
//! words for every error, the first one met), which stays for native code and for the tests
//! that hold the two together.

use crate::core::budget::Done;
use crate::core::invitation::Kind;
use crate::core::plan::{Past, ReasonPaint};
use crate::core::preview::Sample;
use crate::core::score::Bucket;
use crate::core::summary::{Resolved, Seen};
use crate::json::{self, from_str as read, missing, Error};

/// A bucket (`"accept"`, `"review"`, `"ignore"`).
fn bucket(text: &str) -> Result<Bucket, Error> {
    Ok(
        match json::variant(text, &["accept", "review", "ignore"])? {
            0 => Bucket::Accept,
            1 => Bucket::Review,
            _ => Bucket::Ignore,
        },
    )
}

const KINDS: &[&str] = &["person", "group", "event", "page", "newsletter"];
const SAMPLE: &[&str] = &[
    "kind",
    "name",
    "headline",
    "mutual",
    "age",
    "note",
    "has_photo",
    "target",
    "profile",
];

impl Sample {
    /// The preview form's sample from its JSON text (every field optional).
    pub fn from_json(text: &str) -> Result<Sample, Error> {
        let mut s = Sample::default();
        json::object(text, "struct Sample", SAMPLE, false, &mut |i, v| {
            let field = match SAMPLE[i] {
                "kind" => {
                    s.kind = match json::variant(v, KINDS)? {
                        0 => Kind::Person,
                        1 => Kind::Group,
                        2 => Kind::Event,
                        3 => Kind::Page,
                        _ => Kind::Newsletter,
                    };
                    return Ok(());
                }
                "has_photo" => {
                    s.has_photo = read(v)?;
                    return Ok(());
                }
                "name" => &mut s.name,
                "headline" => &mut s.headline,
                "mutual" => &mut s.mutual,
                "age" => &mut s.age,
                "note" => &mut s.note,
                "target" => &mut s.target,
                "profile" => &mut s.profile,
                _ => return Ok(()), // every name in SAMPLE has an arm (the tests against the derived reader)
            };
            *field = read(v)?;
            Ok(())
        })?;
        Ok(s)
    }
}

const SEEN: &[&str] = &[
    "name", "bucket", "score", "reasons", "why", "profile", "days", "seen", "resolved",
];

impl Seen {
    /// One card of the stored queue from its JSON text.
    pub fn from_json(text: &str) -> Result<Seen, Error> {
        let (mut name, mut bucket, mut score) = (None, None, None);
        let mut seen = Seen {
            name: String::new(),
            bucket: Bucket::Ignore,
            score: 0,
            reasons: Vec::new(),
            why: Vec::new(),
            profile: None,
            days: None,
            seen: None,
            resolved: None,
        };
        json::object(text, "struct Seen", SEEN, false, &mut |i, v| {
            match SEEN[i] {
                "name" => name = Some(read(v)?),
                "bucket" => bucket = Some(self::bucket(v)?),
                "score" => score = Some(read(v)?),
                "reasons" => seen.reasons = read(v)?,
                "why" => {
                    let mut why = Vec::new();
                    json::list(v, &mut |item| {
                        why.push(reason(item)?);
                        Ok(())
                    })?;
                    seen.why = why;
                }
                "profile" => seen.profile = read(v)?,
                "days" => seen.days = read(v)?,
                "seen" => seen.seen = read(v)?,
                "resolved" => {
                    seen.resolved = match v {
                        "null" => None,
                        _ => Some(resolved(v)?),
                    }
                }
                _ => {} // every name in SEEN has an arm (the tests against the derived reader)
            }
            Ok(())
        })?;
        seen.name = name.ok_or_else(|| missing("name"))?;
        seen.bucket = bucket.ok_or_else(|| missing("bucket"))?;
        seen.score = score.ok_or_else(|| missing("score"))?;
        Ok(seen)
    }
}

/// A struct of two required fields, `names`, read as `A` and `B` (a reason, a resolution, an
/// earlier invitation): one reader for the three.
fn two<A: serde::de::DeserializeOwned, B: serde::de::DeserializeOwned>(
    text: &str,
    expected: &str,
    names: &'static [&'static str; 2],
) -> Result<(A, B), Error> {
    let (mut a, mut b) = (None, None);
    json::object(text, expected, names, false, &mut |i, v| {
        if i == 0 {
            a = Some(read(v)?);
        } else {
            b = Some(read(v)?);
        }
        Ok(())
    })?;
    Ok((
        a.ok_or_else(|| missing(names[0]))?,
        b.ok_or_else(|| missing(names[1]))?,
    ))
}

/// One of a card's reasons.
fn reason(text: &str) -> Result<ReasonPaint, Error> {
    let (label, points) = two(text, "struct ReasonPaint", &["label", "points"])?;
    Ok(ReasonPaint { label, points })
}

/// How LinkedIn resolved a card.
fn resolved(text: &str) -> Result<Resolved, Error> {
    let (at, how) = two(text, "struct Resolved", &["at", "how"])?;
    Ok(Resolved { at, how })
}

impl Past {
    /// One earlier invitation of the memory from its JSON text.
    pub fn from_json(text: &str) -> Result<Past, Error> {
        let (how, at) = two(text, "struct Past", &["how", "at"])?;
        Ok(Past { how, at })
    }
}

impl Done {
    /// One history entry from its JSON text.
    pub fn from_json(text: &str) -> Result<Done, Error> {
        let (mut id, mut action, mut at, mut outcome) = (None, None, None, None);
        json::object(
            text,
            "struct Done",
            &["id", "action", "at", "outcome"],
            false,
            &mut |i, v| {
                match i {
                    0 => id = Some(read(v)?),
                    1 => action = Some(read(v)?),
                    2 => at = Some(read(v)?),
                    _ => outcome = read(v)?, // the fourth name, "outcome"
                }
                Ok(())
            },
        )?;
        Ok(Done {
            id: id.ok_or_else(|| missing("id"))?,
            action: action.ok_or_else(|| missing("action"))?,
            at: at.ok_or_else(|| missing("at"))?,
            outcome,
        })
    }
}

#[cfg(test)]
mod tests {
    use serde::de::DeserializeOwned;
    use serde_json::{json, Value};

    use super::*;

    /// The hand reader and the derived one (over the same JSON reader, so with the same words)
    /// give the same value, or the same error; serde_json reads the same value.
    fn same<T>(text: &str, hand: fn(&str) -> Result<T, Error>)
    where
        T: DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let ours = hand(text).map_err(|e| e.to_string());
        let derived = json::from_str::<T>(text).map_err(|e| e.to_string());
        assert_eq!(ours, derived, "{text}");
        if let Ok(value) = ours {
            assert_eq!(serde_json::from_str::<T>(text).unwrap(), value, "{text}");
        }
    }

    /// `good` and, for every value in it, `good` with that value replaced by values of every
    /// kind, removed, or next to an unknown field.
    fn every_variant<T>(good: Value, hand: fn(&str) -> Result<T, Error>)
    where
        T: DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let wrong = [
            json!("x"),
            json!("accepted"),
            json!(3),
            json!(-1),
            json!(300),
            json!(1.5),
            json!(null),
            json!(true),
            json!([]),
            json!(["a", 2]),
            json!([{"label": "a", "points": 1}]),
            json!({}),
            json!({"at": 1, "how": "gone"}),
            json!({"accept": null}),
        ];
        same(&good.to_string(), hand);
        let mut all = vec![];
        paths(&good, vec![], &mut all);
        for path in &all {
            for value in &wrong {
                let mut d = good.clone();
                *at(&mut d, path) = value.clone();
                same(&d.to_string(), hand);
            }
            let mut d = good.clone();
            let (last, parent) = path.split_last().unwrap();
            if let Value::Object(map) = at(&mut d, parent) {
                map.remove(last);
                same(&d.to_string(), hand);
            }
        }
        for path in all.iter().chain([&vec![]]) {
            let mut d = good.clone();
            if let Value::Object(map) = at(&mut d, path) {
                map.insert("zz".into(), json!({"a": [1, "b"]}));
                same(&d.to_string(), hand);
                same(&d.to_string().replacen('{', r#"{"zz": 1, "#, 1), hand);
            }
        }
        for text in ["3", "null", r#""x""#, "[]", "[1]"] {
            same(text, hand);
        }
        // Text after the value (never in the boundary's texts, each one value) is refused
        // before a missing field is named, where serde names the field first.
        assert!(hand("{} x").is_err() && json::from_str::<T>("{} x").is_err());
    }

    fn paths(doc: &Value, at: Vec<String>, out: &mut Vec<Vec<String>>) {
        let children: Vec<(String, &Value)> = match doc {
            Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v))
                .collect(),
            _ => vec![],
        };
        for (key, value) in children {
            let mut p = at.clone();
            p.push(key);
            out.push(p.clone());
            paths(value, p, out);
        }
    }

    fn at<'v>(doc: &'v mut Value, path: &[String]) -> &'v mut Value {
        path.iter().fold(doc, |v, k| match v {
            Value::Array(items) => &mut items[k.parse::<usize>().unwrap()],
            other => &mut other[k.as_str()],
        })
    }

    #[test]
    fn a_card_of_the_queue_reads_as_the_derived_reader_reads_it() {
        every_variant(
            json!({
                "name": "Ana Souza",
                "bucket": "review",
                "score": 61,
                "reasons": ["12 mutual connections", "Note"],
                "why": [{"label": "12 mutual", "points": 20}, {"label": "No photo", "points": -6}],
                "profile": "https://www.linkedin.com/in/ana-souza/",
                "days": 4,
                "seen": 1_700_000_000_000u64,
                "resolved": {"at": 1_700_000_100_000u64, "how": "accepted"},
            }),
            Seen::from_json,
        );
        every_variant(
            json!({"name": "Ben", "bucket": "accept", "score": 90, "why": [], "resolved": null}),
            Seen::from_json,
        );
        for text in [
            r#"{"name": "Ben", "bucket": "accept", "score": 90, "score": 91}"#,
            r#"{"name": "Ben", "bucket": {"accept": null}, "score": 9}"#,
            r#"{"name": "Ben", "bucket": "accept", "score": 9, "seen": 1.7e12, "days": null}"#,
            r#"{"name": "Ben", "bucket": "accept", "score": 9, "why": [{"label": "x"}]}"#,
            r#"{"why": 3, "name": 3}"#,
            r#"{"name": "Ben", "bucket": {"review": null}, "score": 9}"#,
            r#"{"name": "Ben", "bucket": {"review": 1}, "score": 9}"#,
            r#"{"name": "Ben", "bucket": "Accept", "score": 9}"#,
            r#"{"name": "Ben", "bucket": 3, "score": 9}"#,
            "{}",
        ] {
            same(text, Seen::from_json);
        }
    }

    #[test]
    fn the_preview_sample_reads_as_the_derived_reader_reads_it() {
        every_variant(
            json!({"kind": "group", "name": "Dr. Ana Ruiz", "headline": "Rust at Acme",
                   "mutual": "Ben and 12 other mutual connections", "age": "3 weeks ago",
                   "note": "Hi\nwe met", "has_photo": true, "target": "Rustaceans",
                   "profile": "https://www.linkedin.com/in/ana/"}),
            Sample::from_json,
        );
        for kind in [
            "person",
            "group",
            "event",
            "page",
            "newsletter",
            "Person",
            "",
            "x",
        ] {
            same(&json!({ "kind": kind }).to_string(), Sample::from_json);
            same(
                &format!(r#"{{"kind": {{"{kind}": null}}}}"#),
                Sample::from_json,
            );
        }
        for text in [
            "{}",
            r#"{"kind": {"page": 3}}"#,
            r#"{"kind": {"page": null, "x": 1}}"#,
            r#"{"kind": {}}"#,
            r#"{"kind": ["page"]}"#,
            r#"{"kind": "page", "kind": "page"}"#,
            r#"{"name": "a\"b\u00e9", "extra": [1, {"a": null}]}"#,
        ] {
            same(text, Sample::from_json);
        }
    }

    #[test]
    fn earlier_invitations_and_history_entries_read_as_the_derived_reader_reads_them() {
        every_variant(
            json!({"how": "ignored", "at": 1_700_000_000_000u64}),
            Past::from_json,
        );
        every_variant(
            json!({"id": "ana", "action": "accept-thank", "at": 1_700_000_000_000u64,
                   "outcome": "done", "name": "Ana", "bucket": "accept"}),
            Done::from_json,
        );
        every_variant(
            json!({"id": "ana", "action": "later", "at": 1.5}),
            Done::from_json,
        );
        for text in [
            "{}",
            r#"{"id": "a", "action": "b", "at": 1, "outcome": null}"#,
            r#"{"how": "declined", "at": -3.25e2}"#,
        ] {
            same(text, Done::from_json);
            same(text, Past::from_json);
        }
    }
}
