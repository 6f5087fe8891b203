//! What became of the invitations the user sent: a ledger (storage.local `sent`) updated from
//! every read of the Sent tab and every verified withdraw, and the popup's figures from it.
//!
//! LinkedIn never tells a sender that an invitation was ignored: it stays pending. So an
//! invitation that leaves the Sent list without a withdraw (ours or LinkedIn's own button)
//! was accepted, or, once it had waited [`EXPIRE_DAYS`], expired. "Left" is only concluded
//! from a read of the whole list (its stated count equals the cards read); a list read in part
//! proves nothing about the rest.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::json;

/// A day in milliseconds.
const DAY_MS: u64 = 86_400_000;
/// Pending this long, an invitation that leaves the list is taken to have expired, not been
/// accepted (LinkedIn drops invitations left pending for about six months).
pub const EXPIRE_DAYS: u32 = 180;
/// The window of the acceptance rate, in days.
pub const RATE_WINDOW_DAYS: u32 = 90;
/// Entries that ended (withdrawn, accepted, expired) are kept this long after, in days.
pub const KEEP_ENDED_DAYS: u32 = 400;
/// The most entries kept: the oldest ended ones go first.
pub const MAX_ENTRIES: usize = 5000;

/// What became of one sent invitation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Still on the Sent list.
    Pending,
    /// Withdrawn, with our button or LinkedIn's own.
    Withdrawn,
    /// Left the list without a withdraw, before [`EXPIRE_DAYS`].
    Accepted,
    /// Left the list without a withdraw, after [`EXPIRE_DAYS`].
    Expired,
}

/// One invitation the user sent, as far as the Sent tab showed it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The invitee's name.
    pub name: String,
    /// The invitee's profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// When it was sent at the latest (ms since the epoch): "Sent 3 weeks ago" means 21 days
    /// or more, and each read can only narrow it. Whole milliseconds: no float crosses the
    /// boundary (formatting one costs the wasm kilobytes).
    pub sent_at: u64,
    /// What became of it.
    pub state: State,
    /// When it left the list or was withdrawn (ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<u64>,
    /// Whether withdrawing it was suggested at its last read.
    #[serde(default)]
    pub withdraw: bool,
}

/// The ledger, by invitation id (the invitee's profile slug).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    /// Every invitation seen, by id.
    #[serde(default)]
    pub entries: Entries,
}

/// The ledger's entries by id, in id order (as a `BTreeMap` keeps them, and written as the
/// same JSON object): a sorted list, since the tree code of a map costs the wasm about 8 KB.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entries(Vec<(String, Entry)>);

impl Entries {
    fn find(&self, id: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(id))
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entry of `id`.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.find(id).ok().map(|i| &self.0[i].1)
    }

    /// The entry of `id`, to change.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Entry> {
        self.find(id).ok().map(|i| &mut self.0[i].1)
    }

    /// The entry of `id`, made with `make` when there is none.
    pub fn or_insert_with(&mut self, id: &str, make: impl FnOnce() -> Entry) -> &mut Entry {
        let i = self.find(id).unwrap_or_else(|i| {
            self.0.insert(i, (id.to_owned(), make()));
            i
        });
        &mut self.0[i].1
    }

    /// Sets the entry of `id`; the one it replaces, if any.
    pub fn insert(&mut self, id: String, entry: Entry) -> Option<Entry> {
        match self.find(&id) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, entry)),
            Err(i) => {
                self.0.insert(i, (id, entry));
                None
            }
        }
    }

    /// Takes out the entry of `id`.
    pub fn remove(&mut self, id: &str) -> Option<Entry> {
        self.find(id).ok().map(|i| self.0.remove(i).1)
    }

    /// Keeps only the entries `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut Entry) -> bool) {
        self.0.retain_mut(|(id, e)| keep(id, e));
    }

    /// Every entry with its id, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.0.iter().map(|(id, e)| (id, e))
    }

    /// Every entry with its id, in id order, to change.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut Entry)> {
        self.0.iter_mut().map(|(id, e)| (&*id, e))
    }

    /// Every entry, in id order.
    pub fn values(&self) -> impl Iterator<Item = &Entry> {
        self.0.iter().map(|(_, e)| e)
    }
}

#[cfg(test)]
impl std::ops::Index<&str> for Entries {
    type Output = Entry;

    fn index(&self, id: &str) -> &Entry {
        self.get(id).expect("no entry with this id")
    }
}

impl Serialize for Entries {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, Entry>::deserialize(deserializer)?;
        Ok(Entries(map.into_iter().collect()))
    }
}

