//! Reading cards from snapshots, natively: the reader (`core::read`) on the parsed snapshot
//! (`core::html`), with the snapshots the content script would send.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{fixture, many_cards, snapshot, C2_CARD};
use invite_triage::core::plan::PageRead;
use invite_triage::core::read;
use proptest::prelude::*;

fn read(body: &str) -> PageRead {
    read::read_snapshot(&snapshot(body))
}

#[test]
fn the_test_snapshot_numbers_elements_in_document_order() {
    assert_eq!(
        snapshot("<p>a<br><b>c</b></p><!-- x --> 1 < 2"),
        "<body><p data-ti=\"0\">a<br data-ti=\"1\"><b data-ti=\"2\">c</b></p><!-- x --> 1 < 2</body>"
    );
}

#[test]
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
    // header 0, a 1, main 2, lazy-column 3, the card 4, its profile link 5, its picture 6, …
    assert_eq!(at.root, 4);
    assert!(at.accept.is_some() && at.ignore.is_some());
    assert_eq!(at.reply, None);
}

#[test]
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

#[test]
fn invitations_without_anything_readable_are_reported() {
    let page = read(
        r#"<main><ul><li><div><canvas></canvas></div>
        <button>Ignore</button><button>Accept</button></li>
        <li><div><canvas></canvas></div><button>Ignore</button><button>Accept</button></li></ul></main>"#,
    );
    assert!(page.cards.is_empty());
    assert_eq!(page.unreadable, 2);
}

#[test]
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

#[test]
fn an_accept_all_above_the_cards_is_not_an_unreadable_invitation() {
    let second = C2_CARD
        .replace("ana-ruiz", "bo-li")
        .replace("Ana Ruiz", "Bo Li");
    let page = read(&format!(
        "<main><div><button>Accept all</button><div>{C2_CARD}{second}</div></div></main>"
    ));
    assert_eq!(page.cards.len(), 2);
    assert_eq!(page.unreadable, 0);
}

#[test]
fn cards_known_from_an_earlier_pass_count_and_still_tell_an_accept_all_apart() {
    // The page after "Show more": two painted cards sent as stubs, one new card in full.
    let page = read(&format!(
        "<main><div><button>Accept all</button><div>\
         <div role=\"listitem\" data-triage-known></div>\
         <div role=\"listitem\" data-triage-known></div>{C2_CARD}</div></div></main>"
    ));
    assert_eq!(page.known, 2);
    assert_eq!(page.cards.len(), 1, "only the new card is read");
    assert_eq!(page.unreadable, 0, "Accept all stands above three cards");
}

#[test]
fn entities_are_decoded_in_text_and_attributes() {
    let card = C2_CARD
        .replace(
            "Staff engineer at Acme",
            "R&amp;D lead at O&#39;Brien &amp; Co",
        )
        .replace("Ana Ruiz’s invitation", "Ana Ruiz&#x2019;s invitation")
        .replace("/in/ana-ruiz/", "/in/ana-ruiz/?a=1&amp;b=2");
    let page = read(&format!("<main><div>{card}</div></main>"));
    let read = &page.cards[0].card;
    assert_eq!(
        read.headline,
        "R&D lead at O'Brien & Co · Rust, distributed systems"
    );
    assert_eq!(read.profile_url, "/in/ana-ruiz/?a=1&b=2");
    assert_eq!(read.name, "Ana Ruiz");
}

#[test]
fn text_in_controls_and_hidden_helpers_is_not_card_text() {
    let card = C2_CARD.replace(
        "<p>3 weeks ago</p>",
        r#"<p>3 weeks ago</p><span class="Visually-Hidden">Secret helper text that is long enough</span>
        <div aria-hidden="true">Hidden decoration text that is long enough to be a note</div>
        <div role="button">A role=button holding long text, also not a note at all</div>"#,
    );
    let page = read(&format!("<main><div>{card}</div></main>"));
    let read = &page.cards[0].card;
    let everything = format!("{:?} {:?} {}", read.lines, read.note, read.headline);
    assert!(!everything.contains("Secret"), "{everything}");
    assert!(!everything.contains("decoration"), "{everything}");
    assert!(!everything.contains("role=button"), "{everything}");
}

#[test]
fn the_members_own_headline_is_read_outside_the_cards() {
    let page = read(&format!(
        r#"<header><nav><a href="/in/me-member/">Me</a></nav></header>
        <aside><div><a href="/in/me-member/">Sam Rivera</a><p>Rust &amp; wasm engineer</p></div></aside>
        <main><div>{C2_CARD}</div></main>"#
    ));
    assert_eq!(page.own_headline.as_deref(), Some("Rust & wasm engineer"));
}

