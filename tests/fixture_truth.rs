//! The fixtures' ground truth, asserted: every card of every fixture page (`tests/fixtures/*.html`
//! with `data-fixture-card`) must read as its `data-fixture-*` attributes say, field by field,
//! and each page must report the invitations it cannot read. See `tests/fixtures/README.md` for
//! the convention. Pages added later are picked up by themselves.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fmt::Write as _;

use invite_triage::core::inspect::{self, InspectedCard};
use invite_triage::core::parse;
use invite_triage::core::plan::{self, Memory, Status};
use invite_triage::core::read;
use invite_triage::core::score::Scorer;
use invite_triage::core::settings::Settings;

use common::truth::{start_tags, Tag};

// ---------------------------------------------------------------- the truth of a page

/// What one card says, from its `data-fixture-*` attributes.
struct Truth {
    /// Its root's snapshot index (`data-ti`).
    root: u32,
    name: String,
    id: String,
    kind: String,
    headline: String,
    note: Option<String>,
    mutual: u32,
    mutual_names: Vec<String>,
    days: Option<u32>,
    photo: bool,
    target: Option<String>,
    inviter: Option<String>,
}

struct Page {
    cards: Vec<Truth>,
    unreadable: u32,
    status: Option<String>,
}

fn page_truth(fixture: &str) -> Page {
    let snapshot = common::fixture(fixture);
    let mut cards = Vec::new();
    for (n, tag) in start_tags(&snapshot)
        .into_iter()
        .filter(|t| t.get("data-fixture-card").is_some())
        .enumerate()
    {
        let need = |attr: &str| -> String {
            tag.get(attr)
                .unwrap_or_else(|| panic!("{fixture} card {n}: no {attr}"))
                .to_owned()
        };
        let number = |attr: &str, value: &str| -> u32 {
            value
                .parse()
                .unwrap_or_else(|_| panic!("{fixture} card {n}: {attr}={value:?} is not a number"))
        };
        let kind = need("data-fixture-kind");
        let person = kind == "person";
        let names = need("data-fixture-mutual-names");
        let photo = need("data-fixture-photo");
        assert!(
            photo == "yes" || photo == "no",
            "{fixture} card {n}: data-fixture-photo={photo:?}"
        );
        cards.push(Truth {
            root: number("data-ti", &need("data-ti")),
            name: need("data-fixture-name"),
            id: need("data-fixture-id"),
            headline: need("data-fixture-headline"),
            note: tag.get("data-fixture-note").map(str::to_owned),
            mutual: number("data-fixture-mutual", &need("data-fixture-mutual")),
            mutual_names: names
                .split('|')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            days: tag
                .get("data-fixture-days")
                .map(|d| number("data-fixture-days", d)),
            photo: photo == "yes",
            target: (!person).then(|| need("data-fixture-target")),
            inviter: (!person).then(|| need("data-fixture-inviter")),
            kind,
        });
    }
    // Page-level truth sits on <body> or the list.
    let page = common::fixture_page(fixture);
    let holders: Vec<Tag> = start_tags(&page)
        .into_iter()
        .filter(|t| t.name == "body" || t.get("data-fixture-list").is_some())
        .collect();
    let page_attr = |attr: &str| holders.iter().find_map(|t| t.get(attr).map(str::to_owned));
    Page {
        cards,
        unreadable: page_attr("data-fixture-unreadable").map_or(0, |u| {
            u.parse()
                .unwrap_or_else(|_| panic!("{fixture}: data-fixture-unreadable={u:?}"))
        }),
        status: page_attr("data-fixture-status"),
    }
}

// ---------------------------------------------------------------- comparing

/// Text as the engine reports it: whitespace folded, invisible characters (zero-width, bidi
/// controls, …, see `parse::is_invisible`) removed.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| !parse::is_invisible(*c))
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The engine keeps at most this many bytes of a name, a headline and a note (parse.rs's
/// `MAX_NAME`, `MAX_HEADLINE` and `MAX_TEXT`), cut at a character boundary.
const MAX_NAME: usize = 200;
const MAX_HEADLINE: usize = 600;

fn cut(text: String, max: usize) -> String {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].trim_end().to_owned()
}

/// A value for a failure message: long texts shortened, so a 5,000-character headline stays
/// readable.
fn show(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= 160 {
        return value.to_owned();
    }
    let head: String = chars[..100].iter().collect();
    let tail: String = chars[chars.len() - 40..].iter().collect();
    format!("{head}…{tail} ({} chars)", chars.len())
}

/// Each field of one card: (field, expected, got).
fn fields(truth: &Truth, got: &InspectedCard) -> Vec<(&'static str, String, String)> {
    let text = |t: &str, max: usize| cut(fold(t), max);
    let opt = |o: &Option<String>| format!("{o:?}");
    let kind = serde_json::to_value(got.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    vec![
        ("id", truth.id.clone(), got.id.clone()),
        ("kind", truth.kind.clone(), kind),
        ("name", text(&truth.name, MAX_NAME), got.name.clone()),
        (
            "headline",
            text(&truth.headline, MAX_HEADLINE),
            got.headline.clone(),
        ),
        (
            "note",
            opt(&truth.note.as_deref().map(|n| text(n, parse::MAX_TEXT))),
            opt(&got.note),
        ),
        (
            "mutual_count",
            truth.mutual.to_string(),
            got.mutual_count.to_string(),
        ),
        (
            "mutual_names",
            format!(
                "{:?}",
                truth
                    .mutual_names
                    .iter()
                    .map(|n| fold(n))
                    .collect::<Vec<_>>()
            ),
            format!("{:?}", got.mutual_names),
        ),
        (
            "days_waiting",
            format!("{:?}", truth.days),
            format!("{:?}", got.days_waiting),
        ),
        (
            "has_photo",
            truth.photo.to_string(),
            got.has_photo.to_string(),
        ),
        (
            "target",
            opt(&truth.target.as_deref().map(fold)),
            opt(&got.target),
        ),
        (
            "inviter",
            opt(&truth.inviter.as_deref().map(fold)),
            opt(&got.inviter),
        ),
    ]
}

const FIELDS: usize = 11;

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Ready => "ready",
        Status::NoInvitations => "no-invitations",
        Status::Unrecognized => "unrecognized",
    }
}

