//! The Sent tab's fixtures, asserted: every sent card of every fixture page
//! (`tests/fixtures/*.html` with `data-fixture-sent`) must read as its `data-fixture-*`
//! attributes say, field by field; LinkedIn's Withdraw confirm is found in both eras and its
//! Cancel and Dismiss are never taken for it; stubs, gone cards, a Received page and a page in
//! a language without a table read as they should. See `tests/fixtures/README.md`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use invite_triage::core::friction;
use invite_triage::core::html::Document;
use invite_triage::core::sent::{self, SentRead};

use common::truth::start_tags;

/// Text as the engine reports it: whitespace folded.
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fixture pages with sent cards, by file name.
fn sent_pages() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut pages: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/fixtures")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .filter(|n| common::fixture_page(n).contains("data-fixture-sent"))
        .collect();
    pages.sort();
    pages
}

/// A fixture page as the content script sends it, after `edit` on the page's text.
fn snapshot_with(fixture: &str, edit: impl Fn(String) -> String) -> String {
    let page = edit(common::fixture_page(fixture));
    let (from, to) = common::body_range(&page);
    common::with_html_tag(&page, &common::snapshot(&page[from..to]))
}

/// The text of the element numbered `ti` in a snapshot (its start tag to the next `<`).
fn text_at(snapshot: &str, ti: u32) -> String {
    let marker = format!(" data-ti=\"{ti}\"");
    let at = snapshot.find(&marker).expect("the element");
    let rest = &snapshot[at..];
    let open_end = rest.find('>').unwrap() + 1;
    let text = &rest[open_end..];
    fold(&text[..text.find('<').unwrap_or(text.len())])
}

fn label_at(snapshot: &str, ti: u32) -> String {
    let tag = start_tags(snapshot)
        .into_iter()
        .find(|t| t.get("data-ti") == Some(ti.to_string().as_str()))
        .expect("the element");
    tag.get("aria-label").map(str::to_owned).unwrap_or_default()
}

#[test]
fn there_are_sent_fixtures_in_both_eras_and_two_more_languages() {
    let pages = sent_pages();
    for page in [
        "sent-current.html",
        "sent-era-b.html",
        "sent-fr.html",
        "sent-de.html",
    ] {
        assert!(pages.iter().any(|p| p == page), "{page} in {pages:?}");
    }
}

