//! The words LinkedIn's pages use, per interface language, as data.
//!
//! Adding a language means adding one [`Language`] table to [`LANGUAGES`]: the parsers in
//! `parse` and the helpers below read every table, so no code changes. English and Spanish ship
//! today. All matching is ASCII-case-insensitive on whole phrases.

/// The phrasings of one interface language.
#[derive(Debug)]
pub struct Language {
    /// BCP 47 code, for documentation and tests.
    pub code: &'static str,
    /// Labels of LinkedIn's Accept control start with one of these ("Accept", "Accept Ana’s…").
    pub accept: &'static [&'static str],
    /// Labels of LinkedIn's Ignore control start with one of these.
    pub ignore: &'static [&'static str],
    /// Labels of a reply or message control start with one of these.
    pub reply: &'static [&'static str],
    /// Bulk controls that must never be taken for one card's Accept ("Accept all").
    pub bulk: &'static [&'static str],
    /// Texts of a note's "see more" expander.
    pub see_more: &'static [&'static str],
    /// Control labels that carry the inviter's name after a prefix, longest first.
    pub name_label_prefixes: &'static [&'static str],
    /// Control labels that carry the name before a suffix ("Accept Ana’s invitation").
    pub name_label_wraps: &'static [(&'static str, &'static str)],
    /// Image alt texts that wrap a name: (prefix, suffix).
    pub alt_wraps: &'static [(&'static str, &'static str)],
    /// How mutual connections are phrased.
    pub mutual: MutualWords,
    /// How the time since an invitation was sent is phrased.
    pub age: AgeWords,
    /// Sentences that name what a non-person invitation asks: (phrase, kind).
    pub kinds: &'static [(&'static str, crate::core::invitation::Kind)],
    /// Lines that are part of the card's furniture, not facts about the inviter.
    pub chrome: &'static [&'static str],
    /// Titles skipped when taking a first name.
    pub honorifics: &'static [&'static str],
}

/// Words of the mutual-connections line.
#[derive(Debug)]
pub struct MutualWords {
    /// The marker that makes a line a mutual-connections line (singular and plural).
    pub markers: &'static [&'static str],
    /// Words for "other(s)" after a count ("Ana and 12 others").
    pub others: &'static [&'static str],
    /// Conjunctions between names.
    pub and: &'static [&'static str],
    /// Verbs between names and the marker ("Ana is a mutual connection").
    pub copulas: &'static [&'static str],
}

/// Words of the age line.
#[derive(Debug)]
pub struct AgeWords {
    /// Optional leading words ("Sent").
    pub prefixes: &'static [&'static str],
    /// Words meaning zero days.
    pub today: &'static [&'static str],
    /// Words meaning one day.
    pub yesterday: &'static [&'static str],
    /// Words before the amount ("hace 3 días").
    pub before: &'static [&'static str],
    /// Words after the unit ("3 days ago").
    pub after: &'static [&'static str],
    /// Words for the amount one ("a week ago").
    pub one: &'static [&'static str],
    /// Unit words and their length in days (minutes and hours count as zero).
    pub units: &'static [(&'static str, u32)],
}

use crate::core::invitation::Kind;

const EN: Language = Language {
    code: "en",
    accept: &["accept"],
    ignore: &["ignore", "decline"],
    reply: &["reply", "message"],
    bulk: &["accept all", "ignore all", "select all"],
    see_more: &[
        "see more",
        "…see more",
        "...see more",
        "… more",
        "…more",
        "more",
    ],
    name_label_prefixes: &[
        "accept an invitation to connect from ",
        "ignore an invitation to connect from ",
        "accept invitation from ",
        "ignore invitation from ",
        "accept an invitation from ",
        "ignore an invitation from ",
        "reply to ",
    ],
    name_label_wraps: &[("accept ", "’s invitation"), ("accept ", "'s invitation")],
    alt_wraps: &[
        ("", "’s profile picture"),
        ("", "'s profile picture"),
        ("", "’s photo"),
        ("", "'s photo"),
        ("photo of ", ""),
        ("profile picture of ", ""),
    ],
    mutual: MutualWords {
        markers: &["mutual connections", "mutual connection"],
        others: &["others", "other"],
        and: &[" and ", " & "],
        copulas: &[" is a", " are"],
    },
    age: AgeWords {
        prefixes: &["sent", "received"],
        today: &["today", "just now", "now"],
        yesterday: &["yesterday"],
        before: &[],
        after: &["ago"],
        one: &["a", "an", "one"],
        units: &[
            ("minutes", 0),
            ("minute", 0),
            ("mins", 0),
            ("min", 0),
            ("hours", 0),
            ("hour", 0),
            ("hrs", 0),
            ("hr", 0),
            ("days", 1),
            ("day", 1),
            ("weeks", 7),
            ("week", 7),
            ("months", 30),
            ("month", 30),
            ("years", 365),
            ("year", 365),
        ],
    },
    kinds: &[
        ("invited you to join", Kind::Group),
        ("invited you to attend", Kind::Event),
        ("invited you to an event", Kind::Event),
        ("invited you to their event", Kind::Event),
        ("invited you to follow", Kind::Page),
        ("invited you to subscribe", Kind::Newsletter),
    ],
    chrome: &[
        "follows you and is inviting you to connect",
        "is inviting you to connect",
        "see more",
        "see less",
        "show less",
        "message",
        "reply",
        "accept",
        "ignore",
        "invitation",
        "invitations",
        "report",
        "newsletter",
        "·",
        "•",
    ],
    honorifics: &[
        "dr",
        "dr.",
        "prof",
        "prof.",
        "professor",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "mx",
        "mx.",
        "sir",
        "dame",
        "eng.",
        "ing.",
        "rev.",
        "capt.",
    ],
};

