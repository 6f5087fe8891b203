//! Invitation + rules → verdict: a score from 0 to 100, a bucket and every reason behind it.
//!
//! The score is the rules' base plus the points of the listed reasons, clamped to 0–100, so the
//! badge can always explain itself. Phrase lists are compiled once, in [`Scorer::new`].

use serde::{Deserialize, Serialize};

use rustc_hash::FxHashMap;

use crate::core::invitation::{Invitation, Kind};
use crate::core::matcher::{name_key, profile_key, profile_slug, words, Matcher, Words};
use crate::core::settings::{Rules, Settings};
use crate::core::textmodel::{self, TextModel};

/// The three decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// Accept without a second look.
    Accept,
    /// Look before deciding.
    Review,
    /// Ignore or decline.
    Ignore,
}

/// One rule that fired: what it is, what it found, what it was worth.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// The rule's id (the weight's name in the settings).
    pub rule: String,
    /// What fired, in words, with the evidence.
    pub label: String,
    /// Signed points added to the score.
    pub points: i32,
}

/// The decision for one invitation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// 0 to 100: the base plus every reason's points, clamped.
    pub score: u8,
    /// The bucket the score falls in.
    pub bucket: Bucket,
    /// The base every score starts from.
    pub base: i32,
    /// Every rule that fired, strongest first (ties in the order the rules ran).
    pub reasons: Vec<Reason>,
}

/// Words that say nothing about a field, skipped when field words come from a headline.
const HEADLINE_STOPWORDS: &[&str] = &[
    "senior",
    "sr",
    "junior",
    "jr",
    "lead",
    "principal",
    "staff",
    "head",
    "chief",
    "of",
    "and",
    "the",
    "for",
    "at",
    "a",
    "an",
    "i",
    "in",
    "with",
    "on",
    "to",
    "my",
    "our",
    "we",
    "former",
    "ex",
    "team",
    "member",
    "passionate",
    "about",
    "who",
    "is",
];

/// Field words that imply another spelling.
const SYNONYMS: &[(&str, &str)] = &[
    ("webassembly", "wasm"),
    ("wasm", "webassembly"),
    ("javascript", "js"),
    ("kubernetes", "k8s"),
];

/// Headlines that say nothing.
const PLACEHOLDER_HEADLINES: &[&str] = &["--", "-", ".", "n/a", "na", "none", "null", "...", "…"];

/// The scorer for one set of rules, with every phrase list compiled.
#[derive(Clone, Debug)]
pub struct Scorer {
    rules: Rules,
    field: Matcher,
    field_from_headline: bool,
    companies: Matcher,
    schools: Matcher,
    sales: Matcher,
    spam: Matcher,
    open_networker: Matcher,
    recruiter: Matcher,
    context: Matcher,
    interest: Matcher,
    generic: Matcher,
    community: Matcher,
    seller: Matcher,
    /// The text model beside the rules (`rules.weights.text_model` weighs it).
    text_model: &'static TextModel,
    /// Always-accept profiles, as [`profile_key`]s.
    always_accept: Vec<String>,
    /// Trusted display names, as [`name_key`]s.
    trusted_names: Vec<String>,
    always_ignore: Vec<Listed>,
    /// For every word that starts a phrase, which lists have such a phrase (a bit per list):
    /// one lookup per word tells which lists need a look at a text at all.
    openers: FxHashMap<String, u16>,
}

/// One text's words, each with the lists that have a phrase starting with it.
struct Text<'a> {
    words: &'a [&'a str],
    opens: &'a [u16],
}

impl<'a> Text<'a> {
    fn of(words: &'a [&'a str], opens: &'a [u16], at: std::ops::Range<usize>) -> Self {
        Text {
            words: &words[at.clone()],
            opens: &opens[at],
        }
    }
}

/// A bit per phrase list, for [`Scorer::openers`].
const FIELD: u16 = 1;
const COMPANY: u16 = 1 << 1;
const SCHOOL: u16 = 1 << 2;
const SALES: u16 = 1 << 3;
const SPAM: u16 = 1 << 4;
const OPEN_NETWORKER: u16 = 1 << 5;
const RECRUITER: u16 = 1 << 6;
const CONTEXT: u16 = 1 << 7;
const INTEREST: u16 = 1 << 8;
const GENERIC: u16 = 1 << 9;
const COMMUNITY: u16 = 1 << 10;
const SELLER: u16 = 1 << 11;

/// The text model's logit at which it counts in full (`weights.text_model` points); below,
/// its points shrink in proportion, and at zero or less it adds no reason.
const TEXT_MODEL_FULL: f32 = 1.0;

fn compile(list: &[String]) -> Matcher {
    Matcher::new(list.iter().map(String::as_str))
}

/// An always-ignore entry, ready to compare: a name, a profile or an invitation's key.
#[derive(Clone, Debug)]
struct Listed {
    /// The entry as written, lowercase: matches an invitation's key (`data-triage-id`).
    key: String,
    /// As a display name ([`name_key`]); empty when it has no word.
    name: String,
    /// The profile it names, if it is a link or a slug.
    profile: Option<String>,
}

