//! Card boundaries: where one invitation ends and the next begins, in every list shape, with
//! neighbours that are not invitations, and with cards known from an earlier pass sent as stubs.
//! The property test generates many layouts and proves that an incremental pass (painted cards
//! as stubs) finds exactly the roots a full pass finds.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{snapshot, C2_CARD};
use invite_triage::core::parse;
use invite_triage::core::plan::PageRead;
use invite_triage::core::read;
use proptest::prelude::*;

fn read(body: &str) -> PageRead {
    read::read_snapshot(&snapshot(body))
}

fn names(page: &PageRead) -> Vec<&str> {
    page.cards.iter().map(|c| c.card.name.as_str()).collect()
}

/// A card of today's layout for `name`, as a plain `div` (no list item).
fn div_card(name: &str, slug: &str, extra: &str) -> String {
    format!(
        r#"<div componentkey="auto-component-{slug}"><div>
  <a href="/in/{slug}/"><img alt="{name}’s profile picture" src="data:,"></a>
  <p><a href="/in/{slug}/"><strong>{name}</strong></a></p><p>Engineer at Acme</p>
  <p>3 mutual connections</p><p>2 days ago</p>
  <button aria-label="Ignore an invitation to connect from {name}">Ignore</button>
  <button aria-label="Accept {name}’s invitation">Accept</button></div>{extra}</div>"#
    )
}

#[test]
fn a_plain_div_card_changed_after_painting_is_read_as_itself() {
    // The incremental pass after a time text changed in Bo's card: Ana and Cy are stubs.
    let body = format!(
        r#"<main><div componentkey="InvitationManagerPage_InvitationsList">
        <div componentkey="auto-component-ana" data-triage-known></div>{}
        <div componentkey="auto-component-cy" data-triage-known></div></div></main>"#,
        div_card(
            "Bo Li",
            "bo-li",
            "<p>Note outside the main block, long enough to be a note.</p>"
        )
    );
    let page = read(&body);
    assert_eq!(names(&page), ["Bo Li"]);
    assert_eq!(page.known, 2);
    // main 0, list 1, stub 2, Bo's card 3.
    assert_eq!(page.cards[0].at.root, 3, "the card, not the list");
    assert!(page.cards[0]
        .card
        .note
        .as_deref()
        .is_some_and(|n| n.starts_with("Note outside")));
    assert_eq!(page.unreadable, 0);
}

#[test]
fn a_lone_card_does_not_swallow_its_neighbours() {
    let body = format!(
        r#"<main><div class="wrapper">{}
        <div class="pymk"><h2>People you may know</h2>
          <div><a href="/in/zed/">Zed Crypto</a><p>Crypto trader, forex signals</p>
          <button aria-label="Invite Zed Crypto to connect">Connect</button></div>
          <div><a href="/in/yan/">Yan</a><p>Designer</p><button>Connect</button></div></div>
        </div></main>"#,
        div_card("Ana Ruiz", "ana-ruiz", "")
    );
    let page = read(&body);
    assert_eq!(names(&page), ["Ana Ruiz"]);
    let inv = parse::invitation(&page.cards[0].card);
    let everything = format!("{inv:?}");
    assert!(
        !everything.to_lowercase().contains("crypto"),
        "{everything}"
    );
    assert!(!everything.contains("Designer"), "{everything}");
}

#[test]
fn hidden_duplicate_bars_banners_and_dialogs_change_nothing() {
    let card = C2_CARD.replace(
        "<p>3 weeks ago</p>",
        r#"<p>3 weeks ago</p><div hidden><button aria-label="Ignore an invitation to connect from Ana Ruiz">Ignore</button>
        <button aria-label="Accept Ana Ruiz’s invitation">Accept</button></div>
        <div class="mobile-bar"><button aria-label="Accept Ana Ruiz’s invitation">Accept</button></div>"#,
    );
    let body = format!(
        r#"<div class="cookie-banner"><p>We use cookies</p><button>Accept</button><button>Reject</button></div>
        <div role="dialog"><h2>Take care when connecting</h2><button>View profile</button>
          <button>Accept invite</button><button>Ignore</button></div>
        <aside><a href="/in/me-member/">Me Member</a><p>My headline</p></aside>
        <main><div data-testid="lazy-column">{card}{}</div></main>"#,
        C2_CARD
            .replace("ana-ruiz", "bo-li")
            .replace("Ana Ruiz", "Bo Li")
    );
    let page = read(&body);
    assert_eq!(names(&page), ["Ana Ruiz", "Bo Li"]);
    assert_eq!(
        page.unreadable, 0,
        "a banner or a dialog is not an invitation"
    );
    assert_ne!(page.cards[0].at.root, page.cards[1].at.root);
}

