//! The note coach: the note a member is writing in LinkedIn's "Add a note" box, scored as the
//! recipient's Invite Triage would score the invitation it becomes, with advice on top.
//!
//! Pure: the dialog (and the profile's top card, on `/in/` pages) arrives as a snapshot string
//! and is read with [`Document`]; the note is a string. Never panics, whatever the input.
//!
//! The invitation the recipient sees is the note on a neutral card (the sender's name, a photo,
//! a headline, 3 mutual connections: what the corpus measures notes on), scored with the
//! default rules. The coach's own reasons (the recipient's name used, why connect, the length
//! against the account's limit) are added with [`Scorer::with_reason`], so the score is still
//! the base plus the listed reasons.

use serde::Serialize;

use crate::core::html::{Attr, Document, NodeId};
use crate::core::invitation::{Invitation, Kind};
use crate::core::lang::find_ci;
use crate::core::matcher::{words, Matcher};
use crate::core::parse::{clean, first_name};
use crate::core::plan::ReasonPaint;
use crate::core::score::{split_headline, Bucket, Reason, Scorer};
use crate::core::settings::Settings;

/// Who the note is for, as the page shows them. Empty fields were not shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Recipient {
    /// The full name.
    pub name: String,
    /// The first name (honorifics skipped), for `{first_name}`.
    pub first_name: String,
    /// The headline on the profile's top card.
    pub headline: String,
    /// The current company (the top card's, else the headline's "at …").
    pub company: String,
}

/// One filled template, for a button of the panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CoachTemplate {
    /// The settings field (`coach_met`, `coach_talk`, `coach_group`, `coach_recruiter`); the
    /// panel names its button with the message key `coachTpl_<key>`.
    pub key: String,
    /// The text, placeholders filled, cut to the note limit at a word.
    pub text: String,
}

/// What the coach's panel shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Coaching {
    /// 0 to 100, as the recipient's engine would score it, with the coach's reasons.
    pub score: u8,
    /// The bucket it falls in.
    pub bucket: Bucket,
    /// The base every score starts from.
    pub base: i32,
    /// Every reason with its points, strongest first.
    pub reasons: Vec<ReasonPaint>,
    /// The note's length as LinkedIn counts it (UTF-16 code units, like `maxlength`).
    pub length: u32,
    /// The account's limit: 300 with Premium, else 200.
    pub limit: u32,
    /// One filled template per coach template setting.
    pub templates: Vec<CoachTemplate>,
    /// Who the note is for, as read from the page.
    pub recipient: Recipient,
}

/// The `data-testid` the panel's snapshot wraps the dialog in.
pub const DIALOG_PART: &str = "triage-coach-dialog";
/// The `data-testid` the panel's snapshot wraps the profile's top card in.
pub const PROFILE_PART: &str = "triage-coach-profile";

/// Points of the coach's own reasons.
const NAME_POINTS: i32 = 5;
const WHY_POINTS: i32 = 5;
const OVER_LIMIT_POINTS: i32 = -10;

/// The neutral card's headline and mutual connections.
const NEUTRAL_HEADLINE: &str = "Professional";
const NEUTRAL_MUTUAL: u32 = 3;

/// Longest name, headline and company kept from the page.
const MAX_NAME: usize = 100;
const MAX_HEADLINE: usize = 300;

/// Phrases that say why the sender wants to connect, in the interface languages.
const WHY_PHRASES: &[&str] = &[
    "would like to",
    "would love to",
    "i'd like to",
    "i’d like to",
    "i'd love to",
    "i’d love to",
    "like to connect",
    "love to connect",
    "stay in touch",
    "keep in touch",
    "because",
    "interested in",
    "learn from",
    "learn more",
    "exchange ideas",
    "follow your work",
    "swap notes",
    "compare notes",
    "hoping to",
    "me gustaría",
    "me encantaría",
    "porque",
    "seguir en contacto",
    "j'aimerais",
    "j’aimerais",
    "parce que",
    "rester en contact",
    "ich würde gerne",
    "ich würde mich freuen",
    "weil",
    "in kontakt bleiben",
    "gostaria de",
    "manter contato",
    "vorrei",
    "perché",
    "restare in contatto",
    "ik zou graag",
    "omdat",
    "in contact blijven",
];

