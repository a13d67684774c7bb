use rusk_bindgen::{Ctx, JsResult};

pub struct Pager;

impl Pager {
    pub fn constructor<'js>(_cx: &Ctx<'js>) -> JsResult<Self> {
        Ok(Pager)
    }
    pub fn page<'js>(&self, _cx: &Ctx<'js>, index: String, label: Option<String>) -> JsResult<String> {
        Ok(format!("{index} {label:?}"))
    }
}

include!("wrong_argument_type.classes.rs");
