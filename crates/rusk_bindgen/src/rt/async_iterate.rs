//! `asyncIterable` declarations: WebIDL's `async iterable<V>` / `async iterable<K, V>` over a
//! Rust `Stream`.
//!
//! The class's Rust method returns a [`Stream`] of the items; each `values()` /
//! `[Symbol.asyncIterator]()` call makes a new one. The iterator object and its `next`/`return`
//! are WebIDL's "default asynchronous iterator object": calls queue behind the one still running
//! (so the stream is never polled for a second item before the first arrived), an error or the
//! end finishes the iterator, and `return()` drops the stream. That bookkeeping is JS (below),
//! compiled once per class and context; the stream's polling and the items' conversion are Rust.
//!
//! A stream may hold a `Ctx` or JS values, which the collector cannot see: an iterator still
//! open when its runtime ends would keep its context alive through them. So every context keeps
//! a list of its iterators' streams, and [`close_streams`] drops them; the embedder calls it
//! before dropping the runtime (rusk's `Runtime` does).

use std::future::poll_fn;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::Poll;

pub use futures_core::Stream;

use super::*;

/// Makes, per class, the function that wraps a `step`/`close` pair into an async iterator
/// object. The prototype inherits `%AsyncIteratorPrototype%` (so `it[Symbol.asyncIterator]()`
/// is `it`), and its `next`/`return` only accept iterators of their own class.
const MAKER_SOURCE: &str = r#"(function (name) {
  const AsyncIteratorPrototype = Object.getPrototypeOf(
    Object.getPrototypeOf(async function* () {}).prototype);
  // Taken now: user code that replaces them later does not change how iterators behave.
  const then = Promise.prototype.then;
  const settled = (p, onFulfilled, onRejected) => Reflect.apply(then, p, [onFulfilled, onRejected]);
  const resolved = (value) => Reflect.apply(Promise.resolve, Promise, [value]);
  const rejected = (reason) => Reflect.apply(Promise.reject, Promise, [reason]);
  const states = new WeakMap();
  const notOurs = (method) => rejected(new TypeError(
    `${name} AsyncIterator.prototype.${method} called on an object that is not a ${name} async iterator`));
  const queue = (state, steps) => {
    state.ongoing = state.ongoing ? settled(state.ongoing, steps, steps) : steps();
    return state.ongoing;
  };
  const proto = Object.create(AsyncIteratorPrototype, {
    next: {
      value: function next() {
        const state = states.get(this);
        if (state === undefined) return notOurs("next");
        return queue(state, () => {
          if (state.finished) return resolved({ value: undefined, done: true });
          let polled;
          try {
            polled = state.step();
          } catch (error) {
            polled = rejected(error);
          }
          return settled(polled, (result) => {
            state.ongoing = null;
            if (result.done) state.finished = true;
            return result;
          }, (reason) => {
            state.ongoing = null;
            state.finished = true;
            throw reason;
          });
        });
      },
      writable: true, enumerable: true, configurable: true,
    },
    return: {
      value: function (value) {
        const state = states.get(this);
        if (state === undefined) return notOurs("return");
        return queue(state, () => {
          if (!state.finished) {
            state.finished = true;
            state.close();
          }
          return resolved({ value, done: true });
        });
      },
      writable: true, enumerable: true, configurable: true,
    },
    [Symbol.toStringTag]: { value: `${name} AsyncIterator`, configurable: true },
  });
  return function make(step, close) {
    const iterator = Object.create(proto);
    states.set(iterator, { step, close, ongoing: null, finished: false });
    return iterator;
  };
})"#;

