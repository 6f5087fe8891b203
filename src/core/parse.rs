//! Page text → facts: mutual connections, age, kinds, names, slugs and ids.
//!
//! Every function takes arbitrary text and gives a best-effort answer; none panics, and each
//! is linear in its input (inputs are capped at [`MAX_TEXT`] characters first).

use crate::core::invitation::{Card, Invitation, Kind};
use crate::core::lang::{ends_ci, find_ci, starts_ci, LANGUAGES};

/// Longest text any parser looks at; page text beyond it is cut (at a character boundary).
pub const MAX_TEXT: usize = 4000;

/// Most mutual connections a card can report: LinkedIn's limit of 30,000 connections per
/// member. Larger counts ("99999999999999 other mutual connections", or digits that overflow)
/// saturate here: they read as "very many", never wrap around or read as zero.
pub const MAX_MUTUAL: u32 = 30_000;

/// Longest wait, in days, an age line can report: 100 years, far beyond any real invitation
/// (LinkedIn started in 2003). Larger ages ("999999 years ago") saturate here.
pub const MAX_AGE_DAYS: u32 = 36_500;

/// Mutual connections, as a card states them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mutual {
    /// How many mutual connections in total.
    pub count: u32,
    /// The ones the card names.
    pub names: Vec<String>,
}

/// Cuts `text` to at most [`MAX_TEXT`] bytes at a character boundary and trims it.
pub fn capped(text: &str) -> &str {
    let mut end = text.len().min(MAX_TEXT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].trim()
}

/// Parses a count such as `12` or `1,100`; digits too many for a `u32` read as `u32::MAX`
/// (callers cap it).
fn count(token: &str) -> Option<u32> {
    let digits: String = token.chars().filter(|c| *c != ',' && *c != '.').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().or(Some(u32::MAX))
}

/// Reads a mutual-connections line in any phrasing: "Ana is a mutual connection",
/// "Ana and 12 other mutual connections", "Ana, Ben and 3 others", "12 mutual connections".
/// The count saturates at [`MAX_MUTUAL`].
pub fn mutual(text: &str) -> Option<Mutual> {
    let text = capped(text);
    if text.contains(['<', '>']) {
        return None; // markup in a line is text someone typed, never a fact
    }
    LANGUAGES.iter().find_map(|lang| {
        let words = &lang.mutual;
        let text = text.trim_end_matches(['.', '!', ' ']);
        let marker = words.markers.iter().find(|m| ends_ci(text, m));
        let head = match marker {
            Some(m) => &text[..text.len() - m.len()],
            // Without the marker only the "…and 3 others" shape counts.
            None if words.others.iter().any(|o| ends_ci(text, o)) => text,
            None => return None,
        };
        let mut head = head.trim();
        for copula in words.copulas {
            if ends_ci(head, copula) {
                head = head[..head.len() - copula.len()].trim_end();
            }
        }
        mutual_head(head, words)
            .filter(|found| marker.is_some() || found.count > found.names.len() as u32)
    })
}

/// Splits "Ana, Ben and 3 other" into names and a count of others.
fn mutual_head(head: &str, words: &crate::core::lang::MutualWords) -> Option<Mutual> {
    let mut head = head.trim();
    for other in words.others {
        if ends_ci(head, other) {
            head = head[..head.len() - other.len()].trim_end();
            break;
        }
    }
    let (rest, others) = match head.rsplit_once(' ') {
        Some((rest, last)) => match count(last) {
            Some(n) => (rest.trim_end(), n),
            None => (head, 0),
        },
        None => match count(head) {
            Some(n) => ("", n),
            None => (head, 0),
        },
    };
    let mut rest = rest;
    for and in words.and {
        let and = and.trim_end();
        if ends_ci(rest, and) {
            rest = rest[..rest.len() - and.len()].trim_end();
        }
    }
    let mut names: Vec<String> = Vec::new();
    for part in rest.split(',') {
        let mut pieces = vec![part];
        for and in words.and {
            pieces = pieces.iter().flat_map(|p| split_ci(p, and)).collect();
        }
        names.extend(
            pieces
                .iter()
                .map(|p| p.trim())
                .filter(|p| !p.is_empty())
                .map(str::to_owned),
        );
    }
    if names.is_empty() && others == 0 {
        return None;
    }
    Some(Mutual {
        count: (names.len() as u32).saturating_add(others).min(MAX_MUTUAL),
        names,
    })
}

