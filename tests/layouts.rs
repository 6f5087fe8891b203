//! The layout fixtures (`tests/fixtures/layout-*.html`) read against their ground truth.
//!
//! Each page carries the truth on its elements (see `tests/fixtures/README.md`, "Layouts"): every
//! invitation the reader must read has `data-fixture-card` on its root with the expected fields,
//! every invitation it cannot read has `data-fixture-unreadable-card`, and `<body>` says how many
//! invitations are unreadable and which `data-triage-status` the page must get. A small scanner
//! below reads those attributes from the snapshot; the reader itself never sees them as anything
//! but attributes. Each page's test lists every difference (page, card, field, expected, got)
//! before failing, so one run shows all that is wrong.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fmt::Write as _;

use invite_triage::core::invitation::{Invitation, Kind};
use invite_triage::core::parse;
use invite_triage::core::plan::{self, Memory, PageRead, ReadCard, Status};
use invite_triage::core::read;
use invite_triage::core::score::Scorer;
use invite_triage::core::settings::Settings;

/// Every layout page, in the order of the README.
const PAGES: [&str; 7] = [
    "layout-plain-div.html",
    "layout-current.html",
    "layout-listitem.html",
    "layout-lone-card.html",
    "layout-mixed.html",
    "layout-older.html",
    "layout-unsupported.html",
];

// ------------------------------------------------------------------ the page as the engine gets it

/// Elements the content script drops from its copy after numbering it (`SNAPSHOT_DROP` in
/// `extension/content.js`): the engine never sees them, so neither does the reader here. The
/// layout pages hold inline `svg` pictures, as today's LinkedIn does.
const DROPPED: [&str; 9] = [
    "script", "style", "link", "meta", "noscript", "template", "iframe", "svg", "video",
];

/// A fixture page's body, numbered as the content script numbers it (`common::snapshot`).
/// Like `common::fixture`, but the layout pages' `<body>` carries attributes (the page's truth),
/// which `common::fixture` does not expect.
fn numbered_body(page: &str) -> String {
    common::with_html_tag(page, &common::body_of(page))
}

/// The numbered body as the content script sends it: with the dropped elements taken out after
/// numbering, so indices stay those of the live page.
fn as_sent(numbered: &str) -> String {
    let mut out = String::with_capacity(numbered.len());
    let mut rest = numbered;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(tag) = DROPPED.iter().find(|t| opens(rest, t)) else {
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        if matches!(*tag, "link" | "meta") {
            rest = rest.find('>').map_or("", |e| &rest[e + 1..]);
            continue;
        }
        // Skip to the matching end tag, counting nested elements of the same name.
        let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
        let mut depth = 0usize;
        let mut i = 0;
        loop {
            let next_open = rest[i..].find(&open).map(|p| p + i);
            let next_close = rest[i..].find(&close).map(|p| p + i);
            match (next_open, next_close) {
                (Some(o), Some(c)) if o < c => {
                    depth += usize::from(opens(&rest[o..], tag));
                    i = o + open.len();
                }
                (_, Some(c)) => {
                    depth = depth.saturating_sub(1);
                    i = c + close.len();
                    if depth == 0 {
                        break;
                    }
                }
                (_, None) => {
                    i = rest.len();
                    break;
                }
            }
        }
        rest = &rest[i..];
    }
    out.push_str(rest);
    out
}

/// Whether `s` starts with the start tag `<tag` (followed by a space, `/` or `>`).
fn opens(s: &str, tag: &str) -> bool {
    s.len() > tag.len() + 1
        && s[1..].starts_with(tag)
        && matches!(
            s.as_bytes()[tag.len() + 1],
            b' ' | b'>' | b'/' | b'\n' | b'\t'
        )
}

// ------------------------------------------------------------------ a test-only scanner

