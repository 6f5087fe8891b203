//! Page text → facts: mutual connections, age, kinds, names, slugs and ids.
//!
//! Every function takes arbitrary text and gives a best-effort answer; none panics, and each
//! is linear in its input (inputs are capped at [`MAX_TEXT`] characters first).

use crate::core::invitation::{Card, Invitation, Kind};
use crate::core::lang::{
    ends_ci, ends_words, eq_ci, find_ci, find_kind, starts_ci, starts_words, Language, PhraseAt,
    LANGUAGES,
};

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

/// Characters that group the digits of a count: "1,234", "1.234", "1 234" (a space, a no-break
/// space U+00A0, a narrow no-break space U+202F or a thin space U+2009) and the Swiss "1’234".
fn is_group_separator(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '’'
    )
}

/// Which separators count as the same one: every kind of space is one kind.
fn separator_kind(c: char) -> char {
    if c.is_whitespace() {
        ' '
    } else {
        c
    }
}

/// The value of a run of ASCII digits; digits too many for a `u32` read as `u32::MAX`
/// (callers cap it).
fn digits_value(digits: impl Iterator<Item = u8>) -> u32 {
    digits.fold(0u32, |n, d| {
        n.saturating_mul(10).saturating_add(u32::from(d - b'0'))
    })
}

/// The count at the end of `text` ("Ana and 12", "Léa et 1 234", "3"), and the text before it.
/// Digit groups join when each group after a separator has exactly three digits and the
/// separators agree ("1.234.567"; "2 3" is 3, not 23). The count must stand alone as a word:
/// "x12" and "-5" are not counts. Linear in the count's length.
fn trailing_count(text: &str) -> Option<(&str, u32)> {
    let text = text.trim_end();
    let bytes = text.as_bytes();
    let run_start = |end: usize| {
        let mut i = end;
        while i > 0 && bytes[i - 1].is_ascii_digit() {
            i -= 1;
        }
        i
    };
    let end = text.len();
    let mut start = run_start(end);
    if start == end {
        return None;
    }
    let mut group = end - start;
    let mut sep: Option<char> = None;
    while group == 3 {
        let Some(c) = text[..start].chars().next_back() else {
            break;
        };
        if !is_group_separator(c) || sep.is_some_and(|s| s != separator_kind(c)) {
            break;
        }
        let before = start - c.len_utf8();
        let next = run_start(before);
        if next == before || before - next > 3 {
            break;
        }
        sep = Some(separator_kind(c));
        group = before - next;
        start = next;
    }
    if text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace())
    {
        return None;
    }
    let n = digits_value(text[start..].bytes().filter(u8::is_ascii_digit));
    Some((text[..start].trim_end(), n))
}

/// The count at the start of `text` ("3 jours", "1 234 jours"), and the text after it, grouped
/// as [`trailing_count`] reads it. The count must end a word.
fn leading_count(text: &str) -> Option<(u32, &str)> {
    let text = text.trim_start();
    let bytes = text.as_bytes();
    let run_end = |from: usize| {
        let mut i = from;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut end = run_end(0);
    if end == 0 {
        return None;
    }
    let mut sep: Option<char> = None;
    if end <= 3 {
        while let Some(c) = text[end..].chars().next() {
            if !is_group_separator(c) || sep.is_some_and(|s| s != separator_kind(c)) {
                break;
            }
            let from = end + c.len_utf8();
            let next = run_end(from);
            let closes = text[next..]
                .chars()
                .next()
                .is_none_or(|n| !n.is_alphanumeric());
            if next - from != 3 || !closes {
                break;
            }
            sep = Some(separator_kind(c));
            end = next;
        }
    }
    if text[end..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric())
    {
        return None;
    }
    let n = digits_value(text[..end].bytes().filter(u8::is_ascii_digit));
    Some((n, &text[end..]))
}

/// Reads a mutual-connections line in any phrasing: "Ana is a mutual connection",
/// "Ana and 12 other mutual connections", "Ana, Ben and 3 others", "12 mutual connections",
/// "Léa et 1 234 autres relations en commun", "Marco e altri 12 collegamenti in comune".
/// The count saturates at [`MAX_MUTUAL`].
pub fn mutual(text: &str) -> Option<Mutual> {
    let text = capped(text);
    if text.contains(['<', '>']) {
        return None; // markup in a line is text someone typed, never a fact
    }
    let text = text.trim_end_matches(['.', '!', ' ']);
    LANGUAGES.iter().find_map(|lang| {
        let words = &lang.mutual;
        let marker = words.markers.iter().find(|m| ends_words(text, m));
        let head = match marker {
            Some(m) => &text[..text.len() - m.len()],
            // Without the marker only the "…and 3 others" shape counts.
            None if words.others.iter().any(|o| ends_words(text, o)) => text,
            None => return None,
        };
        let mut head = head.trim();
        for copula in words.copulas {
            if ends_words(head, copula) {
                head = head[..head.len() - copula.len()].trim_end();
            }
        }
        mutual_head(head, words)
            .filter(|found| marker.is_some() || found.count > found.names.len() as u32)
    })
}

/// Strips the first of `words` that `text` ends with (as a whole word).
fn strip_last_word<'a>(text: &'a str, words: &[&str]) -> &'a str {
    words
        .iter()
        .find(|w| ends_words(text, w))
        .map_or(text, |w| text[..text.len() - w.len()].trim_end())
}

