// What the packages are compared with: the CLI (TRINOCFG_CLI) run on the repository's files
// (TRINOCFG_ROOT), and the cases of the fixtures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = process.env.TRINOCFG_ROOT;
export const cliPath = process.env.TRINOCFG_CLI;
if (!root || !cliPath) throw new Error('set TRINOCFG_ROOT and TRINOCFG_CLI');

/** Runs the CLI; `{ status, stdout, stderr }` as text. */
export function cli(args, { cwd = root, input } = {}) {
  const r = spawnSync(cliPath, args, { cwd, input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file below `dir`, by relative `/` path (sorted), as bytes. */
export function readTree(dir, prefix = '') {
  const out = {};
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) Object.assign(out, readTree(full, rel));
    else out[rel] = readFileSync(full);
  }
  return out;
}

/** The files `trinocfg gen SPEC --out DIR` writes, by relative path, as text. */
export function genFiles(spec) {
  const dir = mkdtempSync(join(tmpdir(), 'trinocfg-gen-'));
  try {
    const r = cli(['gen', spec, '--out', join(dir, 'out')]);
    if (r.status !== 0) throw new Error(`gen ${spec}: ${r.status} ${r.stderr}`);
    const tree = readTree(join(dir, 'out'));
    return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, v.toString('utf8')]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `trinocfg check ... --format json` parsed, with its refusal (exit 2, nothing checked). */
export function cliCheck(args, options) {
  const r = cli(['check', ...args, '--format', 'json'], options);
  const report = JSON.parse(r.stdout);
  const refused =
    r.status === 2 && report.diagnostics.length === 0 && r.stderr.startsWith('error: ')
      ? r.stderr.slice('error: '.length).trimEnd()
      : null;
  return { status: r.status, report, refused };
}

/** The failure fixtures: specs with errors, by repository path. */
export function invalidSpecs() {
  return readdirSync(join(root, 'fixtures/invalid'))
    .filter((n) => n.endsWith('.toml'))
    .sort()
    .map((n) => `fixtures/invalid/${n}`);
}

/**
 * The check corpus: every entry of `fixtures/check/<group>/`, a file (checked by its path) or
 * a directory (checked as `check .` inside it).
 */
export function checkCases() {
  const cases = [];
  const base = join(root, 'fixtures/check');
  for (const group of readdirSync(base).sort()) {
    for (const name of readdirSync(join(base, group)).sort()) {
      const path = `fixtures/check/${group}/${name}`;
      cases.push({ path, dir: statSync(join(root, path)).isDirectory() });
    }
  }
  return cases;
}
