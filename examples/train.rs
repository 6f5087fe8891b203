//! Trains the text model (`core::textmodel`) on the real corpus's fit set and writes the
//! weights the build embeds, `src/core/textmodel.bin`. Deterministic: the same corpus gives the
//! same file (a test checks it).
//!
//!     cargo run --release --example train          # train on the fit set, write the file
//!     cargo run --release --example train -- --cv  # first, leave-one-source-out figures
//!
//! `--cv` tunes on the fit set only: each fit source in turn is held out, a model is trained on
//! the others, and the engine (default settings, with that model) scores the held-out notes.
//! The test set is never read here.

#[path = "../tests/common/real.rs"]
mod real;

use std::collections::BTreeSet;

use invite_triage::core::score::{Bucket, Scorer};
use invite_triage::core::settings::Settings;
use invite_triage::core::textmodel::{self, TextModel, Training};
use real::{corpus, invitation, split, training_example, trains_the_model, Item, Split};

const OUT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/core/textmodel.bin");

/// Exact agreement and severe errors (accept ↔ ignore) of the engine on held-out fit notes.
fn cross_validate(fit: &[&Item], weight: i32, how: Training) -> (usize, usize, usize) {
    let sources: BTreeSet<String> = fit.iter().map(|i| i.source.key()).collect();
    let mut settings = Settings::default();
    settings.rules.weights.text_model = weight;
    let (mut agreed, mut severe) = (0, 0);
    for held_out in &sources {
        let examples: Vec<(Vec<u32>, bool)> = fit
            .iter()
            .filter(|i| &i.source.key() != held_out && trains_the_model(i))
            .map(|i| training_example(i))
            .collect();
        let model: &'static TextModel = Box::leak(Box::new(textmodel::train(&examples, how)));
        let scorer = Scorer::new(&settings).with_text_model(model);
        for (n, item) in fit
            .iter()
            .enumerate()
            .filter(|(_, i)| &i.source.key() == held_out)
        {
            if std::env::var_os("TRAIN_LOGITS").is_some() {
                let (f, pitch) = training_example(item);
                eprintln!("{pitch} {:.2}", model.logit(&f));
            }
            let got = scorer.score(&invitation(item, n)).bucket;
            agreed += usize::from(got == item.label);
            severe += usize::from(matches!(
                (got, item.label),
                (Bucket::Accept, Bucket::Ignore) | (Bucket::Ignore, Bucket::Accept)
            ));
        }
    }
    (agreed, severe, fit.len())
}

fn main() {
    let items = corpus();
    let fit = split(&items, Split::Fit);
    if std::env::args().any(|a| a == "--cv") {
        println!("leave-one-source-out on the fit set ({} notes)", fit.len());
        println!(
            "{:>6} {:>9} {:>7} {:>8} {:>7}",
            "alpha", "threshold", "weight", "exact", "severe"
        );
        let min_notes: u32 = std::env::var("TRAIN_MIN")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2);
        for (alpha, threshold) in [0.25, 0.5, 1.0]
            .into_iter()
            .flat_map(|a| [1.2, 1.6, 2.0, 2.4].map(|t| (a, t)))
        {
            let weights: Vec<i32> = std::env::var("TRAIN_WEIGHTS")
                .ok()
                .map(|v| v.split(',').filter_map(|x| x.parse().ok()).collect())
                .unwrap_or(vec![0, -25, -30, -40]);
            for &weight in &weights {
                let how = Training {
                    alpha,
                    threshold,
                    min_notes,
                };
                let (agreed, severe, total) = cross_validate(&fit, weight, how);
                println!(
                    "{alpha:>6} {threshold:>9} {weight:>7} {:>7.1}% {severe:>7}",
                    100.0 * agreed as f64 / total as f64
                );
            }
        }
    }
    let examples: Vec<(Vec<u32>, bool)> = fit
        .iter()
        .filter(|i| trains_the_model(i))
        .map(|i| training_example(i))
        .collect();
    let model = textmodel::train(&examples, Training::default());
    let bytes = model.to_bytes();
    std::fs::write(OUT, &bytes).unwrap_or_else(|e| panic!("{OUT}: {e}"));
    let pitches = examples.iter().filter(|(_, p)| *p).count();
    let right = examples
        .iter()
        .filter(|(f, p)| (model.logit(f) > 0.0) == *p)
        .count();
    println!(
        "trained on {} fit notes in English ({pitches} labelled ignore): {right} classified right in-sample; \
         wrote {} bytes to src/core/textmodel.bin",
        examples.len(),
        bytes.len()
    );
}
