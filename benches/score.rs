//! The scoring workload compiled natively: `cargo bench --bench score -- WORKLOAD SAMPLES ROUNDS`.
//!
//! `./build.sh bench` writes WORKLOAD (target/bench/workload.json: `{headline, invitations}`),
//! runs this, and runs the same loop in the wasm (`src/web/bench.rs`) inside Chromium. Prints
//! one JSON line: milliseconds per pass over the workload, one entry per sample.

use std::hint::black_box;
use std::time::Instant;

use invite_triage::core::invitation::Invitation;
use invite_triage::core::score::Scorer;
use invite_triage::core::settings::Settings;
use serde::Deserialize;

#[derive(Deserialize)]
struct Workload {
    headline: String,
    invitations: Vec<Invitation>,
}

fn arg<T: std::str::FromStr>(args: &[String], at: usize, default: T) -> T {
    args.get(at).and_then(|a| a.parse().ok()).unwrap_or(default)
}

fn main() {
    // cargo bench passes `--bench`; keep only our own arguments.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let path = args
        .first()
        .cloned()
        .unwrap_or_else(|| "target/bench/workload.json".into());
    let samples: usize = arg(&args, 1, 15);
    let rounds: u32 = arg(&args, 2, 20);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let workload: Workload = serde_json::from_str(&text).expect("workload JSON");
    let scorer = Scorer::new(&Settings::default()).with_own_headline(&workload.headline);

    let pass = |rounds: u32| {
        let mut reasons = 0usize;
        for _ in 0..rounds {
            for invitation in &workload.invitations {
                reasons += black_box(scorer.score(black_box(invitation))).reasons.len();
            }
        }
        reasons
    };
    pass(rounds); // warm up
    let per_pass: Vec<f64> = (0..samples)
        .map(|_| {
            let start = Instant::now();
            black_box(pass(rounds));
            start.elapsed().as_secs_f64() * 1000.0 / f64::from(rounds)
        })
        .collect();
    println!(
        "{{\"invitations\":{},\"reasons_per_pass\":{},\"ms_per_pass\":{:?}}}",
        workload.invitations.len(),
        pass(1),
        per_pass
    );
}