const ES: Language = Language {
    code: "es",
    accept: &["aceptar"],
    ignore: &["ignorar", "rechazar"],
    reply: &["responder", "mensaje"],
    bulk: &["aceptar todo", "ignorar todo", "seleccionar todo"],
    see_more: &["ver más", "…ver más", "...ver más"],
    name_label_prefixes: &[
        "aceptar la invitación para conectar de ",
        "ignorar la invitación para conectar de ",
        "aceptar la invitación de ",
        "ignorar la invitación de ",
        "responder a ",
    ],
    name_label_wraps: &[],
    alt_wraps: &[("foto de perfil de ", ""), ("foto de ", "")],
    mutual: MutualWords {
        markers: &[
            "contactos en común más",
            "contactos en común",
            "contacto en común más",
            "contacto en común",
        ],
        others: &["más"],
        and: &[" y ", " & "],
        copulas: &[" es un", " son"],
    },
    age: AgeWords {
        prefixes: &["enviada", "enviado"],
        today: &["hoy", "ahora"],
        yesterday: &["ayer"],
        before: &["hace"],
        after: &[],
        one: &["un", "una"],
        units: &[
            ("minutos", 0),
            ("minuto", 0),
            ("horas", 0),
            ("hora", 0),
            ("días", 1),
            ("día", 1),
            ("semanas", 7),
            ("semana", 7),
            ("meses", 30),
            ("mes", 30),
            ("años", 365),
            ("año", 365),
        ],
    },
    kinds: &[
        ("te ha invitado a unirte", Kind::Group),
        ("te ha invitado a asistir", Kind::Event),
        ("te ha invitado a un evento", Kind::Event),
        ("te ha invitado a seguir", Kind::Page),
        ("te ha invitado a suscribirte", Kind::Newsletter),
    ],
    chrome: &[
        "te sigue y te invita a conectar",
        "ver más",
        "ver menos",
        "mensaje",
        "responder",
        "aceptar",
        "ignorar",
    ],
    honorifics: &[
        "dr.", "dra.", "sr.", "sra.", "srta.", "d.", "dña.", "lic.", "ing.",
    ],
};

/// Every language the parsers understand.
pub static LANGUAGES: &[Language] = &[EN, ES];

/// Byte offset of `needle` in `haystack`, ignoring ASCII case.
pub fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let first = n[0].to_ascii_lowercase();
    (0..=h.len() - n.len())
        .filter(|&i| h[i].to_ascii_lowercase() == first) // cheap: most positions stop here
        .filter(|&i| haystack.is_char_boundary(i))
        .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Whether `text` starts with `prefix`, ignoring ASCII case.
pub fn starts_ci(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Whether `text` ends with `suffix`, ignoring ASCII case.
pub fn ends_ci(text: &str, suffix: &str) -> bool {
    let Some(start) = text.len().checked_sub(suffix.len()) else {
        return false;
    };
    text.is_char_boundary(start) && text[start..].eq_ignore_ascii_case(suffix)
}

/// Whether `label` is `word` alone or `word` followed by a space.
fn is_word_label(label: &str, word: &str) -> bool {
    let label = label.trim();
    starts_ci(label, word)
        && label[word.len()..]
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace())
}

/// Whether `label` is one of the words `pick` takes from any language's table, alone or
/// followed by a space ("Accept", "Accept Ana’s invitation").
fn labelled(label: &str, pick: fn(&Language) -> &'static [&'static str]) -> bool {
    LANGUAGES
        .iter()
        .flat_map(pick)
        .any(|w| is_word_label(label, w))
}

/// Whether a control acts on the whole list ("Accept all").
fn is_bulk(label: &str) -> bool {
    LANGUAGES
        .iter()
        .flat_map(|l| l.bulk)
        .any(|b| starts_ci(label.trim(), b))
}

