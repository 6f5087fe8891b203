//! The browser edge: the functions the extension's JavaScript calls. Thin on purpose: every
//! decision, reading the page snapshot included, is delegated to [`crate::core`].

#[cfg(feature = "bench")]
pub mod bench;

use std::collections::HashMap;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::core::budget::Done;
use crate::core::plan::{Memory, Past};
use crate::core::preview::{self, Sample};
use crate::core::score::Scorer;
use crate::core::sent_ledger::{self, Ledger};
use crate::core::settings::{FieldError, Settings};
use crate::core::summary::{Queue, Seen};
use crate::json;

/// Installs the panic hook once, so a bug shows up in the console with its message.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// An answer for JS: written as JSON text here and parsed by `JSON.parse`, so it arrives as
/// the plain object (maps as objects, `None` as `null`) that JS code reads.
fn to_js<T: Serialize>(value: &T) -> JsValue {
    json::to_string(value)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL)
}

/// A JS value as JSON text (`JSON.stringify`): `None` for `undefined` (and anything else
/// JSON has no text for) and for values it refuses (cycles, BigInt).
fn text_of(value: &JsValue) -> Option<String> {
    if value.is_undefined() {
        return None;
    }
    js_sys::JSON::stringify(value).ok()?.as_string()
}

/// Reads a `T` from a JS value, through its JSON text, with `read` (a reader written by hand).
fn from_js<T>(value: &JsValue, read: fn(&str) -> Result<T, json::Error>) -> Result<T, String> {
    let text = text_of(value).ok_or_else(|| "not a JSON value".to_string())?;
    read(&text).map_err(|e| e.to_string())
}

#[wasm_bindgen]
extern "C" {
    /// `console.warn`, for stored entries that could not be decoded.
    #[wasm_bindgen(js_namespace = console, js_name = warn)]
    fn console_warn(message: &str);
}

/// A stored object of entries (`{id: entry}`, as JSON text), decoded entry by entry: a
/// malformed entry is skipped and reported on the console, and the rest is kept.
fn entries<T>(
    text: Option<&str>,
    list: &str,
    read: fn(&str) -> Result<T, json::Error>,
) -> HashMap<String, T> {
    let mut out = HashMap::new();
    each_entry(text, list, &mut |key, value| {
        let entry = read(value)?;
        out.insert(std::mem::take(key), entry);
        Ok(())
    });
    out
}

/// The work of [`entries`] that does not depend on the entries' type (built once): each entry
/// goes to `keep` with its key (to take when it keeps the entry), and what it refuses is
/// reported.
#[inline(never)]
fn each_entry(
    text: Option<&str>,
    list: &str,
    keep: &mut dyn FnMut(&mut String, &str) -> Result<(), json::Error>,
) {
    let Some(text) = text.filter(|t| *t != "null") else {
        return;
    };
    // An array is an object too (its keys are its indices), as `Object.entries` sees it.
    let pairs = json::members(text).or_else(|| {
        json::elements(text).map(|items| {
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v))
                .collect()
        })
    });
    let Some(pairs) = pairs else {
        console_warn(&format!(
            "Invite Triage: the stored {list} is not an object; ignored"
        ));
        return;
    };
    for (mut key, value) in pairs {
        if let Err(e) = keep(&mut key, value) {
            console_warn(&format!(
                "Invite Triage: skipped a malformed {list} entry \"{key}\" ({e}); the rest is kept"
            ));
        }
    }
}

/// A stored list (as JSON text), decoded item by item (see [`entries`]).
fn items<T>(text: Option<&str>, list: &str, read: fn(&str) -> Result<T, json::Error>) -> Vec<T> {
    let mut out = Vec::new();
    each_item(text, list, &mut |item| {
        out.push(read(item)?);
        Ok(())
    });
    out
}

/// The work of [`items`] that does not depend on the items' type (built once).
#[inline(never)]
fn each_item(
    text: Option<&str>,
    list: &str,
    keep: &mut dyn FnMut(&str) -> Result<(), json::Error>,
) {
    let Some(text) = text.filter(|t| *t != "null") else {
        return;
    };
    let Some(elements) = json::elements(text) else {
        console_warn(&format!(
            "Invite Triage: the stored {list} is not a list; ignored"
        ));
        return;
    };
    for (i, item) in elements.into_iter().enumerate() {
        if let Err(e) = keep(item) {
            console_warn(&format!(
                "Invite Triage: skipped malformed {list} item {i} ({e}); the rest is kept"
            ));
        }
    }
}