/// One element of a snapshot, as the scanner saw it.
#[derive(Clone, Debug)]
struct El {
    /// `data-ti`.
    index: Option<u32>,
    tag: String,
    attrs: Vec<(String, String)>,
    /// The position (in [`Scan::els`]) of the parent element, if any.
    parent: Option<usize>,
    /// The largest `data-ti` inside this element (itself included).
    last: u32,
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    fn has(&self, name: &str) -> bool {
        self.attr(name).is_some()
    }
    fn describe(&self) -> String {
        format!(
            "<{} data-ti={}>",
            self.tag,
            self.index.map_or(-1, i64::from)
        )
    }
}

/// The elements of a snapshot in document order, and what was malformed in it.
struct Scan {
    els: Vec<El>,
    /// End tags that closed nothing or closed past an open element: the fixture is not the
    /// tree it looks like (the browser would build another one).
    malformed: Vec<String>,
}

const VOID: [&str; 13] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

fn scan(html: &str) -> Scan {
    let mut els: Vec<El> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut malformed = Vec::new();
    let mut max_index = 0u32;
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(p) = html[i..].find('<').map(|p| p + i) {
        i = p + 1;
        if html[p..].starts_with("<!--") {
            i = html[p..].find("-->").map_or(html.len(), |e| p + e + 3);
            continue;
        }
        if html[p..].starts_with("</") {
            let end = html[p..].find('>').map_or(html.len(), |e| p + e);
            let name = html[p + 2..end].trim().to_ascii_lowercase();
            i = (end + 1).min(html.len());
            match open.iter().rposition(|&e| els[e].tag == name) {
                Some(at) => {
                    if at + 1 != open.len() {
                        let unclosed: Vec<_> =
                            open[at + 1..].iter().map(|&e| els[e].describe()).collect();
                        malformed.push(format!("</{name}> closes {unclosed:?} too"));
                    }
                    for e in open.drain(at..) {
                        els[e].last = max_index;
                    }
                }
                None => malformed.push(format!("</{name}> closes nothing")),
            }
            continue;
        }
        if !b.get(p + 1).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        // A start tag: its name, then attributes until '>' (quoted values may hold '>').
        let mut j = p + 1;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        let tag = html[p + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() {
                break;
            }
            if b[j] == b'>' {
                j += 1;
                break;
            }
            if b[j] == b'/' {
                self_closing = true;
                j += 1;
                continue;
            }
            let start = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            let name = html[start..j].to_ascii_lowercase();
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let end = html[j + 1..]
                        .find(q as char)
                        .map_or(html.len(), |e| j + 1 + e);
                    value = common::truth::decode_attr(&html[j + 1..end]);
                    j = (end + 1).min(html.len());
                } else {
                    let start = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = common::truth::decode_attr(&html[start..j]);
                }
            }
            self_closing = false;
            attrs.push((name, value));
        }
        i = j;
        let index = attrs
            .iter()
            .find(|(n, _)| n == "data-ti")
            .and_then(|(_, v)| v.parse().ok());
        if let Some(n) = index {
            max_index = max_index.max(n);
        }
        els.push(El {
            index,
            tag: tag.clone(),
            attrs,
            parent: open.last().copied(),
            last: index.unwrap_or(max_index),
        });
        if !VOID.contains(&tag.as_str()) && !self_closing {
            open.push(els.len() - 1);
        }
    }
    for e in open {
        if !matches!(els[e].tag.as_str(), "body" | "html") {
            malformed.push(format!("{} is never closed", els[e].describe()));
        }
        els[e].last = max_index;
    }
    Scan { els, malformed }
}

impl Scan {
    fn by_index(&self, index: u32) -> Option<&El> {
        self.els.iter().find(|e| e.index == Some(index))
    }
    /// Whether the element numbered `inner` is the element `outer` or inside it.
    fn contains(&self, outer: &El, inner: u32) -> bool {
        outer
            .index
            .is_some_and(|o| o <= inner && inner <= outer.last)
    }
    /// The element itself and its ancestors, nearest first.
    fn lineage<'s>(&'s self, el: &'s El) -> impl Iterator<Item = &'s El> + 's {
        std::iter::successors(Some(el), |e| e.parent.map(|p| &self.els[p]))
    }
    /// The nearest element (itself or an ancestor) that hides it from the user.
    fn hidden_by(&self, index: u32) -> Option<&El> {
        let el = self.by_index(index)?;
        self.lineage(el)
            .find(|e| e.has("hidden") || e.attr("aria-hidden") == Some("true"))
    }
}

