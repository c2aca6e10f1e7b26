// Measures the playground's budgets; run through scripts/bench-web.sh (nothing is asserted).
//  - transfer size: gzip -9 of each file a visit fetches (index.html with its style sheet, the
//    JS glue and wasm of the mode it opens in), for a plain visit and for a link to Check mode, and of
//    what the switch to the other mode fetches after it;
//  - first render: the first contentful paint, which on a first visit is Generate mode's
//    prerendered first render (index.html's template), and performance.now() when the module's
//    own first render is committed (ms after navigation start), over fresh page loads on
//    127.0.0.1; with when the wasm arrived, when `main` started and how long the first
//    `generate` took. Once as served on 127.0.0.1, once gzip-encoded through a network of
//    10 Mbit/s and 40 ms round trips (Chromium's network emulation);
//  - keystroke → preview: in the page, an `input` event on the editor (the event typing
//    fires) until the preview's DOM has changed and been laid out, for fte-s3-eks and for a
//    generated spec with 200 catalogs. Nothing is debounced.
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";

import { launch } from "./browser.mjs";
import { bigSpec, byTestId, DIST, live, ROOT, revision, waitForRevision } from "./helpers.mjs";
import { serve } from "./serve.mjs";

const LOADS = Number(process.env.BENCH_LOADS ?? 15);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 200);

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const stats = (xs) => ({
  n: xs.length,
  median: +quantile(xs, 0.5).toFixed(2),
  p95: +quantile(xs, 0.95).toFixed(2),
  max: +Math.max(...xs).toFixed(2),
});

/** Every file of the built page, raw and gzip -9. */
function pageFiles() {
  const files = {};
  for (const name of readdirSync(DIST).sort()) {
    if (!/\.(html|css|js|wasm)$/.test(name)) continue;
    const raw = readFileSync(path.join(DIST, name));
    files[name] = { bytes: raw.length, gzip9: gzipSync(raw, { level: 9 }).length };
  }
  return files;
}

/**
 * What a visit fetches until its mode is shown (each request the page makes, in a fresh
 * context), and what a switch to the other mode fetches after it. `fragment` is "" for a plain
 * visit (Generate mode), "#check" for a link to Check mode.
 */
async function firstLoad(browser, url, files, fragment, other) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const fetched = new Set();
  page.on("request", (r) => fetched.add(path.basename(new URL(r.url()).pathname) || "index.html"));
  const sum = (names) => names.reduce((n, f) => n + (files[f]?.gzip9 ?? 0), 0);
  try {
    await page.goto(url + fragment);
    await page.waitForSelector(live(`[data-testid="app"][data-mode="${fragment ? "check" : "generate"}"]`));
    await page.waitForLoadState("networkidle");
    const first = [...fetched].sort();
    await page.click(`[data-testid="mode-${other}"]`);
    await page.waitForSelector(`[data-testid="app"][data-mode="${other}"]`);
    await page.waitForLoadState("networkidle");
    const then = [...fetched].filter((f) => !first.includes(f)).sort();
    return { files: first, gzip9: sum(first), switchFiles: then, switchGzip9: sum(then) };
  } finally {
    await context.close();
  }
}

async function transferSize(browser, url) {
  const files = pageFiles();
  const generate = await firstLoad(browser, url, files, "", "check");
  const check = await firstLoad(browser, url, files, "#check", "generate");
  return {
    files,
    generate,
    check,
    // The figures the README's Budgets table quotes.
    totalGzip9: generate.gzip9,
    checkModeGzip9: generate.switchGzip9,
  };
}

/** The network of the second first-render measure: 10 Mbit/s down, 40 ms round trips. */
const NETWORK = { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 };