/// The iterator maker of `D` in `cx`, made on first use.
fn maker<'js, D: ClassDef>(cx: &Ctx<'js>) -> JsResult<Function<'js>> {
    let raw_ctx = cx.as_raw().as_ptr();
    let data = context_data(raw_ctx)?;
    let id = D::class_id().get();
    let cached = data
        .async_iterators
        .try_borrow()
        .ok()
        .and_then(|list| list.iter().find(|(cid, _)| *cid == id).map(|(_, v)| *v));
    if let Some(make) = cached {
        // SAFETY: `make` is live (the list owns a reference); the duplicate is owned by the
        // returned value.
        let value = unsafe { Value::from_raw(cx.clone(), qjs::JS_DupValue(raw_ctx, make)) };
        return value.into_function().ok_or(JsError::Exception);
    }
    let mut options = rquickjs::context::EvalOptions::default();
    options.global = true;
    options.strict = true;
    options.filename = Some("rusk_bindgen async iterator".into());
    let factory: Function = cx.eval_with_options(MAKER_SOURCE, options)?;
    let make: Function = factory.call((D::NAME.to_string_lossy().into_owned(),))?;
    if let Ok(mut list) = data.async_iterators.try_borrow_mut() {
        // SAFETY: the list owns the duplicated reference (released with the context data).
        list.push((id, unsafe { qjs::JS_DupValue(raw_ctx, make.as_raw()) }));
    }
    Ok(make)
}

/// The stream behind one iterator. `closed` is set by `return()`, which drops the stream unless
/// it is being polled right then (the poll drops it instead).
struct Source<S> {
    stream: RefCell<Option<Pin<Box<S>>>>,
    closed: Cell<bool>,
}

/// A stream that can be dropped from outside (by `return()` or [`close_streams`]).
trait Close {
    fn close(&self);
}

impl<S> Close for Source<S> {
    fn close(&self) {
        self.closed.set(true);
        // While it is being polled, the poll drops it when it returns.
        if let Ok(mut slot) = self.stream.try_borrow_mut() {
            *slot = None;
        }
    }
}

/// The streams of a context's async iterators (weak: an iterator that is collected drops its
/// stream itself).
#[derive(Default)]
pub(crate) struct OpenStreams {
    list: Vec<Weak<dyn Close>>,
    /// The list's length after the last pruning of dead entries.
    pruned_at: usize,
}

impl OpenStreams {
    fn add(&mut self, source: Weak<dyn Close>) {
        // Pruning when the list has doubled keeps adding amortised O(1).
        if self.list.len() >= (2 * self.pruned_at).max(16) {
            self.list.retain(|w| w.strong_count() > 0);
            self.pruned_at = self.list.len();
        }
        self.list.push(source);
    }
}

/// Drop the streams of the async iterators made in `ctx` that are still open: what they hold
/// (a `Ctx`, JS values) is not traced by the collector, so an open one would keep the context
/// alive past the runtime's end. Call it once the program is done, before dropping the runtime
/// (rusk's `Runtime` does it when dropped). Their iterators then answer `done`.
pub fn close_streams(ctx: &Ctx<'_>) {
    // SAFETY: a `Ctx` is a live context.
    unsafe { close_streams_raw(ctx.as_raw().as_ptr()) }
}

/// [`close_streams`] for a context known by its raw pointer (e.g. a realm the embedder made).
///
/// # Safety
/// `ctx` is a live context, used on its runtime's thread.
pub unsafe fn close_streams_raw(ctx: RawCtx) {
    let Some(data) = existing_context_data(ctx) else {
        return;
    };
    let open = match data.streams.try_borrow_mut() {
        Ok(mut streams) => std::mem::take(&mut streams.list),
        Err(_) => return,
    };
    // Closed outside the borrow: a stream's `Drop` may run JS that makes another iterator.
    for source in open.iter().filter_map(Weak::upgrade) {
        source.close();
    }
}

/// What one poll of the stream gave.
enum Polled<T> {
    Item(T),
    Failed(JsError),
    End,
    /// Polled from inside its own poll (a JS callback run by the stream called `next()` on a
    /// path the queue does not cover).
    Busy,
}

/// The Rust method's result, required to be a stream of `JsResult`s. (A method that returns
/// something else fails to build here, on a generated line that names the member.)
#[inline(always)]
pub fn stream<'js, S, T>(stream: JsResult<S>) -> JsResult<S>
where
    S: Stream<Item = JsResult<T>> + 'js,
{
    stream
}

