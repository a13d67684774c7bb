// zod: schemas for objects/unions/refinements/transforms; parse successes and failure messages.
import { z } from 'zod';

const User = z.object({
  id: z.number().int().positive(),
  name: z.string().min(2).max(20),
  email: z.string().email(),
  role: z.enum(['admin', 'user']).default('user'),
  tags: z.array(z.string()).max(3).optional(),
  age: z.coerce.number().min(0).optional(),
});

const show = (label, result) => {
  if (result.success) console.log(`${label}: ok ${JSON.stringify(result.data)}`);
  else console.log(`${label}: fail ${JSON.stringify(result.error.issues.map((i) => ({ path: i.path, code: i.code, message: i.message })))}`);
};

show('valid user', User.safeParse({ id: 1, name: 'Ada', email: 'ada@example.com', age: '36' }));
show('invalid user', User.safeParse({ id: -1, name: 'A', email: 'nope', role: 'root', tags: ['a', 'b', 'c', 'd'] }));
show('missing fields', User.safeParse({}));
show('strict extra', User.strict().safeParse({ id: 1, name: 'Ada', email: 'a@b.co', extra: 1 }));
show('partial', User.partial().safeParse({ name: 'Bob' }));
show('pick', User.pick({ name: true }).safeParse({ name: 'Al', id: 'x' }));

const Shape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('circle'), r: z.number() }),
  z.object({ kind: z.literal('rect'), w: z.number(), h: z.number() }),
]);
show('union circle', Shape.safeParse({ kind: 'circle', r: 2 }));
show('union bad', Shape.safeParse({ kind: 'tri' }));

const Password = z.string().min(8).refine((s) => /\d/.test(s), { message: 'needs a digit' });
show('refine', Password.safeParse('abcdefgh'));
const Range = z.object({ from: z.number(), to: z.number() }).superRefine((v, ctx) => {
  if (v.from > v.to) ctx.addIssue({ code: 'custom', message: 'from > to', path: ['from'] });
});
show('superRefine', Range.safeParse({ from: 5, to: 1 }));

const Csv = z.string().transform((s) => s.split(',').map(Number)).pipe(z.array(z.number().int()));
show('transform+pipe', Csv.safeParse('1,2,3'));
show('transform+pipe bad', Csv.safeParse('1,x'));

show('tuple', z.tuple([z.string(), z.number()]).safeParse(['a', 1]));
show('record', z.record(z.string(), z.boolean()).safeParse({ a: true, b: 'no' }));
show('nullable/default', z.object({ n: z.number().nullable(), d: z.string().default('dflt') }).safeParse({ n: null }));
show('date', z.date().safeParse(new Date(Date.UTC(2024, 0, 1))));
show('bigint', z.bigint().safeParse(1));
show('literal', z.literal('yes').safeParse('no'));
show('uuid', z.string().uuid().safeParse('not-uuid'));
show('url', z.string().url().safeParse('https://example.com/a?b=c'));
show('nativeEnum-like', z.enum(['a', 'b']).safeParse('c'));

try {
  User.parse({ id: 'x' });
} catch (err) {
  console.log('parse throws:', err.constructor.name, err.issues.length);
  console.log('prettifyError:\n' + z.prettifyError(err));
  console.log('flattenError:', JSON.stringify(z.flattenError(err)));
}

const jsonSchema = z.toJSONSchema(z.object({ a: z.string(), b: z.number().optional() }));
console.log('toJSONSchema:', JSON.stringify(jsonSchema));
const Inferred = User.shape.role;
console.log('enum options:', Inferred.unwrap().options.join(','));
const asyncSchema = z.string().refine(async (s) => s === 'ok', 'async check failed');
console.log('async:', (await asyncSchema.safeParseAsync('ok')).success, (await asyncSchema.safeParseAsync('no')).error.issues[0].message);
