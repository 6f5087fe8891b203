//! Whole-word phrase matching, compiled once per rules change.
//!
//! Text and phrases are folded to lowercase words (letters and digits; everything else
//! separates). A phrase matches when its words appear consecutively; a trailing `*` on a
//! phrase's last word matches any word starting with it (`recruit*`). Matching is linear in
//! the text's words times the phrases sharing a first word: no regex, no per-call compilation,
//! and a fast (Fx) hash for the first-word index, since every word of every card is looked up.

use rustc_hash::FxHashMap;

use crate::core::parse::is_invisible;

/// One compiled phrase.
#[derive(Clone, Debug)]
struct Phrase {
    words: Vec<String>,
    prefix_last: bool,
}

/// A compiled set of phrases.
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    phrases: Vec<Phrase>,
    originals: Vec<String>,
    by_first: FxHashMap<String, Vec<usize>>,
    prefix_first: Vec<usize>,
}

/// Splits text into lowercase words; apostrophes inside a word are kept ("o'brien").
///
/// Invisible characters ([`is_invisible`]: zero-width, bidi, soft hyphen) and combining
/// diacritical marks are skipped without ending the word, as Unicode word boundaries do:
/// "cr\u{200B}ypto" and the struck-through "C̶r̶y̶p̶t̶o̶" both read as "crypto", and decomposed
/// "Mu\u{308}ller" stays one word ("muller"). Precomposed accented letters lose their accent
/// the same way ("Müller" → "muller", see [`base_letter`]). Text is not normalized otherwise.
pub fn words(text: &str) -> Vec<String> {
    let mut split = Words::default();
    split.push(text);
    split.slices().into_iter().map(str::to_owned).collect()
}

/// Texts split into lowercase words as [`words`] does, all kept in one buffer: no allocation
/// per word, which matters when every card's every word is looked up.
#[derive(Debug, Default)]
pub struct Words {
    folded: String,
    spans: Vec<(usize, usize)>,
}

impl Words {
    /// Splits `text` and appends its words; returns their positions in [`Words::slices`].
    pub fn push(&mut self, text: &str) -> std::ops::Range<usize> {
        let first = self.spans.len();
        if is_plain_ascii(text) {
            self.push_ascii(text);
        } else {
            self.push_chars(text);
        }
        first..self.spans.len()
    }

    /// The common case, a byte at a time: printable ASCII and whitespace only.
    fn push_ascii(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let word_byte = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
        let mut i = 0;
        while i < bytes.len() {
            if !word_byte(i) {
                i += 1;
                continue;
            }
            let begin = i;
            while word_byte(i) || (bytes[i..].starts_with(b"'") && word_byte(i + 1)) {
                i += 1;
            }
            let at = self.folded.len();
            self.folded.push_str(&text[begin..i]);
            self.folded[at..].make_ascii_lowercase();
            self.spans.push((at, self.folded.len()));
        }
    }

    fn push_chars(&mut self, text: &str) {
        let mut start = self.folded.len();
        let mut chars = text.chars().filter(|&c| is_read(c)).peekable();
        while let Some(c) = chars.next() {
            let in_word = self.folded.len() > start;
            if c.is_ascii_alphanumeric() {
                self.folded.push(c.to_ascii_lowercase()); // the common case, no Unicode tables
            } else if !c.is_ascii() && c.is_alphanumeric() {
                self.folded.extend(c.to_lowercase().map(base_letter));
            } else if (c == '\'' || c == '’')
                && in_word
                && chars.peek().is_some_and(|n| n.is_alphanumeric())
            {
                self.folded.push('\'');
            } else if in_word {
                self.spans.push((start, self.folded.len()));
                start = self.folded.len();
            }
        }
        if self.folded.len() > start {
            self.spans.push((start, self.folded.len()));
        }
    }

    /// Every word pushed so far, in order.
    pub fn slices(&self) -> Vec<&str> {
        self.spans
            .iter()
            .map(|&(a, b)| &self.folded[a..b])
            .collect()
    }
}

/// A lowercase Latin letter without its accent ("é" → "e", "ñ" → "n", "ş" → "s"), as the
/// decomposed spelling reads once its combining mark is skipped: precomposed and decomposed
/// text, and text typed without accents, read alike ("travaillé", "travaille\u{301}" and
/// "travaille" are one word). Letters that are not a base letter plus a mark ("ß", "ø",
/// "æ", "œ", "ł") are kept.
fn base_letter(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ț' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => c,
    }
}

