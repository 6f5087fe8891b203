//! What to paint on each card: the paint plan the content script applies as it is.
//!
//! The plan names page elements by their index in the snapshot (`data-ti`), so the content
//! script never has to decide anything: it creates the badge, the reasons and the buttons the
//! plan lists, and each button clicks the LinkedIn control its action names (`control`), or
//! none. Words the extension localises are message keys (`_locales/*/messages.json`), given
//! once per plan ([`BucketWords`]); points are signed numbers. Fields that are empty, false or
//! absent are left out of what is sent, so a long page's plan stays small.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::core::budget::{Done, Week};
use crate::core::dates;
use crate::core::friction::Friction;
use crate::core::invitation::Card;
use crate::core::parse;
use crate::core::respond::{self, Action};
use crate::core::score::{self, Bucket, Reason, Scorer};
use crate::core::sent_plan::{ConfirmPaint, PageKind, SentPaint};
use crate::core::settings::Settings;

/// Where one card sits in the snapshot: element indices of its root and LinkedIn's controls.
///
/// Only the root is sent to the content script: each action carries the control it clicks
/// ([`ActionPaint::control`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    /// The card's root element.
    pub root: u32,
    /// LinkedIn's Accept control (button or link), if found.
    #[serde(skip_serializing)]
    pub accept: Option<u32>,
    /// LinkedIn's Ignore control, if found.
    #[serde(skip_serializing)]
    pub ignore: Option<u32>,
    /// LinkedIn's reply or message control for this invitation, if any.
    #[serde(skip_serializing)]
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
    /// LinkedIn's friction on the page (dialogs, limit and error alerts).
    pub frictions: Vec<Friction>,
}

/// What the user did before, by card id: kept in storage and handed back on every pass.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Memory {
    /// The user's own notes, by card id.
    pub notes: HashMap<String, String>,
    /// The last action taken, by card id (`accept`, `decline`, `later`, …).
    pub decisions: HashMap<String, String>,
    /// Earlier invitations the user ignored or declined, by card id: the same person inviting
    /// again is a repeat inviter.
    pub past: HashMap<String, Past>,
    /// The history of the last seven days (the worker sends no more), for the weekly budget.
    pub recent: Vec<Done>,
    /// The time of this pass, in milliseconds since the epoch.
    pub now: f64,
    /// The page's address: the engine reads the Sent tab as sent invitations.
    pub url: String,
}

/// How an earlier invitation of the same person ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Past {
    /// `ignored` (LinkedIn's Ignore) or `declined` (our polite decline).
    pub how: String,
    /// When (ms since the epoch).
    pub at: f64,
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
    /// The points it added to the score, signed (`20`, `-35`, `0`); shown in the user's
    /// number format with its sign.
    pub points: i32,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One suggested-response button.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPaint {
    /// The `data-triage-action` value.
    pub action: String,
    /// The button's text in English (the page shows the localized word the plan's
    /// [`ActionWords`] name; this is for tests and logs, and is not sent).
    #[serde(default, skip_serializing)]
    pub label: String,
    /// The message put on the clipboard, if the action has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Whether this is the suggestion for the card's bucket.
    #[serde(default, skip_serializing_if = "is_false")]
    pub primary: bool,
    /// The LinkedIn control this button clicks (snapshot index), chosen here: Accept's for
    /// accept and accept-thank, Ignore's for decline, the reply control for reply, none for
    /// later and note. The content script clicks `elements[control]` and nothing else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control: Option<u32>,
    /// Whether the action answers the invitation on LinkedIn (accept or ignore it): it must
    /// click its control, so it does nothing when the control is gone, and only the first such
    /// click on a card counts.
    #[serde(default, skip_serializing_if = "is_false")]
    pub resolves: bool,
    /// Whether the action answers the invitation and the card has no control for it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub missing_control: bool,
    /// Whether the action accepts, and so counts against the weekly budget: past it, the
    /// button asks [`PaintPlan::week`]'s `confirm` before a second click.
    #[serde(default, skip_serializing_if = "is_false")]
    pub budgeted: bool,
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
    /// The strongest reasons in one sentence ("13 mutual connections (+22); No photo (-5)."),
    /// for the badge's accessible name, which puts the bucket's word and the score before it.
    pub summary: String,
    /// Every reason, strongest first.
    pub reasons: Vec<ReasonPaint>,
    /// The suggested responses, the bucket's own first.
    pub actions: Vec<ActionPaint>,
    /// The user's saved note on this person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The user's last action on this card, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// Days waited, when the card says (for the popup's stale list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_waiting: Option<u32>,
    /// The inviter's profile (`https://www.linkedin.com/in/<slug>/`), when the card links one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
}

