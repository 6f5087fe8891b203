//! Reads invitation cards from a parsed copy of the page (the content script's snapshot).
//!
//! Reading is by meaning: find LinkedIn's Accept controls by label, climb to the smallest
//! ancestor that holds exactly one invitation (one Accept, an Ignore, a profile or target link),
//! and collect its text lines, links and pictures. Class names are only hints.
//! Elements are named by their `data-ti` snapshot index, which the content script maps back
//! to live elements.

use rustc_hash::{FxHashMap, FxHashSet};

use wasm_bindgen::JsCast;
use web_sys::{Document, DomParser, Element, Node, SupportedType};

use crate::core::assemble::{self, Hint, Line, RawCard};
use crate::core::lang;
use crate::core::parse;
use crate::core::plan::{PageRead, Placement, ReadCard};

/// The attribute carrying each element's snapshot index.
pub const INDEX_ATTR: &str = "data-ti";
/// Marks a card painted on an earlier pass, sent as an empty stub.
const KNOWN_CARD: &str = "[data-triage-known]";
/// Marks our own injected UI, which reading skips.
const OWN_UI: &str = "[data-triage-ui]";
const CONTROLS: &str = "button, a, [role=button]";
/// Text under these is not card text.
const SKIP_TEXT_IN: &str = "button, [role=button], script, style, svg, template, noscript, \
     [aria-hidden=true], .visually-hidden, .a11y-text, .sr-only, [data-triage-ui]";
/// Containers a card never extends past.
const LIST_BOUNDARY: &str =
    "body, main, [role=main], section, ul, ol, [role=list], header, nav, aside, footer";
/// Elements that end a card when climbing: a list item is a whole card.
const LIST_ITEM: &str = "li, [role=listitem]";

/// Parses snapshot HTML into a detached document (scripts never run there).
pub fn parse_snapshot(html: &str) -> Option<Document> {
    DomParser::new()
        .ok()?
        .parse_from_string(html, SupportedType::TextHtml)
        .ok()
}

/// Reads every invitation card in the document.
pub fn read_document(doc: &Document) -> PageRead {
    let controls = classify_controls(doc);
    let counts = ancestor_counts(doc, &controls);
    let mut cards = Vec::new();
    let mut placed_roots: Vec<Element> = Vec::new();
    let mut placed: FxHashSet<u32> = FxHashSet::default();
    let mut unplaced = Vec::new();
    for accept in &controls.accepts {
        match card_root(accept, &counts) {
            Some(root) if index_of(&root).is_some_and(|i| placed.insert(i)) => {
                if let Some(rc) = read_card(&root, &controls) {
                    placed_roots.push(root);
                    cards.push(rc);
                } else {
                    unplaced.push(accept.clone());
                }
            }
            Some(_) => {}
            None => unplaced.push(accept.clone()),
        }
    }
    // Cards painted on an earlier pass come as empty stubs: they count, and they are cards when
    // telling a bulk control or the member's own block apart.
    let known = query_all(doc, KNOWN_CARD);
    let known_count = known.len() as u32;
    placed_roots.extend(known);
    // An unplaced Accept above several read cards is a bulk control ("Accept all"), not a card.
    let unreadable = unplaced
        .iter()
        .filter(|a| !is_bulk_control(a, &placed_roots))
        .count() as u32;
    PageRead {
        cards,
        unreadable,
        own_headline: own_headline(doc, &placed_roots),
        known: known_count,
    }
}

/// LinkedIn's controls that say what a card is, by snapshot index where a card needs its own.
struct Controls {
    accepts: Vec<Element>,
    ignores: Vec<Element>,
    identity_links: Vec<Element>,
    roles: FxHashMap<u32, Role>,
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Accept,
    Ignore,
    Reply,
}

fn control_label(el: &Element) -> String {
    el.get_attribute("aria-label")
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| text_of(el))
}

fn classify_controls(doc: &Document) -> Controls {
    let mut c = Controls {
        accepts: vec![],
        ignores: vec![],
        identity_links: vec![],
        roles: FxHashMap::default(),
    };
    let mut role = |el: &Element, role: Role| {
        if let Some(i) = index_of(el) {
            c.roles.insert(i, role);
        }
    };
    for el in query_all(doc, CONTROLS) {
        if el.closest(OWN_UI).ok().flatten().is_some() {
            continue;
        }
        let label = control_label(&el);
        let href = el.get_attribute("href").unwrap_or_default();
        if lang::is_accept_label(&label) {
            role(&el, Role::Accept);
            c.accepts.push(el);
        } else if lang::is_ignore_label(&label) {
            role(&el, Role::Ignore);
            c.ignores.push(el);
        } else if lang::is_reply_label(&label) || parse::invitation_urn(&href).is_some() {
            role(&el, Role::Reply);
        } else if parse::slug(&href).is_some() || parse::kind_from_url(&href).is_some() {
            c.identity_links.push(el);
        }
    }
    c
}

#[derive(Default, Clone, Copy)]
struct Counts {
    accepts: u32,
    ignores: u32,
    links: u32,
}

