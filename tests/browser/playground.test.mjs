// Browser tests of the trinocfg playground: the built page (crates/web/dist) served on
// 127.0.0.1 and driven in Debian's Chromium through playwright-core.
// Run through scripts/test-browser.sh, which builds everything first.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { launch } from "./browser.mjs";
import { byTestId, cli, DIST, EXAMPLES, gen, live, markupOf, revision, ROOT, waitForRevision } from "./helpers.mjs";
import { serve } from "./serve.mjs";

const ARTIFACTS = path.join(ROOT, "tests/browser/artifacts");

let server;
let browser;
let context;
let page;
const pageErrors = [];
const foreignRequests = [];

async function newPage(ctx) {
  const p = await ctx.newPage();
  p.on("pageerror", (e) => pageErrors.push(e.message));
  p.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
  p.on("request", (r) => {
    const url = new URL(r.url());
    if (!["127.0.0.1", ""].includes(url.hostname) && !["data:", "blob:"].includes(url.protocol)) {
      foreignRequests.push(r.url());
    }
  });
  return p;
}

async function open(p, url = server.url) {
  await p.goto(url);
  await p.waitForSelector(LIVE_APP);
}

const LIVE_APP = live(byTestId("app"));

/** Holds the responses for the wasm of module `name` until the returned function is called. */
async function holdWasm(p, name) {
  let release;
  const held = new Promise((r) => (release = r));
  await p.route(`**/${name}_bg.wasm`, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** #app's markup, or the prerender template's (see `markupOf`). */
const markup = (p, selector) => p.$eval(selector, markupOf);

const editorValue = (p) => p.inputValue(byTestId("editor"));
const yamlText = (p) => p.textContent(byTestId("yaml-preview"));

/** Replaces the editor's text as a paste would (one input event). */
async function setSpec(p, text) {
  const before = await revision(p);
  await p.fill(byTestId("editor"), text);
  await waitForRevision(p, before);
}

before(async () => {
  server = await serve(DIST);
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1400, height: 950 } });
  page = await newPage(context);
  await open(page);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("each example's YAML preview equals `trinocfg gen --example NAME --format configmaps`", async () => {
  const options = await page.$$eval(`${byTestId("example-picker")} option:not([disabled])`, (os) =>
    os.map((o) => o.value),
  );
  assert.deepEqual(options, EXAMPLES);
  for (const name of EXAMPLES) {
    const expected = gen("--example", name, "--format", "configmaps");
    const before = await revision(page);
    await page.selectOption(byTestId("example-picker"), name);
    await waitForRevision(page, before);
    await page.click(byTestId("tab-yaml"));
    assert.equal(await yamlText(page), expected, `YAML of example ${name}`);
    assert.equal(await page.isVisible(byTestId("stale-badge")), false);
  }
});

test("the Files tab shows every file of `trinocfg gen --out`, byte for byte", async () => {
  const out = mkdtempSync(path.join(tmpdir(), "trinocfg-web-"));
  try {
    gen("--example", "kafka-orders", "--out", out);
    const before = await revision(page);
    await page.selectOption(byTestId("example-picker"), "kafka-orders");
    await waitForRevision(page, before);
    await page.click(byTestId("tab-files"));
    const paths = await page.$$eval(byTestId("file-item"), (items) => items.map((i) => i.dataset.path));
    assert.ok(paths.includes("coordinator/etc/config.properties"));
    assert.ok(paths.some((p) => /^worker\/etc\/kafka\/events\/.+\.json$/.test(p)), "Kafka topic files listed");
    assert.ok(paths.includes("kubernetes.yaml"));
    for (const p of paths) {
      await page.click(`${byTestId("file-item")}[data-path="${p}"]`);
      await page.waitForFunction(
        (want) => document.querySelector('[data-testid="file-path"]')?.textContent === want,
        p,
      );
      const shown = await page.textContent(byTestId("file-contents"));
      assert.equal(shown, readFileSync(path.join(out, p), "utf8"), `contents of ${p}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
    await page.click(byTestId("tab-yaml"));
  }
});

test("a fleet shows each cluster's files and the gateway's beside them, as `gen --out` writes them", async () => {
  const out = mkdtempSync(path.join(tmpdir(), "trinocfg-web-fleet-"));
  try {
    gen("--example", "gateway-blue-green", "--out", out);
    const before = await revision(page);
    await page.selectOption(byTestId("example-picker"), "gateway-blue-green");
    await waitForRevision(page, before);
    await page.click(byTestId("tab-files"));
    const paths = await page.$$eval(byTestId("file-item"), (items) => items.map((i) => i.dataset.path));
    for (const want of [
      "blue/coordinator/etc/config.properties",
      "etl/worker/etc/exchange-manager.properties",
      "gateway/config.yaml",
      "gateway/routing-rules.yaml",
      "gateway/backends.json",
      "kubernetes.yaml",
    ]) {
      assert.ok(paths.includes(want), `${want} listed`);
    }
    for (const p of ["gateway/config.yaml", "gateway/backends.json"]) {
      await page.click(`${byTestId("file-item")}[data-path="${p}"]`);
      await page.waitForFunction(
        (want) => document.querySelector('[data-testid="file-path"]')?.textContent === want,
        p,
      );
      assert.equal(await page.textContent(byTestId("file-contents")), readFileSync(path.join(out, p), "utf8"));
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
    await page.click(byTestId("tab-yaml"));
  }
});

/** The entries of an uncompressed tar archive, checking each header's checksum. */
function untar(bytes) {
  const files = new Map();
  for (let at = 0; at + 512 <= bytes.length; ) {
    const header = bytes.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from, len) => header.subarray(from, from + len).toString("latin1").replace(/\0.*$/s, "");
    const sum = header.reduce((s, b, i) => s + (i >= 148 && i < 156 ? 32 : b), 0);
    assert.equal(parseInt(field(148, 8), 8), sum, "tar header checksum");
    assert.equal(field(257, 6), "ustar");
    const name = [field(345, 155), field(0, 100)].filter(Boolean).join("/");
    const size = parseInt(field(124, 12), 8);
    files.set(name, bytes.subarray(at + 512, at + 512 + size).toString("utf8"));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

test("copy and downloads give the CLI's bytes", async () => {
  const out = mkdtempSync(path.join(tmpdir(), "trinocfg-web-"));
  try {
    gen("--example", "fte-s3-eks", "--out", out);
    const yaml = gen("--example", "fte-s3-eks", "--format", "configmaps");
    const before = await revision(page);
    await page.selectOption(byTestId("example-picker"), "fte-s3-eks");
    await waitForRevision(page, before);

    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url.replace(/\/$/, "") });
    await page.click(byTestId("copy-yaml"));
    await page.waitForSelector(byTestId("notice"));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), yaml);

    const [yamlDownload] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("download-yaml"))]);
    assert.equal(yamlDownload.suggestedFilename(), "kubernetes.yaml");
    assert.equal(readFileSync(await yamlDownload.path(), "utf8"), yaml);

    const [tarDownload] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("download-tar"))]);
    assert.equal(tarDownload.suggestedFilename(), "trinocfg.tar");
    const tarBytes = readFileSync(await tarDownload.path());
    const entries = untar(tarBytes);
    // `gen --out` also leaves its own bookkeeping (`.trinocfg-manifest`); the tree is the rest.
    const expected = listFiles(out).filter((f) => !path.posix.basename(f).startsWith("."));
    assert.deepEqual([...entries.keys()].sort(), expected.sort());
    for (const name of expected) {
      assert.equal(entries.get(name), readFileSync(path.join(out, name), "utf8"), `${name} in the archive`);
    }
    // Deterministic: the same tree gives the same bytes.
    const [again] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("download-tar"))]);
    assert.ok(readFileSync(await again.path()).equals(tarBytes), "same archive bytes twice");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

/** Every file under `dir`, as relative paths with `/`. */
function listFiles(dir, prefix = "") {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(dir, path.posix.join(prefix, e.name)) : [path.posix.join(prefix, e.name)],
  );
}

test("typing a change updates the preview", async () => {
  const before = await revision(page);
  await page.selectOption(byTestId("example-picker"), "minimal");
  await waitForRevision(page, before);
  assert.match(await yamlText(page), /replicas: 2\n/);
  // Put the cursor after `count = 2` and type over the digit, key by key.
  const text = await editorValue(page);
  const at = text.indexOf("count = 2") + "count = 2".length;
  await page.$eval(byTestId("editor"), (el, at) => {
    el.focus();
    el.setSelectionRange(at, at);
  }, at);
  await page.keyboard.press("Backspace");
  await page.keyboard.type("5");
  await page.waitForFunction(() =>
    /replicas: 5\n/.test(document.querySelector('[data-testid="yaml-preview"]')?.textContent ?? ""),
  );
  assert.match(await editorValue(page), /\ncount = 5\n/);
  assert.match(await page.textContent(byTestId("memory-worker")), /workers × 5/);
});

test("the coloured copy under the editor stays the editor's text, line for line, through edits", async () => {
  // The overlay holds one element per line and an edit replaces only the lines it changed.
  const overlay = () =>
    page.$eval(byTestId("highlight"), (pre) => ({ text: pre.textContent, lines: pre.children.length }));
  const expectCopy = async (what) => {
    const text = await editorValue(page);
    const shown = await overlay();
    assert.equal(shown.text, `${text}\n`, what);
    assert.equal(shown.lines, text.split("\n").length, what);
  };
  const base = readExample("fte-s3-eks");
  const lines = base.split("\n");
  const edits = [
    ["an example", base],
    ["a line changed", base.replace("count = 10", "count = 12")],
    ["lines inserted in the middle", [...lines.slice(0, 5), "# one", "# two", ...lines.slice(5)].join("\n")],
    ["lines removed", [...lines.slice(0, 3), ...lines.slice(9)].join("\n")],
    ["the first line removed", lines.slice(1).join("\n")],
    ["a text without a final newline", base.trimEnd()],
    ["a repeated line added", `${base}${lines.slice(-2).join("\n")}\n`],
    ["empty", ""],
    ["<tags> & entities", "[cluster]\nname = \"<b>&amp;</b>\"\n"],
    ["the example again", base],
  ];
  for (const [what, text] of edits) {
    await setSpec(page, text);
    await expectCopy(what);
  }
  assert.ok((await page.$$(".highlight .h-k")).length > 10);
});

test("the release the spec targets is shown and followed by the preview", async () => {
  const before = await revision(page);
  await page.selectOption(byTestId("example-picker"), "federated-s3-mysql");
  await waitForRevision(page, before);
  assert.match(await page.textContent(byTestId("release")), /^Judged as Trino 482 \(the spec's default/);
  assert.match(await yamlText(page), /fs\.s3\.enabled=true\n/);
  const text = (await editorValue(page)).replace("[cluster]\n", "[cluster]\ntrino_version = 468\n");
  await setSpec(page, text);
  assert.equal(
    await page.textContent(byTestId("release")),
    "Judged as Trino 468 (the spec's cluster.trino_version)",
  );
  const yaml = await yamlText(page);
  assert.match(yaml, /fs\.native-s3\.enabled=true\n/);
  assert.match(yaml, /image: "trinodb\/trino:468"/);
  const dir = mkdtempSync(path.join(tmpdir(), "trinocfg-release-"));
  writeFileSync(path.join(dir, "spec.toml"), text);
  assert.equal(yaml, gen(path.join(dir, "spec.toml"), "--format", "configmaps"));
  rmSync(dir, { recursive: true, force: true });
});

test("an autoscaled example shows the cluster's memory at its fewest and most workers, as `explain` does", async () => {
  const before = await revision(page);
  await page.selectOption(byTestId("example-picker"), "data-on-eks");
  await waitForRevision(page, before);
  assert.match(await page.textContent(byTestId("memory-worker")), /workers × 1\.\.10 \(autoscaled\)/);
  const explain = execFileSync(cli(), ["explain", "--example", "data-on-eks"], { cwd: ROOT, encoding: "utf8" });
  for (const workers of [1, 10]) {
    const line = explain.split("\n").find((l) => l.includes(`query memory at ${workers} worker(s)`));
    assert.ok(line, `explain shows the query memory at ${workers} worker(s)`);
    const bytes = line.trim().split(/\s{2,}/)[1];
    const row = await page.textContent(byTestId(`memory-at-${workers}`));
    assert.ok(row.includes(bytes), `the row at ${workers} worker(s) shows ${bytes}: ${row}`);
    assert.match(row, /fits$/);
  }
  // A query.max-memory the fewest workers cannot hold is marked at the minimum only.
  const text = (await editorValue(page)).replace("[kubernetes]\n", '[memory]\nquery_max_memory = "100GB"\n\n[kubernetes]\n');
  await setSpec(page, text);
  assert.match(await page.textContent(byTestId("memory-at-1")), /does not fit$/);
  assert.match(await page.textContent(byTestId("memory-at-10")), /fits$/);
  assert.match(await page.getAttribute(byTestId("memory-at-1"), "class"), /warn/);
  const tm005 = page.locator(`${byTestId("diagnostic")}[data-code="TM005"]`).first();
  await tm005.waitFor();
  assert.match(await tm005.textContent(), /at the minimum of 1 worker/);
});

test("a memory mistake shows TM001; clicking it moves the cursor to its line", async () => {
  const text = await editorValue(page);
  const lines = text.split("\n");
  const workers = lines.indexOf("[workers]");
  assert.ok(workers >= 0);
  lines.splice(workers + 1, 0, 'query_max_memory_per_node = "100GB"');
  const badLine = workers + 2; // 1-based line of the inserted key
  await setSpec(page, lines.join("\n"));
  const item = page.locator(`${byTestId("diagnostic")}[data-code="TM001"]`).first();
  await item.waitFor();
  const line = Number(await item.getAttribute("data-line"));
  assert.ok(line > 0, "TM001 has a line");
  assert.equal(line, badLine, "TM001 points at the inserted key");
  assert.match(await item.textContent(), /error/);
  assert.match(await item.textContent(), new RegExp(`${line}:\\d+`));
  // Beside it, a link to the rule's documentation.
  const doc = page.locator(`li:has(${byTestId("diagnostic")}[data-code="TM001"]) ${byTestId("diagnostic-rule-link")}`).first();
  assert.ok((await doc.getAttribute("href")).endsWith("docs/rules.md#tm001"));
  // The workers' memory picture turns red.
  assert.ok((await page.locator(`${byTestId("memory-svg-worker")} rect.seg.bad`).count()) > 0);
  assert.equal(await page.locator(`${byTestId("memory-svg-coordinator")} rect.seg.bad`).count(), 0);
  // Move the cursor away, then click the diagnostic.
  await page.$eval(byTestId("editor"), (el) => el.setSelectionRange(0, 0));
  await item.click();
  const cursor = await page.$eval(byTestId("editor"), (el) => ({
    line: el.value.slice(0, el.selectionStart).split("\n").length,
    column: el.selectionStart - el.value.lastIndexOf("\n", el.selectionStart - 1) - 1,
    focused: document.activeElement === el,
  }));
  assert.equal(cursor.line, line);
  assert.equal(cursor.column, 0, "cursor at the start of the line");
  assert.equal(cursor.focused, true, "editor focused");
});

test("a TOML syntax error is listed and the last preview stays, marked stale", async () => {
  const good = gen("--example", "minimal", "--format", "configmaps");
  const before = await revision(page);
  await page.selectOption(byTestId("example-picker"), "minimal");
  await waitForRevision(page, before);
  assert.equal(await yamlText(page), good);
  await setSpec(page, (await editorValue(page)).replace("[workers]", "[workers"));
  const syntax = page.locator(`${byTestId("diagnostic")}[data-code^="TS00"]`).first();
  await syntax.waitFor();
  assert.equal(await syntax.getAttribute("data-severity"), "error");
  assert.ok(Number(await syntax.getAttribute("data-line")) > 0);
  assert.equal(await page.isVisible(byTestId("stale-badge")), true);
  assert.equal(await page.getAttribute(byTestId("preview"), "data-stale"), "true");
  assert.equal(await yamlText(page), good, "the last good YAML is still shown");
  assert.equal(await page.isVisible(byTestId("memory-stale-badge")), true, "the memory picture is stale too");
  // Fixing the text drops the badge.
  await setSpec(page, (await editorValue(page)).replace("[workers\n", "[workers]\n"));
  assert.equal(await page.isVisible(byTestId("stale-badge")), false);
  assert.equal(await yamlText(page), good);
});

/** What `trinocfg check --format json spec.toml` prints for `text` (it exits non-zero on problems). */
function checkJson(text) {
  const dir = mkdtempSync(path.join(tmpdir(), "trinocfg-web-"));
  try {
    writeFileSync(path.join(dir, "spec.toml"), text);
    const run = spawnSync(cli(), ["check", "--format", "json", "spec.toml"], { cwd: dir, encoding: "utf8" });
    assert.ok([0, 1, 2].includes(run.status), `check exited ${run.status}: ${run.stderr}`);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the diagnostics JSON parses, matches the list shown and is the CLI's report", async () => {
  const before = await revision(page);
  await page.selectOption(byTestId("example-picker"), "minimal");
  await waitForRevision(page, before);
  // An error (TM001) and warnings (TM003, TM008) at once.
  const text = (await editorValue(page))
    .replace("[workers]\n", '[workers]\nquery_max_memory_per_node = "100GB"\n')
    .replace("[coordinator]\n", '[coordinator]\nheap = "40%"\n');
  await setSpec(page, text);
  await page.locator(byTestId("diagnostic")).first().waitFor();

  const [download] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("download-diagnostics-json"))]);
  assert.equal(download.suggestedFilename(), "diagnostics.json");
  const json = readFileSync(await download.path(), "utf8");
  const report = JSON.parse(json);

  // The summary counts what the list shows, and the heading says the same counts.
  const shown = await page.$$eval(byTestId("diagnostic"), (items) =>
    items.map((i) => ({ code: i.dataset.code, severity: i.dataset.severity, line: Number(i.dataset.line) })),
  );
  assert.ok(shown.some((d) => d.severity === "error"), "the text has errors");
  assert.ok(shown.some((d) => d.severity === "warning"), "the text has warnings");
  const count = (severity) => shown.filter((d) => d.severity === severity).length;
  assert.deepEqual(report.summary, { errors: count("error"), warnings: count("warning") });
  const heading = page.locator(byTestId("diagnostics-summary"));
  assert.equal(Number(await heading.getAttribute("data-errors")), report.summary.errors);
  assert.equal(Number(await heading.getAttribute("data-warnings")), report.summary.warnings);
  assert.match(await heading.textContent(), new RegExp(`^${report.summary.errors} errors?, ${report.summary.warnings} warnings?$`));
  assert.deepEqual(
    report.diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.line ?? 0 })),
    shown,
  );
  assert.ok(report.diagnostics.every((d) => d.file === "spec.toml"));

  // Byte for byte what the CLI prints for the same text saved as spec.toml.
  assert.equal(json, checkJson(text));

  // The copy button gives the same text.
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url.replace(/\/$/, "") });
  await page.click(byTestId("copy-diagnostics-json"));
  await page.waitForFunction(() => /Diagnostics JSON copied/.test(document.querySelector('[data-testid="notice"]')?.textContent ?? ""));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), json);

  // A valid spec gives an empty report.
  await setSpec(page, readExample("minimal"));
  const [clean] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("download-diagnostics-json"))]);
  const empty = readFileSync(await clean.path(), "utf8");
  assert.deepEqual(JSON.parse(empty), {
    diagnostics: [],
    summary: { errors: 0, warnings: 0 },
    target: { release: 482, from: "spec", stated: false },
  });
  assert.equal(empty, checkJson(readExample("minimal")));
});

test("the text survives a reload", async () => {
  const edited = (await editorValue(page)).replace('name = "minimal"', 'name = "kept-after-reload"');
  await setSpec(page, edited);
  await page.reload();
  await page.waitForSelector(byTestId("yaml-preview"));
  assert.equal(await editorValue(page), edited);
  assert.match(await yamlText(page), /name: kept-after-reload-coordinator/);
});

test("a share link opens the same spec, over the saved one", async () => {
  const shared = (await editorValue(page)).replace("count = 2", "count = 7");
  await setSpec(page, shared);
  await page.click(byTestId("share-button"));
  const link = await page.inputValue(byTestId("share-link"));
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#spec=[A-Za-z0-9_-]+$/);
  // Something else in the editor (and in storage), then open the link in this tab…
  const before = await revision(page);
  await page.selectOption(byTestId("example-picker"), "fte-s3-eks");
  await waitForRevision(page, before);
  await page.goto(link);
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="editor"]')?.value === want,
    shared,
  );
  assert.match(await yamlText(page), /replicas: 7\n/);
  // …and in a new tab, where storage holds the other text.
  const other = await newPage(context);
  try {
    await open(other, link);
    assert.equal(await editorValue(other), shared);
    await other.goto(server.url);
    await other.waitForSelector(byTestId("editor"));
    // Without the fragment, storage wins again: opening a link saves nothing by itself, so
    // storage still holds the example picked last.
    assert.equal(await editorValue(other), readExample("fte-s3-eks"));
  } finally {
    await other.close();
  }
});

test("a first visit shows Generate mode's first render at once, inert until the module puts the same page in its place", async () => {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 950 } });
  try {
    const p = await newPage(ctx);
    const release = await holdWasm(p, "trinocfg_web");
    await p.goto(server.url);
    // Before the module: the first example, its preview and its diagnostics, not usable yet.
    await p.waitForSelector('#app[inert][aria-busy="true"] > [data-testid="app"]');
    assert.equal(await p.inputValue(byTestId("editor")), readExample("minimal"));
    assert.equal(await p.$eval(byTestId("example-picker"), (s) => s.value), "minimal");
    assert.match(await p.textContent(byTestId("preview")), /connector\.name=tpch/);
    assert.match(await p.textContent(byTestId("diagnostics-summary")), /\S/);
    assert.equal(
      await p.evaluate(() => {
        const t = document.querySelector('[data-testid="editor"]');
        t.focus();
        return document.activeElement === t;
      }),
      false,
      "the prerendered editor cannot take the focus",
    );
    assert.equal(await p.evaluate(() => window.__trinocfg?.mainStart), undefined);
    const prerendered = await markup(p, "#app");
    assert.equal(prerendered, await markup(p, "#prerender"));

    release();
    await p.waitForSelector(LIVE_APP);
    await p.waitForFunction(() => window.__trinocfg?.firstRender > 0);
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await p.$eval("#app", (a) => [a.inert, a.getAttribute("aria-busy")].join()), "false,");
    // The module's own first render is the page that was shown: the build took it from there.
    assert.equal(await markup(p, "#app"), prerendered);
    await p.focus(byTestId("editor"));
    const before = await revision(p);
    await p.keyboard.type("\n# typed");
    await waitForRevision(p, before);
    assert.match(await p.inputValue(byTestId("editor")), /# typed$/);
  } finally {
    await ctx.close();
  }
});

test("a module that fails to load replaces the prerendered page with the failure, and a retry starts the page", async () => {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 950 } });
  try {
    const p = await ctx.newPage();
    let fail = true;
    await p.route("**/trinocfg_web_bg.wasm", (route) => (fail ? route.abort() : route.continue()));
    await p.goto(server.url);
    const failed = await p.waitForSelector('#app > [data-testid="generate-loading"]');
    assert.match(await failed.textContent(), /could not be loaded .*switch to it again to retry/);
    assert.equal(await p.$eval("#app", (a) => [a.inert, a.getAttribute("aria-busy")].join()), "false,");
    assert.equal(await p.$(byTestId("editor")), null);
    fail = false;
    await p.evaluate(() => dispatchEvent(new CustomEvent("trinocfg-mode", { detail: "generate" })));
    await p.waitForSelector(LIVE_APP);
    assert.equal(await p.inputValue(byTestId("editor")), readExample("minimal"));
  } finally {
    await ctx.close();
  }
});

test("no prerendered page where Generate mode starts elsewhere: a saved spec, a shared link, Check mode", async () => {
  const saved = readExample("single-node-dev");
  const cases = [
    { name: "a saved spec", storage: saved, url: server.url, editor: saved },
    {
      name: "a share link",
      url: `${server.url}#spec=${Buffer.from(readExample("kafka-orders")).toString("base64url")}`,
      editor: readExample("kafka-orders"),
    },
    { name: "a link to Check mode", url: `${server.url}#check`, module: "trinocfg_check" },
    // Saved, but the first example: the prerendered page is the one the module starts on.
    { name: "the first example saved", storage: readExample("minimal"), url: server.url, editor: readExample("minimal"), prerendered: true },
  ];
  for (const c of cases) {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 950 } });
    try {
      if (c.storage) {
        await ctx.addInitScript((text) => localStorage.setItem("trinocfg.spec", text), c.storage);
      }
      const p = await newPage(ctx);
      const release = await holdWasm(p, c.module ?? "trinocfg_web");
      await p.goto(c.url);
      await p.waitForSelector(c.module ? "#check > .loading" : "#app > *");
      assert.equal(!!(await p.$('#app[inert] > [data-testid="app"]')), !!c.prerendered, c.name);
      if (!c.prerendered) {
        assert.equal(await p.$(byTestId("editor")), null, c.name);
      }
      release();
      await p.waitForSelector(LIVE_APP);
      if (c.editor) assert.equal(await p.inputValue(byTestId("editor")), c.editor, c.name);
    } finally {
      await ctx.close();
    }
  }
});

