//! Snapshots as the content script sends them, for tests and benchmarks.
#![allow(dead_code)]

#[cfg(not(target_arch = "wasm32"))]
pub mod real;
pub mod truth;

use invite_triage::core::read::INDEX_ATTR;

/// Pieces of LinkedIn's invitation text (phrasings in English and Spanish, ids, links) that
/// the property tests mix with arbitrary text, so generated cards look like real ones.
pub const PAGE_WORDS: &[&str] = &[
    "Ana",
    "and",
    "12",
    "1,100",
    "other",
    "others",
    "mutual",
    "connection",
    "connections",
    "mutual connection",
    "mutual connections",
    "is",
    "a",
    "are",
    "ago",
    "weeks",
    "3d",
    "Sent",
    "Yesterday",
    "invited",
    "you",
    "to",
    "join",
    "subscribe",
    "invited you to join",
    "invited you to subscribe to",
    "te ha invitado a unirte a",
    "hace",
    "y",
    "contactos",
    "en",
    "común",
    "más",
    "Dr.",
    "’s",
    "{",
    "}",
    "urn:li:fsd_invitation:",
    "/in/",
    "https://www.linkedin.com/in/",
    "/groups/",
    "\u{202E}",
    "🚀",
    "ليلى",
    "Ñúñez",
];

/// One invitation card in today's layout (era C2), with a note and its "see more".
pub const C2_CARD: &str = r#"
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

/// Numbers every start tag in document order (`data-ti`), as the content script numbers the
/// elements of its copy of the page. Meant for test markup: comments are not skipped.
pub fn number(html: &str) -> String {
    let mut out = String::with_capacity(html.len() * 2);
    let mut n = 0;
    let mut rest = html;
    while let Some(p) = rest.find('<') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let name_len = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - 1);
        out.push_str(&rest[..=name_len]);
        if name_len > 0 && rest.as_bytes()[1].is_ascii_alphabetic() {
            out.push_str(&format!(" {INDEX_ATTR}=\"{n}\""));
            n += 1;
        }
        rest = &rest[name_len + 1..];
    }
    out.push_str(rest);
    out
}

/// The snapshot of a page whose body holds `body`: `<body>` (not numbered, like
/// `document.body.outerHTML` of the content script's copy) around the numbered elements.
pub fn snapshot(body: &str) -> String {
    format!("<body>{}</body>", number(body))
}

/// A fixture page's body as the content script would send it (the fixtures' bodies hold
/// nothing the content script drops), inside the page's own `<html …>` start tag, so the page's
/// `lang` comes along.
pub fn fixture(name: &str) -> String {
    let page = fixture_page(name);
    let (from, to) = body_range(&page);
    with_html_tag(&page, &snapshot(&page[from..to]))
}

/// A fixture page's file, as it is.
pub fn fixture_page(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Where the content of a page's `<body>` (which may carry attributes) starts and ends.
pub fn body_range(page: &str) -> (usize, usize) {
    let open = page
        .match_indices("<body")
        .map(|(at, _)| at)
        .find(|&at| matches!(page.as_bytes().get(at + 5), Some(b'>' | b' ' | b'\n')))
        .expect("a <body>");
    let from = open + page[open..].find('>').expect("the end of <body>") + 1;
    let to = page.rfind("</body>").expect("a </body>");
    (from, to)
}

/// The numbered body of a page (its `<body …>` may carry attributes).
pub fn body_of(page: &str) -> String {
    let (from, to) = body_range(page);
    snapshot(&page[from..to])
}

/// `snapshot` inside the page's own `<html …>` start tag, as the content script sends it.
pub fn with_html_tag(page: &str, snapshot: &str) -> String {
    let tag = page
        .find("<html")
        .and_then(|at| page[at..].find('>').map(|end| &page[at..=at + end]))
        .unwrap_or("<html>");
    format!("{tag}{snapshot}</html>")
}

/// The era-c2 fixture's body with `cards` copies of its template card in the list, each with
/// its own profile slug.
pub fn many_cards(cards: usize) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/era-c2.html");
    let page = std::fs::read_to_string(path).expect("the era-c2 fixture");
    let from = page.find("<body>").expect("a <body>") + "<body>".len();
    let body = &page[from..page.rfind("</body>").expect("a </body>")];
    let start = body.find("<div role=\"listitem\"").expect("a card");
    let end = start
        + 1
        + body[start + 1..]
            .find("<div role=\"listitem\"")
            .expect("two cards");
    let card = &body[start..end];
    // The list closes just before its "Show more" button.
    let show_more = body
        .find("data-fixture-show-more")
        .expect("a Show more button");
    let list_end = body[..show_more].rfind("</div>").expect("the list's end");
    let copies: String = (0..cards)
        .map(|i| card.replace("jose-nunez-rs", &format!("member-{i}")))
        .collect();
    snapshot(&format!("{}{copies}{}", &body[..start], &body[list_end..]))
}
