//! The note coach (`core::coach`): notes scored as the recipient's engine would score them,
//! the length as LinkedIn counts it, templates filled and cut, the recipient read from the
//! dialog's texts and the profile's top card.

use invite_triage::core::coach::{self, fit_utf16, read_recipient, utf16_len, Coaching, Recipient};
use invite_triage::core::score::{Bucket, Scorer};
use invite_triage::core::settings::Settings;

fn ana() -> Recipient {
    Recipient {
        name: "Ana Ruiz".into(),
        first_name: "Ana".into(),
        headline: "Rust engineer at Ferrous Labs".into(),
        company: "Ferrous Labs".into(),
    }
}

fn coached(note: &str, settings: &Settings) -> Coaching {
    coach::coach(note, &ana(), &Scorer::new(&Settings::default()), settings)
}

fn labels(c: &Coaching) -> Vec<&str> {
    c.reasons.iter().map(|r| r.label.as_str()).collect()
}

#[test]
fn a_pitch_scores_ignore() {
    let c = coached(
        "I help companies like yours grow revenue, let's hop on a quick call",
        &Settings::default(),
    );
    assert_eq!(c.bucket, Bucket::Ignore, "{:?}", labels(&c));
    assert!(
        labels(&c).iter().any(|l| l.starts_with("Sales pitch")),
        "{:?}",
        labels(&c)
    );
}

#[test]
fn a_personal_note_naming_the_recipient_and_where_you_met_scores_accept() {
    let c = coached(
        "Hi Ana, great meeting you at RustConf yesterday — loved your talk on async; would like \
         to stay in touch",
        &Settings::default(),
    );
    assert_eq!(c.bucket, Bucket::Accept, "{} {:?}", c.score, labels(&c));
    let l = labels(&c);
    assert!(l.contains(&"Greets Ana by name"), "{l:?}");
    assert!(
        l.iter()
            .any(|l| l.starts_with("Note says how you know each other")),
        "{l:?}"
    );
    assert!(
        l.iter()
            .any(|l| l.starts_with("Says why you want to connect")),
        "{l:?}"
    );
}

#[test]
fn the_stock_note_is_generic_in_every_language() {
    for stock in [
        "I'd like to add you to my professional network on LinkedIn.",
        "Me gustaría añadirte a mi red profesional en LinkedIn.",
        "Je souhaiterais vous inviter à rejoindre mon réseau professionnel sur LinkedIn.",
    ] {
        let c = coached(stock, &Settings::default());
        let l = labels(&c);
        assert!(l.contains(&"A stock or mass-invite note"), "{stock}: {l:?}");
        assert_ne!(c.bucket, Bucket::Accept, "{stock}");
        // A stock note gives no reason of its own: its "why" is either missing or stock.
        assert!(
            l.contains(&"Its reason to connect reads as stock wording or a pitch")
                || l.contains(&"Does not say why you want to connect"),
            "{l:?}"
        );
        assert!(!l.iter().any(|r| r.starts_with("Says why")), "{l:?}");
    }
}

#[test]
fn the_score_is_the_base_plus_every_reason() {
    for note in [
        "",
        "Hi Ana",
        "I help companies like yours grow revenue, let's hop on a quick call",
        &"x".repeat(400),
    ] {
        let c = coached(note, &Settings::default());
        let total = c.base + c.reasons.iter().map(|r| r.points).sum::<i32>();
        assert_eq!(i32::from(c.score), total.clamp(0, 100), "{note}");
    }
}

#[test]
fn length_counts_utf16_units_against_200_or_300() {
    assert_eq!(utf16_len("😀"), 2);
    assert_eq!(
        utf16_len("e\u{301}"),
        2,
        "a combining mark is a unit of its own"
    );
    assert_eq!(utf16_len("中文字"), 3, "CJK in the BMP is one unit each");
    let free = Settings::default();
    let premium = Settings {
        premium: true,
        ..Settings::default()
    };
    // 101 emoji are 202 units: over 200, under 300.
    let note = "😀".repeat(101);
    let c = coached(&note, &free);
    assert_eq!((c.length, c.limit), (202, 200));
    assert!(
        labels(&c).iter().any(|l| l.contains("200-character limit")),
        "{:?}",
        labels(&c)
    );
    let c = coached(&note, &premium);
    assert_eq!((c.length, c.limit), (202, 300));
    assert!(!labels(&c).iter().any(|l| l.contains("limit")));
    // 200 CJK characters are exactly at the limit: fine.
    let c = coached(&"中".repeat(200), &free);
    assert_eq!(c.length, 200);
    assert!(!labels(&c).iter().any(|l| l.contains("limit")));
    let c = coached(&"e\u{301}".repeat(101), &free);
    assert_eq!(c.length, 202);
}