/// One card of a Sent tab read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Observed {
    /// Its id.
    pub id: String,
    /// The invitee's name.
    pub name: String,
    /// The invitee's profile.
    pub profile: Option<String>,
    /// Days since it was sent, when the card says.
    pub days: Option<u32>,
    /// Whether withdrawing it is suggested.
    pub withdraw: bool,
}

/// What one pass on the Sent tab, or one withdraw, tells the ledger.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Observation {
    /// The cards read.
    pub cards: Vec<Observed>,
    /// Ids on the list besides `cards` (painted before and unchanged, so not read again).
    pub present: Vec<String>,
    /// Whether `cards` and `present` are the whole list: every pending invitation not among
    /// them left it.
    pub complete: bool,
    /// Invitations withdrawn (verified: the card went away after a withdraw).
    pub withdrawn: Vec<String>,
}

// ---------------------------------------------------------------- reading stored JSON
// Read by hand, field by field, with the boundary's scalar readers: serde's derived readers,
// one per type, cost the wasm about 20 KB here (BENCHMARKS.md, "Size with the Sent tab"). The
// derived `Deserialize` stays for native code and tests.

/// The fields of a JSON object, by name (`None` when `text` is no object).
fn fields(text: &str) -> Option<std::collections::HashMap<String, &str>> {
    Some(json::members(text)?.into_iter().collect())
}

/// A field read as `T`: absent or `null` reads as `None`; a field of another type is an error.
fn optional<'t, T: Deserialize<'t>>(
    fields: &std::collections::HashMap<String, &'t str>,
    name: &str,
) -> Result<Option<T>, ()> {
    match fields.get(name) {
        None | Some(&"null") => Ok(None),
        Some(text) => json::from_str(text).map(Some).map_err(|_| ()),
    }
}

fn state_named(name: &str) -> Option<State> {
    Some(match name {
        "pending" => State::Pending,
        "withdrawn" => State::Withdrawn,
        "accepted" => State::Accepted,
        "expired" => State::Expired,
        _ => return None,
    })
}

impl Entry {
    /// One stored entry from its JSON text; `None` when a field is missing or of the wrong kind.
    pub fn from_json(text: &str) -> Option<Entry> {
        let f = fields(text)?;
        let state: String = optional(&f, "state").ok()??;
        Some(Entry {
            name: optional(&f, "name").ok()??,
            profile: optional(&f, "profile").ok()?,
            sent_at: optional(&f, "sent_at").ok()??,
            state: state_named(&state)?,
            ended_at: optional(&f, "ended_at").ok()?,
            withdraw: optional(&f, "withdraw").ok()?.unwrap_or(false),
        })
    }
}

impl Observed {
    /// One card of an observation from its JSON text (missing fields take their defaults).
    pub fn from_json(text: &str) -> Option<Observed> {
        let f = fields(text)?;
        Some(Observed {
            id: optional(&f, "id").ok()?.unwrap_or_default(),
            name: optional(&f, "name").ok()?.unwrap_or_default(),
            profile: optional(&f, "profile").ok()?,
            days: optional(&f, "days").ok()?,
            withdraw: optional(&f, "withdraw").ok()?.unwrap_or(false),
        })
    }
}

impl Observation {
    /// An observation from its JSON text (missing fields take their defaults); `None` when it
    /// or one of its cards is not an object, or a field is of the wrong kind.
    pub fn from_json(text: &str) -> Option<Observation> {
        let f = fields(text)?;
        let cards = match f.get("cards") {
            None | Some(&"null") => vec![],
            Some(list) => json::elements(list)?
                .into_iter()
                .map(Observed::from_json)
                .collect::<Option<Vec<_>>>()?,
        };
        Some(Observation {
            cards,
            present: optional(&f, "present").ok()?.unwrap_or_default(),
            complete: optional(&f, "complete").ok()?.unwrap_or(false),
            withdrawn: optional(&f, "withdrawn").ok()?.unwrap_or_default(),
        })
    }
}

