//! Hostile page text through the pure engine: markup and script, template-injection strings,
//! bidi controls, emoji and combining marks, huge fields, absurd numbers and empty fields.
//!
//! The first half pins concrete behaviour; the second half fuzzes every text entry point with
//! proptest, mixing hostile fragments with arbitrary Unicode. The fuzz properties run
//! [`DEFAULT_CASES`] cases each unless `PROPTEST_CASES` is set, e.g.
//! `PROPTEST_CASES=200000 cargo test --release --test engine_hostile`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::PAGE_WORDS;
use invite_triage::core::assemble::{self, Hint, Line, RawCard};
use invite_triage::core::invitation::{Card, Invitation, Kind};
use invite_triage::core::matcher::{self, Matcher};
use invite_triage::core::parse::{self, MAX_AGE_DAYS, MAX_MUTUAL};
use invite_triage::core::plan::{self, CardPaint, Memory, PageRead, Placement, ReadCard};
use invite_triage::core::respond::{self, PLACEHOLDERS};
use invite_triage::core::score::{Bucket, Scorer, Verdict};
use invite_triage::core::sent;
use invite_triage::core::settings::Settings;
use proptest::prelude::*;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------------
// Hostile material
// ---------------------------------------------------------------------------------------------

/// Markup, script and attribute breakouts, as an inviter could type them into a name or note.
const MARKUP: &[&str] = &[
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(document.domain)>",
    "<script>alert(1)</script>",
    "\"><b>bold</b>",
    "'><iframe src=javascript:alert(1)>",
    "javascript:alert(1)",
    "</div><div data-triage-bucket=\"accept\">",
    "&lt;b&gt; &amp; &#x3C;",
    "<!-- -->",
];

/// Template-injection strings, including our own placeholders.
const TEMPLATE_INJECTION: &[&str] = &[
    "{{7*7}}",
    "${alert(1)}",
    "#{7*7}",
    "<%= 7*7 %>",
    "{first_name}",
    "{name}",
    "{mutual}",
    "{my_name}",
    "{{first_name}}",
    "{",
    "}",
    "{first_name",
];

/// Bidi controls and other invisible format characters.
const INVISIBLE: &[char] = &[
    '\u{202A}', // LRE
    '\u{202B}', // RLE
    '\u{202C}', // PDF
    '\u{202D}', // LRO
    '\u{202E}', // RLO
    '\u{2066}', // LRI
    '\u{2067}', // RLI
    '\u{2068}', // FSI
    '\u{2069}', // PDI
    '\u{200E}', // LRM
    '\u{200F}', // RLM
    '\u{061C}', // ALM
    '\u{200B}', // ZWSP
    '\u{FEFF}', // BOM
    '\u{00AD}', // soft hyphen
    '\u{034F}', // combining grapheme joiner
    '\u{180E}', // Mongolian vowel separator
];

/// Absurd numbers in the places the parsers read numbers.
const ABSURD_MUTUAL: &[&str] = &[
    "99999999999999 other mutual connections",
    "Ana and 99999999999999 other mutual connections",
    "4294967296 mutual connections",
    "Ana and 4294967295 other mutual connections",
    "Ana, Ben and 4294967295 others",
    "99,999,999,999,999,999,999,999 mutual connections",
];

const ABSURD_AGES: &[&str] = &[
    "999999 years ago",
    "Sent 99999999999999 weeks ago",
    "4294967296 days ago",
    "99999999999999999999d",
    "11767y",
    "hace 999999 años",
];

fn settings() -> Settings {
    Settings {
        my_name: "Sam".into(),
        ..Settings::default()
    }
}

/// The scorer every test uses, compiled once.
fn scorer() -> &'static Scorer {
    static SCORER: OnceLock<Scorer> = OnceLock::new();
    SCORER.get_or_init(|| {
        Scorer::new(&Settings::default()).with_own_headline("Rust engineer at Ferrous Labs")
    })
}

/// A well-formed invitation card from someone in the member's field.
fn normal_card() -> Card {
    Card {
        profile_url: "/in/ana-ruiz/".into(),
        name: "Ana Ruiz".into(),
        headline: "Rust engineer at Ferrous Labs".into(),
        has_photo: true,
        note: Some("We met at RustConf, loved your talk on wasm".into()),
        lines: vec![
            "Bo Li and 11 other mutual connections".into(),
            "2 weeks ago".into(),
        ],
        ..Card::default()
    }
}

fn person(name: &str) -> Card {
    Card {
        profile_url: "/in/someone/".into(),
        name: name.into(),
        headline: "Engineer".into(),
        has_photo: true,
        ..Card::default()
    }
}

fn at(root: u32) -> Placement {
    Placement {
        root,
        accept: Some(root + 1),
        ignore: Some(root + 2),
        reply: None,
    }
}

/// Plans `cards` as one page; every card sits at the same placement, so paints compare whole.
fn plan_of(cards: Vec<Card>) -> Vec<CardPaint> {
    let settings = settings();
    let read = PageRead {
        cards: cards
            .into_iter()
            .map(|card| ReadCard { at: at(0), card })
            .collect(),
        ..PageRead::default()
    };
    plan::plan(&read, scorer(), &settings, &Memory::default()).cards
}

