//! Reads invitation cards from the content script's snapshot, parsed by [`crate::core::html`].
//!
//! Reading is by meaning, never by class name:
//! - **A card** is the smallest element around one of LinkedIn's Accept controls that also holds
//!   an Ignore and the invitee (a profile link, a group, event, page or newsletter link, or an
//!   "invited you to …" sentence). It then takes in the rest of its row (a note or a Message
//!   link beside the main block), up to its list item, but never a neighbour: growing stops at
//!   another Accept, a card known from an earlier pass, a link to someone else, or a heading.
//! - **Cards known from an earlier pass** (painted, unchanged, sent as empty stubs) count as cards
//!   when boundaries are decided, so a full pass and an incremental pass find the same roots.
//! - Controls that are hidden (a responsive layout's duplicate action bar) or inside a dialog (a
//!   cookie banner, "Take care when connecting") are not a card's controls.
//! - **Nothing is skipped in silence**: an Accept beside an Ignore that no invitee can be read for
//!   counts as an unreadable invitation, and a page in an interface language without a table
//!   (see [`crate::core::lang`]) is measured by structure: rows whose controls name the invitee.
//! - **Text is read as a person reads it**: block boundaries separate lines, and each piece of
//!   text belongs to one line.
//!
//! Elements are named by their `data-ti` snapshot index, which the content script maps back to
//! live elements.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::core::assemble::{self, Hint, Line, RawCard};
use crate::core::html::{Attr, Document, NodeId};
use crate::core::lang;
use crate::core::parse;
use crate::core::plan::{PageRead, Placement, ReadCard};

/// The attribute carrying each element's snapshot index.
pub const INDEX_ATTR: &str = "data-ti";

/// How far above its Accept a card's root may be. Real cards sit a few levels up; the cap keeps
/// reading linear on pathologically deep pages (an Accept deeper in a card than this is
/// reported as unreadable, not lost).
pub(crate) const MAX_CLIMB: usize = 48;

/// The most text a control's label is read from (a control without an aria-label is named by
/// its text).
const MAX_LABEL: usize = 300;

// ---------------------------------------------------------------- what elements are

/// `[data-triage-ui]`: our own injected UI, which reading skips.
pub(crate) fn is_own_ui(doc: &Document, el: NodeId) -> bool {
    doc.has_attr(el, Attr::TriageUi)
}

/// `button, a, [role=button]`.
pub(crate) fn is_control(doc: &Document, el: NodeId) -> bool {
    matches!(doc.tag(el), "button" | "a") || doc.attr(el, Attr::Role) == Some("button")
}

/// Text under these is not card text: `button, [role=button], script, style, svg, template,
/// noscript, [aria-hidden=true], [hidden], .visually-hidden, .a11y-text, .sr-only,
/// [data-triage-ui]`, and dialogs (`dialog, [role=dialog], [role=alertdialog],
/// [aria-modal=true]`: "Take care when connecting" is no one's headline).
pub(crate) fn skips_text(doc: &Document, el: NodeId) -> bool {
    matches!(
        doc.tag(el),
        "button" | "script" | "style" | "svg" | "template" | "noscript" | "dialog"
    ) || matches!(
        doc.attr(el, Attr::Role),
        Some("button" | "dialog" | "alertdialog")
    ) || doc.attr(el, Attr::AriaModal) == Some("true")
        || doc.attr(el, Attr::AriaHidden) == Some("true")
        || doc.has_attr(el, Attr::Hidden)
        || ["visually-hidden", "a11y-text", "sr-only"]
            .iter()
            .any(|c| doc.has_class(el, c))
        || is_own_ui(doc, el)
}

/// Hidden by itself: `[hidden]`, `[inert]`, `[aria-hidden=true]`, an inline `display: none` or
/// `visibility: hidden`.
pub(crate) fn hides_itself(doc: &Document, el: NodeId) -> bool {
    let style_hides = doc.attr(el, Attr::Style).is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    });
    doc.has_attr(el, Attr::Hidden)
        || doc.has_attr(el, Attr::Inert)
        || doc.attr(el, Attr::AriaHidden) == Some("true")
        || style_hides
}

/// Closed or hidden by itself: `[hidden]`, `[inert]`, `[aria-hidden=true]`, an inline
/// `display: none` or `visibility: hidden`, a `<dialog>` without `open`.
pub(crate) fn is_closed(doc: &Document, el: NodeId) -> bool {
    hides_itself(doc, el) || (doc.tag(el) == "dialog" && !doc.has_attr(el, Attr::Open))
}

/// Controls under these are never a card's: hidden (`[hidden]`, `[inert]`,
/// `[aria-hidden=true]`, an inline `display: none` or `visibility: hidden`), inside a dialog
/// (`dialog`, `[role=dialog]`, `[role=alertdialog]`, `[aria-modal=true]`), or our own UI.
pub(crate) fn hides_controls(doc: &Document, el: NodeId) -> bool {
    hides_itself(doc, el)
        || doc.tag(el) == "dialog"
        || matches!(doc.attr(el, Attr::Role), Some("dialog" | "alertdialog"))
        || doc.attr(el, Attr::AriaModal) == Some("true")
        || is_own_ui(doc, el)
}