/// `values()`, `entries()`, `keys()` and `[Symbol.asyncIterator]()` of an `asyncIterable`
/// class: a new async iterator over `stream` (the Rust method's result), whose items `project`
/// turns into the JS value `op` asks for.
pub fn async_iterable<'js, D, S, T, P>(
    cx: &Ctx<'js>,
    stream: JsResult<S>,
    op: IterOp,
    project: P,
) -> JsResult<Value<'js>>
where
    D: ClassDef,
    S: Stream<Item = JsResult<T>> + 'js,
    T: 'js,
    P: Fn(&Ctx<'js>, T, IterOp) -> JsResult<Value<'js>> + 'js,
{
    let source = Rc::new(Source {
        stream: RefCell::new(Some(Box::pin(stream?))),
        closed: Cell::new(false),
    });
    let project = Rc::new(project);
    let step = {
        let source = source.clone();
        Function::new(cx.clone(), move |cx: Ctx<'js>| {
            let (source, project) = (source.clone(), project.clone());
            Promised(async move {
                let polled = poll_fn(|task| {
                    let Ok(mut slot) = source.stream.try_borrow_mut() else {
                        return Poll::Ready(Polled::Busy);
                    };
                    if source.closed.get() {
                        *slot = None;
                    }
                    let Some(stream) = slot.as_mut() else {
                        return Poll::Ready(Polled::End);
                    };
                    match stream.as_mut().poll_next(task) {
                        Poll::Pending => Poll::Pending,
                        Poll::Ready(Some(Ok(item))) => Poll::Ready(Polled::Item(item)),
                        Poll::Ready(Some(Err(e))) => Poll::Ready(Polled::Failed(e)),
                        Poll::Ready(None) => Poll::Ready(Polled::End),
                    }
                })
                .await;
                let result = Object::new(cx.clone())?;
                match polled {
                    Polled::Item(item) => {
                        result.set("value", project(&cx, item, op)?)?;
                        result.set("done", false)?;
                    }
                    Polled::End => {
                        // The iterator is finished: the stream's resources go now.
                        source.stream.replace(None);
                        result.set("value", Value::new_undefined(cx.clone()))?;
                        result.set("done", true)?;
                    }
                    Polled::Failed(e) => {
                        source.stream.replace(None);
                        return Err(e);
                    }
                    Polled::Busy => return Err(Exception::throw_type(
                        &cx,
                        "rusk_bindgen: the async iterator's stream was polled from its own poll",
                    )),
                }
                Ok(result)
            })
        })?
    };
    let weak: Weak<dyn Close + 'js> = Rc::downgrade(&source) as Weak<dyn Close + 'js>;
    // SAFETY: only the lifetime is erased. The list is the context's; its entries are upgraded
    // only by `close_streams`, called with that context alive (so while `'js` holds), and a
    // `Weak` that is merely dropped later never touches the stream.
    let weak: Weak<dyn Close> = unsafe { std::mem::transmute(weak) };
    let close = Function::new(cx.clone(), move || source.close())?;
    if let Ok(mut streams) = context_data(cx.as_raw().as_ptr())?.streams.try_borrow_mut() {
        streams.add(weak);
    }
    let make = maker::<D>(cx)?;
    make.call((step, close))
}

/// An item of an `asyncIterable` of values: the value itself.
pub fn value_item<'js, T: rquickjs::IntoJs<'js>>(
    cx: &Ctx<'js>,
    item: T,
    _op: IterOp,
) -> JsResult<Value<'js>> {
    item.into_js(cx)
}

/// An item of an `asyncIterable` of pairs: `[key, value]` for `entries`, or either half.
pub fn pair_item<'js, K: rquickjs::IntoJs<'js>, V: rquickjs::IntoJs<'js>>(
    cx: &Ctx<'js>,
    (key, value): (K, V),
    op: IterOp,
) -> JsResult<Value<'js>> {
    match op {
        IterOp::Keys => key.into_js(cx),
        IterOp::Values => value.into_js(cx),
        _ => {
            let pair = rquickjs::Array::new(cx.clone())?;
            pair.set(0, key)?;
            pair.set(1, value)?;
            Ok(pair.into_value())
        }
    }
}