function readExample(name) {
  return readFileSync(path.join(ROOT, "fixtures/specs", `${name}.toml`), "utf8");
}

test("the page loads nothing from other hosts and logs no errors", async () => {
  assert.deepEqual(foreignRequests, []);
  assert.deepEqual(pageErrors, []);
});

test("screenshot of the loaded page", async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const shot = await newPage(context);
  try {
    await open(shot);
    const before = await revision(shot);
    await shot.selectOption(byTestId("example-picker"), "fte-s3-eks");
    await waitForRevision(shot, before);
    await shot.screenshot({ path: path.join(ARTIFACTS, "playground.png"), fullPage: true });
    await shot.setViewportSize({ width: 600, height: 900 });
    await shot.screenshot({ path: path.join(ARTIFACTS, "playground-narrow.png"), fullPage: true });
    // The narrow layout stacks the panes in one column.
    const [editor, preview] = await Promise.all(
      [".editor-pane", ".preview-pane"].map((s) => shot.locator(s).boundingBox()),
    );
    assert.ok(preview.y > editor.y + editor.height - 1, "preview below the editor when narrow");
  } finally {
    await shot.close();
  }
});

// ---------------------------------------------------------------------------------------
// Check mode: the user's own configuration, checked as `trinocfg check` checks it.

