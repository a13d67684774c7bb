/*
 * fixture.c — the native side of rusk's FFI test suite and benchmarks.
 *
 * Build:  cc -shared -fPIC -O2 -pthread fixture.c -o libffi_fixture.so
 *
 * One portable C11 file, no dependencies beyond libc + pthreads, so the Rust build can compile
 * it with the `cc` crate exactly like the command above and the JS tests can run it under Bun
 * too. Every exported function has default visibility. Counters touched from several threads are
 * C11 atomics, every thread started here is joined by a function the tests call, and nothing
 * here allocates memory that a test cannot free (buffers go back through fixture_free or
 * free_buffer).
 *
 * The test files (tests/ffi/NAME.test.ts) and bench/ffi/ rely on these names and signatures; the
 * comments say which value each function returns so a test can check it exactly.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(_WIN32)
#define EXPORT __declspec(dllexport)
#else
#define EXPORT __attribute__((visibility("default")))
#endif

/* ---------------------------------------------------------------------------------------------
 * Identity functions: each type's value must survive JS -> C -> JS unchanged (or per the
 * contract's conversion rules). The *_fast variants are separate symbols with the same C types
 * so a test can declare them as i64_fast / u64_fast without sharing a symbol with i64 / u64.
 * ------------------------------------------------------------------------------------------- */
EXPORT int8_t id_i8(int8_t v) { return v; }
EXPORT uint8_t id_u8(uint8_t v) { return v; }
EXPORT int16_t id_i16(int16_t v) { return v; }
EXPORT uint16_t id_u16(uint16_t v) { return v; }
EXPORT int32_t id_i32(int32_t v) { return v; }
EXPORT uint32_t id_u32(uint32_t v) { return v; }
EXPORT int64_t id_i64(int64_t v) { return v; }
EXPORT uint64_t id_u64(uint64_t v) { return v; }
EXPORT int64_t id_i64_fast(int64_t v) { return v; }
EXPORT uint64_t id_u64_fast(uint64_t v) { return v; }
EXPORT float id_f32(float v) { return v; }
EXPORT double id_f64(double v) { return v; }
EXPORT bool id_bool(bool v) { return v; }
EXPORT char id_char(char v) { return v; }
EXPORT void *id_ptr(void *v) { return v; }
EXPORT const char *id_cstring(const char *v) { return v; }

/* What C actually received, widened, so a test can see argument conversion separately from
 * return conversion (e.g. bool truthiness, f64 from null/undefined, u64 wrap). */
EXPORT int32_t bool_to_i32(bool v) { return v ? 1 : 0; }
EXPORT uint64_t ptr_to_u64(void *p) { return (uint64_t)(uintptr_t)p; }
EXPORT int32_t is_null(const void *p) { return p == NULL; }
/* The raw IEEE bits of a double / float argument: NaN payloads and -0 are visible here. */
EXPORT uint64_t f64_bits(double v) {
  uint64_t b;
  memcpy(&b, &v, sizeof b);
  return b;
}
EXPORT uint32_t f32_bits(float v) {
  uint32_t b;
  memcpy(&b, &v, sizeof b);
  return b;
}
/* A -0.0 and a NaN produced in C, to check that returns preserve them. */
EXPORT double neg_zero(void) { return -0.0; }
EXPORT double make_nan(void) { return NAN; }

/* Return types with fixed results: out-of-range patterns that only a correct return conversion
 * maps to the right JS value. */
EXPORT uint32_t ret_u32_max(void) { return UINT32_MAX; }            /* 4294967295 */
EXPORT int32_t ret_i32_min(void) { return INT32_MIN; }              /* -2147483648 */
EXPORT uint8_t ret_u8_max(void) { return UINT8_MAX; }               /* 255 */
EXPORT int8_t ret_i8_min(void) { return INT8_MIN; }                 /* -128 */
EXPORT uint16_t ret_u16_max(void) { return UINT16_MAX; }            /* 65535 */
EXPORT int16_t ret_i16_min(void) { return INT16_MIN; }              /* -32768 */
EXPORT uint64_t ret_u64_max(void) { return UINT64_MAX; }            /* 2^64-1 */
EXPORT int64_t ret_i64_min(void) { return INT64_MIN; }              /* -2^63 */
EXPORT bool ret_true(void) { return true; }
EXPORT bool ret_false(void) { return false; }
EXPORT void *ret_null(void) { return NULL; }

/* Constant strings for cstring returns. */
EXPORT const char *hello(void) { return "hello"; }
/* "héllo wörld ✓ 😀" in UTF-8: 2-, 3- and 4-byte sequences. */
EXPORT const char *hello_utf8(void) {
  return "h\xC3\xA9llo w\xC3\xB6rld \xE2\x9C\x93 \xF0\x9F\x98\x80";
}
EXPORT const char *null_cstring(void) { return NULL; }
EXPORT const char *empty_cstring(void) { return ""; }

/* ---------------------------------------------------------------------------------------------
 * Arithmetic and benchmark targets.
 * ------------------------------------------------------------------------------------------- */