/// Containers a card never extends past: `body, main, [role=main], section, ul, ol,
/// [role=list], header, nav, aside, footer`.
pub(crate) fn is_list_boundary(doc: &Document, el: NodeId) -> bool {
    matches!(
        doc.tag(el),
        "body" | "main" | "section" | "ul" | "ol" | "header" | "nav" | "aside" | "footer"
    ) || matches!(doc.attr(el, Attr::Role), Some("main" | "list"))
}

/// A container LinkedIn marks as its list of invitations (`[componentkey$=List]`, today's
/// `[data-testid=lazy-column]`): a card never grows into it, even when it is the list's only
/// card left. A hint only: reading never needs it.
pub(crate) fn is_list_container(doc: &Document, el: NodeId) -> bool {
    doc.attr(el, Attr::TestId) == Some("lazy-column")
        || doc
            .attr(el, Attr::ComponentKey)
            .is_some_and(|k| lang::ends_ci(k, "list"))
}

/// A list item is a whole card: a card grows no further once its root is one (`li,
/// [role=listitem]`).
pub(crate) fn is_list_item(doc: &Document, el: NodeId) -> bool {
    doc.tag(el) == "li" || doc.attr(el, Attr::Role) == Some("listitem")
}

/// `a[href]`.
pub(crate) fn is_link(doc: &Document, el: NodeId) -> bool {
    doc.tag(el) == "a" && doc.has_attr(el, Attr::Href)
}

/// `header, nav`.
fn is_header_or_nav(doc: &Document, el: NodeId) -> bool {
    matches!(doc.tag(el), "header" | "nav")
}

pub(crate) fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Elements that start and end a line of text wherever they are.
fn is_block(tag: &str) -> bool {
    is_heading(tag)
        || matches!(
            tag,
            "address"
                | "article"
                | "aside"
                | "blockquote"
                | "br"
                | "dd"
                | "details"
                | "dialog"
                | "div"
                | "dl"
                | "dt"
                | "fieldset"
                | "figcaption"
                | "figure"
                | "footer"
                | "form"
                | "header"
                | "hgroup"
                | "hr"
                | "li"
                | "main"
                | "nav"
                | "ol"
                | "p"
                | "pre"
                | "section"
                | "summary"
                | "table"
                | "tbody"
                | "td"
                | "tfoot"
                | "th"
                | "thead"
                | "tr"
                | "ul"
                | "legend"
                | "caption"
        )
}

/// Inline formatting whose text always belongs to the line around it.
fn is_inline_formatting(tag: &str) -> bool {
    matches!(
        tag,
        "strong"
            | "b"
            | "em"
            | "i"
            | "u"
            | "s"
            | "time"
            | "abbr"
            | "bdi"
            | "bdo"
            | "small"
            | "mark"
            | "sup"
            | "sub"
            | "code"
            | "q"
            | "cite"
            | "wbr"
    )
}

// ---------------------------------------------------------------- the page

/// Parses a snapshot and reads every invitation card in it.
pub fn read_snapshot(html: &str) -> PageRead {
    read_document(&Document::parse(html))
}