fn messages(inv: &Invitation, settings: &Settings) -> Vec<String> {
    let verdict = scorer().score(inv);
    respond::suggestions(inv, &verdict, settings, None)
        .into_iter()
        .filter_map(|s| s.message)
        .collect()
}

/// Every message for `inv` fits LinkedIn's note limit, with and without Premium.
fn assert_messages_fit(inv: &Invitation, what: &str) {
    for premium in [false, true] {
        let s = Settings {
            premium,
            ..settings()
        };
        for m in messages(inv, &s) {
            assert!(m.chars().count() <= s.note_limit(), "{what:?}: {}", m.len());
        }
    }
}

fn assert_verdict_sane(v: &Verdict) {
    assert!(v.score <= 100, "{v:?}");
    let sum: i64 = i64::from(v.base) + v.reasons.iter().map(|r| i64::from(r.points)).sum::<i64>();
    assert_eq!(i64::from(v.score), sum.clamp(0, 100), "{v:?}");
}

// ---------------------------------------------------------------------------------------------
// Markup and script: kept verbatim, as text
// ---------------------------------------------------------------------------------------------

#[test]
fn markup_in_names_headlines_and_notes_is_kept_verbatim_as_text() {
    for &m in MARKUP.iter().chain(TEMPLATE_INJECTION) {
        let card = Card {
            headline: m.into(),
            note: Some(m.into()),
            lines: vec![m.into()],
            ..person(m)
        };
        let inv = parse::invitation(&card);
        assert_eq!(
            inv.name, m,
            "the name is the page text, not stripped or decoded"
        );
        assert_eq!(inv.headline, m);
        assert_eq!(inv.note.as_deref(), Some(m));
        assert!(
            m.contains(inv.first_name.as_str()),
            "first name {:?} taken from {m:?}",
            inv.first_name
        );
        // Markup is not a fact: it adds no mutuals, no age, no kind.
        assert_eq!(inv.mutual_count, 0, "{m}");
        assert_eq!(inv.days_waiting, None, "{m}");
        assert_eq!(inv.kind, Kind::Person, "{m}");
        let painted = plan_of(vec![card]);
        assert_eq!(painted[0].name, m, "painted name is the same text");
        assert_verdict_sane(&scorer().score(&inv));
    }
}

