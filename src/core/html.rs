//! A small HTML parser for the content script's snapshot: the page's `<body>` as the browser
//! serialized it (`outerHTML`), every element numbered with `data-ti`, possibly inside an
//! `<html …>` start tag that carries the document element's own attributes.
//!
//! The input is read as the serialization it is, not as HTML to repair. The serializer writes
//! every end tag, so an element ends at its own end tag and nowhere else: none of the HTML
//! parser's tree fix-ups (implied end tags, a `<p>` closed by a block, foster parenting in
//! tables, re-nesting of formatting elements) is applied, and a DOM built by script (a `div` in a
//! `p`, an `li` in an `li`, an `a` in an `a`) is read in the shape it has on the live page:
//! - Void elements (`area`, `br`, `img`, `input`, `meta`, `wbr`, …) have no end tag and no
//!   children. Raw-text elements (`script`, `style`, `xmp`, `iframe`, `noembed`, `noframes`,
//!   `noscript`, the snapshot coming from a document with scripting on) hold their text up to
//!   their end tag as it is; `textarea` and `title` too, with character references decoded;
//!   `plaintext` holds the rest of the input.
//! - Every other element is closed by its end tag, which closes the innermost open element of
//!   that name and everything open inside it. An end tag that matches no open element is
//!   ignored; elements still open at the end of the input end there.
//! - Inside `svg` and `math` (foreign content) no name is void or raw text, and a self-closing
//!   `/>` closes an element. The HTML integration points (`foreignObject`, `desc`, `title` in
//!   SVG; `mi`, `mo`, `mn`, `ms`, `mtext` in MathML) hold HTML again.
//! - Like the browser's `DOMParser`, everything sits in `<html><head></head><body>…</body>
//!   </html>`: `<html>` and `<body>` start tags add their attributes to those two elements,
//!   `<head>` tags are ignored. A `<template>`'s content is kept but is not part of the tree
//!   (walks skip it).
//! - Comments, doctypes and processing instructions are dropped; attributes may be quoted or
//!   not; character references are decoded. No input makes the parser panic.
//!
//! Parsing is linear in the input at any depth, and nothing recurses. Nodes live in one arena
//! in document order, each knowing where its subtree ends, so descendant walks are slices and
//! containment is two comparisons. Only the attributes the reader uses are kept ([`Attr`]).

use std::borrow::Cow;

use rustc_hash::FxHashMap;

/// A node's place in the arena (document order).
pub type NodeId = usize;

/// The attributes the reader uses; every other attribute is dropped while parsing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attr {
    /// `data-ti`, the snapshot index (kept parsed, see [`Document::index`]).
    Index,
    /// `aria-label`.
    AriaLabel,
    /// `href`.
    Href,
    /// `role`.
    Role,
    /// `class`.
    Class,
    /// `aria-hidden`.
    AriaHidden,
    /// `src`.
    Src,
    /// `alt`.
    Alt,
    /// `data-testid`.
    TestId,
    /// `componentkey`.
    ComponentKey,
    /// `data-invitation-id`.
    InvitationId,
    /// `data-urn`.
    Urn,
    /// `data-entity-urn`.
    EntityUrn,
    /// `data-triage-ui`, which marks the extension's own UI.
    TriageUi,
    /// `data-triage-known`, which marks a card painted on an earlier pass, sent as a stub.
    TriageKnown,
    /// `data-triage-later`, which marks an element a snapshot in parts sends next time.
    TriageLater,
    /// `lang`.
    Lang,
    /// `hidden`.
    Hidden,
    /// `inert`.
    Inert,
    /// `style`.
    Style,
    /// `aria-modal`.
    AriaModal,
    /// `data-triage-id`, which marks a card root painted before.
    TriageId,
    /// `aria-pressed`.
    AriaPressed,
    /// `aria-selected`.
    AriaSelected,
    /// `aria-current`.
    AriaCurrent,
    /// `open` (a `<dialog>` shown).
    Open,
    /// `aria-live`.
    AriaLive,
}

const ATTR_NAMES: [(&str, Attr); 27] = [
    ("data-ti", Attr::Index),
    ("aria-label", Attr::AriaLabel),
    ("href", Attr::Href),
    ("role", Attr::Role),
    ("class", Attr::Class),
    ("aria-hidden", Attr::AriaHidden),
    ("src", Attr::Src),
    ("alt", Attr::Alt),
    ("data-testid", Attr::TestId),
    ("componentkey", Attr::ComponentKey),
    ("data-invitation-id", Attr::InvitationId),
    ("data-urn", Attr::Urn),
    ("data-entity-urn", Attr::EntityUrn),
    ("data-triage-ui", Attr::TriageUi),
    ("data-triage-known", Attr::TriageKnown),
    ("data-triage-later", Attr::TriageLater),
    ("lang", Attr::Lang),
    ("hidden", Attr::Hidden),
    ("inert", Attr::Inert),
    ("style", Attr::Style),
    ("aria-modal", Attr::AriaModal),
    ("data-triage-id", Attr::TriageId),
    ("aria-pressed", Attr::AriaPressed),
    ("aria-selected", Attr::AriaSelected),
    ("aria-current", Attr::AriaCurrent),
    ("open", Attr::Open),
    ("aria-live", Attr::AriaLive),
];

impl Attr {
    /// The attribute's name in HTML.
    pub fn name(self) -> &'static str {
        ATTR_NAMES
            .iter()
            .find(|&&(_, a)| a == self)
            .map_or("", |&(n, _)| n)
    }

    fn from_name(name: &str) -> Option<Attr> {
        let find = |name: &str| ATTR_NAMES.iter().find(|(n, _)| *n == name).map(|&(_, a)| a);
        if name.bytes().any(|b| b.is_ascii_uppercase()) {
            find(&name.to_ascii_lowercase())
        } else {
            find(name)
        }
    }
}

enum Kind<'a> {
    Document,
    Element {
        /// Lower-case tag name.
        tag: Cow<'a, str>,
        attrs: Vec<(Attr, Cow<'a, str>)>,
        /// `data-ti`, parsed.
        index: Option<u32>,
    },
    Text(Cow<'a, str>),
}

struct Node<'a> {
    kind: Kind<'a>,
    parent: Option<NodeId>,
    /// One past the last node of this node's subtree.
    end: NodeId,
}

/// A parsed snapshot: an arena of nodes in document order.
pub struct Document<'a> {
    nodes: Vec<Node<'a>>,
}

/// Raw access for walks that need text and elements in one pass (the reader's line builder).
impl<'a> Document<'a> {
    /// How many nodes the arena holds (node ids are `0..len`).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the arena holds only the fixed document, html, head and body nodes' root.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// One past the last node of `id`'s subtree: `id`'s descendants are `id + 1..end(id)`.
    pub fn end(&self, id: NodeId) -> NodeId {
        self.nodes[id].end
    }

    /// A text node's text, or `None` for other nodes.
    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id].kind {
            Kind::Text(t) => Some(t),
            _ => None,
        }
    }
}

const HTML: NodeId = 1;
const BODY: NodeId = 3;

