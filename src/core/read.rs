//! Reads invitation cards from the content script's snapshot, parsed by [`crate::core::html`].
//!
//! Reading is by meaning: find LinkedIn's Accept controls by label, climb to the smallest
//! ancestor that holds exactly one invitation (one Accept, an Ignore, a profile or target link),
//! and collect its text lines, links and pictures. Class names are only hints.
//! Elements are named by their `data-ti` snapshot index, which the content script maps back
//! to live elements.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::core::assemble::{self, Hint, Line, RawCard};
use crate::core::html::{Attr, Document, NodeId};
use crate::core::lang;
use crate::core::parse;
use crate::core::plan::{PageRead, Placement, ReadCard};

/// The attribute carrying each element's snapshot index.
pub const INDEX_ATTR: &str = "data-ti";

// The selectors reading uses, as predicates on one element.

/// `[data-triage-ui]`: our own injected UI, which reading skips.
fn is_own_ui(doc: &Document, el: NodeId) -> bool {
    doc.has_attr(el, Attr::TriageUi)
}

/// `button, a, [role=button]`.
fn is_control(doc: &Document, el: NodeId) -> bool {
    matches!(doc.tag(el), "button" | "a") || doc.attr(el, Attr::Role) == Some("button")
}

/// Text under these is not card text: `button, [role=button], script, style, svg, template,
/// noscript, [aria-hidden=true], .visually-hidden, .a11y-text, .sr-only, [data-triage-ui]`.
fn skips_text(doc: &Document, el: NodeId) -> bool {
    matches!(
        doc.tag(el),
        "button" | "script" | "style" | "svg" | "template" | "noscript"
    ) || doc.attr(el, Attr::Role) == Some("button")
        || doc.attr(el, Attr::AriaHidden) == Some("true")
        || ["visually-hidden", "a11y-text", "sr-only"]
            .iter()
            .any(|c| doc.has_class(el, c))
        || is_own_ui(doc, el)
}

/// Containers a card never extends past: `body, main, [role=main], section, ul, ol,
/// [role=list], header, nav, aside, footer`.
fn is_list_boundary(doc: &Document, el: NodeId) -> bool {
    matches!(
        doc.tag(el),
        "body" | "main" | "section" | "ul" | "ol" | "header" | "nav" | "aside" | "footer"
    ) || matches!(doc.attr(el, Attr::Role), Some("main" | "list"))
}

/// Elements that end a card when climbing, a list item being a whole card: `li,
/// [role=listitem]`.
fn is_list_item(doc: &Document, el: NodeId) -> bool {
    doc.tag(el) == "li" || doc.attr(el, Attr::Role) == Some("listitem")
}

/// `a[href]`.
fn is_link(doc: &Document, el: NodeId) -> bool {
    doc.tag(el) == "a" && doc.has_attr(el, Attr::Href)
}

/// `header, nav`.
fn is_header_or_nav(doc: &Document, el: NodeId) -> bool {
    matches!(doc.tag(el), "header" | "nav")
}

/// Parses a snapshot and reads every invitation card in it.
pub fn read_snapshot(html: &str) -> PageRead {
    read_document(&Document::parse(html))
}

/// Reads every invitation card in a parsed snapshot.
pub fn read_document(doc: &Document) -> PageRead {
    let skipped = doc.within(|el| skips_text(doc, el));
    let controls = classify_controls(doc);
    let counts = ancestor_counts(doc, &controls);
    let mut cards = Vec::new();
    let mut placed_roots: Vec<NodeId> = Vec::new();
    let mut placed: FxHashSet<u32> = FxHashSet::default();
    let mut unplaced = Vec::new();
    for &accept in &controls.accepts {
        match card_root(doc, accept, &counts) {
            Some(root) if doc.index(root).is_some_and(|i| placed.insert(i)) => {
                if let Some(rc) = read_card(doc, root, &controls, &skipped) {
                    placed_roots.push(root);
                    cards.push(rc);
                } else {
                    unplaced.push(accept);
                }
            }
            Some(_) => {}
            None => unplaced.push(accept),
        }
    }
    // Cards painted on an earlier pass come as empty stubs: they count, and they are cards when
    // telling a bulk control or the member's own block apart.
    let known: Vec<NodeId> = doc
        .elements()
        .filter(|&el| doc.has_attr(el, Attr::TriageKnown))
        .collect();
    let known_count = known.len() as u32;
    placed_roots.extend(known);
    // An unplaced Accept above several read cards is a bulk control ("Accept all"), not a card.
    let unreadable = unplaced
        .iter()
        .filter(|&&a| !is_bulk_control(doc, a, &placed_roots))
        .count() as u32;
    PageRead {
        cards,
        unreadable,
        own_headline: own_headline(doc, &placed_roots, &skipped),
        known: known_count,
    }
}