#[test]
fn markup_entities_are_not_decoded() {
    let inv = parse::invitation(&person("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_eq!(inv.name, "&lt;script&gt;alert(1)&lt;/script&gt;");
    assert!(!inv.name.contains('<'));
}

#[test]
fn a_name_that_reads_like_a_fact_is_not_taken_for_one() {
    // The inviter controls their name; the profile link's text is the name, never a fact line.
    let raw = RawCard {
        lines: vec![
            Line {
                text: "Ana and 99999 other mutual connections".into(),
                hint: Hint::None,
                link: Some("/in/ana/".into()),
            },
            Line {
                text: "Engineer".into(),
                hint: Hint::Headline,
                link: None,
            },
        ],
        links: vec!["/in/ana/".into()],
        ..RawCard::default()
    };
    let card = assemble::card(&raw).expect("readable");
    assert_eq!(card.name, "Ana and 99999 other mutual connections");
    let inv = parse::invitation(&card);
    assert_eq!(inv.mutual_count, 0);
    assert_eq!(inv.first_name, "Ana");
}

#[test]
fn hostile_links_yield_no_slug_or_kind_outside_linkedin() {
    for href in [
        "javascript:alert(1)//in/ana/",
        "//evil.example/in/ana/",
        "https://evil.example/in/ana/",
        "https://linkedin.com.evil.example/in/ana/",
        "data:text/html,<script>alert(1)</script>",
    ] {
        assert_eq!(parse::slug(href), None, "{href}");
        assert_eq!(parse::kind_from_url(href), None, "{href}");
    }
    // A breakout inside a real LinkedIn path stays one opaque path segment.
    assert_eq!(
        parse::slug("/in/\"><svg onload=alert(1)>/").as_deref(),
        Some("\"><svg onload=alert(1)>")
    );
}

// ---------------------------------------------------------------------------------------------
// Template injection: page text is inserted once, literally
// ---------------------------------------------------------------------------------------------

#[test]
fn placeholders_in_page_text_are_not_expanded_again() {
    let s = settings();
    for &p in PLACEHOLDERS {
        let placeholder = format!("{{{p}}}");
        let inv = Invitation {
            key: "x".into(),
            name: format!("{placeholder} Ruiz"),
            first_name: placeholder.clone(),
            mutual_names: vec![placeholder.clone()],
            mutual_count: 2,
            ..Invitation::default()
        };
        let out = respond::render("Hi {first_name}! Via {mutual}. {name}. {my_name}", &inv, &s);
        assert_eq!(
            out,
            format!("Hi {placeholder}! Via {placeholder}. {placeholder} Ruiz. Sam"),
            "inserted once, literally"
        );
    }
}

#[test]
fn hostile_names_render_literally_through_the_whole_path() {
    let s = settings();
    let card = Card {
        lines: vec!["{first_name} and 3 other mutual connections".into()],
        ..person("{mutual} ${alert(1)} {{7*7}}")
    };
    let inv = parse::invitation(&card);
    assert_eq!(inv.first_name, "{mutual}");
    assert_eq!(inv.mutual_names, ["{first_name}"]);
    let out = respond::render("Hi {first_name}, via {mutual}. From {my_name}", &inv, &s);
    assert_eq!(out, "Hi {mutual}, via {first_name}. From Sam");
    let full = respond::render("{name}", &inv, &s);
    assert_eq!(full, "{mutual} ${alert(1)} {{7*7}}");
    assert!(!full.contains("49"), "nothing is evaluated");
    for m in messages(&inv, &s) {
        assert!(!m.contains("Sam Sam"), "{m}");
        assert!(!m.contains("there"), "first name was found: {m}");
    }
}

#[test]
fn a_name_without_letters_falls_back_to_there() {
    let s = settings();
    for name in ["{{7*7}}", "🚀🚀", "<>", "", "\u{202E}", "42"] {
        let inv = parse::invitation(&person(name));
        assert_eq!(inv.first_name, "", "{name:?}");
        assert_eq!(respond::render("Hi {first_name}!", &inv, &s), "Hi there!");
    }
}

// ---------------------------------------------------------------------------------------------
// Bidi controls, emoji and combining marks
// ---------------------------------------------------------------------------------------------

#[test]
fn bidi_and_invisible_controls_are_removed_from_every_field() {
    for &c in INVISIBLE {
        let name = format!("{c}Ana{c} Ruiz{c}");
        let card = Card {
            headline: format!("Rust{c} engineer"),
            note: Some(format!("We met{c} at RustConf")),
            lines: vec![format!("{c}Bo Li and 3 other mutual connections{c}")],
            ..person(&name)
        };
        let inv = parse::invitation(&card);
        let u = c as u32;
        assert_eq!(inv.name, "Ana Ruiz", "U+{u:04X}");
        assert_eq!(inv.first_name, "Ana", "U+{u:04X}");
        assert_eq!(inv.headline, "Rust engineer", "U+{u:04X}");
        assert_eq!(inv.note.as_deref(), Some("We met at RustConf"), "U+{u:04X}");
        assert_eq!(inv.mutual_count, 4, "U+{u:04X}");
        assert_eq!(inv.mutual_names, ["Bo Li"], "U+{u:04X}");
        for m in messages(&inv, &settings()) {
            assert!(!m.contains(c), "U+{u:04X} in {m:?}");
        }
    }
}

#[test]
fn the_right_to_left_override_cannot_disguise_a_name() {
    // "\u{202E}gnp.exe" shows as "exe.png"; after cleaning the text reads as stored.
    let inv = parse::invitation(&person("Ana \u{202E}ziuR\u{202C} Lopez"));
    assert_eq!(inv.name, "Ana ziuR Lopez");
    assert_eq!(plan_of(vec![person("\u{202E}ziuR")])[0].name, "ziuR");
}

#[test]
fn invisible_characters_do_not_hide_spam_phrases() {
    let s = scorer();
    let plain = Invitation {
        headline: "Crypto trading mentor".into(),
        ..Invitation::default()
    };
    let rule = |inv: &Invitation| {
        s.score(inv)
            .reasons
            .iter()
            .any(|r| r.rule == "spam" && r.label.contains("crypto trading"))
    };
    assert!(rule(&plain));
    for &c in INVISIBLE {
        let inv = Invitation {
            headline: format!("Cr{c}yp{c}to trading mentor"),
            ..Invitation::default()
        };
        assert!(rule(&inv), "U+{:04X} split the word", c as u32);
    }
    // Strike-through and "Zalgo" decoration are combining marks on each letter.
    let struck: String = "Crypto".chars().flat_map(|c| [c, '\u{0336}']).collect();
    let zalgo = "C\u{0334}\u{0321}r\u{0335}y\u{0338}p\u{0322}t\u{0337}o\u{0489}";
    for headline in [struck.as_str(), zalgo] {
        let inv = Invitation {
            headline: format!("{headline} trading mentor"),
            ..Invitation::default()
        };
        assert!(rule(&inv), "{headline}");
    }
}

#[test]
fn emoji_and_combining_marks_are_kept_in_names() {
    // Decomposed "José" (e + U+0301) keeps its accent; emoji-only words are not a first name.
    let inv = parse::invitation(&person("🚀 Jose\u{301} Ñúñez 🇪🇸"));
    assert_eq!(inv.name, "🚀 Jose\u{301} Ñúñez 🇪🇸");
    assert_eq!(inv.first_name, "Jose\u{301}");
    let zalgo = "Z\u{0334}\u{0321}a\u{0335}l\u{0338}g\u{0322}o\u{0337}";
    let inv = parse::invitation(&person(zalgo));
    assert_eq!(inv.name, zalgo);
    assert_eq!(inv.first_name, zalgo);
    assert_eq!(matcher::words(zalgo), ["zalgo"]);
    assert_eq!(matcher::words("Mu\u{308}ller GmbH"), ["muller", "gmbh"]);
    let s = settings();
    assert_eq!(
        respond::render("Hi {first_name}!", &inv, &s),
        format!("Hi {zalgo}!")
    );
}

#[test]
fn a_flood_of_combining_marks_stays_within_the_limits() {
    let flood = format!("A{}", "\u{0301}".repeat(10_000));
    let inv = parse::invitation(&person(&flood));
    assert!(inv.name.len() <= 200);
    assert!(inv.name.starts_with('A'));
    for m in messages(&inv, &settings()) {
        assert!(m.chars().count() <= settings().note_limit(), "{}", m.len());
    }
}

// ---------------------------------------------------------------------------------------------
// Absurd numbers
// ---------------------------------------------------------------------------------------------

#[test]
fn absurd_mutual_counts_saturate_at_the_cap() {
    for &line in ABSURD_MUTUAL {
        let m = parse::mutual(line).unwrap_or_else(|| panic!("{line} is a mutual line"));
        assert_eq!(m.count, MAX_MUTUAL, "{line}: not wrapped, not zero");
        let inv = parse::invitation(&Card {
            lines: vec![line.into()],
            ..person("Ana")
        });
        assert_eq!(inv.mutual_count, MAX_MUTUAL, "{line}");
        let v = scorer().score(&inv);
        assert_verdict_sane(&v);
        let mutual = v.reasons.iter().find(|r| r.rule == "mutual").expect(line);
        assert!(mutual.points > 0 && mutual.points <= Settings::default().rules.weights.mutual_max);
        assert!(mutual.label.starts_with("30000 mutual"), "{}", mutual.label);
    }
    // The largest real count is read exactly.
    assert_eq!(
        parse::mutual("30,000 mutual connections").unwrap().count,
        30_000
    );
    assert_eq!(
        parse::mutual("Ana and 29,999 others").unwrap().count,
        30_000
    );
    assert_eq!(parse::mutual("Ana and 1,100 others").unwrap().count, 1_101);
}

#[test]
fn numbers_that_are_not_counts_are_not_read_as_huge() {
    for line in [
        "1e309 mutual connections",
        "NaN mutual connections",
        "Infinity mutual connections",
        "-5 mutual connections",
        "0x7fffffff mutual connections",
    ] {
        let count = parse::mutual(line).map_or(0, |m| m.count);
        assert!(count <= 1, "{line}: {count}");
    }
    assert_eq!(parse::mutual("0 mutual connections"), None);
    assert_eq!(parse::mutual("Ana and 0 others"), None);
}

#[test]
fn absurd_ages_saturate_at_the_cap() {
    for &line in ABSURD_AGES {
        assert_eq!(parse::age_days(line), Some(MAX_AGE_DAYS), "{line}");
        let inv = parse::invitation(&Card {
            lines: vec![line.into()],
            ..person("Ana")
        });
        assert_eq!(inv.days_waiting, Some(MAX_AGE_DAYS), "{line}");
        let v = scorer().score(&inv);
        assert_verdict_sane(&v);
        let stale = v.reasons.iter().find(|r| r.rule == "stale").expect(line);
        assert_eq!(stale.label, format!("Waiting {MAX_AGE_DAYS} days"));
    }
    // A real old invitation is not capped.
    assert_eq!(parse::age_days("21 years ago"), Some(21 * 365));
    for line in [
        "1e309 days ago",
        "-3 days ago",
        "NaN weeks ago",
        "∞ years ago",
    ] {
        assert_eq!(parse::age_days(line), None, "{line}");
    }
    assert_eq!(parse::age_days("99999999999 minutes ago"), Some(0));
}

// ---------------------------------------------------------------------------------------------
// Huge and empty fields
// ---------------------------------------------------------------------------------------------

fn huge(unit: &str) -> String {
    unit.repeat(10_000 / unit.chars().count().max(1))
}

#[test]
fn ten_thousand_character_fields_are_cut_and_messages_fit() {
    for unit in [
        "A",
        "é",
        "🚀",
        "<b>",
        "{first_name}",
        "Ana ",
        "\u{202E}x",
        "crypto ",
    ] {
        let big = huge(unit);
        assert!(big.chars().count() >= 9_990);
        let card = Card {
            headline: big.clone(),
            note: Some(big.clone()),
            lines: vec![big.clone(), format!("Ana and {big} mutual connections")],
            target_name: big.clone(),
            ..person(&big)
        };
        let inv = parse::invitation(&card);
        assert!(inv.name.len() <= 200, "name cut");
        assert!(inv.headline.len() <= 600, "headline cut");
        assert!(inv
            .note
            .as_ref()
            .is_some_and(|n| n.len() <= parse::MAX_TEXT));
        let v = scorer().score(&inv);
        assert_verdict_sane(&v);
        assert_messages_fit(&inv, unit);
        // Straight into the scorer and the responder, bypassing the parser's cuts.
        let raw = Invitation {
            key: big.clone(),
            name: big.clone(),
            first_name: big.clone(),
            headline: big.clone(),
            note: Some(big.clone()),
            mutual_names: vec![big.clone()],
            mutual_count: 1,
            insights: vec![big.clone()],
            ..Invitation::default()
        };
        assert_verdict_sane(&scorer().score(&raw));
        assert_messages_fit(&raw, unit);
    }
}

#[test]
fn many_lines_and_many_words_still_score() {
    // Linear work: no time is asserted, but a quadratic step makes this take many seconds.
    let words = "crypto rust wasm quick call ".repeat(5_000);
    let inv = Invitation {
        headline: words.clone(),
        note: Some(words.clone()),
        ..Invitation::default()
    };
    assert_verdict_sane(&scorer().score(&inv));
    // Short lines (39 characters: not a note) before and after the name, and one line naming
    // a kind before the name: the shape that made sorting lines quadratic.
    let line = |i: usize, link: Option<&str>| Line {
        text: format!("{i:>6} lines of plain text in a hostile card")[..39].to_owned(),
        hint: Hint::None,
        link: link.map(str::to_owned),
    };
    let mut lines: Vec<Line> = (0..2_000).map(|i| line(i, None)).collect();
    lines.push(Line {
        text: "Ana invited you to join Rust".into(),
        ..line(0, None)
    });
    lines.push(Line {
        text: "Ana".into(),
        ..line(0, Some("/in/ana/"))
    });
    lines.extend((0..2_000).map(|i| line(i, None)));
    let raw = RawCard {
        lines,
        links: vec!["/in/ana/".into(), "/groups/1/".into()],
        ..RawCard::default()
    };
    let card = assemble::card(&raw).expect("readable");
    assert_eq!(card.name, "Ana");
    assert_eq!(card.lines.len(), 4_001);
    let inv = parse::invitation(&card);
    assert_eq!(inv.kind, Kind::Group);
    assert_verdict_sane(&scorer().score(&inv));
}

#[test]
fn empty_fields_are_handled() {
    let inv = parse::invitation(&Card::default());
    assert_eq!(inv.key, "unknown");
    assert_eq!(inv.name, "");
    assert_eq!(inv.mutual_count, 0);
    assert_eq!(inv.days_waiting, None);
    assert_eq!(inv.note, None, "an empty note is no note");
    let blank = parse::invitation(&Card {
        note: Some(" \u{202E}\u{200B} ".into()),
        lines: vec![String::new(), " ".into(), "\u{202E}".into()],
        ..Card::default()
    });
    assert_eq!(blank.note, None);
    assert!(blank.insights.is_empty());
    let v = scorer().score(&inv);
    assert_verdict_sane(&v);
    assert!(v.reasons.iter().any(|r| r.rule == "no_headline"));
    for m in messages(&inv, &settings()) {
        assert!(!m.contains('{'), "{m}");
        assert!(!m.contains("  "), "{m}");
    }
    assert_eq!(assemble::card(&RawCard::default()), None);
    let painted = plan_of(vec![Card::default()]);
    assert_eq!(painted[0].id, "unknown");
    for text in ["", " ", "\u{202E}"] {
        assert_eq!(parse::mutual(text), None);
        assert_eq!(parse::age_days(text), None);
        assert_eq!(parse::kind_from_text(text), None);
        assert_eq!(parse::target_from_text(text), None);
        assert_eq!(parse::slug(text), None);
        assert_eq!(parse::kind_from_url(text), None);
        assert_eq!(parse::invitation_urn(text), None);
        assert_eq!(parse::first_name(text), "");
        assert_eq!(parse::clean(text), "");
    }
}

// ---------------------------------------------------------------------------------------------
// A hostile card does not disturb the others
// ---------------------------------------------------------------------------------------------

fn hostile_cards() -> Vec<Card> {
    let mut cards: Vec<Card> = MARKUP
        .iter()
        .chain(TEMPLATE_INJECTION)
        .map(|m| Card {
            note: Some(m.to_string()),
            headline: m.to_string(),
            lines: vec![m.to_string()],
            ..person(m)
        })
        .collect();
    cards.push(Card {
        lines: ABSURD_MUTUAL
            .iter()
            .chain(ABSURD_AGES)
            .map(|s| s.to_string())
            .collect(),
        ..person("\u{202E}Ana")
    });
    cards.push(Card {
        headline: huge("crypto "),
        note: Some(huge("{first_name}")),
        ..person(&huge("🚀"))
    });
    cards.push(Card::default());
    cards
}

#[test]
fn a_normal_card_gets_the_same_paint_alone_and_among_hostile_ones() {
    let alone = plan_of(vec![normal_card()]).remove(0);
    assert_eq!(alone.bucket, Bucket::Accept, "{alone:?}");
    let mut batch = hostile_cards();
    let n = batch.len();
    batch.insert(n / 2, normal_card());
    batch.push(normal_card());
    let painted = plan_of(batch);
    for (i, at_index) in [(n / 2), n + 1].into_iter().enumerate() {
        assert_eq!(
            painted[at_index], alone,
            "normal card #{i} changed by its neighbours"
        );
    }
    for p in &painted {
        assert!(p.score <= 100);
        let sum: i64 =
            i64::from(p.base) + p.reasons.iter().map(|r| i64::from(r.points)).sum::<i64>();
        assert_eq!(i64::from(p.score), sum.clamp(0, 100), "{p:?}");
    }
    let scorer = scorer();
    let inv = parse::invitation(&normal_card());
    let before = scorer.score(&inv);
    for card in hostile_cards() {
        let _ = scorer.score(&parse::invitation(&card));
    }
    assert_eq!(scorer.score(&inv), before, "the scorer keeps no state");
}

#[test]
fn the_plan_counts_every_hostile_card() {
    let cards = hostile_cards();
    let n = cards.len() as u32;
    let settings = settings();
    let read = PageRead {
        cards: cards
            .into_iter()
            .map(|card| ReadCard { at: at(0), card })
            .collect(),
        unreadable: u32::MAX,
        own_headline: Some(MARKUP[0].into()),
        ..PageRead::default()
    };
    let p = plan::plan(&read, scorer(), &settings, &Memory::default());
    assert_eq!(p.count, n);
    assert_eq!(p.counts.accept + p.counts.review + p.counts.ignore, n);
    assert_eq!(p.status, plan::Status::Ready);
}

// ---------------------------------------------------------------------------------------------
// Fuzzing
// ---------------------------------------------------------------------------------------------

/// One 2026 Sent row whose name, headline, note and Withdraw label carry `text`.
fn sent_row(slug: &str, text: &str) -> String {
    let t = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;");
    format!(
        r#"<div role="listitem"><div><a href="/in/{slug}/"><img alt="{t}’s profile picture" src="x"></a><div><p><a href="/in/{slug}/"><strong>{t}</strong></a></p><p>{t}</p><p><span>Sent {t} ago</span></p></div><a href="https://www.linkedin.com/" aria-label="Withdraw invitation sent to {t}">Withdraw</a></div><div><span data-testid="expandable-text-box">{t}</span></div></div>"#
    )
}

#[test]
fn hostile_text_on_the_sent_tab_stays_text_and_every_row_is_read_or_counted() {
    let hostile: Vec<&str> = MARKUP
        .iter()
        .chain(TEMPLATE_INJECTION)
        .chain(ABSURD_AGES)
        .copied()
        .collect();
    let rows: String = hostile
        .iter()
        .enumerate()
        .map(|(i, t)| sent_row(&format!("member-{i}"), t))
        .collect();
    let html = common::snapshot(&format!(
        r#"<main><div data-testid="lazy-column">{rows}</div></main>"#
    ));
    let read = sent::read_sent_snapshot(&html);
    assert_eq!(
        read.cards.len() as u32 + read.unreadable,
        hostile.len() as u32
    );
    for card in &read.cards {
        assert!(card.id.starts_with("member-"), "{card:?}");
        assert!(card.days.is_none_or(|d| d <= MAX_AGE_DAYS));
        assert!(card.name.len() <= 200 && card.headline.len() <= 600);
    }
}

#[test]
fn a_sent_tab_thousands_deep_or_thousands_long_reads_in_linear_time() {
    let deep = format!(
        "<main>{}{}{}</main>",
        "<div>".repeat(20_000),
        sent_row("ana-ruiz", "Ana Ruiz"),
        "</div>".repeat(20_000)
    );
    let started = std::time::Instant::now();
    let read = sent::read_sent_snapshot(&common::snapshot(&deep));
    assert_eq!(read.cards.len(), 1);
    let rows: String = (0..3000)
        .map(|i| sent_row(&format!("m-{i}"), "Ana Ruiz"))
        .collect();
    let long = common::snapshot(&format!(
        "<main><div data-testid=\"lazy-column\">{rows}</div></main>"
    ));
    let read = sent::read_sent_snapshot(&long);
    assert_eq!(read.cards.len() + read.unreadable as usize, 3000);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    // Withdraw dialogs nested thousands deep: found, and no friction.
    let dialogs = format!(
        "{}<button>Withdraw</button>{}",
        r#"<div role="dialog">"#.repeat(5_000),
        "</div>".repeat(5_000)
    );
    let html = common::snapshot(&dialogs);
    assert_eq!(sent::read_sent_snapshot(&html).confirms.len(), 1);
    let doc = invite_triage::core::html::Document::parse(&html);
    assert!(invite_triage::core::friction::frictions(&doc).is_empty());
}

/// Cases per fuzz property when `PROPTEST_CASES` is not set: keeps `cargo test` quick.
const DEFAULT_CASES: u32 = 64;

fn config() -> ProptestConfig {
    let base = ProptestConfig::default(); // reads PROPTEST_CASES and friends
    if std::env::var_os("PROPTEST_CASES").is_some() {
        base
    } else {
        ProptestConfig {
            cases: DEFAULT_CASES,
            ..base
        }
    }
}

/// One hostile or page-like fragment.
fn fragment() -> impl Strategy<Value = String> {
    let fixed: Vec<String> = MARKUP
        .iter()
        .chain(TEMPLATE_INJECTION)
        .chain(ABSURD_MUTUAL)
        .chain(ABSURD_AGES)
        .chain(PAGE_WORDS)
        .chain(&[
            "1e309",
            "-1",
            "4294967296",
            "crypto",
            "quick call",
            "recruit",
            "urn:li:fsd_invitation:",
            "/in/",
            "https://www.linkedin.com/in/",
            "/groups/",
            "’s",
            ",",
            ".",
            "!",
            "?",
            " ",
            "\n",
            "\t",
            "🚀",
            "👩‍💻",
            "🇪🇸",
            "ليلى",
            "Ñúñez",
            "e\u{301}",
            "\u{0336}",
            "\u{0489}",
        ])
        .map(|s| s.to_string())
        .collect();
    prop_oneof![
        4 => prop::sample::select(fixed),
        2 => prop::sample::select(INVISIBLE.to_vec()).prop_map(String::from),
        2 => any::<String>(),
        1 => any::<char>().prop_map(String::from),
        1 => (prop::sample::select(vec!["9", "🚀", "\u{301}", "{", "a "]), 0..1500usize)
            .prop_map(|(unit, n)| unit.repeat(n)),
    ]
}

/// Hostile page text: fragments joined by nothing or a space.
fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec((fragment(), any::<bool>()), 0..10).prop_map(|parts| {
        let mut out = String::new();
        for (part, space) in parts {
            out.push_str(&part);
            if space {
                out.push(' ');
            }
        }
        out
    })
}

fn hostile_card() -> impl Strategy<Value = Card> {
    (
        hostile_text(),
        hostile_text(),
        prop::option::of(hostile_text()),
        prop::collection::vec(hostile_text(), 0..6),
        any::<bool>(),
        prop::sample::select(vec![
            "/in/ana/",
            "",
            "javascript:alert(1)",
            "/in/\"><b>/",
            "https://www.linkedin.com/in/%F0%9F%9A%80/",
        ]),
        prop::sample::select(vec![
            "",
            "/groups/1/",
            "/events/2/",
            "/company/x/",
            "//evil/",
        ]),
        hostile_text(),
    )
        .prop_map(
            |(name, headline, note, lines, has_photo, profile, target, target_name)| Card {
                invitation_id: String::new(),
                profile_url: profile.into(),
                target_url: target.into(),
                target_name,
                name,
                headline,
                has_photo,
                note,
                lines,
            },
        )
}

/// What `clean` must remove: bidi controls, zero-width and other invisible characters.
fn has_invisible(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() || INVISIBLE.contains(&c) || c == '\u{200C}' || c == '\u{200D}')
}

