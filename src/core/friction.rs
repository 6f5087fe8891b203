//! LinkedIn's friction: what the page puts in the way of accepting ("Take care when
//! connecting", a weekly limit, an error, a security check). A batch stops at the first one it
//! did not start with, and a single action that meets one says so.
//!
//! Two kinds are found, in any language:
//! - **dialogs**: an open modal (`<dialog open>`, `[role=dialog]`, `[role=alertdialog]`,
//!   `[aria-modal=true]`) that is not hidden and has text;
//! - **alerts**: a `[role=alert]` or `[aria-live=assertive]` region whose text names a limit, an
//!   error or a check, in the languages the reader knows (success toasts are alerts too, so an
//!   alert's words decide).

use serde::{Deserialize, Serialize};

use crate::core::html::{Attr, Document, NodeId};
use crate::core::matcher::Matcher;

/// One piece of friction on the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Friction {
    /// Its element (snapshot index): the content script tells new friction from what was
    /// already there when a batch started.
    pub at: u32,
    /// `dialog` or `alert`.
    pub kind: String,
    /// What it says, shortened, for the user ("LinkedIn says: …").
    pub text: String,
}

/// Words of an alert that is friction: limits, errors, checks (en, es, fr, de, pt, it, nl).
const ALERT_PHRASES: &[&str] = &[
    // en
    "limit*",
    "something went wrong",
    "try again",
    "couldn't",
    "could not",
    "unable to",
    "security check",
    "verify",
    "take care",
    "restricted",
    // es
    "límite",
    "algo salió mal",
    "inténtalo de nuevo",
    "vuelve a intentarlo",
    "no se ha podido",
    "verificación de seguridad",
    // fr
    "limite*",
    "un problème est survenu",
    "une erreur",
    "réessayez",
    "impossible de",
    "vérification de sécurité",
    // de
    "etwas ist schiefgelaufen",
    "später erneut",
    "fehler",
    "sicherheitsüberprüfung",
    "nicht möglich",
    // pt
    "algo deu errado",
    "tente novamente",
    "não foi possível",
    "verificação de segurança",
    // it
    "si è verificato un errore",
    "riprova",
    "impossibile",
    "controllo di sicurezza",
    // nl
    "er is iets misgegaan",
    "probeer het later",
    "limiet*",
    "niet mogelijk",
    "beveiligingscontrole",
];

/// How much of a friction's text is kept.
const TEXT_CHARS: usize = 160;

fn is_dialog(doc: &Document, el: NodeId) -> bool {
    (doc.tag(el) == "dialog" && doc.has_attr(el, Attr::Open))
        || matches!(doc.attr(el, Attr::Role), Some("dialog" | "alertdialog"))
        || doc.attr(el, Attr::AriaModal) == Some("true")
}

fn is_alert(doc: &Document, el: NodeId) -> bool {
    doc.attr(el, Attr::Role) == Some("alert") || doc.attr(el, Attr::AriaLive) == Some("assertive")
}

/// Hidden by itself, or a `<dialog>` without `open` (see [`crate::core::read::is_closed`]).
fn hides(doc: &Document, el: NodeId) -> bool {
    crate::core::read::is_closed(doc, el)
}

