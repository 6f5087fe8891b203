//! Invite Triage: reads LinkedIn invitations, scores them with the user's rules, and plans what
//! the extension paints on each card. Every decision is made here.
//!
//! - [`core`] is pure Rust (reading the page snapshot, parse, rules, score, respond, plan),
//!   tested natively.
//! - [`json`] is the boundary's JSON text, read and written (pure Rust, tested natively).
//! - `web` is the browser edge (wasm32 only): the functions exported to the extension's
//!   JavaScript.

pub mod core;
pub mod json;

#[cfg(target_arch = "wasm32")]
pub mod web;
