// ora: spinners on a non-TTY in-memory stream (isEnabled false), capturing succeed/fail/warn/info output.
import { Writable } from 'node:stream';

// Log symbols are picked from TERM at load time; pin it so the output does not depend on the terminal.
process.env.TERM = 'xterm-256color';
const { default: ora, oraPromise, spinners } = await import('ora');

let captured = '';
const stream = new Writable({
  write(chunk, _enc, cb) {
    captured += chunk.toString();
    cb();
  },
});

const spinner = ora({ text: 'Loading', stream, isEnabled: false });
console.log('isEnabled:', spinner.isEnabled, 'isSpinning before start:', spinner.isSpinning);
spinner.start();
console.log('isSpinning after start:', spinner.isSpinning, 'text:', spinner.text);
spinner.text = 'Still loading';
spinner.succeed('Loaded 3 files');
console.log('isSpinning after succeed:', spinner.isSpinning);
ora({ stream, isEnabled: false }).start('Compiling').fail('Compile failed');
ora({ stream, isEnabled: false }).start('Checking').warn('2 warnings');
ora({ stream, isEnabled: false, prefixText: '[pre]', suffixText: '(suf)' }).start('Info').info();
ora({ stream, isEnabled: false, indent: 2 }).start('Persisted').stopAndPersist({ symbol: '>>', text: 'Custom persisted' });
ora({ stream, isEnabled: false }).start('Stopping').stop();
ora({ stream, isSilent: true }).start('silent').succeed('never shown');

await oraPromise(Promise.resolve(42), { stream, isEnabled: false, text: 'Promise', successText: (v) => `Resolved ${v}` });
try {
  await oraPromise(Promise.reject(new Error('boom')), { stream, isEnabled: false, text: 'Promise', failText: (err) => `Rejected: ${err.message}` });
} catch (err) {
  console.log('oraPromise rethrows:', err.message);
}

console.log('captured:', JSON.stringify(captured));
for (const line of captured.split('\n')) console.log(`|${line}`);
console.log('dots spinner:', spinners.dots.interval, spinners.dots.frames.length, spinners.line.frames.join(''));
const custom = ora({ spinner: { interval: 50, frames: ['-', '+'] }, stream, isEnabled: false });
console.log('custom spinner interval:', custom.interval, 'frame:', JSON.stringify(custom.frame()));