/// The words before the recipient's name in the dialog's texts ("Add a note to your invitation
/// to Ana Ruiz", "Personnalisez votre invitation à Ana Ruiz"), per interface language.
const BEFORE_NAME: &[&str] = &[
    "invitation to ",
    "invitación a ",
    "invitación para ",
    "invitation à ",
    "einladung an ",
    "convite para ",
    "convite a ",
    "invito a ",
    "invito per ",
    "uitnodiging aan ",
    "uitnodiging voor ",
];

/// Lowercase words that may sit inside a name ("Ana de la Cruz", "Jan van Dijk").
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "das", "del", "della", "der", "den", "di", "do", "dos", "du", "la", "le", "van",
    "von", "y", "zu", "ter", "bin", "al", "el",
];

/// The note's length as LinkedIn counts it: UTF-16 code units ("😀" is 2).
pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Cuts `text` to `limit` UTF-16 code units at a word boundary, ending with "…".
pub fn fit_utf16(text: &str, limit: usize) -> String {
    if utf16_len(text) <= limit {
        return text.to_owned();
    }
    let room = limit.saturating_sub(1);
    let (mut units, mut end) = (0, 0);
    for (i, c) in text.char_indices() {
        if units + c.len_utf16() > room {
            break;
        }
        units += c.len_utf16();
        end = i + c.len_utf8();
    }
    let cut = &text[..end];
    let at = cut
        .rfind(' ')
        .filter(|&i| utf16_len(&cut[..i]) > limit / 2)
        .unwrap_or(end);
    format!("{}…", cut[..at].trim_end_matches([' ', ',', ';', ':']))
}

/// The text lines of an element as a person reads them: block elements end lines.
fn lines(doc: &Document, root: NodeId) -> Vec<String> {
    const BLOCKS: &[&str] = &[
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "header",
        "footer", "main", "dialog", "label", "button", "textarea", "form", "article", "br",
    ];
    let mut out = Vec::new();
    let mut line = String::new();
    let mut ends: Vec<NodeId> = Vec::new();
    let flush = |line: &mut String, out: &mut Vec<String>| {
        let text = clean(line);
        if !text.is_empty() {
            out.push(text);
        }
        line.clear();
    };
    let end = doc.end(root).min(doc.len());
    for id in root + 1..end {
        while ends.last().is_some_and(|&e| id >= e) {
            ends.pop();
            flush(&mut line, &mut out);
        }
        if let Some(text) = doc.text(id) {
            if line.len() < 4000 {
                line.push_str(text);
            }
        } else if doc.is_element(id) && BLOCKS.contains(&doc.tag(id)) {
            flush(&mut line, &mut out);
            ends.push(doc.end(id));
        } else if doc.is_element(id) {
            line.push(' ');
        }
    }
    flush(&mut line, &mut out);
    out
}

/// Cuts to at most `max` bytes at a character boundary.
fn cut(text: &str, max: usize) -> String {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].trim().to_owned()
}

/// A name-like run of words at the start of `text`: "Ana Ruiz eine Notiz" → "Ana Ruiz".
fn name_at(text: &str) -> Option<String> {
    let mut taken: Vec<&str> = Vec::new();
    for raw in text.split(' ').take(8) {
        let word = raw.trim_end_matches(['?', '.', ':', ',', '!', ';', '…', ')', '"', '”']);
        let word = word
            .strip_suffix("’s")
            .or_else(|| word.strip_suffix("'s"))
            .unwrap_or(word);
        let first = word.chars().next();
        let cased = first.is_some_and(|c| c.is_uppercase() || !c.is_lowercase());
        let particle = NAME_PARTICLES.contains(&word) && !taken.is_empty();
        if word.is_empty() || !(cased || particle) || !word.chars().any(char::is_alphabetic) {
            break;
        }
        // "Dr." and initials keep their dot and go on; other punctuation ends the name.
        if raw.strip_suffix('.') == Some(word) && word.chars().count() <= 3 {
            taken.push(raw);
            continue;
        }
        taken.push(word);
        if word.len() != raw.len() || taken.len() >= 6 {
            break;
        }
    }
    while taken
        .last()
        .is_some_and(|w| NAME_PARTICLES.contains(w) && taken.len() > 1)
    {
        taken.pop();
    }
    let name = taken.join(" ");
    let name = name.trim_end_matches('.');
    (!name.is_empty()).then(|| cut(name, MAX_NAME))
}

