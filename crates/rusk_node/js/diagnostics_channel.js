// node:diagnostics_channel — named pub/sub channels for instrumentation, and tracing channels
// (start/end/asyncStart/asyncEnd/error) around sync, promise and callback work.
//
// Channels are held weakly, as in Node: channel(name) returns the same object while someone
// references it, and a channel with subscribers or bound stores is kept alive by this module.
//
// Stores are node:async_hooks' AsyncLocalStorage (anything with its `run(store, fn)` works):
// runStores() runs its function, and what that schedules, with each bound store set to the
// transform of the message. For a TracingChannel, stores bound to `start` hold while the traced
// function runs, and stores bound to `asyncStart` while traceCallback's callback runs.
import { ERR_INVALID_ARG_TYPE, nodeError, received, validateFunction } from "rusk:internal/errors";

function nextTick(fn) {
  const tick = globalThis.process?.nextTick;
  if (typeof tick === "function") tick(fn);
  else queueMicrotask(fn);
}

/** An exception of a subscriber or transform does not stop the publisher: it is rethrown on the next tick. */
function reportLater(err) {
  nextTick(() => {
    throw err;
  });
}

const channels = new Map(); // name → WeakRef of its Channel
const activeChannels = new Set(); // channels with subscribers or stores: kept alive
const forgetChannel = new FinalizationRegistry((name) => {
  if (channels.get(name)?.deref() === undefined) channels.delete(name);
});

function activate(channel) {
  if (channel._subscribers === undefined) {
    channel._subscribers = [];
    channel._stores = new Map();
    activeChannels.add(channel);
  }
}

function deactivateIfUnused(channel) {
  if (channel._subscribers.length === 0 && channel._stores.size === 0) {
    channel._subscribers = undefined;
    channel._stores = undefined;
    activeChannels.delete(channel);
  }
}

const identity = (data) => data;

export class Channel {
  constructor(name) {
    this._subscribers = undefined;
    this._stores = undefined;
    this.name = name;
    channels.set(name, new WeakRef(this));
    forgetChannel.register(this, name);
  }

  get hasSubscribers() {
    return this._subscribers !== undefined;
  }

  subscribe(subscription) {
    // Node activates the channel before checking the subscriber: hasSubscribers turns true
    // even when this throws.
    activate(this);
    validateFunction(subscription, "subscription");
    // Copy on write: a publish() in progress keeps the list it started with.
    this._subscribers = [...this._subscribers, subscription];
  }

  unsubscribe(subscription) {
    const index = this._subscribers?.indexOf(subscription) ?? -1;
    if (index === -1) return false;
    this._subscribers = this._subscribers.filter((_, i) => i !== index);
    deactivateIfUnused(this);
    return true;
  }

  /** Runs runStores() callbacks inside `store.run(transform(data), ...)` (binding `store` again replaces its transform). */
  bindStore(store, transform) {
    activate(this);
    this._stores.set(store, transform ?? identity);
  }

  unbindStore(store) {
    if (!this._stores?.has(store)) return false;
    this._stores.delete(store);
    deactivateIfUnused(this);
    return true;
  }

  publish(data) {
    const subscribers = this._subscribers;
    if (subscribers === undefined) return;
    for (let i = 0; i < subscribers.length; i++) {
      try {
        subscribers[i](data, this.name);
      } catch (err) {
        reportLater(err);
      }
    }
  }

  /**
   * Calls `fn` with `thisArg` and `args` inside every bound store's run() (the last bound
   * outermost), publishing `data` first.
   */
  runStores(data, fn, thisArg, ...args) {
    if (this._stores === undefined) return Reflect.apply(fn, thisArg, args);
    let run = () => {
      this.publish(data);
      return Reflect.apply(fn, thisArg, args);
    };
    for (const [store, transform] of this._stores) {
      const next = run;
      run = () => {
        let context;
        try {
          context = transform(data);
        } catch (err) {
          reportLater(err);
          return next();
        }
        return store.run(context, next);
      };
    }
    return run();
  }
}

/** The channel called `name` (a string or symbol), created on first use. */
export function channel(name) {
  const existing = channels.get(name)?.deref();
  if (existing !== undefined) return existing;
  if (typeof name !== "string" && typeof name !== "symbol") throw ERR_INVALID_ARG_TYPE("channel", ["string", "symbol"], name);
  return new Channel(name);
}

