//! Every definition mistake is an error naming the file, the line and the member.

fn err(src: &str) -> String {
    match rusk_bindgen::generate_source("bad.classes.ts", src) {
        Ok(_) => panic!("expected an error for:\n{src}"),
        Err(e) => e.to_string(),
    }
}

fn def(body: &str) -> String {
    format!("import {{ define }} from \"rusk:bindgen\";\nexport default [\n  define({{\n{body}\n  }}),\n];\n")
}

#[track_caller]
fn check(body: &str, expected: &str) {
    let msg = err(&def(body));
    assert_eq!(msg, expected, "\nsource:\n{body}");
}

#[test]
fn unknown_class_field() {
    check(
        "    name: \"A\",\n    constructs: true,",
        "error: bad.classes.ts:5:5: A: unknown field `constructs` (expected one of: name, rust, construct, call, init, finalize, hasPendingActivity, values, klass, proto, ts, args, types, estimatedSize, inspectCustom, iterable, asyncIterable, noConstructor, extends, prototypeBase, own, valuesArray, structuredClone)",
    );
}

#[test]
fn unknown_member_field() {
    check(
        "    name: \"A\",\n    proto: { close: { fn: \"close\", argz: 1 } },",
        "error: bad.classes.ts:5:36: A.proto.close: unknown field `argz` (expected one of: fn, length, getter, setter, cache, args, returns, async, enumerable, configurable, writable, overloads, passThis, invalidThisBehavior, builtin)",
    );
}

#[test]
fn duplicate_member() {
    check(
        "    name: \"A\",\n    proto: {\n      close: { fn: \"close\" },\n      close: { fn: \"close2\" },\n    },",
        "error: bad.classes.ts:7:7: A.proto.close: duplicate member `close`",
    );
}

#[test]
fn duplicate_class_field() {
    check(
        "    name: \"A\",\n    construct: true,\n    construct: false,",
        "error: bad.classes.ts:6:5: A: duplicate field `construct`",
    );
}

#[test]
fn duplicate_class() {
    let src = "export default [define({ name: \"A\" }), define({ name: \"A\" })];";
    assert_eq!(
        err(src),
        "error: bad.classes.ts:1:47: A: duplicate class `A`"
    );
}

#[test]
fn bad_rust_paths() {
    check("    name: \"A\",\n    rust: \"crate::a b\",", "error: bad.classes.ts:5:11: A: bad `rust` path \"crate::a b\": `a b` is not a Rust identifier");
    check(
        "    name: \"A\",\n    rust: \"crate::\",",
        "error: bad.classes.ts:5:11: A: bad `rust` path \"crate::\": empty path segment",
    );
    check("    name: \"A\",\n    rust: \"crate::fn::X\",", "error: bad.classes.ts:5:11: A: bad `rust` path \"crate::fn::X\": `fn` is not a Rust identifier");
    check("    name: \"A\",\n    rust: \"a::super\",", "error: bad.classes.ts:5:11: A: bad `rust` path \"a::super\": `super` is not a Rust identifier");
    check("    name: \"A\",\n    rust: \"Vec<u8>\",", "error: bad.classes.ts:5:11: A: bad `rust` path \"Vec<u8>\": `Vec<u8>` is not a Rust identifier");
}

