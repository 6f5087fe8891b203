//! Verdict + templates → suggested responses, with their messages rendered.

use serde::{Deserialize, Serialize};

use crate::core::invitation::Invitation;
use crate::core::score::{Bucket, Verdict};
use crate::core::settings::Settings;

/// The placeholders templates may use.
pub const PLACEHOLDERS: &[&str] = &["first_name", "name", "mutual", "my_name"];

/// A response the user can choose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Accept the invitation.
    Accept,
    /// Accept, with a thank-you message on the clipboard.
    AcceptThank,
    /// Ignore on LinkedIn, with a polite decline on the clipboard for a message.
    Decline,
    /// Reply without accepting, asking for context.
    Reply,
    /// Keep for the weekly review, with a note.
    Later,
    /// Write a private note about this invitation.
    Note,
}

impl Action {
    /// Every action, in the order the buttons show.
    pub const ALL: [Action; 6] = [
        Action::Accept,
        Action::AcceptThank,
        Action::Decline,
        Action::Reply,
        Action::Later,
        Action::Note,
    ];

    /// The `data-triage-action` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Accept => "accept",
            Action::AcceptThank => "accept-thank",
            Action::Decline => "decline",
            Action::Reply => "reply",
            Action::Later => "later",
            Action::Note => "note",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Action::Accept => "Accept",
            Action::AcceptThank => "Accept & thank",
            Action::Decline => "Decline politely",
            Action::Reply => "Reply",
            Action::Later => "Review later",
            Action::Note => "Note",
        }
    }
}

/// One suggested response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// What the button does.
    pub action: Action,
    /// The button's text.
    pub label: String,
    /// The rendered message, for actions that send one.
    pub message: Option<String>,
    /// Whether this is the suggestion for the verdict's bucket.
    pub primary: bool,
}

/// The responses for one invitation, the bucket's own first, or `lead` first when given (a
/// repeat inviter is declined first, whatever the bucket).
pub fn suggestions(
    inv: &Invitation,
    verdict: &Verdict,
    settings: &Settings,
    lead: Option<Action>,
) -> Vec<Suggestion> {
    let primary = lead.unwrap_or(match verdict.bucket {
        Bucket::Accept => Action::AcceptThank,
        Bucket::Review => Action::Later,
        Bucket::Ignore => Action::Decline,
    });
    let t = &settings.templates;
    let limit = settings.note_limit();
    let decline = pick(&t.decline, &inv.key);
    let mut out: Vec<Suggestion> = Action::ALL
        .iter()
        .map(|&action| {
            let template = match action {
                Action::AcceptThank => Some(t.thank_you.as_str()),
                Action::Decline => decline,
                Action::Reply => Some(t.reply.as_str()),
                Action::Later => Some(t.later_note.as_str()),
                Action::Accept | Action::Note => None,
            };
            Suggestion {
                action,
                label: action.label().to_owned(),
                message: template
                    .map(|tpl| fit(&render(tpl, inv, settings), limit))
                    .filter(|m| !m.is_empty()),
                primary: action == primary,
            }
        })
        .collect();
    // The bucket's own suggestion first, the rest in their usual order.
    if let Some(at) = out.iter().position(|s| s.primary) {
        out[..=at].rotate_right(1);
    }
    out
}

/// The same template for the same invitation every time, varied across invitations.
fn pick<'a>(templates: &'a [String], key: &str) -> Option<&'a str> {
    if templates.is_empty() {
        return None;
    }
    let hash = key.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    templates
        .get(hash as usize % templates.len())
        .map(String::as_str)
}

