//! The queue at a glance, for the toolbar popup: counts, the best opportunities, what has
//! waited too long, the user's notes and this week's accepts against the weekly budget.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use crate::core::budget::{Done, Week};
use crate::core::plan::{BucketWords, Memory};
use crate::core::score::Bucket;
use crate::core::settings::Settings;

/// How many opportunities the popup lists.
pub const TOP: usize = 5;

/// One invitation as remembered from the last readings of the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// Every reason with its points, strongest first (the side panel lists them).
    #[serde(default)]
    pub why: Vec<crate::core::plan::ReasonPaint>,
    /// The inviter's profile (`https://www.linkedin.com/in/<slug>/`), when the card links one.
    #[serde(default)]
    pub profile: Option<String>,
    /// Days it had waited when read, if the card said.
    #[serde(default)]
    pub days: Option<u32>,
    /// When the card first said `days` (ms since the epoch): its age grows from there.
    #[serde(default)]
    pub seen: Option<f64>,
    /// Set when LinkedIn resolved the invitation while we watched (accepted or ignored with
    /// LinkedIn's own buttons, or gone from the list): it no longer waits.
    #[serde(default)]
    pub resolved: Option<Resolved>,
}

/// How and when LinkedIn resolved an invitation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Resolved {
    /// When (ms since the epoch).
    pub at: f64,
    /// `accepted` ("… is now a connection"), `ignored`, or `gone` (the card went away).
    pub how: String,
}

const DAY_MS: f64 = 24.0 * 3600.0 * 1000.0;

impl Seen {
    /// Days waited at `now_ms`: what the card said, plus the whole days since it said so.
    pub fn days_at(&self, now_ms: f64) -> Option<u32> {
        let days = self.days?;
        let since = self
            .seen
            .map_or(0.0, |seen| ((now_ms - seen) / DAY_MS).floor());
        let since = if since.is_finite() && since > 0.0 {
            since.min(f64::from(crate::core::parse::MAX_AGE_DAYS)) as u32
        } else {
            0
        };
        Some(
            days.saturating_add(since)
                .min(crate::core::parse::MAX_AGE_DAYS),
        )
    }
}

/// Everything read from the page this session, by card id (other fields in storage, such as
/// the page's status, are the popup's business and ignored here).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Queue {
    /// The cards seen, by id.
    pub cards: HashMap<String, Seen>,
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
    /// Invitations LinkedIn resolved while we watched (accepted or ignored there, or gone).
    pub resolved: u32,
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