#[test]
fn wrong_value_kinds() {
    check(
        "    name: \"A\",\n    construct: \"yes\",",
        "error: bad.classes.ts:5:16: A: `construct` must be a boolean, found a string",
    );
    check(
        "    name: 3,",
        "error: bad.classes.ts:4:11: `name` must be a string, found a number",
    );
    check(
        "    name: \"A\",\n    values: \"fn\",",
        "error: bad.classes.ts:5:13: A: `values` must be an array of strings, found a string",
    );
    check(
        "    name: \"A\",\n    values: [1],",
        "error: bad.classes.ts:5:14: A.values: `values` entries must be strings, found a number",
    );
    check(
        "    name: \"A\",\n    proto: [],",
        "error: bad.classes.ts:5:12: A.proto: `proto` must be an object, found an array",
    );
    check("    name: \"A\",\n    proto: { x: \"get_x\" },", "error: bad.classes.ts:5:17: A.proto.x: a member must be an object like { fn: \"name\", length: 0 } or { getter: \"name\" }, found a string");
    check("    name: \"A\",\n    proto: { x: { fn: \"f\", length: -1 } },", "error: bad.classes.ts:5:36: A.proto.x: `length` must be an integer between 0 and 255, found -1");
    check("    name: \"A\",\n    proto: { x: { fn: \"f\", length: 1.5 } },", "error: bad.classes.ts:5:36: A.proto.x: `length` must be an integer between 0 and 255, found 1.5");
    check(
        "    name: \"A\",\n    proto: { x: { getter: \"g\", cache: 1 } },",
        "error: bad.classes.ts:5:39: A.proto.x: `cache` must be a boolean, found a number",
    );
    check("    name: \"A\",\n    proto: { x: { fn: \"close it\" } },", "error: bad.classes.ts:5:23: A.proto.x: `fn` must name a Rust method (an identifier), found \"close it\"");
    check("    name: \"A\",\n    proto: { x: { fn: \"type\" } },", "error: bad.classes.ts:5:23: A.proto.x: `fn` must name a Rust method (an identifier), found \"type\"");
    check("    name: \"A\",\n    call: 1,", "error: bad.classes.ts:5:11: A: `call` must be a boolean or a Rust method name, found a number");
    check(
        "    name: \"A\",\n    ts: { x: 1 },",
        "error: bad.classes.ts:5:14: A.ts.x: TypeScript types must be strings, found a number",
    );
    check(
        "    name: \"not a name\",",
        "error: bad.classes.ts:4:11: `name` must be a JavaScript identifier, found \"not a name\"",
    );
}

#[test]
fn member_shape_mistakes() {
    check("    name: \"A\",\n    proto: { x: { fn: \"f\", getter: \"g\" } },", "error: bad.classes.ts:5:14: A.proto.x: `fn` cannot be combined with `getter`, `setter` or `cache`");
    check(
        "    name: \"A\",\n    proto: { x: { getter: \"g\", length: 1 } },",
        "error: bad.classes.ts:5:40: A.proto.x: `length` is only allowed with `fn`",
    );
    check(
        "    name: \"A\",\n    proto: { x: {} },",
        "error: bad.classes.ts:5:14: A.proto.x: a member needs `fn`, `getter`, `setter` or `builtin`",
    );
    check(
        "    name: \"A\",\n    proto: { x: { setter: \"s\", cache: true } },",
        "error: bad.classes.ts:5:14: A.proto.x: `cache: true` needs a `getter`",
    );
    check(
        "    name: \"A\",\n    klass: { x: { getter: \"g\", cache: true } },",
        "error: bad.classes.ts:5:14: A.klass.x: `cache` is only supported on `proto` members",
    );
    check("    name: \"A\",\n    proto: { \"@@species\": { fn: \"f\" } },", "error: bad.classes.ts:5:14: A.proto.@@species: unknown well-known symbol `@@species` (expected one of: @@iterator, @@asyncIterator, @@dispose, @@asyncDispose, @@toPrimitive, @@toStringTag)");
    check("    name: \"A\",\n    proto: { \"foo-bar\": { fn: \"f\" } },", "error: bad.classes.ts:5:14: A.proto.foo-bar: member name `foo-bar` must be an identifier ([A-Za-z_][A-Za-z0-9_]*) or a well-known symbol like `@@iterator`");
    check("    name: \"A\",\n    proto: { constructor: { fn: \"f\" } },", "error: bad.classes.ts:5:14: A.proto.constructor: `constructor` is reserved and cannot be defined in `proto`");
    check(
        "    name: \"A\",\n    init: \"init\",",
        "error: bad.classes.ts:3:10: A: `init` needs `construct: true`",
    );
    check(
        "    name: \"A\",\n    values: [\"x\", \"x\"],",
        "error: bad.classes.ts:5:19: A.values.x: duplicate value slot `x`",
    );
    check(
        "    name: \"A\",\n    values: [\"info\"],\n    proto: { info: { getter: \"g\", cache: true } },",
        "error: bad.classes.ts:5:14: A.values.info: slot accessor `info_get_cached` collides with the one of proto.info",
    );
    check("    name: \"A\",\n    ts: { nope: \"number\" },", "error: bad.classes.ts:5:11: A.ts.nope: `ts` entry `nope` does not name a member (use a `proto` member or `own` property name, `static <klass member>`, `constructor` or `call`)");
    check("    name: \"A\",\n    proto: { f: { fn: \"f\" } },\n    ts: { f: \"number\" },", "error: bad.classes.ts:6:14: A.ts.f: the type of a method must be a signature like \"(a: number): void\", found \"number\"");
    check(
        "    rust: \"A\",",
        "error: bad.classes.ts:3:10: missing required field `name`",
    );
}