/// The message key (in `_locales/*/messages.json`) of each bucket's word: the badge shows
/// `t(bucket_words[card.bucket])`. Sent once per plan (and per summary), not per card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BucketWords {
    /// The word for Accept.
    pub accept: String,
    /// The word for Review.
    pub review: String,
    /// The word for Ignore.
    pub ignore: String,
}

impl Default for BucketWords {
    fn default() -> Self {
        BucketWords {
            accept: bucket_key(Bucket::Accept).into(),
            review: bucket_key(Bucket::Review).into(),
            ignore: bucket_key(Bucket::Ignore).into(),
        }
    }
}

/// The message key (in `_locales/*/messages.json`) of each action's button text, by its
/// `data-triage-action` value: the button shows `t(action_words[action.action])`. Sent once per
/// plan, not per card, as an object with its keys in order.
///
/// A sorted list, not a `BTreeMap`: a handful of entries, and each map type is a few KB of
/// tree code in the wasm.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionWords(Vec<(String, String)>);

impl ActionWords {
    /// Sets the message key of `action` (in order; an action already there gets the new key).
    pub fn insert(&mut self, action: &str, key: &str) {
        match self.0.binary_search_by(|(a, _)| a.as_str().cmp(action)) {
            Ok(i) => self.0[i].1 = key.to_owned(),
            Err(i) => self.0.insert(i, (action.to_owned(), key.to_owned())),
        }
    }

    /// The message key of `action`.
    pub fn get(&self, action: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(a, _)| a == action)
            .map(|(_, key)| key.as_str())
    }
}

impl Default for ActionWords {
    fn default() -> Self {
        let mut words = ActionWords(Vec::new());
        for a in Action::ALL {
            words.insert(a.as_str(), action_key(a));
        }
        words
    }
}

impl Serialize for ActionWords {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(a, k)| (a, k)))
    }
}

impl<'de> Deserialize<'de> for ActionWords {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = std::collections::BTreeMap::<String, String>::deserialize(deserializer)?;
        Ok(ActionWords(map.into_iter().collect()))
    }
}

/// The message key of an action's button text ("Accept & thank" is `actionAcceptThank`).
pub fn action_key(action: Action) -> &'static str {
    match action {
        Action::Accept => "actionAccept",
        Action::AcceptThank => "actionAcceptThank",
        Action::Decline => "actionDecline",
        Action::Reply => "actionReply",
        Action::Later => "actionLater",
        Action::Note => "actionNote",
    }
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
    /// The message key of each bucket's word.
    pub bucket_words: BucketWords,
    /// The message key of each action's button text.
    pub action_words: ActionWords,
    /// What to paint, in page order.
    pub cards: Vec<CardPaint>,
    /// Cards painted before that LinkedIn resolved since (the queue stops counting them).
    pub resolved: Vec<ResolvedCard>,
    /// The list shown and whether all of it was read: an invitation of that list missing from
    /// a complete read was resolved on LinkedIn (the worker marks it).
    pub list: Option<ListShown>,
    /// Whether the member's own headline stood in for unset field keywords.
    pub own_headline_used: bool,
    /// This week's accepts against the budget, with the question to ask past it.
    pub week: Week,
    /// LinkedIn's friction on the page: a batch stops at any it did not start with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frictions: Vec<Friction>,
    /// Quiet mode: nothing is painted on the page (the panel and popup show the triage).
    #[serde(default, skip_serializing_if = "is_false")]
    pub quiet: bool,
    /// Which tab the page is: received invitations (`cards`) or sent ones (`sent`).
    #[serde(default)]
    pub page: PageKind,
    /// The Sent tab's invitations, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sent: Vec<SentPaint>,
    /// LinkedIn's withdraw confirmations open on the Sent tab (not friction).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confirms: Vec<ConfirmPaint>,
    /// Sent invitations painted before that hold no Withdraw now (withdrawn or gone), by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gone: Vec<String>,
    /// The Sent tab's cards painted before and unchanged (sent as stubs), by id: with `sent`,
    /// every invitation on a list read whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known_ids: Vec<String>,
    /// The snapshot was one part of a long page ([`crate::core::partial`]): the rest comes
    /// next, so nothing page-wide (status, counts, what went away) is final yet.
    #[serde(default, skip_serializing_if = "is_false")]
    pub partial: bool,
}

