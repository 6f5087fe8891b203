//! The browser edge: the functions the extension's JavaScript calls. Thin on purpose: every
//! decision, reading the page snapshot included, is delegated to [`crate::core`].

#[cfg(feature = "bench")]
pub mod bench;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::core::plan::{self, Memory};
use crate::core::preview::{self, Sample};
use crate::core::read;
use crate::core::score::Scorer;
use crate::core::settings::{FieldError, Settings};

/// Installs the panic hook once, so a bug shows up in the console with its message.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

fn error(message: impl Into<String>) -> JsValue {
    js_sys::Error::new(&message.into()).into()
}

/// Reads a settings document from JS, migrated and validated; every problem names its field.
fn read_settings(value: JsValue) -> Result<Settings, Vec<FieldError>> {
    let settings: Settings = serde_wasm_bindgen::from_value(value).map_err(|e| {
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
        let memory: Memory = if memory.is_undefined() || memory.is_null() {
            Memory::default()
        } else {
            serde_wasm_bindgen::from_value(memory).unwrap_or_default()
        };
        let page = read::read_snapshot(snapshot_html);
        let scorer = match &page.own_headline {
            Some(h) => self.scorer.clone().with_own_headline(h),
            None => self.scorer.clone(),
        };
        Ok(to_js(&plan::plan(&page, &scorer, &self.settings, &memory)))
    }

    /// The options page's live preview: `sample` is what the preview form holds (`{kind, name,
    /// headline, mutual, age, note, has_photo, target}`, texts as LinkedIn shows them; see
    /// [`crate::core::preview::Sample`]). It is read as a card on the page is read, then scored
    /// and given its suggestions; returns `{card, bucket_words}`, `card` shaped as a plan's.
    pub fn preview(&self, sample: JsValue) -> Result<JsValue, JsValue> {
        let sample: Sample = serde_wasm_bindgen::from_value(sample)
            .map_err(|e| error(format!("the sample could not be read: {e}")))?;
        Ok(to_js(&preview::preview(
            &sample,
            &self.scorer,
            &self.settings,
        )))
    }
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
    use crate::core::summary::{self, Done, Queue};
    let queue: Queue = serde_wasm_bindgen::from_value(queue).unwrap_or_default();
    let memory: Memory = serde_wasm_bindgen::from_value(memory).unwrap_or_default();
    let history: Vec<Done> = serde_wasm_bindgen::from_value(history).unwrap_or_default();
    let settings = settings_from(settings)?;
    Ok(to_js(&summary::summarize(
        &queue, &memory, &history, &settings, now,
    )))
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
