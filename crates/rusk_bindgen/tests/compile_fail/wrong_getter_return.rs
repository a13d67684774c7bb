use rusk_bindgen::{Ctx, JsResult};

pub struct Sensor;

/// Not convertible to a JS value.
pub struct Reading;

impl Sensor {
    pub fn constructor<'js>(_cx: &Ctx<'js>) -> JsResult<Self> {
        Ok(Sensor)
    }
    pub fn reading<'js>(&self, _cx: &Ctx<'js>) -> JsResult<Reading> {
        Ok(Reading)
    }
}

include!("wrong_getter_return.classes.rs");
