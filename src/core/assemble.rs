//! Turns the raw pieces the page reader collected from one card (text lines with layout hints,
//! links, image alt texts, control labels) into a [`Card`]. Pure, so the judgement calls of
//! reading a card are tested natively; the walk over the snapshot itself lives in
//! [`crate::core::read`].

use crate::core::invitation::{Card, Kind};
use crate::core::{lang, parse};

/// What the markup says about a text line, from class names or neighbouring controls.
/// Hints only: reading never depends on one of them being present.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Hint {
    /// No hint.
    #[default]
    None,
    /// Classes such as `occupation`, `subtitle` or `headline`.
    Headline,
    /// Classes such as `custom-message`, or a "see more" expander right after it.
    Note,
}

/// One text line of a card, in page order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    /// The line's text, whitespace folded.
    pub text: String,
    /// What the markup suggests the line is.
    pub hint: Hint,
    /// The href of the link this line is the text of, if any.
    pub link: Option<String>,
}

/// Everything the reader collected from one card root.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawCard {
    /// Text lines outside controls, in page order.
    pub lines: Vec<Line>,
    /// Every link href in the card (profile, target, messaging), in page order.
    pub links: Vec<String>,
    /// Alt texts of images in the card, in page order.
    pub image_alts: Vec<String>,
    /// Whether the card shows a ghost (placeholder) picture.
    pub ghost_photo: bool,
    /// Whether the card shows a real picture.
    pub photo: bool,
    /// The aria-label (or text) of LinkedIn's Accept control.
    pub accept_label: String,
    /// The aria-label (or text) of LinkedIn's Ignore control.
    pub ignore_label: String,
    /// Attribute values that may carry LinkedIn's invitation id (`componentkey`, URNs).
    pub id_hints: Vec<String>,
}

/// How long a line must be, with no other evidence, to be taken for a personal note.
const NOTE_MIN_CHARS: usize = 40;

/// Builds a [`Card`] from the raw pieces, or `None` when nothing identifies the inviter or the
/// target (the layout is one we cannot read).
pub fn card(raw: &RawCard) -> Option<Card> {
    let profile_url = raw
        .links
        .iter()
        .find(|href| parse::slug(href).is_some())
        .cloned()
        .unwrap_or_default();
    let target_url = raw
        .links
        .iter()
        .find(|href| parse::kind_from_url(href).is_some_and(|k| k != Kind::Person))
        .cloned()
        .unwrap_or_default();
    let target_name = line_for_link(raw, &target_url).unwrap_or_default();

    let name = name(raw, &profile_url);
    if name.is_empty() && profile_url.is_empty() && target_url.is_empty() {
        return None;
    }

    let mut card = Card {
        invitation_id: invitation_id(raw),
        profile_url,
        target_url,
        target_name,
        name,
        has_photo: raw.photo && !raw.ghost_photo,
        ..Card::default()
    };
    sort_lines(raw, &mut card);
    Some(card)
}

/// The inviter's name: the profile link's text, else a picture's alt text, else the name in
/// the Accept or Ignore control's label.
fn name(raw: &RawCard, profile_url: &str) -> String {
    if !profile_url.is_empty() {
        let same_profile = |href: &String| parse::slug(href) == parse::slug(profile_url);
        if let Some(line) = raw
            .lines
            .iter()
            .find(|l| l.link.as_ref().is_some_and(same_profile) && !l.text.is_empty())
        {
            return line.text.clone();
        }
    }
    if let Some(alt) = raw
        .image_alts
        .iter()
        .find_map(|alt| lang::name_from_alt(alt))
    {
        return alt;
    }
    [&raw.accept_label, &raw.ignore_label]
        .into_iter()
        .find_map(|label| lang::name_from_aria_label(label))
        .unwrap_or_default()
}

fn line_for_link(raw: &RawCard, href: &str) -> Option<String> {
    if href.is_empty() {
        return None;
    }
    raw.lines
        .iter()
        .find(|l| l.link.as_deref() == Some(href) && !l.text.is_empty())
        .map(|l| l.text.clone())
}

fn invitation_id(raw: &RawCard) -> String {
    let from_links = raw.links.iter().chain(raw.id_hints.iter());
    from_links
        .filter_map(|s| parse::invitation_urn(s))
        .next()
        .unwrap_or_default()
}

/// Decides which line is the headline, which the note, and which are other facts.
fn sort_lines(raw: &RawCard, card: &mut Card) {
    let mut name_seen = card.name.is_empty();
    // Whether a line kept so far names an invitation kind, brought up to date as lines are
    // kept (rather than rescanning them all for every line) so sorting stays linear.
    let (mut kind_seen, mut kind_checked) = (false, 0);
    for line in &raw.lines {
        kind_seen = kind_seen
            || card.lines[kind_checked..]
                .iter()
                .any(|l| parse::kind_from_text(l).is_some());
        kind_checked = card.lines.len();
        let text = line.text.as_str();
        if text.is_empty() {
            continue;
        }
        let is_name = text == card.name;
        let is_link_text = line.link.is_some();
        if is_name {
            name_seen = true;
            continue;
        }
        if is_link_text
            && (text == card.target_name
                || parse::slug(line.link.as_deref().unwrap_or("")).is_some())
        {
            continue;
        }
        let is_fact = parse::is_fact_line(text) || lang::is_card_chrome(text);
        if is_link_text {
            // Link text other than the inviter or the target: a fact when it states one (an
            // older layout links the mutual connections to a people search), else furniture
            // ("Message", "See more").
            if parse::is_fact_line(text) {
                card.lines.push(text.to_owned());
            }
            continue;
        }
        let headline_slot = card.headline.is_empty() && name_seen && card.note.is_none();
        match line.hint {
            Hint::Headline if card.headline.is_empty() => card.headline = text.to_owned(),
            Hint::Note if !is_fact => append_note(card, text),
            _ if is_fact => card.lines.push(text.to_owned()),
            _ if headline_slot && !kind_seen => card.headline = text.to_owned(),
            _ if !card.target_url.is_empty() && is_description(text) => {
                card.lines.push(text.to_owned())
            }
            _ if text.chars().count() >= NOTE_MIN_CHARS => append_note(card, text),
            _ => card.lines.push(text.to_owned()),
        }
    }
}

/// A group, event, page or newsletter's description line: short facts between `·` or `•`
/// ("Newsletter • Weekly · 23,517 subscribers"), not a sentence someone wrote.
fn is_description(text: &str) -> bool {
    let parts: Vec<&str> = text.split(['·', '•']).map(str::trim).collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() <= 40 && !p.ends_with(['.', '!', '?']))
}

fn append_note(card: &mut Card, text: &str) {
    match &mut card.note {
        Some(note) => {
            note.push('\n');
            note.push_str(text);
        }
        None => card.note = Some(text.to_owned()),
    }
}