fn shortened(text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.chars().count() <= TEXT_CHARS {
        return words;
    }
    let mut cut: String = words.chars().take(TEXT_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Every piece of friction on the page, outermost first (a dialog's own alert is not counted
/// again).
pub fn frictions(doc: &Document) -> Vec<Friction> {
    let hidden = doc.within(|el| hides(doc, el));
    // LinkedIn's own "Withdraw invitation" confirm is the step a withdrawal expects, not
    // friction (an alert inside it still is).
    let (_, withdraw_confirms) = crate::core::sent::confirms(doc);
    let mut alert_words: Option<Matcher> = None;
    let mut out = Vec::new();
    let mut inside_until: NodeId = 0;
    for el in doc.elements() {
        if el < inside_until || hidden[el] {
            continue;
        }
        let kind = if is_dialog(doc, el) {
            if withdraw_confirms.binary_search(&el).is_ok() {
                continue;
            }
            "dialog"
        } else if is_alert(doc, el) {
            "alert"
        } else {
            continue;
        };
        let Some(at) = doc.index(el) else { continue };
        let text = doc
            .text_nodes(el)
            .filter(|&(n, _)| !hidden[n])
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .join(" ");
        let mut names_friction = |text: &str| {
            let words =
                alert_words.get_or_insert_with(|| Matcher::new(ALERT_PHRASES.iter().copied()));
            !words.find(text).is_empty()
        };
        if text.trim().is_empty() || (kind == "alert" && !names_friction(&text)) {
            continue;
        }
        inside_until = doc.end(el);
        out.push(Friction {
            at,
            kind: kind.into(),
            text: shortened(&text),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(body: &str) -> Vec<(u32, String, String)> {
        let html = format!("<html><body data-ti=\"0\">{body}</body></html>");
        frictions(&Document::parse(&html))
            .into_iter()
            .map(|f| (f.at, f.kind, f.text))
            .collect()
    }

    #[test]
    fn an_open_modal_is_friction_in_any_language() {
        let take_care = r#"<div data-ti="1" role="dialog" aria-modal="true"><h2 data-ti="2">Take care when connecting</h2><button data-ti="3">Accept invite</button></div>"#;
        assert_eq!(
            found(take_care),
            vec![(
                1,
                "dialog".into(),
                "Take care when connecting Accept invite".into()
            )]
        );
        let polish = r#"<dialog data-ti="1" open><p data-ti="2">Zachowaj ostrożność</p></dialog>"#;
        assert_eq!(found(polish).len(), 1, "a dialog needs no words we know");
    }

    #[test]
    fn closed_hidden_or_empty_dialogs_are_not_friction() {
        assert!(found(r#"<dialog data-ti="1"><p data-ti="2">Withdraw?</p></dialog>"#).is_empty());
        assert!(
            found(r#"<div data-ti="1" role="dialog" hidden><p data-ti="2">Hi</p></div>"#)
                .is_empty()
        );
        assert!(found(r#"<div data-ti="1" style="display: none"><div data-ti="2" role="dialog">Hi</div></div>"#).is_empty());
        assert!(found(r#"<div data-ti="1" role="dialog"> </div>"#).is_empty());
    }

    #[test]
    fn an_open_withdraw_confirm_is_no_friction_but_a_limit_alert_in_it_is() {
        let confirm = r#"<dialog data-ti="1" open data-testid="dialog"><h2 data-ti="2">Withdraw invitation</h2><p data-ti="3">If you withdraw now, you won't be able to resend to this person for up to 3 weeks.</p><button data-ti="4" aria-label="Dismiss">×</button><button data-ti="5">Cancel</button><button data-ti="6" aria-label="Withdraw invitation sent to Ana Ruiz">Withdraw</button></dialog>"#;
        assert!(found(confirm).is_empty(), "{:?}", found(confirm));
        let artdeco = r#"<div data-ti="1" class="artdeco-modal" role="dialog"><h2 data-ti="2">Withdraw invitation</h2><button data-ti="3">Cancel</button><button data-ti="4" class="artdeco-modal__confirm-dialog-btn">Withdraw</button></div>"#;
        assert!(found(artdeco).is_empty());
        let limited = confirm.replace(
            "</dialog>",
            r#"<div data-ti="7" role="alert">You’ve reached the weekly limit for withdrawing invitations</div></dialog>"#,
        );
        assert_eq!(found(&limited).len(), 1);
        assert_eq!(found(&limited)[0].1, "alert");
        let limit_alone = r#"<div data-ti="1" role="alert">You’ve reached the weekly limit for withdrawing invitations. Try again next week.</div>"#;
        assert_eq!(found(limit_alone).len(), 1);
        // A dialog with only Cancel is still friction.
        let other = r#"<div data-ti="1" role="dialog"><p data-ti="2">Take care</p><button data-ti="3">Cancel</button></div>"#;
        assert_eq!(found(other).len(), 1);
    }

    #[test]
    fn alerts_are_friction_only_when_they_name_a_limit_an_error_or_a_check() {
        let limit =
            r#"<div data-ti="1" role="alert">You’ve reached the weekly invitation limit</div>"#;
        assert_eq!(found(limit)[0].1, "alert");
        let oops = r#"<div data-ti="1" aria-live="assertive">Er is iets misgegaan. Probeer het later opnieuw.</div>"#;
        assert_eq!(found(oops).len(), 1);
        let success = r#"<div data-ti="1" role="alert">Ana Ruiz is now a connection</div>"#;
        assert!(found(success).is_empty(), "a success toast is no friction");
    }

    #[test]
    fn a_dialogs_own_alert_is_one_friction_and_long_text_is_shortened() {
        let nested = format!(
            r#"<div data-ti="1" role="dialog"><div data-ti="2" role="alert">Something went wrong {}</div></div>"#,
            "word ".repeat(100)
        );
        let found = found(&nested);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2.chars().count(), TEXT_CHARS);
        assert!(found[0].2.ends_with('…'));
    }
}
