use rusk_bindgen::rt::This;
use rusk_bindgen::{Ctx, JsResult};

pub struct Feed;

impl Feed {
    pub fn constructor<'js>(_cx: &Ctx<'js>) -> JsResult<Self> {
        Ok(Feed)
    }
    pub fn items<'js>(_this: This<'js, feed_class::Def>, _cx: &Ctx<'js>) -> JsResult<Vec<f64>> {
        Ok(vec![1.0, 2.0])
    }
}

include!("not_a_stream.classes.rs");
