// Writes Generate mode's first render into the built page: `node prerender.mjs DIST`.
// Run by scripts/build-web.sh after the page is built (it lives here for playwright-core).
//
// The page is served on 127.0.0.1 and opened in Debian's Chromium in a fresh context (no saved
// spec, no fragment), so Generate mode starts on the first example. Once the module's first
// render is committed, what it rendered into #app becomes the content of index.html's
// `<template id="prerender">`, which index.html shows at once on a visit that opens on that
// example; the module replaces it when it runs. Each textarea's value is written as its text
// (helpers.mjs `markupOf`, which the browser tests compare with too).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { launch } from "./browser.mjs";
import { markupOf } from "./helpers.mjs";
import { serve } from "./serve.mjs";

const EMPTY = '<template id="prerender"></template>';

/** What the module renders into #app on a first visit to the page in `dist`. */
async function firstRender(dist) {
  const server = await serve(dist);
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForFunction(() => window.__trinocfg?.firstRender > 0, null, { timeout: 60_000 });
    // Effects of the first render (the editor's colouring) land in the frames after it.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    if (errors.length) throw new Error(`the page failed: ${errors.join("; ")}`);
    return await page.$eval("#app", markupOf);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Writes `html` into the page's empty prerender template. */
function writeInto(indexHtml, html) {
  const page = readFileSync(indexHtml, "utf8");
  const at = page.indexOf(EMPTY);
  if (at < 0 || page.indexOf(EMPTY, at + 1) >= 0) {
    throw new Error(`${indexHtml}: expected one empty ${EMPTY}`);
  }
  if (!html.includes('data-testid="app"') || html.includes("</template")) {
    throw new Error("the first render is not the Generate mode app");
  }
  const filled = `<template id="prerender">${html}</template>`;
  writeFileSync(indexHtml, page.slice(0, at) + filled + page.slice(at + EMPTY.length));
}

const dist = process.argv[2];
if (!dist) {
  console.error("usage: node prerender.mjs DIST");
  process.exit(2);
}
const html = await firstRender(dist);
writeInto(path.join(dist, "index.html"), html);
console.error(`prerender: ${html.length} B of Generate mode's first render in ${path.join(dist, "index.html")}`);
