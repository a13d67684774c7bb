// debug: namespaces from the DEBUG env var, output routed to a custom log function without colors or dates.
// debug reads DEBUG/DEBUG_* from the environment when it loads, so set them before importing.
process.env.DEBUG = 'app:*,-app:secret';
process.env.DEBUG_COLORS = 'no';
process.env.DEBUG_HIDE_DATE = 'true';
const { default: createDebug } = await import('debug');
const { format } = await import('node:util');

const lines = [];
// debug leaves %s/%d/%j to util.format in its default stderr logger; do the same here.
createDebug.log = (...args) => lines.push(format(...args));
createDebug.formatters.u = (v) => String(v).toUpperCase();

const http = createDebug('app:http');
const db = createDebug('app:db');
const secret = createDebug('app:secret');
const other = createDebug('lib:thing');
console.log('inspectOpts:', JSON.stringify(createDebug.inspectOpts));

console.log('enabled:', http.enabled, db.enabled, secret.enabled, other.enabled);
console.log('createDebug.enabled:', createDebug.enabled('app:x'), createDebug.enabled('app:secret'), createDebug.enabled('lib:x'));

http('GET %s -> %d', '/users', 200);
db('query %o', { table: 'users', limit: 10 });
db('json %j', { a: [1, 2] });
http('custom %u and %%', 'shout');
secret('should not print');
other('should not print');

const sub = http.extend('retry');
console.log('extend namespace:', sub.namespace, 'enabled', sub.enabled);
sub('attempt %d', 2);

const disabled = createDebug.disable();
console.log('disable() returned:', disabled);
http('after disable');
createDebug.enable('lib:*');
other('now enabled');

// Non-TTY output prefixes an ISO date; strip it so the log is deterministic.
for (const line of lines) console.log('log>', line.replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z /, '<date> ').replace(/ \+\d+m?s$/, ' +<ms>'));
console.log('humanize:', createDebug.humanize(1500), createDebug.humanize(90061000));
