//! Reads the Sent tab (`/mynetwork/invitation-manager/sent/`): the invitations the member sent
//! and has not had answered, each with LinkedIn's Withdraw control, and LinkedIn's own
//! "Withdraw invitation" confirmation when it is open.
//!
//! The rules are the received reader's ([`crate::core::read`]), whose helpers this module
//! shares:
//! - **A card** is the smallest element around one Withdraw control that also holds the
//!   invitee (a profile link, `/in/<slug>`), grown to the rest of its row up to its list item,
//!   but never into a neighbour: growing stops at another Withdraw, a card known from an earlier
//!   pass, a link to someone else, or a heading.
//! - **Cards known from an earlier pass** come as empty stubs (`data-triage-known`): they count
//!   in [`SentRead::known`] and bound the others.
//! - Controls that are hidden or inside a dialog are not a card's controls.
//! - **Nothing is skipped in silence**: a Withdraw that no card can be read around counts as
//!   unreadable, and on a page in a language without a table, rows whose control names the
//!   invitee are counted unreadable by structure.
//!
//! Reading is by meaning (labels, links, text), never by class name; classes are hints only
//! (`.artdeco-modal` for the 2024 confirm).

use rustc_hash::{FxHashMap, FxHashSet};

use crate::core::assemble::{self, RawCard};
use crate::core::html::{Attr, Document, NodeId};
use crate::core::lang;
use crate::core::parse;
use crate::core::read::{
    control_label, hides_controls, inside, is_closed, is_control, is_list_boundary, list_shown,
    named_control_rows, skips_text, text_lines, Rows, MAX_CLIMB,
};

/// One sent invitation read from the Sent tab.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentCard {
    /// The card's root element (snapshot `data-ti` index).
    pub root: u32,
    /// LinkedIn's Withdraw control for it (a `button` in the artdeco era, an `<a>` in 2026).
    pub withdraw: Option<u32>,
    /// The key the extension names it by: the profile slug (as `parse::slug` gives it), else a
    /// key made from the name.
    pub id: String,
    /// The invitee's display name.
    pub name: String,
    /// `https://www.linkedin.com/in/<slug>/` when the card links a profile.
    pub profile: Option<String>,
    /// The invitee's headline ("" when none).
    pub headline: String,
    /// Days since it was sent ("Sent 3 weeks ago" → 21; a month is 30), when the card says.
    pub days: Option<u32>,
    /// The note sent with it, whitespace folded, when the card shows one.
    pub note: Option<String>,
}

/// LinkedIn's own "Withdraw invitation" confirmation, open on the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WithdrawConfirm {
    /// The dialog element (snapshot index): a native `<dialog open>`, `[role=dialog]`,
    /// `.artdeco-modal`.
    pub dialog: u32,
    /// Its confirming control (not Cancel or Dismiss).
    pub control: u32,
    /// The invitee its confirm names, when its label does ("Withdraw invitation sent to Ana
    /// Ruiz").
    pub name: Option<String>,
}

/// Everything read from one snapshot of the Sent tab.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentRead {
    pub cards: Vec<SentCard>,
    /// `data-triage-id` values of elements painted before (they carry that attribute) that hold
    /// no Withdraw control now: withdrawn or gone on LinkedIn.
    pub gone: Vec<String>,
    pub confirms: Vec<WithdrawConfirm>,
    /// Withdraw controls that belong to no card that could be read (said to the user, never
    /// skipped in silence).
    pub unreadable: u32,
    /// Cards sent as empty stubs (`data-triage-known`: painted on an earlier pass, unchanged).
    pub known: u32,
    /// The ids (`data-triage-id`) the stubs carry: with `cards`, every invitation on the list
    /// when it is read whole.
    pub known_ids: Vec<String>,
    /// The list shown and whether all of it was read (the count pill "People (40)" equals
    /// cards + known, nothing unreadable).
    pub list: Option<crate::core::plan::ListShown>,
    pub lang: Option<String>,
    pub lang_unsupported: bool,
}

/// Parses a snapshot of the Sent tab and reads it.
pub fn read_sent_snapshot(html: &str) -> SentRead {
    read_sent(&Document::parse(html))
}