/// Splits "Ana, Ben and 3 other" (or "Marco e altri 3") into names and a count of others.
fn mutual_head(head: &str, words: &crate::core::lang::MutualWords) -> Option<Mutual> {
    let head = strip_last_word(head.trim(), words.others);
    let (rest, others) = match trailing_count(head) {
        Some((rest, n)) => (strip_last_word(rest, words.others), n),
        None => (head, 0),
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
/// "Sent 2 months ago", "hace 3 días", "il y a 3 jours", "Vor 2 Tagen", "há 1 semana",
/// "3 giorni fa", "2 weken geleden", and short forms "3d", "2w", "1mo", "1yr", "5h".
/// The result saturates at [`MAX_AGE_DAYS`].
pub fn age_days(text: &str) -> Option<u32> {
    let text = capped(text);
    short_age(text)
        .or_else(|| long_age(text))
        .map(|days| days.min(MAX_AGE_DAYS))
}

/// "3 weeks ago", "Yesterday", "hace 3 días", "Vor 3 Wochen gesendet" in any language.
fn long_age(text: &str) -> Option<u32> {
    let text = text.trim_end_matches(['.', ' ']);
    LANGUAGES.iter().find_map(|lang| {
        let age = &lang.age;
        let mut rest = text;
        for prefix in age.prefixes {
            if starts_words(rest, prefix) {
                rest = rest[prefix.len()..].trim_start();
            }
        }
        for suffix in age.suffixes {
            if ends_words(rest, suffix) {
                rest = rest[..rest.len() - suffix.len()].trim_end();
            }
        }
        if age.today.iter().any(|w| eq_ci(rest, w)) {
            return Some(0);
        }
        if age.yesterday.iter().any(|w| eq_ci(rest, w)) {
            return Some(1);
        }
        let mut framed = false;
        for before in age.before {
            if starts_words(rest, before) {
                rest = rest[before.len()..].trim_start();
                framed = true;
            }
        }
        for after in age.after {
            if ends_words(rest, after) {
                rest = rest[..rest.len() - after.len()].trim_end();
                framed = true;
            }
        }
        if !framed {
            return None;
        }
        let (amount, unit) = match leading_count(rest) {
            Some((n, unit)) => (n, unit),
            None => {
                let (word, unit) = rest.split_once(' ')?;
                age.one
                    .iter()
                    .any(|w| eq_ci(word, w))
                    .then_some((1, unit))?
            }
        };
        let unit = unit.trim();
        let per = age.units.iter().find(|(word, _)| eq_ci(unit, word))?.1;
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
    let amount = digits_value(text[..split].bytes());
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

fn kind_phrase(text: &str) -> Option<(&'static Language, Kind, PhraseAt)> {
    find_kind(text)
}

/// The kind a sentence such as "Ana invited you to join Rust Amsterdam" names.
pub fn kind_from_text(text: &str) -> Option<Kind> {
    kind_phrase(capped(text)).map(|(_, kind, _)| kind)
}

/// The target named by the kind phrase: "…invited you to join Rust Amsterdam" → "Rust
/// Amsterdam", "hat Sie eingeladen, der Gruppe Rust Berlin beizutreten" → "Rust Berlin".
pub fn target_from_text(text: &str) -> Option<String> {
    let text = capped(text);
    let (lang, _, at) = kind_phrase(text)?;
    let rest = match at.gap {
        Some((open, close)) => &text[open..close],
        None => &text[at.end..],
    };
    let rest = rest.trim().trim_end_matches(['.', '!']).trim_end();
    let rest = lang
        .target_leads
        .iter()
        .find(|w| starts_ci(rest, w))
        .map_or(rest, |w| rest[w.len()..].trim_start());
    (!rest.is_empty()).then(|| rest.to_owned())
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
            .any(|h| eq_ci(w, h))
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
    fn mutual_connections_in_every_language() {
        let cases: &[(&str, u32, &[&str])] = &[
            (
                "Ana Ruiz et 12 autres relations en commun",
                13,
                &["Ana Ruiz"],
            ),
            ("David Morisi et 1 relation en commun", 2, &["David Morisi"]),
            (
                "David Morisi et 1 autre relation en commun",
                2,
                &["David Morisi"],
            ),
            ("3 relations en commun", 3, &[]),
            ("1 relation en commun", 1, &[]),
            (
                "Kamel, Samir et 35 autres relations en commun",
                37,
                &["Kamel", "Samir"],
            ),
            (
                "Élodie Durand est une relation en commun",
                1,
                &["Élodie Durand"],
            ),
            (
                "Léa Martin est une relation que vous avez en commun",
                1,
                &["Léa Martin"],
            ),
            (
                "Léa et Hugo sont des relations que vous avez en commun",
                2,
                &["Léa", "Hugo"],
            ),
            (
                "Léa Martin et 1 234 autres relations en commun",
                1235,
                &["Léa Martin"],
            ),
            (
                "Léa Martin et 1\u{202f}234 autres relations en commun",
                1235,
                &["Léa Martin"],
            ),
            (
                "Léa Martin et 1\u{a0}234 autres relations en commun",
                1235,
                &["Léa Martin"],
            ),
            (
                "Max Muster und 71 weitere gemeinsame Kontakte",
                72,
                &["Max Muster"],
            ),
            ("A, B und 19 weitere gemeinsame Kontakte", 21, &["A", "B"]),
            ("2 gemeinsame Kontakte", 2, &[]),
            ("1 gemeinsamer Kontakt", 1, &[]),
            (
                "Jürgen Weiß ist ein gemeinsamer Kontakt",
                1,
                &["Jürgen Weiß"],
            ),
            (
                "Jürgen Weiß und 1 weiterer gemeinsamer Kontakt",
                2,
                &["Jürgen Weiß"],
            ),
            (
                "Jürgen Weiß und 1.234 weitere gemeinsame Kontakte",
                1235,
                &["Jürgen Weiß"],
            ),
            (
                "Ana Souza e 12 outras conexões em comum",
                13,
                &["Ana Souza"],
            ),
            ("2 outras conexões em comum", 2, &[]),
            ("12 conexões em comum", 12, &[]),
            ("1 conexão em comum", 1, &[]),
            ("João Silva é uma conexão em comum", 1, &["João Silva"]),
            (
                "João Silva e 1.234 outras conexões em comum",
                1235,
                &["João Silva"],
            ),
            (
                "Marco Rossi e altri 12 collegamenti in comune",
                13,
                &["Marco Rossi"],
            ),
            (
                "Marco, Sara e altri 2 collegamenti in comune",
                4,
                &["Marco", "Sara"],
            ),
            ("3 collegamenti in comune", 3, &[]),
            (
                "Giulia Bianchi è un collegamento in comune",
                1,
                &["Giulia Bianchi"],
            ),
            (
                "Jan de Vries en 12 andere gemeenschappelijke connecties",
                13,
                &["Jan de Vries"],
            ),
            ("12 gemeenschappelijke connecties", 12, &[]),
            ("Sanne is een gemeenschappelijke connectie", 1, &["Sanne"]),
            ("1,234 mutual connections", 1234, &[]),
            ("ANA ET 3 AUTRES RELATIONS EN COMMUN", 4, &["ANA"]),
        ];
        for (line, count, names) in cases {
            let found = mutual(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(found.count, *count, "{line}");
            assert_eq!(found.names, *names, "{line}");
        }
        for line in [
            "Relations publiques chez Acme",
            "Gemeinsame Kontakte pflegen ist wichtig",
            "Ingénieure Rust et WebAssembly",
            "Rust e altro",
        ] {
            assert_eq!(mutual(line), None, "{line}");
        }
    }

    #[test]
    fn grouped_counts_stay_one_number() {
        assert_eq!(trailing_count("Ana et 1 234"), Some(("Ana et", 1234)));
        assert_eq!(trailing_count("1.234.567"), Some(("", 1_234_567)));
        assert_eq!(trailing_count("1’234"), Some(("", 1234)));
        assert_eq!(trailing_count("Bo 2 3"), Some(("Bo 2", 3)));
        assert_eq!(trailing_count("12 34"), Some(("12", 34)));
        assert_eq!(trailing_count("1.234,567"), None, "separators must agree");
        assert_eq!(trailing_count("x12"), None);
        assert_eq!(trailing_count("-5"), None);
        assert_eq!(trailing_count("Ana"), None);
        assert_eq!(trailing_count("99999999999999"), Some(("", u32::MAX)));
        assert_eq!(leading_count("1 234 jours"), Some((1234, " jours")));
        assert_eq!(leading_count("3 jours"), Some((3, " jours")));
        assert_eq!(leading_count("1 2345 jours"), Some((1, " 2345 jours")));
        assert_eq!(leading_count("3jours"), None);
        assert_eq!(leading_count("jours"), None);
    }

    #[test]
    fn ages_in_every_language() {
        let cases = [
            ("il y a 3 jours", 3),
            ("Il y a 1 semaine", 7),
            ("il y a 2 mois", 60),
            ("il y a 1 an", 365),
            ("il y a un an", 365),
            ("il y a 5 heures", 0),
            ("Envoyée il y a 3 semaines", 21),
            ("Aujourd’hui", 0),
            ("À l’instant", 0),
            ("Hier", 1),
            ("vor 2 Wochen", 14),
            ("Vor 2 Tagen", 2),
            ("Vor 53 Minuten gesendet", 0),
            ("Vor 3 Wochen gesendet", 21),
            ("vor einem Monat", 30),
            ("vor einer Woche", 7),
            ("vor 2 Jahren", 730),
            ("Heute", 0),
            ("Gestern", 1),
            ("há 1 semana", 7),
            ("Há 3 dias", 3),
            ("HÁ 2 MESES", 60),
            ("há um ano", 365),
            ("3 dias atrás", 3),
            ("Enviado há 2 semanas", 14),
            ("Hoje", 0),
            ("Ontem", 1),
            ("3 giorni fa", 3),
            ("1 settimana fa", 7),
            ("un mese fa", 30),
            ("2 anni fa", 730),
            ("5 ore fa", 0),
            ("un’ora fa", 0),
            ("Oggi", 0),
            ("Ieri", 1),
            ("2 weken geleden", 14),
            ("1 week geleden", 7),
            ("3 dagen geleden", 3),
            ("1 maand geleden", 30),
            ("5 uur geleden", 0),
            ("Vandaag", 0),
            ("Gisteren", 1),
            ("il y a 1 234 jours", 1234),
        ];
        for (text, days) in cases {
            assert_eq!(age_days(text), Some(days), "{text}");
        }
        for text in [
            "3 jours",
            "3 días",
            "vor Ort in Berlin",
            "10 Jahre Erfahrung",
            "Il y a du travail",
            "2 weken",
        ] {
            assert_eq!(age_days(text), None, "{text}");
        }
    }

    #[test]
    fn kinds_and_targets_in_every_language() {
        let cases = [
            ("Léa vous a invité(e) à suivre Acme", Kind::Page, "Acme"),
            (
                "Léa Martin vous a invité(e) à rejoindre Rust Paris",
                Kind::Group,
                "Rust Paris",
            ),
            (
                "Léa vous a invité à participer à RustConf",
                Kind::Event,
                "RustConf",
            ),
            (
                "Léa vous a invitée à vous abonner à Wasm Hebdo",
                Kind::Newsletter,
                "Wasm Hebdo",
            ),
            (
                "hat Sie eingeladen, Lebensraum Schweiz AG zu folgen",
                Kind::Page,
                "Lebensraum Schweiz AG",
            ),
            (
                "Jürgen hat Sie eingeladen, der Gruppe Rust Berlin beizutreten.",
                Kind::Group,
                "Rust Berlin",
            ),
            (
                "Jürgen hat Sie eingeladen, an RustFest teilzunehmen",
                Kind::Event,
                "RustFest",
            ),
            (
                "Jürgen hat Sie eingeladen, den Newsletter Wasm Woche zu abonnieren",
                Kind::Newsletter,
                "Wasm Woche",
            ),
            ("João convidou você para seguir Acme", Kind::Page, "Acme"),
            (
                "João convidou você para participar do grupo Rust SP",
                Kind::Group,
                "Rust SP",
            ),
            (
                "João convidou você para participar de RustConf Brasil",
                Kind::Event,
                "RustConf Brasil",
            ),
            (
                "João convidou você para assinar Wasm Semanal",
                Kind::Newsletter,
                "Wasm Semanal",
            ),
            ("Giulia ti ha invitato a seguire Acme", Kind::Page, "Acme"),
            (
                "Giulia ti ha invitato a unirti a Rust Milano",
                Kind::Group,
                "Rust Milano",
            ),
            (
                "Giulia ti ha invitato a partecipare a RustLab",
                Kind::Event,
                "RustLab",
            ),
            (
                "Giulia ti ha invitato a iscriverti a Wasm Settimanale",
                Kind::Newsletter,
                "Wasm Settimanale",
            ),
            (
                "Sanne heeft je uitgenodigd om Acme te volgen",
                Kind::Page,
                "Acme",
            ),
            (
                "Sanne heeft je uitgenodigd om lid te worden van Rust NL",
                Kind::Group,
                "Rust NL",
            ),
            (
                "Sanne heeft je uitgenodigd om deel te nemen aan RustDay",
                Kind::Event,
                "RustDay",
            ),
            (
                "Sanne heeft je uitgenodigd om je te abonneren op Wasm Weekblad",
                Kind::Newsletter,
                "Wasm Weekblad",
            ),
            ("LÉA VOUS A INVITÉ(E) À SUIVRE ACME", Kind::Page, "ACME"),
        ];
        for (text, kind, target) in cases {
            assert_eq!(kind_from_text(text), Some(kind), "{text}");
            assert_eq!(target_from_text(text).as_deref(), Some(target), "{text}");
        }
        // A connection invitation is no group invitation, whatever its words.
        for text in [
            "Léa Martin vous a invité(e) à rejoindre son réseau",
            "Léa Martin vous suit et vous invite à rejoindre son réseau",
            "Dana möchte Kontakt mit Ihnen aufnehmen",
            "Rust engineer, invited speaker",
        ] {
            assert_eq!(kind_from_text(text), None, "{text}");
        }
        // The infinitive must follow the invitation: "zu folgen" alone is no page.
        assert_eq!(kind_from_text("Projekten zu folgen macht Spaß"), None);
    }

    #[test]
    fn first_names_skip_titles_and_credentials() {
        assert_eq!(first_name("Dr. Siobhán O'Brien, PhD"), "Siobhán");
        assert_eq!(first_name("🚀 Mia Chen"), "Mia");
        assert_eq!(first_name("ليلى حداد"), "ليلى");
        assert_eq!(first_name("D'Angelo Russo"), "D'Angelo");
        assert_eq!(first_name("\u{202E}Ana\u{200B} Ruiz"), "Ana");
        assert_eq!(first_name(""), "");
        assert_eq!(first_name("Mme Léa Martin"), "Léa");
        assert_eq!(first_name("Herr Dr. Jürgen Weiß"), "Jürgen");
        assert_eq!(first_name("Dott.ssa Giulia Bianchi"), "Giulia");
        assert_eq!(first_name("Dhr. Jan de Vries"), "Jan");
        assert_eq!(first_name("Sra. Ana Souza"), "Ana");
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
