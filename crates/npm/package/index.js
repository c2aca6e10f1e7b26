// The entry point for bundlers and browsers: the WebAssembly is fetched beside this file
// (bundlers copy it, told by `new URL(..., import.meta.url)`) and compiled before the module
// finishes loading (top-level await).
import init from './trinocfg.js';
import { versionOfWasm } from './api.js';

await init({ module_or_path: new URL('./trinocfg_bg.wasm', import.meta.url) });

export { generate, check, explain, examples, rules } from './api.js';

/** The version of trinocfg. */
export const version = versionOfWasm();
