// Compiled with `tsc --noEmit --strict` against the installed package: the declarations are
// whole and say what the functions take and give.
import {
  check,
  examples,
  explain,
  generate,
  rules,
  version,
  type CheckInput,
  type Checked,
  type Diagnostic,
  type Example,
  type Generated,
  type Memory,
  type Rule,
  type Severity,
  type Target,
} from 'trinocfg';

const spec: string = examples().find((e: Example) => e.name === 'minimal')?.source ?? '';
const result: Generated = generate(spec);
const config: string | undefined = result.files['coordinator/etc/config.properties'];
const yaml: string | null = result.yaml;
const memory: Memory | null = result.memory;
const heap: number | undefined = memory?.worker.heap;
const errors: Diagnostic[] = result.diagnostics.filter((d) => d.severity === 'error');
const severity: Severity = errors[0]?.severity ?? 'warning';
const line: number | null = errors[0]?.line ?? null;

function release(t: Target | null): string {
  if (t === null) return 'unknown';
  switch (t.from) {
    case 'image':
      return `${t.release} (${t.image} in ${t.workload})`;
    case 'spec':
      return `${t.release}${t.stated ? '' : ' (default)'}`;
    default:
      return String(t.release);
  }
}

const input: CheckInput = { 'etc/config.properties': 'coordinator=true\n', 'etc/jvm.config': new Uint8Array() };
const checked: Checked = check(input);
const one: Checked = check('coordinator=true\n', { name: 'config.properties' });
const refused: string | null = checked.refused ?? one.refused;
const notes: string[] = checked.notes;
const text: string | null = explain(spec).text;
const codes: string[] = rules().map((r: Rule) => r.code);
const v: string = version;

// @ts-expect-error a spec is text
generate(42);
// @ts-expect-error a map's files are strings or bytes
check({ 'config.properties': 1 });
// @ts-expect-error options are an object
check('x', 'config.properties');

export const used = [config, yaml, heap, severity, line, release(result.target), refused, notes, text, codes, v];
