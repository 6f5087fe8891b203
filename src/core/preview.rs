//! The options page's live preview: a sample invitation, as the preview form holds it, read
//! by the same code as a card on the page.
//!
//! The sample's fields are the texts LinkedIn shows ("Ana and 12 other mutual connections",
//! "3 weeks ago"), laid out as the raw pieces the page reader collects from a card
//! ([`RawCard`]): the name as the text of a profile link, then the headline, the mutual line,
//! the age and the note, each a line. [`assemble::card`] sorts them into a [`Card`] and
//! [`plan::card_paint`] parses, scores and words it, so a sample scores, and its messages greet
//! and mention whom, exactly as the same card on the page would.

use serde::{Deserialize, Serialize};

use crate::core::assemble::{self, Hint, Line, RawCard};
use crate::core::invitation::{Card, Kind};
use crate::core::plan::{self, ActionWords, BucketWords, CardPaint, Memory, Placement, ReadCard};
use crate::core::score::Scorer;
use crate::core::settings::Settings;

/// What the preview form holds. Every field is optional; texts are as LinkedIn shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sample {
    /// Person (an invitation to connect), or a group, event, page or newsletter.
    pub kind: Kind,
    /// The inviter's name as shown ("Dr. Ana Ruiz").
    pub name: String,
    /// The headline line (for a group, event, page or newsletter: its description line).
    pub headline: String,
    /// The mutual-connections line ("Ana and 12 other mutual connections"), or empty.
    pub mutual: String,
    /// The age line ("3 weeks ago", "Yesterday"), or empty.
    pub age: String,
    /// The personal note, or empty; each line of it a line of the note.
    pub note: String,
    /// Whether the card shows a real photo.
    pub has_photo: bool,
    /// For a group, event, page or newsletter: its name.
    pub target: String,
    /// The inviter's profile link; empty: `/in/<the name as a slug>/`.
    pub profile: String,
}

/// The preview of one sample: what the page would paint on it, and the bucket words' keys.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    /// The card's paint, as in a plan (its actions click nothing: a sample has no controls).
    pub card: CardPaint,
    /// The message key of each bucket's word.
    pub bucket_words: BucketWords,
    /// The message key of each action's button text.
    pub action_words: ActionWords,
}

/// `text` as a profile or target slug: lower case, words of letters and digits joined by `-`.
fn slug(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        "sample".into()
    } else {
        words.join("-")
    }
}

/// Whitespace folded, as the reader folds a line.
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn line(text: &str, hint: Hint, link: Option<&str>) -> Line {
    Line {
        text: fold(text),
        hint,
        link: link.map(str::to_owned),
    }
}

/// Where a group, event, page or newsletter of this kind lives, and LinkedIn's English
/// sentence for the invitation.
fn target_of(kind: Kind) -> Option<(&'static str, &'static str)> {
    match kind {
        Kind::Person => None,
        Kind::Group => Some(("groups", "invited you to join")),
        Kind::Event => Some(("events", "invited you to attend")),
        Kind::Page => Some(("company", "invited you to follow")),
        Kind::Newsletter => Some(("newsletters", "invited you to subscribe to")),
    }
}

/// The raw pieces the page reader would collect from a card showing the sample.
pub fn raw_card(sample: &Sample) -> RawCard {
    let name = fold(&sample.name);
    let profile = match sample.profile.trim() {
        "" => format!("/in/{}/", slug(&name)),
        given => given.to_owned(),
    };
    let mut raw = RawCard {
        photo: sample.has_photo,
        ..RawCard::default()
    };
    match target_of(sample.kind) {
        None => {
            raw.links.push(profile.clone());
            raw.lines.push(line(&name, Hint::None, Some(&profile)));
        }
        Some((path, invited)) => {
            // "Grace Ndlovu invited you to join Rust in Production": the two links' texts,
            // then the sentence, as the reader splits running text with links in it.
            let target = fold(&sample.target);
            let href = format!("/{path}/{}/", slug(&target));
            if !name.is_empty() {
                raw.links.push(profile.clone());
                raw.lines.push(line(&name, Hint::None, Some(&profile)));
            }
            raw.links.push(href.clone());
            raw.lines.push(line(&target, Hint::None, Some(&href)));
            raw.lines.push(line(
                &format!("{name} {invited} {target}"),
                Hint::None,
                None,
            ));
        }
    }
    for text in [&sample.headline, &sample.mutual, &sample.age] {
        raw.lines.push(line(text, Hint::None, None));
    }
    raw.lines
        .extend(sample.note.lines().map(|text| line(text, Hint::Note, None)));
    raw.lines.retain(|l| !l.text.is_empty());
    raw
}

