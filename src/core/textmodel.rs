//! A small, explainable text model beside the rules: how much a note reads like a pitch, spam
//! or a scam, from the words and word pairs it uses.
//!
//! Every word and every pair of adjacent words (as [`crate::core::matcher::words`] splits them)
//! is hashed into one of [`BUCKETS`] weights. A weight is a feature's log-odds of appearing in a
//! note labelled ignore rather than in another note (naive Bayes over presence, smoothed), so
//! it reads on its own: "demo" weighs for a pitch, "worked together" against. A note's logit is
//! the bias plus the sum of its distinct features' weights over the square root of their
//! number (a long note does not weigh more for being long); the bias is minus the threshold
//! above which a note counts as a pitch. The weights are trained from the real corpus's fit set
//! (`cargo run --release --example train`), quantized to one byte each and embedded in the
//! build (`textmodel.bin`). The scorer turns a positive logit into a reason that quotes the
//! words that weighed most. [`TextModel::update`] is a logistic-regression step on the same
//! weights, for learning from the user's own corrections later.

use std::sync::OnceLock;

/// How many weights: word and word-pair hashes fold into this many buckets (a power of two).
pub const BUCKETS: usize = 4096;

/// The checked-in weights.
const EMBEDDED: &[u8] = include_bytes!("textmodel.bin");

/// The file's first bytes, naming its format.
const MAGIC: &[u8; 4] = b"ITM1";

/// A trained model: one weight per bucket, and a bias.
#[derive(Clone, PartialEq)]
pub struct TextModel {
    weights: Vec<f32>,
    bias: f32,
}

impl std::fmt::Debug for TextModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextModel")
            .field("buckets", &self.weights.len())
            .field("bias", &self.bias)
            .finish()
    }
}

/// One feature of a note: its bucket, and the words it stands for (for explanations).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feature {
    /// The bucket its hash falls in.
    pub bucket: u32,
    /// The word, or the two words, it was made from.
    pub text: String,
}

fn fnv(hash: u32, bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(hash, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193))
}

const FNV_START: u32 = 0x811c_9dc5;

fn bucket(hash: u32) -> u32 {
    hash & (BUCKETS as u32 - 1)
}

/// Buckets seen so far, a bit each: keeps features distinct without sorting (sort code is
/// kept out of the wasm).
struct Seen([u64; BUCKETS / 64]);

impl Seen {
    fn new() -> Self {
        Seen([0; BUCKETS / 64])
    }
    /// Marks `b`; whether it was new.
    fn first(&mut self, b: u32) -> bool {
        let (word, bit) = (b as usize / 64, 1u64 << (b % 64));
        let new = self.0[word] & bit == 0;
        self.0[word] |= bit;
        new
    }
}

/// Calls `found` with each distinct feature of a note, in note order: its bucket, the index of
/// its (first) word, and whether it is a pair (that word and the next). Of features sharing a
/// bucket, the first.
fn each_feature(words: &[&str], mut found: impl FnMut(u32, usize, bool)) {
    let mut seen = Seen::new();
    for (i, w) in words.iter().enumerate() {
        let one = fnv(FNV_START, w.as_bytes());
        if seen.first(bucket(one)) {
            found(bucket(one), i, false);
        }
        if let Some(next) = words.get(i + 1) {
            let two = bucket(fnv(fnv(one, b" "), next.as_bytes()));
            if seen.first(two) {
                found(two, i, true);
            }
        }
    }
}

/// The distinct buckets of a note's words and adjacent word pairs, in note order.
pub fn features(words: &[&str]) -> Vec<u32> {
    let mut out = Vec::with_capacity(words.len() * 2);
    each_feature(words, |b, _, _| out.push(b));
    out
}

/// The distinct features of a note with their words, in note order (of features sharing a
/// bucket, the first).
pub fn named_features(words: &[&str]) -> Vec<Feature> {
    let mut out = Vec::with_capacity(words.len() * 2);
    each_feature(words, |bucket, i, pair| {
        let text = if pair {
            format!("{} {}", words[i], words[i + 1])
        } else {
            words[i].to_owned()
        };
        out.push(Feature { bucket, text });
    });
    out
}

impl TextModel {
    /// A model that knows nothing: every weight and the bias zero.
    pub fn empty() -> Self {
        TextModel {
            weights: vec![0.0; BUCKETS],
            bias: 0.0,
        }
    }

