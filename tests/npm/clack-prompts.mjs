// @clack/prompts: non-interactive output (intro/log/note/box/outro/cancel) written to an in-memory stream.
// ANSI styling comes from util.styleText, whose env handling differs across Node versions, so it is stripped.
import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';

// Unicode symbols are chosen from TERM when the module loads; pin it so the output does not depend on the terminal.
process.env.TERM = 'xterm-256color';
const p = await import('@clack/prompts');

let captured = '';
const output = new Writable({
  write(chunk, _enc, cb) {
    captured += chunk.toString();
    cb();
  },
});
output.columns = 60;
const opts = { output };

p.intro('create-app', opts);
p.log.info('Reading configuration', opts);
p.log.success('Installed 3 packages', opts);
p.log.step('Generating files', opts);
p.log.warn('Deprecated option "foo"', opts);
p.log.error('Could not find "bar"', opts);
p.log.message(['multi', 'line', 'message'], { ...opts, symbol: '>' });
p.note('cd my-app\nnpm run dev', 'Next steps', opts);
p.box('Boxed content\nsecond line', 'Title', { ...opts, width: 40 });
p.outro('All done!', opts);
p.cancel('Operation cancelled.', opts);

for (const line of stripVTControlCharacters(captured).split('\n')) console.log(`|${line}`);

console.log('isCancel(symbol):', p.isCancel(p.CANCEL_SYMBOL), 'isCancel(string):', p.isCancel('value'));
console.log('unicode:', p.unicode, 'symbols:', p.S_BAR, p.S_STEP_SUBMIT, p.S_SUCCESS);
console.log('exports:', ['text', 'select', 'multiselect', 'confirm', 'spinner', 'group', 'tasks', 'progress', 'taskLog'].map((k) => `${k}:${typeof p[k]}`).join(' '));
