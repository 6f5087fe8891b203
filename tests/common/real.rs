//! The real corpus (`tests/real/invitations.json`) as the tests and the text model's trainer
//! (`examples/train.rs`) read it: its items, the neutral card each note is put on, and the
//! training examples of the fit set.
#![allow(dead_code)]

use invite_triage::core::invitation::{Invitation, Kind};
use invite_triage::core::matcher::words;
use invite_triage::core::score::Bucket;
use invite_triage::core::textmodel;
use serde::Deserialize;

#[derive(Deserialize)]
struct Corpus {
    items: Vec<Item>,
}

/// One real invitation note, with its source and labels.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub split: Split,
    pub source: Source,
    pub lang: String,
    pub direction: String,
    /// The note, names replaced by placeholders.
    pub note: String,
    /// The inviter's headline, where the source gives it.
    pub headline: Option<String>,
    /// The invited member's own headline, where the source gives it.
    pub member_headline: Option<String>,
    /// The first labelling pass.
    pub first: Bucket,
    /// The second labelling pass (another rubric order).
    pub second: Bucket,
    /// The label after resolving disagreements.
    pub label: Bucket,
}

/// Which set an item is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// Trains the text model.
    Fit,
    /// Measures; never used to fit or tune.
    Test,
}

/// Where an item comes from: an export (repository and file) or a page (its address).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub kind: String,
    pub repo: Option<String>,
    pub path: Option<String>,
    pub url: Option<String>,
}

impl Source {
    /// The unit of the split: a repository, or a page's site.
    pub fn key(&self) -> String {
        match (&self.repo, &self.url) {
            (Some(repo), _) => repo.clone(),
            (None, Some(url)) => url
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_start_matches("www.")
                .split('/')
                .next()
                .unwrap_or_default()
                .to_owned(),
            (None, None) => String::new(),
        }
    }
}

/// Every item of the corpus.
pub fn corpus() -> Vec<Item> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/real/invitations.json");
    let text = std::fs::read_to_string(path).expect("tests/real/invitations.json");
    serde_json::from_str::<Corpus>(&text)
        .expect("the real corpus parses")
        .items
}

/// The items of one set.
pub fn split(items: &[Item], which: Split) -> Vec<&Item> {
    items.iter().filter(|i| i.split == which).collect()
}

/// The inviter's headline when the source gives none.
pub const PLAIN_HEADLINE: &str = "Operations manager";

const PLACEHOLDERS: [(&str, &str); 5] = [
    ("{first_name}", "Sam"),
    ("{sender}", "Ana"),
    ("{other}", "Bo"),
    ("{email}", "ana@example.com"),
    ("{phone}", "555 0100"),
];

/// The note with its placeholders filled in (the member is Sam, the inviter Ana, anyone else Bo).
pub fn rendered(note: &str) -> String {
    PLACEHOLDERS
        .iter()
        .fold(note.to_owned(), |n, (p, with)| n.replace(p, with))
}

/// The inviter's headline on the card.
pub fn headline(item: &Item) -> &str {
    item.headline.as_deref().unwrap_or(PLAIN_HEADLINE)
}

/// The note on a card with the same neutral context for every item: 3 mutual connections, a
/// photo, three weeks waiting; the `n`th card has its own profile.
pub fn invitation(item: &Item, n: usize) -> Invitation {
    Invitation {
        kind: Kind::Person,
        key: format!("ana-souza-{n}"),
        name: "Ana Souza".into(),
        first_name: "Ana".into(),
        headline: headline(item).into(),
        profile_url: format!("/in/ana-souza-{n}/"),
        has_photo: true,
        mutual_count: 3,
        mutual_names: vec!["Bo Li".into()],
        note: Some(rendered(&item.note)),
        days_waiting: Some(21),
        insights: vec![],
        target: None,
    }
}

/// Whether the text model learns from an item: the fit set's notes in English. The corpus holds
/// too few notes in other languages to learn their words from (in the fit set, five, one of them
/// a Portuguese scam: trained on, every Portuguese word would read as a scam).
pub fn trains_the_model(item: &Item) -> bool {
    item.split == Split::Fit && item.lang == "en"
}

/// What the text model learns from one item: its note's features (placeholders left out, so
/// no name is learnt) and whether it is labelled ignore (a pitch, spam or a scam).
pub fn training_example(item: &Item) -> (Vec<u32>, bool) {
    let text = PLACEHOLDERS
        .iter()
        .fold(item.note.clone(), |n, (p, _)| n.replace(p, " "));
    let words = words(&text);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    (textmodel::features(&words), item.label == Bucket::Ignore)
}
