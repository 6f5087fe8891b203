//! The pure core: no web-sys, no js-sys. Everything here is tested natively with `cargo test`.

pub mod assemble;
pub mod budget;
pub mod coach;
pub mod dates;
pub mod friction;
pub mod from_json;
pub mod html;
pub mod inspect;
pub mod invitation;
pub mod lang;
pub mod matcher;
pub mod order;
pub mod parse;
pub mod plan;
pub mod preview;
pub mod read;
pub mod respond;
pub mod review;
pub mod score;
pub mod sent;
pub mod sent_ledger;
pub mod sent_plan;
pub mod settings;
pub mod settings_json;
pub mod summary;
pub mod textmodel;
