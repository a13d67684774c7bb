use rusk_bindgen::{Ctx, JsResult};

pub struct Handle;

impl Handle {
    pub fn constructor<'js>(_cx: &Ctx<'js>, fd: i32) -> JsResult<Self> {
        let _ = fd;
        Ok(Handle)
    }
}

include!("missing_finalize.classes.rs");