/// The recipient's name in one of the dialog's texts, if it names them.
fn name_in_dialog_text(text: &str) -> Option<String> {
    for before in BEFORE_NAME {
        if let Some(at) = find_ci(text, before) {
            if let Some(name) = text.get(at + before.len()..).and_then(name_at) {
                return Some(name);
            }
        }
    }
    // "Invite Ana Ruiz to connect".
    let rest = text.strip_prefix("Invite ")?;
    let end = find_ci(rest, " to connect")?;
    rest.get(..end).and_then(name_at)
}

fn by_test_id(doc: &Document, id: &str) -> Option<NodeId> {
    doc.elements()
        .find(|&e| doc.attr(e, Attr::TestId) == Some(id))
}

/// Reads who the note is for from the panel's snapshot: the dialog (wrapped in
/// `data-testid="triage-coach-dialog"`, else the first dialog, else the whole body) and, on a
/// profile page, its top card (`data-testid="triage-coach-profile"`): the dialog's texts name
/// the recipient in most eras and languages, the profile's `h1` does on `/in/` pages. The
/// headline and company come from the top card only. Never panics.
pub fn read_recipient(snapshot: &str) -> Recipient {
    let doc = Document::parse(snapshot);
    let dialog = by_test_id(&doc, DIALOG_PART)
        .or_else(|| {
            doc.elements()
                .find(|&e| doc.tag(e) == "dialog" || doc.attr(e, Attr::Role) == Some("dialog"))
        })
        .unwrap_or(doc.body());
    let profile = by_test_id(&doc, PROFILE_PART);
    let mut texts: Vec<String> = std::iter::once(dialog)
        .chain(doc.descendants(dialog))
        .filter_map(|e| doc.attr(e, Attr::AriaLabel))
        .map(clean)
        .collect();
    texts.extend(lines(&doc, dialog));
    let mut name = texts.iter().find_map(|t| name_in_dialog_text(t));
    let mut headline = String::new();
    let mut company = String::new();
    if let Some(profile) = profile {
        let h1 = doc.descendants(profile).find(|&e| doc.tag(e) == "h1");
        let h1_name = h1.map(|h| cut(&clean(&doc.text_content(h)), MAX_NAME));
        if name.is_none() {
            name = h1_name.clone().filter(|n| !n.is_empty());
        }
        // The headline: LinkedIn's `text-body-medium` line, else the first real line after the
        // name (pronouns, the degree and short bits skipped).
        let hinted = doc
            .descendants(profile)
            .filter(|&e| h1.is_none_or(|h| e > h && !doc.contains(h, e)))
            .find(|&e| doc.class_contains(e, "text-body-medium"))
            .map(|e| clean(&doc.text_content(e)));
        let after_name = || {
            let all = lines(&doc, profile);
            let start = h1_name
                .as_ref()
                .and_then(|n| all.iter().position(|l| l == n))
                .map_or(0, |i| i + 1);
            all.into_iter().skip(start).find(|l| plausible_headline(l))
        };
        headline = hinted
            .filter(|h| plausible_headline(h))
            .or_else(after_name)
            .map(|h| cut(&h, MAX_HEADLINE))
            .unwrap_or_default();
        company = doc
            .descendants(profile)
            .filter_map(|e| doc.attr(e, Attr::AriaLabel))
            .find_map(|label| {
                let rest = label.strip_prefix("Current company: ")?;
                Some(rest.split(". ").next().unwrap_or(rest).trim().to_owned())
            })
            .filter(|c| !c.is_empty())
            .or_else(|| split_headline(&headline).1.map(str::to_owned))
            .map(|c| cut(&clean(&c), MAX_NAME))
            .unwrap_or_default();
    }
    let name = name.unwrap_or_default();
    Recipient {
        first_name: first_name(&name),
        name,
        headline,
        company,
    }
}

/// Whether a top-card line can be a headline: not pronouns, a degree or a count.
fn plausible_headline(line: &str) -> bool {
    let l = line.trim();
    let lower = l.to_lowercase();
    l.chars().filter(|c| c.is_alphanumeric()).count() >= 4
        && !l.starts_with('(')
        && !l.starts_with('·')
        && !lower.contains("connections")
        && !lower.contains("followers")
        && !["1st", "2nd", "3rd", "3rd+"].contains(&lower.as_str())
}