/** `trinocfg check --format json ARGS...` (it exits non-zero when it finds errors). */
function checkFilesJson(args, cwd = ROOT) {
  const r = spawnSync(cli(), ["check", "--format", "json", ...args], { cwd, encoding: "utf8", maxBuffer: 64 << 20 });
  assert.ok(r.stdout, `check ${args.join(" ")} printed no report: ${r.stderr}`);
  return JSON.parse(r.stdout).diagnostics;
}

/** A ustar archive of `[path, Buffer]` entries, written here (node has no tar of its own). */
function tarOf(files) {
  const parts = [];
  for (const [name, data] of files) {
    const h = Buffer.alloc(512);
    h.write(name, 0, 100, "utf8");
    h.write("0000644\0", 100);
    h.write("0000000\0", 108);
    h.write("0000000\0", 116);
    h.write(data.length.toString(8).padStart(11, "0") + "\0", 124);
    h.write("00000000000\0", 136);
    h.fill(" ", 148, 156);
    h[156] = 0x30;
    h.write("ustar\0", 257);
    h.write("00", 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    parts.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** Every file below `dir`, as `[relative path, Buffer]`, sorted. */
function filesBelow(dir, prefix = "") {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) out.push(...filesBelow(path.join(dir, entry.name), rel + "/"));
    else out.push([rel, readFileSync(path.join(dir, entry.name))]);
  }
  return out.sort(([a], [b]) => (a < b ? -1 : 1));
}

let checkPage;

const checkRevision = (p) => p.getAttribute(byTestId("check-results"), "data-revision").then(Number);

async function afterCheck(p, action) {
  const before = await checkRevision(p);
  await action();
  await p.waitForFunction(
    (prev) => Number(document.querySelector('[data-testid="check-results"]')?.dataset.revision ?? 0) > prev,
    before,
  );
}

/** Pastes `text` into the check editor (one input event), under `name` when one is given. */
async function pasteToCheck(p, text, name = "") {
  if (await p.$(byTestId("check-file-picker"))) {
    await afterCheck(p, () => p.click(byTestId("check-clear")));
  }
  if ((await p.inputValue(byTestId("check-name")).catch(() => null)) !== name) {
    await afterCheck(p, () => p.fill(byTestId("check-name"), name));
  }
  await afterCheck(p, () => p.fill(byTestId("editor"), text));
}

/** Drops a file of `bytes` named `name` on the check editor's pane. */
async function dropOnCheck(p, name, bytes) {
  await afterCheck(p, () =>
    p.evaluate(
      ({ name, bytes }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], name));
        document
          .querySelector('[data-testid="check-drop"]')
          .dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      { name, bytes: [...bytes] },
    ),
  );
}

