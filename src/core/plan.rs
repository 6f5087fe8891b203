//! What to paint on each card: the paint plan the content script applies as it is.
//!
//! The plan names page elements by their index in the snapshot (`data-ti`), so the content
//! script never has to decide anything: it creates the badge, the reasons and the buttons the
//! plan lists, and wires each button to the LinkedIn control the plan names.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::core::invitation::Card;
use crate::core::parse;
use crate::core::respond::{self, Action};
use crate::core::score::{self, Bucket, Scorer};
use crate::core::settings::Settings;

/// Where one card sits in the snapshot: element indices of its root and LinkedIn's controls.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    /// The card's root element.
    pub root: u32,
    /// LinkedIn's Accept control (button or link), if found.
    pub accept: Option<u32>,
    /// LinkedIn's Ignore control, if found.
    pub ignore: Option<u32>,
    /// LinkedIn's reply or message control for this invitation, if any.
    pub reply: Option<u32>,
}

/// One card as read from the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadCard {
    /// Where it is.
    pub at: Placement,
    /// What it says.
    pub card: Card,
}

/// How LinkedIn resolved an invitation we had painted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resolution {
    /// The card now says "… is now a connection".
    Accepted,
    /// The card no longer offers LinkedIn's Accept (collapsed or emptied: ignored, or withdrawn
    /// by its sender).
    Gone,
}

/// A card painted before that LinkedIn has resolved since.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedCard {
    /// Its root element (snapshot index).
    pub at: u32,
    /// Its `data-triage-id`.
    pub id: String,
    /// How.
    pub how: Resolution,
}

/// Which list of invitations the page shows, and whether all of it was read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListShown {
    /// The selected tab and filter (the pressed, selected or current controls' words, counts
    /// left out), so two reads of the same list have the same key.
    pub key: String,
    /// Whether every invitation of that list was read: the selected filter states a count
    /// ("Focused (6)") and exactly that many invitations are on the page, all read.
    pub complete: bool,
}

/// Everything the reader found in one snapshot.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageRead {
    /// The invitations read.
    pub cards: Vec<ReadCard>,
    /// Cards painted before that LinkedIn resolved since.
    pub resolved: Vec<ResolvedCard>,
    /// The list shown, when the page says which.
    pub list: Option<ListShown>,
    /// LinkedIn Accept controls that belong to no card we could read (a layout we don't know).
    pub unreadable: u32,
    /// The signed-in member's own headline, where the page shows it.
    pub own_headline: Option<String>,
    /// Cards painted on an earlier pass and left out of this snapshot (unchanged since).
    pub known: u32,
    /// The interface language the page was read in (`en`, `fr`, …): the language of the
    /// controls read, else the page's `<html lang>`.
    pub lang: Option<String>,
    /// Whether the page's `<html lang>` names a language the reader has no words for.
    pub lang_unsupported: bool,
}

/// What the user did before, by card id: kept in storage and handed back on every pass.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Memory {
    /// The user's own notes, by card id.
    pub notes: HashMap<String, String>,
    /// The last action taken, by card id (`accept`, `decline`, `later`, …).
    pub decisions: HashMap<String, String>,
}

/// The page-level outcome, mirrored on `<html data-triage-status>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Invitations were read and painted.
    Ready,
    /// The page shows no invitations.
    NoInvitations,
    /// The page shows invitations we could not read.
    Unrecognized,
}

/// One reason line of the reasons panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonPaint {
    /// What fired, in words.
    pub label: String,
    /// Signed points, e.g. `+20` or `-35`.
    pub points: String,
}

/// One suggested-response button.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPaint {
    /// The `data-triage-action` value.
    pub action: String,
    /// The button's text.
    pub label: String,
    /// The message put on the clipboard, if the action has one.
    pub message: Option<String>,
    /// Whether this is the suggestion for the card's bucket.
    pub primary: bool,
    /// The LinkedIn control this button clicks (snapshot index), if it clicks one.
    pub control: Option<u32>,
    /// Whether the action needs a LinkedIn control that the card does not have.
    pub missing_control: bool,
}

