//! FFI type ids (the numbers of Bun's `FFIType`) and their libffi descriptions.

use libffi::middle::Type;
use rquickjs::object::Property;
use rquickjs::{Ctx, Function, Object};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum FfiType {
    Char = 0,
    I8 = 1,
    U8 = 2,
    I16 = 3,
    U16 = 4,
    I32 = 5,
    U32 = 6,
    I64 = 7,
    U64 = 8,
    F64 = 9,
    F32 = 10,
    Bool = 11,
    Ptr = 12,
    Void = 13,
    CString = 14,
    I64Fast = 15,
    U64Fast = 16,
    Function = 17,
    NapiEnv = 18,
    NapiValue = 19,
    Buffer = 20,
    /// Argument-only: the slot takes a view and passes its byteLength as a u64 (Bun's pairing
    /// with a `buffer` argument, so C gets pointer and length from one view).
    BufferLength = 21,
    /// A struct or union by value: its layout is kept beside the signature
    /// (`aggregate::SigAggregates`); never made from a type id or name.
    Struct = 22,
}

impl FfiType {
    pub fn from_id(id: i32) -> Option<FfiType> {
        use FfiType::*;
        Some(match id {
            0 => Char,
            1 => I8,
            2 => U8,
            3 => I16,
            4 => U16,
            5 => I32,
            6 => U32,
            7 => I64,
            8 => U64,
            9 => F64,
            10 => F32,
            11 => Bool,
            12 => Ptr,
            13 => Void,
            14 => CString,
            15 => I64Fast,
            16 => U64Fast,
            17 => Function,
            18 => NapiEnv,
            19 => NapiValue,
            20 => Buffer,
            21 => BufferLength,
            _ => return None,
        })
    }

    /// The libffi type used to pass or return a value of this type.
    pub fn ffi(self) -> Type {
        use FfiType::*;
        match self {
            Char | I8 => Type::i8(),
            U8 => Type::u8(),
            Bool => Type::u8(),
            I16 => Type::i16(),
            U16 => Type::u16(),
            I32 => Type::i32(),
            U32 => Type::u32(),
            I64 | I64Fast => Type::i64(),
            U64 | U64Fast | BufferLength => Type::u64(),
            F64 => Type::f64(),
            F32 => Type::f32(),
            Ptr | CString | Function | Buffer | NapiEnv | NapiValue => Type::pointer(),
            Void => Type::void(),
            // Never used for a call: aggregate positions take `Aggregate::ffi_type`.
            Struct => Type::pointer(),
        }
    }

    pub fn name(self) -> &'static str {
        use FfiType::*;
        match self {
            Char => "char",
            I8 => "int8_t",
            U8 => "uint8_t",
            I16 => "int16_t",
            U16 => "uint16_t",
            I32 => "int32_t",
            U32 => "uint32_t",
            I64 => "int64_t",
            U64 => "uint64_t",
            F64 => "double",
            F32 => "float",
            Bool => "bool",
            Ptr => "ptr",
            Void => "void",
            CString => "cstring",
            I64Fast => "i64_fast",
            U64Fast => "u64_fast",
            Function => "function",
            NapiEnv => "napi_env",
            NapiValue => "napi_value",
            Buffer => "buffer",
            BufferLength => "buffer_length",
            Struct => "struct",
        }
    }

    /// The C spelling used by `viewSource`.
    pub fn c_name(self) -> &'static str {
        use FfiType::*;
        match self {
            Char => "char",
            I8 => "int8_t",
            U8 => "uint8_t",
            I16 => "int16_t",
            U16 => "uint16_t",
            I32 => "int32_t",
            U32 => "uint32_t",
            I64 | I64Fast => "int64_t",
            U64 | U64Fast | BufferLength => "uint64_t",
            F64 => "double",
            F32 => "float",
            Bool => "bool",
            Ptr | Buffer | NapiEnv | NapiValue => "void*",
            Void => "void",
            CString => "const char*",
            Function => "void (*)(void)",
            Struct => "struct",
        }
    }
}

/// Every name of Bun's `FFIType` object with its id, in the order the object lists them.
pub const NAMES: &[(&str, u8)] = &[
    ("char", 0),
    ("int8_t", 1),
    ("i8", 1),
    ("uint8_t", 2),
    ("u8", 2),
    ("int16_t", 3),
    ("i16", 3),
    ("uint16_t", 4),
    ("u16", 4),
    ("int32_t", 5),
    ("i32", 5),
    ("int", 5),
    ("c_int", 5),
    ("uint32_t", 6),
    ("u32", 6),
    ("c_uint", 6),
    ("int64_t", 7),
    ("i64", 7),
    ("isize", 7),
    ("uint64_t", 8),
    ("u64", 8),
    ("usize", 8),
    ("size_t", 8),
    ("double", 9),
    ("f64", 9),
    ("float", 10),
    ("f32", 10),
    ("bool", 11),
    ("ptr", 12),
    ("pointer", 12),
    ("void*", 12),
    ("char*", 12),
    ("void", 13),
    ("cstring", 14),
    ("i64_fast", 15),
    ("u64_fast", 16),
    ("function", 17),
    ("callback", 17),
    ("fn", 17),
    ("napi_env", 18),
    ("napi_value", 19),
    ("buffer", 20),
    ("buffer_length", 21),
    ("buffer_bytelength", 21),
];

impl FfiType {
    /// The type named `name` in Bun's `FFIType` object (any alias).
    pub fn from_name(name: &str) -> Option<FfiType> {
        NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|&(_, id)| FfiType::from_id(id as i32))
    }
}

/// Bun's frozen `FFIType` object (every name and alias → type id).
pub fn ffi_type_object<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let o = Object::new(ctx.clone())?;
    // Frozen as it is made: each property read-only and fixed from the start, then no new
    // ones. (`Object.freeze` afterwards rewrote all ~75 properties: a third of the ~85 k
    // instructions this cost when rusk:ffi loads.)
    let fixed = |value: i32| Property::from(value).enumerable();
    // Bun's object also maps the ids of the plain types to themselves (`FFIType[5] === 5`).
    for id in 0..=FfiType::Function as i32 {
        o.prop(id, fixed(id))?;
    }
    for (name, id) in NAMES {
        o.prop(*name, fixed(*id as i32))?;
    }
    let object: Object = ctx.globals().get("Object")?;
    let prevent_extensions: Function = object.get("preventExtensions")?;
    prevent_extensions.call::<_, ()>((o.clone(),))?;
    Ok(o)
}