/// Whether the user has not answered this invitation yet ("later" and a note are no answer).
pub fn is_undecided(memory: &Memory, id: &str) -> bool {
    memory
        .decisions
        .get(id)
        .is_none_or(|d| d == "later" || d == "note")
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
    crate::core::order::sort(&mut ids);
    let undecided: Vec<(&String, &Seen)> = ids
        .iter()
        .map(|id| (*id, &queue.cards[*id]))
        .filter(|(_, seen)| seen.resolved.is_none())
        .filter(|(id, _)| is_undecided(memory, id))
        .collect();
    let count = |b: Bucket| undecided.iter().filter(|(_, s)| s.bucket == b).count() as u32;

    let mut best: Vec<&(&String, &Seen)> = undecided
        .iter()
        .filter(|(_, s)| s.bucket != Bucket::Ignore)
        .collect();
    crate::core::order::sort_by(&mut best, |a, b| {
        b.1.score.cmp(&a.1.score).then(a.0.cmp(b.0))
    });
    let top = best
        .iter()
        .take(TOP)
        .map(|(id, s)| entry(id, s, s.reasons.first().cloned().unwrap_or_default()))
        .collect();

    let stale_days = settings.rules.stale_days;
    let mut stale: Vec<(&String, &Seen, u32)> = undecided
        .iter()
        .filter_map(|&(id, s)| s.days_at(now_ms).map(|d| (id, s, d)))
        .filter(|&(_, _, d)| d >= stale_days)
        .collect();
    crate::core::order::sort_by(&mut stale, |a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    let stale = stale
        .iter()
        .map(|(id, s, d)| entry(id, s, format!("Waiting {d} days")))
        .collect();

    let notes = ids
        .iter()
        .filter_map(|id| {
            let note = memory.notes.get(*id)?;
            Some(entry(id, &queue.cards[*id], note.clone()))
        })
        .collect();

    let resolved = queue
        .cards
        .values()
        .filter(|s| s.resolved.is_some())
        .count() as u32;
    Summary {
        resolved,
        accept: count(Bucket::Accept),
        review: count(Bucket::Review),
        ignore: count(Bucket::Ignore),
        decided: (queue.cards.len() - undecided.len()) as u32 - resolved,
        top,
        stale,
        notes,
        week: Week::at(history, settings.weekly_budget, now_ms),
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
            why: vec![],
            profile: None,
            days,
            seen: None,
            resolved: None,
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
                outcome: None,
            },
            Done {
                id: "old".into(),
                action: "accept".into(),
                at: now - 8.0 * day,
                outcome: None,
            },
            Done {
                id: "p6".into(),
                action: "decline".into(),
                at: now - day,
                outcome: None,
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
    fn the_week_counts_accepts_linkedin_took_however_they_were_made() {
        let day = 24.0 * 3600.0 * 1000.0;
        let now = 100.0 * day;
        let done = |id: &str, action: &str, outcome: Option<&str>| Done {
            id: id.into(),
            action: action.into(),
            at: now - day,
            outcome: outcome.map(Into::into),
        };
        let history = [
            done("a", "accept", None),
            done("b", "accept-thank", Some("done")),
            done("c", "accept", Some("accepted")),
            done("d", "accept", Some("not-taken")),
            done("e", "accept", Some("budget")),
            done("f", "accept", Some("friction")),
            done("g", "decline", Some("done")),
            done("c", "accept", Some("accepted")),
        ];
        let s = summarize(
            &Queue::default(),
            &Memory::default(),
            &history,
            &Settings::default(),
            now,
        );
        assert_eq!(s.week.accepted, 3, "a, b and c; d, e and f were not taken");
        // A log entry carries more than the summary reads: the rest is accepted and ignored.
        let entry: Done = serde_json::from_str(
            r#"{"id": "ana", "at": 5, "action": "accept", "outcome": "accepted", "via": "linkedin",
                "name": "Ana", "profile": null, "bucket": "accept", "score": 80, "reasons": ["x"]}"#,
        )
        .unwrap();
        assert!(entry.taken());
        let old: Done =
            serde_json::from_str(r#"{"id": "ana", "at": 5, "action": "accept"}"#).unwrap();
        assert_eq!(old.outcome, None);
        assert!(old.taken());
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

    #[test]
    fn ages_advance_with_time() {
        let mut q = Queue::default();
        let mut s = seen("Ana", Bucket::Review, 50, Some(10));
        s.seen = Some(0.0);
        q.cards.insert("ana".into(), s);
        let settings = Settings::default();
        let stale_days = settings.rules.stale_days;
        let at = |days: f64| summarize(&q, &Memory::default(), &[], &settings, days * DAY_MS + 1.0);
        let before = f64::from(stale_days.saturating_sub(11));
        assert!(at(before).stale.is_empty(), "not stale yet");
        let later = at(f64::from(stale_days));
        assert_eq!(later.stale.len(), 1, "stale once enough days have passed");
        assert_eq!(
            later.stale[0].detail,
            format!("Waiting {} days", stale_days + 10)
        );
        assert_eq!(
            q.cards["ana"].days_at(f64::NAN),
            Some(10),
            "a bad clock adds nothing"
        );
    }

    #[test]
    fn an_invitation_linkedin_resolved_leaves_the_undecided_counts() {
        let mut q = queue();
        let before = summarize(&q, &Memory::default(), &[], &Settings::default(), 0.0);
        q.cards.get_mut("p0").unwrap().resolved = Some(Resolved {
            at: 1.0,
            how: "accepted".into(),
        });
        let after = summarize(&q, &Memory::default(), &[], &Settings::default(), 0.0);
        assert_eq!(after.accept, before.accept - 1);
        assert_eq!(after.resolved, 1);
        assert_eq!(after.decided, before.decided);
        assert!(after.top.iter().all(|e| e.id != "p0"));
    }
}