/// A string from its JSON text.
fn string(text: &str) -> Result<String, json::Error> {
    json::from_str(text)
}

/// A field of a stored object, as its JSON text (`None` when there is none, or the text is
/// not an object).
fn field<'t>(text: Option<&'t str>, name: &str) -> Option<&'t str> {
    json::members(text?)?
        .into_iter()
        .find_map(|(key, value)| (key == name).then_some(value))
}

/// The user's notes, decisions and earlier invitations, entry by entry, with the week's
/// history and the time of the pass when the worker sends them.
fn memory_from(value: &JsValue) -> Memory {
    let text = text_of(value);
    let mut memory = Memory::default();
    let Some(members) = text.as_deref().and_then(json::members) else {
        return memory;
    };
    for (key, value) in members {
        let value = Some(value);
        match key.as_str() {
            "notes" => memory.notes = entries(value, "note", string),
            "decisions" => memory.decisions = entries(value, "decision", string),
            "past" => memory.past = entries(value, "earlier invitation", Past::from_json),
            "recent" => memory.recent = items(value, "history", Done::from_json),
            "now" => memory.now = value.and_then(|v| json::from_str(v).ok()).unwrap_or(0.0),
            "url" => {
                memory.url = value
                    .and_then(|v| json::from_str(v).ok())
                    .unwrap_or_default()
            }
            _ => {}
        }
    }
    memory
}

fn error(message: impl Into<String>) -> JsValue {
    js_sys::Error::new(&message.into()).into()
}

/// Reads a settings document from JS, migrated and validated; every problem names its field.
fn read_settings(value: JsValue) -> Result<Settings, Vec<FieldError>> {
    let settings = from_js(&value, Settings::from_json).map_err(|e| {
        vec![FieldError {
            field: String::new(),
            message: format!("not a settings document: {e}"),
        }]
    })?;
    settings.checked()
}

/// Settings for the engine: the defaults when none were saved, else the document, checked.
/// Invalid settings become an Error naming the first bad field.
fn settings_from(value: JsValue) -> Result<Settings, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Settings::default());
    }
    read_settings(value).map_err(|errors| {
        let first = errors
            .first()
            .map(|e| format!("{}: {}", e.field, e.message));
        error(first.unwrap_or_else(|| "invalid settings".into()))
    })
}

/// The queue as kept in storage.local (`{cards: {id: seen}}`), entry by entry.
fn queue_from(value: &JsValue) -> crate::core::summary::Queue {
    let text = text_of(value);
    crate::core::summary::Queue {
        cards: entries(field(text.as_deref(), "cards"), "queue", Seen::from_json),
    }
}

/// The history as kept in storage.local, item by item.
fn history_from(value: &JsValue) -> Vec<crate::core::budget::Done> {
    items(text_of(value).as_deref(), "history", Done::from_json)
}

/// The triage engine for one set of settings: phrase matching is compiled once, here.
#[wasm_bindgen]
pub struct Engine {
    settings: Settings,
    scorer: Scorer,
}

#[wasm_bindgen]
impl Engine {
    /// Builds an engine; `settings` may be `undefined` for the defaults. Invalid settings throw
    /// an Error naming the field.
    #[wasm_bindgen(constructor)]
    pub fn new(settings: JsValue) -> Result<Engine, JsValue> {
        let settings = settings_from(settings)?;
        let scorer = Scorer::new(&settings);
        Ok(Engine { settings, scorer })
    }

    /// Reads a snapshot of the invitations page (HTML whose elements carry `data-ti` indices)
    /// and returns the paint plan. `memory` holds the user's notes and decisions by card id.
    pub fn triage(&self, snapshot_html: &str, memory: JsValue) -> Result<JsValue, JsValue> {
        let memory = memory_from(&memory);
        Ok(to_js(&crate::core::triage::triage(
            snapshot_html,
            &self.scorer,
            &self.settings,
            &memory,
        )))
    }

