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