/** The diagnostics listed: `[code, line, file]`. */
const listed = (p) =>
  p.$$eval('[data-testid="check-diagnostic"]', (els) =>
    els.map((e) => [e.dataset.code, Number(e.dataset.line), e.dataset.file]),
  );

const codesAndLines = (ds) => ds.map((d) => [d.code ?? d[0], d.line ?? d[1]]);

test("Check mode is its own module: fetched when first asked for, once, and Generate keeps its text", async () => {
  const p = await newPage(context);
  const fetched = [];
  p.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  try {
    await open(p);
    await setSpec(p, readExample("minimal"));
    assert.ok(fetched.some((f) => f.endsWith("/trinocfg_web_bg.wasm")), fetched.join(" "));
    assert.ok(!fetched.some((f) => f.includes("trinocfg_check")), `a first load fetches only Generate mode: ${fetched.join(" ")}`);
    for (let i = 0; i < 2; i++) {
      await p.click(byTestId("mode-check"));
      await p.waitForSelector('[data-testid="app"][data-mode="check"]');
      await p.waitForSelector(byTestId("check-results"));
      // One mode on the page at a time.
      assert.equal((await p.$$(byTestId("app"))).length, 1);
      assert.equal((await p.$$(byTestId("example-picker"))).length, 0);
      await p.click(byTestId("mode-generate"));
      await p.waitForSelector('[data-testid="app"][data-mode="generate"]');
      assert.equal((await p.$$(byTestId("app"))).length, 1);
      assert.equal(await editorValue(p), readExample("minimal"));
    }
    assert.equal(fetched.filter((f) => f.endsWith("/trinocfg_check_bg.wasm")).length, 1, fetched.join(" "));
  } finally {
    await p.close();
  }
});

