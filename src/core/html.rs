//! A small HTML parser for the content script's snapshot: the page's `<body>` as the browser
//! serialized it (`outerHTML`), every element numbered with `data-ti`.
//!
//! The snapshot is well-formed serialization, so this parser implements the part of the HTML
//! parsing rules such input needs, and recovers from the rest without panicking: void elements,
//! raw-text elements (`script`, `style`, …), `textarea`/`title`, comments and doctypes, quoted
//! and unquoted attributes, character references, and the implied end tags of `<p>`, `<li>`,
//! `<dd>`/`<dt>`, `<button>` and headings. Like the browser's `DOMParser`, everything sits in
//! `<html><head></head><body>…</body></html>`, and a `<template>`'s content is not part of the
//! tree (walks skip it). Not done (never produced by serialization of a parsed page): table
//! fix-ups (implied `<tbody>`, foster parenting), re-nesting of mis-nested formatting elements.
//!
//! Nodes live in one arena in document order, each knowing where its subtree ends, so
//! descendant walks are slices and containment is two comparisons. Only the attributes the
//! reader uses are kept ([`Attr`]).

use std::borrow::Cow;

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
}

const ATTR_NAMES: [(&str, Attr); 20] = [
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
    ("lang", Attr::Lang),
    ("hidden", Attr::Hidden),
    ("inert", Attr::Inert),
    ("style", Attr::Style),
    ("aria-modal", Attr::AriaModal),
];

impl Attr {
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
}

fn is_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0C' | b'\r')
}

// ---------------------------------------------------------------- tree construction

/// Elements that never have children.
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