#[test]
fn non_static_expressions() {
    check("    name: \"A\",\n    construct: 1 > 0,", "error: bad.classes.ts:5:16: non-static expression: only string/number/boolean/null literals, arrays, objects and `define({...})` are allowed");
    check("    name: `A${1}`,", "error: bad.classes.ts:4:11: non-static expression: only string/number/boolean/null literals, arrays, objects and `define({...})` are allowed");
    check(
        "    name: \"A\",\n    ...other,",
        "error: bad.classes.ts:5:5: spread properties are not allowed (definitions must be static)",
    );
    check("    name: \"A\",\n    [\"con\" + \"struct\"]: true,", "error: bad.classes.ts:5:5: computed property keys are not allowed (definitions must be static)");
    check("    name: \"A\",\n    proto: { close() {} },", "error: bad.classes.ts:5:14: only `key: value` properties are allowed (definitions must be static)");
    assert_eq!(
        err("const name = \"A\";\nexport default [define({ name })];"),
        "error: bad.classes.ts:1:1: only `import` declarations and one `export default [...]` are allowed\nerror: bad.classes.ts:2:26: only `key: value` properties are allowed (definitions must be static)"
    );
    assert_eq!(err("export default define({ name: \"A\" });"), "error: bad.classes.ts:1:1: `export default` must be an array of `define({...})`, found an object");
    assert_eq!(
        err("import { define } from \"rusk:bindgen\";"),
        "error: bad.classes.ts:1:1: no `export default [ define({...}), ... ]` found"
    );
    assert_eq!(err("export default [1];"), "error: bad.classes.ts:1:17: each entry must be `define({...})` with an object literal, found a number");
    assert_eq!(
        err("export default [];"),
        "error: bad.classes.ts:1:1: the exported array defines no class"
    );
    assert!(err("export default [define({ name: \"A\" ]);").starts_with("error: bad.classes.ts:1:"));
}

#[test]
fn all_mistakes_are_reported_together() {
    let msg = err(&def(
        "    name: \"A\",\n    bogus: 1,\n    proto: { x: { fn: 1 } },",
    ));
    assert_eq!(msg.lines().count(), 2, "{msg}");
    assert!(msg.contains("A: unknown field `bogus`"));
    assert!(msg.contains("A.proto.x: `fn` must be a string, found a number"));
}