/// Everything painted on one card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardPaint {
    /// Where it goes.
    pub at: Placement,
    /// `data-triage-id`.
    pub id: String,
    /// The inviter's name, as shown.
    pub name: String,
    /// `data-triage-bucket`.
    pub bucket: Bucket,
    /// `data-triage-score`.
    pub score: u8,
    /// The score every invitation starts from, before its reasons.
    pub base: i32,
    /// The badge's visible text, e.g. "Accept 82".
    pub badge: String,
    /// The badge's accessible name: bucket, score and the top reasons.
    pub label: String,
    /// Every reason, strongest first.
    pub reasons: Vec<ReasonPaint>,
    /// The suggested responses.
    pub actions: Vec<ActionPaint>,
    /// The user's saved note on this person.
    pub note: Option<String>,
    /// The user's last action on this card, if any.
    pub decision: Option<String>,
    /// Days waited, when the card says (for the popup's stale list).
    pub days_waiting: Option<u32>,
}

/// Counts per bucket.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Cards in Accept.
    pub accept: u32,
    /// Cards in Review.
    pub review: u32,
    /// Cards in Ignore.
    pub ignore: u32,
}

/// The whole plan for one snapshot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaintPlan {
    /// `data-triage-status`.
    pub status: Status,
    /// `data-triage-count`: cards on the page (read now, or known from an earlier pass).
    pub count: u32,
    /// `data-triage-unreadable`: invitations on the page that could not be read.
    pub unreadable: u32,
    /// `data-triage-lang`: the interface language the page was read in, if known.
    pub lang: Option<String>,
    /// Whether the page is in a language the reader has no words for ("LinkedIn in Polish is
    /// not supported yet").
    pub lang_unsupported: bool,
    /// Per-bucket counts of the cards read.
    pub counts: Counts,
    /// What to paint, in page order.
    pub cards: Vec<CardPaint>,
    /// Cards painted before that LinkedIn resolved since (the queue stops counting them).
    pub resolved: Vec<ResolvedCard>,
    /// The list shown and whether all of it was read: an invitation of that list missing from
    /// a complete read was resolved on LinkedIn (the worker marks it).
    pub list: Option<ListShown>,
    /// Whether the member's own headline stood in for unset field keywords.
    pub own_headline_used: bool,
}

/// How many reasons the badge's accessible name carries.
const LABEL_REASONS: usize = 3;

/// Plans the paint for every card read: parse, score, respond.
pub fn plan(read: &PageRead, scorer: &Scorer, settings: &Settings, memory: &Memory) -> PaintPlan {
    let mut counts = Counts::default();
    let cards: Vec<CardPaint> = read
        .cards
        .iter()
        .map(|rc| {
            let paint = card_paint(rc, scorer, settings, memory);
            match paint.bucket {
                Bucket::Accept => counts.accept += 1,
                Bucket::Review => counts.review += 1,
                Bucket::Ignore => counts.ignore += 1,
            }
            paint
        })
        .collect();
    let status = match (cards.is_empty() && read.known == 0, read.unreadable > 0) {
        (false, _) => Status::Ready,
        (true, true) => Status::Unrecognized,
        (true, false) => Status::NoInvitations,
    };
    PaintPlan {
        status,
        count: (cards.len() as u32).saturating_add(read.known),
        unreadable: read.unreadable,
        lang: read.lang.clone(),
        lang_unsupported: read.lang_unsupported,
        counts,
        cards,
        resolved: read.resolved.clone(),
        list: read.list.clone(),
        own_headline_used: scorer.uses_own_headline(),
    }
}

fn card_paint(rc: &ReadCard, scorer: &Scorer, settings: &Settings, memory: &Memory) -> CardPaint {
    let invitation = parse::invitation(&rc.card);
    let verdict = scorer.score(&invitation);
    let actions = respond::suggestions(&invitation, &verdict, settings)
        .into_iter()
        .map(|s| {
            let control = match s.action {
                Action::Accept | Action::AcceptThank => Some(rc.at.accept),
                Action::Decline => Some(rc.at.ignore),
                Action::Reply => Some(rc.at.reply),
                Action::Later | Action::Note => None,
            };
            ActionPaint {
                action: s.action.as_str().to_owned(),
                label: s.label,
                message: s.message,
                primary: s.primary,
                control: control.flatten(),
                // Reply without LinkedIn's control still copies the message: not "missing".
                missing_control: matches!(control, Some(None)) && s.action != Action::Reply,
            }
        })
        .collect();
    let bucket_word = bucket_word(verdict.bucket);
    let label = format!(
        "Invite Triage: {bucket_word}, score {}. {}",
        verdict.score,
        score::reason_summary(&verdict, LABEL_REASONS)
    );
    CardPaint {
        at: rc.at.clone(),
        id: invitation.key.clone(),
        name: display_name(&invitation),
        bucket: verdict.bucket,
        score: verdict.score,
        badge: format!("{bucket_word} {}", verdict.score),
        base: verdict.base,
        label,
        reasons: verdict
            .reasons
            .iter()
            .map(|r| ReasonPaint {
                label: r.label.clone(),
                points: format!("{:+}", r.points),
            })
            .collect(),
        actions,
        note: memory.notes.get(&invitation.key).cloned(),
        decision: memory.decisions.get(&invitation.key).cloned(),
        days_waiting: invitation.days_waiting,
    }
}