// ------------------------------------------------------------------ the truth on the page

/// One invitation as a careful person reads it, from the attributes on its root.
#[derive(Debug)]
struct Truth {
    root: El,
    unreadable: bool,
    name: String,
    id: Option<String>,
    kind: Option<String>,
    headline: Option<String>,
    note: Option<String>,
    mutual: Option<u32>,
    mutual_names: Option<Vec<String>>,
    days: Option<u32>,
    photo: Option<bool>,
    target: Option<String>,
    inviter: Option<String>,
}

impl Truth {
    fn from(el: &El) -> Truth {
        let get = |n: &str| el.attr(&format!("data-fixture-{n}")).map(str::to_owned);
        let num = |n: &str| {
            get(n).map(|v| {
                v.parse::<u32>()
                    .unwrap_or_else(|_| panic!("data-fixture-{n}={v:?} is not a number"))
            })
        };
        Truth {
            root: el.clone(),
            unreadable: el.has("data-fixture-unreadable-card"),
            name: get("name").unwrap_or_default(),
            id: get("id"),
            kind: get("kind"),
            headline: get("headline"),
            note: get("note"),
            mutual: num("mutual"),
            mutual_names: get("mutual-names").map(|v| {
                v.split('|')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            }),
            days: num("days"),
            photo: get("photo").map(|v| v == "yes"),
            target: get("target"),
            inviter: get("inviter"),
        }
    }
    fn root_index(&self) -> u32 {
        self.root.index.expect("card roots are numbered")
    }
}

/// A layout page: its snapshot as sent, its elements, its truth and what the reader made of it.
struct Page {
    scan: Scan,
    body: El,
    truths: Vec<Truth>,
    read: PageRead,
}

fn page(name: &'static str) -> Page {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let body_at = raw.find("<body").expect("a <body>");
    let body = scan(&raw[body_at..raw[body_at..].find('>').unwrap() + body_at + 1])
        .els
        .remove(0);
    let sent = as_sent(&numbered_body(&raw));
    let scan = scan(&sent);
    let truths = scan
        .els
        .iter()
        .filter(|e| e.has("data-fixture-card") || e.has("data-fixture-unreadable-card"))
        .map(Truth::from)
        .collect();
    let read = read::read_snapshot(&sent);
    Page {
        scan,
        body,
        truths,
        read,
    }
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "person",
        Kind::Group => "group",
        Kind::Event => "event",
        Kind::Page => "page",
        Kind::Newsletter => "newsletter",
    }
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Ready => "ready",
        Status::NoInvitations => "no-invitations",
        Status::Unrecognized => "unrecognized",
    }
}

/// The page's status as the engine would set it on `<html data-triage-status>`.
fn status_of(read: &PageRead) -> Status {
    let settings = Settings::default();
    plan::plan(read, &Scorer::new(&settings), &settings, &Memory::default()).status
}

// ------------------------------------------------------------------ the comparison

