// commander: a small CLI definition parsed from fixed argv arrays; output captured, exits overridden.
import { Command, Option, InvalidArgumentError } from 'commander';

function makeProgram(out) {
  const program = new Command();
  program
    .name('tool')
    .description('demo tool')
    .version('1.2.3', '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.push(['out', s]), writeErr: (s) => out.push(['err', s]) });

  program
    .command('build')
    .description('build things')
    .argument('<entry>', 'entry file')
    .argument('[extra...]', 'more files')
    .option('-o, --out-dir <dir>', 'output dir', 'dist')
    .option('-m, --minify', 'minify output')
    .option('--no-sourcemap', 'disable sourcemaps')
    .addOption(new Option('-t, --target <target>', 'target').choices(['es2020', 'es2022']).default('es2022'))
    .option('-j, --jobs <n>', 'parallel jobs', (v) => {
      const n = Number.parseInt(v, 10);
      if (Number.isNaN(n)) throw new InvalidArgumentError('Not a number.');
      return n;
    }, 1)
    .option('-d, --define <kv>', 'define (repeatable)', (v, prev) => prev.concat([v]), [])
    .action((entry, extra, opts) => {
      out.push(['action', JSON.stringify({ entry, extra, opts })]);
    });

  program
    .command('serve')
    .alias('s')
    .option('-p, --port <port>', 'port', '3000')
    .action((opts, cmd) => out.push(['action', `serve ${cmd.name()} ${JSON.stringify(opts)}`]));
  return program;
}

const cases = [
  ['build', 'src/index.ts'],
  ['build', 'a.ts', 'b.ts', 'c.ts', '-m', '--no-sourcemap', '-o', 'out', '-j', '4', '-d', 'A=1', '-d', 'B=2', '--target', 'es2020'],
  ['s', '--port', '8080'],
  ['build'],
  ['build', 'x.ts', '--target', 'es5'],
  ['build', 'x.ts', '-j', 'many'],
  ['build', 'x.ts', '--bogus'],
  ['nope'],
  ['--version'],
  ['build', '--help'],
];

for (const argv of cases) {
  const out = [];
  const program = makeProgram(out);
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    out.push(['thrown', `${err.code} exitCode=${err.exitCode}`]);
  }
  console.log(`$ tool ${argv.join(' ')}`);
  for (const [kind, text] of out) console.log(`  [${kind}] ${text.trimEnd().split('\n').join('\n  ')}`);
}

const root = makeProgram([]);
console.log('commands:', root.commands.map((c) => `${c.name()}(${c.aliases().join(',')})`).join(' '));
console.log('help width-independent:', root.helpInformation({ error: false }).includes('build [options] <entry> [extra...]'));
