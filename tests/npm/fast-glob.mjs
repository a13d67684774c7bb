// fast-glob: patterns, ignore, dot files, onlyDirectories, stats and sync/stream APIs over fixtures/tree.
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';

const cwd = fileURLToPath(new URL('./fixtures/tree/', import.meta.url));
const opts = { cwd };
const sorted = (list) => [...list].sort();
const show = (label, list) => console.log(label.padEnd(28), JSON.stringify(sorted(list)));

show('**/*.ts', await fg('**/*.ts', opts));
show('src/**/*.{ts,js} !test', await fg(['src/**/*.{ts,js}', '!**/*.test.ts'], opts));
show('** dot:true', await fg('**', { ...opts, dot: true }));
show('** ignore node_modules', await fg('**', { ...opts, ignore: ['**/node_modules/**'] }));
show('onlyDirectories', await fg('**', { ...opts, onlyDirectories: true, dot: true }));
show('markDirectories', await fg('*', { ...opts, onlyDirectories: true, markDirectories: true }));
show('deep:1', await fg('**/*', { ...opts, deep: 1 }));
show('case-insensitive readme', await fg('**/readme.md', { ...opts, caseSensitiveMatch: false }));
show('sync docs/*.md', fg.sync('docs/*.md', opts));

const withStats = await fg('src/**/*.ts', { ...opts, stats: true, objectMode: true });
console.log('stats:', JSON.stringify(sorted(withStats.map((e) => `${e.path}:${e.dirent.isFile()}:${e.stats.size}`))));

const streamed = [];
for await (const entry of fg.stream('**/*.md', opts)) streamed.push(String(entry));
show('stream **/*.md', streamed);

const absolute = await fg('docs/*.md', { ...opts, absolute: true });
show('absolute (relativized)', absolute.map((p) => p.replace(cwd, '<root>/')));

console.log('isDynamicPattern:', fg.isDynamicPattern('src/*.ts'), fg.isDynamicPattern('src/index.ts'));
console.log('escapePath:', fg.escapePath('file[1](2).ts'));
console.log('generateTasks:', JSON.stringify(fg.generateTasks(['src/**/*.ts', '!src/lib/**']).map((t) => ({ base: t.base, patterns: t.patterns }))));