fn listed(list: &[String]) -> Vec<Listed> {
    list.iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| Listed {
            key: s.to_lowercase(),
            name: name_key(s),
            profile: profile_slug(s),
        })
        .collect()
}

fn names(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|s| name_key(s))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The inviter's profile, as a [`profile_key`], read from the profile link only: the slug is
/// LinkedIn's and cannot be copied, while a display name (and a key made from one) can.
fn inviter_profile(inv: &Invitation) -> Option<String> {
    crate::core::parse::slug(&inv.profile_url).map(|slug| profile_key(&slug))
}

impl Scorer {
    /// Compiles the rules of `settings`.
    pub fn new(settings: &Settings) -> Self {
        let r = &settings.rules;
        Scorer {
            rules: r.clone(),
            field: compile(&r.field_keywords),
            field_from_headline: false,
            companies: compile(&r.companies),
            schools: compile(&r.schools),
            sales: compile(&r.sales_phrases),
            spam: compile(&r.spam_phrases),
            open_networker: compile(&r.open_networker_phrases),
            recruiter: compile(&r.recruiter_phrases),
            context: compile(&r.context_phrases),
            interest: compile(&r.interest_phrases),
            generic: compile(&r.generic_notes),
            community: compile(&r.community_phrases),
            seller: compile(&r.seller_phrases),
            text_model: TextModel::embedded(),
            always_accept: r
                .always_accept
                .iter()
                .filter_map(|e| profile_slug(e))
                .collect(),
            trusted_names: names(&r.trusted_names),
            always_ignore: listed(&r.always_ignore),
            openers: FxHashMap::default(),
        }
        .indexed()
    }

    fn lists(&self) -> [(&Matcher, u16); 12] {
        [
            (&self.field, FIELD),
            (&self.companies, COMPANY),
            (&self.schools, SCHOOL),
            (&self.sales, SALES),
            (&self.spam, SPAM),
            (&self.open_networker, OPEN_NETWORKER),
            (&self.recruiter, RECRUITER),
            (&self.context, CONTEXT),
            (&self.interest, INTEREST),
            (&self.generic, GENERIC),
            (&self.community, COMMUNITY),
            (&self.seller, SELLER),
        ]
    }

    fn indexed(mut self) -> Self {
        let mut openers: FxHashMap<String, u16> = FxHashMap::default();
        for (list, bit) in self.lists() {
            for word in list.first_words() {
                *openers.entry(word.to_owned()).or_default() |= bit;
            }
        }
        self.openers = openers;
        self
    }

    /// For each word, the lists with a phrase starting with it.
    fn opens(&self, words: &[&str]) -> Vec<u16> {
        words
            .iter()
            .map(|w| self.openers.get(*w).copied().unwrap_or(0))
            .collect()
    }

