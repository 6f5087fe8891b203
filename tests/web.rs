//! Browser-edge tests in headless Chromium (wasm-bindgen-test): the functions exported to
//! JavaScript. Reading snapshots is tested natively (`tests/read.rs`).
#![cfg(target_arch = "wasm32")]

mod common;

use common::{snapshot, C2_CARD};
use invite_triage::web;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_engine_export_plans_a_snapshot() {
    let engine = web::Engine::new(JsValue::UNDEFINED).unwrap();
    let html = snapshot(&format!("<main><div>{C2_CARD}</div></main>"));
    let plan = engine.triage(&html, JsValue::UNDEFINED).unwrap();
    let status = js_sys::Reflect::get(&plan, &"status".into()).unwrap();
    assert_eq!(status.as_string().as_deref(), Some("ready"));
    let cards = js_sys::Reflect::get(&plan, &"cards".into()).unwrap();
    assert_eq!(js_sys::Array::from(&cards).length(), 1);
    let card = js_sys::Array::from(&cards).get(0);
    let at = js_sys::Reflect::get(&card, &"at".into()).unwrap();
    let root = js_sys::Reflect::get(&at, &"root".into()).unwrap();
    assert_eq!(root.as_f64(), Some(2.0)); // main 0, div 1, the card 2
                                          // Each action names the control it clicks; reasons carry signed numbers; the bucket's word
                                          // is a message key, once per plan.
    let actions = js_sys::Array::from(&get(&card, "actions"));
    let accept = actions
        .iter()
        .find(|a| get(a, "action").as_string().as_deref() == Some("accept"))
        .unwrap();
    assert!(get(&accept, "control").as_f64().is_some());
    assert_eq!(get(&accept, "resolves"), JsValue::TRUE);
    let reasons = js_sys::Array::from(&get(&card, "reasons"));
    assert!(get(&reasons.get(0), "points").as_f64().is_some());
    let words = get(&plan, "bucket_words");
    assert_eq!(
        get(&words, "accept").as_string().as_deref(),
        Some("bucketAccept")
    );
    let plan = engine
        .triage("<p>no invitations</p>", JsValue::NULL)
        .unwrap();
    let status = js_sys::Reflect::get(&plan, &"status".into()).unwrap();
    assert_eq!(status.as_string().as_deref(), Some("no-invitations"));
}

#[wasm_bindgen_test]
fn exports_preview_defaults_and_validate() {
    let defaults = web::default_settings();
    let ok = web::validate_settings(defaults.clone());
    assert_eq!(
        js_sys::Reflect::get(&ok, &"ok".into()).unwrap(),
        JsValue::TRUE
    );
    let rules = js_sys::Reflect::get(&defaults, &"rules".into()).unwrap();
    js_sys::Reflect::set(&rules, &"accept_at".into(), &JsValue::from(500)).unwrap();
    let bad = web::validate_settings(defaults.clone());
    assert_eq!(
        js_sys::Reflect::get(&bad, &"ok".into()).unwrap(),
        JsValue::FALSE
    );
    assert!(web::Engine::new(defaults).is_err());

    let engine = web::Engine::new(JsValue::UNDEFINED).unwrap();
    let sample = js_sys::JSON::parse(
        r#"{"name":"Dr. Ana Ruiz","mutual":"Bo Li and 39 other mutual connections",
            "has_photo":true,"note":"We worked together at Acme","age":"3 days ago"}"#,
    )
    .unwrap();
    let preview = engine.preview(sample).unwrap();
    let card = get(&preview, "card");
    let score = get(&card, "score").as_f64().unwrap();
    assert!((0.0..=100.0).contains(&score));
    let bucket = get(&card, "bucket").as_string().unwrap();
    assert_eq!(bucket, "accept");
    let words = get(&preview, "bucket_words");
    assert_eq!(
        get(&words, &bucket).as_string().as_deref(),
        Some("bucketAccept")
    );
    let messages: Vec<String> = js_sys::Array::from(&get(&card, "actions"))
        .iter()
        .filter_map(|a| get(&a, "message").as_string())
        .collect();
    assert!(messages
        .iter()
        .any(|m| m.contains("Ana") && m.contains("Bo Li")));
    assert!(messages.iter().all(|m| !m.contains("Dr.")), "{messages:?}");
    assert!(engine.preview(JsValue::from(3)).is_err());
}

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &key.into()).unwrap()
}