impl<'a> Document<'a> {
    /// Parses snapshot HTML. Never fails: whatever the input, the result is a tree.
    pub fn parse(html: &'a str) -> Document<'a> {
        let mut b = Builder::new();
        b.run(html);
        b.finish()
    }

    /// The document node (not an element).
    pub fn root(&self) -> NodeId {
        0
    }

    /// The `<body>` element.
    pub fn body(&self) -> NodeId {
        BODY
    }

    /// Whether the node is an element.
    pub fn is_element(&self, id: NodeId) -> bool {
        matches!(self.nodes[id].kind, Kind::Element { .. })
    }

    /// An element's lower-case tag name ("" for other nodes).
    pub fn tag(&self, id: NodeId) -> &str {
        match &self.nodes[id].kind {
            Kind::Element { tag, .. } => tag,
            _ => "",
        }
    }

    /// An element's attribute value, entities decoded.
    pub fn attr(&self, id: NodeId, attr: Attr) -> Option<&str> {
        match &self.nodes[id].kind {
            Kind::Element { attrs, .. } => attrs
                .iter()
                .find(|(a, _)| *a == attr)
                .map(|(_, v)| v.as_ref()),
            _ => None,
        }
    }

    /// An element's attributes the reader keeps, in source order, entities decoded.
    pub fn attrs(&self, id: NodeId) -> impl Iterator<Item = (Attr, &str)> + '_ {
        let attrs = match &self.nodes[id].kind {
            Kind::Element { attrs, .. } => attrs.as_slice(),
            _ => &[],
        };
        attrs.iter().map(|(a, v)| (*a, v.as_ref()))
    }

    /// Whether an element has the attribute.
    pub fn has_attr(&self, id: NodeId, attr: Attr) -> bool {
        self.attr(id, attr).is_some()
    }

    /// An element's snapshot index (`data-ti`), if it has a valid one.
    pub fn index(&self, id: NodeId) -> Option<u32> {
        match &self.nodes[id].kind {
            Kind::Element { index, .. } => *index,
            _ => None,
        }
    }

    /// Whether the element's class list holds `token`. The snapshot is parsed without a
    /// doctype, in quirks mode, where class selectors match ASCII case-insensitively.
    pub fn has_class(&self, id: NodeId, token: &str) -> bool {
        self.attr(id, Attr::Class).is_some_and(|c| {
            c.split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case(token))
        })
    }

    /// Whether the element's class attribute contains `part` (`[class*=part]`, case-sensitive).
    pub fn class_contains(&self, id: NodeId, part: &str) -> bool {
        self.attr(id, Attr::Class).is_some_and(|c| c.contains(part))
    }

    /// The parent, if it is an element.
    pub fn parent_element(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id].parent.filter(|&p| self.is_element(p))
    }

    /// The element ancestors of a node, nearest first (the node itself excluded).
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent_element(id), |&a| self.parent_element(a))
    }

    /// The node itself if it is an element matching `pred`, else its nearest matching element
    /// ancestor (`Element.closest`).
    pub fn closest(&self, id: NodeId, pred: impl Fn(NodeId) -> bool) -> Option<NodeId> {
        let me = Some(id).filter(|&i| self.is_element(i));
        me.into_iter().chain(self.ancestors(id)).find(|&a| pred(a))
    }

    /// For every node, whether it or an element ancestor matches `pred`: `closest(pred)` for
    /// the whole document at once.
    pub fn within(&self, pred: impl Fn(NodeId) -> bool) -> Vec<bool> {
        let mut inside = Vec::with_capacity(self.nodes.len());
        for (id, node) in self.nodes.iter().enumerate() {
            let parent = node.parent.is_some_and(|p| inside[p]);
            inside.push(parent || (self.is_element(id) && pred(id)));
        }
        inside
    }

    /// Whether `inner` is `outer` or inside it (`Node.contains`).
    pub fn contains(&self, outer: NodeId, inner: NodeId) -> bool {
        outer <= inner && inner < self.nodes[outer].end
    }

    /// Every node inside `id` in document order (`id` excluded), skipping template contents.
    fn inside(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let end = self.nodes[id].end;
        let mut next = id + 1;
        std::iter::from_fn(move || {
            if next >= end {
                return None;
            }
            let at = next;
            next = if self.tag(at) == "template" {
                self.nodes[at].end
            } else {
                at + 1
            };
            Some(at)
        })
    }

    /// The elements inside `id` in document order (`querySelectorAll('*')`).
    pub fn descendants(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.inside(id).filter(|&n| self.is_element(n))
    }

    /// Every element of the document in document order.
    pub fn elements(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.descendants(self.root())
    }

    /// The text nodes inside `id` in document order, with their text.
    pub fn text_nodes(&self, id: NodeId) -> impl Iterator<Item = (NodeId, &str)> + '_ {
        self.inside(id).filter_map(|n| match &self.nodes[n].kind {
            Kind::Text(t) => Some((n, t.as_ref())),
            _ => None,
        })
    }

    /// All the text inside a node, concatenated (`textContent`).
    pub fn text_content(&self, id: NodeId) -> String {
        if let Kind::Text(t) = &self.nodes[id].kind {
            return t.to_string();
        }
        let mut out = String::new();
        for (_, t) in self.text_nodes(id) {
            out.push_str(t);
        }
        out
    }

    /// The next sibling that is an element.
    pub fn next_element_sibling(&self, id: NodeId) -> Option<NodeId> {
        let parent = self.nodes[id].parent?;
        let parent_end = self.nodes[parent].end;
        let mut at = self.nodes[id].end;
        while at < parent_end {
            if self.is_element(at) {
                return Some(at);
            }
            at = self.nodes[at].end;
        }
        None
    }

    /// For every snapshot index `i` from 0 to the largest `data-ti`, the `data-ti` of the parent
    /// of the element numbered `i`: -1 when that parent has none (`<body>`, `<html>`), -2 when
    /// no element is numbered `i`. The first element with an index counts; template contents are
    /// left out, like walks. An index can be at most the number of nodes minus one (a snapshot
    /// numbers its elements from 0 in order); larger ones are taken as no index, so the answer
    /// is never larger than the document.
    pub fn parents_by_index(&self) -> Vec<i32> {
        let slot = |id: NodeId| {
            self.index(id)
                .and_then(|i| usize::try_from(i).ok())
                .filter(|&i| i < self.nodes.len())
        };
        let mut parents: Vec<i32> = Vec::new();
        for el in self.elements() {
            let Some(i) = slot(el) else { continue };
            if parents.len() <= i {
                parents.resize(i + 1, -2);
            }
            if parents[i] == -2 {
                parents[i] = self
                    .parent_element(el)
                    .and_then(slot)
                    .map_or(-1, |p| i32::try_from(p).unwrap_or(-1));
            }
        }
        parents
    }
}

fn is_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0C' | b'\r')
}

// ---------------------------------------------------------------- tree construction

