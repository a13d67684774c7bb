// execa: child processes via sh/echo/printf/cat only (no node binary), checking results and errors.
import { execa, execaSync, $ } from 'execa';

const r1 = await execa('echo', ['hello', 'world']);
console.log('echo:', JSON.stringify(r1.stdout), 'exitCode', r1.exitCode, 'failed', r1.failed, 'command', r1.command);

const r2 = await execa('sh', ['-c', 'printf "a\\nb\\n"; printf "warn" >&2']);
console.log('sh stdout:', JSON.stringify(r2.stdout), 'stderr:', JSON.stringify(r2.stderr));

const r3 = await execa('cat', { input: 'piped input\n' });
console.log('cat input:', JSON.stringify(r3.stdout));

const r4 = await execa('sh', ['-c', 'echo "$GREETING"'], { env: { GREETING: 'hi from env' } });
console.log('env:', r4.stdout);

const r5 = await execa('sh', ['-c', 'printf "%s|" "$@"', 'sh', 'with space', "quote'd", '$HOME']);
console.log('args kept literal:', r5.stdout);

const lines = await execa('printf', ['x\\ny\\nz\\n'], { lines: true });
console.log('lines:', JSON.stringify(lines.stdout));

try {
  await execa('sh', ['-c', 'echo oops >&2; exit 3']);
} catch (err) {
  console.log('failure: exitCode', err.exitCode, 'failed', err.failed, 'stderr', JSON.stringify(err.stderr));
  console.log('shortMessage:', err.shortMessage);
}

const r6 = await execa('sh', ['-c', 'exit 5'], { reject: false });
console.log('reject:false exitCode', r6.exitCode, 'failed', r6.failed);

try {
  await execa('definitely-not-a-command-rusk');
} catch (err) {
  console.log('missing command: code', err.code, 'failed', err.failed);
}

const sync = execaSync('sh', ['-c', 'echo sync-ok']);
console.log('sync:', sync.stdout);

const name = 'template';
const t = await $`echo ${name} ${['a', 'b']}`;
console.log('$:', t.stdout);

const piped = await execa('printf', ['3\\n1\\n2\\n']).pipe('sort');
console.log('pipe sort:', JSON.stringify(piped.stdout));

const sub = execa('sh', ['-c', 'sleep 5']);
sub.kill();
try {
  await sub;
} catch (err) {
  console.log('killed: isTerminated', err.isTerminated, 'signal', err.signal);
}