/// For every ancestor of a control, how many accepts, ignores and identity links it holds.
fn ancestor_counts(doc: &Document, c: &Controls) -> FxHashMap<u32, Counts> {
    let _ = doc;
    let mut map: FxHashMap<u32, Counts> = FxHashMap::default();
    let mut bump = |els: &[Element], f: fn(&mut Counts)| {
        for el in els {
            let mut node = el.parent_element();
            while let Some(a) = node {
                if let Some(i) = index_of(&a) {
                    f(map.entry(i).or_default());
                }
                node = a.parent_element();
            }
        }
    };
    bump(&c.accepts, |n| n.accepts += 1);
    bump(&c.ignores, |n| n.ignores += 1);
    bump(&c.identity_links, |n| n.links += 1);
    map
}

/// The card root for one Accept control: the largest ancestor with exactly this one Accept,
/// an Ignore and an identity link, not past a list boundary, stopping at a list item.
fn card_root(accept: &Element, counts: &FxHashMap<u32, Counts>) -> Option<Element> {
    let mut candidate = None;
    let mut node = accept.parent_element();
    while let Some(a) = node {
        if matches(&a, LIST_BOUNDARY) {
            break;
        }
        let n = index_of(&a)
            .and_then(|i| counts.get(&i).copied())
            .unwrap_or_default();
        if n.accepts > 1 {
            break;
        }
        if n.ignores >= 1 && n.links >= 1 {
            candidate = Some(a.clone());
        }
        if candidate.is_some() && matches(&a, LIST_ITEM) {
            break;
        }
        node = a.parent_element();
    }
    candidate
}

fn is_bulk_control(accept: &Element, roots: &[Element]) -> bool {
    let mut node = accept.parent_element();
    while let Some(a) = node {
        let node_ref: &Node = a.as_ref();
        if roots
            .iter()
            .filter(|r| node_ref.contains(Some(r.as_ref())))
            .count()
            >= 2
        {
            return true;
        }
        node = a.parent_element();
    }
    false
}

/// The card's first Accept, Ignore and Reply controls, found among its own descendants (so the
/// cost is the card's size, not the page's).
fn own_controls(root: &Element, c: &Controls) -> [Option<Element>; 3] {
    let mut found: [Option<Element>; 3] = [None, None, None];
    for el in query_all(root, CONTROLS) {
        let slot = match index_of(&el).and_then(|i| c.roles.get(&i)) {
            Some(Role::Accept) => 0,
            Some(Role::Ignore) => 1,
            Some(Role::Reply) => 2,
            None => continue,
        };
        found[slot].get_or_insert(el);
    }
    found
}

fn read_card(root: &Element, c: &Controls) -> Option<ReadCard> {
    let [accept, ignore, reply] = own_controls(root, c);
    let (accept, ignore, reply) = (accept.as_ref(), ignore.as_ref(), reply.as_ref());
    let raw = RawCard {
        lines: text_lines(root),
        links: query_all(root, "a[href]")
            .iter()
            .filter_map(|a| a.get_attribute("href"))
            .collect(),
        image_alts: query_all(root, "img[alt]")
            .iter()
            .filter_map(|i| i.get_attribute("alt"))
            .collect(),
        ghost_photo: root
            .query_selector("[class*=ghost]")
            .ok()
            .flatten()
            .is_some(),
        photo: query_all(root, "img")
            .iter()
            .any(|i| i.get_attribute("src").is_some_and(|s| !s.is_empty())),
        accept_label: accept.map(control_label).unwrap_or_default(),
        ignore_label: ignore.map(control_label).unwrap_or_default(),
        id_hints: id_hints(root),
    };
    let card = assemble::card(&raw)?;
    Some(ReadCard {
        at: Placement {
            root: index_of(root)?,
            accept: accept.and_then(index_of),
            ignore: ignore.and_then(index_of),
            reply: reply.and_then(index_of),
        },
        card,
    })
}

/// Attributes that carry LinkedIn's own ids for a card, and selectors for them.
const ID_HINT_ATTRS: [&str; 4] = [
    "componentkey",
    "data-invitation-id",
    "data-urn",
    "data-entity-urn",
];
const ID_HINT_SELECTORS: [&str; 4] = [
    "[componentkey]",
    "[data-invitation-id]",
    "[data-urn]",
    "[data-entity-urn]",
];

fn id_hints(root: &Element) -> Vec<String> {
    let mut hints = Vec::new();
    for (i, attr) in ID_HINT_ATTRS.iter().enumerate() {
        if let Some(v) = root.get_attribute(attr) {
            hints.push(v);
        }
        for el in query_all(root, ID_HINT_SELECTORS[i]) {
            hints.extend(el.get_attribute(attr));
        }
    }
    hints
}

/// Inline tags whose text belongs to the line of their parent.
fn is_inline_formatting(tag: &str) -> bool {
    matches!(
        tag,
        "STRONG"
            | "B"
            | "EM"
            | "I"
            | "TIME"
            | "ABBR"
            | "BDI"
            | "BDO"
            | "SMALL"
            | "MARK"
            | "SUP"
            | "SUB"
    )
}