/// HTML elements that never have an end tag or children.
fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// How an element's content is tokenized.
#[derive(PartialEq)]
enum Content {
    Normal,
    /// Text up to the matching end tag, taken as it is (`script`, `style`, …).
    Raw,
    /// Text up to the matching end tag, character references decoded (`textarea`, `title`).
    Escapable,
    /// The rest of the input is text.
    Plaintext,
}

/// How an HTML element's content is tokenized.
fn content_of(tag: &str) -> Content {
    match tag {
        "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Content::Raw,
        "textarea" | "title" => Content::Escapable,
        "plaintext" => Content::Plaintext,
        _ => Content::Normal,
    }
}

/// The namespace of an element, or of the children of an open element.
#[derive(Clone, Copy, PartialEq)]
enum Ns {
    Html,
    Svg,
    Math,
}

/// The namespace of the children of an element of namespace `ns`: HTML again in the HTML
/// integration points (tag names lower-cased, as the tokenizer gives them).
fn children_ns(ns: Ns, tag: &str) -> Ns {
    match (ns, tag) {
        (Ns::Svg, "foreignobject" | "desc" | "title")
        | (Ns::Math, "mi" | "mo" | "mn" | "ms" | "mtext") => Ns::Html,
        _ => ns,
    }
}

/// An open element.
struct Open {
    id: NodeId,
    /// The namespace its children are in.
    children: Ns,
}

/// Positions of the document, `<html>` and `<body>` in the open stack, which never close.
const FIXED: usize = 3;

/// How many elements of each name are open, above the fixed ones.
type OpenNames = FxHashMap<Box<str>, u32>;

struct Builder<'a> {
    nodes: Vec<Node<'a>>,
    /// Open elements, innermost last.
    open: Vec<Open>,
    /// Built the first time an end tag does not close the current element (so a serialization,
    /// where every end tag does, never pays for it), then kept up to date: an end tag for a
    /// name that is not open is dropped at once rather than after a look down the whole stack.
    open_names: Option<OpenNames>,
}

fn tag_name<'n>(node: &'n Node<'_>) -> &'n str {
    match &node.kind {
        Kind::Element { tag, .. } => tag,
        _ => "",
    }
}

impl<'a> Builder<'a> {
    fn new() -> Self {
        let mut b = Builder {
            nodes: Vec::new(),
            open: Vec::new(),
            open_names: None,
        };
        b.nodes.push(Node {
            kind: Kind::Document,
            parent: None,
            end: 0,
        });
        b.open.push(Open {
            id: 0,
            children: Ns::Html,
        });
        for tag in ["html", "head", "body"] {
            let id = b.element(Cow::Borrowed(tag), Vec::new());
            if tag != "head" {
                b.open.push(Open {
                    id,
                    children: Ns::Html,
                });
            }
        }
        b
    }

    fn finish(mut self) -> Document<'a> {
        let end = self.nodes.len();
        for open in self.open.drain(..) {
            self.nodes[open.id].end = end;
        }
        Document { nodes: self.nodes }
    }

    fn current(&self) -> NodeId {
        self.open.last().map_or(0, |o| o.id)
    }

    /// Appends an element under the current node (not opened).
    fn element(&mut self, tag: Cow<'a, str>, attrs: Vec<(Attr, Cow<'a, str>)>) -> NodeId {
        let index = attrs
            .iter()
            .find(|(a, _)| *a == Attr::Index)
            .and_then(|(_, v)| v.parse().ok());
        let id = self.nodes.len();
        self.nodes.push(Node {
            kind: Kind::Element { tag, attrs, index },
            parent: Some(self.current()),
            end: id + 1,
        });
        id
    }

    /// Appends text under the current node, joining it to a text node just before it.
    fn text(&mut self, text: Cow<'a, str>) {
        if text.is_empty() {
            return;
        }
        let parent = self.current();
        if let Some(last) = self.nodes.last_mut() {
            if last.parent == Some(parent) {
                if let Kind::Text(t) = &mut last.kind {
                    t.to_mut().push_str(&text);
                    return;
                }
            }
        }
        let id = self.nodes.len();
        self.nodes.push(Node {
            kind: Kind::Text(text),
            parent: Some(parent),
            end: id + 1,
        });
    }

    /// Adds attributes to `<html>` or `<body>`, keeping those it has.
    fn merge(&mut self, id: NodeId, attrs: Vec<(Attr, Cow<'a, str>)>) {
        if let Kind::Element {
            attrs: have, index, ..
        } = &mut self.nodes[id].kind
        {
            for (a, v) in attrs {
                if !have.iter().any(|(h, _)| *h == a) {
                    if a == Attr::Index {
                        *index = v.parse().ok();
                    }
                    have.push((a, v));
                }
            }
        }
    }

    fn open(&mut self, id: NodeId, children: Ns) {
        if let Some(names) = &mut self.open_names {
            let tag = tag_name(&self.nodes[id]);
            match names.get_mut(tag) {
                Some(n) => *n += 1,
                None => {
                    names.insert(tag.into(), 1);
                }
            }
        }
        self.open.push(Open { id, children });
    }

    /// Closes the open elements down to and including position `at` of the stack (never the
    /// fixed ones).
    fn pop_to(&mut self, at: usize) {
        let end = self.nodes.len();
        while self.open.len() > at.max(FIXED) {
            let Some(open) = self.open.pop() else { break };
            self.nodes[open.id].end = end;
            if let Some(n) = self
                .open_names
                .as_mut()
                .and_then(|names| names.get_mut(tag_name(&self.nodes[open.id])))
            {
                *n = n.saturating_sub(1);
            }
        }
    }

    /// A start tag. Returns how the element's content is tokenized.
    fn start(
        &mut self,
        tag: Cow<'a, str>,
        attrs: Vec<(Attr, Cow<'a, str>)>,
        self_closing: bool,
    ) -> Content {
        let ns = match tag.as_ref() {
            "svg" => Ns::Svg,
            "math" => Ns::Math,
            _ => self.open.last().map_or(Ns::Html, |o| o.children),
        };
        if ns != Ns::Html {
            let children = children_ns(ns, &tag);
            let id = self.element(tag, attrs);
            if !self_closing {
                self.open(id, children);
            }
            return Content::Normal;
        }
        match tag.as_ref() {
            "html" => self.merge(HTML, attrs),
            "body" => self.merge(BODY, attrs),
            "head" => {}
            t if is_void(t) => {
                self.element(tag, attrs);
            }
            _ => {
                let content = content_of(&tag);
                let id = self.element(tag, attrs);
                self.open(id, Ns::Html);
                return content;
            }
        }
        Content::Normal
    }

    /// An end tag: closes the innermost open element of that name, if there is one.
    fn end(&mut self, tag: &str) {
        let top = self.open.len() - 1;
        if top >= FIXED && tag_name(&self.nodes[self.open[top].id]) == tag {
            self.pop_to(top);
            return;
        }
        let nodes = &self.nodes;
        let open = &self.open;
        let names = self.open_names.get_or_insert_with(|| {
            let mut names = OpenNames::default();
            for o in open.iter().skip(FIXED) {
                *names.entry(tag_name(&nodes[o.id]).into()).or_default() += 1;
            }
            names
        });
        if names.get(tag).is_none_or(|&n| n == 0) {
            return;
        }
        // The innermost match is above the fixed elements, and everything passed on the way
        // closes with it, so this look costs what closing costs.
        if let Some(at) = open.iter().rposition(|o| tag_name(&nodes[o.id]) == tag) {
            self.pop_to(at);
        }
    }

    fn run(&mut self, html: &'a str) {
        let bytes = html.as_bytes();
        let len = bytes.len();
        let mut at = 0; // where scanning resumes
        let mut text_from = 0; // start of the text not yet added
        while at < len {
            let Some(off) = bytes[at..].iter().position(|&b| b == b'<') else {
                break;
            };
            let lt = at + off;
            let next = bytes.get(lt + 1).copied();
            let after_markup = match next {
                Some(b'!') if bytes[lt..].starts_with(b"<!--") => Some(comment_end(bytes, lt + 4)),
                Some(b'!' | b'?') => Some(find_byte(bytes, lt + 2, b'>').map_or(len, |p| p + 1)),
                Some(b'/') => match bytes.get(lt + 2).copied() {
                    Some(c) if c.is_ascii_alphabetic() => {
                        self.flush(html, text_from, lt);
                        match read_tag(html, lt + 2) {
                            Some(tag) => {
                                self.end(&tag.name);
                                at = tag.next;
                            }
                            None => at = len,
                        }
                        text_from = at;
                        continue;
                    }
                    Some(b'>') => Some(lt + 3),
                    Some(_) => Some(find_byte(bytes, lt + 2, b'>').map_or(len, |p| p + 1)),
                    None => None,
                },
                Some(c) if c.is_ascii_alphabetic() => {
                    self.flush(html, text_from, lt);
                    let Some(tag) = read_tag(html, lt + 1) else {
                        at = len;
                        text_from = len;
                        continue;
                    };
                    let name = tag.name.clone();
                    at = tag.next;
                    let content = self.start(tag.name, tag.attrs, tag.self_closing);
                    if content != Content::Normal {
                        let close = if content == Content::Plaintext {
                            len
                        } else {
                            find_end_tag(bytes, at, &name).unwrap_or(len)
                        };
                        let text = &html[at..close];
                        let text = match content {
                            Content::Escapable => decode(text, false),
                            _ => Cow::Borrowed(text),
                        };
                        self.text(text);
                        at = close;
                    }
                    text_from = at;
                    continue;
                }
                _ => None,
            };
            match after_markup {
                Some(resume) => {
                    self.flush(html, text_from, lt);
                    at = resume;
                    text_from = resume;
                }
                None => at = lt + 1, // a '<' that starts nothing is text
            }
        }
        self.flush(html, text_from, len);
    }

    /// Adds the text between two pieces of markup.
    fn flush(&mut self, html: &'a str, from: usize, to: usize) {
        if from < to {
            self.text(decode(&html[from..to], false));
        }
    }
}

// ---------------------------------------------------------------- tokenizing

struct Tag<'a> {
    name: Cow<'a, str>,
    attrs: Vec<(Attr, Cow<'a, str>)>,
    self_closing: bool,
    /// Where the input resumes after the tag.
    next: usize,
}

fn find_byte(bytes: &[u8], from: usize, b: u8) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&c| c == b)
        .map(|p| p + from)
}