/// Brings the ledger up to date with one observation made at `now` (ms since the epoch).
pub fn observe(ledger: &mut Ledger, observation: &Observation, now: u64) {
    for card in &observation.cards {
        if card.id.is_empty() {
            continue;
        }
        let sent_at = now.saturating_sub(u64::from(card.days.unwrap_or(0)) * DAY_MS);
        let entry = ledger.entries.or_insert_with(&card.id, || Entry {
            name: card.name.clone(),
            profile: card.profile.clone(),
            sent_at,
            state: State::Pending,
            ended_at: None,
            withdraw: card.withdraw,
        });
        if card.days.is_some() {
            entry.sent_at = entry.sent_at.min(sent_at);
        }
        if !card.name.is_empty() {
            entry.name.clone_from(&card.name);
        }
        if card.profile.is_some() {
            entry.profile.clone_from(&card.profile);
        }
        entry.withdraw = card.withdraw;
        // On the list again (a withdraw that did not take, a conclusion a later read undoes).
        entry.state = State::Pending;
        entry.ended_at = None;
    }
    for id in &observation.withdrawn {
        if let Some(entry) = ledger.entries.get_mut(id) {
            entry.state = State::Withdrawn;
            entry.ended_at = Some(now);
            entry.withdraw = false;
        }
    }
    if observation.complete {
        let on_list: std::collections::HashSet<&str> = observation
            .cards
            .iter()
            .map(|c| c.id.as_str())
            .chain(observation.present.iter().map(String::as_str))
            .collect();
        for (id, entry) in ledger.entries.iter_mut() {
            if entry.state != State::Pending || on_list.contains(id.as_str()) {
                continue;
            }
            let waited = now.saturating_sub(entry.sent_at) / DAY_MS;
            entry.state = if waited >= u64::from(EXPIRE_DAYS) {
                State::Expired
            } else {
                State::Accepted
            };
            entry.ended_at = Some(now);
            entry.withdraw = false;
        }
    }
    prune(ledger, now);
}

/// Drops entries that ended more than [`KEEP_ENDED_DAYS`] ago, and past [`MAX_ENTRIES`] the
/// oldest ended ones.
fn prune(ledger: &mut Ledger, now: u64) {
    let keep_after = now.saturating_sub(u64::from(KEEP_ENDED_DAYS) * DAY_MS);
    ledger
        .entries
        .retain(|_, e| e.ended_at.is_none_or(|at| at >= keep_after));
    if ledger.entries.len() <= MAX_ENTRIES {
        return;
    }
    let mut ended: Vec<(u64, String)> = ledger
        .entries
        .iter()
        .filter_map(|(id, e)| e.ended_at.map(|at| (at, id.clone())))
        .collect();
    crate::core::order::sort(&mut ended);
    let excess = ledger.entries.len() - MAX_ENTRIES;
    for (_, id) in ended.into_iter().take(excess) {
        ledger.entries.remove(&id);
    }
}

/// The oldest invitation still pending.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Oldest {
    /// Its id.
    pub id: String,
    /// The invitee's name.
    pub name: String,
    /// Days it has waited.
    pub days: u32,
}

/// The popup's figures on sent invitations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentStats {
    /// Whether the Sent tab was ever read (no figures otherwise).
    pub seen: bool,
    /// Invitations still pending.
    pub pending: u32,
    /// Of them, those past the withdraw threshold at their last read.
    pub withdraw_suggested: u32,
    /// The oldest pending.
    pub oldest: Option<Oldest>,
    /// The pending invitations past the withdraw threshold, oldest first: the batch withdraw's
    /// list.
    pub suggested: Vec<Oldest>,
    /// The rate's window, in days.
    pub window_days: u32,
    /// Invitations sent in the window (seen on the Sent tab).
    pub sent: u32,
    /// Of them, accepted.
    pub accepted: u32,
    /// Of them, withdrawn.
    pub withdrawn: u32,
    /// Of them, expired.
    pub expired: u32,
    /// `accepted` ÷ `sent` in whole percent, when anything was sent in the window.
    pub rate: Option<u32>,
}