    /// The options page's live preview: `sample` is what the preview form holds (`{kind, name,
    /// headline, mutual, age, note, has_photo, target}`, texts as LinkedIn shows them; see
    /// [`crate::core::preview::Sample`]). It is read as a card on the page is read, then scored
    /// and given its suggestions; returns `{card, bucket_words}`, `card` shaped as a plan's.
    pub fn preview(&self, sample: JsValue) -> Result<JsValue, JsValue> {
        let sample = from_js(&sample, Sample::from_json)
            .map_err(|e| error(format!("the sample could not be read: {e}")))?;
        Ok(to_js(&preview::preview(
            &sample,
            &self.scorer,
            &self.settings,
        )))
    }
}

/// The note coach: the recipient's default rules, compiled once for every engine.
fn coach_scorer() -> &'static Scorer {
    static SCORER: std::sync::OnceLock<Scorer> = std::sync::OnceLock::new();
    SCORER.get_or_init(|| Scorer::new(&Settings::default()))
}

#[wasm_bindgen]
impl Engine {
    /// The note coach (see [`crate::core::coach`]): `dialog_html` is the panel's snapshot of
    /// LinkedIn's "Add a note" dialog (and the profile's top card on `/in/` pages), `note` what
    /// the box holds. Scored as the recipient's engine would with its default rules; the
    /// length limit and templates are this engine's settings'. Returns `{score, bucket, base,
    /// reasons, length, limit, templates, recipient}`.
    pub fn coach(&self, dialog_html: &str, note: &str) -> JsValue {
        to_js(&crate::core::coach::coach_snapshot(
            dialog_html,
            note,
            coach_scorer(),
            &self.settings,
        ))
    }
}

/// The stored queue, memory and history, and the settings, decoded and handed to one of the
/// queue's views (the popup's summary, the side panel's review).
fn queue_view<T: Serialize>(
    queue: JsValue,
    memory: JsValue,
    history: JsValue,
    settings: JsValue,
    now: f64,
    view: fn(&Queue, &Memory, &[Done], &Settings, f64) -> T,
) -> Result<JsValue, JsValue> {
    let settings = settings_from(settings)?;
    Ok(to_js(&view(
        &queue_from(&queue),
        &memory_from(&memory),
        &history_from(&history),
        &settings,
        now,
    )))
}

/// The popup's summary of the queue: `queue` and `history` as kept in storage.local, `memory`
/// the user's notes and decisions, `now` in milliseconds since the epoch.
#[wasm_bindgen]
pub fn summarize(
    queue: JsValue,
    memory: JsValue,
    history: JsValue,
    settings: JsValue,
    now: f64,
) -> Result<JsValue, JsValue> {
    queue_view(
        queue,
        memory,
        history,
        settings,
        now,
        crate::core::summary::summarize,
    )
}

/// The side panel's queue (see [`crate::core::review`]): arguments as for [`summarize`].
/// Returns `{groups: [{bucket, rows}], batch, week, bucket_words}`.
#[wasm_bindgen(js_name = reviewQueue)]
pub fn review_queue(
    queue: JsValue,
    memory: JsValue,
    history: JsValue,
    settings: JsValue,
    now: f64,
) -> Result<JsValue, JsValue> {
    queue_view(
        queue,
        memory,
        history,
        settings,
        now,
        crate::core::review::review,
    )
}

/// The batch accept's plan: which of the `ticked` card ids (in the order shown) are accepted,
/// which are past this week's budget and which wait for a next batch, at what pace. `history`
/// is as kept in storage.local, `now` in milliseconds since the epoch. Returns
/// `{go, over_budget, next_batch, pace_ms, week}`.
#[wasm_bindgen(js_name = planBatch)]
pub fn plan_batch(
    ticked: JsValue,
    history: JsValue,
    settings: JsValue,
    now: f64,
) -> Result<JsValue, JsValue> {
    use crate::core::budget::{self, Week};
    let ticked: Vec<String> = items(text_of(&ticked).as_deref(), "batch", string);
    let history = history_from(&history);
    let settings = settings_from(settings)?;
    let week = Week::at(&history, settings.weekly_budget, now);
    Ok(to_js(&budget::plan_batch(
        &ticked,
        week,
        crate::core::plan::batch_pace(&settings),
    )))
}