#[test]
fn generator_reports_the_file_path_and_cross_file_duplicates() {
    let dir = std::env::temp_dir().join(format!("rusk_bindgen_err_{}", std::process::id()));
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::create_dir_all(dir.join("b")).unwrap();
    let a = dir.join("a/x.classes.ts");
    let b = dir.join("b/y.classes.ts");
    std::fs::write(&a, "export default [define({ name: \"Same\" })];").unwrap();
    std::fs::write(
        &b,
        "export default [define({ name: \"Same\", proto: { p: { fn: \"p\", lenght: 1 } } })];",
    )
    .unwrap();
    let e = rusk_bindgen::Generator::new()
        .rerun_if_changed(false)
        .file(&a)
        .file(&b)
        .generate()
        .unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains(&format!(
            "{}:1:63: Same.proto.p: unknown field `lenght`",
            b.display()
        )),
        "{msg}"
    );
    std::fs::write(&b, "export default [define({ name: \"Same\" })];").unwrap();
    let e = rusk_bindgen::Generator::new()
        .rerun_if_changed(false)
        .file(&a)
        .file(&b)
        .generate()
        .unwrap_err();
    assert!(
        e.to_string().contains("class `Same` is also defined in"),
        "{e}"
    );
    let missing = rusk_bindgen::Generator::new()
        .rerun_if_changed(false)
        .file(dir.join("nope.classes.ts"))
        .generate()
        .unwrap_err();
    assert!(missing.to_string().contains("nope.classes.ts"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn typed_member_mistakes() {
    let cases = [
        (
            "    name: \"A\",\n    proto: { f: { fn: \"f\", args: 1 } },",
            "error: bad.classes.ts:5:34: A.proto.f: `args` must be an object of argument names and types, found a number",
        ),
        (
            "    name: \"A\",\n    proto: { f: { fn: \"f\", args: { a: \"int\" } } },",
            "error: bad.classes.ts:5:39: A.proto.f.a: unknown type `int` (expected one of: i32, u32, i64, u64, f64, number, boolean, string, bytes, Uint8Array, function, object, any, or a name declared in `types`)",
        ),
        (
            "    name: \"A\",\n    proto: { f: { fn: \"f\", args: { a: \"i32?\", b: \"i32\" } } },",
            "error: bad.classes.ts:5:47: A.proto.f: the required argument `b` follows an optional one",
        ),
        (
            "    name: \"A\",\n    proto: { f: { fn: \"f\", args: { a: \"...i32\", b: \"i32\" } } },",
            "error: bad.classes.ts:5:39: A.proto.f: the rest argument `a` must be the last",
        ),
        (
            "    name: \"A\",\n    proto: { f: { fn: \"f\", args: { a: { type: \"string\", clamp: true } } } },",
            "error: bad.classes.ts:5:39: A.proto.f.a: `clamp` applies to the integer types (i32, u32, i64, u64)",
        ),
        (
            "    name: \"A\",\n    proto: { f: { fn: \"f\", args: { a: { type: \"u32\", default: \"x\" } } } },",
            "error: bad.classes.ts:5:39: A.proto.f.a: the default a string does not fit type `u32`",
        ),
        (
            "    name: \"A\",\n    proto: { f: { fn: \"f\", args: { a: \"string | number\" } } },",
            "error: bad.classes.ts:5:39: A.proto.f.a: unsupported type \"string | number\" (declare a union in `types`: { union: [...] }; only `T | null` is written inline)",
        ),
        (
            "    name: \"A\",\n    proto: { f: { getter: \"f\", args: {} } },",
            "error: bad.classes.ts:5:14: A.proto.f: `args`, `returns`, `async` and `passThis` are only allowed with `fn`",
        ),
        (
            "    name: \"A\",\n    types: { mode: { enum: [\"a\"] } },",
            "error: bad.classes.ts:5:14: A.types.mode: type name `mode` must be a capitalised identifier (it names a Rust type)",
        ),
        (
            "    name: \"A\",\n    types: { Mode: { enum: [\"a-b\", \"a_b\"] } },",
            "error: bad.classes.ts:5:36: A.types.Mode: \"a_b\" and \"a-b\" make the same Rust variant `AB`",
        ),
        (
            "    name: \"A\",\n    types: { Mode: { set: [\"a\"] } },",
            "error: bad.classes.ts:5:20: A.types.Mode: a type must be { enum: [\"a\", \"b\"] }, { dict: { name: \"type\" } } or { union: [\"string\", \"bytes\"] }",
        ),
        (
            "    name: \"A\",\n    types: { U: { union: [\"any\", \"string\"] } },",
            "error: bad.classes.ts:5:26: A.types.U: `any` must be the last member of a union (it takes every value)",
        ),
        (
            "    name: \"A\",\n    types: { U: { union: [\"string?\", \"i32\"] } },",
            "error: bad.classes.ts:5:27: A.types.U: a union member is a plain type (no `?`, `| null`, `...`, clamp or default: put those on the argument)",
        ),
        (
            "    name: \"A\",\n    proto: { f: { getter: \"f\", writable: true } },",
            "error: bad.classes.ts:5:14: A.proto.f: `writable` applies to methods (`fn`); an accessor's is its setter",
        ),
        (
            "    name: \"A\",\n    proto: { f: { overloads: [{ fn: \"a\", args: { x: \"i32\" } }, { fn: \"b\", args: { y: \"f64\" } }] } },",
            "error: bad.classes.ts:5:30: A.proto.f: the overload `b` takes the same argument count and JS types as an earlier one, so it can never be called",
        ),
        (
            "    name: \"A\",\n    proto: { f: { fn: \"f\", overloads: [] } },",
            "error: bad.classes.ts:5:14: A.proto.f: `overloads` replaces `fn`/`args` (each variant has its own) and cannot be combined with accessors or `async`",
        ),
        (
            "    name: \"A\",\n    proto: { f: { fn: \"f\", args: { a: { type: \"i32\", coerce: true } } } },",
            "error: bad.classes.ts:5:39: A.proto.f.a: `coerce` applies to `string` and `boolean`",
        ),
        (
            "    name: \"A\",\n    proto: { f: { fn: \"f\", args: { a: { type: \"string\", coerce: true, message: \"no\" } } } },",
            "error: bad.classes.ts:5:39: A.proto.f.a: a coerced type takes every value, so it has no `message` to give",
        ),
        (
            "    name: \"A\",\n    proto: { f: { fn: \"f\", args: { a: { type: \"object\", message: 5 } } } },",
            "error: bad.classes.ts:5:39: A.proto.f.a: `message` must be a non-empty string",
        ),
        (
            "    name: \"A\",\n    proto: { f: { fn: \"f\", args: { a: { type: \"any\", message: \"no\" } } } },",
            "error: bad.classes.ts:5:39: A.proto.f.a: `any` takes every value, so it has no `message` to give",
        ),
        (
            "    name: \"A\",\n    proto: { f: { fn: \"f\", args: { a: { type: \"i32\", strict: true } } } },",
            "error: bad.classes.ts:5:39: A.proto.f.a: unknown field `strict` in a type (expected type, clamp, coerce, message, default)",
        ),
        (
            "    name: \"A\",\n    args: { a: \"i32\" },",
            "error: bad.classes.ts:5:5: A: `args` (the constructor's) needs `construct: true`",
        ),
    ];
    let mut wrong = Vec::new();
    for (body, expected) in cases {
        let msg = err(&def(body));
        if msg != expected {
            wrong.push(format!("{body}\n  got:  {msg}\n  want: {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Definition mistakes of the class options: `invalidThisBehavior`, `noConstructor`, `extends`
/// / `prototypeBase`, `builtin`, `own` and `valuesArray`.
#[test]
fn class_option_mistakes() {
    let cases = [
        (
            "    name: \"A\",\n    proto: { f: { fn: \"f\", invalidThisBehavior: \"ignore\" } },",
            "error: bad.classes.ts:5:49: A.proto.f: `invalidThisBehavior` must be \"throw\", \"noop\" or \"reject\", found \"ignore\"",
        ),
        (
            "    name: \"A\",\n    proto: { f: { fn: \"f\", invalidThisBehavior: 1 } },",
            "error: bad.classes.ts:5:49: A.proto.f: `invalidThisBehavior` must be \"throw\", \"noop\" or \"reject\", found a number",
        ),
        (
            "    name: \"A\",\n    klass: { f: { fn: \"f\", invalidThisBehavior: \"noop\" } },",
            "error: bad.classes.ts:5:28: A.klass.f: `invalidThisBehavior` applies to `proto` methods (static members do not check `this`)",
        ),
        (
            "    name: \"A\",\n    proto: { f: { getter: \"f\", invalidThisBehavior: \"noop\" } },",
            "error: bad.classes.ts:5:32: A.proto.f: `invalidThisBehavior` applies to methods (`fn` or `overloads`)",
        ),
        (
            "    name: \"A\",\n    proto: { f: { builtin: \"function () {}\", invalidThisBehavior: \"noop\" } },",
            "error: bad.classes.ts:5:46: A.proto.f: `invalidThisBehavior` applies to methods (`fn` or `overloads`)",
        ),
        (
            "    name: \"A\",\n    noConstructor: true,\n    construct: true,",
            "error: bad.classes.ts:5:5: A: `noConstructor: true` (no JS constructor) cannot be combined with `construct: true`",
        ),
        (
            "    name: \"A\",\n    noConstructor: true,\n    call: \"call\",",
            "error: bad.classes.ts:5:5: A: `noConstructor: true` (no JS constructor) cannot be combined with `call`",
        ),
        (
            "    name: \"A\",\n    noConstructor: true,\n    klass: {},",
            "error: bad.classes.ts:5:5: A: `noConstructor: true` (no JS constructor) cannot be combined with `klass` (static members live on the constructor)",
        ),
        (
            "    name: \"A\",\n    noConstructor: true,\n    args: { a: \"i32\" },",
            "error: bad.classes.ts:5:5: A: `noConstructor: true` (no JS constructor) cannot be combined with `args` (the constructor's)",
        ),
        (
            "    name: \"A\",\n    noConstructor: \"yes\",",
            "error: bad.classes.ts:5:20: A: `noConstructor` must be a boolean, found a string",
        ),
        (
            "    name: \"A\",\n    prototypeBase: \"Map\",",
            "error: bad.classes.ts:5:20: A: `prototypeBase` (Bun's name) can only be \"Error\", found \"Map\"; use `extends` for a class",
        ),
        (
            "    name: \"A\",\n    extends: \"Error\",\n    prototypeBase: \"Error\",",
            "error: bad.classes.ts:6:5: A: `extends` and `prototypeBase` both name the parent (the other is at line 5)",
        ),
        (
            "    name: \"A\",\n    extends: \"not a class\",",
            "error: bad.classes.ts:5:14: A: `extends` must be \"Error\" or the name of a class defined earlier in this file, found \"not a class\"",
        ),
        (
            "    name: \"A\",\n    extends: \"A\",",
            "error: bad.classes.ts:5:14: A: `A` cannot extend itself",
        ),
        (
            "    name: \"A\",\n    extends: \"Nope\",",
            "error: bad.classes.ts:5:14: A: `extends: \"Nope\"`: no class `Nope` in this file (a class can extend \"Error\" or a class defined earlier in the same file)",
        ),
        (
            "    name: \"A\",\n    proto: { f: { builtin: \"function (a { return a }\" } },",
            "error: bad.classes.ts:5:28: A.proto.f: the `builtin` source does not parse: Expected `,` or `)` but found `{`",
        ),
        (
            "    name: \"A\",\n    proto: { f: { builtin: \"(a) => a\" } },",
            "error: bad.classes.ts:5:28: A.proto.f: a `builtin` must be a `function` expression: an arrow function has no `this` of its own",
        ),
        (
            "    name: \"A\",\n    proto: { f: { builtin: \"42\" } },",
            "error: bad.classes.ts:5:28: A.proto.f: a `builtin` must be a `function` expression, like \"function (a, b) { return a + b }\"",
        ),
        (
            "    name: \"A\",\n    proto: { f: { builtin: \"function () {}\", fn: \"f\" } },",
            "error: bad.classes.ts:5:14: A.proto.f: `builtin` (a member written in JS) cannot be combined with `fn`, `getter`, `setter`, `cache`, `args`, `returns`, `async`, `passThis` or `overloads`",
        ),
        (
            "    name: \"A\",\n    proto: { f: { builtin: \"function (x: number) { return x }\" } },",
            "error: bad.classes.ts:5:28: A.proto.f: the `builtin` source does not parse: Expected `,` or `)` but found `:`",
        ),
        (
            "    name: \"A\",\n    own: [\"kind\"],",
            "error: bad.classes.ts:5:10: A.own: `own` must be an object of property names and Rust methods, found an array",
        ),
        (
            "    name: \"A\",\n    own: { kind: 1 },",
            "error: bad.classes.ts:5:18: A.own.kind: `own.kind` must be a string, found a number",
        ),
        (
            "    name: \"A\",\n    own: { \"a-b\": \"ab\" },",
            "error: bad.classes.ts:5:12: A.own.a-b: own property name `a-b` must be an identifier",
        ),
        (
            "    name: \"A\",\n    own: { kind: \"kind\" },\n    proto: { kind: { getter: \"kind\" } },",
            "error: bad.classes.ts:5:12: A.own.kind: `kind` is also a `proto` member (the own property would hide it)",
        ),
        (
            "    name: \"A\",\n    structuredClone: { tag: -1 },",
            "error: bad.classes.ts:5:29: A.structuredClone: `tag` must be an integer between 0 and 4294967295, found -1",
        ),
        (
            "    name: \"A\",\n    structuredClone: { transferable: true },",
            "error: bad.classes.ts:5:22: A.structuredClone: `structuredClone` needs `tag`, the class's tag in serialized data",
        ),
        (
            "    name: \"A\",\n    structuredClone: { tag: 1, storable: true },",
            "error: bad.classes.ts:5:32: A.structuredClone: unknown field `storable` (expected one of: tag, transferable)",
        ),
        (
            "    name: \"A\",\n    structuredClone: 1,",
            "error: bad.classes.ts:5:22: A.structuredClone: `structuredClone` must be { tag: <integer>, transferable?: boolean }",
        ),
        (
            "    name: \"A\",\n    valuesArray: 1,",
            "error: bad.classes.ts:5:18: A: `valuesArray` must be a boolean, found a number",
        ),
    ];
    let mut wrong = Vec::new();
    for (body, expected) in cases {
        let msg = err(&def(body));
        if msg != expected {
            wrong.push(format!("{body}\n  got:  {msg}\n  want: {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// `extends` between classes of one file: a parent must be defined first (so there are no
/// cycles) and must exist.
#[test]
fn extends_needs_an_earlier_class_of_the_same_file() {
    let src = |body: &str| {
        format!("import {{ define }} from \"rusk:bindgen\";\nexport default [\n{body}\n];\n")
    };
    let later = err(&src(
        "  define({ name: \"B\", extends: \"A\" }),\n  define({ name: \"A\" }),",
    ));
    assert_eq!(later, "error: bad.classes.ts:3:32: B: `extends: \"A\"`: `A` is defined later in the file; a parent must come before the classes that extend it (which also rules out cycles)");
    let cycle = err(&src(
        "  define({ name: \"A\", extends: \"B\" }),\n  define({ name: \"B\", extends: \"A\" }),",
    ));
    assert_eq!(cycle, "error: bad.classes.ts:3:32: A: `extends: \"B\"`: `B` is defined later in the file; a parent must come before the classes that extend it (which also rules out cycles)");
    let tags = err(&src("  define({ name: \"A\", structuredClone: { tag: 3 } }),\n  define({ name: \"B\", structuredClone: { tag: 3 } }),"));
    assert_eq!(tags, "error: bad.classes.ts:4:40: B.structuredClone: tag 3 is also the structured-clone tag of `A`");
    // Defined first: fine.
    rusk_bindgen::generate_source(
        "ok.classes.ts",
        &src("  define({ name: \"A\" }),\n  define({ name: \"B\", extends: \"A\" }),"),
    )
    .unwrap();
}

#[test]
fn async_iterable_mistakes() {
    check(
        "    name: \"A\",\n    asyncIterable: { value: \"number\" },",
        "error: bad.classes.ts:5:20: A.asyncIterable: `asyncIterable` needs `fn`, the Rust method that returns a Stream of the items",
    );
    check(
        "    name: \"A\",\n    asyncIterable: \"items\",",
        "error: bad.classes.ts:5:20: A.asyncIterable: `asyncIterable` must be { fn: \"items\", value: \"type\", key?: \"type\" }",
    );
    // `values` is generated by both declarations.
    check(
        "    name: \"A\",\n    iterable: { fn: \"list\" },\n    asyncIterable: { fn: \"items\" },",
        "error: bad.classes.ts:6:20: A.asyncIterable: `asyncIterable` defines `values`, which the class already defines",
    );
    check(
        "    name: \"A\",\n    proto: { keys: { fn: \"keys\" } },\n    asyncIterable: { fn: \"items\", key: \"string\" },",
        "error: bad.classes.ts:6:20: A.asyncIterable: `asyncIterable` defines `keys`, which the class already defines",
    );
}
