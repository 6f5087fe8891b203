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
/// "Mu\u{308}ller" stays one word ("muller"). Text is not normalized otherwise.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = text
        .chars()
        .filter(|c| !is_invisible(*c) || c.is_whitespace())
        .filter(|c| !is_combining_mark(*c))
        .peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if (c == '\'' || c == '’')
            && !word.is_empty()
            && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            word.push('\'');
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
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

    /// The phrases found in `text`, as written in the settings, in order of first appearance,
    /// each once.
    pub fn find<'m>(&'m self, text: &str) -> Vec<&'m str> {
        self.find_in(&words(text))
    }

    /// Like [`Matcher::find`] on text already split by [`words`].
    pub fn find_in<'m, W: AsRef<str>>(&'m self, words: &[W]) -> Vec<&'m str> {
        let mut hits: Vec<usize> = Vec::new();
        let mut hit = vec![false; self.phrases.len()];
        for start in 0..words.len() {
            let candidates = self
                .by_first
                .get(words[start].as_ref())
                .into_iter()
                .flatten()
                .chain(self.prefix_first.iter());
            for &id in candidates {
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

    #[test]
    fn blank_phrases_are_skipped_and_each_hit_counts_once() {
        let m = Matcher::new(["", "  ", "rust"]);
        assert_eq!(m.find("Rust, rust and more rust"), ["rust"]);
        assert!(Matcher::new([]).is_empty());
        assert_eq!(words("Ana’s  C++/Wasm"), ["ana's", "c", "wasm"]);
    }
}