impl PaintPlan {
    /// A plan with nothing read: no cards, the week and quiet mode as settings and memory say.
    pub fn empty(settings: &Settings, memory: &Memory) -> PaintPlan {
        PaintPlan {
            status: Status::NoInvitations,
            count: 0,
            unreadable: 0,
            lang: None,
            lang_unsupported: false,
            counts: Counts::default(),
            bucket_words: BucketWords::default(),
            action_words: ActionWords::default(),
            cards: vec![],
            resolved: vec![],
            list: None,
            own_headline_used: false,
            week: Week::at(&memory.recent, settings.weekly_budget, memory.now),
            frictions: vec![],
            quiet: is_quiet(settings),
            page: PageKind::Received,
            sent: vec![],
            confirms: vec![],
            gone: vec![],
            known_ids: vec![],
            partial: false,
        }
    }
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
        bucket_words: BucketWords::default(),
        action_words: ActionWords::default(),
        cards,
        resolved: read.resolved.clone(),
        list: read.list.clone(),
        own_headline_used: scorer.uses_own_headline(),
        week: Week::at(&memory.recent, settings.weekly_budget, memory.now),
        frictions: read.frictions.clone(),
        quiet: is_quiet(settings),
        page: PageKind::Received,
        sent: vec![],
        confirms: vec![],
        gone: vec![],
        known_ids: vec![],
        partial: false,
    }
}

/// Everything painted on one card read from a page (or made from the options page's sample,
/// [`crate::core::preview`]): parse, score, respond, and the control each action clicks.
pub fn card_paint(
    rc: &ReadCard,
    scorer: &Scorer,
    settings: &Settings,
    memory: &Memory,
) -> CardPaint {
    let invitation = parse::invitation(&rc.card);
    let mut verdict = scorer.score(&invitation);
    let past = memory.past.get(&invitation.key);
    if let Some(past) = past {
        verdict = scorer.with_reason(verdict, repeat_reason(past, settings));
    }
    let lead = past.map(|_| Action::Decline);
    let actions = respond::suggestions(&invitation, &verdict, settings, lead)
        .into_iter()
        .map(|s| {
            let (control, resolves) = match s.action {
                Action::Accept | Action::AcceptThank => (rc.at.accept, true),
                Action::Decline => (rc.at.ignore, true),
                // Reply without LinkedIn's control still copies the message: not "missing".
                Action::Reply => (rc.at.reply, false),
                Action::Later | Action::Note => (None, false),
            };
            ActionPaint {
                action: s.action.as_str().to_owned(),
                label: s.label,
                message: s.message,
                primary: s.primary,
                control,
                resolves,
                missing_control: resolves && control.is_none(),
                budgeted: matches!(s.action, Action::Accept | Action::AcceptThank),
            }
        })
        .collect();
    CardPaint {
        at: rc.at.clone(),
        id: invitation.key.clone(),
        name: display_name(&invitation),
        bucket: verdict.bucket,
        score: verdict.score,
        base: verdict.base,
        summary: score::reason_summary(&verdict, LABEL_REASONS),
        reasons: verdict
            .reasons
            .iter()
            .map(|r| ReasonPaint {
                label: r.label.clone(),
                points: r.points,
            })
            .collect(),
        actions,
        note: memory.notes.get(&invitation.key).cloned(),
        decision: memory.decisions.get(&invitation.key).cloned(),
        days_waiting: invitation.days_waiting,
        profile: Some(&invitation.profile_url)
            .filter(|url| url.contains("/in/"))
            .and_then(|url| crate::core::matcher::profile_slug(url))
            .map(|slug| format!("https://www.linkedin.com/in/{slug}/")),
    }
}

/// The reason a repeat inviter gets: "Invited you before; you ignored it on 3 March".
fn repeat_reason(past: &Past, settings: &Settings) -> Reason {
    let how = if past.how == "declined" {
        "declined"
    } else {
        "ignored"
    };
    Reason {
        rule: "repeat_inviter".into(),
        label: format!(
            "Invited you before; you {how} it on {}",
            dates::day_month(past.at)
        ),
        points: settings.rules.weights.repeat_inviter,
    }
}

/// The batch's pause between clicks, `[min, max]` ms, as the settings say.
pub fn batch_pace(settings: &Settings) -> [u32; 2] {
    settings.batch.pace_ms
}