/// Reads the sent invitations, the open Withdraw confirmations and what is gone from a parsed
/// snapshot of the Sent tab.
pub fn read_sent(doc: &Document) -> SentRead {
    let skipped = doc.within(|el| skips_text(doc, el));
    let hidden = doc.within(|el| hides_controls(doc, el));
    let page = SentPage::new(doc, &hidden);

    let mut cards = Vec::new();
    let mut placed: FxHashSet<u32> = FxHashSet::default();
    for root in page.card_roots() {
        let range = page.withdraws_in(root);
        if let Some(card) = read_card(doc, root, &page, &skipped) {
            placed.extend(range.map(|i| page.groups[i]));
            cards.push(card);
        }
    }
    // Every Withdraw of an invitation no card was read for, once per invitation.
    let mut counted: FxHashSet<u32> = FxHashSet::default();
    let mut unreadable = page
        .groups
        .iter()
        .filter(|g| !placed.contains(g) && counted.insert(**g))
        .count() as u32;

    let page_lang = doc
        .attr(doc.root() + 1, Attr::Lang)
        .map(lang::primary_subtag)
        .filter(|l| !l.is_empty());
    let read_lang = cards
        .first()
        .and_then(|c| c.withdraw)
        .and_then(|w| page.withdraws.iter().find(|&&n| doc.index(n) == Some(w)))
        .and_then(|&w| lang::withdraw_language(&control_label(doc, w)));
    let lang_unsupported = page_lang.as_deref().is_some_and(|l| !lang::is_supported(l));
    if lang_unsupported && cards.is_empty() && page.stubs.is_empty() {
        // LinkedIn in a language we have no words for: rows whose one control names the
        // invitee are sent invitations we cannot read, not nothing.
        unreadable = unreadable.max(named_control_rows(doc, &hidden, 1));
    }
    let known = page.stubs.len();
    let known_ids = page
        .stubs
        .iter()
        .filter_map(|&el| doc.attr(el, Attr::TriageId))
        .map(str::to_owned)
        .collect();
    SentRead {
        known_ids,
        gone: gone(doc, &page),
        confirms: confirms(doc).0,
        list: list_shown(doc, cards.len(), known, unreadable, false),
        cards,
        unreadable,
        known: known as u32,
        lang: match page_lang {
            Some(l) if !lang_unsupported => Some(l),
            other => read_lang.map(str::to_owned).or(other),
        },
        lang_unsupported,
    }
}

/// Elements painted before (`data-triage-id`, not a stub) that hold no visible Withdraw now.
fn gone(doc: &Document, page: &SentPage) -> Vec<String> {
    doc.elements()
        .filter(|&el| !doc.has_attr(el, Attr::TriageKnown))
        .filter_map(|el| Some((el, doc.attr(el, Attr::TriageId)?)))
        .filter(|&(el, _)| page.withdraws_in(el).is_empty())
        .map(|(_, id)| id.to_owned())
        .collect()
}

// ---------------------------------------------------------------- the confirm dialog

/// An open dialog's own markers: a native `<dialog open>`, `[role=dialog]`,
/// `[role=alertdialog]`, `[aria-modal=true]`, or the artdeco era's `.artdeco-modal` (a hint).
fn is_dialog(doc: &Document, el: NodeId) -> bool {
    (doc.tag(el) == "dialog" && doc.has_attr(el, Attr::Open))
        || matches!(doc.attr(el, Attr::Role), Some("dialog" | "alertdialog"))
        || doc.attr(el, Attr::AriaModal) == Some("true")
        || doc.has_class(el, "artdeco-modal")
}