/// Reads every invitation card in a parsed snapshot.
pub fn read_document(doc: &Document) -> PageRead {
    let skipped = doc.within(|el| skips_text(doc, el));
    let hidden = doc.within(|el| hides_controls(doc, el));
    let page = Page::new(doc, &hidden);
    let roots = page.card_roots(&skipped);

    let mut cards = Vec::new();
    let mut read_roots: Vec<NodeId> = Vec::new();
    let mut unplaced: Vec<usize> = Vec::new();
    let mut placed_groups: FxHashSet<u32> = FxHashSet::default();
    let mut taken = vec![false; page.accepts.len()];
    for &(root, _) in &roots {
        let card = doc
            .index(root)
            .and_then(|_| read_card(doc, root, &page, &skipped));
        let inside = page.accepts_in(root);
        match card {
            Some(rc) => {
                for i in inside.clone() {
                    taken[i] = true;
                    placed_groups.insert(page.groups[i]);
                }
                read_roots.push(root);
                cards.push(rc);
            }
            None => {
                for i in inside {
                    taken[i] = true;
                    unplaced.push(i);
                }
            }
        }
    }
    unplaced.extend((0..page.accepts.len()).filter(|&i| !taken[i]));
    crate::core::order::sort(&mut unplaced);
    unplaced.dedup();

    // Cards painted on an earlier pass come as empty stubs: they count, and they are cards when
    // telling the member's own block apart.
    let mut all_roots = read_roots.clone();
    all_roots.extend(page.stubs.iter().copied());
    crate::core::order::sort(&mut all_roots);

    // An Accept beside an Ignore, in a list item or with text of its own, is an invitation we
    // cannot read. Not one: a duplicate of a card read, an Accept with no Ignore beside it (a
    // cookie banner), a bar of bare controls above the list.
    let mut counted: FxHashSet<u32> = FxHashSet::default();
    let mut unreadable = 0u32;
    for i in unplaced {
        let group = page.groups[i];
        if placed_groups.contains(&group) {
            continue;
        }
        let Some(row) = page.climb_with(i, None).map(|r| page.extent(i, r)) else {
            continue;
        };
        let in_item = doc
            .closest(row, |a| is_list_item(doc, a) || is_list_boundary(doc, a))
            .is_some_and(|a| is_list_item(doc, a));
        let has_text = doc
            .text_nodes(row)
            .any(|(n, t)| !t.trim().is_empty() && !skipped[n]);
        if (in_item || has_text) && counted.insert(group) {
            unreadable += 1;
        }
    }

    let page_lang = doc
        .attr(doc.root() + 1, Attr::Lang)
        .map(lang::primary_subtag)
        .filter(|l| !l.is_empty());
    let read_lang = read_roots
        .first()
        .and_then(|&root| own_controls(doc, root, &page)[0])
        .and_then(|a| lang::control_language(&control_label(doc, a)));
    let lang_unsupported = page_lang.as_deref().is_some_and(|l| !lang::is_supported(l));
    if lang_unsupported && cards.is_empty() && page.stubs.is_empty() {
        // LinkedIn in a language we have no words for: measure what we can't read by structure.
        unreadable = unreadable.max(named_control_rows(doc, &hidden, 2));
    }
    let resolved = resolved_cards(doc, &read_roots, &page, &skipped);
    let list = list_shown(doc, cards.len(), page.stubs.len(), unreadable, true);
    PageRead {
        cards,
        resolved,
        list,
        unreadable,
        own_headline: own_headline(doc, &all_roots, &skipped),
        known: page.stubs.len() as u32,
        // `<html lang>` names the interface language; the controls' words tell it on a page
        // that names none (a bare "Ignorar" is Spanish or Portuguese, so the page's word wins).
        lang: match page_lang {
            Some(l) if !lang_unsupported => Some(l),
            other => read_lang.map(str::to_owned).or(other),
        },
        lang_unsupported,
        frictions: crate::core::friction::frictions(doc),
    }
}

/// The list the page shows: the words of its selected tab and filter (`aria-pressed`,
/// `aria-selected`, `aria-current` controls outside the global navigation), and whether the
/// selected filter's stated count ("Focused (6)", "People (40)", in any language) equals the
/// invitations on the page (`read` cards and `known` stubs), none unreadable. With
/// `full_pass_only`, a pass that sent stubs is never complete (the received reader's rule).
pub(crate) fn list_shown(
    doc: &Document,
    read: usize,
    known: usize,
    unreadable: u32,
    full_pass_only: bool,
) -> Option<crate::core::plan::ListShown> {
    let in_header = doc.within(|el| doc.tag(el) == "header");
    let mut words = Vec::new();
    let mut stated = None;
    for el in doc.elements() {
        let selected = [Attr::AriaPressed, Attr::AriaSelected]
            .iter()
            .any(|&a| doc.attr(el, a) == Some("true"))
            || doc.attr(el, Attr::AriaCurrent) == Some("page");
        if !selected || in_header[el] {
            continue;
        }
        let label = text_capped(doc, el, 120);
        let (name, count) = split_count(&label);
        if stated.is_none() && doc.attr(el, Attr::AriaPressed) == Some("true") {
            stated = count;
        }
        words.push(name.to_owned());
    }
    if words.is_empty() {
        return None;
    }
    let on_page = read + known;
    Some(crate::core::plan::ListShown {
        key: words.join(" | "),
        complete: unreadable == 0
            && stated == Some(on_page as u32)
            && (known == 0 || !full_pass_only),
    })
}

/// "Focused (6)" → ("Focused", Some(6)); a label without a count is itself.
fn split_count(label: &str) -> (&str, Option<u32>) {
    let Some(open) = label.rfind('(') else {
        return (label, None);
    };
    let inner = label[open + 1..].trim_end_matches(')');
    let digits: String = inner.chars().filter(char::is_ascii_digit).collect();
    let grouping = inner
        .chars()
        .all(|c| c.is_ascii_digit() || " .,\u{a0}\u{202f}’'".contains(c));
    if digits.is_empty() || !grouping {
        return (label, None);
    }
    (label[..open].trim_end(), digits.parse().ok())
}

/// Elements we painted before (`data-triage-id`) that are no card now: LinkedIn resolved them.
/// "Ana is now a connection" is an accept; a card left with no Accept (collapsed, emptied) is
/// gone. One that still offers an Accept is not resolved, only unreadable for now.
fn resolved_cards(
    doc: &Document,
    roots: &[NodeId],
    page: &Page,
    skipped: &[bool],
) -> Vec<crate::core::plan::ResolvedCard> {
    use crate::core::plan::{Resolution, ResolvedCard};
    let mut out = Vec::new();
    for el in doc.elements() {
        let Some(id) = doc.attr(el, Attr::TriageId) else {
            continue;
        };
        if roots.binary_search(&el).is_ok() || doc.has_attr(el, Attr::TriageKnown) {
            continue;
        }
        let Some(index) = doc.index(el) else {
            continue;
        };
        let how = if text_lines(doc, el, skipped)
            .iter()
            .any(|l| lang::is_resolved_line(&l.text))
        {
            Resolution::Accepted
        } else if page.accepts_in(el).is_empty() {
            Resolution::Gone
        } else {
            continue;
        };
        out.push(ResolvedCard {
            at: index,
            id: id.to_owned(),
            how,
        });
    }
    out
}