/// Whether a control's label is LinkedIn's Accept for one invitation (not "Accept all").
pub fn is_accept_label(label: &str) -> bool {
    !is_bulk(label) && labelled(label, |l| l.accept)
}

/// Whether a control's label is LinkedIn's Ignore for one invitation.
pub fn is_ignore_label(label: &str) -> bool {
    !is_bulk(label) && labelled(label, |l| l.ignore)
}

/// Whether a control's label is a reply or message control.
pub fn is_reply_label(label: &str) -> bool {
    labelled(label, |l| l.reply)
}

/// Whether a control's text is a note's "see more" expander.
pub fn is_see_more(label: &str) -> bool {
    let label = label.trim();
    LANGUAGES
        .iter()
        .flat_map(|l| l.see_more)
        .any(|w| label.eq_ignore_ascii_case(w))
}

/// Whether a line is card furniture ("Message", "follows you and is inviting you to connect").
pub fn is_card_chrome(text: &str) -> bool {
    let text = text.trim();
    LANGUAGES
        .iter()
        .flat_map(|l| l.chrome)
        .any(|c| text.eq_ignore_ascii_case(c) || (c.contains(' ') && find_ci(text, c).is_some()))
}

/// The name in a picture's alt text ("Ana Ruiz’s profile picture"), if it has that shape.
pub fn name_from_alt(alt: &str) -> Option<String> {
    let alt = alt.trim();
    LANGUAGES
        .iter()
        .flat_map(|l| l.alt_wraps)
        .find_map(|(pre, post)| unwrap_ci(alt, pre, post))
}

/// The name in an Accept, Ignore or Reply control's label, if it carries one.
pub fn name_from_aria_label(label: &str) -> Option<String> {
    let label = label.trim();
    LANGUAGES.iter().find_map(|l| {
        l.name_label_prefixes
            .iter()
            .find_map(|pre| unwrap_ci(label, pre, ""))
            .or_else(|| {
                l.name_label_wraps
                    .iter()
                    .find_map(|(pre, post)| unwrap_ci(label, pre, post))
            })
    })
}

/// The text between `pre` and `post` when `text` has both (and something in between).
fn unwrap_ci(text: &str, pre: &str, post: &str) -> Option<String> {
    if pre.is_empty() && post.is_empty() {
        return None;
    }
    if !starts_ci(text, pre) || !ends_ci(text, post) || text.len() < pre.len() + post.len() {
        return None;
    }
    let inner = text.get(pre.len()..text.len() - post.len())?.trim();
    (!inner.is_empty()).then(|| inner.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_told_apart_in_english_and_spanish() {
        assert!(is_accept_label("Accept Ana Ruiz’s invitation"));
        assert!(is_accept_label("Accept"));
        assert!(is_accept_label("Aceptar la invitación de Ana"));
        assert!(!is_accept_label("Accept all"));
        assert!(!is_accept_label("Acceptance testing"));
        assert!(is_ignore_label(
            "Ignore an invitation to connect from Ana Ruiz"
        ));
        assert!(is_ignore_label("Ignorar"));
        assert!(is_reply_label("Reply to Ana Ruiz"));
        assert!(is_reply_label("Message"));
        assert!(!is_reply_label("Messaging"));
        assert!(is_see_more("…see more"));
        assert!(!is_see_more("Show more results"));
    }

    #[test]
    fn names_come_out_of_labels_and_alt_texts() {
        assert_eq!(
            name_from_aria_label("Accept Siobhán O'Brien’s invitation").as_deref(),
            Some("Siobhán O'Brien")
        );
        assert_eq!(
            name_from_aria_label("Ignore an invitation to connect from ليلى حداد").as_deref(),
            Some("ليلى حداد")
        );
        assert_eq!(
            name_from_alt("Mia 🚀 Chen’s profile picture").as_deref(),
            Some("Mia 🚀 Chen")
        );
        assert_eq!(
            name_from_alt("Foto de perfil de José Ñúñez").as_deref(),
            Some("José Ñúñez")
        );
        assert_eq!(name_from_alt("’s profile picture"), None);
        assert_eq!(name_from_alt("A mountain"), None);
    }

    #[test]
    fn chrome_lines_are_recognised() {
        assert!(is_card_chrome(
            "Ana follows you and is inviting you to connect"
        ));
        assert!(is_card_chrome("Message"));
        assert!(!is_card_chrome("Messaging platform engineer"));
    }

    #[test]
    fn case_insensitive_search_respects_char_boundaries() {
        assert_eq!(find_ci("Ñandú MUTUAL", "mutual"), Some(8));
        assert_eq!(find_ci("é", "x"), None);
        assert!(ends_ci("Ana’s INVITATION", "’s invitation"));
    }
}
