//! The diagnostics channel: what the reader saw in a snapshot, field by field, and the tree the
//! snapshot parser built. Nothing here decides anything; it reports what [`crate::core::read`]
//! and [`crate::core::parse`] made of the page, so tests can hold them to the fixtures' ground
//! truth and the live DOM, and a user's bug report can say what was read.

use serde::Serialize;

use crate::core::html::Document;
use crate::core::invitation::Kind;
use crate::core::parse;
use crate::core::read;

/// What the reader saw in one snapshot.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Inspection {
    /// For each snapshot index `i`, the snapshot index of element `i`'s parent element: `-1`
    /// when the parent carries no index (`<body>`, `<html>`), `-2` when no element has index
    /// `i` (it was dropped from the snapshot). See [`Document::parents_by_index`].
    pub parents: Vec<i32>,
    /// Invitations on the page that could not be read.
    pub unreadable: u32,
    /// Every card read, in page order.
    pub cards: Vec<InspectedCard>,
}

/// One card as read and parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct InspectedCard {
    /// The snapshot index of the card's root element.
    pub root: u32,
    /// The card's stable key, as painted in `data-triage-id`.
    pub id: String,
    /// Person, group, event, page or newsletter.
    pub kind: Kind,
    /// Who or what the card is about: the inviter, or for a group, event, page or newsletter
    /// the target's name.
    pub name: String,
    /// The inviter's headline, or empty.
    pub headline: String,
    /// The personal note, whitespace folded, if any.
    pub note: Option<String>,
    /// How many mutual connections the card reports.
    pub mutual_count: u32,
    /// The mutual connections it names, in order.
    pub mutual_names: Vec<String>,
    /// How many days the invitation has waited, when the card says.
    pub days_waiting: Option<u32>,
    /// For non-person invitations: the target's name.
    pub target: Option<String>,
    /// For non-person invitations: who sent it (absent for people).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inviter: Option<String>,
    /// Whether a real picture is shown.
    pub has_photo: bool,
}

/// Parses a snapshot and reports what the reader saw.
pub fn inspect(html: &str) -> Inspection {
    let doc = Document::parse(html);
    let page = read::read_document(&doc);
    let cards = page
        .cards
        .iter()
        .map(|rc| {
            let inv = parse::invitation(&rc.card);
            let person = inv.kind == Kind::Person;
            InspectedCard {
                root: rc.at.root,
                id: inv.key,
                kind: inv.kind,
                name: if person {
                    inv.name.clone()
                } else {
                    inv.target.clone().unwrap_or_default()
                },
                headline: inv.headline,
                note: inv.note,
                mutual_count: inv.mutual_count,
                mutual_names: inv.mutual_names,
                days_waiting: inv.days_waiting,
                target: inv.target,
                inviter: (!person).then_some(inv.name),
                has_photo: inv.has_photo,
            }
        })
        .collect();
    Inspection {
        parents: doc.parents_by_index(),
        unreadable: page.unreadable,
        cards,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_name_indices_and_gaps() {
        let seen = inspect(
            r#"<body><div data-ti="0"><p data-ti="1">a<b data-ti="2">b</b></p></div><i data-ti="4"></i></body>"#,
        );
        assert_eq!(seen.parents, [-1, 0, 1, -2, -1]);
        let forged = inspect(r#"<body><p data-ti="4294967295"></p><p data-ti="0"></p></body>"#);
        assert_eq!(
            forged.parents,
            [-1],
            "a forged index does not size the answer"
        );
    }

    #[test]
    fn a_card_is_reported_field_by_field() {
        let html = r#"<body><main data-ti="0"><div role="listitem" data-ti="1">
            <a href="/in/ana-ruiz/" data-ti="2"><strong data-ti="3">Ana Ruiz</strong></a>
            <p data-ti="4">Rust engineer</p><p data-ti="5">Bo Li and 2 other mutual connections</p>
            <p data-ti="6">3d</p>
            <button aria-label="Ignore an invitation to connect from Ana Ruiz" data-ti="7">Ignore</button>
            <button aria-label="Accept Ana Ruiz’s invitation" data-ti="8">Accept</button>
            </div></main></body>"#;
        let seen = inspect(html);
        assert_eq!(seen.unreadable, 0);
        assert_eq!(seen.parents.len(), 9);
        assert_eq!(
            seen.cards,
            [InspectedCard {
                root: 1,
                id: "ana-ruiz".into(),
                kind: Kind::Person,
                name: "Ana Ruiz".into(),
                headline: "Rust engineer".into(),
                mutual_count: 3,
                mutual_names: vec!["Bo Li".into()],
                days_waiting: Some(3),
                ..InspectedCard::default()
            }]
        );
    }
}
