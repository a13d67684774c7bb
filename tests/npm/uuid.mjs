// uuid: deterministic v3/v5/v1/v6/v7 via fixed inputs, shape checks for random v4, parse/stringify/validate.
import { v1, v3, v4, v5, v6, v7, v1ToV6, v6ToV1, NIL, MAX, parse, stringify, validate, version } from 'uuid';

console.log('v5 url:', v5('https://example.com/', v5.URL));
console.log('v5 dns:', v5('example.com', v5.DNS));
console.log('v5 custom ns:', v5('hello', '1b671a64-40d5-491e-99b0-da01ff1f3341'));
console.log('v3 dns:', v3('example.com', v3.DNS));
console.log('v5 bytes:', JSON.stringify(Array.from(v5('x', v5.DNS, new Uint8Array(16)))));

const r = v4();
console.log('v4 shape:', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(r), 'version', version(r));
const fixedRandom = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
console.log('v4 fixed random:', v4({ random: fixedRandom }));

const t1 = v1({ node: Uint8Array.of(1, 2, 3, 4, 5, 6), clockseq: 0x1234, msecs: Date.UTC(2024, 0, 15, 12, 0, 0), nsecs: 5678 });
console.log('v1 fixed:', t1);
const t6 = v1ToV6(t1);
console.log('v1ToV6:', t6, 'back:', v6ToV1(t6) === t1);
console.log('v6 fixed:', v6({ node: Uint8Array.of(1, 2, 3, 4, 5, 6), clockseq: 0x1234, msecs: Date.UTC(2024, 0, 15), nsecs: 0 }));
console.log('v7 fixed:', v7({ msecs: Date.UTC(2024, 0, 15), random: fixedRandom, seq: 0 }));

console.log('NIL/MAX:', NIL, MAX, validate(NIL), validate(MAX));
const bytes = parse('6ba7b810-9dad-11d1-80b4-00c04fd430c8');
console.log('parse:', Array.from(bytes).map((b) => b.toString(16).padStart(2, '0')).join(''));
console.log('stringify:', stringify(bytes));
for (const s of ['not-a-uuid', '6ba7b810-9dad-11d1-80b4-00c04fd430c8', '6BA7B810-9DAD-11D1-80B4-00C04FD430C8', '']) {
  console.log(`validate(${JSON.stringify(s)}):`, validate(s));
}
try {
  parse('nope');
} catch (err) {
  console.log('parse error:', err.constructor.name, err.message);
}
try {
  version('nope');
} catch (err) {
  console.log('version error:', err.constructor.name, err.message);
}
