//! Reading a page of cards natively: `cargo bench --bench read -- [CARDS] [SAMPLES]`.
//!
//! The page is `tests/fixtures/era-c2.html` with its template card repeated CARDS times (500 by
//! default), every element numbered like the content script's snapshot. Prints one JSON line:
//! the snapshot's size, milliseconds per parse + read (`read_snapshot`, which includes turning
//! each card's raw pieces into a `Card`) and per parse alone, one entry per sample.

use std::hint::black_box;
use std::time::Instant;

use invite_triage::core::html::Document;
use invite_triage::core::read;

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let cards = args.first().copied().unwrap_or(500);
    let samples = args.get(1).copied().unwrap_or(15);
    let html = common::many_cards(cards);
    let read_cards = read::read_snapshot(&html).cards.len();
    assert_eq!(read_cards, cards, "every card is read");
    let time = |f: &dyn Fn()| -> Vec<f64> {
        (0..samples)
            .map(|_| {
                let start = Instant::now();
                f();
                (start.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0
            })
            .collect()
    };
    let read_ms = time(&|| {
        black_box(read::read_snapshot(black_box(&html)));
    });
    let parse_ms = time(&|| {
        black_box(Document::parse(black_box(&html)));
    });
    println!(
        "{{\"cards\":{cards},\"bytes\":{},\"ms_per_read\":{read_ms:?},\"ms_per_parse\":{parse_ms:?}}}",
        html.len()
    );
}
