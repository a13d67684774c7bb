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

  /** Named argument types: a string enum or a dictionary (options object). */
  export type TypeDefinition = { enum: readonly string[] } | { dict: { readonly [member: string]: ArgType } };

  /**
   * `fn(&self, cx, args) -> JsResult<Value>` (static: `fn(cx, args)`); with `args`:
   * `fn(&self, cx, a0, a1, ...)` taking the declared types.
   */
  export interface MethodMember {
    /** Rust method name. */
    fn: string;
    /** The function's `length` (0..255; default 0, or the leading required `args`). */
    length?: number;
    /** Typed arguments, in order: name → type. */
    args?: { readonly [name: string]: ArgType };
    /** The TypeScript type of the result (for the declarations). */
    returns?: string;
    getter?: never;
    setter?: never;
    cache?: never;
  }

  /** Getter `fn(&self, cx) -> JsResult<Value>` and/or setter `fn(&self, cx, v) -> JsResult<()>`. */
  export type AccessorMember =
    | { getter: string; setter?: string; cache?: boolean; fn?: never; length?: never; args?: never; returns?: never }
    | { setter: string; getter?: undefined; cache?: false; fn?: never; length?: never; args?: never; returns?: never };

  export type StaticAccessorMember =
    | { getter: string; setter?: string; cache?: never; fn?: never; length?: never; args?: never; returns?: never }
    | { setter: string; getter?: undefined; cache?: never; fn?: never; length?: never; args?: never; returns?: never };

  export type ProtoMember = MethodMember | AccessorMember;
  export type StaticMember = MethodMember | StaticAccessorMember;

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
  }

  export function define<const T extends ClassDefinition>(definition: T): T;
}
