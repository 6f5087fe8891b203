//! PLACEHOLDER: the Sent tab reader (types only); replaced by the reader branch.
use crate::core::html::Document;
use crate::core::plan::ListShown;

/// One sent invitation read from the Sent tab.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentCard {
    /// The card's root element.
    pub root: u32,
    /// LinkedIn's Withdraw control.
    pub withdraw: Option<u32>,
    /// The key.
    pub id: String,
    /// The invitee's name.
    pub name: String,
    /// Profile URL.
    pub profile: Option<String>,
    /// Headline.
    pub headline: String,
    /// Days since sent.
    pub days: Option<u32>,
    /// The note sent.
    pub note: Option<String>,
}

/// LinkedIn's confirmation dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WithdrawConfirm {
    /// The dialog.
    pub dialog: u32,
    /// Its confirm control.
    pub control: u32,
    /// The invitee it names.
    pub name: Option<String>,
}

/// Everything read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentRead {
    /// Cards.
    pub cards: Vec<SentCard>,
    /// Gone ids.
    pub gone: Vec<String>,
    /// Confirms.
    pub confirms: Vec<WithdrawConfirm>,
    /// Unreadable.
    pub unreadable: u32,
    /// Known.
    pub known: u32,
    /// List.
    pub list: Option<ListShown>,
    /// Lang.
    pub lang: Option<String>,
    /// Unsupported.
    pub lang_unsupported: bool,
}

/// Reads.
pub fn read_sent(_doc: &Document) -> SentRead {
    SentRead::default()
}

/// Parses and reads.
pub fn read_sent_snapshot(html: &str) -> SentRead {
    read_sent(&Document::parse(html))
}
