use rusk_bindgen::{Ctx, JsResult};

pub struct Mixer;

impl Mixer {
    pub fn constructor<'js>(_cx: &Ctx<'js>) -> JsResult<Self> {
        Ok(Mixer)
    }
    pub fn mix<'js>(_cx: &Ctx<'js>, a: f64, b: f64) -> JsResult<f64> {
        Ok((a + b) / 2.0)
    }
}

include!("wrong_argument_count.classes.rs");