/// The open Withdraw confirmations, in document order (each with the innermost open dialog
/// around its confirming control), and every open dialog element that holds one (sorted), so
/// [`crate::core::friction`] does not take LinkedIn's own confirm for friction. One pass over
/// the page.
pub(crate) fn confirms(doc: &Document) -> (Vec<WithdrawConfirm>, Vec<NodeId>) {
    let closed = doc.within(|el| is_closed(doc, el));
    let mut open: Vec<NodeId> = Vec::new();
    let mut holding: FxHashSet<NodeId> = FxHashSet::default();
    let mut found: FxHashMap<NodeId, (NodeId, Option<String>)> = FxHashMap::default();
    for el in doc.elements() {
        while open.last().is_some_and(|&d| doc.end(d) <= el) {
            open.pop();
        }
        if closed[el] {
            continue;
        }
        if is_dialog(doc, el) {
            open.push(el);
        }
        let Some(&innermost) = open.last() else {
            continue;
        };
        if !is_control(doc, el) || open.last() == Some(&el) {
            continue;
        }
        let label = control_label(doc, el);
        if !lang::is_withdraw_label(&label) {
            continue;
        }
        found
            .entry(innermost)
            .or_insert_with(|| (el, lang::name_from_withdraw_label(&label)));
        // Mark the dialogs around it, stopping at one already marked (linear overall).
        for &d in open.iter().rev() {
            if !holding.insert(d) {
                break;
            }
        }
    }
    let mut dialogs: Vec<NodeId> = found.keys().copied().collect();
    crate::core::order::sort(&mut dialogs);
    let list = dialogs
        .into_iter()
        .filter_map(|d| {
            let (control, name) = found.get(&d)?.clone();
            Some(WithdrawConfirm {
                dialog: doc.index(d)?,
                control: doc.index(control)?,
                name,
            })
        })
        .collect();
    let mut holding: Vec<NodeId> = holding.into_iter().collect();
    crate::core::order::sort(&mut holding);
    (list, holding)
}

// ---------------------------------------------------------------- controls and boundaries

/// LinkedIn's Withdraw controls and profile links on the page, each in document order, so
/// "how many are inside this element" is two binary searches.
struct SentPage<'d, 'a> {
    doc: &'d Document<'a>,
    /// Visible Withdraw controls outside dialogs.
    withdraws: Vec<NodeId>,
    /// For each Withdraw, its invitation: Withdraws whose labels name the same invitee share a
    /// group; one naming nobody has a group of its own.
    groups: Vec<u32>,
    by_group: FxHashMap<u32, Vec<NodeId>>,
    /// Visible profile links and their slug's key.
    links: Vec<NodeId>,
    link_keys: Vec<u32>,
    /// Cards known from an earlier pass (`data-triage-known`).
    stubs: Vec<NodeId>,
    hidden: &'d [bool],
}

impl<'d, 'a> SentPage<'d, 'a> {
    fn new(doc: &'d Document<'a>, hidden: &'d [bool]) -> Self {
        let mut page = SentPage {
            doc,
            withdraws: vec![],
            groups: vec![],
            by_group: FxHashMap::default(),
            links: vec![],
            link_keys: vec![],
            stubs: vec![],
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
            let href = doc.attr(el, Attr::Href).unwrap_or_default();
            if let Some(slug) = parse::slug(href) {
                let fresh = keys.len() as u32;
                page.links.push(el);
                page.link_keys.push(*keys.entry(slug).or_insert(fresh));
                continue;
            }
            let label = control_label(doc, el);
            if !lang::is_withdraw_label(&label) {
                continue;
            }
            let group = match lang::name_from_withdraw_label(&label) {
                Some(name) => *names.entry(name.to_lowercase()).or_insert_with(|| {
                    next_group += 1;
                    next_group - 1
                }),
                None => {
                    next_group += 1;
                    next_group - 1
                }
            };
            page.withdraws.push(el);
            page.groups.push(group);
            page.by_group.entry(group).or_default().push(el);
        }
        page
    }

    /// The Withdraws (by position in `withdraws`) inside `el`.
    fn withdraws_in(&self, el: NodeId) -> std::ops::Range<usize> {
        let from = self.withdraws.partition_point(|&n| n < el);
        let to = self.withdraws.partition_point(|&n| n < self.doc.end(el));
        from..to
    }

    /// Whether `x` holds a Withdraw of another invitation than group `g`'s.
    fn holds_other_withdraw(&self, x: NodeId, g: u32) -> bool {
        self.withdraws_in(x).len() > inside(self.doc, &self.by_group[&g], x).len()
    }

    /// Climbs from Withdraw `i` to the smallest element that also holds a profile link. `None`
    /// when a list boundary, a known card or another invitation's Withdraw comes first.
    fn climb(&self, i: usize) -> Option<NodeId> {
        let doc = self.doc;
        let group = self.groups[i];
        for x in doc.ancestors(self.withdraws[i]).take(MAX_CLIMB) {
            if is_list_boundary(doc, x)
                || !inside(doc, &self.stubs, x).is_empty()
                || self.holds_other_withdraw(x, group)
            {
                return None;
            }
            if !inside(doc, &self.links, x).is_empty() {
                return Some(x);
            }
        }
        None
    }

