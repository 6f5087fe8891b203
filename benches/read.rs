//! Reading pages natively: `cargo bench --bench read -- [CARDS] [SAMPLES] [DEPTH]`.
//!
//! Two pages, one JSON line each, with milliseconds per parse + read (`read_snapshot`, which
//! includes turning each card's raw pieces into a `Card`) and per parse alone, one entry per
//! sample:
//! - `tests/fixtures/era-c2.html` with its template card repeated CARDS times (500 by default),
//!   every element numbered like the content script's snapshot;
//! - a deep page: one card inside DEPTH nested `div`s (10,000 by default), which a script-built
//!   page can reach and which must parse in linear time.

use std::hint::black_box;
use std::time::Instant;

use invite_triage::core::html::Document;
use invite_triage::core::read;

#[path = "../tests/common/mod.rs"]
mod common;

/// Times `f` once per sample, in milliseconds rounded to 0.01.
fn time(samples: usize, f: &dyn Fn()) -> Vec<f64> {
    (0..samples)
        .map(|_| {
            let start = Instant::now();
            f();
            (start.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0
        })
        .collect()
}

/// Milliseconds per read and per parse of `html`.
fn measure(html: &str, samples: usize) -> (Vec<f64>, Vec<f64>) {
    let read_ms = time(samples, &|| {
        black_box(read::read_snapshot(black_box(html)));
    });
    let parse_ms = time(samples, &|| {
        black_box(Document::parse(black_box(html)));
    });
    (read_ms, parse_ms)
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let cards = args.first().copied().unwrap_or(500);
    let samples = args.get(1).copied().unwrap_or(15);
    let depth = args.get(2).copied().unwrap_or(10_000);

    let html = common::many_cards(cards);
    let read_cards = read::read_snapshot(&html).cards.len();
    assert_eq!(read_cards, cards, "every card is read");
    let (read_ms, parse_ms) = measure(&html, samples);
    println!(
        "{{\"cards\":{cards},\"bytes\":{},\"ms_per_read\":{read_ms:?},\"ms_per_parse\":{parse_ms:?}}}",
        html.len()
    );

    let deep = common::snapshot(&format!(
        "{}{}{}",
        "<div>".repeat(depth),
        common::C2_CARD,
        "</div>".repeat(depth)
    ));
    assert_eq!(
        read::read_snapshot(&deep).cards.len(),
        1,
        "the deep card is read"
    );
    let (read_ms, parse_ms) = measure(&deep, samples);
    println!(
        "{{\"depth\":{depth},\"bytes\":{},\"ms_per_read\":{read_ms:?},\"ms_per_parse\":{parse_ms:?}}}",
        deep.len()
    );
}