    /// The model embedded in the build, read once.
    pub fn embedded() -> &'static TextModel {
        static MODEL: OnceLock<TextModel> = OnceLock::new();
        MODEL.get_or_init(|| TextModel::from_bytes(EMBEDDED).unwrap_or_else(TextModel::empty))
    }

    /// Reads the file format [`TextModel::to_bytes`] writes; `None` when it is not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let (magic, rest) = bytes.split_at_checked(4)?;
        if magic != MAGIC {
            return None;
        }
        let word = |at: usize| -> Option<[u8; 4]> { rest.get(at..at + 4)?.try_into().ok() };
        let buckets = u32::from_le_bytes(word(0)?) as usize;
        let scale = f32::from_le_bytes(word(4)?);
        let bias = f32::from_le_bytes(word(8)?);
        let weights = rest.get(12..)?;
        if buckets != BUCKETS || weights.len() != BUCKETS || !scale.is_finite() || !bias.is_finite()
        {
            return None;
        }
        Some(TextModel {
            weights: weights
                .iter()
                .map(|&q| f32::from(q as i8) * scale)
                .collect(),
            bias,
        })
    }

    /// The weights quantized to one signed byte each (one scale for all), after a header:
    /// `ITM1`, the bucket count, the scale and the bias (little-endian).
    pub fn to_bytes(&self) -> Vec<u8> {
        let largest = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if largest > 0.0 { largest / 127.0 } else { 1.0 };
        let mut out = Vec::with_capacity(16 + BUCKETS);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(BUCKETS as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&self.bias.to_le_bytes());
        out.extend(
            self.weights
                .iter()
                .map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8 as u8),
        );
        out
    }

    /// The logit of a note's features (from [`features`]): above zero, it reads like a pitch
    /// or spam.
    pub fn logit(&self, features: &[u32]) -> f32 {
        self.bias + self.evidence(features) * norm(features)
    }

    fn evidence(&self, features: &[u32]) -> f32 {
        features
            .iter()
            .filter_map(|&b| self.weights.get(b as usize))
            .sum::<f32>()
    }

    /// The note's logit and its `n` strongest pitch words: the features with the largest
    /// positive weights, each named once, strongest first.
    pub fn explain(&self, words: &[&str], n: usize) -> (f32, Vec<String>) {
        let named = named_features(words);
        let buckets: Vec<u32> = named.iter().map(|f| f.bucket).collect();
        let logit = self.logit(&buckets);
        let mut left: Vec<(f32, &str)> = named
            .iter()
            .filter_map(|f| {
                let w = *self.weights.get(f.bucket as usize)?;
                (w > 0.0).then_some((w, f.text.as_str()))
            })
            .collect();
        let mut top: Vec<String> = Vec::with_capacity(n);
        // The strongest left, n times over (a note has a few dozen features: no sort needed).
        while top.len() < n {
            let Some(at) = (0..left.len()).reduce(|a, b| if left[b].0 > left[a].0 { b } else { a })
            else {
                break;
            };
            let (_, text) = left.swap_remove(at);
            // A pair says more than either of its words: skip a word a chosen pair holds, and
            // the reverse.
            let overlaps = top
                .iter()
                .any(|t| t.split(' ').any(|w| w == text) || text.split(' ').any(|w| w == t));
            if !overlaps {
                top.push(text.to_owned());
            }
        }
        (logit, top)
    }

    /// One step of logistic regression on one note (the user's correction): moves the weights
    /// of its features toward `pitch` (true: a pitch, spam or scam) by `rate` times the error,
    /// each in proportion to its share of the logit. The bias (the threshold) stays.
    pub fn update(&mut self, features: &[u32], pitch: bool, rate: f32) {
        let error = f32::from(u8::from(pitch)) - sigmoid(self.logit(features));
        let share = norm(features);
        for &b in features {
            if let Some(w) = self.weights.get_mut(b as usize) {
                *w += rate * error * share;
            }
        }
    }
}

