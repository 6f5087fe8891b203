//! The queue at a glance, for the toolbar popup: counts, the best opportunities, what has
//! waited too long, the user's notes and this week's accepts against the weekly budget.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::core::plan::{BucketWords, Memory};
use crate::core::score::Bucket;
use crate::core::settings::Settings;

/// How many opportunities the popup lists.
pub const TOP: usize = 5;
const WEEK_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

/// One invitation as remembered from the last readings of the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    /// Who or what.
    pub name: String,
    /// Its bucket.
    pub bucket: Bucket,
    /// Its score.
    pub score: u8,
    /// Its strongest reasons, in words.
    #[serde(default)]
    pub reasons: Vec<String>,
    /// Days it had waited when read, if the card said.
    #[serde(default)]
    pub days: Option<u32>,
}

/// Everything read from the page this session, by card id (other fields in storage, such as
/// the page's status, are the popup's business and ignored here).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Queue {
    /// The cards seen, by id.
    pub cards: HashMap<String, Seen>,
}

/// One action the user took, dated (milliseconds since the epoch).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Done {
    /// The card id.
    pub id: String,
    /// The action (`accept`, `accept-thank`, `decline`, `later`, `note`, …).
    pub action: String,
    /// When.
    pub at: f64,
}

/// One line of the popup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The card id (`data-triage-id`), to scroll to it.
    pub id: String,
    /// Who or what.
    pub name: String,
    /// Its bucket.
    pub bucket: Bucket,
    /// Its score.
    pub score: u8,
    /// The first reason, or the user's note.
    pub detail: String,
}

/// This week's accepts against the budget.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Week {
    /// Invitations accepted in the last seven days.
    pub accepted: u32,
    /// The weekly budget from the settings (0: none).
    pub budget: u32,
}

/// What the popup shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Undecided invitations per bucket.
    pub accept: u32,
    /// See `accept`.
    pub review: u32,
    /// See `accept`.
    pub ignore: u32,
    /// Invitations already acted on.
    pub decided: u32,
    /// The best undecided Accept and Review invitations, best first.
    pub top: Vec<Entry>,
    /// Undecided invitations waiting at least the stale threshold, longest first.
    pub stale: Vec<Entry>,
    /// Invitations with a note of the user's.
    pub notes: Vec<Entry>,
    /// This week's accepts.
    pub week: Week,
    /// The message key of each bucket's word, as the page's plan gives it.
    pub bucket_words: BucketWords,
}

fn entry(id: &str, seen: &Seen, detail: String) -> Entry {
    Entry {
        id: id.to_owned(),
        name: seen.name.clone(),
        bucket: seen.bucket,
        score: seen.score,
        detail,
    }
}