// ---------------------------------------------------------------- controls and boundaries

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Accept,
    Ignore,
    Reply,
}

/// LinkedIn's controls and invitee links on the page, each list in document order, so "how
/// many are inside this element" is two binary searches.
struct Page<'d, 'a> {
    doc: &'d Document<'a>,
    /// Visible Accept controls outside dialogs.
    accepts: Vec<NodeId>,
    /// For each Accept, its invitation: Accepts whose labels name the same invitee (a duplicate
    /// action bar) share a group; an Accept naming nobody has a group of its own.
    groups: Vec<u32>,
    /// The Accepts of each group, in document order.
    by_group: FxHashMap<u32, Vec<NodeId>>,
    ignores: Vec<NodeId>,
    /// Identity links (profile or target) and their invitee key.
    links: Vec<NodeId>,
    link_keys: Vec<u32>,
    /// Cards known from an earlier pass (`data-triage-known`).
    stubs: Vec<NodeId>,
    roles: FxHashMap<NodeId, Role>,
    /// Elements under hidden or dialog containers ([`hides_controls`]).
    hidden: &'d [bool],
}

pub(crate) fn control_label(doc: &Document, el: NodeId) -> String {
    doc.attr(el, Attr::AriaLabel)
        .filter(|l| !l.trim().is_empty())
        .map_or_else(|| text_capped(doc, el, MAX_LABEL), str::to_owned)
}

/// An element's text up to about `max` bytes, whitespace folded.
pub(crate) fn text_capped(doc: &Document, el: NodeId, max: usize) -> String {
    let mut text = String::new();
    for (_, t) in doc.text_nodes(el) {
        text.push_str(t);
        if text.len() >= max {
            break;
        }
    }
    fold(&text)
}

/// The slice of `sorted` (node ids in document order) inside `el`'s subtree, `el` included.
pub(crate) fn inside<'s>(doc: &Document, sorted: &'s [NodeId], el: NodeId) -> &'s [NodeId] {
    let from = sorted.partition_point(|&n| n < el);
    let to = sorted.partition_point(|&n| n < doc.end(el));
    &sorted[from..to]
}

/// The invitee a link points at: a profile slug or a target path.
pub(crate) fn invitee_key(href: &str) -> Option<String> {
    if let Some(slug) = parse::slug(href) {
        return Some(format!("in/{slug}"));
    }
    parse::kind_from_url(href)?;
    let path = href.split(['?', '#']).next().unwrap_or_default();
    let path = path
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches(|c| c != '/');
    Some(
        path.split('/')
            .filter(|s| !s.is_empty())
            .take(2)
            .collect::<Vec<_>>()
            .join("/"),
    )
}

impl<'d, 'a> Page<'d, 'a> {
    fn new(doc: &'d Document<'a>, hidden: &'d [bool]) -> Self {
        let mut page = Page {
            doc,
            accepts: vec![],
            groups: vec![],
            by_group: FxHashMap::default(),
            ignores: vec![],
            links: vec![],
            link_keys: vec![],
            stubs: vec![],
            roles: FxHashMap::default(),
            hidden,
        };
        let mut names: FxHashMap<String, u32> = FxHashMap::default();
        let mut keys: FxHashMap<String, u32> = FxHashMap::default();
        let mut next_group = 0u32;
        for el in doc.elements() {
            if doc.has_attr(el, Attr::TriageKnown) {
                page.stubs.push(el);
                continue;
            }
            if hidden[el] || !is_control(doc, el) {
                continue;
            }
            let label = control_label(doc, el);
            let href = doc.attr(el, Attr::Href).unwrap_or_default();
            if lang::is_accept_label(&label) {
                let group = match lang::name_from_aria_label(&label) {
                    Some(name) => {
                        let fresh = names.len() as u32 + next_group;
                        *names.entry(name.to_lowercase()).or_insert(fresh)
                    }
                    None => names.len() as u32 + next_group,
                };
                if group == names.len() as u32 + next_group {
                    next_group += 1; // an unnamed Accept: its own group
                }
                page.roles.insert(el, Role::Accept);
                page.accepts.push(el);
                page.groups.push(group);
                page.by_group.entry(group).or_default().push(el);
            } else if lang::is_ignore_label(&label) {
                page.roles.insert(el, Role::Ignore);
                page.ignores.push(el);
            } else if lang::is_reply_label(&label) || parse::invitation_urn(href).is_some() {
                page.roles.insert(el, Role::Reply);
            } else if let Some(key) = invitee_key(href) {
                let fresh = keys.len() as u32;
                page.links.push(el);
                page.link_keys.push(*keys.entry(key).or_insert(fresh));
            }
        }
        page
    }

