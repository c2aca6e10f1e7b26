/**
 * trinocfg: one typed TOML spec of a Trino cluster to every Trino file and Kubernetes object,
 * and a checker of existing Trino configuration. The same core as the `trinocfg` CLI, compiled
 * to WebAssembly: the same bytes as `trinocfg gen`, the same diagnostics as
 * `trinocfg check --format json`.
 *
 * A spec with errors is no exception: its results have `ok: false` and say why in
 * `diagnostics`. Functions throw only on misuse (a `TypeError` for an argument of the wrong
 * type).
 *
 * @example
 * ```ts
 * import { generate } from 'trinocfg';
 * const result = generate(specText);
 * if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
 * result.files['coordinator/etc/config.properties']; // the file, as `trinocfg gen --out` writes it
 * ```
 * @packageDocumentation
 */

/** How bad a diagnostic is: an `error` stops Trino (or a catalog, or a query), or leaks a secret. */
export type Severity = 'error' | 'warning';

/**
 * One finding, in the shape `trinocfg check --format json` prints. Parts that are not known
 * are `null`.
 */
export interface Diagnostic {
  /** The rule's stable code (`TM002`); see {@link rules}. */
  code: string;
  severity: Severity;
  /** What is wrong, in one sentence. */
  message: string;
  /**
   * The file it is about: a file of the configuration checked
   * (`./coordinator/etc/config.properties`), or the spec by the name it was given. `null` in
   * {@link generate} and {@link explain} for the spec itself.
   */
  file: string | null;
  /** The key in the spec (`workers.heap`) or the property in a file (`query.max-memory`). */
  path: string | null;
  /** 1-based line in `file` (or the spec). */
  line: number | null;
  /** 1-based column, in characters. */
  column: number | null;
  /** The bytes marked: `[start, end)` UTF-8 byte offsets. */
  span: [number, number] | null;
  /** How to fix it. */
  help: string | null;
}

/** Counts of the diagnostics. */
export interface Summary {
  errors: number;
  warnings: number;
}

/**
 * The Trino release the configuration was judged as, and where that came from: given, the
 * spec's `cluster.trino_version` (`stated` false when the spec leaves it to its default), a
 * container image's tag, or the newest release trinocfg knows.
 */
export type Target =
  | { release: number; from: 'given' }
  | { release: number; from: 'spec'; stated: boolean }
  | { release: number; from: 'image'; image: string; workload: string }
  | { release: number; from: 'newest' };

/** The memory budget of one node (bytes, except `heap_percent`). */
export interface NodeMemory {
  /** The container's memory. */
  container: number;
  /** The JVM heap. */
  heap: number;
  /** The heap as a percentage of the container. */
  heap_percent: number;
  /** What the JVM needs beside the heap. */
  non_heap_reserve: number;
  /** `query.max-memory-per-node`. */
  query_max_memory_per_node: number;
  /** `memory.heap-headroom-per-node`. */
  heap_headroom_per_node: number;
}

/** The memory plan of a cluster: each role's budget and the cluster-wide query limits (bytes). */
export interface Memory {
  coordinator: NodeMemory;
  worker: NodeMemory;
  /** Workers: the fixed count, or the autoscaler's minimum. */
  workers: number;
  /** Most workers: the autoscaler's maximum, or the fixed count. */
  workers_max: number;
  /** `query.max-memory`. */
  query_max_memory: number;
  /** `query.max-total-memory`. */
  query_max_total_memory: number;
}

/** What {@link generate} returns. */
export interface Generated {
  /** Whether the spec has no error (warnings allowed). */
  ok: boolean;
  /**
   * The Kubernetes objects as one YAML stream, as `trinocfg gen --format configmaps` prints
   * it; `null` when the spec has errors.
   */
  yaml: string | null;
  /**
   * Every file `trinocfg gen --out DIR` writes, by its path in DIR
   * (`coordinator/etc/config.properties`, `worker/etc/jvm.config`, `kubernetes.yaml`, ...; a
   * fleet's files under each cluster's directory); empty when the spec has errors.
   */
  files: Record<string, string>;
  /** The spec's diagnostics (`file` is `null`: they point into the spec). */
  diagnostics: Diagnostic[];
  summary: Summary;
  /** The memory plan; `null` when the spec cannot be read that far. */
  memory: Memory | null;
  /** The release the spec is rendered for. */
  target: Target | null;
}

