// The functions of the package, over the WebAssembly's (which take text or bytes and return
// JSON text): arguments are checked (a wrong type is a TypeError, never a crash inside the
// WebAssembly) and results are parsed into plain objects. Types: index.d.ts.
import * as wasm from './trinocfg.js';

const encoder = new TextEncoder();

function kind(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `a ${value.constructor?.name ?? 'object'}` : `a ${typeof value}`;
}

function text(value, where) {
  if (typeof value !== 'string') {
    throw new TypeError(`${where} must be a string (the spec's TOML text), not ${kind(value)}`);
  }
  return value;
}

/** @param {string} spec */
export function generate(spec) {
  return JSON.parse(wasm.generate(text(spec, 'generate(spec): spec')));
}

/** @param {string} spec */
export function explain(spec) {
  return JSON.parse(wasm.explain(text(spec, 'explain(spec): spec')));
}

export function examples() {
  return JSON.parse(wasm.examples());
}

export function rules() {
  return JSON.parse(wasm.rules());
}

export function versionOfWasm() {
  return wasm.version();
}

function bytes(content, where) {
  if (typeof content === 'string') return encoder.encode(content);
  if (content instanceof Uint8Array) return content;
  throw new TypeError(`${where} must be a string or a Uint8Array, not ${kind(content)}`);
}

/**
 * @param {string | Uint8Array | Record<string, string | Uint8Array> | Map<string, string | Uint8Array>} input
 * @param {{ name?: string, release?: number }} [options]
 */
export function check(input, options = {}) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`check(input, options): options must be an object, not ${kind(options)}`);
  }
  const name = options.name ?? undefined;
  if (name !== undefined && typeof name !== 'string') {
    throw new TypeError(`check(input, options): options.name must be a string, not ${kind(name)}`);
  }
  const release = options.release ?? undefined;
  if (release !== undefined && !(Number.isInteger(release) && release >= 0 && release <= 0xffffffff)) {
    throw new TypeError(`check(input, options): options.release must be a release number such as 482, not ${typeof release === 'number' ? release : kind(release)}`);
  }
  if (typeof input === 'string' || input instanceof Uint8Array) {
    return JSON.parse(wasm.checkText(name, bytes(input, 'check(input)'), release));
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new TypeError(
      `check(input): input must be a text (string or Uint8Array) or a map of file paths to contents, not ${kind(input)}`,
    );
  }
  if (name !== undefined) {
    throw new TypeError('check(input, options): options.name names a text; the files of a map are named by its keys');
  }
  const entries = input instanceof Map ? [...input] : Object.entries(input);
  const paths = [];
  const parts = [];
  let total = 0;
  for (const [path, content] of entries) {
    if (typeof path !== 'string') {
      throw new TypeError(`check(input): a file path must be a string, not ${kind(path)}`);
    }
    const part = bytes(content, `check(input): the content of ${JSON.stringify(path)}`);
    paths.push(path);
    parts.push(part);
    total += part.length;
  }
  const all = new Uint8Array(total);
  const lengths = new Uint32Array(parts.length);
  let at = 0;
  parts.forEach((part, i) => {
    all.set(part, at);
    at += part.length;
    lengths[i] = part.length;
  });
  return JSON.parse(wasm.checkFiles(paths, all, lengths, release));
}
