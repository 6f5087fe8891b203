//! Browser-edge tests in headless Chromium (wasm-bindgen-test): reading cards from DOM
//! snapshots, planning, and the functions exported to JavaScript.
#![cfg(target_arch = "wasm32")]

use invite_triage::core::plan::Status;
use invite_triage::web::{self, read};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Numbers every element under `<body>` as the content script does, and returns the HTML.
fn snapshot(body: &str) -> String {
    let doc = read::parse_snapshot(&format!("<!doctype html><body>{body}</body>")).unwrap();
    let all = doc.body().unwrap().get_elements_by_tag_name("*");
    for i in 0..all.length() {
        all.item(i)
            .unwrap()
            .set_attribute(read::INDEX_ATTR, &i.to_string())
            .unwrap();
    }
    doc.body().unwrap().outer_html()
}

fn read(body: &str) -> invite_triage::core::plan::PageRead {
    let doc = read::parse_snapshot(&snapshot(body)).unwrap();
    read::read_document(&doc)
}

const C2_CARD: &str = r#"
<div role="listitem">
  <a href="/in/ana-ruiz/"><img alt="Ana Ruiz’s profile picture" src="data:image/png;base64,AA=="></a>
  <p><a href="/in/ana-ruiz/"><strong>Ana Ruiz</strong></a></p>
  <p>Staff engineer at Acme · Rust, distributed systems</p>
  <p>Ben Ode and 12 other mutual connections</p>
  <p>3 weeks ago</p>
  <button aria-label="Ignore an invitation to connect from Ana Ruiz">Ignore</button>
  <button aria-label="Accept Ana Ruiz’s invitation">Accept</button>
  <p>Hi! We worked together at Acme on the storage team, would love to stay in touch.</p>
  <button data-testid="expandable-text-button">see more</button>
</div>"#;

#[wasm_bindgen_test]
fn reads_a_current_card_by_meaning() {
    let page = read(&format!(
        r#"<header><a href="/in/me-member/">Me</a></header>
        <main><div data-testid="lazy-column">{C2_CARD}</div></main>"#
    ));
    assert_eq!(page.cards.len(), 1);
    assert_eq!(page.unreadable, 0);
    let card = &page.cards[0].card;
    assert_eq!(card.name, "Ana Ruiz");
    assert_eq!(
        card.headline,
        "Staff engineer at Acme · Rust, distributed systems"
    );
    assert!(card.has_photo);
    assert!(card
        .note
        .as_deref()
        .is_some_and(|n| n.contains("worked together")));
    assert!(card.lines.iter().any(|l| l.contains("mutual")));
    let at = &page.cards[0].at;
    assert!(at.accept.is_some() && at.ignore.is_some());
}

#[wasm_bindgen_test]
fn people_you_may_know_is_not_an_invitation() {
    let page = read(
        r#"<main><section><h2>People you may know</h2>
        <div role="listitem"><a href="/in/zed/">Zed</a><p>Designer</p>
        <button aria-label="Invite Zed to connect">Connect</button>
        <button aria-label="Dismiss">Dismiss</button></div></section></main>"#,
    );
    assert!(page.cards.is_empty());
    assert_eq!(page.unreadable, 0);
}

#[wasm_bindgen_test]
fn invitations_without_anything_readable_are_reported() {
    let page = read(
        r#"<main><ul><li><div><canvas></canvas></div>
        <button>Ignore</button><button>Accept</button></li>
        <li><div><canvas></canvas></div><button>Ignore</button><button>Accept</button></li></ul></main>"#,
    );
    assert!(page.cards.is_empty());
    assert_eq!(page.unreadable, 2);
}

#[wasm_bindgen_test]
fn two_cards_in_one_list_are_two_invitations() {
    let second = C2_CARD
        .replace("ana-ruiz", "bo-li")
        .replace("Ana Ruiz", "Bo Li");
    let page = read(&format!(
        "<main><div data-testid=\"lazy-column\">{C2_CARD}{second}</div></main>"
    ));
    let names: Vec<_> = page.cards.iter().map(|c| c.card.name.as_str()).collect();
    assert_eq!(names, ["Ana Ruiz", "Bo Li"]);
    assert_ne!(page.cards[0].at.root, page.cards[1].at.root);
}

#[wasm_bindgen_test]
fn the_engine_export_plans_a_snapshot() {
    let engine = web::Engine::new(JsValue::UNDEFINED).unwrap();
    let html = snapshot(&format!("<main><div>{C2_CARD}</div></main>"));
    let plan = engine.triage(&html, JsValue::UNDEFINED).unwrap();
    let status = js_sys::Reflect::get(&plan, &"status".into()).unwrap();
    assert_eq!(status.as_string().as_deref(), Some("ready"));
    let cards = js_sys::Reflect::get(&plan, &"cards".into()).unwrap();
    assert_eq!(js_sys::Array::from(&cards).length(), 1);
    let _ = Status::Ready;
}