export function hasSubscribers(name) {
  const existing = channels.get(name)?.deref();
  return existing === undefined ? false : existing.hasSubscribers;
}

export function subscribe(name, subscription) {
  channel(name).subscribe(subscription);
}

export function unsubscribe(name, subscription) {
  const existing = channels.get(name)?.deref();
  return existing === undefined ? false : existing.unsubscribe(subscription);
}

const traceEvents = ["start", "end", "asyncStart", "asyncEnd", "error"];

class TracingChannel {
  constructor(nameOrChannels) {
    if (typeof nameOrChannels === "string") {
      for (const event of traceEvents) defineChannel(this, event, channel(`tracing:${nameOrChannels}:${event}`));
    } else if (typeof nameOrChannels === "object" && nameOrChannels !== null) {
      for (const event of traceEvents) {
        const given = nameOrChannels[event];
        if (!(given instanceof Channel)) throw ERR_INVALID_ARG_TYPE(`nameOrChannels.${event}`, "Channel", given);
        defineChannel(this, event, given);
      }
    } else {
      throw nodeError(
        TypeError,
        "ERR_INVALID_ARG_TYPE",
        `The "nameOrChannels" argument must be of type string or an instance of TracingChannel or Object. ${received(nameOrChannels)}`,
      );
    }
  }

  get hasSubscribers() {
    return traceEvents.some((event) => this[event].hasSubscribers);
  }

  /** Subscribes `handlers.start`, `handlers.end`, ... to their channels (those given). */
  subscribe(handlers) {
    for (const event of traceEvents) {
      if (handlers[event]) this[event].subscribe(handlers[event]);
    }
  }

  /** Whether every handler given was subscribed (and is now not). */
  unsubscribe(handlers) {
    let done = true;
    for (const event of traceEvents) {
      if (handlers[event] && !this[event].unsubscribe(handlers[event])) done = false;
    }
    return done;
  }

  /** start, then `fn`, then error (if it threw) and end; `context` carries result/error. */
  traceSync(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const { start, end, error } = this;
    return start.runStores(context, () => {
      try {
        const result = Reflect.apply(fn, thisArg, args);
        context.result = result;
        return result;
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }

  /** As traceSync for the call, then asyncStart/asyncEnd (after error on rejection) when the promise settles. */
  tracePromise(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const { start, end, asyncStart, asyncEnd, error } = this;
    const settled = () => {
      asyncStart.publish(context);
      asyncEnd.publish(context);
    };
    const onFulfilled = (result) => {
      context.result = result;
      settled();
      return result;
    };
    const onRejected = (err) => {
      context.error = err;
      error.publish(context);
      settled();
      return Promise.reject(err);
    };
    return start.runStores(context, () => {
      try {
        let promise = Reflect.apply(fn, thisArg, args);
        // Thenables and plain values become promises.
        if (!(promise instanceof Promise)) promise = Promise.resolve(promise);
        return promise.then(onFulfilled, onRejected);
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }

  /**
   * `fn`'s callback is `args[position]` (the last by default): it is wrapped so that its call
   * publishes error (when called with one), then asyncStart, and asyncEnd after it returns.
   */
  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const { start, end, asyncStart, asyncEnd, error } = this;
    const callback = args.at(position);
    validateFunction(callback, "callback");
    function wrappedCallback(err, res) {
      if (err) {
        context.error = err;
        error.publish(context);
      } else {
        context.result = res;
      }
      asyncStart.runStores(context, () => {
        try {
          return Reflect.apply(callback, this, arguments);
        } finally {
          asyncEnd.publish(context);
        }
      });
    }
    args.splice(position, 1, wrappedCallback);
    return start.runStores(context, () => {
      try {
        return Reflect.apply(fn, thisArg, args);
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }
}

function defineChannel(tracing, event, value) {
  Object.defineProperty(tracing, event, { value, writable: false, enumerable: false, configurable: false });
}

export function tracingChannel(nameOrChannels) {
  return new TracingChannel(nameOrChannels);
}

export default { channel, hasSubscribers, subscribe, tracingChannel, unsubscribe, Channel };