#[test]
fn an_inviter_named_without_a_link_is_read_from_the_invitation_sentence() {
    let body = r#"<main><div role="list"><div role="listitem">
      <p>Dana Vos is inviting you to connect</p><p>Product designer</p>
      <button aria-label="Ignore an invitation to connect from Dana Vos">Ignore</button>
      <button aria-label="Accept Dana Vos’s invitation">Accept</button></div></div></main>"#;
    let page = read(body);
    assert_eq!(names(&page), ["Dana Vos"]);
    assert_eq!(page.unreadable, 0);
}

#[test]
fn block_boundaries_separate_words() {
    let card = C2_CARD.replace(
        "<p>Staff engineer at Acme · Rust, distributed systems</p>",
        "<div>Rust engineer<div>at Acme</div></div>",
    );
    let page = read(&format!("<main><div>{card}</div></main>"));
    let card = &page.cards[0].card;
    let all = format!("{} {:?} {:?}", card.headline, card.lines, card.note);
    assert!(!all.contains("engineerat"), "{all}");
    assert_eq!(card.headline, "Rust engineer");
}

#[test]
fn mutual_connections_inside_a_link_are_read() {
    let card = C2_CARD.replace(
        "<p>Ben Ode and 12 other mutual connections</p>",
        r#"<a href="/search/results/people/?facetNetwork=F"><span>Ben Ode and 12 other mutual connections</span></a>"#,
    );
    let page = read(&format!("<main><div>{card}</div></main>"));
    let inv = parse::invitation(&page.cards[0].card);
    assert_eq!(inv.mutual_count, 13);
    assert_eq!(inv.mutual_names, ["Ben Ode"]);
}

#[test]
fn a_page_in_a_language_without_a_table_is_measured_by_structure() {
    let row = |name: &str, slug: &str| {
        format!(
            r#"<div role="listitem"><a href="/in/{slug}/">{name}</a><p>Inżynier</p>
            <button aria-label="Zignoruj zaproszenie od {name}">Zignoruj</button>
            <button aria-label="Akceptuj zaproszenie od {name}">Akceptuj</button></div>"#
        )
    };
    let html = format!(
        "<html lang=\"pl\"><body>{}</body></html>",
        common::number(&format!(
            "<main><div>{}{}{}</div><section><h2>Osoby, które możesz znać</h2>\
             <div><a href=\"/in/zed/\">Zed</a><button aria-label=\"Zaproś: Zed\">Połącz</button></div></section></main>",
            row("Jan Kowalski", "jan-k"),
            row("Ewa Nowak", "ewa-n"),
            row("Olek Lis", "olek-l")
        ))
    );
    let page = read::read_snapshot(&html);
    assert!(page.cards.is_empty());
    assert_eq!(page.unreadable, 3);
    assert_eq!(page.lang.as_deref(), Some("pl"));
    assert!(page.lang_unsupported);
}

#[test]
fn the_language_read_is_the_controls_language() {
    let card = C2_CARD
        .replace("Ignore an invitation to connect from Ana Ruiz", "Ignorar")
        .replace("Accept Ana Ruiz’s invitation", "Aceptar")
        .replace(">Ignore<", ">Ignorar<")
        .replace(">Accept<", ">Aceptar<");
    let html = format!(
        "<html lang=\"es-ES\"><body>{}</body></html>",
        common::number(&format!("<main><div>{card}</div></main>"))
    );
    let page = read::read_snapshot(&html);
    assert_eq!(names(&page), ["Ana Ruiz"]);
    assert_eq!(page.lang.as_deref(), Some("es"));
    assert!(!page.lang_unsupported);
    let english = read(&format!("<main><div>{C2_CARD}</div></main>"));
    assert_eq!(english.lang.as_deref(), Some("en"));
}

