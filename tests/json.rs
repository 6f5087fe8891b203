//! The boundary's JSON (`invite_triage::json`) against serde_json: the same text in gives the
//! same values, the same values out give the same JSON, for the engine's own documents.

mod common;

use std::collections::HashMap;

use common::fixture;
use invite_triage::core::budget::Done;
use invite_triage::core::plan::{self, Memory, Past};
use invite_triage::core::read;
use invite_triage::core::score::Scorer;
use invite_triage::core::settings::Settings;
use invite_triage::core::summary::{Queue, Seen};
use invite_triage::json;
use serde_json::Value;

/// What our writer writes, read back by serde_json, next to serde_json's own writing; numbers
/// compared as JS sees them (serde_json writes `3.0` for a float, `JSON.stringify` and we `3`).
fn same_json<T: serde::Serialize>(value: &T) {
    let ours: Value = serde_json::from_str(&json::to_string(value).unwrap()).unwrap();
    assert_eq!(as_js(ours), as_js(serde_json::to_value(value).unwrap()));
}

fn as_js(value: Value) -> Value {
    match value {
        Value::Number(n) => Value::from(n.as_f64().unwrap()),
        Value::Array(items) => Value::Array(items.into_iter().map(as_js).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, as_js(v))).collect()),
        other => other,
    }
}

#[test]
fn plans_and_settings_are_written_as_serde_json_writes_them() {
    let settings = Settings::default();
    same_json(&settings);
    let scorer = Scorer::new(&settings);
    for page in ["era-c2.html", "era-a.html", "lang-de.html", "hostile.html"] {
        let page = read::read_snapshot(&fixture(page));
        let memory = Memory::default();
        same_json(&plan::plan(&page, &scorer, &settings, &memory));
    }
    same_json(&invite_triage::core::inspect::inspect(&fixture(
        "era-c2.html",
    )));
}

#[test]
fn settings_documents_read_as_serde_json_reads_them() {
    for version in [0, 1, 2] {
        let path = format!(
            "{}/tests/fixtures/settings-v{version}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(path).unwrap();
        let ours: Settings = json::from_str(&text).unwrap();
        let theirs: Settings = serde_json::from_str(&text).unwrap();
        assert_eq!(ours, theirs);
    }
    let text = json::to_string(&Settings::default()).unwrap();
    assert_eq!(
        json::from_str::<Settings>(&text).unwrap(),
        Settings::default()
    );
    // Unknown fields are refused by name, and a document that is no object says so.
    let err = json::from_str::<Settings>(r#"{"rules": {"acept_at": 3}}"#).unwrap_err();
    assert!(err.to_string().contains("acept_at"), "{err}");
    let err = json::from_str::<Settings>("3").unwrap_err();
    assert!(
        err.to_string().contains("invalid type: integer `3`"),
        "{err}"
    );
}

#[test]
fn stored_data_reads_back() {
    let mut cards = HashMap::new();
    cards.insert(
        "ana".to_string(),
        serde_json::from_str::<Seen>(
            r#"{"name":"Ana \"Q\" Ruiz\n\u00e9\ud83d\ude00","bucket":"accept","score":88,
                "reasons":["a"],"days":3,"seen":1800000000000,"resolved":null}"#,
        )
        .unwrap(),
    );
    let queue = Queue { cards };
    let text = json::to_string(&queue).unwrap();
    let back: Queue = json::from_str(&text).unwrap();
    assert_eq!(back, queue);
    assert_eq!(back.cards["ana"].name, "Ana \"Q\" Ruiz\né😀");
    let memory = Memory {
        notes: [("ana".to_string(), "Met at RustConf".to_string())].into(),
        decisions: HashMap::new(),
        past: [(
            "bo".to_string(),
            Past {
                how: "ignored".into(),
                at: 1_700_000_000_123.0,
            },
        )]
        .into(),
        recent: vec![Done {
            id: "ana".into(),
            action: "accept".into(),
            at: 1_800_000_000_000.0,
            outcome: Some("done".into()),
        }],
        now: 1_800_000_000_001.0,
        url: "https://www.linkedin.com/mynetwork/invitation-manager/sent/".into(),
    };
    let text = json::to_string(&memory).unwrap();
    same_json(&memory);
    assert_eq!(json::from_str::<Memory>(&text).unwrap(), memory);
}

#[test]
fn numbers_strings_and_lists() {
    assert_eq!(json::from_str::<f64>("1800000000000").unwrap(), 1.8e12);
    assert_eq!(json::from_str::<f64>("-2").unwrap(), -2.0);
    assert!((json::from_str::<f64>("1.5e3").unwrap() - 1500.0).abs() < 1e-9);
    assert!((json::from_str::<f64>("0.25").unwrap() - 0.25).abs() < 1e-12);
    assert!(json::from_str::<u8>("300").is_err());
    assert!(json::from_str::<u8>("1.5").is_err());
    assert_eq!(json::from_str::<Option<u32>>("null").unwrap(), None);
    assert_eq!(
        json::from_str::<String>(r#""a\\b\/c\t\u0001\ud800""#).unwrap(),
        "a\\b/c\t\u{1}\u{FFFD}"
    );
    assert_eq!(
        json::to_string("a\"b\\c\n\u{1}").unwrap(),
        r#""a\"b\\c\n\u0001""#
    );
    assert_eq!(json::to_string(&1.8e12).unwrap(), "1800000000000");
    assert_eq!(json::to_string(&f64::NAN).unwrap(), "null");
    assert_eq!(json::to_string(&-0.5).unwrap(), "-0.5");
    assert_eq!(json::to_string(&[Some(1), None]).unwrap(), "[1,null]");
    assert!(json::from_str::<Vec<u32>>("[1, 2] x").is_err());

    let members = json::members(r#" {"a": [1, {"b": "}"}], "c" : null} "#).unwrap();
    assert_eq!(
        members,
        vec![
            ("a".to_string(), r#"[1, {"b": "}"}]"#),
            ("c".to_string(), "null")
        ]
    );
    assert_eq!(json::members("[1]"), None);
    assert_eq!(
        json::elements(r#"[{"id": 1}, "x" ,3]"#).unwrap(),
        vec![r#"{"id": 1}"#, r#""x""#, "3"]
    );
    assert_eq!(json::elements("{}"), None);
    assert_eq!(json::elements("[]").unwrap(), Vec::<&str>::new());
}

#[test]
fn fixed_length_lists_read_whole_and_refuse_extra_items() {
    assert_eq!(
        json::from_str::<[u32; 2]>("[2000, 5000]").unwrap(),
        [2000, 5000]
    );
    assert_eq!(
        json::from_str::<Vec<[u32; 2]>>("[[1,2],[3,4]]").unwrap(),
        vec![[1, 2], [3, 4]]
    );
    assert!(json::from_str::<[u32; 2]>("[1, 2, 3]").is_err());
    assert!(json::from_str::<[u32; 2]>("[1]").is_err());
}
