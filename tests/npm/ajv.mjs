// ajv: compile JSON Schemas, validate data, inspect errors; formats, defaults, coercion, $ref and custom keywords.
import Ajv from 'ajv';

const ajv = new Ajv({ allErrors: true, useDefaults: true, coerceTypes: false });
ajv.addFormat('semver', /^\d+\.\d+\.\d+$/);
ajv.addKeyword({
  keyword: 'even',
  type: 'number',
  schemaType: 'boolean',
  validate: (schema, data) => !schema || data % 2 === 0,
  error: { message: 'must be even' },
});

ajv.addSchema({
  $id: 'https://example.com/address.json',
  type: 'object',
  properties: { city: { type: 'string', minLength: 1 }, zip: { type: 'string', pattern: '^[0-9]{5}$' } },
  required: ['city'],
  additionalProperties: false,
});

const schema = {
  $id: 'https://example.com/user.json',
  type: 'object',
  properties: {
    id: { type: 'integer', minimum: 1 },
    name: { type: 'string', minLength: 2, maxLength: 10 },
    role: { enum: ['admin', 'user'], default: 'user' },
    version: { type: 'string', format: 'semver' },
    score: { type: 'number', even: true },
    tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 3 },
    address: { $ref: 'address.json' },
    kind: { oneOf: [{ const: 'a' }, { const: 'b' }] },
  },
  required: ['id', 'name'],
  additionalProperties: false,
};
const validate = ajv.compile(schema);

const run = (label, data) => {
  const ok = validate(data);
  console.log(`${label}: ${ok}`);
  if (ok) console.log('  data after defaults:', JSON.stringify(data));
  else for (const e of validate.errors) console.log(`  ${e.instancePath || '/'} ${e.keyword} ${e.message} ${JSON.stringify(e.params)}`);
};

run('valid', { id: 1, name: 'Ada', version: '1.2.3', score: 4, tags: ['x'], address: { city: 'Paris', zip: '75001' }, kind: 'a' });
run('invalid', { id: 0, name: 'A', role: 'root', version: 'v1', score: 3, tags: ['x', 'x', 'y', 'z'], address: { zip: 'abc', extra: 1 }, kind: 'c', bogus: true });
run('wrong type', 'not an object');
console.log('errorsText:', ajv.errorsText([{ instancePath: '/id', message: 'must be integer' }], { dataVar: 'user' }));

const coercing = new Ajv({ coerceTypes: 'array' });
const coerceValidate = coercing.compile({ type: 'object', properties: { n: { type: 'number' }, b: { type: 'boolean' }, list: { type: 'array', items: { type: 'integer' } } } });
const coerced = { n: '42', b: 'true', list: '7' };
console.log('coerceTypes:', coerceValidate(coerced), JSON.stringify(coerced));

const strict = new Ajv();
try {
  strict.compile({ type: 'object', properties: { a: { type: 'string' } }, unknownKeyword: 1 });
} catch (err) {
  console.log('strict mode:', err.message);
}
try {
  ajv.compile({ $ref: 'missing.json' });
} catch (err) {
  console.log('missing ref:', err.constructor.name, err.missingRef);
}
console.log('validateSchema:', ajv.validateSchema({ type: 'nope' }), ajv.errors.map((e) => e.message).slice(0, 2).join(' | '));
console.log('getSchema cached:', typeof ajv.getSchema('https://example.com/address.json'), ajv.getSchema('https://example.com/user.json') === validate);

const asyncAjv = new Ajv();
asyncAjv.addKeyword({
  keyword: 'idExists',
  async: true,
  type: 'number',
  validate: async (schema, data) => data < 100,
});
const asyncValidate = asyncAjv.compile({ $async: true, type: 'object', properties: { id: { type: 'number', idExists: true } } });
console.log('async valid:', JSON.stringify(await asyncValidate({ id: 5 })));
try {
  await asyncValidate({ id: 500 });
} catch (err) {
  console.log('async invalid:', err.constructor.name, err.errors.map((e) => `${e.instancePath} ${e.keyword}`).join(','));
}
