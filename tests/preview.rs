//! The options page's preview reads its sample as the page reader reads a card: a sample with
//! a page card's fields scores, and is given its messages, exactly as that card on the page.

mod common;

use common::{fixture, snapshot, C2_CARD};
use invite_triage::core::invitation::Card;
use invite_triage::core::plan::{self, CardPaint, Memory, PageRead};
use invite_triage::core::preview::{self, Sample};
use invite_triage::core::read;
use invite_triage::core::score::Scorer;
use invite_triage::core::settings::Settings;
use invite_triage::core::{lang, parse};

/// The sample the preview form would hold for `card`: its texts, as LinkedIn shows them.
fn sample_of(card: &Card) -> Sample {
    let line = |is: fn(&str) -> bool| card.lines.iter().find(|l| is(l)).cloned();
    Sample {
        name: card.name.clone(),
        headline: card.headline.clone(),
        mutual: line(|l| parse::mutual(l).is_some()).unwrap_or_default(),
        age: line(|l| parse::age_days(l).is_some()).unwrap_or_default(),
        note: card.note.clone().unwrap_or_default(),
        has_photo: card.has_photo,
        profile: card.profile_url.clone(),
        ..Sample::default()
    }
}

/// A paint without where it sits: a sample has no card root and no LinkedIn controls.
fn placed_nowhere(mut paint: CardPaint) -> CardPaint {
    paint.at = Default::default();
    for action in &mut paint.actions {
        action.control = None;
        action.missing_control = action.resolves;
    }
    paint
}

fn page_paints(page: &PageRead, settings: &Settings) -> (Vec<CardPaint>, Scorer) {
    let scorer = match &page.own_headline {
        Some(h) => Scorer::new(settings).with_own_headline(h),
        None => Scorer::new(settings),
    };
    let plan = plan::plan(page, &scorer, settings, &Memory::default());
    (plan.cards, scorer)
}

#[test]
fn the_preview_of_the_c2_card_is_the_page_card() {
    let settings = Settings::default();
    let page = read::read_snapshot(&snapshot(&format!("<main><div>{C2_CARD}</div></main>")));
    let (paints, scorer) = page_paints(&page, &settings);
    let on_page = &page.cards[0].card;

    // The form holds only the texts: the profile link is made from the name.
    let sample = Sample {
        name: "Ana Ruiz".into(),
        headline: "Staff engineer at Acme · Rust, distributed systems".into(),
        mutual: "Ben Ode and 12 other mutual connections".into(),
        age: "3 weeks ago".into(),
        note: "Hi! We worked together at Acme on the storage team, would love to stay in touch."
            .into(),
        has_photo: true,
        ..Sample::default()
    };
    assert_eq!(&preview::card(&sample), on_page, "read as the same card");
    let preview = preview::preview(&sample, &scorer, &settings);
    assert_eq!(preview.card, placed_nowhere(paints[0].clone()));
    assert_eq!(preview.card.score, paints[0].score);
    assert_eq!(preview.card.reasons, paints[0].reasons);
    let messages = |p: &CardPaint| -> Vec<Option<String>> {
        p.actions.iter().map(|a| a.message.clone()).collect()
    };
    assert_eq!(messages(&preview.card), messages(&paints[0]));
    assert_eq!(preview.bucket_words, plan::BucketWords::default());
}

#[test]
fn every_fixture_card_the_form_can_hold_previews_as_on_its_page() {
    let settings = Settings::default();
    let mut compared = 0;
    for name in [
        "era-a.html",
        "era-b.html",
        "era-c1.html",
        "era-c2.html",
        "layout-current.html",
        "lang-fr.html",
        "lang-de.html",
    ] {
        let page = read::read_snapshot(&fixture(name));
        let (paints, scorer) = page_paints(&page, &settings);
        for (rc, paint) in page.cards.iter().zip(paints) {
            let card = &rc.card;
            // The form has a field for the mutual line and the age, not for other lines.
            let held = card
                .lines
                .iter()
                .all(|l| parse::mutual(l).is_some() || parse::age_days(l).is_some())
                && card.lines.len() <= 2
                && card.target_url.is_empty()
                && !lang::is_card_chrome(&card.headline);
            if !held {
                continue;
            }
            let sample = sample_of(card);
            let read_back = preview::card(&sample);
            assert_eq!(
                Card {
                    invitation_id: card.invitation_id.clone(),
                    ..read_back
                },
                *card,
                "{name}: {}",
                card.name
            );
            let preview = preview::preview(&sample, &scorer, &settings);
            assert_eq!(preview.card, placed_nowhere(paint), "{name}: {}", card.name);
            compared += 1;
        }
    }
    eprintln!("{compared} cards compared");
    assert!(compared >= 12, "only {compared} cards compared");
}

#[test]
fn dr_ana_ruiz_is_greeted_as_ana_and_her_mutual_connection_is_named() {
    let settings = Settings::default();
    let sample = Sample {
        name: "Dr. Ana Ruiz".into(),
        mutual: "Bo Li and 3 other mutual connections".into(),
        ..Sample::default()
    };
    let preview = preview::preview(&sample, &Scorer::new(&settings), &settings);
    let thanks = preview
        .card
        .actions
        .iter()
        .find(|a| a.action == "accept-thank")
        .and_then(|a| a.message.clone())
        .unwrap();
    assert!(
        thanks.contains("Ana!") && !thanks.contains("Dr."),
        "{thanks}"
    );
    assert!(thanks.contains("Bo Li"), "{thanks}");
}
