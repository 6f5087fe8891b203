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

/// Numbers every start tag (`data-ti`), as the content script numbers the elements.
fn number(body: &str) -> String {
    let mut out = String::with_capacity(body.len() * 2);
    let mut n = 0;
    let mut rest = body;
    while let Some(p) = rest.find('<') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let name_len = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - 1);
        out.push_str(&rest[..=name_len]);
        if name_len > 0 && rest.as_bytes()[1].is_ascii_alphabetic() {
            out.push_str(&format!(" {}=\"{n}\"", read::INDEX_ATTR));
            n += 1;
        }
        rest = &rest[name_len + 1..];
    }
    out.push_str(rest);
    out
}

/// The fixture page's body with `cards` copies of its template card in the list.
pub fn page(cards: usize) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/era-c2.html");
    let page = std::fs::read_to_string(path).expect("the era-c2 fixture");
    let body = &page[page.find("<body>").expect("<body>")..page.rfind("</body>").expect("</body>")];
    let start = body.find("<div role=\"listitem\"").expect("a card");
    let end = start
        + 1
        + body[start + 1..]
            .find("<div role=\"listitem\"")
            .expect("two cards");
    let card = &body[start..end];
    // The list closes just before its "Show more" button.
    let show_more = body
        .find("data-fixture-show-more")
        .expect("a Show more button");
    let list_end = body[..show_more].rfind("</div>").expect("the list's end");
    let copies: String = (0..cards)
        .map(|i| card.replace("jose-nunez-rs", &format!("member-{i}")))
        .collect();
    number(&format!(
        "{}{copies}{}</body>",
        &body[..start],
        &body[list_end..]
    ))
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let cards = args.first().copied().unwrap_or(500);
    let samples = args.get(1).copied().unwrap_or(15);
    let html = page(cards);
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