/// The fixture pages that have invitation cards, by file name.
fn fixture_pages() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut pages: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/fixtures")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .filter(|n| common::fixture_page(n).contains("data-fixture-card"))
        .collect();
    pages.sort();
    pages
}

#[test]
fn every_fixture_card_reads_as_its_truth() {
    let mut table = String::new();
    let mut failures: Vec<String> = Vec::new();
    let _ = writeln!(
        table,
        "{:<28} {:>11} {:>13} {:>11}  status",
        "fixture", "cards read", "fields right", "unreadable"
    );
    for fixture in fixture_pages() {
        let truth = page_truth(&fixture);
        let snapshot = common::fixture(&fixture);
        let seen = inspect::inspect(&snapshot);
        let settings = Settings::default();
        let paint = plan::plan(
            &read::read_snapshot(&snapshot),
            &Scorer::new(&settings),
            &settings,
            &Memory::default(),
        );
        let readable: Vec<&Truth> = truth.cards.iter().filter(|t| !t.id.is_empty()).collect();
        let (mut read, mut right) = (0, 0);
        for (n, t) in truth.cards.iter().enumerate() {
            let label = format!("{fixture} card {n} ({:?}, root {})", t.name, t.root);
            let got = seen.cards.iter().find(|c| c.root == t.root);
            match (t.id.is_empty(), got) {
                (true, None) => {}
                (true, Some(c)) => failures.push(format!(
                    "{label}: cannot be read (data-fixture-id=\"\") but was read as {:?}",
                    c.id
                )),
                (false, None) => failures.push(format!("{label}: not read")),
                (false, Some(c)) => {
                    read += 1;
                    for (field, expected, got) in fields(t, c) {
                        if expected == got {
                            right += 1;
                        } else {
                            failures.push(format!(
                                "{label}: {field}: expected {}, got {}",
                                show(&expected),
                                show(&got)
                            ));
                        }
                    }
                }
            }
        }
        for c in &seen.cards {
            if !truth.cards.iter().any(|t| t.root == c.root) {
                failures.push(format!(
                    "{fixture}: read a card at root {} ({:?}, {:?}) where the page has no invitation",
                    c.root, c.id, c.name
                ));
            }
        }
        if seen.unreadable != truth.unreadable {
            failures.push(format!(
                "{fixture}: unreadable: expected {}, got {}",
                truth.unreadable, seen.unreadable
            ));
        }
        let want_status = truth.status.clone().unwrap_or_else(|| {
            let word = match (readable.is_empty(), truth.unreadable > 0) {
                (false, _) => "ready",
                (true, true) => "unrecognized",
                (true, false) => "no-invitations",
            };
            word.to_owned()
        });
        let got_status = status_word(paint.status);
        if got_status != want_status {
            failures.push(format!(
                "{fixture}: status: expected {want_status}, got {got_status}"
            ));
        }
        if paint.count as usize != readable.len() {
            failures.push(format!(
                "{fixture}: count: expected {}, got {}",
                readable.len(),
                paint.count
            ));
        }
        let _ = writeln!(
            table,
            "{:<28} {:>11} {:>13} {:>11}  {}",
            fixture,
            format!("{read}/{}", readable.len()),
            format!("{right}/{}", readable.len() * FIELDS),
            format!("{}/{}", seen.unreadable, truth.unreadable),
            if got_status == want_status {
                got_status.to_owned()
            } else {
                format!("{got_status} (expected {want_status})")
            },
        );
    }
    println!("{table}");
    assert!(
        failures.is_empty(),
        "{} mismatches with the fixtures' truth (table above):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_truth_scanner_reads_quoted_attributes_and_references() {
    let tags = start_tags(
        r#"<div data-ti="0" data-fixture-card data-fixture-name="&lt;img src=x&gt; &amp; &quot;Q&quot; &#39;s &#x2019;" class=a>text <b>x</b></div>"#,
    );
    assert_eq!(tags.len(), 2);
    assert_eq!(tags[0].name, "div");
    assert_eq!(tags[0].get("data-ti"), Some("0"));
    assert_eq!(tags[0].get("data-fixture-card"), Some(""));
    assert_eq!(
        tags[0].get("data-fixture-name"),
        Some("<img src=x> & \"Q\" 's \u{2019}")
    );
    assert_eq!(tags[0].get("class"), Some("a"));
    assert_eq!(tags[1].name, "b");
    assert_eq!(
        fold(" Eve\u{200B} Mal\u{200D}lory\u{202E}\n moc.live\u{FEFF} "),
        "Eve Mallory moc.live"
    );
}