    /// The Accepts (by position in `accepts`) inside `el`.
    fn accepts_in(&self, el: NodeId) -> std::ops::Range<usize> {
        let from = self.accepts.partition_point(|&n| n < el);
        let to = self.accepts.partition_point(|&n| n < self.doc.end(el));
        from..to
    }

    /// Whether `el` holds an invitee: an identity link, or an "invited you to …" sentence.
    fn holds_invitee(&self, el: NodeId, skipped: Option<&[bool]>) -> bool {
        if !inside(self.doc, &self.links, el).is_empty() {
            return true;
        }
        let Some(skipped) = skipped else {
            return false;
        };
        self.doc
            .text_nodes(el)
            .any(|(n, t)| !skipped[n] && lang::is_invitation_sentence(t))
    }

    /// Climbs from Accept `i` to the smallest element that also holds an Ignore and (with
    /// `invitee`) the invitee. `None` when a list boundary, a known card or another invitation's
    /// Accept comes first.
    fn climb_with(&self, i: usize, invitee: Option<&[bool]>) -> Option<NodeId> {
        let doc = self.doc;
        let group = &self.by_group[&self.groups[i]];
        for x in doc.ancestors(self.accepts[i]).take(MAX_CLIMB) {
            if is_list_boundary(doc, x) || !inside(doc, &self.stubs, x).is_empty() {
                return None;
            }
            if self.accepts_in(x).len() > inside(doc, group, x).len() {
                return None; // another invitation's Accept
            }
            if inside(doc, &self.ignores, x).is_empty() {
                continue;
            }
            match invitee {
                None => return Some(x),
                Some(skipped) if self.holds_invitee(x, Some(skipped)) => return Some(x),
                Some(_) => {}
            }
        }
        None
    }

    /// The largest element around `row` that holds no other invitation's Accept, no known card
    /// and no list boundary: how far an unreadable invitation reaches.
    fn extent(&self, i: usize, row: NodeId) -> NodeId {
        let doc = self.doc;
        let group = &self.by_group[&self.groups[i]];
        let mut extent = row;
        for x in doc.ancestors(row).take(MAX_CLIMB) {
            if is_list_boundary(doc, x)
                || !inside(doc, &self.stubs, x).is_empty()
                || self.accepts_in(x).len() > inside(doc, group, x).len()
            {
                break;
            }
            extent = x;
        }
        extent
    }

    /// Every card root, with the position of its first Accept, in document order.
    fn card_roots(&self, skipped: &[bool]) -> Vec<(NodeId, usize)> {
        let mut smallest: Vec<(NodeId, usize)> = (0..self.accepts.len())
            .filter_map(|i| self.climb_with(i, Some(skipped)).map(|r| (r, i)))
            .collect();
        crate::core::order::sort(&mut smallest);
        smallest.dedup_by_key(|(r, _)| *r);
        // A root around another root holds two invitations: neither a card nor one of them.
        let nested: Vec<bool> = smallest
            .iter()
            .enumerate()
            .map(|(k, &(r, _))| {
                smallest
                    .get(k + 1)
                    .is_some_and(|&(next, _)| next < self.doc.end(r))
            })
            .collect();
        let mut roots: Vec<(NodeId, usize)> = smallest
            .into_iter()
            .zip(nested)
            .filter(|(_, nested)| !nested)
            .map(|((r, i), _)| (self.grow(r), i))
            .collect();
        crate::core::order::sort(&mut roots);
        roots.dedup_by_key(|(r, _)| *r);
        roots
    }

    /// Grows a card's smallest root to the rest of its row (see [`Rows::grow`]).
    fn grow(&self, smallest: NodeId) -> NodeId {
        Rows {
            doc: self.doc,
            controls: &self.accepts,
            stubs: &self.stubs,
            links: &self.links,
            link_keys: &self.link_keys,
            hidden: self.hidden,
        }
        .grow(smallest)
    }
}

/// What a card grows over, on either tab: the page's controls of the card's kind (Accept on
/// the Received tab, Withdraw on the Sent tab), the cards known from an earlier pass, and the
/// identity links with their invitee keys, each in document order.
pub(crate) struct Rows<'d, 'a> {
    pub(crate) doc: &'d Document<'a>,
    pub(crate) controls: &'d [NodeId],
    pub(crate) stubs: &'d [NodeId],
    pub(crate) links: &'d [NodeId],
    pub(crate) link_keys: &'d [u32],
    /// Elements under hidden or dialog containers ([`hides_controls`]).
    pub(crate) hidden: &'d [bool],
}