/// LinkedIn's controls that say what a card is, by snapshot index where a card needs its own.
struct Controls {
    accepts: Vec<NodeId>,
    ignores: Vec<NodeId>,
    identity_links: Vec<NodeId>,
    roles: FxHashMap<u32, Role>,
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Accept,
    Ignore,
    Reply,
}

fn control_label(doc: &Document, el: NodeId) -> String {
    doc.attr(el, Attr::AriaLabel)
        .filter(|l| !l.trim().is_empty())
        .map_or_else(|| text_of(doc, el), str::to_owned)
}

fn classify_controls(doc: &Document) -> Controls {
    let mut c = Controls {
        accepts: vec![],
        ignores: vec![],
        identity_links: vec![],
        roles: FxHashMap::default(),
    };
    let mut role = |el: NodeId, role: Role| {
        if let Some(i) = doc.index(el) {
            c.roles.insert(i, role);
        }
    };
    let own_ui = doc.within(|el| is_own_ui(doc, el));
    for el in doc.elements().filter(|&el| is_control(doc, el)) {
        if own_ui[el] {
            continue;
        }
        let label = control_label(doc, el);
        let href = doc.attr(el, Attr::Href).unwrap_or_default();
        if lang::is_accept_label(&label) {
            role(el, Role::Accept);
            c.accepts.push(el);
        } else if lang::is_ignore_label(&label) {
            role(el, Role::Ignore);
            c.ignores.push(el);
        } else if lang::is_reply_label(&label) || parse::invitation_urn(href).is_some() {
            role(el, Role::Reply);
        } else if parse::slug(href).is_some() || parse::kind_from_url(href).is_some() {
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
    let mut map: FxHashMap<u32, Counts> = FxHashMap::default();
    let mut bump = |els: &[NodeId], f: fn(&mut Counts)| {
        for &el in els {
            for a in doc.ancestors(el) {
                if let Some(i) = doc.index(a) {
                    f(map.entry(i).or_default());
                }
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
fn card_root(doc: &Document, accept: NodeId, counts: &FxHashMap<u32, Counts>) -> Option<NodeId> {
    let mut candidate = None;
    for a in doc.ancestors(accept) {
        if is_list_boundary(doc, a) {
            break;
        }
        let n = doc
            .index(a)
            .and_then(|i| counts.get(&i).copied())
            .unwrap_or_default();
        if n.accepts > 1 {
            break;
        }
        if n.ignores >= 1 && n.links >= 1 {
            candidate = Some(a);
        }
        if candidate.is_some() && is_list_item(doc, a) {
            break;
        }
    }
    candidate
}

fn is_bulk_control(doc: &Document, accept: NodeId, roots: &[NodeId]) -> bool {
    doc.ancestors(accept)
        .any(|a| roots.iter().filter(|&&r| doc.contains(a, r)).count() >= 2)
}

/// The card's first Accept, Ignore and Reply controls, found among its own descendants (so the
/// cost is the card's size, not the page's).
fn own_controls(doc: &Document, root: NodeId, c: &Controls) -> [Option<NodeId>; 3] {
    let mut found: [Option<NodeId>; 3] = [None, None, None];
    for el in doc.descendants(root).filter(|&el| is_control(doc, el)) {
        let slot = match doc.index(el).and_then(|i| c.roles.get(&i)) {
            Some(Role::Accept) => 0,
            Some(Role::Ignore) => 1,
            Some(Role::Reply) => 2,
            None => continue,
        };
        found[slot].get_or_insert(el);
    }
    found
}

fn read_card(doc: &Document, root: NodeId, c: &Controls, skipped: &[bool]) -> Option<ReadCard> {
    let [accept, ignore, reply] = own_controls(doc, root, c);
    let attrs_of = |tag: &str, attr: Attr| -> Vec<String> {
        doc.descendants(root)
            .filter(|&el| doc.tag(el) == tag)
            .filter_map(|el| doc.attr(el, attr).map(str::to_owned))
            .collect()
    };
    let raw = RawCard {
        lines: text_lines(doc, root, skipped),
        links: attrs_of("a", Attr::Href),
        image_alts: attrs_of("img", Attr::Alt),
        ghost_photo: doc
            .descendants(root)
            .any(|el| doc.class_contains(el, "ghost")),
        photo: doc.descendants(root).any(|el| {
            doc.tag(el) == "img" && doc.attr(el, Attr::Src).is_some_and(|s| !s.is_empty())
        }),
        accept_label: accept.map(|a| control_label(doc, a)).unwrap_or_default(),
        ignore_label: ignore.map(|i| control_label(doc, i)).unwrap_or_default(),
        id_hints: id_hints(doc, root),
    };
    let card = assemble::card(&raw)?;
    Some(ReadCard {
        at: Placement {
            root: doc.index(root)?,
            accept: accept.and_then(|a| doc.index(a)),
            ignore: ignore.and_then(|i| doc.index(i)),
            reply: reply.and_then(|r| doc.index(r)),
        },
        card,
    })
}

/// Attributes that carry LinkedIn's own ids for a card.
const ID_HINT_ATTRS: [Attr; 4] = [
    Attr::ComponentKey,
    Attr::InvitationId,
    Attr::Urn,
    Attr::EntityUrn,
];

fn id_hints(doc: &Document, root: NodeId) -> Vec<String> {
    let mut hints = Vec::new();
    for attr in ID_HINT_ATTRS {
        let own = std::iter::once(root).chain(doc.descendants(root));
        hints.extend(own.filter_map(|el| doc.attr(el, attr).map(str::to_owned)));
    }
    hints
}

/// Inline tags whose text belongs to the line of their parent.
fn is_inline_formatting(tag: &str) -> bool {
    matches!(
        tag,
        "strong"
            | "b"
            | "em"
            | "i"
            | "time"
            | "abbr"
            | "bdi"
            | "bdo"
            | "small"
            | "mark"
            | "sup"
            | "sub"
    )
}

/// The card's text lines in page order: one per element that directly holds text, with inline
/// formatting merged into its parent; text inside controls and hidden helpers (`skipped`, by
/// node) left out.
fn text_lines(doc: &Document, root: NodeId, skipped: &[bool]) -> Vec<Line> {
    let mut owners: Vec<NodeId> = Vec::new();
    let mut seen: FxHashSet<u32> = FxHashSet::default();
    for (node, text) in doc.text_nodes(root) {
        if text.trim().is_empty() {
            continue;
        }
        let Some(mut owner) = doc.parent_element(node) else {
            continue;
        };
        for _ in 0..2 {
            if !is_inline_formatting(doc.tag(owner)) || owner == root {
                break;
            }
            match doc.parent_element(owner) {
                Some(p) => owner = p,
                None => break,
            }
        }
        if skipped[owner] {
            continue;
        }
        if doc.index(owner).is_none_or(|i| seen.insert(i)) {
            owners.push(owner);
        }
    }
    owners
        .iter()
        .map(|&el| Line {
            text: text_of(doc, el),
            hint: hint_of(doc, el),
            link: doc
                .closest(el, |a| is_link(doc, a))
                .and_then(|a| doc.attr(a, Attr::Href))
                .map(str::to_owned),
        })
        .collect()
}

fn hint_of(doc: &Document, el: NodeId) -> Hint {
    let in_class = |el: NodeId, words: &[&str]| {
        let class = doc.attr(el, Attr::Class).unwrap_or_default().to_lowercase();
        words.iter().any(|w| class.contains(w))
    };
    let headline_words = ["occupation", "subtitle", "headline"];
    let note_words = ["custom-message", "invitation-message"];
    if in_class(el, &headline_words) {
        return Hint::Headline;
    }
    if in_class(el, &note_words)
        || doc
            .closest(el, |a| doc.class_contains(a, "custom-message"))
            .is_some()
    {
        return Hint::Note;
    }
    // A paragraph followed by a "see more" expander is a note in the current layout.
    if let Some(next) = doc.next_element_sibling(el) {
        if doc.attr(next, Attr::TestId) == Some("expandable-text-button")
            || lang::is_see_more(&control_label(doc, next))
        {
            return Hint::Note;
        }
    }
    if doc
        .parent_element(el)
        .is_some_and(|p| in_class(p, &headline_words))
    {
        return Hint::Headline;
    }
    Hint::None
}

/// The signed-in member's own headline: the text after the member's name, where a profile link
/// that also appears in the global navigation stands outside every card.
fn own_headline(doc: &Document, roots: &[NodeId], skipped: &[bool]) -> Option<String> {
    let own_slug = doc
        .elements()
        .filter(|&a| is_link(doc, a) && doc.ancestors(a).any(|p| is_header_or_nav(doc, p)))
        .filter_map(|a| doc.attr(a, Attr::Href))
        .find_map(parse::slug)?;
    for link in doc.elements().filter(|&a| is_link(doc, a)) {
        let href = doc.attr(link, Attr::Href).unwrap_or_default();
        if parse::slug(href).as_deref() != Some(own_slug.as_str())
            || doc.closest(link, |a| is_header_or_nav(doc, a)).is_some()
            || roots.iter().any(|&r| doc.contains(r, link))
        {
            continue;
        }
        let name = text_of(doc, link);
        let mut container = doc.parent_element(link);
        for _ in 0..3 {
            let Some(c) = container else { break };
            if roots.iter().any(|&r| doc.contains(c, r)) {
                break; // the member's own block never holds invitations
            }
            let lines = text_lines(doc, c, skipped);
            if let Some(pos) = lines
                .iter()
                .position(|l| !name.is_empty() && l.text == name)
            {
                if let Some(next) = lines.get(pos + 1) {
                    return Some(next.text.clone());
                }
            }
            container = doc.parent_element(c);
        }
    }
    None
}

/// An element's text, whitespace folded.
fn text_of(doc: &Document, el: NodeId) -> String {
    let text = doc.text_content(el);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
