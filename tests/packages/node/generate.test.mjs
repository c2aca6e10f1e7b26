// generate(), explain(), examples() and rules() give the CLI's bytes for every example.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as trinocfg from 'trinocfg';
import { cli, cliCheck, genFiles, invalidSpecs, root } from './cli.mjs';

const examples = trinocfg.examples();

test('examples() are the CLI\'s examples, with their spec files', () => {
  const listed = cli(['examples']).stdout;
  assert.equal(examples.length, 10);
  for (const e of examples) {
    assert.ok(listed.includes(e.name), e.name);
    assert.equal(e.source, readFileSync(join(root, 'fixtures/specs', `${e.name}.toml`), 'utf8'));
  }
});

for (const e of examples) {
  test(`generate(${e.name}) writes the bytes of gen --out and gen --format configmaps`, () => {
    const spec = `fixtures/specs/${e.name}.toml`;
    const result = trinocfg.generate(e.source);
    assert.equal(result.ok, true);
    const expected = genFiles(spec);
    // gen's record of the files it wrote (for `--force`) lists exactly the files given here.
    const manifest = expected['.trinocfg-manifest'];
    delete expected['.trinocfg-manifest'];
    assert.deepEqual(manifest.trimEnd().split('\n').sort(), Object.keys(result.files).sort());
    assert.deepEqual(Object.keys(result.files).sort(), Object.keys(expected).sort());
    for (const [path, text] of Object.entries(expected)) {
      assert.ok(result.files[path] === text, `${e.name}: ${path} differs`);
    }
    assert.ok(result.yaml === cli(['gen', spec, '--format', 'configmaps']).stdout, `${e.name}: yaml differs`);
    const checked = cliCheck([spec]);
    assert.deepEqual(
      result.diagnostics,
      checked.report.diagnostics.map((d) => ({ ...d, file: d.file === spec ? null : d.file })),
    );
    assert.deepEqual(result.target, checked.report.target ?? null);
  });

  test(`explain(${e.name}) prints what trinocfg explain prints`, () => {
    const spec = `fixtures/specs/${e.name}.toml`;
    const out = cli(['explain', spec]);
    const explained = trinocfg.explain(e.source);
    assert.equal(explained.ok, out.status === 0);
    assert.ok(explained.text === out.stdout, `${e.name}: explain differs`);
  });
}

test('generate() of a spec with errors: ok false, the diagnostics of check, no exception', () => {
  const specs = invalidSpecs();
  assert.ok(specs.length >= 10);
  for (const spec of specs) {
    const text = readFileSync(join(root, spec), 'utf8');
    const result = trinocfg.generate(text);
    const checked = cliCheck([spec]);
    const expected = checked.report.diagnostics.map((d) => ({ ...d, file: d.file === spec ? null : d.file }));
    assert.deepEqual(result.diagnostics, expected, spec);
    assert.deepEqual(result.summary, checked.report.summary, spec);
    assert.equal(result.ok, checked.report.summary.errors === 0, spec);
    if (!result.ok) {
      assert.equal(result.yaml, null, spec);
      assert.deepEqual(result.files, {}, spec);
    }
  }
});

test('rules() are the CLI\'s rules, with their explanations', () => {
  const rules = trinocfg.rules();
  const lines = cli(['rules']).stdout.trimEnd().split('\n');
  assert.equal(rules.length, lines.length);
  rules.forEach((r, i) => {
    assert.ok(lines[i].startsWith(`${r.code}  ${r.severity}`), lines[i]);
    assert.ok(lines[i].endsWith(r.summary), lines[i]);
  });
  const first = rules[0];
  const explained = cli(['rules', '--explain', first.code]).stdout;
  assert.ok(first.explanation.length > 0);
  assert.ok(explained.includes(first.explanation));
});

test('misuse is a TypeError; nothing else throws', () => {
  for (const bad of [undefined, null, 42, {}, ['a'], Buffer.from('x')]) {
    assert.throws(() => trinocfg.generate(bad), TypeError);
    assert.throws(() => trinocfg.explain(bad), TypeError);
  }
  assert.equal(trinocfg.generate('').ok, false);
  assert.equal(trinocfg.generate('[cluster\n').diagnostics[0].code, 'TS001');
  assert.equal(typeof trinocfg.version, 'string');
  assert.match(trinocfg.version, /^\d+\.\d+\.\d+/);
});
