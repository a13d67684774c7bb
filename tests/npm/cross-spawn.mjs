// cross-spawn: async and sync spawning of sh/echo with stdio piping and exit codes.
import spawn from 'cross-spawn';

const collect = (child) => new Promise((resolve) => {
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  child.on('close', (code, signal) => resolve({ out, err, code, signal }));
});

const a = await collect(spawn('echo', ['one', 'two']));
console.log('echo:', JSON.stringify(a));

const b = await collect(spawn('sh', ['-c', 'echo out; echo err >&2; exit 7']));
console.log('sh exit 7:', JSON.stringify(b));

const catChild = spawn('cat', []);
const pc = collect(catChild);
catChild.stdin.write('line 1\n');
catChild.stdin.end('line 2\n');
console.log('cat stdin:', JSON.stringify(await pc));

const envChild = await collect(spawn('sh', ['-c', 'printf "%s" "$X_VAR"'], { env: { ...process.env, X_VAR: 'value' } }));
console.log('env:', envChild.out);

const sync = spawn.sync('sh', ['-c', 'printf "sync %s" "$0"', 'arg0'], { encoding: 'utf8' });
console.log('sync:', sync.status, JSON.stringify(sync.stdout), JSON.stringify(sync.stderr));

const missing = spawn('no-such-binary-rusk-test', []);
await new Promise((resolve) => {
  missing.on('error', (err) => {
    console.log('missing error:', err.code, err.syscall, err.path);
    resolve();
  });
});

const missingSync = spawn.sync('no-such-binary-rusk-test', []);
console.log('missing sync:', missingSync.error && missingSync.error.code, missingSync.status);