EXPORT void noop(void) {}
/* Unsigned arithmetic so overflow wraps without UB; the result is converted back to int32. */
EXPORT int32_t add_i32(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
EXPORT double add_f64(double a, double b) { return a + b; }
EXPORT float add_f32(float a, float b) { return a + b; }
EXPORT uint64_t add_u64(uint64_t a, uint64_t b) { return a + b; }
EXPORT int64_t add_i64(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }
EXPORT int64_t add_i64_fast(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }

/* FNV-1a 64 over n bytes. FNV-1a("") = 0xcbf29ce484222325, FNV-1a("a") = 0xaf63dc4c8601ec8c. */
EXPORT uint64_t hash(const uint8_t *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

/* Seven mixed arguments (five integer-class, two float-class). The result weights every
 * argument differently so a swapped or mis-converted argument changes it:
 *   a + 2b + 3c + 5d + 7e + 11f + 13g   (all in double). Pick test values that are exact. */
EXPORT double mix7(int8_t a, uint16_t b, int32_t c, int64_t d, float e, double f, uint64_t g) {
  return (double)a + 2.0 * b + 3.0 * c + 5.0 * (double)d + 7.0 * e + 11.0 * f + 13.0 * (double)g;
}
/* Same arguments, an exact 64-bit result computed with wrapping unsigned arithmetic:
 *   a + 2b + 3c + 5d + 7*trunc(e) + 11*trunc(f) + 13g   (mod 2^64, as int64). */
EXPORT int64_t mix7_i64(int8_t a, uint16_t b, int32_t c, int64_t d, float e, double f, uint64_t g) {
  uint64_t r = (uint64_t)(int64_t)a + 2u * (uint64_t)b + 3u * (uint64_t)(int64_t)c +
               5u * (uint64_t)d + 7u * (uint64_t)(int64_t)e + 11u * (uint64_t)(int64_t)f +
               13u * g;
  return (int64_t)r;
}
/* Ten 64-bit integers: four go on the stack on SysV x86-64 (6 integer registers), two on
 * AArch64 (8). Result: sum of (i+1)*a_i, wrapping. */
EXPORT int64_t sum10_i64(int64_t a0, int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5,
                         int64_t a6, int64_t a7, int64_t a8, int64_t a9) {
  uint64_t r = (uint64_t)a0 + 2u * (uint64_t)a1 + 3u * (uint64_t)a2 + 4u * (uint64_t)a3 +
               5u * (uint64_t)a4 + 6u * (uint64_t)a5 + 7u * (uint64_t)a6 + 8u * (uint64_t)a7 +
               9u * (uint64_t)a8 + 10u * (uint64_t)a9;
  return (int64_t)r;
}
/* Ten doubles (two on the stack with 8 FP registers): sum of (i+1)*a_i. */
EXPORT double sum10_f64(double a0, double a1, double a2, double a3, double a4, double a5,
                        double a6, double a7, double a8, double a9) {
  return a0 + 2 * a1 + 3 * a2 + 4 * a3 + 5 * a4 + 6 * a5 + 7 * a6 + 8 * a7 + 9 * a8 + 10 * a9;
}

/* One kind of 8-byte argument, at the smallest and largest counts rusk calls through a function
 * type of the exact arity (src/exact.rs): weighted sums, argument i multiplied by i + 1. */
EXPORT double wsum_f64x16(double a0, double a1, double a2, double a3, double a4, double a5,
                          double a6, double a7, double a8, double a9, double a10, double a11,
                          double a12, double a13, double a14, double a15) {
  const double v[16] = {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15};
  double s = 0;
  for (int i = 0; i < 16; i++) s += (i + 1) * v[i];
  return s;
}
EXPORT int64_t wsum_f64x5_i64(double a0, double a1, double a2, double a3, double a4) {
  return (int64_t)(a0 + 2 * a1 + 3 * a2 + 4 * a3 + 5 * a4);
}
EXPORT float wsum_f64x9_f32(double a0, double a1, double a2, double a3, double a4, double a5,
                            double a6, double a7, double a8) {
  return (float)(a0 + 2 * a1 + 3 * a2 + 4 * a3 + 5 * a4 + 6 * a5 + 7 * a6 + 8 * a7 + 9 * a8);
}
EXPORT uint64_t wsum_u64x14(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                            uint64_t a5, uint64_t a6, uint64_t a7, uint64_t a8, uint64_t a9,
                            uint64_t a10, uint64_t a11, uint64_t a12, uint64_t a13) {
  const uint64_t v[14] = {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13};
  uint64_t s = 0;
  for (int i = 0; i < 14; i++) s += (uint64_t)(i + 1) * v[i];
  return s;
}
EXPORT double wsum_i64x7_f64(int64_t a0, int64_t a1, int64_t a2, int64_t a3, int64_t a4,
                             int64_t a5, int64_t a6) {
  return (double)a0 + 2.0 * a1 + 3.0 * a2 + 4.0 * a3 + 5.0 * a4 + 6.0 * a5 + 7.0 * a6;
}
/* Seven pointers: the sum of the first byte each points at, weighted. */
EXPORT uint64_t wsum_first_bytes_ptrx7(const uint8_t *a0, const uint8_t *a1, const uint8_t *a2,
                                       const uint8_t *a3, const uint8_t *a4, const uint8_t *a5,
                                       const uint8_t *a6) {
  const uint8_t *v[7] = {a0, a1, a2, a3, a4, a5, a6};
  uint64_t s = 0;
  for (int i = 0; i < 7; i++) s += (uint64_t)(i + 1) * (v[i] ? v[i][0] : 0);
  return s;
}

/* ---------------------------------------------------------------------------------------------
 * Many symbols: sym_00 .. sym_79 each return 1000 + their number, so one dlopen can bind more
 * than 63 distinct real symbols and a test can check each one reached the right address.
 * ------------------------------------------------------------------------------------------- */
#define SYM(n) \
  EXPORT int32_t sym_##n(void) { return 1000 + (1##n - 100); }
#define SYM10(t) SYM(t##0) SYM(t##1) SYM(t##2) SYM(t##3) SYM(t##4) \
                 SYM(t##5) SYM(t##6) SYM(t##7) SYM(t##8) SYM(t##9)
SYM10(0) SYM10(1) SYM10(2) SYM10(3) SYM10(4) SYM10(5) SYM10(6) SYM10(7)

/* ---------------------------------------------------------------------------------------------
 * Memory helpers.
 * ------------------------------------------------------------------------------------------- */

/* A malloc'd buffer of n bytes, byte i = (seed + i) & 0xff. Release with fixture_free (as a
 * toArrayBuffer deallocator) or free_buffer. n == 0 still returns a unique pointer. */
EXPORT uint8_t *make_buffer(size_t n, uint8_t seed) {
  uint8_t *p = malloc(n ? n : 1);
  if (!p) return NULL;
  for (size_t i = 0; i < n; i++) p[i] = (uint8_t)(seed + i);
  return p;
}
/* A malloc'd NUL-terminated copy of a C string (release like make_buffer). */
EXPORT char *dup_string(const char *s) {
  size_t n = strlen(s);
  char *p = malloc(n + 1);
  if (p) memcpy(p, s, n + 1);
  return p;
}
EXPORT void free_buffer(void *p) { free(p); }

/* Fill a caller-provided buffer with the make_buffer pattern; returns n. */
EXPORT size_t fill_buffer(uint8_t *dst, size_t n, uint8_t seed) {
  for (size_t i = 0; i < n; i++) dst[i] = (uint8_t)(seed + i);
  return n;
}
/* Sum of n bytes (to check that a TypedArray argument points at its byteOffset). */
EXPORT uint64_t sum_bytes(const uint8_t *p, size_t n) {
  uint64_t s = 0;
  for (size_t i = 0; i < n; i++) s += p[i];
  return s;
}
EXPORT int32_t first_byte(const uint8_t *p) { return p ? p[0] : -1; }
EXPORT size_t c_strlen(const char *s) { return s ? strlen(s) : 0; }
/* Pointer arithmetic done in C, so a test can make an address at a known offset. */
EXPORT void *ptr_add(void *p, int64_t off) { return (void *)((uintptr_t)p + (uintptr_t)off); }

/* The deallocator for toArrayBuffer/toBuffer: `void (*)(void *bytes, void *ctx)`. It frees the
 * bytes (they must come from make_buffer/dup_string) and counts calls, so a test can check it
 * ran exactly once after a forced GC, and with which context. */
static atomic_int free_count;
static atomic_uintptr_t free_last_ctx;
EXPORT void fixture_free(void *bytes, void *ctx) {
  free(bytes);
  atomic_store(&free_last_ctx, (uintptr_t)ctx);
  atomic_fetch_add(&free_count, 1);
}
EXPORT int32_t fixture_free_count(void) { return atomic_load(&free_count); }
EXPORT uint64_t fixture_free_last_ctx(void) { return (uint64_t)atomic_load(&free_last_ctx); }
EXPORT void fixture_free_reset(void) {
  atomic_store(&free_count, 0);
  atomic_store(&free_last_ctx, 0);
}
/* Address of fixture_free without needing dlsym from JS (same as symbols.fixture_free.ptr). */
typedef void (*dealloc_fn)(void *, void *);
EXPORT void *fixture_free_address(void) {
  dealloc_fn f = fixture_free;
  void *p;
  memcpy(&p, &f, sizeof p); /* function -> object pointer without a cast warning */
  return p;
}

/* A static buffer with known contents, for read.*, toArrayBuffer and CString. Layout
 * (little-endian platforms; every supported one):
 *   0  i64  -2                      8  u64  0x0123456789ABCDEF (81985529216486895)
 *  16  f64  3.5                    24  f32  -1.25
 *  28  i32  -123456                32  u32  4000000000
 *  36  i16  -300                   38  u16  65000
 *  40  i8   -5                     41  u8   250
 *  42  "hi!\0" (4 bytes)            46  u8 0, u8 0
 *  48  ptr  address of this buffer (8 bytes on 64-bit)
 *  56  u64  2^63 + 1 (9223372036854775809)
 *  64  "héllo\0" UTF-8 (7 bytes)    71.. zero
 * Rewritten on every call (same values), so it is initialised before first use without a race
 * on the JS thread. */
static uint8_t static_buf[96];
EXPORT const uint8_t *static_bytes(void) {
  int64_t i64 = -2;
  uint64_t u64 = 0x0123456789ABCDEFULL;
  double f64 = 3.5;
  float f32 = -1.25f;
  int32_t i32 = -123456;
  uint32_t u32 = 4000000000u;
  int16_t i16 = -300;
  uint16_t u16 = 65000;
  int8_t i8 = -5;
  uint8_t u8 = 250;
  void *self = static_buf;
  uint64_t big = (1ULL << 63) + 1;
  memset(static_buf, 0, sizeof static_buf);
  memcpy(static_buf + 0, &i64, 8);
  memcpy(static_buf + 8, &u64, 8);
  memcpy(static_buf + 16, &f64, 8);
  memcpy(static_buf + 24, &f32, 4);
  memcpy(static_buf + 28, &i32, 4);
  memcpy(static_buf + 32, &u32, 4);
  memcpy(static_buf + 36, &i16, 2);
  memcpy(static_buf + 38, &u16, 2);
  memcpy(static_buf + 40, &i8, 1);
  memcpy(static_buf + 41, &u8, 1);
  memcpy(static_buf + 42, "hi!", 4);
  memcpy(static_buf + 48, &self, sizeof self);
  memcpy(static_buf + 56, &big, 8);
  memcpy(static_buf + 64, "h\xC3\xA9llo", 7);
  return static_buf;
}

/* ---------------------------------------------------------------------------------------------
 * Same-thread callbacks: call the function pointer on the calling (JS) thread and return what it
 * returned, so a test sees both the argument and the return conversion of a JSCallback.
 * ------------------------------------------------------------------------------------------- */
#define CALL1(name, T)                                      \
  EXPORT T call_##name(T (*cb)(T), T v) { return cb(v); }
CALL1(i8, int8_t)
CALL1(u8, uint8_t)
CALL1(i16, int16_t)
CALL1(u16, uint16_t)
CALL1(i32, int32_t)
CALL1(u32, uint32_t)
CALL1(i64, int64_t)
CALL1(u64, uint64_t)
CALL1(i64_fast, int64_t)
CALL1(u64_fast, uint64_t)
CALL1(f32, float)
CALL1(f64, double)
CALL1(bool, bool)
CALL1(char, char)
CALL1(ptr, void *)

/* The callback receives a C string made here ("from C: héllo") and returns its own length
 * computation; the function returns that value. */
EXPORT int32_t call_cstring(int32_t (*cb)(const char *)) {
  return cb("from C: h\xC3\xA9llo");
}
/* Callback that receives the caller's string pointer and returns a pointer (e.g. the same one);
 * the function returns strlen of what the callback returned, or -1 for NULL. */
EXPORT int64_t call_cstring_roundtrip(const char *(*cb)(const char *), const char *s) {
  const char *r = cb(s);
  return r ? (int64_t)strlen(r) : -1;
}
/* Calls cb with mix7's argument kinds and fixed values:
 *   cb(-7, 65000, -100000, -(2^40), 1.5f, 0.25, 2^63 + 5)
 * and returns what it returned. */
EXPORT double call_mix7(double (*cb)(int8_t, uint16_t, int32_t, int64_t, float, double, uint64_t)) {
  return cb(-7, 65000, -100000, -((int64_t)1 << 40), 1.5f, 0.25, (1ULL << 63) + 5);
}
/* Calls cb(i) for i in 0..n-1 and returns the wrapping sum of the results. */
EXPORT int64_t call_i32_loop(int32_t (*cb)(int32_t), int32_t n) {
  uint64_t s = 0;
  for (int32_t i = 0; i < n; i++) s += (uint64_t)(int64_t)cb(i);
  return (int64_t)s;
}
/* Calls a void(void) callback n times. */
EXPORT void call_void_n(void (*cb)(void), int32_t n) {
  for (int32_t i = 0; i < n; i++) cb();
}
/* Calls cb(x) then, if it returned, returns 1000 + its result: lets a test see whether C code
 * after a throwing callback still runs (it does: the exception is reported after the outer call
 * returns, the C frame cannot be unwound). */
EXPORT int32_t call_then_add(int32_t (*cb)(int32_t), int32_t x) { return 1000 + cb(x); }
/* Calls the function pointer nested: outer cb receives inner callback pointer + value. */
EXPORT int32_t call_nested(int32_t (*outer)(int32_t), int32_t v) { return outer(v) + 1; }

/* ---------------------------------------------------------------------------------------------
 * Foreign threads.
 *
 * start_threads(cb, kind, nthreads, calls_per_thread, pause_us) starts nthreads pthreads; each
 * makes calls_per_thread calls of cb and the function returns at once with a handle that
 * join_threads(handle) joins and frees. Thread t, call number s (0-based) uses the value
 *   ts_value(t, s)  — see below, mirrored in tests/ffi/lib.ts —
 * which cycles through 64-bit values beyond 2^53 and at the int64/uint64 limits.
 * kind:
 *   0  void cb(int32_t tid, int32_t seq, uint64_t v)
 *   1  void cb(int32_t tid, int32_t seq, int64_t v)        (v = the same bits as signed)
 *   2  void cb(int8_t a, uint16_t b, int32_t tid, int64_t i, float f, double d, uint64_t u,
 *              int32_t seq, bool odd)
 *        with a = -(seq % 100), b = 60000 + seq % 1000, i = -(int64)v... see ts_mixed below
 *   3  int32_t cb(int32_t x) with x = tid * 1000000 + seq; join returns the sum of results
 *   4  void cb(void)
 *   5  void cb(int32_t tid, const char *s) with s = "<tid>:<seq>" in a heap buffer that the thread
 *        overwrites with 'X's and frees as soon as cb returns (a caller that owns its strings)
 * calls_per_thread may be INT32_MAX for "until stop_threads(handle)".
 * pause_us > 0: the thread sleeps that long after every 64 calls, to spread calls over time.
 * join_threads returns the number of calls made (kinds 0-2, 4) or the wrapping sum (kind 3).
 * ------------------------------------------------------------------------------------------- */
static uint64_t ts_value(int32_t tid, int32_t seq) {
  uint64_t t = (uint64_t)(uint32_t)tid, s = (uint64_t)(uint32_t)seq;
  switch (seq % 8) {
    case 0: return UINT64_MAX - s;                        /* near 2^64 */
    case 1: return (1ULL << 53) + s;                      /* just above 2^53 */
    case 2: return (t << 32) | s;                         /* tid in the high word */
    case 3: return (uint64_t)INT64_MAX - s;               /* near 2^63 - 1 */
    case 4: return (1ULL << 63) + s;                      /* as int64: near INT64_MIN */
    case 5: return s;                                     /* small */
    case 6: return (1ULL << 53) - 1;                      /* 2^53 - 1 exactly */
    default: return 0ULL - (1ULL << 53) - s;              /* as int64: -(2^53) - s */
  }
}
/* Exported so a test can check its JS mirror against the C definition. */
EXPORT uint64_t ts_value_of(int32_t tid, int32_t seq) { return ts_value(tid, seq); }

typedef void (*cb_u64_t)(int32_t, int32_t, uint64_t);
typedef void (*cb_i64_t)(int32_t, int32_t, int64_t);
typedef void (*cb_mixed_t)(int8_t, uint16_t, int32_t, int64_t, float, double, uint64_t, int32_t,
                           bool);
typedef int32_t (*cb_ret_t)(int32_t);
typedef void (*cb_void_t)(void);
typedef void (*cb_str_t)(int32_t, const char *);

struct group;
struct worker {
  struct group *g;
  int32_t tid;
  pthread_t thread;
};
struct group {
  void *cb;
  int32_t kind, nthreads, calls, pause_us;
  atomic_llong made;   /* calls made, all threads */
  atomic_ullong sum;   /* kind 3: wrapping sum of results */
  atomic_int stop;     /* set by stop_threads: workers return early */
  int32_t started;     /* threads actually created */
  struct worker *workers;
};

static void sleep_us(int32_t us) {
  struct timespec ts = {us / 1000000, (long)(us % 1000000) * 1000L};
  while (nanosleep(&ts, &ts) != 0) {
  }
}

static void *worker_main(void *arg) {
  struct worker *w = arg;
  struct group *g = w->g;
  for (int32_t s = 0; s < g->calls && !atomic_load(&g->stop); s++) {
    uint64_t v = ts_value(w->tid, s);
    switch (g->kind) {
      case 0: ((cb_u64_t)g->cb)(w->tid, s, v); break;
      case 1: ((cb_i64_t)g->cb)(w->tid, s, (int64_t)v); break;
      case 2:
        /* a = -(seq % 100), b = 60000 + seq % 1000, tid, i = (int64)v, f = seq + 0.5f,
         * d = tid + seq / 4.0, u = v, seq, odd = seq & 1 */
        ((cb_mixed_t)g->cb)((int8_t)(-(s % 100)), (uint16_t)(60000 + s % 1000), w->tid,
                            (int64_t)v, (float)(s % 4096) + 0.5f, (double)w->tid + s / 4.0, v, s,
                            (s & 1) != 0);
        break;
      case 3: {
        int32_t r = ((cb_ret_t)g->cb)(w->tid * 1000000 + s);
        atomic_fetch_add(&g->sum, (unsigned long long)(int64_t)r);
        break;
      }
      case 5: {
        char *str = malloc(32);
        if (!str) break;
        snprintf(str, 32, "%d:%d", (int)w->tid, (int)s);
        ((cb_str_t)g->cb)(w->tid, str);
        memset(str, 'X', 31);
        str[31] = 0;
        free(str);
        break;
      }
      default: ((cb_void_t)g->cb)(); break;
    }
    atomic_fetch_add(&g->made, 1);
    if (g->pause_us > 0 && (s & 63) == 63) sleep_us(g->pause_us);
  }
  return NULL;
}

EXPORT void *start_threads(void *cb, int32_t kind, int32_t nthreads, int32_t calls_per_thread,
                           int32_t pause_us) {
  if (nthreads < 0 || calls_per_thread < 0) return NULL;
  struct group *g = calloc(1, sizeof *g);
  if (!g) return NULL;
  g->workers = calloc((size_t)(nthreads ? nthreads : 1), sizeof *g->workers);
  if (!g->workers) {
    free(g);
    return NULL;
  }
  g->cb = cb;
  g->kind = kind;
  g->nthreads = nthreads;
  g->calls = calls_per_thread;
  g->pause_us = pause_us;
  atomic_init(&g->made, 0);
  atomic_init(&g->sum, 0);
  atomic_init(&g->stop, 0);
  for (int32_t t = 0; t < nthreads; t++) {
    g->workers[t].g = g;
    g->workers[t].tid = t;
    if (pthread_create(&g->workers[t].thread, NULL, worker_main, &g->workers[t]) != 0) break;
    g->started++;
  }
  return g;
}
/* Joins every thread of the group and frees it. */
EXPORT int64_t join_threads(void *handle) {
  struct group *g = handle;
  if (!g) return -1;
  for (int32_t t = 0; t < g->started; t++) pthread_join(g->workers[t].thread, NULL);
  int64_t r = g->kind == 3 ? (int64_t)atomic_load(&g->sum) : (int64_t)atomic_load(&g->made);
  free(g->workers);
  free(g);
  return r;
}
/* Asks the threads of a group to stop after their current call (join_threads still joins). */
EXPORT void stop_threads(void *handle) {
  struct group *g = handle;
  if (g) atomic_store(&g->stop, 1);
}
/* Calls made so far (any thread), without joining. */
EXPORT int64_t threads_made(void *handle) {
  struct group *g = handle;
  return g ? (int64_t)atomic_load(&g->made) : -1;
}
/* Convenience for benchmarks and simple tests: start + join in one native call. The JS thread
 * is blocked inside this call while the threads run, so void threadsafe calls pile up in the
 * queue and are delivered after it returns. */
EXPORT int64_t run_threads(void *cb, int32_t kind, int32_t nthreads, int32_t calls_per_thread) {
  return join_threads(start_threads(cb, kind, nthreads, calls_per_thread, 0));
}

/* A call that happens after the native call returned: call_later starts a thread that sleeps
 * delay_ms and then calls cb(value) once; it returns at once with a handle for join_later,
 * which joins the thread (waiting for it if needed), frees the handle and returns 1 if the call
 * was made. The thread is joinable rather than detached so the library is never unloaded under
 * a running thread. */
struct later {
  pthread_t thread;
  void (*cb)(int32_t);
  int32_t delay_ms, value;
  atomic_int done;
};
static void *later_main(void *arg) {
  struct later *l = arg;
  sleep_us(l->delay_ms * 1000);
  l->cb(l->value);
  atomic_store(&l->done, 1);
  return NULL;
}
EXPORT void *call_later(void (*cb)(int32_t), int32_t delay_ms, int32_t value) {
  struct later *l = calloc(1, sizeof *l);
  if (!l) return NULL;
  l->cb = cb;
  l->delay_ms = delay_ms;
  l->value = value;
  atomic_init(&l->done, 0);
  if (pthread_create(&l->thread, NULL, later_main, l) != 0) {
    free(l);
    return NULL;
  }
  return l;
}
EXPORT int32_t later_done(void *handle) {
  struct later *l = handle;
  return l ? atomic_load(&l->done) : -1;
}
EXPORT int32_t join_later(void *handle) {
  struct later *l = handle;
  if (!l) return -1;
  pthread_join(l->thread, NULL);
  int32_t d = atomic_load(&l->done);
  free(l);
  return d;
}

/* The deadlock shape: the JS thread is blocked here (pthread_join) while the new thread calls
 * cb(21) and needs its result. With a blocking (non-void) threadsafe callback that waits for the
 * JS thread this can never finish by itself; rusk must diagnose it instead of hanging. Returns
 * what cb returned. */
struct waiter {
  int32_t (*cb)(int32_t);
  int32_t result;
};
static void *waiter_main(void *arg) {
  struct waiter *w = arg;
  w->result = w->cb(21);
  return NULL;
}
EXPORT int32_t call_from_thread_and_wait(int32_t (*cb)(int32_t)) {
  struct waiter w = {cb, -1};
  pthread_t t;
  if (pthread_create(&t, NULL, waiter_main, &w) != 0) return -2;
  pthread_join(t, NULL);
  return w.result;
}

/* Sleeps on the calling thread; lets a test keep the JS thread inside a native call. */
EXPORT void sleep_ms(int32_t ms) { sleep_us(ms * 1000); }

/* =============================================================================================
 * Bun-parity additions, used by tests/ffi/bun_parity.test.ts only. They give rusk's own tests
 * the shapes Bun's test/js/bun/ffi suite exercises that the functions above do not: arguments
 * past the registers (narrow, float, mixed, bool), callbacks with many arguments, a function
 * pointer handed out by C, buffer + buffer_length pairs, and a string mapped below 2^31.
 * Sums are computed in uint64_t (wrapping, no signed overflow) and converted back at the end.
 * ============================================================================================= */
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

/* Weighted sums: argument i (0-based) is multiplied by i + 1, so a swapped, dropped or
 * mis-extended argument changes the result. */
EXPORT int64_t parity_wsum_i32x10(int32_t a0, int32_t a1, int32_t a2, int32_t a3, int32_t a4,
                                  int32_t a5, int32_t a6, int32_t a7, int32_t a8, int32_t a9) {
  const int32_t v[10] = {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9};
  uint64_t s = 0;
  for (int i = 0; i < 10; i++) s += (uint64_t)(i + 1) * (uint64_t)(int64_t)v[i];
  return (int64_t)s;
}
EXPORT double parity_wsum_f32x10(float a0, float a1, float a2, float a3, float a4, float a5,
                                 float a6, float a7, float a8, float a9) {
  const float v[10] = {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9};
  double s = 0;
  for (int i = 0; i < 10; i++) s += (i + 1) * (double)v[i];
  return s;
}
EXPORT int64_t parity_wsum_u8x12(uint8_t a0, uint8_t a1, uint8_t a2, uint8_t a3, uint8_t a4,
                                 uint8_t a5, uint8_t a6, uint8_t a7, uint8_t a8, uint8_t a9,
                                 uint8_t a10, uint8_t a11) {
  const uint8_t v[12] = {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11};
  int64_t s = 0;
  for (int i = 0; i < 12; i++) s += (i + 1) * (int64_t)v[i];
  return s;
}
EXPORT int64_t parity_wsum_i8x12(int8_t a0, int8_t a1, int8_t a2, int8_t a3, int8_t a4, int8_t a5,
                                 int8_t a6, int8_t a7, int8_t a8, int8_t a9, int8_t a10,
                                 int8_t a11) {
  const int8_t v[12] = {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11};
  int64_t s = 0;
  for (int i = 0; i < 12; i++) s += (i + 1) * (int64_t)v[i];
  return s;
}
EXPORT int64_t parity_wsum_i16x12(int16_t a0, int16_t a1, int16_t a2, int16_t a3, int16_t a4,
                                  int16_t a5, int16_t a6, int16_t a7, int16_t a8, int16_t a9,
                                  int16_t a10, int16_t a11) {
  const int16_t v[12] = {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11};
  int64_t s = 0;
  for (int i = 0; i < 12; i++) s += (i + 1) * (int64_t)v[i];
  return s;
}
/* Bit i is set when argument i is true: each bool must arrive as exactly 0 or 1. */
EXPORT int32_t parity_bits_bool10(bool a0, bool a1, bool a2, bool a3, bool a4, bool a5, bool a6,
                                  bool a7, bool a8, bool a9) {
  const bool v[10] = {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9};
  int32_t bits = 0;
  for (int i = 0; i < 10; i++) bits |= (int32_t)v[i] << i;
  return bits;
}
/* Alternating int / double arguments, 12 of them: integer and floating-point registers run out
 * at different points. */
EXPORT double parity_wsum_alt12(int32_t a0, double a1, int32_t a2, double a3, int32_t a4,
                                double a5, int32_t a6, double a7, int32_t a8, double a9,
                                int32_t a10, double a11) {
  const double v[12] = {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11};
  double s = 0;
  for (int i = 0; i < 12; i++) s += (i + 1) * v[i];
  return s;
}
/* Alternating int64 / double; the test keeps every value exact in a double. */
EXPORT double parity_wsum_i64f64x10(int64_t a0, double a1, int64_t a2, double a3, int64_t a4,
                                    double a5, int64_t a6, double a7, int64_t a8, double a9) {
  const double v[10] = {(double)a0, a1, (double)a2, a3, (double)a4,
                        a5, (double)a6, a7, (double)a8, a9};
  double s = 0;
  for (int i = 0; i < 10; i++) s += (i + 1) * v[i];
  return s;
}

/* C calls a JS callback with many arguments (past the registers) and returns what it returned. */
EXPORT int64_t parity_cb_i32x10(int64_t (*cb)(int32_t, int32_t, int32_t, int32_t, int32_t,
                                              int32_t, int32_t, int32_t, int32_t, int32_t),
                                int32_t k) {
  return cb(k, k + 1, k + 2, k + 3, k + 4, k + 5, k + 6, k + 7, k + 8, k + 9);
}
EXPORT int64_t parity_cb_i64x10(int64_t (*cb)(int64_t, int64_t, int64_t, int64_t, int64_t,
                                              int64_t, int64_t, int64_t, int64_t, int64_t),
                                int64_t k) {
  int64_t v[10];
  for (int i = 0; i < 10; i++) v[i] = (int64_t)((uint64_t)k + (uint64_t)i);
  return cb(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
}
EXPORT double parity_cb_f64x10(double (*cb)(double, double, double, double, double, double,
                                            double, double, double, double),
                               double k) {
  return cb(k, k + 0.5, k + 1.0, k + 1.5, k + 2.0, k + 2.5, k + 3.0, k + 3.5, k + 4.0, k + 4.5);
}
EXPORT double parity_cb_alt12(double (*cb)(int32_t, double, int32_t, double, int32_t, double,
                                           int32_t, double, int32_t, double, int32_t, double),
                              int32_t i0, double d0) {
  return cb(i0, d0, i0 + 1, d0 + 1, i0 + 2, d0 + 2, i0 + 3, d0 + 3, i0 + 4, d0 + 4, i0 + 5,
            d0 + 5);
}
/* Twelve narrow signed arguments to a callback: the values are fixed here, the test knows them:
 * -128, 127, -1, 0, -100, 3, 17, -2, 99, -42, 7, -50. */
EXPORT int64_t parity_cb_i8x12(int64_t (*cb)(int8_t, int8_t, int8_t, int8_t, int8_t, int8_t,
                                             int8_t, int8_t, int8_t, int8_t, int8_t, int8_t)) {
  return cb(-128, 127, -1, 0, -100, 3, 17, -2, 99, -42, 7, -50);
}

/* The address of ret_true as an integer (a function pointer converted to uintptr_t is
 * implementation-defined, not undefined, unlike a conversion to void *). JS declares it "ptr". */
EXPORT uintptr_t parity_address_of_ret_true(void) { return (uintptr_t)&ret_true; }

/* For `buffer` + `buffer_length` pairs: the length C received, and the last byte it covers. */
EXPORT uint64_t parity_len_echo(const void *buf, uint64_t len) {
  (void)buf;
  return len;
}
EXPORT uint32_t parity_last_byte(const uint8_t *buf, uint64_t len) {
  return len ? buf[len - 1] : 999u;
}

/* One page holding "hello world\0" at an address below 2^31, so JS sees the address as a small
 * integer. Plain POSIX: /dev/zero mapped privately, the low address only as a hint (never
 * MAP_FIXED, so no existing mapping is replaced); a mapping that lands elsewhere is undone and
 * the next hint tried. NULL if none lands low. parity_low_string_free unmaps it. */
EXPORT char *parity_low_string(void) {
  long page = sysconf(_SC_PAGESIZE);
  int fd = open("/dev/zero", O_RDWR);
  if (page <= 0 || fd < 0) {
    if (fd >= 0) close(fd);
    return NULL;
  }
  char *found = NULL;
  for (uintptr_t hint = (uintptr_t)1 << 20; hint < ((uintptr_t)1 << 30) && !found;
       hint += (uintptr_t)page * 64) {
    void *m = mmap((void *)hint, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED) continue;
    if ((uintptr_t)m < ((uintptr_t)1 << 31)) {
      found = m;
    } else {
      munmap(m, (size_t)page);
    }
  }
  close(fd);
  if (found) memcpy(found, "hello world", 12);
  return found;
}
EXPORT void parity_low_string_free(char *p) {
  long page = sysconf(_SC_PAGESIZE);
  if (p && page > 0) munmap(p, (size_t)page);
}

/* ---- variadic functions (rusk's `variadic: true`) ---- */

/* Reads `count` arguments whose kinds `kinds` spells (i: int, l: int64_t, d: double,
 * p: a pointer to a NUL-terminated string, counted as its length) and returns their sum as a
 * double, so a test can check that each was passed in the right register or stack slot. */
EXPORT double variadic_sum(const char *kinds, ...) {
  va_list ap;
  va_start(ap, kinds);
  double sum = 0;
  for (const char *k = kinds; *k; k++) {
    switch (*k) {
      case 'i': sum += va_arg(ap, int); break;
      case 'u': sum += va_arg(ap, unsigned int); break;
      case 'l': sum += (double)va_arg(ap, int64_t); break;
      case 'd': sum += va_arg(ap, double); break;
      case 'p': sum += (double)strlen(va_arg(ap, const char *)); break;
      default: break;
    }
  }
  va_end(ap);
  return sum;
}

/* The count of its variadic int arguments that follow `n`: returns their sum. */
EXPORT int variadic_ints(int n, ...) {
  va_list ap;
  va_start(ap, n);
  int sum = 0;
  for (int i = 0; i < n; i++) sum += va_arg(ap, int);
  va_end(ap);
  return sum;
}

/* ---- non-blocking calls (`nonblocking: true`) ---- */

/* Sleeps `ms` milliseconds, then returns a + b. */
EXPORT int64_t nb_slow_add(int32_t ms, int64_t a, int64_t b) {
  sleep_ms(ms);
  return a + b;
}

/* Sleeps `ms`, then sets the `n` bytes at `buf` to `value` and returns their new sum. */
EXPORT int32_t nb_slow_fill(uint8_t *buf, int32_t n, int32_t ms, int32_t value) {
  sleep_ms(ms);
  int32_t sum = 0;
  for (int32_t i = 0; i < n; i++) {
    buf[i] = (uint8_t)value;
    sum += (uint8_t)value;
  }
  return sum;
}

/* Sleeps `ms`, then returns `s` itself (the caller's string). */
EXPORT const char *nb_slow_echo(const char *s, int32_t ms) {
  sleep_ms(ms);
  return s;
}

/* ---- structs and unions by value (one case per System V x86-64 class) ---- */

typedef struct { int32_t x, y; } Point;                    /* INTEGER */
typedef struct { float x, y; } Vec2f;                       /* SSE (two floats, one register) */
typedef struct { double x, y; } Vec2d;                      /* SSE, SSE */
typedef struct { int32_t tag; float weight; double value; } Mixed; /* INTEGER, SSE */
typedef struct { double x, y, z; } Vec3d;                   /* MEMORY (24 bytes) */
typedef struct { int64_t a, b, c; uint8_t d[8]; } Big;      /* MEMORY (32 bytes) */
typedef struct { Point min, max; } Rect;                    /* nested */
typedef struct { char name[12]; uint16_t id; } Named;       /* array member */
typedef union { int32_t i; float f; } IntOrFloat;           /* INTEGER (merged) */
typedef union { float f; double d; } FloatOrDouble;         /* SSE only */
typedef struct { uint8_t kind; IntOrFloat value; } Tagged;  /* union inside a struct */
typedef struct __attribute__((packed)) { uint8_t a; uint32_t b; uint16_t c; } Packed; /* misaligned: MEMORY */
typedef struct __attribute__((packed)) { uint32_t a; uint8_t b; } PackedAligned; /* 5 bytes, INTEGER */
typedef struct { const char *text; int32_t len; } Str;      /* a pointer member */
typedef struct { int64_t (*fn)(int64_t); int64_t arg; } Thunk; /* a callback member */

EXPORT Point point_add(Point a, Point b) { Point r = { a.x + b.x, a.y + b.y }; return r; }
EXPORT int32_t point_dot(Point a, Point b) { return a.x * b.x + a.y * b.y; }
EXPORT Vec2f vec2f_scale(Vec2f v, float k) { Vec2f r = { v.x * k, v.y * k }; return r; }
EXPORT Vec2d vec2d_swap(Vec2d v) { Vec2d r = { v.y, v.x }; return r; }
EXPORT Mixed mixed_bump(Mixed m) { m.tag += 1; m.weight *= 2; m.value += 0.5; return m; }
EXPORT double vec3d_len2(Vec3d v) { return v.x * v.x + v.y * v.y + v.z * v.z; }
EXPORT Vec3d vec3d_cross(Vec3d a, Vec3d b) {
  Vec3d r = { a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x };
  return r;
}
EXPORT Big big_make(int64_t seed) {
  Big r = { seed, seed * 2, seed * 3, { 0 } };
  for (int i = 0; i < 8; i++) r.d[i] = (uint8_t)(seed + i);
  return r;
}
EXPORT int64_t big_sum(Big b) {
  int64_t s = b.a + b.b + b.c;
  for (int i = 0; i < 8; i++) s += b.d[i];
  return s;
}
EXPORT int32_t rect_area(Rect r) { return (r.max.x - r.min.x) * (r.max.y - r.min.y); }
EXPORT Rect rect_grow(Rect r, int32_t by) {
  r.min.x -= by; r.min.y -= by; r.max.x += by; r.max.y += by;
  return r;
}
EXPORT Named named_make(uint16_t id) {
  Named n;
  memset(&n, 0, sizeof n);
  snprintf(n.name, sizeof n.name, "item-%u", (unsigned)id);
  n.id = id;
  return n;
}
EXPORT int32_t named_check(Named n) { return (int32_t)strlen(n.name) * 1000 + n.id; }
EXPORT float iof_as_float(IntOrFloat u) { return u.f; }
EXPORT IntOrFloat iof_from_int(int32_t i) { IntOrFloat u; u.i = i; return u; }
EXPORT double fod_get_double(FloatOrDouble u) { return u.d; }
EXPORT FloatOrDouble fod_from_double(double d) { FloatOrDouble u; u.d = d; return u; }
EXPORT Tagged tagged_next(Tagged t) { t.kind += 1; t.value.i += 1; return t; }
EXPORT Packed packed_bump(Packed p) { p.a += 1; p.b += 1; p.c += 1; return p; }
EXPORT uint32_t packed_sum(Packed p) { return p.a + p.b + p.c; }
EXPORT PackedAligned packed_aligned_make(uint32_t a, uint8_t b) { PackedAligned p = { a, b }; return p; }
EXPORT uint32_t packed_aligned_sum(PackedAligned p) { return p.a + p.b; }
EXPORT int32_t str_len(Str s) { return s.text ? (int32_t)strlen(s.text) + s.len : -1; }
EXPORT Str str_hello(void) { Str s = { "hello", 5 }; return s; }
EXPORT int64_t thunk_run(Thunk t) { return t.fn ? t.fn(t.arg) : -1; }
/* Seven INTEGER eightbytes and nine SSE ones: the last arguments go on the stack. */
EXPORT int64_t points_sum7(Point a, Point b, Point c, Point d, Point e, Point f, Point g) {
  return (int64_t)a.x + b.x + c.x + d.x + e.x + f.x + g.x
       + (int64_t)(a.y + b.y + c.y + d.y + e.y + f.y + g.y) * 1000;
}
EXPORT double vecs_sum5(Vec2d a, Vec2d b, Vec2d c, Vec2d d, Vec2d e) {
  return a.x + b.x + c.x + d.x + e.x + (a.y + b.y + c.y + d.y + e.y) * 1000;
}
/* Memory-class arguments among register ones (stack layout after a packed struct). */
EXPORT int64_t packed_between(int32_t a, Packed p, int32_t b, Packed q, int64_t c, int64_t d, int64_t e, int64_t f) {
  return a + (int64_t)p.a + p.b + p.c + b * 10 + ((int64_t)q.a + q.b + q.c) * 100 + c + d + e + f;
}

/* Callbacks that take and return structs. */
EXPORT Point call_point_cb(Point (*cb)(Point, int32_t), Point p, int32_t k) { return cb(p, k); }
EXPORT double call_vec3d_cb(double (*cb)(Vec3d, Vec3d), double s) {
  Vec3d a = { s, 2 * s, 3 * s }, b = { 1, 1, 1 };
  return cb(a, b);
}
EXPORT Mixed call_mixed_cb(Mixed (*cb)(Mixed), int32_t tag) {
  Mixed m = { tag, 1.5f, 2.25 };
  return cb(m);
}
EXPORT uint32_t call_packed_cb(Packed (*cb)(Packed), uint8_t a) {
  Packed p = { a, 1000, 7 };
  Packed r = cb(p);
  return r.a + r.b + r.c;
}
EXPORT int32_t call_union_cb(IntOrFloat (*cb)(FloatOrDouble), double d) {
  FloatOrDouble u; u.d = d;
  return cb(u).i;
}

typedef struct { Point (*cb)(Point, int32_t); Point in; Point out; pthread_t thread; } PointJob;
static void *point_job(void *arg) {
  PointJob *job = arg;
  job->out = job->cb(job->in, 3);
  return NULL;
}
/* Calls `cb` from a new thread with a struct argument and waits for it: the JS thread is
   blocked in this call, so the callback cannot run (rusk diagnoses the deadlock). */
EXPORT Point thread_point_cb(Point (*cb)(Point, int32_t), Point p) {
  PointJob job = { cb, p, { 0, 0 } };
  pthread_create(&job.thread, NULL, point_job, &job);
  pthread_join(job.thread, NULL);
  return job.out;
}
/* The same without blocking the JS thread: start, then join once the call has run. */
EXPORT PointJob *thread_point_start(Point (*cb)(Point, int32_t), Point p) {
  PointJob *job = calloc(1, sizeof *job);
  job->cb = cb;
  job->in = p;
  pthread_create(&job->thread, NULL, point_job, job);
  return job;
}
EXPORT Point thread_point_join(PointJob *job) {
  pthread_join(job->thread, NULL);
  Point out = job->out;
  free(job);
  return out;
}
/* A void callback with a struct argument from `n` threads (queued, not waited for). */
typedef struct { void (*cb)(Rect); int32_t i; } RectJob;
static void *rect_job(void *arg) {
  RectJob *job = arg;
  Rect r = { { job->i, job->i }, { job->i + 10, job->i + 20 } };
  job->cb(r);
  return NULL;
}
EXPORT void threads_rect_cb(void (*cb)(Rect), int32_t n) {
  RectJob jobs[16];
  pthread_t ts[16];
  if (n > 16) n = 16;
  for (int32_t i = 0; i < n; i++) {
    jobs[i].cb = cb;
    jobs[i].i = i;
    pthread_create(&ts[i], NULL, rect_job, &jobs[i]);
  }
  for (int32_t i = 0; i < n; i++) pthread_join(ts[i], NULL);
}
/* The C layout facts the tests compare with sizeof/alignof/offsetof. */
EXPORT int32_t layout_fact(int32_t which) {
  switch (which) {
    case 0: return (int32_t)sizeof(Mixed);
    case 1: return (int32_t)offsetof(Mixed, value);
    case 2: return (int32_t)sizeof(Named);
    case 3: return (int32_t)offsetof(Named, id);
    case 4: return (int32_t)sizeof(Tagged);
    case 5: return (int32_t)offsetof(Tagged, value);
    case 6: return (int32_t)sizeof(Packed);
    case 7: return (int32_t)offsetof(Packed, c);
    case 8: return (int32_t)sizeof(Big);
    case 9: return (int32_t)_Alignof(Big);
    case 10: return (int32_t)sizeof(Rect);
    case 11: return (int32_t)offsetof(Rect, max.y);
    default: return -1;
  }
}
static Rect global_rect = { { 1, 2 }, { 3, 4 } };
EXPORT Rect *rect_global(void) { return &global_rect; }

/* ---- exported data (the statics of Deno's FFI: `{ type: "i32" }` reads the variable) ---- */
EXPORT bool fixture_flag = true;
EXPORT int32_t fixture_number = -42;
EXPORT double fixture_ratio = 0.25;
EXPORT const char *fixture_name = "fixture";