/// The card's text lines in page order: one per element that directly holds text, with inline
/// formatting merged into its parent; text inside controls and hidden helpers skipped.
fn text_lines(root: &Element) -> Vec<Line> {
    let mut owners: Vec<Element> = Vec::new();
    let mut seen: FxHashSet<u32> = FxHashSet::default();
    let Some(doc) = root.owner_document() else {
        return vec![];
    };
    // SHOW_TEXT = 4
    let Ok(walker) = doc.create_tree_walker_with_what_to_show(root, 4) else {
        return vec![];
    };
    while let Ok(Some(node)) = walker.next_node() {
        if node.text_content().is_none_or(|t| t.trim().is_empty()) {
            continue;
        }
        let Some(mut owner) = node.parent_element() else {
            continue;
        };
        for _ in 0..2 {
            if !is_inline_formatting(&owner.tag_name()) || &owner == root {
                break;
            }
            match owner.parent_element() {
                Some(p) => owner = p,
                None => break,
            }
        }
        if owner.closest(SKIP_TEXT_IN).ok().flatten().is_some() {
            continue;
        }
        if index_of(&owner).is_none_or(|i| seen.insert(i)) {
            owners.push(owner);
        }
    }
    owners
        .iter()
        .map(|el| Line {
            text: text_of(el),
            hint: hint_of(el),
            link: el
                .closest("a[href]")
                .ok()
                .flatten()
                .and_then(|a| a.get_attribute("href")),
        })
        .collect()
}

fn hint_of(el: &Element) -> Hint {
    let class = el.get_attribute("class").unwrap_or_default().to_lowercase();
    let in_class = |el: &Element, words: &[&str]| {
        let c = el.get_attribute("class").unwrap_or_default().to_lowercase();
        words.iter().any(|w| c.contains(w))
    };
    let headline_words = ["occupation", "subtitle", "headline"];
    let note_words = ["custom-message", "invitation-message"];
    if headline_words.iter().any(|w| class.contains(w)) {
        return Hint::Headline;
    }
    if note_words.iter().any(|w| class.contains(w))
        || el
            .closest("[class*=custom-message]")
            .ok()
            .flatten()
            .is_some()
    {
        return Hint::Note;
    }
    // A paragraph followed by a "see more" expander is a note in the current layout.
    if let Some(next) = el.next_element_sibling() {
        let label = control_label(&next);
        if next.get_attribute("data-testid").as_deref() == Some("expandable-text-button")
            || lang::is_see_more(&label)
        {
            return Hint::Note;
        }
    }
    if el
        .parent_element()
        .is_some_and(|p| in_class(&p, &headline_words))
    {
        return Hint::Headline;
    }
    Hint::None
}

/// The signed-in member's own headline: the text after the member's name, where a profile link
/// that also appears in the global navigation stands outside every card.
fn own_headline(doc: &Document, roots: &[Element]) -> Option<String> {
    let own_slug = query_all(doc, "header a[href], nav a[href]")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .find_map(|h| parse::slug(&h))?;
    for link in query_all(doc, "a[href]") {
        let href = link.get_attribute("href").unwrap_or_default();
        if parse::slug(&href).as_deref() != Some(own_slug.as_str())
            || link.closest("header, nav").ok().flatten().is_some()
            || roots.iter().any(|r| {
                let r: &Node = r.as_ref();
                r.contains(Some(link.as_ref()))
            })
        {
            continue;
        }
        let name = text_of(&link);
        let mut container = link.parent_element();
        for _ in 0..3 {
            let Some(c) = container else { break };
            let holds_a_card = roots.iter().any(|r| {
                let c: &Node = c.as_ref();
                c.contains(Some(r.as_ref()))
            });
            if holds_a_card {
                break; // the member's own block never holds invitations
            }
            let lines = text_lines(&c);
            if let Some(pos) = lines
                .iter()
                .position(|l| !name.is_empty() && l.text == name)
            {
                if let Some(next) = lines.get(pos + 1) {
                    return Some(next.text.clone());
                }
            }
            container = c.parent_element();
        }
    }
    None
}

fn matches(el: &Element, selector: &str) -> bool {
    el.matches(selector).unwrap_or(false)
}

fn index_of(el: &Element) -> Option<u32> {
    el.get_attribute(INDEX_ATTR)?.parse().ok()
}

fn text_of(el: &Element) -> String {
    let text = el.text_content().unwrap_or_default();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Elements matching `selector` under `root` (a document or an element).
fn query_all(root: &impl AsRef<Node>, selector: &str) -> Vec<Element> {
    let node: &Node = root.as_ref();
    let list = if let Some(doc) = node.dyn_ref::<Document>() {
        doc.query_selector_all(selector)
    } else if let Some(el) = node.dyn_ref::<Element>() {
        el.query_selector_all(selector)
    } else {
        return vec![];
    };
    let Ok(list) = list else { return vec![] };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}