// ---------------------------------------------------------------- generated layouts

/// A generated element: tag, attributes (already escaped), children; ids are `data-ti`.
#[derive(Clone, Debug)]
enum Gen {
    El(&'static str, String, Vec<Gen>),
    Text(String),
}

fn el(tag: &'static str, attrs: &str, children: Vec<Gen>) -> Gen {
    Gen::El(tag, attrs.to_owned(), children)
}
fn text(t: &str) -> Gen {
    Gen::Text(t.to_owned())
}

/// How one generated invitation is laid out.
#[derive(Clone, Debug)]
struct Shape {
    item: u8,
    note_outside: bool,
    hidden_bar: bool,
    message: bool,
    sentence_only: bool,
    wrapped: bool,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        0u8..4,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        0u8..6,
        any::<bool>(),
    )
        .prop_map(
            |(item, note_outside, hidden_bar, message, sentence, wrapped)| Shape {
                item,
                note_outside,
                hidden_bar,
                message,
                sentence_only: sentence == 0,
                wrapped,
            },
        )
}

fn controls(name: &str, attrs: &str) -> Gen {
    el(
        "div",
        attrs,
        vec![
            el(
                "button",
                &format!(r#"aria-label="Ignore an invitation to connect from {name}""#),
                vec![text("Ignore")],
            ),
            el(
                "button",
                &format!(r#"aria-label="Accept {name}’s invitation""#),
                vec![text("Accept")],
            ),
        ],
    )
}

fn card(n: usize, s: &Shape) -> Gen {
    let name = format!("Person {n}");
    let slug = format!("person-{n}");
    let mut main = Vec::new();
    if s.sentence_only {
        main.push(el(
            "p",
            "",
            vec![text(&format!("{name} is inviting you to connect"))],
        ));
    } else {
        main.push(el(
            "a",
            &format!(r#"href="/in/{slug}/""#),
            vec![el("img", r#"alt="" src="data:,""#, vec![])],
        ));
        main.push(el(
            "p",
            "",
            vec![el(
                "a",
                &format!(r#"href="/in/{slug}/""#),
                vec![el("strong", "", vec![text(&name)])],
            )],
        ));
    }
    main.push(el("p", "", vec![text("Engineer at Acme")]));
    main.push(el(
        "p",
        "",
        vec![text(&format!("{} mutual connections", n + 1))],
    ));
    main.push(controls(&name, ""));
    if s.hidden_bar {
        main.push(controls(&name, "hidden"));
    }
    let mut row = vec![el("div", "", main)];
    let note = el(
        "div",
        "",
        vec![
            el(
                "p",
                "",
                vec![text(
                    "We met at the Rust meetup last spring and talked about parsers.",
                )],
            ),
            el(
                "button",
                r#"data-testid="expandable-text-button""#,
                vec![text("see more")],
            ),
        ],
    );
    if s.note_outside {
        row.push(note);
    }
    if s.message {
        row.push(el(
            "a",
            &format!(r#"href="/messaging/compose/?invitation=urn:li:fsd_invitation:{n}""#),
            vec![text("Message")],
        ));
    }
    let item = match s.item {
        0 => el("li", "", row),
        1 => el("div", r#"role="listitem""#, row),
        2 => el("div", &format!(r#"componentkey="auto-component-{n}""#), row),
        _ => el(
            "div",
            "",
            vec![el("div", r#"data-view-name="pending-invitation""#, row)],
        ),
    };
    if s.wrapped {
        el("div", r#"componentkey="wrap""#, vec![item])
    } else {
        item
    }
}

/// Something a page holds between or beside invitations.
fn neighbour(kind: u8, n: usize) -> Gen {
    match kind {
        0 => el("hr", r#"role="presentation""#, vec![]),
        1 => el(
            "div",
            "",
            vec![
                el("h2", "", vec![text("People you may know")]),
                el(
                    "div",
                    "",
                    vec![
                        el(
                            "a",
                            &format!(r#"href="/in/pymk-{n}/""#),
                            vec![text("Zed Crypto")],
                        ),
                        el("p", "", vec![text("Crypto signals")]),
                        el("button", "", vec![text("Connect")]),
                    ],
                ),
            ],
        ),
        2 => el(
            "div",
            "",
            vec![
                el("p", "", vec![text("We use cookies")]),
                el("button", "", vec![text("Accept")]),
                el("button", "", vec![text("Reject")]),
            ],
        ),
        _ => el(
            "div",
            r#"role="dialog""#,
            vec![
                el("h2", "", vec![text("Take care when connecting")]),
                el("button", "", vec![text("Accept invite")]),
                el("button", "", vec![text("Ignore")]),
            ],
        ),
    }
}

/// A generated page: a list (of one of four kinds) of invitations with neighbours.
fn page(shapes: &[Shape], neighbours: &[(usize, u8)], list: u8) -> Gen {
    let mut items: Vec<Gen> = Vec::new();
    for (n, s) in shapes.iter().enumerate() {
        for &(at, kind) in neighbours {
            if at == n && (list != 0 || kind == 0) {
                items.push(neighbour(kind, n));
            }
        }
        let mut s = s.clone();
        if list == 0 {
            s.item = 0; // a ul holds list items
            s.wrapped = false;
        }
        items.push(card(n, &s));
    }
    let list = match list {
        0 => el("ul", "", items),
        1 => el("div", r#"role="list""#, items),
        2 => el("div", r#"data-testid="lazy-column""#, items),
        _ => el(
            "div",
            r#"componentkey="InvitationManagerPage_InvitationsList""#,
            items,
        ),
    };
    let mut body = vec![el("main", "", vec![list])];
    for &(_, kind) in neighbours.iter().filter(|(at, _)| *at >= shapes.len()) {
        body.push(neighbour(kind, 99));
    }
    el("div", "", body)
}

/// Serializes with stable `data-ti` ids; the elements whose ids are in `stubs` are written as
/// empty known-card stubs, keeping their own id, as the content script sends them.
fn render(node: &Gen, next: &mut u32, stubs: &[u32], out: &mut String) {
    match node {
        Gen::Text(t) => out.push_str(t),
        Gen::El(tag, attrs, children) => {
            let id = *next;
            *next += 1;
            let stub = stubs.contains(&id);
            out.push_str(&format!("<{tag} data-ti=\"{id}\" {attrs}"));
            if stub {
                out.push_str(" data-triage-known");
            }
            out.push('>');
            let mut inner = String::new();
            for c in children {
                render(c, next, stubs, &mut inner);
            }
            if !stub {
                out.push_str(&inner);
            }
            if !matches!(*tag, "img" | "hr" | "br") {
                out.push_str(&format!("</{tag}>"));
            }
        }
    }
}

fn snapshot_of(page: &Gen, stubs: &[u32]) -> String {
    let mut out = String::from("<body>");
    render(page, &mut 0, stubs, &mut out);
    out.push_str("</body>");
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every generated invitation is read once, as itself; and with any subset of the painted
    /// cards sent as stubs, the cards read again have exactly the roots of the full pass.
    #[test]
    fn incremental_passes_find_the_roots_of_a_full_pass(
        shapes in prop::collection::vec(shape(), 1..7),
        neighbours in prop::collection::vec((0usize..8, 0u8..4), 0..4),
        list in 0u8..4,
        stubbed in prop::collection::vec(any::<bool>(), 7),
    ) {
        let layout = page(&shapes, &neighbours, list);
        let full = read::read_snapshot(&snapshot_of(&layout, &[]));
        let mut read_names: Vec<String> = full.cards.iter().map(|c| c.card.name.clone()).collect();
        read_names.sort();
        let mut want: Vec<String> = (0..shapes.len()).map(|n| format!("Person {n}")).collect();
        want.sort();
        prop_assert_eq!(&read_names, &want);
        prop_assert_eq!(full.unreadable, 0);

        let stubs: Vec<u32> = full
            .cards
            .iter()
            .zip(&stubbed)
            .filter(|(_, &s)| s)
            .map(|(c, _)| c.at.root)
            .collect();
        let again = read::read_snapshot(&snapshot_of(&layout, &stubs));
        let roots = |p: &PageRead| p.cards.iter().map(|c| (c.at.root, c.card.name.clone())).collect::<Vec<_>>();
        let expected: Vec<_> = roots(&full).into_iter().filter(|(r, _)| !stubs.contains(r)).collect();
        prop_assert_eq!(roots(&again), expected);
        prop_assert_eq!(again.known as usize, stubs.len());
        prop_assert_eq!(again.unreadable, 0);
    }
}

#[test]
fn cards_linkedin_resolved_since_they_were_painted_are_reported() {
    let accepted = r#"<div role="listitem" data-triage-id="ana-ruiz"><p>Ana Ruiz is now a connection</p>
        <a href="/messaging/compose/">Message</a></div>"#;
    let collapsed = r#"<div role="listitem" data-triage-id="bo-li"></div>"#;
    let still = C2_CARD
        .replace("ana-ruiz", "cy-dee")
        .replace("Ana Ruiz", "Cy Dee")
        .replace(
            r#"<div role="listitem">"#,
            r#"<div role="listitem" data-triage-id="cy-dee">"#,
        );
    let page = read(&format!(
        "<main><div data-testid=\"lazy-column\">{accepted}{collapsed}{still}</div></main>"
    ));
    assert_eq!(
        names(&page),
        ["Cy Dee"],
        "a card still offering its controls is a card"
    );
    let resolved: Vec<_> = page
        .resolved
        .iter()
        .map(|r| (r.id.as_str(), r.how))
        .collect();
    use invite_triage::core::plan::Resolution;
    assert_eq!(
        resolved,
        [
            ("ana-ruiz", Resolution::Accepted),
            ("bo-li", Resolution::Gone)
        ]
    );
}

#[test]
fn the_list_shown_is_complete_only_when_its_stated_count_was_read() {
    let page = read::read_snapshot(&common::fixture("era-c2.html"));
    let list = page.list.expect("the page says which list it shows");
    assert_eq!(list.key, "Received | Focused");
    assert!(list.complete, "Focused (6) and six cards read");
    let fewer = common::fixture("era-c2.html").replace("Focused (6)", "Focused (7)");
    let list = read::read_snapshot(&fewer).list.unwrap();
    assert!(!list.complete, "a seventh invitation is not on the page");
    assert_eq!(
        list.key, "Received | Focused",
        "the key leaves the count out"
    );
}

#[test]
fn a_dialog_inside_a_card_is_not_its_text() {
    let card = C2_CARD
        .replace("<p>Staff engineer at Acme · Rust, distributed systems</p>", "")
        .replace(
            "<p>3 weeks ago</p>",
            r#"<p>3 weeks ago</p><div role="dialog" aria-modal="true"><h2>Take care when connecting</h2>
            <p>Only accept invitations from people you know.</p><button>Accept invite</button></div>"#,
        );
    let page = read(&format!("<main><div>{card}</div></main>"));
    let card = &page.cards[0].card;
    let all = format!("{} {:?} {:?}", card.headline, card.lines, card.note);
    assert!(!all.contains("Take care"), "{all}");
    assert!(!all.contains("Only accept"), "{all}");
}

#[test]
fn the_last_card_left_in_a_plain_div_list_does_not_take_the_list() {
    let body = format!(
        r#"<main><div componentkey="InvitationManagerPage_InvitationsList">{}</div></main>"#,
        div_card("Bo Li", "bo-li", "")
    );
    let page = read(&body);
    assert_eq!(names(&page), ["Bo Li"]);
    // main 0, list 1, the card 2.
    assert_eq!(page.cards[0].at.root, 2, "the card, not its list");
}
