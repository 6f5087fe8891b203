//! Snapshots in parts (`core::partial`): every fixture page, cut at every element and read in
//! chains of parts as the content script sends them, reads exactly as the whole page does.

mod common;

use std::collections::{BTreeMap, HashSet};

use invite_triage::core::html::{Attr, Document, NodeId};
use invite_triage::core::partial::Cut;
use invite_triage::core::plan::ReadCard;
use invite_triage::core::read::read_document;
use invite_triage::core::sent::{read_sent, SentCard};

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

fn escape(text: &str, quote: bool) -> String {
    let mut out = text.replace('&', "&amp;");
    if quote {
        out = out.replace('"', "&quot;");
    } else {
        out = out.replace('<', "&lt;").replace('>', "&gt;");
    }
    out
}

/// What one pass sends, as the content script's walk writes it: `known` roots as stubs,
/// counting elements sent in full from `resume` on (from the start when `None`), and after
/// `budget` of them every element met is a `data-triage-later` stub and text is left out.
/// Returns the snapshot and where it was cut (the first stub), if it was.
struct Walk<'d, 'a> {
    doc: &'d Document<'a>,
    known: &'d HashSet<NodeId>,
    resume: Option<NodeId>,
    budget: usize,
    counting: bool,
    sent: usize,
    cut: Option<NodeId>,
    out: String,
}

impl Walk<'_, '_> {
    fn children(&self, id: NodeId) -> Vec<NodeId> {
        let mut out = vec![];
        let mut n = id + 1;
        while n < self.doc.end(id) {
            out.push(n);
            n = self.doc.end(n);
        }
        out
    }

    fn open(&mut self, el: NodeId) {
        let tag = self.doc.tag(el).to_owned();
        self.out.push('<');
        self.out.push_str(&tag);
        if let Some(i) = self.doc.index(el) {
            self.out.push_str(&format!(" data-ti=\"{i}\""));
        }
        let attrs: Vec<(Attr, String)> = self
            .doc
            .attrs(el)
            .filter(|(a, _)| *a != Attr::Index)
            .map(|(a, v)| (a, v.to_owned()))
            .collect();
        for (a, v) in attrs {
            self.out
                .push_str(&format!(" {}=\"{}\"", a.name(), escape(&v, true)));
        }
    }

    fn node(&mut self, id: NodeId) {
        if let Some(text) = self.doc.text(id) {
            if self.cut.is_none() {
                self.out.push_str(&escape(text, false));
            }
            return;
        }
        if !self.doc.is_element(id) {
            return;
        }
        if Some(id) == self.resume {
            self.counting = true;
        }
        let tag = self.doc.tag(id).to_owned();
        if self.known.contains(&id) {
            self.open(id);
            self.out.push_str(&format!(
                " data-triage-id=\"card-{id}\" data-triage-known=\"\"></{tag}>"
            ));
            return;
        }
        if self.cut.is_none() && self.counting {
            self.sent += 1;
            if self.sent > self.budget {
                self.cut = Some(id);
            }
        }
        if self.cut.is_some() {
            self.out
                .push_str(&format!("<{tag} data-triage-later=\"\">"));
            if !VOID.contains(&tag.as_str()) {
                self.out.push_str(&format!("</{tag}>"));
            }
            return;
        }
        self.open(id);
        self.out.push('>');
        if VOID.contains(&tag.as_str()) {
            return;
        }
        for child in self.children(id) {
            self.node(child);
        }
        self.out.push_str(&format!("</{tag}>"));
    }
}

fn walk(
    doc: &Document,
    known: &HashSet<NodeId>,
    resume: Option<NodeId>,
    budget: usize,
) -> (String, Option<NodeId>) {
    let mut w = Walk {
        doc,
        known,
        resume,
        budget,
        counting: resume.is_none(),
        sent: 0,
        cut: None,
        out: String::new(),
    };
    let lang = doc.attr(1, Attr::Lang).unwrap_or("en").to_owned();
    w.out
        .push_str(&format!("<html lang=\"{}\"><body>", escape(&lang, true)));
    for child in w.children(doc.body()) {
        w.node(child);
    }
    w.out.push_str("</body></html>");
    (w.out, w.cut)
}

