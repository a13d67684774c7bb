// fs-extra: ensureDir/outputFile/outputJson/copy/move/remove in a temp dir; printed paths are relative to it.
import fse from 'fs-extra';
import os from 'node:os';
import path from 'node:path';

const root = await fse.mkdtemp(path.join(os.tmpdir(), 'rusk-fs-extra-'));
const rel = (p) => path.relative(root, p).split(path.sep).join('/');
const walk = async (dir) => {
  const out = [];
  for (const name of (await fse.readdir(dir)).sort()) {
    const full = path.join(dir, name);
    const st = await fse.lstat(full);
    if (st.isDirectory()) out.push(`${rel(full)}/`, ...(await walk(full)));
    else if (st.isSymbolicLink()) out.push(`${rel(full)} -> ${rel(await fse.readlink(full))}`);
    else out.push(`${rel(full)} (${st.size})`);
  }
  return out;
};

try {
  await fse.ensureDir(path.join(root, 'a/b/c'));
  await fse.outputFile(path.join(root, 'a/b/c/hello.txt'), 'hello\n');
  await fse.outputJson(path.join(root, 'data/config.json'), { name: 'demo', list: [1, 2] }, { spaces: 2 });
  fse.outputFileSync(path.join(root, 'sync/file.txt'), 'sync');
  await fse.ensureFile(path.join(root, 'empty/file.txt'));
  console.log('after create:', JSON.stringify(await walk(root)));

  console.log('readJson:', JSON.stringify(await fse.readJson(path.join(root, 'data/config.json'))));
  console.log('readJsonSync throws:', (() => {
    fse.outputFileSync(path.join(root, 'bad.json'), '{nope');
    try { fse.readJsonSync(path.join(root, 'bad.json')); return 'no'; } catch (err) { return err.name; }
  })());
  console.log('readJson throws:false ->', fse.readJsonSync(path.join(root, 'bad.json'), { throws: false }));
  console.log('raw json file:', JSON.stringify(await fse.readFile(path.join(root, 'data/config.json'), 'utf8')));

  await fse.copy(path.join(root, 'a'), path.join(root, 'copy-a'));
  await fse.copy(path.join(root, 'data'), path.join(root, 'copy-filtered'), { filter: (src) => !src.endsWith('.json') });
  fse.copySync(path.join(root, 'sync/file.txt'), path.join(root, 'copied.txt'));
  await fse.move(path.join(root, 'copied.txt'), path.join(root, 'moved/copied.txt'));
  try {
    await fse.move(path.join(root, 'sync/file.txt'), path.join(root, 'moved/copied.txt'));
  } catch (err) {
    console.log('move onto existing:', err.message);
  }
  await fse.move(path.join(root, 'sync/file.txt'), path.join(root, 'moved/copied.txt'), { overwrite: true });
  console.log('after copy/move:', JSON.stringify(await walk(root)));

  console.log('pathExists:', await fse.pathExists(path.join(root, 'moved')), fse.pathExistsSync(path.join(root, 'sync/file.txt')));

  await fse.ensureSymlink(path.join(root, 'a/b/c/hello.txt'), path.join(root, 'links/hello-link.txt'));
  console.log('symlink target:', rel(await fse.realpath(path.join(root, 'links/hello-link.txt'))));
  await fse.emptyDir(path.join(root, 'a'));
  await fse.remove(path.join(root, 'copy-a'));
  await fse.remove(path.join(root, 'does-not-exist'));
  console.log('after empty/remove:', JSON.stringify(await walk(root)));

  try {
    await fse.copy(path.join(root, 'missing'), path.join(root, 'x'));
  } catch (err) {
    console.log('copy missing:', err.code);
  }
  try {
    await fse.copy(path.join(root, 'data'), path.join(root, 'data/inner'));
  } catch (err) {
    console.log('copy into itself:', err.message.replaceAll(root, '<tmp>'));
  }
} finally {
  await fse.remove(root);
}
console.log('cleaned up:', !(await fse.pathExists(root)));
