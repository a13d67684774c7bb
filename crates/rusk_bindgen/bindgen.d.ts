// Types for `*.classes.ts` definition files (module "rusk:bindgen").
// Reference it from a tsconfig ("files": [".../crates/rusk_bindgen/bindgen.d.ts"]) or with
// `/// <reference path="..." />` so editors check definitions. The generator never runs this
// code: definitions must be static literals.

declare module "rusk:bindgen" {
  /** Well-known symbol keys usable as member names. */
  export type WellKnownSymbolKey =
    | "@@iterator"
    | "@@asyncIterator"
    | "@@dispose"
    | "@@asyncDispose"
    | "@@toPrimitive"
    | "@@toStringTag";

  /**
   * An argument type: "i32" | "u32" | "i64" | "u64" | "f64" | "number" | "boolean" | "string" |
   * "bytes" | "function" | "object" | "any" | a name from `types`; suffixed "?" (may be missing),
   * "| null" (may be null) or prefixed "..." (rest, last only).
   */
  export type ArgType = string | { type: string; clamp?: boolean; default?: number | string | boolean };

  /** Named argument types: a string enum, a dictionary (options object) or a union. */
  export type TypeDefinition =
    | { enum: readonly string[] }
    | { dict: { readonly [member: string]: ArgType } }
    | { union: readonly string[] };

  /** Property attributes (defaults: a class's — not enumerable, configurable, methods writable). */
  export interface Attributes {
    enumerable?: boolean;
    configurable?: boolean;
  }

  /**
   * What a method does when `this` is not an instance of its class: throw the TypeError
   * (default), return `undefined` without calling Rust, or return a Promise rejected with the
   * TypeError (the default of `async` methods).
   */
  export type InvalidThisBehavior = "throw" | "noop" | "reject";

  /**
   * `fn(&self, cx, args) -> JsResult<Value>` (static: `fn(cx, args)`); with `args`:
   * `fn(&self, cx, a0, a1, ...)` taking the declared types.
   */
  export interface MethodMember extends Attributes {
    /** Rust method name. */
    fn: string;
    /** The function's `length` (0..255; default 0, or the leading required `args`). */
    length?: number;
    /** Typed arguments, in order: name → type. */
    args?: { readonly [name: string]: ArgType };
    /** The TypeScript type of the result (for the declarations). */
    returns?: string;
    /** An `async fn`: the call returns a Promise settled by the future. */
    async?: boolean;
    /** The Rust method also gets the JS `this` (a `Value`, after `cx`). */
    passThis?: boolean;
    writable?: boolean;
    /** Prototype methods only. Default: "throw", or "reject" for `async` methods. */
    invalidThisBehavior?: InvalidThisBehavior;
    getter?: never;
    setter?: never;
    cache?: never;
    builtin?: never;
  }

  /** Typed variants of one method: the first whose argument count and JS types fit is called. */
  export interface OverloadedMember extends Attributes {
    overloads: readonly { fn: string; args: { readonly [name: string]: ArgType }; returns?: string }[];
    length?: number;
    writable?: boolean;
    invalidThisBehavior?: InvalidThisBehavior;
    fn?: never;
    builtin?: never;
  }

  /**
   * A member written in JS: a `function` expression (not an arrow function), compiled once per
   * context and installed like a method, named after its key. Typed by a `ts` entry (default
   * `(...args: any[]): any`).
   */
  export interface BuiltinMember extends Attributes {
    builtin: string;
    /** The function's `length` (default: its parameters'). */
    length?: number;
    writable?: boolean;
    fn?: never;
    getter?: never;
    setter?: never;
  }

  /** Getter `fn(&self, cx) -> JsResult<Value>` and/or setter `fn(&self, cx, v) -> JsResult<()>`. */
  export type AccessorMember =
    | { getter: string; setter?: string; cache?: boolean; fn?: never; length?: never; args?: never; returns?: never }
    | { setter: string; getter?: undefined; cache?: false; fn?: never; length?: never; args?: never; returns?: never };