/// Start tags that close an open `<p>` (in quirks mode, so not `table`).
fn closes_p(tag: &str) -> bool {
    is_heading(tag)
        || matches!(
            tag,
            "address"
                | "article"
                | "aside"
                | "blockquote"
                | "center"
                | "details"
                | "dialog"
                | "dir"
                | "div"
                | "dl"
                | "fieldset"
                | "figcaption"
                | "figure"
                | "footer"
                | "form"
                | "header"
                | "hgroup"
                | "hr"
                | "listing"
                | "main"
                | "menu"
                | "nav"
                | "ol"
                | "p"
                | "plaintext"
                | "pre"
                | "search"
                | "section"
                | "summary"
                | "ul"
                | "li"
                | "dd"
                | "dt"
                | "xmp"
        )
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The parser's "special" elements (those an end tag for another element never closes).
fn is_special(tag: &str) -> bool {
    closes_p(tag)
        || is_void(tag)
        || matches!(
            tag,
            "applet"
                | "body"
                | "button"
                | "caption"
                | "colgroup"
                | "frameset"
                | "head"
                | "html"
                | "iframe"
                | "marquee"
                | "noembed"
                | "noframes"
                | "noscript"
                | "object"
                | "script"
                | "select"
                | "style"
                | "table"
                | "tbody"
                | "td"
                | "template"
                | "textarea"
                | "tfoot"
                | "th"
                | "thead"
                | "title"
                | "tr"
        )
}

/// Elements that bound the parser's "in scope" searches.
fn is_scope_boundary(tag: &str) -> bool {
    matches!(
        tag,
        "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template"
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

fn content_of(tag: &str) -> Content {
    match tag {
        "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" => Content::Raw,
        "textarea" | "title" => Content::Escapable,
        "plaintext" => Content::Plaintext,
        _ => Content::Normal,
    }
}

struct Builder<'a> {
    nodes: Vec<Node<'a>>,
    /// Open elements, innermost last, each with whether it is inside `<svg>` or `<math>`.
    open: Vec<(NodeId, bool)>,
}

impl<'a> Builder<'a> {
    fn new() -> Self {
        let mut b = Builder {
            nodes: Vec::new(),
            open: Vec::new(),
        };
        b.nodes.push(Node {
            kind: Kind::Document,
            parent: None,
            end: 0,
        });
        b.open.push((0, false));
        for tag in ["html", "head", "body"] {
            let id = b.element(Cow::Borrowed(tag), Vec::new());
            if tag == "head" {
                b.nodes[id].end = id + 1;
            } else {
                b.open.push((id, false));
            }
        }
        b
    }

    fn finish(mut self) -> Document<'a> {
        let end = self.nodes.len();
        for (id, _) in self.open.drain(..) {
            self.nodes[id].end = end;
        }
        Document { nodes: self.nodes }
    }

    fn current(&self) -> NodeId {
        self.open.last().map_or(0, |&(id, _)| id)
    }

    fn tag_of(&self, id: NodeId) -> &str {
        match &self.nodes[id].kind {
            Kind::Element { tag, .. } => tag,
            _ => "",
        }
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

    /// Closes the open elements down to and including position `at` of the stack.
    fn pop_to(&mut self, at: usize) {
        let end = self.nodes.len();
        // Never close the document, <html> or <body>.
        let at = at.max(3);
        while self.open.len() > at {
            if let Some((id, _)) = self.open.pop() {
                self.nodes[id].end = end;
            }
        }
    }

    /// Position in the stack of the innermost open `tag`, searching no further than `stop`.
    fn in_scope(&self, tag: &str, stop: impl Fn(&str) -> bool) -> Option<usize> {
        for (pos, &(id, _)) in self.open.iter().enumerate().rev() {
            let t = self.tag_of(id);
            if t == tag {
                return Some(pos);
            }
            if stop(t) {
                return None;
            }
        }
        None
    }

    fn close_p(&mut self) {
        if let Some(at) = self.in_scope("p", |t| is_scope_boundary(t) || t == "button") {
            self.pop_to(at);
        }
    }

    /// A start tag. Returns how the element's content is tokenized.
    fn start(
        &mut self,
        tag: Cow<'a, str>,
        attrs: Vec<(Attr, Cow<'a, str>)>,
        self_closing: bool,
    ) -> Content {
        let foreign = self.open.last().is_some_and(|&(_, f)| f);
        if !foreign {
            match tag.as_ref() {
                "html" | "body" => {
                    let id = if tag == "html" { HTML } else { BODY };
                    if let Kind::Element { attrs: have, .. } = &mut self.nodes[id].kind {
                        for (a, v) in attrs {
                            if !have.iter().any(|(h, _)| *h == a) {
                                have.push((a, v));
                            }
                        }
                    }
                    return Content::Normal;
                }
                "head" => return Content::Normal,
                _ => {}
            }
            let t = tag.as_ref();
            if t == "li" || t == "dd" || t == "dt" {
                let closes: &[&str] = if t == "li" { &["li"] } else { &["dd", "dt"] };
                for pos in (0..self.open.len()).rev() {
                    let open = self.tag_of(self.open[pos].0);
                    if closes.contains(&open) {
                        self.pop_to(pos);
                        break;
                    }
                    if is_special(open) && !matches!(open, "address" | "div" | "p") {
                        break;
                    }
                }
            }
            if t == "button" {
                if let Some(at) = self.in_scope("button", is_scope_boundary) {
                    self.pop_to(at);
                }
            }
            if closes_p(t) {
                self.close_p();
            }
            if is_heading(t) && is_heading(self.tag_of(self.current())) {
                self.pop_to(self.open.len() - 1);
            }
        }
        let enters_foreign = foreign || tag == "svg" || tag == "math";
        let content = if enters_foreign {
            Content::Normal
        } else {
            content_of(&tag)
        };
        let void = if enters_foreign {
            self_closing
        } else {
            is_void(&tag)
        };
        let id = self.element(tag, attrs);
        if !void {
            self.open.push((id, enters_foreign));
        }
        content
    }

    fn end(&mut self, tag: &str) {
        match tag {
            "html" | "body" | "head" => return,
            "br" => {
                self.element(Cow::Borrowed("br"), Vec::new());
                return;
            }
            _ => {}
        }
        if tag == "p"
            && self
                .in_scope("p", |t| is_scope_boundary(t) || t == "button")
                .is_none()
        {
            // `</p>` with no open paragraph makes an empty one.
            self.element(Cow::Borrowed("p"), Vec::new());
            return;
        }
        if is_special(tag) {
            let stop = |t: &str| {
                is_scope_boundary(t)
                    || (tag == "li" && matches!(t, "ol" | "ul"))
                    || (tag == "p" && t == "button")
            };
            if let Some(at) = self.in_scope(tag, stop) {
                self.pop_to(at);
            }
            return;
        }
        for pos in (0..self.open.len()).rev() {
            let open = self.tag_of(self.open[pos].0);
            if open == tag {
                self.pop_to(pos);
                return;
            }
            if is_special(open) {
                return;
            }
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
    fn void_elements_and_implied_end_tags() {
        assert_eq!(
            outline("<ul><li>a<br>b<li><span>c<li>d</ul><p>x<div>y</div>z</p>"),
            r#"ul(li("a",br,"b"),li(span("c")),li("d")),p("x"),div("y"),"z",p"#
        );
        assert_eq!(
            outline("<li>a<ul><li>b</ul>c"),
            r#"li("a",ul(li("b")),"c")"#
        );
        assert_eq!(
            outline("<dl><dt>a<dd>b<dt>c</dl><h1>t<h2>u</h2>"),
            r#"dl(dt("a"),dd("b"),dt("c")),h1("t"),h2("u")"#
        );
        assert_eq!(
            outline("<button>a<button>b</button><img src=x></img>"),
            r#"button("a"),button("b"),img[Src=x]"#
        );
        assert_eq!(outline("a</br>b"), r#""a",br,"b""#);
        assert_eq!(
            outline("<div><span>a</div>b</span>c"),
            r#"div(span("a")),"bc""#
        );
        assert_eq!(
            outline("<div><section>a</div>b"),
            r#"div(section("a")),"b""#
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        /// Any input parses, and every subtree sits inside its parent's.
        #[test]
        fn any_input_parses_into_a_tree(s in "(<[a-z/!?]{0,3}|[ a-z=\"'&#;x0-9>-]{0,6}|.{0,4}){0,60}") {
            let doc = Document::parse(&s);
            for (id, n) in doc.nodes.iter().enumerate().skip(1) {
                let parent = n.parent.expect("a parent");
                proptest::prop_assert!(parent < id && n.end > id);
                proptest::prop_assert!(n.end <= doc.nodes[parent].end);
            }
            for e in doc.elements() {
                let _ = (doc.text_content(e), doc.next_element_sibling(e), doc.ancestors(e).count());
            }
        }
    }
}
