//! Plans the paint for the Sent tab: each invitation's age, a "withdraw?" suggestion once it
//! has waited past the user's threshold (with LinkedIn's cooldown said plainly), and a Withdraw
//! button that opens LinkedIn's own.

use serde::{Deserialize, Serialize};

use crate::core::plan::{ActionPaint, Memory, PaintPlan, Placement, ReasonPaint, Status};
use crate::core::sent::{SentCard, SentRead, WithdrawConfirm};
use crate::core::settings::Settings;

/// How long LinkedIn blocks re-inviting someone after a withdrawal, in weeks ("up to 3 weeks").
pub const COOLDOWN_WEEKS: u32 = 3;

/// The `data-triage-action` of our Withdraw button.
pub const WITHDRAW: &str = "withdraw";
/// The message key of its text.
pub const WITHDRAW_KEY: &str = "actionWithdraw";

/// Which tab of the invitation manager a page is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    /// Received invitations (the default tab).
    #[default]
    Received,
    /// Invitations the member sent.
    Sent,
}

impl PageKind {
    /// The tab a page address shows: `…/invitation-manager/sent/…` is the Sent tab, anything
    /// else the received one.
    pub fn of(url: &str) -> PageKind {
        let path = url
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        let path = path.find('/').map_or("", |at| &path[at..]);
        let mut parts = path.split('/').filter(|p| !p.is_empty());
        let is_sent = parts.next() == Some("mynetwork")
            && parts.next() == Some("invitation-manager")
            && parts.next() == Some("sent");
        if is_sent {
            PageKind::Sent
        } else {
            PageKind::Received
        }
    }
}

/// Everything painted on one sent invitation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentPaint {
    /// Where it goes (the root only).
    pub at: Placement,
    /// `data-triage-id`: the invitee's profile slug.
    pub id: String,
    /// The invitee's name.
    pub name: String,
    /// The invitee's profile, when the card links one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// `data-triage-sent-days`: days since it was sent, when the card says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// `data-triage-suggest="withdraw"`: pending past `sent.withdraw_after_days`.
    #[serde(default)]
    pub withdraw: bool,
    /// Why, in words: its age against the threshold, the cooldown, its note.
    pub reasons: Vec<ReasonPaint>,
    /// Our buttons: Withdraw (clicks LinkedIn's, which asks to confirm) and Note.
    pub actions: Vec<ActionPaint>,
    /// The user's saved note on this person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The user's last action on this card, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
}

/// LinkedIn's withdraw confirmation, open on the page, and whose it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmPaint {
    /// The dialog (snapshot index).
    pub dialog: u32,
    /// Its confirming control (snapshot index): a batch clicks it; a single withdraw leaves it
    /// to the user.
    pub control: u32,
    /// The card it confirms for, when its label names one invitee on the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// Plans the paint for a Sent tab read.
pub fn plan_sent(read: &SentRead, settings: &Settings, memory: &Memory) -> PaintPlan {
    let sent: Vec<SentPaint> = read
        .cards
        .iter()
        .map(|card| sent_paint(card, settings, memory))
        .collect();
    let status = match (sent.is_empty() && read.known == 0, read.unreadable > 0) {
        (false, _) => Status::Ready,
        (true, true) => Status::Unrecognized,
        (true, false) => Status::NoInvitations,
    };
    let mut plan = PaintPlan::empty(settings, memory);
    plan.page = PageKind::Sent;
    plan.status = status;
    plan.count = (sent.len() as u32).saturating_add(read.known);
    plan.unreadable = read.unreadable;
    plan.lang = read.lang.clone();
    plan.lang_unsupported = read.lang_unsupported;
    plan.list = read.list.clone();
    plan.confirms = read
        .confirms
        .iter()
        .map(|c| confirm_paint(c, &read.cards))
        .collect();
    plan.gone = read.gone.clone();
    plan.known_ids = read.known_ids.clone();
    plan.action_words.insert(WITHDRAW, WITHDRAW_KEY);
    plan.sent = sent;
    plan
}