/// The batch withdraw's plan: which of the `ticked` sent invitations (in the order shown) are
/// withdrawn, which wait for a next batch, at what pace. Returns `{go, over_budget: [],
/// next_batch, pace_ms, week, action: "withdraw"}`.
#[wasm_bindgen(js_name = planWithdrawBatch)]
pub fn plan_withdraw_batch(ticked: JsValue, settings: JsValue) -> Result<JsValue, JsValue> {
    let ticked: Vec<String> = items(text_of(&ticked).as_deref(), "batch", string);
    let settings = settings_from(settings)?;
    Ok(to_js(&crate::core::budget::plan_withdraw_batch(
        &ticked,
        crate::core::plan::batch_pace(&settings),
    )))
}

/// The sent invitations' ledger (storage.local `sent`, `{entries: {id: entry}}`) brought up to
/// date with one observation (`{cards: [{id, name, profile, days, withdraw}], complete,
/// withdrawn: [id]}`) made at `now`; see [`crate::core::sent_ledger`]. Entries that cannot be
/// decoded are dropped with a warning, the rest kept.
#[wasm_bindgen(js_name = observeSent)]
pub fn observe_sent(ledger: JsValue, observation: JsValue, now: f64) -> Result<JsValue, JsValue> {
    let mut ledger = ledger_from(&ledger);
    let observation = text_of(&observation)
        .as_deref()
        .and_then(sent_ledger::Observation::from_json)
        .ok_or_else(|| error("not a Sent tab observation"))?;
    sent_ledger::observe(&mut ledger, &observation, whole_ms(now));
    Ok(to_js(&ledger))
}

/// The popup's figures on sent invitations, from the ledger at `now`: `{seen, pending,
/// withdraw_suggested, oldest, window_days, sent, accepted, withdrawn, expired, rate}`.
#[wasm_bindgen(js_name = sentStats)]
pub fn sent_stats(ledger: JsValue, now: f64) -> JsValue {
    to_js(&sent_ledger::stats(&ledger_from(&ledger), whole_ms(now)))
}

/// A time from JS (`Date.now()`) in whole milliseconds; nothing before the epoch.
fn whole_ms(now: f64) -> u64 {
    if now.is_finite() && now > 0.0 {
        now as u64
    } else {
        0
    }
}

/// The ledger as kept in storage.local, entry by entry.
fn ledger_from(value: &JsValue) -> Ledger {
    let text = text_of(value);
    let mut ledger = Ledger::default();
    for (id, entry) in field(text.as_deref(), "entries")
        .and_then(json::members)
        .unwrap_or_default()
    {
        match sent_ledger::Entry::from_json(entry) {
            Some(entry) => {
                ledger.entries.insert(id, entry);
            }
            None => console_warn(&format!(
                "Invite Triage: skipped a malformed sent invitation \"{id}\"; the rest is kept"
            )),
        }
    }
    ledger
}

/// The diagnostics channel: what the reader saw in a snapshot (HTML whose elements carry
/// `data-ti` indices), without scoring it. Returns `{parents, unreadable, cards}`: `parents[i]`
/// is the index of element `i`'s parent (`-1` for a parent without an index, `-2` for an index
/// missing from the snapshot), and each card is `{root, id, kind, name, headline, note,
/// mutual_count, mutual_names, days_waiting, target, inviter?, has_photo}` (see
/// [`crate::core::inspect`]). Tests compare it with the live DOM and the fixtures' truth.
#[wasm_bindgen]
pub fn inspect(snapshot_html: &str) -> JsValue {
    to_js(&crate::core::inspect::inspect(snapshot_html))
}

/// The default settings document.
#[wasm_bindgen(js_name = defaultSettings)]
pub fn default_settings() -> JsValue {
    to_js(&Settings::default())
}

/// Validates a settings document: `{ok: true, settings}` with the migrated document, or
/// `{ok: false, errors: [{field, message}]}`.
#[wasm_bindgen(js_name = validateSettings)]
pub fn validate_settings(value: JsValue) -> JsValue {
    #[derive(Serialize)]
    struct Outcome {
        ok: bool,
        settings: Option<Settings>,
        errors: Vec<FieldError>,
    }
    let outcome = match read_settings(value) {
        Ok(settings) => Outcome {
            ok: true,
            settings: Some(settings),
            errors: vec![],
        },
        Err(errors) => Outcome {
            ok: false,
            settings: None,
            errors,
        },
    };
    to_js(&outcome)
}