#[wasm_bindgen_test]
fn exports_score_defaults_and_validate() {
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
    let invitation = js_sys::JSON::parse(
        r#"{"name":"Ana Ruiz","first_name":"Ana","key":"ana","mutual_count":40,"has_photo":true,
            "note":"We worked together at Acme"}"#,
    )
    .unwrap();
    let scored = engine.score(invitation).unwrap();
    let verdict = js_sys::Reflect::get(&scored, &"verdict".into()).unwrap();
    let score = js_sys::Reflect::get(&verdict, &"score".into())
        .unwrap()
        .as_f64()
        .unwrap();
    assert!((0.0..=100.0).contains(&score));
    let bucket = js_sys::Reflect::get(&verdict, &"bucket".into()).unwrap();
    assert_eq!(bucket.as_string().as_deref(), Some("accept"));
}

/// The snapshot the content script sends for a whole page: `<body>` copied, every element
/// numbered, the elements the engine never needs dropped.
fn page_snapshot(page: &str) -> String {
    let doc = read::parse_snapshot(page).unwrap();
    let copy: web_sys::Element = doc
        .body()
        .unwrap()
        .clone_node_with_deep(true)
        .unwrap()
        .unchecked_into();
    let all = copy.get_elements_by_tag_name("*");
    for i in 0..all.length() {
        all.item(i)
            .unwrap()
            .set_attribute(read::INDEX_ATTR, &i.to_string())
            .unwrap();
    }
    let drop = copy
        .query_selector_all(
            "script, style, link, meta, noscript, template, iframe, svg, video, [data-triage-ui]",
        )
        .unwrap();
    for i in 0..drop.length() {
        drop.item(i)
            .unwrap()
            .unchecked_into::<web_sys::Element>()
            .remove();
    }
    copy.outer_html()
}

#[wasm_bindgen_test]
fn the_native_reader_reads_what_the_dom_reader_reads() {
    let fixtures = [
        include_str!("fixtures/demo.html"),
        include_str!("fixtures/era-a.html"),
        include_str!("fixtures/era-b.html"),
        include_str!("fixtures/era-c1.html"),
        include_str!("fixtures/era-c2.html"),
        include_str!("fixtures/feed.html"),
        include_str!("fixtures/hostile.html"),
        include_str!("fixtures/non-person.html"),
        include_str!("fixtures/unknown-layout.html"),
    ];
    let many = {
        let page = include_str!("fixtures/era-c2.html");
        let start = page.find("<div role=\"listitem\"").unwrap();
        let end = page[start + 1..].find("<div role=\"listitem\"").unwrap() + start + 1;
        let card = &page[start..end];
        let cards: String = (0..50)
            .map(|i| card.replace("jose-nunez-rs", &format!("p-{i}")))
            .collect();
        format!("{}{cards}{}", &page[..start], &page[start..])
    };
    let second = C2_CARD
        .replace("ana-ruiz", "bo-li")
        .replace("Ana Ruiz", "Bo Li");
    let odd = [
        format!("<body><main><div>{C2_CARD}{second}</div></main></body>"),
        format!("<body><main><p><button>Accept all</button><span>{C2_CARD}{second}</span></p></main></body>"),
        format!("<body><header><a href=\"/in/me/\">Me</a></header><aside><div><a href=\"/in/me/\"><b>Me</b> Too</a><p class=\"SR-only\">x</p><p>My &amp; headline</p></div></aside><ul><li>{C2_CARD}</li><li>{second}</li></ul></body>"),
        format!("<body><table><tr><td>{C2_CARD}</td></tr></table><div aria-hidden=\"true\">{second}</div></body>"),
    ];
    let pages = fixtures
        .iter()
        .map(|p| p.to_string())
        .chain([many])
        .chain(odd);
    let mut cards = 0;
    for (n, page) in pages.enumerate() {
        let html = page_snapshot(&page);
        let dom = read::read_document(&read::parse_snapshot(&html).unwrap());
        let native = invite_triage::core::read::read_snapshot(&html);
        assert_eq!(dom, native, "page {n}");
        cards += dom.cards.len();
    }
    assert_eq!(cards, 14 + 4 + 4 + 4 + 6 + 4 + 4 + 56 + 2 + 2 + 2 + 2);
}