/// One sent invitation's paint.
pub fn sent_paint(card: &SentCard, settings: &Settings, memory: &Memory) -> SentPaint {
    let after = settings.sent.withdraw_after_days;
    let withdraw = card.days.is_some_and(|d| d >= after);
    // "invite Ana again": the first name as the received side greets (titles skipped).
    let first = Some(crate::core::parse::first_name(&card.name)).filter(|f| !f.is_empty());
    let first = first.as_deref().unwrap_or("them");
    let mut reasons = vec![ReasonPaint {
        label: match card.days {
            Some(days) if withdraw => format!(
                "Pending {days} days, past your {after}: most invitations that are accepted \
                 are accepted within a week"
            ),
            Some(days) => format!("Pending {days} days; a withdraw is suggested from {after}"),
            None => "The card does not say when it was sent".to_owned(),
        },
        points: 0,
    }];
    if withdraw {
        reasons.push(ReasonPaint {
            label: format!(
                "If you withdraw, LinkedIn won't let you invite {first} again for up to \
                 {COOLDOWN_WEEKS} weeks"
            ),
            points: 0,
        });
    }
    reasons.push(ReasonPaint {
        label: if card.note.is_some() {
            "Sent with a note".to_owned()
        } else {
            "Sent without a note: a personal note (where you met, why connect) is accepted \
             more often"
                .to_owned()
        },
        points: 0,
    });
    let actions = vec![
        ActionPaint {
            action: WITHDRAW.to_owned(),
            label: "Withdraw".to_owned(),
            message: None,
            primary: withdraw,
            control: card.withdraw,
            resolves: true,
            missing_control: card.withdraw.is_none(),
            budgeted: false,
        },
        ActionPaint {
            action: "note".to_owned(),
            label: "Note".to_owned(),
            message: None,
            primary: false,
            control: None,
            resolves: false,
            missing_control: false,
            budgeted: false,
        },
    ];
    SentPaint {
        at: Placement {
            root: card.root,
            ..Placement::default()
        },
        id: card.id.clone(),
        name: card.name.clone(),
        profile: card.profile.clone(),
        days: card.days,
        withdraw,
        reasons,
        actions,
        note: memory.notes.get(&card.id).cloned(),
        decision: memory.decisions.get(&card.id).cloned(),
    }
}

/// Whose a confirmation is: the one card whose name its label carries.
fn confirm_paint(confirm: &WithdrawConfirm, cards: &[SentCard]) -> ConfirmPaint {
    let id = confirm.name.as_deref().and_then(|name| {
        let mut same = cards
            .iter()
            .filter(|c| crate::core::lang::eq_ci(c.name.trim(), name.trim()));
        match (same.next(), same.next()) {
            (Some(card), None) => Some(card.id.clone()),
            _ => None,
        }
    });
    ConfirmPaint {
        dialog: confirm.dialog,
        control: confirm.control,
        id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(id: &str, days: Option<u32>) -> SentCard {
        SentCard {
            root: 3,
            withdraw: Some(7),
            id: id.into(),
            name: "Ana Ruiz".into(),
            profile: Some(format!("https://www.linkedin.com/in/{id}/")),
            headline: "Engineer".into(),
            days,
            note: None,
        }
    }

    #[test]
    fn the_sent_tab_is_told_by_its_path() {
        for url in [
            "https://www.linkedin.com/mynetwork/invitation-manager/sent/",
            "https://www.linkedin.com/mynetwork/invitation-manager/sent",
            "https://www.linkedin.com/mynetwork/invitation-manager/sent/CONNECTION/?page=2",
            "/mynetwork/invitation-manager/sent/#x",
        ] {
            assert_eq!(PageKind::of(url), PageKind::Sent, "{url}");
        }
        for url in [
            "https://www.linkedin.com/mynetwork/invitation-manager/",
            "https://www.linkedin.com/mynetwork/invitation-manager/received/",
            "https://www.linkedin.com/in/sent/",
            "https://www.linkedin.com/mynetwork/invitation-manager/?q=sent",
            "",
        ] {
            assert_eq!(PageKind::of(url), PageKind::Received, "{url}");
        }
    }

    #[test]
    fn withdraw_is_suggested_from_the_threshold_with_the_cooldown_said() {
        let settings = Settings::default();
        let memory = Memory::default();
        let young = sent_paint(&card("ana", Some(29)), &settings, &memory);
        assert!(!young.withdraw);
        assert!(!young.actions[0].primary);
        assert!(young.reasons.iter().all(|r| !r.label.contains("weeks")));
        let old = sent_paint(&card("ana", Some(30)), &settings, &memory);
        assert!(old.withdraw);
        assert!(old.actions[0].primary);
        assert_eq!(old.actions[0].control, Some(7));
        assert!(old.actions[0].resolves);
        assert!(old.reasons[1]
            .label
            .contains("invite Ana again for up to 3 weeks"));
        let unknown = sent_paint(&card("ana", None), &settings, &memory);
        assert!(!unknown.withdraw);
        let mut settings = Settings::default();
        settings.sent.withdraw_after_days = 7;
        assert!(sent_paint(&card("ana", Some(8)), &settings, &memory).withdraw);
    }

    #[test]
    fn a_missing_withdraw_control_is_said_and_a_confirm_finds_its_card() {
        let mut c = card("ana", Some(40));
        c.withdraw = None;
        let p = sent_paint(&c, &Settings::default(), &Memory::default());
        assert!(p.actions[0].missing_control);
        let read = SentRead {
            cards: vec![card("ana", Some(40))],
            confirms: vec![WithdrawConfirm {
                dialog: 20,
                control: 25,
                name: Some("ana ruiz".into()),
            }],
            ..SentRead::default()
        };
        let plan = plan_sent(&read, &Settings::default(), &Memory::default());
        assert_eq!(plan.page, PageKind::Sent);
        assert_eq!(plan.confirms[0].id.as_deref(), Some("ana"));
        assert_eq!(plan.status, Status::Ready);
        assert_eq!(plan.count, 1);
        assert!(plan.cards.is_empty());
        assert_eq!(plan.action_words.get("withdraw"), Some("actionWithdraw"));
    }
}
