// The entry point for Node (18+): the WebAssembly is read from the package's directory and
// compiled synchronously, so that importing the package is enough.
import { readFileSync } from 'node:fs';
import { initSync } from './trinocfg.js';
import { versionOfWasm } from './api.js';

initSync({ module: readFileSync(new URL('./trinocfg_bg.wasm', import.meta.url)) });

export { generate, check, explain, examples, rules } from './api.js';

/** The version of trinocfg. */
export const version = versionOfWasm();