/// Where the input resumes after a comment whose text starts at `from` (after `<!--`).
fn comment_end(bytes: &[u8], from: usize) -> usize {
    let rest = bytes.get(from..).unwrap_or_default();
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    let mut i = from;
    while let Some(p) = find_byte(bytes, i, b'-') {
        let tail = &bytes[p..];
        if tail.starts_with(b"-->") {
            return p + 3;
        }
        if tail.starts_with(b"--!>") {
            return p + 4;
        }
        i = p + 1;
    }
    bytes.len()
}

/// The start of the end tag `</name` (followed by a space, `/` or `>`) from `from` on.
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let name = name.as_bytes();
    let mut i = from;
    while let Some(p) = find_byte(bytes, i, b'<') {
        let tail = &bytes[p + 1..];
        if tail.first() == Some(&b'/')
            && tail.len() > name.len()
            && tail[1..=name.len()].eq_ignore_ascii_case(name)
            && tail
                .get(name.len() + 1)
                .is_some_and(|&c| is_space_byte(c) || c == b'/' || c == b'>')
        {
            return Some(p);
        }
        i = p + 1;
    }
    None
}

fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Reads a tag's name and attributes from `from` (just after `<` or `</`). `None` when the
/// input ends inside the tag (the browser drops such a tag).
fn read_tag(html: &str, from: usize) -> Option<Tag<'_>> {
    let bytes = html.as_bytes();
    let len = bytes.len();
    let stop = |c: u8| is_space_byte(c) || c == b'/' || c == b'>';
    let mut i = from;
    while i < len && !stop(bytes[i]) {
        i += 1;
    }
    let name = lowercase(&html[from..i]);
    let mut attrs: Vec<(Attr, Cow<str>)> = Vec::new();
    loop {
        // Before an attribute name: spaces, and `/` unless it ends the tag.
        while i < len
            && (is_space_byte(bytes[i]) || (bytes[i] == b'/' && bytes.get(i + 1) != Some(&b'>')))
        {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => {
                return Some(Tag {
                    name,
                    attrs,
                    self_closing: false,
                    next: i + 1,
                })
            }
            b'/' => {
                return Some(Tag {
                    name,
                    attrs,
                    self_closing: true,
                    next: i + 2,
                })
            }
            _ => {}
        }
        let name_from = i;
        i += 1; // the first character may be '='
        while i < len && !stop(bytes[i]) && bytes[i] != b'=' {
            i += 1;
        }
        let attr = Attr::from_name(&html[name_from..i]);
        while i < len && is_space_byte(bytes[i]) {
            i += 1;
        }
        let mut value: Cow<str> = Cow::Borrowed("");
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < len && is_space_byte(bytes[i]) {
                i += 1;
            }
            match bytes.get(i)? {
                &q @ (b'"' | b'\'') => {
                    let close = find_byte(bytes, i + 1, q)?;
                    value = decode(&html[i + 1..close], true);
                    i = close + 1;
                }
                b'>' => {}
                _ => {
                    let value_from = i;
                    while i < len && !is_space_byte(bytes[i]) && bytes[i] != b'>' {
                        i += 1;
                    }
                    if i >= len {
                        return None;
                    }
                    value = decode(&html[value_from..i], true);
                }
            }
        }
        if let Some(attr) = attr {
            if !attrs.iter().any(|(a, _)| *a == attr) {
                attrs.push((attr, value));
            }
        }
    }
}

// ---------------------------------------------------------------- character references

