// Checks what `npm run synth` wrote: every object trinocfg generates for trino.toml, unchanged,
// and the app's own Deployment pointing at trinocfg's Service.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generate } from 'trinocfg';
import { parseAllDocuments } from 'yaml';

const objects = (text) => parseAllDocuments(text).map((d) => d.toJS()).filter((o) => o !== null);
const key = (o) => `${o.kind}/${o.metadata.name}`;

const synthesized = new Map(objects(readFileSync('dist/analytics.k8s.yaml', 'utf8')).map((o) => [key(o), o]));
const generated = generate(readFileSync('trino.toml', 'utf8'));
assert.equal(generated.ok, true);
const expected = objects(generated.yaml);
assert.ok(expected.length >= 5, `${expected.length} objects generated`);

for (const o of expected) {
  const got = synthesized.get(key(o));
  assert.ok(got, `${key(o)} is missing from the chart`);
  assert.deepEqual(got, o, `${key(o)} differs`);
}
// The configuration files are in the ConfigMaps as trinocfg writes them.
const coordinator = synthesized.get('ConfigMap/analytics-coordinator');
assert.equal(coordinator.data['config.properties'], generated.files['coordinator/etc/config.properties']);

const ui = synthesized.get('Deployment/query-ui');
assert.ok(ui, 'the app\'s own Deployment is missing');
assert.equal(ui.metadata.namespace, 'analytics');
assert.equal(ui.spec.template.spec.containers[0].env[0].value, 'http://analytics.analytics.svc:8080');
assert.equal(synthesized.size, expected.length + 1);
console.log(`examples/cdk8s: dist/analytics.k8s.yaml holds trinocfg's ${expected.length} objects and the app's Deployment`);