/// Quiet mode, as the settings say.
fn is_quiet(settings: &Settings) -> bool {
    settings.quiet
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

/// The message key of the bucket's word, as the badge, the popup and the options preview show
/// it (`bucketAccept` is "Accept" in English).
pub fn bucket_key(bucket: Bucket) -> &'static str {
    match bucket {
        Bucket::Accept => "bucketAccept",
        Bucket::Review => "bucketReview",
        Bucket::Ignore => "bucketIgnore",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(card: Card, at: Placement) -> ReadCard {
        ReadCard { at, card }
    }

    #[test]
    fn action_words_are_written_as_the_map_they_replace() {
        let mut words = ActionWords::default();
        let mut map: std::collections::BTreeMap<String, String> = Action::ALL
            .iter()
            .map(|a| (a.as_str().to_owned(), action_key(*a).to_owned()))
            .collect();
        assert_eq!(json_of(&words), json_of(&map));
        for (action, key) in [("withdraw", "actionWithdraw"), ("accept", "x"), ("", "y")] {
            words.insert(action, key);
            map.insert(action.to_owned(), key.to_owned());
            assert_eq!(json_of(&words), json_of(&map));
            assert_eq!(words.get(action), Some(key));
        }
        assert_eq!(words.get("nothing"), None);
        let text = serde_json::to_string(&words).unwrap();
        assert_eq!(serde_json::from_str::<ActionWords>(&text).unwrap(), words);
    }

    /// The JSON text of `value`, as the boundary writes it and as serde_json does.
    fn json_of<T: Serialize>(value: &T) -> String {
        let ours = crate::json::to_string(value).unwrap();
        assert_eq!(ours, serde_json::to_string(value).unwrap());
        ours
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
        assert_eq!(ana.summary, score::reason_summary(&ana_verdict(), 3));
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

    fn ana_card() -> Card {
        Card {
            profile_url: "/in/ana-ruiz/".into(),
            name: "Ana Ruiz".into(),
            headline: "Rust engineer".into(),
            has_photo: true,
            lines: vec!["40 mutual connections".into()],
            note: Some("We worked together at Ferrous".into()),
            ..Card::default()
        }
    }

    fn ana_verdict() -> score::Verdict {
        Scorer::new(&Settings::default()).score(&parse::invitation(&ana_card()))
    }

    fn one(card: Card, at: Placement) -> CardPaint {
        let settings = Settings::default();
        let page = PageRead {
            cards: vec![read(card, at)],
            ..PageRead::default()
        };
        plan(
            &page,
            &Scorer::new(&settings),
            &settings,
            &Memory::default(),
        )
        .cards
        .remove(0)
    }

    #[test]
    fn each_action_carries_the_control_it_clicks_chosen_by_the_plan() {
        let at = Placement {
            root: 10,
            accept: Some(11),
            ignore: Some(12),
            reply: Some(13),
        };
        let paint = one(ana_card(), at);
        let by = |a: &str| paint.actions.iter().find(|x| x.action == a).unwrap();
        for (action, control, resolves) in [
            ("accept", Some(11), true),
            ("accept-thank", Some(11), true),
            ("decline", Some(12), true),
            ("reply", Some(13), false),
            ("later", None, false),
            ("note", None, false),
        ] {
            assert_eq!(by(action).control, control, "{action}");
            assert_eq!(by(action).resolves, resolves, "{action}");
            assert!(!by(action).missing_control, "{action}");
        }

        // No controls on the card: the actions that answer it say so; reply still copies.
        let bare = one(ana_card(), Placement::default());
        let by = |a: &str| bare.actions.iter().find(|x| x.action == a).unwrap();
        for action in ["accept", "accept-thank", "decline"] {
            assert!(by(action).missing_control, "{action}");
            assert_eq!(by(action).control, None);
        }
        for action in ["reply", "later", "note"] {
            assert!(!by(action).missing_control, "{action}");
        }
    }

    #[test]
    fn reasons_carry_signed_points_that_add_up_to_the_score() {
        let card = Card {
            has_photo: false,
            headline: String::new(),
            lines: vec![],
            note: None,
            ..ana_card()
        };
        let paint = one(card, Placement::default());
        assert!(paint.reasons.iter().all(|r| r.points < 0), "{paint:?}");
        let verdict = ana_verdict();
        let paint = one(ana_card(), Placement::default());
        let points: Vec<i32> = paint.reasons.iter().map(|r| r.points).collect();
        let expected: Vec<i32> = verdict.reasons.iter().map(|r| r.points).collect();
        assert_eq!(points, expected);
        let total = paint.base + points.iter().sum::<i32>();
        assert_eq!(i32::from(paint.score), total.clamp(0, 100));
    }

    #[test]
    fn bucket_words_are_message_keys_sent_once_per_plan() {
        let settings = Settings::default();
        let page = PageRead {
            cards: vec![read(ana_card(), Placement::default()); 3],
            ..PageRead::default()
        };
        let plan = plan(
            &page,
            &Scorer::new(&settings),
            &settings,
            &Memory::default(),
        );
        assert_eq!(
            plan.bucket_words,
            BucketWords {
                accept: "bucketAccept".into(),
                review: "bucketReview".into(),
                ignore: "bucketIgnore".into(),
            }
        );
        let json = serde_json::to_value(&plan).unwrap();
        assert_eq!(json["bucket_words"]["review"], "bucketReview");
        let card = &json["cards"][0];
        assert_eq!(card["bucket"], "accept");
        assert!(card["score"].is_u64());
        assert!(card["reasons"][0]["points"].is_i64());
        // No words per card: the badge is the bucket's word and the score, put together by the
        // content script; the controls live in the actions only.
        for gone in ["badge", "label", "word"] {
            assert!(card.get(gone).is_none(), "{gone}");
        }
        assert_eq!(card["at"], serde_json::json!({ "root": 0 }));
        let words = serde_json::to_string(&json["cards"]).unwrap();
        assert!(!words.contains("bucketAccept"), "{words}");
    }

    #[test]
    fn empty_fields_are_left_out_of_the_plan() {
        let at = Placement {
            root: 1,
            accept: Some(2),
            ignore: Some(3),
            reply: None,
        };
        let json = serde_json::to_value(one(ana_card(), at)).unwrap();
        for gone in ["note", "decision", "days_waiting"] {
            assert!(json.get(gone).is_none(), "{gone}: {json}");
        }
        let action = |a: &str| {
            json["actions"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["action"] == a)
                .unwrap()
                .clone()
        };
        assert_eq!(
            action("accept"),
            serde_json::json!({"action": "accept", "control": 2, "resolves": true, "budgeted": true})
        );
        assert_eq!(action("note"), serde_json::json!({"action": "note"}));
        assert_eq!(action("accept-thank")["primary"], true);
    }

    fn with_memory(memory: &Memory) -> PaintPlan {
        let settings = Settings::default();
        let page = PageRead {
            cards: vec![read(ana_card(), Placement::default())],
            ..PageRead::default()
        };
        plan(&page, &Scorer::new(&settings), &settings, memory)
    }

    #[test]
    fn a_repeat_inviter_says_when_it_was_ignored_and_leads_with_decline() {
        let before = with_memory(&Memory::default()).cards.remove(0);
        let mut memory = Memory::default();
        memory.past.insert(
            before.id.clone(),
            Past {
                how: "ignored".into(),
                at: 1_709_424_000_000.0, // 3 March 2024, 00:00 UTC
            },
        );
        let after = with_memory(&memory).cards.remove(0);
        let reason = after
            .reasons
            .iter()
            .find(|r| r.label == "Invited you before; you ignored it on 3 March")
            .expect("the repeat reason");
        let weight = Settings::default().rules.weights.repeat_inviter;
        assert_eq!(reason.points, weight);
        assert_eq!(i32::from(after.score), i32::from(before.score) + weight);
        assert_eq!(after.actions[0].action, "decline");
        assert!(after.actions[0].primary);
        assert_eq!(after.actions.iter().filter(|a| a.primary).count(), 1);
        assert_ne!(before.actions[0].action, "decline");
    }

    #[test]
    fn the_plan_carries_the_week_and_its_question_past_the_budget() {
        let now = 1_800_000_000_000.0;
        let mut memory = Memory {
            now,
            ..Memory::default()
        };
        let budget = Settings::default().weekly_budget;
        memory.recent = (0..budget)
            .map(|i| Done {
                id: format!("p{i}"),
                action: "accept".into(),
                at: now - 1000.0,
                outcome: Some("done".into()),
            })
            .collect();
        let plan = with_memory(&memory);
        assert_eq!(plan.week.accepted, budget);
        assert_eq!(
            plan.week.confirm,
            Some(format!(
                "{} of {budget} this week: accept anyway?",
                budget + 1
            ))
        );
        memory.recent.pop();
        assert_eq!(with_memory(&memory).week.confirm, None);
        let accepts: Vec<bool> = plan.cards[0].actions.iter().map(|a| a.budgeted).collect();
        let names: Vec<&str> = plan.cards[0]
            .actions
            .iter()
            .map(|a| a.action.as_str())
            .collect();
        for (name, budgeted) in names.iter().zip(accepts) {
            assert_eq!(budgeted, name.starts_with("accept"), "{name}");
        }
    }
}
