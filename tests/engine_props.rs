//! Properties that hold for any page text: parsing never panics, scores stay in range and
//! every point of a score comes from a listed reason.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::PAGE_WORDS;
use invite_triage::core::assemble::{self, Hint, Line, RawCard};
use invite_triage::core::invitation::{Card, Invitation, Kind};
use invite_triage::core::parse;
use invite_triage::core::respond;
use invite_triage::core::score::Scorer;
use invite_triage::core::sent;
use invite_triage::core::settings::Settings;
use proptest::prelude::*;

/// Page-like text: words from LinkedIn's phrasings mixed with arbitrary Unicode.
fn page_text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(PAGE_WORDS);
    prop_oneof![
        any::<String>(),
        prop::collection::vec(words, 0..12).prop_map(|w| w.join(" ")),
    ]
}

fn invitation() -> impl Strategy<Value = Invitation> {
    (
        page_text(),
        page_text(),
        prop::option::of(page_text()),
        any::<bool>(),
        any::<u32>(),
        prop::option::of(any::<u32>()),
        prop::sample::select(vec![
            Kind::Person,
            Kind::Group,
            Kind::Event,
            Kind::Page,
            Kind::Newsletter,
        ]),
    )
        .prop_map(
            |(name, headline, note, has_photo, mutual_count, days, kind)| Invitation {
                kind,
                key: name.clone(),
                first_name: parse::first_name(&name),
                name,
                headline,
                note,
                has_photo,
                mutual_count,
                days_waiting: days,
                ..Invitation::default()
            },
        )
}

/// Pieces of Sent-tab markup (opened and closed in any order) that the sent reader's property
/// mixes into pages.
const SENT_MARKUP: &[&str] = &[
    "<main>",
    "</main>",
    "<ul>",
    "</ul>",
    "<li>",
    "</li>",
    "<div role=\"listitem\">",
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<a href=\"/in/ana-ruiz/\">Ana Ruiz</a>",
    "<a href=\"/in/ben-ode/\">Ben Ode</a>",
    "<a href=\"https://www.linkedin.com/\" aria-label=\"Withdraw invitation sent to Ana Ruiz\">Withdraw</a>",
    "<button aria-label=\"Withdrawn invitation sent to Ben Ode\">Withdraw</button>",
    "<button>Withdraw</button>",
    "<button>Cancel</button>",
    "<dialog open>",
    "<dialog>",
    "</dialog>",
    "<div class=\"artdeco-modal\">",
    "<div hidden>",
    "<div data-triage-known></div>",
    "<div data-triage-id=\"ana-ruiz\">",
    "<span>Sent 3 weeks ago</span>",
    "<span data-testid=\"expandable-text-box\">Hi Ana</span>",
    "Staff engineer",
    "<h2>People you may know</h2>",
    "<button aria-pressed=\"true\">People (2)</button>",
];

proptest! {
    #[test]
    fn parsers_never_panic(text in page_text()) {
        let _ = parse::mutual(&text);
        let _ = parse::age_days(&text);
        let _ = parse::kind_from_text(&text);
        let _ = parse::target_from_text(&text);
        let _ = parse::slug(&text);
        let _ = parse::kind_from_url(&text);
        let _ = parse::invitation_urn(&text);
        let _ = parse::first_name(&text);
    }

    #[test]
    fn cards_of_any_text_parse(name in page_text(), lines in prop::collection::vec(page_text(), 0..6), note in prop::option::of(page_text())) {
        let card = Card { name, lines: lines.clone(), note, profile_url: "/in/x/".into(), ..Card::default() };
        let inv = parse::invitation(&card);
        prop_assert!(!inv.key.is_empty());
        let raw = RawCard {
            lines: lines.into_iter().map(|text| Line { text, hint: Hint::None, link: None }).collect(),
            links: vec!["/in/x/".into()],
            ..RawCard::default()
        };
        prop_assert!(assemble::card(&raw).is_some());
    }

    #[test]
    fn the_sent_reader_never_panics_and_counts_what_it_reads(html in any::<String>(), words in prop::collection::vec(prop::sample::select(SENT_MARKUP), 0..40)) {
        let _ = sent::read_sent_snapshot(&html);
        let page = common::snapshot(&words.concat());
        let read = sent::read_sent_snapshot(&page);
        for card in &read.cards {
            prop_assert!(!card.id.is_empty());
            prop_assert!(card.withdraw.is_some());
        }
        prop_assert_eq!(sent::read_sent_snapshot(&page), read, "deterministic");
    }

    #[test]
    fn scores_stay_in_range_and_reasons_add_up(inv in invitation()) {
        let settings = Settings::default();
        let scorer = Scorer::new(&settings).with_own_headline("Rust engineer at Ferrous Labs");
        let v = scorer.score(&inv);
        prop_assert!(v.score <= 100);
        let sum: i64 = i64::from(v.base) + v.reasons.iter().map(|r| i64::from(r.points)).sum::<i64>();
        prop_assert_eq!(i64::from(v.score), sum.clamp(0, 100));
        prop_assert_eq!(scorer.score(&inv), v.clone(), "deterministic");
        let strengths: Vec<u32> = v.reasons.iter().map(|r| r.points.unsigned_abs()).collect();
        prop_assert!(strengths.windows(2).all(|w| w[0] >= w[1]), "strongest first: {:?}", strengths);
        for s in respond::suggestions(&inv, &v, &settings, None) {
            if let Some(m) = s.message {
                prop_assert!(m.chars().count() <= settings.note_limit());
            }
        }
    }

    #[test]
    fn templates_of_any_text_render_or_are_refused(template in page_text()) {
        let mut settings = Settings::default();
        settings.templates.reply = template.clone();
        let inv = Invitation { first_name: "Ana".into(), ..Invitation::default() };
        let rendered = respond::render(&template, &inv, &settings);
        if settings.validate().is_ok() {
            prop_assert!(!rendered.contains("{first_name}"), "placeholder left in {:?}", rendered);
        }
    }

    /// The note coach: any dialog snapshot and any note are read and scored without a panic,
    /// the score is its base plus its reasons, and every template fits the note limit.
    #[test]
    fn the_coach_never_panics_and_adds_up(dialog in page_text(), note in page_text(), premium in any::<bool>()) {
        use invite_triage::core::coach;
        let settings = Settings { premium, ..Settings::default() };
        let snapshot = format!("<html><body><div role=\"dialog\"><h2>Add a note to your invitation to {dialog}</h2></div><section data-testid=\"triage-coach-profile\"><h1>{dialog}</h1><p>{note}</p></section></body></html>");
        let c = coach::coach_snapshot(&snapshot, &note, &Scorer::new(&Settings::default()), &settings);
        let total = c.base + c.reasons.iter().map(|r| r.points).sum::<i32>();
        prop_assert_eq!(i32::from(c.score), total.clamp(0, 100));
        prop_assert_eq!(c.length as usize, note.encode_utf16().count());
        for t in &c.templates {
            prop_assert!(coach::utf16_len(&t.text) <= settings.note_limit(), "{:?}", t.text);
        }
    }
}