/// Every difference between what the reader made of `name` and the page's truth, one line each:
/// page, card, field, expected, got.
fn differences(name: &'static str) -> Vec<String> {
    let p = page(name);
    let mut out = Vec::new();
    let mut fail = |what: String| out.push(format!("{name}: {what}"));

    let want_unreadable: u32 = p
        .body
        .attr("data-fixture-unreadable")
        .and_then(|v| v.parse().ok())
        .expect("<body data-fixture-unreadable>");
    if p.read.unreadable != want_unreadable {
        fail(format!(
            "page: unreadable: expected {want_unreadable}, got {}",
            p.read.unreadable
        ));
    }
    let want_status = p
        .body
        .attr("data-fixture-status")
        .expect("<body data-fixture-status>");
    let got_status = status_name(status_of(&p.read));
    if got_status != want_status {
        fail(format!(
            "page: status: expected {want_status:?}, got {got_status:?}"
        ));
    }

    let mut matched = vec![false; p.read.cards.len()];
    let mut card_no = 0;
    for truth in &p.truths {
        let label = if truth.unreadable {
            format!("unreadable card {:?} {}", truth.name, truth.root.describe())
        } else {
            card_no += 1;
            format!("card {card_no} {:?} {}", truth.name, truth.root.describe())
        };
        let root = truth.root_index();
        // Read cards rooted at this card, inside it, or around it.
        let exact = p.read.cards.iter().position(|rc| rc.at.root == root);
        let near: Vec<usize> = (0..p.read.cards.len())
            .filter(|&i| Some(i) != exact)
            .filter(|&i| {
                let r = p.read.cards[i].at.root;
                p.scan.contains(&truth.root, r)
                    || p.scan
                        .by_index(r)
                        .is_some_and(|el| p.scan.contains(el, root))
            })
            .collect();
        for &i in exact.iter().chain(&near) {
            matched[i] = true;
        }
        if truth.unreadable {
            for &i in exact.iter().chain(&near) {
                fail(format!(
                    "{label}: read as a card: expected nothing, got {}",
                    summary(&p, &p.read.cards[i])
                ));
            }
            continue;
        }
        let chosen = match (exact, near.first()) {
            (Some(i), _) => i,
            (None, Some(&i)) => {
                let got = p.read.cards[i].at.root;
                let place = if p.scan.contains(&truth.root, got) {
                    "inside the card"
                } else {
                    "around the card"
                };
                let el = p.scan.by_index(got).map(El::describe).unwrap_or_default();
                fail(format!(
                    "{label}: root: expected {}, got {el} ({place})",
                    truth.root.describe()
                ));
                i
            }
            (None, None) => {
                fail(format!("{label}: not read: expected a card, got none"));
                continue;
            }
        };
        for &i in &near {
            if i != chosen {
                fail(format!(
                    "{label}: another card read in or around it: expected none, got {}",
                    summary(&p, &p.read.cards[i])
                ));
            }
        }
        compare(&p, truth, &p.read.cards[chosen], &label, &mut fail);
    }
    for (i, rc) in p.read.cards.iter().enumerate() {
        if !matched[i] {
            fail(format!(
                "unexpected card: expected none, got {}",
                summary(&p, rc)
            ));
        }
    }
    out
}

fn summary(p: &Page, rc: &ReadCard) -> String {
    let inv = parse::invitation(&rc.card);
    let el = p
        .scan
        .by_index(rc.at.root)
        .map(El::describe)
        .unwrap_or_else(|| format!("data-ti={}", rc.at.root));
    format!("{el} name {:?} id {:?}", inv.name, inv.key)
}

