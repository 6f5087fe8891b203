//! The domain types: what one invitation says, once read and parsed.

use serde::{Deserialize, Serialize};

/// What an invitation asks of the user.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An invitation to connect from a person.
    #[default]
    Person,
    /// An invitation to join a group.
    Group,
    /// An invitation to attend an event.
    Event,
    /// An invitation to follow a company, showcase or school page.
    Page,
    /// An invitation to subscribe to a newsletter.
    Newsletter,
}

/// The raw texts and links of one invitation card, as the page reader found them.
///
/// No interpretation happens here: `parse::invitation` turns a card into an [`Invitation`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Card {
    /// LinkedIn's invitation id when the page exposes one (for example from a
    /// `urn:li:fsd_invitation:…` link), else empty.
    pub invitation_id: String,
    /// The inviter's profile link (`/in/<slug>/`), absolute or relative, or empty.
    pub profile_url: String,
    /// The link to the target of a non-person invitation (`/groups/…`, `/events/…`,
    /// `/company/…`, `/showcase/…`, `/school/…`, `/newsletters/…`), or empty.
    pub target_url: String,
    /// The visible text of the target link (group, event, page or newsletter name), or empty.
    pub target_name: String,
    /// The inviter's display name as shown.
    pub name: String,
    /// The headline (occupation) line, or empty.
    pub headline: String,
    /// Whether a real photo is shown (not a ghost placeholder).
    pub has_photo: bool,
    /// The personal note, if the card shows one.
    pub note: Option<String>,
    /// Every other short text line of the card, in page order (insights, time, the
    /// "invited you to …" sentence, sub-lines such as "Newsletter • Monthly").
    pub lines: Vec<String>,
}

/// One invitation, parsed into facts the scorer can use.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Invitation {
    /// Person, group, event, page or newsletter.
    pub kind: Kind,
    /// A stable key: the profile slug, or LinkedIn's invitation id, or a target-based key.
    pub key: String,
    /// The inviter's full display name.
    pub name: String,
    /// The inviter's first name (honorifics skipped), for messages.
    pub first_name: String,
    /// The inviter's headline, or empty.
    pub headline: String,
    /// The inviter's profile URL, or empty.
    pub profile_url: String,
    /// Whether a real photo is shown.
    pub has_photo: bool,
    /// How many mutual connections the card reports.
    pub mutual_count: u32,
    /// The mutual connections the card names, in order.
    pub mutual_names: Vec<String>,
    /// The personal note, if any.
    pub note: Option<String>,
    /// How many days the invitation has waited, when the card says.
    pub days_waiting: Option<u32>,
    /// Other insight lines the card shows (for example a shared company or school).
    pub insights: Vec<String>,
    /// For non-person invitations: the target's name (group, event, page or newsletter).
    pub target: Option<String>,
}