    /// Every card root, in document order.
    fn card_roots(&self) -> Vec<NodeId> {
        let mut smallest: Vec<NodeId> = (0..self.withdraws.len())
            .filter_map(|i| self.climb(i))
            .collect();
        crate::core::order::sort(&mut smallest);
        smallest.dedup();
        // A root around another root holds two invitations: neither is a card.
        let mut roots: Vec<NodeId> = smallest
            .iter()
            .enumerate()
            .filter(|&(k, &r)| {
                smallest
                    .get(k + 1)
                    .is_none_or(|&next| next >= self.doc.end(r))
            })
            .map(|(_, &r)| self.grow(r))
            .collect();
        crate::core::order::sort(&mut roots);
        roots.dedup();
        roots
    }

    /// Grows a card's smallest root to the rest of its row (see [`Rows::grow`]).
    fn grow(&self, smallest: NodeId) -> NodeId {
        Rows {
            doc: self.doc,
            controls: &self.withdraws,
            stubs: &self.stubs,
            links: &self.links,
            link_keys: &self.link_keys,
            hidden: self.hidden,
        }
        .grow(smallest)
    }
}

// ---------------------------------------------------------------- one card

fn read_card(doc: &Document, root: NodeId, page: &SentPage, skipped: &[bool]) -> Option<SentCard> {
    let withdraw = page
        .withdraws
        .get(page.withdraws_in(root).start)
        .copied()
        .filter(|&w| doc.contains(root, w));
    let mut links = Vec::new();
    let mut image_alts = Vec::new();
    let (mut ghost_photo, mut photo) = (false, false);
    for el in doc.descendants(root) {
        match doc.tag(el) {
            "a" => links.extend(doc.attr(el, Attr::Href).map(str::to_owned)),
            "img" => {
                image_alts.extend(doc.attr(el, Attr::Alt).map(str::to_owned));
                photo |= doc.attr(el, Attr::Src).is_some_and(|s| !s.is_empty());
            }
            "svg" if doc.attr(el, Attr::Role) == Some("img") => {
                image_alts.extend(doc.attr(el, Attr::AriaLabel).map(str::to_owned));
            }
            _ => {}
        }
        ghost_photo |= doc.class_contains(el, "ghost");
    }
    // Only profile links name the invitee here: the Withdraw's own no-op link does not.
    links.retain(|href| parse::slug(href).is_some() || !is_link_to_page(href));
    let raw = RawCard {
        lines: text_lines(doc, root, skipped),
        links,
        image_alts,
        ghost_photo,
        photo,
        accept_label: withdraw.map(|w| control_label(doc, w)).unwrap_or_default(),
        ignore_label: String::new(),
        id_hints: Vec::new(),
    };
    let mut card = assemble::card(&raw)?;
    if !card.name.is_empty() && !raw.lines.iter().any(|l| l.text == card.name) {
        // The name came from a picture or the Withdraw label, not from a line: the headline
        // is then the first line that is no fact, as if the name stood above it.
        let mut named = raw;
        named.lines.insert(
            0,
            crate::core::assemble::Line {
                text: card.name.clone(),
                ..Default::default()
            },
        );
        card = assemble::card(&named)?;
    }
    // The Sent tab names people by profile, else by name (never by an invitation id).
    card.invitation_id.clear();
    let slug = parse::slug(&card.profile_url);
    let invitation = parse::invitation(&card);
    if invitation.name.is_empty() && slug.is_none() {
        return None;
    }
    Some(SentCard {
        root: doc.index(root)?,
        withdraw: withdraw.and_then(|w| doc.index(w)),
        id: invitation.key,
        name: invitation.name,
        profile: slug.map(|s| format!("https://www.linkedin.com/in/{s}/")),
        headline: invitation.headline,
        days: invitation.days_waiting,
        note: invitation
            .note
            .map(|n| unquote(&n).to_owned())
            .filter(|n| !n.is_empty()),
    })
}

/// Whether a link goes to a LinkedIn page other than a profile (a group, a company): the
/// card's invitee is never one of them, so they are left out of its links.
fn is_link_to_page(href: &str) -> bool {
    parse::kind_from_url(href).is_some()
}