/// Compares one read card with its truth, field by field.
fn compare(p: &Page, t: &Truth, rc: &ReadCard, label: &str, fail: &mut impl FnMut(String)) {
    let inv: Invitation = parse::invitation(&rc.card);
    let mut field = |name: &str, expected: String, got: String| {
        if expected != got {
            fail(format!("{label}: {name}: expected {expected}, got {got}"));
        }
    };
    let person = t.kind.as_deref().unwrap_or("person") == "person";
    // The name the page shows for the invitation: the inviter's, or the target's.
    let shown = if person {
        inv.name.clone()
    } else {
        inv.target.clone().unwrap_or_default()
    };
    field("name", format!("{:?}", t.name), format!("{shown:?}"));
    if let Some(id) = &t.id {
        field("id", format!("{id:?}"), format!("{:?}", inv.key));
    }
    if let Some(kind) = &t.kind {
        field(
            "kind",
            format!("{kind:?}"),
            format!("{:?}", kind_name(inv.kind)),
        );
    }
    if let Some(headline) = &t.headline {
        field(
            "headline",
            format!("{headline:?}"),
            format!("{:?}", inv.headline),
        );
    }
    field("note", format!("{:?}", t.note), format!("{:?}", inv.note));
    if let Some(mutual) = t.mutual {
        field("mutual", mutual.to_string(), inv.mutual_count.to_string());
    }
    if let Some(names) = &t.mutual_names {
        field(
            "mutual-names",
            format!("{names:?}"),
            format!("{:?}", inv.mutual_names),
        );
    }
    field(
        "days",
        format!("{:?}", t.days),
        format!("{:?}", inv.days_waiting),
    );
    if let Some(photo) = t.photo {
        field("photo", photo.to_string(), inv.has_photo.to_string());
    }
    if !person {
        field(
            "target",
            format!("{:?}", t.target),
            format!("{:?}", inv.target),
        );
        field(
            "inviter",
            format!("{:?}", t.inviter),
            format!("{:?}", Some(&inv.name).filter(|n| !n.is_empty())),
        );
    }
    // The controls our buttons click: the card's own, and ones the user can see.
    for (what, control) in [
        ("accept control", rc.at.accept),
        ("ignore control", rc.at.ignore),
    ] {
        let expected = "a visible control inside the card".to_string();
        let got = match control {
            None => "none".to_string(),
            Some(i) => {
                let el = p.scan.by_index(i).map(El::describe).unwrap_or_default();
                if !p.scan.contains(&t.root, i) {
                    format!("{el} outside the card")
                } else if let Some(h) = p.scan.hidden_by(i) {
                    format!("{el} hidden by {}", h.describe())
                } else {
                    expected.clone()
                }
            }
        };
        field(what, expected, got);
    }
}

fn assert_page(name: &'static str) {
    let diffs = differences(name);
    let mut report = String::new();
    for d in &diffs {
        let _ = writeln!(report, "  {d}");
    }
    assert!(
        diffs.is_empty(),
        "{name}: {} difference(s) from the page's truth:\n{report}",
        diffs.len()
    );
}

// ------------------------------------------------------------------ the pages

#[test]
fn plain_div_cards_of_2025() {
    assert_page("layout-plain-div.html");
}

#[test]
fn the_2026_09_survey_shape() {
    assert_page("layout-current.html");
}

#[test]
fn list_items_with_hidden_duplicate_controls_and_a_cookie_banner() {
    assert_page("layout-listitem.html");
}

#[test]
fn a_lone_card_beside_people_you_may_know() {
    assert_page("layout-lone-card.html");
}

#[test]
fn readable_cards_among_unreadable_invitations() {
    assert_page("layout-mixed.html");
}

#[test]
fn the_artdeco_era_with_its_traps() {
    assert_page("layout-older.html");
}

#[test]
fn an_interface_language_we_do_not_read() {
    assert_page("layout-unsupported.html");
}

// ------------------------------------------------------------------ the fixtures themselves

