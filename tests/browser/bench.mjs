// Measures the playground's budgets; run through scripts/bench-web.sh (nothing is asserted).
//  - transfer size: index.html + style.css + JS glue + wasm, each gzip -9;
//  - first render: performance.now() when the app's first render is committed (ms after
//    navigation start), and first contentful paint, over fresh page loads on 127.0.0.1; with
//    when the wasm arrived, when `main` started and how long the first `generate` took;
//  - keystroke → preview: in the page, an `input` event on the editor (the event typing
//    fires) until the preview's DOM has changed and been laid out, for fte-s3-eks and for a
//    generated spec with 200 catalogs. Nothing is debounced.
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";

import { launch } from "./browser.mjs";
import { bigSpec, byTestId, DIST, ROOT, revision, waitForRevision } from "./helpers.mjs";
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

// Check mode's module (trinocfg_check*) is fetched only when the page is switched to it: the
// first load is every other file.
const onDemand = (name) => name.startsWith("trinocfg_check");

function transferSize() {
  const files = {};
  let total = 0;
  let checkMode = 0;
  for (const name of readdirSync(DIST).sort()) {
    if (!/\.(html|css|js|wasm)$/.test(name)) continue;
    const raw = readFileSync(path.join(DIST, name));
    const gz = gzipSync(raw, { level: 9 }).length;
    files[name] = { bytes: raw.length, gzip9: gz, onDemand: onDemand(name) };
    if (onDemand(name)) checkMode += gz;
    else total += gz;
  }
  return { files, totalGzip9: total, checkModeGzip9: checkMode };
}

async function firstRender(browser, url) {
  const app = [];
  const fcp = [];
  // Where the time goes: the wasm's response ends, `main` starts (compiled and instantiated),
  // and the first `trinocfg::generate` (the first call of any code runs unoptimised).
  const wasmLoaded = [];
  const mainStart = [];
  const firstGenerate = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
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
    }));
    if (i > 0) {
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
  await page.waitForSelector(byTestId("yaml-preview"));
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
const browser = await launch();
try {
  const report = {
    chromium: browser.version(),
    transfer: transferSize(),
    firstRender: await firstRender(browser, server.url),
    keystroke: await keystrokeBench(browser, server.url),
  };
  const out = path.join(ROOT, "tests/browser/artifacts");
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, "bench.json"), JSON.stringify(report, null, 2) + "\n");

  const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;
  console.log(`Chromium ${report.chromium}`);
  console.log("transfer size (gzip -9):");
  for (const [name, f] of Object.entries(report.transfer.files)) {
    console.log(`  ${name.padEnd(24)} ${kb(f.bytes).padStart(11)} → ${kb(f.gzip9).padStart(10)}${f.onDemand ? "   (Check mode, on demand)" : ""}`);
  }
  console.log(`  ${"first load".padEnd(24)} ${"".padStart(11)}   ${kb(report.transfer.totalGzip9).padStart(10)}   (${(report.transfer.totalGzip9 / 1000).toFixed(1)} kB; target ≤ 250 kB)`);
  console.log(`  ${"Check mode, on demand".padEnd(24)} ${"".padStart(11)}   ${kb(report.transfer.checkModeGzip9).padStart(10)}`);
  const fr = report.firstRender;
  console.log(`first render (app committed, ms after navigation start, ${fr.appFirstRender.n} loads): median ${fr.appFirstRender.median}, p95 ${fr.appFirstRender.p95}   (target < 150 ms)`);
  const wasm = fr.wasmResponseEnd ? `wasm received at ${fr.wasmResponseEnd.median}, ` : "";
  console.log(`  of which (medians): ${wasm}main starts at ${fr.mainStart.median}, first trinocfg::generate ${fr.firstGenerate.median} ms`);
  if (fr.firstContentfulPaint) console.log(`first contentful paint (loading text): median ${fr.firstContentfulPaint.median}, p95 ${fr.firstContentfulPaint.p95}`);
  for (const [name, k] of Object.entries(report.keystroke)) {
    const target = name === "fte-s3-eks" ? 16 : 50;
    console.log(`keystroke → preview, ${name} (${k.lines} lines, ${k.inputToPreview.n} inputs): median ${k.inputToPreview.median} ms, p95 ${k.inputToPreview.p95} ms, max ${k.inputToPreview.max} ms   (target p95 < ${target} ms); of which trinocfg::generate median ${k.coreGenerate.median} ms`);
  }
  console.log(`written to ${path.relative(ROOT, path.join(out, "bench.json"))}`);
} finally {
  await browser.close();
  await server.close();
}