    /// `list.find_in(text)`, skipped when none of its phrases can start in the text, and
    /// looking phrases up only at the words that can start one.
    fn find<'m>(list: &'m Matcher, bit: u16, text: &Text) -> Vec<&'m str> {
        if !text.opens.iter().any(|o| o & bit != 0) && !list.matches_any_word() {
            return Vec::new();
        }
        list.find_in_where(text.words, |i| text.opens[i] & bit != 0)
    }

    /// Fills unset field keywords and companies from the member's own headline
    /// ("Senior Rust & WebAssembly engineer at Ferrous Labs").
    pub fn with_own_headline(mut self, headline: &str) -> Self {
        let (role, company) = split_headline(headline);
        if self.rules.field_keywords.is_empty() {
            let mut keywords: Vec<String> = words(role)
                .into_iter()
                .filter(|w| {
                    w.chars().count() > 1
                        && !HEADLINE_STOPWORDS.contains(&w.as_str())
                        && !crate::core::lang::is_headline_stopword(w)
                })
                .collect();
            for (word, synonym) in SYNONYMS {
                if keywords.iter().any(|k| k == word) && !keywords.iter().any(|k| k == synonym) {
                    keywords.push((*synonym).to_owned());
                }
            }
            self.field = Matcher::new(keywords.iter().map(String::as_str));
            self.field_from_headline = !self.field.is_empty();
        }
        if self.rules.companies.is_empty() {
            if let Some(company) = company {
                self.companies = Matcher::new([company]);
            }
        }
        self.indexed()
    }

    /// Scores with another text model (the trainer's cross-validation uses this).
    pub fn with_text_model(mut self, model: &'static TextModel) -> Self {
        self.text_model = model;
        self
    }

    /// The text model's points for a note and the words that weighed most, when it reads like
    /// a pitch or spam: `weight` at [`TEXT_MODEL_FULL`] and above, in proportion below.
    fn text_model_points(&self, words: &[&str], weight: i32) -> Option<(i32, Vec<String>)> {
        let logit = self.text_model.logit(&textmodel::features(words));
        if logit <= 0.0 {
            return None;
        }
        let share = (logit / TEXT_MODEL_FULL).min(1.0);
        let points = (weight as f32 * share).round() as i32;
        if points == 0 {
            return None;
        }
        let (_, top) = self.text_model.explain(words, 3);
        Some((points, top))
    }

    /// Whether field words were taken from the member's own headline.
    pub fn uses_own_headline(&self) -> bool {
        self.field_from_headline
    }

    /// Scores one invitation. Deterministic; never panics.
    pub fn score(&self, inv: &Invitation) -> Verdict {
        let mut reasons = Vec::new();
        let w = &self.rules.weights;
        let mut add = |rule: &str, label: String, points: i32| {
            reasons.push(Reason {
                rule: rule.to_owned(),
                label,
                points,
            })
        };
        let person = inv.kind == Kind::Person;

        let profile = inviter_profile(inv);
        let name = name_key(&inv.name);
        if profile
            .as_ref()
            .is_some_and(|p| self.always_accept.contains(p))
        {
            add(
                "always_accept",
                "Profile on your always-accept list".into(),
                w.always_accept,
            );
        } else if !name.is_empty() && self.trusted_names.contains(&name) {
            add(
                "trusted_name",
                "Name matches your trusted list (not verified: names can be copied)".into(),
                w.trusted_name,
            );
        }
        if self.ignored(inv, profile.as_deref(), &name) {
            add(
                "always_ignore",
                "On your always-ignore list".into(),
                w.always_ignore,
            );
        }
        if !person {
            add("kind", kind_label(inv), 0);
        }

        if person {
            match inv.mutual_count {
                0 => add("no_mutual", "No mutual connections".into(), w.no_mutual),
                n => add(
                    "mutual",
                    mutual_label(inv),
                    mutual_points(n, w.mutual_max, w.mutual_half),
                ),
            }
        }

        // Every text split once, into one buffer: the profile (headline, then insights and the
        // target), the note, the name. "All" runs from the profile to the name.
        let mut split = Words::default();
        let headline_at = split.push(&inv.headline);
        let mut profile_at = headline_at.clone();
        for extra in inv.insights.iter().chain(inv.target.iter()) {
            profile_at.end = split.push(extra).end;
        }
        let note_at = split.push(inv.note.as_deref().unwrap_or(""));
        let name_at = split.push(&inv.name);
        let words = split.slices();
        let opens = self.opens(&words);
        let note = Text::of(&words, &opens, note_at);
        let profile = Text::of(&words, &opens, profile_at.clone());
        let all = Text::of(&words, &opens, profile_at.start..name_at.end);
        let headline = Text::of(&words, &opens, headline_at);

        if !note.words.is_empty() {
            let generic = Self::find(&self.generic, GENERIC, &note);
            if !generic.is_empty() && note.words.len() <= 25 {
                add(
                    "generic_note",
                    "A stock or mass-invite note".into(),
                    w.generic_note,
                );
            } else {
                add("note", "Wrote a personal note".into(), w.note);
            }
            let context = Self::find(&self.context, CONTEXT, &note);
            if let Some(found) = context.first() {
                add(
                    "note_context",
                    format!("Note says how you know each other: “{found}”"),
                    w.note_context,
                );
            }
            let context = !context.is_empty();
            if let Some(found) = Self::find(&self.community, COMMUNITY, &note)
                .first()
                .filter(|_| !context)
            {
                add(
                    "note_community",
                    format!("Note names a community you share: “{found}”"),
                    w.note_community,
                );
            }
            if let Some(found) = Self::find(&self.interest, INTEREST, &note).first() {
                add(
                    "note_interest",
                    format!("Note shows they know your work: “{found}”"),
                    w.note_interest,
                );
            }
            if w.text_model != 0 {
                if let Some((points, words)) = self.text_model_points(note.words, w.text_model) {
                    add(
                        "text_model",
                        format!(
                            "Reads like a sales pitch or spam: {}",
                            quoted(&words.iter().map(String::as_str).collect::<Vec<_>>())
                        ),
                        points,
                    );
                }
            }
            let field = Self::find(&self.field, FIELD, &note);
            if !field.is_empty() {
                add(
                    "note_field",
                    format!("Note mentions your field: {}", list(&field)),
                    w.note_field,
                );
            }
        }

        let field = Self::find(&self.field, FIELD, &profile);
        if !field.is_empty() {
            let points = if field.len() >= 2 || !self.field_from_headline {
                w.field
            } else {
                w.field / 2
            };
            let what = if person { "Headline" } else { "Invitation" };
            let source = if self.field_from_headline {
                " (field taken from your own headline)"
            } else {
                ""
            };
            add(
                "field",
                format!("{what} matches your field: {}{source}", list(&field)),
                points,
            );
        }
        if let Some(found) = Self::find(&self.companies, COMPANY, &profile).first() {
            add("company", format!("Same company: {found}"), w.company);
        }
        if let Some(found) = Self::find(&self.schools, SCHOOL, &profile).first() {
            add("school", format!("Same school: {found}"), w.school);
        }

        let sales = Self::find(&self.sales, SALES, &all);
        if !sales.is_empty() {
            add("sales", format!("Sales pitch: {}", quoted(&sales)), w.sales);
        }
        let spam = Self::find(&self.spam, SPAM, &all);
        if !spam.is_empty() {
            add(
                "spam",
                format!("Spam or scam signs: {}", quoted(&spam)),
                w.spam,
            );
        }
        let lion = Self::find(&self.open_networker, OPEN_NETWORKER, &all);
        if !lion.is_empty() {
            add(
                "open_networker",
                format!("Open networker: {}", quoted(&lion)),
                w.open_networker,
            );
        }
        if person {
            if let Some(found) = Self::find(&self.recruiter, RECRUITER, &headline).first() {
                add("recruiter", format!("Recruiter (“{found}”)"), w.recruiter);
            }
            if let Some(found) = Self::find(&self.seller, SELLER, &headline).first() {
                add(
                    "seller",
                    format!("Sales or business-development role (“{found}”)"),
                    w.seller,
                );
            }
            if !inv.has_photo {
                add("no_photo", "No profile photo".into(), w.no_photo);
            }
            if is_placeholder_headline(&inv.headline) {
                add("no_headline", "No headline".into(), w.no_headline);
            }
        }
        if let Some(days) = inv.days_waiting.filter(|d| *d >= self.rules.stale_days) {
            add("stale", format!("Waiting {days} days"), w.stale);
        }

        let base = self.rules.base;
        let total: i64 = i64::from(base) + reasons.iter().map(|r| i64::from(r.points)).sum::<i64>();
        let score = total.clamp(0, 100) as u8;
        rank(&mut reasons);
        Verdict {
            score,
            bucket: self.bucket(score),
            base,
            reasons,
        }
    }

    /// `verdict` with one more reason (a fact the scorer cannot see, such as an earlier
    /// invitation of the same person): the score is still the base plus the listed reasons.
    pub fn with_reason(&self, mut verdict: Verdict, reason: Reason) -> Verdict {
        verdict.reasons.push(reason);
        let total: i64 = i64::from(verdict.base)
            + verdict
                .reasons
                .iter()
                .map(|r| i64::from(r.points))
                .sum::<i64>();
        verdict.score = total.clamp(0, 100) as u8;
        verdict.bucket = self.bucket(verdict.score);
        rank(&mut verdict.reasons);
        verdict
    }

    fn bucket(&self, score: u8) -> Bucket {
        let score = u32::from(score);
        if score >= self.rules.accept_at {
            Bucket::Accept
        } else if score >= self.rules.review_at {
            Bucket::Review
        } else {
            Bucket::Ignore
        }
    }

    /// Whether the always-ignore list names the invitation: by its display name, its profile
    /// or its key (`data-triage-id`). Ignoring on a copied name harms no one, so names count.
    fn ignored(&self, inv: &Invitation, profile: Option<&str>, name: &str) -> bool {
        if self.always_ignore.is_empty() {
            return false;
        }
        let key = inv.key.to_lowercase();
        let key_profile = profile_key(&inv.key);
        self.always_ignore.iter().any(|entry| {
            (!name.is_empty() && entry.name == name)
                || entry.key == key
                || entry
                    .profile
                    .as_ref()
                    .is_some_and(|p| Some(p.as_str()) == profile || *p == key_profile)
        })
    }
}