/// Whether `text` is printable ASCII and whitespace only (no character [`words`] skips).
fn is_plain_ascii(text: &str) -> bool {
    text.bytes()
        .all(|b| (0x20..0x7f).contains(&b) || char::from(b).is_whitespace())
}

/// Whether `words` looks at `c` at all (invisible characters and combining marks are skipped).
fn is_read(c: char) -> bool {
    if c.is_ascii() {
        !c.is_ascii_control() || c.is_whitespace()
    } else {
        (!is_invisible(c) || c.is_whitespace()) && !is_combining_mark(c)
    }
}

/// Whether `c` is a combining diacritical mark that is not itself a letter (the blocks used
/// for accents on decomposed Latin, Greek and Cyrillic text, and for "Zalgo" decoration).
fn is_combining_mark(c: char) -> bool {
    !c.is_alphanumeric()
        && matches!(
            c,
            '\u{0300}'..='\u{036F}'
                | '\u{0483}'..='\u{0489}'
                | '\u{1AB0}'..='\u{1AFF}'
                | '\u{1DC0}'..='\u{1DFF}'
                | '\u{20D0}'..='\u{20FF}'
                | '\u{FE20}'..='\u{FE2F}'
        )
}

/// The profile an always-accept or always-ignore entry names, as a comparable slug
/// ([`profile_key`]), or `None` when the entry is not a profile (a display name).
///
/// A profile is named by its link (`https://www.linkedin.com/in/ana-ruiz/`, without the scheme,
/// `/in/ana-ruiz`, `in/ana-ruiz`; any case, with or without a trailing slash, query or fragment)
/// or by its bare slug (`ana-ruiz`). A bare slug is one word of 3 to 100 letters, digits, `-`,
/// `_` or `%` (LinkedIn's custom URLs are 3 to 100 characters).
///
/// A bare word of letters only ("anaruiz", "Ana") could be a custom slug or a first name. It is
/// read as a slug when it has no capital letter, as links are written ("anaruiz"), and as a name
/// when it has one ("Ana", "Madonna"). Any space or other punctuation makes a name.
pub fn profile_slug(entry: &str) -> Option<String> {
    let entry = entry.trim();
    let without_query = entry.find(['?', '#']).map_or(entry, |at| &entry[..at]);
    let bare = without_query.trim_end_matches('/');
    if bare.contains(['/', ':']) {
        let lower = entry.to_lowercase();
        let href = if lower.starts_with("https://")
            || lower.starts_with("http://")
            || lower.starts_with('/')
        {
            lower
        } else if lower.starts_with("in/") {
            format!("/{lower}")
        } else {
            format!("https://{lower}") // "www.linkedin.com/in/ana-ruiz"
        };
        return crate::core::parse::slug(&href).and_then(|slug| slug_key(&slug));
    }
    let chars = bare.chars().count();
    let letters_only = bare.chars().all(char::is_alphabetic);
    let shaped = (3..=100).contains(&chars) && bare.chars().all(is_slug_char);
    if !shaped || (letters_only && bare.chars().any(char::is_uppercase)) {
        return None;
    }
    slug_key(bare)
}

/// The [`profile_key`] of a slug made of slug characters, before and after unescaping
/// (`ana%20ruiz` is no slug).
fn slug_key(slug: &str) -> Option<String> {
    let key = profile_key(slug);
    (slug.chars().all(is_slug_char) && !key.is_empty() && key.chars().all(is_slug_char))
        .then_some(key)
}

fn is_slug_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '%')
}

/// A profile slug as compared: percent-escapes decoded (when they spell UTF-8) and lowercase,
/// so `jos%C3%A9-garcia`, `José-Garcia` and `josé-garcia` are one profile.
pub fn profile_key(slug: &str) -> String {
    percent_decoded(slug)
        .unwrap_or_else(|| slug.to_owned())
        .to_lowercase()
}