impl Rows<'_, '_> {
    /// Grows a card's smallest root to the rest of its row (a note or a Message link in a block
    /// after the main one): up to its list item, while the parent adds no other control of the
    /// card's kind, known card, link to another invitee or heading. An element on the way that
    /// we painted before (`data-triage-id`) stays the root, so a card the page wraps in a new
    /// container keeps its badge where it is.
    pub(crate) fn grow(&self, smallest: NodeId) -> NodeId {
        let doc = self.doc;
        let own: FxHashSet<u32> = self.link_keys_in(smallest).collect();
        let mut root = smallest;
        let mut painted = doc.has_attr(root, Attr::TriageId).then_some(root);
        while !is_list_item(doc, root) {
            let Some(parent) = doc.parent_element(root) else {
                break;
            };
            if is_list_boundary(doc, parent)
                || is_list_container(doc, parent)
                || inside(doc, self.controls, parent).len() > inside(doc, self.controls, root).len()
                || inside(doc, self.stubs, parent).len() > inside(doc, self.stubs, root).len()
                || self.adds_other_invitee(parent, root, &own)
            {
                break;
            }
            root = parent;
            if painted.is_none() && doc.has_attr(root, Attr::TriageId) {
                painted = Some(root);
            }
        }
        painted.unwrap_or(root)
    }

    fn link_keys_in(&self, el: NodeId) -> impl Iterator<Item = u32> + '_ {
        let from = self.links.partition_point(|&n| n < el);
        let to = self.links.partition_point(|&n| n < self.doc.end(el));
        self.link_keys[from..to].iter().copied()
    }

    /// Whether `parent`, outside `child`, holds a link to an invitee not in `own` or a visible
    /// heading (of another block; a dialog's does not count).
    fn adds_other_invitee(&self, parent: NodeId, child: NodeId, own: &FxHashSet<u32>) -> bool {
        let doc = self.doc;
        let from = self.links.partition_point(|&n| n < parent);
        let to = self.links.partition_point(|&n| n < doc.end(parent));
        let other_link = (from..to)
            .any(|k| !doc.contains(child, self.links[k]) && !own.contains(&self.link_keys[k]));
        other_link
            || doc
                .descendants(parent)
                .filter(|&el| !doc.contains(child, el) && !self.hidden[el])
                .any(|el| is_heading(doc.tag(el)))
    }
}

/// Rows that look like invitations in any language: an invitee link beside at least `naming`
/// controls whose labels name that invitee (two on the Received tab: Ignore and Accept; one on
/// the Sent tab: Withdraw). Used where the page's language has no table. With one naming
/// control, only the rows whose control's label has the page's most common shape count (the
/// name taken out: "Wycofaj zaproszenie wysłane do {}"), so "People you may know" and its
/// "Invite {} to connect" stay out.
pub(crate) fn named_control_rows(doc: &Document, hidden: &[bool], naming: usize) -> u32 {
    let controls: Vec<NodeId> = doc
        .elements()
        .filter(|&el| !hidden[el] && is_control(doc, el) && doc.has_attr(el, Attr::AriaLabel))
        .filter(|&el| invitee_key(doc.attr(el, Attr::Href).unwrap_or_default()).is_none())
        .collect();
    let mut rows: FxHashMap<NodeId, String> = FxHashMap::default();
    for link in doc.elements().filter(|&el| is_link(doc, el)) {
        if invitee_key(doc.attr(link, Attr::Href).unwrap_or_default()).is_none() {
            continue;
        }
        let name = text_of(doc, link);
        if name.chars().count() < 2 {
            continue;
        }
        let name = name.to_lowercase();
        for row in doc.ancestors(link).take(5) {
            if is_list_boundary(doc, row) {
                break;
            }
            let near = inside(doc, &controls, row);
            if near.len() > 12 {
                break;
            }
            let mut shape = None;
            let named = near
                .iter()
                .filter_map(|&c| doc.attr(c, Attr::AriaLabel).map(str::to_lowercase))
                .filter(|l| l.contains(&name))
                .inspect(|l| {
                    shape.get_or_insert_with(|| l.replace(&name, "{}"));
                })
                .count();
            if named >= naming {
                rows.insert(row, shape.unwrap_or_default());
                break;
            }
        }
    }
    if naming == 1 {
        let mut shapes: FxHashMap<&str, usize> = FxHashMap::default();
        for shape in rows.values() {
            *shapes.entry(shape.as_str()).or_default() += 1;
        }
        let common = shapes
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            .map(|(shape, _)| shape.to_owned());
        rows.retain(|_, shape| Some(shape.as_str()) == common.as_deref());
    }
    // Nested rows of one invitation count once.
    let mut rows: Vec<NodeId> = rows.into_keys().collect();
    crate::core::order::sort(&mut rows);
    let mut outer: Vec<NodeId> = Vec::new();
    for r in rows {
        if outer.last().is_none_or(|&o| !doc.contains(o, r)) {
            outer.push(r);
        }
    }
    outer.len() as u32
}

// ---------------------------------------------------------------- one card