/// The node each snapshot index names in the whole page.
fn by_index(doc: &Document) -> BTreeMap<u32, NodeId> {
    doc.elements()
        .filter_map(|el| Some((doc.index(el)?, el)))
        .collect()
}

/// What a part reads: each card's root index and what was read, and whether it was a part.
type Reads = fn(&str) -> (Vec<(u32, String)>, bool);

/// Reads a snapshot as the engine does, trimmed by `trim` when it was cut.
fn part<R, C: std::fmt::Debug>(
    html: &str,
    read: fn(&Document) -> R,
    trim: fn(&Cut, &mut R),
    cards: fn(&R) -> &[C],
    root: fn(&C) -> u32,
) -> (Vec<(u32, String)>, bool) {
    let doc = Document::parse(html);
    let mut read = read(&doc);
    let cut = Cut::of(&doc);
    if let Some(cut) = &cut {
        trim(cut, &mut read);
    }
    let cards = cards(&read)
        .iter()
        .map(|c| (root(c), format!("{c:?}")))
        .collect();
    (cards, cut.is_some())
}

fn received(html: &str) -> (Vec<(u32, String)>, bool) {
    part(
        html,
        read_document,
        Cut::trim_received,
        |r| &r.cards,
        |c: &ReadCard| c.at.root,
    )
}

fn sent(html: &str) -> (Vec<(u32, String)>, bool) {
    part(
        html,
        read_sent,
        Cut::trim_sent,
        |r| &r.cards,
        |c: &SentCard| c.root,
    )
}

/// Every fixture page of a kind, as the content script sends it whole.
fn pages(sent: bool) -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".html") && !n.starts_with("preload-"))
        .filter(|n| n.starts_with("sent-") == sent)
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let html = common::fixture(&n);
            (n, html)
        })
        .collect()
}

/// Cut anywhere: a part never reads a card other than the whole page reads it.
fn cut_anywhere(sent: bool, reads: Reads) {
    for (name, html) in pages(sent) {
        let (whole, _) = reads(&html);
        let whole: BTreeMap<u32, String> = whole.into_iter().collect();
        let doc = Document::parse(&html);
        let elements = doc.elements().filter(|&e| e > doc.body()).count();
        for budget in 0..elements {
            let (part, cut) = walk(&doc, &HashSet::new(), None, budget);
            let (cards, partial) = reads(&part);
            assert_eq!(partial, cut.is_some(), "{name} cut after {budget}");
            for (root, card) in cards {
                assert_eq!(
                    whole.get(&root),
                    Some(&card),
                    "{name} cut after {budget} elements: card at {root} read otherwise"
                );
            }
        }
    }
}

/// Chains of parts, each pass sending the cards read before as stubs: together they read
/// every card of the whole page, and the last pass is whole.
fn chains_read_everything(sent: bool, reads: Reads) {
    for (name, html) in pages(sent) {
        let (whole, _) = reads(&html);
        let doc = Document::parse(&html);
        let nodes = by_index(&doc);
        for budget in [1, 3, 8, 20, 60] {
            let mut known: HashSet<NodeId> = HashSet::new();
            let mut read: BTreeMap<u32, String> = BTreeMap::new();
            let mut resume = None;
            for pass in 0.. {
                assert!(pass < 500, "{name}, budget {budget}: no end");
                let (part, cut) = walk(&doc, &known, resume, budget);
                let (cards, partial) = reads(&part);
                for (root, card) in cards {
                    known.insert(nodes[&root]);
                    read.insert(root, card);
                }
                if !partial {
                    break;
                }
                resume = cut;
            }
            let whole_map: BTreeMap<u32, String> = whole.iter().cloned().collect();
            assert_eq!(read, whole_map, "{name}, budget {budget}");
        }
    }
}

#[test]
fn a_received_page_cut_anywhere_reads_no_card_otherwise() {
    cut_anywhere(false, received);
}

#[test]
fn a_sent_page_cut_anywhere_reads_no_card_otherwise() {
    cut_anywhere(true, sent);
}

#[test]
fn received_pages_read_in_parts_read_every_card() {
    chains_read_everything(false, received);
}

#[test]
fn sent_pages_read_in_parts_read_every_card() {
    chains_read_everything(true, sent);
}
