// semver: parsing, comparison, ranges, increments and coercion.
import semver from 'semver';

const j = (label, v) => console.log(label.padEnd(18), JSON.stringify(v));
j('valid', ['1.2.3', 'v1.2.3', '1.2', 'a.b.c', '1.2.3-beta.1+build.5'].map((v) => semver.valid(v)));
j('clean', [' =v1.2.3 ', '~1.0.0'].map((v) => semver.clean(v)));
const p = semver.parse('1.2.3-beta.1+build.5');
j('parse', { major: p.major, minor: p.minor, patch: p.patch, prerelease: p.prerelease, build: p.build, version: p.version });
j('compare', [semver.gt('1.10.0', '1.9.0'), semver.lt('1.0.0-alpha', '1.0.0'), semver.eq('1.0.0', 'v1.0.0'), semver.compare('2.0.0', '1.0.0'), semver.rcompare('2.0.0', '1.0.0')]);
j('sort', semver.sort(['1.0.0', '0.9.1', '1.0.0-rc.1', '1.0.0-alpha', '10.0.0', '2.0.0']));
j('rsort', semver.rsort(['1.2.3', '1.2.10', '1.2.4']));
const versions = ['1.2.3', '1.3.0', '1.4.0-beta', '2.0.0', '2.1.5', '0.9.0'];
for (const range of ['^1.2.0', '~1.2.0', '>=1.3.0 <2.1.0', '1.x || >=2.1', '*', '^0.9.0', '>2.5.0']) {
  j(`satisfies ${range}`, [versions.filter((v) => semver.satisfies(v, range)), semver.maxSatisfying(versions, range), semver.minSatisfying(versions, range)]);
}
j('includePrerelease', semver.satisfies('1.4.0-beta', '^1.2.0', { includePrerelease: true }));
j('validRange', ['^1.2.3', '1.2 - 2.3.4', 'not a range', '~1'].map((r) => semver.validRange(r)));
j('minVersion', semver.minVersion('>=1.2.3 || ^0.5').version);
j('intersects', [semver.intersects('^1.0.0', '~1.2.0'), semver.intersects('^1.0.0', '^2.0.0')]);
j('subset', [semver.subset('~1.2.3', '^1.0.0'), semver.subset('^1.0.0', '~1.2.3')]);
j('outside/gtr/ltr', [semver.gtr('3.0.0', '^2.0.0'), semver.ltr('0.1.0', '^1.0.0'), semver.outside('1.5.0', '^1.0.0', '>')]);
for (const rel of ['major', 'minor', 'patch', 'premajor', 'preminor', 'prepatch', 'prerelease']) {
  j(`inc ${rel}`, [semver.inc('1.2.3', rel), semver.inc('1.2.3-beta.0', rel, 'beta')]);
}
j('diff', [semver.diff('1.2.3', '2.0.0'), semver.diff('1.2.3', '1.2.4-rc.0'), semver.diff('1.2.3', '1.2.3')]);
j('coerce', ['v2', '3.4.5.6', 'version 42.1 here', 'x'].map((v) => semver.coerce(v)?.version ?? null));
j('coerce includePre', semver.coerce('1.2.3-alpha.4', { includePrerelease: true })?.version);
j('major/minor/patch', [semver.major('4.5.6'), semver.minor('4.5.6'), semver.patch('4.5.6'), semver.prerelease('1.0.0-rc.2')]);
const r = new semver.Range('^1.2.3 || 2.x');
j('Range', [r.range, r.set.map((comps) => comps.map(String))]);
try {
  new semver.SemVer('nope');
} catch (err) {
  j('SemVer error', `${err.constructor.name}: ${err.message}`);
}
