//! The weekly budget: how many invitations were accepted in the last seven days (with our
//! buttons or LinkedIn's own), whether one more goes past the budget, and which of the ticked
//! invitations a batch may accept.

use serde::{Deserialize, Serialize};

/// Seven days, in milliseconds.
pub const WEEK_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

/// The most invitations one batch accepts, whatever the budget.
pub const BATCH_MAX: usize = 25;

/// The shortest pause between two clicks of a batch, whatever the settings say (ms).
pub const PACE_FLOOR_MS: u32 = 300;

/// One action the user took, dated (milliseconds since the epoch), as the history keeps it.
/// Other fields of a history entry (who, bucket, reasons) are the log's business.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Done {
    /// The card id.
    pub id: String,
    /// The action (`accept`, `accept-thank`, `decline`, `later`, `note`, …).
    pub action: String,
    /// When.
    pub at: f64,
    /// What became of it on LinkedIn: `done` or `accepted` when it took (absent in entries
    /// written before outcomes were kept), else `not-taken`, `friction`, ….
    #[serde(default)]
    pub outcome: Option<String>,
}

impl Done {
    /// Whether LinkedIn took the action (an entry without an outcome predates them: it did).
    pub fn taken(&self) -> bool {
        self.outcome
            .as_deref()
            .is_none_or(|o| o == "done" || o == "accepted")
    }

    /// Whether this entry is an invitation accepted (and taken by LinkedIn).
    pub fn is_accept(&self) -> bool {
        self.action.starts_with("accept") && self.taken()
    }
}

/// This week's accepts against the budget.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Week {
    /// Invitations accepted in the last seven days.
    pub accepted: u32,
    /// The weekly budget from the settings (0: none).
    pub budget: u32,
    /// Set when accepting one more goes past the budget: the question our Accept buttons ask
    /// before a second click ("31 of 30 this week: accept anyway?").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm: Option<String>,
}

impl Week {
    /// The week at `now_ms`: distinct invitations accepted in the last seven days.
    pub fn at(history: &[Done], budget: u32, now_ms: f64) -> Week {
        let mut ids: Vec<&str> = history
            .iter()
            .filter(|d| now_ms - d.at < WEEK_MS && d.is_accept())
            .map(|d| d.id.as_str())
            .collect();
        crate::core::order::sort(&mut ids);
        ids.dedup();
        let accepted = ids.len() as u32;
        let over = budget > 0 && accepted >= budget;
        Week {
            accepted,
            budget,
            confirm: over.then(|| {
                format!(
                    "{} of {budget} this week: accept anyway?",
                    accepted.saturating_add(1)
                )
            }),
        }
    }

    /// How many more may be accepted this week (`usize::MAX` without a budget).
    pub fn left(&self) -> usize {
        if self.budget == 0 {
            usize::MAX
        } else {
            self.budget.saturating_sub(self.accepted) as usize
        }
    }
}

/// What a batch will do with the invitations the user ticked, in the order given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchPlan {
    /// Accepted one by one, in this order.
    pub go: Vec<String>,
    /// Left out because the week's budget is spent (their rows end `budget`).
    pub over_budget: Vec<String>,
    /// Left for a next batch: past the [`BATCH_MAX`] of one batch.
    pub next_batch: Vec<String>,
    /// The pause between two clicks, `[min, max]` ms, drawn at random in between.
    pub pace_ms: [u32; 2],
    /// The week before the batch.
    pub week: Week,
    /// What each click does: `accept` (received invitations) or `withdraw` (sent ones).
    pub action: String,
}

/// Plans a batch: the ticked invitations (duplicates once), at most [`BATCH_MAX`], never past
/// the week's budget, at the settings' pace (never under [`PACE_FLOOR_MS`]).
pub fn plan_batch(ticked: &[String], week: Week, pace_ms: [u32; 2]) -> BatchPlan {
    let mut unique: Vec<String> = Vec::with_capacity(ticked.len());
    for id in ticked {
        if !id.is_empty() && !unique.contains(id) {
            unique.push(id.clone());
        }
    }
    let next_batch = unique.split_off(unique.len().min(BATCH_MAX));
    let over_budget = unique.split_off(unique.len().min(week.left()));
    let min = pace_ms[0].max(PACE_FLOOR_MS);
    let max = pace_ms[1].max(min);
    BatchPlan {
        go: unique,
        over_budget,
        next_batch,
        pace_ms: [min, max],
        week,
        action: "accept".into(),
    }
}