/// Fills a coach template: `{first_name}` ("there" when unknown), `{name}`, `{my_name}`,
/// `{company}`, `{headline}`. A sentence whose `{name}`, `{company}` or `{headline}` is unknown
/// is left out. Values are put in once and never read again as placeholders.
pub fn render(template: &str, to: &Recipient, settings: &Settings) -> String {
    let first = if to.first_name.is_empty() {
        "there"
    } else {
        to.first_name.as_str()
    };
    let value = |name: &str| -> Option<&str> {
        match name {
            "first_name" => Some(first),
            "name" => Some(to.name.as_str()).filter(|v| !v.is_empty()),
            "my_name" => Some(settings.my_name.as_str()),
            "company" => Some(to.company.as_str()).filter(|v| !v.is_empty()),
            "headline" => Some(to.headline.as_str()).filter(|v| !v.is_empty()),
            _ => None,
        }
    };
    let mut out = String::with_capacity(template.len() + 32);
    'sentences: for sentence in template.split_inclusive(['.', '!', '?']) {
        let mut filled = String::with_capacity(sentence.len());
        let mut rest = sentence;
        while let Some(open) = rest.find('{') {
            filled.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                filled.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let name = &after[..close];
            match value(name) {
                Some(v) => filled.push_str(v),
                None if crate::core::settings::COACH_PLACEHOLDERS.contains(&name) => {
                    continue 'sentences;
                }
                None => filled.push_str(&rest[open..open + close + 2]),
            }
            rest = &after[close + 1..];
        }
        filled.push_str(rest);
        out.push_str(&filled);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The coach templates of `settings`, filled for `to` and cut to the note limit.
pub fn templates(to: &Recipient, settings: &Settings) -> Vec<CoachTemplate> {
    let t = &settings.templates;
    let limit = settings.note_limit();
    [
        ("coach_met", &t.coach_met),
        ("coach_talk", &t.coach_talk),
        ("coach_group", &t.coach_group),
        ("coach_recruiter", &t.coach_recruiter),
    ]
    .into_iter()
    .map(|(key, template)| CoachTemplate {
        key: key.to_owned(),
        text: fit_utf16(&render(template, to, settings), limit),
    })
    .filter(|t| !t.text.is_empty())
    .collect()
}

/// The invitation the recipient would see: the note on the neutral card, from the sender.
pub fn invitation(note: &str, settings: &Settings) -> Invitation {
    let note = clean(note);
    Invitation {
        kind: Kind::Person,
        key: "coach".into(),
        name: settings.my_name.clone(),
        first_name: first_name(&settings.my_name),
        headline: NEUTRAL_HEADLINE.into(),
        has_photo: true,
        mutual_count: NEUTRAL_MUTUAL,
        note: (!note.is_empty()).then_some(note),
        ..Invitation::default()
    }
}

/// Scores `note` as the recipient's engine would (`scorer`, compiled from the default rules),
/// adds the coach's reasons, and fills the templates from `settings` for `to`.
pub fn coach(note: &str, to: &Recipient, scorer: &Scorer, settings: &Settings) -> Coaching {
    let limit = settings.note_limit();
    let length = utf16_len(note);
    let inv = invitation(note, settings);
    let mut verdict = scorer.score(&inv);
    let fired = |rule: &str| verdict.reasons.iter().any(|r| r.rule == rule);
    let mut extra: Vec<Reason> = Vec::new();
    let reason = |rule: &str, label: String, points: i32| Reason {
        rule: rule.into(),
        label,
        points,
    };
    match inv.note.as_deref() {
        None => extra.push(reason(
            "coach_empty",
            "No note yet: say how you know each other and why you want to connect".into(),
            0,
        )),
        Some(text) => {
            let note_words = words(text);
            let name_words = words(&to.first_name);
            if let Some(first) = name_words.first() {
                if note_words.iter().any(|w| w == first) {
                    extra.push(reason(
                        "coach_name",
                        format!("Greets {} by name", to.first_name),
                        NAME_POINTS,
                    ));
                } else {
                    extra.push(reason(
                        "coach_name",
                        format!("Does not use {}’s name", to.first_name),
                        0,
                    ));
                }
            }
            if !fired("note_context") && !fired("note_community") {
                extra.push(reason(
                    "coach_met",
                    "Does not say where you met or how you know each other".into(),
                    0,
                ));
            }
            let why = Matcher::new(WHY_PHRASES.iter().copied());
            match why.find_in(&note_words).first() {
                Some(found) if !fired("generic_note") && !fired("sales") => extra.push(reason(
                    "coach_why",
                    format!("Says why you want to connect: “{found}”"),
                    WHY_POINTS,
                )),
                Some(_) => extra.push(reason(
                    "coach_why",
                    "Its reason to connect reads as stock wording or a pitch".into(),
                    0,
                )),
                None => extra.push(reason(
                    "coach_why",
                    "Does not say why you want to connect".into(),
                    0,
                )),
            }
        }
    }
    if length > limit {
        extra.push(reason(
            "coach_length",
            format!("Longer than your {limit}-character limit: LinkedIn will not send it ({length} / {limit})"),
            OVER_LIMIT_POINTS,
        ));
    }
    for r in extra {
        verdict = scorer.with_reason(verdict, r);
    }
    Coaching {
        score: verdict.score,
        bucket: verdict.bucket,
        base: verdict.base,
        reasons: verdict
            .reasons
            .iter()
            .map(|r| ReasonPaint {
                label: r.label.clone(),
                points: r.points,
            })
            .collect(),
        length: u32::try_from(length).unwrap_or(u32::MAX),
        limit: u32::try_from(limit).unwrap_or(u32::MAX),
        templates: templates(to, settings),
        recipient: to.clone(),
    }
}

/// The whole request, as the engine's export takes it: the dialog snapshot and the note.
pub fn coach_snapshot(
    snapshot: &str,
    note: &str,
    scorer: &Scorer,
    settings: &Settings,
) -> Coaching {
    coach(note, &read_recipient(snapshot), scorer, settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ana() -> Recipient {
        Recipient {
            name: "Ana Ruiz".into(),
            first_name: "Ana".into(),
            headline: "Rust engineer at Ferrous Labs".into(),
            company: "Ferrous Labs".into(),
        }
    }

    fn run(note: &str) -> Coaching {
        let s = Settings::default();
        coach(note, &ana(), &Scorer::new(&s), &s)
    }

    #[test]
    fn utf16_units_count_like_maxlength() {
        assert_eq!(utf16_len("abc"), 3);
        assert_eq!(utf16_len("😀"), 2);
        assert_eq!(utf16_len("e\u{301}"), 2);
        assert_eq!(utf16_len("日本語"), 3);
    }

    #[test]
    fn fit_cuts_at_a_word_within_the_limit() {
        let text = "word ".repeat(80);
        let out = fit_utf16(&text, 200);
        assert!(utf16_len(&out) <= 200, "{}", utf16_len(&out));
        assert!(out.ends_with("word…"));
        let emoji = "😀".repeat(150);
        assert!(utf16_len(&fit_utf16(&emoji, 200)) <= 200);
        assert_eq!(fit_utf16("short", 200), "short");
    }

    #[test]
    fn the_score_is_the_base_plus_the_reasons() {
        for note in ["", "Hi Ana", "I help companies like yours grow revenue"] {
            let c = run(note);
            let total: i32 = c.base + c.reasons.iter().map(|r| r.points).sum::<i32>();
            assert_eq!(i32::from(c.score), total.clamp(0, 100), "{note}");
        }
    }

    #[test]
    fn names_are_read_from_dialog_texts() {
        assert_eq!(
            name_in_dialog_text("Add a note to your invitation to Ana Ruiz").as_deref(),
            Some("Ana Ruiz")
        );
        assert_eq!(name_in_dialog_text("Add a note to your invitation?"), None);
        assert_eq!(
            name_in_dialog_text("Fügen Sie Ihrer Einladung an Jan van Dijk eine Notiz hinzu")
                .as_deref(),
            Some("Jan van Dijk")
        );
        assert_eq!(
            name_in_dialog_text("Invite Bo Li to connect").as_deref(),
            Some("Bo Li")
        );
    }

    #[test]
    fn placeholders_unknown_here_drop_their_sentence() {
        let s = Settings::default();
        let to = Recipient {
            first_name: "Ana".into(),
            ..Recipient::default()
        };
        assert_eq!(
            render("Hi {first_name}. I saw {company}. Bye.", &to, &s),
            "Hi Ana. Bye."
        );
        // Page text is never read as a placeholder.
        let hostile = Recipient {
            first_name: "{my_name}".into(),
            ..Recipient::default()
        };
        assert_eq!(render("Hi {first_name}", &hostile, &s), "Hi {my_name}");
    }
}
