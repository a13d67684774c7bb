use rusk_bindgen::{Ctx, JsResult};

pub struct Counter(std::cell::Cell<i32>);

impl Counter {
    pub fn constructor<'js>(_cx: &Ctx<'js>) -> JsResult<Self> {
        Ok(Counter(Default::default()))
    }
    pub fn inc<'js>(&self, _cx: &Ctx<'js>, by: i32) -> JsResult<i32> {
        self.0.set(self.0.get() + by);
        Ok(self.0.get())
    }
    pub fn count<'js>(&self, _cx: &Ctx<'js>) -> JsResult<i32> {
        Ok(self.0.get())
    }
}

include!("missing_method.classes.rs");