/// Splits "Rust engineer at Ferrous Labs | Speaker" into the role and the company.
pub fn split_headline(headline: &str) -> (&str, Option<&str>) {
    let first = headline.split(['|', '·', '•']).next().unwrap_or("");
    let english = [" at ", " @ ", "@"]
        .iter()
        .find_map(|sep| crate::core::lang::find_ci(first, sep).map(|at| (at, at + sep.len())));
    // Other languages' "at" ("chez", "bei", "en"…), from the interface language tables.
    if let Some((at, end)) = english.or_else(|| crate::core::lang::headline_company_at(first)) {
        let company = first[end..].split(',').next().unwrap_or("").trim();
        return (&first[..at], (!company.is_empty()).then_some(company));
    }
    (first, None)
}

/// Mutual-connection points: graded, approaching `max` as the count grows.
fn mutual_points(count: u32, max: i32, half: u32) -> i32 {
    let n = f64::from(count);
    let points = f64::from(max) * n / (n + f64::from(half.max(1)));
    points.round() as i32
}

fn mutual_label(inv: &Invitation) -> String {
    let n = inv.mutual_count;
    let noun = if n == 1 {
        "mutual connection"
    } else {
        "mutual connections"
    };
    match inv.mutual_names.as_slice() {
        [] => format!("{n} {noun}"),
        names if n == 1 => format!("{n} {noun}: {}", names[0]),
        names => format!(
            "{n} {noun}, including {}",
            names
                .iter()
                .take(2)
                .cloned()
                .collect::<Vec<_>>()
                .join(" and ")
        ),
    }
}