/// A note shown in quotation marks ("“Hi Ana, …”") without them.
fn unquote(note: &str) -> &str {
    const PAIRS: [(char, char); 5] = [('“', '”'), ('"', '"'), ('«', '»'), ('„', '“'), ('‘', '’')];
    let t = note.trim();
    for (open, close) in PAIRS {
        if let Some(inner) = t.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return inner.trim();
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers every start tag (`data-ti`) like the content script, inside `<html lang>`.
    fn snapshot(lang: &str, body: &str) -> String {
        let mut out = String::new();
        let mut n = 0;
        let mut rest = body;
        while let Some(p) = rest.find('<') {
            out.push_str(&rest[..p]);
            rest = &rest[p..];
            let name_len = rest[1..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len() - 1);
            out.push_str(&rest[..=name_len]);
            if name_len > 0 && rest.as_bytes()[1].is_ascii_alphabetic() {
                out.push_str(&format!(" data-ti=\"{n}\""));
                n += 1;
            }
            rest = &rest[name_len + 1..];
        }
        out.push_str(rest);
        format!("<html lang=\"{lang}\"><body>{out}</body></html>")
    }

    fn row(slug: &str, name: &str, headline: &str, age: &str, extra: &str) -> String {
        format!(
            r#"<div role="listitem"><div><a href="/in/{slug}/"><img alt="{name}’s profile picture" src="x.png"></a>
            <div><p><a href="/in/{slug}/"><strong>{name}</strong></a></p><p>{headline}</p><p><span>{age}</span></p></div>
            <a href="https://www.linkedin.com/" aria-label="Withdraw invitation sent to {name}">Withdraw</a></div>{extra}</div>"#
        )
    }

    #[test]
    fn a_row_reads_field_by_field() {
        let body = format!(
            "<main><div data-testid=\"lazy-column\">{}{}</div></main>",
            row(
                "ana-ruiz",
                "Ana Ruiz",
                "Staff engineer at Acme",
                "Sent 3 weeks ago",
                r#"<div><span data-testid="expandable-text-box">Hi Ana,   we met at RustConf.</span></div>"#
            ),
            row("ben-ode", "Ben Ode", "", "Sent yesterday", "")
        );
        let read = read_sent_snapshot(&snapshot("en", &body));
        assert_eq!(read.cards.len(), 2, "{read:?}");
        let ana = &read.cards[0];
        assert_eq!(ana.id, "ana-ruiz");
        assert_eq!(ana.name, "Ana Ruiz");
        assert_eq!(
            ana.profile.as_deref(),
            Some("https://www.linkedin.com/in/ana-ruiz/")
        );
        assert_eq!(ana.headline, "Staff engineer at Acme");
        assert_eq!(ana.days, Some(21));
        assert_eq!(ana.note.as_deref(), Some("Hi Ana, we met at RustConf."));
        assert!(ana.withdraw.is_some());
        let ben = &read.cards[1];
        assert_eq!(
            (ben.headline.as_str(), ben.days, &ben.note),
            ("", Some(1), &None)
        );
        assert_eq!(read.unreadable, 0);
        assert_eq!(read.lang.as_deref(), Some("en"));
    }

    #[test]
    fn quoted_notes_lose_their_quotes() {
        assert_eq!(unquote("“Hi Ana”"), "Hi Ana");
        assert_eq!(unquote("« Bonjour »"), "Bonjour");
        assert_eq!(unquote("Hi \"Ana\""), "Hi \"Ana\"");
        assert_eq!(unquote("“"), "“");
    }

    #[test]
    fn a_withdraw_without_an_invitee_is_unreadable_and_a_dialogs_is_not_a_card() {
        let body = r#"<main><ul><li><p>Someone</p><button aria-label="Withdraw invitation sent to Someone">Withdraw</button></li></ul>
            <div role="dialog"><a href="/in/x-y/">X</a><button>Withdraw</button></div></main>"#;
        let read = read_sent_snapshot(&snapshot("en", body));
        assert!(read.cards.is_empty());
        assert_eq!(read.unreadable, 1);
        assert_eq!(read.confirms.len(), 1);
        assert_eq!(read.confirms[0].name, None);
    }

    #[test]
    fn stubs_count_and_bound_and_painted_cards_without_withdraw_are_gone() {
        let body = format!(
            r#"<main><div data-testid="lazy-column"><div role="listitem" data-triage-known data-triage-id="old-one"></div>{}<div role="listitem" data-triage-id="left"><p>Withdrawn</p></div></div></main>"#,
            row("ana-ruiz", "Ana Ruiz", "Engineer", "Sent today", "")
        );
        let read = read_sent_snapshot(&snapshot("en", &body));
        assert_eq!(read.known, 1);
        assert_eq!(read.cards.len(), 1);
        assert_eq!(read.cards[0].days, Some(0));
        assert_eq!(read.gone, vec!["left".to_owned()]);
    }

    #[test]
    fn the_name_falls_back_to_the_withdraw_label() {
        let body = r#"<main><ul><li><a href="/in/ana-ruiz/"><img src="x.png"></a><p>Engineer</p><p>Sent 2 months ago</p>
            <button aria-label="Withdraw invitation sent to Ana Ruiz">Withdraw</button></li></ul></main>"#;
        let read = read_sent_snapshot(&snapshot("en", body));
        assert_eq!(read.cards[0].name, "Ana Ruiz");
        assert_eq!(read.cards[0].headline, "Engineer");
        assert_eq!(read.cards[0].days, Some(60));
    }

    #[test]
    fn confirms_in_both_eras_never_take_cancel_or_dismiss() {
        let native = r#"<dialog open data-testid="dialog"><h2>Withdraw invitation</h2><p>If you withdraw now, you won't be able to resend to this person for up to 3 weeks.</p>
            <button aria-label="Dismiss">×</button><button>Cancel</button><button aria-label="Withdrawn invitation sent to Ana Ruiz">Withdraw</button></dialog>"#;
        let read = read_sent_snapshot(&snapshot("en", native));
        assert_eq!(read.confirms.len(), 1);
        assert_eq!(read.confirms[0].dialog, 0);
        assert_eq!(read.confirms[0].control, 5);
        assert_eq!(read.confirms[0].name.as_deref(), Some("Ana Ruiz"));
        let closed = native.replace("<dialog open", "<dialog");
        assert!(read_sent_snapshot(&snapshot("en", &closed))
            .confirms
            .is_empty());
        let artdeco = r#"<div class="artdeco-modal" role="dialog"><button class="artdeco-modal__dismiss" aria-label="Dismiss"></button>
            <h2>Withdraw invitation</h2><button class="artdeco-modal__confirm-dialog-btn">Cancel</button><button class="artdeco-modal__confirm-dialog-btn">Withdraw</button></div>"#;
        let read = read_sent_snapshot(&snapshot("en", artdeco));
        assert_eq!(read.confirms.len(), 1);
        assert_eq!(read.confirms[0].control, 4);
        let hidden = artdeco.replace("role=\"dialog\"", "role=\"dialog\" hidden");
        assert!(read_sent_snapshot(&snapshot("en", &hidden))
            .confirms
            .is_empty());
    }

    #[test]
    fn the_count_pill_says_whether_the_list_was_read_whole() {
        let body = format!(
            r#"<main><nav><a href="/mynetwork/invitation-manager/sent/" aria-current="page">Sent</a></nav><button aria-pressed="true">People (2)</button><div data-testid="lazy-column">{}<div role="listitem" data-triage-known></div></div></main>"#,
            row("ana-ruiz", "Ana Ruiz", "Engineer", "Sent today", "")
        );
        let list = read_sent_snapshot(&snapshot("en", &body))
            .list
            .expect("a list");
        assert!(list.complete, "{list:?}");
        assert_eq!(list.key, "Sent | People");
        let more = body.replace("People (2)", "People (40)");
        assert!(
            !read_sent_snapshot(&snapshot("en", &more))
                .list
                .unwrap()
                .complete
        );
    }

    #[test]
    fn an_unsupported_language_is_counted_by_structure() {
        let body = r#"<main><ul><li><a href="/in/ana-ruiz/">Ana Ruiz</a><p>Inżynier</p>
            <a href="https://www.linkedin.com/" aria-label="Wycofaj zaproszenie wysłane do Ana Ruiz">Wycofaj</a></li></ul></main>"#;
        let read = read_sent_snapshot(&snapshot("pl", body));
        assert!(read.cards.is_empty());
        assert!(read.lang_unsupported);
        assert_eq!(read.unreadable, 1);
    }
}