/// Summarises the queue at time `now_ms`.
pub fn summarize(
    queue: &Queue,
    memory: &Memory,
    history: &[Done],
    settings: &Settings,
    now_ms: f64,
) -> Summary {
    let mut ids: Vec<&String> = queue.cards.keys().collect();
    ids.sort_unstable();
    let undecided: Vec<(&String, &Seen)> = ids
        .iter()
        .map(|id| (*id, &queue.cards[*id]))
        .filter(|(id, _)| {
            memory
                .decisions
                .get(*id)
                .is_none_or(|d| d == "later" || d == "note")
        })
        .collect();
    let count = |b: Bucket| undecided.iter().filter(|(_, s)| s.bucket == b).count() as u32;

    let mut best: Vec<&(&String, &Seen)> = undecided
        .iter()
        .filter(|(_, s)| s.bucket != Bucket::Ignore)
        .collect();
    best.sort_unstable_by(|a, b| b.1.score.cmp(&a.1.score).then(a.0.cmp(b.0)));
    let top = best
        .iter()
        .take(TOP)
        .map(|(id, s)| entry(id, s, s.reasons.first().cloned().unwrap_or_default()))
        .collect();

    let stale_days = settings.rules.stale_days;
    let mut stale: Vec<&(&String, &Seen)> = undecided
        .iter()
        .filter(|(_, s)| s.days.is_some_and(|d| d >= stale_days))
        .collect();
    stale.sort_unstable_by(|a, b| b.1.days.cmp(&a.1.days).then(a.0.cmp(b.0)));
    let stale = stale
        .iter()
        .map(|(id, s)| entry(id, s, format!("Waiting {} days", s.days.unwrap_or(0))))
        .collect();

    let notes = ids
        .iter()
        .filter_map(|id| {
            let note = memory.notes.get(*id)?;
            Some(entry(id, &queue.cards[*id], note.clone()))
        })
        .collect();

    let mut accepted_ids: Vec<&str> = history
        .iter()
        .filter(|d| now_ms - d.at < WEEK_MS && d.action.starts_with("accept"))
        .map(|d| d.id.as_str())
        .collect();
    accepted_ids.sort_unstable();
    accepted_ids.dedup();
    let accepted = accepted_ids.len() as u32;

    Summary {
        accept: count(Bucket::Accept),
        review: count(Bucket::Review),
        ignore: count(Bucket::Ignore),
        decided: (queue.cards.len() - undecided.len()) as u32,
        top,
        stale,
        notes,
        week: Week {
            accepted,
            budget: settings.weekly_budget,
        },
        bucket_words: BucketWords::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(name: &str, bucket: Bucket, score: u8, days: Option<u32>) -> Seen {
        Seen {
            name: name.into(),
            bucket,
            score,
            reasons: vec![format!("why {name}")],
            days,
        }
    }

    fn queue() -> Queue {
        let mut q = Queue::default();
        for (i, (b, s)) in [
            (Bucket::Accept, 90),
            (Bucket::Accept, 75),
            (Bucket::Review, 60),
            (Bucket::Review, 50),
            (Bucket::Review, 40),
            (Bucket::Review, 38),
            (Bucket::Ignore, 10),
        ]
        .into_iter()
        .enumerate()
        {
            let days = Some(10 * i as u32 + 30);
            q.cards
                .insert(format!("p{i}"), seen(&format!("P{i}"), b, s, days));
        }
        q
    }

    #[test]
    fn counts_top_five_stale_notes_and_the_week() {
        let mut memory = Memory::default();
        memory.decisions.insert("p0".into(), "accept-thank".into());
        memory.decisions.insert("p2".into(), "later".into());
        memory.notes.insert("p3".into(), "Ask Ana first".into());
        let day = 24.0 * 3600.0 * 1000.0;
        let now = 100.0 * day;
        let history = vec![
            Done {
                id: "p0".into(),
                action: "accept-thank".into(),
                at: now - day,
            },
            Done {
                id: "old".into(),
                action: "accept".into(),
                at: now - 8.0 * day,
            },
            Done {
                id: "p6".into(),
                action: "decline".into(),
                at: now - day,
            },
        ];
        let s = summarize(&queue(), &memory, &history, &Settings::default(), now);
        assert_eq!((s.accept, s.review, s.ignore, s.decided), (1, 4, 1, 1));
        let top: Vec<&str> = s.top.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(top, ["p1", "p2", "p3", "p4", "p5"]);
        assert_eq!(s.top[0].detail, "why P1");
        let stale: Vec<&str> = s.stale.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            stale,
            ["p6", "p5", "p4", "p3"],
            "60 days and more, longest first"
        );
        assert_eq!(s.notes.len(), 1);
        assert_eq!(s.notes[0].detail, "Ask Ana first");
        assert_eq!(s.week.accepted, 1);
        assert_eq!(s.week.budget, Settings::default().weekly_budget);
        assert_eq!(s.bucket_words.review, "bucketReview");
    }

    #[test]
    fn an_empty_queue_is_all_zeros() {
        let s = summarize(
            &Queue::default(),
            &Memory::default(),
            &[],
            &Settings::default(),
            0.0,
        );
        assert_eq!((s.accept, s.review, s.ignore, s.decided), (0, 0, 0, 0));
        assert!(s.top.is_empty() && s.stale.is_empty() && s.notes.is_empty());
    }
}