fn percent_decoded(text: &str) -> Option<String> {
    if !text.contains('%') {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A display name as compared: its words ([`words`]: case, accents, punctuation, emoji and
/// invisible characters folded away), joined by single spaces. "Ana  Ruiz", "ana ruiz" and
/// "Ána Ruiz 🚀" are one name; empty when the text has no word.
pub fn name_key(name: &str) -> String {
    words(name).join(" ")
}

impl Matcher {
    /// Compiles `phrases`; blank ones are skipped.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> Self {
        let mut m = Matcher::default();
        for original in phrases {
            let trimmed = original.trim();
            let prefix_last = trimmed.ends_with('*');
            let words = words(trimmed);
            if words.is_empty() {
                continue;
            }
            let id = m.phrases.len();
            if prefix_last && words.len() == 1 {
                m.prefix_first.push(id);
            } else {
                m.by_first.entry(words[0].clone()).or_default().push(id);
            }
            m.phrases.push(Phrase { words, prefix_last });
            let shown = trimmed.trim_end_matches('*').trim();
            m.originals.push(if prefix_last {
                format!("{shown}…")
            } else {
                shown.to_owned()
            });
        }
        m
    }

    /// Whether no phrase was compiled.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The first words of the phrases, for telling cheaply that a text cannot match.
    pub fn first_words(&self) -> impl Iterator<Item = &str> {
        self.by_first.keys().map(String::as_str)
    }

    /// Whether a one-word prefix phrase (`recruit*`) can match a text of any words.
    pub fn matches_any_word(&self) -> bool {
        !self.prefix_first.is_empty()
    }

    /// The phrases found in `text`, as written in the settings, in order of first appearance,
    /// each once.
    pub fn find<'m>(&'m self, text: &str) -> Vec<&'m str> {
        self.find_in(&words(text))
    }

    /// Like [`Matcher::find`] on text already split by [`words`].
    pub fn find_in<'m, W: AsRef<str>>(&'m self, words: &[W]) -> Vec<&'m str> {
        self.find_in_where(words, |_| true)
    }

    /// Like [`Matcher::find_in`], looking up phrases starting at word `i` only where
    /// `may_open(i)` (the caller knows the others start none); one-word prefix phrases are tried
    /// everywhere.
    pub fn find_in_where<'m, W: AsRef<str>>(
        &'m self,
        words: &[W],
        may_open: impl Fn(usize) -> bool,
    ) -> Vec<&'m str> {
        let mut hits: Vec<usize> = Vec::new();
        let mut hit: Vec<bool> = Vec::new(); // allocated on the first candidate only
        for start in 0..words.len() {
            let opening = if may_open(start) {
                self.by_first.get(words[start].as_ref())
            } else {
                None
            };
            let candidates = opening
                .into_iter()
                .flatten()
                .chain(self.prefix_first.iter());
            for &id in candidates {
                if hit.is_empty() {
                    hit = vec![false; self.phrases.len()];
                }
                if !hit[id] && self.matches_at(id, words, start) {
                    hit[id] = true;
                    hits.push(id);
                }
            }
        }
        hits.into_iter()
            .map(|id| self.originals[id].as_str())
            .collect()
    }

    fn matches_at<W: AsRef<str>>(&self, id: usize, words: &[W], start: usize) -> bool {
        let phrase = &self.phrases[id];
        let n = phrase.words.len();
        if start + n > words.len() {
            return false;
        }
        phrase.words.iter().enumerate().all(|(i, w)| {
            let text_word = words[start + i].as_ref();
            if phrase.prefix_last && i == n - 1 {
                text_word.starts_with(w.as_str())
            } else {
                text_word == w
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only_case_folded() {
        let m = Matcher::new(["quick call", "crypto", "LION"]);
        assert_eq!(m.find("Can we hop on a QUICK call?"), ["quick call"]);
        assert_eq!(m.find("Cryptography researcher"), Vec::<&str>::new());
        assert_eq!(m.find("Crypto & forex | LION"), ["crypto", "LION"]);
        assert!(m.find("quick calls").is_empty());
    }

    #[test]
    fn prefix_phrases_and_apostrophes() {
        let m = Matcher::new(["recruit*", "talent acq*", "o'brien"]);
        assert_eq!(m.find("Technical Recruiter"), ["recruit…"]);
        assert_eq!(m.find("Talent Acquisition Partner"), ["talent acq…"]);
        assert_eq!(m.find("Siobhán O’Brien"), ["o'brien"]);
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_path_splits_as_the_general_one(text in "[ -~\t\n]{0,80}") {
            let (mut fast, mut general) = (Words::default(), Words::default());
            fast.push_ascii(&text);
            general.push_chars(&text);
            proptest::prop_assert_eq!(fast.slices(), general.slices());
        }
    }

    #[test]
    fn accents_apostrophes_and_word_boundaries_in_other_languages() {
        let m = Matcher::new([
            "nous avons travaillé ensemble",
            "j’ai travaillé",
            "même équipe",
            "zusammengearbeitet",
            "reunião",
        ]);
        for text in [
            "Nous avons travaillé ensemble chez Acme",
            "NOUS AVONS TRAVAILLÉ ENSEMBLE",
            "nous avons travaille ensemble",
            "nous avons travaille\u{301} ensemble",
        ] {
            assert_eq!(m.find(text), ["nous avons travaillé ensemble"], "{text}");
        }
        assert_eq!(m.find("J'ai travaillé avec toi"), ["j’ai travaillé"]);
        assert_eq!(m.find("dans la même équipe"), ["même équipe"]);
        assert_eq!(
            m.find("Wir haben 2019 zusammengearbeitet."),
            ["zusammengearbeitet"]
        );
        assert_eq!(m.find("Foi ótimo na reuniao de ontem"), ["reunião"]);
        assert!(m.find("travaillées ensemble").is_empty());
        assert_eq!(words("Straße Øre Łódź"), ["straße", "øre", "łodz"]);
    }

    #[test]
    fn profile_links_and_slugs_in_every_form() {
        for entry in [
            "https://www.linkedin.com/in/ana-ruiz/",
            "https://www.linkedin.com/in/ana-ruiz",
            "HTTPS://WWW.LINKEDIN.COM/IN/ANA-RUIZ/",
            "http://linkedin.com/in/ana-ruiz?trk=people-guest",
            "https://de.linkedin.com/in/ana-ruiz/#experience",
            "www.linkedin.com/in/ana-ruiz/",
            "linkedin.com/in/Ana-Ruiz",
            "/in/ana-ruiz",
            "/in/ana-ruiz/",
            "in/ana-ruiz",
            "ana-ruiz",
            "Ana-Ruiz",
            "  ana-ruiz/ ",
            "ana-ruiz?trk=x",
        ] {
            assert_eq!(profile_slug(entry).as_deref(), Some("ana-ruiz"), "{entry}");
        }
        // Letters only: lowercase reads as a slug (as links are written), a capital as a name.
        assert_eq!(profile_slug("anaruiz").as_deref(), Some("anaruiz"));
        assert_eq!(profile_slug("madonna").as_deref(), Some("madonna"));
        assert_eq!(profile_slug("Madonna"), None);
        assert_eq!(profile_slug("AnaRuiz"), None);
        // Digits, hyphens or escapes make a slug whatever its case.
        assert_eq!(profile_slug("AnaRuiz42").as_deref(), Some("anaruiz42"));
        assert_eq!(
            profile_slug("ana-ruiz-1a2b3c4d").as_deref(),
            Some("ana-ruiz-1a2b3c4d")
        );
        // Escaped and unescaped spellings of one slug are one profile.
        let jose = Some("josé-garcía");
        assert_eq!(profile_slug("jos%C3%A9-garc%C3%ADa").as_deref(), jose);
        assert_eq!(
            profile_slug("https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa/").as_deref(),
            jose
        );
        assert_eq!(profile_slug("José-García").as_deref(), jose);
        assert_eq!(profile_slug("josé-garcía").as_deref(), jose);
        // Names, and links that are not a LinkedIn profile.
        for entry in [
            "Ana Ruiz",
            "ana ruiz",
            "Ana",
            "Bo",
            "bo",
            "O'Brien",
            "Dr. Ana",
            "",
            "   ",
            "https://www.linkedin.com/company/acme/",
            "https://example.com/in/ana-ruiz/",
            "https://www.linkedin.com/in/",
            "linkedin.com",
            "/in/ana ruiz/",
            "mailto:ana@ruiz.es",
            "ana%20ruiz",
            "/in/ana%0Aruiz",
        ] {
            assert_eq!(profile_slug(entry), None, "{entry:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_entry_is_a_profile_or_a_name_without_panicking(
            entry in "(https://www\\.linkedin\\.com/in/|/in/|in/)?[a-zA-Z0-9%éÉ _./?#:-]{0,40}",
        ) {
            if let Some(slug) = profile_slug(&entry) {
                proptest::prop_assert!(!slug.is_empty() && !slug.contains(char::is_whitespace));
                proptest::prop_assert_eq!(slug.to_lowercase(), slug);
            }
        }
    }

    #[test]
    fn names_compare_by_their_words() {
        assert_eq!(name_key("Ana  Ruiz"), "ana ruiz");
        assert_eq!(name_key("Ána Ruiz 🚀"), "ana ruiz");
        assert_eq!(name_key("ana\u{200B} ruiz"), name_key("Ana Ruiz"));
        assert_eq!(name_key("🚀"), "");
    }

    #[test]
    fn blank_phrases_are_skipped_and_each_hit_counts_once() {
        let m = Matcher::new(["", "  ", "rust"]);
        assert_eq!(m.find("Rust, rust and more rust"), ["rust"]);
        assert!(Matcher::new([]).is_empty());
        assert_eq!(words("Ana’s  C++/Wasm"), ["ana's", "c", "wasm"]);
    }
}