async function firstRender(browser, url, { network = null, loads = LOADS } = {}) {
  const app = [];
  const fcp = [];
  const prerendered = [];
  // Where the time goes: the wasm's response ends, `main` starts (compiled and instantiated),
  // and the first `trinocfg::generate` (the first call of any code runs unoptimised).
  const wasmLoaded = [];
  const mainStart = [];
  const firstGenerate = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    if (network) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", network);
    }
    await page.goto(url);
    await page.waitForFunction(() => window.__trinocfg?.firstRender > 0);
    // Let the first paint happen before reading the paint entries.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    const t = await page.evaluate(() => ({
      app: window.__trinocfg.firstRender,
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
      wasm: performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"))?.responseEnd ?? NaN,
      main: window.__trinocfg.mainStart,
      generate: window.__trinocfg.generateMs,
      prerendered: performance.getEntriesByName("trinocfg-prerendered")[0]?.startTime ?? NaN,
    }));
    if (i > 0) {
      if (!Number.isNaN(t.prerendered)) prerendered.push(t.prerendered);
      // The first load warms the server and Chromium's own caches.
      app.push(t.app);
      if (!Number.isNaN(t.fcp)) fcp.push(t.fcp);
      if (!Number.isNaN(t.wasm)) wasmLoaded.push(t.wasm);
      mainStart.push(t.main);
      firstGenerate.push(t.generate);
    }
    await context.close();
  }
  return {
    // When index.html put the prerendered first render in the page (in the loads that had it).
    prerendered: prerendered.length ? stats(prerendered) : null,
    appFirstRender: stats(app),
    firstContentfulPaint: fcp.length ? stats(fcp) : null,
    wasmResponseEnd: wasmLoaded.length ? stats(wasmLoaded) : null,
    mainStart: stats(mainStart),
    firstGenerate: stats(firstGenerate),
  };
}

/** Input event → preview DOM changed and laid out, in the page; `a`/`b` alternate. */
async function keystrokes(page, a, b, n) {
  return page.evaluate(
    async ({ a, b, n }) => {
      const editor = document.querySelector('[data-testid="editor"]');
      const preview = document.querySelector('[data-testid="preview"]');
      const times = [];
      const generate = [];
      for (let i = 0; i < n + 10; i++) {
        const text = i % 2 ? b : a;
        const changed = new Promise((resolve) => {
          const mo = new MutationObserver(() => {
            mo.disconnect();
            resolve();
          });
          mo.observe(preview, { subtree: true, childList: true, characterData: true, attributes: true });
        });
        editor.value = text;
        const t0 = performance.now();
        editor.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: "1" }));
        await changed;
        preview.getBoundingClientRect(); // style and layout of the new content
        const t1 = performance.now();
        if (i >= 10) {
          times.push(t1 - t0);
          generate.push(window.__trinocfg.generateMs);
        }
        // Let the frame end, as between two keystrokes.
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      }
      return { times, generate };
    },
    { a, b, n },
  );
}

async function keystrokeBench(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector(live(byTestId("yaml-preview")));
  const results = {};

  let before = await revision(page);
  await page.selectOption(byTestId("example-picker"), "fte-s3-eks");
  await waitForRevision(page, before);
  const fte = await page.inputValue(byTestId("editor"));
  const fteB = fte.replace("count = 10", "count = 11");
  if (fteB === fte) throw new Error("fte-s3-eks has no `count = 10` to edit");
  let r = await keystrokes(page, fteB, fte, KEYSTROKES);
  results["fte-s3-eks"] = { lines: fte.split("\n").length, inputToPreview: stats(r.times), coreGenerate: stats(r.generate) };

  const big = bigSpec(200);
  before = await revision(page);
  await page.fill(byTestId("editor"), big);
  await waitForRevision(page, before);
  const errors = await page.$$eval('[data-testid="diagnostic"][data-severity="error"]', (d) => d.map((x) => x.textContent));
  if (errors.length) throw new Error(`the 200-catalog spec has errors: ${errors.join("; ")}`);
  const bigB = big.replace("count = 20", "count = 21");
  r = await keystrokes(page, bigB, big, Math.min(KEYSTROKES, 100));
  results["200-catalogs"] = {
    lines: big.split("\n").length,
    yamlBytes: (await page.textContent(byTestId("yaml-preview"))).length,
    inputToPreview: stats(r.times),
    coreGenerate: stats(r.generate),
  };
  await context.close();
  return results;
}

