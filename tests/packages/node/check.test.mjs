// check() gives the diagnostics of `trinocfg check --format json` for every case of the
// check corpus and every failure fixture, and its refusals.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as trinocfg from 'trinocfg';
import { checkCases, cliCheck, invalidSpecs, readTree, root } from './cli.mjs';

function same(result, cli, what) {
  assert.deepEqual(result.diagnostics, cli.report.diagnostics, what);
  assert.deepEqual(result.summary, cli.report.summary, what);
  assert.deepEqual(result.target, cli.refused ? null : (cli.report.target ?? null), what);
  assert.equal(result.refused, cli.refused, what);
}

test('every case of fixtures/check: a file by its name, a directory by its files', () => {
  const cases = checkCases();
  assert.ok(cases.length > 100, `${cases.length} cases`);
  let dirs = 0;
  let findings = 0;
  for (const c of cases) {
    if (c.dir) {
      dirs += 1;
      const files = readTree(join(root, c.path));
      const result = trinocfg.check(files);
      same(result, cliCheck(['.'], { cwd: join(root, c.path) }), c.path);
      findings += result.diagnostics.length;
    } else {
      const bytes = readFileSync(join(root, c.path));
      const result = trinocfg.check(bytes, { name: c.path });
      same(result, cliCheck([c.path]), c.path);
      // A string is the same text.
      assert.deepEqual(trinocfg.check(bytes.toString('utf8'), { name: c.path }), result, c.path);
      findings += result.diagnostics.length;
    }
  }
  assert.ok(dirs > 10 && findings > 100, `${dirs} directories, ${findings} diagnostics`);
});

test('a failure fixture checked by its name names its file as the CLI does', () => {
  for (const spec of invalidSpecs()) {
    const result = trinocfg.check(readFileSync(join(root, spec), 'utf8'), { name: spec });
    same(result, cliCheck([spec]), spec);
    assert.ok(result.diagnostics.length > 0, spec);
  }
});

test('a text without a name is standard input', () => {
  const spec = 'fixtures/invalid/heap-exceeds-container.toml';
  const text = readFileSync(join(root, spec), 'utf8');
  const result = trinocfg.check(text);
  same(result, cliCheck(['-'], { input: text }), 'stdin');
  assert.equal(result.diagnostics[0].file, '<stdin>');
});

test('input check does not read is refused with the CLI\'s message, never thrown', () => {
  for (const text of ['', 'lorem ipsum\ndolor\n', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n']) {
    const result = trinocfg.check(text);
    const cli = cliCheck(['-'], { input: text });
    assert.notEqual(cli.refused, null, JSON.stringify(text));
    same(result, cli, JSON.stringify(text));
  }
  for (const files of [{}, { '../etc/config.properties': 'a=b\n' }, { '/etc/x': '' }, new Map([['a', 'x'], ['./a', 'y']])]) {
    const result = trinocfg.check(files);
    assert.match(result.refused, /./);
    assert.deepEqual(result.diagnostics, []);
  }
});

test('misuse of check is a TypeError', () => {
  assert.throws(() => trinocfg.check(42), TypeError);
  assert.throws(() => trinocfg.check(null), TypeError);
  assert.throws(() => trinocfg.check(['config.properties']), TypeError);
  assert.throws(() => trinocfg.check({ 'config.properties': 1 }), TypeError);
  assert.throws(() => trinocfg.check('x', { name: 3 }), TypeError);
  assert.throws(() => trinocfg.check({ a: 'x' }, { name: 'a' }), TypeError);
  assert.throws(() => trinocfg.check('x', 'config.properties'), TypeError);
});

test('options.release judges the input as `check --trino-version` does', () => {
  // Clean at their own releases, refused by the newest: a file, a directory and a stream.
  const cases = [
    ['fixtures/check/clean/trino-447-hive-s3.yaml', false],
    ['fixtures/check/clean/kudu-at-468', true],
  ];
  for (const [path, dir] of cases) {
    for (const release of [468, 482]) {
      const result = dir
        ? trinocfg.check(readTree(join(root, path)), { release })
        : trinocfg.check(readFileSync(join(root, path)), { name: path, release });
      const cli = dir
        ? cliCheck(['.', '--trino-version', String(release)], { cwd: join(root, path) })
        : cliCheck([path, '--trino-version', String(release)]);
      same(result, cli, `${path} at ${release}`);
      assert.equal(result.target.release, release, path);
    }
  }
  const at482 = trinocfg.check(readTree(join(root, 'fixtures/check/clean/kudu-at-468')), { release: 482 });
  assert.ok(at482.diagnostics.some((d) => d.code === 'TC003'));
  // A release trinocfg does not judge is refused, as the CLI refuses it; a wrong type throws.
  const refused = trinocfg.check('coordinator=true\n', { name: 'config.properties', release: 300 });
  assert.match(refused.refused, /release 300 .*\n {2}help: /s);
  assert.equal(refused.diagnostics.length, 0);
  for (const release of ['482', 482.5, -1, true]) {
    assert.throws(() => trinocfg.check('coordinator=true\n', { release }), TypeError, String(release));
  }
});