fn split_ci<'a>(text: &'a str, sep: &str) -> Vec<&'a str> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(at) = find_ci(rest, sep) {
        parts.push(&rest[..at]);
        rest = &rest[at + sep.len()..];
    }
    parts.push(rest);
    parts
}

/// Reads how long ago an invitation was sent, in days: "Today", "Yesterday", "3 weeks ago",
/// "Sent 2 months ago", "hace 3 días", and short forms "3d", "2w", "1mo", "1yr", "5h".
/// The result saturates at [`MAX_AGE_DAYS`].
pub fn age_days(text: &str) -> Option<u32> {
    let text = capped(text);
    short_age(text)
        .or_else(|| long_age(text))
        .map(|days| days.min(MAX_AGE_DAYS))
}

/// "3 weeks ago", "Yesterday", "hace 3 días" in any language.
fn long_age(text: &str) -> Option<u32> {
    LANGUAGES.iter().find_map(|lang| {
        let age = &lang.age;
        let mut rest = text;
        for prefix in age.prefixes {
            if starts_ci(rest, prefix) {
                rest = rest[prefix.len()..].trim_start();
            }
        }
        if age.today.iter().any(|w| rest.eq_ignore_ascii_case(w)) {
            return Some(0);
        }
        if age.yesterday.iter().any(|w| rest.eq_ignore_ascii_case(w)) {
            return Some(1);
        }
        for before in age.before {
            if starts_ci(rest, before) {
                rest = rest[before.len()..].trim_start();
            }
        }
        let mut stripped_after = age.after.is_empty();
        for after in age.after {
            if ends_ci(rest, after) {
                rest = rest[..rest.len() - after.len()].trim_end();
                stripped_after = true;
            }
        }
        if !stripped_after {
            return None;
        }
        let (amount, unit) = rest.split_once(' ')?;
        let amount = match count(amount) {
            Some(n) => n,
            None if age.one.iter().any(|w| amount.eq_ignore_ascii_case(w)) => 1,
            None => return None,
        };
        let unit = unit.trim();
        let per = age
            .units
            .iter()
            .find(|(word, _)| unit.eq_ignore_ascii_case(word) || unit.to_lowercase() == *word)?
            .1;
        Some(amount.saturating_mul(per))
    })
}

/// "3d", "2w", "1mo", "1yr", "5h", "10m" (minutes), with an optional "ago".
fn short_age(text: &str) -> Option<u32> {
    let text = text.trim();
    let text = if ends_ci(text, " ago") {
        text[..text.len() - 4].trim_end()
    } else {
        text
    };
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    if split == 0 {
        return None;
    }
    let amount = count(&text[..split])?;
    let per = match text[split..].to_ascii_lowercase().as_str() {
        "m" | "h" => 0,
        "d" => 1,
        "w" => 7,
        "mo" => 30,
        "y" | "yr" => 365,
        _ => return None,
    };
    Some(amount.saturating_mul(per))
}

/// The kind a sentence such as "Ana invited you to join Rust Amsterdam" names.
pub fn kind_from_text(text: &str) -> Option<Kind> {
    let text = capped(text);
    LANGUAGES
        .iter()
        .flat_map(|l| l.kinds)
        .find(|(phrase, _)| find_ci(text, phrase).is_some())
        .map(|(_, kind)| *kind)
}

/// The target named after the kind phrase: "…invited you to join Rust Amsterdam" → "Rust
/// Amsterdam".
pub fn target_from_text(text: &str) -> Option<String> {
    let text = capped(text);
    LANGUAGES
        .iter()
        .flat_map(|l| l.kinds)
        .find_map(|(phrase, _)| {
            let at = find_ci(text, phrase)?;
            let rest = text[at + phrase.len()..].trim();
            let rest = ["to ", "a ", "an "]
                .iter()
                .find(|w| starts_ci(rest, w))
                .map_or(rest, |w| rest[w.len()..].trim_start());
            (!rest.is_empty()).then(|| rest.to_owned())
        })
}

/// The path of a LinkedIn link (relative, or absolute on linkedin.com), else `None`.
fn linkedin_path(href: &str) -> Option<&str> {
    let href = href.trim();
    if href.starts_with('/') && !href.starts_with("//") {
        return Some(href);
    }
    let rest = href
        .strip_prefix("https://")
        .or_else(|| href.strip_prefix("http://"))?;
    let slash = rest.find('/').unwrap_or(rest.len());
    let host = rest[..slash].to_ascii_lowercase();
    (host == "linkedin.com" || host.ends_with(".linkedin.com")).then(|| &rest[slash..])
}

