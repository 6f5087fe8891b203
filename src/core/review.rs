//! The side panel's queue: every invitation seen and not yet resolved on LinkedIn, grouped into
//! Accept, Review and Ignore, best first, with its reasons, note, age and profile; and the
//! Accept invitations a batch may take, in the order the panel offers them.

use serde::{Deserialize, Serialize};

use crate::core::budget::{Done, Week};
use crate::core::plan::{BucketWords, Memory, ReasonPaint};
use crate::core::score::Bucket;
use crate::core::settings::Settings;
use crate::core::summary::{is_undecided, Queue};

/// One row of the panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The card id (`data-triage-id`).
    pub id: String,
    /// Who or what.
    pub name: String,
    /// Its bucket.
    pub bucket: Bucket,
    /// Its score.
    pub score: u8,
    /// Every reason with its points, strongest first (the top ones only for cards read
    /// before the panel existed).
    pub reasons: Vec<ReasonPaint>,
    /// The inviter's profile link, when known.
    pub profile: Option<String>,
    /// Days waited by now, when the card said.
    pub days: Option<u32>,
    /// The user's note.
    pub note: Option<String>,
    /// The user's last action, if any (`later`, `accept`, …).
    pub decision: Option<String>,
}

/// One bucket's rows, best first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// The bucket.
    pub bucket: Bucket,
    /// Its rows: the undecided by score (highest first), then the decided.
    pub rows: Vec<Row>,
}

/// What the panel shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Accept, Review and Ignore, in that order.
    pub groups: Vec<Group>,
    /// The undecided Accept invitations, best first: what the batch offers.
    pub batch: Vec<String>,
    /// This week's accepts against the budget.
    pub week: Week,
    /// The message key of each bucket's word.
    pub bucket_words: BucketWords,
}

/// The panel's queue at `now_ms`.
pub fn review(
    queue: &Queue,
    memory: &Memory,
    history: &[Done],
    settings: &Settings,
    now_ms: f64,
) -> Review {
    let mut rows: Vec<(bool, Row)> = queue
        .cards
        .iter()
        .filter(|(_, seen)| seen.resolved.is_none())
        .map(|(id, seen)| {
            let reasons = if seen.why.is_empty() {
                // Read before every reason was kept: the top labels, without their points.
                seen.reasons
                    .iter()
                    .map(|label| ReasonPaint {
                        label: label.clone(),
                        points: 0,
                    })
                    .collect()
            } else {
                seen.why.clone()
            };
            let row = Row {
                id: id.clone(),
                name: seen.name.clone(),
                bucket: seen.bucket,
                score: seen.score,
                reasons,
                profile: seen.profile.clone(),
                days: seen.days_at(now_ms),
                note: memory.notes.get(id).cloned(),
                decision: memory.decisions.get(id).cloned(),
            };
            (is_undecided(memory, id), row)
        })
        .collect();
    crate::core::order::sort_by(&mut rows, |(open_a, a), (open_b, b)| {
        open_b
            .cmp(open_a)
            .then(b.score.cmp(&a.score))
            .then(a.name.cmp(&b.name))
            .then(a.id.cmp(&b.id))
    });
    let batch = rows
        .iter()
        .filter(|(open, row)| *open && row.bucket == Bucket::Accept)
        .map(|(_, row)| row.id.clone())
        .collect();
    let groups = [Bucket::Accept, Bucket::Review, Bucket::Ignore]
        .into_iter()
        .map(|bucket| Group {
            bucket,
            rows: rows
                .iter()
                .filter(|(_, r)| r.bucket == bucket)
                .map(|(_, r)| r.clone())
                .collect(),
        })
        .collect();
    Review {
        groups,
        batch,
        week: Week::at(history, settings.weekly_budget, now_ms),
        bucket_words: BucketWords::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::summary::{Resolved, Seen};

    fn seen(name: &str, bucket: Bucket, score: u8) -> Seen {
        Seen {
            name: name.into(),
            bucket,
            score,
            reasons: vec![format!("why {name}")],
            why: vec![ReasonPaint {
                label: format!("why {name}"),
                points: 10,
            }],
            profile: Some(format!("https://www.linkedin.com/in/{name}/")),
            days: Some(3),
            seen: Some(0.0),
            resolved: None,
        }
    }

    #[test]
    fn groups_by_bucket_best_first_decided_last_and_offers_the_undecided_accepts() {
        let mut queue = Queue::default();
        for (id, b, s) in [
            ("a1", Bucket::Accept, 75),
            ("a2", Bucket::Accept, 90),
            ("a3", Bucket::Accept, 95),
            ("r1", Bucket::Review, 50),
            ("i1", Bucket::Ignore, 5),
            ("gone", Bucket::Accept, 99),
        ] {
            queue.cards.insert(id.into(), seen(id, b, s));
        }
        queue.cards.get_mut("gone").unwrap().resolved = Some(Resolved {
            at: 1.0,
            how: "accepted".into(),
        });
        let mut memory = Memory::default();
        memory.decisions.insert("a3".into(), "accept".into());
        memory.decisions.insert("a1".into(), "later".into());
        memory.notes.insert("r1".into(), "met at RustConf".into());
        let day = 24.0 * 3600.0 * 1000.0;
        let r = review(&queue, &memory, &[], &Settings::default(), 2.5 * day);
        let ids =
            |g: usize| -> Vec<&str> { r.groups[g].rows.iter().map(|x| x.id.as_str()).collect() };
        assert_eq!(
            ids(0),
            vec!["a2", "a1", "a3"],
            "decided last, resolved gone"
        );
        assert_eq!(ids(1), vec!["r1"]);
        assert_eq!(ids(2), vec!["i1"]);
        assert_eq!(r.batch, vec!["a2".to_string(), "a1".into()]);
        let r1 = &r.groups[1].rows[0];
        assert_eq!(r1.note.as_deref(), Some("met at RustConf"));
        assert_eq!(r1.days, Some(5), "3 days when seen, 2 whole days since");
        assert_eq!(r.groups[0].rows[2].decision.as_deref(), Some("accept"));
        assert_eq!(r.week.budget, Settings::default().weekly_budget);
    }
}
