//! A settings document read by hand, field by field, with the boundary's readers
//! ([`json::object`] and the scalar readers of [`json::from_str`]): serde's derived readers of
//! the eight settings structs cost the wasm about 20 KB. It reads as the derived `Deserialize`
//! reads (missing fields take the defaults, `version` 0; unknown and repeated fields, and
//! values of the wrong kind, are refused with serde's words, at the first one met), which
//! stays for native code and for the test that holds the two together.

use crate::core::settings::{Batch, History, Reminder, Rules, Sent, Settings, Templates, Weights};
use crate::json::{self, from_str as read, Error};

const SETTINGS: &[&str] = &[
    "version",
    "my_name",
    "premium",
    "rules",
    "templates",
    "weekly_budget",
    "reminder",
    "quiet",
    "batch",
    "history",
    "sent",
];
const RULES: &[&str] = &[
    "base",
    "accept_at",
    "review_at",
    "field_keywords",
    "companies",
    "schools",
    "always_accept",
    "trusted_names",
    "always_ignore",
    "sales_phrases",
    "spam_phrases",
    "open_networker_phrases",
    "recruiter_phrases",
    "context_phrases",
    "interest_phrases",
    "generic_notes",
    "stale_days",
    "weights",
    "community_phrases",
    "seller_phrases",
];
const WEIGHTS: &[&str] = &[
    "mutual_max",
    "mutual_half",
    "no_mutual",
    "note",
    "note_context",
    "note_interest",
    "note_field",
    "generic_note",
    "field",
    "company",
    "school",
    "always_accept",
    "always_ignore",
    "trusted_name",
    "sales",
    "spam",
    "open_networker",
    "recruiter",
    "no_photo",
    "no_headline",
    "stale",
    "repeat_inviter",
    "note_community",
    "text_model",
    "seller",
];
const TEMPLATES: &[&str] = &[
    "thank_you",
    "decline",
    "reply",
    "later_note",
    "coach_met",
    "coach_talk",
    "coach_group",
    "coach_recruiter",
];
const REMINDER: &[&str] = &["enabled", "weekday", "hour"];

impl Settings {
    /// A settings document from its JSON text, as read from storage or an import (not yet
    /// migrated or checked: see [`Settings::checked`]).
    pub fn from_json(text: &str) -> Result<Settings, Error> {
        // `version` alone has no struct default: a document without one predates versioning.
        let mut s = Settings {
            version: 0,
            ..Settings::default()
        };
        json::object(text, "struct Settings", SETTINGS, true, &mut |i, v| {
            match SETTINGS[i] {
                "version" => s.version = read(v)?,
                "my_name" => s.my_name = read(v)?,
                "premium" => s.premium = read(v)?,
                "rules" => s.rules = rules(v)?,
                "templates" => s.templates = templates(v)?,
                "weekly_budget" => s.weekly_budget = read(v)?,
                "reminder" => s.reminder = reminder(v)?,
                "quiet" => s.quiet = read(v)?,
                "batch" => {
                    let mut b = Batch::default();
                    json::object(v, "struct Batch", &["pace_ms"], true, &mut |_, v| {
                        b.pace_ms = read(v)?;
                        Ok(())
                    })?;
                    s.batch = b;
                }
                "history" => {
                    s.history = History {
                        retention_days: single(v, "struct History", &["retention_days"])?
                            .unwrap_or(History::default().retention_days),
                    }
                }
                "sent" => {
                    s.sent = Sent {
                        withdraw_after_days: single(v, "struct Sent", &["withdraw_after_days"])?
                            .unwrap_or(Sent::default().withdraw_after_days),
                    }
                }
                // Every name above; a name added to SETTINGS without an arm fails the test
                // that holds this reader to the derived one.
                _ => {}
            }
            Ok(())
        })?;
        Ok(s)
    }
}

/// A struct of one `u32` field: its value when the document has it.
fn single(text: &str, expected: &str, name: &'static [&'static str]) -> Result<Option<u32>, Error> {
    let mut value = None;
    json::object(text, expected, name, true, &mut |_, v| {
        value = Some(read(v)?);
        Ok(())
    })?;
    Ok(value)
}