/// The pages follow the truth convention, so a failure above is the reader's, not the page's.
#[test]
fn layout_pages_follow_the_truth_convention() {
    let mut problems = Vec::new();
    for name in PAGES {
        let p = page(name);
        let mut bad = |what: String| problems.push(format!("{name}: {what}"));
        for m in &p.scan.malformed {
            bad(format!("malformed: {m}"));
        }
        let raw = std::fs::read_to_string(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let all = scan(&raw);
        for el in &all.els {
            for (attr, _) in &el.attrs {
                if attr == "style" || attr.starts_with("on") {
                    bad(format!("{} has a {attr} attribute", el.describe()));
                }
            }
            if el.tag == "script"
                && el.attr("src") != Some("https://static.licdn.com/fixture/linkedin.js")
            {
                bad("a script other than linkedin.js".into());
            }
            if el.tag == "img" && !el.attr("src").unwrap_or("").starts_with("data:") {
                bad(format!("an image that is not data: {:?}", el.attr("src")));
            }
        }
        if !raw.contains(r#"href="/in/me-demo/""#) {
            bad("no link to the member's own profile".into());
        }
        let status = p.body.attr("data-fixture-status").unwrap_or("");
        if !["ready", "no-invitations", "unrecognized"].contains(&status) {
            bad(format!("<body data-fixture-status={status:?}>"));
        }
        let unreadable: Option<usize> = p
            .body
            .attr("data-fixture-unreadable")
            .and_then(|v| v.parse().ok());
        let unreadable_cards = p.truths.iter().filter(|t| t.unreadable).count();
        if unreadable != Some(unreadable_cards) {
            bad(format!(
                "data-fixture-unreadable={unreadable:?} but {unreadable_cards} unreadable cards"
            ));
        }
        let lists = p.scan.els.iter().filter(|e| e.has("data-fixture-list"));
        if lists.count() != 1 {
            bad("not exactly one data-fixture-list".into());
        }
        let templates: Vec<_> = p
            .scan
            .els
            .iter()
            .filter(|e| e.has("data-fixture-template"))
            .collect();
        if templates.len() > 1 || templates.iter().any(|e| !e.has("data-fixture-card")) {
            bad("a template that is not one readable card".into());
        }
        for t in &p.truths {
            let who = format!("card {:?}", t.name);
            if p.truths.iter().any(|o| {
                o.root_index() != t.root_index() && p.scan.contains(&o.root, t.root_index())
            }) {
                bad(format!("{who} lies inside another card"));
            }
            let kind = t.kind.as_deref().unwrap_or("");
            if !["person", "group", "event", "page", "newsletter"].contains(&kind) {
                bad(format!("{who}: data-fixture-kind={kind:?}"));
            }
            if kind != "person" && (t.target.is_none() || t.inviter.is_none()) {
                bad(format!("{who}: a non-person card needs target and inviter"));
            }
            if t.unreadable {
                continue;
            }
            let photo = t.root.attr("data-fixture-photo");
            if !matches!(photo, Some("yes" | "no")) {
                bad(format!("{who}: data-fixture-photo={photo:?}"));
            }
            if t.id.is_none() || t.headline.is_none() || t.mutual.is_none() {
                bad(format!("{who}: id, headline and mutual are required"));
            }
            let names = t.mutual_names.as_ref().map_or(usize::MAX, Vec::len) as u64;
            if names > u64::from(t.mutual.unwrap_or(0)) {
                bad(format!("{who}: more mutual names than mutual connections"));
            }
            if t.note.as_deref().is_some_and(|n| {
                n.is_empty() || n.split_whitespace().collect::<Vec<_>>().join(" ") != n
            }) {
                bad(format!(
                    "{who}: a note must be whitespace-folded and not empty"
                ));
            }
        }
        for el in p.scan.els.iter().filter(|e| e.has("data-fixture-slot")) {
            let slot = el.attr("data-fixture-slot").unwrap_or("");
            if !["headline", "insight", "age", "note"].contains(&slot) {
                bad(format!("{} data-fixture-slot={slot:?}", el.describe()));
            }
            let in_card = p
                .truths
                .iter()
                .any(|t| p.scan.contains(&t.root, el.index.unwrap_or(0)));
            if !in_card {
                bad(format!("{} is a slot outside every card", el.describe()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scanner_and_the_sent_snapshot_behave() {
    let s = scan(
        r#"<div data-ti="0" a="x &amp; y&#x2019;"><p data-ti="1">t<br data-ti="2"></p><img data-ti="3"></div><i data-ti="4"></i>"#,
    );
    assert!(s.malformed.is_empty(), "{:?}", s.malformed);
    assert_eq!(s.els[0].attr("a"), Some("x & y\u{2019}"));
    assert_eq!(s.els[0].last, 3);
    assert_eq!(s.els[1].last, 2);
    assert!(s.contains(&s.els[0], 3) && !s.contains(&s.els[0], 4));
    assert!(!scan("<div><p></div>").malformed.is_empty());
    assert_eq!(
        as_sent(
            r#"<a data-ti="0"><svg data-ti="1"><svg data-ti="2"></svg><path data-ti="3"/></svg>x</a>"#
        ),
        r#"<a data-ti="0">x</a>"#
    );
}
