// glob: promise/sync/iterator APIs, ignore, dot, withFileTypes and the Glob class over fixtures/tree.
import { fileURLToPath } from 'node:url';
import { glob, globSync, globIterate, Glob, hasMagic, escape } from 'glob';

const cwd = fileURLToPath(new URL('./fixtures/tree/', import.meta.url));
const sorted = (list) => [...list].sort();
const show = (label, list) => console.log(label.padEnd(26), JSON.stringify(sorted(list)));

show('**/*.ts', await glob('**/*.ts', { cwd }));
show('ignore tests', await glob('src/**/*.{ts,js}', { cwd, ignore: '**/*.test.ts' }));
show('dot', await glob('**/*.json', { cwd, dot: true }));
show('ignore node_modules', await glob('**/*.js', { cwd, ignore: 'node_modules/**' }));
show('mark dirs', await glob('*/', { cwd, mark: true }));
show('nodir', await glob('docs/**', { cwd, nodir: true }));
show('globSync', globSync('docs/*.md', { cwd }));
show('nocase', await glob('DOCS/readme.MD', { cwd, nocase: true }));
show('multiple patterns', await glob(['package.json', 'src/*.ts'], { cwd }));
show('posix', await glob('src/lib/*', { cwd, posix: true }));

const typed = await glob('src/*', { cwd, withFileTypes: true, dot: true });
console.log('withFileTypes:', JSON.stringify(sorted(typed.map((p) => `${p.name}:${p.isDirectory() ? 'dir' : 'file'}:${p.relative()}`))));

const it = [];
for await (const f of globIterate('**/*.md', { cwd })) it.push(f);
show('globIterate', it);

const g = new Glob('**/util*', { cwd });
const fromClass = [];
for (const f of g) fromClass.push(f);
show('Glob class sync iter', fromClass);
show('Glob walk', await g.walk());

const abs = await glob('docs/*.md', { cwd, absolute: true });
show('absolute (relativized)', abs.map((p) => p.replace(cwd, '<root>/')));

console.log('hasMagic:', hasMagic('src/*.ts'), hasMagic('src/index.ts'), hasMagic(['a', 'b{c,d}']));
console.log('escape:', escape('a*b?[c]'));