fn rules(text: &str) -> Result<Rules, Error> {
    let mut r = Rules::default();
    json::object(text, "struct Rules", RULES, true, &mut |i, v| {
        let list = match RULES[i] {
            "base" => {
                r.base = read(v)?;
                return Ok(());
            }
            "accept_at" => {
                r.accept_at = read(v)?;
                return Ok(());
            }
            "review_at" => {
                r.review_at = read(v)?;
                return Ok(());
            }
            "stale_days" => {
                r.stale_days = read(v)?;
                return Ok(());
            }
            "weights" => {
                r.weights = weights(v)?;
                return Ok(());
            }
            "field_keywords" => &mut r.field_keywords,
            "companies" => &mut r.companies,
            "schools" => &mut r.schools,
            "always_accept" => &mut r.always_accept,
            "trusted_names" => &mut r.trusted_names,
            "always_ignore" => &mut r.always_ignore,
            "sales_phrases" => &mut r.sales_phrases,
            "spam_phrases" => &mut r.spam_phrases,
            "open_networker_phrases" => &mut r.open_networker_phrases,
            "recruiter_phrases" => &mut r.recruiter_phrases,
            "context_phrases" => &mut r.context_phrases,
            "interest_phrases" => &mut r.interest_phrases,
            "generic_notes" => &mut r.generic_notes,
            "community_phrases" => &mut r.community_phrases,
            "seller_phrases" => &mut r.seller_phrases,
            _ => return Ok(()), // every name in RULES has an arm (the test against the derived reader)
        };
        *list = strings(v)?;
        Ok(())
    })?;
    Ok(r)
}

/// A list of strings (one reader for every list, not one inlined in each field).
#[inline(never)]
fn strings(text: &str) -> Result<Vec<String>, Error> {
    read(text)
}

fn weights(text: &str) -> Result<Weights, Error> {
    let mut w = Weights::default();
    json::object(text, "struct Weights", WEIGHTS, true, &mut |i, v| {
        let weight = match WEIGHTS[i] {
            "mutual_half" => {
                w.mutual_half = read(v)?;
                return Ok(());
            }
            "mutual_max" => &mut w.mutual_max,
            "no_mutual" => &mut w.no_mutual,
            "note" => &mut w.note,
            "note_context" => &mut w.note_context,
            "note_interest" => &mut w.note_interest,
            "note_field" => &mut w.note_field,
            "generic_note" => &mut w.generic_note,
            "field" => &mut w.field,
            "company" => &mut w.company,
            "school" => &mut w.school,
            "always_accept" => &mut w.always_accept,
            "always_ignore" => &mut w.always_ignore,
            "trusted_name" => &mut w.trusted_name,
            "sales" => &mut w.sales,
            "spam" => &mut w.spam,
            "open_networker" => &mut w.open_networker,
            "recruiter" => &mut w.recruiter,
            "no_photo" => &mut w.no_photo,
            "no_headline" => &mut w.no_headline,
            "stale" => &mut w.stale,
            "repeat_inviter" => &mut w.repeat_inviter,
            "note_community" => &mut w.note_community,
            "text_model" => &mut w.text_model,
            "seller" => &mut w.seller,
            _ => return Ok(()), // every name in WEIGHTS has an arm (the test against the derived reader)
        };
        *weight = read(v)?;
        Ok(())
    })?;
    Ok(w)
}

fn templates(text: &str) -> Result<Templates, Error> {
    let mut t = Templates::default();
    json::object(text, "struct Templates", TEMPLATES, true, &mut |i, v| {
        let template = match TEMPLATES[i] {
            "decline" => {
                t.decline = strings(v)?;
                return Ok(());
            }
            "thank_you" => &mut t.thank_you,
            "reply" => &mut t.reply,
            "later_note" => &mut t.later_note,
            "coach_met" => &mut t.coach_met,
            "coach_talk" => &mut t.coach_talk,
            "coach_group" => &mut t.coach_group,
            "coach_recruiter" => &mut t.coach_recruiter,
            _ => return Ok(()), // every name in TEMPLATES has an arm (the test against the derived reader)
        };
        *template = read(v)?;
        Ok(())
    })?;
    Ok(t)
}