/// What one feature counts for in a note of `features.len()` features: 1/√n.
fn norm(features: &[u32]) -> f32 {
    1.0 / (features.len().max(1) as f32).sqrt()
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// How [`train`] fits a model.
#[derive(Clone, Copy, Debug)]
pub struct Training {
    /// Smoothing: notes added to each class's count of every feature.
    pub alpha: f32,
    /// The normalized evidence above which a note counts as a pitch (the bias is its opposite).
    pub threshold: f32,
    /// Fewer notes than this holding a bucket leave it at zero: a feature seen once says
    /// little, and zero weights keep unseen features (which share buckets) from counting.
    pub min_notes: u32,
}

impl Default for Training {
    /// The values the trainer's cross-validation on the fit set chose (`--cv`: the best exact
    /// agreement with no severe error; among ties, the highest threshold).
    fn default() -> Self {
        Training {
            alpha: 0.5,
            threshold: 2.4,
            min_notes: 2,
        }
    }
}

/// Fits a model to notes (their [`features`]) labelled pitch or not, in closed form and so
/// deterministically: each bucket's weight is the smoothed log-odds of a note holding it being
/// a pitch rather than not, `ln((p + α)/(P + 2α)) − ln((q + α)/(Q + 2α))` for a bucket in `p`
/// of `P` pitches and `q` of `Q` other notes. Buckets fewer than `min_notes` notes hold weigh
/// nothing.
pub fn train(examples: &[(Vec<u32>, bool)], how: Training) -> TextModel {
    let mut pitch = vec![0u32; BUCKETS];
    let mut other = vec![0u32; BUCKETS];
    for (features, is_pitch) in examples {
        let counts = if *is_pitch { &mut pitch } else { &mut other };
        for &b in features {
            counts[b as usize] += 1;
        }
    }
    let pitches = examples.iter().filter(|(_, p)| *p).count() as f32;
    let others = examples.len() as f32 - pitches;
    let a = how.alpha;
    let weights = pitch
        .iter()
        .zip(&other)
        .map(|(&p, &q)| {
            if p + q < how.min_notes.max(1) {
                return 0.0;
            }
            ((p as f32 + a) / (pitches + 2.0 * a)).ln() - ((q as f32 + a) / (others + 2.0 * a)).ln()
        })
        .collect();
    TextModel {
        weights,
        bias: -how.threshold,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::matcher::words;

    fn feats(text: &str) -> Vec<u32> {
        let w = words(text);
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        features(&w)
    }

    #[test]
    fn features_are_words_and_pairs_folded_into_buckets() {
        let f = feats("Book a demo");
        // "book", "a", "demo", "book a", "a demo": five distinct features (barring collisions).
        assert_eq!(f.len(), 5);
        assert!(f.iter().all(|&b| (b as usize) < BUCKETS));
        assert_eq!(
            f,
            feats("BOOK a   démo!"),
            "case, accents and punctuation fold away"
        );
        assert!(feats("").is_empty());
    }

    #[test]
    fn the_file_format_round_trips_within_quantization() {
        let mut model = TextModel::empty();
        for (i, w) in model.weights.iter_mut().enumerate() {
            *w = ((i % 17) as f32 - 8.0) / 4.0;
        }
        model.bias = -0.75;
        let read = TextModel::from_bytes(&model.to_bytes()).expect("a model file");
        let step = 2.0 / 127.0;
        assert!(model
            .weights
            .iter()
            .zip(&read.weights)
            .all(|(a, b)| (a - b).abs() <= step / 2.0 + 1e-6));
        assert_eq!(read.bias, -0.75);
        assert_eq!(model.to_bytes().len(), 16 + BUCKETS);
        assert!(TextModel::from_bytes(b"ITM1").is_none());
        assert!(TextModel::from_bytes(&[0; 16 + BUCKETS]).is_none());
    }

    #[test]
    fn the_embedded_model_reads_and_knows_a_pitch_from_a_colleague() {
        let model = TextModel::embedded();
        assert_ne!(
            model,
            &TextModel::empty(),
            "textmodel.bin is a trained model"
        );
        let pitch = model.logit(&feats(
            "We help companies scale with our services. Can we book a quick call this week?",
        ));
        let colleague = model.logit(&feats(
            "Great working with you on the storage team last year, let's stay in touch",
        ));
        assert!(pitch > 0.0 && colleague < 0.0, "{pitch} {colleague}");
    }

    #[test]
    fn an_update_moves_the_logit_toward_the_label() {
        let mut model = TextModel::empty();
        let f = feats("limited offer, reply now");
        let before = model.logit(&f);
        model.update(&f, true, 0.5);
        let after_pitch = model.logit(&f);
        assert!(after_pitch > before);
        for _ in 0..20 {
            model.update(&f, false, 0.5);
        }
        assert!(model.logit(&f) < before);
        // Features outside the note are untouched.
        let other = feats("we worked together");
        assert!(other
            .iter()
            .all(|b| f.contains(b) || model.weights[*b as usize] == 0.0));
    }

    #[test]
    fn training_is_deterministic_and_separates_what_it_saw() {
        let examples = vec![
            (feats("book a demo of our platform"), true),
            (feats("our agency can grow your sales with a demo"), true),
            (feats("we met at the meetup last week"), false),
            (feats("thanks for your talk on rust"), false),
        ];
        let how = Training {
            alpha: 0.5,
            threshold: 0.0,
            min_notes: 1,
        };
        let a = train(&examples, how);
        let b = train(&examples, how);
        assert_eq!(a.to_bytes(), b.to_bytes());
        assert!(a.logit(&examples[0].0) > 0.0 && a.logit(&examples[2].0) < 0.0);
        let (logit, top) = a.explain(&["book", "a", "demo", "of", "our", "platform"], 3);
        assert!(logit > 0.0);
        assert_eq!(top.len(), 3, "{top:?}");
    }
}