/// Who or what the card is about: the inviter, or for a group, event, page or newsletter the
/// target and who sent it.
fn display_name(inv: &crate::core::invitation::Invitation) -> String {
    match inv.target.as_deref().filter(|t| !t.is_empty()) {
        Some(target) if inv.name.is_empty() => target.to_owned(),
        Some(target) => format!("{target}, from {}", inv.name),
        None => inv.name.clone(),
    }
}

/// The bucket's word as shown on the badge.
pub fn bucket_word(bucket: Bucket) -> &'static str {
    match bucket {
        Bucket::Accept => "Accept",
        Bucket::Review => "Review",
        Bucket::Ignore => "Ignore",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(card: Card, at: Placement) -> ReadCard {
        ReadCard { at, card }
    }

    #[test]
    fn a_plan_names_controls_counts_buckets_and_keeps_memory() {
        let person = Card {
            profile_url: "/in/ana-ruiz/".into(),
            name: "Ana Ruiz".into(),
            headline: "Rust engineer".into(),
            has_photo: true,
            lines: vec!["40 mutual connections".into()],
            note: Some("We worked together at Ferrous".into()),
            ..Card::default()
        };
        let group = Card {
            target_url: "/groups/1/".into(),
            target_name: "Rust Amsterdam".into(),
            name: "Bo Li".into(),
            ..Card::default()
        };
        let at = Placement {
            root: 1,
            accept: Some(2),
            ignore: Some(3),
            reply: None,
        };
        let page = PageRead {
            cards: vec![read(person, at.clone()), read(group, at)],
            unreadable: 0,
            ..PageRead::default()
        };
        let settings = Settings::default();
        let mut memory = Memory::default();
        memory
            .notes
            .insert("ana-ruiz".into(), "Met in Delft".into());
        let plan = plan(&page, &Scorer::new(&settings), &settings, &memory);

        assert_eq!(plan.status, Status::Ready);
        assert_eq!(plan.count, 2);
        let ana = &plan.cards[0];
        assert_eq!(ana.bucket, Bucket::Accept);
        assert_eq!(ana.note.as_deref(), Some("Met in Delft"));
        assert!(ana
            .label
            .starts_with(&format!("Invite Triage: Accept, score {}.", ana.score)));
        let control = |a: &str| ana.actions.iter().find(|x| x.action == a).unwrap();
        assert_eq!(control("accept").control, Some(2));
        assert_eq!(control("decline").control, Some(3));
        assert!(
            !control("reply").missing_control,
            "reply copies its message anyway"
        );
        assert_eq!(control("later").control, None);
        assert_eq!(plan.cards[1].name, "Rust Amsterdam, from Bo Li");
        assert_eq!(
            plan.counts.accept + plan.counts.review + plan.counts.ignore,
            2
        );
    }

    #[test]
    fn no_cards_is_either_empty_or_unrecognized() {
        let settings = Settings::default();
        let scorer = Scorer::new(&settings);
        let empty = plan(&PageRead::default(), &scorer, &settings, &Memory::default());
        assert_eq!(empty.status, Status::NoInvitations);
        let unreadable = PageRead {
            unreadable: 3,
            ..PageRead::default()
        };
        let plan = plan(&unreadable, &scorer, &settings, &Memory::default());
        assert_eq!(plan.status, Status::Unrecognized);
        assert_eq!(plan.unreadable, 3);
    }

    #[test]
    fn cards_known_from_an_earlier_pass_count_and_keep_the_page_ready() {
        let only_known = PageRead {
            known: 4,
            ..PageRead::default()
        };
        let plan = plan(
            &only_known,
            &Scorer::new(&Settings::default()),
            &Settings::default(),
            &Memory::default(),
        );
        assert_eq!(plan.status, Status::Ready);
        assert_eq!(plan.count, 4);
        assert!(plan.cards.is_empty());
    }
}