/// The path's segments before any query or fragment.
fn segments(path: &str) -> impl Iterator<Item = &str> {
    let end = path.find(['?', '#']).unwrap_or(path.len());
    path[..end].split('/').filter(|s| !s.is_empty())
}

/// The profile slug of a `/in/<slug>/` link, if `href` is one.
pub fn slug(href: &str) -> Option<String> {
    let mut parts = segments(linkedin_path(href)?);
    if parts.next()? != "in" {
        return None;
    }
    let slug = parts.next()?;
    (parts.next().is_none() || slug.len() > 1).then(|| slug.to_owned())
}

/// The kind of invitation a link's target implies (`/in/` person, `/groups/` group, …).
pub fn kind_from_url(href: &str) -> Option<Kind> {
    let mut parts = segments(linkedin_path(href)?);
    let kind = match parts.next()? {
        "in" => Kind::Person,
        "groups" => Kind::Group,
        "events" => Kind::Event,
        "company" | "showcase" | "school" => Kind::Page,
        "newsletters" => Kind::Newsletter,
        _ => return None,
    };
    parts.next().map(|_| kind)
}

/// LinkedIn's invitation id in a URN (`urn:li:fsd_invitation:123`, percent-encoded or not).
pub fn invitation_urn(text: &str) -> Option<String> {
    let text = capped(text);
    for marker in [
        "urn:li:fsd_invitation:",
        "urn:li:invitation:",
        "urn%3Ali%3Afsd_invitation%3A",
        "urn%3Ali%3Ainvitation%3A",
    ] {
        if let Some(at) = find_ci(text, marker) {
            let id: String = text[at + marker.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .take(64)
                .collect();
            if !id.is_empty() {
                return Some(id);
            }
        }
    }
    None
}

/// Removes control, zero-width, bidi and other invisible characters (see [`is_invisible`])
/// and folds whitespace.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_TEXT));
    for word in capped(text)
        .split(|c: char| c.is_whitespace())
        .map(|w| w.chars().filter(|c| !is_invisible(*c)).collect::<String>())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// Whether `c` is a control or an invisible format character that page text can use to
/// disguise itself: zero-width characters, bidi embeddings, overrides, isolates and marks
/// (including the Arabic letter mark), the soft hyphen, the combining grapheme joiner, the
/// Mongolian vowel separator and the byte-order mark.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// The first name for messages: honorifics skipped, credentials after a comma dropped,
/// emoji-only words skipped. "Dr. Siobhán O'Brien, PhD" → "Siobhán".
pub fn first_name(name: &str) -> String {
    let name = clean(name);
    let name = name.split(',').next().unwrap_or("");
    let honorific = |w: &str| {
        LANGUAGES
            .iter()
            .flat_map(|l| l.honorifics)
            .any(|h| w.eq_ignore_ascii_case(h))
    };
    name.split(' ')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .find(|w| !honorific(w))
        .unwrap_or("")
        .to_owned()
}

/// Longest name, headline and note kept from a card; beyond this, page text is cut.
const MAX_NAME: usize = 200;
const MAX_HEADLINE: usize = 600;

fn cut(text: String, max: usize) -> String {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].trim_end().to_owned()
}

/// Turns a card's raw text into an [`Invitation`].
pub fn invitation(card: &Card) -> Invitation {
    let lines: Vec<String> = card
        .lines
        .iter()
        .map(|l| clean(l))
        .filter(|l| !l.is_empty())
        .collect();
    let kind = kind_from_url(&card.target_url)
        .filter(|k| *k != Kind::Person)
        .or_else(|| lines.iter().find_map(|l| kind_from_text(l)))
        .unwrap_or(Kind::Person);
    let mutual = lines.iter().find_map(|l| mutual(l)).unwrap_or_default();
    let days_waiting = lines.iter().find_map(|l| age_days(l));
    let target = (kind != Kind::Person).then(|| {
        let named = clean(&card.target_name);
        if named.is_empty() {
            lines
                .iter()
                .find_map(|l| target_from_text(l))
                .unwrap_or_default()
        } else {
            named
        }
    });
    let insights = lines.iter().filter(|l| !is_fact_line(l)).cloned().collect();
    let name = cut(clean(&card.name), MAX_NAME);
    let note = card
        .note
        .as_deref()
        .map(|n| cut(clean(n), MAX_TEXT))
        .filter(|n| !n.is_empty());
    Invitation {
        kind,
        key: key(card, kind, &name),
        first_name: first_name(&name),
        name,
        headline: cut(clean(&card.headline), MAX_HEADLINE),
        profile_url: card.profile_url.clone(),
        has_photo: card.has_photo,
        mutual_count: mutual.count,
        mutual_names: mutual.names,
        note,
        days_waiting,
        insights,
        target,
    }
}