fn reminder(text: &str) -> Result<Reminder, Error> {
    let mut r = Reminder::default();
    json::object(text, "struct Reminder", REMINDER, true, &mut |i, v| {
        match REMINDER[i] {
            "enabled" => r.enabled = read(v)?,
            "weekday" => r.weekday = read(v)?,
            "hour" => r.hour = read(v)?,
            _ => {} // every name in REMINDER has an arm (the test against the derived reader)
        }
        Ok(())
    })?;
    Ok(r)
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;

    /// The hand reader and the derived one (over the same JSON reader, so with the same words)
    /// give the same settings, or the same error.
    fn same(text: &str) {
        let ours = Settings::from_json(text).map_err(|e| e.to_string());
        let derived = json::from_str::<Settings>(text).map_err(|e| e.to_string());
        assert_eq!(ours, derived, "{text}");
        if let Ok(s) = ours {
            assert_eq!(serde_json::from_str::<Settings>(text).unwrap(), s, "{text}");
        }
    }

    /// A document in which every field differs from the defaults.
    fn unusual() -> Value {
        let mut doc = serde_json::to_value(Settings::default()).unwrap();
        fn change(value: &mut Value, depth: usize) {
            match value {
                Value::Bool(b) => *b = !*b,
                Value::Number(n) => *value = json!(n.as_i64().unwrap() % 7 + 1 + depth as i64),
                Value::String(s) => s.push_str(" {first_name}"),
                Value::Array(items) if items.first().is_some_and(Value::is_number) => {
                    *value = json!([700, 900]);
                }
                Value::Array(items) => items.push(json!("extra")),
                Value::Object(map) => map.values_mut().for_each(|v| change(v, depth + 1)),
                Value::Null => {}
            }
        }
        change(&mut doc, 0);
        doc
    }

    /// Every path to a value in `doc`, as keys and indices.
    fn paths(doc: &Value, at: Vec<String>, out: &mut Vec<Vec<String>>) {
        match doc {
            Value::Object(map) => map.iter().for_each(|(k, v)| {
                let mut p = at.clone();
                p.push(k.clone());
                out.push(p.clone());
                paths(v, p, out);
            }),
            // The first two items of a list stand for the rest.
            Value::Array(items) => items.iter().take(2).enumerate().for_each(|(i, v)| {
                let mut p = at.clone();
                p.push(i.to_string());
                out.push(p.clone());
                paths(v, p, out);
            }),
            _ => {}
        }
    }

    fn at<'v>(doc: &'v mut Value, path: &[String]) -> &'v mut Value {
        path.iter().fold(doc, |v, k| match v {
            Value::Array(items) => &mut items[k.parse::<usize>().unwrap()],
            other => &mut other[k.as_str()],
        })
    }

    #[test]
    fn good_documents_and_the_fixtures_read_as_the_derived_reader_reads_them() {
        same(&serde_json::to_string(&Settings::default()).unwrap());
        same(&json::to_string(&Settings::default()).unwrap());
        let unusual = unusual();
        same(&unusual.to_string());
        assert_ne!(
            Settings::from_json(&unusual.to_string()).unwrap(),
            Settings::default()
        );
        for version in 0..=3 {
            let path = format!(
                "{}/tests/fixtures/settings-v{version}.json",
                env!("CARGO_MANIFEST_DIR")
            );
            same(&std::fs::read_to_string(path).unwrap());
        }
        for text in [
            "{}",
            "{ }",
            r#"{"rules": {}, "batch": {}, "sent": {}}"#,
            " {} ",
        ] {
            same(text);
        }
    }

    #[test]
    fn each_field_missing_mistyped_or_unknown_gives_the_same_answer() {
        let doc = unusual();
        let mut all = Vec::new();
        paths(&doc, vec![], &mut all);
        let wrong = [
            json!("x"),
            json!(3),
            json!(-1),
            json!(300),
            json!(1.5),
            json!(5_000_000_000u64),
            json!(null),
            json!(true),
            json!([]),
            json!(["a", 2]),
            json!([1, 2, 3]),
            json!({}),
            json!({"zz": 1}),
        ];
        for path in &all {
            for value in &wrong {
                let mut d = doc.clone();
                *at(&mut d, path) = value.clone();
                same(&d.to_string());
            }
            // Missing: the field takes its default.
            let mut d = doc.clone();
            let (last, parent) = path.split_last().unwrap();
            if let Value::Object(map) = at(&mut d, parent) {
                map.remove(last);
                same(&d.to_string());
            }
        }
        // An unknown field in each object, first or last.
        for path in all.iter().chain([&vec![]]) {
            let mut d = doc.clone();
            if let Value::Object(map) = at(&mut d, path) {
                map.insert("acept_at".into(), json!(1));
                same(&d.to_string());
                let text = d.to_string();
                same(&text.replacen('{', r#"{"zz": 1, "#, 1));
            }
        }
    }

    #[test]
    fn malformed_documents_are_refused_with_the_same_words() {
        for text in [
            "3",
            "-3",
            "1.5",
            "null",
            "true",
            r#""settings""#,
            "[]",
            "[1, 2, 3]",
            r#"{"version": 1, "version": 2}"#,
            r#"{"rules": {"base": 1, "base": 2}}"#,
            r#"{"rules": {"base": "x", "acept": 1}}"#,
            r#"{"zz": 1, "rules": {"base": "x"}}"#,
            r#"{"rules": {"weights": {"spam": "x"}}, "zz": 1}"#,
            r#"{"batch": {"pace_ms": [1]}}"#,
            r#"{"batch": {"pace_ms": [1, 2, 3]}}"#,
            r#"{"reminder": {"hour": 256}}"#,
            r#"{"reminder": {"weekday": -1}}"#,
            r#"{"templates": {"decline": "one"}}"#,
            r#"{"templates": {"decline": [null]}}"#,
            r#"{"my_name": "Sam \"S\" \u00e9"}"#,
            r#"{"queue": {"cards": {}}, "history": []}"#,
            r#"{"history": {"retention_days": 3, "zz": 1}}"#,
            r#"{"sent": {"withdraw_after_days": -3}}"#,
            "{} x",
        ] {
            same(text);
        }
    }
}
