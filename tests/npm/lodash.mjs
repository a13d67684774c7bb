// lodash (CommonJS package imported from ESM): a broad sample of collection, object, string and function utilities.
import _ from 'lodash';

const users = [
  { id: 1, name: 'ada', team: 'core', age: 36, active: true },
  { id: 2, name: 'bob', team: 'web', age: 25, active: false },
  { id: 3, name: 'cy', team: 'core', age: 41, active: true },
  { id: 4, name: 'dee', team: 'web', age: 30, active: true },
];
const j = (label, v) => console.log(label.padEnd(16), JSON.stringify(v));

j('groupBy', _.mapValues(_.groupBy(users, 'team'), (g) => _.map(g, 'name')));
j('keyBy', _.keys(_.keyBy(users, 'name')));
j('sortBy', _.map(_.sortBy(users, ['team', (u) => -u.age]), 'id'));
j('orderBy', _.map(_.orderBy(users, ['active', 'age'], ['desc', 'asc']), 'name'));
j('partition', _.partition(users, 'active').map((p) => p.length));
j('countBy', _.countBy(users, (u) => (u.age >= 30 ? 'senior' : 'junior')));
j('sumBy/meanBy', [_.sumBy(users, 'age'), _.meanBy(users, 'age')]);
j('maxBy/minBy', [_.maxBy(users, 'age').name, _.minBy(users, 'age').name]);
j('find', _.find(users, { team: 'web', active: true }));
j('filter matches', _.map(_.filter(users, ['team', 'core']), 'id'));
j('chunk', _.chunk([1, 2, 3, 4, 5], 2));
j('uniqBy', _.uniqBy([2.1, 1.2, 2.3], Math.floor));
j('difference', _.difference([1, 2, 3, 4], [2, 4]));
j('intersection', _.intersection([1, 2, 3], [2, 3, 4], [3, 2]));
j('zip/unzip', [_.zip(['a', 'b'], [1, 2]), _.unzip([['a', 1], ['b', 2]])]);
j('flattenDeep', _.flattenDeep([1, [2, [3, [4]]]]));
j('range', [_.range(5), _.range(0, 20, 5), _.range(3, 0)]);
j('chain', _.chain(users).filter('active').map('age').sum().value());

const obj = { a: { b: [{ c: 1 }, { c: 2 }] }, x: 1 };
j('get/has', [_.get(obj, 'a.b[1].c'), _.get(obj, 'a.z.q', 'dflt'), _.has(obj, 'a.b[0].c'), _.has(obj, 'a.q')]);
const setTarget = {};
_.set(setTarget, 'p.q[0].r', 5);
j('set', setTarget);
j('merge', _.merge({ a: { x: 1, arr: [1, 2] } }, { a: { y: 2, arr: [3] } }));
j('mergeWith', _.mergeWith({ a: [1] }, { a: [2] }, (o, s) => (Array.isArray(o) ? o.concat(s) : undefined)));
j('defaultsDeep', _.defaultsDeep({ a: { b: 1 } }, { a: { b: 2, c: 3 }, d: 4 }));
j('pick/omit', [_.pick(users[0], ['id', 'name']), _.omit(users[0], ['age', 'active', 'team'])]);
j('pickBy', _.pickBy({ a: 1, b: null, c: 0, d: 'x' }, _.identity));
j('invert', _.invert({ a: 'x', b: 'y' }));
j('mapKeys', _.mapKeys({ a: 1, b: 2 }, (v, k) => k.toUpperCase()));
j('isEqual', [_.isEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), _.isEqual([1], ['1'])]);
const deep = { d: new Date(0), nested: { arr: [1, { z: 1 }] }, re: /x/g };
const cloned = _.cloneDeep(deep);
j('cloneDeep', [cloned !== deep, cloned.nested.arr[1] !== deep.nested.arr[1], cloned.d.getTime(), String(cloned.re)]);
j('toPairs', _.toPairs({ a: 1, b: 2 }));
j('fromPairs', _.fromPairs([['a', 1], ['b', 2]]));

j('camelCase', ['foo-bar', 'Foo Bar', '__FOO_BAR__', 'fooBar2Baz'].map(_.camelCase));
j('kebab/snake', [_.kebabCase('fooBarBaz'), _.snakeCase('Foo Bar-baz'), _.startCase('hello_world-foo')]);
j('capitalize', [_.capitalize('hELLO'), _.upperFirst('abc'), _.lowerFirst('ABC')]);
j('pad/trunc', [_.padStart('5', 3, '0'), _.padEnd('ab', 5, '-'), _.truncate('The quick brown fox', { length: 12 })]);
j('words', _.words('fred, barney, & pebbles'));
j('escape', [_.escape('<a href="x">&</a>'), _.unescape('&lt;b&gt;')]);
const tpl = _.template('Hello <%= user %>! <% _.forEach(items, function(i) { %>[<%- i %>]<% }); %>');
j('template', tpl({ user: 'Ada', items: ['<x>', 'y'] }));
j('deburr', _.deburr('déjà vu Ångström'));

const memoCalls = [];
const slowSquare = _.memoize((n) => { memoCalls.push(n); return n * n; });
j('memoize', [slowSquare(3), slowSquare(3), slowSquare(4), memoCalls]);
const onceFn = _.once(() => 'first');
j('once', [onceFn(), onceFn()]);
const curried = _.curry((a, b, c) => a + b + c);
j('curry', [curried(1)(2)(3), curried(1, 2)(3)]);
j('partial', _.partial((g, n) => `${g} ${n}`, 'hi')('ada'));
j('flow', _.flow([(x) => x + 1, (x) => x * 2])(3));
j('times', _.times(4, (i) => i * i));
j('clamp/inRange', [_.clamp(10, 0, 5), _.inRange(3, 2, 4), _.round(1.005, 2), _.sum([0.1, 0.2])]);
j('type checks', [_.isPlainObject({}), _.isPlainObject(new Date()), _.isEmpty([]), _.isEmpty({ a: 1 }), _.isNil(undefined), _.isString('s')]);

const debounced = _.debounce((v) => console.log('debounced call with', v), 20);
debounced(1);
debounced(2);
debounced(3);
await new Promise((r) => setTimeout(r, 60));
const throttleCalls = [];
const throttled = _.throttle((v) => throttleCalls.push(v), 1000);
throttled('a');
throttled('b');
throttled.cancel();
j('throttle', throttleCalls);
console.log('VERSION:', _.VERSION);