/// As the browser serializes it: every `<p>` and `<li>` closed (`outerHTML` writes every end tag
/// but a void element's), `<br>` and `<img>` without one.
#[test]
fn comments_and_void_elements_keep_the_card_whole() {
    let card = r#"
<li><!-- a comment with <button>Accept</button> in it -->
  <a href="/in/cy-dee/"><img alt="Cy Dee’s profile picture" src="x.png"></a><br>
  <p><a href="/in/cy-dee/">Cy Dee</a></p>
  <p>Platform engineer at Initech</p>
  <p>5 mutual connections</p>
  <button aria-label="Ignore an invitation to connect from Cy Dee">Ignore</button>
  <button aria-label="Accept Cy Dee’s invitation">Accept</button>
</li>
<li><a href="/in/di-eck/">Di Eck</a><p>Designer</p>
  <button>Ignore</button><button>Accept</button></li>"#;
    let page = read(&format!("<main><ul>{card}</ul></main>"));
    let names: Vec<_> = page.cards.iter().map(|c| c.card.name.as_str()).collect();
    assert_eq!(names, ["Cy Dee", "Di Eck"]);
    assert_eq!(page.cards[0].card.headline, "Platform engineer at Initech");
    assert_eq!(page.unreadable, 0);
}

/// The fixture pages of every markup era: each card is read, with the name the page shows.
#[test]
fn every_fixture_card_is_read() {
    for (page, names) in [
        ("era-a.html", 4),
        ("era-b.html", 4),
        ("era-c1.html", 4),
        ("era-c2.html", 6),
        ("non-person.html", 4),
        ("demo.html", 14),
    ] {
        let read = read::read_snapshot(&fixture(page));
        assert_eq!(read.cards.len(), names, "{page}");
        assert_eq!(read.unreadable, 0, "{page}");
        assert!(read.cards.iter().all(|c| !c.card.name.is_empty()), "{page}");
        assert!(read.own_headline.is_some(), "{page}");
    }
    let unknown = read::read_snapshot(&fixture("unknown-layout.html"));
    assert!(unknown.cards.is_empty());
    assert!(unknown.unreadable > 0);
    let feed = read::read_snapshot(&fixture("feed.html"));
    assert!(feed.cards.is_empty());
    assert_eq!(feed.unreadable, 0);
}

#[test]
fn a_long_page_is_read_whole() {
    let page = read::read_snapshot(&many_cards(500));
    assert_eq!(page.cards.len(), 500);
    assert_eq!(page.cards[499].card.profile_url, "/in/member-499/");
    assert_eq!(page.unreadable, 0);
}

/// A card deep inside a script-built page: 10,000 nested elements parse and read in a linear
/// pass (a cost growing with the square of the depth took seconds here).
#[test]
fn a_card_deep_in_the_page_is_read() {
    let depth = 10_000;
    let page = read(&format!(
        "<main>{}{C2_CARD}{}</main>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    ));
    assert_eq!(page.cards.len(), 1);
    assert_eq!(page.cards[0].card.name, "Ana Ruiz");
    assert_eq!(
        page.cards[0].at.root as usize,
        depth + 1,
        "main, then the divs"
    );
}

#[test]
fn hostile_text_stays_text() {
    let read = read::read_snapshot(&fixture("hostile.html"));
    assert!(!read.cards.is_empty());
    let first = &read.cards[0].card;
    assert_eq!(first.name, "<img src=x onerror=alert(1)>");
}

/// Snapshot-like markup: tags the reader cares about, attributes, entities, broken syntax and
/// arbitrary text, in any order.
fn markup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<div role=\"listitem\">".to_string()),
        Just("</div>".to_string()),
        Just("<li>".to_string()),
        Just("<ul>".to_string()),
        Just("</ul>".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<a href=\"/in/ana/\">".to_string()),
        Just("</a>".to_string()),
        Just("<button>Accept</button>".to_string()),
        Just("<button aria-label=\"Ignore\">".to_string()),
        Just("<img alt='x' src=y>".to_string()),
        Just("<template><p>".to_string()),
        Just("<script>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("&amp;&#x;&#99999999999;&nbsp".to_string()),
        Just(" data-ti=\"".to_string()),
        "[<>/=\"'&;!?a-z0-9 \\-]{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics_the_reader(s in any::<String>()) {
        let _ = read::read_snapshot(&s);
        let _ = read::read_snapshot(&snapshot(&s));
    }

    #[test]
    fn arbitrary_markup_never_panics_the_reader(s in markup()) {
        let _ = read::read_snapshot(&s);
        let _ = read::read_snapshot(&snapshot(&s));
    }
}