/// Named references the parser knows. The browser's serializer only writes `&amp;` `&lt;`
/// `&gt;` `&quot;` and `&nbsp;`; the others are common ones, for hand-written input.
const NAMED: [(&str, &str); 31] = [
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("nbsp", "\u{a0}"),
    ("apos", "'"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("hellip", "…"),
    ("mdash", "—"),
    ("ndash", "–"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("middot", "·"),
    ("bull", "•"),
    ("euro", "€"),
    ("times", "×"),
    ("deg", "°"),
    ("shy", "\u{ad}"),
    ("zwj", "\u{200d}"),
    ("zwnj", "\u{200c}"),
    ("lrm", "\u{200e}"),
    ("rlm", "\u{200f}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("thinsp", "\u{2009}"),
];

/// Of those, the ones HTML also accepts without the final `;`.
const LEGACY: [&str; 7] = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"];

/// Code points 0x80–0x9F in a numeric reference mean windows-1252 characters.
const C1: [u16; 32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
];

/// Decodes character references (and the parser's newline and NUL handling) in text or in an
/// attribute value.
pub fn decode(raw: &str, in_attribute: bool) -> Cow<'_, str> {
    let special = |b: &u8| matches!(b, b'&' | b'\r' | b'\0');
    if !raw.as_bytes().iter().any(special) {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(p) = rest.as_bytes().iter().position(special) {
        out.push_str(&rest[..p]);
        let after = &rest[p + 1..];
        match rest.as_bytes()[p] {
            b'\r' => {
                out.push('\n');
                rest = after.strip_prefix('\n').unwrap_or(after);
            }
            b'\0' => {
                if in_attribute {
                    out.push('\u{FFFD}');
                }
                rest = after;
            }
            _ => match reference(after, in_attribute) {
                Some((used, Decoded::Char(c))) => {
                    out.push(c);
                    rest = &after[used..];
                }
                Some((used, Decoded::Str(t))) => {
                    out.push_str(t);
                    rest = &after[used..];
                }
                None => {
                    out.push('&');
                    rest = after;
                }
            },
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// What a character reference stands for.
enum Decoded {
    Char(char),
    Str(&'static str),
}

/// The reference at the start of `s` (just after `&`): how many bytes it uses and what it
/// stands for.
fn reference(s: &str, in_attribute: bool) -> Option<(usize, Decoded)> {
    let bytes = s.as_bytes();
    if bytes.first() == Some(&b'#') {
        let hex = matches!(bytes.get(1), Some(b'x' | b'X'));
        let from = if hex { 2 } else { 1 };
        let digits = bytes[from..]
            .iter()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let mut value: u32 = 0;
        for &b in &bytes[from..from + digits] {
            let d = (b as char).to_digit(16).unwrap_or(0);
            value = value
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d)
                .min(0x110000);
        }
        let mut used = from + digits;
        if bytes.get(used) == Some(&b';') {
            used += 1;
        }
        let c = match value {
            0x80..=0x9F => char::from_u32(u32::from(C1[(value - 0x80) as usize])),
            0 => None,
            v => char::from_u32(v),
        }
        .unwrap_or('\u{FFFD}');
        return Some((used, Decoded::Char(c)));
    }
    let run = bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = &s[..run];
    if bytes.get(run) == Some(&b';') {
        if let Some(&(_, text)) = NAMED.iter().find(|(n, _)| *n == name) {
            return Some((run + 1, Decoded::Str(text)));
        }
    }
    let legacy = LEGACY.iter().find(|l| name.starts_with(**l))?;
    let next = bytes.get(legacy.len()).copied();
    if in_attribute && next.is_some_and(|c| c == b'=' || c.is_ascii_alphanumeric()) {
        return None;
    }
    let text = NAMED
        .iter()
        .find(|(n, _)| n == legacy)
        .map_or("", |(_, t)| *t);
    Some((legacy.len(), Decoded::Str(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree under `<body>` as `tag[attr=value](children)` and `"text"`, template contents
    /// shown as `{…}`.
    fn outline(html: &str) -> String {
        let doc = Document::parse(html);
        children(&doc, doc.body())
    }

    fn children(doc: &Document, id: NodeId) -> String {
        let mut parts = Vec::new();
        let mut at = id + 1;
        while at < doc.nodes[id].end {
            parts.push(node(doc, at));
            at = doc.nodes[at].end;
        }
        parts.join(",")
    }

    fn node(doc: &Document, id: NodeId) -> String {
        match &doc.nodes[id].kind {
            Kind::Text(t) => format!("{t:?}"),
            Kind::Document => "#document".into(),
            Kind::Element { tag, attrs, .. } => {
                let attrs: Vec<String> = attrs.iter().map(|(a, v)| format!("{a:?}={v}")).collect();
                let attrs = if attrs.is_empty() {
                    String::new()
                } else {
                    format!("[{}]", attrs.join(" "))
                };
                let inner = children(doc, id);
                if tag == "template" {
                    format!("{tag}{attrs}{{{inner}}}")
                } else if inner.is_empty() {
                    format!("{tag}{attrs}")
                } else {
                    format!("{tag}{attrs}({inner})")
                }
            }
        }
    }

    #[test]
    fn everything_sits_in_html_and_body() {
        let doc = Document::parse("<body class=\"x\"><p>a</p></body> after");
        assert_eq!(doc.tag(1), "html");
        assert_eq!(doc.tag(2), "head");
        assert_eq!(doc.tag(doc.body()), "body");
        assert_eq!(doc.attr(doc.body(), Attr::Class), Some("x"));
        assert_eq!(outline("<body><p>a</p></body> after"), r#"p("a")," after""#);
        assert_eq!(outline(""), "");
    }

    #[test]
    fn html_and_body_tags_lend_their_attributes() {
        let doc = Document::parse(
            r#"<html lang="fr" data-x="1" class="h"><body class="b" data-ti="0"><p data-ti="1">a</p><body lang="x" hidden></body></html>"#,
        );
        assert_eq!(doc.attr(HTML, Attr::Lang), Some("fr"));
        assert_eq!(doc.attr(HTML, Attr::Class), Some("h"));
        assert_eq!(doc.attr(BODY, Attr::Class), Some("b"));
        assert_eq!(doc.attr(BODY, Attr::Lang), Some("x"));
        assert!(doc.has_attr(BODY, Attr::Hidden));
        assert_eq!(doc.index(BODY), Some(0));
        assert_eq!(doc.parents_by_index(), [-1, 0]);
        assert_eq!(
            outline("<head><title>t</title></head><body>a</body>"),
            r#"title("t"),"a""#
        );
    }

    #[test]
    fn the_reader_attributes_are_kept() {
        assert_eq!(
            outline(
                r#"<div lang="es" hidden inert style="display:none" aria-modal="true" id="x" tabindex=0></div>"#
            ),
            "div[Lang=es Hidden= Inert= Style=display:none AriaModal=true]"
        );
    }

    #[test]
    fn elements_keep_the_serialized_shape() {
        // Shapes a script can build and the serializer writes as they are, which HTML parsing
        // of the same text would reshape.
        for (html, shape) in [
            ("<p>x<div>y</div>z</p>", r#"p("x",div("y"),"z")"#),
            ("<p>a<p>b</p>c</p>", r#"p("a",p("b"),"c")"#),
            ("<li>a<li>b</li></li>", r#"li("a",li("b"))"#),
            (
                "<ul><li>a<ul><li>b</li></ul>c</li></ul>",
                r#"ul(li("a",ul(li("b")),"c"))"#,
            ),
            (
                r#"<a href="x">a<a href="y">b</a>c</a>"#,
                r#"a[Href=x]("a",a[Href=y]("b"),"c")"#,
            ),
            (
                "<table><div>x</div><tr><td>y</td></tr></table>",
                r#"table(div("x"),tr(td("y")))"#,
            ),
            (
                "<button>a<button>b</button>c</button>",
                r#"button("a",button("b"),"c")"#,
            ),
            ("<h1>t<h2>u</h2></h1>", r#"h1("t",h2("u"))"#),
            ("<dl><dd>a<dt>b</dt></dd></dl>", r#"dl(dd("a",dt("b")))"#),
            (
                "<select><div>a</div><option>b</option></select>",
                r#"select(div("a"),option("b"))"#,
            ),
            ("<form><form>a</form></form>", r#"form(form("a"))"#),
            ("<b><i>a</b>c</i>", r#"b(i("a")),"c""#),
        ] {
            assert_eq!(outline(html), shape, "{html}");
        }
    }

    #[test]
    fn void_elements_have_no_children() {
        assert_eq!(
            outline("<div>a<br>b<img src=x></img><input/>c<hr><wbr></div>"),
            r#"div("a",br,"b",img[Src=x],input,"c",hr,wbr)"#
        );
        assert_eq!(outline("a</br>b<br/>c"), r#""ab",br,"c""#);
        // Outside foreign content `/>` closes nothing but a void element.
        assert_eq!(outline("<div/>a</div>b"), r#"div("a"),"b""#);
    }

    #[test]
    fn end_tags_close_their_element_and_what_it_holds() {
        assert_eq!(
            outline("<div><span><b>a</div>b</span>c"),
            r#"div(span(b("a"))),"bc""#
        );
        assert_eq!(
            outline("<div><p>a<span>b</p>c</div>"),
            r#"div(p("a",span("b")),"c")"#
        );
        // Stray end tags are ignored, whatever their name.
        assert_eq!(
            outline("a</span>b</div></p></li></br></body></html></head>c<div>d</li></td></div>e"),
            r#""abc",div("d"),"e""#
        );
        // Still open at the end of the input: closed there.
        let doc = Document::parse("<div><span>a<b>b");
        assert_eq!(outline("<div><span>a<b>b"), r#"div(span("a",b("b")))"#);
        assert!(
            (4..doc.nodes.len()).all(|id| doc.nodes[id].end == doc.nodes.len()
                || matches!(doc.nodes[id].kind, Kind::Text(_)))
        );
    }

    #[test]
    fn foreign_content() {
        assert_eq!(
            outline(
                r#"<svg viewBox="0 0 1 1"><path d="x"></path><circle/><g><rect></rect><img>i</img></g></svg><p>t</p>"#
            ),
            r#"svg(path,circle,g(rect,img("i"))),p("t")"#
        );
        // No void or raw-text names inside svg: a `<style>` there is an SVG element.
        assert_eq!(
            outline("<svg><style>a &amp; <b>c</b></style><br></br></svg>"),
            r#"svg(style("a & ",b("c")),br)"#
        );
        assert_eq!(
            outline("<math><mi>x<br>y</mi><mrow><mn/>2</mrow></math>"),
            r#"math(mi("x",br,"y"),mrow(mn,"2"))"#
        );
        // HTML integration points hold HTML again, and `<svg>` inside them is SVG.
        assert_eq!(
            outline("<svg><foreignObject><div>a<img>b<svg><circle/></svg></div></foreignObject><title>t<br>u</title></svg>"),
            r#"svg(foreignobject(div("a",img,"b",svg(circle))),title("t",br,"u"))"#
        );
        // Tags unknown to HTML keep their shape; `<html>` and `<body>` are ordinary there.
        assert_eq!(
            outline("<svg><body>a</body><html></html></svg>"),
            r#"svg(body("a"),html)"#
        );
    }

    #[test]
    fn comments_doctypes_and_stray_markup() {
        assert_eq!(
            outline("<!doctype html><!-- <p>x</p> -->a<!---->b<!-->c<?pi?>d</ >e</>f<!-- open"),
            r#""abcdef""#
        );
        assert_eq!(outline("1 < 2 <3 a<"), r#""1 < 2 <3 a<""#);
        assert_eq!(outline("a<div title=\"x"), r#""a""#);
        assert_eq!(outline("a</div"), r#""a""#);
    }

    #[test]
    fn attributes_quoted_unquoted_and_repeated() {
        assert_eq!(
            outline(
                r#"<a HREF="/in/a/?x=1&amp;y=>2" Class='c d' role=button data-ti=7 aria-hidden href="/no/">t</a>"#
            ),
            r#"a[Href=/in/a/?x=1&y=>2 Class=c d Role=button Index=7 AriaHidden=]("t")"#
        );
        let doc = Document::parse(r#"<p data-ti="12" data-x="1">"#);
        assert_eq!(doc.index(4), Some(12));
        assert_eq!(doc.attr(4, Attr::Href), None);
        let doc = Document::parse(r#"<p data-ti="-1">"#);
        assert_eq!(doc.index(4), None);
        assert_eq!(
            outline(r#"<img alt="a/b" src=x/><input/><p/>t"#),
            r#"img[Alt=a/b Src=x/],input,p("t")"#
        );
        assert_eq!(outline("<img alt = \"a\"  / >"), "img[Alt=a]");
    }

    #[test]
    fn character_references() {
        assert_eq!(
            decode(
                "&amp;&lt;&gt;&quot;&#39;&#x27;&#X41;&nbsp;&hellip;&rsquo;",
                false
            ),
            "&<>\"''A\u{a0}…’"
        );
        assert_eq!(
            decode("&#0;&#x110000;&#xD800;&#128;&#150;", false),
            "\u{FFFD}\u{FFFD}\u{FFFD}€–"
        );
        assert_eq!(decode("&#99999999999999999999;", false), "\u{FFFD}");
        assert_eq!(
            decode("a & b &unknown; &# &#x; &", false),
            "a & b &unknown; &# &#x; &"
        );
        assert_eq!(decode("&ampx &amp &copy2", false), "&x & ©2");
        assert_eq!(
            decode("&ampx &amp= &amp &copy2", true),
            "&ampx &amp= & &copy2"
        );
        assert_eq!(decode("a\r\nb\rc\0d", false), "a\nb\ncd");
        assert_eq!(decode("a\0", true), "a\u{FFFD}");
        assert!(matches!(decode("plain", false), Cow::Borrowed(_)));
    }

    #[test]
    fn raw_text_and_templates() {
        assert_eq!(
            outline("<style>p>a{}</style><script>if (a<b) {}</SCRIPT >x<textarea>&lt;b&gt;</b></textarea>"),
            r#"style("p>a{}"),script("if (a<b) {}"),"x",textarea("<b></b>")"#
        );
        assert_eq!(outline("<script>never closed"), r#"script("never closed")"#);
        // The snapshot comes from a document with scripting on: noscript holds raw text.
        assert_eq!(
            outline("<noscript><p>x</p><a href=y>&amp;</noscript><p>z</p>"),
            r#"noscript("<p>x</p><a href=y>&amp;"),p("z")"#
        );
        assert_eq!(
            outline("<xmp><b></xmp><iframe><p></iframe ><title>&lt;t&gt;<i></title>"),
            r#"xmp("<b>"),iframe("<p>"),title("<t><i>")"#
        );
        assert_eq!(
            outline("<template><p>hidden<button>Accept</button></template><p>shown"),
            r#"template{p("hidden",button("Accept"))},p("shown")"#
        );
        let doc = Document::parse("<div><template><a href=x>t</a></template>u</div>");
        assert_eq!(
            doc.elements().map(|e| doc.tag(e)).collect::<Vec<_>>(),
            ["html", "head", "body", "div", "template"]
        );
        assert_eq!(doc.text_content(4), "u");
        assert_eq!(
            outline("<svg><path d=x /><style>a</style></svg><p>t"),
            r#"svg(path,style("a")),p("t")"#
        );
        assert_eq!(outline("<plaintext><p>x"), r#"plaintext("<p>x")"#);
    }

    #[test]
    fn walks_and_predicates() {
        let doc = Document::parse(
            r#"<div class="Sr-Only ghostly"><!--c--><b>x</b> y <i>z</i><span>w</span></div>"#,
        );
        let div = 4;
        let tags = |ids: Vec<NodeId>| {
            ids.iter()
                .map(|&i| doc.tag(i).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(tags(doc.descendants(div).collect()), ["b", "i", "span"]);
        assert_eq!(doc.text_content(div), "x y zw");
        assert!(doc.has_class(div, "sr-only"));
        assert!(!doc.has_class(div, "ghost"));
        assert!(doc.class_contains(div, "ghost"));
        assert!(!doc.class_contains(div, "sr-only"));
        let b = 5;
        assert_eq!(doc.next_element_sibling(b).map(|n| doc.tag(n)), Some("i"));
        assert_eq!(doc.parent_element(b), Some(div));
        assert_eq!(tags(doc.ancestors(b).collect()), ["div", "body", "html"]);
        assert_eq!(doc.closest(b, |n| doc.tag(n) == "b"), Some(b));
        assert_eq!(doc.closest(b, |n| doc.tag(n) == "div"), Some(div));
        assert!(doc.contains(div, b) && doc.contains(b, b) && !doc.contains(b, div));
        assert_eq!(doc.parent_element(1), None);
    }

    /// `depth` nested `<tag data-ti=…>`, the innermost holding `inner`, each closed when
    /// `close`, then a `<p>` numbered `depth`.
    fn nested(tag: &str, depth: usize, inner: &str, close: bool) -> String {
        let mut html = String::new();
        for i in 0..depth {
            html.push_str(&format!("<{tag} data-ti=\"{i}\">"));
        }
        html.push_str(inner);
        if close {
            html.push_str(&format!("</{tag}>").repeat(depth));
        }
        html.push_str(&format!("<p data-ti=\"{depth}\">after</p>"));
        html
    }

    #[test]
    fn deep_pages_keep_their_depth() {
        for (depth, tags) in [
            (10_000, &["div", "p", "li", "a", "button"][..]),
            (100_000, &["div"][..]),
        ] {
            let chain = || (-1..depth as i32 - 1).collect::<Vec<i32>>();
            for &tag in tags {
                for (inner, close) in [("x", true), ("x</span></nope>", true), ("x", false)] {
                    let html = nested(tag, depth, inner, close);
                    let doc = Document::parse(&html);
                    let mut parents = chain();
                    // Unclosed, the `<p>` after is inside the innermost element.
                    parents.push(if close { -1 } else { depth as i32 - 1 });
                    assert_eq!(doc.parents_by_index(), parents, "{tag} {inner} {close}");
                    let innermost = BODY + depth;
                    assert_eq!(doc.index(innermost), Some(depth as u32 - 1));
                    assert_eq!(
                        doc.ancestors(innermost).count(),
                        depth + 1,
                        "with body, html"
                    );
                    assert_eq!(
                        doc.text_content(BODY + 1),
                        if close { "x" } else { "xafter" }
                    );
                    assert_eq!(doc.text_content(BODY), "xafter");
                    assert_eq!(doc.descendants(BODY).count(), depth + 1);
                }
            }
            // Deep foreign content, closed by `/>` at the bottom.
            let svg = format!(
                "<svg>{}<path/>{}</svg>",
                "<g>".repeat(depth),
                "</g>".repeat(depth)
            );
            let doc = Document::parse(&svg);
            let path = BODY + depth + 2;
            assert_eq!(doc.tag(path), "path");
            assert_eq!(doc.ancestors(path).count(), depth + 3);
            assert_eq!(doc.nodes[BODY + 1].end, doc.nodes.len());
        }
    }

    #[test]
    fn parents_by_index() {
        let doc = Document::parse(
            r#"<div data-ti="0"><b data-ti="2">x</b><template><i data-ti="3"></i></template><i data-ti="2"></i></div><p data-ti="99999"><a data-ti="7"></a></p><p data-ti="5"><br data-ti="4"></p><span data-ti="x"><em data-ti="6"></em></span>"#,
        );
        // 1 and 3 (inside a template) name no element; the second 2 is not the first; 99999
        // is larger than the document.
        assert_eq!(doc.parents_by_index(), [-1, -2, 0, -2, 5, -1, -1, -1]);
        assert!(Document::parse("<p>no index</p>")
            .parents_by_index()
            .is_empty());
        assert!(Document::parse(r#"<p data-ti="4294967295">"#)
            .parents_by_index()
            .is_empty());
    }

    /// A DOM as a script could build it, for the serialization round trip.
    #[derive(Clone, Debug)]
    enum Tree {
        Text(String),
        Element(&'static str, Option<String>, Vec<Tree>),
    }

    const CONTAINERS: [&str; 24] = [
        "div",
        "p",
        "li",
        "ul",
        "a",
        "button",
        "table",
        "tr",
        "td",
        "h1",
        "h2",
        "dl",
        "dd",
        "dt",
        "select",
        "option",
        "form",
        "span",
        "b",
        "i",
        "section",
        "template",
        "label",
        "custom-el",
    ];
    const VOIDS: [&str; 6] = ["br", "img", "input", "hr", "wbr", "link"];
    const RAWS: [&str; 5] = ["script", "style", "noscript", "xmp", "iframe"];
    const SVG: [&str; 5] = ["g", "path", "circle", "text", "lineargradient"];

    fn tree_text() -> impl proptest::strategy::Strategy<Value = String> {
        "[a-z &<>\"'=;#\u{a0}é]{1,6}"
    }

    fn svg_tree() -> proptest::strategy::BoxedStrategy<Tree> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            tree_text().prop_map(Tree::Text),
            proptest::sample::select(&SVG[..]).prop_map(|t| Tree::Element(t, None, vec![])),
        ];
        leaf.prop_recursive(3, 12, 3, |inner| {
            (
                proptest::sample::select(&SVG[..]),
                proptest::collection::vec(inner, 0..3),
            )
                .prop_map(|(t, c)| Tree::Element(t, None, c))
        })
        .boxed()
    }

    fn class() -> impl proptest::strategy::Strategy<Value = Option<String>> {
        proptest::option::of("[a-z \"&<>'=\u{a0}]{0,6}")
    }

    fn html_tree() -> proptest::strategy::BoxedStrategy<Tree> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            3 => tree_text().prop_map(Tree::Text),
            1 => (proptest::sample::select(&VOIDS[..]), class())
                .prop_map(|(t, c)| Tree::Element(t, c, vec![])),
            // Raw text as the serializer writes it: anything but an end tag.
            1 => (proptest::sample::select(&RAWS[..]), "([a-z &>\"=;\u{a0}]|<[a-z]{1,2}>?|<){0,6}")
                .prop_map(|(t, s)| Tree::Element(t, None, vec![Tree::Text(s)])),
            1 => (proptest::sample::select(&["textarea", "title"][..]), tree_text())
                .prop_map(|(t, s)| Tree::Element(t, None, vec![Tree::Text(s)])),
            1 => proptest::collection::vec(svg_tree(), 0..3)
                .prop_map(|c| Tree::Element("svg", None, c)),
        ];
        leaf.prop_recursive(5, 64, 4, |inner| {
            prop_oneof![
                6 => (
                    proptest::sample::select(&CONTAINERS[..]),
                    class(),
                    proptest::collection::vec(inner.clone(), 0..4),
                )
                    .prop_map(|(t, c, ch)| Tree::Element(t, c, ch)),
                1 => proptest::collection::vec(inner, 0..3).prop_map(|c| {
                    Tree::Element("svg", None, vec![Tree::Element("foreignobject", None, c)])
                }),
            ]
        })
        .boxed()
    }

    fn escape(s: &str, attribute: bool) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '\u{a0}' => out.push_str("&nbsp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' if attribute => out.push_str("&quot;"),
                c => out.push(c),
            }
        }
        out
    }

    /// A tree serialized as the browser does (`outerHTML`, elements numbered outside template
    /// contents), with each numbered element's parent index; the methods return the
    /// [`outline`] expected of what they wrote.
    #[derive(Default)]
    struct RoundTrip {
        html: String,
        parents: Vec<i32>,
    }

    impl RoundTrip {
        fn children(&mut self, trees: &[Tree], raw: bool, parent: Option<i32>) -> String {
            let mut parts = Vec::new();
            let mut text = String::new();
            for tree in trees {
                match tree {
                    Tree::Text(t) => {
                        self.html
                            .push_str(&if raw { t.clone() } else { escape(t, false) });
                        text.push_str(t);
                    }
                    Tree::Element(tag, class, children) => {
                        if !text.is_empty() {
                            parts.push(format!("{text:?}"));
                            text.clear();
                        }
                        parts.push(self.element(tag, class.as_deref(), children, parent));
                    }
                }
            }
            if !text.is_empty() {
                parts.push(format!("{text:?}"));
            }
            parts.join(",")
        }

        fn element(
            &mut self,
            tag: &str,
            class: Option<&str>,
            children: &[Tree],
            parent: Option<i32>,
        ) -> String {
            let mut attrs = Vec::new();
            self.html.push_str(&format!("<{tag}"));
            let index = parent.map(|p| {
                self.parents.push(p);
                self.parents.len() as i32 - 1
            });
            if let Some(i) = index {
                self.html.push_str(&format!(" data-ti=\"{i}\""));
                attrs.push(format!("Index={i}"));
            }
            if let Some(c) = class {
                self.html
                    .push_str(&format!(" class=\"{}\"", escape(c, true)));
                attrs.push(format!("Class={c}"));
            }
            self.html.push('>');
            if VOIDS.contains(&tag) {
                return format!("{tag}[{}]", attrs.join(" ")).replace("[]", "");
            }
            let inner_parent = if tag == "template" { None } else { index };
            let inner = self.children(children, RAWS.contains(&tag), inner_parent);
            self.html.push_str(&format!("</{tag}>"));
            let attrs = if attrs.is_empty() {
                String::new()
            } else {
                format!("[{}]", attrs.join(" "))
            };
            if tag == "template" {
                format!("{tag}{attrs}{{{inner}}}")
            } else if inner.is_empty() {
                format!("{tag}{attrs}")
            } else {
                format!("{tag}{attrs}({inner})")
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// A tree serialized as the browser does is read back in its own shape, with its
        /// parents by index.
        #[test]
        fn serialized_trees_read_back_whole(
            body in proptest::collection::vec(html_tree(), 0..6),
            wrap in proptest::bool::ANY,
        ) {
            let mut rt = RoundTrip::default();
            let shape = rt.children(&body, false, Some(-1));
            let html = if wrap {
                format!("<html lang=\"en\"><body>{}</body></html>", rt.html)
            } else {
                rt.html.clone()
            };
            let doc = Document::parse(&html);
            proptest::prop_assert_eq!(children(&doc, doc.body()), shape, "{}", html);
            proptest::prop_assert_eq!(doc.parents_by_index(), rt.parents);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        /// Any input parses, and every subtree sits inside its parent's.
        #[test]
        fn any_input_parses_into_a_tree(s in "(<[a-z/!?]{0,3}| data-ti=[0-9]{1,2}|[ a-z=\"'&#;x0-9>-]{0,6}|.{0,4}){0,60}") {
            let doc = Document::parse(&s);
            for (id, n) in doc.nodes.iter().enumerate().skip(1) {
                let parent = n.parent.expect("a parent");
                proptest::prop_assert!(parent < id && n.end > id);
                proptest::prop_assert!(n.end <= doc.nodes[parent].end);
            }
            for e in doc.elements() {
                let _ = (doc.text_content(e), doc.next_element_sibling(e), doc.ancestors(e).count());
            }
            proptest::prop_assert!(doc.parents_by_index().len() <= doc.nodes.len());
        }
    }

    /// The content script sends only the attributes the reader keeps (`SNAPSHOT_ATTRS` in
    /// extension/content.js): the two lists name the same attributes.
    #[test]
    fn the_content_script_sends_the_attributes_the_reader_reads() {
        let js =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/extension/content.js"))
                .unwrap();
        let start = js
            .find("const SNAPSHOT_ATTRS = new Set([")
            .expect("SNAPSHOT_ATTRS in content.js");
        let list = &js[start..start + js[start..].find("]);").unwrap()];
        let sent: Vec<&str> = list.split('\'').skip(1).step_by(2).collect();
        // Set by the content script itself (the index, stubs), dropped (our UI), or sent as a
        // flag (`src`).
        let own = [
            "data-ti",
            "data-triage-known",
            "data-triage-later",
            "data-triage-ui",
            "src",
        ];
        let mut read: Vec<&str> = ATTR_NAMES
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| !own.contains(name))
            .collect();
        let mut sent_sorted = sent.clone();
        read.sort_unstable();
        sent_sorted.sort_unstable();
        assert_eq!(sent_sorted, read);
    }
}
