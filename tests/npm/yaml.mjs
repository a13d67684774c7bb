// yaml: parse (anchors, multi-doc, tags, errors) and stringify with options, plus Document editing.
import YAML, { parse, stringify, parseDocument, parseAllDocuments, Document, isMap } from 'yaml';

const src = `# service config
name: api
version: 1.2
enabled: yes
ports: [80, 443]
defaults: &defaults
  retries: 3
  timeout: 1.5s
prod:
  <<: *defaults
  retries: 5
description: |
  multi
  line
folded: >
  folded
  text
nothing: ~
date: 2024-01-15
quoted: "tab\\tand \\u00e9"
`;
console.log('parse:', JSON.stringify(parse(src, { merge: true })));
console.log('parse yaml1.1:', JSON.stringify(parse('a: yes\nb: on\nc: 0o17\nd: 010', { version: '1.1' })));

const out = stringify({
  name: 'demo',
  list: [1, 'two', { three: 3 }],
  nested: { deep: { value: null, flag: false } },
  multi: 'line one\nline two\n',
  special: 'needs: quoting',
  empty: [],
});
console.log('stringify:\n' + out);
console.log('stringify opts:\n' + stringify({ b: [1, 2], a: 'x' }, { indent: 4, sortMapEntries: true, defaultStringType: 'QUOTE_DOUBLE' }));
console.log('flow:', JSON.stringify(stringify({ a: [1, 2] }, { collectionStyle: 'flow' })));

const docs = parseAllDocuments('---\na: 1\n---\nb: 2\n...\n');
console.log('multi-doc:', JSON.stringify(docs.map((d) => d.toJS())));

const doc = parseDocument('# top comment\nkey: value # trailing\nlist:\n  - a\n');
doc.set('added', 42);
doc.getIn(['list']).add('b');
doc.setIn(['obj', 'x'], true);
console.log('document edit:\n' + doc.toString());
console.log('isMap:', isMap(doc.contents), 'has key:', doc.has('key'));

const bad = parseDocument('a: [1, 2\nb: c');
console.log('errors:', bad.errors.map((e) => `${e.code} at ${e.linePos?.[0]?.line}:${e.linePos?.[0]?.col}`).join('; '));
try {
  YAML.parse('a: 1\na: 2');
} catch (err) {
  console.log('duplicate key:', err.name, err.code);
}
const custom = new Document({ when: new Date(Date.UTC(2024, 0, 1)) });
console.log('date value:', custom.toString().trim());
console.log('round trip:', JSON.stringify(parse(stringify({ s: ' leading', n: '123', t: 'true', e: '' }))));