/// Whether a line states something the parsers read: mutual connections, an age or a kind.
pub fn is_fact_line(line: &str) -> bool {
    mutual(line).is_some() || age_days(line).is_some() || kind_from_text(line).is_some()
}

/// A stable key: the profile slug for people, LinkedIn's id or the target's path otherwise.
fn key(card: &Card, kind: Kind, name: &str) -> String {
    let profile = slug(&card.profile_url);
    let target =
        linkedin_path(&card.target_url).map(|p| segments(p).take(2).collect::<Vec<_>>().join("/"));
    let id = (!card.invitation_id.is_empty()).then(|| format!("invitation-{}", card.invitation_id));
    let by_name =
        (!name.is_empty()).then(|| format!("name-{}", name.to_lowercase().replace(' ', "-")));
    match kind {
        Kind::Person => profile.or(id).or(by_name),
        _ => id
            .or(target
                .filter(|t| !t.is_empty())
                .map(|t| t.replace('/', "-")))
            .or(by_name),
    }
    .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Option<(u32, Vec<&str>)> {
        let owned = mutual(text)?;
        let names: Vec<&str> = owned
            .names
            .iter()
            .map(|n| {
                text.find(n.as_str())
                    .map(|i| &text[i..i + n.len()])
                    .unwrap()
            })
            .collect();
        Some((owned.count, names))
    }

    #[test]
    fn mutual_connections_in_every_phrasing() {
        assert_eq!(
            m("Ana Ruiz is a mutual connection"),
            Some((1, vec!["Ana Ruiz"]))
        );
        assert_eq!(
            m("Ana Ruiz and 12 other mutual connections"),
            Some((13, vec!["Ana Ruiz"]))
        );
        assert_eq!(
            m("Ana Ruiz and 1 other mutual connection"),
            Some((2, vec!["Ana Ruiz"]))
        );
        assert_eq!(m("Ana, Ben and 3 others"), Some((5, vec!["Ana", "Ben"])));
        assert_eq!(
            m("Ana, Ben & 8 other mutual connections"),
            Some((10, vec!["Ana", "Ben"]))
        );
        assert_eq!(m("12 mutual connections"), Some((12, vec![])));
        assert_eq!(m("1 mutual connection"), Some((1, vec![])));
        assert_eq!(m("1,100 mutual connections"), Some((1100, vec![])));
        assert_eq!(
            m("Ana Ruiz and Bo Li are mutual connections"),
            Some((2, vec!["Ana Ruiz", "Bo Li"]))
        );
        assert_eq!(
            m("José Ñúñez y 4 contactos en común más"),
            Some((5, vec!["José Ñúñez"]))
        );
        assert_eq!(m("Rust engineer at Ferrous"), None);
        assert_eq!(m("Helping others"), None);
        assert_eq!(m("Building mutual connections at scale"), None);
    }

    #[test]
    fn ages_long_short_and_spanish() {
        let cases = [
            ("Today", 0),
            ("Yesterday", 1),
            ("5 minutes ago", 0),
            ("an hour ago", 0),
            ("3 days ago", 3),
            ("a week ago", 7),
            ("2 weeks ago", 14),
            ("3 months ago", 90),
            ("1 year ago", 365),
            ("Sent 3 weeks ago", 21),
            ("Sent today", 0),
            ("3d", 3),
            ("2w", 14),
            ("1mo", 30),
            ("1yr", 365),
            ("5h", 0),
            ("hace 3 semanas", 21),
            ("Ayer", 1),
        ];
        for (text, days) in cases {
            assert_eq!(age_days(text), Some(days), "{text}");
        }
        for text in [
            "10 years of experience",
            "3 weeks",
            "Rust",
            "d",
            "99999999999999999999d",
        ] {
            assert_ne!(age_days(text), Some(0), "{text}");
        }
        assert_eq!(age_days("10 years of experience"), None);
    }

    #[test]
    fn first_names_skip_titles_and_credentials() {
        assert_eq!(first_name("Dr. Siobhán O'Brien, PhD"), "Siobhán");
        assert_eq!(first_name("🚀 Mia Chen"), "Mia");
        assert_eq!(first_name("ليلى حداد"), "ليلى");
        assert_eq!(first_name("D'Angelo Russo"), "D'Angelo");
        assert_eq!(first_name("\u{202E}Ana\u{200B} Ruiz"), "Ana");
        assert_eq!(first_name(""), "");
    }

    #[test]
    fn kinds_from_text_and_links() {
        assert_eq!(
            kind_from_text("Ana invited you to join Rust Amsterdam"),
            Some(Kind::Group)
        );
        assert_eq!(
            kind_from_text("Ana invited you to attend RustConf"),
            Some(Kind::Event)
        );
        assert_eq!(
            kind_from_text("Ana invited you to follow Acme"),
            Some(Kind::Page)
        );
        assert_eq!(
            kind_from_text("Ana invited you to subscribe to Wasm Weekly"),
            Some(Kind::Newsletter)
        );
        assert_eq!(
            kind_from_text("Ana te ha invitado a unirte a Rust Madrid"),
            Some(Kind::Group)
        );
        assert_eq!(kind_from_text("Rust engineer"), None);
        assert_eq!(
            target_from_text("Ana invited you to subscribe to Wasm Weekly").as_deref(),
            Some("Wasm Weekly")
        );
        assert_eq!(kind_from_url("/groups/123/"), Some(Kind::Group));
        assert_eq!(
            kind_from_url("https://www.linkedin.com/company/acme/"),
            Some(Kind::Page)
        );
        assert_eq!(kind_from_url("/showcase/acme-labs"), Some(Kind::Page));
        assert_eq!(kind_from_url("/newsletters/789/"), Some(Kind::Newsletter));
        assert_eq!(kind_from_url("https://evil.example/groups/1/"), None);
        assert_eq!(kind_from_url("/groups/"), None);
    }

    #[test]
    fn slugs_and_ids() {
        assert_eq!(slug("/in/ana-ruiz/").as_deref(), Some("ana-ruiz"));
        assert_eq!(
            slug("https://www.linkedin.com/in/ana-ruiz?miniProfile=1").as_deref(),
            Some("ana-ruiz")
        );
        assert_eq!(slug("/in/"), None);
        assert_eq!(slug("//evil.example/in/x/"), None);
        assert_eq!(slug("/company/acme/"), None);
        assert_eq!(
            invitation_urn("/messaging/compose/?invitation=urn:li:fsd_invitation:7123").as_deref(),
            Some("7123")
        );
        assert_eq!(
            invitation_urn("urn%3Ali%3Afsd_invitation%3A99").as_deref(),
            Some("99")
        );
        assert_eq!(invitation_urn("urn:li:member:5"), None);
    }

    #[test]
    fn a_card_becomes_an_invitation() {
        let card = Card {
            profile_url: "/in/ana-ruiz/".into(),
            name: "Dr. Ana Ruiz".into(),
            headline: "Rust engineer".into(),
            has_photo: true,
            note: Some("We met at RustConf".into()),
            lines: vec![
                "Bo Li and 3 other mutual connections".into(),
                "2 weeks ago".into(),
                "Works at Ferrous Labs".into(),
            ],
            ..Card::default()
        };
        let inv = invitation(&card);
        assert_eq!(inv.kind, Kind::Person);
        assert_eq!(inv.key, "ana-ruiz");
        assert_eq!(inv.first_name, "Ana");
        assert_eq!(inv.mutual_count, 4);
        assert_eq!(inv.mutual_names, ["Bo Li"]);
        assert_eq!(inv.days_waiting, Some(14));
        assert_eq!(inv.insights, ["Works at Ferrous Labs"]);

        let group = Card {
            target_url: "/groups/123/".into(),
            name: "Ana Ruiz".into(),
            lines: vec!["Ana Ruiz invited you to join Rust Amsterdam".into()],
            ..Card::default()
        };
        let inv = invitation(&group);
        assert_eq!(inv.kind, Kind::Group);
        assert_eq!(inv.key, "groups-123");
        assert_eq!(inv.target.as_deref(), Some("Rust Amsterdam"));
    }
}