/// The figures the popup shows, at `now`.
pub fn stats(ledger: &Ledger, now: u64) -> SentStats {
    let days_since = |at: u64| (now.saturating_sub(at) / DAY_MS) as u32;
    let pending: Vec<(&String, &Entry)> = ledger
        .entries
        .iter()
        .filter(|(_, e)| e.state == State::Pending)
        .collect();
    let oldest = pending
        .iter()
        .min_by_key(|(id, e)| (e.sent_at, (*id).clone()))
        .map(|(id, e)| Oldest {
            id: (*id).clone(),
            name: e.name.clone(),
            days: days_since(e.sent_at),
        });
    let mut suggested: Vec<(&String, &Entry)> = pending
        .iter()
        .copied()
        .filter(|(_, e)| e.withdraw)
        .collect();
    crate::core::order::sort_by(&mut suggested, |a, b| {
        a.1.sent_at.cmp(&b.1.sent_at).then(a.0.cmp(b.0))
    });
    let suggested = suggested
        .into_iter()
        .map(|(id, e)| Oldest {
            id: id.clone(),
            name: e.name.clone(),
            days: days_since(e.sent_at),
        })
        .collect::<Vec<_>>();
    let window_from = now.saturating_sub(u64::from(RATE_WINDOW_DAYS) * DAY_MS);
    let in_window: Vec<&Entry> = ledger
        .entries
        .values()
        .filter(|e| e.sent_at >= window_from)
        .collect();
    let count = |state: State| in_window.iter().filter(|e| e.state == state).count() as u32;
    let sent = in_window.len() as u32;
    let accepted = count(State::Accepted);
    SentStats {
        seen: !ledger.entries.is_empty(),
        pending: pending.len() as u32,
        withdraw_suggested: suggested.len() as u32,
        oldest,
        suggested,
        window_days: RATE_WINDOW_DAYS,
        sent,
        accepted,
        withdrawn: count(State::Withdrawn),
        expired: count(State::Expired),
        rate: (sent > 0)
            .then(|| ((u64::from(accepted) * 100 + u64::from(sent) / 2) / u64::from(sent)) as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_780_000_000_000;

    fn seen(id: &str, days: u32) -> Observed {
        Observed {
            id: id.into(),
            name: format!("{id} Name"),
            profile: None,
            days: Some(days),
            withdraw: days >= 30,
        }
    }

    /// A read of the Sent tab showing `cards`, the whole list or not.
    fn read(ledger: &mut Ledger, cards: Vec<Observed>, complete: bool, now: u64) {
        let observation = Observation {
            cards,
            complete,
            ..Observation::default()
        };
        observe(ledger, &observation, now);
    }

    /// A verified withdraw of `id`.
    fn withdraw(ledger: &mut Ledger, id: &str, now: u64) {
        let observation = Observation {
            withdrawn: vec![id.into()],
            ..Observation::default()
        };
        observe(ledger, &observation, now);
    }

    #[test]
    fn invitations_that_leave_a_whole_list_were_accepted_or_expired() {
        let mut ledger = Ledger::default();
        let first = Observation {
            cards: vec![
                seen("ana", 3),
                seen("ben", 40),
                seen("cy", 200),
                seen("dee", 10),
            ],
            complete: true,
            ..Observation::default()
        };
        observe(&mut ledger, &first, NOW);
        assert_eq!(stats(&ledger, NOW).pending, 4);
        // Dee withdrawn through us; the next whole read lacks Ana, Cy and Dee.
        withdraw(&mut ledger, "dee", NOW + 1000);
        let later = NOW + DAY_MS;
        read(&mut ledger, vec![seen("ben", 41)], true, later);
        let state = |id: &str| ledger.entries[id].state;
        assert_eq!(state("ana"), State::Accepted);
        assert_eq!(state("ben"), State::Pending);
        assert_eq!(state("cy"), State::Expired);
        assert_eq!(state("dee"), State::Withdrawn);
        let s = stats(&ledger, later);
        assert_eq!(s.pending, 1);
        assert_eq!(s.withdraw_suggested, 1);
        assert_eq!(
            s.suggested
                .iter()
                .map(|o| o.id.as_str())
                .collect::<Vec<_>>(),
            ["ben"]
        );
        assert_eq!(
            s.oldest.as_ref().map(|o| (o.id.as_str(), o.days)),
            Some(("ben", 41))
        );
        // In the 90 days: Ana, Ben and Dee (Cy was sent 200 days ago): 1 of 3 accepted.
        assert_eq!((s.sent, s.accepted, s.withdrawn, s.expired), (3, 1, 1, 0));
        assert_eq!(s.rate, Some(33));
    }

    #[test]
    fn cards_painted_before_are_still_on_a_whole_list() {
        let mut ledger = Ledger::default();
        read(
            &mut ledger,
            vec![seen("ana", 3), seen("ben", 5)],
            false,
            NOW,
        );
        // The next pass reads only new cards; Ana and Ben come as stubs.
        observe(
            &mut ledger,
            &Observation {
                cards: vec![seen("cy", 1)],
                present: vec!["ana".into(), "ben".into()],
                complete: true,
                ..Observation::default()
            },
            NOW,
        );
        assert!(ledger.entries.values().all(|e| e.state == State::Pending));
    }

    #[test]
    fn a_partial_read_concludes_nothing_and_a_return_undoes_a_conclusion() {
        let mut ledger = Ledger::default();
        read(
            &mut ledger,
            vec![seen("ana", 3), seen("ben", 5)],
            false,
            NOW,
        );
        read(&mut ledger, vec![seen("ben", 5)], false, NOW);
        assert_eq!(ledger.entries["ana"].state, State::Pending);
        read(&mut ledger, vec![seen("ben", 5)], true, NOW);
        assert_eq!(ledger.entries["ana"].state, State::Accepted);
        read(&mut ledger, vec![seen("ana", 4)], false, NOW);
        assert_eq!(ledger.entries["ana"].state, State::Pending);
        assert_eq!(ledger.entries["ana"].ended_at, None);
    }

    #[test]
    fn stored_json_reads_as_serde_reads_it_and_bad_entries_are_refused() {
        let mut ledger = Ledger::default();
        read(
            &mut ledger,
            vec![seen("ana", 3), seen("ben", 40)],
            false,
            NOW,
        );
        withdraw(&mut ledger, "ana", NOW);
        for (id, entry) in ledger.entries.iter() {
            let text = serde_json::to_string(entry).unwrap();
            assert_eq!(Entry::from_json(&text).as_ref(), Some(entry), "{id}");
        }
        for bad in [
            "[]",
            "3",
            r#"{"name": "Ana"}"#,
            r#"{"name": "Ana", "sent_at": 1, "state": "lost"}"#,
            r#"{"name": "Ana", "sent_at": "x", "state": "pending"}"#,
        ] {
            assert_eq!(Entry::from_json(bad), None, "{bad}");
        }
        let observation = Observation {
            cards: vec![seen("ana", 3), Observed::default()],
            present: vec!["cy".into()],
            complete: true,
            withdrawn: vec!["dee".into()],
        };
        let text = serde_json::to_string(&observation).unwrap();
        assert_eq!(Observation::from_json(&text), Some(observation));
        assert_eq!(Observation::from_json("{}"), Some(Observation::default()));
        assert_eq!(Observation::from_json(r#"{"cards": [3]}"#), None);
        assert_eq!(Observation::from_json(r#"{"complete": "yes"}"#), None);
    }

    #[test]
    fn entries_keep_and_write_what_a_btree_map_would() {
        let mut ours = Entries::default();
        let mut map = BTreeMap::new();
        let entry = |n: u64| Entry {
            name: format!("n{n}"),
            profile: None,
            sent_at: n,
            state: State::Pending,
            ended_at: n.is_multiple_of(3).then_some(n),
            withdraw: n.is_multiple_of(2),
        };
        for (n, id) in ["m", "b", "z", "a", "b", "é", "A", "", "mm"]
            .iter()
            .enumerate()
        {
            let n = n as u64;
            assert_eq!(
                ours.insert((*id).into(), entry(n)),
                map.insert((*id).to_string(), entry(n))
            );
            ours.or_insert_with(&format!("{id}x"), || entry(n + 10));
            map.entry(format!("{id}x")).or_insert_with(|| entry(n + 10));
        }
        assert_eq!(ours.remove("z"), map.remove("z"));
        assert_eq!(ours.remove("nothing"), map.remove("nothing"));
        ours.retain(|id, e| id != "a" && e.sent_at != 12);
        map.retain(|id, e| id != "a" && e.sent_at != 12);
        let listed: Vec<(&String, &Entry)> = ours.iter().collect();
        assert_eq!(listed, map.iter().collect::<Vec<_>>());
        assert_eq!(ours.len(), map.len());
        assert_eq!(ours.get("b"), map.get("b"));
        let text = json::to_string(&ours).unwrap();
        assert_eq!(text, json::to_string(&map).unwrap());
        assert_eq!(text, serde_json::to_string(&map).unwrap());
        assert_eq!(serde_json::from_str::<Entries>(&text).unwrap(), ours);
    }

    #[test]
    fn each_read_narrows_when_it_was_sent() {
        let mut ledger = Ledger::default();
        read(&mut ledger, vec![seen("ana", 7)], false, NOW);
        // A week later it reads "2 weeks ago" (14): consistent, nothing moves.
        read(&mut ledger, vec![seen("ana", 14)], false, NOW + 7 * DAY_MS);
        assert_eq!(ledger.entries["ana"].sent_at, NOW - 7 * DAY_MS);
        // "1 month ago" (30) two weeks on: it was sent earlier than thought.
        read(&mut ledger, vec![seen("ana", 30)], false, NOW + 21 * DAY_MS);
        assert_eq!(ledger.entries["ana"].sent_at, NOW - 9 * DAY_MS);
    }

    #[test]
    fn nothing_seen_has_no_rate_and_old_ended_entries_go() {
        let s = stats(&Ledger::default(), NOW);
        assert!(!s.seen);
        assert_eq!(s.rate, None);
        let mut ledger = Ledger::default();
        read(&mut ledger, vec![seen("ana", 3)], false, NOW);
        withdraw(&mut ledger, "ana", NOW);
        observe(&mut ledger, &Observation::default(), NOW + 401 * DAY_MS);
        assert!(ledger.entries.is_empty());
    }
}
