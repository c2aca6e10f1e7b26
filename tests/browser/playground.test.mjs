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
import { byTestId, cli, DIST, EXAMPLES, gen, revision, ROOT, waitForRevision } from "./helpers.mjs";
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
  await p.waitForSelector(byTestId("app"));
}

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