/// The [`Card`] the page reader would read from a card showing the sample.
pub fn card(sample: &Sample) -> Card {
    assemble::card(&raw_card(sample)).unwrap_or_default()
}

/// Scores the sample and words its suggestions, exactly as a page card.
pub fn preview(sample: &Sample, scorer: &Scorer, settings: &Settings) -> Preview {
    let read = ReadCard {
        at: Placement::default(),
        card: card(sample),
    };
    Preview {
        card: plan::card_paint(&read, scorer, settings, &Memory::default()),
        bucket_words: BucketWords::default(),
        action_words: ActionWords::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dr_ana() -> Sample {
        Sample {
            name: "Dr. Ana Ruiz".into(),
            headline: "Rust engineer at Ferrous Labs".into(),
            mutual: "Bo Li and 3 other mutual connections".into(),
            age: "2 weeks ago".into(),
            note: "We met at RustConf".into(),
            has_photo: true,
            ..Sample::default()
        }
    }

    fn messages(p: &Preview) -> Vec<&str> {
        p.card
            .actions
            .iter()
            .filter_map(|a| a.message.as_deref())
            .collect()
    }

    #[test]
    fn a_sample_reads_as_a_card() {
        let card = card(&dr_ana());
        assert_eq!(
            card,
            Card {
                profile_url: "/in/dr-ana-ruiz/".into(),
                name: "Dr. Ana Ruiz".into(),
                headline: "Rust engineer at Ferrous Labs".into(),
                has_photo: true,
                note: Some("We met at RustConf".into()),
                lines: vec![
                    "Bo Li and 3 other mutual connections".into(),
                    "2 weeks ago".into()
                ],
                ..Card::default()
            }
        );
    }

    #[test]
    fn messages_greet_the_first_name_and_keep_the_mutual_sentence() {
        let settings = Settings::default();
        let p = preview(&dr_ana(), &Scorer::new(&settings), &settings);
        let all = messages(&p);
        assert!(all.iter().any(|m| m.contains("Ana")), "{all:?}");
        assert!(all.iter().all(|m| !m.contains("Dr.")), "{all:?}");
        let thanks = p
            .card
            .actions
            .iter()
            .find(|a| a.action == "accept-thank")
            .and_then(|a| a.message.as_deref())
            .unwrap();
        assert!(
            thanks.starts_with("Thanks for the invitation, Ana!"),
            "{thanks}"
        );
        assert!(
            thanks.contains("Bo Li"),
            "the {{mutual}} sentence is kept: {thanks}"
        );
        assert_eq!(p.card.days_waiting, Some(14));
        let mutual = p.card.reasons.iter().find(|r| r.label.contains("mutual"));
        assert_eq!(
            mutual.map(|r| r.label.as_str()),
            Some("4 mutual connections, including Bo Li")
        );

        let none = Sample {
            mutual: String::new(),
            ..dr_ana()
        };
        let p = preview(&none, &Scorer::new(&settings), &settings);
        assert!(messages(&p).iter().all(|m| !m.contains("Bo Li")));
    }

    #[test]
    fn a_sample_has_no_controls_so_nothing_is_clicked() {
        let settings = Settings::default();
        let p = preview(&dr_ana(), &Scorer::new(&settings), &settings);
        assert!(p.card.actions.iter().all(|a| a.control.is_none()));
        assert_eq!(p.bucket_words, BucketWords::default());
    }

    #[test]
    fn a_group_sample_reads_as_a_group_invitation() {
        let sample = Sample {
            kind: Kind::Group,
            name: "Grace Ndlovu".into(),
            target: "Rust in Production".into(),
            headline: "Group · 18,204 members".into(),
            age: "2 days ago".into(),
            has_photo: true,
            ..Sample::default()
        };
        let card = card(&sample);
        assert_eq!(card.target_url, "/groups/rust-in-production/");
        assert_eq!(card.target_name, "Rust in Production");
        assert_eq!(card.headline, "", "a description line is no headline");
        let settings = Settings::default();
        let p = preview(&sample, &Scorer::new(&settings), &settings);
        assert_eq!(p.card.name, "Rust in Production, from Grace Ndlovu");
        assert_eq!(p.card.id, "groups-rust-in-production");
        assert!(p
            .card
            .reasons
            .iter()
            .any(|r| r.label == "Invitation to join a group: Rust in Production"));
    }

    #[test]
    fn an_empty_sample_is_a_card_keyed_sample() {
        let settings = Settings::default();
        let p = preview(&Sample::default(), &Scorer::new(&settings), &settings);
        assert_eq!(p.card.id, "sample");
        assert!(p.card.score <= 100);
        let all = messages(&p);
        assert!(all.iter().any(|m| m.contains("there")), "{all:?}");
    }
}
