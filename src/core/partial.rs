//! A snapshot sent in parts. A long page's first pass sends its beginning in full and each
//! element after a budget as an empty stub (`data-triage-later`); the next pass sends the rest.
//! So the top of the page is painted first, and no snapshot is one long task.
//!
//! Everything from the first such stub on (the cut) is unread, and the card read last before
//! it may be cut short (its note or photo after the cut), so it waits for the next pass too.
//! Nothing page-wide is concluded from a part: no unreadable count, no list read whole, no card
//! resolved or gone.

use rustc_hash::FxHashSet;

use crate::core::html::{Attr, Document};
use crate::core::plan::PageRead;
use crate::core::sent::SentRead;

/// Where a snapshot in parts was cut: the elements that hold the cut, and the last element
/// sent in full before it (snapshot indices, which grow in document order).
#[derive(Debug)]
pub struct Cut {
    /// The snapshot indices of the elements around the first `data-triage-later` stub.
    around: FxHashSet<u32>,
    /// The largest snapshot index before the cut.
    last_before: Option<u32>,
}

impl Cut {
    /// The cut of a snapshot, or `None` when the snapshot is whole.
    pub fn of(doc: &Document) -> Option<Cut> {
        let first = doc
            .elements()
            .find(|&el| doc.has_attr(el, Attr::TriageLater))?;
        let around = doc.ancestors(first).filter_map(|a| doc.index(a)).collect();
        let last_before = (0..first).rev().find_map(|n| doc.index(n));
        Some(Cut {
            around,
            last_before,
        })
    }

    /// Whether an element (by snapshot index) lies wholly before the cut.
    fn before(&self, index: u32) -> bool {
        !self.around.contains(&index) && self.last_before.is_some_and(|last| index <= last)
    }

    /// The roots to keep: those wholly before the cut, less the last of them.
    fn keep(&self, roots: impl Iterator<Item = u32>) -> FxHashSet<u32> {
        let mut kept: FxHashSet<u32> = roots.filter(|&r| self.before(r)).collect();
        if let Some(&last) = kept.iter().max() {
            kept.remove(&last);
        }
        kept
    }

    /// Keeps what a received-invitations read can conclude from this part.
    pub fn trim_received(&self, read: &mut PageRead) {
        let kept = self.keep(read.cards.iter().map(|c| c.at.root));
        read.cards.retain(|c| kept.contains(&c.at.root));
        read.resolved.clear();
        read.list = None;
        read.unreadable = 0;
    }

    /// Keeps what a Sent tab read can conclude from this part.
    pub fn trim_sent(&self, read: &mut SentRead) {
        let kept = self.keep(read.cards.iter().map(|c| c.root));
        read.cards.retain(|c| kept.contains(&c.root));
        read.gone.clear();
        read.list = None;
        read.unreadable = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::read::read_document;

    fn card(n: u32, note: &str) -> String {
        format!(
            r#"<li data-ti="{a}"><div data-ti="{b}"><a data-ti="{c}" href="/in/p{n}/">Person {n}</a><p data-ti="{d}">Engineer</p></div><button data-ti="{e}" aria-label="Ignore an invitation to connect from Person {n}">Ignore</button><button data-ti="{f}" aria-label="Accept an invitation to connect from Person {n}">Accept</button>{note}</li>"#,
            a = n * 10,
            b = n * 10 + 1,
            c = n * 10 + 2,
            d = n * 10 + 3,
            e = n * 10 + 4,
            f = n * 10 + 5,
        )
    }

    fn page(body: &str) -> String {
        format!(
            r#"<html lang="en"><body><main data-ti="9000"><ul data-ti="9001">{body}</ul></main></body></html>"#
        )
    }

    #[test]
    fn a_whole_snapshot_has_no_cut() {
        let html = page(&(1..4).map(|n| card(n, "")).collect::<String>());
        assert!(Cut::of(&Document::parse(&html)).is_none());
    }

    #[test]
    fn the_card_at_the_cut_and_the_last_one_before_it_wait() {
        // Cards 1–3 whole, card 4 cut after its Accept, card 5 a stub.
        let cut_card = card(4, "").replace("</li>", r#"<p data-triage-later=""></p></li>"#);
        let body = format!(
            "{}{}{}{cut_card}<li data-triage-later=\"\"></li>",
            card(1, ""),
            card(2, ""),
            card(3, "")
        );
        let html = page(&body);
        let doc = Document::parse(&html);
        let mut read = read_document(&doc);
        assert_eq!(
            read.cards.len(),
            4,
            "the reader alone reads the cut card too"
        );
        Cut::of(&doc).unwrap().trim_received(&mut read);
        let roots: Vec<u32> = read.cards.iter().map(|c| c.at.root).collect();
        assert_eq!(roots, [10, 20], "card 3 may be cut short, card 4 is");
        assert_eq!((read.unreadable, read.list.is_none()), (0, true));
    }

    #[test]
    fn a_cut_before_every_card_keeps_none() {
        let html = page(r#"<li data-triage-later=""></li><li data-triage-later=""></li>"#);
        let doc = Document::parse(&html);
        let mut read = read_document(&doc);
        Cut::of(&doc).unwrap().trim_received(&mut read);
        assert!(read.cards.is_empty());
    }
}