#[test]
fn templates_are_filled_from_the_page_and_cut_to_the_limit() {
    let mut s = Settings {
        my_name: "Sam Rivera".into(),
        ..Settings::default()
    };
    let c = coached("", &s);
    let keys: Vec<&str> = c.templates.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(
        keys,
        ["coach_met", "coach_talk", "coach_group", "coach_recruiter"]
    );
    for t in &c.templates {
        assert!(t.text.starts_with("Hi Ana,"), "{}", t.text);
        assert!(t.text.ends_with("Sam Rivera"), "{}", t.text);
        assert!(!t.text.contains('{'), "{}", t.text);
    }
    let recruiter = &c.templates[3].text;
    assert!(recruiter.contains("at Ferrous Labs"), "{recruiter}");
    // Without a company, its sentence is left out.
    let nobody = Recipient {
        name: "Bo Li".into(),
        first_name: "Bo".into(),
        ..Recipient::default()
    };
    let c = coach::coach("", &nobody, &Scorer::new(&s), &s);
    assert!(
        !c.templates[3].text.contains("experience at"),
        "{}",
        c.templates[3].text
    );
    // Trimmed at a word, within the limit in UTF-16 units.
    s.templates.coach_met = "Hi {first_name}, 😀 ".to_string() + &"wonderful ".repeat(40);
    let c = coached("", &s);
    let met = &c.templates[0].text;
    assert!(utf16_len(met) <= 200, "{}", utf16_len(met));
    assert!(met.ends_with("wonderful…"), "{met}");
    s.premium = true;
    let c = coached("", &s);
    assert!(utf16_len(&c.templates[0].text) > 200 && utf16_len(&c.templates[0].text) <= 300);
    assert_eq!(fit_utf16("a b", 200), "a b");
}

#[test]
fn coach_templates_are_validated_with_their_placeholders() {
    let mut s = Settings::default();
    s.templates.coach_recruiter = "Hi {first_name} at {company}, {headline}".into();
    assert_eq!(s.validate(), Ok(()));
    s.templates.coach_talk = "Hi {nope}".into();
    let errors = s.validate().unwrap_err();
    assert_eq!(errors[0].field, "templates.coach_talk");
    assert!(
        errors[0].message.contains("{company}"),
        "{}",
        errors[0].message
    );
    // The other templates do not take the coach's placeholders.
    let mut s = Settings::default();
    s.templates.reply = "At {company}".into();
    assert_eq!(s.validate().unwrap_err()[0].field, "templates.reply");
}

fn dialog(text: &str) -> String {
    format!(
        "<html><body><div data-testid=\"triage-coach-dialog\"><div role=\"dialog\" \
         aria-modal=\"true\"><h2>{text}</h2><textarea></textarea><button>Send</button></div>\
         </div></body></html>"
    )
}

#[test]
fn the_recipient_is_read_from_the_dialog_in_several_languages() {
    for (text, name) in [
        ("Add a note to your invitation to Ana Ruiz", "Ana Ruiz"),
        (
            "You can add a note to personalize your invitation to Dr. Siobhán O’Brien.",
            "Dr. Siobhán O’Brien",
        ),
        (
            "Ajoutez une note à votre invitation à Jean de la Fontaine",
            "Jean de la Fontaine",
        ),
        ("Añade una nota a tu invitación a María José", "María José"),
        (
            "Fügen Sie Ihrer Einladung an Jan van Dijk eine Nachricht hinzu",
            "Jan van Dijk",
        ),
        ("Add a note to your invitation to 王小明", "王小明"),
    ] {
        let r = read_recipient(&dialog(text));
        assert_eq!(r.name, name, "{text}");
    }
    assert_eq!(
        read_recipient(&dialog("Add a note to your invitation to Dr. Ana Ruiz")).first_name,
        "Ana"
    );
    assert_eq!(
        read_recipient(&dialog("Add a note to your invitation?")).name,
        ""
    );
}

#[test]
fn the_profile_top_card_gives_the_name_headline_and_company() {
    let html = "<html><body><div data-testid=\"triage-coach-dialog\"><div role=\"dialog\">\
        <h2>Add a note to your invitation?</h2></div></div>\
        <section data-testid=\"triage-coach-profile\"><h1>Ana Ruiz</h1><span>(She/Her)</span>\
        <div class=\"text-body-medium\">Rust engineer at Ferrous Labs | Speaker</div>\
        <button aria-label=\"Current company: Ferrous Labs. Click to skip to experience card\">\
        Ferrous Labs</button><span>500+ connections</span></section></body></html>";
    let r = read_recipient(html);
    assert_eq!(r.name, "Ana Ruiz");
    assert_eq!(r.first_name, "Ana");
    assert_eq!(r.headline, "Rust engineer at Ferrous Labs | Speaker");
    assert_eq!(r.company, "Ferrous Labs");
    // Without the class hint, the first real line after the name; the company from it.
    let html = "<html><body><section data-testid=\"triage-coach-profile\"><h1>Bo Li</h1>\
        <p>· 2nd</p><p>Data scientist at Hooli</p></section></body></html>";
    let r = read_recipient(html);
    assert_eq!(
        (r.name.as_str(), r.headline.as_str(), r.company.as_str()),
        ("Bo Li", "Data scientist at Hooli", "Hooli")
    );
}

#[test]
fn hostile_snapshots_never_panic() {
    for html in [
        "",
        "<",
        "<html><body><div data-testid=\"triage-coach-dialog\">",
        "<section data-testid=\"triage-coach-profile\"><h1></h1></section>",
        "<div role=dialog>invitation to </div>",
        "<div role=dialog>invitation to 😀😀😀 é\u{301}</div>",
        "<div aria-label=\"Current company: \">x</div>",
    ] {
        let r = read_recipient(html);
        let s = Settings::default();
        let _ = coach::coach(html, &r, &Scorer::new(&s), &s);
    }
}
