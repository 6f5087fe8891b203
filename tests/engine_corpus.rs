//! The engine against labelled corpora of realistic invitations (every JSON file in tests/corpus/,
//! each written by a different labeller).
//!
//! Labels were written by a person judging each invitation, not derived from the engine. The
//! engine must agree on at least 90% and never make a severe error (accept ↔ ignore).
#![cfg(not(target_arch = "wasm32"))]

use invite_triage::core::invitation::Invitation;
use invite_triage::core::score::{Bucket, Scorer};
use invite_triage::core::settings::Settings;
use serde::Deserialize;

#[derive(Deserialize)]
struct Corpus {
    persona_headline: String,
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    id: String,
    label: Bucket,
    why: String,
    invitation: Invitation,
}

const BUCKETS: [Bucket; 3] = [Bucket::Accept, Bucket::Review, Bucket::Ignore];

fn index(b: Bucket) -> usize {
    BUCKETS.iter().position(|x| *x == b).unwrap()
}

/// Every corpus file in tests/corpus/, each labelled by a different person.
fn corpora() -> Vec<(String, Corpus)> {
    let mut files: Vec<_> = std::fs::read_dir("tests/corpus")
        .expect("tests/corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("corpus file");
            let corpus = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
            (path.display().to_string(), corpus)
        })
        .collect()
}

#[test]
fn the_engine_agrees_with_the_labels() {
    let mut matrix = [[0usize; 3]; 3];
    let mut misses = Vec::new();
    for (file, corpus) in corpora() {
        let scorer = Scorer::new(&Settings::default()).with_own_headline(&corpus.persona_headline);
        for e in &corpus.entries {
            let v = scorer.score(&e.invitation);
            matrix[index(e.label)][index(v.bucket)] += 1;
            if v.bucket != e.label {
                misses.push(format!(
                    "{file}: {:<28} label {:?} got {:?} {:>3}  ({})\n      labeller: {}",
                    e.id,
                    e.label,
                    v.bucket,
                    v.score,
                    v.reasons
                        .iter()
                        .map(|r| format!("{} {:+}", r.rule, r.points))
                        .collect::<Vec<_>>()
                        .join(", "),
                    e.why
                ));
            }
        }
    }
    let total: usize = matrix.iter().flatten().sum();
    assert!(
        total >= 80,
        "at least 80 labelled invitations, found {total}"
    );
    let agreed: usize = (0..3).map(|i| matrix[i][i]).sum();
    let severe = matrix[0][2] + matrix[2][0];
    println!("confusion matrix (rows: label, columns: engine)");
    println!("{:>8} {:>7} {:>7} {:>7}", "", "accept", "review", "ignore");
    for (i, b) in BUCKETS.iter().enumerate() {
        let name = format!("{b:?}").to_lowercase();
        println!(
            "{name:>8} {:>7} {:>7} {:>7}",
            matrix[i][0], matrix[i][1], matrix[i][2]
        );
    }
    println!(
        "agreement {agreed}/{total} = {:.1}%, severe errors {severe}",
        100.0 * agreed as f64 / total as f64
    );
    for m in &misses {
        println!("  {m}");
    }
    assert_eq!(severe, 0, "no accept labelled ignore or the reverse");
    assert!(agreed * 10 >= total * 9, "agreement below 90%");
}