const server = await serve(DIST);
const gzipServer = await serve(DIST, 0, { gzip: true });
const browser = await launch();
try {
  const report = {
    chromium: browser.version(),
    transfer: await transferSize(browser, server.url),
    firstRender: await firstRender(browser, server.url),
    firstRenderOverNetwork: await firstRender(browser, gzipServer.url, { network: NETWORK, loads: Math.ceil(LOADS / 2) }),
    keystroke: await keystrokeBench(browser, server.url),
  };
  const out = path.join(ROOT, "tests/browser/artifacts");
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, "bench.json"), JSON.stringify(report, null, 2) + "\n");

  const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;
  console.log(`Chromium ${report.chromium}`);
  console.log("transfer size (gzip -9):");
  for (const [name, f] of Object.entries(report.transfer.files)) {
    console.log(`  ${name.padEnd(24)} ${kb(f.bytes).padStart(11)} → ${kb(f.gzip9).padStart(10)}`);
  }
  const t = report.transfer;
  console.log(`  ${"first load".padEnd(24)} ${"".padStart(11)}   ${kb(t.generate.gzip9).padStart(10)}   (${(t.generate.gzip9 / 1000).toFixed(1)} kB; target ≤ 250 kB): ${t.generate.files.join(", ")}`);
  console.log(`  ${"then Check mode".padEnd(24)} ${"".padStart(11)}   ${kb(t.generate.switchGzip9).padStart(10)}   ${t.generate.switchFiles.join(", ")}`);
  console.log(`  ${"first load of #check".padEnd(24)} ${"".padStart(11)}   ${kb(t.check.gzip9).padStart(10)}   ${t.check.files.join(", ")}`);
  console.log(`  ${"then Generate mode".padEnd(24)} ${"".padStart(11)}   ${kb(t.check.switchGzip9).padStart(10)}   ${t.check.switchFiles.join(", ")}`);
  for (const [where, fr] of [["127.0.0.1", report.firstRender], ["10 Mbit/s, 40 ms round trips, gzip", report.firstRenderOverNetwork]]) {
    const n = fr.appFirstRender.n;
    console.log(`first render, ${where} (ms after navigation start, ${n} loads; target < 150 ms):`);
    if (fr.prerendered) {
      console.log(`  the prerendered first render in the page (${fr.prerendered.n} of ${n} loads): median ${fr.prerendered.median}, p95 ${fr.prerendered.p95}`);
    }
    if (fr.firstContentfulPaint) {
      const what = fr.prerendered?.n === n ? "the prerendered first render" : "what the page shows first";
      console.log(`  first contentful paint (${what}): median ${fr.firstContentfulPaint.median}, p95 ${fr.firstContentfulPaint.p95}`);
    }
    console.log(`  the module's own first render (app committed): median ${fr.appFirstRender.median}, p95 ${fr.appFirstRender.p95}`);
    const wasm = fr.wasmResponseEnd ? `wasm received at ${fr.wasmResponseEnd.median}, ` : "";
    console.log(`  of which (medians): ${wasm}main starts at ${fr.mainStart.median}, first trinocfg::generate ${fr.firstGenerate.median} ms`);
  }
  for (const [name, k] of Object.entries(report.keystroke)) {
    const target = name === "fte-s3-eks" ? 16 : 50;
    console.log(`keystroke → preview, ${name} (${k.lines} lines, ${k.inputToPreview.n} inputs): median ${k.inputToPreview.median} ms, p95 ${k.inputToPreview.p95} ms, max ${k.inputToPreview.max} ms   (target p95 < ${target} ms); of which trinocfg::generate median ${k.coreGenerate.median} ms`);
  }
  console.log(`written to ${path.relative(ROOT, path.join(out, "bench.json"))}`);
} finally {
  await browser.close();
  await server.close();
  await gzipServer.close();
}