  export type StaticAccessorMember =
    | { getter: string; setter?: string; cache?: never; fn?: never; length?: never; args?: never; returns?: never }
    | { setter: string; getter?: undefined; cache?: never; fn?: never; length?: never; args?: never; returns?: never };

  export type ProtoMember = MethodMember | OverloadedMember | BuiltinMember | (AccessorMember & Attributes);
  export type StaticMember =
    | Omit<MethodMember, "invalidThisBehavior">
    | Omit<OverloadedMember, "invalidThisBehavior">
    | BuiltinMember
    | (StaticAccessorMember & Attributes);

  export interface ClassDefinition {
    /** JS class name (an identifier). */
    name: string;
    /** Rust type path; `crate::`/`::` paths are absolute, others relative to the including module. Default: `name`. */
    rust?: string;
    /** `new X(...)` calls `T::constructor(cx, args) -> JsResult<T>`. Default false (`new X` throws). */
    construct?: boolean;
    /** Calling `X(...)` without `new`: `true` calls `T::call(cx, args)`, a string names the Rust function. */
    call?: boolean | string;
    /** After construction: `T::<init>(&self, cx, this, args) -> JsResult<()>` (e.g. to fill `values` slots). */
    init?: string;
    /** `T::finalize(self: Box<Self>)` when collected; otherwise the value is dropped. */
    finalize?: boolean;
    /** Keep the object alive while `T::has_pending_activity(&self)` is true (see rt::sweep_pending). */
    hasPendingActivity?: boolean;
    /** Extra GC-traced slots, with `<name>_get_cached` / `<name>_set_cached` accessors in Rust. */
    values?: readonly string[];
    /** Static members (on the constructor). */
    klass?: { readonly [name: string]: StaticMember };
    /** Prototype members. Keys: identifiers or well-known symbol keys like "@@iterator". */
    proto?: { readonly [name: string]: ProtoMember };
    /** TypeScript types for the .d.ts: keys are proto member names, "static <name>", "constructor", "call". */
    ts?: { readonly [member: string]: string };
    /** Typed constructor arguments: `T::constructor(cx, a0, a1, ...)`. */
    args?: { readonly [name: string]: ArgType };
    /** Named argument types (capitalised names): generated Rust enums and structs. */
    types?: { readonly [name: string]: TypeDefinition };
    /** WebIDL iterable members over what `T::<fn>(&self, cx)` returns (`key` given: pairs). */
    iterable?: { fn: string; value?: string; key?: string };
    /**
     * WebIDL async iterable members (`values`, `[Symbol.asyncIterator]`; with `key`, also
     * `entries`/`keys`) over the `Stream` that `T::<fn>(this: rt::This, cx)` returns.
     */
    asyncIterable?: { fn: string; value?: string; key?: string };
    /** `T::<name>(&self) -> usize`: native bytes held by an instance, reported to the collector. */
    estimatedSize?: string;
    /** `T::<name>(&self, cx, args)`: how `console.log` / `util.inspect` show an instance. */
    inspectCustom?: string;
    /**
     * No JS constructor: only the prototype exists, instances come from Rust (`to_js`). Not
     * with `construct`, `call`, `klass` or `args`.
     */
    noConstructor?: boolean;
    /**
     * The parent: "Error" (the prototype inherits `Error.prototype`, the constructor `Error`)
     * or a class defined earlier in the same file, whose members then accept instances of this
     * class (its Rust type must implement `AsRef<Parent>`).
     */
    extends?: string;
    /** Bun's spelling of `extends: "Error"`. */
    prototypeBase?: "Error";
    /**
     * Own properties of each new instance (enumerable, writable, configurable, like class
     * fields): name → `T::<fn>(&self, cx)`, whose result is the value.
     */
    own?: { readonly [name: string]: string };
    /** A GC-traced array of JS values per instance (`<class>_class::values_array(&this)`). */
    valuesArray?: boolean;
    /**
     * Copied as bytes by `structuredClone` (`T::serialize(&self) -> Vec<u8>`,
     * `T::deserialize(&[u8]) -> Option<T>`), under `tag` in serialized data.
     */
    structuredClone?: { tag: number; transferable?: boolean };
  }

  export function define<const T extends ClassDefinition>(definition: T): T;
}