/// Fills the placeholders of `template`. A sentence that uses `{mutual}` is left out when the
/// card names no mutual connection. Unknown placeholders stay as written (validation refuses
/// them before this runs).
pub fn render(template: &str, inv: &Invitation, settings: &Settings) -> String {
    let first = if inv.first_name.is_empty() {
        "there"
    } else {
        inv.first_name.as_str()
    };
    let mutual = inv.mutual_names.first().map(String::as_str);
    let mut out = String::with_capacity(template.len() + 32);
    for sentence in template.split_inclusive(['.', '!', '?']) {
        if mutual.is_none() && sentence.contains("{mutual}") {
            continue;
        }
        let mut rest = sentence;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let value = match &after[..close] {
                "first_name" => first,
                "name" => inv.name.as_str(),
                "mutual" => mutual.unwrap_or_default(),
                "my_name" => settings.my_name.as_str(),
                _ => &rest[open..open + close + 2],
            };
            out.push_str(value);
            rest = &after[close + 1..];
        }
        out.push_str(rest);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cuts a message to `limit` characters at a word boundary, ending with "…".
pub fn fit(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let cut: String = text.chars().take(limit.saturating_sub(1)).collect();
    let at = cut
        .rfind(' ')
        .filter(|i| *i > limit / 2)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([' ', ',', ';']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::score::Scorer;

    fn ana() -> Invitation {
        Invitation {
            key: "ana-ruiz".into(),
            name: "Dr. Ana Ruiz".into(),
            first_name: "Ana".into(),
            mutual_count: 3,
            mutual_names: vec!["Bo Li".into()],
            has_photo: true,
            headline: "Engineer".into(),
            ..Invitation::default()
        }
    }

    #[test]
    fn placeholders_are_filled() {
        let s = Settings {
            my_name: "Sam".into(),
            ..Settings::default()
        };
        let out = render(
            "Hi {first_name} ({name}), via {mutual}. {my_name}",
            &ana(),
            &s,
        );
        assert_eq!(out, "Hi Ana (Dr. Ana Ruiz), via Bo Li. Sam");
    }

    #[test]
    fn a_thank_you_without_mutuals_drops_the_mutual_sentence() {
        let mut inv = ana();
        inv.mutual_names.clear();
        let out = render(
            &Settings::default().templates.thank_you,
            &inv,
            &Settings::default(),
        );
        assert_eq!(out, "Thanks for the invitation, Ana! Glad to be connected.");
    }

    #[test]
    fn every_bucket_offers_all_six_with_its_own_first() {
        let s = Settings::default();
        let v = Scorer::new(&s).score(&ana());
        let list = suggestions(&ana(), &v, &s, None);
        assert_eq!(list.len(), 6);
        assert!(list[0].primary);
        assert_eq!(list.iter().filter(|x| x.primary).count(), 1);
        let decline = list.iter().find(|x| x.action == Action::Decline).unwrap();
        assert!(decline.message.as_deref().unwrap().starts_with("Hi Ana,"));
        assert!(list
            .iter()
            .find(|x| x.action == Action::Accept)
            .unwrap()
            .message
            .is_none());
    }

    #[test]
    fn messages_respect_linkedin_note_limits() {
        let mut s = Settings::default();
        s.templates.reply = "word ".repeat(100) + "{first_name}";
        let v = Scorer::new(&s).score(&ana());
        let reply = |s: &Settings| {
            suggestions(&ana(), &v, s, None)
                .into_iter()
                .find(|x| x.action == Action::Reply)
                .unwrap()
                .message
                .unwrap()
        };
        let free = reply(&s);
        assert!(free.chars().count() <= 200 && free.ends_with('…'), "{free}");
        s.premium = true;
        assert!(reply(&s).chars().count() <= 300);
    }

    #[test]
    fn the_decline_choice_is_stable_per_invitation() {
        let s = Settings::default();
        let picks: Vec<_> = ["a", "b", "c", "d", "e", "f"]
            .iter()
            .map(|k| pick(&s.templates.decline, k))
            .collect();
        assert_eq!(pick(&s.templates.decline, "a"), picks[0]);
        assert!(picks.iter().collect::<std::collections::HashSet<_>>().len() > 1);
    }
}
