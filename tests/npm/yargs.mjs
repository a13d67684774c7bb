// yargs: options, commands, coercion, validation failures and help from fixed argv via .parse().
import yargs from 'yargs';

function cli() {
  return yargs()
    .scriptName('deploy')
    .usage('$0 <cmd> [args]')
    .option('verbose', { alias: 'v', type: 'count', describe: 'more logging' })
    .option('region', { type: 'string', choices: ['eu', 'us'], default: 'eu' })
    .option('tags', { type: 'array', describe: 'tags' })
    .option('dry-run', { type: 'boolean', describe: 'do nothing' })
    .option('retries', { type: 'number', default: 3 })
    .option('config', { type: 'string', coerce: (v) => v.toUpperCase() })
    .command('push <service> [ref]', 'push a service', (y) =>
      y.positional('service', { type: 'string' }).positional('ref', { type: 'string', default: 'latest' }),
    )
    .command(['status', 'st'], 'show status')
    .strict()
    .demandCommand(1, 'need a command')
    .wrap(80)
    .exitProcess(false)
    .fail((msg, err) => {
      throw new Error(`FAIL: ${msg ?? err.message}`);
    });
}

const pick = (argv) => {
  const { $0, ...rest } = argv;
  return JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))));
};

const cases = [
  ['push', 'api'],
  ['push', 'web', '1.2.0', '-vv', '--region', 'us', '--tags', 'a', 'b', '--dry-run', '--retries', '5', '--config', 'prod'],
  ['st', '--no-dry-run'],
  ['push', 'api', '--', '--raw', 'x'],
  [],
  ['push', 'api', '--region', 'asia'],
  ['push', 'api', '--unknown-flag'],
  ['bogus'],
];
for (const argv of cases) {
  try {
    console.log(`$ deploy ${argv.join(' ')}\n  ${pick(cli().parse(argv))}`);
  } catch (err) {
    console.log(`$ deploy ${argv.join(' ')}\n  ${err.message}`);
  }
}

let helpText = '';
cli().parse(['--help'], (err, argv, output) => {
  helpText = output;
});
console.log('--- help ---');
console.log(helpText);

const parsed = await yargs().parse('--a=1 --b x -c --no-d e f');
console.log('string argv:', pick(parsed));