/** What {@link explain} returns. */
export interface Explained {
  ok: boolean;
  /** Each role's memory budget as `trinocfg explain` prints it; `null` when the spec cannot be read. */
  text: string | null;
  diagnostics: Diagnostic[];
  summary: Summary;
}

/**
 * What {@link check} reads: one text (a spec, a Kubernetes YAML stream such as `helm template`
 * output, one file of an etc/ directory, Trino Gateway configuration, Helm chart values), or
 * the files of a directory by their relative paths (an etc/ directory, a `trinocfg gen`
 * output, a catalog directory, a fleet's spec with its cluster files). Strings are taken as
 * UTF-8; give a `Uint8Array` for a file's bytes as they are.
 */
export type CheckInput =
  | string
  | Uint8Array
  | Record<string, string | Uint8Array>
  | Map<string, string | Uint8Array>;

/** Options of {@link check}. */
export interface CheckOptions {
  /**
   * The file name of a text (`config.properties`, `cluster.toml`, `values.yaml`): it is checked
   * as `trinocfg check NAME` checks a file of that name, and diagnostics name it so. Without
   * it, a text is checked as standard input (`trinocfg check -`) and named `<stdin>`. Not for
   * a map, whose files are named by its keys.
   */
  name?: string;
  /**
   * The Trino release to judge the input as (`trinocfg check --trino-version`), instead of the
   * one it names (an image tag, a spec's `trino_version`) or the newest trinocfg knows. A
   * release outside 400 to 999 is `refused`.
   */
  release?: number;
}

/** What {@link check} returns: what `trinocfg check --format json` prints, and more. */
export interface Checked {
  diagnostics: Diagnostic[];
  summary: Summary;
  /** The release the configuration was judged as, when every part agrees on one. */
  target: Target | null;
  /** What the input was taken as, when that is not plain (one file on its own, a catalog directory). */
  notes: string[];
  /**
   * Why the input was not checked (`trinocfg check` exits 2 with this message): it is of no
   * kind check reads (empty, binary, a properties file of no kind Trino has, Kubernetes objects
   * without Trino configuration, ...), or a path is absolute, climbs out (`..`) or is given
   * twice. The message ends with a line `  help: ...`. `null` when the input was checked.
   */
  refused: string | null;
}

/** An example spec embedded in trinocfg (`trinocfg examples`). */
export interface Example {
  name: string;
  description: string;
  /** The spec's TOML text. */
  source: string;
  /** The Trino release it needs at least, if any. */
  since: number | null;
}

/** A rule trinocfg checks (`trinocfg rules`). */
export interface Rule {
  /** Stable code (`TM002`), never reused. */
  code: string;
  /** Stable kebab-case name. */
  name: string;
  /** Its default severity. */
  severity: Severity;
  /** One line: what it reports. */
  summary: string;
  /** Why it matters and how to fix it, with an example (`trinocfg rules --explain CODE`). */
  explanation: string;
}

/**
 * Reads, checks and renders a spec (TOML text; a fleet's spec too): every file `trinocfg gen`
 * writes, the Kubernetes YAML, the diagnostics and the memory plan.
 * @throws {TypeError} when `spec` is not a string.
 */
export function generate(spec: string): Generated;

/**
 * Checks existing configuration as `trinocfg check --format json` does: one text (named by
 * `options.name`, or as standard input), or files by path (as `trinocfg check .` in a directory
 * that holds them). Input check does not read is no exception: `refused` says why.
 * @throws {TypeError} when `input` or `options` is of the wrong type.
 */
export function check(input: CheckInput, options?: CheckOptions): Checked;

/**
 * Each role's memory budget, as `trinocfg explain` prints it, with the spec's diagnostics.
 * @throws {TypeError} when `spec` is not a string.
 */
export function explain(spec: string): Explained;

/** The example specs embedded in trinocfg. */
export function examples(): Example[];

/** Every rule trinocfg checks, in code order. */
export function rules(): Rule[];

/** The version of trinocfg. */
export const version: string;