/// Plans a batch withdraw of sent invitations: as [`plan_batch`], with no weekly budget (a
/// withdraw frees a slot rather than using one).
pub fn plan_withdraw_batch(ticked: &[String], pace_ms: [u32; 2]) -> BatchPlan {
    let no_budget = Week {
        accepted: 0,
        budget: 0,
        confirm: None,
    };
    BatchPlan {
        action: "withdraw".into(),
        ..plan_batch(ticked, no_budget, pace_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_withdraw_batch_has_no_budget_but_the_batch_cap_and_the_pace_floor() {
        let ticked: Vec<String> = (0..30).map(|i| format!("p{i}")).collect();
        let plan = plan_withdraw_batch(&ticked, [10, 20]);
        assert_eq!(plan.action, "withdraw");
        assert_eq!(plan.go.len(), BATCH_MAX);
        assert_eq!(plan.next_batch.len(), 30 - BATCH_MAX);
        assert!(plan.over_budget.is_empty());
        assert_eq!(plan.pace_ms, [PACE_FLOOR_MS, PACE_FLOOR_MS]);
    }

    const NOW: f64 = 1_800_000_000_000.0;
    const DAY: f64 = 24.0 * 3600.0 * 1000.0;

    fn done(id: &str, action: &str, days_ago: f64, outcome: Option<&str>) -> Done {
        Done {
            id: id.into(),
            action: action.into(),
            at: NOW - days_ago * DAY,
            outcome: outcome.map(Into::into),
        }
    }

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("p{i}")).collect()
    }

    #[test]
    fn the_week_counts_distinct_accepts_that_took_in_the_last_seven_days() {
        let history = vec![
            done("a", "accept", 1.0, None),
            done("a", "accept-thank", 2.0, Some("done")),
            done("b", "accept", 3.0, Some("accepted")),
            done("c", "accept", 2.0, Some("not-taken")),
            done("d", "accept", 8.0, Some("done")),
            done("e", "decline", 1.0, Some("done")),
        ];
        let week = Week::at(&history, 30, NOW);
        assert_eq!(
            (week.accepted, week.budget, week.confirm.clone()),
            (2, 30, None)
        );
        assert_eq!(week.left(), 28);
    }

    #[test]
    fn at_the_budget_one_more_accept_asks_first() {
        let history: Vec<Done> = (0..3)
            .map(|i| done(&format!("p{i}"), "accept", 0.5, None))
            .collect();
        let week = Week::at(&history, 3, NOW);
        assert_eq!(
            week.confirm.as_deref(),
            Some("4 of 3 this week: accept anyway?")
        );
        assert_eq!(week.left(), 0);
        assert_eq!(Week::at(&history, 4, NOW).confirm, None);
        assert_eq!(
            Week::at(&history, 0, NOW).confirm,
            None,
            "no budget, no question"
        );
        assert_eq!(Week::at(&history, 0, NOW).left(), usize::MAX);
    }

    #[test]
    fn a_batch_stops_at_the_budget_and_at_the_batch_limit() {
        let week = Week {
            accepted: 27,
            budget: 30,
            confirm: None,
        };
        let plan = plan_batch(&ids(5), week.clone(), [2000, 5000]);
        assert_eq!(plan.go, ids(3));
        assert_eq!(plan.over_budget, vec!["p3".to_string(), "p4".to_string()]);
        assert!(plan.next_batch.is_empty());

        let plan = plan_batch(&ids(40), Week::default(), [2000, 5000]);
        assert_eq!(plan.go.len(), BATCH_MAX);
        assert_eq!(plan.next_batch.len(), 15);
        assert_eq!(plan.next_batch[0], "p25");
    }

    #[test]
    fn a_batch_takes_each_invitation_once_and_never_goes_faster_than_the_floor() {
        let ticked = vec!["a".to_string(), "b".into(), "a".into(), String::new()];
        let plan = plan_batch(&ticked, Week::default(), [10, 5]);
        assert_eq!(plan.go, vec!["a".to_string(), "b".into()]);
        assert_eq!(plan.pace_ms, [PACE_FLOOR_MS, PACE_FLOOR_MS]);
        assert_eq!(
            plan_batch(&[], Week::default(), [400, 900]).pace_ms,
            [400, 900]
        );
    }
}