test("Check mode: a link to it (#check) opens the page in Check mode, fetching only its module until Generate mode is asked for", async () => {
  const p = await newPage(context);
  const fetched = [];
  p.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  const wasm = (name) => fetched.filter((f) => f.endsWith(`/${name}_bg.wasm`)).length;
  try {
    await open(p, `${server.url}#check`);
    await p.waitForSelector('[data-testid="app"][data-mode="check"]');
    await p.waitForSelector(byTestId("check-results"));
    assert.equal((await p.$$(byTestId("app"))).length, 1);
    assert.equal(wasm("trinocfg_check"), 1, fetched.join(" "));
    assert.equal(wasm("trinocfg_web"), 0, `a visit in Check mode does not fetch Generate mode: ${fetched.join(" ")}`);
    // Neither mode's loading text is left on the page.
    assert.equal(await p.$$eval(".loading", (els) => els.filter((e) => e.offsetParent !== null).length), 0);

    // Import as spec before Generate mode's module is there: the spec reaches it once loaded.
    const values = readFileSync(path.join(ROOT, "fixtures/check/chart-values/clean.yaml"), "utf8");
    await pasteToCheck(p, values, "values.yaml");
    const imported = spawnSync(cli(), ["import", "-"], { input: values, encoding: "utf8" });
    assert.equal(imported.status, 0, imported.stderr);
    await p.click(byTestId("check-import"));
    await p.waitForSelector('[data-testid="app"][data-mode="generate"]');
    assert.equal(wasm("trinocfg_web"), 1, fetched.join(" "));
    const spec = await editorValue(p);
    // The spec `trinocfg import` writes, led by the notes as comments.
    const body = (t) => t.split("\n").filter((l) => !l.startsWith("#")).join("\n").trim();
    assert.equal(body(spec), body(imported.stdout));
    assert.match(spec, /^name = "production"$/m);
    // Back and forth: each module is fetched once.
    await p.click(byTestId("mode-check"));
    await p.waitForSelector('[data-testid="app"][data-mode="check"]');
    await p.click(byTestId("mode-generate"));
    await p.waitForSelector('[data-testid="app"][data-mode="generate"]');
    assert.equal(await editorValue(p), spec);
    assert.deepEqual([wasm("trinocfg_check"), wasm("trinocfg_web")], [1, 1], fetched.join(" "));
  } finally {
    await p.close();
  }
});