#[test]
fn every_sent_fixture_card_reads_as_its_truth() {
    let mut failures = Vec::new();
    for fixture in sent_pages() {
        let snapshot = common::fixture(&fixture);
        let read = sent::read_sent_snapshot(&snapshot);
        let truths: Vec<_> = start_tags(&snapshot)
            .into_iter()
            .filter(|t| t.has("data-fixture-sent"))
            .collect();
        if read.cards.len() != truths.len() {
            failures.push(format!(
                "{fixture}: {} cards read, {} on the page: {:?}",
                read.cards.len(),
                truths.len(),
                read.cards.iter().map(|c| &c.name).collect::<Vec<_>>()
            ));
        }
        for t in &truths {
            let root: u32 = t.truth("data-ti").parse().unwrap();
            let name = t.truth("data-fixture-name");
            let Some(got) = read.cards.iter().find(|c| c.root == root) else {
                failures.push(format!("{fixture}: {name:?} (root {root}) not read"));
                continue;
            };
            let id = t.truth("data-fixture-id");
            let want = [
                ("id", id.to_owned(), got.id.clone()),
                ("name", fold(name), got.name.clone()),
                (
                    "headline",
                    fold(t.truth("data-fixture-headline")),
                    got.headline.clone(),
                ),
                (
                    "days",
                    format!(
                        "{:?}",
                        t.get("data-fixture-days")
                            .map(|d| d.parse::<u32>().unwrap())
                    ),
                    format!("{:?}", got.days),
                ),
                (
                    "note",
                    format!("{:?}", t.get("data-fixture-note").map(fold)),
                    format!("{:?}", got.note),
                ),
                (
                    "profile",
                    format!("Some(\"https://www.linkedin.com/in/{id}/\")"),
                    format!("{:?}", got.profile),
                ),
            ];
            for (field, expected, actual) in want {
                if expected != actual {
                    failures.push(format!(
                        "{fixture} {name:?} {field}: expected {expected:?}, read {actual:?}"
                    ));
                }
            }
            // The Withdraw named is inside the card and names its invitee (or says Withdraw).
            match got.withdraw {
                Some(w) if w > root => {
                    let label = label_at(&snapshot, w);
                    if !label.contains(&fold(name)) {
                        failures.push(format!("{fixture} {name:?}: withdraw {w} is {label:?}"));
                    }
                }
                other => failures.push(format!("{fixture} {name:?}: withdraw {other:?}")),
            }
        }
        let html_lang = start_tags(&snapshot)
            .into_iter()
            .find(|t| t.name == "html")
            .and_then(|t| t.get("lang").map(str::to_owned));
        if read.lang != html_lang || read.lang_unsupported {
            failures.push(format!("{fixture}: lang {:?}", read.lang));
        }
        if read.unreadable != 0 || read.known != 0 || !read.confirms.is_empty() {
            failures.push(format!(
                "{fixture}: unreadable {}, known {}, confirms {:?}",
                read.unreadable, read.known, read.confirms
            ));
        }
        match &read.list {
            Some(list) if list.complete => {}
            other => failures.push(format!("{fixture}: the list is {other:?}, not complete")),
        }
        if !friction::frictions(&Document::parse(&snapshot)).is_empty() {
            failures.push(format!("{fixture}: friction on a quiet page"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_artdeco_confirm_is_found_once_open_and_its_cancel_is_never_taken() {
    let closed = common::fixture("sent-era-b.html");
    assert!(
        sent::read_sent_snapshot(&closed).confirms.is_empty(),
        "hidden until opened"
    );
    let open = snapshot_with("sent-era-b.html", |p| {
        p.replace("hidden data-fixture-confirm", "data-fixture-confirm")
    });
    let read = sent::read_sent_snapshot(&open);
    assert_eq!(read.confirms.len(), 1, "{:?}", read.confirms);
    let confirm = &read.confirms[0];
    // Its control is the button whose text is Withdraw.
    assert_eq!(text_at(&open, confirm.control), "Withdraw");
    assert_eq!(confirm.name, None, "the artdeco confirm names nobody");
    assert!(label_at(&open, confirm.control).is_empty());
    // The four cards still read, and the confirm is no friction.
    assert_eq!(read.cards.len(), 4);
    assert!(friction::frictions(&Document::parse(&open)).is_empty());
}

const NATIVE_CONFIRM: &str = r#"<dialog open data-testid="dialog" aria-labelledby="w-title">
  <button type="button" aria-label="Dismiss">×</button>
  <h2 id="w-title">Withdraw invitation</h2>
  <p>If you withdraw now, you won't be able to resend to this person for up to 3 weeks.</p>
  <button type="button">Cancel</button>
  <button type="button" aria-label="LABEL">Withdraw</button>
</dialog>"#;

#[test]
fn the_native_confirm_of_2026_is_found_with_its_name_in_both_label_variants() {
    for label in [
        "Withdraw invitation sent to Zoë Ångström",
        "Withdrawn invitation sent to Zoë Ångström",
    ] {
        let dialog = NATIVE_CONFIRM.replace("LABEL", label);
        let open = snapshot_with("sent-current.html", |p| {
            p.replace("</main>", &format!("{dialog}</main>"))
        });
        let read = sent::read_sent_snapshot(&open);
        assert_eq!(read.confirms.len(), 1, "{label}: {:?}", read.confirms);
        let confirm = &read.confirms[0];
        assert_eq!(label_at(&open, confirm.control), label);
        assert_eq!(confirm.name.as_deref(), Some("Zoë Ångström"));
        assert!(confirm.dialog < confirm.control);
        assert_eq!(read.cards.len(), 6, "the dialog's Withdraw is no card's");
        assert_eq!(read.unreadable, 0);
        assert!(friction::frictions(&Document::parse(&open)).is_empty());
    }
    // Closed (no `open`), it is not there.
    let closed = NATIVE_CONFIRM
        .replace("<dialog open", "<dialog")
        .replace("LABEL", "Withdraw invitation sent to Zoë Ångström");
    let page = snapshot_with("sent-current.html", |p| {
        p.replace("</main>", &format!("{closed}</main>"))
    });
    assert!(sent::read_sent_snapshot(&page).confirms.is_empty());
    // With only Cancel and Dismiss, there is no confirm to take.
    let no_confirm = NATIVE_CONFIRM.replace(
        r#"<button type="button" aria-label="LABEL">Withdraw</button>"#,
        "",
    );
    let page = snapshot_with("sent-current.html", |p| {
        p.replace("</main>", &format!("{no_confirm}</main>"))
    });
    assert!(sent::read_sent_snapshot(&page).confirms.is_empty());
}

/// Replaces the first sent row of a 2026 page with the stub a later pass sends.
fn first_row_as_stub(page: String, id: &str) -> String {
    let start = page.find("<div role=\"listitem\"").expect("a row");
    let end = start
        + page[start..]
            .find("<hr role=\"presentation\">")
            .expect("its end");
    format!(
        "{}<div role=\"listitem\" data-triage-known data-triage-id=\"{id}\"></div>{}",
        &page[..start],
        &page[end..]
    )
}

#[test]
fn stubs_count_as_known_and_the_list_is_still_whole() {
    let html = snapshot_with("sent-current.html", |p| {
        first_row_as_stub(p, "jose-nunez-rs")
    });
    let read = sent::read_sent_snapshot(&html);
    assert_eq!(read.known, 1);
    assert_eq!(read.cards.len(), 5);
    assert!(read.cards.iter().all(|c| c.id != "jose-nunez-rs"));
    assert!(read.gone.is_empty(), "a stub is not gone: {:?}", read.gone);
    assert!(
        read.list.as_ref().is_some_and(|l| l.complete),
        "{:?}",
        read.list
    );
}

#[test]
fn a_painted_card_whose_withdraw_went_is_gone() {
    let html = snapshot_with("sent-current.html", |p| {
        let p = p.replacen(
            "data-fixture-sent data-fixture-name=\"José Ñúñez\"",
            "data-triage-id=\"jose-nunez-rs\" data-fixture-name=\"José Ñúñez\"",
            1,
        );
        p.replacen(
            "<a href=\"https://www.linkedin.com/\" aria-label=\"Withdraw invitation sent to José Ñúñez\">Withdraw</a>",
            "",
            1,
        )
    });
    let read: SentRead = sent::read_sent_snapshot(&html);
    assert_eq!(read.gone, vec!["jose-nunez-rs".to_owned()]);
    assert_eq!(read.cards.len(), 5);
    assert!(!read.list.unwrap().complete, "People (6) but 5 on the page");
}

#[test]
fn a_received_page_reads_no_sent_cards() {
    for fixture in ["era-c2.html", "era-b.html", "demo.html", "lang-fr.html"] {
        let read = sent::read_sent_snapshot(&common::fixture(fixture));
        assert!(read.cards.is_empty(), "{fixture}: {:?}", read.cards);
        assert_eq!(read.unreadable, 0, "{fixture}");
        assert!(read.confirms.is_empty(), "{fixture}");
    }
}

#[test]
fn cards_in_a_language_without_a_table_are_unreadable_not_dropped() {
    let html = snapshot_with("sent-current.html", |p| {
        p.replace("<html lang=\"en\">", "<html lang=\"pl\">")
            .replace(
                "Withdraw invitation sent to ",
                "Wycofaj zaproszenie wysłane do ",
            )
            .replace(">Withdraw<", ">Wycofaj<")
    });
    let read = sent::read_sent_snapshot(&html);
    assert!(read.cards.is_empty());
    assert!(read.lang_unsupported);
    assert_eq!(read.lang.as_deref(), Some("pl"));
    assert_eq!(read.unreadable, 6);
    assert!(!read.list.unwrap().complete);
}

#[test]
fn a_withdraw_with_no_invitee_around_it_is_unreadable() {
    let html = snapshot_with("sent-current.html", |p| {
        p.replacen("href=\"/in/jose-nunez-rs/\"", "href=\"/jobs/\"", 2)
    });
    let read = sent::read_sent_snapshot(&html);
    assert_eq!(read.cards.len(), 5);
    assert_eq!(read.unreadable, 1);
    assert!(!read.list.unwrap().complete);
}
