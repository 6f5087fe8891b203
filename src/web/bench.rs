//! Benchmark-only exports, built with `--features bench` by `./build.sh bench` and never
//! shipped: the scoring workload of `benches/score.rs`, run inside the wasm so the two can be
//! compared in one run.

use wasm_bindgen::prelude::*;

use crate::core::invitation::Invitation;
use crate::core::score::Scorer;
use crate::core::settings::Settings;

/// Invitations held in the wasm with a scorer built from the default settings.
#[wasm_bindgen]
pub struct ScoringWorkload {
    scorer: Scorer,
    invitations: Vec<Invitation>,
}

#[wasm_bindgen]
impl ScoringWorkload {
    /// Reads the invitations (plain objects with `Invitation` fields) once, outside the timing.
    #[wasm_bindgen(constructor)]
    pub fn new(invitations: JsValue, own_headline: &str) -> Result<ScoringWorkload, JsValue> {
        let invitations = super::from_js(&invitations, |text| crate::json::from_str(text))
            .map_err(|e| JsValue::from_str(&format!("workload: {e}")))?;
        let scorer = Scorer::new(&Settings::default()).with_own_headline(own_headline);
        Ok(ScoringWorkload {
            scorer,
            invitations,
        })
    }

    /// Scores every invitation, with its reasons, `rounds` times; returns the number of reasons
    /// given (so none of the work can be optimised away).
    pub fn run(&self, rounds: u32) -> u32 {
        let mut reasons = 0;
        for _ in 0..rounds {
            for invitation in &self.invitations {
                reasons += self.scorer.score(invitation).reasons.len() as u32;
            }
        }
        reasons
    }
}