test("Check mode: a pasted config.properties shows check's diagnostics, marked in the gutter, with links to the rules", async () => {
  checkPage = await newPage(context);
  await open(checkPage);
  await checkPage.click(byTestId("mode-check"));
  await checkPage.waitForSelector(byTestId("check-results"));
  assert.match(await checkPage.textContent(byTestId("check-privacy")), /not saved and never put in a share link/);

  const file = "fixtures/check/etc/tp005-duplicate-key/config.properties";
  const expected = checkFilesJson([file]);
  assert.deepEqual(codesAndLines(expected), [["TP005", 8]]);
  await pasteToCheck(checkPage, readFileSync(path.join(ROOT, file), "utf8"));
  assert.deepEqual(codesAndLines(await listed(checkPage)), codesAndLines(expected));
  assert.match(await checkPage.textContent(byTestId("check-note")), /the pasted text: checked as the coordinator's config\.properties/);

  // The gutter marks line 8, at line 8's height.
  const markers = await checkPage.$$eval('[data-testid="gutter-marker"]', (els) =>
    els.map((e) => ({ line: Number(e.dataset.line), severity: e.dataset.severity, top: e.offsetTop })),
  );
  assert.equal(markers.length, 1);
  assert.equal(markers[0].line, 8);
  assert.equal(markers[0].severity, expected[0].severity);
  // Line 8 of the gutter spans 146..166 px (6 px padding, 20 px lines).
  assert.ok(markers[0].top >= 6 + 7 * 20 && markers[0].top + 8 <= 6 + 8 * 20, `${markers[0].top}`);

  // The code links to its documentation.
  const href = await checkPage.getAttribute(byTestId("rule-link"), "href");
  assert.ok(href.endsWith("docs/rules.md#tp005"), href);
  assert.match(readFileSync(path.join(ROOT, "docs/rules.md"), "utf8"), /^## TP005$/m);

  // Clicking the diagnostic puts the cursor on line 8.
  await checkPage.click(byTestId("check-jump"));
  const caret = await checkPage.$eval(byTestId("editor"), (t) => t.value.slice(0, t.selectionStart).split("\n").length);
  assert.equal(caret, 8);

  // Properties are coloured: keys and values.
  assert.ok((await checkPage.$$(".highlight .h-k")).length >= 8);

  // With a name, the same file is checked under it, as `trinocfg check config.properties` does.
  await pasteToCheck(checkPage, readFileSync(path.join(ROOT, "fixtures/check/etc/tf005-task-setting-under-query/config.properties"), "utf8"), "config.properties");
  assert.deepEqual(
    codesAndLines(await listed(checkPage)),
    codesAndLines(checkFilesJson(["fixtures/check/etc/tf005-task-setting-under-query/config.properties"])),
  );
  assert.match(await checkPage.textContent(byTestId("check-note")), /^config\.properties: checked as/);
});

test("Check mode: a pasted Kubernetes stream gives check's diagnostics", async () => {
  for (const name of ["td003-grace-period-too-short.yaml", "ta002-mysql-database-in-configmap.yaml", "tc003-kudu-removed-after-468.yaml"]) {
    const file = `fixtures/check/kubernetes/${name}`;
    const expected = checkFilesJson([file]);
    assert.ok(expected.length > 0, name);
    await pasteToCheck(checkPage, readFileSync(path.join(ROOT, file), "utf8"));
    assert.deepEqual(codesAndLines(await listed(checkPage)), codesAndLines(expected), name);
    assert.ok((await checkPage.$$(".highlight .h-k")).length > 10, "YAML keys coloured");
  }
});

test("Check mode: a dropped .tar of an etc/ tree is checked as `trinocfg check DIR`", async () => {
  for (const fixture of ["tm010-headroom-is-whole-heap", "tk002-url-credentials"]) {
    const dir = mkdtempSync(path.join(tmpdir(), "trinocfg-check-"));
    try {
      const files = filesBelow(path.join(ROOT, "fixtures/check/etc", fixture)).map(([rel, data]) => [`etc/${rel}`, data]);
      for (const [rel, data] of files) {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), data);
      }
      const expected = checkFilesJson(["."], dir);
      assert.ok(expected.length > 0, fixture);
      await dropOnCheck(checkPage, `${fixture}.tar`, tarOf(files));
      const shown = await listed(checkPage);
      assert.deepEqual(shown, expected.map((d) => [d.code, d.line, d.file]), fixture);
      assert.match(await checkPage.textContent(byTestId("check-title")), new RegExp(`${fixture}\\.tar`));
      // The editor shows the file of the first diagnostic, read only, marked at its line.
      assert.equal(await checkPage.inputValue(byTestId("check-file-picker")), expected[0].file);
      const text = readFileSync(path.join(dir, expected[0].file), "utf8");
      assert.equal(await checkPage.inputValue(byTestId("editor")), text);
      const lines = await checkPage.$$eval('[data-testid="gutter-marker"]', (els) => els.map((e) => Number(e.dataset.line)));
      assert.ok(lines.includes(expected[0].line), `${lines}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  // Secrets a diagnostic marks (here passwords in JDBC URLs) are not copied into the list, the
  // URL or the browser's storage.
  const results = await checkPage.textContent(byTestId("check-results"));
  assert.ok(!results.includes("B1llingPW") && !results.includes("CrmPW77"));
  assert.ok(!checkPage.url().includes("#"), checkPage.url());
  const stored = await checkPage.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.ok(!stored.includes("B1llingPW"));
});

test("Check mode: Import turns a dropped gen output into the spec `trinocfg import` writes", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "trinocfg-import-"));
  try {
    const out = path.join(dir, "out");
    const gen = spawnSync(cli(), ["gen", "--example", "kafka-orders", "--out", out], { encoding: "utf8" });
    assert.equal(gen.status, 0, gen.stderr);
    const imported = spawnSync(cli(), ["import", "."], { cwd: out, encoding: "utf8" });
    assert.equal(imported.status, 0, imported.stderr);
    const files = filesBelow(out).filter(([rel]) => !rel.startsWith("."));
    await dropOnCheck(checkPage, "kafka-orders.tar", tarOf(files));
    await checkPage.click(byTestId("check-import"));
    await checkPage.waitForSelector('[data-testid="app"][data-mode="generate"]');
    const spec = await checkPage.inputValue(byTestId("editor"));
    // The same spec, led by the notes as comments; the header names the archive.
    const body = (t) => t.split("\n").filter((l) => !l.startsWith("#")).join("\n").trim();
    assert.equal(body(spec), body(imported.stdout));
    assert.match(spec, /^# note: CPU is not part of Trino's files/m);
    assert.match(spec, /\[\[catalogs\.events\.topics\]\]/);
    // It generates without errors in the page.
    await checkPage.waitForSelector(byTestId("diagnostics-summary"));
    assert.equal(await checkPage.getAttribute(byTestId("diagnostics-summary"), "data-errors"), "0");
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await checkPage.click(byTestId("mode-check"));
  }
  // A spec is not imported: it is one already.
  await pasteToCheck(checkPage, readFileSync(path.join(ROOT, "fixtures/specs/minimal.toml"), "utf8"));
  assert.equal((await checkPage.$$(byTestId("check-import"))).length, 0);
});

test("Check mode: pasted Helm chart values give check's diagnostics at their lines", async () => {
  const file = "fixtures/check/chart-values/broken.yaml";
  const expected = checkFilesJson([file]);
  assert.ok(expected.some((d) => d.code === "TM001" && d.line === 16), JSON.stringify(expected));
  await pasteToCheck(checkPage, readFileSync(path.join(ROOT, file), "utf8"));
  assert.deepEqual(codesAndLines(await listed(checkPage)), codesAndLines(expected));
  assert.match(await checkPage.textContent(byTestId("check-note")), /read as values of the Trino Helm chart/);
  const lines = await checkPage.$$eval('[data-testid="gutter-marker"]', (els) => els.map((e) => Number(e.dataset.line)));
  assert.ok(lines.includes(16), `${lines}`);
});

test("Check mode: unknown input is refused with its help, never passed", async () => {
  const refused = async (what) => {
    assert.equal(await checkPage.getAttribute(byTestId("check-results"), "data-refused"), "true", what);
    assert.equal((await checkPage.$$(byTestId("check-diagnostic"))).length, 0, what);
    const summary = await checkPage.textContent(byTestId("check-summary"));
    assert.ok(!/0 errors|no problems/.test(summary), `${what}: ${summary}`);
    return checkPage.textContent(byTestId("check-refusal"));
  };
  await pasteToCheck(checkPage, "lorem ipsum dolor sit amet\nconsectetur adipiscing elit\n");
  assert.match(await refused("random text"), /looks like text of no known kind.*help: /s);
  await pasteToCheck(checkPage, "");
  assert.match(await refused("empty"), /the pasted text is empty/);
  await pasteToCheck(checkPage, "   \n# nothing\n");
  assert.match(await refused("comments only"), /is empty/);
  // Binary, dropped.
  await dropOnCheck(checkPage, "blob.bin", Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x81, 0x00, 0x07, 0x1b, 0x00]));
  assert.match(await refused("binary"), /help: /);
  // A damaged archive and a path that climbs out of it.
  await dropOnCheck(checkPage, "broken.tar", tarOf([["etc/config.properties", Buffer.from("coordinator=true\n")]]).subarray(0, 520));
  assert.match(await refused("truncated tar"), /truncated/);
  await dropOnCheck(checkPage, "evil.tar", tarOf([["../config.properties", Buffer.from("coordinator=true\n")]]));
  assert.match(await refused("path traversal"), /climbs out/);
  assert.deepEqual(pageErrors, []);
  await checkPage.screenshot({ path: path.join(ARTIFACTS, "check-mode.png") });
  await checkPage.close();
});