/// Whether `inv` respects the parser's cuts and caps.
fn check_invitation(inv: &Invitation) -> Result<(), TestCaseError> {
    prop_assert!(!inv.key.is_empty());
    prop_assert!(inv.name.len() <= 200);
    prop_assert!(inv.headline.len() <= 600);
    prop_assert!(inv
        .note
        .as_ref()
        .is_none_or(|n| !n.is_empty() && n.len() <= parse::MAX_TEXT));
    prop_assert!(inv.mutual_count <= MAX_MUTUAL);
    prop_assert!(inv.mutual_count as usize >= inv.mutual_names.len());
    prop_assert!(inv.days_waiting.is_none_or(|d| d <= MAX_AGE_DAYS));
    for text in [&inv.name, &inv.first_name, &inv.headline]
        .into_iter()
        .chain(inv.note.iter())
        .chain(inv.insights.iter())
    {
        prop_assert!(
            !has_invisible(text),
            "invisible character left in {:?}",
            text
        );
        prop_assert_eq!(text.trim(), text.as_str());
        prop_assert!(!text.contains("  "), "whitespace folded in {:?}", text);
    }
    prop_assert!(inv.name.contains(inv.first_name.as_str()));
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fuzz_parsers(text in hostile_text()) {
        let cleaned = parse::clean(&text);
        prop_assert!(!has_invisible(&cleaned), "{:?}", cleaned);
        prop_assert_eq!(parse::clean(&cleaned), cleaned.clone(), "clean is idempotent");
        prop_assert!(cleaned.len() <= parse::MAX_TEXT);
        prop_assert!(parse::capped(&text).len() <= parse::MAX_TEXT);
        if let Some(m) = parse::mutual(&text) {
            prop_assert!(m.count >= 1 && m.count <= MAX_MUTUAL, "{:?}", m);
            prop_assert!(m.count as usize >= m.names.len());
            prop_assert!(m.names.iter().all(|n| !n.trim().is_empty()));
        }
        if let Some(d) = parse::age_days(&text) {
            prop_assert!(d <= MAX_AGE_DAYS);
        }
        let _ = parse::kind_from_text(&text);
        if let Some(t) = parse::target_from_text(&text) {
            prop_assert!(!t.is_empty() && parse::capped(&text).contains(t.as_str()));
        }
        if let Some(s) = parse::slug(&text) {
            prop_assert!(!s.is_empty() && !s.contains('/') && text.contains(s.as_str()));
        }
        let _ = parse::kind_from_url(&text);
        if let Some(id) = parse::invitation_urn(&text) {
            prop_assert!(id.len() <= 64);
            prop_assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'));
        }
        let first = parse::first_name(&text);
        prop_assert!(cleaned.contains(first.as_str()));
        prop_assert!(!first.contains(' '));
        let _ = parse::is_fact_line(&text);
    }

    #[test]
    fn fuzz_matcher(text in hostile_text(), phrases in prop::collection::vec(hostile_text(), 0..6)) {
        let words = matcher::words(&text);
        prop_assert!(words.iter().all(|w| !w.is_empty() && !w.contains(' ')));
        let m = Matcher::new(phrases.iter().map(String::as_str));
        let found = m.find(&text);
        prop_assert_eq!(&found, &m.find_in(&words));
        prop_assert!(found.len() <= phrases.len(), "each phrase at most once");
        // A phrase always matches its own text.
        for p in &phrases {
            let own = Matcher::new([p.as_str()]);
            if !own.is_empty() && !p.trim().ends_with('*') {
                prop_assert_eq!(own.find(p).len(), 1, "{:?} does not match itself", p);
            }
        }
    }

    #[test]
    fn fuzz_render(template in hostile_text(), card in hostile_card(), premium in any::<bool>()) {
        let settings = Settings { premium, ..settings() };
        let inv = parse::invitation(&card);
        let out = respond::render(&template, &inv, &settings);
        prop_assert_eq!(out.trim(), out.as_str());
        prop_assert!(!out.contains("  "));
        // A template without braces comes out as written (whitespace folded).
        if !template.contains(['{', '}']) {
            let folded = template.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(&out, &folded);
        }
        // Page text is inserted once: rendering "{name}" gives the name, braces and all.
        let name = respond::render("{name}", &inv, &settings);
        let folded = inv.name.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(name, folded);
        let fitted = respond::fit(&out, settings.note_limit());
        prop_assert!(fitted.chars().count() <= settings.note_limit());
    }

    #[test]
    fn fuzz_card_to_verdict(card in hostile_card(), premium in any::<bool>()) {
        let settings = Settings { premium, ..settings() };
        let inv = parse::invitation(&card);
        check_invitation(&inv)?;
        let scorer = scorer();
        let v = scorer.score(&inv);
        prop_assert!(v.score <= 100);
        let sum: i64 = i64::from(v.base) + v.reasons.iter().map(|r| i64::from(r.points)).sum::<i64>();
        prop_assert_eq!(i64::from(v.score), sum.clamp(0, 100));
        for s in respond::suggestions(&inv, &v, &settings, None) {
            if let Some(m) = s.message {
                prop_assert!(m.chars().count() <= settings.note_limit(), "{} chars", m.chars().count());
            }
        }
        // The same card among others gets the same verdict.
        let alone = plan_of(vec![card.clone()]).remove(0);
        let mut batch = plan_of(vec![normal_card(), card, normal_card()]);
        prop_assert_eq!(&batch.remove(1), &alone);
        prop_assert_eq!(batch[0].bucket, Bucket::Accept);
        prop_assert_eq!(&batch[0].reasons, &batch[1].reasons);
    }

    #[test]
    fn fuzz_sent_rows(texts in prop::collection::vec(hostile_text(), 1..4), wrap in any::<bool>()) {
        let rows: String = texts.iter().enumerate().map(|(i, t)| sent_row(&format!("m-{i}"), t)).collect();
        let body = if wrap { format!("<main><ul><li>{rows}</li></ul></main>") } else { format!("<main>{rows}</main>") };
        let read = sent::read_sent_snapshot(&common::snapshot(&body));
        prop_assert!(read.cards.len() as u32 + read.unreadable >= 1);
        for card in &read.cards {
            prop_assert!(card.days.is_none_or(|d| d <= MAX_AGE_DAYS));
            prop_assert!(!has_invisible(&card.name) && !has_invisible(&card.headline));
        }
    }

    #[test]
    fn fuzz_sent_markup(text in hostile_text()) {
        let _ = sent::read_sent_snapshot(&text);
        let _ = sent::read_sent_snapshot(&common::snapshot(&text));
        let _ = sent::read_sent_snapshot(&format!("<dialog open>{text}<button aria-label=\"{text}\">Withdraw</button></dialog>"));
    }

    #[test]
    fn fuzz_raw_cards(
        lines in prop::collection::vec((hostile_text(), 0..3u8, any::<bool>()), 0..8),
        alts in prop::collection::vec(hostile_text(), 0..2),
        accept_label in hostile_text(),
    ) {
        let raw = RawCard {
            lines: lines
                .into_iter()
                .map(|(text, hint, linked)| Line {
                    text,
                    hint: [Hint::None, Hint::Headline, Hint::Note][usize::from(hint)],
                    link: linked.then(|| "/in/ana/".to_owned()),
                })
                .collect(),
            links: vec!["/in/ana/".into()],
            image_alts: alts,
            accept_label,
            ..RawCard::default()
        };
        let card = assemble::card(&raw);
        prop_assert!(card.is_some(), "a profile link makes a card");
        let inv = parse::invitation(&card.unwrap());
        check_invitation(&inv)?;
        if inv.kind == Kind::Person {
            prop_assert_eq!(inv.key.as_str(), "ana");
        }
        prop_assert!(scorer().score(&inv).score <= 100);
    }
}
