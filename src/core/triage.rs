//! One snapshot of an invitations page to its paint plan: parsed, read as the tab its address
//! names (received or sent invitations), trimmed when it is one part of a long page
//! ([`crate::core::partial`]), and planned.

use crate::core::friction;
use crate::core::html::Document;
use crate::core::partial::Cut;
use crate::core::plan::{self, Memory, PaintPlan};
use crate::core::read;
use crate::core::score::Scorer;
use crate::core::sent;
use crate::core::sent_plan::{self, PageKind};
use crate::core::settings::Settings;

/// The paint plan of one snapshot (HTML whose elements carry `data-ti` indices), with
/// `memory.url` naming the tab. `scorer` is compiled from `settings`.
pub fn triage(html: &str, scorer: &Scorer, settings: &Settings, memory: &Memory) -> PaintPlan {
    let doc = Document::parse(html);
    let cut = Cut::of(&doc);
    let mut plan = if PageKind::of(&memory.url) == PageKind::Sent {
        let mut read = sent::read_sent(&doc);
        if let Some(cut) = &cut {
            cut.trim_sent(&mut read);
        }
        let mut plan = sent_plan::plan_sent(&read, settings, memory);
        plan.frictions = friction::frictions(&doc);
        plan
    } else {
        let mut page = read::read_document(&doc);
        if let Some(cut) = &cut {
            cut.trim_received(&mut page);
        }
        // The member's own headline, where the page shows it, stands in for unset fields.
        match &page.own_headline {
            Some(h) => plan::plan(
                &page,
                &scorer.clone().with_own_headline(h),
                settings,
                memory,
            ),
            None => plan::plan(&page, scorer, settings, memory),
        }
    };
    plan.partial = cut.is_some();
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARD: &str = r#"<li data-ti="{a}"><a data-ti="{b}" href="/in/p{n}/">Person {n}</a><button data-ti="{c}" aria-label="Ignore an invitation to connect from Person {n}">Ignore</button><button data-ti="{d}" aria-label="Accept an invitation to connect from Person {n}">Accept</button></li>"#;

    fn card(n: u32) -> String {
        CARD.replace("{a}", &(n * 10).to_string())
            .replace("{b}", &(n * 10 + 1).to_string())
            .replace("{c}", &(n * 10 + 2).to_string())
            .replace("{d}", &(n * 10 + 3).to_string())
            .replace("{n}", &n.to_string())
    }

    fn plan_of(body: &str, url: &str) -> PaintPlan {
        let html = format!(
            r#"<html lang="en"><body><main data-ti="9000"><ul data-ti="9001">{body}</ul></main></body></html>"#
        );
        let settings = Settings::default();
        let memory = Memory {
            url: url.to_owned(),
            ..Memory::default()
        };
        triage(&html, &Scorer::new(&settings), &settings, &memory)
    }

    #[test]
    fn a_whole_page_is_planned_whole() {
        let plan = plan_of(
            &(1..4).map(card).collect::<String>(),
            "https://www.linkedin.com/mynetwork/invitation-manager/",
        );
        assert!(!plan.partial);
        let ids: Vec<&str> = plan.cards.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["p1", "p2", "p3"]);
    }

    #[test]
    fn a_part_says_so_and_keeps_only_what_it_read_whole() {
        let body = format!(
            "{}{}{}<li data-triage-later=\"\"></li>",
            card(1),
            card(2),
            card(3)
        );
        let plan = plan_of(
            &body,
            "https://www.linkedin.com/mynetwork/invitation-manager/",
        );
        assert!(plan.partial);
        let ids: Vec<&str> = plan.cards.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["p1", "p2"], "the last card before the cut waits");
        assert_eq!((plan.unreadable, plan.list.is_none()), (0, true));
    }
}