/// The card's first Accept, Ignore and Reply controls, found among its own descendants (so the
/// cost is the card's size, not the page's).
fn own_controls(doc: &Document, root: NodeId, page: &Page) -> [Option<NodeId>; 3] {
    let mut found: [Option<NodeId>; 3] = [None, None, None];
    for el in doc.descendants(root) {
        let slot = match page.roles.get(&el) {
            Some(Role::Accept) => 0,
            Some(Role::Ignore) => 1,
            Some(Role::Reply) => 2,
            None => continue,
        };
        found[slot].get_or_insert(el);
    }
    found
}

fn read_card(doc: &Document, root: NodeId, page: &Page, skipped: &[bool]) -> Option<ReadCard> {
    let [accept, ignore, reply] = own_controls(doc, root, page);
    let attrs_of = |tag: &str, attr: Attr| -> Vec<String> {
        doc.descendants(root)
            .filter(|&el| doc.tag(el) == tag)
            .filter_map(|el| doc.attr(el, attr).map(str::to_owned))
            .collect()
    };
    let mut image_alts = attrs_of("img", Attr::Alt);
    // Today's photos can be an svg[role=img] whose aria-label names the person.
    image_alts.extend(
        doc.descendants(root)
            .filter(|&el| doc.tag(el) == "svg" && doc.attr(el, Attr::Role) == Some("img"))
            .filter_map(|el| doc.attr(el, Attr::AriaLabel).map(str::to_owned)),
    );
    let raw = RawCard {
        lines: text_lines(doc, root, skipped),
        links: attrs_of("a", Attr::Href),
        image_alts,
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

// ---------------------------------------------------------------- text as a person reads it

/// Builds lines while walking a subtree.
struct LineBuilder<'d, 'a> {
    doc: &'d Document<'a>,
    lines: Vec<Line>,
    /// The text of the line being built, as it is in the page.
    text: String,
    /// The element whose line this is (the innermost element that starts lines).
    owner: NodeId,
    /// The hint of the hinted container (a headline or note element) the line is in, if any.
    container: Option<Hint>,
    /// Links the current line holds: (href, from, to) byte ranges of `text`.
    spans: Vec<(&'d str, usize, usize)>,
    /// Links open at this point of the walk: (href, where in `text` they started).
    open_links: Vec<(&'d str, usize)>,
}

impl<'d, 'a> LineBuilder<'d, 'a> {
    /// Ends the current line (if it has text) and starts one owned by `owner`.
    fn flush(&mut self, owner: NodeId) {
        let end = self.text.len();
        for (href, from) in &mut self.open_links {
            self.spans.push((href, *from, end));
            *from = 0;
        }
        let folded = fold(&self.text);
        if !folded.is_empty() {
            let whole = self
                .spans
                .iter()
                .find(|(_, from, to)| fold(&self.text[*from..*to]) == folded)
                .map(|(href, _, _)| (*href).to_owned());
            if whole.is_none() {
                // Links inside running text ("Jonas invited you to join Rust Amsterdam"): each
                // link's text is also a line of its own, for the names and targets.
                for &(href, from, to) in &self.spans {
                    let part = fold(&self.text[from..to]);
                    if !part.is_empty() {
                        self.lines.push(Line {
                            text: part,
                            hint: Hint::None,
                            link: Some(href.to_owned()),
                        });
                    }
                }
            }
            let hint = self
                .container
                .unwrap_or_else(|| hint_of(self.doc, self.owner));
            self.lines.push(Line {
                text: folded,
                hint,
                link: whole,
            });
        }
        self.text.clear();
        self.spans.clear();
        self.owner = owner;
    }
}

pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// One element the line walk is inside of.
struct Open {
    /// Where its subtree ends.
    end: NodeId,
    /// Whether it started a line (and ends it).
    starts_line: bool,
    /// Whether it is a link (its text span ends with it).
    link: bool,
    /// Whether it is the hinted container whose text is one line.
    container: bool,
}

/// The card's text lines in page order, as a person reads them:
/// - block elements (`div`, `p`, `li`, headings, …) start and end lines, and `br` separates
///   words; inline formatting and links inside running text stay in their line; an inline
///   element among elements only (`p > span, span`) is a line of its own;
/// - an element marked as the headline or the note (by class, or `expandable-text-box`) is one
///   line, whatever blocks it holds;
/// - text inside controls, hidden helpers (`skipped`) and "see more" links is left out.
pub(crate) fn text_lines(doc: &Document, root: NodeId, skipped: &[bool]) -> Vec<Line> {
    let mut b = LineBuilder {
        doc,
        lines: Vec::new(),
        text: String::new(),
        owner: root,
        container: None,
        spans: Vec::new(),
        open_links: Vec::new(),
    };
    let mut open: Vec<Open> = Vec::new();
    let mut owners: Vec<NodeId> = Vec::new();
    let mut has_text: FxHashMap<NodeId, bool> = FxHashMap::default();
    let end = doc.end(root);
    let mut at = root + 1;
    loop {
        while open.last().is_some_and(|o| o.end <= at) {
            close(&mut b, &mut open, &mut owners, root);
        }
        if at >= end {
            break;
        }
        if let Some(text) = doc.text(at) {
            b.text.push_str(text);
            at += 1;
            continue;
        }
        if !doc.is_element(at) {
            at += 1;
            continue;
        }
        let tag = doc.tag(at);
        let in_container = b.container.is_some();
        let see_more = tag == "a" && lang::is_see_more(&text_capped(doc, at, 40));
        if skipped[at] || tag == "template" || see_more {
            if in_container {
                b.text.push(' ');
            } else {
                b.flush(b.owner);
            }
            at = doc.end(at);
            continue;
        }
        if tag == "br" || tag == "hr" || tag == "wbr" {
            if tag != "wbr" {
                b.text.push('\n');
            }
            at += 1;
            continue;
        }
        let link = tag == "a" && doc.has_attr(at, Attr::Href);
        if link {
            b.open_links
                .push((doc.attr(at, Attr::Href).unwrap_or_default(), b.text.len()));
        }
        let container_hint = (!in_container).then(|| container_hint(doc, at)).flatten();
        let starts_line = if in_container {
            if is_block(tag) {
                b.text.push(' ');
            }
            false
        } else {
            container_hint.is_some()
                || is_block(tag)
                || (!is_inline_formatting(tag) && !parent_has_text(doc, at, &mut has_text))
        };
        if starts_line {
            b.flush(at);
            owners.push(at);
        }
        if container_hint.is_some() {
            b.container = container_hint;
        }
        open.push(Open {
            end: doc.end(at),
            starts_line,
            link,
            container: container_hint.is_some(),
        });
        at += 1;
    }
    b.flush(root);
    b.lines
}

/// Leaves the innermost open element of the line walk.
fn close(b: &mut LineBuilder, open: &mut Vec<Open>, owners: &mut Vec<NodeId>, root: NodeId) {
    let Some(el) = open.pop() else {
        return;
    };
    if el.link {
        if let Some((href, from)) = b.open_links.pop() {
            b.spans.push((href, from, b.text.len()));
        }
    }
    if el.starts_line {
        owners.pop();
        let back_to = owners.last().copied().unwrap_or(root);
        b.flush(back_to);
    }
    if el.container {
        b.container = None;
    }
}

/// Whether the element's parent directly holds text other than whitespace (then the element is
/// inline in running text), cached per parent.
fn parent_has_text(doc: &Document, el: NodeId, cache: &mut FxHashMap<NodeId, bool>) -> bool {
    let Some(parent) = doc.parent_element(el) else {
        return false;
    };
    *cache.entry(parent).or_insert_with(|| {
        let mut child = parent + 1;
        let end = doc.end(parent);
        while child < end {
            if doc.text(child).is_some_and(|t| !t.trim().is_empty()) {
                return true;
            }
            child = doc.end(child);
        }
        false
    })
}

fn class_has(doc: &Document, el: NodeId, words: &[&str]) -> bool {
    let class = doc.attr(el, Attr::Class).unwrap_or_default();
    words.iter().any(|w| lang::find_ci(class, w).is_some())
}

const HEADLINE_CLASSES: [&str; 3] = ["occupation", "subtitle", "headline"];
const NOTE_CLASSES: [&str; 2] = ["custom-message", "invitation-message"];

/// Whether the element is the card's headline or note by its markup (a class, or today's
/// `expandable-text-box`): its text is then one line.
fn container_hint(doc: &Document, el: NodeId) -> Option<Hint> {
    if class_has(doc, el, &HEADLINE_CLASSES) {
        Some(Hint::Headline)
    } else if class_has(doc, el, &NOTE_CLASSES)
        || doc.attr(el, Attr::TestId) == Some("expandable-text-box")
    {
        Some(Hint::Note)
    } else {
        None
    }
}

/// What a line's owner element says about it, outside a hinted container.
fn hint_of(doc: &Document, el: NodeId) -> Hint {
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
        .is_some_and(|p| class_has(doc, p, &HEADLINE_CLASSES))
    {
        return Hint::Headline;
    }
    Hint::None
}

/// The signed-in member's own headline: the text after the member's name, where a profile link
/// that also appears in the global navigation stands outside every card.
fn own_headline(doc: &Document, roots: &[NodeId], skipped: &[bool]) -> Option<String> {
    let in_nav = doc.within(|el| is_header_or_nav(doc, el));
    let own_slug = doc
        .elements()
        .filter(|&a| in_nav[a] && is_link(doc, a))
        .filter_map(|a| doc.attr(a, Attr::Href))
        .find_map(parse::slug)?;
    for link in doc.elements().filter(|&a| is_link(doc, a)) {
        let href = doc.attr(link, Attr::Href).unwrap_or_default();
        if parse::slug(href).as_deref() != Some(own_slug.as_str())
            || in_nav[link]
            || roots.iter().any(|&r| doc.contains(r, link))
        {
            continue;
        }
        let name = text_of(doc, link);
        let mut container = doc.parent_element(link);
        for _ in 0..3 {
            let Some(c) = container else { break };
            if !inside(doc, roots, c).is_empty() {
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
pub(crate) fn text_of(doc: &Document, el: NodeId) -> String {
    fold(&doc.text_content(el))
}