fn kind_label(inv: &Invitation) -> String {
    let what = match inv.kind {
        Kind::Group => "Invitation to join a group",
        Kind::Event => "Invitation to attend an event",
        Kind::Page => "Invitation to follow a page",
        Kind::Newsletter => "Invitation to subscribe to a newsletter",
        Kind::Person => "Invitation to connect",
    };
    match inv.target.as_deref().filter(|t| !t.is_empty()) {
        Some(target) => format!("{what}: {target}"),
        None => what.into(),
    }
}

fn is_placeholder_headline(headline: &str) -> bool {
    let h = headline.trim();
    h.chars().filter(|c| c.is_alphanumeric()).count() < 2
        || PLACEHOLDER_HEADLINES
            .iter()
            .any(|p| h.eq_ignore_ascii_case(p))
}

fn list(found: &[&str]) -> String {
    found.join(", ")
}

fn quoted(found: &[&str]) -> String {
    found
        .iter()
        .take(3)
        .map(|f| format!("“{f}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `n` strongest reasons in one sentence, for the badge's accessible name.
pub fn reason_summary(verdict: &Verdict, n: usize) -> String {
    let parts: Vec<String> = verdict
        .reasons
        .iter()
        .take(n)
        .map(|r| format!("{} ({:+})", r.label, r.points))
        .collect();
    if parts.is_empty() {
        "No signals: the base score.".into()
    } else {
        format!("{}.", parts.join("; "))
    }
}

/// Orders reasons strongest first (by points either way), ties in the order the rules ran.
/// An insertion sort: a verdict has a handful of reasons, and it keeps sort code out of the wasm.
fn rank(reasons: &mut [Reason]) {
    for i in 1..reasons.len() {
        let mut j = i;
        while j > 0 && reasons[j].points.unsigned_abs() > reasons[j - 1].points.unsigned_abs() {
            reasons.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person() -> Invitation {
        Invitation {
            kind: Kind::Person,
            key: "ana-ruiz".into(),
            name: "Ana Ruiz".into(),
            first_name: "Ana".into(),
            headline: "Rust engineer at Ferrous Labs".into(),
            has_photo: true,
            ..Invitation::default()
        }
    }

    fn scorer() -> Scorer {
        Scorer::new(&Settings::default())
            .with_own_headline("Senior Rust & WebAssembly engineer at Ferrous Labs")
    }

    fn rules_fired(v: &Verdict) -> Vec<&str> {
        v.reasons.iter().map(|r| r.rule.as_str()).collect()
    }

    #[test]
    fn reasons_add_up_to_the_score() {
        let mut inv = person();
        inv.mutual_count = 12;
        inv.mutual_names = vec!["Bo Li".into()];
        inv.note = Some("We met at RustConf, loved your talk on wasm".into());
        let v = scorer().score(&inv);
        let sum: i32 = v.base + v.reasons.iter().map(|r| r.points).sum::<i32>();
        assert_eq!(i32::from(v.score), sum.clamp(0, 100));
        assert_eq!(v.bucket, Bucket::Accept);
        assert_eq!(
            rules_fired(&v),
            [
                "mutual",
                "field",
                "note_context",
                "company",
                "note",
                "note_field",
                "note_interest"
            ]
        );
        assert!(v.reasons[0]
            .label
            .contains("12 mutual connections, including Bo Li"));
    }

    #[test]
    fn mutual_connections_are_graded_not_a_cliff() {
        let points: Vec<i32> = [1, 2, 5, 12, 40, 500]
            .iter()
            .map(|n| mutual_points(*n, 40, 6))
            .collect();
        assert!(points.windows(2).all(|w| w[0] < w[1]), "{points:?}");
        assert!(points[5] <= 40);
    }

    #[test]
    fn a_pitch_from_many_mutuals_lands_in_review() {
        let mut inv = person();
        inv.headline = "Founder, growth agency".into();
        inv.mutual_count = 40;
        inv.note = Some("Do you have 15 minutes for a quick call about lead generation?".into());
        let v = scorer().score(&inv);
        assert_eq!(v.bucket, Bucket::Review, "{v:?}");
        assert!(v
            .reasons
            .iter()
            .any(|r| r.rule == "sales" && r.label.contains("“quick call”")));
    }

    #[test]
    fn scams_are_ignored() {
        let inv = Invitation {
            name: "Grace Miller".into(),
            headline: "Army doctor | UN peacekeeping mission".into(),
            note: Some(
                "Hello dear, I saw your profile and you seem kind. Text me on WhatsApp".into(),
            ),
            ..Invitation::default()
        };
        let v = scorer().score(&inv);
        assert_eq!(v.bucket, Bucket::Ignore);
        assert_eq!(v.score, 0);
    }

    #[test]
    fn recruiters_are_neutral_and_staleness_only_nudges() {
        let mut inv = person();
        inv.headline = "Technical Recruiter at Hooli".into();
        inv.days_waiting = Some(120);
        let v = scorer().score(&inv);
        let recruiter = v.reasons.iter().find(|r| r.rule == "recruiter").unwrap();
        assert_eq!(recruiter.points, 0);
        let stale = v.reasons.iter().find(|r| r.rule == "stale").unwrap();
        assert!(stale.label.contains("120 days"));
        assert!((-10..0).contains(&stale.points), "a nudge, not a verdict");
    }

    fn with_lists(accept: &[&str], trusted: &[&str], ignore: &[&str]) -> Scorer {
        let mut settings = Settings::default();
        settings.rules.always_accept = accept.iter().map(|s| (*s).to_owned()).collect();
        settings.rules.trusted_names = trusted.iter().map(|s| (*s).to_owned()).collect();
        settings.rules.always_ignore = ignore.iter().map(|s| (*s).to_owned()).collect();
        Scorer::new(&settings)
    }

    /// Ana as LinkedIn shows her: her profile link carries her slug.
    fn ana() -> Invitation {
        Invitation {
            profile_url: "https://www.linkedin.com/in/ana-ruiz/?miniProfileUrn=urn%3Ali%3A1".into(),
            ..person()
        }
    }

    #[test]
    fn always_accept_matches_the_profile_in_every_form() {
        for entry in [
            "https://www.linkedin.com/in/ana-ruiz/",
            "https://www.linkedin.com/in/Ana-Ruiz?trk=people",
            "linkedin.com/in/ana-ruiz",
            "/in/ana-ruiz",
            "/in/ana-ruiz/",
            "ana-ruiz",
            "ANA-RUIZ",
        ] {
            let v = with_lists(&[entry], &[], &[]).score(&ana());
            assert_eq!(v.bucket, Bucket::Accept, "{entry}");
            assert_eq!(v.score, 100, "{entry}");
            assert_eq!(rules_fired(&v)[0], "always_accept", "{entry}");
        }
        // A relative link on the card, and an escaped slug, are the same profile.
        let mut jose = ana();
        jose.profile_url = "/in/jos%C3%A9-garc%C3%ADa/".into();
        for entry in [
            "josé-garcía",
            "https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa/",
        ] {
            let v = with_lists(&[entry], &[], &[]).score(&jose);
            assert_eq!(v.bucket, Bucket::Accept, "{entry}");
        }
    }

    #[test]
    fn an_impersonator_with_the_same_name_is_not_accepted() {
        let s = with_lists(&["https://www.linkedin.com/in/ana-ruiz/"], &[], &[]);
        // Same display name, photo and headline as Ana; another profile.
        let mut copy = ana();
        copy.profile_url = "https://www.linkedin.com/in/ana-ruiz-2b81a9/".into();
        copy.key = "ana-ruiz-2b81a9".into();
        let v = s.score(&copy);
        assert!(!rules_fired(&v).contains(&"always_accept"), "{v:?}");
        assert_ne!(v.bucket, Bucket::Accept, "{v:?}");
        // No profile link at all: a key made from the name, or even one spelling Ana's slug,
        // is not her profile.
        for key in ["name-ana-ruiz", "ana-ruiz"] {
            let mut unlinked = person();
            unlinked.key = key.into();
            let v = s.score(&unlinked);
            assert!(!rules_fired(&v).contains(&"always_accept"), "{key}: {v:?}");
        }
        // A name on the always-accept list (a document that skipped validation) accepts nobody.
        let v = with_lists(&["Ana Ruiz"], &[], &[]).score(&ana());
        assert!(!rules_fired(&v).contains(&"always_accept"), "{v:?}");
    }

    #[test]
    fn a_trusted_name_adds_points_and_never_accepts_by_itself() {
        let s = with_lists(&[], &["ana ruiz"], &[]);
        let plain = scorer().score(&Invitation {
            headline: "Florist".into(),
            ..ana()
        });
        let inv = Invitation {
            headline: "Florist".into(),
            ..ana()
        };
        let v = s.score(&inv);
        let reason = v.reasons.iter().find(|r| r.rule == "trusted_name").unwrap();
        assert_eq!(
            reason.label,
            "Name matches your trusted list (not verified: names can be copied)"
        );
        assert_eq!(reason.points, 15);
        assert_ne!(v.bucket, Bucket::Accept, "{v:?}");
        assert!(plain.reasons.iter().all(|r| r.rule != "trusted_name"));
        // The impersonator gets the same points: the name is all that matched.
        let mut copy = inv.clone();
        copy.profile_url = "/in/someone-else/".into();
        assert_eq!(s.score(&copy).score, v.score);
        // Listed by profile too: the profile decides, the name adds nothing more.
        let both = with_lists(&["ana-ruiz"], &["Ana Ruiz"], &[]).score(&inv);
        assert_eq!(rules_fired(&both)[0], "always_accept");
        assert!(!rules_fired(&both).contains(&"trusted_name"));
    }

    #[test]
    fn always_ignore_takes_names_profiles_and_keys() {
        let bo = Invitation {
            name: "Bo Li".into(),
            key: "name-bo-li".into(),
            ..Invitation::default()
        };
        for entry in [
            "https://www.linkedin.com/in/ana-ruiz/",
            "/in/ana-ruiz",
            "ana-ruiz",
            "Ana Ruiz",
            "ana  ruiz",
        ] {
            let s = with_lists(&[], &[], &[entry]);
            let ignored = |inv: &Invitation| rules_fired(&s.score(inv)).contains(&"always_ignore");
            assert_eq!(s.score(&ana()).bucket, Bucket::Ignore, "{entry}");
            assert!(ignored(&person()), "{entry}");
            assert!(!ignored(&bo), "{entry}");
        }
        let group = Invitation {
            kind: Kind::Group,
            key: "groups-123".into(),
            ..Invitation::default()
        };
        let s = with_lists(&[], &[], &["groups-123"]);
        assert!(rules_fired(&s.score(&group)).contains(&"always_ignore"));
    }

    #[test]
    fn own_headline_fills_field_and_company() {
        let s = scorer();
        assert!(s.uses_own_headline());
        assert!(!s.companies.find("Works at Ferrous Labs").is_empty());
        assert!(!s.field.find("Wasm tooling").is_empty());
        assert!(s.field.find("Senior partner").is_empty());
        let explicit = {
            let mut settings = Settings::default();
            settings.rules.field_keywords = vec!["design".into()];
            Scorer::new(&settings).with_own_headline("Rust engineer")
        };
        assert!(!explicit.uses_own_headline());
    }

    #[test]
    fn non_person_invitations_say_what_they_are() {
        let inv = Invitation {
            kind: Kind::Newsletter,
            name: "Ana Ruiz".into(),
            target: Some("Wasm Weekly".into()),
            ..Invitation::default()
        };
        let v = scorer().score(&inv);
        let kind = v.reasons.iter().find(|r| r.rule == "kind").unwrap();
        assert_eq!(
            kind.label,
            "Invitation to subscribe to a newsletter: Wasm Weekly"
        );
        assert!(!rules_fired(&v).contains(&"no_photo"));
    }

    #[test]
    fn reasons_are_ranked_strongest_first_and_stable() {
        let reason = |rule: &str, points| Reason {
            rule: rule.into(),
            label: rule.to_uppercase(),
            points,
        };
        let mut reasons = vec![
            reason("a", 2),
            reason("b", -30),
            reason("c", 0),
            reason("d", 2),
        ];
        rank(&mut reasons);
        let order: Vec<&str> = reasons.iter().map(|r| r.rule.as_str()).collect();
        assert_eq!(order, ["b", "a", "d", "c"]);
        let v = Verdict {
            score: 14,
            bucket: Bucket::Ignore,
            base: 40,
            reasons,
        };
        assert_eq!(reason_summary(&v, 2), "B (-30); A (+2).");
    }

    fn with_note(note: &str) -> Invitation {
        Invitation {
            headline: "Product manager at Nimbus".into(),
            mutual_count: 3,
            note: Some(note.into()),
            ..person()
        }
    }

    #[test]
    fn linkedins_stock_note_is_stock_in_every_language() {
        for note in [
            "I'd like to add you to my professional network on LinkedIn.",
            "I’d like to add you to my professional network",
            "Me gustaría añadirte a mi red profesional en LinkedIn.",
            "Me gustaría agregarte a mi red profesional de LinkedIn.",
            "J'aimerais vous inviter à rejoindre mon réseau professionnel sur LinkedIn.",
            "Je souhaiterais vous ajouter à mon réseau professionnel sur LinkedIn.",
            "Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.",
            "Gostaria de adicionar você à minha rede profissional no LinkedIn.",
            "Vorrei aggiungerti alla mia rete professionale su LinkedIn.",
            "Ik wil je graag toevoegen aan mijn professionele netwerk op LinkedIn.",
        ] {
            let v = scorer().score(&with_note(note));
            let fired = rules_fired(&v);
            assert!(fired.contains(&"generic_note"), "{note}: {fired:?}");
            assert!(!fired.contains(&"note"), "{note}: not a personal note");
            assert_eq!(v.bucket, Bucket::Review, "{note}");
        }
    }

    #[test]
    fn meeting_phrasings_are_shared_context_in_every_language() {
        for note in [
            "It was great talking to you at the career fair today!",
            "Nice meeting you at the Rust meetup last week.",
            "Thanks for stopping by our booth at the conference.",
            "I didn't realize we weren't already connected!",
            "Ana recommended I connect with you about the event we organized.",
            "Fue un placer conocerte en la conferencia de ayer.",
            "Ravi d'avoir échangé avec vous au salon la semaine dernière.",
            "Schön, dass wir uns auf dem Meetup kennengelernt haben.",
            "Foi um prazer conversar com você no webinar.",
            "Piacere di conoscerti alla conferenza di Milano.",
            "Leuk je gesproken te hebben op de meetup in Utrecht.",
        ] {
            let v = scorer().score(&with_note(note));
            assert!(
                rules_fired(&v).contains(&"note_context"),
                "{note}: {:?}",
                rules_fired(&v)
            );
        }
    }

    #[test]
    fn a_shared_community_counts_less_than_having_met() {
        let w = Settings::default().rules.weights;
        assert!(0 < w.note_community && w.note_community < w.note_context);
        let v = scorer().score(&with_note(
            "Hi Sam, we are both members of the Rust Berlin group, would be glad to connect.",
        ));
        assert!(rules_fired(&v).contains(&"note_community"), "{v:?}");
        assert_eq!(v.bucket, Bucket::Review);
        // Having met says more, and says it alone.
        let v = scorer().score(&with_note(
            "We met at the Rust Berlin group last week, we are both members of it.",
        ));
        assert!(rules_fired(&v).contains(&"note_context"));
        assert!(!rules_fired(&v).contains(&"note_community"));
    }

    #[test]
    fn a_crypto_topic_is_not_a_scam_but_scam_patterns_are() {
        let topic = scorer().score(&with_note(
            "Hi Sam, we are organizing another discussion on stablecoin and crypto regulation \
             with policymakers; would you like to join the panel?",
        ));
        assert!(!rules_fired(&topic).contains(&"spam"), "{topic:?}");
        assert_ne!(topic.bucket, Bucket::Ignore);
        for scam in [
            "Learn crypto trading with me and earn daily, message me on WhatsApp",
            "Hello dear, I am widowed and looking for an honest man",
            "Please write me on my private email for the details of the project",
            "Join chat.whatsapp.com/AbC123 for our investment group",
            "A job for you, only pay the registration fee to start",
        ] {
            let v = scorer().score(&with_note(scam));
            assert!(rules_fired(&v).contains(&"spam"), "{scam}: {v:?}");
            assert_eq!(v.bucket, Bucket::Ignore, "{scam}");
        }
    }

    #[test]
    fn thirty_mutual_connections_and_a_plausible_headline_accept() {
        let known = |mutual: u32| Invitation {
            headline: "Product manager at Nimbus".into(),
            mutual_count: mutual,
            ..person()
        };
        let v = Scorer::new(&Settings::default()).score(&known(30));
        assert_eq!(v.bucket, Bucket::Accept, "{v:?}");
        for n in [3, 10, 20] {
            let v = Scorer::new(&Settings::default()).score(&known(n));
            assert_eq!(v.bucket, Bucket::Review, "{n} mutual connections: {v:?}");
        }
        // Anything against it keeps it for a look: no photo, no headline, a seller, a pitch.
        let against = [
            Invitation {
                has_photo: false,
                ..known(30)
            },
            Invitation {
                headline: "--".into(),
                ..known(30)
            },
            Invitation {
                headline: "Sales director at Elastic".into(),
                ..known(31)
            },
            Invitation {
                note: Some("Do you have 15 minutes for a quick call about our services?".into()),
                ..known(35)
            },
        ];
        for inv in against {
            let v = Scorer::new(&Settings::default()).score(&inv);
            assert_ne!(v.bucket, Bucket::Accept, "{v:?}");
        }
    }

    #[test]
    fn the_text_model_is_a_reason_naming_its_words_and_can_be_turned_off() {
        let pitch = with_note(
            "We are one of the leading software companies. We offer solutions that help you \
             fully automate your sales cycle.",
        );
        let v = scorer().score(&pitch);
        let model = v
            .reasons
            .iter()
            .find(|r| r.rule == "text_model")
            .expect("a reason");
        assert!(model.points < 0 && model.points >= -25, "{model:?}");
        assert!(
            model
                .label
                .starts_with("Reads like a sales pitch or spam: “"),
            "{model:?}"
        );
        let sum: i32 = v.base + v.reasons.iter().map(|r| r.points).sum::<i32>();
        assert_eq!(i32::from(v.score), sum.clamp(0, 100));
        // A colleague's note draws no such reason.
        let colleague = scorer().score(&with_note(
            "Great working with you on the storage team last year, let's stay in touch",
        ));
        assert!(!rules_fired(&colleague).contains(&"text_model"));
        // Weight 0 turns it off; the weight scales it.
        let mut settings = Settings::default();
        settings.rules.weights.text_model = 0;
        assert!(!rules_fired(&Scorer::new(&settings).score(&pitch)).contains(&"text_model"));
        settings.rules.weights.text_model = -50;
        let stronger = Scorer::new(&settings).score(&pitch);
        let points = |v: &Verdict| {
            v.reasons
                .iter()
                .find(|r| r.rule == "text_model")
                .unwrap()
                .points
        };
        assert!(points(&stronger) < model.points);
    }
}
